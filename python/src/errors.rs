//! The exception hierarchy of the Python face and the one place core errors become
//! Python exceptions.
//!
//! `AsistentError` subclasses `ValueError`, so ordinary code that catches bad input
//! catches these too. Each exception carries the fields of the error as attributes.

use asistent_core::audit::AuditError as CoreAuditError;
use asistent_core::calendar::CalendarError;
use asistent_core::gdpr::GdprError;
use asistent_core::notify::sms::SmsError as CoreSmsError;
use asistent_core::notify::{Addressee, NotifyError as CoreNotifyError};
use asistent_core::policy::PolicyError as CorePolicyError;
use asistent_core::rights::RightsError as CoreRightsError;
use asistent_core::services::ServiceError as CoreServiceError;
use asistent_core::verify::VerifyError;
use asistent_core::visibility::VisibilityError as CoreVisibilityError;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    asistent,
    AsistentError,
    PyValueError,
    "Base of every asistent error."
);
pyo3::create_exception!(
    asistent,
    InvalidValueError,
    AsistentError,
    "A value handed in is malformed: a date, an amount, an instant, a label."
);
pyo3::create_exception!(
    asistent,
    YearOutOfRangeError,
    AsistentError,
    "A year outside the years the calendar knows (1992–2100)."
);
pyo3::create_exception!(
    asistent,
    PolicyError,
    AsistentError,
    "A policy document is unreadable or breaks a rule; `field` names the field."
);
pyo3::create_exception!(
    asistent,
    ServiceError,
    AsistentError,
    "A services request is refused (R-C2 … R-C8); `kind` names the refusal."
);
pyo3::create_exception!(
    asistent,
    InstalmentsNotOfferedError,
    ServiceError,
    "Instalments were asked for: one payment per child and school year (R-C4)."
);
pyo3::create_exception!(
    asistent,
    NotAllowedToChooseError,
    ServiceError,
    "A student (R-C6) or someone not a parent (R-C5) tried to set a service."
);
pyo3::create_exception!(
    asistent,
    WrongRegistrationStateError,
    ServiceError,
    "A revoked or ended registration took an event (R-C8)."
);

pyo3::create_exception!(
    asistent,
    SmsError,
    AsistentError,
    "An SMS text or a list of sent SMS that cannot be counted (R-A10)."
);
pyo3::create_exception!(
    asistent,
    EmptySmsError,
    SmsError,
    "An empty SMS text: there is nothing to send."
);
pyo3::create_exception!(
    asistent,
    SmsTooLongError,
    SmsError,
    "An SMS text that needs more segments than allowed; `segments`, `max`, `encoding`, `units`."
);
pyo3::create_exception!(
    asistent,
    InvalidSentSmsError,
    SmsError,
    "One message of a list of sent SMS cannot be counted; `index`, `reason`."
);

pyo3::create_exception!(
    asistent,
    RightsError,
    AsistentError,
    "The rights facts or a question about them are wrong; `field` names what, `index` the question's position in a batch (or None)."
);
pyo3::create_exception!(
    asistent,
    DatedBeforeBirthError,
    RightsError,
    "A fact or question is dated before the child's birth: `student`, `what`, `date`, `birth_date`."
);
pyo3::create_exception!(
    asistent,
    RelationshipToSelfError,
    RightsError,
    "A person is recorded as related to themselves: `id`, `relationship`."
);
pyo3::create_exception!(
    asistent,
    UnknownCategoryError,
    RightsError,
    "A text names no data category: `input`."
);

pyo3::create_exception!(
    asistent,
    MalformedCodeError,
    AsistentError,
    "A security code, confirmation code or reset token is malformed (a typing mistake; no attempt counted); `what` names which."
);
pyo3::create_exception!(
    asistent,
    InvalidContactError,
    AsistentError,
    "An email address or phone number does not parse; `kind` is \"email\" or \"phone\", `input` the text."
);
pyo3::create_exception!(
    asistent,
    PasswordRefusedError,
    AsistentError,
    "A password is refused; `kind` is too_short, too_long, wrong_old_password or unchanged."
);
pyo3::create_exception!(
    asistent,
    SystemRandomError,
    PyRuntimeError,
    "The operating system's random source failed; nothing was issued (R-B10). A fault of the machine, not of the input: a RuntimeError, deliberately not an AsistentError (which is a ValueError)."
);
pyo3::create_exception!(
    asistent,
    VerificationRefusedError,
    AsistentError,
    "A verification step is not allowed now; `kind` says why."
);

