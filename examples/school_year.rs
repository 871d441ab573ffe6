//! The main job: one school year of a small built-in school simulated end to end —
//! security codes, contacts, services and quotes, rights decisions, audited accesses with
//! signed checkpoints and proofs, the school calendar, three weeks of teacher entries with
//! what each parent and student sees and from when, and every notice the planner sends
//! per recipient and channel with its SMS cost.
//! Prints a timeline and a summary and writes an HTML report per family.
//!
//! ```text
//! cargo run --example school_year                                  # school year 2026/27
//! cargo run --example school_year -- --today 2027-11-23            # the year containing that day
//! cargo run --example school_year -- --html /tmp/year.html         # report elsewhere
//! ```
//!
//! Deterministic: the same arguments print the same output (`tests/main_job.rs` pins it).

use std::path::PathBuf;
use std::process::ExitCode;

use asistent_core::calendar;
use asistent_core::chrono::NaiveDate;
use asistent_scenarios::school_year;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: school_year [--today YYYY-MM-DD] [--html PATH]";

fn run() -> Result<(), Box<dyn std::error::Error>> {
    // A fixed default day, not the clock: the same command prints the same year.
    let mut today = NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("default date")?;
    let mut html = PathBuf::from("report/school_year.html");
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(USAGE)?;
        match flag.as_str() {
            "--today" => today = calendar::parse_date(&value)?,
            "--html" => html = PathBuf::from(value),
            _ => return Err(USAGE.into()),
        }
    }
    let report = school_year::simulate(today)?;
    print!("{}", report.text);
    if let Some(dir) = html.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&html, &report.html)?;
    println!("\nHTML report for the class teacher: {}", html.display());
    Ok(())
}
