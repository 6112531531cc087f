//! Python's `re` module: `re.sub`, `re.split`, `re.findall`, `re.search` and the rest, with
//! CPython 3.11's results, on the regex crate's automata, or fancy-regex's backtracker for a
//! pattern that needs lookaround, backreferences, atomic groups or conditionals.
//!
//! - Python's `\b`, `\B` and `$` are lookarounds in the exact translation; a second, faster
//!   translation uses the regex crate's own assertions and is used on every text where they
//!   mean the same (most texts; see [`syntax::Fast`]).
//! - Patterns are parsed as CPython parses them ([`syntax`]) and written out in fancy-regex
//!   syntax with Python's meaning; a bad pattern raises `re.error` with CPython's message.
//! - Positions (`Match.start()`, `span()`) count code points, as Python's str indexes do.
//! - Iteration (`sub`, `split`, `findall`, `finditer`) follows Python 3.7+: after an empty
//!   match the next match may not be empty at the same place, but it may start there.
//! - A compiled pattern is shared: generated code keeps a literal pattern in a static of its
//!   call site ([`Pattern::constant`]), others go through a process-wide cache ([`compile`]).

pub mod syntax;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, OnceLock, RwLock};


use crate::{Dict, ErrKind, PyErr, PyRepr, PyResult};

pub use syntax::{ASCII, DEBUG, DOTALL, IGNORECASE, LOCALE, MULTILINE, TEMPLATE, UNICODE, VERBOSE};
use syntax::{Piece, SyntaxError, TemplateError};

/// Backtracking steps one search may take before giving up (CPython has no limit; this one
/// keeps a catastrophic pattern from hanging a server).
const BACKTRACK_LIMIT: usize = 50_000_000;
/// The most patterns the process-wide cache keeps (CPython's `re._MAXCACHE`).
const MAX_CACHE: usize = 512;

struct Compiled {
    pattern: String,
    flags: i64,
    groups: usize,
    names: Arc<Vec<(String, usize)>>,
    exact: Engine,
    /// The faster form for texts where it means the same (see [`syntax::Fast`]).
    fast: Option<(syntax::Fast, OnceLock<Option<Engine>>)>,
}

/// One translation of the pattern and the regexes built from it.
struct Engine {
    regex: String,
    search: Regex,
    anchored: OnceLock<Result<Regex, PyErr>>,
    full: OnceLock<Result<Regex, PyErr>>,
    /// The pattern ending at the end of the text (`fullmatch` from a position after the start).
    tail: OnceLock<Result<Regex, PyErr>>,
    advance: OnceLock<Result<Regex, PyErr>>,
}

impl Engine {
    fn new(regex: String) -> PyResult<Engine> {
        let search = build(&regex)?;
        Ok(Engine { regex, search, anchored: OnceLock::new(), full: OnceLock::new(), tail: OnceLock::new(), advance: OnceLock::new() })
    }
}

/// Characters that are word characters for Python (`[\p{L}\p{N}_]`) but not for the regex
/// crate's `\b`, or the other way round (marks, `²`, the zero-width joiner).
static WORD_DIFFERENCE: LazyLock<Option<regex::Regex>> = LazyLock::new(|| regex::Regex::new(r"[[\p{L}\p{N}_]--\w]|[\w--[\p{L}\p{N}_]]").ok());

fn same_word_chars(s: &str) -> bool {
    s.is_ascii() || WORD_DIFFERENCE.as_ref().is_some_and(|r| !r.is_match(s))
}

/// Byte spans of the groups of one match (index 0: the whole match).
type Spans = Vec<Option<(usize, usize)>>;

/// A compiled regex: the regex crate's automata when the pattern needs nothing more (no
/// lookaround, backreference, atomic group or conditional), else fancy-regex's backtracker.
enum Regex {
    Plain(regex::Regex),
    Fancy(fancy_regex::Regex),
}

impl Regex {
    /// The first match at or after byte `pos` (the text before `pos` is context, as for `^` and `\b`).
    fn find_at(&self, s: &str, pos: usize) -> PyResult<Option<(usize, usize)>> {
        Ok(match self {
            Regex::Plain(r) => r.find_at(s, pos).map(|m| (m.start(), m.end())),
            Regex::Fancy(r) => r.find_from_pos(s, pos).map_err(run_error)?.map(|m| (m.start(), m.end())),
        })
    }

