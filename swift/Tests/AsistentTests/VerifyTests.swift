import XCTest
@testable import Asistent

/// Security codes, the parent's way in and credentials (R-A1 … R-A9, R-B1 … R-B10) as an
/// iOS app developer uses them. Runs with `swift test` on macOS.
final class VerifyTests: XCTestCase {
    // The fewest PBKDF2 iterations a policy allows keep the tests fast; the default is 600,000.
    let policy = try! Policy.fromJson(json: #"{"verify": {"code_iterations": 100000, "password_iterations": 100000}}"#)
    let now = Date(timeIntervalSince1970: 1_788_454_800) // 2026-09-03T17:00:00Z
    let birth = DateComponents(year: 2015, month: 4, day: 2)

    func testRB10IssuedCodeIsGroupedAndItsRecordHoldsNoPlaintext() throws {
        let issued = try issueSecurityCode(guardian: "ana", student: "mark", school: "os-prule",
                                           previousJson: [], now: now, policy: policy)
        let code = issued.code.reveal()
        XCTAssertEqual(code.count, 11)
        XCTAssertEqual(try checkSecurityCodeFormat(text: code.lowercased()), code)
        XCTAssertFalse(issued.recordJson.contains(code.replacingOccurrences(of: "-", with: "")))
        XCTAssertEqual(issued.code.description, "SecretText(***)")
        XCTAssertFalse(String(describing: issued).contains(code))
    }

    func testRB3RB4TheWayInAndThreeWrongDates() throws {
        let issued = try issueSecurityCode(guardian: "ana", student: "mark", school: "os-prule",
                                           previousJson: [], now: now, policy: policy)
        let flow = try ParentFlow.start(recordJson: issued.recordJson)
        let accepted = try flow.enterCode(code: issued.code.reveal(), now: now, policy: policy)
        XCTAssertEqual(accepted.outcome.kind, "code_accepted")
        var voided = accepted.flow
        let wrong = DateComponents(year: 2015, month: 4, day: 3)
        for _ in 0..<3 {
            voided = try voided.enterBirthDate(given: wrong, onRecord: birth, now: now, policy: policy).flow
        }
        XCTAssertEqual(voided.currentStep(), "voided")
        var next = try accepted.flow.enterBirthDate(given: birth, onRecord: birth, now: now, policy: policy).flow
        let mail = try next.sendConfirmation(kind: .email, contactText: "ana@example.si", now: now, policy: policy)
        next = try mail.result.flow.enterConfirmation(kind: .email, contactText: "ana@example.si",
                                                      code: mail.code.reveal(), now: now, policy: policy).flow
        let sms = try next.sendConfirmation(kind: .phone, contactText: "041 123 456", now: now, policy: policy)
        next = try sms.result.flow.enterConfirmation(kind: .phone, contactText: "041 123 456",
                                                     code: sms.code.reveal(), now: now, policy: policy).flow
        let done = try next.chooseServices(forParent: "minimalni", forChild: "minimalni", now: now, policy: policy)
        XCTAssertEqual(done.outcome.kind, "portal_activated")
    }

    func testRB10MalformedInputIsATypedError() {
        XCTAssertThrowsError(try checkSecurityCodeFormat(text: "ABC")) { error in
            guard case let AsistentError.MalformedCode(what, reason) = error else {
                return XCTFail("expected MalformedCode, got \(error)")
            }
            XCTAssertEqual(what, "security code")
            XCTAssertEqual(reason, "a security code has 10 characters (without dashes and spaces), this one has 3")
        }
        XCTAssertThrowsError(try normalizePhone(text: "041 12")) { error in
            guard case let AsistentError.InvalidContact(kind, input, _) = error else {
                return XCTFail("expected InvalidContact, got \(error)")
            }
            XCTAssertEqual(kind, "phone")
            XCTAssertEqual(input, "041 12")
        }
    }

    func testRB4EveryKindOfLineHasItsOwnValue() throws {
        XCTAssertEqual(try normalizePhone(text: "041 123 456").kind, .slovenianMobile)
        XCTAssertEqual(try normalizePhone(text: "(01) 234 56 78").kind, .slovenianFixed)
        XCTAssertEqual(try normalizePhone(text: "+43 664 1234567").kind, .foreign)
    }

    func testRA1RA2PasswordsAndResets() throws {
        let hash = try hashPassword(password: "staro-geslo-1", policy: policy)
        XCTAssertTrue(try verifyPassword(hashJson: hash, password: "staro-geslo-1"))
        XCTAssertThrowsError(try changePassword(hashJson: hash, oldPassword: "napačno", newPassword: "novo-geslo-2", policy: policy))
        let unknown = try requestPasswordReset(email: "nihce@example.si", account: nil, now: now, policy: policy)
        let known = try requestPasswordReset(email: "ana@example.si", account: .parent, now: now, policy: policy)
        XCTAssertEqual(unknown.messageSl, known.messageSl)
        XCTAssertNil(unknown.token)
        XCTAssertEqual(try redeemResetToken(recordJson: known.recordJson!, token: known.token!.reveal(), now: now).outcome, "accepted")
    }

    func testRB10ASystemRandomFailureIsItsOwnError() {
        let error: Error = AsistentError.SystemRandomFailure(reason: "the random source failed; nothing was issued")
        if case AsistentError.VerificationRefused = error {
            XCTFail("a random-source failure is not a refusal of the input")
        }
    }

    func testRB10ACodeRevokedByANewerOneFailsInAnOpenFlow() throws {
        let a = try issueSecurityCode(guardian: "ana", student: "mark", school: "os-prule",
                                      previousJson: [], now: now, policy: policy)
        let open = try ParentFlow.start(recordJson: a.recordJson)
        let b = try issueSecurityCode(guardian: "ana", student: "mark", school: "os-prule",
                                      previousJson: [open.recordJson()], now: now, policy: policy)
        let resumed = try open.resume(recordJson: b.revokedJson[0])
        XCTAssertEqual(resumed.currentStep(), "revoked")
        XCTAssertEqual(try resumed.enterCode(code: a.code.reveal(), now: now, policy: policy).outcome.kind, "code_revoked")
        XCTAssertThrowsError(try open.resume(recordJson: b.recordJson)) { error in
            guard case let AsistentError.VerificationRefused(kind, _) = error else {
                return XCTFail("expected VerificationRefused, got \(error)")
            }
            XCTAssertEqual(kind, "record_mismatch")
        }
    }

    func testRB8RB10RevokingAnOpenFlowEndsIt() throws {
        let issued = try issueSecurityCode(guardian: "ana", student: "mark", school: "os-prule",
                                           previousJson: [], now: now, policy: policy)
        let step = try ParentFlow.start(recordJson: issued.recordJson).revoke(now: now, policy: policy)
        XCTAssertEqual(step.outcome.kind, "code_revoked")
        XCTAssertEqual(step.outcome.rules, ["R-B10", "R-B8"])
        XCTAssertEqual(step.flow.currentStep(), "revoked")
        XCTAssertTrue(try step.flow.recordJson().contains("revoked"))
    }
}
