//! Operations on dynamic values (`rt::Value`): what `json.loads` returns, a `dict[str, Any]`'s
//! values, a `.tolist()` of unknown rank. Each follows CPython by the value's run-time type,
//! and raises CPython's exception where CPython would (a KeyError for a missing key, a
//! TypeError for a value that has no such operation).

use crate::value::NdData;
use crate::{PyErr, PyResult, Value};

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Bool(_) | Value::Int(_) | Value::Float(_))
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Bool(b) => *b as i64 as f64,
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        _ => f64::NAN,
    }
}

/// The type name CPython prints (`NoneType`, not `None`).
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::None => "NoneType",
        other => other.type_name(),
    }
}

/// `isinstance(v, (names...))` by the value's run-time type: a bool is also an int, as in CPython. No value JSON
/// makes a tuple or a set, so those classes never match; `bytes` matches a bytes value.
pub fn isinstance(v: &Value, names: &[&str]) -> bool {
    names.iter().any(|n| match (*n, v) {
        ("int", Value::Int(_) | Value::Bool(_)) => true,
        ("float", Value::Float(_)) => true,
        ("bool", Value::Bool(_)) => true,
        ("str", Value::Str(_)) => true,
        ("bytes", Value::Bytes(_)) => true,
        ("list", Value::List(_)) => true,
        ("dict", Value::Dict(_)) => true,
        _ => false,
    })
}

/// `v[start:stop:step]`: a list's or str's slice; CPython's TypeError for any other value.
pub fn getslice(v: &Value, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> PyResult<Value> {
    match v {
        Value::List(xs) => Ok(Value::List(crate::list::slice(xs, start, stop, step)?)),
        Value::Str(s) => Ok(Value::Str(crate::pystr::slice(s, start, stop, step)?)),
        Value::Bytes(b) => Ok(Value::Bytes(crate::list::slice(b, start, stop, step)?)),
        Value::Dict(_) => Err(PyErr::new(crate::ErrKind::TypeError, "unhashable type: 'slice'")),
        other => Err(PyErr::new(
            crate::ErrKind::TypeError,
            format!("'{}' object is not subscriptable", type_name(other)),
        )),
    }
}

/// `v[key]`: a dict by its (str) key, a list or str by an int index (negative from the end).
pub fn getitem(v: &Value, key: &Value) -> PyResult<Value> {
    match (v, key) {
        (Value::Dict(kv), _) => {
            let k = dict_key(key)?;
            kv.iter()
                .find(|(name, _)| Some(name.as_str()) == k)
                .map(|(_, x)| x.clone())
                .ok_or_else(|| PyErr::key_error(key))
        }
        (Value::List(xs), Value::Int(_) | Value::Bool(_)) => {
            let i = index(as_f64(key) as i64, xs.len(), "list")?;
            Ok(xs[i].clone())
        }
        (Value::Str(s), Value::Int(_) | Value::Bool(_)) => {
            let chars: Vec<char> = s.chars().collect();
            let i = index(as_f64(key) as i64, chars.len(), "string")?;
            Ok(Value::Str(chars[i].to_string()))
        }
        (Value::List(_), k) => Err(PyErr::type_error(format!(
            "list indices must be integers or slices, not {}",
            type_name(k)
        ))),
        (Value::Str(_), k) => Err(PyErr::type_error(format!(
            "string indices must be integers, not '{}'",
            type_name(k)
        ))),
        (other, _) => Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            type_name(other)
        ))),
    }
}

/// A dict value's keys are strs (JSON objects have no others), so only a str key can be
/// present; another hashable key is simply absent, and a list or dict is unhashable.
fn dict_key(key: &Value) -> PyResult<Option<&str>> {
    match key {
        Value::Str(s) => Ok(Some(s)),
        Value::List(_) | Value::Dict(_) => Err(PyErr::type_error(format!(
            "unhashable type: '{}'",
            type_name(key)
        ))),
        _ => Ok(None),
    }
}

