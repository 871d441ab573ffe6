//! The notification planner (R-E1 … R-E7, R-C3, R-C7, R-A10): recipients, children and
//! events in (any iterables); notices, what was held back and the SMS cost report out.

use std::sync::OnceLock;

use asistent_core::calendar::Calendar;
use asistent_core::chrono::{DateTime, NaiveTime, Utc};
use asistent_core::ids::{GuardianId, StudentId};
use asistent_core::notify as core;
use asistent_core::policy::Policy as CorePolicy;
use pyo3::prelude::*;
use pyo3::types::PyTime;

use crate::policy::Policy;
use crate::rights::RightsFacts;
use crate::services::Registration;
use crate::sms::{cost_of, report_of, SmsCost, SmsCostReport};
use crate::{convert, errors};

fn guardian(id: &str) -> PyResult<GuardianId> {
    GuardianId::new(id).map_err(|e| errors::invalid("guardian ID", id, e))
}

fn student(id: &str) -> PyResult<StudentId> {
    StudentId::new(id).map_err(|e| errors::invalid("student ID", id, e))
}

/// The default policy, built once.
fn default_policy() -> &'static CorePolicy {
    static DEFAULT: OnceLock<CorePolicy> = OnceLock::new();
    DEFAULT.get_or_init(CorePolicy::default)
}

/// One end of quiet hours: a Ljubljana wall-clock `datetime.time` in whole minutes, as
/// Kotlin/Swift take `"HH:MM"` (R-E7) — a `tzinfo` or seconds are refused, not dropped.
fn quiet_time(value: &Bound<'_, PyAny>, what: &str) -> PyResult<NaiveTime> {
    let shown = value
        .repr()
        .map_or_else(|_| String::new(), |r| r.to_string());
    if !value.is_instance_of::<PyTime>() {
        return Err(errors::invalid(
            what,
            &shown,
            format!("{what} must be a datetime.time, got {shown}"),
        ));
    }
    if !value.getattr("tzinfo")?.is_none() {
        return Err(errors::invalid(
            what,
            &shown,
            format!(
                "{what} is a Europe/Ljubljana wall-clock time: pass a datetime.time without tzinfo, got {shown}"
            ),
        ));
    }
    let second: u32 = value.getattr("second")?.extract()?;
    let micro: u32 = value.getattr("microsecond")?.extract()?;
    if second != 0 || micro != 0 {
        return Err(errors::invalid(
            what,
            &shown,
            format!("{what} is in whole minutes (HH:MM), got {shown}"),
        ));
    }
    let hour: u32 = value.getattr("hour")?.extract()?;
    let minute: u32 = value.getattr("minute")?.extract()?;
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| {
        errors::invalid(
            what,
            &shown,
            format!("{what} is not a time of day: {shown}"),
        )
    })
}

/// A recipient with preferences (R-E1, R-E4): `id` (a guardian's, or a student's with
/// `is_student=True`: students get no email or SMS notices, R-E5), `mode` ("daily" or
/// "weekly"), `channels` (any iterable of "email", "sms"), `email`, `phone`,
/// `quiet_hours` (a pair of `datetime.time`), `language` ("sl" or "en"),
/// `transliterate_sms`.
#[pyclass(frozen, module = "asistent")]
pub(crate) struct Recipient {
    inner: core::Recipient,
}

