//! A tamper-evident audit trail of accesses to a child's data (R-F6).
//!
//! "An audit trail that cannot be deleted or altered": a pure library cannot stop anyone
//! from deleting a file, but it can make every alteration, reordering, insertion or
//! truncation *detectable*. The log is an append-only RFC 6962 Merkle tree (SHA-256 from
//! `ring`; leaf hash = SHA-256(0x00 ‖ entry), node hash = SHA-256(0x01 ‖ left ‖ right)),
//! over entries in a canonical, versioned byte encoding ([`AuditEntry::encode`]).
//!
//! - A [`Checkpoint`] (tree size, root hash, time) is signed with Ed25519
//!   ([`CheckpointSigner`]); whoever keeps a checkpoint can later check the log against it
//!   ([`AuditLog::verify_against`]).
//! - An [`InclusionProof`] shows that one entry is in the tree of a checkpoint; a
//!   [`ConsistencyProof`] shows that a later checkpoint extends an earlier one. The
//!   verifiers ([`verify_inclusion`], [`verify_consistency`]) take only the proof, the
//!   entry and trusted checkpoints with the signer's public key — never the log.
//! - People are named by [`Pseudonym`]s (HMAC-SHA256 of the real identifier under a
//!   school key), so erasing a person's data elsewhere never requires rewriting the log.
//! - [`AuditLog::report_for`] answers a guardian's "who viewed my child's data".
//!
//! Proofs and checkpoints travel as bytes ([`InclusionProof::encode`],
//! [`Checkpoint::encode`]); decoding refuses truncated, over-long or foreign input with a
//! typed [`AuditError`].

use std::fmt;

use chrono::{DateTime, Utc};
use ring::digest::{self, SHA256};
use ring::hmac;
use ring::signature::{self, Ed25519KeyPair, KeyPair};
use serde::{Deserialize, Serialize};

use crate::ids::{GuardianId, StaffId, StudentId, VendorStaffId};
use crate::rights::Category;
use crate::rules::RuleId;

/// A SHA-256 hash (32 bytes): a leaf, a node or a root of the audit tree (R-F6).
pub type Hash = [u8; 32];

/// The version byte that starts every encoded entry, proof and checkpoint (R-F6).
pub const ENCODING_VERSION: u8 = 1;

/// The longest purpose text of an entry, in bytes (R-F6).
pub const MAX_PURPOSE_LEN: usize = 1024;

/// The most rules an audit entry's basis may name (the count is one byte in the encoding).
pub const MAX_BASIS_LEN: usize = 255;

/// The most hashes a proof may hold: a tree of at most 2^64 leaves needs at most 64 (R-F6).
pub const MAX_PROOF_HASHES: usize = 64;

/// The length in bytes of an encoded [`Checkpoint`] (R-F6).
pub const CHECKPOINT_LEN: usize = 1 + 8 + 32 + 8 + 4 + 64;

const CHECKPOINT_DOMAIN: &[u8] = b"asistent audit checkpoint v1\n";
const INCLUSION_TAG: u8 = b'I';
const CONSISTENCY_TAG: u8 = b'C';

/// What went wrong with the audit trail, a proof, a checkpoint or an entry (R-F6).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// Bytes end before the value they encode does.
    #[error("the {what} is truncated: {needed} bytes needed, only {available} given")]
    Truncated {
        /// What was being read ("inclusion proof", "checkpoint", "audit entry").
        what: &'static str,
        /// How many bytes it needs at least.
        needed: usize,
        /// How many were given.
        available: usize,
    },
    /// Bytes continue after the value they encode.
    #[error("the {what} has {extra} unexpected bytes after its end")]
    TrailingBytes {
        /// What was being read.
        what: &'static str,
        /// How many bytes are left over.
        extra: usize,
    },
    /// The encoding starts with a version or tag this library does not know.
    #[error("the {what} has unknown format byte {found:#04x} (expected {expected:#04x})")]
    UnknownFormat {
        /// What was being read.
        what: &'static str,
        /// The byte found.
        found: u8,
        /// The byte expected.
        expected: u8,
    },
    /// A field of an encoded value is out of its range.
    #[error("the {what} is malformed: {reason}")]
    Malformed {
        /// What was being read.
        what: &'static str,
        /// Which field is wrong and how.
        reason: String,
    },
    /// A checkpoint's signature does not verify under the given public key.
    #[error("the checkpoint of tree size {tree_size} has a bad signature: it was not signed by this key or was altered")]
    BadSignature {
        /// The tree size the checkpoint claims.
        tree_size: u64,
    },
    /// A signing key is not an Ed25519 key in PKCS#8 form.
    #[error("the checkpoint signing key is unusable: {reason}")]
    BadKey {
        /// What `ring` said.
        reason: String,
    },
    /// A proof is for another tree size than the checkpoint it is checked against.
    #[error("the proof is for tree size {proof_size} but the checkpoint has tree size {checkpoint_size}")]
    SizeMismatch {
        /// The size in the proof.
        proof_size: u64,
        /// The size in the checkpoint.
        checkpoint_size: u64,
    },
    /// A leaf index or tree size outside the tree.
    #[error("{what} {index} is outside a tree of size {tree_size}")]
    OutOfRange {
        /// "leaf index", "old size".
        what: &'static str,
        /// The index or size given.
        index: u64,
        /// The tree size.
        tree_size: u64,
    },
    /// A proof has the wrong number of hashes for its sizes.
    #[error("the {what} has {found} hashes, but its sizes need {expected}")]
    WrongProofLength {
        /// "inclusion proof" or "consistency proof".
        what: &'static str,
        /// How many hashes it holds.
        found: usize,
        /// How many it should hold.
        expected: usize,
    },
    /// A proof does not lead to the checkpoint's root: the entry is not in that tree, or
    /// the trees are not one the extension of the other.
    #[error("the {what} does not match the checkpoint of tree size {tree_size}: the entry or the log was altered")]
    ProofMismatch {
        /// "inclusion proof" or "consistency proof".
        what: &'static str,
        /// The tree size of the checkpoint it failed against.
        tree_size: u64,
    },
    /// The log is shorter than a checkpoint it is checked against: entries were dropped.
    #[error("the log holds {log_size} entries but the checkpoint covers {tree_size}: entries were removed")]
    LogTruncated {
        /// Entries in the log.
        log_size: u64,
        /// Entries the checkpoint covers.
        tree_size: u64,
    },
    /// The log's first entries no longer hash to a checkpoint's root.
    #[error("the first {tree_size} entries of the log do not match the checkpoint: an entry was changed, inserted, removed or moved")]
    LogAltered {
        /// The tree size of the checkpoint.
        tree_size: u64,
    },
    /// An access by vendor staff names no prior request of the school (R-F6).
    #[error(
        "an access by vendor staff must name the school's prior support request in its purpose"
    )]
    VendorAccessWithoutRequest,
    /// A rights access record that was refused: an access that did not happen is not an
    /// access to the child's data and cannot enter the log (R-F6).
    #[error("the access of {who} to the {category} of student `{student}` was refused ({rules}); only allowed accesses enter the audit trail")]
    AccessRefused {
        /// Who asked (`guardian mama`).
        who: String,
        /// The student's ID.
        student: String,
        /// The category's code.
        category: &'static str,
        /// The rule IDs of the refusal, comma-separated.
        rules: String,
    },
    /// An entry's purpose is empty or too long.
    #[error("the purpose of an audit entry must be 1–{MAX_PURPOSE_LEN} bytes, got {len}")]
    BadPurpose {
        /// Its length in bytes.
        len: usize,
    },
    /// An entry names more rules in its basis than the encoding can hold (R-F6).
    #[error("the basis of an audit entry may name at most {MAX_BASIS_LEN} rules, got {count}")]
    BadBasis {
        /// How many rules it names.
        count: usize,
    },
}

