"""Security codes, the parent's way in and credentials (R-A1 … R-A9, R-B1 … R-B10) as a
school's Python scripter uses them."""

import datetime as dt
import json
from decimal import Decimal

import pytest

import asistent
from asistent import ParentFlow, Policy, StudentCredentials

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 9, 3, 17, 0, tzinfo=UTC)
BIRTH = dt.date(2015, 4, 2)
# The fewest PBKDF2 iterations a policy allows keep the tests fast; the default is 600,000.
FAST = Policy.from_json('{"verify": {"code_iterations": 100000, "password_iterations": 100000}}')


def issue(previous=()):
    return asistent.issue_security_code("ana", "mark", "os-prule", NOW, FAST, previous=previous)


def test_r_b10_codes_are_grouped_checked_and_never_stored_in_plaintext():
    issued = issue()
    assert len(issued.code) == 11 and issued.code[5] == "-"
    assert asistent.check_security_code(issued.code.lower().replace("-", " ")) == issued.code
    assert issued.code.replace("-", "") not in issued.record_json
    assert "***" in repr(issued) and issued.code not in repr(issued)
    record = json.loads(issued.record_json)
    assert len(record["hash"]["salt"]) * 4 >= 32
    assert record["hash"]["iterations"] == 100_000


def test_r_b10_a_mistyped_code_is_a_typed_error():
    with pytest.raises(asistent.MalformedCodeError) as err:
        asistent.check_security_code("ABC")
    assert err.value.what == "security code"
    assert str(err.value) == "a security code has 10 characters (without dashes and spaces), this one has 3"
    code = issue().code
    swapped = code[1] + code[0] + code[2:]
    if swapped != code:
        with pytest.raises(asistent.MalformedCodeError, match="mistyped"):
            asistent.check_security_code(swapped)


def test_r_b1_r_b4_r_b5_the_way_in_activates_the_portal():
    issued = issue()
    flow = ParentFlow.start(issued.record_json)
    assert flow.step_name == "code"
    flow, out = flow.enter_code(issued.code, NOW, FAST)
    assert out.kind == "code_accepted"
    flow, out = flow.enter_birth_date(BIRTH, BIRTH, NOW, FAST)
    assert out.kind == "identity_proven" and flow.step_name == "contacts"
    sent = flow.send_confirmation("email", "Ana.Novak@Example.si", NOW, FAST)
    code, flow, out = sent.code, sent.flow, sent.outcome
    assert len(code) == 6 and code.isdigit()
    assert code not in repr(sent) and repr(sent).startswith("ConfirmationSent(code=***")
    flow, out = flow.enter_confirmation("email", "ana.novak@example.si", code, NOW, FAST)
    assert out.kind == "contact_confirmed"
    sent = flow.send_confirmation("phone", "041 123 456", NOW, FAST)
    code, flow = sent.code, sent.flow
    flow, _ = flow.enter_confirmation("phone", "+386 41 123 456", code, NOW, FAST)
    # R-C5: ZA UČENCE is not a parent's own mode; R-C3: no contact for the parent
    # contradicts a child's POPOLNI, which sends the parent notices.
    for parent, child in [("za_ucence", "minimalni"), ("no_electronic_contact", "popolni")]:
        with pytest.raises(asistent.VerificationRefusedError) as err:
            flow.choose_services(parent, child, NOW, FAST)
        assert err.value.kind == "service_choice"
        assert f"for the parent `{parent}`, for the child `{child}`" in str(err.value)
    flow, out = flow.choose_services("minimalni", "za_ucence", NOW, FAST)
    assert out.kind == "portal_activated" and out.rules == ["R-B4"]
    assert ParentFlow.from_json(flow.to_json()).to_json() == flow.to_json()


def test_r_b3_three_wrong_birth_dates_void_the_code():
    issued = issue()
    flow, _ = ParentFlow.start(issued.record_json).enter_code(issued.code, NOW, FAST)
    wrong = BIRTH + dt.timedelta(days=1)
    flow, out = flow.enter_birth_date(wrong, BIRTH, NOW, FAST)
    assert (out.kind, out.attempts_left) == ("birth_date_wrong", 2)
    flow, _ = flow.enter_birth_date(wrong, BIRTH, NOW, FAST)
    flow, out = flow.enter_birth_date(wrong, BIRTH, NOW, FAST)
    assert out.kind == "code_voided" and "razrednika" in out.message_sl
    _, out = flow.enter_birth_date(BIRTH, BIRTH, NOW, FAST)
    assert out.kind == "code_voided"


