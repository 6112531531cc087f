//! `eval(source, {"__builtins__": {}}, {})` and `ast.literal_eval(source)`: a Python expression read at run time, as
//! the calculator tools of agent code evaluate one, with no names in scope.
//!
//! The source is parsed as CPython's expression grammar (literals of every kind with their escapes and underscores,
//! adjacent strings, lists, dicts, the arithmetic, bitwise, comparison and boolean operators at Python's precedences,
//! chained comparisons, conditional expressions and subscripts) into a small tree, then evaluated over dynamic values
//! with the runtime's own Python semantics (`dynamic::binop`, `compare`, `contains`), so `2 ** -1`, `7 // -2`, `1 / 0`
//! and `"a" * 3` give CPython's results and exceptions. `and`, `or` and `x if c else y` evaluate only the operands
//! Python evaluates.
//!
//! With no builtins every name is a NameError, as in CPython; `literal_eval` accepts only literals, containers and
//! signed numbers (ValueError otherwise). Values a dynamic value cannot hold are NotImplementedError: tuples and sets
//! (the JSON form has neither), complex numbers, bytes, f-strings, and ints beyond 64 bits (OverflowError).

use crate::dynamic;
use crate::builtins::PyTruth;
use crate::{ErrKind, PyErr, PyResult, Value};

/// `eval(source, {"__builtins__": {}}, {})`.
pub fn eval(source: &str) -> PyResult<Value> {
    let node = parse(source)?;
    evaluate(&node)
}

