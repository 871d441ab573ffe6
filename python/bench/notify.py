"""The notification planner over a slice of a synthetic country's school year, from Python
(issue 6). The same households and event mix as `core/benches/notify.rs`: two guardians
per student (one daily by email and SMS with quiet hours, one weekly by email), a paid
ZA STARŠE subscription, about 240 events per student per school year — the same events
at the same instants, so both print the same counts of notices, SMS segments and bytes.

Both passes build the same Python objects (households and `NotifyEvent`s); the baseline
then touches every event once, the plan pass calls `plan_notices` once per household
(events handed over as a list; any iterable works) and reads every notice. Planning
speed = events / (plan time - baseline time); since building the inputs in Python
dominates both passes, the time spent in the calls themselves (plan_notices and reading
the notices, timed around each call) is printed too. The country (265,000 students) is
extrapolated from the slice.

Run: python python/bench/notify.py [students]  (with the asistent wheel installed)
"""

import datetime as dt
import json
import resource
import sys
import time
from zoneinfo import ZoneInfo

import asistent

COUNTRY = 265_000
SUBJECTS = ["matematika", "slovenščina", "angleščina", "fizika", "kemija", "biologija",
            "zgodovina", "geografija"]
UTC = dt.timezone.utc
ZONE = ZoneInfo("Europe/Ljubljana")


class Rng:
    def __init__(self, seed: int) -> None:
        self.state = seed | 1

    def below(self, n: int) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % n


def school_days(cal: asistent.Calendar) -> list[dt.date]:
    d, last, out = dt.date(2026, 9, 1), dt.date(2027, 6, 24), []
    while d <= last:
        if cal.is_working_day(d):
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def student(i: int, days: list[dt.date]):
    sid, mama, oce = f"s{i}", f"g{i}a", f"g{i}b"
    reg = asistent.Registration.register(mama, sid, "os", "za_starse", days[0], chooser="legal_representative")
    reg, _ = reg.pay("2026/27", days[0])
    recipients = [
        asistent.Recipient(mama, "daily", ["email", "sms"], is_student=False, email="mama@example.si",
                           phone="+38640000000", quiet_hours=(dt.time(21), dt.time(7))),
        asistent.Recipient(oce, "weekly", ["email"], is_student=False, email="oce@example.si"),
    ]
    children = [asistent.NotifyChild(sid, "Ana", reg, [mama, oce])]
    rng, events, n = Rng(i * 0x9E3779B97F4A7C15), [], 0
    for day in days:
        def at(h: int, m: int) -> dt.datetime:
            # Local (Europe/Ljubljana) wall-clock time, as the Rust bench does.
            return dt.datetime(day.year, day.month, day.day, h, m, tzinfo=ZONE)
        if rng.below(100) < 25:
            n += 1
            events.append(asistent.NotifyEvent.absence(n, sid, at(8 + rng.below(6), rng.below(60)), day,
                                                       1 + rng.below(6)))
        if rng.below(100) < 35:
            n += 1
            events.append(asistent.NotifyEvent.grade(n, sid, at(8 + rng.below(7), rng.below(60)),
                                                     SUBJECTS[rng.below(8)], 1 + rng.below(5)))
        if rng.below(100) < 20:
            n += 1
            entered = at(8 + rng.below(13), rng.below(60))
            events.append(asistent.NotifyEvent.observation(
                n, sid, entered, "praise", "Zelo dobro sodeluje pri pouku.",
                entered + dt.timedelta(minutes=rng.below(45))))
        if rng.below(100) < 35:
            n += 1
            date = min(day + dt.timedelta(days=3 + rng.below(33)), days[-1])
            if date.weekday() >= 5:
                date -= dt.timedelta(days=date.weekday() - 4)
            events.append(asistent.NotifyEvent.announced_assessment(
                n, sid, at(10 + rng.below(6), rng.below(60)), SUBJECTS[rng.below(8)], date))
    facts = asistent.RightsFacts.from_json(json.dumps({"families": [{
        "student": {"id": sid, "birth_date": (dt.date(2014, 1, 1) + dt.timedelta(days=i % 365)).isoformat(),
                    "level": "primary"},
        "relations": [{"guardian": mama, "relationship": "parent"},
                      {"guardian": oce, "relationship": "parent"}]}]}))
    return recipients, children, events, facts


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    cal = asistent.Calendar()
    days = school_days(cal)
    start, until = dt.date(2026, 9, 1), dt.date(2027, 8, 31)

    t0 = time.perf_counter()
    events = touched = 0
    for i in range(n):
        _, _, evs, _ = student(i, days)
        events += len(evs)
        for e in evs:
            touched ^= e.id
    base = time.perf_counter() - t0

    t1 = time.perf_counter()
    notices = chars = segments = 0
    calls = 0.0
    for i in range(n):
        recipients, children, evs, facts = student(i, days)
        c0 = time.perf_counter()
        plan = asistent.plan_notices(recipients, children, evs, start, until, facts)
        notices += len(plan.notices)
        for x in plan.notices:
            chars += len(x.text.encode())
            if x.sms is not None:
                segments += x.sms.count.segments
        calls += time.perf_counter() - c0
    with_plan = time.perf_counter() - t1
    planning = max(with_plan - base, 1e-9)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"notify planner from Python, {n} students ({events} events, {notices} notices, {segments} SMS segments, "
          f"{chars} bytes of text)")
    print(f"baseline (build the objects + bare pass): {base:.3f} s")
    print(f"build + plan_notices + read notices:      {with_plan:.3f} s  (ratio {with_plan / base:.2f}x the baseline)")
    print(f"planning alone: {planning:.3f} s = {events / planning / 1e6:.3f} million events/s on one core")
    print(f"timed around the calls (plan_notices + reading the notices): {calls:.3f} s = "
          f"{events / calls / 1e6:.3f} million events/s")
    scale = COUNTRY / n
    print(f"country of {COUNTRY} students (x{scale:.0f}): planning ~{planning * scale:.0f} s")
    print(f"peak memory (ru_maxrss): {peak:.1f} MiB")


if __name__ == "__main__":
    main()
