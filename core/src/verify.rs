//! Identity and contact verification, credentials (R-A1 … R-A9, R-B1 … R-B10).
//!
//! - [`security_code`]: the class teacher's security code (varnostna koda) — 9 random
//!   characters from a 29-letter alphabet without look-alikes plus a check character,
//!   stored only as a salted PBKDF2-HMAC-SHA256 hash (R-B3, R-B10).
//! - [`flow`]: the parent's way in as a state machine: code → child's date of birth →
//!   contacts confirmed → services chosen (R-B1 … R-B5, R-B8).
//! - [`contact`]: email addresses and phone numbers, normalised (E.164, +386 default).
//! - [`confirmation`]: 6-digit confirmation codes bound to a contact (R-B5, R-B10).
//! - [`password`]: passwords, reset tokens, a child's password reset by the parent,
//!   a student's recovery, usernames at a new school (R-A1 … R-A7).
//! - [`printout`]: printouts and bulk sends of initial credentials (R-A8, R-A9), the
//!   security-code sheet (R-B2) and the class teacher's overview (R-B9).
//!
//! ## Randomness
//! Nothing here draws randomness of its own: every call that makes a secret takes a
//! [`RandomSource`]. `ring::rand::SecureRandom` is sealed (it cannot be implemented
//! outside `ring`), so tests could not supply a deterministic generator through it;
//! [`RandomSource`] is a one-method trait implemented for every `SecureRandom` (pass
//! `&ring::rand::SystemRandom::new()`), and, behind the `test-rng` feature or in this
//! crate's tests, by the deterministic [`SeededRandom`].
//!
//! ## Secrets
//! A plaintext secret exists only in the result of the call that made it ([`Secret`],
//! [`security_code::SecurityCode`]); `Debug` prints `***` and there is no `Display`.
//! What is stored is a [`SecretHash`].

use std::fmt;
use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};

pub mod confirmation;
pub mod contact;
pub mod flow;
pub mod password;
pub mod printout;
pub mod security_code;

use crate::policy::VerifyPolicy;

