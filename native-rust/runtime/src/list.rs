//! Python `list` operations on `Vec<T>`: indexing with negative indices, slices
//! with steps, `pop`/`insert`/`remove`/`index`, repetition, and stable sorting with
//! fallible keys. Containers have value semantics: callers clone where Python aliases.

use crate::cmp::PyOrd;
use crate::{PyErr, PyResult};
use std::cmp::Ordering;

/// `slice.indices(len)` plus the slice length, as CPython's `PySlice_AdjustIndices`:
/// returns `(start, stop, step, count)`.
pub fn slice_indices(
    len: i64,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<(i64, i64, i64, i64)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let adjust = |v: i64| {
        if v < 0 {
            (v.saturating_add(len)).max(lower)
        } else {
            v.min(upper)
        }
    };
    let start = start.map_or(if step < 0 { upper } else { lower }, adjust);
    let stop = stop.map_or(if step < 0 { lower } else { upper }, adjust);
    let (a, b, s) = (start as i128, stop as i128, step as i128);
    let count = if s < 0 && b < a {
        (a - b - 1) / -s + 1
    } else if s > 0 && a < b {
        (b - a - 1) / s + 1
    } else {
        0
    } as i64;
    Ok((start, stop, step, count))
}

fn norm_index(len: usize, i: i64) -> Option<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    (0..n).contains(&j).then_some(j as usize)
}

/// `xs[i]`.
pub fn getitem<T: Clone>(xs: &[T], i: i64) -> PyResult<T> {
    norm_index(xs.len(), i)
        .map(|j| xs[j].clone())
        .ok_or_else(|| PyErr::index_error("list index out of range"))
}

/// `t[i]` on a tuple whose items share one type, with an index known only at run time (the
/// tuple's items are passed as a slice).
pub fn tuple_getitem<T: Clone>(items: &[T], i: i64) -> PyResult<T> {
    norm_index(items.len(), i)
        .map(|j| items[j].clone())
        .ok_or_else(|| PyErr::index_error("tuple index out of range"))
}

/// `xs[i]` as a place, for a mutating method on an item (`xs[i].append(v)`).
pub fn getitem_mut<T>(xs: &mut [T], i: i64) -> PyResult<&mut T> {
    let j = norm_index(xs.len(), i).ok_or_else(|| PyErr::index_error("list index out of range"))?;
    Ok(&mut xs[j])
}

/// `xs[i] = v`.
pub fn setitem<T>(xs: &mut [T], i: i64, v: T) -> PyResult<()> {
    let j = norm_index(xs.len(), i)
        .ok_or_else(|| PyErr::index_error("list assignment index out of range"))?;
    xs[j] = v;
    Ok(())
}

/// `del xs[i]`.
pub fn delitem<T>(xs: &mut Vec<T>, i: i64) -> PyResult<()> {
    let j = norm_index(xs.len(), i)
        .ok_or_else(|| PyErr::index_error("list assignment index out of range"))?;
    xs.remove(j);
    Ok(())
}

/// `xs[start:stop:step]`.
pub fn slice<T: Clone>(xs: &[T], start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> PyResult<Vec<T>> {
    let (start, _, step, count) = slice_indices(xs.len() as i64, start, stop, step)?;
    if step == 1 {
        return Ok(xs[start as usize..(start + count) as usize].to_vec());
    }
    Ok((0..count).map(|k| xs[(start + k * step) as usize].clone()).collect())
}

/// `xs[start:stop] = items` (step 1; the list may grow or shrink). With another
/// step the replacement must have exactly as many items as the slice.
pub fn setslice<T: Clone>(
    xs: &mut Vec<T>,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    items: Vec<T>,
) -> PyResult<()> {
    let (start, stop, step, count) = slice_indices(xs.len() as i64, start, stop, step)?;
    if step == 1 {
        let stop = stop.max(start);
        xs.splice(start as usize..stop as usize, items);
        return Ok(());
    }
    if items.len() as i64 != count {
        return Err(PyErr::value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {count}",
            items.len()
        )));
    }
    for (k, item) in items.into_iter().enumerate() {
        xs[(start + k as i64 * step) as usize] = item;
    }
    Ok(())
}

/// `xs.pop(i)` (`xs.pop()` is `pop(xs, -1)`).
pub fn pop<T>(xs: &mut Vec<T>, i: i64) -> PyResult<T> {
    if xs.is_empty() {
        return Err(PyErr::index_error("pop from empty list"));
    }
    let j = norm_index(xs.len(), i).ok_or_else(|| PyErr::index_error("pop index out of range"))?;
    Ok(xs.remove(j))
}

/// `xs.insert(i, v)`: the index is clamped to the list, as in Python.
pub fn insert<T>(xs: &mut Vec<T>, i: i64, v: T) {
    let n = xs.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    xs.insert(j as usize, v);
}

/// `xs.index(v)`.
pub fn index<T: PartialEq + crate::PyRepr>(xs: &[T], v: &T) -> PyResult<i64> {
    xs.iter()
        .position(|x| x == v)
        .map(|i| i as i64)
        .ok_or_else(|| PyErr::value_error(format!("{} is not in list", v.py_repr())))
}

/// `xs.count(v)`.
pub fn count<T: PartialEq>(xs: &[T], v: &T) -> i64 {
    xs.iter().filter(|x| *x == v).count() as i64
}

/// `xs.remove(v)`: removes the first equal item.
pub fn remove<T: PartialEq>(xs: &mut Vec<T>, v: &T) -> PyResult<()> {
    let i = xs
        .iter()
        .position(|x| x == v)
        .ok_or_else(|| PyErr::value_error("list.remove(x): x not in list"))?;
    xs.remove(i);
    Ok(())
}

