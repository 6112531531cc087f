//! Python builtins that need runtime support: `range`, `len`, `min`/`max`, `sum`,
//! `abs`, `divmod`, `any`/`all`, `sorted`, `bin`/`oct`/`hex` and truthiness.
//! (`enumerate`, `zip` and friends are plain Rust iterators in generated code.)

use crate::cmp::PyOrd;
use crate::dict::{Dict, Set};
use crate::{PyErr, PyResult};

/// The iterator `range(start, stop, step)` gives. Never overflows.
#[derive(Debug, Clone)]
pub struct Range {
    next: i64,
    step: i64,
    remaining: u64,
}

impl Iterator for Range {
    type Item = i64;
    fn next(&mut self) -> Option<i64> {
        if self.remaining == 0 {
            return None;
        }
        let v = self.next;
        self.remaining -= 1;
        if self.remaining > 0 {
            self.next = self.next.wrapping_add(self.step);
        }
        Some(v)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::try_from(self.remaining).unwrap_or(usize::MAX);
        (n, Some(n))
    }
}

impl ExactSizeIterator for Range {}

/// `reversed(range(...))`: the last remaining value first.
impl DoubleEndedIterator for Range {
    fn next_back(&mut self) -> Option<i64> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        Some(self.nth_value(self.remaining))
    }
}

impl Range {
    /// The item at `i` of what is left (`i` below the remaining count), as `range[i]`.
    pub fn nth_value(&self, i: u64) -> i64 {
        (self.next as i128 + self.step as i128 * i as i128) as i64
    }
}

/// A range value as the generated code holds it: the lazy `Range`, or its values in a Vec when a local
/// keeps it to be read more than once.
pub trait RangeValues {
    fn range_len(&self) -> i64;
    /// The value at `j`, `0 <= j < range_len()`.
    fn range_nth(&self, j: i64) -> i64;
}

impl RangeValues for Range {
    fn range_len(&self) -> i64 {
        self.remaining as i64
    }
    fn range_nth(&self, j: i64) -> i64 {
        self.nth_value(j as u64)
    }
}

impl RangeValues for Vec<i64> {
    fn range_len(&self) -> i64 {
        self.len() as i64
    }
    fn range_nth(&self, j: i64) -> i64 {
        self[j as usize]
    }
}

/// `r[i]` of a range: the `i`-th value, counted from the end when negative; CPython's IndexError past either end.
pub fn range_getitem<R: RangeValues + ?Sized>(r: &R, i: i64) -> PyResult<i64> {
    let n = r.range_len();
    let j = if i < 0 { i.saturating_add(n) } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error("range object index out of range"));
    }
    Ok(r.range_nth(j))
}

/// `range(start, stop, step)`.
pub fn range(start: i64, stop: i64, step: i64) -> PyResult<Range> {
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    let (s, e, st) = (start as i128, stop as i128, step as i128);
    let n = if st > 0 && s < e {
        (e - s - 1) / st + 1
    } else if st < 0 && s > e {
        (s - e - 1) / -st + 1
    } else {
        0
    };
    Ok(Range { next: start, step, remaining: n as u64 })
}

/// `range(stop)`.
pub fn range1(stop: i64) -> Range {
    Range { next: 0, step: 1, remaining: stop.max(0) as u64 }
}

/// `len(x)` for anything sized.
pub trait PyLen {
    fn py_len(&self) -> i64;
}

impl<T> PyLen for [T] {
    fn py_len(&self) -> i64 {
        self.len() as i64
    }
}
impl<T> PyLen for Vec<T> {
    fn py_len(&self) -> i64 {
        self.len() as i64
    }
}
impl PyLen for str {
    fn py_len(&self) -> i64 {
        crate::pystr::len(self)
    }
}
impl PyLen for String {
    fn py_len(&self) -> i64 {
        crate::pystr::len(self)
    }
}
impl<K, V> PyLen for Dict<K, V> {
    fn py_len(&self) -> i64 {
        self.len() as i64
    }
}
impl<T> PyLen for Set<T> {
    fn py_len(&self) -> i64 {
        self.len() as i64
    }
}

