import XCTest
@testable import Asistent

/// Services, prices, quotes and registrations (R-C1 … R-C9) as an iOS app developer uses
/// them. Runs with `swift test` on macOS.
final class ServicesTests: XCTestCase {
    let policy = Policy.defaults()

    func date(_ y: Int, _ m: Int, _ d: Int) -> DateComponents {
        DateComponents(year: y, month: m, day: d)
    }

    func testRC2DefaultPricesAreDecimals() throws {
        let list = try XCTUnwrap(try priceListFor(policy: policy, schoolYear: try parseSchoolYear(label: "2025/26")))
        XCTAssertEqual(list.zaStarse, Decimal(string: "35.90"))
        XCTAssertEqual(list.zaUcence, Decimal(string: "38.90"))
        XCTAssertEqual(list.popolni, Decimal(string: "52.90"))
        XCTAssertEqual(list.zaUcenceAddon, Decimal(string: "17.00"))
    }

    func testRC4AFamilyOfTwoChildren() throws {
        let quote = try quoteFamily(
            policy: policy,
            schoolYear: try parseSchoolYear(label: "2025/26"),
            orders: [ChildOrder(student: "ana", service: .popolni), ChildOrder(student: "luka", service: .minimalni)],
            instalments: 1
        )
        XCTAssertEqual(quote.total, Decimal(string: "52.90"))
        XCTAssertEqual(quote.children[0].lines.map { $0.item }, [.zaStarse, .zaUcenceAddon])
        XCTAssertTrue(quote.textSl.contains("Skupaj za družino: 52,90 €"))
        XCTAssertTrue(quote.textEn.contains("Total for the family: EUR 52.90"))
    }

    func testRC4InstalmentsAreATypedError() throws {
        let year = try parseSchoolYear(label: "2025/26")
        XCTAssertThrowsError(try quoteFamily(policy: policy, schoolYear: year,
                                             orders: [ChildOrder(student: "ana", service: .zaStarse)], instalments: 10)) { error in
            guard case let AsistentError.InstalmentsNotOffered(requested, reason) = error else {
                return XCTFail("expected InstalmentsNotOffered, got \(error)")
            }
            XCTAssertEqual(requested, 10)
            XCTAssertTrue(reason.contains("in one payment (R-C4)"))
        }
    }

    func testRC3BothParentsReceiveTheNotices() throws {
        XCTAssertEqual(try notificationRecipients(service: .zaStarse, guardians: ["mama", "oce"]), ["mama", "oce"])
        XCTAssertEqual(try notificationRecipients(service: .minimalni, guardians: ["mama", "oce"]), [])
    }

    func testRC3RC5TheAnswersWithReasonsNameTheirRules() throws {
        let r = try notificationRecipientsWithReasons(service: .zaStarse, guardians: ["mama", "oce"])
        XCTAssertEqual(r, NotificationRecipients(guardians: ["mama", "oce"], reasons: ["R-C3", "R-E5"]))
        XCTAssertEqual(
            try chooseForChildWithReasons(chooser: .legalRepresentative, student: "ana", service: .zaUcence),
            ChosenService(student: "ana", service: .zaUcence, reasons: ["R-C5", "R-C6"])
        )
        XCTAssertEqual(
            try chooseForSelfWithReasons(chooser: .legalRepresentative, service: .minimalni),
            ChosenService(student: nil, service: .minimalni, reasons: ["R-C5"])
        )
        XCTAssertThrowsError(try chooseForChildWithReasons(chooser: .student, student: "ana", service: .zaUcence)) { error in
            guard case let AsistentError.NotAllowedToChoose(chooser, _) = error else {
                return XCTFail("expected NotAllowedToChoose, got \(error)")
            }
            XCTAssertEqual(chooser, "student")
        }
    }

    func testRC6TheChildCannotSetTheService() {
        XCTAssertThrowsError(try chooseForChild(chooser: .student, student: "ana", service: .zaUcence)) { error in
            guard case let AsistentError.NotAllowedToChoose(chooser, reason) = error else {
                return XCTFail("expected NotAllowedToChoose, got \(error)")
            }
            XCTAssertEqual(chooser, "student")
            XCTAssertEqual(reason, "a student cannot set the service: only a parent or legal representative can (R-C6)")
        }
    }

    func testRC7RC8ARegistrationThroughTwoSchoolYears() throws {
        let year = try parseSchoolYear(label: "2025/26")
        let reg = try Registration.register(guardian: "mama", student: "ana", school: "os-a",
                                            service: .zaStarse, chooser: .legalRepresentative, on: date(2025, 9, 10))
        let paid = try reg.apply(event: .pay(schoolYear: year), on: date(2025, 9, 12), policy: policy)
        XCTAssertEqual(paid.outcome, .paid(schoolYear: year, amount: Decimal(string: "35.90")!))
        XCTAssertTrue(try paid.registration.periodOn(date: date(2026, 3, 2)).noticesMayBeSent)
        XCTAssertFalse(try paid.registration.periodOn(date: date(2026, 9, 2)).noticesMayBeSent)
        let revoked = try paid.registration.apply(event: .revoke, on: date(2026, 5, 4), policy: policy).registration
        XCTAssertThrowsError(try revoked.apply(event: .revoke, on: date(2026, 6, 1), policy: policy)) { error in
            guard case let AsistentError.WrongRegistrationState(event, state, since, _) = error else {
                return XCTFail("expected WrongRegistrationState, got \(error)")
            }
            XCTAssertEqual([event, state, since], ["revoke", "revoked", "2026-05-04"])
        }
    }

