//! Identity and contact verification, credentials (R-A1 … R-A9, R-B1 … R-B10).
//!
//! Secrets are drawn from the system CSPRNG (`ring::rand::SystemRandom`), chosen here at
//! the boundary. Stored records cross as JSON text; they never hold a plaintext secret.
//! Without a `policy` argument the catalogue's defaults apply (600,000 PBKDF2
//! iterations: pass a policy with fewer in tests).

use asistent_core::chrono::{DateTime, Utc};
use asistent_core::ids::{ClassId, GuardianId, InvalidId, SchoolId, StudentId};
use asistent_core::policy::Policy as CorePolicy;
use asistent_core::rust_decimal::Decimal;
use asistent_core::services::Service;
use asistent_core::verify::confirmation::issue_confirmation_code;
use asistent_core::verify::contact::{self, Contact};
use asistent_core::verify::flow::{self, FlowInput, ServiceChoice};
use asistent_core::verify::password as pw;
use asistent_core::verify::printout as print;
use asistent_core::verify::security_code::{self as sc, SecurityCode, SecurityCodeRecord};
use asistent_core::verify::{Secret, SecretHash};
use pyo3::prelude::*;
use ring::rand::SystemRandom;

use crate::policy::Policy;
use crate::{convert, errors};

fn id_error(e: InvalidId) -> PyErr {
    errors::invalid(e.kind, &e.input, &e)
}

fn from_json<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> PyResult<T> {
    serde_json::from_str(json)
        .map_err(|e| errors::invalid(what, json, format!("the {what} JSON is not readable: {e}")))
}

/// A record as JSON, to store: a value that cannot be written is an error, never an
/// empty text stored in its place.
fn to_json<T: serde::Serialize>(what: &str, value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| {
        errors::invalid(
            what,
            "",
            format!("the {what} could not be written as JSON: {e}"),
        )
    })
}

fn policy_of(policy: Option<&Policy>) -> CorePolicy {
    policy.map_or_else(CorePolicy::default, |p| p.inner.clone())
}

fn contact_of(kind: &str, text: &str) -> PyResult<Contact> {
    match kind {
        "email" => Ok(Contact::Email(
            contact::Email::parse(text).map_err(errors::verify)?,
        )),
        "phone" => Ok(Contact::Phone(
            contact::Phone::parse(text).map_err(errors::verify)?,
        )),
        other => Err(errors::invalid(
            "contact kind",
            other,
            format!("`{other}` is not a contact kind (expected \"email\" or \"phone\")"),
        )),
    }
}

fn service_of(code: &str) -> PyResult<Service> {
    code.parse::<Service>()
        .map_err(|e| errors::invalid("service", code, e))
}

/// Checks and normalises an email address (lower case).
#[pyfunction]
fn normalize_email(text: &str) -> PyResult<String> {
    Ok(contact::Email::parse(text)
        .map_err(errors::verify)?
        .to_string())
}

/// Checks a phone number and writes it in E.164 (+386 when no country code is given).
#[pyfunction]
fn normalize_phone(text: &str) -> PyResult<String> {
    Ok(contact::Phone::parse(text)
        .map_err(errors::verify)?
        .e164()
        .to_owned())
}

/// "slovenian_mobile", "slovenian_fixed" or "foreign".
#[pyfunction]
fn phone_kind(text: &str) -> PyResult<&'static str> {
    Ok(
        match contact::Phone::parse(text).map_err(errors::verify)?.kind() {
            contact::PhoneKind::SlovenianMobile => "slovenian_mobile",
            contact::PhoneKind::SlovenianFixed => "slovenian_fixed",
            contact::PhoneKind::Foreign => "foreign",
            other => return Err(errors::unsupported("phone kind", other)),
        },
    )
}

/// Whether an SMS can be sent to a phone number: a Slovenian mobile or a foreign number,
/// not a Slovenian fixed line (R-A10, R-E4).
#[pyfunction]
fn phone_can_receive_sms(text: &str) -> PyResult<bool> {
    Ok(contact::Phone::parse(text)
        .map_err(errors::verify)?
        .can_receive_sms())
}

