//! The tamper-evident audit trail (R-F6): pseudonyms, an append-only Merkle log, signed
//! checkpoints and proofs as `bytes`, and "who viewed my child's data".

use std::sync::Mutex;

use asistent_core::audit as core_audit;
use asistent_core::chrono::{DateTime, Utc};
use asistent_core::ids::{GuardianId, StaffId, StudentId, VendorStaffId};
use asistent_core::rights::Category;
use asistent_core::rules::RuleId;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::{convert, errors};

fn bytes(py: Python<'_>, data: &[u8]) -> Py<PyBytes> {
    PyBytes::new(py, data).unbind()
}

fn id_err(e: &asistent_core::ids::InvalidId) -> PyErr {
    errors::invalid(e.kind, &e.input, e)
}

fn pseudonym(text: &str) -> PyResult<core_audit::Pseudonym> {
    core_audit::Pseudonym::from_hex(text).map_err(|e| errors::invalid("pseudonym", text, e))
}

fn role(text: &str) -> PyResult<core_audit::AccessRole> {
    core_audit::AccessRole::ALL
        .into_iter()
        .find(|r| r.name() == text)
        .ok_or_else(|| {
            errors::invalid(
                "access role",
                text,
                format!("`{text}` is not an access role (expected one of: guardian, student, class_teacher, teacher, counsellor, school_administrator, vendor_support)"),
            )
        })
}

/// A school's secret key for pseudonyms (R-F6): 64-hex-digit pseudonyms of real IDs.
#[pyclass(frozen, module = "asistent")]
struct PseudonymKey {
    inner: core_audit::PseudonymKey,
}

#[pymethods]
impl PseudonymKey {
    /// A key from the school's secret bytes (at least 16).
    #[new]
    fn new(secret: &[u8]) -> PyResult<PseudonymKey> {
        Ok(PseudonymKey {
            inner: core_audit::PseudonymKey::new(secret).map_err(errors::audit)?,
        })
    }

    /// The pseudonym of a student.
    fn student(&self, id: &str) -> PyResult<String> {
        let id = StudentId::new(id).map_err(|e| id_err(&e))?;
        Ok(self.inner.student(&id).to_hex())
    }

    /// The pseudonym of a guardian.
    fn guardian(&self, id: &str) -> PyResult<String> {
        let id = GuardianId::new(id).map_err(|e| id_err(&e))?;
        Ok(self.inner.guardian(&id).to_hex())
    }

    /// The pseudonym of a member of school staff.
    fn staff(&self, id: &str) -> PyResult<String> {
        let id = StaffId::new(id).map_err(|e| id_err(&e))?;
        Ok(self.inner.staff(&id).to_hex())
    }

    /// The pseudonym of a member of vendor support staff.
    fn vendor_staff(&self, id: &str) -> PyResult<String> {
        let id = VendorStaffId::new(id).map_err(|e| id_err(&e))?;
        Ok(self.inner.vendor_staff(&id).to_hex())
    }

    #[allow(clippy::unused_self)]
    fn __repr__(&self) -> &'static str {
        "PseudonymKey(…)"
    }
}

/// Signs checkpoints with an Ed25519 key pair (R-F6).
#[pyclass(frozen, module = "asistent")]
struct CheckpointSigner {
    inner: core_audit::CheckpointSigner,
}

#[pymethods]
impl CheckpointSigner {
    /// From a PKCS#8 v2 Ed25519 document.
    #[staticmethod]
    fn from_pkcs8(pkcs8: &[u8]) -> PyResult<CheckpointSigner> {
        Ok(CheckpointSigner {
            inner: core_audit::CheckpointSigner::from_pkcs8(pkcs8).map_err(errors::audit)?,
        })
    }

    /// From a raw 32-byte Ed25519 seed.
    #[staticmethod]
    fn from_seed(seed: &[u8]) -> PyResult<CheckpointSigner> {
        Ok(CheckpointSigner {
            inner: core_audit::CheckpointSigner::from_seed(seed).map_err(errors::audit)?,
        })
    }

