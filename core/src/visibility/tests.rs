use chrono::NaiveDate;

use super::*;
use crate::ids::{ClassId, GuardianId, StaffId, StudentId};
use crate::policy::{DayCount, Policy};
use crate::rights::facts::{Family, Relation, Relationship, SchoolLevel, StaffAssignment, Student};
use crate::rights::{CourtDecision, CourtEffect, Facts};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    // Local Ljubljana time.
    calendar::local_instant(
        d(y, m, day),
        chrono::NaiveTime::from_hms_opt(h, min, 0).unwrap(),
    )
}

fn ana() -> StudentId {
    StudentId::new("ana").unwrap()
}

fn facts() -> Facts {
    let mut family = Family::new(Student {
        id: ana(),
        birth_date: d(2013, 4, 2),
        class: Some(ClassId::new("7.a").unwrap()),
        level: SchoolLevel::Primary,
    });
    family.relations.push(Relation::new(
        GuardianId::new("mama").unwrap(),
        Relationship::Parent,
    ));
    family.relations.push(Relation::new(
        GuardianId::new("oce").unwrap(),
        Relationship::Parent,
    ));
    family.court_decisions.push(CourtDecision {
        reference: "I R 55/2025".into(),
        date: d(2025, 2, 1),
        final_on: Some(d(2025, 3, 1)),
        until: None,
        parent: GuardianId::new("oce").unwrap(),
        effect: CourtEffect::RestrictsCategories {
            categories: vec![Category::Absences],
        },
    });
    let staff = vec![StaffAssignment {
        staff: StaffId::new("razrednik").unwrap(),
        role: StaffRole::ClassTeacher,
        class: Some(ClassId::new("7.a").unwrap()),
        from: None,
        until: None,
    }];
    Facts::new(vec![family], staff, vec![]).unwrap()
}

fn mama(service: Service) -> Viewer {
    Viewer::guardian(GuardianId::new("mama").unwrap(), ana(), service)
}

struct Fx {
    cal: Calendar,
    facts: Facts,
    policy: Policy,
}

fn fx() -> Fx {
    let policy = Policy::default();
    Fx {
        cal: Calendar::new(&policy),
        facts: facts(),
        policy,
    }
}

impl Fx {
    fn ctx(&self) -> Context<'_> {
        Context::new(&self.cal, &self.facts, d(2026, 3, 23))
    }
    fn see(&self, item: &Item, viewer: &Viewer) -> Visibility {
        visible_from(item, viewer, &self.ctx(), &self.policy).unwrap()
    }
}

#[test]
fn r_d1_parents_see_a_grade_from_midnight_of_d_plus_3() {
    let f = fx();
    let g = Item::new(ItemKind::Grade, ana(), t(2026, 3, 23, 10, 15));
    let v = f.see(&g, &mama(Service::ZaStarse));
    assert_eq!(v.from(), Some(t(2026, 3, 26, 0, 0)));
    assert!(v.rule_ids().contains(&RuleId::D1));
    // Entered late in the evening, still day D.
    let g = Item::new(ItemKind::Grade, ana(), t(2026, 3, 23, 23, 59));
    assert_eq!(
        f.see(&g, &mama(Service::Popolni)).from(),
        Some(t(2026, 3, 26, 0, 0))
    );
}

#[test]
fn r_d1_the_delay_may_count_working_days() {
    let mut f = fx();
    f.policy.visibility.grade_delay_counts = DayCount::Working;
    // Thursday 23 April 2026: +3 working days skips the weekend and 27 April (holiday).
    let g = Item::new(ItemKind::Grade, ana(), t(2026, 4, 23, 9, 0));
    assert_eq!(
        f.see(&g, &mama(Service::ZaStarse)).from(),
        Some(t(2026, 4, 29, 0, 0))
    );
}

#[test]
fn r_d2_a_student_sees_a_grade_at_once() {
    let f = fx();
    let g = Item::new(ItemKind::Grade, ana(), t(2026, 3, 23, 10, 15));
    let v = f.see(&g, &Viewer::student(ana(), Service::ZaUcence));
    assert_eq!(v.from(), Some(g.entered_at));
    assert!(v.rule_ids().contains(&RuleId::D2));
}

