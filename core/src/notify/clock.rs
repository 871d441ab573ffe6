//! Europe/Ljubljana local dates and wall-clock instants from a table of local midnights
//! built once for the calendar's years (R-E7: delivery hours are local). The same answers as [`calendar::local_date`] and
//! [`calendar::local_instant`] (a test checks them against each other); a day on which the
//! clocks change is always asked of [`calendar`] itself.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};

use crate::calendar;

const DAY: i64 = 86_400;

/// The Unix second of every local midnight from 1 January of the first supported year
/// (about 40,000 days, 320 KB, built on first use).
fn midnights() -> &'static (i32, Vec<i64>) {
    static TABLE: OnceLock<(i32, Vec<i64>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let first = NaiveDate::from_ymd_opt(calendar::FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(calendar::LAST_YEAR + 1, 1, 2).unwrap_or(first);
        let mut v = Vec::with_capacity(usize::try_from((last - first).num_days()).unwrap_or(0));
        let mut d = first;
        while d <= last {
            v.push(calendar::local_midnight(d).timestamp());
            d += Duration::days(1);
        }
        (first.num_days_from_ce(), v)
    })
}

/// A handle on the table; `first` is the first day a plan is about.
#[derive(Debug)]
pub(crate) struct Clock {
    first: NaiveDate,
    table: &'static (i32, Vec<i64>),
}

impl Clock {
    /// A clock for a plan whose days begin at `first`.
    pub(crate) fn new(first: NaiveDate, _days: usize) -> Clock {
        Clock {
            first,
            table: midnights(),
        }
    }

    /// The Unix second of 00:00 local on `date`.
    #[inline]
    fn midnight_ts(&mut self, date: NaiveDate) -> i64 {
        usize::try_from(date.num_days_from_ce() - self.table.0)
            .ok()
            .and_then(|i| self.table.1.get(i).copied())
            .unwrap_or_else(|| calendar::local_midnight(date).timestamp())
    }

    /// [`calendar::local_instant`], memoised.
    pub(crate) fn instant(&mut self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let m0 = self.midnight_ts(date);
        let m1 = self.midnight_ts(date + Duration::days(1));
        if m1 - m0 != DAY {
            return calendar::local_instant(date, time);
        }
        DateTime::from_timestamp(m0 + i64::from(time.num_seconds_from_midnight()), 0)
            .unwrap_or_else(|| calendar::local_instant(date, time))
    }

    /// [`calendar::local_date`], memoised.
    pub(crate) fn date(&mut self, t: DateTime<Utc>) -> NaiveDate {
        let ts = t.timestamp();
        // Local time is UTC+1 or UTC+2: the local date is the UTC date of t + 1 h or + 2 h.
        let guess = (t + Duration::hours(1)).date_naive();
        for d in [guess, guess + Duration::days(1)] {
            let m0 = self.midnight_ts(d);
            let m1 = self.midnight_ts(d + Duration::days(1));
            if ts >= m0 && ts < m1 {
                return d;
            }
        }
        calendar::local_date(t)
    }

    /// The local date and wall-clock time of an instant.
    pub(crate) fn local(&mut self, t: DateTime<Utc>) -> (NaiveDate, NaiveTime) {
        let date = self.date(t);
        let m0 = self.midnight_ts(date);
        let m1 = self.midnight_ts(date + Duration::days(1));
        if m1 - m0 != DAY {
            let l = t.with_timezone(&calendar::ZONE);
            return (l.date_naive(), l.time());
        }
        let secs = u32::try_from(t.timestamp() - m0).unwrap_or(0);
        let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, t.nanosecond())
            .unwrap_or(NaiveTime::MIN);
        (date, time)
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
        let mut clock = Clock::new(first, 300);
        assert_eq!(clock.first(), first);
        // Every 17 minutes over ten months, including 29 March and 25 October 2026.
        let mut t = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        while t < end {
            let l = t.with_timezone(&calendar::ZONE);
            assert_eq!(clock.date(t), calendar::local_date(t), "{t}");
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
