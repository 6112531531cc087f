//! Python comparisons: exact int/float mixed comparison, and the ordering used by
//! `sort`, `sorted`, `min` and `max` (lexicographic for lists and tuples).

use crate::dict::FloatKey;
use std::cmp::Ordering;

/// Compares an int with a float exactly, as Python does (no rounding of the int).
/// `None` when `f` is NaN.
pub fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO63 {
        return Some(Ordering::Less);
    }
    if f < -TWO63 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    // t is integral and in range, so the cast is exact.
    match i.cmp(&(t as i64)) {
        Ordering::Equal => Some(if f > t {
            Ordering::Less
        } else if f < t {
            Ordering::Greater
        } else {
            Ordering::Equal
        }),
        o => Some(o),
    }
}

/// `i == f`.
pub fn eq_int_float(i: i64, f: f64) -> bool {
    cmp_int_float(i, f) == Some(Ordering::Equal)
}

/// `i < f`.
pub fn lt_int_float(i: i64, f: f64) -> bool {
    cmp_int_float(i, f) == Some(Ordering::Less)
}

/// `i <= f`.
pub fn le_int_float(i: i64, f: f64) -> bool {
    matches!(cmp_int_float(i, f), Some(Ordering::Less | Ordering::Equal))
}

/// `i > f`.
pub fn gt_int_float(i: i64, f: f64) -> bool {
    cmp_int_float(i, f) == Some(Ordering::Greater)
}

/// `i >= f`.
pub fn ge_int_float(i: i64, f: f64) -> bool {
    matches!(cmp_int_float(i, f), Some(Ordering::Greater | Ordering::Equal))
}

/// `f < i` and friends are the mirror images.
pub fn lt_float_int(f: f64, i: i64) -> bool {
    gt_int_float(i, f)
}
pub fn le_float_int(f: f64, i: i64) -> bool {
    ge_int_float(i, f)
}
pub fn gt_float_int(f: f64, i: i64) -> bool {
    lt_int_float(i, f)
}
pub fn ge_float_int(f: f64, i: i64) -> bool {
    le_int_float(i, f)
}

/// `a == b` for any value: Rust equality, which for floats is IEEE (`nan != nan`).
/// CPython's containers also treat an object as equal to itself, so
/// `x = nan; [x] == [x]` is True there and False here.
pub fn py_eq<T: PartialEq + ?Sized>(a: &T, b: &T) -> bool {
    a == b
}

/// The order Python's `<` gives, made total so that sorting never misbehaves.
///
/// `py_cmp` is what `sort`/`sorted` use. Floats follow `<`, with `-0.0 == 0.0`, and
/// NaN (which Python cannot sort meaningfully) placed after every number.
/// `py_lt` is Python's own `<`, used by `min`/`max` so that NaN behaves as in CPython.
pub trait PyOrd {
    fn py_cmp(&self, other: &Self) -> Ordering;
    fn py_lt(&self, other: &Self) -> bool {
        self.py_cmp(other) == Ordering::Less
    }
    fn py_le(&self, other: &Self) -> bool {
        self.py_cmp(other) != Ordering::Greater
    }
    /// `self > other` (what `max` asks, as CPython's does).
    fn py_gt(&self, other: &Self) -> bool {
        other.py_lt(self)
    }
}

thread_local! {
    /// The first comparison a sort, `min` or `max` could not make (values whose types are known
    /// only at run time: `'<' not supported between instances of 'str' and 'int'`).
    static ORDER_ERROR: std::cell::RefCell<Option<crate::PyErr>> = const { std::cell::RefCell::new(None) };
}

/// Records a comparison that raised; the first one is kept until [`order_checked`] takes it.
pub fn order_failed(e: crate::PyErr) {
    ORDER_ERROR.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(e);
        }
    });
}

