//! What a parent or a student sees of a child's school record, from when, and why
//! (R-D1 … R-D11, R-C7, R-C9, R-C10, R-G1, R-G2).
//!
//! The question: *(item, viewer)* → [`Visibility`]: visible from an instant, pending (the
//! lesson is not closed, the remark not forwarded), or never — each with the rules it rests
//! on. Times are Europe/Ljubljana; "day D" is the local date on which the teacher entered
//! the item.
//!
//! ```
//! use asistent_core::calendar::Calendar;
//! use asistent_core::chrono::{NaiveDate, TimeZone, Utc};
//! use asistent_core::ids::{GuardianId, StudentId};
//! use asistent_core::policy::Policy;
//! use asistent_core::rights::facts::{Family, Relation, Relationship, SchoolLevel, Student};
//! use asistent_core::rights::Facts;
//! use asistent_core::services::Service;
//! use asistent_core::visibility::{visible_from, Context, Item, ItemKind, Viewer};
//!
//! let ana = StudentId::new("ana")?;
//! let mama = GuardianId::new("mama")?;
//! let mut family = Family::new(Student {
//!     id: ana.clone(),
//!     birth_date: NaiveDate::from_ymd_opt(2013, 4, 2).unwrap(),
//!     class: None,
//!     level: SchoolLevel::Primary,
//! });
//! family.relations.push(Relation::new(mama.clone(), Relationship::Parent));
//! let facts = Facts::new(vec![family], vec![], vec![])?;
//! let policy = Policy::default();
//! let calendar = Calendar::new(&policy);
//! let on = NaiveDate::from_ymd_opt(2026, 3, 23).unwrap();
//! let ctx = Context::new(&calendar, &facts, on);
//!
//! // A grade entered on Monday 23 March 2026 at 10:15 (09:15 UTC) …
//! let grade = Item::new(ItemKind::Grade, ana.clone(), Utc.with_ymd_and_hms(2026, 3, 23, 9, 15, 0).unwrap());
//! // … is seen by a parent with ZA STARŠE from 00:00 on Thursday 26 March (R-D1) …
//! let parent = Viewer::guardian(mama, ana.clone(), Service::ZaStarse);
//! let v = visible_from(&grade, &parent, &ctx, &policy)?;
//! assert_eq!(v.from(), Some(Utc.with_ymd_and_hms(2026, 3, 25, 23, 0, 0).unwrap()));
//! // … and by the student with ZA UČENCE at once (R-D2).
//! let student = Viewer::student(ana, Service::ZaUcence);
//! let v = visible_from(&grade, &student, &ctx, &policy)?;
//! assert_eq!(v.from(), Some(grade.entered_at));
//! assert!(v.text_en().contains("R-D2"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Batches
//! [`visible_from_many`] answers every (item, viewer) pair of the same student with the
//! full [`Visibility`]; [`glance_many`] answers the same pairs over a [`Gradebook`] (each
//! student named once) with a compact [`Glance`] — the instant, or what it waits for, or
//! why never — for a school's or a country's gradebook. Both give the same answers.
//!
//! ## Decisions where the seeds are silent
//! - **Corrections** ([`Revision`]). An item *changed* after entry (a grade corrected, an
//!   absence excused) keeps its original instant: the viewer sees the item from the same
//!   moment, and sees the corrected version from the later of that moment and the
//!   correction ([`Visibility::current_version_from`]). A correction never restarts the
//!   grade delay (it serves the child telling the parent about the grade, R-D1; the grade
//!   event is the same), and never hides what was already shown. An item *withdrawn*
//!   (entered by mistake) is never visible from then on ([`Hidden::Withdrawn`]); it was
//!   shown in between only if it had become visible before the withdrawal.
//! - **Rights and the period are judged on one date**, [`Context::on`] (the day the portal
//!   asks): a court decision or a child leaving school changes the answer on the day it
//!   applies, and the caller asks again then. For a fixed context and item the answer only
//!   grows as "now" advances ([`Visibility::is_visible_at`]).
//! - **The student's view.** A student with MINIMALNI (R-C10: free for every student)
//!   sees only the latest entered grade (R-D10); announced assessments at once (R-D3 holds
//!   for everyone), absences, praise and homework like the parents but without delay;
//!   remarks only once forwarded (R-D6 read for the student too). A student's
//!   "no electronic contact" is read as MINIMALNI (R-C10: MINIMALNI is free for all
//!   students).
//! - **Subject list, parent–teacher meetings, articles** are school communication: the
//!   rights category [`Category::Messages`] gates them.
//! - **Absence excuses** (R-G1) follow the absences category for rights but are
//!   communication the parent sends, so no service hides them.

mod batch;
mod gradebook;
mod zone;

pub use batch::{visible_from_many, Seen};
pub use gradebook::{glance_many, Details, Glance, GlanceRow, Gradebook, HiddenKind, StudentKey};

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{self, Calendar, CalendarError, SchoolYear};
use crate::ids::{ClassId, GuardianId, StaffId, StudentId};
use crate::policy::{DayCount, Policy};
use crate::rights::facts::{StaffAssignment, StaffRole};
use crate::rights::{Category, Decision, Facts, Person, Question, RightsError};
use crate::rules::RuleId;
use crate::services::{EndReason, Registration, RegistrationStatus, Service};

