//! Python's `bytes` and `bytearray`, the codecs between them and `str` (utf-8, ascii, latin-1 with
//! strict, ignore, replace, backslashreplace and xmlcharrefreplace), and the binary-text modules
//! over them: `hashlib` (RustCrypto digests), `base64`, `binascii` and `zlib.crc32`/`adler32`,
//! `int.from_bytes`/`int.to_bytes`. Every failure is CPython's exception with CPython's message.
//!
//! Both types hold a `Vec<u8>` and dereference to `[u8]`, so every method is one function over a
//! byte slice; the generated code wraps a result in the receiver's type (`bytearray.upper()` is a
//! bytearray).

use crate::err::{ErrKind, PyErr, PyResult};
use crate::repr::PyRepr;
use std::ops::{Deref, DerefMut};

macro_rules! byte_type {
    ($name:ident, $py:literal) => {
        #[doc = concat!("Python's `", $py, "`.")]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(pub Vec<u8>);

        impl Deref for $name {
            type Target = [u8];
            fn deref(&self) -> &[u8] {
                &self.0
            }
        }

        impl From<Vec<u8>> for $name {
            fn from(v: Vec<u8>) -> Self {
                $name(v)
            }
        }

        impl IntoIterator for $name {
            type Item = i64;
            type IntoIter = std::iter::Map<std::vec::IntoIter<u8>, fn(u8) -> i64>;
            fn into_iter(self) -> Self::IntoIter {
                self.0.into_iter().map(i64::from as fn(u8) -> i64)
            }
        }

        impl<'a> IntoIterator for &'a $name {
            type Item = i64;
            type IntoIter = std::iter::Map<std::slice::Iter<'a, u8>, fn(&u8) -> i64>;
            fn into_iter(self) -> Self::IntoIter {
                self.0.iter().map((|b: &u8| i64::from(*b)) as fn(&u8) -> i64)
            }
        }

        impl crate::cmp::PyOrd for $name {
            fn py_cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.0.cmp(&other.0)
            }
        }

        impl $name {
            /// A literal: each char of `s` is one byte (the compiler writes bytes literals as latin-1 text).
            pub fn lit(s: &str) -> Self {
                $name(s.chars().map(|c| c as u32 as u8).collect())
            }
            /// `len(b)`.
            pub fn py_len(&self) -> i64 {
                self.0.len() as i64
            }
        }
    };
}

byte_type!(Bytes, "bytes");
byte_type!(ByteArray, "bytearray");

impl DerefMut for ByteArray {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }
}

/// The body of `repr(b)` with its quotes: `b'...'` as CPython writes it (double quotes when the
/// bytes hold a single quote and no double quote).
pub fn repr_body(b: &[u8]) -> String {
    repr_quoted(b, false)
}

/// `repr_body`, escaping every single quote when `always_escape_quote` (CPython's bytearray repr does).
fn repr_quoted(b: &[u8], always_escape_quote: bool) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut s = String::with_capacity(b.len() + 3);
    s.push('b');
    s.push(quote);
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            c if c == quote as u8 || (always_escape_quote && c == b'\'') => {
                s.push('\\');
                s.push(c as char);
            }
            c if c == quote as u8 => {
                s.push('\\');
                s.push(quote);
            }
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push(quote);
    s
}

impl PyRepr for Bytes {
    fn py_repr(&self) -> String {
        repr_body(&self.0)
    }
}

impl PyRepr for ByteArray {
    fn py_repr(&self) -> String {
        format!("bytearray({})", repr_quoted(&self.0, true))
    }
}

// ---- Construction ------------------------------------------------------------------------------

/// `bytes(n)`: n zero bytes.
pub fn zeros(n: i64) -> PyResult<Vec<u8>> {
    if n < 0 {
        return Err(PyErr::value_error("negative count"));
    }
    Ok(vec![0; n as usize])
}

/// `bytes(iterable_of_ints)`: ValueError for an item outside 0..=255.
pub fn from_ints<I: IntoIterator<Item = i64>>(items: I) -> PyResult<Vec<u8>> {
    items.into_iter().map(byte_value).collect()
}

/// An int that must be a byte (`bytes([...])`, `ba.append(x)`, `ba[i] = x`).
pub fn byte_value(x: i64) -> PyResult<u8> {
    u8::try_from(x).map_err(|_| PyErr::value_error("byte must be in range(0, 256)"))
}

/// `bytes([...])` says "bytes must be in range(0, 256)"; the single-byte setters say "byte must be".
pub fn from_ints_checked<I: IntoIterator<Item = i64>>(items: I) -> PyResult<Vec<u8>> {
    items
        .into_iter()
        .map(|x| u8::try_from(x).map_err(|_| PyErr::value_error("bytes must be in range(0, 256)")))
        .collect()
}

/// `bytes.fromhex(s)`: pairs of hex digits, ASCII whitespace allowed before each pair.
pub fn fromhex(s: &str) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = s.chars().collect();
    let digit = |i: usize| -> Option<u8> { chars.get(i).and_then(|c| c.to_digit(16)).map(|d| d as u8) };
    let bad = |i: usize| PyErr::value_error(format!("non-hexadecimal number found in fromhex() arg at position {i}"));
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    while i < chars.len() {
        if is_space(chars[i]) {
            while i < chars.len() && is_space(chars[i]) {
                i += 1;
            }
            if i >= chars.len() {
                break;
            }
        }
        let hi = digit(i).ok_or_else(|| bad(i))?;
        let lo = digit(i + 1).ok_or_else(|| bad(i + 1))?;
        out.push(hi * 16 + lo);
        i += 2;
    }
    Ok(out)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// `b.hex()`, `b.hex(sep)`, `b.hex(sep, bytes_per_sep)` (groups counted from the right when positive).
pub fn hex(b: &[u8], sep: Option<&str>, bytes_per_sep: i64) -> PyResult<String> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let sep = match sep {
        None => None,
        Some(s) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_ascii() => Some(c),
                (Some(_), None) => return Err(PyErr::value_error("sep must be ASCII.")),
                _ => return Err(PyErr::value_error("sep must be length 1.")),
            }
        }
    };
    let mut out = String::with_capacity(b.len() * 3);
    let group = bytes_per_sep.unsigned_abs() as usize;
    for (i, &c) in b.iter().enumerate() {
        if let (Some(sep), true) = (sep, group > 0 && i > 0) {
            let boundary = if bytes_per_sep > 0 { (b.len() - i) % group == 0 } else { i % group == 0 };
            if boundary {
                out.push(sep);
            }
        }
        out.push(DIGITS[(c >> 4) as usize] as char);
        out.push(DIGITS[(c & 15) as usize] as char);
    }
    Ok(out)
}

// ---- Codecs ------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    /// utf-8 with a byte order mark: written first on encoding, skipped (when present) on decoding.
    Utf8Sig,
    Ascii,
    Latin1,
}

