//! # asistent-core
//!
//! The rules of a Slovenian school–parent portal (eAsistent / mojAsistent): who may see a
//! child's school data, which communication service a family has and what it costs, when
//! a grade or an absence becomes visible, when parents are notified, and how a parent
//! proves who they are. Pure domain: no I/O, no FFI, no clock, no hidden randomness —
//! "now" and random sources come in as arguments, every changeable number lives in one
//! [`Policy`](policy::Policy).
//!
//! Every rule has an ID in the rule catalogue ([`rules::RuleId`], `R-A1` … `R-G2`).
//!
//! ## Getting started
//!
//! ```
//! use asistent_core::calendar::{self, Calendar, SchoolYear};
//! use asistent_core::policy::Policy;
//! use chrono::{NaiveDate, TimeZone, Utc};
//!
//! // Load the school's policy (here: the catalogue's defaults) and build its calendar.
//! let policy = Policy::from_json("{}")?;
//! let cal = Calendar::new(&policy);
//!
//! // 8 February is Prešeren Day: not a working day (R-E7).
//! let presernov_dan = NaiveDate::from_ymd_opt(2027, 2, 8).unwrap();
//! assert!(!cal.is_working_day(presernov_dan)?);
//! assert_eq!(cal.next_working_day(presernov_dan)?, NaiveDate::from_ymd_opt(2027, 2, 9).unwrap());
//!
//! // An instant at 23:30 UTC on a winter evening is the next day in Ljubljana.
//! let late = Utc.with_ymd_and_hms(2026, 1, 14, 23, 30, 0).unwrap();
//! assert_eq!(calendar::local_date(late), NaiveDate::from_ymd_opt(2026, 1, 15).unwrap());
//!
//! // School years run from 1 September to 31 August.
//! let year = SchoolYear::containing(presernov_dan)?;
//! assert_eq!(year.label(), "2026/27");
//! assert_eq!(cal.last_lesson_day(year, false), NaiveDate::from_ymd_opt(2027, 6, 24).unwrap());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

pub mod audit;
pub mod calendar;
pub mod category;
pub mod gdpr;
pub mod ids;
pub mod money;
pub mod notify;
pub mod policy;
pub mod rights;
pub mod rules;
pub mod services;
pub mod verify;
pub mod visibility;

pub use chrono;
pub use rust_decimal;