/// What went wrong with an item, a viewer or the context handed to the visibility engine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VisibilityError {
    /// A text that names no item kind.
    #[error("`{input}` is not an item kind (expected one of: grade, announced_assessment, absence, praise, comment, observation, remark, homework, message, subject_list, parent_teacher_meeting, article, meal, absence_excuse)")]
    UnknownKind {
        /// The text that was given.
        input: String,
    },
    /// The lesson of an item is recorded as closed before the item was entered (R-D5,
    /// R-D7: an item is entered during or after its lesson, never after it closed… but
    /// the close cannot come before the entry).
    #[error("the {kind} of student `{student}` has its lesson closed at {closed_at}, before it was entered at {entered_at}")]
    LessonClosedBeforeEntry {
        /// The item's kind code.
        kind: &'static str,
        /// The student.
        student: StudentId,
        /// When it was entered.
        entered_at: DateTime<Utc>,
        /// When the lesson was recorded as closed.
        closed_at: DateTime<Utc>,
    },
    /// A remark is recorded as forwarded by someone who is not the student's class
    /// teacher on that date (R-D6).
    #[error("the remark about student `{student}` is recorded as forwarded by `{by}`, who is not the class teacher of {class} on {date}: only the class teacher forwards remarks to parents (R-D6)")]
    ForwardedByNotClassTeacher {
        /// The student.
        student: StudentId,
        /// Who is recorded as forwarding it.
        by: StaffId,
        /// The student's class (`"no class"` when the facts give none).
        class: String,
        /// The local date of the forwarding.
        date: NaiveDate,
    },
    /// A remark forwarded before it was entered.
    #[error("the remark about student `{student}` is recorded as forwarded at {forwarded_at}, before it was entered at {entered_at}")]
    ForwardedBeforeEntry {
        /// The student.
        student: StudentId,
        /// When it was entered.
        entered_at: DateTime<Utc>,
        /// When it was forwarded.
        forwarded_at: DateTime<Utc>,
    },
    /// Forwarding is recorded on an item that is not a remark (R-D6 concerns remarks).
    #[error(
        "a {kind} cannot be forwarded: only remarks are forwarded by the class teacher (R-D6)"
    )]
    ForwardingOnlyForRemarks {
        /// The item's kind code.
        kind: &'static str,
    },
    /// A correction or withdrawal dated before the item was entered.
    #[error("the {kind} of student `{student}` is recorded as revised at {revised_at}, before it was entered at {entered_at}")]
    RevisedBeforeEntry {
        /// The item's kind code.
        kind: &'static str,
        /// The student.
        student: StudentId,
        /// When it was entered.
        entered_at: DateTime<Utc>,
        /// When it was revised.
        revised_at: DateTime<Utc>,
    },
    /// The viewer looks at another child than the item's.
    #[error("the viewer `{viewer}` looks at student `{viewer_student}`, but the item belongs to student `{item_student}`")]
    ViewerOfAnotherStudent {
        /// The viewer's identifier.
        viewer: String,
        /// The child the viewer looks at.
        viewer_student: StudentId,
        /// The child the item belongs to.
        item_student: StudentId,
    },
    /// A student with MINIMALNI sees only the latest grade (R-D10), and the context does
    /// not know the student's latest grade.
    #[error("the latest grade of student `{student}` is not known: call Context::note_grades with the student's grades first (R-D10: with MINIMALNI a student sees only the latest grade)")]
    LatestGradeUnknown {
        /// The student.
        student: StudentId,
    },
    /// A grade's subject is empty or too long.
    #[error("the subject `{subject}` is not usable: {reason}")]
    InvalidSubject {
        /// The subject given.
        subject: String,
        /// Why.
        reason: &'static str,
    },
    /// A [`StudentKey`] that the gradebook did not give out (it came from another one).
    #[error("student key {key} is not in this gradebook, which names {students} students: use the key the same gradebook gave")]
    StudentKeyNotInGradebook {
        /// The key's position.
        key: usize,
        /// How many students the gradebook names.
        students: usize,
    },
    /// The rights engine refused the question (an unknown student, a date before birth).
    #[error(transparent)]
    Rights(#[from] RightsError),
    /// A date outside the years the calendar knows.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// An item of a batch was refused; `index` counts from 0 in the order given.
    #[error("item {index}: {error}")]
    AtItem {
        /// The position of the item in the batch.
        index: usize,
        /// What was wrong with it.
        error: Box<VisibilityError>,
    },
    /// A viewer of a batch was refused; `index` counts from 0 in the order given.
    #[error("viewer {index}: {error}")]
    AtViewer {
        /// The position of the viewer in the batch.
        index: usize,
        /// What was wrong with it.
        error: Box<VisibilityError>,
    },
}

impl VisibilityError {
    /// A short machine name of the error (`"unknown_kind"`, …), for the faces.
    pub fn code(&self) -> &'static str {
        match self {
            VisibilityError::UnknownKind { .. } => "unknown_kind",
            VisibilityError::LessonClosedBeforeEntry { .. } => "lesson_closed_before_entry",
            VisibilityError::ForwardedByNotClassTeacher { .. } => "forwarded_by_not_class_teacher",
            VisibilityError::ForwardedBeforeEntry { .. } => "forwarded_before_entry",
            VisibilityError::ForwardingOnlyForRemarks { .. } => "forwarding_only_for_remarks",
            VisibilityError::RevisedBeforeEntry { .. } => "revised_before_entry",
            VisibilityError::ViewerOfAnotherStudent { .. } => "viewer_of_another_student",
            VisibilityError::LatestGradeUnknown { .. } => "latest_grade_unknown",
            VisibilityError::InvalidSubject { .. } => "invalid_subject",
            VisibilityError::StudentKeyNotInGradebook { .. } => "student_key_not_in_gradebook",
            VisibilityError::Rights(_) => "rights",
            VisibilityError::Calendar(_) => "calendar",
            VisibilityError::AtItem { error, .. } | VisibilityError::AtViewer { error, .. } => {
                error.code()
            }
        }
    }

    /// The error without the batch position it was found at.
    pub fn innermost(&self) -> &VisibilityError {
        match self {
            VisibilityError::AtItem { error, .. } | VisibilityError::AtViewer { error, .. } => {
                error.innermost()
            }
            e => e,
        }
    }
}

macro_rules! item_kinds {
    ($( $variant:ident => $code:literal, $cat:ident, $sl:literal, $en:literal; )*) => {
        /// The kind of an item in a child's school record (R-D1 … R-D8, R-G1, R-G2).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum ItemKind {
            $(
                #[doc = concat!($en, " (", $sl, ").")]
                $variant,
            )*
        }

        impl ItemKind {
            /// Every kind.
            pub const ALL: &'static [ItemKind] = &[$(ItemKind::$variant),*];

            /// The machine name (`"announced_assessment"`).
            pub const fn code(self) -> &'static str {
                match self { $(ItemKind::$variant => $code,)* }
            }

            /// The rights category that gates it.
            pub const fn category(self) -> Category {
                match self { $(ItemKind::$variant => Category::$cat,)* }
            }

            /// The Slovenian name.
            pub const fn label_sl(self) -> &'static str {
                match self { $(ItemKind::$variant => $sl,)* }
            }

            /// The English name.
            pub const fn label_en(self) -> &'static str {
                match self { $(ItemKind::$variant => $en,)* }
            }
        }
    };
}

item_kinds! {
    Grade => "grade", Grades, "ocena", "a grade";
    AnnouncedAssessment => "announced_assessment", AnnouncedAssessments, "napovedano ocenjevanje znanja", "an announced assessment";
    Absence => "absence", Absences, "izostanek", "an absence";
    Praise => "praise", PraiseAndComments, "pohvala", "praise";
    Comment => "comment", PraiseAndComments, "komentar", "a comment";
    Observation => "observation", PraiseAndComments, "opažanje", "an observation";
    Remark => "remark", Remarks, "pripomba", "a remark";
    Homework => "homework", Homework, "domača naloga", "homework";
    Message => "message", Messages, "sporočilo", "a message";
    SubjectList => "subject_list", Messages, "predmetnik", "the subject list";
    ParentTeacherMeeting => "parent_teacher_meeting", Messages, "govorilne ure", "parent–teacher meeting times";
    Article => "article", Messages, "članek", "an article";
    Meal => "meal", Meals, "prehrana", "school meals";
    AbsenceExcuse => "absence_excuse", Absences, "opravičilo", "an absence excuse";
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for ItemKind {
    type Err = VisibilityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ItemKind::ALL
            .iter()
            .copied()
            .find(|k| k.code() == s)
            .ok_or_else(|| VisibilityError::UnknownKind {
                input: s.to_owned(),
            })
    }
}

