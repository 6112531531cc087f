//! `collections.deque`: a double-ended queue with an optional `maxlen`, as CPython's
//! `_collections.deque`. Items live in a `VecDeque`, so both ends are O(1) (a BFS queue's
//! `popleft` does not shift the rest). A bounded deque drops items from the opposite end
//! when it is full, and every error is CPython's exception and message.
//!
//! In value JSON a deque is a list (its `maxlen` does not cross); `FromValue` builds an
//! unbounded deque from a list.

use crate::cmp::PyOrd;
use crate::value::{FromValue, IntoValue, Value};
use crate::{PyErr, PyRepr, PyResult};
use std::cmp::Ordering;
use std::collections::VecDeque;
use std::hash::{Hash, Hasher};

#[derive(Clone, Debug)]
pub struct Deque<T> {
    items: VecDeque<T>,
    maxlen: Option<usize>,
}

impl<T> Default for Deque<T> {
    fn default() -> Self {
        Deque { items: VecDeque::new(), maxlen: None }
    }
}

fn index_error() -> PyErr {
    PyErr::index_error("deque index out of range")
}

fn empty_error() -> PyErr {
    PyErr::index_error("pop from an empty deque")
}

impl<T> Deque<T> {
    /// `deque()`.
    pub fn new() -> Self {
        Self::default()
    }

    /// `deque(iterable, maxlen)`: a bounded deque keeps the last `maxlen` items.
    pub fn from_iter_maxlen<I: IntoIterator<Item = T>>(items: I, maxlen: Option<i64>) -> PyResult<Self> {
        let maxlen = match maxlen {
            Some(n) if n < 0 => return Err(PyErr::value_error("maxlen must be non-negative")),
            Some(n) => Some(n as usize),
            None => None,
        };
        let mut d = Deque { items: VecDeque::new(), maxlen };
        d.extend(items);
        Ok(d)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::collections::vec_deque::Iter<'_, T> {
        self.items.iter()
    }

    /// `d.maxlen`.
    pub fn maxlen(&self) -> Option<i64> {
        self.maxlen.map(|n| n as i64)
    }

    /// `d.append(x)`: a full deque drops its leftmost item.
    pub fn append(&mut self, x: T) {
        if self.maxlen == Some(0) {
            return;
        }
        if Some(self.items.len()) == self.maxlen {
            self.items.pop_front();
        }
        self.items.push_back(x);
    }

    /// `d.appendleft(x)`: a full deque drops its rightmost item.
    pub fn appendleft(&mut self, x: T) {
        if self.maxlen == Some(0) {
            return;
        }
        if Some(self.items.len()) == self.maxlen {
            self.items.pop_back();
        }
        self.items.push_front(x);
    }

    /// `d.extend(iterable)`.
    pub fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for x in items {
            self.append(x);
        }
    }

    /// `d.extendleft(iterable)`: each item goes to the left, so they end up reversed.
    pub fn extendleft<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for x in items {
            self.appendleft(x);
        }
    }

    /// `d.pop()`.
    pub fn pop(&mut self) -> PyResult<T> {
        self.items.pop_back().ok_or_else(empty_error)
    }

    /// `d.popleft()`.
    pub fn popleft(&mut self) -> PyResult<T> {
        self.items.pop_front().ok_or_else(empty_error)
    }

    /// `d.rotate(n)`: n steps to the right (negative: to the left).
    pub fn rotate(&mut self, n: i64) {
        let len = self.items.len() as i64;
        if len <= 1 {
            return;
        }
        let k = n.rem_euclid(len) as usize;
        self.items.rotate_right(k);
    }

    /// `d.clear()`.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// `d.reverse()`.
    pub fn reverse(&mut self) {
        self.items.make_contiguous().reverse();
    }

    fn norm_index(&self, i: i64) -> Option<usize> {
        let n = self.items.len() as i64;
        let j = if i < 0 { i + n } else { i };
        (0..n).contains(&j).then_some(j as usize)
    }

    /// `d[i] = x`.
    pub fn setitem(&mut self, i: i64, x: T) -> PyResult<()> {
        let j = self.norm_index(i).ok_or_else(index_error)?;
        self.items[j] = x;
        Ok(())
    }

    /// `d[i]` as a place, for a mutating method on an item (`d[0].append(x)`).
    pub fn getitem_mut(&mut self, i: i64) -> PyResult<&mut T> {
        let j = self.norm_index(i).ok_or_else(index_error)?;
        Ok(&mut self.items[j])
    }

    /// `del d[i]`.
    pub fn delitem(&mut self, i: i64) -> PyResult<()> {
        let j = self.norm_index(i).ok_or_else(index_error)?;
        self.items.remove(j);
        Ok(())
    }

    /// `d.insert(i, x)`: the index is clamped as `list.insert` clamps it; a full bounded deque raises.
    pub fn insert(&mut self, i: i64, x: T) -> PyResult<()> {
        if Some(self.items.len()) == self.maxlen {
            return Err(PyErr::index_error("deque already at its maximum size"));
        }
        let n = self.items.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        self.items.insert(j as usize, x);
        Ok(())
    }
}

