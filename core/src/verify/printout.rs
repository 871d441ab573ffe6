//! What the class teacher prints and sends (R-A8, R-A9, R-B2, R-B9): initial
//! credentials, bulk sends and their SMS cost, the security-code sheet, and the
//! overview of which parents have verified their contacts.
//!
//! Every printout comes as print-ready HTML (A4, one sheet per person where the seeds
//! say so, `page-break-after`) and as plain text.
//!
//! SMS cost: [`bulk_send_plan`] counts the message with the exact GSM-7/UCS-2 counter
//! ([`crate::notify::sms::cost`]: 160/153 or 70/67 per part) and prices it with the
//! policy's `sms.price_per_segment` (R-A10), so the price cannot come from anywhere else.

use std::collections::BTreeMap;
use std::fmt::Write;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::contact::{Email, Phone};
use super::flow::ParentFlow;
use super::html_escape;
use super::security_code::{SecurityCode, SecurityCodeRecord};
use super::VerifyError;
use crate::ids::{ClassId, GuardianId, StudentId};
use crate::notify::sms;
use crate::policy::{Policy, VerifyPolicy};
use crate::rules::RuleId;
use crate::services::Service;

const PAGE_CSS: &str = "@page { size: A4; margin: 20mm; } body { font-family: sans-serif; font-size: 12pt; } .page { page-break-after: always; } .page:last-child { page-break-after: auto; } .code { font-family: monospace; font-size: 24pt; letter-spacing: 0.15em; } table { border-collapse: collapse; } td, th { border: 1px solid #444; padding: 2mm 3mm; text-align: left; }";

fn html_doc(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"sl\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{PAGE_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        html_escape(title)
    )
}

/// A student's credentials as the school holds them (R-A8, R-A9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentCredentials {
    /// The student.
    pub student: StudentId,
    /// Name and surname.
    pub name: String,
    /// The class.
    pub class: ClassId,
    /// The username.
    pub username: String,
    /// The initial password, as the school issued it.
    pub initial_password: Option<super::Secret>,
    /// Whether the student has ever logged in.
    pub has_logged_in: bool,
    /// Whether the student has changed the initial password.
    pub changed_password: bool,
    /// The student's email, if any.
    pub email: Option<Email>,
    /// The student's mobile, if any.
    pub phone: Option<Phone>,
}

impl StudentCredentials {
    /// Whether the initial password is printed: not once the student changed it (R-A8).
    pub fn password_printable(&self) -> bool {
        !self.changed_password && self.initial_password.is_some()
    }
}

/// How credentials are printed (R-A8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PrintLayout {
    /// One table of all students ("prazno" paper).
    List,
    /// "Predloga": each student on a page of their own, for posting home.
    Template,
}

/// A printout as HTML and plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printout {
    /// Print-ready HTML.
    pub html: String,
    /// Plain text (pages separated by a form feed).
    pub text: String,
}

const CHANGED_SL: &str = "(učenec je geslo že spremenil)";

/// "Izpis uporabniških imen in gesel za dostop učencev/dijakov do eAsistenta" (R-A8).
pub fn credentials_printout(students: &[StudentCredentials], layout: PrintLayout) -> Printout {
    let title = "Uporabniška imena in gesla za dostop učencev/dijakov do eAsistenta";
    let pw = |s: &StudentCredentials| match (&s.initial_password, s.password_printable()) {
        (Some(p), true) => p.reveal().to_owned(),
        _ => CHANGED_SL.to_owned(),
    };
    let mut html = String::new();
    let mut text = String::new();
    match layout {
        PrintLayout::List => {
            let _ = write!(
                html,
                "<h1>{}</h1>\n<table>\n<tr><th>Razred</th><th>Učenec</th><th>Uporabniško ime</th><th>Geslo</th></tr>\n",
                html_escape(title)
            );
            let _ = writeln!(text, "{title}\n");
            for s in students {
                let _ = writeln!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    html_escape(s.class.as_str()),
                    html_escape(&s.name),
                    html_escape(&s.username),
                    html_escape(&pw(s))
                );
                let _ = writeln!(
                    text,
                    "{} | {} | {} | {}",
                    s.class,
                    s.name,
                    s.username,
                    pw(s)
                );
            }
            html.push_str("</table>\n");
        }
        PrintLayout::Template => {
            for (i, s) in students.iter().enumerate() {
                let _ = write!(
                    html,
                    "<section class=\"page\">\n<h1>Dostopni podatki za eAsistent</h1>\n<p>{} ({})</p>\n<p>Uporabniško ime: <strong>{}</strong></p>\n<p>Geslo: <strong>{}</strong></p>\n<p>Prijava: https://www.easistent.com. Ob prvi prijavi si geslo spremenite.</p>\n</section>\n",
                    html_escape(&s.name),
                    html_escape(s.class.as_str()),
                    html_escape(&s.username),
                    html_escape(&pw(s))
                );
                if i > 0 {
                    text.push('\u{c}');
                }
                let _ = write!(
                    text,
                    "Dostopni podatki za eAsistent\n{} ({})\nUporabniško ime: {}\nGeslo: {}\nPrijava: https://www.easistent.com. Ob prvi prijavi si geslo spremenite.\n",
                    s.name, s.class, s.username, pw(s)
                );
            }
        }
    }
    Printout {
        html: html_doc(title, &html),
        text,
    }
}

