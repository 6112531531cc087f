//! The rest of `unicodedata` as CPython 3.11 gives it (Unicode 14.0.0): properties, names and
//! normalization, all read from tables generated out of CPython (`unicodedata_tables.rs`, by
//! `scripts/gen_unicodedata_tables.py`, and the combining classes of `unicode_tables.rs`), so
//! the answers do not follow the newer Unicode of Rust crates.

use crate::unicode_tables::COMBINING;
use crate::unicodedata_tables::{
    ALIASES, BIDI, COMPOSE, DECIMAL_VALUE, DECOMPOSITION, DERIVED_NAMES, DIGIT_VALUE, EAW, MIRRORED, NAMES, NUMERIC_VALUE,
};
use crate::{PyErr, PyResult};
use std::collections::HashMap;
use std::sync::OnceLock;

pub use crate::unicodedata_tables::UNIDATA_VERSION;

fn one_char(s: &str, func: &str) -> PyResult<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(PyErr::type_error(format!("{func}() argument must be a unicode character, not str"))),
    }
}

fn in_runs<T: Copy>(table: &[(u32, u32, T)], cp: u32) -> Option<T> {
    let i = table.partition_point(|&(_, end, _)| end < cp);
    table.get(i).filter(|&&(start, _, _)| start <= cp).map(|&(_, _, v)| v)
}

fn at<T: Copy>(table: &[(u32, T)], cp: u32) -> Option<T> {
    table.binary_search_by_key(&cp, |&(k, _)| k).ok().map(|i| table[i].1)
}

/// `unicodedata.bidirectional(c)`: the bidi class, `''` for unassigned characters.
pub fn bidirectional(s: &str) -> PyResult<String> {
    let c = one_char(s, "bidirectional")?;
    Ok(in_runs(BIDI, c as u32).unwrap_or("").to_string())
}

/// `unicodedata.east_asian_width(c)`: F, H, W, Na, A or N.
pub fn east_asian_width(s: &str) -> PyResult<String> {
    let c = one_char(s, "east_asian_width")?;
    Ok(in_runs(EAW, c as u32).unwrap_or("N").to_string())
}

/// `unicodedata.mirrored(c)`: 1 for a mirrored character in bidirectional text, else 0.
pub fn mirrored(s: &str) -> PyResult<i64> {
    let c = one_char(s, "mirrored")?;
    Ok(i64::from(in_runs(MIRRORED, c as u32).unwrap_or(false)))
}

/// `unicodedata.decimal(c)` as an Option (the default's place).
pub fn decimal_opt(s: &str) -> PyResult<Option<i64>> {
    let c = one_char(s, "decimal")?;
    Ok(at(DECIMAL_VALUE, c as u32).map(i64::from))
}

/// `unicodedata.decimal(c)`: ValueError for a character without a decimal value.
pub fn decimal(s: &str) -> PyResult<i64> {
    decimal_opt(s)?.ok_or_else(|| PyErr::value_error("not a decimal"))
}

/// `unicodedata.digit(c)` as an Option.
pub fn digit_opt(s: &str) -> PyResult<Option<i64>> {
    let c = one_char(s, "digit")?;
    Ok(at(DIGIT_VALUE, c as u32).map(i64::from))
}

/// `unicodedata.digit(c)`: ValueError for a character without a digit value.
pub fn digit(s: &str) -> PyResult<i64> {
    digit_opt(s)?.ok_or_else(|| PyErr::value_error("not a digit"))
}

/// `unicodedata.numeric(c)` as an Option.
pub fn numeric_opt(s: &str) -> PyResult<Option<f64>> {
    let c = one_char(s, "numeric")?;
    Ok(at(NUMERIC_VALUE, c as u32))
}

/// `unicodedata.numeric(c)`: ValueError for a character without a numeric value.
pub fn numeric(s: &str) -> PyResult<f64> {
    numeric_opt(s)?.ok_or_else(|| PyErr::value_error("not a numeric character"))
}

/// `unicodedata.decomposition(c)`: the mapping as CPython prints it (`"<compat> 0020 0301"`), or `''`.
pub fn decomposition(s: &str) -> PyResult<String> {
    let c = one_char(s, "decomposition")?;
    Ok(at(DECOMPOSITION, c as u32).unwrap_or("").to_string())
}

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;
const JAMO_L: [&str; 19] = ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"];
const JAMO_V: [&str; 21] = [
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I",
];
const JAMO_T: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J",
    "C", "K", "T", "P", "H",
];

