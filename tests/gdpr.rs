//! GDPR requests (R-F7), controller and processor (R-F8), the statutory collections and
//! their retention (R-F9), as a school meets them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use asistent_core::chrono::{NaiveDate, TimeZone, Utc};
use asistent_core::gdpr::{
    self, Collection, Decision, DeletionDate, Duty, GdprError, GdprRequest, Party, RequestKind,
    Restriction, RestrictionEvent, Standing, COMPLAINT,
};
use asistent_core::policy::Policy;
use asistent_core::rules::RuleId;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn req(kind: RequestKind, record_kind: &str) -> GdprRequest {
    GdprRequest {
        standing: Standing::ParentOfMinor,
        kind,
        record_kind: record_kind.into(),
        end_of_schooling: None,
        accuracy_contested: false,
        consent_withdrawn: false,
    }
}

#[test]
fn r_f7_access_and_rectification_are_granted_to_a_parent_at_the_school() {
    let p = Policy::default();
    let out = gdpr::decide(&req(RequestKind::Access, "progress"), d(2026, 11, 2), &p).unwrap();
    assert_eq!(out.decision, Decision::Granted);
    assert_eq!(out.duties, [Duty::ProvideCopy]);
    assert_eq!(out.roles.controller, Party::School);
    assert!(out.complaint.is_none());
    assert!(out.text_sl.contains("pregledati, prepisati in kopirati"));
    let out = gdpr::decide(
        &req(RequestKind::Rectification, "parent_data"),
        d(2026, 11, 2),
        &p,
    )
    .unwrap();
    assert_eq!(out.decision, Decision::Granted);
    assert!(out.text_en.contains("within 7 days"), "{}", out.text_en);
}