/// A correction of an item after its entry (decided here: the seeds are silent; see the
/// module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "revision", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Revision {
    /// Changed (a grade corrected, an absence excused): the viewer sees the item from the
    /// same instant and the new version from the later of that instant and `at`.
    Changed {
        /// When it was changed.
        at: DateTime<Utc>,
    },
    /// Withdrawn (entered by mistake): never visible after `at`.
    Withdrawn {
        /// When it was withdrawn.
        at: DateTime<Utc>,
    },
}

impl Revision {
    /// When the revision happened.
    pub const fn at(self) -> DateTime<Utc> {
        match self {
            Revision::Changed { at } | Revision::Withdrawn { at } => at,
        }
    }
}

/// A remark forwarded to the parents by the class teacher (R-D6).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forwarding {
    /// Who forwarded it; must be the student's class teacher on that date.
    pub by: StaffId,
    /// When.
    pub at: DateTime<Utc>,
}

/// One item in a child's school record (R-D1 … R-D11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// What it is.
    pub kind: ItemKind,
    /// Whose record it is in.
    pub student: StudentId,
    /// When the teacher entered it (R-D11: nothing is visible before).
    pub entered_at: DateTime<Utc>,
    /// When the lesson it belongs to was closed, if it was (R-D5, R-D7).
    #[serde(default)]
    pub lesson_closed_at: Option<DateTime<Utc>>,
    /// For a remark: the class teacher's forwarding to the parents, if any (R-D6).
    #[serde(default)]
    pub forwarded: Option<Forwarding>,
    /// A correction or withdrawal after entry, the latest one.
    #[serde(default)]
    pub revision: Option<Revision>,
    /// For a grade: the subject (R-D10: all grades per subject).
    #[serde(default)]
    pub subject: Option<String>,
}

impl Item {
    /// An item entered at an instant, with nothing else recorded.
    pub fn new(kind: ItemKind, student: StudentId, entered_at: DateTime<Utc>) -> Item {
        Item {
            kind,
            student,
            entered_at,
            lesson_closed_at: None,
            forwarded: None,
            revision: None,
            subject: None,
        }
    }

    /// The same item with its lesson closed at `at` (R-D5, R-D7).
    #[must_use]
    pub fn lesson_closed(mut self, at: DateTime<Utc>) -> Item {
        self.lesson_closed_at = Some(at);
        self
    }

    /// The same remark forwarded by `by` at `at` (R-D6).
    #[must_use]
    pub fn forwarded_by(mut self, by: StaffId, at: DateTime<Utc>) -> Item {
        self.forwarded = Some(Forwarding { by, at });
        self
    }

    /// The same item with a revision.
    #[must_use]
    pub fn revised(mut self, revision: Revision) -> Item {
        self.revision = Some(revision);
        self
    }

    /// The same grade with a subject.
    #[must_use]
    pub fn in_subject(mut self, subject: impl Into<String>) -> Item {
        self.subject = Some(subject.into());
        self
    }

    /// Checks the item on its own: no lesson closed, forwarding or revision before the
    /// entry; forwarding only on remarks; a usable subject.
    pub fn validate(&self) -> Result<(), VisibilityError> {
        validate_parts(
            self.kind,
            &self.student,
            self.entered_at,
            self.lesson_closed_at,
            self.forwarded.as_ref(),
            self.revision,
            self.subject.as_deref(),
        )
    }

    const fn withdrawn_at(&self) -> Option<DateTime<Utc>> {
        match self.revision {
            Some(Revision::Withdrawn { at }) => Some(at),
            _ => None,
        }
    }
}

/// Who looks: a guardian or the student.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ViewerKind {
    /// A parent or another adult related to the child; their rights come from the facts.
    Guardian(GuardianId),
    /// The student.
    Student(StudentId),
}

/// A viewer of one child's record: who, the service in force for them (R-C1, R-C5), and
/// the last day the portal is readable for them (R-C7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Viewer {
    /// Who looks.
    pub who: ViewerKind,
    /// Which child's record.
    pub student: StudentId,
    /// The service in force: the guardian's own, or the one the parents set for the child
    /// (R-C5, R-C6).
    pub service: Service,
    /// The last local date the portal is readable (R-C7): the end of the school year
    /// after the child finished schooling or the registration was revoked; `None` while
    /// the child is enrolled.
    #[serde(default)]
    pub readable_until: Option<NaiveDate>,
    /// The registered service is a paid one for the parents (ZA STARŠE, POPOLNI), but the
    /// school year asked about is not paid (R-C7, R-D9: seed 001:89 opens the data with
    /// ZA STARŠE "in poravnate letno nadomestilo"): `service` then holds what the viewer
    /// effectively has (MINIMALNI), and a hidden item names R-C7 too. Set by
    /// [`Viewer::from_registration`].
    #[serde(default, skip_serializing_if = "is_false")]
    pub unpaid: bool,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

impl Viewer {
    /// A guardian looking at a child's record under a service the caller states. The
    /// caller states the *effective* service: a paid one (ZA STARŠE, POPOLNI) only for a
    /// school year that is paid (R-C7, R-D9); otherwise MINIMALNI. To derive it from a
    /// registration and its payments, use [`Viewer::from_registration`].
    pub fn guardian(guardian: GuardianId, student: StudentId, service: Service) -> Viewer {
        Viewer {
            who: ViewerKind::Guardian(guardian),
            student,
            service,
            readable_until: None,
            unpaid: false,
        }
    }

    /// The student looking at their own record under the service the parents set. The
    /// caller states the *effective* service: ZA UČENCE or POPOLNI only for a school year
    /// paid for it (seed 001:93: "in poravnate letno nadomestilo"), otherwise MINIMALNI
    /// (free for every student, R-C10, 001:66).
    pub fn student(student: StudentId, service: Service) -> Viewer {
        Viewer {
            who: ViewerKind::Student(student.clone()),
            student,
            service,
            readable_until: None,
            unpaid: false,
        }
    }

