//! GDPR requests (R-F7), controller and processor (R-F8), statutory collections and the
//! retention schedule (R-F9).

use std::sync::Arc;
use std::time::SystemTime;

use asistent_core::gdpr as core_gdpr;

use crate::convert::{instant_from, instant_to, LocalDate};
use crate::policy::Policy;
use crate::AsistentError;

/// Who makes a GDPR request, as the rights module found (R-F7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum GdprStanding {
    /// A parent with parental care, for a minor child.
    ParentOfMinor,
    /// A legal representative (guardian, foster parent), for a minor child.
    LegalRepresentativeOfMinor,
    /// An adult student, for their own data.
    AdultStudent,
    /// Anyone else.
    NotEntitled,
}

/// The right a request exercises (R-F7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum GdprRequestKind {
    /// Access (GDPR Art. 15).
    Access,
    /// Rectification (GDPR Art. 16).
    Rectification,
    /// Erasure (GDPR Art. 17).
    Erasure,
    /// Restriction of processing (GDPR Art. 18).
    Restriction,
}

/// Granted or refused (R-F7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum GdprDecision {
    /// Granted.
    Granted,
    /// Refused: the outcome names the basis and where to complain.
    Refused,
}

/// A party to the processing (R-F8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DataParty {
    /// The school.
    School,
    /// The vendor (eŠola d.o.o.).
    Vendor,
}

/// One of the four statutory collections (ZOsn Art. 95) (R-F9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum StatutoryCollection {
    /// Students and parents.
    StudentsAndParents,
    /// Progress and certificates.
    ProgressAndCertificates,
    /// Physical abilities (parental consent).
    PhysicalAbilities,
    /// Help and counselling.
    HelpAndCounselling,
}

impl TryFrom<core_gdpr::Party> for DataParty {
    type Error = AsistentError;
    fn try_from(p: core_gdpr::Party) -> Result<Self, AsistentError> {
        Ok(match p {
            core_gdpr::Party::School => DataParty::School,
            core_gdpr::Party::Vendor => DataParty::Vendor,
            other => return Err(AsistentError::unsupported("data party", other)),
        })
    }
}

impl From<core_gdpr::Collection> for StatutoryCollection {
    fn from(c: core_gdpr::Collection) -> Self {
        use core_gdpr::Collection as C;
        match c {
            C::StudentsAndParents => StatutoryCollection::StudentsAndParents,
            C::ProgressAndCertificates => StatutoryCollection::ProgressAndCertificates,
            C::PhysicalAbilities => StatutoryCollection::PhysicalAbilities,
            _ => StatutoryCollection::HelpAndCounselling,
        }
    }
}

/// A statutory collection with its legal basis (R-F9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CollectionInfo {
    /// Which collection.
    pub collection: StatutoryCollection,
    /// Its point in ZOsn Art. 95(1).
    pub point: u8,
    /// Slovenian name.
    pub label_sl: String,
    /// English name.
    pub label_en: String,
    /// Only with the parents' consent.
    pub needs_parental_consent: bool,
    /// Holds special categories of data (GDPR Art. 9).
    pub special_category: bool,
    /// Legal basis, Slovenian.
    pub legal_basis_sl: String,
    /// Legal basis, English.
    pub legal_basis_en: String,
}

/// The four statutory collections, in the order of the act (R-F9).
#[uniffi::export]
pub fn statutory_collections() -> Vec<CollectionInfo> {
    core_gdpr::Collection::ALL
        .into_iter()
        .map(|c| CollectionInfo {
            collection: c.into(),
            point: c.point(),
            label_sl: c.label_sl().into(),
            label_en: c.label_en().into(),
            needs_parental_consent: c.needs_parental_consent(),
            special_category: c.special_category(),
            legal_basis_sl: c.legal_basis_sl().into(),
            legal_basis_en: c.legal_basis_en().into(),
        })
        .collect()
}

/// Controller and processor of a kind of data (R-F8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct DataRoles {
    /// The controller.
    pub controller: DataParty,
    /// The processor, if any.
    pub processor: Option<DataParty>,
}

/// Controller and processor of a record kind (R-F8).
#[uniffi::export]
pub fn data_roles(policy: Arc<Policy>, record_kind: String) -> Result<DataRoles, AsistentError> {
    let r = core_gdpr::data_roles(&policy.inner, &record_kind)?;
    Ok(DataRoles {
        controller: r.controller.try_into()?,
        processor: r.processor.map(DataParty::try_from).transpose()?,
    })
}

/// When a record must be deleted (R-F9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RetentionEnd {
    /// Kept permanently.
    Permanent,
    /// Deleted on this date.
    DeleteOn {
        /// The date.
        date: LocalDate,
    },
    /// No statutory period.
    NotStatutory,
}

