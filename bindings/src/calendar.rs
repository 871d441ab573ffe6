//! The Slovenian school calendar (R-E7): work-free days, working days, school years,
//! Europe/Ljubljana dates of instants.

use std::sync::Arc;
use std::time::SystemTime;

use asistent_core::calendar as cal;
use asistent_core::chrono::NaiveTime;

use crate::convert::{instant_from, instant_to, LocalDate};
use crate::policy::Policy;
use crate::AsistentError;

/// Where a work-free day comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WorkFreeKind {
    /// A day of the work-free-days act.
    Statutory,
    /// A one-off day set by law (14 August 2023).
    OneOff,
    /// A day the school's policy adds.
    PolicyAdded,
}

/// One work-free day (R-E7).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WorkFreeDay {
    /// The date.
    pub date: LocalDate,
    /// Slovenian name.
    pub name_sl: String,
    /// English name.
    pub name_en: String,
    /// Where it comes from.
    pub kind: WorkFreeKind,
}

impl TryFrom<cal::WorkFreeDay> for WorkFreeDay {
    type Error = AsistentError;
    fn try_from(d: cal::WorkFreeDay) -> Result<Self, AsistentError> {
        Ok(WorkFreeDay {
            kind: match d.kind {
                cal::WorkFreeKind::Statutory => WorkFreeKind::Statutory,
                cal::WorkFreeKind::OneOff => WorkFreeKind::OneOff,
                cal::WorkFreeKind::PolicyAdded => WorkFreeKind::PolicyAdded,
                other => return Err(AsistentError::unsupported("work-free day kind", other)),
            },
            date: d.date,
            name_sl: d.name_sl,
            name_en: d.name_en,
        })
    }
}

/// A school year, 1 September to 31 August.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SchoolYear {
    /// The calendar year it starts in.
    pub start_year: i32,
    /// "2025/26".
    pub label: String,
    /// 1 September.
    pub first_day: LocalDate,
    /// 31 August.
    pub last_day: LocalDate,
}

impl SchoolYear {
    /// The core school year this record stands for. The record is read whole: a label or
    /// a day that disagrees with its start year (`SchoolYear(startYear = 2025, label =
    /// "2026/27", …)`) is an [`AsistentError::InvalidValue`] (what `school year`), never
    /// silently the start year's.
    pub fn to_core(&self) -> Result<cal::SchoolYear, AsistentError> {
        let year = cal::SchoolYear::starting(self.start_year)?;
        let expected = SchoolYear::from(year);
        if *self == expected {
            return Ok(year);
        }
        let shown = format!(
            "startYear={}, label={}, firstDay={}, lastDay={}",
            self.start_year, self.label, self.first_day, self.last_day
        );
        Err(AsistentError::invalid(
            "school year",
            shown.clone(),
            format!(
                "the school-year record ({shown}) disagrees with itself: the school year starting in {} is {}, {} to {}",
                self.start_year, expected.label, expected.first_day, expected.last_day
            ),
        ))
    }
}

impl From<cal::SchoolYear> for SchoolYear {
    fn from(y: cal::SchoolYear) -> Self {
        SchoolYear {
            start_year: y.start_year(),
            label: y.label(),
            first_day: y.first_day(),
            last_day: y.last_day(),
        }
    }
}

/// The calendar of a policy (R-E7).
#[derive(Debug, uniffi::Object)]
pub struct Calendar {
    pub(crate) inner: cal::Calendar,
}

#[uniffi::export]
impl Calendar {
    /// The calendar under a policy.
    #[uniffi::constructor]
    pub fn new(policy: Arc<Policy>) -> Arc<Calendar> {
        Arc::new(Calendar {
            inner: cal::Calendar::new(&policy.inner),
        })
    }

    /// Monday to Friday and not work-free.
    pub fn is_working_day(&self, date: LocalDate) -> Result<bool, AsistentError> {
        Ok(self.inner.is_working_day(date)?)
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: LocalDate) -> Result<LocalDate, AsistentError> {
        Ok(self.inner.next_working_day(date)?)
    }

