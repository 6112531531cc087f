//! ingot-tensor: numpy `ndarray` and `torch.Tensor` semantics for Ingot-generated crates, on
//! candle (CPU). Generated code does `use ingot_tensor as nd;` and calls the functions here
//! through the op registry's templates (`packages/compiler/src/registry/ops/numpy.ts` and
//! `torch.ts`).
//!
//! [`NdArray`] is a cheap-to-clone handle (candle's `Tensor` is reference counted) plus a
//! dtype tag: float32, float64, int64 or bool. candle has no bool dtype, so bool arrays are
//! stored as `u8` (0/1) and tagged.
//!
//! Arithmetic follows numpy's broadcasting and type promotion (NEP 50: Python scalars are
//! "weak", so `float32_array * 2.0` stays float32 and `int64_array + 1.5` is float64);
//! torch-flavoured calls use [`Flavor::Torch`], whose default float dtype is float32.
//! Errors are `PyErr`s with numpy's exception classes and messages; nothing here panics on
//! user input (candle's integer unary kernels, which would, are never reached).

use candle_core::{op::CmpOp, DType as CDType, Device, Tensor};
use ingot_runtime::{FromValue, IntoValue, NdData, PyErr, PyRepr, PyResult, Value};

mod complex;
mod image;
mod npfuncs;
mod ops;
mod sampling;
mod torch_api;
pub use complex::*;
pub use image::*;
pub use npfuncs::*;
pub use ops::*;
pub use sampling::*;
pub use torch_api::*;

/// The element type of an array.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    Bool,
    Int64,
    Float32,
    Float64,
    // Complex arrays (complex.rs) keep their two parts interleaved in a float tensor of one more
    // trailing axis of length 2: float32 parts for complex64, float64 parts for complex128.
    Complex64,
    Complex128,
}

impl DType {
    /// The name numpy prints (`str(a.dtype)`).
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int64 => "int64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Complex64 => "complex64",
            DType::Complex128 => "complex128",
        }
    }

    /// Parses a numpy dtype name. Narrower numpy types map to the nearest supported one
    /// (`int32` and `uint8` to int64, `float16` to float32).
    pub fn parse(name: &str) -> PyResult<DType> {
        Ok(match name {
            "bool" | "bool_" => DType::Bool,
            "float32" | "float16" | "bfloat16" | "half" | "single" => DType::Float32,
            "float64" | "float" | "double" => DType::Float64,
            "complex64" | "csingle" => DType::Complex64,
            "complex128" | "complex" | "cdouble" => DType::Complex128,
            n if n.starts_with("int") || n.starts_with("uint") || n == "long" => DType::Int64,
            _ => {
                return Err(PyErr::type_error(format!(
                    "data type '{name}' not understood"
                )))
            }
        })
    }

    fn candle(self) -> CDType {
        match self {
            DType::Bool => CDType::U8,
            DType::Int64 => CDType::I64,
            DType::Float32 => CDType::F32,
            DType::Float64 | DType::Complex128 => CDType::F64,
            DType::Complex64 => CDType::F32,
        }
    }

    /// 0 bool, 1 integer, 2 floating: numpy's kind order for promotion.
    fn kind(self) -> u8 {
        match self {
            DType::Bool => 0,
            DType::Int64 => 1,
            DType::Float32 | DType::Float64 => 2,
            DType::Complex64 | DType::Complex128 => 3,
        }
    }

    pub fn is_float(self) -> bool {
        self.kind() == 2
    }

    pub fn is_complex(self) -> bool {
        self.kind() == 3
    }
}

/// `np.float32` and friends used as values (`a.astype(np.float32)`).
pub mod dtype {
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Float32;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Float64;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Int64;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Bool;
}

/// Which library's rules a call follows where numpy and torch differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Numpy,
    Torch,
}