// ---------------------------------------------------------------------------------------
// Pseudonyms

/// A school's secret key for pseudonymous identifiers in its audit trail (R-F6).
///
/// Whoever holds the key can compute the pseudonym of a known person (to list "who viewed
/// my child's data", or to find a staff member's accesses); nobody can invert one.
pub struct PseudonymKey(hmac::Key);

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PseudonymKey(…)")
    }
}

/// Which kind of person a pseudonym stands for; part of the HMAC input, so a student
/// and a guardian with the same identifier text get different pseudonyms (R-F6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PersonKind {
    /// A student.
    Student,
    /// A parent, guardian or other adult acting for a student.
    Guardian,
    /// School staff.
    Staff,
    /// Vendor support staff.
    VendorStaff,
}

impl PersonKind {
    const fn tag(self) -> &'static [u8] {
        match self {
            PersonKind::Student => b"student",
            PersonKind::Guardian => b"guardian",
            PersonKind::Staff => b"staff",
            PersonKind::VendorStaff => b"vendor_staff",
        }
    }
}

impl PseudonymKey {
    /// A key from the school's secret bytes (at least 16 bytes; 32 recommended).
    pub fn new(secret: &[u8]) -> Result<PseudonymKey, AuditError> {
        if secret.len() < 16 {
            return Err(AuditError::BadKey {
                reason: format!(
                    "a pseudonym key needs at least 16 secret bytes, got {}",
                    secret.len()
                ),
            });
        }
        Ok(PseudonymKey(hmac::Key::new(hmac::HMAC_SHA256, secret)))
    }

    /// The pseudonym of a person of `kind` with identifier text `id`.
    pub fn pseudonym(&self, kind: PersonKind, id: &str) -> Pseudonym {
        let mut ctx = hmac::Context::with_key(&self.0);
        ctx.update(kind.tag());
        ctx.update(&[0]);
        ctx.update(id.as_bytes());
        let tag = ctx.sign();
        let mut out = [0u8; 32];
        out.copy_from_slice(tag.as_ref());
        Pseudonym(out)
    }

    /// The pseudonym of a student.
    pub fn student(&self, id: &StudentId) -> Pseudonym {
        self.pseudonym(PersonKind::Student, id.as_str())
    }

    /// The pseudonym of a guardian.
    pub fn guardian(&self, id: &GuardianId) -> Pseudonym {
        self.pseudonym(PersonKind::Guardian, id.as_str())
    }

    /// The pseudonym of a member of school staff.
    pub fn staff(&self, id: &StaffId) -> Pseudonym {
        self.pseudonym(PersonKind::Staff, id.as_str())
    }

    /// The pseudonym of a member of vendor support staff.
    pub fn vendor_staff(&self, id: &VendorStaffId) -> Pseudonym {
        self.pseudonym(PersonKind::VendorStaff, id.as_str())
    }
}

/// A pseudonymous identifier of a person in the audit trail: 32 bytes, shown as 64
/// lowercase hex digits (R-F6).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pseudonym(pub [u8; 32]);

impl Pseudonym {
    /// The pseudonym as 64 hex digits.
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// Reads 64 hex digits.
    pub fn from_hex(text: &str) -> Result<Pseudonym, AuditError> {
        parse_hash(text)
            .map(Pseudonym)
            .ok_or_else(|| AuditError::Malformed {
                what: "pseudonym",
                reason: format!("`{text}` is not 64 hex digits"),
            })
    }
}

impl fmt::Debug for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pseudonym({})", &self.to_hex()[..16])
    }
}

impl fmt::Display for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Pseudonym {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Pseudonym {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Pseudonym::from_hex(&s).map_err(serde::de::Error::custom)
    }
}

/// Lowercase hex of bytes (pseudonyms and hashes as text) (R-F6).
pub fn hex(bytes: &[u8]) -> String {
    use fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// 64 hex digits as a hash, or `None` (R-F6).
pub fn parse_hash(text: &str) -> Option<Hash> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        let digit = |c: u8| (c as char).to_digit(16);
        let hi = digit(pair[0])?;
        let lo = digit(pair[1])?;
        out[i] = u8::try_from(hi * 16 + lo).ok()?;
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------
// Entries

/// In which role a person accessed a child's data (R-F5, R-F6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AccessRole {
    /// A parent or legal representative.
    Guardian,
    /// The student themself.
    Student,
    /// The class teacher (razrednik).
    ClassTeacher,
    /// A teacher who teaches the student.
    Teacher,
    /// A counsellor or other professional staff.
    Counsellor,
    /// The head teacher or a school administrator.
    SchoolAdministrator,
    /// Vendor support staff, on the school's prior request (R-F6).
    VendorSupport,
}

impl AccessRole {
    /// Every role, in encoding order.
    pub const ALL: [AccessRole; 7] = [
        AccessRole::Guardian,
        AccessRole::Student,
        AccessRole::ClassTeacher,
        AccessRole::Teacher,
        AccessRole::Counsellor,
        AccessRole::SchoolAdministrator,
        AccessRole::VendorSupport,
    ];

    /// The byte of the canonical encoding (stable across versions of the library).
    pub const fn code(self) -> u8 {
        match self {
            AccessRole::Guardian => 1,
            AccessRole::Student => 2,
            AccessRole::ClassTeacher => 3,
            AccessRole::Teacher => 4,
            AccessRole::Counsellor => 5,
            AccessRole::SchoolAdministrator => 6,
            AccessRole::VendorSupport => 7,
        }
    }