    fn captures_at(&self, s: &str, pos: usize) -> PyResult<Option<Spans>> {
        Ok(match self {
            Regex::Plain(r) => r.captures_at(s, pos).map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()),
            Regex::Fancy(r) => r.captures_from_pos(s, pos).map_err(run_error)?.map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()),
        })
    }
}

/// A compiled pattern (`re.Pattern`); cheap to clone. A pattern that failed to compile keeps
/// its error and raises it on use.
#[derive(Clone)]
pub struct Pattern(Result<Arc<Compiled>, PyErr>);

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Ok(c) => write!(f, "Pattern({:?}, {})", c.pattern, c.flags),
            Err(e) => write!(f, "Pattern(error: {e})"),
        }
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        match (&self.0, &other.0) {
            (Ok(a), Ok(b)) => a.pattern == b.pattern && a.flags == b.flags,
            _ => false,
        }
    }
}

fn re_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(ErrKind::ReError, msg)
}

fn syntax_error(pattern: &str, e: SyntaxError) -> PyErr {
    match e {
        SyntaxError::Re { msg, pos } => re_error(syntax::error_message(pattern, &msg, pos)),
        SyntaxError::Value(m) => PyErr::value_error(m),
        SyntaxError::Overflow(m) => PyErr::overflow_error(m),
    }
}

fn build(regex: &str) -> Result<Regex, PyErr> {
    // The regex crate rejects what only fancy-regex has (`(?=`, `\k<1>`, `(?>`, `\G`).
    if let Ok(r) = regex::Regex::new(regex) {
        return Ok(Regex::Plain(r));
    }
    fancy_regex::RegexBuilder::new(regex)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
        .map(Regex::Fancy)
        .map_err(|e| re_error(format!("the pattern cannot be compiled by Ingot's engine: {e}")))
}

fn run_error(e: fancy_regex::Error) -> PyErr {
    PyErr::runtime_error(format!("regular expression search failed: {e}"))
}

impl Pattern {
    /// Compiles `pattern` with `flags` (not cached; see [`compile`]).
    pub fn new(pattern: &str, flags: i64) -> PyResult<Pattern> {
        let parsed = syntax::parse(pattern, flags).map_err(|e| syntax_error(pattern, e))?;
        Ok(Pattern(Ok(Arc::new(Compiled {
            pattern: pattern.to_string(),
            flags: parsed.flags,
            groups: parsed.groups,
            names: Arc::new(parsed.names),
            exact: Engine::new(parsed.regex)?,
            fast: parsed.fast.map(|f| (f, OnceLock::new())),
        }))))
    }

    /// A pattern the compiler has already checked (a literal, or a module-level
    /// `re.compile`); should it still fail, the error is raised where it is used.
    pub fn constant(pattern: &str, flags: i64) -> Pattern {
        Pattern::new(pattern, flags).unwrap_or_else(|e| Pattern(Err(e)))
    }

    fn get(&self) -> PyResult<&Compiled> {
        self.0.as_ref().map(|c| &**c).map_err(Clone::clone)
    }

    /// `p.pattern`.
    pub fn pattern(&self) -> PyResult<String> {
        Ok(self.get()?.pattern.clone())
    }

    /// `p.flags`: the flags given, inline flags, and UNICODE unless ASCII.
    pub fn flags(&self) -> PyResult<i64> {
        Ok(self.get()?.flags)
    }

    /// `p.groups`.
    pub fn groups(&self) -> PyResult<i64> {
        Ok(self.get()?.groups as i64)
    }

    /// `p.groupindex`.
    pub fn groupindex(&self) -> PyResult<Dict<String, i64>> {
        Ok(self.get()?.names.iter().map(|(n, g)| (n.clone(), *g as i64)).collect())
    }
}

impl Compiled {
    /// The engine for searching `s`: the fast form where it means the same on `s`.
    fn engine(&self, s: &str) -> &Engine {
        if let Some((f, cell)) = &self.fast {
            let fits = (!f.dollar || !s.ends_with('\n')) && (!f.boundary || (!s.is_empty() && same_word_chars(s)));
            if fits {
                if let Some(e) = cell.get_or_init(|| Engine::new(f.regex.clone()).ok()) {
                    return e;
                }
            }
        }
        &self.exact
    }
}

