//! The Slovenian school calendar (rule R-E7) as a user of the library meets it.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use asistent_core::calendar::{
    self, Calendar, CalendarError, SchoolYear, WorkFreeKind, FIRST_YEAR, LAST_YEAR,
};
use asistent_core::chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use asistent_core::policy::{Policy, PolicyError};
use proptest::prelude::*;
use std::fmt::Write;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn cal() -> Calendar {
    Calendar::default()
}

fn name_of(date: NaiveDate) -> Option<String> {
    cal()
        .work_free_day(date)
        .expect("supported")
        .map(|w| w.name_sl)
}

#[test]
fn r_e7_fixed_work_free_days_of_the_act() {
    let expected = [
        ((1, 1), "novo leto"),
        ((1, 2), "novo leto"),
        ((2, 8), "Prešernov dan, slovenski kulturni praznik"),
        ((4, 27), "dan upora proti okupatorju"),
        ((5, 1), "praznik dela"),
        ((5, 2), "praznik dela"),
        ((6, 25), "dan državnosti"),
        ((8, 15), "Marijino vnebovzetje"),
        ((10, 31), "dan reformacije"),
        ((11, 1), "dan spomina na mrtve"),
        ((12, 25), "božič"),
        ((12, 26), "dan samostojnosti in enotnosti"),
    ];
    for ((m, day), name) in expected {
        for year in [2019, 2025, 2026, 2031] {
            assert_eq!(
                name_of(d(year, m, day)).as_deref(),
                Some(name),
                "{year}-{m}-{day}"
            );
            assert!(!cal().is_working_day(d(year, m, day)).expect("supported"));
        }
    }
}

#[test]
fn r_e7_easter_sunday_and_monday_are_work_free() {
    // Easter 2026 is 5 April: Monday 6 April is work-free, Tuesday 7 April is not.
    assert_eq!(calendar::easter_sunday(2026), Ok(d(2026, 4, 5)));
    assert_eq!(
        name_of(d(2026, 4, 5)).as_deref(),
        Some("velikonočna nedelja")
    );
    assert_eq!(
        name_of(d(2026, 4, 6)).as_deref(),
        Some("velikonočni ponedeljek")
    );
    assert!(!cal().is_working_day(d(2026, 4, 6)).expect("supported"));
    assert!(cal().is_working_day(d(2026, 4, 7)).expect("supported"));
}

#[test]
fn r_e7_whit_sunday_is_easter_plus_49_days() {
    for year in FIRST_YEAR..=LAST_YEAR {
        let whit = calendar::easter_sunday(year).expect("supported") + Duration::days(49);
        assert_eq!(whit.weekday(), Weekday::Sun);
        assert_eq!(
            name_of(whit).as_deref(),
            Some("binkoštna nedelja"),
            "{year}"
        );
    }
}

#[test]
fn r_e7_second_of_january_was_a_working_day_2013_to_2016() {
    for year in 2013..=2016 {
        assert_eq!(name_of(d(year, 1, 2)), None, "{year}");
    }
    for year in [1992, 2012, 2017, 2026] {
        assert_eq!(
            name_of(d(year, 1, 2)).as_deref(),
            Some("novo leto"),
            "{year}"
        );
    }
    // 2 January 2014 was a Thursday and a working day; 2 January 2018 a Tuesday off.
    assert!(cal().is_working_day(d(2014, 1, 2)).expect("supported"));
    assert!(!cal().is_working_day(d(2018, 1, 2)).expect("supported"));
}

#[test]
fn r_e7_fourteenth_of_august_2023_was_a_one_off_work_free_day() {
    let day = cal()
        .work_free_day(d(2023, 8, 14))
        .expect("supported")
        .expect("work-free");
    assert_eq!(day.name_sl, "dan solidarnosti");
    assert_eq!(day.kind, WorkFreeKind::OneOff);
    assert!(!cal().is_working_day(d(2023, 8, 14)).expect("supported"));
    assert!(cal().is_working_day(d(2024, 8, 14)).expect("supported"));
}

#[test]
fn r_e7_independence_day_was_renamed_in_2005() {
    assert_eq!(
        name_of(d(2004, 12, 26)).as_deref(),
        Some("dan samostojnosti")
    );
    assert_eq!(
        name_of(d(2005, 12, 26)).as_deref(),
        Some("dan samostojnosti in enotnosti")
    );
}

#[test]
fn r_e7_weekends_are_not_working_days_and_not_listed_as_work_free() {
    // 2026-11-21 is a Saturday, 2026-11-23 a Monday (Maister Day is not work-free).
    assert!(!cal().is_working_day(d(2026, 11, 21)).expect("supported"));
    assert_eq!(name_of(d(2026, 11, 21)), None);
    assert!(cal().is_working_day(d(2026, 11, 23)).expect("supported"));
}

