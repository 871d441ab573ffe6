//! Visibility of a synthetic gradebook in one call (issue 5): `visible_from_many` (full
//! answers) and `glance_many` (compact answers over a `Gradebook`) against a bare scan that
//! pairs the same items with the same viewers, reads the same fields and writes rows,
//! without deciding anything. Run:
//! `cargo bench -p asistent-core --bench visibility` (1 million items; set
//! `VISIBILITY_ITEMS=10000000` for ten million).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss,
    missing_docs
)]

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

use asistent_core::calendar::Calendar;
use asistent_core::chrono::{DateTime, Duration, NaiveDate, Utc};
use asistent_core::ids::{ClassId, GuardianId, StaffId, StudentId};
use asistent_core::policy::Policy;
use asistent_core::rights::facts::{
    Facts, Family, Relation, Relationship, SchoolLevel, StaffAssignment, StaffRole, Student,
};
use asistent_core::services::Service;
use asistent_core::visibility::{
    glance_many, visible_from_many, Context, Gradebook, Item, ItemKind, RuleSet, SchoolSettings,
    Seen, Viewer, Visibility,
};
use criterion::{criterion_group, Criterion};

const ITEMS_PER_STUDENT: usize = 40;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct School {
    facts: Facts,
    items: Vec<Item>,
    viewers: Vec<Viewer>,
}

/// `n` items of `n / 40` students in 30 classes, entered over the school year 2025/26:
/// every kind in turn; praise and homework with the lesson closed 40 minutes later; every
/// other remark forwarded by the class teacher. Viewers: the mother (ZA STARŠE) of every
/// child, the father (MINIMALNI) of every third, and every child (ZA UČENCE or MINIMALNI).
fn gradebook(n: usize) -> School {
    let students = n.div_ceil(ITEMS_PER_STUDENT);
    let mut families = Vec::with_capacity(students);
    let mut viewers = Vec::new();
    let mut staff = Vec::new();
    for c in 0..30 {
        staff.push(StaffAssignment {
            staff: StaffId::new(format!("r{c}")).unwrap(),
            role: StaffRole::ClassTeacher,
            class: Some(ClassId::new(format!("c{c}")).unwrap()),
            from: None,
            until: None,
        });
    }
    for i in 0..students {
        let id = StudentId::new(format!("s{i}")).unwrap();
        let mut f = Family::new(Student {
            id: id.clone(),
            birth_date: d(2012, 1, 1) + Duration::days((i % 1500) as i64),
            class: Some(ClassId::new(format!("c{}", i % 30)).unwrap()),
            level: SchoolLevel::Primary,
        });
        let mother = GuardianId::new(format!("m{i}")).unwrap();
        let father = GuardianId::new(format!("f{i}")).unwrap();
        f.relations
            .push(Relation::new(mother.clone(), Relationship::Parent));
        f.relations
            .push(Relation::new(father.clone(), Relationship::Parent));
        families.push(f);
        viewers.push(Viewer::guardian(mother, id.clone(), Service::ZaStarse));
        if i % 3 == 0 {
            viewers.push(Viewer::guardian(father, id.clone(), Service::Minimalni));
        }
        viewers.push(Viewer::student(
            id,
            if i % 2 == 0 {
                Service::ZaUcence
            } else {
                Service::Minimalni
            },
        ));
    }
    let facts = Facts::new(families, staff, vec![]).unwrap();
    let start = DateTime::<Utc>::from_timestamp(1_756_710_000, 0).unwrap(); // 2025-09-01
    let kinds = ItemKind::ALL;
    let mut items = Vec::with_capacity(n);
    for k in 0..n {
        let s = k / ITEMS_PER_STUDENT;
        let student = StudentId::new(format!("s{s}")).unwrap();
        let kind = kinds[k % kinds.len()];
        let entered = start + Duration::seconds(((k * 7919) % (300 * 86_400)) as i64);
        let mut item = Item::new(kind, student, entered);
        match kind {
            ItemKind::Praise | ItemKind::Comment | ItemKind::Observation | ItemKind::Homework => {
                item = item.lesson_closed(entered + Duration::minutes(40));
            }
            ItemKind::Remark if k % 2 == 0 => {
                item = item.forwarded_by(
                    StaffId::new(format!("r{}", s % 30)).unwrap(),
                    entered + Duration::hours(20),
                );
            }
            _ => {}
        }
        items.push(item);
    }
    School {
        facts,
        items,
        viewers,
    }
}

