//! The notification planner (R-E1 … R-E7, R-C3, R-C7, R-A10) as a school's sender meets
//! it: one family's November 2026 in daily and weekly mode, the rules one by one, bad
//! input as typed errors, and properties over random events.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fmt::Write;

use asistent_core::calendar::{self, Calendar, SchoolYear};
use asistent_core::chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use asistent_core::ids::{GuardianId, SchoolId, StudentId};
use asistent_core::notify::{
    item_of, Addressee, Channel, Child, Event, EventId, EventKind, Household, Language, Mode,
    Notice, NoticeKind, NotifyError, ObservationKind, Period, Plan, Planner, QuietHours, Recipient,
};
use asistent_core::policy::Policy;
use asistent_core::rights::facts::{
    AdultStatement, AdultStatementKind, Family, Relation, Relationship, SchoolLevel, Student,
};
use asistent_core::rights::{Category, CourtDecision, CourtEffect, Facts};
use asistent_core::rules::RuleId;
use asistent_core::services::{Chooser, Registration, RegistrationEvent, Service};
use asistent_core::visibility::{visible_from, Context, Viewer};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// A local (Ljubljana) wall-clock instant.
fn at(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    calendar::local_instant(date, t(h, m))
}

fn ana() -> StudentId {
    StudentId::new("ana").unwrap()
}
fn mama() -> GuardianId {
    GuardianId::new("mama").unwrap()
}
fn oce() -> GuardianId {
    GuardianId::new("oce").unwrap()
}

fn registration(service: Service, paid: bool) -> Registration {
    let policy = Policy::default();
    let (reg, _) = Registration::register(
        mama(),
        ana(),
        SchoolId::new("os-prule").unwrap(),
        service,
        Chooser::LegalRepresentative,
        d(2026, 9, 1),
    )
    .unwrap();
    if !paid {
        return reg;
    }
    reg.apply(
        &RegistrationEvent::Pay {
            school_year: SchoolYear::starting(2026).unwrap(),
        },
        d(2026, 9, 5),
        &policy,
    )
    .unwrap()
    .0
}

fn family_facts(court: Option<CourtDecision>) -> Facts {
    let mut family = Family::new(Student {
        id: ana(),
        birth_date: d(2014, 3, 9),
        class: None,
        level: SchoolLevel::Primary,
    });
    family
        .relations
        .push(Relation::new(mama(), Relationship::Parent));
    family
        .relations
        .push(Relation::new(oce(), Relationship::Parent));
    family.court_decisions.extend(court);
    Facts::new(vec![family], vec![], vec![]).unwrap()
}

/// Mama: daily, email and SMS, quiet hours 22:00–07:00. Oče: weekly, email, in English.
fn household(service: Service, paid: bool) -> Household {
    let mut mama_r = Recipient::guardian(mama(), Mode::Daily, vec![Channel::Email, Channel::Sms]);
    mama_r.email = Some("mama@example.si".into());
    mama_r.phone = Some("+38640111222".into());
    mama_r.quiet_hours = Some(QuietHours {
        from: t(22, 0),
        until: t(7, 0),
    });
    let mut oce_r = Recipient::guardian(oce(), Mode::Weekly, vec![Channel::Email]);
    oce_r.email = Some("oce@example.si".into());
    oce_r.language = Language::En;
    Household {
        recipients: vec![mama_r, oce_r],
        children: vec![Child {
            student: ana(),
            name: "Ana".into(),
            registration: registration(service, paid),
            recipients: vec![mama(), oce()],
        }],
    }
}

fn ev(id: u64, entered_at: DateTime<Utc>, kind: EventKind) -> Event {
    Event {
        id: EventId(id),
        student: ana(),
        entered_at,
        kind,
    }
}

/// Ana's November 2026 (and the weeks around it).
fn november() -> Vec<Event> {
    vec![
        ev(
            1,
            at(d(2026, 11, 12), 10, 5),
            EventKind::Absence {
                date: d(2026, 11, 12),
                lessons: 2,
            },
        ),
        ev(
            2,
            at(d(2026, 11, 13), 8, 0),
            EventKind::Absence {
                date: d(2026, 11, 13),
                lessons: 1,
            },
        ),
        ev(
            3,
            at(d(2026, 11, 16), 11, 0),
            EventKind::Grade {
                subject: "matematika".into(),
                grade: 5,
            },
        ),
        ev(
            4,
            at(d(2026, 11, 20), 9, 30),
            EventKind::Grade {
                subject: "slovenščina".into(),
                grade: 3,
            },
        ),
        ev(
            5,
            at(d(2026, 11, 17), 9, 40),
            EventKind::Observation {
                observation: ObservationKind::Praise,
                text: "Odlično je predstavila referat o Prešernu in odgovorila na vsa vprašanja."
                    .into(),
                lesson_closed_at: Some(at(d(2026, 11, 17), 9, 45)),
            },
        ),
        ev(
            6,
            at(d(2026, 11, 24), 21, 50),
            EventKind::Observation {
                observation: ObservationKind::Observation,
                text: "Pozabila je športno opremo".into(),
                lesson_closed_at: Some(at(d(2026, 11, 24), 22, 30)),
            },
        ),
        ev(
            7,
            at(d(2026, 11, 25), 10, 0),
            EventKind::Observation {
                observation: ObservationKind::Comment,
                text: "Ura še ni zaključena".into(),
                lesson_closed_at: None,
            },
        ),
        ev(
            8,
            at(d(2026, 11, 10), 14, 0),
            EventKind::AnnouncedAssessment {
                subject: "matematika".into(),
                date: d(2026, 11, 26),
            },
        ),
        ev(
            9,
            at(d(2026, 11, 18), 12, 0),
            EventKind::AnnouncedAssessment {
                subject: "kemija".into(),
                date: d(2026, 12, 10),
            },
        ),
    ]
}

fn november_period() -> Period {
    Period {
        from: d(2026, 11, 1),
        until: d(2026, 11, 30),
    }
}

fn plan_with(household: &Household, facts: &Facts, events: &[Event], policy: &Policy) -> Plan {
    let cal = Calendar::new(policy);
    Planner::new(policy, &cal, facts)
        .plan(household, events, november_period())
        .unwrap()
}

fn plan_november(service: Service, paid: bool) -> Plan {
    plan_with(
        &household(service, paid),
        &family_facts(None),
        &november(),
        &Policy::default(),
    )
}

fn show(plan: &Plan, who: &GuardianId) -> String {
    let mut out = String::new();
    for n in plan.notices.iter().filter(|n| &n.recipient == who) {
        let local = n.send_at.with_timezone(&calendar::ZONE);
        write!(
            out,
            "{} {} {:<5} {:<17} items {:?}",
            local.format("%a %Y-%m-%d %H:%M"),
            n.recipient,
            n.channel.code(),
            n.kind.code(),
            n.items.iter().map(|i| i.0).collect::<Vec<_>>()
        )
        .unwrap();
        if n.due_at != n.send_at {
            let due = n.due_at.with_timezone(&calendar::ZONE);
            write!(out, " (due {}, quiet hours)", due.format("%a %H:%M")).unwrap();
        }
        if let Some(sms) = &n.sms {
            write!(
                out,
                " [{} × {} = {} EUR]",
                sms.count.segments, sms.count.encoding, sms.total
            )
            .unwrap();
        }
        writeln!(out, "\n    {}", n.text).unwrap();
    }
    for w in plan
        .withheld
        .iter()
        .filter(|w| w.recipient == Addressee::Guardian(who.clone()))
    {
        writeln!(
            out,
            "withheld: {} {} {} items by {}",
            w.recipient,
            w.category.code(),
            w.items,
            w.reason
        )
        .unwrap();
    }
    out
}

