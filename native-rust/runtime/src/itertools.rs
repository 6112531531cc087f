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
