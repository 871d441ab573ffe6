"""Rights over a child's data (R-F1 … R-F8, R-D12, R-A6) as a school's Python scripter uses them."""

import datetime as dt
import json

import pytest

import asistent
from asistent import RightsFacts

FACTS = {
    "families": [
        {
            "student": {"id": "ana", "birth_date": "2013-04-02", "class": "7.a", "level": "primary"},
            "relations": [
                {"guardian": "mama", "relationship": "parent"},
                {"guardian": "oce", "relationship": "parent"},
                {"guardian": "ocim", "relationship": "step_parent"},
            ],
            "court_decisions": [
                {
                    "reference": "I R 55/2025",
                    "date": "2025-02-01",
                    "final_on": "2025-03-01",
                    "parent": "oce",
                    "effect": {"kind": "restricts_categories", "categories": ["absences"]},
                }
            ],
            "bar_requests": [{"by": "mama", "against": "oce", "date": "2025-01-10"}],
            "entered_with_security_code": ["mama"],
        },
        {
            "student": {"id": "brat", "birth_date": "2016-05-05", "level": "primary"},
            "relations": [{"guardian": "oce", "relationship": "parent"}],
        },
        {
            "student": {"id": "dijak", "birth_date": "2007-03-10", "level": "secondary"},
            "relations": [{"guardian": "mama2", "relationship": "parent"}],
            "adult_statements": [{"date": "2025-09-05", "kind": "objects"}],
        },
    ],
    "staff": [{"staff": "razrednik", "role": "class_teacher", "class": "7.a"}],
    "support_requests": [
        {
            "reference": "ZAHTEVA-2026-117",
            "vendor_staff": "podpora-1",
            "requested_on": "2026-11-19",
            "from": "2026-11-20",
            "until": "2026-11-27",
            "students": ["ana"],
            "categories": ["grades"],
            "purpose": "napačno povprečje ocen",
        }
    ],
}
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def facts() -> RightsFacts:
    return RightsFacts.from_json(json.dumps(FACTS))


def test_r_f4_a_restriction_names_the_court_decision_and_a_bar_request_has_no_effect(facts):
    d = facts.decide(("guardian", "oce"), "ana", "absences", "see", TODAY, concerns_student_status=False)
    assert not d.allowed
    assert d.capacity == "parent_with_care"
    restricted = next(r for r in d.reasons if r.kind == "category_restricted")
    assert restricted.rule == "R-F4"
    assert restricted.basis is not None
    assert (restricted.basis.reference, restricted.basis.date) == ("I R 55/2025", dt.date(2025, 2, 1))
    assert any(r.kind == "bar_request_without_effect" for r in d.reasons)
    assert d.text_sl.startswith("NI DOVOLJENO: oseba oce, vpogled (izostanki)")
    assert "has no legal basis and has no effect" in d.text_en
    assert facts.decide(("guardian", "oce"), "ana", "grades", "see", TODAY, concerns_student_status=False).allowed


def test_r_f2_r_f1_joint_care_for_parents_no_rights_for_a_step_parent(facts):
    assert "R-F2" in facts.decide(("guardian", "mama"), "ana", "grades", "see", TODAY, concerns_student_status=False).rule_ids
    d = facts.decide(("guardian", "ocim"), "ana", "grades", "see", TODAY, concerns_student_status=False)
    assert (d.allowed, d.capacity, d.rule_ids) == (False, "no_rights", ["R-F1"])


def test_r_d12_objection_and_status_exception(facts):
    assert not facts.decide(("guardian", "mama2"), "dijak", "absences", "see", TODAY, concerns_student_status=False).allowed
    d = facts.decide(("guardian", "mama2"), "dijak", "absences", "see", TODAY, concerns_student_status=True)
    assert d.allowed
    assert any(r.kind == "status_exception" for r in d.reasons)
    batch = facts.decide_many([
        (("guardian", "mama2"), "dijak", "absences", "see", TODAY, False),
        (("guardian", "mama2"), "dijak", "absences", "see", TODAY, True),
    ])
    assert [b.allowed for b in batch] == [False, True]


def test_r_d12_policy_age_of_majority(facts):
    policy = asistent.Policy.from_json('{"rights": {"adult_age": 21}}')
    d = facts.decide(("guardian", "mama2"), "dijak", "absences", "see", TODAY, policy=policy, concerns_student_status=False)
    assert d.allowed and "R-D12" not in d.rule_ids


def test_r_a6_one_login_many_children(facts):
    kids = facts.children_of("oce", TODAY)
    assert [k.student for k in kids] == ["ana", "brat"]
    assert "absences" not in kids[0].visible and "grades" in kids[0].visible
    assert kids[1].may_act and len(kids[1].visible) == 11


