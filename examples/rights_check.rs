//! May this parent see this child's absences today, and why? (R-F1 … R-F4): the facts as
//! JSON, one question, a decision that names its rules and the court decision.
//!
//! `cargo run --example rights_check`

use asistent_core::chrono::NaiveDate;
use asistent_core::ids::{GuardianId, StudentId};
use asistent_core::policy::Policy;
use asistent_core::rights::{Category, Facts, Question};

const FACTS: &str = r#"{"families": [{
  "student": {"id": "luka", "birth_date": "2013-09-15", "class": "7.a", "level": "primary"},
  "relations": [{"guardian": "petra", "relationship": "parent"},
                {"guardian": "marko", "relationship": "parent"}],
  "court_decisions": [{"reference": "I R 55/2025", "date": "2025-02-01", "final_on": "2025-03-01",
                       "parent": "marko",
                       "effect": {"kind": "restricts_categories", "categories": ["absences"]}}]
}]}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let facts = Facts::from_json(FACTS)?;
    let policy = Policy::default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    for (parent, category) in [
        ("petra", Category::Absences),
        ("marko", Category::Absences),
        ("marko", Category::Grades),
    ] {
        let q = Question::may_see(
            GuardianId::new(parent)?,
            StudentId::new("luka")?,
            category,
            today,
        );
        let decision = facts.decide(&q, &policy)?;
        println!(
            "{parent} / {category}: {}",
            if decision.allowed {
                "allowed"
            } else {
                "refused"
            }
        );
        println!("  {}", decision.text_en().replace('\n', "\n  "));
    }
    Ok(())
}
