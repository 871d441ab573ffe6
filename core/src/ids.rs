//! Identifiers: newtypes over the caller's own keys, so that a student's ID is never
//! passed where a guardian's is expected (DESIGN: "Identifiers are newtypes").
//!
//! The library never invents identifiers; it takes the caller's (a school register
//! number, a database key) and only checks that they are usable: 1–64 characters, no
//! control characters, no surrounding white space.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// An identifier that is empty, too long or contains characters it may not.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a valid {kind}: {reason}")]
pub struct InvalidId {
    /// Which kind of identifier it was meant to be ("student ID", …).
    pub kind: &'static str,
    /// The text that was given.
    pub input: String,
    /// Why it was refused.
    pub reason: &'static str,
}

/// The longest identifier accepted, in characters.
pub const MAX_ID_LEN: usize = 64;

fn check(kind: &'static str, input: &str) -> Result<(), InvalidId> {
    let bad = |reason| InvalidId {
        kind,
        input: input.to_owned(),
        reason,
    };
    if input.is_empty() {
        return Err(bad("it is empty"));
    }
    if input.chars().count() > MAX_ID_LEN {
        return Err(bad("it is longer than 64 characters"));
    }
    if input.chars().any(char::is_control) {
        return Err(bad("it contains a control character"));
    }
    if input.trim() != input {
        return Err(bad("it starts or ends with white space"));
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        ///
        /// Shared text (`Arc<str>`): a clone is a reference count, not a copy, so that a
        /// planner can put the same ID into millions of results cheaply.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Checks and wraps an identifier.
            pub fn new(id: impl Into<String>) -> Result<Self, InvalidId> {
                let id = id.into();
                check($kind, &id)?;
                Ok(Self(Arc::from(id)))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::new(s).map_err(serde::de::Error::custom)
            }
        }
    };
}

id_type!(
    /// A student (učenec / dijak).
    StudentId, "student ID"
);
id_type!(
    /// A person who may act for a student: parent, adoptive parent, guardian (skrbnik),
    /// foster parent (rejnik), or another adult such as a step-parent.
    GuardianId, "guardian ID"
);
id_type!(
    /// A member of a school's staff: class teacher, teacher, counsellor, administrator.
    StaffId, "staff ID"
);
id_type!(
    /// A member of the vendor's support staff (R-F6).
    VendorStaffId, "vendor staff ID"
);
id_type!(
    /// A school.
    SchoolId, "school ID"
);
id_type!(
    /// A class (oddelek), e.g. "7.a".
    ClassId, "class ID"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_and_round_trip() {
        let id = StudentId::new("2026-0042").unwrap();
        assert_eq!(id.as_str(), "2026-0042");
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"2026-0042\"");
        assert_eq!(serde_json::from_str::<StudentId>(&json).unwrap(), id);
    }

    #[test]
    fn bad_ids_are_typed_errors() {
        let err = GuardianId::new("").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`` is not a valid guardian ID: it is empty"
        );
        assert!(SchoolId::new(" x").is_err());
        assert!(ClassId::new("a\nb").is_err());
        assert!(StaffId::new("x".repeat(65)).is_err());
        assert!(serde_json::from_str::<StudentId>("\"\"").is_err());
    }
}
