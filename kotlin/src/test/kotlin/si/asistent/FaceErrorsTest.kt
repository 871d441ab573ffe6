// Errors of list and batch calls name the bad entry, as an Android app developer meets
// them: `index` (from 0) where the error has one, and a reason that starts with the entry's
// position; the planner names a refused event by the ID it was given.
package si.asistent

import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

fun faceErrorsSuite() = Suite("face errors").apply {
    val policy = Policy.defaults()
    val facts = RightsFacts.fromJson(NOTIFY_FACTS)
    val today = LocalDate.of(2026, 11, 23)
    fun question(student: String) =
        RightsQuestion(RightsPerson.Guardian("mama"), student, DataCategory.GRADES, RightsAction.SEE, today, false)

    test("R-F1 decideMany names the question of an unknown student") {
        val e = expectThrows<AsistentException.InvalidFacts> {
            facts.decideMany(listOf(question("ana"), question("ana"), question("bor")), policy)
        }
        assertEquals("bor", e.field)
        assertEquals("question 2: student `bor` is not in the school's facts", e.reason)
        // One question alone: no position.
        val one = expectThrows<AsistentException.InvalidFacts> { facts.decide(question("bor"), policy) }
        assertEquals("student `bor` is not in the school's facts", one.reason)
    }

    test("R-F1 decideMany names the question whose student ID is malformed") {
        val e = expectThrows<AsistentException.InvalidValue> {
            facts.decideMany(listOf(question(""), question("ana")), policy)
        }
        assertEquals("student ID", e.what)
        assertEquals("", e.value)
        assertEquals(0UL, e.index)
        assertEquals("question 0: `` is not a valid student ID: it is empty", e.reason)
    }

    var reg = Registration.register("mama", "ana", "os-prule", Service.ZA_STARSE, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2026, 9, 1))
    reg = reg.apply(RegistrationEvent.Pay(parseSchoolYear("2026/27")), LocalDate.of(2026, 9, 5), policy).registration
    fun recipient(id: String) =
        NotifyRecipient(id, false, NotifyMode.DAILY, listOf(NotifyChannel.EMAIL), "$id@example.si", null, null, NotifyLanguage.SL, false)
    val household = NotifyHousehold(listOf(recipient("mama")), listOf(NotifyChild("ana", "Ana", reg, listOf("mama"))))
    val grade = NotifyEvent(3uL, "ana", Instant.parse("2026-11-16T10:00:00Z"), NotifyEventKind.Grade("matematika", 5u))
    val from = LocalDate.of(2026, 11, 1)
    val until = LocalDate.of(2026, 11, 30)

    test("R-D7 the planner names a refused event by its ID, not by its position") {
        // The lesson closed ten minutes before the praise was entered.
        val praise = NotifyEvent(42uL, "ana", Instant.parse("2026-11-17T08:40:00Z"),
            NotifyEventKind.Observation(ObservationKind.PRAISE, "Pomagala je sošolcu", Instant.parse("2026-11-17T08:30:00Z")))
        val e = expectThrows<AsistentException.EventRefused> {
            planNotices(household, listOf(grade, praise), from, until, facts, policy)
        }
        assertEquals(42UL, e.event)
        assertEquals("lesson_closed_before_entry", e.problem)
        assertEquals("ana", e.student)
        assertEquals(
            "event 42: the praise of student `ana` has its lesson closed at 2026-11-17 08:30:00 UTC, before it was entered at 2026-11-17 08:40:00 UTC",
            e.reason,
        )
    }

    test("planNotices names a bad event, recipient and child by position and ID") {
        val bad = NotifyEvent(9uL, "", Instant.parse("2026-11-16T10:00:00Z"), NotifyEventKind.Grade("matematika", 5u))
        val e = expectThrows<AsistentException.InvalidValue> {
            planNotices(household, listOf(grade, bad), from, until, facts, policy)
        }
        assertEquals("student ID", e.what)
        assertEquals(1UL, e.index)
        assertEquals("event 1 (ID 9): `` is not a valid student ID: it is empty", e.reason)
        val r = expectThrows<AsistentException.InvalidValue> {
            planNotices(NotifyHousehold(listOf(recipient("mama"), recipient("")), household.children), listOf(grade), from, until, facts, policy)
        }
        assertEquals("guardian ID", r.what)
        assertEquals(1UL, r.index)
        assertEquals("recipient 1 (``): `` is not a valid guardian ID: it is empty", r.reason)
        val c = expectThrows<AsistentException.InvalidValue> {
            planNotices(NotifyHousehold(household.recipients, listOf(NotifyChild("ana", "Ana", reg, listOf("mama", "")))), listOf(grade), from, until, facts, policy)
        }
        assertEquals(0UL, c.index)
        assertEquals("child 0 (`ana`): `` is not a valid guardian ID: it is empty", c.reason)
    }

    test("R-A10 smsCostReport names the sent message with a bad recipient") {
        val nov = Instant.parse("2026-11-10T12:00:00Z")
        val e = expectThrows<AsistentException.InvalidValue> {
            smsCostReport(listOf(SentSms("mama", "ana", nov, "a"), SentSms("mama", "ana", nov, "b"), SentSms("", "ana", nov, "c")), policy)
        }
        assertEquals("guardian ID", e.what)
        assertEquals(2UL, e.index)
        assertEquals("sent message 2: `` is not a valid guardian ID: it is empty", e.reason)
    }

    val fast = Policy.fromJson("""{"verify": {"code_iterations": 100000, "password_iterations": 100000}}""")

    test("R-B2 R-B9 the sheet and the overview name the bad entry") {
        val issued = issueSecurityCode("ana", "mark", "os-prule", emptyList(), Instant.parse("2026-09-03T17:00:00Z"), fast)
        val good = SheetEntry("Ana Novak", "Mark Novak", "7.a", issued.code, issued.recordJson)
        val json = expectThrows<AsistentException.InvalidValue> {
            securityCodeSheet("OŠ Prule", listOf(good, SheetEntry("Eva", "Bor", "7.a", issued.code, "{")), fast)
        }
        assertEquals("security code record", json.what)
        assertEquals("{", json.value)
        assertEquals(1UL, json.index)
        assertTrue(json.reason.startsWith("entry 1: the security code record JSON is not readable"), json.reason)
        val code = expectThrows<AsistentException.MalformedCode> {
            securityCodeSheet("OŠ Prule", listOf(good, SheetEntry("Eva", "Bor", "7.a", SecretText("12"), issued.recordJson)), fast)
        }
        assertEquals("security code", code.what)
        assertTrue(code.reason.startsWith("entry 1: "), code.reason)
        val overview = expectThrows<AsistentException.InvalidValue> {
            classOverview(listOf(OverviewEntry("7.a", "ana", "Ana", "Mark", null), OverviewEntry("7.a", "", "Eva", "Bor", null)))
        }
        assertEquals("guardian ID", overview.what)
        assertEquals(1UL, overview.index)
        assertEquals("entry 1: `` is not a valid guardian ID: it is empty", overview.reason)
    }

    test("R-A8 credentials name the student entry with a bad contact") {
        val ok = StudentCredentials("s1", "Mark Novak", "7.a", "mark.novak", null, false, false, null, null)
        val bad = StudentCredentials("s2", "Eva Kranjc", "7.a", "eva.kranjc", null, false, false, "ni-naslov", null)
        val e = expectThrows<AsistentException.InvalidContact> { credentialsPrintout(listOf(ok, bad), false) }
        assertEquals("email", e.kind)
        assertEquals("ni-naslov", e.input)
        assertTrue(e.reason.startsWith("student 1: "), e.reason)
        val id = expectThrows<AsistentException.InvalidValue> {
            credentialsPrintout(listOf(ok, StudentCredentials("", "X", "7.a", "x", null, false, false, null, null)), false)
        }
        assertEquals(1UL, id.index)
        assertEquals("student 1: `` is not a valid student ID: it is empty", id.reason)
        assertNull(expectThrows<AsistentException.InvalidValue> { parseSchoolYear("2026") }.index)
    }

    test("R-C2 R-C3 R-B1 R-A3 quotes, recipients, previous codes and children name the bad entry") {
        val order = expectThrows<AsistentException.InvalidValue> {
            quoteFamily(policy, parseSchoolYear("2026/27"), listOf(ChildOrder("ana", Service.POPOLNI), ChildOrder("", Service.MINIMALNI)), 1u)
        }
        assertEquals("student ID", order.what)
        assertEquals(1UL, order.index)
        assertEquals("order 1: `` is not a valid student ID: it is empty", order.reason)
        val guardian = expectThrows<AsistentException.InvalidValue> { notificationRecipients(Service.ZA_STARSE, listOf("", "oce")) }
        assertEquals(0UL, guardian.index)
        assertEquals("guardian 0: `` is not a valid guardian ID: it is empty", guardian.reason)
        val previous = expectThrows<AsistentException.InvalidValue> {
            issueSecurityCode("ana", "mark", "os-prule", listOf("{"), Instant.parse("2026-09-03T17:00:00Z"), fast)
        }
        assertEquals("security code record", previous.what)
        assertEquals(0UL, previous.index)
        assertTrue(previous.reason.startsWith("previous record 0: the security code record JSON is not readable"), previous.reason)
        val child = expectThrows<AsistentException.InvalidValue> { resetChildPassword(true, listOf("mark", ""), "mark", fast) }
        assertEquals("student ID", child.what)
        assertEquals(1UL, child.index)
        assertEquals("child 1: `` is not a valid student ID: it is empty", child.reason)
    }
}
