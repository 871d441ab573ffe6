//! The facts the rights engine reasons over: who is related to a child and how, the court
//! decisions in force, adult students' written statements, staff assignments and vendor
//! support requests (R-F1 … R-F6, R-D12). Plain serde values, checked once when built.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Category, RightsError};
use crate::ids::{ClassId, GuardianId, StaffId, StudentId, VendorStaffId};

/// Whoever asks: a guardian (any adult related to a child), the student, school staff or
/// vendor support staff.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Person {
    /// A parent, adoptive parent, guardian, foster parent, step-parent or relative (R-F1).
    Guardian(GuardianId),
    /// The student themself (R-D12, R-C6, R-B7).
    Student(StudentId),
    /// A member of the school's staff (R-F5).
    Staff(StaffId),
    /// A member of the vendor's support staff (R-F6).
    Vendor(VendorStaffId),
}

impl Person {
    /// The kind of person: `"guardian"`, `"student"`, `"staff"` or `"vendor"`.
    pub const fn kind_code(&self) -> &'static str {
        match self {
            Person::Guardian(_) => "guardian",
            Person::Student(_) => "student",
            Person::Staff(_) => "staff",
            Person::Vendor(_) => "vendor",
        }
    }

    /// A person from a kind (`"guardian"`, `"student"`, `"staff"`, `"vendor"`) and an
    /// identifier.
    pub fn from_kind(kind: &str, id: &str) -> Result<Person, RightsError> {
        let bad = |e: crate::ids::InvalidId| RightsError::InvalidPerson {
            kind: kind.to_owned(),
            id: id.to_owned(),
            reason: e.to_string(),
        };
        Ok(match kind {
            "guardian" => Person::Guardian(GuardianId::new(id).map_err(bad)?),
            "student" => Person::Student(StudentId::new(id).map_err(bad)?),
            "staff" => Person::Staff(StaffId::new(id).map_err(bad)?),
            "vendor" => Person::Vendor(VendorStaffId::new(id).map_err(bad)?),
            other => {
                return Err(RightsError::InvalidPerson {
                    kind: other.to_owned(),
                    id: id.to_owned(),
                    reason: format!(
                        "`{other}` is not a kind of person (expected guardian, student, staff or vendor)"
                    ),
                })
            }
        })
    }

    /// The person's identifier as text.
    pub fn id_str(&self) -> &str {
        match self {
            Person::Guardian(id) => id.as_str(),
            Person::Student(id) => id.as_str(),
            Person::Staff(id) => id.as_str(),
            Person::Vendor(id) => id.as_str(),
        }
    }
}

/// How an adult is related to a child (R-F1, R-F3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relationship {
    /// A parent (starš): parental care, jointly with the other parent (R-F2).
    Parent,
    /// An adoptive parent (posvojitelj): gains parental care from the adoption (R-F3).
    AdoptiveParent,
    /// An appointed guardian (skrbnik): a legal representative without parental care (R-F3).
    Guardian,
    /// A foster parent (rejnik): a legal representative while the child is placed with
    /// them (R-F1).
    FosterParent,
    /// A step-parent: no rights of their own (R-F1).
    StepParent,
    /// A grandparent, aunt, adult sibling…: no rights of their own (R-F1).
    Relative,
}