#[test]
fn r_d3_announced_assessments_at_once() {
    let f = fx();
    let a = Item::new(ItemKind::AnnouncedAssessment, ana(), t(2026, 3, 24, 8, 0));
    assert_eq!(
        f.see(&a, &mama(Service::ZaStarse)).from(),
        Some(a.entered_at)
    );
    assert_eq!(
        f.see(&a, &Viewer::student(ana(), Service::Minimalni))
            .from(),
        Some(a.entered_at)
    );
}

#[test]
fn r_d4_absences_to_parents_from_d_plus_1() {
    let f = fx();
    let a = Item::new(ItemKind::Absence, ana(), t(2026, 3, 24, 8, 0));
    let v = f.see(&a, &mama(Service::ZaStarse));
    assert_eq!(v.from(), Some(t(2026, 3, 25, 0, 0)));
    assert!(v.rule_ids().contains(&RuleId::D4));
}

#[test]
fn r_d5_praise_once_entered_and_the_lesson_closed() {
    let f = fx();
    let p = Item::new(ItemKind::Praise, ana(), t(2026, 3, 24, 8, 10));
    let v = f.see(&p, &mama(Service::Minimalni));
    assert_eq!(v.state_code(), "pending");
    assert!(v.rule_ids().contains(&RuleId::D5));
    let p = p.lesson_closed(t(2026, 3, 24, 8, 45));
    assert_eq!(
        f.see(&p, &mama(Service::Minimalni)).from(),
        Some(t(2026, 3, 24, 8, 45))
    );
}

#[test]
fn r_d6_remarks_only_once_the_class_teacher_forwards_them() {
    let f = fx();
    let r = Item::new(ItemKind::Remark, ana(), t(2026, 3, 24, 9, 0));
    assert!(matches!(
        f.see(&r, &mama(Service::ZaStarse)),
        Visibility::Pending {
            waiting: Waiting::ClassTeacherForwarding,
            ..
        }
    ));
    let r = r.forwarded_by(StaffId::new("razrednik").unwrap(), t(2026, 3, 25, 14, 0));
    assert_eq!(
        f.see(&r, &mama(Service::ZaStarse)).from(),
        Some(t(2026, 3, 25, 14, 0))
    );
}

#[test]
fn r_d6_a_remark_forwarded_by_another_teacher_is_a_typed_error() {
    let f = fx();
    let r = Item::new(ItemKind::Remark, ana(), t(2026, 3, 24, 9, 0))
        .forwarded_by(StaffId::new("ucitelj").unwrap(), t(2026, 3, 25, 14, 0));
    let err = visible_from(&r, &mama(Service::ZaStarse), &f.ctx(), &f.policy).unwrap_err();
    assert!(matches!(
        err,
        VisibilityError::ForwardedByNotClassTeacher { .. }
    ));
    assert_eq!(
        err.to_string(),
        "the remark about student `ana` is recorded as forwarded by `ucitelj`, who is not the class teacher of 7.a on 2026-03-25: only the class teacher forwards remarks to parents (R-D6)"
    );
}

#[test]
fn r_d7_homework_once_the_lesson_is_closed() {
    let f = fx();
    let h = Item::new(ItemKind::Homework, ana(), t(2026, 3, 24, 9, 0))
        .lesson_closed(t(2026, 3, 24, 9, 45));
    let v = f.see(&h, &mama(Service::ZaStarse));
    assert_eq!(v.from(), Some(t(2026, 3, 24, 9, 45)));
    assert!(v.rule_ids().contains(&RuleId::D7));
}

#[test]
fn r_d8_messages_subject_list_meetings_articles_always() {
    let f = fx();
    for kind in [
        ItemKind::Message,
        ItemKind::SubjectList,
        ItemKind::ParentTeacherMeeting,
        ItemKind::Article,
    ] {
        let i = Item::new(kind, ana(), t(2026, 3, 24, 9, 0));
        let v = f.see(&i, &mama(Service::Minimalni));
        assert_eq!(v.from(), Some(i.entered_at), "{kind}");
        assert!(v.rule_ids().contains(&RuleId::D8));
    }
}

