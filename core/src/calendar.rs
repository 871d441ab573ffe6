//! Europe/Ljubljana, Slovenian work-free days, working days and school years (rule R-E7,
//! and the base of R-C7, R-D1, R-D4, R-E2).
//!
//! Every local rule of the library runs on this module: an instant becomes a local date
//! only through [`local_date`], a local date becomes an instant only through
//! [`local_midnight`] or [`local_instant`]. Nothing here reads the clock.
//!
//! Work-free days follow the *Zakon o praznikih in dela prostih dnevih v Republiki
//! Sloveniji* (Ur. l. RS 26/91 and its amendments), with its history: 2 January was not a
//! work-free day in 2013–2016 (ZPDPD-C, ZPDPD-D), 14 August 2023 was a one-off work-free
//! day (dan solidarnosti). A [`Policy`](crate::policy::Policy) can add or remove days.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::policy::{CalendarPolicy, Policy};

/// The time zone of every local rule (R-E7): Europe/Ljubljana.
pub const ZONE: Tz = chrono_tz::Europe::Ljubljana;

/// The first year the calendar answers for: the work-free-days act took effect for 1992.
pub const FIRST_YEAR: i32 = 1992;

/// The last year the calendar answers for.
pub const LAST_YEAR: i32 = 2100;

/// What went wrong with a calendar input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The year is outside the years the calendar knows ([`FIRST_YEAR`]–[`LAST_YEAR`]).
    #[error("year {year} is outside the supported years {first}–{last}")]
    YearOutOfRange {
        /// The year that was asked about.
        year: i32,
        /// The first supported year.
        first: i32,
        /// The last supported year.
        last: i32,
    },
    /// A date string is not a valid ISO date (`YYYY-MM-DD`).
    #[error("`{input}` is not a valid date (expected YYYY-MM-DD): {reason}")]
    MalformedDate {
        /// The text that was given.
        input: String,
        /// Why it was refused.
        reason: String,
    },
    /// A school-year label is not of the form `2025/26`.
    #[error("`{input}` is not a school year (expected a label like 2025/26): {reason}")]
    MalformedSchoolYear {
        /// The text that was given.
        input: String,
        /// Why it was refused.
        reason: String,
    },
}

fn check_year(year: i32) -> Result<(), CalendarError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(CalendarError::YearOutOfRange {
            year,
            first: FIRST_YEAR,
            last: LAST_YEAR,
        })
    }
}

/// The local (Europe/Ljubljana) date on which an instant happened (R-E7).
///
/// 23:30 UTC on a winter evening is already the next day in Ljubljana.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&ZONE).date_naive()
}

/// The instant at which a local date begins (00:00 Europe/Ljubljana).
pub fn local_midnight(date: NaiveDate) -> DateTime<Utc> {
    local_instant(date, NaiveTime::MIN)
}

/// The instant of a local wall-clock time on a local date (R-E7: delivery hours).
///
/// A time that falls in the spring-forward gap moves forward by the length of the gap
/// (02:30 on the last Sunday of March is 03:30); a time that occurs twice in autumn is the
/// earlier of the two.
pub fn local_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = date.and_time(time);
    if let Some(t) = ZONE.from_local_datetime(&naive).earliest() {
        return t.with_timezone(&Utc);
    }
    // In the spring-forward gap: read the wall time with the offset in force before it.
    let before = ZONE
        .offset_from_utc_datetime(&(naive - Duration::hours(3)))
        .fix();
    Utc.from_utc_datetime(&(naive - Duration::seconds(i64::from(before.local_minus_utc()))))
}

/// Parses an ISO date (`YYYY-MM-DD`), strictly: no time part, no other layout.
pub fn parse_date(input: &str) -> Result<NaiveDate, CalendarError> {
    let bytes = input.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(CalendarError::MalformedDate {
            input: input.to_owned(),
            reason: "the layout must be four-digit year, month and day joined by '-'".to_owned(),
        });
    }
    NaiveDate::parse_from_str(input, "%Y-%m-%d").map_err(|e| CalendarError::MalformedDate {
        input: input.to_owned(),
        reason: format!("no such day in the calendar ({e})"),
    })
}