impl Engine {
    fn variant<'a>(&self, cell: &'a OnceLock<Result<Regex, PyErr>>, make: impl FnOnce(&str) -> String) -> PyResult<&'a Regex> {
        cell.get_or_init(|| build(&make(&self.regex))).as_ref().map_err(Clone::clone)
    }
    fn anchored(&self) -> PyResult<&Regex> {
        self.variant(&self.anchored, |r| format!("\\A(?:{r})"))
    }
    fn full(&self) -> PyResult<&Regex> {
        self.variant(&self.full, |r| format!("\\A(?:{r})\\z"))
    }
    fn tail(&self) -> PyResult<&Regex> {
        self.variant(&self.tail, |r| format!("(?:{r})\\z"))
    }
    /// The pattern, where a match starting at the search position must not be empty.
    fn advance(&self) -> PyResult<&Regex> {
        self.variant(&self.advance, |r| format!("(?:{r})(?!\\G)"))
    }
}

static CACHE: LazyLock<RwLock<HashMap<(String, i64), Pattern>>> = LazyLock::new(|| RwLock::new(HashMap::new()));

/// `re.compile(pattern, flags)`, through a process-wide cache as CPython's `re` functions do.
pub fn compile(pattern: &str, flags: i64) -> PyResult<Pattern> {
    let key = (pattern.to_string(), flags);
    if let Ok(cache) = CACHE.read() {
        if let Some(p) = cache.get(&key) {
            return Ok(p.clone());
        }
    }
    let p = Pattern::new(pattern, flags)?;
    if let Ok(mut cache) = CACHE.write() {
        if cache.len() >= MAX_CACHE {
            cache.clear();
        }
        cache.insert(key, p.clone());
    }
    Ok(p)
}

/// `re.escape(s)`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

// ---- Code points ---------------------------------------------------------------------

/// Converts byte offsets into code-point offsets, walking from the last offset converted.
struct Cursor {
    byte: usize,
    cp: usize,
}

impl Cursor {
    fn new() -> Cursor {
        Cursor { byte: 0, cp: 0 }
    }
    fn cp(&mut self, s: &str, b: usize) -> usize {
        if b >= self.byte {
            self.cp += s[self.byte..b].chars().count();
        } else {
            self.cp -= s[b..self.byte].chars().count();
        }
        self.byte = b;
        self.cp
    }
}

// ---- Matches -------------------------------------------------------------------------

/// A match (`re.Match`): the groups' text and code-point spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    groups: Vec<Option<String>>,
    spans: Vec<Option<(i64, i64)>>,
    names: Arc<Vec<(String, usize)>>,
}

impl Match {
    fn from_spans(c: &Spans, s: &str, cur: &mut Cursor, names: &Arc<Vec<(String, usize)>>, groups: usize) -> Match {
        let mut g = Vec::with_capacity(groups + 1);
        let mut sp = Vec::with_capacity(groups + 1);
        // Group 0 first moves the cursor forward; inner groups are near it.
        for i in 0..=groups {
            match c.get(i).copied().flatten() {
                Some((start, end)) => {
                    let a = cur.cp(s, start) as i64;
                    let b = cur.cp(s, end) as i64;
                    g.push(Some(s[start..end].to_string()));
                    sp.push(Some((a, b)));
                }
                None => {
                    g.push(None);
                    sp.push(None);
                }
            }
        }
        Match { groups: g, spans: sp, names: names.clone() }
    }

    fn index(&self, g: i64) -> PyResult<usize> {
        if g < 0 || g as usize >= self.groups.len() {
            return Err(PyErr::index_error("no such group"));
        }
        Ok(g as usize)
    }