#[test]
fn r_e2_a_familys_november_in_daily_mode() {
    let plan = plan_november(Service::ZaStarse, true);
    insta::assert_snapshot!(show(&plan, &mama()));
}

#[test]
fn r_e3_a_familys_november_in_weekly_mode() {
    let plan = plan_november(Service::ZaStarse, true);
    insta::assert_snapshot!(show(&plan, &oce()));
}

#[test]
fn r_e2_daily_timing_of_each_kind() {
    let plan = plan_november(Service::Popolni, true);
    let email = |id: u64| {
        plan.notices
            .iter()
            .filter(|n| n.recipient == mama() && n.channel == Channel::Email)
            .filter(|n| n.items.contains(&EventId(id)))
            .map(|n| n.send_at)
            .collect::<Vec<_>>()
    };
    // Absence entered Thursday → Friday 16:00; entered Friday → Monday 16:00.
    assert_eq!(email(1), [at(d(2026, 11, 13), 16, 0)]);
    assert_eq!(email(2), [at(d(2026, 11, 16), 16, 0)]);
    // Grade entered on Monday 16th: D+3 is Thursday 19th (calendar days, R-D1).
    assert_eq!(email(3), [at(d(2026, 11, 19), 16, 0)]);
    assert_eq!(email(4), [at(d(2026, 11, 23), 16, 0)]);
    // Praise: as soon as the lesson is closed.
    assert_eq!(email(5), [at(d(2026, 11, 17), 9, 45)]);
    // Not closed: nothing (R-D5), counted as withheld.
    assert!(email(7).is_empty());
    assert!(plan
        .withheld
        .iter()
        .any(|w| w.reason == RuleId::D5 && w.category == Category::PraiseAndComments));
    // The assessment of the 26th: in the digests of Fridays 13 and 20 (entered on the
    // 10th, after the digest of the 6th); the chemistry test of 10 December in those of
    // 20 and 27 November (and 4 December, outside the period).
    assert_eq!(
        email(8),
        [at(d(2026, 11, 13), 16, 0), at(d(2026, 11, 20), 16, 0)]
    );
    assert_eq!(
        email(9),
        [at(d(2026, 11, 20), 16, 0), at(d(2026, 11, 27), 16, 0)]
    );
}

/// Mama's email notices of grades in November and December, each as (items, send).
fn grade_emails(events: &[Event], policy: &Policy) -> Vec<(Vec<EventId>, DateTime<Utc>)> {
    let cal = Calendar::new(policy);
    let facts = family_facts(None);
    let period = Period {
        from: d(2026, 11, 1),
        until: d(2026, 12, 31),
    };
    Planner::new(policy, &cal, &facts)
        .plan(&household(Service::ZaStarse, true), events, period)
        .unwrap()
        .notices
        .into_iter()
        .filter(|n| {
            n.recipient == mama() && n.channel == Channel::Email && n.kind == NoticeKind::Grades
        })
        .map(|n| (n.items, n.send_at))
        .collect()
}

