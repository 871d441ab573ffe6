//! A gradebook with each student named once, and compact answers, for country-scale
//! batches (R-D1 … R-D11, R-C7, R-C9, R-C10, R-G1, R-G2).
//!
//! [`visible_from_many`](super::visible_from_many) answers every (item, viewer) pair with a
//! full [`Visibility`]: the reasons, and for a rights denial the whole decision. A country's
//! gradebook has tens of millions of items; most callers of such a batch want only *when*
//! (or why not, as a code), and ask for the full answer of the few rows they show.
//! [`Gradebook`] holds the items with each student named once, and [`glance_many`] answers
//! every pair with a 16-byte [`Glance`] — the same answers, row for row, as
//! [`Glance::from`] the full batch (a property test checks it).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    check_forwarding_in, latest_check, service_rule, timing, validate_parts, zone, Context,
    Forwarding, Hidden, Item, ItemKind, Moment, Revision, ServiceRule, Timing, Viewer, Visibility,
    VisibilityError, Waiting,
};
use crate::ids::{ClassId, StudentId};
use crate::policy::Policy;
use crate::rights::facts::{Family, StaffAssignment, StaffRole};
use crate::rights::{Category, RightsError};

/// A student's position in a [`Gradebook`] (R-D1 … R-D11 batches name each student once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StudentKey(usize);

impl StudentKey {
    /// The position, counting from 0 in the order the students were first named.
    pub const fn index(self) -> usize {
        self.0
    }
}

/// What few items carry besides their kind, student and instants: a remark's forwarding
/// (R-D6), a correction or withdrawal, a grade's subject.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    /// For a remark: the class teacher's forwarding to the parents (R-D6).
    pub forwarded: Option<Forwarding>,
    /// A correction or withdrawal after entry, the latest one.
    pub revision: Option<Revision>,
    /// For a grade: the subject (R-D10).
    pub subject: Option<String>,
}

impl Details {
    fn is_empty(&self) -> bool {
        self.forwarded.is_none() && self.revision.is_none() && self.subject.is_none()
    }
}

/// One item as the gradebook keeps it: a kind, a student by key, its instants, and the
/// rare details boxed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    kind: ItemKind,
    student: usize,
    entered_at: DateTime<Utc>,
    lesson_closed_at: Option<DateTime<Utc>>,
    extra: Option<Box<Details>>,
}

impl Row {
    fn withdrawn_at(&self) -> Option<DateTime<Utc>> {
        match self.extra.as_deref().and_then(|e| e.revision) {
            Some(Revision::Withdrawn { at }) => Some(at),
            _ => None,
        }
    }
}

/// Many items of many students, each student named once: the input of [`glance_many`]
/// for a school's or a country's gradebook (R-D1 … R-D11). The items keep the order they
/// were pushed in; [`Gradebook::item`] gives each back as an [`Item`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gradebook {
    students: Vec<StudentId>,
    keys: HashMap<String, usize>,
    rows: Vec<Row>,
}

impl Gradebook {
    /// An empty gradebook.
    pub fn new() -> Gradebook {
        Gradebook::default()
    }

    /// An empty gradebook with room for `items` items.
    pub fn with_capacity(items: usize) -> Gradebook {
        Gradebook {
            rows: Vec::with_capacity(items),
            ..Gradebook::default()
        }
    }

    /// The key of a student, named here for the first time or again.
    pub fn student(&mut self, id: &StudentId) -> StudentKey {
        if let Some(&k) = self.keys.get(id.as_str()) {
            return StudentKey(k);
        }
        let k = self.students.len();
        self.students.push(id.clone());
        self.keys.insert(id.as_str().to_owned(), k);
        StudentKey(k)
    }

    /// The key of a student given as text: checked as a [`StudentId`] the first time it
    /// is named.
    pub fn student_named(&mut self, id: &str) -> Result<StudentKey, crate::ids::InvalidId> {
        if let Some(&k) = self.keys.get(id) {
            return Ok(StudentKey(k));
        }
        Ok(self.student(&StudentId::new(id)?))
    }

    /// The key of a student already named, if they were.
    pub fn key_of(&self, id: &StudentId) -> Option<StudentKey> {
        self.keys.get(id.as_str()).copied().map(StudentKey)
    }

    /// The student of a key.
    pub fn student_id(&self, key: StudentKey) -> Option<&StudentId> {
        self.students.get(key.0)
    }

