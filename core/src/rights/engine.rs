//! The rights engine: *(person, child, category, action, date)* → [`Decision`] over
//! [`Facts`] and the [`Policy`] (R-F1 … R-F8, R-D12, R-A6, R-B6, R-B7, R-C6).
//!
//! Only facts dated on or before the question's date are weighed, so an answer for a date
//! never changes because of something decided later.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::decision::{Capacity, Decision, LegalBasis, Reason, ReasonKind as K};
use super::facts::{
    AdultStatementKind, CourtEffect, Facts, Family, Person, Relation, Relationship, SchoolLevel,
    StaffRole, SupportRequest,
};
use super::{Action, Category, RightsError};
use crate::calendar;
use crate::ids::{GuardianId, StudentId};
use crate::policy::{AdultInforming, Policy};
use crate::rules::RuleId;

/// A question to the engine: may `person` do `action` with `category` of `student`'s data
/// on `date`?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Who asks.
    pub person: Person,
    /// About which child.
    pub student: StudentId,
    /// Which category.
    pub category: Category,
    /// To do what.
    pub action: Action,
    /// On which local date.
    pub date: NaiveDate,
    /// Whether the matter could cost an adult student their student status (R-D12).
    #[serde(default)]
    pub concerns_student_status: bool,
}

impl Question {
    /// A question about an ordinary matter.
    pub fn new(
        person: Person,
        student: StudentId,
        category: Category,
        action: Action,
        date: NaiveDate,
    ) -> Question {
        Question {
            person,
            student,
            category,
            action,
            date,
            concerns_student_status: false,
        }
    }

    /// "May guardian `g` see `category` of `student` on `date`?" — the visibility rules'
    /// question.
    pub fn may_see(
        guardian: GuardianId,
        student: StudentId,
        category: Category,
        date: NaiveDate,
    ) -> Question {
        Question::new(
            Person::Guardian(guardian),
            student,
            category,
            Action::See,
            date,
        )
    }

    /// The same question about a matter that could cost the student their status (R-D12).
    #[must_use]
    pub fn about_student_status(mut self) -> Question {
        self.concerns_student_status = true;
        self
    }
}

/// One child of a guardian's login (R-A6): the capacity in which the guardian acts and
/// what they may see on the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildView {
    /// The child.
    pub student: StudentId,
    /// The capacity in which the guardian acts for this child.
    pub capacity: Capacity,
    /// Whether the guardian may decide about the child's personal data (act for them).
    pub may_act: bool,
    /// The categories the guardian may see.
    pub visible: Vec<Category>,
    /// The decision for each category (see), with reasons.
    pub decisions: Vec<Decision>,
}

/// A record of one access to a child's data (R-F6): who, in which role, whose data, which
/// category, for what, on which basis, when, and the answer. A plain value; the audit
/// trail chains such records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRecord {
    /// Who accessed.
    pub who: Person,
    /// In which capacity.
    pub role: Capacity,
    /// The staff role, for staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_role: Option<StaffRole>,
    /// Whose data.
    pub student: StudentId,
    /// Which category.
    pub category: Category,
    /// What was done.
    pub action: Action,
    /// For what (a support ticket's task, a teacher's lesson).
    pub purpose: String,
    /// The basis (a school's support request, a court decision), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<LegalBasis>,
    /// When.
    pub at: DateTime<Utc>,
    /// Whether it was allowed.
    pub allowed: bool,
    /// The rules the decision rests on.
    pub rules: Vec<RuleId>,
}

impl AccessRecord {
    /// The record as JSON, as the audit trail stores it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Every bit of [`Facts::see_mask`] set.
pub(crate) const ALL_CATEGORIES: u16 = (1 << Category::ALL.len()) - 1;

/// The day a person born on `birth` reaches `age` (29 February → 28 February).
pub fn coming_of_age(birth: NaiveDate, age: u32) -> Option<NaiveDate> {
    birth.checked_add_months(Months::new(age.saturating_mul(12)))
}

struct Answer {
    allowed: bool,
    capacity: Capacity,
    reasons: Vec<Reason>,
}

impl Answer {
    fn new(capacity: Capacity) -> Answer {
        Answer {
            allowed: true,
            capacity,
            reasons: Vec::new(),
        }
    }

    fn deny(mut self, kind: K) -> Answer {
        self.allowed = false;
        self.reasons.push(Reason::new(kind));
        self
    }

    fn note(&mut self, kind: K) {
        self.reasons.push(Reason::new(kind));
    }

