//! Python `dict` (insertion-ordered, indexmap) and the functions of `set` over [`crate::pyset::Set`]
//! (CPython's hash table and order), with the operations and errors of Python (`KeyError` carries
//! the key's repr).
//!
//! Float keys: `f64` is neither `Eq` nor `Hash`, so a `dict[float, V]` or
//! `set[float]` is typed with [`FloatKey`], which hashes and compares as Python
//! does for floats (`-0.0 == 0.0`), except that all NaNs are one key here (in
//! CPython each NaN object is its own key).

use crate::{PyErr, PyRepr, PyResult};
use crate::pyhash::PyHash;
use indexmap::IndexMap;
use std::hash::{Hash, Hasher};

/// `dict[K, V]`.
pub type Dict<K, V> = IndexMap<K, V>;
pub use crate::pyset::Set;

/// A float usable as a dict key or set item.
#[derive(Debug, Clone, Copy)]
pub struct FloatKey(pub f64);

impl FloatKey {
    fn canonical_bits(self) -> u64 {
        if self.0 == 0.0 {
            0 // -0.0 and 0.0 are one key
        } else if self.0.is_nan() {
            f64::NAN.to_bits()
        } else {
            self.0.to_bits()
        }
    }
}

impl PartialEq for FloatKey {
    fn eq(&self, other: &Self) -> bool {
        self.canonical_bits() == other.canonical_bits()
    }
}
impl Eq for FloatKey {}
impl Hash for FloatKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.canonical_bits().hash(state);
    }
}
impl From<f64> for FloatKey {
    fn from(x: f64) -> Self {
        FloatKey(x)
    }
}
impl From<FloatKey> for f64 {
    fn from(k: FloatKey) -> f64 {
        k.0
    }
}

/// `d[k]`.
pub fn getitem<K: Hash + Eq + PyRepr, V: Clone>(d: &Dict<K, V>, k: &K) -> PyResult<V> {
    d.get(k).cloned().ok_or_else(|| PyErr::key_error(k))
}

/// `d[k]` with a key of another type than the dict's, which Python never finds equal (`d["8"]` of int keys): KeyError.
pub fn getitem_other<K, V, Q: PyRepr + ?Sized>(_d: &Dict<K, V>, k: &Q) -> PyResult<V> {
    Err(PyErr::key_error(k))
}

/// `d[k]` as a place, for a mutating method on a value (`groups[k].append(v)`).
pub fn getitem_mut<'a, K: Hash + Eq + PyRepr, V>(d: &'a mut Dict<K, V>, k: &K) -> PyResult<&'a mut V> {
    match d.get_mut(k) {
        Some(v) => Ok(v),
        None => Err(PyErr::key_error(k)),
    }
}

/// `d.setdefault(k, default)` as a place, for `d.setdefault(k, []).append(v)`.
pub fn setdefault_mut<K: Hash + Eq, V>(d: &mut Dict<K, V>, k: K, default: V) -> &mut V {
    d.entry(k).or_insert(default)
}

/// `d.get(k)`.
pub fn get<K: Hash + Eq, V: Clone>(d: &Dict<K, V>, k: &K) -> Option<V> {
    d.get(k).cloned()
}

/// `d.get(k, default)`.
pub fn get_or<K: Hash + Eq, V: Clone>(d: &Dict<K, V>, k: &K, default: V) -> V {
    d.get(k).cloned().unwrap_or(default)
}

/// `d[k] = v` (an existing key keeps its position).
pub fn setitem<K: Hash + Eq, V>(d: &mut Dict<K, V>, k: K, v: V) {
    d.insert(k, v);
}

/// `del d[k]`.
pub fn delitem<K: Hash + Eq + PyRepr, V>(d: &mut Dict<K, V>, k: &K) -> PyResult<()> {
    d.shift_remove(k).map(|_| ()).ok_or_else(|| PyErr::key_error(k))
}

/// `d.setdefault(k, default)`.
pub fn setdefault<K: Hash + Eq, V: Clone>(d: &mut Dict<K, V>, k: K, default: V) -> V {
    d.entry(k).or_insert(default).clone()
}

/// `d.pop(k)`.
pub fn pop<K: Hash + Eq + PyRepr, V>(d: &mut Dict<K, V>, k: &K) -> PyResult<V> {
    d.shift_remove(k).ok_or_else(|| PyErr::key_error(k))
}