    /// The guardian of a registration on the local date `on`, with its service and its
    /// period (R-C7, R-C8, R-D9).
    ///
    /// The service is the one in force on `on` ([`Registration::service_on`]); a paid
    /// service (ZA STARŠE, POPOLNI) counts only when the school year of `on` is paid for a
    /// service covering the parents by `on` (seed 001:89: ZA STARŠE "in poravnate letno
    /// nadomestilo"; R-C4: one payment per school year); otherwise the viewer has what
    /// MINIMALNI gives and [`Viewer::unpaid`] is set, so a hidden paid item names R-C7 and
    /// R-D9. This agrees with [`Registration::period_on`] (`notices_may_be_sent`) while the
    /// registration is in force. After a revocation or after the child finished schooling
    /// the portal stays readable until the end of that school year; after a change of
    /// school the old school's portal closes on the day of the move (`readable_until` is
    /// the day before).
    pub fn from_registration(reg: &Registration, on: NaiveDate) -> Result<Viewer, VisibilityError> {
        let readable_until = match &reg.status {
            RegistrationStatus::Revoked { on }
            | RegistrationStatus::Ended {
                on,
                reason: EndReason::FinishedSchooling,
            } => Some(SchoolYear::containing(*on)?.last_day()),
            // R-C8: the old school's portal closes on the day of the move, as
            // `Registration::period_on` says: the last readable day is the day before.
            RegistrationStatus::Ended { on, .. } => Some(on.pred_opt().unwrap_or(*on)),
            _ => None,
        };
        let year = SchoolYear::containing(on)?;
        // As `Registration::period_on` judges the date: the service in force on it, and a
        // payment for its school year made by then.
        let service = reg.service_on(on).unwrap_or(reg.service);
        let paid_for_parents = reg
            .paid
            .iter()
            .any(|p| p.school_year == year && p.paid_on <= on && p.service.covers_parents());
        let unpaid = service.covers_parents() && !paid_for_parents;
        Ok(Viewer {
            who: ViewerKind::Guardian(reg.guardian.clone()),
            student: reg.student.clone(),
            service: if unpaid { Service::Minimalni } else { service },
            readable_until,
            unpaid,
        })
    }

    /// The same viewer with the portal readable until a date (R-C7).
    #[must_use]
    pub fn readable_until(mut self, last_day: NaiveDate) -> Viewer {
        self.readable_until = Some(last_day);
        self
    }

    /// The viewer's identifier as text.
    pub fn id_str(&self) -> &str {
        match &self.who {
            ViewerKind::Guardian(g) => g.as_str(),
            ViewerKind::Student(s) => s.as_str(),
        }
    }

    const fn is_student(&self) -> bool {
        matches!(self.who, ViewerKind::Student(_))
    }

    fn person(&self) -> Person {
        match &self.who {
            ViewerKind::Guardian(g) => Person::Guardian(g.clone()),
            ViewerKind::Student(s) => Person::Student(s.clone()),
        }
    }

    fn validate(&self) -> Result<(), VisibilityError> {
        if let ViewerKind::Student(s) = &self.who {
            if s != &self.student {
                return Err(VisibilityError::ViewerOfAnotherStudent {
                    viewer: s.as_str().to_owned(),
                    viewer_student: s.clone(),
                    item_student: self.student.clone(),
                });
            }
        }
        Ok(())
    }
}

/// What a school has switched on (R-G1, R-G2). Facts of the school, not policy numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SchoolSettings {
    /// The school runs meals through the system (R-D8, R-G2).
    pub meals_through_system: bool,
    /// The class teacher agreed that parents send absence excuses through the portal
    /// (R-G1).
    pub absence_excuses_agreed: bool,
}

/// Everything the engine reads besides the item and the viewer: the calendar, the rights
/// facts, the date on which rights and the period are judged, the school's settings, and
/// the latest grade of each student (R-D10).
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The school calendar (working days for R-D1).
    pub calendar: &'a Calendar,
    /// The school's rights facts.
    pub facts: &'a Facts,
    /// The local date on which rights and the period (R-C7) are judged: the day asked.
    pub on: NaiveDate,
    /// What the school has switched on.
    pub settings: SchoolSettings,
    latest_grades: HashMap<StudentId, DateTime<Utc>>,
    /// Whether rights are left out (only the notification planner, which judges them on
    /// each send day instead of on [`Context::on`]; R-E6, R-F2, R-F4).
    skip_rights: bool,
}

impl<'a> Context<'a> {
    /// A context with no school settings switched on and no grades noted.
    pub fn new(calendar: &'a Calendar, facts: &'a Facts, on: NaiveDate) -> Context<'a> {
        Context {
            calendar,
            facts,
            on,
            settings: SchoolSettings::default(),
            latest_grades: HashMap::new(),
            skip_rights: false,
        }
    }

    /// The same context without the rights gate: items are answered as for a viewer who
    /// may see every category. For the notification planner only, which asks the rights
    /// engine on each send day (R-E6, R-F2, R-F4), since rights judged on one day (the
    /// period's last) would hold back notices due before a change of rights.
    #[must_use]
    pub(crate) fn without_rights(mut self) -> Context<'a> {
        self.skip_rights = true;
        self
    }

    /// The same context with the school's settings.
    #[must_use]
    pub fn with_settings(mut self, settings: SchoolSettings) -> Context<'a> {
        self.settings = settings;
        self
    }

    /// Notes the grades among `items` so that a student with MINIMALNI sees only the latest
    /// (R-D10). A withdrawn grade does not count; grades entered at the same instant are
    /// all "the latest".
    pub fn note_grades<'i>(&mut self, items: impl IntoIterator<Item = &'i Item>) {
        for item in items {
            if item.kind == ItemKind::Grade && item.withdrawn_at().is_none() {
                let e = self
                    .latest_grades
                    .entry(item.student.clone())
                    .or_insert(item.entered_at);
                if item.entered_at > *e {
                    *e = item.entered_at;
                }
            }
        }
    }

    /// The latest grade noted for a student (R-D10).
    pub fn latest_grade(&self, student: &StudentId) -> Option<DateTime<Utc>> {
        self.latest_grades.get(student).copied()
    }
}

/// A small set of rule IDs without allocation: the reasons of a visibility answer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RuleSet(u128);

impl RuleSet {
    /// The empty set.
    pub const EMPTY: RuleSet = RuleSet(0);

    #[inline]
    fn bit(rule: RuleId) -> u128 {
        // `RuleId::ALL` lists the variants in declaration order, so the discriminant is
        // the position (checked in a test).
        1u128 << ((rule as u32).min(127))
    }

    /// The set with one more rule.
    #[must_use]
    pub fn with(self, rule: RuleId) -> RuleSet {
        RuleSet(self.0 | Self::bit(rule))
    }

    /// Whether a rule is in the set.
    pub fn contains(self, rule: RuleId) -> bool {
        self.0 & Self::bit(rule) != 0
    }

    /// The rules in catalogue order.
    pub fn to_vec(self) -> Vec<RuleId> {
        RuleId::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1u128 << i) != 0)
            .map(|(_, r)| *r)
            .collect()
    }

    /// The union.
    #[must_use]
    pub const fn union(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 | other.0)
    }
}