    fn note_with(&mut self, kind: K, basis: LegalBasis) {
        self.reasons.push(Reason::with_basis(kind, basis));
    }
}

impl Facts {
    /// Answers one question (R-F1 … R-F8, R-D12, R-B6, R-B7, R-C6).
    pub fn decide(&self, q: &Question, policy: &Policy) -> Result<Decision, RightsError> {
        let family = self.family_on(&q.student, q.date)?;
        let answer = match &q.person {
            Person::Guardian(g) => guardian(family, g, q, policy),
            Person::Student(s) => student(family, s, q, policy),
            Person::Staff(s) => self.staff_answer(family, s, q, policy),
            Person::Vendor(v) => self.vendor_answer(v, q, policy),
        };
        Ok(Decision {
            person: q.person.clone(),
            student: q.student.clone(),
            category: q.category,
            action: q.action,
            date: q.date,
            allowed: answer.allowed,
            capacity: answer.capacity,
            reasons: answer.reasons,
        })
    }

    /// The family of a student asked about on a date: known, and born by then.
    pub(crate) fn family_on(
        &self,
        student: &StudentId,
        date: NaiveDate,
    ) -> Result<&Family, RightsError> {
        let family = self
            .families
            .get(student)
            .ok_or_else(|| RightsError::UnknownStudent {
                student: student.as_str().to_owned(),
            })?;
        let birth = family.student.birth_date;
        if date < birth {
            return Err(RightsError::DatedBeforeBirth {
                student: student.as_str().to_owned(),
                what: "the question".into(),
                date,
                birth_date: birth,
            });
        }
        Ok(family)
    }

    /// Which categories `person` may see of `student` on `date`, as a bit set (bit `i`
    /// for `Category::ALL[i]`): the same answers as [`Facts::decide`] with
    /// [`Action::See`] for each category, decided once where the answer cannot depend on
    /// the category — the visibility batch's rights gate (R-F1 … R-F4, R-D12).
    pub(crate) fn see_mask(
        &self,
        person: &Person,
        student: &StudentId,
        date: NaiveDate,
        policy: &Policy,
    ) -> Result<u16, RightsError> {
        let family = self.family_on(student, date)?;
        self.see_mask_in(family, person, student, date, policy)
    }

    /// [`Facts::see_mask`] with the family already looked up by [`Facts::family_on`].
    pub(crate) fn see_mask_in(
        &self,
        family: &Family,
        person: &Person,
        student: &StudentId,
        date: NaiveDate,
        policy: &Policy,
    ) -> Result<u16, RightsError> {
        let ask = |category| {
            let q = Question::new(person.clone(), student.clone(), category, Action::See, date);
            match person {
                Person::Guardian(g) => Ok(guardian(family, g, &q, policy).allowed),
                _ => self.decide(&q, policy).map(|d| d.allowed),
            }
        };
        // Seeing does not depend on the category for a student's own data and for a
        // guardian without a court decision restricting categories (see `guardian` and
        // `student`).
        let per_category = match person {
            Person::Student(s) => {
                return Ok(if s == &family.student.id {
                    ALL_CATEGORIES
                } else {
                    0
                });
            }
            Person::Guardian(g) => family.court_decisions.iter().any(|c| {
                &c.parent == g && matches!(c.effect, CourtEffect::RestrictsCategories { .. })
            }),
            _ => true,
        };
        let first = ask(Category::ALL[0])?;
        if !per_category {
            return Ok(if first { ALL_CATEGORIES } else { 0 });
        }
        let mut mask = u16::from(first);
        for (i, category) in Category::ALL.iter().enumerate().skip(1) {
            if ask(*category)? {
                mask |= 1 << i;
            }
        }
        Ok(mask)
    }

    /// Answers many questions in one call; the first bad question is the error.
    pub fn decide_many(
        &self,
        questions: &[Question],
        policy: &Policy,
    ) -> Result<Vec<Decision>, RightsError> {
        questions.iter().map(|q| self.decide(q, policy)).collect()
    }

