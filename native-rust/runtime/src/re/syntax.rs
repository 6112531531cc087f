//! Python's regular-expression syntax, parsed as CPython 3.11's `re._parser` parses it and
//! written out in fancy-regex syntax with Python's meaning.
//!
//! The parser follows `_parse_sub` / `_parse` step by step, so a pattern CPython rejects is
//! rejected here with the same message and position (`missing ), unterminated subpattern at
//! position 0`). The output never uses a construct whose meaning differs between the two
//! engines; instead it spells Python's meaning out:
//! - `\w` `\d` `\s` (and `\b` `\B`, defined by `\w`) are Python's Unicode classes
//!   (`[\p{L}\p{N}_]`, `\p{Nd}`, `str.isspace`), or ASCII ones under `re.ASCII`;
//! - `$` is `(?=\n?\z)` (end, or before a final newline), `^` is `\A`, and under MULTILINE
//!   both are line anchors; `\Z` is `\z`; `.` matches a newline only under DOTALL;
//! - verbose mode (`re.X`) is applied here, so fancy-regex never sees whitespace rules;
//! - every group is a numbered group in Python's order (names are kept here), backreferences
//!   are `\k<n>`, possessive repeats are atomic groups;
//! - literal characters other than ASCII letters and digits are written as `\x{..}`.
//!
//! `\N{name}` escapes are rejected (no Unicode name table at run time).

use std::collections::HashMap;

pub const TEMPLATE: i64 = 1;
pub const IGNORECASE: i64 = 2;
pub const LOCALE: i64 = 4;
pub const MULTILINE: i64 = 8;
pub const DOTALL: i64 = 16;
pub const UNICODE: i64 = 32;
pub const VERBOSE: i64 = 64;
pub const DEBUG: i64 = 128;
pub const ASCII: i64 = 256;

const MAXREPEAT: u64 = 4_294_967_295;
const MAXWIDTH: u128 = 1 << 64;
const MAXGROUPS: u64 = 2_147_483_647;

/// How a pattern failed to compile, as CPython reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// `re.error(msg, pattern, pos)`: `pos` counts code points.
    Re { msg: String, pos: Option<usize> },
    /// The flags are inconsistent (`ValueError`).
    Value(String),
    /// A repeat count too large (`OverflowError`).
    Overflow(String),
}

/// A parsed pattern: the fancy-regex text and what Python knows about its groups.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub regex: String,
    /// The number of capture groups.
    pub groups: usize,
    /// Group names with their numbers, in the order they appear.
    pub names: Vec<(String, usize)>,
    /// The pattern's flags as `Pattern.flags` shows them (inline flags and UNICODE included).
    pub flags: i64,
    /// A faster form for most texts, when the pattern has `\b`, `\B` or `$` (see [`Fast`]).
    pub fast: Option<Fast>,
}

/// The pattern with the regex crate's own `\b`, `\B` and `\z` for Python's `\b`, `\B` and
/// `$`: no lookaround, so plain patterns stay on the regex crate's automata. It means the same
/// on a text where every character is a word character for both or for neither (`boundary`),
/// that is not empty (`\B`), and that does not end with a newline (`dollar`).
#[derive(Debug, Clone)]
pub struct Fast {
    pub regex: String,
    pub boundary: bool,
    pub dollar: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// `^ $ \A \Z \b \B`: nothing to repeat.
    At,
    Repeat,
    /// A group without a number and without flags: repeating it repeats its contents.
    Other,
}

#[derive(Clone, Debug)]
struct Item {
    out: String,
    kind: Kind,
    lo: u128,
    hi: u128,
}

struct Seq {
    items: Vec<Item>,
}

impl Seq {
    fn width(&self) -> (u128, u128) {
        let (mut lo, mut hi) = (0u128, 0u128);
        for it in &self.items {
            lo = (lo + it.lo).min(MAXWIDTH);
            hi = (hi + it.hi).min(MAXWIDTH);
        }
        (lo, hi)
    }
    fn out(&self) -> String {
        self.items.iter().map(|i| i.out.as_str()).collect()
    }
}

struct State {
    flags: i64,
    names: Vec<(String, usize)>,
    index: HashMap<String, usize>,
    /// Widths of closed groups; None while a group is open. Index 0 is the whole pattern.
    widths: Vec<Option<(u128, u128)>>,
    lookbehind_groups: Option<usize>,
    groupref_pos: Vec<(u64, usize)>,
    /// The first error CPython's compiler (after parsing) would give.
    compile_error: Option<String>,
}

impl State {
    fn groups(&self) -> usize {
        self.widths.len()
    }
    fn check_group(&self, gid: usize) -> bool {
        gid < self.groups() && self.widths[gid].is_some()
    }
}

struct Parser {
    s: Vec<char>,
    /// The index after the lookahead token (CPython's `Tokenizer.index`).
    index: usize,
    /// The lookahead token: one char, or a backslash and the char after it.
    next: Option<(char, Option<char>)>,
    st: State,
    /// Write [`Fast`]'s form of `\b`, `\B` and `$`.
    fast: bool,
    uses_boundary: bool,
    uses_dollar: bool,
}

type R<T> = Result<T, SyntaxError>;

fn tok_len(t: Option<(char, Option<char>)>) -> usize {
    match t {
        None => 0,
        Some((_, None)) => 1,
        Some((_, Some(_))) => 2,
    }
}

fn tok_str(t: (char, Option<char>)) -> String {
    match t.1 {
        None => t.0.to_string(),
        Some(c) => format!("\\{c}"),
    }
}

/// `str.isidentifier()` for the names group names use, close enough to CPython's XID rules:
/// a letter or `_`, then letters, digits, `_` or other non-ASCII word characters (marks).
fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    cs.all(|c| c == '_' || c.is_alphanumeric() || (!c.is_ascii() && !c.is_whitespace() && !c.is_control()))
}

