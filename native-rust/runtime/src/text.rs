//! `unicodedata`, `string` and the translation-table str methods, as CPython gives them.
//!
//! `category` and `combining` read tables generated from CPython (`unicode_tables.rs`), so
//! they agree with the Python we test against; `normalize` is the `unicodedata` module's, over
//! CPython 3.11's Unicode 14.0 tables.

use crate::unicode_tables::{CATEGORY, COMBINING};
use crate::{Dict, PyErr, PyResult};

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
    crate::unicodedata::normalize(form, s)
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

/// `string.Template(template)`: `$name`, `${name}` and `$$` placeholders (CPython 3.11's pattern:
/// identifiers are ASCII `[_a-zA-Z][_a-zA-Z0-9]*`).
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub template: String,
}

/// One match of the Template pattern: its char range and what it is.
enum Placeholder {
    Escaped,
    Named(String),
    /// An invalid placeholder; `at` is the char index after the `$`.
    Invalid { at: usize },
}

fn is_id_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Template {
    pub fn new(template: String) -> Template {
        Template { template }
    }

    /// The placeholders in order, each with the char range it covers.
    fn scan(&self) -> Vec<(usize, usize, Placeholder)> {
        let cs: Vec<char> = self.template.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < cs.len() {
            if cs[i] != '$' {
                i += 1;
                continue;
            }
            let j = i + 1;
            if cs.get(j) == Some(&'$') {
                out.push((i, j + 1, Placeholder::Escaped));
                i = j + 1;
            } else if cs.get(j).is_some_and(|&c| is_id_start(c)) {
                let mut k = j + 1;
                while k < cs.len() && is_id_char(cs[k]) {
                    k += 1;
                }
                out.push((i, k, Placeholder::Named(cs[j..k].iter().collect())));
                i = k;
            } else if cs.get(j) == Some(&'{') && cs.get(j + 1).is_some_and(|&c| is_id_start(c)) && {
                let mut k = j + 2;
                while k < cs.len() && is_id_char(cs[k]) {
                    k += 1;
                }
                cs.get(k) == Some(&'}')
            } {
                let mut k = j + 2;
                while is_id_char(cs[k]) {
                    k += 1;
                }
                out.push((i, k + 1, Placeholder::Named(cs[j + 1..k].iter().collect())));
                i = k + 1;
            } else {
                out.push((i, j, Placeholder::Invalid { at: j }));
                i = j;
            }
        }
        out
    }

    fn invalid(&self, at: usize) -> PyErr {
        let before: String = self.template.chars().take(at).collect();
        let lines = crate::pystr::splitlines(&before, true);
        let (lineno, colno) = match lines.split_last() {
            None => (1, 1),
            Some((_, init)) => (lines.len(), at - init.iter().map(|l| l.chars().count()).sum::<usize>()),
        };
        PyErr::value_error(format!("Invalid placeholder in string: line {lineno}, col {colno}"))
    }

    /// `substitute` (`safe` false: KeyError for a missing name, ValueError for an invalid
    /// placeholder) or `safe_substitute` (both left as they are); `value` gives `str()` of a name's value.
    pub fn substitute_with(&self, value: &dyn Fn(&str) -> Option<String>, safe: bool) -> PyResult<String> {
        let cs: Vec<char> = self.template.chars().collect();
        let mut out = String::with_capacity(self.template.len());
        let mut last = 0;
        for (start, end, p) in self.scan() {
            out.extend(&cs[last..start]);
            last = end;
            match p {
                Placeholder::Escaped => out.push('$'),
                Placeholder::Named(name) => match value(&name) {
                    Some(v) => out.push_str(&v),
                    None if safe => out.extend(&cs[start..end]),
                    None => return Err(PyErr::key_error(&name)),
                },
                Placeholder::Invalid { at } => {
                    if !safe {
                        return Err(self.invalid(at));
                    }
                    out.push('$');
                }
            }
        }
        out.extend(&cs[last..]);
        Ok(out)
    }

    /// `get_identifiers()`: the names of the valid placeholders, each once, in order.
    pub fn get_identifiers(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for (_, _, p) in self.scan() {
            if let Placeholder::Named(n) = p {
                if !ids.contains(&n) {
                    ids.push(n);
                }
            }
        }
        ids
    }

    /// `is_valid()`: false when the template has an invalid placeholder.
    pub fn is_valid(&self) -> bool {
        !self.scan().iter().any(|(_, _, p)| matches!(p, Placeholder::Invalid { .. }))
    }
}

