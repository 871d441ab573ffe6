//! The GDPR section of the [`Policy`](super::Policy) (R-F8, R-F9): the retention table
//! (ZOsn Art. 98), the statutory collections (ZOsn Art. 95) its rows belong to and the
//! controller of each row, and the days parents have to report changes.
//!
//! These are policy values, so they live with the policy (which knows nothing of the
//! modules below it); `asistent_core::gdpr` re-exports them under their public paths
//! (`asistent_core::gdpr::GdprPolicy`, …) and answers requests with them.

use serde::{Deserialize, Serialize};

/// One of the four statutory collections a primary school keeps (ZOsn Art. 95) (R-F9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Collection {
    /// Point 1: students enrolled and their parents.
    StudentsAndParents,
    /// Point 2: progress, certificates issued, disciplinary reprimands and other documents.
    ProgressAndCertificates,
    /// Point 3: physical abilities and morphological characteristics, only with the
    /// parents' consent (ZOsn Art. 95(5)).
    PhysicalAbilities,
    /// Point 4: students who need help or counselling.
    HelpAndCounselling,
}

impl Collection {
    /// The four collections, in the order of ZOsn Art. 95(1).
    pub const ALL: [Collection; 4] = [
        Collection::StudentsAndParents,
        Collection::ProgressAndCertificates,
        Collection::PhysicalAbilities,
        Collection::HelpAndCounselling,
    ];

    /// Its point in ZOsn Art. 95(1) (1–4).
    pub const fn point(self) -> u8 {
        match self {
            Collection::StudentsAndParents => 1,
            Collection::ProgressAndCertificates => 2,
            Collection::PhysicalAbilities => 3,
            Collection::HelpAndCounselling => 4,
        }
    }

    /// The machine name.
    pub const fn code(self) -> &'static str {
        match self {
            Collection::StudentsAndParents => "students_and_parents",
            Collection::ProgressAndCertificates => "progress_and_certificates",
            Collection::PhysicalAbilities => "physical_abilities",
            Collection::HelpAndCounselling => "help_and_counselling",
        }
    }

    /// The Slovenian name, as in the act.
    pub const fn label_sl(self) -> &'static str {
        match self {
            Collection::StudentsAndParents => {
                "zbirka podatkov o učencih, vpisanih v osnovno šolo, in njihovih starših"
            }
            Collection::ProgressAndCertificates => {
                "zbirka podatkov o napredovanju učencev, izdanih spričevalih, vzgojnih opominih in drugih listinah"
            }
            Collection::PhysicalAbilities => {
                "zbirka podatkov o gibalnih sposobnostih in morfoloških značilnostih učencev"
            }
            Collection::HelpAndCounselling => {
                "zbirka podatkov o učencih, ki potrebujejo pomoč oziroma svetovanje"
            }
        }
    }

    /// The English name.
    pub const fn label_en(self) -> &'static str {
        match self {
            Collection::StudentsAndParents => "students enrolled and their parents",
            Collection::ProgressAndCertificates => {
                "progress, certificates issued, reprimands and other documents"
            }
            Collection::PhysicalAbilities => "physical abilities and morphological characteristics",
            Collection::HelpAndCounselling => "students who need help or counselling",
        }
    }

    /// Whether collecting it needs the parents' consent (only physical abilities, ZOsn
    /// Art. 95(5)); the others rest on the law.
    pub const fn needs_parental_consent(self) -> bool {
        matches!(self, Collection::PhysicalAbilities)
    }

    /// Whether it holds special categories of personal data (GDPR Art. 9): physical
    /// abilities (the seed text names point 3 "posebne vrste osebnih podatkov") and help
    /// and counselling (anamneses, diagnostics, opinions of health institutions).
    pub const fn special_category(self) -> bool {
        matches!(
            self,
            Collection::PhysicalAbilities | Collection::HelpAndCounselling
        )
    }

    /// The legal basis of processing, in Slovenian.
    pub const fn legal_basis_sl(self) -> &'static str {
        match self {
            Collection::PhysicalAbilities => {
                "privolitev staršev (95. člen ZOsn, 5. odstavek; člen 6(1)(a) in 9(2)(a) Splošne uredbe)"
            }
            _ => "zakon (95. in 96. člen ZOsn; člen 6(1)(c) Splošne uredbe)",
        }
    }

    /// The legal basis of processing, in English.
    pub const fn legal_basis_en(self) -> &'static str {
        match self {
            Collection::PhysicalAbilities => {
                "the parents' consent (ZOsn Art. 95(5); GDPR Art. 6(1)(a) and 9(2)(a))"
            }
            _ => "the law (ZOsn Art. 95 and 96; GDPR Art. 6(1)(c))",
        }
    }
}

/// A party to the processing of a child's data (R-F8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Party {
    /// The school (vzgojno-izobraževalni zavod).
    School,
    /// The vendor of eAsistent (eŠola d.o.o.).
    Vendor,
}

impl Party {
    /// The Slovenian name.
    pub const fn label_sl(self) -> &'static str {
        match self {
            Party::School => "šola",
            Party::Vendor => "ponudnik (eŠola d.o.o.)",
        }
    }

    /// The English name.
    pub const fn label_en(self) -> &'static str {
        match self {
            Party::School => "the school",
            Party::Vendor => "the vendor (eŠola d.o.o.)",
        }
    }
}

