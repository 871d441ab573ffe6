//! Rights over a child's data (R-F1 … R-F8, R-D12, R-A6, R-B6, R-B7, R-C6) as a school
//! meets them: families, court decisions, adult students, staff and vendor support.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use asistent_core::chrono::{NaiveDate, TimeZone, Utc};
use asistent_core::ids::{ClassId, GuardianId, StaffId, StudentId, VendorStaffId};
use asistent_core::policy::Policy;
use asistent_core::rights::facts::{
    AdultStatement, AdultStatementKind, BarRequest, CourtDecision, CourtEffect, Facts, Family,
    ParentState, ParentStatus, Person, Relation, Relationship, SchoolLevel, StaffAssignment,
    StaffRole, Student, SupportRequest,
};
use asistent_core::rights::{
    Action, Capacity, Category, Decision, Question, ReasonKind, RightsError,
};
use asistent_core::rules::RuleId;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}
fn g(id: &str) -> GuardianId {
    GuardianId::new(id).unwrap()
}
fn s(id: &str) -> StudentId {
    StudentId::new(id).unwrap()
}
fn student(id: &str, birth: NaiveDate, level: SchoolLevel) -> Student {
    Student {
        id: s(id),
        birth_date: birth,
        class: Some(ClassId::new("7.a").unwrap()),
        level,
    }
}
/// A primary-school child (born 2013) with a mother and a father.
fn two_parents() -> Family {
    let mut f = Family::new(student("ana", d(2013, 4, 2), SchoolLevel::Primary));
    f.relations
        .push(Relation::new(g("mama"), Relationship::Parent));
    f.relations
        .push(Relation::new(g("oce"), Relationship::Parent));
    f
}
fn facts(families: Vec<Family>) -> Facts {
    Facts::new(families, vec![], vec![]).unwrap()
}
fn policy() -> Policy {
    Policy::default()
}
fn see(facts: &Facts, who: &str, child: &str, c: Category, on: NaiveDate) -> Decision {
    facts
        .decide(&Question::may_see(g(who), s(child), c, on), &policy())
        .unwrap()
}
/// Any question, decided.
fn ask(facts: &Facts, who: Person, child: &str, c: Category, a: Action, on: NaiveDate) -> Decision {
    facts
        .decide(&Question::new(who, s(child), c, a, on), &policy())
        .unwrap()
}
fn court(
    reference: &str,
    parent: &str,
    date: NaiveDate,
    final_on: Option<NaiveDate>,
    effect: CourtEffect,
) -> CourtDecision {
    CourtDecision {
        reference: reference.into(),
        date,
        final_on,
        until: None,
        parent: g(parent),
        effect,
    }
}

#[test]
fn r_f2_married_parents_both_see_everything_jointly() {
    let f = facts(vec![two_parents()]);
    for parent in ["mama", "oce"] {
        for c in Category::ALL {
            let dec = see(&f, parent, "ana", c, d(2026, 11, 23));
            assert!(dec.allowed, "{}", dec.text_en());
            assert_eq!(dec.capacity, Capacity::ParentWithCare);
            assert!(dec.has_reason(|k| matches!(k, ReasonKind::JointParentalCare)));
            assert!(dec.rule_ids().contains(&RuleId::F2));
        }
    }
}

#[test]
fn r_f2_divorced_parents_without_a_decision_keep_care_and_a_bar_request_has_no_effect_r_f4() {
    let mut fam = two_parents();
    fam.separated_on = Some(d(2022, 6, 1));
    fam.bar_requests.push(BarRequest {
        by: g("mama"),
        against: g("oce"),
        date: d(2023, 1, 10),
    });
    let f = facts(vec![fam]);
    let dec = see(&f, "oce", "ana", Category::Grades, d(2026, 11, 23));
    assert!(dec.allowed);
    assert!(dec.has_reason(|k| matches!(k, ReasonKind::SeparationChangesNothing { .. })));
    assert!(dec.has_reason(
        |k| matches!(k, ReasonKind::BarRequestWithoutEffect { by, .. } if by.as_str() == "mama")
    ));
    assert!(dec.rule_ids().contains(&RuleId::F4));
    assert!(
        dec.text_sl().contains("nima pravne podlage"),
        "{}",
        dec.text_sl()
    );
    assert!(dec
        .text_en()
        .contains("has no legal basis and has no effect"));
}