/// CPython's name lookup (`encodings.normalize_encoding` and its alias table) for the codecs here.
fn codec(encoding: &str) -> PyResult<Codec> {
    let norm: String = encoding
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect();
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Ok(Codec::Utf8),
        "utf_8_sig" | "utf8_sig" => Ok(Codec::Utf8Sig),
        "ascii" | "us_ascii" | "646" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" | "cp367" | "csascii"
        | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us" => Ok(Codec::Ascii),
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "iso_ir_100"
        | "csisolatin1" | "ibm819" | "iso_8859_1_1987" => Ok(Codec::Latin1),
        _ => Err(PyErr::not_implemented_error(format!(
            "the encoding {} is not supported here (utf-8, ascii and latin-1 are)",
            encoding.py_repr()
        ))),
    }
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 | Codec::Utf8Sig => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

fn unknown_handler(errors: &str) -> PyErr {
    PyErr::new(ErrKind::LookupError, format!("unknown error handler name '{errors}'"))
}

/// `b.decode(encoding, errors)`.
pub fn decode(b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let mut codec = codec(encoding)?;
    let b = if codec == Codec::Utf8Sig {
        codec = Codec::Utf8;
        b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b)
    } else {
        b
    };
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        // The next run of good input, then one error range [start, end) with its reason.
        let (good, bad): (usize, Option<(usize, &str)>) = match codec {
            Codec::Latin1 => {
                out.extend(b[i..].iter().map(|&c| c as char));
                return Ok(out);
            }
            Codec::Ascii => match b[i..].iter().position(|&c| c >= 0x80) {
                None => (b.len() - i, None),
                Some(k) => (k, Some((1, "ordinal not in range(128)"))),
            },
            Codec::Utf8 | Codec::Utf8Sig => match std::str::from_utf8(&b[i..]) {
                Ok(_) => (b.len() - i, None),
                Err(e) => {
                    let k = e.valid_up_to();
                    match e.error_len() {
                        None => (k, Some((b.len() - i - k, "unexpected end of data"))),
                        Some(n) => {
                            let c = b[i + k];
                            let start = n == 1 && ((0x80..=0xc1).contains(&c) || c >= 0xf5);
                            (k, Some((n, if start { "invalid start byte" } else { "invalid continuation byte" })))
                        }
                    }
                }
            },
        };
        // The good run is valid UTF-8 (ASCII is a subset).
        out.push_str(std::str::from_utf8(&b[i..i + good]).unwrap_or_default());
        i += good;
        let Some((n, reason)) = bad else { break };
        match errors {
            "strict" => {
                let what = if n == 1 {
                    format!("byte 0x{:02x} in position {i}", b[i])
                } else {
                    format!("bytes in position {}-{}", i, i + n - 1)
                };
                return Err(PyErr::new(
                    ErrKind::UnicodeDecodeError,
                    format!("'{}' codec can't decode {what}: {reason}", codec.name()),
                ));
            }
            "ignore" => {}
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => {
                for &c in &b[i..i + n] {
                    out.push_str(&format!("\\x{c:02x}"));
                }
            }
            _ => return Err(unknown_handler(errors)),
        }
        i += n;
    }
    Ok(out)
}

/// `s.encode(encoding, errors)`.
pub fn encode(s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = codec(encoding)?;
    if codec == Codec::Utf8 {
        return Ok(s.as_bytes().to_vec());
    }
    if codec == Codec::Utf8Sig {
        return Ok([b"\xef\xbb\xbf".as_slice(), s.as_bytes()].concat());
    }
    let limit: u32 = if codec == Codec::Ascii { 0x80 } else { 0x100 };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i] as u32;
        if c < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && chars[end] as u32 >= limit {
            end += 1;
        }
        match errors {
            "strict" => {
                let what = if end == i + 1 {
                    let esc = if c <= 0xff {
                        format!("\\x{c:02x}")
                    } else if c <= 0xffff {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\U{c:08x}")
                    };
                    format!("character '{esc}' in position {i}")
                } else {
                    format!("characters in position {}-{}", i, end - 1)
                };
                return Err(PyErr::new(
                    ErrKind::UnicodeEncodeError,
                    format!("'{}' codec can't encode {what}: ordinal not in range({limit})", codec.name()),
                ));
            }
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat(b'?').take(end - i)),
            "backslashreplace" => {
                for &ch in &chars[i..end] {
                    let c = ch as u32;
                    let esc = if c <= 0xff {
                        format!("\\x{c:02x}")
                    } else if c <= 0xffff {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\U{c:08x}")
                    };
                    out.extend_from_slice(esc.as_bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &ch in &chars[i..end] {
                    out.extend_from_slice(format!("&#{};", ch as u32).as_bytes());
                }
            }
            _ => return Err(unknown_handler(errors)),
        }
        i = end;
    }
    Ok(out)
}

// ---- Methods -----------------------------------------------------------------------------------

/// A sub-sequence argument: a bytes-like value or one int byte (`b.find(32)`, `32 in b`).
pub fn sub_byte(x: i64) -> PyResult<Vec<u8>> {
    Ok(vec![byte_value(x)?])
}

/// Python's `start`/`end` arguments as a range of `len` (CPython's ADJUST_INDICES): None when
/// `start` is past `end` (a start beyond the length finds nothing, not even an empty needle).
fn bounds(len: usize, start: Option<i64>, end: Option<i64>) -> Option<(usize, usize)> {
    let n = len as i64;
    let e = match end {
        None => n,
        Some(x) if x < 0 => (x + n).max(0),
        Some(x) => x.min(n),
    };
    let s = match start {
        None => 0,
        Some(x) if x < 0 => (x + n).max(0),
        Some(x) => x,
    };
    if s > e {
        None
    } else {
        Some((s as usize, e as usize))
    }
}

fn find_in(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(0);
    }
    hay.windows(sub.len()).position(|w| w == sub)
}

fn rfind_in(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(hay.len());
    }
    hay.windows(sub.len()).rposition(|w| w == sub)
}

/// `b.find(sub, start, end)`: -1 when absent.
pub fn find(b: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((s, e)) = bounds(b.len(), start, end) else { return -1 };
    find_in(&b[s..e], sub).map_or(-1, |k| (s + k) as i64)
}

/// `b.rfind(sub, start, end)`.
pub fn rfind(b: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((s, e)) = bounds(b.len(), start, end) else { return -1 };
    rfind_in(&b[s..e], sub).map_or(-1, |k| (s + k) as i64)
}

