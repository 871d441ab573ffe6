//! A service author's first call: what a family pays for a school year (R-C2, R-C4,
//! R-C9), from the policy's dated price lists, in Slovenian for the parents.
//!
//! `cargo run --example quote`

use asistent_core::calendar::SchoolYear;
use asistent_core::ids::StudentId;
use asistent_core::policy::Policy;
use asistent_core::services::{quote_family, ChildOrder, Service};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let policy = Policy::default(); // or Policy::from_json(&the_schools_policy_file)?
    let year: SchoolYear = "2025/26".parse()?;
    let orders = [
        ChildOrder {
            student: StudentId::new("ana")?,
            service: Service::Popolni,
        },
        ChildOrder {
            student: StudentId::new("luka")?,
            service: Service::Minimalni,
        },
    ];
    // One payment per child for the whole year: instalments must be 1 (R-C4).
    let quote = quote_family(&policy, year, &orders, 1)?;
    println!("{}", quote.render_sl());
    let rules: Vec<&str> = quote.reasons.iter().map(|r| r.as_str()).collect();
    println!("total {} € (rules: {})", quote.total, rules.join(", "));
    // Asking for instalments is a typed error, not a silent default.
    if let Err(e) = quote_family(&policy, year, &orders, 3) {
        println!("3 instalments: {e}");
    }
    Ok(())
}