/// Easter Sunday of a year in the Gregorian calendar (anonymous Gregorian algorithm).
#[allow(clippy::many_single_char_names)] // the published algorithm's own names
pub fn easter_sunday(year: i32) -> Result<NaiveDate, CalendarError> {
    check_year(year)?;
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    #[allow(clippy::cast_sign_loss)] // month and day are small positive numbers
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).ok_or(CalendarError::YearOutOfRange {
        year,
        first: FIRST_YEAR,
        last: LAST_YEAR,
    })
}

/// Where a work-free day comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WorkFreeKind {
    /// A holiday or work-free day of the act, every year it is in force.
    Statutory,
    /// A one-off work-free day set by law for one date (e.g. 14 August 2023).
    OneOff,
    /// A day the school's policy adds.
    PolicyAdded,
}

/// One work-free day of the Slovenian calendar (R-E7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkFreeDay {
    /// The local date.
    pub date: NaiveDate,
    /// Its Slovenian name, e.g. "Prešernov dan, slovenski kulturni praznik".
    pub name_sl: String,
    /// Its English name.
    pub name_en: String,
    /// Where it comes from.
    pub kind: WorkFreeKind,
}

#[derive(Clone, Copy)]
enum When {
    Fixed(u32, u32),
    Easter(i64),
}

struct Statutory {
    when: When,
    name_sl: &'static str,
    name_en: &'static str,
    /// Years in which the day is work-free (inclusive ranges).
    years: &'static [(i32, i32)],
}

const ALWAYS: &[(i32, i32)] = &[(FIRST_YEAR, LAST_YEAR)];

/// The act's work-free days with their history.
const STATUTORY: &[Statutory] = &[
    Statutory {
        when: When::Fixed(1, 1),
        name_sl: "novo leto",
        name_en: "New Year's Day",
        years: ALWAYS,
    },
    // ZPDPD-C (Ur. l. RS 112/12) made 2 January a working day from 2013;
    // ZPDPD-D (Ur. l. RS 83/16) made it work-free again from 2017.
    Statutory {
        when: When::Fixed(1, 2),
        name_sl: "novo leto",
        name_en: "New Year's Day (second day)",
        years: &[(FIRST_YEAR, 2012), (2017, LAST_YEAR)],
    },
    Statutory {
        when: When::Fixed(2, 8),
        name_sl: "Prešernov dan, slovenski kulturni praznik",
        name_en: "Prešeren Day, the Slovenian Cultural Holiday",
        years: ALWAYS,
    },
    Statutory {
        when: When::Easter(0),
        name_sl: "velikonočna nedelja",
        name_en: "Easter Sunday",
        years: ALWAYS,
    },
    Statutory {
        when: When::Easter(1),
        name_sl: "velikonočni ponedeljek",
        name_en: "Easter Monday",
        years: ALWAYS,
    },
    Statutory {
        when: When::Fixed(4, 27),
        name_sl: "dan upora proti okupatorju",
        name_en: "Day of Uprising Against Occupation",
        years: ALWAYS,
    },
    Statutory {
        when: When::Fixed(5, 1),
        name_sl: "praznik dela",
        name_en: "Labour Day",
        years: ALWAYS,
    },
    Statutory {
        when: When::Fixed(5, 2),
        name_sl: "praznik dela",
        name_en: "Labour Day (second day)",
        years: ALWAYS,
    },
    Statutory {
        when: When::Easter(49),
        name_sl: "binkoštna nedelja",
        name_en: "Whit Sunday",
        years: ALWAYS,
    },
    Statutory {
        when: When::Fixed(6, 25),
        name_sl: "dan državnosti",
        name_en: "Statehood Day",
        years: ALWAYS,
    },
    Statutory {
        when: When::Fixed(8, 15),
        name_sl: "Marijino vnebovzetje",
        name_en: "Assumption Day",
        years: ALWAYS,
    },
    Statutory {
        when: When::Fixed(10, 31),
        name_sl: "dan reformacije",
        name_en: "Reformation Day",
        years: ALWAYS,
    },
    Statutory {
        when: When::Fixed(11, 1),
        name_sl: "dan spomina na mrtve",
        name_en: "Day of Remembrance for the Dead",
        years: ALWAYS,
    },
    Statutory {
        when: When::Fixed(12, 25),
        name_sl: "božič",
        name_en: "Christmas Day",
        years: ALWAYS,
    },
    // Named "dan samostojnosti" until the 2005 amendment (ZPDPD-B).
    Statutory {
        when: When::Fixed(12, 26),
        name_sl: "dan samostojnosti",
        name_en: "Independence Day",
        years: &[(FIRST_YEAR, 2004)],
    },
    Statutory {
        when: When::Fixed(12, 26),
        name_sl: "dan samostojnosti in enotnosti",
        name_en: "Independence and Unity Day",
        years: &[(2005, LAST_YEAR)],
    },
];

