//! SMS segments and costs (R-A10): text in; segments, encodings and `decimal.Decimal`
//! costs out.

use asistent_core::chrono::{DateTime, Utc};
use asistent_core::ids::{GuardianId, StudentId};
use asistent_core::notify::sms;
use asistent_core::policy;
use asistent_core::rust_decimal::Decimal;
use pyo3::prelude::*;

use crate::policy::Policy;
use crate::{convert, errors};

pub(crate) fn encoding_name(e: sms::SmsEncoding) -> &'static str {
    e.code()
}

fn policy_or_default(policy: Option<&Policy>) -> policy::Policy {
    policy.map_or_else(policy::Policy::default, |p| p.inner.clone())
}

/// The segments of one text (R-A10): `encoding` ("gsm7" or "ucs2"), `segments`, `units`
/// (septets or UTF-16 units), `characters`, `per_part_limit` (160/153 or 70/67) and
/// `remaining_in_last_part`.
#[pyclass(frozen, module = "asistent", get_all, eq)]
#[derive(PartialEq, Eq)]
pub(crate) struct SmsCount {
    encoding: &'static str,
    segments: u32,
    units: u32,
    characters: u32,
    per_part_limit: u32,
    remaining_in_last_part: u32,
}

#[pymethods]
impl SmsCount {
    fn __repr__(&self) -> String {
        format!(
            "SmsCount(encoding={:?}, segments={}, units={}, characters={}, per_part_limit={}, remaining_in_last_part={})",
            self.encoding,
            self.segments,
            self.units,
            self.characters,
            self.per_part_limit,
            self.remaining_in_last_part
        )
    }
}

impl From<sms::SmsCount> for SmsCount {
    fn from(c: sms::SmsCount) -> Self {
        SmsCount {
            encoding: encoding_name(c.encoding),
            segments: c.segments,
            units: c.units,
            characters: c.characters,
            per_part_limit: c.per_part_limit,
            remaining_in_last_part: c.remaining_in_last_part,
        }
    }
}

/// The cost of one text (R-A10): its `count`, the policy's `price_per_segment` and the
/// `total` (both `decimal.Decimal`, EUR).
#[pyclass(frozen, module = "asistent", get_all)]
pub(crate) struct SmsCost {
    count: Py<SmsCount>,
    price_per_segment: Decimal,
    total: Decimal,
}

#[pymethods]
impl SmsCost {
    fn __repr__(&self) -> String {
        format!(
            "SmsCost(segments={}, total=Decimal('{}'))",
            self.count.get().segments,
            self.total
        )
    }
}

pub(crate) fn cost_of(py: Python<'_>, c: sms::SmsCost) -> PyResult<SmsCost> {
    Ok(SmsCost {
        count: Py::new(py, SmsCount::from(c.count))?,
        price_per_segment: c.price_per_segment,
        total: c.total,
    })
}

/// A text's cost as written and transliterated (R-A10).
#[pyclass(frozen, module = "asistent", get_all)]
pub(crate) struct SmsQuote {
    as_written: Py<SmsCost>,
    transliterated_text: String,
    transliterated: Py<SmsCost>,
    saving: Decimal,
}

#[pymethods]
impl SmsQuote {
    fn __repr__(&self) -> String {
        format!(
            "SmsQuote(as_written={}, transliterated={}, saving=Decimal('{}'))",
            self.as_written.get().total,
            self.transliterated.get().total,
            self.saving
        )
    }
}

/// Counts the SMS segments of a text exactly (R-A10).
#[pyfunction]
fn sms_count(text: &str) -> PyResult<SmsCount> {
    Ok(sms::count(text).map_err(errors::sms)?.into())
}

/// The cost of a text under a policy (the catalogue's defaults when none is given).
#[pyfunction]
#[pyo3(signature = (text, policy = None))]
fn sms_cost(py: Python<'_>, text: &str, policy: Option<&Policy>) -> PyResult<SmsCost> {
    let c = sms::cost(text, &policy_or_default(policy)).map_err(errors::sms)?;
    cost_of(py, c)
}

/// č→c, š→s, ž→z, ć→c, đ→d and capitals; everything else kept (R-A10).
#[pyfunction]
fn sms_transliterate(text: &str) -> String {
    sms::transliterate(text)
}

/// The cost of a text as written and transliterated, side by side (R-A10).
#[pyfunction]
#[pyo3(signature = (text, policy = None))]
fn sms_quote(py: Python<'_>, text: &str, policy: Option<&Policy>) -> PyResult<SmsQuote> {
    let q = sms::quote(text, &policy_or_default(policy)).map_err(errors::sms)?;
    Ok(SmsQuote {
        as_written: Py::new(py, cost_of(py, q.as_written)?)?,
        transliterated_text: q.transliterated_text,
        transliterated: Py::new(py, cost_of(py, q.transliterated)?)?,
        saving: q.saving,
    })
}

