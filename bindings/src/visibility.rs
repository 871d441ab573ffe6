//! What a parent or a student sees, from when, and why (R-D1 … R-D11, R-C7, R-C9, R-C10,
//! R-G1, R-G2): thin wrappers over `asistent_core::visibility`, one item or a whole list.

use std::sync::Arc;
use std::time::SystemTime;

use asistent_core::ids::{GuardianId, StaffId, StudentId};
use asistent_core::visibility as core;

use crate::calendar::Calendar;
use crate::convert::{instant_from, instant_to, LocalDate};
use crate::policy::Policy;
use crate::rights::{RightsDecision, RightsFacts};
use crate::services::Service;
use crate::AsistentError;

fn student_id(id: &str) -> Result<StudentId, AsistentError> {
    StudentId::new(id).map_err(|e| AsistentError::invalid("student ID", id, e))
}

/// A correction after entry: the item changed (a grade corrected, an absence excused) or
/// withdrawn (entered by mistake).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ItemRevision {
    /// Changed at `at`: seen from the same instant, the new version from the later of the
    /// two.
    Changed {
        /// When.
        at: SystemTime,
    },
    /// Withdrawn at `at`: never visible.
    Withdrawn {
        /// When.
        at: SystemTime,
    },
}

/// One item of a child's school record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibilityItem {
    /// The kind's machine name: "grade", "announced_assessment", "absence", "praise",
    /// "comment", "observation", "remark", "homework", "message", "subject_list",
    /// "parent_teacher_meeting", "article", "meal", "absence_excuse".
    pub kind: String,
    /// The student's ID.
    pub student: String,
    /// When the teacher entered it.
    pub entered_at: SystemTime,
    /// When its lesson was closed, if it was (R-D5, R-D7).
    #[uniffi(default = None)]
    pub lesson_closed_at: Option<SystemTime>,
    /// For a remark: the staff ID of who forwarded it to the parents (R-D6).
    #[uniffi(default = None)]
    pub forwarded_by: Option<String>,
    /// For a remark: when it was forwarded.
    #[uniffi(default = None)]
    pub forwarded_at: Option<SystemTime>,
    /// A correction after entry.
    #[uniffi(default = None)]
    pub revision: Option<ItemRevision>,
    /// For a grade: the subject.
    #[uniffi(default = None)]
    pub subject: Option<String>,
}

impl TryFrom<&VisibilityItem> for core::Item {
    type Error = AsistentError;
    fn try_from(i: &VisibilityItem) -> Result<Self, AsistentError> {
        let kind: core::ItemKind = i.kind.parse()?;
        let mut item = core::Item::new(kind, student_id(&i.student)?, instant_from(i.entered_at)?);
        if let Some(c) = i.lesson_closed_at {
            item = item.lesson_closed(instant_from(c)?);
        }
        match (&i.forwarded_by, i.forwarded_at) {
            (Some(by), Some(at)) => {
                let by = StaffId::new(by).map_err(|e| AsistentError::invalid("staff ID", by, e))?;
                item = item.forwarded_by(by, instant_from(at)?);
            }
            (None, None) => {}
            _ => {
                return Err(AsistentError::invalid(
                    "forwarding",
                    format!("{:?} / {:?}", i.forwarded_by, i.forwarded_at),
                    "a forwarding needs both forwarded_by and forwarded_at",
                ))
            }
        }
        if let Some(r) = &i.revision {
            item = item.revised(match r {
                ItemRevision::Changed { at } => core::Revision::Changed {
                    at: instant_from(*at)?,
                },
                ItemRevision::Withdrawn { at } => core::Revision::Withdrawn {
                    at: instant_from(*at)?,
                },
            });
        }
        if let Some(s) = &i.subject {
            item = item.in_subject(s.clone());
        }
        Ok(item)
    }
}

/// Who looks.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ViewerWho {
    /// A parent or another adult related to the child.
    Guardian {
        /// The guardian's ID.
        id: String,
    },
    /// The student.
    Student {
        /// The student's ID.
        id: String,
    },
}

