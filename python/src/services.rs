//! Services, prices, quotes and registrations (R-C1 … R-C9). Services and choosers are
//! lowercase strings (`"za_starse"`, `"legal_representative"`); money is
//! `decimal.Decimal`; school years are `SchoolYear` or labels like `"2025/26"`.

use asistent_core::calendar::SchoolYear;
use asistent_core::chrono::NaiveDate;
use asistent_core::ids::{GuardianId, InvalidId, SchoolId, StudentId};
use asistent_core::policy::Policy as CorePolicy;
use asistent_core::rust_decimal::Decimal;
use asistent_core::services as core;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::policy::Policy;
use crate::{convert, errors};

fn id_error(e: InvalidId) -> PyErr {
    errors::invalid(e.kind, &e.input.clone(), e)
}

fn service_of(name: &str) -> PyResult<core::Service> {
    name.parse::<core::Service>()
        .map_err(|e| errors::invalid("service", name, e))
}

fn chooser_of(name: &str) -> PyResult<core::Chooser> {
    match name {
        "legal_representative" => Ok(core::Chooser::LegalRepresentative),
        "student" => Ok(core::Chooser::Student),
        "other" => Ok(core::Chooser::Other),
        other => Err(errors::invalid(
            "chooser",
            other,
            format!(
                "`{other}` is not a chooser (expected \"legal_representative\", \"student\" or \"other\")"
            ),
        )),
    }
}

/// A `SchoolYear` or a label such as "2025/26" (anything whose `str()` is the label).
fn school_year_of(value: &Bound<'_, PyAny>) -> PyResult<SchoolYear> {
    let label: String = value.str()?.extract()?;
    label.parse().map_err(errors::calendar)
}

fn policy_of(policy: Option<&Policy>) -> CorePolicy {
    policy.map_or_else(CorePolicy::default, |p| p.inner.clone())
}

fn rules(reasons: &[asistent_core::rules::RuleId]) -> Vec<&'static str> {
    reasons.iter().map(|r| r.as_str()).collect()
}

/// One dated price list (R-C2): prices as `decimal.Decimal`.
#[pyclass(frozen, module = "asistent", get_all)]
struct PriceList {
    from_school_year: String,
    za_starse: Decimal,
    za_ucence: Decimal,
    popolni: Decimal,
    za_ucence_addon: Decimal,
}

#[pymethods]
impl PriceList {
    fn __repr__(&self) -> String {
        format!(
            "PriceList(from_school_year='{}', za_starse={}, za_ucence={}, popolni={}, za_ucence_addon={})",
            self.from_school_year, self.za_starse, self.za_ucence, self.popolni, self.za_ucence_addon
        )
    }
}

/// The price list a policy applies in a school year (R-C2), or `None`.
/// The error of the entry at `index` of a list, its position named ("order 1: …").
fn at(e: PyErr, entry: &str, index: usize) -> PyErr {
    Python::attach(|py| errors::at_position(py, &e, entry, index));
    e
}

#[pyfunction]
#[pyo3(signature = (school_year, policy = None))]
fn price_list_for(
    school_year: &Bound<'_, PyAny>,
    policy: Option<&Policy>,
) -> PyResult<Option<PriceList>> {
    let year = school_year_of(school_year)?;
    Ok(policy_of(policy)
        .services
        .price_list_for(year)
        .map(|l| PriceList {
            from_school_year: l.from_school_year.label(),
            za_starse: l.za_starse,
            za_ucence: l.za_ucence,
            popolni: l.popolni,
            za_ucence_addon: l.za_ucence_addon,
        }))
}

/// One line of a quote: `item` ("za_starse", "za_ucence_addon", …), `label_sl`, `amount`.
#[pyclass(frozen, module = "asistent", get_all)]
struct QuoteLine {
    item: &'static str,
    label_sl: &'static str,
    amount: Decimal,
}

#[pymethods]
impl QuoteLine {
    fn __repr__(&self) -> String {
        format!("QuoteLine(item={:?}, amount={})", self.item, self.amount)
    }
}