/// What went wrong in a verification call: which input was wrong, and how.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A security code has the wrong number of characters (R-B10).
    #[error("a security code has {expected} characters (without dashes and spaces), this one has {found}")]
    CodeWrongLength {
        /// Characters expected.
        expected: usize,
        /// Characters given.
        found: usize,
    },
    /// A security code contains a character outside its alphabet (R-B10).
    #[error("character {position} of the security code, `{character}`, is not used in security codes (they use 2–9 and A–Z without I, L, O, S, U)")]
    CodeBadCharacter {
        /// 1-based position among the code's characters.
        position: usize,
        /// The character.
        character: char,
    },
    /// The check character does not match: the code was mistyped (R-B10). No attempt
    /// is counted.
    #[error("the security code was mistyped: its check character does not match")]
    CodeCheckFailed,
    /// A confirmation code is not 6 digits (R-B10).
    #[error("a confirmation code has {expected} digits; {reason}")]
    ConfirmationCodeMalformed {
        /// Digits expected.
        expected: usize,
        /// What is wrong.
        reason: String,
    },
    /// A reset token is not in the form the library issues (R-A2).
    #[error("the reset link is damaged: {reason}")]
    ResetTokenMalformed {
        /// What is wrong.
        reason: String,
    },
    /// An email address does not parse.
    #[error("`{input}` is not a usable email address: {reason}")]
    InvalidEmail {
        /// The text given.
        input: String,
        /// Why it was refused.
        reason: String,
    },
    /// A phone number does not parse.
    #[error("`{input}` is not a usable phone number: {reason}")]
    InvalidPhone {
        /// The text given.
        input: String,
        /// Why it was refused.
        reason: String,
    },
    /// A confirmation code is checked against a contact it was not sent to (R-B10).
    #[error("this confirmation code was sent to another contact ({kind})")]
    ContactMismatch {
        /// The kind of contact the code was sent to ("email" or "phone").
        kind: String,
    },
    /// A password is shorter than the policy allows (R-A1).
    #[error("a password needs at least {min} characters, this one has {found}")]
    PasswordTooShort {
        /// The minimum.
        min: u32,
        /// Characters given.
        found: usize,
    },
    /// A password is longer than the policy allows (R-A1).
    #[error("a password may have at most {max} characters, this one has {found}")]
    PasswordTooLong {
        /// The maximum.
        max: u32,
        /// Characters given.
        found: usize,
    },
    /// The old password given for a change is wrong (R-A1).
    #[error("the old password is not correct")]
    WrongOldPassword,
    /// The new password equals the old one (R-A1).
    #[error("the new password is the same as the old one")]
    PasswordUnchanged,
    /// A parent without active portal access tried to reset a child's password (R-A3).
    #[error("a child's password can only be reset by a parent with active portal access")]
    PortalNotActive,
    /// A child that is not on the parent's login (R-A6).
    #[error("student `{student}` is not one of this parent's children")]
    NotYourChild {
        /// The student asked for.
        student: String,
    },
    /// An input that the current step of the parent's flow does not take (R-B4).
    #[error("`{event}` cannot be used while the parent's flow is at step `{step}`")]
    UnexpectedEvent {
        /// The step the flow is at.
        step: String,
        /// The input that came.
        event: String,
    },
    /// A service choice that contradicts itself or the rules (R-B4, R-C1, R-C3, R-C5):
    /// ZA UČENCE as the parent's own mode, or "no electronic contact" for the parent
    /// together with a child's subscription that sends the parent notices (ZA STARŠE,
    /// POPOLNI).
    #[error("the service choice (for the parent `{parent}`, for the child `{child}`) is refused: {reason}")]
    ServiceChoiceRefused {
        /// The parent's own choice (machine name).
        parent: String,
        /// The choice for the child (machine name).
        child: String,
        /// Why.
        reason: String,
    },
    /// The SMS text of a bulk send cannot be sent: empty, or longer than the policy's
    /// `sms.max_segments` (R-A10).
    #[error("the SMS text of the bulk send: {0}")]
    Sms(#[from] crate::notify::sms::SmsError),
    /// A stored security-code record handed to a parent's flow is not the flow's code
    /// (another parent, child, school or code) (R-B10).
    #[error("the stored security-code record is not the one this flow was started with")]
    RecordMismatch,
    /// The random source failed; nothing was issued.
    #[error("the random source failed; nothing was issued")]
    RandomFailure,
    /// A stored hash record is damaged or unsafe to check against (R-B10, R-A1): a
    /// derived key that is not 32 bytes (a shorter one would be compared on its first
    /// bytes only), a salt under 4 bytes, or an iteration count outside
    /// 1 … [`MAX_HASH_ITERATIONS`].
    #[error("the stored hash record is not usable: `{field}` {reason}")]
    HashRecordInvalid {
        /// The field of the record (`salt`, `iterations`, `hash`).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// A source of cryptographically secure random bytes (R-B10). Implemented for every
/// `ring::rand::SecureRandom` (use `ring::rand::SystemRandom`); `SecureRandom` itself is
/// sealed, so tests use [`SeededRandom`] through this trait.
pub trait RandomSource {
    /// Fills `dest` with random bytes.
    fn fill_bytes(&self, dest: &mut [u8]) -> Result<(), VerifyError>;
}

impl<T: ring::rand::SecureRandom + ?Sized> RandomSource for T {
    fn fill_bytes(&self, dest: &mut [u8]) -> Result<(), VerifyError> {
        self.fill(dest).map_err(|_| VerifyError::RandomFailure)
    }
}

/// A deterministic generator for tests only (SplitMix64 over a seed): the same seed
/// gives the same codes. Never use it for real codes.
#[cfg(any(test, feature = "test-rng"))]
#[derive(Debug)]
pub struct SeededRandom {
    state: std::cell::Cell<u64>,
}

#[cfg(any(test, feature = "test-rng"))]
impl SeededRandom {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> SeededRandom {
        SeededRandom {
            state: std::cell::Cell::new(seed),
        }
    }
}

#[cfg(any(test, feature = "test-rng"))]
impl RandomSource for SeededRandom {
    fn fill_bytes(&self, dest: &mut [u8]) -> Result<(), VerifyError> {
        for chunk in dest.chunks_mut(8) {
            let mut z = self.state.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
            self.state.set(z);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
        Ok(())
    }
}

/// A plaintext secret (a password, a confirmation code, a reset token) handed out once.
/// `Debug` prints `Secret(***)`; there is no `Display`: call [`Secret::reveal`] where it
/// must be shown or sent.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub(crate) fn new(text: String) -> Secret {
        Secret(text)
    }

    /// Wraps a secret the caller holds (an initial password from the school's register,
    /// R-A8) so that it is printed only where it must be.
    pub fn from_stored(text: String) -> Secret {
        Secret(text)
    }

    /// The plaintext, for showing it once or sending it.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The most PBKDF2 iterations a stored hash record may ask for (R-B10): a record with
/// more is refused, so a damaged or forged record cannot make a check run for minutes.
/// The same bound as a policy may set ([`crate::policy::MAX_HASH_ITERATIONS`]).
pub const MAX_HASH_ITERATIONS: u32 = crate::policy::MAX_HASH_ITERATIONS;

/// The least salt a stored hash record may have, in bytes (R-B10: 32 bits).
pub const MIN_SALT_BYTES: usize = 4;

/// The most salt a stored hash record may have, in bytes.
pub const MAX_SALT_BYTES: usize = 64;

/// The stored form of a secret (R-B10, R-A1): PBKDF2-HMAC-SHA256 with a random salt and
/// the iteration count it was made with. It never holds the plaintext.
///
/// Reading one (serde) checks it: the derived key must be exactly 32 bytes (ring's
/// `pbkdf2::verify` compares only as many bytes as the stored key has, so a 1-byte
/// key would accept one password in 256), the salt 4 … 64 bytes, the iterations
/// 1 … [`MAX_HASH_ITERATIONS`]. A record failing this is a
/// [`VerifyError::HashRecordInvalid`] (inside the serde error). One iteration is allowed
/// on purpose: reset tokens are 256-bit random values and need no stretching; the
/// policy's floor for passwords and codes is checked where they are made
/// (`Policy::validate`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "SecretHashRepr")]
pub struct SecretHash {
    /// Hex of the salt.
    salt: String,
    /// PBKDF2 iterations.
    iterations: u32,
    /// Hex of the 32-byte derived key.
    hash: String,
}

impl fmt::Debug for SecretHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SecretHash(pbkdf2-hmac-sha256, {} iterations, {}-bit salt, hash ***)",
            self.iterations,
            self.salt.len() * 4
        )
    }
}

