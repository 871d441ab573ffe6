//! GDPR requests about a child's school data (R-F7), controller and processor (R-F8), and
//! the statutory collections with their retention schedule (R-F9).
//!
//! - [`decide`] answers a request of access, rectification, erasure or restriction made by
//!   a parent for a minor child or by an adult student. Who has standing is decided by the
//!   rights module; here it is an input ([`Standing`]). Every outcome carries its basis in
//!   Slovenian and English, the provisions it rests on, and — when refused — where to
//!   complain (the Information Commissioner, [`COMPLAINT`]).
//! - Erasure is refused for data the law requires to be kept (GDPR Art. 17(3)(b)), naming
//!   the provision: the retention table ([`RetentionRule`], a policy section,
//!   [`GdprPolicy`]) follows ZOsn Art. 98 — records on the student, their progress and
//!   issued certificates permanently, the rest until one year after the student finishes
//!   schooling. [`deletion_date`] gives, for a record kind and the end of schooling, the
//!   date it must be deleted, or "permanent".
//! - A restriction while accuracy is contested is a process ([`Restriction`]): lifting it
//!   requires telling the person first.
//! - The four statutory collections (ZOsn Art. 95) are [`Collection`]: their legal basis,
//!   which needs parental consent, which hold special categories of data.

use std::fmt;

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::policy::Policy;
use crate::rules::RuleId;

/// The GDPR section of the policy and its vocabulary (R-F8, R-F9): defined with the
/// [`Policy`] (which knows nothing of this module) and re-exported here under their
/// public paths.
pub use crate::policy::gdpr::{Collection, GdprPolicy, Party, Retention, RetentionRule};

/// What is wrong with a GDPR request or a restriction step (R-F7, R-F9).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GdprError {
    /// The record kind is not in the policy's retention table.
    #[error("`{record_kind}` is not a record kind of the retention table (known: {known})")]
    UnknownRecordKind {
        /// The record kind asked about.
        record_kind: String,
        /// The record kinds the table knows, comma-separated.
        known: String,
    },
    /// A date the calendar cannot carry forward.
    #[error("the end of schooling {date} is outside the supported dates")]
    DateOutOfRange {
        /// The date given.
        date: NaiveDate,
    },
    /// A restriction lifted before the person was told (R-F7).
    #[error("the restriction on `{record_kind}` cannot be lifted before the person is told that it will be")]
    LiftWithoutNotice {
        /// The record kind under restriction.
        record_kind: String,
    },
    /// A step that does not apply to the restriction's current state.
    #[error("a restriction that is {state} cannot take the step `{event}`")]
    InvalidStep {
        /// The state it is in.
        state: &'static str,
        /// The step tried.
        event: &'static str,
    },
    /// A step dated before the restriction's previous instant (R-F7: the person is told
    /// after the restriction began, and it is lifted after they were told).
    #[error("a restriction that is {state} cannot take the step `{event}` at {at}, before its previous step at {previous}")]
    StepBeforePrevious {
        /// The state it is in.
        state: &'static str,
        /// The step tried.
        event: &'static str,
        /// When the step was tried.
        at: DateTime<Utc>,
        /// The previous step's instant.
        previous: DateTime<Utc>,
    },
    /// A stored restriction that cannot be read back, or that no sequence of steps could
    /// have produced (R-F7).
    #[error("the stored restriction cannot be read: {reason}")]
    UnreadableRestriction {
        /// What is wrong with it.
        reason: String,
    },
}

// ---------------------------------------------------------------------------------------
// Controller and processor (the collections and the parties are defined with the policy)

/// Who is controller and who processor for a kind of data (R-F8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataRoles {
    /// The controller, where the data subject exercises their rights.
    pub controller: Party,
    /// The processor acting on the controller's instructions (GDPR Art. 28), if any.
    pub processor: Option<Party>,
}