/// The baseline: the same pairing of items with the viewers of their student, reading the
/// same fields, writing the same rows — no decision.
fn bare_scan(items: &[Item], viewers: &[Viewer]) -> Vec<Seen> {
    let mut by_student: HashMap<&StudentId, Vec<usize>> = HashMap::new();
    for (i, v) in viewers.iter().enumerate() {
        by_student.entry(&v.student).or_default().push(i);
    }
    let empty = Vec::new();
    let mut out = Vec::with_capacity(items.len() * 2);
    let mut prev: Option<(&StudentId, &Vec<usize>)> = None;
    for (index, item) in items.iter().enumerate() {
        let targets = match prev {
            Some((s, t)) if s == &item.student => t,
            _ => {
                let t = by_student.get(&item.student).unwrap_or(&empty);
                prev = Some((&item.student, t));
                t
            }
        };
        let mut from = item.entered_at;
        if let Some(c) = item.lesson_closed_at {
            from = from.max(c);
        }
        if let Some(f) = &item.forwarded {
            from = from.max(f.at);
        }
        if let Some(r) = item.revision {
            from = from.max(r.at());
        }
        for &vi in targets {
            let bump = viewers[vi].service as i64 + item.kind as i64;
            out.push(Seen {
                item: index,
                viewer: vi,
                visibility: Visibility::Visible {
                    from: from + Duration::seconds(bump),
                    revised_from: None,
                    reasons: RuleSet::EMPTY,
                },
            });
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let n: usize = std::env::var("VISIBILITY_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let book = gradebook(n);
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let ctx = Context::new(&cal, &book.facts, d(2026, 1, 15)).with_settings(SchoolSettings {
        meals_through_system: true,
        absence_excuses_agreed: true,
    });
    let run = || visible_from_many(&book.items, &book.viewers, &ctx, &policy).unwrap();
    let rows = run().len();
    let columns: Gradebook = book.items.iter().cloned().collect();
    let glance = || glance_many(&columns, &book.viewers, &ctx, &policy).unwrap();
    assert_eq!(glance().len(), rows);

    let mut group = c.benchmark_group("visibility");
    group.sample_size(10);
    group.bench_function("baseline: bare scan", |b| {
        b.iter(|| black_box(bare_scan(&book.items, &book.viewers)));
    });
    group.bench_function("visible_from_many", |b| b.iter(|| black_box(run())));
    group.bench_function("glance_many", |b| b.iter(|| black_box(glance())));
    group.finish();

    // A plain timing in the same run for the figures in BENCHMARKS.md.
    let time = |f: &dyn Fn() -> usize| {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            black_box(f());
            best = best.min(t.elapsed().as_secs_f64());
        }
        best
    };
    let base = time(&|| bare_scan(&book.items, &book.viewers).len());
    let batch = time(&|| run().len());
    let compact = time(&|| glance().len());
    println!(
        "visibility: {n} items, {} viewers, {rows} (item, viewer) answers",
        book.viewers.len()
    );
    println!(
        "  baseline (bare scan):  {:.1} ms = {:.1} million rows/s",
        base * 1e3,
        rows as f64 / base / 1e6
    );
    println!(
        "  visible_from_many:     {:.1} ms = {:.1} million decisions/s ({:.2}x baseline)",
        batch * 1e3,
        rows as f64 / batch / 1e6,
        batch / base
    );
    println!(
        "  glance_many:           {:.1} ms = {:.1} million decisions/s ({:.2}x baseline)",
        compact * 1e3,
        rows as f64 / compact / 1e6,
        compact / base
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
