//! The exception hierarchy of the Python face and the one place core errors become
//! Python exceptions.
//!
//! `AsistentError` subclasses `ValueError`, so ordinary code that catches bad input
//! catches these too. Each exception carries the fields of the error as attributes.

use asistent_core::audit::AuditError as CoreAuditError;
use asistent_core::calendar::CalendarError;
use asistent_core::gdpr::GdprError;
use asistent_core::policy::PolicyError as CorePolicyError;
use pyo3::exceptions::PyValueError;
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

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("AsistentError", py.get_type::<AsistentError>())?;
    m.add("InvalidValueError", py.get_type::<InvalidValueError>())?;
    m.add("YearOutOfRangeError", py.get_type::<YearOutOfRangeError>())?;
    m.add("PolicyError", py.get_type::<PolicyError>())?;
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
            &[("what", obj(py, what)), ("value", obj(py, value))],
        )
    })
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
                CoreAuditError::BadPurpose { .. } => "bad_purpose",
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
        GdprError::InvalidStep { state, event } => with_fields::<RestrictionStepError>(
            message,
            &[("state", obj(py, state)), ("event", obj(py, event))],
        ),
        GdprError::DateOutOfRange { date } => invalid("date", &date.to_string(), message),
        other => invalid("gdpr request", "", other),
    })
}
