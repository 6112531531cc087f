//! Value JSON: the encoding of Python values that crosses the C ABI (arguments in,
//! results out), as fixed in DESIGN.md. `Value` is the dynamic form; `IntoValue` and
//! `FromValue` convert the typed Rust values generated code uses.
//!
//! Encoding: None/bool/str as JSON; int as an integer; float as a number that always
//! has a `.` or exponent (so it stays a float) or `{"float": "nan"|"inf"|"-inf"}`;
//! list/tuple as arrays; set as an array sorted by the JSON text of its items; dict
//! as an object whose non-str keys are their JSON text; bytes as `{"bytes": base64}`;
//! arrays as `{"ndarray": {"dtype", "shape", "data"}}`.
//!
//! "JSON text" for sorting and keys is Python's `json.dumps(x)` with its defaults
//! (ASCII only, `", "` and `": "` separators), so the order matches the reference side.

use crate::dict::{Dict, FloatKey, Set};
use crate::{PyErr, PyResult};
use std::fmt::Write;
use std::hash::Hash;

/// A Python value, dynamically typed. Equal as Python's `==` says (`1 == 1.0 == True`, dicts whatever their order;
/// `dynamic::eq`), so a dict keyed by dynamic values finds a key as CPython does.
#[derive(Debug, Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Value>),
    /// Insertion-ordered; keys are the JSON object keys.
    Dict(Vec<(String, Value)>),
    Bytes(Vec<u8>),
    NdArray { dtype: String, shape: Vec<usize>, data: NdData },
}

/// The flat, row-major elements of an array value.
#[derive(Debug, Clone, PartialEq)]
pub enum NdData {
    /// float16/bfloat16/float32/float64 (each element exactly as a double).
    Float(Vec<f64>),
    /// Signed and unsigned integer dtypes.
    Int(Vec<i64>),
    Bool(Vec<bool>),
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        crate::dynamic::eq(self, other)
    }
}

/// A dynamic value as a dict key or set member (`counts[rec["label"]] += 1` over JSON records): hashed consistently
/// with Python's `==` (an int, a bool and an integral float alike; a dict whatever its order). A list or dict key is
/// accepted where CPython raises TypeError (listed among the known differences).
impl Eq for Value {}

impl std::hash::Hash for Value {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            Value::None => 0u8.hash(state),
            Value::Bool(b) => (*b as i64).hash(state),
            Value::Int(i) => i.hash(state),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => (*f as i64).hash(state),
            Value::Float(f) => f.to_bits().hash(state),
            Value::Str(s) => s.hash(state),
            Value::List(xs) => xs.hash(state),
            Value::Dict(kv) => {
                // Order-insensitive, as equality is: the sum of the pairs' own hashes.
                let mut sum = 0u64;
                for (k, v) in kv {
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    k.hash(&mut h);
                    v.hash(&mut h);
                    sum = sum.wrapping_add(std::hash::Hasher::finish(&h));
                }
                sum.hash(state)
            }
            Value::Bytes(b) => b.hash(state),
            Value::NdArray { dtype, shape, .. } => {
                dtype.hash(state);
                shape.hash(state);
            }
        }
    }
}

