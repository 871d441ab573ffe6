"""R-E1 … R-E7, R-C3, R-C7, R-A10: the notification planner, as a school scripter uses it."""

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from asistent import (
    AsistentError,
    EmptyTextError,
    InvalidValueError,
    MissingContactError,
    NotifyChild,
    NotifyError,
    NotifyEvent,
    Recipient,
    Registration,
    RightsFacts,
    TextTooLongError,
    UnknownSchoolYearError,
    plan_notices,
)

LJ = ZoneInfo("Europe/Ljubljana")
NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
FACTS = RightsFacts.from_json(json.dumps({"families": [{
    "student": {"id": "ana", "birth_date": "2014-03-09", "level": "primary"},
    "relations": [{"guardian": "mama", "relationship": "parent"},
                  {"guardian": "oce", "relationship": "parent"}],
}]}))


def at(y, m, d, h, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=LJ)


def household(paid=True, mama_phone="+38640111222"):
    reg = Registration.register("mama", "ana", "os-prule", "za_starse", dt.date(2026, 9, 1), chooser="legal_representative")
    if paid:
        reg, _ = reg.pay("2026/27", dt.date(2026, 9, 5))
    recipients = [
        Recipient("mama", "daily", ["email", "sms"], is_student=False, email="mama@example.si", phone=mama_phone,
                  quiet_hours=(dt.time(22), dt.time(7))),
        Recipient("oce", "weekly", ("email",), is_student=False, email="oce@example.si", language="en"),
    ]
    return recipients, [NotifyChild("ana", "Ana", reg, ["mama", "oce"])]


def events():
    yield NotifyEvent.absence(1, "ana", at(2026, 11, 12, 10, 5), dt.date(2026, 11, 12), 2)
    yield NotifyEvent.grade(3, "ana", at(2026, 11, 16, 11), "matematika", 5)
    yield NotifyEvent.observation(6, "ana", at(2026, 11, 24, 21, 50), "observation",
                                  "Pozabila je športno opremo", at(2026, 11, 24, 22, 30))
    yield NotifyEvent.announced_assessment(8, "ana", at(2026, 11, 10, 14), "matematika",
                                           dt.date(2026, 11, 26))


def plan(**kw):
    recipients, children = household(**kw)
    return plan_notices(recipients, children, events(), *NOV, FACTS)


def test_r_e2_daily_mode_each_kind_on_its_day():
    mama = [n for n in plan().notices if n.recipient == "mama" and n.channel == "email"]
    got = [(n.kind, n.send_at.astimezone(LJ).strftime("%a %d %H:%M"), n.items) for n in mama]
    assert got == [
        ("absences", "Fri 13 16:00", [1]),
        ("assessment_digest", "Fri 13 16:00", [8]),
        ("grades", "Thu 19 16:00", [3]),
        ("assessment_digest", "Fri 20 16:00", [8]),
        ("observations", "Wed 25 07:00", [6]),  # closed at 22:30, inside quiet hours
    ]
    assert mama[0].text == "mojAsistent: Ana, izostanki: 12. 11. 2026 (2 uri)."
    assert "R-E2" in mama[0].reasons and "R-E1" in mama[0].reasons
    # R-D1: a grade's notification comes with its visibility on D+3, and names R-D1.
    assert all(("R-D1" in n.reasons) == (n.kind == "grades") for n in mama)


def test_r_e3_weekly_summaries_on_wednesdays_digests_on_fridays():
    oce = [n for n in plan().notices if n.recipient == "oce"]
    for n in oce:
        day = n.send_at.astimezone(LJ).strftime("%a")
        assert (n.kind, day) in {("weekly_summary", "Wed"), ("assessment_digest", "Fri")}
    summaries = [n.text for n in oce if n.kind == "weekly_summary"]
    assert summaries == [
        "mojAsistent: Ana, weekly summary, 18 Nov 2026. Absences: 12 Nov (2 lessons).",
        "mojAsistent: Ana, weekly summary, 25 Nov 2026. Grades: matematika 5. "
        "Observation: Pozabila je športno opremo.",
    ]


