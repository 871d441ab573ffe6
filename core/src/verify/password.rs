//! Passwords, reset tokens and account recovery (R-A1 … R-A7, R-B6, R-B7, R-B10).
//!
//! - Passwords are stored as PBKDF2-HMAC-SHA256 with a random salt and
//!   `policy.verify.password_iterations` (default 600,000, OWASP), compared in constant
//!   time. Length limits follow NIST SP 800-63B §5.1.1.2 (at least 8, at least 64
//!   accepted); no composition rules.
//! - Reset tokens carry 256 random bits, are single use, valid one hour, and stored as a
//!   hash; asking for one looks the same whether or not the address is known (R-A2).
//!   A 256-bit token needs no key stretching: its hash uses one PBKDF2 iteration.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::contact::Email;
use super::security_code::ALPHABET;
use super::{hex, RandomSource, Secret, SecretHash, VerifyError};
use crate::ids::StudentId;
use crate::policy::VerifyPolicy;
use crate::rules::RuleId;

fn check_length(password: &str, policy: &VerifyPolicy) -> Result<(), VerifyError> {
    let n = password.chars().count();
    if n < usize::try_from(policy.password_min_length).unwrap_or(8) {
        return Err(VerifyError::PasswordTooShort {
            min: policy.password_min_length,
            found: n,
        });
    }
    if n > usize::try_from(policy.password_max_length).unwrap_or(128) {
        return Err(VerifyError::PasswordTooLong {
            max: policy.password_max_length,
            found: n,
        });
    }
    Ok(())
}

/// Hashes a password a person chose (R-A1), after checking its length.
pub fn hash_password(
    password: &str,
    policy: &VerifyPolicy,
    rng: &dyn RandomSource,
) -> Result<SecretHash, VerifyError> {
    check_length(password, policy)?;
    SecretHash::make(password.as_bytes(), policy.password_iterations, policy, rng)
}

/// Whether `password` is the one stored (constant time) (R-A1).
pub fn verify_password(stored: &SecretHash, password: &str) -> bool {
    stored.matches(password.as_bytes())
}

/// Whether a stored password was made with fewer iterations than the policy now asks:
/// rehash it at the next successful login.
pub fn needs_rehash(stored: &SecretHash, policy: &VerifyPolicy) -> bool {
    stored.iterations() < policy.password_iterations
}

/// A parent changes their password, giving the old one and then the new one (R-A1).
pub fn change_password(
    stored: &SecretHash,
    old: &str,
    new: &str,
    policy: &VerifyPolicy,
    rng: &dyn RandomSource,
) -> Result<SecretHash, VerifyError> {
    if !verify_password(stored, old) {
        return Err(VerifyError::WrongOldPassword);
    }
    if old == new {
        return Err(VerifyError::PasswordUnchanged);
    }
    hash_password(new, policy, rng)
}

/// Whose password a reset token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AccountKind {
    /// A parent's (R-A2).
    Parent,
    /// A student's, through the student's email (R-A4).
    Student,
}

/// The stored record of a reset token (R-A2, R-B10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetTokenRecord {
    /// The address it was sent to.
    pub email: Email,
    /// Whose account.
    pub account: AccountKind,
    /// Hash of the token.
    pub hash: SecretHash,
    /// When it was made.
    pub issued_at: DateTime<Utc>,
    /// From when it is no longer valid (1 hour by default).
    pub expires_at: DateTime<Utc>,
    /// Whether it has been used (single use).
    pub used: bool,
}

/// The mail to send when the address is known.
#[derive(Debug)]
pub struct ResetMail {
    /// To whom.
    pub to: Email,
    /// The token to put in the link (64 hex characters, 256 bits).
    pub token: Secret,
    /// What to store.
    pub record: ResetTokenRecord,
}