pyo3::create_exception!(
    asistent,
    AuditError,
    AsistentError,
    "An audit-trail check failed (R-F6); `check` names which (\"proof_mismatch\", \"log_altered\", …)."
);
pyo3::create_exception!(
    asistent,
    AuditTruncatedError,
    AuditError,
    "Audit-trail bytes (a proof, a checkpoint, an entry) end too early; `what`, `needed`, `available`."
);
pyo3::create_exception!(
    asistent,
    AuditSignatureError,
    AuditError,
    "A checkpoint's signature does not verify under the given public key; `tree_size`."
);
pyo3::create_exception!(
    asistent,
    UnknownRecordKindError,
    AsistentError,
    "A record kind not in the policy's retention table (R-F9); `record_kind`, `known`."
);
pyo3::create_exception!(
    asistent,
    RestrictionStepError,
    AsistentError,
    "A step a GDPR restriction cannot take now (R-F7), e.g. lifting before telling the person; `state`, `event`."
);

pyo3::create_exception!(
    asistent,
    NotifyError,
    AsistentError,
    "The notification planner refuses its input: `kind` names the refusal."
);
pyo3::create_exception!(
    asistent,
    UnknownSchoolYearError,
    NotifyError,
    "An event entered in a school year the plan does not take (a plan takes its school year's and the previous year's events): `event`, `entered_on`, `event_year`, `planned`."
);
pyo3::create_exception!(
    asistent,
    MissingContactError,
    NotifyError,
    "A recipient chose a channel without its contact: `recipient`, `channel`."
);
pyo3::create_exception!(
    asistent,
    EmptyTextError,
    NotifyError,
    "An event with an empty text field: `event`, `field`."
);
pyo3::create_exception!(
    asistent,
    TextTooLongError,
    NotifyError,
    "A rendered notice too long for its channel: `recipient`, `student`, `channel`, `characters`."
);
pyo3::create_exception!(
    asistent,
    EventRefusedError,
    NotifyError,
    "One of the events given cannot be judged by the visibility engine (a lesson closed before the entry, …): `event` (its ID), `problem`, `student`."
);
pyo3::create_exception!(
    asistent,
    VisibilityError,
    AsistentError,
    "An item or viewer the visibility engine cannot judge; `problem` names it, `index` its position in a batch (or None)."
);
pyo3::create_exception!(
    asistent,
    UnknownItemKindError,
    VisibilityError,
    "A text names no item kind: `input`."
);
pyo3::create_exception!(
    asistent,
    NotTheClassTeacherError,
    VisibilityError,
    "A remark is recorded as forwarded by someone who is not the class teacher (R-D6): `student`, `by`, `student_class`."
);
pyo3::create_exception!(
    asistent,
    InvalidItemError,
    VisibilityError,
    "An item that cannot be judged (a lesson closed or a revision before the entry, …): `problem`, `student`."
);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("MalformedCodeError", py.get_type::<MalformedCodeError>())?;
    m.add("InvalidContactError", py.get_type::<InvalidContactError>())?;
    m.add(
        "PasswordRefusedError",
        py.get_type::<PasswordRefusedError>(),
    )?;
    m.add(
        "VerificationRefusedError",
        py.get_type::<VerificationRefusedError>(),
    )?;
    m.add("SystemRandomError", py.get_type::<SystemRandomError>())?;
    m.add("AsistentError", py.get_type::<AsistentError>())?;
    m.add("InvalidValueError", py.get_type::<InvalidValueError>())?;
    m.add("YearOutOfRangeError", py.get_type::<YearOutOfRangeError>())?;
    m.add("PolicyError", py.get_type::<PolicyError>())?;
    m.add("RightsError", py.get_type::<RightsError>())?;
    m.add(
        "DatedBeforeBirthError",
        py.get_type::<DatedBeforeBirthError>(),
    )?;
    m.add(
        "RelationshipToSelfError",
        py.get_type::<RelationshipToSelfError>(),
    )?;
    m.add(
        "UnknownCategoryError",
        py.get_type::<UnknownCategoryError>(),
    )?;
    m.add("NotifyError", py.get_type::<NotifyError>())?;
    m.add(
        "UnknownSchoolYearError",
        py.get_type::<UnknownSchoolYearError>(),
    )?;
    m.add("MissingContactError", py.get_type::<MissingContactError>())?;
    m.add("EmptyTextError", py.get_type::<EmptyTextError>())?;
    m.add("TextTooLongError", py.get_type::<TextTooLongError>())?;
    m.add("EventRefusedError", py.get_type::<EventRefusedError>())?;
    m.add("SmsError", py.get_type::<SmsError>())?;
    m.add("VisibilityError", py.get_type::<VisibilityError>())?;
    m.add(
        "UnknownItemKindError",
        py.get_type::<UnknownItemKindError>(),
    )?;
    m.add(
        "NotTheClassTeacherError",
        py.get_type::<NotTheClassTeacherError>(),
    )?;
    m.add("InvalidItemError", py.get_type::<InvalidItemError>())?;
    m.add("EmptySmsError", py.get_type::<EmptySmsError>())?;
    m.add("SmsTooLongError", py.get_type::<SmsTooLongError>())?;
    m.add("InvalidSentSmsError", py.get_type::<InvalidSentSmsError>())?;
    m.add("ServiceError", py.get_type::<ServiceError>())?;
    m.add(
        "InstalmentsNotOfferedError",
        py.get_type::<InstalmentsNotOfferedError>(),
    )?;
    m.add(
        "NotAllowedToChooseError",
        py.get_type::<NotAllowedToChooseError>(),
    )?;
    m.add(
        "WrongRegistrationStateError",
        py.get_type::<WrongRegistrationStateError>(),
    )?;
    m.add("AuditError", py.get_type::<AuditError>())?;
    m.add("AuditTruncatedError", py.get_type::<AuditTruncatedError>())?;
    m.add("AuditSignatureError", py.get_type::<AuditSignatureError>())?;
    m.add(
        "UnknownRecordKindError",
        py.get_type::<UnknownRecordKindError>(),
    )?;
    m.add(
        "RestrictionStepError",
        py.get_type::<RestrictionStepError>(),
    )?;
    Ok(())
}

