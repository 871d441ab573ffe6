//! The notification planner (R-E1 … R-E7, R-C3, R-C7, R-A10): a household, the events
//! entered for its children, the calendar, the rights facts and the policy → the exact,
//! deterministic list of notices.
//!
//! - Daily mode (R-E2): absences on the next working day after the entry, at the policy's
//!   daily hour; observations (praise, comments) as soon as entered and the lesson closed;
//!   grades on day D+3 at the daily hour; announced assessments in the Friday digest
//!   covering the 21 days that follow.
//! - Weekly mode (R-E3): absences, observations and grades in one summary every
//!   Wednesday, carrying what became visible since the previous summary; assessments
//!   still in the Friday digest.
//! - Recipients (R-C3, R-E5, R-E6): both guardians of a ZA STARŠE / POPOLNI
//!   subscription get each notice; students and guardians without such a service get
//!   none; nothing goes out on a day the school year is not paid (R-C7); a guardian the
//!   rights engine does not let see a category gets nothing of it.
//! - Quiet hours (beyond): a notice due inside a recipient's quiet hours moves to their
//!   end. A weekly summary or Friday digest whose quiet hours run past midnight goes out
//!   one minute before they begin instead, so that it stays on its weekday.
//! - Every notice is sent on or after the instant each of its items became visible to
//!   the recipient, as the visibility engine answers it
//!   ([`visible_from_many`](crate::visibility::visible_from_many), without its rights
//!   gate); rights and payment are judged on each send day (R-E6, R-F2, R-F4), so a plan
//!   for part of a period has the same notices on its days as the plan for the whole.
//!
//! What is not sent is not lost silently: [`Plan::withheld`] counts, per recipient, child,
//! category and rule, the items that were held back.
//!
//! Two decisions (no rule says otherwise; the tests name them):
//! - Grade notices go out on day D+3 at the daily hour, as R-D1 / R-E2 say, also when
//!   D+3 is a Saturday, Sunday or holiday: seed 001:76 and 79-80 say the notice comes with
//!   the grade's visibility after 3 days, and a notice is never sent before its item is
//!   visible. The policy's R-D1 switch to working days (`visibility.grade_delay_counts`)
//!   moves both together. A grade entered on Wednesday is notified on Saturday.
//! - Homework and remarks have no notice: seed 001:73-77 lists only absences,
//!   observations on work and behaviour, grades and announced assessments. [`EventKind`]
//!   has no variant for them, so they are neither notified nor counted as withheld (a
//!   JSON event of kind `"homework"` or `"remark"` is refused when read).
//!
//! Speed (issue 6, `BENCHMARKS.md`): households are planned one at a time; IDs are shared
//! text (a clone is a reference count); local dates come from a table of midnights and
//! dates; payment is judged once per day and child, rights once per (recipient, day,
//! category); texts are rendered into a reused buffer; notices are ordered by packed
//! 128-bit keys and moved into place once.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

use super::clock::Clock;
use super::render;
use super::sms::{self, SentSms, SmsCost, SmsCostReport, SmsError};
use crate::calendar::{self, Calendar, CalendarError, SchoolYear};
use crate::ids::{GuardianId, StudentId};
use crate::policy::Policy;
use crate::rights::{Category, Decision, Facts, Question, ReasonKind, RightsError};
use crate::rules::RuleId;
use crate::services::{notification_recipients, Registration, Service, ServiceError};
use crate::visibility::{
    visible_from_many, Context, Hidden, Item, ItemKind, RuleSet, Viewer, Visibility,
    VisibilityError, Waiting,
};

/// How often a parent wants to be told (R-E1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mode {
    /// Each kind of notice on its own day (R-E2).
    Daily,
    /// One summary every Wednesday; assessments still on Fridays (R-E3).
    Weekly,
}

/// How a notice travels (R-E4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Channel {
    /// Email.
    Email,
    /// SMS, priced per segment (R-A10).
    Sms,
}

impl Channel {
    /// Every channel, so that a face can prove by a test that it maps each of them (a
    /// face never maps a value it does not know to a plausible stand-in).
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Sms];

    /// The machine name (`"email"`, `"sms"`).
    pub const fn code(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    /// The contact a channel needs, in words.
    const fn contact(self) -> &'static str {
        match self {
            Channel::Email => "email address",
            Channel::Sms => "mobile number",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Channel::Email => "email",
            Channel::Sms => "SMS",
        })
    }
}

/// The language a recipient reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Language {
    /// Slovenian (the default).
    Sl,
    /// English.
    En,
}

/// A recipient's quiet hours (beyond the seeds): local times `[from, until)`; a window
/// may run past midnight (`22:00`–`07:00`). A notice due inside them moves to their end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuietHours {
    /// When they begin (local time).
    pub from: NaiveTime,
    /// When they end (local time); not equal to `from`.
    pub until: NaiveTime,
}

impl QuietHours {
    /// Whether a local time is inside the quiet hours.
    pub fn contains(self, t: NaiveTime) -> bool {
        if self.from < self.until {
            t >= self.from && t < self.until
        } else {
            t >= self.from || t < self.until
        }
    }
}

/// Who a recipient is: a guardian, or a student (who receives no email or SMS notices,
/// R-E5).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Addressee {
    /// A parent or legal representative.
    Guardian(GuardianId),
    /// A student (R-E5: no email or SMS notices).
    Student(StudentId),
}

impl fmt::Display for Addressee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Addressee::Guardian(g) => write!(f, "guardian {g}"),
            Addressee::Student(s) => write!(f, "student {s}"),
        }
    }
}

/// A person who may receive notices, with their preferences (R-E1, R-E4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Who.
    pub who: Addressee,
    /// Daily or weekly (R-E1).
    pub mode: Mode,
    /// Email and/or SMS (R-E4); each needs its contact.
    pub channels: Vec<Channel>,
    /// The confirmed email address, if any.
    #[serde(default)]
    pub email: Option<String>,
    /// The confirmed mobile number, if any.
    #[serde(default)]
    pub phone: Option<String>,
    /// Quiet hours, if any.
    #[serde(default)]
    pub quiet_hours: Option<QuietHours>,
    /// The language of the texts.
    #[serde(default = "default_language")]
    pub language: Language,
    /// Whether SMS texts are transliterated to stay in GSM-7 (R-A10).
    #[serde(default)]
    pub transliterate_sms: bool,
}

fn default_language() -> Language {
    Language::Sl
}

impl Recipient {
    /// A guardian in Slovenian with the given mode and channels and no quiet hours.
    pub fn guardian(id: GuardianId, mode: Mode, channels: Vec<Channel>) -> Recipient {
        Recipient {
            who: Addressee::Guardian(id),
            mode,
            channels,
            email: None,
            phone: None,
            quiet_hours: None,
            language: Language::Sl,
            transliterate_sms: false,
        }
    }

    fn contact(&self, channel: Channel) -> Option<&str> {
        match channel {
            Channel::Email => self.email.as_deref(),
            Channel::Sms => self.phone.as_deref(),
        }
        .filter(|c| !c.trim().is_empty())
    }
}

/// A child of the household with its subscription (R-C3, R-C7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// The student.
    pub student: StudentId,
    /// The first name used in texts ("Ana").
    pub name: String,
    /// The subscription: its service and paid school years decide whether notices go out
    /// on a day (R-C7, R-E6).
    pub registration: Registration,
    /// The guardians named on the subscription: at most both parents (R-C3).
    pub recipients: Vec<GuardianId>,
}