#[test]
fn r_f2_r_f4_a_final_decision_removing_care_denies_naming_its_basis_from_its_final_date() {
    let mut fam = two_parents();
    fam.court_decisions.push(court(
        "IV P 1234/2024",
        "oce",
        d(2024, 3, 1),
        Some(d(2024, 4, 15)),
        CourtEffect::RemovesCare,
    ));
    let f = facts(vec![fam]);
    // Before final: nothing changes, and the decision says a decision exists.
    let before = see(&f, "oce", "ana", Category::Grades, d(2024, 4, 1));
    assert!(before.allowed);
    assert!(before.has_reason(|k| matches!(k, ReasonKind::DecisionNotFinal)));
    // Once final: denied, with the court's reference and date.
    let after = see(&f, "oce", "ana", Category::Grades, d(2024, 4, 15));
    assert!(!after.allowed);
    assert_eq!(after.capacity, Capacity::ParentWithoutCare);
    let basis = after.bases()[0];
    assert_eq!(
        (basis.reference.as_str(), basis.date),
        ("IV P 1234/2024", d(2024, 3, 1))
    );
    assert!(
        after.text_sl().contains("IV P 1234/2024 z dne 1. 3. 2024"),
        "{}",
        after.text_sl()
    );
    // The other parent now holds care alone.
    let mama = see(&f, "mama", "ana", Category::Grades, d(2024, 5, 1));
    assert!(mama.allowed);
    assert!(mama.has_reason(|k| matches!(k, ReasonKind::OtherParentLostCare { .. })));
}

#[test]
fn r_f2_a_decision_that_is_not_final_changes_nothing() {
    let mut fam = two_parents();
    fam.court_decisions.push(court(
        "IV P 99/2026",
        "oce",
        d(2026, 9, 1),
        None,
        CourtEffect::RemovesCare,
    ));
    let f = facts(vec![fam]);
    let dec = see(&f, "oce", "ana", Category::Absences, d(2026, 11, 23));
    assert!(dec.allowed);
    assert!(dec.has_reason(|k| matches!(k, ReasonKind::DecisionNotFinal)));
    assert!(dec.text_en().contains("not final and changes nothing"));
}

#[test]
fn r_f4_a_per_category_restriction_hides_absences_but_shows_grades() {
    let mut fam = two_parents();
    fam.court_decisions.push(court(
        "I R 55/2025",
        "oce",
        d(2025, 2, 1),
        Some(d(2025, 3, 1)),
        CourtEffect::RestrictsCategories {
            categories: vec![Category::Absences],
        },
    ));
    let f = facts(vec![fam]);
    let absences = see(&f, "oce", "ana", Category::Absences, d(2026, 1, 5));
    assert!(!absences.allowed);
    assert!(absences.has_reason(|k| matches!(
        k,
        ReasonKind::CategoryRestricted {
            category: Category::Absences
        }
    )));
    assert_eq!(absences.bases()[0].reference, "I R 55/2025");
    assert!(see(&f, "oce", "ana", Category::Grades, d(2026, 1, 5)).allowed);
}

#[test]
fn r_f2_a_dead_or_prevented_parent_leaves_care_to_the_other() {
    let mut fam = two_parents();
    fam.parent_statuses.push(ParentStatus {
        parent: g("oce"),
        state: ParentState::Prevented,
        from: d(2025, 1, 1),
        until: Some(d(2025, 12, 31)),
        reference: "CSD Ljubljana 1200-5/2025".into(),
    });
    let f = facts(vec![fam]);
    let mama = see(&f, "mama", "ana", Category::Grades, d(2025, 6, 1));
    assert!(mama.has_reason(|k| matches!(
        k,
        ReasonKind::SoleParentalCare {
            state: ParentState::Prevented,
            ..
        }
    )));
    let oce = see(&f, "oce", "ana", Category::Grades, d(2025, 6, 1));
    assert!(!oce.allowed);
    assert_eq!(oce.bases()[0].reference, "CSD Ljubljana 1200-5/2025");
    // After the period, joint care again.
    assert!(see(&f, "oce", "ana", Category::Grades, d(2026, 1, 5)).allowed);
}

#[test]
fn r_f1_a_foster_placement_ending_ends_the_foster_parents_rights() {
    let mut fam = Family::new(student("bor", d(2014, 8, 20), SchoolLevel::Primary));
    fam.relations.push(
        Relation::new(g("rejnica"), Relationship::FosterParent)
            .during(d(2020, 1, 1), Some(d(2026, 6, 30))),
    );
    let f = facts(vec![fam]);
    let during = see(&f, "rejnica", "bor", Category::Grades, d(2026, 6, 30));
    assert!(during.allowed);
    assert_eq!(during.capacity, Capacity::LegalRepresentative);
    assert!(during.rule_ids().contains(&RuleId::F3));
    let after = see(&f, "rejnica", "bor", Category::Grades, d(2026, 7, 1));
    assert!(!after.allowed);
    assert!(after.has_reason(|k| matches!(k, ReasonKind::RelationshipNotInForce { .. })));
    assert!(after.rule_ids().contains(&RuleId::F1));
}