/// A viewer of one child's record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibilityViewer {
    /// Who looks.
    pub who: ViewerWho,
    /// Whose record (the student's ID).
    pub student: String,
    /// The service in force for the viewer (R-C1, R-C5).
    pub service: Service,
    /// The last date the portal is readable (R-C7); none while the child is enrolled.
    #[uniffi(default = None)]
    pub readable_until: Option<LocalDate>,
    /// The registration's paid service is not paid for the date asked about: `service` is
    /// what MINIMALNI gives, and a hidden paid item names R-C7 too (R-D9; set by
    /// `viewerFromRegistration`).
    #[uniffi(default = false)]
    pub unpaid: bool,
}

impl TryFrom<&VisibilityViewer> for core::Viewer {
    type Error = AsistentError;
    fn try_from(v: &VisibilityViewer) -> Result<Self, AsistentError> {
        let student = student_id(&v.student)?;
        let mut out = match &v.who {
            ViewerWho::Guardian { id } => core::Viewer::guardian(
                GuardianId::new(id).map_err(|e| AsistentError::invalid("guardian ID", id, e))?,
                student,
                v.service.into(),
            ),
            ViewerWho::Student { id } => {
                let mut s = core::Viewer::student(student_id(id)?, v.service.into());
                s.student = student;
                s
            }
        };
        out.readable_until = v.readable_until;
        out.unpaid = v.unpaid;
        Ok(out)
    }
}

/// The parent of a registration as a viewer on the local date `on` (R-C7, R-C8, R-D9):
/// the service in force on that date, counted as paid only from the year's payment on
/// (otherwise what MINIMALNI gives, with `unpaid` set), and the portal's last readable
/// day after a revocation, the end of schooling or a change of school. The core decides.
#[uniffi::export]
#[allow(clippy::needless_pass_by_value)]
pub fn viewer_from_registration(
    registration: Arc<crate::services::Registration>,
    on: LocalDate,
) -> Result<VisibilityViewer, AsistentError> {
    let v = core::Viewer::from_registration(&registration.inner, on)?;
    Ok(VisibilityViewer {
        who: match &v.who {
            core::ViewerKind::Guardian(g) => ViewerWho::Guardian {
                id: g.as_str().to_owned(),
            },
            core::ViewerKind::Student(s) => ViewerWho::Student {
                id: s.as_str().to_owned(),
            },
            other => return Err(AsistentError::unsupported("viewer", other)),
        },
        student: v.student.as_str().to_owned(),
        service: v.service.try_into()?,
        readable_until: v.readable_until,
        unpaid: v.unpaid,
    })
}

/// What the school has switched on (R-G1, R-G2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SchoolSettings {
    /// The school runs meals through the system (R-G2).
    pub meals_through_system: bool,
    /// The class teacher agreed to absence excuses through the portal (R-G1).
    pub absence_excuses_agreed: bool,
}

/// Visible, pending or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum VisibilityState {
    /// Visible from `from`.
    Visible,
    /// Waiting for the lesson to close or the remark to be forwarded.
    Pending,
    /// Never (under the date asked).
    Never,
}

/// The answer for one item and one viewer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibilityAnswer {
    /// Visible, pending or never.
    pub state: VisibilityState,
    /// The first instant it is visible.
    pub from: Option<SystemTime>,
    /// The instant its corrected version is visible, if it was changed.
    pub revised_from: Option<SystemTime>,
    /// What a pending item waits for: "lesson_close" or "class_teacher_forwarding".
    pub waiting: Option<String>,
    /// Why it is never visible: "service", "not_latest_grade", "rights", "period",
    /// "meals_not_run", "excuses_not_agreed", "withdrawn".
    pub hidden: Option<String>,
    /// The rights decision, when rights hide it.
    pub decision: Option<RightsDecision>,
    /// The rule IDs, in catalogue order.
    pub rule_ids: Vec<String>,
    /// In Slovenian.
    pub text_sl: String,
    /// In English.
    pub text_en: String,
}