/// For a record kind and the end of schooling: the deletion date, or permanent (R-F9).
#[uniffi::export]
pub fn deletion_date(
    policy: Arc<Policy>,
    record_kind: String,
    end_of_schooling: LocalDate,
) -> Result<RetentionEnd, AsistentError> {
    Ok(
        match core_gdpr::deletion_date(&policy.inner, &record_kind, end_of_schooling)? {
            core_gdpr::DeletionDate::Permanent => RetentionEnd::Permanent,
            core_gdpr::DeletionDate::On(date) => RetentionEnd::DeleteOn { date },
            core_gdpr::DeletionDate::NotStatutory => RetentionEnd::NotStatutory,
            other => return Err(AsistentError::unsupported("deletion date", other)),
        },
    )
}

/// A GDPR request (R-F7).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GdprRequest {
    /// Who asks.
    pub standing: GdprStanding,
    /// Which right.
    pub kind: GdprRequestKind,
    /// The record kind (a row of the retention table).
    pub record_kind: String,
    /// The day the student finished schooling, if they have.
    pub end_of_schooling: Option<LocalDate>,
    /// Whether the requester contests the data's accuracy.
    pub accuracy_contested: bool,
    /// Whether the parents withdrew the consent the collection rests on.
    pub consent_withdrawn: bool,
}

/// The supervisory authority (R-F7).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ComplaintAuthority {
    /// Name in Slovenian.
    pub name_sl: String,
    /// Name in English.
    pub name_en: String,
    /// Address.
    pub address: String,
    /// Email.
    pub email: String,
    /// Telephone.
    pub phone: String,
}

/// What happens with a GDPR request and why (R-F7, R-F8, R-F9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GdprOutcome {
    /// Granted or refused.
    pub decision: GdprDecision,
    /// Where the right is exercised.
    pub controller: DataParty,
    /// The processor, if any.
    pub processor: Option<DataParty>,
    /// Legal provisions ("GDPR Art. 17(3)(b)", "ZOsn Art. 98").
    pub provisions: Vec<String>,
    /// In Slovenian.
    pub text_sl: String,
    /// In English.
    pub text_en: String,
    /// The person must be told before the restriction is lifted.
    pub notify_before_lifting: bool,
    /// The data is to be deleted on this date.
    pub delete_on: Option<LocalDate>,
    /// The data is to be given for viewing and copying.
    pub provide_copy: bool,
    /// When refused: where to complain.
    pub complaint: Option<ComplaintAuthority>,
    /// Rule IDs applied.
    pub rules: Vec<String>,
}

/// Decides a GDPR request on `today` (R-F7, R-F8, R-F9).
#[uniffi::export]
pub fn gdpr_decide(
    policy: Arc<Policy>,
    request: GdprRequest,
    today: LocalDate,
) -> Result<GdprOutcome, AsistentError> {
    let req = core_gdpr::GdprRequest {
        standing: match request.standing {
            GdprStanding::ParentOfMinor => core_gdpr::Standing::ParentOfMinor,
            GdprStanding::LegalRepresentativeOfMinor => {
                core_gdpr::Standing::LegalRepresentativeOfMinor
            }
            GdprStanding::AdultStudent => core_gdpr::Standing::AdultStudent,
            GdprStanding::NotEntitled => core_gdpr::Standing::NotEntitled,
        },
        kind: match request.kind {
            GdprRequestKind::Access => core_gdpr::RequestKind::Access,
            GdprRequestKind::Rectification => core_gdpr::RequestKind::Rectification,
            GdprRequestKind::Erasure => core_gdpr::RequestKind::Erasure,
            GdprRequestKind::Restriction => core_gdpr::RequestKind::Restriction,
        },
        record_kind: request.record_kind,
        end_of_schooling: request.end_of_schooling,
        accuracy_contested: request.accuracy_contested,
        consent_withdrawn: request.consent_withdrawn,
    };
    let out = core_gdpr::decide(&req, today, &policy.inner)?;
    Ok(GdprOutcome {
        decision: out.decision.try_into()?,
        controller: out.roles.controller.try_into()?,
        processor: out.roles.processor.map(DataParty::try_from).transpose()?,
        provisions: out.provisions.iter().map(|p| (*p).to_owned()).collect(),
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
        complaint: out.complaint.map(|c| ComplaintAuthority {
            name_sl: c.authority_sl.into(),
            name_en: c.authority_en.into(),
            address: c.address.into(),
            email: c.email.into(),
            phone: c.phone.into(),
        }),
        rules: out.rules.iter().map(|r| r.as_str().to_owned()).collect(),
    })
}

/// A restriction of processing while accuracy is contested; lifting it requires telling
/// the person first (R-F7). Immutable: each step returns the next state.
#[derive(Debug, uniffi::Object)]
pub struct GdprRestriction {
    inner: core_gdpr::Restriction,
    policy: Arc<Policy>,
    last_step: Option<GdprRestrictionStep>,
}

/// What the last step of a restriction did (R-F7): texts for the controller's records
/// and the rules applied.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GdprRestrictionStep {
    /// In Slovenian.
    pub text_sl: String,
    /// In English.
    pub text_en: String,
    /// The rule IDs ("R-F7").
    pub rules: Vec<String>,
}