/// Raises the first comparison error recorded since the last call (the sort, `min` or `max` that
/// just ran compared values that do not order); clears it.
pub fn order_checked() -> crate::PyResult<()> {
    match ORDER_ERROR.with(|c| c.borrow_mut().take()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

macro_rules! ord_via_ord {
    ($($t:ty),*) => {
        $(impl PyOrd for $t {
            fn py_cmp(&self, other: &Self) -> Ordering {
                self.cmp(other)
            }
        })*
    };
}

ord_via_ord!(i64, bool, String, str, (), char);

/// Total order for sorting floats: numeric, -0.0 == 0.0, NaN last.
pub fn float_sort_cmp(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (false, false) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
    }
}

impl PyOrd for f64 {
    fn py_cmp(&self, other: &Self) -> Ordering {
        float_sort_cmp(*self, *other)
    }
    fn py_lt(&self, other: &Self) -> bool {
        self < other
    }
    fn py_le(&self, other: &Self) -> bool {
        self <= other
    }
}

impl PyOrd for FloatKey {
    fn py_cmp(&self, other: &Self) -> Ordering {
        float_sort_cmp(self.0, other.0)
    }
    fn py_lt(&self, other: &Self) -> bool {
        self.0 < other.0
    }
    fn py_le(&self, other: &Self) -> bool {
        self.0 <= other.0
    }
}

impl<T: PyOrd + ?Sized> PyOrd for &T {
    fn py_cmp(&self, other: &Self) -> Ordering {
        (**self).py_cmp(*other)
    }
    fn py_lt(&self, other: &Self) -> bool {
        (**self).py_lt(*other)
    }
    fn py_le(&self, other: &Self) -> bool {
        (**self).py_le(*other)
    }
    fn py_gt(&self, other: &Self) -> bool {
        (**self).py_gt(*other)
    }
}

/// Python compares None with a value only for `==`; for ordering we put None first.
impl<T: PyOrd> PyOrd for Option<T> {
    fn py_cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Some(a), Some(b)) => a.py_cmp(b),
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
        }
    }
}

impl<T: PyOrd> PyOrd for [T] {
    fn py_cmp(&self, other: &Self) -> Ordering {
        for (a, b) in self.iter().zip(other) {
            match a.py_cmp(b) {
                Ordering::Equal => continue,
                o => return o,
            }
        }
        self.len().cmp(&other.len())
    }
}

impl<T: PyOrd> PyOrd for Vec<T> {
    fn py_cmp(&self, other: &Self) -> Ordering {
        self.as_slice().py_cmp(other.as_slice())
    }
}

macro_rules! tuple_ord {
    ($($name:ident $idx:tt),+) => {
        impl<$($name: PyOrd),+> PyOrd for ($($name,)+) {
            fn py_cmp(&self, other: &Self) -> Ordering {
                $(
                    match self.$idx.py_cmp(&other.$idx) {
                        Ordering::Equal => {}
                        o => return o,
                    }
                )+
                Ordering::Equal
            }
        }
    };
}

tuple_ord!(A 0);
tuple_ord!(A 0, B 1);
tuple_ord!(A 0, B 1, C 2);
tuple_ord!(A 0, B 1, C 2, D 3);
tuple_ord!(A 0, B 1, C 2, D 3, E 4);
tuple_ord!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_ord!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_ord!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_ord!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_ord!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_ord!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_ord!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// `a < b` in Python terms.
pub fn lt<T: PyOrd + ?Sized>(a: &T, b: &T) -> bool {
    a.py_lt(b)
}
/// `a <= b`.
pub fn le<T: PyOrd + ?Sized>(a: &T, b: &T) -> bool {
    a.py_le(b)
}
/// `a > b`.
pub fn gt<T: PyOrd + ?Sized>(a: &T, b: &T) -> bool {
    b.py_lt(a)
}
/// `a >= b`.
pub fn ge<T: PyOrd + ?Sized>(a: &T, b: &T) -> bool {
    b.py_le(a)
}
