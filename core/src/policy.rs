//! The one dated, serde-loadable [`Policy`]: every number a school or vendor might
//! change (rules marked **policy** in the catalogue). Defaults come from the catalogue.
//!
//! A policy is loaded from JSON with [`Policy::from_json`]; a wrong field or value is
//! refused with a [`PolicyError`] that names the field by its path (for example
//! `calendar.last_lesson_day`). Sections that later capabilities add have defaults, so a
//! policy file written for an older version still loads.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::{self, MonthDay, SchoolYear};
use crate::category::Category;

// The GDPR section (retention table, collections, controllers) in a file of its own;
// `crate::gdpr` re-exports its types under their public paths.
pub(crate) mod gdpr;
use gdpr::GdprPolicy;

/// What is wrong with a policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The JSON does not parse, or a field has the wrong type or name.
    #[error("policy field `{field}` could not be read: {reason}")]
    Parse {
        /// The path of the field (e.g. `calendar.added_work_free_days[0].date`); `.` for
        /// the whole document.
        field: String,
        /// What the parser said.
        reason: String,
    },
    /// A field parses but its value breaks a rule.
    #[error("policy field `{field}` is invalid: {reason}")]
    Invalid {
        /// The path of the field.
        field: String,
        /// Why the value is refused.
        reason: String,
    },
}

/// A day the school's policy makes work-free (a new law, a one-off day) (R-E7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddedWorkFreeDay {
    /// The date.
    pub date: NaiveDate,
    /// The Slovenian name.
    pub name_sl: String,
    /// The English name.
    pub name_en: String,
}

/// The last days of lessons of one school year, where they differ from the recurring
/// defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonEnd {
    /// The school year.
    pub school_year: SchoolYear,
    /// The last day of lessons.
    pub last_lesson_day: NaiveDate,
    /// The last day of lessons of final-year classes.
    pub final_year_last_lesson_day: NaiveDate,
}

/// The calendar section (R-E7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct CalendarPolicy {
    /// Days made work-free beyond the act.
    pub added_work_free_days: Vec<AddedWorkFreeDay>,
    /// Statutory work-free days that do not apply (a law that removed one).
    pub removed_work_free_days: Vec<NaiveDate>,
    /// The last day of lessons each school year (default 24 June).
    pub last_lesson_day: MonthDay,
    /// The last day of lessons for final-year classes (default 15 June).
    pub final_year_last_lesson_day: MonthDay,
    /// Per-school-year exceptions to the two days above.
    pub lesson_end_overrides: Vec<LessonEnd>,
}

impl Default for CalendarPolicy {
    fn default() -> Self {
        CalendarPolicy {
            added_work_free_days: Vec::new(),
            removed_work_free_days: Vec::new(),
            last_lesson_day: MonthDay::JUNE_24,
            final_year_last_lesson_day: MonthDay::JUNE_15,
            lesson_end_overrides: Vec::new(),
        }
    }
}

/// One dated price list of the paid services (R-C2): it applies from `from_school_year`
/// until a later list takes over. Prices are euros per child and school year, written in
/// JSON as decimal strings (`"35.90"`), never as numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceList {
    /// The first school year the list applies to.
    pub from_school_year: SchoolYear,
    /// mojAsistent ZA STARŠE (default 35.90).
    #[serde(with = "decimal_string")]
    pub za_starse: Decimal,
    /// mojAsistent ZA UČENCE bought alone (default 38.90).
    #[serde(with = "decimal_string")]
    pub za_ucence: Decimal,
    /// mojAsistent POPOLNI, the bundle of both (default 52.90).
    #[serde(with = "decimal_string")]
    pub popolni: Decimal,
    /// ZA UČENCE taken together with ZA STARŠE (default 17.00): ZA STARŠE + this = POPOLNI.
    #[serde(with = "decimal_string")]
    pub za_ucence_addon: Decimal,
}

impl PriceList {
    /// The catalogue's default prices (R-C2), applying from `from_school_year`.
    pub fn catalogue_default(from_school_year: SchoolYear) -> PriceList {
        PriceList {
            from_school_year,
            za_starse: Decimal::new(3590, 2),
            za_ucence: Decimal::new(3890, 2),
            popolni: Decimal::new(5290, 2),
            za_ucence_addon: Decimal::new(1700, 2),
        }
    }
}

/// The services section (R-C2): dated price lists, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct ServicesPolicy {
    /// The price lists in ascending order of `from_school_year`, at most one per year.
    pub price_lists: Vec<PriceList>,
}

impl Default for ServicesPolicy {
    fn default() -> Self {
        let year = SchoolYear::starting(2025);
        ServicesPolicy {
            price_lists: year.map(PriceList::catalogue_default).into_iter().collect(),
        }
    }
}

