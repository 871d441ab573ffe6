//! What a parent or a student sees, from when and why (R-D1 … R-D11, R-C7, R-C9, R-C10,
//! R-G1, R-G2).
//!
//! Items are tuples `(kind, student, entered_at, lesson_closed_at=None, forwarded=None,
//! revision=None, subject=None)` with `forwarded = (staff_id, at)` and `revision =
//! ("changed" | "withdrawn", at)`; viewers are tuples `(kind, id, student, service,
//! readable_until=None)` with `kind` "guardian" or "student". Instants are timezone-aware
//! `datetime.datetime` or, for speed in large batches, `int` Unix seconds.

use asistent_core::calendar::Calendar as CoreCalendar;
use asistent_core::chrono::{DateTime, NaiveDate, Utc};
use asistent_core::ids::{GuardianId, StaffId, StudentId};
use asistent_core::policy::Policy as CorePolicy;
use asistent_core::services::Service;
use asistent_core::visibility as core;
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyTuple};

use crate::policy::Policy;
use crate::rights::{Decision, RightsFacts};
use crate::{convert, errors};

fn instant(value: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    if value.is_instance_of::<PyInt>() {
        let secs: i64 = value.extract()?;
        return DateTime::from_timestamp(secs, 0).ok_or_else(|| {
            errors::invalid(
                "instant",
                &secs.to_string(),
                "the Unix time is outside the range the library handles",
            )
        });
    }
    convert::instant(value)
}

fn opt_instant(value: Option<Bound<'_, PyAny>>) -> PyResult<Option<DateTime<Utc>>> {
    match value {
        Some(v) if !v.is_none() => Ok(Some(instant(&v)?)),
        _ => Ok(None),
    }
}

fn student_id(value: &Bound<'_, PyAny>) -> PyResult<StudentId> {
    let s: String = value
        .extract()
        .map_err(|_| errors::invalid("student ID", &value.to_string(), "expected a str"))?;
    StudentId::new(&s).map_err(|e| errors::invalid("student ID", &s, e))
}

fn kind(value: &Bound<'_, PyAny>) -> PyResult<core::ItemKind> {
    let s: String = value
        .extract()
        .map_err(|_| errors::invalid("item kind", &value.to_string(), "expected a str"))?;
    s.parse().map_err(errors::visibility)
}

