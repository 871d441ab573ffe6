//! Identity and contact verification, credentials (R-A1 … R-A9, R-B1 … R-B10).
//!
//! Secrets are made with the system CSPRNG (`ring::rand::SystemRandom`), chosen here at
//! the boundary; the core takes it as an argument. Stored records (security codes,
//! confirmation codes, reset tokens, password hashes, the parent's flow) cross as JSON
//! text for the app to store; they never hold a plaintext secret. Services are their
//! machine names (`"minimalni"`, `"za_starse"`, …).

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use asistent_core::ids::{ClassId, GuardianId, InvalidId, SchoolId, StudentId};
use asistent_core::rust_decimal::Decimal;
use asistent_core::services::Service;
use asistent_core::verify::confirmation::issue_confirmation_code;
use asistent_core::verify::contact::{self, Contact};
use asistent_core::verify::flow::{self, FlowInput, ServiceChoice};
use asistent_core::verify::password as pw;
use asistent_core::verify::printout as print;
use asistent_core::verify::security_code::{self as sc, SecurityCode, SecurityCodeRecord};
use asistent_core::verify::SecretHash;
use ring::rand::SystemRandom;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::convert::{instant_from, LocalDate};
use crate::policy::Policy;
use crate::AsistentError;

fn id_error(e: InvalidId) -> AsistentError {
    AsistentError::invalid(e.kind, e.input.clone(), e)
}

fn from_json<T: DeserializeOwned>(what: &str, json: &str) -> Result<T, AsistentError> {
    serde_json::from_str(json).map_err(|e| {
        AsistentError::invalid(what, json, format!("the {what} JSON is not readable: {e}"))
    })
}

/// A record as JSON, to store: a value that cannot be written is an error, never an
/// empty text stored in its place.
fn to_json<T: Serialize>(what: &str, value: &T) -> Result<String, AsistentError> {
    serde_json::to_string(value).map_err(|e| {
        AsistentError::invalid(
            what,
            String::new(),
            format!("the {what} could not be written as JSON: {e}"),
        )
    })
}

/// A plaintext secret (a security code, a confirmation code, a reset token, a password)
/// handed across the FFI (R-B10, R-A1). It does not print: `toString()` in Kotlin,
/// `description` in Swift and `Debug` in Rust give `SecretText(***)`, so a record
/// holding one can be logged safely; call `reveal()` where it must be shown or sent.
#[derive(Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display)]
pub struct SecretText {
    text: String,
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretText(***)")
    }
}

impl fmt::Display for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretText(***)")
    }
}

fn secret(text: impl Into<String>) -> Arc<SecretText> {
    Arc::new(SecretText { text: text.into() })
}

#[uniffi::export]
impl SecretText {
    /// Wraps a secret the app holds (an initial password from the school's register,
    /// a code to print) so that it is printed only where it must be.
    #[uniffi::constructor]
    pub fn new(text: String) -> Arc<SecretText> {
        secret(text)
    }

    /// The plaintext, for showing it once or sending it.
    pub fn reveal(&self) -> String {
        self.text.clone()
    }
}

fn service(code: &str) -> Result<Service, AsistentError> {
    code.parse::<Service>()
        .map_err(|e| AsistentError::invalid("service", code, e))
}

/// Email or phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ContactKind {
    /// An email address.
    Email,
    /// A mobile number.
    Phone,
}

fn contact(kind: ContactKind, text: &str) -> Result<Contact, AsistentError> {
    Ok(match kind {
        ContactKind::Email => Contact::Email(contact::Email::parse(text)?),
        ContactKind::Phone => Contact::Phone(contact::Phone::parse(text)?),
    })
}

/// What kind of line a phone number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PhoneKind {
    /// A Slovenian mobile.
    SlovenianMobile,
    /// A Slovenian fixed line.
    SlovenianFixed,
    /// Another country's number.
    Foreign,
}