/// A household: recipients and children (R-C3).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// Everyone who may receive notices, with their preferences.
    pub recipients: Vec<Recipient>,
    /// The children and their subscriptions.
    pub children: Vec<Child>,
}

/// An event's identifier, given by the caller (unique within one plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub u64);

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The kind of an observation on work and behaviour (R-D5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ObservationKind {
    /// Praise (pohvala).
    Praise,
    /// A comment (komentar).
    Comment,
    /// An observation on work and behaviour (opažanje).
    Observation,
}

/// What a teacher entered (R-E2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum EventKind {
    /// An absence (izostanek) on a day, in lessons.
    Absence {
        /// The day of the absence.
        date: NaiveDate,
        /// Lessons missed (at least 1).
        lessons: u32,
    },
    /// A grade (ocena) 1–5 in a subject.
    Grade {
        /// The subject ("matematika").
        subject: String,
        /// The grade, 1–5.
        grade: u8,
    },
    /// Praise, a comment or an observation, with its text; visible once the lesson is
    /// closed (R-D5).
    Observation {
        /// Which.
        observation: ObservationKind,
        /// The teacher's text.
        text: String,
        /// When the lesson was closed; `None`: not yet (nothing is sent).
        lesson_closed_at: Option<DateTime<Utc>>,
    },
    /// An announced assessment (napovedano ocenjevanje / preverjanje znanja).
    AnnouncedAssessment {
        /// The subject.
        subject: String,
        /// The day of the assessment.
        date: NaiveDate,
    },
}

impl EventKind {
    /// The rights category the event belongs to.
    pub const fn category(&self) -> Category {
        match self {
            EventKind::Absence { .. } => Category::Absences,
            EventKind::Grade { .. } => Category::Grades,
            EventKind::Observation { .. } => Category::PraiseAndComments,
            EventKind::AnnouncedAssessment { .. } => Category::AnnouncedAssessments,
        }
    }
}

/// One entry by a teacher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The caller's identifier.
    pub id: EventId,
    /// The child.
    pub student: StudentId,
    /// When the teacher entered it.
    pub entered_at: DateTime<Utc>,
    /// What was entered.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// The kind of a notice (R-E2, R-E3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NoticeKind {
    /// Daily: absences, the next working day after the entry.
    Absences,
    /// Daily: observations, as soon as visible.
    Observations,
    /// Daily: grades, on day D+3.
    Grades,
    /// Weekly: the Wednesday summary.
    WeeklySummary,
    /// Both modes: the Friday digest of announced assessments for the next 21 days.
    AssessmentDigest,
}

impl NoticeKind {
    /// Every notice kind, so that a face can prove by a test that it maps each of them (a
    /// face never maps a value it does not know to a plausible stand-in).
    pub const ALL: [NoticeKind; 5] = [
        NoticeKind::Absences,
        NoticeKind::Observations,
        NoticeKind::Grades,
        NoticeKind::WeeklySummary,
        NoticeKind::AssessmentDigest,
    ];

    /// The machine name (`"weekly_summary"`).
    pub const fn code(self) -> &'static str {
        match self {
            NoticeKind::Absences => "absences",
            NoticeKind::Observations => "observations",
            NoticeKind::Grades => "grades",
            NoticeKind::WeeklySummary => "weekly_summary",
            NoticeKind::AssessmentDigest => "assessment_digest",
        }
    }
}

/// One notice to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Notice {
    /// Who receives it.
    pub recipient: GuardianId,
    /// By which channel (R-E4).
    pub channel: Channel,
    /// About which child.
    pub student: StudentId,
    /// Which kind of notice.
    pub kind: NoticeKind,
    /// When it was due by the rules (R-E2, R-E3, R-E7), before quiet hours.
    pub due_at: DateTime<Utc>,
    /// When it is sent: `due_at` moved out of the recipient's quiet hours.
    pub send_at: DateTime<Utc>,
    /// The events it carries, in entry order.
    pub items: Vec<EventId>,
    /// The rendered text, in the recipient's language (transliterated if they asked for
    /// it on SMS).
    pub text: String,
    /// For SMS: segments and cost (R-A10).
    pub sms: Option<SmsCost>,
    /// The rules that placed it (a set, serialised as a list of IDs).
    pub reasons: RuleSet,
}

/// Items held back from a recipient, counted (R-C7, R-E5, R-E6, rights).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Withheld {
    /// Who would have received them.
    pub recipient: Addressee,
    /// The child.
    pub student: StudentId,
    /// Their category.
    pub category: Category,
    /// Why: `R-E5` (a student, or no service for the parents), `R-C7` (not a paid day),
    /// the most specific rule by which the rights engine says no on the send day (see
    /// [`Facts::decide`]: `R-F4` a court's restriction, `R-F2` parental care removed,
    /// `R-D12` an adult student's objection, `R-F1` no relation, …), `R-D5` (the lesson
    /// is not closed yet).
    pub reason: RuleId,
    /// How many (item, notice) pairs were held back: the notices that would have gone out
    /// within the plan's period had the item not been held back (as for a parent with
    /// ZA STARŠE of the recipient's mode; an item whose lesson is not closed counts as if
    /// it had closed at its entry). A grade is one, an assessment one per Friday digest
    /// in the period; an item whose notices all fall outside the period is not counted.
    pub items: u64,
}

/// The planned notices of a household for a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Plan {
    /// The notices, ordered by send instant, recipient, child, kind and channel.
    pub notices: Vec<Notice>,
    /// What was held back and why.
    pub withheld: Vec<Withheld>,
}

impl Plan {
    /// The SMS of the plan as sent messages, for [`sms::cost_report`] (R-A10).
    pub fn sent_sms(&self) -> Vec<SentSms> {
        self.notices
            .iter()
            .filter(|n| n.channel == Channel::Sms)
            .map(|n| SentSms {
                recipient: n.recipient.clone(),
                child: n.student.clone(),
                sent_at: n.send_at,
                text: n.text.clone(),
            })
            .collect()
    }

    /// The SMS cost of the plan per recipient, child and month (R-A10).
    pub fn sms_cost_report(&self, policy: &Policy) -> Result<SmsCostReport, SmsError> {
        // The same as `sms::cost_report(&self.sent_sms(), policy)`, without copying texts.
        sms::cost_report_of(
            self.notices
                .iter()
                .filter(|n| n.channel == Channel::Sms)
                .map(|n| (&n.recipient, &n.student, n.send_at, n.text.as_str())),
            policy,
        )
    }
}

/// The local dates a plan covers: notices sent on `from` … `until` (inclusive), both in
/// one school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first local date.
    pub from: NaiveDate,
    /// The last local date.
    pub until: NaiveDate,
}

impl Period {
    /// A whole school year (1 September – 31 August).
    pub fn school_year(year: SchoolYear) -> Period {
        Period {
            from: year.first_day(),
            until: year.last_day(),
        }
    }
}

