import XCTest
@testable import Asistent

/// The notification planner (R-E1 … R-E7, R-C3, R-C7, R-A10) as an iOS app developer uses
/// it. Runs with `swift test` on macOS.
final class NotifyTests: XCTestCase {
    let policy = Policy.defaults()
    static let factsJson = """
    {"families": [{"student": {"id": "ana", "birth_date": "2014-03-09", "level": "primary"},
      "relations": [{"guardian": "mama", "relationship": "parent"},
                    {"guardian": "oce", "relationship": "parent"}]}]}
    """

    func date(_ y: Int, _ m: Int, _ d: Int) -> DateComponents {
        DateComponents(year: y, month: m, day: d)
    }

    /// Seconds since 1970 of a UTC wall-clock time in November 2026.
    func nov(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_793_491_200 + Double((day - 1) * 86_400 + hour * 3_600 + minute * 60))
    }

    func household(paid: Bool = true, mamaPhone: String? = "+38640111222") throws -> NotifyHousehold {
        var reg = try Registration.register(guardian: "mama", student: "ana", school: "os-prule",
                                            service: .zaStarse, chooser: .legalRepresentative, on: date(2026, 9, 1))
        if paid {
            reg = try reg.apply(event: .pay(schoolYear: try parseSchoolYear(label: "2026/27")),
                                on: date(2026, 9, 5), policy: policy).registration
        }
        return NotifyHousehold(
            recipients: [
                NotifyRecipient(id: "mama", isStudent: false, mode: .daily, channels: [.email, .sms],
                                email: "mama@example.si", phone: mamaPhone,
                                quietHours: QuietHours(from: "22:00", until: "07:00"),
                                language: .sl, transliterateSms: false),
                NotifyRecipient(id: "oce", isStudent: false, mode: .weekly, channels: [.email],
                                email: "oce@example.si", phone: nil, quietHours: nil,
                                language: .en, transliterateSms: false),
            ],
            children: [NotifyChild(student: "ana", name: "Ana", registration: reg, recipients: ["mama", "oce"])]
        )
    }

    var events: [NotifyEvent] {
        [
            // Thursday 12 November, 10:05 in Ljubljana (09:05 UTC).
            NotifyEvent(id: 1, student: "ana", enteredAt: nov(12, 9, 5),
                        kind: .absence(date: date(2026, 11, 12), lessons: 2)),
            NotifyEvent(id: 3, student: "ana", enteredAt: nov(16, 10), kind: .grade(subject: "matematika", grade: 5)),
            NotifyEvent(id: 8, student: "ana", enteredAt: nov(10, 13),
                        kind: .announcedAssessment(subject: "matematika", date: date(2026, 11, 26))),
        ]
    }

    func plan(_ h: NotifyHousehold, _ e: [NotifyEvent]) throws -> NotifyPlan {
        try planNotices(household: h, events: e, from: date(2026, 11, 1), until: date(2026, 11, 30),
                        facts: try RightsFacts.fromJson(json: NotifyTests.factsJson), policy: policy)
    }

    func testRE2RE3RC3DailyAndWeeklyNotices() throws {
        let p = try plan(try household(), events)
        let mama = p.notices.filter { $0.recipient == "mama" && $0.channel == .email }
        XCTAssertEqual(mama.map { $0.kind }, [.absences, .assessmentDigest, .grades, .assessmentDigest])
        XCTAssertEqual(mama[0].sendAt, nov(13, 15)) // Friday 16:00 in Ljubljana
        XCTAssertEqual(mama[0].text, "mojAsistent: Ana, izostanki: 12. 11. 2026 (2 uri).")
        let oce = p.notices.filter { $0.recipient == "oce" }
        XCTAssertTrue(oce.allSatisfy { $0.kind == .weeklySummary || $0.kind == .assessmentDigest })
        XCTAssertTrue(p.notices[0].reasons.contains("R-E1"))
    }

    func testRD1AWeeklySummaryWithAGradeNamesRD1() throws {
        let p = try plan(try household(), events)
        let summaries = p.notices.filter { $0.recipient == "oce" && $0.kind == .weeklySummary }
        XCTAssertTrue(summaries.contains { $0.items.contains(3) })
        for n in summaries {
            XCTAssertEqual(n.reasons.contains("R-D1"), n.items.contains(3), "\(n.items)")
        }
    }

    func testRA10SmsNoticesCarryTheirCost() throws {
        let p = try plan(try household(), events)
        let sms = p.notices.filter { $0.channel == .sms }
        XCTAssertEqual(sms.count, 4)
        XCTAssertEqual(p.smsCost.total, Decimal(string: "0.20"))
    }

    func testRC7RE6NothingOutsideThePaidYear() throws {
        let p = try plan(try household(paid: false), events)
        XCTAssertTrue(p.notices.isEmpty)
        XCTAssertTrue(p.withheld.allSatisfy { $0.reason == "R-C7" })
    }

    func testAnEventInAnUnknownSchoolYearIsATypedError() throws {
        let late = NotifyEvent(id: 77, student: "ana", enteredAt: Date(timeIntervalSince1970: 1_819_954_800),
                               kind: .grade(subject: "zgodovina", grade: 4)) // 2027-09-03T07:00:00Z
        XCTAssertThrowsError(try plan(try household(), [late])) { error in
            guard case let AsistentError.UnknownSchoolYear(event, enteredOn, eventYear, planned, reason) = error else {
                return XCTFail("expected UnknownSchoolYear, got \(error)")
            }
            XCTAssertEqual(event, 77)
            XCTAssertEqual([enteredOn, eventYear, planned], ["2027-09-03", "2027/28", "2026/27"])
            XCTAssertEqual(reason, "event 77 was entered on 2027-09-03, in school year 2027/28: a plan for 2026/27 takes events entered in 2026/27 or 2025/26")
        }
    }

    func testRE2RD1RE6NoticesDueInTheNextSchoolYearGoOutInItsPlan() throws {
        var reg = try Registration.register(guardian: "mama", student: "ana", school: "os-prule",
                                            service: .zaStarse, chooser: .legalRepresentative, on: date(2025, 9, 1))
        for label in ["2025/26", "2026/27"] {
            reg = try reg.apply(event: .pay(schoolYear: try parseSchoolYear(label: label)),
                                on: date(2025, 9, 5), policy: policy).registration
        }
        let h = NotifyHousehold(
            recipients: [NotifyRecipient(id: "mama", isStudent: false, mode: .daily, channels: [.email],
                                         email: "mama@example.si", phone: nil, quietHours: nil,
                                         language: .sl, transliterateSms: false)],
            children: [NotifyChild(student: "ana", name: "Ana", registration: reg, recipients: ["mama"])]
        )
        let facts = try RightsFacts.fromJson(json: NotifyTests.factsJson)
        let boundary = [
            // Monday 31 August 2026 10:00 and Sunday 30 August 18:00 in Ljubljana.
            NotifyEvent(id: 1, student: "ana", enteredAt: Date(timeIntervalSince1970: 1_788_163_200),
                        kind: .absence(date: date(2026, 8, 31), lessons: 2)),
            NotifyEvent(id: 2, student: "ana", enteredAt: Date(timeIntervalSince1970: 1_788_105_600),
                        kind: .grade(subject: "matematika", grade: 5)),
        ]
        let old = try planNotices(household: h, events: boundary, from: date(2025, 9, 1), until: date(2026, 8, 31),
                                  facts: facts, policy: policy)
        XCTAssertTrue(old.notices.isEmpty)
        let p = try planNotices(household: h, events: boundary, from: date(2026, 9, 1), until: date(2026, 9, 30),
                                facts: facts, policy: policy)
        XCTAssertEqual(p.notices.map { $0.kind }, [.absences, .grades])
        // Tuesday 1 and Wednesday 2 September, 16:00 in Ljubljana.
        XCTAssertEqual(p.notices.map { $0.sendAt }, [Date(timeIntervalSince1970: 1_788_271_200),
                                                     Date(timeIntervalSince1970: 1_788_357_600)])
        XCTAssertEqual(p.notices.map { $0.items }, [[1], [2]])
        let tooOld = NotifyEvent(id: 3, student: "ana", enteredAt: Date(timeIntervalSince1970: 1_756_450_800),
                                 kind: .grade(subject: "zgodovina", grade: 4)) // 2025-08-29T07:00:00Z
        XCTAssertThrowsError(try planNotices(household: h, events: [tooOld], from: date(2026, 9, 1),
                                             until: date(2026, 9, 30), facts: facts, policy: policy)) { error in
            guard case let AsistentError.UnknownSchoolYear(_, _, eventYear, planned, _) = error else {
                return XCTFail("expected UnknownSchoolYear, got \(error)")
            }
            XCTAssertEqual([eventYear, planned], ["2024/25", "2026/27"])
        }
    }

    func testARecipientWithoutAContactIsATypedError() throws {
        XCTAssertThrowsError(try plan(try household(mamaPhone: nil), events)) { error in
            guard case let AsistentError.MissingContact(recipient, channel, reason) = error else {
                return XCTFail("expected MissingContact, got \(error)")
            }
            XCTAssertEqual(recipient, "mama")
            XCTAssertEqual(channel, .sms)
            XCTAssertEqual(reason, "guardian mama chose SMS notices but has no mobile number")
        }
    }

    func testAnEmptyOrOversizedTextIsATypedError() throws {
        let empty = NotifyEvent(id: 50, student: "ana", enteredAt: nov(5, 8), kind: .grade(subject: " ", grade: 2))
        XCTAssertThrowsError(try plan(try household(), [empty])) { error in
            guard case let AsistentError.EmptyText(event, field, reason) = error else {
                return XCTFail("expected EmptyText, got \(error)")
            }
            XCTAssertEqual(event, 50)
            XCTAssertEqual(field, "subject")
            XCTAssertEqual(reason, "event 50 has an empty subject: there is nothing to tell")
        }
        let long = NotifyEvent(id: 51, student: "ana", enteredAt: nov(5, 8),
                               kind: .observation(observation: .comment,
                                                  text: String(repeating: "Več o tem na govorilnih urah. ", count: 40),
                                                  lessonClosedAt: nov(5, 8, 45)))
        XCTAssertThrowsError(try plan(try household(), [long])) { error in
            guard case let AsistentError.TextTooLong(recipient, _, channel, characters, reason) = error else {
                return XCTFail("expected TextTooLong, got \(error)")
            }
            XCTAssertEqual(recipient, "mama")
            XCTAssertEqual(channel, .sms)
            XCTAssertEqual(characters, 1227)
            XCTAssertTrue(reason.hasSuffix("the SMS text needs 19 segments (UCS-2, 1227 units), more than the 10 allowed"))
        }
    }
}
