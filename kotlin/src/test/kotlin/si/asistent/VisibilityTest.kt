// What a parent or a student sees, from when and why (R-D1 … R-D11, R-C7, R-G1, R-G2), as an
// Android app developer uses it.
package si.asistent

import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

const val VISIBILITY_FACTS = """
{"families": [
  {"student": {"id": "ana", "birth_date": "2013-04-02", "class": "7.a", "level": "primary"},
   "relations": [{"guardian": "mama", "relationship": "parent"}, {"guardian": "oce", "relationship": "parent"}],
   "court_decisions": [{"reference": "I R 55/2025", "date": "2025-02-01", "final_on": "2025-03-01", "parent": "oce",
                        "effect": {"kind": "restricts_categories", "categories": ["absences"]}}]}],
 "staff": [{"staff": "razrednik", "role": "class_teacher", "class": "7.a"}]}
"""

fun visibilitySuite() = Suite("visibility").apply {
    val policy = Policy.defaults()
    val calendar = Calendar(policy)
    val facts = RightsFacts.fromJson(VISIBILITY_FACTS)
    val on = LocalDate.of(2026, 3, 27)
    val school = SchoolSettings(mealsThroughSystem = true, absenceExcusesAgreed = true)
    val mama = VisibilityViewer(ViewerWho.Guardian("mama"), "ana", Service.ZA_STARSE)
    val oce = VisibilityViewer(ViewerWho.Guardian("oce"), "ana", Service.MINIMALNI)
    val ana = VisibilityViewer(ViewerWho.Student("ana"), "ana", Service.MINIMALNI)
    // Friday 27 March 2026, 11:20 in Ljubljana (CET); the clocks go forward on Sunday.
    val friday = Instant.parse("2026-03-27T10:20:00Z")
    val grade = VisibilityItem("grade", "ana", friday, subject = "MAT")

    test("R-D1 R-D2 a parent sees Friday's grade from Monday 00:00 CEST, the student at once") {
        val p = visibleFrom(grade, mama, listOf(), calendar, facts, on, school, policy)
        assertEquals(VisibilityState.VISIBLE, p.state)
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), p.from)
        assertTrue("R-D1" in p.ruleIds)
        assertEquals("vidno od 30. 3. 2026 ob 00:00 (R-D1, R-D9, R-D11)", p.textSl)
        val s = visibleFrom(grade, ana, listOf(), calendar, facts, on, school, policy)
        assertEquals(friday, s.from)
        assertTrue("R-D2" in s.ruleIds)
    }

    test("R-D9 R-C7 a registration's viewer is paid only from the year's payment on") {
        val reg = Registration.register("mama", "ana", "os-prule", Service.ZA_STARSE, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2025, 9, 1))
        val unpaid = viewerFromRegistration(reg, on)
        assertEquals(VisibilityViewer(ViewerWho.Guardian("mama"), "ana", Service.MINIMALNI, null, true), unpaid)
        val hidden = visibleFrom(grade, unpaid, listOf(), calendar, facts, on, school, policy)
        assertEquals(VisibilityState.NEVER, hidden.state)
        assertTrue("R-C7" in hidden.ruleIds && "R-D9" in hidden.ruleIds, hidden.ruleIds.toString())
        val paid = reg.apply(RegistrationEvent.Pay(parseSchoolYear("2025/26")), LocalDate.of(2026, 3, 2), policy).registration
        val viewer = viewerFromRegistration(paid, on)
        assertEquals(Service.ZA_STARSE, viewer.service)
        assertFalse(viewer.unpaid)
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), visibleFrom(grade, viewer, listOf(), calendar, facts, on, school, policy).from)
        assertTrue(viewerFromRegistration(paid, LocalDate.of(2026, 3, 1)).unpaid)
    }

    test("R-D1 isVisibleAt: the core says whether the parent sees it at an instant") {
        val p = visibleFrom(grade, mama, listOf(), calendar, facts, on, school, policy)
        val monday = Instant.parse("2026-03-29T22:00:00Z")
        assertFalse(isVisibleAt(p, monday.minusSeconds(1)))
        assertTrue(isVisibleAt(p, monday))
        val hw = visibleFrom(VisibilityItem("homework", "ana", friday), mama, listOf(), calendar, facts, on, school, policy)
        assertFalse(isVisibleAt(hw, monday.plusSeconds(86_400 * 365)))
        val never = visibleFrom(grade, oce, listOf(), calendar, facts, on, school, policy)
        assertFalse(isVisibleAt(never, monday))
        val e = expectThrows<AsistentException.InvalidValue> { isVisibleAt(p.copy(from = null), monday) }
        assertEquals("visibility answer", e.what)
        assertEquals("visible", e.value)
        assertEquals("a visible answer has the instant it is visible from", e.reason)
        assertNull(e.index)
    }

    test("R-D9 MINIMALNI hides grades from parents; R-F4 rights hide absences with the decision") {
        val n = visibleFrom(grade, oce, listOf(), calendar, facts, on, school, policy)
        assertEquals(VisibilityState.NEVER, n.state)
        assertEquals("service", n.hidden)
        assertTrue("R-D9" in n.ruleIds)
        val excuse = VisibilityItem("absence_excuse", "ana", friday)
        val r = visibleFrom(excuse, oce.copy(service = Service.ZA_STARSE), listOf(), calendar, facts, on, school, policy)
        assertEquals("rights", r.hidden)
        assertEquals("I R 55/2025", r.decision?.reasons?.first { it.kind == "category_restricted" }?.basis?.reference)
    }

    test("R-D5 R-D6 R-D7 pending until the lesson closes or the class teacher forwards") {
        val hw = VisibilityItem("homework", "ana", friday)
        val p = visibleFrom(hw, mama, listOf(), calendar, facts, on, school, policy)
        assertEquals(VisibilityState.PENDING, p.state)
        assertEquals("lesson_close", p.waiting)
        assertNull(p.from)
        val remark = VisibilityItem("remark", "ana", friday, forwardedBy = "razrednik",
            forwardedAt = Instant.parse("2026-03-27T13:00:00Z"))
        assertEquals(Instant.parse("2026-03-27T13:00:00Z"),
            visibleFrom(remark, mama, listOf(), calendar, facts, on, school, policy).from)
    }

    test("R-D10 R-G1 R-G2 batch: the MINIMALNI student sees only the latest grade") {
        val older = VisibilityItem("grade", "ana", Instant.parse("2026-03-23T09:15:00Z"), subject = "SLJ")
        val meal = VisibilityItem("meal", "ana", friday)
        val rows = visibleFromMany(listOf(older, grade, meal), listOf(mama, ana), calendar, facts, on, school, policy)
        assertEquals(6, rows.size)
        val student = rows.filter { it.viewer == 1UL }
        assertEquals(listOf("not_latest_grade", null, null), student.map { it.answer.hidden })
        assertTrue("R-G2" in rows.last().answer.ruleIds)
        val ok = maySendAbsenceExcuse(mama, calendar, facts, on, school, policy)
        assertTrue(ok.allowed)
        assertTrue("R-G1" in ok.ruleIds)
        assertFalse(maySendAbsenceExcuse(mama, calendar, facts, on, school.copy(absenceExcusesAgreed = false), policy).allowed)
    }

    test("R-D1 R-D10 R-F4 the compact batch gives the full batch's answers as codes") {
        val older = VisibilityItem("grade", "ana", Instant.parse("2026-03-23T09:15:00Z"), subject = "SLJ")
        val absence = VisibilityItem("absence", "ana", friday)
        val items = listOf(older, grade, absence)
        val viewers = listOf(mama, ana, oce.copy(service = Service.ZA_STARSE))
        val glances = glanceMany(items, viewers, calendar, facts, on, school, policy)
        val rows = visibleFromMany(items, viewers, calendar, facts, on, school, policy)
        assertEquals(rows.map { Triple(it.item, it.viewer, it.answer.from) }, glances.map { Triple(it.item, it.viewer, it.from) })
        assertEquals(rows.map { it.answer.state }, glances.map { it.state })
        assertEquals(rows.map { it.answer.hidden ?: it.answer.waiting }, glances.map { it.cause })
        // The MINIMALNI student's older grade, the father's absences (court decision).
        assertEquals("not_latest_grade", glances[1].cause)
        assertEquals("rights", glances[8].cause)
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), glances[3].from)
        val e = expectThrows<AsistentException.UnknownItemKind> {
            glanceMany(listOf(grade, VisibilityItem("report_card", "ana", friday)), viewers, calendar, facts, on, school, policy)
        }
        assertEquals("report_card", e.input)
    }

    test("R-C7 nothing after the portal closed") {
        val closed = mama.copy(readableUntil = LocalDate.of(2026, 3, 26))
        val v = visibleFrom(grade, closed, listOf(), calendar, facts, on, school, policy)
        assertEquals("period", v.hidden)
        assertEquals(listOf("R-C7"), v.ruleIds)
    }

    test("R-G1 R-B4 R-C7 no excuse without the portal or after it closed") {
        val noPortal = mama.copy(service = Service.NO_ELECTRONIC_CONTACT)
        val n = maySendAbsenceExcuse(noPortal, calendar, facts, on, school, policy)
        assertFalse(n.allowed)
        assertEquals(listOf("R-B4", "R-C1", "R-G1"), n.ruleIds)
        val closed = maySendAbsenceExcuse(mama.copy(readableUntil = LocalDate.of(2026, 3, 26)), calendar, facts, on, school, policy)
        assertFalse(closed.allowed)
        assertEquals(listOf("R-C7", "R-G1"), closed.ruleIds)
        assertTrue(maySendAbsenceExcuse(mama.copy(readableUntil = on), calendar, facts, on, school, policy).allowed)
    }

    test("R-D11 a lesson closed before the entry is a typed error, with its position in a list") {
        val bad = VisibilityItem("homework", "ana", friday, lessonClosedAt = Instant.parse("2026-03-27T09:00:00Z"))
        val e = expectThrows<AsistentException.InvalidItem> {
            visibleFromMany(listOf(grade, bad), listOf(mama), calendar, facts, on, school, policy)
        }
        assertEquals(1UL, e.index)
        assertEquals("lesson_closed_before_entry", e.problem)
        assertEquals("ana", e.student)
        assertEquals("item 1: the homework of student `ana` has its lesson closed at 2026-03-27 09:00:00 UTC, before it was entered at 2026-03-27 10:20:00 UTC", e.reason)
    }

    test("R-D6 a remark forwarded by someone who is not the class teacher is a typed error") {
        val remark = VisibilityItem("remark", "ana", friday, forwardedBy = "ucitelj",
            forwardedAt = Instant.parse("2026-03-27T13:00:00Z"))
        val e = expectThrows<AsistentException.NotTheClassTeacher> {
            visibleFrom(remark, mama, listOf(), calendar, facts, on, school, policy)
        }
        assertEquals("ucitelj", e.by)
        assertEquals("7.a", e.studentClass)
        assertNull(e.index)
        assertEquals("the remark about student `ana` is recorded as forwarded by `ucitelj`, who is not the class teacher of 7.a on 2026-03-27: only the class teacher forwards remarks to parents (R-D6)", e.reason)
    }

    test("an unknown item kind is a typed error") {
        assertEquals("ocena", itemKindLabelSl("grade"))
        val e = expectThrows<AsistentException.UnknownItemKind> {
            visibleFrom(grade.copy(kind = "report_card"), mama, listOf(), calendar, facts, on, school, policy)
        }
        assertEquals("report_card", e.input)
        assertNull(e.index)
        assertTrue(e.reason.startsWith("`report_card` is not an item kind"), e.reason)
    }

    test("R-D10 a MINIMALNI student's grade asked without the other grades is a typed error") {
        val e = expectThrows<AsistentException.InvalidItem> {
            visibleFrom(grade, ana, null, calendar, facts, on, school, policy)
        }
        assertEquals("latest_grade_unknown", e.problem)
        assertEquals("ana", e.student)
        assertNull(e.index)
        assertTrue(e.reason.startsWith("the latest grade of student `ana` is not known"), e.reason)
        // Given the other grades (even none), the latest is seen and an older one is not.
        assertEquals(friday, visibleFrom(grade, ana, listOf(), calendar, facts, on, school, policy).from)
        val older = VisibilityItem("grade", "ana", Instant.parse("2026-03-23T09:15:00Z"), subject = "SLJ")
        assertEquals("not_latest_grade", visibleFrom(older, ana, listOf(grade), calendar, facts, on, school, policy).hidden)
        // A parent needs no other grades.
        assertEquals(VisibilityState.VISIBLE, visibleFrom(grade, mama, null, calendar, facts, on, school, policy).state)
    }

    test("R-D11 every batch error names the position of its item or viewer, in the field and the message") {
        val bad = VisibilityItem("report_card", "ana", friday)
        val kind = expectThrows<AsistentException.UnknownItemKind> {
            visibleFromMany(listOf(grade, bad), listOf(mama), calendar, facts, on, school, policy)
        }
        assertEquals(1UL, kind.index)
        assertTrue(kind.reason.startsWith("item 1: `report_card` is not an item kind"), kind.reason)
        val noStudent = expectThrows<AsistentException.InvalidValue> {
            glanceMany(listOf(grade, grade, grade.copy(student = "")), listOf(mama), calendar, facts, on, school, policy)
        }
        assertEquals("student ID", noStudent.what)
        assertEquals(2UL, noStudent.index)
        assertTrue(noStudent.reason.startsWith("item 2: "), noStudent.reason)
        val noId = expectThrows<AsistentException.InvalidValue> {
            visibleFromMany(listOf(grade), listOf(mama, mama.copy(who = ViewerWho.Guardian(""))), calendar, facts, on, school, policy)
        }
        assertEquals("guardian ID", noId.what)
        assertEquals(1UL, noId.index)
        assertTrue(noId.reason.startsWith("viewer 1: "), noId.reason)
        val other = expectThrows<AsistentException.InvalidItem> {
            visibleFromMany(listOf(grade), listOf(mama, VisibilityViewer(ViewerWho.Student("bor"), "ana", Service.MINIMALNI)),
                calendar, facts, on, school, policy)
        }
        assertEquals("viewer_of_another_student", other.problem)
        assertEquals(1UL, other.index)
        assertTrue(other.reason.startsWith("viewer 1: "), other.reason)
        // Outside a list there is no position.
        val single = expectThrows<AsistentException.InvalidValue> {
            visibleFrom(grade.copy(student = ""), mama, null, calendar, facts, on, school, policy)
        }
        assertNull(single.index)
    }
}
