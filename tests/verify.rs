//! Identity and contact verification (R-B1 … R-B10) and credentials (R-A1 … R-A9) as a
//! school's system meets them: whole flows, properties over any input sequence, and the
//! printed sheets.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use asistent_core::chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use asistent_core::ids::{ClassId, GuardianId, SchoolId, StudentId};
use asistent_core::policy::Policy;
use asistent_core::rules::RuleId;
use asistent_core::services::Service;
use asistent_core::verify::confirmation::issue_confirmation_code;
use asistent_core::verify::contact::{Contact, Email, Phone};
use asistent_core::verify::flow::{FlowInput, FlowOutcome, FlowStep, ParentFlow, ServiceChoice};
use asistent_core::verify::printout::{
    class_overview, render_overview, security_code_sheet, OverviewInput, SheetEntry,
};
use asistent_core::verify::security_code::{issue_security_code, CodeStatus, SecurityCode};
use asistent_core::verify::{SeededRandom, VerifyError};
use proptest::prelude::*;

fn policy() -> Policy {
    let mut p = Policy::default();
    p.verify.code_iterations = 1;
    p.verify.password_iterations = 1;
    p
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 3, 17, 0, 0).unwrap()
}

fn birth() -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 4, 2).unwrap()
}

fn issue(seed: u64) -> (ParentFlow, SecurityCode) {
    let issued = issue_security_code(
        &GuardianId::new("ana").unwrap(),
        &StudentId::new("mark").unwrap(),
        &SchoolId::new("os-prule").unwrap(),
        &[],
        t0(),
        &policy().verify,
        &SeededRandom::new(seed),
    )
    .unwrap();
    (ParentFlow::start(issued.record), issued.code)
}

/// Walks a flow through code, birth date, both contacts and a service choice.
fn complete(flow: ParentFlow, code: &SecurityCode, upto: usize, service: Service) -> ParentFlow {
    let p = policy();
    let rng = SeededRandom::new(99);
    let now = t0();
    let mut flow = flow;
    if upto == 0 {
        return flow;
    }
    flow = flow
        .apply(
            &FlowInput::EnterCode {
                code: code.grouped(),
            },
            now,
            &p,
        )
        .unwrap()
        .0;
    flow = flow
        .apply(
            &FlowInput::EnterBirthDate {
                given: birth(),
                on_record: birth(),
            },
            now,
            &p,
        )
        .unwrap()
        .0;
    let contacts = [
        Contact::Email(Email::parse("ana.novak@example.si").unwrap()),
        Contact::Phone(Phone::parse("041 123 456").unwrap()),
    ];
    for contact in contacts.into_iter().take(upto - 1) {
        let (record, secret) = issue_confirmation_code(&contact, now, &p.verify, &rng).unwrap();
        flow = flow
            .apply(&FlowInput::ConfirmationSent { record }, now, &p)
            .unwrap()
            .0;
        flow = flow
            .apply(
                &FlowInput::EnterConfirmation {
                    contact,
                    code: secret.reveal().to_owned(),
                },
                now,
                &p,
            )
            .unwrap()
            .0;
    }
    if upto >= 4 {
        let choice = ServiceChoice {
            parent: service,
            child: Service::Minimalni,
        };
        flow = flow
            .apply(&FlowInput::ChooseServices(choice), now, &p)
            .unwrap()
            .0;
    }
    flow
}

#[test]
fn r_b1_r_b4_a_parent_goes_from_code_to_an_active_portal_and_refusing_leaves_it_off() {
    let (flow, code) = issue(1);
    let active = complete(flow.clone(), &code, 4, Service::ZaStarse);
    assert_eq!(active.step, FlowStep::Active);
    let off = complete(flow, &code, 4, Service::NoElectronicContact);
    assert_eq!(off.step, FlowStep::NoPortal);
}

#[test]
fn r_b3_wrong_dates_count_and_the_third_voids_with_advice() {
    let p = policy();
    let (flow, code) = issue(2);
    let (mut flow, _) = flow
        .apply(
            &FlowInput::EnterCode {
                code: code.reveal(),
            },
            t0(),
            &p,
        )
        .unwrap();
    let wrong = FlowInput::EnterBirthDate {
        given: NaiveDate::from_ymd_opt(2015, 2, 4).unwrap(),
        on_record: birth(),
    };
    let mut last = None;
    for _ in 0..3 {
        let (f, out) = flow.apply(&wrong, t0(), &p).unwrap();
        flow = f;
        last = Some(out);
    }
    let out = last.unwrap();
    assert_eq!(out.rules(), vec![RuleId::B3]);
    assert_eq!(
        out.message_sl(),
        "Varnostna koda ni več veljavna. Obrnite se na razrednika, da vam pošlje novo, in skupaj z njim preverite, ali je v šolski evidenci vpisan pravilen datum rojstva otroka."
    );
    assert!(matches!(flow.code.status, CodeStatus::Voided { .. }));
}

