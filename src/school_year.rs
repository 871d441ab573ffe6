//! The main job: one school year of a small built-in school, simulated end to end with
//! the library's rules, printed as a timeline and a summary, and rendered as an HTML
//! report with one page section per family for the class teacher.
//!
//! Every step calls `asistent-core`: security codes and the parent's way in (R-B1 …
//! R-B10), contacts confirmed (R-B5), services chosen, registered, paid and quoted (R-C2
//! … R-C9), rights decisions for every guardian (R-F1 … R-F8, R-D12), every access
//! recorded in the audit trail with signed checkpoints and proofs (R-F6), and the school
//! calendar (R-E7).
//!
//! Three weeks of teacher entries (19 October – 6 November: absences, grades, announced
//! assessments, praise, a comment whose lesson is not closed, homework, a remark forwarded
//! by the class teacher, and one absence after a child moved school) go through the
//! visibility engine ([`asistent_core::visibility`], R-D1 … R-D12, R-C9, R-C10): a table
//! per family says what each parent and the student see and from when, with the rules —
//! a grade whose D+3 crosses the October change to winter time, a MINIMALNI parent who
//! sees no grades, a MINIMALNI student who sees only the latest grade, an adult student's
//! objection. The same entries go through the notification planner
//! ([`asistent_core::notify::Planner`], R-E1 … R-E7, R-C3, R-C5, R-C7, R-A10) over the whole
//! year: every notice per recipient and channel with its send instant and SMS cost, and
//! what was held back with its rule. The summary gives notices per channel and the SMS
//! cost per family.
//!
//! Deterministic: no clock and no system randomness. The school year is the one
//! containing `today`; secrets come from [`DemoRandom`], a seeded generator for this demo
//! only.