/// Checks a typed security code (length, alphabet, check character) and gives it
/// grouped; a mistyped code raises `MalformedCodeError` (R-B10).
#[pyfunction]
fn check_security_code(text: &str) -> PyResult<String> {
    Ok(SecurityCode::parse(text).map_err(errors::verify)?.grouped())
}

/// A newly issued security code (R-B1, R-B10): `code` (shown once), `record_json` (to
/// store), `revoked_json` (earlier records now revoked).
#[pyclass(frozen, module = "asistent", get_all)]
struct IssuedSecurityCode {
    code: String,
    record_json: String,
    revoked_json: Vec<String>,
}

#[pymethods]
impl IssuedSecurityCode {
    fn __repr__(&self) -> String {
        format!(
            "IssuedSecurityCode(code=***, revoked={})",
            self.revoked_json.len()
        )
    }
}

/// Issues a security code for a parent and a child (R-B1, R-B8, R-B10), revoking the
/// still-active ones among `previous` (record JSON texts).
#[pyfunction]
#[pyo3(signature = (guardian, student, school, now, policy = None, *, previous))]
fn issue_security_code(
    guardian: &str,
    student: &str,
    school: &str,
    now: &Bound<'_, PyAny>,
    policy: Option<&Policy>,
    previous: &Bound<'_, PyAny>,
) -> PyResult<IssuedSecurityCode> {
    let mut prev = Vec::new();
    for (index, item) in previous.try_iter()?.enumerate() {
        let text: String = convert::item(&item?, &format!("previous[{index}]"), "a str")?;
        prev.push(
            from_json::<SecurityCodeRecord>("security code record", &text)
                .map_err(|e| at_position(e, "previous record", index))?,
        );
    }
    let p = policy_of(policy);
    let issued = sc::issue_security_code(
        &GuardianId::new(guardian).map_err(id_error)?,
        &StudentId::new(student).map_err(id_error)?,
        &SchoolId::new(school).map_err(id_error)?,
        &prev,
        convert::instant(now)?,
        &p.verify,
        &SystemRandom::new(),
    )
    .map_err(errors::verify)?;
    Ok(IssuedSecurityCode {
        code: issued.code.grouped(),
        record_json: to_json("security code record", &issued.record)?,
        revoked_json: issued
            .revoked
            .iter()
            .map(|r| to_json("security code record", r))
            .collect::<PyResult<_>>()?,
    })
}

/// What a step of the parent's flow gave: `kind` ("code_accepted", "code_voided", …),
/// `attempts_left`, `message_sl`, `rules`.
#[pyclass(frozen, module = "asistent", get_all)]
struct FlowOutcome {
    kind: String,
    attempts_left: Option<u32>,
    message_sl: String,
    rules: Vec<String>,
}

#[pymethods]
impl FlowOutcome {
    fn __repr__(&self) -> String {
        format!(
            "FlowOutcome(kind={:?}, attempts_left={:?})",
            self.kind, self.attempts_left
        )
    }
}

impl From<&flow::FlowOutcome> for FlowOutcome {
    fn from(o: &flow::FlowOutcome) -> Self {
        FlowOutcome {
            kind: o.kind().to_owned(),
            attempts_left: o.attempts_left(),
            message_sl: o.message_sl(),
            rules: o.rules().iter().map(|r| r.as_str().to_owned()).collect(),
        }
    }
}

/// A confirmation code made for a contact and recorded in the flow (R-B5): `code` (to
/// send to the contact; masked in `repr`), the next `flow` and its `outcome`.
#[pyclass(frozen, module = "asistent", get_all)]
struct ConfirmationSent {
    code: String,
    flow: Py<ParentFlow>,
    outcome: Py<FlowOutcome>,
}

#[pymethods]
impl ConfirmationSent {
    fn __repr__(&self) -> String {
        format!(
            "ConfirmationSent(code=***, outcome={:?})",
            self.outcome.get().kind
        )
    }
}

/// A parent's way in (R-B1 … R-B5): code → date of birth → contacts → services. Each
/// step returns `(next_flow, outcome)`; store `next_flow.to_json()` between steps.
#[pyclass(frozen, module = "asistent")]
struct ParentFlow {
    inner: flow::ParentFlow,
}

