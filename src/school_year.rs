//! The main job: one school year of a small built-in school, simulated end to end with
//! the library's rules, printed as a timeline and a summary, and rendered as an HTML
//! report with one page section per family for the class teacher.
//!
//! Every step calls `asistent-core`: security codes and the parent's way in (R-B1 …
//! R-B10), contacts confirmed (R-B5), services chosen, registered, paid and quoted (R-C2
//! … R-C9), rights decisions for every guardian (R-F1 … R-F8, R-D12), every access
//! recorded in the audit trail with signed checkpoints and proofs (R-F6), SMS costs of
//! the sample notices (R-A10), and the school calendar (R-E7).
//!
//! Deterministic: no clock and no system randomness. The school year is the one
//! containing `today`; secrets come from [`DemoRandom`], a seeded generator for this demo
//! only.
//!
//! Not yet here (the library parts are being written): what each parent and student sees
//! and when (the visibility engine), and the planning of every notice with its channel
//! (the notification planner). The SMS section prices a fixed list of sample notices.

// A demo walks a year in one long function and builds its HTML with iterators; both read
// better whole than split.
#![allow(clippy::too_many_lines, clippy::format_collect)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use asistent_core::audit::{self, AuditEntry, AuditLog, CheckpointSigner, PseudonymKey};
use asistent_core::calendar::{self, Calendar, SchoolYear};
use asistent_core::chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use asistent_core::ids::{GuardianId, SchoolId, StaffId, StudentId, VendorStaffId};
use asistent_core::money::{format_eur, MoneyStyle};
use asistent_core::notify::sms;
use asistent_core::policy::Policy;
use asistent_core::rights::{Action, Category, Facts, Person};
use asistent_core::rust_decimal::Decimal;
use asistent_core::services::{quote_family, ChildOrder, Chooser, Service};
use asistent_core::services::{
    Registration, RegistrationEvent, RegistrationOutcome, RegistrationStatus,
};
use asistent_core::verify::confirmation::issue_confirmation_code;
use asistent_core::verify::contact::{Contact, Email, Phone};
use asistent_core::verify::flow::{FlowInput, FlowOutcome, ParentFlow, ServiceChoice};
use asistent_core::verify::security_code::{issue_security_code, SecurityCodeRecord};
use asistent_core::verify::{RandomSource, VerifyError};

type Error = Box<dyn std::error::Error>;

/// A deterministic "random" source for this demo only (SplitMix64 over a fixed seed), so
/// that the same run prints the same codes. Never use it for real codes: a school passes
/// `&ring::rand::SystemRandom::new()`.
#[derive(Debug)]
pub struct DemoRandom {
    state: std::cell::Cell<u64>,
}

impl DemoRandom {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> DemoRandom {
        DemoRandom {
            state: std::cell::Cell::new(seed),
        }
    }
}

impl RandomSource for DemoRandom {
    fn fill_bytes(&self, dest: &mut [u8]) -> Result<(), VerifyError> {
        for chunk in dest.chunks_mut(8) {
            let mut z = self.state.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
            self.state.set(z);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
        Ok(())
    }
}

/// The printed timeline and summary, and the HTML report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// What `cargo run --example school_year` prints.
    pub text: String,
    /// The HTML report with one section per family.
    pub html: String,
}

/// The demo policy: the defaults, with PBKDF2 iterations for security codes lowered so
/// that the demo runs in a moment (a policy value a school may change; the default
/// 600,000 costs about half a second per code, see BENCHMARKS.md).
pub const DEMO_POLICY: &str = r#"{"verify": {"code_iterations": 100000}}"#;

const SCHOOL: &str = "os-prule";
const NEW_SCHOOL: &str = "os-bezigrad";

/// One guardian of a family as the demo knows them.
struct Guardian {
    id: &'static str,
    name: &'static str,
    relation: &'static str,
    email: &'static str,
    phone: &'static str,
    /// Wrong dates of birth typed before the right one (R-B3).
    wrong_dates: u32,
    /// The parent's own service and the child's, as chosen in the flow (R-C5).
    choice: (Service, Service),
}

/// One family: a child and their guardians, with what makes it interesting.
struct Family {
    name: &'static str,
    student: &'static str,
    student_name: &'static str,
    class: &'static str,
    birth: (i32, u32, u32),
    story: &'static str,
    guardians: Vec<Guardian>,
    /// The service ordered for the child and paid for the year (R-C4).
    service: Service,
    /// The JSON of the family in the rights facts (without the student).
    facts_extra: &'static str,
    secondary: bool,
}