#[test]
fn r_e2_r_d1_grades_go_out_on_d_plus_3_also_on_weekends_and_holidays() {
    let grade = |id: u64, entered: NaiveDate| {
        ev(
            id,
            at(entered, 10, 0),
            EventKind::Grade {
                subject: "matematika".into(),
                grade: 4,
            },
        )
    };
    let events = vec![
        // Wednesday 18 November → Saturday 21 November.
        grade(1, d(2026, 11, 18)),
        // Thursday 19 November → Sunday 22 November.
        grade(2, d(2026, 11, 19)),
        // Tuesday 22 December → Friday 25 December, Christmas (work-free).
        grade(3, d(2026, 12, 22)),
    ];
    assert_eq!(d(2026, 11, 18).weekday(), Weekday::Wed);
    // R-D1 / R-E2 (seed 001:76, 79-80): the notice comes with the grade's visibility
    // after 3 calendar days, at the daily hour — on a Saturday, Sunday or holiday too.
    assert_eq!(
        grade_emails(&events, &Policy::default()),
        [
            (vec![EventId(1)], at(d(2026, 11, 21), 16, 0)),
            (vec![EventId(2)], at(d(2026, 11, 22), 16, 0)),
            (vec![EventId(3)], at(d(2026, 12, 25), 16, 0)),
        ]
    );
    // The policy's working-days switch (R-D1) moves visibility and notice together: the
    // third working day after Wednesday 18 November is Monday 23 November; after
    // Tuesday 22 December (25 and 26 December work-free, then a weekend and the winter
    // holidays of the calendar) the notice follows the visibility engine's day.
    let working =
        Policy::from_json(r#"{"visibility": {"grade_delay_counts": "working"}}"#).unwrap();
    let cal = Calendar::new(&working);
    let sent = grade_emails(&events, &working);
    assert_eq!(sent[0], (vec![EventId(1)], at(d(2026, 11, 23), 16, 0)));
    assert_eq!(sent[1], (vec![EventId(2)], at(d(2026, 11, 24), 16, 0)));
    assert_eq!(
        sent[2],
        (
            vec![EventId(3)],
            at(cal.add_working_days(d(2026, 12, 22), 3).unwrap(), 16, 0)
        )
    );
}

#[test]
fn homework_and_remarks_have_no_notice_and_are_not_counted_as_withheld() {
    // Seed 001:73-77 lists the notices: absences, observations on work and behaviour,
    // grades and announced assessments. The planner has no event kind for homework or
    // remarks, so they can never become a notice — nor a withheld count.
    for kind in ["homework", "remark", "remarks"] {
        let json = format!(
            r#"{{"id": 1, "student": "ana", "entered_at": "2026-11-18T09:00:00Z", "kind": "{kind}"}}"#
        );
        let err = serde_json::from_str::<Event>(&json)
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown variant"), "{kind}: {err}");
    }
    let plan = plan_november(Service::Popolni, true);
    assert!(!plan.notices.is_empty());
    for category in [Category::Homework, Category::Remarks] {
        assert!(plan.withheld.iter().all(|w| w.category != category));
    }
    let kinds = [
        EventKind::Absence {
            date: d(2026, 11, 18),
            lessons: 1,
        },
        EventKind::Grade {
            subject: "fizika".into(),
            grade: 5,
        },
        EventKind::Observation {
            observation: ObservationKind::Comment,
            text: "Pozabil copate.".into(),
            lesson_closed_at: None,
        },
        EventKind::AnnouncedAssessment {
            subject: "fizika".into(),
            date: d(2026, 11, 30),
        },
    ];
    assert_eq!(
        kinds.iter().map(EventKind::category).collect::<Vec<_>>(),
        [
            Category::Absences,
            Category::Grades,
            Category::PraiseAndComments,
            Category::AnnouncedAssessments
        ]
    );
}

#[test]
fn r_e3_weekly_summaries_on_wednesdays_and_digests_still_on_fridays() {
    let plan = plan_november(Service::ZaStarse, true);
    for n in plan.notices.iter().filter(|n| n.recipient == oce()) {
        let day = calendar::local_date(n.send_at).weekday();
        match n.kind {
            NoticeKind::WeeklySummary => assert_eq!(day, Weekday::Wed, "{n:?}"),
            NoticeKind::AssessmentDigest => assert_eq!(day, Weekday::Fri, "{n:?}"),
            other => panic!("weekly mode sent a {other:?}"),
        }
    }
    let summary = plan
        .notices
        .iter()
        .find(|n| n.recipient == oce() && n.kind == NoticeKind::WeeklySummary)
        .unwrap();
    assert!(summary.reasons.contains(RuleId::E3));
}

#[test]
fn r_e1_each_parent_has_their_own_mode() {
    let plan = plan_november(Service::ZaStarse, true);
    let kinds = |g: &GuardianId| {
        let mut k: Vec<_> = plan
            .notices
            .iter()
            .filter(|n| &n.recipient == g)
            .map(|n| n.kind)
            .collect();
        k.dedup();
        k.sort();
        k.dedup();
        k
    };
    assert_eq!(
        kinds(&mama()),
        [
            NoticeKind::Absences,
            NoticeKind::Observations,
            NoticeKind::Grades,
            NoticeKind::AssessmentDigest
        ]
    );
    assert_eq!(
        kinds(&oce()),
        [NoticeKind::WeeklySummary, NoticeKind::AssessmentDigest]
    );
    assert!(plan.notices[0].reasons.contains(RuleId::E1));
}

#[test]
fn r_c3_r_e6_both_guardians_get_every_notice() {
    let mut h = household(Service::ZaStarse, true);
    h.recipients[1].mode = Mode::Daily;
    h.recipients[0].quiet_hours = None;
    let plan = plan_with(&h, &family_facts(None), &november(), &Policy::default());
    let items = |g: &GuardianId| {
        let mut v: Vec<_> = plan
            .notices
            .iter()
            .filter(|n| &n.recipient == g && n.channel == Channel::Email)
            .map(|n| (n.send_at, n.kind, n.items.clone()))
            .collect();
        v.sort();
        v
    };
    assert!(!items(&mama()).is_empty());
    assert_eq!(items(&mama()), items(&oce()));
}

#[test]
fn r_c7_r_e6_nothing_outside_the_paid_school_year() {
    let plan = plan_november(Service::ZaStarse, false);
    assert!(plan.notices.is_empty());
    assert!(plan
        .withheld
        .iter()
        .all(|w| w.reason == RuleId::C7 || w.reason == RuleId::D5));
    assert!(plan.withheld.iter().any(|w| w.reason == RuleId::C7));
}

/// R-C7, R-E6: a re-plan of November (or its SMS cost report) made after the service
/// changed to MINIMALNI on 1 December keeps November's notices: they follow the service
/// in force on each day, not the one chosen since.
#[test]
fn r_c7_r_e6_a_re_plan_after_a_later_change_of_service_keeps_its_notices() {
    let before = plan_november(Service::ZaStarse, true);
    assert!(!before.notices.is_empty());
    let mut h = household(Service::ZaStarse, true);
    let child = &mut h.children[0];
    child.registration = child
        .registration
        .apply(
            &RegistrationEvent::ChangeService {
                service: Service::Minimalni,
                chooser: Chooser::LegalRepresentative,
            },
            d(2026, 12, 1),
            &Policy::default(),
        )
        .unwrap()
        .0;
    let after = plan_with(&h, &family_facts(None), &november(), &Policy::default());
    assert_eq!(after, before);
    assert_eq!(after.sent_sms(), before.sent_sms());

    // The other way: MINIMALNI in November, ZA STARŠE from 1 December, paid on the 2nd —
    // November's plan, withheld reasons included, is what it was before the change.
    let policy = Policy::default();
    let before = plan_november(Service::Minimalni, false);
    let mut h = household(Service::Minimalni, false);
    let child = &mut h.children[0];
    let (reg, _) = child
        .registration
        .apply(
            &RegistrationEvent::ChangeService {
                service: Service::ZaStarse,
                chooser: Chooser::LegalRepresentative,
            },
            d(2026, 12, 1),
            &policy,
        )
        .unwrap();
    let (reg, _) = reg
        .apply(
            &RegistrationEvent::Pay {
                school_year: SchoolYear::starting(2026).unwrap(),
            },
            d(2026, 12, 2),
            &policy,
        )
        .unwrap();
    child.registration = reg;
    let after = plan_with(&h, &family_facts(None), &november(), &policy);
    assert!(before.notices.is_empty() && after.notices.is_empty());
    assert!(!before.withheld.is_empty());
    assert_eq!(after.withheld, before.withheld);
}

/// R-C2, R-C7, R-E5, R-E6: ZA UČENCE paid, changed to ZA STARŠE on 16 November and the
/// 0.00 still due paid on 17 November: the parents get November's notices from then on.
#[test]
fn r_c7_r_e5_za_ucence_to_za_starse_within_the_paid_year_sends_from_the_payment_on() {
    let policy = Policy::default();
    let mut h = household(Service::ZaUcence, true);
    let child = &mut h.children[0];
    let (reg, _) = child
        .registration
        .apply(
            &RegistrationEvent::ChangeService {
                service: Service::ZaStarse,
                chooser: Chooser::LegalRepresentative,
            },
            d(2026, 11, 16),
            &policy,
        )
        .unwrap();
    let year = SchoolYear::starting(2026).unwrap();
    assert_eq!(
        reg.amount_due(year, &policy),
        Ok(asistent_core::rust_decimal::Decimal::ZERO)
    );
    let (reg, _) = reg
        .apply(
            &RegistrationEvent::Pay { school_year: year },
            d(2026, 11, 17),
            &policy,
        )
        .unwrap();
    child.registration = reg;
    let plan = plan_with(&h, &family_facts(None), &november(), &policy);
    assert!(!plan.notices.is_empty());
    assert!(plan
        .notices
        .iter()
        .all(|n| n.send_at >= at(d(2026, 11, 17), 0, 0)));
    assert!(plan.withheld.iter().any(|w| w.reason == RuleId::C7));
}

#[test]
fn r_e5_students_and_parents_without_za_starse_get_no_notices() {
    // A student as a recipient: nothing by email or SMS (R-E5).
    let mut h = household(Service::Popolni, true);
    let mut student = Recipient::guardian(mama(), Mode::Daily, vec![Channel::Email]);
    student.who = Addressee::Student(ana());
    student.email = Some("ana@example.si".into());
    h.recipients.push(student);
    let plan = plan_with(&h, &family_facts(None), &november(), &Policy::default());
    assert!(plan
        .notices
        .iter()
        .all(|n| n.recipient != GuardianId::new("ana").unwrap()));
    let held: Vec<_> = plan
        .withheld
        .iter()
        .filter(|w| w.recipient == Addressee::Student(ana()))
        .collect();
    assert!(held.iter().all(|w| w.reason == RuleId::E5));
    assert!(held.iter().any(|w| w.category == Category::Grades));
    assert!(held
        .iter()
        .any(|w| w.category == Category::AnnouncedAssessments));
    // ZA UČENCE alone: the parents get nothing either.
    let plan = plan_november(Service::ZaUcence, true);
    assert!(plan.notices.is_empty());
    assert!(plan.withheld.iter().all(|w| w.reason == RuleId::E5));
}

#[test]
fn r_e6_a_guardian_without_the_right_gets_nothing_of_that_category() {
    let court = CourtDecision {
        reference: "IV P 1234/2026".into(),
        date: d(2026, 10, 1),
        final_on: Some(d(2026, 10, 20)),
        until: None,
        parent: oce(),
        effect: CourtEffect::RestrictsCategories {
            categories: vec![Category::Absences],
        },
    };
    let mut h = household(Service::ZaStarse, true);
    h.recipients[1].mode = Mode::Daily;
    let plan = plan_with(
        &h,
        &family_facts(Some(court)),
        &november(),
        &Policy::default(),
    );
    assert!(plan
        .notices
        .iter()
        .any(|n| n.recipient == oce() && n.kind == NoticeKind::Grades));
    assert!(!plan
        .notices
        .iter()
        .any(|n| n.recipient == oce() && n.kind == NoticeKind::Absences));
    assert!(plan
        .notices
        .iter()
        .any(|n| n.recipient == mama() && n.kind == NoticeKind::Absences));
    assert!(plan
        .withheld
        .iter()
        .any(|w| w.recipient == Addressee::Guardian(oce())
            && w.category == Category::Absences
            && w.reason == RuleId::F4
            && w.items == 2));
}

/// A final court decision restricting mama's access to grades from `final_on`.
fn grades_restricted_from(final_on: NaiveDate) -> CourtDecision {
    CourtDecision {
        reference: "IV P 77/2026".into(),
        date: final_on - asistent_core::chrono::Duration::days(10),
        final_on: Some(final_on),
        until: None,
        parent: mama(),
        effect: CourtEffect::RestrictsCategories {
            categories: vec![Category::Grades],
        },
    }
}

fn plan_for(h: &Household, facts: &Facts, events: &[Event], period: Period) -> Plan {
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    Planner::new(&policy, &cal, facts)
        .plan(h, events, period)
        .unwrap()
}

#[test]
fn r_e6_r_f2_r_f4_a_notice_due_before_a_rights_change_goes_out_whatever_the_periods_end() {
    // Grade entered Monday 2 November 2026: due Thursday 5 November at 16:00. A court
    // decision restricting mama's access to grades becomes final on 20 November (R-F2,
    // R-F4): rights are judged on the send day, so the notice of the 5th goes out in the
    // plan for the whole month as in the plan for its first ten days (R-E6).
    let facts = family_facts(Some(grades_restricted_from(d(2026, 11, 20))));
    let h = household(Service::ZaStarse, true);
    let events = vec![
        ev(
            1,
            at(d(2026, 11, 2), 10, 0),
            EventKind::Grade {
                subject: "matematika".into(),
                grade: 4,
            },
        ),
        ev(
            2,
            at(d(2026, 11, 23), 10, 0),
            EventKind::Grade {
                subject: "kemija".into(),
                grade: 2,
            },
        ),
    ];
    let grade_days = |plan: &Plan| -> Vec<(NaiveDate, Vec<EventId>)> {
        plan.notices
            .iter()
            .filter(|n| n.recipient == mama() && n.channel == Channel::Email)
            .map(|n| (calendar::local_date(n.send_at), n.items.clone()))
            .collect()
    };
    for until in [d(2026, 11, 10), d(2026, 11, 30)] {
        let plan = plan_for(
            &h,
            &facts,
            &events,
            Period {
                from: d(2026, 11, 1),
                until,
            },
        );
        assert_eq!(
            grade_days(&plan),
            vec![(d(2026, 11, 5), vec![EventId(1)])],
            "period until {until}"
        );
    }
    // The grade of the 23rd (due the 26th, after the decision became final) is withheld.
    let plan = plan_for(&h, &facts, &events, november_period());
    assert!(plan
        .withheld
        .iter()
        .any(|w| w.recipient == Addressee::Guardian(mama())
            && w.category == Category::Grades
            && w.items == 1));
}

#[test]
fn r_f2_a_relation_ending_mid_period_does_not_hold_back_earlier_notices() {
    // Oče's relation ends on 15 November (R-F2: he is no longer a guardian): the absence
    // notice of Friday 13 November still reaches him in the plan for the whole month.
    let mut facts_family = Family::new(Student {
        id: ana(),
        birth_date: d(2014, 3, 9),
        class: None,
        level: SchoolLevel::Primary,
    });
    facts_family
        .relations
        .push(Relation::new(mama(), Relationship::Parent));
    let mut rel = Relation::new(oce(), Relationship::Parent);
    rel.until = Some(d(2026, 11, 15));
    facts_family.relations.push(rel);
    let facts = Facts::new(vec![facts_family], vec![], vec![]).unwrap();
    let mut h = household(Service::ZaStarse, true);
    h.recipients[1].mode = Mode::Daily;
    let events = vec![ev(
        1,
        at(d(2026, 11, 12), 10, 0),
        EventKind::Absence {
            date: d(2026, 11, 12),
            lessons: 1,
        },
    )];
    for until in [d(2026, 11, 14), d(2026, 11, 30)] {
        let plan = plan_for(
            &h,
            &facts,
            &events,
            Period {
                from: d(2026, 11, 1),
                until,
            },
        );
        assert!(
            plan.notices
                .iter()
                .any(|n| n.recipient == oce() && n.kind == NoticeKind::Absences),
            "period until {until}: {plan:?}"
        );
    }
}

/// A ZA STARŠE registration from 1 September 2025 with the given school years paid.
fn registration_from_2025(paid: &[i32]) -> Registration {
    let policy = Policy::default();
    let (mut reg, _) = Registration::register(
        mama(),
        ana(),
        SchoolId::new("os-prule").unwrap(),
        Service::ZaStarse,
        Chooser::LegalRepresentative,
        d(2025, 9, 1),
    )
    .unwrap();
    for &y in paid {
        reg = reg
            .apply(
                &RegistrationEvent::Pay {
                    school_year: SchoolYear::starting(y).unwrap(),
                },
                d(2025, 9, 5),
                &policy,
            )
            .unwrap()
            .0;
    }
    reg
}

/// Entered at the end of 2025/26, due at the start of 2026/27.
fn year_boundary_events() -> Vec<Event> {
    vec![
        // Monday 31 August 2026: due Tuesday 1 September (R-E2, R-D4).
        ev(
            1,
            at(d(2026, 8, 31), 10, 0),
            EventKind::Absence {
                date: d(2026, 8, 31),
                lessons: 2,
            },
        ),
        // Sunday 30 August 2026: D+3 is Wednesday 2 September (R-D1, R-E2).
        ev(
            2,
            at(d(2026, 8, 30), 18, 0),
            EventKind::Grade {
                subject: "matematika".into(),
                grade: 5,
            },
        ),
        // Announced on Friday 28 August for 10 September: in the digests of 28 August
        // (2025/26) and of 4 September (2026/27).
        ev(
            3,
            at(d(2026, 8, 28), 12, 0),
            EventKind::AnnouncedAssessment {
                subject: "kemija".into(),
                date: d(2026, 9, 10),
            },
        ),
    ]
}

#[test]
fn r_e2_r_d1_r_e3_notices_due_in_the_next_school_year_go_out_in_its_plan() {
    let facts = family_facts(None);
    let mut h = household(Service::ZaStarse, true);
    h.children[0].registration = registration_from_2025(&[2025, 2026]);
    let events = year_boundary_events();
    // The 2025/26 plan: only the digest of Friday 28 August; the rest is due after its
    // period.
    let old = plan_for(
        &h,
        &facts,
        &events,
        Period::school_year(SchoolYear::starting(2025).unwrap()),
    );
    assert!(!old.notices.is_empty());
    assert!(old
        .notices
        .iter()
        .all(|n| n.kind == NoticeKind::AssessmentDigest
            && calendar::local_date(n.send_at) == d(2026, 8, 28)));
    // The 2026/27 plan takes the events of 2025/26 and sends what falls in its period.
    let new = plan_for(
        &h,
        &facts,
        &events,
        Period {
            from: d(2026, 9, 1),
            until: d(2026, 9, 30),
        },
    );
    let got: Vec<_> = new
        .notices
        .iter()
        .filter(|n| n.channel == Channel::Email)
        .map(|n| {
            (
                n.recipient.as_str().to_owned(),
                n.kind,
                calendar::local_date(n.send_at),
                n.items.clone(),
            )
        })
        .collect();
    let e = |i: u64| vec![EventId(i)];
    assert_eq!(
        got,
        vec![
            ("mama".into(), NoticeKind::Absences, d(2026, 9, 1), e(1)),
            ("mama".into(), NoticeKind::Grades, d(2026, 9, 2), e(2)),
            // R-E3: oče's weekly summary of Wednesday 2 September carries both, in
            // entry order.
            (
                "oce".into(),
                NoticeKind::WeeklySummary,
                d(2026, 9, 2),
                vec![EventId(2), EventId(1)]
            ),
            (
                "mama".into(),
                NoticeKind::AssessmentDigest,
                d(2026, 9, 4),
                e(3)
            ),
            (
                "oce".into(),
                NoticeKind::AssessmentDigest,
                d(2026, 9, 4),
                e(3)
            ),
        ]
    );
    assert!(new.withheld.is_empty(), "{:?}", new.withheld);
}

#[test]
fn r_c7_r_e6_notices_of_last_years_events_need_the_send_days_year_paid() {
    // Only 2025/26 paid: the 2026/27 plan accepts the events but sends nothing (R-C7).
    let facts = family_facts(None);
    let mut h = household(Service::ZaStarse, true);
    h.children[0].registration = registration_from_2025(&[2025]);
    let plan = plan_for(
        &h,
        &facts,
        &year_boundary_events(),
        Period::school_year(SchoolYear::starting(2026).unwrap()),
    );
    assert!(plan.notices.is_empty());
    assert!(!plan.withheld.is_empty());
    assert!(plan.withheld.iter().all(|w| w.reason == RuleId::C7));
}

#[test]
fn r_f4_a_court_restriction_is_withheld_under_r_f4_naming_its_rule() {
    // The court restricted mama's access to grades (final 20 November): the grade due on
    // 26 November is withheld with the rule the rights engine denied it by, R-F4.
    let facts = family_facts(Some(grades_restricted_from(d(2026, 11, 20))));
    let events = vec![ev(
        1,
        at(d(2026, 11, 23), 10, 0),
        EventKind::Grade {
            subject: "kemija".into(),
            grade: 2,
        },
    )];
    let plan = plan_for(
        &household(Service::ZaStarse, true),
        &facts,
        &events,
        november_period(),
    );
    let mama_held: Vec<_> = plan
        .withheld
        .iter()
        .filter(|w| w.recipient == Addressee::Guardian(mama()))
        .map(|w| (w.category, w.reason, w.items))
        .collect();
    assert_eq!(mama_held, vec![(Category::Grades, RuleId::F4, 1)]);
}

#[test]
fn r_d12_an_adult_students_objection_is_withheld_under_r_d12() {
    // An adult secondary student objected in writing on 1 October 2026 (R-D12): neither
    // parent is told of her grade, and the withheld count names R-D12.
    let mut family = Family::new(Student {
        id: ana(),
        birth_date: d(2008, 3, 9),
        class: None,
        level: SchoolLevel::Secondary,
    });
    family
        .relations
        .push(Relation::new(mama(), Relationship::Parent));
    family
        .relations
        .push(Relation::new(oce(), Relationship::Parent));
    family.adult_statements.push(AdultStatement {
        date: d(2026, 10, 1),
        kind: AdultStatementKind::Objects,
    });
    let facts = Facts::new(vec![family], vec![], vec![]).unwrap();
    let mut h = household(Service::ZaStarse, true);
    h.recipients[1].mode = Mode::Daily;
    let events = vec![ev(
        1,
        at(d(2026, 11, 2), 10, 0),
        EventKind::Grade {
            subject: "matematika".into(),
            grade: 4,
        },
    )];
    let plan = plan_for(&h, &facts, &events, november_period());
    assert!(plan.notices.is_empty());
    let held: Vec<_> = plan
        .withheld
        .iter()
        .map(|w| (w.recipient.clone(), w.category, w.reason, w.items))
        .collect();
    assert_eq!(
        held,
        vec![
            (
                Addressee::Guardian(mama()),
                Category::Grades,
                RuleId::D12,
                1
            ),
            (Addressee::Guardian(oce()), Category::Grades, RuleId::D12, 1),
        ]
    );
}

#[test]
fn r_d1_grade_notices_name_r_d1_and_absence_notices_do_not_name_r_d4() {
    // R-D1: "its notification comes then too" (D+3). R-D4 says only when absences are
    // visible; their notice's day is R-E2's. A notice names R-D1 exactly when it carries
    // a grade: a daily grade notice, or a weekly summary with a grade among its items.
    let events = november();
    let grade_ids: Vec<_> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Grade { .. }))
        .map(|e| e.id)
        .collect();
    let plan = plan_november(Service::ZaStarse, true);
    let carries_grade = |n: &&Notice| n.items.iter().any(|i| grade_ids.contains(i));
    let grades: Vec<_> = plan
        .notices
        .iter()
        .filter(|n| n.kind == NoticeKind::Grades)
        .collect();
    assert!(!grades.is_empty());
    assert!(grades.iter().all(|n| n.reasons.contains(RuleId::D1)));
    let weekly_with_grade: Vec<_> = plan
        .notices
        .iter()
        .filter(|n| n.kind == NoticeKind::WeeklySummary)
        .filter(carries_grade)
        .collect();
    assert!(!weekly_with_grade.is_empty());
    assert!(weekly_with_grade
        .iter()
        .all(|n| n.reasons.contains(RuleId::D1) && n.reasons.contains(RuleId::E3)));
    assert!(plan
        .notices
        .iter()
        .filter(|n| !carries_grade(n))
        .all(|n| !n.reasons.contains(RuleId::D1)));
    assert!(plan.notices.iter().all(|n| !n.reasons.contains(RuleId::D4)));
}

