//! Rights over a child's data (R-F1 … R-F8, R-D12, R-A6, R-B6, R-B7, R-C6): the school's
//! facts as an object, questions and decisions as records.

use std::sync::Arc;
use std::time::SystemTime;

use asistent_core::rights as core_rights;
use asistent_core::rights::facts::Person;

use crate::convert::{instant_from, instant_to, LocalDate};
use crate::policy::Policy;
use crate::AsistentError;

macro_rules! mirror_enum {
    ($(#[$doc:meta])* $name:ident => $core:path { $($(#[$vdoc:meta])* $v:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name { $($(#[$vdoc])* $v,)* }

        impl From<$name> for $core {
            fn from(x: $name) -> Self {
                match x { $($name::$v => <$core>::$v,)* }
            }
        }

        impl TryFrom<$core> for $name {
            type Error = AsistentError;
            fn try_from(x: $core) -> Result<Self, AsistentError> {
                #[allow(unreachable_patterns)]
                match x {
                    $(<$core>::$v => Ok($name::$v),)*
                    other => Err(AsistentError::invalid(stringify!($name), format!("{other:?}"), "a value this version of the bindings does not know")),
                }
            }
        }
    };
}

mirror_enum!(
    /// A category of a child's data.
    DataCategory => core_rights::Category {
        /// Ocene.
        Grades,
        /// Izostanki.
        Absences,
        /// Napovedana ocenjevanja znanja.
        AnnouncedAssessments,
        /// Domače naloge.
        Homework,
        /// Pohvale in komentarji.
        PraiseAndComments,
        /// Pripombe.
        Remarks,
        /// Sporočila.
        Messages,
        /// Prehrana.
        Meals,
        /// Osebni podatki.
        PersonalData,
        /// Kontaktni podatki.
        ContactData,
        /// Izbira storitve.
        ServiceChoice,
    }
);

mirror_enum!(
    /// What a person wants to do with the data.
    RightsAction => core_rights::Action {
        /// Read it.
        See,
        /// Decide about it on the child's behalf.
        Decide,
        /// Change it.
        Change,
    }
);

mirror_enum!(
    /// The capacity in which a person acts.
    Capacity => core_rights::Capacity {
        /// Parent or adoptive parent with parental care.
        ParentWithCare,
        /// Parent whose care a final court decision removed.
        ParentWithoutCare,
        /// Appointed guardian or foster parent.
        LegalRepresentative,
        /// Step-parent, relative, ended placement.
        NoRights,
        /// The student, a minor.
        Student,
        /// The student, an adult.
        AdultStudent,
        /// School staff.
        Staff,
        /// Vendor support staff.
        VendorSupport,
        /// Not related to the child.
        Unrelated,
    }
);

/// Who asks.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RightsPerson {
    /// A parent, guardian, foster parent, step-parent or relative.
    Guardian {
        /// The guardian's ID.
        id: String,
    },
    /// The student.
    Student {
        /// The student's ID.
        id: String,
    },
    /// School staff.
    Staff {
        /// The staff member's ID.
        id: String,
    },
    /// Vendor support staff.
    Vendor {
        /// The vendor staff member's ID.
        id: String,
    },
}

impl TryFrom<RightsPerson> for Person {
    type Error = AsistentError;
    fn try_from(p: RightsPerson) -> Result<Self, AsistentError> {
        let (kind, id) = match &p {
            RightsPerson::Guardian { id } => ("guardian", id),
            RightsPerson::Student { id } => ("student", id),
            RightsPerson::Staff { id } => ("staff", id),
            RightsPerson::Vendor { id } => ("vendor", id),
        };
        Ok(Person::from_kind(kind, id)?)
    }
}

impl TryFrom<&Person> for RightsPerson {
    type Error = AsistentError;
    fn try_from(p: &Person) -> Result<Self, AsistentError> {
        let id = p.id_str().to_owned();
        Ok(match p {
            Person::Guardian(_) => RightsPerson::Guardian { id },
            Person::Student(_) => RightsPerson::Student { id },
            Person::Staff(_) => RightsPerson::Staff { id },
            Person::Vendor(_) => RightsPerson::Vendor { id },
            other => return Err(AsistentError::unsupported("person", other)),
        })
    }
}

