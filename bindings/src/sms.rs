//! SMS segments and costs (R-A10): thin wrappers over `asistent_core::notify::sms`.

use std::sync::Arc;
use std::time::SystemTime;

use asistent_core::ids::{GuardianId, StudentId};
use asistent_core::notify::sms;
use asistent_core::rust_decimal::Decimal;

use crate::convert::instant_from;
use crate::policy::Policy;
use crate::AsistentError;

/// How a text is encoded on the air (R-A10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SmsEncoding {
    /// The GSM 7-bit alphabet: 160 septets in one SMS, 153 per part.
    Gsm7,
    /// UCS-2: 70 UTF-16 units in one SMS, 67 per part.
    Ucs2,
}

impl From<sms::SmsEncoding> for SmsEncoding {
    fn from(e: sms::SmsEncoding) -> Self {
        match e {
            sms::SmsEncoding::Gsm7 => SmsEncoding::Gsm7,
            _ => SmsEncoding::Ucs2,
        }
    }
}

/// The segments of one text and how full its last part is (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsCount {
    /// GSM-7, or UCS-2 when any character is outside the GSM alphabet.
    pub encoding: SmsEncoding,
    /// SMS segments billed.
    pub segments: u32,
    /// Septets (GSM-7) or UTF-16 units (UCS-2) of the whole text.
    pub units: u32,
    /// Characters (Unicode scalar values).
    pub characters: u32,
    /// 160 / 153 (GSM-7) or 70 / 67 (UCS-2).
    pub per_part_limit: u32,
    /// Septets or units still free in the last part.
    pub remaining_in_last_part: u32,
}

impl From<sms::SmsCount> for SmsCount {
    fn from(c: sms::SmsCount) -> Self {
        SmsCount {
            encoding: c.encoding.into(),
            segments: c.segments,
            units: c.units,
            characters: c.characters,
            per_part_limit: c.per_part_limit,
            remaining_in_last_part: c.remaining_in_last_part,
        }
    }
}

/// The cost of one text (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsCost {
    /// Its segments.
    pub count: SmsCount,
    /// The policy's price of one segment, EUR.
    pub price_per_segment: Decimal,
    /// segments × price, EUR.
    pub total: Decimal,
}

impl From<sms::SmsCost> for SmsCost {
    fn from(c: sms::SmsCost) -> Self {
        SmsCost {
            count: c.count.into(),
            price_per_segment: c.price_per_segment,
            total: c.total,
        }
    }
}

/// A text's cost as written and transliterated, side by side (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsQuote {
    /// The text as written.
    pub as_written: SmsCost,
    /// The text with č, š, ž, ć, đ (and capitals) replaced by c, s, z, c, d.
    pub transliterated_text: String,
    /// The transliterated text.
    pub transliterated: SmsCost,
    /// What the transliteration saves, EUR.
    pub saving: Decimal,
}

/// One SMS that was sent (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SentSms {
    /// The recipient's guardian ID.
    pub recipient: String,
    /// The child's student ID.
    pub child: String,
    /// When it was sent.
    pub sent_at: SystemTime,
    /// Its text.
    pub text: String,
}

/// The SMS cost of one recipient, about one child, in one Ljubljana month (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsCostLine {
    /// The recipient's guardian ID.
    pub recipient: String,
    /// The child's student ID.
    pub child: String,
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// Messages sent.
    pub messages: u64,
    /// Segments billed.
    pub segments: u64,
    /// Cost, EUR.
    pub cost: Decimal,
}

/// SMS costs per recipient, child and month, with totals (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsCostReport {
    /// One line per recipient, child and month, sorted by them.
    pub lines: Vec<SmsCostLine>,
    /// Messages in all.
    pub messages: u64,
    /// Segments in all.
    pub segments: u64,
    /// Cost in all, EUR.
    pub total: Decimal,
}

/// Counts the SMS segments of a text exactly (R-A10).
#[uniffi::export]
pub fn sms_count(text: String) -> Result<SmsCount, AsistentError> {
    Ok(sms::count(&text)?.into())
}

