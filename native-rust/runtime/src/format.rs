//! The format-spec mini-language of f-strings and `format()`, as CPython implements
//! it: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, with the
//! same outputs and the same ValueError messages.

use crate::{PyErr, PyResult};

#[derive(Debug, Clone, Default)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    no_neg_zero: bool,
    alternate: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_number(chars: &[char], pos: &mut usize) -> PyResult<Option<usize>> {
    let start = *pos;
    let mut v: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| PyErr::value_error("Too many decimal digits in format string"))?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(v))
}

fn parse_spec(spec: &str, type_name: &str, default_align: char, default_type: Option<char>) -> PyResult<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut pos = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    if c.len() >= 2 && is_align(c[1]) {
        s.fill = Some(c[0]);
        s.align = Some(c[1]);
        pos = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        s.align = Some(c[0]);
        pos = 1;
    }
    if let Some(&ch @ ('+' | '-' | ' ')) = c.get(pos) {
        s.sign = Some(ch);
        pos += 1;
    }
    if c.get(pos) == Some(&'z') {
        s.no_neg_zero = true;
        pos += 1;
    }
    if c.get(pos) == Some(&'#') {
        s.alternate = true;
        pos += 1;
    }
    if s.fill.is_none() && c.get(pos) == Some(&'0') {
        s.fill = Some('0');
        if s.align.is_none() && default_align == '>' {
            s.align = Some('=');
        }
        pos += 1;
    }
    s.width = parse_number(&c, &mut pos)?.unwrap_or(0);
    if let Some(&g @ (',' | '_')) = c.get(pos) {
        s.grouping = Some(g);
        pos += 1;
        if matches!(c.get(pos), Some(',' | '_')) {
            return Err(PyErr::value_error("Cannot specify both ',' and '_'."));
        }
    }
    if c.get(pos) == Some(&'.') {
        pos += 1;
        s.precision = parse_number(&c, &mut pos)?;
        if s.precision.is_none() {
            return Err(PyErr::value_error("Format specifier missing precision"));
        }
    }
    if c.len() - pos > 1 {
        return Err(PyErr::value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    s.ty = c.get(pos).copied();
    if let Some(g) = s.grouping {
        let ok = match s.ty.or(default_type) {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            _ => false,
        };
        if !ok {
            let t = s.ty.or(default_type).map_or(String::new(), String::from);
            return Err(PyErr::value_error(format!("Cannot specify '{g}' with '{t}'.")));
        }
    }
    Ok(s)
}

fn unknown_code(ty: char, type_name: &str) -> PyErr {
    PyErr::value_error(format!("Unknown format code '{ty}' for object of type '{type_name}'"))
}

/// Pads `body` (already including sign and prefix) to the spec's width.
fn align_pad(body: String, spec: &Spec, default_align: char, sign_prefix_len: usize) -> String {
    let n = body.chars().count();
    if spec.width <= n {
        return body;
    }
    let fill = spec.fill.unwrap_or(' ');
    let pad = spec.width - n;
    let (left, right) = match spec.align.unwrap_or(default_align) {
        '<' => (0, pad),
        '^' => (pad / 2, pad - pad / 2),
        '=' => {
            // Padding goes between the sign/prefix and the digits.
            let split = body.char_indices().nth(sign_prefix_len).map_or(body.len(), |(b, _)| b);
            let mut out = String::with_capacity(body.len() + pad);
            out.push_str(&body[..split]);
            out.extend(std::iter::repeat_n(fill, pad));
            out.push_str(&body[split..]);
            return out;
        }
        _ => (pad, 0),
    };
    let mut out = String::with_capacity(body.len() + pad);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(&body);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// Inserts thousands separators into `digits`, zero-padding to `min_width` when
/// asked, exactly as CPython's `_PyUnicode_InsertThousandsGrouping`.
fn group_digits(digits: &str, min_width: usize, sep: Option<char>, group: usize) -> String {
    let Some(sep) = sep else {
        let zeros = min_width.saturating_sub(digits.len());
        return "0".repeat(zeros) + digits;
    };
    let bytes = digits.as_bytes();
    let mut remaining = bytes.len() as i64;
    let mut min_width = min_width as i64;
    let mut parts: Vec<String> = Vec::new();
    let mut end = bytes.len();
    let group = group as i64;
    let take = |l: i64, remaining: &mut i64, end: &mut usize| {
        let n_zeros = (l - *remaining).max(0);
        let n_chars = (*remaining).min(l).max(0);
        let start = *end - n_chars as usize;
        let part = "0".repeat(n_zeros as usize) + &digits[start..*end];
        *end = start;
        *remaining -= n_chars;
        part
    };
    loop {
        let l = group.min(remaining.max(min_width).max(1));
        parts.push(take(l, &mut remaining, &mut end));
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    parts.reverse();
    parts.join(&sep.to_string())
}

/// Assembles sign + prefix + grouped digits + rest and pads it.
fn finish_number(spec: &Spec, negative: bool, prefix: &str, digits: &str, rest: &str, group: usize) -> String {
    let sign = if negative {
        "-"
    } else {
        match spec.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let lead = sign.len() + prefix.len();
    let zero_pad = spec.fill == Some('0') && spec.align == Some('=');
    let min_width = if zero_pad {
        spec.width.saturating_sub(lead + rest.chars().count())
    } else {
        0
    };
    let grouped = group_digits(digits, min_width, spec.grouping, group);
    let body = format!("{sign}{prefix}{grouped}{rest}");
    align_pad(body, spec, '>', lead)
}

fn format_int_spec(x: i64, spec: &Spec, type_name: &str) -> PyResult<String> {
    let ty = spec.ty.unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => return format_float_spec(x as f64, spec),
        _ => return Err(unknown_code(ty, type_name)),
    }
    if spec.precision.is_some() {
        return Err(PyErr::value_error("Precision not allowed in integer format specifier"));
    }
    if spec.no_neg_zero {
        return Err(PyErr::value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(PyErr::value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if spec.alternate {
            return Err(PyErr::value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        if !(0..=0x10FFFF).contains(&x) {
            return Err(PyErr::overflow_error("%c arg not in range(0x110000)"));
        }
        let ch = char::from_u32(x as u32)
            .ok_or_else(|| PyErr::value_error("%c of a surrogate code point is not supported"))?;
        return Ok(align_pad(ch.to_string(), spec, '>', 0));
    }
    let mag = x.unsigned_abs();
    let (digits, prefix, group) = match ty {
        'b' => (format!("{mag:b}"), "0b", 4),
        'o' => (format!("{mag:o}"), "0o", 4),
        'x' => (format!("{mag:x}"), "0x", 4),
        'X' => (format!("{mag:X}"), "0X", 4),
        _ => (mag.to_string(), "", 3),
    };
    let prefix = if spec.alternate { prefix } else { "" };
    Ok(finish_number(spec, x < 0, prefix, &digits, "", group))
}

/// `format(x, spec)` / `f"{x:spec}"` for an int.
pub fn format_int(x: i64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(x.to_string());
    }
    let s = parse_spec(spec, "int", '>', Some('d'))?;
    format_int_spec(x, &s, "int")
}

/// `format(b, spec)` for a bool: `str(b)` for an empty spec, otherwise as the int 0/1.
pub fn format_bool(b: bool, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(if b { "True" } else { "False" }.to_string());
    }
    let s = parse_spec(spec, "bool", '>', Some('d'))?;
    format_int_spec(b as i64, &s, "bool")
}

/// Strips trailing zeros (and a bare point) from the fraction of a fixed/sci mantissa.
fn strip_fraction_zeros(m: &str) -> String {
    if m.contains('.') {
        m.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        m.to_string()
    }
}

/// Rust's `1.5e3` to Python's `1.5e+03`.
fn python_exponent(rust_sci: &str, upper: bool) -> (String, String) {
    let (m, e) = rust_sci.split_once('e').unwrap_or((rust_sci, "0"));
    let e: i64 = e.parse().unwrap_or(0);
    let (sign, abs) = if e < 0 { ('-', -e) } else { ('+', e) };
    let exp = format!("{}{sign}{abs:02}", if upper { 'E' } else { 'e' });
    (m.to_string(), exp)
}

/// Formats |x| (finite) for a float presentation type; returns the text without sign.
fn float_body(ax: f64, ty: char, precision: Option<usize>, alternate: bool) -> String {
    let upper = matches!(ty, 'E' | 'F' | 'G');
    match ty {
        'f' | 'F' | '%' => {
            let p = precision.unwrap_or(6);
            let mut s = format!("{:.*}", p, ax);
            if alternate && p == 0 {
                s.push('.');
            }
            s
        }
        'e' | 'E' => {
            let p = precision.unwrap_or(6);
            let (mut m, e) = python_exponent(&format!("{:.*e}", p, ax), upper);
            if alternate && p == 0 {
                m.push('.');
            }
            m + &e
        }
        'g' | 'G' => general(ax, precision.unwrap_or(6), alternate, false, upper),
        // No type, with a precision: like 'g', but an integer result keeps ".0" and
        // the switch to exponent notation happens one digit earlier.
        'r' => general(ax, precision.unwrap_or(6), alternate, true, false),
        _ => String::new(),
    }
}

fn general(ax: f64, precision: usize, alternate: bool, add_dot_0: bool, upper: bool) -> String {
    let p = precision.max(1);
    // Round to p significant digits first: the exponent after rounding decides.
    let sci = format!("{:.*e}", p - 1, ax);
    let exp: i64 = sci.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0);
    let decpt = exp + 1;
    let limit = if add_dot_0 { p as i64 - 1 } else { p as i64 };
    if decpt <= -4 || decpt > limit {
        let (m, e) = python_exponent(&sci, upper);
        let m = if alternate {
            if m.contains('.') { m } else { m + "." }
        } else {
            strip_fraction_zeros(&m)
        };
        return m + &e;
    }
    let frac = (p as i64 - decpt).max(0) as usize;
    let mut s = format!("{:.*}", frac, ax);
    if !alternate {
        s = strip_fraction_zeros(&s);
        if add_dot_0 && !s.contains('.') {
            s.push_str(".0");
        }
    } else if !s.contains('.') {
        s.push('.');
    }
    s
}

fn format_float_spec(x: f64, spec: &Spec) -> PyResult<String> {
    let mut ty = spec.ty.unwrap_or('r');
    if !matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' | 'r') {
        return Err(unknown_code(ty, "float"));
    }
    if ty == 'n' {
        ty = 'g';
    }
    let upper = matches!(ty, 'E' | 'F' | 'G');
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(PyErr::value_error("precision too big"));
    }
    let val = if ty == '%' { x * 100.0 } else { x };
    let mut negative = val.is_sign_negative() && !val.is_nan();
    let ax = val.abs();
    let (digits, mut rest);
    if !val.is_finite() {
        let word = if val.is_nan() { "nan" } else { "inf" };
        digits = String::new();
        rest = if upper { word.to_uppercase() } else { word.to_string() };
    } else {
        let body = if ty == 'r' && spec.precision.is_none() {
            let r = crate::float::repr(ax);
            match r.find('e') {
                Some(e) if spec.alternate && !r.contains('.') => format!("{}.{}", &r[..e], &r[e..]),
                _ => r,
            }
        } else {
            float_body(ax, ty, spec.precision, spec.alternate)
        };
        if spec.no_neg_zero && negative && mantissa_is_zero(&body) {
            negative = false;
        }
        let split = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
        digits = body[..split].to_string();
        rest = body[split..].to_string();
    }
    if ty == '%' {
        rest.push('%');
    }
    if !val.is_finite() {
        // CPython zero-pads nan/inf like digits but never groups them.
        let spec = Spec { grouping: None, ..spec.clone() };
        return Ok(finish_number(&spec, negative, "", "", &rest, 3));
    }
    Ok(finish_number(spec, negative, "", &digits, &rest, 3))
}

fn mantissa_is_zero(body: &str) -> bool {
    let mantissa = body.split(['e', 'E']).next().unwrap_or(body);
    mantissa.bytes().all(|b| matches!(b, b'0' | b'.' | b'%'))
}

/// `format(x, spec)` / `f"{x:spec}"` for a float.
pub fn format_float(x: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(crate::float::repr(x));
    }
    let s = parse_spec(spec, "float", '>', None)?;
    format_float_spec(x, &s)
}

/// `format(s, spec)` / `f"{s:spec}"` for a str.
pub fn format_str(x: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(x.to_string());
    }
    let s = parse_spec(spec, "str", '<', Some('s'))?;
    if let Some(ty) = s.ty.filter(|&t| t != 's') {
        return Err(unknown_code(ty, "str"));
    }
    if s.sign.is_some() {
        return Err(PyErr::value_error("Sign not allowed in string format specifier"));
    }
    if s.no_neg_zero {
        return Err(PyErr::value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if s.alternate {
        return Err(PyErr::value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if s.align == Some('=') {
        return Err(PyErr::value_error("'=' alignment not allowed in string format specifier"));
    }
    let body: String = match s.precision {
        Some(p) => x.chars().take(p).collect(),
        None => x.to_string(),
    };
    Ok(align_pad(body, &s, '<', 0))
}

/// `format(x, spec)` for any value through its `str()`: what `{x:spec}` does for
/// types without their own `__format__` (only an empty spec or a str spec).
pub fn format_display<T: crate::PyRepr + ?Sized>(x: &T, spec: &str) -> PyResult<String> {
    format_str(&x.py_str(), spec)
}

/// The positional arguments of a run-time `str.format`: formats argument `i` for a field's spec and
/// conversion (`b's'`, `b'r'`, `b'a'`, or 0 for none); `None` when there is no such argument.
pub type FormatArgs<'a> = &'a dyn Fn(usize, &str, u8) -> Option<PyResult<String>>;
/// The keyword arguments of a run-time `str.format`, by name.
pub type FormatKwargs<'a> = &'a dyn Fn(&str, &str, u8) -> Option<PyResult<String>>;

/// `fmt.format(*args, **kwargs)` for a format string known only at run time, parsed as CPython's
/// `str.format` parses it (`{}`, `{0}`, `{name}`, `!r/!s/!a`, `:spec` with nested fields, `{{`/`}}`,
/// and its ValueError, IndexError and KeyError). `args(i, ...)` and `kwargs(name, ...)` format the
/// typed arguments. Attribute and index lookups in a field (`{0.x}`, `{0[k]}`) are not supported: a
/// ValueError says so.
pub fn format_runtime(fmt: &str, args: FormatArgs, kwargs: FormatKwargs) -> PyResult<String> {
    let mut auto = AutoNumber::Unset;
    format_level(fmt, args, kwargs, &mut auto, 2)
}

#[derive(Clone, Copy, PartialEq)]
enum AutoNumber {
    Unset,
    Auto(usize),
    Manual,
}

fn format_level(
    fmt: &str,
    args: FormatArgs,
    kwargs: FormatKwargs,
    auto: &mut AutoNumber,
    depth: u32,
) -> PyResult<String> {
    if depth == 0 {
        return Err(PyErr::value_error("Max string recursion exceeded"));
    }
    let mut out = String::with_capacity(fmt.len());
    let mut it = fmt.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '{' if it.peek().map(|p| p.1) == Some('{') => {
                it.next();
                out.push('{');
            }
            '}' if it.peek().map(|p| p.1) == Some('}') => {
                it.next();
                out.push('}');
            }
            '}' => return Err(PyErr::value_error("Single '}' encountered in format string")),
            '{' => {
                // The field runs to the '}' that balances this '{'.
                let mut level = 1;
                let mut end = None;
                for (j, d) in it.by_ref() {
                    match d {
                        '{' => level += 1,
                        '}' => {
                            level -= 1;
                            if level == 0 {
                                end = Some(j);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let Some(end) = end else {
                    return Err(PyErr::value_error(if i + 1 == fmt.len() {
                        "Single '{' encountered in format string"
                    } else {
                        "expected '}' before end of string"
                    }));
                };
                out.push_str(&format_field(&fmt[i + 1..end], args, kwargs, auto, depth)?);
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

fn format_field(
    field: &str,
    args: FormatArgs,
    kwargs: FormatKwargs,
    auto: &mut AutoNumber,
    depth: u32,
) -> PyResult<String> {
    // The name runs to the first '!' or ':' outside brackets.
    let mut name_end = field.len();
    let mut in_bracket = false;
    for (j, d) in field.char_indices() {
        match d {
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            '!' | ':' if !in_bracket => {
                name_end = j;
                break;
            }
            _ => {}
        }
    }
    let name = &field[..name_end];
    let rest = &field[name_end..];
    let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
        let mut cs = r.chars();
        let Some(cv) = cs.next() else {
            return Err(PyErr::value_error("end of string while looking for conversion specifier"));
        };
        let after = cs.as_str();
        let spec = match after.strip_prefix(':') {
            Some(s) => s,
            None if after.is_empty() => "",
            None => return Err(PyErr::value_error("expected ':' after conversion specifier")),
        };
        let conv = match cv {
            's' => b's',
            'r' => b'r',
            'a' => b'a',
            other => {
                return Err(PyErr::value_error(format!(
                    "Unknown conversion specifier {}",
                    if other.is_ascii() { other.to_string() } else { format!("\\x{:x}", other as u32) }
                )))
            }
        };
        (conv, spec)
    } else {
        (0, rest.strip_prefix(':').unwrap_or(""))
    };
    // A spec may hold fields of its own, formatted first.
    let spec = if spec.contains('{') || spec.contains('}') {
        format_level(spec, args, kwargs, auto, depth - 1)?
    } else {
        spec.to_string()
    };
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, tail) = name.split_at(first_end);
    if !tail.is_empty() {
        return Err(PyErr::value_error(format!(
            "the format field {{{name}}} reads an attribute or an item; a format string known only at run time \
             supports {{}}, {{0}} and {{name}} fields here"
        )));
    }
    let result = if first.is_empty() {
        let i = match *auto {
            AutoNumber::Manual => {
                return Err(PyErr::value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ))
            }
            AutoNumber::Unset => 0,
            AutoNumber::Auto(n) => n,
        };
        *auto = AutoNumber::Auto(i + 1);
        args(i, &spec, conv).ok_or_else(|| {
            PyErr::index_error(format!("Replacement index {i} out of range for positional args tuple"))
        })?
    } else if first.bytes().all(|b| b.is_ascii_digit()) {
        if let AutoNumber::Auto(_) = *auto {
            return Err(PyErr::value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        *auto = AutoNumber::Manual;
        let i: usize = first.parse().map_err(|_| PyErr::value_error("Too many decimal digits in format string"))?;
        args(i, &spec, conv).ok_or_else(|| {
            PyErr::index_error(format!("Replacement index {i} out of range for positional args tuple"))
        })?
    } else {
        kwargs(first, &spec, conv).ok_or_else(|| PyErr::key_error(first))?
    }?;
    Ok(result)
}

/// The text of one run-time format field from the value's str, repr and spec formatting: a
/// conversion gives a str that the spec then formats, as CPython does.
pub fn format_converted(
    conv: u8,
    spec: &str,
    str_form: impl FnOnce() -> String,
    repr_form: impl FnOnce() -> String,
    formatted: impl FnOnce() -> PyResult<String>,
) -> PyResult<String> {
    let converted = match conv {
        b's' => str_form(),
        b'r' => repr_form(),
        b'a' => crate::pystr::ascii_escape(&repr_form()),
        _ => return formatted(),
    };
    if spec.is_empty() {
        Ok(converted)
    } else {
        format_str(&converted, spec)
    }
}

/// A `%d`/`%i` field of a `%` format (`"%d" % x`, the spec already translated): an int or a bool as itself, a float
/// as its `int()` (truncated, with CPython's errors for inf and nan), anything else CPython's TypeError.
pub fn format_percent_int(v: &crate::Value, spec: &str) -> PyResult<String> {
    use crate::Value as V;
    match v {
        V::Bool(b) => format_int(*b as i64, spec),
        V::Int(i) => format_int(*i, spec),
        V::Float(f) => format_int(crate::float::to_int(*f)?, spec),
        other => Err(PyErr::type_error(format!(
            "%d format: a real number is required, not {}",
            match other {
                V::None => "NoneType",
                o => o.type_name(),
            }
        ))),
    }
}