#[test]
fn r_g2_meals_only_where_the_school_runs_them() {
    let f = fx();
    let m = Item::new(ItemKind::Meal, ana(), t(2026, 3, 24, 9, 0));
    let v = f.see(&m, &mama(Service::Minimalni));
    assert!(matches!(
        v,
        Visibility::Never {
            why: Hidden::MealsNotRun,
            ..
        }
    ));
    assert!(v.rule_ids().contains(&RuleId::G2));
    let ctx = f.ctx().with_settings(SchoolSettings {
        meals_through_system: true,
        absence_excuses_agreed: false,
    });
    let v = visible_from(&m, &mama(Service::Minimalni), &ctx, &f.policy).unwrap();
    assert_eq!(v.from(), Some(m.entered_at));
}

#[test]
fn r_d9_minimalni_hides_paid_data_from_parents() {
    let f = fx();
    for kind in [
        ItemKind::Grade,
        ItemKind::AnnouncedAssessment,
        ItemKind::Absence,
        ItemKind::Homework,
    ] {
        let i = Item::new(kind, ana(), t(2026, 3, 24, 9, 0)).lesson_closed(t(2026, 3, 24, 9, 45));
        let v = f.see(&i, &mama(Service::Minimalni));
        assert!(
            matches!(
                v,
                Visibility::Never {
                    why: Hidden::Service {
                        service: Service::Minimalni
                    },
                    ..
                }
            ),
            "{kind}: {v:?}"
        );
        assert!(v.rule_ids().contains(&RuleId::D9));
        assert!(f.see(&i, &mama(Service::ZaStarse)).from().is_some());
    }
}

#[test]
fn r_d10_a_minimalni_student_sees_only_the_latest_grade() {
    let f = fx();
    let g1 = Item::new(ItemKind::Grade, ana(), t(2026, 3, 23, 9, 0)).in_subject("MAT");
    let g2 = Item::new(ItemKind::Grade, ana(), t(2026, 3, 24, 9, 0)).in_subject("SLJ");
    let me = Viewer::student(ana(), Service::Minimalni);
    let err = visible_from(&g1, &me, &f.ctx(), &f.policy).unwrap_err();
    assert!(matches!(err, VisibilityError::LatestGradeUnknown { .. }));
    let mut ctx = f.ctx();
    ctx.note_grades([&g1, &g2]);
    let v1 = visible_from(&g1, &me, &ctx, &f.policy).unwrap();
    assert!(matches!(
        v1,
        Visibility::Never {
            why: Hidden::NotLatestGrade { .. },
            ..
        }
    ));
    assert!(v1.rule_ids().contains(&RuleId::D10));
    let v2 = visible_from(&g2, &me, &ctx, &f.policy).unwrap();
    assert_eq!(v2.from(), Some(g2.entered_at));
    // ZA UČENCE: all grades at once.
    let full = Viewer::student(ana(), Service::ZaUcence);
    assert_eq!(
        visible_from(&g1, &full, &ctx, &f.policy).unwrap().from(),
        Some(g1.entered_at)
    );
}

#[test]
fn r_d11_nothing_before_entry_and_a_lesson_closed_before_entry_is_an_error() {
    let f = fx();
    let h = Item::new(ItemKind::Homework, ana(), t(2026, 3, 24, 9, 0))
        .lesson_closed(t(2026, 3, 24, 8, 0));
    let err = visible_from(&h, &mama(Service::ZaStarse), &f.ctx(), &f.policy).unwrap_err();
    assert!(matches!(
        err,
        VisibilityError::LessonClosedBeforeEntry { .. }
    ));
    assert!(err
        .to_string()
        .starts_with("the homework of student `ana` has its lesson closed at"));
}