impl DataRoles {
    /// The roles when `controller` is the controller: the school is controller with the
    /// vendor as processor; the vendor is controller of its own billing data alone.
    pub const fn with_controller(controller: Party) -> DataRoles {
        match controller {
            Party::School => DataRoles {
                controller: Party::School,
                processor: Some(Party::Vendor),
            },
            Party::Vendor => DataRoles {
                controller: Party::Vendor,
                processor: None,
            },
        }
    }
}

// ---------------------------------------------------------------------------------------
// Retention (policy): the table itself, [`GdprPolicy`], is a section of the policy and
// lives there; the lookup that answers with a `GdprError` lives here.

impl GdprPolicy {
    /// The row of a record kind.
    pub fn rule(&self, record_kind: &str) -> Result<&RetentionRule, GdprError> {
        self.retention
            .iter()
            .find(|r| r.record_kind == record_kind)
            .ok_or_else(|| GdprError::UnknownRecordKind {
                record_kind: record_kind.to_owned(),
                known: self
                    .retention
                    .iter()
                    .map(|r| r.record_kind.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// When a record must be deleted (R-F9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "date")]
#[non_exhaustive]
pub enum DeletionDate {
    /// Kept permanently.
    Permanent,
    /// To be deleted on this date.
    On(NaiveDate),
    /// The law sets no period; the controller decides.
    NotStatutory,
}

/// For a record kind and the day the student finished schooling: the date it must be
/// deleted, or permanent (ZOsn Art. 98) (R-F9).
pub fn deletion_date(
    policy: &Policy,
    record_kind: &str,
    end_of_schooling: NaiveDate,
) -> Result<DeletionDate, GdprError> {
    let rule = policy.gdpr.rule(record_kind)?;
    match rule.retention {
        Retention::Permanent => Ok(DeletionDate::Permanent),
        Retention::NotStatutory => Ok(DeletionDate::NotStatutory),
        Retention::YearsAfterSchooling { years } => end_of_schooling
            .checked_add_months(Months::new(years.saturating_mul(12)))
            .map(DeletionDate::On)
            .ok_or(GdprError::DateOutOfRange {
                date: end_of_schooling,
            }),
    }
}

/// Controller and processor of a record kind (R-F8).
pub fn data_roles(policy: &Policy, record_kind: &str) -> Result<DataRoles, GdprError> {
    Ok(DataRoles::with_controller(
        policy.gdpr.rule(record_kind)?.controller,
    ))
}

// ---------------------------------------------------------------------------------------
// Requests

/// Who makes a request, as the rights module found (R-F1, R-F7, R-D12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Standing {
    /// A parent with parental care, for a minor child.
    ParentOfMinor,
    /// A legal representative (appointed guardian, foster parent), for a minor child.
    LegalRepresentativeOfMinor,
    /// An adult student, for their own data.
    AdultStudent,
    /// Anyone else: no right to make the request for this student.
    NotEntitled,
}

/// The right a request exercises (R-F7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RequestKind {
    /// Access to the data (GDPR Art. 15; ZOsn Art. 96(3)).
    Access,
    /// Rectification of inaccurate or incomplete data (GDPR Art. 16).
    Rectification,
    /// Erasure (GDPR Art. 17).
    Erasure,
    /// Restriction of processing (GDPR Art. 18).
    Restriction,
}

impl RequestKind {
    /// The machine name.
    pub const fn code(self) -> &'static str {
        match self {
            RequestKind::Access => "access",
            RequestKind::Rectification => "rectification",
            RequestKind::Erasure => "erasure",
            RequestKind::Restriction => "restriction",
        }
    }
}

/// A GDPR request about one kind of a student's records (R-F7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GdprRequest {
    /// Who asks, as the rights module found.
    pub standing: Standing,
    /// Which right.
    pub kind: RequestKind,
    /// Which kind of record (a row of the retention table).
    pub record_kind: String,
    /// The day the student finished schooling, if they have.
    pub end_of_schooling: Option<NaiveDate>,
    /// Whether the requester contests the accuracy of the data (for a restriction).
    pub accuracy_contested: bool,
    /// Whether the parents withdrew the consent the collection rests on (for erasure of a
    /// consent-based collection).
    pub consent_withdrawn: bool,
}

/// Granted or refused (R-F7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Decision {
    /// The request is granted.
    Granted,
    /// The request is refused; the outcome names the basis and where to complain.
    Refused,
}

