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

// ---------------------------------------------------------------------------------------------------------
// The writing side: `io.StringIO()` as a text buffer and `csv.writer` / `csv.DictWriter` writing into it, a
// port of CPython 3.11's `_csv.c` writer (`join_append_data`, `csv_writerow`) and `csv.py`'s DictWriter.

/// `io.StringIO()` written to: a text buffer. Clones share it, as Python references do, so a csv writer made
/// from the buffer writes where `getvalue()` reads. Closed (`close()`, the end of a `with` block), it raises
/// CPython's ValueError on every use.
#[derive(Clone, Default)]
pub struct TextBuffer(std::sync::Arc<std::sync::Mutex<(String, bool)>>);

impl std::fmt::Debug for TextBuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<_io.StringIO object>")
    }
}

impl PartialEq for TextBuffer {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl TextBuffer {
    pub fn new() -> Self {
        TextBuffer::default()
    }
    fn open(&self) -> PyResult<std::sync::MutexGuard<'_, (String, bool)>> {
        let g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if g.1 {
            return Err(PyErr::new(ErrKind::ValueError, "I/O operation on closed file."));
        }
        Ok(g)
    }
    /// `buf.write(s)`: appends s; the number of characters written.
    pub fn write(&self, s: &str) -> PyResult<i64> {
        self.open()?.0.push_str(s);
        Ok(s.chars().count() as i64)
    }
    /// `buf.writelines(lines)`: appends each line as it is (no separators).
    pub fn writelines<I: IntoIterator<Item = String>>(&self, lines: I) -> PyResult<()> {
        let mut g = self.open()?;
        for l in lines {
            g.0.push_str(&l);
        }
        Ok(())
    }
    /// `buf.getvalue()`: everything written so far.
    pub fn getvalue(&self) -> PyResult<String> {
        Ok(self.open()?.0.clone())
    }
    /// `buf.close()`: frees the text; any later use raises ValueError. Closing twice is allowed.
    pub fn close(&self) {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        g.0 = String::new();
        g.1 = true;
    }
    /// `buf.closed`.
    pub fn closed(&self) -> bool {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).1
    }
}

/// A value as a csv field: str as it is, numbers and bools as `str()` prints them, None as an empty field.
pub trait CsvField {
    /// The field's text, or None for Python's None.
    fn csv_text(&self) -> Option<String>;
}
impl CsvField for String {
    fn csv_text(&self) -> Option<String> {
        Some(self.clone())
    }
}
impl CsvField for i64 {
    fn csv_text(&self) -> Option<String> {
        Some(self.to_string())
    }
}
impl CsvField for f64 {
    fn csv_text(&self) -> Option<String> {
        Some(crate::float::repr(*self))
    }
}
impl CsvField for bool {
    fn csv_text(&self) -> Option<String> {
        Some(if *self { "True" } else { "False" }.to_string())
    }
}
impl CsvField for () {
    fn csv_text(&self) -> Option<String> {
        None
    }
}
impl<T: CsvField> CsvField for Option<T> {
    fn csv_text(&self) -> Option<String> {
        self.as_ref().and_then(|x| x.csv_text())
    }
}
impl<T: CsvField> CsvField for &T {
    fn csv_text(&self) -> Option<String> {
        (**self).csv_text()
    }
}

/// A variant's field is its member's (`[text, label, 0.5]` is a list of `str | float`).
macro_rules! csv_field_union {
    ($name:ident; $($v:ident : $t:ident),+) => {
        impl<$($t: CsvField),+> CsvField for crate::union::$name<$($t),+> {
            fn csv_text(&self) -> Option<String> {
                match self { $(Self::$v(x) => x.csv_text()),+ }
            }
        }
    };
}
csv_field_union!(U2; V0: A, V1: B);
csv_field_union!(U3; V0: A, V1: B, V2: C);
csv_field_union!(U4; V0: A, V1: B, V2: C, V3: D);
csv_field_union!(U5; V0: A, V1: B, V2: C, V3: D, V4: E);
csv_field_union!(U6; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F);
csv_field_union!(U7; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G);
csv_field_union!(U8; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H);
csv_field_union!(U9; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I);
csv_field_union!(U10; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I, V9: J);
csv_field_union!(U11; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I, V9: J, V10: K);
csv_field_union!(U12; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I, V9: J, V10: K, V11: L);

/// A field as `str()`/None for writing: a boxed form so rows of mixed types (tuples) can be written.
pub fn field<T: CsvField>(x: &T) -> Option<String> {
    x.csv_text()
}

/// `csv.writer(buf, **fmtparams)`: the buffer, the dialect and its line terminator.
#[derive(Clone, Debug, PartialEq)]
pub struct Writer {
    buf: TextBuffer,
    dialect: WriteDialect,
}

#[derive(Clone, Debug, PartialEq)]
struct WriteDialect {
    delimiter: char,
    quotechar: Option<char>,
    escapechar: Option<char>,
    doublequote: bool,
    lineterminator: String,
}