#[test]
fn r_b8_a_new_school_sends_a_new_code_which_revokes_the_old() {
    let p = policy();
    let rng = SeededRandom::new(3);
    let (old_flow, old_code) = issue(3);
    let later = t0() + Duration::days(3);
    let issued = issue_security_code(
        &GuardianId::new("ana").unwrap(),
        &StudentId::new("mark").unwrap(),
        &SchoolId::new("ss-koper").unwrap(),
        std::slice::from_ref(&old_flow.code),
        later,
        &p.verify,
        &rng,
    )
    .unwrap();
    assert_eq!(issued.revoked.len(), 1);
    let (old_flow, out) = old_flow.apply(&FlowInput::Revoke, later, &p).unwrap();
    assert_eq!(out, FlowOutcome::CodeRevoked);
    let (_, out) = old_flow
        .apply(
            &FlowInput::EnterCode {
                code: old_code.reveal(),
            },
            later,
            &p,
        )
        .unwrap();
    assert_eq!(out, FlowOutcome::CodeRevoked);
    let (_, out) = ParentFlow::start(issued.record)
        .apply(
            &FlowInput::EnterCode {
                code: issued.code.reveal(),
            },
            later,
            &p,
        )
        .unwrap();
    assert_eq!(out, FlowOutcome::CodeAccepted);
}

