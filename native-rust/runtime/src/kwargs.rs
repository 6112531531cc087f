//! `f(**mapping)` of a dict whose keys only the running program knows, into a compiled function with named
//! parameters: each parameter the call leaves unbound is taken from the mapping by name, after the checks CPython's
//! argument binding makes (an unexpected key, a key already bound, the required parameters the mapping lacks), with
//! CPython's TypeError messages.

use crate::dict::Dict;
use crate::{PyErr, PyResult};

/// A function's parameters as a `**` call binds them.
pub struct Params<'a> {
    /// The function's name as CPython's TypeError spells it (`sample()`).
    pub name: &'a str,
    /// Every parameter name.
    pub all: &'a [&'a str],
    /// Parameters the call bound explicitly (positionally or by keyword).
    pub given: &'a [&'a str],
    /// Parameters without a default the call did not bind.
    pub required: &'a [&'a str],
}

fn check<V>(d: &Dict<String, V>, p: &Params) -> PyResult<()> {
    for k in d.keys() {
        if !p.all.contains(&k.as_str()) {
            return Err(PyErr::type_error(format!("{}() got an unexpected keyword argument '{}'", p.name, k)));
        }
        if p.given.contains(&k.as_str()) {
            return Err(PyErr::type_error(format!("{}() got multiple values for argument '{}'", p.name, k)));
        }
    }
    let missing: Vec<String> =
        p.required.iter().filter(|r| !d.contains_key(**r)).map(|r| format!("'{r}'")).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = match missing.len() {
        1 => missing[0].clone(),
        2 => format!("{} and {}", missing[0], missing[1]),
        n => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
    };
    let s = if missing.len() == 1 { "" } else { "s" };
    Err(PyErr::type_error(format!(
        "{}() missing {} required positional argument{s}: {list}",
        p.name,
        missing.len()
    )))
}

/// The value of a required parameter `key` (the binding checks first).
pub fn take<V: Clone>(d: &Dict<String, V>, key: &str, p: &Params) -> PyResult<V> {
    check(d, p)?;
    Ok(d.get(key).cloned().expect("checked: the mapping has every required key"))
}

/// The value of an optional parameter `key`, None when the mapping lacks it (the binding checks first).
pub fn take_opt<V: Clone>(d: &Dict<String, V>, key: &str, p: &Params) -> PyResult<Option<V>> {
    check(d, p)?;
    Ok(d.get(key).cloned())
}