/// What is wrong with a planning request (R-E1 … R-E7).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotifyError {
    /// The period is reversed or spans two school years.
    #[error("the period {from} – {until} is not a span of one school year: {reason}")]
    InvalidPeriod {
        /// Its first date.
        from: NaiveDate,
        /// Its last date.
        until: NaiveDate,
        /// Why.
        reason: String,
    },
    /// An event entered in a school year the plan does not take: a plan takes events
    /// entered in its school year and in the one before (their notices may fall due in
    /// the planned year, R-E2, R-E3), no others.
    #[error("event {event} was entered on {entered_on}, in school year {event_year}: a plan for {planned} takes events entered in {planned} or {previous}", previous = previous_label(*planned))]
    UnknownSchoolYear {
        /// The event.
        event: EventId,
        /// Its local entry date.
        entered_on: NaiveDate,
        /// Its school year (`"2027/28"`), or the year out of the calendar's range.
        event_year: String,
        /// The school year planned.
        planned: SchoolYear,
    },
    /// A recipient chose a channel without its contact (R-E4).
    #[error("{recipient} chose {channel} notices but has no {contact_word}", contact_word = channel.contact())]
    MissingContact {
        /// Who.
        recipient: Addressee,
        /// The channel without a contact.
        channel: Channel,
    },
    /// Quiet hours that begin when they end.
    #[error("{recipient} has quiet hours {from}–{until}: they must not begin when they end")]
    InvalidQuietHours {
        /// Who.
        recipient: Addressee,
        /// Begin.
        from: NaiveTime,
        /// End.
        until: NaiveTime,
    },
    /// An event whose text field is empty.
    #[error("event {event} has an empty {field}: there is nothing to tell")]
    EmptyText {
        /// The event.
        event: EventId,
        /// Which field (`"subject"`, `"text"`, `"name"`).
        field: &'static str,
    },
    /// A rendered notice too long for its channel.
    #[error("the {channel} notice to {recipient} about student {student} is too long ({characters} characters): {reason}")]
    TextTooLong {
        /// Who.
        recipient: GuardianId,
        /// About which child.
        student: StudentId,
        /// Email or SMS.
        channel: Channel,
        /// Characters of the rendered text.
        characters: usize,
        /// Why (the SMS limit, or the email limit).
        reason: String,
    },
    /// An event that is not valid in itself.
    #[error("event {event} is invalid: {reason}")]
    InvalidEvent {
        /// The event.
        event: EventId,
        /// Why.
        reason: String,
    },
    /// An event about a child not in the household.
    #[error("event {event} is about student {student}, who is not a child of this household")]
    UnknownChild {
        /// The event.
        event: EventId,
        /// The student.
        student: StudentId,
    },
    /// A child's subscription names a guardian without preferences in the household.
    #[error("student {student}'s subscription names guardian {guardian}, who is not a recipient of this household")]
    UnknownRecipient {
        /// The child.
        student: StudentId,
        /// The guardian.
        guardian: GuardianId,
    },
    /// Services: more than two recipients of one subscription (R-C3), or a date the
    /// registration cannot answer for.
    #[error(transparent)]
    Services(#[from] ServiceError),
    /// The rights engine could not answer (an unknown student, …).
    #[error(transparent)]
    Rights(#[from] RightsError),
    /// The visibility engine refused an item (a lesson closed before the entry, …).
    #[error(transparent)]
    Visibility(#[from] VisibilityError),
    /// The visibility engine refused one of the events given (a lesson closed before the
    /// entry, a revision before it, …): named by the event's ID, not by its position in
    /// the planner's internal per-child list (R-D1 … R-D5).
    #[error("event {event}: {error}")]
    EventRefused {
        /// The event's ID, as the caller gave it.
        event: EventId,
        /// What the visibility engine said about it (without a position).
        error: Box<VisibilityError>,
    },
    /// A date outside the calendar's years.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl NotifyError {
    /// A short machine name of the error (`"unknown_school_year"`, `"missing_contact"`,
    /// …), for the faces.
    pub const fn code(&self) -> &'static str {
        match self {
            NotifyError::InvalidPeriod { .. } => "invalid_period",
            NotifyError::UnknownSchoolYear { .. } => "unknown_school_year",
            NotifyError::MissingContact { .. } => "missing_contact",
            NotifyError::InvalidQuietHours { .. } => "invalid_quiet_hours",
            NotifyError::EmptyText { .. } => "empty_text",
            NotifyError::TextTooLong { .. } => "text_too_long",
            NotifyError::InvalidEvent { .. } => "invalid_event",
            NotifyError::UnknownChild { .. } => "unknown_child",
            NotifyError::UnknownRecipient { .. } => "unknown_recipient",
            NotifyError::Services(_) => "services",
            NotifyError::Rights(_) => "rights",
            NotifyError::Visibility(_) | NotifyError::EventRefused { .. } => "visibility",
            NotifyError::Calendar(_) => "calendar",
        }
    }
}

/// The event as an item of the child's record, for the visibility engine (R-D1 … R-D5).
pub fn item_of(event: &Event) -> Item {
    let kind = match &event.kind {
        EventKind::Absence { .. } => ItemKind::Absence,
        EventKind::Grade { .. } => ItemKind::Grade,
        EventKind::Observation { observation, .. } => match observation {
            ObservationKind::Praise => ItemKind::Praise,
            ObservationKind::Comment => ItemKind::Comment,
            ObservationKind::Observation => ItemKind::Observation,
        },
        EventKind::AnnouncedAssessment { .. } => ItemKind::AnnouncedAssessment,
    };
    let item = Item::new(kind, event.student.clone(), event.entered_at);
    match &event.kind {
        EventKind::Observation {
            lesson_closed_at: Some(at),
            ..
        } => item.lesson_closed(*at),
        _ => item,
    }
}

/// The instant from which a parent sees an item, or the rule that holds it back.
fn outcome(v: &Visibility) -> Result<DateTime<Utc>, RuleId> {
    match v {
        Visibility::Visible { from, .. } => Ok(*from),
        Visibility::Pending { waiting, .. } => Err(if *waiting == Waiting::LessonClose {
            RuleId::D5
        } else {
            RuleId::D6
        }),
        Visibility::Never { why, reasons } => Err(match why {
            Hidden::Rights { decision } => denying_rule(decision),
            Hidden::Period { .. } => RuleId::C7,
            Hidden::Service { .. } => RuleId::E5,
            _ => reasons.to_vec().first().copied().unwrap_or(RuleId::D11),
        }),
    }
}

/// A recipient's day: nothing goes out (R-C7), or the categories they may see (bit `i`
/// for `Category::ALL[i]`).
#[derive(Clone, Copy)]
enum DayVerdict {
    NotPaid,
    Sees(u16),
}

/// Plans notices over a calendar, the rights facts and a policy (R-E1 … R-E7).
#[derive(Debug, Clone, Copy)]
pub struct Planner<'a> {
    policy: &'a Policy,
    calendar: &'a Calendar,
    facts: &'a Facts,
}

/// An event with the instant it became visible to a parent, or why it is not.
type Seen<'e> = (&'e Event, Result<DateTime<Utc>, RuleId>);

/// A notice slot before rendering: kind, due, send.
type Slot = (NoticeKind, DateTime<Utc>, DateTime<Utc>);

/// The order of a notice in a plan: send instant, the recipient's and the child's rank
/// among the household's IDs, kind, channel, and the order in which it was made.
type Key = (DateTime<Utc>, u32, u32, NoticeKind, Channel, u32);

