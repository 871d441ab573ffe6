// GDPR requests (R-F7), controller and processor (R-F8), collections and retention (R-F9)
// as a school's Android app uses them.
package si.asistent

import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

fun gdprSuite() = Suite("gdpr").apply {
    val policy = Policy.defaults()
    fun request(kind: GdprRequestKind, recordKind: String, end: LocalDate? = null) = GdprRequest(
        standing = GdprStanding.PARENT_OF_MINOR, kind = kind, recordKind = recordKind,
        endOfSchooling = end, accuracyContested = false, consentWithdrawn = false,
    )

    test("R-F7 R-F9 erasure of certificates is refused naming the provision and the Commissioner") {
        val out = gdprDecide(policy, request(GdprRequestKind.ERASURE, "certificates"), LocalDate.of(2026, 11, 2))
        assertEquals(GdprDecision.REFUSED, out.decision)
        assertEquals(listOf("GDPR Art. 17(3)(b)", "ZOsn Art. 98"), out.provisions)
        assertEquals("Informacijski pooblaščenec", out.complaint?.nameSl)
        assertTrue(out.textSl.contains("trajno hrambo"), out.textSl)
        assertTrue(out.textEn.contains("permanently"), out.textEn)
        assertEquals(DataParty.SCHOOL, out.controller)
    }

    test("R-F9 the rest is deleted one year after schooling ends") {
        assertEquals(
            RetentionEnd.DeleteOn(LocalDate.of(2027, 6, 15)),
            deletionDate(policy, "counselling", LocalDate.of(2026, 6, 15)),
        )
        assertEquals(RetentionEnd.Permanent, deletionDate(policy, "progress", LocalDate.of(2026, 6, 15)))
        val out = gdprDecide(
            policy, request(GdprRequestKind.ERASURE, "parent_data", LocalDate.of(2026, 6, 15)), LocalDate.of(2026, 11, 2),
        )
        assertEquals(LocalDate.of(2027, 6, 15), out.deleteOn)
    }

    test("R-F9 four collections; physical abilities need consent; special categories marked") {
        val cs = statutoryCollections()
        assertEquals(listOf(1, 2, 3, 4), cs.map { it.point.toInt() })
        assertEquals(listOf(StatutoryCollection.PHYSICAL_ABILITIES), cs.filter { it.needsParentalConsent }.map { it.collection })
        assertTrue(cs.first { it.collection == StatutoryCollection.HELP_AND_COUNSELLING }.specialCategory)
        assertFalse(cs.first { it.collection == StatutoryCollection.STUDENTS_AND_PARENTS }.specialCategory)
    }

    test("R-F8 the vendor is controller only of subscribers' billing data") {
        assertEquals(DataRoles(DataParty.SCHOOL, DataParty.VENDOR), dataRoles(policy, "student_record"))
        assertEquals(DataRoles(DataParty.VENDOR, null), dataRoles(policy, "subscriber_billing"))
    }

    test("R-F7 restriction while contested; lifting needs telling the person first") {
        val out = gdprDecide(
            policy, request(GdprRequestKind.RESTRICTION, "parent_data").copy(accuracyContested = true), LocalDate.of(2026, 11, 2),
        )
        assertEquals(GdprDecision.GRANTED, out.decision)
        assertTrue(out.notifyBeforeLifting)
        assertNull(out.complaint)
        val r = GdprRestriction.start(policy, "parent_data", Instant.parse("2026-11-02T08:00:00Z"))
        val e = expectThrows<AsistentException.RestrictionStep> { r.lift(Instant.parse("2026-11-02T09:00:00Z")) }
        assertEquals("active", e.state)
        assertEquals("lift", e.event)
        assertEquals("the restriction on `parent_data` cannot be lifted before the person is told that it will be", e.reason)
        val lifted = r.notifyPerson(Instant.parse("2026-11-02T09:00:00Z")).lift(Instant.parse("2026-11-02T10:00:00Z"))
        assertEquals("lifted", lifted.state())
        assertFalse(lifted.isRestricted())
    }

    test("R-F7 a restriction is stored between its steps and read back") {
        val told = GdprRestriction.start(policy, "parent_data", Instant.parse("2026-11-02T08:00:00Z"))
            .notifyPerson(Instant.parse("2026-11-02T09:00:00Z"))
        assertEquals(listOf("R-F7"), told.lastStep()!!.rules)
        val back = GdprRestriction.fromJson(policy, told.toJson())
        assertEquals("lifting_notified", back.state())
        assertEquals("parent_data", back.recordKind())
        assertEquals(Instant.parse("2026-11-02T08:00:00Z"), back.since())
        assertEquals(Instant.parse("2026-11-02T09:00:00Z"), back.notifiedAt())
        assertNull(back.liftedAt())
        assertNull(back.lastStep())
        val lifted = back.lift(Instant.parse("2026-11-30T10:00:00Z"))
        assertEquals(Instant.parse("2026-11-30T10:00:00Z"), lifted.liftedAt())
        assertEquals("The restriction of processing is lifted.", lifted.lastStep()!!.textEn)
        val e = expectThrows<AsistentException.InvalidValue> { GdprRestriction.fromJson(policy, """{"state": "paused"}""") }
        assertEquals("stored restriction", e.what)
        assertTrue(e.reason.startsWith("the stored restriction cannot be read: "))
        // A record kind a later policy no longer lists still loads, to be told and lifted.
        assertEquals("old_kind", GdprRestriction.fromJson(policy, told.toJson().replace("parent_data", "old_kind")).recordKind())
        // A step dated before the previous one is refused.
        val early = expectThrows<AsistentException.RestrictionStep> { back.lift(Instant.parse("2026-11-02T08:30:00Z")) }
        assertEquals("lifting_notified", early.state)
        assertEquals("lift", early.event)
    }

    test("R-F9 bad input: an unknown record kind is a typed error") {
        val e = expectThrows<AsistentException.UnknownRecordKind> {
            gdprDecide(policy, request(GdprRequestKind.ERASURE, "report_cards"), LocalDate.of(2026, 11, 2))
        }
        assertEquals("report_cards", e.recordKind)
        assertTrue(e.known.startsWith("student_record, parent_data"), e.known)
        assertTrue(e.reason.startsWith("`report_cards` is not a record kind of the retention table"), e.reason)
    }
}