/// `zip(..., strict=True)` given its iterables' lengths: CPython's ValueError for the first one that
/// ends early ("argument 3 is shorter than arguments 1-2") or, when the first ends first, runs on.
pub fn zip_strict_check(lens: &[usize]) -> PyResult<()> {
    let Some(&m) = lens.iter().min() else { return Ok(()) };
    let args = |i: usize| if i == 1 { "argument 1".to_string() } else { format!("arguments 1-{i}") };
    let first = lens.iter().position(|&n| n == m).unwrap_or(0);
    if first > 0 {
        return Err(PyErr::value_error(format!("zip() argument {} is shorter than {}", first + 1, args(first))));
    }
    match lens.iter().skip(1).position(|&n| n > m) {
        Some(j) => Err(PyErr::value_error(format!("zip() argument {} is longer than {}", j + 2, args(j + 1)))),
        None => Ok(()),
    }
}

/// `len(x)`.
pub fn len<T: PyLen + ?Sized>(x: &T) -> i64 {
    x.py_len()
}

/// `max(xs)`: the first maximal item, using Python's `>` (so NaN behaves as in CPython).
pub fn max<T: PyOrd + Clone>(xs: &[T]) -> PyResult<T> {
    let (first, rest) = xs
        .split_first()
        .ok_or_else(|| PyErr::value_error("max() arg is an empty sequence"))?;
    let mut best = first;
    for x in rest {
        if x.py_gt(best) {
            best = x;
        }
    }
    crate::cmp::order_checked()?;
    Ok(best.clone())
}

/// `min(xs)`: the first minimal item.
pub fn min<T: PyOrd + Clone>(xs: &[T]) -> PyResult<T> {
    let (first, rest) = xs
        .split_first()
        .ok_or_else(|| PyErr::value_error("min() arg is an empty sequence"))?;
    let mut best = first;
    for x in rest {
        if x.py_lt(best) {
            best = x;
        }
    }
    crate::cmp::order_checked()?;
    Ok(best.clone())
}

/// `max(xs, key=key)`.
pub fn max_by_key<T: Clone, K: PyOrd>(xs: &[T], mut key: impl FnMut(&T) -> PyResult<K>) -> PyResult<T> {
    let (first, rest) = xs
        .split_first()
        .ok_or_else(|| PyErr::value_error("max() arg is an empty sequence"))?;
    let (mut best, mut best_key) = (first, key(first)?);
    for x in rest {
        let k = key(x)?;
        if k.py_gt(&best_key) {
            best = x;
            best_key = k;
        }
    }
    crate::cmp::order_checked()?;
    Ok(best.clone())
}

/// `min(xs, key=key)`.
pub fn min_by_key<T: Clone, K: PyOrd>(xs: &[T], mut key: impl FnMut(&T) -> PyResult<K>) -> PyResult<T> {
    let (first, rest) = xs
        .split_first()
        .ok_or_else(|| PyErr::value_error("min() arg is an empty sequence"))?;
    let (mut best, mut best_key) = (first, key(first)?);
    for x in rest {
        let k = key(x)?;
        if k.py_lt(&best_key) {
            best = x;
            best_key = k;
        }
    }
    crate::cmp::order_checked()?;
    Ok(best.clone())
}

/// `max(xs, key=functools.cmp_to_key(cmp))`: the first item no later one is greater than
/// (`cmp(x, best) > 0` replaces it, as CPython asks `K(x) > K(best)`).
pub fn max_by_cmp<T: Clone, C: crate::list::CmpSign>(
    xs: &[T],
    mut cmp: impl FnMut(&T, &T) -> PyResult<C>,
) -> PyResult<T> {
    let (first, rest) = xs
        .split_first()
        .ok_or_else(|| PyErr::value_error("max() arg is an empty sequence"))?;
    let mut best = first;
    for x in rest {
        if cmp(x, best)?.above_zero() {
            best = x;
        }
    }
    Ok(best.clone())
}

/// `min(xs, key=functools.cmp_to_key(cmp))`: the first item no later one is less than.
pub fn min_by_cmp<T: Clone, C: crate::list::CmpSign>(
    xs: &[T],
    mut cmp: impl FnMut(&T, &T) -> PyResult<C>,
) -> PyResult<T> {
    let (first, rest) = xs
        .split_first()
        .ok_or_else(|| PyErr::value_error("min() arg is an empty sequence"))?;
    let mut best = first;
    for x in rest {
        if cmp(x, best)?.below_zero() {
            best = x;
        }
    }
    Ok(best.clone())
}

