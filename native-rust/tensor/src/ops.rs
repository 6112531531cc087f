//! The operations behind the registry's numpy and torch entries. Each is one call from
//! generated code; the work happens in candle kernels, except where candle has no kernel
//! with numpy's semantics (floor division, modulo and powers with Python's rules, stable
//! argsort, int reductions), which loop over the flat data here.

use crate::{ce, shape_str, DType, Flat, Flavor, NdArray};
use candle_core::{op::CmpOp, Device, Tensor};
use ingot_runtime::{PyErr, PyResult};

// ---- Operands and promotion -----------------------------------------------------------------

/// An argument of an elementwise op: an array, or a Python scalar (numpy's "weak" scalar,
/// which takes the array's dtype when its kind fits).
#[derive(Clone, Debug)]
pub enum Operand {
    Arr(NdArray),
    Float(f64),
    Int(i64),
    Bool(bool),
}

impl From<NdArray> for Operand {
    fn from(a: NdArray) -> Self {
        Operand::Arr(a)
    }
}
impl From<&NdArray> for Operand {
    fn from(a: &NdArray) -> Self {
        Operand::Arr(a.clone())
    }
}
impl From<f64> for Operand {
    fn from(x: f64) -> Self {
        Operand::Float(x)
    }
}
impl From<i64> for Operand {
    fn from(x: i64) -> Self {
        Operand::Int(x)
    }
}
impl From<bool> for Operand {
    fn from(x: bool) -> Self {
        Operand::Bool(x)
    }
}

impl Operand {
    fn array_dtype(&self) -> Option<DType> {
        match self {
            Operand::Arr(a) => Some(a.dtype()),
            _ => None,
        }
    }

    fn rank(&self) -> usize {
        match self {
            Operand::Arr(a) => a.ndim(),
            _ => 0,
        }
    }

    fn scalar_kind(&self) -> u8 {
        match self {
            Operand::Bool(_) => 0,
            Operand::Int(_) => 1,
            _ => 2,
        }
    }

    /// The operand as an array of `dtype` (scalars become 0-d arrays).
    pub(crate) fn to_array(&self, dtype: DType) -> PyResult<NdArray> {
        match self {
            Operand::Arr(a) => a.astype(dtype),
            Operand::Float(x) => Ok(NdArray::scalar_f64(*x, dtype)),
            Operand::Int(i) if dtype.is_int() => NdArray::from_i64(vec![*i], &[])?.astype(dtype),
            Operand::Int(i) => Ok(NdArray::scalar_f64(*i as f64, dtype)),
            Operand::Bool(b) => Ok(NdArray::scalar_f64(f64::from(u8::from(*b)), dtype)),
        }
    }
}

/// The promotion of two array dtypes. Integers: the wider of one signedness; a signed and an
/// unsigned type need a signed type wider than the unsigned one (`uint8 + int8` is int16, and
/// numpy's `uint64 + int64` is float64). An integer with a float: numpy takes the smallest float
/// that holds the integer type (`uint8 + float16` is float16, `int64 + float32` float64), torch
/// keeps the float (`int64 + float16` is float16). Floats: the wider; torch's float16 with
/// bfloat16 is float32.
pub(crate) fn promote_arrays(a: DType, b: DType, fl: Flavor) -> DType {
    use DType::*;
    if a == b {
        return a;
    }
    match (a.kind(), b.kind()) {
        (0, _) => b,
        (_, 0) => a,
        (1, 1) => {
            if a.is_unsigned() == b.is_unsigned() {
                return if a.bits() >= b.bits() { a } else { b };
            }
            let (s, u) = if a.is_unsigned() { (b, a) } else { (a, b) };
            if s.bits() > u.bits() {
                return s;
            }
            match u.bits() {
                8 => Int16,
                16 => Int32,
                32 => Int64,
                _ => match fl {
                    Flavor::Numpy => Float64,
                    Flavor::Torch => Int64,
                },
            }
        }
        (2, 2) => match (a, b) {
            (Float16, BFloat16) | (BFloat16, Float16) => Float32,
            _ if a.bits() >= b.bits() => a,
            _ => b,
        },
        _ => {
            let (i, f) = if a.is_float() { (b, a) } else { (a, b) };
            match fl {
                Flavor::Torch => f,
                Flavor::Numpy => promote_arrays(i.float_for(fl), f, fl),
            }
        }
    }
}

/// The result dtype of an elementwise op on two operands (NEP 50 weak Python scalars).
pub fn promote(a: &Operand, b: &Operand, fl: Flavor) -> DType {
    match (a.array_dtype(), b.array_dtype()) {
        // torch ranks a 0-d tensor below a dimensioned one: it decides the result only when
        // its kind is higher (`int32_t + torch.tensor(5)` is int32, `+ torch.tensor(1.5,
        // dtype=float64)` float64). numpy 2 treats 0-d arrays like any array.
        (Some(x), Some(y))
            if fl == Flavor::Torch && a.rank() != b.rank() && (a.rank() == 0 || b.rank() == 0) =>
        {
            let (dim, zero) = if a.rank() == 0 { (y, x) } else { (x, y) };
            if zero.kind() > dim.kind() {
                zero
            } else {
                dim
            }
        }
        (Some(x), Some(y)) => promote_arrays(x, y, fl),
        (Some(x), None) => weak(x, b.scalar_kind(), fl),
        (None, Some(y)) => weak(y, a.scalar_kind(), fl),
        (None, None) => match a.scalar_kind().max(b.scalar_kind()) {
            0 => DType::Bool,
            1 => DType::Int64,
            _ => DType::Float64,
        },
    }
}

fn weak(arr: DType, scalar_kind: u8, fl: Flavor) -> DType {
    if scalar_kind <= arr.kind() {
        arr
    } else if scalar_kind == 1 {
        DType::Int64
    } else {
        fl.default_float()
    }
}

/// The broadcast shape of two shapes, or numpy's ValueError.
pub fn broadcast_shape(a: &[usize], b: &[usize]) -> PyResult<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let x = if i + a.len() >= n {
            a[i + a.len() - n]
        } else {
            1
        };
        let y = if i + b.len() >= n {
            b[i + b.len() - n]
        } else {
            1
        };
        out[i] = if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return Err(PyErr::value_error(format!(
                "operands could not be broadcast together with shapes {} {} ",
                shape_str(a),
                shape_str(b)
            )));
        };
    }
    Ok(out)
}

/// `a` broadcast to `shape` (a view).
pub(crate) fn bcast_to(a: &NdArray, shape: &[usize]) -> PyResult<NdArray> {
    Ok(NdArray::wrap(bcast(a, shape)?, a.dtype()))
}

fn bcast(a: &NdArray, shape: &[usize]) -> PyResult<Tensor> {
    if a.dims() == shape {
        return Ok(a.tensor().clone());
    }
    a.tensor().broadcast_as(shape).map_err(ce)
}

// ---- Elementwise binary ops -----------------------------------------------------------------

/// An elementwise binary operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Maximum,
    Minimum,
}

impl BinOp {
    fn cmp(self) -> Option<CmpOp> {
        Some(match self {
            BinOp::Lt => CmpOp::Lt,
            BinOp::Le => CmpOp::Le,
            BinOp::Gt => CmpOp::Gt,
            BinOp::Ge => CmpOp::Ge,
            BinOp::Eq => CmpOp::Eq,
            BinOp::Ne => CmpOp::Ne,
            _ => return None,
        })
    }
}

/// `a <op> b` with numpy semantics (broadcasting, promotion, Python's floor division).
pub fn binary(op: BinOp, a: impl Into<Operand>, b: impl Into<Operand>) -> PyResult<NdArray> {
    binary_in(op, a.into(), b.into(), Flavor::Numpy)
}

/// `a <op> b` with torch's promotion (int / int is float32).
pub fn tbinary(op: BinOp, a: impl Into<Operand>, b: impl Into<Operand>) -> PyResult<NdArray> {
    binary_in(op, a.into(), b.into(), Flavor::Torch)
}

fn binary_in(op: BinOp, a: Operand, b: Operand, fl: Flavor) -> PyResult<NdArray> {
    if [&a, &b]
        .iter()
        .any(|o| matches!(o, Operand::Arr(x) if x.dtype().is_complex()))
    {
        return crate::complex::cbinary(op, a, b);
    }
    let dt = promote(&a, &b, fl);
    if let Some(c) = op.cmp() {
        // Integers compare by value in their i64 storage, so a Python int out of the array's
        // range compares as itself (`uint8_array < 300` is True), as in numpy 2.
        let at = if dt.is_int() { DType::Int64 } else { dt };
        let (x, y) = (a.to_array(at)?, b.to_array(at)?);
        let shape = broadcast_shape(x.dims(), y.dims())?;
        let t = bcast(&x, &shape)?.cmp(&bcast(&y, &shape)?, c).map_err(ce)?;
        return Ok(NdArray::wrap(t, DType::Bool));
    }
    if dt == DType::Bool {
        match op {
            BinOp::Sub => {
                return Err(PyErr::type_error("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."))
            }
            BinOp::Add | BinOp::Mul | BinOp::Maximum | BinOp::Minimum => {
                let r = binary_in(op, Operand::Arr(a.to_array(DType::Int64)?), Operand::Arr(b.to_array(DType::Int64)?), fl)?;
                return r.astype(DType::Bool);
            }
            _ => {}
        }
    }
    // NEP 50: a Python int is cast to the array's integer dtype, and one it cannot hold is an
    // OverflowError in numpy 2 (torch wraps it).
    if fl == Flavor::Numpy && dt.is_int() {
        for o in [&a, &b] {
            if let Operand::Int(i) = o {
                dt.check_py_int(*i)?;
            }
        }
    }
    let calc = match op {
        BinOp::TrueDiv if !dt.is_float() => fl.default_float(),
        _ if dt == DType::Bool => DType::Int64,
        _ => dt,
    };
    let (x, y) = (a.to_array(calc)?, b.to_array(calc)?);
    let shape = broadcast_shape(x.dims(), y.dims())?;
    let (tx, ty) = (bcast(&x, &shape)?, bcast(&y, &shape)?);
    let t = match op {
        BinOp::Add => tx.add(&ty),
        BinOp::Sub => tx.sub(&ty),
        BinOp::Mul => tx.mul(&ty),
        BinOp::TrueDiv => tx.div(&ty),
        BinOp::Maximum => tx.maximum(&ty),
        BinOp::Minimum => tx.minimum(&ty),
        BinOp::FloorDiv | BinOp::Mod | BinOp::Pow => return loop_binary(op, &x, &y, &shape, calc),
        _ => unreachable!("comparisons return above"),
    }
    .map_err(ce)?;
    Ok(NdArray::wrap(t, calc))
}

