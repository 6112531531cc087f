//! Python's `heapq` and `bisect` modules over `Vec<T>`: the same algorithms as CPython's
//! pure-Python versions, comparing only with `<` ([`PyOrd::py_lt`]), so that equal items end in
//! the places CPython puts them and a heap's list reads the same in both.

use crate::cmp::PyOrd;
use crate::{ErrKind, PyErr, PyResult};

/// CPython's `_siftdown`: moves the item at `pos` up towards `start` while it is smaller than its parent.
fn sift_down<T>(heap: &mut [T], start: usize, mut pos: usize, lt: &mut impl FnMut(&T, &T) -> PyResult<bool>) -> PyResult<()> {
    while pos > start {
        let parent = (pos - 1) >> 1;
        if lt(&heap[pos], &heap[parent])? {
            heap.swap(pos, parent);
            pos = parent;
        } else {
            break;
        }
    }
    Ok(())
}

/// CPython's `_siftup`: moves the smaller child up until a leaf, then sifts the item back down.
fn sift_up<T>(heap: &mut [T], mut pos: usize, lt: &mut impl FnMut(&T, &T) -> PyResult<bool>) -> PyResult<()> {
    let end = heap.len();
    let start = pos;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !lt(&heap[child], &heap[right])? {
            child = right;
        }
        heap.swap(pos, child);
        pos = child;
        child = 2 * pos + 1;
    }
    sift_down(heap, start, pos, lt)
}

fn empty_heap() -> PyErr {
    PyErr::new(ErrKind::IndexError, "index out of range")
}

/// Python's `<` of two items that order (never raises).
fn py_lt<T: PyOrd>(a: &T, b: &T) -> PyResult<bool> {
    Ok(a.py_lt(b))
}

/// `heapq.heappush(heap, item)`.
pub fn heappush<T: PyOrd>(heap: &mut Vec<T>, item: T) -> PyResult<()> {
    heappush_by(heap, item, py_lt)
}

/// `heapq.heappush` of items ordered by `lt` (a class's `__lt__`, which may raise).
pub fn heappush_by<T>(heap: &mut Vec<T>, item: T, mut lt: impl FnMut(&T, &T) -> PyResult<bool>) -> PyResult<()> {
    heap.push(item);
    let n = heap.len();
    sift_down(heap, 0, n - 1, &mut lt)
}

/// `heapq.heappop(heap)`: IndexError on an empty heap.
pub fn heappop<T: PyOrd>(heap: &mut Vec<T>) -> PyResult<T> {
    heappop_by(heap, py_lt)
}

/// `heapq.heappop` of items ordered by `lt`.
pub fn heappop_by<T>(heap: &mut Vec<T>, mut lt: impl FnMut(&T, &T) -> PyResult<bool>) -> PyResult<T> {
    let last = heap.pop().ok_or_else(empty_heap)?;
    if heap.is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut heap[0], last);
    sift_up(heap, 0, &mut lt)?;
    Ok(top)
}

/// `heapq.heapify(x)`.
pub fn heapify<T: PyOrd>(heap: &mut [T]) -> PyResult<()> {
    heapify_by(heap, py_lt)
}

/// `heapq.heapify` of items ordered by `lt`.
pub fn heapify_by<T>(heap: &mut [T], mut lt: impl FnMut(&T, &T) -> PyResult<bool>) -> PyResult<()> {
    let n = heap.len();
    for i in (0..n / 2).rev() {
        sift_up(heap, i, &mut lt)?;
    }
    Ok(())
}

/// `heapq.heapreplace(heap, item)`: pops, then pushes; IndexError on an empty heap.
pub fn heapreplace<T: PyOrd>(heap: &mut [T], item: T) -> PyResult<T> {
    heapreplace_by(heap, item, py_lt)
}

/// `heapq.heapreplace` of items ordered by `lt`.
pub fn heapreplace_by<T>(heap: &mut [T], item: T, mut lt: impl FnMut(&T, &T) -> PyResult<bool>) -> PyResult<T> {
    if heap.is_empty() {
        return Err(empty_heap());
    }
    let top = std::mem::replace(&mut heap[0], item);
    sift_up(heap, 0, &mut lt)?;
    Ok(top)
}

/// `heapq.heappushpop(heap, item)`: pushes, then pops, faster than the two calls.
pub fn heappushpop<T: PyOrd>(heap: &mut [T], item: T) -> PyResult<T> {
    heappushpop_by(heap, item, py_lt)
}