/// One-off work-free days set by law for a single date.
const ONE_OFF: &[(i32, u32, u32, &str, &str)] = &[
    // Zakon o interventnih ukrepih za odpravo posledic poplav in zemeljskih plazov (2023).
    (2023, 8, 14, "dan solidarnosti", "Solidarity Day"),
];

const SPAN_DAYS: usize = ((LAST_YEAR - FIRST_YEAR + 1) * 366) as usize;

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The Slovenian school calendar under one policy: work-free days, working days, school
/// years and the last day of lessons (R-E7).
///
/// Built once from a [`Policy`]; every answer after that is a table look-up, so it is
/// cheap to call per item in a batch.
#[derive(Clone)]
pub struct Calendar {
    /// One bit per day from 1 January [`FIRST_YEAR`]: set when the day is *not* a
    /// working day (weekend or work-free).
    non_working: Vec<u64>,
    added: BTreeMap<NaiveDate, (String, String)>,
    removed: BTreeSet<NaiveDate>,
    policy: CalendarPolicy,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("added", &self.added.len())
            .field("removed", &self.removed.len())
            .finish_non_exhaustive()
    }
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::new(&Policy::default())
    }
}

/// Every weekend and statutory work-free day of the supported years (R-E2's working
/// days), one bit per day from [`first_day`], marked once for the process: a
/// [`Calendar`] starts from a copy (building it from scratch took about a millisecond, more
/// than planning a household's year).
fn base_non_working() -> &'static [u64] {
    static BASE: OnceLock<Vec<u64>> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut bits = vec![0u64; SPAN_DAYS.div_ceil(64)];
        let start = first_day();
        let mut mark = |date: NaiveDate| {
            if let Ok(i) = usize::try_from((date - start).num_days()) {
                if i < SPAN_DAYS {
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
        };
        let mut day = start;
        while day.year() <= LAST_YEAR {
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                mark(day);
            }
            day = day.succ_opt().unwrap_or(NaiveDate::MAX);
        }
        for year in FIRST_YEAR..=LAST_YEAR {
            for d in statutory_days(year) {
                mark(d.date);
            }
        }
        bits
    })
}

fn statutory_days(year: i32) -> Vec<WorkFreeDay> {
    let Ok(easter) = easter_sunday(year) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in STATUTORY {
        if !s.years.iter().any(|&(a, b)| (a..=b).contains(&year)) {
            continue;
        }
        let date = match s.when {
            When::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m, d),
            When::Easter(offset) => Some(easter + Duration::days(offset)),
        };
        if let Some(date) = date {
            out.push(WorkFreeDay {
                date,
                name_sl: s.name_sl.to_owned(),
                name_en: s.name_en.to_owned(),
                kind: WorkFreeKind::Statutory,
            });
        }
    }
    for &(y, m, d, sl, en) in ONE_OFF {
        if y == year {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                out.push(WorkFreeDay {
                    date,
                    name_sl: sl.to_owned(),
                    name_en: en.to_owned(),
                    kind: WorkFreeKind::OneOff,
                });
            }
        }
    }
    out
}