/// Floor division, modulo and power with Python's rules, over the broadcast flat data.
fn loop_binary(
    op: BinOp,
    x: &NdArray,
    y: &NdArray,
    shape: &[usize],
    dt: DType,
) -> PyResult<NdArray> {
    let bx = NdArray::wrap(bcast(x, shape)?, dt);
    let by = NdArray::wrap(bcast(y, shape)?, dt);
    match (bx.flat()?, by.flat()?) {
        (Flat::I(u), Flat::I(v)) => {
            let mut out = Vec::with_capacity(u.len());
            for (&p, &q) in u.iter().zip(&v) {
                out.push(match op {
                    // numpy gives 0 (with a RuntimeWarning) for integer division by zero.
                    BinOp::FloorDiv if q == 0 => 0,
                    BinOp::Mod if q == 0 => 0,
                    BinOp::FloorDiv => {
                        let d = p.wrapping_div(q);
                        if (p.wrapping_rem(q) != 0) && ((p < 0) != (q < 0)) {
                            d - 1
                        } else {
                            d
                        }
                    }
                    BinOp::Mod => {
                        let m = p.wrapping_rem(q);
                        if m != 0 && ((m < 0) != (q < 0)) {
                            m + q
                        } else {
                            m
                        }
                    }
                    _ => {
                        if q < 0 {
                            return Err(PyErr::value_error(
                                "Integers to negative integer powers are not allowed.",
                            ));
                        }
                        p.wrapping_pow(q.min(u32::MAX as i64) as u32)
                    }
                });
            }
            NdArray::from_i64(out, shape)?.astype(dt)
        }
        (fu, fv) => {
            let (u, v) = (flat_f64(fu), flat_f64(fv));
            let out: Vec<f64> = u
                .iter()
                .zip(&v)
                .map(|(&p, &q)| match op {
                    BinOp::FloorDiv => float_divmod(p, q).0,
                    BinOp::Mod => float_divmod(p, q).1,
                    _ => p.powf(q),
                })
                .collect();
            NdArray::from_f64(out, shape, dt)
        }
    }
}

fn flat_f64(f: Flat) -> Vec<f64> {
    match f {
        Flat::F(v) => v,
        Flat::I(v) => v.into_iter().map(|x| x as f64).collect(),
        Flat::B(v) => v.into_iter().map(|x| f64::from(u8::from(x))).collect(),
    }
}

/// numpy's `npy_divmod` for floats.
fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    if b == 0.0 {
        return (a / b, f64::NAN);
    }
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let fd = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (fd, m)
}

// ---- Elementwise unary ops ------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Abs,
    Exp,
    Log,
    Sqrt,
    Tanh,
    /// `1 / (1 + exp(-x))` (torch.sigmoid; ints give float32 for torch).
    Sigmoid,
}

/// A unary elementwise op. exp/log/sqrt/tanh of ints give float64 (float32 for torch).
pub fn unary(op: UnOp, a: &NdArray) -> PyResult<NdArray> {
    unary_in(op, a, Flavor::Numpy)
}

pub fn tunary(op: UnOp, a: &NdArray) -> PyResult<NdArray> {
    unary_in(op, a, Flavor::Torch)
}

fn unary_in(op: UnOp, a: &NdArray, fl: Flavor) -> PyResult<NdArray> {
    let dt = a.dtype();
    if dt.is_complex() {
        return match op {
            UnOp::Abs => crate::cabs(a),
            UnOp::Neg => crate::complex::cneg(a),
            _ => Err(crate::complex::unsupported("this function")),
        };
    }
    match op {
        UnOp::Neg | UnOp::Abs if !dt.is_float() => {
            if dt == DType::Bool {
                if op == UnOp::Abs {
                    return Ok(a.clone());
                }
                return Err(PyErr::type_error("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."));
            }
            // candle has no integer unary kernels: -x is 0 - x, |x| is max(x, -x).
            let zero = Tensor::zeros(a.dims(), a.tensor().dtype(), &Device::Cpu).map_err(ce)?;
            let neg = zero.sub(a.tensor()).map_err(ce)?;
            let t = if op == UnOp::Neg {
                neg
            } else {
                a.tensor().maximum(&neg).map_err(ce)?
            };
            Ok(NdArray::wrap(t, dt))
        }
        _ => {
            let x = a.astype(dt.float_for(fl))?;
            let t = x.tensor();
            let r = match op {
                UnOp::Neg => t.neg(),
                UnOp::Abs => t.abs(),
                UnOp::Exp => t.exp(),
                UnOp::Log => t.log(),
                UnOp::Sqrt => t.sqrt(),
                UnOp::Tanh => t.tanh(),
                UnOp::Sigmoid => t
                    .neg()
                    .and_then(|n| n.exp())
                    .and_then(|e| (e + 1.0)?.recip()),
            }
            .map_err(ce)?;
            Ok(NdArray::wrap(r, x.dtype()))
        }
    }
}

/// `np.where(cond, x, y)`.
pub fn where_(
    cond: impl Into<Operand>,
    x: impl Into<Operand>,
    y: impl Into<Operand>,
) -> PyResult<NdArray> {
    where_in(Flavor::Numpy, cond.into(), x.into(), y.into())
}

/// `torch.where(cond, x, y)`: as `np.where`, with torch's type promotion (an int tensor and a
/// Python float give float32).
pub fn twhere(
    cond: impl Into<Operand>,
    x: impl Into<Operand>,
    y: impl Into<Operand>,
) -> PyResult<NdArray> {
    where_in(Flavor::Torch, cond.into(), x.into(), y.into())
}

fn where_in(flavor: Flavor, c: Operand, x: Operand, y: Operand) -> PyResult<NdArray> {
    let dt = promote(&x, &y, flavor);
    let c = c.to_array(DType::Bool)?;
    let (x, y) = (x.to_array(dt)?, y.to_array(dt)?);
    let shape = broadcast_shape(&broadcast_shape(c.dims(), x.dims())?, y.dims())?;
    let t = bcast(&c, &shape)?
        .where_cond(&bcast(&x, &shape)?, &bcast(&y, &shape)?)
        .map_err(ce)?;
    Ok(NdArray::wrap(t, dt))
}

/// `np.clip(a, lo, hi)` / `torch.clamp(t, min, max)`; either bound may be absent.
pub fn clip(
    a: impl Into<Operand>,
    lo: Option<Operand>,
    hi: Option<Operand>,
    fl: Flavor,
) -> PyResult<NdArray> {
    let mut r = a.into();
    if lo.is_none() && hi.is_none() {
        return Err(PyErr::value_error("One of max or min must be given"));
    }
    if let Some(lo) = lo {
        r = Operand::Arr(binary_in(BinOp::Maximum, r, lo, fl)?);
    }
    if let Some(hi) = hi {
        r = Operand::Arr(binary_in(BinOp::Minimum, r, hi, fl)?);
    }
    match r {
        Operand::Arr(a) => Ok(a),
        _ => unreachable!("a bound was applied"),
    }
}

// ---- Axes -----------------------------------------------------------------------------------

/// Normalises a possibly negative axis for an array of `ndim` dimensions.
pub fn norm_axis(axis: i64, ndim: usize) -> PyResult<usize> {
    let n = ndim as i64;
    let a = if axis < 0 { axis + n } else { axis };
    if a < 0 || a >= n {
        return Err(PyErr::new(
            ingot_runtime::ErrKind::IndexError,
            format!("axis {axis} is out of bounds for array of dimension {ndim}"),
        ));
    }
    Ok(a as usize)
}

// ---- Reductions -----------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduce {
    Sum,
    Mean,
    Max,
    Min,
    ArgMax,
    ArgMin,
}

impl Reduce {
    fn name(self) -> &'static str {
        match self {
            Reduce::Max => "maximum",
            Reduce::Min => "minimum",
            Reduce::ArgMax => "argmax",
            Reduce::ArgMin => "argmin",
            Reduce::Sum => "sum",
            Reduce::Mean => "mean",
        }
    }
}

