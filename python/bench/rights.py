"""Deciding for every (guardian, child, category) of a synthetic school of 1,000 students
in one call, from Python (issue 4). Baseline in the same run: json.loads of the facts.

Run: python python/bench/rights.py  (with the asistent wheel installed)
"""

import datetime as dt
import json
import time

import asistent

STUDENTS = 1_000


def school() -> str:
    families = []
    for i in range(STUDENTS):
        adult = i % 5 == 0
        birth = (dt.date(2007, 1, 1) + dt.timedelta(days=i % 300)) if adult else (dt.date(2012, 1, 1) + dt.timedelta(days=i % 1500))
        f = {
            "student": {"id": f"s{i}", "birth_date": birth.isoformat(), "class": f"{1 + i % 9}.a",
                        "level": "secondary" if adult else "primary"},
            "relations": [],
            "court_decisions": [],
            "adult_statements": [],
        }
        if i % 13 == 0:
            f["relations"].append({"guardian": f"m{i}", "relationship": "foster_parent",
                                   "from": (birth + dt.timedelta(days=400)).isoformat()})
        else:
            f["relations"] += [{"guardian": f"m{i}", "relationship": "parent"},
                               {"guardian": f"f{i}", "relationship": "parent"}]
        if i % 7 == 0:
            f["relations"].append({"guardian": f"x{i}", "relationship": "step_parent"})
        if i % 10 == 3:
            effect = {"kind": "removes_care"} if i % 20 == 3 else {"kind": "restricts_categories", "categories": ["absences"]}
            f["court_decisions"].append({"reference": f"IV P {i}/2024", "date": "2024-03-01", "final_on": "2024-04-01",
                                         "parent": f"f{i}", "effect": effect})
        if adult and i % 10 == 0:
            f["adult_statements"].append({"date": "2025-09-01", "kind": "objects"})
        families.append(f)
    return json.dumps({"families": families})


def best_of(n, fn):
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    text = school()
    facts = asistent.RightsFacts.from_json(text)
    date = dt.date(2026, 11, 23)
    n = len(facts.decide_every_guardian("see", date))
    base = best_of(10, lambda: json.loads(text))
    batch = best_of(10, lambda: facts.decide_every_guardian("see", date))
    allowed = best_of(5, lambda: sum(d.allowed for d in facts.decide_every_guardian("see", date)))
    print(f"rights (python): {n} decisions (every guardian x child x category of {STUDENTS} students)")
    print(f"  baseline json.loads(facts):     {base * 1e3:.2f} ms")
    print(f"  decide_every_guardian:          {batch * 1e3:.2f} ms = {n / batch:,.0f} decisions/s ({batch / base:.1f}x baseline)")
    print(f"  ... and reading every .allowed: {allowed * 1e3:.2f} ms = {n / allowed:,.0f} decisions/s")


if __name__ == "__main__":
    main()