impl Calendar {
    /// The calendar under a policy's calendar section (added and removed days, lesson
    /// ends). The policy is assumed valid, as [`Policy::from_json`] guarantees.
    pub fn new(policy: &Policy) -> Calendar {
        let cal = &policy.calendar;
        let added: BTreeMap<NaiveDate, (String, String)> = cal
            .added_work_free_days
            .iter()
            .map(|d| (d.date, (d.name_sl.clone(), d.name_en.clone())))
            .collect();
        let removed: BTreeSet<NaiveDate> = cal.removed_work_free_days.iter().copied().collect();
        // Weekends and statutory days are the same for every policy: copy them, then
        // apply the policy's removals (a removed day that falls on a weekend stays
        // work-free) and additions.
        let mut non_working = base_non_working().to_vec();
        let start = first_day();
        let index = |date: NaiveDate| {
            usize::try_from((date - start).num_days())
                .ok()
                .filter(|&i| i < SPAN_DAYS)
        };
        for date in &removed {
            if let Some(i) = index(*date) {
                if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                    non_working[i / 64] &= !(1 << (i % 64));
                }
            }
        }
        for date in added.keys() {
            if let Some(i) = index(*date) {
                non_working[i / 64] |= 1 << (i % 64);
            }
        }
        Calendar {
            non_working,
            added,
            removed,
            policy: cal.clone(),
        }
    }

    fn index(date: NaiveDate) -> Result<usize, CalendarError> {
        check_year(date.year())?;
        usize::try_from((date - first_day()).num_days()).map_err(|_| {
            CalendarError::YearOutOfRange {
                year: date.year(),
                first: FIRST_YEAR,
                last: LAST_YEAR,
            }
        })
    }

    /// Whether a date is a working day: Monday to Friday and not work-free (R-E7).
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let i = Self::index(date)?;
        Ok(self.non_working[i / 64] & (1 << (i % 64)) == 0)
    }

    /// The work-free day on a date, if it is one (weekends alone are not listed) (R-E7).
    pub fn work_free_day(&self, date: NaiveDate) -> Result<Option<WorkFreeDay>, CalendarError> {
        Ok(self
            .work_free_days(date.year())?
            .into_iter()
            .find(|d| d.date == date))
    }

    /// Every work-free day of a year in date order, with its name and origin (R-E7).
    pub fn work_free_days(&self, year: i32) -> Result<Vec<WorkFreeDay>, CalendarError> {
        check_year(year)?;
        let mut days: Vec<WorkFreeDay> = statutory_days(year)
            .into_iter()
            .filter(|d| !self.removed.contains(&d.date))
            .collect();
        for (date, (sl, en)) in self.added.range(
            NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
                ..=NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
        ) {
            if !days.iter().any(|d| d.date == *date) {
                days.push(WorkFreeDay {
                    date: *date,
                    name_sl: sl.clone(),
                    name_en: en.clone(),
                    kind: WorkFreeKind::PolicyAdded,
                });
            }
        }
        days.sort_by_key(|d| d.date);
        Ok(days)
    }

    /// The first working day strictly after `date` (R-E2: absence notices go out on the
    /// next working day after the entry).
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_working_days(date, 1)
    }

    /// The `n`-th working day strictly after `date`; `n = 0` gives `date` itself
    /// (R-D1 when the grade delay counts working days).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut i = Self::index(date)?;
        let mut left = n;
        while left > 0 {
            i += 1;
            if i >= SPAN_DAYS {
                return Err(CalendarError::YearOutOfRange {
                    year: LAST_YEAR + 1,
                    first: FIRST_YEAR,
                    last: LAST_YEAR,
                });
            }
            if self.non_working[i / 64] & (1 << (i % 64)) == 0 {
                left -= 1;
            }
        }
        let day = first_day() + Duration::days(i64::try_from(i).unwrap_or(i64::MAX));
        check_year(day.year())?;
        Ok(day)
    }

    /// The number of working days in the half-open range `from..until`.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Result<u32, CalendarError> {
        let (a, b) = (Self::index(from)?, Self::index(until)?);
        let count = (a..b)
            .filter(|i| self.non_working[i / 64] & (1 << (i % 64)) == 0)
            .count();
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// The last day of lessons of a school year; final-year classes (9th grade, final
    /// year of secondary school) end earlier. Both are policy values.
    pub fn last_lesson_day(&self, year: SchoolYear, final_year: bool) -> NaiveDate {
        if let Some(o) = self
            .policy
            .lesson_end_overrides
            .iter()
            .find(|o| o.school_year == year)
        {
            return if final_year {
                o.final_year_last_lesson_day
            } else {
                o.last_lesson_day
            };
        }
        let md = if final_year {
            self.policy.final_year_last_lesson_day
        } else {
            self.policy.last_lesson_day
        };
        md.in_school_year(year)
    }
}

