//! Python's `json.dumps` and `json.loads` over [`Value`]: the encoder writes exactly what
//! CPython's `json` module writes for the same options (`indent`, `separators`, `sort_keys`,
//! `ensure_ascii`, floats as `repr`, NaN and infinities as `NaN`/`Infinity`), and the decoder's
//! failures are `JSONDecodeError`, a ValueError.

use crate::value::Value;
use crate::{ErrKind, PyErr, PyResult};
use std::fmt::Write;

/// The options of one `json.dumps` call.
pub struct Dumps<'a> {
    /// `indent`: None for one line; else the text put once per level (an int n is n spaces).
    pub indent: Option<String>,
    /// `separators`: the item and key separators; None for CPython's defaults.
    pub separators: Option<(&'a str, &'a str)>,
    pub sort_keys: bool,
    pub ensure_ascii: bool,
}

/// An int `indent` as CPython reads it: that many spaces (none when it is 0 or negative).
pub fn indent_spaces(n: i64) -> String {
    " ".repeat(n.max(0) as usize)
}

/// `json.dumps(v, ...)`.
pub fn dumps(v: &Value, o: &Dumps) -> PyResult<String> {
    let (item, key) = o.separators.unwrap_or(if o.indent.is_some() { (",", ": ") } else { (", ", ": ") });
    let mut out = String::new();
    write(&mut out, v, o, item, key, 0)?;
    Ok(out)
}

fn newline(out: &mut String, o: &Dumps, level: usize) {
    if let Some(ind) = &o.indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str(ind);
        }
    }
}

fn write(out: &mut String, v: &Value, o: &Dumps, item: &str, key: &str, level: usize) -> PyResult<()> {
    match v {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => {
            if f.is_nan() {
                out.push_str("NaN")
            } else if f.is_infinite() {
                out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" })
            } else {
                out.push_str(&crate::float::repr(*f))
            }
        }
        Value::Str(s) => write_str(out, s, o.ensure_ascii),
        Value::List(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(item);
                }
                newline(out, o, level + 1);
                write(out, x, o, item, key, level + 1)?;
            }
            newline(out, o, level);
            out.push(']');
        }
        Value::Dict(pairs) => {
            if pairs.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            let mut order: Vec<&(String, Value)> = pairs.iter().collect();
            if o.sort_keys {
                order.sort_by(|a, b| a.0.cmp(&b.0));
            }
            out.push('{');
            for (i, (k, x)) in order.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(item);
                }
                newline(out, o, level + 1);
                write_str(out, k, o.ensure_ascii);
                out.push_str(key);
                write(out, x, o, item, key, level + 1)?;
            }
            newline(out, o, level);
            out.push('}');
        }
        Value::Bytes(_) | Value::NdArray { .. } => {
            return Err(PyErr::new(
                ErrKind::TypeError,
                format!("Object of type {} is not JSON serializable", v.type_name()),
            ))
        }
    }
    Ok(())
}

/// A JSON string as CPython's encoder writes it (`ensure_ascii` escapes every non-ASCII character).
fn write_str(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ensure_ascii && (c as u32) == 0x7f) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if ensure_ascii && !c.is_ascii() => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `json.loads(s)`: any JSON document as a dynamic value; malformed text is `JSONDecodeError`.
/// `json.loads(v)` of a dynamic value: a str (or UTF-8 bytes) is parsed; any other value is CPython's TypeError.
pub fn loads_value(v: &Value) -> PyResult<Value> {
    match v {
        Value::Str(s) => loads(s),
        Value::Bytes(b) => match std::str::from_utf8(b) {
            Ok(s) => loads(s.strip_prefix('\u{feff}').unwrap_or(s)),
            Err(_) => Err(PyErr::new(
                ErrKind::UnicodeDecodeError,
                "'utf-8' codec can't decode the JSON bytes".to_string(),
            )),
        },
        other => Err(PyErr::type_error(format!(
            "the JSON object must be str, bytes or bytearray, not {}",
            if matches!(other, Value::None) { "NoneType" } else { other.type_name() }
        ))),
    }
}

pub fn loads(s: &str) -> PyResult<Value> {
    Value::parse_json(s).map_err(|e| {
        let msg = e.msg.strip_prefix("invalid value JSON at ").unwrap_or(&e.msg).to_string();
        PyErr::new(ErrKind::JSONDecodeError, msg)
    })
}