impl Relationship {
    /// The machine name.
    pub const fn code(self) -> &'static str {
        match self {
            Relationship::Parent => "parent",
            Relationship::AdoptiveParent => "adoptive_parent",
            Relationship::Guardian => "guardian",
            Relationship::FosterParent => "foster_parent",
            Relationship::StepParent => "step_parent",
            Relationship::Relative => "relative",
        }
    }

    /// The Slovenian name.
    pub const fn label_sl(self) -> &'static str {
        match self {
            Relationship::Parent => "starš",
            Relationship::AdoptiveParent => "posvojitelj",
            Relationship::Guardian => "skrbnik",
            Relationship::FosterParent => "rejnik",
            Relationship::StepParent => "mačeha ali očim",
            Relationship::Relative => "sorodnik",
        }
    }

    /// The English name.
    pub const fn label_en(self) -> &'static str {
        match self {
            Relationship::Parent => "parent",
            Relationship::AdoptiveParent => "adoptive parent",
            Relationship::Guardian => "appointed guardian",
            Relationship::FosterParent => "foster parent",
            Relationship::StepParent => "step-parent",
            Relationship::Relative => "relative",
        }
    }

    /// Whether the relationship carries parental care (R-F2, R-F3).
    pub const fn has_parental_care(self) -> bool {
        matches!(self, Relationship::Parent | Relationship::AdoptiveParent)
    }
}

/// One adult's relationship to the child, with the period it holds (an adoption, a
/// guardianship, a foster placement). A parent's relationship has no start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The adult.
    pub guardian: GuardianId,
    /// How they are related.
    pub relationship: Relationship,
    /// From when (adoption, appointment, placement); `None`: since birth.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Until when, inclusive (end of a placement or guardianship); `None`: open.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

impl Relation {
    /// A relationship without dates (a parent, a step-parent).
    pub fn new(guardian: GuardianId, relationship: Relationship) -> Relation {
        Relation {
            guardian,
            relationship,
            from: None,
            until: None,
        }
    }

    /// The same relationship holding from `from` until `until` (inclusive).
    #[must_use]
    pub fn during(mut self, from: NaiveDate, until: Option<NaiveDate>) -> Relation {
        self.from = Some(from);
        self.until = until;
        self
    }

    /// Whether it holds on `date`.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

/// What a court decision does (R-F2, R-F4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum CourtEffect {
    /// Removes the parent's parental care (odvzem starševske skrbi).
    RemovesCare,
    /// Restricts the parent's rights over the named categories of data.
    RestrictsCategories {
        /// The categories the parent may no longer see or decide about.
        categories: Vec<Category>,
    },
}

/// A court decision about one parent (R-F2, R-F4). It has effect only once final
/// (pravnomočna) and while in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourtDecision {
    /// The court's reference (opravilna številka), e.g. "IV P 1234/2024".
    pub reference: String,
    /// The date of the decision.
    pub date: NaiveDate,
    /// The date it became final; `None`: not (yet) final, so it changes nothing.
    #[serde(default)]
    pub final_on: Option<NaiveDate>,
    /// The last day it is in force (a later decision lifted it); `None`: open.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// The parent it concerns.
    pub parent: GuardianId,
    /// What it does.
    pub effect: CourtEffect,
}

impl CourtDecision {
    /// Whether it is final and in force on `date`: decided on or before `date`, final on
    /// or before `date`, not yet lifted.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.date <= date
            && self.final_on.is_some_and(|f| f <= date)
            && self.until.is_none_or(|u| date <= u)
    }
}

/// Why a parent cannot exercise parental care (R-F2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ParentState {
    /// Prevented from exercising it (zadržan): the other parent exercises it alone.
    Prevented,
    /// No longer alive: care belongs to the other parent.
    Dead,
    /// Unknown: care belongs to the other parent.
    Unknown,
}

/// A parent's state from a date (and until a date, for a prevented parent) (R-F2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParentStatus {
    /// The parent.
    pub parent: GuardianId,
    /// The state.
    pub state: ParentState,
    /// From when.
    pub from: NaiveDate,
    /// Until when, inclusive; `None`: open.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// What establishes it (a death certificate, a centre for social work's letter), named
    /// in decisions (R-F4).
    pub reference: String,
}

impl ParentStatus {
    /// Whether it holds on `date`.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
    }
}

/// One parent's request that the school bar the other parent (R-F4). Recorded so that a
/// decision can say it was considered: without a legal basis it has no effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BarRequest {
    /// Who asked.
    pub by: GuardianId,
    /// Whom they want barred.
    pub against: GuardianId,
    /// When they asked.
    pub date: NaiveDate,
}