/// `d.pop(k, default)`.
pub fn pop_or<K: Hash + Eq, V>(d: &mut Dict<K, V>, k: &K, default: V) -> V {
    d.shift_remove(k).unwrap_or(default)
}

/// `d.popitem()`: the last inserted pair.
pub fn popitem<K: Hash + Eq, V>(d: &mut Dict<K, V>) -> PyResult<(K, V)> {
    d.pop().ok_or_else(|| PyErr::key_error_msg("'popitem(): dictionary is empty'"))
}

/// `d.update(other)`.
pub fn update<K: Hash + Eq + Clone, V: Clone>(d: &mut Dict<K, V>, other: &Dict<K, V>) {
    for (k, v) in other {
        d.insert(k.clone(), v.clone());
    }
}

/// `d | other`.
pub fn merge<K: Hash + Eq + Clone, V: Clone>(d: &Dict<K, V>, other: &Dict<K, V>) -> Dict<K, V> {
    let mut out = d.clone();
    update(&mut out, other);
    out
}

/// `k in d`.
pub fn contains<K: Hash + Eq, V>(d: &Dict<K, V>, k: &K) -> bool {
    d.contains_key(k)
}

/// `list(d.keys())`.
pub fn keys<K: Clone, V>(d: &Dict<K, V>) -> Vec<K> {
    d.keys().cloned().collect()
}

/// `list(d.values())`.
pub fn values<K, V: Clone>(d: &Dict<K, V>) -> Vec<V> {
    d.values().cloned().collect()
}

/// `list(d.items())`.
pub fn items<K: Clone, V: Clone>(d: &Dict<K, V>) -> Vec<(K, V)> {
    d.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// `dict(pairs)`: later pairs win, first position kept.
pub fn from_pairs<K: Hash + Eq, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Dict<K, V> {
    let mut d = Dict::default();
    for (k, v) in pairs {
        d.insert(k, v);
    }
    d
}

/// `dict.fromkeys(keys, value)`.
pub fn fromkeys<K: Hash + Eq, V: Clone>(keys: impl IntoIterator<Item = K>, value: V) -> Dict<K, V> {
    from_pairs(keys.into_iter().map(|k| (k, value.clone())))
}

/// `set.add(x)`.
pub fn set_add<T: PyHash + PartialEq>(s: &mut Set<T>, x: T) {
    s.insert(x);
}

/// `set.remove(x)`.
pub fn set_remove<T: PyHash + PartialEq + PyRepr>(s: &mut Set<T>, x: &T) -> PyResult<()> {
    if s.remove(x) { Ok(()) } else { Err(PyErr::key_error(x)) }
}

/// `set.discard(x)`.
pub fn set_discard<T: PyHash + PartialEq>(s: &mut Set<T>, x: &T) {
    s.remove(x);
}

/// `set.pop()`: CPython's item (the first at or after the set's pop finger).
pub fn set_pop<T>(s: &mut Set<T>) -> PyResult<T> {
    s.pop().ok_or_else(|| PyErr::key_error_msg("'pop from an empty set'"))
}

/// `x in s`.
pub fn set_contains<T: PyHash + PartialEq>(s: &Set<T>, x: &T) -> bool {
    s.contains(x)
}

/// `set(items)` of an iterable that is neither a set nor a dict.
pub fn set_from<T: PyHash + PartialEq>(items: impl IntoIterator<Item = T>) -> Set<T> {
    items.into_iter().collect()
}

/// `set(d)` of a dict: its keys, after one resize for all of them.
pub fn set_from_dict<K: PyHash + PartialEq + Hash + Clone, V>(d: &Dict<K, V>) -> Set<K> {
    let mut s = Set::new();
    s.update_dict(d);
    s
}

/// `set(s)`, `frozenset(s)`, `s.copy()`.
pub fn set_copy<T: PartialEq + Clone>(s: &Set<T>) -> Set<T> {
    s.py_copy()
}

/// `a | b`.
pub fn union<T: PartialEq + Clone>(a: &Set<T>, b: &Set<T>) -> Set<T> {
    a.union_set(b)
}

/// `a & b`.
pub fn intersection<T: PartialEq + Clone>(a: &Set<T>, b: &Set<T>) -> Set<T> {
    a.intersection_set(b)
}

/// `a - b`.
pub fn difference<T: PartialEq + Clone>(a: &Set<T>, b: &Set<T>) -> Set<T> {
    a.difference_set(b)
}

/// `a ^ b`.
pub fn symmetric_difference<T: PartialEq + Clone>(a: &Set<T>, b: &Set<T>) -> Set<T> {
    a.symmetric_difference_set(b)
}

/// `a <= b`.
pub fn issubset<T: PartialEq + Clone>(a: &Set<T>, b: &Set<T>) -> bool {
    a.is_subset(b)
}

/// `a >= b`.
pub fn issuperset<T: PartialEq + Clone>(a: &Set<T>, b: &Set<T>) -> bool {
    a.is_superset(b)
}

/// `a.isdisjoint(b)`.
pub fn isdisjoint<T: PartialEq + Clone>(a: &Set<T>, b: &Set<T>) -> bool {
    a.is_disjoint(b)
}

/// `a < b`: a proper subset.
pub fn is_proper_subset<T: PartialEq + Clone>(a: &Set<T>, b: &Set<T>) -> bool {
    a.len() < b.len() && a.is_subset(b)
}

// ---- collections.OrderedDict ------------------------------------------------------------
// An OrderedDict is a `Dict` (already insertion-ordered); these are the operations in which
// it differs from a dict: its repr, order-sensitive equality, `move_to_end` and `popitem(last=)`.

/// `repr(od)`: `OrderedDict([('a', 1)])`, or `OrderedDict()` when empty (CPython 3.11).
pub fn ordered_repr<K: PyRepr, V: PyRepr>(d: &Dict<K, V>) -> String {
    if d.is_empty() {
        return "OrderedDict()".to_string();
    }
    let items: Vec<String> = d.iter().map(|(k, v)| format!("({}, {})", k.py_repr(), v.py_repr())).collect();
    format!("OrderedDict([{}])", items.join(", "))
}

/// `a == b` between two OrderedDicts: the same items in the same order.
pub fn ordered_eq<K: PartialEq, V: PartialEq>(a: &Dict<K, V>, b: &Dict<K, V>) -> bool {
    a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x == y)
}