fn index(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(PyErr::index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// `v.get(key, default)` on a dict value.
pub fn get(v: &Value, key: &Value, default: Value) -> PyResult<Value> {
    match v {
        Value::Dict(kv) => {
            let k = dict_key(key)?;
            Ok(kv
                .iter()
                .find(|(name, _)| Some(name.as_str()) == k)
                .map(|(_, x)| x.clone())
                .unwrap_or(default))
        }
        other => Err(no_attribute(other, "get")),
    }
}

fn no_attribute(v: &Value, name: &str) -> PyErr {
    PyErr::attribute_error(format!(
        "'{}' object has no attribute '{name}'",
        type_name(v)
    ))
}

/// `for x in v` of a dynamic value: a list's items, a dict's keys, a str's characters, bytes'
/// ints, an array's rows; CPython's TypeError for a value that is not iterable.
pub fn iter_items(v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(xs) => Ok(xs.clone()),
        Value::Dict(kv) => Ok(kv.iter().map(|(k, _)| Value::Str(k.clone())).collect()),
        Value::Str(s) => Ok(s.chars().map(|c| Value::Str(c.to_string())).collect()),
        Value::Bytes(b) => Ok(b.iter().map(|&x| Value::Int(x as i64)).collect()),
        Value::NdArray { dtype, shape, data } => {
            let Some((&n, rest)) = shape.split_first() else {
                return Err(PyErr::type_error("iteration over a 0-d array"));
            };
            let row: usize = rest.iter().product();
            Ok((0..n)
                .map(|i| {
                    let part = |r: std::ops::Range<usize>| match data {
                        NdData::Float(x) => NdData::Float(x[r].to_vec()),
                        NdData::Int(x) => NdData::Int(x[r].to_vec()),
                        NdData::Bool(x) => NdData::Bool(x[r].to_vec()),
                    };
                    let d = part(i * row..(i + 1) * row);
                    if rest.is_empty() {
                        match d {
                            NdData::Float(x) => Value::Float(x[0]),
                            NdData::Int(x) => Value::Int(x[0]),
                            NdData::Bool(x) => Value::Bool(x[0]),
                        }
                    } else {
                        Value::NdArray { dtype: dtype.clone(), shape: rest.to_vec(), data: d }
                    }
                })
                .collect())
        }
        other => Err(PyErr::type_error(format!("'{}' object is not iterable", type_name(other)))),
    }
}

/// `v.keys()` of a dict value, as a list.
pub fn keys(v: &Value) -> PyResult<Vec<String>> {
    match v {
        Value::Dict(kv) => Ok(kv.iter().map(|(k, _)| k.clone()).collect()),
        other => Err(no_attribute(other, "keys")),
    }
}

/// `v.values()` of a dict value, as a list.
pub fn values(v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::Dict(kv) => Ok(kv.iter().map(|(_, x)| x.clone()).collect()),
        other => Err(no_attribute(other, "values")),
    }
}

/// `v.items()` of a dict value, as a list of pairs.
pub fn items(v: &Value) -> PyResult<Vec<(String, Value)>> {
    match v {
        Value::Dict(kv) => Ok(kv.clone()),
        other => Err(no_attribute(other, "items")),
    }
}

/// `item in v`: a dict's keys, a list's items, a substring of a str.
pub fn contains(v: &Value, item: &Value) -> PyResult<bool> {
    match v {
        Value::Dict(kv) => {
            let k = dict_key(item)?;
            Ok(kv.iter().any(|(name, _)| Some(name.as_str()) == k))
        }
        Value::List(xs) => Ok(xs.iter().any(|x| eq(x, item))),
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.contains(sub.as_str())),
            other => Err(PyErr::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(other)
            ))),
        },
        other => Err(PyErr::type_error(format!(
            "argument of type '{}' is not iterable",
            type_name(other)
        ))),
    }
}

