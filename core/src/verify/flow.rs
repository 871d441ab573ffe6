//! The way a parent goes into the portal, as a state machine over plain values
//! (R-B1 … R-B5, R-B8, R-B10): `flow.apply(input, now, &policy) -> (flow, outcome)`.
//!
//! 1. **Code**: the parent types the security code from the class teacher (R-B1, R-B2).
//!    A mistyped code (wrong length, foreign character, failed check character) is an
//!    error and costs nothing; a well-formed wrong code costs one of
//!    `max_wrong_security_codes` attempts.
//! 2. **Birth date**: the parent proves identity with the child's date of birth (R-B3).
//!    `max_wrong_birth_dates` (3) wrong dates void the code; the outcome tells the parent
//!    to ask the class teacher for a new code and to check the recorded date. A right
//!    date uses the code up (single use).
//! 3. **Contacts**: email and mobile number, each confirmed with a confirmation code sent
//!    to it (R-B4, R-B5).
//! 4. **Services**: the parent chooses a service for themselves and for the child;
//!    MINIMALNI or a paid service activates the portal (R-B4).
//!
//! The flow has no storage, no clock and no random source: confirmation codes are made
//! with [`issue_confirmation_code`](super::confirmation::issue_confirmation_code) and
//! handed in as [`FlowInput::ConfirmationSent`].
//!
//! ## The stored record is authoritative
//! The flow carries a copy of its [`SecurityCodeRecord`] (`flow.code`), but the caller's
//! store holds the record that counts: issuing a newer code revokes the stored one
//! (R-B10, R-B8), and the wrong-attempt counters live on the record, not in the flow.
//! So the caller
//! 1. before applying an input to a flow it kept, calls [`ParentFlow::resume`] with the
//!    record as stored now (a revoked, voided or used code then ends the flow, and the
//!    counters come from the store, so starting a flow again does not reset them), and
//! 2. after every `Ok`, stores `next.code` in place of the record.
//!
//! Independently of that, `apply` never accepts a code or a date of birth for a record
//! whose status is not `Active`.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::confirmation::{ConfirmationOutcome, ConfirmationRecord};
use super::contact::{Contact, ContactKind};
use super::security_code::{CodeStatus, SecurityCode, SecurityCodeRecord};
use super::VerifyError;
use crate::policy::Policy;
use crate::rules::RuleId;
use crate::services::Service;

/// The step a parent's flow is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FlowStep {
    /// Waiting for the security code (R-B1).
    Code,
    /// Code accepted; waiting for the child's date of birth (R-B3).
    BirthDate,
    /// Identity proven; confirming email and mobile (R-B4, R-B5).
    Contacts,
    /// Contacts confirmed; choosing the services (R-B4).
    Services,
    /// Done: the portal is active (R-B4).
    Active,
    /// Done: the parent chose no electronic contact; the portal is not active.
    NoPortal,
    /// The code was voided by wrong dates of birth or codes (R-B3).
    Voided,
    /// The code expired before it was used (R-B10).
    Expired,
    /// A newer code replaced this one (R-B10, R-B8).
    Revoked,
}

impl FlowStep {
    /// The machine name.
    pub const fn code(self) -> &'static str {
        match self {
            FlowStep::Code => "code",
            FlowStep::BirthDate => "birth_date",
            FlowStep::Contacts => "contacts",
            FlowStep::Services => "services",
            FlowStep::Active => "active",
            FlowStep::NoPortal => "no_portal",
            FlowStep::Voided => "voided",
            FlowStep::Expired => "expired",
            FlowStep::Revoked => "revoked",
        }
    }
}

/// One contact of the flow: the code sent to it, and whether it is confirmed (R-B5).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactState {
    /// The confirmation code last sent, if any.
    pub pending: Option<ConfirmationRecord>,
    /// The confirmed contact, if any.
    pub confirmed: Option<Contact>,
}

/// Which services the parent chose (R-B4, R-C5).
///
/// What the flow accepts ([`ServiceChoice::check`]):
/// - `parent` is the parent's own mode of electronic contact (R-C5): MINIMALNI, ZA
///   STARŠE, POPOLNI or no electronic contact. ZA UČENCE is the student's service, not a
///   parent's mode: refused.
/// - `child` is the child's subscription (R-C1, R-C3): any of the five. ZA STARŠE and
///   POPOLNI on it send the parents notices about the child (R-C3).
/// - "No electronic contact" for the parent together with ZA STARŠE or POPOLNI for the
///   child (notices to the parent electronically) contradicts itself: refused. With
///   MINIMALNI, ZA UČENCE or no contact for the child it stands (the child's own
///   access sends the parent nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceChoice {
    /// For the parent.
    pub parent: Service,
    /// For the child.
    pub child: Service,
}

