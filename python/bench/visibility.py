"""Visibility of a synthetic gradebook from Python in one call (issue 5), against a
plain-Python implementation of the same rules written here, in the same run; both must give
the same instants.

Run: python python/bench/visibility.py  (with the asistent wheel installed;
`maturin build` in python/ — the `wheel` profile of pyproject.toml — for the figures in
BENCHMARKS.md). The plain-Python side takes its rights from the library's
`decide_every_guardian` (a plain-Python rights engine would only make it slower).
"""

import datetime as dt
import json
import os
import time
from collections import defaultdict
from zoneinfo import ZoneInfo

import asistent

ITEMS = int(os.environ.get("VISIBILITY_ITEMS", "200000"))
PER_STUDENT = 40
CLASSES = 30
ZONE = ZoneInfo("Europe/Ljubljana")
KINDS = [
    "grade", "announced_assessment", "absence", "praise", "comment", "observation", "remark",
    "homework", "message", "subject_list", "parent_teacher_meeting", "article", "meal",
    "absence_excuse",
]
START = 1_756_710_000  # 2025-09-01


def school(students: int) -> str:
    families = [
        {
            "student": {"id": f"s{i}", "birth_date": (dt.date(2012, 1, 1) + dt.timedelta(days=i % 1500)).isoformat(),
                        "class": f"c{i % CLASSES}", "level": "primary"},
            "relations": [{"guardian": f"m{i}", "relationship": "parent"},
                          {"guardian": f"f{i}", "relationship": "parent"}],
        }
        for i in range(students)
    ]
    staff = [{"staff": f"r{c}", "role": "class_teacher", "class": f"c{c}"} for c in range(CLASSES)]
    return json.dumps({"families": families, "staff": staff})


def gradebook(n: int):
    """The same gradebook as core/benches/visibility.rs, instants as Unix seconds."""
    students = -(-n // PER_STUDENT)
    ids = [f"s{i}" for i in range(students)]
    viewers = []
    for i, s in enumerate(ids):
        viewers.append(("guardian", f"m{i}", s, "za_starse"))
        if i % 3 == 0:
            viewers.append(("guardian", f"f{i}", s, "minimalni"))
        viewers.append(("student", s, s, "za_ucence" if i % 2 == 0 else "minimalni"))
    items = []
    for k in range(n):
        s = k // PER_STUDENT
        kind = KINDS[k % len(KINDS)]
        entered = START + (k * 7919) % (300 * 86_400)
        if kind in ("praise", "comment", "observation", "homework"):
            items.append((kind, ids[s], entered, entered + 40 * 60))
        elif kind == "remark" and k % 2 == 0:
            items.append((kind, ids[s], entered, None, (f"r{s % CLASSES}", entered + 20 * 3600)))
        else:
            items.append((kind, ids[s], entered))
    return items, viewers


# ---- the same rules in plain Python ----------------------------------------------------

PAID_FOR_PARENTS = {"grade", "announced_assessment", "absence", "homework"}
CATEGORY = {
    "grade": "grades", "announced_assessment": "announced_assessments", "absence": "absences",
    "praise": "praise_and_comments", "comment": "praise_and_comments", "observation": "praise_and_comments",
    "remark": "remarks", "homework": "homework", "message": "messages", "subject_list": "messages",
    "parent_teacher_meeting": "messages", "article": "messages", "meal": "meals", "absence_excuse": "absences",
}


def midnight(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=ZONE).timestamp())


def local_day(ts: int) -> dt.date:
    return dt.datetime.fromtimestamp(ts, ZONE).date()


