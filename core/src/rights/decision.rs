//! A decision as a value: allowed or not, the capacity in which the person acts, and the
//! reasons — rule IDs and legal bases — rendered in Slovenian and English (R-F1 … R-F8,
//! R-D12, R-B6, R-B7, R-C6).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::facts::{ParentState, Person, Relationship, StaffRole};
use super::{Action, Category};
use crate::ids::{ClassId, GuardianId, StudentId};
use crate::rules::RuleId;

/// A date the Slovenian way ("5. 1. 2026"), without chrono's strftime machinery.
fn sl_date(date: NaiveDate) -> String {
    format!("{}. {}. {}", date.day(), date.month(), date.year())
}

/// What a denial or a permission rests on beyond the rules themselves: a court decision,
/// a law, a school's support request (R-F4: every denial names its basis).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The reference: a court's case number, a law's article, a request number.
    pub reference: String,
    /// The date of the decision, of the law's application, or of the request.
    pub date: NaiveDate,
}

impl LegalBasis {
    fn render(&self, sl: bool) -> String {
        let date = sl_date(self.date);
        if sl {
            format!("{} z dne {date}", self.reference)
        } else {
            format!("{} of {}", self.reference, self.date)
        }
    }
}

/// The capacity in which a person asks (R-F1, R-F3, R-F5, R-F6, R-D12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Capacity {
    /// A parent or adoptive parent holding parental care.
    ParentWithCare,
    /// A parent whose care was removed by a final court decision.
    ParentWithoutCare,
    /// A legal representative without parental care: appointed guardian or foster parent.
    LegalRepresentative,
    /// An adult with no rights of their own (step-parent, relative, ended placement).
    NoRights,
    /// The student, a minor.
    Student,
    /// The student, an adult (R-D12).
    AdultStudent,
    /// School staff in a role.
    Staff,
    /// Vendor support staff.
    VendorSupport,
    /// Nobody the facts relate to the child.
    Unrelated,
}

impl Capacity {
    /// The machine name (`"parent_with_care"`).
    pub const fn code(self) -> &'static str {
        match self {
            Capacity::ParentWithCare => "parent_with_care",
            Capacity::ParentWithoutCare => "parent_without_care",
            Capacity::LegalRepresentative => "legal_representative",
            Capacity::NoRights => "no_rights",
            Capacity::Student => "student",
            Capacity::AdultStudent => "adult_student",
            Capacity::Staff => "staff",
            Capacity::VendorSupport => "vendor_support",
            Capacity::Unrelated => "unrelated",
        }
    }
}

