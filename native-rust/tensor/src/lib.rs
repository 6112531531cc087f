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
mod einops;
mod image;
mod losses;
mod np_random;
mod npfuncs;
mod ops;
mod sampling;
mod scipy;
mod sklearn;
mod torch_api;
mod torch_index;
pub use complex::*;
pub use einops::*;
pub use image::*;
pub use losses::*;
pub use np_random::*;
pub use npfuncs::*;
pub use ops::*;
pub use sampling::*;
pub use scipy::*;
pub use sklearn::*;
pub use torch_api::*;
pub use torch_index::*;

/// The element type of an array.
///
/// The narrow types (int8 to uint64, float16, bfloat16) are logical tags over a wider candle
/// storage: every integer type is stored as i64 and float16/bfloat16 as f32 (see
/// [`DType::storage`]). [`NdArray::wrap`] normalises a result to its tag (C-style wrap-around
/// for integers, rounding to the narrow float), so every op computes in the wide storage and
/// honours the tag without a kernel of its own. uint64 shares i64's bits: values from 2**63 up
/// are not represented.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    Bool,
    Int64,
    Float32,
    Float64,
    // The narrow dtypes (numpy's and torch's), stored wider; keep them together.
    Int8,
    Int16,
    Int32,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    BFloat16,
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
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float16 => "float16",
            DType::BFloat16 => "bfloat16",
            DType::Complex64 => "complex64",
            DType::Complex128 => "complex128",
        }
    }

    /// torch's name of the dtype (`str(t.dtype)`: `torch.uint8`).
    pub fn torch_name(self) -> &'static str {
        match self {
            DType::Bool => "torch.bool",
            DType::Int64 => "torch.int64",
            DType::Float32 => "torch.float32",
            DType::Float64 => "torch.float64",
            DType::Int8 => "torch.int8",
            DType::Int16 => "torch.int16",
            DType::Int32 => "torch.int32",
            DType::UInt8 => "torch.uint8",
            DType::UInt16 => "torch.uint16",
            DType::UInt32 => "torch.uint32",
            DType::UInt64 => "torch.uint64",
            DType::Float16 => "torch.float16",
            DType::BFloat16 => "torch.bfloat16",
            DType::Complex64 => "torch.complex64",
            DType::Complex128 => "torch.complex128",
        }
    }

    /// torch's scalar-type name in its error messages (`Long`, `Byte`, `Half`).
    pub fn torch_scalar_name(self) -> &'static str {
        match self {
            DType::Bool => "Bool",
            DType::Int64 => "Long",
            DType::Float32 => "Float",
            DType::Float64 => "Double",
            DType::Int8 => "Char",
            DType::Int16 => "Short",
            DType::Int32 => "Int",
            DType::UInt8 => "Byte",
            DType::UInt16 => "UInt16",
            DType::UInt32 => "UInt32",
            DType::UInt64 => "UInt64",
            DType::Float16 => "Half",
            DType::BFloat16 => "BFloat16",
            DType::Complex64 => "ComplexFloat",
            DType::Complex128 => "ComplexDouble",
        }
    }

    /// Parses a numpy or torch dtype name (`"uint8"`, `"half"`, `"long"`).
    pub fn parse(name: &str) -> PyResult<DType> {
        Ok(match name {
            "bool" | "bool_" => DType::Bool,
            "float32" | "single" => DType::Float32,
            "float64" | "float" | "double" => DType::Float64,
            "float16" | "half" => DType::Float16,
            "bfloat16" => DType::BFloat16,
            "int64" | "int" | "long" | "intp" => DType::Int64,
            "int32" | "intc" => DType::Int32,
            "int16" | "short" => DType::Int16,
            "int8" | "byte" => DType::Int8,
            "uint8" | "ubyte" => DType::UInt8,
            "uint16" | "ushort" => DType::UInt16,
            "uint32" | "uintc" => DType::UInt32,
            "uint64" | "ulong" | "uintp" => DType::UInt64,
            "complex64" | "csingle" => DType::Complex64,
            "complex128" | "complex" | "cdouble" => DType::Complex128,
            _ => {
                return Err(PyErr::type_error(format!(
                    "data type '{name}' not understood"
                )))
            }
        })
    }

    /// The candle dtype an array of this dtype is stored in.
    pub fn storage(self) -> CDType {
        match self {
            DType::Bool => CDType::U8,
            DType::Float32 | DType::Float16 | DType::BFloat16 | DType::Complex64 => CDType::F32,
            DType::Float64 | DType::Complex128 => CDType::F64,
            _ => CDType::I64,
        }
    }

    fn candle(self) -> CDType {
        self.storage()
    }

    /// 0 bool, 1 integer, 2 floating: numpy's kind order for promotion.
    fn kind(self) -> u8 {
        match self {
            DType::Bool => 0,
            DType::Float32 | DType::Float64 | DType::Float16 | DType::BFloat16 => 2,
            DType::Complex64 | DType::Complex128 => 3,
            _ => 1,
        }
    }

    pub fn is_float(self) -> bool {
        self.kind() == 2
    }

    pub fn is_int(self) -> bool {
        self.kind() == 1
    }

    pub fn is_unsigned(self) -> bool {
        matches!(
            self,
            DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64
        )
    }

    /// The width in bits (`np.iinfo(d).bits`, `np.finfo(d).bits`); bool is 8.
    pub fn bits(self) -> u32 {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 8,
            DType::Int16 | DType::UInt16 | DType::Float16 | DType::BFloat16 => 16,
            DType::Int32 | DType::UInt32 | DType::Float32 => 32,
            DType::Int64 | DType::UInt64 | DType::Float64 | DType::Complex64 => 64,
            DType::Complex128 => 128,
        }
    }

    /// `a.itemsize`: bytes per element.
    pub fn itemsize(self) -> i64 {
        i64::from(self.bits() / 8)
    }

    /// Whether results must be normalised to the tag (the storage is wider than the type).
    fn is_narrow(self) -> bool {
        matches!(
            self,
            DType::Int8
                | DType::Int16
                | DType::Int32
                | DType::UInt8
                | DType::UInt16
                | DType::UInt32
                | DType::Float16
                | DType::BFloat16
        )
    }

    /// The smallest and largest value of an integer dtype (uint64's max saturates at i64's).
    pub fn int_range(self) -> Option<(i64, i64)> {
        Some(match self {
            DType::Int8 => (i8::MIN.into(), i8::MAX.into()),
            DType::Int16 => (i16::MIN.into(), i16::MAX.into()),
            DType::Int32 => (i32::MIN.into(), i32::MAX.into()),
            DType::Int64 => (i64::MIN, i64::MAX),
            DType::UInt8 => (0, u8::MAX.into()),
            DType::UInt16 => (0, u16::MAX.into()),
            DType::UInt32 => (0, u32::MAX.into()),
            DType::UInt64 => (0, i64::MAX),
            _ => return None,
        })
    }

    /// An i64 wrapped into this integer dtype as a C cast does (`np.uint8(300)` bits are 44).
    pub fn wrap_int(self, x: i64) -> i64 {
        match self {
            DType::Int8 => i64::from(x as i8),
            DType::Int16 => i64::from(x as i16),
            DType::Int32 => i64::from(x as i32),
            DType::UInt8 => i64::from(x as u8),
            DType::UInt16 => i64::from(x as u16),
            DType::UInt32 => i64::from(x as u32),
            _ => x,
        }
    }

    /// A float rounded to this float dtype's precision (float16, bfloat16 and float32).
    pub fn round_float(self, x: f64) -> f64 {
        match self {
            DType::Float16 => f64::from(half::f16::from_f64(x)),
            DType::BFloat16 => f64::from(half::bf16::from_f64(x)),
            DType::Float32 => f64::from(x as f32),
            _ => x,
        }
    }

    /// numpy's OverflowError for a Python int that an integer dtype cannot hold (NEP 50).
    pub fn check_py_int(self, x: i64) -> PyResult<()> {
        if let Some((lo, hi)) = self.int_range() {
            if x < lo || x > hi {
                return Err(PyErr::new(
                    ingot_runtime::ErrKind::OverflowError,
                    format!("Python integer {x} out of bounds for {}", self.name()),
                ));
            }
        }
        Ok(())
    }

    /// The float dtype numpy computes a float function of this dtype in (`np.sqrt` of uint8 is
    /// float16, of int16 float32, of int32 or int64 float64); torch uses its default float.
    pub(crate) fn float_for(self, fl: Flavor) -> DType {
        if self.is_float() {
            return self;
        }
        match fl {
            Flavor::Torch => DType::Float32,
            Flavor::Numpy => match self.bits() {
                8 => DType::Float16,
                16 => DType::Float32,
                _ => DType::Float64,
            },
        }
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
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Int8;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Int16;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Int32;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct UInt8;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct UInt16;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct UInt32;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct UInt64;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Float16;
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct BFloat16;
}