/// A normalised phone number.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PhoneNumber {
    /// E.164 (`+38641123456`).
    pub e164: String,
    /// Mobile, fixed or foreign.
    pub kind: PhoneKind,
    /// Whether it takes SMS.
    pub can_receive_sms: bool,
}

impl TryFrom<contact::PhoneKind> for PhoneKind {
    type Error = AsistentError;
    fn try_from(k: contact::PhoneKind) -> Result<Self, AsistentError> {
        match k {
            contact::PhoneKind::SlovenianMobile => Ok(PhoneKind::SlovenianMobile),
            contact::PhoneKind::SlovenianFixed => Ok(PhoneKind::SlovenianFixed),
            contact::PhoneKind::Foreign => Ok(PhoneKind::Foreign),
            other => Err(AsistentError::unsupported("phone kind", other)),
        }
    }
}

/// Checks and normalises an email address (lower case).
#[uniffi::export]
pub fn normalize_email(text: String) -> Result<String, AsistentError> {
    Ok(contact::Email::parse(&text)?.to_string())
}

/// Checks a phone number and writes it in E.164 (+386 when no country code is given).
#[uniffi::export]
pub fn normalize_phone(text: String) -> Result<PhoneNumber, AsistentError> {
    let p = contact::Phone::parse(&text)?;
    Ok(PhoneNumber {
        e164: p.e164().to_owned(),
        kind: p.kind().try_into()?,
        can_receive_sms: p.can_receive_sms(),
    })
}

/// Checks the form of a typed security code (length, alphabet, check character) and
/// gives it grouped (`7KQ3M-XD4PA`); a mistyped code is a `MalformedCode` error (R-B10).
#[uniffi::export]
pub fn check_security_code_format(text: String) -> Result<String, AsistentError> {
    Ok(SecurityCode::parse(&text)?.grouped())
}

/// A newly issued security code (R-B1, R-B8, R-B10).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IssuedSecurityCode {
    /// The code, grouped, for the sheet and the phone call: shown once, never stored.
    pub code: Arc<SecretText>,
    /// The record to store (JSON; holds only a hash).
    pub record_json: String,
    /// Earlier records of the same parent and child, now revoked (JSON each).
    pub revoked_json: Vec<String>,
}