impl Decision {
    /// Every decision, so that a face can prove by a test that it maps each of them (a
    /// face never maps a value it does not know to a plausible stand-in) (R-F7).
    pub const ALL: [Decision; 2] = [Decision::Granted, Decision::Refused];
}

/// A duty the controller takes on with an outcome (R-F7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "duty", content = "date")]
#[non_exhaustive]
pub enum Duty {
    /// Tell the person before the restriction is lifted (GDPR Art. 18(3)).
    NotifyBeforeLiftingRestriction,
    /// Delete the data on this date (end of the retention period).
    DeleteOn(NaiveDate),
    /// Give the data for viewing, transcribing and copying (ZOsn Art. 96(3)).
    ProvideCopy,
}

/// The supervisory authority where a refused person may complain (R-F7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Complaint {
    /// Name in Slovenian.
    pub authority_sl: &'static str,
    /// Name in English.
    pub authority_en: &'static str,
    /// Postal address.
    pub address: &'static str,
    /// Email.
    pub email: &'static str,
    /// Telephone.
    pub phone: &'static str,
}

/// The Information Commissioner of the Republic of Slovenia, as the seed text gives it
/// (R-F7).
pub const COMPLAINT: Complaint = Complaint {
    authority_sl: "Informacijski pooblaščenec",
    authority_en: "Information Commissioner of the Republic of Slovenia",
    address: "Dunajska cesta 22, 1000 Ljubljana",
    email: "gp.ip@ip-rs.si",
    phone: "01 230 97 30",
};

/// What happens with a GDPR request and why (R-F7, R-F8, R-F9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GdprOutcome {
    /// Granted or refused.
    pub decision: Decision,
    /// The right exercised.
    pub kind: RequestKind,
    /// The record kind.
    pub record_kind: String,
    /// Controller (where the request is exercised) and processor.
    pub roles: DataRoles,
    /// The legal provisions it rests on (e.g. "GDPR Art. 17(3)(b)", "ZOsn Art. 98").
    pub provisions: Vec<&'static str>,
    /// The outcome and its basis, in Slovenian.
    pub text_sl: String,
    /// The outcome and its basis, in English.
    pub text_en: String,
    /// Duties the controller takes on.
    pub duties: Vec<Duty>,
    /// When refused: where to complain.
    pub complaint: Option<Complaint>,
    /// The rules applied.
    pub rules: Vec<RuleId>,
}

