//! Shell-style text: `fnmatch` (glob patterns as CPython 3.11's `fnmatch.translate` reads them: `*`, `?`,
//! `[seq]`, `[!seq]` with its ranges, empty ranges dropped, an unclosed `[` literal; on POSIX `fnmatch` is
//! `fnmatchcase`) and `shlex` (`split` in POSIX mode with its quoting, escapes, comments and ValueErrors,
//! `quote`, `join`).

use crate::{PyErr, PyResult};

#[derive(Debug, Clone)]
enum Tok {
    Lit(char),
    Any,
    Star,
    /// A bracket set: negated, its single characters and ranges.
    Set(bool, Vec<(char, char)>),
    Never,
}

/// An item of a set's text as `translate` builds it: a character, or the range operator between chunks.
#[derive(Clone, Copy, PartialEq)]
enum Item {
    C(char),
    Dash,
}

fn compile(pat: &str) -> Vec<Tok> {
    let p: Vec<char> = pat.chars().collect();
    let n = p.len();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < n {
        let c = p[i];
        i += 1;
        match c {
            '*' => {
                if !matches!(out.last(), Some(Tok::Star)) {
                    out.push(Tok::Star);
                }
            }
            '?' => out.push(Tok::Any),
            '[' => {
                let mut j = i;
                if j < n && p[j] == '!' {
                    j += 1;
                }
                if j < n && p[j] == ']' {
                    j += 1;
                }
                while j < n && p[j] != ']' {
                    j += 1;
                }
                if j >= n {
                    out.push(Tok::Lit('['));
                    continue;
                }
                let stuff: Vec<char> = p[i..j].to_vec();
                let items: Vec<Item> = if !stuff.contains(&'-') {
                    stuff.iter().map(|&c| Item::C(c)).collect()
                } else {
                    let mut chunks: Vec<Vec<char>> = Vec::new();
                    let mut k = if p[i] == '!' { i + 2 } else { i + 1 };
                    let mut start = i;
                    loop {
                        match (k.min(j)..j).find(|&q| p[q] == '-') {
                            None => break,
                            Some(q) => {
                                chunks.push(p[start..q].to_vec());
                                start = q + 1;
                                k = q + 3;
                            }
                        }
                    }
                    let chunk = p[start..j].to_vec();
                    if !chunk.is_empty() {
                        chunks.push(chunk);
                    } else if let Some(last) = chunks.last_mut() {
                        last.push('-');
                    }
                    // Remove empty ranges, as CPython does (they are invalid in a regular expression).
                    let mut k = chunks.len();
                    while k > 1 {
                        k -= 1;
                        let (a, b) = (chunks[k - 1].last().copied(), chunks[k].first().copied());
                        if let (Some(a), Some(b)) = (a, b) {
                            if a > b {
                                let tail: Vec<char> = chunks[k][1..].to_vec();
                                chunks[k - 1].pop();
                                chunks[k - 1].extend(tail);
                                chunks.remove(k);
                            }
                        }
                    }
                    let mut v = Vec::new();
                    for (x, ch) in chunks.iter().enumerate() {
                        if x > 0 {
                            v.push(Item::Dash);
                        }
                        v.extend(ch.iter().map(|&c| Item::C(c)));
                    }
                    v
                };
                i = j + 1;
                if items.is_empty() {
                    out.push(Tok::Never);
                } else if items == [Item::C('!')] {
                    out.push(Tok::Any);
                } else {
                    let (neg, body) = if items[0] == Item::C('!') { (true, &items[1..]) } else { (false, &items[..]) };
                    let mut set = Vec::new();
                    let mut q = 0;
                    while q < body.len() {
                        match body[q] {
                            Item::C(a) => {
                                if q + 2 < body.len() && body[q + 1] == Item::Dash {
                                    if let Item::C(b) = body[q + 2] {
                                        set.push((a, b));
                                        q += 3;
                                        continue;
                                    }
                                }
                                set.push((a, a));
                            }
                            Item::Dash => set.push(('-', '-')),
                        }
                        q += 1;
                    }
                    out.push(Tok::Set(neg, set));
                }
            }
            _ => out.push(Tok::Lit(c)),
        }
    }
    out
}