/// Issues a security code for a parent and a child (R-B1, R-B8, R-B10), revoking the
/// still-active ones among `previous_json`.
#[uniffi::export]
pub fn issue_security_code(
    guardian: String,
    student: String,
    school: String,
    previous_json: Vec<String>,
    now: SystemTime,
    policy: Arc<Policy>,
) -> Result<IssuedSecurityCode, AsistentError> {
    let previous = previous_json
        .iter()
        .enumerate()
        .map(|(i, j)| {
            from_json::<SecurityCodeRecord>("security code record", j)
                .map_err(|e| e.at_position("previous record", i))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let issued = sc::issue_security_code(
        &GuardianId::new(guardian).map_err(id_error)?,
        &StudentId::new(student).map_err(id_error)?,
        &SchoolId::new(school).map_err(id_error)?,
        &previous,
        instant_from(now)?,
        &policy.inner.verify,
        &SystemRandom::new(),
    )?;
    Ok(IssuedSecurityCode {
        code: secret(issued.code.grouped()),
        record_json: to_json("security code record", &issued.record)?,
        revoked_json: issued
            .revoked
            .iter()
            .map(|r| to_json("security code record", r))
            .collect::<Result<_, _>>()?,
    })
}

/// What a step of the parent's flow gave.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FlowOutcome {
    /// The outcome's machine name (`code_accepted`, `birth_date_wrong`, `code_voided`,
    /// `portal_activated`, …).
    pub kind: String,
    /// Attempts left, for the wrong-code outcomes.
    pub attempts_left: Option<u32>,
    /// What to tell the parent, in Slovenian.
    pub message_sl: String,
    /// The rules it rests on (`R-B3`, …).
    pub rules: Vec<String>,
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

/// The next flow and what the step gave.
#[derive(Debug, Clone, uniffi::Record)]
pub struct FlowStepResult {
    /// The flow after the step (store it).
    pub flow: Arc<ParentFlow>,
    /// What to tell the parent.
    pub outcome: FlowOutcome,
}

/// A confirmation code sent, and the flow after it (R-B5).
#[derive(Debug, Clone, uniffi::Record)]
pub struct ConfirmationSent {
    /// The 6 digits to send to the contact: never shown on screen, never stored.
    pub code: Arc<SecretText>,
    /// The flow after it.
    pub result: FlowStepResult,
}

/// A parent's way in (R-B1 … R-B5): code → date of birth → contacts → services. Each
/// step returns a new flow; store its JSON between steps.
#[derive(Debug, PartialEq, Eq, uniffi::Object)]
pub struct ParentFlow {
    inner: flow::ParentFlow,
}

impl ParentFlow {
    fn step(
        &self,
        input: &FlowInput,
        now: SystemTime,
        policy: &Policy,
    ) -> Result<FlowStepResult, AsistentError> {
        let (next, outcome) = self.inner.apply(input, instant_from(now)?, &policy.inner)?;
        Ok(FlowStepResult {
            flow: Arc::new(ParentFlow { inner: next }),
            outcome: (&outcome).into(),
        })
    }
}

#[uniffi::export]
impl ParentFlow {
    /// A new flow for an issued code's record.
    #[uniffi::constructor]
    pub fn start(record_json: String) -> Result<Arc<ParentFlow>, AsistentError> {
        Ok(Arc::new(ParentFlow {
            inner: flow::ParentFlow::start(from_json("security code record", &record_json)?),
        }))
    }

    /// A stored flow.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<ParentFlow>, AsistentError> {
        Ok(Arc::new(ParentFlow {
            inner: from_json("parent flow", &json)?,
        }))
    }

    /// The flow as JSON, to store.
    pub fn to_json(&self) -> Result<String, AsistentError> {
        to_json("parent flow", &self.inner)
    }

    /// The flow with its record replaced by the record as stored now (JSON) (R-B10,
    /// R-B8). The stored record is authoritative: call this before every step on a kept
    /// flow, so that a code revoked by a newer one, or voided elsewhere, ends the flow and
    /// the wrong-attempt counts come from the store. After every step store
    /// `record_json()` back.
    pub fn resume(&self, record_json: String) -> Result<Arc<ParentFlow>, AsistentError> {
        let stored = from_json("security code record", &record_json)?;
        Ok(Arc::new(ParentFlow {
            inner: self.inner.resume(&stored)?,
        }))
    }

    /// The flow's security-code record (JSON), to store in place of the old one after
    /// every step (R-B10).
    pub fn record_json(&self) -> Result<String, AsistentError> {
        to_json("security code record", &self.inner.code)
    }

    /// The step it is at (`code`, `birth_date`, `contacts`, `services`, `active`,
    /// `no_portal`, `voided`, `expired`, `revoked`).
    pub fn current_step(&self) -> String {
        self.inner.step.code().to_owned()
    }

    /// The parent types the security code (R-B1, R-B10).
    pub fn enter_code(
        &self,
        code: String,
        now: SystemTime,
        policy: Arc<Policy>,
    ) -> Result<FlowStepResult, AsistentError> {
        self.step(&FlowInput::EnterCode { code }, now, &policy)
    }

    /// The parent gives the child's date of birth; `on_record` is the school's (R-B3).
    pub fn enter_birth_date(
        &self,
        given: LocalDate,
        on_record: LocalDate,
        now: SystemTime,
        policy: Arc<Policy>,
    ) -> Result<FlowStepResult, AsistentError> {
        self.step(
            &FlowInput::EnterBirthDate { given, on_record },
            now,
            &policy,
        )
    }

    /// Makes a confirmation code for a contact and records it in the flow (R-B5).
    pub fn send_confirmation(
        &self,
        kind: ContactKind,
        contact_text: String,
        now: SystemTime,
        policy: Arc<Policy>,
    ) -> Result<ConfirmationSent, AsistentError> {
        let c = contact(kind, &contact_text)?;
        let (record, code) = issue_confirmation_code(
            &c,
            instant_from(now)?,
            &policy.inner.verify,
            &SystemRandom::new(),
        )?;
        let result = self.step(&FlowInput::ConfirmationSent { record }, now, &policy)?;
        Ok(ConfirmationSent {
            code: secret(code.reveal()),
            result,
        })
    }

    /// The parent types the confirmation code received at a contact (R-B5).
    pub fn enter_confirmation(
        &self,
        kind: ContactKind,
        contact_text: String,
        code: String,
        now: SystemTime,
        policy: Arc<Policy>,
    ) -> Result<FlowStepResult, AsistentError> {
        let c = contact(kind, &contact_text)?;
        self.step(
            &FlowInput::EnterConfirmation { contact: c, code },
            now,
            &policy,
        )
    }

    /// The parent chooses the services for themselves and the child (R-B4).
    pub fn choose_services(
        &self,
        for_parent: String,
        for_child: String,
        now: SystemTime,
        policy: Arc<Policy>,
    ) -> Result<FlowStepResult, AsistentError> {
        let choice = ServiceChoice {
            parent: service(&for_parent)?,
            child: service(&for_child)?,
        };
        self.step(&FlowInput::ChooseServices(choice), now, &policy)
    }

    /// A newer code was issued for the same parent and child (R-B10, R-B8).
    pub fn revoke(
        &self,
        now: SystemTime,
        policy: Arc<Policy>,
    ) -> Result<FlowStepResult, AsistentError> {
        self.step(&FlowInput::Revoke, now, &policy)
    }
}

/// Hashes a new password (R-A1); gives the hash record as JSON.
#[uniffi::export]
pub fn hash_password(password: String, policy: Arc<Policy>) -> Result<String, AsistentError> {
    to_json(
        "password hash",
        &pw::hash_password(&password, &policy.inner.verify, &SystemRandom::new())?,
    )
}

/// Whether a password matches its stored hash (constant time) (R-A1).
#[uniffi::export]
pub fn verify_password(hash_json: String, password: String) -> Result<bool, AsistentError> {
    let h: SecretHash = from_json("password hash", &hash_json)?;
    Ok(pw::verify_password(&h, &password))
}

/// Changes a password, giving the old one and the new one (R-A1); the new hash as JSON.
#[uniffi::export]
pub fn change_password(
    hash_json: String,
    old_password: String,
    new_password: String,
    policy: Arc<Policy>,
) -> Result<String, AsistentError> {
    let h: SecretHash = from_json("password hash", &hash_json)?;
    to_json(
        "password hash",
        &pw::change_password(
            &h,
            &old_password,
            &new_password,
            &policy.inner.verify,
            &SystemRandom::new(),
        )?,
    )
}

/// Whose account a reset is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AccountKind {
    /// A parent (R-A2).
    Parent,
    /// A student, through the student's email (R-A4).
    Student,
}

