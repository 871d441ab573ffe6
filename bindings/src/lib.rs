//! uniffi bindings of `asistent-core` for Kotlin (package `si.asistent`) and Swift
//! (module `Asistent`).
//!
//! This crate translates; it never decides. Errors are mapped in one place
//! ([`error`]), dates, instants and money in one place ([`convert`]); each domain area has
//! its own module of thin wrappers.

uniffi::setup_scaffolding!();

pub mod audit;
pub mod calendar;
pub mod convert;
pub mod error;
pub mod gdpr;
pub mod money;
pub mod notify;
pub mod policy;
pub mod rights;
pub mod services;
pub mod sms;
pub mod verify;
pub mod visibility;

pub use error::AsistentError;