def test_r_f6_r_f8_vendor_access_record(facts):
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
    d, record = facts.access(("vendor", "podpora-1"), "ana", "grades", "see", "napačno povprečje ocen", at)
    assert d.allowed and record.allowed
    assert record.rules == ["R-F6", "R-F8"]
    assert record.who == ("vendor", "podpora-1")
    assert record.role == "vendor_support"
    assert record.at == at
    assert record.basis is not None and record.basis.reference == "ZAHTEVA-2026-117"
    assert json.loads(record.to_json())["purpose"] == "napačno povprečje ocen"
    denied, rec2 = facts.access(("vendor", "podpora-1"), "ana", "absences", "see", "x", at)
    assert not denied.allowed and not rec2.allowed


def _request(reference, requested_on, start, until):
    return {
        "reference": reference,
        "vendor_staff": "podpora-1",
        "requested_on": requested_on,
        "from": start,
        "until": until,
        "students": ["ana"],
        "categories": ["grades"],
        "purpose": "napačno povprečje ocen",
    }


def test_r_f6_vendor_access_does_not_depend_on_the_order_of_requests():
    too_long = _request("ZAHTEVA-DOLGA", "2026-10-30", "2026-11-01", "2026-12-31")
    valid = _request("ZAHTEVA-KRATKA", "2026-11-09", "2026-11-10", "2026-11-12")
    late = _request("ZAHTEVA-POZNA", "2026-11-11", "2026-11-10", "2026-11-12")
    on = dt.date(2026, 11, 11)

    def ask(requests):
        facts = RightsFacts.from_json(json.dumps({**FACTS, "support_requests": requests}))
        return facts.decide(("vendor", "podpora-1"), "ana", "grades", "see", on, concerns_student_status=False)

    for requests in ([too_long, valid], [valid, too_long]):
        d = ask(requests)
        assert d.allowed and d.rule_ids == ["R-F6", "R-F8"]
    denials = [ask(r) for r in ([too_long, late], [late, too_long])]
    assert not any(d.allowed for d in denials)
    assert denials[0].text_en == denials[1].text_en
    assert "ZAHTEVA-DOLGA" in denials[0].text_en


def test_r_d2_r_c10_a_student_sees_own_data_under_the_rule_of_its_category(facts):
    def rules(category):
        return facts.decide(("student", "ana"), "ana", category, "see", TODAY, concerns_student_status=False).rule_ids

    assert rules("grades") == ["R-D2"]
    assert rules("announced_assessments") == ["R-D3"]
    assert rules("meals") == ["R-G2"]
    assert rules("absences") == ["R-C10"]
    assert rules("homework") == ["R-C10"]


def test_r_b6_r_b7_r_c6_who_sets_what(facts):
    assert facts.decide(("guardian", "mama"), "ana", "contact_data", "change", TODAY, concerns_student_status=False).allowed
    assert not facts.decide(("guardian", "oce"), "ana", "contact_data", "change", TODAY, concerns_student_status=False).allowed
    assert facts.decide(("student", "ana"), "ana", "contact_data", "change", TODAY, concerns_student_status=False).rule_ids == ["R-B7"]
    assert facts.decide(("student", "ana"), "ana", "service_choice", "change", TODAY, concerns_student_status=False).rule_ids == ["R-C6"]
    teacher = facts.decide(("staff", "razrednik"), "ana", "remarks", "see", TODAY, concerns_student_status=False)
    assert teacher.allowed and teacher.rule_ids == ["R-F5"]


def test_batches_take_any_iterable(facts):
    all_decisions = facts.decide_every_guardian("see", TODAY)
    assert len(all_decisions) == 5 * 11
    questions = ((("guardian", "mama"), "ana", c, "see", TODAY, False) for c in ["grades", "absences"])
    assert [d.allowed for d in facts.decide_many(questions)] == [True, True]
    # R-D12: whether a question concerns the student's status is never assumed.
    with pytest.raises(asistent.InvalidValueError) as e:
        facts.decide_many([(("guardian", "mama"), "ana", "grades", "see", TODAY)])
    assert e.value.what == "question"
    with pytest.raises(asistent.InvalidValueError) as s:
        facts.decide_many([(("guardian", "mama"), "ana", "grades", "see", TODAY, "no")])
    assert s.value.what == "concerns_student_status"


def test_facts_round_trip(facts):
    assert RightsFacts.from_json(facts.to_json()).to_json() == facts.to_json()