/// One child's quote for a school year: one payment (R-C4).
#[pyclass(frozen, module = "asistent", get_all)]
struct ChildQuote {
    student: String,
    service: &'static str,
    lines: Vec<Py<QuoteLine>>,
    total: Decimal,
    reasons: Vec<&'static str>,
}

#[pymethods]
impl ChildQuote {
    fn __repr__(&self) -> String {
        format!(
            "ChildQuote(student={:?}, service={:?}, total={})",
            self.student, self.service, self.total
        )
    }
}

/// A family's quote for a school year (R-C4); `str()` gives the Slovenian text.
#[pyclass(frozen, module = "asistent", get_all)]
struct FamilyQuote {
    school_year: String,
    children: Vec<Py<ChildQuote>>,
    total: Decimal,
    reasons: Vec<&'static str>,
    text_sl: String,
    text_en: String,
}

#[pymethods]
impl FamilyQuote {
    fn __str__(&self) -> String {
        self.text_sl.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "FamilyQuote(school_year='{}', children={}, total={})",
            self.school_year,
            self.children.len(),
            self.total
        )
    }
}

fn line_code(item: core::LineItem) -> PyResult<&'static str> {
    Ok(match item {
        core::LineItem::Minimalni => "minimalni",
        core::LineItem::NoElectronicContact => "no_electronic_contact",
        core::LineItem::ZaStarse => "za_starse",
        core::LineItem::ZaUcence => "za_ucence",
        core::LineItem::ZaUcenceAddon => "za_ucence_addon",
        other => return Err(errors::unsupported("quote line item", other)),
    })
}

/// What a family pays for a school year (R-C2, R-C4, R-C9). `orders` is a mapping or
/// any iterable of `(student, service)` pairs; `instalments` must be 1.
#[pyfunction]
#[pyo3(
    signature = (school_year, orders, policy = None, instalments = None),
    text_signature = "(school_year, orders, policy=None, instalments=1)"
)]
fn quote_family(
    py: Python<'_>,
    school_year: &Bound<'_, PyAny>,
    orders: &Bound<'_, PyAny>,
    policy: Option<&Policy>,
    instalments: Option<&Bound<'_, PyAny>>,
) -> PyResult<FamilyQuote> {
    let instalments: u32 = convert::opt_int(instalments, "instalments")?.unwrap_or(1);
    let year = school_year_of(school_year)?;
    let pairs = if let Ok(dict) = orders.cast::<PyDict>() {
        dict.items().into_any()
    } else {
        orders.clone()
    };
    let mut parsed = Vec::new();
    for (index, pair) in pairs.try_iter()?.enumerate() {
        let (student, service): (String, String) = convert::item(
            &pair?,
            &format!("orders[{index}]"),
            "a (student, service) pair of str",
        )?;
        // A bad student or service is named by the order's position ("order 1: …").
        let order = || -> PyResult<_> {
            Ok(core::ChildOrder {
                student: StudentId::new(student).map_err(id_error)?,
                service: service_of(&service)?,
            })
        };
        parsed.push(order().map_err(|e| at(e, "order", index))?);
    }
    let q = core::quote_family(&policy_of(policy), year, &parsed, instalments)
        .map_err(errors::service)?;
    let (text_sl, text_en) = (q.render_sl(), q.render_en());
    let mut children = Vec::with_capacity(q.children.len());
    for c in &q.children {
        let mut lines = Vec::with_capacity(c.lines.len());
        for l in &c.lines {
            lines.push(Py::new(
                py,
                QuoteLine {
                    item: line_code(l.item)?,
                    label_sl: l.item.label_sl(),
                    amount: l.amount,
                },
            )?);
        }
        children.push(Py::new(
            py,
            ChildQuote {
                student: c.student.to_string(),
                service: c.service.code(),
                lines,
                total: c.total,
                reasons: rules(&c.reasons),
            },
        )?);
    }
    Ok(FamilyQuote {
        school_year: q.school_year.label(),
        children,
        total: q.total,
        reasons: rules(&q.reasons),
        text_sl,
        text_en,
    })
}

/// The guardians who receive a subscription's notices, with the rules the answer rests
/// on (R-C3; R-E5: students receive none).
#[pyclass(frozen, module = "asistent", get_all)]
struct NotificationRecipients {
    guardians: Vec<String>,
    reasons: Vec<&'static str>,
}

