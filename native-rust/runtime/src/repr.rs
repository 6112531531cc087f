//! `repr(x)` and `str(x)` for every value the compiler can type. Used by `str()`,
//! `print`, f-strings (`{x!r}`) and error messages such as `KeyError: 'x'`.

use crate::dict::{Dict, FloatKey, Set};
use std::fmt::Write;

/// Python's `repr` and `str` of a value.
pub trait PyRepr {
    fn py_repr(&self) -> String;
    /// `str(x)`; the same as `repr` except for strings (and types that say so).
    fn py_str(&self) -> String {
        self.py_repr()
    }
}

impl<T: PyRepr + ?Sized> PyRepr for &T {
    fn py_repr(&self) -> String {
        (**self).py_repr()
    }
    fn py_str(&self) -> String {
        (**self).py_str()
    }
}

impl<T: PyRepr + ?Sized> PyRepr for Box<T> {
    fn py_repr(&self) -> String {
        (**self).py_repr()
    }
    fn py_str(&self) -> String {
        (**self).py_str()
    }
}

impl PyRepr for i64 {
    fn py_repr(&self) -> String {
        self.to_string()
    }
}

impl PyRepr for f64 {
    fn py_repr(&self) -> String {
        crate::float::repr(*self)
    }
}

impl PyRepr for FloatKey {
    fn py_repr(&self) -> String {
        crate::float::repr(self.0)
    }
}

impl PyRepr for bool {
    fn py_repr(&self) -> String {
        if *self { "True" } else { "False" }.to_string()
    }
}

impl PyRepr for () {
    fn py_repr(&self) -> String {
        "None".to_string()
    }
}

/// `repr(s)` for a str: single quotes unless the text has `'` and no `"`, with
/// CPython's escapes for backslash, the quote, control and non-printable characters.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if crate::pystr::is_printable_char(c) => out.push(c),
            c => {
                let cp = c as u32;
                let _ = if cp < 0x100 {
                    write!(out, "\\x{cp:02x}")
                } else if cp < 0x10000 {
                    write!(out, "\\u{cp:04x}")
                } else {
                    write!(out, "\\U{cp:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

impl PyRepr for str {
    fn py_repr(&self) -> String {
        str_repr(self)
    }
    fn py_str(&self) -> String {
        self.to_string()
    }
}

impl PyRepr for String {
    fn py_repr(&self) -> String {
        str_repr(self)
    }
    fn py_str(&self) -> String {
        self.clone()
    }
}

impl<T: PyRepr> PyRepr for Option<T> {
    fn py_repr(&self) -> String {
        match self {
            Some(v) => v.py_repr(),
            None => "None".to_string(),
        }
    }
    fn py_str(&self) -> String {
        match self {
            Some(v) => v.py_str(),
            None => "None".to_string(),
        }
    }
}

fn join_reprs<'a, T: PyRepr + 'a>(items: impl Iterator<Item = &'a T>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&item.py_repr());
    }
    out
}

impl<T: PyRepr> PyRepr for [T] {
    fn py_repr(&self) -> String {
        format!("[{}]", join_reprs(self.iter()))
    }
}

impl<T: PyRepr> PyRepr for Vec<T> {
    fn py_repr(&self) -> String {
        self.as_slice().py_repr()
    }
}

/// Sets print in insertion order (CPython prints hash order, which differs for
/// most non-int items). The empty set prints as `set()`.
impl<T: PyRepr> PyRepr for Set<T> {
    fn py_repr(&self) -> String {
        if self.is_empty() {
            "set()".to_string()
        } else {
            format!("{{{}}}", join_reprs(self.iter()))
        }
    }
}

impl<K: PyRepr, V: PyRepr> PyRepr for Dict<K, V> {
    fn py_repr(&self) -> String {
        let mut out = String::from("{");
        for (i, (k, v)) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&k.py_repr());
            out.push_str(": ");
            out.push_str(&v.py_repr());
        }
        out.push('}');
        out
    }
}

impl<A: PyRepr> PyRepr for (A,) {
    fn py_repr(&self) -> String {
        format!("({},)", self.0.py_repr())
    }
}

macro_rules! tuple_repr {
    ($($name:ident $idx:tt),+) => {
        impl<$($name: PyRepr),+> PyRepr for ($($name,)+) {
            fn py_repr(&self) -> String {
                let parts: Vec<String> = vec![$(self.$idx.py_repr()),+];
                format!("({})", parts.join(", "))
            }
        }
    };
}

tuple_repr!(A 0, B 1);
tuple_repr!(A 0, B 1, C 2);
tuple_repr!(A 0, B 1, C 2, D 3);
tuple_repr!(A 0, B 1, C 2, D 3, E 4);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_repr!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// `str(x)`.
pub fn to_str<T: PyRepr + ?Sized>(x: &T) -> String {
    x.py_str()
}

/// `repr(x)`.
pub fn to_repr<T: PyRepr + ?Sized>(x: &T) -> String {
    x.py_repr()
}

/// `print(*args, sep=sep, end=end)` as the text it writes.
pub fn print_line(parts: &[String], sep: &str, end: &str) -> String {
    let mut s = parts.join(sep);
    s.push_str(end);
    s
}

/// A dynamic value prints as the Python value it stands for (lists, dicts, scalars).
impl PyRepr for crate::Value {
    fn py_repr(&self) -> String {
        use crate::Value as V;
        match self {
            V::None => "None".to_string(),
            V::Bool(b) => b.py_repr(),
            V::Int(i) => i.py_repr(),
            V::Float(f) => f.py_repr(),
            V::Str(s) => str_repr(s),
            V::List(items) => format!("[{}]", items.iter().map(|x| x.py_repr()).collect::<Vec<_>>().join(", ")),
            V::Dict(pairs) => format!(
                "{{{}}}",
                pairs.iter().map(|(k, v)| format!("{}: {}", str_repr(k), v.py_repr())).collect::<Vec<_>>().join(", ")
            ),
            V::Bytes(b) => format!("<{} bytes>", b.len()),
            V::NdArray { dtype, shape, .. } => format!("<ndarray {dtype} {shape:?}>"),
        }
    }
    fn py_str(&self) -> String {
        match self {
            crate::Value::Str(s) => s.clone(),
            other => other.py_repr(),
        }
    }
}