/// `b.index(sub, ...)`: ValueError when absent.
pub fn index(b: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> PyResult<i64> {
    match find(b, sub, start, end) {
        -1 => Err(PyErr::value_error("subsection not found")),
        k => Ok(k),
    }
}

/// `b.rindex(sub, ...)`.
pub fn rindex(b: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> PyResult<i64> {
    match rfind(b, sub, start, end) {
        -1 => Err(PyErr::value_error("subsection not found")),
        k => Ok(k),
    }
}

/// `b.count(sub, start, end)`: non-overlapping occurrences.
pub fn count(b: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((s, e)) = bounds(b.len(), start, end) else { return 0 };
    let hay = &b[s..e];
    if sub.is_empty() {
        return hay.len() as i64 + 1;
    }
    let (mut n, mut i) = (0, 0);
    while i + sub.len() <= hay.len() {
        if &hay[i..i + sub.len()] == sub {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    n
}

/// `sub in b`.
pub fn contains(b: &[u8], sub: &[u8]) -> bool {
    find_in(b, sub).is_some()
}

/// `b.startswith(prefix, start, end)` with one prefix or a tuple of them.
pub fn startswith(b: &[u8], prefixes: &[&[u8]], start: Option<i64>, end: Option<i64>) -> bool {
    bounds(b.len(), start, end).is_some_and(|(s, e)| prefixes.iter().any(|p| b[s..e].starts_with(p)))
}

/// `b.endswith(suffix, start, end)`.
pub fn endswith(b: &[u8], suffixes: &[&[u8]], start: Option<i64>, end: Option<i64>) -> bool {
    bounds(b.len(), start, end).is_some_and(|(s, e)| suffixes.iter().any(|p| b[s..e].ends_with(p)))
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `b.strip(chars)`, `lstrip`, `rstrip` (`which`: 0 both, 1 left, 2 right); no chars strips ASCII whitespace.
pub fn strip(b: &[u8], chars: Option<&[u8]>, which: u8) -> Vec<u8> {
    let drop = |c: &u8| match chars {
        None => is_ws(*c),
        Some(cs) => cs.contains(c),
    };
    let mut s = 0;
    let mut e = b.len();
    if which != 2 {
        while s < e && drop(&b[s]) {
            s += 1;
        }
    }
    if which != 1 {
        while e > s && drop(&b[e - 1]) {
            e -= 1;
        }
    }
    b[s..e].to_vec()
}

/// `b.split(sep, maxsplit)`; no separator splits on runs of ASCII whitespace.
pub fn split(b: &[u8], sep: Option<&[u8]>, maxsplit: i64) -> PyResult<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    match sep {
        Some(sep) => {
            if sep.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            let mut i = 0;
            while left > 0 {
                match find_in(&b[i..], sep) {
                    Some(k) => {
                        out.push(b[i..i + k].to_vec());
                        i += k + sep.len();
                        left -= 1;
                    }
                    None => break,
                }
            }
            out.push(b[i..].to_vec());
        }
        None => {
            let mut i = 0;
            loop {
                while i < b.len() && is_ws(b[i]) {
                    i += 1;
                }
                if i >= b.len() {
                    break;
                }
                if left == 0 {
                    out.push(b[i..].to_vec());
                    break;
                }
                let s = i;
                while i < b.len() && !is_ws(b[i]) {
                    i += 1;
                }
                out.push(b[s..i].to_vec());
                left -= 1;
            }
        }
    }
    Ok(out)
}

/// `b.rsplit(sep, maxsplit)`.
pub fn rsplit(b: &[u8], sep: Option<&[u8]>, maxsplit: i64) -> PyResult<Vec<Vec<u8>>> {
    if maxsplit < 0 {
        return split(b, sep, maxsplit);
    }
    let rev: Vec<u8> = b.iter().rev().copied().collect();
    let rsep: Option<Vec<u8>> = sep.map(|s| s.iter().rev().copied().collect());
    let mut parts = split(&rev, rsep.as_deref(), maxsplit)?;
    parts.reverse();
    for p in parts.iter_mut() {
        p.reverse();
    }
    Ok(parts)
}

/// `b.splitlines(keepends)`: \n, \r and \r\n only (bytes know no other line breaks).
pub fn splitlines(b: &[u8], keepends: bool) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let s = i;
        while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
            i += 1;
        }
        let mut e = i;
        if i < b.len() {
            i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            if keepends {
                e = i;
            }
        }
        out.push(b[s..e].to_vec());
    }
    out
}

/// `b.partition(sep)` (`right`: `rpartition`).
pub fn partition(b: &[u8], sep: &[u8], right: bool) -> PyResult<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let at = if right { rfind_in(b, sep) } else { find_in(b, sep) };
    Ok(match at {
        Some(k) => (b[..k].to_vec(), sep.to_vec(), b[k + sep.len()..].to_vec()),
        None if right => (Vec::new(), Vec::new(), b.to_vec()),
        None => (b.to_vec(), Vec::new(), Vec::new()),
    })
}