/// Reads items quickly: the kind and student objects of the previous items are
/// remembered (kept alive, so their identity is a safe key) and not parsed again.
#[derive(Default)]
struct ItemReader<'py> {
    kinds: Vec<(Bound<'py, PyAny>, core::ItemKind)>,
    student: Option<(Bound<'py, PyAny>, StudentId)>,
}

impl<'py> ItemReader<'py> {
    fn read(&mut self, value: &Bound<'py, PyAny>) -> PyResult<core::Item> {
        let shape = || {
            errors::invalid(
                "item",
                &value.to_string(),
                "an item is a (kind, student, entered_at, lesson_closed_at=None, forwarded=None, revision=None, subject=None) tuple",
            )
        };
        let tuple = value.cast::<PyTuple>().map_err(|_| shape())?;
        let len = tuple.len();
        if !(3..=7).contains(&len) {
            return Err(shape());
        }
        let kind_obj = tuple.get_item(0)?;
        let kind = if let Some((_, kd)) = self.kinds.iter().find(|(o, _)| o.is(&kind_obj)) {
            *kd
        } else {
            let kd = kind(&kind_obj)?;
            if self.kinds.len() < 32 {
                self.kinds.push((kind_obj, kd));
            }
            kd
        };
        let student_obj = tuple.get_item(1)?;
        let student = match &self.student {
            Some((o, id)) if o.is(&student_obj) => id.clone(),
            _ => {
                let id = student_id(&student_obj)?;
                self.student = Some((student_obj, id.clone()));
                id
            }
        };
        let mut item = core::Item::new(kind, student, instant(&tuple.get_item(2)?)?);
        let get = |i: usize| -> PyResult<Option<Bound<'py, PyAny>>> {
            if i < len {
                let v = tuple.get_item(i)?;
                Ok(if v.is_none() { None } else { Some(v) })
            } else {
                Ok(None)
            }
        };
        if let Some(c) = opt_instant(get(3)?)? {
            item = item.lesson_closed(c);
        }
        if let Some(f) = get(4)? {
            let (by, at): (String, Bound<'py, PyAny>) = f.extract().map_err(|_| {
                errors::invalid(
                    "forwarding",
                    &f.to_string(),
                    "a forwarding is a (staff_id, at) tuple",
                )
            })?;
            let by = StaffId::new(&by).map_err(|e| errors::invalid("staff ID", &by, e))?;
            item = item.forwarded_by(by, instant(&at)?);
        }
        if let Some(r) = get(5)? {
            let (what, at): (String, Bound<'py, PyAny>) = r.extract().map_err(|_| {
                errors::invalid(
                    "revision",
                    &r.to_string(),
                    "a revision is a (\"changed\" | \"withdrawn\", at) tuple",
                )
            })?;
            let at = instant(&at)?;
            item = item.revised(match what.as_str() {
                "changed" => core::Revision::Changed { at },
                "withdrawn" => core::Revision::Withdrawn { at },
                _ => {
                    return Err(errors::invalid(
                        "revision",
                        &what,
                        "a revision is \"changed\" or \"withdrawn\"",
                    ))
                }
            });
        }
        if let Some(s) = get(6)? {
            let s: String = s
                .extract()
                .map_err(|_| errors::invalid("subject", &s.to_string(), "expected a str"))?;
            item = item.in_subject(s);
        }
        Ok(item)
    }
}

fn viewer(value: &Bound<'_, PyAny>) -> PyResult<core::Viewer> {
    let shape = || {
        errors::invalid(
            "viewer",
            &value.to_string(),
            "a viewer is a (kind, id, student, service, readable_until=None) tuple, e.g. (\"guardian\", \"mama\", \"ana\", \"za_starse\")",
        )
    };
    let t = value.cast::<PyTuple>().map_err(|_| shape())?;
    if !(4..=5).contains(&t.len()) {
        return Err(shape());
    }
    let who: String = t.get_item(0)?.extract().map_err(|_| shape())?;
    let id: String = t.get_item(1)?.extract().map_err(|_| shape())?;
    let student = student_id(&t.get_item(2)?)?;
    let service_text: String = t.get_item(3)?.extract().map_err(|_| shape())?;
    let service: Service = service_text
        .parse()
        .map_err(|e| errors::invalid("service", &service_text, e))?;
    let mut v = match who.as_str() {
        "guardian" => core::Viewer::guardian(
            GuardianId::new(&id).map_err(|e| errors::invalid("guardian ID", &id, e))?,
            student,
            service,
        ),
        "student" => {
            let mut v = core::Viewer::student(
                StudentId::new(&id).map_err(|e| errors::invalid("student ID", &id, e))?,
                service,
            );
            v.student = student;
            v
        }
        _ => {
            return Err(errors::invalid(
                "viewer kind",
                &who,
                "a viewer is a \"guardian\" or a \"student\"",
            ))
        }
    };
    if t.len() == 5 {
        let until = t.get_item(4)?;
        if !until.is_none() {
            v.readable_until = Some(convert::date(&until)?);
        }
    }
    Ok(v)
}

/// The answer for one item and one viewer: `state` ("visible", "pending", "never"),
/// `visible_from`, `revised_from`, `waiting`, `hidden`, `decision`, `rule_ids`,
/// `text_sl`, `text_en`.
#[pyclass(frozen, module = "asistent")]
struct Visibility {
    inner: core::Visibility,
}