    /// The machine name (`"class_teacher"`).
    pub const fn name(self) -> &'static str {
        match self {
            AccessRole::Guardian => "guardian",
            AccessRole::Student => "student",
            AccessRole::ClassTeacher => "class_teacher",
            AccessRole::Teacher => "teacher",
            AccessRole::Counsellor => "counsellor",
            AccessRole::SchoolAdministrator => "school_administrator",
            AccessRole::VendorSupport => "vendor_support",
        }
    }

    /// The Slovenian name.
    pub const fn label_sl(self) -> &'static str {
        match self {
            AccessRole::Guardian => "starš ali zakoniti zastopnik",
            AccessRole::Student => "učenec",
            AccessRole::ClassTeacher => "razrednik",
            AccessRole::Teacher => "učitelj",
            AccessRole::Counsellor => "svetovalni delavec",
            AccessRole::SchoolAdministrator => "vodstvo šole",
            AccessRole::VendorSupport => "podpora ponudnika (na zahtevo šole)",
        }
    }

    /// The English name.
    pub const fn label_en(self) -> &'static str {
        match self {
            AccessRole::Guardian => "parent or legal representative",
            AccessRole::Student => "student",
            AccessRole::ClassTeacher => "class teacher",
            AccessRole::Teacher => "teacher",
            AccessRole::Counsellor => "counsellor",
            AccessRole::SchoolAdministrator => "school administration",
            AccessRole::VendorSupport => "vendor support (on the school's request)",
        }
    }

    fn from_code(code: u8) -> Option<AccessRole> {
        AccessRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// One access to a child's data, as recorded in the audit trail (R-F6): who (a
/// pseudonym), in which role, whose data (a pseudonym), which category, for what purpose,
/// on which basis (rule IDs), when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Who accessed.
    pub actor: Pseudonym,
    /// In which role.
    pub role: AccessRole,
    /// Whose data.
    pub subject: Pseudonym,
    /// Which category of data.
    pub category: Category,
    /// For what purpose (for vendor support: the school's request reference).
    pub purpose: String,
    /// The rules that allowed the access.
    pub basis: Vec<RuleId>,
    /// When.
    pub at: DateTime<Utc>,
}

impl AuditEntry {
    /// Checks an entry: a purpose of 1–1024 bytes, at most 255 rules in its basis, and an
    /// access by vendor staff must name the school's prior request (R-F6: the purpose
    /// contains "request" or "zahtev", e.g. "support request #1234" / "zahtevek šole
    /// 1234"). Only entries that pass are encoded or hashed, so no two different entries
    /// share an encoding.
    pub fn check(&self) -> Result<(), AuditError> {
        let len = self.purpose.len();
        if self.purpose.trim().is_empty() || len > MAX_PURPOSE_LEN {
            return Err(AuditError::BadPurpose { len });
        }
        if self.basis.len() > MAX_BASIS_LEN {
            return Err(AuditError::BadBasis {
                count: self.basis.len(),
            });
        }
        if self.role == AccessRole::VendorSupport {
            let p = self.purpose.to_lowercase();
            if !(p.contains("request") || p.contains("zahtev")) {
                return Err(AuditError::VendorAccessWithoutRequest);
            }
        }
        Ok(())
    }

    /// The audit entry for an access the rights engine decided
    /// ([`Facts::access`](crate::rights::Facts::access)), with the people replaced by
    /// their pseudonyms under `key` (R-F6).
    ///
    /// The role follows the person and the capacity: every guardian capacity (parent,
    /// legal representative) is [`AccessRole::Guardian`], a minor or adult student
    /// [`AccessRole::Student`], staff by their [`StaffRole`](crate::rights::StaffRole)
    /// (other professional staff as [`AccessRole::Counsellor`]), vendor staff
    /// [`AccessRole::VendorSupport`] with the school's request reference appended to the
    /// purpose. A vendor access without a school request is refused with
    /// [`AuditError::VendorAccessWithoutRequest`], any other refused access with
    /// [`AuditError::AccessRefused`]: the log holds accesses that happened.
    pub fn from_access(
        record: &crate::rights::AccessRecord,
        key: &PseudonymKey,
    ) -> Result<AuditEntry, AuditError> {
        use crate::rights::{Person, StaffRole};
        let refused = || AuditError::AccessRefused {
            who: format!("{} {}", record.who.kind_code(), record.who.id_str()),
            student: record.student.as_str().to_owned(),
            category: record.category.code(),
            rules: record
                .rules
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        };
        let mut purpose = record.purpose.clone();
        let (actor, role) = match &record.who {
            Person::Guardian(id) => (key.guardian(id), AccessRole::Guardian),
            Person::Student(id) => (key.student(id), AccessRole::Student),
            Person::Staff(id) => {
                let role = match record.staff_role {
                    Some(StaffRole::ClassTeacher) => AccessRole::ClassTeacher,
                    Some(StaffRole::Teacher) => AccessRole::Teacher,
                    Some(StaffRole::Counsellor | StaffRole::OtherProfessional) => {
                        AccessRole::Counsellor
                    }
                    // A staff member with no role for this child was refused.
                    None => return Err(refused()),
                };
                (key.staff(id), role)
            }
            Person::Vendor(id) => {
                let Some(request) = record.basis.as_ref().filter(|_| record.allowed) else {
                    return Err(AuditError::VendorAccessWithoutRequest);
                };
                purpose = format!(
                    "{purpose} (support request {} of {})",
                    request.reference, request.date
                );
                (key.vendor_staff(id), AccessRole::VendorSupport)
            }
        };
        if !record.allowed {
            return Err(refused());
        }
        let entry = AuditEntry {
            actor,
            role,
            subject: key.student(&record.student),
            category: record.category,
            purpose,
            basis: record.rules.clone(),
            at: record.at,
        };
        entry.check()?;
        Ok(entry)
    }

    /// The canonical byte encoding, version 1:
    /// `01 ‖ actor(32) ‖ role(1) ‖ subject(32) ‖ len(1) category code ‖ len(2, BE)
    /// purpose (UTF-8) ‖ count(1) { len(1) rule ID }* ‖ seconds(8, BE, signed) ‖
    /// nanoseconds(4, BE)`. Categories and rules are written as their stable text codes,
    /// never as enum positions. Refuses (with [`AuditEntry::check`]'s error) an entry
    /// that `check` refuses: nothing is ever cut to fit (R-F6).
    pub fn encode(&self) -> Result<Vec<u8>, AuditError> {
        let mut out = Vec::with_capacity(100 + self.purpose.len());
        self.encode_into(&mut out)?;
        Ok(out)
    }

