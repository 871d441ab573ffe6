//! Scale benchmark of the notification planner (issue 6): a school year of a synthetic
//! country, planned student by student on one core.
//!
//! Each student has two guardians (one daily by email and SMS with quiet hours, one
//! weekly by email), a paid ZA STARŠE subscription and about 220 events a year (absences,
//! grades, observations, announced assessments). The generator is deterministic.
//!
//! Two passes over the same students, in the same run:
//! - baseline: generate each student's household and events, and touch every event once;
//! - plan: generate the same, and plan the whole school year ([`Planner::plan`]), keeping
//!   only counts (a sender would stream the notices out).
//!
//! Planning speed = events / (plan time − baseline time). The country has 265,000
//! students; by default a slice of `ASISTENT_BENCH_STUDENTS` (5,000) is run and the
//! country's figures extrapolated. Peak memory is the process's `VmHWM`.
//!
//! `cargo bench -p asistent-core --bench notify`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::too_many_lines
)]

use std::hint::black_box;
use std::time::Instant;

use asistent_core::calendar::{self, Calendar, SchoolYear};
use asistent_core::chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use asistent_core::ids::{GuardianId, SchoolId, StudentId};
use asistent_core::notify::{
    Channel, Child, Event, EventId, EventKind, Household, Mode, ObservationKind, Period, Planner,
    QuietHours, Recipient,
};
use asistent_core::policy::Policy;
use asistent_core::rights::facts::{Family, Relation, Relationship, SchoolLevel, Student};
use asistent_core::rights::Facts;
use asistent_core::services::{Chooser, Registration, RegistrationEvent, Service};