/// `a.sum(axis=None, keepdims=False)` and friends. With no axis the whole array is reduced
/// (a 0-d result, which becomes a scalar).
pub fn reduce(op: Reduce, a: &NdArray, axis: Option<i64>, keepdims: bool) -> PyResult<NdArray> {
    reduce_in(op, a, axis, keepdims, Flavor::Numpy)
}

pub fn treduce(op: Reduce, a: &NdArray, axis: Option<i64>, keepdims: bool) -> PyResult<NdArray> {
    reduce_in(op, a, axis, keepdims, Flavor::Torch)
}

fn reduce_in(
    op: Reduce,
    a: &NdArray,
    axis: Option<i64>,
    keepdims: bool,
    fl: Flavor,
) -> PyResult<NdArray> {
    let nd = a.ndim();
    let (src, ax) = match axis {
        Some(ax) => (
            a.clone(),
            norm_axis(ax, nd.max(1)).and_then(|x| {
                if nd == 0 {
                    Err(PyErr::new(
                        ingot_runtime::ErrKind::IndexError,
                        format!("axis {ax} is out of bounds for array of dimension 0"),
                    ))
                } else {
                    Ok(x)
                }
            })?,
        ),
        // The whole array: flatten, reduce axis 0.
        None => (reshape_raw(a, &[a.size()])?, 0),
    };
    let n = src.dims()[ax];
    let mut out_dims = src.shape();
    out_dims[ax] = 1;
    let r = match op {
        Reduce::Sum | Reduce::Mean => {
            let dt = match (op, a.dtype()) {
                // numpy sums small integers in int64 (uint64 for unsigned ones); torch in int64.
                (Reduce::Sum, d) if !d.is_float() => match fl {
                    Flavor::Numpy if d.is_unsigned() => DType::UInt64,
                    _ => DType::Int64,
                },
                (Reduce::Mean, d) if !d.is_float() => {
                    if fl == Flavor::Torch {
                        return Err(PyErr::new(ingot_runtime::ErrKind::NotImplementedError, format!("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {}", d.torch_scalar_name())));
                    }
                    DType::Float64
                }
                (_, d) => d,
            };
            // numpy's mean of float16 sums and divides in float32, rounding once at the end.
            let acc = if op == Reduce::Mean && matches!(dt, DType::Float16 | DType::BFloat16) {
                DType::Float32
            } else {
                dt
            };
            let x = src.astype(acc)?;
            let s = x.tensor().sum_keepdim(ax).map_err(ce)?;
            // numpy divides the sum by the count (a multiplication by 1/n rounds differently).
            let s = if op == Reduce::Mean && n > 0 {
                let q: Vec<f64> = NdArray::wrap(s.clone(), acc)
                    .to_f64_vec()?
                    .into_iter()
                    .map(|x| x / n as f64)
                    .collect();
                NdArray::from_f64(q, s.dims(), acc)?.into_tensor()
            } else {
                s
            };
            // candle's affine of 0 elements is 0 * inf; numpy's mean of nothing is nan.
            let s = if op == Reduce::Mean && n == 0 {
                Tensor::full(f64::NAN, s.dims(), &Device::Cpu)
                    .and_then(|t| t.to_dtype(s.dtype()))
                    .map_err(ce)?
            } else {
                s
            };
            NdArray::wrap(s, dt)
        }
        Reduce::Max | Reduce::Min | Reduce::ArgMax | Reduce::ArgMin => {
            if n == 0 {
                return Err(PyErr::value_error(match op {
                    Reduce::Max | Reduce::Min => format!(
                        "zero-size array to reduction operation {} which has no identity",
                        op.name()
                    ),
                    _ => format!("attempt to get {} of an empty sequence", op.name()),
                }));
            }
            reduce_rows(op, &src, ax)?
        }
    };
    let r = if keepdims {
        if axis.is_none() {
            reshape_raw(&r, &vec![1; nd])?
        } else {
            r
        }
    } else {
        let mut dims = out_dims.clone();
        dims.remove(ax);
        reshape_raw(&r, &dims)?
    };
    Ok(r)
}

/// Moves `axis` last and returns the contiguous rows along it as f64 or i64 data.
fn rows_last(a: &NdArray, axis: usize) -> PyResult<(Flat, Vec<usize>, usize)> {
    let nd = a.ndim();
    let mut perm: Vec<usize> = (0..nd).filter(|&d| d != axis).collect();
    perm.push(axis);
    let t = a
        .tensor()
        .permute(perm.clone())
        .map_err(ce)?
        .contiguous()
        .map_err(ce)?;
    let moved = NdArray::wrap(t, a.dtype());
    Ok((moved.flat()?, moved.shape(), a.dims()[axis]))
}

/// numpy's total order for sorting: NaN last.
fn cmp_f64(x: f64, y: f64) -> std::cmp::Ordering {
    x.partial_cmp(&y)
        .unwrap_or_else(|| x.is_nan().cmp(&y.is_nan()))
}

/// max/min/argmax/argmin along an axis, keeping it as length 1. NaN propagates for max/min
/// and is the first hit for argmax/argmin, as in numpy.
fn reduce_rows(op: Reduce, a: &NdArray, axis: usize) -> PyResult<NdArray> {
    let (flat, moved_shape, n) = rows_last(a, axis)?;
    let mut out_shape = a.shape();
    out_shape[axis] = 1;
    let data = flat_f64(flat.clone());
    let rows = data.len() / n.max(1);
    let mut best_idx = Vec::with_capacity(rows);
    for r in 0..rows {
        let row = &data[r * n..(r + 1) * n];
        let mut bi = 0;
        for (i, &v) in row.iter().enumerate() {
            let b = row[bi];
            if b.is_nan() {
                break;
            }
            let better = v.is_nan()
                || if matches!(op, Reduce::Max | Reduce::ArgMax) {
                    v > b
                } else {
                    v < b
                };
            if better {
                bi = i;
            }
        }
        best_idx.push(bi);
    }
    let _ = moved_shape;
    match op {
        Reduce::ArgMax | Reduce::ArgMin => {
            NdArray::from_i64(best_idx.into_iter().map(|i| i as i64).collect(), &out_shape)
        }
        _ => {
            let picked = match flat {
                Flat::I(v) => Flat::I(
                    best_idx
                        .iter()
                        .enumerate()
                        .map(|(r, &i)| v[r * n + i])
                        .collect(),
                ),
                Flat::B(v) => Flat::B(
                    best_idx
                        .iter()
                        .enumerate()
                        .map(|(r, &i)| v[r * n + i])
                        .collect(),
                ),
                Flat::F(v) => Flat::F(
                    best_idx
                        .iter()
                        .enumerate()
                        .map(|(r, &i)| v[r * n + i])
                        .collect(),
                ),
            };
            NdArray::from_flat(picked, &out_shape, a.dtype())
        }
    }
}

/// `np.argsort(a, axis=-1)` with a stable sort (NaN last); axis None sorts the flattened array.
pub fn argsort(a: &NdArray, axis: Option<i64>) -> PyResult<NdArray> {
    let (src, ax) = match axis {
        None => (reshape_raw(a, &[a.size()])?, 0),
        Some(x) => {
            if a.ndim() == 0 {
                return NdArray::from_i64(vec![0], &[]);
            }
            (a.clone(), norm_axis(x, a.ndim())?)
        }
    };
    let (flat, moved_shape, n) = rows_last(&src, ax)?;
    let data = flat_f64(flat);
    let mut out = Vec::with_capacity(data.len());
    if n > 0 {
        for row in data.chunks(n) {
            let mut idx: Vec<usize> = (0..n).collect();
            idx.sort_by(|&i, &j| cmp_f64(row[i], row[j]));
            out.extend(idx.into_iter().map(|i| i as i64));
        }
    }
    let moved = NdArray::from_i64(out, &moved_shape)?;
    // Move the last axis back to `ax`.
    let nd = moved_shape.len();
    let mut perm = Vec::with_capacity(nd);
    for d in 0..nd {
        perm.push(if d < ax {
            d
        } else if d == ax {
            nd - 1
        } else {
            d - 1
        });
    }
    let t = moved
        .tensor()
        .permute(perm)
        .map_err(ce)?
        .contiguous()
        .map_err(ce)?;
    Ok(NdArray::wrap(t, DType::Int64))
}

/// `np.linalg.norm(a, axis=None, keepdims=False)`: the 2-norm (Frobenius with no axis).
pub fn norm(a: &NdArray, axis: Option<i64>, keepdims: bool) -> PyResult<NdArray> {
    let x = if a.dtype().is_float() {
        a.clone()
    } else {
        a.astype(DType::Float64)?
    };
    let sq = NdArray::wrap(x.tensor().sqr().map_err(ce)?, x.dtype());
    let s = reduce(Reduce::Sum, &sq, axis, keepdims)?;
    Ok(NdArray::wrap(s.tensor().sqrt().map_err(ce)?, s.dtype()))
}