#[pymethods]
impl Recipient {
    #[new]
    #[pyo3(signature = (id, mode, channels, *, is_student, email = None, phone = None, quiet_hours = None, language = "sl", transliterate_sms = false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: &str,
        mode: &str,
        channels: &Bound<'_, PyAny>,
        is_student: bool,
        email: Option<String>,
        phone: Option<String>,
        quiet_hours: Option<&Bound<'_, PyAny>>,
        language: &str,
        transliterate_sms: bool,
    ) -> PyResult<Recipient> {
        let who = if is_student {
            core::Addressee::Student(student(id)?)
        } else {
            core::Addressee::Guardian(guardian(id)?)
        };
        let mode = match mode {
            "daily" => core::Mode::Daily,
            "weekly" => core::Mode::Weekly,
            other => {
                return Err(errors::invalid(
                    "mode",
                    other,
                    format!("`{other}` is not a mode (expected daily or weekly)"),
                ))
            }
        };
        let mut chosen = Vec::new();
        for (index, c) in channels.try_iter()?.enumerate() {
            let c = c?;
            let text: String = convert::item(&c, &format!("channels[{index}]"), "a str")?;
            chosen.push(match text.as_str() {
                "email" => core::Channel::Email,
                "sms" => core::Channel::Sms,
                other => {
                    return Err(errors::invalid(
                        "channel",
                        other,
                        format!("`{other}` is not a channel (expected email or sms)"),
                    ))
                }
            });
        }
        let quiet_hours = match quiet_hours {
            Some(pair) if !pair.is_none() => {
                let (from, until): (Bound<'_, PyAny>, Bound<'_, PyAny>) =
                    convert::item(pair, "quiet_hours", "a pair of datetime.time (from, until)")?;
                Some(core::QuietHours {
                    from: quiet_time(&from, "quiet_hours[0]")?,
                    until: quiet_time(&until, "quiet_hours[1]")?,
                })
            }
            _ => None,
        };
        let language = match language {
            "sl" => core::Language::Sl,
            "en" => core::Language::En,
            other => {
                return Err(errors::invalid(
                    "language",
                    other,
                    format!("`{other}` is not a language (expected sl or en)"),
                ))
            }
        };
        Ok(Recipient {
            inner: core::Recipient {
                who,
                mode,
                channels: chosen,
                email,
                phone,
                quiet_hours,
                language,
                transliterate_sms,
            },
        })
    }

    fn __repr__(&self) -> String {
        format!("Recipient({}, {:?})", self.inner.who, self.inner.mode)
    }
}

/// A child with its subscription (R-C3, R-C7): `student`, `name` (used in texts), its
/// `Registration`, and the guardians named on it (any iterable of IDs, at most two).
#[pyclass(frozen, module = "asistent")]
pub(crate) struct NotifyChild {
    inner: core::Child,
}

#[pymethods]
impl NotifyChild {
    #[new]
    fn new(
        student_id: &str,
        name: String,
        registration: &Registration,
        recipients: &Bound<'_, PyAny>,
    ) -> PyResult<NotifyChild> {
        let mut ids = Vec::new();
        for (index, g) in recipients.try_iter()?.enumerate() {
            let g: String = convert::item(&g?, &format!("recipients[{index}]"), "a str")?;
            ids.push(guardian(&g)?);
        }
        Ok(NotifyChild {
            inner: core::Child {
                student: student(student_id)?,
                name,
                registration: registration.inner.clone(),
                recipients: ids,
            },
        })
    }

    fn __repr__(&self) -> String {
        format!("NotifyChild({:?})", self.inner.student.as_str())
    }
}

/// One entry by a teacher; made with `NotifyEvent.absence`, `.grade`, `.observation` or
/// `.announced_assessment`. `entered_at` is a timezone-aware datetime.
#[pyclass(frozen, module = "asistent")]
pub(crate) struct NotifyEvent {
    inner: core::Event,
}

fn make(
    id: &Bound<'_, PyAny>,
    student_id: &str,
    entered_at: &Bound<'_, PyAny>,
    kind: core::EventKind,
) -> PyResult<NotifyEvent> {
    Ok(NotifyEvent {
        inner: core::Event {
            id: core::EventId(convert::int(id, "id")?),
            student: student(student_id)?,
            entered_at: convert::instant(entered_at)?,
            kind,
        },
    })
}

#[pymethods]
impl NotifyEvent {
    /// An absence on `date` (a `datetime.date`), `lessons` missed.
    #[staticmethod]
    fn absence(
        id: &Bound<'_, PyAny>,
        student: &str,
        entered_at: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        lessons: &Bound<'_, PyAny>,
    ) -> PyResult<NotifyEvent> {
        let date = convert::date(date)?;
        let lessons = convert::int(lessons, "lessons")?;
        make(
            id,
            student,
            entered_at,
            core::EventKind::Absence { date, lessons },
        )
    }

    /// A grade 1–5 in a subject.
    #[staticmethod]
    fn grade(
        id: &Bound<'_, PyAny>,
        student: &str,
        entered_at: &Bound<'_, PyAny>,
        subject: String,
        grade: &Bound<'_, PyAny>,
    ) -> PyResult<NotifyEvent> {
        let grade = convert::int(grade, "grade")?;
        make(
            id,
            student,
            entered_at,
            core::EventKind::Grade { subject, grade },
        )
    }

