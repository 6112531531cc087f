//! The `csv` module's reading side: `csv.reader` and `csv.DictReader` over lines of text, a port of
//! CPython 3.11's `_csv.c` reader state machine (`parse_process_char`, `Reader_iternext`) and of
//! `csv.py`'s `DictReader.__next__`, and `io.StringIO(text)` read as its lines.
use crate::dict::Dict;
use crate::value::Value;
use crate::{ErrKind, PyErr, PyResult};

/// The reader's format parameters (the `excel` dialect by default).
#[derive(Debug, Clone)]
pub struct Dialect {
    pub delimiter: char,
    pub quotechar: Option<char>,
    pub escapechar: Option<char>,
    pub doublequote: bool,
    pub skipinitialspace: bool,
    pub strict: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect { delimiter: ',', quotechar: Some('"'), escapechar: None, doublequote: true, skipinitialspace: false, strict: false }
    }
}

fn one_char(name: &str, s: &str) -> PyResult<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(PyErr::type_error(format!("\"{name}\" must be a 1-character string"))),
    }
}

impl Dialect {
    pub fn delimiter(mut self, s: &str) -> PyResult<Self> {
        self.delimiter = one_char("delimiter", s)?;
        Ok(self)
    }
    pub fn quotechar(mut self, s: Option<&str>) -> PyResult<Self> {
        self.quotechar = match s {
            Some(s) => Some(one_char("quotechar", s)?),
            None => None,
        };
        Ok(self)
    }
    pub fn escapechar(mut self, s: Option<&str>) -> PyResult<Self> {
        self.escapechar = match s {
            Some(s) => Some(one_char("escapechar", s)?),
            None => None,
        };
        Ok(self)
    }
    pub fn doublequote(mut self, b: bool) -> Self {
        self.doublequote = b;
        self
    }
    pub fn skipinitialspace(mut self, b: bool) -> Self {
        self.skipinitialspace = b;
        self
    }
    pub fn strict(mut self, b: bool) -> Self {
        self.strict = b;
        self
    }
}

fn csv_error(msg: impl Into<String>) -> PyErr {
    PyErr::user(ErrKind::Exception, &["Error"], vec![Value::Str(msg.into())], vec![])
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

struct Parser<'a> {
    d: &'a Dialect,
    state: State,
    field: String,
    fields: Vec<String>,
}

impl Parser<'_> {
    fn save(&mut self) {
        self.fields.push(std::mem::take(&mut self.field));
    }

    /// One character, or the end of a line (`None`, CPython's EOL).
    fn process(&mut self, c: Option<char>) -> PyResult<()> {
        let d = self.d;
        let nl = |c: Option<char>| c == Some('\n') || c == Some('\r');
        let mut state = self.state;
        if state == State::StartRecord {
            if c.is_none() {
                return Ok(());
            }
            if nl(c) {
                self.state = State::EatCrnl;
                return Ok(());
            }
            state = State::StartField;
        }
        if state == State::AfterEscapedCrnl {
            if c.is_none() {
                return Ok(());
            }
            state = State::InField;
        }
        match state {
            State::StartField => {
                if nl(c) || c.is_none() {
                    self.save();
                    self.state = if c.is_none() { State::StartRecord } else { State::EatCrnl };
                } else if c == d.quotechar {
                    self.state = State::InQuotedField;
                } else if c.is_some() && c == d.escapechar {
                    self.state = State::EscapedChar;
                } else if c == Some(' ') && d.skipinitialspace {
                    self.state = State::StartField;
                } else if c == Some(d.delimiter) {
                    self.save();
                    self.state = State::StartField;
                } else {
                    self.field.push(c.unwrap());
                    self.state = State::InField;
                }
            }
            State::EscapedChar => {
                if nl(c) {
                    self.field.push(c.unwrap());
                    self.state = State::AfterEscapedCrnl;
                } else {
                    self.field.push(c.unwrap_or('\n'));
                    self.state = State::InField;
                }
            }
            State::InField => {
                if nl(c) || c.is_none() {
                    self.save();
                    self.state = if c.is_none() { State::StartRecord } else { State::EatCrnl };
                } else if c.is_some() && c == d.escapechar {
                    self.state = State::EscapedChar;
                } else if c == Some(d.delimiter) {
                    self.save();
                    self.state = State::StartField;
                } else {
                    self.field.push(c.unwrap());
                    self.state = State::InField;
                }
            }
            State::InQuotedField => {
                if c.is_none() {
                    self.state = State::InQuotedField;
                } else if c == d.escapechar {
                    self.state = State::EscapeInQuotedField;
                } else if c == d.quotechar {
                    self.state = if d.doublequote { State::QuoteInQuotedField } else { State::InField };
                } else {
                    self.field.push(c.unwrap());
                    self.state = State::InQuotedField;
                }
            }
            State::EscapeInQuotedField => {
                self.field.push(c.unwrap_or('\n'));
                self.state = State::InQuotedField;
            }
            State::QuoteInQuotedField => {
                if c.is_some() && c == d.quotechar {
                    self.field.push(c.unwrap());
                    self.state = State::InQuotedField;
                } else if c == Some(d.delimiter) {
                    self.save();
                    self.state = State::StartField;
                } else if nl(c) || c.is_none() {
                    self.save();
                    self.state = if c.is_none() { State::StartRecord } else { State::EatCrnl };
                } else if !d.strict {
                    self.field.push(c.unwrap());
                    self.state = State::InField;
                } else {
                    let q = d.quotechar.map(String::from).unwrap_or_default();
                    return Err(csv_error(format!("'{}' expected after '{q}'", d.delimiter)));
                }
            }
            State::EatCrnl => {
                if nl(c) {
                    self.state = State::EatCrnl;
                } else if c.is_none() {
                    self.state = State::StartRecord;
                } else {
                    return Err(csv_error(
                        "new-line character seen in unquoted field - do you need to open the file with newline=''?",
                    ));
                }
            }
            State::StartRecord | State::AfterEscapedCrnl => unreachable!(),
        }
        Ok(())
    }
}