impl Flavor {
    fn default_float(self) -> DType {
        match self {
            Flavor::Numpy => DType::Float64,
            Flavor::Torch => DType::Float32,
        }
    }
}

/// An n-dimensional array: a candle tensor on the CPU plus its dtype tag.
#[derive(Clone)]
pub struct NdArray {
    t: Tensor,
    dtype: DType,
}

/// Converts a candle error. candle errors are reached only through bugs here (user input
/// is validated first), so they surface as RuntimeError rather than a panic.
pub(crate) fn ce(e: candle_core::Error) -> PyErr {
    PyErr::runtime_error(format!("tensor error: {e}"))
}

pub(crate) fn shape_str(dims: &[usize]) -> String {
    match dims.len() {
        1 => format!("({},)", dims[0]),
        _ => format!(
            "({})",
            dims.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// Flat, row-major elements in one of the three storage kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum Flat {
    F(Vec<f64>),
    I(Vec<i64>),
    B(Vec<bool>),
}

impl NdArray {
    // ---- Construction -------------------------------------------------------------------

    pub(crate) fn wrap(t: Tensor, dtype: DType) -> NdArray {
        NdArray { t, dtype }
    }

    pub fn from_f64(data: Vec<f64>, shape: &[usize], dtype: DType) -> PyResult<NdArray> {
        check_len(data.len(), shape)?;
        match dtype {
            DType::Float64 => Ok(Self::wrap(
                Tensor::from_vec(data, shape, &Device::Cpu).map_err(ce)?,
                dtype,
            )),
            DType::Float32 => {
                let v: Vec<f32> = data.into_iter().map(|x| x as f32).collect();
                Ok(Self::wrap(
                    Tensor::from_vec(v, shape, &Device::Cpu).map_err(ce)?,
                    dtype,
                ))
            }
            DType::Int64 => Self::from_i64(data.into_iter().map(f64_to_i64).collect(), shape),
            DType::Bool => Self::from_bool(data.into_iter().map(|x| x != 0.0).collect(), shape),
            DType::Complex64 | DType::Complex128 => {
                let im = vec![0.0; data.len()];
                complex::from_vecs(data, im, shape, dtype)
            }
        }
    }

    pub fn from_f32(data: Vec<f32>, shape: &[usize]) -> PyResult<NdArray> {
        check_len(data.len(), shape)?;
        Ok(Self::wrap(
            Tensor::from_vec(data, shape, &Device::Cpu).map_err(ce)?,
            DType::Float32,
        ))
    }

    pub fn from_i64(data: Vec<i64>, shape: &[usize]) -> PyResult<NdArray> {
        check_len(data.len(), shape)?;
        Ok(Self::wrap(
            Tensor::from_vec(data, shape, &Device::Cpu).map_err(ce)?,
            DType::Int64,
        ))
    }

    pub fn from_bool(data: Vec<bool>, shape: &[usize]) -> PyResult<NdArray> {
        check_len(data.len(), shape)?;
        let v: Vec<u8> = data.into_iter().map(u8::from).collect();
        Ok(Self::wrap(
            Tensor::from_vec(v, shape, &Device::Cpu).map_err(ce)?,
            DType::Bool,
        ))
    }

    pub fn from_flat(data: Flat, shape: &[usize], dtype: DType) -> PyResult<NdArray> {
        let a = match data {
            Flat::F(v) => Self::from_f64(
                v,
                shape,
                if dtype.is_float() {
                    dtype
                } else {
                    DType::Float64
                },
            )?,
            Flat::I(v) => Self::from_i64(v, shape)?,
            Flat::B(v) => Self::from_bool(v, shape)?,
        };
        a.astype(dtype)
    }

    /// Wraps a candle tensor (any float or integer dtype; u8 is read as bool).
    pub fn from_tensor(t: Tensor) -> PyResult<NdArray> {
        let t = t.to_device(&Device::Cpu).map_err(ce)?;
        let dtype = match t.dtype() {
            CDType::U8 => DType::Bool,
            CDType::F32 => DType::Float32,
            CDType::F64 => DType::Float64,
            CDType::I64 => DType::Int64,
            CDType::F16 | CDType::BF16 => {
                return Ok(Self::wrap(
                    t.to_dtype(CDType::F32).map_err(ce)?,
                    DType::Float32,
                ))
            }
            _ => {
                return Ok(Self::wrap(
                    t.to_dtype(CDType::I64).map_err(ce)?,
                    DType::Int64,
                ))
            }
        };
        Ok(Self::wrap(t, dtype))
    }

    /// A 0-d array holding one value.
    pub fn scalar_f64(x: f64, dtype: DType) -> NdArray {
        Self::from_f64(vec![x], &[], dtype).expect("one element fits a 0-d shape")
    }

    // ---- Accessors ----------------------------------------------------------------------

    pub fn tensor(&self) -> &Tensor {
        &self.t
    }

    pub fn into_tensor(self) -> Tensor {
        self.t
    }

    pub fn dtype(&self) -> DType {
        self.dtype
    }

    pub fn dims(&self) -> &[usize] {
        let d = self.t.dims();
        // A complex array's storage has one more trailing axis: its two parts.
        if self.dtype.is_complex() {
            &d[..d.len() - 1]
        } else {
            d
        }
    }

    pub fn shape(&self) -> Vec<usize> {
        self.dims().to_vec()
    }

    /// `a.shape` as Python ints.
    pub fn shape_i64(&self) -> Vec<i64> {
        self.dims().iter().map(|&d| d as i64).collect()
    }

    pub fn ndim(&self) -> usize {
        self.dims().len()
    }

    /// The number of elements (`a.size`, `t.numel()`).
    pub fn size(&self) -> usize {
        self.dims().iter().product()
    }

    /// `len(a)`: the length of the first axis; TypeError for a 0-d array.
    pub fn len(&self) -> PyResult<i64> {
        match self.dims().first() {
            Some(&n) => Ok(n as i64),
            None => Err(PyErr::type_error("len() of unsized object")),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.size() == 0
    }

    /// The elements, row-major, in their storage kind.
    pub fn flat(&self) -> PyResult<Flat> {
        if self.dtype.is_complex() {
            return Err(complex::unsupported("this operation"));
        }
        let t = self.t.flatten_all().map_err(ce)?;
        Ok(match self.dtype {
            DType::Float32 => Flat::F(
                t.to_vec1::<f32>()
                    .map_err(ce)?
                    .into_iter()
                    .map(f64::from)
                    .collect(),
            ),
            DType::Float64 => Flat::F(t.to_vec1::<f64>().map_err(ce)?),
            DType::Int64 => Flat::I(t.to_vec1::<i64>().map_err(ce)?),
            DType::Bool => Flat::B(
                t.to_vec1::<u8>()
                    .map_err(ce)?
                    .into_iter()
                    .map(|b| b != 0)
                    .collect(),
            ),
            DType::Complex64 | DType::Complex128 => unreachable!("complex arrays returned above"),
        })
    }

    /// The elements as f64, row-major.
    pub fn to_f64_vec(&self) -> PyResult<Vec<f64>> {
        Ok(match self.flat()? {
            Flat::F(v) => v,
            Flat::I(v) => v.into_iter().map(|x| x as f64).collect(),
            Flat::B(v) => v.into_iter().map(|x| if x { 1.0 } else { 0.0 }).collect(),
        })
    }

    /// The elements as f32, row-major (what bindings hand out as Float32Array).
    pub fn to_f32_vec(&self) -> PyResult<Vec<f32>> {
        if self.dtype == DType::Float32 {
            return self
                .t
                .flatten_all()
                .map_err(ce)?
                .to_vec1::<f32>()
                .map_err(ce);
        }
        Ok(self.to_f64_vec()?.into_iter().map(|x| x as f32).collect())
    }

    /// The elements as i64, row-major (floats truncate).
    pub fn to_i64_vec(&self) -> PyResult<Vec<i64>> {
        Ok(match self.flat()? {
            Flat::F(v) => v.into_iter().map(f64_to_i64).collect(),
            Flat::I(v) => v,
            Flat::B(v) => v.into_iter().map(i64::from).collect(),
        })
    }

    /// `a.item()` as a float; ValueError unless the array has exactly one element.
    pub fn item_f64(&self) -> PyResult<f64> {
        self.one()?;
        Ok(self.to_f64_vec()?[0])
    }

    /// `a.item()` as an int (floats truncate, as `int(a)` does).
    pub fn item_i64(&self) -> PyResult<i64> {
        self.one()?;
        match self.flat()? {
            Flat::F(v) => ingot_runtime::float::to_int(v[0]),
            Flat::I(v) => Ok(v[0]),
            Flat::B(v) => Ok(i64::from(v[0])),
        }
    }

    /// `a.item()` as a bool (truthiness of the one element).
    pub fn item_bool(&self) -> PyResult<bool> {
        self.one()?;
        Ok(self.to_f64_vec()?[0] != 0.0)
    }

    /// `float(a)`: only 0-d arrays convert (numpy 2's TypeError otherwise).
    pub fn to_float(&self) -> PyResult<f64> {
        self.zero_d()?;
        self.item_f64()
    }

    /// `int(a)`: only 0-d arrays convert; floats truncate.
    pub fn to_int(&self) -> PyResult<i64> {
        self.zero_d()?;
        self.item_i64()
    }

    fn zero_d(&self) -> PyResult<()> {
        if self.ndim() != 0 {
            return Err(PyErr::type_error(
                "only 0-dimensional arrays can be converted to Python scalars",
            ));
        }
        Ok(())
    }

    fn one(&self) -> PyResult<()> {
        if self.size() != 1 {
            return Err(PyErr::value_error(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        Ok(())
    }

    /// `bool(a)`: numpy's truth value; ValueError when the array has more than one element.
    pub fn truth(&self) -> PyResult<bool> {
        match self.size() {
            1 => self.item_bool(),
            0 => Err(PyErr::value_error("The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.")),
            _ => Err(PyErr::value_error("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")),
        }
    }

    /// `a.tolist()` into a nested Rust type (`Vec<Vec<f64>>`); the rank must match.
    pub fn tolist<T: Nested>(&self) -> PyResult<T> {
        if T::RANK != self.ndim() {
            return Err(PyErr::type_error(format!(
                "expected a {}-d array, got a {}-d array",
                T::RANK,
                self.ndim()
            )));
        }
        let flat = self.flat()?;
        let mut at = 0;
        T::build(&flat, self.dims(), &mut at)
    }

    /// `a.tolist()` when the dtype or rank is known only at run time: nested lists of Python
    /// scalars as a dynamic value (a 0-d array gives the scalar, as numpy does).
    pub fn tolist_value(&self) -> PyResult<Value> {
        fn build(flat: &Flat, dims: &[usize], at: &mut usize) -> Value {
            if dims.is_empty() {
                let v = match flat {
                    Flat::F(v) => Value::Float(v[*at]),
                    Flat::I(v) => Value::Int(v[*at]),
                    Flat::B(v) => Value::Bool(v[*at]),
                };
                *at += 1;
                return v;
            }
            Value::List((0..dims[0]).map(|_| build(flat, &dims[1..], at)).collect())
        }
        let flat = self.flat()?;
        let mut at = 0;
        Ok(build(&flat, self.dims(), &mut at))
    }

    /// Iterating an array yields its sub-arrays along the first axis (`for row in a`).
    pub fn iter_rows(&self) -> PyResult<Vec<NdArray>> {
        let n = self
            .len()
            .map_err(|_| PyErr::type_error("iteration over a 0-d array"))? as usize;
        (0..n)
            .map(|i| Ok(Self::wrap(self.t.get(i).map_err(ce)?, self.dtype)))
            .collect()
    }

    /// A contiguous copy with the given dtype (`astype`).
    pub fn astype(&self, dtype: DType) -> PyResult<NdArray> {
        if dtype == self.dtype {
            return Ok(self.clone());
        }
        if dtype.is_complex() || self.dtype.is_complex() {
            return complex::astype(self, dtype);
        }
        let t = match (self.dtype, dtype) {
            // Nonzero is true; candle's u8 cast would wrap instead.
            (_, DType::Bool) => self
                .t
                .cmp(&0.0f64.to_scalar_like(&self.t)?, CmpOp::Ne)
                .map_err(ce)?,
            (DType::Float32 | DType::Float64, DType::Int64) => {
                // numpy truncates toward zero; NaN and out-of-range values are undefined there.
                let v: Vec<i64> = self.to_f64_vec()?.into_iter().map(f64_to_i64).collect();
                Tensor::from_vec(v, self.dims(), &Device::Cpu).map_err(ce)?
            }
            _ => self.t.to_dtype(dtype.candle()).map_err(ce)?,
        };
        Ok(Self::wrap(t, dtype))
    }
}

trait ScalarLike {
    fn to_scalar_like(self, t: &Tensor) -> PyResult<Tensor>;
}
impl ScalarLike for f64 {
    fn to_scalar_like(self, t: &Tensor) -> PyResult<Tensor> {
        Tensor::new(self, &Device::Cpu)
            .and_then(|s| s.to_dtype(t.dtype()))
            .and_then(|s| s.broadcast_as(t.dims()))
            .map_err(ce)
    }
}

fn f64_to_i64(x: f64) -> i64 {
    if x.is_nan() {
        i64::MIN
    } else {
        x.trunc() as i64
    }
}

fn check_len(n: usize, shape: &[usize]) -> PyResult<()> {
    let want = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    if want != Some(n) {
        return Err(PyErr::value_error(format!(
            "cannot reshape array of size {n} into shape {}",
            shape_str(shape)
        )));
    }
    Ok(())
}

/// Rust types that `tolist()` produces: f64, i64, bool and nested `Vec`s of them.
pub trait Nested: Sized {
    const RANK: usize;
    fn build(flat: &Flat, dims: &[usize], at: &mut usize) -> PyResult<Self>;
}

impl Nested for f64 {
    const RANK: usize = 0;
    fn build(flat: &Flat, _dims: &[usize], at: &mut usize) -> PyResult<Self> {
        let i = *at;
        *at += 1;
        Ok(match flat {
            Flat::F(v) => v[i],
            Flat::I(v) => v[i] as f64,
            Flat::B(v) => f64::from(u8::from(v[i])),
        })
    }
}
impl Nested for i64 {
    const RANK: usize = 0;
    fn build(flat: &Flat, _dims: &[usize], at: &mut usize) -> PyResult<Self> {
        let i = *at;
        *at += 1;
        Ok(match flat {
            Flat::F(v) => f64_to_i64(v[i]),
            Flat::I(v) => v[i],
            Flat::B(v) => i64::from(v[i]),
        })
    }
}
impl Nested for bool {
    const RANK: usize = 0;
    fn build(flat: &Flat, _dims: &[usize], at: &mut usize) -> PyResult<Self> {
        let i = *at;
        *at += 1;
        Ok(match flat {
            Flat::F(v) => v[i] != 0.0,
            Flat::I(v) => v[i] != 0,
            Flat::B(v) => v[i],
        })
    }
}
impl<T: Nested> Nested for Vec<T> {
    const RANK: usize = T::RANK + 1;
    fn build(flat: &Flat, dims: &[usize], at: &mut usize) -> PyResult<Self> {
        (0..dims[0])
            .map(|_| T::build(flat, &dims[1..], at))
            .collect()
    }
}

// ---- Value JSON ---------------------------------------------------------------------------

impl IntoValue for NdArray {
    /// `{"ndarray": {...}}`; a 0-d array becomes a scalar, as numpy hands out numpy scalars
    /// (`np.sum(a)`, `a[0, 1]`) that encode as plain numbers.
    fn into_value(self) -> Value {
        let shape = self.shape();
        let flat = match self.flat() {
            Ok(f) => f,
            Err(e) => return Value::Str(e.to_string()),
        };
        if shape.is_empty() {
            return match flat {
                Flat::F(v) => Value::Float(v[0]),
                Flat::I(v) => Value::Int(v[0]),
                Flat::B(v) => Value::Bool(v[0]),
            };
        }
        let data = match flat {
            Flat::F(v) => NdData::Float(v),
            Flat::I(v) => NdData::Int(v),
            Flat::B(v) => NdData::Bool(v),
        };
        Value::NdArray {
            dtype: self.dtype.name().to_string(),
            shape,
            data,
        }
    }
}

impl ingot_runtime::IntoF32Array for NdArray {
    /// The f32 elements straight from the candle buffer (a float32 array is not widened to
    /// f64 on the way), for bindings that hand out a Float32Array or packed bytes.
    fn into_f32_array(self) -> PyResult<(Vec<usize>, Vec<f32>)> {
        if !matches!(self.dtype, DType::Float32 | DType::Float64) {
            return Err(PyErr::type_error(format!(
                "expected a float ndarray, got dtype {}",
                self.dtype.name()
            )));
        }
        Ok((self.shape(), self.to_f32_vec()?))
    }
}

impl FromValue for NdArray {
    /// Accepts the tagged ndarray object, a nested list of numbers (float64, int64 or bool,
    /// as `np.array` infers), or a scalar (a 0-d array).
    fn from_value(v: &Value, path: &str) -> PyResult<Self> {
        match v {
            Value::NdArray { dtype, shape, data } => {
                let dt = DType::parse(dtype)
                    .map_err(|e| PyErr::type_error(format!("{path}: {}", e.msg)))?;
                let flat = match data {
                    NdData::Float(x) => Flat::F(x.clone()),
                    NdData::Int(x) => Flat::I(x.clone()),
                    NdData::Bool(x) => Flat::B(x.clone()),
                };
                NdArray::from_flat(flat, shape, dt)
            }
            Value::List(_) | Value::Float(_) | Value::Int(_) | Value::Bool(_) => {
                from_nested_value(v)
            }
            _ => Err(PyErr::type_error(format!(
                "{path}: expected ndarray, got {}",
                v.type_name()
            ))),
        }
    }
}

fn from_nested_value(v: &Value) -> PyResult<NdArray> {
    let mut shape = Vec::new();
    let mut cur = v;
    while let Value::List(items) = cur {
        shape.push(items.len());
        match items.first() {
            Some(x) => cur = x,
            None => break,
        }
    }
    let mut leaves = Vec::new();
    collect_leaves(v, &shape, 0, &mut leaves)?;
    let (mut any_float, mut any_int) = (false, false);
    for l in &leaves {
        match l {
            Value::Float(_) => any_float = true,
            Value::Int(_) => any_int = true,
            Value::Bool(_) => {}
            other => {
                return Err(PyErr::type_error(format!(
                    "expected a number in an array, got {}",
                    other.type_name()
                )))
            }
        }
    }
    let num = |l: &Value| match l {
        Value::Float(f) => *f,
        Value::Int(i) => *i as f64,
        Value::Bool(b) => f64::from(u8::from(*b)),
        _ => 0.0,
    };
    if any_float || (leaves.is_empty() && !shape.is_empty()) {
        NdArray::from_f64(
            leaves.iter().map(|l| num(l)).collect(),
            &shape,
            DType::Float64,
        )
    } else if any_int {
        NdArray::from_i64(
            leaves
                .iter()
                .map(|l| {
                    if let Value::Int(i) = l {
                        *i
                    } else {
                        num(l) as i64
                    }
                })
                .collect(),
            &shape,
        )
    } else {
        NdArray::from_bool(
            leaves
                .iter()
                .map(|l| matches!(l, Value::Bool(true)))
                .collect(),
            &shape,
        )
    }
}

fn collect_leaves<'a>(
    v: &'a Value,
    shape: &[usize],
    depth: usize,
    out: &mut Vec<&'a Value>,
) -> PyResult<()> {
    let ragged = || {
        PyErr::value_error(format!("setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions."))
    };
    match v {
        Value::List(items) => {
            if depth >= shape.len() || items.len() != shape[depth] {
                return Err(ragged());
            }
            for x in items {
                collect_leaves(x, shape, depth + 1, out)?;
            }
            Ok(())
        }
        _ if depth == shape.len() => {
            out.push(v);
            Ok(())
        }
        _ => Err(ragged()),
    }
}

impl std::fmt::Debug for NdArray {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "NdArray({}, {:?}, {:?})",
            self.dtype.name(),
            self.dims(),
            self.flat().ok()
        )
    }
}

impl PartialEq for NdArray {
    /// Same dtype, shape and elements (Rust equality for tests; Python's `==` is elementwise).
    fn eq(&self, other: &Self) -> bool {
        self.dtype == other.dtype
            && self.dims() == other.dims()
            && self.flat().ok() == other.flat().ok()
    }
}

impl PyRepr for NdArray {
    /// A 0-d array stands for a numpy scalar (an element read from an array whose rank is not
    /// static) and prints as numpy 2 prints one (`np.float64(0.5)`). Otherwise numpy's
    /// `repr` layout is not reproduced; this prints the nested list, which matches numpy only
    /// for simple cases. Prefer `.tolist()` in output strings.
    fn py_repr(&self) -> String {
        if self.ndim() == 0 {
            let s = self.py_str();
            return match self.dtype {
                DType::Bool => format!("np.{s}_"),
                d => format!("np.{}({s})", d.name()),
            };
        }
        let v = self.clone().into_value();
        v.to_json()
    }

    /// `str()` of a numpy scalar: Python's spelling of the value, float32 with the fewest
    /// digits that give the float32 back (`str(np.float32(0.1))` is `0.1`).
    fn py_str(&self) -> String {
        if self.ndim() == 0 {
            if let Ok(f) = self.flat() {
                return match f {
                    Flat::B(v) => if v[0] { "True" } else { "False" }.to_string(),
                    Flat::I(v) => v[0].to_string(),
                    Flat::F(v) if self.dtype == DType::Float32 => {
                        let short: f64 = format!("{}", v[0] as f32).parse().unwrap_or(v[0]);
                        ingot_runtime::float::repr(short)
                    }
                    Flat::F(v) => ingot_runtime::float::repr(v[0]),
                };
            }
        }
        self.py_repr()
    }
}

impl NdArray {
    /// `format(x, spec)` / `f"{x:spec}"`: a numpy scalar formats as the Python number it
    /// converts to (numpy's `__format__`); an array takes only an empty spec.
    pub fn format_spec(&self, spec: &str) -> PyResult<String> {
        if self.ndim() != 0 {
            if spec.is_empty() {
                return Ok(self.py_str());
            }
            return Err(PyErr::type_error(
                "unsupported format string passed to numpy.ndarray.__format__",
            ));
        }
        match self.flat()? {
            Flat::B(v) => ingot_runtime::format::format_bool(v[0], spec),
            Flat::I(v) => ingot_runtime::format::format_int(v[0], spec),
            Flat::F(v) => ingot_runtime::format::format_float(v[0], spec),
        }
    }
}
