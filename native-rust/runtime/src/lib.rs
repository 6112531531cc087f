//! ingot-runtime: the hand-written half of every crate Ingot generates.
//!
//! Generated code does `use ingot_runtime as rt;` and calls into these modules for
//! Python semantics that plain Rust does not have: Python's exceptions ([`PyErr`]),
//! checked integer arithmetic ([`int`]), float corner cases ([`float`]), code-point
//! indexed strings ([`pystr`]), lists, dicts and sets ([`list`], [`dict`]), `repr`/`str`
//! ([`repr`]), the format-spec mini-language ([`format`]), Python's `re` module ([`re`]), comparisons ([`cmp`]),
//! builtins ([`builtins`]), the value JSON that crosses the ABI ([`value`]) and the
//! helpers behind each generated `extern "C"` entry point ([`abi`]).
//!
//! Nothing here panics on user input: every failure is a [`PyErr`] carrying the
//! exception class and message CPython would give.

pub mod abi;
pub mod builtins;
pub mod bytes;
pub mod cell;
pub mod cmp;
pub mod csv;
pub mod datetime;
pub mod deque;
pub mod difflib;
pub mod dict;
pub mod dynamic;
pub mod err;
pub mod float;
pub mod flow;
pub mod flags;
pub mod format;
pub mod kwargs;
pub mod heapq;
pub mod html;
pub mod int;
pub mod json;
pub mod itertools;
pub mod list;
pub mod math;
pub mod matrix;
pub mod posixpath;
pub mod process;
pub mod pyeval;
pub mod pystr;
pub mod random;
pub mod re;
pub mod shell;
pub mod statistics;
pub mod sync;
pub mod pyhash;
pub mod pyset;
pub mod repr;
pub mod stream;
pub mod text;
pub mod textwrap;
pub mod unicodedata;
pub mod union;
pub mod urlparse;
pub mod value;
pub mod vartuple;

mod html_entities;
mod unicode_tables;
mod unicodedata_tables;

pub use deque::Deque;
pub use dict::{Dict, FloatKey, Set};
pub use err::{ErrKind, PyErr, PyResult};
pub use flow::Flow;
pub use pyhash::PyHash;
pub use repr::PyRepr;
pub use stream::{Sink, Stream};
pub use matrix::IntoF32Array;
pub use value::{DictKey, FromValue, IntoValue, NdData, Value};
pub use vartuple::VarTuple;
