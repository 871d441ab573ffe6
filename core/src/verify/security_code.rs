//! The security code (varnostna koda) a class teacher issues for a parent and a child
//! (R-B1, R-B2, R-B3, R-B8, R-B10).
//!
//! ## Format
//! Nine random characters and one check character from the 29-character alphabet
//! `23456789ABCDEFGHJKMNPQRTVWXYZ`: the digits 2–9 and the letters without I, L, O, U
//! (look like 1, 1, 0, V) and S (looks like 5). Written in two groups of five for reading
//! over the phone: `7KQ3M-XD4PA`. Input is read case-insensitively; spaces and dashes
//! are ignored. 9 × log2(29) ≈ 43.7 bits of entropy (R-B10: at least 40).
//!
//! ## Check character
//! With the characters' values v₁ … v₁₀ (0 … 28) the check character makes
//! Σ i·vᵢ ≡ 0 (mod 29). Because 29 is prime and every weight 1 … 10 is non-zero mod 29:
//! - a single substitution at position i changes the sum by i·(a−b) ≢ 0: **every single
//!   substitution is caught**;
//! - swapping the characters at positions i < j changes it by (j−i)·(b−a) ≢ 0 (as
//!   j−i < 29): **every transposition is caught**, adjacent or not;
//! - a twin error aa → bb at i, i+1 changes it by (2i+1)·(b−a) ≢ 0 (2i+1 ≤ 19): caught.
//!
//! Two independent substitutions can cancel (about 1 in 29 of them pass the check; they
//! then cost an attempt like any wrong code). The tests check all of this exhaustively
//! on many codes.

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{RandomSource, SecretHash, VerifyError};
use crate::calendar;
use crate::ids::{GuardianId, SchoolId, StudentId};
use crate::policy::VerifyPolicy;

/// The alphabet of security codes (R-B10): no 0, 1, I, L, O, S, U.
pub const ALPHABET: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRTVWXYZ";
/// Random characters in a code.
pub const DATA_CHARS: usize = 9;
/// Characters in a code, check character included.
pub const CODE_CHARS: usize = DATA_CHARS + 1;
/// Characters per group when written (two groups of five).
pub const GROUP: usize = 5;

/// Bits of entropy of a code: 9 × log2(29) (R-B10: at least 40).
pub fn entropy_bits() -> f64 {
    // 29 as f64 is exact; DATA_CHARS is small.
    9.0 * 29f64.log2()
}

fn value_of(c: char) -> Option<u8> {
    let upper = c.to_ascii_uppercase();
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == upper)
        .and_then(|p| u8::try_from(p).ok())
}

fn weighted_sum(values: &[u8]) -> u32 {
    values
        .iter()
        .zip(1u32..)
        .map(|(&v, i)| i * u32::from(v))
        .sum::<u32>()
        % 29
}

/// The check value for nine data values: makes Σ i·vᵢ ≡ 0 (mod 29) with weight 10.
fn check_value(data: &[u8]) -> u8 {
    let s = weighted_sum(data);
    // 10⁻¹ ≡ 3 (mod 29).
    let v = ((29 - s) % 29) * 3 % 29;
    u8::try_from(v).unwrap_or(0)
}

/// A well-formed security code (right length, alphabet, check character). A secret:
/// `Debug` prints `SecurityCode(***)` and there is no `Display`; [`SecurityCode::grouped`]
/// gives the text to print or read out.
#[derive(Clone, PartialEq, Eq)]
pub struct SecurityCode {
    chars: [u8; CODE_CHARS],
}

impl fmt::Debug for SecurityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecurityCode(***)")
    }
}

impl SecurityCode {
    /// Reads a code as a parent types it: case-insensitive, spaces and dashes ignored.
    /// A wrong length, a foreign character or a failed check character is a typed error:
    /// the code was mistyped and no attempt is counted (R-B10).
    pub fn parse(input: &str) -> Result<SecurityCode, VerifyError> {
        let cleaned: Vec<char> = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if cleaned.len() != CODE_CHARS {
            return Err(VerifyError::CodeWrongLength {
                expected: CODE_CHARS,
                found: cleaned.len(),
            });
        }
        let mut values = [0u8; CODE_CHARS];
        for (i, &c) in cleaned.iter().enumerate() {
            values[i] = value_of(c).ok_or(VerifyError::CodeBadCharacter {
                position: i + 1,
                character: c,
            })?;
        }
        if weighted_sum(&values) != 0 {
            return Err(VerifyError::CodeCheckFailed);
        }
        let mut chars = [0u8; CODE_CHARS];
        for (c, v) in chars.iter_mut().zip(values) {
            *c = ALPHABET[usize::from(v)];
        }
        Ok(SecurityCode { chars })
    }

