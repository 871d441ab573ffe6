//! The module arrows of `/work/shared/DESIGN.md` ("Modules of asistent-core and which way
//! they lean"), checked on the sources of `asistent-core`: a module uses those above it,
//! never those below; `policy` and `calendar` know nothing of the others (they may use
//! each other); `ids`, `rules`, `money` and `category` are shared vocabulary that every
//! module may use and that uses no other module. A module may use its own submodules.
//!
//! The check reads every `crate::…` path in the code of `core/src/**/*.rs` (comments and
//! string literals are skipped, so a doc link is not a use) and names file and line of
//! each path that points the wrong way. A new module must be placed in the order below
//! (and in DESIGN.md) before it passes.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The order of DESIGN.md, top to bottom, as tiers: a module may use the modules of its
/// own tier and of the tiers above it.
const TIERS: &[&[&str]] = &[
    &["policy", "calendar"],
    &["services"],
    &["rights"],
    &["visibility"],
    &["notify"],
    &["verify"],
    &["audit"],
    &["gdpr"],
];

/// Shared vocabulary: any module may use these; they use only each other.
const LEAVES: &[&str] = &["ids", "rules", "money", "category"];

/// A path that points the wrong way.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
    why: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: `{}` uses `crate::{}`: {}",
            self.file, self.line, self.from, self.to, self.why
        )
    }
}

fn tier(module: &str) -> Option<usize> {
    TIERS.iter().position(|t| t.contains(&module))
}

/// Why `from` may not use `to`, or `None` when it may.
fn refusal(from: &str, to: &str) -> Option<String> {
    if from == to || LEAVES.contains(&to) {
        return None;
    }
    if LEAVES.contains(&from) {
        return Some(format!(
            "`{from}` is shared vocabulary and uses no other module than {LEAVES:?}"
        ));
    }
    let Some(f) = tier(from) else {
        return Some(format!(
            "`{from}` is not in the module order of DESIGN.md (add it there and to TIERS)"
        ));
    };
    let Some(t) = tier(to) else {
        return Some(format!(
            "`{to}` is not in the module order of DESIGN.md (add it there and to TIERS)"
        ));
    };
    (t > f).then(|| format!("`{to}` is below `{from}` in DESIGN.md; arrows point up only"))
}

