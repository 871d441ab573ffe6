"""Services, prices, quotes and registrations (R-C1 … R-C9) as a school's Python
scripter uses them."""

import datetime as dt
import json
from decimal import Decimal

import pytest

import asistent
from asistent import Policy, Registration, SchoolYear

OLDER_AND_DEFAULT = json.dumps(
    {
        "services": {
            "price_lists": [
                {"from_school_year": "2024/25", "za_starse": "32.90", "za_ucence": "38.90",
                 "popolni": "49.90", "za_ucence_addon": "17.00"},
                {"from_school_year": "2025/26", "za_starse": "35.90", "za_ucence": "38.90",
                 "popolni": "52.90", "za_ucence_addon": "17.00"},
            ]
        }
    }
)


def price_policy(**prices: str) -> str:
    entry = {"from_school_year": "2025/26", "za_starse": "35.90", "za_ucence": "38.90",
             "popolni": "52.90", "za_ucence_addon": "17.00"}
    entry.update(prices)
    return json.dumps({"services": {"price_lists": [entry]}})


def test_r_c1_service_names_and_labels():
    assert asistent.service_label_sl("za_ucence") == "mojAsistent ZA UČENCE"
    assert asistent.service_label_sl("no_electronic_contact") == "Ne želim elektronskega sodelovanja s šolo"


def test_r_c2_default_prices_are_decimals():
    prices = asistent.price_list_for("2025/26")
    assert prices is not None
    assert (prices.za_starse, prices.za_ucence, prices.popolni, prices.za_ucence_addon) == (
        Decimal("35.90"), Decimal("38.90"), Decimal("52.90"), Decimal("17.00"))
    assert isinstance(prices.popolni, Decimal)
    assert asistent.price_list_for(SchoolYear(2024)) is None


def test_r_c2_the_seeds_older_figures_as_a_dated_list():
    policy = Policy.from_json(OLDER_AND_DEFAULT)
    assert asistent.price_list_for("2024/25", policy).popolni == Decimal("49.90")
    assert asistent.price_list_for("2024/25", policy).za_starse == Decimal("32.90")
    assert asistent.price_list_for("2030/31", policy).popolni == Decimal("52.90")


def test_r_c4_r_c9_a_family_of_two_children():
    quote = asistent.quote_family("2025/26", {"ana": "popolni", "luka": "minimalni"})
    assert quote.total == Decimal("52.90")
    ana, luka = quote.children
    assert [(line.item, line.amount) for line in ana.lines] == [
        ("za_starse", Decimal("35.90")), ("za_ucence_addon", Decimal("17.00"))]
    assert luka.total == 0
    assert "R-C4" in quote.reasons
    assert "Skupaj za družino: 52,90 €" in str(quote)
    assert "Total for the family: EUR 52.90" in quote.text_en
    # any iterable of pairs, e.g. rows read from a CSV file
    rows = iter([("ana", "za_starse"), ("luka", "za_ucence")])
    assert asistent.quote_family(SchoolYear(2025), rows).total == Decimal("74.80")


def test_r_c4_instalments_are_refused_with_the_reason():
    with pytest.raises(asistent.InstalmentsNotOfferedError) as err:
        asistent.quote_family("2025/26", {"ana": "za_starse"}, instalments=10)
    assert err.value.requested == 10
    assert err.value.kind == "instalments_not_offered"
    assert "in one payment (R-C4)" in str(err.value)
    assert isinstance(err.value, asistent.ServiceError)


def test_r_c3_both_parents_receive_the_notices():
    assert asistent.notification_recipients("za_starse", ["mama", "oce"]) == ["mama", "oce"]
    assert asistent.notification_recipients("minimalni", ("mama", "oce")) == []
    with pytest.raises(asistent.ServiceError) as err:
        asistent.notification_recipients("popolni", ["a", "b", "c"])
    assert err.value.kind == "too_many_recipients"


def test_r_c5_r_c6_only_a_parent_sets_the_childs_service():
    assert asistent.choose_for_child("legal_representative", "ana", "za_ucence") == "za_ucence"
    assert asistent.choose_for_self("legal_representative", "minimalni") == "minimalni"
    with pytest.raises(asistent.NotAllowedToChooseError) as err:
        asistent.choose_for_child("student", "ana", "za_ucence")
    assert err.value.chooser == "student"
    assert str(err.value) == (
        "a student cannot set the service: only a parent or legal representative can (R-C6)")


