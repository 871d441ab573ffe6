//! The school's policy, loaded from JSON.

use asistent_core::chrono::NaiveDate;
use asistent_core::policy;
use pyo3::prelude::*;

use crate::errors;

/// Every value a school or vendor may change, dated (rules marked **policy**).
#[pyclass(frozen, module = "asistent")]
pub(crate) struct Policy {
    pub(crate) inner: policy::Policy,
}

#[pymethods]
impl Policy {
    /// The catalogue's defaults.
    #[staticmethod]
    fn default() -> Policy {
        Policy {
            inner: policy::Policy::default(),
        }
    }

    /// Reads a policy from JSON; a wrong field or value raises `PolicyError` naming it.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Policy> {
        Ok(Policy {
            inner: policy::Policy::from_json(json).map_err(errors::policy)?,
        })
    }

    /// The policy as JSON; `from_json` reads it back unchanged.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The local date from which the policy applies.
    #[getter]
    fn effective_from(&self) -> NaiveDate {
        self.inner.effective_from
    }

    fn __repr__(&self) -> String {
        format!("Policy(effective_from={})", self.inner.effective_from)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Policy>()
}