/// `ast.literal_eval(source)`.
pub fn literal_eval(source: &str) -> PyResult<Value> {
    let node = parse(source)?;
    literal(&node)?;
    evaluate(&node)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Int(i64),
    Float(f64),
    Str(String),
    Name(String),
    Op(&'static str),
    /// A literal Ingot cannot hold as a dynamic value (complex, bytes, an f-string): its kind.
    Unsupported(&'static str),
    End,
}

#[derive(Debug, Clone)]
enum Node {
    Const(Value),
    List(Vec<Node>),
    Dict(Vec<(Node, Node)>),
    Unsupported(&'static str),
    Name(String),
    Unary(&'static str, Box<Node>),
    Binary(&'static str, Box<Node>, Box<Node>),
    Compare(Box<Node>, Vec<(&'static str, Node)>),
    BoolOp(&'static str, Vec<Node>),
    IfExp(Box<Node>, Box<Node>, Box<Node>),
    Subscript(Box<Node>, Box<Node>),
    Slice(Option<Box<Node>>, Option<Box<Node>>, Option<Box<Node>>),
    Attribute(Box<Node>, String),
    Call(Box<Node>),
}

fn syntax(msg: impl Into<String>) -> PyErr {
    PyErr::new(ErrKind::SyntaxError, msg)
}

fn unsupported(what: &str) -> PyErr {
    PyErr::new(ErrKind::NotImplementedError, format!("eval() of {what} is not supported by compiled code"))
}

// ---- tokens ---------------------------------------------------------------------------------------------------------

const OPS: [&str; 36] = [
    "**=", "//=", ">>=", "<<=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=", "+",
    "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}",
];
const PUNCT: [&str; 4] = [",", ":", ".", ";"];

struct Lexer<'s> {
    chars: Vec<char>,
    i: usize,
    depth: i32,
    _src: &'s str,
}

impl<'s> Lexer<'s> {
    fn new(src: &'s str) -> Self {
        Lexer { chars: src.chars().collect(), i: 0, depth: 0, _src: src }
    }

    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn tokens(mut self) -> PyResult<Vec<Tok>> {
        let mut out = Vec::new();
        loop {
            self.skip_space()?;
            let Some(c) = self.peek(0) else { break };
            if c.is_ascii_digit() || (c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit())) {
                out.push(self.number()?);
            } else if let Some(t) = self.string_start() {
                out.push(t?);
            } else if c == '_' || c.is_alphabetic() {
                let start = self.i;
                while self.peek(0).is_some_and(|c| c == '_' || c.is_alphanumeric()) {
                    self.i += 1;
                }
                out.push(Tok::Name(self.chars[start..self.i].iter().collect()));
            } else {
                let rest: String = self.chars[self.i..(self.i + 3).min(self.chars.len())].iter().collect();
                let op = OPS.iter().chain(PUNCT.iter()).find(|o| rest.starts_with(**o)).copied();
                let Some(op) = op else { return Err(syntax(format!("invalid character '{c}'"))) };
                match op {
                    "(" | "[" | "{" => self.depth += 1,
                    ")" | "]" | "}" => self.depth -= 1,
                    _ => {}
                }
                self.i += op.chars().count();
                out.push(Tok::Op(op));
            }
        }
        out.push(Tok::End);
        Ok(out)
    }

    /// Spaces, comments and line continuations; a newline only inside brackets or at the end.
    fn skip_space(&mut self) -> PyResult<()> {
        while let Some(c) = self.peek(0) {
            match c {
                ' ' | '\t' | '\x0c' | '\r' => self.i += 1,
                '\\' if self.peek(1) == Some('\n') => self.i += 2,
                '#' => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                '\n' => {
                    if self.depth <= 0 && self.chars[self.i..].iter().any(|c| !c.is_whitespace()) {
                        return Err(syntax("invalid syntax"));
                    }
                    self.i += 1;
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn digits(&mut self, radix: u32) -> PyResult<String> {
        let mut s = String::new();
        while let Some(c) = self.peek(0) {
            if c.is_digit(radix) {
                s.push(c);
            } else if c == '_' && self.peek(1).is_some_and(|d| d.is_digit(radix)) && !s.is_empty() {
            } else {
                break;
            }
            self.i += 1;
        }
        Ok(s)
    }

    fn number(&mut self) -> PyResult<Tok> {
        let c0 = self.peek(0).unwrap();
        let prefix = self.peek(1).map(|c| c.to_ascii_lowercase());
        if c0 == '0' && matches!(prefix, Some('x' | 'o' | 'b')) {
            self.i += 2;
            if self.peek(0) == Some('_') {
                self.i += 1;
            }
            let radix = match prefix {
                Some('x') => 16,
                Some('o') => 8,
                _ => 2,
            };
            let d = self.digits(radix)?;
            if d.is_empty() || self.peek(0).is_some_and(|c| c.is_alphanumeric()) {
                return Err(syntax("invalid number literal"));
            }
            return i64::from_str_radix(&d, radix).map(Tok::Int).map_err(|_| big());
        }
        let int_part = self.digits(10)?;
        let mut text = int_part.clone();
        let mut float = false;
        if self.peek(0) == Some('.') {
            float = true;
            self.i += 1;
            text.push('.');
            text.push_str(&self.digits(10)?);
        }
        if matches!(self.peek(0), Some('e' | 'E')) {
            let sign = matches!(self.peek(1), Some('+' | '-'));
            if self.peek(if sign { 2 } else { 1 }).is_some_and(|d| d.is_ascii_digit()) {
                float = true;
                text.push('e');
                self.i += 1;
                if sign {
                    text.push(self.peek(0).unwrap());
                    self.i += 1;
                }
                text.push_str(&self.digits(10)?);
            }
        }
        if matches!(self.peek(0), Some('j' | 'J')) {
            self.i += 1;
            return Ok(Tok::Unsupported("a complex number"));
        }
        if self.peek(0).is_some_and(|c| c == '_' || c.is_alphanumeric()) {
            return Err(syntax("invalid decimal literal"));
        }
        if float {
            let t = if text.starts_with('.') { format!("0{text}") } else { text };
            return t.parse::<f64>().map(Tok::Float).map_err(|_| syntax("invalid decimal literal"));
        }
        if int_part.len() > 1 && int_part.starts_with('0') && int_part.chars().any(|c| c != '0') {
            return Err(syntax(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            ));
        }
        int_part.parse::<i64>().map(Tok::Int).map_err(|_| big())
    }

    /// A string literal here (with its prefix), if one starts.
    fn string_start(&mut self) -> Option<PyResult<Tok>> {
        let mut k = 0;
        let mut prefix = String::new();
        while let Some(c) = self.peek(k) {
            if "rRbBuUfF".contains(c) && k < 2 {
                prefix.push(c.to_ascii_lowercase());
                k += 1;
            } else {
                break;
            }
        }
        let q = self.peek(k)?;
        if q != '\'' && q != '"' {
            return None;
        }
        if !matches!(prefix.as_str(), "" | "r" | "u" | "b" | "br" | "rb" | "f" | "fr" | "rf") {
            return None;
        }
        self.i += k;
        Some(self.string(q, &prefix))
    }

    fn string(&mut self, q: char, prefix: &str) -> PyResult<Tok> {
        let triple = self.peek(1) == Some(q) && self.peek(2) == Some(q);
        self.i += if triple { 3 } else { 1 };
        let raw = prefix.contains('r');
        let mut s = String::new();
        loop {
            let Some(c) = self.peek(0) else {
                return Err(syntax("unterminated string literal"));
            };
            if c == q && (!triple || (self.peek(1) == Some(q) && self.peek(2) == Some(q))) {
                self.i += if triple { 3 } else { 1 };
                break;
            }
            if c == '\n' && !triple {
                return Err(syntax("unterminated string literal"));
            }
            self.i += 1;
            if c != '\\' {
                s.push(c);
                continue;
            }
            let Some(e) = self.peek(0) else { return Err(syntax("unterminated string literal")) };
            self.i += 1;
            if raw {
                s.push('\\');
                s.push(e);
                continue;
            }
            match e {
                '\n' => {}
                '\\' | '\'' | '"' => s.push(e),
                'n' => s.push('\n'),
                't' => s.push('\t'),
                'r' => s.push('\r'),
                'a' => s.push('\x07'),
                'b' => s.push('\x08'),
                'f' => s.push('\x0c'),
                'v' => s.push('\x0b'),
                '0'..='7' => {
                    let mut v = e.to_digit(8).unwrap();
                    for _ in 0..2 {
                        match self.peek(0).and_then(|d| d.to_digit(8)) {
                            Some(d) => {
                                v = v * 8 + d;
                                self.i += 1;
                            }
                            None => break,
                        }
                    }
                    s.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                }
                'x' | 'u' | 'U' => {
                    let n = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let hex: String = (0..n).filter_map(|j| self.peek(j)).collect();
                    let v = (hex.len() == n).then(|| u32::from_str_radix(&hex, 16).ok()).flatten();
                    let Some(ch) = v.and_then(char::from_u32) else {
                        return Err(syntax(format!("(unicode error) truncated \\{e} escape")));
                    };
                    self.i += n;
                    s.push(ch);
                }
                'N' => return Ok(Tok::Unsupported("a \\N{...} escape")),
                other => {
                    s.push('\\');
                    s.push(other);
                }
            }
        }
        if prefix.contains('b') {
            return Ok(Tok::Unsupported("bytes"));
        }
        if prefix.contains('f') {
            return Ok(Tok::Unsupported("an f-string"));
        }
        Ok(Tok::Str(s))
    }
}

fn big() -> PyErr {
    PyErr::overflow_error("eval() of an int beyond 64 bits is not supported by compiled code")
}

// ---- parser ---------------------------------------------------------------------------------------------------------

struct Parser {
    toks: Vec<Tok>,
    i: usize,
}

fn parse(source: &str) -> PyResult<Node> {
    // CPython strips the spaces and tabs an eval() source starts with.
    let src = source.trim_start_matches([' ', '\t']);
    let toks = Lexer::new(src).tokens()?;
    let mut p = Parser { toks, i: 0 };
    if p.peek() == &Tok::End {
        return Err(syntax("invalid syntax"));
    }
    let node = p.tuple_or_expr()?;
    if p.peek() != &Tok::End {
        return Err(syntax("invalid syntax"));
    }
    Ok(node)
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.i]
    }
    fn next(&mut self) -> Tok {
        let t = self.toks[self.i].clone();
        if t != Tok::End {
            self.i += 1;
        }
        t
    }
    fn eat(&mut self, op: &str) -> bool {
        if matches!(self.peek(), Tok::Op(o) if *o == op) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn keyword(&self, k: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == k)
    }
    fn eat_keyword(&mut self, k: &str) -> bool {
        let yes = self.keyword(k);
        if yes {
            self.i += 1;
        }
        yes
    }
    fn expect(&mut self, op: &str) -> PyResult<()> {
        if self.eat(op) {
            Ok(())
        } else {
            Err(syntax(format!("invalid syntax (expected '{op}')")))
        }
    }
    fn at_end_of_items(&self) -> bool {
        matches!(self.peek(), Tok::Op(")" | "]" | "}") | Tok::End)
    }

    /// `a, b` (a tuple) or one expression.
    fn tuple_or_expr(&mut self) -> PyResult<Node> {
        let first = self.expr()?;
        if !matches!(self.peek(), Tok::Op(",")) {
            return Ok(first);
        }
        while self.eat(",") {
            if self.at_end_of_items() {
                break;
            }
            self.expr()?;
        }
        Ok(Node::Unsupported("a tuple"))
    }

    fn expr(&mut self) -> PyResult<Node> {
        if self.keyword("lambda") {
            return Err(unsupported("a lambda"));
        }
        let body = self.or_test()?;
        if self.eat_keyword("if") {
            let cond = self.or_test()?;
            if !self.eat_keyword("else") {
                return Err(syntax("expected 'else' after 'if' expression"));
            }
            let orelse = self.expr()?;
            return Ok(Node::IfExp(Box::new(cond), Box::new(body), Box::new(orelse)));
        }
        Ok(body)
    }

    fn or_test(&mut self) -> PyResult<Node> {
        self.bool_chain("or", Self::and_test)
    }
    fn and_test(&mut self) -> PyResult<Node> {
        self.bool_chain("and", Self::not_test)
    }
    fn bool_chain(&mut self, k: &'static str, inner: fn(&mut Self) -> PyResult<Node>) -> PyResult<Node> {
        let mut items = vec![inner(self)?];
        while self.eat_keyword(k) {
            items.push(inner(self)?);
        }
        Ok(if items.len() == 1 { items.pop().unwrap() } else { Node::BoolOp(k, items) })
    }
    fn not_test(&mut self) -> PyResult<Node> {
        if self.eat_keyword("not") {
            return Ok(Node::Unary("not", Box::new(self.not_test()?)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> PyResult<Node> {
        let left = self.bitor()?;
        let mut ops = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Op(o @ ("<" | ">" | "==" | ">=" | "<=" | "!=")) => {
                    let o = *o;
                    self.i += 1;
                    o
                }
                Tok::Name(n) if n == "in" => {
                    self.i += 1;
                    "in"
                }
                Tok::Name(n) if n == "not" && matches!(self.toks.get(self.i + 1), Some(Tok::Name(m)) if m == "in") => {
                    self.i += 2;
                    "not in"
                }
                Tok::Name(n) if n == "is" => {
                    self.i += 1;
                    if self.eat_keyword("not") { "is not" } else { "is" }
                }
                _ => break,
            };
            ops.push((op, self.bitor()?));
        }
        Ok(if ops.is_empty() { left } else { Node::Compare(Box::new(left), ops) })
    }

    fn binary_level(&mut self, ops: &[&'static str], inner: fn(&mut Self) -> PyResult<Node>) -> PyResult<Node> {
        let mut left = inner(self)?;
        loop {
            let Tok::Op(o) = self.peek() else { break };
            let Some(op) = ops.iter().find(|x| **x == *o).copied() else { break };
            self.i += 1;
            let right = inner(self)?;
            left = Node::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn bitor(&mut self) -> PyResult<Node> {
        self.binary_level(&["|"], Self::bitxor)
    }
    fn bitxor(&mut self) -> PyResult<Node> {
        self.binary_level(&["^"], Self::bitand)
    }
    fn bitand(&mut self) -> PyResult<Node> {
        self.binary_level(&["&"], Self::shift)
    }
    fn shift(&mut self) -> PyResult<Node> {
        self.binary_level(&["<<", ">>"], Self::arith)
    }
    fn arith(&mut self) -> PyResult<Node> {
        self.binary_level(&["+", "-"], Self::term)
    }
    fn term(&mut self) -> PyResult<Node> {
        self.binary_level(&["*", "/", "//", "%", "@"], Self::factor)
    }
    fn factor(&mut self) -> PyResult<Node> {
        for op in ["+", "-", "~"] {
            if self.eat(op) {
                return Ok(Node::Unary(op, Box::new(self.factor()?)));
            }
        }
        self.power()
    }
    fn power(&mut self) -> PyResult<Node> {
        let base = self.primary()?;
        if self.eat("**") {
            // Right-associative, and its right side may be signed (`2 ** -1`).
            let exp = self.factor()?;
            return Ok(Node::Binary("**", Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }

    fn primary(&mut self) -> PyResult<Node> {
        let mut node = self.atom()?;
        loop {
            if self.eat("[") {
                let index = self.subscript()?;
                self.expect("]")?;
                node = Node::Subscript(Box::new(node), Box::new(index));
            } else if self.eat("(") {
                let mut depth = 1;
                while depth > 0 {
                    match self.next() {
                        Tok::Op("(") => depth += 1,
                        Tok::Op(")") => depth -= 1,
                        Tok::End => return Err(syntax("'(' was never closed")),
                        _ => {}
                    }
                }
                node = Node::Call(Box::new(node));
            } else if self.eat(".") {
                match self.next() {
                    Tok::Name(n) => node = Node::Attribute(Box::new(node), n),
                    _ => return Err(syntax("invalid syntax")),
                }
            } else {
                return Ok(node);
            }
        }
    }

    fn subscript(&mut self) -> PyResult<Node> {
        let bound = |p: &mut Self| -> PyResult<Option<Box<Node>>> {
            if matches!(p.peek(), Tok::Op(":" | "]")) { Ok(None) } else { Ok(Some(Box::new(p.expr()?))) }
        };
        let start = bound(self)?;
        if !self.eat(":") {
            let Some(index) = start else { return Err(syntax("invalid syntax")) };
            if matches!(self.peek(), Tok::Op(",")) {
                return Err(unsupported("a tuple index"));
            }
            return Ok(*index);
        }
        let stop = bound(self)?;
        let step = if self.eat(":") { bound(self)? } else { None };
        Ok(Node::Slice(start, stop, step))
    }

    fn atom(&mut self) -> PyResult<Node> {
        match self.next() {
            Tok::Int(i) => Ok(Node::Const(Value::Int(i))),
            Tok::Float(f) => Ok(Node::Const(Value::Float(f))),
            Tok::Str(s) => {
                // Adjacent literals join (`"a" "b"`).
                let mut s = s;
                let mut other = None;
                loop {
                    match self.peek().clone() {
                        Tok::Str(t) => s.push_str(&t),
                        Tok::Unsupported(w @ ("bytes" | "an f-string")) => other = Some(w),
                        _ => break,
                    }
                    self.i += 1;
                }
                Ok(match other {
                    Some(w) => Node::Unsupported(w),
                    None => Node::Const(Value::Str(s)),
                })
            }
            Tok::Unsupported(w) => Ok(Node::Unsupported(w)),
            Tok::Name(n) => Ok(match n.as_str() {
                "True" => Node::Const(Value::Bool(true)),
                "False" => Node::Const(Value::Bool(false)),
                "None" => Node::Const(Value::None),
                "and" | "or" | "not" | "in" | "is" | "if" | "else" | "lambda" | "for" | "await" | "yield" => {
                    return Err(syntax("invalid syntax"));
                }
                _ => Node::Name(n),
            }),
            Tok::Op("(") => {
                if self.eat(")") {
                    return Ok(Node::Unsupported("a tuple"));
                }
                let inner = self.tuple_or_expr()?;
                if matches!(self.peek(), Tok::Name(n) if n == "for") {
                    return Err(unsupported("a generator expression"));
                }
                self.expect(")")?;
                Ok(inner)
            }
            Tok::Op("[") => {
                let mut items = Vec::new();
                while !self.eat("]") {
                    if self.eat("*") {
                        return Err(unsupported("unpacking"));
                    }
                    items.push(self.expr()?);
                    if matches!(self.peek(), Tok::Name(n) if n == "for") {
                        return Err(unsupported("a comprehension"));
                    }
                    if !self.eat(",") {
                        self.expect("]")?;
                        break;
                    }
                }
                Ok(Node::List(items))
            }
            Tok::Op("{") => {
                let mut pairs = Vec::new();
                if self.eat("}") {
                    return Ok(Node::Dict(pairs));
                }
                loop {
                    if self.eat("**") {
                        return Err(unsupported("unpacking"));
                    }
                    let k = self.expr()?;
                    if !self.eat(":") {
                        // A set display.
                        while !self.eat("}") {
                            if self.next() == Tok::End {
                                return Err(syntax("'{' was never closed"));
                            }
                        }
                        return Ok(Node::Unsupported("a set"));
                    }
                    let v = self.expr()?;
                    if matches!(self.peek(), Tok::Name(n) if n == "for") {
                        return Err(unsupported("a comprehension"));
                    }
                    pairs.push((k, v));
                    if !self.eat(",") {
                        self.expect("}")?;
                        break;
                    }
                    if self.eat("}") {
                        break;
                    }
                }
                Ok(Node::Dict(pairs))
            }
            Tok::End => Err(syntax("invalid syntax")),
            _ => Err(syntax("invalid syntax")),
        }
    }
}

// ---- evaluation -----------------------------------------------------------------------------------------------------

/// What `ast.literal_eval` accepts: literals, containers and numbers with one sign.
fn literal(node: &Node) -> PyResult<()> {
    let malformed = |what: &str| PyErr::value_error(format!("malformed node or string on line 1: <ast.{what} object>"));
    match node {
        Node::Const(_) | Node::Unsupported(_) => Ok(()),
        Node::List(items) => items.iter().try_for_each(literal),
        Node::Dict(pairs) => pairs.iter().try_for_each(|(k, v)| literal(k).and_then(|_| literal(v))),
        Node::Unary("+" | "-", x) if matches!(**x, Node::Const(Value::Int(_) | Value::Float(_))) => Ok(()),
        Node::Binary("+" | "-", _, r) if matches!(**r, Node::Unsupported("a complex number")) => {
            Err(unsupported("a complex number"))
        }
        Node::Unary(..) => Err(malformed("UnaryOp")),
        Node::Binary(..) => Err(malformed("BinOp")),
        Node::Name(_) => Err(malformed("Name")),
        Node::Compare(..) => Err(malformed("Compare")),
        Node::BoolOp(..) => Err(malformed("BoolOp")),
        Node::IfExp(..) => Err(malformed("IfExp")),
        Node::Subscript(..) | Node::Slice(..) => Err(malformed("Subscript")),
        Node::Attribute(..) => Err(malformed("Attribute")),
        Node::Call(_) => Err(malformed("Call")),
    }
}

fn evaluate(node: &Node) -> PyResult<Value> {
    match node {
        Node::Const(v) => Ok(v.clone()),
        Node::Unsupported(what) => Err(unsupported(what)),
        Node::List(items) => items.iter().map(evaluate).collect::<PyResult<Vec<_>>>().map(Value::List),
        Node::Dict(pairs) => {
            let mut out: Vec<(String, Value)> = Vec::new();
            for (k, v) in pairs {
                let key = match evaluate(k)? {
                    Value::Str(s) => s,
                    Value::List(_) | Value::Dict(_) => return Err(PyErr::type_error("unhashable type: 'list'")),
                    _ => return Err(unsupported("a dict with keys other than str")),
                };
                let value = evaluate(v)?;
                match out.iter_mut().find(|(name, _)| *name == key) {
                    Some(slot) => slot.1 = value,
                    None => out.push((key, value)),
                }
            }
            Ok(Value::Dict(out))
        }
        Node::Name(n) => Err(PyErr::new(ErrKind::NameError, format!("name '{n}' is not defined"))),
        Node::Attribute(v, name) => {
            evaluate(v)?;
            Err(unsupported(&format!("the attribute `{name}`")))
        }
        // With no builtins, what is called is a name (NameError) or a value that has no methods here.
        Node::Call(f) => {
            evaluate(f)?;
            Err(unsupported("a call"))
        }
        Node::Unary(op, x) => unary(op, &evaluate(x)?),
        Node::Binary(op, a, b) => {
            let (a, b) = (evaluate(a)?, evaluate(b)?);
            binary(op, &a, &b)
        }
        Node::Compare(first, rest) => {
            let mut left = evaluate(first)?;
            for (op, r) in rest {
                let right = evaluate(r)?;
                if !compare(op, &left, &right)? {
                    return Ok(Value::Bool(false));
                }
                left = right;
            }
            Ok(Value::Bool(true))
        }
        Node::BoolOp(op, items) => {
            let mut last = Value::None;
            for x in items {
                last = evaluate(x)?;
                if last.py_bool() == (*op == "or") {
                    return Ok(last);
                }
            }
            Ok(last)
        }
        Node::IfExp(c, a, b) => {
            if evaluate(c)?.py_bool() {
                evaluate(a)
            } else {
                evaluate(b)
            }
        }
        Node::Subscript(v, index) => {
            let v = evaluate(v)?;
            if let Node::Slice(a, b, c) = &**index {
                let bound = |x: &Option<Box<Node>>| -> PyResult<Option<i64>> {
                    match x {
                        Some(n) => dynamic::slice_index(&evaluate(n)?),
                        None => Ok(None),
                    }
                };
                return dynamic::getslice(&v, bound(a)?, bound(b)?, bound(c)?);
            }
            dynamic::getitem(&v, &evaluate(index)?)
        }
        Node::Slice(..) => Err(syntax("invalid syntax")),
    }
}

fn type_name(v: &Value) -> &'static str {
    v.type_name()
}

fn unary(op: &str, x: &Value) -> PyResult<Value> {
    let bad = || PyErr::type_error(format!("bad operand type for unary {op}: '{}'", type_name(x)));
    match (op, x) {
        ("not", _) => Ok(Value::Bool(!x.py_bool())),
        ("-", Value::Int(i)) => i.checked_neg().map(Value::Int).ok_or_else(PyErr::int_overflow),
        ("-", Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
        ("-", Value::Float(f)) => Ok(Value::Float(-f)),
        ("+", Value::Int(_) | Value::Float(_)) => Ok(x.clone()),
        ("+", Value::Bool(b)) => Ok(Value::Int(*b as i64)),
        ("~", Value::Int(i)) => Ok(Value::Int(!i)),
        ("~", Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
        _ => Err(bad()),
    }
}

fn binary(op: &str, a: &Value, b: &Value) -> PyResult<Value> {
    let int = |v: &Value| match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    };
    match op {
        "+" | "-" | "*" | "/" | "//" | "%" | "**" => dynamic::binop(a, b, op),
        "&" | "|" | "^" | "<<" | ">>" => {
            let (Some(x), Some(y)) = (int(a), int(b)) else {
                return Err(PyErr::type_error(format!(
                    "unsupported operand type(s) for {op}: '{}' and '{}'",
                    type_name(a),
                    type_name(b)
                )));
            };
            if let (Value::Bool(p), Value::Bool(q), "&" | "|" | "^") = (a, b, op) {
                return Ok(Value::Bool(match op {
                    "&" => p & q,
                    "|" => p | q,
                    _ => p ^ q,
                }));
            }
            match op {
                "&" => Ok(Value::Int(x & y)),
                "|" => Ok(Value::Int(x | y)),
                "^" => Ok(Value::Int(x ^ y)),
                _ if y < 0 => Err(PyErr::value_error("negative shift count")),
                "<<" => {
                    let r = if y >= 64 { None } else { x.checked_mul(1i64 << y).filter(|_| y < 63) };
                    r.map(Value::Int).ok_or_else(PyErr::int_overflow)
                }
                _ => Ok(Value::Int(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y })),
            }
        }
        _ => Err(PyErr::type_error(format!(
            "unsupported operand type(s) for {op}: '{}' and '{}'",
            type_name(a),
            type_name(b)
        ))),
    }
}

fn compare(op: &str, a: &Value, b: &Value) -> PyResult<bool> {
    match op {
        "==" => Ok(dynamic::eq(a, b)),
        "!=" => Ok(!dynamic::eq(a, b)),
        "in" => dynamic::contains(b, a),
        "not in" => dynamic::contains(b, a).map(|x| !x),
        "is" | "is not" => {
            let same = match (a, b) {
                (Value::None, Value::None) => true,
                (Value::Bool(x), Value::Bool(y)) => x == y,
                (Value::None | Value::Bool(_), _) | (_, Value::None | Value::Bool(_)) => false,
                _ => return Err(unsupported("`is` between values other than None, True and False")),
            };
            Ok(same == (op == "is"))
        }
        _ => dynamic::compare(a, b, op),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        crate::PyRepr::py_repr(&eval(s).unwrap())
    }
    fn err(s: &str) -> ErrKind {
        eval(s).unwrap_err().kind
    }

    #[test]
    fn arithmetic_as_cpython() {
        assert_eq!(ok("2 + 3 * 4"), "14");
        assert_eq!(ok("(2 + 3) * 4"), "20");
        assert_eq!(ok("-2 ** 2"), "-4");
        assert_eq!(ok("2 ** -1"), "0.5");
        assert_eq!(ok("2 ** 3 ** 2"), "512");
        assert_eq!(ok("7 // -2"), "-4");
        assert_eq!(ok("-7 % 3"), "2");
        assert_eq!(ok(" 1_000 / 8"), "125.0");
        assert_eq!(ok("0x1F | 0b100"), "31");
        assert_eq!(ok("1 < 2 < 3 == 3.0"), "True");
        assert_eq!(ok("1 or 1 / 0"), "1");
        assert_eq!(ok("0 and x"), "0");
        assert_eq!(ok("'a' 'b' * 2"), "'abab'");
        assert_eq!(ok("[1, 2][-1] if 1 else x"), "2");
        assert_eq!(ok("{'a': [1.5, None]}['a']"), "[1.5, None]");
        assert_eq!(ok("'abc'[::-1]"), "'cba'");
        assert_eq!(err("1 / 0"), ErrKind::ZeroDivisionError);
        assert_eq!(err("abs(-1)"), ErrKind::NameError);
        assert_eq!(err("1 +"), ErrKind::SyntaxError);
        assert_eq!(err("(1, 2)"), ErrKind::NotImplementedError);
        assert_eq!(err("01"), ErrKind::SyntaxError);
    }

    #[test]
    fn literal_eval_takes_only_literals() {
        assert_eq!(crate::PyRepr::py_repr(&literal_eval("{'k': [-1, 2.5e3, True]}").unwrap()), "{'k': [-1, 2500.0, True]}");
        assert_eq!(literal_eval("1 + 2").unwrap_err().kind, ErrKind::ValueError);
        assert_eq!(literal_eval("x").unwrap_err().kind, ErrKind::ValueError);
    }
}