// A demo walks a year in one long function and builds its HTML with iterators; both read
// better whole than split.
#![allow(clippy::too_many_lines, clippy::format_collect)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use asistent_core::audit::{self, AuditEntry, AuditLog, CheckpointSigner, PseudonymKey};
use asistent_core::calendar::{self, Calendar, SchoolYear};
use asistent_core::chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use asistent_core::ids::{GuardianId, SchoolId, StaffId, StudentId, VendorStaffId};
use asistent_core::money::{format_eur, MoneyStyle};
use asistent_core::notify::{
    sms, Addressee, Channel, Child, Event as NotifyEvent, EventId, EventKind, Household, Mode,
    ObservationKind, Period, Planner, QuietHours, Recipient,
};
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
use asistent_core::visibility::{visible_from, Context, Item, ItemKind, Viewer, Visibility};

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
    sms_sent: u32,
    emails_sent: u32,
    /// What each viewer sees of each entry, and from when.
    seen: Vec<String>,
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

    // ---- Three weeks of teacher entries (19 October – 6 November): who sees what, from
    // when (R-D1 … R-D12, R-C9, R-C10), and the notices they cause (R-E1 … R-E7) ----
    let entries = teacher_entries(year)?;
    let mut visibility_out = String::new();
    let view_day = day(year, 11, 6)?;
    for (fi, f) in families.iter().enumerate() {
        let student = StudentId::new(f.student)?;
        let mine: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.student == f.student && calendar::local_date(e.at) <= view_day)
            .collect();
        for e in entries.iter().filter(|e| e.student == f.student) {
            tl.add(
                e.at,
                Some(fi),
                format!("{} enters {} [R-D11]", e.teacher, e.label),
            );
        }
        if mine.is_empty() {
            continue;
        }
        let items: Vec<Item> = mine.iter().map(|e| e.item()).collect::<Result<_, _>>()?;
        let mut ctx = Context::new(&cal, &facts, view_day);
        ctx.note_grades(items.iter());
        let mut viewers: Vec<(String, Viewer)> = f
            .guardians
            .iter()
            .map(|g| {
                Ok((
                    format!("{} ({})", g.name, service_name(g.choice.0)),
                    Viewer::guardian(GuardianId::new(g.id)?, student.clone(), g.choice.0),
                ))
            })
            .collect::<Result<_, Error>>()?;
        let child_service = f.guardians.first().map_or(f.service, |g| g.choice.1);
        viewers.push((
            format!(
                "{} (student, {})",
                f.student_name.split(' ').next().unwrap_or(f.student_name),
                service_name(child_service)
            ),
            Viewer::student(student.clone(), child_service),
        ));
        writeln!(
            visibility_out,
            "  {} — {} {}; viewers: {}",
            f.name,
            f.student_name,
            f.class,
            viewers
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        )?;
        for (e, item) in mine.iter().zip(&items) {
            let cells: Vec<String> = viewers
                .iter()
                .map(|(_, v)| visible_from(item, v, &ctx, &policy).map(|vis| cell(&vis, e.at)))
                .collect::<Result<_, _>>()?;
            writeln!(
                visibility_out,
                "    {} {}: {}",
                e.at.with_timezone(&calendar::ZONE).format("%m-%d %H:%M"),
                e.label,
                cells.join(" | ")
            )?;
            let shown: Vec<String> = viewers
                .iter()
                .zip(&cells)
                .map(|((n, _), c)| format!("{}: {c}", n.split(' ').next().unwrap_or(n)))
                .collect();
            results[fi]
                .seen
                .push(format!("{} — {}", e.label, shown.join("; ")));
            if e.crosses_dst {
                if let Some((name, v)) = viewers.first() {
                    if let Some(from) = visible_from(item, v, &ctx, &policy)?.from() {
                        let fmt = |t: DateTime<Utc>| {
                            format!(
                                "{} ({} UTC)",
                                t.with_timezone(&calendar::ZONE)
                                    .format("%a %Y-%m-%d %H:%M %Z"),
                                t.format("%H:%M")
                            )
                        };
                        writeln!(
                            visibility_out,
                            "      DST: entered {}, seen by {name} from {} — D+3 at local midnight across the change to winter time [R-D1]",
                            fmt(e.at),
                            fmt(from)
                        )?;
                    }
                }
            }
        }
    }

    // ---- The notification planner over the whole year (R-E1 … R-E7, R-C3, R-C5, R-C7,
    // R-A10): every notice with its channel, send instant and SMS cost ----
    let planner = Planner::new(&policy, &cal, &facts);
    let events: Vec<(usize, NotifyEvent)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let fi = families.iter().position(|f| f.student == e.student)?;
            let kind = e.event.clone()?;
            Some((fi, (i, kind)))
        })
        .map(|(fi, (i, kind))| {
            Ok((
                fi,
                NotifyEvent {
                    id: EventId(u64::try_from(i)?),
                    student: StudentId::new(families[fi].student)?,
                    entered_at: entries[i].at,
                    kind,
                },
            ))
        })
        .collect::<Result<_, Error>>()?;
    for (fi, f) in families.iter().enumerate() {
        let Some(registration) = registrations[fi].clone() else {
            continue;
        };
        let mut recipients = Vec::new();
        let mut on_subscription = Vec::new();
        for (gi, g) in f.guardians.iter().enumerate() {
            if g.choice.0 == Service::Minimalni && f.guardians.len() > 1 {
                // This parent chose MINIMALNI for themself: no notices (R-C5, R-E5).
                results[fi].notices_withheld.push(format!(
                    "{}: chose MINIMALNI for themself, no notices [R-C5, R-E5]",
                    g.name
                ));
                continue;
            }
            let id = GuardianId::new(g.id)?;
            let (mode, channels) = if gi == 0 {
                (Mode::Daily, vec![Channel::Email, Channel::Sms])
            } else {
                (Mode::Weekly, vec![Channel::Email])
            };
            let mut r = Recipient::guardian(id.clone(), mode, channels);
            r.email = Some(g.email.to_owned());
            r.phone = Some(Phone::parse(g.phone)?.e164().to_owned());
            if f.name == "Novak" {
                // Mojca is at work until 15:00 and set quiet hours (beyond the seeds).
                r.quiet_hours = Some(QuietHours {
                    from: NaiveTime::from_hms_opt(8, 0, 0).ok_or("time")?,
                    until: NaiveTime::from_hms_opt(15, 0, 0).ok_or("time")?,
                });
            }
            recipients.push(r);
            on_subscription.push(id);
        }
        let household = Household {
            recipients,
            children: vec![Child {
                student: StudentId::new(f.student)?,
                name: f
                    .student_name
                    .split(' ')
                    .next()
                    .unwrap_or(f.student_name)
                    .to_owned(),
                registration,
                recipients: on_subscription,
            }],
        };
        let mine: Vec<NotifyEvent> = events
            .iter()
            .filter(|(i, _)| *i == fi)
            .map(|(_, e)| e.clone())
            .collect();
        let plan = planner.plan(&household, &mine, Period::school_year(year))?;
        let name_of = |id: &GuardianId| {
            f.guardians
                .iter()
                .find(|g| g.id == id.as_str())
                .map_or_else(|| id.as_str().to_owned(), |g| g.name.to_owned())
        };
        for n in &plan.notices {
            let r = &mut results[fi];
            let line = if let Some(cost) = &n.sms {
                let quote = sms::quote(&n.text, &policy)?;
                r.sms_sent += 1;
                r.sms_segments += cost.count.segments;
                r.sms_cost += cost.total;
                r.sms_cost_transliterated += quote.transliterated.total;
                format!(
                    "SMS to {} ({}): \"{}\" — {} segment(s) {:?}, {} (transliterated {}) [{}]",
                    name_of(&n.recipient),
                    n.kind.code(),
                    n.text,
                    cost.count.segments,
                    cost.count.encoding,
                    eur(cost.total),
                    eur(quote.transliterated.total),
                    rules_text(&n.reasons.to_vec())
                )
            } else {
                r.emails_sent += 1;
                format!(
                    "email to {} ({}, {} item(s)) [{}]",
                    name_of(&n.recipient),
                    n.kind.code(),
                    n.items.len(),
                    rules_text(&n.reasons.to_vec())
                )
            };
            let moved = if n.send_at == n.due_at {
                String::new()
            } else {
                format!(
                    " (due {}, moved out of quiet hours)",
                    n.due_at.with_timezone(&calendar::ZONE).format("%H:%M")
                )
            };
            tl.add(n.send_at, Some(fi), format!("{line}{moved}"));
        }
        for w in &plan.withheld {
            let who = match &w.recipient {
                Addressee::Guardian(g) => name_of(g),
                other => other.to_string(),
            };
            results[fi].notices_withheld.push(format!(
                "{who}: {} item(s) of {} held back [{}]",
                w.items,
                w.category.label_en(),
                w.reason.as_str()
            ));
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
    writeln!(
        out,
        "\n== Who sees what, from when (rights and the period judged on {view_day}; times in Ljubljana) =="
    )?;
    write!(out, "{visibility_out}")?;
    writeln!(
        out,
        "\n== Notices held back (R-C5, R-C7, R-D5, R-E5, R-F1) =="
    )?;
    for (fi, f) in families.iter().enumerate() {
        for w in &results[fi].notices_withheld {
            writeln!(out, "  {}: {w}", f.name)?;
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
        "  {:<8} {:<11} {:>10} {:>6} {:>4} {:>9} {:>9} {:>14}",
        "family", "service", "year", "emails", "SMS", "segments", "SMS cost", "transliterated"
    )?;
    let (mut total, mut sms_total, mut sms_tr) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (fi, f) in families.iter().enumerate() {
        let r = &results[fi];
        total += r.quote_total;
        sms_total += r.sms_cost;
        sms_tr += r.sms_cost_transliterated;
        writeln!(
            out,
            "  {:<8} {:<11} {:>10} {:>6} {:>4} {:>9} {:>9} {:>14}",
            f.name,
            service_name(f.service),
            eur(r.quote_total),
            r.emails_sent,
            r.sms_sent,
            r.sms_segments,
            eur(r.sms_cost),
            eur(r.sms_cost_transliterated)
        )?;
    }
    writeln!(
        out,
        "  {:<8} {:<11} {:>10} {:>6} {:>4} {:>9} {:>9} {:>14}",
        "total",
        "",
        eur(total),
        results.iter().map(|r| r.emails_sent).sum::<u32>(),
        results.iter().map(|r| r.sms_sent).sum::<u32>(),
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
            "<h3>Obvestila</h3><p>{} e-poštnih; SMS: {} poslanih, {} segmentov, {} (brez šumnikov {}).</p>",
            r.emails_sent,
            r.sms_sent,
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
        if !r.seen.is_empty() {
            writeln!(
                h,
                "<h3>Kdo vidi kaj in od kdaj</h3><ul>{}</ul>",
                r.seen
                    .iter()
                    .map(|w| format!("<li>{}</li>", esc(w)))
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

/// One teacher entry of the demo weeks: an item of the child's record and, for the kinds
/// the planner notifies, its event (R-D1 … R-D11, R-E2).
struct Entry {
    student: &'static str,
    at: DateTime<Utc>,
    teacher: &'static str,
    label: String,
    kind: ItemKind,
    event: Option<EventKind>,
    lesson_closed: Option<DateTime<Utc>>,
    forwarded: Option<(&'static str, DateTime<Utc>)>,
    subject: Option<&'static str>,
    /// Whether its D+3 crosses the change to winter time (shown in the table).
    crosses_dst: bool,
}

impl Entry {
    fn item(&self) -> Result<Item, Error> {
        let mut item = Item::new(self.kind, StudentId::new(self.student)?, self.at);
        if let Some(at) = self.lesson_closed {
            item = item.lesson_closed(at);
        }
        if let Some((by, at)) = self.forwarded {
            item = item.forwarded_by(StaffId::new(by)?, at);
        }
        if let Some(s) = self.subject {
            item = item.in_subject(s);
        }
        Ok(item)
    }
}

/// The teacher entries of 19 October – 6 November (and one after Tim's move in February),
/// in entry order.
fn teacher_entries(year: SchoolYear) -> Result<Vec<Entry>, Error> {
    let e =
        |student, (m, d, h, min): (u32, u32, u32, u32), teacher, kind| -> Result<Entry, Error> {
            Ok(Entry {
                student,
                at: local(day(year, m, d)?, h, min)?,
                teacher,
                label: String::new(),
                kind,
                event: None,
                lesson_closed: None,
                forwarded: None,
                subject: None,
                crosses_dst: false,
            })
        };
    let grade = |student, when, subject: &'static str, g: u8| -> Result<Entry, Error> {
        let mut x = e(student, when, "t-kranjc", ItemKind::Grade)?;
        x.label = format!("grade {g} in {subject}");
        x.subject = Some(subject);
        x.event = Some(EventKind::Grade {
            subject: subject.to_owned(),
            grade: g,
        });
        Ok(x)
    };
    let absence = |student, when: (u32, u32, u32, u32), lessons: u32| -> Result<Entry, Error> {
        let mut x = e(student, when, "t-novak", ItemKind::Absence)?;
        x.label = format!("absence, {lessons} lesson(s)");
        x.event = Some(EventKind::Absence {
            date: day(year, when.0, when.1)?,
            lessons,
        });
        Ok(x)
    };
    let assessment =
        |student, when, subject: &'static str, on: (u32, u32)| -> Result<Entry, Error> {
            let mut x = e(student, when, "t-kranjc", ItemKind::AnnouncedAssessment)?;
            let date = day(year, on.0, on.1)?;
            x.label = format!("announced assessment in {subject} on {date}");
            x.event = Some(EventKind::AnnouncedAssessment {
                subject: subject.to_owned(),
                date,
            });
            Ok(x)
        };
    let observation = |student,
                       when,
                       kind: ObservationKind,
                       text: &str,
                       closed: Option<(u32, u32)>|
     -> Result<Entry, Error> {
        let item_kind = match kind {
            ObservationKind::Praise => ItemKind::Praise,
            ObservationKind::Comment => ItemKind::Comment,
            _ => ItemKind::Observation,
        };
        let mut x = e(student, when, "t-kranjc", item_kind)?;
        let closed_at = closed
            .map(|(h, m)| local(calendar::local_date(x.at), h, m))
            .transpose()?;
        x.label = format!(
            "{} \"{text}\"{}",
            item_kind.label_en(),
            if closed_at.is_some() {
                ""
            } else {
                " (lesson not closed)"
            }
        );
        x.lesson_closed = closed_at;
        x.event = Some(EventKind::Observation {
            observation: kind,
            text: text.to_owned(),
            lesson_closed_at: closed_at,
        });
        Ok(x)
    };
    let mut math = grade("ana", (10, 23, 10, 15), "matematika", 4)?;
    math.crosses_dst = true;
    math.label
        .push_str(" (D+3 crosses the change to winter time)");
    let mut homework = e("ana", (10, 22, 12, 0), "t-kranjc", ItemKind::Homework)?;
    "homework in matematika (lesson closed 12:45)".clone_into(&mut homework.label);
    homework.lesson_closed = Some(local(day(year, 10, 22)?, 12, 45)?);
    let mut remark = e("ana", (11, 3, 13, 0), "t-kranjc", ItemKind::Remark)?;
    "remark, forwarded by the class teacher t-novak on 11-04 08:00".clone_into(&mut remark.label);
    remark.forwarded = Some(("t-novak", local(day(year, 11, 4)?, 8, 0)?));
    let mut entries = vec![
        absence("ana", (10, 19, 8, 20), 2)?,
        assessment("ana", (10, 20, 9, 10), "slovenščina", (11, 10))?,
        observation(
            "ana",
            (10, 21, 11, 40),
            ObservationKind::Praise,
            "Odlična predstavitev projekta.",
            Some((12, 25)),
        )?,
        homework,
        math,
        remark,
        grade("ana", (11, 5, 10, 0), "angleščina", 5)?,
        absence("luka", (10, 20, 8, 0), 1)?,
        grade("luka", (10, 21, 10, 30), "matematika", 3)?,
        observation(
            "luka",
            (11, 2, 11, 0),
            ObservationKind::Comment,
            "Pozabil športno opremo.",
            None,
        )?,
        grade("eva", (10, 19, 10, 0), "matematika", 5)?,
        absence("eva", (11, 3, 8, 0), 3)?,
        grade("eva", (11, 5, 9, 0), "slovenščina", 4)?,
        grade("nik", (10, 22, 9, 0), "zgodovina", 4)?,
        absence("nik", (11, 6, 8, 0), 2)?,
        assessment("tim", (10, 20, 11, 0), "matematika", (11, 12))?,
        grade("tim", (10, 28, 9, 30), "geografija", 5)?,
        absence("tim", (2, 3, 10, 0), 2)?,
    ];
    entries.sort_by_key(|x| x.at);
    Ok(entries)
}

/// One cell of the visibility table: from when, or why not, with the rules.
fn cell(v: &Visibility, entered: DateTime<Utc>) -> String {
    let rules = rules_text(&v.rule_ids());
    match v {
        Visibility::Visible { from, .. } if *from == entered => format!("at once [{rules}]"),
        Visibility::Visible { from, .. } => format!(
            "{} [{rules}]",
            from.with_timezone(&calendar::ZONE).format("%m-%d %H:%M")
        ),
        Visibility::Pending { waiting, .. } => format!("pending: {} [{rules}]", waiting.code()),
        Visibility::Never { why, .. } => format!("never: {} [{rules}]", why.code()),
        _ => format!("{} [{rules}]", v.state_code()),
    }
}