fn answer(v: core::Visibility) -> Result<VisibilityAnswer, AsistentError> {
    let text_sl = v.text_sl();
    let text_en = v.text_en();
    let rule_ids = v.rule_ids().iter().map(|r| r.as_str().to_owned()).collect();
    let mut out = VisibilityAnswer {
        state: VisibilityState::Never,
        from: None,
        revised_from: None,
        waiting: None,
        hidden: None,
        decision: None,
        rule_ids,
        text_sl,
        text_en,
    };
    match v {
        core::Visibility::Visible {
            from, revised_from, ..
        } => {
            out.state = VisibilityState::Visible;
            out.from = Some(instant_to(from));
            out.revised_from = revised_from.map(instant_to);
        }
        core::Visibility::Pending { waiting, .. } => {
            out.state = VisibilityState::Pending;
            out.waiting = Some(waiting.code().to_owned());
        }
        core::Visibility::Never { why, .. } => {
            out.hidden = Some(why.code().to_owned());
            if let core::Hidden::Rights { decision } = why {
                out.decision = Some((*decision).try_into()?);
            }
        }
        other => return Err(AsistentError::unsupported("visibility", other)),
    }
    Ok(out)
}

impl TryFrom<&VisibilityAnswer> for core::Glance {
    type Error = AsistentError;
    /// The answer in the core's compact terms; an answer whose fields do not fit its state
    /// (a visible one without `from`, an unknown waiting or hidden code) is an
    /// `InvalidValue` naming "visibility answer".
    fn try_from(a: &VisibilityAnswer) -> Result<Self, AsistentError> {
        let bad = |value: String, reason: String| {
            AsistentError::invalid("visibility answer", value, reason)
        };
        let codes = |all: &[&str]| {
            all.iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match a.state {
            VisibilityState::Visible => match a.from {
                Some(from) => Ok(core::Glance::Visible {
                    from: instant_from(from)?,
                }),
                None => Err(bad(
                    "visible".into(),
                    "a visible answer has the instant it is visible from".into(),
                )),
            },
            VisibilityState::Pending => {
                let code = a.waiting.as_deref().unwrap_or("");
                core::Waiting::ALL
                    .into_iter()
                    .find(|w| w.code() == code)
                    .map(|waiting| core::Glance::Pending { waiting })
                    .ok_or_else(|| {
                        bad(
                            code.to_owned(),
                            format!(
                                "a pending answer waits for one of {}",
                                codes(&core::Waiting::ALL.map(core::Waiting::code))
                            ),
                        )
                    })
            }
            VisibilityState::Never => {
                let code = a.hidden.as_deref().unwrap_or("");
                core::HiddenKind::ALL
                    .into_iter()
                    .find(|h| h.code() == code)
                    .map(|why| core::Glance::Never { why })
                    .ok_or_else(|| {
                        bad(
                            code.to_owned(),
                            format!(
                                "a never-visible answer names why: one of {}",
                                codes(&core::HiddenKind::ALL.map(core::HiddenKind::code))
                            ),
                        )
                    })
            }
        }
    }
}

/// Whether the viewer of `answer` sees the item at `now`: once true, true for every later
/// `now`; a pending or never-visible item is not seen. The core decides (R-D1 … R-D11);
/// an answer whose fields do not fit its state is an `InvalidValue` ("visibility answer").
#[uniffi::export]
#[allow(clippy::needless_pass_by_value)]
pub fn is_visible_at(answer: VisibilityAnswer, now: SystemTime) -> Result<bool, AsistentError> {
    let glance = core::Glance::try_from(&answer)?;
    Ok(glance.is_visible_at(instant_from(now)?))
}

/// One answer of a batch: the positions of the item and the viewer in the lists given.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibilityRow {
    /// The item's position, from 0.
    pub item: u64,
    /// The viewer's position, from 0.
    pub viewer: u64,
    /// The answer.
    pub answer: VisibilityAnswer,
}