/// The answer to a reset request (R-A2, R-A4). `message_sl`/`message_en` are the same
/// whether or not the address is known; only `mail` differs, and it is for the mailer,
/// never for the screen.
#[derive(Debug)]
pub struct ResetRequest {
    /// What the screen says (always the same).
    pub message_sl: &'static str,
    /// The same in English.
    pub message_en: &'static str,
    /// The mail to send, if the address belongs to an account.
    pub mail: Option<ResetMail>,
    /// The rules applied.
    pub rules: Vec<RuleId>,
}

/// The message shown after every reset request (R-A2).
pub const RESET_MESSAGE_SL: &str = "Če je vpisani elektronski naslov povezan z računom, smo nanj poslali povezavo za nastavitev novega gesla. Sledite navodilom v sporočilu.";
/// The same in English.
pub const RESET_MESSAGE_EN: &str = "If the address belongs to an account, a link to set a new password has been sent to it. Follow the instructions in the message.";

const TOKEN_BYTES: usize = 32;

/// Handles "Pošlji povezavo za nastavitev novega gesla" (R-A2; a child's address, R-A4).
/// The caller looks the normalised address up and passes the account kind found, or
/// `None`. A token is made either way, so the work done does not reveal the answer.
pub fn request_password_reset(
    email: &Email,
    account: Option<AccountKind>,
    now: DateTime<Utc>,
    policy: &VerifyPolicy,
    rng: &dyn RandomSource,
) -> Result<ResetRequest, VerifyError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    rng.fill_bytes(&mut bytes)?;
    let token = hex(&bytes);
    let hash = SecretHash::make(token.as_bytes(), 1, policy, rng)?;
    let mail = account.map(|account| ResetMail {
        to: email.clone(),
        token: Secret::new(token),
        record: ResetTokenRecord {
            email: email.clone(),
            account,
            hash,
            issued_at: now,
            expires_at: now + Duration::minutes(i64::from(policy.reset_token_validity_minutes)),
            used: false,
        },
    });
    let mut rules = vec![RuleId::A2, RuleId::B10];
    if account == Some(AccountKind::Student) {
        rules.push(RuleId::A4);
    }
    Ok(ResetRequest {
        message_sl: RESET_MESSAGE_SL,
        message_en: RESET_MESSAGE_EN,
        mail,
        rules,
    })
}

/// What redeeming a reset token gave (R-A2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ResetOutcome {
    /// The token is good: let the person set a new password. The record is now used.
    Accepted,
    /// Not this token.
    Wrong,
    /// Older than its validity.
    Expired,
    /// Used already.
    AlreadyUsed,
}

impl ResetOutcome {
    /// The machine name (`accepted`, `wrong`, `expired`, `already_used`), as in JSON.
    pub const fn code(self) -> &'static str {
        match self {
            ResetOutcome::Accepted => "accepted",
            ResetOutcome::Wrong => "wrong",
            ResetOutcome::Expired => "expired",
            ResetOutcome::AlreadyUsed => "already_used",
        }
    }
}

impl ResetTokenRecord {
    /// Redeems the token from a link at `now` (single use, one hour) (R-A2).
    pub fn redeem(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<(ResetTokenRecord, ResetOutcome), VerifyError> {
        let token = token.trim();
        if token.len() != TOKEN_BYTES * 2 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(VerifyError::ResetTokenMalformed {
                reason: format!(
                    "a reset token has {} hexadecimal characters",
                    TOKEN_BYTES * 2
                ),
            });
        }
        let token = token.to_ascii_lowercase();
        let mut next = self.clone();
        let outcome = if self.used {
            ResetOutcome::AlreadyUsed
        } else if now >= self.expires_at {
            ResetOutcome::Expired
        } else if self.hash.matches(token.as_bytes()) {
            next.used = true;
            ResetOutcome::Accepted
        } else {
            ResetOutcome::Wrong
        };
        Ok((next, outcome))
    }
}