/// `max(a, b)`: `a` unless `b > a`.
pub fn max2<T: PyOrd>(a: T, b: T) -> T {
    if a.py_lt(&b) { b } else { a }
}

/// `min(a, b)`: `a` unless `b < a`.
pub fn min2<T: PyOrd>(a: T, b: T) -> T {
    if b.py_lt(&a) { b } else { a }
}

/// `sum(xs, start)` of ints, raising OverflowError instead of wrapping.
pub fn sum_int(xs: &[i64], start: i64) -> PyResult<i64> {
    xs.iter().try_fold(start, |acc, &x| crate::int::add(acc, x))
}

/// `sum(xs, start)` of floats: left-to-right addition, as CPython 3.11 (3.12 and
/// later use compensated summation and can differ in the last bits).
pub fn sum_float(xs: &[f64], start: f64) -> f64 {
    xs.iter().fold(start, |acc, &x| acc + x)
}

/// `abs(i)`.
pub fn abs_int(x: i64) -> PyResult<i64> {
    crate::int::abs(x)
}

/// `abs(x)`.
pub fn abs_float(x: f64) -> f64 {
    x.abs()
}

/// `divmod(a, b)` for ints.
pub fn divmod_int(a: i64, b: i64) -> PyResult<(i64, i64)> {
    crate::int::divmod(a, b)
}

/// `divmod(a, b)` for floats.
pub fn divmod_float(a: f64, b: f64) -> PyResult<(f64, f64)> {
    crate::float::divmod(a, b)
}

/// Python truthiness (`bool(x)`, `if x:`).
pub trait PyTruth {
    fn py_bool(&self) -> bool;
}

impl PyTruth for bool {
    fn py_bool(&self) -> bool {
        *self
    }
}
impl PyTruth for i64 {
    fn py_bool(&self) -> bool {
        *self != 0
    }
}
impl PyTruth for f64 {
    fn py_bool(&self) -> bool {
        *self != 0.0
    }
}
impl PyTruth for () {
    fn py_bool(&self) -> bool {
        false
    }
}
impl PyTruth for str {
    fn py_bool(&self) -> bool {
        !self.is_empty()
    }
}
impl PyTruth for String {
    fn py_bool(&self) -> bool {
        !self.is_empty()
    }
}
impl<T> PyTruth for Vec<T> {
    fn py_bool(&self) -> bool {
        !self.is_empty()
    }
}
impl<K, V> PyTruth for Dict<K, V> {
    fn py_bool(&self) -> bool {
        !self.is_empty()
    }
}
impl<T> PyTruth for Set<T> {
    fn py_bool(&self) -> bool {
        !self.is_empty()
    }
}
impl<T: PyTruth> PyTruth for Option<T> {
    fn py_bool(&self) -> bool {
        self.as_ref().is_some_and(PyTruth::py_bool)
    }
}
impl<T: PyTruth + ?Sized> PyTruth for &T {
    fn py_bool(&self) -> bool {
        (**self).py_bool()
    }
}

/// `bool(x)`.
pub fn truthy<T: PyTruth + ?Sized>(x: &T) -> bool {
    x.py_bool()
}

/// `any(xs)`.
pub fn any<T: PyTruth>(xs: &[T]) -> bool {
    xs.iter().any(PyTruth::py_bool)
}

/// `all(xs)`.
pub fn all<T: PyTruth>(xs: &[T]) -> bool {
    xs.iter().all(PyTruth::py_bool)
}

/// `sorted(xs, reverse=reverse)` (stable).
pub fn sorted<T: PyOrd>(mut xs: Vec<T>, reverse: bool) -> PyResult<Vec<T>> {
    crate::list::sort(&mut xs, reverse)?;
    Ok(xs)
}

/// `sorted(xs, key=key, reverse=reverse)` (stable; a raising key propagates).
pub fn sorted_by_key<T, K: PyOrd>(
    mut xs: Vec<T>,
    key: impl FnMut(&T) -> PyResult<K>,
    reverse: bool,
) -> PyResult<Vec<T>> {
    crate::list::sort_by_key(&mut xs, key, reverse)?;
    Ok(xs)
}