#[cfg(test)]
#[test]
fn rule_discriminants_are_catalogue_positions() {
    for (i, r) in RuleId::ALL.iter().enumerate() {
        assert_eq!(*r as usize, i);
    }
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.to_vec()).finish()
    }
}

impl FromIterator<RuleId> for RuleSet {
    fn from_iter<T: IntoIterator<Item = RuleId>>(iter: T) -> Self {
        iter.into_iter().fold(RuleSet::EMPTY, RuleSet::with)
    }
}

impl Serialize for RuleSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_vec().serialize(s)
    }
}

impl<'de> Deserialize<'de> for RuleSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<RuleId>::deserialize(d)?.into_iter().collect())
    }
}

/// What a pending item waits for (R-D5, R-D6, R-D7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Waiting {
    /// The teacher to close the lesson (R-D5, R-D7).
    LessonClose,
    /// The class teacher to forward the remark (R-D6).
    ClassTeacherForwarding,
}

impl Waiting {
    /// Every thing an item can wait for, so that a face can map a code back and prove by
    /// a test that it maps each of them (R-D5, R-D6, R-D7).
    pub const ALL: [Waiting; 2] = [Waiting::LessonClose, Waiting::ClassTeacherForwarding];

    /// The machine name: `"lesson_close"` or `"class_teacher_forwarding"`.
    pub const fn code(self) -> &'static str {
        match self {
            Waiting::LessonClose => "lesson_close",
            Waiting::ClassTeacherForwarding => "class_teacher_forwarding",
        }
    }
}

/// Why an item is never visible to a viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Hidden {
    /// The viewer's service does not open the item (R-D9, R-C1).
    Service {
        /// The service in force.
        service: Service,
    },
    /// A student with MINIMALNI sees only the latest grade, and this is not it (R-D10).
    NotLatestGrade {
        /// When the latest grade was entered.
        latest_entered_at: DateTime<Utc>,
    },
    /// The rights engine denies the category; the decision says why (R-F1 … R-F4, R-D12).
    Rights {
        /// The decision, with its reasons and bases.
        decision: Box<Decision>,
    },
    /// The portal is not readable for the viewer then (R-C7).
    Period {
        /// The last day the portal was readable.
        readable_until: NaiveDate,
    },
    /// The school does not run meals through the system (R-D8, R-G2).
    MealsNotRun,
    /// The class teacher has not agreed to excuses through the portal (R-G1).
    ExcusesNotAgreed,
    /// The item was withdrawn before the viewer could see it, or is withdrawn now.
    Withdrawn {
        /// When it was withdrawn.
        at: DateTime<Utc>,
    },
}

impl Hidden {
    /// The machine name: `"service"`, `"not_latest_grade"`, `"rights"`, `"period"`,
    /// `"meals_not_run"`, `"excuses_not_agreed"` or `"withdrawn"`.
    pub const fn code(&self) -> &'static str {
        match self {
            Hidden::Service { .. } => "service",
            Hidden::NotLatestGrade { .. } => "not_latest_grade",
            Hidden::Rights { .. } => "rights",
            Hidden::Period { .. } => "period",
            Hidden::MealsNotRun => "meals_not_run",
            Hidden::ExcusesNotAgreed => "excuses_not_agreed",
            Hidden::Withdrawn { .. } => "withdrawn",
        }
    }
}

/// The answer for one item and one viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Visibility {
    /// Visible from an instant on (under the context's date).
    Visible {
        /// The first instant the viewer sees it.
        from: DateTime<Utc>,
        /// The instant from which the viewer sees its corrected version, if it was changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        revised_from: Option<DateTime<Utc>>,
        /// The rules it rests on.
        reasons: RuleSet,
    },
    /// Not yet: it waits for something that has not happened (the lesson closed, the
    /// remark forwarded); the caller asks again when it has.
    Pending {
        /// What it waits for.
        waiting: Waiting,
        /// The rules it rests on.
        reasons: RuleSet,
    },
    /// Never, under the context's date and facts.
    Never {
        /// Why.
        why: Hidden,
        /// The rules it rests on.
        reasons: RuleSet,
    },
}

impl Visibility {
    /// The first instant it is visible, if it is.
    pub fn from(&self) -> Option<DateTime<Utc>> {
        match self {
            Visibility::Visible { from, .. } => Some(*from),
            _ => None,
        }
    }

    /// Whether the viewer sees it at `now`: once true, true for every later `now`.
    pub fn is_visible_at(&self, now: DateTime<Utc>) -> bool {
        Glance::from(self).is_visible_at(now)
    }

    /// The instant from which the corrected version is shown (the item's own instant when
    /// it was not changed).
    pub fn current_version_from(&self) -> Option<DateTime<Utc>> {
        match self {
            Visibility::Visible {
                from, revised_from, ..
            } => Some(revised_from.unwrap_or(*from)),
            _ => None,
        }
    }

    /// The rules the answer rests on, in catalogue order.
    pub fn rule_ids(&self) -> Vec<RuleId> {
        self.reasons().to_vec()
    }

    /// The rules as a set.
    pub fn reasons(&self) -> RuleSet {
        match self {
            Visibility::Visible { reasons, .. }
            | Visibility::Pending { reasons, .. }
            | Visibility::Never { reasons, .. } => *reasons,
        }
    }

    /// A short machine name: `"visible"`, `"pending"` or `"never"`.
    pub const fn state_code(&self) -> &'static str {
        match self {
            Visibility::Visible { .. } => "visible",
            Visibility::Pending { .. } => "pending",
            Visibility::Never { .. } => "never",
        }
    }

    /// The answer in Slovenian, times in Europe/Ljubljana.
    pub fn text_sl(&self) -> String {
        self.render(true)
    }

    /// The answer in English, times in Europe/Ljubljana.
    pub fn text_en(&self) -> String {
        self.render(false)
    }

    fn render(&self, sl: bool) -> String {
        let at = |t: DateTime<Utc>| {
            let l = t.with_timezone(&calendar::ZONE);
            if sl {
                l.format("%-d. %-m. %Y ob %H:%M").to_string()
            } else {
                l.format("%Y-%m-%d %H:%M").to_string()
            }
        };
        let rules = self
            .rule_ids()
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let body = match (self, sl) {
            (
                Visibility::Visible {
                    from, revised_from, ..
                },
                true,
            ) => {
                let mut s = format!("vidno od {}", at(*from));
                if let Some(r) = revised_from {
                    let _ = write!(s, ", popravek od {}", at(*r));
                }
                s
            }
            (
                Visibility::Visible {
                    from, revised_from, ..
                },
                false,
            ) => {
                let mut s = format!("visible from {} (Ljubljana)", at(*from));
                if let Some(r) = revised_from {
                    let _ = write!(s, ", corrected version from {}", at(*r));
                }
                s
            }
            (Visibility::Pending { waiting, .. }, true) => match waiting {
                Waiting::LessonClose => "še ni vidno: učitelj še ni zaključil učne ure".to_owned(),
                Waiting::ClassTeacherForwarding => {
                    "še ni vidno: razrednik pripombe (še) ni posredoval staršem".to_owned()
                }
            },
            (Visibility::Pending { waiting, .. }, false) => match waiting {
                Waiting::LessonClose => {
                    "not yet visible: the teacher has not closed the lesson".to_owned()
                }
                Waiting::ClassTeacherForwarding => {
                    "not yet visible: the class teacher has not forwarded the remark".to_owned()
                }
            },
            (Visibility::Never { why, .. }, sl) => {
                let why = render_hidden(why, sl, &at);
                if sl {
                    format!("ni vidno: {why}")
                } else {
                    format!("never visible: {why}")
                }
            }
        };
        format!("{body} ({rules})")
    }
}

