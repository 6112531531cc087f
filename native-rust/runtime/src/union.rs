//! Tagged variants: the Rust form of a value whose Python type is one of several.
//!
//! `x = 1` followed by `x = "a"`, the items of `[1, "a", 2.5]`, a conditional expression
//! whose branches differ and a `Union[int, str]` parameter all become `U2<i64, String>`
//! (and so on up to twelve members). The compiler orders the members (bool, int, float,
//! str, then the rest by name) and knows each one's index; an operation on a variant is
//! a `match` that runs the operation for the member it holds (see infer's dispatch).
//!
//! Equality compares like variants by value and unlike variants as unequal (Python's
//! `1 == 1.0` across an `int | float` variant is the one known difference).

use crate::repr::PyRepr;
use crate::value::{FromValue, IntoValue, Value};
use crate::{PyErr, PyResult};

macro_rules! union_type {
    ($name:ident, $n:literal; $($v:ident : $t:ident),+) => {
        #[doc = concat!("A value of one of ", $n, " types.")]
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name<$($t),+> {
            $($v($t)),+
        }

        /// The hash of the member held.
        impl<$($t: crate::PyHash),+> crate::PyHash for $name<$($t),+> {
            fn py_hash(&self) -> i64 {
                match self { $(Self::$v(x) => x.py_hash()),+ }
            }
        }

        impl<$($t: PyRepr),+> PyRepr for $name<$($t),+> {
            fn py_repr(&self) -> String {
                match self { $(Self::$v(x) => x.py_repr()),+ }
            }
            fn py_str(&self) -> String {
                match self { $(Self::$v(x) => x.py_str()),+ }
            }
        }

        impl<$($t: IntoValue),+> IntoValue for $name<$($t),+> {
            fn into_value(self) -> Value {
                match self { $(Self::$v(x) => x.into_value()),+ }
            }
        }

        /// The first member (in the compiler's order) that accepts the value; a JSON `1`
        /// is an int before a float, `true` a bool before an int.
        impl<$($t: FromValue),+> FromValue for $name<$($t),+> {
            fn from_value(v: &Value, path: &str) -> PyResult<Self> {
                let mut tried: Vec<String> = Vec::new();
                $(
                    match $t::from_value(v, path) {
                        Ok(x) => return Ok(Self::$v(x)),
                        Err(e) => tried.push(e.msg),
                    }
                )+
                Err(PyErr::type_error(format!(
                    "{path}: {} fits none of the union's types ({})",
                    v.type_name(),
                    tried.join("; ")
                )))
            }
        }

        /// Numeric members compare by value across members (`1 < 2.5`), like members by their own order.
        impl<$($t: Numeric + PartialOrd + crate::cmp::PyOrd),+> PartialOrd for $name<$($t),+> {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                match (self, other) {
                    $((Self::$v(a), Self::$v(b)) => a.partial_cmp(b),)+
                    _ => self.number().partial_cmp(&other.number()),
                }
            }
        }
        /// In a sort, `min` or `max`: like members by their own order; unlike ones as CPython compares them (numbers by
        /// value, `1 < 2.5`; an int and a str not at all, recorded as CPython's TypeError for the caller to raise).
        impl<$($t: crate::cmp::PyOrd + IntoValue + Clone),+> crate::cmp::PyOrd for $name<$($t),+> {
            fn py_cmp(&self, other: &Self) -> std::cmp::Ordering {
                match (self, other) {
                    $((Self::$v(a), Self::$v(b)) => a.py_cmp(b),)+
                    _ => self.clone().into_value().py_cmp(&other.clone().into_value()),
                }
            }
        }
        impl<$($t: Numeric),+> $name<$($t),+> {
            /// The member's value as a float (`sum` of a list of ints and floats).
            pub fn number(&self) -> f64 {
                match self { $(Self::$v(x) => x.as_f64()),+ }
            }
        }

        impl<$($t: crate::value::DictKey),+> crate::value::DictKey for $name<$($t),+> {
            fn to_key(&self) -> String {
                match self { $(Self::$v(x) => x.to_key()),+ }
            }
            fn from_key(key: &str, path: &str) -> PyResult<Self> {
                $(
                    if let Ok(x) = $t::from_key(key, path) { return Ok(Self::$v(x)); }
                )+
                Err(PyErr::type_error(format!("{path}: key {key:?} fits none of the union's types")))
            }
        }
    };
}

