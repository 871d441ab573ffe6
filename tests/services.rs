//! Services, prices, quotes and registrations (R-C1 … R-C10) as a user of the library
//! meets them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use asistent_core::calendar::SchoolYear;
use asistent_core::chrono::{Duration, NaiveDate};
use asistent_core::ids::{GuardianId, SchoolId, StudentId};
use asistent_core::policy::{Policy, PriceList};
use asistent_core::rust_decimal::Decimal;
use asistent_core::services::{
    quote_child, quote_family, ChildOrder, Chooser, PaidPeriod, Registration, RegistrationEvent,
    RegistrationOutcome, RegistrationStatus, Service, ServiceError,
};
use proptest::prelude::*;

fn year(y: i32) -> SchoolYear {
    SchoolYear::starting(y).unwrap()
}

fn order(s: &str, service: Service) -> ChildOrder {
    ChildOrder {
        student: StudentId::new(s).unwrap(),
        service,
    }
}

/// The insta snapshot of the issue: two children, POPOLNI and MINIMALNI, default list,
/// rendered in Slovenian (R-C2, R-C4, R-C9).
#[test]
fn r_c4_a_family_of_two_children_quoted_in_slovenian() {
    let quote = quote_family(
        &Policy::default(),
        year(2025),
        &[
            order("Ana Novak", Service::Popolni),
            order("Luka Novak", Service::Minimalni),
        ],
        1,
    )
    .unwrap();
    assert_eq!(quote.total, Decimal::new(5290, 2));
    insta::assert_snapshot!(quote.render_sl());
}

/// R-C2: the seeds' other figures (ZA STARŠE 32.90, POPOLNI 49.90) as an older list.
#[test]
fn r_c2_the_seeds_older_prices_as_another_dated_list() {
    let policy = Policy::from_json(
        r#"{"services": {"price_lists": [
            {"from_school_year": "2024/25", "za_starse": "32.90", "za_ucence": "38.90", "popolni": "49.90", "za_ucence_addon": "17.00"},
            {"from_school_year": "2025/26", "za_starse": "35.90", "za_ucence": "38.90", "popolni": "52.90", "za_ucence_addon": "17.00"}
        ]}}"#,
    )
    .unwrap();
    let popolni = |y| {
        quote_child(&policy, year(y), &order("a", Service::Popolni), 1)
            .unwrap()
            .total
            .to_string()
    };
    assert_eq!(popolni(2024), "49.90");
    assert_eq!(popolni(2025), "52.90");
    assert_eq!(popolni(2026), "52.90");
    // 001:67 quotes POPOLNI at 38.90 too: expressible, with the add-on making up the
    // difference to ZA STARŠE.
    let cheap = Policy::from_json(
        r#"{"services": {"price_lists": [
            {"from_school_year": "2023/24", "za_starse": "32.90", "za_ucence": "38.90", "popolni": "38.90", "za_ucence_addon": "6.00"}
        ]}}"#,
    )
    .unwrap();
    let q = quote_child(&cheap, year(2023), &order("a", Service::Popolni), 1).unwrap();
    assert_eq!(q.total.to_string(), "38.90");
}

/// R-C3, R-C5, R-C6 through a registration: the parent registers, the child cannot.
#[test]
fn r_c6_a_student_cannot_register_nor_change_the_service() {
    let err = Registration::register(
        GuardianId::new("s1").unwrap(),
        StudentId::new("s1").unwrap(),
        SchoolId::new("os").unwrap(),
        Service::ZaUcence,
        Chooser::Student,
        NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
    )
    .unwrap_err();
    assert_eq!(err, ServiceError::StudentCannotChoose);
}

/// R-C8: revoked in the previous school year, the registration must be made again.
#[test]
fn r_c8_revoked_last_year_must_be_made_again() {
    let p = Policy::default();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let make = |on| {
        Registration::register(
            GuardianId::new("mama").unwrap(),
            StudentId::new("ana").unwrap(),
            SchoolId::new("os").unwrap(),
            Service::ZaStarse,
            Chooser::LegalRepresentative,
            on,
        )
        .unwrap()
        .0
    };
    let (revoked, _) = make(d(2025, 9, 1))
        .apply(&RegistrationEvent::Revoke, d(2026, 5, 4), &p)
        .unwrap();
    let pay = RegistrationEvent::Pay {
        school_year: year(2026),
    };
    assert!(matches!(
        revoked.apply(&pay, d(2026, 9, 2), &p),
        Err(ServiceError::WrongState {
            state: "revoked",
            ..
        })
    ));
    assert!(!revoked.period_on(d(2026, 9, 2)).unwrap().portal_readable);
    let (again, _) = make(d(2026, 9, 2)).apply(&pay, d(2026, 9, 2), &p).unwrap();
    assert!(again.period_on(d(2026, 10, 1)).unwrap().notices_may_be_sent);
}