    /// Adds an item.
    pub fn push(&mut self, item: Item) {
        let key = self.student(&item.student);
        let details = Details {
            forwarded: item.forwarded,
            revision: item.revision,
            subject: item.subject,
        };
        self.rows.push(Row {
            kind: item.kind,
            student: key.0,
            entered_at: item.entered_at,
            lesson_closed_at: item.lesson_closed_at,
            extra: (!details.is_empty()).then(|| Box::new(details)),
        });
    }

    /// Adds an item with nothing but its kind, student, entry and lesson close — the
    /// common case, without naming the student again. A key of another gradebook is
    /// refused.
    pub fn push_entry(
        &mut self,
        kind: ItemKind,
        student: StudentKey,
        entered_at: DateTime<Utc>,
        lesson_closed_at: Option<DateTime<Utc>>,
    ) -> Result<(), VisibilityError> {
        self.push_detailed(
            kind,
            student,
            entered_at,
            lesson_closed_at,
            Details::default(),
        )
    }

    /// Adds an item with its details (forwarding, revision, subject). A key of another
    /// gradebook is refused.
    pub fn push_detailed(
        &mut self,
        kind: ItemKind,
        student: StudentKey,
        entered_at: DateTime<Utc>,
        lesson_closed_at: Option<DateTime<Utc>>,
        details: Details,
    ) -> Result<(), VisibilityError> {
        if student.0 >= self.students.len() {
            return Err(VisibilityError::StudentKeyNotInGradebook {
                key: student.0,
                students: self.students.len(),
            });
        }
        self.rows.push(Row {
            kind,
            student: student.0,
            entered_at,
            lesson_closed_at,
            extra: (!details.is_empty()).then(|| Box::new(details)),
        });
        Ok(())
    }

    /// How many items.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How many students are named.
    pub fn students(&self) -> usize {
        self.students.len()
    }

    /// R-D10: each student's latest grade in the book (by [`StudentKey::index`]): when it
    /// was entered; withdrawn grades do not count, `None` for a student without grades.
    pub fn latest_grades(&self) -> Vec<Option<DateTime<Utc>>> {
        let mut latest: Vec<Option<DateTime<Utc>>> = vec![None; self.students.len()];
        for r in &self.rows {
            if r.kind == ItemKind::Grade && r.withdrawn_at().is_none() {
                let l = &mut latest[r.student];
                if l.is_none_or(|t| r.entered_at > t) {
                    *l = Some(r.entered_at);
                }
            }
        }
        latest
    }

    /// The item at a position, as an [`Item`].
    pub fn item(&self, index: usize) -> Option<Item> {
        self.rows.get(index).map(|r| self.to_item(r))
    }

    /// Every item in order.
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        self.rows.iter().map(|r| self.to_item(r))
    }

    fn to_item(&self, r: &Row) -> Item {
        let mut item = Item::new(r.kind, self.students[r.student].clone(), r.entered_at);
        item.lesson_closed_at = r.lesson_closed_at;
        if let Some(e) = r.extra.as_deref() {
            item.forwarded.clone_from(&e.forwarded);
            item.revision = e.revision;
            item.subject.clone_from(&e.subject);
        }
        item
    }
}

impl FromIterator<Item> for Gradebook {
    fn from_iter<T: IntoIterator<Item = Item>>(iter: T) -> Self {
        let mut book = Gradebook::new();
        book.extend(iter);
        book
    }
}

impl Extend<Item> for Gradebook {
    fn extend<T: IntoIterator<Item = Item>>(&mut self, iter: T) {
        for item in iter {
            self.push(item);
        }
    }
}

/// Why an item is never visible, as a code: the kind of [`Hidden`] without its details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HiddenKind {
    /// The viewer's service does not open the item (R-D9, R-C1).
    Service,
    /// A student with MINIMALNI sees only the latest grade (R-D10).
    NotLatestGrade,
    /// The rights engine denies the category (R-F1 … R-F4, R-D12).
    Rights,
    /// The portal is not readable for the viewer then (R-C7).
    Period,
    /// The school does not run meals through the system (R-D8, R-G2).
    MealsNotRun,
    /// The class teacher has not agreed to excuses through the portal (R-G1).
    ExcusesNotAgreed,
    /// The item was withdrawn.
    Withdrawn,
}