/// Each marker stands for its dtype: `str(np.uint8)`-style printing of `a.dtype` and `np.dtype`.
macro_rules! dtype_markers {
    ($($m:ident => $d:ident),*) => {
        $(
            impl dtype::$m {
                pub const DTYPE: DType = DType::$d;
            }
            impl PyRepr for dtype::$m {
                /// `repr(a.dtype)`: `dtype('uint8')`.
                fn py_repr(&self) -> String {
                    format!("dtype('{}')", DType::$d.name())
                }
                /// `str(a.dtype)`: `uint8`.
                fn py_str(&self) -> String {
                    DType::$d.name().to_string()
                }
            }
        )*
    };
}
dtype_markers!(Float32 => Float32, Float64 => Float64, Int64 => Int64, Bool => Bool, Int8 => Int8,
    Int16 => Int16, Int32 => Int32, UInt8 => UInt8, UInt16 => UInt16, UInt32 => UInt32,
    UInt64 => UInt64, Float16 => Float16, BFloat16 => BFloat16);

/// A numpy dtype known only at run time (`a.dtype` of an array whose dtype is not static).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NpDType(pub DType);

impl NpDType {
    /// `dtype.itemsize`.
    pub fn itemsize(&self) -> i64 {
        self.0.itemsize()
    }