#[pymethods]
impl NotificationRecipients {
    fn __repr__(&self) -> String {
        format!(
            "NotificationRecipients(guardians={:?}, reasons={:?})",
            self.guardians, self.reasons
        )
    }
}

fn recipients_of(service: &str, guardians: &Bound<'_, PyAny>) -> PyResult<core::Recipients> {
    let service = service_of(service)?;
    let mut ids = Vec::new();
    for (index, g) in guardians.try_iter()?.enumerate() {
        let g: String = convert::item(&g?, &format!("guardians[{index}]"), "a str")?;
        ids.push(
            GuardianId::new(g)
                .map_err(id_error)
                .map_err(|e| at(e, "guardian", index))?,
        );
    }
    core::notification_recipients(service, &ids).map_err(errors::service)
}

/// The guardians who receive a subscription's notices (R-C3): both parents for
/// "za_starse" or "popolni", nobody otherwise. For the rules the answer rests on, use
/// `notification_recipients_with_reasons`.
#[pyfunction]
fn notification_recipients(service: &str, guardians: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    Ok(recipients_of(service, guardians)?
        .guardians
        .into_iter()
        .map(|g| g.to_string())
        .collect())
}

/// `notification_recipients` with the rules the answer rests on (R-C3, R-E5).
#[pyfunction]
fn notification_recipients_with_reasons(
    service: &str,
    guardians: &Bound<'_, PyAny>,
) -> PyResult<NotificationRecipients> {
    let r = recipients_of(service, guardians)?;
    Ok(NotificationRecipients {
        guardians: r.guardians.into_iter().map(|g| g.to_string()).collect(),
        reasons: rules(&r.reasons),
    })
}

/// An accepted service choice with the rules it rests on (R-C5, R-C6).
#[pyclass(frozen, module = "asistent", get_all)]
struct ChosenService {
    student: Option<String>,
    service: &'static str,
    reasons: Vec<&'static str>,
}

#[pymethods]
impl ChosenService {
    fn __repr__(&self) -> String {
        format!(
            "ChosenService(student={:?}, service={:?}, reasons={:?})",
            self.student, self.service, self.reasons
        )
    }
}

fn chosen(c: core::Choice) -> ChosenService {
    ChosenService {
        student: c.student.map(|s| s.to_string()),
        service: c.service.code(),
        reasons: rules(&c.reasons),
    }
}

fn child_choice(chooser: &str, student: &str, service: &str) -> PyResult<core::Choice> {
    let student = StudentId::new(student).map_err(id_error)?;
    core::choose_for_child(chooser_of(chooser)?, &student, service_of(service)?)
        .map_err(errors::service)
}

fn self_choice(chooser: &str, service: &str) -> PyResult<core::Choice> {
    core::choose_for_self(chooser_of(chooser)?, service_of(service)?).map_err(errors::service)
}

/// A parent sets the child's service (R-C5); a student cannot (R-C6). For the rules the
/// decision rests on, use `choose_for_child_with_reasons`.
#[pyfunction]
fn choose_for_child(chooser: &str, student: &str, service: &str) -> PyResult<&'static str> {
    Ok(child_choice(chooser, student, service)?.service.code())
}

/// `choose_for_child` with the child and the rules the decision rests on (R-C5, R-C6).
#[pyfunction]
fn choose_for_child_with_reasons(
    chooser: &str,
    student: &str,
    service: &str,
) -> PyResult<ChosenService> {
    Ok(chosen(child_choice(chooser, student, service)?))
}

/// A parent chooses their own mode (R-C5). For the rules the decision rests on, use
/// `choose_for_self_with_reasons`.
#[pyfunction]
fn choose_for_self(chooser: &str, service: &str) -> PyResult<&'static str> {
    Ok(self_choice(chooser, service)?.service.code())
}

/// `choose_for_self` with the rules the decision rests on (R-C5, R-C6).
#[pyfunction]
fn choose_for_self_with_reasons(chooser: &str, service: &str) -> PyResult<ChosenService> {
    Ok(chosen(self_choice(chooser, service)?))
}

