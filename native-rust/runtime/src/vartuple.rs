//! `tuple[T, ...]`: a tuple whose length only the running program knows. It holds its items as a
//! `Vec` (value JSON: a list, as CPython's json writes a tuple) and differs from a list where
//! Python's tuple does: its repr (`(1, 2)`, `(1,)`, `()`), hashing (a dict key or set item), and
//! no mutation (the compiler offers no mutating method on it).

use crate::builtins::{PyLen, PyTruth};
use crate::cmp::PyOrd;
use crate::value::{DictKey, FromValue, IntoValue, Value};
use crate::{PyErr, PyRepr, PyResult};
use std::cmp::Ordering;

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VarTuple<T>(pub Vec<T>);

impl<T> std::ops::Deref for VarTuple<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> IntoIterator for VarTuple<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a VarTuple<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> FromIterator<T> for VarTuple<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        VarTuple(iter.into_iter().collect())
    }
}

impl<T: Clone> VarTuple<T> {
    /// `t[i]`, negative from the end; IndexError as CPython's for a tuple.
    pub fn item(&self, i: i64) -> PyResult<T> {
        let n = self.0.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(PyErr::index_error("tuple index out of range"));
        }
        Ok(self.0[j as usize].clone())
    }

    /// `a + b`.
    pub fn concat(&self, other: &VarTuple<T>) -> VarTuple<T> {
        let mut v = self.0.clone();
        v.extend(other.0.iter().cloned());
        VarTuple(v)
    }

    /// `t * n` (n <= 0 gives the empty tuple).
    pub fn repeat(&self, n: i64) -> VarTuple<T> {
        let mut v = Vec::new();
        for _ in 0..n.max(0) {
            v.extend(self.0.iter().cloned());
        }
        VarTuple(v)
    }
}

impl<T: PartialEq> VarTuple<T> {
    /// `x in t`.
    pub fn contains_item(&self, x: &T) -> bool {
        self.0.iter().any(|y| y == x)
    }

    /// `t.count(x)`.
    pub fn count(&self, x: &T) -> i64 {
        self.0.iter().filter(|y| *y == x).count() as i64
    }

    /// `t.index(x)`: ValueError as CPython's when absent.
    pub fn index(&self, x: &T) -> PyResult<i64> {
        match self.0.iter().position(|y| y == x) {
            Some(i) => Ok(i as i64),
            None => Err(PyErr::value_error("tuple.index(x): x not in tuple")),
        }
    }
}

impl<T: PyRepr> PyRepr for VarTuple<T> {
    fn py_repr(&self) -> String {
        let items: Vec<String> = self.0.iter().map(|x| x.py_repr()).collect();
        if items.len() == 1 {
            format!("({},)", items[0])
        } else {
            format!("({})", items.join(", "))
        }
    }
}

impl<T> PyLen for VarTuple<T> {
    fn py_len(&self) -> i64 {
        self.0.len() as i64
    }
}

impl<T> PyTruth for VarTuple<T> {
    fn py_bool(&self) -> bool {
        !self.0.is_empty()
    }
}

impl<T: PyOrd> PyOrd for VarTuple<T> {
    fn py_cmp(&self, other: &Self) -> Ordering {
        self.0.py_cmp(&other.0)
    }
    fn py_lt(&self, other: &Self) -> bool {
        self.0.py_lt(&other.0)
    }
    fn py_le(&self, other: &Self) -> bool {
        self.0.py_le(&other.0)
    }
}

impl<T: IntoValue> IntoValue for VarTuple<T> {
    fn into_value(self) -> Value {
        self.0.into_value()
    }
}

impl<T: FromValue> FromValue for VarTuple<T> {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        Vec::<T>::from_value(v, path).map(VarTuple)
    }
}

impl<T: IntoValue + FromValue + Clone> DictKey for VarTuple<T> {
    fn to_key(&self) -> String {
        self.clone().into_value().to_python_json()
    }
    fn from_key(key: &str, path: &str) -> PyResult<Self> {
        let v = Value::parse_json(key)
            .map_err(|_| PyErr::type_error(format!("{path}: key {key:?} is not the JSON text of a tuple")))?;
        Self::from_value(&v, &format!("{path} key {key:?}"))
    }
}