/// A school year: 1 September to 31 August, labelled like "2025/26".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchoolYear {
    start_year: i32,
}

impl SchoolYear {
    /// The school year that starts on 1 September of `start_year`.
    pub fn starting(start_year: i32) -> Result<SchoolYear, CalendarError> {
        check_year(start_year)?;
        check_year(start_year + 1)?;
        Ok(SchoolYear { start_year })
    }

    /// The school year a date belongs to.
    pub fn containing(date: NaiveDate) -> Result<SchoolYear, CalendarError> {
        let start = if date.month() >= 9 {
            date.year()
        } else {
            date.year() - 1
        };
        SchoolYear::starting(start)
    }

    /// The calendar year in which it starts.
    pub const fn start_year(self) -> i32 {
        self.start_year
    }

    /// 1 September.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start_year, 9, 1).unwrap_or(NaiveDate::MIN)
    }

    /// 31 August of the next calendar year.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start_year + 1, 8, 31).unwrap_or(NaiveDate::MAX)
    }

    /// Whether a date lies in this school year.
    pub fn contains(self, date: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    /// The following school year.
    pub fn next(self) -> Result<SchoolYear, CalendarError> {
        SchoolYear::starting(self.start_year + 1)
    }

    /// The label, e.g. "2025/26".
    pub fn label(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{:02}",
            self.start_year,
            (self.start_year + 1).rem_euclid(100)
        )
    }
}

impl FromStr for SchoolYear {
    type Err = CalendarError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let bad = |reason: &str| CalendarError::MalformedSchoolYear {
            input: input.to_owned(),
            reason: reason.to_owned(),
        };
        let (a, b) = input.split_once('/').ok_or_else(|| bad("no '/'"))?;
        if a.len() != 4 || b.len() != 2 || !a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()) {
            return Err(bad("expected four digits, '/', two digits"));
        }
        let start: i32 = a.parse().map_err(|_| bad("the year is not a number"))?;
        let end: i32 = b.parse().map_err(|_| bad("the year is not a number"))?;
        if (start + 1).rem_euclid(100) != end {
            return Err(bad("the second year must follow the first"));
        }
        SchoolYear::starting(start)
    }
}

impl Serialize for SchoolYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for SchoolYear {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A day of the year without a year ("06-24"), for policy values that recur each school
/// year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MonthDay {
    month: u32,
    day: u32,
}

impl MonthDay {
    /// 24 June: the default last day of lessons.
    pub const JUNE_24: MonthDay = MonthDay { month: 6, day: 24 };
    /// 15 June: the default last day of lessons of final-year classes.
    pub const JUNE_15: MonthDay = MonthDay { month: 6, day: 15 };

    /// A month and day; 29 February is refused (it does not recur every year).
    pub fn new(month: u32, day: u32) -> Option<MonthDay> {
        // 2023 is not a leap year: 29 February is refused.
        NaiveDate::from_ymd_opt(2023, month, day).map(|_| MonthDay { month, day })
    }

    /// The month (1–12).
    pub const fn month(self) -> u32 {
        self.month
    }

    /// The day of the month.
    pub const fn day(self) -> u32 {
        self.day
    }