/// A dict key of a compiled type that a dynamic value can equal, as Python's `==` and hash decide: a str key only
/// from a str, an int key from an int, a bool or an integral float (`{1: "a"}.get(True)` finds `1`).
pub trait KeyFrom: Sized {
    fn key_from(v: &Value) -> Option<Self>;
}

impl KeyFrom for String {
    fn key_from(v: &Value) -> Option<Self> {
        match v {
            Value::Str(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl KeyFrom for i64 {
    fn key_from(v: &Value) -> Option<Self> {
        match v {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
            _ => None,
        }
    }
}

impl KeyFrom for bool {
    fn key_from(v: &Value) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            Value::Int(0) => Some(false),
            Value::Int(1) => Some(true),
            Value::Float(f) if *f == 0.0 || *f == 1.0 => Some(*f == 1.0),
            _ => None,
        }
    }
}

/// `v` as a lookup key of type `K`, or None where no key of that type equals it (the lookup then finds nothing, as
/// in CPython; a list or dict value is unhashable, a TypeError there).
pub fn key_as<K: KeyFrom>(v: &Value) -> PyResult<Option<K>> {
    match v {
        Value::List(_) | Value::Dict(_) => Err(PyErr::type_error(format!("unhashable type: '{}'", type_name(v)))),
        _ => Ok(K::key_from(v)),
    }
}

/// `a == b` by Python's rules: numbers by value across bool, int and float; containers item by
/// item (dicts whatever their order); values of other differing types are unequal.
pub fn eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        _ if is_number(a) && is_number(b) => {
            // int against float compares exactly, as CPython does.
            match (a, b) {
                (Value::Float(f), other) | (other, Value::Float(f)) => {
                    let i = match other {
                        Value::Float(g) => return f == g,
                        Value::Bool(b) => *b as i64,
                        Value::Int(i) => *i,
                        _ => return false,
                    };
                    f.fract() == 0.0 && f.abs() < 9.3e18 && *f as i64 == i
                }
                _ => as_f64(a) == as_f64(b),
            }
        }
        (Value::List(x), Value::List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| eq(p, q)),
        (Value::Dict(x), Value::Dict(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && eq(v, v2)))
        }
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (
            Value::NdArray { dtype: d1, shape: s1, data: x },
            Value::NdArray { dtype: d2, shape: s2, data: y },
        ) => d1 == d2 && s1 == s2 && x == y,
        _ => false,
    }
}

/// `a < b` (and the other orderings, by `op`): numbers with numbers, strs with strs, lists
/// item by item; other pairs are CPython's TypeError.
pub fn compare(a: &Value, b: &Value, op: &str) -> PyResult<bool> {
    use std::cmp::Ordering;
    let ord = order(a, b).ok_or_else(|| unordered(a, b, op))?;
    // A NaN is neither less nor greater, nor equal.
    let Some(ord) = ord else { return Ok(false) };
    Ok(match op {
        "<" => ord == Ordering::Less,
        "<=" => ord != Ordering::Greater,
        ">" => ord == Ordering::Greater,
        _ => ord != Ordering::Less,
    })
}

/// Dynamic values in a sort, `min` or `max`: ordered as [`compare`] orders them; a pair that does not
/// compare is recorded (`crate::cmp::order_failed`) and the caller raises it when it is done, so a
/// sort of values CPython cannot order is its TypeError. NaN sorts after every number, as for floats.
impl crate::cmp::PyOrd for Value {
    fn py_cmp(&self, other: &Self) -> std::cmp::Ordering {
        match order(self, other) {
            Some(Some(o)) => o,
            Some(None) => crate::cmp::float_sort_cmp(as_f64(self), as_f64(other)),
            None => {
                crate::cmp::order_failed(unordered(self, other, "<"));
                std::cmp::Ordering::Equal
            }
        }
    }
    fn py_lt(&self, other: &Self) -> bool {
        compare(self, other, "<").unwrap_or_else(|e| {
            crate::cmp::order_failed(e);
            false
        })
    }
    fn py_le(&self, other: &Self) -> bool {
        compare(self, other, "<=").unwrap_or_else(|e| {
            crate::cmp::order_failed(e);
            false
        })
    }
    fn py_gt(&self, other: &Self) -> bool {
        compare(self, other, ">").unwrap_or_else(|e| {
            crate::cmp::order_failed(e);
            false
        })
    }
}