#[test]
fn an_unknown_kind_is_a_typed_error() {
    let err = "report_card".parse::<ItemKind>().unwrap_err();
    assert_eq!(err.code(), "unknown_kind");
    assert!(err
        .to_string()
        .starts_with("`report_card` is not an item kind"));
    for k in ItemKind::ALL {
        assert_eq!(k.code().parse::<ItemKind>().unwrap(), *k);
    }
}

#[test]
fn rights_denials_carry_the_decision() {
    let f = fx();
    let oce = Viewer::guardian(GuardianId::new("oce").unwrap(), ana(), Service::ZaStarse);
    let a = Item::new(ItemKind::Absence, ana(), t(2026, 3, 24, 8, 0));
    let v = f.see(&a, &oce);
    let Visibility::Never {
        why: Hidden::Rights { decision },
        ..
    } = &v
    else {
        panic!("{v:?}")
    };
    assert_eq!(decision.bases()[0].reference, "I R 55/2025");
    assert!(v.text_en().contains("I R 55/2025"));
    // Grades are not restricted.
    let g = Item::new(ItemKind::Grade, ana(), t(2026, 3, 24, 8, 0));
    assert!(f.see(&g, &oce).from().is_some());
}

#[test]
fn r_c7_nothing_after_the_portal_closed() {
    let f = fx();
    let g = Item::new(ItemKind::Grade, ana(), t(2026, 3, 23, 9, 0));
    let v = f.see(&g, &mama(Service::ZaStarse).readable_until(d(2026, 3, 22)));
    assert!(matches!(
        v,
        Visibility::Never {
            why: Hidden::Period { .. },
            ..
        }
    ));
    assert!(v.rule_ids().contains(&RuleId::C7));
    // Readable until the 25th: the grade would appear on the 26th.
    let v = f.see(&g, &mama(Service::ZaStarse).readable_until(d(2026, 3, 25)));
    assert!(matches!(
        v,
        Visibility::Never {
            why: Hidden::Period { .. },
            ..
        }
    ));
    let v = f.see(&g, &mama(Service::ZaStarse).readable_until(d(2026, 8, 31)));
    assert!(v.from().is_some());
}

#[test]
fn r_c9_r_c10_minimalni_parents_still_see_communication_and_praise() {
    let f = fx();
    let m = Item::new(ItemKind::Message, ana(), t(2026, 3, 24, 9, 0));
    let v = f.see(&m, &mama(Service::Minimalni));
    assert!(v.rule_ids().contains(&RuleId::C9));
    let none = mama(Service::NoElectronicContact);
    assert!(matches!(
        f.see(&m, &none),
        Visibility::Never {
            why: Hidden::Service { .. },
            ..
        }
    ));
}

#[test]
fn r_g1_excuses_only_where_the_class_teacher_agreed() {
    let f = fx();
    let (ok, why) =
        may_send_absence_excuse(&mama(Service::Minimalni), &f.ctx(), &f.policy).unwrap();
    assert!(!ok && why.contains(RuleId::G1));
    let ctx = f.ctx().with_settings(SchoolSettings {
        meals_through_system: false,
        absence_excuses_agreed: true,
    });
    assert!(
        may_send_absence_excuse(&mama(Service::Minimalni), &ctx, &f.policy)
            .unwrap()
            .0
    );
    let oce = Viewer::guardian(GuardianId::new("oce").unwrap(), ana(), Service::ZaStarse);
    assert!(!may_send_absence_excuse(&oce, &ctx, &f.policy).unwrap().0);
    let e = Item::new(ItemKind::AbsenceExcuse, ana(), t(2026, 3, 24, 9, 0));
    assert!(matches!(
        f.see(&e, &mama(Service::Minimalni)),
        Visibility::Never {
            why: Hidden::ExcusesNotAgreed,
            ..
        }
    ));
    assert!(visible_from(&e, &mama(Service::Minimalni), &ctx, &f.policy)
        .unwrap()
        .from()
        .is_some());
}