const HASH_LEN: usize = 32;

/// The unchecked serde form of a [`SecretHash`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretHashRepr {
    salt: String,
    iterations: u32,
    hash: String,
}

impl TryFrom<SecretHashRepr> for SecretHash {
    type Error = VerifyError;

    fn try_from(r: SecretHashRepr) -> Result<SecretHash, VerifyError> {
        let bad = |field: &str, reason: String| VerifyError::HashRecordInvalid {
            field: field.to_owned(),
            reason,
        };
        let salt = unhex(&r.salt).ok_or_else(|| bad("salt", "is not hexadecimal".into()))?;
        if !(MIN_SALT_BYTES..=MAX_SALT_BYTES).contains(&salt.len()) {
            return Err(bad(
                "salt",
                format!(
                    "has {} bytes; {MIN_SALT_BYTES} to {MAX_SALT_BYTES} are needed",
                    salt.len()
                ),
            ));
        }
        if !(1..=MAX_HASH_ITERATIONS).contains(&r.iterations) {
            return Err(bad(
                "iterations",
                format!(
                    "is {}; 1 to {MAX_HASH_ITERATIONS} are allowed",
                    r.iterations
                ),
            ));
        }
        let hash = unhex(&r.hash).ok_or_else(|| bad("hash", "is not hexadecimal".into()))?;
        if hash.len() != HASH_LEN {
            return Err(bad(
                "hash",
                format!("has {} bytes; a derived key has {HASH_LEN}", hash.len()),
            ));
        }
        Ok(SecretHash {
            salt: r.salt.to_ascii_lowercase(),
            iterations: r.iterations,
            hash: r.hash.to_ascii_lowercase(),
        })
    }
}