def test_r_c3_r_c5_answers_with_reasons_name_their_rules():
    r = asistent.notification_recipients_with_reasons("za_starse", ["mama", "oce"])
    assert (r.guardians, r.reasons) == (["mama", "oce"], ["R-C3", "R-E5"])
    assert asistent.notification_recipients_with_reasons("minimalni", ["mama"]).guardians == []
    child = asistent.choose_for_child_with_reasons("legal_representative", "ana", "za_ucence")
    assert (child.student, child.service, child.reasons) == ("ana", "za_ucence", ["R-C5", "R-C6"])
    own = asistent.choose_for_self_with_reasons("legal_representative", "minimalni")
    assert (own.student, own.service, own.reasons) == (None, "minimalni", ["R-C5"])
    # The same refusals as the plain calls.
    with pytest.raises(asistent.NotAllowedToChooseError):
        asistent.choose_for_child_with_reasons("student", "ana", "za_ucence")
    with pytest.raises(asistent.ServiceError) as err:
        asistent.notification_recipients_with_reasons("popolni", ["a", "b", "c"])
    assert err.value.kind == "too_many_recipients"


def test_r_c7_r_c8_a_registration_through_two_school_years():
    reg = Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2025, 9, 10), chooser="legal_representative")
    reg, outcome = reg.pay("2025/26", dt.date(2025, 9, 12))
    assert outcome == {"outcome": "paid", "school_year": "2025/26", "amount": Decimal("35.90")}
    assert reg.period_on(dt.date(2026, 3, 2)).notices_may_be_sent
    next_year = reg.period_on(dt.date(2026, 9, 2))
    assert not next_year.notices_may_be_sent and next_year.portal_readable
    [payment] = reg.payments
    assert (payment.school_year, payment.service, payment.amount, payment.paid_on) == (
        "2025/26", "za_starse", Decimal("35.90"), dt.date(2025, 9, 12))
    assert reg.status_detail() == {"status": "active"}
    revoked, outcome = reg.revoke(dt.date(2026, 5, 4))
    assert (revoked.status, outcome) == ("revoked", {"outcome": "revoked"})
    assert revoked.status_detail() == {"status": "revoked", "on": dt.date(2026, 5, 4)}
    assert repr(revoked) == (
        'Registration(guardian="mama", student="ana", school="os-a", service="za_starse", status="revoked")')
    with pytest.raises(asistent.WrongRegistrationStateError) as err:
        revoked.pay("2026/27", dt.date(2026, 9, 2))
    assert (err.value.state, err.value.event, err.value.since) == ("revoked", "pay", dt.date(2026, 5, 4))
    assert str(err.value) == (
        "cannot pay: the registration is revoked since 2026-05-04; a new registration must be made (R-C8)")
    assert Registration.from_json(revoked.to_json()).to_json() == revoked.to_json()
    again = Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2026, 9, 2), chooser="legal_representative")
    again, _ = again.pay("2026/27", dt.date(2026, 9, 2))
    assert again.paid_years == ["2026/27"]


def test_r_c8_a_move_to_secondary_school_ends_the_registration():
    reg = Registration.register("mama", "ana", "os-a", "minimalni", dt.date(2025, 9, 10), chooser="legal_representative")
    ended, outcome = reg.change_school("gimnazija-b", dt.date(2026, 9, 1))
    assert outcome == {"outcome": "ended", "reason": "changed_school", "to": "gimnazija-b"}
    assert ended.status_detail() == {
        "status": "ended", "on": dt.date(2026, 9, 1), "reason": "changed_school", "to": "gimnazija-b"}
    assert not ended.period_on(dt.date(2026, 9, 2)).portal_readable