/// `od.move_to_end(key, last)`: KeyError for a missing key.
pub fn move_to_end<K: Hash + Eq + PyRepr, V>(d: &mut Dict<K, V>, k: &K, last: bool) -> PyResult<()> {
    let i = d.get_index_of(k).ok_or_else(|| PyErr::key_error(k))?;
    let to = if last { d.len() - 1 } else { 0 };
    d.move_index(i, to);
    Ok(())
}

/// `od.popitem(last)`: the last pair (LIFO) or, with `last=False`, the first (FIFO).
pub fn ordered_popitem<K: Hash + Eq, V>(d: &mut Dict<K, V>, last: bool) -> PyResult<(K, V)> {
    let item = if last { d.pop() } else { d.shift_remove_index(0) };
    item.ok_or_else(|| PyErr::key_error_msg("'dictionary is empty'"))
}

/// Counter arithmetic (`a + b`, `a - b`, `a | b`, `a & b`) as `collections.Counter` defines it: the counts
/// combined key by key in `a`'s order then `b`'s new keys, keeping only positive results.
pub fn counter_binop<K: Hash + Eq + Clone>(a: &Dict<K, i64>, b: &Dict<K, i64>, op: char) -> Dict<K, i64> {
    let mut out = Dict::default();
    for (k, &c) in a {
        let o = b.get(k).copied().unwrap_or(0);
        let n = match op {
            '+' => c + o,
            '-' => c - o,
            '|' => c.max(o),
            _ => c.min(o),
        };
        if n > 0 {
            out.insert(k.clone(), n);
        }
    }
    if op != '&' {
        for (k, &c) in b {
            if a.contains_key(k) {
                continue;
            }
            let n = if op == '-' { -c } else { c };
            if n > 0 {
                out.insert(k.clone(), n);
            }
        }
    }
    out
}

/// `+counter` (`sign` 1) and `-counter` (`sign` -1): the positive counts of the counter or of its negation.
pub fn counter_unary<K: Hash + Eq + Clone>(a: &Dict<K, i64>, sign: i64) -> Dict<K, i64> {
    a.iter().filter(|(_, &c)| c * sign > 0).map(|(k, &c)| (k.clone(), c * sign)).collect()
}

/// `counter.elements()`: each key repeated by its count (counts below one give nothing).
pub fn counter_elements<K: Clone>(a: &Dict<K, i64>) -> Vec<K> {
    a.iter().flat_map(|(k, &c)| std::iter::repeat(k.clone()).take(c.max(0) as usize)).collect()
}