/// A parent's flow for one security code (R-B1 … R-B5). Serialises with serde; the
/// caller stores it between inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParentFlow {
    /// The security code's record, updated as the flow goes.
    pub code: SecurityCodeRecord,
    /// Where the flow stands.
    pub step: FlowStep,
    /// The email address.
    pub email: ContactState,
    /// The mobile number.
    pub phone: ContactState,
    /// The services chosen, once chosen.
    pub services: Option<ServiceChoice>,
}

/// What the parent (or the school) does next.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlowInput {
    /// The parent types the security code.
    EnterCode {
        /// As typed.
        code: String,
    },
    /// The parent gives the child's date of birth; `on_record` is the school's (R-B3).
    EnterBirthDate {
        /// As given by the parent.
        given: NaiveDate,
        /// As the school's record holds it.
        on_record: NaiveDate,
    },
    /// A confirmation code was sent to a contact (made with `issue_confirmation_code`).
    ConfirmationSent {
        /// Its record.
        record: ConfirmationRecord,
    },
    /// The parent types the confirmation code received at `contact`.
    EnterConfirmation {
        /// The contact the parent says it came to.
        contact: Contact,
        /// As typed.
        code: String,
    },
    /// The parent chooses the services (R-B4).
    ChooseServices(ServiceChoice),
    /// The school issued a newer code for the same parent and child (R-B10, R-B8).
    Revoke,
}

impl fmt::Debug for FlowInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlowInput::EnterCode { .. } => f.write_str("EnterCode { code: *** }"),
            FlowInput::EnterBirthDate { .. } => f.write_str("EnterBirthDate { .. }"),
            FlowInput::ConfirmationSent { record } => {
                write!(f, "ConfirmationSent {{ {:?} }}", record.contact.kind())
            }
            FlowInput::EnterConfirmation { contact, .. } => {
                write!(f, "EnterConfirmation {{ {:?}, code: *** }}", contact.kind())
            }
            FlowInput::ChooseServices(c) => write!(f, "ChooseServices({c:?})"),
            FlowInput::Revoke => f.write_str("Revoke"),
        }
    }
}

impl ServiceChoice {
    /// Whether the choice is consistent (see the type's documentation) (R-B4, R-C1,
    /// R-C3, R-C5); a [`VerifyError::ServiceChoiceRefused`] says why not.
    pub fn check(&self) -> Result<(), VerifyError> {
        let refuse = |reason: &str| {
            Err(VerifyError::ServiceChoiceRefused {
                parent: self.parent.code().to_owned(),
                child: self.child.code().to_owned(),
                reason: reason.to_owned(),
            })
        };
        if self.parent == Service::ZaUcence {
            return refuse(
                "ZA UČENCE is the student's service; a parent chooses MINIMALNI, ZA STARŠE, POPOLNI or no electronic contact for themselves",
            );
        }
        if self.parent == Service::NoElectronicContact
            && matches!(self.child, Service::ZaStarse | Service::Popolni)
        {
            return refuse(
                "the child's service would send the parent notices electronically, but the parent chose no electronic contact",
            );
        }
        Ok(())
    }
}

impl FlowInput {
    fn name(&self) -> &'static str {
        match self {
            FlowInput::EnterCode { .. } => "enter_code",
            FlowInput::EnterBirthDate { .. } => "enter_birth_date",
            FlowInput::ConfirmationSent { .. } => "confirmation_sent",
            FlowInput::EnterConfirmation { .. } => "enter_confirmation",
            FlowInput::ChooseServices(_) => "choose_services",
            FlowInput::Revoke => "revoke",
        }
    }
}

/// Why a code became void (R-B3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VoidCause {
    /// Too many wrong dates of birth (R-B3).
    WrongBirthDates,
    /// Too many wrong security codes (R-B10).
    WrongCodes,
}