impl ServicesPolicy {
    /// The price list that applies in a school year: the latest one starting no later
    /// (R-C2).
    pub fn price_list_for(&self, year: SchoolYear) -> Option<&PriceList> {
        self.price_lists
            .iter()
            .rev()
            .find(|l| l.from_school_year <= year)
    }

    fn validate(&self) -> Result<(), PolicyError> {
        let invalid = |field: String, reason: String| PolicyError::Invalid { field, reason };
        if self.price_lists.is_empty() {
            return Err(invalid(
                "services.price_lists".into(),
                "at least one price list is needed".into(),
            ));
        }
        for (i, list) in self.price_lists.iter().enumerate() {
            let field = format!("services.price_lists[{i}]");
            if i > 0 && self.price_lists[i - 1].from_school_year >= list.from_school_year {
                return Err(invalid(
                    format!("{field}.from_school_year"),
                    format!(
                        "price lists must be in ascending order, one per school year ({} does not follow {})",
                        list.from_school_year,
                        self.price_lists[i - 1].from_school_year
                    ),
                ));
            }
            for (name, price) in [
                ("za_starse", list.za_starse),
                ("za_ucence", list.za_ucence),
                ("popolni", list.popolni),
                ("za_ucence_addon", list.za_ucence_addon),
            ] {
                if price.is_sign_negative() && !price.is_zero() {
                    return Err(invalid(
                        format!("{field}.{name}"),
                        format!("a price may not be negative ({price})"),
                    ));
                }
                if price > MAX_SERVICE_PRICE_EUR {
                    return Err(invalid(
                        format!("{field}.{name}"),
                        format!(
                            "a price may be at most {MAX_SERVICE_PRICE_EUR} EUR per school year ({price})"
                        ),
                    ));
                }
                if price.normalize().scale() > 2 {
                    return Err(invalid(
                        format!("{field}.{name}"),
                        format!("a price has at most two decimals ({price})"),
                    ));
                }
            }
            let parts = list.za_starse + list.za_ucence;
            if list.popolni > parts {
                return Err(invalid(
                    format!("{field}.popolni"),
                    format!(
                        "the bundle costs more than its parts ({} > {} + {} = {})",
                        list.popolni, list.za_starse, list.za_ucence, parts
                    ),
                ));
            }
            if list.za_ucence_addon > list.za_ucence {
                return Err(invalid(
                    format!("{field}.za_ucence_addon"),
                    format!(
                        "the add-on costs more than ZA UČENCE alone ({} > {})",
                        list.za_ucence_addon, list.za_ucence
                    ),
                ));
            }
            if list.za_starse + list.za_ucence_addon != list.popolni {
                return Err(invalid(
                    format!("{field}.za_ucence_addon"),
                    format!(
                        "ZA STARŠE + the add-on must make POPOLNI ({} + {} ≠ {})",
                        list.za_starse, list.za_ucence_addon, list.popolni
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The SMS section (R-A10): what one SMS segment costs and how long a text may be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct SmsPolicy {
    /// The price of one SMS segment in EUR, written as a decimal string (`"0.05"`; a JSON
    /// number is refused, so no float ever holds money). Not negative, at most 4 decimal
    /// places (gateways quote fractions of a cent).
    #[serde(with = "decimal_string")]
    pub price_per_segment: Decimal,
    /// The most segments one notice may take (default 10); a longer text is refused
    /// before it is sent. 1–255: a concatenated SMS has at most 255 parts (3GPP TS
    /// 23.040 §9.2.3.24.1).
    pub max_segments: u32,
}

impl Default for SmsPolicy {
    fn default() -> Self {
        SmsPolicy {
            price_per_segment: Decimal::new(5, 2),
            max_segments: 10,
        }
    }
}

/// The notification section (R-E2, R-E3, R-E7): delivery hours and digest weekdays.
/// Times are local (Europe/Ljubljana) wall-clock times, written `"16:00"` or
/// `"16:00:00"`; weekdays as English names (`"Wed"`, `"Wednesday"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct NotifyPolicy {
    /// When daily notices of absences and grades go out (R-E2, R-E7; default 16:00).
    /// Observations go out as soon as they are visible, not at this hour.
    pub daily_time: NaiveTime,
    /// The weekday of the weekly summary (R-E3; default Wednesday).
    pub weekly_day: Weekday,
    /// When the weekly summary goes out on that day (R-E3, R-E7; default 16:00).
    pub weekly_time: NaiveTime,
    /// The weekday of the announced-assessment digest (R-E2, R-E3; default Friday).
    pub digest_day: Weekday,
    /// When the digest goes out on that day (R-E7; default 16:00).
    pub digest_time: NaiveTime,
    /// How many days after the digest's day it covers (R-E7: "the next three weeks" is
    /// the 21 days that follow the Friday; 1–62).
    pub digest_horizon_days: u32,
    /// The longest email text a notice may have, in characters (default 20,000); a
    /// longer rendered text is refused.
    pub max_email_chars: u32,
}

impl Default for NotifyPolicy {
    fn default() -> Self {
        let four_pm = NaiveTime::from_hms_opt(16, 0, 0).unwrap_or(NaiveTime::MIN);
        NotifyPolicy {
            daily_time: four_pm,
            weekly_day: Weekday::Wed,
            weekly_time: four_pm,
            digest_day: Weekday::Fri,
            digest_time: four_pm,
            digest_horizon_days: 21,
            max_email_chars: 20_000,
        }
    }
}

/// The most decimal places an SMS price may have (R-A10).
pub const SMS_PRICE_MAX_DECIMALS: u32 = 4;

/// The highest price a price list may set for one service and school year, in EUR
/// (R-C2). The catalogue's prices are tens of euros; 10 000 leaves room for any real
/// price while keeping every sum far from `Decimal`'s limit (about 7.9 · 10²⁸): a bundle
/// check adds two prices (≤ 20 000), and a family of n children totals ≤ 20 000 · n, which
/// no list a computer can hold brings near the limit.
pub const MAX_SERVICE_PRICE_EUR: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// The highest price one SMS segment may cost, in EUR (R-A10). Gateways charge a few
/// cents; 10 EUR is a hundred times any real tariff, and a notice (≤ 255 segments) then
/// costs at most 2 550 EUR, so cost reports over any number of messages stay far from
/// `Decimal`'s limit.
pub const MAX_SMS_SEGMENT_PRICE_EUR: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

/// Money in a policy document: a decimal string, read exactly.
mod decimal_string {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        Decimal::from_str_exact(text.trim())
            .map_err(|e| serde::de::Error::custom(format!("`{text}` is not a decimal amount: {e}")))
    }
}

/// Whether the parents of an adult secondary student are informed (R-D12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AdultInforming {
    /// The school keeps informing the parents unless the student objected in writing.
    UnlessObjected,
    /// The school informs the parents only with the student's written consent.
    ConsentRequired,
}

/// The legal regime for informing the parents of adult students, from a date (R-D12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdultRegime {
    /// The first day the regime applies.
    pub from: NaiveDate,
    /// What it says.
    pub informing: AdultInforming,
    /// The law it rests on, named in decisions.
    pub reference: String,
}

/// The rights section (R-D12, R-F5, R-F6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct RightsPolicy {
    /// The age from which a student decides about their own data (default 18).
    pub adult_age: u32,
    /// The dated regimes for informing parents of adult secondary students, in date
    /// order; the last one starting on or before a date applies.
    pub adult_regimes: Vec<AdultRegime>,
    /// Whether parents are told of matters that could cost an adult student their
    /// student status regardless of an objection (Zakon o gimnazijah, Art. 43.a).
    pub status_exception: bool,
    /// What a teacher who teaches the student may see (R-F5).
    pub teacher_categories: Vec<Category>,
    /// What the school counsellor may see (R-F5).
    pub counsellor_categories: Vec<Category>,
    /// What other professional staff may see under the school's acts (R-F5).
    pub other_professional_categories: Vec<Category>,
    /// The longest vendor support access a single request may grant, in days (R-F6).
    pub vendor_max_access_days: u32,
}

impl Default for RightsPolicy {
    fn default() -> Self {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        RightsPolicy {
            adult_age: 18,
            adult_regimes: vec![
                AdultRegime {
                    from: date(1996, 1, 1),
                    informing: AdultInforming::UnlessObjected,
                    reference: "Zakon o gimnazijah".into(),
                },
                AdultRegime {
                    from: date(2018, 5, 25),
                    informing: AdultInforming::ConsentRequired,
                    reference: "Splošna uredba o varstvu podatkov (GDPR)".into(),
                },
                AdultRegime {
                    from: date(2019, 9, 1),
                    informing: AdultInforming::UnlessObjected,
                    reference: "Zakon o gimnazijah, 43.a člen".into(),
                },
            ],
            status_exception: true,
            teacher_categories: vec![
                Category::Grades,
                Category::Absences,
                Category::AnnouncedAssessments,
                Category::Homework,
                Category::PraiseAndComments,
            ],
            counsellor_categories: vec![
                Category::Grades,
                Category::Absences,
                Category::AnnouncedAssessments,
                Category::Homework,
                Category::PraiseAndComments,
                Category::Remarks,
                Category::PersonalData,
                Category::ContactData,
            ],
            other_professional_categories: vec![Category::PersonalData, Category::Meals],
            vendor_max_access_days: 14,
        }
    }
}

/// Security codes, confirmation codes, reset tokens and passwords (R-A1 … R-A9,
/// R-B3, R-B5, R-B10). Defaults follow the catalogue, NIST SP 800-63B and the OWASP
/// password-storage cheat sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct VerifyPolicy {
    /// Days a security code stays valid after it is issued (R-B10; default 30).
    pub security_code_validity_days: u32,
    /// Wrong dates of birth that void a security code (R-B3; default 3).
    pub max_wrong_birth_dates: u32,
    /// Wrong (well-formed) security codes that void it (**beyond**; default 5).
    pub max_wrong_security_codes: u32,
    /// Minutes a confirmation code stays valid (R-B10; default 10).
    pub confirmation_code_validity_minutes: u32,
    /// Wrong confirmation codes after which it is spent (R-B10; default 5).
    pub max_wrong_confirmation_codes: u32,
    /// Minutes a password-reset token stays valid (R-B10; default 60).
    pub reset_token_validity_minutes: u32,
    /// PBKDF2-HMAC-SHA256 iterations for passwords (R-A1; default 600,000, OWASP).
    pub password_iterations: u32,
    /// PBKDF2-HMAC-SHA256 iterations for security and confirmation codes (R-B10;
    /// default 600,000).
    pub code_iterations: u32,
    /// Salt length in bytes for every stored hash (R-B10: at least 4 = 32 bits;
    /// default 16).
    pub salt_bytes: u32,
    /// The shortest password a person may choose (NIST SP 800-63B §5.1.1.2; default 8).
    pub password_min_length: u32,
    /// The longest password accepted (at least 64; default 128).
    pub password_max_length: u32,
}

/// The fewest PBKDF2-HMAC-SHA256 iterations a policy may set for passwords and codes
/// (R-A1, R-B10). OWASP asks for 600,000 (the default); 100,000 is the floor below which
/// a stolen hash of a 9-character code or an 8-character password is cheap to attack.
/// Tests that need fast hashing set the fields on a `VerifyPolicy` value directly (no
/// `validate`) or use this floor.
pub const MIN_HASH_ITERATIONS: u32 = 100_000;

/// The most PBKDF2 iterations a policy may set (R-B10): more makes every login a
/// denial of service. The bound on stored records (`verify::MAX_HASH_ITERATIONS`) is
/// this same number, taken from here (policy knows nothing of `verify`).
pub const MAX_HASH_ITERATIONS: u32 = 10_000_000;

impl Default for VerifyPolicy {
    fn default() -> Self {
        VerifyPolicy {
            security_code_validity_days: 30,
            max_wrong_birth_dates: 3,
            max_wrong_security_codes: 5,
            confirmation_code_validity_minutes: 10,
            max_wrong_confirmation_codes: 5,
            reset_token_validity_minutes: 60,
            password_iterations: 600_000,
            code_iterations: 600_000,
            salt_bytes: 16,
            password_min_length: 8,
            password_max_length: 128,
        }
    }
}

impl VerifyPolicy {
    fn validate(&self) -> Result<(), PolicyError> {
        let bad = |field: &str, reason: &str| {
            Err(PolicyError::Invalid {
                field: format!("verify.{field}"),
                reason: reason.to_owned(),
            })
        };
        if !(1..=365).contains(&self.security_code_validity_days) {
            return bad(
                "security_code_validity_days",
                "a security code must be valid for 1 to 365 days",
            );
        }
        for (field, value) in [
            ("max_wrong_birth_dates", self.max_wrong_birth_dates),
            ("max_wrong_security_codes", self.max_wrong_security_codes),
            (
                "max_wrong_confirmation_codes",
                self.max_wrong_confirmation_codes,
            ),
        ] {
            if !(1..=10).contains(&value) {
                return bad(field, "an attempt limit must be between 1 and 10");
            }
        }
        if !(1..=60).contains(&self.confirmation_code_validity_minutes) {
            return bad(
                "confirmation_code_validity_minutes",
                "a confirmation code must be valid for 1 to 60 minutes",
            );
        }
        if !(1..=1440).contains(&self.reset_token_validity_minutes) {
            return bad(
                "reset_token_validity_minutes",
                "a reset token must be valid for 1 to 1440 minutes",
            );
        }
        for (field, value) in [
            ("password_iterations", self.password_iterations),
            ("code_iterations", self.code_iterations),
        ] {
            if !(MIN_HASH_ITERATIONS..=MAX_HASH_ITERATIONS).contains(&value) {
                return bad(
                    field,
                    "PBKDF2-HMAC-SHA256 needs 100,000 to 10,000,000 iterations (R-B10, R-A1)",
                );
            }
        }
        if !(4..=64).contains(&self.salt_bytes) {
            return bad(
                "salt_bytes",
                "a salt must have 4 to 64 bytes (at least 32 bits)",
            );
        }
        if self.password_min_length < 8 {
            return bad(
                "password_min_length",
                "NIST SP 800-63B asks for at least 8 characters",
            );
        }
        if self.password_max_length < 64.max(self.password_min_length) {
            return bad(
                "password_max_length",
                "at least 64 characters (and the minimum) must be accepted",
            );
        }
        Ok(())
    }
}

/// How a delay in days is counted (R-D1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DayCount {
    /// Calendar days: D+3 is three dates after D, weekends and holidays included.
    Calendar,
    /// Working days (R-E7): D+3 is the third working day after D.
    Working,
}