    /// The date with this month and day inside a school year (September–December in its
    /// first calendar year, January–August in its second).
    pub fn in_school_year(self, year: SchoolYear) -> NaiveDate {
        let y = if self.month >= 9 {
            year.start_year()
        } else {
            year.start_year() + 1
        };
        NaiveDate::from_ymd_opt(y, self.month, self.day).unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl FromStr for MonthDay {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || format!("`{s}` is not a month and day (expected MM-DD, e.g. 06-24)");
        let (m, d) = s.split_once('-').ok_or_else(err)?;
        if m.len() != 2 || d.len() != 2 {
            return Err(err());
        }
        let m: u32 = m.parse().map_err(|_| err())?;
        let d: u32 = d.parse().map_err(|_| err())?;
        MonthDay::new(m, d).ok_or_else(err)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn r_e7_easter_dates_are_known_ones() {
        assert_eq!(easter_sunday(2024), Ok(d(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Ok(d(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Ok(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2038), Ok(d(2038, 4, 25)));
        assert_eq!(easter_sunday(2008), Ok(d(2008, 3, 23)));
    }

    #[test]
    fn r_e7_the_table_covers_every_year_without_gaps() {
        let cal = Calendar::default();
        for year in FIRST_YEAR..=LAST_YEAR {
            let days = cal.work_free_days(year).expect("supported year");
            let expected = match year {
                2013..=2016 => 14,
                2023 => 16,
                _ => 15,
            };
            assert_eq!(days.len(), expected, "{year}");
        }
    }

    /// The calendar as it was built before the shared base: every day marked for each
    /// policy. The reference for the fast construction.
    fn marked_one_by_one(policy: &Policy) -> Vec<u64> {
        let cal = &policy.calendar;
        let removed: BTreeSet<NaiveDate> = cal.removed_work_free_days.iter().copied().collect();
        let mut bits = vec![0u64; SPAN_DAYS.div_ceil(64)];
        let start = first_day();
        let mut mark = |date: NaiveDate| {
            let i = usize::try_from((date - start).num_days()).unwrap();
            if i < SPAN_DAYS {
                bits[i / 64] |= 1 << (i % 64);
            }
        };
        let mut day = start;
        while day.year() <= LAST_YEAR {
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                mark(day);
            }
            day = day.succ_opt().unwrap();
        }
        for year in FIRST_YEAR..=LAST_YEAR {
            for w in statutory_days(year) {
                if !removed.contains(&w.date) {
                    mark(w.date);
                }
            }
        }
        for w in &cal.added_work_free_days {
            mark(w.date);
        }
        bits
    }

    #[test]
    fn r_d2_a_calendar_from_the_shared_base_marks_the_same_days_as_one_by_one() {
        let added = |date| crate::policy::AddedWorkFreeDay {
            date,
            name_sl: "šolski praznik".into(),
            name_en: "school holiday".into(),
        };
        let mut policies = vec![Policy::default()];
        let mut p = Policy::default();
        p.calendar.removed_work_free_days = vec![
            d(2026, 12, 25), // a statutory day on a Friday
            d(2027, 5, 1),   // a statutory day on a Saturday: still a weekend
            d(2026, 11, 18), // not a statutory day
            d(1992, 1, 1),   // the first supported day
        ];
        p.calendar.added_work_free_days = vec![
            added(d(2026, 11, 20)),
            added(d(2026, 12, 25)), // removed and added again
            added(d(2100, 12, 31)), // the last supported day
        ];
        policies.push(p);
        for policy in &policies {
            let cal = Calendar::new(policy);
            assert_eq!(cal.non_working, marked_one_by_one(policy));
        }
        let p = &policies[1];
        let cal = Calendar::new(p);
        assert!(cal.is_working_day(d(2026, 12, 25)).is_ok_and(|w| !w));
        assert!(cal.is_working_day(d(2026, 12, 24)).is_ok_and(|w| w));
        assert!(cal.is_working_day(d(2027, 5, 1)).is_ok_and(|w| !w));
        assert!(cal.is_working_day(d(2026, 11, 20)).is_ok_and(|w| !w));
        // A later calendar of the default policy is not touched by the other's changes.
        assert_eq!(
            Calendar::new(&policies[0]).non_working,
            marked_one_by_one(&policies[0])
        );
    }

    #[test]
    fn month_day_refuses_29_february_and_nonsense() {
        assert!(MonthDay::new(2, 29).is_none());
        assert!("13-01".parse::<MonthDay>().is_err());
        assert_eq!(
            "06-24".parse::<MonthDay>().map(|m| m.to_string()),
            Ok("06-24".into())
        );
    }
}
