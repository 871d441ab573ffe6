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

use asistent_core::chrono::{DateTime, Datelike, NaiveDate, Utc};
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

/// The first year of an instant the library takes (as for dates: four-digit years).
pub const FIRST_INSTANT_YEAR: i32 = 1;

/// The last year of an instant the library takes (as for dates: four-digit years).
pub const LAST_INSTANT_YEAR: i32 = 9999;

/// An instant from the foreign side, as UTC.
///
/// Only instants in the years 1–9999 (UTC) are taken, as for dates: the local calendar
/// of an instant near the end of what chrono can hold does not exist, so such an instant
/// is an [`AsistentError::InvalidValue`] naming it, never a panic further in.
pub fn instant_from(time: SystemTime) -> Result<DateTime<Utc>, AsistentError> {
    let (converted, shown) = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs())
                .ok()
                .and_then(|s| DateTime::from_timestamp(s, after.subsec_nanos())),
            format!(
                "{}.{:09} s after 1970-01-01T00:00:00Z",
                after.as_secs(),
                after.subsec_nanos()
            ),
        ),
        Err(before) => {
            let before = before.duration();
            let converted = i64::try_from(before.as_secs()).ok().and_then(|s| {
                let (secs, nanos) = if before.subsec_nanos() == 0 {
                    (-s, 0)
                } else {
                    (-s - 1, 1_000_000_000 - before.subsec_nanos())
                };
                DateTime::from_timestamp(secs, nanos)
            });
            (
                converted,
                format!(
                    "{}.{:09} s before 1970-01-01T00:00:00Z",
                    before.as_secs(),
                    before.subsec_nanos()
                ),
            )
        }
    };
    match converted {
        Some(t) if (FIRST_INSTANT_YEAR..=LAST_INSTANT_YEAR).contains(&t.year()) => Ok(t),
        Some(t) => Err(AsistentError::invalid(
            "instant",
            t.to_rfc3339(),
            format!(
                "the instant {} is outside the years {FIRST_INSTANT_YEAR}–{LAST_INSTANT_YEAR} the library handles",
                t.to_rfc3339()
            ),
        )),
        None => Err(AsistentError::invalid(
            "instant",
            shown.clone(),
            format!(
                "the instant {shown} is outside the years {FIRST_INSTANT_YEAR}–{LAST_INSTANT_YEAR} the library handles"
            ),
        )),
    }
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
    fn instants_outside_years_1_to_9999_are_invalid_values_naming_them() {
        // Within an hour of chrono's maximum: its local date would panic inside chrono.
        let near_max = UNIX_EPOCH + Duration::from_secs(8_210_266_875_000);
        let err = instant_from(near_max).unwrap_err();
        assert!(
            matches!(err, AsistentError::InvalidValue { ref what, ref value, ref reason, index: None }
                if what == "instant" && value == "+262142-12-31T23:30:00+00:00" && reason.contains("1–9999")),
            "{err:?}"
        );
        let err = instant_from(UNIX_EPOCH + Duration::from_secs(1 << 50)).unwrap_err();
        assert!(
            matches!(err, AsistentError::InvalidValue { ref value, .. }
                if value == "1125899906842624.000000000 s after 1970-01-01T00:00:00Z"),
            "{err:?}"
        );
        let year_10000 = Utc
            .with_ymd_and_hms(10_000, 1, 1, 0, 0, 0)
            .single()
            .expect("valid");
        assert!(instant_from(instant_to(year_10000)).is_err());
        let year_0 = Utc
            .with_ymd_and_hms(0, 12, 31, 23, 59, 59)
            .single()
            .expect("valid");
        assert!(instant_from(instant_to(year_0)).is_err());
        for edge in [
            Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0)
                .single()
                .expect("valid"),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59)
                .single()
                .expect("valid"),
        ] {
            assert_eq!(instant_from(instant_to(edge)), Ok(edge));
            // The local date of every instant taken exists (no panic inside chrono).
            let _ = asistent_core::calendar::local_date(edge);
        }
    }

    #[test]
    fn a_decimal_that_would_lose_digits_is_an_invalid_value() {
        let err = parse_decimal(&"1".repeat(40)).unwrap_err();
        assert!(matches!(err, AsistentError::InvalidValue { ref what, .. } if what == "decimal"));
    }
}