/// What an adult student declared in writing (R-D12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AdultStatementKind {
    /// Objects to the school informing the parents.
    Objects,
    /// Consents to the school informing the parents.
    Consents,
    /// Withdraws an earlier objection or consent.
    Withdraws,
}

/// An adult student's written statement; the latest one on or before a date counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdultStatement {
    /// The date it was given.
    pub date: NaiveDate,
    /// What it says.
    pub kind: AdultStatementKind,
}

/// Primary or secondary school (R-D12 concerns adult secondary students).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SchoolLevel {
    /// Osnovna šola (učenec).
    Primary,
    /// Srednja šola (dijak).
    Secondary,
}

/// The child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Student {
    /// The student's identifier.
    pub id: StudentId,
    /// Date of birth (the 18th birthday makes an adult, R-D12).
    pub birth_date: NaiveDate,
    /// The class (oddelek), for the class teacher and teachers (R-F5).
    #[serde(default)]
    pub class: Option<ClassId>,
    /// Primary or secondary school.
    pub level: SchoolLevel,
}

/// Everything the school knows about the people around one child (R-F1 … R-F4, R-D12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// The child.
    pub student: Student,
    /// The adults related to the child.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Court decisions about the parents.
    #[serde(default)]
    pub court_decisions: Vec<CourtDecision>,
    /// Parents prevented, dead or unknown.
    #[serde(default)]
    pub parent_statuses: Vec<ParentStatus>,
    /// One parent's requests to bar the other (no effect without a legal basis, R-F4).
    #[serde(default)]
    pub bar_requests: Vec<BarRequest>,
    /// The date the parents divorced or separated, if they did: it changes nothing (R-F2).
    #[serde(default)]
    pub separated_on: Option<NaiveDate>,
    /// The adult student's written statements (R-D12).
    #[serde(default)]
    pub adult_statements: Vec<AdultStatement>,
    /// Guardians who entered the portal with a security code (R-B6).
    #[serde(default)]
    pub entered_with_security_code: Vec<GuardianId>,
}

impl Family {
    /// A family of one child and nobody else yet.
    pub fn new(student: Student) -> Family {
        Family {
            student,
            relations: Vec::new(),
            court_decisions: Vec::new(),
            parent_statuses: Vec::new(),
            bar_requests: Vec::new(),
            separated_on: None,
            adult_statements: Vec::new(),
            entered_with_security_code: Vec::new(),
        }
    }