def test_r_d1_r_e3_a_weekly_summary_that_carries_a_grade_names_r_d1():
    oce = [n for n in plan().notices if n.recipient == "oce" and n.kind == "weekly_summary"]
    # The first summary has only the absence; the second carries the grade (R-D1).
    assert [("R-D1" in n.reasons, "R-E3" in n.reasons) for n in oce] == [(False, True), (True, True)]
    assert "Grades:" in oce[1].text


def test_r_a10_r_e4_sms_costs_and_the_cost_report():
    p = plan()
    sms = [n for n in p.notices if n.channel == "sms"]
    assert all(n.recipient == "mama" and n.sms is not None for n in sms)
    assert p.sms_cost.segments == sum(n.sms.count.segments for n in sms)
    assert p.sms_cost.total == Decimal("0.05") * p.sms_cost.segments
    assert [(line.recipient, line.child, line.month) for line in p.sms_cost.lines] == [("mama", "ana", 11)]


def test_r_c3_r_c7_r_e6_nothing_outside_the_paid_year():
    p = plan(paid=False)
    assert p.notices == []
    assert {w.reason for w in p.withheld} == {"R-C7"}


def test_r_e5_a_student_recipient_gets_nothing():
    recipients, children = household()
    recipients.append(Recipient("ana", "daily", ["email"], email="ana@example.si", is_student=True))
    p = plan_notices(iter(recipients), (c for c in children), list(events()), *NOV, FACTS)
    assert not [n for n in p.notices if n.recipient == "ana"]
    held = [w for w in p.withheld if w.recipient_is_student]
    assert held and {w.reason for w in held} == {"R-E5"}
    assert {w.category for w in held} >= {"grades", "announced_assessments"}


def test_an_event_in_an_unknown_school_year_is_a_typed_error():
    recipients, children = household()
    late = [NotifyEvent.grade(77, "ana", at(2027, 9, 3, 9), "zgodovina", 4)]
    with pytest.raises(UnknownSchoolYearError) as err:
        plan_notices(recipients, children, late, *NOV, FACTS)
    e = err.value
    assert isinstance(e, NotifyError) and isinstance(e, AsistentError) and isinstance(e, ValueError)
    assert (e.kind, e.event, e.entered_on, e.event_year, e.planned) == (
        "unknown_school_year", 77, dt.date(2027, 9, 3), "2027/28", "2026/27")
    assert str(e) == ("event 77 was entered on 2027-09-03, in school year 2027/28: "
                      "a plan for 2026/27 takes events entered in 2026/27 or 2025/26")


def test_r_e2_r_d1_r_e6_notices_due_in_the_next_school_year_go_out_in_its_plan():
    reg = Registration.register("mama", "ana", "os-prule", "za_starse", dt.date(2025, 9, 1), chooser="legal_representative")
    reg, _ = reg.pay("2025/26", dt.date(2025, 9, 5))
    reg, _ = reg.pay("2026/27", dt.date(2025, 9, 5))
    recipients = [Recipient("mama", "daily", ["email"], email="mama@example.si", is_student=False)]
    children = [NotifyChild("ana", "Ana", reg, ["mama"])]
    boundary = [
        NotifyEvent.absence(1, "ana", at(2026, 8, 31, 10), dt.date(2026, 8, 31), 2),
        NotifyEvent.grade(2, "ana", at(2026, 8, 30, 18), "matematika", 5),
    ]
    old = plan_notices(recipients, children, boundary, dt.date(2025, 9, 1), dt.date(2026, 8, 31), FACTS)
    assert old.notices == []
    new = plan_notices(recipients, children, boundary, dt.date(2026, 9, 1), dt.date(2026, 9, 30), FACTS)
    got = [(n.kind, n.send_at.astimezone(LJ).strftime("%a %d %b %H:%M"), n.items) for n in new.notices]
    assert got == [("absences", "Tue 01 Sep 16:00", [1]), ("grades", "Wed 02 Sep 16:00", [2])]
    # An event two school years back stays a typed error.
    old_event = [NotifyEvent.grade(3, "ana", at(2025, 8, 29, 9), "zgodovina", 4)]
    with pytest.raises(UnknownSchoolYearError) as err:
        plan_notices(recipients, children, old_event, dt.date(2026, 9, 1), dt.date(2026, 9, 30), FACTS)
    assert (err.value.event, err.value.event_year, err.value.planned) == (3, "2024/25", "2026/27")