def test_a_date_before_birth_is_a_typed_error(facts):
    with pytest.raises(asistent.DatedBeforeBirthError) as err:
        facts.decide(("guardian", "mama"), "ana", "grades", "see", dt.date(2012, 1, 1), concerns_student_status=False)
    assert (err.value.student, err.value.date, err.value.birth_date) == ("ana", dt.date(2012, 1, 1), dt.date(2013, 4, 2))
    assert str(err.value) == "the question of student `ana` is dated 2012-01-01, before the child's birth on 2013-04-02"
    bad = json.loads(json.dumps(FACTS))
    bad["families"][0]["court_decisions"][0]["date"] = "2010-02-01"
    with pytest.raises(asistent.DatedBeforeBirthError) as err2:
        RightsFacts.from_json(json.dumps(bad))
    assert err2.value.what == err2.value.field == "court decision `I R 55/2025`"
    assert err.value.field == "the question"
    assert isinstance(err2.value, asistent.RightsError) and isinstance(err2.value, ValueError)


def test_a_relationship_to_oneself_is_a_typed_error():
    bad = json.loads(json.dumps(FACTS))
    bad["families"][0]["relations"].append({"guardian": "ana", "relationship": "relative"})
    with pytest.raises(asistent.RelationshipToSelfError) as err:
        RightsFacts.from_json(json.dumps(bad))
    assert (err.value.id, err.value.relationship, err.value.field) == ("ana", "relative", "ana")
    assert str(err.value) == "`ana` is recorded as the relative of themselves: a relationship needs two different people"


def test_an_unknown_category_and_other_bad_input_are_typed_errors(facts):
    with pytest.raises(asistent.UnknownCategoryError) as err:
        facts.decide(("guardian", "mama"), "ana", "report_cards", "see", TODAY, concerns_student_status=False)
    assert (err.value.input, err.value.field) == ("report_cards", "category")
    assert str(err.value).startswith("`report_cards` is not a data category")
    with pytest.raises(asistent.InvalidValueError) as err2:
        facts.decide(("guardian", "mama"), "ana", "grades", "peek", TODAY, concerns_student_status=False)
    assert err2.value.what == "action"
    with pytest.raises(asistent.InvalidValueError, match="not a kind of person"):
        facts.decide(("uncle", "x"), "ana", "grades", "see", TODAY, concerns_student_status=False)
    with pytest.raises(asistent.RightsError) as err3:
        facts.decide(("guardian", "mama"), "nihce", "grades", "see", TODAY, concerns_student_status=False)
    assert err3.value.field == "nihce"


def test_r_f6_an_allowed_access_enters_the_audit_log_and_the_guardians_report(facts):
    key = asistent.PseudonymKey(b"OS Prule -- secret pseudonym key 2026")
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
    log = asistent.AuditLog()
    _, record = facts.access(("guardian", "mama"), "ana", "grades", "see", "pregled ocen", at)
    assert log.append_access(record, key) == 0
    entry = log.entries()[0]
    assert (entry.role, entry.actor, entry.subject) == ("guardian", key.guardian("mama"), key.student("ana"))
    report = log.report_for(key.student("ana"), at - dt.timedelta(days=1), at + dt.timedelta(days=1))
    assert [line.entry.actor for line in report] == [key.guardian("mama")]
    _, vendor = facts.access(("vendor", "podpora-1"), "ana", "grades", "see", "napačno povprečje", at)
    assert "ZAHTEVA-2026-117" in asistent.AuditEntry.from_access(vendor, key).purpose


def test_r_f6_a_refused_access_or_a_vendor_without_request_cannot_enter_the_log(facts):
    key = asistent.PseudonymKey(b"OS Prule -- secret pseudonym key 2026")
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
    log = asistent.AuditLog()
    _, vendor = facts.access(("vendor", "podpora-1"), "ana", "absences", "see", "x", at)
    with pytest.raises(asistent.AuditError) as e:
        log.append_access(vendor, key)
    assert e.value.check == "vendor_access_without_request"
    _, oce = facts.access(("guardian", "oce"), "ana", "absences", "see", "pregled", at)
    with pytest.raises(asistent.AuditError) as e:
        log.append_access(oce, key)
    assert e.value.check == "access_refused"
    assert "R-F4" in str(e.value)
    assert len(log) == 0


def test_r_f1_category_labels_as_the_portal_shows_them():
    assert asistent.category_label_sl("grades") == "ocene"
    assert asistent.category_label_sl("announced_assessments") == "napovedana ocenjevanja znanja"
    with pytest.raises(asistent.UnknownCategoryError) as err:
        asistent.category_label_sl("report_cards")
    assert err.value.input == "report_cards"
