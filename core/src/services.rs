//! The communication services a family chooses (R-C1 … R-C10).
//!
//! - [`Service`]: the five choices (R-C1); prices come from the dated price lists of the
//!   [`Policy`](crate::policy::Policy) (R-C2).
//! - [`quote_child`] / [`quote_family`]: what a family pays for a school year, per child,
//!   in one payment, with the lines that make it up (R-C4, R-C9).
//! - [`notification_recipients`]: one subscription reaches both parents (R-C3).
//! - [`choose_for_child`] / [`choose_for_self`]: who may set a service (R-C5, R-C6).
//! - [`Registration`]: a state machine over dated events (R-C7, R-C8) answering, for a
//!   date, whether notices may be sent and the portal read ([`Registration::period_on`]),
//!   which service was in force ([`Registration::service_on`]) and what a payment owes
//!   ([`Registration::amount_due`]).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{CalendarError, SchoolYear};
use crate::ids::{SchoolId, StudentId};

mod choice;
mod quote;
mod registration;

pub use choice::{
    choose_for_child, choose_for_self, notification_recipients, Choice, Chooser, Recipients,
};
pub use quote::{
    quote_child, quote_family, ChildOrder, ChildQuote, FamilyQuote, LineItem, QuoteLine,
};
pub use registration::{
    EndReason, PaidPeriod, PaidYear, Registration, RegistrationEvent, RegistrationOutcome,
    RegistrationStatus, ServiceChange,
};

/// What went wrong with a services request (R-C2 … R-C8).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ServiceError {
    /// No price list of the policy covers the school year (R-C2).
    #[error(
        "no price list covers school year {school_year} (the earliest applies from {earliest})"
    )]
    NoPriceList {
        /// The school year asked about.
        school_year: SchoolYear,
        /// The first school year of the earliest list.
        earliest: String,
    },
    /// A payment in instalments was asked for (R-C4).
    #[error("{requested} instalments were requested: the fee is paid per child for the whole school year in one payment (R-C4); monthly payments would cost more through bank or post fees")]
    InstalmentsNotOffered {
        /// The number of instalments requested.
        requested: u32,
    },
    /// The same child appears twice in a family quote (R-C4: one payment per child).
    #[error("student {student} appears more than once: each child is quoted once per school year (R-C4)")]
    DuplicateChild {
        /// The child.
        student: StudentId,
    },
    /// A student tried to set a service (R-C6).
    #[error("a student cannot set the service: only a parent or legal representative can (R-C6)")]
    StudentCannotChoose,
    /// Someone who is not a parent or legal representative tried to set a service (R-C5).
    #[error("only a parent or legal representative can set the service (R-C5)")]
    NotALegalRepresentative,
    /// More recipients than one subscription covers (R-C3).
    #[error("{given} recipients were given: one subscription reaches at most both parents or guardians (2) (R-C3)")]
    TooManyRecipients {
        /// How many were given.
        given: usize,
    },
    /// An event that the registration's state does not allow (R-C8).
    #[error("cannot {event}: the registration is {state} since {since}; a new registration must be made (R-C8)")]
    WrongState {
        /// The event tried (`"pay"`, `"revoke"`, …).
        event: &'static str,
        /// The state it is in (`"revoked"`, `"ended"`).
        state: &'static str,
        /// Since when.
        since: NaiveDate,
    },
    /// An event dated before the registration's last change.
    #[error("an event dated {on} comes before the registration's last change on {last}")]
    EventOutOfOrder {
        /// The date of the event.
        on: NaiveDate,
        /// The date of the last change.
        last: NaiveDate,
    },
    /// A payment for a free service (R-C9).
    #[error("{service} is free: there is nothing to pay (R-C9)")]
    NothingToPay {
        /// The service of the registration.
        service: Service,
    },
    /// A second payment for the same school year (R-C4).
    #[error("school year {school_year} is already paid: one payment covers the whole school year (R-C4)")]
    AlreadyPaid {
        /// The school year.
        school_year: SchoolYear,
    },
    /// A payment for a school year that is neither the current nor the next one.
    #[error("on {on} only the current or the next school year can be paid, not {school_year}")]
    PaymentOutOfTerm {
        /// The school year to be paid.
        school_year: SchoolYear,
        /// The date of the payment.
        on: NaiveDate,
    },
    /// A date outside the years the calendar knows.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A stored registration that does not read back.
    #[error("the registration could not be read: {reason}")]
    UnreadableRegistration {
        /// What the parser said.
        reason: String,
    },
    /// A sum of money too large to compute (only with prices over the policy's bounds,
    /// e.g. a `Policy` built in code without [`crate::policy::Policy::validate`]).
    #[error("the {what} is too large to compute: check the policy's prices (at most {max} EUR each)", max = crate::policy::MAX_SERVICE_PRICE_EUR)]
    AmountTooLarge {
        /// Which sum (`"child total"`, `"family total"`, `"amount due"`).
        what: &'static str,
    },
    /// A stored registration that reads but breaks an invariant no sequence of events
    /// could produce (R-C4, R-C8): a date out of order, a negative amount, …
    #[error("the stored registration is inconsistent: `{field}` {reason}")]
    InconsistentRegistration {
        /// The field at fault (`"paid[0].paid_on"`).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A move to the school the registration already belongs to (R-C8).
    #[error("the registration already belongs to school {school}")]
    SameSchool {
        /// The school.
        school: SchoolId,
    },
}

