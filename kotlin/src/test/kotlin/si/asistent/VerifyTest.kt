// Security codes, the parent's way in, passwords and printouts (R-A1 … R-A9,
// R-B1 … R-B10) as an Android app developer uses them.
package si.asistent

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

fun verifySuite() = Suite("verify").apply {
    // The fewest PBKDF2 iterations a policy allows keep the tests fast; the default is 600,000.
    val policy = Policy.fromJson("""{"verify": {"code_iterations": 100000, "password_iterations": 100000}}""")
    val now = Instant.parse("2026-09-03T17:00:00Z")
    val birth = LocalDate.of(2015, 4, 2)

    test("R-B10 R-B1 an issued code is grouped, checked, and its record holds no plaintext") {
        val issued = issueSecurityCode("ana", "mark", "os-prule", emptyList(), now, policy)
        val code = issued.code.reveal()
        assertEquals(11, code.length)
        assertEquals('-', code[5])
        assertEquals(code, checkSecurityCodeFormat(code.lowercase().replace("-", " ")))
        assertFalse(issued.recordJson.contains(code.replace("-", "")))
        // R-B10: the secret does not print with the record (data-class toString).
        assertFalse(issued.toString().contains(code), issued.toString())
        assertTrue(issued.toString().contains("SecretText(***)"), issued.toString())
        assertEquals("SecretText(***)", issued.code.toString())
        assertTrue(issued.revokedJson.isEmpty())
    }

    test("R-B3 R-B4 R-B5 code, three wrong dates void it; a right flow activates the portal") {
        val issued = issueSecurityCode("ana", "mark", "os-prule", emptyList(), now, policy)
        var flow = ParentFlow.start(issued.recordJson)
        assertEquals("code", flow.currentStep())
        val accepted = flow.enterCode(issued.code.reveal(), now, policy)
        assertEquals("code_accepted", accepted.outcome.kind)
        var voided = accepted.flow
        repeat(3) { voided = voided.enterBirthDate(birth.plusDays(1), birth, now, policy).flow }
        assertEquals("voided", voided.currentStep())

        flow = accepted.flow.enterBirthDate(birth, birth, now, policy).flow
        assertEquals("contacts", flow.currentStep())
        val sent = flow.sendConfirmation(ContactKind.EMAIL, "Ana.Novak@Example.si", now, policy)
        assertEquals(6, sent.code.reveal().length)
        assertFalse(sent.toString().contains(sent.code.reveal()))
        flow = sent.result.flow.enterConfirmation(ContactKind.EMAIL, "ana.novak@example.si", sent.code.reveal(), now, policy).flow
        val sms = flow.sendConfirmation(ContactKind.PHONE, "041 123 456", now, policy)
        val confirmed = sms.result.flow.enterConfirmation(ContactKind.PHONE, "+386 41 123 456", sms.code.reveal(), now, policy)
        assertEquals("contact_confirmed", confirmed.outcome.kind)
        // R-C5 R-C1: ZA UČENCE is not a parent's own mode; no contact for the parent
        // contradicts a child's POPOLNI, which sends the parent notices.
        val wrongMode = expectThrows<AsistentException.VerificationRefused> {
            confirmed.flow.chooseServices("za_ucence", "minimalni", now, policy)
        }
        assertEquals("service_choice", wrongMode.kind)
        assertTrue(wrongMode.reason.contains("ZA UČENCE is the student's service"), wrongMode.reason)
        val contradictory = expectThrows<AsistentException.VerificationRefused> {
            confirmed.flow.chooseServices("no_electronic_contact", "popolni", now, policy)
        }
        assertEquals("service_choice", contradictory.kind)
        val done = confirmed.flow.chooseServices("minimalni", "minimalni", now, policy)
        assertEquals("portal_activated", done.outcome.kind)
        assertEquals(listOf("R-B4"), done.outcome.rules)
        assertEquals(done.flow.toJson(), ParentFlow.fromJson(done.flow.toJson()).toJson())
    }

    test("R-B8 a new code revokes the old one") {
        val first = issueSecurityCode("ana", "mark", "os-prule", emptyList(), now, policy)
        val second = issueSecurityCode("ana", "mark", "ss-koper", listOf(first.recordJson), now, policy)
        assertEquals(1, second.revokedJson.size)
        val old = ParentFlow.start(second.revokedJson[0])
        assertEquals("code_revoked", old.enterCode(first.code.reveal(), now, policy).outcome.kind)
    }

    test("R-B10 malformed codes and contacts are typed errors") {
        val e = expectThrows<AsistentException.MalformedCode> { checkSecurityCodeFormat("ABC") }
        assertEquals("security code", e.what)
        assertEquals("a security code has 10 characters (without dashes and spaces), this one has 3", e.reason)
        val c = expectThrows<AsistentException.InvalidContact> { normalizePhone("041 12") }
        assertEquals("phone", c.kind)
        assertEquals("041 12", c.input)
        val m = expectThrows<AsistentException.InvalidContact> { normalizeEmail("ana@") }
        assertEquals("email", m.kind)
        assertEquals("+38641123456", normalizePhone("041 123 456").e164)
        assertEquals(PhoneKind.SLOVENIAN_MOBILE, normalizePhone("041 123 456").kind)
    }

    test("R-B4 every kind of line has its own value (never a stand-in)") {
        assertEquals(PhoneKind.SLOVENIAN_MOBILE, normalizePhone("041 123 456").kind)
        assertEquals(PhoneKind.SLOVENIAN_FIXED, normalizePhone("(01) 234 56 78").kind)
        assertEquals(PhoneKind.FOREIGN, normalizePhone("+43 664 1234567").kind)
    }

    test("R-A1 a password change needs the old password") {
        val hash = hashPassword("staro-geslo-1", policy)
        assertTrue(verifyPassword(hash, "staro-geslo-1"))
        val e = expectThrows<AsistentException.PasswordRefused> { changePassword(hash, "napačno", "novo-geslo-2", policy) }
        assertEquals("wrong_old_password", e.kind)
        val short = expectThrows<AsistentException.PasswordRefused> { hashPassword("kratko", policy) }
        assertEquals("a password needs at least 8 characters, this one has 6", short.reason)
        assertTrue(verifyPassword(changePassword(hash, "staro-geslo-1", "novo-geslo-2", policy), "novo-geslo-2"))
    }

    test("R-A2 R-A4 reset requests look the same; tokens are single use") {
        val unknown = requestPasswordReset("nihce@example.si", null, now, policy)
        val known = requestPasswordReset("ana@example.si", AccountKind.PARENT, now, policy)
        assertEquals(unknown.messageSl, known.messageSl)
        assertNull(unknown.token)
        val token = known.token!!.reveal()
        assertFalse(known.toString().contains(token))
        assertTrue(token.length * 4 >= 128)
        val used = redeemResetToken(known.recordJson!!, token, now)
        assertEquals("accepted", used.outcome)
        assertEquals("already_used", redeemResetToken(used.recordJson, token, now).outcome)
        assertEquals("expired", redeemResetToken(known.recordJson!!, token, now.plusSeconds(3600)).outcome)
        expectThrows<AsistentException.MalformedCode> { redeemResetToken(known.recordJson!!, "x", now) }
    }

    test("R-A3 a parent with portal access makes a readable password for a child") {
        val r = resetChildPassword(true, listOf("mark", "eva"), "eva", policy)
        assertEquals(14, r.password.reveal().length)
        assertTrue(verifyPassword(r.hashJson, r.password.reveal()))
        assertFalse(r.toString().contains(r.password.reveal()), r.toString())
        val e = expectThrows<AsistentException.VerificationRefused> { resetChildPassword(false, listOf("mark"), "mark", policy) }
        assertEquals("portal_not_active", e.kind)
    }

    test("R-A8 R-A9 R-B2 R-B9 printouts, bulk sends and the class teacher's overview") {
        val students = listOf(
            StudentCredentials("s1", "Mark Novak", "7.a", "mark.novak", SecretText("geslo-1"), false, false, "mark@os.si", "041 123 456"),
            StudentCredentials("s2", "Eva Kranjc", "7.a", "eva.kranjc", SecretText("geslo-2"), true, true, null, "041 222 333"),
        )
        assertFalse(students[0].toString().contains("geslo-1"))
        val print = credentialsPrintout(students, true)
        assertTrue(print.text.contains("geslo-1"))
        assertFalse(print.text.contains("geslo-2"))
        // 161 GSM-7 characters: 2 parts of 153; the price is the policy's (R-A10).
        val plan = bulkSendPlan(students, true, "a".repeat(161), Policy.fromJson("""{"sms": {"price_per_segment": "0.07"}}"""))
        assertEquals(listOf("s1"), plan.recipients)
        assertEquals(2u, plan.smsSegments)
        assertEquals(0, BigDecimal("0.14").compareTo(plan.smsCost))
        assertEquals(listOf(SkippedStudent("s2", "already_active")), plan.skipped)
        val issued = issueSecurityCode("ana", "mark", "os-prule", emptyList(), now, policy)
        val sheet = securityCodeSheet("OŠ Prule", listOf(SheetEntry("Ana Novak", "Mark Novak", "7.a", issued.code, issued.recordJson)), policy)
        assertTrue(sheet.text.contains("Koda velja do vključno 3. 10. 2026."), sheet.text)
        assertTrue(sheet.text.contains(issued.code.reveal()))
        assertTrue(sheet.text.contains("Po treh napačnih vnosih"), sheet.text)
        assertTrue(sheet.html.contains("Varnostne kode za preverjanje identitete staršev (GDPR)"))
        val overview = classOverview(listOf(OverviewEntry("7.a", "ana", "Ana Novak", "Mark Novak", null)))
        assertTrue(overview.text.contains("7.a (0/1 potrjenih)"), overview.text)
        assertNotEquals("", overview.html)
    }

    test("R-B10 a failed system random source is its own error, not a refusal of the input") {
        val e = AsistentException.SystemRandomFailure("the random source failed; nothing was issued")
        val asBase: AsistentException = e
        assertFalse(asBase is AsistentException.VerificationRefused)
        assertEquals("the random source failed; nothing was issued", e.reason)
    }

    test("R-B10 a code revoked by a newer one fails in a flow already open") {
        val a = issueSecurityCode("ana", "mark", "os-prule", emptyList(), now, policy)
        val open = ParentFlow.start(a.recordJson)
        val b = issueSecurityCode("ana", "mark", "os-prule", listOf(open.recordJson()), now, policy)
        val resumed = open.resume(b.revokedJson.single())
        assertEquals("revoked", resumed.currentStep())
        assertEquals("code_revoked", resumed.enterCode(a.code.reveal(), now, policy).outcome.kind)
        val e = expectThrows<AsistentException.VerificationRefused> { open.resume(b.recordJson) }
        assertEquals("record_mismatch", e.kind)
    }

    test("R-B8 R-B10 revoking an open flow's code ends the flow; its record is stored revoked") {
        val issued = issueSecurityCode("ana", "mark", "os-prule", emptyList(), now, policy)
        val flow = ParentFlow.start(issued.recordJson)
        val step = flow.revoke(now, policy)
        assertEquals("code_revoked", step.outcome.kind)
        assertEquals(listOf("R-B10", "R-B8"), step.outcome.rules)
        assertEquals("revoked", step.flow.currentStep())
        assertTrue(step.flow.recordJson().contains("revoked"), step.flow.recordJson())
        assertEquals("code_revoked", step.flow.enterCode(issued.code.reveal(), now, policy).outcome.kind)
        // Revoking again says the same, it does not throw.
        assertEquals("code_revoked", step.flow.revoke(now, policy).outcome.kind)
    }
}