    fn name_index(&self, name: &str) -> PyResult<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, g)| *g).ok_or_else(|| PyErr::index_error("no such group"))
    }

    /// `m.group()` / `m.group(0)`.
    pub fn group0(&self) -> String {
        self.groups[0].clone().unwrap_or_default()
    }

    /// `m.group(n)`: None when the group did not take part in the match.
    pub fn group(&self, g: i64) -> PyResult<Option<String>> {
        Ok(self.groups[self.index(g)?].clone())
    }

    /// `m.group("name")`.
    pub fn group_named(&self, name: &str) -> PyResult<Option<String>> {
        Ok(self.groups[self.name_index(name)?].clone())
    }

    /// `m.group(n)` for a group that always takes part in a match (checked at compile time).
    pub fn group_req(&self, g: usize) -> String {
        self.groups.get(g).cloned().flatten().unwrap_or_default()
    }

    /// `m.group(n)` for a group that may not take part, as an Option (checked at compile time).
    pub fn group_opt(&self, g: usize) -> Option<String> {
        self.groups.get(g).cloned().flatten()
    }

    /// `m.groups()`.
    pub fn groups(&self) -> Vec<Option<String>> {
        self.groups[1..].to_vec()
    }

    /// `m.groupdict()`.
    pub fn groupdict(&self) -> Dict<String, Option<String>> {
        self.names.iter().map(|(n, g)| (n.clone(), self.groups[*g].clone())).collect()
    }

    fn span_at(&self, g: usize) -> (i64, i64) {
        self.spans[g].unwrap_or((-1, -1))
    }

    /// `m.start(n)`: -1 when the group did not take part.
    pub fn start(&self, g: i64) -> PyResult<i64> {
        Ok(self.span_at(self.index(g)?).0)
    }

    /// `m.end(n)`.
    pub fn end(&self, g: i64) -> PyResult<i64> {
        Ok(self.span_at(self.index(g)?).1)
    }

    /// `m.span(n)`.
    pub fn span(&self, g: i64) -> PyResult<(i64, i64)> {
        Ok(self.span_at(self.index(g)?))
    }

    /// `m.start("name")`.
    pub fn start_named(&self, name: &str) -> PyResult<i64> {
        Ok(self.span_at(self.name_index(name)?).0)
    }

    /// `m.end("name")`.
    pub fn end_named(&self, name: &str) -> PyResult<i64> {
        Ok(self.span_at(self.name_index(name)?).1)
    }

    /// `m.span("name")`.
    pub fn span_named(&self, name: &str) -> PyResult<(i64, i64)> {
        Ok(self.span_at(self.name_index(name)?))
    }

    /// `m.expand(template)`.
    pub fn expand(&self, template: &str) -> PyResult<String> {
        let pieces = template_pieces(template, self.groups.len() - 1, &self.names)?;
        Ok(expand(&pieces, self))
    }
}

impl PyRepr for Match {
    fn py_repr(&self) -> String {
        let (a, b) = self.span_at(0);
        format!("<re.Match object; span=({a}, {b}), match={}>", self.group0().py_repr())
    }
    fn py_str(&self) -> String {
        self.py_repr()
    }
}

impl PyRepr for Pattern {
    fn py_repr(&self) -> String {
        match &self.0 {
            Ok(c) => {
                let names = [(IGNORECASE, "re.IGNORECASE"), (LOCALE, "re.LOCALE"), (MULTILINE, "re.MULTILINE"), (DOTALL, "re.DOTALL"), (VERBOSE, "re.VERBOSE"), (ASCII, "re.ASCII")];
                let flags: Vec<&str> = names.iter().filter(|(f, _)| c.flags & f != 0).map(|(_, n)| *n).collect();
                if flags.is_empty() {
                    format!("re.compile({})", c.pattern.py_repr())
                } else {
                    format!("re.compile({}, {})", c.pattern.py_repr(), flags.join("|"))
                }
            }
            Err(_) => "re.compile(<invalid>)".to_string(),
        }
    }
    fn py_str(&self) -> String {
        self.py_repr()
    }
}

// ---- The scan behind sub, split, findall and finditer ----------------------------------

/// One match found by [`Scan`]: byte span, and the groups when they were asked for.
struct Found {
    start: usize,
    end: usize,
    caps: Option<Spans>,
}

/// Successive non-overlapping matches, as CPython's scanner finds them.
struct Scan<'p, 't> {
    p: &'p Engine,
    s: &'t str,
    pos: usize,
    must_advance: bool,
    done: bool,
    groups: bool,
}

impl<'p, 't> Scan<'p, 't> {
    fn new(c: &'p Compiled, s: &'t str, groups: bool) -> Scan<'p, 't> {
        Scan { p: c.engine(s), s, pos: 0, must_advance: false, done: false, groups }
    }

    /// A scan that starts at byte `pos` (the text before it is context).
    fn from(c: &'p Compiled, s: &'t str, groups: bool, pos: usize) -> Scan<'p, 't> {
        Scan { pos, ..Scan::new(c, s, groups) }
    }