fn december_period() -> Period {
    Period {
        from: d(2026, 12, 1),
        until: d(2026, 12, 31),
    }
}

/// A September grade and an assessment on Friday 27 November announced on 1 October.
fn grade_and_assessment() -> Vec<Event> {
    vec![
        ev(
            1,
            at(d(2026, 9, 15), 10, 0),
            EventKind::Grade {
                subject: "matematika".into(),
                grade: 4,
            },
        ),
        ev(
            2,
            at(d(2026, 10, 1), 10, 0),
            EventKind::AnnouncedAssessment {
                subject: "fizika".into(),
                date: d(2026, 11, 27),
            },
        ),
    ]
}

#[test]
fn r_e5_withheld_counts_the_notices_a_parent_would_have_had_in_the_period() {
    let facts = family_facts(None);
    let events = grade_and_assessment();
    let held = |plan: &Plan| -> Vec<(Addressee, Category, RuleId, u64)> {
        plan.withheld
            .iter()
            .map(|w| (w.recipient.clone(), w.category, w.reason, w.items))
            .collect()
    };
    // ZA STARŠE: three Friday digests in November (6, 13 and 20 November) to each parent.
    let paid = plan_for(
        &household(Service::ZaStarse, true),
        &facts,
        &events,
        november_period(),
    );
    let digests = |who: GuardianId| {
        paid.notices
            .iter()
            .filter(|n| n.recipient == who && n.channel == Channel::Email)
            .filter(|n| n.kind == NoticeKind::AssessmentDigest)
            .count() as u64
    };
    assert_eq!((digests(mama()), digests(oce())), (3, 3));
    // ZA UČENCE (R-E5): the same three held back from each parent in November; the
    // September grade has no November notice, so it is not counted.
    let h = household(Service::ZaUcence, true);
    let a = Category::AnnouncedAssessments;
    assert_eq!(
        held(&plan_for(&h, &facts, &events, november_period())),
        vec![
            (Addressee::Guardian(mama()), a, RuleId::E5, 3),
            (Addressee::Guardian(oce()), a, RuleId::E5, 3),
        ]
    );
    // December: neither would have a notice, so nothing is withheld.
    assert_eq!(
        held(&plan_for(&h, &facts, &events, december_period())),
        vec![]
    );
    // September: the grade (due Friday 18 September) once to each parent.
    let september = Period {
        from: d(2026, 9, 1),
        until: d(2026, 9, 30),
    };
    let g = Category::Grades;
    assert_eq!(
        held(&plan_for(&h, &facts, &events, september)),
        vec![
            (Addressee::Guardian(mama()), g, RuleId::E5, 1),
            (Addressee::Guardian(oce()), g, RuleId::E5, 1),
        ]
    );
}