/// For one date: may notices be sent, may the portal be read (R-C7).
#[pyclass(frozen, module = "asistent", get_all)]
struct PaidPeriod {
    date: NaiveDate,
    notices_may_be_sent: bool,
    portal_readable: bool,
    reasons: Vec<&'static str>,
}

#[pymethods]
impl PaidPeriod {
    fn __repr__(&self) -> String {
        format!(
            "PaidPeriod(date={}, notices_may_be_sent={}, portal_readable={})",
            self.date, self.notices_may_be_sent, self.portal_readable
        )
    }
}

/// One payment of a registration (R-C4): `school_year` (label), `service`, `amount`
/// (`Decimal`), `paid_on`.
#[pyclass(frozen, module = "asistent", get_all)]
struct Payment {
    school_year: String,
    service: &'static str,
    amount: Decimal,
    paid_on: NaiveDate,
}

#[pymethods]
impl Payment {
    fn __repr__(&self) -> String {
        format!(
            "Payment(school_year={:?}, service={:?}, amount=Decimal({:?}), paid_on={})",
            self.school_year,
            self.service,
            self.amount.to_string(),
            self.paid_on
        )
    }
}

/// A dated change of the service (R-C7, R-E6): from `on` the service in force is `to`.
#[pyclass(frozen, module = "asistent", get_all)]
struct ServiceChange {
    on: NaiveDate,
    from_service: &'static str,
    to_service: &'static str,
}

#[pymethods]
impl ServiceChange {
    fn __repr__(&self) -> String {
        format!(
            "ServiceChange(on={}, from_service={:?}, to_service={:?})",
            self.on, self.from_service, self.to_service
        )
    }
}

/// A parent's registration for a child at a school (R-C8): an immutable value; each
/// event returns `(next_registration, outcome)`, the outcome a dict with key "outcome".
#[pyclass(frozen, module = "asistent")]
pub(crate) struct Registration {
    pub(crate) inner: core::Registration,
}

impl Registration {
    fn step<'py>(
        &self,
        py: Python<'py>,
        event: &core::RegistrationEvent,
        on: &Bound<'py, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<(Registration, Bound<'py, PyDict>)> {
        let on = convert::date(on)?;
        let (inner, outcome) = self
            .inner
            .apply(event, on, &policy_of(policy))
            .map_err(errors::service)?;
        let d = PyDict::new(py);
        match outcome {
            core::RegistrationOutcome::ServiceChanged { from, to } => {
                d.set_item("outcome", "service_changed")?;
                d.set_item("from", from.code())?;
                d.set_item("to", to.code())?;
            }
            core::RegistrationOutcome::Paid {
                school_year,
                amount,
            } => {
                d.set_item("outcome", "paid")?;
                d.set_item("school_year", school_year.label())?;
                d.set_item("amount", amount)?;
            }
            core::RegistrationOutcome::Revoked => d.set_item("outcome", "revoked")?,
            core::RegistrationOutcome::Ended { reason } => {
                d.set_item("outcome", "ended")?;
                set_reason(&d, &reason)?;
            }
            core::RegistrationOutcome::Registered => d.set_item("outcome", "registered")?,
            other => return Err(errors::unsupported("registration outcome", other)),
        }
        Ok((Registration { inner }, d))
    }
}

fn set_reason(d: &Bound<'_, PyDict>, reason: &core::EndReason) -> PyResult<()> {
    match reason {
        core::EndReason::ChangedSchool { to } => {
            d.set_item("reason", "changed_school")?;
            d.set_item("to", to.as_str())
        }
        core::EndReason::FinishedSchooling => d.set_item("reason", "finished_schooling"),
        other => Err(errors::unsupported("end reason", other)),
    }
}

#[pymethods]
impl Registration {
    /// Makes a registration (R-C8); only a parent may (R-C5, R-C6).
    #[staticmethod]
    #[pyo3(signature = (guardian, student, school, service, on, *, chooser))]
    fn register(
        guardian: &str,
        student: &str,
        school: &str,
        service: &str,
        on: &Bound<'_, PyAny>,
        chooser: &str,
    ) -> PyResult<Registration> {
        let (inner, _) = core::Registration::register(
            GuardianId::new(guardian).map_err(id_error)?,
            StudentId::new(student).map_err(id_error)?,
            SchoolId::new(school).map_err(id_error)?,
            service_of(service)?,
            chooser_of(chooser)?,
            convert::date(on)?,
        )
        .map_err(errors::service)?;
        Ok(Registration { inner })
    }

