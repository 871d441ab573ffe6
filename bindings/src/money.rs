//! Money formatting (R-C2): amounts are `Decimal`, never floats.

use asistent_core::money as core_money;
use asistent_core::rust_decimal::Decimal;

use crate::AsistentError;

/// How an amount is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MoneyStyle {
    /// `1.234,50 €`
    Slovenian,
    /// `1234.50`
    Plain,
}

impl From<MoneyStyle> for core_money::MoneyStyle {
    fn from(s: MoneyStyle) -> Self {
        match s {
            MoneyStyle::Slovenian => core_money::MoneyStyle::Slovenian,
            MoneyStyle::Plain => core_money::MoneyStyle::Plain,
        }
    }
}

/// Writes an amount of euros rounded to cents (R-C2).
#[uniffi::export]
pub fn format_eur(amount: Decimal, style: MoneyStyle) -> Result<String, AsistentError> {
    Ok(core_money::format_eur(amount, style.into()))
}