    /// Checks the family: nobody related to themselves, nothing dated before the birth,
    /// no period ending before it starts, every court decision with a reference.
    #[allow(clippy::too_many_lines)]
    pub fn validate(&self) -> Result<(), RightsError> {
        let student = self.student.id.as_str();
        let birth = self.student.birth_date;
        let before_birth = |what: String, date: NaiveDate| -> Result<(), RightsError> {
            if date < birth {
                Err(RightsError::DatedBeforeBirth {
                    student: student.to_owned(),
                    what,
                    date,
                    birth_date: birth,
                })
            } else {
                Ok(())
            }
        };
        let period = |what: String, from: NaiveDate, until: Option<NaiveDate>| match until {
            Some(u) if u < from => Err(RightsError::PeriodEndsBeforeStart {
                what,
                from,
                until: u,
            }),
            _ => Ok(()),
        };
        for r in &self.relations {
            if r.guardian.as_str() == student {
                return Err(RightsError::RelationshipToSelf {
                    id: student.to_owned(),
                    relationship: r.relationship.code().to_owned(),
                });
            }
            let what = format!(
                "the {} relationship of `{}`",
                r.relationship.code(),
                r.guardian
            );
            if let Some(from) = r.from {
                before_birth(what.clone(), from)?;
                period(what, from, r.until)?;
            }
        }
        for c in &self.court_decisions {
            let what = format!("court decision `{}`", c.reference);
            if c.reference.trim().is_empty() {
                return Err(RightsError::InvalidFact {
                    student: student.to_owned(),
                    what: "a court decision".into(),
                    reason: "it has no reference: a denial must name its basis (R-F4)".into(),
                });
            }
            if c.parent.as_str() == student {
                return Err(RightsError::RelationshipToSelf {
                    id: student.to_owned(),
                    relationship: "parent (in a court decision)".into(),
                });
            }
            before_birth(what.clone(), c.date)?;
            if let Some(f) = c.final_on {
                if f < c.date {
                    return Err(RightsError::PeriodEndsBeforeStart {
                        what: format!("{what} (final before decided)"),
                        from: c.date,
                        until: f,
                    });
                }
            }
            period(what, c.date, c.until)?;
        }
        for s in &self.parent_statuses {
            let what = format!("the {:?} status of `{}`", s.state, s.parent).to_lowercase();
            if s.parent.as_str() == student {
                return Err(RightsError::RelationshipToSelf {
                    id: student.to_owned(),
                    relationship: "parent (in a status)".into(),
                });
            }
            if s.reference.trim().is_empty() {
                return Err(RightsError::InvalidFact {
                    student: student.to_owned(),
                    what,
                    reason: "it has no reference: a decision must name its basis (R-F4)".into(),
                });
            }
            before_birth(what.clone(), s.from)?;
            period(what, s.from, s.until)?;
        }
        for b in &self.bar_requests {
            if b.by == b.against {
                return Err(RightsError::RelationshipToSelf {
                    id: b.by.as_str().to_owned(),
                    relationship: "other parent (in a request to bar)".into(),
                });
            }
            before_birth(
                format!("the request of `{}` to bar `{}`", b.by, b.against),
                b.date,
            )?;
        }
        if let Some(s) = self.separated_on {
            before_birth("the parents' separation".into(), s)?;
        }
        for a in &self.adult_statements {
            before_birth("a written statement of the student".into(), a.date)?;
        }
        Ok(())
    }
}

/// A staff member's role towards a class or the whole school (R-F5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StaffRole {
    /// Razrednik: the class teacher of the class.
    ClassTeacher,
    /// Učitelj: teaches the class (limited to the policy's teacher categories).
    Teacher,
    /// Svetovalni delavec: the school counsellor (the policy's counsellor categories).
    Counsellor,
    /// Other professional staff as the school's acts allow (the policy's categories).
    OtherProfessional,
}

impl StaffRole {
    /// The machine name.
    pub const fn code(self) -> &'static str {
        match self {
            StaffRole::ClassTeacher => "class_teacher",
            StaffRole::Teacher => "teacher",
            StaffRole::Counsellor => "counsellor",
            StaffRole::OtherProfessional => "other_professional",
        }
    }
}

/// A staff member in a role, for a class (class teacher, teacher) or the school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffAssignment {
    /// The staff member.
    pub staff: StaffId,
    /// The role.
    pub role: StaffRole,
    /// The class; `None` for school-wide roles (counsellor, other professional staff).
    #[serde(default)]
    pub class: Option<ClassId>,
    /// From when; `None`: always.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Until when, inclusive; `None`: open.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// The school's prior request for vendor support (R-F6): who, for which students and
/// categories, for what, and for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportRequest {
    /// The school's reference for the request (a ticket number).
    pub reference: String,
    /// The vendor staff member it authorises.
    pub vendor_staff: VendorStaffId,
    /// When the school made the request.
    pub requested_on: NaiveDate,
    /// First day of access.
    pub from: NaiveDate,
    /// Last day of access, inclusive.
    pub until: NaiveDate,
    /// The students whose data it covers.
    pub students: Vec<StudentId>,
    /// The categories it covers.
    pub categories: Vec<Category>,
    /// Why (the support task).
    pub purpose: String,
}