/// The answer to a reset request (R-A2, R-A4): the screen text is the same whether or
/// not the address is known.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PasswordResetRequest {
    /// What the screen says, in Slovenian.
    pub message_sl: String,
    /// The same in English.
    pub message_en: String,
    /// The token to put in the emailed link (only when the address is known).
    pub token: Option<Arc<SecretText>>,
    /// The token's record to store (JSON; only when the address is known).
    pub record_json: Option<String>,
}

/// "Pošlji povezavo za nastavitev novega gesla" (R-A2, R-A4): `account` is what the
/// caller's lookup of the normalised address found, or null.
#[uniffi::export]
pub fn request_password_reset(
    email: String,
    account: Option<AccountKind>,
    now: SystemTime,
    policy: Arc<Policy>,
) -> Result<PasswordResetRequest, AsistentError> {
    let e = contact::Email::parse(&email)?;
    let kind = account.map(|a| match a {
        AccountKind::Parent => pw::AccountKind::Parent,
        AccountKind::Student => pw::AccountKind::Student,
    });
    let r = pw::request_password_reset(
        &e,
        kind,
        instant_from(now)?,
        &policy.inner.verify,
        &SystemRandom::new(),
    )?;
    Ok(PasswordResetRequest {
        message_sl: r.message_sl.to_owned(),
        message_en: r.message_en.to_owned(),
        token: r.mail.as_ref().map(|m| secret(m.token.reveal())),
        record_json: r
            .mail
            .as_ref()
            .map(|m| to_json("reset token record", &m.record))
            .transpose()?,
    })
}

