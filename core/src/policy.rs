//! The one dated, serde-loadable [`Policy`]: every number a school or vendor might
//! change (rules marked **policy** in the catalogue). Defaults come from the catalogue.
//!
//! A policy is loaded from JSON with [`Policy::from_json`]; a wrong field or value is
//! refused with a [`PolicyError`] that names the field by its path (for example
//! `calendar.last_lesson_day`). Sections that later capabilities add have defaults, so a
//! policy file written for an older version still loads.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{self, MonthDay, SchoolYear};

/// What is wrong with a policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The JSON does not parse, or a field has the wrong type or name.
    #[error("policy field `{field}` could not be read: {reason}")]
    Parse {
        /// The path of the field (e.g. `calendar.added_work_free_days[0].date`); `.` for
        /// the whole document.
        field: String,
        /// What the parser said.
        reason: String,
    },
    /// A field parses but its value breaks a rule.
    #[error("policy field `{field}` is invalid: {reason}")]
    Invalid {
        /// The path of the field.
        field: String,
        /// Why the value is refused.
        reason: String,
    },
}

/// A day the school's policy makes work-free (a new law, a one-off day) (R-E7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddedWorkFreeDay {
    /// The date.
    pub date: NaiveDate,
    /// The Slovenian name.
    pub name_sl: String,
    /// The English name.
    pub name_en: String,
}

/// The last days of lessons of one school year, where they differ from the recurring
/// defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonEnd {
    /// The school year.
    pub school_year: SchoolYear,
    /// The last day of lessons.
    pub last_lesson_day: NaiveDate,
    /// The last day of lessons of final-year classes.
    pub final_year_last_lesson_day: NaiveDate,
}

/// The calendar section (R-E7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct CalendarPolicy {
    /// Days made work-free beyond the act.
    pub added_work_free_days: Vec<AddedWorkFreeDay>,
    /// Statutory work-free days that do not apply (a law that removed one).
    pub removed_work_free_days: Vec<NaiveDate>,
    /// The last day of lessons each school year (default 24 June).
    pub last_lesson_day: MonthDay,
    /// The last day of lessons for final-year classes (default 15 June).
    pub final_year_last_lesson_day: MonthDay,
    /// Per-school-year exceptions to the two days above.
    pub lesson_end_overrides: Vec<LessonEnd>,
}

impl Default for CalendarPolicy {
    fn default() -> Self {
        CalendarPolicy {
            added_work_free_days: Vec::new(),
            removed_work_free_days: Vec::new(),
            last_lesson_day: MonthDay::JUNE_24,
            final_year_last_lesson_day: MonthDay::JUNE_15,
            lesson_end_overrides: Vec::new(),
        }
    }
}

/// Every value a school or vendor may change, dated by the day it takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Policy {
    /// The local date from which this policy applies.
    pub effective_from: NaiveDate,
    /// Calendar: added and removed work-free days, last days of lessons (R-E7).
    pub calendar: CalendarPolicy,
    /// GDPR: the retention table and the days to report changes (R-F8, R-F9).
    pub gdpr: crate::gdpr::GdprPolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            effective_from: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap_or(NaiveDate::MIN),
            calendar: CalendarPolicy::default(),
            gdpr: crate::gdpr::GdprPolicy::default(),
        }
    }
}