/// The longest grade delay a policy may set, in days (R-D1).
pub const MAX_GRADE_DELAY_DAYS: u32 = 30;

/// The visibility section (R-D1): how long parents wait to see a grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct VisibilityPolicy {
    /// Parents see a grade from 00:00 (Europe/Ljubljana) of day D + this many days,
    /// D being the local date of entry (default 3; 0–30).
    pub grade_delay_days: u32,
    /// Whether the delay counts calendar days (default) or working days.
    pub grade_delay_counts: DayCount,
}

impl Default for VisibilityPolicy {
    fn default() -> Self {
        VisibilityPolicy {
            grade_delay_days: 3,
            grade_delay_counts: DayCount::Calendar,
        }
    }
}

/// Every value a school or vendor may change, dated by the day it takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Policy {
    /// The local date from which this policy applies.
    pub effective_from: NaiveDate,
    /// Calendar: added and removed work-free days, last days of lessons (R-E7).
    pub calendar: CalendarPolicy,
    /// GDPR: the retention table and the days to report changes (R-F8, R-F9).
    pub gdpr: GdprPolicy,
    /// Codes, tokens and passwords (R-A1 … R-A9, R-B3, R-B5, R-B10).
    pub verify: VerifyPolicy,
    /// Rights: adult students, staff categories, vendor access (R-D12, R-F5, R-F6).
    pub rights: RightsPolicy,
    /// Services: dated price lists (R-C2).
    pub services: ServicesPolicy,
    /// SMS: price per segment and the longest text (R-A10).
    pub sms: SmsPolicy,
    /// Notifications: delivery hours, summary and digest days (R-E2, R-E3, R-E7).
    pub notify: NotifyPolicy,
    /// Visibility: the parents' grade delay (R-D1).
    pub visibility: VisibilityPolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            effective_from: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap_or(NaiveDate::MIN),
            calendar: CalendarPolicy::default(),
            gdpr: GdprPolicy::default(),
            verify: VerifyPolicy::default(),
            rights: RightsPolicy::default(),
            services: ServicesPolicy::default(),
            sms: SmsPolicy::default(),
            notify: NotifyPolicy::default(),
            visibility: VisibilityPolicy::default(),
        }
    }
}