    /// [`AuditEntry::encode`] appending to a buffer; on error nothing is appended.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), AuditError> {
        self.write(&mut |b: &[u8]| out.extend_from_slice(b))
    }

    /// Writes the canonical encoding piece by piece, after [`AuditEntry::check`]; every
    /// length is written exactly (never truncated), so the encoding is injective.
    fn write(&self, put: &mut dyn FnMut(&[u8])) -> Result<(), AuditError> {
        self.check()?;
        let overlong = |what: &'static str, len: usize| AuditError::Malformed {
            what: "audit entry",
            reason: format!("{what} of {len} bytes does not fit the encoding"),
        };
        let cat = self.category.code().as_bytes();
        let cat_len = u8::try_from(cat.len()).map_err(|_| overlong("category", cat.len()))?;
        let purpose = self.purpose.as_bytes();
        let purpose_len = u16::try_from(purpose.len())
            .map_err(|_| AuditError::BadPurpose { len: purpose.len() })?;
        let count = u8::try_from(self.basis.len()).map_err(|_| AuditError::BadBasis {
            count: self.basis.len(),
        })?;
        let rule_len = |rule: &RuleId| {
            let id = rule.as_str();
            u8::try_from(id.len()).map_err(|_| overlong("rule ID", id.len()))
        };
        // Every length is checked before the first byte is written.
        for rule in &self.basis {
            rule_len(rule)?;
        }
        put(&[ENCODING_VERSION]);
        put(&self.actor.0);
        put(&[self.role.code()]);
        put(&self.subject.0);
        put(&[cat_len]);
        put(cat);
        put(&purpose_len.to_be_bytes());
        put(purpose);
        put(&[count]);
        for rule in &self.basis {
            put(&[rule_len(rule)?]);
            put(rule.as_str().as_bytes());
        }
        put(&self.at.timestamp().to_be_bytes());
        put(&self.at.timestamp_subsec_nanos().to_be_bytes());
        Ok(())
    }

    /// Reads the canonical encoding back; refuses anything [`AuditEntry::encode`] would
    /// not have written.
    pub fn decode(bytes: &[u8]) -> Result<AuditEntry, AuditError> {
        const WHAT: &str = "audit entry";
        let mut r = Reader::new(WHAT, bytes);
        r.version()?;
        let actor = Pseudonym(r.hash()?);
        let role_code = r.u8()?;
        let role = AccessRole::from_code(role_code).ok_or_else(|| AuditError::Malformed {
            what: WHAT,
            reason: format!("unknown role code {role_code}"),
        })?;
        let subject = Pseudonym(r.hash()?);
        let cat_len = usize::from(r.u8()?);
        let cat = r.text(cat_len)?;
        let category = cat.parse::<Category>().map_err(|e| AuditError::Malformed {
            what: WHAT,
            reason: e.to_string(),
        })?;
        let purpose_len = usize::from(r.u16()?);
        let purpose = r.text(purpose_len)?;
        let count = r.u8()?;
        let mut basis = Vec::with_capacity(usize::from(count));
        for _ in 0..count {
            let len = usize::from(r.u8()?);
            let id = r.text(len)?;
            basis.push(id.parse::<RuleId>().map_err(|e| AuditError::Malformed {
                what: WHAT,
                reason: e.to_string(),
            })?);
        }
        let secs = i64::from_be_bytes(r.array::<8>()?);
        let nanos = u32::from_be_bytes(r.array::<4>()?);
        let at = DateTime::from_timestamp(secs, nanos).ok_or_else(|| AuditError::Malformed {
            what: WHAT,
            reason: format!("{secs}.{nanos:09} is not an instant"),
        })?;
        r.finish()?;
        let entry = AuditEntry {
            actor,
            role,
            subject,
            category,
            purpose: purpose.to_owned(),
            basis,
            at,
        };
        entry.check().map_err(|e| AuditError::Malformed {
            what: WHAT,
            reason: e.to_string(),
        })?;
        Ok(entry)
    }

    /// The RFC 6962 leaf hash of this entry: SHA-256(0x00 ‖ encoding). Encodes into a
    /// stack buffer for entries up to 512 bytes. Refuses an entry that
    /// [`AuditEntry::check`] refuses, like [`AuditEntry::encode`] (R-F6).
    pub fn leaf_hash(&self) -> Result<Hash, AuditError> {
        let mut buf = [0u8; 512];
        let mut len = 1; // buf[0] = 0x00, the leaf prefix
        let mut spill: Option<Vec<u8>> = None;
        self.write(&mut |b: &[u8]| match &mut spill {
            Some(v) => v.extend_from_slice(b),
            None if len + b.len() <= buf.len() => {
                buf[len..len + b.len()].copy_from_slice(b);
                len += b.len();
            }
            None => {
                let mut v = buf[..len].to_vec();
                v.extend_from_slice(b);
                spill = Some(v);
            }
        })?;
        Ok(match spill {
            Some(v) => sha256(&v),
            None => sha256(&buf[..len]),
        })
    }
}

// ---------------------------------------------------------------------------------------
// The Merkle tree (RFC 6962 §2.1)

fn sha256(data: &[u8]) -> Hash {
    let d = digest::digest(&SHA256, data);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

/// The RFC 6962 leaf hash of raw leaf data: SHA-256(0x00 ‖ data) (R-F6).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut ctx = digest::Context::new(&SHA256);
    ctx.update(&[0]);
    ctx.update(data);
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

/// The RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right) (R-F6).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut ctx = digest::Context::new(&SHA256);
    ctx.update(&[1]);
    ctx.update(left);
    ctx.update(right);
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

/// The largest power of two strictly smaller than `n` (n ≥ 2).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// The Merkle tree hash MTH of a list of leaf hashes (RFC 6962 §2.1); the empty tree's
/// hash is SHA-256 of nothing (R-F6).
pub fn root_of(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => sha256(&[]),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root_of(&leaves[..k]), &root_of(&leaves[k..]))
        }
    }
}

/// PATH(m, D\[n\]) of RFC 6962 §2.1.1, leaf to root.
fn path(m: usize, leaves: &[Hash], out: &mut Vec<Hash>) {
    let n = leaves.len();
    if n <= 1 {
        return;
    }
    let k = split(n);
    if m < k {
        path(m, &leaves[..k], out);
        out.push(root_of(&leaves[k..]));
    } else {
        path(m - k, &leaves[k..], out);
        out.push(root_of(&leaves[..k]));
    }
}

/// SUBPROOF(m, D\[n\], b) of RFC 6962 §2.1.2.
fn subproof(m: usize, leaves: &[Hash], complete: bool, out: &mut Vec<Hash>) {
    let n = leaves.len();
    if m == n {
        if !complete {
            out.push(root_of(leaves));
        }
        return;
    }
    let k = split(n);
    if m <= k {
        subproof(m, &leaves[..k], complete, out);
        out.push(root_of(&leaves[k..]));
    } else {
        subproof(m - k, &leaves[k..], false, out);
        out.push(root_of(&leaves[..k]));
    }
}

/// The inclusion path of leaf `index` in the tree over `leaves` (RFC 6962 §2.1.1) (R-F6).
pub fn inclusion_path(index: usize, leaves: &[Hash]) -> Result<Vec<Hash>, AuditError> {
    if index >= leaves.len() {
        return Err(AuditError::OutOfRange {
            what: "leaf index",
            index: index as u64,
            tree_size: leaves.len() as u64,
        });
    }
    let mut out = Vec::new();
    path(index, leaves, &mut out);
    Ok(out)
}

