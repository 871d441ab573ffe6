// Rights over a child's data (R-F1 … R-F8, R-D12, R-A6) as an Android app developer uses it.
package si.asistent

import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

const val RIGHTS_FACTS = """
{"families": [
  {"student": {"id": "ana", "birth_date": "2013-04-02", "class": "7.a", "level": "primary"},
   "relations": [{"guardian": "mama", "relationship": "parent"}, {"guardian": "oce", "relationship": "parent"},
                 {"guardian": "ocim", "relationship": "step_parent"}],
   "court_decisions": [{"reference": "I R 55/2025", "date": "2025-02-01", "final_on": "2025-03-01", "parent": "oce",
                        "effect": {"kind": "restricts_categories", "categories": ["absences"]}}],
   "bar_requests": [{"by": "mama", "against": "oce", "date": "2025-01-10"}],
   "entered_with_security_code": ["mama"]},
  {"student": {"id": "brat", "birth_date": "2016-05-05", "level": "primary"},
   "relations": [{"guardian": "oce", "relationship": "parent"}]},
  {"student": {"id": "dijak", "birth_date": "2007-03-10", "level": "secondary"},
   "relations": [{"guardian": "mama2", "relationship": "parent"}],
   "adult_statements": [{"date": "2025-09-05", "kind": "objects"}]}],
 "support_requests": [{"reference": "ZAHTEVA-2026-117", "vendor_staff": "podpora-1", "requested_on": "2026-11-19",
   "from": "2026-11-20", "until": "2026-11-27", "students": ["ana"], "categories": ["grades"],
   "purpose": "napačno povprečje ocen"}]}
"""

