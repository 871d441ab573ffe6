//! GDPR requests (R-F7), controller and processor (R-F8), statutory collections and the
//! retention schedule (R-F9). Kinds and parties are lowercase strings.

use asistent_core::chrono::{DateTime, NaiveDate, Utc};
use asistent_core::gdpr as core_gdpr;
use asistent_core::policy::Policy as CorePolicy;
use pyo3::prelude::*;

use crate::policy::Policy;
use crate::{convert, errors};

fn policy_of(policy: Option<&Policy>) -> CorePolicy {
    policy.map_or_else(CorePolicy::default, |p| p.inner.clone())
}

fn party(p: core_gdpr::Party) -> PyResult<&'static str> {
    Ok(match p {
        core_gdpr::Party::School => "school",
        core_gdpr::Party::Vendor => "vendor",
        other => return Err(errors::unsupported("data party", other)),
    })
}

fn choose<T: Copy>(what: &str, text: &str, options: &[(&str, T)]) -> PyResult<T> {
    options
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names = options
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ");
            errors::invalid(
                what,
                text,
                format!("`{text}` is not a {what} (expected one of: {names})"),
            )
        })
}

/// A statutory collection (ZOsn Art. 95) with its legal basis (R-F9).
#[pyclass(frozen, module = "asistent", get_all)]
struct CollectionInfo {
    code: &'static str,
    point: u8,
    label_sl: &'static str,
    label_en: &'static str,
    needs_parental_consent: bool,
    special_category: bool,
    legal_basis_sl: &'static str,
    legal_basis_en: &'static str,
}

/// The four statutory collections, in the order of the act (R-F9).
#[pyfunction]
fn statutory_collections() -> Vec<CollectionInfo> {
    core_gdpr::Collection::ALL
        .into_iter()
        .map(|c| CollectionInfo {
            code: c.code(),
            point: c.point(),
            label_sl: c.label_sl(),
            label_en: c.label_en(),
            needs_parental_consent: c.needs_parental_consent(),
            special_category: c.special_category(),
            legal_basis_sl: c.legal_basis_sl(),
            legal_basis_en: c.legal_basis_en(),
        })
        .collect()
}

/// `(controller, processor)` of a record kind: "school"/"vendor", processor or None (R-F8).
#[pyfunction]
#[pyo3(signature = (record_kind, policy = None))]
fn data_roles(
    record_kind: &str,
    policy: Option<&Policy>,
) -> PyResult<(&'static str, Option<&'static str>)> {
    let r = core_gdpr::data_roles(&policy_of(policy), record_kind).map_err(errors::gdpr)?;
    Ok((party(r.controller)?, r.processor.map(party).transpose()?))
}

/// The date a record must be deleted, given the end of schooling; or "permanent", or
/// "not_statutory" (R-F9).
#[pyfunction]
#[pyo3(signature = (record_kind, end_of_schooling, policy = None))]
fn deletion_date(
    py: Python<'_>,
    record_kind: &str,
    end_of_schooling: &Bound<'_, PyAny>,
    policy: Option<&Policy>,
) -> PyResult<Py<PyAny>> {
    let end = convert::date(end_of_schooling)?;
    let d = core_gdpr::deletion_date(&policy_of(policy), record_kind, end).map_err(errors::gdpr)?;
    Ok(match d {
        core_gdpr::DeletionDate::On(date) => date.into_pyobject(py)?.into_any().unbind(),
        core_gdpr::DeletionDate::Permanent => "permanent".into_pyobject(py)?.into_any().unbind(),
        core_gdpr::DeletionDate::NotStatutory => {
            "not_statutory".into_pyobject(py)?.into_any().unbind()
        }
        other => return Err(errors::unsupported("deletion date", other)),
    })
}

/// What happens with a GDPR request and why (R-F7, R-F8, R-F9).
#[pyclass(frozen, module = "asistent", get_all)]
struct GdprOutcome {
    decision: &'static str,
    controller: &'static str,
    processor: Option<&'static str>,
    provisions: Vec<&'static str>,
    text_sl: String,
    text_en: String,
    notify_before_lifting: bool,
    delete_on: Option<NaiveDate>,
    provide_copy: bool,
    complaint_to: Option<&'static str>,
    complaint: Option<Py<ComplaintAuthority>>,
    rules: Vec<&'static str>,
}

/// Where a refused requester may complain (R-F7): `authority_sl`, `authority_en`,
/// `address`, `email`, `phone`.
#[pyclass(frozen, module = "asistent", get_all)]
struct ComplaintAuthority {
    authority_sl: &'static str,
    authority_en: &'static str,
    address: &'static str,
    email: &'static str,
    phone: &'static str,
}