/// The lookup `substitute(mapping, **kws)` does: the keywords first, then the mapping.
pub fn template_lookup<'a, V: crate::PyRepr>(
    kws: &'a [(&'a str, String)],
    mapping: Option<&'a Dict<String, V>>,
) -> impl Fn(&str) -> Option<String> + 'a {
    move |name: &str| {
        kws.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .or_else(|| mapping.and_then(|m| m.get(name)).map(|v| v.py_str()))
    }
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

    #[test]
    fn templates_follow_cpython() {
        let t = Template::new("$who likes ${what}$$ $1 x$".to_string());
        let kws = [("who", "tim".to_string()), ("what", "pie".to_string())];
        let m: Option<&Dict<String, String>> = None;
        assert_eq!(t.substitute_with(&template_lookup(&kws, m), true).unwrap(), "tim likes pie$ $1 x$");
        assert!(t.substitute_with(&template_lookup(&kws, m), false).is_err());
        assert_eq!(t.get_identifiers(), vec!["who".to_string(), "what".to_string()]);
        assert!(!t.is_valid());
    }
}

/// `string.Formatter()`: what a program parses format strings with (`parse`), stateless.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Formatter;

/// One item of `Formatter().parse(s)`: `(literal_text, field_name, format_spec, conversion)`.
pub type FormatItem = (String, Option<String>, Option<String>, Option<String>);

impl Formatter {
    /// `Formatter().parse(s)`, as CPython's `_string.formatter_parser` splits a format string: each
    /// literal run with the replacement field after it (`None`s when none follows), `{{`/`}}` as
    /// one brace ending a literal run, and its ValueErrors for unbalanced braces.
    pub fn parse(&self, s: &str) -> PyResult<Vec<FormatItem>> {
        let chars: Vec<char> = s.chars().collect();
        let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        let mut out = Vec::new();
        let mut at = 0;
        while at < chars.len() {
            let literal_start = at;
            let mut c = '\0';
            let mut markup = false;
            while at < chars.len() {
                c = chars[at];
                at += 1;
                if c == '{' || c == '}' {
                    markup = true;
                    break;
                }
            }
            let at_end = at >= chars.len();
            let mut len = at - literal_start;
            if c == '}' && markup && (at_end || chars[at] != '}') {
                return Err(PyErr::value_error(
                    "Single '}' encountered in format string",
                ));
            }
            if at_end && c == '{' && markup {
                return Err(PyErr::value_error(
                    "Single '{' encountered in format string",
                ));
            }
            if markup && !at_end {
                if chars[at] == c {
                    // An escaped brace ends the literal run; no field follows it.
                    at += 1;
                    markup = false;
                } else {
                    len -= 1;
                }
            }
            let literal = text(literal_start, literal_start + len);
            if !markup {
                out.push((literal, None, None, None));
                continue;
            }
            // The field runs to the '}' that balances its '{'.
            let field_start = at;
            let mut count = 1;
            let mut field_end = None;
            while at < chars.len() {
                let d = chars[at];
                at += 1;
                if d == '{' {
                    count += 1;
                } else if d == '}' {
                    count -= 1;
                    if count == 0 {
                        field_end = Some(at - 1);
                        break;
                    }
                }
            }
            let Some(field_end) = field_end else {
                return Err(PyErr::value_error("expected '}' before end of string"));
            };
            let (name, spec, conversion) = parse_field(&chars[field_start..field_end])?;
            out.push((literal, Some(name), Some(spec), conversion));
        }
        Ok(out)
    }
}

/// A replacement field's name, format spec and conversion (`name!r:spec`).
fn parse_field(f: &[char]) -> PyResult<(String, String, Option<String>)> {
    let mut i = 0;
    let mut stop = None;
    while i < f.len() {
        let c = f[i];
        i += 1;
        match c {
            '{' => return Err(PyErr::value_error("unexpected '{' in field name")),
            '[' => {
                while i < f.len() && f[i] != ']' {
                    i += 1;
                }
            }
            '}' | ':' | '!' => {
                stop = Some(c);
                break;
            }
            _ => {}
        }
    }
    let Some(c) = stop.filter(|&c| c == '!' || c == ':') else {
        return Ok((f.iter().collect(), String::new(), None));
    };
    let name: String = f[..i - 1].iter().collect();
    let mut conversion = None;
    if c == '!' {
        if i >= f.len() {
            return Err(PyErr::value_error(
                "end of string while looking for conversion specifier",
            ));
        }
        conversion = Some(f[i].to_string());
        i += 1;
        if i < f.len() {
            if f[i] != ':' {
                return Err(PyErr::value_error(
                    "expected ':' after conversion specifier",
                ));
            }
            i += 1;
        }
    }
    Ok((name, f[i..].iter().collect(), conversion))
}
