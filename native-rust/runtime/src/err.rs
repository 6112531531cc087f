//! Python exceptions as Rust values: `PyErr` names the exception class and carries
//! the message, and its `Display` is CPython's last traceback line (`Kind: msg`).

use crate::value::{FromValue, Value};
use crate::PyRepr;
use std::fmt;
use std::sync::Arc;

/// The Python exception class of a [`PyErr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrKind {
    ValueError,
    TypeError,
    RuntimeError,
    KeyError,
    IndexError,
    ZeroDivisionError,
    OverflowError,
    AssertionError,
    AttributeError,
    NotImplementedError,
    StopIteration,
    UnboundLocalError,
    /// A name not defined (`eval` of an expression naming one); UnboundLocalError is its subclass.
    NameError,
    /// A source `eval` or `ast.literal_eval` cannot parse.
    SyntaxError,
    /// pydantic's ValidationError (a ValueError subclass in pydantic).
    ValidationError,
    /// `re.error` (CPython 3.11 names the class `error`): a pattern that does not compile.
    ReError,
    /// `statistics.StatisticsError`, a ValueError subclass.
    StatisticsError,
    /// `json.JSONDecodeError`, a ValueError subclass.
    JSONDecodeError,
    /// `calendar.IllegalMonthError`, a ValueError subclass.
    IllegalMonthError,
    /// `UnicodeDecodeError` and `UnicodeEncodeError` (UnicodeError, a ValueError subclass).
    UnicodeDecodeError,
    UnicodeEncodeError,
    /// `binascii.Error` (CPython names the class `Error`), a ValueError subclass.
    BinasciiError,
    /// `struct.error` (CPython names the class `error`), an Exception.
    StructError,
    Exception,
    /// The abstract bases a user exception class may derive from (`class E(LookupError)`).
    LookupError,
    ArithmeticError,
    /// OSError and the subclasses serving code raises for I/O and network failures (`raise TimeoutError(...)`).
    OSError,
    TimeoutError,
    ConnectionError,
    FileNotFoundError,
    PermissionError,
    FileExistsError,
    MemoryError,
    /// A RuntimeError subclass.
    RecursionError,
    /// Raised at a generator's `yield` when its consumer closed the stream; like
    /// CPython's it derives from BaseException, so `except Exception` lets it through.
    GeneratorExit,
    /// `numpy.exceptions.AxisError`, a ValueError and IndexError subclass (scipy.special's axis checks).
    AxisError,
    /// scikit-learn's `InvalidParameterError`, a ValueError and TypeError subclass.
    InvalidParameterError,
    /// `einops.EinopsError`, a RuntimeError subclass.
    EinopsError,
}

impl ErrKind {
    /// The class name as Python spells it.
    pub fn name(self) -> &'static str {
        match self {
            ErrKind::ValueError => "ValueError",
            ErrKind::TypeError => "TypeError",
            ErrKind::RuntimeError => "RuntimeError",
            ErrKind::KeyError => "KeyError",
            ErrKind::IndexError => "IndexError",
            ErrKind::ZeroDivisionError => "ZeroDivisionError",
            ErrKind::OverflowError => "OverflowError",
            ErrKind::AssertionError => "AssertionError",
            ErrKind::AttributeError => "AttributeError",
            ErrKind::NotImplementedError => "NotImplementedError",
            ErrKind::StopIteration => "StopIteration",
            ErrKind::UnboundLocalError => "UnboundLocalError",
            ErrKind::NameError => "NameError",
            ErrKind::SyntaxError => "SyntaxError",
            ErrKind::ValidationError => "ValidationError",
            ErrKind::ReError => "error",
            ErrKind::StatisticsError => "StatisticsError",
            ErrKind::JSONDecodeError => "JSONDecodeError",
            ErrKind::IllegalMonthError => "IllegalMonthError",
            ErrKind::UnicodeDecodeError => "UnicodeDecodeError",
            ErrKind::UnicodeEncodeError => "UnicodeEncodeError",
            ErrKind::BinasciiError => "Error",
            ErrKind::StructError => "error",
            ErrKind::Exception => "Exception",
            ErrKind::LookupError => "LookupError",
            ErrKind::ArithmeticError => "ArithmeticError",
            ErrKind::GeneratorExit => "GeneratorExit",
            ErrKind::OSError => "OSError",
            ErrKind::TimeoutError => "TimeoutError",
            ErrKind::ConnectionError => "ConnectionError",
            ErrKind::FileNotFoundError => "FileNotFoundError",
            ErrKind::PermissionError => "PermissionError",
            ErrKind::FileExistsError => "FileExistsError",
            ErrKind::MemoryError => "MemoryError",
            ErrKind::RecursionError => "RecursionError",
            ErrKind::AxisError => "AxisError",
            ErrKind::InvalidParameterError => "InvalidParameterError",
            ErrKind::EinopsError => "EinopsError",
        }
    }
}

