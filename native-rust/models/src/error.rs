//! One error type for the crate. It maps onto a Python exception class name, so the
//! runtime can turn it into `ingot_runtime::PyErr { kind, msg }` without a lookup table.

use std::fmt;

/// The Python exception class an [`Error`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad arguments: unknown truncate_dim, a missing pad token, a sequence too long.
    ValueError,
    /// A file that is missing or unreadable (Python raises OSError from from_pretrained).
    OSError,
    /// Anything that went wrong while computing: a tensor op failed, a corrupt file.
    RuntimeError,
}

impl ErrorKind {
    /// The Python class name, as `ingot_runtime::ErrKind` spells it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::OSError => "OSError",
            ErrorKind::RuntimeError => "RuntimeError",
        }
    }
}

/// The crate's error: a Python exception class and a message.
#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    pub msg: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn value(msg: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::ValueError,
            msg: msg.into(),
        }
    }
    pub fn os(msg: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::OSError,
            msg: msg.into(),
        }
    }
    pub fn runtime(msg: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::RuntimeError,
            msg: msg.into(),
        }
    }
    /// Prefix the message with some context (a file name, a module).
    pub fn context(mut self, ctx: impl fmt::Display) -> Self {
        self.msg = format!("{ctx}: {}", self.msg);
        self
    }
}

impl fmt::Display for Error {
    /// `Kind: msg`, like CPython's last traceback line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.msg)
    }
}

impl std::error::Error for Error {}

impl From<candle_core::Error> for Error {
    fn from(e: candle_core::Error) -> Self {
        Error::runtime(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::os(e.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::value(format!("invalid JSON: {e}"))
    }
}

/// Attach a context string to any error convertible into [`Error`].
pub(crate) trait ResultExt<T> {
    fn ctx(self, ctx: impl fmt::Display) -> Result<T>;
}

impl<T, E: Into<Error>> ResultExt<T> for std::result::Result<T, E> {
    fn ctx(self, ctx: impl fmt::Display) -> Result<T> {
        self.map_err(|e| e.into().context(ctx))
    }
}
