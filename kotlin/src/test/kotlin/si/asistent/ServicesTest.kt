// Services, prices, quotes and registrations (R-C1 … R-C9) as an Android app developer
// uses them.
package si.asistent

import java.math.BigDecimal
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

fun servicesSuite() = Suite("services").apply {
    val policy = Policy.defaults()
    val year2025 = parseSchoolYear("2025/26")

    test("R-C1 service names parse and carry their Slovenian labels") {
        assertEquals(Service.ZA_STARSE, parseService("za_starse"))
        assertEquals("mojAsistent POPOLNI", serviceLabelSl(Service.POPOLNI))
    }

    test("R-C2 the default price list, as BigDecimal") {
        val list = priceListFor(policy, year2025)!!
        assertEquals(BigDecimal("35.90"), list.zaStarse)
        assertEquals(BigDecimal("38.90"), list.zaUcence)
        assertEquals(BigDecimal("52.90"), list.popolni)
        assertEquals(BigDecimal("17.00"), list.zaUcenceAddon)
        assertNull(priceListFor(policy, parseSchoolYear("2024/25")))
    }

    test("R-C2 the seeds' 32.90 / 49.90 as an older dated list") {
        val custom = Policy.fromJson(
            """{"services": {"price_lists": [
              {"from_school_year": "2024/25", "za_starse": "32.90", "za_ucence": "38.90", "popolni": "49.90", "za_ucence_addon": "17.00"},
              {"from_school_year": "2025/26", "za_starse": "35.90", "za_ucence": "38.90", "popolni": "52.90", "za_ucence_addon": "17.00"}]}}"""
        )
        val old = quoteFamily(custom, parseSchoolYear("2024/25"), listOf(ChildOrder("ana", Service.POPOLNI)), 1u)
        assertEquals(BigDecimal("49.90"), old.total)
    }

    test("R-C4 R-C9 a family of two: POPOLNI is ZA STARŠE + the add-on, MINIMALNI is free") {
        val q = quoteFamily(
            policy, year2025,
            listOf(ChildOrder("ana", Service.POPOLNI), ChildOrder("luka", Service.MINIMALNI)), 1u,
        )
        assertEquals(BigDecimal("52.90"), q.total)
        assertEquals(listOf(LineItem.ZA_STARSE, LineItem.ZA_UCENCE_ADDON), q.children[0].lines.map { it.item })
        assertEquals(BigDecimal("17.00"), q.children[0].lines[1].amount)
        assertEquals(BigDecimal("0"), q.children[1].total.stripTrailingZeros())
        assertTrue(q.children[0].reasons.contains("R-C4"))
        assertTrue(q.textSl.contains("Skupaj za družino: 52,90 €"), q.textSl)
        assertTrue(q.textEn.contains("Total for the family: EUR 52.90"), q.textEn)
    }

    test("R-C4 an instalment request is a typed error saying why") {
        val e = expectThrows<AsistentException.InstalmentsNotOffered> {
            quoteFamily(policy, year2025, listOf(ChildOrder("ana", Service.ZA_STARSE)), 10u)
        }
        assertEquals(10u, e.requested)
        assertTrue(e.reason.contains("in one payment (R-C4)"), e.reason)
    }

    test("R-C3 one ZA STARŠE subscription reaches both parents") {
        assertEquals(listOf("mama", "oce"), notificationRecipients(Service.ZA_STARSE, listOf("mama", "oce")))
        assertEquals(emptyList(), notificationRecipients(Service.MINIMALNI, listOf("mama", "oce")))
        val e = expectThrows<AsistentException.ServiceRefused> {
            notificationRecipients(Service.POPOLNI, listOf("a", "b", "c"))
        }
        assertEquals("too_many_recipients", e.kind)
    }

    test("R-C5 R-C6 a parent sets the child's service; the child cannot") {
        assertEquals(Service.ZA_UCENCE, chooseForChild(Chooser.LEGAL_REPRESENTATIVE, "ana", Service.ZA_UCENCE))
        val e = expectThrows<AsistentException.NotAllowedToChoose> {
            chooseForChild(Chooser.STUDENT, "ana", Service.ZA_UCENCE)
        }
        assertEquals("student", e.chooser)
        assertEquals("a student cannot set the service: only a parent or legal representative can (R-C6)", e.reason)
    }

    test("R-C3 R-C5 the answers with reasons name their rules") {
        val r = notificationRecipientsWithReasons(Service.ZA_STARSE, listOf("mama", "oce"))
        assertEquals(NotificationRecipients(listOf("mama", "oce"), listOf("R-C3", "R-E5")), r)
        assertEquals(emptyList(), notificationRecipientsWithReasons(Service.MINIMALNI, listOf("mama")).guardians)
        assertEquals(
            ChosenService("ana", Service.ZA_UCENCE, listOf("R-C5", "R-C6")),
            chooseForChildWithReasons(Chooser.LEGAL_REPRESENTATIVE, "ana", Service.ZA_UCENCE),
        )
        assertEquals(
            ChosenService(null, Service.MINIMALNI, listOf("R-C5")),
            chooseForSelfWithReasons(Chooser.LEGAL_REPRESENTATIVE, Service.MINIMALNI),
        )
        val e = expectThrows<AsistentException.NotAllowedToChoose> {
            chooseForChildWithReasons(Chooser.STUDENT, "ana", Service.ZA_UCENCE)
        }
        assertEquals("student", e.chooser)
        val t = expectThrows<AsistentException.ServiceRefused> {
            notificationRecipientsWithReasons(Service.POPOLNI, listOf("a", "b", "c"))
        }
        assertEquals("too_many_recipients", t.kind)
    }

    test("R-C5 R-C6 a parent chooses their own mode; a student cannot") {
        assertEquals(Service.MINIMALNI, chooseForSelf(Chooser.LEGAL_REPRESENTATIVE, Service.MINIMALNI))
        assertEquals(Service.POPOLNI, chooseForSelf(Chooser.LEGAL_REPRESENTATIVE, Service.POPOLNI))
        val e = expectThrows<AsistentException.NotAllowedToChoose> { chooseForSelf(Chooser.STUDENT, Service.ZA_STARSE) }
        assertEquals("student", e.chooser)
    }

    test("a SchoolYear record whose label or days disagree with its start year is refused") {
        val year = parseSchoolYear("2025/26")
        val mislabelled = year.copy(label = "2026/27")
        val e = expectThrows<AsistentException.InvalidValue> {
            quoteFamily(policy, mislabelled, listOf(ChildOrder("ana", Service.POPOLNI)), 1u)
        }
        assertEquals("school year", e.what)
        assertEquals("startYear=2025, label=2026/27, firstDay=2025-09-01, lastDay=2026-08-31", e.value)
        assertTrue(e.reason.endsWith("the school year starting in 2025 is 2025/26, 2025-09-01 to 2026-08-31"), e.reason)
        expectThrows<AsistentException.InvalidValue> {
            Calendar(Policy.defaults()).lastLessonDay(year.copy(lastDay = year.firstDay), false)
        }
        assertEquals(LocalDate.of(2026, 6, 24), Calendar(Policy.defaults()).lastLessonDay(year, false))
    }

    test("R-C7 R-C8 a registration: paid year, notices, revocation, a new registration") {
        val reg = Registration.register("mama", "ana", "os-a", Service.ZA_STARSE, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2025, 9, 10))
        val paid = reg.apply(RegistrationEvent.Pay(year2025), LocalDate.of(2025, 9, 12), policy)
        assertEquals(RegistrationOutcome.Paid(year2025, BigDecimal("35.90")), paid.outcome)
        val r = paid.registration
        assertTrue(r.periodOn(LocalDate.of(2026, 3, 2)).noticesMayBeSent)
        val nextYear = r.periodOn(LocalDate.of(2026, 9, 2))
        assertFalse(nextYear.noticesMayBeSent)
        assertTrue(nextYear.portalReadable)
        val revoked = r.apply(RegistrationEvent.Revoke, LocalDate.of(2026, 5, 4), policy).registration
        assertIs<RegistrationStatus.Revoked>(revoked.status())
        val e = expectThrows<AsistentException.WrongRegistrationState> {
            revoked.apply(RegistrationEvent.Pay(parseSchoolYear("2026/27")), LocalDate.of(2026, 9, 2), policy)
        }
        assertEquals("revoked", e.state)
        assertEquals("2026-05-04", e.since)
        assertEquals("cannot pay: the registration is revoked since 2026-05-04; a new registration must be made (R-C8)", e.reason)
        assertEquals(revoked.toJson(), Registration.fromJson(revoked.toJson()).toJson())
    }

    test("R-C2 R-C4 a mid-year upgrade to POPOLNI pays the 17.00 add-on, once") {
        val reg = Registration.register("mama", "ana", "os-a", Service.ZA_STARSE, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2025, 9, 10))
        val paid = reg.apply(RegistrationEvent.Pay(year2025), LocalDate.of(2025, 9, 12), policy).registration
        val up = paid.apply(RegistrationEvent.ChangeService(Service.POPOLNI, Chooser.LEGAL_REPRESENTATIVE), LocalDate.of(2025, 11, 3), policy).registration
        val topUp = up.apply(RegistrationEvent.Pay(year2025), LocalDate.of(2025, 11, 4), policy)
        assertEquals(RegistrationOutcome.Paid(year2025, BigDecimal("17.00")), topUp.outcome)
        val again = expectThrows<AsistentException.ServiceRefused> {
            topUp.registration.apply(RegistrationEvent.Pay(year2025), LocalDate.of(2025, 11, 5), policy)
        }
        assertEquals("already_paid", again.kind)
    }

    test("R-C7 R-E6 period_on answers with the service in force on the date; the history round-trips") {
        val reg = Registration.register("mama", "ana", "os-a", Service.ZA_STARSE, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2026, 9, 1))
        val paid = reg.apply(RegistrationEvent.Pay(parseSchoolYear("2026/27")), LocalDate.of(2026, 9, 2), policy).registration
        val october = LocalDate.of(2026, 10, 15)
        assertTrue(paid.periodOn(october).noticesMayBeSent)
        assertEquals(emptyList(), paid.serviceChanges())
        val changed = paid.apply(RegistrationEvent.ChangeService(Service.MINIMALNI, Chooser.LEGAL_REPRESENTATIVE), LocalDate.of(2026, 12, 1), policy).registration
        assertTrue(changed.periodOn(october).noticesMayBeSent, "an October re-plan keeps its notices")
        assertFalse(changed.periodOn(LocalDate.of(2026, 12, 1)).noticesMayBeSent)
        assertEquals(Service.ZA_STARSE, changed.serviceOn(october))
        assertEquals(Service.MINIMALNI, changed.serviceOn(LocalDate.of(2026, 12, 1)))
        assertNull(changed.serviceOn(LocalDate.of(2026, 8, 31)))
        assertEquals(listOf(ServiceChange(LocalDate.of(2026, 12, 1), Service.ZA_STARSE, Service.MINIMALNI)), changed.serviceChanges())
        val stored = Registration.fromJson(changed.toJson())
        assertEquals(changed.serviceChanges(), stored.serviceChanges())
        assertEquals(changed.toJson(), stored.toJson())
        // A registration stored before the history existed still loads and answers as before.
        val old = """{"guardian":"mama","student":"ana","school":"os-a","service":"za_starse","registered_on":"2026-09-01","last_change":"2026-09-02","paid":[{"school_year":"2026/27","service":"za_starse","amount":"35.90","paid_on":"2026-09-02"}],"status":{"state":"active"}}"""
        val loaded = Registration.fromJson(old)
        assertEquals(emptyList(), loaded.serviceChanges())
        assertEquals(Service.ZA_STARSE, loaded.serviceOn(october))
        assertTrue(loaded.periodOn(october).noticesMayBeSent)
        assertEquals(paid.toJson(), loaded.toJson())
    }

    test("R-C2 R-C4 R-E5 ZA UČENCE to ZA STARŠE within a paid year owes 0.00 and opens the notices") {
        val reg = Registration.register("mama", "ana", "os-a", Service.ZA_UCENCE, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2025, 9, 10))
        assertEquals(BigDecimal("38.90"), reg.amountDue(year2025, policy))
        val paid = reg.apply(RegistrationEvent.Pay(year2025), LocalDate.of(2025, 9, 12), policy).registration
        val switched = paid.apply(RegistrationEvent.ChangeService(Service.ZA_STARSE, Chooser.LEGAL_REPRESENTATIVE), LocalDate.of(2025, 11, 1), policy).registration
        assertEquals(BigDecimal("0.00"), switched.amountDue(year2025, policy))
        assertFalse(switched.periodOn(LocalDate.of(2025, 11, 3)).noticesMayBeSent)
        val step = switched.apply(RegistrationEvent.Pay(year2025), LocalDate.of(2025, 11, 5), policy)
        assertEquals(RegistrationOutcome.Paid(year2025, BigDecimal("0.00")), step.outcome)
        assertTrue(step.registration.periodOn(LocalDate.of(2025, 11, 5)).noticesMayBeSent)
        assertFalse(step.registration.periodOn(LocalDate.of(2025, 10, 15)).noticesMayBeSent)
        assertEquals(listOf(BigDecimal("38.90"), BigDecimal("0.00")), step.registration.paid().map { it.amount })
        val again = expectThrows<AsistentException.ServiceRefused> {
            step.registration.apply(RegistrationEvent.Pay(year2025), LocalDate.of(2025, 11, 6), policy)
        }
        assertEquals("already_paid", again.kind)
        val noList = expectThrows<AsistentException.ServiceRefused> {
            step.registration.amountDue(parseSchoolYear("2024/25"), policy)
        }
        assertEquals("no_price_list", noList.kind)
        assertTrue(noList.reason.startsWith("no price list covers school year 2024/25"), noList.reason)
    }

    test("R-C8 a stored registration with a negative payment is refused naming the field") {
        val reg = Registration.register("mama", "ana", "os-a", Service.ZA_STARSE, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2025, 9, 10))
        val json = reg.apply(RegistrationEvent.Pay(year2025), LocalDate.of(2025, 9, 12), policy).registration.toJson()
        val e = expectThrows<AsistentException.ServiceRefused> {
            Registration.fromJson(json.replace("\"35.90\"", "\"-35.90\""))
        }
        assertEquals("inconsistent_registration", e.kind)
        assertEquals("the stored registration is inconsistent: `paid[0].amount` a payment cannot be negative (-35.90)", e.reason)
    }

    test("bad input: over-precise and negative prices, NaN, unknown service, wrong school") {
        val rest = """"from_school_year": "2025/26", "za_ucence": "38.90", "popolni": "52.90", "za_ucence_addon": "17.00""""
        val over = expectThrows<AsistentException.InvalidPolicy> {
            Policy.fromJson("""{"services": {"price_lists": [{$rest, "za_starse": "35.905"}]}}""")
        }
        assertEquals("services.price_lists[0].za_starse", over.field)
        assertTrue(over.reason.contains("at most two decimals"), over.reason)
        val neg = expectThrows<AsistentException.InvalidPolicy> {
            Policy.fromJson("""{"services": {"price_lists": [{$rest, "za_starse": "-1.00"}]}}""")
        }
        assertTrue(neg.reason.contains("may not be negative"), neg.reason)
        val nan = expectThrows<AsistentException.InvalidPolicy> {
            Policy.fromJson("""{"services": {"price_lists": [{$rest, "za_starse": "NaN"}]}}""")
        }
        assertEquals("services.price_lists[0].za_starse", nan.field)
        val unknown = expectThrows<AsistentException.InvalidValue> { parseService("gold") }
        assertEquals("service", unknown.what)
        assertEquals("gold", unknown.value)
        assertTrue(unknown.reason.startsWith("`gold` is not a service"), unknown.reason)
        val reg = Registration.register("mama", "ana", "os-a", Service.MINIMALNI, Chooser.LEGAL_REPRESENTATIVE, LocalDate.of(2025, 9, 10))
        val same = expectThrows<AsistentException.ServiceRefused> {
            reg.apply(RegistrationEvent.ChangeSchool("os-a"), LocalDate.of(2025, 10, 1), policy)
        }
        assertEquals("same_school", same.kind)
        val free = expectThrows<AsistentException.ServiceRefused> {
            reg.apply(RegistrationEvent.Pay(year2025), LocalDate.of(2025, 10, 1), policy)
        }
        assertEquals("nothing_to_pay", free.kind)
        assertEquals("mojAsistent MINIMALNI is free: there is nothing to pay (R-C9)", free.reason)
    }
}