    /// Decides `action` for every (guardian, child, category) of the school on `date` —
    /// the school-wide batch. Children not yet born on `date` are skipped.
    pub fn decide_every_guardian(
        &self,
        action: Action,
        date: NaiveDate,
        policy: &Policy,
    ) -> Vec<Decision> {
        let mut out = Vec::new();
        for family in self.families.values() {
            if date < family.student.birth_date {
                continue;
            }
            let mut seen: Vec<&GuardianId> = Vec::new();
            for r in &family.relations {
                if seen.contains(&&r.guardian) {
                    continue;
                }
                seen.push(&r.guardian);
                for category in Category::ALL {
                    let q = Question::new(
                        Person::Guardian(r.guardian.clone()),
                        family.student.id.clone(),
                        category,
                        action,
                        date,
                    );
                    let a = guardian(family, &r.guardian, &q, policy);
                    out.push(Decision {
                        person: q.person,
                        student: q.student,
                        category,
                        action,
                        date,
                        allowed: a.allowed,
                        capacity: a.capacity,
                        reasons: a.reasons,
                    });
                }
            }
        }
        out
    }

    /// One login, many children (R-A6): every child the guardian may act for or see on
    /// `date`, each with what they may see. Children the guardian has no rights over
    /// (step-child, ended placement, care removed) are left out.
    pub fn children_of(
        &self,
        guardian: &GuardianId,
        date: NaiveDate,
        policy: &Policy,
    ) -> Result<Vec<ChildView>, RightsError> {
        let mut out = Vec::new();
        for student in self.students_of(guardian) {
            let Some(family) = self.families.get(student) else {
                continue;
            };
            if date < family.student.birth_date {
                continue;
            }
            let mut decisions = Vec::with_capacity(Category::ALL.len());
            for category in Category::ALL {
                decisions.push(self.decide(
                    &Question::may_see(guardian.clone(), student.clone(), category, date),
                    policy,
                )?);
            }
            let act = self.decide(
                &Question::new(
                    Person::Guardian(guardian.clone()),
                    student.clone(),
                    Category::PersonalData,
                    Action::Decide,
                    date,
                ),
                policy,
            )?;
            let visible: Vec<Category> = decisions
                .iter()
                .filter(|d| d.allowed)
                .map(|d| d.category)
                .collect();
            if visible.is_empty() && !act.allowed {
                continue;
            }
            out.push(ChildView {
                student: student.clone(),
                capacity: act.capacity,
                may_act: act.allowed,
                visible,
                decisions,
            });
        }
        Ok(out)
    }

    /// Decides an access at instant `at` (its Ljubljana date) and returns the decision with
    /// the [`AccessRecord`] the audit trail keeps (R-F6) — for allowed and refused
    /// accesses alike.
    #[allow(clippy::too_many_arguments)]
    pub fn access(
        &self,
        person: Person,
        student: StudentId,
        category: Category,
        action: Action,
        purpose: &str,
        at: DateTime<Utc>,
        policy: &Policy,
    ) -> Result<(Decision, AccessRecord), RightsError> {
        let date = calendar::local_date(at);
        let decision = self.decide(
            &Question::new(person, student, category, action, date),
            policy,
        )?;
        let staff_role = decision.reasons.iter().find_map(|r| match r.kind {
            K::StaffRole { role, .. } => Some(role),
            _ => None,
        });
        let record = AccessRecord {
            who: decision.person.clone(),
            role: decision.capacity,
            staff_role,
            student: decision.student.clone(),
            category,
            action,
            purpose: purpose.to_owned(),
            basis: decision.bases().first().map(|b| (*b).clone()),
            at,
            allowed: decision.allowed,
            rules: decision.rule_ids(),
        };
        Ok((decision, record))
    }

    fn staff_answer(
        &self,
        family: &Family,
        staff: &crate::ids::StaffId,
        q: &Question,
        policy: &Policy,
    ) -> Answer {
        let rights = &policy.rights;
        let mut best: Option<(StaffRole, bool)> = None;
        let mut any_role = None;
        for a in self.staff.iter().filter(|a| &a.staff == staff) {
            let in_time = a.from.is_none_or(|f| f <= q.date) && a.until.is_none_or(|u| q.date <= u);
            if !in_time {
                continue;
            }
            let applies = match a.role {
                StaffRole::ClassTeacher | StaffRole::Teacher => {
                    a.class.is_some() && a.class == family.student.class
                }
                StaffRole::Counsellor | StaffRole::OtherProfessional => true,
            };
            if !applies {
                continue;
            }
            let scope: &[Category] = match a.role {
                StaffRole::ClassTeacher => &Category::ALL,
                StaffRole::Teacher => &rights.teacher_categories,
                StaffRole::Counsellor => &rights.counsellor_categories,
                StaffRole::OtherProfessional => &rights.other_professional_categories,
            };
            let in_scope = scope.contains(&q.category);
            any_role.get_or_insert(a.role);
            if in_scope && best.is_none_or(|(r, _)| rank(a.role) > rank(r)) {
                best = Some((a.role, true));
            }
        }
        let mut ans = Answer::new(Capacity::Staff);
        let Some(role) = best.map(|(r, _)| r).or(any_role) else {
            ans.capacity = Capacity::Unrelated;
            return ans.deny(K::NoStaffRole);
        };
        let class = match role {
            StaffRole::ClassTeacher | StaffRole::Teacher => family.student.class.clone(),
            _ => None,
        };
        ans.note(K::StaffRole { role, class });
        if best.is_none() {
            return ans.deny(K::OutsideStaffScope { role });
        }
        match q.action {
            Action::See => ans,
            Action::Decide => ans.deny(K::NotTheirDecision),
            Action::Change => match (role, q.category) {
                (_, Category::ServiceChoice) => ans.deny(K::OnlyParentsSetService),
                (StaffRole::ClassTeacher, Category::ContactData) => {
                    ans.note(K::StudentEmailByClassTeacher);
                    ans.note(K::ContactDataThroughClassTeacher);
                    ans
                }
                (StaffRole::ClassTeacher | StaffRole::Teacher, _) => ans,
                (r, _) => ans.deny(K::OutsideStaffScope { role: r }),
            },
        }
    }