/// `heapq.heappushpop` of items ordered by `lt`.
pub fn heappushpop_by<T>(heap: &mut [T], item: T, mut lt: impl FnMut(&T, &T) -> PyResult<bool>) -> PyResult<T> {
    if !heap.is_empty() && lt(&heap[0], &item)? {
        let top = std::mem::replace(&mut heap[0], item);
        sift_up(heap, 0, &mut lt)?;
        Ok(top)
    } else {
        Ok(item)
    }
}

/// `heapq.nsmallest(n, xs, key=...)` and `nlargest`: CPython documents them as
/// `sorted(xs, key=key)[:n]` and `sorted(xs, key=key, reverse=True)[:n]`, ties in input order.
pub fn nbest<T, K: PyOrd>(n: i64, xs: Vec<T>, mut key: impl FnMut(&T) -> PyResult<K>, largest: bool) -> PyResult<Vec<T>> {
    if n <= 0 {
        return Ok(Vec::new());
    }
    let mut keyed = xs.into_iter().map(|x| Ok((key(&x)?, x))).collect::<PyResult<Vec<(K, T)>>>()?;
    if largest {
        keyed.sort_by(|a, b| b.0.py_cmp(&a.0));
    } else {
        keyed.sort_by(|a, b| a.0.py_cmp(&b.0));
    }
    keyed.truncate(n as usize);
    Ok(keyed.into_iter().map(|(_, x)| x).collect())
}

/// `heapq.merge(*iterables, key=..., reverse=...)`: repeatedly takes the smallest (or largest) head,
/// the earliest iterable first among equal heads, as CPython's heap of `(value, order)` entries does.
pub fn merge<T, K: PyOrd>(
    inputs: Vec<Vec<T>>,
    mut key: impl FnMut(&T) -> PyResult<K>,
    reverse: bool,
) -> PyResult<Vec<T>> {
    let mut heads: Vec<std::iter::Peekable<std::vec::IntoIter<T>>> =
        inputs.into_iter().map(|v| v.into_iter().peekable()).collect();
    let mut keys: Vec<Option<K>> = Vec::with_capacity(heads.len());
    for h in heads.iter_mut() {
        keys.push(match h.peek() {
            Some(x) => Some(key(x)?),
            None => None,
        });
    }
    let mut out = Vec::new();
    loop {
        let mut best: Option<usize> = None;
        for (i, k) in keys.iter().enumerate() {
            let Some(k) = k else { continue };
            best = match best {
                None => Some(i),
                Some(b) => {
                    let bk = keys[b].as_ref().unwrap();
                    let better = if reverse { bk.py_lt(k) } else { k.py_lt(bk) };
                    Some(if better { i } else { b })
                }
            };
        }
        let Some(b) = best else { return Ok(out) };
        out.push(heads[b].next().unwrap());
        keys[b] = match heads[b].peek() {
            Some(x) => Some(key(x)?),
            None => None,
        };
    }
}

/// `bisect.bisect_left(a, x, lo, hi, key=...)`: the first index whose key is not below `x`.
pub fn bisect_left<T, K: PyOrd>(
    a: &[T],
    x: &K,
    lo: i64,
    hi: Option<i64>,
    mut key: impl FnMut(&T) -> PyResult<K>,
) -> PyResult<i64> {
    let (mut lo, mut hi) = bounds(a.len(), lo, hi)?;
    while lo < hi {
        let mid = (lo + hi) / 2;
        if key(item(a, mid)?)?.py_lt(x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// `bisect.bisect_right(a, x, lo, hi, key=...)`: the first index whose key is above `x`.
pub fn bisect_right<T, K: PyOrd>(
    a: &[T],
    x: &K,
    lo: i64,
    hi: Option<i64>,
    mut key: impl FnMut(&T) -> PyResult<K>,
) -> PyResult<i64> {
    let (mut lo, mut hi) = bounds(a.len(), lo, hi)?;
    while lo < hi {
        let mid = (lo + hi) / 2;
        if x.py_lt(&key(item(a, mid)?)?) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// CPython's check of `lo`; `hi` defaults to the length (a larger one fails only where the search reaches past the end).
fn bounds(len: usize, lo: i64, hi: Option<i64>) -> PyResult<(i64, i64)> {
    if lo < 0 {
        return Err(PyErr::new(ErrKind::ValueError, "lo must be non-negative"));
    }
    Ok((lo, hi.unwrap_or(len as i64)))
}

fn item<T>(a: &[T], i: i64) -> PyResult<&T> {
    a.get(i as usize).ok_or_else(|| PyErr::new(ErrKind::IndexError, "list index out of range"))
}