/// `list(csv.reader(lines, **fmtparams))`: each record's fields (an empty line is `[]`).
pub fn reader<I: IntoIterator<Item = String>>(lines: I, d: &Dialect) -> PyResult<Vec<Vec<String>>> {
    let mut p = Parser { d, state: State::StartRecord, field: String::new(), fields: Vec::new() };
    let mut out = Vec::new();
    let mut lines = lines.into_iter();
    loop {
        // Reader_iternext: lines until a record is complete.
        p.fields.clear();
        p.field.clear();
        p.state = State::StartRecord;
        let mut started = false;
        loop {
            let Some(line) = lines.next() else {
                if started && (!p.field.is_empty() || p.state == State::InQuotedField) {
                    if d.strict {
                        return Err(csv_error("unexpected end of data"));
                    }
                    p.save();
                    out.push(std::mem::take(&mut p.fields));
                }
                return Ok(out);
            };
            started = true;
            for c in line.chars() {
                if c == '\0' {
                    return Err(csv_error("line contains NUL"));
                }
                p.process(Some(c))?;
            }
            p.process(None)?;
            if p.state == State::StartRecord {
                break;
            }
        }
        out.push(std::mem::take(&mut p.fields));
    }
}

/// `list(csv.DictReader(lines, fieldnames, restval=restval, **fmtparams))`. A row longer than the field names
/// would put its extra fields under the key None, which a dict of str keys cannot hold: ValueError.
pub fn dict_reader<I: IntoIterator<Item = String>, V: Clone>(
    lines: I,
    fieldnames: Option<Vec<String>>,
    restval: V,
    wrap: impl Fn(String) -> V,
    d: &Dialect,
) -> PyResult<Vec<Dict<String, V>>> {
    let mut rows = reader(lines, d)?.into_iter();
    let names = match fieldnames {
        Some(n) => n,
        None => match rows.next() {
            Some(h) => h,
            None => return Ok(Vec::new()),
        },
    };
    let mut out = Vec::new();
    for row in rows {
        if row.is_empty() {
            continue;
        }
        if row.len() > names.len() {
            return Err(PyErr::value_error(format!(
                "a CSV row has {} fields for {} field names: its extra fields would go under the key None (pass restkey= a str, or trim the row)",
                row.len(),
                names.len()
            )));
        }
        let mut m = Dict::new();
        let n = row.len();
        for (k, v) in names.iter().zip(row) {
            m.insert(k.clone(), wrap(v));
        }
        for k in &names[n..] {
            m.insert(k.clone(), restval.clone());
        }
        out.push(m);
    }
    Ok(out)
}

/// Iterating `io.StringIO(text)`: its lines, each with its `\n` (newline="\n": no other line ends).
pub fn string_lines(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(String::from).collect()
}