const COUNTRY: u64 = 265_000;
const SUBJECTS: [&str; 8] = [
    "matematika",
    "slovenščina",
    "angleščina",
    "fizika",
    "kemija",
    "biologija",
    "zgodovina",
    "geografija",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn school_days(cal: &Calendar, year: SchoolYear) -> Vec<NaiveDate> {
    let last = cal.last_lesson_day(year, false);
    let mut d = year.first_day();
    let mut out = Vec::new();
    while d <= last {
        if cal.is_working_day(d).unwrap() {
            out.push(d);
        }
        d += Duration::days(1);
    }
    out
}

struct Student1 {
    household: Household,
    facts: Facts,
    events: Vec<Event>,
}

fn student(i: u64, days: &[NaiveDate], policy: &Policy) -> Student1 {
    let sid = StudentId::new(format!("s{i}")).unwrap();
    let mama = GuardianId::new(format!("g{i}a")).unwrap();
    let oce = GuardianId::new(format!("g{i}b")).unwrap();
    let mut m = Recipient::guardian(
        mama.clone(),
        Mode::Daily,
        vec![Channel::Email, Channel::Sms],
    );
    m.email = Some("mama@example.si".into());
    m.phone = Some("+38640000000".into());
    m.quiet_hours = Some(QuietHours {
        from: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        until: NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
    });
    let mut o = Recipient::guardian(oce.clone(), Mode::Weekly, vec![Channel::Email]);
    o.email = Some("oce@example.si".into());
    let (reg, _) = Registration::register(
        mama.clone(),
        sid.clone(),
        SchoolId::new("os").unwrap(),
        Service::ZaStarse,
        Chooser::LegalRepresentative,
        days[0],
    )
    .unwrap();
    let (reg, _) = reg
        .apply(
            &RegistrationEvent::Pay {
                school_year: SchoolYear::containing(days[0]).unwrap(),
            },
            days[0],
            policy,
        )
        .unwrap();
    let mut family = Family::new(Student {
        id: sid.clone(),
        birth_date: NaiveDate::from_ymd_opt(2014, 1, 1).unwrap() + Duration::days((i % 365) as i64),
        class: None,
        level: SchoolLevel::Primary,
    });
    family
        .relations
        .push(Relation::new(mama.clone(), Relationship::Parent));
    family
        .relations
        .push(Relation::new(oce.clone(), Relationship::Parent));
    let facts = Facts::new(vec![family], vec![], vec![]).unwrap();

    let mut rng = Rng(i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut events = Vec::with_capacity(240);
    let mut id = 0u64;
    let last = *days.last().unwrap();
    for &day in days {
        let at = |h: u64, m: u64| {
            calendar::local_instant(day, NaiveTime::from_hms_opt(h as u32, m as u32, 0).unwrap())
        };
        let mut push = |entered_at, kind| {
            id += 1;
            events.push(Event {
                id: EventId(id),
                student: sid.clone(),
                entered_at,
                kind,
            });
        };
        if rng.below(100) < 25 {
            push(
                at(8 + rng.below(6), rng.below(60)),
                EventKind::Absence {
                    date: day,
                    lessons: 1 + rng.below(6) as u32,
                },
            );
        }
        if rng.below(100) < 35 {
            push(
                at(8 + rng.below(7), rng.below(60)),
                EventKind::Grade {
                    subject: SUBJECTS[rng.below(8) as usize].to_owned(),
                    grade: 1 + rng.below(5) as u8,
                },
            );
        }
        if rng.below(100) < 20 {
            let entered = at(8 + rng.below(13), rng.below(60));
            push(
                entered,
                EventKind::Observation {
                    observation: ObservationKind::Praise,
                    text: "Zelo dobro sodeluje pri pouku.".to_owned(),
                    lesson_closed_at: Some(entered + Duration::minutes(rng.below(45) as i64)),
                },
            );
        }
        if rng.below(100) < 35 {
            let date = (day + Duration::days(3 + rng.below(33) as i64)).min(last);
            let date = match date.weekday() {
                Weekday::Sat => date - Duration::days(1),
                Weekday::Sun => date - Duration::days(2),
                _ => date,
            };
            push(
                at(10 + rng.below(6), rng.below(60)),
                EventKind::AnnouncedAssessment {
                    subject: SUBJECTS[rng.below(8) as usize].to_owned(),
                    date,
                },
            );
        }
    }
    Student1 {
        household: Household {
            recipients: vec![m, o],
            children: vec![Child {
                student: sid,
                name: "Ana".into(),
                registration: reg,
                recipients: vec![mama, oce],
            }],
        },
        facts,
        events,
    }
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let n: u64 = std::env::var("ASISTENT_BENCH_STUDENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let year = SchoolYear::starting(2026).unwrap();
    let days = school_days(&cal, year);
    let period = Period::school_year(year);

    // Baseline: generate and touch every event.
    let t0 = Instant::now();
    let mut events = 0u64;
    let mut touched = 0u64;
    for i in 0..n {
        let s = student(i, &days, &policy);
        events += s.events.len() as u64;
        for e in &s.events {
            touched = touched.wrapping_add(e.id.0 ^ e.entered_at.timestamp() as u64);
        }
        black_box(&s.household);
    }
    let base = t0.elapsed().as_secs_f64();
    black_box(touched);

    // Plan: generate the same and plan the school year.
    let t1 = Instant::now();
    let (mut notices, mut sms_segments, mut chars) = (0u64, 0u64, 0u64);
    for i in 0..n {
        let s = student(i, &days, &policy);
        let plan = Planner::new(&policy, &cal, &s.facts)
            .plan(&s.household, &s.events, period)
            .unwrap();
        notices += plan.notices.len() as u64;
        for notice in &plan.notices {
            chars += notice.text.len() as u64;
            if let Some(c) = &notice.sms {
                sms_segments += u64::from(c.count.segments);
            }
        }
    }
    let with_plan = t1.elapsed().as_secs_f64();
    let planning = (with_plan - base).max(f64::EPSILON);
    let per_sec = events as f64 / planning;
    let scale = COUNTRY as f64 / n as f64;
    println!("notify planner, school year {year}, {n} students ({events} events, {notices} notices, {sms_segments} SMS segments, {chars} bytes of text)");
    println!("baseline (generate + bare pass): {base:.3} s");
    println!(
        "generate + plan:                 {with_plan:.3} s  (ratio {:.2}× the baseline)",
        with_plan / base
    );
    println!(
        "planning alone:                  {planning:.3} s  = {:.2} million events/s on one core",
        per_sec / 1e6
    );
    println!(
        "country of {COUNTRY} students (×{scale:.1}): ~{:.1} million events, ~{:.0} million notices, planning ~{:.0} s",
        events as f64 * scale / 1e6,
        notices as f64 * scale / 1e6,
        planning * scale
    );
    println!(
        "peak memory (VmHWM): {:.1} MiB",
        peak_rss_kib() as f64 / 1024.0
    );
}