impl ParentFlow {
    fn step(
        &self,
        input: &FlowInput,
        now: DateTime<Utc>,
        policy: Option<&Policy>,
    ) -> PyResult<(ParentFlow, FlowOutcome)> {
        let (next, outcome) = self
            .inner
            .apply(input, now, &policy_of(policy))
            .map_err(errors::verify)?;
        Ok((ParentFlow { inner: next }, (&outcome).into()))
    }
}

#[pymethods]
impl ParentFlow {
    /// A new flow for an issued code's record.
    #[staticmethod]
    fn start(record_json: &str) -> PyResult<ParentFlow> {
        Ok(ParentFlow {
            inner: flow::ParentFlow::start(from_json("security code record", record_json)?),
        })
    }

    /// A stored flow.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<ParentFlow> {
        Ok(ParentFlow {
            inner: from_json("parent flow", json)?,
        })
    }

    /// The flow as JSON, to store.
    fn to_json(&self) -> PyResult<String> {
        to_json("parent flow", &self.inner)
    }

    /// The flow with its record replaced by the record as stored now (JSON) (R-B10,
    /// R-B8). The stored record is authoritative: call this before every step on a kept
    /// flow, so that a code revoked by a newer one, or voided elsewhere, ends the flow and
    /// the wrong-attempt counts come from the store. After every step store
    /// `record_json()` back.
    fn resume(&self, record_json: &str) -> PyResult<ParentFlow> {
        let stored = from_json("security code record", record_json)?;
        Ok(ParentFlow {
            inner: self.inner.resume(&stored).map_err(errors::verify)?,
        })
    }

    /// The flow's security-code record (JSON), to store in place of the old one after
    /// every step (R-B10).
    fn record_json(&self) -> PyResult<String> {
        to_json("security code record", &self.inner.code)
    }

    /// The step: "code", "birth_date", "contacts", "services", "active", "no_portal",
    /// "voided", "expired" or "revoked".
    #[getter]
    fn step_name(&self) -> &'static str {
        self.inner.step.code()
    }

    /// The parent types the security code (R-B1, R-B10).
    #[pyo3(signature = (code, now, policy = None))]
    fn enter_code(
        &self,
        code: &str,
        now: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<(ParentFlow, FlowOutcome)> {
        self.step(
            &FlowInput::EnterCode {
                code: code.to_owned(),
            },
            convert::instant(now)?,
            policy,
        )
    }

    /// The parent gives the child's date of birth; `on_record` is the school's (R-B3).
    #[pyo3(signature = (given, on_record, now, policy = None))]
    fn enter_birth_date(
        &self,
        given: &Bound<'_, PyAny>,
        on_record: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<(ParentFlow, FlowOutcome)> {
        self.step(
            &FlowInput::EnterBirthDate {
                given: convert::date(given)?,
                on_record: convert::date(on_record)?,
            },
            convert::instant(now)?,
            policy,
        )
    }

    /// Makes a confirmation code for a contact ("email" or "phone") and records it in the
    /// flow (R-B5): returns a `ConfirmationSent` (`code` to send, `flow`, `outcome`).
    #[pyo3(signature = (kind, contact, now, policy = None))]
    fn send_confirmation(
        &self,
        py: Python<'_>,
        kind: &str,
        contact: &str,
        now: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<ConfirmationSent> {
        let c = contact_of(kind, contact)?;
        let now = convert::instant(now)?;
        let p = policy_of(policy);
        let (record, code) = issue_confirmation_code(&c, now, &p.verify, &SystemRandom::new())
            .map_err(errors::verify)?;
        let (flow, outcome) = self.step(&FlowInput::ConfirmationSent { record }, now, policy)?;
        Ok(ConfirmationSent {
            code: code.reveal().to_owned(),
            flow: Py::new(py, flow)?,
            outcome: Py::new(py, outcome)?,
        })
    }

    /// The parent types the confirmation code received at a contact (R-B5).
    #[pyo3(signature = (kind, contact, code, now, policy = None))]
    fn enter_confirmation(
        &self,
        kind: &str,
        contact: &str,
        code: &str,
        now: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<(ParentFlow, FlowOutcome)> {
        let c = contact_of(kind, contact)?;
        self.step(
            &FlowInput::EnterConfirmation {
                contact: c,
                code: code.to_owned(),
            },
            convert::instant(now)?,
            policy,
        )
    }

    /// The parent chooses the services (machine names) for themselves and the child
    /// (R-B4).
    #[pyo3(signature = (for_parent, for_child, now, policy = None))]
    fn choose_services(
        &self,
        for_parent: &str,
        for_child: &str,
        now: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<(ParentFlow, FlowOutcome)> {
        let choice = ServiceChoice {
            parent: service_of(for_parent)?,
            child: service_of(for_child)?,
        };
        self.step(
            &FlowInput::ChooseServices(choice),
            convert::instant(now)?,
            policy,
        )
    }

    /// A newer code was issued for the same parent and child (R-B10, R-B8).
    #[pyo3(signature = (now, policy = None))]
    fn revoke(
        &self,
        now: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<(ParentFlow, FlowOutcome)> {
        self.step(&FlowInput::Revoke, convert::instant(now)?, policy)
    }

    fn __repr__(&self) -> String {
        format!("ParentFlow(step={:?})", self.inner.step.code())
    }
}

/// Hashes a new password (R-A1); returns the hash record as JSON.
#[pyfunction]
#[pyo3(signature = (password, policy = None))]
fn hash_password(password: &str, policy: Option<&Policy>) -> PyResult<String> {
    let p = policy_of(policy);
    to_json(
        "password hash",
        &pw::hash_password(password, &p.verify, &SystemRandom::new()).map_err(errors::verify)?,
    )
}

/// Whether a password matches its stored hash (constant time) (R-A1).
#[pyfunction]
fn verify_password(hash_json: &str, password: &str) -> PyResult<bool> {
    let h: SecretHash = from_json("password hash", hash_json)?;
    Ok(pw::verify_password(&h, password))
}

/// Changes a password, giving the old one and then the new one (R-A1).
#[pyfunction]
#[pyo3(signature = (hash_json, old_password, new_password, policy = None))]
fn change_password(
    hash_json: &str,
    old_password: &str,
    new_password: &str,
    policy: Option<&Policy>,
) -> PyResult<String> {
    let h: SecretHash = from_json("password hash", hash_json)?;
    let p = policy_of(policy);
    to_json(
        "password hash",
        &pw::change_password(
            &h,
            old_password,
            new_password,
            &p.verify,
            &SystemRandom::new(),
        )
        .map_err(errors::verify)?,
    )
}

/// The answer to a reset request (R-A2, R-A4): `message_sl`/`message_en` (the same
/// whether or not the address is known), `token` and `record_json` (None when unknown).
#[pyclass(frozen, module = "asistent", get_all)]
struct PasswordResetRequest {
    message_sl: &'static str,
    message_en: &'static str,
    token: Option<String>,
    record_json: Option<String>,
}

#[pymethods]
impl PasswordResetRequest {
    fn __repr__(&self) -> String {
        format!(
            "PasswordResetRequest(token={})",
            if self.token.is_some() { "***" } else { "None" }
        )
    }
}

/// "Pošlji povezavo za nastavitev novega gesla" (R-A2, R-A4): `account` is what the
/// lookup of the address found — "parent", "student" or None.
#[pyfunction]
#[pyo3(signature = (email, account, now, policy = None))]
fn request_password_reset(
    email: &str,
    account: Option<&str>,
    now: &Bound<'_, PyAny>,
    policy: Option<&Policy>,
) -> PyResult<PasswordResetRequest> {
    let e = contact::Email::parse(email).map_err(errors::verify)?;
    let kind = match account {
        None => None,
        Some("parent") => Some(pw::AccountKind::Parent),
        Some("student") => Some(pw::AccountKind::Student),
        Some(other) => {
            return Err(errors::invalid(
                "account kind",
                other,
                format!(
                    "`{other}` is not an account kind (expected \"parent\", \"student\" or None)"
                ),
            ))
        }
    };
    let p = policy_of(policy);
    let r = pw::request_password_reset(
        &e,
        kind,
        convert::instant(now)?,
        &p.verify,
        &SystemRandom::new(),
    )
    .map_err(errors::verify)?;
    Ok(PasswordResetRequest {
        message_sl: r.message_sl,
        message_en: r.message_en,
        token: r.mail.as_ref().map(|m| m.token.reveal().to_owned()),
        record_json: r
            .mail
            .as_ref()
            .map(|m| to_json("reset token record", &m.record))
            .transpose()?,
    })
}

/// Redeems a reset token (single use, one hour) (R-A2): returns `(outcome,
/// record_json)` with outcome "accepted", "wrong", "expired" or "already_used".
#[pyfunction]
fn redeem_reset_token(
    record_json: &str,
    token: &str,
    now: &Bound<'_, PyAny>,
) -> PyResult<(String, String)> {
    let r: pw::ResetTokenRecord = from_json("reset token record", record_json)?;
    let (next, outcome) = r
        .redeem(token, convert::instant(now)?)
        .map_err(errors::verify)?;
    Ok((
        outcome.code().to_owned(),
        to_json("reset token record", &next)?,
    ))
}

/// A child's new password (R-A3): `password` (shown once, handed to the child; masked in
/// `repr`) and `hash_json` (to store).
#[pyclass(frozen, module = "asistent", get_all)]
struct ChildPassword {
    password: String,
    hash_json: String,
}

#[pymethods]
impl ChildPassword {
    fn __repr__(&self) -> String {
        format!(
            "ChildPassword(password=***, {} bytes of hash JSON)",
            self.hash_json.len()
        )
    }
}

/// "Da, želim novo geslo" (R-A3): returns a `ChildPassword`; the password is shown once
/// and handed to the child.
#[pyfunction]
#[pyo3(signature = (portal_active, children, child, policy = None))]
fn reset_child_password(
    portal_active: bool,
    children: &Bound<'_, PyAny>,
    child: &str,
    policy: Option<&Policy>,
) -> PyResult<ChildPassword> {
    let mut kids = Vec::new();
    for (index, item) in children.try_iter()?.enumerate() {
        let id: String = convert::item(&item?, &format!("children[{index}]"), "a str")?;
        kids.push(
            StudentId::new(id)
                .map_err(id_error)
                .map_err(|e| at_position(e, "child", index))?,
        );
    }
    let p = policy_of(policy);
    let r = pw::reset_child_password(
        portal_active,
        &kids,
        &StudentId::new(child).map_err(id_error)?,
        &p.verify,
        &SystemRandom::new(),
    )
    .map_err(errors::verify)?;
    Ok(ChildPassword {
        password: r.password.reveal().to_owned(),
        hash_json: to_json("password hash", &r.hash)?,
    })
}

/// A printout: `html` (print-ready) and `text`.
#[pyclass(frozen, module = "asistent", get_all)]
struct Printout {
    html: String,
    text: String,
}

impl From<print::Printout> for Printout {
    fn from(p: print::Printout) -> Self {
        Printout {
            html: p.html,
            text: p.text,
        }
    }
}

/// "Varnostne kode za preverjanje identitete staršev (GDPR)" (R-B2): `entries` is any
/// iterable of `(guardian_name, student_name, class_id, code, record_json)`; the last
/// valid day printed comes from the record (R-B10).
#[pyfunction]
#[pyo3(signature = (school_name, entries, policy = None))]
fn security_code_sheet(
    school_name: &str,
    entries: &Bound<'_, PyAny>,
    policy: Option<&Policy>,
) -> PyResult<Printout> {
    let mut rows: Vec<(String, String, ClassId, SecurityCode, SecurityCodeRecord)> = Vec::new();
    for (index, item) in entries.try_iter()?.enumerate() {
        let (g, s, class, code, record_json): (String, String, String, String, String) =
            convert::item(
                &item?,
                &format!("entries[{index}]"),
                "a (guardian_name, student_name, class_id, code, record_json) tuple of str",
            )?;
        // A bad value is named by its entry's position (the `index` attribute and the
        // message: "entry 2: …"), as the Kotlin/Swift faces name it.
        let row = || -> PyResult<_> {
            Ok((
                g,
                s,
                ClassId::new(class).map_err(id_error)?,
                SecurityCode::parse(&code).map_err(errors::verify)?,
                from_json("security code record", &record_json)?,
            ))
        };
        rows.push(row().map_err(|e| at_entry(e, index))?);
    }
    let entries: Vec<print::SheetEntry<'_>> = rows
        .iter()
        .map(|(g, s, class, code, record)| print::SheetEntry {
            guardian_name: g.clone(),
            student_name: s.clone(),
            class: class.clone(),
            code,
            record,
        })
        .collect();
    Ok(print::security_code_sheet(school_name, &entries, &policy_of(policy).verify).into())
}

/// The error of the entry at `index` of a list, its position named.
fn at_entry(e: PyErr, index: usize) -> PyErr {
    at_position(e, "entry", index)
}

/// The error of the list entry at `index` (`entry`: "child", …), its position named.
fn at_position(e: PyErr, entry: &str, index: usize) -> PyErr {
    Python::attach(|py| errors::at_position(py, &e, entry, index));
    e
}

/// "Razrednik – Starši" (R-B9): `entries` is any iterable of `(class_id, guardian,
/// guardian_name, student_name, flow_json_or_None)`.
#[pyfunction]
fn class_overview(entries: &Bound<'_, PyAny>) -> PyResult<Printout> {
    let mut rows = Vec::new();
    for (index, item) in entries.try_iter()?.enumerate() {
        let (class, guardian, gname, sname, flow_json): (
            String,
            String,
            String,
            String,
            Option<String>,
        ) = convert::item(
            &item?,
            &format!("entries[{index}]"),
            "a (class_id, guardian, guardian_name, student_name, flow_json or None) tuple",
        )?;
        // A bad value is named by its entry's position (the `index` attribute and the
        // message: "entry 2: …"), as the Kotlin/Swift faces name it.
        let row = || -> PyResult<_> {
            let f = flow_json
                .as_deref()
                .map(|j| from_json::<flow::ParentFlow>("parent flow", j))
                .transpose()?;
            Ok((
                ClassId::new(class).map_err(id_error)?,
                GuardianId::new(guardian).map_err(id_error)?,
                gname,
                sname,
                f,
            ))
        };
        rows.push(row().map_err(|e| at_entry(e, index))?);
    }
    let inputs: Vec<print::OverviewInput<'_>> = rows
        .iter()
        .map(|(class, guardian, g, s, f)| print::OverviewInput {
            class: class.clone(),
            guardian_name: g.clone(),
            student_name: s.clone(),
            flow: f.as_ref(),
            guardian: guardian.clone(),
        })
        .collect();
    Ok(print::render_overview(&print::class_overview(&inputs)).into())
}

/// A student's credentials as the school holds them (R-A8, R-A9).
#[pyclass(frozen, module = "asistent")]
struct StudentCredentials {
    inner: print::StudentCredentials,
}

#[pymethods]
impl StudentCredentials {
    #[new]
    #[pyo3(signature = (student, name, class_id, username, initial_password = None, has_logged_in = false, changed_password = false, email = None, phone = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        student: &str,
        name: &str,
        class_id: &str,
        username: &str,
        initial_password: Option<String>,
        has_logged_in: bool,
        changed_password: bool,
        email: Option<&str>,
        phone: Option<&str>,
    ) -> PyResult<StudentCredentials> {
        Ok(StudentCredentials {
            inner: print::StudentCredentials {
                student: StudentId::new(student).map_err(id_error)?,
                name: name.to_owned(),
                class: ClassId::new(class_id).map_err(id_error)?,
                username: username.to_owned(),
                initial_password: initial_password.map(Secret::from_stored),
                has_logged_in,
                changed_password,
                email: email
                    .map(contact::Email::parse)
                    .transpose()
                    .map_err(errors::verify)?,
                phone: phone
                    .map(contact::Phone::parse)
                    .transpose()
                    .map_err(errors::verify)?,
            },
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "StudentCredentials(student={:?})",
            self.inner.student.as_str()
        )
    }
}

fn collect_credentials(students: &Bound<'_, PyAny>) -> PyResult<Vec<print::StudentCredentials>> {
    let mut out = Vec::new();
    for (index, item) in students.try_iter()?.enumerate() {
        let item = item?;
        // Not a `StudentCredentials`: named by its position ("student 2: …", `index`).
        let s = item.cast::<StudentCredentials>().map_err(|_| {
            convert::not_an_instance(
                &item,
                "student credentials",
                "asistent.StudentCredentials",
                "student",
                index,
            )
        })?;
        out.push(s.get().inner.clone());
    }
    Ok(out)
}

/// Prints usernames and initial passwords (R-A8): a changed password is not printed;
/// `one_page_each=True` is the "predloga" layout.
#[pyfunction]
#[pyo3(signature = (students, one_page_each = false))]
fn credentials_printout(students: &Bound<'_, PyAny>, one_page_each: bool) -> PyResult<Printout> {
    let layout = if one_page_each {
        print::PrintLayout::Template
    } else {
        print::PrintLayout::List
    };
    Ok(print::credentials_printout(&collect_credentials(students)?, layout).into())
}

/// `(recipients, [(student, skip reason)], sms_segments, sms_cost)` (R-A9, R-A10).
type BulkSendPlanTuple = (Vec<String>, Vec<(String, &'static str)>, u32, Decimal);

/// Plans a bulk send of initial credentials (R-A9): `channel` "email" or "sms";
/// `message` the longest text to be sent, counted exactly and priced with the policy's
/// `sms.price_per_segment` (R-A10). Returns `(recipients, skipped, sms_segments,
/// sms_cost)`, `skipped` a list of `(student, reason)` with reason "already_active" or
/// "no_contact".
#[pyfunction]
#[pyo3(signature = (students, channel, message, policy = None))]
fn bulk_send_plan(
    students: &Bound<'_, PyAny>,
    channel: &str,
    message: &str,
    policy: Option<&Policy>,
) -> PyResult<BulkSendPlanTuple> {
    let channel = match channel {
        "email" => print::SendChannel::Email,
        "sms" => print::SendChannel::Sms,
        other => {
            return Err(errors::invalid(
                "channel",
                other,
                format!("`{other}` is not a channel (expected \"email\" or \"sms\")"),
            ))
        }
    };
    let plan = print::bulk_send_plan(
        &collect_credentials(students)?,
        channel,
        message,
        &policy_of(policy),
    )
    .map_err(errors::verify)?;
    Ok((
        plan.recipients.iter().map(ToString::to_string).collect(),
        plan.skipped
            .iter()
            .map(|(s, r)| (s.to_string(), r.code()))
            .collect(),
        plan.sms_segments,
        plan.sms_cost,
    ))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<IssuedSecurityCode>()?;
    m.add_class::<FlowOutcome>()?;
    m.add_class::<ParentFlow>()?;
    m.add_class::<ConfirmationSent>()?;
    m.add_class::<ChildPassword>()?;
    m.add_class::<PasswordResetRequest>()?;
    m.add_class::<Printout>()?;
    m.add_class::<StudentCredentials>()?;
    m.add_function(wrap_pyfunction!(normalize_email, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_phone, m)?)?;
    m.add_function(wrap_pyfunction!(phone_kind, m)?)?;
    m.add_function(wrap_pyfunction!(phone_can_receive_sms, m)?)?;
    m.add_function(wrap_pyfunction!(check_security_code, m)?)?;
    m.add_function(wrap_pyfunction!(issue_security_code, m)?)?;
    m.add_function(wrap_pyfunction!(hash_password, m)?)?;
    m.add_function(wrap_pyfunction!(verify_password, m)?)?;
    m.add_function(wrap_pyfunction!(change_password, m)?)?;
    m.add_function(wrap_pyfunction!(request_password_reset, m)?)?;
    m.add_function(wrap_pyfunction!(redeem_reset_token, m)?)?;
    m.add_function(wrap_pyfunction!(reset_child_password, m)?)?;
    m.add_function(wrap_pyfunction!(security_code_sheet, m)?)?;
    m.add_function(wrap_pyfunction!(class_overview, m)?)?;
    m.add_function(wrap_pyfunction!(credentials_printout, m)?)?;
    m.add_function(wrap_pyfunction!(bulk_send_plan, m)?)?;
    Ok(())
}