/// `b.replace(old, new, count)`.
pub fn replace(b: &[u8], old: &[u8], new: &[u8], count: i64) -> Vec<u8> {
    let mut left = if count < 0 { usize::MAX } else { count as usize };
    let mut out = Vec::with_capacity(b.len());
    if old.is_empty() {
        // Insert `new` before every byte and at the end, as CPython does.
        for (k, &c) in b.iter().enumerate() {
            if left > 0 {
                out.extend_from_slice(new);
                left -= 1;
            }
            out.push(c);
            let _ = k;
        }
        if left > 0 {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    while left > 0 {
        match find_in(&b[i..], old) {
            Some(k) => {
                out.extend_from_slice(&b[i..i + k]);
                out.extend_from_slice(new);
                i += k + old.len();
                left -= 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&b[i..]);
    out
}

/// `sep.join(items)`.
pub fn join<I, B>(sep: &[u8], items: I) -> Vec<u8>
where
    I: IntoIterator<Item = B>,
    B: Deref<Target = [u8]>,
{
    let mut out = Vec::new();
    for (k, x) in items.into_iter().enumerate() {
        if k > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(&x);
    }
    out
}

/// `b.upper()`, `lower()`, `swapcase()`, `capitalize()`, `title()`: ASCII letters only.
pub fn case(b: &[u8], how: &str) -> Vec<u8> {
    match how {
        "upper" => b.to_ascii_uppercase(),
        "lower" => b.to_ascii_lowercase(),
        "swapcase" => b
            .iter()
            .map(|c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect(),
        "capitalize" => b
            .iter()
            .enumerate()
            .map(|(k, c)| if k == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect(),
        _ => {
            let mut prev_cased = false;
            b.iter()
                .map(|&c| {
                    let r = if prev_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
                    prev_cased = c.is_ascii_alphabetic();
                    r
                })
                .collect()
        }
    }
}

/// The `is*` predicates over ASCII.
pub fn is(b: &[u8], what: &str) -> bool {
    let all = |f: fn(&u8) -> bool| !b.is_empty() && b.iter().all(f);
    match what {
        "isdigit" => all(u8::is_ascii_digit),
        "isalpha" => all(u8::is_ascii_alphabetic),
        "isalnum" => all(u8::is_ascii_alphanumeric),
        "isspace" => all(|c| is_ws(*c)),
        "isascii" => b.is_ascii(),
        "islower" => b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase),
        "isupper" => b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase),
        _ => {
            // istitle: uppercase only after uncased, lowercase only after cased, at least one cased.
            let (mut cased, mut prev) = (false, false);
            for &c in b {
                if c.is_ascii_uppercase() {
                    if prev {
                        return false;
                    }
                    prev = true;
                    cased = true;
                } else if c.is_ascii_lowercase() {
                    if !prev {
                        return false;
                    }
                    prev = true;
                    cased = true;
                } else {
                    prev = false;
                }
            }
            cased
        }
    }
}

/// `b.removeprefix(p)` / `removesuffix(s)`.
pub fn removeprefix(b: &[u8], p: &[u8]) -> Vec<u8> {
    b.strip_prefix(p).unwrap_or(b).to_vec()
}
pub fn removesuffix(b: &[u8], s: &[u8]) -> Vec<u8> {
    b.strip_suffix(s).unwrap_or(b).to_vec()
}

fn fill_byte(fill: &[u8], method: &str) -> PyResult<u8> {
    match fill {
        [c] => Ok(*c),
        _ => Err(PyErr::type_error(format!(
            "{method}() argument 2 must be a byte string of length 1, not bytes"
        ))),
    }
}

/// `b.ljust(width, fill)`, `rjust`, `center`.
pub fn pad(b: &[u8], width: i64, fill: &[u8], how: &str) -> PyResult<Vec<u8>> {
    let f = fill_byte(fill, how)?;
    let n = b.len() as i64;
    if width <= n {
        return Ok(b.to_vec());
    }
    let total = (width - n) as usize;
    let left = match how {
        "ljust" => 0,
        "rjust" => total,
        // CPython's center puts the odd extra byte on the left when the width is odd.
        _ => total / 2 + (total & width as usize & 1),
    };
    let mut out = vec![f; left];
    out.extend_from_slice(b);
    out.extend(std::iter::repeat(f).take(total - left));
    Ok(out)
}

/// `b.zfill(width)`.
pub fn zfill(b: &[u8], width: i64) -> Vec<u8> {
    let n = b.len() as i64;
    if width <= n {
        return b.to_vec();
    }
    let fill = (width - n) as usize;
    let mut out = Vec::with_capacity(width as usize);
    let signed = matches!(b.first(), Some(b'+') | Some(b'-'));
    if signed {
        out.push(b[0]);
    }
    out.extend(std::iter::repeat(b'0').take(fill));
    out.extend_from_slice(if signed { &b[1..] } else { b });
    out
}

/// `b[i]`: an int.
pub fn getitem(b: &[u8], i: i64, what: &str) -> PyResult<i64> {
    let n = b.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error(format!("{what} index out of range")));
    }
    Ok(b[j as usize] as i64)
}

/// `b * n`.
pub fn repeat(b: &[u8], n: i64) -> Vec<u8> {
    if n <= 0 {
        Vec::new()
    } else {
        b.repeat(n as usize)
    }
}

/// `a + b`.
pub fn concat(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    out
}

/// `ord(b)` of a length-1 bytes.
pub fn ord(b: &[u8]) -> PyResult<i64> {
    match b {
        [c] => Ok(*c as i64),
        _ => Err(PyErr::type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        ))),
    }
}

// ---- bytearray mutation ------------------------------------------------------------------------

impl ByteArray {
    /// `ba[i] = x`.
    pub fn setitem(&mut self, i: i64, x: i64) -> PyResult<()> {
        let n = self.0.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(PyErr::index_error("bytearray index out of range"));
        }
        self.0[j as usize] = byte_value(x)?;
        Ok(())
    }
    /// `ba.append(x)`.
    pub fn append(&mut self, x: i64) -> PyResult<()> {
        self.0.push(byte_value(x)?);
        Ok(())
    }
    /// `ba.extend(bytes)` or an iterable of ints.
    pub fn extend_ints<I: IntoIterator<Item = i64>>(&mut self, items: I) -> PyResult<()> {
        for x in items {
            self.0.push(byte_value(x)?);
        }
        Ok(())
    }
    /// `ba.pop(i)`.
    pub fn pop(&mut self, i: i64) -> PyResult<i64> {
        if self.0.is_empty() {
            return Err(PyErr::index_error("pop from empty bytearray"));
        }
        let n = self.0.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(PyErr::index_error("pop index out of range"));
        }
        Ok(self.0.remove(j as usize) as i64)
    }
    /// `ba.insert(i, x)`.
    pub fn insert(&mut self, i: i64, x: i64) -> PyResult<()> {
        let v = byte_value(x)?;
        let n = self.0.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        self.0.insert(j as usize, v);
        Ok(())
    }
    /// `ba.remove(x)`.
    pub fn remove(&mut self, x: i64) -> PyResult<()> {
        let v = byte_value(x)?;
        match self.0.iter().position(|&c| c == v) {
            Some(k) => {
                self.0.remove(k);
                Ok(())
            }
            None => Err(PyErr::value_error("value not found in bytearray")),
        }
    }
}

// ---- int.from_bytes / int.to_bytes -------------------------------------------------------------

fn little(byteorder: &str) -> PyResult<bool> {
    match byteorder {
        "little" => Ok(true),
        "big" => Ok(false),
        _ => Err(PyErr::value_error("byteorder must be either 'little' or 'big'")),
    }
}

/// `int.from_bytes(b, byteorder, signed=...)`; OverflowError past 64 bits (Ingot's ints are i64).
pub fn int_from_bytes(b: &[u8], byteorder: &str, signed: bool) -> PyResult<i64> {
    let mut be: Vec<u8> = b.to_vec();
    if little(byteorder)? {
        be.reverse();
    }
    let negative = signed && be.first().is_some_and(|c| c & 0x80 != 0);
    let pad = if negative { 0xff } else { 0 };
    // Leading sign bytes carry no value.
    let first = be.iter().position(|&c| c != pad).unwrap_or(be.len());
    let rest = &be[first..];
    if rest.len() > 8 || (rest.len() == 8 && (rest[0] & 0x80 != 0) != negative) {
        return Err(PyErr::int_overflow());
    }
    let mut v: i64 = if negative { -1 } else { 0 };
    for &c in rest {
        v = (v << 8) | c as i64;
    }
    Ok(v)
}

/// `n.to_bytes(length, byteorder, signed=...)`.
pub fn int_to_bytes(n: i64, length: i64, byteorder: &str, signed: bool) -> PyResult<Vec<u8>> {
    let le = little(byteorder)?;
    if length < 0 {
        return Err(PyErr::value_error("length argument must be non-negative"));
    }
    if !signed && n < 0 {
        return Err(PyErr::overflow_error("can't convert negative int to unsigned"));
    }
    let len = length as usize;
    let fits = if len >= 8 {
        true
    } else if signed {
        let bits = 8 * len as u32;
        len > 0 && n >= -(1i64 << (bits - 1)) && n < (1i64 << (bits - 1)) || (len == 0 && n == 0)
    } else {
        (n as u64) < (1u64 << (8 * len as u32))
    };
    if !fits {
        return Err(PyErr::overflow_error("int too big to convert"));
    }
    let full = n.to_be_bytes();
    let pad = if n < 0 { 0xff } else { 0 };
    let mut out: Vec<u8> = if len >= 8 {
        let mut v = vec![pad; len - 8];
        v.extend_from_slice(&full);
        v
    } else {
        full[8 - len..].to_vec()
    };
    if le {
        out.reverse();
    }
    Ok(out)
}