fn families() -> Vec<Family> {
    let g = |id, name, relation, email, phone, choice| Guardian {
        id,
        name,
        relation,
        email,
        phone,
        wrong_dates: 0,
        choice,
    };
    let mut horvat_father = g(
        "marko-horvat",
        "Marko Horvat",
        "parent",
        "marko.horvat@example.si",
        "031 222 333",
        (Service::Minimalni, Service::ZaStarse),
    );
    horvat_father.wrong_dates = 3;
    vec![
        Family {
            name: "Novak",
            student: "ana",
            student_name: "Ana Novak",
            class: "7.a",
            birth: (2013, 4, 2),
            story: "married parents; POPOLNI",
            guardians: vec![
                g(
                    "mojca-novak",
                    "Mojca Novak",
                    "parent",
                    "mojca.novak@example.si",
                    "041 123 456",
                    (Service::Popolni, Service::Popolni),
                ),
                g(
                    "janez-novak",
                    "Janez Novak",
                    "parent",
                    "janez.novak@example.si",
                    "041 654 321",
                    (Service::Minimalni, Service::Popolni),
                ),
            ],
            service: Service::Popolni,
            facts_extra: "",
            secondary: false,
        },
        Family {
            name: "Horvat",
            student: "luka",
            student_name: "Luka Horvat",
            class: "7.a",
            birth: (2013, 9, 15),
            story:
                "divorced parents; a final court decision restricts the father's access to absences",
            guardians: vec![
                g(
                    "petra-horvat",
                    "Petra Horvat",
                    "parent",
                    "petra.horvat@example.si",
                    "040 111 222",
                    (Service::ZaStarse, Service::ZaStarse),
                ),
                horvat_father,
            ],
            service: Service::ZaStarse,
            facts_extra: r#", "separated_on": "2024-06-01",
              "court_decisions": [{"reference": "I R 55/2025", "date": "2025-02-01", "final_on": "2025-03-01",
                                   "parent": "marko-horvat",
                                   "effect": {"kind": "restricts_categories", "categories": ["absences"]}}]"#,
            secondary: false,
        },
        Family {
            name: "Kos",
            student: "eva",
            student_name: "Eva Kos",
            class: "7.a",
            birth: (2013, 6, 20),
            story: "foster placement since 1 September 2025; MINIMALNI",
            guardians: vec![g(
                "vesna-kos",
                "Vesna Kos",
                "foster_parent",
                "vesna.kos@example.si",
                "051 300 400",
                (Service::Minimalni, Service::Minimalni),
            )],
            service: Service::Minimalni,
            facts_extra: "",
            secondary: false,
        },
        Family {
            name: "Zupan",
            student: "nik",
            student_name: "Nik Zupan",
            class: "3.g",
            birth: (2007, 3, 10),
            story:
                "an adult secondary student who objected in writing to his parent being informed",
            guardians: vec![g(
                "alenka-zupan",
                "Alenka Zupan",
                "parent",
                "alenka.zupan@example.si",
                "070 500 600",
                (Service::ZaStarse, Service::ZaStarse),
            )],
            service: Service::ZaStarse,
            facts_extra: r#", "adult_statements": [{"date": "2026-09-15", "kind": "objects"}]"#,
            secondary: true,
        },
        Family {
            name: "Mlakar",
            student: "tim",
            student_name: "Tim Mlakar",
            class: "7.a",
            birth: (2013, 1, 10),
            story: "moves to OŠ Bežigrad on 1 February",
            guardians: vec![g(
                "irena-mlakar",
                "Irena Mlakar",
                "parent",
                "irena.mlakar@example.si",
                "041 700 800",
                (Service::ZaStarse, Service::ZaStarse),
            )],
            service: Service::ZaStarse,
            facts_extra: "",
            secondary: false,
        },
    ]
}

fn facts_json(families: &[Family], year: SchoolYear) -> String {
    let mut fams = Vec::new();
    for f in families {
        let relations: Vec<String> = f
            .guardians
            .iter()
            .map(|g| {
                let from = if g.relation == "foster_parent" {
                    r#", "from": "2025-09-01""#.to_owned()
                } else {
                    String::new()
                };
                format!(
                    r#"{{"guardian": "{}", "relationship": "{}"{from}}}"#,
                    g.id, g.relation
                )
            })
            .collect();
        fams.push(format!(
            r#"{{"student": {{"id": "{}", "birth_date": "{:04}-{:02}-{:02}", "class": "{}", "level": "{}"}},
              "relations": [{}]{}}}"#,
            f.student,
            f.birth.0,
            f.birth.1,
            f.birth.2,
            f.class,
            if f.secondary { "secondary" } else { "primary" },
            relations.join(", "),
            f.facts_extra
        ));
    }
    let y = year.start_year();
    format!(
        r#"{{"families": [{}],
  "staff": [{{"staff": "t-novak", "role": "class_teacher", "class": "7.a"}},
            {{"staff": "t-kranjc", "role": "teacher", "class": "7.a"}},
            {{"staff": "t-bizjak", "role": "class_teacher", "class": "3.g"}}],
  "support_requests": [{{"reference": "ZAHTEVA-{y}-117", "vendor_staff": "podpora-1",
                        "requested_on": "{y}-11-19", "from": "{y}-11-20", "until": "{y}-11-27",
                        "students": ["luka"], "categories": ["grades"],
                        "purpose": "napačno povprečje ocen"}}]}}"#,
        fams.join(",\n")
    )
}

/// One line of the timeline.
struct Event {
    at: DateTime<Utc>,
    /// The family it concerns (index), or `None` for the school.
    family: Option<usize>,
    text: String,
}

struct Timeline(Vec<Event>);

impl Timeline {
    fn add(&mut self, at: DateTime<Utc>, family: Option<usize>, text: impl Into<String>) {
        self.0.push(Event {
            at,
            family,
            text: text.into(),
        });
    }
}

/// An instant from a Ljubljana local date and time.
fn local(date: NaiveDate, hour: u32, minute: u32) -> Result<DateTime<Utc>, Error> {
    let naive = date
        .and_hms_opt(hour, minute, 0)
        .ok_or("a time of day out of range")?;
    calendar::ZONE
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| "an ambiguous local time".into())
}