    /// Draws a new code from `rng` (uniform over the alphabet, by rejection sampling).
    pub fn generate(rng: &dyn RandomSource) -> Result<SecurityCode, VerifyError> {
        let mut data = [0u8; DATA_CHARS];
        let mut filled = 0;
        let mut buf = [0u8; 16];
        while filled < DATA_CHARS {
            rng.fill_bytes(&mut buf)?;
            for &b in &buf {
                // 232 = 8 × 29: accept only bytes that map uniformly.
                if b < 232 && filled < DATA_CHARS {
                    data[filled] = b % 29;
                    filled += 1;
                }
            }
        }
        let mut chars = [0u8; CODE_CHARS];
        for (c, &v) in chars.iter_mut().zip(data.iter()) {
            *c = ALPHABET[usize::from(v)];
        }
        chars[DATA_CHARS] = ALPHABET[usize::from(check_value(&data))];
        Ok(SecurityCode { chars })
    }

    /// The code without separators (`7KQ3MXD4PA`).
    pub fn reveal(&self) -> String {
        self.chars.iter().map(|&b| char::from(b)).collect()
    }

    /// The code in groups of five for print and phone (`7KQ3M-XD4PA`) (R-B2).
    pub fn grouped(&self) -> String {
        let plain = self.reveal();
        format!("{}-{}", &plain[..GROUP], &plain[GROUP..])
    }
}

/// Where a security code stands (R-B3, R-B10). Expiry is not a status: it follows from
/// `expires_at` and the time asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
#[non_exhaustive]
pub enum CodeStatus {
    /// Not yet used.
    Active,
    /// Used: the parent entered it and proved the date of birth (single use).
    Used {
        /// When.
        at: DateTime<Utc>,
    },
    /// Void after too many wrong dates of birth or codes (R-B3).
    Voided {
        /// When.
        at: DateTime<Utc>,
    },
    /// Replaced by a newer code for the same parent and child (R-B10, R-B8).
    Revoked {
        /// When.
        at: DateTime<Utc>,
    },
}

/// The stored record of a security code: who it is for, when it expires, how many wrong
/// tries it has had, and only a hash of the code (R-B10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityCodeRecord {
    /// The parent it is for.
    pub guardian: GuardianId,
    /// The child it is for.
    pub student: StudentId,
    /// The school that issued it (R-B8).
    pub school: SchoolId,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// From when it is no longer valid (R-B10: 30 days by default): local midnight
    /// (Europe/Ljubljana) after its last valid day, so that "valid through D" on the
    /// sheet is exactly true; see [`SecurityCodeRecord::valid_through`].
    pub expires_at: DateTime<Utc>,
    /// PBKDF2-HMAC-SHA256 of the code.
    pub hash: SecretHash,
    /// Active, used, voided or revoked.
    pub status: CodeStatus,
    /// Wrong (well-formed) codes entered so far.
    pub wrong_codes: u32,
    /// Wrong dates of birth entered so far (R-B3).
    pub wrong_birth_dates: u32,
}

impl SecurityCodeRecord {
    /// The last local date on which it is valid (R-B2, R-B10): the date the sheet
    /// prints as "Koda velja do vključno …", derived from `expires_at` (the local date
    /// of the last instant before it), never given separately.
    pub fn valid_through(&self) -> NaiveDate {
        calendar::local_date(self.expires_at - Duration::nanoseconds(1))
    }

    /// Whether it is active and not expired at `now`.
    pub fn is_usable(&self, now: DateTime<Utc>) -> bool {
        self.status == CodeStatus::Active && now < self.expires_at
    }

    /// Whether `code` is this record's code (constant-time PBKDF2 comparison).
    pub fn matches(&self, code: &SecurityCode) -> bool {
        self.hash.matches(&code.chars)
    }