/// Why (part of) a decision came out as it did. Each kind names its rule and renders in
/// Slovenian and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReasonKind {
    /// Parental care is joint (R-F2).
    JointParentalCare,
    /// The parents divorced or separated: that changes nothing (R-F2).
    SeparationChangesNothing {
        /// When they separated.
        since: NaiveDate,
    },
    /// The other parent is prevented, dead or unknown: this parent exercises care alone
    /// (R-F2).
    SoleParentalCare {
        /// The other parent.
        other: GuardianId,
        /// Why.
        state: ParentState,
    },
    /// The other parent lost care by a final court decision: care belongs to this one
    /// (R-F2).
    OtherParentLostCare {
        /// The other parent.
        other: GuardianId,
    },
    /// An adoptive parent gains parental care (R-F3).
    AdoptiveParentCare,
    /// A legal representative without parental care: guardian or foster parent (R-F1, R-F3).
    LegalRepresentative {
        /// Guardian or foster parent.
        relationship: Relationship,
    },
    /// The relationship gives no rights of its own (R-F1).
    NoRightsOfTheirOwn {
        /// Step-parent or relative.
        relationship: Relationship,
    },
    /// The relationship (a placement, a guardianship, an adoption) does not hold on the
    /// date (R-F1).
    RelationshipNotInForce {
        /// Which relationship.
        relationship: Relationship,
        /// From when it holds.
        from: Option<NaiveDate>,
        /// Until when it held.
        until: Option<NaiveDate>,
    },
    /// The person is not related to the child at all (R-F1).
    NotRelated,
    /// A final court decision removed this parent's care (R-F2, R-F4).
    CareRemoved,
    /// A final court decision restricted this parent's rights over the category (R-F4).
    CategoryRestricted {
        /// The category.
        category: Category,
    },
    /// A court decision exists but is not final (or not yet): it changes nothing (R-F2).
    DecisionNotFinal,
    /// This parent is prevented from exercising care on the date, or recorded as dead or
    /// unknown (R-F2).
    ParentPrevented,
    /// A parent asked to bar the other: without a legal basis it has no effect (R-F4).
    BarRequestWithoutEffect {
        /// Who asked.
        by: GuardianId,
        /// When.
        date: NaiveDate,
    },
    /// Parents and legal representatives exercise the child's GDPR rights at the school,
    /// the controller (R-F7, R-F8).
    GdprRightsAtSchool,
    /// The student is an adult and decides about their own data (R-D12).
    AdultStudentDecides {
        /// The day they came of age.
        adult_since: NaiveDate,
    },
    /// The parents of an adult secondary student are informed unless the student objected
    /// (R-D12).
    ParentsInformedUnlessObjected,
    /// The adult student objected in writing (R-D12).
    AdultObjected {
        /// When.
        date: NaiveDate,
    },
    /// The matter could cost the student their student status: parents are told
    /// regardless (R-D12).
    StatusException,
    /// The regime requires the adult student's written consent (R-D12).
    ConsentRequired {
        /// Whether the student gave it.
        given: bool,
    },
    /// An adult primary student: parents see only with consent (R-D12).
    AdultPrimaryStudent,
    /// The student sees their own data (when is for the visibility rules). Its rule
    /// depends on the category ([`own_data_rule`]): a decision's reason carries it; on its
    /// own the kind names the most general one, R-C10.
    OwnData,
    /// Only parents or legal representatives set the child's service (R-C6).
    OnlyParentsSetService,
    /// A guardian who entered with a security code changes their own contact data (R-B6).
    ContactDataWithSecurityCode,
    /// Without a security code, contact changes go through the class teacher (R-B6).
    ContactDataThroughClassTeacher,
    /// A student's email address is changed by the class teacher (R-B7).
    StudentEmailByClassTeacher,
    /// The child's data is changed by the school, not by the family (R-F1).
    ChangedBySchool,
    /// Staff access in a role (R-F5).
    StaffRole {
        /// The role.
        role: StaffRole,
        /// The class, for class teachers and teachers.
        class: Option<ClassId>,
    },
    /// The category is outside what the role may access under the policy (R-F5).
    OutsideStaffScope {
        /// The role.
        role: StaffRole,
    },
    /// The staff member has no role for the student's class or school on the date (R-F5).
    NoStaffRole,
    /// Decisions about the child belong to the family, not staff or vendor (R-F1).
    NotTheirDecision,
    /// Vendor access on the school's prior request (R-F6).
    VendorOnSchoolRequest,
    /// The school is the controller; the vendor processes on its behalf (R-F8).
    VendorIsProcessor,
    /// No school request covers this vendor access (R-F6).
    VendorWithoutRequest,
    /// A request exists but does not cover the student, category, date or action (R-F6).
    VendorOutsideRequest,
    /// The request was made after access began, or grants more days than the policy allows
    /// (R-F6).
    VendorRequestInvalid {
        /// The policy's longest access, in days.
        max_days: u32,
    },
}

