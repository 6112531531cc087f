//! Control flow out of a `try` body. Generated code runs a `try` body in a closure so that
//! its exceptions can be caught; `return`, `break` and `continue` inside it leave the closure
//! as a [`Flow`] and are replayed after the handlers and the `finally` block have run.

use crate::{ErrKind, PyErr, PyRepr};

/// How a `try` body (or an `except` handler) finished when it did not raise.
#[derive(Debug, Clone, PartialEq)]
pub enum Flow<R> {
    /// It ran to its end.
    Normal,
    /// It executed `return value`.
    Return(R),
    /// It executed `break` for a loop around the `try`.
    Break,
    /// It executed `continue` for a loop around the `try`.
    Continue,
}

/// Whether `except <class>:` catches this error, following CPython's class hierarchy for the
/// classes Ingot raises (`ArithmeticError` covers ZeroDivisionError and OverflowError,
/// `LookupError` covers KeyError and IndexError, `Exception` covers all of them but
/// GeneratorExit, which only `BaseException` and a bare `except:` catch).
/// An instance of a user-defined class is caught by its own classes and by every builtin class
/// that catches its nearest builtin base.
pub fn catches(class: &str, e: &PyErr) -> bool {
    if e.user.as_ref().is_some_and(|u| u.classes.contains(&class)) {
        return true;
    }
    let name = e.kind.name();
    match class {
        "BaseException" => true,
        "Exception" => e.kind != ErrKind::GeneratorExit,
        "ArithmeticError" => matches!(e.kind, ErrKind::ZeroDivisionError | ErrKind::OverflowError | ErrKind::ArithmeticError),
        "LookupError" => matches!(e.kind, ErrKind::KeyError | ErrKind::IndexError | ErrKind::LookupError | ErrKind::AxisError),
        "IndexError" => matches!(e.kind, ErrKind::IndexError | ErrKind::AxisError),
        "TypeError" => matches!(e.kind, ErrKind::TypeError | ErrKind::InvalidParameterError),
        "NameError" => matches!(e.kind, ErrKind::NameError | ErrKind::UnboundLocalError),
        "ValueError" => matches!(e.kind, ErrKind::ValueError | ErrKind::ValidationError | ErrKind::StatisticsError | ErrKind::JSONDecodeError | ErrKind::IllegalMonthError | ErrKind::UnicodeDecodeError | ErrKind::UnicodeEncodeError | ErrKind::BinasciiError | ErrKind::AxisError | ErrKind::InvalidParameterError),
        // `re.error` and `struct.error` share CPython's class name `error`.
        "error" => e.kind == ErrKind::ReError,
        "struct.error" => e.kind == ErrKind::StructError,
        "UnicodeError" => matches!(e.kind, ErrKind::UnicodeDecodeError | ErrKind::UnicodeEncodeError),
        // NotImplementedError and RecursionError derive from RuntimeError; the I/O errors from OSError
        // (`IOError` and `EnvironmentError` are its other names).
        "RuntimeError" => matches!(e.kind, ErrKind::RuntimeError | ErrKind::NotImplementedError | ErrKind::RecursionError | ErrKind::EinopsError),
        "OSError" | "IOError" | "EnvironmentError" => matches!(
            e.kind,
            ErrKind::OSError | ErrKind::TimeoutError | ErrKind::ConnectionError | ErrKind::FileNotFoundError | ErrKind::PermissionError | ErrKind::FileExistsError
        ),
        _ => class == name,
    }
}

/// `str(e)` and `repr(e)` of a caught exception, as CPython prints them.
impl PyRepr for PyErr {
    fn py_repr(&self) -> String {
        if let Some(u) = self.user.as_ref().filter(|u| !u.classes.is_empty()) {
            return format!("{}({})", u.classes[0], u.args.iter().map(|v| v.py_repr()).collect::<Vec<_>>().join(", "));
        }
        if self.msg.is_empty() {
            return format!("{}()", self.kind.name());
        }
        format!("{}({})", self.kind.name(), if self.kind == ErrKind::KeyError { self.msg.clone() } else { self.msg.py_repr() })
    }
    fn py_str(&self) -> String {
        self.msg.clone()
    }
}
