//! Python's `set` and `frozenset`: the hash table of CPython 3.11's `Objects/setobject.c`, so a set
//! iterates, prints and pops in the order CPython's does.
//!
//! The table is open addressing over `mask + 1` slots (a power of two, 8 at least), each empty, a
//! dummy (a removed item) or an item with its [`PyHash`]. A lookup probes `hash & mask`, then the 9
//! slots after it (when they fit), then jumps to `(i * 5 + 1 + perturb) & mask` with `perturb`
//! shifted right 5 bits each time. `fill` counts items and dummies, `used` items. Adding an item to
//! an empty slot when `fill * 5 >= mask * 3` resizes to the smallest power of two above `used * 4`
//! (`used * 2` past 50000 items), re-inserting the items in old slot order. Every operation that
//! builds a set (`set(iterable)`, `|`, `&`, `-`, `^`, their methods and in-place forms, `copy`) does
//! what CPython's does, in its order: that is what fixes where each item lands. Iteration walks the
//! slots.
//!
//! CPython's order depends on the hashes, so str and bytes items follow it for `PYTHONHASHSEED=0`
//! (see [`crate::pyhash`]).

use crate::pyhash::PyHash;

const MINSIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone, Debug)]
enum Slot<T> {
    Empty,
    Dummy,
    Item(i64, T),
}

/// `set[T]` (and `frozenset[T]`), laid out as CPython lays it out.
#[derive(Clone, Debug)]
pub struct Set<T> {
    table: Vec<Slot<T>>,
    fill: usize,
    used: usize,
    /// Where `pop()` starts looking.
    finger: usize,
}

fn empty_table<T>(n: usize) -> Vec<Slot<T>> {
    let mut t = Vec::with_capacity(n);
    t.resize_with(n, || Slot::Empty);
    t
}

/// Where the probe sequence goes after a run of linear probes from `i`: `perturb` shifts right 5 bits
/// and the next run starts at `(i * 5 + 1 + perturb) & mask`.
fn next_run(i: usize, perturb: u64, mask: usize) -> (usize, u64) {
    let perturb = perturb >> PERTURB_SHIFT;
    (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize) & mask, perturb)
}

/// `set_insert_clean`: the first empty slot of the probe sequence (the table has no dummies).
fn insert_clean<T>(table: &mut [Slot<T>], hash: i64, key: T) {
    let mask = table.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        if matches!(table[i], Slot::Empty) {
            table[i] = Slot::Item(hash, key);
            return;
        }
        if i + LINEAR_PROBES <= mask {
            if let Some(slot) = table[i + 1..=i + LINEAR_PROBES].iter_mut().find(|s| matches!(s, Slot::Empty)) {
                *slot = Slot::Item(hash, key);
                return;
            }
        }
        (i, perturb) = next_run(i, perturb, mask);
    }
}

impl<T> Set<T> {
    /// `set()`.
    pub fn new() -> Self {
        Set { table: empty_table(MINSIZE), fill: 0, used: 0, finger: 0 }
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The items in slot order (CPython's iteration order).
    pub fn iter(&self) -> Iter<'_, T> {
        Iter { slots: self.table.iter(), left: self.used }
    }

    /// The items with their hashes, in slot order.
    fn entries(&self) -> impl Iterator<Item = (i64, &T)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Item(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// `set_table_resize`: a table of the smallest power of two (8 at least) above `minused`,
    /// holding the items in old slot order and no dummies.
    fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        if newsize == MINSIZE && self.table.len() == MINSIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.table, empty_table(newsize));
        for slot in old {
            if let Slot::Item(h, k) = slot {
                insert_clean(&mut self.table, h, k);
            }
        }
        self.fill = self.used;
    }

    /// `s.clear()`: back to the empty 8-slot table (the pop finger stays, as in CPython).
    pub fn clear(&mut self) {
        self.table = empty_table(MINSIZE);
        self.fill = 0;
        self.used = 0;
    }

    /// `s.pop()`: the first item at or after the finger, wrapping around.
    pub fn pop(&mut self) -> Option<T> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while !matches!(self.table[i], Slot::Item(..)) {
            i += 1;
            if i > mask {
                i = 0;
            }
        }
        let Slot::Item(_, key) = std::mem::replace(&mut self.table[i], Slot::Dummy) else { unreachable!() };
        self.used -= 1;
        self.finger = i + 1;
        Some(key)
    }
}

