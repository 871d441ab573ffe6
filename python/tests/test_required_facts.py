"""Facts that decide a rule are never assumed (the charter: no silent default): a script
that omits one gets Python's TypeError naming it, not the permissive answer."""

import datetime as dt
import json

import pytest

import asistent
from asistent import Policy, Recipient, Registration, RightsFacts

UTC = dt.timezone.utc
FAST = Policy.from_json('{"verify": {"code_iterations": 100000, "password_iterations": 100000}}')


def test_gdpr_standing_is_required_r_f7():
    with pytest.raises(TypeError, match="standing"):
        asistent.gdpr_decide("erasure", "certificates", dt.date(2026, 11, 2))
    out = asistent.gdpr_decide("erasure", "parent_data", dt.date(2027, 7, 1), standing="not_entitled",
                               end_of_schooling=dt.date(2026, 6, 15))
    assert out.decision != "granted"


def test_service_chooser_is_required_r_c6():
    with pytest.raises(TypeError, match="chooser"):
        Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2025, 9, 10))
    reg = Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2025, 9, 10), chooser="legal_representative")
    with pytest.raises(TypeError, match="chooser"):
        reg.change_service("popolni", dt.date(2025, 11, 3))
    with pytest.raises(TypeError):
        # No longer positional either: the chooser is named at the call.
        Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2025, 9, 10), "legal_representative")


def test_r_b8_previous_codes_are_required_so_older_active_ones_are_revoked():
    now = dt.datetime(2026, 9, 3, 17, 0, tzinfo=UTC)
    with pytest.raises(TypeError, match="previous"):
        asistent.issue_security_code("ana", "mark", "os-prule", now, FAST)
    first = asistent.issue_security_code("ana", "mark", "os-prule", now, FAST, previous=[])
    assert first.revoked_json == []
    second = asistent.issue_security_code("ana", "mark", "os-prule", now, FAST, previous=[first.record_json])
    assert len(second.revoked_json) == 1


def test_rights_concerns_student_status_is_required_r_d12():
    facts = RightsFacts.from_json(json.dumps({"families": [{
        "student": {"id": "dijak", "birth_date": "2007-03-10", "level": "secondary"},
        "relations": [{"guardian": "mama2", "relationship": "parent"}],
        "adult_statements": [{"date": "2025-09-05", "kind": "objects"}],
    }]}))
    today = dt.date(2026, 11, 23)
    with pytest.raises(TypeError, match="concerns_student_status"):
        facts.decide(("guardian", "mama2"), "dijak", "absences", "see", today)
    assert not facts.decide(("guardian", "mama2"), "dijak", "absences", "see", today,
                            concerns_student_status=False).allowed
    assert facts.decide(("guardian", "mama2"), "dijak", "absences", "see", today,
                        concerns_student_status=True).allowed


def test_recipient_is_student_is_required_r_e5():
    with pytest.raises(TypeError, match="is_student"):
        Recipient("mama", "daily", ["email"], email="mama@example.si")
    student = Recipient("ana", "daily", ["email"], is_student=True, email="ana@example.si")
    assert student is not None