#[pymethods]
impl Visibility {
    #[getter]
    fn state(&self) -> &'static str {
        self.inner.state_code()
    }
    #[getter]
    fn visible_from(&self) -> Option<DateTime<Utc>> {
        self.inner.from()
    }
    #[getter]
    fn revised_from(&self) -> Option<DateTime<Utc>> {
        match &self.inner {
            core::Visibility::Visible { revised_from, .. } => *revised_from,
            _ => None,
        }
    }
    #[getter]
    fn waiting(&self) -> Option<&'static str> {
        match &self.inner {
            core::Visibility::Pending { waiting, .. } => Some(waiting.code()),
            _ => None,
        }
    }
    #[getter]
    fn hidden(&self) -> Option<&'static str> {
        match &self.inner {
            core::Visibility::Never { why, .. } => Some(why.code()),
            _ => None,
        }
    }
    #[getter]
    fn decision(&self) -> Option<Decision> {
        match &self.inner {
            core::Visibility::Never {
                why: core::Hidden::Rights { decision },
                ..
            } => Some(Decision {
                inner: (**decision).clone(),
            }),
            _ => None,
        }
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
    /// Whether the viewer sees it at `now` (an aware datetime or Unix seconds).
    fn is_visible_at(&self, now: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_visible_at(instant(now)?))
    }
    fn __repr__(&self) -> String {
        format!("Visibility({})", self.inner.text_en())
    }
}

/// The answers of a batch: `len(batch)` rows of `(item, viewer, Visibility)`; the columns
/// `items`, `viewers`, `states`, `timestamps()` (Unix seconds or None) and `instants()`
/// are built on demand.
#[pyclass(frozen, module = "asistent", sequence)]
struct VisibilityBatch {
    rows: Vec<core::Seen>,
}

#[pymethods]
impl VisibilityBatch {
    fn __len__(&self) -> usize {
        self.rows.len()
    }
    fn __getitem__(&self, index: isize) -> PyResult<(usize, usize, Visibility)> {
        let n = isize::try_from(self.rows.len()).unwrap_or(isize::MAX);
        let i = if index < 0 { index + n } else { index };
        let row = usize::try_from(i)
            .ok()
            .and_then(|i| self.rows.get(i))
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("batch index out of range"))?;
        Ok((
            row.item,
            row.viewer,
            Visibility {
                inner: row.visibility.clone(),
            },
        ))
    }
    /// The item position of every row.
    #[getter]
    fn items(&self) -> Vec<usize> {
        self.rows.iter().map(|r| r.item).collect()
    }
    /// The viewer position of every row.
    #[getter]
    fn viewers(&self) -> Vec<usize> {
        self.rows.iter().map(|r| r.viewer).collect()
    }
    /// The state of every row ("visible", "pending", "never").
    #[getter]
    fn states(&self) -> Vec<&'static str> {
        self.rows
            .iter()
            .map(|r| r.visibility.state_code())
            .collect()
    }
    /// The first visible instant of every row as Unix seconds, or None.
    fn timestamps(&self) -> Vec<Option<i64>> {
        self.rows
            .iter()
            .map(|r| r.visibility.from().map(|t| t.timestamp()))
            .collect()
    }
    /// The first visible instant of every row as an aware datetime (UTC), or None.
    fn instants(&self) -> Vec<Option<DateTime<Utc>>> {
        self.rows.iter().map(|r| r.visibility.from()).collect()
    }
    fn __repr__(&self) -> String {
        format!("VisibilityBatch({} rows)", self.rows.len())
    }
}

/// The visibility engine of one school on one date: the facts, the calendar and policy,
/// and what the school has switched on (R-G1, R-G2).
#[pyclass(frozen, module = "asistent")]
struct VisibilityEngine {
    facts: asistent_core::rights::Facts,
    calendar: CoreCalendar,
    policy: CorePolicy,
    on: NaiveDate,
    settings: core::SchoolSettings,
}