/// An exception of type `T` with `message` and the given attributes.
fn with_fields<T: pyo3::PyTypeInfo>(message: String, fields: &[(&str, Py<PyAny>)]) -> PyErr {
    Python::attach(|py| {
        let err = PyErr::new::<T, _>(message);
        let value = err.value(py);
        for (name, v) in fields {
            // Setting an attribute on a fresh exception instance cannot fail.
            let _ = value.setattr(*name, v.bind(py));
        }
        err
    })
}

fn obj<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: T) -> Py<PyAny> {
    v.into_pyobject(py).map_or_else(
        |_| py.None(),
        |b| pyo3::BoundObject::into_bound(b).into_any().unbind(),
    )
}

/// An `InvalidValueError` for a value of kind `what`.
pub(crate) fn invalid(what: &str, value: &str, reason: impl std::fmt::Display) -> PyErr {
    Python::attach(|py| {
        with_fields::<InvalidValueError>(
            reason.to_string(),
            &[
                ("what", obj(py, what)),
                ("value", obj(py, value)),
                ("index", py.None()),
            ],
        )
    })
}

/// Names the position of a list's bad entry (`entry`: "item", "viewer", …) in an error:
/// the `index` attribute, and the message, which then starts with "item 2: ".
pub(crate) fn at_position(py: Python<'_>, e: &PyErr, entry: &str, index: usize) {
    let value = e.value(py);
    // Setting an attribute on an exception instance cannot fail.
    let _ = value.setattr("index", index);
    let prefix = format!("{entry} {index}: ");
    let message = value.str().map(|m| m.to_string()).unwrap_or_default();
    if !message.starts_with(&prefix) {
        let _ = value.setattr("args", (format!("{prefix}{message}"),));
    }
}