/// The notices of a plan as they are made, with their order keys, and the buffers the
/// texts are rendered into.
struct Out {
    /// The Unix second from which instants are packed into sort keys.
    base: i64,
    notices: Vec<Notice>,
    keys: Vec<Key>,
    /// Buffers for sorting slots.
    packed: Vec<u128>,
    spare: Vec<(Slot, u32)>,
    text: String,
    short: String,
    /// SMS totals by segments at the policy's price.
    sms_totals: [Option<rust_decimal::Decimal>; 8],
}

impl<'a> Planner<'a> {
    /// A planner for one school's calendar, rights facts and policy.
    pub fn new(policy: &'a Policy, calendar: &'a Calendar, facts: &'a Facts) -> Planner<'a> {
        Planner {
            policy,
            calendar,
            facts,
        }
    }

    /// The notices of a household sent within `period` (R-E1 … R-E7, R-C3, R-C7,
    /// R-A10). Events may have been entered before the period (a grade entered on the
    /// 30th goes out on the 3rd), also in the previous school year: an absence entered on
    /// 31 August is notified on 1 September, in the next year's plan, if the child's
    /// subscription lets notices go out on that day (R-C7, R-E6). An event entered in any
    /// other school year is [`NotifyError::UnknownSchoolYear`].
    /// Deterministic: the same input gives the same plan.
    #[allow(clippy::too_many_lines)]
    pub fn plan(
        &self,
        household: &Household,
        events: &[Event],
        period: Period,
    ) -> Result<Plan, NotifyError> {
        let year = check_period(period)?;
        for r in &household.recipients {
            check_recipient(r)?;
        }
        let mut clock = Clock::new(year.first_day() - Duration::days(7), 400);
        // Events by child, checked.
        let mut by_child: Vec<Vec<&Event>> = vec![Vec::new(); household.children.len()];
        // The child of an event: the last child with its ID (a household has a few
        // children, so a scan beats hashing; consecutive events are mostly one child's).
        let find = |s: &StudentId| household.children.iter().rposition(|c| c.student == *s);
        let mut last: Option<(&StudentId, usize)> = None;
        for child in &household.children {
            if child.name.trim().is_empty() {
                return Err(NotifyError::EmptyText {
                    event: EventId(0),
                    field: "name",
                });
            }
        }
        for e in events {
            check_event(e, year, &mut clock)?;
            let i = match last {
                Some((s, i)) if *s == e.student => i,
                _ => find(&e.student).ok_or_else(|| NotifyError::UnknownChild {
                    event: e.id,
                    student: e.student.clone(),
                })?,
            };
            last = Some((&e.student, i));
            by_child[i].push(e);
        }
        for list in &mut by_child {
            // Mostly given in entry order already.
            if !list.is_sorted_by_key(|e| (e.entered_at, e.id)) {
                list.sort_by_key(|e| (e.entered_at, e.id));
            }
        }

        // Notices are ordered by (send instant, recipient, child, kind, channel) and then
        // in the order they were made; the IDs are compared through their ranks.
        let mut guardians: Vec<&GuardianId> = household
            .recipients
            .iter()
            .filter_map(|r| match &r.who {
                Addressee::Guardian(g) => Some(g),
                Addressee::Student(_) => None,
            })
            .collect();
        guardians.sort_unstable();
        guardians.dedup();
        let mut students: Vec<&StudentId> = household.children.iter().map(|c| &c.student).collect();
        students.sort_unstable();
        students.dedup();
        let rank =
            |i: Result<usize, usize>| u32::try_from(i.unwrap_or_else(|i| i)).unwrap_or(u32::MAX);

        let mut out = Out {
            base: clock.instant(clock.first(), NaiveTime::MIN).timestamp(),
            notices: Vec::new(),
            keys: Vec::new(),
            packed: Vec::new(),
            spare: Vec::new(),
            text: String::with_capacity(256),
            short: String::with_capacity(128),
            sms_totals: [None; 8],
        };
        let mut withheld: BTreeMap<(Addressee, StudentId, Category, RuleId), u64> = BTreeMap::new();
        for (child, list) in household.children.iter().zip(&by_child) {
            let child_rank = rank(students.binary_search(&&child.student));
            // The service in force in the period, not the one chosen since (R-C7, R-E6).
            let service = child.registration.notice_service(period.from, period.until);
            let entitled = notification_recipients(service, &child.recipients)?;
            for g in &child.recipients {
                if !household
                    .recipients
                    .iter()
                    .any(|r| r.who == Addressee::Guardian(g.clone()))
                {
                    return Err(NotifyError::UnknownRecipient {
                        student: child.student.clone(),
                        guardian: g.clone(),
                    });
                }
            }
            // What each entitled guardian sees, and from when (the visibility engine).
            let mut viewers: Vec<Viewer> = entitled
                .guardians
                .iter()
                .map(|g| Viewer::guardian(g.clone(), child.student.clone(), service))
                .collect();
            // Without one, a parent with ZA STARŠE stands in, to count what R-E5 holds
            // back as the notices such a parent would get (`Withheld::items`).
            if viewers.is_empty() {
                if let Some(g) = child
                    .recipients
                    .first()
                    .cloned()
                    .or_else(|| GuardianId::new("parent").ok())
                {
                    viewers.push(Viewer::guardian(
                        g,
                        child.student.clone(),
                        Service::ZaStarse,
                    ));
                }
            }
            let items: Vec<Item> = list.iter().map(|e| item_of(e)).collect();
            // Rights are left out here: they are judged on each send day
            // (`day_verdict`), so that a change of rights within the period neither holds
            // back notices due before it nor depends on where the period ends (R-E6, R-F2,
            // R-F4).
            let ctx = Context::new(self.calendar, self.facts, period.until).without_rights();
            let mut seen: Vec<Vec<Seen<'_>>> = vec![Vec::with_capacity(list.len()); viewers.len()];
            // An item the engine refuses is named by its event's ID, not by its position
            // in this child's list, which the caller never saw.
            let judged =
                visible_from_many(&items, &viewers, &ctx, self.policy).map_err(|e| match e {
                    VisibilityError::AtItem { index, error } => match list.get(index) {
                        Some(event) => NotifyError::EventRefused {
                            event: event.id,
                            error,
                        },
                        None => NotifyError::Visibility(VisibilityError::AtItem { index, error }),
                    },
                    other => NotifyError::Visibility(other),
                })?;
            for s in judged {
                seen[s.viewer].push((list[s.item], outcome(&s.visibility)));
            }
            // Whether the subscription lets notices go out, per day (R-C7).
            let mut paid = vec![0u8; 400];
            for r in &household.recipients {
                let entitled_guardian = match &r.who {
                    Addressee::Guardian(g) if child.recipients.contains(g) => {
                        entitled.guardians.iter().position(|x| x == g)
                    }
                    Addressee::Student(s) if *s == child.student => None,
                    _ => continue,
                };
                let Some(vi) = entitled_guardian else {
                    // R-E5: students, and parents without ZA STARŠE / POPOLNI, get none:
                    // counted as the (item, notice) pairs an entitled parent of their
                    // mode would have been sent within the period.
                    for (k, e) in list.iter().enumerate() {
                        let visible = seen.first().and_then(|s| s.get(k)).map(|s| s.1);
                        let n = self.would_send(r, e, visible, period, &mut clock)?;
                        if n > 0 {
                            *withheld
                                .entry((
                                    r.who.clone(),
                                    child.student.clone(),
                                    e.kind.category(),
                                    RuleId::E5,
                                ))
                                .or_default() += n;
                        }
                    }
                    continue;
                };
                let guardian = &entitled.guardians[vi];
                self.plan_recipient(
                    r,
                    guardian,
                    (rank(guardians.binary_search(&guardian)), child_rank),
                    child,
                    &seen[vi],
                    &mut paid,
                    period,
                    &mut clock,
                    &mut out,
                    &mut withheld,
                )?;
            }
        }
        // Sort the small keys, then put the notices in that order in place.
        let order = notice_order(&mut out.keys, out.base);
        let mut notices = out.notices;
        permute(&mut notices, &order);
        Ok(Plan {
            notices,
            withheld: withheld
                .into_iter()
                .map(|((recipient, student, category, reason), items)| Withheld {
                    recipient,
                    student,
                    category,
                    reason,
                    items,
                })
                .collect(),
        })
    }

    /// Plans many households in one call (the batch entry point); the first error stops
    /// it.
    pub fn plan_many<'h, I>(&self, batch: I, period: Period) -> Result<Vec<Plan>, NotifyError>
    where
        I: IntoIterator<Item = (&'h Household, &'h [Event])>,
    {
        batch
            .into_iter()
            .map(|(h, e)| self.plan(h, e, period))
            .collect()
    }

    #[allow(clippy::too_many_arguments, clippy::too_many_lines)]
    fn plan_recipient(
        &self,
        r: &Recipient,
        guardian: &GuardianId,
        ranks: (u32, u32),
        child: &Child,
        list: &[Seen<'_>],
        paid: &mut [u8],
        period: Period,
        clock: &mut Clock,
        out: &mut Out,
        withheld: &mut BTreeMap<(Addressee, StudentId, Category, RuleId), u64>,
    ) -> Result<(), NotifyError> {
        let mut placed: Vec<(Slot, u32)> = Vec::with_capacity(list.len() + list.len() / 2);
        // Verdicts per (day, category): 0 unknown, 1 allowed, 2 not paid (R-C7), 3 rights.
        // Days are day numbers (`num_days_from_ce`) from the clock, not dates.
        let base = clock.first().num_days_from_ce();
        let (from, until) = (
            period.from.num_days_from_ce(),
            period.until.num_days_from_ce(),
        );
        let mut verdicts = vec![0u8; 400 * Category::ALL.len()];
        let mut question: Option<Question> = None;
        // The rule of each rights denial, asked of the rights engine once per (day,
        // category) and only on denial (R-F4: every denial names its basis).
        let mut denials: Vec<(i32, usize, RuleId)> = Vec::new();
        let mut counted: Vec<(Category, RuleId, u64)> = Vec::new();
        let mut hold = |category: Category, rule: RuleId, n: u64| {
            if n == 0 {
                return;
            }
            if let Some(h) = counted.iter_mut().find(|h| h.0 == category && h.1 == rule) {
                h.2 += n;
            } else {
                counted.push((category, rule, n));
            }
        };
        let mut slots: Vec<Slot> = Vec::with_capacity(3);
        for (i, (e, visible)) in list.iter().enumerate() {
            let category = e.kind.category();
            let visible = match visible {
                Ok(v) => *v,
                Err(rule) => {
                    // Held back (a lesson not closed, R-D5): counted as the notices it
                    // would have had within the period.
                    let n = self.would_send(r, e, Some(Err(*rule)), period, clock)?;
                    hold(category, *rule, n);
                    continue;
                }
            };
            slots.clear();
            self.slots_for(r, e, visible, clock, &mut slots)?;
            let ci = category_index(category);
            for &slot in &slots {
                let day = clock.day_number(slot.2);
                if day < from || day > until {
                    continue;
                }
                let cell = usize::try_from(day - base)
                    .ok()
                    .map(|d| d * Category::ALL.len() + ci)
                    .filter(|&k| k < verdicts.len());
                // The day's verdict for the category: 1 sees, 2 not paid (R-C7), 3 the
                // rights engine says no.
                let mut code = cell.map_or(0, |k| verdicts[k]);
                if code == 0 {
                    let day_index = usize::try_from(day - base).ok();
                    let q = question.get_or_insert_with(|| {
                        Question::may_see(
                            guardian.clone(),
                            child.student.clone(),
                            category,
                            period.from,
                        )
                    });
                    let v = self.day_verdict(child, paid, day_index, q, clock.date(slot.2))?;
                    let code_of = |j: usize| match v {
                        DayVerdict::NotPaid => 2,
                        DayVerdict::Sees(mask) if mask & (1 << j) != 0 => 1,
                        DayVerdict::Sees(_) => 3,
                    };
                    code = code_of(ci);
                    // One answer for every category of the day.
                    if let Some(k) = cell {
                        let row = k - ci;
                        for (j, cell) in verdicts[row..row + Category::ALL.len()]
                            .iter_mut()
                            .enumerate()
                        {
                            *cell = code_of(j);
                        }
                    }
                }
                let verdict = match code {
                    1 => None,
                    2 => Some(RuleId::C7),
                    _ => Some(self.denial_rule(
                        &mut denials,
                        guardian,
                        child,
                        category,
                        (day, clock.date(slot.2)),
                    )?),
                };
                if let Some(rule) = verdict {
                    hold(category, rule, 1);
                    continue;
                }
                placed.push((slot, u32::try_from(i).unwrap_or(u32::MAX)));
            }
        }
        for (category, rule, n) in counted {
            *withheld
                .entry((r.who.clone(), child.student.clone(), category, rule))
                .or_default() += n;
        }
        sort_placed(&mut placed, out.base, &mut out.packed, &mut out.spare);
        // One notice per (slot, channel): reserve them all at once.
        let groups = placed
            .iter()
            .enumerate()
            .filter(|&(k, p)| k == 0 || placed[k - 1].0 != p.0)
            .count();
        out.notices.reserve(groups * r.channels.len());
        out.keys.reserve(groups * r.channels.len());
        let max_email = self.policy.notify.max_email_chars as usize;
        let mut events: Vec<&Event> = Vec::new();
        let mut k = 0;
        while k < placed.len() {
            let (kind, due, send) = placed[k].0;
            events.clear();
            while k < placed.len() && placed[k].0 == (kind, due, send) {
                events.push(list[placed[k].1 as usize].0);
                k += 1;
            }
            let send_day = clock.date(send);
            let (cover_from, cover_until) = digest_window(kind, send_day, self.policy);
            render::render_into(
                &mut out.text,
                r.language,
                kind,
                &child.name,
                &events,
                send_day,
                cover_from,
                cover_until,
                false,
            );
            // A weekly summary carries the week's grades with the rest: it names R-D1 when
            // it has one (a daily grade notice always does).
            let carries_grade = kind == NoticeKind::Grades
                || (kind == NoticeKind::WeeklySummary
                    && events
                        .iter()
                        .any(|e| matches!(e.kind, EventKind::Grade { .. })));
            let reasons = reasons_for(kind, r.mode, carries_grade);
            for &channel in &r.channels {
                let (text, sms) = match channel {
                    Channel::Email => {
                        let text = out.text.as_str();
                        // A text has at most as many characters as bytes.
                        if text.len() > max_email {
                            let n = text.chars().count();
                            if n > max_email {
                                return Err(NotifyError::TextTooLong {
                                    recipient: guardian.clone(),
                                    student: child.student.clone(),
                                    channel,
                                    characters: n,
                                    reason: format!("an email notice may have at most {max_email} characters (policy notify.max_email_chars)"),
                                });
                            }
                        }
                        (String::from(text), None)
                    }
                    Channel::Sms => {
                        let short = if kind == NoticeKind::WeeklySummary {
                            render::render_into(
                                &mut out.short,
                                r.language,
                                kind,
                                &child.name,
                                &events,
                                send_day,
                                cover_from,
                                cover_until,
                                true,
                            );
                            out.short.as_str()
                        } else {
                            out.text.as_str()
                        };
                        let short = if r.transliterate_sms {
                            sms::transliterate(short)
                        } else {
                            String::from(short)
                        };
                        let cost = sms::cost_memo(&short, self.policy, &mut out.sms_totals)
                            .map_err(|e| NotifyError::TextTooLong {
                                recipient: guardian.clone(),
                                student: child.student.clone(),
                                channel,
                                characters: short.chars().count(),
                                reason: e.to_string(),
                            })?;
                        (short, Some(cost))
                    }
                };
                out.keys.push((
                    send,
                    ranks.0,
                    ranks.1,
                    kind,
                    channel,
                    u32::try_from(out.notices.len()).unwrap_or(u32::MAX),
                ));
                out.notices.push(Notice {
                    recipient: guardian.clone(),
                    channel,
                    student: child.student.clone(),
                    kind,
                    due_at: due,
                    send_at: send,
                    items: events.iter().map(|e| e.id).collect(),
                    text,
                    sms,
                    reasons,
                });
            }
        }
        Ok(())
    }

    /// Whether the guardian may be told anything on `day`: not if the subscription does
    /// not let notices go out (R-C7 / R-E6), otherwise which categories the rights engine
    /// lets them see (R-F1; [`Facts::see_mask`], one pass for every category).
    ///
    /// `paid` remembers per day (from the clock's first day) whether the child's
    /// subscription lets notices go out (0 unknown, 1 yes, 2 no) — the same for every
    /// category and recipient; `q` is the recipient's question (its person and student).
    fn day_verdict(
        &self,
        child: &Child,
        paid: &mut [u8],
        day_index: Option<usize>,
        q: &Question,
        day: NaiveDate,
    ) -> Result<DayVerdict, NotifyError> {
        let cell = day_index.and_then(|i| paid.get_mut(i));
        let may_be_sent = match cell {
            Some(&mut 1) => true,
            Some(&mut 2) => false,
            cell => {
                let v = child.registration.period_on(day)?.notices_may_be_sent;
                if let Some(c) = cell {
                    *c = if v { 1 } else { 2 };
                }
                v
            }
        };
        if !may_be_sent {
            return Ok(DayVerdict::NotPaid);
        }
        Ok(DayVerdict::Sees(self.facts.see_mask(
            &q.person,
            &q.student,
            day,
            self.policy,
        )?))
    }

    /// How many notices an item held back from `r` would have had within `period` (the
    /// count of [`Withheld::items`]): its slots for a parent of `r`'s mode and quiet
    /// hours, from the instant it became visible to a parent (`visible`), on send days
    /// within the period. An item not visible (its lesson not closed, R-D5), or with no
    /// parent's view, counts from its entry, as if its lesson had closed then.
    fn would_send(
        &self,
        r: &Recipient,
        e: &Event,
        visible: Option<Result<DateTime<Utc>, RuleId>>,
        period: Period,
        clock: &mut Clock,
    ) -> Result<u64, NotifyError> {
        let from = match (visible, &e.kind) {
            (Some(Ok(v)), _) => v,
            (
                _,
                EventKind::Observation {
                    lesson_closed_at: Some(at),
                    ..
                },
            ) => (*at).max(e.entered_at),
            _ => e.entered_at,
        };
        let mut slots: Vec<Slot> = Vec::with_capacity(3);
        self.slots_for(r, e, from, clock, &mut slots)?;
        let n = slots
            .iter()
            .filter(|s| (period.from..=period.until).contains(&clock.date(s.2)))
            .count();
        Ok(u64::try_from(n).unwrap_or(u64::MAX))
    }

    /// The rule by which the rights engine denies a guardian a category on a day (R-F4:
    /// every denial names its basis; R-F1, R-F2, R-D12 …): asked once per (day,
    /// category) with [`Facts::decide`], remembered in `denials`.
    fn denial_rule(
        &self,
        denials: &mut Vec<(i32, usize, RuleId)>,
        guardian: &GuardianId,
        child: &Child,
        category: Category,
        (day, date): (i32, NaiveDate),
    ) -> Result<RuleId, NotifyError> {
        let ci = category_index(category);
        if let Some(&(_, _, rule)) = denials.iter().find(|d| d.0 == day && d.1 == ci) {
            return Ok(rule);
        }
        let decision = self.facts.decide(
            &Question::may_see(guardian.clone(), child.student.clone(), category, date),
            self.policy,
        )?;
        let rule = denying_rule(&decision);
        denials.push((day, ci, rule));
        Ok(rule)
    }

    /// The slots an event goes out in for a recipient: one for daily absences, grades,
    /// observations and weekly summaries; one per covering Friday for assessments.
    fn slots_for(
        &self,
        r: &Recipient,
        e: &Event,
        visible: DateTime<Utc>,
        clock: &mut Clock,
        out: &mut Vec<Slot>,
    ) -> Result<(), NotifyError> {
        let n = &self.policy.notify;
        let quiet = r.quiet_hours;
        if let EventKind::AnnouncedAssessment { date, .. } = &e.kind {
            // Every digest day F with F < date <= F + horizon, sent on or after `visible`.
            let horizon = i64::from(n.digest_horizon_days);
            let mut f = next_weekday_on_or_after(*date - Duration::days(horizon), n.digest_day);
            while f < *date {
                let due = clock.instant(f, n.digest_time);
                let send = shift_anchored(due, quiet, clock);
                if send >= visible {
                    out.push((NoticeKind::AssessmentDigest, due, send));
                }
                f += Duration::days(7);
            }
            return Ok(());
        }
        if r.mode == Mode::Weekly {
            let mut w = next_weekday_on_or_after(clock.date(visible), n.weekly_day);
            loop {
                let due = clock.instant(w, n.weekly_time);
                let send = shift_anchored(due, quiet, clock);
                if send >= visible {
                    out.push((NoticeKind::WeeklySummary, due, send));
                    return Ok(());
                }
                w += Duration::days(7);
            }
        }
        let (kind, due) = match &e.kind {
            EventKind::Absence { .. } => {
                let day = self.calendar.next_working_day(clock.date(e.entered_at))?;
                (
                    NoticeKind::Absences,
                    clock.instant(day, n.daily_time).max(visible),
                )
            }
            EventKind::Grade { .. } => {
                let day = clock.date(visible);
                let mut due = clock.instant(day, n.daily_time);
                if due < visible {
                    due = clock.instant(day + Duration::days(1), n.daily_time);
                }
                (NoticeKind::Grades, due)
            }
            EventKind::Observation { .. } | EventKind::AnnouncedAssessment { .. } => {
                (NoticeKind::Observations, visible)
            }
        };
        out.push((kind, due, shift_with(due, quiet, clock)));
        Ok(())
    }
}

/// An instant as nanoseconds after `base` (a Unix second) in 56 bits, in the same order
/// as the instants; `None` if it does not fit.
fn instant_code(t: DateTime<Utc>, base: i64) -> Option<u64> {
    let secs = u64::try_from(t.timestamp().checked_sub(base)?).ok()?;
    let code = secs
        .checked_mul(1_000_000_000)?
        .checked_add(u64::from(t.timestamp_subsec_nanos()))?;
    (code < 1 << 56).then_some(code)
}

/// The kinds in their order (`NoticeKind`'s `Ord`).
const KINDS: [NoticeKind; 5] = [
    NoticeKind::Absences,
    NoticeKind::Observations,
    NoticeKind::Grades,
    NoticeKind::WeeklySummary,
    NoticeKind::AssessmentDigest,
];

fn kind_code(kind: NoticeKind) -> u128 {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0) as u128
}

/// Sorts placed slots by (kind, due, send, item): as one 128-bit number each when every
/// slot fits (3 bits of kind, 56 + 56 bits of instants, 13 bits of the slot's position —
/// positions follow the item order, and one item has one slot per (kind, due, send)),
/// otherwise as tuples. The same order either way.
#[allow(clippy::cast_possible_truncation)] // masked fields fit their types
#[allow(clippy::stable_sort_primitive)] // measured: faster on the slots' sorted runs
fn sort_placed(
    placed: &mut Vec<(Slot, u32)>,
    base: i64,
    packed: &mut Vec<u128>,
    spare: &mut Vec<(Slot, u32)>,
) {
    packed.clear();
    for (p, &((kind, due, send), _)) in placed.iter().enumerate() {
        let codes = (instant_code(due, base), instant_code(send, base));
        let (Some(due), Some(send), true) = (codes.0, codes.1, p < 1 << 13) else {
            placed.sort_unstable();
            return;
        };
        packed.push(
            kind_code(kind) << 125 | u128::from(due) << 69 | u128::from(send) << 13 | p as u128,
        );
    }
    // By kind first (a counting sort on the top bits): within a kind the slots mostly
    // come in order already, which the run-aware stable sort uses (the keys are unique,
    // so any sort gives the same order).
    let mut counts = [0usize; KINDS.len() + 1];
    for k in packed.iter() {
        counts[((k >> 125) as usize).min(KINDS.len()) + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    let mut by_kind = vec![0u128; packed.len()];
    let mut next = counts;
    for &k in packed.iter() {
        let b = ((k >> 125) as usize).min(KINDS.len());
        by_kind[next[b]] = k;
        next[b] += 1;
    }
    for b in 0..KINDS.len() {
        by_kind[counts[b]..counts[b + 1]].sort();
    }
    *packed = by_kind;
    spare.clear();
    spare.extend(
        packed
            .iter()
            .filter_map(|k| placed.get((k & 0x1fff) as usize).copied()),
    );
    std::mem::swap(placed, spare);
}

/// The order of the notices: indices into the made notices, sorted by their [`Key`]s —
/// as one 128-bit number each when every key fits (56 bits of send instant, 24 + 16 bits
/// of ranks, 3 of kind, 1 of channel, 28 of index), otherwise as tuples.
#[allow(clippy::cast_possible_truncation)] // masked fields fit their types
#[allow(clippy::stable_sort_primitive)] // measured: faster on the keys' sorted runs
fn notice_order(keys: &mut [Key], base: i64) -> Vec<usize> {
    let pack = |&(send, rr, rc, kind, channel, i): &Key| -> Option<u128> {
        let send = instant_code(send, base)?;
        (rr < 1 << 24 && rc < 1 << 16 && i < 1 << 28).then_some(
            u128::from(send) << 72
                | u128::from(rr) << 48
                | u128::from(rc) << 32
                | kind_code(kind) << 29
                | u128::from(channel == Channel::Sms) << 28
                | u128::from(i),
        )
    };
    let packed: Option<Vec<u128>> = keys.iter().map(pack).collect();
    if let Some(mut packed) = packed {
        // The keys are unique; a stable sort merges the sorted runs each recipient's
        // notices come in (one per kind).
        packed.sort();
        return packed.iter().map(|k| (k & 0x0fff_ffff) as usize).collect();
    }
    keys.sort_unstable();
    keys.iter().map(|k| k.5 as usize).collect()
}

/// Reorders `v` in place so that `v[p]` becomes the old `v[order[p]]` (`order` is a
/// permutation of `0..v.len()`), following each cycle once.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        if done[start] {
            continue;
        }
        let mut p = start;
        loop {
            done[p] = true;
            let Some(&q) = order.get(p) else { break };
            if q == start || q >= v.len() {
                break;
            }
            v.swap(p, q);
            p = q;
        }
    }
}