/// A literal character in fancy-regex syntax, outside or inside a class.
pub(crate) fn lit(c: char) -> String {
    if c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_whitespace() && !c.is_control()) {
        c.to_string()
    } else {
        format!("\\x{{{:x}}}", c as u32)
    }
}

const UNI_WORD: &str = r"\p{L}\p{N}_";
const ASCII_WORD: &str = "0-9A-Za-z_";
const UNI_SPACE: &str = r"\s\x{1c}-\x{1f}";
const ASCII_SPACE: &str = r"\x{9}-\x{d}\x{20}";

#[derive(Clone, Copy)]
enum Category {
    Digit(bool),
    Word(bool),
    Space(bool),
}

fn category_body(c: Category, ascii: bool) -> (&'static str, bool) {
    match (c, ascii) {
        (Category::Digit(p), false) => (if p { r"\p{Nd}" } else { r"\P{Nd}" }, true),
        (Category::Digit(p), true) => ("0-9", p),
        (Category::Word(p), false) => (UNI_WORD, p),
        (Category::Word(p), true) => (ASCII_WORD, p),
        (Category::Space(p), false) => (UNI_SPACE, p),
        (Category::Space(p), true) => (ASCII_SPACE, p),
    }
}

/// A category as a whole class (outside a set).
fn category_class(c: Category, ascii: bool) -> String {
    let (body, positive) = category_body(c, ascii);
    if let (Category::Digit(_), false) = (c, ascii) {
        return body.to_string();
    }
    let class = format!("[{}{}]", if positive { "" } else { "^" }, body);
    // Under IGNORECASE an ASCII class must not gain non-ASCII case variants (K and the Kelvin sign).
    if ascii { format!("(?-i:{class})") } else { class }
}

/// A category as an item inside a set.
fn category_item(c: Category, ascii: bool) -> String {
    let (body, positive) = category_body(c, ascii);
    if positive || body.starts_with(r"\P") { body.to_string() } else { format!("[^{body}]") }
}

enum ClassCode {
    Lit(u32),
    Cat(Category),
}

enum Escape {
    Lit(u32),
    Cat(Category),
    At(&'static str),
    GroupRef(usize),
}

impl Parser {
    fn new(pattern: &str) -> R<Parser> {
        let mut p = Parser {
            s: pattern.chars().collect(),
            index: 0,
            next: None,
            st: State {
                flags: 0,
                names: Vec::new(),
                index: HashMap::new(),
                widths: vec![None],
                lookbehind_groups: None,
                groupref_pos: Vec::new(),
                compile_error: None,
            },
            fast: false,
            uses_boundary: false,
            uses_dollar: false,
        };
        p.advance()?;
        Ok(p)
    }

    fn at_code(&mut self, a: &str, flags: i64) -> String {
        match a {
            "$" if flags & MULTILINE == 0 => {
                self.uses_dollar = true;
                if self.fast {
                    return r"\z".into();
                }
            }
            "b" | "B" if flags & ASCII == 0 => {
                self.uses_boundary = true;
                if self.fast {
                    return if a == "b" { r"\b" } else { r"\B" }.into();
                }
            }
            _ => {}
        }
        at_code(a, flags)
    }

    fn err(&self, msg: impl Into<String>, offset: usize) -> SyntaxError {
        SyntaxError::Re { msg: msg.into(), pos: Some(self.tell().saturating_sub(offset)) }
    }

    fn advance(&mut self) -> R<()> {
        let i = self.index;
        let Some(&c) = self.s.get(i) else {
            self.next = None;
            return Ok(());
        };
        if c == '\\' {
            let Some(&d) = self.s.get(i + 1) else {
                return Err(SyntaxError::Re { msg: "bad escape (end of pattern)".into(), pos: Some(self.s.len() - 1) });
            };
            self.index = i + 2;
            self.next = Some(('\\', Some(d)));
        } else {
            self.index = i + 1;
            self.next = Some((c, None));
        }
        Ok(())
    }

    fn tell(&self) -> usize {
        self.index - tok_len(self.next)
    }

    fn next_is(&self, c: char) -> bool {
        self.next == Some((c, None))
    }

    fn next_in(&self, set: &str) -> bool {
        matches!(self.next, Some((c, None)) if set.contains(c))
    }

