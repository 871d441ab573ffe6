// The calendar (R-E7) as an Android app developer uses it.
package si.asistent

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

fun calendarSuite() = Suite("calendar").apply {
    val calendar = Calendar(Policy.defaults())

    test("R-E7 Prešeren Day is not a working day, the next one is") {
        val presernov = LocalDate.of(2027, 2, 8)
        assertFalse(calendar.isWorkingDay(presernov))
        assertEquals(LocalDate.of(2027, 2, 9), calendar.nextWorkingDay(presernov))
        assertEquals("Prešernov dan, slovenski kulturni praznik", calendar.workFreeDay(presernov)?.nameSl)
    }

    test("R-E7 the work-free days of 2026 with their names and kinds") {
        val days = calendar.workFreeDays(2026)
        assertEquals(15, days.size)
        assertEquals(LocalDate.of(2026, 4, 6), days.first { it.nameEn == "Easter Monday" }.date)
        assertTrue(days.all { it.kind == WorkFreeKind.STATUTORY })
        assertEquals(WorkFreeKind.ONE_OFF, calendar.workFreeDay(LocalDate.of(2023, 8, 14))?.kind)
        assertNull(calendar.workFreeDay(LocalDate.of(2015, 1, 2)))
    }

    test("R-E7 adding working days skips Christmas") {
        assertEquals(LocalDate.of(2026, 12, 31), calendar.addWorkingDays(LocalDate.of(2026, 12, 23), 5u))
        assertEquals(5u, calendar.workingDaysBetween(LocalDate.of(2026, 12, 23), LocalDate.of(2026, 12, 31)))
    }

    test("R-E7 an instant late on a winter evening is the next local day") {
        assertEquals(LocalDate.of(2026, 1, 15), localDate(Instant.parse("2026-01-14T23:30:00Z")))
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), localMidnight(LocalDate.of(2026, 3, 30)))
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), localInstant(LocalDate.of(2026, 3, 29), 2u, 30u))
    }

    test("R-E7 Easter Sunday, and a year outside the calendar is a typed error") {
        assertEquals(LocalDate.of(2026, 4, 5), easterSunday(2026))
        assertEquals(LocalDate.of(2027, 3, 28), easterSunday(2027))
        val e = expectThrows<AsistentException.YearOutOfRange> { easterSunday(1991) }
        assertEquals(1991, e.year)
    }

    test("R-E7 school years and the last day of lessons") {
        val year = schoolYearOf(LocalDate.of(2026, 11, 23))
        assertEquals("2026/27", year.label)
        assertEquals(LocalDate.of(2026, 9, 1), year.firstDay)
        assertEquals(year, parseSchoolYear("2026/27"))
        assertEquals(LocalDate.of(2027, 6, 24), calendar.lastLessonDay(year, false))
        assertEquals(LocalDate.of(2027, 6, 15), calendar.lastLessonDay(year, true))
    }

    test("R-E7 a policy from JSON adds a day and round-trips") {
        val policy = Policy.fromJson(
            """{"calendar": {"added_work_free_days": [{"date": "2027-03-15", "name_sl": "dan šole", "name_en": "School Day"}]}}"""
        )
        val custom = Calendar(policy)
        assertFalse(custom.isWorkingDay(LocalDate.of(2027, 3, 15)))
        assertEquals(WorkFreeKind.POLICY_ADDED, custom.workFreeDay(LocalDate.of(2027, 3, 15))?.kind)
        assertEquals(policy.toJson(), Policy.fromJson(policy.toJson()).toJson())
        assertEquals(LocalDate.of(2025, 9, 1), Policy.defaults().effectiveFrom())
    }

    test("an invalid policy is a typed error naming the field") {
        val e = expectThrows<AsistentException.InvalidPolicy> {
            Policy.fromJson("""{"calendar": {"last_lesson_dy": "06-20"}}""")
        }
        assertEquals("calendar.last_lesson_dy", e.field)
        assertTrue(e.reason.contains("unknown field `last_lesson_dy`"), e.reason)
    }

    test("an out-of-range year is a typed error with its fields") {
        val e = expectThrows<AsistentException.YearOutOfRange> { calendar.workFreeDays(2101) }
        assertEquals(2101, e.year)
        assertEquals(1992, e.first)
        assertEquals(2100, e.last)
        assertEquals("year 2101 is outside the supported years 1992–2100", e.reason)
    }

    test("a malformed date string is a typed error") {
        val e = expectThrows<AsistentException.InvalidValue> { parseDate("2026-02-30") }
        assertEquals("date", e.what)
        assertEquals("2026-02-30", e.value)
        assertTrue(e.reason.startsWith("`2026-02-30` is not a valid date"), e.reason)
    }

    test("a date the library cannot hold, arriving through the LocalDate type, is a typed error") {
        // LocalDate.toString() writes year 12345 as "+12345-01-01": refused by Rust.
        val e = expectThrows<AsistentException.InvalidValue> { calendar.isWorkingDay(LocalDate.of(12345, 1, 1)) }
        assertEquals("date", e.what)
        assertEquals("+12345-01-01", e.value)
    }

    test("an instant outside years 1–9999 is a typed error naming it, not a panic in the core") {
        // Within an hour of the largest instant chrono holds: its local date used to panic.
        val e = expectThrows<AsistentException.InvalidValue> { localDate(Instant.ofEpochSecond(8_210_266_875_000)) }
        assertEquals("instant", e.what)
        assertEquals("+262142-12-31T23:30:00+00:00", e.value)
        assertTrue(e.reason.contains("outside the years 1–9999"), e.reason)
        val early = expectThrows<AsistentException.InvalidValue> { localDate(Instant.parse("0000-12-31T23:59:59Z")) }
        assertEquals("0000-12-31T23:59:59+00:00", early.value)
        val huge = expectThrows<AsistentException.InvalidValue> { localDate(Instant.MAX) }
        assertEquals("instant", huge.what)
        assertEquals(LocalDate.of(9999, 12, 31), localDate(Instant.parse("9999-12-31T22:59:59Z")))
        assertEquals(LocalDate.of(1, 1, 1), localDate(Instant.parse("0001-01-01T00:00:00Z")))
    }
}

fun moneySuite() = Suite("money").apply {
    test("R-C2 amounts are BigDecimal and written the Slovenian way") {
        assertEquals("1.234,50 €", formatEur(BigDecimal("1234.5"), MoneyStyle.SLOVENIAN))
        assertEquals("52.90", formatEur(BigDecimal("52.9"), MoneyStyle.PLAIN))
    }

    test("a decimal that does not fit, arriving through the Decimal type, is a typed error") {
        val tooBig = BigDecimal("1E+40")
        val e = expectThrows<AsistentException.InvalidValue> { formatEur(tooBig, MoneyStyle.PLAIN) }
        assertEquals("decimal", e.what)
        assertEquals(tooBig.toPlainString(), e.value)
    }
}