/// One SMS that was sent (R-A10): `recipient` (a guardian ID), `child` (a student ID),
/// `sent_at` (a timezone-aware datetime) and `text`.
#[pyclass(frozen, module = "asistent")]
pub(crate) struct SentSms {
    inner: sms::SentSms,
}

#[pymethods]
impl SentSms {
    #[new]
    fn new(
        recipient: &str,
        child: &str,
        sent_at: &Bound<'_, PyAny>,
        text: String,
    ) -> PyResult<SentSms> {
        let recipient =
            GuardianId::new(recipient).map_err(|e| errors::invalid("guardian ID", recipient, e))?;
        let child = StudentId::new(child).map_err(|e| errors::invalid("student ID", child, e))?;
        Ok(SentSms {
            inner: sms::SentSms {
                recipient,
                child,
                sent_at: convert::instant(sent_at)?,
                text,
            },
        })
    }

    #[getter]
    fn recipient(&self) -> &str {
        self.inner.recipient.as_str()
    }

    #[getter]
    fn child(&self) -> &str {
        self.inner.child.as_str()
    }

    #[getter]
    fn sent_at(&self) -> DateTime<Utc> {
        self.inner.sent_at
    }

    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    fn __repr__(&self) -> String {
        format!(
            "SentSms(recipient={:?}, child={:?}, sent_at={})",
            self.inner.recipient.as_str(),
            self.inner.child.as_str(),
            self.inner.sent_at
        )
    }
}

/// The SMS cost of one recipient, about one child, in one Ljubljana month.
#[pyclass(frozen, module = "asistent", get_all)]
pub(crate) struct SmsCostLine {
    recipient: String,
    child: String,
    year: i32,
    month: u32,
    messages: u64,
    segments: u64,
    cost: Decimal,
}

#[pymethods]
impl SmsCostLine {
    fn __repr__(&self) -> String {
        format!(
            "SmsCostLine(recipient={:?}, child={:?}, month={:04}-{:02}, segments={}, cost=Decimal('{}'))",
            self.recipient, self.child, self.year, self.month, self.segments, self.cost
        )
    }
}

/// SMS costs per recipient, child and month (`lines`), with totals (R-A10).
#[pyclass(frozen, module = "asistent", get_all)]
pub(crate) struct SmsCostReport {
    lines: Vec<Py<SmsCostLine>>,
    messages: u64,
    segments: u64,
    total: Decimal,
}

#[pymethods]
impl SmsCostReport {
    fn __repr__(&self) -> String {
        format!(
            "SmsCostReport(lines={}, messages={}, segments={}, total=Decimal('{}'))",
            self.lines.len(),
            self.messages,
            self.segments,
            self.total
        )
    }
}

/// Totals the cost of sent messages (any iterable of `SentSms`) per recipient, child and
/// month at the policy's price (R-A10).
#[pyfunction]
#[pyo3(signature = (messages, policy = None))]
fn sms_cost_report(
    py: Python<'_>,
    messages: &Bound<'_, PyAny>,
    policy: Option<&Policy>,
) -> PyResult<SmsCostReport> {
    let mut sent = Vec::new();
    for item in messages.try_iter()? {
        let item = item?;
        let m = item.cast::<SentSms>().map_err(|_| {
            convert::not_an_instance(
                &item,
                "sent SMS",
                "asistent.SentSms",
                "sent message",
                sent.len(),
            )
        })?;
        sent.push(m.get().inner.clone());
    }
    let r = sms::cost_report(&sent, &policy_or_default(policy)).map_err(errors::sms)?;
    report_of(py, r)
}

/// The Python form of a cost report.
pub(crate) fn report_of(py: Python<'_>, r: sms::SmsCostReport) -> PyResult<SmsCostReport> {
    let lines = r
        .lines
        .into_iter()
        .map(|l| {
            Py::new(
                py,
                SmsCostLine {
                    recipient: l.recipient.as_str().to_owned(),
                    child: l.child.as_str().to_owned(),
                    year: l.month.year,
                    month: l.month.month,
                    messages: l.messages,
                    segments: l.segments,
                    cost: l.cost,
                },
            )
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(SmsCostReport {
        lines,
        messages: r.messages,
        segments: r.segments,
        total: r.total,
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SmsCount>()?;
    m.add_class::<SmsCost>()?;
    m.add_class::<SmsQuote>()?;
    m.add_class::<SentSms>()?;
    m.add_class::<SmsCostLine>()?;
    m.add_class::<SmsCostReport>()?;
    m.add_function(wrap_pyfunction!(sms_count, m)?)?;
    m.add_function(wrap_pyfunction!(sms_cost, m)?)?;
    m.add_function(wrap_pyfunction!(sms_transliterate, m)?)?;
    m.add_function(wrap_pyfunction!(sms_quote, m)?)?;
    m.add_function(wrap_pyfunction!(sms_cost_report, m)?)
}
