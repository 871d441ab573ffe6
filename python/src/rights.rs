//! Rights over a child's data (R-F1 … R-F8, R-D12, R-A6, R-B6, R-B7, R-C6).
//!
//! People are `(kind, id)` tuples: `("guardian", "mama")`, `("student", "ana")`,
//! `("staff", "razrednik")`, `("vendor", "podpora-1")`; categories and actions are
//! lowercase strings ("grades", "see").

use asistent_core::chrono::{DateTime, NaiveDate, Utc};
use asistent_core::ids::{GuardianId, StudentId};
use asistent_core::policy::Policy as CorePolicy;
use asistent_core::rights as core_rights;
use asistent_core::rights::facts::Person;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyTuple};

use crate::policy::Policy;
use crate::{convert, errors};

fn person(value: &Bound<'_, PyAny>) -> PyResult<Person> {
    let Ok(tuple) = value.cast::<PyTuple>() else {
        return Err(errors::invalid(
            "person",
            &value.to_string(),
            "a person is a (kind, id) tuple, e.g. (\"guardian\", \"mama\")",
        ));
    };
    let (kind, id): (String, String) = tuple.extract().map_err(|_| {
        errors::invalid(
            "person",
            &tuple.to_string(),
            "a person is a (kind, id) tuple of two strings",
        )
    })?;
    Person::from_kind(&kind, &id).map_err(errors::rights)
}

fn student(id: &str) -> PyResult<StudentId> {
    StudentId::new(id).map_err(|e| errors::invalid("student ID", id, e))
}

fn category(text: &str) -> PyResult<core_rights::Category> {
    text.parse()
        .map_err(|e: core_rights::UnknownCategory| errors::rights(e.into()))
}

fn action(text: &str) -> PyResult<core_rights::Action> {
    text.parse()
        .map_err(|e: core_rights::RightsError| errors::invalid("action", text, e))
}

fn policy_of(policy: Option<&Policy>) -> CorePolicy {
    policy.map_or_else(CorePolicy::default, |p| p.inner.clone())
}

/// A court decision, law or school request a decision rests on (R-F4).
#[pyclass(frozen, module = "asistent", get_all)]
struct LegalBasis {
    reference: String,
    date: NaiveDate,
}

#[pymethods]
impl LegalBasis {
    fn __repr__(&self) -> String {
        format!("LegalBasis({:?}, {})", self.reference, self.date)
    }
}

fn basis(b: &core_rights::LegalBasis) -> LegalBasis {
    LegalBasis {
        reference: b.reference.clone(),
        date: b.date,
    }
}

/// One reason of a decision: `rule` ("R-F4"), `kind` ("category_restricted"), `basis`,
/// `text_sl`, `text_en`.
#[pyclass(frozen, module = "asistent")]
struct Reason {
    inner: core_rights::Reason,
}

#[pymethods]
impl Reason {
    #[getter]
    fn rule(&self) -> &'static str {
        self.inner.rule.as_str()
    }
    #[getter]
    fn kind(&self) -> String {
        self.inner.kind_code()
    }
    #[getter]
    fn basis(&self) -> Option<LegalBasis> {
        self.inner.basis.as_ref().map(basis)
    }
    #[getter]
    fn text_sl(&self) -> String {
        self.inner.text_sl()
    }
    #[getter]
    fn text_en(&self) -> String {
        self.inner.text_en()
    }
    fn __repr__(&self) -> String {
        format!("Reason({})", self.inner.text_en())
    }
}

/// The answer to "may this person do this with this category of this child's data on
/// this date", with its reasons.
#[pyclass(frozen, module = "asistent")]
pub(crate) struct Decision {
    pub(crate) inner: core_rights::Decision,
}

#[pymethods]
impl Decision {
    #[getter]
    fn allowed(&self) -> bool {
        self.inner.allowed
    }
    #[getter]
    fn capacity(&self) -> &'static str {
        self.inner.capacity.code()
    }
    #[getter]
    fn person(&self) -> (&'static str, String) {
        (
            self.inner.person.kind_code(),
            self.inner.person.id_str().to_owned(),
        )
    }
    #[getter]
    fn student(&self) -> String {
        self.inner.student.as_str().to_owned()
    }
    #[getter]
    fn category(&self) -> &'static str {
        self.inner.category.code()
    }
    #[getter]
    fn action(&self) -> &'static str {
        self.inner.action.code()
    }
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.date
    }
    #[getter]
    fn reasons(&self) -> Vec<Reason> {
        self.inner
            .reasons
            .iter()
            .map(|r| Reason { inner: r.clone() })
            .collect()
    }
    #[getter]
    fn rule_ids(&self) -> Vec<&'static str> {
        self.inner.rule_ids().iter().map(|r| r.as_str()).collect()
    }
    #[getter]
    fn text_sl(&self) -> String {
        self.inner.text_sl()
    }
    #[getter]
    fn text_en(&self) -> String {
        self.inner.text_en()
    }
    fn __repr__(&self) -> String {
        format!(
            "Decision(allowed={}, {}:{} {} {} of {} on {}, rules={:?})",
            if self.inner.allowed { "True" } else { "False" },
            self.inner.person.kind_code(),
            self.inner.person.id_str(),
            self.inner.action,
            self.inner.category,
            self.inner.student,
            self.inner.date,
            self.rule_ids()
        )
    }
}