#[test]
fn r_f3_an_adoptive_parent_gains_care_a_guardian_is_only_a_representative() {
    let mut fam = Family::new(student("cene", d(2012, 1, 9), SchoolLevel::Primary));
    fam.relations.push(
        Relation::new(g("posvojitelj"), Relationship::AdoptiveParent).during(d(2019, 5, 1), None),
    );
    fam.relations.push(
        Relation::new(g("skrbnik"), Relationship::Guardian)
            .during(d(2016, 1, 1), Some(d(2019, 4, 30))),
    );
    let f = facts(vec![fam]);
    let adopted = see(&f, "posvojitelj", "cene", Category::Grades, d(2020, 1, 1));
    assert!(adopted.allowed);
    assert_eq!(adopted.capacity, Capacity::ParentWithCare);
    assert!(adopted.has_reason(|k| matches!(k, ReasonKind::AdoptiveParentCare)));
    assert!(!see(&f, "posvojitelj", "cene", Category::Grades, d(2019, 4, 30)).allowed);
    let guardian = see(&f, "skrbnik", "cene", Category::Grades, d(2018, 1, 1));
    assert!(guardian.allowed);
    assert_eq!(guardian.capacity, Capacity::LegalRepresentative);
    assert!(guardian
        .text_sl()
        .contains("skrbnik je otrokov zakoniti zastopnik"));
}

#[test]
fn r_f1_a_step_parent_and_a_relative_have_no_rights_of_their_own() {
    let mut fam = two_parents();
    fam.relations
        .push(Relation::new(g("ocim"), Relationship::StepParent));
    fam.relations
        .push(Relation::new(g("babica"), Relationship::Relative));
    let f = facts(vec![fam]);
    for who in ["ocim", "babica"] {
        let dec = see(&f, who, "ana", Category::Meals, d(2026, 11, 23));
        assert!(!dec.allowed);
        assert_eq!(dec.capacity, Capacity::NoRights);
        assert_eq!(dec.rule_ids(), vec![RuleId::F1]);
    }
    let stranger = see(&f, "nekdo", "ana", Category::Meals, d(2026, 11, 23));
    assert_eq!(stranger.capacity, Capacity::Unrelated);
}

fn adult_secondary() -> Family {
    // Born 2007-03-10: adult from 2025-03-10.
    let mut f = Family::new(student("dijak", d(2007, 3, 10), SchoolLevel::Secondary));
    f.relations
        .push(Relation::new(g("mama"), Relationship::Parent));
    f
}

#[test]
fn r_d12_an_adult_student_decides_and_parents_are_informed_unless_objected() {
    let f = facts(vec![adult_secondary()]);
    let minor = see(&f, "mama", "dijak", Category::Grades, d(2025, 3, 9));
    assert!(!minor.rule_ids().contains(&RuleId::D12));
    let informed = see(&f, "mama", "dijak", Category::Grades, d(2025, 3, 10));
    assert!(informed.allowed);
    assert!(informed.has_reason(|k| matches!(k, ReasonKind::ParentsInformedUnlessObjected)));
    assert_eq!(
        informed.bases()[0].reference,
        "Zakon o gimnazijah, 43.a člen"
    );
    let decide = ask(
        &f,
        Person::Guardian(g("mama")),
        "dijak",
        Category::PersonalData,
        Action::Decide,
        d(2025, 3, 10),
    );
    assert!(!decide.allowed);
    let own = ask(
        &f,
        Person::Student(s("dijak")),
        "dijak",
        Category::ServiceChoice,
        Action::Decide,
        d(2025, 3, 10),
    );
    // R-C6 (the seed wins over R-D12 here): only parents set the service, also for an
    // adult student.
    assert!(!own.allowed);
    assert_eq!(own.capacity, Capacity::AdultStudent);
    assert!(own.rule_ids().contains(&RuleId::C6));
    let other = ask(
        &f,
        Person::Student(s("dijak")),
        "dijak",
        Category::Absences,
        Action::Decide,
        d(2025, 3, 10),
    );
    assert!(
        other.allowed,
        "R-D12: an adult student decides about their own data"
    );
    // … and the parents still set the service (R-C6).
    let parent = ask(
        &f,
        Person::Guardian(g("mama")),
        "dijak",
        Category::ServiceChoice,
        Action::Change,
        d(2025, 3, 10),
    );
    assert!(parent.allowed);
    assert!(parent.rule_ids().contains(&RuleId::C6));
}

#[test]
fn r_d12_an_adult_student_who_objected_and_the_status_exception() {
    let mut fam = adult_secondary();
    fam.adult_statements.push(AdultStatement {
        date: d(2025, 9, 5),
        kind: AdultStatementKind::Objects,
    });
    let f = facts(vec![fam]);
    let objected = see(&f, "mama", "dijak", Category::Absences, d(2025, 10, 1));
    assert!(!objected.allowed);
    assert!(objected.has_reason(|k| matches!(k, ReasonKind::AdultObjected { .. })));
    assert!(!objected.bases().is_empty());
    // A matter that could cost the student their status: parents are told regardless.
    let status = f
        .decide(
            &Question::may_see(g("mama"), s("dijak"), Category::Absences, d(2025, 10, 1))
                .about_student_status(),
            &policy(),
        )
        .unwrap();
    assert!(status.allowed);
    assert!(status.has_reason(|k| matches!(k, ReasonKind::StatusException)));
    // Before the objection the parents were informed.
    assert!(see(&f, "mama", "dijak", Category::Absences, d(2025, 9, 4)).allowed);
}