impl<T: PartialEq> Set<T> {
    /// `set_lookkey`: the slot holding `key`, if any.
    fn find(&self, key: &T, hash: i64) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => return None,
                    Slot::Item(h, k) if *h == hash && k == key => return Some(j),
                    _ => {}
                }
            }
            (i, perturb) = next_run(i, perturb, mask);
        }
    }

    /// `set_add_entry`: adds `key` unless present (the last dummy of the probe sequence is reused);
    /// true when added.
    fn add_entry(&mut self, hash: i64, key: T) -> bool {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot = None;
        let empty = 'probe: loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => break 'probe j,
                    Slot::Item(h, k) if *h == hash && *k == key => return false,
                    Slot::Dummy => freeslot = Some(j),
                    Slot::Item(..) => {}
                }
            }
            (i, perturb) = next_run(i, perturb, mask);
        };
        self.used += 1;
        if let Some(f) = freeslot {
            self.table[f] = Slot::Item(hash, key);
            return true;
        }
        self.table[empty] = Slot::Item(hash, key);
        self.fill += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(if self.used > 50000 { self.used * 2 } else { self.used * 4 });
        }
        true
    }

    /// `set_discard_entry`: the item becomes a dummy; true when it was there.
    fn discard_entry(&mut self, key: &T, hash: i64) -> bool {
        match self.find(key, hash) {
            Some(i) => {
                self.table[i] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        }
    }
}

impl<T: PyHash + PartialEq> Set<T> {
    /// `s.add(x)`; true when `x` was not there.
    pub fn insert(&mut self, x: T) -> bool {
        let h = x.py_hash();
        self.add_entry(h, x)
    }

    /// `x in s`.
    pub fn contains(&self, x: &T) -> bool {
        self.find(x, x.py_hash()).is_some()
    }

    /// `s.discard(x)`; true when `x` was there.
    pub fn remove(&mut self, x: &T) -> bool {
        self.discard_entry(x, x.py_hash())
    }

    /// `s.discard(x)` (IndexSet's name).
    pub fn shift_remove(&mut self, x: &T) -> bool {
        self.remove(x)
    }

    /// `s.discard(x)` (IndexSet's name).
    pub fn swap_remove(&mut self, x: &T) -> bool {
        self.remove(x)
    }

    /// The item equal to `x`, as held by the set.
    pub fn get(&self, x: &T) -> Option<&T> {
        self.find(x, x.py_hash()).and_then(|i| match &self.table[i] {
            Slot::Item(_, k) => Some(k),
            _ => None,
        })
    }

    /// `set_update_internal` for an iterable that is neither a set nor a dict: each item added in turn.
    pub fn update_iter(&mut self, items: impl IntoIterator<Item = T>) {
        for x in items {
            self.insert(x);
        }
    }

    /// `set_update_internal` for an exact dict: one resize for the whole dict first, then its keys
    /// in order.
    pub fn update_dict<'a, V>(&mut self, d: &'a crate::dict::Dict<T, V>)
    where
        T: Clone + std::hash::Hash + 'a,
    {
        let n = d.len();
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
        for k in d.keys() {
            self.add_entry(k.py_hash(), k.clone());
        }
    }
}

impl<T: PartialEq + Clone> Set<T> {
    /// `set_merge`: `self |= other` for a set `other`.
    pub fn update_set(&mut self, other: &Set<T>) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            for (dst, src) in self.table.iter_mut().zip(&other.table) {
                if let Slot::Item(h, k) = src {
                    *dst = Slot::Item(*h, k.clone());
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            for (h, k) in other.entries() {
                insert_clean(&mut self.table, h, k.clone());
            }
            self.fill = other.used;
            self.used = other.used;
            return;
        }
        for (h, k) in other.entries() {
            self.add_entry(h, k.clone());
        }
    }

    /// `s.copy()`, `set(s)`, `frozenset(s)`: a new set merged from this one.
    pub fn py_copy(&self) -> Set<T> {
        let mut out = Set::new();
        out.update_set(self);
        out
    }

    /// `set_intersection` with a set: the smaller set's items (in its order) found in the larger.
    pub fn intersection_set(&self, other: &Set<T>) -> Set<T> {
        if std::ptr::eq(self, other) {
            return self.py_copy();
        }
        let (small, big) = if other.len() > self.len() { (self, other) } else { (other, self) };
        let mut out = Set::new();
        for (h, k) in small.entries() {
            if big.find(k, h).is_some() {
                out.add_entry(h, k.clone());
            }
        }
        out
    }

