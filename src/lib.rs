//! Scenario code shared by the runnable programs in `examples/` and the scenario tests in
//! `tests/`: the main job's school-year simulation lives here so that the snapshot test
//! runs exactly what `cargo run --example school_year` prints.
//!
//! The library itself is `asistent-core` (`core/`); nothing here decides a rule.

pub mod school_year;