impl ReasonKind {
    /// The machine name (`"care_removed"`), as the `kind` tag in JSON.
    pub const fn code(&self) -> &'static str {
        use ReasonKind as K;
        match self {
            K::JointParentalCare => "joint_parental_care",
            K::SeparationChangesNothing { .. } => "separation_changes_nothing",
            K::SoleParentalCare { .. } => "sole_parental_care",
            K::OtherParentLostCare { .. } => "other_parent_lost_care",
            K::AdoptiveParentCare => "adoptive_parent_care",
            K::LegalRepresentative { .. } => "legal_representative",
            K::NoRightsOfTheirOwn { .. } => "no_rights_of_their_own",
            K::RelationshipNotInForce { .. } => "relationship_not_in_force",
            K::NotRelated => "not_related",
            K::CareRemoved => "care_removed",
            K::CategoryRestricted { .. } => "category_restricted",
            K::DecisionNotFinal => "decision_not_final",
            K::ParentPrevented => "parent_prevented",
            K::BarRequestWithoutEffect { .. } => "bar_request_without_effect",
            K::GdprRightsAtSchool => "gdpr_rights_at_school",
            K::AdultStudentDecides { .. } => "adult_student_decides",
            K::ParentsInformedUnlessObjected => "parents_informed_unless_objected",
            K::AdultObjected { .. } => "adult_objected",
            K::StatusException => "status_exception",
            K::ConsentRequired { .. } => "consent_required",
            K::AdultPrimaryStudent => "adult_primary_student",
            K::OwnData => "own_data",
            K::OnlyParentsSetService => "only_parents_set_service",
            K::ContactDataWithSecurityCode => "contact_data_with_security_code",
            K::ContactDataThroughClassTeacher => "contact_data_through_class_teacher",
            K::StudentEmailByClassTeacher => "student_email_by_class_teacher",
            K::ChangedBySchool => "changed_by_school",
            K::StaffRole { .. } => "staff_role",
            K::OutsideStaffScope { .. } => "outside_staff_scope",
            K::NoStaffRole => "no_staff_role",
            K::NotTheirDecision => "not_their_decision",
            K::VendorOnSchoolRequest => "vendor_on_school_request",
            K::VendorIsProcessor => "vendor_is_processor",
            K::VendorWithoutRequest => "vendor_without_request",
            K::VendorOutsideRequest => "vendor_outside_request",
            K::VendorRequestInvalid { .. } => "vendor_request_invalid",
        }
    }

    /// The rule this kind of reason rests on.
    pub fn rule(&self) -> RuleId {
        use ReasonKind as K;
        match self {
            K::JointParentalCare
            | K::SeparationChangesNothing { .. }
            | K::SoleParentalCare { .. }
            | K::OtherParentLostCare { .. }
            | K::DecisionNotFinal
            | K::ParentPrevented
            | K::CareRemoved => RuleId::F2,
            K::AdoptiveParentCare | K::LegalRepresentative { .. } => RuleId::F3,
            K::NoRightsOfTheirOwn { .. }
            | K::RelationshipNotInForce { .. }
            | K::NotRelated
            | K::ChangedBySchool
            | K::NotTheirDecision => RuleId::F1,
            K::CategoryRestricted { .. } | K::BarRequestWithoutEffect { .. } => RuleId::F4,
            K::GdprRightsAtSchool => RuleId::F7,
            K::AdultStudentDecides { .. }
            | K::ParentsInformedUnlessObjected
            | K::AdultObjected { .. }
            | K::StatusException
            | K::ConsentRequired { .. }
            | K::AdultPrimaryStudent => RuleId::D12,
            // Without a category, the most general rule: the student portal is free for
            // every student (R-C10); `Reason::own_data` gives the category's rule.
            K::OwnData => RuleId::C10,
            K::OnlyParentsSetService => RuleId::C6,
            K::ContactDataWithSecurityCode | K::ContactDataThroughClassTeacher => RuleId::B6,
            K::StudentEmailByClassTeacher => RuleId::B7,
            K::StaffRole { .. } | K::OutsideStaffScope { .. } | K::NoStaffRole => RuleId::F5,
            K::VendorOnSchoolRequest
            | K::VendorWithoutRequest
            | K::VendorOutsideRequest
            | K::VendorRequestInvalid { .. } => RuleId::F6,
            K::VendorIsProcessor => RuleId::F8,
        }
    }

    #[allow(clippy::too_many_lines)]
    fn render(&self, sl: bool) -> String {
        use ReasonKind as K;
        let pick = |a: &str, b: &str| if sl { a.to_owned() } else { b.to_owned() };
        let state = |s: &ParentState| match (s, sl) {
            (ParentState::Prevented, true) => "zadržan",
            (ParentState::Dead, true) => "ni več živ",
            (ParentState::Unknown, true) => "ni znan",
            (ParentState::Prevented, false) => "prevented",
            (ParentState::Dead, false) => "dead",
            (ParentState::Unknown, false) => "unknown",
        };
        let rel = |r: &Relationship| if sl { r.label_sl() } else { r.label_en() };
        match self {
            K::JointParentalCare => pick(
                "starševska skrb pripada obema staršema skupaj",
                "parental care belongs to both parents jointly",
            ),
            K::SeparationChangesNothing { since } => if sl {
                format!("razveza ali razhod staršev ({}) starševske skrbi ne odvzame", sl_date(*since))
            } else {
                format!("the parents' divorce or separation ({since}) does not remove parental care")
            },
            K::SoleParentalCare { other, state: s } => if sl {
                format!("drugi starš ({other}) {}: starševsko skrb izvaja ta starš sam", state(s))
            } else {
                format!("the other parent ({other}) is {}: this parent exercises parental care alone", state(s))
            },
            K::OtherParentLostCare { other } => if sl {
                format!("drugemu staršu ({other}) je bila starševska skrb odvzeta: pripada temu staršu")
            } else {
                format!("the other parent ({other}) lost parental care: it belongs to this parent")
            },
            K::AdoptiveParentCare => pick(
                "posvojitelj pridobi starševsko skrb",
                "an adoptive parent gains parental care",
            ),
            K::LegalRepresentative { relationship } => if sl {
                format!("{} je otrokov zakoniti zastopnik (brez starševske skrbi)", rel(relationship))
            } else {
                format!("the {} is the child's legal representative (without parental care)", rel(relationship))
            },
            K::NoRightsOfTheirOwn { relationship } => if sl {
                format!("{} nima lastnih pravic do otrokovih podatkov", rel(relationship))
            } else {
                format!("a {} has no rights of their own over the child's data", rel(relationship))
            },
            K::RelationshipNotInForce { relationship, from, until } => {
                let span = match (from, until) {
                    (Some(f), Some(u)) => format!("{f} – {u}"),
                    (Some(f), None) => format!("{f} –"),
                    (None, Some(u)) => format!("– {u}"),
                    (None, None) => String::new(),
                };
                if sl {
                    format!("razmerje »{}« na ta dan ne velja ({span})", rel(relationship))
                } else {
                    format!("the {} relationship does not hold on this date ({span})", rel(relationship))
                }
            }
            K::NotRelated => pick(
                "oseba ni otrokov starš ali zakoniti zastopnik",
                "the person is not the child's parent or legal representative",
            ),
            K::CareRemoved => pick(
                "starševska skrb je bila odvzeta s pravnomočno sodno odločbo",
                "parental care was removed by a final court decision",
            ),
            K::CategoryRestricted { category } => if sl {
                format!("pravnomočna sodna odločba omejuje pravice glede podatkov: {}", category.label_sl())
            } else {
                format!("a final court decision restricts the rights over: {}", category.label_en())
            },
            K::DecisionNotFinal => pick(
                "sodna odločba ni pravnomočna in ničesar ne spremeni",
                "the court decision is not final and changes nothing",
            ),
            K::ParentPrevented => pick(
                "starš je zadržan izvajati starševsko skrb",
                "the parent is prevented from exercising parental care",
            ),
            K::BarRequestWithoutEffect { by, date } => if sl {
                format!("zahteva osebe {} z dne {} za prepoved dostopa nima pravne podlage in je ni mogoče upoštevati", by, sl_date(*date))
            } else {
                format!("the request of {by} of {date} to bar this parent has no legal basis and has no effect")
            },
            K::GdprRightsAtSchool => pick(
                "pravice do seznanitve, popravka, izbrisa in omejitve obdelave se uveljavljajo pri šoli kot upravljavcu",
                "the rights of access, rectification, erasure and restriction are exercised at the school, the controller",
            ),
            K::AdultStudentDecides { adult_since } => if sl {
                format!("dijak je polnoleten od {} in o svojih podatkih odloča sam", sl_date(*adult_since))
            } else {
                format!("the student is an adult since {adult_since} and decides about their own data")
            },
            K::ParentsInformedUnlessObjected => pick(
                "šola starše polnoletnega dijaka obvešča, razen če dijak temu pisno nasprotuje",
                "the school keeps informing the parents of an adult student unless the student objects in writing",
            ),
            K::AdultObjected { date } => if sl {
                format!("polnoletni dijak je obveščanju staršev pisno nasprotoval {}", sl_date(*date))
            } else {
                format!("the adult student objected in writing on {date} to the parents being informed")
            },
            K::StatusException => pick(
                "zadeva lahko vpliva na izgubo statusa dijaka: starši so obveščeni ne glede na nasprotovanje",
                "the matter could cost the student their student status: the parents are told regardless",
            ),
            K::ConsentRequired { given: true } => pick(
                "polnoletni dijak je v obveščanje staršev pisno privolil",
                "the adult student consented in writing to the parents being informed",
            ),
            K::ConsentRequired { given: false } => pick(
                "za obveščanje staršev je potrebna pisna privolitev polnoletnega dijaka, ki je ni",
                "informing the parents requires the adult student's written consent, which was not given",
            ),
            K::AdultPrimaryStudent => pick(
                "polnoletni učenec: starši so obveščeni le z njegovo privolitvijo",
                "an adult primary student: the parents are informed only with their consent",
            ),
            K::OwnData => pick(
                "učenec vidi svoje podatke (kdaj, določajo pravila vidnosti)",
                "the student sees their own data (when is set by the visibility rules)",
            ),
            K::OnlyParentsSetService => pick(
                "storitev za otroka izberejo samo starši oziroma zakoniti zastopniki",
                "only parents or legal representatives choose the child's service",
            ),
            K::ContactDataWithSecurityCode => pick(
                "starš, ki je vstopil z varnostno kodo, sam spreminja svoje kontaktne podatke",
                "a parent who entered with a security code changes their own contact data",
            ),
            K::ContactDataThroughClassTeacher => pick(
                "spremembo kontaktnih podatkov sporočite razredniku, ki jo vnese",
                "report the contact change to the class teacher, who enters it",
            ),
            K::StudentEmailByClassTeacher => pick(
                "e-naslov učenca spremeni razrednik",
                "a student's email address is changed by the class teacher",
            ),
            K::ChangedBySchool => pick(
                "te podatke vnaša in spreminja šola",
                "this data is entered and changed by the school",
            ),
            K::StaffRole { role, class } => {
                let role_text = match (role, sl) {
                    (StaffRole::ClassTeacher, true) => "razrednik",
                    (StaffRole::Teacher, true) => "učitelj, ki učenca poučuje",
                    (StaffRole::Counsellor, true) => "svetovalni delavec",
                    (StaffRole::OtherProfessional, true) => "strokovni delavec po aktih šole",
                    (StaffRole::ClassTeacher, false) => "class teacher",
                    (StaffRole::Teacher, false) => "a teacher who teaches the student",
                    (StaffRole::Counsellor, false) => "school counsellor",
                    (StaffRole::OtherProfessional, false) => "professional staff under the school's acts",
                };
                match class {
                    Some(c) if sl => format!("{role_text} (oddelek {c})"),
                    Some(c) => format!("{role_text} (class {c})"),
                    None => role_text.to_owned(),
                }
            }
            K::OutsideStaffScope { .. } => pick(
                "ta kategorija ni v obsegu dostopa te vloge",
                "this category is outside what the role may access",
            ),
            K::NoStaffRole => pick(
                "delavec na ta dan nima vloge pri tem učencu",
                "the staff member has no role for this student on this date",
            ),
            K::NotTheirDecision => pick(
                "o otroku odločajo samo starši oziroma zakoniti zastopniki",
                "only the parents or legal representatives decide about the child",
            ),
            K::VendorOnSchoolRequest => pick(
                "dostop ponudnika na podlagi predhodne zahteve šole",
                "vendor access on the school's prior request",
            ),
            K::VendorIsProcessor => pick(
                "šola je upravljavec, ponudnik podatke obdeluje v njenem imenu",
                "the school is the controller; the vendor processes the data on its behalf",
            ),
            K::VendorWithoutRequest => pick(
                "ponudnik do podatkov šole dostopa le na predhodno zahtevo šole, ki je ni",
                "the vendor accesses a school's data only on the school's prior request, and there is none",
            ),
            K::VendorOutsideRequest => pick(
                "zahteva šole ne zajema tega učenca, kategorije, dneva ali dejanja",
                "the school's request does not cover this student, category, date or action",
            ),
            K::VendorRequestInvalid { max_days } => if sl {
                format!("zahteva ni bila podana pred dostopom ali presega {max_days} dni")
            } else {
                format!("the request was not made before the access or exceeds {max_days} days")
            },
        }
    }
}