/// A question: may `person` do `action` with `category` of `student` on `date`?
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RightsQuestion {
    /// Who asks.
    pub person: RightsPerson,
    /// The student's ID.
    pub student: String,
    /// Which category.
    pub category: DataCategory,
    /// To do what.
    pub action: RightsAction,
    /// On which local date.
    pub date: LocalDate,
    /// Whether the matter could cost an adult student their status (R-D12).
    pub concerns_student_status: bool,
}

impl TryFrom<RightsQuestion> for core_rights::Question {
    type Error = AsistentError;
    fn try_from(q: RightsQuestion) -> Result<Self, AsistentError> {
        let student = asistent_core::ids::StudentId::new(&q.student)
            .map_err(|e| AsistentError::invalid("student ID", q.student.clone(), e))?;
        let mut out = core_rights::Question::new(
            q.person.try_into()?,
            student,
            q.category.into(),
            q.action.into(),
            q.date,
        );
        out.concerns_student_status = q.concerns_student_status;
        Ok(out)
    }
}

/// A court decision, law or school request a decision rests on (R-F4).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LegalBasis {
    /// The reference (case number, article, request number).
    pub reference: String,
    /// Its date.
    pub date: LocalDate,
}

/// One reason of a decision.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RightsReason {
    /// The rule ID, e.g. "R-F4".
    pub rule: String,
    /// The kind of reason, e.g. "care_removed".
    pub kind: String,
    /// The basis, if a court, law or request is involved.
    pub basis: Option<LegalBasis>,
    /// In Slovenian.
    pub text_sl: String,
    /// In English.
    pub text_en: String,
}

/// The answer, with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RightsDecision {
    /// Who asked.
    pub person: RightsPerson,
    /// The student's ID.
    pub student: String,
    /// Which category.
    pub category: DataCategory,
    /// To do what.
    pub action: RightsAction,
    /// On which date.
    pub date: LocalDate,
    /// The answer.
    pub allowed: bool,
    /// The capacity in which the person acts.
    pub capacity: Capacity,
    /// The reasons, in the order weighed.
    pub reasons: Vec<RightsReason>,
    /// The rule IDs, without repeats.
    pub rule_ids: Vec<String>,
    /// The whole decision in Slovenian.
    pub text_sl: String,
    /// The whole decision in English.
    pub text_en: String,
}

fn basis(b: &core_rights::LegalBasis) -> LegalBasis {
    LegalBasis {
        reference: b.reference.clone(),
        date: b.date,
    }
}

impl TryFrom<core_rights::Decision> for RightsDecision {
    type Error = AsistentError;
    fn try_from(d: core_rights::Decision) -> Result<Self, AsistentError> {
        Ok(RightsDecision {
            person: RightsPerson::try_from(&d.person)?,
            student: d.student.as_str().to_owned(),
            category: d.category.try_into()?,
            action: d.action.try_into()?,
            date: d.date,
            allowed: d.allowed,
            capacity: d.capacity.try_into()?,
            reasons: d
                .reasons
                .iter()
                .map(|r| RightsReason {
                    rule: r.rule.as_str().to_owned(),
                    kind: r.kind_code(),
                    basis: r.basis.as_ref().map(basis),
                    text_sl: r.text_sl(),
                    text_en: r.text_en(),
                })
                .collect(),
            rule_ids: d.rule_ids().iter().map(|r| r.as_str().to_owned()).collect(),
            text_sl: d.text_sl(),
            text_en: d.text_en(),
        })
    }
}

/// One child of a guardian's login (R-A6).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChildView {
    /// The student's ID.
    pub student: String,
    /// The capacity in which the guardian acts.
    pub capacity: Capacity,
    /// Whether the guardian may decide for the child.
    pub may_act: bool,
    /// The categories the guardian may see.
    pub visible: Vec<DataCategory>,
    /// The decision for each category.
    pub decisions: Vec<RightsDecision>,
}

/// A record of one access (R-F6), for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccessRecord {
    /// Who.
    pub who: RightsPerson,
    /// In which capacity.
    pub role: Capacity,
    /// The staff role's code, for staff ("class_teacher", …).
    pub staff_role: Option<String>,
    /// Whose data.
    pub student: String,
    /// Which category.
    pub category: DataCategory,
    /// What was done.
    pub action: RightsAction,
    /// For what.
    pub purpose: String,
    /// On which basis.
    pub basis: Option<LegalBasis>,
    /// When.
    pub at: SystemTime,
    /// Whether it was allowed.
    pub allowed: bool,
    /// The rule IDs.
    pub rules: Vec<String>,
    /// The record as JSON, as the audit trail stores it.
    pub json: String,
}