    /// `set_difference` with a set: a fresh set of this one's items missing from `other`, or, when
    /// this set is more than four times larger, a copy with `other`'s items discarded.
    pub fn difference_set(&self, other: &Set<T>) -> Set<T> {
        if (self.len() >> 2) > other.len() {
            let mut out = self.py_copy();
            out.difference_update_set(other);
            return out;
        }
        let mut out = Set::new();
        for (h, k) in self.entries() {
            if other.find(k, h).is_none() {
                out.add_entry(h, k.clone());
            }
        }
        out
    }

    /// `set_difference_update_internal` with a set (`s -= t`, `s.difference_update(t)`).
    pub fn difference_update_set(&mut self, other: &Set<T>) {
        if (other.len() >> 3) > self.len() {
            let common = self.intersection_set(other);
            for (h, k) in common.entries() {
                self.discard_entry(k, h);
            }
        } else {
            for (h, k) in other.entries() {
                self.discard_entry(k, h);
            }
        }
        self.purge_dummies();
    }

    /// The end of `set_difference_update_internal`: when more than a quarter of the slots are
    /// dummies, a resize drops them.
    fn purge_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(if self.used > 50000 { self.used * 2 } else { self.used * 4 });
        }
    }

    /// `set_symmetric_difference_update` with a set (`s ^= t`): each of `other`'s items, in its
    /// order, discarded when present and added when not.
    pub fn symmetric_difference_update_set(&mut self, other: &Set<T>) {
        for (h, k) in other.entries() {
            if !self.discard_entry(k, h) {
                self.add_entry(h, k.clone());
            }
        }
    }

    /// `a ^ b`: a copy of `b` updated with `a`.
    pub fn symmetric_difference_set(&self, other: &Set<T>) -> Set<T> {
        let mut out = other.py_copy();
        out.symmetric_difference_update_set(self);
        out
    }

    /// `a | b`: a copy of `a` merged with `b`.
    pub fn union_set(&self, other: &Set<T>) -> Set<T> {
        let mut out = self.py_copy();
        if !std::ptr::eq(self, other) {
            out.update_set(other);
        }
        out
    }

    /// `a <= b`.
    pub fn is_subset(&self, other: &Set<T>) -> bool {
        self.len() <= other.len() && self.entries().all(|(h, k)| other.find(k, h).is_some())
    }

    /// `a >= b`.
    pub fn is_superset(&self, other: &Set<T>) -> bool {
        other.is_subset(self)
    }

    /// `a.isdisjoint(b)`.
    pub fn is_disjoint(&self, other: &Set<T>) -> bool {
        let (small, big) = if other.len() > self.len() { (self, other) } else { (other, self) };
        small.entries().all(|(h, k)| big.find(k, h).is_none())
    }
}

impl<T: PyHash + PartialEq + Clone> Set<T> {
    /// `set_intersection` with an iterable that is not a set: its items (in its order) found in
    /// this set, stopping once every item of this set was found.
    pub fn intersection_iter(&self, items: impl IntoIterator<Item = T>) -> Set<T> {
        let mut out = Set::new();
        for x in items {
            let h = x.py_hash();
            if self.find(&x, h).is_some() {
                out.add_entry(h, x);
                if out.len() >= self.len() {
                    break;
                }
            }
        }
        out
    }

    /// `set_difference_update_internal` with an iterable that is not a set: each item discarded.
    pub fn difference_update_iter(&mut self, items: impl IntoIterator<Item = T>) {
        for x in items {
            self.remove(&x);
        }
        self.purge_dummies();
    }

    /// `set_difference` with an iterable that is not a set or dict: a copy with its items discarded.
    pub fn difference_iter(&self, items: impl IntoIterator<Item = T>) -> Set<T> {
        let mut out = self.py_copy();
        out.difference_update_iter(items);
        out
    }

    /// `s.symmetric_difference_update(iterable)`: the iterable made a set first.
    pub fn symmetric_difference_update_iter(&mut self, items: impl IntoIterator<Item = T>) {
        let other: Set<T> = items.into_iter().collect();
        self.symmetric_difference_update_set(&other);
    }

    /// `s.symmetric_difference_update(d)` of an exact dict: each key, in the dict's order, discarded
    /// when present and added when not.
    pub fn symmetric_difference_update_keys(&mut self, keys: impl IntoIterator<Item = T>) {
        for k in keys {
            let h = k.py_hash();
            if !self.discard_entry(&k, h) {
                self.add_entry(h, k);
            }
        }
    }

    /// `s.intersection_update(...)`: the intersection's table replaces this one's (the finger stays).
    pub fn replace_table(&mut self, other: Set<T>) {
        self.table = other.table;
        self.fill = other.fill;
        self.used = other.used;
    }
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set::new()
    }
}

