//! The tamper-evident audit trail (rule R-F6) as a school and a guardian meet it: RFC 6962
//! known-answer vectors, signed checkpoints, inclusion and consistency proofs, tampering
//! detection, and the "who viewed my child's data" report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use asistent_core::audit::{
    self, AccessRole, AuditEntry, AuditError, AuditLog, Checkpoint, CheckpointSigner,
    ConsistencyProof, Hash, InclusionProof, PseudonymKey, CHECKPOINT_LEN,
};
use asistent_core::chrono::{DateTime, Duration, TimeZone, Utc};
use asistent_core::ids::{GuardianId, StaffId, StudentId, VendorStaffId};
use asistent_core::rights::Category;
use asistent_core::rules::RuleId;
use proptest::prelude::*;

// ---- RFC 6962 vectors (tests/vectors/rfc6962.json, copied from shared/vectors; see the
// README beside it for the upstream repositories, commits and licence) ----------------

fn vectors() -> serde_json::Value {
    serde_json::from_str(include_str!("vectors/rfc6962.json")).expect("vector file parses")
}

fn h(v: &serde_json::Value) -> Hash {
    audit::parse_hash(v.as_str().expect("hex string")).expect("64 hex digits")
}

fn bytes(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

fn vector_leaves() -> Vec<Hash> {
    vectors()["leaves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| audit::leaf_hash(&bytes(l.as_str().unwrap())))
        .collect()
}

#[test]
fn r_f6_rfc6962_roots_for_sizes_0_to_8() {
    let v = vectors();
    let leaves = vector_leaves();
    assert_eq!(audit::root_of(&[]), h(&v["empty_root"]));
    for (n, root) in v["roots"].as_array().unwrap().iter().enumerate() {
        assert_eq!(audit::root_of(&leaves[..n]), h(root), "root of size {n}");
    }
}

#[test]
fn r_f6_rfc6962_inclusion_paths_are_produced_and_verify() {
    let v = vectors();
    let leaves = vector_leaves();
    let roots: Vec<Hash> = v["roots"].as_array().unwrap().iter().map(h).collect();
    for case in v["inclusion"].as_array().unwrap() {
        let index = case["leaf_index"].as_u64().unwrap();
        let size = case["tree_size"].as_u64().unwrap();
        let expected: Vec<Hash> = case["path"].as_array().unwrap().iter().map(h).collect();
        let n = usize::try_from(size).unwrap();
        let i = usize::try_from(index).unwrap();
        assert_eq!(
            audit::inclusion_path(i, &leaves[..n]).unwrap(),
            expected,
            "PATH({index}, D[{size}])"
        );
        assert_eq!(
            audit::root_from_inclusion(index, size, &leaves[i], &expected).unwrap(),
            roots[n]
        );
        // The same path for a neighbouring leaf leads elsewhere.
        let other = leaves[(i + 1) % n.max(2)];
        if n > 1 {
            assert_ne!(
                audit::root_from_inclusion(index, size, &other, &expected).unwrap(),
                roots[n]
            );
        }
    }
}

#[test]
fn r_f6_rfc6962_consistency_proofs_are_produced_and_verify() {
    let v = vectors();
    let leaves = vector_leaves();
    let roots: Vec<Hash> = v["roots"].as_array().unwrap().iter().map(h).collect();
    for case in v["consistency"].as_array().unwrap() {
        let m = case["size1"].as_u64().unwrap();
        let n = case["size2"].as_u64().unwrap();
        let expected: Vec<Hash> = case["proof"].as_array().unwrap().iter().map(h).collect();
        let (mu, nu) = (usize::try_from(m).unwrap(), usize::try_from(n).unwrap());
        assert_eq!(
            audit::consistency_path(mu, &leaves[..nu]).unwrap(),
            expected,
            "PROOF({m}, D[{n}])"
        );
        audit::check_consistency(m, n, &roots[mu], &roots[nu], &expected).unwrap();
        if m < n {
            let wrong = roots[mu - 1];
            assert!(audit::check_consistency(m, n, &wrong, &roots[nu], &expected).is_err());
        }
    }
}

// ---- A school's log --------------------------------------------------------------------

const SEED: [u8; 32] = [7; 32];

fn signer() -> CheckpointSigner {
    CheckpointSigner::from_seed(&SEED).unwrap()
}

fn key() -> PseudonymKey {
    PseudonymKey::new(b"OS Prule -- secret pseudonym key 2026").unwrap()
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, day, hour, 15, 0).unwrap()
}

fn entry(i: u32) -> AuditEntry {
    let k = key();
    AuditEntry {
        actor: k.staff(&StaffId::new(format!("staff-{}", i % 5)).unwrap()),
        role: AccessRole::Teacher,
        subject: k.student(&StudentId::new(format!("S{}", i % 3)).unwrap()),
        category: Category::ALL[(i as usize) % Category::ALL.len()],
        purpose: format!("lesson {i}"),
        basis: vec![RuleId::F5],
        at: at(1, 8) + Duration::minutes(i64::from(i)),
    }
}

fn log_of(n: u32) -> AuditLog {
    AuditLog::from_entries((0..n).map(entry).collect()).unwrap()
}

#[test]
fn r_f6_checkpoint_signs_size_root_and_time_and_round_trips() {
    let log = log_of(5);
    let s = signer();
    let cp = log.checkpoint(&s, at(2, 12));
    assert_eq!(cp.tree_size, 5);
    assert_eq!(cp.root, log.root());
    let bytes = cp.encode();
    assert_eq!(bytes.len(), CHECKPOINT_LEN);
    assert_eq!(
        Checkpoint::decode_verified(&bytes, s.public_key()).unwrap(),
        cp
    );
    // The same key pair as a PKCS#8 v2 document (fixed seed, public key derived from it)
    // loads and verifies too; another key's signature is refused.
    let from_pkcs8 = CheckpointSigner::from_pkcs8(&pkcs8_v2(&SEED, s.public_key())).unwrap();
    assert_eq!(from_pkcs8.public_key(), s.public_key());
    from_pkcs8
        .sign(5, log.root(), at(2, 12))
        .verify(s.public_key())
        .unwrap();
    let other = CheckpointSigner::from_seed(&[8; 32]).unwrap();
    let cp2 = log.checkpoint(&other, at(2, 12));
    cp2.verify(other.public_key()).unwrap();
    assert_eq!(
        cp2.verify(s.public_key()),
        Err(AuditError::BadSignature { tree_size: 5 })
    );
    assert!(matches!(
        CheckpointSigner::from_pkcs8(b"not a key"),
        Err(AuditError::BadKey { .. })
    ));
}

/// The PKCS#8 v2 (RFC 8410 / RFC 5958) DER document of an Ed25519 key pair, laid out as
/// ring writes it: version 1, algorithm id-Ed25519, the seed, and the public key.
fn pkcs8_v2(seed: &[u8; 32], public_key: &[u8]) -> Vec<u8> {
    let mut der = vec![
        0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20,
    ];
    der.extend_from_slice(seed);
    der.extend_from_slice(&[0xa1, 0x23, 0x03, 0x21, 0x00]);
    der.extend_from_slice(public_key);
    der
}

#[test]
fn r_f6_bad_input_truncated_proof_and_bad_signature_are_typed_errors() {
    let log = log_of(8);
    let s = signer();
    let proof = log.inclusion_proof(5, 8).unwrap().encode();
    let err = InclusionProof::decode(&proof[..proof.len() - 1]).unwrap_err();
    assert_eq!(
        err,
        AuditError::Truncated {
            what: "inclusion proof",
            needed: proof.len(),
            available: proof.len() - 1,
        }
    );
    assert_eq!(
        err.to_string(),
        "the inclusion proof is truncated: 115 bytes needed, only 114 given"
    );
    let cp = log.checkpoint(&s, at(3, 9));
    let mut bytes = cp.encode();
    bytes[10] ^= 1; // a root byte
    let err = Checkpoint::decode_verified(&bytes, s.public_key()).unwrap_err();
    assert_eq!(err, AuditError::BadSignature { tree_size: 8 });
    assert_eq!(
        err.to_string(),
        "the checkpoint of tree size 8 has a bad signature: it was not signed by this key or was altered"
    );
    assert!(matches!(
        Checkpoint::decode(&bytes[..20]),
        Err(AuditError::Truncated {
            what: "checkpoint",
            needed: CHECKPOINT_LEN,
            available: 20
        })
    ));
    let mut extra = cp.encode();
    extra.push(0);
    assert!(matches!(
        Checkpoint::decode(&extra),
        Err(AuditError::TrailingBytes { extra: 1, .. })
    ));
    assert!(matches!(
        ConsistencyProof::decode(&proof),
        Err(AuditError::UnknownFormat {
            found: b'I',
            expected: b'C',
            ..
        })
    ));
}

#[test]
fn r_f6_proofs_verify_only_against_the_trusted_checkpoint() {
    let log = log_of(13);
    let s = signer();
    let old = log_of(6).checkpoint(&s, at(2, 8));
    let new = log.checkpoint(&s, at(3, 8));
    for i in 0..13 {
        let p = InclusionProof::decode(&log.inclusion_proof(i, 13).unwrap().encode()).unwrap();
        audit::verify_inclusion(&entry(u32::try_from(i).unwrap()), &p, &new, s.public_key())
            .unwrap();
        let err = audit::verify_inclusion(&entry(99), &p, &new, s.public_key()).unwrap_err();
        assert!(matches!(err, AuditError::ProofMismatch { .. }), "{err}");
    }
    let c = ConsistencyProof::decode(&log.consistency_proof(6, 13).unwrap().encode()).unwrap();
    audit::verify_consistency(&c, &old, &new, s.public_key()).unwrap();
    // A checkpoint by another key is refused before any hashing.
    let mallory = CheckpointSigner::from_seed(&[9; 32]).unwrap();
    let forged = log.checkpoint(&mallory, at(3, 8));
    assert_eq!(
        audit::verify_consistency(&c, &old, &forged, s.public_key()),
        Err(AuditError::BadSignature { tree_size: 13 })
    );
    // A proof for another size.
    let p = log.inclusion_proof(2, 12).unwrap();
    assert_eq!(
        audit::verify_inclusion(&entry(2), &p, &new, s.public_key()),
        Err(AuditError::SizeMismatch {
            proof_size: 12,
            checkpoint_size: 13
        })
    );
}

#[test]
fn r_f6_an_altered_entry_at_the_purpose_limit_fails_the_inclusion_proof() {
    // A purpose of exactly 1024 bytes is logged; a forged copy with text appended must
    // not pass as the logged entry (formerly both encoded to the same, cut bytes).
    let mut logged = entry(1);
    logged.purpose = "a".repeat(audit::MAX_PURPOSE_LEN);
    let mut log = log_of(3);
    let index = log.append(logged.clone()).unwrap();
    let s = signer();
    let cp = log.checkpoint(&s, at(3, 8));
    let proof = log.inclusion_proof(index, log.len()).unwrap();
    audit::verify_inclusion(&logged, &proof, &cp, s.public_key()).unwrap();
    let mut forged = logged.clone();
    forged
        .purpose
        .push_str(" in pogledal še zdravstvene podatke");
    assert_eq!(
        audit::verify_inclusion(&forged, &proof, &cp, s.public_key()),
        Err(AuditError::BadPurpose { len: 1060 })
    );
    assert!(forged.leaf_hash().is_err() && forged.encode().is_err());
    assert_eq!(
        log.append(forged),
        Err(AuditError::BadPurpose { len: 1060 })
    );
    // Too many rules in the basis: refused too, never cut to 255.
    let mut many = logged;
    many.basis = vec![RuleId::F6; 300];
    assert_eq!(
        audit::verify_inclusion(&many, &proof, &cp, s.public_key()),
        Err(AuditError::BadBasis { count: 300 })
    );
}

#[test]
fn r_f6_vendor_access_needs_the_schools_prior_request() {
    let k = key();
    let mut e = entry(1);
    e.role = AccessRole::VendorSupport;
    e.actor = k.vendor_staff(&VendorStaffId::new("es-17").unwrap());
    e.purpose = "helping with the timetable".into();
    let mut log = AuditLog::new();
    assert_eq!(
        log.append(e.clone()),
        Err(AuditError::VendorAccessWithoutRequest)
    );
    e.purpose = "zahtevek šole št. 2026-118".into();
    assert_eq!(log.append(e), Ok(0));
}

#[test]
fn r_f6_entries_name_people_by_pseudonyms_only() {
    let k = key();
    let e = entry(4);
    let encoded = e.encode().unwrap();
    assert_eq!(AuditEntry::decode(&encoded).unwrap(), e);
    // No real identifier appears in the bytes that are hashed and kept.
    let hay = String::from_utf8_lossy(&encoded);
    assert!(!hay.contains("staff-4") && !hay.contains("S1"));
    // Same text, different kind of person: different pseudonyms.
    assert_ne!(
        k.student(&StudentId::new("42").unwrap()),
        k.guardian(&GuardianId::new("42").unwrap())
    );
    // Another school's key gives another pseudonym.
    let other = PseudonymKey::new(&[1; 32]).unwrap();
    assert_ne!(
        k.student(&StudentId::new("42").unwrap()),
        other.student(&StudentId::new("42").unwrap())
    );
}

#[test]
fn r_f6_who_viewed_my_childs_data_report() {
    let k = key();
    let child = k.student(&StudentId::new("2026-0042").unwrap());
    let sibling = k.student(&StudentId::new("2026-0043").unwrap());
    let teacher = k.staff(&StaffId::new("T-7").unwrap());
    let razrednik = k.staff(&StaffId::new("T-1").unwrap());
    let support = k.vendor_staff(&VendorStaffId::new("es-17").unwrap());
    let mk = |actor, role, subject, category, purpose: &str, basis: Vec<RuleId>, t| AuditEntry {
        actor,
        role,
        subject,
        category,
        purpose: purpose.into(),
        basis,
        at: t,
    };
    let mut log = AuditLog::new();
    for e in [
        mk(
            razrednik,
            AccessRole::ClassTeacher,
            child,
            Category::Absences,
            "dnevnik",
            vec![RuleId::F5],
            at(5, 7),
        ),
        mk(
            teacher,
            AccessRole::Teacher,
            sibling,
            Category::Grades,
            "ocenjevanje",
            vec![RuleId::F5],
            at(5, 9),
        ),
        mk(
            teacher,
            AccessRole::Teacher,
            child,
            Category::Grades,
            "ocenjevanje",
            vec![RuleId::F5],
            at(6, 10),
        ),
        mk(
            support,
            AccessRole::VendorSupport,
            child,
            Category::PersonalData,
            "zahtevek šole 2026-118",
            vec![RuleId::F6],
            at(7, 13),
        ),
        mk(
            razrednik,
            AccessRole::ClassTeacher,
            child,
            Category::Remarks,
            "govorilne ure",
            vec![RuleId::F5],
            at(30, 16),
        ),
    ] {
        log.append(e).unwrap();
    }
    let report = log.report_for(&child, at(5, 0), at(8, 0));
    assert_eq!(report.lines.len(), 3);
    assert_eq!(
        report
            .lines
            .iter()
            .map(|l| l.leaf_index)
            .collect::<Vec<_>>(),
        [0, 2, 3]
    );
    let names = |p: &audit::Pseudonym| {
        [
            (razrednik, "razrednik Novak"),
            (teacher, "učiteljica Kos"),
            (support, "eŠola podpora"),
        ]
        .iter()
        .find(|(q, _)| q == p)
        .map(|(_, n)| (*n).to_owned())
    };
    insta::assert_snapshot!(report.render(true, &names), @r"
    Dostopi do podatkov 2026-10-05 – 2026-10-08 (3 vpisi):
    2026-10-05 09:15 | razrednik Novak | razrednik | izostanki | dnevnik | R-F5
    2026-10-06 12:15 | učiteljica Kos | učitelj | ocene | ocenjevanje | R-F5
    2026-10-07 15:15 | eŠola podpora | podpora ponudnika (na zahtevo šole) | osebni podatki | zahtevek šole 2026-118 | R-F6
    ");
    // Every line can be proven to be in a signed checkpoint.
    let s = signer();
    let cp = log.checkpoint(&s, at(31, 0));
    for line in &report.lines {
        let p = log.inclusion_proof(line.leaf_index, cp.tree_size).unwrap();
        let e = &log.entries()[usize::try_from(line.leaf_index).unwrap()];
        audit::verify_inclusion(e, &p, &cp, s.public_key()).unwrap();
    }
}

#[test]
fn r_f6_report_header_names_the_last_day_included_not_the_excluded_end() {
    // 1 October 2026, Ljubljana time: from local midnight to the next local midnight
    // (excluded). The header must say 1 October – 1 October, not – 2 October.
    let log = log_of(3);
    let child = key().student(&StudentId::new("S0").unwrap());
    let from = Utc.with_ymd_and_hms(2026, 9, 30, 22, 0, 0).unwrap();
    let until = Utc.with_ymd_and_hms(2026, 10, 1, 22, 0, 0).unwrap();
    let report = log.report_for(&child, from, until);
    let text = report.render(true, &|_| Some("učitelj".to_owned()));
    assert!(
        text.starts_with("Dostopi do podatkov 2026-10-01 – 2026-10-01 (1 vpis):"),
        "{text}"
    );
    // An empty period names its first day twice.
    let empty = log.report_for(&child, from, from).render(false, &|_| None);
    assert!(
        empty.starts_with("Accesses to data 2026-10-01 – 2026-10-01 (0 entries):"),
        "{empty}"
    );
}

#[test]
fn r_f6_proof_sizes_grow_as_log_n() {
    let log = log_of(1024);
    for n in [2u64, 16, 128, 1024] {
        let p = log.inclusion_proof(0, n).unwrap();
        assert_eq!(p.path.len(), n.ilog2() as usize);
        let c = log.consistency_proof(n / 2 + 1, n).unwrap();
        assert!(c.path.len() <= 2 * n.ilog2() as usize);
    }
}

// ---- Properties ------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Tamper {
    Change(usize),
    Drop(usize),
    Swap(usize),
    Insert(usize),
}

fn tamper() -> impl Strategy<Value = Tamper> {
    prop_oneof![
        any::<usize>().prop_map(Tamper::Change),
        any::<usize>().prop_map(Tamper::Drop),
        any::<usize>().prop_map(Tamper::Swap),
        any::<usize>().prop_map(Tamper::Insert),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// R-F6: changing, dropping, reordering or inserting any entry covered by an earlier
    /// checkpoint makes the log fail against that checkpoint, and no consistency proof
    /// from it to the tampered log verifies.
    #[test]
    fn r_f6_any_tampering_is_detected(n in 1u32..40, extra in 0u32..10, t in tamper()) {
        let s = signer();
        let entries: Vec<AuditEntry> = (0..n + extra).map(entry).collect();
        let honest = AuditLog::from_entries(entries.clone()).unwrap();
        let cp = AuditLog::from_entries(entries[..n as usize].to_vec()).unwrap().checkpoint(&s, at(20, 0));
        honest.verify_against(&cp, s.public_key()).unwrap();

        let mut bad = entries.clone();
        let len = n as usize;
        match t {
            Tamper::Change(i) => bad[i % len].purpose.push('!'),
            Tamper::Drop(i) => { bad.remove(i % len); }
            Tamper::Swap(i) => {
                prop_assume!(len >= 2);
                let i = i % (len - 1);
                bad.swap(i, i + 1);
                prop_assume!(bad[i] != bad[i + 1]);
            }
            Tamper::Insert(i) => bad.insert(i % len, entry(1000)),
        }
        let tampered = AuditLog::from_entries(bad).unwrap();
        prop_assert!(tampered.verify_against(&cp, s.public_key()).is_err());
        if tampered.len() >= cp.tree_size {
            let proof = tampered.consistency_proof(cp.tree_size, tampered.len()).unwrap();
            let now = tampered.checkpoint(&s, at(21, 0));
            prop_assert!(audit::verify_consistency(&proof, &cp, &now, s.public_key()).is_err());
        }
    }

    /// R-F6: every inclusion proof produced verifies, and fails for any other entry.
    #[test]
    fn r_f6_every_inclusion_proof_verifies_and_only_for_its_entry(n in 1u32..70, i in any::<u32>(), j in any::<u32>()) {
        let s = signer();
        let log = log_of(n);
        let cp = log.checkpoint(&s, at(20, 0));
        let (i, j) = (i % n, j % n);
        let p = log.inclusion_proof(u64::from(i), u64::from(n)).unwrap();
        prop_assert!(audit::verify_inclusion(&entry(i), &p, &cp, s.public_key()).is_ok());
        if entry(i) != entry(j) {
            prop_assert!(audit::verify_inclusion(&entry(j), &p, &cp, s.public_key()).is_err());
        }
    }

    /// R-F6: consistency proofs between any two sizes verify.
    #[test]
    fn r_f6_consistency_between_any_two_sizes(n in 1u32..70, a in any::<u32>(), b in any::<u32>()) {
        let s = signer();
        let log = log_of(n);
        let (m, k) = { let (x, y) = (a % (n + 1), b % (n + 1)); (x.min(y), x.max(y)) };
        let old = s.sign(u64::from(m), log.root_at(u64::from(m)).unwrap(), at(10, 0));
        let new = s.sign(u64::from(k), log.root_at(u64::from(k)).unwrap(), at(11, 0));
        let p = log.consistency_proof(u64::from(m), u64::from(k)).unwrap();
        let p = ConsistencyProof::decode(&p.encode()).unwrap();
        prop_assert!(audit::verify_consistency(&p, &old, &new, s.public_key()).is_ok());
    }

    /// R-F6: decoding arbitrary bytes never panics, and what decodes re-encodes the same.
    #[test]
    fn r_f6_decoding_arbitrary_bytes_is_total(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(p) = InclusionProof::decode(&data) { prop_assert_eq!(p.encode(), data.clone()); }
        if let Ok(p) = ConsistencyProof::decode(&data) { prop_assert_eq!(p.encode(), data.clone()); }
        if let Ok(c) = Checkpoint::decode(&data) { prop_assert_eq!(c.encode(), data.clone()); }
        if let Ok(e) = AuditEntry::decode(&data) { prop_assert_eq!(e.encode(), Ok(data)); }
    }
}

// ---- From the rights engine's access records into the log (R-F6) -----------------------

const ACCESS_FACTS: &str = r#"{
  "families": [{
    "student": {"id": "ana", "birth_date": "2013-04-02", "class": "7.a", "level": "primary"},
    "relations": [{"guardian": "mama", "relationship": "parent"},
                  {"guardian": "oce", "relationship": "parent"}],
    "court_decisions": [{"reference": "I R 55/2025", "date": "2025-02-01", "final_on": "2025-03-01",
                         "parent": "oce", "effect": {"kind": "restricts_categories", "categories": ["absences"]}}]
  }],
  "staff": [{"staff": "razrednik", "role": "class_teacher", "class": "7.a"}],
  "support_requests": [{"reference": "ZAHTEVA-2026-117", "vendor_staff": "podpora-1",
                        "requested_on": "2026-10-01", "from": "2026-10-02", "until": "2026-10-09",
                        "students": ["ana"], "categories": ["grades"], "purpose": "napačno povprečje ocen"}]
}"#;

fn access(
    person: asistent_core::rights::Person,
    category: Category,
    when: DateTime<Utc>,
) -> asistent_core::rights::AccessRecord {
    let facts = asistent_core::rights::Facts::from_json(ACCESS_FACTS).unwrap();
    facts
        .access(
            person,
            StudentId::new("ana").unwrap(),
            category,
            asistent_core::rights::Action::See,
            "pregled",
            when,
            &asistent_core::policy::Policy::default(),
        )
        .unwrap()
        .1
}

#[test]
fn r_f6_an_allowed_guardian_access_enters_the_log_and_the_guardians_report() {
    use asistent_core::rights::Person;
    let k = key();
    let record = access(
        Person::Guardian(GuardianId::new("mama").unwrap()),
        Category::Grades,
        at(5, 16),
    );
    assert!(record.allowed);
    let entry = AuditEntry::from_access(&record, &k).unwrap();
    assert_eq!(entry.actor, k.guardian(&GuardianId::new("mama").unwrap()));
    assert_eq!(entry.role, AccessRole::Guardian);
    assert_eq!(entry.subject, k.student(&StudentId::new("ana").unwrap()));
    assert_eq!(entry.basis, record.rules);
    assert_eq!(entry.purpose, "pregled");
    // The class teacher's access, by their staff role.
    let teacher = access(
        Person::Staff(StaffId::new("razrednik").unwrap()),
        Category::Absences,
        at(6, 9),
    );
    let teacher = AuditEntry::from_access(&teacher, &k).unwrap();
    assert_eq!(teacher.role, AccessRole::ClassTeacher);

    let mut log = AuditLog::new();
    let i = log.append(entry.clone()).unwrap();
    log.append(teacher).unwrap();
    let report = log.report_for(&entry.subject, at(1, 0), at(31, 0));
    assert_eq!(report.lines.len(), 2);
    assert_eq!(report.lines[0].leaf_index, i);
    assert_eq!(report.lines[0].actor, entry.actor);
    assert_eq!(report.lines[1].role, AccessRole::ClassTeacher);
    // And it is proved against a signed checkpoint.
    let cp = log.checkpoint(&signer(), at(7, 0));
    let proof = log.inclusion_proof(i, cp.tree_size).unwrap();
    audit::verify_inclusion(&entry, &proof, &cp, signer().public_key()).unwrap();
}

#[test]
fn r_f6_a_vendor_access_enters_the_log_only_on_the_schools_request() {
    use asistent_core::rights::Person;
    let k = key();
    let vendor = || Person::Vendor(VendorStaffId::new("podpora-1").unwrap());
    // Within the request: allowed, and the request's reference is in the purpose.
    let record = access(vendor(), Category::Grades, at(5, 10));
    assert!(record.allowed, "{record:?}");
    let entry = AuditEntry::from_access(&record, &k).unwrap();
    assert_eq!(entry.role, AccessRole::VendorSupport);
    assert!(
        entry.purpose.contains("support request ZAHTEVA-2026-117"),
        "{}",
        entry.purpose
    );
    // After the request's period (and for a category it does not cover): no request.
    for (category, when) in [
        (Category::Grades, at(20, 10)),
        (Category::Absences, at(5, 10)),
    ] {
        let record = access(vendor(), category, when);
        assert!(!record.allowed);
        assert_eq!(
            AuditEntry::from_access(&record, &k),
            Err(AuditError::VendorAccessWithoutRequest)
        );
    }
    // A hand-made record claiming the access was allowed but naming no request.
    let mut forged = access(vendor(), Category::Grades, at(5, 10));
    forged.basis = None;
    assert_eq!(
        AuditEntry::from_access(&forged, &k),
        Err(AuditError::VendorAccessWithoutRequest)
    );
}

#[test]
fn r_f6_a_refused_access_cannot_enter_the_log() {
    use asistent_core::rights::Person;
    // R-F4: the father's absences are restricted by a final court decision.
    let record = access(
        Person::Guardian(GuardianId::new("oce").unwrap()),
        Category::Absences,
        at(5, 16),
    );
    assert!(!record.allowed);
    let err = AuditEntry::from_access(&record, &key()).unwrap_err();
    assert!(
        matches!(&err, AuditError::AccessRefused { who, student, category, rules }
            if who == "guardian oce" && student == "ana" && *category == "absences" && rules.contains("R-F4")),
        "{err:?}"
    );
    assert!(err
        .to_string()
        .starts_with("the access of guardian oce to the absences of student `ana` was refused"));
}
