//! Python exceptions as Rust values: `PyErr` names the exception class and carries
//! the message, and its `Display` is CPython's last traceback line (`Kind: msg`).

use std::fmt;

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
    Exception,
    /// Raised at a generator's `yield` when its consumer closed the stream; like
    /// CPython's it derives from BaseException, so `except Exception` lets it through.
    GeneratorExit,
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
            ErrKind::ValidationError => "ValidationError",
            ErrKind::ReError => "error",
            ErrKind::StatisticsError => "StatisticsError",
            ErrKind::JSONDecodeError => "JSONDecodeError",
            ErrKind::IllegalMonthError => "IllegalMonthError",
            ErrKind::Exception => "Exception",
            ErrKind::GeneratorExit => "GeneratorExit",
        }
    }
}

impl fmt::Display for ErrKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A raised Python exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyErr {
    pub kind: ErrKind,
    pub msg: String,
}

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
        PyErr { kind, msg: msg.into() }
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

impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.msg.is_empty() {
            f.write_str(self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.msg)
        }
    }
}

impl std::error::Error for PyErr {}