/// How long a record kind is kept (ZOsn Art. 98) (R-F9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "keep", deny_unknown_fields)]
#[non_exhaustive]
pub enum Retention {
    /// Kept permanently.
    Permanent,
    /// Kept until `years` years after the student finishes schooling, then deleted.
    YearsAfterSchooling {
        /// Years after the end of schooling.
        years: u32,
    },
    /// No statutory retention period: erasure is not barred by Art. 17(3)(b).
    NotStatutory,
}

/// One row of the retention table: a kind of record, its collection, how long it is kept
/// and who is its controller (R-F8, R-F9). **policy**.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    /// The machine name of the record kind (`"certificates"`).
    pub record_kind: String,
    /// Slovenian name.
    pub name_sl: String,
    /// English name.
    pub name_en: String,
    /// The statutory collection it belongs to, if any.
    pub collection: Option<Collection>,
    /// How long it is kept.
    pub retention: Retention,
    /// The controller (the school, except the vendor's own billing data).
    pub controller: Party,
}

/// The GDPR section of the policy: the retention table and the days parents have to
/// report changes (R-F9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct GdprPolicy {
    /// The retention table (ZOsn Art. 98).
    pub retention: Vec<RetentionRule>,
    /// Days within which parents must report a change of data (ZOsn Art. 96(2): 7).
    pub report_changes_within_days: u32,
}

fn rule(
    kind: &str,
    sl: &str,
    en: &str,
    collection: Option<Collection>,
    retention: Retention,
    controller: Party,
) -> RetentionRule {
    RetentionRule {
        record_kind: kind.to_owned(),
        name_sl: sl.to_owned(),
        name_en: en.to_owned(),
        collection,
        retention,
        controller,
    }
}

impl Default for GdprPolicy {
    fn default() -> Self {
        use Collection as C;
        let one_year = Retention::YearsAfterSchooling { years: 1 };
        GdprPolicy {
            retention: vec![
                rule(
                    "student_record",
                    "podatki o učencu (matični list)",
                    "records on the student",
                    Some(C::StudentsAndParents),
                    Retention::Permanent,
                    Party::School,
                ),
                rule(
                    "parent_data",
                    "podatki o starših",
                    "data on the parents",
                    Some(C::StudentsAndParents),
                    one_year,
                    Party::School,
                ),
                rule(
                    "progress",
                    "podatki o napredovanju",
                    "progress",
                    Some(C::ProgressAndCertificates),
                    Retention::Permanent,
                    Party::School,
                ),
                rule(
                    "certificates",
                    "izdana spričevala",
                    "certificates issued",
                    Some(C::ProgressAndCertificates),
                    Retention::Permanent,
                    Party::School,
                ),
                rule(
                    "reprimands",
                    "vzgojni opomini in druge listine",
                    "disciplinary reprimands and other documents",
                    Some(C::ProgressAndCertificates),
                    one_year,
                    Party::School,
                ),
                rule(
                    "physical_abilities",
                    "gibalne sposobnosti in morfološke značilnosti",
                    "physical abilities and morphological characteristics",
                    Some(C::PhysicalAbilities),
                    one_year,
                    Party::School,
                ),
                rule(
                    "counselling",
                    "pomoč in svetovanje",
                    "help and counselling",
                    Some(C::HelpAndCounselling),
                    one_year,
                    Party::School,
                ),
                rule(
                    "contact_data",
                    "kontaktni podatki za obveščanje",
                    "contact data for notices",
                    None,
                    one_year,
                    Party::School,
                ),
                rule(
                    "subscriber_billing",
                    "podatki za zaračunavanje naročnine",
                    "billing data of paid subscribers",
                    None,
                    Retention::NotStatutory,
                    Party::Vendor,
                ),
            ],
            report_changes_within_days: 7,
        }
    }
}

impl GdprPolicy {
    /// Checks the section; errors name the field path (`gdpr.retention[2].record_kind`).
    pub fn validate(&self) -> Result<(), (String, String)> {
        for (i, r) in self.retention.iter().enumerate() {
            let field = |name: &str| format!("gdpr.retention[{i}].{name}");
            let k = &r.record_kind;
            if k.is_empty()
                || !k
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err((
                    field("record_kind"),
                    format!("`{k}` must be lowercase letters, digits and `_`"),
                ));
            }
            if self.retention[..i].iter().any(|o| o.record_kind == *k) {
                return Err((field("record_kind"), format!("`{k}` is listed twice")));
            }
            if r.name_sl.trim().is_empty() || r.name_en.trim().is_empty() {
                return Err((
                    field("name_sl"),
                    "a record kind needs a Slovenian and an English name".into(),
                ));
            }
            if let Retention::YearsAfterSchooling { years } = r.retention {
                if !(1..=100).contains(&years) {
                    return Err((
                        field("retention.years"),
                        format!("{years} years is outside 1–100"),
                    ));
                }
            }
            if r.controller == Party::Vendor && r.collection.is_some() {
                return Err((
                    field("controller"),
                    "the school is the controller of the statutory collections; the vendor only processes them (R-F8)".into(),
                ));
            }
        }
        if !(1..=90).contains(&self.report_changes_within_days) {
            return Err((
                "gdpr.report_changes_within_days".into(),
                format!("{} days is outside 1–90", self.report_changes_within_days),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_f9_the_default_table_is_valid_and_covers_the_four_collections() {
        let p = GdprPolicy::default();
        assert_eq!(p.validate(), Ok(()));
        for c in Collection::ALL {
            assert!(p.retention.iter().any(|r| r.collection == Some(c)), "{c:?}");
        }
    }
}
