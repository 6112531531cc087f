//! A float32 array handed to a binding as one flat buffer, without value JSON.
//!
//! The Node binding wraps the `Vec<f32>` in a `Float32Array` that owns it (napi-rs
//! `Float32Array::new`, no copy); uniffi bindings pack it as little-endian bytes. The
//! tensor crate implements this for `NdArray` straight from the candle buffer.

use crate::err::{PyErr, PyResult};
use crate::value::{NdData, Value};

/// Row-major f32 elements and the shape, from a function's float ndarray result.
pub trait IntoF32Array {
    fn into_f32_array(self) -> PyResult<(Vec<usize>, Vec<f32>)>;
}

impl IntoF32Array for Value {
    /// The `Value::NdArray` form (float dtypes; each element rounded to f32). A 0-d array's
    /// scalar comes back as shape `[]`; anything else is a TypeError.
    fn into_f32_array(self) -> PyResult<(Vec<usize>, Vec<f32>)> {
        match self {
            Value::NdArray { shape, data: NdData::Float(xs), .. } => {
                Ok((shape, xs.into_iter().map(|x| x as f32).collect()))
            }
            Value::Float(x) => Ok((Vec::new(), vec![x as f32])),
            other => Err(PyErr::type_error(format!(
                "expected a float ndarray, got {}",
                other.type_name()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndarray_value_to_f32() {
        let v = Value::NdArray { dtype: "float32".into(), shape: vec![2, 2], data: NdData::Float(vec![1.0, 0.5, -2.0, 0.1]) };
        assert_eq!(v.into_f32_array().unwrap(), (vec![2, 2], vec![1.0f32, 0.5, -2.0, 0.1f32]));
        assert!(Value::Str("x".into()).into_f32_array().is_err());
    }
}