/// Decides a GDPR request on `today` (a local date) (R-F7, R-F8, R-F9).
pub fn decide(
    request: &GdprRequest,
    today: NaiveDate,
    policy: &Policy,
) -> Result<GdprOutcome, GdprError> {
    let rule = policy.gdpr.rule(&request.record_kind)?;
    let roles = DataRoles::with_controller(rule.controller);
    let mut out = GdprOutcome {
        decision: Decision::Granted,
        kind: request.kind,
        record_kind: rule.record_kind.clone(),
        roles,
        provisions: Vec::new(),
        text_sl: String::new(),
        text_en: String::new(),
        duties: Vec::new(),
        complaint: None,
        rules: vec![RuleId::F7, RuleId::F8],
    };
    let (what_sl, what_en) = (&rule.name_sl, &rule.name_en);
    let at_sl = format!(
        "Pravico uveljavljate pri upravljavcu: {}.",
        roles.controller.label_sl()
    );
    let at_en = format!(
        "The right is exercised at the controller: {}.",
        roles.controller.label_en()
    );

    if request.standing == Standing::NotEntitled {
        out.decision = Decision::Refused;
        out.rules = vec![RuleId::F1, RuleId::F7];
        out.provisions = vec!["GDPR Art. 12(2)", "ZOsn Art. 96(3)"];
        out.text_sl = format!(
            "Zahteva glede podatkov »{what_sl}« je zavrnjena: pravice v imenu mladoletnega otroka uveljavljajo le starši oziroma zakoniti zastopnik, polnoletni učenec pa sam."
        );
        out.text_en = format!(
            "The request about “{what_en}” is refused: only the parents or legal representative act for a minor child, and an adult student for themself."
        );
        return Ok(finish(out, &at_sl, &at_en));
    }

    match request.kind {
        RequestKind::Access => {
            out.provisions = vec!["GDPR Art. 15", "ZOsn Art. 96(3)"];
            out.duties.push(Duty::ProvideCopy);
            out.text_sl = format!(
                "Dostop do podatkov »{what_sl}« je odobren: podatke je treba omogočiti pregledati, prepisati in kopirati."
            );
            out.text_en = format!(
                "Access to “{what_en}” is granted: the data must be made available for viewing, transcribing and copying."
            );
        }
        RequestKind::Rectification => {
            let days = policy.gdpr.report_changes_within_days;
            out.provisions = vec!["GDPR Art. 16", "ZOsn Art. 96(2)"];
            out.text_sl = format!(
                "Popravek podatkov »{what_sl}« je odobren, če so netočni, nepopolni ali neposodobljeni. Starši morajo vsako spremembo sporočiti šoli v {days} dneh."
            );
            out.text_en = format!(
                "Rectification of “{what_en}” is granted where the data are inaccurate, incomplete or out of date. Parents must report every change to the school within {days} days."
            );
        }
        RequestKind::Restriction => {
            if request.accuracy_contested {
                out.provisions = vec!["GDPR Art. 18(1)(a)", "GDPR Art. 18(3)"];
                out.duties.push(Duty::NotifyBeforeLiftingRestriction);
                out.text_sl = format!(
                    "Obdelava podatkov »{what_sl}« je omejena, dokler se ne ugotovi njihova točnost. Pred preklicem omejitve mora upravljavec o tem obvestiti vlagatelja."
                );
                out.text_en = format!(
                    "Processing of “{what_en}” is restricted while their accuracy is verified. Before the restriction is lifted the controller must tell the requester."
                );
            } else {
                out.decision = Decision::Refused;
                out.provisions = vec!["GDPR Art. 18(1)(a)"];
                out.text_sl = format!(
                    "Omejitev obdelave podatkov »{what_sl}« je zavrnjena: vlagatelj ne izpodbija njihove točnosti."
                );
                out.text_en = format!(
                    "Restriction of processing of “{what_en}” is refused: the requester does not contest their accuracy."
                );
            }
        }
        RequestKind::Erasure => erasure(request, rule, today, &mut out)?,
    }
    Ok(finish(out, &at_sl, &at_en))
}