    fn find_with(&self, re: &Regex) -> PyResult<Option<Found>> {
        if self.groups {
            Ok(re.captures_at(self.s, self.pos)?.map(|c| {
                let (start, end) = c[0].unwrap_or((self.pos, self.pos));
                Found { start, end, caps: Some(c) }
            }))
        } else {
            Ok(re.find_at(self.s, self.pos)?.map(|(start, end)| Found { start, end, caps: None }))
        }
    }

    fn next(&mut self) -> PyResult<Option<Found>> {
        if self.done || self.pos > self.s.len() {
            return Ok(None);
        }
        let mut found = self.find_with(&self.p.search)?;
        if self.must_advance {
            if let Some(f) = &found {
                if f.start == self.pos && f.end == self.pos {
                    // An empty match where the last one ended: look for a non-empty one there,
                    // or any match further on (CPython's `must_advance`).
                    found = self.find_with(self.p.advance()?)?;
                }
            }
        }
        match found {
            None => {
                self.done = true;
                Ok(None)
            }
            Some(f) => {
                self.must_advance = f.start == f.end;
                self.pos = f.end;
                Ok(Some(f))
            }
        }
    }
}

fn match_at(p: &Compiled, re: &Regex, s: &str) -> PyResult<Option<Match>> {
    let Some(c) = re.captures_at(s, 0)? else { return Ok(None) };
    Ok(Some(Match::from_spans(&c, s, &mut Cursor::new(), &p.names, p.groups)))
}

/// `re.search(p, s)` / `p.search(s)`.
pub fn search(p: &Pattern, s: &str) -> PyResult<Option<Match>> {
    let c = p.get()?;
    match_at(c, &c.engine(s).search, s)
}

/// `re.match(p, s)` / `p.match(s)`: a match at the start of `s`.
pub fn match_(p: &Pattern, s: &str) -> PyResult<Option<Match>> {
    let c = p.get()?;
    match_at(c, c.engine(s).anchored()?, s)
}

/// `re.fullmatch(p, s)` / `p.fullmatch(s)`: a match of the whole of `s`.
pub fn fullmatch(p: &Pattern, s: &str) -> PyResult<Option<Match>> {
    let c = p.get()?;
    match_at(c, c.engine(s).full()?, s)
}

/// What `pattern.search(string, pos, endpos)` and its kin see: `s` as if it were `endpos` code points long, and the
/// byte where the search starts (the text before it stays context, for `\b` and lookbehind; `^` still means the real
/// start). Both are clamped to the string as CPython clamps them; None where `endpos` comes before `pos` (no match).
fn window(s: &str, pos: i64, endpos: Option<i64>) -> Option<(&str, usize)> {
    let n = s.chars().count() as i64;
    let (p, e) = (pos.clamp(0, n), endpos.map_or(n, |e| e.clamp(0, n)));
    if e < p {
        return None;
    }
    let byte = |i: i64| s.char_indices().nth(i as usize).map_or(s.len(), |(b, _)| b);
    let end = byte(e);
    Some((&s[..end], byte(p).min(end)))
}

/// A match that starts at byte `at` and (for `fullmatch`) ends at the end of `s`: the leftmost match from `at` is one
/// exactly when such a match exists.
fn match_from(c: &Compiled, re: &Regex, s: &str, at: usize) -> PyResult<Option<Match>> {
    match re.captures_at(s, at)? {
        Some(caps) if caps[0].is_some_and(|(a, _)| a == at) => {
            Ok(Some(Match::from_spans(&caps, s, &mut Cursor::new(), &c.names, c.groups)))
        }
        _ => Ok(None),
    }
}

/// `p.search(s, pos, endpos)`.
pub fn search_in(p: &Pattern, s: &str, pos: i64, endpos: Option<i64>) -> PyResult<Option<Match>> {
    let c = p.get()?;
    let Some((s, at)) = window(s, pos, endpos) else { return Ok(None) };
    let Some(caps) = c.engine(s).search.captures_at(s, at)? else { return Ok(None) };
    Ok(Some(Match::from_spans(&caps, s, &mut Cursor::new(), &c.names, c.groups)))
}