impl TryFrom<AccessRecord> for core_rights::AccessRecord {
    type Error = AsistentError;

    /// The core record, which must be the one in `json` (as the rights engine made it):
    /// a record whose fields were changed after the decision — an access made to look
    /// allowed, a basis added — is refused, so the audit trail records only real
    /// decisions (R-F6).
    fn try_from(r: AccessRecord) -> Result<Self, AsistentError> {
        let stored: core_rights::AccessRecord = serde_json::from_str(&r.json).map_err(|e| {
            AsistentError::invalid(
                "access record",
                r.json.clone(),
                format!("its `json` is not an access record of the rights engine: {e}"),
            )
        })?;
        let fields = access_record_from_fields(r)?;
        if fields != stored {
            return Err(AsistentError::invalid(
                "access record",
                stored.to_json(),
                "its fields differ from its `json`: an access record is audited as the rights engine made it (R-F6), not edited",
            ));
        }
        Ok(stored)
    }
}

/// The core record as the fields of the Kotlin/Swift record state it.
fn access_record_from_fields(r: AccessRecord) -> Result<core_rights::AccessRecord, AsistentError> {
    let staff_role = match r.staff_role.as_deref() {
            None => None,
            Some(code) => Some(
                serde_json::from_value::<core_rights::StaffRole>(serde_json::Value::String(
                    code.to_owned(),
                ))
                .map_err(|_| {
                    AsistentError::invalid(
                        "staff role",
                        code,
                        format!("`{code}` is not a staff role (expected one of: class_teacher, teacher, counsellor, other_professional)"),
                    )
                })?,
            ),
        };
    Ok(core_rights::AccessRecord {
        who: r.who.try_into()?,
        role: r.role.into(),
        staff_role,
        student: asistent_core::ids::StudentId::new(&r.student)
            .map_err(|e| AsistentError::invalid("student ID", r.student.clone(), e))?,
        category: r.category.into(),
        action: r.action.into(),
        purpose: r.purpose,
        basis: r.basis.map(|b| core_rights::LegalBasis {
            reference: b.reference,
            date: b.date,
        }),
        at: instant_from(r.at)?,
        allowed: r.allowed,
        rules: r
            .rules
            .iter()
            .map(|id| {
                id.parse::<asistent_core::rules::RuleId>()
                    .map_err(|e| AsistentError::invalid("rule ID", id, e))
            })
            .collect::<Result<_, _>>()?,
    })
}

/// A decided access: the decision and its record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccessOutcome {
    /// The decision.
    pub decision: RightsDecision,
    /// The record to keep.
    pub record: AccessRecord,
}

/// The school's facts: families, staff, vendor support requests (R-F1 … R-F6).
#[derive(Debug, uniffi::Object)]
pub struct RightsFacts {
    pub(crate) inner: core_rights::Facts,
}

fn decisions(ds: Vec<core_rights::Decision>) -> Result<Vec<RightsDecision>, AsistentError> {
    ds.into_iter().map(TryInto::try_into).collect()
}

fn guardian_id(id: &str) -> Result<asistent_core::ids::GuardianId, AsistentError> {
    asistent_core::ids::GuardianId::new(id)
        .map_err(|e| AsistentError::invalid("guardian ID", id, e))
}

