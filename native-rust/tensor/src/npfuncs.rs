//! The wider numpy function library behind the registry's numpy family: elementwise ufuncs,
//! reductions and scans along an axis, order statistics, searching, sorting and set operations,
//! windowed sums, interpolation, creation and shape helpers, padding and index assignment.
//! Each is one call from generated code. The loops here run over typed flat buffers (one lane
//! of an axis at a time), never over Python values; the operations candle has kernels for live
//! in `ops`.

use crate::ops::{
    bcast_to, broadcast_shape, concatenate, getitem, norm_axis, promote, promote_arrays,
    reshape_raw, Ix, Operand,
};
use crate::{ce, DType, Flat, Flavor, NdArray};
use ingot_runtime::{ErrKind, PyErr, PyResult};

// ---- Lanes along an axis -----------------------------------------------------------------

/// The elements as f64 with `axis` moved last (None: the flattened array), the moved shape,
/// and the lane length.
fn lanes(a: &NdArray, axis: Option<i64>) -> PyResult<(Vec<f64>, Vec<usize>, usize, usize)> {
    let (src, ax) = match axis {
        None => (reshape_raw(a, &[a.size()])?, 0),
        Some(x) => {
            if a.ndim() == 0 {
                return Err(axis_error(x, 0));
            }
            (a.clone(), norm_axis(x, a.ndim())?)
        }
    };
    let nd = src.ndim();
    let mut perm: Vec<usize> = (0..nd).filter(|&d| d != ax).collect();
    perm.push(ax);
    let t = src
        .tensor()
        .permute(perm)
        .map_err(ce)?
        .contiguous()
        .map_err(ce)?;
    let moved = NdArray::wrap(t, src.dtype());
    let n = src.dims()[ax];
    Ok((moved.to_f64_vec()?, moved.shape(), n, ax))
}

fn axis_error(axis: i64, ndim: usize) -> PyErr {
    PyErr::new(
        ErrKind::IndexError,
        format!("axis {axis} is out of bounds for array of dimension {ndim}"),
    )
}

/// Runs `f` on every lane along `axis`; each lane writes `m` values, which replace the axis
/// (moved back to its place). The result is float64 data of the new shape.
fn along(
    a: &NdArray,
    axis: Option<i64>,
    m: usize,
    mut f: impl FnMut(&[f64], &mut Vec<f64>) -> PyResult<()>,
) -> PyResult<(Vec<f64>, Vec<usize>)> {
    let (data, moved, n, ax) = lanes(a, axis)?;
    let count: usize = moved[..moved.len() - 1].iter().product();
    let mut out = Vec::with_capacity(count * m);
    for r in 0..count {
        f(&data[r * n..(r + 1) * n], &mut out)?;
    }
    let mut shape = moved.clone();
    *shape.last_mut().expect("a lane axis") = m;
    // Move the last axis back to `ax`.
    let nd = shape.len();
    if ax == nd - 1 {
        return Ok((out, shape));
    }
    let t = NdArray::from_f64(out, &shape, DType::Float64)?;
    let mut perm: Vec<usize> = (0..nd - 1).collect();
    perm.insert(ax, nd - 1);
    let back = t
        .tensor()
        .permute(perm)
        .map_err(ce)?
        .contiguous()
        .map_err(ce)?;
    let back = NdArray::wrap(back, DType::Float64);
    Ok((back.to_f64_vec()?, back.shape()))
}

/// The shape after reducing `axis` (None: everything), with numpy's keepdims.
fn reduced_shape(a: &NdArray, axis: Option<i64>, keepdims: bool) -> PyResult<Vec<usize>> {
    Ok(match axis {
        None if keepdims => vec![1; a.ndim()],
        None => vec![],
        Some(x) => {
            let ax = norm_axis(x, a.ndim())?;
            let mut s = a.shape();
            if keepdims {
                s[ax] = 1;
            } else {
                s.remove(ax);
            }
            s
        }
    })
}

/// numpy's total order for sorting: NaN last.
fn cmp_nan_last(x: &f64, y: &f64) -> std::cmp::Ordering {
    x.partial_cmp(y)
        .unwrap_or_else(|| x.is_nan().cmp(&y.is_nan()))
}

fn sorted(lane: &[f64]) -> Vec<f64> {
    let mut v = lane.to_vec();
    v.sort_by(cmp_nan_last);
    v
}

// ---- Reductions beyond sum/mean/max/min --------------------------------------------------

/// A reduction along one axis (or the whole array).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduce2 {
    Prod,
    Any,
    All,
    Median,
    Ptp,
    CountNonzero,
    NanSum,
    NanMean,
    NanMax,
    NanMin,
}

/// numpy's accumulator dtype of sum, prod, cumsum and cumprod: bool and the signed integers
/// give int64, the unsigned ones uint64; floats keep theirs.
fn sum_dtype(d: DType) -> DType {
    match d {
        d if d.is_float() => d,
        d if d.is_unsigned() => DType::UInt64,
        _ => DType::Int64,
    }
}

/// `np.prod`, `np.any`, `np.all`, `np.median`, `np.ptp`, `np.count_nonzero` and the nan-ignoring
/// reductions, with `axis` and `keepdims`; the whole array gives a 0-d array (a scalar).
pub fn reduce2(op: Reduce2, a: &NdArray, axis: Option<i64>, keepdims: bool) -> PyResult<NdArray> {
    let dt = a.dtype();
    let out_dt = match op {
        Reduce2::Prod | Reduce2::NanSum => sum_dtype(dt),
        Reduce2::Any | Reduce2::All => DType::Bool,
        Reduce2::CountNonzero => DType::Int64,
        Reduce2::Median | Reduce2::NanMean => {
            if dt.is_float() {
                dt
            } else {
                DType::Float64
            }
        }
        Reduce2::Ptp => {
            if dt == DType::Bool {
                return Err(PyErr::type_error("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."));
            }
            dt
        }
        Reduce2::NanMax | Reduce2::NanMin => dt,
    };
    let shape = reduced_shape(a, axis, keepdims)?;
    let (data, _) = along(a, axis, 1, |lane, out| {
        let v = match op {
            Reduce2::Prod => lane.iter().product(),
            Reduce2::Any => f64::from(u8::from(lane.iter().any(|&x| x != 0.0))),
            Reduce2::All => f64::from(u8::from(lane.iter().all(|&x| x != 0.0))),
            Reduce2::CountNonzero => lane.iter().filter(|&&x| x != 0.0).count() as f64,
            Reduce2::Median => median_of(lane),
            Reduce2::Ptp => {
                if lane.is_empty() {
                    return Err(PyErr::value_error(
                        "zero-size array to reduction operation maximum which has no identity",
                    ));
                }
                if lane.iter().any(|x| x.is_nan()) {
                    f64::NAN
                } else {
                    let mx = lane.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                    let mn = lane.iter().cloned().fold(f64::INFINITY, f64::min);
                    mx - mn
                }
            }
            Reduce2::NanSum => lane.iter().filter(|x| !x.is_nan()).sum(),
            Reduce2::NanMean => {
                let kept: Vec<f64> = lane.iter().cloned().filter(|x| !x.is_nan()).collect();
                if kept.is_empty() {
                    f64::NAN
                } else {
                    kept.iter().sum::<f64>() / kept.len() as f64
                }
            }
            Reduce2::NanMax | Reduce2::NanMin => {
                if lane.is_empty() {
                    return Err(PyErr::value_error(format!(
                        "zero-size array to reduction operation {} which has no identity",
                        if op == Reduce2::NanMax {
                            "fmax"
                        } else {
                            "fmin"
                        }
                    )));
                }
                let kept = lane.iter().cloned().filter(|x| !x.is_nan());
                let v = if op == Reduce2::NanMax {
                    kept.fold(f64::NAN, f64::max)
                } else {
                    kept.fold(f64::NAN, f64::min)
                };
                v
            }
        };
        out.push(v);
        Ok(())
    })?;
    NdArray::from_f64(data, &shape, out_dt)
}