/// The consistency proof from the first `old_size` leaves to all of `leaves`
/// (RFC 6962 §2.1.2); empty when `old_size` is 0 or equals the tree size (R-F6).
pub fn consistency_path(old_size: usize, leaves: &[Hash]) -> Result<Vec<Hash>, AuditError> {
    if old_size > leaves.len() {
        return Err(AuditError::OutOfRange {
            what: "old size",
            index: old_size as u64,
            tree_size: leaves.len() as u64,
        });
    }
    let mut out = Vec::new();
    if old_size > 0 && old_size < leaves.len() {
        subproof(old_size, leaves, true, &mut out);
    }
    Ok(out)
}

/// Recomputes the root from a leaf hash and its inclusion path (RFC 9162 §2.1.3.2)
/// (R-F6).
pub fn root_from_inclusion(
    index: u64,
    tree_size: u64,
    leaf: &Hash,
    path: &[Hash],
) -> Result<Hash, AuditError> {
    const WHAT: &str = "inclusion proof";
    if index >= tree_size {
        return Err(AuditError::OutOfRange {
            what: "leaf index",
            index,
            tree_size,
        });
    }
    let expected = inclusion_len(index, tree_size);
    if path.len() != expected {
        return Err(AuditError::WrongProofLength {
            what: WHAT,
            found: path.len(),
            expected,
        });
    }
    let (mut f_n, mut s_n) = (index, tree_size - 1);
    let mut r = *leaf;
    for p in path {
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    Ok(r)
}

/// The number of hashes in the inclusion path of `index` in a tree of `size` leaves:
/// the iterations of the RFC 9162 §2.1.3.2 loop until `sn` reaches 0.
fn inclusion_len(index: u64, size: u64) -> usize {
    let (mut f_n, mut s_n, mut n) = (index, size - 1, 0usize);
    while s_n > 0 {
        n += 1;
        if f_n & 1 == 1 || f_n == s_n {
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    n
}

/// Checks a consistency proof between roots of sizes `old_size` ≤ `new_size`
/// (RFC 9162 §2.1.4.2) (R-F6).
pub fn check_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), AuditError> {
    const WHAT: &str = "consistency proof";
    let mismatch = || AuditError::ProofMismatch {
        what: WHAT,
        tree_size: new_size,
    };
    if old_size > new_size {
        return Err(AuditError::OutOfRange {
            what: "old size",
            index: old_size,
            tree_size: new_size,
        });
    }
    if old_size == new_size || old_size == 0 {
        if !proof.is_empty() {
            return Err(AuditError::WrongProofLength {
                what: WHAT,
                found: proof.len(),
                expected: 0,
            });
        }
        return if old_size == 0 || old_root == new_root {
            Ok(())
        } else {
            Err(mismatch())
        };
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let Some((first, rest)) = path.split_first() else {
        return Err(AuditError::WrongProofLength {
            what: WHAT,
            found: 0,
            expected: 1,
        });
    };
    let (mut f_n, mut s_n) = (old_size - 1, new_size - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if s_n == 0 {
            return Err(mismatch());
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n == 0 && fr == *old_root && sr == *new_root {
        Ok(())
    } else {
        Err(mismatch())
    }
}

// ---------------------------------------------------------------------------------------
// Checkpoints

/// A signed statement "the audit log had `tree_size` entries with root `root` at `at`"
/// (R-F6). Whoever keeps one can later detect any change to those entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// Entries covered.
    pub tree_size: u64,
    /// The Merkle tree hash of those entries.
    pub root: Hash,
    /// When the checkpoint was made.
    pub at: DateTime<Utc>,
    /// Ed25519 signature over [`Checkpoint::signed_message`].
    pub signature: [u8; 64],
}

impl Checkpoint {
    /// The bytes that are signed: a domain tag, then size, root, seconds, nanoseconds.
    pub fn signed_message(tree_size: u64, root: &Hash, at: DateTime<Utc>) -> Vec<u8> {
        let mut m = Vec::with_capacity(CHECKPOINT_DOMAIN.len() + 52);
        m.extend_from_slice(CHECKPOINT_DOMAIN);
        m.extend_from_slice(&tree_size.to_be_bytes());
        m.extend_from_slice(root);
        m.extend_from_slice(&at.timestamp().to_be_bytes());
        m.extend_from_slice(&at.timestamp_subsec_nanos().to_be_bytes());
        m
    }

    /// Checks the signature under an Ed25519 public key (32 bytes).
    pub fn verify(&self, public_key: &[u8]) -> Result<(), AuditError> {
        let msg = Checkpoint::signed_message(self.tree_size, &self.root, self.at);
        signature::UnparsedPublicKey::new(&signature::ED25519, public_key)
            .verify(&msg, &self.signature)
            .map_err(|_| AuditError::BadSignature {
                tree_size: self.tree_size,
            })
    }

    /// The encoding ([`CHECKPOINT_LEN`] bytes): `01 ‖ size(8) ‖ root(32) ‖ seconds(8) ‖
    /// nanoseconds(4) ‖ signature(64)`.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(CHECKPOINT_LEN);
        out.push(ENCODING_VERSION);
        out.extend_from_slice(&self.tree_size.to_be_bytes());
        out.extend_from_slice(&self.root);
        out.extend_from_slice(&self.at.timestamp().to_be_bytes());
        out.extend_from_slice(&self.at.timestamp_subsec_nanos().to_be_bytes());
        out.extend_from_slice(&self.signature);
        out
    }

    /// Reads an encoded checkpoint (without checking its signature: see
    /// [`Checkpoint::decode_verified`]).
    pub fn decode(bytes: &[u8]) -> Result<Checkpoint, AuditError> {
        const WHAT: &str = "checkpoint";
        let mut r = Reader::new(WHAT, bytes);
        r.expect_len(CHECKPOINT_LEN)?;
        r.version()?;
        let tree_size = u64::from_be_bytes(r.array::<8>()?);
        let root = r.hash()?;
        let secs = i64::from_be_bytes(r.array::<8>()?);
        let nanos = u32::from_be_bytes(r.array::<4>()?);
        let at = DateTime::from_timestamp(secs, nanos).ok_or_else(|| AuditError::Malformed {
            what: WHAT,
            reason: format!("{secs}.{nanos:09} is not an instant"),
        })?;
        let signature = r.array::<64>()?;
        r.finish()?;
        Ok(Checkpoint {
            tree_size,
            root,
            at,
            signature,
        })
    }

    /// Reads an encoded checkpoint and checks its signature.
    pub fn decode_verified(bytes: &[u8], public_key: &[u8]) -> Result<Checkpoint, AuditError> {
        let c = Checkpoint::decode(bytes)?;
        c.verify(public_key)?;
        Ok(c)
    }
}

/// Signs checkpoints with an Ed25519 key pair that the caller keeps (R-F6).
pub struct CheckpointSigner(Ed25519KeyPair);

impl fmt::Debug for CheckpointSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CheckpointSigner(public {})", hex(self.public_key()))
    }
}

impl CheckpointSigner {
    /// A signer from a PKCS#8 v2 Ed25519 document (as made by [`generate_pkcs8`]).
    pub fn from_pkcs8(pkcs8: &[u8]) -> Result<CheckpointSigner, AuditError> {
        Ed25519KeyPair::from_pkcs8(pkcs8)
            .map(CheckpointSigner)
            .map_err(|e| AuditError::BadKey {
                reason: e.to_string(),
            })
    }

    /// A signer from a raw 32-byte Ed25519 seed (the private key itself: keep it secret).
    pub fn from_seed(seed: &[u8]) -> Result<CheckpointSigner, AuditError> {
        Ed25519KeyPair::from_seed_unchecked(seed)
            .map(CheckpointSigner)
            .map_err(|e| AuditError::BadKey {
                reason: e.to_string(),
            })
    }

    /// The 32-byte public key that verifies this signer's checkpoints.
    pub fn public_key(&self) -> &[u8] {
        self.0.public_key().as_ref()
    }

    /// Signs a checkpoint of a tree.
    pub fn sign(&self, tree_size: u64, root: Hash, at: DateTime<Utc>) -> Checkpoint {
        let sig = self
            .0
            .sign(&Checkpoint::signed_message(tree_size, &root, at));
        let mut signature = [0u8; 64];
        signature.copy_from_slice(sig.as_ref());
        Checkpoint {
            tree_size,
            root,
            at,
            signature,
        }
    }
}

/// A new Ed25519 key pair as a PKCS#8 document, from the caller's random source (R-F6).
pub fn generate_pkcs8(rng: &dyn ring::rand::SecureRandom) -> Result<Vec<u8>, AuditError> {
    Ed25519KeyPair::generate_pkcs8(rng)
        .map(|doc| doc.as_ref().to_vec())
        .map_err(|e| AuditError::BadKey {
            reason: e.to_string(),
        })
}

// ---------------------------------------------------------------------------------------
// Proofs

/// Proof that one entry is leaf `leaf_index` of the tree of size `tree_size` (R-F6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProof {
    /// 0-based position of the entry.
    pub leaf_index: u64,
    /// The tree size the proof is for.
    pub tree_size: u64,
    /// Sibling hashes, leaf to root.
    pub path: Vec<Hash>,
}

