//! Errors are `ingot_models::Error`: a Python exception class and a message, which the
//! runtime already turns into `PyErr` (and the server into an OpenAI error body). This file
//! only adds the conversions the chat crate needs.

pub use ingot_models::{Error, ErrorKind, Result};

/// A template error (syntax, a failed render, `raise_exception`) as a ValueError:
/// transformers raises jinja2's TemplateError, a ValueError for the caller's purposes.
pub(crate) fn template_error(e: minijinja::Error) -> Error {
    // minijinja's Display already names the template and the line; add the chain's detail.
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        msg.push_str(&format!(": {s}"));
        src = s.source();
    }
    Error::value(format!("chat template: {msg}"))
}

pub(crate) fn tokenizer_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::runtime(format!("{what}: {e}"))
}