    fn matches(&mut self, c: char) -> R<bool> {
        if self.next_is(c) {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn get(&mut self) -> R<Option<(char, Option<char>)>> {
        let t = self.next;
        self.advance()?;
        Ok(t)
    }

    fn seek(&mut self, index: usize) -> R<()> {
        self.index = index;
        self.advance()
    }

    fn getwhile(&mut self, n: usize, set: &str) -> R<String> {
        let mut out = String::new();
        for _ in 0..n {
            match self.next {
                Some((c, None)) if set.contains(c) => {
                    out.push(c);
                    self.advance()?;
                }
                _ => break,
            }
        }
        Ok(out)
    }

    fn getuntil(&mut self, term: char, name: &str) -> R<String> {
        let mut out = String::new();
        loop {
            let c = self.next;
            self.advance()?;
            match c {
                None => {
                    if out.is_empty() {
                        return Err(self.err(format!("missing {name}"), 0));
                    }
                    return Err(self.err(format!("missing {term}, unterminated name"), out.chars().count()));
                }
                Some((t, None)) if t == term => {
                    if out.is_empty() {
                        return Err(self.err(format!("missing {name}"), 1));
                    }
                    return Ok(out);
                }
                Some(t) => out.push_str(&tok_str(t)),
            }
        }
    }

    fn check_group_name(&self, name: &str, offset: usize) -> R<()> {
        if !is_identifier(name) {
            return Err(self.err(format!("bad character in group name {}", py_repr(name)), name.chars().count() + offset));
        }
        Ok(())
    }

    fn check_lookbehind_group(&self, gid: usize) -> R<()> {
        if let Some(lb) = self.st.lookbehind_groups {
            if !self.st.check_group(gid) {
                return Err(self.err("cannot refer to an open group", 0));
            }
            if gid >= lb {
                return Err(self.err("cannot refer to group defined in the same lookbehind subpattern", 0));
            }
        }
        Ok(())
    }

    fn parse_sub(&mut self, verbose: bool, nested: usize, flags: i64) -> R<Item> {
        let mut branches: Vec<Seq> = Vec::new();
        let mut verbose = verbose;
        loop {
            let first = nested == 0 && branches.is_empty();
            // Global inline flags (`(?s)` at the start) hold for every later branch.
            let flags = if nested == 0 { flags | self.st.flags } else { flags };
            let (seq, v) = self.parse(verbose, nested + 1, first, flags)?;
            branches.push(seq);
            if nested == 0 {
                verbose = v;
            }
            if !self.matches('|')? {
                break;
            }
            if nested == 0 {
                verbose = self.st.flags & VERBOSE != 0;
            }
        }
        if branches.len() == 1 {
            let seq = branches.pop().unwrap();
            let (lo, hi) = seq.width();
            return Ok(Item { out: seq.out(), kind: Kind::Other, lo, hi });
        }
        let (mut lo, mut hi) = (MAXWIDTH, 0u128);
        for b in &branches {
            let (l, h) = b.width();
            lo = lo.min(l);
            hi = hi.max(h);
        }
        let out = branches.iter().map(Seq::out).collect::<Vec<_>>().join("|");
        Ok(Item { out: format!("(?:{out})"), kind: Kind::Other, lo, hi })
    }

    /// One branch; also returns whether verbose mode is on at its end (global inline flags).
    fn parse(&mut self, verbose: bool, nested: usize, first: bool, flags: i64) -> R<(Seq, bool)> {
        let mut verbose = verbose;
        let mut flags = flags;
        let mut seq = Seq { items: Vec::new() };
        while let Some(this) = self.next {
            if this.1.is_none() && (this.0 == '|' || this.0 == ')') {
                break;
            }
            self.advance()?;
            if verbose && this.1.is_none() {
                if " \t\n\r\x0b\x0c".contains(this.0) {
                    continue;
                }
                if this.0 == '#' {
                    loop {
                        match self.get()? {
                            None | Some(('\n', None)) => break,
                            _ => {}
                        }
                    }
                    continue;
                }
            }
            let ascii = flags & ASCII != 0;
            if this.1.is_some() {
                let e = self.escape(this)?;
                seq.items.push(match e {
                    Escape::Lit(c) => unit(lit_code(c)),
                    Escape::Cat(c) => unit(category_class(c, ascii)),
                    Escape::At(a) => Item { out: self.at_code(a, flags), kind: Kind::At, lo: 0, hi: 0 },
                    Escape::GroupRef(g) => {
                        let (lo, hi) = self.st.widths[g].unwrap_or((0, 0));
                        Item { out: format!("\\k<{g}>"), kind: Kind::Other, lo, hi }
                    }
                });
                continue;
            }
            let c = this.0;
            if !".\\[{()*+?^$|".contains(c) {
                seq.items.push(unit(lit(c)));
                continue;
            }
            match c {
                '[' => {
                    let item = self.class(ascii)?;
                    seq.items.push(item);
                }
                '*' | '+' | '?' | '{' => {
                    let here = self.tell();
                    let (min, max) = match c {
                        '?' => (0, 1),
                        '*' => (0, MAXREPEAT),
                        '+' => (1, MAXREPEAT),
                        _ => {
                            if self.next_is('}') {
                                seq.items.push(unit(lit('{')));
                                continue;
                            }
                            let mut lo = String::new();
                            let mut hi = String::new();
                            while self.next_in("0123456789") {
                                lo.push(self.get()?.unwrap().0);
                            }
                            if self.matches(',')? {
                                while self.next_in("0123456789") {
                                    hi.push(self.get()?.unwrap().0);
                                }
                            } else {
                                hi = lo.clone();
                            }
                            if !self.matches('}')? {
                                seq.items.push(unit(lit('{')));
                                self.seek(here)?;
                                continue;
                            }
                            let mut min = 0u64;
                            let mut max = MAXREPEAT;
                            if !lo.is_empty() {
                                min = lo.parse::<u64>().unwrap_or(u64::MAX);
                                if min >= MAXREPEAT {
                                    return Err(SyntaxError::Overflow("the repetition number is too large".into()));
                                }
                            }
                            if !hi.is_empty() {
                                max = hi.parse::<u64>().unwrap_or(u64::MAX);
                                if max >= MAXREPEAT {
                                    return Err(SyntaxError::Overflow("the repetition number is too large".into()));
                                }
                                if max < min {
                                    let off = self.tell() - here;
                                    return Err(self.err("min repeat greater than max repeat", off));
                                }
                            }
                            (min, max)
                        }
                    };
                    let off = self.tell() - here + 1;
                    let Some(item) = seq.items.pop() else {
                        return Err(self.err("nothing to repeat", off));
                    };
                    if item.kind == Kind::At {
                        return Err(self.err("nothing to repeat", off));
                    }
                    if item.kind == Kind::Repeat {
                        return Err(self.err("multiple repeat", off));
                    }
                    let lazy = self.matches('?')?;
                    let possessive = !lazy && self.matches('+')?;
                    seq.items.push(repeat(item, min, max, lazy, possessive));
                }
                '.' => seq.items.push(unit(if flags & DOTALL != 0 { "(?s:.)".into() } else { ".".into() })),
                '(' => {
                    if let Some(item) = self.group(&mut verbose, &mut flags, nested, first && seq.items.is_empty())? {
                        seq.items.push(item);
                    }
                }
                '^' => seq.items.push(Item { out: self.at_code("^", flags), kind: Kind::At, lo: 0, hi: 0 }),
                '$' => seq.items.push(Item { out: self.at_code("$", flags), kind: Kind::At, lo: 0, hi: 0 }),
                _ => unreachable!("special character {c}"),
            }
        }
        Ok((seq, verbose))
    }

    /// After `(`: a group, an assertion, a comment or inline flags (which return None).
    fn group(&mut self, verbose: &mut bool, flags: &mut i64, nested: usize, at_start: bool) -> R<Option<Item>> {
        let start = self.tell() - 1;
        let mut capture = true;
        let mut atomic = false;
        let mut name: Option<String> = None;
        let (mut add, mut del) = (0i64, 0i64);
        if self.matches('?')? {
            let Some(ch) = self.get()? else {
                return Err(self.err("unexpected end of pattern", 0));
            };
            let c = if ch.1.is_none() { ch.0 } else { '\\' };
            match c {
                'P' => {
                    if self.matches('<')? {
                        let n = self.getuntil('>', "group name")?;
                        self.check_group_name(&n, 1)?;
                        name = Some(n);
                    } else if self.matches('=')? {
                        let n = self.getuntil(')', "group name")?;
                        self.check_group_name(&n, 1)?;
                        let len = n.chars().count();
                        let Some(&gid) = self.st.index.get(&n) else {
                            return Err(self.err(format!("unknown group name {}", py_repr(&n)), len + 1));
                        };
                        if !self.st.check_group(gid) {
                            return Err(self.err("cannot refer to an open group", len + 1));
                        }
                        self.check_lookbehind_group(gid)?;
                        let (lo, hi) = self.st.widths[gid].unwrap_or((0, 0));
                        return Ok(Some(Item { out: format!("\\k<{gid}>"), kind: Kind::Other, lo, hi }));
                    } else {
                        let Some(t) = self.get()? else {
                            return Err(self.err("unexpected end of pattern", 0));
                        };
                        let t = tok_str(t);
                        let len = t.chars().count();
                        return Err(self.err(format!("unknown extension ?P{t}"), len + 2));
                    }
                }
                ':' => capture = false,
                '#' => {
                    loop {
                        if self.next.is_none() {
                            let off = self.tell() - start;
                            return Err(self.err("missing ), unterminated comment", off));
                        }
                        if self.get()? == Some((')', None)) {
                            break;
                        }
                    }
                    return Ok(None);
                }
                '=' | '!' | '<' => {
                    let mut kind = c;
                    let mut behind = false;
                    let mut outer_lb = None;
                    if c == '<' {
                        let Some(t) = self.get()? else {
                            return Err(self.err("unexpected end of pattern", 0));
                        };
                        if t.1.is_some() || (t.0 != '=' && t.0 != '!') {
                            let t = tok_str(t);
                            let len = t.chars().count();
                            return Err(self.err(format!("unknown extension ?<{t}"), len + 2));
                        }
                        kind = t.0;
                        behind = true;
                        outer_lb = Some(self.st.lookbehind_groups);
                        if self.st.lookbehind_groups.is_none() {
                            self.st.lookbehind_groups = Some(self.st.groups());
                        }
                    }
                    let p = self.parse_sub(*verbose, nested + 1, *flags)?;
                    if let Some(None) = outer_lb {
                        self.st.lookbehind_groups = None;
                    }
                    if !self.matches(')')? {
                        let off = self.tell() - start;
                        return Err(self.err("missing ), unterminated subpattern", off));
                    }
                    if behind && p.lo != p.hi && self.st.compile_error.is_none() {
                        self.st.compile_error = Some("look-behind requires fixed-width pattern".into());
                    }
                    let open = match (behind, kind) {
                        (false, '=') => "(?=",
                        (false, _) => "(?!",
                        (true, '=') => "(?<=",
                        (true, _) => "(?<!",
                    };
                    return Ok(Some(Item { out: format!("{open}{})", p.out), kind: Kind::Other, lo: 0, hi: 0 }));
                }
                '(' => {
                    let cond = self.getuntil(')', "group name")?;
                    let len = cond.chars().count();
                    let gid: usize;
                    if is_identifier(&cond) {
                        match self.st.index.get(&cond) {
                            Some(&g) => gid = g,
                            None => return Err(self.err(format!("unknown group name {}", py_repr(&cond)), len + 1)),
                        }
                    } else {
                        let n: u64 = match (cond.chars().all(|c| c.is_ascii_digit()), cond.parse::<u64>()) {
                            (true, Ok(n)) => n,
                            _ => return Err(self.err(format!("bad character in group name {}", py_repr(&cond)), len + 1)),
                        };
                        if n == 0 {
                            return Err(self.err("bad group number", len + 1));
                        }
                        if n >= MAXGROUPS {
                            return Err(self.err(format!("invalid group reference {n}"), len + 1));
                        }
                        if !self.st.groupref_pos.iter().any(|(g, _)| *g == n) {
                            let at = self.tell() - len - 1;
                            self.st.groupref_pos.push((n, at));
                        }
                        gid = n as usize;
                    }
                    self.check_lookbehind_group(gid)?;
                    let (yes, _) = self.parse(*verbose, nested + 1, false, *flags)?;
                    let mut no = None;
                    if self.matches('|')? {
                        let (n, _) = self.parse(*verbose, nested + 1, false, *flags)?;
                        if self.next_is('|') {
                            return Err(self.err("conditional backref with more than two branches", 0));
                        }
                        no = Some(n);
                    }
                    if !self.matches(')')? {
                        let off = self.tell() - start;
                        return Err(self.err("missing ), unterminated subpattern", off));
                    }
                    let (ylo, yhi) = yes.width();
                    let (lo, hi, out) = match no {
                        Some(n) => {
                            let (nlo, nhi) = n.width();
                            (ylo.min(nlo), yhi.max(nhi), format!("(?({gid}){}|{})", yes.out(), n.out()))
                        }
                        None => (0, yhi, format!("(?({gid}){}|)", yes.out())),
                    };
                    return Ok(Some(Item { out, kind: Kind::Other, lo, hi }));
                }
                '>' => {
                    capture = false;
                    atomic = true;
                }
                _ if "iLmsxatu-".contains(c) => {
                    match self.parse_flags(c)? {
                        None => {
                            if !at_start {
                                let off = self.tell() - start;
                                return Err(self.err("global flags not at the start of the expression", off));
                            }
                            *verbose = self.st.flags & VERBOSE != 0;
                            *flags |= self.st.flags;
                            return Ok(None);
                        }
                        Some((a, d)) => {
                            add = a;
                            del = d;
                            capture = false;
                        }
                    }
                }
                _ => {
                    let t = tok_str(ch);
                    let len = t.chars().count();
                    return Err(self.err(format!("unknown extension ?{t}"), len + 1));
                }
            }
        }
        let gid = if capture {
            let gid = self.st.groups();
            self.st.widths.push(None);
            if let Some(n) = &name {
                if let Some(&old) = self.st.index.get(n) {
                    let len = n.chars().count();
                    return Err(self.err(format!("redefinition of group name {} as group {gid}; was group {old}", py_repr(n)), len + 1));
                }
                self.st.index.insert(n.clone(), gid);
                self.st.names.push((n.clone(), gid));
            }
            Some(gid)
        } else {
            None
        };
        let sub_verbose = (*verbose || add & VERBOSE != 0) && del & VERBOSE == 0;
        let inner_flags = (*flags | add) & !del;
        let p = self.parse_sub(sub_verbose, nested + 1, inner_flags)?;
        if !self.matches(')')? {
            let off = self.tell() - start;
            return Err(self.err("missing ), unterminated subpattern", off));
        }
        if let Some(g) = gid {
            self.st.widths[g] = Some((p.lo, p.hi));
        }
        let case = if add & IGNORECASE != 0 { "i" } else if del & IGNORECASE != 0 { "-i" } else { "" };
        let out = if atomic {
            format!("(?>{})", p.out)
        } else if gid.is_some() {
            if case.is_empty() { format!("({})", p.out) } else { format!("((?{case}:{}))", p.out) }
        } else {
            format!("(?{case}:{})", p.out)
        };
        Ok(Some(Item { out, kind: Kind::Other, lo: p.lo, hi: p.hi }))
    }

    /// Inline flags after `(?`; None for global flags `(?i)`, else the scoped (add, del).
    fn parse_flags(&mut self, first: char) -> R<Option<(i64, i64)>> {
        let flag = |c: char| -> Option<i64> {
            Some(match c {
                'i' => IGNORECASE,
                'L' => LOCALE,
                'm' => MULTILINE,
                's' => DOTALL,
                'x' => VERBOSE,
                'a' => ASCII,
                't' => TEMPLATE,
                'u' => UNICODE,
                _ => return None,
            })
        };
        let type_flags = ASCII | LOCALE | UNICODE;
        let mut add = 0i64;
        let mut del = 0i64;
        let mut c = first;
        let mut tok: Option<(char, Option<char>)>;
        if c != '-' {
            loop {
                let f = flag(c).unwrap_or(0);
                if c == 'L' {
                    return Err(self.err("bad inline flags: cannot use 'L' flag with a str pattern", 0));
                }
                add |= f;
                if f & type_flags != 0 && add & type_flags != f {
                    return Err(self.err("bad inline flags: flags 'a', 'u' and 'L' are incompatible", 0));
                }
                tok = self.get()?;
                let Some(t) = tok else {
                    return Err(self.err("missing -, : or )", 0));
                };
                if t.1.is_none() && ")-:".contains(t.0) {
                    c = t.0;
                    break;
                }
                if t.1.is_some() || flag(t.0).is_none() {
                    let msg = if t.1.is_none() && t.0.is_alphabetic() { "unknown flag" } else { "missing -, : or )" };
                    return Err(self.err(msg, tok_len(Some(t))));
                }
                c = t.0;
            }
        }
        if c == ')' {
            self.st.flags |= add;
            return Ok(None);
        }
        if add & (DEBUG | TEMPLATE) != 0 {
            return Err(self.err("bad inline flags: cannot turn on global flag", 1));
        }
        if c == '-' {
            tok = self.get()?;
            let Some(t) = tok else {
                return Err(self.err("missing flag", 0));
            };
            if t.1.is_some() || flag(t.0).is_none() {
                let msg = if t.1.is_none() && t.0.is_alphabetic() { "unknown flag" } else { "missing flag" };
                return Err(self.err(msg, tok_len(Some(t))));
            }
            c = t.0;
            loop {
                let f = flag(c).unwrap_or(0);
                if f & type_flags != 0 {
                    return Err(self.err("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 0));
                }
                del |= f;
                tok = self.get()?;
                let Some(t) = tok else {
                    return Err(self.err("missing :", 0));
                };
                if t == (':', None) {
                    break;
                }
                if t.1.is_some() || flag(t.0).is_none() {
                    let msg = if t.1.is_none() && t.0.is_alphabetic() { "unknown flag" } else { "missing :" };
                    return Err(self.err(msg, tok_len(Some(t))));
                }
                c = t.0;
            }
        }
        if del & (DEBUG | TEMPLATE) != 0 {
            return Err(self.err("bad inline flags: cannot turn off global flag", 1));
        }
        if add & del != 0 {
            return Err(self.err("bad inline flags: flag turned on and off", 1));
        }
        Ok(Some((add, del)))
    }

    /// A `[...]` set; the `[` is consumed.
    fn class(&mut self, ascii: bool) -> R<Item> {
        let here = self.tell() - 1;
        let negate = self.matches('^')?;
        let mut items: Vec<String> = Vec::new();
        let mut empty = true;
        loop {
            let Some(this) = self.get()? else {
                let off = self.tell() - here;
                return Err(self.err("unterminated character set", off));
            };
            if this == (']', None) && !empty {
                break;
            }
            empty = false;
            let code1 = if this.1.is_some() { self.class_escape(this)? } else { ClassCode::Lit(this.0 as u32) };
            if self.matches('-')? {
                let Some(that) = self.get()? else {
                    let off = self.tell() - here;
                    return Err(self.err("unterminated character set", off));
                };
                if that == (']', None) {
                    items.push(class_item(&code1, ascii));
                    items.push(lit('-'));
                    break;
                }
                let code2 = if that.1.is_some() { self.class_escape(that)? } else { ClassCode::Lit(that.0 as u32) };
                let msg = format!("bad character range {}-{}", tok_str(this), tok_str(that));
                let off = tok_len(Some(this)) + 1 + tok_len(Some(that));
                let (ClassCode::Lit(lo), ClassCode::Lit(hi)) = (code1, code2) else {
                    return Err(self.err(msg, off));
                };
                if hi < lo {
                    return Err(self.err(msg, off));
                }
                // Surrogates never occur in a Rust str: drop them from the range.
                let lo = if (0xD800..=0xDFFF).contains(&lo) { 0xE000 } else { lo };
                let hi = if (0xD800..=0xDFFF).contains(&hi) { 0xD7FF } else { hi };
                if lo <= hi {
                    if let (Some(a), Some(b)) = (char::from_u32(lo), char::from_u32(hi)) {
                        items.push(format!("{}-{}", lit(a), lit(b)));
                    }
                }
            } else {
                items.push(class_item(&code1, ascii));
            }
        }
        let body: String = items.concat();
        let out = if body.is_empty() {
            // Only surrogates: nothing matches, or everything for a negated set.
            if negate { r"[\s\S]".to_string() } else { "(?!)".to_string() }
        } else {
            format!("[{}{}]", if negate { "^" } else { "" }, body)
        };
        Ok(unit(out))
    }

    fn class_escape(&mut self, esc: (char, Option<char>)) -> R<ClassCode> {
        let c = esc.1.unwrap();
        let simple = match c {
            'a' => Some(7),
            'b' => Some(8),
            'f' => Some(12),
            'n' => Some(10),
            'r' => Some(13),
            't' => Some(9),
            'v' => Some(11),
            '\\' => Some(92),
            _ => None,
        };
        if let Some(v) = simple {
            return Ok(ClassCode::Lit(v));
        }
        if let Some(cat) = category(c) {
            return Ok(ClassCode::Cat(cat));
        }
        match self.numeric_escape(c, true)? {
            Some(v) => Ok(ClassCode::Lit(v)),
            None => {
                if c.is_ascii_digit() || c.is_ascii_alphabetic() {
                    return Err(self.err(format!("bad escape \\{c}"), 2));
                }
                Ok(ClassCode::Lit(c as u32))
            }
        }
    }

    /// `\x..`, `\u....`, `\U........`, `\N{...}` and octal escapes; None for other escapes.
    fn numeric_escape(&mut self, c: char, in_class: bool) -> R<Option<u32>> {
        const HEX: &str = "0123456789abcdefABCDEF";
        match c {
            'x' | 'u' | 'U' => {
                let n = match c {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let digits = self.getwhile(n, HEX)?;
                let esc = format!("\\{c}{digits}");
                if digits.len() != n {
                    return Err(self.err(format!("incomplete escape {esc}"), esc.len()));
                }
                let v = u32::from_str_radix(&digits, 16).unwrap();
                if v > 0x10FFFF {
                    return Err(self.err(format!("bad escape {esc}"), esc.len()));
                }
                Ok(Some(v))
            }
            'N' => {
                // CPython looks the name up in its Unicode database, which the runtime lacks.
                if !self.matches('{')? {
                    return Err(self.err("missing {", 0));
                }
                let name = self.getuntil('}', "character name")?;
                let len = name.chars().count();
                Err(self.err(format!("undefined character name {} (\\N{{...}} is not supported)", py_repr(&name)), len + 4))
            }
            '0'..='7' if in_class => {
                let digits = self.getwhile(2, "01234567")?;
                let esc = format!("\\{c}{digits}");
                let v = u32::from_str_radix(&esc[1..], 8).unwrap();
                if v > 0o377 {
                    return Err(self.err(format!("octal escape value {esc} outside of range 0-0o377"), esc.len()));
                }
                Ok(Some(v))
            }
            '0' => {
                let digits = self.getwhile(2, "01234567")?;
                Ok(Some(u32::from_str_radix(&format!("0{digits}"), 8).unwrap()))
            }
            _ => Ok(None),
        }
    }

    fn escape(&mut self, esc: (char, Option<char>)) -> R<Escape> {
        let c = esc.1.unwrap();
        match c {
            'A' => return Ok(Escape::At("A")),
            'Z' => return Ok(Escape::At("Z")),
            'b' => return Ok(Escape::At("b")),
            'B' => return Ok(Escape::At("B")),
            _ => {}
        }
        if let Some(cat) = category(c) {
            return Ok(Escape::Cat(cat));
        }
        let simple = match c {
            'a' => Some(7),
            'f' => Some(12),
            'n' => Some(10),
            'r' => Some(13),
            't' => Some(9),
            'v' => Some(11),
            '\\' => Some(92),
            _ => None,
        };
        if let Some(v) = simple {
            return Ok(Escape::Lit(v));
        }
        if let Some(v) = self.numeric_escape(c, false)? {
            return Ok(Escape::Lit(v));
        }
        if c.is_ascii_digit() {
            let mut esc = format!("\\{c}");
            if self.next_in("0123456789") {
                let d = self.get()?.unwrap().0;
                esc.push(d);
                if "01234567".contains(c) && "01234567".contains(d) && self.next_in("01234567") {
                    esc.push(self.get()?.unwrap().0);
                    let v = u32::from_str_radix(&esc[1..], 8).unwrap();
                    if v > 0o377 {
                        return Err(self.err(format!("octal escape value {esc} outside of range 0-0o377"), esc.len()));
                    }
                    return Ok(Escape::Lit(v));
                }
            }
            let group: usize = esc[1..].parse().unwrap();
            if group < self.st.groups() {
                if !self.st.check_group(group) {
                    return Err(self.err("cannot refer to an open group", esc.len()));
                }
                self.check_lookbehind_group(group)?;
                return Ok(Escape::GroupRef(group));
            }
            return Err(self.err(format!("invalid group reference {group}"), esc.len() - 1));
        }
        if c.is_ascii_alphabetic() {
            return Err(self.err(format!("bad escape \\{c}"), 2));
        }
        Ok(Escape::Lit(c as u32))
    }
}

fn category(c: char) -> Option<Category> {
    Some(match c {
        'd' => Category::Digit(true),
        'D' => Category::Digit(false),
        'w' => Category::Word(true),
        'W' => Category::Word(false),
        's' => Category::Space(true),
        'S' => Category::Space(false),
        _ => return None,
    })
}

fn class_item(code: &ClassCode, ascii: bool) -> String {
    match code {
        ClassCode::Lit(v) => char::from_u32(*v).map(lit).unwrap_or_default(),
        ClassCode::Cat(c) => category_item(*c, ascii),
    }
}

fn unit(out: String) -> Item {
    Item { out, kind: Kind::Other, lo: 1, hi: 1 }
}

fn lit_code(v: u32) -> String {
    // A surrogate code point never occurs in a Rust str, so it matches nothing.
    char::from_u32(v).map(lit).unwrap_or_else(|| "(?!)".to_string())
}

fn at_code(a: &str, flags: i64) -> String {
    let multiline = flags & MULTILINE != 0;
    let word = if flags & ASCII != 0 { format!("(?-i:[{ASCII_WORD}])") } else { format!("[{UNI_WORD}]") };
    match a {
        "^" if multiline => "(?m:^)".into(),
        "^" | "A" => r"\A".into(),
        "$" if multiline => "(?m:$)".into(),
        "$" => r"(?=\n?\z)".into(),
        "Z" => r"\z".into(),
        // CPython's \b and \B never match in an empty string.
        "b" => format!("(?:(?<={word})(?!{word})|(?<!{word})(?={word}))"),
        _ => format!("(?:(?!\\A\\z)(?:(?<={word})(?={word})|(?<!{word})(?!{word})))"),
    }
}

fn repeat(item: Item, min: u64, max: u64, lazy: bool, possessive: bool) -> Item {
    let lo = (item.lo * min as u128).min(MAXWIDTH);
    let hi = if max == MAXREPEAT && item.hi > 0 { MAXWIDTH } else { (item.hi * max as u128).min(MAXWIDTH) };
    let out = if item.hi == 0 {
        // fancy-regex refuses to repeat a zero-width assertion; repeating it can only decide
        // whether it is tried once (min > 0) or may be skipped.
        if min > 0 {
            format!("(?:{})", item.out)
        } else if max == 0 {
            String::new()
        } else if lazy {
            format!("(?:|{})", item.out)
        } else {
            format!("(?:{}|)", item.out)
        }
    } else {
        let q = match (min, max) {
            (0, MAXREPEAT) => "*".to_string(),
            (1, MAXREPEAT) => "+".to_string(),
            (0, 1) => "?".to_string(),
            (m, MAXREPEAT) => format!("{{{m},}}"),
            (m, n) if m == n => format!("{{{m}}}"),
            (m, n) => format!("{{{m},{n}}}"),
        };
        let body = format!("(?:{}){}{}", item.out, q, if lazy { "?" } else { "" });
        if possessive { format!("(?>{body})") } else { body }
    };
    Item { out, kind: Kind::Repeat, lo, hi }
}

/// Python's `repr` of a str, for error messages (`'name'`).
pub(crate) fn py_repr(s: &str) -> String {
    use crate::PyRepr;
    s.py_repr()
}

/// Parses `pattern` as CPython's `re.compile(pattern, flags)` would.
pub fn parse(pattern: &str, flags: i64) -> Result<Parsed, SyntaxError> {
    let (mut parsed, boundary, dollar) = parse_mode(pattern, flags, false)?;
    if boundary || dollar {
        let (fast, _, _) = parse_mode(pattern, flags, true)?;
        parsed.fast = Some(Fast { regex: fast.regex, boundary, dollar });
    }
    Ok(parsed)
}

fn parse_mode(pattern: &str, flags: i64, fast: bool) -> Result<(Parsed, bool, bool), SyntaxError> {
    let mut p = Parser::new(pattern)?;
    p.fast = fast;
    p.st.flags = flags;
    let item = p.parse_sub(flags & VERBOSE != 0, 0, flags)?;
    // fix_flags
    let mut flags = p.st.flags;
    if flags & LOCALE != 0 {
        return Err(SyntaxError::Value("cannot use LOCALE flag with a str pattern".into()));
    }
    if flags & ASCII == 0 {
        flags |= UNICODE;
    } else if flags & UNICODE != 0 {
        return Err(SyntaxError::Value("ASCII and UNICODE flags are incompatible".into()));
    }
    if p.next.is_some() {
        return Err(p.err("unbalanced parenthesis", 0));
    }
    for &(g, pos) in &p.st.groupref_pos {
        if g as usize >= p.st.groups() {
            return Err(SyntaxError::Re { msg: format!("invalid group reference {g}"), pos: Some(pos) });
        }
    }
    if let Some(msg) = p.st.compile_error.take() {
        return Err(SyntaxError::Re { msg, pos: None });
    }
    let case = if flags & IGNORECASE != 0 { "(?i)" } else { "" };
    let parsed = Parsed { regex: format!("{case}{}", item.out), groups: p.st.groups() - 1, names: p.st.names, flags, fast: None };
    Ok((parsed, p.uses_boundary, p.uses_dollar))
}

/// The message `str(re.error)` gives: `msg at position N`, with the line and column when the
/// pattern has several lines.
pub fn error_message(pattern: &str, msg: &str, pos: Option<usize>) -> String {
    let Some(pos) = pos else { return msg.to_string() };
    let mut out = format!("{msg} at position {pos}");
    if pattern.contains('\n') {
        let before: Vec<char> = pattern.chars().take(pos).collect();
        let line = before.iter().filter(|&&c| c == '\n').count() + 1;
        let col = match before.iter().rposition(|&c| c == '\n') {
            Some(i) => pos - i,
            None => pos + 1,
        };
        out = format!("{out} (line {line}, column {col})");
    }
    out
}

// ---- Replacement templates (`re.sub`'s repl, `Match.expand`) ----------------------------

/// A parsed replacement: literal text and group references, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Group(usize),
}

/// How a replacement failed: `re.error` with a position, or `IndexError` for an unknown name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    Re { msg: String, pos: usize },
    Index(String),
}

/// Parses a replacement string as CPython 3.11's `re._parser.parse_template`.
pub fn parse_template(repl: &str, groups: usize, names: &[(String, usize)]) -> Result<Vec<Piece>, TemplateError> {
    let re_err = |e: SyntaxError| match e {
        SyntaxError::Re { msg, pos } => TemplateError::Re { msg, pos: pos.unwrap_or(0) },
        SyntaxError::Value(m) | SyntaxError::Overflow(m) => TemplateError::Re { msg: m, pos: 0 },
    };
    let mut s = Parser::new(repl).map_err(re_err)?;
    let mut pieces: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let add_group = |s: &Parser, pieces: &mut Vec<Piece>, text: &mut String, index: u64, offset: usize| -> Result<(), TemplateError> {
        if index > groups as u64 {
            return Err(re_err(s.err(format!("invalid group reference {index}"), offset)));
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(text)));
        }
        pieces.push(Piece::Group(index as usize));
        Ok(())
    };
    while let Some(this) = s.get().map_err(re_err)? {
        let Some(c) = this.1 else {
            text.push(this.0);
            continue;
        };
        match c {
            'g' => {
                if !s.matches('<').map_err(re_err)? {
                    return Err(re_err(s.err("missing <", 0)));
                }
                let name = s.getuntil('>', "group name").map_err(re_err)?;
                let len = name.chars().count();
                let index = if is_identifier(&name) {
                    match names.iter().find(|(n, _)| *n == name) {
                        Some((_, g)) => *g as u64,
                        None => return Err(TemplateError::Index(format!("unknown group name {}", py_repr(&name)))),
                    }
                } else {
                    let n = match (name.chars().all(|c| c.is_ascii_digit()), name.parse::<u64>()) {
                        (true, Ok(n)) => n,
                        (true, Err(_)) => u64::MAX,
                        _ => return Err(re_err(s.err(format!("bad character in group name {}", py_repr(&name)), len + 1))),
                    };
                    if n >= MAXGROUPS {
                        return Err(re_err(s.err(format!("invalid group reference {n}"), len + 1)));
                    }
                    n
                };
                add_group(&s, &mut pieces, &mut text, index, len + 1)?;
            }
            '0' => {
                let mut digits = String::from("0");
                if s.next_in("01234567") {
                    digits.push(s.get().map_err(re_err)?.unwrap().0);
                    if s.next_in("01234567") {
                        digits.push(s.get().map_err(re_err)?.unwrap().0);
                    }
                }
                text.push(char::from_u32(u32::from_str_radix(&digits, 8).unwrap() & 0xff).unwrap());
            }
            '1'..='9' => {
                let mut digits = c.to_string();
                let mut octal = false;
                if s.next_in("0123456789") {
                    let d = s.get().map_err(re_err)?.unwrap().0;
                    digits.push(d);
                    if c <= '7' && d <= '7' && s.next_in("01234567") {
                        digits.push(s.get().map_err(re_err)?.unwrap().0);
                        octal = true;
                        let v = u32::from_str_radix(&digits, 8).unwrap();
                        if v > 0o377 {
                            return Err(re_err(s.err(format!("octal escape value \\{digits} outside of range 0-0o377"), digits.len() + 1)));
                        }
                        text.push(char::from_u32(v).unwrap());
                    }
                }
                if !octal {
                    add_group(&s, &mut pieces, &mut text, digits.parse().unwrap(), digits.len())?;
                }
            }
            _ => {
                let simple = match c {
                    'a' => Some('\x07'),
                    'b' => Some('\x08'),
                    'f' => Some('\x0c'),
                    'n' => Some('\n'),
                    'r' => Some('\r'),
                    't' => Some('\t'),
                    'v' => Some('\x0b'),
                    '\\' => Some('\\'),
                    _ => None,
                };
                match simple {
                    Some(ch) => text.push(ch),
                    None if c.is_ascii_alphabetic() => return Err(re_err(s.err(format!("bad escape \\{c}"), 2))),
                    None => {
                        text.push('\\');
                        text.push(c);
                    }
                }
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_python_meaning() {
        assert_eq!(parse("a.b", 0).unwrap().regex, "a.b");
        assert_eq!(parse("a$", 0).unwrap().regex, r"a(?=\n?\z)");
        assert_eq!(parse("(?P<x>a)(?P=x)", 0).unwrap().regex, r"(a)\k<1>");
        assert_eq!(parse("a b # c", VERBOSE).unwrap().regex, "ab");
        assert_eq!(parse("a++", 0).unwrap().regex, "(?>(?:a)+)");
    }

    #[test]
    fn errors_like_cpython() {
        let e = |p: &str| match parse(p, 0) {
            Err(SyntaxError::Re { msg, pos }) => error_message(p, &msg, pos),
            other => panic!("{other:?}"),
        };
        assert_eq!(e("("), "missing ), unterminated subpattern at position 0");
        assert_eq!(e("a)"), "unbalanced parenthesis at position 1");
        assert_eq!(e("*"), "nothing to repeat at position 0");
        assert_eq!(e("a**"), "multiple repeat at position 2");
        assert_eq!(e("[a"), "unterminated character set at position 0");
        assert_eq!(e(r"\q"), r"bad escape \q at position 0");
        assert_eq!(e("(?<=a+)b"), "look-behind requires fixed-width pattern");
    }
}
