//! The tamper-evident audit trail (R-F6): an append-only Merkle log of accesses, signed
//! checkpoints, inclusion and consistency proofs as bytes, and "who viewed my child's
//! data".
//!
//! Pseudonyms travel as 64 hex digits, checkpoints and proofs as their byte encodings,
//! data categories and rule IDs as their codes (`"grades"`, `"R-F5"`).

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use asistent_core::audit as core_audit;
use asistent_core::ids::{GuardianId, StaffId, StudentId, VendorStaffId};
use asistent_core::rights::Category;
use asistent_core::rules::RuleId;

use crate::convert::{instant_from, instant_to};
use crate::AsistentError;

/// In which role a person accessed a child's data (R-F5, R-F6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AccessRole {
    /// A parent or legal representative.
    Guardian,
    /// The student themself.
    Student,
    /// The class teacher.
    ClassTeacher,
    /// A teacher who teaches the student.
    Teacher,
    /// A counsellor or other professional staff.
    Counsellor,
    /// School administration.
    SchoolAdministrator,
    /// Vendor support, on the school's prior request.
    VendorSupport,
}

impl From<AccessRole> for core_audit::AccessRole {
    fn from(r: AccessRole) -> Self {
        use core_audit::AccessRole as C;
        match r {
            AccessRole::Guardian => C::Guardian,
            AccessRole::Student => C::Student,
            AccessRole::ClassTeacher => C::ClassTeacher,
            AccessRole::Teacher => C::Teacher,
            AccessRole::Counsellor => C::Counsellor,
            AccessRole::SchoolAdministrator => C::SchoolAdministrator,
            AccessRole::VendorSupport => C::VendorSupport,
        }
    }
}

impl From<core_audit::AccessRole> for AccessRole {
    fn from(r: core_audit::AccessRole) -> Self {
        use core_audit::AccessRole as C;
        match r {
            C::Guardian => AccessRole::Guardian,
            C::Student => AccessRole::Student,
            C::ClassTeacher => AccessRole::ClassTeacher,
            C::Teacher => AccessRole::Teacher,
            C::Counsellor => AccessRole::Counsellor,
            C::SchoolAdministrator => AccessRole::SchoolAdministrator,
            _ => AccessRole::VendorSupport,
        }
    }
}

/// One access to a child's data (R-F6).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditEntry {
    /// Who: a pseudonym (64 hex digits) from `PseudonymKey`.
    pub actor: String,
    /// In which role.
    pub role: AccessRole,
    /// Whose data: a pseudonym.
    pub subject: String,
    /// The data category code (`"grades"`, `"absences"`, …).
    pub category: String,
    /// For what purpose (vendor support: the school's request reference).
    pub purpose: String,
    /// Rule IDs the access rested on (`"R-F5"`).
    pub basis: Vec<String>,
    /// When.
    pub at: SystemTime,
}

fn pseudonym(field: &str, hex: &str) -> Result<core_audit::Pseudonym, AsistentError> {
    core_audit::Pseudonym::from_hex(hex).map_err(|e| AsistentError::invalid(field, hex, e))
}

impl TryFrom<AuditEntry> for core_audit::AuditEntry {
    type Error = AsistentError;

    fn try_from(e: AuditEntry) -> Result<Self, AsistentError> {
        Ok(core_audit::AuditEntry {
            actor: pseudonym("pseudonym", &e.actor)?,
            role: e.role.into(),
            subject: pseudonym("pseudonym", &e.subject)?,
            category: e
                .category
                .parse::<Category>()
                .map_err(|err| AsistentError::invalid("category", &e.category, err))?,
            purpose: e.purpose,
            basis: e
                .basis
                .iter()
                .map(|r| {
                    r.parse::<RuleId>()
                        .map_err(|err| AsistentError::invalid("rule ID", r, err))
                })
                .collect::<Result<_, _>>()?,
            at: instant_from(e.at)?,
        })
    }
}

impl From<&core_audit::AuditEntry> for AuditEntry {
    fn from(e: &core_audit::AuditEntry) -> Self {
        AuditEntry {
            actor: e.actor.to_hex(),
            role: e.role.into(),
            subject: e.subject.to_hex(),
            category: e.category.code().to_owned(),
            purpose: e.purpose.clone(),
            basis: e.basis.iter().map(|r| r.as_str().to_owned()).collect(),
            at: instant_to(e.at),
        }
    }
}