impl Policy {
    /// Reads a policy from JSON and checks it. Fields left out take the catalogue's
    /// defaults; an unknown field, a value of the wrong type or a value that breaks a
    /// rule is refused, naming the field.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        // serde would read a struct from a JSON array too (`"calendar": []` as all
        // defaults); a section must be an object, so check the shape first.
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| PolicyError::Parse {
                field: ".".into(),
                reason: e.to_string(),
            })?;
        let default = serde_json::to_value(Policy::default()).unwrap_or_default();
        check_sections(&default, &value, "")?;
        let de = &mut serde_json::Deserializer::from_str(json);
        let policy: Policy = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            PolicyError::Parse {
                field: path,
                reason: e.into_inner().to_string(),
            }
        })?;
        policy.validate()?;
        Ok(policy)
    }

    /// The policy as pretty-printed JSON; [`Policy::from_json`] reads it back unchanged.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every value against its rule.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let invalid = |field: String, reason: String| PolicyError::Invalid { field, reason };
        let in_range = |field: String, date: NaiveDate| -> Result<(), PolicyError> {
            if (calendar::FIRST_YEAR..=calendar::LAST_YEAR).contains(&date.year()) {
                Ok(())
            } else {
                Err(invalid(
                    field,
                    format!(
                        "{date} is outside the supported years {}–{}",
                        calendar::FIRST_YEAR,
                        calendar::LAST_YEAR
                    ),
                ))
            }
        };
        in_range("effective_from".into(), self.effective_from)?;
        self.gdpr
            .validate()
            .map_err(|(field, reason)| invalid(field, reason))?;
        self.verify.validate()?;
        let cal = &self.calendar;
        for (i, day) in cal.added_work_free_days.iter().enumerate() {
            let field = format!("calendar.added_work_free_days[{i}]");
            in_range(format!("{field}.date"), day.date)?;
            if day.name_sl.trim().is_empty() || day.name_en.trim().is_empty() {
                return Err(invalid(
                    format!("{field}.name_sl"),
                    "a work-free day needs a Slovenian and an English name".into(),
                ));
            }
            if cal.removed_work_free_days.contains(&day.date) {
                return Err(invalid(
                    format!("{field}.date"),
                    format!("{} is both added and removed", day.date),
                ));
            }
        }
        for (i, date) in cal.removed_work_free_days.iter().enumerate() {
            in_range(format!("calendar.removed_work_free_days[{i}]"), *date)?;
        }
        if cal.final_year_last_lesson_day > cal.last_lesson_day
            && cal.final_year_last_lesson_day.month() < 9
        {
            return Err(invalid(
                "calendar.final_year_last_lesson_day".into(),
                format!(
                    "final-year classes end earlier, not later ({} is after {})",
                    cal.final_year_last_lesson_day, cal.last_lesson_day
                ),
            ));
        }
        for (i, o) in cal.lesson_end_overrides.iter().enumerate() {
            let field = format!("calendar.lesson_end_overrides[{i}]");
            for (name, date) in [
                ("last_lesson_day", o.last_lesson_day),
                ("final_year_last_lesson_day", o.final_year_last_lesson_day),
            ] {
                if !o.school_year.contains(date) {
                    return Err(invalid(
                        format!("{field}.{name}"),
                        format!("{date} is not in school year {}", o.school_year),
                    ));
                }
            }
            if o.final_year_last_lesson_day > o.last_lesson_day {
                return Err(invalid(
                    format!("{field}.final_year_last_lesson_day"),
                    "final-year classes end earlier, not later".into(),
                ));
            }
        }
        self.services.validate()?;
        self.validate_sms()?;
        self.validate_notify()?;
        self.validate_rights()?;
        self.validate_visibility()
    }

    /// R-D1: the grade delay is 0–30 days.
    fn validate_visibility(&self) -> Result<(), PolicyError> {
        let v = &self.visibility;
        if v.grade_delay_days > MAX_GRADE_DELAY_DAYS {
            return Err(PolicyError::Invalid {
                field: "visibility.grade_delay_days".into(),
                reason: format!(
                    "{} is more than {MAX_GRADE_DELAY_DAYS} days: parents would not see a grade within the term",
                    v.grade_delay_days
                ),
            });
        }
        Ok(())
    }

    /// R-A10: the SMS price is a non-negative amount of at most 10 EUR with at most 4
    /// decimals; a text may take 1–255 segments.
    fn validate_sms(&self) -> Result<(), PolicyError> {
        let sms = &self.sms;
        let price = sms.price_per_segment;
        if price.is_sign_negative() && !price.is_zero() {
            return Err(PolicyError::Invalid {
                field: "sms.price_per_segment".into(),
                reason: format!("a price cannot be negative ({price})"),
            });
        }
        if price > MAX_SMS_SEGMENT_PRICE_EUR {
            return Err(PolicyError::Invalid {
                field: "sms.price_per_segment".into(),
                reason: format!(
                    "a segment may cost at most {MAX_SMS_SEGMENT_PRICE_EUR} EUR ({price})"
                ),
            });
        }
        if price.normalize().scale() > SMS_PRICE_MAX_DECIMALS {
            return Err(PolicyError::Invalid {
                field: "sms.price_per_segment".into(),
                reason: format!("{price} has more than {SMS_PRICE_MAX_DECIMALS} decimal places"),
            });
        }
        if !(1..=255).contains(&sms.max_segments) {
            return Err(PolicyError::Invalid {
                field: "sms.max_segments".into(),
                reason: format!(
                    "{} is outside 1–255 (a concatenated SMS has at most 255 parts)",
                    sms.max_segments
                ),
            });
        }
        Ok(())
    }

    /// R-E7: the digest covers 1–62 days; an email text may not be empty.
    fn validate_notify(&self) -> Result<(), PolicyError> {
        let n = &self.notify;
        if !(1..=62).contains(&n.digest_horizon_days) {
            return Err(PolicyError::Invalid {
                field: "notify.digest_horizon_days".into(),
                reason: format!(
                    "{} is outside 1–62 (the seeds' three weeks are 21 days)",
                    n.digest_horizon_days
                ),
            });
        }
        if n.max_email_chars < 200 {
            return Err(PolicyError::Invalid {
                field: "notify.max_email_chars".into(),
                reason: format!(
                    "{} characters cannot hold a notice (at least 200)",
                    n.max_email_chars
                ),
            });
        }
        Ok(())
    }

    fn validate_rights(&self) -> Result<(), PolicyError> {
        let invalid = |field: &str, reason: String| PolicyError::Invalid {
            field: format!("rights.{field}"),
            reason,
        };
        let r = &self.rights;
        if !(14..=21).contains(&r.adult_age) {
            return Err(invalid(
                "adult_age",
                format!("{} is not an age of majority (expected 14–21)", r.adult_age),
            ));
        }
        for (i, w) in r.adult_regimes.windows(2).enumerate() {
            if w[1].from <= w[0].from {
                return Err(invalid(
                    &format!("adult_regimes[{}].from", i + 1),
                    format!(
                        "{} is not after the previous regime's {}",
                        w[1].from, w[0].from
                    ),
                ));
            }
        }
        for (i, a) in r.adult_regimes.iter().enumerate() {
            if a.reference.trim().is_empty() {
                return Err(invalid(
                    &format!("adult_regimes[{i}].reference"),
                    "a regime must name the law it rests on".into(),
                ));
            }
        }
        if r.vendor_max_access_days == 0 {
            return Err(invalid(
                "vendor_max_access_days",
                "vendor support access needs at least one day".into(),
            ));
        }
        Ok(())
    }
}