fn unordered(a: &Value, b: &Value, op: &str) -> PyErr {
    PyErr::type_error(format!(
        "'{op}' not supported between instances of '{}' and '{}'",
        type_name(a),
        type_name(b)
    ))
}

/// The order of two values: None when they do not compare; Some(None) when unordered (NaN).
fn order(a: &Value, b: &Value) -> Option<Option<std::cmp::Ordering>> {
    if is_number(a) && is_number(b) {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Some(Some(x.cmp(y)));
        }
        return Some(as_f64(a).partial_cmp(&as_f64(b)));
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(Some(x.cmp(y))),
        (Value::List(x), Value::List(y)) => {
            for (p, q) in x.iter().zip(y) {
                if !eq(p, q) {
                    return order(p, q);
                }
            }
            Some(Some(x.len().cmp(&y.len())))
        }
        _ => None,
    }
}

/// `float(v)`.
pub fn to_float(v: &Value) -> PyResult<f64> {
    match v {
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => Ok(as_f64(v)),
        Value::Str(s) => crate::float::parse(s),
        other => Err(PyErr::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            type_name(other)
        ))),
    }
}

/// A dynamic value as a slice bound (`text[e["start"]:e["end"]]` of a `dict[str, object]`): an int (or a bool, which
/// has `__index__`), or None for an open end; anything else raises CPython's TypeError.
pub fn slice_index(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::Int(i) => Ok(Some(*i)),
        Value::None => Ok(None),
        _ => Err(PyErr::type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// `int(v)`: floats truncate; strs parse in base 10.
pub fn to_int(v: &Value) -> PyResult<i64> {
    match v {
        Value::Bool(b) => Ok(*b as i64),
        Value::Int(i) => Ok(*i),
        Value::Float(f) => crate::float::to_int(*f),
        Value::Str(s) => crate::int::parse(s, 10),
        other => Err(PyErr::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            type_name(other)
        ))),
    }
}