def test_r_c2_r_c4_upgrading_mid_year_to_popolni_pays_the_add_on():
    reg = Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2025, 9, 10), chooser="legal_representative")
    reg, _ = reg.pay("2025/26", dt.date(2025, 9, 12))
    reg, _ = reg.change_service("popolni", dt.date(2025, 11, 3), chooser="legal_representative")
    reg, outcome = reg.pay("2025/26", dt.date(2025, 11, 4))
    assert outcome == {"outcome": "paid", "school_year": "2025/26", "amount": Decimal("17.00")}
    assert reg.paid_years == ["2025/26"]
    with pytest.raises(asistent.ServiceError) as err:
        reg.pay("2025/26", dt.date(2025, 11, 5))
    assert err.value.kind == "already_paid"


def test_r_c7_r_e6_period_on_answers_with_the_service_in_force_on_the_date():
    reg = Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2026, 9, 1), chooser="legal_representative")
    reg, _ = reg.pay("2026/27", dt.date(2026, 9, 2))
    october = dt.date(2026, 10, 15)
    assert reg.period_on(october).notices_may_be_sent
    assert reg.service_changes == []
    # ZA STARŠE → MINIMALNI on 1 December: an October re-plan still sends its notices.
    changed, outcome = reg.change_service("minimalni", dt.date(2026, 12, 1), chooser="legal_representative")
    assert outcome == {"outcome": "service_changed", "from": "za_starse", "to": "minimalni"}
    assert changed.period_on(october).notices_may_be_sent
    assert not changed.period_on(dt.date(2026, 12, 1)).notices_may_be_sent
    assert changed.service_on(october) == "za_starse"
    assert changed.service_on(dt.date(2026, 12, 1)) == "minimalni"
    assert changed.service_on(dt.date(2026, 8, 31)) is None
    [change] = changed.service_changes
    assert (change.on, change.from_service, change.to_service) == (
        dt.date(2026, 12, 1), "za_starse", "minimalni")
    stored = Registration.from_json(changed.to_json())
    assert stored.to_json() == changed.to_json()
    assert stored.service_on(october) == "za_starse"


def test_r_c7_r_e6_a_registration_stored_before_the_service_history_still_loads():
    old = {"guardian": "mama", "student": "ana", "school": "os-a", "service": "za_starse",
           "registered_on": "2025-09-10", "last_change": "2025-09-12",
           "paid": [{"school_year": "2025/26", "service": "za_starse", "amount": "35.90",
                     "paid_on": "2025-09-12"}],
           "status": {"state": "active"}}
    reg = Registration.from_json(json.dumps(old))
    assert reg.service_changes == []
    assert reg.service_on(dt.date(2025, 9, 10)) == "za_starse"
    assert reg.period_on(dt.date(2026, 3, 2)).notices_may_be_sent
    assert json.loads(reg.to_json()) == old


def test_r_c2_r_c4_r_e5_za_ucence_to_za_starse_within_a_paid_year_owes_nothing_more():
    reg = Registration.register("mama", "ana", "os-a", "za_ucence", dt.date(2025, 9, 10), chooser="legal_representative")
    assert reg.amount_due("2025/26") == Decimal("38.90")
    reg, _ = reg.pay("2025/26", dt.date(2025, 9, 12))
    reg, _ = reg.change_service("za_starse", dt.date(2025, 11, 1), chooser="legal_representative")
    due = reg.amount_due(SchoolYear(2025))
    assert due == Decimal("0.00") and str(due) == "0.00"
    assert not reg.period_on(dt.date(2025, 11, 3)).notices_may_be_sent
    reg, outcome = reg.pay("2025/26", dt.date(2025, 11, 5))
    assert outcome == {"outcome": "paid", "school_year": "2025/26", "amount": Decimal("0.00")}
    assert reg.period_on(dt.date(2025, 11, 5)).notices_may_be_sent
    assert not reg.period_on(dt.date(2025, 10, 15)).notices_may_be_sent
    with pytest.raises(asistent.ServiceError) as err:
        reg.pay("2025/26", dt.date(2025, 11, 6))
    assert err.value.kind == "already_paid"
    # Then POPOLNI: 52.90 less the 38.90 already paid for the year, never twice.
    up, _ = reg.change_service("popolni", dt.date(2026, 1, 5), chooser="legal_representative")
    assert up.amount_due("2025/26") == Decimal("14.00")