/// Whether a guardian may send an absence excuse through the portal (R-G1).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExcusePermission {
    /// The answer.
    pub allowed: bool,
    /// The rule IDs it rests on.
    pub rule_ids: Vec<String>,
}

fn context<'a>(
    calendar: &'a Calendar,
    facts: &'a RightsFacts,
    on: LocalDate,
    settings: SchoolSettings,
) -> core::Context<'a> {
    core::Context::new(&calendar.inner, &facts.inner, on).with_settings(core::SchoolSettings {
        meals_through_system: settings.meals_through_system,
        absence_excuses_agreed: settings.absence_excuses_agreed,
    })
}

/// The answer for one item and one viewer, rights and the period judged on `on`. `grades`
/// are the student's other grades, needed for a MINIMALNI student (R-D10: only the latest
/// grade): given (even empty), they are noted with the item; none (null / nil) notes no
/// grade, so a MINIMALNI student's grade is an `InvalidItem` error with problem
/// "latest_grade_unknown" rather than a guess.
#[uniffi::export]
#[allow(clippy::too_many_arguments, clippy::needless_pass_by_value)]
pub fn visible_from(
    item: VisibilityItem,
    viewer: VisibilityViewer,
    grades: Option<Vec<VisibilityItem>>,
    calendar: Arc<Calendar>,
    facts: Arc<RightsFacts>,
    on: LocalDate,
    settings: SchoolSettings,
    policy: Arc<Policy>,
) -> Result<VisibilityAnswer, AsistentError> {
    let item: core::Item = (&item).try_into()?;
    let viewer: core::Viewer = (&viewer).try_into()?;
    let mut ctx = context(&calendar, &facts, on, settings);
    if let Some(grades) = grades {
        let grades = grades
            .iter()
            .enumerate()
            .map(|(i, g)| core::Item::try_from(g).map_err(|e| e.at_position("grade", i)))
            .collect::<Result<Vec<_>, _>>()?;
        ctx.note_grades(&grades);
        // The item is one of the student's grades too (R-D10).
        ctx.note_grades([&item]);
    }
    answer(core::visible_from(&item, &viewer, &ctx, &policy.inner)?)
}

/// The answers for every (item, viewer) pair of the same student, in one call.
#[uniffi::export]
#[allow(clippy::needless_pass_by_value)]
pub fn visible_from_many(
    items: Vec<VisibilityItem>,
    viewers: Vec<VisibilityViewer>,
    calendar: Arc<Calendar>,
    facts: Arc<RightsFacts>,
    on: LocalDate,
    settings: SchoolSettings,
    policy: Arc<Policy>,
) -> Result<Vec<VisibilityRow>, AsistentError> {
    let (items, viewers) = batch_inputs(&items, &viewers)?;
    let ctx = context(&calendar, &facts, on, settings);
    core::visible_from_many(&items, &viewers, &ctx, &policy.inner)?
        .into_iter()
        .map(|s| {
            Ok(VisibilityRow {
                item: s.item as u64,
                viewer: s.viewer as u64,
                answer: answer(s.visibility)?,
            })
        })
        .collect()
}

/// One compact answer of a batch (R-D1 … R-D11): from when, or what it waits for, or why
/// never, as codes — without reasons, texts or the rights decision (ask `visibleFrom` for
/// the rows you show).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibilityGlance {
    /// The item's position, from 0.
    pub item: u64,
    /// The viewer's position, from 0.
    pub viewer: u64,
    /// Visible, pending or never.
    pub state: VisibilityState,
    /// The first instant it is visible.
    pub from: Option<SystemTime>,
    /// What it waits for ("lesson_close", "class_teacher_forwarding") or why it is never
    /// visible ("service", "not_latest_grade", "rights", "period", "meals_not_run",
    /// "excuses_not_agreed", "withdrawn"); none when visible.
    pub cause: Option<String>,
}