/// For a digest: the first and last day it covers.
fn digest_window(kind: NoticeKind, day: NaiveDate, policy: &Policy) -> (NaiveDate, NaiveDate) {
    if kind == NoticeKind::AssessmentDigest {
        (
            day + Duration::days(1),
            day + Duration::days(i64::from(policy.notify.digest_horizon_days)),
        )
    } else {
        (day, day)
    }
}

/// The rules that place a notice. A notice that carries a grade (a daily grade notice, a
/// weekly summary with a grade among its events) also names R-D1 ("its notification comes
/// then too", on D+3); an absence notice does not name R-D4, which says only when
/// absences are visible (their notice's day is R-E2's).
fn reasons_for(kind: NoticeKind, mode: Mode, carries_grade: bool) -> RuleSet {
    let timing = match (kind, mode) {
        (NoticeKind::WeeklySummary, _) | (NoticeKind::AssessmentDigest, Mode::Weekly) => RuleId::E3,
        _ => RuleId::E2,
    };
    let set: RuleSet = [
        RuleId::E1,
        timing,
        RuleId::E4,
        RuleId::E6,
        RuleId::E7,
        RuleId::C3,
        RuleId::C7,
    ]
    .into_iter()
    .collect();
    if carries_grade {
        set.with(RuleId::D1)
    } else {
        set
    }
}