/// Proof that the tree of size `new_size` extends the tree of size `old_size` (R-F6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsistencyProof {
    /// The earlier size.
    pub old_size: u64,
    /// The later size.
    pub new_size: u64,
    /// The RFC 6962 §2.1.2 proof hashes.
    pub path: Vec<Hash>,
}

fn encode_proof(tag: u8, a: u64, b: u64, path: &[Hash]) -> Vec<u8> {
    let mut out = Vec::with_capacity(19 + 32 * path.len());
    out.push(ENCODING_VERSION);
    out.push(tag);
    out.extend_from_slice(&a.to_be_bytes());
    out.extend_from_slice(&b.to_be_bytes());
    out.push(u8::try_from(path.len()).unwrap_or(u8::MAX));
    for h in path {
        out.extend_from_slice(h);
    }
    out
}

fn decode_proof(
    what: &'static str,
    tag: u8,
    bytes: &[u8],
) -> Result<(u64, u64, Vec<Hash>), AuditError> {
    let mut r = Reader::new(what, bytes);
    r.version()?;
    let found = r.u8()?;
    if found != tag {
        return Err(AuditError::UnknownFormat {
            what,
            found,
            expected: tag,
        });
    }
    let a = u64::from_be_bytes(r.array::<8>()?);
    let b = u64::from_be_bytes(r.array::<8>()?);
    let count = usize::from(r.u8()?);
    if count > MAX_PROOF_HASHES {
        return Err(AuditError::Malformed {
            what,
            reason: format!("{count} hashes is more than any tree needs ({MAX_PROOF_HASHES})"),
        });
    }
    r.expect_len(r.pos + 32 * count)?;
    let mut path = Vec::with_capacity(count);
    for _ in 0..count {
        path.push(r.hash()?);
    }
    r.finish()?;
    Ok((a, b, path))
}

impl InclusionProof {
    /// Encoding: `01 ‖ 'I' ‖ leaf_index(8) ‖ tree_size(8) ‖ count(1) ‖ hashes(32 each)`.
    pub fn encode(&self) -> Vec<u8> {
        encode_proof(INCLUSION_TAG, self.leaf_index, self.tree_size, &self.path)
    }

    /// Reads an encoded inclusion proof.
    pub fn decode(bytes: &[u8]) -> Result<InclusionProof, AuditError> {
        let (leaf_index, tree_size, path) = decode_proof("inclusion proof", INCLUSION_TAG, bytes)?;
        if leaf_index >= tree_size {
            return Err(AuditError::OutOfRange {
                what: "leaf index",
                index: leaf_index,
                tree_size,
            });
        }
        Ok(InclusionProof {
            leaf_index,
            tree_size,
            path,
        })
    }
}

impl ConsistencyProof {
    /// Encoding: `01 ‖ 'C' ‖ old_size(8) ‖ new_size(8) ‖ count(1) ‖ hashes(32 each)`.
    pub fn encode(&self) -> Vec<u8> {
        encode_proof(CONSISTENCY_TAG, self.old_size, self.new_size, &self.path)
    }

    /// Reads an encoded consistency proof.
    pub fn decode(bytes: &[u8]) -> Result<ConsistencyProof, AuditError> {
        let (old_size, new_size, path) = decode_proof("consistency proof", CONSISTENCY_TAG, bytes)?;
        if old_size > new_size {
            return Err(AuditError::OutOfRange {
                what: "old size",
                index: old_size,
                tree_size: new_size,
            });
        }
        Ok(ConsistencyProof {
            old_size,
            new_size,
            path,
        })
    }
}

/// Checks that `entry` is in the tree of a trusted checkpoint, using only the proof, the
/// checkpoint and the signer's public key (R-F6).
pub fn verify_inclusion(
    entry: &AuditEntry,
    proof: &InclusionProof,
    checkpoint: &Checkpoint,
    public_key: &[u8],
) -> Result<(), AuditError> {
    entry.check()?;
    checkpoint.verify(public_key)?;
    if proof.tree_size != checkpoint.tree_size {
        return Err(AuditError::SizeMismatch {
            proof_size: proof.tree_size,
            checkpoint_size: checkpoint.tree_size,
        });
    }
    let root = root_from_inclusion(
        proof.leaf_index,
        proof.tree_size,
        &entry.leaf_hash()?,
        &proof.path,
    )?;
    if root == checkpoint.root {
        Ok(())
    } else {
        Err(AuditError::ProofMismatch {
            what: "inclusion proof",
            tree_size: checkpoint.tree_size,
        })
    }
}