impl Policy {
    /// Reads a policy from JSON and checks it. Fields left out take the catalogue's
    /// defaults; an unknown field, a value of the wrong type or a value that breaks a
    /// rule is refused, naming the field.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        // serde would read a struct from a JSON array too (`"calendar": []` as all
        // defaults); a section must be an object, so check the shape first.
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| PolicyError::Parse {
                field: ".".into(),
                reason: e.to_string(),
            })?;
        let default = serde_json::to_value(Policy::default()).unwrap_or_default();
        check_sections(&default, &value, "")?;
        let de = &mut serde_json::Deserializer::from_str(json);
        let policy: Policy = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            PolicyError::Parse {
                field: path,
                reason: e.into_inner().to_string(),
            }
        })?;
        policy.validate()?;
        Ok(policy)
    }

    /// The policy as pretty-printed JSON; [`Policy::from_json`] reads it back unchanged.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every value against its rule.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let invalid = |field: String, reason: String| PolicyError::Invalid { field, reason };
        let in_range = |field: String, date: NaiveDate| -> Result<(), PolicyError> {
            if (calendar::FIRST_YEAR..=calendar::LAST_YEAR).contains(&date.year()) {
                Ok(())
            } else {
                Err(invalid(
                    field,
                    format!(
                        "{date} is outside the supported years {}–{}",
                        calendar::FIRST_YEAR,
                        calendar::LAST_YEAR
                    ),
                ))
            }
        };
        in_range("effective_from".into(), self.effective_from)?;
        self.gdpr
            .validate()
            .map_err(|(field, reason)| invalid(field, reason))?;
        let cal = &self.calendar;
        for (i, day) in cal.added_work_free_days.iter().enumerate() {
            let field = format!("calendar.added_work_free_days[{i}]");
            in_range(format!("{field}.date"), day.date)?;
            if day.name_sl.trim().is_empty() || day.name_en.trim().is_empty() {
                return Err(invalid(
                    format!("{field}.name_sl"),
                    "a work-free day needs a Slovenian and an English name".into(),
                ));
            }
            if cal.removed_work_free_days.contains(&day.date) {
                return Err(invalid(
                    format!("{field}.date"),
                    format!("{} is both added and removed", day.date),
                ));
            }
        }
        for (i, date) in cal.removed_work_free_days.iter().enumerate() {
            in_range(format!("calendar.removed_work_free_days[{i}]"), *date)?;
        }
        if cal.final_year_last_lesson_day > cal.last_lesson_day
            && cal.final_year_last_lesson_day.month() < 9
        {
            return Err(invalid(
                "calendar.final_year_last_lesson_day".into(),
                format!(
                    "final-year classes end earlier, not later ({} is after {})",
                    cal.final_year_last_lesson_day, cal.last_lesson_day
                ),
            ));
        }
        for (i, o) in cal.lesson_end_overrides.iter().enumerate() {
            let field = format!("calendar.lesson_end_overrides[{i}]");
            for (name, date) in [
                ("last_lesson_day", o.last_lesson_day),
                ("final_year_last_lesson_day", o.final_year_last_lesson_day),
            ] {
                if !o.school_year.contains(date) {
                    return Err(invalid(
                        format!("{field}.{name}"),
                        format!("{date} is not in school year {}", o.school_year),
                    ));
                }
            }
            if o.final_year_last_lesson_day > o.last_lesson_day {
                return Err(invalid(
                    format!("{field}.final_year_last_lesson_day"),
                    "final-year classes end earlier, not later".into(),
                ));
            }
        }
        Ok(())
    }
}

/// Every place where the default policy holds an object must hold an object in `input`.
fn check_sections(
    default: &serde_json::Value,
    input: &serde_json::Value,
    path: &str,
) -> Result<(), PolicyError> {
    let serde_json::Value::Object(fields) = default else {
        return Ok(());
    };
    let serde_json::Value::Object(given) = input else {
        return Err(PolicyError::Parse {
            field: if path.is_empty() {
                ".".into()
            } else {
                path.into()
            },
            reason: "expected an object with named fields".into(),
        });
    };
    for (name, sub) in fields {
        if let Some(value) = given.get(name) {
            let sub_path = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            check_sections(sub, value, &sub_path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_round_trips_through_json() {
        let p = Policy::default();
        assert_eq!(Policy::from_json(&p.to_json()), Ok(p));
    }

    #[test]
    fn an_empty_document_is_the_default_policy() {
        assert_eq!(Policy::from_json("{}"), Ok(Policy::default()));
    }

    #[test]
    fn an_unknown_field_is_refused_by_name() {
        let err = Policy::from_json(r#"{"calendar": {"last_lesson_dy": "06-20"}}"#).unwrap_err();
        match &err {
            PolicyError::Parse { field, reason } => {
                assert_eq!(field, "calendar.last_lesson_dy");
                assert!(reason.contains("last_lesson_dy"), "{reason}");
            }
            PolicyError::Invalid { .. } => panic!("expected a parse error, got {err:?}"),
        }
    }

    #[test]
    fn a_wrong_value_names_its_field_path() {
        let err = Policy::from_json(
            r#"{"calendar": {"added_work_free_days": [{"date": "2026-02-30", "name_sl": "x", "name_en": "y"}]}}"#,
        )
        .unwrap_err();
        assert!(
            matches!(&err, PolicyError::Parse { field, .. } if field == "calendar.added_work_free_days[0].date"),
            "{err:?}"
        );
    }

    #[test]
    fn r_f9_a_retention_row_with_bad_years_is_refused_by_path() {
        let mut p = Policy::default();
        p.gdpr.retention[1].retention = crate::gdpr::Retention::YearsAfterSchooling { years: 0 };
        let err = Policy::from_json(&p.to_json()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "policy field `gdpr.retention[1].retention.years` is invalid: 0 years is outside 1–100"
        );
    }

    #[test]
    fn r_e7_a_final_year_ending_after_the_others_is_refused() {
        let err = Policy::from_json(r#"{"calendar": {"final_year_last_lesson_day": "06-30"}}"#)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "policy field `calendar.final_year_last_lesson_day` is invalid: final-year classes end earlier, not later (06-30 is after 06-24)"
        );
    }
}