#[test]
fn r_d12_the_2018_regime_required_consent_and_names_itself() {
    // Born 2000-01-01: adult during the 2018/19 consent regime.
    let mut fam = Family::new(student("stari", d(2000, 1, 1), SchoolLevel::Secondary));
    fam.relations
        .push(Relation::new(g("oce"), Relationship::Parent));
    let f = facts(vec![fam]);
    let dec = see(&f, "oce", "stari", Category::Grades, d(2018, 10, 1));
    assert!(!dec.allowed);
    assert!(dec.has_reason(|k| matches!(k, ReasonKind::ConsentRequired { given: false })));
    assert!(dec.bases()[0].reference.contains("GDPR"));
    assert!(see(&f, "oce", "stari", Category::Grades, d(2019, 9, 1)).allowed);
}

#[test]
fn r_c6_only_parents_set_the_service_and_r_b6_r_b7_who_changes_contact_data() {
    let mut fam = two_parents();
    fam.entered_with_security_code.push(g("mama"));
    let staff = vec![StaffAssignment {
        staff: StaffId::new("razrednik").unwrap(),
        role: StaffRole::ClassTeacher,
        class: Some(ClassId::new("7.a").unwrap()),
        from: None,
        until: None,
    }];
    let f = Facts::new(vec![fam], staff, vec![]).unwrap();
    let ask = |p: Person, c: Category, a: Action| {
        f.decide(
            &Question::new(p, s("ana"), c, a, d(2026, 11, 23)),
            &policy(),
        )
        .unwrap()
    };
    let child = ask(
        Person::Student(s("ana")),
        Category::ServiceChoice,
        Action::Change,
    );
    assert!(!child.allowed);
    assert_eq!(child.rule_ids(), vec![RuleId::C6]);
    assert!(
        ask(
            Person::Guardian(g("oce")),
            Category::ServiceChoice,
            Action::Change
        )
        .allowed
    );
    let with_code = ask(
        Person::Guardian(g("mama")),
        Category::ContactData,
        Action::Change,
    );
    assert!(with_code.allowed && with_code.rule_ids().contains(&RuleId::B6));
    let without = ask(
        Person::Guardian(g("oce")),
        Category::ContactData,
        Action::Change,
    );
    assert!(!without.allowed);
    assert!(without.text_en().contains("class teacher, who enters it"));
    let student_email = ask(
        Person::Student(s("ana")),
        Category::ContactData,
        Action::Change,
    );
    assert!(!student_email.allowed);
    assert_eq!(student_email.rule_ids(), vec![RuleId::B7]);
    let teacher = ask(
        Person::Staff(StaffId::new("razrednik").unwrap()),
        Category::ContactData,
        Action::Change,
    );
    assert!(teacher.allowed && teacher.rule_ids().contains(&RuleId::B7));
}

#[test]
fn r_f5_staff_class_teacher_teacher_limited_counsellor_per_policy() {
    let staff = vec![
        StaffAssignment {
            staff: StaffId::new("razrednik").unwrap(),
            role: StaffRole::ClassTeacher,
            class: Some(ClassId::new("7.a").unwrap()),
            from: None,
            until: None,
        },
        StaffAssignment {
            staff: StaffId::new("ucitelj").unwrap(),
            role: StaffRole::Teacher,
            class: Some(ClassId::new("7.a").unwrap()),
            from: None,
            until: None,
        },
        StaffAssignment {
            staff: StaffId::new("drugi").unwrap(),
            role: StaffRole::Teacher,
            class: Some(ClassId::new("8.b").unwrap()),
            from: None,
            until: None,
        },
        StaffAssignment {
            staff: StaffId::new("svetovalka").unwrap(),
            role: StaffRole::Counsellor,
            class: None,
            from: None,
            until: None,
        },
    ];
    let f = Facts::new(vec![two_parents()], staff, vec![]).unwrap();
    let ask = |who: &str, c: Category| {
        f.decide(
            &Question::new(
                Person::Staff(StaffId::new(who).unwrap()),
                s("ana"),
                c,
                Action::See,
                d(2026, 11, 23),
            ),
            &policy(),
        )
        .unwrap()
    };
    assert!(ask("razrednik", Category::Remarks).allowed);
    assert!(ask("ucitelj", Category::Grades).allowed);
    let limited = ask("ucitelj", Category::ContactData);
    assert!(!limited.allowed);
    assert!(limited.has_reason(|k| matches!(
        k,
        ReasonKind::OutsideStaffScope {
            role: StaffRole::Teacher
        }
    )));
    assert!(!ask("drugi", Category::Grades).allowed);
    assert!(ask("svetovalka", Category::PersonalData).allowed);
    assert!(!ask("svetovalka", Category::ServiceChoice).allowed);
    assert!(ask("razrednik", Category::Grades)
        .rule_ids()
        .contains(&RuleId::F5));
}

fn vendor_facts(request_on: NaiveDate) -> Facts {
    let req = SupportRequest {
        reference: "ZAHTEVA-2026-117".into(),
        vendor_staff: VendorStaffId::new("podpora-1").unwrap(),
        requested_on: request_on,
        from: d(2026, 11, 20),
        until: d(2026, 11, 27),
        students: vec![s("ana")],
        categories: vec![Category::Grades],
        purpose: "napačno povprečje ocen".into(),
    };
    Facts::new(vec![two_parents()], vec![], vec![req]).unwrap()
}