fn name_of(cp: u32) -> Option<String> {
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        let (l, v, t) = (s / N_COUNT, (s % N_COUNT) / T_COUNT, s % T_COUNT);
        return Some(format!("HANGUL SYLLABLE {}{}{}", JAMO_L[l as usize], JAMO_V[v as usize], JAMO_T[t as usize]));
    }
    if let Some(prefix) = in_runs(DERIVED_NAMES, cp) {
        return Some(format!("{prefix}-{cp:X}"));
    }
    at(NAMES, cp).map(str::to_string)
}

/// `unicodedata.name(c)` as an Option.
pub fn name_opt(s: &str) -> PyResult<Option<String>> {
    let c = one_char(s, "name")?;
    Ok(name_of(c as u32))
}

/// `unicodedata.name(c)`: ValueError for a character without a name.
pub fn name(s: &str) -> PyResult<String> {
    name_opt(s)?.ok_or_else(|| PyErr::value_error("no such name"))
}

/// CPython's `find_syllable`: the longest jamo name at the start of `s` (case-sensitive).
fn find_jamo(s: &str, table: &[&str]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, j) in table.iter().enumerate() {
        if s.starts_with(j) && best.map_or(true, |(_, len)| j.len() > len) {
            best = Some((i, j.len()));
        }
    }
    best
}

fn lookup_code(name: &str) -> Option<String> {
    if let Some(rest) = name.strip_prefix("HANGUL SYLLABLE ") {
        let (l, a) = find_jamo(rest, &JAMO_L)?;
        let (v, b) = find_jamo(&rest[a..], &JAMO_V)?;
        let (t, c) = find_jamo(&rest[a + b..], &JAMO_T)?;
        if a + b + c != rest.len() {
            return None;
        }
        return char::from_u32(S_BASE + (l as u32 * V_COUNT + v as u32) * T_COUNT + t as u32).map(String::from);
    }
    if let Some(hex) = name.strip_prefix("CJK UNIFIED IDEOGRAPH-") {
        if !(4..=5).contains(&hex.len()) || !hex.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)) {
            return None;
        }
        let cp = u32::from_str_radix(hex, 16).ok()?;
        return (in_runs(DERIVED_NAMES, cp) == Some("CJK UNIFIED IDEOGRAPH")).then(|| char::from_u32(cp)).flatten().map(String::from);
    }
    // Every other name compares without regard to ASCII case.
    let upper = name.to_ascii_uppercase();
    if let Some((prefix, hex)) = upper.rsplit_once('-') {
        if let Ok(cp) = u32::from_str_radix(hex, 16) {
            if prefix != "CJK UNIFIED IDEOGRAPH" && in_runs(DERIVED_NAMES, cp) == Some(prefix) && format!("{cp:X}") == hex {
                return char::from_u32(cp).map(String::from);
            }
        }
    }
    static BY_NAME: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        let mut m: HashMap<&'static str, String> = HashMap::with_capacity(NAMES.len() + ALIASES.len());
        for &(name, text) in ALIASES {
            m.insert(name, text.to_string());
        }
        for &(cp, name) in NAMES {
            if let Some(c) = char::from_u32(cp) {
                m.insert(name, c.to_string());
            }
        }
        m
    });
    by_name.get(upper.as_str()).cloned()
}

/// `unicodedata.lookup(name)`: the character (or named sequence) of a name or alias; KeyError otherwise.
pub fn lookup(name: &str) -> PyResult<String> {
    if name.len() > 256 {
        return Err(PyErr::key_error_msg("name too long"));
    }
    lookup_code(name).ok_or_else(|| PyErr::key_error(&format!("undefined character name '{name}'")))
}

fn ccc(c: u32) -> u8 {
    in_runs(COMBINING, c).unwrap_or(0)
}

/// Each code point's decomposition: (compatibility only, mapping).
fn decompositions() -> &'static HashMap<u32, (bool, Vec<u32>)> {
    static MAP: OnceLock<HashMap<u32, (bool, Vec<u32>)>> = OnceLock::new();
    MAP.get_or_init(|| {
        DECOMPOSITION
            .iter()
            .map(|&(cp, d)| {
                let compat = d.starts_with('<');
                let parts = d.split(' ').filter(|p| !p.starts_with('<')).filter_map(|p| u32::from_str_radix(p, 16).ok()).collect();
                (cp, (compat, parts))
            })
            .collect()
    })
}

