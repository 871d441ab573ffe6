//! Rights over a child's data (R-F1 … R-F8, R-D12): who may see, decide or change what.
//!
//! The question is always the same shape: *(person, child, category, action, date)* →
//! [`Decision`], evaluated over the school's [`Facts`] (families, staff, vendor support
//! requests) and the [`Policy`](crate::policy::Policy). A decision is a value: allowed or
//! not, the capacity in which the person acts, and the reasons — each naming its
//! [`RuleId`](crate::rules::RuleId) and, where a court or the law is involved, the
//! [`LegalBasis`] with its reference and date — rendered in Slovenian and English.
//!
//! ```
//! use asistent_core::chrono::NaiveDate;
//! use asistent_core::ids::{GuardianId, StudentId};
//! use asistent_core::policy::Policy;
//! use asistent_core::rights::facts::{Family, Relation, Relationship, SchoolLevel, Student};
//! use asistent_core::rights::{Category, CourtDecision, CourtEffect, Facts, Question};
//!
//! let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let ana = StudentId::new("ana")?;
//! let oce = GuardianId::new("oce")?;
//! let mut family = Family::new(Student {
//!     id: ana.clone(),
//!     birth_date: date(2013, 4, 2),
//!     class: None,
//!     level: SchoolLevel::Primary,
//! });
//! family.relations.push(Relation::new(GuardianId::new("mama")?, Relationship::Parent));
//! family.relations.push(Relation::new(oce.clone(), Relationship::Parent));
//! family.court_decisions.push(CourtDecision {
//!     reference: "I R 55/2025".into(),
//!     date: date(2025, 2, 1),
//!     final_on: Some(date(2025, 3, 1)),
//!     until: None,
//!     parent: oce.clone(),
//!     effect: CourtEffect::RestrictsCategories { categories: vec![Category::Absences] },
//! });
//! let facts = Facts::new(vec![family], vec![], vec![])?;
//!
//! // May the father see the absences on 23 November 2026, and why?
//! let q = Question::may_see(oce, ana, Category::Absences, date(2026, 11, 23));
//! let decision = facts.decide(&q, &Policy::default())?;
//! assert!(!decision.allowed);
//! assert_eq!(decision.bases()[0].reference, "I R 55/2025");
//! assert!(decision.text_en().contains("restricts the rights over: absences"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - [`facts`]: people, relationships, court decisions, adult students' statements,
//!   staff assignments, vendor support requests.
//! - [`decision`]: [`Decision`], [`Reason`], [`LegalBasis`], their rendering.
//! - [`engine`]: [`Facts::decide`], the batch [`Facts::decide_many`], one login with many
//!   children ([`Facts::children_of`]) and [`AccessRecord`]s.

pub mod decision;
pub mod engine;
pub mod facts;

pub use crate::category::{Category, UnknownCategory};
pub use decision::{Capacity, Decision, LegalBasis, Reason, ReasonKind};
pub use engine::{AccessRecord, ChildView, Question};
pub use facts::{
    AdultStatement, AdultStatementKind, BarRequest, CourtDecision, CourtEffect, Facts, Family,
    ParentState, ParentStatus, Person, Relation, Relationship, SchoolLevel, StaffAssignment,
    StaffRole, Student, SupportRequest,
};

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a person wants to do with a category of a child's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// Read it (R-F1, R-F5).
    See,
    /// Decide about it on the child's behalf: consents, choices, GDPR requests (R-F1, R-F7).
    Decide,
    /// Change (enter or correct) it (R-B6, R-B7, R-C6).
    Change,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 3] = [Action::See, Action::Decide, Action::Change];

    /// The machine name (`"see"`).
    pub const fn code(self) -> &'static str {
        match self {
            Action::See => "see",
            Action::Decide => "decide",
            Action::Change => "change",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Action {
    type Err = RightsError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Action::ALL
            .into_iter()
            .find(|a| a.code() == s)
            .ok_or_else(|| RightsError::UnknownAction {
                input: s.to_owned(),
            })
    }
}

/// What is wrong with the facts or the question handed to the rights engine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RightsError {
    /// A court decision, status, statement or relationship is dated before the child was
    /// born (R-F2).
    #[error(
        "{what} of student `{student}` is dated {date}, before the child's birth on {birth_date}"
    )]
    DatedBeforeBirth {
        /// The student.
        student: String,
        /// What carried the date (e.g. "court decision `P 123/2024`").
        what: String,
        /// The date given.
        date: chrono::NaiveDate,
        /// The child's birth date.
        birth_date: chrono::NaiveDate,
    },
    /// A person is recorded as related to themselves (R-F1).
    #[error("`{id}` is recorded as the {relationship} of themselves: a relationship needs two different people")]
    RelationshipToSelf {
        /// The identifier used for both.
        id: String,
        /// The relationship's code.
        relationship: String,
    },
    /// A text that names no data category.
    #[error(transparent)]
    UnknownCategory(#[from] UnknownCategory),
    /// A text that names no action.
    #[error("`{input}` is not an action (expected one of: see, decide, change)")]
    UnknownAction {
        /// The text that was given.
        input: String,
    },
    /// The question names a student the facts do not know.
    #[error("student `{student}` is not in the school's facts")]
    UnknownStudent {
        /// The student asked about.
        student: String,
    },
    /// Two families for the same student.
    #[error("student `{student}` has two families in the facts; merge them into one")]
    DuplicateStudent {
        /// The student.
        student: String,
    },
    /// A court decision without a reference, or another value that is required but empty.
    #[error("{what} of student `{student}` is invalid: {reason}")]
    InvalidFact {
        /// The student.
        student: String,
        /// Which fact.
        what: String,
        /// Why it is refused.
        reason: String,
    },
    /// A period whose end comes before its start.
    #[error("{what} ends on {until}, before it starts on {from}")]
    PeriodEndsBeforeStart {
        /// Which period.
        what: String,
        /// Its start.
        from: chrono::NaiveDate,
        /// Its end.
        until: chrono::NaiveDate,
    },
    /// A person's kind or identifier is not usable.
    #[error("{reason}")]
    InvalidPerson {
        /// The kind given (`guardian`, `student`, `staff`, `vendor`).
        kind: String,
        /// The identifier given.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// The facts as JSON could not be read.
    #[error("the facts could not be read at {field}: {reason}")]
    Parse {
        /// Where: `line L column C`.
        field: String,
        /// What the parser said.
        reason: String,
    },
}
