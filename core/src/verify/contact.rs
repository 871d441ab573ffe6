//! Contacts: email addresses and phone numbers, checked and normalised (R-B4, R-B5,
//! R-B6, R-A7).
//!
//! - Email: syntax checked by the `email_address` crate (RFC 5322 / 5321; small, no
//!   dependencies) with display names and IP-literal domains refused and at least one
//!   dot in the domain; then trimmed and its ASCII letters lower-cased, so that "the same
//!   address" (R-A7) compares equal however it was typed. (Mail providers treat the local
//!   part case-insensitively in practice; non-ASCII letters are left as typed, which also
//!   keeps Unicode case tables out of the mobile library.)
//! - Phone: written by hand, deliberately. The `phonenumber` crate carries the metadata
//!   and regular expressions of every region of the world (and the `regex` crate), which
//!   would outgrow the 1.2 MB budget of the mobile library (BENCHMARKS.md), while this
//!   library needs one numbering plan: Slovenia's. Slovenian numbers (national
//!   significant number of 8 digits after the trunk prefix 0) become E.164 with +386;
//!   numbers given with another country code are accepted as E.164 when they have
//!   8–15 digits, and are not classified further.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::VerifyError;

/// A checked, normalised email address (lower case, no surrounding space).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Checks and normalises an address.
    pub fn parse(input: &str) -> Result<Email, VerifyError> {
        let trimmed = input.trim();
        let bad = |reason: String| VerifyError::InvalidEmail {
            input: input.to_owned(),
            reason,
        };
        if trimmed.is_empty() {
            return Err(bad("it is empty".into()));
        }
        if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("it contains white space".into()));
        }
        let options = email_address::Options {
            minimum_sub_domains: 2,
            allow_domain_literal: false,
            allow_display_text: false,
        };
        let parsed = email_address::EmailAddress::parse_with_options(trimmed, options)
            .map_err(|e| bad(e.to_string()))?;
        if parsed.local_part().starts_with('"') {
            return Err(bad("quoted local parts are not accepted".into()));
        }
        Ok(Email(parsed.as_str().to_ascii_lowercase()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Email {
    type Err = VerifyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Email::parse(s)
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Email::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// What kind of line a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PhoneKind {
    /// A Slovenian mobile number (030, 031, 040, 041, 051, 064, 065, 068, 069, 070, 071).
    SlovenianMobile,
    /// A Slovenian geographic or other fixed number.
    SlovenianFixed,
    /// A number of another country (not classified).
    Foreign,
}

impl PhoneKind {
    /// Every kind of line, so that a face can prove by a test that it maps each of them
    /// (a face never maps a value it does not know to a plausible stand-in) (R-B4).
    pub const ALL: [PhoneKind; 3] = [
        PhoneKind::SlovenianMobile,
        PhoneKind::SlovenianFixed,
        PhoneKind::Foreign,
    ];
}

/// A checked phone number in E.164 (`+38641123456`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Phone(String);

const SI_MOBILE: [&str; 11] = [
    "30", "31", "40", "41", "51", "64", "65", "68", "69", "70", "71",
];

impl Phone {
    /// Reads a number as people write it: `041 123 456`, `+386 41 123-456`,
    /// `00386 (0)41 123 456`, `(01) 234 56 78`. Without a country code the number is
    /// Slovenian (+386).
    pub fn parse(input: &str) -> Result<Phone, VerifyError> {
        let bad = |reason: &str| VerifyError::InvalidPhone {
            input: input.to_owned(),
            reason: reason.to_owned(),
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(bad("it is empty"));
        }
        let (international, rest) = if let Some(r) = trimmed.strip_prefix('+') {
            (true, r)
        } else if let Some(r) = trimmed.strip_prefix("00") {
            (true, r)
        } else {
            (false, trimmed)
        };
        // "(0)" after a country code is a written-out trunk prefix: drop it.
        let rest = rest.replacen("(0)", "", 1);
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '/' | '.' | '(' | ')' => {}
                _ => return Err(bad("only digits, spaces, + - / . ( ) are allowed")),
            }
        }
        let national = if international {
            if let Some(nsn) = digits.strip_prefix("386") {
                nsn.to_owned()
            } else {
                if digits.starts_with('0') {
                    return Err(bad("a country code does not start with 0"));
                }
                if !(8..=15).contains(&digits.len()) {
                    return Err(bad("an international number has 8 to 15 digits"));
                }
                return Ok(Phone(format!("+{digits}")));
            }
        } else {
            match digits.strip_prefix('0') {
                Some(nsn) => nsn.to_owned(),
                None => {
                    return Err(bad(
                        "a Slovenian number starts with 0 (e.g. 041 …) or give +386",
                    ))
                }
            }
        };
        if national.len() != 8 {
            return Err(bad(
                "a Slovenian number has 8 digits after the 0 (e.g. 041 123 456)",
            ));
        }
        if national.starts_with('0') {
            return Err(bad("a Slovenian number has one leading 0 only"));
        }
        Ok(Phone(format!("+386{national}")))
    }

    /// The number in E.164.
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// Mobile, fixed or foreign: only mobiles receive SMS (R-A9, R-A10).
    pub fn kind(&self) -> PhoneKind {
        match self.0.strip_prefix("+386") {
            Some(nsn) if SI_MOBILE.iter().any(|p| nsn.starts_with(p)) => PhoneKind::SlovenianMobile,
            Some(_) => PhoneKind::SlovenianFixed,
            None => PhoneKind::Foreign,
        }
    }

    /// Whether an SMS can be sent to it (a Slovenian mobile or a foreign number).
    pub fn can_receive_sms(&self) -> bool {
        self.kind() != PhoneKind::SlovenianFixed
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Phone {
    type Err = VerifyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phone::parse(s)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Phone::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// A contact a confirmation code is sent to (R-B5).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
#[non_exhaustive]
pub enum Contact {
    /// An email address.
    Email(Email),
    /// A mobile number.
    Phone(Phone),
}

/// Email or phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContactKind {
    /// Email.
    Email,
    /// Phone.
    Phone,
}

impl ContactKind {
    /// "email" or "phone".
    pub const fn code(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
        }
    }
}

impl Contact {
    /// Which kind it is.
    pub fn kind(&self) -> ContactKind {
        match self {
            Contact::Email(_) => ContactKind::Email,
            Contact::Phone(_) => ContactKind::Phone,
        }
    }

    /// The normalised text (address or E.164).
    pub fn as_str(&self) -> &str {
        match self {
            Contact::Email(e) => e.as_str(),
            Contact::Phone(p) => p.e164(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_b5_slovenian_numbers_become_e164() {
        for written in [
            "041 123 456",
            "041/123-456",
            "+386 41 123 456",
            "00386 41 123 456",
            "+386 (0)41 123 456",
            "(041) 123.456",
        ] {
            let p = Phone::parse(written).unwrap();
            assert_eq!(p.e164(), "+38641123456", "{written}");
            assert_eq!(p.kind(), PhoneKind::SlovenianMobile);
        }
        let fixed = Phone::parse("(01) 234 56 78").unwrap();
        assert_eq!(fixed.e164(), "+38612345678");
        assert_eq!(fixed.kind(), PhoneKind::SlovenianFixed);
        assert!(!fixed.can_receive_sms());
        let foreign = Phone::parse("+43 664 1234567").unwrap();
        assert_eq!(foreign.e164(), "+436641234567");
        assert_eq!(foreign.kind(), PhoneKind::Foreign);
    }

    #[test]
    fn r_b5_bad_phone_numbers_are_typed_errors() {
        for bad in [
            "",
            "41 123 456",
            "041 123 45",
            "041 123 4567",
            "041-ABC-456",
            "+0 123",
        ] {
            let err = Phone::parse(bad).unwrap_err();
            assert!(matches!(err, VerifyError::InvalidPhone { .. }), "{bad}");
        }
        let err = Phone::parse("041 123 45").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`041 123 45` is not a usable phone number: a Slovenian number has 8 digits after the 0 (e.g. 041 123 456)"
        );
    }

    #[test]
    fn r_a7_emails_are_normalised_so_the_same_address_compares_equal() {
        let a = Email::parse("  Ana.Novak@Gmail.COM ").unwrap();
        let b = Email::parse("ana.novak@gmail.com").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "ana.novak@gmail.com");
        for bad in [
            "",
            "ana",
            "ana@",
            "@gmail.com",
            "ana@localhost",
            "Ana <ana@gmail.com>",
            "ana@[127.0.0.1]",
            "ana novak@gmail.com",
            "\"ana\"@gmail.com",
        ] {
            assert!(
                matches!(Email::parse(bad), Err(VerifyError::InvalidEmail { .. })),
                "{bad}"
            );
        }
        assert!(serde_json::from_str::<Email>("\"x@y\"").is_err());
    }
}