#[test]
fn r_f6_a_vendor_without_a_school_request_is_denied_and_recorded() {
    let f = facts(vec![two_parents()]);
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let (dec, record) = f
        .access(
            Person::Vendor(VendorStaffId::new("podpora-1").unwrap()),
            s("ana"),
            Category::Grades,
            Action::See,
            "radovednost",
            at,
            &policy(),
        )
        .unwrap();
    assert!(!dec.allowed);
    assert_eq!(dec.rule_ids(), vec![RuleId::F6]);
    assert!(!record.allowed);
    assert_eq!(record.role, Capacity::VendorSupport);
    assert_eq!(record.at, at);
    assert_eq!(record.basis, None);
}

#[test]
fn r_f6_r_f8_a_vendor_on_the_schools_prior_request_limited_in_scope_and_time() {
    let f = vendor_facts(d(2026, 11, 19));
    let v = Person::Vendor(VendorStaffId::new("podpora-1").unwrap());
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let (dec, record) = f
        .access(
            v.clone(),
            s("ana"),
            Category::Grades,
            Action::See,
            "napačno povprečje ocen",
            at,
            &policy(),
        )
        .unwrap();
    assert!(dec.allowed, "{}", dec.text_en());
    assert_eq!(dec.rule_ids(), vec![RuleId::F6, RuleId::F8]);
    assert_eq!(record.basis.as_ref().unwrap().reference, "ZAHTEVA-2026-117");
    assert_eq!(record.purpose, "napačno povprečje ocen");
    assert_eq!(record.rules, vec![RuleId::F6, RuleId::F8]);
    let json = serde_json::to_string(&record).unwrap();
    assert_eq!(
        serde_json::from_str::<asistent_core::rights::AccessRecord>(&json).unwrap(),
        record
    );
    // Outside scope: another category, or after the window.
    let (other, _) = f
        .access(
            v.clone(),
            s("ana"),
            Category::Absences,
            Action::See,
            "x",
            at,
            &policy(),
        )
        .unwrap();
    assert!(!other.allowed);
    let late = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
    assert!(
        !f.access(
            v.clone(),
            s("ana"),
            Category::Grades,
            Action::See,
            "x",
            late,
            &policy()
        )
        .unwrap()
        .0
        .allowed
    );
    // A request made after access began is not a prior request.
    let f2 = vendor_facts(d(2026, 11, 21));
    let (dec2, _) = f2
        .access(
            v,
            s("ana"),
            Category::Grades,
            Action::See,
            "x",
            at,
            &policy(),
        )
        .unwrap();
    assert!(!dec2.allowed);
    assert!(dec2.has_reason(|k| matches!(k, ReasonKind::VendorRequestInvalid { .. })));
}

fn request(
    reference: &str,
    requested_on: NaiveDate,
    from: NaiveDate,
    until: NaiveDate,
) -> SupportRequest {
    SupportRequest {
        reference: reference.into(),
        vendor_staff: VendorStaffId::new("podpora-1").unwrap(),
        requested_on,
        from,
        until,
        students: vec![s("ana")],
        categories: vec![Category::Grades],
        purpose: "napačno povprečje ocen".into(),
    }
}

/// R-F6: vendor access does not depend on the order of the school's requests: allowed
/// when any covering request is valid; when none is, the denial names the same request
/// whatever the order.
#[test]
fn r_f6_vendor_access_does_not_depend_on_the_order_of_requests() {
    // Too long (61 days > 14) and valid (3 days), both covering 11 November.
    let too_long = request(
        "ZAHTEVA-DOLGA",
        d(2026, 10, 30),
        d(2026, 11, 1),
        d(2026, 12, 31),
    );
    let valid = request(
        "ZAHTEVA-KRATKA",
        d(2026, 11, 9),
        d(2026, 11, 10),
        d(2026, 11, 12),
    );
    let vendor = Person::Vendor(VendorStaffId::new("podpora-1").unwrap());
    let on = d(2026, 11, 11);
    for reqs in [
        vec![too_long.clone(), valid.clone()],
        vec![valid.clone(), too_long.clone()],
    ] {
        let f = Facts::new(vec![two_parents()], vec![], reqs).unwrap();
        let dec = ask(&f, vendor.clone(), "ana", Category::Grades, Action::See, on);
        assert!(dec.allowed, "{}", dec.text_en());
        assert_eq!(dec.rule_ids(), vec![RuleId::F6, RuleId::F8]);
    }
    // Two invalid covering requests (too long; made after access began): denied, naming
    // the same one in both orders.
    let late = request(
        "ZAHTEVA-POZNA",
        d(2026, 11, 11),
        d(2026, 11, 10),
        d(2026, 11, 12),
    );
    let mut named = Vec::new();
    for reqs in [
        vec![too_long.clone(), late.clone()],
        vec![late.clone(), too_long.clone()],
    ] {
        let f = Facts::new(vec![two_parents()], vec![], reqs).unwrap();
        let dec = ask(&f, vendor.clone(), "ana", Category::Grades, Action::See, on);
        assert!(!dec.allowed);
        assert!(dec.has_reason(|k| matches!(k, ReasonKind::VendorRequestInvalid { .. })));
        named.push(dec.text_en());
    }
    assert_eq!(named[0], named[1]);
    // Two valid covering requests: the basis recorded for the audit trail (R-F6) is the
    // earliest made, whatever the order.
    let earlier = request(
        "ZAHTEVA-PREJ",
        d(2026, 11, 8),
        d(2026, 11, 10),
        d(2026, 11, 12),
    );
    let mut bases = Vec::new();
    for reqs in [
        vec![valid.clone(), earlier.clone()],
        vec![earlier.clone(), valid.clone()],
    ] {
        let f = Facts::new(vec![two_parents()], vec![], reqs).unwrap();
        let dec = ask(&f, vendor.clone(), "ana", Category::Grades, Action::See, on);
        assert!(dec.allowed);
        bases.push(dec.text_en());
    }
    assert_eq!(bases[0], bases[1]);
    assert!(bases[0].contains("ZAHTEVA-PREJ"), "{}", bases[0]);
}