fn erasure(
    request: &GdprRequest,
    rule: &RetentionRule,
    today: NaiveDate,
    out: &mut GdprOutcome,
) -> Result<(), GdprError> {
    let (what_sl, what_en) = (&rule.name_sl, &rule.name_en);
    out.rules.push(RuleId::F9);
    let consent_based = rule
        .collection
        .is_some_and(Collection::needs_parental_consent);
    if consent_based && request.consent_withdrawn {
        out.provisions = vec!["GDPR Art. 7(3)", "GDPR Art. 17(1)(b)", "ZOsn Art. 95(5)"];
        out.text_sl = format!(
            "Izbris podatkov »{what_sl}« je odobren: zbirajo se le s privolitvijo staršev, ta pa je preklicana."
        );
        out.text_en = format!(
            "Erasure of “{what_en}” is granted: they are collected only with the parents' consent, which has been withdrawn."
        );
        return Ok(());
    }
    match rule.retention {
        Retention::NotStatutory => {
            out.provisions = vec!["GDPR Art. 17(1)"];
            out.text_sl =
                format!("Izbris podatkov »{what_sl}« je odobren: zakon ne zahteva njihove hrambe.");
            out.text_en =
                format!("Erasure of “{what_en}” is granted: no law requires keeping them.");
        }
        Retention::Permanent => {
            out.decision = Decision::Refused;
            out.provisions = vec!["GDPR Art. 17(3)(b)", "ZOsn Art. 98"];
            out.text_sl = format!(
                "Izbris podatkov »{what_sl}« je zavrnjen: 98. člen Zakona o osnovni šoli zahteva njihovo trajno hrambo (člen 17(3)(b) Splošne uredbe)."
            );
            out.text_en = format!(
                "Erasure of “{what_en}” is refused: Article 98 of the Primary School Act (ZOsn) requires keeping them permanently (GDPR Art. 17(3)(b))."
            );
        }
        Retention::YearsAfterSchooling { years } => {
            let due = request
                .end_of_schooling
                .map(|end| {
                    end.checked_add_months(Months::new(years.saturating_mul(12)))
                        .ok_or(GdprError::DateOutOfRange { date: end })
                })
                .transpose()?;
            match due {
                Some(date) if date <= today => {
                    out.provisions = vec!["GDPR Art. 17(1)(a)", "ZOsn Art. 98"];
                    out.duties.push(Duty::DeleteOn(today));
                    out.text_sl = format!(
                        "Izbris podatkov »{what_sl}« je odobren: rok hrambe po 98. členu ZOsn je potekel {date}."
                    );
                    out.text_en = format!(
                        "Erasure of “{what_en}” is granted: the retention period of ZOsn Art. 98 ended on {date}."
                    );
                }
                Some(date) => {
                    out.decision = Decision::Refused;
                    out.provisions = vec!["GDPR Art. 17(3)(b)", "ZOsn Art. 98"];
                    out.duties.push(Duty::DeleteOn(date));
                    out.text_sl = format!(
                        "Izbris podatkov »{what_sl}« je zavrnjen: 98. člen Zakona o osnovni šoli zahteva njihovo hrambo do {date} (člen 17(3)(b) Splošne uredbe); takrat bodo izbrisani."
                    );
                    out.text_en = format!(
                        "Erasure of “{what_en}” is refused: Article 98 of the Primary School Act (ZOsn) requires keeping them until {date} (GDPR Art. 17(3)(b)); they will be deleted then."
                    );
                }
                None => {
                    out.decision = Decision::Refused;
                    out.provisions = vec!["GDPR Art. 17(3)(b)", "ZOsn Art. 98"];
                    out.text_sl = format!(
                        "Izbris podatkov »{what_sl}« je zavrnjen: 98. člen Zakona o osnovni šoli zahteva njihovo hrambo do {years} let po zaključku šolanja (člen 17(3)(b) Splošne uredbe)."
                    );
                    out.text_en = format!(
                        "Erasure of “{what_en}” is refused: Article 98 of the Primary School Act (ZOsn) requires keeping them until {years} year(s) after the student finishes schooling (GDPR Art. 17(3)(b))."
                    );
                }
            }
        }
    }
    Ok(())
}

fn finish(mut out: GdprOutcome, at_sl: &str, at_en: &str) -> GdprOutcome {
    out.text_sl = format!("{} {at_sl}", out.text_sl);
    out.text_en = format!("{} {at_en}", out.text_en);
    if out.decision == Decision::Refused {
        let c = COMPLAINT;
        out.complaint = Some(c);
        out.text_sl = format!(
            "{} Pritožbo lahko vložite pri organu {}, {}, {}, tel. {}.",
            out.text_sl, c.authority_sl, c.address, c.email, c.phone
        );
        out.text_en = format!(
            "{} You may complain to the {}, {}, {}, tel. {}.",
            out.text_en, c.authority_en, c.address, c.email, c.phone
        );
    }
    out
}