#[uniffi::export]
impl GdprRestriction {
    /// A restriction of a record kind starting at `now`.
    #[uniffi::constructor]
    pub fn start(
        policy: Arc<Policy>,
        record_kind: String,
        now: SystemTime,
    ) -> Result<Arc<GdprRestriction>, AsistentError> {
        let inner = core_gdpr::Restriction::start(&record_kind, instant_from(now)?, &policy.inner)?;
        Ok(Arc::new(GdprRestriction {
            inner,
            policy,
            last_step: None,
        }))
    }

    /// Reads a restriction stored with `toJson`, to take its next steps under `policy`
    /// (which may be a later school year's); lifting may come weeks after telling the
    /// person.
    #[uniffi::constructor]
    pub fn from_json(
        policy: Arc<Policy>,
        json: String,
    ) -> Result<Arc<GdprRestriction>, AsistentError> {
        let inner = core_gdpr::Restriction::from_json(&json).map_err(|e| match e {
            core_gdpr::GdprError::UnreadableRestriction { .. } => {
                AsistentError::invalid("stored restriction", json.as_str(), e)
            }
            other => other.into(),
        })?;
        Ok(Arc::new(GdprRestriction {
            inner,
            policy,
            last_step: None,
        }))
    }

    /// The restriction as JSON, for storage between its steps.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The record kind under restriction.
    pub fn record_kind(&self) -> String {
        self.inner.record_kind().to_owned()
    }

    /// Since when processing is restricted (null once lifted).
    pub fn since(&self) -> Option<SystemTime> {
        self.inner.since().map(instant_to)
    }

    /// When the person was told that the restriction will be lifted.
    pub fn notified_at(&self) -> Option<SystemTime> {
        self.inner.notified_at().map(instant_to)
    }

    /// When the restriction was lifted.
    pub fn lifted_at(&self) -> Option<SystemTime> {
        self.inner.lifted_at().map(instant_to)
    }

    /// What the step that made this state did (null for a started or read restriction).
    pub fn last_step(&self) -> Option<GdprRestrictionStep> {
        self.last_step.clone()
    }

    /// "active", "lifting_notified" or "lifted".
    pub fn state(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Whether processing is restricted.
    pub fn is_restricted(&self) -> bool {
        self.inner.is_restricted()
    }

    /// The person is told that the restriction will be lifted.
    pub fn notify_person(&self, now: SystemTime) -> Result<Arc<GdprRestriction>, AsistentError> {
        self.step(core_gdpr::RestrictionEvent::NotifyPerson, now)
    }

    /// Lifts the restriction; refused before the person was told.
    pub fn lift(&self, now: SystemTime) -> Result<Arc<GdprRestriction>, AsistentError> {
        self.step(core_gdpr::RestrictionEvent::Lift, now)
    }
}

impl GdprRestriction {
    fn step(
        &self,
        event: core_gdpr::RestrictionEvent,
        now: SystemTime,
    ) -> Result<Arc<GdprRestriction>, AsistentError> {
        let (inner, out) = self
            .inner
            .apply(event, instant_from(now)?, &self.policy.inner)?;
        Ok(Arc::new(GdprRestriction {
            inner,
            policy: Arc::clone(&self.policy),
            last_step: Some(GdprRestrictionStep {
                text_sl: out.text_sl,
                text_en: out.text_en,
                rules: out.rules.iter().map(|r| r.as_str().to_owned()).collect(),
            }),
        }))
    }
}

impl TryFrom<core_gdpr::Decision> for GdprDecision {
    type Error = AsistentError;
    fn try_from(d: core_gdpr::Decision) -> Result<Self, AsistentError> {
        match d {
            core_gdpr::Decision::Granted => Ok(GdprDecision::Granted),
            core_gdpr::Decision::Refused => Ok(GdprDecision::Refused),
            other => Err(AsistentError::unsupported("GDPR decision", other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R-F7: every core decision maps to its own value (an unknown one would be an
    /// `unsupported` error, never "refused").
    #[test]
    fn r_f7_every_core_decision_has_its_own_value() {
        let mapped: Vec<GdprDecision> = core_gdpr::Decision::ALL
            .into_iter()
            .map(|d| GdprDecision::try_from(d).unwrap())
            .collect();
        assert_eq!(mapped, vec![GdprDecision::Granted, GdprDecision::Refused]);
    }

    /// R-F9: the wildcard arm of the collection mapping (the core enum is
    /// `non_exhaustive`) is never reached — the four collections map to four values.
    #[test]
    fn r_f9_every_core_collection_has_its_own_value() {
        let mapped: Vec<StatutoryCollection> = core_gdpr::Collection::ALL
            .into_iter()
            .map(Into::into)
            .collect();
        assert_eq!(
            mapped,
            vec![
                StatutoryCollection::StudentsAndParents,
                StatutoryCollection::ProgressAndCertificates,
                StatutoryCollection::PhysicalAbilities,
                StatutoryCollection::HelpAndCounselling,
            ]
        );
    }
}