def plain(items, viewers, facts, on, class_of, class_teacher, meals=True, excuses=True, delay=3):
    """R-D1 … R-D11, R-C7, R-C9, R-C10, R-G1, R-G2, withdrawals and rights, one (item,
    viewer) at a time."""
    allowed = {(d.person[1], d.student, d.category): d.allowed
               for d in facts.decide_every_guardian("see", on)}
    by_student = defaultdict(list)
    for i, v in enumerate(viewers):
        by_student[v[2]].append(i)
    latest = {}
    for it in items:
        if it[0] == "grade" and latest.get(it[1], -1) < it[2]:
            latest[it[1]] = it[2]
    out = []
    for it in items:
        kind, student, entered = it[0], it[1], it[2]
        closed = it[3] if len(it) > 3 else None
        fwd = it[4] if len(it) > 4 else None
        revision = it[5] if len(it) > 5 else None
        if closed is not None and closed < entered:
            raise ValueError("lesson closed before entry")
        if fwd is not None and class_teacher.get(class_of[student]) != fwd[0]:
            raise ValueError("not the class teacher")
        withdrawn = revision is not None and revision[0] == "withdrawn"
        for vi in by_student.get(student, ()):
            viewer = viewers[vi]
            who, vid, _, service = viewer[:4]
            until = viewer[4] if len(viewer) > 4 else None
            is_student = who == "student"
            # the period (R-C7) and corrections
            if (until is not None and on > until) or withdrawn:
                out.append(None)
                continue
            # services (R-D9, R-D10, R-C1)
            if is_student:
                if kind == "grade" and service not in ("za_ucence", "popolni") and entered < latest[student]:
                    out.append(None)
                    continue
            else:
                if service == "no_electronic_contact":
                    out.append(None)
                    continue
                if kind in PAID_FOR_PARENTS and service not in ("za_starse", "popolni"):
                    out.append(None)
                    continue
                if not allowed.get((vid, student, CATEGORY[kind]), False):
                    out.append(None)
                    continue
            # timing (R-D1 … R-D8, R-G1, R-G2)
            if kind == "grade":
                t = entered if is_student else max(midnight(local_day(entered) + dt.timedelta(days=delay)), entered)
            elif kind == "absence":
                t = entered if is_student else midnight(local_day(entered) + dt.timedelta(days=1))
            elif kind in ("praise", "comment", "observation", "homework"):
                t = None if closed is None else max(closed, entered)
            elif kind == "remark":
                t = None if fwd is None else max(fwd[1], entered)
            elif kind == "meal":
                t = entered if meals else None
            elif kind == "absence_excuse":
                t = entered if excuses else None
            else:
                t = entered
            if t is not None and until is not None and local_day(t) > until:
                t = None
            out.append(t)
    return out


def best_of(n, fn):
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    items, viewers = gradebook(ITEMS)
    students = -(-ITEMS // PER_STUDENT)
    facts = asistent.RightsFacts.from_json(school(students))
    on = dt.date(2026, 1, 15)
    engine = asistent.VisibilityEngine(facts, on, meals_through_system=True, absence_excuses_agreed=True)
    class_of = {f"s{i}": f"c{i % CLASSES}" for i in range(students)}
    class_teacher = {f"c{c}": f"r{c}" for c in range(CLASSES)}

    fast = engine.visible_from_many(items, viewers).timestamps()
    slow = plain(items, viewers, facts, on, class_of, class_teacher)
    assert fast == slow, next(i for i, (a, b) in enumerate(zip(fast, slow)) if a != b)
    column = engine.visible_from_many(items, viewers).timestamp_array(-1)
    assert [None if t == -1 else t for t in column] == slow

    t_list = best_of(5, lambda: engine.visible_from_many(items, viewers).timestamps())
    t_array = best_of(5, lambda: engine.visible_from_many(items, viewers).timestamp_array(-1))
    t_plain = best_of(3, lambda: plain(items, viewers, facts, on, class_of, class_teacher))
    rows = len(fast)
    print(f"visibility: {ITEMS} items, {len(viewers)} viewers, {rows} (item, viewer) answers (equal in all three)")
    print(f"  plain Python:                                {t_plain * 1e3:8.1f} ms = {rows / t_plain / 1e6:6.2f} million/s")
    print(f"  visible_from_many + .timestamps():           {t_list * 1e3:8.1f} ms = {rows / t_list / 1e6:6.2f} million/s "
          f"({t_plain / t_list:.1f}x faster)")
    print(f"  visible_from_many + .timestamp_array(-1):    {t_array * 1e3:8.1f} ms = {rows / t_array / 1e6:6.2f} million/s "
          f"({t_plain / t_array:.1f}x faster)")


if __name__ == "__main__":
    main()
