//! The one error type of the FFI, and the one place core errors are mapped to it.
//!
//! A single exported enum (Kotlin `AsistentException`, Swift `AsistentError`) rather than
//! one per area: uniffi returns an argument that fails to lift (an invalid date or
//! decimal arriving through a custom type) as the function's own error only when the
//! lift error *is* that type, so every exported function shares it. Each variant carries
//! the fields a caller can act on and `reason`, the full English message.

use asistent_core::audit::AuditError;
use asistent_core::calendar::CalendarError;
use asistent_core::gdpr::GdprError;
use asistent_core::policy::PolicyError;

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
    /// Audit-trail bytes (a proof, a checkpoint, an entry) end too early (R-F6).
    #[error("{reason}")]
    AuditTruncated {
        /// What was being read ("inclusion proof", "checkpoint", …).
        what: String,
        /// Bytes needed at least.
        needed: u64,
        /// Bytes given.
        available: u64,
        /// The whole message.
        reason: String,
    },
    /// A checkpoint whose signature does not verify under the given key (R-F6).
    #[error("{reason}")]
    AuditBadSignature {
        /// The tree size the checkpoint claims.
        tree_size: u64,
        /// The whole message.
        reason: String,
    },
    /// Any other audit-trail failure: a malformed encoding, a proof that does not match,
    /// an altered log, a vendor access without the school's request (R-F6).
    #[error("{reason}")]
    AuditFailed {
        /// Which check failed: "malformed", "unknown_format", "trailing_bytes",
        /// "bad_key", "size_mismatch", "out_of_range", "wrong_proof_length",
        /// "proof_mismatch", "log_truncated", "log_altered",
        /// "vendor_access_without_request", "bad_purpose".
        check: String,
        /// The whole message.
        reason: String,
    },
    /// A record kind that is not in the policy's retention table (R-F9).
    #[error("{reason}")]
    UnknownRecordKind {
        /// The record kind asked about.
        record_kind: String,
        /// The known record kinds, comma-separated.
        known: String,
        /// The whole message.
        reason: String,
    },
    /// A step a GDPR restriction cannot take now, e.g. lifting it before the person was
    /// told (R-F7).
    #[error("{reason}")]
    RestrictionStep {
        /// The state the restriction is in ("active", "lifting_notified", "lifted").
        state: String,
        /// The step tried ("notify_person", "lift").
        event: String,
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

impl From<AuditError> for AsistentError {
    fn from(e: AuditError) -> Self {
        let reason = e.to_string();
        let check = match &e {
            AuditError::Truncated {
                what,
                needed,
                available,
            } => {
                return AsistentError::AuditTruncated {
                    what: (*what).to_owned(),
                    needed: *needed as u64,
                    available: *available as u64,
                    reason,
                }
            }
            AuditError::BadSignature { tree_size } => {
                return AsistentError::AuditBadSignature {
                    tree_size: *tree_size,
                    reason,
                }
            }
            AuditError::TrailingBytes { .. } => "trailing_bytes",
            AuditError::UnknownFormat { .. } => "unknown_format",
            AuditError::Malformed { .. } => "malformed",
            AuditError::BadKey { .. } => "bad_key",
            AuditError::SizeMismatch { .. } => "size_mismatch",
            AuditError::OutOfRange { .. } => "out_of_range",
            AuditError::WrongProofLength { .. } => "wrong_proof_length",
            AuditError::ProofMismatch { .. } => "proof_mismatch",
            AuditError::LogTruncated { .. } => "log_truncated",
            AuditError::LogAltered { .. } => "log_altered",
            AuditError::VendorAccessWithoutRequest => "vendor_access_without_request",
            AuditError::BadPurpose { .. } => "bad_purpose",
            _ => "other",
        };
        AsistentError::AuditFailed {
            check: check.to_owned(),
            reason,
        }
    }
}

impl From<GdprError> for AsistentError {
    fn from(e: GdprError) -> Self {
        let reason = e.to_string();
        match e {
            GdprError::UnknownRecordKind { record_kind, known } => {
                AsistentError::UnknownRecordKind {
                    record_kind,
                    known,
                    reason,
                }
            }
            GdprError::LiftWithoutNotice { .. } => AsistentError::RestrictionStep {
                state: "active".into(),
                event: "lift".into(),
                reason,
            },
            GdprError::InvalidStep { state, event } => AsistentError::RestrictionStep {
                state: state.to_owned(),
                event: event.to_owned(),
                reason,
            },
            GdprError::DateOutOfRange { date } => {
                AsistentError::invalid("date", date.to_string(), reason)
            }
            other => AsistentError::invalid("gdpr request", "", other),
        }
    }
}
