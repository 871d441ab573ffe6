import XCTest
@testable import Asistent

/// SMS segments and costs (R-A10) as an iOS app developer uses them. Runs with `swift test`
/// on macOS.
final class SmsTests: XCTestCase {
    let policy = Policy.defaults()

    func testRA10Gsm7CountsSeptetsAndExtensionCharactersTakeTwo() throws {
        let one = try smsCount(text: String(repeating: "a", count: 160))
        XCTAssertEqual(one.encoding, .gsm7)
        XCTAssertEqual(one.segments, 1)
        let two = try smsCount(text: String(repeating: "a", count: 159) + "€")
        XCTAssertEqual(two.segments, 2)
        XCTAssertEqual(two.units, 161)
        XCTAssertEqual(two.perPartLimit, 153)
        XCTAssertEqual(two.remainingInLastPart, 145)
    }

    func testRA10SlovenianLettersAndEmojiForceUcs2() throws {
        let c = try smsCount(text: "Žan je dobil 5 🎉")
        XCTAssertEqual(c.encoding, .ucs2)
        XCTAssertEqual(c.units, 17)
        XCTAssertEqual(c.characters, 16)
        XCTAssertEqual(try smsCount(text: String(repeating: "č", count: 71)).segments, 2)
    }

    func testRA10CostBothWays() throws {
        let text = String(repeating: "Vaš otrok je bil odsoten pri športni vzgoji. ", count: 3)
        let q = try smsQuote(text: text, policy: policy)
        XCTAssertEqual(q.asWritten.total, Decimal(string: "0.15"))
        XCTAssertEqual(q.transliterated.count.encoding, .gsm7)
        XCTAssertEqual(q.transliterated.total, Decimal(string: "0.05"))
        XCTAssertEqual(q.saving, Decimal(string: "0.10"))
        XCTAssertEqual(smsTransliterate(text: "ČŠŽĆĐ čšžćđ 🎉"), "CSZCD cszcd 🎉")
    }

    func testRA10CostReportPerRecipientChildAndMonth() throws {
        let nov = Date(timeIntervalSince1970: 1_794_312_000) // 2026-11-10T12:00:00Z
        let late = Date(timeIntervalSince1970: 1_796_081_400) // 2026-11-30T23:30:00Z, 1 December in Ljubljana
        let report = try smsCostReport(messages: [
            SentSms(recipient: "mama", child: "ana", sentAt: nov, text: "Ana je bila odsotna."),
            SentSms(recipient: "mama", child: "ana", sentAt: late, text: "Test iz fizike v petek."),
            SentSms(recipient: "oce", child: "ana", sentAt: nov, text: String(repeating: "Ocena: 5. ", count: 20)),
        ], policy: policy)
        XCTAssertEqual(report.lines.map { $0.month }, [11, 12, 11])
        XCTAssertEqual(report.lines.map { $0.segments }, [1, 1, 2])
        XCTAssertEqual(report.total, Decimal(string: "0.20"))
    }

    func testRA10EmptyTextIsATypedError() {
        XCTAssertThrowsError(try smsCount(text: "")) { error in
            guard case let AsistentError.EmptySms(reason) = error else {
                return XCTFail("expected EmptySms, got \(error)")
            }
            XCTAssertEqual(reason, "the SMS text is empty: there is nothing to send")
        }
    }

    func testRA10OversizedTextIsATypedError() {
        XCTAssertThrowsError(try smsCost(text: String(repeating: "č", count: 671), policy: policy)) { error in
            guard case let AsistentError.SmsTooLong(segments, max, encoding, units, reason) = error else {
                return XCTFail("expected SmsTooLong, got \(error)")
            }
            XCTAssertEqual(segments, 11)
            XCTAssertEqual(max, 10)
            XCTAssertEqual(encoding, .ucs2)
            XCTAssertEqual(units, 671)
            XCTAssertEqual(reason, "the SMS text needs 11 segments (UCS-2, 671 units), more than the 10 allowed")
        }
    }

    func testRA10BadPriceInThePolicyIsATypedError() {
        XCTAssertThrowsError(try Policy.fromJson(json: #"{"sms": {"price_per_segment": "-0.01"}}"#)) { error in
            guard case let AsistentError.InvalidPolicy(field, reason) = error else {
                return XCTFail("expected InvalidPolicy, got \(error)")
            }
            XCTAssertEqual(field, "sms.price_per_segment")
            XCTAssertTrue(reason.contains("a price cannot be negative"))
        }
    }
}