/// Everything the engine reasons over for one school: one [`Family`] per student, the
/// staff assignments, the vendor support requests. Checked when built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FactsData", into = "FactsData")]
pub struct Facts {
    pub(crate) families: BTreeMap<StudentId, Family>,
    pub(crate) by_guardian: BTreeMap<GuardianId, Vec<StudentId>>,
    pub(crate) staff: Vec<StaffAssignment>,
    pub(crate) support_requests: Vec<SupportRequest>,
}

/// The serialised form of [`Facts`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct FactsData {
    families: Vec<Family>,
    staff: Vec<StaffAssignment>,
    support_requests: Vec<SupportRequest>,
}

impl TryFrom<FactsData> for Facts {
    type Error = RightsError;

    fn try_from(d: FactsData) -> Result<Self, Self::Error> {
        Facts::new(d.families, d.staff, d.support_requests)
    }
}

impl From<Facts> for FactsData {
    fn from(f: Facts) -> Self {
        FactsData {
            families: f.families.into_values().collect(),
            staff: f.staff,
            support_requests: f.support_requests,
        }
    }
}

impl Facts {
    /// Checks and indexes the facts of a school.
    pub fn new(
        families: Vec<Family>,
        staff: Vec<StaffAssignment>,
        support_requests: Vec<SupportRequest>,
    ) -> Result<Facts, RightsError> {
        let mut map = BTreeMap::new();
        let mut by_guardian: BTreeMap<GuardianId, Vec<StudentId>> = BTreeMap::new();
        for family in families {
            family.validate()?;
            let id = family.student.id.clone();
            for r in &family.relations {
                let list = by_guardian.entry(r.guardian.clone()).or_default();
                if !list.contains(&id) {
                    list.push(id.clone());
                }
            }
            if map.insert(id.clone(), family).is_some() {
                return Err(RightsError::DuplicateStudent {
                    student: id.as_str().to_owned(),
                });
            }
        }
        for s in &staff {
            if let (Some(from), Some(until)) = (s.from, s.until) {
                if until < from {
                    return Err(RightsError::PeriodEndsBeforeStart {
                        what: format!("the {} assignment of `{}`", s.role.code(), s.staff),
                        from,
                        until,
                    });
                }
            }
        }
        for r in &support_requests {
            if r.until < r.from {
                return Err(RightsError::PeriodEndsBeforeStart {
                    what: format!("support request `{}`", r.reference),
                    from: r.from,
                    until: r.until,
                });
            }
        }
        Ok(Facts {
            families: map,
            by_guardian,
            staff,
            support_requests,
        })
    }

    /// Reads facts from JSON (`{"families": [...], "staff": [...], "support_requests":
    /// [...]}`), checking them.
    pub fn from_json(json: &str) -> Result<Facts, RightsError> {
        // Plain serde_json, not serde_path_to_error: the path wrapper doubles the parsing
        // code of every fact type in the mobile library; the error names line and column.
        let data: FactsData = serde_json::from_str(json).map_err(|e| RightsError::Parse {
            field: format!("line {} column {}", e.line(), e.column()),
            reason: e.to_string(),
        })?;
        Facts::try_from(data)
    }

    /// The facts as JSON; [`Facts::from_json`] reads them back unchanged.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&FactsData::from(self.clone())).unwrap_or_default()
    }

    /// The family of a student.
    pub fn family(&self, student: &StudentId) -> Option<&Family> {
        self.families.get(student)
    }

    /// Every family, by student.
    pub fn families(&self) -> impl Iterator<Item = &Family> {
        self.families.values()
    }

    /// The students a guardian is related to in any way (R-A6).
    pub fn students_of(&self, guardian: &GuardianId) -> &[StudentId] {
        self.by_guardian.get(guardian).map_or(&[], Vec::as_slice)
    }

    /// The staff assignments.
    pub fn staff(&self) -> &[StaffAssignment] {
        &self.staff
    }

    /// The vendor support requests.
    pub fn support_requests(&self) -> &[SupportRequest] {
        &self.support_requests
    }
}
