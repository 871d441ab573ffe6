//! Dates, instants and money across the boundary — the one place they are converted.
//!
//! Dates are `datetime.date`; instants are timezone-aware `datetime.datetime` (returned
//! in UTC); money is `decimal.Decimal` (or `int`), never `float`.

use asistent_core::chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use asistent_core::rust_decimal::Decimal;
use pyo3::conversion::FromPyObjectOwned;
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyBool, PyDate, PyDateTime, PyFloat, PyInt};

use crate::errors::invalid;

/// A `datetime.date` (a `datetime.datetime` is refused: pass `.date()` deliberately).
pub(crate) fn date(value: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if value.is_instance_of::<PyDateTime>() || !value.is_instance_of::<PyDate>() {
        return Err(invalid(
            "date",
            &repr(value),
            format!("expected a datetime.date, got {}", type_name(value)),
        ));
    }
    value.extract()
}

/// A timezone-aware `datetime.datetime`, as UTC.
pub(crate) fn instant(value: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    if !value.is_instance_of::<PyDateTime>() {
        return Err(invalid(
            "instant",
            &repr(value),
            format!(
                "expected a timezone-aware datetime.datetime, got {}",
                type_name(value)
            ),
        ));
    }
    if value.getattr("tzinfo")?.is_none() || value.call_method0("utcoffset")?.is_none() {
        return Err(invalid(
            "instant",
            &repr(value),
            "the datetime has no time zone: an instant must be timezone-aware (e.g. tzinfo=timezone.utc)",
        ));
    }
    // The offset is applied here, not by `astimezone`: an aware datetime near year 1 or
    // 9999 would overflow in Python (OverflowError) instead of being refused by name.
    let offset = value.call_method0("utcoffset")?;
    let offset_micros: i64 = {
        let days: i64 = offset.getattr("days")?.extract()?;
        let seconds: i64 = offset.getattr("seconds")?.extract()?;
        let micros: i64 = offset.getattr("microseconds")?.extract()?;
        (days * 86_400 + seconds) * 1_000_000 + micros
    };
    let naive: NaiveDateTime = value
        .call_method(
            "replace",
            (),
            Some(&[("tzinfo", value.py().None())].into_py_dict(value.py())?),
        )?
        .extract()?;
    let utc = naive.checked_sub_signed(TimeDelta::microseconds(offset_micros));
    match utc {
        Some(t) if (FIRST_INSTANT_YEAR..=LAST_INSTANT_YEAR).contains(&t.year()) => Ok(t.and_utc()),
        _ => {
            let shown = repr(value);
            Err(invalid(
                "instant",
                &shown,
                format!(
                    "the instant {shown} is outside the years {FIRST_INSTANT_YEAR}–{LAST_INSTANT_YEAR} (UTC) the library handles"
                ),
            ))
        }
    }
}

/// An instant for Python: one `datetime.datetime` cannot hold (before year 1 or after
/// 9999, UTC — e.g. local midnight of 1 January of year 1) is an `InvalidValueError`, not
/// Python's own error.
pub(crate) fn instant_out(t: DateTime<Utc>) -> PyResult<DateTime<Utc>> {
    if (FIRST_INSTANT_YEAR..=LAST_INSTANT_YEAR).contains(&t.year()) {
        Ok(t)
    } else {
        let shown = t.to_rfc3339();
        Err(invalid(
            "instant",
            &shown,
            format!(
                "the instant {shown} is outside the years {FIRST_INSTANT_YEAR}–{LAST_INSTANT_YEAR} (UTC) the library handles"
            ),
        ))
    }
}

/// The first year (UTC) of an instant the library takes, as for dates.
pub(crate) const FIRST_INSTANT_YEAR: i32 = 1;

/// The last year (UTC) of an instant the library takes, as for dates.
pub(crate) const LAST_INSTANT_YEAR: i32 = 9999;