/// The rule under which a student sees their own data of a category: R-D2 for grades
/// (seed 001:91), R-D3 for announced assessments (001:83, 95), R-G2 for meals (001:10,
/// 25); the catalogue has no rule of their own for the other categories, so the most
/// general one, R-C10 (the student portal is free for every student, 001:66).
pub const fn own_data_rule(category: Category) -> RuleId {
    match category {
        Category::Grades => RuleId::D2,
        Category::AnnouncedAssessments => RuleId::D3,
        Category::Meals => RuleId::G2,
        Category::Absences
        | Category::Homework
        | Category::PraiseAndComments
        | Category::Remarks
        | Category::Messages
        | Category::PersonalData
        | Category::ContactData
        | Category::ServiceChoice => RuleId::C10,
    }
}

/// One reason of a decision: its kind (which names the rule) and, where a court, a law or
/// a request is involved, the basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The rule it rests on.
    pub rule: RuleId,
    /// What it says.
    #[serde(flatten)]
    pub kind: ReasonKind,
    /// The court decision, law or request it rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<LegalBasis>,
}

impl Reason {
    /// A reason without a basis.
    pub fn new(kind: ReasonKind) -> Reason {
        Reason {
            rule: kind.rule(),
            kind,
            basis: None,
        }
    }