/// The canonical byte encoding of an entry (version 1), as the log hashes and stores it
/// (R-F6).
#[uniffi::export]
pub fn encode_audit_entry(entry: AuditEntry) -> Result<Vec<u8>, AsistentError> {
    Ok(core_audit::AuditEntry::try_from(entry)?.encode()?)
}

/// Reads an entry from its canonical byte encoding (R-F6); anything else is
/// `AuditFailed`.
#[uniffi::export]
pub fn decode_audit_entry(bytes: Vec<u8>) -> Result<AuditEntry, AsistentError> {
    Ok(AuditEntry::from(&core_audit::AuditEntry::decode(&bytes)?))
}

/// The audit entry for an access the rights engine decided, with its people
/// pseudonymised under `key` (R-F6): guardians as `GUARDIAN`, staff by their staff role,
/// vendor staff only with the school's support request (its reference is added to the
/// purpose). A refused access is an error, not an entry.
#[uniffi::export]
pub fn audit_entry_from_access(
    record: crate::rights::AccessRecord,
    key: Arc<PseudonymKey>,
) -> Result<AuditEntry, AsistentError> {
    let record = asistent_core::rights::AccessRecord::try_from(record)?;
    let entry = core_audit::AuditEntry::from_access(&record, &key.inner)?;
    Ok(AuditEntry::from(&entry))
}

/// A school's secret key for pseudonyms (R-F6).
#[derive(Debug, uniffi::Object)]
pub struct PseudonymKey {
    inner: core_audit::PseudonymKey,
}

fn id_err(e: asistent_core::ids::InvalidId) -> AsistentError {
    AsistentError::invalid(e.kind, e.input.clone(), e)
}

#[uniffi::export]
impl PseudonymKey {
    /// A key from the school's secret bytes (at least 16).
    #[uniffi::constructor]
    pub fn new(secret: Vec<u8>) -> Result<Arc<PseudonymKey>, AsistentError> {
        Ok(Arc::new(PseudonymKey {
            inner: core_audit::PseudonymKey::new(&secret)?,
        }))
    }

    /// The pseudonym of a student.
    pub fn student(&self, id: String) -> Result<String, AsistentError> {
        Ok(self
            .inner
            .student(&StudentId::new(id).map_err(id_err)?)
            .to_hex())
    }

    /// The pseudonym of a guardian.
    pub fn guardian(&self, id: String) -> Result<String, AsistentError> {
        Ok(self
            .inner
            .guardian(&GuardianId::new(id).map_err(id_err)?)
            .to_hex())
    }

    /// The pseudonym of a member of school staff.
    pub fn staff(&self, id: String) -> Result<String, AsistentError> {
        Ok(self
            .inner
            .staff(&StaffId::new(id).map_err(id_err)?)
            .to_hex())
    }

    /// The pseudonym of a member of vendor support staff.
    pub fn vendor_staff(&self, id: String) -> Result<String, AsistentError> {
        Ok(self
            .inner
            .vendor_staff(&VendorStaffId::new(id).map_err(id_err)?)
            .to_hex())
    }
}

/// Signs checkpoints with an Ed25519 key pair (R-F6).
#[derive(Debug, uniffi::Object)]
pub struct CheckpointSigner {
    inner: core_audit::CheckpointSigner,
}

#[uniffi::export]
impl CheckpointSigner {
    /// From a PKCS#8 v2 Ed25519 document.
    #[uniffi::constructor]
    pub fn from_pkcs8(pkcs8: Vec<u8>) -> Result<Arc<CheckpointSigner>, AsistentError> {
        Ok(Arc::new(CheckpointSigner {
            inner: core_audit::CheckpointSigner::from_pkcs8(&pkcs8)?,
        }))
    }

    /// From a raw 32-byte Ed25519 seed.
    #[uniffi::constructor]
    pub fn from_seed(seed: Vec<u8>) -> Result<Arc<CheckpointSigner>, AsistentError> {
        Ok(Arc::new(CheckpointSigner {
            inner: core_audit::CheckpointSigner::from_seed(&seed)?,
        }))
    }