#[test]
fn r_e7_next_working_day_skips_weekends_and_holidays() {
    // Thursday 24 December 2026 -> Monday 28 December (25th Fri, 26th Sat, 27th Sun).
    assert_eq!(cal().next_working_day(d(2026, 12, 24)), Ok(d(2026, 12, 28)));
    // Thursday 30 April 2026 -> Monday 4 May (1 and 2 May are work-free).
    assert_eq!(cal().next_working_day(d(2026, 4, 30)), Ok(d(2026, 5, 4)));
    // Strictly after: a working day's next working day is the following one.
    assert_eq!(cal().next_working_day(d(2026, 11, 23)), Ok(d(2026, 11, 24)));
}

#[test]
fn r_e7_adding_working_days() {
    assert_eq!(
        cal().add_working_days(d(2026, 11, 20), 0),
        Ok(d(2026, 11, 20))
    );
    assert_eq!(
        cal().add_working_days(d(2026, 11, 20), 3),
        Ok(d(2026, 11, 25))
    );
    // Across Christmas and New Year: 23 Dec 2026 (Wed) + 5 working days.
    // 24 Thu, 28 Mon, 29 Tue, 30 Wed, 31 Thu -> 31 December.
    assert_eq!(
        cal().add_working_days(d(2026, 12, 23), 5),
        Ok(d(2026, 12, 31))
    );
    assert_eq!(
        cal().working_days_between(d(2026, 12, 23), d(2026, 12, 31)),
        Ok(5)
    );
}

#[test]
fn r_e7_a_policy_adds_and_removes_days() {
    let policy = Policy::from_json(
        r#"{
            "effective_from": "2026-09-01",
            "calendar": {
                "added_work_free_days": [
                    {"date": "2027-03-15", "name_sl": "dan šole", "name_en": "School Day"}
                ],
                "removed_work_free_days": ["2027-02-08"]
            }
        }"#,
    )
    .expect("valid policy");
    let cal = Calendar::new(&policy);
    assert!(!cal.is_working_day(d(2027, 3, 15)).expect("supported"));
    assert_eq!(
        cal.work_free_day(d(2027, 3, 15))
            .expect("supported")
            .map(|w| w.kind),
        Some(WorkFreeKind::PolicyAdded)
    );
    assert!(cal.is_working_day(d(2027, 2, 8)).expect("supported"));
    assert_eq!(cal.work_free_day(d(2027, 2, 8)), Ok(None));
}

#[test]
fn r_e7_dst_an_instant_late_in_winter_is_the_next_local_day() {
    let instant = Utc
        .with_ymd_and_hms(2026, 1, 14, 23, 30, 0)
        .single()
        .expect("valid");
    assert_eq!(calendar::local_date(instant), d(2026, 1, 15));
    // In summer the offset is +02:00: 21:59 UTC is still the same day, 22:00 the next.
    let summer = Utc
        .with_ymd_and_hms(2026, 7, 1, 21, 59, 0)
        .single()
        .expect("valid");
    assert_eq!(calendar::local_date(summer), d(2026, 7, 1));
    assert_eq!(
        calendar::local_date(summer + Duration::minutes(1)),
        d(2026, 7, 2)
    );
}

#[test]
fn r_e7_dst_local_midnight_and_hours_across_the_changes() {
    // Winter: midnight is 23:00 UTC of the day before; summer: 22:00 UTC.
    assert_eq!(
        calendar::local_midnight(d(2026, 1, 15)),
        Utc.with_ymd_and_hms(2026, 1, 14, 23, 0, 0)
            .single()
            .expect("valid")
    );
    assert_eq!(
        calendar::local_midnight(d(2026, 3, 30)),
        Utc.with_ymd_and_hms(2026, 3, 29, 22, 0, 0)
            .single()
            .expect("valid")
    );
    // The day clocks spring forward (29 March 2026) is 23 hours long.
    let len = calendar::local_midnight(d(2026, 3, 30)) - calendar::local_midnight(d(2026, 3, 29));
    assert_eq!(len, Duration::hours(23));
    // The day they fall back (25 October 2026) is 25 hours long.
    let len = calendar::local_midnight(d(2026, 10, 26)) - calendar::local_midnight(d(2026, 10, 25));
    assert_eq!(len, Duration::hours(25));
    // 02:30 does not exist on 29 March 2026: it becomes 03:30 CEST (01:30 UTC).
    let t = NaiveTime::from_hms_opt(2, 30, 0).expect("valid");
    assert_eq!(
        calendar::local_instant(d(2026, 3, 29), t),
        Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0)
            .single()
            .expect("valid")
    );
    // 02:30 happens twice on 25 October 2026: the earlier one (00:30 UTC) is meant.
    assert_eq!(
        calendar::local_instant(d(2026, 10, 25), t),
        Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0)
            .single()
            .expect("valid")
    );
}