def test_a_recipient_without_a_contact_is_a_typed_error():
    recipients, children = household(mama_phone=None)
    with pytest.raises(MissingContactError) as err:
        plan_notices(recipients, children, events(), *NOV, FACTS)
    assert (err.value.recipient, err.value.channel) == ("mama", "sms")
    assert str(err.value) == "guardian mama chose SMS notices but has no mobile number"


def test_an_empty_or_oversized_text_is_a_typed_error():
    recipients, children = household()
    empty = [NotifyEvent.grade(50, "ana", at(2026, 11, 5, 9), " ", 2)]
    with pytest.raises(EmptyTextError) as err:
        plan_notices(recipients, children, empty, *NOV, FACTS)
    assert (err.value.event, err.value.field) == (50, "subject")
    assert str(err.value) == "event 50 has an empty subject: there is nothing to tell"
    long = [NotifyEvent.observation(51, "ana", at(2026, 11, 5, 9), "comment",
                                    "Več o tem na govorilnih urah. " * 40, at(2026, 11, 5, 9, 45))]
    with pytest.raises(TextTooLongError) as err:
        plan_notices(recipients, children, long, *NOV, FACTS)
    assert (err.value.channel, err.value.characters, err.value.recipient) == ("sms", 1227, "mama")
    assert str(err.value).endswith(
        "the SMS text needs 19 segments (UCS-2, 1227 units), more than the 10 allowed")


def test_bad_arguments_are_invalid_values():
    with pytest.raises(InvalidValueError) as err:
        Recipient("mama", "hourly", ["email"], is_student=False)
    assert err.value.what == "mode"
    with pytest.raises(InvalidValueError):
        NotifyEvent.grade(1, "ana", dt.datetime(2026, 11, 5, 9), "fizika", 3)  # naive datetime
    recipients, children = household()
    with pytest.raises(InvalidValueError) as err:
        plan_notices(recipients, children, ["not an event"], *NOV, FACTS)
    assert err.value.what == "NotifyEvent"
    with pytest.raises(NotifyError) as err:
        plan_notices(recipients, children, [], dt.date(2026, 8, 1), dt.date(2026, 9, 30), FACTS)
    assert err.value.kind == "invalid_period"


def test_r_e4_quiet_hours_are_wall_clock_minutes_without_a_time_zone():
    cest = dt.timezone(dt.timedelta(hours=2))
    for hours, what, why in (
        ((dt.time(22, tzinfo=cest), dt.time(7)), "quiet_hours[0]", "without tzinfo"),
        ((dt.time(22), dt.time(7, 0, 30)), "quiet_hours[1]", "whole minutes (HH:MM)"),
        ((dt.time(22), dt.time(7, 0, 0, 5)), "quiet_hours[1]", "whole minutes (HH:MM)"),
        ((dt.time(22), "07:00"), "quiet_hours[1]", "must be a datetime.time"),
        ([dt.time(22), dt.time(7)], "quiet_hours", "a pair of datetime.time"),
    ):
        with pytest.raises(InvalidValueError) as err:
            Recipient("mama", "daily", ["email"], is_student=False, quiet_hours=hours)
        assert err.value.what == what
        assert why in str(err.value)
    assert Recipient("mama", "daily", ["email"], is_student=False, quiet_hours=(dt.time(22), dt.time(7)))