#[test]
fn r_f7_r_f9_erasure_of_certificates_is_refused_naming_the_provision() {
    let p = Policy::default();
    let mut r = req(RequestKind::Erasure, "certificates");
    r.end_of_schooling = Some(d(2020, 6, 15));
    let out = gdpr::decide(&r, d(2026, 11, 2), &p).unwrap();
    assert_eq!(out.decision, Decision::Refused);
    assert_eq!(out.provisions, ["GDPR Art. 17(3)(b)", "ZOsn Art. 98"]);
    assert_eq!(out.complaint, Some(COMPLAINT));
    assert!(out.rules.contains(&RuleId::F9));
    insta::assert_snapshot!(format!("{}\n{}", out.text_sl, out.text_en), @r"
    Izbris podatkov »izdana spričevala« je zavrnjen: 98. člen Zakona o osnovni šoli zahteva njihovo trajno hrambo (člen 17(3)(b) Splošne uredbe). Pravico uveljavljate pri upravljavcu: šola. Pritožbo lahko vložite pri organu Informacijski pooblaščenec, Dunajska cesta 22, 1000 Ljubljana, gp.ip@ip-rs.si, tel. 01 230 97 30.
    Erasure of “certificates issued” is refused: Article 98 of the Primary School Act (ZOsn) requires keeping them permanently (GDPR Art. 17(3)(b)). The right is exercised at the controller: the school. You may complain to the Information Commissioner of the Republic of Slovenia, Dunajska cesta 22, 1000 Ljubljana, gp.ip@ip-rs.si, tel. 01 230 97 30.
    ");
}

#[test]
fn r_f9_the_rest_is_kept_until_one_year_after_schooling() {
    let p = Policy::default();
    let mut r = req(RequestKind::Erasure, "counselling");
    // Still at school: refused without a date.
    let out = gdpr::decide(&r, d(2026, 11, 2), &p).unwrap();
    assert_eq!(out.decision, Decision::Refused);
    // Finished on 15 June 2026: kept until 15 June 2027.
    r.end_of_schooling = Some(d(2026, 6, 15));
    let out = gdpr::decide(&r, d(2026, 11, 2), &p).unwrap();
    assert_eq!(out.decision, Decision::Refused);
    assert_eq!(out.duties, [Duty::DeleteOn(d(2027, 6, 15))]);
    assert!(out.text_en.contains("until 2027-06-15"));
    let out = gdpr::decide(&r, d(2027, 6, 15), &p).unwrap();
    assert_eq!(out.decision, Decision::Granted);
    assert_eq!(
        gdpr::deletion_date(&p, "counselling", d(2026, 6, 15)),
        Ok(DeletionDate::On(d(2027, 6, 15)))
    );
    assert_eq!(
        gdpr::deletion_date(&p, "student_record", d(2026, 6, 15)),
        Ok(DeletionDate::Permanent)
    );
}

#[test]
fn r_f9_bad_input_unknown_record_kind_is_a_typed_error() {
    let p = Policy::default();
    let err = gdpr::decide(
        &req(RequestKind::Erasure, "report_cards"),
        d(2026, 11, 2),
        &p,
    )
    .unwrap_err();
    assert!(
        matches!(&err, GdprError::UnknownRecordKind { record_kind, .. } if record_kind == "report_cards")
    );
    assert_eq!(
        err.to_string(),
        "`report_cards` is not a record kind of the retention table (known: student_record, parent_data, progress, certificates, reprimands, physical_abilities, counselling, contact_data, subscriber_billing)"
    );
}

#[test]
fn r_f9_physical_abilities_need_consent_and_are_erased_when_it_is_withdrawn() {
    let p = Policy::default();
    assert!(Collection::PhysicalAbilities.needs_parental_consent());
    assert!(Collection::ALL
        .iter()
        .filter(|c| c.needs_parental_consent())
        .eq([Collection::PhysicalAbilities].iter()));
    assert!(Collection::PhysicalAbilities.special_category());
    assert!(Collection::HelpAndCounselling.special_category());
    assert!(!Collection::StudentsAndParents.special_category());
    assert!(Collection::StudentsAndParents
        .legal_basis_en()
        .contains("ZOsn Art. 95"));
    let mut r = req(RequestKind::Erasure, "physical_abilities");
    assert_eq!(
        gdpr::decide(&r, d(2026, 11, 2), &p).unwrap().decision,
        Decision::Refused
    );
    r.consent_withdrawn = true;
    let out = gdpr::decide(&r, d(2026, 11, 2), &p).unwrap();
    assert_eq!(out.decision, Decision::Granted);
    assert!(out.provisions.contains(&"GDPR Art. 7(3)"));
}

#[test]
fn r_f8_the_school_is_controller_the_vendor_only_for_billing() {
    let p = Policy::default();
    for row in &p.gdpr.retention {
        let roles = gdpr::data_roles(&p, &row.record_kind).unwrap();
        if row.record_kind == "subscriber_billing" {
            assert_eq!(roles.controller, Party::Vendor);
            assert_eq!(roles.processor, None);
        } else {
            assert_eq!(roles.controller, Party::School, "{}", row.record_kind);
            assert_eq!(roles.processor, Some(Party::Vendor));
        }
    }
    // A policy that makes the vendor controller of a statutory collection is refused.
    let json = p.to_json().replacen(
        "\"controller\": \"school\"",
        "\"controller\": \"vendor\"",
        1,
    );
    let err = Policy::from_json(&json).unwrap_err();
    assert!(
        err.to_string().contains("gdpr.retention[0].controller"),
        "{err}"
    );
}

#[test]
fn r_f7_restriction_while_contested_and_telling_before_lifting() {
    let p = Policy::default();
    let mut r = req(RequestKind::Restriction, "parent_data");
    let out = gdpr::decide(&r, d(2026, 11, 2), &p).unwrap();
    assert_eq!(out.decision, Decision::Refused);
    r.accuracy_contested = true;
    r.standing = Standing::AdultStudent;
    let out = gdpr::decide(&r, d(2026, 11, 2), &p).unwrap();
    assert_eq!(out.decision, Decision::Granted);
    assert_eq!(out.duties, [Duty::NotifyBeforeLiftingRestriction]);

    let t = |h| Utc.with_ymd_and_hms(2026, 11, 2, h, 0, 0).unwrap();
    let s = Restriction::start("parent_data", t(8), &p).unwrap();
    assert!(s.is_restricted());
    assert_eq!(
        s.apply(RestrictionEvent::Lift, t(9), &p),
        Err(GdprError::LiftWithoutNotice {
            record_kind: "parent_data".into()
        })
    );
    let (s, _) = s.apply(RestrictionEvent::NotifyPerson, t(9), &p).unwrap();
    let (s, out) = s.apply(RestrictionEvent::Lift, t(10), &p).unwrap();
    assert!(!s.is_restricted());
    assert_eq!(out.rules, [RuleId::F7]);
    // The state is a serde value.
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<Restriction>(&json).unwrap(), s);
    assert!(matches!(
        s.apply(RestrictionEvent::Lift, t(11), &p),
        Err(GdprError::InvalidStep {
            state: "lifted",
            event: "lift"
        })
    ));
}

