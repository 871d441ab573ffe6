//! Money formatting (R-C2): `decimal.Decimal` in, text out.

use asistent_core::money::{self, MoneyStyle};
use pyo3::prelude::*;

use crate::{convert, errors};

/// Writes an amount of euros rounded to cents: style "slovenian" (`1.234,50 €`) or
/// "plain" (`1234.50`).
#[pyfunction]
#[pyo3(signature = (amount, style = "slovenian"))]
fn format_eur(amount: &Bound<'_, PyAny>, style: &str) -> PyResult<String> {
    let style = match style {
        "slovenian" => MoneyStyle::Slovenian,
        "plain" => MoneyStyle::Plain,
        other => {
            return Err(errors::invalid(
                "money style",
                other,
                format!("`{other}` is not a money style (expected \"slovenian\" or \"plain\")"),
            ))
        }
    };
    Ok(money::format_eur(convert::money(amount)?, style))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(format_eur, m)?)
}