/// R-D2, R-D3, R-G2, R-C10: a student seeing their own data is told the rule of that
/// category — R-D2 for grades (seed 001:91), R-D3 for announced assessments (001:83, 95),
/// R-G2 for meals (001:10, 25); for the other categories the catalogue has no rule of
/// their own, so the most general one: R-C10 (the student portal, free for every student,
/// 001:66) — never the grade rule R-D2.
#[test]
fn r_d2_r_c10_a_student_sees_their_own_data_under_the_rule_of_its_category() {
    let f = facts(vec![two_parents()]);
    let me = Person::Student(s("ana"));
    let on = d(2026, 11, 23);
    let rule = |c: Category| {
        let dec = ask(&f, me.clone(), "ana", c, Action::See, on);
        assert!(dec.allowed);
        dec.rule_ids()
    };
    assert_eq!(rule(Category::Grades), vec![RuleId::D2]);
    assert_eq!(rule(Category::AnnouncedAssessments), vec![RuleId::D3]);
    assert_eq!(rule(Category::Meals), vec![RuleId::G2]);
    for c in [
        Category::Absences,
        Category::Homework,
        Category::PraiseAndComments,
        Category::Remarks,
        Category::Messages,
        Category::PersonalData,
        Category::ContactData,
        Category::ServiceChoice,
    ] {
        assert_eq!(rule(c), vec![RuleId::C10], "{c:?}");
    }
}

#[test]
fn r_f7_parents_exercise_gdpr_rights_at_the_school() {
    let f = facts(vec![two_parents()]);
    let dec = f
        .decide(
            &Question::new(
                Person::Guardian(g("mama")),
                s("ana"),
                Category::PersonalData,
                Action::Decide,
                d(2026, 11, 23),
            ),
            &policy(),
        )
        .unwrap();
    assert!(dec.allowed);
    assert!(dec.rule_ids().contains(&RuleId::F7));
}

#[test]
fn r_a6_one_login_many_children_each_with_what_they_may_see() {
    let mut a = two_parents();
    a.court_decisions.push(court(
        "I R 1/2025",
        "oce",
        d(2025, 1, 1),
        Some(d(2025, 2, 1)),
        CourtEffect::RestrictsCategories {
            categories: vec![Category::Absences],
        },
    ));
    let mut b = Family::new(student("brat", d(2016, 5, 5), SchoolLevel::Primary));
    b.relations
        .push(Relation::new(g("oce"), Relationship::Parent));
    let mut c = Family::new(student("pastorka", d(2015, 5, 5), SchoolLevel::Primary));
    c.relations
        .push(Relation::new(g("oce"), Relationship::StepParent));
    let f = facts(vec![a, b, c]);
    let kids = f
        .children_of(&g("oce"), d(2026, 11, 23), &policy())
        .unwrap();
    let names: Vec<&str> = kids.iter().map(|k| k.student.as_str()).collect();
    assert_eq!(names, vec!["ana", "brat"]);
    assert!(!kids[0].visible.contains(&Category::Absences));
    assert!(kids[0].visible.contains(&Category::Grades));
    assert_eq!(kids[1].visible.len(), Category::ALL.len());
}

#[test]
fn batch_decides_every_guardian_child_and_category_in_one_call() {
    let f = facts(vec![two_parents(), adult_secondary()]);
    let all = f.decide_every_guardian(Action::See, d(2026, 11, 23), &policy());
    assert_eq!(all.len(), 3 * Category::ALL.len());
    let qs: Vec<Question> = Category::ALL
        .iter()
        .map(|c| Question::may_see(g("mama"), s("ana"), *c, d(2026, 11, 23)))
        .collect();
    let many = f.decide_many(&qs, &policy()).unwrap();
    assert_eq!(many.len(), Category::ALL.len());
    assert!(many.iter().all(|x| x.allowed));
}

