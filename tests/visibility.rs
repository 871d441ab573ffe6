//! What a family sees of a child's school week, from when and why (R-D1 … R-D11, R-C7,
//! R-C9, R-C10, R-G1, R-G2), and the properties that must hold for any item.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fmt::Write as _;

use asistent_core::calendar::{self, Calendar};
use asistent_core::chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use asistent_core::ids::{ClassId, GuardianId, StaffId, StudentId};
use asistent_core::policy::{DayCount, Policy};
use asistent_core::rights::facts::{
    Family, Relation, Relationship, SchoolLevel, StaffAssignment, StaffRole, Student,
};
use asistent_core::rights::{CourtDecision, CourtEffect, Facts};
use asistent_core::rules::RuleId;
use asistent_core::services::Service;
use asistent_core::visibility::{
    glance_many, visible_from, visible_from_many, Context, Glance, GlanceRow, Gradebook, Item,
    ItemKind, Revision, SchoolSettings, Viewer, Visibility, VisibilityError,
};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
/// A local Ljubljana wall-clock time.
fn at(date: NaiveDate, h: u32, min: u32) -> DateTime<Utc> {
    calendar::local_instant(date, NaiveTime::from_hms_opt(h, min, 0).unwrap())
}
fn ana() -> StudentId {
    StudentId::new("ana").unwrap()
}
fn g(id: &str) -> GuardianId {
    GuardianId::new(id).unwrap()
}
fn razrednik() -> StaffId {
    StaffId::new("razrednik").unwrap()
}

/// Ana (7.a) with her mother and father; the father may not see absences (a court
/// decision restricts them, R-F4).
fn facts() -> Facts {
    let mut family = Family::new(Student {
        id: ana(),
        birth_date: d(2013, 4, 2),
        class: Some(ClassId::new("7.a").unwrap()),
        level: SchoolLevel::Primary,
    });
    family
        .relations
        .push(Relation::new(g("mama"), Relationship::Parent));
    family
        .relations
        .push(Relation::new(g("oce"), Relationship::Parent));
    family.court_decisions.push(CourtDecision {
        reference: "I R 55/2025".into(),
        date: d(2025, 2, 1),
        final_on: Some(d(2025, 3, 1)),
        until: None,
        parent: g("oce"),
        effect: CourtEffect::RestrictsCategories {
            categories: vec![asistent_core::rights::Category::Absences],
        },
    });
    let staff = vec![StaffAssignment {
        staff: razrednik(),
        role: StaffRole::ClassTeacher,
        class: Some(ClassId::new("7.a").unwrap()),
        from: None,
        until: None,
    }];
    Facts::new(vec![family], staff, vec![]).unwrap()
}

fn viewers() -> Vec<(&'static str, Viewer)> {
    vec![
        (
            "mama (ZA STARŠE)",
            Viewer::guardian(g("mama"), ana(), Service::ZaStarse),
        ),
        (
            "oče (MINIMALNI)",
            Viewer::guardian(g("oce"), ana(), Service::Minimalni),
        ),
        (
            "Ana (MINIMALNI)",
            Viewer::student(ana(), Service::Minimalni),
        ),
        ("Ana (ZA UČENCE)", Viewer::student(ana(), Service::ZaUcence)),
    ]
}