/// What an input gave, for the parent's screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[non_exhaustive]
pub enum FlowOutcome {
    /// The code is right: ask for the child's date of birth (R-B3).
    CodeAccepted,
    /// A well-formed code that is not this one; attempts remain.
    CodeWrong {
        /// Attempts left before the code is void.
        attempts_left: u32,
    },
    /// The date of birth is wrong; attempts remain (R-B3).
    BirthDateWrong {
        /// Attempts left before the code is void.
        attempts_left: u32,
    },
    /// Identity proven, the code is used up: confirm the contacts next (R-B3, R-B4).
    IdentityProven,
    /// The code is void: ask the class teacher for a new one, and check with them that
    /// the school's record holds the right date of birth (R-B3).
    CodeVoided {
        /// Why.
        cause: VoidCause,
    },
    /// The code expired: ask the class teacher for a new one (R-B10).
    CodeExpired,
    /// The code was replaced by a newer one (R-B10, R-B8).
    CodeRevoked,
    /// The code was already used (R-B10).
    CodeAlreadyUsed,
    /// A confirmation code went to a contact (R-B5).
    ConfirmationSent {
        /// Email or phone.
        kind: ContactKind,
    },
    /// A contact is confirmed; `remaining` lists those still to confirm (R-B5).
    ContactConfirmed {
        /// Email or phone.
        kind: ContactKind,
        /// Contacts still to confirm (empty: choose the services next).
        remaining: Vec<ContactKind>,
    },
    /// A confirmation code did not confirm (wrong, expired, spent, used) (R-B5).
    ConfirmationFailed {
        /// Email or phone.
        kind: ContactKind,
        /// What happened.
        result: ConfirmationOutcome,
    },
    /// The portal is active (R-B4).
    PortalActivated {
        /// The services chosen.
        choice: ServiceChoice,
    },
    /// The parent chose no electronic contact; the portal stays inactive (R-B4).
    PortalNotActivated {
        /// The services chosen.
        choice: ServiceChoice,
    },
}

impl FlowOutcome {
    /// The machine name of the outcome (`code_accepted`, `code_voided`, …), as in JSON.
    pub const fn kind(&self) -> &'static str {
        match self {
            FlowOutcome::CodeAccepted => "code_accepted",
            FlowOutcome::CodeWrong { .. } => "code_wrong",
            FlowOutcome::BirthDateWrong { .. } => "birth_date_wrong",
            FlowOutcome::IdentityProven => "identity_proven",
            FlowOutcome::CodeVoided { .. } => "code_voided",
            FlowOutcome::CodeExpired => "code_expired",
            FlowOutcome::CodeRevoked => "code_revoked",
            FlowOutcome::CodeAlreadyUsed => "code_already_used",
            FlowOutcome::ConfirmationSent { .. } => "confirmation_sent",
            FlowOutcome::ContactConfirmed { .. } => "contact_confirmed",
            FlowOutcome::ConfirmationFailed { .. } => "confirmation_failed",
            FlowOutcome::PortalActivated { .. } => "portal_activated",
            FlowOutcome::PortalNotActivated { .. } => "portal_not_activated",
        }
    }

    /// Attempts left, for the outcomes of a wrong code or date (R-B3, R-B10).
    pub const fn attempts_left(&self) -> Option<u32> {
        match self {
            FlowOutcome::CodeWrong { attempts_left }
            | FlowOutcome::BirthDateWrong { attempts_left }
            | FlowOutcome::ConfirmationFailed {
                result: ConfirmationOutcome::Wrong { attempts_left },
                ..
            } => Some(*attempts_left),
            _ => None,
        }
    }

    /// The rules the outcome rests on.
    pub fn rules(&self) -> Vec<RuleId> {
        match self {
            FlowOutcome::CodeAccepted | FlowOutcome::BirthDateWrong { .. } => {
                vec![RuleId::B1, RuleId::B3]
            }
            FlowOutcome::CodeWrong { .. }
            | FlowOutcome::CodeExpired
            | FlowOutcome::CodeAlreadyUsed => vec![RuleId::B10],
            FlowOutcome::CodeRevoked => vec![RuleId::B10, RuleId::B8],
            FlowOutcome::IdentityProven => vec![RuleId::B3, RuleId::B4],
            FlowOutcome::CodeVoided { .. } => vec![RuleId::B3],
            FlowOutcome::ConfirmationSent { .. }
            | FlowOutcome::ContactConfirmed { .. }
            | FlowOutcome::ConfirmationFailed { .. } => vec![RuleId::B5],
            FlowOutcome::PortalActivated { .. } | FlowOutcome::PortalNotActivated { .. } => {
                vec![RuleId::B4]
            }
        }
    }

    /// What the parent is told, in Slovenian.
    pub fn message_sl(&self) -> String {
        match self {
            FlowOutcome::CodeAccepted => "Varnostna koda je pravilna. Vpišite datum rojstva otroka.".into(),
            FlowOutcome::CodeWrong { attempts_left } => format!("Varnostna koda ni pravilna. Preostali poskusi: {attempts_left}."),
            FlowOutcome::BirthDateWrong { attempts_left } => format!("Datum rojstva otroka ni pravilen. Preostali poskusi: {attempts_left}."),
            FlowOutcome::IdentityProven => "Istovetnost je potrjena. Potrdite svoj elektronski naslov in mobilno številko.".into(),
            FlowOutcome::CodeVoided { .. } => "Varnostna koda ni več veljavna. Obrnite se na razrednika, da vam pošlje novo, in skupaj z njim preverite, ali je v šolski evidenci vpisan pravilen datum rojstva otroka.".into(),
            FlowOutcome::CodeExpired => "Varnostna koda je potekla. Obrnite se na razrednika, da vam pošlje novo.".into(),
            FlowOutcome::CodeRevoked => "Ta varnostna koda je bila nadomeščena z novejšo. Uporabite zadnjo kodo, ki ste jo prejeli od šole.".into(),
            FlowOutcome::CodeAlreadyUsed => "Ta varnostna koda je že bila uporabljena.".into(),
            FlowOutcome::ConfirmationSent { kind } => format!("Potrditvena koda je bila poslana na {}.", kind_sl(*kind)),
            FlowOutcome::ContactConfirmed { kind, remaining } => {
                if remaining.is_empty() {
                    format!("{} je potrjen{}. Izberite storitev zase in za otroka.", cap(kind_sl(*kind)), if *kind == ContactKind::Phone { "a" } else { "" })
                } else {
                    format!("{} je potrjen{}.", cap(kind_sl(*kind)), if *kind == ContactKind::Phone { "a" } else { "" })
                }
            }
            FlowOutcome::ConfirmationFailed { result, .. } => match result {
                ConfirmationOutcome::Wrong { attempts_left } => format!("Potrditvena koda ni pravilna. Preostali poskusi: {attempts_left}."),
                ConfirmationOutcome::Expired => "Potrditvena koda je potekla. Zahtevajte novo.".into(),
                ConfirmationOutcome::Exhausted => "Preveč napačnih poskusov. Zahtevajte novo potrditveno kodo.".into(),
                _ => "Potrditvena koda je že bila uporabljena.".into(),
            },
            FlowOutcome::PortalActivated { .. } => "Portal za starše je aktiviran.".into(),
            FlowOutcome::PortalNotActivated { .. } => "Izbrali ste, da ne želite elektronskega sodelovanja s šolo; portal za starše ni aktiviran.".into(),
        }
    }
}

