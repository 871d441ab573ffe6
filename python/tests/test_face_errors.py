"""Errors of list and batch calls name the bad entry, as a school's Python scripter meets
them: the `index` attribute (from 0) and a message that starts with the entry's position;
the planner names a refused event by the ID it was given."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

import asistent
from asistent import (
    AuditEntry,
    AuditLog,
    InvalidValueError,
    NotifyChild,
    NotifyError,
    NotifyEvent,
    PseudonymKey,
    Recipient,
    Registration,
    RightsError,
    RightsFacts,
    StudentCredentials,
    UnknownCategoryError,
)

LJ = ZoneInfo("Europe/Ljubljana")
TODAY = dt.date(2026, 11, 23)
FACTS = RightsFacts.from_json(json.dumps({"families": [{
    "student": {"id": "ana", "birth_date": "2014-03-09", "level": "primary"},
    "relations": [{"guardian": "mama", "relationship": "parent"}],
}]}))


def question(student="ana", category="grades"):
    return (("guardian", "mama"), student, category, "see", TODAY, False)


def test_r_f1_decide_many_names_the_question_of_an_unknown_student():
    with pytest.raises(RightsError) as e:
        FACTS.decide_many([question(), question(), question("bor")])
    assert type(e.value) is RightsError
    assert e.value.index == 2
    assert e.value.field == "bor"
    assert str(e.value) == "question 2: student `bor` is not in the school's facts"


def test_r_f1_decide_many_names_the_question_of_a_bad_category_or_id():
    with pytest.raises(UnknownCategoryError) as e:
        FACTS.decide_many(iter([question(), question(category="gradez")]))
    assert (e.value.index, e.value.input) == (1, "gradez")
    assert str(e.value).startswith("question 1: `gradez` is not a data category")
    with pytest.raises(InvalidValueError) as e:
        FACTS.decide_many([question(""), question()])
    assert (e.value.what, e.value.value, e.value.index) == ("student ID", "", 0)
    assert str(e.value) == "question 0: `` is not a valid student ID: it is empty"
    with pytest.raises(InvalidValueError) as e:
        FACTS.decide_many([question(), "grades"])
    assert (e.value.what, e.value.index) == ("question", 1)
    assert str(e.value).startswith("question 1: a question is a (person, student")


def test_r_f1_a_single_question_has_no_index():
    with pytest.raises(RightsError) as e:
        FACTS.decide(("guardian", "mama"), "bor", "grades", "see", TODAY, concerns_student_status=False)
    assert e.value.index is None
    assert str(e.value) == "student `bor` is not in the school's facts"


def test_r_d7_the_planner_names_a_refused_event_by_its_id():
    reg = Registration.register("mama", "ana", "os-prule", "za_starse", dt.date(2026, 9, 1),
                                chooser="legal_representative")
    reg, _ = reg.pay("2026/27", dt.date(2026, 9, 5))
    recipients = [Recipient("mama", "daily", ["email"], is_student=False, email="mama@example.si")]
    children = [NotifyChild("ana", "Ana", reg, ["mama"])]
    events = [
        NotifyEvent.grade(3, "ana", dt.datetime(2026, 11, 16, 11, tzinfo=LJ), "matematika", 5),
        # The lesson closed ten minutes before the praise was entered.
        NotifyEvent.observation(42, "ana", dt.datetime(2026, 11, 17, 9, 40, tzinfo=LJ), "praise",
                                "Pomagala je sošolcu", dt.datetime(2026, 11, 17, 9, 30, tzinfo=LJ)),
    ]
    with pytest.raises(asistent.EventRefusedError) as e:
        asistent.plan_notices(recipients, children, events, dt.date(2026, 11, 1), dt.date(2026, 11, 30), FACTS)
    assert isinstance(e.value, NotifyError)
    assert (e.value.kind, e.value.event, e.value.problem, e.value.student) == (
        "visibility", 42, "lesson_closed_before_entry", "ana")
    assert str(e.value) == (
        "event 42: the praise of student `ana` has its lesson closed at 2026-11-17 08:30:00 UTC, "
        "before it was entered at 2026-11-17 08:40:00 UTC"
    )


def test_r_b2_r_b9_sheet_and_overview_name_the_bad_entry():
    issued = asistent.issue_security_code("ana", "mark", "os-prule", dt.datetime(2026, 9, 3, 17, tzinfo=dt.timezone.utc),
                                          asistent.Policy.from_json('{"verify": {"code_iterations": 100000}}'), previous=())
    good = ("Ana Novak", "Mark Novak", "7.a", issued.code, issued.record_json)
    with pytest.raises(InvalidValueError) as e:
        asistent.security_code_sheet("OŠ Prule", [good, ("Eva", "Bor", "7.a", issued.code, "{")])
    assert (e.value.what, e.value.value, e.value.index) == ("security code record", "{", 1)
    assert str(e.value).startswith("entry 1: the security code record JSON is not readable")
    with pytest.raises(asistent.MalformedCodeError) as e:
        asistent.security_code_sheet("OŠ Prule", [good, ("Eva", "Bor", "7.a", "12", issued.record_json)])
    assert e.value.what == "security code" and e.value.index == 1
    assert str(e.value).startswith("entry 1: ")
    with pytest.raises(InvalidValueError) as e:
        asistent.class_overview([("7.a", "ana", "Ana", "Mark", None), ("7.a", "", "Eva", "Bor", None)])
    assert (e.value.what, e.value.value, e.value.index) == ("guardian ID", "", 1)
    assert str(e.value) == "entry 1: `` is not a valid guardian ID: it is empty"


def test_r_a8_credentials_name_the_entry_that_is_not_credentials():
    ok = StudentCredentials("s1", "Ana", "7.a", "ana.novak")
    with pytest.raises(InvalidValueError) as e:
        asistent.credentials_printout([ok, ok, "s3"])
    assert (e.value.what, e.value.value, e.value.index) == ("student credentials", "'s3'", 2)
    assert str(e.value) == "student 2: expected asistent.StudentCredentials, got str 's3'"


def test_r_f6_audit_extend_names_the_entry_and_its_value():
    key = PseudonymKey(b"OS Prule -- secret pseudonym key 2026")
    entry = AuditEntry(actor=key.staff("T-7"), role="teacher", subject=key.student("2026-0042"),
                       category="grades", purpose="ocenjevanje", basis=["R-F5"],
                       at=dt.datetime(2026, 10, 5, 7, 15, tzinfo=dt.timezone.utc))
    log = AuditLog()
    with pytest.raises(InvalidValueError) as e:
        log.extend([entry, 7])
    assert (e.value.what, e.value.value, e.value.index) == ("audit entry", "7", 1)
    assert str(e.value) == "entry 1: expected an asistent.AuditEntry, got int 7"
    assert len(log) == 1


def test_r_c2_r_c3_r_b1_r_a3_orders_recipients_previous_codes_and_children_name_the_entry():
    with pytest.raises(InvalidValueError) as e:
        asistent.quote_family("2026/27", [("ana", "popolni"), ("", "minimalni")])
    assert (e.value.what, e.value.value, e.value.index) == ("student ID", "", 1)
    assert str(e.value) == "order 1: `` is not a valid student ID: it is empty"
    with pytest.raises(InvalidValueError) as e:
        asistent.quote_family("2026/27", [("ana", "popolni"), ("luka", "zlati")])
    assert (e.value.what, e.value.value, e.value.index) == ("service", "zlati", 1)
    assert str(e.value).startswith("order 1: ")
    with pytest.raises(InvalidValueError) as e:
        asistent.notification_recipients("za_starse", ["", "oce"])
    assert (e.value.what, e.value.index) == ("guardian ID", 0)
    assert str(e.value) == "guardian 0: `` is not a valid guardian ID: it is empty"
    fast = asistent.Policy.from_json('{"verify": {"code_iterations": 100000}}')
    with pytest.raises(InvalidValueError) as e:
        asistent.issue_security_code("ana", "mark", "os-prule", dt.datetime(2026, 9, 3, 17, tzinfo=dt.timezone.utc),
                                     fast, previous=["{"])
    assert (e.value.what, e.value.value, e.value.index) == ("security code record", "{", 0)
    assert str(e.value).startswith("previous record 0: the security code record JSON is not readable")
    with pytest.raises(InvalidValueError) as e:
        asistent.reset_child_password(True, ["mark", ""], "mark", fast)
    assert (e.value.what, e.value.index) == ("student ID", 1)
    assert str(e.value) == "child 1: `` is not a valid student ID: it is empty"