/// Arithmetic between dynamic values (`+ - * / // % **`), by the operands' run-time types:
/// numbers with numbers, `+` joining strs and lists, `*` repeating them.
pub fn binop(a: &Value, b: &Value, op: &str) -> PyResult<Value> {
    use Value as V;
    let unsupported = || {
        PyErr::type_error(format!(
            "unsupported operand type(s) for {op}: '{}' and '{}'",
            type_name(a),
            type_name(b)
        ))
    };
    if is_number(a) && is_number(b) {
        let ints = !matches!(a, V::Float(_)) && !matches!(b, V::Float(_));
        if ints {
            let (x, y) = (as_f64(a) as i64, as_f64(b) as i64);
            let r = match op {
                "+" => x.checked_add(y),
                "-" => x.checked_sub(y),
                "*" => x.checked_mul(y),
                "/" => return crate::float::truediv(x as f64, y as f64).map(V::Float),
                "//" => return crate::int::floordiv(x, y).map(V::Int),
                "%" => return crate::int::modulo(x, y).map(V::Int),
                "**" if y >= 0 => return crate::int::pow(x, y).map(V::Int),
                "**" => return Ok(V::Float((x as f64).powf(y as f64))),
                _ => return Err(unsupported()),
            };
            return r
                .map(V::Int)
                .ok_or_else(PyErr::int_overflow);
        }
        let (x, y) = (as_f64(a), as_f64(b));
        return Ok(V::Float(match op {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => crate::float::truediv(x, y)?,
            "//" => crate::float::floordiv(x, y)?,
            "%" => crate::float::modulo(x, y)?,
            "**" => x.powf(y),
            _ => return Err(unsupported()),
        }));
    }
    match (a, b, op) {
        (V::Str(x), V::Str(y), "+") => Ok(V::Str(format!("{x}{y}"))),
        (V::List(x), V::List(y), "+") => Ok(V::List(x.iter().chain(y).cloned().collect())),
        (V::Str(s), V::Int(n), "*") | (V::Int(n), V::Str(s), "*") => {
            Ok(V::Str(s.repeat((*n).max(0) as usize)))
        }
        (V::List(s), V::Int(n), "*") | (V::Int(n), V::List(s), "*") => Ok(V::List(
            std::iter::repeat(s.iter().cloned())
                .take((*n).max(0) as usize)
                .flatten()
                .collect(),
        )),
        _ => Err(unsupported()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> Value {
        Value::parse_json(s).unwrap()
    }

    #[test]
    fn getitem_follows_python() {
        let v = j(r#"{"a": [1, 2.5, "x"], "b": null}"#);
        assert_eq!(getitem(&v, &Value::Str("a".into())).unwrap(), j("[1, 2.5, \"x\"]"));
        let e = getitem(&v, &Value::Str("z".into())).unwrap_err();
        assert_eq!(e.kind, crate::ErrKind::KeyError);
        let xs = j("[1, 2, 3]");
        assert_eq!(getitem(&xs, &Value::Int(-1)).unwrap(), Value::Int(3));
        assert_eq!(getitem(&xs, &Value::Int(3)).unwrap_err().kind, crate::ErrKind::IndexError);
        assert_eq!(getitem(&Value::None, &Value::Int(0)).unwrap_err().kind, crate::ErrKind::TypeError);
    }

    #[test]
    fn equality_and_order_cross_number_types() {
        assert!(eq(&Value::Int(1), &Value::Float(1.0)));
        assert!(eq(&Value::Bool(true), &Value::Int(1)));
        assert!(!eq(&Value::Int(1), &Value::Str("1".into())));
        assert!(eq(&j(r#"{"a": 1, "b": 2}"#), &j(r#"{"b": 2.0, "a": 1}"#)));
        assert!(compare(&Value::Int(2), &Value::Float(2.5), "<").unwrap());
        assert!(!compare(&Value::Float(f64::NAN), &Value::Int(1), ">=").unwrap());
        assert!(compare(&Value::Str("a".into()), &Value::Int(1), "<").is_err());
    }

    #[test]
    fn arithmetic_by_runtime_type() {
        assert_eq!(binop(&Value::Int(7), &Value::Int(2), "//").unwrap(), Value::Int(3));
        assert_eq!(binop(&Value::Int(7), &Value::Float(2.0), "/").unwrap(), Value::Float(3.5));
        assert_eq!(binop(&Value::Str("a".into()), &Value::Int(3), "*").unwrap(), Value::Str("aaa".into()));
        assert!(binop(&Value::Str("a".into()), &Value::Int(3), "+").is_err());
    }
}

/// `format(v, spec)` (`f"{v:.2f}"`) by the value's run-time type: an int, float, bool or str takes its own
/// format mini-language (and its ValueError); any other value only an empty spec (its `str()`), else CPython's
/// TypeError from `object.__format__`.
pub fn format_spec(v: &Value, spec: &str) -> PyResult<String> {
    match v {
        Value::Bool(b) => crate::format::format_bool(*b, spec),
        Value::Int(i) => crate::format::format_int(*i, spec),
        Value::Float(f) => crate::format::format_float(*f, spec),
        Value::Str(s) => crate::format::format_str(s, spec),
        other if spec.is_empty() => Ok(crate::PyRepr::py_str(other)),
        other => Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            type_name(other)
        ))),
    }
}