fn render_hidden(why: &Hidden, sl: bool, at: &dyn Fn(DateTime<Utc>) -> String) -> String {
    match (why, sl) {
        (Hidden::Service { service }, true) => {
            format!("storitev {} tega ne vključuje", service.label_sl())
        }
        (Hidden::Service { service }, false) => {
            format!("the service {} does not include it", service.label_en())
        }
        (Hidden::NotLatestGrade { latest_entered_at }, true) => format!(
            "z MINIMALNI učenec vidi le zadnjo vpisano oceno (vpisano {})",
            at(*latest_entered_at)
        ),
        (Hidden::NotLatestGrade { latest_entered_at }, false) => format!(
            "with MINIMALNI a student sees only the latest grade (entered {})",
            at(*latest_entered_at)
        ),
        (Hidden::Rights { decision }, true) => decision.text_sl(),
        (Hidden::Rights { decision }, false) => decision.text_en(),
        (Hidden::Period { readable_until }, true) => format!(
            "portal je bil berljiv do {}",
            readable_until.format("%-d. %-m. %Y")
        ),
        (Hidden::Period { readable_until }, false) => {
            format!("the portal was readable until {readable_until}")
        }
        (Hidden::MealsNotRun, true) => "šola prehrane ne vodi preko sistema".to_owned(),
        (Hidden::MealsNotRun, false) => {
            "the school does not run meals through the system".to_owned()
        }
        (Hidden::ExcusesNotAgreed, true) => {
            "razrednik se ni strinjal z opravičili preko portala".to_owned()
        }
        (Hidden::ExcusesNotAgreed, false) => {
            "the class teacher has not agreed to excuses through the portal".to_owned()
        }
        (Hidden::Withdrawn { at: w }, true) => format!("umaknjeno {}", at(*w)),
        (Hidden::Withdrawn { at: w }, false) => format!("withdrawn at {}", at(*w)),
    }
}

/// Whether a guardian may send an absence excuse through the portal (R-G1): only where
/// the class teacher agreed to that form, only through an open portal — a service that
/// activates it (R-B4: MINIMALNI or a paid one, not "no electronic contact", R-C1) and
/// not after [`Viewer::readable_until`] (R-C7) — and only a guardian who may see the
/// child's absences. The answer is the rights decision with the R-G1 reason added; a
/// refusal for the portal names R-B4 or R-C7.
pub fn may_send_absence_excuse(
    viewer: &Viewer,
    ctx: &Context<'_>,
    policy: &Policy,
) -> Result<(bool, RuleSet), VisibilityError> {
    viewer.validate()?;
    let mut reasons = RuleSet::EMPTY.with(RuleId::G1);
    if viewer.is_student() || !ctx.settings.absence_excuses_agreed {
        return Ok((false, reasons));
    }
    if !viewer.service.activates_portal() {
        return Ok((false, reasons.with(RuleId::B4).with(RuleId::C1)));
    }
    if viewer.readable_until.is_some_and(|last| ctx.on > last) {
        return Ok((false, reasons.with(RuleId::C7)));
    }
    let d = ctx.facts.decide(
        &Question::may_see(
            match &viewer.who {
                ViewerKind::Guardian(g) => g.clone(),
                ViewerKind::Student(_) => return Ok((false, reasons)),
            },
            viewer.student.clone(),
            Category::Absences,
            ctx.on,
        ),
        policy,
    )?;
    for r in d.rule_ids() {
        reasons = reasons.with(r);
    }
    Ok((d.allowed, reasons))
}

/// [`Item::validate`] on an item's parts (the gradebook keeps them apart).
pub(crate) fn validate_parts(
    kind: ItemKind,
    student: &StudentId,
    entered_at: DateTime<Utc>,
    lesson_closed_at: Option<DateTime<Utc>>,
    forwarded: Option<&Forwarding>,
    revision: Option<Revision>,
    subject: Option<&str>,
) -> Result<(), VisibilityError> {
    if let Some(closed_at) = lesson_closed_at {
        if closed_at < entered_at {
            return Err(VisibilityError::LessonClosedBeforeEntry {
                kind: kind.code(),
                student: student.clone(),
                entered_at,
                closed_at,
            });
        }
    }
    if let Some(f) = forwarded {
        if kind != ItemKind::Remark {
            return Err(VisibilityError::ForwardingOnlyForRemarks { kind: kind.code() });
        }
        if f.at < entered_at {
            return Err(VisibilityError::ForwardedBeforeEntry {
                student: student.clone(),
                entered_at,
                forwarded_at: f.at,
            });
        }
    }
    if let Some(r) = revision {
        if r.at() < entered_at {
            return Err(VisibilityError::RevisedBeforeEntry {
                kind: kind.code(),
                student: student.clone(),
                entered_at,
                revised_at: r.at(),
            });
        }
    }
    if let Some(s) = subject {
        if s.trim().is_empty() {
            return Err(VisibilityError::InvalidSubject {
                subject: s.to_owned(),
                reason: "it is empty",
            });
        }
        if s.chars().count() > 64 {
            return Err(VisibilityError::InvalidSubject {
                subject: s.to_owned(),
                reason: "it is longer than 64 characters",
            });
        }
    }
    Ok(())
}

/// Checks that a remark's forwarder is the student's class teacher on that date (R-D6).
pub(crate) fn check_forwarder(item: &Item, facts: &Facts) -> Result<(), VisibilityError> {
    match &item.forwarded {
        Some(f) => check_forwarding(&item.student, f, facts, &mut zone::Zone::new()),
        None => Ok(()),
    }
}