fn decisions(ds: Vec<core_rights::Decision>) -> Vec<Decision> {
    ds.into_iter().map(|inner| Decision { inner }).collect()
}

/// One child of a guardian's login (R-A6).
#[pyclass(frozen, module = "asistent", get_all)]
struct ChildView {
    student: String,
    capacity: &'static str,
    may_act: bool,
    visible: Vec<&'static str>,
    decisions: Vec<Py<Decision>>,
}

/// A record of one access (R-F6): who, role, whose data, category, purpose, basis, when.
#[pyclass(frozen, module = "asistent")]
pub(crate) struct AccessRecord {
    pub(crate) inner: core_rights::AccessRecord,
}

#[pymethods]
impl AccessRecord {
    #[getter]
    fn who(&self) -> (&'static str, String) {
        (
            self.inner.who.kind_code(),
            self.inner.who.id_str().to_owned(),
        )
    }
    #[getter]
    fn role(&self) -> &'static str {
        self.inner.role.code()
    }
    #[getter]
    fn staff_role(&self) -> Option<&'static str> {
        self.inner.staff_role.map(core_rights::StaffRole::code)
    }
    #[getter]
    fn student(&self) -> String {
        self.inner.student.as_str().to_owned()
    }
    #[getter]
    fn category(&self) -> &'static str {
        self.inner.category.code()
    }
    #[getter]
    fn action(&self) -> &'static str {
        self.inner.action.code()
    }
    #[getter]
    fn purpose(&self) -> String {
        self.inner.purpose.clone()
    }
    #[getter]
    fn basis(&self) -> Option<LegalBasis> {
        self.inner.basis.as_ref().map(basis)
    }
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.inner.at
    }
    #[getter]
    fn allowed(&self) -> bool {
        self.inner.allowed
    }
    #[getter]
    fn rules(&self) -> Vec<&'static str> {
        self.inner.rules.iter().map(|r| r.as_str()).collect()
    }
    /// The record as JSON, as the audit trail stores it.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

/// The school's facts: families, staff, vendor support requests (R-F1 … R-F6).
#[pyclass(frozen, module = "asistent")]
pub(crate) struct RightsFacts {
    pub(crate) inner: core_rights::Facts,
}