/// Every place where the default policy holds an object must hold an object in `input`.
fn check_sections(
    default: &serde_json::Value,
    input: &serde_json::Value,
    path: &str,
) -> Result<(), PolicyError> {
    let serde_json::Value::Object(fields) = default else {
        return Ok(());
    };
    let serde_json::Value::Object(given) = input else {
        return Err(PolicyError::Parse {
            field: if path.is_empty() {
                ".".into()
            } else {
                path.into()
            },
            reason: "expected an object with named fields".into(),
        });
    };
    for (name, sub) in fields {
        if let Some(value) = given.get(name) {
            let sub_path = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            check_sections(sub, value, &sub_path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_round_trips_through_json() {
        let p = Policy::default();
        assert_eq!(Policy::from_json(&p.to_json()), Ok(p));
    }

    #[test]
    fn an_empty_document_is_the_default_policy() {
        assert_eq!(Policy::from_json("{}"), Ok(Policy::default()));
    }

    #[test]
    fn an_unknown_field_is_refused_by_name() {
        let err = Policy::from_json(r#"{"calendar": {"last_lesson_dy": "06-20"}}"#).unwrap_err();
        match &err {
            PolicyError::Parse { field, reason } => {
                assert_eq!(field, "calendar.last_lesson_dy");
                assert!(reason.contains("last_lesson_dy"), "{reason}");
            }
            PolicyError::Invalid { .. } => panic!("expected a parse error, got {err:?}"),
        }
    }

    #[test]
    fn a_wrong_value_names_its_field_path() {
        let err = Policy::from_json(
            r#"{"calendar": {"added_work_free_days": [{"date": "2026-02-30", "name_sl": "x", "name_en": "y"}]}}"#,
        )
        .unwrap_err();
        assert!(
            matches!(&err, PolicyError::Parse { field, .. } if field == "calendar.added_work_free_days[0].date"),
            "{err:?}"
        );
    }

    #[test]
    fn r_b10_verify_limits_are_checked_by_field() {
        let err = Policy::from_json(r#"{"verify": {"salt_bytes": 3}}"#).unwrap_err();
        assert!(
            matches!(&err, PolicyError::Invalid { field, .. } if field == "verify.salt_bytes"),
            "{err:?}"
        );
        for json in [
            r#"{"verify": {"password_iterations": 0}}"#,
            r#"{"verify": {"password_iterations": 1}}"#,
            r#"{"verify": {"password_iterations": 99999}}"#,
            r#"{"verify": {"password_iterations": 10000001}}"#,
        ] {
            let err = Policy::from_json(json).unwrap_err();
            assert!(
                matches!(&err, PolicyError::Invalid { field, .. } if field == "verify.password_iterations"),
                "{json}: {err}"
            );
        }
        let err = Policy::from_json(r#"{"verify": {"code_iterations": 1000}}"#).unwrap_err();
        assert!(
            matches!(&err, PolicyError::Invalid { field, reason } if field == "verify.code_iterations" && reason.contains("100,000 to 10,000,000")),
            "{err}"
        );
        let p = Policy::from_json(r#"{"verify": {"code_iterations": 100000}}"#).unwrap();
        assert_eq!(p.verify.code_iterations, 100_000);
        assert_eq!(p.verify.max_wrong_birth_dates, 3);
    }

    #[test]
    fn r_f9_a_retention_row_with_bad_years_is_refused_by_path() {
        let mut p = Policy::default();
        p.gdpr.retention[1].retention = gdpr::Retention::YearsAfterSchooling { years: 0 };
        let err = Policy::from_json(&p.to_json()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "policy field `gdpr.retention[1].retention.years` is invalid: 0 years is outside 1–100"
        );
    }

    #[test]
    fn r_e7_a_final_year_ending_after_the_others_is_refused() {
        let err = Policy::from_json(r#"{"calendar": {"final_year_last_lesson_day": "06-30"}}"#)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "policy field `calendar.final_year_last_lesson_day` is invalid: final-year classes end earlier, not later (06-30 is after 06-24)"
        );
    }

    fn price_error(list: &str) -> PolicyError {
        Policy::from_json(&format!(r#"{{"services": {{"price_lists": [{list}]}}}}"#)).unwrap_err()
    }

    #[test]
    fn r_c2_default_prices_and_another_dated_list() {
        let p = Policy::from_json(
            r#"{"services": {"price_lists": [
                {"from_school_year": "2024/25", "za_starse": "32.90", "za_ucence": "38.90", "popolni": "49.90", "za_ucence_addon": "17.00"},
                {"from_school_year": "2025/26", "za_starse": "35.90", "za_ucence": "38.90", "popolni": "52.90", "za_ucence_addon": "17.00"}
            ]}}"#,
        )
        .unwrap();
        let y = |n| SchoolYear::starting(n).unwrap();
        let old = p.services.price_list_for(y(2024)).unwrap();
        assert_eq!(old.popolni.to_string(), "49.90");
        assert_eq!(old.za_starse.to_string(), "32.90");
        assert_eq!(
            p.services
                .price_list_for(y(2030))
                .unwrap()
                .popolni
                .to_string(),
            "52.90"
        );
        assert!(p.services.price_list_for(y(2023)).is_none());
        assert_eq!(Policy::from_json(&p.to_json()), Ok(p));
        let default = &Policy::default().services.price_lists[0];
        assert_eq!(default, &PriceList::catalogue_default(y(2025)));
    }

    #[test]
    fn r_c2_bad_price_lists_are_refused_naming_the_entry() {
        let ok = r#""from_school_year": "2025/26", "za_ucence": "38.90", "popolni": "52.90", "za_ucence_addon": "17.00""#;
        let err = price_error(&format!(r#"{{{ok}, "za_starse": "-35.90"}}"#));
        assert_eq!(
            err.to_string(),
            "policy field `services.price_lists[0].za_starse` is invalid: a price may not be negative (-35.90)"
        );
        let err = price_error(&format!(r#"{{{ok}, "za_starse": "35.905"}}"#));
        assert_eq!(
            err.to_string(),
            "policy field `services.price_lists[0].za_starse` is invalid: a price has at most two decimals (35.905)"
        );
        for nan in ["NaN", "abc", ""] {
            let err = price_error(&format!(r#"{{{ok}, "za_starse": "{nan}"}}"#));
            assert!(
                matches!(&err, PolicyError::Parse { field, .. } if field == "services.price_lists[0].za_starse"),
                "{err:?}"
            );
        }
        let err = price_error(&format!(r#"{{{ok}, "za_starse": 35.9}}"#));
        assert!(
            matches!(&err, PolicyError::Parse { field, .. } if field == "services.price_lists[0].za_starse")
        );
        let err = price_error(
            r#"{"from_school_year": "2025/26", "za_starse": "35.90", "za_ucence": "38.90", "popolni": "80.00", "za_ucence_addon": "17.00"}"#,
        );
        assert_eq!(
            err.to_string(),
            "policy field `services.price_lists[0].popolni` is invalid: the bundle costs more than its parts (80.00 > 35.90 + 38.90 = 74.80)"
        );
        let err = price_error(
            r#"{"from_school_year": "2025/26", "za_starse": "35.90", "za_ucence": "38.90", "popolni": "52.90", "za_ucence_addon": "16.00"}"#,
        );
        assert!(
            matches!(&err, PolicyError::Invalid { field, .. } if field == "services.price_lists[0].za_ucence_addon"),
            "{err:?}"
        );
        let two = format!(
            r#"{{"from_school_year": "2025/26", {rest}}}, {{"from_school_year": "2025/26", {rest}}}"#,
            rest = r#""za_starse": "35.90", "za_ucence": "38.90", "popolni": "52.90", "za_ucence_addon": "17.00""#
        );
        assert!(
            matches!(price_error(&two), PolicyError::Invalid { field, .. } if field == "services.price_lists[1].from_school_year")
        );
        assert!(matches!(
            Policy::from_json(r#"{"services": {"price_lists": []}}"#),
            Err(PolicyError::Invalid { field, .. }) if field == "services.price_lists"
        ));
    }
}