    /// The record, revoked at `now` if it was active (R-B10).
    #[must_use]
    pub fn revoked(&self, now: DateTime<Utc>) -> SecurityCodeRecord {
        let mut r = self.clone();
        if r.status == CodeStatus::Active {
            r.status = CodeStatus::Revoked { at: now };
        }
        r
    }
}

/// The result of issuing a code: the plaintext (only here), its record, and the
/// previous codes of the same parent and child, now revoked.
#[derive(Debug)]
pub struct IssuedSecurityCode {
    /// The code to print on the sheet and read to the parent (R-B2).
    pub code: SecurityCode,
    /// What to store.
    pub record: SecurityCodeRecord,
    /// Earlier records for the same parent and child that this issue revoked (R-B10,
    /// R-B8), to store in place of the old ones.
    pub revoked: Vec<SecurityCodeRecord>,
}

/// Issues a security code for a parent and a child at a school (R-B1, R-B8, R-B10):
/// draws it from `rng`, hashes it with `policy.code_iterations`, sets its expiry (valid
/// through the local day `security_code_validity_days` after the day of issue, i.e.
/// until the next local midnight in Europe/Ljubljana, DST included), and
/// revokes every still-active code in `previous` for the same parent and child (also one
/// from another school: a new school sends a new code, R-B8).
pub fn issue_security_code(
    guardian: &GuardianId,
    student: &StudentId,
    school: &SchoolId,
    previous: &[SecurityCodeRecord],
    now: DateTime<Utc>,
    policy: &VerifyPolicy,
    rng: &dyn RandomSource,
) -> Result<IssuedSecurityCode, VerifyError> {
    let code = SecurityCode::generate(rng)?;
    let hash = SecretHash::make(&code.chars, policy.code_iterations, policy, rng)?;
    let record = SecurityCodeRecord {
        guardian: guardian.clone(),
        student: student.clone(),
        school: school.clone(),
        issued_at: now,
        expires_at: calendar::local_midnight(
            calendar::local_date(now)
                + Duration::days(i64::from(policy.security_code_validity_days) + 1),
        ),
        hash,
        status: CodeStatus::Active,
        wrong_codes: 0,
        wrong_birth_dates: 0,
    };
    let revoked = previous
        .iter()
        .filter(|r| {
            &r.guardian == guardian && &r.student == student && r.status == CodeStatus::Active
        })
        .map(|r| r.revoked(now))
        .collect();
    Ok(IssuedSecurityCode {
        code,
        record,
        revoked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::SeededRandom;
    use chrono::TimeZone;

    fn policy() -> VerifyPolicy {
        VerifyPolicy {
            code_iterations: 1000,
            ..VerifyPolicy::default()
        }
    }

    #[test]
    fn r_b10_at_least_40_bits_from_a_look_alike_free_alphabet() {
        assert!(entropy_bits() >= 40.0, "{}", entropy_bits());
        for c in ['0', '1', 'I', 'L', 'O', 'S', 'U'] {
            assert!(!ALPHABET.contains(&(c as u8)), "{c}");
        }
        assert_eq!(ALPHABET.len(), 29);
        let mut seen = ALPHABET.to_vec();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 29, "no repeated characters");
    }

    #[test]
    fn r_b10_every_substitution_and_transposition_is_caught() {
        let rng = SeededRandom::new(42);
        for _ in 0..300 {
            let code = SecurityCode::generate(&rng).unwrap();
            let text = code.reveal();
            assert_eq!(SecurityCode::parse(&text).unwrap(), code);
            let chars: Vec<u8> = text.bytes().collect();
            for i in 0..CODE_CHARS {
                for &other in ALPHABET {
                    if other == chars[i] {
                        continue;
                    }
                    let mut typo = chars.clone();
                    typo[i] = other;
                    let typo = String::from_utf8(typo).unwrap();
                    assert_eq!(
                        SecurityCode::parse(&typo),
                        Err(VerifyError::CodeCheckFailed),
                        "{typo}"
                    );
                }
                for j in i + 1..CODE_CHARS {
                    if chars[i] == chars[j] {
                        continue;
                    }
                    let mut swapped = chars.clone();
                    swapped.swap(i, j);
                    let swapped = String::from_utf8(swapped).unwrap();
                    assert_eq!(
                        SecurityCode::parse(&swapped),
                        Err(VerifyError::CodeCheckFailed),
                        "{swapped}"
                    );
                }
            }
        }
    }

    #[test]
    fn r_b2_codes_are_grouped_for_the_phone_and_read_loosely() {
        let code = SecurityCode::generate(&SeededRandom::new(1)).unwrap();
        let g = code.grouped();
        assert_eq!(g.len(), 11);
        assert_eq!(&g[5..6], "-");
        let typed = format!(" {} ", g.to_lowercase().replace('-', " "));
        assert_eq!(SecurityCode::parse(&typed).unwrap(), code);
        assert_eq!(format!("{code:?}"), "SecurityCode(***)");
    }

    #[test]
    fn r_b10_malformed_codes_are_typed_errors() {
        assert_eq!(
            SecurityCode::parse("ABC"),
            Err(VerifyError::CodeWrongLength {
                expected: 10,
                found: 3
            })
        );
        let err = SecurityCode::parse("ABCDE-FGH0K").unwrap_err();
        assert_eq!(
            err,
            VerifyError::CodeBadCharacter {
                position: 9,
                character: '0'
            }
        );
        assert!(err.to_string().contains("`0`"));
        assert!(SecurityCode::parse("ABCDE-FGHJ€").is_err());
    }

    #[test]
    fn r_b8_a_new_code_revokes_the_old_one_even_from_another_school() {
        let p = policy();
        let rng = SeededRandom::new(3);
        let now = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
        let g = GuardianId::new("g1").unwrap();
        let s = StudentId::new("s1").unwrap();
        let other = StudentId::new("s2").unwrap();
        let old_school = SchoolId::new("os-a").unwrap();
        let first = issue_security_code(&g, &s, &old_school, &[], now, &p, &rng).unwrap();
        let sibling = issue_security_code(&g, &other, &old_school, &[], now, &p, &rng).unwrap();
        assert_eq!(
            first.record.valid_through(),
            NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
        );
        assert!(first.record.matches(&first.code));
        let new_school = SchoolId::new("os-b").unwrap();
        let later = now + Duration::days(2);
        let second = issue_security_code(
            &g,
            &s,
            &new_school,
            &[first.record.clone(), sibling.record.clone()],
            later,
            &p,
            &rng,
        )
        .unwrap();
        assert_eq!(second.revoked.len(), 1);
        assert_eq!(second.revoked[0].status, CodeStatus::Revoked { at: later });
        assert!(!second.revoked[0].is_usable(later));
        assert!(!second.record.matches(&first.code));
        assert_ne!(first.code, second.code);
    }

    #[test]
    fn r_b10_r_b2_a_code_expires_at_local_midnight_after_its_last_day_across_dst() {
        let p = policy();
        let rng = SeededRandom::new(4);
        let (g, s, os) = (
            GuardianId::new("g").unwrap(),
            StudentId::new("s").unwrap(),
            SchoolId::new("os").unwrap(),
        );
        // Issued late on 20 October (summer time, 23:30 local = 21:30 UTC); the last
        // valid day, 19 November, is in winter time.
        let now = Utc.with_ymd_and_hms(2026, 10, 20, 21, 30, 0).unwrap();
        let r = issue_security_code(&g, &s, &os, &[], now, &p, &rng)
            .unwrap()
            .record;
        assert_eq!(
            r.valid_through(),
            NaiveDate::from_ymd_opt(2026, 11, 19).unwrap()
        );
        // 20 November 00:00 CET = 19 November 23:00 UTC.
        assert_eq!(
            r.expires_at,
            Utc.with_ymd_and_hms(2026, 11, 19, 23, 0, 0).unwrap()
        );
        assert!(r.is_usable(Utc.with_ymd_and_hms(2026, 11, 19, 22, 59, 59).unwrap()));
        assert!(!r.is_usable(r.expires_at));
        // Issued just after local midnight (22:30 UTC on 19 October is 20 October
        // 00:30 local): the same last day.
        let early = Utc.with_ymd_and_hms(2026, 10, 19, 22, 30, 0).unwrap();
        let r2 = issue_security_code(&g, &s, &os, &[], early, &p, &rng)
            .unwrap()
            .record;
        assert_eq!(r2.valid_through(), r.valid_through());
    }
}