#[test]
fn corrections_keep_the_instant_and_withdrawals_hide() {
    let f = fx();
    let g = Item::new(ItemKind::Grade, ana(), t(2026, 3, 23, 9, 0));
    let early = g.clone().revised(Revision::Changed {
        at: t(2026, 3, 24, 9, 0),
    });
    let v = f.see(&early, &mama(Service::ZaStarse));
    assert_eq!(v.from(), Some(t(2026, 3, 26, 0, 0)));
    assert_eq!(v.current_version_from(), Some(t(2026, 3, 26, 0, 0)));
    let late = g.clone().revised(Revision::Changed {
        at: t(2026, 3, 30, 9, 0),
    });
    assert_eq!(
        f.see(&late, &mama(Service::ZaStarse))
            .current_version_from(),
        Some(t(2026, 3, 30, 9, 0))
    );
    let gone = g.clone().revised(Revision::Withdrawn {
        at: t(2026, 3, 24, 9, 0),
    });
    assert!(matches!(
        f.see(&gone, &mama(Service::ZaStarse)),
        Visibility::Never {
            why: Hidden::Withdrawn { .. },
            ..
        }
    ));
    let bad = g.revised(Revision::Changed {
        at: t(2026, 3, 22, 9, 0),
    });
    let err = visible_from(&bad, &mama(Service::ZaStarse), &f.ctx(), &f.policy).unwrap_err();
    assert_eq!(err.code(), "revised_before_entry");
}

#[test]
fn the_batch_agrees_with_single_calls() {
    let f = fx();
    let items = vec![
        Item::new(ItemKind::Grade, ana(), t(2026, 3, 23, 9, 0)),
        Item::new(ItemKind::Grade, ana(), t(2026, 3, 24, 9, 0)),
        Item::new(ItemKind::Absence, ana(), t(2026, 3, 24, 9, 0)),
    ];
    let viewers = vec![
        mama(Service::ZaStarse),
        Viewer::guardian(GuardianId::new("oce").unwrap(), ana(), Service::Minimalni),
        Viewer::student(ana(), Service::Minimalni),
    ];
    let mut ctx = f.ctx();
    let rows = visible_from_many(&items, &viewers, &ctx, &f.policy).unwrap();
    assert_eq!(rows.len(), 9);
    ctx.note_grades(&items);
    for r in rows {
        let single = visible_from(&items[r.item], &viewers[r.viewer], &ctx, &f.policy).unwrap();
        assert_eq!(single, r.visibility);
    }
}

#[test]
fn rendering_in_both_languages() {
    let f = fx();
    let g = Item::new(ItemKind::Grade, ana(), t(2026, 3, 23, 9, 0));
    let v = f.see(&g, &mama(Service::ZaStarse));
    assert_eq!(
        v.text_sl(),
        "vidno od 26. 3. 2026 ob 00:00 (R-D1, R-D9, R-D11)"
    );
    assert_eq!(
        v.text_en(),
        "visible from 2026-03-26 00:00 (Ljubljana) (R-D1, R-D9, R-D11)"
    );
}

