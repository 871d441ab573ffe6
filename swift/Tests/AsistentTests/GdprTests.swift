import XCTest
@testable import Asistent

/// GDPR requests (R-F7), controller and processor (R-F8), statutory collections and
/// retention (R-F9) as an iOS app developer uses them. Runs with `swift test` on macOS.
final class GdprTests: XCTestCase {
    let policy = Policy.defaults()

    func date(_ y: Int, _ m: Int, _ d: Int) -> DateComponents {
        DateComponents(year: y, month: m, day: d)
    }

    func request(_ kind: GdprRequestKind, _ recordKind: String, end: DateComponents? = nil,
                 contested: Bool = false) -> GdprRequest {
        GdprRequest(standing: .parentOfMinor, kind: kind, recordKind: recordKind, endOfSchooling: end,
                    accuracyContested: contested, consentWithdrawn: false)
    }

    func testRF7RF9ErasureOfCertificatesIsRefusedNamingTheProvision() throws {
        let out = try gdprDecide(policy: policy, request: request(.erasure, "certificates"), today: date(2026, 11, 2))
        XCTAssertEqual(out.decision, .refused)
        XCTAssertEqual(out.provisions, ["GDPR Art. 17(3)(b)", "ZOsn Art. 98"])
        XCTAssertEqual(out.complaint?.nameSl, "Informacijski pooblaščenec")
        XCTAssertEqual(out.controller, .school)
    }

    func testRF9DeletionDatesAndCollections() throws {
        XCTAssertEqual(try deletionDate(policy: policy, recordKind: "counselling", endOfSchooling: date(2026, 6, 15)),
                       .deleteOn(date: date(2027, 6, 15)))
        XCTAssertEqual(try deletionDate(policy: policy, recordKind: "progress", endOfSchooling: date(2026, 6, 15)),
                       .permanent)
        let consent = statutoryCollections().filter { $0.needsParentalConsent }.map { $0.collection }
        XCTAssertEqual(consent, [.physicalAbilities])
    }

    func testRF8VendorIsControllerOnlyOfBillingData() throws {
        XCTAssertEqual(try dataRoles(policy: policy, recordKind: "student_record"),
                       DataRoles(controller: .school, processor: .vendor))
        XCTAssertEqual(try dataRoles(policy: policy, recordKind: "subscriber_billing"),
                       DataRoles(controller: .vendor, processor: nil))
    }

    func testRF7LiftingARestrictionNeedsTellingThePersonFirst() throws {
        let out = try gdprDecide(policy: policy, request: request(.restriction, "parent_data", contested: true),
                                 today: date(2026, 11, 2))
        XCTAssertTrue(out.notifyBeforeLifting)
        let r = try GdprRestriction.start(policy: policy, recordKind: "parent_data",
                                          now: Date(timeIntervalSince1970: 1_793_606_400))
        XCTAssertThrowsError(try r.lift(now: Date(timeIntervalSince1970: 1_793_610_000))) { error in
            guard case let AsistentError.RestrictionStep(state, event, _) = error else {
                return XCTFail("expected RestrictionStep, got \(error)")
            }
            XCTAssertEqual([state, event], ["active", "lift"])
        }
        let lifted = try r.notifyPerson(now: Date(timeIntervalSince1970: 1_793_610_000))
            .lift(now: Date(timeIntervalSince1970: 1_793_613_600))
        XCTAssertEqual(lifted.state(), "lifted")
    }

    func testRF7ARestrictionIsStoredBetweenItsStepsAndReadBack() throws {
        let told = try GdprRestriction.start(policy: policy, recordKind: "parent_data",
                                             now: Date(timeIntervalSince1970: 1_793_606_400))
            .notifyPerson(now: Date(timeIntervalSince1970: 1_793_610_000))
        XCTAssertEqual(told.lastStep()?.rules, ["R-F7"])
        let back = try GdprRestriction.fromJson(policy: policy, json: told.toJson())
        XCTAssertEqual(back.state(), "lifting_notified")
        XCTAssertEqual(back.recordKind(), "parent_data")
        XCTAssertEqual(back.since(), Date(timeIntervalSince1970: 1_793_606_400))
        XCTAssertEqual(back.notifiedAt(), Date(timeIntervalSince1970: 1_793_610_000))
        XCTAssertNil(back.liftedAt())
        XCTAssertNil(back.lastStep())
        XCTAssertThrowsError(try back.lift(now: Date(timeIntervalSince1970: 1_793_608_200))) { error in
            guard case let AsistentError.RestrictionStep(state, event, _) = error else {
                return XCTFail("expected RestrictionStep, got \(error)")
            }
            XCTAssertEqual([state, event], ["lifting_notified", "lift"])
        }
        XCTAssertThrowsError(try GdprRestriction.fromJson(policy: policy, json: "{\"state\": \"paused\"}")) { error in
            guard case let AsistentError.InvalidValue(what, _, reason, _) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "stored restriction")
            XCTAssertTrue(reason.hasPrefix("the stored restriction cannot be read: "))
        }
    }

    func testRF9UnknownRecordKindIsATypedError() {
        XCTAssertThrowsError(try gdprDecide(policy: policy, request: request(.erasure, "report_cards"),
                                            today: date(2026, 11, 2))) { error in
            guard case let AsistentError.UnknownRecordKind(recordKind, _, reason) = error else {
                return XCTFail("expected UnknownRecordKind, got \(error)")
            }
            XCTAssertEqual(recordKind, "report_cards")
            XCTAssertTrue(reason.hasPrefix("`report_cards` is not a record kind of the retention table"))
        }
    }
}