/// The most specific rule of a denial's reasons: an adult student's choice (R-D12) before a
/// court's restriction of categories (R-F4), before parental care (R-F2), legal
/// representation (R-F3) and relationship (R-F1). Reasons noted without denying anything
/// (a bar request without effect, a decision not yet final) do not count.
fn denying_rule(decision: &Decision) -> RuleId {
    const MOST_SPECIFIC_FIRST: [RuleId; 5] =
        [RuleId::D12, RuleId::F4, RuleId::F2, RuleId::F3, RuleId::F1];
    let counts = |r: &&crate::rights::Reason| {
        !matches!(
            r.kind,
            ReasonKind::BarRequestWithoutEffect { .. } | ReasonKind::DecisionNotFinal
        )
    };
    MOST_SPECIFIC_FIRST
        .into_iter()
        .find(|rule| {
            decision
                .reasons
                .iter()
                .filter(counts)
                .any(|r| r.rule == *rule)
        })
        .or_else(|| decision.reasons.iter().rfind(counts).map(|r| r.rule))
        .unwrap_or(RuleId::F1)
}

fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

fn next_weekday_on_or_after(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + i64::from(weekday.num_days_from_monday())
        - i64::from(date.weekday().num_days_from_monday()))
        % 7;
    date + Duration::days(ahead)
}

