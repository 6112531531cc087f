//! Python `str` methods on Rust strings. A Python str is a Rust `String`, but every
//! index and length here counts code points, as Python does, and the character
//! classes (`isalpha`, `isspace`, `title`, ...) come from CPython's own tables.

use crate::list::slice_indices;
use crate::unicode_tables as tables;
use crate::{PyErr, PyResult};

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn special<'t>(table: &'t [(u32, &'static str)], c: char) -> Option<&'t str> {
    table.binary_search_by_key(&(c as u32), |&(cp, _)| cp).ok().map(|i| table[i].1)
}

/// Python's whitespace (`str.isspace` for one character; what `split()` splits on).
pub fn is_space_char(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f');
    }
    in_ranges(tables::SPACE, c)
}

fn is_lower_char(c: char) -> bool {
    in_ranges(tables::LOWER, c)
}

fn is_upper_char(c: char) -> bool {
    in_ranges(tables::UPPER, c)
}

fn is_title_char(c: char) -> bool {
    in_ranges(tables::TITLE, c)
}

fn is_cased_char(c: char) -> bool {
    is_lower_char(c) || is_upper_char(c) || is_title_char(c)
}

/// The value of a Unicode decimal digit (category Nd), as `int()` reads it.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let cp = c as u32;
    let i = tables::DECIMAL.partition_point(|&(_, hi)| hi < cp);
    match tables::DECIMAL.get(i) {
        // Nd characters come in runs of ten starting at zero.
        Some(&(lo, hi)) if lo <= cp && cp <= hi => Some((cp - lo) % 10),
        _ => None,
    }
}

/// Byte offset of the code point at `idx` (or `s.len()` past the end).
fn byte_offset(s: &str, idx: usize) -> usize {
    s.char_indices().nth(idx).map_or(s.len(), |(b, _)| b)
}

fn char_index(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

/// `len(s)`.
pub fn len(s: &str) -> i64 {
    s.chars().count() as i64
}

/// `s[i]`.
pub fn getitem(s: &str, i: i64) -> PyResult<String> {
    let n = len(s);
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error("string index out of range"));
    }
    Ok(s.chars().nth(j as usize).map(String::from).unwrap_or_default())
}