// ---- base64, base16, binascii, crc32 -----------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn binascii_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ErrKind::BinasciiError, msg)
}

/// `base64.b64encode(b, altchars)` (`altchars` replaces `+` and `/`).
pub fn b64encode(b: &[u8], altchars: Option<&[u8]>) -> PyResult<Vec<u8>> {
    let alt = altchars.map(check_altchars).transpose()?;
    let mut out = Vec::with_capacity((b.len() + 2) / 3 * 4);
    for chunk in b.chunks(3) {
        let v = (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                let mut c = B64[((v >> (18 - 6 * k)) & 63) as usize];
                if let Some(a) = alt {
                    c = if c == b'+' { a[0] } else if c == b'/' { a[1] } else { c };
                }
                out.push(c);
            } else {
                out.push(b'=');
            }
        }
    }
    Ok(out)
}

fn check_altchars(a: &[u8]) -> PyResult<[u8; 2]> {
    match a {
        [x, y] => Ok([*x, *y]),
        _ => Err(PyErr::new(ErrKind::AssertionError, repr_body(a))),
    }
}

/// `base64.b64decode(b, altchars, validate)`: binascii's `a2b_base64` (strict mode when validating).
pub fn b64decode(b: &[u8], altchars: Option<&[u8]>, strict: bool) -> PyResult<Vec<u8>> {
    let data: Vec<u8> = match altchars {
        None => b.to_vec(),
        Some(a) => {
            let a = check_altchars(a)?;
            b.iter().map(|&c| if c == a[0] { b'+' } else if c == a[1] { b'/' } else { c }).collect()
        }
    };
    let value = |c: u8| B64.iter().position(|&x| x == c).map(|k| k as u8);
    if strict && data.first() == Some(&b'=') {
        return Err(binascii_error("Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut quad, mut left, mut pads, mut padding_started) = (0u8, 0u8, 0u8, false);
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if strict && quad == 0 {
                return Err(binascii_error("Excess padding not allowed"));
            }
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(binascii_error("Excess data after padding"));
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = value(c) else {
            if strict {
                return Err(binascii_error("Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(binascii_error("Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push((left << 6) | v);
                left = 0;
            }
        }
    }
    match quad {
        0 => Ok(out),
        1 => Err(binascii_error(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        ))),
        _ => Err(binascii_error("Incorrect padding")),
    }
}

/// The URL-safe alphabet (`-` and `_` for `+` and `/`) of `urlsafe_b64encode`/`urlsafe_b64decode`.
pub const URLSAFE: &[u8] = b"-_";

/// `base64.b16encode(b)`.
pub fn b16encode(b: &[u8]) -> Vec<u8> {
    hex(b, None, 1).unwrap_or_default().to_ascii_uppercase().into_bytes()
}

/// `base64.b16decode(b, casefold)`.
pub fn b16decode(b: &[u8], casefold: bool) -> PyResult<Vec<u8>> {
    let s: Vec<u8> = if casefold { b.to_ascii_uppercase() } else { b.to_vec() };
    if s.iter().any(|c| !(c.is_ascii_digit() || (b'A'..=b'F').contains(c))) {
        return Err(binascii_error("Non-base16 digit found"));
    }
    unhexlify(&s)
}

/// `binascii.unhexlify(b)` / `a2b_hex`.
pub fn unhexlify(b: &[u8]) -> PyResult<Vec<u8>> {
    if b.len() % 2 == 1 {
        return Err(binascii_error("Odd-length string"));
    }
    b.chunks(2)
        .map(|p| {
            let d = |c: u8| (c as char).to_digit(16).ok_or_else(|| binascii_error("Non-hexadecimal digit found"));
            Ok((d(p[0])? * 16 + d(p[1])?) as u8)
        })
        .collect()
}

/// A str argument where bytes are expected (`b64decode("...")`): ASCII only.
pub fn ascii_arg(s: &str) -> PyResult<Vec<u8>> {
    if s.is_ascii() {
        Ok(s.as_bytes().to_vec())
    } else {
        Err(PyErr::value_error("string argument should contain only ASCII characters"))
    }
}

/// `zlib.crc32(b, value)` / `binascii.crc32`: the unsigned CRC-32 (ISO-HDLC), continuing from `value`.
pub fn crc32(b: &[u8], value: i64) -> i64 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (n, slot) in t.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        t
    });
    let mut c = !(value as u32);
    for &x in b {
        c = table[((c ^ x as u32) & 0xff) as usize] ^ (c >> 8);
    }
    (!c) as i64
}

/// `zlib.adler32(b, value)`.
pub fn adler32(b: &[u8], value: i64) -> i64 {
    // zlib's adler32_z step for step (CPython calls it): the start value's halves are not reduced first, one byte
    // and short inputs reduce by subtraction, longer ones modulo BASE per NMAX block (u32 arithmetic, as in C).
    const BASE: u32 = 65521;
    const NMAX: usize = 5552;
    let v = value as u32;
    let (mut a, mut s) = (v & 0xffff, v >> 16);
    if b.len() == 1 {
        a = a.wrapping_add(b[0] as u32);
        if a >= BASE {
            a -= BASE;
        }
        s = s.wrapping_add(a);
        if s >= BASE {
            s -= BASE;
        }
        return ((s << 16) | a) as i64;
    }
    if b.len() < 16 {
        for &x in b {
            a = a.wrapping_add(x as u32);
            s = s.wrapping_add(a);
        }
        if a >= BASE {
            a -= BASE;
        }
        s %= BASE;
        return ((s << 16) | a) as i64;
    }
    for chunk in b.chunks(NMAX) {
        for &x in chunk {
            a = a.wrapping_add(x as u32);
            s = s.wrapping_add(a);
        }
        a %= BASE;
        s %= BASE;
    }
    ((s << 16) | a) as i64
}

// ---- hashlib -----------------------------------------------------------------------------------

/// A `hashlib` hash object; `update` feeds it, `digest`/`hexdigest` read it without finishing it.
#[derive(Clone)]
pub enum Hash {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Blake2b(blake2::Blake2bVar, usize),
    Blake2s(blake2::Blake2sVar, usize),
}

impl std::fmt::Debug for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} _hashlib.HASH object>", self.name())
    }
}

impl PyRepr for Hash {
    fn py_repr(&self) -> String {
        format!("<{} _hashlib.HASH object>", self.name())
    }
}