def test_r_b8_a_new_code_revokes_the_old_and_the_old_expires_anyway():
    first = issue()
    second = issue(previous=[first.record_json])
    assert len(second.revoked_json) == 1
    _, out = ParentFlow.start(second.revoked_json[0]).enter_code(first.code, NOW, FAST)
    assert out.kind == "code_revoked"
    # Valid through 3 October (R-B10): it expires at midnight in Ljubljana, 22:00 UTC.
    last_moment = dt.datetime(2026, 10, 3, 21, 59, 59, tzinfo=UTC)
    _, out = ParentFlow.start(second.record_json).enter_code(second.code, last_moment, FAST)
    assert out.kind == "code_accepted"
    midnight = dt.datetime(2026, 10, 3, 22, 0, tzinfo=UTC)
    _, out = ParentFlow.start(second.record_json).enter_code(second.code, midnight, FAST)
    assert out.kind == "code_expired"


def test_r_b5_contacts_are_normalised_and_bad_ones_are_typed_errors():
    assert asistent.normalize_phone("041 123 456") == "+38641123456"
    assert asistent.phone_kind("(01) 234 56 78") == "slovenian_fixed"
    assert not asistent.phone_can_receive_sms("(01) 234 56 78")
    assert asistent.phone_can_receive_sms("040 123 456")
    assert asistent.normalize_email(" Ana@Example.SI ") == "ana@example.si"
    with pytest.raises(asistent.InvalidContactError) as err:
        asistent.normalize_phone("041 12")
    assert (err.value.kind, err.value.input) == ("phone", "041 12")
    with pytest.raises(asistent.InvalidContactError) as err:
        asistent.normalize_email("ana@")
    assert err.value.kind == "email"
    assert isinstance(err.value, ValueError)


def test_r_b10_a_confirmation_code_for_another_contact_is_refused():
    issued = issue()
    flow, _ = ParentFlow.start(issued.record_json).enter_code(issued.code, NOW, FAST)
    flow, _ = flow.enter_birth_date(BIRTH, BIRTH, NOW, FAST)
    sent = flow.send_confirmation("email", "ana@example.si", NOW, FAST)
    code, flow = sent.code, sent.flow
    with pytest.raises(asistent.VerificationRefusedError) as err:
        flow.enter_confirmation("email", "bor@example.si", code, NOW, FAST)
    assert err.value.kind == "contact_mismatch"
    with pytest.raises(asistent.MalformedCodeError) as err:
        flow.enter_confirmation("email", "ana@example.si", "12a456", NOW, FAST)
    assert err.value.what == "confirmation code"


def test_r_a1_a_change_needs_the_old_password():
    stored = asistent.hash_password("staro-geslo-1", FAST)
    assert asistent.verify_password(stored, "staro-geslo-1")
    with pytest.raises(asistent.PasswordRefusedError) as err:
        asistent.change_password(stored, "napačno", "novo-geslo-2", FAST)
    assert err.value.kind == "wrong_old_password"
    with pytest.raises(asistent.PasswordRefusedError, match="at least 8 characters"):
        asistent.hash_password("kratko", FAST)
    new = asistent.change_password(stored, "staro-geslo-1", "novo-geslo-2", FAST)
    assert asistent.verify_password(new, "novo-geslo-2")
    assert json.loads(Policy.default().to_json())["verify"]["password_iterations"] == 600_000


def test_r_a2_r_a4_reset_requests_look_the_same_and_tokens_are_single_use():
    unknown = asistent.request_password_reset("nihce@example.si", None, NOW, FAST)
    known = asistent.request_password_reset("mark@os.si", "student", NOW, FAST)
    assert (unknown.message_sl, unknown.message_en) == (known.message_sl, known.message_en)
    assert unknown.token is None and known.token is not None
    assert len(known.token) * 4 >= 128
    assert known.token not in repr(known) and "token=***" in repr(known)
    outcome, used = asistent.redeem_reset_token(known.record_json, known.token, NOW)
    assert outcome == "accepted"
    assert asistent.redeem_reset_token(used, known.token, NOW)[0] == "already_used"
    late = NOW + dt.timedelta(hours=1)
    assert asistent.redeem_reset_token(known.record_json, known.token, late)[0] == "expired"
    with pytest.raises(asistent.MalformedCodeError):
        asistent.redeem_reset_token(known.record_json, "xyz", NOW)


def test_r_a3_a_parent_makes_a_readable_password_for_a_child():
    new = asistent.reset_child_password(True, ["mark", "eva"], "eva", FAST)
    password, stored = new.password, new.hash_json
    assert len(password) == 14 and password.count("-") == 2
    assert password not in repr(new) and "***" in repr(new)
    assert asistent.verify_password(stored, password)
    with pytest.raises(asistent.VerificationRefusedError) as err:
        asistent.reset_child_password(False, ["mark"], "mark", FAST)
    assert err.value.kind == "portal_not_active"