/// A core value this extension does not know (the core is newer than the bindings): an
/// `InvalidValueError`, never a plausible stand-in value.
pub(crate) fn unsupported(what: &str, value: impl std::fmt::Debug) -> PyErr {
    invalid(
        what,
        &format!("{value:?}"),
        format!("unsupported {what} (library version mismatch)"),
    )
}

pub(crate) fn calendar(e: CalendarError) -> PyErr {
    let message = e.to_string();
    match e {
        CalendarError::YearOutOfRange { year, first, last } => Python::attach(|py| {
            with_fields::<YearOutOfRangeError>(
                message,
                &[
                    ("year", obj(py, year)),
                    ("first", obj(py, first)),
                    ("last", obj(py, last)),
                ],
            )
        }),
        CalendarError::MalformedDate { input, .. } => invalid("date", &input, message),
        CalendarError::MalformedSchoolYear { input, .. } => invalid("school year", &input, message),
        other => invalid("calendar input", "", other),
    }
}

pub(crate) fn policy(e: CorePolicyError) -> PyErr {
    let message = e.to_string();
    let field = match &e {
        CorePolicyError::Parse { field, .. } | CorePolicyError::Invalid { field, .. } => {
            field.clone()
        }
        _ => ".".to_owned(),
    };
    Python::attach(|py| with_fields::<self::PolicyError>(message, &[("field", obj(py, field))]))
}

pub(crate) fn service(e: CoreServiceError) -> PyErr {
    let message = e.to_string();
    let kind = e.code();
    Python::attach(|py| match e {
        CoreServiceError::Calendar(c) => calendar(c),
        CoreServiceError::InstalmentsNotOffered { requested } => {
            with_fields::<InstalmentsNotOfferedError>(
                message,
                &[("kind", obj(py, kind)), ("requested", obj(py, requested))],
            )
        }
        CoreServiceError::StudentCannotChoose => with_fields::<NotAllowedToChooseError>(
            message,
            &[("kind", obj(py, kind)), ("chooser", obj(py, "student"))],
        ),
        CoreServiceError::NotALegalRepresentative => with_fields::<NotAllowedToChooseError>(
            message,
            &[("kind", obj(py, kind)), ("chooser", obj(py, "other"))],
        ),
        CoreServiceError::WrongState {
            event,
            state,
            since,
        } => with_fields::<WrongRegistrationStateError>(
            message,
            &[
                ("kind", obj(py, kind)),
                ("event", obj(py, event)),
                ("state", obj(py, state)),
                ("since", obj(py, since)),
            ],
        ),
        _ => with_fields::<ServiceError>(message, &[("kind", obj(py, kind))]),
    })
}

pub(crate) fn sms(e: CoreSmsError) -> PyErr {
    let message = e.to_string();
    Python::attach(|py| match e {
        CoreSmsError::Empty => with_fields::<EmptySmsError>(message, &[]),
        CoreSmsError::TooLong {
            segments,
            max,
            encoding,
            units,
        } => with_fields::<SmsTooLongError>(
            message,
            &[
                ("segments", obj(py, segments)),
                ("max", obj(py, max)),
                ("encoding", obj(py, crate::sms::encoding_name(encoding))),
                ("units", obj(py, units)),
            ],
        ),
        CoreSmsError::InvalidMessage { index, reason } => with_fields::<InvalidSentSmsError>(
            message,
            &[("index", obj(py, index)), ("reason", obj(py, reason))],
        ),
        // As the Kotlin/Swift faces give it: an invalid value, the amount named.
        CoreSmsError::AmountTooLarge { what } => invalid("SMS amount", what, message),
        _ => with_fields::<self::SmsError>(message, &[]),
    })
}

