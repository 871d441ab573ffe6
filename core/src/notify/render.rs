//! The texts of notices in Slovenian and English (R-E2, R-E3, R-E4).
//!
//! Dates are written the Slovenian way (`24. 11. 2026`) or the English way
//! (`24 Nov 2026`); counts take the Slovenian dual and plural forms (1 ura, 2 uri,
//! 3 ure, 5 ur). Texts use only GSM-7 punctuation (no en dash), so that a transliterated
//! SMS is GSM-7 (R-A10). Written by hand with `push_str`: a country's year is ~100 million texts.

use chrono::{Datelike, NaiveDate};

use super::plan::{Event, EventKind, Language, NoticeKind, ObservationKind};

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn digit(n: u32) -> char {
    char::from(b'0' + u8::try_from(n % 10).unwrap_or(0))
}

fn push_num(out: &mut String, n: u32) {
    // Single characters: a `push_str` of one or two bytes costs a `memcpy` call.
    match n {
        // Days, months, counts, grades.
        0..=9 => out.push(digit(n)),
        10..=99 => {
            out.push(digit(n / 10));
            out.push(digit(n));
        }
        // Years.
        1000..=9999 => {
            out.push(digit(n / 1000));
            out.push(digit(n / 100));
            out.push(digit(n / 10));
            out.push(digit(n));
        }
        _ => {
            let mut buf = [0u8; 10];
            let mut i = buf.len();
            let mut n = n;
            loop {
                i -= 1;
                buf[i] = b'0' + u8::try_from(n % 10).unwrap_or(0);
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("?"));
        }
    }
}

/// Writes a date: `24. 11. 2026` (Slovenian) or `24 Nov 2026`; without the year when
/// `year` is false.
fn push_date(out: &mut String, lang: Language, d: NaiveDate, year: bool) {
    push_num(out, d.day());
    if lang == Language::En {
        out.push(' ');
        out.push_str(MONTHS_EN[d.month0() as usize]);
    } else {
        out.push_str(". ");
        push_num(out, d.month());
        out.push('.');
    }
    if year {
        out.push(' ');
        push_num(out, u32::try_from(d.year()).unwrap_or(0));
    }
}

/// Slovenian count forms: one, two, three-or-four, five-or-more (by the last two digits).
fn sl_form(n: u32, forms: [&str; 4]) -> &str {
    match n % 100 {
        1 => forms[0],
        2 => forms[1],
        3 | 4 => forms[2],
        _ => forms[3],
    }
}

fn push_count(out: &mut String, lang: Language, n: u32, sl: [&str; 4], en: [&str; 2]) {
    push_num(out, n);
    out.push(' ');
    out.push_str(match lang {
        Language::En => {
            if n == 1 {
                en[0]
            } else {
                en[1]
            }
        }
        _ => sl_form(n, sl),
    });
}

const LESSONS_SL: [&str; 4] = ["ura", "uri", "ure", "ur"];
const LESSONS_EN: [&str; 2] = ["lesson", "lessons"];

fn push_absences(out: &mut String, lang: Language, events: &[&Event], year: bool) {
    let mut first = true;
    for e in events {
        if let EventKind::Absence { date, lessons } = &e.kind {
            if !first {
                out.push_str(", ");
            }
            first = false;
            push_date(out, lang, *date, year);
            out.push_str(" (");
            push_count(out, lang, *lessons, LESSONS_SL, LESSONS_EN);
            out.push(')');
        }
    }
}

fn push_grades(out: &mut String, events: &[&Event]) {
    let mut first = true;
    for e in events {
        if let EventKind::Grade { subject, grade } = &e.kind {
            if !first {
                out.push_str(", ");
            }
            first = false;
            out.push_str(subject.trim());
            out.push(' ');
            push_num(out, u32::from(*grade));
        }
    }
}

fn observation_label(lang: Language, kind: ObservationKind) -> &'static str {
    match (lang, kind) {
        (Language::En, ObservationKind::Praise) => "praise",
        (Language::En, ObservationKind::Comment) => "comment",
        (Language::En, _) => "observation",
        (_, ObservationKind::Praise) => "pohvala",
        (_, ObservationKind::Comment) => "komentar",
        (_, _) => "opažanje",
    }
}

fn push_observations(out: &mut String, lang: Language, events: &[&Event]) {
    let mut first = true;
    for e in events {
        if let EventKind::Observation {
            observation, text, ..
        } = &e.kind
        {
            if !first {
                out.push_str("; ");
            }
            first = false;
            out.push_str(observation_label(lang, *observation));
            out.push_str(": ");
            out.push_str(text.trim());
        }
    }
}

fn end_sentence(out: &mut String) {
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
}