/// numpy's median: the middle element, or the mean of the two middle ones; NaN if any is NaN.
fn median_of(lane: &[f64]) -> f64 {
    if lane.is_empty() || lane.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    let s = sorted(lane);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

/// numpy's default ('linear') quantile of one lane at `q` in [0, 1].
/// The `method=` of np.quantile/np.percentile: linear interpolation (the default), the
/// midpoint of the two neighbours, or one of them (lower, higher, nearest by half-to-even).
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum QMethod {
    Linear,
    Lower,
    Higher,
    Nearest,
    Midpoint,
}

fn quantile_by(lane: &[f64], q: f64, method: QMethod) -> f64 {
    if lane.is_empty() || lane.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    let s = sorted(lane);
    let n = s.len();
    let pos = q * (n - 1) as f64;
    let last = (n - 1) as f64;
    match method {
        QMethod::Lower => return s[pos.floor().clamp(0.0, last) as usize],
        QMethod::Higher => return s[pos.ceil().clamp(0.0, last) as usize],
        QMethod::Nearest => return s[pos.round_ties_even().clamp(0.0, last) as usize],
        QMethod::Midpoint => {
            let (lo, hi) = (pos.floor().clamp(0.0, last), pos.ceil().clamp(0.0, last));
            let (a, b) = (s[lo as usize], s[hi as usize]);
            return if lo == hi { a } else { a + (b - a) * 0.5 };
        }
        QMethod::Linear => {}
    }
    let lo = pos.floor();
    let t = pos - lo;
    let lo = lo as usize;
    let hi = (lo + 1).min(n - 1);
    let (a, b) = (s[lo], s[hi]);
    // numpy's `_lerp`: exact at both ends.
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// `np.quantile(a, q)` / `np.percentile(a, q)` (`scale` 100) with the default linear method:
/// `qs` holds the requested points; `many` says q was a sequence, whose axis comes first.
pub fn quantile(
    a: &NdArray,
    qs: &[f64],
    many: bool,
    scale: f64,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<NdArray> {
    quantile_method(a, qs, many, scale, axis, keepdims, QMethod::Linear)
}

/// As [`quantile`] with numpy's `method=`: lower, higher and nearest pick an element and keep
/// the input's dtype; midpoint and linear give floats.
pub fn quantile_method(
    a: &NdArray,
    qs: &[f64],
    many: bool,
    scale: f64,
    axis: Option<i64>,
    keepdims: bool,
    method: QMethod,
) -> PyResult<NdArray> {
    for &q in qs {
        if !(0.0..=scale).contains(&q) {
            return Err(PyErr::value_error(if scale == 1.0 {
                "Quantiles must be in the range [0, 1]"
            } else {
                "Percentiles must be in the range [0, 100]"
            }));
        }
    }
    let picks = matches!(method, QMethod::Lower | QMethod::Higher | QMethod::Nearest);
    let out_dt = if picks || a.dtype() == DType::Float32 {
        a.dtype()
    } else {
        DType::Float64
    };
    let inner = reduced_shape(a, axis, keepdims)?;
    let mut data = Vec::new();
    for &q in qs {
        let (d, _) = along(a, axis, 1, |lane, out| {
            out.push(quantile_by(lane, q / scale, method));
            Ok(())
        })?;
        data.extend(d);
    }
    let mut shape = if many { vec![qs.len()] } else { vec![] };
    shape.extend(inner);
    NdArray::from_f64(data, &shape, out_dt)
}

/// The points of `np.quantile`'s q: a number or a sequence of numbers.
pub trait QArg {
    fn points(self) -> PyResult<Vec<f64>>;
}
impl QArg for f64 {
    fn points(self) -> PyResult<Vec<f64>> {
        Ok(vec![self])
    }
}
impl QArg for i64 {
    fn points(self) -> PyResult<Vec<f64>> {
        Ok(vec![self as f64])
    }
}
impl QArg for Vec<f64> {
    fn points(self) -> PyResult<Vec<f64>> {
        Ok(self)
    }
}
impl QArg for Vec<i64> {
    fn points(self) -> PyResult<Vec<f64>> {
        Ok(self.into_iter().map(|x| x as f64).collect())
    }
}
impl QArg for NdArray {
    fn points(self) -> PyResult<Vec<f64>> {
        self.to_f64_vec()
    }
}
impl QArg for (f64, f64) {
    fn points(self) -> PyResult<Vec<f64>> {
        Ok(vec![self.0, self.1])
    }
}
impl QArg for (i64, i64) {
    fn points(self) -> PyResult<Vec<f64>> {
        Ok(vec![self.0 as f64, self.1 as f64])
    }
}
impl QArg for (f64, f64, f64) {
    fn points(self) -> PyResult<Vec<f64>> {
        Ok(vec![self.0, self.1, self.2])
    }
}
impl QArg for (i64, i64, i64) {
    fn points(self) -> PyResult<Vec<f64>> {
        Ok(vec![self.0 as f64, self.1 as f64, self.2 as f64])
    }
}
pub fn qs(q: impl QArg) -> Vec<f64> {
    // Only the conversions above exist; none fails except an array's read, which cannot here.
    q.points().unwrap_or_default()
}

/// `np.average(a, axis, weights)`: the weighted mean (weights of the lane's length, or of the
/// array's shape); ZeroDivisionError when the weights sum to zero, as numpy raises.
pub fn average(a: &NdArray, axis: Option<i64>, weights: Option<&NdArray>) -> PyResult<NdArray> {
    let out_dt =
        if a.dtype() == DType::Float32 && weights.is_none_or(|w| w.dtype() == DType::Float32) {
            DType::Float32
        } else {
            DType::Float64
        };
    let shape = reduced_shape(a, axis, false)?;
    let w = match weights {
        None => None,
        Some(w) if w.dims() == a.dims() => Some(lanes(w, axis)?.0),
        Some(w) if w.ndim() == 1 && axis.is_some() => {
            let ax = norm_axis(axis.unwrap_or(0), a.ndim())?;
            if w.dims()[0] != a.dims()[ax] {
                return Err(PyErr::value_error(
                    "Length of weights not compatible with specified axis.",
                ));
            }
            let wv = w.to_f64_vec()?;
            let count = a.size() / a.dims()[ax].max(1);
            Some(wv.iter().cloned().cycle().take(count * wv.len()).collect())
        }
        Some(_) => {
            return Err(PyErr::type_error(
                "Axis must be specified when shapes of a and weights differ.",
            ))
        }
    };
    let mut row = 0usize;
    let (data, _) = along(a, axis, 1, |lane, out| {
        let n = lane.len();
        let v = match &w {
            None => lane.iter().sum::<f64>() / n as f64,
            Some(w) => {
                let ws = &w[row * n..(row + 1) * n];
                let total: f64 = ws.iter().sum();
                if total == 0.0 {
                    return Err(PyErr::new(
                        ErrKind::ZeroDivisionError,
                        "Weights sum to zero, can't be normalized",
                    ));
                }
                lane.iter().zip(ws).map(|(x, w)| x * w).sum::<f64>() / total
            }
        };
        row += 1;
        out.push(v);
        Ok(())
    })?;
    NdArray::from_f64(data, &shape, out_dt)
}

// ---- Scans --------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scan {
    Cumsum,
    Cumprod,
    Sort,
    /// `np.maximum.accumulate` / `np.minimum.accumulate`: running extremes, NaN propagating.
    Max,
    Min,
}

/// `np.cumsum`/`np.cumprod` (axis None flattens; bools count as ints) and `np.sort` (NaN last).
pub fn scan(op: Scan, a: &NdArray, axis: Option<i64>) -> PyResult<NdArray> {
    if a.ndim() == 0 && (op == Scan::Max || op == Scan::Min) {
        return Err(PyErr::type_error("cannot accumulate on a scalar"));
    }
    if a.ndim() == 0 && op == Scan::Sort {
        return Err(PyErr::new(
            ErrKind::IndexError,
            "axis -1 is out of bounds for array of dimension 0",
        ));
    }
    let out_dt = match (op, a.dtype()) {
        (Scan::Cumsum | Scan::Cumprod, d) => sum_dtype(d),
        (_, d) => d,
    };
    let n = match axis {
        None => a.size(),
        Some(x) => a.dims()[norm_axis(x, a.ndim().max(1))?.min(a.ndim().saturating_sub(1))],
    };
    let (data, shape) = along(a, axis, n, |lane, out| {
        match op {
            Scan::Cumsum => {
                let mut acc = 0.0;
                out.extend(lane.iter().map(|x| {
                    acc += x;
                    acc
                }));
            }
            Scan::Cumprod => {
                let mut acc = 1.0;
                out.extend(lane.iter().map(|x| {
                    acc *= x;
                    acc
                }));
            }
            Scan::Sort => out.extend(sorted(lane)),
            Scan::Max | Scan::Min => {
                let mut acc: Option<f64> = None;
                out.extend(lane.iter().map(|&x| {
                    let v = match acc {
                        None => x,
                        Some(m) if m.is_nan() || x.is_nan() => f64::NAN,
                        Some(m) => {
                            if (op == Scan::Max) == (x > m) {
                                x
                            } else {
                                m
                            }
                        }
                    };
                    acc = Some(v);
                    v
                }));
            }
        }
        Ok(())
    })?;
    NdArray::from_f64(data, &shape, out_dt)
}

/// `np.diff(a, n=1, axis=-1)`; bools give `!=` of neighbours, as numpy.
pub fn diff(a: &NdArray, n: i64, axis: i64) -> PyResult<NdArray> {
    if n < 0 {
        return Err(PyErr::value_error(format!(
            "order must be non-negative but got {n}"
        )));
    }
    if a.ndim() == 0 {
        return Err(PyErr::value_error(
            "diff requires input that is at least one dimensional",
        ));
    }
    let mut r = a.clone();
    for _ in 0..n {
        let len = r.dims()[norm_axis(axis, r.ndim())?];
        let m = len.saturating_sub(1);
        let bool_in = r.dtype() == DType::Bool;
        let (data, shape) = along(&r, Some(axis), m, |lane, out| {
            out.extend(lane.windows(2).map(|w| {
                if bool_in {
                    f64::from(u8::from(w[1] != w[0]))
                } else {
                    w[1] - w[0]
                }
            }));
            Ok(())
        })?;
        r = NdArray::from_f64(data, &shape, r.dtype())?;
    }
    Ok(r)
}

// ---- Elementwise ufuncs ---------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UFunc {
    Log1p,
    Expm1,
    Log2,
    Log10,
    Exp2,
    Sin,
    Cos,
    Tan,
    Arcsin,
    Arccos,
    Arctan,
    Sinh,
    Cosh,
    Floor,
    Ceil,
    Trunc,
    Rint,
    Sign,
    Square,
    Reciprocal,
    Isnan,
    Isinf,
    Isfinite,
    LogicalNot,
    Deg2rad,
    Rad2deg,
    Cbrt,
    /// `1 / sqrt(x)` (torch.rsqrt; numpy has none).
    Rsqrt,
}

/// A one-argument ufunc with numpy's output dtypes: ints give float64 for the transcendental
/// ones; floor/ceil/trunc/sign/square keep ints; the predicates give bools.
pub fn ufunc(op: UFunc, a: &NdArray) -> PyResult<NdArray> {
    use UFunc::*;
    let dt = a.dtype();
    let out_dt = match op {
        Isnan | Isinf | Isfinite | LogicalNot => DType::Bool,
        Floor | Ceil | Trunc | Square | Sign if !dt.is_float() => {
            if op == Sign && dt == DType::Bool {
                return Err(PyErr::type_error(
                    "ufunc 'sign' did not contain a loop with signature matching types",
                ));
            }
            if op == Square && dt == DType::Bool {
                DType::Bool
            } else {
                dt
            }
        }
        Reciprocal if dt.is_int() => dt,
        // numpy's smallest float loop that holds the input (float16 for bool and 8-bit ints).
        _ => dt.float_for(Flavor::Numpy),
    };
    ufunc_into(op, a, out_dt)
}

/// The same functions with torch's output dtypes: ints and bools give float32 for every function
/// but `sign` and `square`, which keep an int dtype (torch's integer kernels) and take no bools.
pub fn tufunc(op: UFunc, a: &NdArray) -> PyResult<NdArray> {
    use UFunc::*;
    let dt = a.dtype();
    let out_dt = match op {
        Isnan | Isinf | Isfinite | LogicalNot => DType::Bool,
        Sign | Square | Floor | Ceil | Trunc if dt == DType::Bool => {
            return Err(PyErr::type_error(format!(
                "torch has no {op:?} of a bool tensor here; convert with .int()"
            )))
        }
        Sign | Square | Floor | Ceil | Trunc if !dt.is_float() => dt,
        _ => dt.float_for(Flavor::Torch),
    };
    ufunc_into(op, a, out_dt)
}

fn ufunc_into(op: UFunc, a: &NdArray, out_dt: DType) -> PyResult<NdArray> {
    use UFunc::*;
    let x = a.to_f64_vec()?;
    let y: Vec<f64> = x
        .into_iter()
        .map(|v| {
            // float32 results are rounded to f32 at the end; computing in f64 first rounds once more
            // than numpy's own float32 loops, well inside the differential tolerance.
            match op {
                Log1p => v.ln_1p(),
                Expm1 => v.exp_m1(),
                Log2 => v.log2(),
                Log10 => v.log10(),
                Exp2 => v.exp2(),
                Sin => v.sin(),
                Cos => v.cos(),
                Tan => v.tan(),
                Arcsin => v.asin(),
                Arccos => v.acos(),
                Arctan => v.atan(),
                Sinh => v.sinh(),
                Cosh => v.cosh(),
                Floor => v.floor(),
                Ceil => v.ceil(),
                Trunc => v.trunc(),
                Rint => v.round_ties_even(),
                Sign => {
                    if v.is_nan() {
                        f64::NAN
                    } else if v > 0.0 {
                        1.0
                    } else if v < 0.0 {
                        -1.0
                    } else {
                        0.0
                    }
                }
                Square => v * v,
                Reciprocal => {
                    if out_dt.is_int() {
                        // numpy's integer reciprocal: 1 for 1, -1 for -1, 0 otherwise, and the most
                        // negative int64 for 0 (C's division by zero on x86, with a warning).
                        if v == 1.0 || v == -1.0 {
                            v
                        } else if v == 0.0 {
                            i64::MIN as f64
                        } else {
                            0.0
                        }
                    } else {
                        1.0 / v
                    }
                }
                Isnan => f64::from(u8::from(v.is_nan())),
                Isinf => f64::from(u8::from(v.is_infinite())),
                Isfinite => f64::from(u8::from(v.is_finite())),
                LogicalNot => f64::from(u8::from(v == 0.0)),
                Deg2rad => v.to_radians(),
                Rad2deg => v.to_degrees(),
                Cbrt => v.cbrt(),
                Rsqrt => 1.0 / v.sqrt(),
            }
        })
        .collect();
    NdArray::from_f64(y, a.dims(), out_dt)
}

/// `np.round(a, decimals)` / `a.round(decimals)`: round half to even, as numpy (scale, rint,
/// unscale); ints with `decimals >= 0` are unchanged.
pub fn round(a: &NdArray, decimals: i64) -> PyResult<NdArray> {
    if !a.dtype().is_float() {
        if decimals >= 0 || a.dtype() == DType::Bool {
            return Ok(a.clone());
        }
        let p = 10f64.powi((-decimals) as i32);
        let y: Vec<f64> = a
            .to_f64_vec()?
            .into_iter()
            .map(|v| (v / p).round_ties_even() * p)
            .collect();
        return NdArray::from_f64(y, a.dims(), a.dtype());
    }
    let y: Vec<f64> = if a.dtype() == DType::Float32 {
        let p = 10f32.powi(decimals.unsigned_abs() as i32);
        a.to_f32_vec()?
            .into_iter()
            .map(|v| {
                f64::from(if decimals >= 0 {
                    (v * p).round_ties_even() / p
                } else {
                    (v / p).round_ties_even() * p
                })
            })
            .collect()
    } else {
        let p = 10f64.powi(decimals.unsigned_abs() as i32);
        a.to_f64_vec()?
            .into_iter()
            .map(|v| {
                if decimals >= 0 {
                    (v * p).round_ties_even() / p
                } else {
                    (v / p).round_ties_even() * p
                }
            })
            .collect()
    };
    NdArray::from_f64(y, a.dims(), a.dtype())
}

/// Two-argument ufuncs computed in f64 over the broadcast operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UFunc2 {
    Arctan2,
    Hypot,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
    Fmax,
    Fmin,
    Logaddexp,
    Logaddexp2,
}

pub fn ufunc2(op: UFunc2, a: impl Into<Operand>, b: impl Into<Operand>) -> PyResult<NdArray> {
    use UFunc2::*;
    let (a, b) = (a.into(), b.into());
    let dt = promote(&a, &b, Flavor::Numpy);
    let out_dt = match op {
        LogicalAnd | LogicalOr | LogicalXor => DType::Bool,
        Arctan2 | Hypot | Logaddexp | Logaddexp2 if !dt.is_float() => dt.float_for(Flavor::Numpy),
        _ => dt,
    };
    let (x, y) = (a.to_array(dt)?, b.to_array(dt)?);
    let shape = broadcast_shape(x.dims(), y.dims())?;
    let xv = bcast_to(&x, &shape)?.to_f64_vec()?;
    let yv = bcast_to(&y, &shape)?.to_f64_vec()?;
    let out: Vec<f64> = xv
        .iter()
        .zip(&yv)
        .map(|(&p, &q)| match op {
            Arctan2 => p.atan2(q),
            Hypot => p.hypot(q),
            LogicalAnd => f64::from(u8::from(p != 0.0 && q != 0.0)),
            LogicalOr => f64::from(u8::from(p != 0.0 || q != 0.0)),
            LogicalXor => f64::from(u8::from((p != 0.0) != (q != 0.0))),
            Fmax => {
                if q.is_nan() || p >= q {
                    p
                } else {
                    q
                }
            }
            Fmin => {
                if q.is_nan() || p <= q {
                    p
                } else {
                    q
                }
            }
            // numpy's npy_logaddexp: equal arguments (infinities too) add log 2; otherwise the larger
            // plus log1p of the smaller's exp relative to it.
            Logaddexp => {
                if p == q {
                    p + std::f64::consts::LN_2
                } else {
                    let t = p - q;
                    if t > 0.0 {
                        p + (-t).exp().ln_1p()
                    } else if t <= 0.0 {
                        q + t.exp().ln_1p()
                    } else {
                        t
                    }
                }
            }
            Logaddexp2 => {
                if p == q {
                    p + 1.0
                } else {
                    let t = p - q;
                    if t > 0.0 {
                        p + (-t).exp2().ln_1p() * std::f64::consts::LOG2_E
                    } else if t <= 0.0 {
                        q + t.exp2().ln_1p() * std::f64::consts::LOG2_E
                    } else {
                        t
                    }
                }
            }
        })
        .collect();
    NdArray::from_f64(out, &shape, out_dt)
}

/// `np.isclose(a, b, rtol, atol, equal_nan)`: `|a - b| <= atol + rtol * |b|`, infinities equal
/// only to themselves.
pub fn isclose(
    a: impl Into<Operand>,
    b: impl Into<Operand>,
    rtol: f64,
    atol: f64,
    equal_nan: bool,
) -> PyResult<NdArray> {
    let (a, b) = (a.into(), b.into());
    let (x, y) = (a.to_array(DType::Float64)?, b.to_array(DType::Float64)?);
    let shape = broadcast_shape(x.dims(), y.dims())?;
    let xv = bcast_to(&x, &shape)?.to_f64_vec()?;
    let yv = bcast_to(&y, &shape)?.to_f64_vec()?;
    let out: Vec<bool> = xv
        .iter()
        .zip(&yv)
        .map(|(&p, &q)| {
            if p.is_nan() || q.is_nan() {
                equal_nan && p.is_nan() && q.is_nan()
            } else if p.is_infinite() || q.is_infinite() {
                p == q
            } else {
                (p - q).abs() <= atol + rtol * q.abs()
            }
        })
        .collect();
    NdArray::from_bool(out, &shape)
}

/// `np.allclose(...)`: every element of `isclose`.
pub fn allclose(
    a: impl Into<Operand>,
    b: impl Into<Operand>,
    rtol: f64,
    atol: f64,
    equal_nan: bool,
) -> PyResult<bool> {
    let c = isclose(a, b, rtol, atol, equal_nan)?;
    Ok(c.to_f64_vec()?.iter().all(|&x| x != 0.0))
}

// ---- Searching ------------------------------------------------------------------------------

/// `np.nonzero(a)`: one int64 array of positions per axis (a 0-d array counts as 1-d).
pub fn nonzero(a: &NdArray) -> PyResult<Vec<NdArray>> {
    if a.ndim() == 0 {
        return Err(PyErr::value_error("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead. If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`."));
    }
    let dims = a.shape();
    let v = a.to_f64_vec()?;
    let mut cols: Vec<Vec<i64>> = vec![Vec::new(); dims.len()];
    for (flat, &x) in v.iter().enumerate() {
        if x != 0.0 {
            let mut rem = flat;
            for d in (0..dims.len()).rev() {
                cols[d].push((rem % dims[d]) as i64);
                rem /= dims[d];
            }
        }
    }
    cols.into_iter()
        .map(|c| {
            let n = c.len();
            NdArray::from_i64(c, &[n])
        })
        .collect()
}

/// `np.argwhere(a)`: the positions of nonzero elements, one row each.
pub fn argwhere(a: &NdArray) -> PyResult<NdArray> {
    if a.ndim() == 0 {
        let n = usize::from(a.to_f64_vec()?[0] != 0.0);
        return NdArray::from_i64(vec![], &[n, 0]);
    }
    let cols = nonzero(a)?;
    let n = cols[0].size();
    let cs: Vec<Vec<i64>> = cols
        .iter()
        .map(|c| c.to_i64_vec())
        .collect::<PyResult<_>>()?;
    let mut out = Vec::with_capacity(n * cs.len());
    for r in 0..n {
        for c in &cs {
            out.push(c[r]);
        }
    }
    NdArray::from_i64(out, &[n, cs.len()])
}