/// The cost of a text: segments × the policy's price (R-A10).
#[uniffi::export]
pub fn sms_cost(text: String, policy: Arc<Policy>) -> Result<SmsCost, AsistentError> {
    Ok(sms::cost(&text, &policy.inner)?.into())
}

/// č→c, š→s, ž→z, ć→c, đ→d and capitals; everything else kept (R-A10).
#[uniffi::export]
pub fn sms_transliterate(text: String) -> String {
    sms::transliterate(&text)
}

/// The cost of a text as written and transliterated (R-A10).
#[uniffi::export]
pub fn sms_quote(text: String, policy: Arc<Policy>) -> Result<SmsQuote, AsistentError> {
    let q = sms::quote(&text, &policy.inner)?;
    Ok(SmsQuote {
        as_written: q.as_written.into(),
        transliterated_text: q.transliterated_text,
        transliterated: q.transliterated.into(),
        saving: q.saving,
    })
}

/// Totals the cost of sent messages per recipient, child and month (R-A10).
#[uniffi::export]
pub fn sms_cost_report(
    messages: Vec<SentSms>,
    policy: Arc<Policy>,
) -> Result<SmsCostReport, AsistentError> {
    // A bad message is named by its position, from 0 (`index` and "sent message 3: …", as the core names the ones it cannot count).
    let sent = messages
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let sent = || {
                Ok(sms::SentSms {
                    recipient: GuardianId::new(m.recipient.clone())
                        .map_err(|e| AsistentError::invalid("guardian ID", m.recipient, e))?,
                    child: StudentId::new(m.child.clone())
                        .map_err(|e| AsistentError::invalid("student ID", m.child, e))?,
                    sent_at: instant_from(m.sent_at)?,
                    text: m.text,
                })
            };
            sent().map_err(|e: AsistentError| e.at_position("sent message", i))
        })
        .collect::<Result<Vec<_>, AsistentError>>()?;
    Ok(sms::cost_report(&sent, &policy.inner)?.into())
}

impl From<sms::SmsCostReport> for SmsCostReport {
    fn from(r: sms::SmsCostReport) -> Self {
        SmsCostReport {
            lines: r
                .lines
                .into_iter()
                .map(|l| SmsCostLine {
                    recipient: l.recipient.as_str().to_owned(),
                    child: l.child.as_str().to_owned(),
                    year: l.month.year,
                    month: l.month.month,
                    messages: l.messages,
                    segments: l.segments,
                    cost: l.cost,
                })
                .collect(),
            messages: r.messages,
            segments: r.segments,
            total: r.total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wildcard arm of the mapping (the core enum is `non_exhaustive`) is never
    /// reached: every core encoding has its own FFI value.
    #[test]
    fn r_a10_every_core_encoding_maps_to_its_own_value() {
        let mapped: Vec<SmsEncoding> = sms::SmsEncoding::ALL.into_iter().map(Into::into).collect();
        assert_eq!(mapped, vec![SmsEncoding::Gsm7, SmsEncoding::Ucs2]);
    }

    #[test]
    fn r_a10_errors_cross_the_boundary_typed() {
        assert_eq!(
            sms_count(String::new()),
            Err(AsistentError::EmptySms {
                reason: "the SMS text is empty: there is nothing to send".into()
            })
        );
        let err = sms_cost("č".repeat(671), Policy::defaults()).unwrap_err();
        assert!(matches!(
            err,
            AsistentError::SmsTooLong {
                segments: 11,
                max: 10,
                encoding: SmsEncoding::Ucs2,
                units: 671,
                ..
            }
        ));
        let t = SystemTime::UNIX_EPOCH;
        let err = sms_cost_report(
            vec![SentSms {
                recipient: "mama".into(),
                child: "ana".into(),
                sent_at: t,
                text: String::new(),
            }],
            Policy::defaults(),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            AsistentError::InvalidSentSms { index: 0, .. }
        ));
    }
}
