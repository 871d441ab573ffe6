//! Many items, many viewers, one pass (R-D1 … R-D11 over a gradebook).
//!
//! Every item is paired with every viewer of the same student. Rights decisions are made
//! once per (viewer, category) and reused; a student's latest grade (R-D10) is taken from
//! the batch's own grades (and any the context noted), so a MINIMALNI student's "latest"
//! is right however the items are ordered.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    check_item, decide_checked, zone, Context, Item, ItemKind, Viewer, Visibility, VisibilityError,
};
use crate::ids::StudentId;
use crate::policy::Policy;
use crate::rights::{Action, Category, Decision, Question};

/// One answer of a batch: which item, which viewer (positions in the inputs), and the
/// visibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// The item's position in the items given.
    pub item: usize,
    /// The viewer's position in the viewers given.
    pub viewer: usize,
    /// The answer.
    pub visibility: Visibility,
}

/// Rights per viewer and category, decided on first need.
struct RightsCache {
    /// 0: not asked yet, 1: allowed, 2: denied (decision in `denied`).
    state: Vec<[u8; Category::ALL.len()]>,
    denied: HashMap<(usize, usize), Box<Decision>>,
}

fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

/// R-D10: the latest grade of each student who views under MINIMALNI, from the batch's
/// grades and those the context noted.
fn latest_grades<'i>(
    items: &'i [Item],
    viewers: &[Viewer],
    ctx: &Context<'_>,
) -> HashMap<&'i StudentId, DateTime<Utc>> {
    let mut latest: HashMap<&StudentId, DateTime<Utc>> = HashMap::new();
    if !viewers
        .iter()
        .any(|v| v.is_student() && !v.service.covers_student())
    {
        return latest;
    }
    for item in items {
        if item.kind == ItemKind::Grade && item.withdrawn_at().is_none() {
            let e = latest.entry(&item.student).or_insert(item.entered_at);
            if item.entered_at > *e {
                *e = item.entered_at;
            }
        }
    }
    for (s, t) in &mut latest {
        if let Some(noted) = ctx.latest_grade(s) {
            *t = (*t).max(noted);
        }
    }
    latest
}

/// The previous item's student, its viewers and its latest grade.
type PrevStudent<'a> = (&'a StudentId, &'a Vec<usize>, Option<DateTime<Utc>>);

/// How many (item, viewer) pairs there are: one pass to size the answer exactly, since a
/// gradebook's answers are large.
fn count_rows(items: &[Item], by_student: &HashMap<&StudentId, Vec<usize>>) -> usize {
    let mut rows = 0usize;
    let mut prev: Option<(&StudentId, usize)> = None;
    for item in items {
        rows += match prev {
            Some((s, n)) if s == &item.student => n,
            _ => {
                let n = by_student.get(&item.student).map_or(0, Vec::len);
                prev = Some((&item.student, n));
                n
            }
        };
    }
    rows
}

/// The answers for every (item, viewer) pair of the same student, in item order and,
/// within an item, in viewer order (R-D1 … R-D11, R-C7, R-C9, R-C10, R-G1, R-G2).
///
/// The first bad item or viewer is the error, naming its position
/// ([`VisibilityError::AtItem`], [`VisibilityError::AtViewer`]).
pub fn visible_from_many(
    items: &[Item],
    viewers: &[Viewer],
    ctx: &Context<'_>,
    policy: &Policy,
) -> Result<Vec<Seen>, VisibilityError> {
    let mut by_student: HashMap<&StudentId, Vec<usize>> = HashMap::new();
    for (i, v) in viewers.iter().enumerate() {
        v.validate().map_err(|e| VisibilityError::AtViewer {
            index: i,
            error: Box::new(e),
        })?;
        by_student.entry(&v.student).or_default().push(i);
    }
    let latest = latest_grades(items, viewers, ctx);
    let mut cache = RightsCache {
        state: vec![[0u8; Category::ALL.len()]; viewers.len()],
        denied: HashMap::new(),
    };
    let mut zone = zone::Zone::new();
    let empty: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(count_rows(items, &by_student));
    let mut prev: Option<PrevStudent<'_>> = None;
    for (index, item) in items.iter().enumerate() {
        let (targets, student_latest) = match prev {
            Some((s, t, l)) if s == &item.student => (t, l),
            _ => {
                let t = by_student.get(&item.student).unwrap_or(&empty);
                let l = latest
                    .get(&item.student)
                    .copied()
                    .or_else(|| ctx.latest_grade(&item.student));
                prev = Some((&item.student, t, l));
                (t, l)
            }
        };
        check_item(item, ctx).map_err(|e| VisibilityError::AtItem {
            index,
            error: Box::new(e),
        })?;
        for &vi in targets {
            let viewer = &viewers[vi];
            let mut rights =
                |category: Category| -> Result<Option<Box<Decision>>, VisibilityError> {
                    let ci = category_index(category);
                    match cache.state[vi][ci] {
                        1 => return Ok(None),
                        2 => return Ok(cache.denied.get(&(vi, ci)).cloned()),
                        _ => {}
                    }
                    let d = ctx.facts.decide(
                        &Question::new(
                            viewer.person(),
                            viewer.student.clone(),
                            category,
                            Action::See,
                            ctx.on,
                        ),
                        policy,
                    )?;
                    if d.allowed {
                        cache.state[vi][ci] = 1;
                        Ok(None)
                    } else {
                        cache.state[vi][ci] = 2;
                        let d = Box::new(d);
                        cache.denied.insert((vi, ci), d.clone());
                        Ok(Some(d))
                    }
                };
            let visibility = decide_checked(
                item,
                viewer,
                ctx,
                policy,
                student_latest,
                &mut zone,
                &mut rights,
            )
            .map_err(|e| VisibilityError::AtItem {
                index,
                error: Box::new(e),
            })?;
            out.push(Seen {
                item: index,
                viewer: vi,
                visibility,
            });
        }
    }
    Ok(out)
}