/// Ana's week of 23–27 March 2026; the clocks go forward on Sunday 29 March.
fn week() -> Vec<Item> {
    let mon = d(2026, 3, 23);
    let day = |n: i64| mon + Duration::days(n);
    vec![
        Item::new(ItemKind::AnnouncedAssessment, ana(), at(day(0), 8, 5)),
        Item::new(ItemKind::Grade, ana(), at(day(0), 10, 15)).in_subject("MAT"),
        Item::new(ItemKind::Absence, ana(), at(day(1), 8, 0)),
        Item::new(ItemKind::Praise, ana(), at(day(1), 9, 10)).lesson_closed(at(day(1), 9, 45)),
        Item::new(ItemKind::Homework, ana(), at(day(1), 11, 0)),
        Item::new(ItemKind::Remark, ana(), at(day(2), 12, 0))
            .forwarded_by(razrednik(), at(day(3), 14, 30)),
        Item::new(ItemKind::Remark, ana(), at(day(2), 12, 30)),
        Item::new(ItemKind::Message, ana(), at(day(2), 16, 0)),
        Item::new(ItemKind::Meal, ana(), at(day(3), 7, 0)),
        Item::new(ItemKind::Grade, ana(), at(day(3), 23, 30))
            .in_subject("SLJ")
            .revised(Revision::Changed {
                at: at(day(4), 9, 0),
            }),
        Item::new(ItemKind::Grade, ana(), at(day(4), 11, 20)).in_subject("ANG"),
        Item::new(ItemKind::Absence, ana(), at(day(4), 13, 0)).revised(Revision::Withdrawn {
            at: at(day(4), 15, 0),
        }),
        Item::new(ItemKind::AbsenceExcuse, ana(), at(day(4), 18, 0)),
        Item::new(ItemKind::ParentTeacherMeeting, ana(), at(day(4), 19, 0)),
    ]
}

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&calendar::ZONE)
        .format("%a %d.%m. %H:%M %Z")
        .to_string()
}

#[test]
fn a_familys_week_across_the_spring_clock_change_r_d1_to_r_d11() {
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let facts = facts();
    let mut ctx = Context::new(&cal, &facts, d(2026, 3, 27)).with_settings(SchoolSettings {
        meals_through_system: true,
        absence_excuses_agreed: true,
    });
    let items = week();
    ctx.note_grades(&items);
    let mut out = String::new();
    for item in &items {
        writeln!(out, "{} entered {}", item.kind, local(item.entered_at)).unwrap();
        for (name, viewer) in viewers() {
            let v = visible_from(item, viewer_ref(&viewer), &ctx, &policy).unwrap();
            let line = match v.from() {
                Some(f) => format!(
                    "{} = {} UTC | {}",
                    local(f),
                    f.format("%d.%m. %H:%M"),
                    v.text_en()
                ),
                None => v.text_en(),
            };
            writeln!(out, "  {name}: {line}").unwrap();
        }
    }
    insta::assert_snapshot!(out);
}

fn viewer_ref(v: &Viewer) -> &Viewer {
    v
}

#[test]
fn the_batch_gives_the_week_in_one_call() {
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let facts = facts();
    let ctx = Context::new(&cal, &facts, d(2026, 3, 27));
    let items = week();
    let vs: Vec<Viewer> = viewers().into_iter().map(|(_, v)| v).collect();
    let rows = visible_from_many(&items, &vs, &ctx, &policy).unwrap();
    assert_eq!(rows.len(), items.len() * vs.len());
    // R-D10: the MINIMALNI student sees exactly one grade, the latest.
    let seen: Vec<_> = rows
        .iter()
        .filter(|r| r.viewer == 2 && items[r.item].kind == ItemKind::Grade)
        .filter(|r| r.visibility.from().is_some())
        .collect();
    assert_eq!(seen.len(), 1);
    assert_eq!(items[seen[0].item].subject.as_deref(), Some("ANG"));
}

#[test]
fn bad_input_is_refused_with_typed_errors_naming_the_position() {
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let facts = facts();
    let ctx = Context::new(&cal, &facts, d(2026, 3, 27));
    let mon = d(2026, 3, 23);
    let mut items = week();
    items.push(Item::new(ItemKind::Homework, ana(), at(mon, 10, 0)).lesson_closed(at(mon, 9, 0)));
    let vs = vec![Viewer::guardian(g("mama"), ana(), Service::ZaStarse)];
    let err = visible_from_many(&items, &vs, &ctx, &policy).unwrap_err();
    let VisibilityError::AtItem { index, error } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*index, items.len() - 1);
    assert!(matches!(
        **error,
        VisibilityError::LessonClosedBeforeEntry { .. }
    ));
    assert_eq!(err.code(), "lesson_closed_before_entry");
    assert!(err.to_string().starts_with(&format!("item {index}: the homework of student `ana` has its lesson closed at 2026-03-23 08:00:00 UTC, before it was entered at 2026-03-23 09:00:00 UTC")));
    // A viewer of a student who is not theirs.
    let mut bad = Viewer::student(ana(), Service::Minimalni);
    bad.student = StudentId::new("bor").unwrap();
    let err = visible_from_many(&week(), &[bad], &ctx, &policy).unwrap_err();
    assert_eq!(err.code(), "viewer_of_another_student");
}