/// A readable generated password: 12 characters in three groups of four from the
/// look-alike-free alphabet, lower case (`k7mq-p4xr-3tna`): 58 bits (R-A3).
pub fn readable_password(rng: &dyn RandomSource) -> Result<Secret, VerifyError> {
    let mut out = String::with_capacity(14);
    let mut n = 0;
    let mut buf = [0u8; 16];
    while n < 12 {
        rng.fill_bytes(&mut buf)?;
        for &b in &buf {
            if b < 232 && n < 12 {
                if n > 0 && n % 4 == 0 {
                    out.push('-');
                }
                out.push(char::from(ALPHABET[usize::from(b % 29)]).to_ascii_lowercase());
                n += 1;
            }
        }
    }
    Ok(Secret::new(out))
}

/// A child's new password, made by the parent (R-A3): shown once, handed to the child.
#[derive(Debug)]
pub struct ChildPasswordReset {
    /// The child.
    pub student: StudentId,
    /// The new password (shown once: "Geslo morate prepisati ali kopirati").
    pub password: Secret,
    /// What to store.
    pub hash: SecretHash,
}

/// "Da, želim novo geslo" (R-A3): a parent with active portal access resets the
/// password of one of their children (`children`, R-A6).
pub fn reset_child_password(
    portal_active: bool,
    children: &[StudentId],
    child: &StudentId,
    policy: &VerifyPolicy,
    rng: &dyn RandomSource,
) -> Result<ChildPasswordReset, VerifyError> {
    if !portal_active {
        return Err(VerifyError::PortalNotActive);
    }
    if !children.contains(child) {
        return Err(VerifyError::NotYourChild {
            student: child.to_string(),
        });
    }
    let password = readable_password(rng)?;
    let hash = SecretHash::make(
        password.reveal().as_bytes(),
        policy.password_iterations,
        policy,
        rng,
    )?;
    Ok(ChildPasswordReset {
        student: child.clone(),
        password,
        hash,
    })
}

/// One parent login over all of the parent's children (R-A6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParentLogin {
    /// The parent's children at the school(s).
    pub children: Vec<StudentId>,
    /// The child whose profile is shown.
    pub current: Option<StudentId>,
}

impl ParentLogin {
    /// Switches to another child (R-A6).
    pub fn switch_to(&self, child: &StudentId) -> Result<ParentLogin, VerifyError> {
        if !self.children.contains(child) {
            return Err(VerifyError::NotYourChild {
                student: child.to_string(),
            });
        }
        Ok(ParentLogin {
            children: self.children.clone(),
            current: Some(child.clone()),
        })
    }
}

/// Which link the student chose in the mobile app (R-A5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AppRecovery {
    /// "Nimaš uporabniškega imena in gesla?"
    NoCredentials,
    /// "Si pozabil geslo?"
    ForgotPassword,
}

/// Where a student's recovery leads (R-A5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "route")]
#[non_exhaustive]
pub enum RecoveryRoute {
    /// Send reset instructions to the student's email (R-A4).
    ResetByEmail {
        /// The address.
        email: Email,
    },
    /// No email on record: a parent with portal access makes a new password (R-A3),
    /// or the class teacher hands out the credentials at school.
    AskParentOrClassTeacher,
}

/// A student recovers access in the app (R-A5).
pub fn student_recovery(
    _choice: AppRecovery,
    email: Option<&Email>,
) -> (RecoveryRoute, Vec<RuleId>) {
    match email {
        Some(e) => (
            RecoveryRoute::ResetByEmail { email: e.clone() },
            vec![RuleId::A5, RuleId::A4],
        ),
        None => (
            RecoveryRoute::AskParentOrClassTeacher,
            vec![RuleId::A5, RuleId::A3],
        ),
    }
}

/// A parent's account at a previous school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExistingAccount {
    /// Its username.
    pub username: String,
    /// Its email.
    pub email: Email,
}