fn decompose_into(cp: u32, compat: bool, out: &mut Vec<u32>) {
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        out.push(L_BASE + s / N_COUNT);
        out.push(V_BASE + (s % N_COUNT) / T_COUNT);
        if s % T_COUNT != 0 {
            out.push(T_BASE + s % T_COUNT);
        }
        return;
    }
    match decompositions().get(&cp) {
        Some((is_compat, parts)) if compat || !is_compat => {
            for &p in parts {
                decompose_into(p, compat, out);
            }
        }
        _ => out.push(cp),
    }
}

fn decompose(s: &str, compat: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_into(c as u32, compat, &mut out);
    }
    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    let mut i = 0;
    while i < out.len() {
        if ccc(out[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && ccc(out[i]) != 0 {
            i += 1;
        }
        out[start..i].sort_by_key(|&c| ccc(c));
    }
    out
}

fn compose_pair(a: u32, b: u32) -> Option<u32> {
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return Some(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a) && (a - S_BASE) % T_COUNT == 0 && (T_BASE + 1..T_BASE + T_COUNT).contains(&b) {
        return Some(a + (b - T_BASE));
    }
    COMPOSE.binary_search_by(|&(x, y, _)| (x, y).cmp(&(a, b))).ok().map(|i| COMPOSE[i].2)
}

fn compose(d: Vec<u32>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(d.len());
    let mut starter: Option<usize> = None;
    let mut last_class: Option<u8> = None;
    for c in d {
        let cc = ccc(c);
        if let Some(si) = starter {
            if last_class.map_or(true, |lc| lc < cc) {
                if let Some(comp) = compose_pair(out[si], c) {
                    out[si] = comp;
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out.len());
            last_class = None;
        } else {
            last_class = Some(cc);
        }
        out.push(c);
    }
    out
}

/// `unicodedata.normalize(form, s)` for NFC, NFD, NFKC and NFKD, with CPython's tables.
pub fn normalize(form: &str, s: &str) -> PyResult<String> {
    // CPython returns an empty string before it looks at the form.
    if s.is_empty() {
        return Ok(String::new());
    }
    let cps = match form {
        "NFD" => decompose(s, false),
        "NFKD" => decompose(s, true),
        "NFC" => compose(decompose(s, false)),
        "NFKC" => compose(decompose(s, true)),
        _ => return Err(PyErr::value_error("invalid normalization form")),
    };
    Ok(cps.into_iter().filter_map(char::from_u32).collect())
}

/// `unicodedata.is_normalized(form, s)`.
pub fn is_normalized(form: &str, s: &str) -> PyResult<bool> {
    Ok(normalize(form, s)? == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_properties_follow_cpython() {
        assert_eq!(name("a").unwrap(), "LATIN SMALL LETTER A");
        assert_eq!(name("\u{AC01}").unwrap(), "HANGUL SYLLABLE GAG");
        assert_eq!(name("\u{4E00}").unwrap(), "CJK UNIFIED IDEOGRAPH-4E00");
        assert!(name("\u{0}").is_err());
        assert_eq!(lookup("latin small letter a").unwrap(), "a");
        assert_eq!(lookup("HANGUL SYLLABLE GAG").unwrap(), "\u{AC01}");
        assert_eq!(lookup("NULL").unwrap(), "\u{0}");
        assert!(lookup("cjk unified ideograph-4E00").is_err());
        assert_eq!(bidirectional("a").unwrap(), "L");
        assert_eq!(east_asian_width("日").unwrap(), "W");
        assert_eq!(mirrored("(").unwrap(), 1);
        assert_eq!(numeric("½").unwrap(), 0.5);
        assert_eq!(decimal("٣").unwrap(), 3);
    }

    #[test]
    fn normalization_follows_cpython() {
        assert_eq!(normalize("NFC", "e\u{301}").unwrap(), "é");
        assert_eq!(normalize("NFD", "\u{1E69}").unwrap(), "s\u{323}\u{307}");
        assert_eq!(normalize("NFKC", "ﬁ①").unwrap(), "fi1");
        assert_eq!(normalize("NFC", "\u{1100}\u{1161}\u{11A8}").unwrap(), "\u{AC01}");
        assert!(is_normalized("NFC", "é").unwrap());
    }
}