#[test]
fn r_f7_a_restriction_is_stored_between_its_steps_and_read_back() {
    let p = Policy::default();
    let t = |day, h| Utc.with_ymd_and_hms(2026, 11, day, h, 0, 0).unwrap();
    let s = Restriction::start("parent_data", t(2, 8), &p).unwrap();
    assert_eq!(s.record_kind(), "parent_data");
    assert_eq!(
        (s.since(), s.notified_at(), s.lifted_at()),
        (Some(t(2, 8)), None, None)
    );
    // Told on the 2nd, stored, read back weeks later and lifted.
    let (s, _) = s
        .apply(RestrictionEvent::NotifyPerson, t(2, 9), &p)
        .unwrap();
    let stored = s.to_json();
    let back = Restriction::from_json(&stored).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.notified_at(), Some(t(2, 9)));
    let (lifted, _) = back.apply(RestrictionEvent::Lift, t(30, 10), &p).unwrap();
    assert_eq!(
        (lifted.since(), lifted.notified_at(), lifted.lifted_at()),
        (None, Some(t(2, 9)), Some(t(30, 10)))
    );
    assert_eq!(Restriction::from_json(&lifted.to_json()).unwrap(), lifted);
    // Not a restriction: a typed error.
    let err = Restriction::from_json("{\"state\": \"paused\"}").unwrap_err();
    assert!(
        matches!(err, GdprError::UnreadableRestriction { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("the stored restriction cannot be read: "),
        "{err}"
    );
    // A record kind a later policy no longer lists still loads, to be told and lifted.
    let renamed = stored.replace("parent_data", "old_kind");
    assert_eq!(
        Restriction::from_json(&renamed).unwrap().record_kind(),
        "old_kind"
    );
    // Instants out of order (lifted before told) are no state the steps produce.
    let backwards = lifted
        .to_json()
        .replace("2026-11-30T10:00:00Z", "2026-11-01T10:00:00Z");
    assert!(matches!(
        Restriction::from_json(&backwards),
        Err(GdprError::UnreadableRestriction { .. })
    ));
    // A step dated before the previous one is refused (R-F7: told after it began,
    // lifted after they were told).
    let fresh = Restriction::start("parent_data", t(10, 8), &p).unwrap();
    assert!(matches!(
        fresh.apply(RestrictionEvent::NotifyPerson, t(9, 8), &p),
        Err(GdprError::StepBeforePrevious {
            state: "active",
            event: "notify_person",
            ..
        })
    ));
    let (told, _) = fresh
        .apply(RestrictionEvent::NotifyPerson, t(10, 9), &p)
        .unwrap();
    let err = told
        .apply(RestrictionEvent::Lift, t(10, 8), &p)
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("a restriction that is lifting_notified cannot take the step `lift` at "),
        "{err}"
    );
}

#[test]
fn r_f7_someone_without_standing_is_refused_with_where_to_complain() {
    let p = Policy::default();
    let mut r = req(RequestKind::Access, "progress");
    r.standing = Standing::NotEntitled;
    let out = gdpr::decide(&r, d(2026, 11, 2), &p).unwrap();
    assert_eq!(out.decision, Decision::Refused);
    assert!(out.text_sl.contains("Informacijski pooblaščenec"));
    assert!(out.rules.contains(&RuleId::F1));
}

proptest! {
    /// R-F7/R-F9: every refusal names its provisions and where to complain; an erasure of
    /// data the law keeps is never granted before its deletion date.
    #[test]
    fn r_f9_refusals_always_name_basis_and_authority(
        row in 0usize..9, kind in 0usize..4, standing in 0usize..4,
        end in proptest::option::of(0i64..4000), today in 0i64..6000,
        contested: bool, withdrawn: bool,
    ) {
        let p = Policy::default();
        let base = d(2020, 1, 1);
        let record = p.gdpr.retention[row].record_kind.clone();
        let r = GdprRequest {
            standing: [Standing::ParentOfMinor, Standing::LegalRepresentativeOfMinor, Standing::AdultStudent, Standing::NotEntitled][standing],
            kind: [RequestKind::Access, RequestKind::Rectification, RequestKind::Erasure, RequestKind::Restriction][kind],
            record_kind: record.clone(),
            end_of_schooling: end.map(|e| base + chrono_days(e)),
            accuracy_contested: contested,
            consent_withdrawn: withdrawn,
        };
        let today = base + chrono_days(today);
        let out = gdpr::decide(&r, today, &p).unwrap();
        prop_assert!(!out.provisions.is_empty());
        prop_assert_eq!(out.complaint.is_some(), out.decision == Decision::Refused);
        if r.kind == RequestKind::Erasure && out.decision == Decision::Granted && !withdrawn {
            match gdpr::deletion_date(&p, &record, r.end_of_schooling.unwrap_or(today)).unwrap() {
                DeletionDate::On(date) => prop_assert!(r.end_of_schooling.is_some() && date <= today),
                DeletionDate::Permanent => prop_assert!(false, "permanent data erased"),
                _ => {}
            }
        }
    }
}

fn chrono_days(n: i64) -> asistent_core::chrono::Duration {
    asistent_core::chrono::Duration::days(n)
}