/// Checks that the tree of checkpoint `new` extends that of checkpoint `old` — nothing
/// covered by `old` was changed, removed or reordered — using only the proof, the two
/// checkpoints and the signer's public key (R-F6).
pub fn verify_consistency(
    proof: &ConsistencyProof,
    old: &Checkpoint,
    new: &Checkpoint,
    public_key: &[u8],
) -> Result<(), AuditError> {
    old.verify(public_key)?;
    new.verify(public_key)?;
    for (proof_size, checkpoint_size) in [
        (proof.old_size, old.tree_size),
        (proof.new_size, new.tree_size),
    ] {
        if proof_size != checkpoint_size {
            return Err(AuditError::SizeMismatch {
                proof_size,
                checkpoint_size,
            });
        }
    }
    check_consistency(
        old.tree_size,
        new.tree_size,
        &old.root,
        &new.root,
        &proof.path,
    )
}

// ---------------------------------------------------------------------------------------
// The log

/// The append-only audit log: entries and their leaf hashes (R-F6).
///
/// The log is a value the caller stores (e.g. the encoded entries, one per row); load it
/// back with [`AuditLog::from_entries`], which recomputes every leaf hash from the
/// entries, so that a changed stored entry shows up against any earlier checkpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditLog {
    entries: Vec<AuditEntry>,
    leaves: Vec<Hash>,
}

impl AuditLog {
    /// An empty log.
    pub fn new() -> AuditLog {
        AuditLog::default()
    }

    /// A log of stored entries, in order; each is checked.
    pub fn from_entries(entries: Vec<AuditEntry>) -> Result<AuditLog, AuditError> {
        let mut log = AuditLog {
            entries: Vec::with_capacity(entries.len()),
            leaves: Vec::with_capacity(entries.len()),
        };
        for e in entries {
            log.append(e)?;
        }
        Ok(log)
    }

    /// Appends an entry; returns its 0-based index.
    pub fn append(&mut self, entry: AuditEntry) -> Result<u64, AuditError> {
        self.leaves.push(entry.leaf_hash()?);
        self.entries.push(entry);
        Ok(self.len() - 1)
    }

    /// The number of entries.
    pub fn len(&self) -> u64 {
        self.entries.len() as u64
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in order.
    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    /// The root hash of the first `size` entries.
    pub fn root_at(&self, size: u64) -> Result<Hash, AuditError> {
        let n = self.check_size(size, "tree size")?;
        Ok(root_of(&self.leaves[..n]))
    }

    /// The root hash of the whole log.
    pub fn root(&self) -> Hash {
        root_of(&self.leaves)
    }

    /// A signed checkpoint of the whole log, made at `now`.
    pub fn checkpoint(&self, signer: &CheckpointSigner, now: DateTime<Utc>) -> Checkpoint {
        signer.sign(self.len(), self.root(), now)
    }

    /// The proof that entry `index` is in the tree of size `tree_size`.
    pub fn inclusion_proof(
        &self,
        index: u64,
        tree_size: u64,
    ) -> Result<InclusionProof, AuditError> {
        let n = self.check_size(tree_size, "tree size")?;
        let i = usize::try_from(index).unwrap_or(usize::MAX);
        let path = inclusion_path(i, &self.leaves[..n]).map_err(|_| AuditError::OutOfRange {
            what: "leaf index",
            index,
            tree_size,
        })?;
        Ok(InclusionProof {
            leaf_index: index,
            tree_size,
            path,
        })
    }

    /// The proof that the tree of size `new_size` extends that of size `old_size`.
    pub fn consistency_proof(
        &self,
        old_size: u64,
        new_size: u64,
    ) -> Result<ConsistencyProof, AuditError> {
        let n = self.check_size(new_size, "tree size")?;
        let m = usize::try_from(old_size).unwrap_or(usize::MAX);
        let path = consistency_path(m, &self.leaves[..n])?;
        Ok(ConsistencyProof {
            old_size,
            new_size,
            path,
        })
    }

    /// Checks the log against an earlier trusted checkpoint: its signature, and that the
    /// log's first `tree_size` entries still hash to its root. Any change, removal,
    /// insertion or reordering of those entries fails.
    pub fn verify_against(
        &self,
        checkpoint: &Checkpoint,
        public_key: &[u8],
    ) -> Result<(), AuditError> {
        checkpoint.verify(public_key)?;
        if checkpoint.tree_size > self.len() {
            return Err(AuditError::LogTruncated {
                log_size: self.len(),
                tree_size: checkpoint.tree_size,
            });
        }
        if self.root_at(checkpoint.tree_size)? == checkpoint.root {
            Ok(())
        } else {
            Err(AuditError::LogAltered {
                tree_size: checkpoint.tree_size,
            })
        }
    }

    /// "Who viewed my child's data": every access to `subject`'s data in
    /// `from..until` (until excluded), oldest first (R-F6).
    pub fn report_for(
        &self,
        subject: &Pseudonym,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> AccessReport {
        let lines = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.subject == *subject && e.at >= from && e.at < until)
            .map(|(i, e)| ReportLine {
                leaf_index: i as u64,
                actor: e.actor,
                role: e.role,
                category: e.category,
                purpose: e.purpose.clone(),
                basis: e.basis.clone(),
                at: e.at,
            })
            .collect::<Vec<_>>();
        let mut lines = lines;
        lines.sort_by_key(|l| (l.at, l.leaf_index));
        AccessReport {
            subject: *subject,
            from,
            until,
            tree_size: self.len(),
            lines,
        }
    }

    fn check_size(&self, size: u64, what: &'static str) -> Result<usize, AuditError> {
        if size > self.len() {
            return Err(AuditError::OutOfRange {
                what,
                index: size,
                tree_size: self.len(),
            });
        }
        usize::try_from(size).map_err(|_| AuditError::OutOfRange {
            what,
            index: size,
            tree_size: self.len(),
        })
    }
}

/// One access in an [`AccessReport`] (R-F6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    /// The entry's position in the log (for an inclusion proof).
    pub leaf_index: u64,
    /// Who (pseudonym; the school resolves it with its [`PseudonymKey`]).
    pub actor: Pseudonym,
    /// In which role.
    pub role: AccessRole,
    /// Which category of data.
    pub category: Category,
    /// For what purpose.
    pub purpose: String,
    /// On which basis.
    pub basis: Vec<RuleId>,
    /// When.
    pub at: DateTime<Utc>,
}

/// "Who viewed my child's data": the accesses to one person's data in a period (R-F6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessReport {
    /// Whose data.
    pub subject: Pseudonym,
    /// From (included).
    pub from: DateTime<Utc>,
    /// Until (excluded).
    pub until: DateTime<Utc>,
    /// The log size the report was made from (check it against a checkpoint).
    pub tree_size: u64,
    /// The accesses, oldest first.
    pub lines: Vec<ReportLine>,
}