#[test]
fn r_c2_huge_prices_are_refused_by_the_policy_not_a_panic() {
    let max = "79228162514264337593543950335"; // Decimal::MAX
    let json = format!(
        r#"{{"services": {{"price_lists": [{{"from_school_year": "2025/26", "za_starse": "{max}", "za_ucence": "{max}", "popolni": "52.90", "za_ucence_addon": "17.00"}}]}}}}"#
    );
    let err = Policy::from_json(&json).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("policy field `services.price_lists[0].za_starse` is invalid: a price may be at most 10000 EUR per school year ({max})")
    );
    // The bound itself is accepted.
    let at_bound = r#"{"services": {"price_lists": [{"from_school_year": "2025/26", "za_starse": "10000.00", "za_ucence": "10000", "popolni": "10000", "za_ucence_addon": "0"}]}}"#;
    assert!(Policy::from_json(at_bound).is_ok());
    let err =
        Policy::from_json(&at_bound.replace("\"10000\", \"popolni\"", "\"10000.01\", \"popolni\""))
            .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("policy field `services.price_lists[0].za_ucence` is invalid"),
        "{err}"
    );
}

#[test]
fn r_c4_sums_beyond_decimal_are_a_typed_error_for_a_policy_built_in_code() {
    // A Policy built in code skips Policy::validate: the sums must still not panic.
    let mut p = Policy::default();
    let list = &mut p.services.price_lists[0];
    list.za_starse = Decimal::MAX;
    list.za_ucence_addon = Decimal::MAX;
    let err = quote_child(&p, year(2025), &order("a", Service::Popolni), 1).unwrap_err();
    assert_eq!(
        err,
        ServiceError::AmountTooLarge {
            what: "child total"
        }
    );
    assert_eq!(err.code(), "amount_too_large");
    let orders = [order("a", Service::ZaStarse), order("b", Service::ZaStarse)];
    assert_eq!(
        quote_family(&p, year(2025), &orders, 1).unwrap_err(),
        ServiceError::AmountTooLarge {
            what: "family total"
        }
    );
}

#[test]
fn r_c2_r_c4_an_upgrade_within_a_paid_year_pays_the_difference() {
    let p = Policy::default();
    let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    let pay = RegistrationEvent::Pay {
        school_year: year(2025),
    };
    let to = |service| RegistrationEvent::ChangeService {
        service,
        chooser: Chooser::LegalRepresentative,
    };
    let (reg, _) = Registration::register(
        GuardianId::new("mama").unwrap(),
        StudentId::new("ana").unwrap(),
        SchoolId::new("os-a").unwrap(),
        Service::ZaStarse,
        Chooser::LegalRepresentative,
        d(9, 10),
    )
    .unwrap();
    let (reg, out) = reg.apply(&pay, d(9, 12), &p).unwrap();
    assert_eq!(
        out,
        RegistrationOutcome::Paid {
            school_year: year(2025),
            amount: Decimal::new(3590, 2)
        }
    );
    // Mid-year upgrade to POPOLNI: the ZA UČENCE add-on (17.00) is due, once.
    let (reg, _) = reg.apply(&to(Service::Popolni), d(11, 3), &p).unwrap();
    let (reg, out) = reg.apply(&pay, d(11, 4), &p).unwrap();
    assert_eq!(
        out,
        RegistrationOutcome::Paid {
            school_year: year(2025),
            amount: Decimal::new(1700, 2)
        }
    );
    let paid: Decimal = reg.paid.iter().map(|p| p.amount).sum();
    assert_eq!(paid, Decimal::new(5290, 2));
    assert_eq!(
        reg.apply(&pay, d(11, 5), &p).unwrap_err(),
        ServiceError::AlreadyPaid {
            school_year: year(2025)
        }
    );
    // A downgrade owes nothing more; going back up owes nothing either.
    let (reg, _) = reg.apply(&to(Service::ZaStarse), d(12, 1), &p).unwrap();
    assert!(matches!(
        reg.apply(&pay, d(12, 2), &p),
        Err(ServiceError::AlreadyPaid { .. })
    ));
    let (reg, _) = reg.apply(&to(Service::Popolni), d(12, 3), &p).unwrap();
    assert!(matches!(
        reg.apply(&pay, d(12, 4), &p),
        Err(ServiceError::AlreadyPaid { .. })
    ));
    // ZA UČENCE (38.90) → POPOLNI (52.90): 14.00 due.
    let (reg, _) = Registration::register(
        GuardianId::new("mama").unwrap(),
        StudentId::new("bor").unwrap(),
        SchoolId::new("os-a").unwrap(),
        Service::ZaUcence,
        Chooser::LegalRepresentative,
        d(9, 10),
    )
    .unwrap();
    let (reg, _) = reg.apply(&pay, d(9, 12), &p).unwrap();
    let (reg, _) = reg.apply(&to(Service::Popolni), d(10, 1), &p).unwrap();
    let (_, out) = reg.apply(&pay, d(10, 2), &p).unwrap();
    assert_eq!(
        out,
        RegistrationOutcome::Paid {
            school_year: year(2025),
            amount: Decimal::new(1400, 2)
        }
    );
}

