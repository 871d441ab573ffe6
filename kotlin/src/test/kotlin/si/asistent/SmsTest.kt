// SMS segments and costs (R-A10) as an Android app developer uses them.
package si.asistent

import java.math.BigDecimal
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertTrue

fun smsSuite() = Suite("sms").apply {
    val policy = Policy.defaults()

    test("R-A10 GSM-7 fits 160 septets in one SMS, 153 per part; extension characters take two") {
        val one = smsCount("a".repeat(160))
        assertEquals(SmsEncoding.GSM7, one.encoding)
        assertEquals(1u, one.segments)
        assertEquals(0u, one.remainingInLastPart)
        val two = smsCount("a".repeat(159) + "€")
        assertEquals(2u, two.segments)
        assertEquals(161u, two.units)
        assertEquals(153u, two.perPartLimit)
        // The escape is never split: "€" after 152 septets opens the second part.
        assertEquals(141u, smsCount("a".repeat(152) + "€" + "b".repeat(10)).remainingInLastPart)
    }

    test("R-A10 Slovenian letters and emoji force UCS-2 at 70 and 67") {
        val c = smsCount("Žan je dobil 5 🎉")
        assertEquals(SmsEncoding.UCS2, c.encoding)
        assertEquals(17u, c.units)
        assertEquals(16u, c.characters)
        assertEquals(70u, c.perPartLimit)
        assertEquals(2u, smsCount("č".repeat(71)).segments)
    }

    test("R-A10 cost both ways: as written and transliterated") {
        val q = smsQuote("Vaš otrok je bil odsoten pri športni vzgoji. ".repeat(3), policy)
        assertEquals(SmsEncoding.UCS2, q.asWritten.count.encoding)
        assertEquals(BigDecimal("0.15"), q.asWritten.total)
        assertEquals(SmsEncoding.GSM7, q.transliterated.count.encoding)
        assertEquals(BigDecimal("0.05"), q.transliterated.total)
        assertEquals(BigDecimal("0.10"), q.saving)
        assertEquals("CSZCD cszcd 🎉", smsTransliterate("ČŠŽĆĐ čšžćđ 🎉"))
        val custom = Policy.fromJson("""{"sms": {"price_per_segment": "0.0375"}}""")
        assertEquals(BigDecimal("0.1125"), smsCost("a".repeat(307), custom).total)
    }

    test("R-A10 cost report per recipient, child and Ljubljana month") {
        val nov = Instant.parse("2026-11-10T12:00:00Z")
        val late = Instant.parse("2026-11-30T23:30:00Z") // 1 December in Ljubljana
        val report = smsCostReport(
            listOf(
                SentSms("mama", "ana", nov, "Ana je bila odsotna."),
                SentSms("mama", "ana", late, "Test iz fizike v petek."),
                SentSms("oce", "ana", nov, "Ocena: 5. ".repeat(20)),
            ),
            policy,
        )
        assertEquals(
            listOf(Triple("mama", 11u, 1uL), Triple("mama", 12u, 1uL), Triple("oce", 11u, 2uL)),
            report.lines.map { Triple(it.recipient, it.month, it.segments) },
        )
        assertEquals(BigDecimal("0.20"), report.total)
        assertEquals(3uL, report.messages)
    }

    test("R-A10 an empty text is a typed error") {
        val e = expectThrows<AsistentException.EmptySms> { smsCount("") }
        assertEquals("the SMS text is empty: there is nothing to send", e.reason)
    }

    test("R-A10 an oversized text is a typed error with its fields") {
        val e = expectThrows<AsistentException.SmsTooLong> { smsCost("č".repeat(671), policy) }
        assertEquals(11uL, e.segments)
        assertEquals(10u, e.max)
        assertEquals(SmsEncoding.UCS2, e.encoding)
        assertEquals(671uL, e.units)
        assertEquals("the SMS text needs 11 segments (UCS-2, 671 units), more than the 10 allowed", e.reason)
    }

    test("R-A10 a bad sent message names its index; a bad ID is an invalid value") {
        val nov = Instant.parse("2026-11-10T12:00:00Z")
        val e = expectThrows<AsistentException.InvalidSentSms> {
            smsCostReport(listOf(SentSms("mama", "ana", nov, "ok"), SentSms("mama", "ana", nov, "")), policy)
        }
        assertEquals(1uL, e.index)
        assertEquals("the SMS text is empty: there is nothing to send", e.problem)
        val bad = expectThrows<AsistentException.InvalidValue> {
            smsCostReport(listOf(SentSms("", "ana", nov, "ok")), policy)
        }
        assertEquals("guardian ID", bad.what)
    }

    test("R-A10 a bad SMS price in the policy is a typed error naming the field") {
        val e = expectThrows<AsistentException.InvalidPolicy> {
            Policy.fromJson("""{"sms": {"price_per_segment": "-0.01"}}""")
        }
        assertEquals("sms.price_per_segment", e.field)
        assertTrue(e.reason.contains("a price cannot be negative"), e.reason)
        val f = expectThrows<AsistentException.InvalidPolicy> {
            Policy.fromJson("""{"sms": {"price_per_segment": "0.00001"}}""")
        }
        assertTrue(f.reason.contains("more than 4 decimal places"), f.reason)
    }
}