/// `np.flatnonzero(a)`: positions of nonzero elements in the flattened array.
pub fn flatnonzero(a: &NdArray) -> PyResult<NdArray> {
    let v: Vec<i64> = a
        .to_f64_vec()?
        .iter()
        .enumerate()
        .filter(|(_, &x)| x != 0.0)
        .map(|(i, _)| i as i64)
        .collect();
    let n = v.len();
    NdArray::from_i64(v, &[n])
}

/// `np.searchsorted(a, v, side)`: insertion points into the sorted 1-d `a`, of `v`'s shape.
pub fn searchsorted(a: &NdArray, v: impl Into<Operand>, right: bool) -> PyResult<NdArray> {
    if a.ndim() != 1 {
        return Err(PyErr::value_error("object too deep for desired array"));
    }
    let xs = a.to_f64_vec()?;
    let v = v.into().to_array(DType::Float64)?;
    // numpy's own binary search (`npy_binsearch`): when the keys increase it keeps the lower
    // bound of the previous key, so on unsorted input it lands where numpy does.
    let n = xs.len();
    let before = |x: &f64, q: &f64| {
        let o = cmp_nan_last(x, q);
        if right {
            o != std::cmp::Ordering::Greater
        } else {
            o == std::cmp::Ordering::Less
        }
    };
    let keys = v.to_f64_vec()?;
    let (mut lo, mut hi) = (0usize, n);
    let mut out = Vec::with_capacity(keys.len());
    for (i, q) in keys.iter().enumerate() {
        if i > 0 && cmp_nan_last(&keys[i - 1], q) == std::cmp::Ordering::Less {
            hi = n;
        } else {
            lo = 0;
            hi = if hi < n { hi + 1 } else { n };
        }
        while lo < hi {
            let mid = lo + ((hi - lo) >> 1);
            if before(&xs[mid], q) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        out.push(lo as i64);
    }
    NdArray::from_i64(out, v.dims())
}

/// `np.argsort(a, kind=...)` is in `ops`; `np.unique(a, return_index, return_inverse,
/// return_counts)` gives all four, the caller picks.
pub fn unique(a: &NdArray) -> PyResult<(NdArray, NdArray, NdArray, NdArray)> {
    let v = a.to_f64_vec()?;
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&i, &j| cmp_nan_last(&v[i], &v[j]).then(i.cmp(&j)));
    let mut vals = Vec::new();
    let mut first = Vec::new();
    let mut counts: Vec<i64> = Vec::new();
    let mut inverse = vec![0i64; v.len()];
    for &i in &order {
        let x = v[i];
        let same = vals
            .last()
            .is_some_and(|&l: &f64| l == x || (l.is_nan() && x.is_nan()));
        if !same {
            vals.push(x);
            first.push(i as i64);
            counts.push(0);
        }
        *counts.last_mut().expect("a value was pushed") += 1;
        inverse[i] = vals.len() as i64 - 1;
    }
    let n = vals.len();
    Ok((
        NdArray::from_f64(vals, &[n], a.dtype())?,
        NdArray::from_i64(first, &[n])?,
        NdArray::from_i64(inverse, if a.ndim() == 0 { &[1] } else { a.dims() })?,
        NdArray::from_i64(counts, &[n])?,
    ))
}

/// Set operations on the flattened arrays, giving sorted unique values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOp {
    Intersect,
    Union,
    Difference,
    Xor,
}

pub fn setop(op: SetOp, a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    let dt = promote_arrays(a.dtype(), b.dtype(), Flavor::Numpy);
    let ua = unique(a)?.0.to_f64_vec()?;
    let ub = unique(b)?.0.to_f64_vec()?;
    let has = |s: &[f64], x: f64| s.binary_search_by(|p| cmp_nan_last(p, &x)).is_ok();
    let mut out: Vec<f64> = match op {
        SetOp::Intersect => ua.iter().cloned().filter(|&x| has(&ub, x)).collect(),
        SetOp::Difference => ua.iter().cloned().filter(|&x| !has(&ub, x)).collect(),
        SetOp::Union => ua.iter().chain(ub.iter()).cloned().collect(),
        SetOp::Xor => ua
            .iter()
            .cloned()
            .filter(|&x| !has(&ub, x))
            .chain(ub.iter().cloned().filter(|&x| !has(&ua, x)))
            .collect(),
    };
    out.sort_by(cmp_nan_last);
    out.dedup_by(|x, y| x == y);
    let n = out.len();
    NdArray::from_f64(
        out,
        &[n],
        if op == SetOp::Difference {
            a.dtype()
        } else {
            dt
        },
    )
}

/// `np.isin(element, test_elements, invert=False)`: a bool array of `element`'s shape.
pub fn isin(element: impl Into<Operand>, test: &NdArray, invert: bool) -> PyResult<NdArray> {
    let e = element.into().to_array(DType::Float64)?;
    let mut t = test.to_f64_vec()?;
    t.sort_by(cmp_nan_last);
    let out: Vec<bool> = e
        .to_f64_vec()?
        .iter()
        .map(|x| (!x.is_nan() && t.binary_search_by(|p| cmp_nan_last(p, x)).is_ok()) != invert)
        .collect();
    NdArray::from_bool(out, e.dims())
}

// ---- Windows, interpolation, histograms ------------------------------------------------------

/// `np.convolve(a, v, mode)` with mode "full", "same" or "valid".
pub fn convolve(a: &NdArray, v: &NdArray, mode: &str) -> PyResult<NdArray> {
    let dt = promote_arrays(a.dtype(), v.dtype(), Flavor::Numpy);
    let dt = if dt == DType::Bool { DType::Bool } else { dt };
    let (mut x, mut k) = (a.to_f64_vec()?, v.to_f64_vec()?);
    if x.is_empty() {
        return Err(PyErr::value_error("a cannot be empty"));
    }
    if k.is_empty() {
        return Err(PyErr::value_error("v cannot be empty"));
    }
    if k.len() > x.len() {
        std::mem::swap(&mut x, &mut k);
    }
    let (n, m) = (x.len(), k.len());
    let full: Vec<f64> = (0..n + m - 1)
        .map(|i| {
            let lo = i.saturating_sub(m - 1);
            let hi = i.min(n - 1);
            (lo..=hi).map(|j| x[j] * k[i - j]).sum()
        })
        .collect();
    let out: Vec<f64> = match mode {
        "full" => full,
        "same" => {
            let start = (m - 1) / 2;
            full[start..start + n].to_vec()
        }
        "valid" => full[m - 1..n].to_vec(),
        other => {
            return Err(PyErr::value_error(format!(
                "mode must be one of 'valid', 'same', or 'full' (got '{other}')"
            )))
        }
    };
    let len = out.len();
    NdArray::from_f64(out, &[len], dt)
}

/// `np.interp(x, xp, fp, left=None, right=None)`: piecewise-linear, float64.
pub fn interp(
    x: impl Into<Operand>,
    xp: &NdArray,
    fp: &NdArray,
    left: Option<f64>,
    right: Option<f64>,
) -> PyResult<NdArray> {
    let x = x.into().to_array(DType::Float64)?;
    let (xp, fp) = (xp.to_f64_vec()?, fp.to_f64_vec()?);
    if xp.is_empty() {
        return Err(PyErr::value_error("array of sample points is empty"));
    }
    if xp.len() != fp.len() {
        return Err(PyErr::value_error("fp and xp are not of the same length."));
    }
    let n = xp.len();
    let (l, r) = (left.unwrap_or(fp[0]), right.unwrap_or(fp[n - 1]));
    let out: Vec<f64> = x
        .to_f64_vec()?
        .iter()
        .map(|&q| {
            if q.is_nan() {
                return f64::NAN;
            }
            if q < xp[0] {
                return l;
            }
            if q > xp[n - 1] {
                return r;
            }
            if q == xp[n - 1] {
                return fp[n - 1];
            }
            let j = xp.partition_point(|&p| p <= q) - 1;
            let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
            let y = slope * (q - xp[j]) + fp[j];
            if y.is_nan() {
                // numpy falls back to the other end's formula where the slope overflows.
                slope * (q - xp[j + 1]) + fp[j + 1]
            } else {
                y
            }
        })
        .collect();
    NdArray::from_f64(out, x.dims(), DType::Float64)
}

/// `np.bincount(x, weights=None, minlength=0)`.
pub fn bincount(x: &NdArray, weights: Option<&NdArray>, minlength: i64) -> PyResult<NdArray> {
    if x.ndim() != 1 {
        return Err(PyErr::value_error("object too deep for desired array"));
    }
    if x.dtype().is_float() {
        return Err(PyErr::type_error(
            "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'",
        ));
    }
    let v = x.to_i64_vec()?;
    if v.iter().any(|&i| i < 0) {
        return Err(PyErr::value_error(
            "'list' argument must have no negative elements",
        ));
    }
    if minlength < 0 {
        return Err(PyErr::value_error("'minlength' must not be negative"));
    }
    let len = (v.iter().cloned().max().map_or(0, |m| m + 1)).max(minlength) as usize;
    match weights {
        None => {
            let mut out = vec![0i64; len];
            for &i in &v {
                out[i as usize] += 1;
            }
            NdArray::from_i64(out, &[len])
        }
        Some(w) => {
            let wv = w.to_f64_vec()?;
            if wv.len() != v.len() {
                return Err(PyErr::value_error(
                    "The weights and list don't have the same length.",
                ));
            }
            let mut out = vec![0f64; len];
            for (&i, &x) in v.iter().zip(&wv) {
                out[i as usize] += x;
            }
            NdArray::from_f64(out, &[len], DType::Float64)
        }
    }
}

/// `np.histogram(a, bins=int, range=None)`: counts and edges (equal-width bins; the last bin
/// includes its right edge).
pub fn histogram(
    a: &NdArray,
    bins: i64,
    range: Option<(f64, f64)>,
) -> PyResult<(NdArray, NdArray)> {
    if bins < 1 {
        return Err(PyErr::value_error(
            "`bins` must be positive, when an integer",
        ));
    }
    let v = a.to_f64_vec()?;
    let (mut lo, mut hi) = match range {
        Some((l, h)) => {
            if l > h {
                return Err(PyErr::value_error(
                    "max must be larger than min in range parameter.",
                ));
            }
            (l, h)
        }
        None if v.is_empty() => (0.0, 1.0),
        None => (
            v.iter().cloned().fold(f64::INFINITY, f64::min),
            v.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
        ),
    };
    if !lo.is_finite() || !hi.is_finite() {
        return Err(PyErr::value_error(format!(
            "autodetected range of [{lo}, {hi}] is not finite"
        )));
    }
    if lo == hi {
        lo -= 0.5;
        hi += 0.5;
    }
    let nb = bins as usize;
    let edges: Vec<f64> = (0..=nb)
        .map(|i| lo + (hi - lo) * i as f64 / nb as f64)
        .collect();
    let mut counts = vec![0i64; nb];
    let norm = nb as f64 / (hi - lo);
    for &x in &v {
        if x < lo || x > hi || x.is_nan() {
            continue;
        }
        let mut i = (((x - lo) * norm) as usize).min(nb - 1);
        // numpy corrects the computed bin against the edges themselves.
        if x < edges[i] {
            i -= 1;
        } else if i + 1 < nb && x >= edges[i + 1] {
            i += 1;
        }
        counts[i] += 1;
    }
    Ok((
        NdArray::from_i64(counts, &[nb])?,
        NdArray::from_f64(edges, &[nb + 1], DType::Float64)?,
    ))
}

/// `np.digitize(x, bins, right=False)` for increasing bins.
pub fn digitize(x: impl Into<Operand>, bins: &NdArray, right: bool) -> PyResult<NdArray> {
    let b = bins.to_f64_vec()?;
    let x = x.into().to_array(DType::Float64)?;
    let out: Vec<i64> = x
        .to_f64_vec()?
        .iter()
        .map(|&q| {
            if right {
                b.partition_point(|&p| p < q) as i64
            } else {
                b.partition_point(|&p| p <= q) as i64
            }
        })
        .collect();
    NdArray::from_i64(out, x.dims())
}

/// `np.outer(a, b)`: the flattened arrays' products.
pub fn outer(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    let dt = promote_arrays(a.dtype(), b.dtype(), Flavor::Numpy);
    let (x, y) = (a.to_f64_vec()?, b.to_f64_vec()?);
    let mut out = Vec::with_capacity(x.len() * y.len());
    for &p in &x {
        out.extend(y.iter().map(|&q| p * q));
    }
    let dt = if dt == DType::Bool { DType::Bool } else { dt };
    NdArray::from_f64(out, &[x.len(), y.len()], dt)
}

// ---- Creation and shapes --------------------------------------------------------------------

/// `np.eye(n, m=None, k=0, dtype=float64)`.
pub fn eye(n: i64, m: Option<i64>, k: i64, dtype: DType) -> PyResult<NdArray> {
    let m = m.unwrap_or(n);
    if n < 0 || m < 0 {
        return Err(PyErr::value_error("negative dimensions are not allowed"));
    }
    let (n, m) = (n as usize, m as usize);
    let mut out = vec![0.0; n * m];
    for i in 0..n {
        let j = i as i64 + k;
        if j >= 0 && (j as usize) < m {
            out[i * m + j as usize] = 1.0;
        }
    }
    NdArray::from_f64(out, &[n, m], dtype)
}

/// `np.tile(a, reps)`.
pub fn tile(a: &NdArray, reps: &[i64]) -> PyResult<NdArray> {
    if reps.iter().any(|&r| r < 0) {
        return Err(PyErr::value_error("negative dimensions are not allowed"));
    }
    let nd = a.ndim().max(reps.len());
    let mut shape = vec![1usize; nd - a.ndim()];
    shape.extend(a.shape());
    let mut r = reshape_raw(a, &shape)?;
    let mut reps_full = vec![1i64; nd - reps.len()];
    reps_full.extend_from_slice(reps);
    for (d, &k) in reps_full.iter().enumerate() {
        if k != 1 {
            let copies = vec![r.clone(); k as usize];
            r = if k == 0 {
                let mut s = r.shape();
                s[d] = 0;
                NdArray::from_f64(vec![], &s, r.dtype())?
            } else {
                concatenate(&copies, Some(d as i64))?
            };
        }
    }
    Ok(r)
}

/// `np.repeat(a, repeats, axis=None)` with one repeat count.
pub fn repeat(a: &NdArray, repeats: i64, axis: Option<i64>) -> PyResult<NdArray> {
    if repeats < 0 {
        return Err(PyErr::value_error("negative dimensions are not allowed"));
    }
    let src = match axis {
        None => reshape_raw(a, &[a.size()])?,
        Some(_) => a.clone(),
    };
    let ax = norm_axis(axis.unwrap_or(0), src.ndim().max(1))?;
    let n = src.dims()[ax];
    let idx: Vec<i64> = (0..n as i64)
        .flat_map(|i| std::iter::repeat_n(i, repeats as usize))
        .collect();
    let len = idx.len();
    let mut ix: Vec<Ix> = vec![Ix::Slice(None, None, None); ax];
    ix.push(Ix::Array(NdArray::from_i64(idx, &[len])?));
    getitem(&src, &ix)
}