/// `s[start:stop:step]`.
pub fn slice(s: &str, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> PyResult<String> {
    if s.is_ascii() && step.unwrap_or(1) == 1 {
        let (a, b, _, n) = slice_indices(s.len() as i64, start, stop, step)?;
        return Ok(if n == 0 { String::new() } else { s[a as usize..b as usize].to_string() });
    }
    let chars: Vec<char> = s.chars().collect();
    Ok(crate::list::slice(&chars, start, stop, step)?.into_iter().collect())
}

/// `a + b`.
pub fn concat(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    s
}

/// `s * n` (n <= 0 gives "").
pub fn repeat(s: &str, n: i64) -> PyResult<String> {
    if n <= 0 || s.is_empty() {
        return Ok(String::new());
    }
    let total = (s.len() as u64).checked_mul(n as u64).filter(|&t| t <= isize::MAX as u64);
    if total.is_none() {
        return Err(PyErr::overflow_error("repeated string is too long"));
    }
    Ok(s.repeat(n as usize))
}

/// `needle in hay`.
pub fn contains(hay: &str, needle: &str) -> bool {
    hay.contains(needle)
}

/// Resolves optional `start`/`end` arguments to a byte window of `s` and the
/// char index of its start; None when start lies past the end.
fn window(s: &str, start: Option<i64>, end: Option<i64>) -> Option<(usize, usize, i64)> {
    let n = len(s);
    let adjust = |v: i64| if v < 0 { (v + n).max(0) } else { v.min(n) };
    let a = start.map_or(0, adjust);
    let b = end.map_or(n, adjust);
    if start.is_some_and(|st| st > n) {
        return None;
    }
    if a > b {
        return None;
    }
    Some((byte_offset(s, a as usize), byte_offset(s, b as usize), a))
}

/// `s.find(sub, start, end)`: the lowest index of `sub`, or -1.
pub fn find(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    match window(s, start, end) {
        Some((a, b, ca)) => s[a..b].find(sub).map_or(-1, |i| ca + char_index(&s[a..], i)),
        None => -1,
    }
}

/// `s.rfind(sub, start, end)`: the highest index of `sub`, or -1.
pub fn rfind(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    match window(s, start, end) {
        Some((a, b, ca)) => s[a..b].rfind(sub).map_or(-1, |i| ca + char_index(&s[a..], i)),
        None => -1,
    }
}

/// `s.index(sub, start, end)`: like find but raises ValueError.
pub fn index(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> PyResult<i64> {
    match find(s, sub, start, end) {
        -1 => Err(PyErr::value_error("substring not found")),
        i => Ok(i),
    }
}

/// `s.rindex(sub, start, end)`.
pub fn rindex(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> PyResult<i64> {
    match rfind(s, sub, start, end) {
        -1 => Err(PyErr::value_error("substring not found")),
        i => Ok(i),
    }
}

/// `s.count(sub, start, end)`: non-overlapping occurrences.
pub fn count(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    match window(s, start, end) {
        Some((a, b, _)) if sub.is_empty() => s[a..b].chars().count() as i64 + 1,
        Some((a, b, _)) => s[a..b].matches(sub).count() as i64,
        None => 0,
    }
}

fn maxsplit_limit(maxsplit: i64) -> usize {
    if maxsplit < 0 { usize::MAX } else { maxsplit as usize }
}

/// `s.split(sep, maxsplit)`; `sep = None` splits on runs of whitespace.
pub fn split(s: &str, sep: Option<&str>, maxsplit: i64) -> PyResult<Vec<String>> {
    let limit = maxsplit_limit(maxsplit);
    match sep {
        Some("") => Err(PyErr::value_error("empty separator")),
        Some(sep) => {
            let n = limit.saturating_add(1);
            Ok(s.splitn(n, sep).map(String::from).collect())
        }
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start_matches(is_space_char);
            while !rest.is_empty() {
                if out.len() == limit {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(is_space_char).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start_matches(is_space_char);
            }
            Ok(out)
        }
    }
}

/// `s.rsplit(sep, maxsplit)`.
pub fn rsplit(s: &str, sep: Option<&str>, maxsplit: i64) -> PyResult<Vec<String>> {
    let limit = maxsplit_limit(maxsplit);
    match sep {
        Some("") => Err(PyErr::value_error("empty separator")),
        Some(sep) => {
            let n = limit.saturating_add(1);
            let mut out: Vec<String> = s.rsplitn(n, sep).map(String::from).collect();
            out.reverse();
            Ok(out)
        }
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_end_matches(is_space_char);
            while !rest.is_empty() {
                if out.len() == limit {
                    out.push(rest.to_string());
                    break;
                }
                let start = rest.rfind(is_space_char).map_or(0, |i| {
                    i + rest[i..].chars().next().map_or(1, char::len_utf8)
                });
                out.push(rest[start..].to_string());
                rest = rest[..start].trim_end_matches(is_space_char);
            }
            out.reverse();
            Ok(out)
        }
    }
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `s.splitlines(keepends)`.
pub fn splitlines(s: &str, keepends: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = it.peek() {
                end = j + 1;
                it.next();
            }
        }
        out.push(if keepends { &s[start..end] } else { &s[start..i] }.to_string());
        start = end;
    }
    if start < s.len() {
        out.push(s[start..].to_string());
    }
    out
}

/// `sep.join(items)`.
pub fn join(sep: &str, items: &[String]) -> String {
    items.join(sep)
}

fn strip_pred(chars: Option<&str>) -> impl Fn(char) -> bool + '_ {
    move |c| match chars {
        None => is_space_char(c),
        Some(set) => set.contains(c),
    }
}

/// `s.strip(chars)`.
pub fn strip(s: &str, chars: Option<&str>) -> String {
    s.trim_matches(strip_pred(chars)).to_string()
}

/// `s.lstrip(chars)`.
pub fn lstrip(s: &str, chars: Option<&str>) -> String {
    s.trim_start_matches(strip_pred(chars)).to_string()
}

/// `s.rstrip(chars)`.
pub fn rstrip(s: &str, chars: Option<&str>) -> String {
    s.trim_end_matches(strip_pred(chars)).to_string()
}