impl Value {
    /// The Python type name, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "None",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Dict(_) => "dict",
            Value::Bytes(_) => "bytes",
            Value::NdArray { .. } => "ndarray",
        }
    }

    /// `type(v).__name__` of a dynamic value: its class as CPython names it (`NoneType` for None).
    pub fn py_class_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            other => other.type_name(),
        }
    }

    /// `len(v)` of a dynamic value (json.loads' result, a `.tolist()` of unknown rank), or
    /// CPython's TypeError for a value without a length.
    pub fn py_len(&self) -> PyResult<i64> {
        match self {
            Value::Str(s) => Ok(s.chars().count() as i64),
            Value::List(xs) => Ok(xs.len() as i64),
            Value::Dict(kv) => Ok(kv.len() as i64),
            Value::Bytes(b) => Ok(b.len() as i64),
            Value::NdArray { shape, .. } if !shape.is_empty() => Ok(shape[0] as i64),
            Value::NdArray { .. } => Err(PyErr::type_error("len() of unsized object")),
            other => Err(PyErr::type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            ))),
        }
    }

    /// Parses value JSON.
    pub fn parse_json(text: &str) -> PyResult<Value> {
        let mut p = Parser { s: text.as_bytes(), text, pos: 0, depth: 0 };
        p.skip_ws();
        let v = p.value()?;
        p.skip_ws();
        if p.pos != p.s.len() {
            return Err(p.error("extra data after the JSON value"));
        }
        Ok(v)
    }

    /// Compact value JSON (non-ASCII characters written as UTF-8).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out, Style::Compact);
        out
    }

    /// The text Python's `json.dumps(x)` gives with default options.
    pub fn to_python_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out, Style::Python);
        out
    }

    fn write_json(&self, out: &mut String, style: Style) {
        let (comma, colon) = match style {
            Style::Compact => (",", ":"),
            Style::Python => (", ", ": "),
        };
        match self {
            Value::None => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::Float(f) => write_float(out, *f, colon),
            Value::Str(s) => write_string(out, s, style),
            Value::List(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(comma);
                    }
                    v.write_json(out, style);
                }
                out.push(']');
            }
            Value::Dict(pairs) => {
                out.push('{');
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push_str(comma);
                    }
                    write_string(out, k, style);
                    out.push_str(colon);
                    v.write_json(out, style);
                }
                out.push('}');
            }
            Value::Bytes(b) => {
                out.push_str("{\"bytes\"");
                out.push_str(colon);
                out.push('"');
                out.push_str(&base64_encode(b));
                out.push_str("\"}");
            }
            Value::NdArray { dtype, shape, data } => {
                let _ = write!(out, "{{\"ndarray\"{colon}{{\"dtype\"{colon}");
                write_string(out, dtype, style);
                let _ = write!(out, "{comma}\"shape\"{colon}[");
                for (i, d) in shape.iter().enumerate() {
                    if i > 0 {
                        out.push_str(comma);
                    }
                    let _ = write!(out, "{d}");
                }
                let _ = write!(out, "]{comma}\"data\"{colon}[");
                let sep = |out: &mut String, i: usize| {
                    if i > 0 {
                        out.push_str(comma)
                    }
                };
                match data {
                    NdData::Float(xs) => xs.iter().enumerate().for_each(|(i, x)| {
                        sep(out, i);
                        write_float(out, *x, colon);
                    }),
                    NdData::Int(xs) => xs.iter().enumerate().for_each(|(i, x)| {
                        sep(out, i);
                        let _ = write!(out, "{x}");
                    }),
                    NdData::Bool(xs) => xs.iter().enumerate().for_each(|(i, x)| {
                        sep(out, i);
                        out.push_str(if *x { "true" } else { "false" });
                    }),
                }
                out.push_str("]}}");
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Style {
    Compact,
    Python,
}

fn write_float(out: &mut String, f: f64, colon: &str) {
    if f.is_finite() {
        // Python's repr: shortest round-trip, always a float literal ("1.0", "1e+16").
        out.push_str(&crate::float::repr(f));
    } else {
        let word = if f.is_nan() { "nan" } else if f > 0.0 { "inf" } else { "-inf" };
        let _ = write!(out, "{{\"float\"{colon}\"{word}\"}}");
    }
}

fn write_string(out: &mut String, s: &str, style: Style) {
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
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if matches!(style, Style::Python) && !c.is_ascii() => {
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

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64 (padding optional, whitespace ignored).
pub fn base64_decode(text: &str) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = B64
            .iter()
            .position(|&b| b == c)
            .ok_or_else(|| PyErr::value_error("invalid base64 data"))?;
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Parsing

const MAX_DEPTH: usize = 512;

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> PyErr {
        PyErr::value_error(format!("invalid value JSON at char {}: {what}", self.text[..self.pos.min(self.text.len())].chars().count()))
    }

    fn skip_ws(&mut self) {
        while matches!(self.s.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.s[self.pos..].starts_with(lit.as_bytes()) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> PyResult<Value> {
        match self.s.get(self.pos) {
            None => Err(self.error("unexpected end of input")),
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => Ok(Value::Str(self.string()?)),
            Some(b't') if self.eat("true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Value::Bool(false)),
            Some(b'n') if self.eat("null") => Ok(Value::None),
            // Python's json module also writes these.
            Some(b'N') if self.eat("NaN") => Ok(Value::Float(f64::NAN)),
            Some(b'I') if self.eat("Infinity") => Ok(Value::Float(f64::INFINITY)),
            Some(b'-') if self.eat("-Infinity") => Ok(Value::Float(f64::NEG_INFINITY)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn nested(&mut self, f: fn(&mut Self) -> PyResult<Value>) -> PyResult<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn number(&mut self) -> PyResult<Value> {
        let start = self.pos;
        if self.s[self.pos] == b'-' {
            self.pos += 1;
        }
        let int_start = self.pos;
        while self.s.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        let int_digits = self.pos - int_start;
        if int_digits == 0 || (int_digits > 1 && self.s[int_start] == b'0') {
            return Err(self.error("malformed number"));
        }
        let mut is_float = false;
        if self.s.get(self.pos) == Some(&b'.') {
            is_float = true;
            self.pos += 1;
            let f = self.pos;
            while self.s.get(self.pos).is_some_and(u8::is_ascii_digit) {
                self.pos += 1;
            }
            if self.pos == f {
                return Err(self.error("malformed number"));
            }
        }
        if matches!(self.s.get(self.pos), Some(b'e' | b'E')) {
            is_float = true;
            self.pos += 1;
            if matches!(self.s.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            let f = self.pos;
            while self.s.get(self.pos).is_some_and(u8::is_ascii_digit) {
                self.pos += 1;
            }
            if self.pos == f {
                return Err(self.error("malformed number"));
            }
        }
        let text = &self.text[start..self.pos];
        if is_float {
            text.parse().map(Value::Float).map_err(|_| self.error("malformed number"))
        } else {
            text.parse().map(Value::Int).map_err(|_| {
                PyErr::overflow_error(format!("int {text} does not fit in 64 bits"))
            })
        }
    }

    fn hex4(&mut self) -> PyResult<u32> {
        let h = self.s.get(self.pos..self.pos + 4).ok_or_else(|| self.error("bad \\u escape"))?;
        let h = std::str::from_utf8(h).map_err(|_| self.error("bad \\u escape"))?;
        let v = u32::from_str_radix(h, 16).map_err(|_| self.error("bad \\u escape"))?;
        self.pos += 4;
        Ok(v)
    }

    fn string(&mut self) -> PyResult<String> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&c) = self.s.get(self.pos) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.s.get(self.pos) {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = *self.s.get(self.pos).ok_or_else(|| self.error("bad escape"))?;
                    self.pos += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi) && self.eat("\\u") {
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("lone surrogate in string"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            let c = char::from_u32(cp).ok_or_else(|| self.error("lone surrogate in string"))?;
                            out.push(c);
                        }
                        _ => return Err(self.error("bad escape")),
                    }
                }
                Some(_) => return Err(self.error("control character in string")),
            }
        }
    }

    fn array(&mut self) -> PyResult<Value> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.eat("]") {
            return Ok(Value::List(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("]") {
                return Ok(Value::List(items));
            }
            return Err(self.error("expected ',' or ']'"));
        }
    }

    fn object(&mut self) -> PyResult<Value> {
        self.pos += 1;
        let mut pairs: Vec<(String, Value)> = Vec::new();
        self.skip_ws();
        if !self.eat("}") {
            loop {
                self.skip_ws();
                if self.s.get(self.pos) != Some(&b'"') {
                    return Err(self.error("expected a string key"));
                }
                let k = self.string()?;
                self.skip_ws();
                if !self.eat(":") {
                    return Err(self.error("expected ':'"));
                }
                self.skip_ws();
                let v = self.value()?;
                // A repeated key keeps its first position and takes the last value.
                match pairs.iter_mut().find(|(pk, _)| *pk == k) {
                    Some(slot) => slot.1 = v,
                    None => pairs.push((k, v)),
                }
                self.skip_ws();
                if self.eat(",") {
                    continue;
                }
                if self.eat("}") {
                    break;
                }
                return Err(self.error("expected ',' or '}'"));
            }
        }
        decode_tagged(pairs)
    }
}

/// Recognises the one-key tagged objects: `{"float": ...}`, `{"bytes": ...}`,
/// `{"ndarray": {...}}`. Anything else stays a dict.
fn decode_tagged(pairs: Vec<(String, Value)>) -> PyResult<Value> {
    if pairs.len() != 1 {
        return Ok(Value::Dict(pairs));
    }
    match (pairs[0].0.as_str(), &pairs[0].1) {
        ("float", Value::Str(w)) => match w.as_str() {
            "nan" => Ok(Value::Float(f64::NAN)),
            "inf" => Ok(Value::Float(f64::INFINITY)),
            "-inf" => Ok(Value::Float(f64::NEG_INFINITY)),
            _ => Ok(Value::Dict(pairs)),
        },
        ("bytes", Value::Str(b)) => Ok(Value::Bytes(base64_decode(b)?)),
        ("ndarray", Value::Dict(fields)) => decode_ndarray(fields),
        _ => Ok(Value::Dict(pairs)),
    }
}

fn decode_ndarray(fields: &[(String, Value)]) -> PyResult<Value> {
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let bad = |what: &str| PyErr::value_error(format!("invalid ndarray value: {what}"));
    let dtype = match field("dtype") {
        Some(Value::Str(s)) => s.clone(),
        _ => return Err(bad("missing \"dtype\"")),
    };
    let shape = match field("shape") {
        Some(Value::List(dims)) => dims
            .iter()
            .map(|d| match d {
                Value::Int(n) if *n >= 0 => Ok(*n as usize),
                _ => Err(bad("\"shape\" must hold non-negative ints")),
            })
            .collect::<PyResult<Vec<usize>>>()?,
        _ => return Err(bad("missing \"shape\"")),
    };
    let items = match field("data") {
        Some(Value::List(items)) => items,
        _ => return Err(bad("missing \"data\"")),
    };
    let expected = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    if expected != Some(items.len()) {
        return Err(bad("\"data\" length does not match \"shape\""));
    }
    let data = if dtype == "bool" {
        NdData::Bool(items.iter().map(|v| match v {
            Value::Bool(b) => Ok(*b),
            _ => Err(bad("bool array holds a non-bool")),
        }).collect::<PyResult<_>>()?)
    } else if dtype.starts_with("int") || dtype.starts_with("uint") {
        NdData::Int(items.iter().map(|v| match v {
            Value::Int(i) => Ok(*i),
            _ => Err(bad("integer array holds a non-int")),
        }).collect::<PyResult<_>>()?)
    } else {
        NdData::Float(items.iter().map(|v| match v {
            Value::Float(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            _ => Err(bad("float array holds a non-number")),
        }).collect::<PyResult<_>>()?)
    };
    Ok(Value::NdArray { dtype, shape, data })
}

// ---------------------------------------------------------------------------
// Typed conversions

/// Typed Rust value -> `Value` (function results).
pub trait IntoValue {
    fn into_value(self) -> Value;
}

/// `Value` -> typed Rust value (function arguments). `path` names the place for
/// errors, e.g. `argument 'x'` or `argument 'xs'[2]`.
pub trait FromValue: Sized {
    fn from_value(v: &Value, path: &str) -> PyResult<Self>;
}

fn mismatch(path: &str, expected: &str, v: &Value) -> PyErr {
    PyErr::type_error(format!("{path}: expected {expected}, got {}", v.type_name()))
}

impl IntoValue for Value {
    fn into_value(self) -> Value {
        self
    }
}
impl FromValue for Value {
    fn from_value(v: &Value, _path: &str) -> PyResult<Self> {
        Ok(v.clone())
    }
}

impl IntoValue for i64 {
    fn into_value(self) -> Value {
        Value::Int(self)
    }
}
/// An int; a JSON `true`/`false` is refused (it is almost always a mistake).
impl FromValue for i64 {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::Int(i) => Ok(*i),
            _ => Err(mismatch(path, "int", v)),
        }
    }
}

impl IntoValue for f64 {
    fn into_value(self) -> Value {
        Value::Float(self)
    }
}
/// A float; an int is accepted and converted, as Python would.
impl FromValue for f64 {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::Float(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            _ => Err(mismatch(path, "float", v)),
        }
    }
}

impl IntoValue for FloatKey {
    fn into_value(self) -> Value {
        Value::Float(self.0)
    }
}
impl FromValue for FloatKey {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        f64::from_value(v, path).map(FloatKey)
    }
}

impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value::Bool(self)
    }
}
/// A bool; ints are not accepted.
impl FromValue for bool {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::Bool(b) => Ok(*b),
            _ => Err(mismatch(path, "bool", v)),
        }
    }
}

