//! The school's [`Policy`](asistent_core::policy::Policy), loaded from JSON.

use std::sync::Arc;

use asistent_core::policy;

use crate::convert::LocalDate;
use crate::AsistentError;

/// Every value a school or vendor may change, dated (rules marked **policy**).
#[derive(Debug, uniffi::Object)]
pub struct Policy {
    pub(crate) inner: policy::Policy,
}

#[uniffi::export]
impl Policy {
    /// The catalogue's defaults.
    #[uniffi::constructor]
    pub fn defaults() -> Arc<Policy> {
        Arc::new(Policy {
            inner: policy::Policy::default(),
        })
    }

    /// Reads a policy from JSON; a wrong field or value is refused, naming the field.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Policy>, AsistentError> {
        Ok(Arc::new(Policy {
            inner: policy::Policy::from_json(&json)?,
        }))
    }

    /// The policy as JSON; `fromJson` reads it back unchanged.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The local date from which the policy applies.
    pub fn effective_from(&self) -> LocalDate {
        self.inner.effective_from
    }
}