impl Hash {
    /// `hashlib.new(name, data)` and the named constructors (`hashlib.sha256(data)`).
    pub fn new(name: &str, data: &[u8]) -> PyResult<Hash> {
        use digest::Digest;
        let mut h = match name.to_ascii_lowercase().as_str() {
            "md5" => Hash::Md5(md5::Md5::new()),
            "sha1" => Hash::Sha1(sha1::Sha1::new()),
            "sha224" => Hash::Sha224(sha2::Sha224::new()),
            "sha256" => Hash::Sha256(sha2::Sha256::new()),
            "sha384" => Hash::Sha384(sha2::Sha384::new()),
            "sha512" => Hash::Sha512(sha2::Sha512::new()),
            "blake2b" => return Hash::blake2b(data, 64),
            "blake2s" => return Hash::blake2s(data, 32),
            _ => return Err(PyErr::value_error(format!("unsupported hash type {name}"))),
        };
        h.update(data);
        Ok(h)
    }

    /// `hashlib.blake2b(data, digest_size=n)`.
    pub fn blake2b(data: &[u8], size: i64) -> PyResult<Hash> {
        use digest::VariableOutput;
        if !(1..=64).contains(&size) {
            return Err(PyErr::value_error("digest_size must be between 1 and 64 bytes"));
        }
        let mut h = Hash::Blake2b(blake2::Blake2bVar::new(size as usize).map_err(|_| PyErr::value_error("digest_size"))?, size as usize);
        h.update(data);
        Ok(h)
    }

    /// `hashlib.blake2s(data, digest_size=n)`.
    pub fn blake2s(data: &[u8], size: i64) -> PyResult<Hash> {
        use digest::VariableOutput;
        if !(1..=32).contains(&size) {
            return Err(PyErr::value_error("digest_size must be between 1 and 32 bytes"));
        }
        let mut h = Hash::Blake2s(blake2::Blake2sVar::new(size as usize).map_err(|_| PyErr::value_error("digest_size"))?, size as usize);
        h.update(data);
        Ok(h)
    }

    /// `h.update(data)`.
    pub fn update(&mut self, data: &[u8]) {
        use digest::{Digest, Update};
        match self {
            Hash::Md5(h) => Digest::update(h, data),
            Hash::Sha1(h) => Digest::update(h, data),
            Hash::Sha224(h) => Digest::update(h, data),
            Hash::Sha256(h) => Digest::update(h, data),
            Hash::Sha384(h) => Digest::update(h, data),
            Hash::Sha512(h) => Digest::update(h, data),
            Hash::Blake2b(h, _) => Update::update(h, data),
            Hash::Blake2s(h, _) => Update::update(h, data),
        }
    }

    /// `h.digest()`: the hash so far (the object keeps accepting updates).
    pub fn digest(&self) -> Bytes {
        use digest::{Digest, VariableOutput};
        Bytes(match self.clone() {
            Hash::Md5(h) => h.finalize().to_vec(),
            Hash::Sha1(h) => h.finalize().to_vec(),
            Hash::Sha224(h) => h.finalize().to_vec(),
            Hash::Sha256(h) => h.finalize().to_vec(),
            Hash::Sha384(h) => h.finalize().to_vec(),
            Hash::Sha512(h) => h.finalize().to_vec(),
            Hash::Blake2b(h, n) => {
                let mut out = vec![0; n];
                let _ = h.finalize_variable(&mut out);
                out
            }
            Hash::Blake2s(h, n) => {
                let mut out = vec![0; n];
                let _ = h.finalize_variable(&mut out);
                out
            }
        })
    }

    /// `h.hexdigest()`.
    pub fn hexdigest(&self) -> String {
        hex(&self.digest(), None, 1).unwrap_or_default()
    }