    func testRC7RE6PeriodOnAnswersWithTheServiceInForceOnTheDate() throws {
        let year = try parseSchoolYear(label: "2026/27")
        let reg = try Registration.register(guardian: "mama", student: "ana", school: "os-a",
                                            service: .zaStarse, chooser: .legalRepresentative, on: date(2026, 9, 1))
        let paid = try reg.apply(event: .pay(schoolYear: year), on: date(2026, 9, 2), policy: policy).registration
        let changed = try paid.apply(event: .changeService(service: .minimalni, chooser: .legalRepresentative),
                                     on: date(2026, 12, 1), policy: policy).registration
        XCTAssertTrue(try changed.periodOn(date: date(2026, 10, 15)).noticesMayBeSent)
        XCTAssertFalse(try changed.periodOn(date: date(2026, 12, 1)).noticesMayBeSent)
        XCTAssertEqual(try changed.serviceOn(date: date(2026, 10, 15)), .zaStarse)
        XCTAssertEqual(try changed.serviceOn(date: date(2026, 12, 1)), .minimalni)
        XCTAssertNil(try changed.serviceOn(date: date(2026, 8, 31)))
        XCTAssertEqual(try changed.serviceChanges(),
                       [ServiceChange(on: date(2026, 12, 1), from: .zaStarse, to: .minimalni)])
        let stored = try Registration.fromJson(json: changed.toJson())
        XCTAssertEqual(stored.toJson(), changed.toJson())
    }

    func testRC2RC4RE5ZaUcenceToZaStarseWithinAPaidYearOwesNothingMore() throws {
        let year = try parseSchoolYear(label: "2025/26")
        let reg = try Registration.register(guardian: "mama", student: "ana", school: "os-a",
                                            service: .zaUcence, chooser: .legalRepresentative, on: date(2025, 9, 10))
        let paid = try reg.apply(event: .pay(schoolYear: year), on: date(2025, 9, 12), policy: policy).registration
        let switched = try paid.apply(event: .changeService(service: .zaStarse, chooser: .legalRepresentative),
                                      on: date(2025, 11, 1), policy: policy).registration
        XCTAssertEqual(try switched.amountDue(schoolYear: year, policy: policy), Decimal(string: "0.00")!)
        let step = try switched.apply(event: .pay(schoolYear: year), on: date(2025, 11, 5), policy: policy)
        XCTAssertEqual(step.outcome, .paid(schoolYear: year, amount: Decimal(string: "0.00")!))
        XCTAssertTrue(try step.registration.periodOn(date: date(2025, 11, 5)).noticesMayBeSent)
        XCTAssertFalse(try step.registration.periodOn(date: date(2025, 10, 15)).noticesMayBeSent)
        XCTAssertThrowsError(try step.registration.amountDue(schoolYear: try parseSchoolYear(label: "2024/25"),
                                                             policy: policy)) { error in
            guard case let AsistentError.ServiceRefused(kind, reason) = error else {
                return XCTFail("expected ServiceRefused, got \(error)")
            }
            XCTAssertEqual(kind, "no_price_list")
            XCTAssertTrue(reason.hasPrefix("no price list covers school year 2024/25"))
        }
    }

    func testBadInputIsTyped() {
        XCTAssertThrowsError(try parseService(code: "gold")) { error in
            guard case let AsistentError.InvalidValue(what, value, reason, _) = error else {
                return XCTFail("expected InvalidValue, got \(error)")
            }
            XCTAssertEqual(what, "service")
            XCTAssertEqual(value, "gold")
            XCTAssertTrue(reason.hasPrefix("`gold` is not a service"))
        }
        let json = #"{"services": {"price_lists": [{"from_school_year": "2025/26", "za_starse": "35.905", "za_ucence": "38.90", "popolni": "52.90", "za_ucence_addon": "17.00"}]}}"#
        XCTAssertThrowsError(try Policy.fromJson(json: json)) { error in
            guard case let AsistentError.InvalidPolicy(field, reason) = error else {
                return XCTFail("expected InvalidPolicy, got \(error)")
            }
            XCTAssertEqual(field, "services.price_lists[0].za_starse")
            XCTAssertTrue(reason.contains("at most two decimals"))
        }
    }

    func testRC5RC6AParentChoosesTheirOwnModeAStudentCannot() throws {
        XCTAssertEqual(try chooseForSelf(chooser: .legalRepresentative, service: .minimalni), .minimalni)
        XCTAssertThrowsError(try chooseForSelf(chooser: .student, service: .zaStarse)) { error in
            guard case let AsistentError.NotAllowedToChoose(chooser, _) = error else {
                return XCTFail("expected NotAllowedToChoose, got \(error)")
            }
            XCTAssertEqual(chooser, "student")
        }
    }
}
