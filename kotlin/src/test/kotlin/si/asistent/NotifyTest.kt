// The notification planner (R-E1 … R-E7, R-C3, R-C7, R-A10) as an Android app developer
// uses it: one household's November 2026, both modes, typed errors.
package si.asistent

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertTrue

const val NOTIFY_FACTS = """
{"families": [{"student": {"id": "ana", "birth_date": "2014-03-09", "level": "primary"},
  "relations": [{"guardian": "mama", "relationship": "parent"},
                {"guardian": "oce", "relationship": "parent"}]}]}
"""

fun notifySuite() = Suite("notify").apply {
    val policy = Policy.defaults()
    val facts = RightsFacts.fromJson(NOTIFY_FACTS)
    val from = LocalDate.of(2026, 11, 1)
    val until = LocalDate.of(2026, 11, 30)

    fun household(paid: Boolean = true, mamaPhone: String? = "+38640111222"): NotifyHousehold {
        var reg = Registration.register("mama", "ana", "os-prule", Service.ZA_STARSE, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2026, 9, 1))
        if (paid) reg = reg.apply(RegistrationEvent.Pay(parseSchoolYear("2026/27")), LocalDate.of(2026, 9, 5), policy).registration
        return NotifyHousehold(
            listOf(
                NotifyRecipient("mama", false, NotifyMode.DAILY, listOf(NotifyChannel.EMAIL, NotifyChannel.SMS),
                    "mama@example.si", mamaPhone, QuietHours("22:00", "07:00"), NotifyLanguage.SL, false),
                NotifyRecipient("oce", false, NotifyMode.WEEKLY, listOf(NotifyChannel.EMAIL),
                    "oce@example.si", null, null, NotifyLanguage.EN, false),
            ),
            listOf(NotifyChild("ana", "Ana", reg, listOf("mama", "oce"))),
        )
    }

    val events = listOf(
        // Thursday 12 November 10:05 in Ljubljana.
        NotifyEvent(1uL, "ana", Instant.parse("2026-11-12T09:05:00Z"), NotifyEventKind.Absence(LocalDate.of(2026, 11, 12), 2u)),
        NotifyEvent(3uL, "ana", Instant.parse("2026-11-16T10:00:00Z"), NotifyEventKind.Grade("matematika", 5u)),
        NotifyEvent(8uL, "ana", Instant.parse("2026-11-10T13:00:00Z"), NotifyEventKind.AnnouncedAssessment("matematika", LocalDate.of(2026, 11, 26))),
    )

    test("R-E2 R-E3 R-C3 daily and weekly notices of one household") {
        val plan = planNotices(household(), events, from, until, facts, policy)
        val mamaEmail = plan.notices.filter { it.recipient == "mama" && it.channel == NotifyChannel.EMAIL }
        assertEquals(
            listOf(
                Triple(NoticeKind.ABSENCES, Instant.parse("2026-11-13T15:00:00Z"), listOf(1uL)),
                Triple(NoticeKind.ASSESSMENT_DIGEST, Instant.parse("2026-11-13T15:00:00Z"), listOf(8uL)),
                Triple(NoticeKind.GRADES, Instant.parse("2026-11-19T15:00:00Z"), listOf(3uL)),
                Triple(NoticeKind.ASSESSMENT_DIGEST, Instant.parse("2026-11-20T15:00:00Z"), listOf(8uL)),
            ),
            mamaEmail.map { Triple(it.kind, it.sendAt, it.items) },
        )
        assertEquals("mojAsistent: Ana, izostanki: 12. 11. 2026 (2 uri).", mamaEmail[0].text)
        val oce = plan.notices.filter { it.recipient == "oce" }
        assertTrue(oce.all { it.kind == NoticeKind.WEEKLY_SUMMARY || it.kind == NoticeKind.ASSESSMENT_DIGEST })
        assertTrue(oce.any { it.text.startsWith("mojAsistent: Ana, weekly summary, 18 Nov 2026.") })
        assertTrue(plan.notices.first().reasons.contains("R-E1"))
        // R-D1: a grade's notification comes with its visibility on D+3, and names R-D1.
        assertTrue(mamaEmail.all { it.reasons.contains("R-D1") == (it.kind == NoticeKind.GRADES) })
    }

    test("R-D1 R-E3 a weekly summary that carries a grade names R-D1") {
        val plan = planNotices(household(), events, from, until, facts, policy)
        val summaries = plan.notices.filter { it.recipient == "oce" && it.kind == NoticeKind.WEEKLY_SUMMARY }
        assertTrue(summaries.any { 3uL in it.items })
        for (n in summaries) assertEquals(3uL in n.items, "R-D1" in n.reasons, n.items.toString())
    }

    test("R-A10 R-E4 SMS notices carry their cost; the plan has a cost report") {
        val plan = planNotices(household(), events, from, until, facts, policy)
        val sms = plan.notices.filter { it.channel == NotifyChannel.SMS }
        assertEquals(4, sms.size)
        assertTrue(sms.all { it.sms != null })
        assertEquals(sms.sumOf { it.sms!!.count.segments.toLong() }.toULong(), plan.smsCost.segments)
        assertEquals(BigDecimal("0.20"), plan.smsCost.total)
    }

    test("R-C7 R-E6 nothing outside the paid school year") {
        val plan = planNotices(household(paid = false), events, from, until, facts, policy)
        assertTrue(plan.notices.isEmpty())
        assertTrue(plan.withheld.all { it.reason == "R-C7" })
    }

    test("R-E5 a student gets no email or SMS notices") {
        val h = household()
        val student = NotifyRecipient("ana", true, NotifyMode.DAILY, listOf(NotifyChannel.EMAIL), "ana@example.si", null, null, NotifyLanguage.SL, false)
        val plan = planNotices(NotifyHousehold(h.recipients + student, h.children), events, from, until, facts, policy)
        assertTrue(plan.notices.none { it.recipient == "ana" })
        assertTrue(plan.withheld.filter { it.recipientIsStudent }.all { it.reason == "R-E5" })
    }

    test("bad input: an event in an unknown school year") {
        val late = NotifyEvent(77uL, "ana", Instant.parse("2027-09-03T07:00:00Z"), NotifyEventKind.Grade("zgodovina", 4u))
        val e = expectThrows<AsistentException.UnknownSchoolYear> { planNotices(household(), listOf(late), from, until, facts, policy) }
        assertEquals(77uL, e.event)
        assertEquals("2027/28", e.eventYear)
        assertEquals("2026/27", e.planned)
        assertEquals("event 77 was entered on 2027-09-03, in school year 2027/28: a plan for 2026/27 takes events entered in 2026/27 or 2025/26", e.reason)
    }

    test("R-E2 R-D1 R-E6 notices due in the next school year go out in its plan") {
        var reg = Registration.register("mama", "ana", "os-prule", Service.ZA_STARSE, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2025, 9, 1))
        for (y in listOf("2025/26", "2026/27")) reg = reg.apply(RegistrationEvent.Pay(parseSchoolYear(y)), LocalDate.of(2025, 9, 5), policy).registration
        val h = NotifyHousehold(
            listOf(NotifyRecipient("mama", false, NotifyMode.DAILY, listOf(NotifyChannel.EMAIL), "mama@example.si", null, null, NotifyLanguage.SL, false)),
            listOf(NotifyChild("ana", "Ana", reg, listOf("mama"))),
        )
        val boundary = listOf(
            // Monday 31 August 2026 10:00 and Sunday 30 August 18:00 in Ljubljana.
            NotifyEvent(1uL, "ana", Instant.parse("2026-08-31T08:00:00Z"), NotifyEventKind.Absence(LocalDate.of(2026, 8, 31), 2u)),
            NotifyEvent(2uL, "ana", Instant.parse("2026-08-30T16:00:00Z"), NotifyEventKind.Grade("matematika", 5u)),
        )
        val old = planNotices(h, boundary, LocalDate.of(2025, 9, 1), LocalDate.of(2026, 8, 31), facts, policy)
        assertTrue(old.notices.isEmpty())
        val plan = planNotices(h, boundary, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30), facts, policy)
        assertEquals(
            listOf(
                Triple(NoticeKind.ABSENCES, Instant.parse("2026-09-01T14:00:00Z"), listOf(1uL)),
                Triple(NoticeKind.GRADES, Instant.parse("2026-09-02T14:00:00Z"), listOf(2uL)),
            ),
            plan.notices.map { Triple(it.kind, it.sendAt, it.items) },
        )
        val tooOld = NotifyEvent(3uL, "ana", Instant.parse("2025-08-29T07:00:00Z"), NotifyEventKind.Grade("zgodovina", 4u))
        val e = expectThrows<AsistentException.UnknownSchoolYear> {
            planNotices(h, listOf(tooOld), LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30), facts, policy)
        }
        assertEquals("2024/25", e.eventYear)
        assertEquals("2026/27", e.planned)
    }

    test("bad input: a recipient without a contact for the chosen channel") {
        val e = expectThrows<AsistentException.MissingContact> { planNotices(household(mamaPhone = null), events, from, until, facts, policy) }
        assertEquals("mama", e.recipient)
        assertEquals(NotifyChannel.SMS, e.channel)
        assertEquals("guardian mama chose SMS notices but has no mobile number", e.reason)
    }

    test("bad input: an empty or oversized text") {
        val empty = NotifyEvent(50uL, "ana", Instant.parse("2026-11-05T08:00:00Z"), NotifyEventKind.Grade(" ", 2u))
        val e = expectThrows<AsistentException.EmptyText> { planNotices(household(), listOf(empty), from, until, facts, policy) }
        assertEquals(50uL, e.event)
        assertEquals("subject", e.field)
        assertEquals("event 50 has an empty subject: there is nothing to tell", e.reason)
        val long = NotifyEvent(51uL, "ana", Instant.parse("2026-11-05T08:00:00Z"),
            NotifyEventKind.Observation(ObservationKind.COMMENT, "Več o tem na govorilnih urah. ".repeat(40), Instant.parse("2026-11-05T08:45:00Z")))
        val t = expectThrows<AsistentException.TextTooLong> { planNotices(household(), listOf(long), from, until, facts, policy) }
        assertEquals(NotifyChannel.SMS, t.channel)
        assertEquals(1227uL, t.characters)
        assertTrue(t.reason.endsWith("the SMS text needs 19 segments (UCS-2, 1227 units), more than the 10 allowed"))
        val q = expectThrows<AsistentException.InvalidValue> {
            val h = household()
            planNotices(NotifyHousehold(listOf(h.recipients[0].copy(quietHours = QuietHours("25:00", "07:00"))), h.children), events, from, until, facts, policy)
        }
        assertEquals("time", q.what)
    }
}