/// `np.squeeze(a, axis=None)`: numpy raises where the axis is not of size 1.
pub fn np_squeeze(a: &NdArray, axis: Option<i64>) -> PyResult<NdArray> {
    let dims: Vec<usize> = match axis {
        None => a.dims().iter().cloned().filter(|&d| d != 1).collect(),
        Some(x) => {
            let ax = norm_axis(x, a.ndim())?;
            if a.dims()[ax] != 1 {
                return Err(PyErr::value_error(
                    "cannot select an axis to squeeze out which has size not equal to one",
                ));
            }
            let mut s = a.shape();
            s.remove(ax);
            s
        }
    };
    reshape_raw(a, &dims)
}

/// `np.atleast_1d`, `np.atleast_2d` (the rank-raising used by vstack/hstack).
pub fn atleast(a: &NdArray, n: usize) -> PyResult<NdArray> {
    match (a.ndim(), n) {
        (0, 1) => reshape_raw(a, &[1]),
        (0, 2) => reshape_raw(a, &[1, 1]),
        (1, 2) => reshape_raw(a, &[1, a.size()]),
        _ => Ok(a.clone()),
    }
}

/// `np.vstack(arrays)`.
pub fn vstack(arrays: &[NdArray]) -> PyResult<NdArray> {
    let xs = arrays
        .iter()
        .map(|a| atleast(a, 2))
        .collect::<PyResult<Vec<_>>>()?;
    concatenate(&xs, Some(0))
}

/// `np.hstack(arrays)`: along axis 1, or 0 for 1-d arrays.
pub fn hstack(arrays: &[NdArray]) -> PyResult<NdArray> {
    let xs = arrays
        .iter()
        .map(|a| atleast(a, 1))
        .collect::<PyResult<Vec<_>>>()?;
    let ax = if xs.first().is_some_and(|x| x.ndim() == 1) {
        0
    } else {
        1
    };
    concatenate(&xs, Some(ax))
}

/// `np.split(a, n)` / `np.array_split(a, n)` (`exact` is split's rule that n divides the axis)
/// into equal parts, or at the given indices.
pub fn split(a: &NdArray, sections: SplitArg, axis: i64, exact: bool) -> PyResult<Vec<NdArray>> {
    let ax = norm_axis(axis, a.ndim())?;
    let len = a.dims()[ax] as i64;
    let bounds: Vec<(i64, i64)> = match sections {
        SplitArg::Count(n) => {
            if n <= 0 {
                return Err(PyErr::value_error("number sections must be larger than 0."));
            }
            if exact && len % n != 0 {
                return Err(PyErr::value_error(
                    "array split does not result in an equal division",
                ));
            }
            let (q, r) = (len / n, len % n);
            let mut start = 0;
            (0..n)
                .map(|i| {
                    let size = q + i64::from(i < r);
                    let b = (start, start + size);
                    start += size;
                    b
                })
                .collect()
        }
        SplitArg::Indices(ix) => {
            let mut pts = vec![0];
            pts.extend(
                ix.iter()
                    .map(|&i| if i < 0 { (i + len).max(0) } else { i.min(len) }),
            );
            pts.push(len);
            pts.windows(2).map(|w| (w[0], w[1].max(w[0]))).collect()
        }
    };
    bounds
        .into_iter()
        .map(|(lo, hi)| {
            let mut ix: Vec<Ix> = vec![Ix::Slice(None, None, None); ax];
            ix.push(Ix::Slice(Some(lo), Some(hi), None));
            getitem(a, &ix)
        })
        .collect()
}

/// How to split: a count of equal parts, or the indices to cut at.
pub enum SplitArg {
    Count(i64),
    Indices(Vec<i64>),
}
impl From<i64> for SplitArg {
    fn from(n: i64) -> Self {
        SplitArg::Count(n)
    }
}
impl From<Vec<i64>> for SplitArg {
    fn from(v: Vec<i64>) -> Self {
        SplitArg::Indices(v)
    }
}

/// `np.flip(a, axis=None)`.
pub fn flip(a: &NdArray, axis: Option<i64>) -> PyResult<NdArray> {
    let axes: Vec<usize> = match axis {
        None => (0..a.ndim()).collect(),
        Some(x) => vec![norm_axis(x, a.ndim())?],
    };
    let ix: Vec<Ix> = (0..a.ndim())
        .map(|d| {
            if axes.contains(&d) {
                Ix::Slice(None, None, Some(-1))
            } else {
                Ix::Slice(None, None, None)
            }
        })
        .collect();
    getitem(a, &ix)
}

/// `np.roll(a, shift, axis=None)`.
pub fn roll(a: &NdArray, shift: i64, axis: Option<i64>) -> PyResult<NdArray> {
    let src = match axis {
        None => reshape_raw(a, &[a.size()])?,
        Some(_) => a.clone(),
    };
    let ax = norm_axis(axis.unwrap_or(0), src.ndim().max(1))?;
    let n = src.dims()[ax] as i64;
    if n == 0 {
        return Ok(a.clone());
    }
    let idx: Vec<i64> = (0..n).map(|i| (i - shift).rem_euclid(n)).collect();
    let mut ix: Vec<Ix> = vec![Ix::Slice(None, None, None); ax];
    ix.push(Ix::Array(NdArray::from_i64(idx, &[n as usize])?));
    let r = getitem(&src, &ix)?;
    reshape_raw(&r, a.dims())
}

/// `np.pad(a, pad_width, mode, constant_values)` for modes "constant", "edge", "reflect",
/// "symmetric" and "wrap"; `widths` holds (before, after) per axis after numpy's broadcasting.
pub fn pad(a: &NdArray, widths: &[(i64, i64)], mode: &str, value: f64) -> PyResult<NdArray> {
    let nd = a.ndim();
    let widths: Vec<(i64, i64)> = match widths.len() {
        1 => vec![widths[0]; nd],
        n if n == nd => widths.to_vec(),
        _ => {
            return Err(PyErr::value_error(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: ({},2)  and requested shape ({nd},2)",
                widths.len()
            )))
        }
    };
    if widths.iter().any(|&(b, e)| b < 0 || e < 0) {
        return Err(PyErr::value_error("index can't contain negative values"));
    }
    if !["constant", "edge", "reflect", "symmetric", "wrap"].contains(&mode) {
        return Err(PyErr::value_error(format!(
            "mode '{mode}' is not supported"
        )));
    }
    let mut r = a.clone();
    for (d, &(before, after)) in widths.iter().enumerate() {
        if before == 0 && after == 0 {
            continue;
        }
        let n = r.dims()[d] as i64;
        if mode != "constant" && n == 0 {
            return Err(PyErr::value_error(format!(
                "can't extend empty axis {d} using modes other than 'constant' or 'empty'"
            )));
        }
        // The source position of each output position along this axis (-1: the constant).
        let src: Vec<i64> = (-before..n + after)
            .map(|i| {
                if (0..n).contains(&i) {
                    return i;
                }
                match mode {
                    "constant" => -1,
                    "edge" => i.clamp(0, n - 1),
                    "wrap" => i.rem_euclid(n),
                    "symmetric" => {
                        let p = i.rem_euclid(2 * n);
                        if p < n {
                            p
                        } else {
                            2 * n - 1 - p
                        }
                    }
                    _ => {
                        if n == 1 {
                            return 0;
                        }
                        let period = 2 * (n - 1);
                        let p = i.rem_euclid(period);
                        if p < n {
                            p
                        } else {
                            period - p
                        }
                    }
                }
            })
            .collect();
        let len = src.len();
        let clamped: Vec<i64> = src.iter().map(|&s| s.max(0)).collect();
        let mut ix: Vec<Ix> = vec![Ix::Slice(None, None, None); d];
        let gathered = if n == 0 {
            let mut s = r.shape();
            s[d] = len;
            NdArray::from_f64(vec![value; s.iter().product()], &s, r.dtype())?
        } else {
            ix.push(Ix::Array(NdArray::from_i64(clamped, &[len])?));
            getitem(&r, &ix)?
        };
        r = if mode == "constant" && n > 0 {
            let mut mshape = vec![1usize; nd];
            mshape[d] = len;
            let keep = NdArray::from_bool(src.iter().map(|&s| s >= 0).collect(), &mshape)?;
            crate::ops::where_(keep, gathered.clone(), fill_operand(value, r.dtype()))?
                .astype(r.dtype())?
        } else {
            gathered
        };
    }
    Ok(r)
}

fn fill_operand(value: f64, dt: DType) -> Operand {
    match dt {
        DType::Bool => Operand::Bool(value != 0.0),
        d if d.is_int() => Operand::Int(value as i64),
        _ => Operand::Float(value),
    }
}

/// `np.pad`'s `pad_width` forms: an int, `(before, after)`, or one pair per axis.
pub trait PadWidth {
    fn widths(self) -> Vec<(i64, i64)>;
}
impl PadWidth for i64 {
    fn widths(self) -> Vec<(i64, i64)> {
        vec![(self, self)]
    }
}
impl PadWidth for (i64, i64) {
    fn widths(self) -> Vec<(i64, i64)> {
        vec![self]
    }
}
impl PadWidth for ((i64, i64),) {
    fn widths(self) -> Vec<(i64, i64)> {
        vec![self.0]
    }
}
impl PadWidth for ((i64, i64), (i64, i64)) {
    fn widths(self) -> Vec<(i64, i64)> {
        vec![self.0, self.1]
    }
}
impl PadWidth for ((i64, i64), (i64, i64), (i64, i64)) {
    fn widths(self) -> Vec<(i64, i64)> {
        vec![self.0, self.1, self.2]
    }
}
impl PadWidth for Vec<(i64, i64)> {
    fn widths(self) -> Vec<(i64, i64)> {
        self
    }
}
impl PadWidth for Vec<Vec<i64>> {
    fn widths(self) -> Vec<(i64, i64)> {
        self.into_iter()
            .map(|p| {
                (
                    p.first().copied().unwrap_or(0),
                    p.get(1).copied().unwrap_or(0),
                )
            })
            .collect()
    }
}
pub fn pad_width(p: impl PadWidth) -> Vec<(i64, i64)> {
    p.widths()
}

/// `np.lib.stride_tricks.sliding_window_view(x, window_shape, axis=-1)` for one window axis:
/// the windows become a new last axis.
pub fn sliding_window_view(a: &NdArray, window: i64, axis: Option<i64>) -> PyResult<NdArray> {
    let ax = match axis {
        Some(x) => norm_axis(x, a.ndim())?,
        None => {
            if a.ndim() != 1 {
                return Err(PyErr::value_error(
                    "Since axis is `None`, must provide window_shape for all dimensions of `x`; got 1 window_shape elements and `x.ndim` is "
                        .to_string()
                        + &a.ndim().to_string()
                        + ".",
                ));
            }
            0
        }
    };
    if window < 0 {
        return Err(PyErr::value_error(
            "`window_shape` cannot contain negative values",
        ));
    }
    let n = a.dims()[ax] as i64;
    if window > n {
        return Err(PyErr::value_error(
            "window shape cannot be larger than input array shape",
        ));
    }
    let count = n - window + 1;
    let idx: Vec<i64> = (0..count)
        .flat_map(|s| (s..s + window).collect::<Vec<_>>())
        .collect();
    let mut ix: Vec<Ix> = vec![Ix::Slice(None, None, None); ax];
    ix.push(Ix::Array(NdArray::from_i64(
        idx,
        &[count as usize, window as usize],
    )?));
    let g = getitem(a, &ix)?;
    // The window axis sits right after `ax`; numpy puts it last.
    let nd = g.ndim();
    let mut perm: Vec<usize> = (0..nd).filter(|&d| d != ax + 1).collect();
    perm.push(ax + 1);
    let t = g
        .tensor()
        .permute(perm)
        .map_err(ce)?
        .contiguous()
        .map_err(ce)?;
    Ok(NdArray::wrap(t, a.dtype()))
}

// ---- Index assignment -----------------------------------------------------------------------

/// The flat positions `a[ix]` selects, in the shape `a[ix]` has.
fn positions(a: &NdArray, ix: &[Ix]) -> PyResult<NdArray> {
    let n = a.size() as i64;
    let pos = NdArray::from_i64((0..n).collect(), a.dims())?;
    getitem(&pos, ix)
}

/// `a[ix] = value` (and `a[ix] += v`, which Python runs as a read, an add and this write) for
/// every index form `getitem` takes, boolean masks included; the value broadcasts to the
/// selection and is cast to `a`'s dtype. The write goes into `a`'s storage, so every name
/// holding the array sees it, as in numpy.
pub fn setitem(a: &NdArray, ix: &[Ix], value: impl Into<Operand>) -> PyResult<()> {
    let pos = positions(a, ix)?;
    let value = value.into().to_array(a.dtype())?;
    let v = bcast_to(&value, pos.dims()).map_err(|_| {
        PyErr::value_error(format!(
            "could not broadcast input array from shape {} into shape {}",
            crate::shape_str(value.dims()),
            crate::shape_str(pos.dims())
        ))
    })?;
    let p = pos.to_i64_vec()?;
    let mut data = a.flat()?;
    match (&mut data, v.flat()?) {
        (Flat::F(d), Flat::F(s)) => p.iter().zip(s).for_each(|(&i, x)| d[i as usize] = x),
        (Flat::I(d), Flat::I(s)) => p.iter().zip(s).for_each(|(&i, x)| d[i as usize] = x),
        (Flat::B(d), Flat::B(s)) => p.iter().zip(s).for_each(|(&i, x)| d[i as usize] = x),
        _ => return Err(PyErr::runtime_error("setitem: mismatched storage kinds")),
    }
    let full = NdArray::from_flat(data, a.dims(), a.dtype())?;
    write_whole(a, &full)
}