    /// Reads a registration stored with `to_json`.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Registration> {
        Ok(Registration {
            inner: core::Registration::from_json(json).map_err(errors::service)?,
        })
    }

    /// The registration as JSON, for storage.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// A parent changes the service (R-C5); a student cannot (R-C6).
    #[pyo3(signature = (service, on, *, chooser))]
    fn change_service<'py>(
        &self,
        py: Python<'py>,
        service: &str,
        on: &Bound<'py, PyAny>,
        chooser: &str,
    ) -> PyResult<(Registration, Bound<'py, PyDict>)> {
        let event = core::RegistrationEvent::ChangeService {
            service: service_of(service)?,
            chooser: chooser_of(chooser)?,
        };
        self.step(py, &event, on, None)
    }

    /// The one payment for a school year (R-C4), priced by the policy.
    #[pyo3(signature = (school_year, on, policy = None))]
    fn pay<'py>(
        &self,
        py: Python<'py>,
        school_year: &Bound<'py, PyAny>,
        on: &Bound<'py, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<(Registration, Bound<'py, PyDict>)> {
        let event = core::RegistrationEvent::Pay {
            school_year: school_year_of(school_year)?,
        };
        self.step(py, &event, on, policy)
    }

    /// The parent revokes the registration (R-C8).
    fn revoke<'py>(
        &self,
        py: Python<'py>,
        on: &Bound<'py, PyAny>,
    ) -> PyResult<(Registration, Bound<'py, PyDict>)> {
        self.step(py, &core::RegistrationEvent::Revoke, on, None)
    }

    /// The child finished schooling: the registration ends by itself (R-C8).
    fn finish_schooling<'py>(
        &self,
        py: Python<'py>,
        on: &Bound<'py, PyAny>,
    ) -> PyResult<(Registration, Bound<'py, PyDict>)> {
        self.step(py, &core::RegistrationEvent::FinishSchooling, on, None)
    }

    /// The child moved school: this registration ends; the new school needs a new one.
    fn change_school<'py>(
        &self,
        py: Python<'py>,
        to: &str,
        on: &Bound<'py, PyAny>,
    ) -> PyResult<(Registration, Bound<'py, PyDict>)> {
        let event = core::RegistrationEvent::ChangeSchool {
            to: SchoolId::new(to).map_err(id_error)?,
        };
        self.step(py, &event, on, None)
    }

    /// Whether notices may be sent and the portal read on a date (R-C7).
    fn period_on(&self, date: &Bound<'_, PyAny>) -> PyResult<PaidPeriod> {
        let p = self
            .inner
            .period_on(convert::date(date)?)
            .map_err(errors::service)?;
        Ok(PaidPeriod {
            date: p.date,
            notices_may_be_sent: p.notices_may_be_sent,
            portal_readable: p.portal_readable,
            reasons: rules(&p.reasons),
        })
    }

    /// The service in force on a date (R-C7, R-E6), `None` before the registration; a
    /// later change does not alter the answer for an earlier date.
    fn service_on(&self, date: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
        Ok(self
            .inner
            .service_on(convert::date(date)?)
            .map(core::Service::code))
    }

    /// What `pay` would charge now for the current service (R-C2, R-C4): after a change
    /// within a paid year only the difference to the higher fee, never below zero.
    #[pyo3(signature = (school_year, policy = None))]
    fn amount_due(
        &self,
        school_year: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<Decimal> {
        self.inner
            .amount_due(school_year_of(school_year)?, &policy_of(policy))
            .map_err(errors::service)
    }

    /// The dated changes of the service, in order (R-C7).
    #[getter]
    fn service_changes(&self) -> Vec<ServiceChange> {
        self.inner
            .service_changes
            .iter()
            .map(|c| ServiceChange {
                on: c.on,
                from_service: c.from.code(),
                to_service: c.to.code(),
            })
            .collect()
    }

    #[getter]
    fn guardian(&self) -> &str {
        self.inner.guardian.as_str()
    }

    #[getter]
    fn student(&self) -> &str {
        self.inner.student.as_str()
    }

    #[getter]
    fn school(&self) -> &str {
        self.inner.school.as_str()
    }

    #[getter]
    fn service(&self) -> &'static str {
        self.inner.service.code()
    }

    /// "active", "revoked" or "ended".
    #[getter]
    fn status(&self) -> PyResult<&'static str> {
        Ok(match &self.inner.status {
            core::RegistrationStatus::Active => "active",
            core::RegistrationStatus::Revoked { .. } => "revoked",
            core::RegistrationStatus::Ended { .. } => "ended",
            other => return Err(errors::unsupported("registration status", other)),
        })
    }

    /// Every payment, in order: the school year, the service paid for, the amount and
    /// the date (R-C4; an upgrade's top-up is a payment of its own).
    #[getter]
    fn payments(&self, py: Python<'_>) -> PyResult<Vec<Py<Payment>>> {
        self.inner
            .paid
            .iter()
            .map(|p| {
                Py::new(
                    py,
                    Payment {
                        school_year: p.school_year.label(),
                        service: p.service.code(),
                        amount: p.amount,
                        paid_on: p.paid_on,
                    },
                )
            })
            .collect()
    }

    /// Where the registration stands, with its date and reason (R-C8): `{"status":
    /// "active"}`, `{"status": "revoked", "on": date}` or `{"status": "ended", "on": date,
    /// "reason": "changed_school", "to": school}` / `"finished_schooling"`.
    fn status_detail<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("status", self.status()?)?;
        match &self.inner.status {
            core::RegistrationStatus::Revoked { on } => d.set_item("on", on)?,
            core::RegistrationStatus::Ended { on, reason } => {
                d.set_item("on", on)?;
                set_reason(&d, reason)?;
            }
            _ => {}
        }
        Ok(d)
    }

    /// The school years paid, as labels, each once (an upgrade's top-up payment is for a
    /// year already listed).
    #[getter]
    fn paid_years(&self) -> Vec<String> {
        let mut years: Vec<String> = Vec::with_capacity(self.inner.paid.len());
        for p in &self.inner.paid {
            let label = p.school_year.label();
            if !years.contains(&label) {
                years.push(label);
            }
        }
        years
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "Registration(guardian={:?}, student={:?}, school={:?}, service={:?}, status={:?})",
            self.inner.guardian.as_str(),
            self.inner.student.as_str(),
            self.inner.school.as_str(),
            self.inner.service.code(),
            self.status()?
        ))
    }
}

