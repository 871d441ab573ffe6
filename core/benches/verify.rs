//! Security codes issued per second and verify time at the default PBKDF2 iterations
//! (R-B10, R-A1). Run: `cargo bench -p asistent-core --bench verify`.
//!
//! Baseline, measured in the same run: one PBKDF2-HMAC-SHA256 iteration of the same
//! input (the cost of the hash without key stretching). The ratios show how much of
//! the cost is the deliberate stretching.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use asistent_core::ids::{GuardianId, SchoolId, StudentId};
use asistent_core::policy::VerifyPolicy;
use asistent_core::verify::security_code::{issue_security_code, SecurityCode};
use asistent_core::verify::SecretHash;
use chrono::{TimeZone, Utc};
use criterion::Criterion;
use ring::rand::SystemRandom;

fn per_call(mut f: impl FnMut(), min: Duration) -> Duration {
    let start = Instant::now();
    let mut n = 0u32;
    while start.elapsed() < min || n < 3 {
        f();
        n += 1;
    }
    start.elapsed() / n
}

fn main() {
    let rng = SystemRandom::new();
    let now = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
    let (g, s, school) = (
        GuardianId::new("g").unwrap(),
        StudentId::new("s").unwrap(),
        SchoolId::new("os").unwrap(),
    );
    let default = VerifyPolicy::default();
    let mut one = VerifyPolicy::default();
    one.code_iterations = 1;

    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    c.bench_function("security code: generate only", |b| {
        b.iter(|| SecurityCode::generate(black_box(&rng)).unwrap());
    });
    c.bench_function("security code: issue at 1 iteration (baseline)", |b| {
        b.iter(|| issue_security_code(&g, &s, &school, &[], now, &one, &rng).unwrap());
    });
    c.bench_function("security code: issue at default iterations", |b| {
        b.iter(|| issue_security_code(&g, &s, &school, &[], now, &default, &rng).unwrap());
    });
    let issued = issue_security_code(&g, &s, &school, &[], now, &default, &rng).unwrap();
    let code = issued.code.clone();
    c.bench_function("security code: verify at default iterations", |b| {
        b.iter(|| assert!(issued.record.matches(black_box(&code))));
    });
    c.final_summary();

    // The figures for BENCHMARKS.md, with the ratio against the baseline.
    let min = Duration::from_secs(2);
    let base = per_call(
        || {
            issue_security_code(&g, &s, &school, &[], now, &one, &rng).unwrap();
        },
        min,
    );
    let issue = per_call(
        || {
            issue_security_code(&g, &s, &school, &[], now, &default, &rng).unwrap();
        },
        min,
    );
    let hash_one = SecretHash::make(b"7KQ3MXD4PA", 1, &one, &rng).unwrap();
    let verify_base = per_call(|| assert!(hash_one.matches(b"7KQ3MXD4PA")), min);
    let verify = per_call(|| assert!(issued.record.matches(&code)), min);
    println!(
        "issue, 1 iteration (baseline): {:.1} µs = {:.0} codes/s",
        base.as_secs_f64() * 1e6,
        1.0 / base.as_secs_f64()
    );
    println!(
        "issue, {} iterations: {:.1} ms = {:.1} codes/s ({:.0}× the baseline)",
        default.code_iterations,
        issue.as_secs_f64() * 1e3,
        1.0 / issue.as_secs_f64(),
        issue.as_secs_f64() / base.as_secs_f64()
    );
    println!(
        "verify, {} iterations: {:.1} ms ({:.0}× one iteration, {:.2} µs)",
        default.code_iterations,
        verify.as_secs_f64() * 1e3,
        verify.as_secs_f64() / verify_base.as_secs_f64(),
        verify_base.as_secs_f64() * 1e6
    );
}
