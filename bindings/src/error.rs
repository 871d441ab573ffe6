//! The one error type of the FFI, and the one place core errors are mapped to it.
//!
//! A single exported enum (Kotlin `AsistentException`, Swift `AsistentError`) rather than
//! one per area: uniffi returns an argument that fails to lift (an invalid date or
//! decimal arriving through a custom type) as the function's own error only when the
//! lift error *is* that type, so every exported function shares it. Each variant carries
//! the fields a caller can act on and `reason`, the full English message.

use asistent_core::calendar::CalendarError;
use asistent_core::policy::PolicyError;
use asistent_core::verify::VerifyError;

/// Everything that can go wrong in a call into the library.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[non_exhaustive]
pub enum AsistentError {
    /// A value handed in is malformed: a date, a decimal, an instant, a label.
    #[error("{reason}")]
    InvalidValue {
        /// What kind of value it was meant to be ("date", "decimal", "school year", …).
        what: String,
        /// The value as it arrived.
        value: String,
        /// The whole message.
        reason: String,
    },
    /// A year outside the years the calendar knows.
    #[error("{reason}")]
    YearOutOfRange {
        /// The year asked about.
        year: i32,
        /// The first supported year.
        first: i32,
        /// The last supported year.
        last: i32,
        /// The whole message.
        reason: String,
    },
    /// A policy document is unreadable or breaks a rule.
    #[error("{reason}")]
    InvalidPolicy {
        /// The path of the offending field (e.g. `calendar.last_lesson_day`).
        field: String,
        /// The whole message.
        reason: String,
    },
    /// A security code, confirmation code or reset token is malformed: a typing
    /// mistake, no attempt counted (R-B10).
    #[error("{reason}")]
    MalformedCode {
        /// "security code", "confirmation code" or "reset token".
        what: String,
        /// The whole message.
        reason: String,
    },
    /// An email address or phone number does not parse.
    #[error("{reason}")]
    InvalidContact {
        /// "email" or "phone".
        kind: String,
        /// The text given.
        input: String,
        /// The whole message.
        reason: String,
    },
    /// A password is refused: too short, too long, the old one wrong, unchanged (R-A1).
    #[error("{reason}")]
    PasswordRefused {
        /// "too_short", "too_long", "wrong_old_password" or "unchanged".
        kind: String,
        /// The whole message.
        reason: String,
    },
    /// A verification step is not allowed now: wrong step, another contact, no portal
    /// access, not the parent's child (R-A3, R-B4, R-B5).
    #[error("{reason}")]
    VerificationRefused {
        /// "unexpected_event", "contact_mismatch", "portal_not_active",
        /// "not_your_child" or "random_failure".
        kind: String,
        /// The whole message.
        reason: String,
    },
}

impl AsistentError {
    /// An invalid value of kind `what`.
    pub fn invalid(what: &str, value: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        AsistentError::InvalidValue {
            what: what.to_owned(),
            value: value.into(),
            reason: reason.to_string(),
        }
    }
}

impl From<CalendarError> for AsistentError {
    fn from(e: CalendarError) -> Self {
        let reason = e.to_string();
        match e {
            CalendarError::YearOutOfRange { year, first, last } => AsistentError::YearOutOfRange {
                year,
                first,
                last,
                reason,
            },
            CalendarError::MalformedDate { input, .. } => {
                AsistentError::invalid("date", input, reason)
            }
            CalendarError::MalformedSchoolYear { input, .. } => {
                AsistentError::invalid("school year", input, reason)
            }
            other => AsistentError::invalid("calendar input", "", other),
        }
    }
}

impl From<PolicyError> for AsistentError {
    fn from(e: PolicyError) -> Self {
        let reason = e.to_string();
        match e {
            PolicyError::Parse { field, .. } | PolicyError::Invalid { field, .. } => {
                AsistentError::InvalidPolicy { field, reason }
            }
            other => AsistentError::InvalidPolicy {
                field: ".".into(),
                reason: other.to_string(),
            },
        }
    }
}

impl From<VerifyError> for AsistentError {
    fn from(e: VerifyError) -> Self {
        let reason = e.to_string();
        let code = |what: &str| AsistentError::MalformedCode {
            what: what.to_owned(),
            reason: reason.clone(),
        };
        let refused = |kind: &str| AsistentError::VerificationRefused {
            kind: kind.to_owned(),
            reason: reason.clone(),
        };
        let password = |kind: &str| AsistentError::PasswordRefused {
            kind: kind.to_owned(),
            reason: reason.clone(),
        };
        match e {
            VerifyError::CodeWrongLength { .. }
            | VerifyError::CodeBadCharacter { .. }
            | VerifyError::CodeCheckFailed => code("security code"),
            VerifyError::ConfirmationCodeMalformed { .. } => code("confirmation code"),
            VerifyError::ResetTokenMalformed { .. } => code("reset token"),
            VerifyError::InvalidEmail { ref input, .. } => AsistentError::InvalidContact {
                kind: "email".into(),
                input: input.clone(),
                reason,
            },
            VerifyError::InvalidPhone { ref input, .. } => AsistentError::InvalidContact {
                kind: "phone".into(),
                input: input.clone(),
                reason,
            },
            VerifyError::PasswordTooShort { .. } => password("too_short"),
            VerifyError::PasswordTooLong { .. } => password("too_long"),
            VerifyError::WrongOldPassword => password("wrong_old_password"),
            VerifyError::PasswordUnchanged => password("unchanged"),
            VerifyError::ContactMismatch { .. } => refused("contact_mismatch"),
            VerifyError::PortalNotActive => refused("portal_not_active"),
            VerifyError::NotYourChild { .. } => refused("not_your_child"),
            VerifyError::UnexpectedEvent { .. } => refused("unexpected_event"),
            _ => refused("random_failure"),
        }
    }
}
