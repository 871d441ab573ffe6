//! The main job (`cargo run --example school_year`): the same run prints the same year,
//! and the year it prints is pinned by a snapshot. The example calls exactly
//! `asistent_scenarios::school_year::simulate`.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use asistent_core::chrono::NaiveDate;
use asistent_scenarios::school_year::simulate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn the_school_year_prints_the_same_every_run_and_is_pinned() {
    let report = simulate(today()).unwrap();
    assert_eq!(report, simulate(today()).unwrap());
    insta::assert_snapshot!("school_year_2026_27", report.text);
}

#[test]
fn the_year_walks_every_rule_area_it_promises() {
    let text = simulate(today()).unwrap().text;
    for needle in [
        // R-B3: three wrong dates void the code; a new one is issued and used.
        "gives the date of birth 2013-12-01: code_voided [R-B3]",
        "the class teacher issues Marko Horvat a new code",
        // R-B5, R-C4: contacts confirmed, one payment for the year.
        "contact_confirmed [R-B5]",
        "registers POPOLNI and pays 52,90 € for 2026/27 in one payment",
        // R-F4 and R-D12: refused accesses do not enter the audit log (R-F6).
        "guardian marko-horvat asks for the absences of luka: refused [R-F2, R-F4] — not logged",
        "guardian alenka-zupan asks for the grades of nik: refused [R-F2, R-D12] — not logged",
        "vendor support podpora-1 sees the grades of luka: allowed [R-F6, R-F8]",
        // R-F6: proofs verified against signed checkpoints.
        "verified against both signed checkpoints",
        "verified against the year-end checkpoint",
        // R-C8, R-C7: the child who moves school gets no notices afterwards.
        "the registration at OŠ Prule ended by itself on 2027-02-01",
        "Mlakar: Irena Mlakar: 1 item(s) of absences held back [R-C7]",
        // R-D1 across the October DST change: D+3 at local midnight, 23:00 UTC.
        "seen by Mojca Novak (POPOLNI) from Mon 2026-10-26 00:00 CET (23:00 UTC)",
        // R-D9: a MINIMALNI parent sees no grades; R-D10: a MINIMALNI student only the latest.
        "grade 4 in matematika (D+3 crosses the change to winter time): 10-26 00:00 [R-D1, R-D9, R-D11] | never: service [R-C10, R-D9]",
        "never: not_latest_grade [R-C10, R-D10]",
        // R-D12: the adult student's objection hides his record from his parent.
        "never: rights [R-D12, R-F2]",
        // R-D5, R-D6: pending until the lesson is closed; a remark once forwarded.
        "pending: lesson_close [R-C9, R-D5, R-D11]",
        "11-04 08:00 [R-C9, R-D6, R-D11]",
        // R-E5, R-C5, R-D12: notices held back, with the rule (the adult student's
        // objection, as the rights engine names it).
        "Kos: Vesna Kos: 2 item(s) of grades held back [R-E5]",
        "Janez Novak: chose MINIMALNI for themself, no notices [R-C5, R-E5]",
        "Zupan: Alenka Zupan: 1 item(s) of grades held back [R-D12]",
        // R-E2, R-E4: the planner's notices per channel; quiet hours move them.
        "(due 12:25, moved out of quiet hours)",
        "SMS to Petra Horvat (grades): \"mojAsistent: Luka, nove ocene: matematika 3.\"",
        // R-A10: the SMS cost with and without transliteration.
        "2 segment(s) Ucs2, 0,10 € (transliterated 0,05 €)",
    ] {
        assert!(text.contains(needle), "missing: {needle}");
    }
}

#[test]
fn the_html_report_has_a_section_per_family_a_teacher_can_read() {
    let html = simulate(today()).unwrap().html;
    assert!(html.starts_with("<!DOCTYPE html>"));
    for family in ["Novak", "Horvat", "Kos", "Zupan", "Mlakar"] {
        assert!(
            html.contains(&format!("<h2>Družina {family} — ")),
            "{family}"
        );
    }
    assert_eq!(html.matches("<h3>Koledar družine</h3>").count(), 5);
    assert_eq!(html.matches("<h3>Kdo vidi kaj in od kdaj</h3>").count(), 5);
    assert!(html.contains("I R 55/2025"));
    // Names are escaped, nothing is left raw.
    assert!(!html.contains("<script"));
}

#[test]
fn another_day_simulates_the_year_containing_it() {
    let text = simulate(NaiveDate::from_ymd_opt(2027, 10, 1).unwrap())
        .unwrap()
        .text;
    assert!(text.contains("šolsko leto 2027/28"));
    let err = simulate(NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()).unwrap_err();
    assert!(
        err.to_string().contains("outside the supported years"),
        "{err}"
    );
}