#[pymethods]
impl RightsFacts {
    /// Reads and checks the facts from JSON.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<RightsFacts> {
        Ok(RightsFacts {
            inner: core_rights::Facts::from_json(json).map_err(errors::rights)?,
        })
    }

    /// The facts as JSON; `from_json` reads them back unchanged.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// May `person` do `action` with `category` of `student`'s data on `date`?
    #[pyo3(signature = (person, student, category, action, date, *, concerns_student_status, policy = None))]
    #[allow(clippy::too_many_arguments)]
    fn decide(
        &self,
        person: &Bound<'_, PyAny>,
        student: &str,
        category: &str,
        action: &str,
        date: &Bound<'_, PyAny>,
        concerns_student_status: bool,
        policy: Option<&Policy>,
    ) -> PyResult<Decision> {
        let mut q = core_rights::Question::new(
            self::person(person)?,
            self::student(student)?,
            self::category(category)?,
            self::action(action)?,
            convert::date(date)?,
        );
        q.concerns_student_status = concerns_student_status;
        let p = policy_of(policy);
        Ok(Decision {
            inner: self.inner.decide(&q, &p).map_err(errors::rights)?,
        })
    }

    /// Many questions in one call: any iterable of `(person, student, category, action,
    /// date, concerns_student_status)` tuples (the last a `bool`, R-D12: never assumed).
    #[pyo3(signature = (questions, *, policy = None))]
    fn decide_many(
        &self,
        questions: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<Vec<Decision>> {
        // A bad question is named by its position, from 0: the `index` attribute and the
        // message ("question 2: …"), whatever the error's class.
        let at = |i: usize, e: PyErr| {
            Python::attach(|py| errors::at_position(py, &e, "question", i));
            e
        };
        let mut qs = Vec::new();
        for (i, item) in questions.try_iter()?.enumerate() {
            let q = question(&item?).map_err(|e| at(i, e))?;
            qs.push(q);
        }
        let p = policy_of(policy);
        // `decide_many` is `decide` over the list; asked one by one, the bad question's
        // position is known.
        qs.iter()
            .enumerate()
            .map(|(i, q)| {
                self.inner
                    .decide(q, &p)
                    .map(|inner| Decision { inner })
                    .map_err(|e| at(i, errors::rights(e)))
            })
            .collect()
    }

    /// Decides `action` for every (guardian, child, category) of the school on `date`.
    #[pyo3(signature = (action, date, *, policy = None))]
    fn decide_every_guardian(
        &self,
        action: &str,
        date: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<Vec<Decision>> {
        let a = self::action(action)?;
        let d = convert::date(date)?;
        let p = policy_of(policy);
        Ok(decisions(self.inner.decide_every_guardian(a, d, &p)))
    }

    /// One login, many children (R-A6): the children a guardian may act for or see.
    #[pyo3(signature = (guardian, date, *, policy = None))]
    fn children_of(
        &self,
        py: Python<'_>,
        guardian: &str,
        date: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<Vec<ChildView>> {
        let g =
            GuardianId::new(guardian).map_err(|e| errors::invalid("guardian ID", guardian, e))?;
        let p = policy_of(policy);
        let views = self
            .inner
            .children_of(&g, convert::date(date)?, &p)
            .map_err(errors::rights)?;
        views
            .into_iter()
            .map(|c| {
                Ok(ChildView {
                    student: c.student.as_str().to_owned(),
                    capacity: c.capacity.code(),
                    may_act: c.may_act,
                    visible: c.visible.iter().map(|x| x.code()).collect(),
                    decisions: c
                        .decisions
                        .into_iter()
                        .map(|inner| Py::new(py, Decision { inner }))
                        .collect::<PyResult<_>>()?,
                })
            })
            .collect()
    }

    /// Decides an access at a timezone-aware instant and returns `(decision, record)`; the
    /// record goes to the audit trail (R-F6).
    #[pyo3(signature = (person, student, category, action, purpose, at, *, policy = None))]
    #[allow(clippy::too_many_arguments)]
    fn access(
        &self,
        person: &Bound<'_, PyAny>,
        student: &str,
        category: &str,
        action: &str,
        purpose: &str,
        at: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
    ) -> PyResult<(Decision, AccessRecord)> {
        let p = policy_of(policy);
        let (d, r) = self
            .inner
            .access(
                self::person(person)?,
                self::student(student)?,
                self::category(category)?,
                self::action(action)?,
                purpose,
                convert::instant(at)?,
                &p,
            )
            .map_err(errors::rights)?;
        Ok((Decision { inner: d }, AccessRecord { inner: r }))
    }
}

/// Checks a category's machine name ("grades", …) and returns its Slovenian label, as
/// the portal shows it (R-F1).
#[pyfunction]
fn category_label_sl(category: &str) -> PyResult<&'static str> {
    Ok(self::category(category)?.label_sl())
}

/// One question of `decide_many`: a `(person, student, category, action, date,
/// concerns_student_status)` tuple.
fn question(item: &Bound<'_, PyAny>) -> PyResult<core_rights::Question> {
    let (who, stu, cat, act, day, status): (
        Bound<'_, PyAny>,
        String,
        String,
        String,
        Bound<'_, PyAny>,
        Bound<'_, PyAny>,
    ) = item.extract().map_err(|_| {
        errors::invalid(
            "question",
            &item.to_string(),
            "a question is a (person, student, category, action, date, concerns_student_status) tuple",
        )
    })?;
    let status = status.cast::<PyBool>().map_err(|_| {
        errors::invalid(
            "concerns_student_status",
            &status.to_string(),
            "expected True or False (R-D12: whether the matter could cost the student their status)",
        )
    })?;
    let q = core_rights::Question::new(
        person(&who)?,
        student(&stu)?,
        category(&cat)?,
        action(&act)?,
        convert::date(&day)?,
    );
    Ok(if status.is_true() {
        q.about_student_status()
    } else {
        q
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(category_label_sl, m)?)?;
    m.add_class::<RightsFacts>()?;
    m.add_class::<Decision>()?;
    m.add_class::<Reason>()?;
    m.add_class::<LegalBasis>()?;
    m.add_class::<ChildView>()?;
    m.add_class::<AccessRecord>()?;
    Ok(())
}