/// What redeeming a reset token gave (R-A2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ResetRedeemed {
    /// `accepted`, `wrong`, `expired` or `already_used`.
    pub outcome: String,
    /// The record after it (JSON; used once accepted).
    pub record_json: String,
}

/// Redeems the token from a reset link (single use, one hour) (R-A2).
#[uniffi::export]
pub fn redeem_reset_token(
    record_json: String,
    token: String,
    now: SystemTime,
) -> Result<ResetRedeemed, AsistentError> {
    let r: pw::ResetTokenRecord = from_json("reset token record", &record_json)?;
    let (next, outcome) = r.redeem(&token, instant_from(now)?)?;
    Ok(ResetRedeemed {
        outcome: outcome.code().to_owned(),
        record_json: to_json("reset token record", &next)?,
    })
}

/// A child's new password (R-A3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChildPassword {
    /// The new password: show once, hand to the child.
    pub password: Arc<SecretText>,
    /// The hash to store (JSON).
    pub hash_json: String,
}

/// "Da, želim novo geslo" (R-A3): a parent with active portal access makes a new
/// readable password for one of their children.
#[uniffi::export]
pub fn reset_child_password(
    portal_active: bool,
    children: Vec<String>,
    child: String,
    policy: Arc<Policy>,
) -> Result<ChildPassword, AsistentError> {
    let kids = children
        .into_iter()
        .enumerate()
        .map(|(i, c)| StudentId::new(c).map_err(|e| id_error(e).at_position("child", i)))
        .collect::<Result<Vec<_>, _>>()?;
    let r = pw::reset_child_password(
        portal_active,
        &kids,
        &StudentId::new(child).map_err(id_error)?,
        &policy.inner.verify,
        &SystemRandom::new(),
    )?;
    Ok(ChildPassword {
        password: secret(r.password.reveal()),
        hash_json: to_json("password hash", &r.hash)?,
    })
}

/// A printout as HTML and text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Printout {
    /// Print-ready HTML.
    pub html: String,
    /// Plain text.
    pub text: String,
}

impl From<print::Printout> for Printout {
    fn from(p: print::Printout) -> Self {
        Printout {
            html: p.html,
            text: p.text,
        }
    }
}

/// One parent on the security-code sheet (R-B2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SheetEntry {
    /// The parent's name.
    pub guardian_name: String,
    /// The child's name.
    pub student_name: String,
    /// The class (e.g. "7.a").
    pub class_id: String,
    /// The code from `issueSecurityCode`.
    pub code: Arc<SecretText>,
    /// The code's record from `issueSecurityCode` (JSON): the sheet prints its last
    /// valid day, so it cannot disagree with the real expiry (R-B10).
    pub record_json: String,
}