    fn vendor_answer(
        &self,
        vendor: &crate::ids::VendorStaffId,
        q: &Question,
        policy: &Policy,
    ) -> Answer {
        let ans = Answer::new(Capacity::VendorSupport);
        if q.action == Action::Decide {
            return ans.deny(K::NotTheirDecision);
        }
        let max_days = policy.rights.vendor_max_access_days;
        let mut nearest = None;
        // R-F6: any valid covering request allows, whatever the order of the requests;
        // the request named — the valid one that allows, or when every covering request
        // is invalid the invalid one, or else the nearest one that does not cover — is the
        // earliest made (then the smallest reference), so that neither the answer nor the
        // basis in the audit trail depends on the order.
        let key = |x: &SupportRequest| (x.requested_on, x.reference.clone(), x.from, x.until);
        let mut invalid: Option<&SupportRequest> = None;
        let mut valid: Option<&SupportRequest> = None;
        let mut outside: Option<&SupportRequest> = None;
        for r in self
            .support_requests
            .iter()
            .filter(|r| &r.vendor_staff == vendor && r.requested_on <= q.date)
        {
            let covers = r.from <= q.date
                && q.date <= r.until
                && r.students.contains(&q.student)
                && r.categories.contains(&q.category);
            let slot = if covers {
                let days = (r.until - r.from).num_days() + 1;
                if r.requested_on > r.from || days > i64::from(max_days) {
                    &mut invalid
                } else {
                    &mut valid
                }
            } else {
                &mut outside
            };
            if slot.is_none_or(|s| key(r) < key(s)) {
                *slot = Some(r);
            }
        }
        if let Some(r) = valid {
            let mut a = Answer::new(Capacity::VendorSupport);
            a.note_with(
                K::VendorOnSchoolRequest,
                LegalBasis {
                    reference: r.reference.clone(),
                    date: r.requested_on,
                },
            );
            a.note(K::VendorIsProcessor);
            return a;
        }
        if let Some(r) = outside {
            nearest.get_or_insert(LegalBasis {
                reference: r.reference.clone(),
                date: r.requested_on,
            });
        }
        if let Some(r) = invalid {
            let mut a = Answer::new(Capacity::VendorSupport);
            a.allowed = false;
            a.note_with(
                K::VendorRequestInvalid { max_days },
                LegalBasis {
                    reference: r.reference.clone(),
                    date: r.requested_on,
                },
            );
            return a;
        }
        match nearest {
            Some(basis) => {
                let mut a = ans;
                a.allowed = false;
                a.note_with(K::VendorOutsideRequest, basis);
                a
            }
            None => ans.deny(K::VendorWithoutRequest),
        }
    }
}

fn rank(role: StaffRole) -> u8 {
    match role {
        StaffRole::ClassTeacher => 4,
        StaffRole::Counsellor => 3,
        StaffRole::Teacher => 2,
        StaffRole::OtherProfessional => 1,
    }
}

fn strength(r: Relationship) -> u8 {
    match r {
        Relationship::Parent | Relationship::AdoptiveParent => 3,
        Relationship::Guardian | Relationship::FosterParent => 2,
        _ => 1,
    }
}

fn status_basis(reference: &str, from: NaiveDate) -> LegalBasis {
    LegalBasis {
        reference: reference.to_owned(),
        date: from,
    }
}

/// The answer for a guardian (R-F1 … R-F4, R-F7, R-D12, R-B6, R-C6).
#[allow(clippy::too_many_lines, clippy::many_single_char_names)]
fn guardian(family: &Family, g: &GuardianId, q: &Question, policy: &Policy) -> Answer {
    let d = q.date;
    let mine: Vec<&Relation> = family
        .relations
        .iter()
        .filter(|r| &r.guardian == g)
        .collect();
    if mine.is_empty() {
        return Answer::new(Capacity::Unrelated).deny(K::NotRelated);
    }
    let holding = mine
        .iter()
        .filter(|r| r.holds_on(d))
        .max_by_key(|r| strength(r.relationship));
    let Some(rel) = holding else {
        let r = mine
            .iter()
            .max_by_key(|r| strength(r.relationship))
            .copied()
            .unwrap_or(mine[0]);
        return Answer::new(Capacity::NoRights).deny(K::RelationshipNotInForce {
            relationship: r.relationship,
            from: r.from,
            until: r.until,
        });
    };
    let relationship = rel.relationship;
    let mut ans = match relationship {
        Relationship::Parent | Relationship::AdoptiveParent => {
            Answer::new(Capacity::ParentWithCare)
        }
        Relationship::Guardian | Relationship::FosterParent => {
            let mut a = Answer::new(Capacity::LegalRepresentative);
            a.note(K::LegalRepresentative { relationship });
            a
        }
        _ => {
            return Answer::new(Capacity::NoRights).deny(K::NoRightsOfTheirOwn { relationship });
        }
    };
    if relationship.has_parental_care() {
        if relationship == Relationship::AdoptiveParent {
            ans.note(K::AdoptiveParentCare);
        }
        // The other parents and their state: sole or joint care.
        let mut sole = false;
        for other in family
            .relations
            .iter()
            .filter(|r| &r.guardian != g && r.relationship.has_parental_care() && r.holds_on(d))
        {
            if let Some(s) = family
                .parent_statuses
                .iter()
                .find(|s| s.parent == other.guardian && s.holds_on(d))
            {
                sole = true;
                ans.note_with(
                    K::SoleParentalCare {
                        other: other.guardian.clone(),
                        state: s.state,
                    },
                    status_basis(&s.reference, s.from),
                );
            } else if let Some(c) = family.court_decisions.iter().find(|c| {
                c.parent == other.guardian
                    && c.effect == CourtEffect::RemovesCare
                    && c.in_force_on(d)
            }) {
                sole = true;
                ans.note_with(
                    K::OtherParentLostCare {
                        other: other.guardian.clone(),
                    },
                    court_basis(c),
                );
            }
        }
        if !sole {
            ans.note(K::JointParentalCare);
        }
        if let Some(since) = family.separated_on.filter(|s| *s <= d) {
            ans.note(K::SeparationChangesNothing { since });
        }
    }
    // Requests to bar this guardian: considered, without effect (R-F4).
    for b in family
        .bar_requests
        .iter()
        .filter(|b| &b.against == g && b.date <= d)
    {
        ans.note(K::BarRequestWithoutEffect {
            by: b.by.clone(),
            date: b.date,
        });
    }
    // This guardian's own state and the court decisions about them (R-F2, R-F4).
    if let Some(s) = family
        .parent_statuses
        .iter()
        .find(|s| &s.parent == g && s.holds_on(d))
    {
        ans.allowed = false;
        ans.note_with(K::ParentPrevented, status_basis(&s.reference, s.from));
    }
    for c in family
        .court_decisions
        .iter()
        .filter(|c| &c.parent == g && c.date <= d)
    {
        if c.in_force_on(d) {
            match &c.effect {
                CourtEffect::RemovesCare => {
                    ans.allowed = false;
                    ans.capacity = Capacity::ParentWithoutCare;
                    ans.note_with(K::CareRemoved, court_basis(c));
                }
                CourtEffect::RestrictsCategories { categories } => {
                    if categories.contains(&q.category) {
                        ans.allowed = false;
                        ans.note_with(
                            K::CategoryRestricted {
                                category: q.category,
                            },
                            court_basis(c),
                        );
                    }
                }
            }
        } else if c.final_on.is_none_or(|f| f > d) {
            ans.note_with(K::DecisionNotFinal, court_basis(c));
        }
    }
    if !ans.allowed {
        return ans;
    }
    // An adult student decides (R-D12) about their data; the service stays the parents'
    // to set (R-C6, seed 001:60), for an adult student too.
    let rights = &policy.rights;
    let service_choice = q.category == Category::ServiceChoice && q.action != Action::See;
    if let Some(adult_since) = coming_of_age(family.student.birth_date, rights.adult_age)
        .filter(|a| *a <= d && !service_choice)
    {
        ans.note(K::AdultStudentDecides { adult_since });
        if q.action != Action::See {
            ans.allowed = false;
            return ans;
        }
        let latest = family
            .adult_statements
            .iter()
            .filter(|s| s.date <= d)
            .max_by_key(|s| s.date);
        let consented = latest.is_some_and(|s| s.kind == AdultStatementKind::Consents);
        if family.student.level == SchoolLevel::Primary {
            ans.allowed = consented;
            ans.note(K::AdultPrimaryStudent);
            return ans;
        }
        let regime = rights.adult_regimes.iter().rfind(|r| r.from <= d);
        let (informing, basis) = match regime {
            Some(r) => (
                r.informing,
                Some(LegalBasis {
                    reference: r.reference.clone(),
                    date: r.from,
                }),
            ),
            None => (AdultInforming::ConsentRequired, None),
        };
        let push = |ans: &mut Answer, kind: K| match &basis {
            Some(b) => ans.note_with(kind, b.clone()),
            None => ans.note(kind),
        };
        if informing == AdultInforming::UnlessObjected {
            push(&mut ans, K::ParentsInformedUnlessObjected);
            if let Some(s) = latest.filter(|s| s.kind == AdultStatementKind::Objects) {
                if q.concerns_student_status && rights.status_exception {
                    push(&mut ans, K::StatusException);
                } else {
                    ans.allowed = false;
                    push(&mut ans, K::AdultObjected { date: s.date });
                    return ans;
                }
            }
        } else {
            ans.allowed = consented;
            push(&mut ans, K::ConsentRequired { given: consented });
            if !consented {
                return ans;
            }
        }
    }
    // Who sets what (R-C6, R-B6, R-F7).
    match (q.action, q.category) {
        (Action::Decide | Action::Change, Category::ServiceChoice) => {
            ans.note(K::OnlyParentsSetService);
        }
        (Action::Change, Category::ContactData) => {
            if family.entered_with_security_code.contains(g) {
                ans.note(K::ContactDataWithSecurityCode);
            } else {
                ans.allowed = false;
                ans.note(K::ContactDataThroughClassTeacher);
            }
        }
        (Action::Change, Category::Meals | Category::Messages) => {}
        (Action::Change, _) => {
            ans.allowed = false;
            ans.note(K::ChangedBySchool);
        }
        (_, Category::PersonalData) => ans.note(K::GdprRightsAtSchool),
        _ => {}
    }
    ans
}

fn court_basis(c: &super::facts::CourtDecision) -> LegalBasis {
    LegalBasis {
        reference: c.reference.clone(),
        date: c.date,
    }
}

/// The answer for the student about their own data (R-D12, R-C6, R-B7).
fn student(family: &Family, s: &StudentId, q: &Question, policy: &Policy) -> Answer {
    if s != &family.student.id {
        return Answer::new(Capacity::Unrelated).deny(K::NotRelated);
    }
    let adult_since =
        coming_of_age(family.student.birth_date, policy.rights.adult_age).filter(|a| *a <= q.date);
    let mut ans = Answer::new(if adult_since.is_some() {
        Capacity::AdultStudent
    } else {
        Capacity::Student
    });
    if let Some(adult_since) = adult_since {
        ans.note(K::AdultStudentDecides { adult_since });
    }
    match (q.action, q.category) {
        (Action::See, _) => {
            ans.reasons.push(Reason::own_data(q.category));
            ans
        }
        (_, Category::ContactData) => ans.deny(K::StudentEmailByClassTeacher),
        // R-C6 (seed 001:60: "Otrok si … ne more nastaviti sam, saj to lahko uredite samo
        // starši"): an adult student does not set the service either; R-D12 concerns the
        // student's data, the service is the parents' subscription (services refuse a
        // student chooser too).
        (Action::Decide | Action::Change, Category::ServiceChoice) => {
            ans.deny(K::OnlyParentsSetService)
        }
        (Action::Decide, _) if adult_since.is_some() => ans,
        (Action::Change, Category::Meals | Category::Messages) => ans,
        (Action::Decide, _) => ans.deny(K::NotTheirDecision),
        (Action::Change, _) => ans.deny(K::ChangedBySchool),
    }
}
