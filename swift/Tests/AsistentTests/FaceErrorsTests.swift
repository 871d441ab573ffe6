import XCTest
@testable import Asistent

/// Errors of list and batch calls name the bad entry, as an iOS app developer meets them:
/// `index` (from 0) where the error has one, and a reason that starts with the entry's
/// position; the planner names a refused event by the ID it was given. Runs with
/// `swift test` on macOS.
final class FaceErrorsTests: XCTestCase {
    let policy = Policy.defaults()
    static let factsJson = """
    {"families": [{"student": {"id": "ana", "birth_date": "2014-03-09", "level": "primary"},
      "relations": [{"guardian": "mama", "relationship": "parent"}]}]}
    """

    func facts() throws -> RightsFacts {
        try RightsFacts.fromJson(json: FaceErrorsTests.factsJson)
    }

    func date(_ y: Int, _ m: Int, _ d: Int) -> DateComponents {
        DateComponents(year: y, month: m, day: d)
    }

    /// Seconds since 1970 of a UTC wall-clock time in November 2026.
    func nov(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_793_491_200 + Double((day - 1) * 86_400 + hour * 3_600 + minute * 60))
    }

    func question(_ student: String) -> RightsQuestion {
        RightsQuestion(person: .guardian(id: "mama"), student: student, category: .grades, action: .see,
                       date: date(2026, 11, 23), concernsStudentStatus: false)
    }

    func testRF1DecideManyNamesTheQuestionOfAnUnknownStudent() throws {
        XCTAssertThrowsError(try facts().decideMany(questions: [question("ana"), question("ana"), question("bor")],
                                                    policy: policy)) { error in
            guard case let AsistentError.InvalidFacts(field, reason) = error else {
                return XCTFail("expected InvalidFacts, got \(error)")
            }
            XCTAssertEqual(field, "bor")
            XCTAssertEqual(reason, "question 2: student `bor` is not in the school's facts")
        }
        XCTAssertThrowsError(try facts().decideMany(questions: [question(""), question("ana")], policy: policy)) { error in
            guard case let AsistentError.InvalidValue(what, value, reason, index) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "student ID")
            XCTAssertEqual(value, "")
            XCTAssertEqual(index, 0)
            XCTAssertEqual(reason, "question 0: `` is not a valid student ID: it is empty")
        }
    }

    func household() throws -> NotifyHousehold {
        var reg = try Registration.register(guardian: "mama", student: "ana", school: "os-prule",
                                            service: .zaStarse, chooser: .legalRepresentative, on: date(2026, 9, 1))
        reg = try reg.apply(event: .pay(schoolYear: try parseSchoolYear(label: "2026/27")),
                            on: date(2026, 9, 5), policy: policy).registration
        return NotifyHousehold(
            recipients: [
                NotifyRecipient(id: "mama", isStudent: false, mode: .daily, channels: [.email],
                                email: "mama@example.si", phone: nil, quietHours: nil,
                                language: .sl, transliterateSms: false),
            ],
            children: [NotifyChild(student: "ana", name: "Ana", registration: reg, recipients: ["mama"])]
        )
    }

    func plan(_ events: [NotifyEvent]) throws -> NotifyPlan {
        try planNotices(household: try household(), events: events, from: date(2026, 11, 1),
                        until: date(2026, 11, 30), facts: try facts(), policy: policy)
    }

    func testRD7ThePlannerNamesARefusedEventByItsId() throws {
        let grade = NotifyEvent(id: 3, student: "ana", enteredAt: nov(16, 10), kind: .grade(subject: "matematika", grade: 5))
        // The lesson closed ten minutes before the praise was entered.
        let praise = NotifyEvent(id: 42, student: "ana", enteredAt: nov(17, 8, 40),
                                 kind: .observation(observation: .praise, text: "Pomagala je sošolcu",
                                                    lessonClosedAt: nov(17, 8, 30)))
        XCTAssertThrowsError(try plan([grade, praise])) { error in
            guard case let AsistentError.EventRefused(event, problem, student, reason) = error else {
                return XCTFail("expected EventRefused, got \(error)")
            }
            XCTAssertEqual(event, 42)
            XCTAssertEqual(problem, "lesson_closed_before_entry")
            XCTAssertEqual(student, "ana")
            XCTAssertEqual(reason, "event 42: the praise of student `ana` has its lesson closed at 2026-11-17 08:30:00 UTC, before it was entered at 2026-11-17 08:40:00 UTC")
        }
        let bad = NotifyEvent(id: 9, student: "", enteredAt: nov(16, 10), kind: .grade(subject: "matematika", grade: 5))
        XCTAssertThrowsError(try plan([grade, bad])) { error in
            guard case let AsistentError.InvalidValue(what, _, reason, index) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "student ID")
            XCTAssertEqual(index, 1)
            XCTAssertEqual(reason, "event 1 (ID 9): `` is not a valid student ID: it is empty")
        }
    }

    func testRA10SmsCostReportNamesTheSentMessage() throws {
        let sent = nov(10, 12)
        XCTAssertThrowsError(try smsCostReport(messages: [
            SentSms(recipient: "mama", child: "ana", sentAt: sent, text: "a"),
            SentSms(recipient: "", child: "ana", sentAt: sent, text: "b"),
        ], policy: policy)) { error in
            guard case let AsistentError.InvalidValue(what, _, reason, index) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "guardian ID")
            XCTAssertEqual(index, 1)
            XCTAssertEqual(reason, "sent message 1: `` is not a valid guardian ID: it is empty")
        }
    }

    func testRB2RB9RA8SheetOverviewAndCredentialsNameTheEntry() throws {
        let fast = try Policy.fromJson(json: #"{"verify": {"code_iterations": 100000, "password_iterations": 100000}}"#)
        let issued = try issueSecurityCode(guardian: "ana", student: "mark", school: "os-prule",
                                           previousJson: [], now: nov(3, 17), policy: fast)
        let good = SheetEntry(guardianName: "Ana Novak", studentName: "Mark Novak", classId: "7.a",
                              code: issued.code, recordJson: issued.recordJson)
        let badCode = SheetEntry(guardianName: "Eva", studentName: "Bor", classId: "7.a",
                                 code: SecretText(text: "12"), recordJson: issued.recordJson)
        XCTAssertThrowsError(try securityCodeSheet(schoolName: "OŠ Prule", entries: [good, badCode], policy: fast)) { error in
            guard case let AsistentError.MalformedCode(what, reason) = error else {
                return XCTFail("expected MalformedCode, got \(error)")
            }
            XCTAssertEqual(what, "security code")
            XCTAssertTrue(reason.hasPrefix("entry 1: "), reason)
        }
        XCTAssertThrowsError(try classOverview(entries: [
            OverviewEntry(classId: "7.a", guardian: "ana", guardianName: "Ana", studentName: "Mark", flowJson: nil),
            OverviewEntry(classId: "7.a", guardian: "", guardianName: "Eva", studentName: "Bor", flowJson: nil),
        ])) { error in
            guard case let AsistentError.InvalidValue(what, _, reason, index) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "guardian ID")
            XCTAssertEqual(index, 1)
            XCTAssertEqual(reason, "entry 1: `` is not a valid guardian ID: it is empty")
        }
        let ok = StudentCredentials(student: "s1", name: "Mark Novak", classId: "7.a", username: "mark.novak",
                                    initialPassword: nil, hasLoggedIn: false, changedPassword: false, email: nil, phone: nil)
        let bad = StudentCredentials(student: "s2", name: "Eva Kranjc", classId: "7.a", username: "eva.kranjc",
                                     initialPassword: nil, hasLoggedIn: false, changedPassword: false,
                                     email: "ni-naslov", phone: nil)
        XCTAssertThrowsError(try credentialsPrintout(students: [ok, bad], onePageEach: false)) { error in
            guard case let AsistentError.InvalidContact(kind, input, reason) = error else {
                return XCTFail("expected InvalidContact, got \(error)")
            }
            XCTAssertEqual(kind, "email")
            XCTAssertEqual(input, "ni-naslov")
            XCTAssertTrue(reason.hasPrefix("student 1: "), reason)
        }
    }

    func testRC2RC3RB1RA3OrdersRecipientsPreviousCodesAndChildrenNameTheEntry() throws {
        XCTAssertThrowsError(try quoteFamily(policy: policy, schoolYear: try parseSchoolYear(label: "2026/27"),
                                             orders: [ChildOrder(student: "ana", service: .popolni),
                                                      ChildOrder(student: "", service: .minimalni)],
                                             instalments: 1)) { error in
            guard case let AsistentError.InvalidValue(what, _, reason, index) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "student ID")
            XCTAssertEqual(index, 1)
            XCTAssertEqual(reason, "order 1: `` is not a valid student ID: it is empty")
        }
        XCTAssertThrowsError(try notificationRecipients(service: .zaStarse, guardians: ["", "oce"])) { error in
            guard case let AsistentError.InvalidValue(_, _, reason, index) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(index, 0)
            XCTAssertEqual(reason, "guardian 0: `` is not a valid guardian ID: it is empty")
        }
        let fast = try Policy.fromJson(json: #"{"verify": {"code_iterations": 100000, "password_iterations": 100000}}"#)
        XCTAssertThrowsError(try resetChildPassword(portalActive: true, children: ["mark", ""], child: "mark",
                                                    policy: fast)) { error in
            guard case let AsistentError.InvalidValue(what, _, reason, index) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "student ID")
            XCTAssertEqual(index, 1)
            XCTAssertEqual(reason, "child 1: `` is not a valid student ID: it is empty")
        }
    }
}