/// "Varnostne kode za preverjanje identitete staršev (GDPR)": a sheet per parent, the
/// instructions in Slovenian under the code, with the policy's number of wrong dates of
/// birth (R-B2, R-B3).
#[uniffi::export]
pub fn security_code_sheet(
    school_name: String,
    entries: Vec<SheetEntry>,
    policy: Arc<Policy>,
) -> Result<Printout, AsistentError> {
    // A bad entry is named by its position, from 0 (`index` where the error has one, and
    // the message: "entry 2: …").
    let at = |i: usize| move |e: AsistentError| e.at_position("entry", i);
    let mut parsed = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let code = SecurityCode::parse(&e.code.text)
            .map_err(AsistentError::from)
            .map_err(at(i))?;
        let record = from_json::<SecurityCodeRecord>("security code record", &e.record_json)
            .map_err(at(i))?;
        let class = ClassId::new(e.class_id.clone())
            .map_err(id_error)
            .map_err(at(i))?;
        parsed.push((code, record, class));
    }
    let core_entries: Vec<_> = entries
        .iter()
        .zip(&parsed)
        .map(|(e, (code, record, class))| print::SheetEntry {
            guardian_name: e.guardian_name.clone(),
            student_name: e.student_name.clone(),
            class: class.clone(),
            code,
            record,
        })
        .collect();
    Ok(print::security_code_sheet(&school_name, &core_entries, &policy.inner.verify).into())
}

/// One parent for the class teacher's overview (R-B9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OverviewEntry {
    /// The class.
    pub class_id: String,
    /// The parent.
    pub guardian: String,
    /// The parent's name.
    pub guardian_name: String,
    /// The child's name.
    pub student_name: String,
    /// The parent's flow as stored (null: no code yet).
    pub flow_json: Option<String>,
}

/// "Razrednik – Starši": per class, who entered the code, confirmed each contact and
/// chose a service (R-B9).
#[uniffi::export]
pub fn class_overview(entries: Vec<OverviewEntry>) -> Result<Printout, AsistentError> {
    // A bad entry is named by its position, from 0 (`index` where the error has one, and
    // the message: "entry 2: …").
    let at = |i: usize| move |e: AsistentError| e.at_position("entry", i);
    let mut parsed = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let flow = e
            .flow_json
            .as_deref()
            .map(|j| from_json::<flow::ParentFlow>("parent flow", j))
            .transpose()
            .map_err(at(i))?;
        let class = ClassId::new(e.class_id.clone())
            .map_err(id_error)
            .map_err(at(i))?;
        let guardian = GuardianId::new(e.guardian.clone())
            .map_err(id_error)
            .map_err(at(i))?;
        parsed.push((flow, class, guardian));
    }
    let inputs: Vec<_> = entries
        .iter()
        .zip(&parsed)
        .map(|(e, (flow, class, guardian))| print::OverviewInput {
            class: class.clone(),
            guardian_name: e.guardian_name.clone(),
            student_name: e.student_name.clone(),
            flow: flow.as_ref(),
            guardian: guardian.clone(),
        })
        .collect();
    Ok(print::render_overview(&print::class_overview(&inputs)).into())
}

/// A student's credentials as the school holds them (R-A8, R-A9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StudentCredentials {
    /// The student.
    pub student: String,
    /// Name and surname.
    pub name: String,
    /// The class.
    pub class_id: String,
    /// The username.
    pub username: String,
    /// The initial password.
    pub initial_password: Option<Arc<SecretText>>,
    /// Ever logged in.
    pub has_logged_in: bool,
    /// Changed the initial password.
    pub changed_password: bool,
    /// Email, if any.
    pub email: Option<String>,
    /// Mobile, if any.
    pub phone: Option<String>,
}

fn credentials(
    list: &[StudentCredentials],
) -> Result<Vec<print::StudentCredentials>, AsistentError> {
    // A bad student is named by its position, from 0 (`index` where the error has one,
    // and the message: "student 2: …").
    list.iter()
        .enumerate()
        .map(|(i, s)| student_credentials(s).map_err(|e| e.at_position("student", i)))
        .collect()
}

fn student_credentials(s: &StudentCredentials) -> Result<print::StudentCredentials, AsistentError> {
    Ok(print::StudentCredentials {
        student: StudentId::new(s.student.clone()).map_err(id_error)?,
        name: s.name.clone(),
        class: ClassId::new(s.class_id.clone()).map_err(id_error)?,
        username: s.username.clone(),
        initial_password: s
            .initial_password
            .as_ref()
            .map(|p| asistent_core::verify::Secret::from_stored(p.text.clone())),
        has_logged_in: s.has_logged_in,
        changed_password: s.changed_password,
        email: s.email.as_deref().map(contact::Email::parse).transpose()?,
        phone: s.phone.as_deref().map(contact::Phone::parse).transpose()?,
    })
}