/// Renders one notice (R-E2, R-E3) into `out` (cleared first, its capacity reused: a
/// planner renders ~100 million texts). `send_day` is the local date it goes out; a
/// digest covers `from` … `until`; `short` gives the SMS form of a weekly summary (counts
/// only).
#[allow(clippy::too_many_arguments, clippy::too_many_lines)]
pub(crate) fn render_into(
    out: &mut String,
    lang: Language,
    kind: NoticeKind,
    name: &str,
    events: &[&Event],
    send_day: NaiveDate,
    from: NaiveDate,
    until: NaiveDate,
    short: bool,
) {
    out.clear();
    out.push_str("mojAsistent: ");
    out.push_str(name.trim());
    out.push_str(", ");
    let en = lang == Language::En;
    match kind {
        NoticeKind::Absences => {
            out.push_str(if en { "absences: " } else { "izostanki: " });
            push_absences(out, lang, events, true);
            out.push('.');
        }
        NoticeKind::Grades => {
            out.push_str(if en { "new grades: " } else { "nove ocene: " });
            push_grades(out, events);
            out.push('.');
        }
        NoticeKind::Observations => {
            push_observations(out, lang, events);
            end_sentence(out);
        }
        NoticeKind::AssessmentDigest => {
            out.push_str(if en {
                "announced assessments "
            } else {
                "napovedana ocenjevanja od "
            });
            push_date(out, lang, from, false);
            out.push_str(if en { " to " } else { " do " });
            push_date(out, lang, until, true);
            out.push_str(": ");
            let mut first = true;
            let key = |e: &&Event| match &e.kind {
                EventKind::AnnouncedAssessment { date, .. } => (*date, e.id),
                _ => (NaiveDate::MIN, e.id),
            };
            let mut sorted: Vec<&Event> = Vec::new();
            let sorted: &[&Event] = if events.is_sorted_by_key(key) {
                events
            } else {
                sorted.extend_from_slice(events);
                sorted.sort_by_key(key);
                &sorted
            };
            for e in sorted {
                if let EventKind::AnnouncedAssessment { subject, date } = &e.kind {
                    if !first {
                        out.push_str("; ");
                    }
                    first = false;
                    push_date(out, lang, *date, false);
                    out.push(' ');
                    out.push_str(subject.trim());
                }
            }
            out.push('.');
        }
        NoticeKind::WeeklySummary => {
            out.push_str(if en {
                "weekly summary, "
            } else {
                "tedenski povzetek, "
            });
            push_date(out, lang, send_day, true);
            let (mut absences, mut lessons, mut grades, mut observations) =
                (0u32, 0u32, 0u32, 0u32);
            for e in events {
                match &e.kind {
                    EventKind::Absence { lessons: l, .. } => {
                        absences += 1;
                        lessons += l;
                    }
                    EventKind::Grade { .. } => grades += 1,
                    EventKind::Observation { .. } => observations += 1,
                    EventKind::AnnouncedAssessment { .. } => {}
                }
            }
            if short {
                out.push_str(": ");
                let mut parts = 0;
                if absences > 0 {
                    push_count(
                        out,
                        lang,
                        absences,
                        ["izostanek", "izostanka", "izostanki", "izostankov"],
                        ["absence", "absences"],
                    );
                    out.push_str(" (");
                    push_count(out, lang, lessons, LESSONS_SL, LESSONS_EN);
                    out.push(')');
                    parts += 1;
                }
                if grades > 0 {
                    if parts > 0 {
                        out.push_str(", ");
                    }
                    push_count(
                        out,
                        lang,
                        grades,
                        ["ocena", "oceni", "ocene", "ocen"],
                        ["grade", "grades"],
                    );
                    parts += 1;
                }
                if observations > 0 {
                    if parts > 0 {
                        out.push_str(", ");
                    }
                    push_count(
                        out,
                        lang,
                        observations,
                        ["opažanje", "opažanji", "opažanja", "opažanj"],
                        ["observation", "observations"],
                    );
                }
                out.push_str(if en {
                    ". Details in the portal."
                } else {
                    ". Podrobnosti na portalu."
                });
            } else {
                out.push('.');
                if absences > 0 {
                    out.push_str(if en { " Absences: " } else { " Izostanki: " });
                    push_absences(out, lang, events, false);
                    out.push('.');
                }
                if grades > 0 {
                    out.push_str(if en { " Grades: " } else { " Ocene: " });
                    push_grades(out, events);
                    out.push('.');
                }
                if observations > 0 {
                    out.push(' ');
                    let start = out.len();
                    push_observations(out, lang, events);
                    // Capitalise the first label ("Pohvala: …").
                    if let Some(c) = out[start..].chars().next() {
                        let upper: String = c.to_uppercase().collect();
                        out.replace_range(start..start + c.len_utf8(), &upper);
                    }
                    end_sentence(out);
                }
            }
        }
    }
}
