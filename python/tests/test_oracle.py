"""R-E7 against an outside oracle: the PyPI packages `holidays` (country SI) and
`dateutil.easter`, for every date from 1992-01-01 to 2100-12-31."""

import datetime as dt

import holidays
from dateutil.easter import easter

from asistent import Calendar, easter_sunday

FIRST, LAST = dt.date(1992, 1, 1), dt.date(2100, 12, 31)


def test_r_e7_easter_matches_dateutil_every_year():
    mismatches = [y for y in range(1992, 2101) if easter_sunday(y) != easter(y)]
    assert mismatches == []


def test_r_e7_working_days_match_the_holidays_package_every_day():
    oracle = holidays.country_holidays("SI", years=range(1992, 2101))
    cal = Calendar()
    mismatches = []
    day = FIRST
    while day <= LAST:
        expected = day.weekday() < 5 and day not in oracle
        if cal.is_working_day(day) != expected:
            mismatches.append(day)
        day += dt.timedelta(days=1)
    # Zero mismatches: no difference needs a legal justification.
    assert mismatches == [], mismatches[:20]


def test_r_e7_work_free_day_names_match_the_holidays_package():
    oracle = holidays.country_holidays("SI", years=range(2017, 2031), language="sl")
    cal = Calendar()
    for year in range(2017, 2031):
        for day in cal.work_free_days(year):
            assert day.date in oracle, day
            assert day.name_sl in oracle.get_list(day.date), (day, oracle.get_list(day.date))
