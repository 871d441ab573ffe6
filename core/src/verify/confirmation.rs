//! Confirmation codes (potrditvena koda) sent to a new email address or mobile number
//! (R-B5, R-B10): 6 digits, single use, valid 10 minutes, at most 5 wrong attempts,
//! bound to the contact, stored as a hash.
//!
//! The binding is cryptographic, not only a stored field: the hash covers the
//! normalised contact and the code together, so a code sent to one contact can never
//! confirm another.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::contact::Contact;
use super::{RandomSource, Secret, SecretHash, VerifyError};
use crate::policy::VerifyPolicy;

/// Digits in a confirmation code (R-B10).
pub const DIGITS: usize = 6;

/// The stored record of a confirmation code (R-B5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationRecord {
    /// The contact it was sent to.
    pub contact: Contact,
    /// Hash of the contact and the code.
    pub hash: SecretHash,
    /// When it was sent.
    pub issued_at: DateTime<Utc>,
    /// From when it is no longer valid (10 minutes by default).
    pub expires_at: DateTime<Utc>,
    /// Wrong codes entered so far.
    pub wrong_attempts: u32,
    /// Whether it has confirmed its contact (single use).
    pub used: bool,
}

/// What checking a confirmation code gave (R-B5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[non_exhaustive]
pub enum ConfirmationOutcome {
    /// The contact is confirmed.
    Confirmed,
    /// Wrong code; this many attempts remain.
    Wrong {
        /// Attempts left (0: the code is spent).
        attempts_left: u32,
    },
    /// Too many wrong attempts: send a new code.
    Exhausted,
    /// Older than its validity: send a new code.
    Expired,
    /// Already used.
    AlreadyUsed,
}

fn secret_bytes(contact: &Contact, digits: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(64);
    v.extend_from_slice(contact.kind().code().as_bytes());
    v.push(0);
    v.extend_from_slice(contact.as_str().as_bytes());
    v.push(0);
    v.extend_from_slice(digits.as_bytes());
    v
}

/// Reads a typed confirmation code: 6 digits, spaces ignored.
pub fn parse_confirmation_code(input: &str) -> Result<String, VerifyError> {
    let cleaned: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let bad = |reason: String| VerifyError::ConfirmationCodeMalformed {
        expected: DIGITS,
        reason,
    };
    if let Some(c) = cleaned.chars().find(|c| !c.is_ascii_digit()) {
        return Err(bad(format!("`{c}` is not a digit")));
    }
    if cleaned.len() != DIGITS {
        return Err(bad(format!("this one has {}", cleaned.len())));
    }
    Ok(cleaned)
}

/// Makes a confirmation code for `contact` (R-B5): the plaintext to send, and the record
/// to keep.
pub fn issue_confirmation_code(
    contact: &Contact,
    now: DateTime<Utc>,
    policy: &VerifyPolicy,
    rng: &dyn RandomSource,
) -> Result<(ConfirmationRecord, Secret), VerifyError> {
    // Uniform over 000000 … 999999: reject 32-bit draws above the last full million.
    let limit = u32::MAX - (u32::MAX % 1_000_000);
    let n = loop {
        let mut b = [0u8; 4];
        rng.fill_bytes(&mut b)?;
        let v = u32::from_le_bytes(b);
        if v < limit {
            break v % 1_000_000;
        }
    };
    let digits = format!("{n:06}");
    let hash = SecretHash::make(
        &secret_bytes(contact, &digits),
        policy.code_iterations,
        policy,
        rng,
    )?;
    let record = ConfirmationRecord {
        contact: contact.clone(),
        hash,
        issued_at: now,
        expires_at: now + Duration::minutes(i64::from(policy.confirmation_code_validity_minutes)),
        wrong_attempts: 0,
        used: false,
    };
    Ok((record, Secret::new(digits)))
}