/// `t[ix] = v` on a torch tensor: as [`setitem`], with torch's error for a value whose shape
/// does not broadcast to the selection.
pub fn tsetitem(a: &NdArray, ix: &[Ix], value: impl Into<Operand>) -> PyResult<()> {
    let pos = positions(a, ix)?;
    let value = value.into().to_array(a.dtype())?;
    if bcast_to(&value, pos.dims()).is_err() {
        let dims = |d: &[usize]| {
            format!(
                "[{}]",
                d.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(PyErr::runtime_error(format!(
            "shape mismatch: value tensor of shape {} cannot be broadcast to indexing result of shape {}",
            dims(value.dims()),
            dims(pos.dims())
        )));
    }
    setitem(a, ix, value)
}

/// `np.add.at(a, ix, values)`: unbuffered, so repeated positions add up.
pub fn add_at(a: &NdArray, ix: &[Ix], value: impl Into<Operand>) -> PyResult<()> {
    let pos = positions(a, ix)?;
    let value = value.into().to_array(a.dtype())?;
    let v = bcast_to(&value, pos.dims())?;
    let p = pos.to_i64_vec()?;
    let mut data = a.flat()?;
    match (&mut data, v.flat()?) {
        (Flat::F(d), Flat::F(s)) => p.iter().zip(s).for_each(|(&i, x)| d[i as usize] += x),
        (Flat::I(d), Flat::I(s)) => p
            .iter()
            .zip(s)
            .for_each(|(&i, x)| d[i as usize] = d[i as usize].wrapping_add(x)),
        (Flat::B(d), Flat::B(s)) => p.iter().zip(s).for_each(|(&i, x)| d[i as usize] |= x),
        _ => return Err(PyErr::runtime_error("add.at: mismatched storage kinds")),
    }
    let full = NdArray::from_flat(data, a.dims(), a.dtype())?;
    write_whole(a, &full)
}

fn write_whole(a: &NdArray, full: &NdArray) -> PyResult<()> {
    if a.ndim() == 0 {
        return Err(PyErr::type_error(
            "assignment into a 0-d array is not supported; rebind the name instead",
        ));
    }
    crate::write_into(a, full)
}

// ---- Python builtins on numpy scalars --------------------------------------------------------

/// `max(a, b, ...)` / `min(...)` where an argument is an array: Python's rule (a later argument
/// wins when `later > best`, by the truth of numpy's comparison, so only one-element arrays
/// compare), giving the winning argument as an array (a Python number as a 0-d array).
pub fn py_minmax(items: Vec<Operand>, max: bool) -> PyResult<NdArray> {
    let mut it = items.into_iter();
    let mut best = it
        .next()
        .ok_or_else(|| PyErr::type_error("max expected at least 1 argument, got 0"))?;
    for x in it {
        let op = if max {
            crate::ops::BinOp::Gt
        } else {
            crate::ops::BinOp::Lt
        };
        if crate::ops::binary(op, x.clone(), best.clone())?.truth()? {
            best = x;
        }
    }
    natural_array(best)
}

/// An operand as an array of its own dtype (Python numbers as 0-d float64/int64/bool).
pub fn natural_array(x: Operand) -> PyResult<NdArray> {
    match x {
        Operand::Arr(a) => Ok(a),
        Operand::Float(f) => Ok(NdArray::scalar_f64(f, DType::Float64)),
        Operand::Int(i) => NdArray::from_i64(vec![i], &[]),
        Operand::Bool(b) => NdArray::from_bool(vec![b], &[]),
    }
}

// ---- Windows ---------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    Hanning,
    Hamming,
    Blackman,
    Bartlett,
}

/// `np.hanning(M)` and friends: symmetric tapers of M points (empty for M < 1, `[1.0]` for 1).
pub fn window(kind: Window, m: i64) -> PyResult<NdArray> {
    if m < 1 {
        return NdArray::from_f64(vec![], &[0], DType::Float64);
    }
    if m == 1 {
        return NdArray::from_f64(vec![1.0], &[1], DType::Float64);
    }
    // numpy's own formulas over n = 1-M, 3-M, ..., M-1, so the values agree to the last bit.
    let pi = std::f64::consts::PI;
    let d = (m - 1) as f64;
    let out: Vec<f64> = (0..m)
        .map(|k| {
            let n = (1 - m + 2 * k) as f64;
            match kind {
                Window::Hanning => 0.5 + 0.5 * (pi * n / d).cos(),
                Window::Hamming => 0.54 + 0.46 * (pi * n / d).cos(),
                Window::Blackman => {
                    0.42 + 0.5 * (pi * n / d).cos() + 0.08 * (2.0 * pi * n / d).cos()
                }
                Window::Bartlett => {
                    if n <= 0.0 {
                        1.0 + n / d
                    } else {
                        1.0 - n / d
                    }
                }
            }
        })
        .collect();
    NdArray::from_f64(out, &[m as usize], DType::Float64)
}

// ---- Linear algebra on small matrices -------------------------------------------------------

/// The square matrices of a stack (`(..., n, n)`) as f64 rows, with the stack's leading shape.
fn square_stack(a: &NdArray, what: &str) -> PyResult<(Vec<f64>, Vec<usize>, usize)> {
    let nd = a.ndim();
    if nd < 2 {
        return Err(PyErr::new(
            ErrKind::ValueError,
            format!("{nd}-dimensional array given. Array must be at least two-dimensional"),
        ));
    }
    let (r, c) = (a.dims()[nd - 2], a.dims()[nd - 1]);
    if r != c {
        return Err(PyErr::value_error(format!(
            "Last 2 dimensions of the array must be square{what}"
        )));
    }
    Ok((a.to_f64_vec()?, a.dims()[..nd - 2].to_vec(), r))
}

/// LU decomposition with partial pivoting of one n×n matrix, in place; the sign of the
/// permutation, or None when the matrix is singular.
fn lu(m: &mut [f64], n: usize, perm: &mut [usize]) -> Option<f64> {
    let mut sign = 1.0;
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    for k in 0..n {
        let p = (k..n).max_by(|&i, &j| m[i * n + k].abs().total_cmp(&m[j * n + k].abs()))?;
        if m[p * n + k] == 0.0 {
            return None;
        }
        if p != k {
            for j in 0..n {
                m.swap(k * n + j, p * n + j);
            }
            perm.swap(k, p);
            sign = -sign;
        }
        for i in k + 1..n {
            let f = m[i * n + k] / m[k * n + k];
            m[i * n + k] = f;
            for j in k + 1..n {
                m[i * n + j] -= f * m[k * n + j];
            }
        }
    }
    Some(sign)
}

fn singular() -> PyErr {
    PyErr::new(ErrKind::ValueError, "Singular matrix")
}

fn float_out(a: &NdArray) -> DType {
    if matches!(a.dtype(), DType::Float32 | DType::Float16) {
        DType::Float32
    } else {
        DType::Float64
    }
}

/// `np.linalg.det(a)` for a matrix or a stack of them.
pub fn det(a: &NdArray) -> PyResult<NdArray> {
    let (v, lead, n) = square_stack(a, "")?;
    let mut out = Vec::new();
    let mut perm = vec![0; n];
    for m in v
        .chunks(n * n.max(1))
        .take(lead.iter().product::<usize>().max(1))
    {
        let mut m = m.to_vec();
        if n == 0 {
            out.push(1.0);
            continue;
        }
        out.push(match lu(&mut m, n, &mut perm) {
            None => 0.0,
            Some(sign) => sign * (0..n).map(|i| m[i * n + i]).product::<f64>(),
        });
    }
    NdArray::from_f64(out, &lead, float_out(a))
}

/// Solves L U x = P b for one matrix and the columns of `b` (n × k, row-major).
fn lu_solve(m: &[f64], perm: &[usize], n: usize, b: &[f64], k: usize) -> Vec<f64> {
    let mut x = vec![0.0; n * k];
    for col in 0..k {
        let mut y: Vec<f64> = (0..n).map(|i| b[perm[i] * k + col]).collect();
        for i in 0..n {
            for j in 0..i {
                y[i] -= m[i * n + j] * y[j];
            }
        }
        for i in (0..n).rev() {
            for j in i + 1..n {
                y[i] -= m[i * n + j] * y[j];
            }
            y[i] /= m[i * n + i];
        }
        for i in 0..n {
            x[i * k + col] = y[i];
        }
    }
    x
}

/// `np.linalg.inv(a)`; a singular matrix raises numpy's LinAlgError (a ValueError subclass).
pub fn inv(a: &NdArray) -> PyResult<NdArray> {
    let (v, _, n) = square_stack(a, "")?;
    let mut eye = vec![0.0; n * n];
    for i in 0..n {
        eye[i * n + i] = 1.0;
    }
    let mut out = Vec::with_capacity(v.len());
    let mut perm = vec![0; n];
    for m in v.chunks(n * n.max(1)) {
        let mut m = m.to_vec();
        lu(&mut m, n, &mut perm).ok_or_else(singular)?;
        out.extend(lu_solve(&m, &perm, n, &eye, n));
    }
    NdArray::from_f64(out, a.dims(), float_out(a))
}

/// `np.linalg.solve(a, b)` for one square matrix and a vector or a matrix of columns.
pub fn solve(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    let (v, lead, n) = square_stack(a, "")?;
    if !lead.is_empty() {
        return Err(PyErr::value_error(
            "np.linalg.solve of a stack of matrices is not supported",
        ));
    }
    let k = match b.ndim() {
        1 => 1,
        2 => b.dims()[1],
        _ => {
            return Err(PyErr::value_error(
                "np.linalg.solve takes a vector or a matrix of right-hand sides",
            ))
        }
    };
    if b.dims()[0] != n {
        return Err(PyErr::value_error(format!(
            "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size {} is different from {n})",
            b.dims()[0]
        )));
    }
    let mut m = v;
    let mut perm = vec![0; n];
    lu(&mut m, n, &mut perm).ok_or_else(singular)?;
    let x = lu_solve(&m, &perm, n, &b.to_f64_vec()?, k);
    let dt = promote_arrays(float_out(a), float_out(b), Flavor::Numpy);
    NdArray::from_f64(x, b.dims(), dt)
}

/// `np.meshgrid(x, y, indexing="xy")` for two 1-d arrays.
pub fn meshgrid(x: &NdArray, y: &NdArray, ij: bool) -> PyResult<(NdArray, NdArray)> {
    let (xv, yv) = (x.to_f64_vec()?, y.to_f64_vec()?);
    let (nx, ny) = (xv.len(), yv.len());
    let (rows, cols) = if ij { (nx, ny) } else { (ny, nx) };
    let mut gx = Vec::with_capacity(rows * cols);
    let mut gy = Vec::with_capacity(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            let (i, j) = if ij { (r, c) } else { (c, r) };
            gx.push(xv[i]);
            gy.push(yv[j]);
        }
    }
    Ok((
        NdArray::from_f64(gx, &[rows, cols], x.dtype())?,
        NdArray::from_f64(gy, &[rows, cols], y.dtype())?,
    ))
}

/// `np.triu(m, k)` / `np.tril(m, k)`: the last two axes' upper (lower) triangle, zeros elsewhere.
pub fn tri_part(a: &NdArray, k: i64, upper: bool) -> PyResult<NdArray> {
    if a.ndim() < 2 {
        return Err(PyErr::value_error(
            "input array must be at least 2-d (a 1-d array is broadcast as a row by numpy; pass a 2-d array)",
        ));
    }
    let nd = a.ndim();
    let (r, c) = (a.dims()[nd - 2], a.dims()[nd - 1]);
    let keep: Vec<bool> = (0..r * c)
        .map(|p| {
            let (i, j) = ((p / c) as i64, (p % c) as i64);
            if upper {
                j - i >= k
            } else {
                j - i <= k
            }
        })
        .collect();
    let mask = NdArray::from_bool(keep, &[r, c])?;
    let zero = match a.dtype() {
        DType::Bool => Operand::Bool(false),
        d if d.is_int() => Operand::Int(0),
        _ => Operand::Float(0.0),
    };
    crate::ops::where_(mask, a.clone(), zero)?.astype(a.dtype())
}