impl Writer {
    pub fn new(buf: &TextBuffer, d: &Dialect, lineterminator: &str) -> Writer {
        Writer {
            buf: buf.clone(),
            dialect: WriteDialect {
                delimiter: d.delimiter,
                quotechar: d.quotechar,
                escapechar: d.escapechar,
                doublequote: d.doublequote,
                lineterminator: lineterminator.to_string(),
            },
        }
    }

    /// One field, quoted (QUOTE_MINIMAL; QUOTE_NONE when quotechar is None) and escaped as `join_append_data` does.
    fn join_field(&self, out: &mut String, field: Option<&str>) -> PyResult<()> {
        let d = &self.dialect;
        let quote_none = d.quotechar.is_none();
        let mut quoted = false;
        let mut body = String::new();
        for c in field.unwrap_or("").chars() {
            let mut want_escape = false;
            if c == d.delimiter || Some(c) == d.escapechar || Some(c) == d.quotechar || d.lineterminator.contains(c) {
                if quote_none {
                    want_escape = true;
                } else {
                    if Some(c) == d.quotechar {
                        if d.doublequote {
                            body.push(c);
                        } else {
                            want_escape = true;
                        }
                    } else if Some(c) == d.escapechar {
                        want_escape = true;
                    }
                    if !want_escape {
                        quoted = true;
                    }
                }
                if want_escape {
                    match d.escapechar {
                        Some(e) => body.push(e),
                        None => return Err(csv_error("need to escape, but no escapechar set")),
                    }
                }
            }
            body.push(c);
        }
        match (quoted, d.quotechar) {
            (true, Some(q)) => {
                out.push(q);
                out.push_str(&body);
                out.push(q);
            }
            _ => out.push_str(&body),
        }
        Ok(())
    }

    /// The line `writerow` writes for these fields.
    fn line(&self, fields: &[Option<String>]) -> PyResult<String> {
        let mut out = String::new();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(self.dialect.delimiter);
            }
            self.join_field(&mut out, f.as_deref())?;
        }
        // A record of one empty field is written as a quoted empty string, so it reads back as a field.
        if !fields.is_empty() && out.is_empty() {
            match self.dialect.quotechar {
                Some(q) => {
                    out.push(q);
                    out.push(q);
                }
                None => return Err(csv_error("single empty field record must be quoted")),
            }
        }
        out.push_str(&self.dialect.lineterminator);
        Ok(out)
    }

    /// `writer.writerow(row)`: the characters written.
    pub fn writerow(&self, fields: Vec<Option<String>>) -> PyResult<i64> {
        let line = self.line(&fields)?;
        self.buf.write(&line)
    }

    /// `writer.writerows(rows)`.
    pub fn writerows<I: IntoIterator<Item = Vec<Option<String>>>>(&self, rows: I) -> PyResult<()> {
        for r in rows {
            self.writerow(r)?;
        }
        Ok(())
    }
}

/// `csv.DictWriter(buf, fieldnames, restval='', extrasaction='raise', **fmtparams)`.
#[derive(Clone, Debug, PartialEq)]
pub struct DictWriter {
    writer: Writer,
    fieldnames: Vec<String>,
    restval: Option<String>,
    raise_extras: bool,
}

impl DictWriter {
    pub fn new(
        buf: &TextBuffer,
        fieldnames: Vec<String>,
        restval: Option<String>,
        extrasaction: &str,
        d: &Dialect,
        lineterminator: &str,
    ) -> PyResult<DictWriter> {
        let raise_extras = match extrasaction.to_lowercase().as_str() {
            "raise" => true,
            "ignore" => false,
            _ => {
                return Err(PyErr::new(
                    ErrKind::ValueError,
                    format!("extrasaction ({}) must be 'raise' or 'ignore'", extrasaction),
                ))
            }
        };
        Ok(DictWriter { writer: Writer::new(buf, d, lineterminator), fieldnames, restval, raise_extras })
    }

    /// `writeheader()`: the field names as a row.
    pub fn writeheader(&self) -> PyResult<i64> {
        self.writer.writerow(self.fieldnames.iter().map(|f| Some(f.clone())).collect())
    }

    /// `writerow(rowdict)`: the fields in fieldnames order, restval for missing ones; extra keys raise
    /// ValueError unless extrasaction='ignore'.
    pub fn writerow<V: CsvField>(&self, row: &Dict<String, V>) -> PyResult<i64> {
        if self.raise_extras {
            let wrong: Vec<String> = row
                .keys()
                .filter(|k| !self.fieldnames.contains(k))
                .map(|k| crate::repr::PyRepr::py_repr(k))
                .collect();
            if !wrong.is_empty() {
                return Err(PyErr::new(
                    ErrKind::ValueError,
                    format!("dict contains fields not in fieldnames: {}", wrong.join(", ")),
                ));
            }
        }
        let fields = self
            .fieldnames
            .iter()
            .map(|k| match row.get(k) {
                Some(v) => v.csv_text(),
                None => self.restval.clone(),
            })
            .collect();
        self.writer.writerow(fields)
    }

    /// `writerows(rowdicts)`.
    pub fn writerows<'r, V: CsvField + 'r, I: IntoIterator<Item = &'r Dict<String, V>>>(&self, rows: I) -> PyResult<()> {
        for r in rows {
            self.writerow(r)?;
        }
        Ok(())
    }
}