    /// The `n`-th working day after `date` (`n = 0` gives `date`).
    pub fn add_working_days(&self, date: LocalDate, n: u32) -> Result<LocalDate, AsistentError> {
        Ok(self.inner.add_working_days(date, n)?)
    }

    /// Working days in `from..until` (until excluded).
    pub fn working_days_between(
        &self,
        from: LocalDate,
        until: LocalDate,
    ) -> Result<u32, AsistentError> {
        Ok(self.inner.working_days_between(from, until)?)
    }

    /// The work-free day on a date, if any (weekends alone are not listed).
    pub fn work_free_day(&self, date: LocalDate) -> Result<Option<WorkFreeDay>, AsistentError> {
        self.inner
            .work_free_day(date)?
            .map(WorkFreeDay::try_from)
            .transpose()
    }

    /// Every work-free day of a year, in date order.
    pub fn work_free_days(&self, year: i32) -> Result<Vec<WorkFreeDay>, AsistentError> {
        self.inner
            .work_free_days(year)?
            .into_iter()
            .map(WorkFreeDay::try_from)
            .collect()
    }

    /// The last day of lessons of a school year (final-year classes end earlier).
    pub fn last_lesson_day(
        &self,
        school_year: SchoolYear,
        final_year: bool,
    ) -> Result<LocalDate, AsistentError> {
        let year = school_year.to_core()?;
        Ok(self.inner.last_lesson_day(year, final_year))
    }
}

/// The Europe/Ljubljana date on which an instant happened.
#[uniffi::export]
pub fn local_date(instant: SystemTime) -> Result<LocalDate, AsistentError> {
    Ok(cal::local_date(instant_from(instant)?))
}

/// The instant a local date begins (00:00 Europe/Ljubljana).
#[uniffi::export]
pub fn local_midnight(date: LocalDate) -> Result<SystemTime, AsistentError> {
    Ok(instant_to(cal::local_midnight(date)))
}

/// The instant of a local wall-clock time; a time in the spring-forward gap moves
/// forward, a time that occurs twice is the earlier one.
#[uniffi::export]
pub fn local_instant(date: LocalDate, hour: u32, minute: u32) -> Result<SystemTime, AsistentError> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| {
        AsistentError::invalid(
            "time of day",
            format!("{hour}:{minute}"),
            format!("{hour:02}:{minute:02} is not a time of day"),
        )
    })?;
    Ok(instant_to(cal::local_instant(date, time)))
}

/// Parses an ISO date (`YYYY-MM-DD`).
#[uniffi::export]
pub fn parse_date(text: String) -> Result<LocalDate, AsistentError> {
    Ok(cal::parse_date(&text)?)
}

/// Easter Sunday of a year.
#[uniffi::export]
pub fn easter_sunday(year: i32) -> Result<LocalDate, AsistentError> {
    Ok(cal::easter_sunday(year)?)
}

/// The school year a date belongs to.
#[uniffi::export]
pub fn school_year_of(date: LocalDate) -> Result<SchoolYear, AsistentError> {
    Ok(cal::SchoolYear::containing(date)?.into())
}

/// Reads a school-year label such as "2025/26".
#[uniffi::export]
pub fn parse_school_year(label: String) -> Result<SchoolYear, AsistentError> {
    Ok(label.parse::<cal::SchoolYear>()?.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_year_record_that_disagrees_with_its_start_year_is_refused() {
        let good = SchoolYear::from(cal::SchoolYear::starting(2025).expect("2025"));
        assert_eq!(
            good.to_core().map(cal::SchoolYear::label),
            Ok("2025/26".to_owned())
        );
        let mislabelled = SchoolYear {
            label: "2026/27".to_owned(),
            ..good.clone()
        };
        let err = mislabelled.to_core().unwrap_err();
        assert!(
            matches!(&err, AsistentError::InvalidValue { what, value, reason, index: None }
                if what == "school year"
                    && value == "startYear=2025, label=2026/27, firstDay=2025-09-01, lastDay=2026-08-31"
                    && reason.ends_with("the school year starting in 2025 is 2025/26, 2025-09-01 to 2026-08-31")),
            "{err:?}"
        );
        let moved = SchoolYear {
            last_day: good.first_day,
            ..good
        };
        assert!(moved.to_core().is_err());
    }
}