def test_r_a8_r_a9_printouts_and_bulk_sends():
    students = [
        StudentCredentials("s1", "Mark Novak", "7.a", "mark.novak", "geslo-1", email="mark@os.si", phone="041 123 456"),
        StudentCredentials("s2", "Eva Kranjc", "7.a", "eva.kranjc", "geslo-2", True, True, phone="041 222 333"),
        StudentCredentials("s3", "Tim Zupan", "7.a", "tim.zupan", "geslo-3", True, False),
    ]
    assert "geslo-1" not in repr(students[0])
    sheet = asistent.credentials_printout(students, one_page_each=True)
    assert "geslo-1" in sheet.text and "geslo-2" not in sheet.text
    assert sheet.html.count('class="page"') == 3
    # 161 GSM-7 characters: 2 parts of 153; the price is the policy's (R-A10).
    pricey = Policy.from_json('{"sms": {"price_per_segment": "0.07"}}')
    recipients, skipped, segments, cost = asistent.bulk_send_plan(students, "sms", "a" * 161, pricey)
    assert recipients == ["s1"] and skipped == [("s2", "already_active"), ("s3", "no_contact")]
    assert (segments, cost) == (2, Decimal("0.14"))
    with pytest.raises(asistent.EmptySmsError):
        asistent.bulk_send_plan(students, "sms", "")


def test_r_b2_r_b9_the_sheet_and_the_overview():
    issued = issue()
    sheet = asistent.security_code_sheet(
        "OŠ Prule", [("Ana Novak", "Mark Novak", "7.a", issued.code, issued.record_json)], FAST
    )
    # Issued on 3 September: valid through 3 October, from the record itself (R-B10).
    assert "Koda velja do vključno 3. 10. 2026." in sheet.text
    assert "Po treh napačnih vnosih" in sheet.text
    assert issued.code in sheet.text
    assert sheet.text.index(issued.code) < sheet.text.index("datum rojstva otroka")
    assert "Varnostne kode za preverjanje identitete staršev (GDPR)" in sheet.html
    flow, _ = ParentFlow.start(issued.record_json).enter_code(issued.code, NOW, FAST)
    flow, _ = flow.enter_birth_date(BIRTH, BIRTH, NOW, FAST)
    overview = asistent.class_overview(
        [("7.a", "ana", "Ana Novak", "Mark Novak", flow.to_json()), ("7.a", "bor", "Bor Kranjc", "Eva Kranjc", None)]
    )
    assert "7.a (0/2 potrjenih)" in overview.text
    assert "Mark Novak — Ana Novak: koda da" in overview.text


def test_r_b10_a_failed_system_random_source_is_a_runtime_error_not_bad_input():
    assert issubclass(asistent.SystemRandomError, RuntimeError)
    assert not issubclass(asistent.SystemRandomError, ValueError)
    assert not issubclass(asistent.SystemRandomError, asistent.AsistentError)


def test_r_b10_a_code_revoked_by_a_newer_one_fails_in_an_open_flow():
    a = issue()
    flow = ParentFlow.start(a.record_json)
    b = issue(previous=[flow.record_json()])
    assert len(b.revoked_json) == 1
    resumed = flow.resume(b.revoked_json[0])
    assert resumed.step_name == "revoked"
    _, outcome = resumed.enter_code(a.code, NOW, FAST)
    assert outcome.kind == "code_revoked"
    with pytest.raises(asistent.VerificationRefusedError) as err:
        flow.resume(b.record_json)
    assert err.value.kind == "record_mismatch"


def test_r_b8_r_b10_revoking_an_open_flow_ends_it_and_its_record_is_stored_revoked():
    issued = issue()
    flow, outcome = ParentFlow.start(issued.record_json).revoke(NOW, FAST)
    assert (outcome.kind, outcome.rules) == ("code_revoked", ["R-B10", "R-B8"])
    assert flow.step_name == "revoked"
    assert '"revoked"' in flow.record_json()
    _, outcome = flow.enter_code(issued.code, NOW, FAST)
    assert outcome.kind == "code_revoked"
    _, again = flow.revoke(NOW, FAST)
    assert again.kind == "code_revoked"


def test_r_b4_every_kind_of_line_has_its_own_name():
    # Each of the core's kinds has its own name; a kind these bindings do not know would
    # be an InvalidValueError, never "foreign".
    assert asistent.phone_kind("041 123 456") == "slovenian_mobile"
    assert asistent.phone_kind("(01) 234 56 78") == "slovenian_fixed"
    assert asistent.phone_kind("+43 664 1234567") == "foreign"
