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

/// `json.loads(s)`: any JSON document as a dynamic value; malformed text is `JSONDecodeError` with CPython's
/// message, `msg`, `doc`, `pos`, `lineno` and `colno` (found by [`decode_error`], which walks the text as CPython's
/// `_json` scanner does).
pub fn loads(s: &str) -> PyResult<Value> {
    if s.starts_with('\u{feff}') {
        return Err(decode_err("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0));
    }
    Value::parse_json(s).map_err(|e| match decode_error(s) {
        Some((msg, pos)) => decode_err(msg, s, pos),
        // Text CPython accepts that a compiled value cannot hold (a lone surrogate such as "\ud800" in a str).
        None => {
            let msg = e.msg.strip_prefix("invalid value JSON at ").unwrap_or(&e.msg).to_string();
            PyErr::new(ErrKind::NotImplementedError, format!("json.loads: CPython accepts this text, compiled code cannot hold it ({msg})"))
        }
    })
}

/// `json.JSONDecodeError(msg, doc, pos)`: `str(e)` is `msg: line L column C (char P)`, and the attributes are read by
/// `e.msg`, `e.doc`, `e.pos`, `e.lineno`, `e.colno` (positions in code points, as CPython's str indices).
fn decode_err(msg: &str, doc: &str, pos: usize) -> PyErr {
    let before: Vec<char> = doc.chars().take(pos).collect();
    let lineno = before.iter().filter(|&&c| c == '\n').count() + 1;
    let colno = match before.iter().rposition(|&c| c == '\n') {
        Some(i) => pos - i,
        None => pos + 1,
    };
    let text = format!("{msg}: line {lineno} column {colno} (char {pos})");
    let mut e = PyErr::user(
        ErrKind::JSONDecodeError,
        &[],
        vec![Value::Str(text)],
        vec![
            ("msg", Value::Str(msg.to_string())),
            ("doc", Value::Str(doc.to_string())),
            ("pos", Value::Int(pos as i64)),
            ("lineno", Value::Int(lineno as i64)),
            ("colno", Value::Int(colno as i64)),
        ],
    );
    e.kind = ErrKind::JSONDecodeError;
    e
}

/// The first error CPython's `json.loads` reports for `s` (its C scanner, `Modules/_json.c`, and `raw_decode`), as
/// the message and the code-point position; None when CPython would accept the text.
pub fn decode_error(s: &str) -> Option<(&'static str, usize)> {
    let c: Vec<char> = s.chars().collect();
    let ws = |mut i: usize| {
        while i < c.len() && matches!(c[i], ' ' | '\t' | '\n' | '\r') {
            i += 1;
        }
        i
    };
    let start = ws(0);
    match scan_value(&c, start, 0) {
        Err(e) => Some(e),
        Ok(end) => {
            let end = ws(end);
            (end != c.len()).then_some(("Extra data", end))
        }
    }
}

// Err((msg, pos)): a JSONDecodeError; a StopIteration(pos) is "Expecting value" at pos.
fn scan_string(c: &[char], start: usize) -> Result<usize, (&'static str, usize)> {
    // `start` is past the opening quote.
    let begin = start - 1;
    let mut end = start;
    loop {
        let mut next = end;
        let mut found = None;
        while next < c.len() {
            let ch = c[next];
            if ch == '"' || ch == '\\' {
                found = Some(ch);
                break;
            }
            if (ch as u32) <= 0x1f {
                return Err(("Invalid control character at", next));
            }
            next += 1;
        }
        let Some(ch) = found else { return Err(("Unterminated string starting at", begin)) };
        if ch == '"' {
            return Ok(next + 1);
        }
        next += 1;
        if next == c.len() {
            return Err(("Unterminated string starting at", begin));
        }
        if c[next] != 'u' {
            end = next + 1;
            if !matches!(c[next], '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') {
                return Err(("Invalid \\escape", end - 2));
            }
        } else {
            next += 1;
            end = next + 4;
            if end >= c.len() {
                return Err(("Invalid \\uXXXX escape", next - 1));
            }
            let mut v: u32 = 0;
            while next < end {
                let Some(d) = c[next].to_digit(16) else { return Err(("Invalid \\uXXXX escape", end - 5)) };
                v = (v << 4) | d;
                next += 1;
            }
            if (0xd800..0xdc00).contains(&v) && end + 6 < c.len() && c[next] == '\\' && c[next + 1] == 'u' {
                next += 2;
                end += 6;
                let mut v2: u32 = 0;
                while next < end {
                    let Some(d) = c[next].to_digit(16) else { return Err(("Invalid \\uXXXX escape", end - 5)) };
                    v2 = (v2 << 4) | d;
                    next += 1;
                }
                if !(0xdc00..0xe000).contains(&v2) {
                    end -= 6;
                }
            }
        }
    }
}
fn scan_number(c: &[char], start: usize) -> Result<usize, (&'static str, usize)> {
    let end_idx = c.len() - 1;
    let mut idx = start;
    if c[idx] == '-' {
        idx += 1;
        if idx > end_idx {
            return Err(("Expecting value", start));
        }
    }
    let digit = |i: usize| i < c.len() && c[i].is_ascii_digit();
    if ('1'..='9').contains(&c[idx]) {
        idx += 1;
        while digit(idx) {
            idx += 1;
        }
    } else if c[idx] == '0' {
        idx += 1;
    } else {
        return Err(("Expecting value", start));
    }
    if idx < end_idx && c[idx] == '.' && digit(idx + 1) {
        idx += 2;
        while digit(idx) {
            idx += 1;
        }
    }
    if idx < end_idx && (c[idx] == 'e' || c[idx] == 'E') {
        let e_start = idx;
        idx += 1;
        if idx < end_idx && (c[idx] == '-' || c[idx] == '+') {
            idx += 1;
        }
        while digit(idx) {
            idx += 1;
        }
        if !c[idx - 1].is_ascii_digit() {
            idx = e_start;
        }
    }
    Ok(idx)
}
fn scan_value(c: &[char], idx: usize, depth: usize) -> Result<usize, (&'static str, usize)> {
    let ws = |mut i: usize| {
        while i < c.len() && matches!(c[i], ' ' | '\t' | '\n' | '\r') {
            i += 1;
        }
        i
    };
    if idx >= c.len() {
        return Err(("Expecting value", idx));
    }
    let word = |w: &str| c[idx..].iter().take(w.chars().count()).copied().eq(w.chars());
    match c[idx] {
        '"' => return scan_string(c, idx + 1),
        '{' => {
            if depth > 900 {
                return Err(("maximum recursion depth exceeded", idx));
            }
            let mut i = ws(idx + 1);
            if i < c.len() && c[i] == '}' {
                return Ok(i + 1);
            }
            loop {
                if i >= c.len() || c[i] != '"' {
                    return Err(("Expecting property name enclosed in double quotes", i));
                }
                i = ws(scan_string(c, i + 1)?);
                if i >= c.len() || c[i] != ':' {
                    return Err(("Expecting ':' delimiter", i));
                }
                i = ws(scan_value(c, ws(i + 1), depth + 1)?);
                if i < c.len() && c[i] == '}' {
                    return Ok(i + 1);
                }
                if i >= c.len() || c[i] != ',' {
                    return Err(("Expecting ',' delimiter", i));
                }
                i = ws(i + 1);
            }
        }
        '[' => {
            if depth > 900 {
                return Err(("maximum recursion depth exceeded", idx));
            }
            let mut i = ws(idx + 1);
            if i < c.len() && c[i] == ']' {
                return Ok(i + 1);
            }
            loop {
                i = ws(scan_value(c, i, depth + 1)?);
                if i < c.len() && c[i] == ']' {
                    return Ok(i + 1);
                }
                if i >= c.len() || c[i] != ',' {
                    return Err(("Expecting ',' delimiter", i));
                }
                i = ws(i + 1);
            }
        }
        'n' if word("null") => return Ok(idx + 4),
        't' if word("true") => return Ok(idx + 4),
        'f' if word("false") => return Ok(idx + 5),
        'N' if word("NaN") => return Ok(idx + 3),
        'I' if word("Infinity") => return Ok(idx + 8),
        '-' if word("-Infinity") => return Ok(idx + 9),
        _ => {}
    }
    scan_number(c, idx)
}

/// `json.JSONDecoder()`: the default decoder, whose `decode` is `json.loads` and whose `raw_decode` reads one
/// document at a position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decoder;

impl Decoder {
    /// `decoder.raw_decode(s, idx=0)`: the document that starts exactly at code point `idx` (no whitespace is
    /// skipped) and the index where it ends; CPython's JSONDecodeError when none starts there.
    pub fn raw_decode(&self, s: &str, idx: i64) -> PyResult<(Value, i64)> {
        if idx < 0 {
            return Err(PyErr::new(ErrKind::ValueError, "idx cannot be negative"));
        }
        let c: Vec<char> = s.chars().collect();
        let i = idx as usize;
        match scan_value(&c, i, 0) {
            Err((msg, pos)) => Err(decode_err(msg, s, pos)),
            Ok(end) => {
                let text: String = c[i..end].iter().collect();
                Ok((loads(&text)?, end as i64))
            }
        }
    }
    /// `decoder.decode(s)`: `json.loads(s)`.
    pub fn decode(&self, s: &str) -> PyResult<Value> {
        loads(s)
    }
}