#[test]
fn r_e7_school_years_and_last_lesson_days() {
    let year = SchoolYear::containing(d(2026, 11, 23)).expect("supported");
    assert_eq!(year.label(), "2026/27");
    assert_eq!(year.first_day(), d(2026, 9, 1));
    assert_eq!(year.last_day(), d(2027, 8, 31));
    assert_eq!(SchoolYear::containing(d(2027, 8, 31)), Ok(year));
    assert_eq!(SchoolYear::containing(d(2027, 9, 1)), year.next());
    assert_eq!(
        "2099/00".parse::<SchoolYear>().map(SchoolYear::start_year),
        Ok(2099)
    );
    let cal = cal();
    assert_eq!(cal.last_lesson_day(year, false), d(2027, 6, 24));
    assert_eq!(cal.last_lesson_day(year, true), d(2027, 6, 15));
    let policy = Policy::from_json(
        r#"{"calendar": {"lesson_end_overrides": [{"school_year": "2026/27",
            "last_lesson_day": "2027-06-23", "final_year_last_lesson_day": "2027-06-14"}]}}"#,
    )
    .expect("valid policy");
    let cal = Calendar::new(&policy);
    assert_eq!(cal.last_lesson_day(year, false), d(2027, 6, 23));
    assert_eq!(cal.last_lesson_day(year, true), d(2027, 6, 14));
}

#[test]
fn r_e7_bad_input_is_a_typed_error() {
    assert_eq!(
        cal().is_working_day(d(2101, 1, 3)),
        Err(CalendarError::YearOutOfRange {
            year: 2101,
            first: 1992,
            last: 2100
        })
    );
    assert_eq!(
        cal().work_free_days(1991).unwrap_err().to_string(),
        "year 1991 is outside the supported years 1992–2100"
    );
    assert!(matches!(
        calendar::parse_date("2026-02-30"),
        Err(CalendarError::MalformedDate { input, .. }) if input == "2026-02-30"
    ));
    assert_eq!(
        calendar::parse_date("23.11.2026").unwrap_err().to_string(),
        "`23.11.2026` is not a valid date (expected YYYY-MM-DD): the layout must be four-digit \
         year, month and day joined by '-'"
    );
    assert!(matches!(
        "2025/27".parse::<SchoolYear>(),
        Err(CalendarError::MalformedSchoolYear { .. })
    ));
    assert!(cal().next_working_day(d(2100, 12, 31)).is_err());
    let err = Policy::from_json(r#"{"calendar": []}"#).unwrap_err();
    assert!(
        matches!(&err, PolicyError::Parse { field, .. } if field == "calendar"),
        "{err}"
    );
    let err = Policy::from_json("{not json").unwrap_err();
    assert!(matches!(err, PolicyError::Parse { .. }));
}

#[test]
fn r_e7_work_free_days_of_2025_and_2026() {
    let cal = cal();
    let mut text = String::new();
    for year in [2025, 2026] {
        for day in cal.work_free_days(year).expect("supported") {
            writeln!(
                text,
                "{} {:<3} {} / {}",
                day.date,
                day.date.weekday(),
                day.name_sl,
                day.name_en
            )
            .expect("writes to a String");
        }
    }
    insta::assert_snapshot!(text);
}

proptest! {
    #[test]
    fn r_e7_next_working_day_is_the_first_working_day_after(days in 0i64..40_000) {
        let cal = cal();
        let date = d(FIRST_YEAR, 1, 1) + Duration::days(days);
        prop_assume!(date.year() < LAST_YEAR);
        let next = cal.next_working_day(date).expect("supported");
        prop_assert!(next > date);
        prop_assert!(cal.is_working_day(next).expect("supported"));
        let mut between = date.succ_opt().expect("valid");
        while between < next {
            prop_assert!(!cal.is_working_day(between).expect("supported"));
            between = between.succ_opt().expect("valid");
        }
    }

    #[test]
    fn r_e7_every_instant_maps_to_the_local_day_containing_it(secs in 700_000_000i64..4_000_000_000) {
        let instant = Utc.timestamp_opt(secs, 0).single().expect("valid");
        let date = calendar::local_date(instant);
        prop_assert!(calendar::local_midnight(date) <= instant);
        prop_assert!(instant < calendar::local_midnight(date.succ_opt().expect("valid")));
    }
}