impl IntoValue for String {
    fn into_value(self) -> Value {
        Value::Str(self)
    }
}
impl IntoValue for &str {
    fn into_value(self) -> Value {
        Value::Str(self.to_string())
    }
}
impl FromValue for String {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::Str(s) => Ok(s.clone()),
            _ => Err(mismatch(path, "str", v)),
        }
    }
}

impl IntoValue for () {
    fn into_value(self) -> Value {
        Value::None
    }
}
impl FromValue for () {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::None => Ok(()),
            _ => Err(mismatch(path, "None", v)),
        }
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self) -> Value {
        self.map_or(Value::None, IntoValue::into_value)
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::None => Ok(None),
            v => T::from_value(v, path).map(Some),
        }
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Value {
        Value::List(self.into_iter().map(IntoValue::into_value).collect())
    }
}
impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::from_value(item, &format!("{path}[{i}]")))
                .collect(),
            _ => Err(mismatch(path, "list", v)),
        }
    }
}

impl<T: IntoValue> IntoValue for Set<T> {
    /// An array sorted by the JSON text of the items.
    fn into_value(self) -> Value {
        let mut items: Vec<(String, Value)> = self
            .into_iter()
            .map(|t| {
                let v = t.into_value();
                (v.to_python_json(), v)
            })
            .collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        Value::List(items.into_iter().map(|(_, v)| v).collect())
    }
}
impl<T: FromValue + crate::PyHash + PartialEq> FromValue for Set<T> {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::from_value(item, &format!("{path}[{i}]")))
                .collect(),
            _ => Err(mismatch(path, "set (a JSON array)", v)),
        }
    }
}