/// A `decimal.Decimal` or `int` amount, exactly; a `float` is refused.
pub(crate) fn money(value: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    if value.is_instance_of::<PyFloat>() {
        return Err(invalid(
            "decimal",
            &repr(value),
            "money is never a float: pass decimal.Decimal (e.g. Decimal(\"35.90\"))",
        ));
    }
    let is_decimal = value
        .py()
        .import("decimal")?
        .getattr("Decimal")
        .and_then(|t| value.is_instance(&t))?;
    if !is_decimal && !value.is_instance_of::<PyInt>() {
        return Err(invalid(
            "decimal",
            &repr(value),
            format!("expected decimal.Decimal, got {}", type_name(value)),
        ));
    }
    if is_decimal {
        let finite: bool = value.call_method0("is_finite")?.extract()?;
        if !finite {
            return Err(invalid(
                "decimal",
                &repr(value),
                format!(
                    "{} is not an amount: money is a finite decimal",
                    repr(value)
                ),
            ));
        }
        // `Decimal` holds at most 28 digits: a larger exponent is refused before the
        // amount is written out (Decimal('1E+999999') would be a million digits).
        let adjusted: i64 = value.call_method0("adjusted")?.extract()?;
        if !(-29..=28).contains(&adjusted) {
            let text: String = value.str()?.extract()?;
            return Err(invalid(
                "decimal",
                &text,
                format!(
                    "`{text}` is not a decimal amount the library can hold exactly: \
                     at most 28 digits before and 28 after the decimal point"
                ),
            ));
        }
    }
    // Positional notation (`format(value, 'f')`): `str()` gives `1E+2` for
    // `Decimal('100').normalize()` and `1E-7` for `Decimal('0.0000001')`.
    let text: String = if is_decimal {
        value
            .py()
            .import("builtins")?
            .getattr("format")?
            .call1((value, "f"))?
            .extract()?
    } else {
        value.str()?.extract()?
    };
    Decimal::from_str_exact(&text).map_err(|e| {
        invalid(
            "decimal",
            &text,
            format!("`{text}` is not a decimal amount the library can hold exactly: {e}"),
        )
    })
}

/// An integer type an argument may be read as; `LO..=HI` is its range.
pub(crate) trait IntArg: Sized + TryFrom<i128> {
    /// The smallest value.
    const LO: i128;
    /// The largest value.
    const HI: i128;
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl IntArg for $t {
            const LO: i128 = <$t>::MIN as i128;
            const HI: i128 = <$t>::MAX as i128;
        }
    )*};
}
int_arg!(u8, u32, u64, i32);

/// A whole-number argument named `what`: a `bool`, a `float` or a value out of range is an
/// `InvalidValueError` naming the argument and the value (not Python's own
/// `OverflowError`/`TypeError`).
pub(crate) fn int<T: IntArg>(value: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let shown = repr(value);
    let range = format!("{what} must be a whole number from {} to {}", T::LO, T::HI);
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(invalid(
            what,
            &shown,
            format!("{range}, got {} {shown}", type_name(value)),
        ));
    }
    value
        .extract::<i128>()
        .ok()
        .and_then(|wide| T::try_from(wide).ok())
        .ok_or_else(|| invalid(what, &shown, format!("{range}, got {shown}")))
}

/// An optional whole-number argument (`None` stays `None`), as [`int`].
pub(crate) fn opt_int<T: IntArg>(
    value: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<T>> {
    match value {
        Some(v) if !v.is_none() => int(v, what).map(Some),
        _ => Ok(None),
    }
}

/// One item of an iterable argument (`what` names it, e.g. `channels[1]`), read as `T`
/// (`expected` says what it should be); anything else is an `InvalidValueError`.
pub(crate) fn item<'py, T: FromPyObjectOwned<'py>>(
    value: &Bound<'py, PyAny>,
    what: &str,
    expected: &str,
) -> PyResult<T> {
    value.extract::<T>().map_err(|_| {
        let shown = repr(value);
        invalid(
            what,
            &shown,
            format!(
                "{what} must be {expected}, got {} {shown}",
                type_name(value)
            ),
        )
    })
}

/// An entry of an iterable argument that is not of the library class it must be:
/// `InvalidValueError(what, repr)` saying "expected {expected}, got {type} {repr}", named
/// by its position ("entry 2: …", the `index` attribute).
pub(crate) fn not_an_instance(
    value: &Bound<'_, PyAny>,
    what: &str,
    expected: &str,
    entry: &str,
    index: usize,
) -> PyErr {
    let shown = repr(value);
    let e = invalid(
        what,
        &shown,
        format!("expected {expected}, got {} {shown}", type_name(value)),
    );
    Python::attach(|py| crate::errors::at_position(py, &e, entry, index));
    e
}

fn repr(value: &Bound<'_, PyAny>) -> String {
    value
        .repr()
        .map_or_else(|_| "<unprintable>".to_owned(), |r| r.to_string())
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "an unknown type".to_owned(), |n| n.to_string())
}