    /// The 32-byte public key.
    pub fn public_key(&self) -> Vec<u8> {
        self.inner.public_key().to_vec()
    }
}

/// A decoded, signature-checked checkpoint (R-F6).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckpointInfo {
    /// Entries covered.
    pub tree_size: u64,
    /// Root hash, 32 bytes.
    pub root: Vec<u8>,
    /// When it was made.
    pub at: SystemTime,
}

/// Reads an encoded checkpoint and checks its signature (R-F6).
#[uniffi::export]
pub fn decode_checkpoint(
    checkpoint: Vec<u8>,
    public_key: Vec<u8>,
) -> Result<CheckpointInfo, AsistentError> {
    let c = core_audit::Checkpoint::decode_verified(&checkpoint, &public_key)?;
    Ok(CheckpointInfo {
        tree_size: c.tree_size,
        root: c.root.to_vec(),
        at: instant_to(c.at),
    })
}

/// Checks that an entry is in the tree of a trusted checkpoint (R-F6).
#[uniffi::export]
pub fn verify_audit_inclusion(
    entry: AuditEntry,
    proof: Vec<u8>,
    checkpoint: Vec<u8>,
    public_key: Vec<u8>,
) -> Result<(), AsistentError> {
    let entry = core_audit::AuditEntry::try_from(entry)?;
    let proof = core_audit::InclusionProof::decode(&proof)?;
    let cp = core_audit::Checkpoint::decode(&checkpoint)?;
    Ok(core_audit::verify_inclusion(
        &entry,
        &proof,
        &cp,
        &public_key,
    )?)
}

/// Checks that checkpoint `new` extends checkpoint `old` (R-F6).
#[uniffi::export]
pub fn verify_audit_consistency(
    proof: Vec<u8>,
    old: Vec<u8>,
    new: Vec<u8>,
    public_key: Vec<u8>,
) -> Result<(), AsistentError> {
    let proof = core_audit::ConsistencyProof::decode(&proof)?;
    let old = core_audit::Checkpoint::decode(&old)?;
    let new = core_audit::Checkpoint::decode(&new)?;
    Ok(core_audit::verify_consistency(
        &proof,
        &old,
        &new,
        &public_key,
    )?)
}

/// One access in "who viewed my child's data" (R-F6).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccessReportLine {
    /// Position in the log.
    pub leaf_index: u64,
    /// The entry.
    pub entry: AuditEntry,
    /// The role in Slovenian.
    pub role_sl: String,
    /// The role in English.
    pub role_en: String,
}

/// The append-only audit log (R-F6).
#[derive(Debug, uniffi::Object)]
pub struct AuditLog {
    inner: Mutex<core_audit::AuditLog>,
}

impl AuditLog {
    fn with<T>(&self, f: impl FnOnce(&mut core_audit::AuditLog) -> T) -> T {
        let mut guard = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }
}

#[uniffi::export]
impl AuditLog {
    /// An empty log.
    #[uniffi::constructor]
    pub fn new() -> Arc<AuditLog> {
        Arc::new(AuditLog {
            inner: Mutex::new(core_audit::AuditLog::new()),
        })
    }

    /// A log of stored entries (leaf hashes recomputed from them).
    #[uniffi::constructor]
    pub fn from_entries(entries: Vec<AuditEntry>) -> Result<Arc<AuditLog>, AsistentError> {
        let entries = entries
            .into_iter()
            .map(core_audit::AuditEntry::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(AuditLog {
            inner: Mutex::new(core_audit::AuditLog::from_entries(entries)?),
        }))
    }

    /// Appends an entry; returns its index.
    pub fn append(&self, entry: AuditEntry) -> Result<u64, AsistentError> {
        let entry = core_audit::AuditEntry::try_from(entry)?;
        Ok(self.with(|l| l.append(entry))?)
    }

    /// Appends the entry for an access the rights engine decided (`RightsFacts.access`),
    /// with its people pseudonymised under `key`; returns its index (R-F6). A refused
    /// access, or a vendor access without the school's request, is refused with
    /// `AuditFailed` (check `access_refused` / `vendor_access_without_request`).
    pub fn append_access(
        &self,
        record: crate::rights::AccessRecord,
        key: Arc<PseudonymKey>,
    ) -> Result<u64, AsistentError> {
        let entry = audit_entry_from_access(record, key)?;
        let entry = core_audit::AuditEntry::try_from(entry)?;
        Ok(self.with(|l| l.append(entry))?)
    }

