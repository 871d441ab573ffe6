//! What a parent or a student sees, from when and why (R-D1 … R-D11, R-C7, R-C9, R-C10,
//! R-G1, R-G2).
//!
//! Items are tuples `(kind, student, entered_at, lesson_closed_at=None, forwarded=None,
//! revision=None, subject=None)` with `forwarded = (staff_id, at)` and `revision =
//! ("changed" | "withdrawn", at)`; viewers are tuples `(kind, id, student, service,
//! readable_until=None)` with `kind` "guardian" or "student". Instants are timezone-aware
//! `datetime.datetime` or, for speed in large batches, `int` Unix seconds.

use std::sync::OnceLock;

use asistent_core::calendar::Calendar as CoreCalendar;
use asistent_core::chrono::{DateTime, NaiveDate, Utc};
use asistent_core::ids::{GuardianId, StaffId, StudentId};
use asistent_core::policy::Policy as CorePolicy;
use asistent_core::services::Service;
use asistent_core::visibility as core;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyInt, PyList, PyString, PyTuple};

use crate::policy::Policy;
use crate::rights::{Decision, RightsFacts};
use crate::{convert, errors};

fn instant(value: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    let int = if let Ok(int) = value.cast_exact::<PyInt>() {
        int
    } else if value.is_instance_of::<PyBool>() {
        return Err(errors::invalid(
            "instant",
            &value.to_string(),
            "expected an aware datetime.datetime or Unix seconds as int, got a bool",
        ));
    } else if let Ok(int) = value.cast::<PyInt>() {
        int
    } else {
        return convert::instant(value);
    };
    let secs: i64 = int.extract().map_err(|_| {
        errors::invalid(
            "instant",
            &value.to_string(),
            "the Unix time is outside the range the library handles",
        )
    })?;
    DateTime::from_timestamp(secs, 0).ok_or_else(|| {
        errors::invalid(
            "instant",
            &secs.to_string(),
            "the Unix time is outside the range the library handles",
        )
    })
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

const ITEM_SHAPE: &str = "an item is a (kind, student, entered_at, lesson_closed_at=None, forwarded=None, revision=None, subject=None) tuple";

/// Reads items quickly into a gradebook: the kind and student objects of the previous
/// items are remembered (kept alive, so their identity is a safe key) and not parsed
/// again; an item with nothing but its kind, student and instants goes in without naming
/// its student again.
#[derive(Default)]
struct ItemReader<'py> {
    kinds: Vec<(Bound<'py, PyAny>, core::ItemKind)>,
    student: Option<(Bound<'py, PyAny>, core::StudentKey)>,
}

impl<'py> ItemReader<'py> {
    fn kind(&mut self, obj: &Bound<'py, PyAny>) -> PyResult<core::ItemKind> {
        if let Some((_, kd)) = self.kinds.iter().find(|(o, _)| o.is(obj)) {
            return Ok(*kd);
        }
        let kd = kind(obj)?;
        if self.kinds.len() < 32 {
            self.kinds.push((obj.clone(), kd));
        }
        Ok(kd)
    }

    fn student(
        &mut self,
        obj: &Bound<'py, PyAny>,
        book: &mut core::Gradebook,
    ) -> PyResult<core::StudentKey> {
        if let Some((o, key)) = &self.student {
            if o.is(obj) {
                return Ok(*key);
            }
        }
        let text = obj
            .cast::<PyString>()
            .map_err(|_| errors::invalid("student ID", &obj.to_string(), "expected a str"))?
            .to_cow()?;
        let key = book
            .student_named(&text)
            .map_err(|e| errors::invalid("student ID", &text, e))?;
        self.student = Some((obj.clone(), key));
        Ok(key)
    }

    /// Reads one item into the gradebook.
    fn read_into(&mut self, value: &Bound<'py, PyAny>, book: &mut core::Gradebook) -> PyResult<()> {
        let shape = || errors::invalid("item", &value.to_string(), ITEM_SHAPE);
        let tuple = value.cast::<PyTuple>().map_err(|_| shape())?;
        let len = tuple.len();
        if !(3..=7).contains(&len) {
            return Err(shape());
        }
        let kind = self.kind(&*tuple.get_borrowed_item(0)?)?;
        let student = self.student(&*tuple.get_borrowed_item(1)?, book)?;
        let entered = instant(&*tuple.get_borrowed_item(2)?)?;
        let closed = if len > 3 {
            let c = tuple.get_borrowed_item(3)?;
            if c.is_none() {
                None
            } else {
                Some(instant(&c)?)
            }
        } else {
            None
        };
        if len <= 4 {
            return book
                .push_entry(kind, student, entered, closed)
                .map_err(errors::visibility);
        }
        let details = details(tuple, len)?;
        book.push_detailed(kind, student, entered, closed, details)
            .map_err(errors::visibility)
    }
}

/// Reads one item as an [`core::Item`] (with a reader of its own: a reader's student keys
/// belong to the gradebook it reads into).
fn read_item(value: &Bound<'_, PyAny>) -> PyResult<core::Item> {
    let mut book = core::Gradebook::new();
    ItemReader::default().read_into(value, &mut book)?;
    book.item(0)
        .ok_or_else(|| errors::invalid("item", &value.to_string(), ITEM_SHAPE))
}

/// The forwarding, revision and subject of an item tuple (positions 4, 5, 6).
fn details(tuple: &Bound<'_, PyTuple>, len: usize) -> PyResult<core::Details> {
    let get = |i: usize| -> PyResult<Option<Bound<'_, PyAny>>> {
        if i < len {
            let v = tuple.get_item(i)?;
            Ok(if v.is_none() { None } else { Some(v) })
        } else {
            Ok(None)
        }
    };
    let mut d = core::Details::default();
    if let Some(f) = get(4)? {
        let (by, at): (String, Bound<'_, PyAny>) = f.extract().map_err(|_| {
            errors::invalid(
                "forwarding",
                &f.to_string(),
                "a forwarding is a (staff_id, at) tuple",
            )
        })?;
        let by = StaffId::new(&by).map_err(|e| errors::invalid("staff ID", &by, e))?;
        d.forwarded = Some(core::Forwarding {
            by,
            at: instant(&at)?,
        });
    }
    if let Some(r) = get(5)? {
        let (what, at): (String, Bound<'_, PyAny>) = r.extract().map_err(|_| {
            errors::invalid(
                "revision",
                &r.to_string(),
                "a revision is a (\"changed\" | \"withdrawn\", at) tuple",
            )
        })?;
        let at = instant(&at)?;
        d.revision = Some(match what.as_str() {
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
        d.subject = Some(s);
    }
    Ok(d)
}

fn viewer(value: &Bound<'_, PyAny>) -> PyResult<core::Viewer> {
    let shape = || {
        errors::invalid(
            "viewer",
            &value.to_string(),
            "a viewer is a (kind, id, student, service, readable_until=None, unpaid=False) tuple, e.g. (\"guardian\", \"mama\", \"ana\", \"za_starse\")",
        )
    };
    let t = value.cast::<PyTuple>().map_err(|_| shape())?;
    if !(4..=6).contains(&t.len()) {
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
    if t.len() >= 5 {
        let until = t.get_item(4)?;
        if !until.is_none() {
            v.readable_until = Some(convert::date(&until)?);
        }
    }
    if t.len() == 6 {
        let unpaid = t.get_item(5)?;
        v.unpaid = unpaid
            .cast::<PyBool>()
            .map_err(|_| {
                errors::invalid(
                    "unpaid",
                    &unpaid.to_string(),
                    "expected True or False (the registration's paid service is not paid for the date, R-D9)",
                )
            })?
            .is_true();
    }
    Ok(v)
}

/// The parent of a registration as a viewer on the local date `on` (R-C7, R-C8, R-D9), as
/// the tuple `visible_from` and `visible_from_many` take: `("guardian", id, student,
/// service, readable_until, unpaid)` — the service in force on that date, counted as paid
/// only from the year's payment on (otherwise "minimalni" with `unpaid` True), and the
/// portal's last readable day after a revocation, the end of schooling or a change of
/// school. The core decides.
#[pyfunction]
fn viewer_from_registration<'py>(
    py: Python<'py>,
    registration: &crate::services::Registration,
    on: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyTuple>> {
    let v = core::Viewer::from_registration(&registration.inner, convert::date(on)?)
        .map_err(errors::visibility)?;
    let (kind, id) = match &v.who {
        core::ViewerKind::Guardian(g) => ("guardian", g.as_str()),
        core::ViewerKind::Student(s) => ("student", s.as_str()),
        other => return Err(errors::unsupported("viewer", other)),
    };
    (
        kind,
        id,
        v.student.as_str(),
        v.service.code(),
        v.readable_until,
        v.unpaid,
    )
        .into_pyobject(py)
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

/// The answers of a batch: `len(batch)` rows of `(item, viewer, Visibility)`, the full
/// answer of a row worked out when it is asked for; the columns `items`, `viewers`,
/// `states`, `causes`, `timestamps()`, `timestamp_array(missing)` and `instants()` come
/// from the compact answers (R-D1 … R-D11).
#[pyclass(frozen, module = "asistent", sequence)]
struct VisibilityBatch {
    engine: Py<VisibilityEngine>,
    book: core::Gradebook,
    viewers: Vec<core::Viewer>,
    rows: Vec<core::GlanceRow>,
    latest: OnceLock<Vec<Option<DateTime<Utc>>>>,
}

impl VisibilityBatch {
    /// R-D10: each student's latest grade in the batch, as the batch judged it.
    fn latest(&self) -> &[Option<DateTime<Utc>>] {
        self.latest.get_or_init(|| self.book.latest_grades())
    }

    /// The full answer of a row.
    fn full(&self, row: &core::GlanceRow) -> PyResult<core::Visibility> {
        let engine = self.engine.get();
        let item = self
            .book
            .item(row.item)
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("batch item out of range"))?;
        let viewer = self
            .viewers
            .get(row.viewer)
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("batch viewer out of range"))?;
        let mut ctx = engine.context();
        let key = self.book.key_of(&item.student);
        if let Some(latest) = key.and_then(|k| self.latest().get(k.index()).copied().flatten()) {
            ctx.note_grades([&core::Item::new(
                core::ItemKind::Grade,
                item.student.clone(),
                latest,
            )]);
        }
        core::visible_from(&item, viewer, &ctx, &engine.policy).map_err(errors::visibility)
    }
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
                inner: self.full(row)?,
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
    fn states<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        code_list(py, self.rows.iter().map(|r| Some(r.glance.state_code())))
    }
    /// What every row waits for or why it is never visible ("lesson_close", "rights",
    /// "service", …), or None where it is visible.
    #[getter]
    fn causes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        code_list(py, self.rows.iter().map(|r| r.glance.cause_code()))
    }
    /// The first visible instant of every row as Unix seconds, or None.
    fn timestamps(&self) -> Vec<Option<i64>> {
        self.rows
            .iter()
            .map(|r| r.glance.first_visible().map(|t| t.timestamp()))
            .collect()
    }
    /// The first visible instant of every row as Unix seconds in an `array.array("q")`
    /// (one buffer, no object per row; ready for `numpy.frombuffer`), with `missing` where
    /// a row is not visible. A visible instant equal to `missing` is refused, so the
    /// marker never hides an answer.
    fn timestamp_array<'py>(&self, py: Python<'py>, missing: i64) -> PyResult<Bound<'py, PyAny>> {
        let mut bytes = Vec::with_capacity(self.rows.len() * 8);
        for (i, r) in self.rows.iter().enumerate() {
            let v = match r.glance.first_visible() {
                Some(t) if t.timestamp() == missing => {
                    return Err(errors::invalid(
                        "missing",
                        &missing.to_string(),
                        format!("row {i} is visible from exactly that Unix time: choose a marker no answer can take (e.g. -1)"),
                    ))
                }
                Some(t) => t.timestamp(),
                None => missing,
            };
            bytes.extend_from_slice(&v.to_ne_bytes());
        }
        py.import("array")?
            .getattr("array")?
            .call1(("q", PyBytes::new(py, &bytes)))
    }
    /// The first visible instant of every row as an aware datetime (UTC), or None.
    fn instants(&self) -> Vec<Option<DateTime<Utc>>> {
        self.rows.iter().map(|r| r.glance.first_visible()).collect()
    }
    fn __repr__(&self) -> String {
        format!("VisibilityBatch({} rows)", self.rows.len())
    }
}

