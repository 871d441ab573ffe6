//! The categories of a child's data (R-F1, R-F4, R-F5, R-F6): the words in which a
//! parent's right (R-F1), a court's restriction (R-F4), a staff member's scope (R-F5) or a
//! vendor's access and its audit record (R-F6) names the data it concerns.
//!
//! Shared vocabulary, like [`ids`](crate::ids) and [`rules`](crate::rules): it uses no
//! other module, so every module may use it — the [`Policy`](crate::policy::Policy)'s
//! staff scopes as well as [`rights`](crate::rights), [`visibility`](crate::visibility),
//! [`notify`](crate::notify) and [`audit`](crate::audit). [`rights`](crate::rights)
//! re-exports it: `asistent_core::rights::Category` is the same type.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A category of a child's data that a right, a restriction or an access concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Grades (ocene).
    Grades,
    /// Absences (izostanki).
    Absences,
    /// Announced assessments (napovedano ocenjevanje / preverjanje znanja).
    AnnouncedAssessments,
    /// Homework (domače naloge).
    Homework,
    /// Praise and comments (pohvale, komentarji) and observations (opažanja).
    PraiseAndComments,
    /// Remarks (pripombe).
    Remarks,
    /// Messages with the school.
    Messages,
    /// School meals (prehrana).
    Meals,
    /// Personal data held in the statutory collections.
    PersonalData,
    /// Contact data (email, mobile).
    ContactData,
    /// The choice of communication service.
    ServiceChoice,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 11] = [
        Category::Grades,
        Category::Absences,
        Category::AnnouncedAssessments,
        Category::Homework,
        Category::PraiseAndComments,
        Category::Remarks,
        Category::Messages,
        Category::Meals,
        Category::PersonalData,
        Category::ContactData,
        Category::ServiceChoice,
    ];

    /// The machine name (`"announced_assessments"`).
    pub const fn code(self) -> &'static str {
        match self {
            Category::Grades => "grades",
            Category::Absences => "absences",
            Category::AnnouncedAssessments => "announced_assessments",
            Category::Homework => "homework",
            Category::PraiseAndComments => "praise_and_comments",
            Category::Remarks => "remarks",
            Category::Messages => "messages",
            Category::Meals => "meals",
            Category::PersonalData => "personal_data",
            Category::ContactData => "contact_data",
            Category::ServiceChoice => "service_choice",
        }
    }

    /// The Slovenian name.
    pub const fn label_sl(self) -> &'static str {
        match self {
            Category::Grades => "ocene",
            Category::Absences => "izostanki",
            Category::AnnouncedAssessments => "napovedana ocenjevanja znanja",
            Category::Homework => "domače naloge",
            Category::PraiseAndComments => "pohvale in komentarji",
            Category::Remarks => "pripombe",
            Category::Messages => "sporočila",
            Category::Meals => "prehrana",
            Category::PersonalData => "osebni podatki",
            Category::ContactData => "kontaktni podatki",
            Category::ServiceChoice => "izbira storitve",
        }
    }

    /// The English name.
    pub const fn label_en(self) -> &'static str {
        match self {
            Category::Grades => "grades",
            Category::Absences => "absences",
            Category::AnnouncedAssessments => "announced assessments",
            Category::Homework => "homework",
            Category::PraiseAndComments => "praise and comments",
            Category::Remarks => "remarks",
            Category::Messages => "messages",
            Category::Meals => "meals",
            Category::PersonalData => "personal data",
            Category::ContactData => "contact data",
            Category::ServiceChoice => "service choice",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text that names no data category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a data category (expected one of: grades, absences, announced_assessments, homework, praise_and_comments, remarks, messages, meals, personal_data, contact_data, service_choice)")]
pub struct UnknownCategory {
    /// The text that was given.
    pub input: String,
}

impl FromStr for Category {
    type Err = UnknownCategory;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .into_iter()
            .find(|c| c.code() == s)
            .ok_or_else(|| UnknownCategory {
                input: s.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip_by_code_and_json() {
        for c in Category::ALL {
            assert_eq!(c.code().parse::<Category>(), Ok(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.code()));
        }
        let err = "report_cards".parse::<Category>().unwrap_err();
        assert!(err
            .to_string()
            .starts_with("`report_cards` is not a data category"));
    }
}