fun rightsSuite() = Suite("rights").apply {
    val facts = RightsFacts.fromJson(RIGHTS_FACTS)
    val policy = Policy.defaults()
    val today = LocalDate.of(2026, 11, 23)
    fun see(who: String, child: String, category: DataCategory, status: Boolean = false) = facts.decide(
        RightsQuestion(RightsPerson.Guardian(who), child, category, RightsAction.SEE, today, status), policy,
    )

    test("R-F4 a per-category restriction names the court decision; the bar request has no effect") {
        val d = see("oce", "ana", DataCategory.ABSENCES)
        assertFalse(d.allowed)
        assertEquals(Capacity.PARENT_WITH_CARE, d.capacity)
        val restricted = d.reasons.first { it.kind == "category_restricted" }
        assertEquals("R-F4", restricted.rule)
        assertEquals("I R 55/2025", restricted.basis?.reference)
        assertEquals(LocalDate.of(2025, 2, 1), restricted.basis?.date)
        assertTrue(d.reasons.any { it.kind == "bar_request_without_effect" })
        assertTrue(d.textSl.startsWith("NI DOVOLJENO"), d.textSl)
        assertTrue(d.textEn.contains("has no legal basis and has no effect"), d.textEn)
        assertTrue(see("oce", "ana", DataCategory.GRADES).allowed)
    }

    test("R-F2 R-F1 joint care for the mother, nothing for the step-father") {
        val mama = see("mama", "ana", DataCategory.GRADES)
        assertTrue(mama.allowed)
        assertTrue("R-F2" in mama.ruleIds)
        val ocim = see("ocim", "ana", DataCategory.GRADES)
        assertFalse(ocim.allowed)
        assertEquals(Capacity.NO_RIGHTS, ocim.capacity)
        assertEquals(listOf("R-F1"), ocim.ruleIds)
    }

    test("R-D12 an adult student who objected, and the status exception") {
        assertFalse(see("mama2", "dijak", DataCategory.ABSENCES).allowed)
        val status = see("mama2", "dijak", DataCategory.ABSENCES, status = true)
        assertTrue(status.allowed)
        assertTrue(status.reasons.any { it.kind == "status_exception" })
    }

    test("R-A6 one login, many children, each with what may be seen") {
        val kids = facts.childrenOf("oce", today, policy)
        assertEquals(listOf("ana", "brat"), kids.map { it.student })
        assertFalse(DataCategory.ABSENCES in kids[0].visible)
        assertEquals(11, kids[1].visible.size)
    }

    test("R-F6 R-F8 vendor access on the school's request produces an access record") {
        val at = Instant.parse("2026-11-23T09:00:00Z")
        val out = facts.access(RightsPerson.Vendor("podpora-1"), "ana", DataCategory.GRADES, RightsAction.SEE,
            "napačno povprečje ocen", at, policy)
        assertTrue(out.decision.allowed)
        assertEquals(listOf("R-F6", "R-F8"), out.record.rules)
        assertEquals(at, out.record.at)
        assertEquals("ZAHTEVA-2026-117", out.record.basis?.reference)
        assertTrue(out.record.json.contains("\"purpose\":\"napačno povprečje ocen\""), out.record.json)
        val denied = facts.access(RightsPerson.Vendor("podpora-1"), "ana", DataCategory.ABSENCES, RightsAction.SEE,
            "x", at, policy)
        assertFalse(denied.decision.allowed)
        assertFalse(denied.record.allowed)
    }

    test("R-F6 vendor access does not depend on the order of the school's requests") {
        fun request(reference: String, requestedOn: String, from: String, until: String) =
            "{\"reference\": \"$reference\", \"vendor_staff\": \"podpora-1\", \"requested_on\": \"$requestedOn\", " +
                "\"from\": \"$from\", \"until\": \"$until\", \"students\": [\"ana\"], \"categories\": [\"grades\"], " +
                "\"purpose\": \"napačno povprečje ocen\"}"
        val tooLong = request("ZAHTEVA-DOLGA", "2026-10-30", "2026-11-01", "2026-12-31")
        val valid = request("ZAHTEVA-KRATKA", "2026-11-09", "2026-11-10", "2026-11-12")
        val late = request("ZAHTEVA-POZNA", "2026-11-11", "2026-11-10", "2026-11-12")
        fun ask(vararg requests: String): RightsDecision {
            val json = RIGHTS_FACTS.substringBefore("\"support_requests\"") +
                "\"support_requests\": [" + requests.joinToString(", ") + "]}"
            return RightsFacts.fromJson(json).decide(
                RightsQuestion(RightsPerson.Vendor("podpora-1"), "ana", DataCategory.GRADES, RightsAction.SEE,
                    LocalDate.of(2026, 11, 11), false), policy,
            )
        }
        for (d in listOf(ask(tooLong, valid), ask(valid, tooLong))) {
            assertTrue(d.allowed, d.textEn)
            assertEquals(listOf("R-F6", "R-F8"), d.ruleIds)
        }
        val a = ask(tooLong, late)
        val b = ask(late, tooLong)
        assertFalse(a.allowed || b.allowed)
        assertEquals(a.textEn, b.textEn)
        assertTrue("ZAHTEVA-DOLGA" in a.textEn, a.textEn)
    }

    test("R-D2 R-C10 a student sees their own data under the rule of its category") {
        fun rules(c: DataCategory) = facts.decide(
            RightsQuestion(RightsPerson.Student("ana"), "ana", c, RightsAction.SEE, today, false), policy,
        ).ruleIds
        assertEquals(listOf("R-D2"), rules(DataCategory.GRADES))
        assertEquals(listOf("R-D3"), rules(DataCategory.ANNOUNCED_ASSESSMENTS))
        assertEquals(listOf("R-G2"), rules(DataCategory.MEALS))
        assertEquals(listOf("R-C10"), rules(DataCategory.ABSENCES))
    }

    test("R-F6 an allowed access enters the audit log; a refused one or a vendor without a request cannot") {
        val at = Instant.parse("2026-11-23T09:00:00Z")
        val key = PseudonymKey("OS Prule -- secret pseudonym key 2026".toByteArray())
        val log = AuditLog()
        val mama = facts.access(RightsPerson.Guardian("mama"), "ana", DataCategory.GRADES, RightsAction.SEE,
            "pregled ocen", at, policy)
        assertEquals(0uL, log.appendAccess(mama.record, key))
        val entry = log.entries()[0]
        assertEquals(AccessRole.GUARDIAN, entry.role)
        assertEquals(key.guardian("mama"), entry.actor)
        assertEquals(key.student("ana"), entry.subject)
        val vendor = facts.access(RightsPerson.Vendor("podpora-1"), "ana", DataCategory.GRADES, RightsAction.SEE,
            "napačno povprečje ocen", at, policy)
        assertTrue(auditEntryFromAccess(vendor.record, key).purpose.contains("ZAHTEVA-2026-117"))
        val noRequest = facts.access(RightsPerson.Vendor("podpora-1"), "ana", DataCategory.ABSENCES, RightsAction.SEE,
            "x", at, policy)
        val e = expectThrows<AsistentException.AuditFailed> { log.appendAccess(noRequest.record, key) }
        assertEquals("vendor_access_without_request", e.check)
        val oce = facts.access(RightsPerson.Guardian("oce"), "ana", DataCategory.ABSENCES, RightsAction.SEE,
            "pregled", at, policy)
        val refused = expectThrows<AsistentException.AuditFailed> { log.appendAccess(oce.record, key) }
        assertEquals("access_refused", refused.check)
        // A refused access made to look allowed, with an invented request, is not audited.
        val forged = oce.record.copy(allowed = true, basis = LegalBasis("ZAHTEVA-1", LocalDate.of(2026, 11, 1)))
        val edited = expectThrows<AsistentException.InvalidValue> { log.appendAccess(forged, key) }
        assertEquals("access record", edited.what)
        assertTrue(edited.reason.startsWith("its fields differ from its `json`"), edited.reason)
        expectThrows<AsistentException.InvalidValue> { auditEntryFromAccess(mama.record.copy(purpose = "x"), key) }
        assertTrue(refused.reason.contains("R-F4"), refused.reason)
        assertEquals(1uL, log.size())
        val report = log.reportFor(key.student("ana"), at.minusSeconds(60), at.plusSeconds(60))
        assertEquals(listOf(key.guardian("mama")), report.map { it.entry.actor })
    }

    test("R-C6 batch: every guardian, child and category in one call; the child cannot set the service") {
        val all = facts.decideEveryGuardian(RightsAction.SEE, today, policy)
        assertEquals(5 * 11, all.size)
        val many = facts.decideMany(listOf(
            RightsQuestion(RightsPerson.Student("ana"), "ana", DataCategory.SERVICE_CHOICE, RightsAction.CHANGE, today, false),
            RightsQuestion(RightsPerson.Guardian("mama"), "ana", DataCategory.SERVICE_CHOICE, RightsAction.CHANGE, today, false),
        ), policy)
        assertEquals(listOf(false, true), many.map { it.allowed })
        assertEquals(listOf("R-C6"), many[0].ruleIds)
    }

    test("a question dated before the child's birth is a typed error") {
        val e = expectThrows<AsistentException.DatedBeforeBirth> {
            facts.decide(RightsQuestion(RightsPerson.Guardian("mama"), "ana", DataCategory.GRADES, RightsAction.SEE,
                LocalDate.of(2012, 1, 1), false), policy)
        }
        assertEquals("ana", e.student)
        assertEquals("2012-01-01", e.date)
        assertEquals("2013-04-02", e.birthDate)
        assertEquals("the question of student `ana` is dated 2012-01-01, before the child's birth on 2013-04-02", e.reason)
    }

    test("a court decision dated before the child's birth is a typed error") {
        val bad = RIGHTS_FACTS.replace("\"date\": \"2025-02-01\"", "\"date\": \"2010-02-01\"")
        val e = expectThrows<AsistentException.DatedBeforeBirth> { RightsFacts.fromJson(bad) }
        assertEquals("court decision `I R 55/2025`", e.what)
        assertEquals("2010-02-01", e.date)
    }

    test("a relationship to oneself is a typed error") {
        val bad = RIGHTS_FACTS.replace("{\"guardian\": \"ocim\"", "{\"guardian\": \"ana\"")
        val e = expectThrows<AsistentException.RelationshipToSelf> { RightsFacts.fromJson(bad) }
        assertEquals("ana", e.id)
        assertEquals("step_parent", e.relationship)
        assertEquals("`ana` is recorded as the step_parent of themselves: a relationship needs two different people", e.reason)
    }

    test("R-F5 categories carry their Slovenian labels") {
        assertEquals("ocene", categoryLabelSl(DataCategory.GRADES))
        assertEquals("izostanki", categoryLabelSl(DataCategory.ABSENCES))
        assertTrue(DataCategory.entries.all { categoryLabelSl(it).isNotBlank() })
        assertEquals(DataCategory.entries.size, DataCategory.entries.map { categoryLabelSl(it) }.toSet().size)
    }

    test("an unknown category is a typed error") {
        assertEquals(DataCategory.ANNOUNCED_ASSESSMENTS, parseCategory("announced_assessments"))
        val e = expectThrows<AsistentException.UnknownCategory> { parseCategory("report_cards") }
        assertEquals("report_cards", e.input)
        assertTrue(e.reason.startsWith("`report_cards` is not a data category"), e.reason)
        val f = expectThrows<AsistentException.InvalidFacts> {
            RightsFacts.fromJson(RIGHTS_FACTS.replace("[\"absences\"]", "[\"report_cards\"]"))
        }
        assertTrue(f.field.startsWith("line "), f.field)
        assertTrue(f.reason.contains("unknown variant `report_cards`"), f.reason)
    }
}