fn kind_sl(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Email => "elektronski naslov",
        ContactKind::Phone => "mobilna številka",
    }
}

/// The text with its first letter capitalised (the texts here start with an ASCII
/// letter).
fn cap(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

impl ParentFlow {
    /// A new flow for an issued code (R-B1).
    pub fn start(code: SecurityCodeRecord) -> ParentFlow {
        let step = match code.status {
            CodeStatus::Active => FlowStep::Code,
            CodeStatus::Used { .. } => FlowStep::Contacts,
            CodeStatus::Voided { .. } => FlowStep::Voided,
            CodeStatus::Revoked { .. } => FlowStep::Revoked,
        };
        ParentFlow {
            code,
            step,
            email: ContactState::default(),
            phone: ContactState::default(),
            services: None,
        }
    }

    /// The flow with its record replaced by `stored`, the record as the caller's store
    /// holds it now (R-B10, R-B8): call it before every `apply` on a flow kept between
    /// requests. The stored record is authoritative: its status and its wrong-attempt
    /// counters win over the flow's copy, so a code revoked by a newer one (or voided in
    /// another session) ends this flow too. `stored` must be the same code (same parent,
    /// child, school and hash), else [`VerifyError::RecordMismatch`].
    pub fn resume(&self, stored: &SecurityCodeRecord) -> Result<ParentFlow, VerifyError> {
        let c = &self.code;
        if stored.guardian != c.guardian
            || stored.student != c.student
            || stored.school != c.school
            || stored.hash != c.hash
        {
            return Err(VerifyError::RecordMismatch);
        }
        let mut next = self.clone();
        next.code = stored.clone();
        next.step = match (stored.status, self.step) {
            (CodeStatus::Revoked { .. }, FlowStep::Code | FlowStep::BirthDate) => FlowStep::Revoked,
            (CodeStatus::Voided { .. }, FlowStep::Code | FlowStep::BirthDate) => FlowStep::Voided,
            (CodeStatus::Used { .. }, FlowStep::Code | FlowStep::BirthDate) => FlowStep::Contacts,
            (_, step) => step,
        };
        Ok(next)
    }

    /// Whether the parent entered the code and proved identity (R-B9).
    pub fn code_entered(&self) -> bool {
        matches!(self.code.status, CodeStatus::Used { .. })
    }

    fn contact(&self, kind: ContactKind) -> &ContactState {
        match kind {
            ContactKind::Email => &self.email,
            ContactKind::Phone => &self.phone,
        }
    }

    fn contact_mut(&mut self, kind: ContactKind) -> &mut ContactState {
        match kind {
            ContactKind::Email => &mut self.email,
            ContactKind::Phone => &mut self.phone,
        }
    }

    /// Contacts not yet confirmed.
    pub fn unconfirmed(&self) -> Vec<ContactKind> {
        [ContactKind::Email, ContactKind::Phone]
            .into_iter()
            .filter(|k| self.contact(*k).confirmed.is_none())
            .collect()
    }

    /// Applies one input at `now` under `policy`. An `Err` leaves the flow as it was
    /// (nothing is counted); an `Ok` gives the next flow and what to tell the parent.
    pub fn apply(
        &self,
        input: &FlowInput,
        now: DateTime<Utc>,
        policy: &Policy,
    ) -> Result<(ParentFlow, FlowOutcome), VerifyError> {
        let vp = &policy.verify;
        let mut next = self.clone();
        let unexpected = || VerifyError::UnexpectedEvent {
            step: self.step.code().to_owned(),
            event: input.name().to_owned(),
        };
        // A revocation ends every flow whose code is not yet used.
        if matches!(input, FlowInput::Revoke) {
            return match self.step {
                FlowStep::Code | FlowStep::BirthDate | FlowStep::Expired => {
                    next.code = self.code.revoked(now);
                    next.step = FlowStep::Revoked;
                    Ok((next, FlowOutcome::CodeRevoked))
                }
                FlowStep::Revoked | FlowStep::Voided => Ok((next, self.terminal_outcome())),
                _ => Err(unexpected()),
            };
        }
        match (self.step, input) {
            // A record that is no longer active never takes a code or a date, whatever
            // step the flow's copy says (R-B10).
            (
                FlowStep::Code | FlowStep::BirthDate,
                FlowInput::EnterCode { .. } | FlowInput::EnterBirthDate { .. },
            ) if self.code.status != CodeStatus::Active => {
                next.step = match self.code.status {
                    CodeStatus::Used { .. } => FlowStep::Contacts,
                    CodeStatus::Voided { .. } => FlowStep::Voided,
                    _ => FlowStep::Revoked,
                };
                let outcome = match next.step {
                    FlowStep::Contacts => FlowOutcome::CodeAlreadyUsed,
                    _ => next.terminal_outcome(),
                };
                Ok((next, outcome))
            }
            (
                FlowStep::Code | FlowStep::BirthDate,
                FlowInput::EnterCode { .. } | FlowInput::EnterBirthDate { .. },
            ) if now >= self.code.expires_at => {
                next.step = FlowStep::Expired;
                Ok((next, FlowOutcome::CodeExpired))
            }
            (FlowStep::Code, FlowInput::EnterCode { code }) => self.on_code(code, now, policy),
            (FlowStep::BirthDate, FlowInput::EnterBirthDate { given, on_record }) => {
                Ok(self.on_birth_date(*given, *on_record, now, policy))
            }
            (
                FlowStep::Voided | FlowStep::Expired | FlowStep::Revoked,
                FlowInput::EnterCode { .. } | FlowInput::EnterBirthDate { .. },
            ) => Ok((next, self.terminal_outcome())),
            (
                FlowStep::Contacts | FlowStep::Services | FlowStep::Active | FlowStep::NoPortal,
                FlowInput::EnterCode { .. },
            ) => Ok((next, FlowOutcome::CodeAlreadyUsed)),
            (FlowStep::Contacts | FlowStep::Services, FlowInput::ConfirmationSent { record }) => {
                let kind = record.contact.kind();
                let state = next.contact_mut(kind);
                state.pending = Some(record.clone());
                state.confirmed = None;
                next.step = FlowStep::Contacts;
                next.services = None;
                Ok((next, FlowOutcome::ConfirmationSent { kind }))
            }
            (FlowStep::Contacts, FlowInput::EnterConfirmation { contact, code }) => {
                let kind = contact.kind();
                let Some(pending) = self.contact(kind).pending.as_ref() else {
                    return Err(unexpected());
                };
                let (record, result) = pending.check(contact, code, now, vp)?;
                let state = next.contact_mut(kind);
                state.pending = Some(record);
                if result != ConfirmationOutcome::Confirmed {
                    return Ok((next, FlowOutcome::ConfirmationFailed { kind, result }));
                }
                state.confirmed = Some(contact.clone());
                let remaining = next.unconfirmed();
                if remaining.is_empty() {
                    next.step = FlowStep::Services;
                }
                Ok((next, FlowOutcome::ContactConfirmed { kind, remaining }))
            }
            (FlowStep::Services, FlowInput::ChooseServices(choice)) => {
                choice.check()?;
                next.services = Some(*choice);
                if choice.parent.activates_portal() {
                    next.step = FlowStep::Active;
                    Ok((next, FlowOutcome::PortalActivated { choice: *choice }))
                } else {
                    next.step = FlowStep::NoPortal;
                    Ok((next, FlowOutcome::PortalNotActivated { choice: *choice }))
                }
            }
            _ => Err(unexpected()),
        }
    }

    fn on_code(
        &self,
        code: &str,
        now: DateTime<Utc>,
        policy: &Policy,
    ) -> Result<(ParentFlow, FlowOutcome), VerifyError> {
        let vp = &policy.verify;
        let mut next = self.clone();
        let code = SecurityCode::parse(code)?;
        if self.code.matches(&code) {
            next.step = FlowStep::BirthDate;
            return Ok((next, FlowOutcome::CodeAccepted));
        }
        next.code.wrong_codes += 1;
        if next.code.wrong_codes >= vp.max_wrong_security_codes {
            next.code.status = CodeStatus::Voided { at: now };
            next.step = FlowStep::Voided;
            return Ok((
                next,
                FlowOutcome::CodeVoided {
                    cause: VoidCause::WrongCodes,
                },
            ));
        }
        let attempts_left = vp.max_wrong_security_codes - next.code.wrong_codes;
        Ok((next, FlowOutcome::CodeWrong { attempts_left }))
    }

    fn on_birth_date(
        &self,
        given: NaiveDate,
        on_record: NaiveDate,
        now: DateTime<Utc>,
        policy: &Policy,
    ) -> (ParentFlow, FlowOutcome) {
        let vp = &policy.verify;
        let mut next = self.clone();
        if given == on_record {
            next.code.status = CodeStatus::Used { at: now };
            next.step = FlowStep::Contacts;
            return (next, FlowOutcome::IdentityProven);
        }
        next.code.wrong_birth_dates += 1;
        if next.code.wrong_birth_dates >= vp.max_wrong_birth_dates {
            next.code.status = CodeStatus::Voided { at: now };
            next.step = FlowStep::Voided;
            return (
                next,
                FlowOutcome::CodeVoided {
                    cause: VoidCause::WrongBirthDates,
                },
            );
        }
        let attempts_left = vp.max_wrong_birth_dates - next.code.wrong_birth_dates;
        (next, FlowOutcome::BirthDateWrong { attempts_left })
    }

    fn terminal_outcome(&self) -> FlowOutcome {
        match self.step {
            FlowStep::Voided => FlowOutcome::CodeVoided {
                cause: if self.code.wrong_birth_dates >= self.code.wrong_codes {
                    VoidCause::WrongBirthDates
                } else {
                    VoidCause::WrongCodes
                },
            },
            FlowStep::Expired => FlowOutcome::CodeExpired,
            _ => FlowOutcome::CodeRevoked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{GuardianId, SchoolId, StudentId};
    use crate::verify::confirmation::issue_confirmation_code;
    use crate::verify::contact::{Email, Phone};
    use crate::verify::security_code::issue_security_code;
    use crate::verify::SeededRandom;
    use chrono::{Duration, TimeZone};

    fn policy() -> Policy {
        let mut p = Policy::default();
        p.verify.code_iterations = 1000;
        p
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn setup() -> (ParentFlow, SecurityCode, DateTime<Utc>, SeededRandom) {
        let rng = SeededRandom::new(11);
        let now = Utc.with_ymd_and_hms(2026, 9, 3, 17, 0, 0).unwrap();
        let issued = issue_security_code(
            &GuardianId::new("g").unwrap(),
            &StudentId::new("s").unwrap(),
            &SchoolId::new("os").unwrap(),
            &[],
            now,
            &policy().verify,
            &rng,
        )
        .unwrap();
        (ParentFlow::start(issued.record), issued.code, now, rng)
    }

    #[test]
    fn r_b4_the_whole_way_code_birth_date_contacts_services() {
        let p = policy();
        let (flow, code, now, rng) = setup();
        let (flow, out) = flow
            .apply(
                &FlowInput::EnterCode {
                    code: code.grouped(),
                },
                now,
                &p,
            )
            .unwrap();
        assert_eq!(out, FlowOutcome::CodeAccepted);
        let birth = d(2015, 4, 2);
        let (flow, out) = flow
            .apply(
                &FlowInput::EnterBirthDate {
                    given: birth,
                    on_record: birth,
                },
                now,
                &p,
            )
            .unwrap();
        assert_eq!(out, FlowOutcome::IdentityProven);
        assert!(flow.code_entered());
        // Services cannot be chosen before the contacts are confirmed (R-B4).
        let choice = ServiceChoice {
            parent: Service::Minimalni,
            child: Service::Minimalni,
        };
        assert!(matches!(
            flow.apply(&FlowInput::ChooseServices(choice), now, &p),
            Err(VerifyError::UnexpectedEvent { .. })
        ));
        let mut flow = flow;
        for contact in [
            Contact::Email(Email::parse("ana@example.si").unwrap()),
            Contact::Phone(Phone::parse("041 123 456").unwrap()),
        ] {
            let (record, secret) = issue_confirmation_code(&contact, now, &p.verify, &rng).unwrap();
            let (f, _) = flow
                .apply(&FlowInput::ConfirmationSent { record }, now, &p)
                .unwrap();
            let (f, out) = f
                .apply(
                    &FlowInput::EnterConfirmation {
                        contact,
                        code: secret.reveal().into(),
                    },
                    now,
                    &p,
                )
                .unwrap();
            assert!(
                matches!(out, FlowOutcome::ContactConfirmed { .. }),
                "{out:?}"
            );
            flow = f;
        }
        assert_eq!(flow.step, FlowStep::Services);
        let (flow, out) = flow
            .apply(&FlowInput::ChooseServices(choice), now, &p)
            .unwrap();
        assert_eq!(out, FlowOutcome::PortalActivated { choice });
        assert_eq!(out.rules(), vec![RuleId::B4]);
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(json["outcome"], out.kind());
        assert_eq!(flow.step, FlowStep::Active);
        let json = serde_json::to_string(&flow).unwrap();
        assert_eq!(serde_json::from_str::<ParentFlow>(&json).unwrap(), flow);
    }

    #[test]
    fn r_b3_three_wrong_birth_dates_void_the_code() {
        let p = policy();
        let (flow, code, now, _) = setup();
        let (mut flow, _) = flow
            .apply(
                &FlowInput::EnterCode {
                    code: code.reveal(),
                },
                now,
                &p,
            )
            .unwrap();
        let wrong = FlowInput::EnterBirthDate {
            given: d(2015, 2, 4),
            on_record: d(2015, 4, 2),
        };
        for left in [2, 1] {
            let (f, out) = flow.apply(&wrong, now, &p).unwrap();
            assert_eq!(
                out,
                FlowOutcome::BirthDateWrong {
                    attempts_left: left
                }
            );
            flow = f;
        }
        let (flow, out) = flow.apply(&wrong, now, &p).unwrap();
        assert_eq!(
            out,
            FlowOutcome::CodeVoided {
                cause: VoidCause::WrongBirthDates
            }
        );
        assert!(out.message_sl().contains("razrednika"));
        assert!(out.message_sl().contains("pravilen datum"));
        let right = FlowInput::EnterBirthDate {
            given: d(2015, 4, 2),
            on_record: d(2015, 4, 2),
        };
        let (_, out) = flow.apply(&right, now, &p).unwrap();
        assert!(matches!(out, FlowOutcome::CodeVoided { .. }));
        let (_, out) = flow
            .apply(
                &FlowInput::EnterCode {
                    code: code.reveal(),
                },
                now,
                &p,
            )
            .unwrap();
        assert!(matches!(out, FlowOutcome::CodeVoided { .. }));
    }

    #[test]
    fn r_b10_a_mistyped_code_costs_no_attempt_an_expired_one_fails() {
        let p = policy();
        let (flow, code, now, _) = setup();
        let mut typo = code.reveal().into_bytes();
        typo.swap(0, 1);
        if typo[0] != typo[1] {
            let err = flow
                .apply(
                    &FlowInput::EnterCode {
                        code: String::from_utf8(typo).unwrap(),
                    },
                    now,
                    &p,
                )
                .unwrap_err();
            assert_eq!(err, VerifyError::CodeCheckFailed);
        }
        // Valid through 3 October (issued on the 3rd of September, R-B10): at local
        // midnight that ends it, the code has expired.
        let late = Utc.with_ymd_and_hms(2026, 10, 3, 22, 0, 0).unwrap();
        let (f, out) = flow
            .apply(
                &FlowInput::EnterCode {
                    code: code.reveal(),
                },
                late,
                &p,
            )
            .unwrap();
        assert_eq!(out, FlowOutcome::CodeExpired);
        assert_eq!(f.step, FlowStep::Expired);
        let (f, out) = flow.apply(&FlowInput::Revoke, now, &p).unwrap();
        assert_eq!(out, FlowOutcome::CodeRevoked);
        let (_, out) = f
            .apply(
                &FlowInput::EnterCode {
                    code: code.reveal(),
                },
                now,
                &p,
            )
            .unwrap();
        assert_eq!(out, FlowOutcome::CodeRevoked);
        assert!(!format!(
            "{:?}",
            FlowInput::EnterCode {
                code: code.reveal()
            }
        )
        .contains(&code.reveal()));
    }

    #[test]
    fn r_b10_a_code_revoked_by_a_newer_one_fails_in_a_flow_already_open() {
        let p = policy();
        let rng = SeededRandom::new(5);
        let now = Utc.with_ymd_and_hms(2026, 9, 3, 17, 0, 0).unwrap();
        let (guardian, student, school) = (
            GuardianId::new("g").unwrap(),
            StudentId::new("s").unwrap(),
            SchoolId::new("os").unwrap(),
        );
        let a =
            issue_security_code(&guardian, &student, &school, &[], now, &p.verify, &rng).unwrap();
        let open = ParentFlow::start(a.record.clone());
        // One wrong code is counted on the record the caller stores.
        let wrong = SecurityCode::generate(&rng).unwrap();
        let (open, _) = open
            .apply(
                &FlowInput::EnterCode {
                    code: wrong.reveal(),
                },
                now,
                &p,
            )
            .unwrap();
        let stored_a = open.code.clone();
        assert_eq!(stored_a.wrong_codes, 1);
        // Starting again from the stored record keeps the count.
        let again = ParentFlow::start(stored_a.clone())
            .apply(
                &FlowInput::EnterCode {
                    code: wrong.reveal(),
                },
                now,
                &p,
            )
            .unwrap()
            .1;
        assert_eq!(again, FlowOutcome::CodeWrong { attempts_left: 3 });
        // The school issues B, which revokes A in the store.
        let later = now + Duration::hours(1);
        let b = issue_security_code(
            &guardian,
            &student,
            &school,
            &[stored_a],
            later,
            &p.verify,
            &rng,
        )
        .unwrap();
        let stored_a = b.revoked[0].clone();
        // The open flow, resumed from the store, refuses A.
        let resumed = open.resume(&stored_a).unwrap();
        assert_eq!(resumed.step, FlowStep::Revoked);
        let (f, out) = resumed
            .apply(
                &FlowInput::EnterCode {
                    code: a.code.reveal(),
                },
                later,
                &p,
            )
            .unwrap();
        assert_eq!(out, FlowOutcome::CodeRevoked);
        assert_eq!(f.step, FlowStep::Revoked);
        // Even a flow whose step was not recomputed refuses a record that is not active.
        let mut stale = open.clone();
        stale.code = stored_a.clone();
        let (f, out) = stale
            .apply(
                &FlowInput::EnterCode {
                    code: a.code.reveal(),
                },
                later,
                &p,
            )
            .unwrap();
        assert_eq!(out, FlowOutcome::CodeRevoked);
        assert_eq!(f.step, FlowStep::Revoked);
        // A record of another code is not this flow's.
        assert_eq!(open.resume(&b.record), Err(VerifyError::RecordMismatch));
    }

    #[test]
    fn r_b4_r_c1_r_c5_contradictory_service_choices_are_refused() {
        use Service::{Minimalni, NoElectronicContact, Popolni, ZaStarse, ZaUcence};
        let all = [Minimalni, ZaStarse, ZaUcence, Popolni, NoElectronicContact];
        for parent in all {
            for child in all {
                let c = ServiceChoice { parent, child };
                let refused = parent == ZaUcence
                    || (parent == NoElectronicContact && matches!(child, ZaStarse | Popolni));
                assert_eq!(c.check().is_err(), refused, "{c:?}");
            }
        }
        let err = ServiceChoice {
            parent: NoElectronicContact,
            child: Popolni,
        }
        .check()
        .unwrap_err();
        assert!(
            matches!(&err, VerifyError::ServiceChoiceRefused { parent, child, .. } if parent == "no_electronic_contact" && child == "popolni"),
            "{err:?}"
        );
        // In the flow: refused with nothing changed.
        let mut flow = setup().0;
        flow.step = FlowStep::Services;
        let bad = FlowInput::ChooseServices(ServiceChoice {
            parent: ZaUcence,
            child: Minimalni,
        });
        let now = Utc.with_ymd_and_hms(2026, 9, 3, 17, 0, 0).unwrap();
        assert!(matches!(
            flow.apply(&bad, now, &policy()),
            Err(VerifyError::ServiceChoiceRefused { .. })
        ));
    }
}
