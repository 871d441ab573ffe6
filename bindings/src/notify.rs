//! The notification planner (R-E1 … R-E7, R-C3, R-C7, R-A10): thin wrappers over
//! `asistent_core::notify`.

use std::sync::Arc;
use std::time::SystemTime;

use asistent_core::calendar::Calendar;
use asistent_core::chrono::NaiveTime;
use asistent_core::ids::{GuardianId, StudentId};
use asistent_core::notify as core;

use crate::convert::{instant_from, instant_to, LocalDate};
use crate::policy::Policy;
use crate::rights::RightsFacts;
use crate::services::Registration;
use crate::sms::{SmsCost, SmsCostReport};
use crate::AsistentError;

/// Daily or weekly notices (R-E1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NotifyMode {
    /// Each kind on its own day (R-E2).
    Daily,
    /// One summary every Wednesday; assessments still on Fridays (R-E3).
    Weekly,
}

/// Email or SMS (R-E4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NotifyChannel {
    /// Email.
    Email,
    /// SMS, priced per segment (R-A10).
    Sms,
}

impl From<NotifyChannel> for core::Channel {
    fn from(c: NotifyChannel) -> Self {
        match c {
            NotifyChannel::Email => core::Channel::Email,
            NotifyChannel::Sms => core::Channel::Sms,
        }
    }
}

impl From<core::Channel> for NotifyChannel {
    fn from(c: core::Channel) -> Self {
        match c {
            core::Channel::Sms => NotifyChannel::Sms,
            _ => NotifyChannel::Email,
        }
    }
}

/// The language of a recipient's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NotifyLanguage {
    /// Slovenian.
    Sl,
    /// English.
    En,
}

/// Quiet hours as local `"HH:MM"` times; a notice due inside them moves to their end.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QuietHours {
    /// When they begin (`"22:00"`).
    pub from: String,
    /// When they end (`"07:00"`).
    pub until: String,
}

/// A recipient with preferences (R-E1, R-E4). `is_student`: `id` is a student's, who
/// receives no email or SMS notices (R-E5).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NotifyRecipient {
    /// The guardian's (or student's) ID.
    pub id: String,
    /// Whether the recipient is a student (R-E5).
    pub is_student: bool,
    /// Daily or weekly.
    pub mode: NotifyMode,
    /// Email and/or SMS.
    pub channels: Vec<NotifyChannel>,
    /// The email address, if any.
    pub email: Option<String>,
    /// The mobile number, if any.
    pub phone: Option<String>,
    /// Quiet hours, if any.
    pub quiet_hours: Option<QuietHours>,
    /// The language of the texts.
    pub language: NotifyLanguage,
    /// Whether SMS texts are transliterated to GSM-7 (R-A10).
    pub transliterate_sms: bool,
}

/// A child with its subscription (R-C3, R-C7).
#[derive(Debug, Clone, uniffi::Record)]
pub struct NotifyChild {
    /// The student's ID.
    pub student: String,
    /// The first name used in texts.
    pub name: String,
    /// The subscription.
    pub registration: Arc<Registration>,
    /// The guardians named on it (at most two, R-C3).
    pub recipients: Vec<String>,
}

/// A household: recipients and children.
#[derive(Debug, Clone, uniffi::Record)]
pub struct NotifyHousehold {
    /// Everyone who may receive notices.
    pub recipients: Vec<NotifyRecipient>,
    /// The children.
    pub children: Vec<NotifyChild>,
}

/// The kind of an observation (R-D5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ObservationKind {
    /// Pohvala.
    Praise,
    /// Komentar.
    Comment,
    /// Opažanje.
    Observation,
}