    /// `h.name`.
    pub fn name(&self) -> &'static str {
        match self {
            Hash::Md5(_) => "md5",
            Hash::Sha1(_) => "sha1",
            Hash::Sha224(_) => "sha224",
            Hash::Sha256(_) => "sha256",
            Hash::Sha384(_) => "sha384",
            Hash::Sha512(_) => "sha512",
            Hash::Blake2b(..) => "blake2b",
            Hash::Blake2s(..) => "blake2s",
        }
    }

    /// `h.digest_size`.
    pub fn digest_size(&self) -> i64 {
        match self {
            Hash::Md5(_) => 16,
            Hash::Sha1(_) => 20,
            Hash::Sha224(_) => 28,
            Hash::Sha256(_) => 32,
            Hash::Sha384(_) => 48,
            Hash::Sha512(_) => 64,
            Hash::Blake2b(_, n) | Hash::Blake2s(_, n) => *n as i64,
        }
    }

    /// `h.block_size`.
    pub fn block_size(&self) -> i64 {
        match self {
            Hash::Sha384(_) | Hash::Sha512(_) | Hash::Blake2b(..) => 128,
            _ => 64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_escapes() {
        assert_eq!(Bytes(b"\x00ab'".to_vec()).py_repr(), "b\"\\x00ab'\"");
        assert_eq!(ByteArray(b"a\n".to_vec()).py_repr(), "bytearray(b'a\\n')");
    }

    #[test]
    fn digests() {
        assert_eq!(Hash::new("sha256", b"abc").unwrap().hexdigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(Hash::new("md5", b"").unwrap().hexdigest(), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(crc32(b"hello", 0), 907060870);
    }
}

// ---- struct ------------------------------------------------------------------------------------

/// One value packed or unpacked by `struct`: an int (and `?`), a float, or bytes (`c`, `s`).
#[derive(Clone, Debug, PartialEq)]
pub enum Packed {
    Int(i64),
    Float(f64),
    Bytes(Vec<u8>),
}

impl Packed {
    pub fn int(&self) -> i64 {
        match self {
            Packed::Int(x) => *x,
            _ => 0,
        }
    }
    pub fn float(&self) -> f64 {
        match self {
            Packed::Float(x) => *x,
            _ => 0.0,
        }
    }
    pub fn bool(&self) -> bool {
        self.int() != 0
    }
    pub fn bytes(&self) -> Bytes {
        match self {
            Packed::Bytes(b) => Bytes(b.clone()),
            _ => Bytes::default(),
        }
    }
}

fn struct_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ErrKind::StructError, msg)
}

/// A parsed format: byte order, native alignment, and the items (code, count).
struct Format {
    little: bool,
    native: bool,
    items: Vec<(char, usize)>,
}

fn parse_format(fmt: &str) -> PyResult<Format> {
    // CPython encodes a str format as ASCII first.
    encode(fmt, "ascii", "strict")?;
    let mut chars = fmt.chars().peekable();
    let (little, native) = match chars.peek() {
        Some('<') => (true, false),
        Some('>') | Some('!') => (false, false),
        Some('=') => (cfg!(target_endian = "little"), false),
        Some('@') => (cfg!(target_endian = "little"), true),
        _ => (cfg!(target_endian = "little"), true),
    };
    if matches!(chars.peek(), Some('<' | '>' | '!' | '=' | '@')) {
        chars.next();
    }
    let mut items = Vec::new();
    while let Some(c) = chars.next() {
        if c.is_ascii_whitespace() {
            continue;
        }
        let (count, code) = if c.is_ascii_digit() {
            let mut n = c.to_digit(10).unwrap_or(0) as usize;
            loop {
                match chars.next() {
                    Some(d) if d.is_ascii_digit() => n = n * 10 + d.to_digit(10).unwrap_or(0) as usize,
                    Some(code) => break (n, code),
                    None => return Err(struct_error("repeat count given without format specifier")),
                }
            }
        } else {
            (1, c)
        };
        let ok = match code {
            'x' | 'c' | 'b' | 'B' | '?' | 'h' | 'H' | 'i' | 'I' | 'l' | 'L' | 'q' | 'Q' | 'f' | 'd' | 's' => true,
            'n' | 'N' => native,
            _ => false,
        };
        if !ok {
            return Err(struct_error("bad char in struct format"));
        }
        items.push((code, count));
    }
    Ok(Format { little, native, items })
}

fn code_size(code: char, native: bool) -> usize {
    match code {
        'x' | 'c' | 'b' | 'B' | '?' | 's' => 1,
        'h' | 'H' => 2,
        'i' | 'I' | 'f' => 4,
        'l' | 'L' => {
            if native {
                8
            } else {
                4
            }
        }
        _ => 8,
    }
}

/// The layout: each value's (code, offset, size for `s`), and the total size.
fn layout(f: &Format) -> (Vec<(char, usize, usize)>, usize) {
    let mut out = Vec::new();
    let mut pos = 0usize;
    for &(code, count) in &f.items {
        let size = code_size(code, f.native);
        if f.native && size > 1 && code != 's' {
            pos = pos.div_ceil(size) * size;
        }
        match code {
            'x' => pos += count,
            's' => {
                out.push((code, pos, count));
                pos += count;
            }
            _ => {
                for _ in 0..count {
                    out.push((code, pos, size));
                    pos += size;
                }
            }
        }
    }
    (out, pos)
}

/// `struct.calcsize(fmt)`.
pub fn struct_calcsize(fmt: &str) -> PyResult<i64> {
    Ok(layout(&parse_format(fmt)?).1 as i64)
}

fn int_range_error(code: char, v: i64) -> Option<String> {
    let (lo, hi, name): (i64, i64, Option<&str>) = match code {
        'b' => (-128, 127, Some("byte")),
        'B' => (0, 255, Some("ubyte")),
        'h' => (-32768, 32767, Some("short")),
        'H' => (0, 65535, Some("ushort")),
        'i' | 'l' => (i32::MIN as i64, i32::MAX as i64, None),
        'I' | 'L' => (0, u32::MAX as i64, None),
        'Q' | 'N' => (0, i64::MAX, None),
        _ => (i64::MIN, i64::MAX, None),
    };
    if v >= lo && v <= hi {
        return None;
    }
    Some(match name {
        Some(n) => format!("{n} format requires {lo} <= number <= {hi}"),
        None if lo == 0 && v < 0 => "argument out of range".to_string(),
        None => format!("'{code}' format requires {lo} <= number <= {hi}"),
    })
}

/// `struct.pack(fmt, *values)`.
pub fn struct_pack(fmt: &str, values: Vec<Packed>) -> PyResult<Vec<u8>> {
    let f = parse_format(fmt)?;
    let (items, size) = layout(&f);
    if items.len() != values.len() {
        return Err(struct_error(format!(
            "pack expected {} items for packing (got {})",
            items.len(),
            values.len()
        )));
    }
    let mut out = vec![0u8; size];
    for (&(code, pos, size), v) in items.iter().zip(values) {
        let slot = &mut out[pos..pos + size];
        match (code, v) {
            ('s', Packed::Bytes(b)) => {
                let n = b.len().min(size);
                slot[..n].copy_from_slice(&b[..n]);
            }
            ('c', Packed::Bytes(b)) => {
                if b.len() != 1 {
                    return Err(struct_error("char format requires a bytes object of length 1"));
                }
                slot[0] = b[0];
            }
            ('?', Packed::Int(x)) => slot[0] = (x != 0) as u8,
            ('f', Packed::Float(x)) => {
                let y = x as f32;
                if x.is_finite() && y.is_infinite() {
                    return Err(PyErr::overflow_error("float too large to pack with f format"));
                }
                slot.copy_from_slice(&if f.little { y.to_le_bytes() } else { y.to_be_bytes() });
            }
            ('d', Packed::Float(x)) => slot.copy_from_slice(&if f.little { x.to_le_bytes() } else { x.to_be_bytes() }),
            (_, Packed::Int(x)) => {
                if let Some(msg) = int_range_error(if f.native && matches!(code, 'l' | 'L') { if code == 'l' { 'q' } else { 'Q' } } else { code }, x) {
                    return Err(struct_error(msg));
                }
                let bytes = if f.little { x.to_le_bytes() } else { x.to_be_bytes() };
                if f.little {
                    slot.copy_from_slice(&bytes[..size]);
                } else {
                    slot.copy_from_slice(&bytes[8 - size..]);
                }
            }
            _ => return Err(PyErr::type_error("required argument is not an integer")),
        }
    }
    Ok(out)
}

fn unpack_items(f: &Format, items: &[(char, usize, usize)], buf: &[u8]) -> PyResult<Vec<Packed>> {
    let mut out = Vec::with_capacity(items.len());
    for &(code, pos, size) in items {
        let raw = &buf[pos..pos + size];
        out.push(match code {
            's' | 'c' => Packed::Bytes(raw.to_vec()),
            '?' => Packed::Int((raw[0] != 0) as i64),
            'f' => {
                let a: [u8; 4] = [raw[0], raw[1], raw[2], raw[3]];
                Packed::Float(if f.little { f32::from_le_bytes(a) } else { f32::from_be_bytes(a) } as f64)
            }
            'd' => {
                let mut a = [0u8; 8];
                a.copy_from_slice(raw);
                Packed::Float(if f.little { f64::from_le_bytes(a) } else { f64::from_be_bytes(a) })
            }
            _ => {
                let signed = matches!(code, 'b' | 'h' | 'i' | 'l' | 'q' | 'n');
                Packed::Int(int_from_bytes(raw, if f.little { "little" } else { "big" }, signed)?)
            }
        });
    }
    Ok(out)
}

/// `struct.unpack(fmt, buffer)`.
pub fn struct_unpack(fmt: &str, buf: &[u8]) -> PyResult<Vec<Packed>> {
    let f = parse_format(fmt)?;
    let (items, size) = layout(&f);
    if buf.len() != size {
        return Err(struct_error(format!("unpack requires a buffer of {size} bytes")));
    }
    unpack_items(&f, &items, buf)
}

/// `struct.unpack_from(fmt, buffer, offset)`.
pub fn struct_unpack_from(fmt: &str, buf: &[u8], offset: i64) -> PyResult<Vec<Packed>> {
    let f = parse_format(fmt)?;
    let (items, size) = layout(&f);
    let len = buf.len() as i64;
    let mut off = offset;
    if off < 0 {
        if off + len < 0 {
            return Err(struct_error(format!("offset {offset} out of range for {len}-byte buffer")));
        }
        off += len;
    }
    if len - off < size as i64 {
        return Err(struct_error(if off > len {
            format!("offset {off} out of range for {len}-byte buffer")
        } else {
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes at offset {off} (actual buffer size is {len})",
                size as i64 + off
            )
        }));
    }
    unpack_items(&f, &items, &buf[off as usize..off as usize + size])
}