def test_bad_input_to_service_on_and_amount_due_is_typed():
    reg = Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2025, 9, 10), chooser="legal_representative")
    with pytest.raises(asistent.ServiceError) as err:
        reg.amount_due("2024/25")
    assert err.value.kind == "no_price_list"
    assert str(err.value).startswith("no price list covers school year 2024/25")
    with pytest.raises(asistent.InvalidValueError) as bad:
        reg.service_on(dt.datetime(2025, 10, 1, 8, 0))
    assert bad.value.what == "date"
    with pytest.raises(asistent.AsistentError):
        reg.amount_due("2025")


def test_r_c8_a_stored_registration_with_a_negative_payment_is_refused():
    reg = Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2025, 9, 10), chooser="legal_representative")
    reg, _ = reg.pay("2025/26", dt.date(2025, 9, 12))
    stored = json.loads(reg.to_json())
    stored["paid"][0]["amount"] = "-35.90"
    with pytest.raises(asistent.ServiceError) as err:
        Registration.from_json(json.dumps(stored))
    assert err.value.kind == "inconsistent_registration"
    assert str(err.value) == (
        "the stored registration is inconsistent: `paid[0].amount` a payment cannot be negative (-35.90)")
    stored = json.loads(reg.to_json())
    stored["last_change"] = "2025-09-01"
    with pytest.raises(asistent.ServiceError) as err:
        Registration.from_json(json.dumps(stored))
    assert "`last_change` 2025-09-01 is before the registration on 2025-09-10" in str(err.value)


@pytest.mark.parametrize(
    ("prices", "field", "message"),
    [
        ({"za_starse": "-35.90"}, "services.price_lists[0].za_starse", "a price may not be negative"),
        ({"za_starse": "35.905"}, "services.price_lists[0].za_starse", "at most two decimals"),
        ({"popolni": "NaN"}, "services.price_lists[0].popolni", "could not be read"),
        ({"za_ucence": "abc"}, "services.price_lists[0].za_ucence", "could not be read"),
        ({"popolni": "80.00"}, "services.price_lists[0].popolni", "the bundle costs more than its parts"),
        # Decimal::MAX: once a panic ("Addition overflowed") in the bundle check.
        (
            {"za_starse": "79228162514264337593543950335", "za_ucence": "79228162514264337593543950335"},
            "services.price_lists[0].za_starse",
            "a price may be at most 10000 EUR per school year",
        ),
    ],
)
def test_r_c2_bad_prices_are_policy_errors_naming_the_entry(prices, field, message):
    with pytest.raises(asistent.PolicyError) as err:
        Policy.from_json(price_policy(**prices))
    assert err.value.field == field
    assert message in str(err.value)


def test_bad_input_unknown_service_float_money_wrong_state():
    with pytest.raises(asistent.InvalidValueError) as err:
        asistent.quote_family("2025/26", {"ana": "gold"})
    assert (err.value.what, err.value.value) == ("service", "gold")
    assert str(err.value).startswith("order 0: `gold` is not a service") and err.value.index == 0
    with pytest.raises(asistent.InvalidValueError) as err:
        asistent.choose_for_child("teacher", "ana", "minimalni")
    assert err.value.what == "chooser"
    reg = Registration.register("mama", "ana", "os-a", "minimalni", dt.date(2025, 9, 10), chooser="legal_representative")
    with pytest.raises(asistent.ServiceError) as err:
        reg.pay("2025/26", dt.date(2025, 10, 1))
    assert err.value.kind == "nothing_to_pay"
    assert str(err.value) == "mojAsistent MINIMALNI is free: there is nothing to pay (R-C9)"
    ended, _ = reg.finish_schooling(dt.date(2026, 6, 20))
    with pytest.raises(asistent.WrongRegistrationStateError):
        ended.revoke(dt.date(2026, 7, 1))
    with pytest.raises(asistent.InvalidValueError):
        Registration.register("mama", "ana", "os-a", "minimalni", dt.datetime(2025, 9, 10, 8, 0), chooser="legal_representative")
    with pytest.raises(asistent.NotAllowedToChooseError):
        Registration.register("ana", "ana", "os-a", "za_ucence", dt.date(2025, 9, 10), chooser="student")
