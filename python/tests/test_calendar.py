"""The calendar (R-E7) as a school's Python scripter uses it."""

import datetime as dt
from decimal import Decimal

import pytest

import asistent
from asistent import Calendar, Policy, SchoolYear

CAL = Calendar()
UTC = dt.timezone.utc


def test_r_e7_presernov_dan_is_work_free_and_named():
    day = CAL.work_free_day(dt.date(2027, 2, 8))
    assert day is not None
    assert day.name_sl == "Prešernov dan, slovenski kulturni praznik"
    assert day.kind == "statutory"
    assert not CAL.is_working_day(dt.date(2027, 2, 8))
    assert CAL.next_working_day(dt.date(2027, 2, 8)) == dt.date(2027, 2, 9)


def test_r_e7_history_second_of_january_and_solidarity_day():
    assert CAL.work_free_day(dt.date(2014, 1, 2)) is None
    assert CAL.is_working_day(dt.date(2014, 1, 2))
    assert CAL.work_free_day(dt.date(2018, 1, 2)).name_sl == "novo leto"
    solidarity = CAL.work_free_day(dt.date(2023, 8, 14))
    assert (solidarity.name_sl, solidarity.kind) == ("dan solidarnosti", "one_off")


def test_r_e7_adding_working_days_and_counting_them():
    assert CAL.add_working_days(dt.date(2026, 12, 23), 5) == dt.date(2026, 12, 31)
    assert CAL.working_days_between(dt.date(2026, 12, 23), dt.date(2026, 12, 31)) == 5


def test_r_e7_dst_local_dates_of_instants():
    assert asistent.local_date(dt.datetime(2026, 1, 14, 23, 30, tzinfo=UTC)) == dt.date(2026, 1, 15)
    cest = dt.timezone(dt.timedelta(hours=2))
    assert asistent.local_date(dt.datetime(2026, 7, 2, 0, 15, tzinfo=cest)) == dt.date(2026, 7, 2)
    assert asistent.local_midnight(dt.date(2026, 3, 30)) == dt.datetime(2026, 3, 29, 22, tzinfo=UTC)
    assert asistent.local_instant(dt.date(2026, 10, 25), 2, 30) == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_r_e7_school_years_and_last_lesson_days():
    year = SchoolYear.containing(dt.date(2026, 11, 23))
    assert year.label == str(year) == "2026/27"
    assert year == SchoolYear.parse("2026/27") == SchoolYear(2026)
    assert dt.date(2027, 8, 31) in year and dt.date(2027, 9, 1) not in year
    assert CAL.last_lesson_day(year) == dt.date(2027, 6, 24)
    assert CAL.last_lesson_day(year, final_year=True) == dt.date(2027, 6, 15)


def test_r_e7_a_policy_from_json_adds_a_day_and_round_trips():
    policy = Policy.from_json(
        '{"calendar": {"added_work_free_days": '
        '[{"date": "2027-03-15", "name_sl": "dan šole", "name_en": "School Day"}]}}'
    )
    assert Calendar(policy).work_free_day(dt.date(2027, 3, 15)).kind == "policy_added"
    assert Policy.from_json(policy.to_json()).to_json() == policy.to_json()
    assert Policy.default().effective_from == dt.date(2025, 9, 1)


def test_r_c2_money_is_decimal_never_float():
    assert asistent.format_eur(Decimal("1234.5")) == "1.234,50 €"
    assert asistent.format_eur(Decimal("52.9"), "plain") == "52.90"
    with pytest.raises(asistent.InvalidValueError, match="never a float") as err:
        asistent.format_eur(52.9)
    assert err.value.what == "decimal"


def test_r_c2_decimals_in_exponent_form_are_amounts():
    assert asistent.format_eur(Decimal("100").normalize(), "plain") == "100.00"  # Decimal('1E+2')
    assert asistent.format_eur(Decimal("1E+3")) == "1.000,00 €"
    assert asistent.format_eur(Decimal("0.0000001"), "plain") == "0.00"  # str() is '1E-7'
    assert asistent.format_eur(Decimal("35.90E0"), "plain") == "35.90"
    assert asistent.format_eur(12) == "12,00 €"