#[pymethods]
impl ComplaintAuthority {
    fn __repr__(&self) -> String {
        format!("ComplaintAuthority({:?})", self.authority_en)
    }
}

#[pymethods]
impl GdprOutcome {
    fn __repr__(&self) -> String {
        format!(
            "GdprOutcome(decision={:?}, provisions={:?})",
            self.decision, self.provisions
        )
    }
}

/// Decides a GDPR request on `today` (R-F7, R-F8, R-F9).
///
/// `kind`: "access", "rectification", "erasure", "restriction"; `standing`:
/// "parent_of_minor", "legal_representative_of_minor", "adult_student", "not_entitled".
#[pyfunction]
#[pyo3(signature = (kind, record_kind, today, *, standing, end_of_schooling = None, accuracy_contested = false, consent_withdrawn = false, policy = None))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
fn gdpr_decide(
    kind: &str,
    record_kind: &str,
    today: &Bound<'_, PyAny>,
    standing: &str,
    end_of_schooling: Option<&Bound<'_, PyAny>>,
    accuracy_contested: bool,
    consent_withdrawn: bool,
    policy: Option<&Policy>,
) -> PyResult<GdprOutcome> {
    use core_gdpr::{RequestKind as K, Standing as S};
    let request = core_gdpr::GdprRequest {
        standing: choose(
            "standing",
            standing,
            &[
                ("parent_of_minor", S::ParentOfMinor),
                (
                    "legal_representative_of_minor",
                    S::LegalRepresentativeOfMinor,
                ),
                ("adult_student", S::AdultStudent),
                ("not_entitled", S::NotEntitled),
            ],
        )?,
        kind: choose(
            "request kind",
            kind,
            &[
                ("access", K::Access),
                ("rectification", K::Rectification),
                ("erasure", K::Erasure),
                ("restriction", K::Restriction),
            ],
        )?,
        record_kind: record_kind.to_owned(),
        end_of_schooling: end_of_schooling.map(convert::date).transpose()?,
        accuracy_contested,
        consent_withdrawn,
    };
    let today = convert::date(today)?;
    let out = core_gdpr::decide(&request, today, &policy_of(policy)).map_err(errors::gdpr)?;
    Ok(GdprOutcome {
        decision: match out.decision {
            core_gdpr::Decision::Granted => "granted",
            core_gdpr::Decision::Refused => "refused",
            other => return Err(errors::unsupported("GDPR decision", other)),
        },
        controller: party(out.roles.controller)?,
        processor: out.roles.processor.map(party).transpose()?,
        provisions: out.provisions.clone(),
        text_sl: out.text_sl,
        text_en: out.text_en,
        notify_before_lifting: out
            .duties
            .contains(&core_gdpr::Duty::NotifyBeforeLiftingRestriction),
        delete_on: out.duties.iter().find_map(|d| match d {
            core_gdpr::Duty::DeleteOn(date) => Some(*date),
            _ => None,
        }),
        provide_copy: out.duties.contains(&core_gdpr::Duty::ProvideCopy),
        complaint_to: out.complaint.as_ref().map(|c| c.authority_sl),
        complaint: out
            .complaint
            .map(|c| {
                Python::attach(|py| {
                    Py::new(
                        py,
                        ComplaintAuthority {
                            authority_sl: c.authority_sl,
                            authority_en: c.authority_en,
                            address: c.address,
                            email: c.email,
                            phone: c.phone,
                        },
                    )
                })
            })
            .transpose()?,
        rules: out.rules.iter().map(|r| r.as_str()).collect(),
    })
}

/// A restriction of processing while accuracy is contested; lifting it requires telling
/// the person first (R-F7). Each step returns the next state.
#[pyclass(frozen, module = "asistent")]
struct GdprRestriction {
    inner: core_gdpr::Restriction,
    policy: CorePolicy,
    last_step: Option<Py<GdprRestrictionStep>>,
}

/// What the last step of a restriction did (R-F7): `text_sl`, `text_en`, `rule_ids`.
#[pyclass(frozen, module = "asistent", get_all)]
struct GdprRestrictionStep {
    text_sl: String,
    text_en: String,
    rule_ids: Vec<&'static str>,
}

#[pymethods]
impl GdprRestrictionStep {
    fn __repr__(&self) -> String {
        format!("GdprRestrictionStep({:?})", self.text_en)
    }
}

