//! The parts of Python's `itertools` that need more than a Rust iterator adaptor: the
//! combinatoric generators (in CPython's output order), `groupby`, and `islice`'s argument checks.
//! Generated code turns their vectors back into iterators.

use crate::{ErrKind, PyErr, PyResult};

fn non_negative_r(r: i64) -> PyResult<usize> {
    if r < 0 {
        return Err(PyErr::new(ErrKind::ValueError, "r must be non-negative"));
    }
    Ok(r as usize)
}

/// `itertools.combinations(pool, r)`: index tuples in lexicographic order.
pub fn combinations<T: Clone>(pool: Vec<T>, r: i64) -> PyResult<Vec<Vec<T>>> {
    let r = non_negative_r(r)?;
    let n = pool.len();
    let mut out = Vec::new();
    if r > n {
        return Ok(out);
    }
    let mut idx: Vec<usize> = (0..r).collect();
    loop {
        out.push(idx.iter().map(|&i| pool[i].clone()).collect());
        let Some(i) = (0..r).rev().find(|&i| idx[i] != i + n - r) else { return Ok(out) };
        idx[i] += 1;
        for j in i + 1..r {
            idx[j] = idx[j - 1] + 1;
        }
    }
}

/// `itertools.combinations_with_replacement(pool, r)`.
pub fn combinations_with_replacement<T: Clone>(pool: Vec<T>, r: i64) -> PyResult<Vec<Vec<T>>> {
    let r = non_negative_r(r)?;
    let n = pool.len();
    let mut out = Vec::new();
    if n == 0 && r > 0 {
        return Ok(out);
    }
    let mut idx = vec![0usize; r];
    loop {
        out.push(idx.iter().map(|&i| pool[i].clone()).collect());
        let Some(i) = (0..r).rev().find(|&i| idx[i] != n - 1) else { return Ok(out) };
        let v = idx[i] + 1;
        idx[i..].fill(v);
    }
}

/// `itertools.permutations(pool, r)`; `r` None means the pool's length.
pub fn permutations<T: Clone>(pool: Vec<T>, r: Option<i64>) -> PyResult<Vec<Vec<T>>> {
    let n = pool.len();
    let r = match r {
        Some(r) => non_negative_r(r)?,
        None => n,
    };
    let mut out = Vec::new();
    if r > n {
        return Ok(out);
    }
    let mut indices: Vec<usize> = (0..n).collect();
    let mut cycles: Vec<usize> = (n - r + 1..=n).rev().collect();
    out.push(indices[..r].iter().map(|&i| pool[i].clone()).collect());
    'outer: loop {
        for i in (0..r).rev() {
            cycles[i] -= 1;
            if cycles[i] == 0 {
                let first = indices.remove(i);
                indices.push(first);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                indices.swap(i, n - j);
                out.push(indices[..r].iter().map(|&i| pool[i].clone()).collect());
                continue 'outer;
            }
        }
        return Ok(out);
    }
}

/// `itertools.groupby(xs, key)`: runs of consecutive items with equal keys, each with its items.
pub fn groupby<T, K: PartialEq>(xs: Vec<T>, mut key: impl FnMut(&T) -> PyResult<K>) -> PyResult<Vec<(K, Vec<T>)>> {
    let mut out: Vec<(K, Vec<T>)> = Vec::new();
    for x in xs {
        let k = key(&x)?;
        match out.last_mut() {
            Some((last, items)) if *last == k => items.push(x),
            _ => out.push((k, vec![x])),
        }
    }
    Ok(out)
}