/// The code of a Rust source with comments and the contents of string and char literals
/// replaced by spaces (newlines kept, so line numbers stay right).
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < c.len() {
        let at = |k: usize| c.get(k).copied().unwrap_or('\0');
        if c[i] == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && at(i + 1) == '*' {
            let mut depth = 0usize;
            loop {
                if i >= c.len() {
                    break;
                }
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if (c[i] == 'r' || (c[i] == 'b' && at(i + 1) == 'r'))
            && !is_ident(at(i.wrapping_sub(1)))
            && {
                let mut k = i + if c[i] == 'b' { 2 } else { 1 };
                while at(k) == '#' {
                    k += 1;
                }
                at(k) == '"'
            }
        {
            // A raw string: r"…", r#"…"#, br#"…"#.
            let mut k = i + if c[i] == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while at(k) == '#' {
                hashes += 1;
                k += 1;
            }
            out.extend(std::iter::repeat_n(' ', k + 1 - i));
            i = k + 1;
            while i < c.len() {
                if c[i] == '"' && (1..=hashes).all(|h| at(i + h) == '#') {
                    out.extend(std::iter::repeat_n(' ', hashes + 1));
                    i += hashes + 1;
                    break;
                }
                out.push(blank(c[i]));
                i += 1;
            }
        } else if c[i] == '"' {
            i = blank_quoted(&c, i, '"', &mut out);
        } else if c[i] == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A char literal ('x', '\n', '\u{..}'); a lifetime ('a) is left alone.
            i = blank_quoted(&c, i, '\'', &mut out);
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// Blanks a quoted literal that starts at `start` (its quotes and escapes included) and
/// returns the position after it.
fn blank_quoted(c: &[char], start: usize, quote: char, out: &mut String) -> usize {
    out.push(' ');
    let mut i = start + 1;
    while i < c.len() && c[i] != quote {
        if c[i] == '\\' {
            out.push(' ');
            i += 1;
        }
        if i < c.len() {
            out.push(if c[i] == '\n' { '\n' } else { ' ' });
            i += 1;
        }
    }
    out.push(' ');
    i + 1
}

fn is_ident(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// The top-level module each `crate::` path names, with its line: `crate::rights::X`
/// gives `rights`, `crate::{policy::Policy, rights}` gives `policy` and `rights`.
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let c: Vec<char> = code.chars().collect();
    let needle: Vec<char> = "crate::".chars().collect();
    let mut found = Vec::new();
    let line_of = |pos: usize| c[..pos].iter().filter(|&&ch| ch == '\n').count() + 1;
    let skip_ws = |mut k: usize| {
        while k < c.len() && c[k].is_whitespace() {
            k += 1;
        }
        k
    };
    let ident_at = |k: usize| {
        let end = (k..c.len()).find(|&e| !is_ident(c[e])).unwrap_or(c.len());
        (c[k..end].iter().collect::<String>(), end)
    };
    let mut i = 0;
    while i + needle.len() <= c.len() {
        if c[i..i + needle.len()] != needle[..] || (i > 0 && is_ident(c[i - 1])) {
            i += 1;
            continue;
        }
        let k = skip_ws(i + needle.len());
        if c.get(k) == Some(&'{') {
            // A group: the first segment of every item at depth 1.
            let mut depth = 0usize;
            let mut expect_item = true;
            let mut j = k;
            while j < c.len() {
                match c[j] {
                    '{' => {
                        depth += 1;
                        expect_item = depth == 1;
                        j += 1;
                    }
                    '}' => {
                        depth -= 1;
                        j += 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' => {
                        expect_item = depth == 1;
                        j += 1;
                    }
                    ch if is_ident(ch) && expect_item && depth == 1 => {
                        let (name, end) = ident_at(j);
                        if name != "self" {
                            found.push((line_of(j), name));
                        }
                        expect_item = false;
                        j = end;
                    }
                    _ => j += 1,
                }
            }
            i = j;
        } else {
            let (name, end) = ident_at(k);
            if !name.is_empty() {
                found.push((line_of(k), name));
            }
            i = end.max(i + 1);
        }
    }
    found
}

/// The violations in one file of `core/src`, named by its path relative to `core/src`.
fn check_file(rel: &str, src: &str) -> Vec<Violation> {
    let from = rel
        .split('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".rs")
        .to_owned();
    crate_paths(&code_only(src))
        .into_iter()
        .filter_map(|(line, to)| {
            refusal(&from, &to).map(|why| Violation {
                file: format!("core/src/{rel}"),
                line,
                from: from.clone(),
                to,
                why,
            })
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_modules_follow_the_arrows_of_design_md() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 10, "found only {files:?} under {src:?}");
    let mut violations = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "lib.rs" {
            continue; // the root declares the modules
        }
        violations.extend(check_file(&rel, &std::fs::read_to_string(path).unwrap()));
    }
    let mut report = String::new();
    for v in &violations {
        writeln!(report, "{v}").unwrap();
    }
    assert!(
        violations.is_empty(),
        "{} module arrow(s) of DESIGN.md broken:\n{report}",
        violations.len()
    );
}

#[test]
fn the_checker_catches_the_violations_it_was_written_for() {
    // Lines as they stood in core/src/policy.rs before the moves.
    let policy = "use crate::calendar::{self, MonthDay, SchoolYear};\n\
                  use crate::rights::Category;\n\
                  pub const MAX_HASH_ITERATIONS: u32 = crate::verify::MAX_HASH_ITERATIONS;\n\
                  pub struct Policy {\n    pub gdpr: crate::gdpr::GdprPolicy,\n}\n";
    let found: Vec<(usize, String)> = check_file("policy.rs", policy)
        .into_iter()
        .map(|v| (v.line, v.to))
        .collect();
    assert_eq!(
        found,
        vec![
            (2, "rights".to_owned()),
            (3, "verify".to_owned()),
            (5, "gdpr".to_owned())
        ]
    );
    let v = &check_file("policy.rs", policy)[0];
    assert_eq!(
        v.to_string(),
        "core/src/policy.rs:2: `policy` uses `crate::rights`: `rights` is below `policy` in DESIGN.md; arrows point up only"
    );
}

#[test]
fn the_checker_reads_groups_submodules_and_tiers() {
    // A group naming a lower module, in a submodule's file.
    let v = check_file(
        "rights/engine.rs",
        "use crate::{ids::StudentId, visibility::Zone, policy::{Policy, DayCount}};",
    );
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(
        (v[0].file.as_str(), v[0].to.as_str()),
        ("core/src/rights/engine.rs", "visibility")
    );
    // policy <-> calendar, own submodules, leaves, upward uses: allowed.
    assert!(check_file("calendar.rs", "use crate::policy::Policy;").is_empty());
    assert!(check_file("policy.rs", "use crate::calendar::ZONE;").is_empty());
    assert!(check_file("policy/gdpr.rs", "use crate::policy::Policy;").is_empty());
    assert!(check_file("gdpr.rs", "use crate::policy::gdpr::GdprPolicy;").is_empty());
    assert!(check_file("verify/flow.rs", "use crate::verify::SeededRandom;").is_empty());
    assert!(check_file("notify/plan.rs", "crate::visibility::visible_from_many(x)").is_empty());
    assert!(check_file("policy.rs", "use crate::category::Category; crate::ids::x").is_empty());
    // A leaf using a module; an unknown module.
    assert_eq!(check_file("category.rs", "use crate::rights::X;").len(), 1);
    assert_eq!(check_file("ids.rs", "use crate::rules::RuleId;").len(), 0);
    assert_eq!(
        check_file("reports.rs", "use crate::policy::Policy;").len(),
        1
    );
}

#[test]
fn the_checker_skips_comments_and_strings() {
    let src = "//! See [`x`](crate::gdpr::GdprPolicy).\n\
               /* crate::audit /* nested crate::gdpr */ */\n\
               let s = \"crate::gdpr\"; let r = r#\"crate::audit \"# ; let c = '\"';\n\
               fn f<'a>(x: &'a str) {}\n\
               use crate::notify::sms; // crate::gdpr\n";
    let v = check_file("policy.rs", src);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!((v[0].line, v[0].to.as_str()), (5, "notify"));
    // `my_crate::` is not a path of this crate.
    assert!(check_file("policy.rs", "use my_crate::gdpr::X;").is_empty());
}
