//! The main job (for now): the current school year's calendar and working-day answers
//! for sample dates, in Slovenian and English.
//!
//! ```text
//! cargo run --example school_year                    # today (read from the clock here,
//!                                                    # never inside the library)
//! cargo run --example school_year -- --today 2026-11-23
//! ```

use std::process::ExitCode;

use asistent_core::calendar::{self, Calendar, SchoolYear};
use asistent_core::chrono::{Datelike, NaiveDate, Utc};
use asistent_core::policy::Policy;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let today = match args.as_slice() {
        [] => calendar::local_date(Utc::now()),
        [flag, date] if flag == "--today" => calendar::parse_date(date)?,
        _ => return Err("usage: school_year [--today YYYY-MM-DD]".into()),
    };
    print!("{}", render(today)?);
    Ok(())
}

/// The whole printout for a given "today" (deterministic for a given date).
fn render(today: NaiveDate) -> Result<String, Box<dyn std::error::Error>> {
    use std::fmt::Write;
    let policy = Policy::default();
    let cal = Calendar::new(&policy);
    let year = SchoolYear::containing(today)?;
    let mut out = String::new();
    writeln!(out, "asistent — šolsko leto {year} / school year {year}")?;
    writeln!(
        out,
        "  od {} do {}; pouk do {} (zaključni razredi do {})",
        year.first_day(),
        year.last_day(),
        cal.last_lesson_day(year, false),
        cal.last_lesson_day(year, true)
    )?;
    writeln!(out, "\nDela prosti dnevi / work-free days (R-E7):")?;
    for y in [year.start_year(), year.start_year() + 1] {
        for day in cal.work_free_days(y)? {
            if year.contains(day.date) {
                writeln!(
                    out,
                    "  {} {:<3} {} — {}",
                    day.date,
                    day.date.weekday(),
                    day.name_sl,
                    day.name_en
                )?;
            }
        }
    }
    writeln!(out, "\nDelovni dnevi / working days (today = {today}):")?;
    let mut samples = vec![today];
    samples.extend(
        [(12, 24), (12, 25), (2, 8), (4, 27), (5, 4), (6, 24)]
            .into_iter()
            .filter_map(|(m, d)| {
                let y = if m >= 9 {
                    year.start_year()
                } else {
                    year.start_year() + 1
                };
                NaiveDate::from_ymd_opt(y, m, d)
            }),
    );
    for date in samples {
        let working = cal.is_working_day(date)?;
        writeln!(
            out,
            "  {date} {:<3} {:<18} next working day {}, +3 working days {}",
            date.weekday(),
            if working {
                "delovni dan"
            } else {
                "dela prost dan"
            },
            cal.next_working_day(date)?,
            cal.add_working_days(date, 3)?,
        )?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_e7_the_demo_for_a_fixed_day_is_deterministic() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid");
        let text = render(day).expect("renders");
        assert_eq!(text, render(day).expect("renders"));
        assert!(text.contains("šolsko leto 2026/27"));
        assert!(text.contains("2026-12-25 Fri božič — Christmas Day"));
        assert!(text.contains("2026-12-24 Thu delovni dan         next working day 2026-12-28"));
    }
}
