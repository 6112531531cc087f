//! `unicodedata`, `string` and the translation-table str methods, as CPython gives them.
//!
//! `category` and `combining` read tables generated from CPython (`unicode_tables.rs`), so
//! they agree with the Python we test against. `normalize` uses the `unicode-normalization`
//! crate, whose Unicode version may be newer than CPython 3.11's 14.0: code points assigned
//! after 14.0 can normalise differently (none of them have decompositions in common text).

use crate::unicode_tables::{CATEGORY, COMBINING};
use crate::{Dict, PyErr, PyResult};
use unicode_normalization::UnicodeNormalization;

fn one_char(s: &str, func: &str) -> PyResult<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(PyErr::type_error(format!("{func}() argument must be a unicode character, not str"))),
    }
}

fn lookup<T: Copy>(table: &[(u32, u32, T)], c: char) -> Option<T> {
    let cp = c as u32;
    let i = table.partition_point(|&(_, end, _)| end < cp);
    table.get(i).filter(|&&(start, _, _)| start <= cp).map(|&(_, _, v)| v)
}

/// `unicodedata.category(c)`: the two-letter general category (`"Lu"`, `"Nd"`, `"Cn"` ...).
pub fn category(s: &str) -> PyResult<String> {
    let c = one_char(s, "category")?;
    Ok(lookup(CATEGORY, c).unwrap_or("Cn").to_string())
}

/// `unicodedata.combining(c)`: the canonical combining class, 0 for most characters.
pub fn combining(s: &str) -> PyResult<i64> {
    let c = one_char(s, "combining")?;
    Ok(lookup(COMBINING, c).map_or(0, i64::from))
}

/// `unicodedata.normalize(form, s)` for NFC, NFD, NFKC and NFKD.
pub fn normalize(form: &str, s: &str) -> PyResult<String> {
    // CPython returns an empty string before it looks at the form.
    if s.is_empty() {
        return Ok(String::new());
    }
    Ok(match form {
        "NFC" => s.nfc().collect(),
        "NFD" => s.nfd().collect(),
        "NFKC" => s.nfkc().collect(),
        "NFKD" => s.nfkd().collect(),
        _ => return Err(PyErr::value_error("invalid normalization form")),
    })
}

/// `string.capwords(s, sep=None)`: split, capitalize each word, join.
pub fn capwords(s: &str, sep: Option<&str>) -> PyResult<String> {
    let words = crate::pystr::split(s, sep, -1)?;
    let caps: Vec<String> = words.iter().map(|w| crate::pystr::capitalize(w)).collect();
    Ok(crate::pystr::join(sep.unwrap_or(" "), &caps))
}

/// `str.maketrans(x, y, z="")`: code point of each char of x to the char of y at the same
/// place; chars of z map to None (deleted by `translate`).
pub fn maketrans(x: &str, y: &str, z: &str) -> PyResult<Dict<i64, Option<String>>> {
    let xs: Vec<char> = x.chars().collect();
    let ys: Vec<char> = y.chars().collect();
    if xs.len() != ys.len() {
        return Err(PyErr::value_error("the first two maketrans arguments must have equal length"));
    }
    let mut table = Dict::new();
    for (a, b) in xs.into_iter().zip(ys) {
        table.insert(a as i64, Some(b.to_string()));
    }
    for c in z.chars() {
        table.insert(c as i64, None);
    }
    Ok(table)
}

/// `str.maketrans(d)` with a dict of single characters to strings (or None).
pub fn maketrans_dict<V: TranslateTo>(d: &Dict<String, V>) -> PyResult<Dict<i64, Option<String>>> {
    let mut table = Dict::new();
    for (k, v) in d.iter() {
        let c = one_char(k, "maketrans").map_err(|_| PyErr::value_error("string keys in translate table must be of length 1"))?;
        table.insert(c as i64, v.replacement().map(|r| r.to_string()));
    }
    Ok(table)
}

/// A value of a translation table: a replacement string, or None to delete.
pub trait TranslateTo {
    fn replacement(&self) -> Option<&str>;
}
impl TranslateTo for String {
    fn replacement(&self) -> Option<&str> {
        Some(self)
    }
}
impl TranslateTo for Option<String> {
    fn replacement(&self) -> Option<&str> {
        self.as_deref()
    }
}

/// `s.translate(table)`: each char whose code point is in the table is replaced or deleted.
pub fn translate<V: TranslateTo>(s: &str, table: &Dict<i64, V>) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match table.get(&(c as i64)) {
            Some(v) => {
                if let Some(r) = v.replacement() {
                    out.push_str(r);
                }
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_and_combining_follow_cpython() {
        assert_eq!(category("A").unwrap(), "Lu");
        assert_eq!(category("é").unwrap(), "Ll");
        assert_eq!(category("5").unwrap(), "Nd");
        assert_eq!(category("\u{0301}").unwrap(), "Mn");
        assert_eq!(category("\u{0378}").unwrap(), "Cn");
        assert!(category("ab").is_err());
        assert_eq!(combining("\u{0301}").unwrap(), 230);
        assert_eq!(combining("a").unwrap(), 0);
    }

    #[test]
    fn normalize_and_translate() {
        assert_eq!(normalize("NFKC", "ﬁne").unwrap(), "fine");
        assert_eq!(normalize("NFD", "é").unwrap().chars().count(), 2);
        assert!(normalize("NFX", "a").is_err());
        let t = maketrans("ab", "xy", "c").unwrap();
        assert_eq!(translate("abcd", &t), "xyd");
        assert_eq!(capwords("hello  wide world", None).unwrap(), "Hello Wide World");
    }
}