/// What a teacher entered (R-E2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum NotifyEventKind {
    /// An absence on a day.
    Absence {
        /// The day.
        date: LocalDate,
        /// Lessons missed.
        lessons: u32,
    },
    /// A grade 1–5.
    Grade {
        /// The subject.
        subject: String,
        /// The grade.
        grade: u8,
    },
    /// Praise, a comment or an observation.
    Observation {
        /// Which.
        observation: ObservationKind,
        /// The text.
        text: String,
        /// When the lesson was closed, if it was.
        lesson_closed_at: Option<SystemTime>,
    },
    /// An announced assessment.
    AnnouncedAssessment {
        /// The subject.
        subject: String,
        /// The day of the assessment.
        date: LocalDate,
    },
}

/// One entry by a teacher.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NotifyEvent {
    /// The caller's ID.
    pub id: u64,
    /// The student's ID.
    pub student: String,
    /// When it was entered.
    pub entered_at: SystemTime,
    /// What.
    pub kind: NotifyEventKind,
}

/// The kind of a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NoticeKind {
    /// Daily absences.
    Absences,
    /// Daily observations.
    Observations,
    /// Daily grades.
    Grades,
    /// The Wednesday summary.
    WeeklySummary,
    /// The Friday digest of announced assessments.
    AssessmentDigest,
}

/// One notice to send.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Notice {
    /// The guardian.
    pub recipient: String,
    /// Email or SMS.
    pub channel: NotifyChannel,
    /// The student.
    pub student: String,
    /// Which kind.
    pub kind: NoticeKind,
    /// When it was due, before quiet hours.
    pub due_at: SystemTime,
    /// When it is sent.
    pub send_at: SystemTime,
    /// The event IDs it carries.
    pub items: Vec<u64>,
    /// The rendered text.
    pub text: String,
    /// For SMS: segments and cost.
    pub sms: Option<SmsCost>,
    /// The rule IDs that placed it.
    pub reasons: Vec<String>,
}

/// Items held back, counted, with the rule that held them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Withheld {
    /// The recipient's ID.
    pub recipient: String,
    /// Whether the recipient is a student.
    pub recipient_is_student: bool,
    /// The child.
    pub student: String,
    /// The data category (`"grades"`, …).
    pub category: String,
    /// The rule ID (`"R-E5"`, `"R-C7"`, `"R-D5"`, or the rights rule that denied it:
    /// `"R-F4"`, `"R-F2"`, `"R-D12"`, `"R-F1"`, …).
    pub reason: String,
    /// How many (item, notice) pairs: the notices that would have gone out within the
    /// plan's period had the items not been held back (R-E5, R-C7, R-D5, rights).
    pub items: u64,
}

/// The planned notices, what was held back, and the SMS cost per recipient, child and
/// month.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NotifyPlan {
    /// The notices in send order.
    pub notices: Vec<Notice>,
    /// What was held back.
    pub withheld: Vec<Withheld>,
    /// The SMS cost report of the plan (R-A10).
    pub sms_cost: SmsCostReport,
}

fn time(text: &str) -> Result<NaiveTime, AsistentError> {
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|e| {
        AsistentError::invalid(
            "time",
            text,
            format!("`{text}` is not a time (expected HH:MM): {e}"),
        )
    })
}

fn guardian(id: &str) -> Result<GuardianId, AsistentError> {
    GuardianId::new(id).map_err(|e| AsistentError::invalid("guardian ID", id, e))
}

fn student(id: &str) -> Result<StudentId, AsistentError> {
    StudentId::new(id).map_err(|e| AsistentError::invalid("student ID", id, e))
}