// ---- properties ----

fn arb_kind() -> impl Strategy<Value = ItemKind> {
    prop::sample::select(ItemKind::ALL.to_vec())
}
fn arb_service() -> impl Strategy<Value = Service> {
    prop::sample::select(Service::ALL.to_vec())
}
fn arb_instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2025-09-01 … 2027-08-31, any second.
    (1_756_684_800i64..1_819_756_800).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}
fn arb_item() -> impl Strategy<Value = Item> {
    (
        arb_kind(),
        arb_instant(),
        prop::option::of(0i64..200_000),
        prop::option::of(0i64..400_000),
        prop::option::of((any::<bool>(), 0i64..500_000)),
    )
        .prop_map(|(kind, entered, close, fwd, rev)| {
            let mut i = Item::new(kind, ana(), entered);
            if let Some(c) = close {
                i = i.lesson_closed(entered + Duration::seconds(c));
            }
            if let (ItemKind::Remark, Some(f)) = (kind, fwd) {
                i = i.forwarded_by(razrednik(), entered + Duration::seconds(f));
            }
            if let Some((withdrawn, r)) = rev {
                let at = entered + Duration::seconds(r);
                i = i.revised(if withdrawn {
                    Revision::Withdrawn { at }
                } else {
                    Revision::Changed { at }
                });
            }
            i
        })
}
fn arb_viewer() -> impl Strategy<Value = Viewer> {
    (0..3u8, arb_service()).prop_map(|(who, service)| match who {
        0 => Viewer::guardian(g("mama"), ana(), service),
        1 => Viewer::guardian(g("oce"), ana(), service),
        _ => Viewer::student(ana(), service),
    })
}
fn arb_policy() -> impl Strategy<Value = Policy> {
    (0u32..8, any::<bool>()).prop_map(|(days, working)| {
        let mut p = Policy::default();
        p.visibility.grade_delay_days = days;
        p.visibility.grade_delay_counts = if working {
            DayCount::Working
        } else {
            DayCount::Calendar
        };
        p
    })
}

