import XCTest
@testable import Asistent

/// The calendar (R-E7) as an iOS app developer uses it. Runs with `swift test` on macOS.
final class CalendarTests: XCTestCase {
    let calendar = Calendar(policy: Policy.defaults())

    func date(_ y: Int, _ m: Int, _ d: Int) -> DateComponents {
        DateComponents(year: y, month: m, day: d)
    }

    func testDatesFromRustKeepTheirSignAndRefuseAnythingElse() {
        XCTAssertEqual(asistentDateComponents("2027-02-08"), DateComponents(year: 2027, month: 2, day: 8))
        XCTAssertEqual(asistentDateComponents("-0001-12-31"), DateComponents(year: -1, month: 12, day: 31))
        XCTAssertEqual(asistentDateComponents("+10000-01-01"), DateComponents(year: 10000, month: 1, day: 1))
        XCTAssertEqual(asistentDateComponents("2027-02"), DateComponents())
        XCTAssertEqual(asistentDateComponents("2027--02-08"), DateComponents())
    }

    func testRE7PresernovDanIsWorkFree() throws {
        XCTAssertFalse(try calendar.isWorkingDay(date: date(2027, 2, 8)))
        XCTAssertEqual(try calendar.nextWorkingDay(date: date(2027, 2, 8)), date(2027, 2, 9))
        XCTAssertEqual(try calendar.workFreeDay(date: date(2027, 2, 8))?.nameSl,
                       "Prešernov dan, slovenski kulturni praznik")
    }

    func testRE7WorkFreeDaysOf2026() throws {
        let days = try calendar.workFreeDays(year: 2026)
        XCTAssertEqual(days.count, 15)
        XCTAssertEqual(days.first { $0.nameEn == "Easter Monday" }?.date, date(2026, 4, 6))
        XCTAssertEqual(try calendar.workFreeDay(date: date(2023, 8, 14))?.kind, .oneOff)
        XCTAssertNil(try calendar.workFreeDay(date: date(2015, 1, 2)))
    }

    func testRE7AddingWorkingDaysSkipsChristmas() throws {
        XCTAssertEqual(try calendar.addWorkingDays(date: date(2026, 12, 23), n: 5), date(2026, 12, 31))
    }

    func testRE7InstantLateOnAWinterEveningIsTheNextLocalDay() throws {
        let instant = Date(timeIntervalSince1970: 1_768_433_400) // 2026-01-14T23:30:00Z
        XCTAssertEqual(try localDate(instant: instant), date(2026, 1, 15))
        XCTAssertEqual(try localMidnight(date: date(2026, 3, 30)),
                       Date(timeIntervalSince1970: 1_774_821_600)) // 2026-03-29T22:00:00Z
    }

    func testRE7SchoolYears() throws {
        let year = try schoolYearOf(date: date(2026, 11, 23))
        XCTAssertEqual(year.label, "2026/27")
        XCTAssertEqual(try calendar.lastLessonDay(schoolYear: year, finalYear: false), date(2027, 6, 24))
        XCTAssertEqual(try calendar.lastLessonDay(schoolYear: year, finalYear: true), date(2027, 6, 15))
    }

    func testInvalidPolicyIsATypedError() {
        XCTAssertThrowsError(try Policy.fromJson(json: #"{"calendar": {"last_lesson_dy": "06-20"}}"#)) { error in
            guard case let AsistentError.InvalidPolicy(field, reason) = error else {
                return XCTFail("expected InvalidPolicy, got \(error)")
            }
            XCTAssertEqual(field, "calendar.last_lesson_dy")
            XCTAssertTrue(reason.contains("unknown field `last_lesson_dy`"))
        }
    }

    func testOutOfRangeYearIsATypedError() {
        XCTAssertThrowsError(try calendar.workFreeDays(year: 2101)) { error in
            guard case let AsistentError.YearOutOfRange(year, first, last, reason) = error else {
                return XCTFail("expected YearOutOfRange, got \(error)")
            }
            XCTAssertEqual([year, first, last], [2101, 1992, 2100])
            XCTAssertEqual(reason, "year 2101 is outside the supported years 1992–2100")
        }
    }

    func testInvalidDateComponentsAreATypedError() {
        // 30 February arrives through the LocalDate custom type and is refused by Rust.
        XCTAssertThrowsError(try calendar.isWorkingDay(date: date(2026, 2, 30))) { error in
            guard case let AsistentError.InvalidValue(what, value, _, _) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "date")
            XCTAssertEqual(value, "2026-02-30")
        }
        // Missing components lower to "0000-00-00", also refused.
        XCTAssertThrowsError(try calendar.isWorkingDay(date: DateComponents(year: 2026)))
    }

    func testMoneyIsDecimal() throws {
        XCTAssertEqual(try formatEur(amount: Decimal(string: "1234.5")!, style: .slovenian), "1.234,50 €")
        XCTAssertThrowsError(try formatEur(amount: Decimal.nan, style: .plain)) { error in
            guard case let AsistentError.InvalidValue(what, _, _, _) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "decimal")
        }
    }

    func testAnInstantOutsideYears1To9999IsATypedErrorNotAPanic() {
        // Within an hour of the largest instant chrono holds: its local date used to panic.
        XCTAssertThrowsError(try localDate(instant: Date(timeIntervalSince1970: 8_210_266_875_000))) { error in
            guard case let AsistentError.InvalidValue(what, value, reason, _) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "instant")
            XCTAssertEqual(value, "+262142-12-31T23:30:00+00:00")
            XCTAssertTrue(reason.contains("outside the years 1–9999"))
        }
    }

    func testRE7EasterSunday() throws {
        XCTAssertEqual(try easterSunday(year: 2026), date(2026, 4, 5))
        XCTAssertThrowsError(try easterSunday(year: 1991))
    }

    func testASchoolYearRecordThatDisagreesWithItsStartYearIsRefused() throws {
        let year = try parseSchoolYear(label: "2025/26")
        let mislabelled = SchoolYear(startYear: year.startYear, label: "2026/27",
                                     firstDay: year.firstDay, lastDay: year.lastDay)
        XCTAssertThrowsError(try calendar.lastLessonDay(schoolYear: mislabelled, finalYear: false)) { error in
            guard case let AsistentError.InvalidValue(what, value, _, _) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "school year")
            XCTAssertEqual(value, "startYear=2025, label=2026/27, firstDay=2025-09-01, lastDay=2026-08-31")
        }
    }
}