#[test]
fn a_decision_renders_in_slovenian_and_english() {
    let mut fam = two_parents();
    fam.court_decisions.push(court(
        "I R 55/2025",
        "oce",
        d(2025, 2, 1),
        Some(d(2025, 3, 1)),
        CourtEffect::RestrictsCategories {
            categories: vec![Category::Absences],
        },
    ));
    fam.bar_requests.push(BarRequest {
        by: g("mama"),
        against: g("oce"),
        date: d(2025, 1, 10),
    });
    let f = facts(vec![fam]);
    let dec = see(&f, "oce", "ana", Category::Absences, d(2026, 1, 5));
    insta::assert_snapshot!(format!("{}\n\n{}", dec.text_sl(), dec.text_en()));
    let json = serde_json::to_string(&dec).unwrap();
    assert_eq!(serde_json::from_str::<Decision>(&json).unwrap(), dec);
}

#[test]
fn facts_round_trip_through_json() {
    let mut fam = two_parents();
    fam.court_decisions.push(court(
        "I R 55/2025",
        "oce",
        d(2025, 2, 1),
        Some(d(2025, 3, 1)),
        CourtEffect::RemovesCare,
    ));
    let f = facts(vec![fam, adult_secondary()]);
    assert_eq!(Facts::from_json(&f.to_json()).unwrap(), f);
}

// ---- bad input --------------------------------------------------------------------------

#[test]
fn bad_input_a_decision_dated_before_the_childs_birth() {
    let mut fam = two_parents();
    fam.court_decisions.push(court(
        "IV P 1/2010",
        "oce",
        d(2010, 1, 1),
        Some(d(2010, 2, 1)),
        CourtEffect::RemovesCare,
    ));
    let err = Facts::new(vec![fam], vec![], vec![]).unwrap_err();
    assert!(
        matches!(&err, RightsError::DatedBeforeBirth { date, birth_date, .. } if *date == d(2010, 1, 1) && *birth_date == d(2013, 4, 2))
    );
    assert_eq!(
        err.to_string(),
        "court decision `IV P 1/2010` of student `ana` is dated 2010-01-01, before the child's birth on 2013-04-02"
    );
    let f = facts(vec![two_parents()]);
    let err = f
        .decide(
            &Question::may_see(g("mama"), s("ana"), Category::Grades, d(2012, 1, 1)),
            &policy(),
        )
        .unwrap_err();
    assert!(matches!(err, RightsError::DatedBeforeBirth { .. }));
}

#[test]
fn bad_input_a_relationship_to_oneself() {
    let mut fam = two_parents();
    fam.relations
        .push(Relation::new(g("ana"), Relationship::Relative));
    let err = Facts::new(vec![fam], vec![], vec![]).unwrap_err();
    assert_eq!(
        err,
        RightsError::RelationshipToSelf {
            id: "ana".into(),
            relationship: "relative".into()
        }
    );
    assert_eq!(err.to_string(), "`ana` is recorded as the relative of themselves: a relationship needs two different people");
}

#[test]
fn bad_input_an_unknown_category_and_unknown_student_and_json() {
    let err: RightsError = "report_cards".parse::<Category>().unwrap_err().into();
    assert!(matches!(&err, RightsError::UnknownCategory(e) if e.input == "report_cards"));
    assert!(err
        .to_string()
        .starts_with("`report_cards` is not a data category"));
    let f = facts(vec![two_parents()]);
    let err = f
        .decide(
            &Question::may_see(g("mama"), s("nihce"), Category::Grades, d(2026, 1, 1)),
            &policy(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "student `nihce` is not in the school's facts"
    );
    let err = Facts::from_json(r#"{"families": [{"student": {"id": "x", "birth_date": "2015-01-01", "level": "primary"}, "relations": [{"guardian": "m", "relationship": "aunt"}]}]}"#).unwrap_err();
    assert!(
        matches!(&err, RightsError::Parse { field, reason } if field == "line 1 column 141" && reason.contains("unknown variant `aunt`")),
        "{err:?}"
    );
}

// ---- properties -------------------------------------------------------------------------

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..6000).prop_map(|n| d(2010, 1, 1) + asistent_core::chrono::Duration::days(n))
}

fn arb_category() -> impl Strategy<Value = Category> {
    prop::sample::select(Category::ALL.to_vec())
}

prop_compose! {
    fn arb_decision()(final_after in prop::option::of(0i64..400), date in arb_date(), until in prop::option::of(0i64..800),
                      removes in any::<bool>(), cats in prop::collection::vec(arb_category(), 1..4), parent in prop::bool::ANY, n in 0u32..1000) -> CourtDecision {
        let effect = if removes { CourtEffect::RemovesCare } else { CourtEffect::RestrictsCategories { categories: cats } };
        CourtDecision {
            reference: format!("P {n}/2026"),
            date,
            final_on: final_after.map(|x| date + asistent_core::chrono::Duration::days(x)),
            until: until.map(|x| date + asistent_core::chrono::Duration::days(x + final_after.unwrap_or(0))),
            parent: g(if parent { "mama" } else { "oce" }),
            effect,
        }
    }
}