fn household(h: NotifyHousehold) -> Result<core::Household, AsistentError> {
    // A bad recipient or child is named by its position and ID ("recipient 1 (`mama`):
    // …"), with `index` where the error has one.
    let recipients = h
        .recipients
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let label = format!("recipient {i} (`{}`)", r.id);
            recipient(r).map_err(|e| e.at_labelled(&label, i))
        })
        .collect::<Result<Vec<_>, AsistentError>>()?;
    let children = h
        .children
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let label = format!("child {i} (`{}`)", c.student);
            let child = || -> Result<core::Child, AsistentError> {
                Ok(core::Child {
                    student: student(&c.student)?,
                    name: c.name,
                    registration: c.registration.inner.clone(),
                    recipients: c
                        .recipients
                        .iter()
                        .map(|g| guardian(g))
                        .collect::<Result<_, _>>()?,
                })
            };
            child().map_err(|e| e.at_labelled(&label, i))
        })
        .collect::<Result<Vec<_>, AsistentError>>()?;
    Ok(core::Household {
        recipients,
        children,
    })
}

fn recipient(r: NotifyRecipient) -> Result<core::Recipient, AsistentError> {
    let who = if r.is_student {
        core::Addressee::Student(student(&r.id)?)
    } else {
        core::Addressee::Guardian(guardian(&r.id)?)
    };
    let quiet_hours = match r.quiet_hours {
        Some(q) => Some(core::QuietHours {
            from: time(&q.from)?,
            until: time(&q.until)?,
        }),
        None => None,
    };
    Ok(core::Recipient {
        who,
        mode: match r.mode {
            NotifyMode::Daily => core::Mode::Daily,
            NotifyMode::Weekly => core::Mode::Weekly,
        },
        channels: r.channels.into_iter().map(Into::into).collect(),
        email: r.email,
        phone: r.phone,
        quiet_hours,
        language: match r.language {
            NotifyLanguage::Sl => core::Language::Sl,
            NotifyLanguage::En => core::Language::En,
        },
        transliterate_sms: r.transliterate_sms,
    })
}

fn event(e: NotifyEvent) -> Result<core::Event, AsistentError> {
    let kind = match e.kind {
        NotifyEventKind::Absence { date, lessons } => core::EventKind::Absence { date, lessons },
        NotifyEventKind::Grade { subject, grade } => core::EventKind::Grade { subject, grade },
        NotifyEventKind::Observation {
            observation,
            text,
            lesson_closed_at,
        } => core::EventKind::Observation {
            observation: match observation {
                ObservationKind::Praise => core::ObservationKind::Praise,
                ObservationKind::Comment => core::ObservationKind::Comment,
                ObservationKind::Observation => core::ObservationKind::Observation,
            },
            text,
            lesson_closed_at: lesson_closed_at.map(instant_from).transpose()?,
        },
        NotifyEventKind::AnnouncedAssessment { subject, date } => {
            core::EventKind::AnnouncedAssessment { subject, date }
        }
    };
    Ok(core::Event {
        id: core::EventId(e.id),
        student: student(&e.student)?,
        entered_at: instant_from(e.entered_at)?,
        kind,
    })
}

impl TryFrom<core::NoticeKind> for NoticeKind {
    type Error = AsistentError;
    fn try_from(k: core::NoticeKind) -> Result<Self, AsistentError> {
        Ok(match k {
            core::NoticeKind::Absences => NoticeKind::Absences,
            core::NoticeKind::Observations => NoticeKind::Observations,
            core::NoticeKind::Grades => NoticeKind::Grades,
            core::NoticeKind::WeeklySummary => NoticeKind::WeeklySummary,
            core::NoticeKind::AssessmentDigest => NoticeKind::AssessmentDigest,
            other => return Err(AsistentError::unsupported("notice kind", other)),
        })
    }
}

/// A withheld notice's recipient and whether it is the student; an addressee these
/// bindings do not know is an error, never an empty recipient.
fn addressee(a: &core::Addressee) -> Result<(String, bool), AsistentError> {
    match a {
        core::Addressee::Student(s) => Ok((s.as_str().to_owned(), true)),
        core::Addressee::Guardian(g) => Ok((g.as_str().to_owned(), false)),
        other => Err(AsistentError::unsupported("addressee", other)),
    }
}