    /// A reason resting on a basis.
    pub fn with_basis(kind: ReasonKind, basis: LegalBasis) -> Reason {
        Reason {
            rule: kind.rule(),
            kind,
            basis: Some(basis),
        }
    }

    /// The student sees their own data of a category, under that category's rule
    /// ([`own_data_rule`]).
    pub fn own_data(category: Category) -> Reason {
        Reason {
            rule: own_data_rule(category),
            kind: ReasonKind::OwnData,
            basis: None,
        }
    }

    /// The kind's machine name (`"care_removed"`), as in JSON.
    pub fn kind_code(&self) -> String {
        self.kind.code().to_owned()
    }

    /// The reason in Slovenian, with its rule and basis.
    pub fn text_sl(&self) -> String {
        self.render(true)
    }

    /// The reason in English, with its rule and basis.
    pub fn text_en(&self) -> String {
        self.render(false)
    }

    fn render(&self, sl: bool) -> String {
        let mut s = self.kind.render(sl);
        if let Some(b) = &self.basis {
            let _ = write!(
                s,
                " ({}: {})",
                if sl { "podlaga" } else { "basis" },
                b.render(sl)
            );
        }
        let _ = write!(s, " [{}]", self.rule);
        s
    }
}

/// The answer to "may `person` `action` `category` of `student` on `date`?" with its
/// reasons (R-F1 … R-F8, R-D12, R-B6, R-B7, R-C6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Who asked.
    pub person: Person,
    /// About which child.
    pub student: StudentId,
    /// Which category.
    pub category: Category,
    /// To do what.
    pub action: Action,
    /// On which date.
    pub date: NaiveDate,
    /// The answer.
    pub allowed: bool,
    /// The capacity in which the person acts.
    pub capacity: Capacity,
    /// Every reason, in the order they were weighed; a denial has at least one with a basis
    /// where a court or law denied it.
    pub reasons: Vec<Reason>,
}