    /// The 32-byte public key.
    #[getter]
    fn public_key(&self, py: Python<'_>) -> Py<PyBytes> {
        bytes(py, self.inner.public_key())
    }
}

/// One access to a child's data (R-F6): `actor` and `subject` are pseudonyms, `role` and
/// `category` codes, `basis` rule IDs, `at` an aware datetime.
#[pyclass(frozen, module = "asistent")]
#[derive(Clone)]
struct AuditEntry {
    inner: core_audit::AuditEntry,
}

#[pymethods]
impl AuditEntry {
    #[new]
    fn new(
        actor: &str,
        role: &str,
        subject: &str,
        category: &str,
        purpose: String,
        basis: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<AuditEntry> {
        let mut rules = Vec::new();
        for (index, item) in basis.try_iter()?.enumerate() {
            let text: String = convert::item(&item?, &format!("basis[{index}]"), "a str")?;
            rules.push(
                text.parse::<RuleId>()
                    .map_err(|e| errors::invalid("rule ID", &text, e))?,
            );
        }
        let inner = core_audit::AuditEntry {
            actor: pseudonym(actor)?,
            role: self::role(role)?,
            subject: pseudonym(subject)?,
            category: category
                .parse::<Category>()
                .map_err(|e| errors::invalid("category", category, e))?,
            purpose,
            basis: rules,
            at: convert::instant(at)?,
        };
        inner.check().map_err(errors::audit)?;
        Ok(AuditEntry { inner })
    }

    /// The entry for an access the rights engine decided (`RightsFacts.access`), its
    /// people pseudonymised under `key` (R-F6). A refused access, or a vendor access
    /// without the school's request, raises `AuditError`.
    #[staticmethod]
    fn from_access(
        record: &crate::rights::AccessRecord,
        key: &PseudonymKey,
    ) -> PyResult<AuditEntry> {
        Ok(AuditEntry {
            inner: core_audit::AuditEntry::from_access(&record.inner, &key.inner)
                .map_err(errors::audit)?,
        })
    }

    /// Reads the canonical byte encoding.
    #[staticmethod]
    fn decode(data: &[u8]) -> PyResult<AuditEntry> {
        Ok(AuditEntry {
            inner: core_audit::AuditEntry::decode(data).map_err(errors::audit)?,
        })
    }

    /// The canonical byte encoding (version 1).
    fn encode(&self, py: Python<'_>) -> PyResult<Py<PyBytes>> {
        Ok(bytes(py, &self.inner.encode().map_err(errors::audit)?))
    }

    #[getter]
    fn actor(&self) -> String {
        self.inner.actor.to_hex()
    }
    #[getter]
    fn role(&self) -> &'static str {
        self.inner.role.name()
    }
    #[getter]
    fn subject(&self) -> String {
        self.inner.subject.to_hex()
    }
    #[getter]
    fn category(&self) -> &'static str {
        self.inner.category.code()
    }
    #[getter]
    fn purpose(&self) -> String {
        self.inner.purpose.clone()
    }
    #[getter]
    fn basis(&self) -> Vec<&'static str> {
        self.inner.basis.iter().map(|r| r.as_str()).collect()
    }
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.inner.at
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<AuditEntry>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "AuditEntry(role={:?}, category={:?}, at={})",
            self.inner.role.name(),
            self.inner.category.code(),
            self.inner.at
        )
    }
}

/// A decoded, signature-checked checkpoint (R-F6).
#[pyclass(frozen, module = "asistent", get_all)]
struct Checkpoint {
    tree_size: u64,
    root: Py<PyBytes>,
    at: DateTime<Utc>,
}

/// One line of "who viewed my child's data" (R-F6).
#[pyclass(frozen, module = "asistent", get_all)]
struct AccessReportLine {
    leaf_index: u64,
    entry: Py<AuditEntry>,
    role_sl: &'static str,
    role_en: &'static str,
}

