//! The rule catalogue as a type: every decision names the rules it rests on with a
//! [`RuleId`], never with a loose string.
//!
//! The IDs and their meaning are those of `shared/domain/RULES.md`; a rule's source in the
//! seed texts is given there.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! rule_ids {
    ($( $variant:ident => $id:literal, $title:literal; )*) => {
        /// The ID of a rule in the rule catalogue (`R-A1` … `R-G2`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`: ", $title)]
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule of the catalogue, in catalogue order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The catalogue ID, e.g. `"R-D1"`.
            pub const fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }

            /// A one-line English title of the rule.
            pub const fn title(self) -> &'static str {
                match self { $(RuleId::$variant => $title,)* }
            }
        }
    };
}

rule_ids! {
    A1 => "R-A1", "a parent changes their password giving the old one";
    A2 => "R-A2", "a forgotten password is reset through a link sent by email";
    A3 => "R-A3", "a parent resets a child's password";
    A4 => "R-A4", "a child's credentials are reset through the child's email";
    A5 => "R-A5", "a child recovers access in the mobile app";
    A6 => "R-A6", "one parent login covers all of the parent's children";
    A7 => "R-A7", "the same email at a new school keeps the username";
    A8 => "R-A8", "the class teacher prints usernames and initial passwords";
    A9 => "R-A9", "initial credentials are sent in bulk only to students who never changed them";
    A10 => "R-A10", "SMS messages cost money per segment";
    B1 => "R-B1", "a parent needs a security code from the school";
    B2 => "R-B2", "the class teacher prints and tells the security code";
    B3 => "R-B3", "the parent proves identity with the child's date of birth; three wrong dates void the code";
    B4 => "R-B4", "after the code the parent confirms contacts, then chooses services";
    B5 => "R-B5", "a new email or mobile number is confirmed with a confirmation code";
    B6 => "R-B6", "a parent who entered with a security code changes their own contact data";
    B7 => "R-B7", "a student's email address is changed by the class teacher";
    B8 => "R-B8", "a new school sends a new security code";
    B9 => "R-B9", "the class teacher sees which parents confirmed contact data";
    B10 => "R-B10", "security, confirmation and reset codes are secure by construction";
    C1 => "R-C1", "the communication services on offer";
    C2 => "R-C2", "prices per school year are dated price lists";
    C3 => "R-C3", "both parents receive the notices of one ZA STARŠE subscription";
    C4 => "R-C4", "the fee is per child, per school year, in one payment";
    C5 => "R-C5", "each parent chooses their own mode, and the child's";
    C6 => "R-C6", "only parents set the child's service";
    C7 => "R-C7", "no notices outside the paid school year; portal readable until its end";
    C8 => "R-C8", "a registration holds until revoked or the child finishes schooling";
    C9 => "R-C9", "parents never pay for data";
    C10 => "R-C10", "what MINIMALNI offers";
    D1 => "R-D1", "parents see a grade from day D+3";
    D2 => "R-D2", "a student sees a grade at once";
    D3 => "R-D3", "announced assessments are visible at once";
    D4 => "R-D4", "absences are visible to parents from D+1";
    D5 => "R-D5", "praise and comments are visible once the lesson is closed";
    D6 => "R-D6", "a remark is visible only if the class teacher forwards it";
    D7 => "R-D7", "homework is visible once the lesson is closed";
    D8 => "R-D8", "messages, subjects, meetings, articles and meals are visible to parents";
    D9 => "R-D9", "MINIMALNI hides assessments, grades, absences and homework from parents";
    D10 => "R-D10", "MINIMALNI shows a student only the latest grade";
    D11 => "R-D11", "nothing is visible before the teacher entered it";
    D12 => "R-D12", "an adult student decides about their own data";
    E1 => "R-E1", "a parent chooses daily or weekly notices";
    E2 => "R-E2", "what daily mode sends and when";
    E3 => "R-E3", "weekly mode sends one summary every Wednesday";
    E4 => "R-E4", "notices go by email and/or SMS";
    E5 => "R-E5", "students receive no email or SMS notices";
    E6 => "R-E6", "no notice outside the paid school year; every recipient gets each notice";
    E7 => "R-E7", "working days, work-free days and delivery hours";
    F1 => "R-F1", "only parents or legal representatives decide and see personal data";
    F2 => "R-F2", "parental care is joint; only a final court decision removes it";
    F3 => "R-F3", "adoptive parents gain parental care, guardians do not";
    F4 => "R-F4", "a parent is denied only on an explicit legal basis";
    F5 => "R-F5", "which school staff may access a student's data";
    F6 => "R-F6", "vendor access only on the school's request, always audited";
    F7 => "R-F7", "GDPR rights of parents on behalf of minor children";
    F8 => "R-F8", "the school is controller, the vendor processor";
    F9 => "R-F9", "statutory collections and retention";
    G1 => "R-G1", "absence excuses through the portal if the class teacher agreed";
    G2 => "R-G2", "meals registered and cancelled through the portal";
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that is not the ID of any rule in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a rule ID of the catalogue (expected R-A1 … R-G2)")]
pub struct UnknownRuleId {
    /// The text that was given.
    pub input: String,
}

impl FromStr for RuleId {
    type Err = UnknownRuleId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRuleId {
                input: s.to_owned(),
            })
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_round_trips_through_text_and_json() {
        for &rule in RuleId::ALL {
            assert_eq!(rule.as_str().parse::<RuleId>(), Ok(rule));
            let json = serde_json::to_string(&rule).expect("serialises");
            assert_eq!(serde_json::from_str::<RuleId>(&json).expect("parses"), rule);
        }
        assert_eq!(RuleId::ALL.len(), 10 + 10 + 10 + 12 + 7 + 9 + 2);
    }

    #[test]
    fn an_unknown_id_is_a_typed_error() {
        let err = "R-Z9".parse::<RuleId>().unwrap_err();
        assert_eq!(err.input, "R-Z9");
        assert!(err.to_string().contains("not a rule ID"));
    }
}