impl Decision {
    /// The rule IDs of the reasons, without repeats, in order.
    pub fn rule_ids(&self) -> Vec<RuleId> {
        let mut out = Vec::with_capacity(self.reasons.len());
        for r in &self.reasons {
            if !out.contains(&r.rule) {
                out.push(r.rule);
            }
        }
        out
    }

    /// The legal bases the decision rests on.
    pub fn bases(&self) -> Vec<&LegalBasis> {
        self.reasons
            .iter()
            .filter_map(|r| r.basis.as_ref())
            .collect()
    }

    /// Whether any reason is of a kind matching `pred`.
    pub fn has_reason(&self, pred: impl Fn(&ReasonKind) -> bool) -> bool {
        self.reasons.iter().any(|r| pred(&r.kind))
    }

    /// The whole decision in Slovenian: the answer, then each reason.
    pub fn text_sl(&self) -> String {
        self.render(true)
    }

    /// The whole decision in English: the answer, then each reason.
    pub fn text_en(&self) -> String {
        self.render(false)
    }

    fn render(&self, sl: bool) -> String {
        let mut s = if sl {
            let verb = match self.action {
                Action::See => "vpogled",
                Action::Decide => "odločanje",
                Action::Change => "spreminjanje",
            };
            format!(
                "{}: oseba {}, {} ({}), učenec {}, {}",
                if self.allowed {
                    "DOVOLJENO"
                } else {
                    "NI DOVOLJENO"
                },
                self.person.id_str(),
                verb,
                self.category.label_sl(),
                self.student,
                sl_date(self.date)
            )
        } else {
            let verb = match self.action {
                Action::See => "see",
                Action::Decide => "decide about",
                Action::Change => "change",
            };
            format!(
                "{}: {} may{} {} the {} of student {} on {}",
                if self.allowed { "ALLOWED" } else { "DENIED" },
                self.person.id_str(),
                if self.allowed { "" } else { " not" },
                verb,
                self.category.label_en(),
                self.student,
                self.date
            )
        };
        for r in &self.reasons {
            let _ = write!(s, "\n- {}", r.render(sl));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_code_is_its_json_tag() {
        let kinds = [
            ReasonKind::JointParentalCare,
            ReasonKind::CareRemoved,
            ReasonKind::CategoryRestricted {
                category: Category::Absences,
            },
            ReasonKind::AdultObjected {
                date: NaiveDate::MIN,
            },
            ReasonKind::VendorRequestInvalid { max_days: 1 },
            ReasonKind::StaffRole {
                role: StaffRole::Teacher,
                class: None,
            },
        ];
        for k in kinds {
            let json = serde_json::to_value(&k).unwrap();
            assert_eq!(json["kind"], k.code(), "{k:?}");
        }
    }
}
