import XCTest
@testable import Asistent

/// Rights over a child's data (R-F1 … R-F8, R-D12, R-A6) as an iOS app developer uses it.
/// Runs with `swift test` on macOS.
final class RightsTests: XCTestCase {
    static let factsJson = #"""
    {"families": [
      {"student": {"id": "ana", "birth_date": "2013-04-02", "class": "7.a", "level": "primary"},
       "relations": [{"guardian": "mama", "relationship": "parent"}, {"guardian": "oce", "relationship": "parent"},
                     {"guardian": "ocim", "relationship": "step_parent"}],
       "court_decisions": [{"reference": "I R 55/2025", "date": "2025-02-01", "final_on": "2025-03-01", "parent": "oce",
                            "effect": {"kind": "restricts_categories", "categories": ["absences"]}}],
       "bar_requests": [{"by": "mama", "against": "oce", "date": "2025-01-10"}]},
      {"student": {"id": "brat", "birth_date": "2016-05-05", "level": "primary"},
       "relations": [{"guardian": "oce", "relationship": "parent"}]},
      {"student": {"id": "dijak", "birth_date": "2007-03-10", "level": "secondary"},
       "relations": [{"guardian": "mama2", "relationship": "parent"}],
       "adult_statements": [{"date": "2025-09-05", "kind": "objects"}]}],
     "support_requests": [{"reference": "ZAHTEVA-2026-117", "vendor_staff": "podpora-1", "requested_on": "2026-11-19",
       "from": "2026-11-20", "until": "2026-11-27", "students": ["ana"], "categories": ["grades"],
       "purpose": "napačno povprečje ocen"}]}
    """#

    let policy = Policy.defaults()
    let today = DateComponents(year: 2026, month: 11, day: 23)

    func facts() throws -> RightsFacts {
        try RightsFacts.fromJson(json: RightsTests.factsJson)
    }

    func see(_ who: String, _ child: String, _ category: DataCategory, status: Bool = false) throws -> RightsDecision {
        try facts().decide(
            question: RightsQuestion(person: .guardian(id: who), student: child, category: category,
                                     action: .see, date: today, concernsStudentStatus: status),
            policy: policy)
    }

    func testRF4ARestrictionNamesTheCourtDecision() throws {
        let d = try see("oce", "ana", .absences)
        XCTAssertFalse(d.allowed)
        let restricted = d.reasons.first { $0.kind == "category_restricted" }
        XCTAssertEqual(restricted?.rule, "R-F4")
        XCTAssertEqual(restricted?.basis?.reference, "I R 55/2025")
        XCTAssertTrue(d.reasons.contains { $0.kind == "bar_request_without_effect" })
        XCTAssertTrue(d.textSl.hasPrefix("NI DOVOLJENO"))
        XCTAssertTrue(try see("oce", "ana", .grades).allowed)
    }

    func testRF1AStepParentHasNoRights() throws {
        let d = try see("ocim", "ana", .grades)
        XCTAssertFalse(d.allowed)
        XCTAssertEqual(d.capacity, .noRights)
        XCTAssertEqual(d.ruleIds, ["R-F1"])
    }

    func testRD12ObjectionAndStatusException() throws {
        XCTAssertFalse(try see("mama2", "dijak", .absences).allowed)
        XCTAssertTrue(try see("mama2", "dijak", .absences, status: true).allowed)
    }

    func testRA6OneLoginManyChildren() throws {
        let kids = try facts().childrenOf(guardian: "oce", date: today, policy: policy)
        XCTAssertEqual(kids.map { $0.student }, ["ana", "brat"])
        XCTAssertFalse(kids[0].visible.contains(.absences))
    }

    func testRF6VendorAccessProducesARecord() throws {
        let at = Date(timeIntervalSince1970: 1_795_424_400) // 2026-11-23T09:00:00Z
        let out = try facts().access(person: .vendor(id: "podpora-1"), student: "ana", category: .grades,
                                     action: .see, purpose: "napačno povprečje ocen", at: at, policy: policy)
        XCTAssertTrue(out.decision.allowed)
        XCTAssertEqual(out.record.rules, ["R-F6", "R-F8"])
        XCTAssertEqual(out.record.basis?.reference, "ZAHTEVA-2026-117")
        // A record edited after the decision is not audited (R-F6).
        var edited = out.record
        edited.purpose = "something else"
        let key = try PseudonymKey(secret: Data(repeating: 1, count: 32))
        XCTAssertThrowsError(try auditEntryFromAccess(record: edited, key: key)) { error in
            guard case let AsistentError.InvalidValue(what, _, reason, _) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "access record")
            XCTAssertTrue(reason.hasPrefix("its fields differ from its `json`"))
        }
        XCTAssertNoThrow(try auditEntryFromAccess(record: out.record, key: key))
    }

    func testBatchEveryGuardianChildAndCategory() throws {
        let all = try facts().decideEveryGuardian(action: .see, date: today, policy: policy)
        XCTAssertEqual(all.count, 5 * 11)
    }

    func testADateBeforeBirthIsATypedError() throws {
        let q = RightsQuestion(person: .guardian(id: "mama"), student: "ana", category: .grades, action: .see,
                               date: DateComponents(year: 2012, month: 1, day: 1), concernsStudentStatus: false)
        XCTAssertThrowsError(try facts().decide(question: q, policy: policy)) { error in
            guard case let AsistentError.DatedBeforeBirth(student, _, date, birthDate, reason) = error else {
                return XCTFail("expected DatedBeforeBirth, got \(error)")
            }
            XCTAssertEqual([student, date, birthDate], ["ana", "2012-01-01", "2013-04-02"])
            XCTAssertTrue(reason.contains("before the child's birth"))
        }
    }

    func testARelationshipToOneselfIsATypedError() {
        let bad = RightsTests.factsJson.replacingOccurrences(of: #"{"guardian": "ocim""#, with: #"{"guardian": "ana""#)
        XCTAssertThrowsError(try RightsFacts.fromJson(json: bad)) { error in
            guard case let AsistentError.RelationshipToSelf(id, relationship, reason) = error else {
                return XCTFail("expected RelationshipToSelf, got \(error)")
            }
            XCTAssertEqual(id, "ana")
            XCTAssertEqual(relationship, "step_parent")
            XCTAssertTrue(reason.contains("a relationship needs two different people"))
        }
    }

    func testAnUnknownCategoryIsATypedError() throws {
        XCTAssertEqual(try parseCategory(text: "announced_assessments"), .announcedAssessments)
        XCTAssertThrowsError(try parseCategory(text: "report_cards")) { error in
            guard case let AsistentError.UnknownCategory(input, reason) = error else {
                return XCTFail("expected UnknownCategory, got \(error)")
            }
            XCTAssertEqual(input, "report_cards")
            XCTAssertTrue(reason.hasPrefix("`report_cards` is not a data category"))
        }
    }

    func testRF5CategoriesCarryTheirSlovenianLabels() {
        XCTAssertEqual(categoryLabelSl(category: .grades), "ocene")
        XCTAssertEqual(categoryLabelSl(category: .absences), "izostanki")
    }
}