/// A type usable as a dict key in value JSON, where keys are object keys (text).
pub trait DictKey: Sized {
    /// The object key: a str as itself, anything else as its JSON text.
    fn to_key(&self) -> String;
    fn from_key(key: &str, path: &str) -> PyResult<Self>;
}

/// A dynamic key: a str as itself, any other value as its JSON text (`json.dumps({1: "a"})` gives `{"1": "a"}`); a
/// key read back from JSON is a str.
impl DictKey for Value {
    fn to_key(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            other => other.to_python_json(),
        }
    }
    fn from_key(key: &str, _path: &str) -> PyResult<Self> {
        Ok(Value::Str(key.to_string()))
    }
}

impl DictKey for String {
    fn to_key(&self) -> String {
        self.clone()
    }
    fn from_key(key: &str, _path: &str) -> PyResult<Self> {
        Ok(key.to_string())
    }
}

macro_rules! json_text_key {
    ($($t:ty),*) => {
        $(impl DictKey for $t {
            fn to_key(&self) -> String {
                self.clone().into_value().to_python_json()
            }
            fn from_key(key: &str, path: &str) -> PyResult<Self> {
                let v = Value::parse_json(key).map_err(|_| {
                    PyErr::type_error(format!("{path}: key {key:?} is not the JSON text of a {}", stringify!($t)))
                })?;
                <$t>::from_value(&v, &format!("{path} key {key:?}"))
            }
        })*
    };
}