    /// The number of entries.
    pub fn size(&self) -> u64 {
        self.with(|l| l.len())
    }

    /// The entries, in order.
    pub fn entries(&self) -> Vec<AuditEntry> {
        self.with(|l| l.entries().iter().map(AuditEntry::from).collect())
    }

    /// The root hash (32 bytes).
    pub fn root(&self) -> Vec<u8> {
        self.with(|l| l.root().to_vec())
    }

    /// A signed checkpoint of the whole log, encoded (117 bytes).
    pub fn checkpoint(
        &self,
        signer: Arc<CheckpointSigner>,
        now: SystemTime,
    ) -> Result<Vec<u8>, AsistentError> {
        let now = instant_from(now)?;
        Ok(self.with(|l| l.checkpoint(&signer.inner, now).encode()))
    }

    /// The encoded proof that entry `index` is in the tree of size `tree_size`.
    pub fn inclusion_proof(&self, index: u64, tree_size: u64) -> Result<Vec<u8>, AsistentError> {
        Ok(self.with(|l| l.inclusion_proof(index, tree_size))?.encode())
    }

    /// The encoded proof that size `new_size` extends size `old_size`.
    pub fn consistency_proof(
        &self,
        old_size: u64,
        new_size: u64,
    ) -> Result<Vec<u8>, AsistentError> {
        Ok(self
            .with(|l| l.consistency_proof(old_size, new_size))?
            .encode())
    }

    /// Checks the log against an earlier encoded checkpoint.
    pub fn verify_against(
        &self,
        checkpoint: Vec<u8>,
        public_key: Vec<u8>,
    ) -> Result<(), AsistentError> {
        let cp = core_audit::Checkpoint::decode(&checkpoint)?;
        Ok(self.with(|l| l.verify_against(&cp, &public_key))?)
    }

    /// "Who viewed my child's data": accesses to `subject` (a pseudonym) in
    /// `from..until`, oldest first.
    pub fn report_for(
        &self,
        subject: String,
        from: SystemTime,
        until: SystemTime,
    ) -> Result<Vec<AccessReportLine>, AsistentError> {
        let subject = pseudonym("pseudonym", &subject)?;
        let (from, until) = (instant_from(from)?, instant_from(until)?);
        self.with(|l| {
            let report = l.report_for(&subject, from, until);
            report
                .lines
                .iter()
                .map(|line| {
                    let e = report_entry(l.entries(), line.leaf_index)?;
                    Ok(AccessReportLine {
                        leaf_index: line.leaf_index,
                        entry: AuditEntry::from(e),
                        role_sl: line.role.label_sl().to_owned(),
                        role_en: line.role.label_en().to_owned(),
                    })
                })
                .collect()
        })
    }
}

/// The logged entry a report line names: a line whose leaf index is outside the log is
/// an error (`AuditFailed`, check `out_of_range`), never another entry in its place.
fn report_entry(
    entries: &[core_audit::AuditEntry],
    leaf_index: u64,
) -> Result<&core_audit::AuditEntry, AsistentError> {
    usize::try_from(leaf_index)
        .ok()
        .and_then(|i| entries.get(i))
        .ok_or_else(|| {
            core_audit::AuditError::OutOfRange {
                what: "report line's leaf index",
                index: leaf_index,
                tree_size: entries.len() as u64,
            }
            .into()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_f6_a_report_line_outside_the_log_is_an_error_not_entry_zero() {
        let err = report_entry(&[], 3).unwrap_err();
        assert!(
            matches!(&err, AsistentError::AuditFailed { check, reason }
                if check == "out_of_range"
                    && reason == "report line's leaf index 3 is outside a tree of size 0"),
            "{err:?}"
        );
    }

    /// R-F6: the wildcard arm of the role mapping (the core enum is `non_exhaustive`) is
    /// never reached — every core role maps to an FFI role that maps back to it.
    #[test]
    fn r_f6_every_core_role_round_trips() {
        for r in core_audit::AccessRole::ALL {
            assert_eq!(core_audit::AccessRole::from(AccessRole::from(r)), r);
        }
    }
}