impl ConfirmationRecord {
    /// Checks a code typed for `contact` at `now` (R-B5). A malformed code or another
    /// contact is an error and costs no attempt; a wrong code costs one.
    pub fn check(
        &self,
        contact: &Contact,
        input: &str,
        now: DateTime<Utc>,
        policy: &VerifyPolicy,
    ) -> Result<(ConfirmationRecord, ConfirmationOutcome), VerifyError> {
        let digits = parse_confirmation_code(input)?;
        if contact != &self.contact {
            return Err(VerifyError::ContactMismatch {
                kind: self.contact.kind().code().to_owned(),
            });
        }
        let mut next = self.clone();
        if self.used {
            return Ok((next, ConfirmationOutcome::AlreadyUsed));
        }
        if now >= self.expires_at {
            return Ok((next, ConfirmationOutcome::Expired));
        }
        let max = policy.max_wrong_confirmation_codes;
        if self.wrong_attempts >= max {
            return Ok((next, ConfirmationOutcome::Exhausted));
        }
        if self.hash.matches(&secret_bytes(contact, &digits)) {
            next.used = true;
            return Ok((next, ConfirmationOutcome::Confirmed));
        }
        next.wrong_attempts += 1;
        Ok((
            next,
            ConfirmationOutcome::Wrong {
                attempts_left: max.saturating_sub(self.wrong_attempts + 1),
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::contact::{Email, Phone};
    use crate::verify::SeededRandom;
    use chrono::TimeZone;

    fn policy() -> VerifyPolicy {
        VerifyPolicy {
            code_iterations: 1000,
            ..VerifyPolicy::default()
        }
    }

    #[test]
    fn r_b5_a_code_confirms_its_contact_once_within_ten_minutes() {
        let p = policy();
        let rng = SeededRandom::new(5);
        let now = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
        let phone = Contact::Phone(Phone::parse("041 123 456").unwrap());
        let (rec, code) = issue_confirmation_code(&phone, now, &p, &rng).unwrap();
        assert_eq!(code.reveal().len(), 6);
        assert_eq!(rec.expires_at - rec.issued_at, Duration::minutes(10));
        assert!(!serde_json::to_string(&rec).unwrap().contains(code.reveal()));
        let (used, out) = rec.check(&phone, code.reveal(), now, &p).unwrap();
        assert_eq!(out, ConfirmationOutcome::Confirmed);
        let (_, again) = used.check(&phone, code.reveal(), now, &p).unwrap();
        assert_eq!(again, ConfirmationOutcome::AlreadyUsed);
        let late = now + Duration::minutes(10);
        assert_eq!(
            rec.check(&phone, code.reveal(), late, &p).unwrap().1,
            ConfirmationOutcome::Expired
        );
    }

    #[test]
    fn r_b10_five_wrong_attempts_spend_the_code_and_it_is_bound_to_its_contact() {
        let p = policy();
        let rng = SeededRandom::new(6);
        let now = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
        let email = Contact::Email(Email::parse("ana@example.si").unwrap());
        let other = Contact::Email(Email::parse("bor@example.si").unwrap());
        let (mut rec, code) = issue_confirmation_code(&email, now, &p, &rng).unwrap();
        assert_eq!(
            rec.check(&other, code.reveal(), now, &p),
            Err(VerifyError::ContactMismatch {
                kind: "email".into()
            })
        );
        let wrong = if code.reveal() == "000000" {
            "111111"
        } else {
            "000000"
        };
        for left in (0..5).rev() {
            let (next, out) = rec.check(&email, wrong, now, &p).unwrap();
            assert_eq!(
                out,
                ConfirmationOutcome::Wrong {
                    attempts_left: left
                }
            );
            rec = next;
        }
        assert_eq!(
            rec.check(&email, code.reveal(), now, &p).unwrap().1,
            ConfirmationOutcome::Exhausted
        );
    }

    #[test]
    fn r_b10_malformed_confirmation_codes_are_typed_errors() {
        let err = parse_confirmation_code("12a456").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a confirmation code has 6 digits; `a` is not a digit"
        );
        let err = parse_confirmation_code("12345").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a confirmation code has 6 digits; this one has 5"
        );
        assert_eq!(parse_confirmation_code("123 456").unwrap(), "123456");
    }
}