/// `p.match(s, pos, endpos)`: a match starting at `pos`.
pub fn match_in(p: &Pattern, s: &str, pos: i64, endpos: Option<i64>) -> PyResult<Option<Match>> {
    let c = p.get()?;
    let Some((s, at)) = window(s, pos, endpos) else { return Ok(None) };
    match_from(c, &c.engine(s).search, s, at)
}

/// `p.fullmatch(s, pos, endpos)`: a match from `pos` to `endpos`.
pub fn fullmatch_in(p: &Pattern, s: &str, pos: i64, endpos: Option<i64>) -> PyResult<Option<Match>> {
    let c = p.get()?;
    let Some((s, at)) = window(s, pos, endpos) else { return Ok(None) };
    match_from(c, c.engine(s).tail()?, s, at)
}

/// `p.finditer(s, pos, endpos)`.
pub fn finditer_in(p: &Pattern, s: &str, pos: i64, endpos: Option<i64>) -> PyResult<Vec<Match>> {
    let c = p.get()?;
    let Some((s, at)) = window(s, pos, endpos) else { return Ok(Vec::new()) };
    let mut scan = Scan::from(c, s, true, at);
    let mut cur = Cursor::new();
    let mut out = Vec::new();
    while let Some(f) = scan.next()? {
        out.push(Match::from_spans(f.caps.as_ref().unwrap(), s, &mut cur, &c.names, c.groups));
    }
    Ok(out)
}

/// `p.findall(s, pos, endpos)` for a pattern with at most one group.
pub fn findall_in(p: &Pattern, s: &str, pos: i64, endpos: Option<i64>) -> PyResult<Vec<String>> {
    let groups = p.get()?.groups;
    if groups > 1 {
        return Err(PyErr::new(ErrKind::NotImplementedError, "findall() with several groups gives tuples; Ingot needs the pattern at compile time to type them"));
    }
    Ok(finditer_in(p, s, pos, endpos)?.into_iter().map(|m| m.group_req(groups)).collect())
}

/// `p.findall(s, pos, endpos)` for a pattern with several groups.
pub fn findall_groups_in(p: &Pattern, s: &str, pos: i64, endpos: Option<i64>) -> PyResult<Vec<Vec<String>>> {
    Ok(finditer_in(p, s, pos, endpos)?.into_iter().map(|m| m.groups().into_iter().map(Option::unwrap_or_default).collect()).collect())
}

/// `re.finditer(p, s)`: every match, in order.
pub fn finditer(p: &Pattern, s: &str) -> PyResult<Vec<Match>> {
    let c = p.get()?;
    let mut scan = Scan::new(c, s, true);
    let mut cur = Cursor::new();
    let mut out = Vec::new();
    while let Some(f) = scan.next()? {
        out.push(Match::from_spans(f.caps.as_ref().unwrap(), s, &mut cur, &c.names, c.groups));
    }
    Ok(out)
}

fn group_text<'t>(s: &'t str, f: &Found, g: usize) -> Option<&'t str> {
    f.caps.as_ref().and_then(|c| c.get(g).copied().flatten()).map(|(a, b)| &s[a..b])
}

/// `re.findall(p, s)` for a pattern with at most one group: the matches, or group 1 of each
/// (`""` where it did not take part).
pub fn findall(p: &Pattern, s: &str) -> PyResult<Vec<String>> {
    let c = p.get()?;
    if c.groups > 1 {
        return Err(PyErr::new(ErrKind::NotImplementedError, "findall() with several groups gives tuples; Ingot needs the pattern at compile time to type them"));
    }
    let mut scan = Scan::new(c, s, c.groups == 1);
    let mut out = Vec::new();
    while let Some(f) = scan.next()? {
        out.push(if c.groups == 1 { group_text(s, &f, 1).unwrap_or("").to_string() } else { s[f.start..f.end].to_string() });
    }
    Ok(out)
}

/// `re.findall(p, s)` for a pattern with several groups: one list of the groups per match.
pub fn findall_groups(p: &Pattern, s: &str) -> PyResult<Vec<Vec<String>>> {
    let c = p.get()?;
    let mut scan = Scan::new(c, s, true);
    let mut out = Vec::new();
    while let Some(f) = scan.next()? {
        out.push((1..=c.groups).map(|g| group_text(s, &f, g).unwrap_or("").to_string()).collect());
    }
    Ok(out)
}

