"""What a parent or a student sees, from when and why (R-D1 … R-D11, R-C7, R-G1, R-G2),
as a school's Python scripter uses it."""

import datetime as dt
import json

import pytest

import asistent
from asistent import RightsFacts, VisibilityEngine

UTC = dt.timezone.utc
FACTS = {
    "families": [
        {
            "student": {"id": "ana", "birth_date": "2013-04-02", "class": "7.a", "level": "primary"},
            "relations": [
                {"guardian": "mama", "relationship": "parent"},
                {"guardian": "oce", "relationship": "parent"},
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
        }
    ],
    "staff": [{"staff": "razrednik", "role": "class_teacher", "class": "7.a"}],
}

# Friday 27 March 2026, 11:20 in Ljubljana (CET); the clocks go forward on Sunday 29 March.
FRIDAY = dt.datetime(2026, 3, 27, 10, 20, tzinfo=UTC)
MAMA = ("guardian", "mama", "ana", "za_starse")
OCE = ("guardian", "oce", "ana", "minimalni")
ANA = ("student", "ana", "ana", "minimalni")


@pytest.fixture
def engine() -> VisibilityEngine:
    facts = RightsFacts.from_json(json.dumps(FACTS))
    return VisibilityEngine(
        facts, dt.date(2026, 3, 27), meals_through_system=True, absence_excuses_agreed=True
    )


def test_r_d1_r_d2_friday_grade_seen_by_the_parent_on_monday_cest(engine: VisibilityEngine) -> None:
    grade = ("grade", "ana", FRIDAY)
    v = engine.visible_from(grade, MAMA)
    assert v.state == "visible"
    assert v.visible_from == dt.datetime(2026, 3, 29, 22, 0, tzinfo=UTC)
    assert v.text_sl == "vidno od 30. 3. 2026 ob 00:00 (R-D1, R-D9, R-D11)"
    assert not v.is_visible_at(dt.datetime(2026, 3, 29, 21, 59, tzinfo=UTC))
    assert v.is_visible_at(int(dt.datetime(2026, 3, 29, 22, 0, tzinfo=UTC).timestamp()))
    s = engine.visible_from(grade, ANA, grades=[])
    assert s.visible_from == FRIDAY
    assert "R-D2" in s.rule_ids


def test_r_d9_and_rights_hide_with_reasons(engine: VisibilityEngine) -> None:
    never = engine.visible_from(("grade", "ana", FRIDAY), OCE)
    assert (never.state, never.hidden) == ("never", "service")
    assert "R-D9" in never.rule_ids
    excuse = engine.visible_from(("absence_excuse", "ana", FRIDAY), ("guardian", "oce", "ana", "za_starse"))
    assert excuse.hidden == "rights"
    assert excuse.decision is not None
    assert "I R 55/2025" in excuse.text_en


def test_r_d5_r_d6_r_d7_pending_then_visible(engine: VisibilityEngine) -> None:
    hw = engine.visible_from(("homework", "ana", FRIDAY), MAMA)
    assert (hw.state, hw.waiting, hw.visible_from) == ("pending", "lesson_close", None)
    closed = FRIDAY + dt.timedelta(minutes=25)
    assert engine.visible_from(("praise", "ana", FRIDAY, closed), OCE).visible_from == closed
    forwarded = ("remark", "ana", FRIDAY, None, ("razrednik", FRIDAY + dt.timedelta(hours=3)))
    assert engine.visible_from(forwarded, MAMA).visible_from == FRIDAY + dt.timedelta(hours=3)


def test_r_d10_batch_from_a_generator_the_minimalni_student_sees_the_latest_grade(
    engine: VisibilityEngine,
) -> None:
    older = ("grade", "ana", FRIDAY - dt.timedelta(days=4), None, None, None, "SLJ")
    items = (x for x in [older, ("grade", "ana", int(FRIDAY.timestamp())), ("meal", "ana", FRIDAY)])
    batch = engine.visible_from_many(items, iter([MAMA, ANA]))
    assert len(batch) == 6
    assert batch.items == [0, 0, 1, 1, 2, 2]
    assert batch.viewers == [0, 1, 0, 1, 0, 1]
    assert batch.states == ["visible", "never", "visible", "visible", "visible", "visible"]
    assert batch[1][2].hidden == "not_latest_grade"
    assert batch.timestamps()[3] == int(FRIDAY.timestamp())
    assert batch.instants()[3] == FRIDAY
    assert "R-G2" in batch[-1][2].rule_ids


def test_r_c7_r_g1_period_and_excuses(engine: VisibilityEngine) -> None:
    closed = ("guardian", "mama", "ana", "za_starse", dt.date(2026, 3, 26))
    v = engine.visible_from(("grade", "ana", FRIDAY), closed)
    assert (v.hidden, v.rule_ids) == ("period", ["R-C7"])
    assert engine.may_send_absence_excuse(MAMA) == (True, ["R-F2", "R-G1"])
    facts = RightsFacts.from_json(json.dumps(FACTS))
    no = VisibilityEngine(facts, dt.date(2026, 3, 27))
    assert no.may_send_absence_excuse(MAMA) == (False, ["R-G1"])


def test_r_g1_r_b4_r_c7_no_excuse_without_the_portal_or_after_it_closed(engine: VisibilityEngine) -> None:
    no_portal = ("guardian", "mama", "ana", "no_electronic_contact")
    assert engine.may_send_absence_excuse(no_portal) == (False, ["R-B4", "R-C1", "R-G1"])
    closed = ("guardian", "mama", "ana", "za_starse", dt.date(2026, 3, 26))
    assert engine.may_send_absence_excuse(closed) == (False, ["R-C7", "R-G1"])
    last_day = ("guardian", "mama", "ana", "za_starse", dt.date(2026, 3, 27))
    assert engine.may_send_absence_excuse(last_day)[0] is True


def test_a_lesson_closed_before_entry_is_a_typed_error_with_its_position(engine: VisibilityEngine) -> None:
    bad = ("homework", "ana", FRIDAY, FRIDAY - dt.timedelta(hours=1))
    with pytest.raises(asistent.InvalidItemError) as e:
        engine.visible_from_many([("grade", "ana", FRIDAY), bad], [MAMA])
    assert isinstance(e.value, asistent.VisibilityError)
    assert (e.value.index, e.value.problem, e.value.student) == (1, "lesson_closed_before_entry", "ana")
    assert str(e.value) == (
        "item 1: the homework of student `ana` has its lesson closed at 2026-03-27 09:20:00 UTC, "
        "before it was entered at 2026-03-27 10:20:00 UTC"
    )


def test_r_d6_a_remark_forwarded_by_another_teacher_is_a_typed_error(engine: VisibilityEngine) -> None:
    bad = ("remark", "ana", FRIDAY, None, ("ucitelj", FRIDAY + dt.timedelta(hours=1)))
    with pytest.raises(asistent.NotTheClassTeacherError) as e:
        engine.visible_from(bad, MAMA)
    assert (e.value.student, e.value.by, e.value.student_class, e.value.index) == ("ana", "ucitelj", "7.a", None)
    assert str(e.value).endswith("only the class teacher forwards remarks to parents (R-D6)")


def test_an_unknown_item_kind_is_a_typed_error(engine: VisibilityEngine) -> None:
    with pytest.raises(asistent.UnknownItemKindError) as e:
        engine.visible_from_many([("grade", "ana", FRIDAY), ("report_card", "ana", FRIDAY)], [MAMA])
    assert e.value.input == "report_card"
    assert e.value.index == 1
    assert str(e.value).startswith("item 1: `report_card` is not an item kind")
    with pytest.raises(asistent.InvalidValueError):
        engine.visible_from(("grade", "ana", dt.datetime(2026, 3, 27, 10, 0)), MAMA)
    with pytest.raises(asistent.InvalidValueError):
        engine.visible_from(("grade", "ana"), MAMA)


def test_r_d1_r_f4_the_batch_columns_and_a_row_s_full_answer(engine: VisibilityEngine) -> None:
    oce_paid = ("guardian", "oce", "ana", "za_starse")
    closed = FRIDAY + dt.timedelta(minutes=40)
    items = [
        ("grade", "ana", FRIDAY),
        ("absence", "ana", int(FRIDAY.timestamp())),
        ("homework", "ana", FRIDAY, None),
        ("praise", "ana", FRIDAY, closed, None, None, None),
    ]
    batch = engine.visible_from_many(items, [MAMA, oce_paid])
    assert batch.states == ["visible", "visible", "visible", "never", "pending", "pending", "visible", "visible"]
    assert batch.causes == [None, None, None, "rights", "lesson_close", "lesson_close", None, None]
    # R-D1: Monday 30 March 00:00 CEST; R-D4: Saturday 00:00 CET.
    monday, saturday = 1_774_821_600, 1_774_652_400
    column = batch.timestamp_array(-1)
    assert column.typecode == "q"
    assert list(column) == [monday, monday, saturday, -1, -1, -1, int(closed.timestamp()), int(closed.timestamp())]
    assert batch.timestamps()[3] is None
    # The full answer of a row, with the court decision that hides the father's absences.
    _, viewer, v = batch[3]
    assert (viewer, v.hidden, v.decision.allowed) == (1, "rights", False)
    assert "R-F4" in v.rule_ids or "R-F2" in v.rule_ids
    # A marker that an answer takes is refused, not silently ambiguous.
    with pytest.raises(asistent.InvalidValueError) as e:
        batch.timestamp_array(monday)
    assert "row 0 is visible from exactly that Unix time" in str(e.value)


def test_a_bool_is_not_an_instant(engine: VisibilityEngine) -> None:
    with pytest.raises(asistent.InvalidValueError) as e:
        engine.visible_from_many([("grade", "ana", True)], [MAMA])
    assert "got a bool" in str(e.value)
    assert str(e.value).startswith("item 0: ")
    assert e.value.index == 0


def test_r_d10_a_minimalni_student_s_grade_without_the_other_grades_is_a_typed_error(
    engine: VisibilityEngine,
) -> None:
    grade = ("grade", "ana", FRIDAY)
    with pytest.raises(asistent.InvalidItemError) as e:
        engine.visible_from(grade, ANA)
    assert (e.value.problem, e.value.student, e.value.index) == ("latest_grade_unknown", "ana", None)
    assert str(e.value).startswith("the latest grade of student `ana` is not known")
    # With the other grades: the latest is seen, an older one is not (R-D10).
    assert engine.visible_from(grade, ANA, grades=[]).visible_from == FRIDAY
    older = ("grade", "ana", FRIDAY - dt.timedelta(days=2))
    assert engine.visible_from(older, ANA, grades=[grade]).hidden == "not_latest_grade"
    # Parents and a ZA UČENCE student need no other grades.
    assert engine.visible_from(grade, MAMA).state == "visible"
    assert engine.visible_from(grade, ("student", "ana", "ana", "za_ucence")).visible_from == FRIDAY


def test_r_d11_every_batch_error_names_the_position_of_its_item_or_viewer(engine: VisibilityEngine) -> None:
    good = ("grade", "ana", FRIDAY)
    # An item whose student ID is empty: InvalidValueError, at item 2.
    with pytest.raises(asistent.InvalidValueError) as e:
        engine.visible_from_many([good, good, ("grade", "", FRIDAY)], [MAMA])
    assert (e.value.what, e.value.index) == ("student ID", 2)
    assert str(e.value).startswith("item 2: ")
    # A viewer with an unknown service: InvalidValueError, at viewer 1.
    with pytest.raises(asistent.InvalidValueError) as e:
        engine.visible_from_many([good], [MAMA, ("guardian", "oce", "ana", "gold")])
    assert (e.value.what, e.value.value, e.value.index) == ("service", "gold", 1)
    assert str(e.value).startswith("viewer 1: ")
    # A viewer that is not a tuple.
    with pytest.raises(asistent.InvalidValueError) as e:
        engine.visible_from_many([good], [MAMA, MAMA, "mama"])
    assert (e.value.what, e.value.index) == ("viewer", 2)
    assert str(e.value).startswith("viewer 2: a viewer is a (kind, id, student, service")
    # A student viewer looking at another child: the core's error, at viewer 0.
    with pytest.raises(asistent.InvalidItemError) as e:
        engine.visible_from_many([good], [("student", "bor", "ana", "minimalni")])
    assert (e.value.problem, e.value.index) == ("viewer_of_another_student", 0)
    assert str(e.value).startswith("viewer 0: ")
    # Outside a list there is no position.
    with pytest.raises(asistent.InvalidValueError) as e:
        engine.visible_from(("grade", "", FRIDAY), MAMA)
    assert e.value.index is None
    assert not str(e.value).startswith("item")


def test_r_d1_r_d10_every_row_s_full_answer_agrees_with_the_columns(engine: VisibilityEngine) -> None:
    kinds = ["grade", "absence", "praise", "homework", "remark", "message", "meal", "absence_excuse"]
    items = []
    for k in range(64):
        entered = FRIDAY - dt.timedelta(days=k % 9, hours=k % 5)
        kind = kinds[k % len(kinds)]
        closed = entered + dt.timedelta(minutes=30) if k % 3 == 0 and kind in ("praise", "homework") else None
        revision = ("withdrawn", entered + dt.timedelta(hours=1)) if k % 11 == 0 else None
        items.append((kind, "ana", entered, closed, None, revision))
    viewers = [MAMA, OCE, ANA, ("guardian", "oce", "ana", "za_starse"), ("student", "ana", "ana", "za_ucence")]
    batch = engine.visible_from_many(items, viewers)
    assert len(batch) == len(items) * len(viewers)
    for i, (stamp, state, cause) in enumerate(zip(batch.timestamps(), batch.states, batch.causes)):
        _, _, full = batch[i]
        assert full.state == state
        assert (None if full.visible_from is None else int(full.visible_from.timestamp())) == stamp
        assert (full.waiting or full.hidden) == cause


def test_r_d1_r_d3_item_kind_labels_as_the_portal_shows_them():
    assert asistent.item_kind_label_sl("grade") == "ocena"
    assert asistent.item_kind_label_sl("announced_assessment") == "napovedano ocenjevanje znanja"
    with pytest.raises(asistent.UnknownItemKindError):
        asistent.item_kind_label_sl("grades")


def test_r_d9_r_c7_a_registrations_viewer_is_paid_only_from_its_payment(engine: VisibilityEngine) -> None:
    reg = asistent.Registration.register(
        "mama", "ana", "os-prule", "za_starse", dt.date(2025, 9, 1), chooser="legal_representative"
    )
    unpaid = asistent.viewer_from_registration(reg, dt.date(2026, 3, 27))
    assert unpaid == ("guardian", "mama", "ana", "minimalni", None, True)
    grade = ("grade", "ana", FRIDAY)
    hidden = engine.visible_from(grade, unpaid)
    assert hidden.state == "never" and "R-C7" in hidden.rule_ids and "R-D9" in hidden.rule_ids
    paid, _ = reg.pay("2025/26", dt.date(2026, 3, 2))
    viewer = asistent.viewer_from_registration(paid, dt.date(2026, 3, 27))
    assert viewer == ("guardian", "mama", "ana", "za_starse", None, False)
    assert engine.visible_from(grade, viewer).visible_from == dt.datetime(2026, 3, 29, 22, 0, tzinfo=UTC)
    # Before the payment's date the year was not paid yet.
    assert asistent.viewer_from_registration(paid, dt.date(2026, 3, 1))[5] is True
    with pytest.raises(asistent.InvalidValueError) as e:
        engine.visible_from(grade, ("guardian", "mama", "ana", "za_starse", None, "yes"))
    assert e.value.what == "unpaid"