/// The append-only audit log (R-F6).
#[pyclass(module = "asistent")]
struct AuditLog {
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

#[pymethods]
impl AuditLog {
    /// An empty log, or one of stored entries (any iterable of `AuditEntry`).
    #[new]
    #[pyo3(signature = (entries = None))]
    fn new(entries: Option<&Bound<'_, PyAny>>) -> PyResult<AuditLog> {
        let log = AuditLog {
            inner: Mutex::new(core_audit::AuditLog::new()),
        };
        if let Some(entries) = entries {
            log.extend(entries)?;
        }
        Ok(log)
    }

    /// Appends an entry; returns its index.
    fn append(&self, entry: &AuditEntry) -> PyResult<u64> {
        self.with(|l| l.append(entry.inner.clone()))
            .map_err(errors::audit)
    }

    /// Appends the entry for an access the rights engine decided (see
    /// `AuditEntry.from_access`); returns its index.
    fn append_access(
        &self,
        record: &crate::rights::AccessRecord,
        key: &PseudonymKey,
    ) -> PyResult<u64> {
        let entry = AuditEntry::from_access(record, key)?;
        self.append(&entry)
    }

    /// Appends every entry of an iterable.
    fn extend(&self, entries: &Bound<'_, PyAny>) -> PyResult<()> {
        // A bad entry is named by its position in the iterable, from 0 (the `index`
        // attribute and the message: "entry 2: …"); the entries before it are appended.
        let at = |i: usize, e: PyErr| {
            Python::attach(|py| errors::at_position(py, &e, "entry", i));
            e
        };
        for (i, item) in entries.try_iter()?.enumerate() {
            let item = item?;
            let entry = item.cast::<AuditEntry>().map_err(|_| {
                convert::not_an_instance(&item, "audit entry", "an asistent.AuditEntry", "entry", i)
            })?;
            self.append(entry.get()).map_err(|e| at(i, e))?;
        }
        Ok(())
    }

    fn __len__(&self) -> usize {
        self.with(|l| l.entries().len())
    }

    /// The entries, in order.
    fn entries(&self) -> Vec<AuditEntry> {
        self.with(|l| {
            l.entries()
                .iter()
                .map(|e| AuditEntry { inner: e.clone() })
                .collect()
        })
    }

    /// The root hash (32 bytes).
    #[getter]
    fn root(&self, py: Python<'_>) -> Py<PyBytes> {
        bytes(py, &self.with(|l| l.root()))
    }