/// The compact answers for every (item, viewer) pair of the same student, in one call:
/// the rows of `visibleFromMany` without their reasons, for large lists (R-D1 … R-D11).
#[uniffi::export]
#[allow(clippy::needless_pass_by_value)]
pub fn glance_many(
    items: Vec<VisibilityItem>,
    viewers: Vec<VisibilityViewer>,
    calendar: Arc<Calendar>,
    facts: Arc<RightsFacts>,
    on: LocalDate,
    settings: SchoolSettings,
    policy: Arc<Policy>,
) -> Result<Vec<VisibilityGlance>, AsistentError> {
    let (items, viewers) = batch_inputs(&items, &viewers)?;
    let book: core::Gradebook = items.into_iter().collect();
    let ctx = context(&calendar, &facts, on, settings);
    core::glance_many(&book, &viewers, &ctx, &policy.inner)?
        .into_iter()
        .map(|r| {
            Ok(VisibilityGlance {
                item: r.item as u64,
                viewer: r.viewer as u64,
                state: match r.glance {
                    core::Glance::Visible { .. } => VisibilityState::Visible,
                    core::Glance::Pending { .. } => VisibilityState::Pending,
                    core::Glance::Never { .. } => VisibilityState::Never,
                    other => return Err(AsistentError::unsupported("visibility glance", other)),
                },
                from: r.glance.first_visible().map(instant_to),
                cause: r.glance.cause_code().map(str::to_owned),
            })
        })
        .collect()
}