// ---------------------------------------------------------------------------------------
// Restriction process

/// A restriction of processing while accuracy is contested (GDPR Art. 18) (R-F7): a
/// state value; [`Restriction::apply`] takes the next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
#[non_exhaustive]
pub enum Restriction {
    /// Processing is restricted.
    Active {
        /// The record kind.
        record_kind: String,
        /// Since when.
        since: DateTime<Utc>,
    },
    /// The person was told the restriction will be lifted.
    LiftingNotified {
        /// The record kind.
        record_kind: String,
        /// Since when it is restricted.
        since: DateTime<Utc>,
        /// When the person was told.
        notified_at: DateTime<Utc>,
    },
    /// The restriction is lifted.
    Lifted {
        /// The record kind.
        record_kind: String,
        /// When the person was told.
        notified_at: DateTime<Utc>,
        /// When it was lifted.
        lifted_at: DateTime<Utc>,
    },
}

/// A step of a [`Restriction`] (R-F7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RestrictionEvent {
    /// The controller tells the person that the restriction will be lifted.
    NotifyPerson,
    /// The controller lifts the restriction.
    Lift,
}

impl RestrictionEvent {
    const fn name(self) -> &'static str {
        match self {
            RestrictionEvent::NotifyPerson => "notify_person",
            RestrictionEvent::Lift => "lift",
        }
    }
}

/// What a restriction step did (R-F7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestrictionOutcome {
    /// In Slovenian.
    pub text_sl: String,
    /// In English.
    pub text_en: String,
    /// The rules applied.
    pub rules: Vec<RuleId>,
}

impl Restriction {
    /// A restriction that starts at `now` (after a granted restriction request).
    pub fn start(
        record_kind: &str,
        now: DateTime<Utc>,
        policy: &Policy,
    ) -> Result<Restriction, GdprError> {
        let rule = policy.gdpr.rule(record_kind)?;
        Ok(Restriction::Active {
            record_kind: rule.record_kind.clone(),
            since: now,
        })
    }