impl HiddenKind {
    /// Every reason an item is never visible, so that a face can map a code back and
    /// prove by a test that it maps each of them (R-D1 … R-D11).
    pub const ALL: [HiddenKind; 7] = [
        HiddenKind::Service,
        HiddenKind::NotLatestGrade,
        HiddenKind::Rights,
        HiddenKind::Period,
        HiddenKind::MealsNotRun,
        HiddenKind::ExcusesNotAgreed,
        HiddenKind::Withdrawn,
    ];

    /// The machine name, as [`Hidden::code`].
    pub const fn code(self) -> &'static str {
        match self {
            HiddenKind::Service => "service",
            HiddenKind::NotLatestGrade => "not_latest_grade",
            HiddenKind::Rights => "rights",
            HiddenKind::Period => "period",
            HiddenKind::MealsNotRun => "meals_not_run",
            HiddenKind::ExcusesNotAgreed => "excuses_not_agreed",
            HiddenKind::Withdrawn => "withdrawn",
        }
    }
}

impl Hidden {
    /// The kind of reason, without its details.
    pub const fn kind(&self) -> HiddenKind {
        match self {
            Hidden::Service { .. } => HiddenKind::Service,
            Hidden::NotLatestGrade { .. } => HiddenKind::NotLatestGrade,
            Hidden::Rights { .. } => HiddenKind::Rights,
            Hidden::Period { .. } => HiddenKind::Period,
            Hidden::MealsNotRun => HiddenKind::MealsNotRun,
            Hidden::ExcusesNotAgreed => HiddenKind::ExcusesNotAgreed,
            Hidden::Withdrawn { .. } => HiddenKind::Withdrawn,
        }
    }
}

/// The compact answer for one item and one viewer (R-D1 … R-D11): from when, or what it
/// waits for, or why never — without the reasons and the rights decision (ask
/// [`visible_from`](super::visible_from) for those) and without the instant of a
/// corrected version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Glance {
    /// Visible from an instant on.
    Visible {
        /// The first instant the viewer sees it.
        from: DateTime<Utc>,
    },
    /// Not yet: it waits for the lesson to close or the remark to be forwarded.
    Pending {
        /// What it waits for.
        waiting: Waiting,
    },
    /// Never, under the context's date and facts.
    Never {
        /// Why, as a code.
        why: HiddenKind,
    },
}

impl Glance {
    /// The first instant it is visible, if it is.
    pub const fn first_visible(self) -> Option<DateTime<Utc>> {
        match self {
            Glance::Visible { from } => Some(from),
            _ => None,
        }
    }

    /// Whether the viewer sees it at `now`: once true, true for every later `now`; a
    /// pending or never-visible item is not seen (R-D1 … R-D11).
    pub fn is_visible_at(self, now: DateTime<Utc>) -> bool {
        self.first_visible().is_some_and(|f| f <= now)
    }

    /// `"visible"`, `"pending"` or `"never"`, as [`Visibility::state_code`].
    pub const fn state_code(self) -> &'static str {
        match self {
            Glance::Visible { .. } => "visible",
            Glance::Pending { .. } => "pending",
            Glance::Never { .. } => "never",
        }
    }

    /// What it waits for or why it is never visible, as a code; `None` when visible.
    pub const fn cause_code(self) -> Option<&'static str> {
        match self {
            Glance::Visible { .. } => None,
            Glance::Pending { waiting } => Some(waiting.code()),
            Glance::Never { why } => Some(why.code()),
        }
    }
}

impl From<&Visibility> for Glance {
    fn from(v: &Visibility) -> Glance {
        match v {
            Visibility::Visible { from, .. } => Glance::Visible { from: *from },
            Visibility::Pending { waiting, .. } => Glance::Pending { waiting: *waiting },
            Visibility::Never { why, .. } => Glance::Never { why: why.kind() },
        }
    }
}

/// One compact answer of a batch: which item, which viewer (positions in the inputs), and
/// the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GlanceRow {
    /// The item's position in the gradebook.
    pub item: usize,
    /// The viewer's position in the viewers given.
    pub viewer: usize,
    /// The answer.
    pub glance: Glance,
}

/// Where a row stands in time for one side (parent or student), computed once per row.
#[derive(Clone, Copy)]
enum Tm {
    At(DateTime<Utc>),
    Pending(Waiting),
    Never(HiddenKind),
}

/// What a viewer's service does with each kind, without the reasons.
#[derive(Clone, Copy)]
enum Gate {
    Opens,
    LatestOnly,
    Hides,
}