impl<T: Clone> Deque<T> {
    /// `d[i]`.
    pub fn getitem(&self, i: i64) -> PyResult<T> {
        let j = self.norm_index(i).ok_or_else(index_error)?;
        Ok(self.items[j].clone())
    }

    /// `a + b`: a copy of `a` (with its maxlen) extended by `b`.
    pub fn concat(&self, other: &Deque<T>) -> Deque<T> {
        let mut out = self.clone();
        out.extend(other.items.iter().cloned());
        out
    }

    /// `d * n`: the items `n` times over, bounded by `d`'s maxlen (which keeps the last ones).
    pub fn repeat(&self, n: i64) -> Deque<T> {
        let mut out = Deque { items: VecDeque::new(), maxlen: self.maxlen };
        for _ in 0..n.max(0) {
            if self.items.is_empty() {
                break;
            }
            out.extend(self.items.iter().cloned());
        }
        out
    }

    /// The items as a list (`list(d)`, value JSON).
    pub fn to_vec(&self) -> Vec<T> {
        self.items.iter().cloned().collect()
    }
}

impl<T: PartialEq> Deque<T> {
    pub fn contains(&self, x: &T) -> bool {
        self.items.contains(x)
    }

    /// `d.count(x)`.
    pub fn count(&self, x: &T) -> i64 {
        self.items.iter().filter(|y| *y == x).count() as i64
    }
}

impl<T: PartialEq + PyRepr> Deque<T> {
    /// `d.index(x, start, stop)`: start and stop are clamped as `list.index` clamps them.
    pub fn index(&self, x: &T, start: Option<i64>, stop: Option<i64>) -> PyResult<i64> {
        let n = self.items.len() as i64;
        let clamp = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
        let lo = clamp(start.unwrap_or(0));
        let hi = clamp(stop.unwrap_or(n));
        (lo..hi)
            .find(|&i| &self.items[i as usize] == x)
            .ok_or_else(|| PyErr::value_error(format!("{} is not in deque", x.py_repr())))
    }

    /// `d.remove(x)`: removes the first equal item.
    pub fn remove(&mut self, x: &T) -> PyResult<()> {
        let i = self
            .items
            .iter()
            .position(|y| y == x)
            .ok_or_else(|| PyErr::value_error(format!("{} is not in deque", x.py_repr())))?;
        self.items.remove(i);
        Ok(())
    }
}

// Equality and order compare the items only, as CPython's (the maxlen plays no part).
impl<T: PartialEq> PartialEq for Deque<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}
impl<T: Eq> Eq for Deque<T> {}
impl<T: Hash> Hash for Deque<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.items.hash(state)
    }
}

impl<T: PyOrd> PyOrd for Deque<T> {
    fn py_cmp(&self, other: &Self) -> Ordering {
        for (a, b) in self.items.iter().zip(other.items.iter()) {
            match a.py_cmp(b) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        self.items.len().cmp(&other.items.len())
    }
}

impl<T> FromIterator<T> for Deque<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        Deque { items: items.into_iter().collect(), maxlen: None }
    }
}

impl<T> IntoIterator for Deque<T> {
    type Item = T;
    type IntoIter = std::collections::vec_deque::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Deque<T> {
    type Item = &'a T;
    type IntoIter = std::collections::vec_deque::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// `deque([1, 2])`, `deque([1], maxlen=3)`; `str` is the same.
impl<T: PyRepr> PyRepr for Deque<T> {
    fn py_repr(&self) -> String {
        let items: Vec<String> = self.items.iter().map(|x| x.py_repr()).collect();
        match self.maxlen {
            Some(n) => format!("deque([{}], maxlen={n})", items.join(", ")),
            None => format!("deque([{}])", items.join(", ")),
        }
    }
}

impl<T> crate::builtins::PyLen for Deque<T> {
    fn py_len(&self) -> i64 {
        self.items.len() as i64
    }
}

impl<T> crate::builtins::PyTruth for Deque<T> {
    fn py_bool(&self) -> bool {
        !self.items.is_empty()
    }
}

impl<T: IntoValue> IntoValue for Deque<T> {
    fn into_value(self) -> Value {
        Value::List(self.items.into_iter().map(IntoValue::into_value).collect())
    }
}

impl<T: FromValue> FromValue for Deque<T> {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        Ok(Vec::<T>::from_value(v, path)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_deque_drops_from_the_other_end() {
        let mut d = Deque::from_iter_maxlen(vec![1, 2, 3], Some(2)).unwrap();
        assert_eq!(d.to_vec(), vec![2, 3]);
        d.appendleft(9);
        assert_eq!(d.to_vec(), vec![9, 2]);
        assert_eq!(d.py_repr(), "deque([9, 2], maxlen=2)");
        assert!(d.insert(0, 1).is_err());
        d.rotate(-3);
        assert_eq!(d.to_vec(), vec![2, 9]);
        assert_eq!(Deque::from_iter_maxlen(vec![1, 2, 3], Some(4)).unwrap().repeat(3).to_vec(), vec![3, 1, 2, 3]);
        assert_eq!(Deque::<i64>::new().pop().unwrap_err().to_string(), "IndexError: pop from an empty deque");
    }
}