fn one(t: &Tok, c: char) -> bool {
    match t {
        Tok::Lit(l) => *l == c,
        Tok::Any => true,
        Tok::Set(neg, set) => set.iter().any(|&(a, b)| a <= c && c <= b) != *neg,
        Tok::Never | Tok::Star => false,
    }
}

/// `fnmatch.fnmatchcase(name, pat)` (and, on POSIX, `fnmatch.fnmatch`).
pub fn fnmatchcase(name: &str, pat: &str) -> bool {
    let toks = compile(pat);
    let s: Vec<char> = name.chars().collect();
    let (mut si, mut ti) = (0usize, 0usize);
    let mut back: Option<(usize, usize)> = None;
    while si < s.len() {
        if ti < toks.len() && matches!(toks[ti], Tok::Star) {
            back = Some((ti, si));
            ti += 1;
        } else if ti < toks.len() && one(&toks[ti], s[si]) {
            si += 1;
            ti += 1;
        } else if let Some((bt, bs)) = back {
            ti = bt + 1;
            si = bs + 1;
            back = Some((bt, bs + 1));
        } else {
            return false;
        }
    }
    while ti < toks.len() && matches!(toks[ti], Tok::Star) {
        ti += 1;
    }
    ti == toks.len()
}

/// `fnmatch.filter(names, pat)`.
pub fn fnmatch_filter(names: &[String], pat: &str) -> Vec<String> {
    names.iter().filter(|n| fnmatchcase(n, pat)).cloned().collect()
}

/// `shlex.split(s, comments=False, posix=True)`.
pub fn shlex_split(s: &str, comments: bool) -> PyResult<Vec<String>> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let ws = |c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n';
    loop {
        // One token: `read_token` with whitespace_split.
        let mut state = ' ';
        let mut escaped_state = 'a';
        let mut token = String::new();
        let mut quoted = false;
        loop {
            let next = chars.get(i).copied();
            i += 1;
            match state {
                ' ' => match next {
                    None => break,
                    Some(c) if ws(c) => {
                        if !token.is_empty() || quoted {
                            break;
                        }
                    }
                    Some('#') if comments => skip_line(&chars, &mut i),
                    Some('\\') => {
                        escaped_state = 'a';
                        state = '\\';
                    }
                    Some(c) if c == '\'' || c == '"' => state = c,
                    Some(c) => {
                        token.push(c);
                        state = 'a';
                    }
                },
                '\'' | '"' => {
                    quoted = true;
                    match next {
                        None => return Err(PyErr::value_error("No closing quotation")),
                        Some(c) if c == state => state = 'a',
                        Some('\\') if state == '"' => {
                            escaped_state = state;
                            state = '\\';
                        }
                        Some(c) => token.push(c),
                    }
                }
                '\\' => match next {
                    None => return Err(PyErr::value_error("No escaped character")),
                    Some(c) => {
                        if (escaped_state == '"' || escaped_state == '\'') && c != '\\' && c != escaped_state {
                            token.push('\\');
                        }
                        token.push(c);
                        state = escaped_state;
                    }
                },
                _ => match next {
                    None => break,
                    Some(c) if ws(c) => {
                        state = ' ';
                        if !token.is_empty() || quoted {
                            break;
                        }
                    }
                    Some('#') if comments => {
                        skip_line(&chars, &mut i);
                        state = ' ';
                        if !token.is_empty() || quoted {
                            break;
                        }
                    }
                    Some(c) if c == '\'' || c == '"' => state = c,
                    Some('\\') => {
                        escaped_state = 'a';
                        state = '\\';
                    }
                    Some(c) => token.push(c),
                },
            }
        }
        // An empty token that was not quoted is the end of the input.
        if token.is_empty() && !quoted {
            return Ok(out);
        }
        out.push(token);
    }
}

/// A comment's `readline()`: past the next newline, or to the end.
fn skip_line(chars: &[char], i: &mut usize) {
    while *i < chars.len() && chars[*i] != '\n' {
        *i += 1;
    }
    *i += 1;
}

/// `shlex.quote(s)`: s itself when every character is safe, else single-quoted.
pub fn shlex_quote(s: &str) -> String {
    if s.is_empty() {
        return "''".into();
    }
    let safe = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
    if s.chars().all(safe) {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', "'\"'\"'"))
}

/// `shlex.join(args)`.
pub fn shlex_join(args: &[String]) -> String {
    args.iter().map(|a| shlex_quote(a)).collect::<Vec<_>>().join(" ")
}