proptest! {
    /// R-D11: nothing is visible before it was entered.
    #[test]
    fn r_d11_nothing_is_visible_before_entry(item in arb_item(), viewer in arb_viewer(), policy in arb_policy(),
                                             meals in any::<bool>(), excuses in any::<bool>()) {
        let cal = Calendar::new(&policy);
        let facts = facts();
        let mut ctx = Context::new(&cal, &facts, d(2026, 1, 15))
            .with_settings(SchoolSettings { meals_through_system: meals, absence_excuses_agreed: excuses });
        ctx.note_grades([&item]);
        let v = visible_from(&item, &viewer, &ctx, &policy).unwrap();
        if let Some(from) = v.from() {
            prop_assert!(from >= item.entered_at, "{v:?}");
            prop_assert!(!v.is_visible_at(item.entered_at - Duration::seconds(1)));
            prop_assert!(v.current_version_from().unwrap() >= from);
        }
        prop_assert!(!v.rule_ids().is_empty());
    }

    /// R-D1, R-D2, R-D10: a student with a service that shows their grades never sees a
    /// grade later than a parent with ZA STARŠE does.
    #[test]
    fn r_d2_a_student_never_sees_a_grade_later_than_a_parent(entered in arb_instant(), policy in arb_policy(),
                                                            student_service in arb_service()) {
        let cal = Calendar::new(&policy);
        let facts = facts();
        let mut ctx = Context::new(&cal, &facts, d(2026, 1, 15));
        let grade = Item::new(ItemKind::Grade, ana(), entered);
        ctx.note_grades([&grade]);
        let parent = visible_from(&grade, &Viewer::guardian(g("mama"), ana(), Service::ZaStarse), &ctx, &policy).unwrap();
        let student = visible_from(&grade, &Viewer::student(ana(), student_service), &ctx, &policy).unwrap();
        let (p, s) = (parent.from().unwrap(), student.from().unwrap());
        prop_assert!(s <= p, "student {s}, parent {p}");
    }

    /// Visibility only grows as "now" advances.
    #[test]
    fn visibility_only_grows_as_now_advances(item in arb_item(), viewer in arb_viewer(), policy in arb_policy(),
                                             now in arb_instant(), later in 0i64..10_000_000) {
        let cal = Calendar::new(&policy);
        let facts = facts();
        let mut ctx = Context::new(&cal, &facts, d(2026, 1, 15));
        ctx.note_grades([&item]);
        let v = visible_from(&item, &viewer, &ctx, &policy).unwrap();
        if v.is_visible_at(now) {
            prop_assert!(v.is_visible_at(now + Duration::seconds(later)));
        }
    }

    /// The compact batch over a gradebook gives the full batch's answers row for row (or
    /// the same error), over two students (one unknown to the rights facts), portals
    /// closing (R-C7), a court decision restricting a category and corrections.
    #[test]
    fn the_compact_batch_agrees_with_the_full_batch(
        items in prop::collection::vec((arb_item(), prop::bool::weighted(0.1)), 0..40),
        viewers in prop::collection::vec((arb_viewer(), prop::bool::weighted(0.05),
                                          prop::option::of(0i64..400)), 1..6),
        policy in arb_policy(), on in 0i64..700, meals in any::<bool>(), excuses in any::<bool>()) {
        let cal = Calendar::new(&policy);
        let facts = facts();
        let on = d(2025, 9, 1) + Duration::days(on);
        let ctx = Context::new(&cal, &facts, on)
            .with_settings(SchoolSettings { meals_through_system: meals, absence_excuses_agreed: excuses });
        let bor = StudentId::new("bor").unwrap();
        let items: Vec<Item> = items.into_iter().map(|(mut i, other)| {
            if other { i.student = bor.clone(); }
            i
        }).collect();
        let viewers: Vec<Viewer> = viewers.into_iter().map(|(v, other, until)| {
            let mut v = if other { Viewer::student(bor.clone(), v.service) } else { v };
            if let Some(u) = until { v = v.readable_until(d(2025, 9, 1) + Duration::days(u)); }
            v
        }).collect();
        let full = visible_from_many(&items, &viewers, &ctx, &policy)
            .map(|rows| rows.iter().map(|r| GlanceRow { item: r.item, viewer: r.viewer, glance: Glance::from(&r.visibility) }).collect::<Vec<_>>());
        let book: Gradebook = items.iter().cloned().collect();
        prop_assert_eq!(book.items().collect::<Vec<_>>(), items);
        let compact = glance_many(&book, &viewers, &ctx, &policy);
        prop_assert_eq!(compact, full);
    }

    /// The batch call agrees with the single-item call on every item.
    #[test]
    fn the_batch_agrees_with_the_single_call(items in prop::collection::vec(arb_item(), 0..30),
                                             viewers in prop::collection::vec(arb_viewer(), 1..4),
                                             policy in arb_policy()) {
        let cal = Calendar::new(&policy);
        let facts = facts();
        let mut ctx = Context::new(&cal, &facts, d(2026, 1, 15))
            .with_settings(SchoolSettings { meals_through_system: true, absence_excuses_agreed: false });
        let rows = visible_from_many(&items, &viewers, &ctx, &policy).unwrap();
        prop_assert_eq!(rows.len(), items.len() * viewers.len());
        ctx.note_grades(&items);
        for r in rows {
            let single = visible_from(&items[r.item], &viewers[r.viewer], &ctx, &policy).unwrap();
            prop_assert_eq!(single, r.visibility);
        }
    }
}

#[test]
fn r_d9_r_c9_a_minimalni_parent_still_sees_communication_and_r_c10_a_student_always_has_minimalni()
{
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let facts = facts();
    let ctx = Context::new(&cal, &facts, d(2026, 3, 27));
    let msg = Item::new(ItemKind::Message, ana(), at(d(2026, 3, 24), 9, 0));
    let none = Viewer::student(ana(), Service::NoElectronicContact);
    let v = visible_from(&msg, &none, &ctx, &policy).unwrap();
    assert!(matches!(v, Visibility::Visible { .. }));
    assert!(v.rule_ids().contains(&RuleId::D8));
}