/// A viewer made ready for the loop: what the gates read, per kind, and the rights bit
/// set once asked (or the rights engine's refusal, raised where a row needs it).
struct Ready {
    student_view: bool,
    readable_until: Option<NaiveDate>,
    closed_now: bool,
    gates: [Gate; KINDS],
    rights: Option<Result<u16, RightsError>>,
}

/// How many item kinds there are.
const KINDS: usize = ItemKind::ALL.len();

/// The compact answers for every (item, viewer) pair of the same student, in item order
/// and, within an item, in viewer order — the rows of
/// [`visible_from_many`](super::visible_from_many) as [`Glance`]s (R-D1 … R-D11, R-C7,
/// R-C9, R-C10, R-G1, R-G2). Rights are decided once per viewer; each item's instant once
/// per side (parent, student).
///
/// The first bad item or viewer is the error, naming its position, as in the full batch.
#[allow(clippy::too_many_lines)]
pub fn glance_many(
    book: &Gradebook,
    viewers: &[Viewer],
    ctx: &Context<'_>,
    policy: &Policy,
) -> Result<Vec<GlanceRow>, VisibilityError> {
    let mut by_student: Vec<Vec<usize>> = vec![Vec::new(); book.students.len()];
    let mut ready = Vec::with_capacity(viewers.len());
    let mut any_minimal_student = false;
    let mut prev_key: Option<(&StudentId, Option<StudentKey>)> = None;
    for (i, v) in viewers.iter().enumerate() {
        v.validate().map_err(|e| VisibilityError::AtViewer {
            index: i,
            error: Box::new(e),
        })?;
        // Viewers of one student usually come together: look the key up once for them.
        let key = match prev_key {
            Some((s, k)) if s == &v.student => k,
            _ => {
                let k = book.key_of(&v.student);
                prev_key = Some((&v.student, k));
                k
            }
        };
        if let Some(k) = key {
            by_student[k.0].push(i);
        }
        any_minimal_student |= v.is_student() && !v.service.covers_student();
        let mut gates = [Gate::Opens; KINDS];
        for (g, kind) in gates.iter_mut().zip(ItemKind::ALL) {
            *g = match service_rule(*kind, v) {
                ServiceRule::Opens(_) => Gate::Opens,
                ServiceRule::LatestOnly(_) => Gate::LatestOnly,
                ServiceRule::Hides(_) => Gate::Hides,
            };
        }
        ready.push(Ready {
            student_view: v.is_student(),
            readable_until: v.readable_until,
            closed_now: v.readable_until.is_some_and(|last| ctx.on > last),
            gates,
            rights: None,
        });
    }
    // R-D10: each student's latest grade, from the book and the context.
    let mut latest = if any_minimal_student {
        book.latest_grades()
    } else {
        vec![None; book.students.len()]
    };
    if !ctx.latest_grades.is_empty() {
        for (l, s) in latest.iter_mut().zip(&book.students) {
            if let Some(noted) = ctx.latest_grade(s) {
                *l = Some(l.map_or(noted, |t| t.max(noted)));
            }
        }
    }
    // R-D6: the class teachers' assignments by class (made when the first forwarding is
    // met), so a forwarding is checked among its class's only.
    let mut class_teachers: Option<HashMap<&ClassId, Vec<&StaffAssignment>>> = None;
    // Each student's family, looked up once (R-D6 class, rights).
    let mut families: Vec<Option<Option<&Family>>> = vec![None; book.students.len()];
    let mut family_of = |key: usize| -> Option<&Family> {
        *families[key].get_or_insert_with(|| ctx.facts.families.get(&book.students[key]))
    };
    let rows_total: usize = book.rows.iter().map(|r| by_student[r.student].len()).sum();
    let mut out = Vec::with_capacity(rows_total);
    let mut clock = zone::Zone::new();
    for (index, row) in book.rows.iter().enumerate() {
        let at = |error| VisibilityError::AtItem {
            index,
            error: Box::new(error),
        };
        let student = &book.students[row.student];
        let moment = Moment {
            kind: row.kind,
            entered_at: row.entered_at,
            lesson_closed_at: row.lesson_closed_at,
            forwarded_at: row
                .extra
                .as_deref()
                .and_then(|e| e.forwarded.as_ref().map(|f| f.at)),
        };
        let extra = row.extra.as_deref();
        validate_parts(
            row.kind,
            student,
            row.entered_at,
            row.lesson_closed_at,
            extra.and_then(|e| e.forwarded.as_ref()),
            extra.and_then(|e| e.revision),
            extra.and_then(|e| e.subject.as_deref()),
        )
        .map_err(at)?;
        if row.kind == ItemKind::Remark {
            if let Some(f) = extra.and_then(|e| e.forwarded.as_ref()) {
                let class = family_of(row.student).and_then(|fam| fam.student.class.as_ref());
                let by_class = class_teachers.get_or_insert_with(|| {
                    let mut m: HashMap<&ClassId, Vec<&StaffAssignment>> = HashMap::new();
                    for a in &ctx.facts.staff {
                        if let (StaffRole::ClassTeacher, Some(c)) = (a.role, &a.class) {
                            m.entry(c).or_default().push(a);
                        }
                    }
                    m
                });
                let teachers = class
                    .and_then(|c| by_class.get(c))
                    .map_or(&[][..], Vec::as_slice);
                check_forwarding_in(student, class, f, teachers.iter().copied(), &mut clock)
                    .map_err(at)?;
            }
        }
        let withdrawn = row.withdrawn_at().is_some();
        let category = row.kind.category();
        let bit = 1u16 << category_index(category);
        let kind = kind_index(row.kind);
        let mut sides: [Option<Tm>; 2] = [None, None];
        for &vi in &by_student[row.student] {
            let viewer = &viewers[vi];
            let r = &mut ready[vi];
            let glance = 'g: {
                if r.closed_now {
                    break 'g Glance::Never {
                        why: HiddenKind::Period,
                    };
                }
                if withdrawn {
                    break 'g Glance::Never {
                        why: HiddenKind::Withdrawn,
                    };
                }
                match r.gates[kind] {
                    Gate::Opens => {}
                    Gate::Hides => {
                        break 'g Glance::Never {
                            why: HiddenKind::Service,
                        }
                    }
                    Gate::LatestOnly => {
                        if latest_check(row.entered_at, student, latest[row.student])
                            .map_err(at)?
                            .is_err()
                        {
                            break 'g Glance::Never {
                                why: HiddenKind::NotLatestGrade,
                            };
                        }
                    }
                }
                let rights = r.rights.get_or_insert_with(|| {
                    // The viewer's student is the row's (paired by key).
                    match family_of(row.student) {
                        Some(fam) if ctx.on >= fam.student.birth_date => ctx.facts.see_mask_in(
                            fam,
                            &viewer.person(),
                            &viewer.student,
                            ctx.on,
                            policy,
                        ),
                        _ => ctx
                            .facts
                            .see_mask(&viewer.person(), &viewer.student, ctx.on, policy),
                    }
                });
                let mask = match rights {
                    Ok(m) => *m,
                    Err(e) => return Err(at(e.clone().into())),
                };
                if mask & bit == 0 {
                    break 'g Glance::Never {
                        why: HiddenKind::Rights,
                    };
                }
                let side = &mut sides[usize::from(r.student_view)];
                let tm = if let Some(tm) = *side {
                    tm
                } else {
                    let tm = match timing(moment, r.student_view, ctx, policy, &mut clock)
                        .map_err(at)?
                    {
                        Timing::At(t, _) => Tm::At(t),
                        Timing::Pending(w, _) => Tm::Pending(w),
                        Timing::Never(h, _) => Tm::Never(h.kind()),
                    };
                    *side = Some(tm);
                    tm
                };
                match tm {
                    Tm::At(from) => match r.readable_until {
                        Some(last) if clock.local_date(from) > last => Glance::Never {
                            why: HiddenKind::Period,
                        },
                        _ => Glance::Visible { from },
                    },
                    Tm::Pending(waiting) => Glance::Pending { waiting },
                    Tm::Never(why) => Glance::Never { why },
                }
            };
            out.push(GlanceRow {
                item: index,
                viewer: vi,
                glance,
            });
        }
    }
    Ok(out)
}

/// The position of a kind in [`ItemKind::ALL`], which lists the variants in declaration
/// order (checked in a test).
fn kind_index(k: ItemKind) -> usize {
    k as usize
}

#[cfg(test)]
#[test]
fn a_glance_is_16_bytes() {
    assert_eq!(std::mem::size_of::<Glance>(), 16);
}

#[cfg(test)]
#[test]
fn kind_discriminants_are_positions() {
    for (i, k) in ItemKind::ALL.iter().enumerate() {
        assert_eq!(kind_index(*k), i);
    }
}

fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
}