    /// `dtype.name`.
    pub fn name(&self) -> String {
        self.0.name().to_string()
    }

    /// `dtype.kind`: `b`, `i`, `u` or `f`.
    pub fn kind(&self) -> String {
        match self.0 {
            DType::Bool => "b",
            d if d.is_float() => "f",
            d if d.is_unsigned() => "u",
            _ => "i",
        }
        .to_string()
    }
}

impl PyRepr for NpDType {
    fn py_repr(&self) -> String {
        format!("dtype('{}')", self.0.name())
    }
    fn py_str(&self) -> String {
        self.0.name().to_string()
    }
}

impl PyRepr for DType {
    /// A torch dtype value prints as torch names it (`torch.uint8`).
    fn py_repr(&self) -> String {
        self.torch_name().to_string()
    }
}

/// `np.iinfo(d)` / `torch.iinfo(d)`: the range of an integer dtype.
pub fn iinfo(d: DType) -> PyResult<(i64, i64, i64)> {
    match d.int_range() {
        Some((lo, hi)) => Ok((lo, hi, i64::from(d.bits()))),
        None => Err(PyErr::value_error(format!(
            "Invalid integer data type '{}'.",
            d.name()
        ))),
    }
}

/// `np.finfo(d)` fields of a float dtype: (eps, max, min, tiny, resolution, bits), each float
/// exact in the dtype.
pub fn finfo(d: DType) -> PyResult<[f64; 6]> {
    let (mant, emax, emin, res): (i32, f64, i32, f64) = match d {
        DType::Float16 => (10, 65504.0, -14, 1e-3),
        DType::BFloat16 => (7, f64::from(half::bf16::MAX), -126, 1e-2),
        DType::Float32 => (23, f64::from(f32::MAX), -126, 1e-6),
        DType::Float64 => (52, f64::MAX, -1022, 1e-15),
        _ => {
            return Err(PyErr::value_error(format!(
                "data type {} not inexact",
                d.name()
            )))
        }
    };
    Ok([
        2f64.powi(-mant),
        emax,
        -emax,
        2f64.powi(emin),
        res,
        f64::from(d.bits()),
    ])
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

    /// Tags a candle tensor; a narrow dtype's values are normalised to it (integers wrap as a C
    /// cast does, floats round to float16/bfloat16), which is how every op honours the tag.
    pub(crate) fn wrap(t: Tensor, dtype: DType) -> NdArray {
        if !dtype.is_narrow() {
            return NdArray { t, dtype };
        }
        let t = match normalise(&t, dtype) {
            Ok(n) => n,
            // Only a candle bug reaches this; keep the unnormalised values rather than panic.
            Err(_) => t,
        };
        NdArray { t, dtype }
    }

    pub fn from_f64(data: Vec<f64>, shape: &[usize], dtype: DType) -> PyResult<NdArray> {
        check_len(data.len(), shape)?;
        match dtype {
            DType::Float64 => Ok(Self::wrap(
                Tensor::from_vec(data, shape, &Device::Cpu).map_err(ce)?,
                dtype,
            )),
            DType::Float32 | DType::Float16 | DType::BFloat16 => {
                let v: Vec<f32> = data.into_iter().map(|x| x as f32).collect();
                Ok(Self::wrap(
                    Tensor::from_vec(v, shape, &Device::Cpu).map_err(ce)?,
                    dtype,
                ))
            }
            DType::Bool => Self::from_bool(data.into_iter().map(|x| x != 0.0).collect(), shape),
            DType::Complex64 | DType::Complex128 => {
                let im = vec![0.0; data.len()];
                complex::from_vecs(data, im, shape, dtype)
            }
            _ => Ok(Self::wrap(
                Tensor::from_vec(
                    data.into_iter()
                        .map(|x| float_to_int(x, dtype))
                        .collect::<Vec<i64>>(),
                    shape,
                    &Device::Cpu,
                )
                .map_err(ce)?,
                dtype,
            )),
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

    /// `a.dtype` as a numpy dtype value.
    pub fn np_dtype(&self) -> NpDType {
        NpDType(self.dtype)
    }

    /// `a.itemsize`: bytes per element of the dtype.
    pub fn itemsize(&self) -> i64 {
        self.dtype.itemsize()
    }

    /// `a.nbytes`: bytes of the elements.
    pub fn nbytes(&self) -> i64 {
        self.dtype.itemsize() * self.size() as i64
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
            DType::Float32 | DType::Float16 | DType::BFloat16 => Flat::F(
                t.to_vec1::<f32>()
                    .map_err(ce)?
                    .into_iter()
                    .map(f64::from)
                    .collect(),
            ),
            DType::Float64 => Flat::F(t.to_vec1::<f64>().map_err(ce)?),
            DType::Bool => Flat::B(
                t.to_vec1::<u8>()
                    .map_err(ce)?
                    .into_iter()
                    .map(|b| b != 0)
                    .collect(),
            ),
            DType::Complex64 | DType::Complex128 => unreachable!("complex arrays returned above"),
            _ => Flat::I(t.to_vec1::<i64>().map_err(ce)?),
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
            (from, to) if from.is_float() && to.is_int() => {
                // numpy truncates toward zero; NaN and out-of-range values are undefined there
                // (`float_to_int` gives what numpy gives on x86).
                let v: Vec<i64> = self
                    .to_f64_vec()?
                    .into_iter()
                    .map(|x| float_to_int(x, to))
                    .collect();
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

/// A candle tensor's values normalised to a narrow dtype, in that dtype's storage.
fn normalise(t: &Tensor, dtype: DType) -> candle_core::Result<Tensor> {
    match dtype {
        DType::Float16 => t.to_dtype(CDType::F16)?.to_dtype(CDType::F32),
        DType::BFloat16 => t.to_dtype(CDType::BF16)?.to_dtype(CDType::F32),
        _ => {
            let wide = t.to_dtype(CDType::I64)?;
            let v: Vec<i64> = wide
                .flatten_all()?
                .to_vec1::<i64>()?
                .into_iter()
                .map(|x| dtype.wrap_int(x))
                .collect();
            Tensor::from_vec(v, t.dims(), &Device::Cpu)
        }
    }
}

/// A float cast to an integer dtype as numpy does on x86: truncation toward zero; a value out of
/// range (or NaN) becomes the hardware's "integer indefinite", i32's minimum for the types up to
/// 32 bits (then wrapped) and i64's minimum above.
fn float_to_int(x: f64, dtype: DType) -> i64 {
    match dtype {
        DType::Int8 | DType::Int16 | DType::Int32 | DType::UInt8 | DType::UInt16 => {
            let t = x.trunc();
            let i = if t.is_nan() || t < f64::from(i32::MIN) || t > f64::from(i32::MAX) {
                i64::from(i32::MIN)
            } else {
                t as i64
            };
            dtype.wrap_int(i)
        }
        _ => dtype.wrap_int(f64_to_i64(x)),
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
        if !self.dtype.is_float() {
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
                    Flat::F(v) if self.dtype != DType::Float64 => {
                        let y = shortest(v[0], self.dtype);
                        // numpy prints a float16 positionally only from 1e-4 up to 1e3.
                        let sci = matches!(self.dtype, DType::Float16 | DType::BFloat16)
                            && y != 0.0
                            && y.is_finite()
                            && !(1e-4..1e3).contains(&y.abs());
                        if sci {
                            let e = format!("{y:e}");
                            let (m, x) = e.split_once('e').unwrap_or((&e, "0"));
                            let x: i32 = x.parse().unwrap_or(0);
                            format!("{m}e{}{:02}", if x < 0 { '-' } else { '+' }, x.abs())
                        } else {
                            ingot_runtime::float::repr(y)
                        }
                    }
                    Flat::F(v) => ingot_runtime::float::repr(v[0]),
                };
            }
        }
        self.py_repr()
    }
}

/// The decimal with the fewest significant digits that rounds back to `x` in `dtype` (numpy's
/// `repr` of a float32 or float16 scalar: `np.float16(0.1)` prints 0.1, not 0.0999755859375).
fn shortest(x: f64, dtype: DType) -> f64 {
    if !x.is_finite() {
        return x;
    }
    for digits in 1..17 {
        let s = format!("{:.*e}", digits - 1, x);
        if let Ok(y) = s.parse::<f64>() {
            if dtype.round_float(y) == x {
                return y;
            }
        }
    }
    x
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
