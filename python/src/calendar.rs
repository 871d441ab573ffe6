//! The Slovenian school calendar (R-E7).

use asistent_core::calendar as cal;
use asistent_core::chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;

use crate::policy::Policy;
use crate::{convert, errors};

/// One work-free day (R-E7): `date`, `name_sl`, `name_en`, and `kind` ("statutory",
/// "one_off" or "policy_added").
#[pyclass(frozen, module = "asistent", get_all)]
struct WorkFreeDay {
    date: NaiveDate,
    name_sl: String,
    name_en: String,
    kind: &'static str,
}

#[pymethods]
impl WorkFreeDay {
    fn __repr__(&self) -> String {
        format!(
            "WorkFreeDay(date={}, name_sl={:?}, kind={:?})",
            self.date, self.name_sl, self.kind
        )
    }
}

impl TryFrom<cal::WorkFreeDay> for WorkFreeDay {
    type Error = PyErr;
    fn try_from(d: cal::WorkFreeDay) -> PyResult<Self> {
        Ok(WorkFreeDay {
            kind: match d.kind {
                cal::WorkFreeKind::Statutory => "statutory",
                cal::WorkFreeKind::OneOff => "one_off",
                cal::WorkFreeKind::PolicyAdded => "policy_added",
                other => return Err(errors::unsupported("work-free day kind", other)),
            },
            date: d.date,
            name_sl: d.name_sl,
            name_en: d.name_en,
        })
    }
}

/// A school year, 1 September to 31 August, labelled like "2025/26".
#[pyclass(frozen, module = "asistent")]
struct SchoolYear {
    inner: cal::SchoolYear,
}

#[pymethods]
impl SchoolYear {
    /// The school year starting on 1 September of `start_year`.
    #[new]
    fn new(start_year: &Bound<'_, PyAny>) -> PyResult<SchoolYear> {
        let start_year = convert::int(start_year, "start_year")?;
        Ok(SchoolYear {
            inner: cal::SchoolYear::starting(start_year).map_err(errors::calendar)?,
        })
    }

    /// The school year a date belongs to.
    #[staticmethod]
    fn containing(date: &Bound<'_, PyAny>) -> PyResult<SchoolYear> {
        Ok(SchoolYear {
            inner: cal::SchoolYear::containing(convert::date(date)?).map_err(errors::calendar)?,
        })
    }

    /// Reads a label such as "2025/26".
    #[staticmethod]
    fn parse(label: &str) -> PyResult<SchoolYear> {
        Ok(SchoolYear {
            inner: label.parse().map_err(errors::calendar)?,
        })
    }

    #[getter]
    fn start_year(&self) -> i32 {
        self.inner.start_year()
    }

    #[getter]
    fn label(&self) -> String {
        self.inner.label()
    }

    #[getter]
    fn first_day(&self) -> NaiveDate {
        self.inner.first_day()
    }

    #[getter]
    fn last_day(&self) -> NaiveDate {
        self.inner.last_day()
    }

    fn __contains__(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.contains(convert::date(date)?))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyObject_ {
        let Ok(other) = other.cast::<SchoolYear>() else {
            return PyObject_::NotImplemented;
        };
        PyObject_::Bool(op.matches(self.inner.cmp(&other.get().inner)))
    }

    fn __hash__(&self) -> u64 {
        u64::from(self.inner.start_year().unsigned_abs())
    }

    fn __str__(&self) -> String {
        self.inner.label()
    }

    fn __repr__(&self) -> String {
        format!("SchoolYear('{}')", self.inner)
    }
}

/// The result of a rich comparison.
enum PyObject_ {
    Bool(bool),
    NotImplemented,
}

impl<'py> IntoPyObject<'py> for PyObject_ {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = std::convert::Infallible;

    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(match self {
            PyObject_::Bool(b) => pyo3::types::PyBool::new(py, b).to_owned().into_any(),
            PyObject_::NotImplemented => py.NotImplemented().into_bound(py),
        })
    }
}

/// The calendar of a policy (R-E7): work-free days, working days, last days of lessons.
#[pyclass(frozen, module = "asistent")]
struct Calendar {
    inner: cal::Calendar,
}