fn notice(n: core::Notice) -> Result<Notice, AsistentError> {
    Ok(Notice {
        recipient: n.recipient.as_str().to_owned(),
        channel: n.channel.into(),
        student: n.student.as_str().to_owned(),
        kind: n.kind.try_into()?,
        due_at: instant_to(n.due_at),
        send_at: instant_to(n.send_at),
        items: n.items.iter().map(|i| i.0).collect(),
        text: n.text,
        sms: n.sms.map(Into::into),
        reasons: n
            .reasons
            .to_vec()
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect(),
    })
}

/// Plans a household's notices sent from `from` to `until` (one school year) (R-E1 …
/// R-E7, R-C3, R-C7, R-A10), with the SMS cost report. Events may be entered in that
/// school year or the one before (an absence of 31 August is notified on 1 September);
/// others are `UnknownSchoolYear`.
#[uniffi::export]
pub fn plan_notices(
    household: NotifyHousehold,
    events: Vec<NotifyEvent>,
    from: LocalDate,
    until: LocalDate,
    facts: Arc<RightsFacts>,
    policy: Arc<Policy>,
) -> Result<NotifyPlan, AsistentError> {
    let h = self::household(household)?;
    // A bad event is named by its position and its ID ("event 3 (ID 42): …"), with
    // `index` where the error has one.
    let events = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let label = format!("event {i} (ID {})", e.id);
            event(e).map_err(|err| err.at_labelled(&label, i))
        })
        .collect::<Result<Vec<_>, AsistentError>>()?;
    let cal = Calendar::new(&policy.inner);
    let plan = core::Planner::new(&policy.inner, &cal, &facts.inner).plan(
        &h,
        &events,
        core::Period { from, until },
    )?;
    let report = plan.sms_cost_report(&policy.inner)?;
    Ok(NotifyPlan {
        withheld: plan
            .withheld
            .iter()
            .map(|w| {
                let (recipient, recipient_is_student) = addressee(&w.recipient)?;
                Ok(Withheld {
                    recipient,
                    recipient_is_student,
                    student: w.student.as_str().to_owned(),
                    category: w.category.code().to_owned(),
                    reason: w.reason.as_str().to_owned(),
                    items: w.items,
                })
            })
            .collect::<Result<_, AsistentError>>()?,
        notices: plan
            .notices
            .into_iter()
            .map(notice)
            .collect::<Result<_, AsistentError>>()?,
        sms_cost: report.into(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// R-E1: the wildcard arm of the channel mapping (the core enum is `non_exhaustive`)
    /// is never reached — every core channel maps to an FFI channel that maps back to it.
    #[test]
    fn r_e1_every_core_channel_round_trips() {
        for c in core::Channel::ALL {
            assert_eq!(core::Channel::from(NotifyChannel::from(c)), c);
        }
    }

    /// R-E1: every core notice kind maps to its own value (an unknown one would be an
    /// `unsupported` error, never an assessment digest).
    #[test]
    fn r_e1_every_core_notice_kind_has_its_own_value() {
        let mapped: Vec<NoticeKind> = core::NoticeKind::ALL
            .into_iter()
            .map(|k| NoticeKind::try_from(k).unwrap())
            .collect();
        assert_eq!(
            mapped,
            vec![
                NoticeKind::Absences,
                NoticeKind::Observations,
                NoticeKind::Grades,
                NoticeKind::WeeklySummary,
                NoticeKind::AssessmentDigest,
            ]
        );
    }

    /// R-E1: both addressees map to their recipient and whether it is the student.
    #[test]
    fn r_e1_every_addressee_names_its_recipient() {
        let s = core::Addressee::Student(StudentId::new("s1").unwrap());
        assert_eq!(addressee(&s).unwrap(), ("s1".to_owned(), true));
        let g = core::Addressee::Guardian(GuardianId::new("g1").unwrap());
        assert_eq!(addressee(&g).unwrap(), ("g1".to_owned(), false));
    }
}