/// Moves an instant out of quiet hours to their end (beyond: per-recipient quiet hours).
pub fn shift(due: DateTime<Utc>, quiet: Option<QuietHours>) -> DateTime<Utc> {
    let mut clock = Clock::new(calendar::local_date(due), 3);
    shift_with(due, quiet, &mut clock)
}

fn shift_with(due: DateTime<Utc>, quiet: Option<QuietHours>, clock: &mut Clock) -> DateTime<Utc> {
    let Some(q) = quiet else { return due };
    let (date, time) = clock.local(due);
    if !q.contains(time) {
        return due;
    }
    let end_date = if q.from < q.until || time < q.until {
        date
    } else {
        date + Duration::days(1)
    };
    clock.instant(end_date, q.until).max(due)
}

/// Like [`shift`], but a summary or digest stays on its day: when the quiet hours run
/// past midnight it goes out one minute before they begin.
fn shift_anchored(
    due: DateTime<Utc>,
    quiet: Option<QuietHours>,
    clock: &mut Clock,
) -> DateTime<Utc> {
    let Some(q) = quiet else { return due };
    let (date, time) = clock.local(due);
    if q.contains(time) && q.from > q.until && time >= q.from {
        return clock.instant(date, q.from) - Duration::minutes(1);
    }
    shift_with(due, quiet, clock)
}