impl AccessReport {
    /// The report as text, one access per line, in Slovenian (`sl = true`) or English;
    /// `name` gives a display name for an actor's pseudonym (or `None` to show the
    /// pseudonym's first 12 hex digits). Times are Europe/Ljubljana; the header names the
    /// first and the last local day of the period (`until` is excluded, so the last day
    /// is the one of the instant just before it).
    pub fn render(&self, sl: bool, name: &dyn Fn(&Pseudonym) -> Option<String>) -> String {
        use fmt::Write;
        let mut out = String::new();
        let last = if self.until > self.from {
            self.until
                .checked_sub_signed(chrono::TimeDelta::nanoseconds(1))
                .unwrap_or(self.until)
        } else {
            self.from
        };
        let _ = writeln!(
            out,
            "{} {} – {} ({}):",
            if sl {
                "Dostopi do podatkov"
            } else {
                "Accesses to data"
            },
            crate::calendar::local_date(self.from),
            crate::calendar::local_date(last),
            count_text(self.lines.len(), sl)
        );
        for l in &self.lines {
            let local = l.at.with_timezone(&crate::calendar::ZONE);
            let who = name(&l.actor).unwrap_or_else(|| l.actor.to_hex()[..12].to_owned());
            let basis = l
                .basis
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "{} | {} | {} | {} | {} | {}",
                local.format("%Y-%m-%d %H:%M"),
                who,
                if sl {
                    l.role.label_sl()
                } else {
                    l.role.label_en()
                },
                if sl {
                    l.category.label_sl()
                } else {
                    l.category.label_en()
                },
                l.purpose,
                basis
            );
        }
        out
    }
}

/// "1 vpis", "2 vpisa", "3 vpisi", "5 vpisov" (Slovenian singular, dual, plural) or
/// "1 entry", "2 entries".
fn count_text(n: usize, sl: bool) -> String {
    if sl {
        let word = match n % 100 {
            1 => "vpis",
            2 => "vpisa",
            3 | 4 => "vpisi",
            _ => "vpisov",
        };
        format!("{n} {word}")
    } else if n == 1 {
        "1 entry".to_owned()
    } else {
        format!("{n} entries")
    }
}

// ---------------------------------------------------------------------------------------
// Byte reader

struct Reader<'a> {
    what: &'static str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(what: &'static str, bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            what,
            bytes,
            pos: 0,
        }
    }

    fn expect_len(&self, needed: usize) -> Result<(), AuditError> {
        if self.bytes.len() < needed {
            Err(AuditError::Truncated {
                what: self.what,
                needed,
                available: self.bytes.len(),
            })
        } else {
            Ok(())
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], AuditError> {
        let end = self.pos.saturating_add(n);
        self.expect_len(end)?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], AuditError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn hash(&mut self) -> Result<Hash, AuditError> {
        self.array::<32>()
    }

    fn u8(&mut self) -> Result<u8, AuditError> {
        Ok(self.array::<1>()?[0])
    }

    fn u16(&mut self) -> Result<u16, AuditError> {
        Ok(u16::from_be_bytes(self.array::<2>()?))
    }

    fn text(&mut self, n: usize) -> Result<&'a str, AuditError> {
        let what = self.what;
        std::str::from_utf8(self.take(n)?).map_err(|e| AuditError::Malformed {
            what,
            reason: format!("text is not UTF-8: {e}"),
        })
    }

    fn version(&mut self) -> Result<(), AuditError> {
        let found = self.u8()?;
        if found == ENCODING_VERSION {
            Ok(())
        } else {
            Err(AuditError::UnknownFormat {
                what: self.what,
                found,
                expected: ENCODING_VERSION,
            })
        }
    }

    fn finish(&self) -> Result<(), AuditError> {
        let extra = self.bytes.len() - self.pos;
        if extra == 0 {
            Ok(())
        } else {
            Err(AuditError::TrailingBytes {
                what: self.what,
                extra,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(purpose: &str) -> AuditEntry {
        let k = PseudonymKey::new(&[5; 32]).unwrap();
        AuditEntry {
            actor: k.pseudonym(PersonKind::Staff, "t1"),
            role: AccessRole::ClassTeacher,
            subject: k.pseudonym(PersonKind::Student, "s1"),
            category: Category::Grades,
            purpose: purpose.into(),
            basis: vec![RuleId::F5, RuleId::D1],
            at: Utc.with_ymd_and_hms(2026, 9, 1, 7, 0, 0).unwrap(),
        }
    }

    #[test]
    fn r_f6_leaf_hash_is_sha256_of_zero_and_the_encoding_short_and_long() {
        for purpose in ["x", &"y".repeat(700)] {
            let e = entry(purpose);
            let mut data = vec![0u8];
            data.extend(e.encode().unwrap());
            assert_eq!(e.leaf_hash(), Ok(sha256(&data)));
            assert_eq!(e.leaf_hash(), Ok(leaf_hash(&e.encode().unwrap())));
            assert_eq!(AuditEntry::decode(&e.encode().unwrap()), Ok(e));
        }
    }

    #[test]
    fn r_f6_report_counts_in_slovenian_and_english() {
        let texts: Vec<String> = [0, 1, 2, 3, 5, 101, 102]
            .iter()
            .map(|&n| count_text(n, true))
            .collect();
        assert_eq!(
            texts,
            [
                "0 vpisov",
                "1 vpis",
                "2 vpisa",
                "3 vpisi",
                "5 vpisov",
                "101 vpis",
                "102 vpisa"
            ]
        );
        assert_eq!(count_text(1, false), "1 entry");
        assert_eq!(count_text(3, false), "3 entries");
    }

    #[test]
    fn r_f6_the_empty_tree_and_bad_purposes() {
        assert_eq!(
            hex(&root_of(&[])),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(entry(" ").check(), Err(AuditError::BadPurpose { len: 1 }));
        assert_eq!(
            entry(&"z".repeat(1025)).check(),
            Err(AuditError::BadPurpose { len: 1025 })
        );
        assert!(PseudonymKey::new(b"short").is_err());
        assert!(Pseudonym::from_hex("zz").is_err());
    }

    #[test]
    fn r_f6_entries_check_refuses_are_never_encoded_or_hashed() {
        let long = entry(&"a".repeat(MAX_PURPOSE_LEN + 1));
        assert_eq!(long.encode(), Err(AuditError::BadPurpose { len: 1025 }));
        assert_eq!(long.leaf_hash(), Err(AuditError::BadPurpose { len: 1025 }));
        let mut many = entry("ocenjevanje");
        many.basis = vec![RuleId::F5; MAX_BASIS_LEN + 1];
        assert_eq!(many.check(), Err(AuditError::BadBasis { count: 256 }));
        assert_eq!(many.encode(), Err(AuditError::BadBasis { count: 256 }));
        let mut out = vec![9];
        assert!(many.encode_into(&mut out).is_err());
        assert_eq!(out, [9], "nothing appended on error");
        // At the limits the encoding is exact and round-trips.
        many.basis.truncate(MAX_BASIS_LEN);
        let edge = AuditEntry {
            purpose: "a".repeat(MAX_PURPOSE_LEN),
            ..many
        };
        assert_eq!(AuditEntry::decode(&edge.encode().unwrap()), Ok(edge));
    }
}