/// `torch.nn.functional.normalize(t, p, dim, eps)`: t / max(‖t‖_p along dim, eps).
pub fn normalize(a: &NdArray, p: f64, dim: i64, eps: f64) -> PyResult<NdArray> {
    let ax = norm_axis(dim, a.ndim())? as i64;
    let x = if a.dtype().is_float() {
        a.clone()
    } else {
        a.astype(DType::Float32)?
    };
    let n = if p == 2.0 {
        norm(&x, Some(ax), true)?
    } else if p == 1.0 {
        let ab = unary(UnOp::Abs, &x)?;
        reduce(Reduce::Sum, &ab, Some(ax), true)?
    } else {
        let pw = binary(BinOp::Pow, unary(UnOp::Abs, &x)?, p)?;
        let s = reduce(Reduce::Sum, &pw, Some(ax), true)?;
        binary(BinOp::Pow, s, 1.0 / p)?
    };
    let d = clip(n, Some(Operand::Float(eps)), None, Flavor::Torch)?;
    tbinary(BinOp::TrueDiv, x, d)
}

// ---- Linear algebra -------------------------------------------------------------------------

/// `a @ b`, `np.matmul`, `np.dot` (for arrays of rank 1 and 2), `torch.matmul`.
pub fn matmul(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    let sig = "(n?,k),(k,m?)->(n?,m?)";
    for (i, x) in [a, b].iter().enumerate() {
        if x.ndim() == 0 {
            return Err(PyErr::value_error(format!("matmul: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature {sig} requires 1)")));
        }
    }
    let dt = promote_arrays(a.dtype(), b.dtype(), Flavor::Numpy);
    let calc = if dt.is_float() { dt } else { DType::Float64 };
    let (x, y) = (a.astype(calc)?, b.astype(calc)?);
    let (a1, b1) = (x.ndim() == 1, y.ndim() == 1);
    let xt = if a1 {
        x.tensor().unsqueeze(0).map_err(ce)?
    } else {
        x.tensor().clone()
    };
    let yt = if b1 {
        y.tensor().unsqueeze(1).map_err(ce)?
    } else {
        y.tensor().clone()
    };
    let (xd, yd) = (xt.dims().to_vec(), yt.dims().to_vec());
    let (n, k) = (xd[xd.len() - 2], xd[xd.len() - 1]);
    let (k2, m) = (yd[yd.len() - 2], yd[yd.len() - 1]);
    if k != k2 {
        return Err(PyErr::value_error(format!("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {sig} (size {k2} is different from {k})")));
    }
    let batch = broadcast_shape(&xd[..xd.len() - 2], &yd[..yd.len() - 2])?;
    let xs: Vec<usize> = batch.iter().copied().chain([n, k]).collect();
    let ys: Vec<usize> = batch.iter().copied().chain([k, m]).collect();
    let xt = xt.broadcast_as(xs).map_err(ce)?.contiguous().map_err(ce)?;
    let yt = yt.broadcast_as(ys).map_err(ce)?.contiguous().map_err(ce)?;
    let mut r = if k == 0 {
        let dims: Vec<usize> = batch.iter().copied().chain([n, m]).collect();
        Tensor::zeros(dims, calc.candle_dtype(), &Device::Cpu).map_err(ce)?
    } else {
        xt.matmul(&yt).map_err(ce)?
    };
    if b1 {
        r = r.squeeze(r.rank() - 1).map_err(ce)?;
    }
    if a1 {
        r = r.squeeze(r.rank() - if b1 { 1 } else { 2 }).map_err(ce)?;
    }
    NdArray::wrap(r, calc).astype(dt)
}

/// `torch.nn.functional.linear(x, w, b)`: `x @ w.T + b` for `x` `[*, in]`, `w` `[out, in]`
/// (or `[in]`, giving `[*]`), `b` `[out]` or a scalar. One GEMM with `w` read transposed in
/// place (no copy of the weight); torch's dtype and shape errors.
pub fn linear(x: &NdArray, w: &NdArray, b: Option<&NdArray>) -> PyResult<NdArray> {
    let dt = x.dtype();
    for (name, o) in [("mat2", Some(w)), ("bias", b)] {
        if let Some(o) = o {
            if o.dtype() != dt {
                let what = if name == "mat2" {
                    "mat1 and mat2"
                } else {
                    "self and mat2"
                };
                return Err(PyErr::runtime_error(format!(
                    "{what} must have the same dtype, but got {} and {}",
                    torch_dtype_name(dt),
                    torch_dtype_name(o.dtype())
                )));
            }
        }
    }
    if !dt.is_float() {
        return Err(PyErr::runtime_error(format!(
            "\"addmm_impl_cpu_\" not implemented for '{}'",
            torch_dtype_name(dt).trim_start_matches("torch.")
        )));
    }
    if x.ndim() == 0 || w.ndim() == 0 || w.ndim() > 2 {
        return Err(PyErr::runtime_error(format!(
            "linear(): input and weight must have at least one dimension, and weight at most two (got {}-D and {}-D)",
            x.ndim(),
            w.ndim()
        )));
    }
    let xd = x.dims().to_vec();
    let k = xd[xd.len() - 1];
    let rows: usize = xd[..xd.len() - 1].iter().product();
    let w2 = if w.ndim() == 1 {
        w.tensor().unsqueeze(0).map_err(ce)?
    } else {
        w.tensor().clone()
    };
    let (out, wk) = (w2.dims()[0], w2.dims()[1]);
    if wk != k {
        return Err(PyErr::runtime_error(format!(
            "mat1 and mat2 shapes cannot be multiplied ({rows}x{k} and {wk}x{out})"
        )));
    }
    let y = if rows == 0 || k == 0 || out == 0 {
        Tensor::zeros((rows, out), dt.candle_dtype(), &Device::Cpu).map_err(ce)?
    } else {
        let x2 = x
            .tensor()
            .contiguous()
            .map_err(ce)?
            .reshape((rows, k))
            .map_err(ce)?;
        // candle's CPU matmul reads a transposed right operand through its strides.
        x2.matmul(&w2.contiguous().map_err(ce)?.t().map_err(ce)?)
            .map_err(ce)?
    };
    let mut dims: Vec<usize> = xd[..xd.len() - 1].to_vec();
    if w.ndim() == 2 {
        dims.push(out);
    }
    let y = NdArray::wrap(y.reshape(dims.clone()).map_err(ce)?, dt);
    match b {
        None => Ok(y),
        Some(b) => {
            let r = tbinary(BinOp::Add, y, b.clone())?;
            if r.dims() != dims.as_slice() {
                return Err(PyErr::runtime_error(format!(
                    "The size of the bias {} does not match the output {}",
                    shape_str(b.dims()),
                    shape_str(&dims)
                )));
            }
            Ok(r)
        }
    }
}

pub(crate) fn torch_dtype_name(d: DType) -> &'static str {
    d.torch_name()
}

impl DType {
    pub(crate) fn candle_dtype(self) -> candle_core::DType {
        self.candle()
    }
}

// ---- Shapes ---------------------------------------------------------------------------------

pub(crate) fn reshape_raw(a: &NdArray, dims: &[usize]) -> PyResult<NdArray> {
    Ok(NdArray::wrap(
        a.tensor().reshape(dims).map_err(ce)?,
        a.dtype(),
    ))
}

/// `a.reshape(shape)` with at most one -1.
pub fn reshape(a: &NdArray, shape: &[i64]) -> PyResult<NdArray> {
    let size = a.size();
    let unknown: Vec<usize> = (0..shape.len()).filter(|&i| shape[i] == -1).collect();
    let bad = || {
        PyErr::value_error(format!(
            "cannot reshape array of size {size} into shape {}",
            shape_txt(shape)
        ))
    };
    if unknown.len() > 1 {
        return Err(PyErr::value_error("can only specify one unknown dimension"));
    }
    if shape.iter().any(|&d| d < -1) {
        return Err(PyErr::value_error("negative dimensions not allowed"));
    }
    let known: usize = shape
        .iter()
        .filter(|&&d| d != -1)
        .map(|&d| d as usize)
        .product();
    let mut dims: Vec<usize> = shape.iter().map(|&d| d.max(0) as usize).collect();
    if let Some(&u) = unknown.first() {
        if known == 0 || !size.is_multiple_of(known) {
            return Err(bad());
        }
        dims[u] = size / known;
    } else if known != size {
        return Err(bad());
    }
    reshape_raw(a, &dims)
}