    /// The state's machine name.
    pub const fn name(&self) -> &'static str {
        match self {
            Restriction::Active { .. } => "active",
            Restriction::LiftingNotified { .. } => "lifting_notified",
            Restriction::Lifted { .. } => "lifted",
        }
    }

    /// Whether processing is restricted.
    pub const fn is_restricted(&self) -> bool {
        !matches!(self, Restriction::Lifted { .. })
    }

    /// The record kind under restriction.
    pub fn record_kind(&self) -> &str {
        match self {
            Restriction::Active { record_kind, .. }
            | Restriction::LiftingNotified { record_kind, .. }
            | Restriction::Lifted { record_kind, .. } => record_kind,
        }
    }

    /// Since when processing is restricted (not kept once lifted).
    pub const fn since(&self) -> Option<DateTime<Utc>> {
        match self {
            Restriction::Active { since, .. } | Restriction::LiftingNotified { since, .. } => {
                Some(*since)
            }
            Restriction::Lifted { .. } => None,
        }
    }

    /// When the person was told that the restriction will be lifted.
    pub const fn notified_at(&self) -> Option<DateTime<Utc>> {
        match self {
            Restriction::Active { .. } => None,
            Restriction::LiftingNotified { notified_at, .. }
            | Restriction::Lifted { notified_at, .. } => Some(*notified_at),
        }
    }

    /// When the restriction was lifted.
    pub const fn lifted_at(&self) -> Option<DateTime<Utc>> {
        match self {
            Restriction::Lifted { lifted_at, .. } => Some(*lifted_at),
            _ => None,
        }
    }

    /// The restriction as JSON, for storage between its steps (R-F7: lifting may come
    /// weeks after telling the person).
    pub fn to_json(&self) -> String {
        // Strings and instants only: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a restriction stored with [`Restriction::to_json`] and checks it is a state
    /// the steps could have produced: a record kind, and the person told no earlier than
    /// the restriction began and the restriction lifted no earlier than they were told
    /// (R-F7). The record kind is not checked against a policy's retention table: a
    /// restriction begun under one school year's policy must still be told and lifted
    /// under the next one's.
    pub fn from_json(json: &str) -> Result<Restriction, GdprError> {
        let unreadable = |reason: String| GdprError::UnreadableRestriction { reason };
        let r: Restriction = serde_json::from_str(json).map_err(|e| unreadable(e.to_string()))?;
        if r.record_kind().trim().is_empty() {
            return Err(unreadable("its record kind is empty".into()));
        }
        let in_order = match &r {
            Restriction::Active { .. } => true,
            Restriction::LiftingNotified {
                since, notified_at, ..
            } => since <= notified_at,
            Restriction::Lifted {
                notified_at,
                lifted_at,
                ..
            } => notified_at <= lifted_at,
        };
        if !in_order {
            return Err(unreadable(
                "its instants are out of order: a restriction is told after it begins and lifted after the person was told".into(),
            ));
        }
        Ok(r)
    }

    /// Takes a step at `now`. Lifting before the person was told is refused.
    pub fn apply(
        &self,
        event: RestrictionEvent,
        now: DateTime<Utc>,
        _policy: &Policy,
    ) -> Result<(Restriction, RestrictionOutcome), GdprError> {
        let outcome = |sl: String, en: String| RestrictionOutcome {
            text_sl: sl,
            text_en: en,
            rules: vec![RuleId::F7],
        };
        let latest = match self {
            Restriction::Active { since, .. } => Some(*since),
            Restriction::LiftingNotified { notified_at, .. } => Some(*notified_at),
            Restriction::Lifted { .. } => None,
        };
        if let Some(previous) = latest.filter(|p| now < *p) {
            return Err(GdprError::StepBeforePrevious {
                state: self.name(),
                event: event.name(),
                at: now,
                previous,
            });
        }
        match (self, event) {
            (Restriction::Active { record_kind, since }, RestrictionEvent::NotifyPerson) => Ok((
                Restriction::LiftingNotified {
                    record_kind: record_kind.clone(),
                    since: *since,
                    notified_at: now,
                },
                outcome(
                    "Vlagatelj je obveščen, da bo omejitev obdelave preklicana.".into(),
                    "The requester has been told that the restriction will be lifted.".into(),
                ),
            )),
            (Restriction::Active { record_kind, .. }, RestrictionEvent::Lift) => {
                Err(GdprError::LiftWithoutNotice {
                    record_kind: record_kind.clone(),
                })
            }
            (
                Restriction::LiftingNotified {
                    record_kind,
                    notified_at,
                    ..
                },
                RestrictionEvent::Lift,
            ) => Ok((
                Restriction::Lifted {
                    record_kind: record_kind.clone(),
                    notified_at: *notified_at,
                    lifted_at: now,
                },
                outcome(
                    "Omejitev obdelave je preklicana.".into(),
                    "The restriction of processing is lifted.".into(),
                ),
            )),
            (state, event) => Err(GdprError::InvalidStep {
                state: state.name(),
                event: event.name(),
            }),
        }
    }
}

impl fmt::Display for Standing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Standing::ParentOfMinor => "parent_of_minor",
            Standing::LegalRepresentativeOfMinor => "legal_representative_of_minor",
            Standing::AdultStudent => "adult_student",
            Standing::NotEntitled => "not_entitled",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn r_f9_deletion_dates() {
        let p = Policy::default();
        let end = d(2027, 6, 15);
        assert_eq!(
            deletion_date(&p, "certificates", end),
            Ok(DeletionDate::Permanent)
        );
        assert_eq!(
            deletion_date(&p, "parent_data", end),
            Ok(DeletionDate::On(d(2028, 6, 15)))
        );
        let err = deletion_date(&p, "report_cards", end).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("`report_cards` is not a record kind"));
    }
}