pub(crate) fn rights(e: CoreRightsError) -> PyErr {
    let message = e.to_string();
    Python::attach(|py| match e {
        CoreRightsError::DatedBeforeBirth {
            student,
            what,
            date,
            birth_date,
        } => with_fields::<DatedBeforeBirthError>(
            message,
            &[
                // The fact that carried the date, as `InvalidFact` names it.
                ("field", obj(py, what.clone())),
                ("index", py.None()),
                ("student", obj(py, student)),
                ("what", obj(py, what)),
                ("date", obj(py, date)),
                ("birth_date", obj(py, birth_date)),
            ],
        ),
        CoreRightsError::RelationshipToSelf { id, relationship } => {
            with_fields::<RelationshipToSelfError>(
                message,
                &[
                    // The person related to themselves, as `UnknownStudent` names one.
                    ("field", obj(py, id.clone())),
                    ("index", py.None()),
                    ("id", obj(py, id)),
                    ("relationship", obj(py, relationship)),
                ],
            )
        }
        CoreRightsError::UnknownCategory(u) => with_fields::<UnknownCategoryError>(
            message,
            &[
                ("field", obj(py, "category")),
                ("index", py.None()),
                ("input", obj(py, u.input)),
            ],
        ),
        CoreRightsError::InvalidPerson { kind, id, .. } => {
            invalid(&format!("{kind} ID"), &id, message)
        }
        CoreRightsError::Parse { field, .. } => {
            with_fields::<RightsError>(message, &[("field", obj(py, field)), ("index", py.None())])
        }
        CoreRightsError::UnknownStudent { student }
        | CoreRightsError::DuplicateStudent { student } => with_fields::<RightsError>(
            message,
            &[("field", obj(py, student)), ("index", py.None())],
        ),
        CoreRightsError::InvalidFact { what, .. } => {
            with_fields::<RightsError>(message, &[("field", obj(py, what)), ("index", py.None())])
        }
        _ => with_fields::<RightsError>(message, &[("field", obj(py, ".")), ("index", py.None())]),
    })
}

pub(crate) fn verify(e: VerifyError) -> PyErr {
    let message = e.to_string();
    Python::attach(|py| {
        let kind = |k: &str| obj(py, k.to_owned());
        match &e {
            VerifyError::CodeWrongLength { .. }
            | VerifyError::CodeBadCharacter { .. }
            | VerifyError::CodeCheckFailed => {
                with_fields::<MalformedCodeError>(message, &[("what", kind("security code"))])
            }
            VerifyError::ConfirmationCodeMalformed { .. } => {
                with_fields::<MalformedCodeError>(message, &[("what", kind("confirmation code"))])
            }
            VerifyError::ResetTokenMalformed { .. } => {
                with_fields::<MalformedCodeError>(message, &[("what", kind("reset token"))])
            }
            VerifyError::InvalidEmail { input, .. } => with_fields::<InvalidContactError>(
                message,
                &[("kind", kind("email")), ("input", obj(py, input.clone()))],
            ),
            VerifyError::InvalidPhone { input, .. } => with_fields::<InvalidContactError>(
                message,
                &[("kind", kind("phone")), ("input", obj(py, input.clone()))],
            ),
            VerifyError::PasswordTooShort { .. } => {
                with_fields::<PasswordRefusedError>(message, &[("kind", kind("too_short"))])
            }
            VerifyError::PasswordTooLong { .. } => {
                with_fields::<PasswordRefusedError>(message, &[("kind", kind("too_long"))])
            }
            VerifyError::WrongOldPassword => with_fields::<PasswordRefusedError>(
                message,
                &[("kind", kind("wrong_old_password"))],
            ),
            VerifyError::PasswordUnchanged => {
                with_fields::<PasswordRefusedError>(message, &[("kind", kind("unchanged"))])
            }
            VerifyError::RandomFailure => SystemRandomError::new_err(message),
            VerifyError::Sms(e) => sms(e.clone()),
            other => {
                let k = match other {
                    VerifyError::ContactMismatch { .. } => "contact_mismatch",
                    VerifyError::PortalNotActive => "portal_not_active",
                    VerifyError::NotYourChild { .. } => "not_your_child",
                    VerifyError::UnexpectedEvent { .. } => "unexpected_event",
                    VerifyError::HashRecordInvalid { .. } => "hash_record_invalid",
                    VerifyError::RecordMismatch => "record_mismatch",
                    VerifyError::ServiceChoiceRefused { .. } => "service_choice",
                    // A variant added to the core later: named "other", its text kept.
                    _ => "other",
                };
                with_fields::<VerificationRefusedError>(message, &[("kind", kind(k))])
            }
        }
    })
}