fn shape_txt(shape: &[i64]) -> String {
    match shape.len() {
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `a.transpose()` / `a.T` (reversed axes) or `a.transpose(axes)`.
pub fn transpose(a: &NdArray, axes: Option<&[i64]>) -> PyResult<NdArray> {
    let nd = a.ndim();
    let perm: Vec<usize> = match axes {
        None => (0..nd).rev().collect(),
        Some(ax) => {
            if ax.len() != nd {
                return Err(PyErr::value_error("axes don't match array"));
            }
            let p = ax
                .iter()
                .map(|&x| norm_axis(x, nd))
                .collect::<PyResult<Vec<_>>>()?;
            let mut seen = vec![false; nd];
            for &x in &p {
                if std::mem::replace(&mut seen[x], true) {
                    return Err(PyErr::value_error("repeated axis in transpose"));
                }
            }
            p
        }
    };
    if nd < 2 {
        return Ok(a.clone());
    }
    Ok(NdArray::wrap(
        a.tensor().permute(perm).map_err(ce)?,
        a.dtype(),
    ))
}

/// `t.transpose(d0, d1)` (torch): swaps two dimensions.
pub fn swapaxes(a: &NdArray, d0: i64, d1: i64) -> PyResult<NdArray> {
    let nd = a.ndim();
    let (x, y) = (dim_ix(d0, nd)?, dim_ix(d1, nd)?);
    if nd == 0 {
        return Ok(a.clone());
    }
    Ok(NdArray::wrap(
        a.tensor().transpose(x, y).map_err(ce)?,
        a.dtype(),
    ))
}

/// A torch dimension index (IndexError "Dimension out of range" like torch).
pub(crate) fn dim_ix(d: i64, nd: usize) -> PyResult<usize> {
    let n = nd.max(1) as i64;
    let x = if d < 0 { d + n } else { d };
    if x < 0 || x >= n {
        return Err(PyErr::new(
            ingot_runtime::ErrKind::IndexError,
            format!(
                "Dimension out of range (expected to be in range of [{}, {}], but got {d})",
                -n,
                n - 1
            ),
        ));
    }
    Ok(x as usize)
}

/// `t.unsqueeze(d)` / `np.expand_dims(a, d)`.
pub fn unsqueeze(a: &NdArray, d: i64) -> PyResult<NdArray> {
    let nd = a.ndim() as i64 + 1;
    let x = if d < 0 { d + nd } else { d };
    if x < 0 || x >= nd {
        return Err(PyErr::new(
            ingot_runtime::ErrKind::IndexError,
            format!(
                "Dimension out of range (expected to be in range of [{}, {}], but got {d})",
                -nd,
                nd - 1
            ),
        ));
    }
    Ok(NdArray::wrap(
        a.tensor().unsqueeze(x as usize).map_err(ce)?,
        a.dtype(),
    ))
}

/// `t.expand(sizes)`: -1 keeps a size; only size-1 dimensions grow.
pub fn expand(a: &NdArray, sizes: &[i64]) -> PyResult<NdArray> {
    let nd = a.ndim();
    let bad_sizes = || {
        format!(
            "[{}]",
            sizes
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let cur = || {
        format!(
            "[{}]",
            a.dims()
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    if sizes.len() < nd {
        return Err(PyErr::runtime_error(format!("expand(torch.FloatTensor{{{}}}, size=[{}]): the number of sizes provided ({}) must be greater or equal to the number of dimensions in the tensor ({nd})", cur(), sizes.len(), sizes.len())));
    }
    let lead = sizes.len() - nd;
    let mut out = Vec::with_capacity(sizes.len());
    for (i, &s) in sizes.iter().enumerate() {
        let have = if i >= lead {
            Some(a.dims()[i - lead])
        } else {
            None
        };
        let want = match (s, have) {
            (-1, Some(h)) => h,
            (-1, None) => return Err(PyErr::runtime_error(format!("The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension {i}"))),
            (s, _) if s < 0 => return Err(PyErr::runtime_error("negative expand size")),
            (s, Some(h)) if h != 1 && h as i64 != s => {
                return Err(PyErr::runtime_error(format!("The expanded size of the tensor ({s}) must match the existing size ({h}) at non-singleton dimension {i}.  Target sizes: {}.  Tensor sizes: {}", bad_sizes(), cur())))
            }
            (s, _) => s as usize,
        };
        out.push(want);
    }
    Ok(NdArray::wrap(
        a.tensor().broadcast_as(out).map_err(ce)?,
        a.dtype(),
    ))
}

/// `np.concatenate(arrays, axis)`; axis None flattens first.
pub fn concatenate(arrays: &[NdArray], axis: Option<i64>) -> PyResult<NdArray> {
    if arrays.is_empty() {
        return Err(PyErr::value_error("need at least one array to concatenate"));
    }
    let dt = arrays.iter().skip(1).fold(arrays[0].dtype(), |d, a| {
        promote_arrays(d, a.dtype(), Flavor::Numpy)
    });
    let mut xs = Vec::with_capacity(arrays.len());
    for a in arrays {
        let a = a.astype(dt)?;
        xs.push(match axis {
            None => reshape_raw(&a, &[a.size()])?,
            Some(_) => a,
        });
    }
    let nd = xs[0].ndim();
    if nd == 0 {
        return Err(PyErr::value_error(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    let ax = norm_axis(axis.unwrap_or(0), nd)?;
    for (i, x) in xs.iter().enumerate() {
        if x.ndim() != nd {
            return Err(PyErr::value_error(format!("all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has {} dimension(s) and the array at index {i} has {} dimension(s)", nd, x.ndim())));
        }
        for d in 0..nd {
            if d != ax && x.dims()[d] != xs[0].dims()[d] {
                return Err(PyErr::value_error(format!("all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}", xs[0].dims()[d], x.dims()[d])));
            }
        }
    }
    let ts: Vec<Tensor> = xs.iter().map(|x| x.tensor().clone()).collect();
    Ok(NdArray::wrap(Tensor::cat(&ts, ax).map_err(ce)?, dt))
}

/// `np.stack(arrays, axis)`: all shapes equal, a new axis.
pub fn stack(arrays: &[NdArray], axis: i64) -> PyResult<NdArray> {
    if arrays.is_empty() {
        return Err(PyErr::value_error("need at least one array to stack"));
    }
    if arrays.iter().any(|a| a.dims() != arrays[0].dims()) {
        return Err(PyErr::value_error(
            "all input arrays must have the same shape",
        ));
    }
    let nd = arrays[0].ndim() + 1;
    let ax = norm_axis(axis, nd)?;
    let xs = arrays
        .iter()
        .map(|a| unsqueeze(a, ax as i64))
        .collect::<PyResult<Vec<_>>>()?;
    concatenate(&xs, Some(ax as i64))
}

// ---- Indexing -------------------------------------------------------------------------------

/// One item of an index tuple: `a[i]`, `a[lo:hi:step]`, `a[None]`, `a[...]`, and an integer array
/// (numpy's advanced indexing).
#[derive(Clone)]
pub enum Ix {
    Int(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
    Array(NdArray),
}

/// Python's `...` as a value, so generated code can put it in a tuple and convert it to an `Ix`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ellipsis;

impl From<i64> for Ix {
    fn from(i: i64) -> Ix {
        Ix::Int(i)
    }
}
impl From<(Option<i64>, Option<i64>, Option<i64>)> for Ix {
    fn from(s: (Option<i64>, Option<i64>, Option<i64>)) -> Ix {
        Ix::Slice(s.0, s.1, s.2)
    }
}
impl From<()> for Ix {
    fn from(_: ()) -> Ix {
        Ix::NewAxis
    }
}
impl From<Ellipsis> for Ix {
    fn from(_: Ellipsis) -> Ix {
        Ix::Ellipsis
    }
}
impl From<NdArray> for Ix {
    fn from(a: NdArray) -> Ix {
        Ix::Array(a)
    }
}
impl From<Vec<i64>> for Ix {
    fn from(v: Vec<i64>) -> Ix {
        let n = v.len();
        Ix::Array(NdArray::from_i64(v, &[n]).expect("a 1-d shape fits its data"))
    }
}
impl From<Vec<bool>> for Ix {
    fn from(v: Vec<bool>) -> Ix {
        let n = v.len();
        Ix::Array(NdArray::from_bool(v, &[n]).expect("a 1-d shape fits its data"))
    }
}
impl From<bool> for Ix {
    fn from(b: bool) -> Ix {
        Ix::Int(i64::from(b))
    }
}

/// Python's slice.indices(n): (start, step, count).
pub fn slice_indices(
    lo: Option<i64>,
    hi: Option<i64>,
    step: Option<i64>,
    n: usize,
) -> PyResult<(i64, i64, usize)> {
    let n = n as i64;
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step > 0 { (0, n) } else { (-1, n - 1) };
    let adj = |x: Option<i64>, dflt: i64| -> i64 {
        match x {
            None => dflt,
            Some(v) => {
                let v = if v < 0 { v.saturating_add(n) } else { v };
                v.clamp(lower, upper)
            }
        }
    };
    let start = adj(lo, if step > 0 { lower } else { upper });
    let stop = adj(hi, if step > 0 { upper } else { lower });
    let count = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, step, count as usize))
}

fn index_error(msg: String) -> PyErr {
    PyErr::new(ingot_runtime::ErrKind::IndexError, msg)
}

/// `a[ix...]` for ints, slices, None (newaxis), `...` and integer arrays, with numpy's rules. Views
/// where candle can express them (narrow), gathers (index_select) for steps other than 1 and for
/// index arrays.
pub fn getitem(a: &NdArray, ix: &[Ix]) -> PyResult<NdArray> {
    if a.dtype().is_complex() {
        // Each part indexes as a real array of the same shape.
        let re = getitem(&crate::real(a)?, ix)?;
        let im = getitem(&crate::imag(a)?, ix)?;
        return crate::complex::from_parts(&re, &im, a.dtype());
    }
    // A boolean mask of k dimensions indexes as the k integer arrays of its nonzero positions.
    if ix
        .iter()
        .any(|i| matches!(i, Ix::Array(m) if m.dtype() == DType::Bool))
    {
        let mut expanded = Vec::with_capacity(ix.len() + 2);
        let mut axis = 0usize;
        for item in ix {
            match item {
                Ix::Array(m) if m.dtype() == DType::Bool => {
                    if m.ndim() == 0 {
                        return Err(index_error("a 0-d boolean index is not supported".into()));
                    }
                    for (k, &n) in m.dims().iter().enumerate() {
                        if a.dims().get(axis + k) != Some(&n) {
                            return Err(index_error(format!(
                                "boolean index did not match indexed array along axis {}; size of axis is {} but size of corresponding boolean axis is {n}",
                                axis + k,
                                a.dims().get(axis + k).copied().unwrap_or(0)
                            )));
                        }
                    }
                    axis += m.ndim();
                    expanded.extend(crate::npfuncs::nonzero(m)?.into_iter().map(Ix::Array));
                }
                Ix::NewAxis => expanded.push(item.clone()),
                Ix::Ellipsis => {
                    let rest: usize = ix
                        .iter()
                        .map(|i| match i {
                            Ix::Array(m) if m.dtype() == DType::Bool => m.ndim(),
                            Ix::NewAxis | Ix::Ellipsis => 0,
                            _ => 1,
                        })
                        .sum();
                    axis += a.ndim().saturating_sub(rest);
                    expanded.push(item.clone());
                }
                other => {
                    axis += 1;
                    expanded.push(other.clone());
                }
            }
        }
        return getitem(a, &expanded);
    }
    let ellipses = ix.iter().filter(|i| matches!(i, Ix::Ellipsis)).count();
    if ellipses > 1 {
        return Err(index_error(
            "an index can only have a single ellipsis ('...')".into(),
        ));
    }
    let consumed = ix
        .iter()
        .filter(|i| !matches!(i, Ix::NewAxis | Ix::Ellipsis))
        .count();
    if consumed > a.ndim() {
        return Err(index_error(format!(
            "too many indices for array: array is {}-dimensional, but {consumed} were indexed",
            a.ndim()
        )));
    }
    // `...` stands for as many full slices as the other items leave axes.
    let full = Ix::Slice(None, None, None);
    let mut items: Vec<Ix> = Vec::with_capacity(ix.len() + a.ndim());
    for item in ix {
        match item {
            Ix::Ellipsis => items.extend(std::iter::repeat_n(full.clone(), a.ndim() - consumed)),
            other => items.push(other.clone()),
        }
    }
    if items.iter().any(|i| matches!(i, Ix::Array(_))) {
        return advanced_getitem(a, &items);
    }
    basic_getitem(a, &items)
}

/// Ints, slices and new axes (no `...`, no arrays).
fn basic_getitem(a: &NdArray, ix: &[Ix]) -> PyResult<NdArray> {
    let mut t = a.tensor().clone();
    let (mut d, mut axis) = (0usize, 0usize);
    for item in ix {
        match *item {
            Ix::Int(i) => {
                let n = t.dims()[d] as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(index_error(format!(
                        "index {i} is out of bounds for axis {axis} with size {n}"
                    )));
                }
                t = t
                    .narrow(d, j as usize, 1)
                    .and_then(|x| x.squeeze(d))
                    .map_err(ce)?;
                axis += 1;
            }
            Ix::Slice(lo, hi, st) => {
                let n = t.dims()[d];
                let (start, step, count) = slice_indices(lo, hi, st, n)?;
                t = if step == 1 {
                    t.narrow(d, start as usize, count).map_err(ce)?
                } else if count == 0 {
                    t.narrow(d, 0, 0).map_err(ce)?
                } else {
                    let idx: Vec<u32> = (0..count as i64)
                        .map(|k| (start + k * step) as u32)
                        .collect();
                    let it = Tensor::from_vec(idx, count, &Device::Cpu).map_err(ce)?;
                    t.contiguous()
                        .and_then(|c| c.index_select(&it, d))
                        .map_err(ce)?
                };
                d += 1;
                axis += 1;
            }
            Ix::NewAxis => {
                t = t.unsqueeze(d).map_err(ce)?;
                d += 1;
            }
            Ix::Ellipsis | Ix::Array(_) => unreachable!("expanded by getitem"),
        }
    }
    Ok(NdArray::wrap(t, a.dtype()))
}

/// numpy's advanced indexing: the integer arrays (and the ints, as 0-d arrays) broadcast to one
/// shape, which replaces the axes they index: in place when those axes are adjacent, in front
/// otherwise. Slices and new axes apply first; the gather is one `index_select` over the indexed
/// axes flattened into one.
fn advanced_getitem(a: &NdArray, items: &[Ix]) -> PyResult<NdArray> {
    // Every non-newaxis item keeps its axis here: advanced items become full slices.
    let full = Ix::Slice(None, None, None);
    let basic: Vec<Ix> = items
        .iter()
        .map(|i| match i {
            Ix::Int(_) | Ix::Array(_) => full.clone(),
            other => other.clone(),
        })
        .collect();
    let t = basic_getitem(a, &basic)?.into_tensor();
    let dims = t.dims().to_vec();
    // The index arrays, their axes in `t` and the original axis numbers (for messages).
    let mut positions = Vec::new();
    let mut indices = Vec::new();
    let mut axis = 0usize;
    for (pos, item) in items.iter().enumerate() {
        match item {
            Ix::Int(i) => {
                positions.push((pos, axis));
                indices.push(NdArray::from_i64(vec![*i], &[])?);
            }
            Ix::Array(x) => {
                if !x.dtype().is_int() {
                    return Err(index_error(
                        "arrays used as indices must be of integer (or boolean) type".into(),
                    ));
                }
                positions.push((pos, axis));
                indices.push(x.clone());
            }
            _ => {}
        }
        if !matches!(item, Ix::NewAxis) {
            axis += 1;
        }
    }
    let mut shape: Vec<usize> = Vec::new();
    for x in &indices {
        shape = broadcast_shape(&shape, x.dims()).map_err(|_| {
            let shapes: Vec<String> = indices
                .iter()
                .map(|x| match x.dims() {
                    [n] => format!("({n},)"),
                    d => format!(
                        "({})",
                        d.iter()
                            .map(|n| n.to_string())
                            .collect::<Vec<_>>()
                            .join(",")
                    ),
                })
                .collect();
            index_error(format!(
                "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
                shapes.join(" ")
            ))
        })?;
    }
    let count: usize = shape.iter().product();
    // The flat position of each gathered row among the indexed axes, checked against each axis.
    let mut flat = vec![0i64; count];
    let mut stride = 1i64;
    for ((pos, axis), x) in positions.iter().zip(&indices).rev() {
        let n = dims[*pos] as i64;
        let values: Vec<i64> = x
            .tensor()
            .broadcast_as(shape.as_slice())
            .and_then(|b| b.flatten_all())
            .and_then(|b| b.to_vec1::<i64>())
            .map_err(ce)?;
        for (f, &v) in flat.iter_mut().zip(&values) {
            let j = if v < 0 { v + n } else { v };
            if j < 0 || j >= n {
                return Err(index_error(format!(
                    "index {v} is out of bounds for axis {axis} with size {n}"
                )));
            }
            *f += j * stride;
        }
        stride *= n;
    }
    let adv: Vec<usize> = positions.iter().map(|(p, _)| *p).collect();
    let rest: Vec<usize> = (0..dims.len()).filter(|d| !adv.contains(d)).collect();
    let order: Vec<usize> = adv.iter().chain(&rest).copied().collect();
    let mut rows: Vec<usize> = vec![stride as usize];
    rows.extend(rest.iter().map(|&d| dims[d]));
    let flat_u32: Vec<u32> = flat.into_iter().map(|f| f as u32).collect();
    let idx = Tensor::from_vec(flat_u32, count, &Device::Cpu).map_err(ce)?;
    let mut out_dims = shape.clone();
    out_dims.extend(rest.iter().map(|&d| dims[d]));
    let gathered = t
        .permute(order)
        .and_then(|p| p.contiguous())
        .and_then(|p| p.reshape(rows))
        .and_then(|p| p.index_select(&idx, 0))
        .and_then(|g| g.reshape(out_dims))
        .map_err(ce)?;
    // Adjacent index axes keep their place: the dims before the first one move back in front.
    let adjacent = adv.windows(2).all(|w| w[1] == w[0] + 1);
    let first = adv[0];
    let result = if adjacent && first > 0 {
        let b = shape.len();
        let before: Vec<usize> = (b..b + first).collect();
        let order: Vec<usize> = before
            .iter()
            .copied()
            .chain(0..b)
            .chain(b + first..b + rest.len())
            .collect();
        gathered
            .permute(order)
            .and_then(|g| g.contiguous())
            .map_err(ce)?
    } else {
        gathered
    };
    Ok(NdArray::wrap(result, a.dtype()))
}

/// `a[lo:hi:step]` on the first axis.
pub fn slice(
    a: &NdArray,
    lo: Option<i64>,
    hi: Option<i64>,
    step: Option<i64>,
) -> PyResult<NdArray> {
    getitem(a, &[Ix::Slice(lo, hi, step)])
}

// ---- Construction ---------------------------------------------------------------------------

/// Python values that `np.array(x)` accepts: numbers, nested lists of them, arrays, lists of arrays.
pub trait ToArray {
    fn to_array(self) -> PyResult<NdArray>;
    /// Whether the value already is an array (its ints are cast, wrapping), rather than Python
    /// numbers (whose ints must fit the dtype, numpy 2's OverflowError).
    fn is_array(&self) -> bool {
        false
    }
}

fn flat_of<T: Copy>(rows: &[Vec<T>]) -> PyResult<(Vec<T>, Vec<usize>)> {
    let m = rows.first().map_or(0, |r| r.len());
    if rows.iter().any(|r| r.len() != m) {
        return Err(PyErr::value_error("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part."));
    }
    Ok((
        rows.iter().flatten().copied().collect(),
        vec![rows.len(), m],
    ))
}

impl ToArray for NdArray {
    fn to_array(self) -> PyResult<NdArray> {
        Ok(self)
    }
    fn is_array(&self) -> bool {
        true
    }
}
impl ToArray for &NdArray {
    fn to_array(self) -> PyResult<NdArray> {
        Ok(self.clone())
    }
    fn is_array(&self) -> bool {
        true
    }
}
impl ToArray for f64 {
    fn to_array(self) -> PyResult<NdArray> {
        Ok(NdArray::scalar_f64(self, DType::Float64))
    }
}
impl ToArray for i64 {
    fn to_array(self) -> PyResult<NdArray> {
        NdArray::from_i64(vec![self], &[])
    }
}
impl ToArray for bool {
    fn to_array(self) -> PyResult<NdArray> {
        NdArray::from_bool(vec![self], &[])
    }
}
impl ToArray for Vec<f64> {
    fn to_array(self) -> PyResult<NdArray> {
        let n = self.len();
        NdArray::from_f64(self, &[n], DType::Float64)
    }
}
impl ToArray for Vec<i64> {
    fn to_array(self) -> PyResult<NdArray> {
        let n = self.len();
        NdArray::from_i64(self, &[n])
    }
}
impl ToArray for Vec<bool> {
    fn to_array(self) -> PyResult<NdArray> {
        let n = self.len();
        NdArray::from_bool(self, &[n])
    }
}
impl ToArray for Vec<Vec<f64>> {
    fn to_array(self) -> PyResult<NdArray> {
        let (v, s) = flat_of(&self)?;
        NdArray::from_f64(v, &s, DType::Float64)
    }
}
impl ToArray for Vec<Vec<i64>> {
    fn to_array(self) -> PyResult<NdArray> {
        let (v, s) = flat_of(&self)?;
        NdArray::from_i64(v, &s)
    }
}
impl ToArray for Vec<Vec<bool>> {
    fn to_array(self) -> PyResult<NdArray> {
        let (v, s) = flat_of(&self)?;
        NdArray::from_bool(v, &s)
    }
}
impl ToArray for Vec<NdArray> {
    fn to_array(self) -> PyResult<NdArray> {
        if self.is_empty() {
            return NdArray::from_f64(vec![], &[0], DType::Float64);
        }
        if self.iter().any(|a| a.dims() != self[0].dims()) {
            return Err(PyErr::value_error("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions."));
        }
        stack(&self, 0)
    }
}

/// A number in a tuple (`np.array((0.5, 1, True))`): the array takes numpy's dtype for the mix (bool, int64 or
/// float64, the widest item's).
pub trait TupleNumber: Copy {
    /// 0 for bool, 1 for int, 2 for float.
    fn width(&self) -> u8;
    fn as_f64(self) -> f64;
    fn as_i64(self) -> i64;
    fn as_bool(self) -> bool;
}
impl TupleNumber for bool {
    fn width(&self) -> u8 {
        0
    }
    fn as_f64(self) -> f64 {
        self as i64 as f64
    }
    fn as_i64(self) -> i64 {
        self as i64
    }
    fn as_bool(self) -> bool {
        self
    }
}
impl TupleNumber for i64 {
    fn width(&self) -> u8 {
        1
    }
    fn as_f64(self) -> f64 {
        self as f64
    }
    fn as_i64(self) -> i64 {
        self
    }
    fn as_bool(self) -> bool {
        self != 0
    }
}
impl TupleNumber for f64 {
    fn width(&self) -> u8 {
        2
    }
    fn as_f64(self) -> f64 {
        self
    }
    fn as_i64(self) -> i64 {
        self as i64
    }
    fn as_bool(self) -> bool {
        self != 0.0
    }
}

macro_rules! tuple_to_array {
    ($($n:ident),+) => {
        impl<$($n: TupleNumber),+> ToArray for ($($n,)+) {
            #[allow(non_snake_case)]
            fn to_array(self) -> PyResult<NdArray> {
                let ($($n,)+) = self;
                let widths = [$($n.width()),+];
                let n = widths.len();
                match widths.iter().copied().max().unwrap_or(2) {
                    0 => NdArray::from_bool(vec![$($n.as_bool()),+], &[n]),
                    1 => NdArray::from_i64(vec![$($n.as_i64()),+], &[n]),
                    _ => NdArray::from_f64(vec![$($n.as_f64()),+], &[n], DType::Float64),
                }
            }
        }
    };
}
tuple_to_array!(A);
tuple_to_array!(A, B);
tuple_to_array!(A, B, C);
tuple_to_array!(A, B, C, D);
tuple_to_array!(A, B, C, D, E);
tuple_to_array!(A, B, C, D, E, F);
tuple_to_array!(A, B, C, D, E, F, G);
tuple_to_array!(A, B, C, D, E, F, G, H);

/// A tuple of run-time length (`tuple(xs)`) as its list.
impl<T> ToArray for ingot_runtime::VarTuple<T>
where
    Vec<T>: ToArray,
{
    fn to_array(self) -> PyResult<NdArray> {
        self.0.to_array()
    }
}

/// Three and more levels of nesting (an image's rows of pixels of channels): each item
/// becomes an array and they are stacked, so the shape check is numpy's at every level.
/// As in numpy, the shape stops at the first empty list (`[[]]` is `(1, 0)`).
impl<T> ToArray for Vec<Vec<Vec<T>>>
where
    Vec<Vec<T>>: ToArray,
{
    fn to_array(self) -> PyResult<NdArray> {
        self.into_iter()
            .map(|item| {
                let empty = item.is_empty();
                let a = item.to_array()?;
                if empty {
                    reshape_raw(&a, &[0])
                } else {
                    Ok(a)
                }
            })
            .collect::<PyResult<Vec<NdArray>>>()?
            .to_array()
    }
}

/// `np.array(x)` (optionally with a dtype).
pub fn array(x: impl ToArray, dtype: Option<DType>) -> PyResult<NdArray> {
    let from_python = !x.is_array();
    let a = x.to_array()?;
    match dtype {
        Some(d) => {
            // numpy 2 converts each Python number to a Python int first: a float truncates, and
            // an int the dtype cannot hold is an OverflowError.
            if from_python && d.is_int() {
                match a.flat()? {
                    Flat::I(v) => {
                        for i in v {
                            d.check_py_int(i)?;
                        }
                    }
                    Flat::F(v) => {
                        for x in v {
                            if x.is_nan() {
                                return Err(PyErr::value_error(
                                    "cannot convert float NaN to integer",
                                ));
                            }
                            if x.is_infinite() {
                                return Err(PyErr::new(
                                    ingot_runtime::ErrKind::OverflowError,
                                    "cannot convert float infinity to integer",
                                ));
                            }
                            d.check_py_int(x.trunc() as i64)?;
                        }
                    }
                    Flat::B(_) => {}
                }
            }
            a.astype(d)
        }
        None => Ok(a),
    }
}

/// `np.arange(start, stop, step)` over ints (int64) or floats (float64), as numpy computes it:
/// `ceil((stop - start) / step)` elements `start + i * step`.
pub fn arange(start: f64, stop: f64, step: f64, dtype: DType) -> PyResult<NdArray> {
    if step == 0.0 {
        return Err(PyErr::new(
            ingot_runtime::ErrKind::ZeroDivisionError,
            "division by zero",
        ));
    }
    let len = ((stop - start) / step).ceil();
    let n = if len.is_nan() || len <= 0.0 {
        0
    } else {
        len as usize
    };
    if n > (1 << 31) {
        return Err(PyErr::value_error("Maximum allowed size exceeded"));
    }
    // numpy's `fill`: the first two values are `start` and `start + step` in the array's dtype,
    // and the rest `start + i * delta` with `delta` their difference (not `step` itself), so
    // the rounding is numpy's (`np.arange(-0.5, 1, 0.1)[5]` is -1.1e-16, not 0).
    let v: Vec<f64> = if dtype == DType::Float32 {
        let (s0, s1) = (start as f32, (start + step) as f32);
        let delta = s1 - s0;
        (0..n)
            .map(|i| match i {
                0 => s0 as f64,
                1 => s1 as f64,
                _ => (s0 + i as f32 * delta) as f64,
            })
            .collect()
    } else {
        let delta = (start + step) - start;
        (0..n)
            .map(|i| match i {
                0 => start,
                1 => start + step,
                _ => start + i as f64 * delta,
            })
            .collect()
    };
    NdArray::from_f64(v, &[n], dtype)
}

/// `np.arange` over ints, exact for any int64.
pub fn arange_int(start: i64, stop: i64, step: i64) -> PyResult<NdArray> {
    if step == 0 {
        return Err(PyErr::new(
            ingot_runtime::ErrKind::ZeroDivisionError,
            "division by zero",
        ));
    }
    let span = stop as i128 - start as i128;
    let n = if (span > 0) == (step > 0) && span != 0 {
        ((span.abs() + step.abs() as i128 - 1) / step.abs() as i128) as usize
    } else {
        0
    };
    if n > (1 << 31) {
        return Err(PyErr::value_error("Maximum allowed size exceeded"));
    }
    NdArray::from_i64((0..n as i64).map(|i| start + i * step).collect(), &[n])
}

fn dims_of(shape: &[i64]) -> PyResult<Vec<usize>> {
    shape
        .iter()
        .map(|&d| {
            if d < 0 {
                Err(PyErr::value_error("negative dimensions are not allowed"))
            } else {
                Ok(d as usize)
            }
        })
        .collect()
}

/// `np.full(shape, value, dtype)`; `np.zeros` and `np.ones` are fills of 0 and 1.
pub fn full(shape: &[i64], value: f64, dtype: DType) -> PyResult<NdArray> {
    let dims = dims_of(shape)?;
    let t = Tensor::full(value, dims, &Device::Cpu).map_err(ce)?;
    NdArray::wrap(t, DType::Float64).astype(dtype)
}

/// `np.full` with an int fill (exact for any int64).
pub fn full_int(shape: &[i64], value: i64, dtype: DType) -> PyResult<NdArray> {
    let dims = dims_of(shape)?;
    if dtype == DType::Int64 {
        return Ok(NdArray::wrap(
            Tensor::full(value, dims, &Device::Cpu).map_err(ce)?,
            DType::Int64,
        ));
    }
    full(shape, value as f64, dtype)
}

/// `np.linspace(start, stop, num, endpoint=True)` in float64.
pub fn linspace(start: f64, stop: f64, num: i64, endpoint: bool) -> PyResult<NdArray> {
    if num < 0 {
        return Err(PyErr::value_error(format!(
            "Number of samples, {num}, must be non-negative."
        )));
    }
    let n = num as usize;
    let div = if endpoint { n.saturating_sub(1) } else { n };
    let step = if div > 0 {
        (stop - start) / div as f64
    } else {
        f64::NAN
    };
    let mut v: Vec<f64> = (0..n)
        .map(|i| {
            if div > 0 {
                start + i as f64 * step
            } else {
                start
            }
        })
        .collect();
    if endpoint && n > 1 {
        v[n - 1] = stop;
    }
    NdArray::from_f64(v, &[n], DType::Float64)
}

/// A Python-int shape argument: an int or a tuple/list of ints.
pub trait ShapeArg {
    fn dims(self) -> Vec<i64>;
}
impl ShapeArg for i64 {
    fn dims(self) -> Vec<i64> {
        vec![self]
    }
}
impl ShapeArg for Vec<i64> {
    fn dims(self) -> Vec<i64> {
        self
    }
}
impl ShapeArg for () {
    fn dims(self) -> Vec<i64> {
        vec![]
    }
}
impl ShapeArg for (i64,) {
    fn dims(self) -> Vec<i64> {
        vec![self.0]
    }
}

impl ShapeArg for (i64, i64) {
    fn dims(self) -> Vec<i64> {
        vec![self.0, self.1]
    }
}

impl ShapeArg for (i64, i64, i64) {
    fn dims(self) -> Vec<i64> {
        vec![self.0, self.1, self.2]
    }
}

impl ShapeArg for (i64, i64, i64, i64) {
    fn dims(self) -> Vec<i64> {
        vec![self.0, self.1, self.2, self.3]
    }
}

impl ShapeArg for (i64, i64, i64, i64, i64) {
    fn dims(self) -> Vec<i64> {
        vec![self.0, self.1, self.2, self.3, self.4]
    }
}

/// The shape argument as ints.
pub fn shape_arg(s: impl ShapeArg) -> Vec<i64> {
    s.dims()
}

/// `t.size(d)` / `a.shape[d]` with a torch-style dimension check.
pub fn dim_size(a: &NdArray, d: i64) -> PyResult<i64> {
    let x = dim_ix(d, a.ndim())?;
    Ok(a.dims().get(x).copied().unwrap_or(1) as i64)
}

/// `np.var(a, axis, keepdims, ddof)`: the mean squared deviation from the mean, divided by
/// `n - ddof` instead of `n`. Built from the elementwise ops and the mean, as numpy defines it.
pub fn var(a: &NdArray, axis: Option<i64>, keepdims: bool, ddof: i64) -> PyResult<NdArray> {
    let mean = reduce(Reduce::Mean, a, axis, true)?;
    let dev = binary(BinOp::Sub, a, &mean)?;
    let sq = binary(BinOp::Mul, &dev, &dev)?;
    let m = reduce(Reduce::Mean, &sq, axis, keepdims)?;
    if ddof == 0 {
        return Ok(m);
    }
    let n = match axis {
        None => a.size() as i64,
        Some(ax) => {
            let nd = a.ndim() as i64;
            let i = if ax < 0 { ax + nd } else { ax };
            a.dims().get(i as usize).copied().unwrap_or(0) as i64
        }
    };
    // numpy divides by max(n - ddof, 0), giving inf or nan; Rust's float division does the same.
    binary(BinOp::Mul, &m, (n as f64) / ((n - ddof).max(0) as f64))
}

/// `np.std(a, axis, keepdims, ddof)`: the square root of [`var`].
pub fn std(a: &NdArray, axis: Option<i64>, keepdims: bool, ddof: i64) -> PyResult<NdArray> {
    unary(UnOp::Sqrt, &var(a, axis, keepdims, ddof)?)
}

// ---- torch helpers of the model cards' pooling code -------------------------------------------

/// `~a`: logical not of a bool array, bitwise not (`-a - 1`) of an integer one; floats are a
/// TypeError with numpy's or torch's message.
pub fn invert(a: &NdArray, fl: Flavor) -> PyResult<NdArray> {
    match a.dtype() {
        DType::Bool => {
            let t = a.tensor().eq(0u8).map_err(ce)?;
            Ok(NdArray::wrap(t, DType::Bool))
        }
        d if d.is_int() => {
            // candle has no integer unary kernels: ~x is -1 - x (wrapped to the dtype).
            let minus_one = Tensor::full(-1i64, a.dims(), &Device::Cpu).map_err(ce)?;
            let t = minus_one.sub(a.tensor()).map_err(ce)?;
            Ok(NdArray::wrap(t, d))
        }
        _ => Err(match fl {
            Flavor::Numpy => PyErr::type_error(
                "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            ),
            Flavor::Torch => {
                PyErr::type_error(
                    "~ (operator.invert) is only implemented on integer and Boolean-type tensors",
                )
            }
        }),
    }
}

/// `F.layer_norm(input, normalized_shape, weight, bias, eps)`: each slice over the trailing
/// `normalized_shape` axes minus its mean, over its standard deviation (biased variance plus eps),
/// then scaled and shifted. A shape that is not the input's trailing shape is torch's RuntimeError.
pub fn layer_norm(
    a: &NdArray,
    normalized_shape: &[i64],
    weight: Option<&NdArray>,
    bias: Option<&NdArray>,
    eps: f64,
) -> PyResult<NdArray> {
    let dims = a.dims().to_vec();
    let k = normalized_shape.len();
    let fits = k >= 1
        && k <= dims.len()
        && dims[dims.len() - k..]
            .iter()
            .zip(normalized_shape)
            .all(|(&d, &n)| d as i64 == n);
    if !fits {
        let shape = |s: &[i64]| {
            s.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let expected = if normalized_shape.is_empty() {
            "[*]".to_string()
        } else {
            format!("[*, {}]", shape(normalized_shape))
        };
        let got: Vec<i64> = dims.iter().map(|&d| d as i64).collect();
        return Err(PyErr::runtime_error(format!(
            "Given normalized_shape=[{}], expected input with shape {expected}, but got input of size[{}]",
            shape(normalized_shape),
            shape(&got)
        )));
    }
    if !a.dtype().is_float() {
        return Err(PyErr::runtime_error(format!(
            "\"LayerNormKernelImpl\" not implemented for '{}'",
            if a.dtype() == DType::Bool {
                "Bool"
            } else {
                "Long"
            }
        )));
    }
    let lead: usize = dims[..dims.len() - k].iter().product();
    let inner: usize = dims[dims.len() - k..].iter().product();
    let x = a.tensor().reshape((lead, inner)).map_err(ce)?;
    let mean = x.mean_keepdim(1).map_err(ce)?;
    let centered = x.broadcast_sub(&mean).map_err(ce)?;
    let var = centered.sqr().and_then(|s| s.mean_keepdim(1)).map_err(ce)?;
    let denom = (var + eps).and_then(|v| v.sqrt()).map_err(ce)?;
    let mut y = centered
        .broadcast_div(&denom)
        .and_then(|y| y.reshape(dims.as_slice()))
        .map_err(ce)?;
    let dt = a.dtype();
    if let Some(w) = weight {
        y = y.broadcast_mul(w.astype(dt)?.tensor()).map_err(ce)?;
    }
    if let Some(b) = bias {
        y = y.broadcast_add(b.astype(dt)?.tensor()).map_err(ce)?;
    }
    Ok(NdArray::wrap(y, dt))
}

/// `torch.arange(start, end, step)` over ints: int64, with torch's RuntimeErrors for a zero step
/// and for bounds the step cannot reach.
pub fn torch_arange_int(start: i64, end: i64, step: i64) -> PyResult<NdArray> {
    if step == 0 {
        return Err(PyErr::runtime_error("step must be nonzero"));
    }
    if (step > 0 && end < start) || (step < 0 && end > start) {
        return Err(PyErr::runtime_error(
            "upper bound and lower bound inconsistent with step sign",
        ));
    }
    arange_int(start, end, step)
}

/// A torch device as a value (`t.device`, `model.device`): compiled code runs its tensor ops on
/// the CPU, so the value only travels to `device=` keywords and `.to(device)`, which keep the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TorchDevice;