impl SecretHash {
    /// Hashes `secret` with a fresh salt of `policy.salt_bytes` and `iterations`.
    pub fn make(
        secret: &[u8],
        iterations: u32,
        policy: &VerifyPolicy,
        rng: &dyn RandomSource,
    ) -> Result<SecretHash, VerifyError> {
        let mut salt = vec![0u8; usize::try_from(policy.salt_bytes.max(4)).unwrap_or(16)];
        rng.fill_bytes(&mut salt)?;
        let n = NonZeroU32::new(iterations).unwrap_or(NonZeroU32::MIN);
        let mut out = [0u8; HASH_LEN];
        ring::pbkdf2::derive(ring::pbkdf2::PBKDF2_HMAC_SHA256, n, &salt, secret, &mut out);
        Ok(SecretHash {
            salt: hex(&salt),
            iterations: n.get(),
            hash: hex(&out),
        })
    }

    /// Whether `secret` is the one hashed, compared in constant time (ring's
    /// `pbkdf2::verify`). A damaged record never matches.
    pub fn matches(&self, secret: &[u8]) -> bool {
        let (Some(salt), Some(hash), Some(n)) = (
            unhex(&self.salt),
            unhex(&self.hash),
            NonZeroU32::new(self.iterations),
        ) else {
            return false;
        };
        ring::pbkdf2::verify(ring::pbkdf2::PBKDF2_HMAC_SHA256, n, &salt, secret, &hash).is_ok()
    }

    /// The iterations it was made with.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// The salt length in bits.
    pub fn salt_bits(&self) -> usize {
        self.salt.len() * 4
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

/// Escapes text for HTML (R-B2, R-B9 printouts).
pub(crate) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_b10_secret_hash_matches_only_its_secret_and_hides_it() {
        let policy = VerifyPolicy::default();
        let rng = SeededRandom::new(7);
        let h = SecretHash::make(b"geslo123", 1000, &policy, &rng).unwrap();
        assert!(h.matches(b"geslo123"));
        assert!(!h.matches(b"geslo124"));
        assert_eq!(h.salt_bits(), 128);
        assert!(h.salt_bits() >= 32);
        let json = serde_json::to_string(&h).unwrap();
        assert!(!json.contains("geslo123"));
        assert!(!format!("{h:?}").contains(&h.hash));
        assert_eq!(format!("{:?}", Secret::new("x".into())), "Secret(***)");
    }

    #[test]
    fn r_b10_a_damaged_or_weak_hash_record_is_refused_when_read() {
        let key = "ab".repeat(32);
        let ok = format!(r#"{{"salt":"00000000","iterations":1,"hash":"{key}"}}"#);
        let h: SecretHash = serde_json::from_str(&ok).unwrap();
        assert!(!h.matches(b""));
        for (json, field) in [
            // A 1-byte key would accept about one password in 256.
            (
                r#"{"salt":"00000000","iterations":1,"hash":"ab"}"#.to_owned(),
                "hash",
            ),
            (
                format!(r#"{{"salt":"zz","iterations":1,"hash":"{key}"}}"#),
                "salt",
            ),
            (
                format!(r#"{{"salt":"000000","iterations":1,"hash":"{key}"}}"#),
                "salt",
            ),
            (
                format!(r#"{{"salt":"00000000","iterations":0,"hash":"{key}"}}"#),
                "iterations",
            ),
            (
                format!(r#"{{"salt":"00000000","iterations":4000000000,"hash":"{key}"}}"#),
                "iterations",
            ),
        ] {
            let err = serde_json::from_str::<SecretHash>(&json).unwrap_err();
            assert!(
                err.to_string()
                    .contains(&format!("the stored hash record is not usable: `{field}`")),
                "{json}: {err}"
            );
        }
        let weak = SecretHashRepr {
            salt: "00000000".into(),
            iterations: 1,
            hash: "ab".into(),
        };
        assert_eq!(
            SecretHash::try_from(weak),
            Err(VerifyError::HashRecordInvalid {
                field: "hash".into(),
                reason: "has 1 bytes; a derived key has 32".into()
            })
        );
    }

    #[test]
    fn system_random_is_a_random_source() {
        let rng = ring::rand::SystemRandom::new();
        let mut a = [0u8; 16];
        rng.fill_bytes(&mut a).unwrap();
        let src: &dyn RandomSource = &rng;
        let mut b = [0u8; 16];
        src.fill_bytes(&mut b).unwrap();
        assert_ne!(a, b);
    }
}