#[test]
fn r_c8_a_stored_registration_that_no_events_could_produce_is_refused() {
    let p = Policy::default();
    let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    let (reg, _) = Registration::register(
        GuardianId::new("mama").unwrap(),
        StudentId::new("ana").unwrap(),
        SchoolId::new("os-a").unwrap(),
        Service::ZaStarse,
        Chooser::LegalRepresentative,
        d(9, 10),
    )
    .unwrap();
    let pay = RegistrationEvent::Pay {
        school_year: year(2025),
    };
    let (reg, _) = reg.apply(&pay, d(9, 12), &p).unwrap();
    let (revoked, _) = reg.apply(&RegistrationEvent::Revoke, d(10, 1), &p).unwrap();
    assert_eq!(
        Registration::from_json(&revoked.to_json()),
        Ok(revoked.clone())
    );
    let json: serde_json::Value = serde_json::from_str(&revoked.to_json()).unwrap();
    let refused = |path: &[&str], value: serde_json::Value| {
        let mut j = json.clone();
        let mut at = &mut j;
        for key in path {
            at = match key.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*key],
            };
        }
        *at = value;
        Registration::from_json(&j.to_string()).unwrap_err()
    };
    let cases = [
        (
            &["last_change"][..],
            serde_json::json!("2025-09-01"),
            "last_change",
            "2025-09-01 is before the registration on 2025-09-10",
        ),
        (
            &["paid", "0", "paid_on"][..],
            serde_json::json!("2025-09-01"),
            "paid[0].paid_on",
            "2025-09-01 is not between 2025-09-10",
        ),
        (
            &["paid", "0", "amount"][..],
            serde_json::json!("-35.90"),
            "paid[0].amount",
            "a payment cannot be negative (-35.90)",
        ),
        (
            &["paid", "0", "amount"][..],
            serde_json::json!("79228162514264337593543950335"),
            "paid[0].amount",
            "is not a price",
        ),
        (
            &["paid", "0", "school_year"][..],
            serde_json::json!("2027/28"),
            "paid[0].school_year",
            "2027/28 cannot be paid on 2025-09-12",
        ),
        (
            &["paid", "0", "service"][..],
            serde_json::json!("minimalni"),
            "paid[0].service",
            "is free",
        ),
        (
            &["status", "on"][..],
            serde_json::json!("2025-10-02"),
            "status.on",
            "2025-10-02 is not the last change (2025-10-01)",
        ),
    ];
    for (path, value, field, reason) in cases {
        let err = refused(path, value);
        assert_eq!(err.code(), "inconsistent_registration");
        match &err {
            ServiceError::InconsistentRegistration {
                field: f,
                reason: r,
            } => {
                assert_eq!(f, field);
                assert!(r.contains(reason), "{r}");
            }
            other => panic!("expected InconsistentRegistration, got {other:?}"),
        }
        assert!(
            err.to_string().starts_with(&format!(
                "the stored registration is inconsistent: `{field}` "
            )),
            "{err}"
        );
    }
}

fn price_list() -> impl Strategy<Value = PriceList> {
    (0i64..10_000, 0i64..10_000, 0i64..10_000).prop_map(|(starse, ucence, addon)| {
        let addon = addon.min(ucence);
        PriceList {
            from_school_year: year(2025),
            za_starse: Decimal::new(starse, 2),
            za_ucence: Decimal::new(ucence, 2),
            popolni: Decimal::new(starse + addon, 2),
            za_ucence_addon: Decimal::new(addon, 2),
        }
    })
}

fn service() -> impl Strategy<Value = Service> {
    prop::sample::select(Service::ALL.to_vec())
}

fn policy_with(list: &PriceList) -> Policy {
    let mut json: serde_json::Value = serde_json::from_str(&Policy::default().to_json()).unwrap();
    json["services"]["price_lists"] = serde_json::json!([list]);
    Policy::from_json(&json.to_string()).unwrap()
}