#[test]
fn r_b10_bad_input_is_a_typed_error_with_a_message() {
    let p = policy();
    let (flow, _) = issue(4);
    let cases = [
        ("12", "a security code has 10 characters (without dashes and spaces), this one has 2"),
        ("ABCDE-FGHJO", "character 10 of the security code, `O`, is not used in security codes (they use 2–9 and A–Z without I, L, O, S, U)"),
    ];
    for (input, message) in cases {
        let err = flow
            .apply(&FlowInput::EnterCode { code: input.into() }, t0(), &p)
            .unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    let err = flow
        .apply(
            &FlowInput::EnterBirthDate {
                given: birth(),
                on_record: birth(),
            },
            t0(),
            &p,
        )
        .unwrap_err();
    assert_eq!(
        err,
        VerifyError::UnexpectedEvent {
            step: "code".into(),
            event: "enter_birth_date".into()
        }
    );
    assert!(matches!(
        Email::parse("ana@@x.si"),
        Err(VerifyError::InvalidEmail { .. })
    ));
    assert!(matches!(
        Phone::parse("041 12"),
        Err(VerifyError::InvalidPhone { .. })
    ));
}

#[test]
fn r_b9_the_class_teachers_overview() {
    let (f1, c1) = issue(5);
    let (f2, c2) = issue(6);
    let (f3, c3) = issue(7);
    let flows = [
        complete(f1, &c1, 4, Service::Popolni),
        complete(f2, &c2, 2, Service::Minimalni),
        complete(f3, &c3, 0, Service::Minimalni),
    ];
    let names = [
        ("Ana Novak", "Mark Novak"),
        ("Bor Kranjc", "Eva Kranjc"),
        ("Cene Zupan", "Tim Zupan"),
    ];
    let a7 = ClassId::new("7.a").unwrap();
    let mut inputs: Vec<OverviewInput<'_>> = flows
        .iter()
        .zip(names)
        .map(|(f, (g, s))| OverviewInput {
            class: a7.clone(),
            guardian_name: g.into(),
            student_name: s.into(),
            flow: Some(f),
            guardian: GuardianId::new(g.replace(' ', ".")).unwrap(),
        })
        .collect();
    inputs.push(OverviewInput {
        class: ClassId::new("8.b").unwrap(),
        guardian_name: "Dana Horvat".into(),
        student_name: "Jan Horvat".into(),
        flow: None,
        guardian: GuardianId::new("dana").unwrap(),
    });
    let overview = class_overview(&inputs);
    let rows = &overview[&a7];
    assert_eq!(rows.len(), 3);
    let eva = rows
        .iter()
        .find(|r| r.student_name == "Eva Kranjc")
        .unwrap();
    assert!(
        eva.code_entered && eva.email_confirmed && !eva.phone_confirmed && eva.service.is_none()
    );
    let r = render_overview(&overview);
    insta::assert_snapshot!("r_b9_overview_text", r.text);
    assert!(r.html.contains("<h2>7.a (1/3 potrjenih)</h2>"));
}

#[test]
fn r_b2_the_security_code_sheet_text() {
    // Issued on 3 September: valid through 3 October, printed from the record (R-B10).
    let issued = issue_security_code(
        &GuardianId::new("g").unwrap(),
        &StudentId::new("s").unwrap(),
        &SchoolId::new("os").unwrap(),
        &[],
        Utc.with_ymd_and_hms(2026, 9, 3, 12, 0, 0).unwrap(),
        &policy().verify,
        &SeededRandom::new(2026),
    )
    .unwrap();
    let code = issued.code.clone();
    let entry = SheetEntry {
        guardian_name: "Ana Novak".into(),
        student_name: "Mark Novak".into(),
        class: ClassId::new("7.a").unwrap(),
        code: &code,
        record: &issued.record,
    };
    let sheet = security_code_sheet("OŠ Prule, Ljubljana", &[entry], &policy().verify);
    insta::assert_snapshot!("r_b2_security_code_sheet_text", sheet.text);
    assert!(sheet.html.starts_with("<!DOCTYPE html>"));
    assert!(sheet.html.contains("@page { size: A4"));
}

#[derive(Debug, Clone)]
enum Step {
    RightCode,
    WrongCode(u8),
    Typo,
    RightDate,
    WrongDate,
    Revoke,
    Wait(u32),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => Just(Step::RightCode),
        2 => any::<u8>().prop_map(Step::WrongCode),
        1 => Just(Step::Typo),
        3 => Just(Step::RightDate),
        2 => Just(Step::WrongDate),
        1 => Just(Step::Revoke),
        1 => (0u32..20).prop_map(Step::Wait),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// R-B10, R-B3: no sequence of inputs lets a voided, expired, used or revoked code
    /// succeed, and a right code with a right date succeeds exactly once.
    #[test]
    fn r_b10_no_dead_code_succeeds_and_a_good_one_succeeds_once(
        seed in any::<u64>(),
        steps in proptest::collection::vec(step(), 0..25),
    ) {
        let p = policy();
        let (mut flow, code) = issue(seed);
        let mut now = t0();
        let mut proven = 0;
        let mut dead = false;
        for s in steps {
            let input = match s {
                Step::RightCode => FlowInput::EnterCode { code: code.reveal() },
                Step::WrongCode(k) => {
                    let other = SecurityCode::generate(&SeededRandom::new(seed ^ u64::from(k) ^ 0xdead)).unwrap();
                    if other == code { continue; }
                    FlowInput::EnterCode { code: other.reveal() }
                }
                Step::Typo => {
                    let mut t = code.reveal().into_bytes();
                    t.swap(2, 3);
                    if t[2] == t[3] { continue; }
                    FlowInput::EnterCode { code: String::from_utf8(t).unwrap() }
                }
                Step::RightDate => FlowInput::EnterBirthDate { given: birth(), on_record: birth() },
                Step::WrongDate => FlowInput::EnterBirthDate { given: birth() + Duration::days(1), on_record: birth() },
                Step::Revoke => FlowInput::Revoke,
                Step::Wait(days) => { now += Duration::days(i64::from(days)); continue; }
            };
            // An error leaves the flow as it was (`apply` takes it by reference).
            if let Ok((next, out)) = flow.apply(&input, now, &p) {
                if dead {
                    prop_assert!(!matches!(out, FlowOutcome::CodeAccepted | FlowOutcome::IdentityProven), "{out:?}");
                }
                if out == FlowOutcome::IdentityProven {
                    proven += 1;
                    prop_assert!(now < flow.code.expires_at);
                }
                if matches!(next.step, FlowStep::Voided | FlowStep::Expired | FlowStep::Revoked)
                    || matches!(next.code.status, CodeStatus::Used { .. }) {
                    dead = true;
                }
                flow = next;
            }
        }
        prop_assert!(proven <= 1);
        let json = serde_json::to_string(&flow).unwrap();
        prop_assert!(!json.contains(&code.reveal()));
        prop_assert!(!json.contains(&code.grouped()));
        prop_assert_eq!(serde_json::from_str::<ParentFlow>(&json).unwrap(), flow);
    }

    /// R-B10: every code parses back; every single substitution is caught.
    #[test]
    fn r_b10_codes_round_trip_and_substitutions_are_caught(seed in any::<u64>(), pos in 0usize..10, by in 1u8..29) {
        let code = SecurityCode::generate(&SeededRandom::new(seed)).unwrap();
        prop_assert_eq!(SecurityCode::parse(&code.grouped()).unwrap(), code.clone());
        let alphabet = asistent_core::verify::security_code::ALPHABET;
        let mut t = code.reveal().into_bytes();
        let at = alphabet.iter().position(|&c| c == t[pos]).unwrap();
        t[pos] = alphabet[(at + usize::from(by)) % 29];
        prop_assert_eq!(SecurityCode::parse(&String::from_utf8(t).unwrap()), Err(VerifyError::CodeCheckFailed));
    }

    /// Parsing never panics on any text (the fuzz target does the same at length).
    #[test]
    fn parsers_never_panic(text in "\\PC{0,40}") {
        let _ = SecurityCode::parse(&text);
        let _ = Email::parse(&text);
        let _ = Phone::parse(&text);
    }
}