/// A parent at a new school: the same email keeps the username and password (R-A7);
/// `None` means a new account.
pub fn account_at_new_school<'a>(
    email: &Email,
    existing: &'a [ExistingAccount],
) -> Option<&'a ExistingAccount> {
    existing.iter().find(|a| &a.email == email)
}

/// Who changes a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContactChangeRoute {
    /// The person changes it and confirms it with a confirmation code (R-B6, R-B5).
    SelfWithConfirmation,
    /// The change is reported to the class teacher, who enters it (R-B6, R-B7).
    ClassTeacherEnters,
}

/// How a parent's contact is changed (R-B6): by the parent if they entered the portal
/// with a security code, otherwise through the class teacher.
pub fn parent_contact_change(entered_with_code: bool) -> (ContactChangeRoute, Vec<RuleId>) {
    if entered_with_code {
        (
            ContactChangeRoute::SelfWithConfirmation,
            vec![RuleId::B6, RuleId::B5],
        )
    } else {
        (ContactChangeRoute::ClassTeacherEnters, vec![RuleId::B6])
    }
}

/// How a student's email is changed: by the class teacher (R-B7).
pub fn student_email_change() -> (ContactChangeRoute, Vec<RuleId>) {
    (ContactChangeRoute::ClassTeacherEnters, vec![RuleId::B7])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::SeededRandom;
    use chrono::TimeZone;

    fn policy() -> VerifyPolicy {
        VerifyPolicy {
            password_iterations: 1000,
            ..VerifyPolicy::default()
        }
    }

    #[test]
    fn r_a1_a_change_needs_the_old_password() {
        let p = policy();
        let rng = SeededRandom::new(1);
        let stored = hash_password("stara-geslo-1", &p, &rng).unwrap();
        assert_eq!(
            change_password(&stored, "napačno-geslo", "novo-geslo-22", &p, &rng),
            Err(VerifyError::WrongOldPassword)
        );
        assert_eq!(
            change_password(&stored, "stara-geslo-1", "kratko", &p, &rng),
            Err(VerifyError::PasswordTooShort { min: 8, found: 6 })
        );
        let new = change_password(&stored, "stara-geslo-1", "novo-geslo-22", &p, &rng).unwrap();
        assert!(verify_password(&new, "novo-geslo-22"));
        assert!(!verify_password(&new, "stara-geslo-1"));
        assert!(needs_rehash(&new, &VerifyPolicy::default()));
        assert_eq!(VerifyPolicy::default().password_iterations, 600_000);
    }

    #[test]
    fn r_a2_reset_requests_look_the_same_and_tokens_are_single_use_for_an_hour() {
        let p = policy();
        let rng = SeededRandom::new(2);
        let now = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
        let email = Email::parse("ana@example.si").unwrap();
        let unknown = request_password_reset(&email, None, now, &p, &rng).unwrap();
        let known =
            request_password_reset(&email, Some(AccountKind::Parent), now, &p, &rng).unwrap();
        assert_eq!(unknown.message_sl, known.message_sl);
        assert_eq!(unknown.message_en, known.message_en);
        assert!(unknown.mail.is_none());
        let mail = known.mail.unwrap();
        let token = mail.token.reveal().to_owned();
        assert!(token.len() * 4 >= 128);
        assert_eq!(mail.record.expires_at - now, Duration::hours(1));
        let json = serde_json::to_string(&mail.record).unwrap();
        assert!(!json.contains(&token));
        let (used, out) = mail.record.redeem(&token, now).unwrap();
        assert_eq!(out, ResetOutcome::Accepted);
        assert_eq!(serde_json::to_value(out).unwrap(), out.code());
        assert_eq!(
            used.redeem(&token, now).unwrap().1,
            ResetOutcome::AlreadyUsed
        );
        assert_eq!(
            mail.record
                .redeem(&token, now + Duration::hours(1))
                .unwrap()
                .1,
            ResetOutcome::Expired
        );
        assert_eq!(
            mail.record.redeem(&"0".repeat(64), now).unwrap().1,
            ResetOutcome::Wrong
        );
        assert!(matches!(
            mail.record.redeem("abc", now),
            Err(VerifyError::ResetTokenMalformed { .. })
        ));
    }

    #[test]
    fn r_a4_a_childs_reset_goes_to_the_childs_address() {
        let p = policy();
        let rng = SeededRandom::new(3);
        let now = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
        let child = Email::parse("mark.novak@os-x.si").unwrap();
        let r = request_password_reset(&child, Some(AccountKind::Student), now, &p, &rng).unwrap();
        assert!(r.rules.contains(&RuleId::A4));
        assert_eq!(r.mail.unwrap().to, child);
    }

    #[test]
    fn r_a3_a_parent_with_portal_access_makes_a_readable_password_for_a_child() {
        let p = policy();
        let rng = SeededRandom::new(4);
        let kids = [StudentId::new("s1").unwrap(), StudentId::new("s2").unwrap()];
        assert_eq!(
            reset_child_password(false, &kids, &kids[0], &p, &rng).unwrap_err(),
            VerifyError::PortalNotActive
        );
        let stranger = StudentId::new("s9").unwrap();
        assert!(matches!(
            reset_child_password(true, &kids, &stranger, &p, &rng),
            Err(VerifyError::NotYourChild { .. })
        ));
        let r = reset_child_password(true, &kids, &kids[1], &p, &rng).unwrap();
        let pw = r.password.reveal();
        assert_eq!(pw.len(), 14);
        assert_eq!(pw.matches('-').count(), 2);
        assert!(pw
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_lowercase()));
        assert!(verify_password(&r.hash, pw));
        assert_eq!(format!("{:?}", r.password), "Secret(***)");
    }

    #[test]
    fn r_a5_a_student_recovers_by_email_or_through_a_parent() {
        let e = Email::parse("mark@os-x.si").unwrap();
        let (route, rules) = student_recovery(AppRecovery::ForgotPassword, Some(&e));
        assert_eq!(route, RecoveryRoute::ResetByEmail { email: e });
        assert!(rules.contains(&RuleId::A5));
        let (route, _) = student_recovery(AppRecovery::NoCredentials, None);
        assert_eq!(route, RecoveryRoute::AskParentOrClassTeacher);
    }

    #[test]
    fn r_a6_one_login_switches_between_children() {
        let kids = vec![StudentId::new("s1").unwrap(), StudentId::new("s2").unwrap()];
        let login = ParentLogin {
            children: kids.clone(),
            current: Some(kids[0].clone()),
        };
        assert_eq!(
            login.switch_to(&kids[1]).unwrap().current,
            Some(kids[1].clone())
        );
        assert!(login.switch_to(&StudentId::new("x").unwrap()).is_err());
    }

    #[test]
    fn r_a7_the_same_email_at_a_new_school_keeps_the_username() {
        let old = [ExistingAccount {
            username: "ana.novak".into(),
            email: Email::parse("ana@example.si").unwrap(),
        }];
        let again = Email::parse("ANA@example.si").unwrap();
        assert_eq!(
            account_at_new_school(&again, &old).unwrap().username,
            "ana.novak"
        );
        let other = Email::parse("ana.n@example.si").unwrap();
        assert!(account_at_new_school(&other, &old).is_none());
    }

    #[test]
    fn r_b6_r_b7_who_changes_contacts() {
        assert_eq!(
            parent_contact_change(true).0,
            ContactChangeRoute::SelfWithConfirmation
        );
        assert_eq!(
            parent_contact_change(false).0,
            ContactChangeRoute::ClassTeacherEnters
        );
        assert_eq!(
            student_email_change(),
            (ContactChangeRoute::ClassTeacherEnters, vec![RuleId::B7])
        );
    }
}