/// `s.lower()`.
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// `s.upper()`.
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Lowercases `chars[i]` into `out`, with the final-sigma rule CPython applies.
fn push_lower(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c == '\u{3A3}' {
        let before = i > 0 && is_cased_char(chars[i - 1]);
        let after = chars.get(i + 1).is_some_and(|&n| is_cased_char(n));
        out.push(if before && !after { '\u{3C2}' } else { '\u{3C3}' });
    } else {
        out.extend(c.to_lowercase());
    }
}

fn push_title(out: &mut String, c: char) {
    match special(tables::TITLECASE_SPECIAL, c) {
        Some(t) => out.push_str(t),
        None => out.extend(c.to_uppercase()),
    }
}

/// `s.title()`: a cased character after a cased one is lowercased, any other is
/// titlecased (so `"they're".title() == "They'Re"`, as in CPython).
pub fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased_char(c);
    }
    out
}

/// `s.capitalize()`: first character titlecased, the rest lowercased.
pub fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            push_lower(&mut out, &chars, i);
        }
    }
    out
}

/// `s.swapcase()`.
pub fn swapcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_upper_char(c) {
            push_lower(&mut out, &chars, i);
        } else if is_lower_char(c) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `s.casefold()`: full Unicode case folding (`"ß"` -> `"ss"`).
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match special(tables::CASEFOLD_SPECIAL, c) {
            Some(f) => out.push_str(f),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `s.replace(old, new, count)`; a negative count replaces every occurrence.
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> String {
    if count < 0 {
        s.replace(old, new)
    } else {
        s.replacen(old, new, count as usize)
    }
}

/// `s.startswith(prefix)`.
pub fn startswith(s: &str, prefix: &str) -> bool {
    s.starts_with(prefix)
}

/// `s.endswith(suffix)`.
pub fn endswith(s: &str, suffix: &str) -> bool {
    s.ends_with(suffix)
}

/// `s.startswith(prefix, start, end)`: whether `s[start:end]` starts with `prefix`; false when `start`
/// is past the end or after `end`, even for an empty prefix (CPython's tailmatch).
pub fn startswith_in(s: &str, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    window(s, start, end).is_some_and(|(a, b, _)| s[a..b].starts_with(prefix))
}

/// `s.endswith(suffix, start, end)`.
pub fn endswith_in(s: &str, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    window(s, start, end).is_some_and(|(a, b, _)| s[a..b].ends_with(suffix))
}

/// `s.startswith((p1, p2, ...), start, end)`: any of them.
pub fn startswith_any(s: &str, prefixes: &[String], start: Option<i64>, end: Option<i64>) -> bool {
    prefixes.iter().any(|p| startswith_in(s, p, start, end))
}

/// `s.endswith((s1, s2, ...), start, end)`: any of them.
pub fn endswith_any(s: &str, suffixes: &[String], start: Option<i64>, end: Option<i64>) -> bool {
    suffixes.iter().any(|p| endswith_in(s, p, start, end))
}

fn all_nonempty(s: &str, pred: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(pred)
}

pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, |c| c.is_ascii_alphabetic() || (!c.is_ascii() && in_ranges(tables::ALPHA, c)))
}

pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, |c| decimal_value(c).is_some())
}

pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, |c| c.is_ascii_digit() || (!c.is_ascii() && in_ranges(tables::DIGIT, c)))
}

pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, |c| c.is_ascii_digit() || (!c.is_ascii() && in_ranges(tables::NUMERIC, c)))
}

pub fn isalnum(s: &str) -> bool {
    all_nonempty(s, |c| {
        c.is_ascii_alphanumeric()
            || (!c.is_ascii() && (in_ranges(tables::ALPHA, c) || in_ranges(tables::NUMERIC, c)))
    })
}

pub fn isspace(s: &str) -> bool {
    all_nonempty(s, is_space_char)
}

pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}

/// `s.isupper()`: no lowercase or titlecase characters and at least one cased one.
pub fn isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_lower_char(c) || is_title_char(c) {
            return false;
        }
        cased |= is_upper_char(c);
    }
    cased
}

/// `s.islower()`.
pub fn islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_upper_char(c) || is_title_char(c) {
            return false;
        }
        cased |= is_lower_char(c);
    }
    cased
}