    /// A signed checkpoint of the whole log, encoded (117 bytes).
    fn checkpoint(
        &self,
        py: Python<'_>,
        signer: &CheckpointSigner,
        now: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyBytes>> {
        let now = convert::instant(now)?;
        Ok(bytes(
            py,
            &self.with(|l| l.checkpoint(&signer.inner, now).encode()),
        ))
    }

    /// The encoded proof that entry `index` is in the tree of `tree_size` (default: all).
    #[pyo3(signature = (index, tree_size = None))]
    fn inclusion_proof(
        &self,
        py: Python<'_>,
        index: &Bound<'_, PyAny>,
        tree_size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyBytes>> {
        let index: u64 = convert::int(index, "index")?;
        let tree_size: Option<u64> = convert::opt_int(tree_size, "tree_size")?;
        let p = self
            .with(|l| l.inclusion_proof(index, tree_size.unwrap_or(l.len())))
            .map_err(errors::audit)?;
        Ok(bytes(py, &p.encode()))
    }

    /// The encoded proof that `new_size` (default: all) extends `old_size`.
    #[pyo3(signature = (old_size, new_size = None))]
    fn consistency_proof(
        &self,
        py: Python<'_>,
        old_size: &Bound<'_, PyAny>,
        new_size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyBytes>> {
        let old_size: u64 = convert::int(old_size, "old_size")?;
        let new_size: Option<u64> = convert::opt_int(new_size, "new_size")?;
        let p = self
            .with(|l| l.consistency_proof(old_size, new_size.unwrap_or(l.len())))
            .map_err(errors::audit)?;
        Ok(bytes(py, &p.encode()))
    }

    /// Checks the log against an earlier encoded checkpoint; raises if anything it covers
    /// was changed, removed, inserted or reordered.
    fn verify_against(&self, checkpoint: &[u8], public_key: &[u8]) -> PyResult<()> {
        let cp = core_audit::Checkpoint::decode(checkpoint).map_err(errors::audit)?;
        self.with(|l| l.verify_against(&cp, public_key))
            .map_err(errors::audit)
    }

    /// "Who viewed my child's data": accesses to `subject` in `start..until`.
    fn report_for(
        &self,
        py: Python<'_>,
        subject: &str,
        start: &Bound<'_, PyAny>,
        until: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<AccessReportLine>> {
        let subject = pseudonym(subject)?;
        let (start, until) = (convert::instant(start)?, convert::instant(until)?);
        let lines = self.with(|l| {
            let report = l.report_for(&subject, start, until);
            report
                .lines
                .iter()
                .map(|line| {
                    // A line whose leaf index is outside the log is an error, never a
                    // line silently left out of the report.
                    let e = usize::try_from(line.leaf_index)
                        .ok()
                        .and_then(|i| l.entries().get(i))
                        .ok_or(core_audit::AuditError::OutOfRange {
                            what: "report line's leaf index",
                            index: line.leaf_index,
                            tree_size: l.entries().len() as u64,
                        })
                        .map_err(errors::audit)?;
                    Ok((line.leaf_index, line.role, e.clone()))
                })
                .collect::<PyResult<Vec<_>>>()
        })?;
        lines
            .into_iter()
            .map(|(leaf_index, role, inner)| {
                Ok(AccessReportLine {
                    leaf_index,
                    entry: Py::new(py, AuditEntry { inner })?,
                    role_sl: role.label_sl(),
                    role_en: role.label_en(),
                })
            })
            .collect()
    }
}

/// Reads an encoded checkpoint and checks its signature (R-F6).
#[pyfunction]
fn decode_checkpoint(py: Python<'_>, checkpoint: &[u8], public_key: &[u8]) -> PyResult<Checkpoint> {
    let c =
        core_audit::Checkpoint::decode_verified(checkpoint, public_key).map_err(errors::audit)?;
    Ok(Checkpoint {
        tree_size: c.tree_size,
        root: bytes(py, &c.root),
        at: c.at,
    })
}

/// Checks that an entry is in the tree of a trusted checkpoint (R-F6).
#[pyfunction]
fn verify_audit_inclusion(
    entry: &AuditEntry,
    proof: &[u8],
    checkpoint: &[u8],
    public_key: &[u8],
) -> PyResult<()> {
    let proof = core_audit::InclusionProof::decode(proof).map_err(errors::audit)?;
    let cp = core_audit::Checkpoint::decode(checkpoint).map_err(errors::audit)?;
    core_audit::verify_inclusion(&entry.inner, &proof, &cp, public_key).map_err(errors::audit)
}

/// Checks that checkpoint `new` extends checkpoint `old` (R-F6).
#[pyfunction]
fn verify_audit_consistency(
    proof: &[u8],
    old: &[u8],
    new: &[u8],
    public_key: &[u8],
) -> PyResult<()> {
    let proof = core_audit::ConsistencyProof::decode(proof).map_err(errors::audit)?;
    let old = core_audit::Checkpoint::decode(old).map_err(errors::audit)?;
    let new = core_audit::Checkpoint::decode(new).map_err(errors::audit)?;
    core_audit::verify_consistency(&proof, &old, &new, public_key).map_err(errors::audit)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PseudonymKey>()?;
    m.add_class::<CheckpointSigner>()?;
    m.add_class::<AuditEntry>()?;
    m.add_class::<Checkpoint>()?;
    m.add_class::<AccessReportLine>()?;
    m.add_class::<AuditLog>()?;
    m.add_function(wrap_pyfunction!(decode_checkpoint, m)?)?;
    m.add_function(wrap_pyfunction!(verify_audit_inclusion, m)?)?;
    m.add_function(wrap_pyfunction!(verify_audit_consistency, m)?)?;
    Ok(())
}
