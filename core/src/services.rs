//! The communication services a family chooses (R-C1 … R-C10).
//!
//! This file starts with the vocabulary that other modules share; prices, quotes and
//! registrations build on it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

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
