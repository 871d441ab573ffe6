//! Money in euros: `rust_decimal::Decimal`, never a float (R-C2, R-A10).
//!
//! Amounts are euros with at most two decimal places once they are prices; formatting is
//! Slovenian ("1.234,50 €") or plain ("1234.50").

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// How an amount is written (R-C2: prices shown to Slovenian parents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MoneyStyle {
    /// Slovenian: decimal comma, dot between thousands, " €" after: `1.234,50 €`.
    Slovenian,
    /// Plain: decimal point, no grouping, no sign: `1234.50` (for files and APIs).
    Plain,
}

/// Rounds to whole cents, half away from zero (commercial rounding).
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Writes an amount of euros, rounded to cents, in the given style.
pub fn format_eur(amount: Decimal, style: MoneyStyle) -> String {
    let cents = round_cents(amount);
    let negative = cents.is_sign_negative() && !cents.is_zero();
    let plain = format!("{:.2}", cents.abs());
    match style {
        MoneyStyle::Plain => {
            if negative {
                format!("-{plain}")
            } else {
                plain
            }
        }
        MoneyStyle::Slovenian => {
            let (whole, frac) = plain.split_once('.').unwrap_or((&plain, "00"));
            let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
            for (i, c) in whole.chars().enumerate() {
                if i > 0 && (whole.len() - i) % 3 == 0 {
                    grouped.push('.');
                }
                grouped.push(c);
            }
            let sign = if negative { "-" } else { "" };
            format!("{sign}{grouped},{frac} €")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("valid decimal")
    }

    #[test]
    fn r_c2_prices_are_written_the_slovenian_way() {
        assert_eq!(format_eur(dec("52.9"), MoneyStyle::Slovenian), "52,90 €");
        assert_eq!(
            format_eur(dec("1234.5"), MoneyStyle::Slovenian),
            "1.234,50 €"
        );
        assert_eq!(
            format_eur(dec("1234567"), MoneyStyle::Slovenian),
            "1.234.567,00 €"
        );
        assert_eq!(format_eur(dec("0"), MoneyStyle::Slovenian), "0,00 €");
        assert_eq!(format_eur(dec("-17"), MoneyStyle::Slovenian), "-17,00 €");
    }

    #[test]
    fn r_a10_plain_style_rounds_half_away_from_zero() {
        assert_eq!(format_eur(dec("0.005"), MoneyStyle::Plain), "0.01");
        assert_eq!(format_eur(dec("35.90"), MoneyStyle::Plain), "35.90");
        assert_eq!(format_eur(dec("-0.004"), MoneyStyle::Plain), "0.00");
    }
}