#[uniffi::export]
impl RightsFacts {
    /// Reads and checks the facts from JSON (`{"families": […], "staff": […],
    /// "support_requests": […]}`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<RightsFacts>, AsistentError> {
        Ok(Arc::new(RightsFacts {
            inner: core_rights::Facts::from_json(&json)?,
        }))
    }

    /// The facts as JSON; `fromJson` reads them back unchanged.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Answers one question.
    pub fn decide(
        &self,
        question: RightsQuestion,
        policy: Arc<Policy>,
    ) -> Result<RightsDecision, AsistentError> {
        self.inner
            .decide(&question.try_into()?, &policy.inner)?
            .try_into()
    }

    /// Answers many questions in one call.
    pub fn decide_many(
        &self,
        questions: Vec<RightsQuestion>,
        policy: Arc<Policy>,
    ) -> Result<Vec<RightsDecision>, AsistentError> {
        // A bad question is named by its position, from 0 (`index` where the error has
        // one, and the message: "question 2: …"); `decide_many` is `decide` over the list,
        // so asking one by one finds it.
        let qs = questions
            .into_iter()
            .enumerate()
            .map(|(i, q)| {
                core_rights::Question::try_from(q).map_err(|e| e.at_position("question", i))
            })
            .collect::<Result<Vec<_>, _>>()?;
        qs.iter()
            .enumerate()
            .map(|(i, q)| {
                self.inner
                    .decide(q, &policy.inner)
                    .map_err(|e| AsistentError::from(e).at_position("question", i))
                    .and_then(TryInto::try_into)
            })
            .collect()
    }

    /// Decides `action` for every (guardian, child, category) of the school on `date`.
    pub fn decide_every_guardian(
        &self,
        action: RightsAction,
        date: LocalDate,
        policy: Arc<Policy>,
    ) -> Result<Vec<RightsDecision>, AsistentError> {
        decisions(
            self.inner
                .decide_every_guardian(action.into(), date, &policy.inner),
        )
    }

    /// One login, many children (R-A6): the children a guardian may act for or see.
    pub fn children_of(
        &self,
        guardian: String,
        date: LocalDate,
        policy: Arc<Policy>,
    ) -> Result<Vec<ChildView>, AsistentError> {
        self.inner
            .children_of(&guardian_id(&guardian)?, date, &policy.inner)?
            .into_iter()
            .map(|c| {
                Ok(ChildView {
                    student: c.student.as_str().to_owned(),
                    capacity: c.capacity.try_into()?,
                    may_act: c.may_act,
                    visible: c
                        .visible
                        .into_iter()
                        .map(TryInto::try_into)
                        .collect::<Result<_, _>>()?,
                    decisions: decisions(c.decisions)?,
                })
            })
            .collect()
    }

    /// Decides an access at an instant and returns the record the audit trail keeps (R-F6).
    #[allow(clippy::too_many_arguments)]
    pub fn access(
        &self,
        person: RightsPerson,
        student: String,
        category: DataCategory,
        action: RightsAction,
        purpose: String,
        at: SystemTime,
        policy: Arc<Policy>,
    ) -> Result<AccessOutcome, AsistentError> {
        let student = asistent_core::ids::StudentId::new(&student)
            .map_err(|e| AsistentError::invalid("student ID", student.clone(), e))?;
        let (decision, record) = self.inner.access(
            person.try_into()?,
            student,
            category.into(),
            action.into(),
            &purpose,
            instant_from(at)?,
            &policy.inner,
        )?;
        let json = record.to_json();
        Ok(AccessOutcome {
            decision: decision.try_into()?,
            record: AccessRecord {
                who: RightsPerson::try_from(&record.who)?,
                role: record.role.try_into()?,
                staff_role: record.staff_role.map(|r| r.code().to_owned()),
                student: record.student.as_str().to_owned(),
                category: record.category.try_into()?,
                action: record.action.try_into()?,
                purpose: record.purpose,
                basis: record.basis.as_ref().map(basis),
                at: instant_to(record.at),
                allowed: record.allowed,
                rules: record.rules.iter().map(|r| r.as_str().to_owned()).collect(),
                json,
            },
        })
    }
}

/// Reads a category's machine name ("grades", "announced_assessments", …).
#[uniffi::export]
pub fn parse_category(text: String) -> Result<DataCategory, AsistentError> {
    let c: core_rights::Category = text.parse().map_err(core_rights::RightsError::from)?;
    c.try_into()
}

/// A category's Slovenian label.
#[uniffi::export]
pub fn category_label_sl(category: DataCategory) -> String {
    core_rights::Category::from(category).label_sl().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_f1_every_kind_of_person_maps_to_itself_never_to_a_guardian() {
        for kind in ["guardian", "student", "staff", "vendor"] {
            let core = Person::from_kind(kind, "x1").expect("a known kind");
            let ffi = RightsPerson::try_from(&core).expect("every current kind is mapped");
            assert_eq!(Person::try_from(ffi).expect("maps back"), core);
        }
    }
}