/// `xs * n`.
pub fn repeat<T: Clone>(xs: &[T], n: i64) -> PyResult<Vec<T>> {
    if n <= 0 || xs.is_empty() {
        return Ok(Vec::new());
    }
    if (xs.len() as u64).checked_mul(n as u64).is_none_or(|t| t > isize::MAX as u64) {
        return Err(PyErr::overflow_error("repeated list is too long"));
    }
    let mut out = Vec::with_capacity(xs.len() * n as usize);
    for _ in 0..n {
        out.extend_from_slice(xs);
    }
    Ok(out)
}

/// `a + b`.
pub fn concat<T: Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let mut v = Vec::with_capacity(a.len() + b.len());
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    v
}

/// `list(reversed(xs))`.
pub fn reversed<T: Clone>(xs: &[T]) -> Vec<T> {
    xs.iter().rev().cloned().collect()
}

/// `xs.sort(reverse=reverse)`: stable; equal items keep their order either way.
pub fn sort<T: PyOrd>(xs: &mut [T], reverse: bool) -> PyResult<()> {
    if reverse {
        xs.sort_by(|a, b| b.py_cmp(a));
    } else {
        xs.sort_by(|a, b| a.py_cmp(b));
    }
    // Values whose types are known only at run time may not compare (CPython's TypeError).
    crate::cmp::order_checked()
}

/// What a `functools.cmp_to_key` function returned: CPython compares it with 0.
pub trait CmpSign {
    /// `r < 0`
    fn below_zero(&self) -> bool;
    /// `r > 0`
    fn above_zero(&self) -> bool;
}

impl CmpSign for i64 {
    fn below_zero(&self) -> bool {
        *self < 0
    }
    fn above_zero(&self) -> bool {
        *self > 0
    }
}

impl CmpSign for f64 {
    fn below_zero(&self) -> bool {
        *self < 0.0
    }
    fn above_zero(&self) -> bool {
        *self > 0.0
    }
}

impl CmpSign for bool {
    fn below_zero(&self) -> bool {
        false
    }
    fn above_zero(&self) -> bool {
        *self
    }
}

/// `xs.sort(key=functools.cmp_to_key(cmp), reverse=reverse)`: a stable merge sort that asks only
/// whether one item is less than another (`cmp(a, b) < 0`), as CPython's sort asks `K(a) < K(b)`.
/// A consistent `cmp` gives CPython's order; an inconsistent one some order, never a panic (Rust's
/// own sort may panic then). The first error `cmp` raises stops the sort and leaves `xs` untouched.
/// `reverse` keeps equal items in their order, as CPython's does (it sorts the reversed list and
/// reverses the result).
pub fn sort_by_cmp<T, C: CmpSign>(
    xs: &mut Vec<T>,
    mut cmp: impl FnMut(&T, &T) -> PyResult<C>,
    reverse: bool,
) -> PyResult<()> {
    let n = xs.len();
    let mut idx: Vec<usize> = if reverse { (0..n).rev().collect() } else { (0..n).collect() };
    let mut buf = vec![0usize; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // The right run's item goes first only when it is less: equal items keep their order.
                if cmp(&xs[idx[j]], &xs[idx[i]])?.below_zero() {
                    buf[k] = idx[j];
                    j += 1;
                } else {
                    buf[k] = idx[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&idx[i..mid]);
            k += mid - i;
            buf[k..k + (hi - j)].copy_from_slice(&idx[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    if reverse {
        idx.reverse();
    }
    let mut slots: Vec<Option<T>> = xs.drain(..).map(Some).collect();
    xs.extend(idx.into_iter().filter_map(|i| slots[i].take()));
    Ok(())
}

/// `xs.sort(key=key, reverse=reverse)`: computes each key once, in order, and stops
/// at the first key that raises (leaving `xs` untouched). Stable.
pub fn sort_by_key<T, K: PyOrd>(
    xs: &mut Vec<T>,
    mut key: impl FnMut(&T) -> PyResult<K>,
    reverse: bool,
) -> PyResult<()> {
    let keys = xs.iter().map(&mut key).collect::<PyResult<Vec<K>>>()?;
    let mut pairs: Vec<(K, T)> = keys.into_iter().zip(xs.drain(..)).collect();
    let cmp = |a: &(K, T), b: &(K, T)| -> Ordering {
        if reverse { b.0.py_cmp(&a.0) } else { a.0.py_cmp(&b.0) }
    };
    pairs.sort_by(cmp);
    xs.extend(pairs.into_iter().map(|(_, t)| t));
    crate::cmp::order_checked()
}

/// `xs.extend(items)`.
pub fn extend<T: Clone>(xs: &mut Vec<T>, items: &[T]) {
    xs.extend_from_slice(items);
}

/// `del xs[start:stop:step]`.
pub fn delslice<T>(xs: &mut Vec<T>, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> PyResult<()> {
    let (start, _, step, count) = slice_indices(xs.len() as i64, start, stop, step)?;
    if count == 0 {
        return Ok(());
    }
    if step == 1 {
        xs.drain(start as usize..(start + count) as usize);
        return Ok(());
    }
    let gone: std::collections::HashSet<usize> = (0..count).map(|k| (start + k * step) as usize).collect();
    let mut i = 0;
    xs.retain(|_| {
        let keep = !gone.contains(&i);
        i += 1;
        keep
    });
    Ok(())
}
