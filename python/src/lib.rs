//! pyo3 bindings of `asistent-core`: the Python package `asistent`.
//!
//! This crate translates; it never decides. Errors are mapped in one place ([`errors`]),
//! dates, instants and money in one place ([`convert`]).

use pyo3::prelude::*;

mod audit;
mod calendar;
mod convert;
mod errors;
mod gdpr;
mod money;
mod notify;
mod policy;
mod rights;
mod services;
mod sms;
mod verify;
mod visibility;

/// The native module `asistent._asistent`; the package `asistent` re-exports it.
#[pymodule]
fn _asistent(m: &Bound<'_, PyModule>) -> PyResult<()> {
    audit::register(m)?;
    gdpr::register(m)?;
    errors::register(m)?;
    verify::register(m)?;
    policy::register(m)?;
    rights::register(m)?;
    calendar::register(m)?;
    money::register(m)?;
    services::register(m)?;
    sms::register(m)?;
    notify::register(m)?;
    visibility::register(m)?;
    Ok(())
}