/// A number that compares with numbers of other types (`1 < 2.5`): the members of a variant
/// that sorts, such as `int | float`. A variant with a str member does not sort (the compiler
/// rejects that, as Python raises TypeError).
pub trait Numeric: Copy {
    fn as_f64(&self) -> f64;
}
impl Numeric for i64 {
    fn as_f64(&self) -> f64 {
        *self as f64
    }
}
impl Numeric for f64 {
    fn as_f64(&self) -> f64 {
        *self
    }
}
impl Numeric for bool {
    fn as_f64(&self) -> f64 {
        if *self { 1.0 } else { 0.0 }
    }
}

union_type!(U2, "two"; V0: A, V1: B);
union_type!(U3, "three"; V0: A, V1: B, V2: C);
union_type!(U4, "four"; V0: A, V1: B, V2: C, V3: D);
union_type!(U5, "five"; V0: A, V1: B, V2: C, V3: D, V4: E);
union_type!(U6, "six"; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F);
union_type!(U7, "seven"; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G);
union_type!(U8, "eight"; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H);
union_type!(U9, "nine"; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I);
union_type!(U10, "ten"; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I, V9: J);
union_type!(U11, "eleven"; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I, V9: J, V10: K);
union_type!(U12, "twelve"; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I, V9: J, V10: K, V11: L);

/// The error a member of a variant raises where the operation does not apply to it,
/// as CPython raises for `"a" + 1`.
pub fn not_supported(op: &str, member: &str) -> PyErr {
    PyErr::type_error(format!("{op} is not supported for a value of type {member}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_picks_the_first_fitting_member() {
        let v = Value::parse_json("1").unwrap();
        let u: U3<bool, i64, String> = FromValue::from_value(&v, "x").unwrap();
        assert_eq!(u, U3::V1(1));
        let u: U3<bool, i64, String> = FromValue::from_value(&Value::parse_json("true").unwrap(), "x").unwrap();
        assert_eq!(u, U3::V0(true));
        let u: U2<i64, f64> = FromValue::from_value(&Value::parse_json("2.5").unwrap(), "x").unwrap();
        assert_eq!(u, U2::V1(2.5));
        assert_eq!(U2::<i64, String>::V1("a".into()).into_value(), Value::Str("a".into()));
        let err = <U2<i64, String> as FromValue>::from_value(&Value::parse_json("[1]").unwrap(), "argument 'x'").unwrap_err();
        assert!(err.msg.contains("fits none"), "{}", err.msg);
    }

    #[test]
    fn numeric_members_order_by_value() {
        use crate::cmp::PyOrd;
        let mut xs: Vec<U2<i64, f64>> = vec![U2::V1(2.5), U2::V0(3), U2::V0(1), U2::V1(-0.5)];
        xs.sort_by(|a, b| a.py_cmp(b));
        assert_eq!(xs, vec![U2::V1(-0.5), U2::V0(1), U2::V1(2.5), U2::V0(3)]);
        assert!(U2::<i64, f64>::V0(3) > U2::V1(2.5));
    }

    #[test]
    fn repr_and_str_follow_the_member() {
        let xs: Vec<U2<i64, String>> = vec![U2::V0(1), U2::V1("a".into())];
        assert_eq!(xs.py_repr(), "[1, 'a']");
        assert_eq!(U2::<i64, String>::V1("a".into()).py_str(), "a");
    }
}
