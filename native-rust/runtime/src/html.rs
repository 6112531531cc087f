//! The `html` module: `escape` and `unescape` as CPython 3.11 gives them.
//!
//! `unescape` follows `html._replace_charref` over the matches of `html._charref`, with the
//! HTML5 tables copied out of CPython (`html_entities.rs`, written by
//! `tools/text/gen_html_entities.py`).

use crate::html_entities::{HTML5, INVALID_CHARREFS, INVALID_CODEPOINTS};

/// `html.escape(s, quote=True)`: `&`, `<`, `>` and, with `quote`, `"` and `'`.
pub fn escape(s: &str, quote: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quote => out.push_str("&quot;"),
            '\'' if quote => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    out
}

fn entity(name: &str) -> Option<&'static str> {
    HTML5.binary_search_by(|(k, _)| (*k).cmp(name)).ok().map(|i| HTML5[i].1)
}

/// The text of a numeric reference's code point, after HTML5's remapping.
fn numeric(num: u64) -> String {
    if let Ok(i) = INVALID_CHARREFS.binary_search_by(|(k, _)| u64::from(*k).cmp(&num)) {
        return INVALID_CHARREFS[i].1.to_string();
    }
    if (0xD800..=0xDFFF).contains(&num) || num > 0x10FFFF {
        return "\u{FFFD}".to_string();
    }
    if INVALID_CODEPOINTS.binary_search(&(num as u32)).is_ok() {
        return String::new();
    }
    char::from_u32(num as u32).map_or_else(String::new, |c| c.to_string())
}

/// The length in chars of `html._charref`'s match after the `&` at `chars[0..]`, if any.
fn charref_len(chars: &[char]) -> Option<usize> {
    let semi = |n: usize| if chars.get(n) == Some(&';') { n + 1 } else { n };
    if chars.first() == Some(&'#') {
        let digits = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 {
            return Some(semi(1 + digits));
        }
        if matches!(chars.get(1), Some('x' | 'X')) {
            let hex = chars[2..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
            if hex > 0 {
                return Some(semi(2 + hex));
            }
        }
        return None;
    }
    let n = chars.iter().take(32).take_while(|c| !matches!(c, '\t' | '\n' | '\x0c' | ' ' | '<' | '&' | '#' | ';')).count();
    (n > 0).then(|| semi(n))
}

/// `html._replace_charref` on the match's group (the text after `&`).
fn replace_charref(s: &[char]) -> String {
    if s[0] == '#' {
        let (digits, radix) = if matches!(s[1], 'x' | 'X') { (&s[2..], 16) } else { (&s[1..], 10) };
        let mut num: u64 = 0;
        for c in digits.iter().take_while(|c| **c != ';') {
            num = num.saturating_mul(radix).saturating_add(u64::from(c.to_digit(radix as u32).unwrap_or(0)));
        }
        return numeric(num);
    }
    let text: String = s.iter().collect();
    if let Some(v) = entity(&text) {
        return v.to_string();
    }
    // The longest prefix that names an entity (HTML5 allows some without the semicolon).
    for x in (2..s.len()).rev() {
        let prefix: String = s[..x].iter().collect();
        if let Some(v) = entity(&prefix) {
            return format!("{v}{}", s[x..].iter().collect::<String>());
        }
    }
    format!("&{text}")
}

/// `html.unescape(s)`: named and numeric character references to the characters they stand for.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '&' {
            if let Some(n) = charref_len(&chars[i + 1..]) {
                out.push_str(&replace_charref(&chars[i + 1..i + 1 + n]));
                i += 1 + n;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_unescapes_like_cpython() {
        assert_eq!(escape("<a href=\"x\">'&'</a>", true), "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;");
        assert_eq!(escape("\"'", false), "\"'");
        assert_eq!(unescape("&lt;&gt;&amp;&quot;&#39;&#x27;&eacute;"), "<>&\"''é");
        assert_eq!(unescape("&notit; &amp &#0; &#x80; &#xD800; &#1114112;"), "¬it; & \u{FFFD} € \u{FFFD} \u{FFFD}");
        assert_eq!(unescape("&#x; &# &zz; &"), "&#x; &# &zz; &");
        assert_eq!(unescape("&#1;"), "");
    }
}
