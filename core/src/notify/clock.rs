//! Europe/Ljubljana local dates and wall-clock instants from a table of local midnights
//! built once for the calendar's years (R-E7: delivery hours are local). The same answers as [`calendar::local_date`] and
//! [`calendar::local_instant`] (a test checks them against each other); a day on which the
//! clocks change is always asked of [`calendar`] itself.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

use crate::calendar;

const DAY: i64 = 86_400;

/// `NaiveDate::num_days_from_ce` of 1 January 1970.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// The Unix second of every local midnight from 1 January of the first supported year,
/// and every date (about 40,000 days, 480 KB, built on first use).
#[derive(Debug)]
struct Table {
    /// `num_days_from_ce` of the first date.
    first: i32,
    /// The local midnights, one per day.
    midnights: Vec<i64>,
    /// The dates, one per day (building a `NaiveDate` from a day number is slow).
    dates: Vec<NaiveDate>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let first = NaiveDate::from_ymd_opt(calendar::FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(calendar::LAST_YEAR + 1, 1, 2).unwrap_or(first);
        let n = usize::try_from((last - first).num_days() + 1).unwrap_or(0);
        let (mut midnights, mut dates) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut d = first;
        while d <= last {
            midnights.push(calendar::local_midnight(d).timestamp());
            dates.push(d);
            d += Duration::days(1);
        }
        Table {
            first: first.num_days_from_ce(),
            midnights,
            dates,
        }
    })
}

/// A handle on the table; `first` is the first day a plan is about.
#[derive(Debug)]
pub(crate) struct Clock {
    first: NaiveDate,
    table: &'static Table,
}

impl Clock {
    /// A clock for a plan whose days begin at `first`.
    pub(crate) fn new(first: NaiveDate, _days: usize) -> Clock {
        Clock {
            first,
            table: table(),
        }
    }

    /// The index of a date in the table, if it is there with its next midnight.
    #[inline]
    fn index(&self, date: NaiveDate) -> Option<usize> {
        usize::try_from(date.num_days_from_ce() - self.table.first)
            .ok()
            .filter(|&i| i + 1 < self.table.midnights.len())
    }

    /// [`calendar::local_instant`], memoised.
    pub(crate) fn instant(&mut self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        if let Some(i) = self.index(date) {
            let (m0, m1) = (self.table.midnights[i], self.table.midnights[i + 1]);
            if m1 - m0 == DAY {
                if let Some(t) = self.utc(m0 + i64::from(time.num_seconds_from_midnight())) {
                    return t;
                }
            }
        }
        calendar::local_instant(date, time)
    }

    /// `DateTime::from_timestamp(ts, 0)` with the UTC date taken from the table (building
    /// a date from a day count is the slow part of it).
    #[inline]
    fn utc(&self, ts: i64) -> Option<DateTime<Utc>> {
        let day =
            ts.div_euclid(DAY) + i64::from(UNIX_EPOCH_DAYS_FROM_CE) - i64::from(self.table.first);
        let date = usize::try_from(day)
            .ok()
            .and_then(|i| self.table.dates.get(i).copied());
        let Some(date) = date else {
            return DateTime::from_timestamp(ts, 0);
        };
        let secs = u32::try_from(ts.rem_euclid(DAY)).ok()?;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)?;
        Some(NaiveDateTime::new(date, time).and_utc())
    }

    /// The table index of the local day of a Unix second, if the table covers it.
    #[inline]
    fn day_index(&self, ts: i64) -> Option<usize> {
        // Local time is UTC+1 or UTC+2: the local date is the UTC date of t + 1 h or + 2 h.
        let guess = (ts + 3_600).div_euclid(DAY) + i64::from(UNIX_EPOCH_DAYS_FROM_CE)
            - i64::from(self.table.first);
        let m = &self.table.midnights;
        let i = usize::try_from(guess).ok()?;
        if i + 2 >= m.len() {
            return None;
        }
        if ts >= m[i] && ts < m[i + 1] {
            Some(i)
        } else if ts >= m[i + 1] && ts < m[i + 2] {
            Some(i + 1)
        } else {
            None
        }
    }

    /// [`calendar::local_date`], memoised.
    pub(crate) fn date(&mut self, t: DateTime<Utc>) -> NaiveDate {
        self.day_index(t.timestamp())
            .and_then(|i| self.table.dates.get(i).copied())
            .unwrap_or_else(|| calendar::local_date(t))
    }

    /// The local date of an instant as a day number (`NaiveDate::num_days_from_ce`), the
    /// same as [`Clock::date`] without building the date.
    pub(crate) fn day_number(&mut self, t: DateTime<Utc>) -> i32 {
        self.day_index(t.timestamp())
            .and_then(|i| i32::try_from(i).ok())
            .map_or_else(
                || calendar::local_date(t).num_days_from_ce(),
                |i| self.table.first + i,
            )
    }

    /// The local date and wall-clock time of an instant.
    pub(crate) fn local(&mut self, t: DateTime<Utc>) -> (NaiveDate, NaiveTime) {
        let ts = t.timestamp();
        if let Some(i) = self.day_index(ts) {
            let (m0, m1) = (self.table.midnights[i], self.table.midnights[i + 1]);
            if m1 - m0 == DAY {
                let date = self.table.dates.get(i).copied();
                let time = u32::try_from(ts - m0)
                    .ok()
                    .and_then(|s| NaiveTime::from_num_seconds_from_midnight_opt(s, t.nanosecond()));
                if let (Some(date), Some(time)) = (date, time) {
                    return (date, time);
                }
            }
        }
        let l = t.with_timezone(&calendar::ZONE);
        (l.date_naive(), l.time())
    }

    /// The first day covered.
    pub(crate) fn first(&self) -> NaiveDate {
        self.first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn r_e7_the_clock_agrees_with_the_calendar_across_both_dst_changes() {
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(
            NaiveDate::from_ymd_opt(1970, 1, 1)
                .unwrap()
                .num_days_from_ce(),
            UNIX_EPOCH_DAYS_FROM_CE
        );
        let mut clock = Clock::new(first, 300);
        assert_eq!(clock.first(), first);
        // Every 17 minutes over ten months, including 29 March and 25 October 2026.
        let mut t = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        while t < end {
            let l = t.with_timezone(&calendar::ZONE);
            assert_eq!(clock.date(t), calendar::local_date(t), "{t}");
            assert_eq!(
                clock.day_number(t),
                calendar::local_date(t).num_days_from_ce(),
                "{t}"
            );
            assert_eq!(clock.local(t), (l.date_naive(), l.time()), "{t}");
            t += Duration::minutes(17);
        }
        let mut d = first;
        while d < NaiveDate::from_ymd_opt(2027, 1, 10).unwrap() {
            for (h, m) in [(0, 0), (2, 30), (7, 0), (16, 0), (23, 59)] {
                let time = NaiveTime::from_hms_opt(h, m, 0).unwrap();
                assert_eq!(clock.instant(d, time), calendar::local_instant(d, time));
            }
            d += Duration::days(1);
        }
    }
}
