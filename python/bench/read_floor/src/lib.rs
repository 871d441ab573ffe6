//! Reads the visibility batch's items as `VisibilityEngine.visible_from_many` must, and
//! does nothing else: iterate the sequence, take each tuple, its kind, student and entry
//! instant, compare kind and student by identity with the previous item's (the library
//! parses a kind or student only when the object changes) and read the instant as an
//! `int`. Whatever the library does on top of this (its rules, the viewers, the answer
//! column) can only add to it.

use pyo3::prelude::*;
use pyo3::types::{PyInt, PyTuple};

/// Reads every item; returns a checksum so that nothing is optimised away.
#[pyfunction]
fn read(items: &Bound<'_, PyAny>) -> PyResult<i64> {
    let mut sum = 0i64;
    let mut changes = 0i64;
    let mut prev: Option<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = None;
    for x in items.try_iter()? {
        let x = x?;
        let t = x.cast::<PyTuple>()?;
        let kind = t.get_borrowed_item(0)?;
        let student = t.get_borrowed_item(1)?;
        let entered = t.get_borrowed_item(2)?;
        match &prev {
            Some((k, s)) if k.is(&*kind) && s.is(&*student) => {}
            _ => {
                changes += 1;
                prev = Some((kind.to_owned(), student.to_owned()));
            }
        }
        let v: i64 = entered.cast_exact::<PyInt>()?.extract()?;
        sum = sum.wrapping_add(v);
    }
    Ok(sum.wrapping_add(changes))
}

/// Only iterates the sequence.
#[pyfunction]
fn iterate(items: &Bound<'_, PyAny>) -> PyResult<usize> {
    let mut n = 0;
    for x in items.try_iter()? {
        x?;
        n += 1;
    }
    Ok(n)
}

#[pymodule]
fn read_floor(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(iterate, m)?)?;
    Ok(())
}