fn family_with(
    decisions: Vec<CourtDecision>,
    objects: Option<NaiveDate>,
    secondary: bool,
) -> Family {
    let mut f = Family::new(student(
        "ana",
        d(2005, 1, 1),
        if secondary {
            SchoolLevel::Secondary
        } else {
            SchoolLevel::Primary
        },
    ));
    f.relations
        .push(Relation::new(g("mama"), Relationship::Parent));
    f.relations
        .push(Relation::new(g("oce"), Relationship::Parent));
    f.court_decisions = decisions;
    if let Some(date) = objects {
        f.adult_statements.push(AdultStatement {
            date,
            kind: AdultStatementKind::Objects,
        });
    }
    f
}

proptest! {
    /// R-F4: every denial of a parent's access names a basis (a court decision or a law).
    #[test]
    fn r_f4_every_denial_names_a_basis(decisions in prop::collection::vec(arb_decision(), 0..4),
                                       objects in prop::option::of(arb_date()), secondary in any::<bool>(),
                                       date in arb_date(), cat in arb_category(), mama in any::<bool>()) {
        let f = facts(vec![family_with(decisions, objects, secondary)]);
        let dec = see(&f, if mama { "mama" } else { "oce" }, "ana", cat, date);
        if !dec.allowed {
            prop_assert!(!dec.bases().is_empty() || dec.has_reason(|k| matches!(k, ReasonKind::AdultPrimaryStudent)), "{}", dec.text_en());
            prop_assert!(!dec.reasons.is_empty());
        }
    }

    /// R-F2: with no court decision and no adult student, both parents may always see.
    #[test]
    fn r_f2_without_decisions_and_minors_both_parents_always_see(birth in 0i64..3000, age in 0i64..6000, cat in arb_category(), sep in any::<bool>()) {
        let born = d(2010, 1, 1) + asistent_core::chrono::Duration::days(birth);
        let on = born + asistent_core::chrono::Duration::days(age % (17 * 365));
        let mut fam = Family::new(student("ana", born, SchoolLevel::Secondary));
        fam.relations.push(Relation::new(g("mama"), Relationship::Parent));
        fam.relations.push(Relation::new(g("oce"), Relationship::Parent));
        if sep { fam.separated_on = Some(born); fam.bar_requests.push(BarRequest { by: g("mama"), against: g("oce"), date: born }); }
        let f = facts(vec![fam]);
        for p in ["mama", "oce"] {
            prop_assert!(see(&f, p, "ana", cat, on).allowed);
        }
    }

    /// R-F2: the answer on a date never depends on decisions dated after it.
    #[test]
    fn r_f2_decisions_dated_after_the_question_do_not_matter(decisions in prop::collection::vec(arb_decision(), 0..5),
                                                            date in arb_date(), cat in arb_category(), mama in any::<bool>()) {
        let all = facts(vec![family_with(decisions.clone(), None, false)]);
        let earlier: Vec<CourtDecision> = decisions.into_iter().filter(|c| c.date <= date).collect();
        let only = facts(vec![family_with(earlier, None, false)]);
        let who = if mama { "mama" } else { "oce" };
        let a = see(&all, who, "ana", cat, date);
        let b = see(&only, who, "ana", cat, date);
        prop_assert_eq!(a, b);
    }
}

#[test]
fn r_d12_r_f5_r_f6_the_rights_policy_section_is_checked_naming_the_field() {
    assert_eq!(Policy::from_json("{}").unwrap(), Policy::default());
    let err = Policy::from_json(r#"{"rights": {"adult_age": 5}}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy field `rights.adult_age` is invalid: 5 is not an age of majority (expected 14–21)"
    );
    let err = Policy::from_json(
        r#"{"rights": {"adult_regimes": [
            {"from": "2019-09-01", "informing": "unless_objected", "reference": "a"},
            {"from": "2018-05-25", "informing": "consent_required", "reference": "b"}]}}"#,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("policy field `rights.adult_regimes[1].from` is invalid"),
        "{err}"
    );
    let err = Policy::from_json(r#"{"rights": {"vendor_max_access_days": 0}}"#).unwrap_err();
    assert!(err.to_string().contains("rights.vendor_max_access_days"));
    // A teacher limited to grades under a school's own policy.
    let policy = Policy::from_json(r#"{"rights": {"teacher_categories": ["grades"]}}"#).unwrap();
    let staff = vec![StaffAssignment {
        staff: StaffId::new("ucitelj").unwrap(),
        role: StaffRole::Teacher,
        class: Some(ClassId::new("7.a").unwrap()),
        from: None,
        until: None,
    }];
    let f = Facts::new(vec![two_parents()], staff, vec![]).unwrap();
    let ask = |c| {
        f.decide(
            &Question::new(
                Person::Staff(StaffId::new("ucitelj").unwrap()),
                s("ana"),
                c,
                Action::See,
                d(2026, 11, 23),
            ),
            &policy,
        )
        .unwrap()
        .allowed
    };
    assert!(ask(Category::Grades));
    assert!(!ask(Category::Absences));
}