/// A batch's items and viewers in the core's terms; a bad item or viewer names its
/// position in the error's `index` and message ("item 2: …", "viewer 0: …").
fn batch_inputs(
    items: &[VisibilityItem],
    viewers: &[VisibilityViewer],
) -> Result<(Vec<core::Item>, Vec<core::Viewer>), AsistentError> {
    let items = items
        .iter()
        .enumerate()
        .map(|(i, x)| core::Item::try_from(x).map_err(|e| e.at_position("item", i)))
        .collect::<Result<Vec<_>, _>>()?;
    let viewers = viewers
        .iter()
        .enumerate()
        .map(|(i, v)| core::Viewer::try_from(v).map_err(|e| e.at_position("viewer", i)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((items, viewers))
}

/// Whether a guardian may send an absence excuse through the portal (R-G1).
#[uniffi::export]
#[allow(clippy::needless_pass_by_value)]
pub fn may_send_absence_excuse(
    viewer: VisibilityViewer,
    calendar: Arc<Calendar>,
    facts: Arc<RightsFacts>,
    on: LocalDate,
    settings: SchoolSettings,
    policy: Arc<Policy>,
) -> Result<ExcusePermission, AsistentError> {
    let viewer: core::Viewer = (&viewer).try_into()?;
    let ctx = context(&calendar, &facts, on, settings);
    let (allowed, rules) = core::may_send_absence_excuse(&viewer, &ctx, &policy.inner)?;
    Ok(ExcusePermission {
        allowed,
        rule_ids: rules
            .to_vec()
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect(),
    })
}

/// The Slovenian name of an item kind ("ocena"); an unknown kind is an `UnknownItemKind`
/// error.
#[uniffi::export]
pub fn item_kind_label_sl(kind: String) -> Result<String, AsistentError> {
    let k: core::ItemKind = kind.parse()?;
    Ok(k.label_sl().to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn bare(state: VisibilityState) -> VisibilityAnswer {
        VisibilityAnswer {
            state,
            from: None,
            revised_from: None,
            waiting: None,
            hidden: None,
            decision: None,
            rule_ids: vec![],
            text_sl: String::new(),
            text_en: String::new(),
        }
    }

    /// R-D1: `isVisibleAt` asks the core: visible from `from` on (inclusive), never before;
    /// every waiting and hidden code maps back to its core value, so pending and never
    /// answers are not seen at any instant.
    #[test]
    fn r_d1_is_visible_at_is_the_cores_answer() {
        let from = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_790_000_000);
        let second = std::time::Duration::from_secs(1);
        let visible = VisibilityAnswer {
            from: Some(from),
            ..bare(VisibilityState::Visible)
        };
        assert!(!is_visible_at(visible.clone(), from - second).unwrap());
        assert!(is_visible_at(visible.clone(), from).unwrap());
        assert!(is_visible_at(visible, from + second).unwrap());
        for w in core::Waiting::ALL {
            let a = VisibilityAnswer {
                waiting: Some(w.code().into()),
                ..bare(VisibilityState::Pending)
            };
            assert_eq!(
                core::Glance::try_from(&a).unwrap(),
                core::Glance::Pending { waiting: w }
            );
            assert!(!is_visible_at(a, from).unwrap());
        }
        for h in core::HiddenKind::ALL {
            let a = VisibilityAnswer {
                hidden: Some(h.code().into()),
                ..bare(VisibilityState::Never)
            };
            assert_eq!(
                core::Glance::try_from(&a).unwrap(),
                core::Glance::Never { why: h }
            );
            assert!(!is_visible_at(a, from).unwrap());
        }
    }

    /// R-D1: an answer whose fields do not fit its state is an `InvalidValue`, not false.
    #[test]
    fn r_d1_an_answer_that_does_not_fit_its_state_is_an_invalid_value() {
        let now = SystemTime::UNIX_EPOCH;
        let err = is_visible_at(bare(VisibilityState::Visible), now).unwrap_err();
        assert!(
            matches!(&err, AsistentError::InvalidValue { what, value, reason, .. }
                if what == "visibility answer" && value == "visible"
                    && reason == "a visible answer has the instant it is visible from"),
            "{err:?}"
        );
        let odd = VisibilityAnswer {
            waiting: Some("bell".into()),
            ..bare(VisibilityState::Pending)
        };
        let err = is_visible_at(odd, now).unwrap_err();
        assert!(
            matches!(&err, AsistentError::InvalidValue { what, value, .. }
                if what == "visibility answer" && value == "bell"),
            "{err:?}"
        );
    }

    fn item(kind: &str, student: &str) -> VisibilityItem {
        VisibilityItem {
            kind: kind.into(),
            student: student.into(),
            entered_at: SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_790_000_000),
            lesson_closed_at: None,
            forwarded_by: None,
            forwarded_at: None,
            revision: None,
            subject: None,
        }
    }

    fn viewer(id: &str) -> VisibilityViewer {
        VisibilityViewer {
            who: ViewerWho::Guardian { id: id.into() },
            student: "ana".into(),
            service: Service::ZaStarse,
            readable_until: None,
            unpaid: false,
        }
    }

    /// Batch errors name the position of the bad item or viewer, in the field and the
    /// message, whatever the error's type (R-D11: items are judged one by one).
    #[test]
    fn r_d11_batch_errors_name_the_position_of_the_item_or_viewer() {
        let e = batch_inputs(&[item("grade", "ana"), item("report_card", "ana")], &[]).unwrap_err();
        match e {
            AsistentError::UnknownItemKind {
                input,
                reason,
                index,
            } => {
                assert_eq!((input.as_str(), index), ("report_card", Some(1)));
                assert!(
                    reason.starts_with("item 1: `report_card` is not an item kind"),
                    "{reason}"
                );
            }
            other => panic!("{other:?}"),
        }
        let e = batch_inputs(&[item("grade", "ana"), item("grade", "")], &[]).unwrap_err();
        match e {
            AsistentError::InvalidValue {
                what,
                reason,
                index,
                ..
            } => {
                assert_eq!((what.as_str(), index), ("student ID", Some(1)));
                assert!(reason.starts_with("item 1: "), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        let e = batch_inputs(&[item("grade", "ana")], &[viewer("mama"), viewer("")]).unwrap_err();
        match e {
            AsistentError::InvalidValue {
                what,
                reason,
                index,
                ..
            } => {
                assert_eq!((what.as_str(), index), ("guardian ID", Some(1)));
                assert!(reason.starts_with("viewer 1: "), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
}