/// The channel of a bulk send (R-A9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SendChannel {
    /// Email.
    Email,
    /// SMS (paid, R-A10).
    Sms,
}

/// Why a student is left out of a bulk send (R-A9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SkipReason {
    /// Logged in and changed the password: nothing initial to send.
    AlreadyActive,
    /// No email address (email send) or no mobile that takes SMS (SMS send).
    NoContact,
}

/// Who gets a bulk send of initial credentials, and what it costs (R-A9, R-A10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkSendPlan {
    /// The channel.
    pub channel: SendChannel,
    /// Students who get it.
    pub recipients: Vec<StudentId>,
    /// Students left out, and why.
    pub skipped: Vec<(StudentId, SkipReason)>,
    /// SMS segments in all (0 for email).
    pub sms_segments: u32,
    /// What the SMS cost, in euros (0 for email).
    pub sms_cost: Decimal,
    /// The rules applied.
    pub rules: Vec<RuleId>,
}

/// Whether a student may get initial credentials in a bulk send: only one who has not
/// changed the password or never accessed the account (R-A9).
pub fn eligible_for_bulk_send(s: &StudentCredentials) -> bool {
    !s.changed_password || !s.has_logged_in
}

impl SkipReason {
    /// The machine name (`already_active`, `no_contact`), as in JSON.
    pub const fn code(self) -> &'static str {
        match self {
            SkipReason::AlreadyActive => "already_active",
            SkipReason::NoContact => "no_contact",
        }
    }
}

/// Plans a bulk send of initial credentials (R-A9): who gets it, who is skipped and
/// why, and for SMS the cost (R-A10): the segments of `message` (the longest text that
/// will be sent, counted exactly, GSM-7 or UCS-2) × recipients × the policy's
/// `sms.price_per_segment` (0.05 EUR in the seed). A message that is empty or longer
/// than `sms.max_segments` is refused ([`VerifyError::Sms`]); for email it is not
/// counted.
pub fn bulk_send_plan(
    students: &[StudentCredentials],
    channel: SendChannel,
    message: &str,
    policy: &Policy,
) -> Result<BulkSendPlan, VerifyError> {
    let mut recipients = Vec::new();
    let mut skipped = Vec::new();
    for s in students {
        let reachable = match channel {
            SendChannel::Email => s.email.is_some(),
            SendChannel::Sms => s.phone.as_ref().is_some_and(Phone::can_receive_sms),
        };
        if !eligible_for_bulk_send(s) {
            skipped.push((s.student.clone(), SkipReason::AlreadyActive));
        } else if !reachable {
            skipped.push((s.student.clone(), SkipReason::NoContact));
        } else {
            recipients.push(s.student.clone());
        }
    }
    let (sms_segments, sms_cost, rules) = match channel {
        SendChannel::Email => (0, Decimal::ZERO, vec![RuleId::A9]),
        SendChannel::Sms => {
            let one = sms::cost(message, policy)?;
            let n = u32::try_from(recipients.len())
                .unwrap_or(u32::MAX)
                .saturating_mul(one.count.segments);
            (
                n,
                Decimal::from(n) * one.price_per_segment,
                vec![RuleId::A9, RuleId::A10],
            )
        }
    };
    Ok(BulkSendPlan {
        channel,
        recipients,
        skipped,
        sms_segments,
        sms_cost,
        rules,
    })
}