/// Prints usernames and initial passwords; a changed password is not printed;
/// `one_page_each` is the "predloga" layout (R-A8).
#[uniffi::export]
pub fn credentials_printout(
    students: Vec<StudentCredentials>,
    one_page_each: bool,
) -> Result<Printout, AsistentError> {
    let layout = if one_page_each {
        print::PrintLayout::Template
    } else {
        print::PrintLayout::List
    };
    Ok(print::credentials_printout(&credentials(&students)?, layout).into())
}

/// A student left out of a bulk send, and why (R-A9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SkippedStudent {
    /// The student.
    pub student: String,
    /// "already_active" (logged in and changed the password) or "no_contact" (no email
    /// address, or no mobile that takes SMS).
    pub reason: String,
}

/// Who gets a bulk send of initial credentials and what the SMS cost (R-A9, R-A10).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BulkSendPlan {
    /// Students who get it.
    pub recipients: Vec<String>,
    /// Students left out, and why.
    pub skipped: Vec<SkippedStudent>,
    /// SMS segments in all (0 for email).
    pub sms_segments: u32,
    /// The SMS cost in euros.
    pub sms_cost: Decimal,
}

/// Plans a bulk send by email (`by_sms = false`) or SMS (R-A9): only students who never
/// changed the password or never logged in. SMS cost (R-A10) = the exact segments of
/// `message` (the longest text to be sent) × recipients × the policy's
/// `sms.price_per_segment`.
#[uniffi::export]
pub fn bulk_send_plan(
    students: Vec<StudentCredentials>,
    by_sms: bool,
    message: String,
    policy: Arc<Policy>,
) -> Result<BulkSendPlan, AsistentError> {
    let channel = if by_sms {
        print::SendChannel::Sms
    } else {
        print::SendChannel::Email
    };
    let plan = print::bulk_send_plan(&credentials(&students)?, channel, &message, &policy.inner)?;
    Ok(BulkSendPlan {
        recipients: plan.recipients.iter().map(ToString::to_string).collect(),
        skipped: plan
            .skipped
            .iter()
            .map(|(s, r)| SkippedStudent {
                student: s.to_string(),
                reason: r.code().to_owned(),
            })
            .collect(),
        sms_segments: plan.sms_segments,
        sms_cost: plan.sms_cost,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R-B4: every core kind of line maps to its own value (an unknown one would be an
    /// `unsupported` error, never "foreign").
    #[test]
    fn r_b4_every_core_phone_kind_has_its_own_value() {
        let mapped: Vec<PhoneKind> = contact::PhoneKind::ALL
            .into_iter()
            .map(|k| PhoneKind::try_from(k).unwrap())
            .collect();
        assert_eq!(
            mapped,
            vec![
                PhoneKind::SlovenianMobile,
                PhoneKind::SlovenianFixed,
                PhoneKind::Foreign
            ]
        );
    }

    #[test]
    fn r_b10_secrets_in_ffi_records_do_not_print() {
        let issued = IssuedSecurityCode {
            code: secret("7KQ3M-XD4PA"),
            record_json: "{}".into(),
            revoked_json: vec![],
        };
        let shown = format!("{issued:?}");
        assert!(!shown.contains("7KQ3M"), "{shown}");
        assert!(shown.contains("SecretText(***)"), "{shown}");
        assert_eq!(issued.code.to_string(), "SecretText(***)");
        assert_eq!(issued.code.reveal(), "7KQ3M-XD4PA");
        let child = ChildPassword {
            password: secret("miza-voda-42"),
            hash_json: "{}".into(),
        };
        assert!(!format!("{child:?}").contains("miza"));
    }
}
