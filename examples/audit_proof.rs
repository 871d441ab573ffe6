//! Record accesses the rights engine allowed, sign a checkpoint, and prove to a parent
//! that their child's entry is in the log (R-F6) — the verifier needs only the entry, the
//! proof, the checkpoint and the school's public key.
//!
//! `cargo run --example audit_proof`

use asistent_core::audit::{
    verify_inclusion, AuditEntry, AuditLog, Checkpoint, CheckpointSigner, InclusionProof,
    PseudonymKey,
};
use asistent_core::chrono::{TimeZone, Utc};
use asistent_core::ids::{GuardianId, StaffId, StudentId};
use asistent_core::policy::Policy;
use asistent_core::rights::{Action, Category, Facts, Person};

const FACTS: &str = r#"{"families": [{
  "student": {"id": "ana", "birth_date": "2013-04-02", "class": "7.a", "level": "primary"},
  "relations": [{"guardian": "mojca", "relationship": "parent"}]}],
  "staff": [{"staff": "razrednik", "role": "class_teacher", "class": "7.a"}]}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let facts = Facts::from_json(FACTS)?;
    let policy = Policy::default();
    // Real keys come from the school's secret store; these are demo bytes.
    let key = PseudonymKey::new(b"demo pseudonym key, not a secret")?;
    let signer = CheckpointSigner::from_seed(&[1; 32])?;
    let ana = StudentId::new("ana")?;
    let mut log = AuditLog::new();
    let mut last = 0;
    for (person, category, hour) in [
        (
            Person::Staff(StaffId::new("razrednik")?),
            Category::Absences,
            9,
        ),
        (
            Person::Guardian(GuardianId::new("mojca")?),
            Category::Grades,
            18,
        ),
    ] {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 23, hour, 0, 0)
            .single()
            .ok_or("time")?;
        let (decision, record) = facts.access(
            person,
            ana.clone(),
            category,
            Action::See,
            "pregled",
            at,
            &policy,
        )?;
        // Only an allowed access becomes an entry; people become pseudonyms.
        let entry = AuditEntry::from_access(&record, &key)?;
        last = log.append(entry)?;
        let rules: Vec<&str> = decision.rule_ids().iter().map(|r| r.as_str()).collect();
        println!(
            "entry #{last}: {} [{}]",
            entry_role(&log, last),
            rules.join(", ")
        );
    }
    let now = Utc
        .with_ymd_and_hms(2026, 11, 24, 0, 0, 0)
        .single()
        .ok_or("time")?;
    let checkpoint = log.checkpoint(&signer, now).encode();
    let proof = log.inclusion_proof(last, log.len())?.encode();
    // The parent's side: bytes in, verified or a typed error out.
    let entry = &log.entries()[usize::try_from(last)?];
    let cp = Checkpoint::decode_verified(&checkpoint, signer.public_key())?;
    verify_inclusion(
        entry,
        &InclusionProof::decode(&proof)?,
        &cp,
        signer.public_key(),
    )?;
    println!(
        "entry #{last} is in the log of {} entries signed at {} ({} proof bytes)",
        cp.tree_size,
        cp.at,
        proof.len()
    );
    Ok(())
}

fn entry_role(log: &AuditLog, index: u64) -> &'static str {
    usize::try_from(index)
        .ok()
        .and_then(|i| log.entries().get(i))
        .map_or("?", |e| e.role.label_en())
}