#[pymethods]
impl Calendar {
    /// The calendar under a policy (the catalogue's defaults when none is given).
    #[new]
    #[pyo3(signature = (policy = None))]
    fn new(policy: Option<&Policy>) -> Calendar {
        Calendar {
            inner: match policy {
                Some(p) => cal::Calendar::new(&p.inner),
                None => cal::Calendar::default(),
            },
        }
    }

    /// Monday to Friday and not work-free.
    fn is_working_day(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.inner
            .is_working_day(convert::date(date)?)
            .map_err(errors::calendar)
    }

    /// The first working day strictly after `date`.
    fn next_working_day(&self, date: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
        self.inner
            .next_working_day(convert::date(date)?)
            .map_err(errors::calendar)
    }

    /// The `n`-th working day after `date` (`n = 0` gives `date`).
    fn add_working_days(
        &self,
        date: &Bound<'_, PyAny>,
        n: &Bound<'_, PyAny>,
    ) -> PyResult<NaiveDate> {
        let date = convert::date(date)?;
        self.inner
            .add_working_days(date, convert::int(n, "n")?)
            .map_err(errors::calendar)
    }

    /// Working days in `start..until` (until excluded).
    fn working_days_between(
        &self,
        start: &Bound<'_, PyAny>,
        until: &Bound<'_, PyAny>,
    ) -> PyResult<u32> {
        self.inner
            .working_days_between(convert::date(start)?, convert::date(until)?)
            .map_err(errors::calendar)
    }

    /// The work-free day on a date, or None (weekends alone are not listed).
    fn work_free_day(&self, date: &Bound<'_, PyAny>) -> PyResult<Option<WorkFreeDay>> {
        self.inner
            .work_free_day(convert::date(date)?)
            .map_err(errors::calendar)?
            .map(WorkFreeDay::try_from)
            .transpose()
    }

    /// Every work-free day of a year, in date order.
    fn work_free_days(&self, year: &Bound<'_, PyAny>) -> PyResult<Vec<WorkFreeDay>> {
        self.inner
            .work_free_days(convert::int(year, "year")?)
            .map_err(errors::calendar)?
            .into_iter()
            .map(WorkFreeDay::try_from)
            .collect()
    }

    /// The last day of lessons of a school year (final-year classes end earlier).
    #[pyo3(signature = (school_year, final_year = false))]
    fn last_lesson_day(&self, school_year: &SchoolYear, final_year: bool) -> NaiveDate {
        self.inner.last_lesson_day(school_year.inner, final_year)
    }
}

/// The Europe/Ljubljana date on which a timezone-aware instant happened.
#[pyfunction]
fn local_date(instant: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    Ok(cal::local_date(convert::instant(instant)?))
}

/// The instant (UTC) at which a local date begins.
#[pyfunction]
fn local_midnight(date: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    convert::instant_out(cal::local_midnight(convert::date(date)?))
}

/// The instant (UTC) of a Europe/Ljubljana wall-clock time on a date.
#[pyfunction]
fn local_instant(
    date: &Bound<'_, PyAny>,
    hour: &Bound<'_, PyAny>,
    minute: &Bound<'_, PyAny>,
) -> PyResult<DateTime<Utc>> {
    let date = convert::date(date)?;
    let hour: u32 = convert::int(hour, "hour")?;
    let minute: u32 = convert::int(minute, "minute")?;
    let time = NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| {
        errors::invalid(
            "time of day",
            &format!("{hour}:{minute}"),
            format!("{hour:02}:{minute:02} is not a time of day"),
        )
    })?;
    convert::instant_out(cal::local_instant(date, time))
}

/// Parses an ISO date (`YYYY-MM-DD`).
#[pyfunction]
fn parse_date(text: &str) -> PyResult<NaiveDate> {
    cal::parse_date(text).map_err(errors::calendar)
}

/// Easter Sunday of a year.
#[pyfunction]
fn easter_sunday(year: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    cal::easter_sunday(convert::int(year, "year")?).map_err(errors::calendar)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Calendar>()?;
    m.add_class::<SchoolYear>()?;
    m.add_class::<WorkFreeDay>()?;
    m.add_function(wrap_pyfunction!(local_date, m)?)?;
    m.add_function(wrap_pyfunction!(local_midnight, m)?)?;
    m.add_function(wrap_pyfunction!(local_instant, m)?)?;
    m.add_function(wrap_pyfunction!(parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(easter_sunday, m)?)?;
    Ok(())
}