/// [`check_forwarder`] on a forwarding and its student.
pub(crate) fn check_forwarding(
    student: &StudentId,
    f: &Forwarding,
    facts: &Facts,
    clock: &mut zone::Zone,
) -> Result<(), VisibilityError> {
    let class = facts
        .families
        .get(student)
        .and_then(|fam| fam.student.class.as_ref());
    check_forwarding_in(student, class, f, &facts.staff, clock)
}

/// [`check_forwarding`] with the student's class already looked up, among `staff` (the
/// school's assignments, or any part of them that holds every class teacher of `class`).
pub(crate) fn check_forwarding_in<'s>(
    student: &StudentId,
    class: Option<&ClassId>,
    f: &Forwarding,
    staff: impl IntoIterator<Item = &'s StaffAssignment>,
    clock: &mut zone::Zone,
) -> Result<(), VisibilityError> {
    let date = clock.local_date(f.at);
    let mut staff = staff.into_iter();
    let ok = class.is_some_and(|c| {
        staff.any(|a| {
            a.staff == f.by
                && a.role == StaffRole::ClassTeacher
                && a.class.as_ref() == Some(c)
                && a.from.is_none_or(|x| x <= date)
                && a.until.is_none_or(|u| date <= u)
        })
    });
    if ok {
        Ok(())
    } else {
        Err(VisibilityError::ForwardedByNotClassTeacher {
            student: student.clone(),
            by: f.by.clone(),
            class: class.map_or_else(|| "no class".to_owned(), |c| c.as_str().to_owned()),
            date,
        })
    }
}

/// Where an item stands in time for a viewer, before services, rights and the period.
enum Timing {
    At(DateTime<Utc>, RuleSet),
    Pending(Waiting, RuleSet),
    Never(Hidden, RuleSet),
}

/// What the timing of an item reads: its kind and instants.
#[derive(Clone, Copy)]
pub(crate) struct Moment {
    pub(crate) kind: ItemKind,
    pub(crate) entered_at: DateTime<Utc>,
    pub(crate) lesson_closed_at: Option<DateTime<Utc>>,
    pub(crate) forwarded_at: Option<DateTime<Utc>>,
}

impl Moment {
    fn of(item: &Item) -> Moment {
        Moment {
            kind: item.kind,
            entered_at: item.entered_at,
            lesson_closed_at: item.lesson_closed_at,
            forwarded_at: item.forwarded.as_ref().map(|f| f.at),
        }
    }
}

/// The instant of the item's kind for the viewer (R-D1 … R-D8, R-D11, R-G1, R-G2).
fn timing(
    item: Moment,
    student_view: bool,
    ctx: &Context<'_>,
    policy: &Policy,
    clock: &mut zone::Zone,
) -> Result<Timing, VisibilityError> {
    let base = RuleSet::EMPTY.with(RuleId::D11);
    let entered = item.entered_at;
    let closed = |rule: RuleId| match item.lesson_closed_at {
        Some(c) => Timing::At(c.max(entered), base.with(rule)),
        None => Timing::Pending(Waiting::LessonClose, base.with(rule)),
    };
    Ok(match item.kind {
        ItemKind::Grade if student_view => Timing::At(entered, base.with(RuleId::D2)),
        ItemKind::Grade => {
            let v = &policy.visibility;
            let at = match v.grade_delay_counts {
                DayCount::Calendar => clock.midnight_days_after(entered, v.grade_delay_days),
                DayCount::Working => {
                    let day = clock.local_date(entered);
                    clock.local_midnight(ctx.calendar.add_working_days(day, v.grade_delay_days)?)
                }
            };
            Timing::At(at.max(entered), base.with(RuleId::D1))
        }
        ItemKind::AnnouncedAssessment => Timing::At(entered, base.with(RuleId::D3)),
        ItemKind::Absence if student_view => Timing::At(entered, base),
        ItemKind::Absence => {
            Timing::At(clock.midnight_days_after(entered, 1), base.with(RuleId::D4))
        }
        ItemKind::Praise | ItemKind::Comment | ItemKind::Observation => closed(RuleId::D5),
        ItemKind::Homework => closed(RuleId::D7),
        ItemKind::Remark => match item.forwarded_at {
            Some(at) => Timing::At(at.max(entered), base.with(RuleId::D6)),
            None => Timing::Pending(Waiting::ClassTeacherForwarding, base.with(RuleId::D6)),
        },
        ItemKind::Message
        | ItemKind::SubjectList
        | ItemKind::ParentTeacherMeeting
        | ItemKind::Article => Timing::At(entered, base.with(RuleId::D8)),
        ItemKind::Meal => {
            let r = base.with(RuleId::D8).with(RuleId::G2);
            if ctx.settings.meals_through_system {
                Timing::At(entered, r)
            } else {
                Timing::Never(Hidden::MealsNotRun, r)
            }
        }
        ItemKind::AbsenceExcuse => {
            let r = base.with(RuleId::G1);
            if ctx.settings.absence_excuses_agreed {
                Timing::At(entered, r)
            } else {
                Timing::Never(Hidden::ExcusesNotAgreed, r)
            }
        }
    })
}

/// What a viewer's service does with a kind of item (R-D9, R-D10, R-C1, R-C9, R-C10),
/// before looking at the item itself.
#[derive(Clone, Copy)]
pub(crate) enum ServiceRule {
    /// It opens the kind.
    Opens(RuleSet),
    /// Only the student's latest grade (R-D10).
    LatestOnly(RuleSet),
    /// It hides the kind.
    Hides(RuleSet),
}

/// The service rule of a kind for a viewer (R-D9, R-D10, R-C1, R-C9, R-C10).
pub(crate) fn service_rule(kind: ItemKind, viewer: &Viewer) -> ServiceRule {
    let service = viewer.service;
    if viewer.is_student() {
        // R-C10: MINIMALNI is free for every student; "no electronic contact" reads as it.
        if kind == ItemKind::Grade && !service.covers_student() {
            return ServiceRule::LatestOnly(RuleSet::EMPTY.with(RuleId::D10).with(RuleId::C10));
        }
        if matches!(kind, ItemKind::Grade | ItemKind::AnnouncedAssessment) {
            return ServiceRule::Opens(RuleSet::EMPTY.with(RuleId::D10));
        }
        return ServiceRule::Opens(RuleSet::EMPTY);
    }
    if !service.activates_portal() {
        return ServiceRule::Hides(RuleSet::EMPTY.with(RuleId::C1).with(RuleId::B4));
    }
    let paid_data = matches!(
        kind,
        ItemKind::Grade | ItemKind::AnnouncedAssessment | ItemKind::Absence | ItemKind::Homework
    );
    if paid_data {
        let r = RuleSet::EMPTY.with(RuleId::D9);
        return if service.covers_parents() {
            ServiceRule::Opens(r)
        } else if viewer.unpaid {
            // A paid service whose school year is not paid (R-C7, R-D9; seed 001:89).
            ServiceRule::Hides(r.with(RuleId::C10).with(RuleId::C7))
        } else {
            ServiceRule::Hides(r.with(RuleId::C10))
        };
    }
    ServiceRule::Opens(RuleSet::EMPTY.with(RuleId::C9))
}

