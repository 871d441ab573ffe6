//! Audit trail (R-F6): appends per second against raw SHA-256 over the same bytes, and
//! proof sizes against log n.
//!
//! Run: `cargo bench -p asistent-core --bench audit`. Prints the ratio append / raw hash
//! measured in the same run (target: at most 2×) and a table of proof sizes.
#![allow(clippy::expect_used, clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::Instant;

use asistent_core::audit::{AccessRole, AuditEntry, AuditLog, PersonKind, PseudonymKey};
use asistent_core::chrono::{Duration, TimeZone, Utc};
use asistent_core::rights::Category;
use asistent_core::rules::RuleId;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ring::digest::{digest, SHA256};

fn entries(n: usize) -> Vec<AuditEntry> {
    let key = PseudonymKey::new(&[3; 32]).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap();
    (0..n)
        .map(|i| AuditEntry {
            actor: key.pseudonym(PersonKind::Staff, &format!("staff-{}", i % 40)),
            role: AccessRole::Teacher,
            subject: key.pseudonym(PersonKind::Student, &format!("S{}", i % 500)),
            category: Category::ALL[i % Category::ALL.len()],
            purpose: "ocenjevanje znanja".into(),
            basis: vec![RuleId::F5],
            at: t0 + Duration::seconds(i64::try_from(i).unwrap()),
        })
        .collect()
}

const N: usize = 10_000;

fn bench(c: &mut Criterion) {
    let es = entries(N);
    let encoded: Vec<Vec<u8>> = es
        .iter()
        .map(|e| AuditEntry::encode(e).expect("valid entry"))
        .collect();
    let bytes: usize = encoded.iter().map(Vec::len).sum();

    let mut g = c.benchmark_group("audit_append");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("raw_sha256_same_bytes", |b| {
        b.iter(|| {
            for e in &encoded {
                black_box(digest(&SHA256, black_box(e)));
            }
        });
    });
    g.bench_function("audit_log_append", |b| {
        b.iter_batched(
            || es.clone(),
            |batch| {
                let mut log = AuditLog::new();
                for e in batch {
                    log.append(e).unwrap();
                }
                black_box(log)
            },
            BatchSize::LargeInput,
        );
    });
    g.finish();

    // The ratio, measured here in the same run (best of 5 rounds each).
    let best = |f: &mut dyn FnMut()| {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let raw = best(&mut || {
        for e in &encoded {
            black_box(digest(&SHA256, black_box(e)));
        }
    });
    // The entries are cloned before the clock starts: appending moves them into the log.
    let append = (0..5)
        .map(|_| {
            let batch = es.clone();
            let t = Instant::now();
            let mut log = AuditLog::new();
            for e in batch {
                log.append(e).unwrap();
            }
            black_box(log);
            t.elapsed()
        })
        .min()
        .unwrap();
    #[allow(clippy::cast_precision_loss)]
    let per_sec = |d: std::time::Duration| N as f64 / d.as_secs_f64();
    println!(
        "audit append: {N} entries ({} bytes each on average)",
        bytes / N
    );
    println!("  raw SHA-256 : {:>12.0} hashes/s", per_sec(raw));
    println!("  log append  : {:>12.0} appends/s", per_sec(append));
    println!(
        "  ratio append/raw: {:.2}x (target <= 2x)",
        append.as_secs_f64() / raw.as_secs_f64()
    );

    // Proof sizes against n.
    let log = AuditLog::from_entries(entries(1 << 16)).unwrap();
    println!("  n        inclusion(max hashes / bytes)  consistency n/2+1 -> n (hashes / bytes)");
    for shift in [4u32, 8, 12, 16] {
        let n = 1u64 << shift;
        let inc = (0..n)
            .step_by(usize::try_from((n / 64).max(1)).unwrap())
            .map(|i| log.inclusion_proof(i, n).unwrap())
            .max_by_key(|p| p.path.len())
            .unwrap();
        let con = log.consistency_proof(n / 2 + 1, n).unwrap();
        println!(
            "  {n:<8} {:>3} / {:>5}                        {:>3} / {:>5}",
            inc.path.len(),
            inc.encode().len(),
            con.path.len(),
            con.encode().len()
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
