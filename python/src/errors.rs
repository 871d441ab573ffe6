//! The exception hierarchy of the Python face and the one place core errors become
//! Python exceptions.
//!
//! `AsistentError` subclasses `ValueError`, so ordinary code that catches bad input
//! catches these too. Each exception carries the fields of the error as attributes.

use asistent_core::calendar::CalendarError;
use asistent_core::policy::PolicyError as CorePolicyError;
use asistent_core::verify::VerifyError;
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
    VerificationRefusedError,
    AsistentError,
    "A verification step is not allowed now; `kind` says why."
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
    m.add("AsistentError", py.get_type::<AsistentError>())?;
    m.add("InvalidValueError", py.get_type::<InvalidValueError>())?;
    m.add("YearOutOfRangeError", py.get_type::<YearOutOfRangeError>())?;
    m.add("PolicyError", py.get_type::<PolicyError>())?;
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
            other => {
                let k = match other {
                    VerifyError::ContactMismatch { .. } => "contact_mismatch",
                    VerifyError::PortalNotActive => "portal_not_active",
                    VerifyError::NotYourChild { .. } => "not_your_child",
                    VerifyError::UnexpectedEvent { .. } => "unexpected_event",
                    _ => "random_failure",
                };
                with_fields::<VerificationRefusedError>(message, &[("kind", kind(k))])
            }
        }
    })
}