/// `islice`'s arguments checked as CPython does: how many items to skip, how many to take after
/// them (None: all), and the step.
pub fn islice_bounds(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> PyResult<(usize, usize, usize)> {
    let bad = || {
        PyErr::new(
            ErrKind::ValueError,
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        )
    };
    let start = start.unwrap_or(0);
    if start < 0 || stop.is_some_and(|s| s < 0) {
        return Err(bad());
    }
    let step = step.unwrap_or(1);
    if step <= 0 {
        return Err(PyErr::new(
            ErrKind::ValueError,
            "Step for islice() must be a positive integer or None.",
        ));
    }
    let take = stop.map_or(usize::MAX, |s| (s.max(start) - start) as usize);
    Ok((start as usize, take, step as usize))
}

/// `itertools.count(start, step)`: the endless arithmetic sequence, as a value a local or a field can hold and `next()`
/// draws from (`ids = itertools.count(1)`, a heap's tie-breaker). An int past 64 bits ends it (the caller's
/// OverflowError); a float one goes on as CPython's does.
#[derive(Debug, Clone, PartialEq)]
pub struct Count<T> {
    next: Option<T>,
    step: T,
}

impl<T> Count<T> {
    pub fn new(start: T, step: T) -> Self {
        Count { next: Some(start), step }
    }
}

impl Iterator for Count<i64> {
    type Item = i64;
    fn next(&mut self) -> Option<i64> {
        let v = self.next?;
        self.next = v.checked_add(self.step);
        Some(v)
    }
}

impl Iterator for Count<f64> {
    type Item = f64;
    fn next(&mut self) -> Option<f64> {
        let v = self.next?;
        self.next = Some(v + self.step);
        Some(v)
    }
}

/// CPython's repr, at the next value: `count(3)`, `count(0, 2)`, `count(0.5, 0.25)`.
impl<T: crate::PyRepr + PartialEq + Copy + CountStep> crate::PyRepr for Count<T> {
    fn py_repr(&self) -> String {
        let next = self.next.map_or_else(|| "...".to_string(), |v| v.py_repr());
        if self.step.is_unit() {
            format!("count({next})")
        } else {
            format!("count({next}, {})", self.step.py_repr())
        }
    }
    fn py_str(&self) -> String {
        self.py_repr()
    }
}

/// Whether a count's step is the default int 1 (left out of its repr).
pub trait CountStep {
    fn is_unit(&self) -> bool;
}
impl CountStep for i64 {
    fn is_unit(&self) -> bool {
        *self == 1
    }
}
impl CountStep for f64 {
    fn is_unit(&self) -> bool {
        false
    }
}

/// A count held in a returned object crosses value JSON as its repr (it has no JSON form).
impl<T: crate::PyRepr + PartialEq + Copy + CountStep> crate::IntoValue for Count<T> {
    fn into_value(self) -> crate::Value {
        crate::Value::Str(crate::PyRepr::py_repr(&self))
    }
}

impl<T> crate::FromValue for Count<T> {
    fn from_value(_v: &crate::Value, path: &str) -> crate::PyResult<Self> {
        Err(crate::PyErr::type_error(format!("{path}: an itertools.count cannot be passed in")))
    }
}

/// `itertools.cycle(iterable)` kept as a value (`it = cycle(colors)`, then `next(it)` or `zip(..., it)`): the saved
/// items over and over; nothing for an empty iterable.
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle<T> {
    items: Vec<T>,
    at: usize,
}

impl<T> Cycle<T> {
    pub fn new(items: Vec<T>) -> Self {
        Cycle { items, at: 0 }
    }
}

impl<T: Clone> Iterator for Cycle<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        let v = self.items.get(self.at)?.clone();
        self.at = (self.at + 1) % self.items.len();
        Some(v)
    }
}

/// `itertools.repeat(x[, times])` kept as a value: `x` again and again, `times` times or endlessly.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat<T> {
    item: T,
    left: Option<i64>,
}

impl<T> Repeat<T> {
    pub fn new(item: T, times: Option<i64>) -> Self {
        Repeat { item, left: times.map(|n| n.max(0)) }
    }
}

impl<T: Clone> Iterator for Repeat<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        match &mut self.left {
            Some(0) => None,
            Some(n) => {
                *n -= 1;
                Some(self.item.clone())
            }
            None => Some(self.item.clone()),
        }
    }
}

/// What CPython prints for these objects has an address; they print as their class and state here.
impl<T: crate::PyRepr> crate::PyRepr for Cycle<T> {
    fn py_repr(&self) -> String {
        format!("<itertools.cycle object of {} items>", self.items.len())
    }
    fn py_str(&self) -> String {
        self.py_repr()
    }
}
impl<T: crate::PyRepr> crate::PyRepr for Repeat<T> {
    fn py_repr(&self) -> String {
        match self.left {
            Some(n) => format!("repeat({}, {n})", self.item.py_repr()),
            None => format!("repeat({})", self.item.py_repr()),
        }
    }
    fn py_str(&self) -> String {
        self.py_repr()
    }
}
impl<T: crate::PyRepr> crate::IntoValue for Cycle<T> {
    fn into_value(self) -> crate::Value {
        crate::Value::Str(crate::PyRepr::py_repr(&self))
    }
}
impl<T: crate::PyRepr> crate::IntoValue for Repeat<T> {
    fn into_value(self) -> crate::Value {
        crate::Value::Str(crate::PyRepr::py_repr(&self))
    }
}
impl<T> crate::FromValue for Cycle<T> {
    fn from_value(_v: &crate::Value, path: &str) -> crate::PyResult<Self> {
        Err(crate::PyErr::type_error(format!("{path}: an itertools.cycle cannot be passed in")))
    }
}
impl<T> crate::FromValue for Repeat<T> {
    fn from_value(_v: &crate::Value, path: &str) -> crate::PyResult<Self> {
        Err(crate::PyErr::type_error(format!("{path}: an itertools.repeat cannot be passed in")))
    }
}