impl VisibilityEngine {
    fn context(&self) -> core::Context<'_> {
        core::Context::new(&self.calendar, &self.facts, self.on).with_settings(self.settings)
    }
}

#[pymethods]
impl VisibilityEngine {
    #[new]
    #[pyo3(signature = (facts, on, *, policy = None, meals_through_system = false, absence_excuses_agreed = false))]
    fn new(
        facts: &RightsFacts,
        on: &Bound<'_, PyAny>,
        policy: Option<&Policy>,
        meals_through_system: bool,
        absence_excuses_agreed: bool,
    ) -> PyResult<Self> {
        let policy = policy.map_or_else(CorePolicy::default, |p| p.inner.clone());
        Ok(VisibilityEngine {
            facts: facts.inner.clone(),
            calendar: CoreCalendar::new(&policy),
            policy,
            on: convert::date(on)?,
            settings: core::SchoolSettings {
                meals_through_system,
                absence_excuses_agreed,
            },
        })
    }

    /// The date rights and the period (R-C7) are judged on.
    #[getter]
    fn on(&self) -> NaiveDate {
        self.on
    }

    /// The answer for one item and one viewer; `grades` are the student's other grades
    /// (R-D10: a MINIMALNI student sees only the latest).
    #[pyo3(signature = (item, viewer, *, grades = None))]
    fn visible_from(
        &self,
        item: &Bound<'_, PyAny>,
        viewer: &Bound<'_, PyAny>,
        grades: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Visibility> {
        let mut reader = ItemReader::default();
        let item = reader.read(item)?;
        let v = self::viewer(viewer)?;
        let mut others = Vec::new();
        if let Some(g) = grades {
            for x in g.try_iter()? {
                others.push(reader.read(&x?)?);
            }
        }
        let mut ctx = self.context();
        ctx.note_grades(&others);
        ctx.note_grades([&item]);
        let inner =
            core::visible_from(&item, &v, &ctx, &self.policy).map_err(errors::visibility)?;
        Ok(Visibility { inner })
    }

    /// Every (item, viewer) pair of the same student in one call: `items` and `viewers`
    /// are any iterables of tuples.
    fn visible_from_many(
        &self,
        py: Python<'_>,
        items: &Bound<'_, PyAny>,
        viewers: &Bound<'_, PyAny>,
    ) -> PyResult<VisibilityBatch> {
        let mut reader = ItemReader::default();
        let mut its = Vec::with_capacity(items.len().unwrap_or(0));
        for (i, x) in items.try_iter()?.enumerate() {
            its.push(reader.read(&x?).map_err(|e| at_index(py, e, i))?);
        }
        let mut vs = Vec::new();
        for x in viewers.try_iter()? {
            vs.push(viewer(&x?)?);
        }
        let ctx = self.context();
        let rows = py
            .detach(|| core::visible_from_many(&its, &vs, &ctx, &self.policy))
            .map_err(errors::visibility)?;
        Ok(VisibilityBatch { rows })
    }

    /// Whether a guardian may send an absence excuse through the portal (R-G1):
    /// `(allowed, rule_ids)`.
    fn may_send_absence_excuse(
        &self,
        viewer: &Bound<'_, PyAny>,
    ) -> PyResult<(bool, Vec<&'static str>)> {
        let v = self::viewer(viewer)?;
        let (ok, rules) = core::may_send_absence_excuse(&v, &self.context(), &self.policy)
            .map_err(errors::visibility)?;
        Ok((ok, rules.to_vec().iter().map(|r| r.as_str()).collect()))
    }
}

/// Adds the item's position to an error raised while reading it.
fn at_index(py: Python<'_>, e: PyErr, index: usize) -> PyErr {
    let _ = e.value(py).setattr("index", index);
    e
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<VisibilityEngine>()?;
    m.add_class::<Visibility>()?;
    m.add_class::<VisibilityBatch>()?;
    Ok(())
}