#[test]
fn r_d5_a_pending_observation_is_counted_only_in_the_period_it_would_have_gone_out() {
    let facts = family_facts(None);
    let h = household(Service::ZaStarse, true);
    let events = vec![ev(
        7,
        at(d(2026, 11, 25), 10, 0),
        EventKind::Observation {
            observation: ObservationKind::Comment,
            text: "Ura še ni zaključena".into(),
            lesson_closed_at: None,
        },
    )];
    let nov = plan_for(&h, &facts, &events, november_period());
    let held: Vec<_> = nov
        .withheld
        .iter()
        .map(|w| (w.recipient.clone(), w.reason, w.items))
        .collect();
    assert_eq!(
        held,
        vec![
            (Addressee::Guardian(mama()), RuleId::D5, 1),
            (Addressee::Guardian(oce()), RuleId::D5, 1),
        ]
    );
    let dec = plan_for(&h, &facts, &events, december_period());
    assert!(dec.withheld.is_empty(), "{:?}", dec.withheld);
}

#[test]
fn r_e7_absences_skip_holidays_and_delivery_hours_are_policy() {
    // Entered on Thursday 24 December 2026: 25 and 26 December are work-free, then a
    // weekend: the notice goes out on Monday 28 December.
    let events = vec![ev(
        1,
        at(d(2026, 12, 24), 9, 0),
        EventKind::Absence {
            date: d(2026, 12, 24),
            lessons: 5,
        },
    )];
    let mut policy = Policy::from_json(r#"{"notify": {"daily_time": "07:30"}}"#).unwrap();
    let cal = Calendar::new(&policy);
    let facts = family_facts(None);
    let period = Period {
        from: d(2026, 12, 1),
        until: d(2026, 12, 31),
    };
    let h = household(Service::ZaStarse, true);
    let plan = Planner::new(&policy, &cal, &facts)
        .plan(&h, &events, period)
        .unwrap();
    let n = plan.notices.iter().find(|n| n.recipient == mama()).unwrap();
    assert_eq!(n.send_at, at(d(2026, 12, 28), 7, 30));
    assert_eq!(n.text, "mojAsistent: Ana, izostanki: 24. 12. 2026 (5 ur).");
    // The digest covers the 21 days after the Friday (R-E7), a policy value.
    policy.notify.digest_horizon_days = 7;
    assert!(policy.validate().is_ok());
    policy.notify.digest_horizon_days = 0;
    assert_eq!(
        policy.validate().unwrap_err().to_string(),
        "policy field `notify.digest_horizon_days` is invalid: 0 is outside 1–62 (the seeds' three weeks are 21 days)"
    );
    assert_eq!(
        Policy::from_json(r#"{"notify": {"weekly_day": "Thursday", "digest_time": "13:15"}}"#)
            .unwrap()
            .notify
            .weekly_day,
        Weekday::Thu
    );
    assert!(Policy::from_json(r#"{"notify": {"daily_hour": 7}}"#).is_err());
    assert_eq!(Policy::from_json("{}").unwrap(), Policy::default());
}

#[test]
fn r_e7_delivery_hours_are_local_across_the_dst_change() {
    // 16:00 in Ljubljana is 14:00 UTC in summer time and 15:00 UTC after 25 October.
    let h = household(Service::ZaStarse, true);
    let events = vec![
        ev(
            1,
            at(d(2026, 10, 19), 9, 0),
            EventKind::Grade {
                subject: "fizika".into(),
                grade: 4,
            },
        ),
        ev(
            2,
            at(d(2026, 10, 26), 9, 0),
            EventKind::Grade {
                subject: "fizika".into(),
                grade: 2,
            },
        ),
    ];
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let facts = family_facts(None);
    let period = Period {
        from: d(2026, 10, 1),
        until: d(2026, 10, 31),
    };
    let plan = Planner::new(&policy, &cal, &facts)
        .plan(&h, &events, period)
        .unwrap();
    let weekly: Vec<_> = plan
        .notices
        .iter()
        .filter(|n| n.recipient == oce())
        .map(|n| n.send_at.to_rfc3339())
        .collect();
    assert_eq!(weekly, ["2026-10-28T15:00:00+00:00"]);
    let daily: Vec<_> = plan
        .notices
        .iter()
        .filter(|n| n.recipient == mama() && n.channel == Channel::Email)
        .map(|n| n.send_at.to_rfc3339())
        .collect();
    assert_eq!(
        daily,
        ["2026-10-22T14:00:00+00:00", "2026-10-29T15:00:00+00:00"]
    );
}

#[test]
fn quiet_hours_move_a_notice_to_their_end_and_keep_digests_on_their_day() {
    let plan = plan_november(Service::ZaStarse, true);
    // The observation closed at 22:30 on the 24th goes out at 07:00 on the 25th.
    let n = plan
        .notices
        .iter()
        .find(|n| n.recipient == mama() && n.items == [EventId(6)])
        .unwrap();
    assert_eq!(n.due_at, at(d(2026, 11, 24), 22, 30));
    assert_eq!(n.send_at, at(d(2026, 11, 25), 7, 0));
    // Quiet hours 15:00–08:00: the 16:00 digest would move to Saturday; it goes out at
    // 14:59 on Friday instead; a daily grade moves to 08:00 the next day.
    let mut h = household(Service::ZaStarse, true);
    h.recipients[0].quiet_hours = Some(QuietHours {
        from: t(15, 0),
        until: t(8, 0),
    });
    let plan = plan_with(&h, &family_facts(None), &november(), &Policy::default());
    let digest = plan
        .notices
        .iter()
        .find(|n| n.recipient == mama() && n.kind == NoticeKind::AssessmentDigest)
        .unwrap();
    assert_eq!(digest.send_at, at(d(2026, 11, 13), 14, 59));
    let grade = plan
        .notices
        .iter()
        .find(|n| n.recipient == mama() && n.items == [EventId(3)])
        .unwrap();
    assert_eq!(grade.send_at, at(d(2026, 11, 20), 8, 0));
}

#[test]
fn r_a10_r_e4_sms_costs_per_notice_and_a_cost_report() {
    let plan = plan_november(Service::ZaStarse, true);
    let sms: Vec<_> = plan
        .notices
        .iter()
        .filter(|n| n.channel == Channel::Sms)
        .collect();
    assert!(!sms.is_empty());
    assert!(sms.iter().all(|n| n.recipient == mama() && n.sms.is_some()));
    assert!(plan
        .notices
        .iter()
        .filter(|n| n.channel == Channel::Email)
        .all(|n| n.sms.is_none()));
    let report = plan.sms_cost_report(&Policy::default()).unwrap();
    let total: u64 = sms
        .iter()
        .map(|n| u64::from(n.sms.unwrap().count.segments))
        .sum();
    assert_eq!(report.segments, total);
    assert_eq!(report.lines.len(), 1);
    assert_eq!(report.lines[0].month.to_string(), "2026-11");
    assert_eq!(report.total, report.lines[0].cost);
    // Transliterated SMS stay GSM-7 and cost no more.
    let mut h = household(Service::ZaStarse, true);
    h.recipients[0].transliterate_sms = true;
    let cheap = plan_with(&h, &family_facts(None), &november(), &Policy::default());
    let cheap_report = cheap.sms_cost_report(&Policy::default()).unwrap();
    assert!(
        cheap_report.total < report.total,
        "{cheap_report:?} vs {report:?}"
    );
    for n in cheap.notices.iter().filter(|n| n.channel == Channel::Sms) {
        assert!(asistent_core::notify::sms::is_gsm7(&n.text), "{}", n.text);
    }
}

#[test]
fn r_a10_the_plans_cost_report_is_the_report_of_its_sent_sms() {
    let policy = Policy::default();
    let plan = plan_november(Service::Popolni, true);
    let sent = plan.sent_sms();
    assert!(sent.len() > 3);
    assert_eq!(
        plan.sms_cost_report(&policy).unwrap(),
        asistent_core::notify::sms::cost_report(&sent, &policy).unwrap()
    );
    // Interleaved recipients, children and months add up per line.
    let mut mixed = sent.clone();
    mixed.extend(sent.iter().rev().cloned());
    let twice = asistent_core::notify::sms::cost_report(&mixed, &policy).unwrap();
    let once = plan.sms_cost_report(&policy).unwrap();
    assert_eq!(twice.messages, 2 * once.messages);
    assert_eq!(twice.lines.len(), once.lines.len());
}

#[test]
fn english_texts_are_available() {
    let plan = plan_november(Service::ZaStarse, true);
    let summary = plan
        .notices
        .iter()
        .find(|n| n.recipient == oce() && n.kind == NoticeKind::WeeklySummary)
        .unwrap();
    assert!(
        summary
            .text
            .starts_with("mojAsistent: Ana, weekly summary, "),
        "{}",
        summary.text
    );
    // A weekly summary by SMS gives counts only, in the recipient's language.
    let mut h = household(Service::ZaStarse, true);
    h.recipients[1].channels.push(Channel::Sms);
    h.recipients[1].phone = Some("+38641000111".into());
    h.recipients[1].language = Language::Sl;
    let plan = plan_with(&h, &family_facts(None), &november(), &Policy::default());
    let texts: Vec<_> = plan
        .notices
        .iter()
        .filter(|n| n.recipient == oce() && n.channel == Channel::Sms)
        .filter(|n| n.kind == NoticeKind::WeeklySummary)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "mojAsistent: Ana, tedenski povzetek, 18. 11. 2026: 2 izostanka (3 ure), 1 opažanje. Podrobnosti na portalu.",
            "mojAsistent: Ana, tedenski povzetek, 25. 11. 2026: 2 oceni, 1 opažanje. Podrobnosti na portalu."
        ]
    );
}

// ---- bad input, as typed errors ----

fn plan_err(h: &Household, events: &[Event]) -> NotifyError {
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let facts = family_facts(None);
    Planner::new(&policy, &cal, &facts)
        .plan(h, events, november_period())
        .unwrap_err()
}

#[test]
fn an_event_two_school_years_back_is_refused() {
    let events = vec![ev(
        78,
        at(d(2025, 8, 29), 9, 0),
        EventKind::Grade {
            subject: "zgodovina".into(),
            grade: 4,
        },
    )];
    let err = plan_err(&household(Service::ZaStarse, true), &events);
    assert!(matches!(
        err,
        NotifyError::UnknownSchoolYear {
            event: EventId(78),
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "event 78 was entered on 2025-08-29, in school year 2024/25: a plan for 2026/27 takes events entered in 2026/27 or 2025/26"
    );
}

#[test]
fn an_event_in_an_unknown_school_year_is_refused() {
    let events = vec![ev(
        77,
        at(d(2027, 9, 3), 9, 0),
        EventKind::Grade {
            subject: "zgodovina".into(),
            grade: 4,
        },
    )];
    let err = plan_err(&household(Service::ZaStarse, true), &events);
    assert!(matches!(
        err,
        NotifyError::UnknownSchoolYear {
            event: EventId(77),
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "event 77 was entered on 2027-09-03, in school year 2027/28: a plan for 2026/27 takes events entered in 2026/27 or 2025/26"
    );
}

#[test]
fn r_d7_an_event_the_visibility_engine_refuses_is_named_by_its_id_not_its_position() {
    let mut events = november();
    events.push(ev(
        42,
        at(d(2026, 11, 17), 9, 40),
        EventKind::Observation {
            observation: ObservationKind::Praise,
            text: "Pomagala je sošolcu".into(),
            lesson_closed_at: Some(at(d(2026, 11, 17), 9, 30)),
        },
    ));
    let err = plan_err(&household(Service::ZaStarse, true), &events);
    assert!(
        matches!(&err, NotifyError::EventRefused { event: EventId(42), error }
            if error.code() == "lesson_closed_before_entry"),
        "{err:?}"
    );
    assert_eq!(err.code(), "visibility");
    assert_eq!(
        err.to_string(),
        "event 42: the praise of student `ana` has its lesson closed at 2026-11-17 08:30:00 UTC, before it was entered at 2026-11-17 08:40:00 UTC"
    );
}

#[test]
fn a_recipient_without_a_contact_for_the_channel_is_refused() {
    let mut h = household(Service::ZaStarse, true);
    h.recipients[0].phone = Some("  ".into());
    let err = plan_err(&h, &november());
    assert_eq!(
        err,
        NotifyError::MissingContact {
            recipient: Addressee::Guardian(mama()),
            channel: Channel::Sms
        }
    );
    assert_eq!(
        err.to_string(),
        "guardian mama chose SMS notices but has no mobile number"
    );
}

#[test]
fn an_empty_or_oversized_text_is_refused() {
    let mut events = november();
    events.push(ev(
        50,
        at(d(2026, 11, 5), 9, 0),
        EventKind::Grade {
            subject: " ".into(),
            grade: 2,
        },
    ));
    let err = plan_err(&household(Service::ZaStarse, true), &events);
    assert_eq!(
        err,
        NotifyError::EmptyText {
            event: EventId(50),
            field: "subject"
        }
    );
    assert_eq!(
        err.to_string(),
        "event 50 has an empty subject: there is nothing to tell"
    );
    let mut events = november();
    events.push(ev(
        51,
        at(d(2026, 11, 5), 9, 0),
        EventKind::Observation {
            observation: ObservationKind::Comment,
            text: "Več o tem na govorilnih urah. ".repeat(40),
            lesson_closed_at: Some(at(d(2026, 11, 5), 9, 45)),
        },
    ));
    let err = plan_err(&household(Service::ZaStarse, true), &events);
    let NotifyError::TextTooLong {
        channel,
        characters,
        ref recipient,
        ..
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (channel, characters, recipient),
        (Channel::Sms, 1227, &mama())
    );
    assert_eq!(
        err.to_string(),
        "the SMS notice to mama about student ana is too long (1227 characters): the SMS text needs 19 segments (UCS-2, 1227 units), more than the 10 allowed"
    );
}

#[test]
fn other_bad_input_is_refused_with_its_reason() {
    let mut h = household(Service::ZaStarse, true);
    h.recipients[0].quiet_hours = Some(QuietHours {
        from: t(22, 0),
        until: t(22, 0),
    });
    assert_eq!(
        plan_err(&h, &[]).to_string(),
        "guardian mama has quiet hours 22:00:00–22:00:00: they must not begin when they end"
    );
    let mut stranger = november();
    stranger[0].student = StudentId::new("bor").unwrap();
    assert!(matches!(
        plan_err(&household(Service::ZaStarse, true), &stranger),
        NotifyError::UnknownChild {
            event: EventId(1),
            ..
        }
    ));
    let mut h = household(Service::ZaStarse, true);
    h.children[0].recipients = vec![mama(), GuardianId::new("teta").unwrap()];
    assert!(matches!(
        plan_err(&h, &[]),
        NotifyError::UnknownRecipient { .. }
    ));
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let facts = family_facts(None);
    let err = Planner::new(&policy, &cal, &facts)
        .plan(
            &household(Service::ZaStarse, true),
            &[],
            Period {
                from: d(2026, 8, 1),
                until: d(2026, 9, 30),
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the period 2026-08-01 – 2026-09-30 is not a span of one school year: it runs past the end of school year 2025/26 (2026-08-31)"
    );
}

// ---- properties ----

fn arb_event() -> impl Strategy<Value = Event> {
    let day = (0i64..280, 6u32..23, 0u32..60);
    let kind = prop_oneof![
        (0i64..3, 1u32..8).prop_map(|(back, lessons)| (0u8, back, lessons)),
        (1u32..6).prop_map(|g| (1u8, 0, g)),
        (0u32..120).prop_map(|m| (2u8, 0, m)),
        (1i64..40).prop_map(|ahead| (3u8, ahead, 0)),
    ];
    (0u64..1_000_000, day, kind).prop_map(|(id, (off, h, m), (k, n, x))| {
        let date = d(2026, 9, 1) + asistent_core::chrono::Duration::days(off);
        let entered = at(date, h, m);
        let kind = match k {
            0 => EventKind::Absence {
                date: date - asistent_core::chrono::Duration::days(n),
                lessons: x,
            },
            1 => EventKind::Grade {
                subject: "matematika".into(),
                grade: u8::try_from(x).unwrap(),
            },
            2 => EventKind::Observation {
                observation: ObservationKind::Praise,
                text: "Pohvala".into(),
                lesson_closed_at: (x < 100)
                    .then(|| entered + asistent_core::chrono::Duration::minutes(i64::from(x))),
            },
            _ => EventKind::AnnouncedAssessment {
                subject: "fizika".into(),
                date: date + asistent_core::chrono::Duration::days(n),
            },
        };
        ev(id, entered, kind)
    })
}

fn arb_quiet() -> impl Strategy<Value = Option<QuietHours>> {
    prop_oneof![
        Just(None),
        (0u32..24, 0u32..24)
            .prop_filter("not empty", |(a, b)| a != b)
            .prop_map(|(a, b)| Some(QuietHours {
                from: t(a, 0),
                until: t(b, 30)
            })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// R-E6, R-F2, R-F4: the plan for a sub-period is the whole year's plan restricted to
    /// the sub-period's send days, also when a court decision takes effect in the year
    /// (rights are judged on each send day, never on the period's last day).
    #[test]
    fn a_sub_periods_notices_are_the_years_notices_on_its_days(
        events in proptest::collection::vec(arb_event(), 0..30),
        final_after in 0i64..300,
        restricted in 0usize..4,
        removes_care in any::<bool>(),
        start in 0i64..300,
        len in 0i64..80,
    ) {
        let mut events = events;
        for (i, e) in events.iter_mut().enumerate() {
            e.id = EventId(i as u64);
        }
        let first = d(2026, 9, 1);
        let final_on = first + asistent_core::chrono::Duration::days(final_after);
        let mut court = grades_restricted_from(final_on);
        court.parent = if restricted % 2 == 0 { mama() } else { oce() };
        court.effect = if removes_care {
            CourtEffect::RemovesCare
        } else {
            CourtEffect::RestrictsCategories {
                categories: vec![[
                    Category::Grades,
                    Category::Absences,
                    Category::AnnouncedAssessments,
                    Category::PraiseAndComments,
                ][restricted]],
            }
        };
        let facts = family_facts(Some(court));
        let h = household(Service::Popolni, true);
        let year = Period::school_year(SchoolYear::starting(2026).unwrap());
        let from = first + asistent_core::chrono::Duration::days(start);
        let until = (from + asistent_core::chrono::Duration::days(len)).min(year.until);
        let whole = plan_for(&h, &facts, &events, year);
        let part = plan_for(&h, &facts, &events, Period { from, until });
        let expected: Vec<_> = whole
            .notices
            .into_iter()
            .filter(|n| (from..=until).contains(&calendar::local_date(n.send_at)))
            .collect();
        prop_assert_eq!(part.notices, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// R-E5, R-C7, R-D5: `Withheld::items` counts (item, notice) pairs within the period,
    /// so the counts of two plans that split a year add up to the year's.
    #[test]
    fn withheld_counts_of_a_split_year_add_up_to_the_years(
        events in proptest::collection::vec(arb_event(), 0..30),
        split in 0i64..364,
        service in 0usize..3,
        paid in any::<bool>(),
    ) {
        let mut events = events;
        for (i, e) in events.iter_mut().enumerate() {
            e.id = EventId(i as u64);
        }
        let service = [Service::ZaStarse, Service::ZaUcence, Service::Popolni][service];
        let mut h = household(service, paid);
        let mut student = Recipient::guardian(mama(), Mode::Weekly, vec![Channel::Email]);
        student.who = Addressee::Student(ana());
        h.recipients.push(student);
        let facts = family_facts(None);
        let year = Period::school_year(SchoolYear::starting(2026).unwrap());
        let cut = year.from + asistent_core::chrono::Duration::days(split);
        let total = |plans: &[Plan]| {
            let mut m = std::collections::BTreeMap::new();
            for p in plans {
                for w in &p.withheld {
                    *m.entry((w.recipient.clone(), w.category, w.reason)).or_insert(0u64) += w.items;
                }
            }
            m
        };
        let whole = plan_for(&h, &facts, &events, year);
        let first = plan_for(&h, &facts, &events, Period { from: year.from, until: cut });
        let second = plan_for(
            &h,
            &facts,
            &events,
            Period { from: cut + asistent_core::chrono::Duration::days(1), until: year.until },
        );
        prop_assert_eq!(total(&[whole]), total(&[first, second]));
    }

    /// R-E2, R-E3, R-D11: every notice goes out on or after the instant each of its items
    /// became visible to the parent; weekly summaries only on Wednesdays and digests only
    /// on Fridays (local time).
    #[test]
    fn notices_never_precede_visibility_and_keep_their_weekdays(
        events in proptest::collection::vec(arb_event(), 0..40),
        quiet_mama in arb_quiet(),
        quiet_oce in arb_quiet(),
    ) {
        let mut events = events;
        for (i, e) in events.iter_mut().enumerate() {
            e.id = EventId(i as u64);
        }
        let mut h = household(Service::Popolni, true);
        h.recipients[0].quiet_hours = quiet_mama;
        h.recipients[1].quiet_hours = quiet_oce;
        let policy = Policy::default();
        let cal = Calendar::new(&policy);
        let facts = family_facts(None);
        let year = Period::school_year(SchoolYear::starting(2026).unwrap());
        let plan = Planner::new(&policy, &cal, &facts)
            .plan(&h, &events, year)
            .unwrap();
        let ctx = Context::new(&cal, &facts, year.until);
        for n in &plan.notices {
            let viewer = Viewer::guardian(n.recipient.clone(), ana(), Service::Popolni);
            for id in &n.items {
                let e = &events[usize::try_from(id.0).unwrap()];
                let visible = visible_from(&item_of(e), &viewer, &ctx, &policy)
                    .unwrap()
                    .from()
                    .expect("only visible items are sent");
                prop_assert!(n.send_at >= visible, "{n:?} before {visible}");
            }
            let wd = calendar::local_date(n.send_at).weekday();
            match n.kind {
                NoticeKind::WeeklySummary => prop_assert_eq!(wd, Weekday::Wed),
                NoticeKind::AssessmentDigest => prop_assert_eq!(wd, Weekday::Fri),
                _ => {}
            }
        }
    }
}