fn event() -> impl Strategy<Value = (RegistrationEvent, i64)> {
    let ev = prop_oneof![
        (
            service(),
            prop::sample::select(vec![
                Chooser::LegalRepresentative,
                Chooser::Student,
                Chooser::Other
            ])
        )
            .prop_map(|(service, chooser)| RegistrationEvent::ChangeService { service, chooser }),
        (2024i32..2029).prop_map(|y| RegistrationEvent::Pay {
            school_year: year(y)
        }),
        Just(RegistrationEvent::Revoke),
        Just(RegistrationEvent::FinishSchooling),
        prop::sample::select(vec!["os", "ss"]).prop_map(|s| RegistrationEvent::ChangeSchool {
            to: SchoolId::new(s).unwrap()
        }),
    ];
    (ev, -30i64..200)
}

proptest! {
    /// R-C4: a family's total is the sum of its children's quotes and never more than
    /// the services bought separately.
    #[test]
    fn r_c4_family_total_is_the_sum_and_never_dearer_than_separate(
        list in price_list(),
        services in prop::collection::vec(service(), 0..6),
    ) {
        let policy = policy_with(&list);
        let orders: Vec<_> = services
            .iter()
            .enumerate()
            .map(|(i, s)| order(&format!("child-{i}"), *s))
            .collect();
        let q = quote_family(&policy, year(2027), &orders, 1).unwrap();
        let sum: Decimal = q.children.iter().map(|c| c.total).sum();
        prop_assert_eq!(q.total, sum);
        let separate: Decimal = services
            .iter()
            .map(|s| match s {
                Service::ZaStarse => list.za_starse,
                Service::ZaUcence => list.za_ucence,
                Service::Popolni => list.za_starse + list.za_ucence,
                _ => Decimal::ZERO,
            })
            .sum();
        prop_assert!(q.total <= separate);
        for c in &q.children {
            prop_assert_eq!(c.total, c.lines.iter().map(|l| l.amount).sum::<Decimal>());
        }
    }

    /// R-C2: any price list that serialises reads back unchanged.
    #[test]
    fn r_c2_price_lists_round_trip(list in price_list()) {
        let policy = policy_with(&list);
        prop_assert_eq!(Policy::from_json(&policy.to_json()).unwrap(), policy);
    }

    /// R-C8: any sequence of events gives a valid state or a typed error; a revoked or
    /// ended registration never changes again; the state round-trips through JSON.
    #[test]
    fn r_c8_any_event_sequence_is_a_state_or_a_typed_error(
        start in service(),
        events in prop::collection::vec(event(), 0..12),
    ) {
        let policy = Policy::default();
        let mut on = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        let (mut reg, _) = Registration::register(
            GuardianId::new("mama").unwrap(),
            StudentId::new("ana").unwrap(),
            SchoolId::new("os").unwrap(),
            start,
            Chooser::LegalRepresentative,
            on,
        ).unwrap();
        // R-C7, R-E6: what was answered for a date stays the answer once later events
        // (a change of service, a payment, a revocation) have happened.
        let mut asked: Vec<(NaiveDate, PaidPeriod)> = Vec::new();
        for (ev, days) in events {
            on += Duration::days(days);
            asked.retain(|(day, _)| *day < on);
            for day in [on - Duration::days(1), on - Duration::days(40)] {
                if let Ok(p) = reg.period_on(day) {
                    asked.push((day, p));
                }
            }
            let terminal = reg.status != RegistrationStatus::Active;
            match reg.apply(&ev, on, &policy) {
                Ok((next, _)) => {
                    prop_assert!(!terminal);
                    prop_assert!(next.last_change >= reg.last_change);
                    reg = next;
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
            // Every reachable state passes the checks of from_json.
            prop_assert_eq!(&Registration::from_json(&reg.to_json()).unwrap(), &reg);
            // R-C2, R-C4: a year is paid once, plus at most the differences to higher fees
            // after changes: what is paid for a year never exceeds its dearest service.
            for p in &reg.paid {
                prop_assert!(p.amount >= Decimal::ZERO);
                let year_total: Decimal = reg
                    .paid
                    .iter()
                    .filter(|q| q.school_year == p.school_year)
                    .map(|q| q.amount)
                    .sum();
                prop_assert!(year_total <= Decimal::new(5290, 2), "{:?}", reg.paid);
            }
            let period = reg.period_on(on).unwrap();
            prop_assert!(!period.notices_may_be_sent || period.portal_readable);
            for (day, before) in &asked {
                prop_assert_eq!(&reg.period_on(*day).unwrap(), before, "{} after {:?}", day, reg);
            }
        }
    }
}