/// R-D10: whether a grade entered at `entered_at` is the student's latest.
pub(crate) fn latest_check(
    entered_at: DateTime<Utc>,
    student: &StudentId,
    latest: Option<DateTime<Utc>>,
) -> Result<Result<(), DateTime<Utc>>, VisibilityError> {
    let latest = latest.ok_or_else(|| VisibilityError::LatestGradeUnknown {
        student: student.clone(),
    })?;
    Ok(if entered_at >= latest {
        Ok(())
    } else {
        Err(latest)
    })
}

/// The service gate (R-D9, R-D10, R-C1, R-C9, R-C10): `Ok(reasons)` when the service
/// opens the item, `Err(why, reasons)` when it hides it.
fn service_gate(
    item: Moment,
    student: &StudentId,
    viewer: &Viewer,
    latest: Option<DateTime<Utc>>,
) -> Result<Result<RuleSet, (Hidden, RuleSet)>, VisibilityError> {
    Ok(match service_rule(item.kind, viewer) {
        ServiceRule::Opens(r) => Ok(r),
        ServiceRule::LatestOnly(r) => match latest_check(item.entered_at, student, latest)? {
            Ok(()) => Ok(r),
            Err(latest_entered_at) => Err((Hidden::NotLatestGrade { latest_entered_at }, r)),
        },
        ServiceRule::Hides(r) => Err((
            Hidden::Service {
                service: viewer.service,
            },
            r,
        )),
    })
}

/// The answer for one item and one viewer (R-D1 … R-D11, R-C7, R-C9, R-C10, R-G1, R-G2),
/// rights judged on [`Context::on`].
pub fn visible_from(
    item: &Item,
    viewer: &Viewer,
    ctx: &Context<'_>,
    policy: &Policy,
) -> Result<Visibility, VisibilityError> {
    let mut clock = zone::Zone::new();
    let mut rights = |category: Category| -> Result<Option<Box<Decision>>, VisibilityError> {
        let d = ctx.facts.decide(
            &Question::new(
                viewer.person(),
                viewer.student.clone(),
                category,
                crate::rights::Action::See,
                ctx.on,
            ),
            policy,
        )?;
        Ok(if d.allowed { None } else { Some(Box::new(d)) })
    };
    viewer.validate()?;
    let latest = ctx.latest_grade(&item.student);
    decide_one(item, viewer, ctx, policy, latest, &mut clock, &mut rights)
}

/// The core of [`visible_from`], shared with the batch: `rights` answers a category with
/// `None` (allowed) or the denial; `latest` is the student's latest grade (R-D10).
#[allow(clippy::too_many_arguments)]
pub(crate) fn decide_one(
    item: &Item,
    viewer: &Viewer,
    ctx: &Context<'_>,
    policy: &Policy,
    latest: Option<DateTime<Utc>>,
    clock: &mut zone::Zone,
    rights: &mut dyn FnMut(Category) -> Result<Option<Box<Decision>>, VisibilityError>,
) -> Result<Visibility, VisibilityError> {
    check_item(item, ctx)?;
    decide_checked(item, viewer, ctx, policy, latest, clock, rights)
}

/// The checks of an item that do not depend on the viewer (done once per item in a
/// batch).
pub(crate) fn check_item(item: &Item, ctx: &Context<'_>) -> Result<(), VisibilityError> {
    item.validate()?;
    if item.kind == ItemKind::Remark {
        check_forwarder(item, ctx.facts)?;
    }
    Ok(())
}

/// [`decide_one`] for an item already checked with [`check_item`].
#[allow(clippy::too_many_arguments)]
pub(crate) fn decide_checked(
    item: &Item,
    viewer: &Viewer,
    ctx: &Context<'_>,
    policy: &Policy,
    latest: Option<DateTime<Utc>>,
    clock: &mut zone::Zone,
    rights: &mut dyn FnMut(Category) -> Result<Option<Box<Decision>>, VisibilityError>,
) -> Result<Visibility, VisibilityError> {
    if item.student != viewer.student {
        return Err(VisibilityError::ViewerOfAnotherStudent {
            viewer: viewer.id_str().to_owned(),
            viewer_student: viewer.student.clone(),
            item_student: item.student.clone(),
        });
    }
    // R-C7: the portal closes after the period.
    if let Some(last) = viewer.readable_until {
        if ctx.on > last {
            return Ok(Visibility::Never {
                why: Hidden::Period {
                    readable_until: last,
                },
                reasons: RuleSet::EMPTY.with(RuleId::C7),
            });
        }
    }
    // A withdrawn item is as if never entered (R-D11; corrections, see the module docs).
    if let Some(w) = item.withdrawn_at() {
        return Ok(Visibility::Never {
            why: Hidden::Withdrawn { at: w },
            reasons: RuleSet::EMPTY.with(RuleId::D11),
        });
    }
    // Services (R-D9, R-D10).
    let moment = Moment::of(item);
    let service_reasons = match service_gate(moment, &item.student, viewer, latest)? {
        Ok(r) => r,
        Err((why, reasons)) => return Ok(Visibility::Never { why, reasons }),
    };
    // Rights (R-F1 …), unless the caller judges them itself (the planner, per send day).
    let denied = if ctx.skip_rights {
        None
    } else {
        rights(item.kind.category())?
    };
    if let Some(decision) = denied {
        let reasons = decision.rule_ids().into_iter().collect::<RuleSet>();
        return Ok(Visibility::Never {
            why: Hidden::Rights { decision },
            reasons,
        });
    }
    let (from, reasons) = match timing(moment, viewer.is_student(), ctx, policy, clock)? {
        Timing::At(from, r) => (from, r.union(service_reasons)),
        Timing::Pending(waiting, r) => {
            return Ok(Visibility::Pending {
                waiting,
                reasons: r.union(service_reasons),
            });
        }
        Timing::Never(why, r) => {
            return Ok(Visibility::Never {
                why,
                reasons: r.union(service_reasons),
            })
        }
    };
    if let Some(last) = viewer.readable_until {
        if clock.local_date(from) > last {
            return Ok(Visibility::Never {
                why: Hidden::Period {
                    readable_until: last,
                },
                reasons: reasons.with(RuleId::C7),
            });
        }
    }
    let revised_from = match item.revision {
        Some(Revision::Changed { at }) => Some(at.max(from)),
        _ => None,
    };
    Ok(Visibility::Visible {
        from,
        revised_from,
        reasons,
    })
}

#[cfg(test)]
mod tests;