/// Checks a service name (R-C1) and returns its Slovenian label.
#[pyfunction]
fn service_label_sl(service: &Bound<'_, PyString>) -> PyResult<&'static str> {
    let name: String = service.extract()?;
    Ok(service_of(&name)?.label_sl())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PriceList>()?;
    m.add_class::<QuoteLine>()?;
    m.add_class::<ChildQuote>()?;
    m.add_class::<FamilyQuote>()?;
    m.add_class::<PaidPeriod>()?;
    m.add_class::<Payment>()?;
    m.add_class::<ServiceChange>()?;
    m.add_class::<Registration>()?;
    m.add_function(wrap_pyfunction!(price_list_for, m)?)?;
    m.add_function(wrap_pyfunction!(quote_family, m)?)?;
    m.add_function(wrap_pyfunction!(notification_recipients, m)?)?;
    m.add_function(wrap_pyfunction!(choose_for_child, m)?)?;
    m.add_function(wrap_pyfunction!(choose_for_self, m)?)?;
    m.add_class::<NotificationRecipients>()?;
    m.add_class::<ChosenService>()?;
    m.add_function(wrap_pyfunction!(notification_recipients_with_reasons, m)?)?;
    m.add_function(wrap_pyfunction!(choose_for_child_with_reasons, m)?)?;
    m.add_function(wrap_pyfunction!(choose_for_self_with_reasons, m)?)?;
    m.add_function(wrap_pyfunction!(service_label_sl, m)?)?;
    Ok(())
}