/// One parent's entry on the security-code sheet (R-B2).
#[derive(Debug, Clone)]
pub struct SheetEntry<'a> {
    /// The parent's name.
    pub guardian_name: String,
    /// The child's name.
    pub student_name: String,
    /// The child's class.
    pub class: ClassId,
    /// The code (from the issuing call).
    pub code: &'a SecurityCode,
    /// The code's stored record: the sheet prints its last valid day
    /// ([`SecurityCodeRecord::valid_through`]), so the date cannot disagree with when the
    /// code really expires (R-B10).
    pub record: &'a SecurityCodeRecord,
}

/// The instructions printed under each code (R-B2, R-B3, R-B4), in Slovenian, with the
/// number of wrong dates of birth the policy allows (R-B3: three by default).
pub fn sheet_instructions_sl(policy: &VerifyPolicy) -> [String; 5] {
    const AFTER: [&str; 10] = [
        "Po enem napačnem vnosu",
        "Po dveh napačnih vnosih",
        "Po treh napačnih vnosih",
        "Po štirih napačnih vnosih",
        "Po petih napačnih vnosih",
        "Po šestih napačnih vnosih",
        "Po sedmih napačnih vnosih",
        "Po osmih napačnih vnosih",
        "Po devetih napačnih vnosih",
        "Po desetih napačnih vnosih",
    ];
    let n = usize::try_from(policy.max_wrong_birth_dates.clamp(1, 10)).unwrap_or(3);
    [
        "Na naslovu https://www.easistent.com izberite vstop z varnostno kodo in vpišite zgornjo kodo (velike ali male črke, vezaj lahko izpustite).".to_owned(),
        format!("Vpišite datum rojstva otroka. {} koda ni več veljavna; takrat se obrnite na razrednika in skupaj preverite, ali je v šolski evidenci vpisan pravilen datum.", AFTER[n - 1]),
        "Potrdite svoj elektronski naslov in mobilno številko s potrditvenima kodama, ki ju prejmete nanju.".to_owned(),
        "Izberite način elektronske komunikacije zase in za otroka. Z izbiro storitve mojAsistent MINIMALNI ali plačljive storitve aktivirate portal za starše.".to_owned(),
        "Koda je osebna in velja le enkrat. Ne posredujte je drugim osebam.".to_owned(),
    ]
}

/// "Varnostne kode za preverjanje identitete staršev (GDPR)": one sheet per parent with
/// the code and the instructions under it (R-B2), as HTML and text.
pub fn security_code_sheet(
    school_name: &str,
    entries: &[SheetEntry<'_>],
    policy: &VerifyPolicy,
) -> Printout {
    let instructions = sheet_instructions_sl(policy);
    let title = "Varnostne kode za preverjanje identitete staršev (GDPR)";
    let mut html = String::new();
    let mut text = String::new();
    for (i, e) in entries.iter().enumerate() {
        let until = e.record.valid_through().format("%-d. %-m. %Y").to_string();
        let _ = write!(
            html,
            "<section class=\"page\">\n<h1>{}</h1>\n<p>{}</p>\n<p>Starš: <strong>{}</strong><br>Otrok: <strong>{}</strong>, {}</p>\n<p class=\"code\">{}</p>\n<p>Koda velja do vključno {}.</p>\n<ol>\n",
            html_escape(title),
            html_escape(school_name),
            html_escape(&e.guardian_name),
            html_escape(&e.student_name),
            html_escape(e.class.as_str()),
            e.code.grouped(),
            until
        );
        for line in &instructions {
            let _ = writeln!(html, "<li>{}</li>", html_escape(line));
        }
        html.push_str("</ol>\n</section>\n");
        if i > 0 {
            text.push('\u{c}');
        }
        let _ = write!(
            text,
            "{title}\n{school_name}\n\nStarš: {}\nOtrok: {}, {}\n\n    {}\n\nKoda velja do vključno {until}.\n\n",
            e.guardian_name,
            e.student_name,
            e.class,
            e.code.grouped()
        );
        for (n, line) in instructions.iter().enumerate() {
            let _ = writeln!(text, "{}. {line}", n + 1);
        }
    }
    Printout {
        html: html_doc(title, &html),
        text,
    }
}

/// One row of the class teacher's overview (R-B9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewRow {
    /// The parent.
    pub guardian: GuardianId,
    /// The parent's name.
    pub guardian_name: String,
    /// The child's name.
    pub student_name: String,
    /// Entered the security code and proved identity.
    pub code_entered: bool,
    /// Confirmed the email address.
    pub email_confirmed: bool,
    /// Confirmed the mobile number.
    pub phone_confirmed: bool,
    /// The service chosen for the parent, if chosen.
    pub service: Option<Service>,
}