pub(crate) fn audit(e: CoreAuditError) -> PyErr {
    let message = e.to_string();
    Python::attach(|py| match e {
        CoreAuditError::Truncated {
            what,
            needed,
            available,
        } => with_fields::<AuditTruncatedError>(
            message,
            &[
                ("check", obj(py, "truncated")),
                ("what", obj(py, what)),
                ("needed", obj(py, needed)),
                ("available", obj(py, available)),
            ],
        ),
        CoreAuditError::BadSignature { tree_size } => with_fields::<AuditSignatureError>(
            message,
            &[
                ("check", obj(py, "bad_signature")),
                ("tree_size", obj(py, tree_size)),
            ],
        ),
        other => {
            let check = match other {
                CoreAuditError::TrailingBytes { .. } => "trailing_bytes",
                CoreAuditError::UnknownFormat { .. } => "unknown_format",
                CoreAuditError::Malformed { .. } => "malformed",
                CoreAuditError::BadKey { .. } => "bad_key",
                CoreAuditError::SizeMismatch { .. } => "size_mismatch",
                CoreAuditError::OutOfRange { .. } => "out_of_range",
                CoreAuditError::WrongProofLength { .. } => "wrong_proof_length",
                CoreAuditError::ProofMismatch { .. } => "proof_mismatch",
                CoreAuditError::LogTruncated { .. } => "log_truncated",
                CoreAuditError::LogAltered { .. } => "log_altered",
                CoreAuditError::VendorAccessWithoutRequest => "vendor_access_without_request",
                CoreAuditError::AccessRefused { .. } => "access_refused",
                CoreAuditError::BadPurpose { .. } => "bad_purpose",
                CoreAuditError::BadBasis { .. } => "bad_basis",
                _ => "other",
            };
            with_fields::<AuditError>(message, &[("check", obj(py, check))])
        }
    })
}

pub(crate) fn gdpr(e: GdprError) -> PyErr {
    let message = e.to_string();
    Python::attach(|py| match e {
        GdprError::UnknownRecordKind { record_kind, known } => {
            with_fields::<UnknownRecordKindError>(
                message,
                &[
                    ("record_kind", obj(py, record_kind)),
                    ("known", obj(py, known)),
                ],
            )
        }
        GdprError::LiftWithoutNotice { .. } => with_fields::<RestrictionStepError>(
            message,
            &[("state", obj(py, "active")), ("event", obj(py, "lift"))],
        ),
        GdprError::InvalidStep { state, event }
        | GdprError::StepBeforePrevious { state, event, .. } => {
            with_fields::<RestrictionStepError>(
                message,
                &[("state", obj(py, state)), ("event", obj(py, event))],
            )
        }
        GdprError::DateOutOfRange { date } => invalid("date", &date.to_string(), message),
        GdprError::UnreadableRestriction { .. } => invalid("stored restriction", "", message),
        other => invalid("gdpr request", "", other),
    })
}