// ---- hmac --------------------------------------------------------------------------------------

/// An `hmac.HMAC` object (RFC 2104 over one of the `hashlib` digests).
#[derive(Clone, Debug)]
pub struct Hmac {
    inner: Hash,
    outer: Hash,
}

impl PyRepr for Hmac {
    fn py_repr(&self) -> String {
        "<hmac.HMAC object>".to_string()
    }
}

impl Hmac {
    /// `hmac.new(key, msg, digestmod)`.
    pub fn new(key: &[u8], msg: Option<&[u8]>, digestmod: &str) -> PyResult<Hmac> {
        if digestmod.is_empty() {
            return Err(PyErr::type_error("Missing required parameter 'digestmod'."));
        }
        let probe = Hash::new(digestmod, &[])?;
        let block = probe.block_size() as usize;
        let mut k = if key.len() > block { probe_digest(digestmod, key)? } else { key.to_vec() };
        k.resize(block, 0);
        let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
        let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
        let mut h = Hmac { inner: Hash::new(digestmod, &ipad)?, outer: Hash::new(digestmod, &opad)? };
        if let Some(m) = msg {
            h.update(m);
        }
        Ok(h)
    }
    /// `h.update(msg)`.
    pub fn update(&mut self, msg: &[u8]) {
        self.inner.update(msg);
    }
    /// `h.digest()`.
    pub fn digest(&self) -> Bytes {
        let mut outer = self.outer.clone();
        outer.update(&self.inner.digest());
        outer.digest()
    }
    /// `h.hexdigest()`.
    pub fn hexdigest(&self) -> String {
        hex(&self.digest(), None, 1).unwrap_or_default()
    }
    /// `h.name`: `hmac-<digest>`.
    pub fn name(&self) -> String {
        format!("hmac-{}", self.inner.name())
    }
    pub fn digest_size(&self) -> i64 {
        self.inner.digest_size()
    }
    pub fn block_size(&self) -> i64 {
        self.inner.block_size()
    }
}

fn probe_digest(name: &str, data: &[u8]) -> PyResult<Vec<u8>> {
    Ok(Hash::new(name, data)?.digest().0)
}

/// `hmac.digest(key, msg, digest)`.
pub fn hmac_digest(key: &[u8], msg: &[u8], digest: &str) -> PyResult<Bytes> {
    if digest.is_empty() {
        return Err(PyErr::value_error("unsupported hash type "));
    }
    Ok(Hmac::new(key, Some(msg), digest)?.digest())
}

/// `hmac.compare_digest(a, b)` on two str: only ASCII text compares (TypeError otherwise, as CPython).
pub fn compare_digest_str(a: &str, b: &str) -> PyResult<bool> {
    if !a.is_ascii() || !b.is_ascii() {
        return Err(PyErr::type_error("comparing strings with non-ASCII characters is not supported"));
    }
    Ok(compare_digest(a.as_bytes(), b.as_bytes()))
}

/// `hmac.compare_digest(a, b)` on bytes: equality in time that depends only on the length of `b`.
pub fn compare_digest(a: &[u8], b: &[u8]) -> bool {
    let mut diff = (a.len() != b.len()) as u8;
    for (k, &y) in b.iter().enumerate() {
        diff |= a.get(k).copied().unwrap_or(!y) ^ y;
    }
    diff == 0
}

// ---- base32 ------------------------------------------------------------------------------------

/// The alphabets of `b32encode` (RFC 4648) and `b32hexencode` (extended hex).
pub const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
pub const B32HEX: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";

/// `base64.b32encode(s)` / `b32hexencode` (`alphabet`), padded with `=` as CPython does.
pub fn b32encode(b: &[u8], alphabet: &[u8; 32]) -> Vec<u8> {
    let leftover = b.len() % 5;
    let mut data = b.to_vec();
    if leftover != 0 {
        data.resize(b.len() + 5 - leftover, 0);
    }
    let mut out = Vec::with_capacity(data.len() / 5 * 8);
    for q in data.chunks(5) {
        let c = q.iter().fold(0u64, |acc, &x| (acc << 8) | x as u64);
        for k in (0..8).rev() {
            out.push(alphabet[((c >> (5 * k)) & 31) as usize]);
        }
    }
    let pad = match leftover {
        1 => 6,
        2 => 4,
        3 => 3,
        4 => 1,
        _ => 0,
    };
    let n = out.len();
    for x in &mut out[n - pad..] {
        *x = b'=';
    }
    out
}

/// `base64.b32decode(s, casefold, map01)` / `b32hexdecode(s, casefold)`: CPython's `_b32decode`.
pub fn b32decode(b: &[u8], alphabet: &[u8; 32], casefold: bool, map01: Option<&[u8]>) -> PyResult<Vec<u8>> {
    if b.len() % 8 != 0 {
        return Err(binascii_error("Incorrect padding"));
    }
    let mut s = b.to_vec();
    if let Some(m) = map01 {
        let [m] = m else { return Err(PyErr::new(ErrKind::AssertionError, repr_body(m))) };
        for c in s.iter_mut() {
            if *c == b'0' {
                *c = b'O';
            } else if *c == b'1' {
                *c = *m;
            }
        }
    }
    if casefold {
        s.make_ascii_uppercase();
    }
    let l = s.len();
    while s.last() == Some(&b'=') {
        s.pop();
    }
    let padchars = l - s.len();
    let mut decoded = Vec::with_capacity(l / 8 * 5);
    let mut acc: u64 = 0;
    for q in s.chunks(8) {
        acc = 0;
        for &c in q {
            let v = alphabet.iter().position(|&x| x == c).ok_or_else(|| binascii_error("Non-base32 digit found"))?;
            acc = (acc << 5) + v as u64;
        }
        decoded.extend_from_slice(&acc.to_be_bytes()[3..]);
    }
    if l % 8 != 0 || ![0, 1, 3, 4, 6].contains(&padchars) {
        return Err(binascii_error("Incorrect padding"));
    }
    if padchars > 0 && !decoded.is_empty() {
        acc <<= 5 * padchars;
        let last = acc.to_be_bytes();
        let leftover = (43 - 5 * padchars) / 8;
        let n = decoded.len();
        decoded.truncate(n - 5);
        decoded.extend_from_slice(&last[3..3 + leftover]);
    }
    Ok(decoded)
}