json_text_key!(i64, bool, FloatKey);

impl<K: DictKey + Hash + Eq, V: IntoValue> IntoValue for Dict<K, V> {
    fn into_value(self) -> Value {
        Value::Dict(self.into_iter().map(|(k, v)| (k.to_key(), v.into_value())).collect())
    }
}
impl<K: DictKey + Hash + Eq, V: FromValue> FromValue for Dict<K, V> {
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::Dict(pairs) => pairs
                .iter()
                .map(|(k, val)| {
                    let key = K::from_key(k, path)?;
                    let val = V::from_value(val, &format!("{path}[{}]", crate::repr::str_repr(k)))?;
                    Ok((key, val))
                })
                .collect(),
            _ => Err(mismatch(path, "dict", v)),
        }
    }
}

macro_rules! tuple_value {
    ($n:expr; $($name:ident $idx:tt),+) => {
        impl<$($name: IntoValue),+> IntoValue for ($($name,)+) {
            fn into_value(self) -> Value {
                Value::List(vec![$(self.$idx.into_value()),+])
            }
        }
        impl<$($name: FromValue),+> FromValue for ($($name,)+) {
            fn from_value(v: &Value, path: &str) -> PyResult<Self> {
                match v {
                    Value::List(items) if items.len() == $n => Ok((
                        $($name::from_value(&items[$idx], &format!("{path}[{}]", $idx))?,)+
                    )),
                    Value::List(items) => Err(PyErr::type_error(format!(
                        "{path}: expected a tuple of length {}, got a list of length {}", $n, items.len()
                    ))),
                    _ => Err(mismatch(path, "tuple", v)),
                }
            }
        }
        impl<$($name: DictKey + IntoValue + FromValue + Clone),+> DictKey for ($($name,)+) {
            fn to_key(&self) -> String {
                self.clone().into_value().to_python_json()
            }
            fn from_key(key: &str, path: &str) -> PyResult<Self> {
                let v = Value::parse_json(key).map_err(|_| {
                    PyErr::type_error(format!("{path}: key {key:?} is not the JSON text of a tuple"))
                })?;
                Self::from_value(&v, &format!("{path} key {key:?}"))
            }
        }
    };
}