/// A list of codes with one `str` object per distinct code (a column of a large batch
/// would otherwise make a new string per row).
fn code_list<'py>(
    py: Python<'py>,
    codes: impl ExactSizeIterator<Item = Option<&'static str>>,
) -> PyResult<Bound<'py, PyList>> {
    let none = py.None().into_bound(py);
    let mut made: Vec<(&'static str, Bound<'py, PyAny>)> = Vec::new();
    let mut objects = Vec::with_capacity(codes.len());
    for code in codes {
        objects.push(match code {
            None => none.clone(),
            Some(c) => {
                if let Some((_, o)) = made.iter().find(|(m, _)| *m == c) {
                    o.clone()
                } else {
                    let o = PyString::intern(py, c).into_any();
                    made.push((c, o.clone()));
                    o
                }
            }
        });
    }
    PyList::new(py, objects)
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
        let item = read_item(item)?;
        let v = self::viewer(viewer)?;
        let mut ctx = self.context();
        // R-D10: the item counts among the grades only when the caller gave the others;
        // without them a MINIMALNI student's grade is a `InvalidItemError`
        // ("latest_grade_unknown"), never a guess.
        if let Some(g) = grades {
            let py = g.py();
            let mut others = Vec::new();
            for (i, x) in g.try_iter()?.enumerate() {
                others.push(read_item(&x?).map_err(|e| at_position(py, e, "grade", i))?);
            }
            ctx.note_grades(&others);
            ctx.note_grades([&item]);
        }
        let inner =
            core::visible_from(&item, &v, &ctx, &self.policy).map_err(errors::visibility)?;
        Ok(Visibility { inner })
    }

    /// Every (item, viewer) pair of the same student in one call: `items` and `viewers`
    /// are any iterables of tuples. The answers are worked out compactly; a row's full
    /// answer (reasons, decision) when it is asked for.
    fn visible_from_many(
        slf: &Bound<'_, Self>,
        items: &Bound<'_, PyAny>,
        viewers: &Bound<'_, PyAny>,
    ) -> PyResult<VisibilityBatch> {
        let py = slf.py();
        let this = slf.get();
        let mut reader = ItemReader::default();
        let mut book = core::Gradebook::with_capacity(items.len().unwrap_or(0));
        for (i, x) in items.try_iter()?.enumerate() {
            reader
                .read_into(&x?, &mut book)
                .map_err(|e| at_position(py, e, "item", i))?;
        }
        let mut vs = Vec::new();
        for (i, x) in viewers.try_iter()?.enumerate() {
            vs.push(viewer(&x?).map_err(|e| at_position(py, e, "viewer", i))?);
        }
        let ctx = this.context();
        let rows = py
            .detach(|| core::glance_many(&book, &vs, &ctx, &this.policy))
            .map_err(errors::visibility)?;
        Ok(VisibilityBatch {
            engine: slf.clone().unbind(),
            book,
            viewers: vs,
            rows,
            latest: OnceLock::new(),
        })
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

/// Names the position of a batch's bad entry (`entry` is "item", "viewer" or "grade") in
/// the error raised while reading it: its `index` attribute and its message ("item 2: …").
fn at_position(py: Python<'_>, e: PyErr, entry: &str, index: usize) -> PyErr {
    errors::at_position(py, &e, entry, index);
    e
}

/// The Slovenian name of an item kind ("grade" → "ocena"), as the portal shows it
/// (R-D1 … R-D8); an unknown kind is an `UnknownItemKindError`.
#[pyfunction]
fn item_kind_label_sl(kind: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    Ok(self::kind(kind)?.label_sl())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(item_kind_label_sl, m)?)?;
    m.add_function(wrap_pyfunction!(viewer_from_registration, m)?)?;
    m.add_class::<VisibilityEngine>()?;
    m.add_class::<Visibility>()?;
    m.add_class::<VisibilityBatch>()?;
    Ok(())
}