/// `re.split(p, s, maxsplit)`: the pieces, with each match's groups between them (None where
/// a group did not take part).
pub fn split(p: &Pattern, s: &str, maxsplit: i64) -> PyResult<Vec<Option<String>>> {
    let c = p.get()?;
    let mut scan = Scan::new(c, s, c.groups > 0);
    let mut out = Vec::new();
    let mut last = 0usize;
    let mut n = 0i64;
    while maxsplit == 0 || n < maxsplit {
        let Some(f) = scan.next()? else { break };
        out.push(Some(s[last..f.start].to_string()));
        for g in 1..=c.groups {
            out.push(group_text(s, &f, g).map(str::to_string));
        }
        n += 1;
        last = f.end;
    }
    out.push(Some(s[last..].to_string()));
    Ok(out)
}

/// `re.split` typed `list[str]`: its groups always take part (checked at compile time), or a
/// pattern only known at run time, whose group that did not take part is an error here.
pub fn split_str(p: &Pattern, s: &str, maxsplit: i64) -> PyResult<Vec<String>> {
    split(p, s, maxsplit)?
        .into_iter()
        .map(|x| x.ok_or_else(|| PyErr::new(ErrKind::NotImplementedError, "split() gave None for a group that did not take part; Ingot needs the pattern at compile time to type it")))
        .collect()
}

fn template_pieces(repl: &str, groups: usize, names: &[(String, usize)]) -> PyResult<Vec<Piece>> {
    syntax::parse_template(repl, groups, names).map_err(|e| match e {
        TemplateError::Re { msg, pos } => re_error(syntax::error_message(repl, &msg, Some(pos))),
        TemplateError::Index(m) => PyErr::index_error(m),
    })
}

fn expand(pieces: &[Piece], m: &Match) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Group(g) => out.push_str(m.groups.get(*g).and_then(|x| x.as_deref()).unwrap_or("")),
        }
    }
    out
}

fn subx(c: &Compiled, s: &str, count: i64, needs_groups: bool, mut repl: impl FnMut(&Found, &mut Cursor) -> PyResult<String>) -> PyResult<(String, i64)> {
    let mut scan = Scan::new(c, s, needs_groups);
    let mut out = String::with_capacity(s.len());
    let mut last = 0usize;
    let mut n = 0i64;
    let mut cur = Cursor::new();
    while count == 0 || n < count {
        let Some(f) = scan.next()? else { break };
        out.push_str(&s[last..f.start]);
        out.push_str(&repl(&f, &mut cur)?);
        last = f.end;
        n += 1;
    }
    out.push_str(&s[last..]);
    Ok((out, n))
}

/// `re.subn(p, repl, s, count)` with a replacement string (`\1`, `\g<name>`, `\n` escapes).
pub fn subn(p: &Pattern, repl: &str, s: &str, count: i64) -> PyResult<(String, i64)> {
    let c = p.get()?;
    let pieces = template_pieces(repl, c.groups, &c.names)?;
    let literal: Option<String> = match pieces.as_slice() {
        [] => Some(String::new()),
        [Piece::Text(t)] => Some(t.clone()),
        _ => None,
    };
    match literal {
        Some(t) => subx(c, s, count, false, |_, _| Ok(t.clone())),
        None => subx(c, s, count, true, |f, cur| Ok(expand(&pieces, &Match::from_spans(f.caps.as_ref().unwrap(), s, cur, &c.names, c.groups)))),
    }
}

/// `re.sub(p, repl, s, count)` with a replacement string.
pub fn sub(p: &Pattern, repl: &str, s: &str, count: i64) -> PyResult<String> {
    Ok(subn(p, repl, s, count)?.0)
}

/// `re.subn(p, f, s, count)` where `f` turns each match into its replacement.
pub fn subn_fn(p: &Pattern, s: &str, count: i64, mut f: impl FnMut(Match) -> PyResult<String>) -> PyResult<(String, i64)> {
    let c = p.get()?;
    subx(c, s, count, true, |found, cur| f(Match::from_spans(found.caps.as_ref().unwrap(), s, cur, &c.names, c.groups)))
}

/// `re.sub(p, f, s, count)` with a function.
pub fn sub_fn(p: &Pattern, s: &str, count: i64, f: impl FnMut(Match) -> PyResult<String>) -> PyResult<String> {
    Ok(subn_fn(p, s, count, f)?.0)
}