fn radix_str(x: i64, prefix: &str, digits: String) -> String {
    if x < 0 { format!("-{prefix}{digits}") } else { format!("{prefix}{digits}") }
}

/// `bin(x)`.
pub fn bin(x: i64) -> String {
    radix_str(x, "0b", format!("{:b}", x.unsigned_abs()))
}

/// `oct(x)`.
pub fn oct(x: i64) -> String {
    radix_str(x, "0o", format!("{:o}", x.unsigned_abs()))
}

/// `hex(x)`.
pub fn hex(x: i64) -> String {
    radix_str(x, "0x", format!("{:x}", x.unsigned_abs()))
}

/// The truth of a dynamic value: Python's, by its run-time type.
impl PyTruth for crate::Value {
    fn py_bool(&self) -> bool {
        use crate::Value as V;
        match self {
            V::None => false,
            V::Bool(b) => *b,
            V::Int(i) => *i != 0,
            V::Float(f) => *f != 0.0,
            V::Str(s) => !s.is_empty(),
            V::List(x) => !x.is_empty(),
            V::Dict(x) => !x.is_empty(),
            V::Bytes(x) => !x.is_empty(),
            V::NdArray { shape, .. } => shape.iter().product::<usize>() != 0,
        }
    }
}

/// `a, b = xs` for a value whose length is known only at run time (a list, an array, an
/// iterator): exactly `N` items, or CPython's ValueError for too few or too many. The items
/// past `N` are not drawn beyond the first, as CPython stops there.
pub fn unpack<T, const N: usize>(items: impl IntoIterator<Item = T>) -> PyResult<[T; N]> {
    let mut it = items.into_iter();
    let mut got: Vec<T> = Vec::with_capacity(N);
    for _ in 0..N {
        match it.next() {
            Some(x) => got.push(x),
            None => {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected {N}, got {})",
                    got.len()
                )))
            }
        }
    }
    if it.next().is_some() {
        return Err(PyErr::value_error(format!(
            "too many values to unpack (expected {N})"
        )));
    }
    Ok(got
        .try_into()
        .unwrap_or_else(|_| unreachable!("exactly N items were drawn")))
}

/// `next(it)` of an iterator made by `iter()` (the items not yet drawn, in order): the first item,
/// or StopIteration once it is exhausted, as CPython raises it (with an empty message).
pub fn next_item<T>(it: &mut Vec<T>) -> PyResult<T> {
    next_opt(it).ok_or_else(|| PyErr::stop_iteration(""))
}

/// `next(it, default)`'s draw: the first item not yet drawn, or None once the iterator is exhausted.
pub fn next_opt<T>(it: &mut Vec<T>) -> Option<T> {
    if it.is_empty() {
        None
    } else {
        Some(it.remove(0))
    }
}

/// `f(*xs)` where `xs` (of `len` items) fills `f`'s positional parameters `names` (space-separated; the first
/// `required` have no default) after `before` given ones, the parameter after them given by keyword (`keyword_next`,
/// or empty): CPython's TypeError when it gives too few or too many.
pub fn check_star_args(
    len: usize,
    before: usize,
    func: &str,
    names: &str,
    required: usize,
    keyword_next: &str,
) -> Result<(), crate::err::PyErr> {
    let names: Vec<&str> = names.split(' ').filter(|n| !n.is_empty()).collect();
    let most = names.len();
    if (required..=most).contains(&len) {
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let msg = if len > most && !keyword_next.is_empty() {
        format!("{func}() got multiple values for argument '{keyword_next}'")
    } else if len > most {
        let given = before + len;
        if required == most {
            let total = before + most;
            format!("{func}() takes {total} positional argument{} but {given} were given", plural(total))
        } else {
            format!("{func}() takes from {} to {} positional arguments but {given} were given", before + required, before + most)
        }
    } else {
        let missing: Vec<String> = names[len..required].iter().map(|n| format!("'{n}'")).collect();
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            k => format!("{}, and {}", missing[..k - 1].join(", "), missing[k - 1]),
        };
        format!("{func}() missing {} required positional argument{}: {list}", missing.len(), plural(missing.len()))
    };
    Err(crate::err::PyErr::new(crate::err::ErrKind::TypeError, msg))
}
