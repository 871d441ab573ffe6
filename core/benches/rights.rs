//! Deciding for every (guardian, child, category) of a synthetic school of 1,000 students
//! in one call (issue 4). Baseline in the same run: building the same questions without
//! deciding them. Run: `cargo bench -p asistent-core --bench rights`.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss,
    missing_docs
)]

use std::hint::black_box;
use std::time::Instant;

use asistent_core::chrono::{Duration, NaiveDate};
use asistent_core::ids::{ClassId, GuardianId, StudentId};
use asistent_core::policy::Policy;
use asistent_core::rights::facts::{
    AdultStatement, AdultStatementKind, CourtDecision, CourtEffect, Facts, Family, Person,
    Relation, Relationship, SchoolLevel, Student,
};
use asistent_core::rights::{Action, Category, Question};
use criterion::{criterion_group, Criterion};

const STUDENTS: usize = 1_000;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 1,000 students: two parents each; every 7th with a step-parent, every 10th with a final
/// court decision (alternately removing care and restricting absences), every 13th a
/// foster child, every 5th an adult secondary student, half of whom objected.
fn school() -> Facts {
    let mut families = Vec::with_capacity(STUDENTS);
    for i in 0..STUDENTS {
        let adult = i % 5 == 0;
        let birth = if adult {
            d(2007, 1, 1) + Duration::days((i % 300) as i64)
        } else {
            d(2012, 1, 1) + Duration::days((i % 1500) as i64)
        };
        let mut f = Family::new(Student {
            id: StudentId::new(format!("s{i}")).unwrap(),
            birth_date: birth,
            class: Some(ClassId::new(format!("{}.a", 1 + i % 9)).unwrap()),
            level: if adult {
                SchoolLevel::Secondary
            } else {
                SchoolLevel::Primary
            },
        });
        let mother = GuardianId::new(format!("m{i}")).unwrap();
        let father = GuardianId::new(format!("f{i}")).unwrap();
        if i % 13 == 0 {
            f.relations.push(
                Relation::new(mother, Relationship::FosterParent)
                    .during(birth + Duration::days(400), None),
            );
        } else {
            f.relations
                .push(Relation::new(mother, Relationship::Parent));
            f.relations
                .push(Relation::new(father.clone(), Relationship::Parent));
        }
        if i % 7 == 0 {
            f.relations.push(Relation::new(
                GuardianId::new(format!("x{i}")).unwrap(),
                Relationship::StepParent,
            ));
        }
        if i % 10 == 3 {
            f.court_decisions.push(CourtDecision {
                reference: format!("IV P {i}/2024"),
                date: d(2024, 3, 1),
                final_on: Some(d(2024, 4, 1)),
                until: None,
                parent: father,
                effect: if i % 20 == 3 {
                    CourtEffect::RemovesCare
                } else {
                    CourtEffect::RestrictsCategories {
                        categories: vec![Category::Absences],
                    }
                },
            });
        }
        if adult && i % 10 == 0 {
            f.adult_statements.push(AdultStatement {
                date: d(2025, 9, 1),
                kind: AdultStatementKind::Objects,
            });
        }
        families.push(f);
    }
    Facts::new(families, vec![], vec![]).unwrap()
}

fn questions(facts: &Facts, date: NaiveDate) -> Vec<Question> {
    let mut out = Vec::new();
    for f in facts.families() {
        for r in &f.relations {
            for c in Category::ALL {
                out.push(Question::new(
                    Person::Guardian(r.guardian.clone()),
                    f.student.id.clone(),
                    c,
                    Action::See,
                    date,
                ));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let facts = school();
    let policy = Policy::default();
    let date = d(2026, 11, 23);
    let n = facts
        .decide_every_guardian(Action::See, date, &policy)
        .len();
    let mut group = c.benchmark_group("rights");
    group.sample_size(20);
    group.bench_function("baseline: build every question", |b| {
        b.iter(|| black_box(questions(&facts, date)));
    });
    group.bench_function("decide_every_guardian (one call)", |b| {
        b.iter(|| black_box(facts.decide_every_guardian(Action::See, black_box(date), &policy)));
    });
    group.finish();

    // A plain timing in the same run for the figures in BENCHMARKS.md.
    let time = |f: &dyn Fn() -> usize| {
        let mut best = f64::MAX;
        for _ in 0..10 {
            let t = Instant::now();
            black_box(f());
            best = best.min(t.elapsed().as_secs_f64());
        }
        best
    };
    let base = time(&|| questions(&facts, date).len());
    let batch = time(&|| {
        facts
            .decide_every_guardian(Action::See, date, &policy)
            .len()
    });
    let qs = questions(&facts, date);
    let many = time(&|| facts.decide_many(&qs, &policy).unwrap().len());
    println!("rights: {n} decisions (every guardian x child x category of {STUDENTS} students)");
    println!("  baseline (build questions): {:.2} ms", base * 1e3);
    println!(
        "  decide_every_guardian:      {:.2} ms = {:.0} decisions/s ({:.1}x baseline)",
        batch * 1e3,
        n as f64 / batch,
        batch / base
    );
    println!(
        "  decide_many (prebuilt):     {:.2} ms = {:.0} decisions/s ({:.1}x baseline)",
        many * 1e3,
        n as f64 / many,
        many / base
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