/// `np.column_stack(arrays)`: 1-d arrays become columns, then stacked along axis 1.
pub fn column_stack(arrays: &[NdArray]) -> PyResult<NdArray> {
    let xs = arrays
        .iter()
        .map(|a| {
            if a.ndim() < 2 {
                reshape_raw(a, &[a.size(), 1])
            } else {
                Ok(a.clone())
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    concatenate(&xs, Some(1))
}

/// Gathers `a`'s elements at row-major flat positions into `shape`; `None` is a zero. The
/// gather runs on the stored tensor, so it works for every dtype alike.
fn gather_flat(a: &NdArray, idx: &[Option<usize>], shape: &[usize]) -> PyResult<NdArray> {
    use candle_core::{Device, Tensor};
    let flat = a.tensor().flatten_all().map_err(ce)?;
    let n = flat.dims1().map_err(ce)?;
    let zero = Tensor::zeros(1, flat.dtype(), &Device::Cpu).map_err(ce)?;
    let src = Tensor::cat(&[&flat, &zero], 0).map_err(ce)?;
    let ix: Vec<u32> = idx.iter().map(|i| i.unwrap_or(n) as u32).collect();
    let ix = Tensor::from_vec(ix, idx.len(), &Device::Cpu).map_err(ce)?;
    let t = src
        .index_select(&ix, 0)
        .and_then(|t| t.reshape(shape))
        .map_err(ce)?;
    Ok(NdArray::wrap(t, a.dtype()))
}

/// `np.diagonal(a, offset, axis1, axis2)`: the other axes first, then the diagonal, as numpy.
pub fn diagonal(a: &NdArray, offset: i64, axis1: i64, axis2: i64) -> PyResult<NdArray> {
    let nd = a.ndim();
    if nd < 2 {
        return Err(PyErr::value_error(
            "diag requires an array of at least two dimensions",
        ));
    }
    let (x1, x2) = (norm_axis(axis1, nd)?, norm_axis(axis2, nd)?);
    if x1 == x2 {
        return Err(PyErr::value_error("axis1 and axis2 cannot be the same"));
    }
    let dims = a.dims().to_vec();
    let (d1, d2) = (dims[x1] as i64, dims[x2] as i64);
    let len = if offset >= 0 {
        d1.min(d2 - offset)
    } else {
        (d1 + offset).min(d2)
    }
    .max(0) as usize;
    let mut strides = vec![1usize; nd];
    for i in (0..nd.saturating_sub(1)).rev() {
        strides[i] = strides[i + 1] * dims[i + 1];
    }
    let others: Vec<usize> = (0..nd).filter(|&i| i != x1 && i != x2).collect();
    let outer: usize = others.iter().map(|&i| dims[i]).product();
    let mut idx = Vec::with_capacity(outer * len);
    let mut pos = vec![0usize; others.len()];
    for _ in 0..outer {
        let base: usize = others
            .iter()
            .zip(&pos)
            .map(|(&ax, &p)| p * strides[ax])
            .sum();
        for j in 0..len {
            let r = j + (-offset).max(0) as usize;
            let c = j + offset.max(0) as usize;
            idx.push(Some(base + r * strides[x1] + c * strides[x2]));
        }
        // The next position of the other axes, row-major.
        for k in (0..pos.len()).rev() {
            pos[k] += 1;
            if pos[k] < dims[others[k]] {
                break;
            }
            pos[k] = 0;
        }
    }
    let mut shape: Vec<usize> = others.iter().map(|&i| dims[i]).collect();
    shape.push(len);
    gather_flat(a, &idx, &shape)
}

/// `np.diag(v, k)`: a 1-d array becomes the square matrix with `v` on diagonal `k`; a 2-d
/// array gives its diagonal `k`.
pub fn diag(a: &NdArray, k: i64) -> PyResult<NdArray> {
    match a.ndim() {
        1 => {
            let n = a.size() + k.unsigned_abs() as usize;
            let idx: Vec<Option<usize>> = (0..n * n)
                .map(|p| {
                    let (r, c) = ((p / n) as i64, (p % n) as i64);
                    (c - r == k).then_some(if k >= 0 { r } else { c } as usize)
                })
                .collect();
            gather_flat(a, &idx, &[n, n])
        }
        2 => diagonal(a, k, 0, 1),
        _ => Err(PyErr::value_error("Input must be 1- or 2-d.")),
    }
}

/// `np.trace(a, offset)`: the sum of each diagonal (over the first two axes).
pub fn trace(a: &NdArray, offset: i64) -> PyResult<NdArray> {
    let d = diagonal(a, offset, 0, 1)?;
    let d = if d.dtype() == DType::Bool {
        d.astype(DType::Int64)?
    } else {
        d
    };
    crate::ops::reduce(crate::ops::Reduce::Sum, &d, Some(-1), false)
}

// ---- torch activations and flip --------------------------------------------------------------

/// The elementwise activations of `torch.nn.functional` beyond relu/gelu/sigmoid/tanh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// `x * sigmoid(x)`.
    Silu,
    /// `log(1 + exp(beta * x)) / beta`, or `x` where `beta * x > threshold` (p = beta, q = threshold).
    Softplus,
    /// `x` for `x > 0`, else `negative_slope * x` (p).
    LeakyRelu,
    /// `x` for `x > 0`, else `alpha * (exp(x) - 1)` (p).
    Elu,
    /// `x * tanh(softplus(x))`.
    Mish,
}

/// An activation of a float tensor (torch has no integer kernels for these), in its dtype.
pub fn activation(kind: Activation, a: &NdArray, p: f64, q: f64) -> PyResult<NdArray> {
    let dt = a.dtype();
    if !dt.is_float() {
        return Err(PyErr::type_error(format!(
            "{kind:?} needs a float tensor, not {}",
            dt.name()
        )));
    }
    let softplus = |v: f64, beta: f64, threshold: f64| {
        if v * beta > threshold {
            v
        } else {
            (v * beta).exp().ln_1p() / beta
        }
    };
    let y: Vec<f64> = a
        .to_f64_vec()?
        .into_iter()
        .map(|v| match kind {
            Activation::Silu => v / (1.0 + (-v).exp()),
            Activation::Softplus => softplus(v, p, q),
            Activation::LeakyRelu => {
                if v > 0.0 {
                    v
                } else {
                    v * p
                }
            }
            Activation::Elu => {
                if v > 0.0 {
                    v
                } else {
                    p * v.exp_m1()
                }
            }
            Activation::Mish => v * softplus(v, 1.0, 20.0).tanh(),
        })
        .collect();
    NdArray::from_f64(y, a.dims(), dt)
}

/// `torch.flip(t, dims)`: reversed along each of `dims` (torch's errors for a dim out of range or
/// given twice).
pub fn tflip(a: &NdArray, dims: &[i64]) -> PyResult<NdArray> {
    let mut seen = Vec::with_capacity(dims.len());
    for &d in dims {
        let x = crate::ops::dim_ix(d, a.ndim())?;
        if seen.contains(&x) {
            return Err(PyErr::runtime_error(format!(
                "dim {x} appears multiple times in the list of dims"
            )));
        }
        seen.push(x);
    }
    let mut out = a.clone();
    for x in seen {
        out = flip(&out, Some(x as i64))?;
    }
    Ok(out)
}

/// The parts of `a` along `dim` between the given bounds, as torch's split views (copied here).
fn parts_along(
    a: &NdArray,
    dim: usize,
    bounds: impl IntoIterator<Item = (i64, i64)>,
) -> PyResult<Vec<NdArray>> {
    bounds
        .into_iter()
        .map(|(lo, hi)| {
            let mut ix: Vec<Ix> = vec![Ix::Slice(None, None, None); dim];
            ix.push(Ix::Slice(Some(lo), Some(hi), None));
            getitem(a, &ix)
        })
        .collect()
}

/// `t.chunk(chunks, dim)`: parts of `ceil(size / chunks)` along `dim`, the last smaller, so there
/// may be fewer than `chunks` of them (torch's rule).
pub fn tchunk(a: &NdArray, chunks: i64, dim: i64) -> PyResult<Vec<NdArray>> {
    if chunks <= 0 {
        return Err(PyErr::runtime_error(format!(
            "chunk expects `chunks` to be greater than 0, got: {chunks}"
        )));
    }
    let d = crate::ops::dim_ix(dim, a.ndim())?;
    let size = a.dims()[d] as i64;
    let step = ((size + chunks - 1) / chunks).max(1);
    let n = if size == 0 {
        1
    } else {
        (size + step - 1) / step
    };
    parts_along(a, d, (0..n).map(|i| (i * step, ((i + 1) * step).min(size))))
}

/// `t.split(split_size, dim)`: parts of `split_size` along `dim`, the last smaller.
pub fn tsplit(a: &NdArray, split_size: i64, dim: i64) -> PyResult<Vec<NdArray>> {
    if split_size < 0 {
        return Err(PyErr::runtime_error(format!(
            "split expects split_size be non-negative, but got split_size={split_size}"
        )));
    }
    let d = crate::ops::dim_ix(dim, a.ndim())?;
    let size = a.dims()[d] as i64;
    if split_size == 0 {
        return if size == 0 {
            parts_along(a, d, [(0, 0)])
        } else {
            Err(PyErr::runtime_error(format!(
                "split_size can only be 0 if dimension size is 0, but got dimension size of {size}"
            )))
        };
    }
    let n = ((size + split_size - 1) / split_size).max(1);
    parts_along(
        a,
        d,
        (0..n).map(|i| (i * split_size, ((i + 1) * split_size).min(size))),
    )
}

/// `t.split([s0, s1, ...], dim)`: parts of the given sizes, which must add up to the dim's size.
pub fn tsplit_sizes(a: &NdArray, sizes: &[i64], dim: i64) -> PyResult<Vec<NdArray>> {
    let d = crate::ops::dim_ix(dim, a.ndim())?;
    let size = a.dims()[d] as i64;
    if sizes.iter().any(|&s| s < 0) || sizes.iter().sum::<i64>() != size {
        let list = sizes
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(PyErr::runtime_error(format!(
            "split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's size at dimension {d}), but got split_sizes=[{list}]"
        )));
    }
    let mut start = 0;
    let bounds: Vec<(i64, i64)> = sizes
        .iter()
        .map(|&s| {
            let b = (start, start + s);
            start += s;
            b
        })
        .collect();
    parts_along(a, d, bounds)
}

/// `t.unbind(dim)`: the slices along `dim`, that dim removed.
pub fn tunbind(a: &NdArray, dim: i64) -> PyResult<Vec<NdArray>> {
    let d = crate::ops::dim_ix(dim, a.ndim())?;
    (0..a.dims()[d] as i64)
        .map(|i| {
            let mut ix: Vec<Ix> = vec![Ix::Slice(None, None, None); d];
            ix.push(Ix::Int(i));
            getitem(a, &ix)
        })
        .collect()
}

/// `t.repeat(*sizes)`: np.tile, but torch requires at least as many sizes as dims.
pub fn trepeat(a: &NdArray, sizes: &[i64]) -> PyResult<NdArray> {
    if sizes.len() < a.ndim() {
        return Err(PyErr::runtime_error(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
        ));
    }
    if sizes.iter().any(|&r| r < 0) {
        return Err(PyErr::runtime_error(format!(
            "Trying to create tensor with negative dimension {}: {:?}",
            sizes.iter().find(|&&r| r < 0).copied().unwrap_or(-1),
            sizes
        )));
    }
    tile(a, sizes)
}

/// `t.repeat_interleave(repeats, dim=None)` with one repeat count: np.repeat, torch's dims and errors.
pub fn trepeat_interleave(a: &NdArray, repeats: i64, dim: Option<i64>) -> PyResult<NdArray> {
    if repeats < 0 {
        return Err(PyErr::runtime_error("repeats can not be negative"));
    }
    let axis = match dim {
        Some(d) => Some(crate::ops::dim_ix(d, a.ndim())? as i64),
        None => None,
    };
    repeat(a, repeats, axis)
}

/// `torch.roll(t, shifts, dims=None)` with one shift (flattened and reshaped back without dims).
pub fn troll(a: &NdArray, shift: i64, dim: Option<i64>) -> PyResult<NdArray> {
    match dim {
        Some(d) => roll(a, shift, Some(crate::ops::dim_ix(d, a.ndim())? as i64)),
        None => {
            let flat = roll(a, shift, None)?;
            reshape_raw(&flat, &a.shape())
        }
    }
}

/// `t.narrow(dim, start, length)`: `length` items from `start` along `dim`.
pub fn tnarrow(a: &NdArray, dim: i64, start: i64, length: i64) -> PyResult<NdArray> {
    let d = crate::ops::dim_ix(dim, a.ndim())?;
    let size = a.dims()[d] as i64;
    let s = if start < 0 { start + size } else { start };
    if s < 0 || s > size {
        return Err(PyErr::index_error(format!(
            "start out of range (expected to be in range of [{}, {size}], but got {start})",
            -size
        )));
    }
    if length < 0 || s + length > size {
        return Err(PyErr::runtime_error(format!(
            "start ({s}) + length ({length}) exceeds dimension size ({size})."
        )));
    }
    let mut ix: Vec<Ix> = vec![Ix::Slice(None, None, None); d];
    ix.push(Ix::Slice(Some(s), Some(s + length), None));
    getitem(a, &ix)
}

/// `t.index_select(dim, index)`: the items at a 1-d int64 `index` along `dim`.
pub fn tindex_select(a: &NdArray, dim: i64, index: &NdArray) -> PyResult<NdArray> {
    if index.ndim() > 1 {
        return Err(PyErr::index_error(
            "index_select(): Index is supposed to be a vector",
        ));
    }
    if !index.dtype().is_int() {
        return Err(PyErr::runtime_error(format!(
            "index_select(): Expected dtype int32/int64 for index but got: {}",
            index.dtype().name()
        )));
    }
    let d = crate::ops::dim_ix(dim, a.ndim())?;
    let size = a.dims()[d] as i64;
    let idx = index.to_i64_vec()?;
    // torch takes no negative indices here.
    if idx.iter().any(|&i| i < 0 || i >= size) {
        return Err(PyErr::index_error("index out of range in self"));
    }
    let n = idx.len();
    let mut ix: Vec<Ix> = vec![Ix::Slice(None, None, None); d];
    ix.push(Ix::Array(NdArray::from_i64(idx, &[n])?));
    getitem(a, &ix)
}

/// `torch.logsumexp(t, dim, keepdim=False)`: `log(sum(exp(t)))` along `dim`, shifted by the
/// maximum as torch does (an infinite maximum is not shifted by); ints give float32.
pub fn tlogsumexp(a: &NdArray, dim: i64, keepdim: bool) -> PyResult<NdArray> {
    let shape = a.shape();
    if shape.is_empty() {
        crate::ops::dim_ix(dim, 0)?;
        let v = a.to_f64_vec()?[0];
        return NdArray::from_f64(vec![v], &[], a.dtype().float_for(Flavor::Torch));
    }
    let d = crate::ops::dim_ix(dim, shape.len())?;
    let x = a.to_f64_vec()?;
    let n = shape[d];
    let inner: usize = shape[d + 1..].iter().product();
    let outer: usize = shape[..d].iter().product();
    let mut out = Vec::with_capacity(outer * inner);
    for o in 0..outer {
        for i in 0..inner {
            let at = |k: usize| x[(o * n + k) * inner + i];
            let m = (0..n).map(at).fold(f64::NEG_INFINITY, f64::max);
            let shift = if m.is_infinite() { 0.0 } else { m };
            let s: f64 = (0..n).map(|k| (at(k) - shift).exp()).sum();
            out.push(s.ln() + shift);
        }
    }
    let mut oshape = shape.clone();
    if keepdim {
        oshape[d] = 1;
    } else {
        oshape.remove(d);
    }
    NdArray::from_f64(out, &oshape, a.dtype().float_for(Flavor::Torch))
}

/// `t.masked_select(mask)`: the items where the bool `mask` is true, both broadcast, as a 1-d tensor.
pub fn tmasked_select(a: &NdArray, mask: &NdArray) -> PyResult<NdArray> {
    if mask.dtype() != DType::Bool {
        return Err(PyErr::runtime_error(format!(
            "masked_select: expected BoolTensor for mask, got {}",
            mask.dtype().name()
        )));
    }
    let shape = crate::ops::broadcast_shape(&a.shape(), &mask.shape())?;
    let (ab, mb) = if a.shape() == shape && mask.shape() == shape {
        (a.clone(), mask.clone())
    } else {
        // where() broadcasts its operands to one shape.
        (
            crate::ops::twhere(mask.clone(), a.clone(), a.clone())?,
            crate::ops::twhere(
                mask.clone(),
                NdArray::from_f64(vec![1.0; shape.iter().product()], &shape, DType::Bool)?,
                false,
            )?,
        )
    };
    let flat_a = reshape_raw(&ab, &[ab.size()])?;
    let flat_m = reshape_raw(&mb, &[mb.size()])?;
    getitem(&flat_a, &[Ix::Array(flat_m)])
}

/// `torch.equal(a, b)`: the same shape and the same values.
pub fn tequal(a: &NdArray, b: &NdArray) -> PyResult<bool> {
    Ok(a.shape() == b.shape() && a.to_f64_vec()? == b.to_f64_vec()?)
}

/// `t.count_nonzero(dim=None)`: int64 counts of the non-zero items (all of them, or along `dim`).
pub fn tcount_nonzero(a: &NdArray, dim: Option<i64>) -> PyResult<NdArray> {
    let nz: Vec<f64> = a
        .to_f64_vec()?
        .into_iter()
        .map(|v| f64::from(u8::from(v != 0.0)))
        .collect();
    let ones = NdArray::from_f64(nz, &a.shape(), DType::Int64)?;
    let axis = match dim {
        Some(d) => Some(crate::ops::dim_ix(d, a.ndim())? as i64),
        None => None,
    };
    crate::ops::treduce(crate::ops::Reduce::Sum, &ones, axis, false)
}

/// `torch.nan_to_num(t, nan=0.0, posinf=None, neginf=None)`: NaN and the infinities replaced (by
/// the dtype's largest and smallest finite values unless given); int tensors are returned as they are.
pub fn tnan_to_num(
    a: &NdArray,
    nan: Option<f64>,
    posinf: Option<f64>,
    neginf: Option<f64>,
) -> PyResult<NdArray> {
    let dt = a.dtype();
    if !dt.is_float() {
        return Ok(a.clone());
    }
    let (lo, hi) = match dt {
        DType::Float16 => (-65504.0, 65504.0),
        DType::BFloat16 => (-3.3895313892515355e38, 3.3895313892515355e38),
        DType::Float32 => (f32::MIN as f64, f32::MAX as f64),
        _ => (f64::MIN, f64::MAX),
    };
    let y: Vec<f64> = a
        .to_f64_vec()?
        .into_iter()
        .map(|v| {
            if v.is_nan() {
                nan.unwrap_or(0.0)
            } else if v == f64::INFINITY {
                posinf.unwrap_or(hi)
            } else if v == f64::NEG_INFINITY {
                neginf.unwrap_or(lo)
            } else {
                v
            }
        })
        .collect();
    NdArray::from_f64(y, &a.shape(), dt)
}

/// `torch.linspace(start, end, steps)`: float32, torch's error for negative steps.
pub fn tlinspace(start: f64, end: f64, steps: i64) -> PyResult<NdArray> {
    if steps < 0 {
        return Err(PyErr::runtime_error("number of steps must be non-negative"));
    }
    crate::ops::linspace(start, end, steps, true)?.astype(DType::Float32)
}

// ---- Along an axis: take_along_axis, put_along_axis, insert, delete ---------------------------------

/// Row-major strides of `dims`.
fn strides_of(dims: &[usize]) -> Vec<usize> {
    let mut s = vec![1usize; dims.len()];
    for d in (0..dims.len().saturating_sub(1)).rev() {
        s[d] = s[d + 1] * dims[d + 1];
    }
    s
}

/// The flat positions in `a` that `np.take_along_axis(a, indices, axis)` reads (or `put_along_axis`
/// writes), in the row-major order of the result, and the result's shape: `indices` broadcast with
/// `a` on every axis but `axis`, its values (negative ones from the end) the positions on `axis`.
fn along_axis_positions(
    a: &NdArray,
    indices: &NdArray,
    axis: Option<i64>,
) -> PyResult<(Vec<usize>, Vec<usize>)> {
    if !indices.dtype().is_int() {
        return Err(PyErr::new(
            ErrKind::IndexError,
            "`indices` must be an integer array",
        ));
    }
    let flat_dims = [a.size()];
    let (dims, ax): (&[usize], usize) = match axis {
        None => {
            if indices.ndim() != 1 {
                return Err(PyErr::value_error(
                    "when axis=None, `indices` must have a single dimension.",
                ));
            }
            (&flat_dims, 0)
        }
        Some(x) => (a.dims(), norm_axis(x, a.ndim())?),
    };
    if indices.ndim() != dims.len() {
        return Err(PyErr::value_error(
            "`indices` and `arr` must have the same number of dimensions",
        ));
    }
    let mut shape = Vec::with_capacity(dims.len());
    for (d, (&n, &i)) in dims.iter().zip(indices.dims()).enumerate() {
        shape.push(if d == ax {
            i
        } else if n == i || i == 1 {
            n
        } else if n == 1 {
            i
        } else {
            return Err(PyErr::value_error(format!(
                "shape mismatch: indexing arrays could not be broadcast together with shapes {} {} ",
                crate::shape_str(indices.dims()),
                crate::shape_str(dims)
            )));
        });
    }
    let Flat::I(ix) = indices.astype(DType::Int64)?.flat()? else {
        unreachable!("an int64 array's storage is ints")
    };
    let (sa, si) = (strides_of(dims), strides_of(indices.dims()));
    let total: usize = shape.iter().product();
    let mut out = Vec::with_capacity(total);
    let mut coord = vec![0usize; shape.len()];
    let n = dims[ax] as i64;
    for _ in 0..total {
        let mut pi = 0;
        for d in 0..shape.len() {
            if indices.dims()[d] != 1 {
                pi += si[d] * coord[d];
            }
        }
        let v = ix[pi];
        let j = if v < 0 { v + n } else { v };
        if j < 0 || j >= n {
            return Err(PyErr::new(
                ErrKind::IndexError,
                format!("index {v} is out of bounds for axis {ax} with size {n}"),
            ));
        }
        let mut p = 0;
        for d in 0..shape.len() {
            let c = if d == ax {
                j as usize
            } else if dims[d] == 1 {
                0
            } else {
                coord[d]
            };
            p += sa[d] * c;
        }
        out.push(p);
        for d in (0..shape.len()).rev() {
            coord[d] += 1;
            if coord[d] < shape[d] {
                break;
            }
            coord[d] = 0;
        }
    }
    Ok((out, shape))
}

/// `np.take_along_axis(a, indices, axis)`: `a`'s items at `indices` along `axis` (the flattened
/// array for axis None), shaped like `indices` broadcast against `a`.
pub fn take_along_axis(a: &NdArray, indices: &NdArray, axis: Option<i64>) -> PyResult<NdArray> {
    let (pos, shape) = along_axis_positions(a, indices, axis)?;
    let data = match a.flat()? {
        Flat::F(v) => Flat::F(pos.iter().map(|&p| v[p]).collect()),
        Flat::I(v) => Flat::I(pos.iter().map(|&p| v[p]).collect()),
        Flat::B(v) => Flat::B(pos.iter().map(|&p| v[p]).collect()),
    };
    NdArray::from_flat(data, &shape, a.dtype())
}

/// `np.put_along_axis(a, indices, values, axis)`: writes `values` (broadcast, cast to `a`'s dtype)
/// where `take_along_axis` would read, in place; a later write to one place wins.
pub fn put_along_axis(
    a: &NdArray,
    indices: &NdArray,
    values: impl Into<Operand>,
    axis: Option<i64>,
) -> PyResult<()> {
    let (pos, shape) = along_axis_positions(a, indices, axis)?;
    let v = values.into().to_array(a.dtype())?;
    let v = bcast_to(&v, &shape)?;
    let mut data = a.flat()?;
    match (&mut data, v.flat()?) {
        (Flat::F(d), Flat::F(s)) => pos.iter().zip(s).for_each(|(&i, x)| d[i] = x),
        (Flat::I(d), Flat::I(s)) => pos.iter().zip(s).for_each(|(&i, x)| d[i] = x),
        (Flat::B(d), Flat::B(s)) => pos.iter().zip(s).for_each(|(&i, x)| d[i] = x),
        _ => {
            return Err(PyErr::runtime_error(
                "put_along_axis: mismatched storage kinds",
            ))
        }
    }
    let full = NdArray::from_flat(data, a.dims(), a.dtype())?;
    write_whole(a, &full)
}

/// The items of `a` at `keep` along `ax` (positions on that axis, in order).
fn select_along(a: &NdArray, ax: usize, keep: &[usize]) -> PyResult<NdArray> {
    let dims = a.dims().to_vec();
    let outer: usize = dims[..ax].iter().product();
    let inner: usize = dims[ax + 1..].iter().product();
    let n = dims[ax];
    let mut pos = Vec::with_capacity(outer * keep.len() * inner);
    for o in 0..outer {
        for &k in keep {
            for x in 0..inner {
                pos.push((o * n + k) * inner + x);
            }
        }
    }
    let data = match a.flat()? {
        Flat::F(v) => Flat::F(pos.iter().map(|&p| v[p]).collect()),
        Flat::I(v) => Flat::I(pos.iter().map(|&p| v[p]).collect()),
        Flat::B(v) => Flat::B(pos.iter().map(|&p| v[p]).collect()),
    };
    let mut shape = dims;
    shape[ax] = keep.len();
    NdArray::from_flat(data, &shape, a.dtype())
}

/// `np.delete(a, obj, axis)`: a copy without the positions `obj` (an int or ints; negative ones
/// from the end) along `axis`, or of the flattened array for axis None.
pub fn delete(a: &NdArray, obj: &[i64], axis: Option<i64>) -> PyResult<NdArray> {
    let a = match axis {
        None => reshape_raw(a, &[a.size()])?,
        Some(_) => a.clone(),
    };
    let ax = match axis {
        None => 0,
        Some(x) => norm_axis(x, a.ndim())?,
    };
    let n = a.dims()[ax] as i64;
    let mut drop = vec![false; n as usize];
    for &v in obj {
        let j = if v < 0 { v + n } else { v };
        if j < 0 || j >= n {
            return Err(PyErr::new(
                ErrKind::IndexError,
                format!("index {v} is out of bounds for axis {ax} with size {n}"),
            ));
        }
        drop[j as usize] = true;
    }
    let keep: Vec<usize> = (0..n as usize).filter(|&i| !drop[i]).collect();
    select_along(&a, ax, &keep)
}

/// `np.insert(a, obj, values)` of the flattened array (axis None) or along axis 0 of a 1-D one:
/// `values` (broadcast to the positions) placed before each position of `obj`; one int position
/// takes all the values, each of a list of positions one value, in order of position (stable).
pub fn insert(
    a: &NdArray,
    obj: &[i64],
    single: bool,
    values: impl Into<Operand>,
    axis: Option<i64>,
) -> PyResult<NdArray> {
    // A list of one position inserts every value there, as one int does.
    let single = single || obj.len() == 1;
    let a = match axis {
        None => reshape_raw(a, &[a.size()])?,
        Some(x) => {
            let ax = norm_axis(x, a.ndim())?;
            if a.ndim() != 1 || ax != 0 {
                return Err(PyErr::value_error(
                    "np.insert along an axis of an array of several dimensions is not supported",
                ));
            }
            a.clone()
        }
    };
    let n = a.size() as i64;
    let v = values.into().to_array(a.dtype())?;
    let vals = match v.flat()? {
        f if single => f,
        _ => bcast_to(&v, &[obj.len()])?.flat()?,
    };
    let count = match &vals {
        Flat::F(x) => x.len(),
        Flat::I(x) => x.len(),
        Flat::B(x) => x.len(),
    };
    // (position in `a`, index of the value) for each inserted value, stable by position.
    let mut at: Vec<(usize, usize)> = Vec::with_capacity(count);
    for (k, &p) in obj.iter().enumerate() {
        let j = if p < 0 { p + n } else { p };
        if j < 0 || j > n {
            return Err(PyErr::new(
                ErrKind::IndexError,
                format!("index {p} is out of bounds for axis 0 with size {n}"),
            ));
        }
        if single {
            at.extend((0..count).map(|i| (j as usize, i)));
        } else {
            at.push((j as usize, k));
        }
    }
    at.sort_by_key(|&(p, _)| p);
    fn merge<T: Copy>(src: &[T], vals: &[T], at: &[(usize, usize)]) -> Vec<T> {
        let mut out = Vec::with_capacity(src.len() + at.len());
        let mut next = 0;
        for (i, &x) in src.iter().enumerate() {
            while next < at.len() && at[next].0 == i {
                out.push(vals[at[next].1]);
                next += 1;
            }
            out.push(x);
        }
        for &(_, k) in &at[next..] {
            out.push(vals[k]);
        }
        out
    }
    let data = match (a.flat()?, vals) {
        (Flat::F(s), Flat::F(v)) => Flat::F(merge(&s, &v, &at)),
        (Flat::I(s), Flat::I(v)) => Flat::I(merge(&s, &v, &at)),
        (Flat::B(s), Flat::B(v)) => Flat::B(merge(&s, &v, &at)),
        _ => return Err(PyErr::runtime_error("insert: mismatched storage kinds")),
    };
    let len = a.size() + at.len();
    NdArray::from_flat(data, &[len], a.dtype())
}

// ---- einsum, norms of any order, ufunc out=/where= -----------------------------------------

/// One operand's subscripts: letters, with `None` standing for the dimensions an ellipsis covers.
fn einsum_terms(
    spec: &str,
    n_ops: usize,
) -> PyResult<(Vec<Vec<Option<char>>>, Option<Vec<Option<char>>>)> {
    let spec: String = spec.chars().filter(|c| !c.is_whitespace()).collect();
    let (lhs, rhs) = match spec.find("->") {
        Some(i) => (&spec[..i], Some(&spec[i + 2..])),
        None => (&spec[..], None),
    };
    let parse = |s: &str, what: &str| -> PyResult<Vec<Option<char>>> {
        let mut out = Vec::new();
        let cs: Vec<char> = s.chars().collect();
        let mut i = 0;
        let mut seen_ellipsis = false;
        while i < cs.len() {
            let c = cs[i];
            if c == '.' {
                if i + 2 < cs.len() + 0 && cs[i + 1] == '.' && cs[i + 2] == '.' && !seen_ellipsis {
                    out.push(None);
                    seen_ellipsis = true;
                    i += 3;
                    continue;
                }
                return Err(PyErr::value_error(format!(
                    "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in the {what}"
                )));
            }
            if !c.is_ascii_alphabetic() {
                return Err(PyErr::value_error(format!(
                    "invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters"
                )));
            }
            out.push(Some(c));
            i += 1;
        }
        Ok(out)
    };
    let ins: Vec<&str> = lhs.split(',').collect();
    if ins.len() != n_ops {
        // numpy's wording: more subscript terms than operands is "more operands provided".
        return Err(PyErr::value_error(if ins.len() > n_ops {
            "more operands provided to einstein sum function than specified in the subscripts string".to_string()
        } else {
            "fewer operands provided to einstein sum function than specified in the subscripts string".to_string()
        }));
    }
    let mut terms = Vec::new();
    for (k, s) in ins.iter().enumerate() {
        terms.push(parse(s, &format!("operand {k}"))?);
    }
    let out = match rhs {
        Some(r) => {
            if r.contains("->") || r.contains('-') || r.contains('>') {
                return Err(PyErr::value_error(
                    "einstein sum subscript string does not contain proper '->' output specified",
                ));
            }
            Some(parse(r, "output")?)
        }
        None => {
            if lhs.contains('-') || lhs.contains('>') {
                return Err(PyErr::value_error(
                    "einstein sum subscript string does not contain proper '->' output specified",
                ));
            }
            None
        }
    };
    Ok((terms, out))
}

/// `np.einsum(subscripts, *operands)`: explicit (`"ij,jk->ik"`) and implicit (`"ij,jk"`: the
/// labels seen once, in alphabetical order) modes, repeated labels (diagonals, traces) and an
/// ellipsis that broadcasts. Floats sum in f64 and are cast to the operands' promoted dtype;
/// ints sum in i64 (wrapping as numpy's int64 does); bools give bools.
pub fn np_einsum(spec: &str, ops: &[NdArray]) -> PyResult<NdArray> {
    if ops.is_empty() {
        return Err(PyErr::value_error("No input operands"));
    }
    let (terms, out) = einsum_terms(spec, ops.len())?;
    // Ellipsis dimensions become labels '\u{1}'.. counted from the right, broadcasting.
    let mut ell_rank = 0usize;
    let mut expanded: Vec<Vec<char>> = Vec::new();
    for (k, (t, a)) in terms.iter().zip(ops).enumerate() {
        let letters = t.iter().filter(|x| x.is_some()).count();
        let has_ell = t.iter().any(|x| x.is_none());
        if letters > a.ndim() {
            return Err(PyErr::value_error(format!(
                "einstein sum subscripts string contains too many subscripts for operand {k}"
            )));
        }
        if letters < a.ndim() && !has_ell {
            return Err(PyErr::value_error("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions."));
        }
        let n_ell = a.ndim() - letters;
        ell_rank = ell_rank.max(if has_ell { n_ell } else { 0 });
        let mut e = Vec::new();
        for x in t {
            match x {
                Some(c) => e.push(*c),
                None => {
                    for j in 0..n_ell {
                        e.push(char::from_u32(1 + (n_ell - 1 - j) as u32).unwrap());
                    }
                }
            }
        }
        expanded.push(e);
    }
    let ell_labels: Vec<char> = (0..ell_rank)
        .rev()
        .map(|j| char::from_u32(1 + j as u32).unwrap())
        .collect();
    let out_labels: Vec<char> = match &out {
        Some(o) => {
            let mut v = Vec::new();
            for x in o {
                match x {
                    Some(c) => {
                        if v.contains(c) {
                            return Err(PyErr::value_error(format!(
                                "einstein sum subscripts string includes output subscript '{c}' multiple times"
                            )));
                        }
                        if !expanded.iter().any(|e| e.contains(c)) {
                            return Err(PyErr::value_error(format!(
                                "einstein sum subscripts string included output subscript '{c}' which never appeared in an input"
                            )));
                        }
                        v.push(*c)
                    }
                    None => v.extend(ell_labels.iter().copied()),
                }
            }
            if !o.iter().any(|x| x.is_none()) && ell_rank > 0 {
                // numpy sums over the broadcast dimensions only when none is of size > 1 would be lost;
                // it raises instead.
                return Err(PyErr::value_error(
                    "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
                ));
            }
            v
        }
        None => {
            let mut counts: Vec<(char, usize)> = Vec::new();
            for e in &expanded {
                for &c in e {
                    if (c as u32) < 32 {
                        continue;
                    }
                    match counts.iter_mut().find(|(x, _)| *x == c) {
                        Some(p) => p.1 += 1,
                        None => counts.push((c, 1)),
                    }
                }
            }
            let mut once: Vec<char> = counts
                .into_iter()
                .filter(|&(_, n)| n == 1)
                .map(|(c, _)| c)
                .collect();
            once.sort();
            let mut v = ell_labels.clone();
            v.extend(once);
            v
        }
    };
    // Every label's size, checking agreement (size 1 broadcasts).
    let mut labels: Vec<char> = out_labels.clone();
    for e in &expanded {
        for &c in e {
            if !labels.contains(&c) {
                labels.push(c);
            }
        }
    }
    let mut size = vec![1usize; labels.len()];
    let mut set = vec![false; labels.len()];
    for (e, a) in expanded.iter().zip(ops) {
        for (d, &c) in e.iter().enumerate() {
            if let Some(d0) = e[..d].iter().position(|&x| x == c) {
                if a.dims()[d0] != a.dims()[d] {
                    return Err(PyErr::value_error(format!(
                        "dimensions in single operand for collapsing index '{c}' don't match ({} != {})",
                        a.dims()[d0],
                        a.dims()[d]
                    )));
                }
            }
        }
    }
    for (k, (e, a)) in expanded.iter().zip(ops).enumerate() {
        for (d, &c) in e.iter().enumerate() {
            let li = labels.iter().position(|&x| x == c).unwrap();
            let n = a.dims()[d];
            if !set[li] || size[li] == 1 {
                if set[li] && size[li] == 1 && (c as u32) >= 32 && n != 1 {
                    return Err(PyErr::value_error(format!(
                        "size of label '{c}' for operand {k} ({n}) does not match previous terms (1)"
                    )));
                }
                size[li] = n;
                set[li] = true;
            } else if n != size[li] && !((c as u32) < 32 && n == 1) {
                if (c as u32) < 32 {
                    return Err(PyErr::value_error(
                        "operands could not be broadcast together with remapped shapes [original->remapped]",
                    ));
                }
                return Err(PyErr::value_error(format!(
                    "size of label '{c}' for operand {k} ({n}) does not match previous terms ({})",
                    size[li]
                )));
            }
        }
    }
    // Each operand's stride per label (repeated labels add up: a diagonal); broadcast dims stride 0.
    let dt = ops.iter().skip(1).fold(ops[0].dtype(), |d, a| {
        promote_arrays(d, a.dtype(), Flavor::Numpy)
    });
    let as_int = dt.is_int() || dt == DType::Bool;
    let mut strides: Vec<Vec<usize>> = Vec::new();
    let mut fdata: Vec<Vec<f64>> = Vec::new();
    let mut idata: Vec<Vec<i64>> = Vec::new();
    for (e, a) in expanded.iter().zip(ops) {
        let mut st = vec![0usize; labels.len()];
        let dims = a.dims();
        let mut acc = 1usize;
        for d in (0..dims.len()).rev() {
            let li = labels.iter().position(|&x| x == e[d]).unwrap();
            if dims[d] != 1 || size[li] == 1 {
                st[li] += acc;
            }
            acc *= dims[d];
        }
        strides.push(st);
        if as_int {
            idata.push(a.to_i64_vec()?);
        } else {
            fdata.push(a.to_f64_vec()?);
        }
    }
    let n_out = out_labels.len();
    let out_size: usize = size[..n_out].iter().product();
    let inner_size: usize = size[n_out..].iter().product();
    let mut fout = vec![0.0f64; if as_int { 0 } else { out_size }];
    let mut iout = vec![0i64; if as_int { out_size } else { 0 }];
    let mut idx = vec![0usize; labels.len()];
    for o in 0..out_size {
        // Decode the output position.
        let mut r = o;
        for l in (0..n_out).rev() {
            idx[l] = r % size[l];
            r /= size[l];
        }
        let mut fs = 0.0f64;
        let mut is = 0i64;
        for q in 0..inner_size {
            let mut r = q;
            for l in (n_out..labels.len()).rev() {
                idx[l] = r % size[l];
                r /= size[l];
            }
            if as_int {
                let mut p = 1i64;
                for (k, st) in strides.iter().enumerate() {
                    let off: usize = st.iter().zip(&idx).map(|(s, i)| s * i).sum();
                    p = p.wrapping_mul(idata[k][off]);
                }
                is = is.wrapping_add(p);
            } else {
                let mut p = 1.0f64;
                for (k, st) in strides.iter().enumerate() {
                    let off: usize = st.iter().zip(&idx).map(|(s, i)| s * i).sum();
                    p *= fdata[k][off];
                }
                fs += p;
            }
        }
        if as_int {
            iout[o] = is;
        } else {
            fout[o] = fs;
        }
    }
    let shape = &size[..n_out];
    if dt == DType::Bool {
        NdArray::from_bool(iout.into_iter().map(|x| x != 0).collect(), shape)
    } else if as_int {
        NdArray::from_i64(iout, shape)?.astype(dt)
    } else {
        NdArray::from_f64(fout, shape, dt)
    }
}

/// `np.linalg.norm(x, ord, axis, keepdims)` for an ord other than the default: vector norms
/// (inf, -inf, 0, 1, 2 and any other p: `sum(|x|**p)**(1/p)`) along `axis` or of a 1-d array,
/// and the matrix norms numpy computes without an SVD (`fro`, 1, -1, inf, -inf) of a 2-d array
/// with no axis. `fro` is `ord` NaN here.
pub fn norm_ord(
    a: &NdArray,
    ord: f64,
    fro: bool,
    axis: Option<i64>,
    keepdims: bool,
) -> PyResult<NdArray> {
    let dt = if a.dtype().is_float() {
        a.dtype()
    } else {
        DType::Float64
    };
    let vector = |v: &[f64]| -> f64 {
        if ord == f64::INFINITY {
            v.iter().fold(0.0, |m: f64, x| m.max(x.abs()))
        } else if ord == f64::NEG_INFINITY {
            v.iter().fold(f64::INFINITY, |m, x| m.min(x.abs()))
        } else if ord == 0.0 {
            v.iter().filter(|x| **x != 0.0).count() as f64
        } else if ord == 1.0 {
            v.iter().map(|x| x.abs()).sum()
        } else if ord == 2.0 {
            v.iter().map(|x| x * x).sum::<f64>().sqrt()
        } else {
            v.iter()
                .map(|x| x.abs().powf(ord))
                .sum::<f64>()
                .powf(1.0 / ord)
        }
    };
    if axis.is_none() && a.ndim() == 2 {
        let (r, c) = (a.dims()[0], a.dims()[1]);
        let d = a.to_f64_vec()?;
        let v = if fro {
            d.iter().map(|x| x * x).sum::<f64>().sqrt()
        } else if ord == 1.0 || ord == -1.0 || ord.is_infinite() {
            // 1/-1: the column sums of |x|; inf/-inf: the row sums. The largest of none is 0, the smallest an error.
            let cols = ord.abs() == 1.0;
            let sums: Vec<f64> = if cols {
                (0..c)
                    .map(|j| (0..r).map(|i| d[i * c + j].abs()).sum())
                    .collect()
            } else {
                (0..r)
                    .map(|i| (0..c).map(|j| d[i * c + j].abs()).sum())
                    .collect()
            };
            if ord > 0.0 {
                sums.iter().cloned().fold(0.0, f64::max)
            } else if sums.is_empty() {
                return Err(PyErr::value_error(
                    "zero-size array to reduction operation minimum which has no identity",
                ));
            } else {
                sums.iter().cloned().fold(f64::INFINITY, f64::min)
            }
        } else if ord == 2.0 || ord == -2.0 {
            return Err(PyErr::not_implemented_error(
                "np.linalg.norm of a matrix with ord=2 or -2 needs an SVD, which is not supported",
            ));
        } else {
            return Err(PyErr::value_error("Invalid norm order for matrices."));
        };
        let shape: &[usize] = if keepdims { &[1, 1] } else { &[] };
        return NdArray::from_f64(vec![v], shape, dt);
    }
    if fro {
        return Err(PyErr::value_error("Invalid norm order 'fro' for vectors"));
    }
    if axis.is_none() && a.ndim() != 1 {
        return Err(PyErr::value_error("Improper number of dimensions to norm."));
    }
    let (data, moved, n, ax) = lanes(a, axis)?;
    let mut out = Vec::new();
    if n > 0 {
        for lane in data.chunks(n) {
            out.push(vector(lane));
        }
    } else {
        let count: usize = moved[..moved.len() - 1].iter().product();
        if ord == f64::NEG_INFINITY {
            return Err(PyErr::value_error(
                "zero-size array to reduction operation minimum which has no identity",
            ));
        }
        out = vec![0.0; count];
    }
    let mut shape: Vec<usize> = moved[..moved.len() - 1].to_vec();
    if keepdims {
        shape.insert(ax, 1);
    }
    NdArray::from_f64(out, &shape, dt)
}

/// A ufunc's `out=` and `where=`: the result written into `out` where `where` holds (everywhere
/// without it), cast to `out`'s dtype; `out` itself is the value, as numpy returns it.
pub fn ufunc_out(out: &NdArray, result: NdArray, where_: Option<Operand>) -> PyResult<NdArray> {
    let r = bcast_to(&result.astype(out.dtype())?, out.dims()).map_err(|_| {
        PyErr::value_error(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            crate::shape_str(out.dims()),
            crate::shape_str(result.dims())
        ))
    })?;
    let full = match where_ {
        None => r,
        Some(w) => crate::ops::where_(w, r, out.clone())?.astype(out.dtype())?,
    };
    if out.ndim() == 0 {
        return Ok(full);
    }
    crate::write_into(out, &full)?;
    Ok(out.clone())
}

/// `np.histogram(a, bins=EDGES, weights=, density=)` and the int-bins form with weights or
/// density (`edges` from [`histogram`]): x falls in bin i when edges[i] <= x < edges[i+1], the
/// last bin closed, as numpy counts both forms. Counts are int64, or f64 sums of the weights
/// (`float_weights`) or ints; density divides by the bin widths and the total.
pub fn histogram_edges(
    a: &NdArray,
    edges: &NdArray,
    weights: Option<&NdArray>,
    density: bool,
) -> PyResult<(NdArray, NdArray)> {
    let e = edges.to_f64_vec()?;
    if edges.ndim() != 1 {
        return Err(PyErr::value_error("`bins` must be 1d, when an array"));
    }
    if e.windows(2).any(|w| w[1] < w[0]) {
        return Err(PyErr::value_error(
            "`bins` must increase monotonically, when an array",
        ));
    }
    let v = a.to_f64_vec()?;
    let w = match weights {
        Some(w) => {
            if w.dims() != a.dims() {
                return Err(PyErr::value_error(
                    "weights should have the same shape as a.",
                ));
            }
            Some(w.to_f64_vec()?)
        }
        None => None,
    };
    let nb = e.len().saturating_sub(1);
    let mut sums = vec![0.0f64; nb];
    if nb > 0 {
        let (lo, hi) = (e[0], e[nb]);
        for (k, &x) in v.iter().enumerate() {
            if x.is_nan() || x < lo || x > hi {
                continue;
            }
            // The last edge <= x (the last bin holds hi itself).
            let mut i = e.partition_point(|&b| b <= x).saturating_sub(1);
            if i >= nb {
                i = nb - 1;
            }
            sums[i] += w.as_ref().map_or(1.0, |w| w[k]);
        }
    }
    let float_counts = density || weights.is_some_and(|w| w.dtype().is_float());
    let counts = if density {
        let total: f64 = sums.iter().sum();
        let d: Vec<f64> = sums
            .iter()
            .enumerate()
            .map(|(i, s)| s / (e[i + 1] - e[i]) / total)
            .collect();
        NdArray::from_f64(d, &[nb], DType::Float64)?
    } else if float_counts {
        NdArray::from_f64(sums, &[nb], DType::Float64)?
    } else {
        NdArray::from_i64(sums.into_iter().map(|s| s as i64).collect(), &[nb])?
    };
    Ok((counts, edges.clone()))
}

/// `np.cov(m, y=None, rowvar=True, bias=False, ddof=None)` and `np.corrcoef(x, y=None,
/// rowvar=True)` (`corr`): the variables are m's rows (columns without rowvar) followed by
/// y's; float64 results, squeezed as numpy squeezes them (one variable gives a 0-d array).
pub fn cov(
    m: &NdArray,
    y: Option<&NdArray>,
    rowvar: bool,
    bias: bool,
    ddof: Option<i64>,
    corr: bool,
) -> PyResult<NdArray> {
    fn rows_of(a: &NdArray, rowvar: bool) -> PyResult<(Vec<Vec<f64>>, usize)> {
        if a.ndim() > 2 {
            return Err(PyErr::value_error("m has more than 2 dimensions"));
        }
        let v = a.to_f64_vec()?;
        let (r, c) = match a.ndim() {
            0 => (1, 1),
            1 => (1, a.dims()[0]),
            _ => (a.dims()[0], a.dims()[1]),
        };
        let mut rows: Vec<Vec<f64>> = (0..r).map(|i| v[i * c..(i + 1) * c].to_vec()).collect();
        // A 1-d input is one variable whatever rowvar says; a 2-d one is transposed without rowvar.
        if !rowvar && a.ndim() == 2 {
            rows = (0..c)
                .map(|j| (0..r).map(|i| v[i * c + j]).collect())
                .collect();
        }
        let n = rows.first().map_or(0, |x| x.len());
        Ok((rows, n))
    }
    let (mut rows, n) = rows_of(m, rowvar)?;
    if let Some(y) = y {
        let (yr, yn) = rows_of(y, rowvar)?;
        if yn != n {
            return Err(PyErr::value_error(format!(
                "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size {n} and the array at index 1 has size {yn}"
            )));
        }
        rows.extend(yr);
    }
    let k = rows.len();
    let ddof = ddof.unwrap_or(if bias { 0 } else { 1 });
    let fact = (n as i64 - ddof).max(0) as f64;
    for r in rows.iter_mut() {
        let mean = r.iter().sum::<f64>() / n as f64;
        r.iter_mut().for_each(|x| *x -= mean);
    }
    let mut c = vec![0.0f64; k * k];
    for i in 0..k {
        for j in 0..k {
            let s: f64 = rows[i].iter().zip(&rows[j]).map(|(a, b)| a * b).sum();
            c[i * k + j] = s / fact;
        }
    }
    if corr {
        let d: Vec<f64> = (0..k).map(|i| c[i * k + i].sqrt()).collect();
        for i in 0..k {
            for j in 0..k {
                let v = c[i * k + j] / d[i] / d[j];
                c[i * k + j] = if v.is_nan() { v } else { v.clamp(-1.0, 1.0) };
            }
        }
    }
    let shape: &[usize] = if k == 1 { &[] } else { &[k, k] };
    NdArray::from_f64(c, shape, DType::Float64)
}