    /// Praise, a comment or an observation ("praise", "comment", "observation"), with the
    /// instant the lesson was closed (None: not yet).
    #[staticmethod]
    #[pyo3(signature = (id, student, entered_at, kind, text, lesson_closed_at = None))]
    fn observation(
        id: &Bound<'_, PyAny>,
        student: &str,
        entered_at: &Bound<'_, PyAny>,
        kind: &str,
        text: String,
        lesson_closed_at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<NotifyEvent> {
        let observation = match kind {
            "praise" => core::ObservationKind::Praise,
            "comment" => core::ObservationKind::Comment,
            "observation" => core::ObservationKind::Observation,
            other => {
                return Err(errors::invalid(
                    "observation kind",
                    other,
                    format!("`{other}` is not an observation kind (expected praise, comment or observation)"),
                ))
            }
        };
        let lesson_closed_at = lesson_closed_at.map(convert::instant).transpose()?;
        make(
            id,
            student,
            entered_at,
            core::EventKind::Observation {
                observation,
                text,
                lesson_closed_at,
            },
        )
    }

    /// An announced assessment in a subject on `date`.
    #[staticmethod]
    fn announced_assessment(
        id: &Bound<'_, PyAny>,
        student: &str,
        entered_at: &Bound<'_, PyAny>,
        subject: String,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<NotifyEvent> {
        let date = convert::date(date)?;
        make(
            id,
            student,
            entered_at,
            core::EventKind::AnnouncedAssessment { subject, date },
        )
    }

    #[getter]
    fn id(&self) -> u64 {
        self.inner.id.0
    }

    fn __repr__(&self) -> String {
        format!("NotifyEvent(id={})", self.inner.id.0)
    }
}

/// One notice: `recipient`, `channel` ("email"/"sms"), `student`, `kind` ("absences",
/// "observations", "grades", "weekly_summary", "assessment_digest"), `due_at`, `send_at`
/// (UTC datetimes), `items` (event IDs), `text`, `sms` (an `SmsCost` or None), `reasons`
/// (rule IDs).
///
/// `sms`, `items`, `reasons` and the IDs are made when they are read: a plan has hundreds
/// of notices per household, and every allocation and Python object made up front adds to
/// the call (and to the work of Python's garbage collector).
#[pyclass(frozen, module = "asistent")]
pub(crate) struct Notice {
    recipient: GuardianId,
    #[pyo3(get)]
    channel: &'static str,
    student: StudentId,
    #[pyo3(get)]
    kind: &'static str,
    #[pyo3(get)]
    due_at: DateTime<Utc>,
    #[pyo3(get)]
    send_at: DateTime<Utc>,
    events: Vec<core::EventId>,
    #[pyo3(get)]
    text: String,
    cost: Option<asistent_core::notify::sms::SmsCost>,
    rules: asistent_core::visibility::RuleSet,
}

#[pymethods]
impl Notice {
    /// Who receives it.
    #[getter]
    fn recipient(&self) -> &str {
        self.recipient.as_str()
    }

    /// About which child.
    #[getter]
    fn student(&self) -> &str {
        self.student.as_str()
    }

    /// The events it carries (their IDs), in entry order.
    #[getter]
    fn items(&self) -> Vec<u64> {
        self.events.iter().map(|i| i.0).collect()
    }

    /// The rules that placed it (rule IDs).
    #[getter]
    fn reasons(&self) -> Vec<&'static str> {
        self.rules.to_vec().iter().map(|r| r.as_str()).collect()
    }

    /// For SMS: segments and cost (R-A10); `None` for email.
    #[getter]
    fn sms(&self, py: Python<'_>) -> PyResult<Option<Py<SmsCost>>> {
        self.cost
            .map(|c| cost_of(py, c).and_then(|c| Py::new(py, c)))
            .transpose()
    }

    fn __repr__(&self) -> String {
        format!(
            "Notice(recipient={:?}, channel={:?}, kind={:?}, send_at={}, items={:?})",
            self.recipient.as_str(),
            self.channel,
            self.kind,
            self.send_at,
            self.items()
        )
    }
}

/// Items held back from a recipient: `recipient`, `recipient_is_student`, `student`,
/// `category`, `reason` (a rule ID) and how many `items` — (item, notice) pairs, the
/// notices that would have gone out within the plan's period.
#[pyclass(frozen, module = "asistent", get_all)]
pub(crate) struct Withheld {
    recipient: String,
    recipient_is_student: bool,
    student: String,
    category: &'static str,
    reason: &'static str,
    items: u64,
}

#[pymethods]
impl Withheld {
    fn __repr__(&self) -> String {
        format!(
            "Withheld(recipient={:?}, category={:?}, reason={:?}, items={})",
            self.recipient, self.category, self.reason, self.items
        )
    }
}

/// A plan: `notices` in send order, `withheld`, and `sms_cost` (an `SmsCostReport`).
#[pyclass(frozen, module = "asistent", get_all)]
pub(crate) struct NotifyPlan {
    notices: Vec<Py<Notice>>,
    withheld: Vec<Py<Withheld>>,
    sms_cost: Py<SmsCostReport>,
}

#[pymethods]
impl NotifyPlan {
    fn __repr__(&self) -> String {
        format!(
            "NotifyPlan(notices={}, withheld={})",
            self.notices.len(),
            self.withheld.len()
        )
    }
}

/// Plans a household's notices sent from `start` to `until` (dates in one school year):
/// `recipients`, `children` and `events` are any iterables of `Recipient`,
/// `NotifyChild` and `NotifyEvent` (R-E1 … R-E7, R-C3, R-C7, R-A10). Events may be
/// entered in that school year or the one before; others raise `UnknownSchoolYearError`.
#[pyfunction]
#[pyo3(signature = (recipients, children, events, start, until, facts, policy = None))]
#[allow(clippy::too_many_arguments, clippy::needless_pass_by_value)]
fn plan_notices(
    py: Python<'_>,
    recipients: &Bound<'_, PyAny>,
    children: &Bound<'_, PyAny>,
    events: &Bound<'_, PyAny>,
    start: &Bound<'_, PyAny>,
    until: &Bound<'_, PyAny>,
    facts: &RightsFacts,
    policy: Option<&Policy>,
) -> PyResult<NotifyPlan> {
    let mut household = core::Household::default();
    for (i, r) in recipients.try_iter()?.enumerate() {
        let r = r?;
        let rec = r.cast::<Recipient>().map_err(|_| {
            convert::not_an_instance(&r, "Recipient", "asistent.Recipient", "recipient", i)
        })?;
        household.recipients.push(rec.get().inner.clone());
    }
    for (i, c) in children.try_iter()?.enumerate() {
        let c = c?;
        let child = c.cast::<NotifyChild>().map_err(|_| {
            convert::not_an_instance(&c, "NotifyChild", "asistent.NotifyChild", "child", i)
        })?;
        household.children.push(child.get().inner.clone());
    }
    let mut list = Vec::new();
    for (i, e) in events.try_iter()?.enumerate() {
        let e = e?;
        let ev = e.cast::<NotifyEvent>().map_err(|_| {
            convert::not_an_instance(&e, "NotifyEvent", "asistent.NotifyEvent", "event", i)
        })?;
        list.push(ev.get().inner.clone());
    }
    let period = core::Period {
        from: convert::date(start)?,
        until: convert::date(until)?,
    };
    let policy: &CorePolicy = match policy {
        Some(p) => &p.inner,
        None => default_policy(),
    };
    let cal = Calendar::new(policy);
    let plan = py
        .detach(|| core::Planner::new(policy, &cal, &facts.inner).plan(&household, &list, period))
        .map_err(errors::notify)?;
    let report = plan.sms_cost_report(policy).map_err(errors::sms)?;
    let withheld = plan
        .withheld
        .iter()
        .map(|w| {
            let (recipient, recipient_is_student) = match &w.recipient {
                core::Addressee::Student(s) => (s.as_str().to_owned(), true),
                core::Addressee::Guardian(g) => (g.as_str().to_owned(), false),
                other => return Err(errors::unsupported("addressee", other)),
            };
            Py::new(
                py,
                Withheld {
                    recipient,
                    recipient_is_student,
                    student: w.student.as_str().to_owned(),
                    category: w.category.code(),
                    reason: w.reason.as_str(),
                    items: w.items,
                },
            )
        })
        .collect::<PyResult<Vec<_>>>()?;
    let notices = plan
        .notices
        .into_iter()
        .map(|n| {
            Py::new(
                py,
                Notice {
                    recipient: n.recipient,
                    channel: n.channel.code(),
                    student: n.student,
                    kind: n.kind.code(),
                    due_at: n.due_at,
                    send_at: n.send_at,
                    events: n.items,
                    text: n.text,
                    cost: n.sms,
                    rules: n.reasons,
                },
            )
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(NotifyPlan {
        notices,
        withheld,
        sms_cost: Py::new(py, report_of(py, report)?)?,
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Recipient>()?;
    m.add_class::<NotifyChild>()?;
    m.add_class::<NotifyEvent>()?;
    m.add_class::<Notice>()?;
    m.add_class::<Withheld>()?;
    m.add_class::<NotifyPlan>()?;
    m.add_function(wrap_pyfunction!(plan_notices, m)?)
}