#[pymethods]
impl GdprRestriction {
    /// A restriction of a record kind starting at `now`.
    #[staticmethod]
    #[pyo3(signature = (record_kind, now, policy = None))]
    fn start(
        record_kind: &str,
        now: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<GdprRestriction> {
        let policy = policy_of(policy);
        let inner = core_gdpr::Restriction::start(record_kind, convert::instant(now)?, &policy)
            .map_err(errors::gdpr)?;
        Ok(GdprRestriction {
            inner,
            policy,
            last_step: None,
        })
    }

    /// Reads a restriction stored with `to_json`, to take its next steps under `policy`
    /// (which may be a later school year's); lifting may come weeks after telling the
    /// person.
    #[staticmethod]
    #[pyo3(signature = (json, policy = None))]
    fn from_json(json: &str, policy: Option<&Policy>) -> PyResult<GdprRestriction> {
        let policy = policy_of(policy);
        let inner = core_gdpr::Restriction::from_json(json).map_err(|e| match e {
            core_gdpr::GdprError::UnreadableRestriction { .. } => {
                errors::invalid("stored restriction", json, e)
            }
            other => errors::gdpr(other),
        })?;
        Ok(GdprRestriction {
            inner,
            policy,
            last_step: None,
        })
    }

    /// The restriction as JSON, for storage between its steps.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The record kind under restriction.
    #[getter]
    fn record_kind(&self) -> &str {
        self.inner.record_kind()
    }

    /// Since when processing is restricted (None once lifted).
    #[getter]
    fn since(&self) -> Option<DateTime<Utc>> {
        self.inner.since()
    }

    /// When the person was told that the restriction will be lifted.
    #[getter]
    fn notified_at(&self) -> Option<DateTime<Utc>> {
        self.inner.notified_at()
    }

    /// When the restriction was lifted.
    #[getter]
    fn lifted_at(&self) -> Option<DateTime<Utc>> {
        self.inner.lifted_at()
    }

    /// What the step that made this state did (None for a started or read restriction).
    #[getter]
    fn last_step(&self, py: Python<'_>) -> Option<Py<GdprRestrictionStep>> {
        self.last_step.as_ref().map(|s| s.clone_ref(py))
    }

    /// "active", "lifting_notified" or "lifted".
    #[getter]
    fn state(&self) -> &'static str {
        self.inner.name()
    }

    /// Whether processing is restricted.
    #[getter]
    fn is_restricted(&self) -> bool {
        self.inner.is_restricted()
    }

    /// The person is told that the restriction will be lifted.
    fn notify_person(&self, now: &Bound<'_, PyAny>) -> PyResult<GdprRestriction> {
        self.step(
            core_gdpr::RestrictionEvent::NotifyPerson,
            convert::instant(now)?,
        )
    }

    /// Lifts the restriction; raises `RestrictionStepError` before the person was told.
    fn lift(&self, now: &Bound<'_, PyAny>) -> PyResult<GdprRestriction> {
        self.step(core_gdpr::RestrictionEvent::Lift, convert::instant(now)?)
    }

    fn __repr__(&self) -> String {
        format!("GdprRestriction(state={:?})", self.inner.name())
    }
}

impl GdprRestriction {
    fn step(
        &self,
        event: core_gdpr::RestrictionEvent,
        now: DateTime<Utc>,
    ) -> PyResult<GdprRestriction> {
        let (inner, out) = self
            .inner
            .apply(event, now, &self.policy)
            .map_err(errors::gdpr)?;
        let step = Python::attach(|py| {
            Py::new(
                py,
                GdprRestrictionStep {
                    text_sl: out.text_sl,
                    text_en: out.text_en,
                    rule_ids: out.rules.iter().map(|r| r.as_str()).collect(),
                },
            )
        })?;
        Ok(GdprRestriction {
            inner,
            policy: self.policy.clone(),
            last_step: Some(step),
        })
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CollectionInfo>()?;
    m.add_class::<GdprOutcome>()?;
    m.add_class::<ComplaintAuthority>()?;
    m.add_class::<GdprRestriction>()?;
    m.add_class::<GdprRestrictionStep>()?;
    m.add_function(wrap_pyfunction!(statutory_collections, m)?)?;
    m.add_function(wrap_pyfunction!(data_roles, m)?)?;
    m.add_function(wrap_pyfunction!(deletion_date, m)?)?;
    m.add_function(wrap_pyfunction!(gdpr_decide, m)?)?;
    Ok(())
}