/// A parent's flow as the overview needs it.
#[derive(Debug, Clone)]
pub struct OverviewInput<'a> {
    /// The class.
    pub class: ClassId,
    /// The parent's name.
    pub guardian_name: String,
    /// The child's name.
    pub student_name: String,
    /// The parent's flow (None: no code issued yet).
    pub flow: Option<&'a ParentFlow>,
    /// The parent (used when there is no flow).
    pub guardian: GuardianId,
}

/// "Razrednik – Starši": per class, which parents entered the code, confirmed each
/// contact and chose a service (R-B9). Classes and names in order.
pub fn class_overview(inputs: &[OverviewInput<'_>]) -> BTreeMap<ClassId, Vec<OverviewRow>> {
    let mut out: BTreeMap<ClassId, Vec<OverviewRow>> = BTreeMap::new();
    for i in inputs {
        let row = OverviewRow {
            guardian: i.guardian.clone(),
            guardian_name: i.guardian_name.clone(),
            student_name: i.student_name.clone(),
            code_entered: i.flow.is_some_and(ParentFlow::code_entered),
            email_confirmed: i.flow.is_some_and(|f| f.email.confirmed.is_some()),
            phone_confirmed: i.flow.is_some_and(|f| f.phone.confirmed.is_some()),
            service: i.flow.and_then(|f| f.services).map(|s| s.parent),
        };
        out.entry(i.class.clone()).or_default().push(row);
    }
    for rows in out.values_mut() {
        rows.sort_by(|a, b| {
            (&a.student_name, &a.guardian_name).cmp(&(&b.student_name, &b.guardian_name))
        });
    }
    out
}

/// The overview rendered as HTML and text (R-B9).
pub fn render_overview(overview: &BTreeMap<ClassId, Vec<OverviewRow>>) -> Printout {
    let title = "Razrednik – Starši: preverjeni kontaktni podatki";
    let yes = |b: bool| if b { "da" } else { "ne" };
    let mut html = format!("<h1>{}</h1>\n", html_escape(title));
    let mut text = format!("{title}\n");
    for (class, rows) in overview {
        let done = rows
            .iter()
            .filter(|r| r.email_confirmed && r.phone_confirmed)
            .count();
        let _ = write!(
            html,
            "<h2>{} ({done}/{} potrjenih)</h2>\n<table>\n<tr><th>Učenec</th><th>Starš</th><th>Varnostna koda</th><th>E-pošta</th><th>Mobilna številka</th><th>Storitev</th></tr>\n",
            html_escape(class.as_str()),
            rows.len()
        );
        let _ = writeln!(text, "\n{class} ({done}/{} potrjenih)", rows.len());
        for r in rows {
            let service = r.service.map_or("—", Service::label_sl);
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                html_escape(&r.student_name),
                html_escape(&r.guardian_name),
                yes(r.code_entered),
                yes(r.email_confirmed),
                yes(r.phone_confirmed),
                html_escape(service)
            );
            let _ = writeln!(
                text,
                "  {} — {}: koda {}, e-pošta {}, mobilna {}, storitev {}",
                r.student_name,
                r.guardian_name,
                yes(r.code_entered),
                yes(r.email_confirmed),
                yes(r.phone_confirmed),
                service
            );
        }
        html.push_str("</table>\n");
    }
    Printout {
        html: html_doc(title, &html),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::{Secret, SeededRandom};

    fn student(id: &str, logged_in: bool, changed: bool) -> StudentCredentials {
        StudentCredentials {
            student: StudentId::new(id).unwrap(),
            name: format!("Učenec {id}"),
            class: ClassId::new("7.a").unwrap(),
            username: format!("ucenec.{id}"),
            initial_password: Some(Secret::new(format!("geslo-{id}"))),
            has_logged_in: logged_in,
            changed_password: changed,
            email: Some(Email::parse(&format!("{id}@os.si")).unwrap()),
            phone: Some(Phone::parse("041 123 456").unwrap()),
        }
    }

    #[test]
    fn r_a8_changed_passwords_are_not_printed_and_the_template_has_a_page_each() {
        let s = [student("a", false, false), student("b", true, true)];
        let list = credentials_printout(&s, PrintLayout::List);
        assert!(list.text.contains("geslo-a"));
        assert!(!list.text.contains("geslo-b"));
        assert!(list.text.contains(CHANGED_SL));
        let t = credentials_printout(&s, PrintLayout::Template);
        assert_eq!(t.html.matches("class=\"page\"").count(), 2);
        assert_eq!(t.text.matches('\u{c}').count(), 1);
        assert!(t.html.contains("page-break-after: always"));
    }

    #[test]
    fn r_a9_bulk_send_only_to_never_changed_or_never_logged_in_and_its_sms_cost() {
        let mut no_phone = student("d", false, false);
        no_phone.phone = None;
        let s = [
            student("a", false, false),
            student("b", true, true),
            student("c", true, false),
            no_phone,
        ];
        // 161 GSM-7 characters: 2 parts of 153 (the exact counter, not 160 per SMS).
        let message = "a".repeat(161);
        let mut policy = Policy::default();
        policy.sms.price_per_segment = Decimal::new(7, 2);
        let plan = bulk_send_plan(&s, SendChannel::Sms, &message, &policy).unwrap();
        let ids: Vec<_> = plan.recipients.iter().map(StudentId::as_str).collect();
        assert_eq!(ids, ["a", "c"]);
        let skipped: Vec<_> = plan
            .skipped
            .iter()
            .map(|(s, r)| (s.as_str(), r.code()))
            .collect();
        assert_eq!(skipped, [("b", "already_active"), ("d", "no_contact")]);
        assert_eq!(plan.sms_segments, 4);
        // The price is the policy's (0.07 here), not an argument.
        assert_eq!(plan.sms_cost, Decimal::new(28, 2));
        assert!(plan.rules.contains(&RuleId::A10));
        // UCS-2: 71 characters with č take 2 parts of 67.
        let ucs2 = bulk_send_plan(&s, SendChannel::Sms, &"č".repeat(71), &policy).unwrap();
        assert_eq!(ucs2.sms_segments, 4);
        assert!(matches!(
            bulk_send_plan(&s, SendChannel::Sms, "", &policy),
            Err(VerifyError::Sms(sms::SmsError::Empty))
        ));
        let email = bulk_send_plan(&s, SendChannel::Email, "", &policy).unwrap();
        assert_eq!(email.recipients.len(), 3);
        assert_eq!(email.sms_cost, Decimal::ZERO);
    }

    #[test]
    fn r_b2_the_sheet_has_the_code_and_slovenian_instructions_under_it() {
        use crate::ids::SchoolId;
        use crate::verify::security_code::issue_security_code;
        use chrono::TimeZone;
        let vp = VerifyPolicy {
            code_iterations: 1000,
            ..VerifyPolicy::default()
        };
        let issued = issue_security_code(
            &GuardianId::new("g").unwrap(),
            &StudentId::new("s").unwrap(),
            &SchoolId::new("os").unwrap(),
            &[],
            chrono::Utc.with_ymd_and_hms(2026, 9, 3, 12, 0, 0).unwrap(),
            &vp,
            &SeededRandom::new(9),
        )
        .unwrap();
        let code = issued.code.clone();
        let e = SheetEntry {
            guardian_name: "Ana <Novak>".into(),
            student_name: "Mark Novak".into(),
            class: ClassId::new("7.a").unwrap(),
            code: &code,
            record: &issued.record,
        };
        let p = security_code_sheet("OŠ Prule", &[e.clone(), e], &VerifyPolicy::default());
        assert!(p.html.contains(&code.grouped()));
        assert!(p.html.contains("Ana &lt;Novak&gt;"));
        assert!(p.text.contains("Koda velja do vključno 3. 10. 2026."));
        let at_code = p.text.find(&code.grouped()).unwrap();
        let at_help = p.text.find("datum rojstva otroka").unwrap();
        assert!(at_code < at_help, "instructions come under the code");
        assert_eq!(p.html.matches("class=\"page\"").count(), 2);
        assert!(p.text.contains("Po treh napačnih vnosih"));
        let five = VerifyPolicy {
            max_wrong_birth_dates: 5,
            ..VerifyPolicy::default()
        };
        assert!(sheet_instructions_sl(&five)[1]
            .starts_with("Vpišite datum rojstva otroka. Po petih napačnih vnosih"));
    }
}