def test_r_c2_amounts_the_library_cannot_hold_are_refused_by_name():
    for bad in (Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN")):
        with pytest.raises(asistent.InvalidValueError) as err:
            asistent.format_eur(bad)
        assert (err.value.what, err.value.value) == ("decimal", repr(bad))
        assert str(err.value) == f"{bad!r} is not an amount: money is a finite decimal"
    with pytest.raises(asistent.InvalidValueError) as err:
        asistent.format_eur(Decimal("1E+999999"))
    assert err.value.value == "1E+999999"
    assert "at most 28 digits" in str(err.value)
    too_fine = Decimal("0." + "0" * 28 + "1")  # 29 places: not held exactly
    with pytest.raises(asistent.InvalidValueError) as err:
        asistent.format_eur(too_fine)
    assert err.value.value == format(too_fine, "f")
    assert str(err.value).startswith(f"`{format(too_fine, 'f')}` is not a decimal amount the library can hold exactly")
    with pytest.raises(asistent.InvalidValueError, match="not a decimal amount the library can hold exactly"):
        asistent.format_eur(Decimal("1E+40"))


def test_an_invalid_policy_names_the_field():
    with pytest.raises(asistent.PolicyError) as err:
        Policy.from_json('{"calendar": {"last_lesson_dy": "06-20"}}')
    assert err.value.field == "calendar.last_lesson_dy"
    assert "unknown field `last_lesson_dy`" in str(err.value)
    assert isinstance(err.value, ValueError)


def test_an_out_of_range_year_is_a_typed_error():
    with pytest.raises(asistent.YearOutOfRangeError) as err:
        CAL.work_free_days(2101)
    assert (err.value.year, err.value.first, err.value.last) == (2101, 1992, 2100)
    assert str(err.value) == "year 2101 is outside the supported years 1992–2100"
    with pytest.raises(asistent.YearOutOfRangeError):
        CAL.is_working_day(dt.date(1991, 5, 5))


def test_a_malformed_date_string_is_a_typed_error():
    with pytest.raises(asistent.InvalidValueError) as err:
        asistent.parse_date("2026-02-30")
    assert (err.value.what, err.value.value) == ("date", "2026-02-30")
    assert str(err.value).startswith("`2026-02-30` is not a valid date")


def test_wrong_types_are_typed_errors():
    with pytest.raises(asistent.InvalidValueError, match="timezone-aware"):
        asistent.local_date(dt.datetime(2026, 1, 1, 12, 0))
    with pytest.raises(asistent.InvalidValueError, match="expected a datetime.date"):
        CAL.is_working_day("2026-01-01")
    with pytest.raises(asistent.InvalidValueError, match="expected a datetime.date"):
        CAL.is_working_day(dt.datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(asistent.InvalidValueError) as err:
        asistent.format_eur(Decimal("1"), "fancy")
    assert err.value.what == "money style"


def test_instants_outside_years_1_to_9999_utc_are_typed_errors():
    # Python's own astimezone would raise OverflowError on these: the library names them.
    east = dt.timezone(dt.timedelta(hours=5))
    west = dt.timezone(dt.timedelta(hours=-5))
    for instant in (dt.datetime(1, 1, 1, 2, 0, tzinfo=east), dt.datetime(9999, 12, 31, 22, 0, tzinfo=west)):
        with pytest.raises(asistent.InvalidValueError) as err:
            asistent.local_date(instant)
        assert err.value.what == "instant"
        assert err.value.value == repr(instant)
        assert "outside the years 1–9999" in str(err.value)
    # The edges themselves are taken.
    assert asistent.local_date(dt.datetime(1, 1, 1, tzinfo=UTC)) == dt.date(1, 1, 1)
    assert asistent.local_date(dt.datetime(9999, 12, 31, 22, 0, tzinfo=UTC)) == dt.date(9999, 12, 31)
    # An instant Python cannot hold, coming out, is refused by name too.
    with pytest.raises(asistent.InvalidValueError) as err:
        asistent.local_midnight(dt.date(1, 1, 1))
    assert err.value.what == "instant"
    assert str(err.value).startswith("the instant 0000-12-31T")