pub(crate) fn notify(e: CoreNotifyError) -> PyErr {
    let message = e.to_string();
    let kind = e.code();
    let who = |a: &Addressee| match a {
        Addressee::Guardian(g) => g.as_str().to_owned(),
        Addressee::Student(s) => s.as_str().to_owned(),
        _ => String::new(),
    };
    Python::attach(|py| match e {
        CoreNotifyError::UnknownSchoolYear {
            event,
            entered_on,
            event_year,
            planned,
        } => with_fields::<UnknownSchoolYearError>(
            message,
            &[
                ("kind", obj(py, kind)),
                ("event", obj(py, event.0)),
                ("entered_on", obj(py, entered_on)),
                ("event_year", obj(py, event_year)),
                ("planned", obj(py, planned.label())),
            ],
        ),
        CoreNotifyError::MissingContact { recipient, channel } => {
            with_fields::<MissingContactError>(
                message,
                &[
                    ("kind", obj(py, kind)),
                    ("recipient", obj(py, who(&recipient))),
                    ("channel", obj(py, channel.code())),
                ],
            )
        }
        CoreNotifyError::EmptyText { event, field } => with_fields::<EmptyTextError>(
            message,
            &[
                ("kind", obj(py, kind)),
                ("event", obj(py, event.0)),
                ("field", obj(py, field)),
            ],
        ),
        CoreNotifyError::TextTooLong {
            recipient,
            student,
            channel,
            characters,
            ..
        } => with_fields::<TextTooLongError>(
            message,
            &[
                ("kind", obj(py, kind)),
                ("recipient", obj(py, recipient.as_str())),
                ("student", obj(py, student.as_str())),
                ("channel", obj(py, channel.code())),
                ("characters", obj(py, characters)),
            ],
        ),
        CoreNotifyError::EventRefused { event, error } => {
            let student = match error.innermost() {
                CoreVisibilityError::LessonClosedBeforeEntry { student, .. }
                | CoreVisibilityError::ForwardedBeforeEntry { student, .. }
                | CoreVisibilityError::RevisedBeforeEntry { student, .. }
                | CoreVisibilityError::LatestGradeUnknown { student }
                | CoreVisibilityError::ForwardedByNotClassTeacher { student, .. }
                | CoreVisibilityError::ViewerOfAnotherStudent {
                    item_student: student,
                    ..
                } => student.as_str().to_owned(),
                _ => String::new(),
            };
            with_fields::<EventRefusedError>(
                message,
                &[
                    ("kind", obj(py, kind)),
                    ("event", obj(py, event.0)),
                    ("problem", obj(py, error.code())),
                    ("student", obj(py, student)),
                ],
            )
        }
        CoreNotifyError::Services(s) => service(s),
        CoreNotifyError::Rights(r) => rights(r),
        CoreNotifyError::Calendar(c) => calendar(c),
        _ => with_fields::<NotifyError>(message, &[("kind", obj(py, kind))]),
    })
}

pub(crate) fn visibility(e: CoreVisibilityError) -> PyErr {
    // A batch's error names the item's or viewer's position (attribute and message),
    // whatever its class (a rights or calendar error too).
    match e {
        CoreVisibilityError::AtItem { index, error } => {
            let err = visibility(*error);
            Python::attach(|py| at_position(py, &err, "item", index));
            return err;
        }
        CoreVisibilityError::AtViewer { index, error } => {
            let err = visibility(*error);
            Python::attach(|py| at_position(py, &err, "viewer", index));
            return err;
        }
        _ => {}
    }
    let message = e.to_string();
    let index: Option<usize> = None;
    let problem = e.code();
    Python::attach(|py| match e.innermost().clone() {
        CoreVisibilityError::UnknownKind { input } => with_fields::<UnknownItemKindError>(
            message,
            &[
                ("input", obj(py, input)),
                ("problem", obj(py, problem)),
                ("index", obj(py, index)),
            ],
        ),
        CoreVisibilityError::ForwardedByNotClassTeacher {
            student, by, class, ..
        } => with_fields::<NotTheClassTeacherError>(
            message,
            &[
                ("student", obj(py, student.as_str())),
                ("by", obj(py, by.as_str())),
                ("student_class", obj(py, class)),
                ("problem", obj(py, problem)),
                ("index", obj(py, index)),
            ],
        ),
        CoreVisibilityError::Rights(r) => rights(r),
        CoreVisibilityError::Calendar(c) => calendar(c),
        inner => {
            let student = match &inner {
                CoreVisibilityError::LessonClosedBeforeEntry { student, .. }
                | CoreVisibilityError::ForwardedBeforeEntry { student, .. }
                | CoreVisibilityError::RevisedBeforeEntry { student, .. }
                | CoreVisibilityError::LatestGradeUnknown { student }
                | CoreVisibilityError::ViewerOfAnotherStudent {
                    item_student: student,
                    ..
                } => student.as_str().to_owned(),
                _ => String::new(),
            };
            with_fields::<InvalidItemError>(
                message,
                &[
                    ("student", obj(py, student)),
                    ("problem", obj(py, problem)),
                    ("index", obj(py, index)),
                ],
            )
        }
    })
}