/// `s.istitle()`.
pub fn istitle(s: &str) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for c in s.chars() {
        if is_upper_char(c) || is_title_char(c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if is_lower_char(c) {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// `s.zfill(width)`: pads with zeros after any leading sign.
pub fn zfill(s: &str, width: i64) -> String {
    let n = len(s);
    if width <= n {
        return s.to_string();
    }
    let zeros = "0".repeat((width - n) as usize);
    match s.chars().next() {
        Some(c @ ('+' | '-')) => format!("{c}{zeros}{}", &s[1..]),
        _ => format!("{zeros}{s}"),
    }
}

fn pad(s: &str, left: i64, right: i64, fill: char) -> String {
    let mut out = String::with_capacity(s.len() + (left + right) as usize * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left as usize));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right as usize));
    out
}

/// `s.center(width, fill)` with CPython's choice of which side gets the odd pad.
pub fn center(s: &str, width: i64, fill: char) -> String {
    let n = len(s);
    if width <= n {
        return s.to_string();
    }
    let marg = width - n;
    let left = marg / 2 + (marg & width & 1);
    pad(s, left, marg - left, fill)
}

/// `s.ljust(width, fill)`.
pub fn ljust(s: &str, width: i64, fill: char) -> String {
    let n = len(s);
    if width <= n { s.to_string() } else { pad(s, 0, width - n, fill) }
}

/// `s.rjust(width, fill)`.
pub fn rjust(s: &str, width: i64, fill: char) -> String {
    let n = len(s);
    if width <= n { s.to_string() } else { pad(s, width - n, 0, fill) }
}

/// `s.partition(sep)`.
pub fn partition(s: &str, sep: &str) -> PyResult<(String, String, String)> {
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    Ok(match s.split_once(sep) {
        Some((a, b)) => (a.to_string(), sep.to_string(), b.to_string()),
        None => (s.to_string(), String::new(), String::new()),
    })
}

/// `s.rpartition(sep)`.
pub fn rpartition(s: &str, sep: &str) -> PyResult<(String, String, String)> {
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    Ok(match s.rsplit_once(sep) {
        Some((a, b)) => (a.to_string(), sep.to_string(), b.to_string()),
        None => (String::new(), String::new(), s.to_string()),
    })
}

pub fn removeprefix(s: &str, prefix: &str) -> String {
    s.strip_prefix(prefix).unwrap_or(s).to_string()
}

pub fn removesuffix(s: &str, suffix: &str) -> String {
    s.strip_suffix(suffix).unwrap_or(s).to_string()
}

/// `ord(c)`.
pub fn ord(s: &str) -> PyResult<i64> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c as i64),
        _ => Err(PyErr::type_error(format!(
            "ord() expected a character, but string of length {} found",
            len(s)
        ))),
    }
}

/// `chr(i)`. Lone surrogates cannot live in a Rust String, so they raise.
pub fn chr(i: i64) -> PyResult<String> {
    if !(0..0x110000).contains(&i) {
        return Err(PyErr::value_error("chr() arg not in range(0x110000)"));
    }
    char::from_u32(i as u32)
        .map(String::from)
        .ok_or_else(|| PyErr::value_error("chr() of a surrogate code point is not supported"))
}

/// `s.expandtabs(tabsize)`.
pub fn expandtabs(s: &str, tabsize: i64) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// Iterates a str as Python does: one-character strings.
pub fn chars(s: &str) -> impl Iterator<Item = String> + '_ {
    s.chars().map(String::from)
}

/// `s.isprintable()` for one character (what `repr` leaves unescaped).
pub fn is_printable_char(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    in_ranges(tables::PRINTABLE, c)
}

/// `s.isprintable()`.
pub fn isprintable(s: &str) -> bool {
    s.chars().all(is_printable_char)
}

/// `ascii(x)` from `repr(x)`: each non-ASCII character as `\\xhh`, `\\uhhhh` or `\\Uhhhhhhhh`.
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let n = c as u32;
        match n {
            0..=0x7f => out.push(c),
            0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            _ => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}

/// `s.isidentifier()`: a Python identifier by the language's definition (XID_Start or `_`, then
/// XID_Continue; keywords included, as CPython's method does).
pub fn isidentifier(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| in_ranges(tables::XID_START, c)) && cs.all(|c| in_ranges(tables::XID_CONTINUE, c))
}

/// The fill character of `center`/`ljust`/`rjust`: exactly one character, as CPython requires.
pub fn fill_char(s: &str) -> PyResult<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(PyErr::type_error("The fill character must be exactly one character long")),
    }
}