impl fmt::Display for ErrKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A raised Python exception. `kind` is the builtin class (for an instance of a class the
/// user defined, its nearest builtin base, which is what crosses the C ABI) and `msg` is `str(e)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyErr {
    pub kind: ErrKind,
    pub msg: String,
    /// Set for an instance of an exception class defined in the compiled module.
    pub user: Option<Arc<UserException>>,
    /// `__cause__`, `__context__` and `__suppress_context__`, once a `raise ... from` or a handler set them.
    pub chain: Option<Arc<Chain>>,
}

/// An exception's links to the exceptions it was raised from (`raise X from e`) or while handling (`__context__`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chain {
    pub cause: Option<PyErr>,
    pub context: Option<PyErr>,
    pub suppress_context: bool,
}

/// What an instance of a user-defined exception class carries beyond its builtin base:
/// its classes (so `except ParseError` and `isinstance` can test them), `e.args` and the
/// attributes its `__init__` set (`self.code = code`).
#[derive(Debug)]
pub struct UserException {
    /// The user classes, most derived first (`["ConfigError", "AppError"]`).
    pub classes: &'static [&'static str],
    pub args: Vec<Value>,
    pub fields: Vec<(&'static str, Value)>,
}

impl PartialEq for UserException {
    fn eq(&self, other: &Self) -> bool {
        self.classes == other.classes && self.args == other.args && self.fields == other.fields
    }
}

// Two exceptions compare equal when their classes, args and attributes do; a NaN attribute is the
// only value for which this is not reflexive, and exceptions are never used as keys.
impl Eq for UserException {}

/// The result of anything that may raise.
pub type PyResult<T> = Result<T, PyErr>;

macro_rules! constructors {
    ($($fn_name:ident => $kind:ident),* $(,)?) => {
        $(
            #[doc = concat!("A `", stringify!($kind), "` with this message.")]
            pub fn $fn_name(msg: impl Into<String>) -> PyErr {
                PyErr::new(ErrKind::$kind, msg)
            }
        )*
    };
}

impl PyErr {
    pub fn new(kind: ErrKind, msg: impl Into<String>) -> PyErr {
        PyErr { kind, msg: msg.into(), user: None, chain: None }
    }

    /// An instance of a user-defined exception class: `str(e)` is CPython's, from `args`
    /// (empty for none, the one argument's `str`, else the tuple's repr), unless the field
    /// `__str__` (the class's `__str__`, evaluated as the instance was made) gives it.
    pub fn user(kind: ErrKind, classes: &'static [&'static str], args: Vec<Value>, fields: Vec<(&'static str, Value)>) -> PyErr {
        let msg = match args.as_slice() {
            [] => String::new(),
            [one] => one.py_str(),
            many => format!("({})", many.iter().map(|v| v.py_repr()).collect::<Vec<_>>().join(", ")),
        };
        // A class's `__str__`, evaluated as the exception was made, gives `str(e)` instead.
        let msg = match fields.iter().find(|(n, _)| *n == "__str__") {
            Some((_, v)) => v.py_str(),
            None => msg,
        };
        PyErr { kind, msg, user: Some(Arc::new(UserException { classes, args, fields })), chain: None }
    }

    fn chain(&self) -> Chain {
        self.chain.as_deref().cloned().unwrap_or_default()
    }

    /// `raise self from cause` (`from None` too): sets `__cause__` and `__suppress_context__`.
    pub fn with_cause(mut self, cause: Option<PyErr>) -> PyErr {
        let mut c = self.chain();
        c.cause = cause;
        c.suppress_context = true;
        self.chain = Some(Arc::new(c));
        self
    }

    /// An exception leaving an `except` block that caught `handled`: its `__context__` is `handled` unless an inner
    /// handler set one first, or it is `handled` itself re-raised.
    pub fn with_context(mut self, handled: &PyErr) -> PyErr {
        let c = self.chain();
        if c.context.is_some() || self.same_as(handled) {
            return self;
        }
        self.chain = Some(Arc::new(Chain { context: Some(handled.clone()), ..c }));
        self
    }

    /// A raise in a `finally` block: the exception the `try` is propagating, if any, is its `__context__`.
    pub fn with_pending_context<T>(self, pending: &PyResult<T>) -> PyErr {
        match pending {
            Err(e) => self.with_context(e),
            Ok(_) => self,
        }
    }

    fn same_as(&self, other: &PyErr) -> bool {
        self.kind == other.kind && self.msg == other.msg && self.user == other.user && self.chain == other.chain
    }

    /// `e.__cause__`.
    pub fn cause(&self) -> Option<PyErr> {
        self.chain.as_ref().and_then(|c| c.cause.clone())
    }

    /// `e.__context__`.
    pub fn context(&self) -> Option<PyErr> {
        self.chain.as_ref().and_then(|c| c.context.clone())
    }

    /// `e.__suppress_context__`.
    pub fn suppress_context(&self) -> bool {
        self.chain.as_ref().is_some_and(|c| c.suppress_context)
    }

    /// The class name `type(e).__name__` gives.
    pub fn class_name(&self) -> &str {
        match &self.user {
            Some(u) if !u.classes.is_empty() => u.classes[0],
            _ => self.kind.name(),
        }
    }