/// A communication choice (R-C1). Each parent chooses their own, and the child's (R-C5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Service {
    /// mojAsistent MINIMALNI: free; messages, meals, timetable, events (R-C10).
    Minimalni,
    /// mojAsistent ZA STARŠE: notices and full data for the parents (R-C2, R-C3).
    ZaStarse,
    /// mojAsistent ZA UČENCE: full data for the student (R-C2, R-D10).
    ZaUcence,
    /// mojAsistent POPOLNI: ZA STARŠE and ZA UČENCE together (R-C2).
    Popolni,
    /// "Ne želim elektronskega sodelovanja s šolo": no electronic contact (R-C1).
    NoElectronicContact,
}

impl ServiceError {
    /// A short machine name of the error (`"no_price_list"`, `"wrong_state"`, …), for
    /// the faces.
    pub const fn code(&self) -> &'static str {
        match self {
            ServiceError::NoPriceList { .. } => "no_price_list",
            ServiceError::InstalmentsNotOffered { .. } => "instalments_not_offered",
            ServiceError::DuplicateChild { .. } => "duplicate_child",
            ServiceError::StudentCannotChoose => "student_cannot_choose",
            ServiceError::NotALegalRepresentative => "not_a_legal_representative",
            ServiceError::TooManyRecipients { .. } => "too_many_recipients",
            ServiceError::WrongState { .. } => "wrong_state",
            ServiceError::EventOutOfOrder { .. } => "event_out_of_order",
            ServiceError::NothingToPay { .. } => "nothing_to_pay",
            ServiceError::AlreadyPaid { .. } => "already_paid",
            ServiceError::PaymentOutOfTerm { .. } => "payment_out_of_term",
            ServiceError::Calendar(_) => "calendar",
            ServiceError::UnreadableRegistration { .. } => "unreadable_registration",
            ServiceError::InconsistentRegistration { .. } => "inconsistent_registration",
            ServiceError::SameSchool { .. } => "same_school",
            ServiceError::AmountTooLarge { .. } => "amount_too_large",
        }
    }
}

impl Service {
    /// Every choice, in the order the portal offers them.
    pub const ALL: [Service; 5] = [
        Service::Minimalni,
        Service::ZaStarse,
        Service::ZaUcence,
        Service::Popolni,
        Service::NoElectronicContact,
    ];

    /// The machine name used in JSON, Python and files (`"za_starse"`).
    pub const fn code(self) -> &'static str {
        match self {
            Service::Minimalni => "minimalni",
            Service::ZaStarse => "za_starse",
            Service::ZaUcence => "za_ucence",
            Service::Popolni => "popolni",
            Service::NoElectronicContact => "no_electronic_contact",
        }
    }

    /// The name parents see (R-C1).
    pub const fn label_sl(self) -> &'static str {
        match self {
            Service::Minimalni => "mojAsistent MINIMALNI",
            Service::ZaStarse => "mojAsistent ZA STARŠE",
            Service::ZaUcence => "mojAsistent ZA UČENCE",
            Service::Popolni => "mojAsistent POPOLNI",
            Service::NoElectronicContact => "Ne želim elektronskega sodelovanja s šolo",
        }
    }

    /// An English name.
    pub const fn label_en(self) -> &'static str {
        match self {
            Service::Minimalni => "mojAsistent MINIMAL",
            Service::ZaStarse => "mojAsistent FOR PARENTS",
            Service::ZaUcence => "mojAsistent FOR STUDENTS",
            Service::Popolni => "mojAsistent COMPLETE",
            Service::NoElectronicContact => "No electronic contact with the school",
        }
    }

    /// Whether it opens the parents' full view and notices (ZA STARŠE or POPOLNI;
    /// R-D9, R-E5).
    pub const fn covers_parents(self) -> bool {
        matches!(self, Service::ZaStarse | Service::Popolni)
    }

    /// Whether it opens the student's full view (ZA UČENCE or POPOLNI; R-D10).
    pub const fn covers_student(self) -> bool {
        matches!(self, Service::ZaUcence | Service::Popolni)
    }

    /// Whether choosing it activates the parent portal (MINIMALNI or a paid service;
    /// R-B4).
    pub const fn activates_portal(self) -> bool {
        !matches!(self, Service::NoElectronicContact)
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_sl())
    }
}

/// A text that names no service.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a service (expected one of: minimalni, za_starse, za_ucence, popolni, no_electronic_contact)")]
pub struct UnknownService {
    /// The text that was given.
    pub input: String,
}

impl FromStr for Service {
    type Err = UnknownService;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Service::ALL
            .into_iter()
            .find(|v| v.code() == s)
            .ok_or_else(|| UnknownService {
                input: s.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_c1_the_five_choices_with_their_names() {
        let labels: Vec<_> = Service::ALL.iter().map(|s| s.label_sl()).collect();
        assert_eq!(
            labels,
            [
                "mojAsistent MINIMALNI",
                "mojAsistent ZA STARŠE",
                "mojAsistent ZA UČENCE",
                "mojAsistent POPOLNI",
                "Ne želim elektronskega sodelovanja s šolo"
            ]
        );
        for s in Service::ALL {
            assert_eq!(s.code().parse::<Service>(), Ok(s));
        }
        assert!("gold".parse::<Service>().is_err());
    }

    #[test]
    fn r_b4_minimalni_and_paid_services_activate_the_portal() {
        assert!(Service::Minimalni.activates_portal());
        assert!(Service::Popolni.activates_portal());
        assert!(!Service::NoElectronicContact.activates_portal());
        assert!(Service::Popolni.covers_parents() && Service::Popolni.covers_student());
        assert!(!Service::ZaUcence.covers_parents());
    }
}
