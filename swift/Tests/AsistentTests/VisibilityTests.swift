import XCTest
@testable import Asistent

/// What a parent or a student sees, from when and why (R-D1 … R-D11, R-C7, R-G1, R-G2) as an
/// iOS app developer uses it. Runs with `swift test` on macOS.
final class VisibilityTests: XCTestCase {
    static let factsJson = #"""
    {"families": [
      {"student": {"id": "ana", "birth_date": "2013-04-02", "class": "7.a", "level": "primary"},
       "relations": [{"guardian": "mama", "relationship": "parent"}, {"guardian": "oce", "relationship": "parent"}],
       "court_decisions": [{"reference": "I R 55/2025", "date": "2025-02-01", "final_on": "2025-03-01", "parent": "oce",
                            "effect": {"kind": "restricts_categories", "categories": ["absences"]}}]}],
     "staff": [{"staff": "razrednik", "role": "class_teacher", "class": "7.a"}]}
    """#

    let policy = Policy.defaults()
    let on = DateComponents(year: 2026, month: 3, day: 27)
    let school = SchoolSettings(mealsThroughSystem: true, absenceExcusesAgreed: true)
    let mama = VisibilityViewer(who: .guardian(id: "mama"), student: "ana", service: .zaStarse)
    let ana = VisibilityViewer(who: .student(id: "ana"), student: "ana", service: .minimalni)
    // Friday 27 March 2026, 11:20 in Ljubljana (CET); the clocks go forward on Sunday.
    let friday = Date(timeIntervalSince1970: 1_774_606_800)

    func facts() throws -> RightsFacts {
        try RightsFacts.fromJson(json: VisibilityTests.factsJson)
    }

    func see(_ item: VisibilityItem, _ viewer: VisibilityViewer) throws -> VisibilityAnswer {
        try visibleFrom(item: item, viewer: viewer, grades: [], calendar: Calendar(policy: policy),
                        facts: facts(), on: on, settings: school, policy: policy)
    }

    func testRD1RD2ParentFromMondayMidnightStudentAtOnce() throws {
        let grade = VisibilityItem(kind: "grade", student: "ana", enteredAt: friday, subject: "MAT")
        let p = try see(grade, mama)
        XCTAssertEqual(p.state, .visible)
        // Monday 30 March 00:00 CEST is 29 March 22:00 UTC.
        XCTAssertEqual(p.from, Date(timeIntervalSince1970: 1_774_821_600))
        XCTAssertTrue(p.ruleIds.contains("R-D1"))
        XCTAssertEqual(p.textSl, "vidno od 30. 3. 2026 ob 00:00 (R-D1, R-D9, R-D11)")
        XCTAssertEqual(try see(grade, ana).from, friday)
    }

    func testRD9RC7ARegistrationsViewerIsPaidOnlyFromThePayment() throws {
        let on = DateComponents(year: 2026, month: 3, day: 27)
        let reg = try Registration.register(guardian: "mama", student: "ana", school: "os-prule",
                                            service: .zaStarse, chooser: .legalRepresentative,
                                            on: DateComponents(year: 2025, month: 9, day: 1))
        let unpaid = try viewerFromRegistration(registration: reg, on: on)
        XCTAssertEqual(unpaid.service, .minimalni)
        XCTAssertTrue(unpaid.unpaid)
        let paid = try reg.apply(event: .pay(schoolYear: try parseSchoolYear(label: "2025/26")),
                                 on: DateComponents(year: 2026, month: 3, day: 2), policy: Policy.defaults()).registration
        let viewer = try viewerFromRegistration(registration: paid, on: on)
        XCTAssertEqual(viewer.service, .zaStarse)
        XCTAssertFalse(viewer.unpaid)
    }

    func testRD1IsVisibleAtAsksTheCore() throws {
        let grade = VisibilityItem(kind: "grade", student: "ana", enteredAt: friday, subject: "MAT")
        let p = try see(grade, mama)
        let monday = Date(timeIntervalSince1970: 1_774_821_600)
        XCTAssertFalse(try isVisibleAt(answer: p, now: monday.addingTimeInterval(-1)))
        XCTAssertTrue(try isVisibleAt(answer: p, now: monday))
        let hw = try see(VisibilityItem(kind: "homework", student: "ana", enteredAt: friday), mama)
        XCTAssertFalse(try isVisibleAt(answer: hw, now: monday.addingTimeInterval(86_400 * 365)))
        let broken = VisibilityAnswer(
            state: .visible, from: nil, revisedFrom: nil, waiting: nil, hidden: nil, decision: nil,
            ruleIds: p.ruleIds, textSl: p.textSl, textEn: p.textEn)
        XCTAssertThrowsError(try isVisibleAt(answer: broken, now: monday)) { error in
            guard case let AsistentError.InvalidValue(what, value, reason, index) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "visibility answer")
            XCTAssertEqual(value, "visible")
            XCTAssertEqual(reason, "a visible answer has the instant it is visible from")
            XCTAssertNil(index)
        }
    }

    func testRD7PendingUntilTheLessonCloses() throws {
        let hw = VisibilityItem(kind: "homework", student: "ana", enteredAt: friday)
        let p = try see(hw, mama)
        XCTAssertEqual(p.state, .pending)
        XCTAssertEqual(p.waiting, "lesson_close")
        XCTAssertNil(p.from)
    }

    func testRD10BatchStudentSeesOnlyTheLatestGrade() throws {
        let older = VisibilityItem(kind: "grade", student: "ana", enteredAt: friday.addingTimeInterval(-86_400 * 4))
        let grade = VisibilityItem(kind: "grade", student: "ana", enteredAt: friday)
        let rows = try visibleFromMany(items: [older, grade], viewers: [mama, ana], calendar: Calendar(policy: policy),
                                       facts: facts(), on: on, settings: school, policy: policy)
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows.filter { $0.viewer == 1 }.map { $0.answer.hidden }, ["not_latest_grade", nil])
        let excuse = try maySendAbsenceExcuse(viewer: mama, calendar: Calendar(policy: policy), facts: facts(),
                                              on: on, settings: school, policy: policy)
        XCTAssertTrue(excuse.allowed)
        XCTAssertTrue(excuse.ruleIds.contains("R-G1"))
    }

    func testRD10TheCompactBatchGivesTheFullBatchsAnswersAsCodes() throws {
        let older = VisibilityItem(kind: "grade", student: "ana", enteredAt: friday.addingTimeInterval(-86_400 * 4))
        let grade = VisibilityItem(kind: "grade", student: "ana", enteredAt: friday)
        let glances = try glanceMany(items: [older, grade], viewers: [mama, ana], calendar: Calendar(policy: policy),
                                     facts: facts(), on: on, settings: school, policy: policy)
        let rows = try visibleFromMany(items: [older, grade], viewers: [mama, ana], calendar: Calendar(policy: policy),
                                       facts: facts(), on: on, settings: school, policy: policy)
        XCTAssertEqual(glances.map { $0.from }, rows.map { $0.answer.from })
        XCTAssertEqual(glances.map { $0.state }, rows.map { $0.answer.state })
        XCTAssertEqual(glances.map { $0.cause }, [nil, "not_latest_grade", nil, nil])
    }

    func testALessonClosedBeforeEntryIsATypedError() throws {
        let bad = VisibilityItem(kind: "homework", student: "ana", enteredAt: friday,
                                 lessonClosedAt: friday.addingTimeInterval(-3600))
        XCTAssertThrowsError(try visibleFromMany(items: [bad], viewers: [mama], calendar: Calendar(policy: policy),
                                                 facts: facts(), on: on, settings: school, policy: policy)) { error in
            guard case let AsistentError.InvalidItem(index, problem, student, reason) = error else {
                return XCTFail("expected InvalidItem, got \(error)")
            }
            XCTAssertEqual(index, 0)
            XCTAssertEqual(problem, "lesson_closed_before_entry")
            XCTAssertEqual(student, "ana")
            XCTAssertTrue(reason.hasPrefix("item 0: the homework of student `ana` has its lesson closed at"))
        }
    }

    func testRD6ARemarkForwardedByAnotherTeacherIsATypedError() throws {
        let remark = VisibilityItem(kind: "remark", student: "ana", enteredAt: friday, forwardedBy: "ucitelj",
                                    forwardedAt: friday.addingTimeInterval(3600))
        XCTAssertThrowsError(try see(remark, mama)) { error in
            guard case let AsistentError.NotTheClassTeacher(index, student, by, studentClass, reason) = error else {
                return XCTFail("expected NotTheClassTeacher, got \(error)")
            }
            XCTAssertNil(index)
            XCTAssertEqual([student, by, studentClass], ["ana", "ucitelj", "7.a"])
            XCTAssertTrue(reason.hasSuffix("only the class teacher forwards remarks to parents (R-D6)"))
        }
    }

    func testAnUnknownItemKindIsATypedError() throws {
        XCTAssertEqual(try itemKindLabelSl(kind: "grade"), "ocena")
        let bad = VisibilityItem(kind: "report_card", student: "ana", enteredAt: friday)
        XCTAssertThrowsError(try see(bad, mama)) { error in
            guard case let AsistentError.UnknownItemKind(input, reason, index) = error else {
                return XCTFail("expected UnknownItemKind, got \(error)")
            }
            XCTAssertEqual(input, "report_card")
            XCTAssertNil(index)
            XCTAssertTrue(reason.hasPrefix("`report_card` is not an item kind"))
        }
    }

    func testRD10AMinimalniStudentsGradeWithoutTheOtherGradesIsATypedError() throws {
        let grade = VisibilityItem(kind: "grade", student: "ana", enteredAt: friday)
        XCTAssertThrowsError(try visibleFrom(item: grade, viewer: ana, grades: nil, calendar: Calendar(policy: policy),
                                             facts: facts(), on: on, settings: school, policy: policy)) { error in
            guard case let AsistentError.InvalidItem(index, problem, student, _) = error else {
                return XCTFail("expected InvalidItem, got \(error)")
            }
            XCTAssertNil(index)
            XCTAssertEqual(problem, "latest_grade_unknown")
            XCTAssertEqual(student, "ana")
        }
        XCTAssertEqual(try see(grade, ana).from, friday)
    }

    func testRD11BatchErrorsNameThePositionOfTheItemOrViewer() throws {
        let grade = VisibilityItem(kind: "grade", student: "ana", enteredAt: friday)
        let bad = VisibilityItem(kind: "report_card", student: "ana", enteredAt: friday)
        XCTAssertThrowsError(try visibleFromMany(items: [grade, bad], viewers: [mama], calendar: Calendar(policy: policy),
                                                 facts: facts(), on: on, settings: school, policy: policy)) { error in
            guard case let AsistentError.UnknownItemKind(input, reason, index) = error else {
                return XCTFail("expected UnknownItemKind, got \(error)")
            }
            XCTAssertEqual(input, "report_card")
            XCTAssertEqual(index, 1)
            XCTAssertTrue(reason.hasPrefix("item 1: `report_card` is not an item kind"))
        }
        let noId = VisibilityViewer(who: .guardian(id: ""), student: "ana", service: .zaStarse)
        XCTAssertThrowsError(try glanceMany(items: [grade], viewers: [mama, noId], calendar: Calendar(policy: policy),
                                            facts: facts(), on: on, settings: school, policy: policy)) { error in
            guard case let AsistentError.InvalidValue(what, _, reason, index) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "guardian ID")
            XCTAssertEqual(index, 1)
            XCTAssertTrue(reason.hasPrefix("viewer 1: "))
        }
    }
}