#[test]
fn r_d1_the_grade_delay_is_a_policy_value_checked_by_field() {
    let p = Policy::from_json(
        r#"{"visibility": {"grade_delay_days": 5, "grade_delay_counts": "working"}}"#,
    )
    .unwrap();
    assert_eq!(p.visibility.grade_delay_days, 5);
    assert_eq!(p.visibility.grade_delay_counts, DayCount::Working);
    assert_eq!(Policy::from_json("{}"), Ok(Policy::default()));
    let err = Policy::from_json(r#"{"visibility": {"grade_delay_days": 31}}"#).unwrap_err();
    assert!(matches!(
        &err,
        crate::policy::PolicyError::Invalid { field, .. } if field == "visibility.grade_delay_days"
    ));
    let err = Policy::from_json(r#"{"visibility": {"grade_delay_counts": "weekly"}}"#).unwrap_err();
    assert!(
        err.to_string().contains("visibility.grade_delay_counts"),
        "{err}"
    );
}

#[test]
fn a_gradebook_names_each_student_once_and_gives_the_items_back() {
    let mut book = Gradebook::with_capacity(3);
    let k = book.student_named("ana").unwrap();
    assert_eq!(book.student_named("ana").unwrap(), k);
    assert_eq!(book.key_of(&ana()), Some(k));
    assert_eq!(book.student_id(k), Some(&ana()));
    book.push_entry(
        ItemKind::Homework,
        k,
        t(2026, 3, 23, 9, 0),
        Some(t(2026, 3, 23, 9, 45)),
    )
    .unwrap();
    let remark = Item::new(ItemKind::Remark, ana(), t(2026, 3, 23, 10, 0))
        .forwarded_by(StaffId::new("razrednik").unwrap(), t(2026, 3, 24, 8, 0));
    book.push(remark.clone());
    assert_eq!(book.len(), 2);
    assert_eq!(book.students(), 1);
    assert_eq!(book.item(1), Some(remark));
    assert_eq!(
        book.item(0),
        Some(
            Item::new(ItemKind::Homework, ana(), t(2026, 3, 23, 9, 0))
                .lesson_closed(t(2026, 3, 23, 9, 45))
        )
    );
    assert_eq!(book.item(2), None);
    // R-D10: no grade yet; then the later of two, a withdrawn one not counting.
    assert_eq!(book.latest_grades(), vec![None]);
    book.push(Item::new(ItemKind::Grade, ana(), t(2026, 3, 20, 9, 0)));
    book.push(Item::new(ItemKind::Grade, ana(), t(2026, 3, 19, 9, 0)));
    book.push(
        Item::new(ItemKind::Grade, ana(), t(2026, 3, 24, 9, 0)).revised(Revision::Withdrawn {
            at: t(2026, 3, 24, 10, 0),
        }),
    );
    assert_eq!(book.latest_grades(), vec![Some(t(2026, 3, 20, 9, 0))]);
}

#[test]
fn a_gradebook_refuses_a_bad_student_id_and_a_key_it_did_not_give() {
    let mut book = Gradebook::new();
    let err = book.student_named(" ana").unwrap_err();
    assert_eq!(err.kind, "student ID");
    let mut other = Gradebook::new();
    other.student_named("a").unwrap();
    let foreign = other.student_named("b").unwrap();
    let err = book
        .push_entry(ItemKind::Grade, foreign, t(2026, 3, 23, 9, 0), None)
        .unwrap_err();
    assert_eq!(err.code(), "student_key_not_in_gradebook");
    assert_eq!(
        err.to_string(),
        "student key 1 is not in this gradebook, which names 0 students: use the key the same gradebook gave"
    );
    assert!(book.is_empty());
}

/// R-D1, R-D10, R-F1: the compact batch answers with codes; a rights denial and a
/// MINIMALNI student's older grade come out as their kinds.
#[test]
fn r_d10_the_compact_batch_answers_with_codes() {
    let f = fx();
    let book: Gradebook = vec![
        Item::new(ItemKind::Grade, ana(), t(2026, 3, 23, 9, 0)),
        Item::new(ItemKind::Grade, ana(), t(2026, 3, 24, 9, 0)),
        Item::new(ItemKind::Absence, ana(), t(2026, 3, 24, 9, 0)),
        Item::new(ItemKind::Praise, ana(), t(2026, 3, 24, 9, 0)),
    ]
    .into_iter()
    .collect();
    let viewers = vec![
        Viewer::guardian(GuardianId::new("oce").unwrap(), ana(), Service::ZaStarse),
        Viewer::student(ana(), Service::Minimalni),
    ];
    let rows = glance_many(&book, &viewers, &f.ctx(), &f.policy).unwrap();
    let codes: Vec<(usize, usize, &str, Option<&str>)> = rows
        .iter()
        .map(|r| {
            (
                r.item,
                r.viewer,
                r.glance.state_code(),
                r.glance.cause_code(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![
            (0, 0, "visible", None),
            (0, 1, "never", Some("not_latest_grade")),
            (1, 0, "visible", None),
            (1, 1, "visible", None),
            (2, 0, "never", Some("rights")),
            (2, 1, "visible", None),
            (3, 0, "pending", Some("lesson_close")),
            (3, 1, "pending", Some("lesson_close")),
        ]
    );
    // R-D1: the father sees the first grade from 00:00 of D+3 (Thursday 26 March).
    assert_eq!(rows[0].glance.first_visible(), Some(t(2026, 3, 26, 0, 0)));
}

fn registered(service: Service, on: NaiveDate) -> crate::services::Registration {
    crate::services::Registration::register(
        GuardianId::new("mama").unwrap(),
        ana(),
        crate::ids::SchoolId::new("os-a").unwrap(),
        service,
        crate::services::Chooser::LegalRepresentative,
        on,
    )
    .unwrap()
    .0
}

fn ctx_on(f: &Fx, on: NaiveDate) -> Context<'_> {
    Context::new(&f.cal, &f.facts, on)
}

/// R-D9, R-C7 (seed 001:89: access to grades comes with ZA STARŠE "in poravnate letno
/// nadomestilo"): a registration for ZA STARŠE that was never paid opens no paid data;
/// the parent sees what MINIMALNI gives, and `period_on` agrees that the year is unpaid.
#[test]
fn r_d9_an_unpaid_za_starse_registration_opens_no_paid_data() {
    let f = fx();
    let reg = registered(Service::ZaStarse, d(2026, 9, 1));
    let on = d(2026, 11, 10);
    assert!(!reg.period_on(on).unwrap().notices_may_be_sent);
    let viewer = Viewer::from_registration(&reg, on).unwrap();
    let grade = Item::new(ItemKind::Grade, ana(), t(2026, 11, 2, 10, 0));
    let v = visible_from(&grade, &viewer, &ctx_on(&f, on), &f.policy).unwrap();
    assert!(
        matches!(
            v,
            Visibility::Never {
                why: Hidden::Service { .. },
                ..
            }
        ),
        "{v:?}"
    );
    assert!(v.reasons().contains(RuleId::D9) && v.reasons().contains(RuleId::C7));
    // What MINIMALNI gives stays open (R-C9, R-C10).
    let msg = Item::new(ItemKind::Message, ana(), t(2026, 11, 2, 10, 0));
    assert!(visible_from(&msg, &viewer, &ctx_on(&f, on), &f.policy)
        .unwrap()
        .from()
        .is_some());
    // Paid for the year: the grade opens from D+3 (R-D1).
    let policy = Policy::default();
    let (paid, _) = reg
        .apply(
            &crate::services::RegistrationEvent::Pay {
                school_year: SchoolYear::starting(2026).unwrap(),
            },
            d(2026, 9, 5),
            &policy,
        )
        .unwrap();
    assert!(paid.period_on(on).unwrap().notices_may_be_sent);
    let viewer = Viewer::from_registration(&paid, on).unwrap();
    let v = visible_from(&grade, &viewer, &ctx_on(&f, on), &f.policy).unwrap();
    assert_eq!(v.from(), Some(t(2026, 11, 5, 0, 0)));
    // The next school year is not paid: closed again.
    let next = d(2027, 9, 20);
    let viewer = Viewer::from_registration(&paid, next).unwrap();
    let g2 = Item::new(ItemKind::Grade, ana(), t(2027, 9, 14, 10, 0));
    assert!(visible_from(&g2, &viewer, &ctx_on(&f, next), &f.policy)
        .unwrap()
        .from()
        .is_none());
}

/// R-D9, R-C7, R-E6: for a past date the viewer of a registration is what
/// `Registration::period_on` says of that date — the service then in force, paid only
/// from the payment's date on — not the current service.
#[test]
fn r_d9_r_c7_a_registrations_viewer_on_a_past_date_has_the_service_then_in_force() {
    let policy = Policy::default();
    let reg = registered(Service::ZaStarse, d(2026, 9, 1));
    let (paid, _) = reg
        .apply(
            &crate::services::RegistrationEvent::Pay {
                school_year: SchoolYear::starting(2026).unwrap(),
            },
            d(2026, 10, 10),
            &policy,
        )
        .unwrap();
    // Before the payment: not paid yet on 15 September.
    let before = Viewer::from_registration(&paid, d(2026, 9, 15)).unwrap();
    assert!(!paid.period_on(d(2026, 9, 15)).unwrap().notices_may_be_sent);
    assert!(before.unpaid && before.service == Service::Minimalni);
    // Changed to MINIMALNI on 1 December: on 15 October it was still ZA STARŠE, paid.
    let (changed, _) = paid
        .apply(
            &crate::services::RegistrationEvent::ChangeService {
                service: Service::Minimalni,
                chooser: crate::services::Chooser::LegalRepresentative,
            },
            d(2026, 12, 1),
            &policy,
        )
        .unwrap();
    let october = Viewer::from_registration(&changed, d(2026, 10, 15)).unwrap();
    assert!(
        changed
            .period_on(d(2026, 10, 15))
            .unwrap()
            .notices_may_be_sent
    );
    assert_eq!(
        (october.service, october.unpaid),
        (Service::ZaStarse, false)
    );
    let december = Viewer::from_registration(&changed, d(2026, 12, 15)).unwrap();
    assert_eq!(
        (december.service, december.unpaid),
        (Service::Minimalni, false)
    );
}

/// R-C8, R-C7: after a change of school the old school's portal closes on the day of the
/// move — the visibility engine agrees with `Registration::period_on` on that day.
#[test]
fn r_c8_the_old_schools_portal_is_closed_on_the_day_of_the_move() {
    let f = fx();
    let policy = Policy::default();
    let reg = registered(Service::Minimalni, d(2026, 9, 1));
    let (moved, _) = reg
        .apply(
            &crate::services::RegistrationEvent::ChangeSchool {
                to: crate::ids::SchoolId::new("os-b").unwrap(),
            },
            d(2026, 11, 10),
            &policy,
        )
        .unwrap();
    let msg = Item::new(ItemKind::Message, ana(), t(2026, 11, 2, 10, 0));
    for (on, readable) in [(d(2026, 11, 9), true), (d(2026, 11, 10), false)] {
        assert_eq!(moved.period_on(on).unwrap().portal_readable, readable);
        let viewer = Viewer::from_registration(&moved, on).unwrap();
        let v = visible_from(&msg, &viewer, &ctx_on(&f, on), &f.policy).unwrap();
        assert_eq!(v.from().is_some(), readable, "{on}: {v:?}");
        if !readable {
            assert!(v.reasons().contains(RuleId::C7));
        }
    }
}

/// R-G1 with R-B4 and R-C7: excuses are sent through the portal, so a parent without the
/// portal ("Ne želim elektronskega sodelovanja", R-C1/R-B4) or whose portal has closed
/// (R-C7) may not send one, even where the class teacher agreed; the reasons say why.
#[test]
fn r_g1_no_excuse_without_the_portal_or_after_it_closed() {
    let f = fx();
    let on = d(2026, 11, 10);
    let ctx = ctx_on(&f, on).with_settings(SchoolSettings {
        meals_through_system: false,
        absence_excuses_agreed: true,
    });
    assert!(
        may_send_absence_excuse(&mama(Service::Minimalni), &ctx, &f.policy)
            .unwrap()
            .0
    );
    let (ok, why) =
        may_send_absence_excuse(&mama(Service::NoElectronicContact), &ctx, &f.policy).unwrap();
    assert!(!ok);
    assert!(
        why.contains(RuleId::G1) && why.contains(RuleId::B4),
        "{why:?}"
    );
    let closed = mama(Service::ZaStarse).readable_until(d(2026, 8, 31));
    let (ok, why) = may_send_absence_excuse(&closed, &ctx, &f.policy).unwrap();
    assert!(!ok);
    assert!(
        why.contains(RuleId::G1) && why.contains(RuleId::C7),
        "{why:?}"
    );
    // On its last readable day the portal still takes an excuse.
    let last = mama(Service::ZaStarse).readable_until(on);
    assert!(may_send_absence_excuse(&last, &ctx, &f.policy).unwrap().0);
}