tuple_value!(1; A 0);
tuple_value!(2; A 0, B 1);
tuple_value!(3; A 0, B 1, C 2);
tuple_value!(4; A 0, B 1, C 2, D 3);
tuple_value!(5; A 0, B 1, C 2, D 3, E 4);
tuple_value!(6; A 0, B 1, C 2, D 3, E 4, F 5);
tuple_value!(7; A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_value!(8; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_value!(9; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_value!(10; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_value!(11; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_value!(12; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// One field of an object value, converted: how a dataclass parameter reads its fields.
/// A missing field is a TypeError naming it, as a missing constructor argument is in Python.
/// A struct field with a default: a missing key takes `default()`, as the class would fill it in.
pub fn field_or<T: FromValue>(v: &Value, name: &str, path: &str, default: impl FnOnce() -> T) -> PyResult<T> {
    match v {
        Value::Dict(pairs) if !pairs.iter().any(|(k, _)| k == name) => Ok(default()),
        _ => field(v, name, path),
    }
}

pub fn field<T: FromValue>(v: &Value, name: &str, path: &str) -> PyResult<T> {
    match v {
        Value::Dict(pairs) => match pairs.iter().find(|(k, _)| k == name) {
            Some((_, x)) => T::from_value(x, &format!("{path}.{name}")),
            None => Err(PyErr::type_error(format!("{path}: missing field '{name}'"))),
        },
        other => Err(PyErr::type_error(format!("{path}: expected an object, got {}", other.type_name()))),
    }
}

/// `Cls(**mapping)` of a dataclass: CPython's TypeErrors for a key no field has and for missing required fields,
/// then the struct read from the mapping as from value JSON (defaults fill the fields the mapping leaves out).
pub fn struct_from_kwargs<T: FromValue>(v: Value, fields: &[&str], required: &[&str], name: &str) -> PyResult<T> {
    let Value::Dict(pairs) = &v else {
        return Err(PyErr::type_error(format!("{name}() argument after ** must be a mapping, not {}", v.type_name())));
    };
    if let Some((k, _)) = pairs.iter().find(|(k, _)| !fields.contains(&k.as_str())) {
        return Err(PyErr::type_error(format!("{name}.__init__() got an unexpected keyword argument '{k}'")));
    }
    let missing: Vec<String> =
        required.iter().filter(|f| !pairs.iter().any(|(k, _)| k == *f)).map(|f| format!("'{f}'")).collect();
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            n => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
        };
        let s = if missing.len() == 1 { "" } else { "s" };
        return Err(PyErr::type_error(format!(
            "{name}.__init__() missing {} required positional argument{s}: {list}",
            missing.len()
        )));
    }
    T::from_value(&v, name)
}