    /// `e.name` for an attribute a user exception's `__init__` set; AttributeError as CPython's otherwise.
    pub fn field<T: FromValue>(&self, name: &str) -> PyResult<T> {
        let found = self.user.as_ref().and_then(|u| u.fields.iter().find(|(n, _)| *n == name));
        match found {
            Some((_, v)) => T::from_value(v, name),
            None => Err(PyErr::attribute_error(format!("'{}' object has no attribute '{}'", self.class_name(), name))),
        }
    }

    /// `e.args`: a user exception's arguments; for a builtin one the runtime raised, CPython's
    /// `(message,)` (`()` for none), and a KeyError's key, read back from its repr.
    pub fn args(&self) -> PyResult<ExcArgs> {
        if let Some(u) = &self.user {
            return Ok(ExcArgs(u.args.clone()));
        }
        if self.msg.is_empty() {
            return Ok(ExcArgs(Vec::new()));
        }
        if self.kind == ErrKind::KeyError {
            return match key_from_repr(&self.msg) {
                Some(key) => Ok(ExcArgs(vec![key])),
                None => Err(PyErr::not_implemented_error(format!(
                    "e.args of a KeyError whose key is {} (not a str, int or bool) is not supported",
                    self.msg
                ))),
            };
        }
        Ok(ExcArgs(vec![Value::Str(self.msg.clone())]))
    }

    constructors! {
        value_error => ValueError,
        type_error => TypeError,
        runtime_error => RuntimeError,
        index_error => IndexError,
        zero_division_error => ZeroDivisionError,
        overflow_error => OverflowError,
        assertion_error => AssertionError,
        attribute_error => AttributeError,
        not_implemented_error => NotImplementedError,
        stop_iteration => StopIteration,
        exception => Exception,
    }

    /// `KeyError(key)`: the message is the key's repr, as CPython prints it.
    pub fn key_error<K: crate::PyRepr + ?Sized>(key: &K) -> PyErr {
        PyErr::new(ErrKind::KeyError, key.py_repr())
    }

    /// A `KeyError` whose message is given verbatim.
    pub fn key_error_msg(msg: impl Into<String>) -> PyErr {
        PyErr::new(ErrKind::KeyError, msg)
    }

    /// The error every checked integer operation raises when i64 is not enough.
    pub fn int_overflow() -> PyErr {
        PyErr::overflow_error("integer overflow: result does not fit in 64 bits")
    }
}

/// `Kind: message`, as the last line of a CPython traceback names it: an instance of a class
/// the module defines is named by that class (`ParseError: ...`), though it crosses the C ABI
/// with its nearest builtin base's status.
impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match &self.user {
            Some(u) if !u.classes.is_empty() => u.classes[0],
            _ => self.kind.name(),
        };
        if self.msg.is_empty() {
            f.write_str(name)
        } else {
            write!(f, "{}: {}", name, self.msg)
        }
    }
}

impl std::error::Error for PyErr {}

/// An exception's `args` tuple. Its items are dynamic values; `repr` is the tuple's.
#[derive(Debug, Clone, PartialEq)]
pub struct ExcArgs(pub Vec<Value>);

impl ExcArgs {
    /// `e.args[i]`, negative indices from the end; IndexError as CPython's for a tuple.
    pub fn item(&self, i: i64) -> PyResult<Value> {
        let n = self.0.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(PyErr::index_error("tuple index out of range"));
        }
        Ok(self.0[j as usize].clone())
    }

    pub fn len(&self) -> i64 {
        self.0.len() as i64
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PyRepr for ExcArgs {
    fn py_repr(&self) -> String {
        let items: Vec<String> = self.0.iter().map(|v| v.py_repr()).collect();
        if items.len() == 1 {
            format!("({},)", items[0])
        } else {
            format!("({})", items.join(", "))
        }
    }
}

/// The key a KeyError's message is the repr of: a str, an int or a bool (the keys the runtime's
/// dicts raise KeyError for); None for any other repr.
fn key_from_repr(repr: &str) -> Option<Value> {
    match repr {
        "True" => return Some(Value::Bool(true)),
        "False" => return Some(Value::Bool(false)),
        _ => {}
    }
    if let Ok(i) = repr.parse::<i64>() {
        return Some(Value::Int(i));
    }
    let quote = repr.chars().next()?;
    if (quote != '\'' && quote != '"') || repr.len() < 2 || !repr.ends_with(quote) {
        return None;
    }
    let body = &repr[1..repr.len() - 1];
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let hex = |chars: &mut std::str::Chars<'_>, n: usize| -> Option<char> {
            let digits: String = chars.take(n).collect();
            u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32)
        };
        match chars.next()? {
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'x' => out.push(hex(&mut chars, 2)?),
            'u' => out.push(hex(&mut chars, 4)?),
            'U' => out.push(hex(&mut chars, 8)?),
            _ => return None,
        }
    }
    Some(Value::Str(out))
}