fn check_period(period: Period) -> Result<SchoolYear, NotifyError> {
    let invalid = |reason: String| NotifyError::InvalidPeriod {
        from: period.from,
        until: period.until,
        reason,
    };
    if period.until < period.from {
        return Err(invalid("it ends before it begins".into()));
    }
    let year = SchoolYear::containing(period.from)?;
    if !year.contains(period.until) {
        return Err(invalid(format!(
            "it runs past the end of school year {year} ({})",
            year.last_day()
        )));
    }
    Ok(year)
}

/// The label of the school year before `year` (`"2025/26"`), for messages.
fn previous_label(year: SchoolYear) -> String {
    SchoolYear::starting(year.start_year() - 1).map_or_else(
        |_| format!("{}/{:02}", year.start_year() - 1, year.start_year() % 100),
        SchoolYear::label,
    )
}

fn check_recipient(r: &Recipient) -> Result<(), NotifyError> {
    if let Some(q) = r.quiet_hours {
        if q.from == q.until {
            return Err(NotifyError::InvalidQuietHours {
                recipient: r.who.clone(),
                from: q.from,
                until: q.until,
            });
        }
    }
    if matches!(r.who, Addressee::Student(_)) {
        return Ok(());
    }
    for &channel in &r.channels {
        if r.contact(channel).is_none() {
            return Err(NotifyError::MissingContact {
                recipient: r.who.clone(),
                channel,
            });
        }
    }
    Ok(())
}

fn check_event(e: &Event, year: SchoolYear, clock: &mut Clock) -> Result<(), NotifyError> {
    let entered_on = clock.date(e.entered_at);
    let unknown = |event_year: String| NotifyError::UnknownSchoolYear {
        event: e.id,
        entered_on,
        event_year,
        planned: year,
    };
    match SchoolYear::containing(entered_on) {
        // The previous year's events: their notices may fall due in this one (R-E2).
        Ok(y) if y == year || y.next().is_ok_and(|n| n == year) => {}
        Ok(y) => return Err(unknown(y.label())),
        Err(_) => return Err(unknown(format!("of {}", entered_on.year()))),
    }
    let invalid = |reason: String| NotifyError::InvalidEvent {
        event: e.id,
        reason,
    };
    match &e.kind {
        EventKind::Absence { lessons, .. } if *lessons == 0 => {
            return Err(invalid("an absence is at least one lesson".into()))
        }
        EventKind::Grade { grade, .. } if !(1..=5).contains(grade) => {
            return Err(invalid(format!("grade {grade} is not 1–5")))
        }
        _ => {}
    }
    let text = match &e.kind {
        EventKind::Grade { subject, .. } | EventKind::AnnouncedAssessment { subject, .. } => {
            Some(("subject", subject))
        }
        EventKind::Observation { text, .. } => Some(("text", text)),
        EventKind::Absence { .. } => None,
    };
    if let Some((field, t)) = text {
        if t.trim().is_empty() {
            return Err(NotifyError::EmptyText { event: e.id, field });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BASE: i64 = 1_788_000_000; // late August 2026

    fn instant(offset: i64, nanos: u32) -> DateTime<Utc> {
        DateTime::from_timestamp(BASE + offset, nanos).unwrap()
    }

    fn arb_instant() -> impl Strategy<Value = DateTime<Utc>> {
        // Mostly whole seconds within the year after BASE, some with nanoseconds, some
        // before BASE or far after it (the tuple fallback).
        prop_oneof![
            8 => (0i64..4_000, 0u32..1).prop_map(|(h, _)| instant(h * 3_600, 0)),
            1 => (0i64..31_000_000, 0u32..1_000_000_000).prop_map(|(s, n)| instant(s, n)),
            1 => (-100_000i64..100_000, 0u32..1).prop_map(|(s, _)| instant(s * 1_000_000, 0)),
        ]
    }

    fn arb_kind() -> impl Strategy<Value = NoticeKind> {
        (0usize..KINDS.len()).prop_map(|i| KINDS[i])
    }

    proptest! {
        #[test]
        fn packed_slot_order_is_the_tuple_order(
            mut slots in prop::collection::vec(
                ((arb_kind(), arb_instant(), arb_instant()), 0u32..3),
                0..300,
            )
        ) {
            // As the planner makes them: item indices in order, one slot per (slot, item).
            let mut i = 0;
            for s in &mut slots {
                i += s.1;
                s.1 = i;
            }
            slots.sort_by_key(|s| s.1);
            slots.dedup();
            let mut expected = slots.clone();
            expected.sort_unstable();
            let (mut packed, mut spare) = (Vec::new(), Vec::new());
            sort_placed(&mut slots, BASE, &mut packed, &mut spare);
            prop_assert_eq!(slots, expected);
        }

        #[test]
        fn packed_notice_order_is_the_tuple_order(
            keys in prop::collection::vec(
                (arb_instant(), 0u32..4, 0u32..3, arb_kind(), any::<bool>()),
                0..300,
            )
        ) {
            let mut keys: Vec<Key> = keys
                .into_iter()
                .enumerate()
                .map(|(i, (t, r, c, k, sms))| {
                    let channel = if sms { Channel::Sms } else { Channel::Email };
                    (t, r, c, k, channel, u32::try_from(i).unwrap())
                })
                .collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            let expected: Vec<usize> = expected.iter().map(|k| k.5 as usize).collect();
            prop_assert_eq!(notice_order(&mut keys, BASE), expected);
        }

        #[test]
        fn permute_puts_each_element_in_its_place(
            order in Just((0..200usize).collect::<Vec<_>>()).prop_shuffle()
        ) {
            let mut v: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            permute(&mut v, &order);
            let expected: Vec<usize> = order.iter().map(|&o| o * 10).collect();
            prop_assert_eq!(v, expected);
        }
    }
}
