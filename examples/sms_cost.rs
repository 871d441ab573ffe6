//! What an SMS notice costs, as written and without č/š/ž (R-A10): exact GSM-7 / UCS-2
//! segments and the policy's price per segment.
//!
//! `cargo run --example sms_cost -- "Vaš otrok je bil danes odsoten."`

use asistent_core::notify::sms;
use asistent_core::policy::Policy;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::env::args().nth(1).unwrap_or_else(|| {
        "Izostanek: Ana danes ni bila pri pouku od 3. do 5. ure. Prosimo, opravičite izostanek."
            .into()
    });
    let policy = Policy::default();
    let q = sms::quote(&text, &policy)?;
    let c = q.as_written.count;
    println!("{text}");
    println!(
        "  as written: {} segment(s), {:?}, {} units, {} €",
        c.segments, c.encoding, c.units, q.as_written.total
    );
    println!(
        "  transliterated: {} segment(s), {} € — saves {} €",
        q.transliterated.count.segments, q.transliterated.total, q.saving
    );
    println!("  \"{}\"", q.transliterated_text);
    Ok(())
}