/// A date of the school year: months September–December fall in its first calendar year.
fn day(year: SchoolYear, month: u32, d: u32) -> Result<NaiveDate, Error> {
    let y = if month >= 9 {
        year.start_year()
    } else {
        year.start_year() + 1
    };
    NaiveDate::from_ymd_opt(y, month, d).ok_or_else(|| format!("no date {y}-{month}-{d}").into())
}

fn eur(amount: Decimal) -> String {
    format_eur(amount, MoneyStyle::Slovenian)
}

fn service_name(s: Service) -> &'static str {
    match s {
        Service::Minimalni => "MINIMALNI",
        Service::ZaStarse => "ZA STARŠE",
        Service::ZaUcence => "ZA UČENCE",
        Service::Popolni => "POPOLNI",
        Service::NoElectronicContact => "no electronic contact",
        _ => "other",
    }
}

fn rules_text(rules: &[asistent_core::rules::RuleId]) -> String {
    rules
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn outcome_text(o: &FlowOutcome) -> String {
    let attempts = o
        .attempts_left()
        .map(|n| format!(" ({n} attempt{} left)", if n == 1 { "" } else { "s" }))
        .unwrap_or_default();
    format!("{}{attempts} [{}]", o.kind(), rules_text(&o.rules()))
}

/// One answer of the rights table: category, allowed, rules and basis.
type RightsCell = (Category, bool, String);

/// Per-family results for the summary and the HTML report.
#[derive(Default)]
struct FamilyResult {
    quote_total: Decimal,
    quote_lines: Vec<String>,
    sms_segments: u32,
    sms_cost: Decimal,
    sms_cost_transliterated: Decimal,
    notices_sent: u32,
    notices_withheld: Vec<String>,
    rights: Vec<(String, Vec<RightsCell>)>,
    accesses: Vec<String>,
}

/// Runs the whole school year containing `today` and renders it (deterministic).
#[allow(clippy::too_many_lines)]
pub fn simulate(today: NaiveDate) -> Result<Report, Error> {
    let policy = Policy::from_json(DEMO_POLICY)?;
    let year = SchoolYear::containing(today)?;
    let cal = Calendar::new(&policy);
    let families = families();
    let facts = Facts::from_json(&facts_json(&families, year))?;
    let rng = DemoRandom::new(2026);
    let school = SchoolId::new(SCHOOL)?;
    let mut tl = Timeline(Vec::new());
    let mut results: Vec<FamilyResult> = families.iter().map(|_| FamilyResult::default()).collect();

    // ---- September: security codes, the parent's way in, contacts, services (R-B) ----
    let first = cal.next_working_day(year.first_day())?;
    let mut registrations: Vec<Option<Registration>> = Vec::new();
    let mut code_records: BTreeMap<&str, SecurityCodeRecord> = BTreeMap::new();
    for (fi, f) in families.iter().enumerate() {
        let student = StudentId::new(f.student)?;
        let birth = NaiveDate::from_ymd_opt(f.birth.0, f.birth.1, f.birth.2).ok_or("birth date")?;
        let mut registration = None;
        for (gi, g) in f.guardians.iter().enumerate() {
            let guardian = GuardianId::new(g.id)?;
            let mut now = local(first, 8, 0)?;
            let issued =
                issue_security_code(&guardian, &student, &school, &[], now, &policy.verify, &rng)?;
            tl.add(
                now,
                Some(fi),
                format!(
                    "security code issued to {} for {} on the class teacher's sheet; only its hash is stored (R-B1, R-B2, R-B10; valid through {})",
                    g.name,
                    f.student_name,
                    issued.record.valid_through()
                ),
            );
            let mut code = issued.code;
            let mut flow = ParentFlow::start(issued.record);
            // Each family's parents sign in on their own evening in the first week.
            let evening = cal.add_working_days(first, u32::try_from(fi)?)?;
            now = local(evening, 18, 0)?
                + asistent_core::chrono::Duration::minutes(i64::try_from(gi)? * 30);
            let step = |flow: &ParentFlow, input: FlowInput, at: DateTime<Utc>| {
                flow.apply(&input, at, &policy)
            };
            let (next, out) = step(
                &flow,
                FlowInput::EnterCode {
                    code: code.grouped(),
                },
                now,
            )?;
            flow = next;
            tl.add(
                now,
                Some(fi),
                format!("{} enters the code: {}", g.name, outcome_text(&out)),
            );
            let mut wrong = 0;
            while wrong < g.wrong_dates {
                wrong += 1;
                now += asistent_core::chrono::Duration::minutes(1);
                let given = birth
                    .with_day(if birth.day() == 1 { 2 } else { 1 })
                    .ok_or("date")?
                    .with_month(((birth.month() + wrong - 1) % 12) + 1)
                    .ok_or("date")?;
                let (next, out) = step(
                    &flow,
                    FlowInput::EnterBirthDate {
                        given,
                        on_record: birth,
                    },
                    now,
                )?;
                flow = next;
                tl.add(
                    now,
                    Some(fi),
                    format!(
                        "{} gives the date of birth {given}: {}",
                        g.name,
                        outcome_text(&out)
                    ),
                );
            }
            if matches!(flow.step, asistent_core::verify::flow::FlowStep::Voided) {
                // The class teacher issues a new code two working days later (R-B3, R-B10).
                let again = cal.add_working_days(evening, 2)?;
                now = local(again, 8, 0)?;
                let previous = [flow.code.clone()];
                let issued = issue_security_code(
                    &guardian,
                    &student,
                    &school,
                    &previous,
                    now,
                    &policy.verify,
                    &rng,
                )?;
                tl.add(now, Some(fi), format!(
                    "the class teacher issues {} a new code after a check of the school's record (R-B3)",
                    g.name
                ));
                code = issued.code;
                flow = ParentFlow::start(issued.record);
                now = local(again, 17, 30)?;
                let (next, out) = step(
                    &flow,
                    FlowInput::EnterCode {
                        code: code.grouped(),
                    },
                    now,
                )?;
                flow = next;
                tl.add(
                    now,
                    Some(fi),
                    format!("{} enters the new code: {}", g.name, outcome_text(&out)),
                );
            }
            now += asistent_core::chrono::Duration::minutes(1);
            let (next, out) = step(
                &flow,
                FlowInput::EnterBirthDate {
                    given: birth,
                    on_record: birth,
                },
                now,
            )?;
            flow = next;
            tl.add(
                now,
                Some(fi),
                format!(
                    "{} gives the right date of birth: {}",
                    g.name,
                    outcome_text(&out)
                ),
            );
            for contact in [
                Contact::Email(Email::parse(g.email)?),
                Contact::Phone(Phone::parse(g.phone)?),
            ] {
                now += asistent_core::chrono::Duration::minutes(1);
                let (record, secret) =
                    issue_confirmation_code(&contact, now, &policy.verify, &rng)?;
                let (next, _) = step(&flow, FlowInput::ConfirmationSent { record }, now)?;
                now += asistent_core::chrono::Duration::minutes(2);
                let (next, out) = step(
                    &next,
                    FlowInput::EnterConfirmation {
                        contact: contact.clone(),
                        code: secret.reveal().to_owned(),
                    },
                    now,
                )?;
                flow = next;
                tl.add(
                    now,
                    Some(fi),
                    format!(
                        "{} confirms {}: {}",
                        g.name,
                        contact.as_str(),
                        outcome_text(&out)
                    ),
                );
            }
            now += asistent_core::chrono::Duration::minutes(1);
            let choice = ServiceChoice {
                parent: g.choice.0,
                child: g.choice.1,
            };
            let (next, out) = step(&flow, FlowInput::ChooseServices(choice), now)?;
            flow = next;
            tl.add(
                now,
                Some(fi),
                format!(
                    "{} chooses {} for themself and {} for {}: {}",
                    g.name,
                    service_name(choice.parent),
                    service_name(choice.child),
                    f.student_name,
                    outcome_text(&out)
                ),
            );
            code_records.insert(g.id, flow.code.clone());
            if gi == 0 {
                // The first parent registers the child's service and pays the year (R-C4, R-C8).
                let on = calendar::local_date(now);
                let (mut reg, _) = Registration::register(
                    guardian.clone(),
                    student.clone(),
                    school.clone(),
                    f.service,
                    Chooser::LegalRepresentative,
                    on,
                )?;
                if f.service != Service::Minimalni {
                    let (paid, out) =
                        reg.apply(&RegistrationEvent::Pay { school_year: year }, on, &policy)?;
                    reg = paid;
                    if let RegistrationOutcome::Paid {
                        school_year,
                        amount,
                    } = out
                    {
                        tl.add(now, Some(fi), format!("{} registers {} and pays {} for {school_year} in one payment [R-C4, R-C8]", g.name, service_name(f.service), eur(amount)));
                    }
                }
                registration = Some(reg);
            }
        }
        registrations.push(registration);
        let orders = [ChildOrder {
            student: student.clone(),
            service: f.service,
        }];
        let quote = quote_family(&policy, year, &orders, 1)?;
        results[fi].quote_total = quote.total;
        results[fi].quote_lines = quote
            .children
            .iter()
            .flat_map(|c| {
                c.lines
                    .iter()
                    .map(|l| format!("{} {}", l.item.label_sl(), eur(l.amount)))
            })
            .collect();
    }

    // ---- A child moves school mid-year (R-C8, R-B8) ----
    let move_day = day(year, 2, 1)?;
    let mlakar = families
        .iter()
        .position(|f| f.name == "Mlakar")
        .ok_or("Mlakar")?;
    if let Some(reg) = registrations[mlakar].take() {
        let new_school = SchoolId::new(NEW_SCHOOL)?;
        let (ended, _) = reg.apply(
            &RegistrationEvent::ChangeSchool {
                to: new_school.clone(),
            },
            move_day,
            &policy,
        )?;
        let at = local(move_day, 8, 0)?;
        if let RegistrationStatus::Ended { on, .. } = &ended.status {
            tl.add(at, Some(mlakar), format!("Tim Mlakar moves to OŠ Bežigrad: the registration at OŠ Prule ended by itself on {on}; notices stop [R-C8, R-C7]"));
        }
        let previous: Vec<SecurityCodeRecord> = code_records
            .get("irena-mlakar")
            .into_iter()
            .cloned()
            .collect();
        let issued = issue_security_code(
            &GuardianId::new("irena-mlakar")?,
            &StudentId::new("tim")?,
            &new_school,
            &previous,
            at,
            &policy.verify,
            &rng,
        )?;
        tl.add(at, Some(mlakar), format!(
            "OŠ Bežigrad issues Irena Mlakar a new security code for its own registration (valid through {}) [R-B8, R-C8]",
            issued.record.valid_through()
        ));
        registrations[mlakar] = Some(ended);
    }

    // ---- Statements and requests that change rights during the year ----
    let zupan = families
        .iter()
        .position(|f| f.name == "Zupan")
        .ok_or("Zupan")?;
    let objection = NaiveDate::from_ymd_opt(2026, 9, 15).ok_or("date")?;
    tl.add(
        local(objection, 10, 0)?,
        Some(zupan),
        "Nik Zupan, an adult, objects in writing to his parent being informed [R-D12]",
    );
    let horvat = families
        .iter()
        .position(|f| f.name == "Horvat")
        .ok_or("Horvat")?;
    tl.add(local(day(year, 11, 19)?, 9, 0)?, Some(horvat), format!(
        "the school asks the vendor's support (request ZAHTEVA-{}-117) to fix Luka's grade average, 20–27 November [R-F6]", year.start_year()
    ));

    // ---- Rights: every guardian, on a day in October (R-F1 … R-F8, R-D12) ----
    let rights_day = day(year, 10, 15)?;
    let asked = [
        Category::Grades,
        Category::Absences,
        Category::ServiceChoice,
    ];
    for (fi, f) in families.iter().enumerate() {
        for g in &f.guardians {
            let mut row = Vec::new();
            for c in asked {
                let action = if c == Category::ServiceChoice {
                    Action::Decide
                } else {
                    Action::See
                };
                let q = asistent_core::rights::Question::new(
                    Person::Guardian(GuardianId::new(g.id)?),
                    StudentId::new(f.student)?,
                    c,
                    action,
                    rights_day,
                );
                let d = facts.decide(&q, &policy)?;
                let basis = d
                    .bases()
                    .first()
                    .map(|b| format!("; basis {} of {}", b.reference, b.date))
                    .unwrap_or_default();
                row.push((
                    c,
                    d.allowed,
                    format!("[{}]{basis}", rules_text(&d.rule_ids())),
                ));
            }
            results[fi].rights.push((
                format!("{} ({})", g.name, g.relation.replace('_', " ")),
                row,
            ));
        }
    }

    // ---- Accesses during the year, each decided and, if allowed, audited (R-F6) ----
    let key = PseudonymKey::new(b"OS Prule demo pseudonym key -- not a secret")?;
    let signer = CheckpointSigner::from_seed(&[42; 32])?;
    let accesses: Vec<(Person, &str, Category, &str, DateTime<Utc>)> = vec![
        (
            Person::Staff(StaffId::new("t-kranjc")?),
            "ana",
            Category::Grades,
            "vpis ocene pri matematiki",
            local(day(year, 10, 5)?, 9, 30)?,
        ),
        (
            Person::Guardian(GuardianId::new("mojca-novak")?),
            "ana",
            Category::Grades,
            "pregled ocen",
            local(day(year, 10, 5)?, 18, 10)?,
        ),
        (
            Person::Guardian(GuardianId::new("marko-horvat")?),
            "luka",
            Category::Absences,
            "pregled izostankov",
            local(day(year, 10, 6)?, 19, 0)?,
        ),
        (
            Person::Guardian(GuardianId::new("marko-horvat")?),
            "luka",
            Category::Grades,
            "pregled ocen",
            local(day(year, 10, 6)?, 19, 1)?,
        ),
        (
            Person::Staff(StaffId::new("t-novak")?),
            "luka",
            Category::Absences,
            "opravičevanje izostankov",
            local(day(year, 10, 12)?, 10, 0)?,
        ),
        (
            Person::Guardian(GuardianId::new("vesna-kos")?),
            "eva",
            Category::Grades,
            "pregled ocen",
            local(day(year, 10, 20)?, 20, 0)?,
        ),
        (
            Person::Guardian(GuardianId::new("alenka-zupan")?),
            "nik",
            Category::Grades,
            "pregled ocen",
            local(day(year, 10, 21)?, 21, 0)?,
        ),
        (
            Person::Student(StudentId::new("nik")?),
            "nik",
            Category::Grades,
            "pregled ocen",
            local(day(year, 10, 21)?, 21, 5)?,
        ),
        (
            Person::Vendor(VendorStaffId::new("podpora-1")?),
            "luka",
            Category::Grades,
            "popravek povprečja",
            local(day(year, 11, 23)?, 11, 0)?,
        ),
        (
            Person::Vendor(VendorStaffId::new("podpora-1")?),
            "luka",
            Category::Absences,
            "pregled",
            local(day(year, 12, 1)?, 11, 0)?,
        ),
        (
            Person::Staff(StaffId::new("t-bizjak")?),
            "nik",
            Category::Absences,
            "vzgojni razgovor",
            local(day(year, 1, 14)?, 12, 0)?,
        ),
        (
            Person::Guardian(GuardianId::new("janez-novak")?),
            "ana",
            Category::Absences,
            "pregled izostankov",
            local(day(year, 3, 10)?, 19, 30)?,
        ),
        (
            Person::Staff(StaffId::new("t-novak")?),
            "ana",
            Category::Grades,
            "zaključevanje ocen",
            local(day(year, 6, 15)?, 11, 0)?,
        ),
    ];
    let mut log = AuditLog::new();
    let first_term_end = local(day(year, 1, 31)?, 23, 59)?;
    let mut checkpoint_a = None;
    let mut mojca_entry = None;
    for (person, student, category, purpose, at) in accesses {
        if checkpoint_a.is_none() && at > first_term_end {
            let cp = log.checkpoint(&signer, first_term_end);
            tl.add(
                first_term_end,
                None,
                format!(
                    "audit checkpoint signed: {} entries, root {}… (R-F6)",
                    cp.tree_size,
                    &audit::hex(&cp.root)[..16]
                ),
            );
            checkpoint_a = Some(cp);
        }
        let who = match &person {
            Person::Guardian(g) => format!("guardian {}", g.as_str()),
            Person::Student(s) => format!("student {}", s.as_str()),
            Person::Staff(s) => format!("staff {}", s.as_str()),
            Person::Vendor(v) => format!("vendor support {}", v.as_str()),
            _ => "someone".to_owned(),
        };
        let fi = families
            .iter()
            .position(|f| f.student == student)
            .ok_or("student")?;
        let (decision, record) = facts.access(
            person,
            StudentId::new(student)?,
            category,
            Action::See,
            purpose,
            at,
            &policy,
        )?;
        let line = match AuditEntry::from_access(&record, &key) {
            Ok(entry) => {
                let index = log.append(entry.clone())?;
                if who == "guardian mojca-novak" {
                    mojca_entry = Some((index, entry.clone()));
                }
                format!(
                    "{who} sees the {} of {student}: allowed [{}], audit entry #{index} ({})",
                    category.label_en(),
                    rules_text(&decision.rule_ids()),
                    entry.role.label_en()
                )
            }
            Err(e) => format!(
                "{who} asks for the {} of {student}: refused [{}] — not logged: {e}",
                category.label_en(),
                rules_text(&decision.rule_ids())
            ),
        };
        results[fi]
            .accesses
            .push(format!("{} — {line}", calendar::local_date(at)));
        tl.add(at, Some(fi), line);
    }
    let year_end = local(year.last_day(), 23, 59)?;
    let checkpoint_b = log.checkpoint(&signer, year_end);
    tl.add(
        year_end,
        None,
        format!(
            "audit checkpoint signed: {} entries, root {}… (R-F6)",
            checkpoint_b.tree_size,
            &audit::hex(&checkpoint_b.root)[..16]
        ),
    );
    let mut proofs = String::new();
    if let Some(cp_a) = &checkpoint_a {
        let consistency = log.consistency_proof(cp_a.tree_size, checkpoint_b.tree_size)?;
        audit::verify_consistency(&consistency, cp_a, &checkpoint_b, signer.public_key())?;
        writeln!(proofs, "  consistency proof {} → {} entries ({} hashes): verified against both signed checkpoints", cp_a.tree_size, checkpoint_b.tree_size, consistency.path.len())?;
    }
    if let Some((index, entry)) = &mojca_entry {
        let inclusion = log.inclusion_proof(*index, checkpoint_b.tree_size)?;
        audit::verify_inclusion(entry, &inclusion, &checkpoint_b, signer.public_key())?;
        writeln!(proofs, "  inclusion proof of entry #{index} (Mojca Novak viewed Ana's grades, {} hashes): verified against the year-end checkpoint", inclusion.path.len())?;
    }
    log.verify_against(&checkpoint_b, signer.public_key())?;
    writeln!(
        proofs,
        "  the whole log checked against the year-end checkpoint: unaltered"
    )?;
    let names = |p: &audit::Pseudonym| -> Option<String> {
        families
            .iter()
            .flat_map(|f| f.guardians.iter())
            .find(|g| GuardianId::new(g.id).is_ok_and(|id| key.guardian(&id) == *p))
            .map(|g| g.name.to_owned())
            .or_else(|| {
                ["t-novak", "t-kranjc", "t-bizjak"]
                    .into_iter()
                    .find(|s| StaffId::new(*s).is_ok_and(|id| key.staff(&id) == *p))
                    .map(str::to_owned)
            })
    };
    let ana_report = log
        .report_for(
            &key.student(&StudentId::new("ana")?),
            local(year.first_day(), 0, 0)?,
            year_end,
        )
        .render(false, &names);

    // ---- Sample notices and their SMS cost (R-A10), sent only when paid and allowed ----
    let notices: [(u32, u32, Category, &str); 3] = [
        (10, 14, Category::Grades, "{ime} je danes prejel(a) oceno pri matematiki. Podrobnosti so v aplikaciji mojAsistent."),
        (11, 18, Category::Absences, "Izostanek: {ime} danes ni bil(a) pri pouku od 3. do 5. ure. Prosimo, opravičite izostanek v petih dneh."),
        (3, 10, Category::Absences, "Opomnik: {ime} ima neopravičen izostanek. Opravičilo oddajte razredničarki čim prej."),
    ];
    for (fi, f) in families.iter().enumerate() {
        for (month, d, category, template) in notices {
            let date = day(year, month, d)?;
            let text = template.replace(
                "{ime}",
                f.student_name.split(' ').next().unwrap_or(f.student_name),
            );
            let paid = registrations[fi]
                .as_ref()
                .map(|r| r.period_on(date))
                .transpose()?;
            let may_send = paid.as_ref().is_some_and(|p| p.notices_may_be_sent);
            for g in &f.guardians {
                if g.choice.0 == Service::Minimalni && f.guardians.len() > 1 {
                    continue; // This parent chose no notices for themself (R-C5).
                }
                let allowed = facts.decide(
                    &asistent_core::rights::Question::may_see(
                        GuardianId::new(g.id)?,
                        StudentId::new(f.student)?,
                        category,
                        date,
                    ),
                    &policy,
                )?;
                let at = local(date, 14, 0)?;
                if may_send && allowed.allowed {
                    let quote = sms::quote(&text, &policy)?;
                    results[fi].notices_sent += 1;
                    results[fi].sms_segments += quote.as_written.count.segments;
                    results[fi].sms_cost += quote.as_written.total;
                    results[fi].sms_cost_transliterated += quote.transliterated.total;
                    tl.add(at, Some(fi), format!(
                        "SMS to {}: \"{text}\" — {} segment(s) {:?}, {} (transliterated {}) [R-A10]",
                        g.name, quote.as_written.count.segments, quote.as_written.count.encoding, eur(quote.as_written.total), eur(quote.transliterated.total)
                    ));
                } else {
                    let why = if may_send {
                        format!(
                            "not allowed to see the {} [{}]",
                            category.label_en(),
                            rules_text(&allowed.rule_ids())
                        )
                    } else {
                        format!(
                            "no paid service for notices on that day [{}]",
                            paid.as_ref()
                                .map_or_else(|| "R-C7".into(), |p| rules_text(&p.reasons))
                        )
                    };
                    results[fi]
                        .notices_withheld
                        .push(format!("{date}: {} — {why}", g.name));
                    tl.add(at, Some(fi), format!("no SMS to {}: {why}", g.name));
                }
            }
        }
    }

    // ---- Render ----
    tl.0.sort_by_key(|e| e.at);
    let mut out = String::new();
    writeln!(
        out,
        "asistent — the main job: šolsko leto {year} at OŠ Prule (built-in demo data)"
    )?;
    writeln!(
        out,
        "today = {today}; deterministic demo: seeded codes, demo keys, {DEMO_POLICY}"
    )?;
    writeln!(out, "\n== Calendar {year} (R-E7) ==")?;
    writeln!(
        out,
        "  from {} to {}; lessons until {} (final classes until {})",
        year.first_day(),
        year.last_day(),
        cal.last_lesson_day(year, false),
        cal.last_lesson_day(year, true)
    )?;
    for y in [year.start_year(), year.start_year() + 1] {
        for wf in cal.work_free_days(y)? {
            if year.contains(wf.date) {
                writeln!(
                    out,
                    "  {} {:<3} {} — {}",
                    wf.date,
                    wf.date.weekday(),
                    wf.name_sl,
                    wf.name_en
                )?;
            }
        }
    }
    writeln!(out, "\n== Families ==")?;
    for f in &families {
        let gs: Vec<String> = f
            .guardians
            .iter()
            .map(|g| format!("{} ({})", g.name, g.relation.replace('_', " ")))
            .collect();
        writeln!(
            out,
            "  {} — {} {}, born {}-{:02}-{:02}: {}; {}",
            f.name,
            f.student_name,
            f.class,
            f.birth.0,
            f.birth.1,
            f.birth.2,
            gs.join(", "),
            f.story
        )?;
    }
    writeln!(out, "\n== Timeline ==")?;
    let mut last_date = None;
    for e in &tl.0 {
        let date = calendar::local_date(e.at);
        if last_date != Some(date) {
            writeln!(out, "{date} {}", date.weekday())?;
            last_date = Some(date);
        }
        let local_time = e.at.with_timezone(&calendar::ZONE).format("%H:%M");
        let who = e.family.map_or("school", |i| families[i].name);
        writeln!(out, "  {local_time} [{who}] {}", e.text)?;
    }
    writeln!(
        out,
        "\n== Rights on {rights_day} (see grades, see absences, decide the service) =="
    )?;
    for (fi, f) in families.iter().enumerate() {
        for (who, row) in &results[fi].rights {
            let cells: Vec<String> = row
                .iter()
                .map(|(c, ok, why)| {
                    format!("{} {} {why}", c.code(), if *ok { "yes" } else { "NO" })
                })
                .collect();
            writeln!(out, "  {}: {who}: {}", f.student_name, cells.join(" | "))?;
        }
    }
    writeln!(out, "\n== Audit (R-F6) ==")?;
    writeln!(
        out,
        "  {} accesses logged; root {}",
        log.len(),
        audit::hex(&log.root())
    )?;
    write!(out, "{proofs}")?;
    writeln!(
        out,
        "  Who viewed Ana Novak's data (the report her parents get):"
    )?;
    for line in ana_report.lines() {
        writeln!(out, "    {line}")?;
    }
    writeln!(out, "\n== Summary: costs per family ==")?;
    writeln!(
        out,
        "  {:<8} {:<11} {:>10} {:>8} {:>9} {:>11} {:>14}",
        "family", "service", "year", "notices", "segments", "SMS cost", "transliterated"
    )?;
    let (mut total, mut sms_total, mut sms_tr) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (fi, f) in families.iter().enumerate() {
        let r = &results[fi];
        total += r.quote_total;
        sms_total += r.sms_cost;
        sms_tr += r.sms_cost_transliterated;
        writeln!(
            out,
            "  {:<8} {:<11} {:>10} {:>8} {:>9} {:>11} {:>14}",
            f.name,
            service_name(f.service),
            eur(r.quote_total),
            r.notices_sent,
            r.sms_segments,
            eur(r.sms_cost),
            eur(r.sms_cost_transliterated)
        )?;
    }
    writeln!(
        out,
        "  {:<8} {:<11} {:>10} {:>8} {:>9} {:>11} {:>14}",
        "total",
        "",
        eur(total),
        results.iter().map(|r| r.notices_sent).sum::<u32>(),
        results.iter().map(|r| r.sms_segments).sum::<u32>(),
        eur(sms_total),
        eur(sms_tr)
    )?;
    writeln!(
        out,
        "  audit root {} ({} entries, year-end checkpoint signed)",
        audit::hex(&log.root()),
        log.len()
    )?;

    let html = render_html(&families, &results, &tl, year, &cal, &log, &ana_report)?;
    Ok(Report { text: out, html })
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const MONTHS: [(u32, &str); 10] = [
    (9, "september"),
    (10, "oktober"),
    (11, "november"),
    (12, "december"),
    (1, "januar"),
    (2, "februar"),
    (3, "marec"),
    (4, "april"),
    (5, "maj"),
    (6, "junij"),
];

#[allow(clippy::too_many_arguments)]
fn render_html(
    families: &[Family],
    results: &[FamilyResult],
    tl: &Timeline,
    year: SchoolYear,
    cal: &Calendar,
    log: &AuditLog,
    ana_report: &str,
) -> Result<String, Error> {
    let mut h = String::new();
    writeln!(h, "<!DOCTYPE html>\n<html lang=\"sl\"><head><meta charset=\"utf-8\"><title>Šolsko leto {year} — pregled po družinah</title>")?;
    writeln!(h, "<style>body{{font-family:sans-serif;max-width:60em;margin:auto}}table{{border-collapse:collapse;margin:.5em 0}}td,th{{border:1px solid #999;padding:.2em .5em;vertical-align:top;text-align:left}}.no{{color:#a00;font-weight:bold}}.yes{{color:#060}}.free{{color:#777}}section{{page-break-after:always}}</style></head><body>")?;
    writeln!(h, "<h1>OŠ Prule — šolsko leto {year}</h1>\n<p>Pregled za razrednika po družinah (demo podatki). Audit root: <code>{}</code> ({} vpisov).</p>", audit::hex(&log.root()), log.len())?;
    let mut work_free: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for y in [year.start_year(), year.start_year() + 1] {
        for wf in cal.work_free_days(y)? {
            if year.contains(wf.date) {
                work_free.entry(wf.date.month()).or_default().push(format!(
                    "{}. {}",
                    wf.date.day(),
                    wf.name_sl
                ));
            }
        }
    }
    for (fi, f) in families.iter().enumerate() {
        let r = &results[fi];
        writeln!(
            h,
            "<section><h2>Družina {} — {}, {}</h2><p>{}</p>",
            esc(f.name),
            esc(f.student_name),
            esc(f.class),
            esc(f.story)
        )?;
        writeln!(
            h,
            "<h3>Storitev in plačilo</h3><p>{}: {} za šolsko leto ({})</p>",
            service_name(f.service),
            eur(r.quote_total),
            esc(&r.quote_lines.join("; "))
        )?;
        writeln!(h, "<h3>Pravice staršev</h3><table><tr><th>kdo</th><th>ocene</th><th>izostanki</th><th>odloča o storitvi</th></tr>")?;
        for (who, row) in &r.rights {
            write!(h, "<tr><td>{}</td>", esc(who))?;
            for (_, ok, why) in row {
                write!(
                    h,
                    "<td class=\"{}\">{} <small>{}</small></td>",
                    if *ok { "yes" } else { "no" },
                    if *ok { "da" } else { "ne" },
                    esc(why)
                )?;
            }
            writeln!(h, "</tr>")?;
        }
        writeln!(h, "</table>")?;
        writeln!(h, "<h3>Koledar družine</h3><table><tr><th>mesec</th><th>dogodki</th><th>prosti dnevi</th></tr>")?;
        for (month, name) in MONTHS {
            let events: Vec<String> =
                tl.0.iter()
                    .filter(|e| e.family == Some(fi) && calendar::local_date(e.at).month() == month)
                    .map(|e| format!("{}. {}", calendar::local_date(e.at).day(), esc(&e.text)))
                    .collect();
            let free = work_free
                .get(&month)
                .map(|v| v.join(", "))
                .unwrap_or_default();
            writeln!(
                h,
                "<tr><td>{name}</td><td>{}</td><td class=\"free\">{}</td></tr>",
                events.join("<br>"),
                esc(&free)
            )?;
        }
        writeln!(h, "</table>")?;
        writeln!(
            h,
            "<h3>Obvestila SMS</h3><p>{} poslanih, {} segmentov, {} (brez šumnikov {}).</p>",
            r.notices_sent,
            r.sms_segments,
            eur(r.sms_cost),
            eur(r.sms_cost_transliterated)
        )?;
        if !r.notices_withheld.is_empty() {
            writeln!(
                h,
                "<ul>{}</ul>",
                r.notices_withheld
                    .iter()
                    .map(|w| format!("<li>ni poslano: {}</li>", esc(w)))
                    .collect::<String>()
            )?;
        }
        writeln!(
            h,
            "<h3>Dostopi do podatkov</h3><ul>{}</ul></section>",
            r.accesses
                .iter()
                .map(|a| format!("<li>{}</li>", esc(a)))
                .collect::<String>()
        )?;
    }
    writeln!(
        h,
        "<section><h2>Kdo je gledal Anine podatke</h2><pre>{}</pre></section>",
        esc(ana_report)
    )?;
    writeln!(h, "</body></html>")?;
    Ok(h)
}
