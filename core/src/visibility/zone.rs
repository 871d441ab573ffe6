//! Europe/Ljubljana local dates and midnights as a table look-up, for the batch (R-D1,
//! R-D4: "day D" and "00:00 of D+N" are local).
//!
//! The same answers as [`calendar::local_date`] and [`calendar::local_midnight`] (a test
//! checks them against each other), from a table built once from the time-zone database:
//! for every UTC day of the calendar's years, the UTC offset at its start and, on the two
//! days a year the clocks change, the hour of the change and the offset after it. Outside
//! the table it asks [`calendar`] itself.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone, Utc};

use crate::calendar;

/// Seconds in a day.
const DAY: i64 = 86_400;
/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const CE_TO_UNIX_DAYS: i32 = 719_163;

#[derive(Clone, Copy)]
struct DayEntry {
    /// UTC offset in seconds at 00:00 UTC.
    start: i32,
    /// The UTC hour at which the offset changes, 24 when it does not.
    change_hour: u8,
    /// UTC offset in seconds from `change_hour` on.
    after: i32,
}

struct Table {
    /// Unix day of the first entry.
    first_day: i64,
    days: Vec<DayEntry>,
}

fn offset_at(ts: i64) -> i32 {
    Utc.timestamp_opt(ts, 0).single().map_or(3600, |t| {
        calendar::ZONE
            .offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc()
    })
}

fn build() -> Table {
    let first = NaiveDate::from_ymd_opt(calendar::FIRST_YEAR, 1, 1)
        .map_or(0, |d| i64::from(d.num_days_from_ce() - CE_TO_UNIX_DAYS));
    let last = NaiveDate::from_ymd_opt(calendar::LAST_YEAR + 1, 1, 2)
        .map_or(0, |d| i64::from(d.num_days_from_ce() - CE_TO_UNIX_DAYS));
    let mut days = Vec::with_capacity(usize::try_from(last - first).unwrap_or(0));
    for day in first..last {
        let start = offset_at(day * DAY);
        let end = offset_at(day * DAY + DAY - 1);
        let mut entry = DayEntry {
            start,
            change_hour: 24,
            after: start,
        };
        if end != start {
            for h in 1..24u8 {
                let o = offset_at(day * DAY + i64::from(h) * 3600);
                if o != start {
                    entry.change_hour = h;
                    entry.after = o;
                    break;
                }
            }
        }
        days.push(entry);
    }
    Table {
        first_day: first,
        days,
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build)
}

/// The look-up: a handle on the shared table.
#[derive(Clone, Copy)]
pub(crate) struct Zone {
    table: &'static Table,
}

impl std::fmt::Debug for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Zone").finish_non_exhaustive()
    }
}

impl Zone {
    /// The handle (the table is built on first use).
    pub(crate) fn new() -> Zone {
        Zone { table: table() }
    }

    /// The UTC offset in seconds at a Unix instant, if the table covers it.
    #[inline]
    fn offset(self, ts: i64) -> Option<i32> {
        let day = ts.div_euclid(DAY);
        let i = usize::try_from(day - self.table.first_day).ok()?;
        let e = self.table.days.get(i)?;
        let hour = ts.rem_euclid(DAY) / 3600;
        Some(if hour >= i64::from(e.change_hour) {
            e.after
        } else {
            e.start
        })
    }

    /// The local day number (days since 1970-01-01, local) of an instant.
    #[inline]
    pub(crate) fn local_day(self, t: DateTime<Utc>) -> Option<i64> {
        let ts = t.timestamp();
        let off = self.offset(ts)?;
        Some((ts + i64::from(off)).div_euclid(DAY))
    }

    /// The instant of 00:00 local on a local day number.
    #[inline]
    pub(crate) fn midnight_of_day(self, local_day: i64) -> Option<DateTime<Utc>> {
        // Local midnight is 22:00 or 23:00 UTC of the day before; the clocks change only
        // at 01:00 UTC, so the offset at 22:00 UTC is the offset at local midnight.
        let probe = local_day * DAY - 7200;
        let off = self.offset(probe)?;
        DateTime::from_timestamp(local_day * DAY - i64::from(off), 0)
    }

    /// 00:00 local of the `n`-th day after the local date of `t` (R-D1, R-D4).
    #[inline]
    pub(crate) fn midnight_days_after(self, t: DateTime<Utc>, n: u32) -> DateTime<Utc> {
        self.local_day(t)
            .and_then(|d| self.midnight_of_day(d + i64::from(n)))
            .unwrap_or_else(|| {
                calendar::local_midnight(
                    calendar::local_date(t) + chrono::Duration::days(i64::from(n)),
                )
            })
    }

    /// [`calendar::local_date`], by table.
    pub(crate) fn local_date(self, t: DateTime<Utc>) -> NaiveDate {
        self.local_day(t)
            .and_then(day_to_date)
            .unwrap_or_else(|| calendar::local_date(t))
    }

    /// [`calendar::local_midnight`], by table.
    pub(crate) fn local_midnight(self, date: NaiveDate) -> DateTime<Utc> {
        self.midnight_of_day(date_to_day(date))
            .unwrap_or_else(|| calendar::local_midnight(date))
    }
}

/// A date as a day number since 1970-01-01.
#[inline]
pub(crate) fn date_to_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce() - CE_TO_UNIX_DAYS)
}

/// A day number since 1970-01-01 as a date.
#[inline]
pub(crate) fn day_to_date(day: i64) -> Option<NaiveDate> {
    let ce = i32::try_from(day).ok()?.checked_add(CE_TO_UNIX_DAYS)?;
    NaiveDate::from_num_days_from_ce_opt(ce)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_table_agrees_with_the_calendar(ts in 694_224_000i64..4_133_980_799i64) {
            let z = Zone::new();
            let t = DateTime::from_timestamp(ts, 0).unwrap();
            let d = calendar::local_date(t);
            prop_assert_eq!(z.local_date(t), d);
            prop_assert_eq!(z.local_midnight(d), calendar::local_midnight(d));
        }
    }

    #[test]
    fn around_the_march_2026_change() {
        let z = Zone::new();
        for h in 0..72 {
            let t =
                Utc.with_ymd_and_hms(2026, 3, 28, 0, 0, 0).unwrap() + chrono::Duration::hours(h);
            assert_eq!(z.local_date(t), calendar::local_date(t), "{t}");
        }
        let d = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
        assert_eq!(z.local_midnight(d), calendar::local_midnight(d));
    }
}
