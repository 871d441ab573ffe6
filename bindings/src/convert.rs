//! Dates, instants and money across the boundary — the one place they are converted.
//!
//! - Calendar dates are the custom type `LocalDate`: `java.time.LocalDate` in Kotlin,
//!   `DateComponents` in Swift, ISO text on the wire.
//! - Money is the custom type `Decimal`: `java.math.BigDecimal` in Kotlin,
//!   `Foundation.Decimal` in Swift, decimal text on the wire, never a float.
//! - Instants are `SystemTime`: `java.time.Instant` in Kotlin, `Date` in Swift.
//!
//! A value that arrives malformed becomes [`AsistentError::InvalidValue`], not uniffi's
//! internal error.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use asistent_core::chrono::{DateTime, NaiveDate, Utc};
use asistent_core::rust_decimal::Decimal;

use crate::AsistentError;

/// A local calendar date (Europe/Ljubljana), as the foreign side sees it.
pub type LocalDate = NaiveDate;

uniffi::custom_type!(LocalDate, String, {
    remote,
    lower: |date| date.format("%Y-%m-%d").to_string(),
    try_lift: |text| asistent_core::calendar::parse_date(&text)
        .map_err(|e| AsistentError::from(e).into()),
});

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |amount| amount.to_string(),
    try_lift: |text| parse_decimal(&text).map_err(Into::into),
});

/// Reads a decimal exactly: text that would lose digits is refused, not rounded.
pub fn parse_decimal(text: &str) -> Result<Decimal, AsistentError> {
    Decimal::from_str_exact(text).map_err(|e| {
        AsistentError::invalid(
            "decimal",
            text,
            format!("`{text}` is not a decimal amount the library can hold exactly: {e}"),
        )
    })
}

/// An instant from the foreign side, as UTC.
pub fn instant_from(time: SystemTime) -> Result<DateTime<Utc>, AsistentError> {
    let out_of_range = || {
        AsistentError::invalid(
            "instant",
            format!("{time:?}"),
            "the instant is outside the range the library handles",
        )
    };
    let converted = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs())
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, after.subsec_nanos())),
        Err(before) => {
            let before = before.duration();
            i64::try_from(before.as_secs()).ok().and_then(|s| {
                let (secs, nanos) = if before.subsec_nanos() == 0 {
                    (-s, 0)
                } else {
                    (-s - 1, 1_000_000_000 - before.subsec_nanos())
                };
                DateTime::from_timestamp(secs, nanos)
            })
        }
    };
    converted.ok_or_else(out_of_range)
}

/// An instant for the foreign side.
pub fn instant_to(time: DateTime<Utc>) -> SystemTime {
    let secs = time.timestamp();
    let nanos = time.timestamp_subsec_nanos();
    if secs >= 0 {
        UNIX_EPOCH + Duration::new(secs.unsigned_abs(), nanos)
    } else {
        UNIX_EPOCH - Duration::new(secs.unsigned_abs(), 0) + Duration::new(0, nanos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use asistent_core::chrono::TimeZone;

    #[test]
    fn instants_round_trip_before_and_after_the_epoch() {
        for (secs, nanos) in [
            (0, 0),
            (1_790_000_000, 5),
            (-1_000, 0),
            (-1_000, 999_999_999),
        ] {
            let t = Utc.timestamp_opt(secs, nanos).single().expect("valid");
            assert_eq!(instant_from(instant_to(t)), Ok(t));
        }
    }

    #[test]
    fn a_decimal_that_would_lose_digits_is_an_invalid_value() {
        let err = parse_decimal(&"1".repeat(40)).unwrap_err();
        assert!(matches!(err, AsistentError::InvalidValue { ref what, .. } if what == "decimal"));
    }
}