/// Set equality: the same items, whatever their places.
impl<T: PartialEq> PartialEq for Set<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.entries().all(|(h, k)| other.find(k, h).is_some())
    }
}
impl<T: Eq> Eq for Set<T> {}

/// `frozenset.__hash__`.
impl<T> PyHash for Set<T> {
    fn py_hash(&self) -> i64 {
        crate::pyhash::hash_frozenset(self.entries().map(|(h, _)| h))
    }
}

/// Rust's `Hash` (for a set inside a Rust-hashed value), consistent with `PartialEq`.
impl<T> std::hash::Hash for Set<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_i64(self.py_hash());
    }
}

/// `set(iterable)`: the items added in turn.
impl<T: PyHash + PartialEq> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut s = Set::new();
        s.update_iter(items);
        s
    }
}

impl<T: PyHash + PartialEq> Extend<T> for Set<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        self.update_iter(items);
    }
}

impl<'a, T: PyHash + PartialEq + Clone + 'a> Extend<&'a T> for Set<T> {
    fn extend<I: IntoIterator<Item = &'a T>>(&mut self, items: I) {
        self.update_iter(items.into_iter().cloned());
    }
}

impl<T: PyHash + PartialEq, const N: usize> From<[T; N]> for Set<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

/// The items of a set, in slot order.
pub struct Iter<'a, T> {
    slots: std::slice::Iter<'a, Slot<T>>,
    left: usize,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;
    fn next(&mut self) -> Option<&'a T> {
        for s in self.slots.by_ref() {
            if let Slot::Item(_, k) = s {
                self.left -= 1;
                return Some(k);
            }
        }
        None
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}
impl<T> ExactSizeIterator for Iter<'_, T> {}
impl<T> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Iter { slots: self.slots.clone(), left: self.left }
    }
}

/// The owned items of a set, in slot order.
pub struct IntoIter<T> {
    slots: std::vec::IntoIter<Slot<T>>,
    left: usize,
}

impl<T> Iterator for IntoIter<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        for s in self.slots.by_ref() {
            if let Slot::Item(_, k) = s {
                self.left -= 1;
                return Some(k);
            }
        }
        None
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}
impl<T> ExactSizeIterator for IntoIter<T> {}

impl<T> IntoIterator for Set<T> {
    type Item = T;
    type IntoIter = IntoIter<T>;
    fn into_iter(self) -> IntoIter<T> {
        IntoIter { left: self.used, slots: self.table.into_iter() }
    }
}

impl<'a, T> IntoIterator for &'a Set<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

/// A set display whose items are all constants and at least three (`{1, 2, 3}`): CPython 3.11
/// compiles it to a frozenset constant (the items added in turn, then added again in that set's
/// order when the compiler merges its constants, `merge_consts_recursive`) merged into a new set.
pub fn from_const_display<T: PyHash + PartialEq + Clone>(items: impl IntoIterator<Item = T>) -> Set<T> {
    from_const_frozenset(items).py_copy()
}

/// A frozenset constant of the compiler's: the items added in turn, then again in that set's order
/// (`merge_consts_recursive`). The iterable of a `for` or a comprehension that is a set display of
/// constants is one (the AST optimizer's `fold_iter`).
pub fn from_const_frozenset<T: PyHash + PartialEq>(items: impl IntoIterator<Item = T>) -> Set<T> {
    let first: Set<T> = items.into_iter().collect();
    first.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(s: &Set<i64>) -> Vec<i64> {
        s.iter().copied().collect()
    }

    // Inserts, lookups and add/discard churn stay linear (a million items well within a second in release).
    #[test]
    fn stays_linear() {
        let t = std::time::Instant::now();
        let mut s: Set<i64> = Set::new();
        for i in 0..1_000_000i64 {
            s.insert(i * 7919 - 500_000);
        }
        assert_eq!(s.len(), 1_000_000);
        assert!((0..1_000_000i64).all(|i| s.contains(&(i * 7919 - 500_000))));
        let mut c: Set<String> = Set::new();
        for i in 0..200_000 {
            c.insert(i.to_string());
            if i % 2 == 0 {
                c.remove(&(i / 2).to_string());
            }
        }
        for _ in 0..50_000 {
            c.pop();
        }
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }

    // Orders printed by CPython 3.11.
    #[test]
    fn orders_like_cpython() {
        let s: Set<i64> = [3, 1].into_iter().collect();
        assert_eq!(order(&s), vec![1, 3]);
        let s: Set<i64> = [100, 8, 16, -1, 0].into_iter().collect();
        assert_eq!(order(&s), vec![0, 100, 8, 16, -1]);
    }
}
