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
use asistent_core::notify::sms::SmsError;
use asistent_core::notify::NotifyError;
use asistent_core::policy::PolicyError;
use asistent_core::rights::RightsError;
use asistent_core::services::ServiceError;
use asistent_core::verify::VerifyError;
use asistent_core::visibility::VisibilityError;

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
        /// In a list (a batch's items or viewers), the position of the entry holding the
        /// value, from 0 (the message names it too: "item 2: …", "viewer 0: …"); none
        /// outside a list.
        index: Option<u64>,
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
    /// A payment in instalments was asked for: one payment per child and school year
    /// (R-C4).
    #[error("{reason}")]
    InstalmentsNotOffered {
        /// The number of instalments requested.
        requested: u32,
        /// The whole message.
        reason: String,
    },
    /// Someone who is not a parent tried to set a service: a student (R-C6) or another
    /// person (R-C5).
    #[error("{reason}")]
    NotAllowedToChoose {
        /// `"student"` or `"other"`.
        chooser: String,
        /// The whole message.
        reason: String,
    },
    /// A registration that is revoked or ended took an event (R-C8).
    #[error("{reason}")]
    WrongRegistrationState {
        /// The event tried ("pay", "revoke", …).
        event: String,
        /// "revoked" or "ended".
        state: String,
        /// Since when, as an ISO date.
        since: String,
        /// The whole message.
        reason: String,
    },
    /// Any other refusal of the services module (R-C2 … R-C8); `kind` names it
    /// (`"no_price_list"`, `"already_paid"`, …).
    #[error("{reason}")]
    ServiceRefused {
        /// The machine name of the refusal.
        kind: String,
        /// The whole message.
        reason: String,
    },
    /// An empty SMS text: there is nothing to send (R-A10).
    #[error("{reason}")]
    EmptySms {
        /// The whole message.
        reason: String,
    },
    /// An SMS text that needs more segments than allowed (R-A10).
    #[error("{reason}")]
    SmsTooLong {
        /// The segments it would take.
        segments: u64,
        /// The most allowed: the policy's `sms.max_segments`, or 255.
        max: u32,
        /// The encoding it needs.
        encoding: crate::sms::SmsEncoding,
        /// Septets or UTF-16 units of the whole text.
        units: u64,
        /// The whole message.
        reason: String,
    },
    /// One message of a list of sent SMS cannot be counted (R-A10).
    #[error("{reason}")]
    InvalidSentSms {
        /// Its position in the list, from 0.
        index: u64,
        /// What is wrong with that message.
        problem: String,
        /// The whole message.
        reason: String,
    },
    /// A fact or question is dated before the child's birth (rights, R-F2).
    #[error("{reason}")]
    DatedBeforeBirth {
        /// The student.
        student: String,
        /// What carried the date.
        what: String,
        /// The date given (ISO).
        date: String,
        /// The child's birth date (ISO).
        birth_date: String,
        /// The whole message.
        reason: String,
    },
    /// A person is recorded as related to themselves (rights, R-F1).
    #[error("{reason}")]
    RelationshipToSelf {
        /// The identifier used for both.
        id: String,
        /// The relationship.
        relationship: String,
        /// The whole message.
        reason: String,
    },
    /// A text names no data category (rights).
    #[error("{reason}")]
    UnknownCategory {
        /// The text given.
        input: String,
        /// The whole message.
        reason: String,
    },
    /// The rights facts or a question about them are wrong in another way: an unknown
    /// student, an unreadable field, a period ending before it starts.
    #[error("{reason}")]
    InvalidFacts {
        /// The field path or the thing that is wrong.
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
        /// "not_your_child", "hash_record_invalid", "record_mismatch",
        /// "service_choice", or "other" for a refusal this
        /// version of the bindings does not know by name (the reason says what it is).
        kind: String,
        /// The whole message.
        reason: String,
    },
    /// The operating system's random source failed, so no code, password or token was
    /// made (R-B10). Not the caller's input: retry later or report the device fault.
    #[error("{reason}")]
    SystemRandomFailure {
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
    /// An event entered in a school year the plan does not take (notify, R-E6): a plan
    /// takes events entered in its school year and in the one before.
    #[error("{reason}")]
    UnknownSchoolYear {
        /// The event's ID.
        event: u64,
        /// Its local entry date (ISO).
        entered_on: String,
        /// Its school year (`"2027/28"`).
        event_year: String,
        /// The school year planned.
        planned: String,
        /// The whole message.
        reason: String,
    },
    /// A recipient chose a channel without its contact (notify, R-E4).
    #[error("{reason}")]
    MissingContact {
        /// The recipient's ID.
        recipient: String,
        /// The channel without a contact.
        channel: crate::notify::NotifyChannel,
        /// The whole message.
        reason: String,
    },
    /// An event with an empty text field (notify).
    #[error("{reason}")]
    EmptyText {
        /// The event's ID.
        event: u64,
        /// The field (`"subject"`, `"text"`, `"name"`).
        field: String,
        /// The whole message.
        reason: String,
    },
    /// A rendered notice too long for its channel (notify, R-A10).
    #[error("{reason}")]
    TextTooLong {
        /// The recipient's ID.
        recipient: String,
        /// The child's ID.
        student: String,
        /// Email or SMS.
        channel: crate::notify::NotifyChannel,
        /// Characters of the text.
        characters: u64,
        /// The whole message.
        reason: String,
    },
    /// One of the events given to the notification planner cannot be judged by the
    /// visibility engine (a lesson closed before the entry, …) (notify, R-D1 … R-D5).
    #[error("{reason}")]
    EventRefused {
        /// The event's ID, as given.
        event: u64,
        /// The machine name of the problem ("lesson_closed_before_entry", …).
        problem: String,
        /// The student the event is about ("" when the problem names none).
        student: String,
        /// The whole message ("event 42: …").
        reason: String,
    },
    /// Any other refusal of the notification planner; `kind` names it
    /// (`"invalid_period"`, `"unknown_child"`, `"invalid_quiet_hours"`, …).
    #[error("{reason}")]
    NotifyRefused {
        /// The machine name of the refusal.
        kind: String,
        /// The whole message.
        reason: String,
    },
    /// A text names no item kind (visibility).
    #[error("{reason}")]
    UnknownItemKind {
        /// The text given.
        input: String,
        /// The whole message.
        reason: String,
        /// In a list, the item's position, from 0 (the message names it too: "item 2:
        /// …"); none for a single item.
        index: Option<u64>,
    },
    /// A remark is recorded as forwarded by someone who is not the student's class
    /// teacher (R-D6).
    #[error("{reason}")]
    NotTheClassTeacher {
        /// The item's position in a list, from 0; none for a single item.
        index: Option<u64>,
        /// The student.
        student: String,
        /// The staff ID recorded as forwarding it.
        by: String,
        /// The student's class ("no class" when the facts give none).
        student_class: String,
        /// The whole message.
        reason: String,
    },
    /// An item or viewer that cannot be judged (visibility): a lesson closed before the
    /// entry, a revision before the entry, a viewer of another student, an unknown latest
    /// grade; `problem` names it ("lesson_closed_before_entry", …).
    #[error("{reason}")]
    InvalidItem {
        /// The item's (or viewer's) position in a list, from 0; none for a single item.
        index: Option<u64>,
        /// The machine name of the problem.
        problem: String,
        /// The student.
        student: String,
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
            index: None,
        }
    }

    /// A core value these bindings do not know (the core is newer than the bindings):
    /// an error, never a plausible stand-in value.
    pub fn unsupported(what: &str, value: impl std::fmt::Debug) -> Self {
        AsistentError::InvalidValue {
            what: what.to_owned(),
            value: format!("{value:?}"),
            reason: format!("unsupported {what} (library version mismatch)"),
            index: None,
        }
    }

    /// The same error raised by the entry at `index` of a list (`entry` is "item",
    /// "viewer", "question", "event", …): the position goes into the `index` field where
    /// the variant has one, and into the message ("item 2: …") always (a variant added
    /// later must get its arm in `prefixed_rest`).
    #[must_use]
    pub fn at_position(self, entry: &str, index: usize) -> Self {
        self.at_labelled(&format!("{entry} {index}"), index)
    }

    /// As [`AsistentError::at_position`], with the entry's label written out by the
    /// caller (e.g. "event 3 (ID 42)", to name the ID the caller gave it too).
    #[must_use]
    pub fn at_labelled(self, label: &str, index: usize) -> Self {
        use AsistentError as E;
        let at = Some(index as u64);
        let prefix = format!("{label}: ");
        let p = |reason: String| {
            if reason.starts_with(&prefix) {
                reason
            } else {
                format!("{prefix}{reason}")
            }
        };
        match self {
            E::InvalidValue {
                what,
                value,
                reason,
                ..
            } => E::InvalidValue {
                what,
                value,
                reason: p(reason),
                index: at,
            },
            E::UnknownItemKind { input, reason, .. } => E::UnknownItemKind {
                input,
                reason: p(reason),
                index: at,
            },
            E::InvalidItem {
                problem,
                student,
                reason,
                ..
            } => E::InvalidItem {
                index: at,
                problem,
                student,
                reason: p(reason),
            },
            E::NotTheClassTeacher {
                student,
                by,
                student_class,
                reason,
                ..
            } => E::NotTheClassTeacher {
                index: at,
                student,
                by,
                student_class,
                reason: p(reason),
            },
            other => other.prefixed(&p),
        }
    }

    /// A variant without an `index` field names the position in its message only.
    fn prefixed(self, p: &dyn Fn(String) -> String) -> Self {
        use AsistentError as E;
        match self {
            E::YearOutOfRange {
                year,
                first,
                last,
                reason,
            } => E::YearOutOfRange {
                year,
                first,
                last,
                reason: p(reason),
            },
            E::InvalidPolicy { field, reason } => E::InvalidPolicy {
                field,
                reason: p(reason),
            },
            E::InvalidFacts { field, reason } => E::InvalidFacts {
                field,
                reason: p(reason),
            },
            E::DatedBeforeBirth {
                student,
                what,
                date,
                birth_date,
                reason,
            } => E::DatedBeforeBirth {
                student,
                what,
                date,
                birth_date,
                reason: p(reason),
            },
            E::RelationshipToSelf {
                id,
                relationship,
                reason,
            } => E::RelationshipToSelf {
                id,
                relationship,
                reason: p(reason),
            },
            E::UnknownCategory { input, reason } => E::UnknownCategory {
                input,
                reason: p(reason),
            },
            E::MalformedCode { what, reason } => E::MalformedCode {
                what,
                reason: p(reason),
            },
            E::InvalidContact {
                kind,
                input,
                reason,
            } => E::InvalidContact {
                kind,
                input,
                reason: p(reason),
            },
            E::ServiceRefused { kind, reason } => E::ServiceRefused {
                kind,
                reason: p(reason),
            },
            E::NotifyRefused { kind, reason } => E::NotifyRefused {
                kind,
                reason: p(reason),
            },
            other => other.prefixed_rest(p),
        }
    }
    /// The rest of the variants without an `index` field: the position in the message.
    // One arm per variant, nothing else: long, not complex.
    #[allow(clippy::too_many_lines)]
    fn prefixed_rest(self, p: &dyn Fn(String) -> String) -> Self {
        use AsistentError as E;
        match self {
            E::InstalmentsNotOffered { requested, reason } => E::InstalmentsNotOffered {
                requested,
                reason: p(reason),
            },
            E::NotAllowedToChoose { chooser, reason } => E::NotAllowedToChoose {
                chooser,
                reason: p(reason),
            },
            E::WrongRegistrationState {
                event,
                state,
                since,
                reason,
            } => E::WrongRegistrationState {
                event,
                state,
                since,
                reason: p(reason),
            },
            E::EmptySms { reason } => E::EmptySms { reason: p(reason) },
            E::SmsTooLong {
                segments,
                max,
                encoding,
                units,
                reason,
            } => E::SmsTooLong {
                segments,
                max,
                encoding,
                units,
                reason: p(reason),
            },
            E::InvalidSentSms {
                index,
                problem,
                reason,
            } => E::InvalidSentSms {
                index,
                problem,
                reason: p(reason),
            },
            E::PasswordRefused { kind, reason } => E::PasswordRefused {
                kind,
                reason: p(reason),
            },
            E::VerificationRefused { kind, reason } => E::VerificationRefused {
                kind,
                reason: p(reason),
            },
            E::SystemRandomFailure { reason } => E::SystemRandomFailure { reason: p(reason) },
            E::AuditTruncated {
                what,
                needed,
                available,
                reason,
            } => E::AuditTruncated {
                what,
                needed,
                available,
                reason: p(reason),
            },
            E::AuditBadSignature { tree_size, reason } => E::AuditBadSignature {
                tree_size,
                reason: p(reason),
            },
            E::AuditFailed { check, reason } => E::AuditFailed {
                check,
                reason: p(reason),
            },
            E::UnknownRecordKind {
                record_kind,
                known,
                reason,
            } => E::UnknownRecordKind {
                record_kind,
                known,
                reason: p(reason),
            },
            E::RestrictionStep {
                state,
                event,
                reason,
            } => E::RestrictionStep {
                state,
                event,
                reason: p(reason),
            },
            E::UnknownSchoolYear {
                event,
                entered_on,
                event_year,
                planned,
                reason,
            } => E::UnknownSchoolYear {
                event,
                entered_on,
                event_year,
                planned,
                reason: p(reason),
            },
            E::MissingContact {
                recipient,
                channel,
                reason,
            } => E::MissingContact {
                recipient,
                channel,
                reason: p(reason),
            },
            E::EmptyText {
                event,
                field,
                reason,
            } => E::EmptyText {
                event,
                field,
                reason: p(reason),
            },
            E::TextTooLong {
                recipient,
                student,
                channel,
                characters,
                reason,
            } => E::TextTooLong {
                recipient,
                student,
                channel,
                characters,
                reason: p(reason),
            },
            E::EventRefused {
                event,
                problem,
                student,
                reason,
            } => E::EventRefused {
                event,
                problem,
                student,
                reason: p(reason),
            },
            other => other,
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

impl From<ServiceError> for AsistentError {
    fn from(e: ServiceError) -> Self {
        let reason = e.to_string();
        match e {
            ServiceError::InstalmentsNotOffered { requested } => {
                AsistentError::InstalmentsNotOffered { requested, reason }
            }
            ServiceError::StudentCannotChoose => AsistentError::NotAllowedToChoose {
                chooser: "student".into(),
                reason,
            },
            ServiceError::NotALegalRepresentative => AsistentError::NotAllowedToChoose {
                chooser: "other".into(),
                reason,
            },
            ServiceError::WrongState {
                event,
                state,
                since,
            } => AsistentError::WrongRegistrationState {
                event: event.into(),
                state: state.into(),
                since: since.to_string(),
                reason,
            },
            ServiceError::Calendar(c) => c.into(),
            other => AsistentError::ServiceRefused {
                kind: other.code().into(),
                reason,
            },
        }
    }
}

impl From<SmsError> for AsistentError {
    fn from(e: SmsError) -> Self {
        let reason = e.to_string();
        match e {
            SmsError::Empty => AsistentError::EmptySms { reason },
            SmsError::TooLong {
                segments,
                max,
                encoding,
                units,
            } => AsistentError::SmsTooLong {
                segments,
                max,
                encoding: encoding.into(),
                units,
                reason,
            },
            SmsError::InvalidMessage {
                index,
                reason: problem,
            } => AsistentError::InvalidSentSms {
                index: u64::try_from(index).unwrap_or(u64::MAX),
                problem,
                reason,
            },
            SmsError::AmountTooLarge { what } => AsistentError::InvalidValue {
                what: "SMS amount".into(),
                value: what.into(),
                reason,
                index: None,
            },
            other => AsistentError::invalid("SMS text", "", other),
        }
    }
}

impl From<RightsError> for AsistentError {
    fn from(e: RightsError) -> Self {
        let reason = e.to_string();
        match e {
            RightsError::DatedBeforeBirth {
                student,
                what,
                date,
                birth_date,
            } => AsistentError::DatedBeforeBirth {
                student,
                what,
                date: date.to_string(),
                birth_date: birth_date.to_string(),
                reason,
            },
            RightsError::RelationshipToSelf { id, relationship } => {
                AsistentError::RelationshipToSelf {
                    id,
                    relationship,
                    reason,
                }
            }
            RightsError::UnknownCategory(u) => AsistentError::UnknownCategory {
                input: u.input,
                reason,
            },
            RightsError::InvalidPerson { kind, id, .. } => {
                AsistentError::invalid(&format!("{kind} ID"), id, reason)
            }
            RightsError::Parse { field, .. } => AsistentError::InvalidFacts { field, reason },
            RightsError::UnknownStudent { student } | RightsError::DuplicateStudent { student } => {
                AsistentError::InvalidFacts {
                    field: student,
                    reason,
                }
            }
            RightsError::InvalidFact { what, .. } => AsistentError::InvalidFacts {
                field: what,
                reason,
            },
            other => AsistentError::InvalidFacts {
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
            VerifyError::HashRecordInvalid { .. } => refused("hash_record_invalid"),
            VerifyError::RecordMismatch => refused("record_mismatch"),
            VerifyError::ServiceChoiceRefused { .. } => refused("service_choice"),
            VerifyError::RandomFailure => AsistentError::SystemRandomFailure { reason },
            VerifyError::Sms(e) => AsistentError::from(e),
            // A variant added to the core later: named "other", its text kept.
            _ => refused("other"),
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
            AuditError::AccessRefused { .. } => "access_refused",
            AuditError::BadPurpose { .. } => "bad_purpose",
            AuditError::BadBasis { .. } => "bad_basis",
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
            GdprError::InvalidStep { state, event }
            | GdprError::StepBeforePrevious { state, event, .. } => {
                AsistentError::RestrictionStep {
                    state: state.to_owned(),
                    event: event.to_owned(),
                    reason,
                }
            }
            GdprError::DateOutOfRange { date } => {
                AsistentError::invalid("date", date.to_string(), reason)
            }
            GdprError::UnreadableRestriction { .. } => {
                AsistentError::invalid("stored restriction", "", reason)
            }
            other => AsistentError::invalid("gdpr request", "", other),
        }
    }
}

impl From<NotifyError> for AsistentError {
    fn from(e: NotifyError) -> Self {
        let reason = e.to_string();
        let who = |a: &asistent_core::notify::Addressee| match a {
            asistent_core::notify::Addressee::Guardian(g) => g.as_str().to_owned(),
            asistent_core::notify::Addressee::Student(s) => s.as_str().to_owned(),
            _ => String::new(),
        };
        match e {
            NotifyError::UnknownSchoolYear {
                event,
                entered_on,
                event_year,
                planned,
            } => AsistentError::UnknownSchoolYear {
                event: event.0,
                entered_on: entered_on.to_string(),
                event_year,
                planned: planned.label(),
                reason,
            },
            NotifyError::MissingContact { recipient, channel } => AsistentError::MissingContact {
                recipient: who(&recipient),
                channel: channel.into(),
                reason,
            },
            NotifyError::EmptyText { event, field } => AsistentError::EmptyText {
                event: event.0,
                field: field.into(),
                reason,
            },
            NotifyError::TextTooLong {
                recipient,
                student,
                channel,
                characters,
                ..
            } => AsistentError::TextTooLong {
                recipient: recipient.as_str().to_owned(),
                student: student.as_str().to_owned(),
                channel: channel.into(),
                characters: u64::try_from(characters).unwrap_or(u64::MAX),
                reason,
            },
            NotifyError::EventRefused { event, error } => {
                let problem = error.code().to_owned();
                let student = match AsistentError::from(*error) {
                    AsistentError::InvalidItem { student, .. }
                    | AsistentError::NotTheClassTeacher { student, .. } => student,
                    _ => String::new(),
                };
                AsistentError::EventRefused {
                    event: event.0,
                    problem,
                    student,
                    reason,
                }
            }
            NotifyError::Services(s) => s.into(),
            NotifyError::Rights(r) => r.into(),
            NotifyError::Calendar(c) => c.into(),
            other => AsistentError::NotifyRefused {
                kind: other.code().into(),
                reason,
            },
        }
    }
}

impl From<VisibilityError> for AsistentError {
    fn from(e: VisibilityError) -> Self {
        // A batch's error names the item's or viewer's position (field and message).
        match e {
            VisibilityError::AtItem { index, error } => {
                return AsistentError::from(*error).at_position("item", index)
            }
            VisibilityError::AtViewer { index, error } => {
                return AsistentError::from(*error).at_position("viewer", index)
            }
            _ => {}
        }
        let reason = e.to_string();
        let problem = e.code().to_owned();
        match e {
            VisibilityError::UnknownKind { input } => AsistentError::UnknownItemKind {
                input,
                reason,
                index: None,
            },
            VisibilityError::ForwardedByNotClassTeacher {
                student, by, class, ..
            } => AsistentError::NotTheClassTeacher {
                index: None,
                student: student.as_str().to_owned(),
                by: by.as_str().to_owned(),
                student_class: class,
                reason,
            },
            VisibilityError::Rights(r) => r.into(),
            VisibilityError::Calendar(c) => c.into(),
            VisibilityError::LessonClosedBeforeEntry { student, .. }
            | VisibilityError::ForwardedBeforeEntry { student, .. }
            | VisibilityError::RevisedBeforeEntry { student, .. }
            | VisibilityError::LatestGradeUnknown { student }
            | VisibilityError::ViewerOfAnotherStudent {
                item_student: student,
                ..
            } => AsistentError::InvalidItem {
                index: None,
                problem,
                student: student.as_str().to_owned(),
                reason,
            },
            _ => AsistentError::InvalidItem {
                index: None,
                problem,
                student: String::new(),
                reason,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_b10_a_random_source_failure_is_its_own_error_not_a_refusal() {
        let e = AsistentError::from(VerifyError::RandomFailure);
        assert!(
            matches!(&e, AsistentError::SystemRandomFailure { reason } if reason == "the random source failed; nothing was issued"),
            "{e:?}"
        );
    }

    #[test]
    fn r_f1_a_rights_error_at_a_position_names_it_in_the_reason() {
        let e = AsistentError::from(RightsError::UnknownStudent {
            student: "bor".into(),
        })
        .at_position("question", 2);
        assert_eq!(
            e,
            AsistentError::InvalidFacts {
                field: "bor".into(),
                reason: "question 2: student `bor` is not in the school's facts".into(),
            }
        );
        // Named once, however often it is placed.
        assert_eq!(e.clone().at_position("question", 2), e);
    }

    #[test]
    fn an_invalid_value_at_a_labelled_entry_has_its_index() {
        let e = AsistentError::invalid(
            "student ID",
            "",
            "`` is not a valid student ID: it is empty",
        )
        .at_labelled("event 3 (ID 42)", 3);
        assert!(
            matches!(&e, AsistentError::InvalidValue { what, index: Some(3), reason, .. }
                if what == "student ID" && reason == "event 3 (ID 42): `` is not a valid student ID: it is empty"),
            "{e:?}"
        );
    }

    #[test]
    fn r_d7_an_event_the_planner_refuses_is_named_by_its_id() {
        use asistent_core::chrono::{TimeZone, Utc};
        use asistent_core::ids::StudentId;
        use asistent_core::notify::EventId;
        let (Some(entered_at), Some(closed_at)) = (
            Utc.with_ymd_and_hms(2026, 11, 17, 8, 40, 0).single(),
            Utc.with_ymd_and_hms(2026, 11, 17, 8, 30, 0).single(),
        ) else {
            panic!("valid instants");
        };
        let Ok(student) = StudentId::new("ana") else {
            panic!("a valid student ID");
        };
        let e = AsistentError::from(NotifyError::EventRefused {
            event: EventId(42),
            error: Box::new(VisibilityError::LessonClosedBeforeEntry {
                kind: "praise",
                student,
                entered_at,
                closed_at,
            }),
        });
        assert_eq!(
            e,
            AsistentError::EventRefused {
                event: 42,
                problem: "lesson_closed_before_entry".into(),
                student: "ana".into(),
                reason: "event 42: the praise of student `ana` has its lesson closed at 2026-11-17 08:30:00 UTC, before it was entered at 2026-11-17 08:40:00 UTC".into(),
            }
        );
    }

    #[test]
    fn r_a10_every_variant_names_the_position_in_its_reason() {
        let e = AsistentError::from(SmsError::Empty).at_position("entry", 4);
        assert!(
            matches!(&e, AsistentError::EmptySms { reason } if reason == "entry 4: the SMS text is empty: there is nothing to send"),
            "{e:?}"
        );
    }
}
