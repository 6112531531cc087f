//! Complex arrays (numpy's complex64 and complex128) and `numpy.fft`.
//!
//! candle has no complex dtype, so a complex array is a float tensor with one more trailing axis
//! of length 2 holding the real and imaginary parts side by side (float32 parts for complex64,
//! float64 for complex128); `NdArray::dims` hides that axis. Structural operations (indexing,
//! slicing, shifting) act on the leading axes of the storage directly; arithmetic, `abs`,
//! `angle` and the transforms read the two parts as flat vectors. The compiler lets a complex
//! array reach only the operations that handle one, so every other operation sees real arrays.
//!
//! The transforms are `rustfft`'s (mixed radix and Bluestein, so any length), computed in f64
//! and rounded to float32 parts for complex64 results. numpy's pocketfft orders its arithmetic
//! differently, so results agree with numpy to about 1e-12 relative to the largest magnitude in a
//! lane, not bit for bit.

use crate::{ce, norm_axis, BinOp, DType, NdArray, Operand};
use candle_core::{Device, Tensor};
use ingot_runtime::{ErrKind, PyErr, PyResult};
use rustfft::{num_complex::Complex, FftPlanner};

/// The TypeError an operation raises on a complex array it does not handle (the compiler
/// rejects such calls first; this is the backstop).
pub(crate) fn unsupported(what: &str) -> PyErr {
    PyErr::type_error(format!("{what} does not support complex arrays here"))
}

impl DType {
    /// The dtype of a complex dtype's parts (float32 for complex64); a real dtype is its own.
    pub fn part(self) -> DType {
        match self {
            DType::Complex64 => DType::Float32,
            DType::Complex128 => DType::Float64,
            d => d,
        }
    }

    /// The complex dtype whose parts hold `self` (complex64 for float32, else complex128).
    pub fn to_complex(self) -> DType {
        match self {
            DType::Float32 | DType::Complex64 => DType::Complex64,
            _ => DType::Complex128,
        }
    }
}

/// A complex array of `dtype` from its parts, row-major, in the given shape.
pub(crate) fn from_vecs(
    re: Vec<f64>,
    im: Vec<f64>,
    shape: &[usize],
    dtype: DType,
) -> PyResult<NdArray> {
    let mut full = shape.to_vec();
    full.push(2);
    let mut inter = Vec::with_capacity(re.len() * 2);
    for (r, i) in re.into_iter().zip(im) {
        inter.push(r);
        inter.push(i);
    }
    let t = Tensor::from_vec(inter, full, &Device::Cpu).map_err(ce)?;
    let t = if dtype == DType::Complex64 {
        t.to_dtype(candle_core::DType::F32).map_err(ce)?
    } else {
        t
    };
    Ok(NdArray::wrap(t, dtype))
}

/// A complex array from two real arrays of one shape.
pub(crate) fn from_parts(re: &NdArray, im: &NdArray, dtype: DType) -> PyResult<NdArray> {
    from_vecs(re.to_f64_vec()?, im.to_f64_vec()?, re.dims(), dtype)
}

/// The real and imaginary parts of any array as f64, row-major (a real array's imaginary part is 0).
pub fn parts(a: &NdArray) -> PyResult<(Vec<f64>, Vec<f64>)> {
    if !a.dtype().is_complex() {
        let re = a.to_f64_vec()?;
        let im = vec![0.0; re.len()];
        return Ok((re, im));
    }
    let v: Vec<f64> = a
        .tensor()
        .flatten_all()
        .and_then(|t| t.to_dtype(candle_core::DType::F64))
        .and_then(|t| t.to_vec1::<f64>())
        .map_err(ce)?;
    let re = v.iter().step_by(2).copied().collect();
    let im = v.iter().skip(1).step_by(2).copied().collect();
    Ok((re, im))
}

/// `a.astype(dtype)` where either side is complex: a real array gains a zero imaginary part; a
/// complex array cast to a real dtype keeps its real part (numpy warns with ComplexWarning).
pub(crate) fn astype(a: &NdArray, dtype: DType) -> PyResult<NdArray> {
    let (re, im) = parts(a)?;
    if dtype.is_complex() {
        return from_vecs(re, im, a.dims(), dtype);
    }
    NdArray::from_f64(re, a.dims(), DType::Float64)?.astype(dtype)
}

/// `np.real(a)` / `a.real`: the real part (a real array itself).
pub fn real(a: &NdArray) -> PyResult<NdArray> {
    if !a.dtype().is_complex() {
        return Ok(a.clone());
    }
    let (re, _) = parts(a)?;
    NdArray::from_f64(re, a.dims(), a.dtype().part())
}

/// `np.imag(a)` / `a.imag`: the imaginary part (zeros of the array's dtype for a real array).
pub fn imag(a: &NdArray) -> PyResult<NdArray> {
    if !a.dtype().is_complex() {
        return NdArray::from_f64(vec![0.0; a.size()], a.dims(), a.dtype());
    }
    let (_, im) = parts(a)?;
    NdArray::from_f64(im, a.dims(), a.dtype().part())
}

/// `np.conj(a)` / `a.conj()`: the complex conjugate (a real array itself).
pub fn conj(a: &NdArray) -> PyResult<NdArray> {
    if !a.dtype().is_complex() {
        return Ok(a.clone());
    }
    let (re, im) = parts(a)?;
    from_vecs(
        re,
        im.into_iter().map(|x| -x).collect(),
        a.dims(),
        a.dtype(),
    )
}

/// `np.abs(a)` of a complex array: the magnitude, `hypot(re, im)` as numpy computes it.
pub fn cabs(a: &NdArray) -> PyResult<NdArray> {
    let (re, im) = parts(a)?;
    let m = re.iter().zip(&im).map(|(r, i)| r.hypot(*i)).collect();
    NdArray::from_f64(m, a.dims(), a.dtype().part())
}

/// `np.angle(z, deg=False)`: `arctan2(imag, real)`, in degrees when asked; float64 for real input.
pub fn angle(a: &NdArray, deg: bool) -> PyResult<NdArray> {
    let (re, im) = parts(a)?;
    let out = re
        .iter()
        .zip(&im)
        .map(|(r, i)| {
            let x = i.atan2(*r);
            if deg {
                x * (180.0 / std::f64::consts::PI)
            } else {
                x
            }
        })
        .collect();
    let dt = if a.dtype().is_complex() {
        a.dtype().part()
    } else if a.dtype() == DType::Float32 {
        DType::Float32
    } else {
        DType::Float64
    };
    NdArray::from_f64(out, a.dims(), dt)
}

/// The parts of an operand broadcast to `shape`, and the dtype the operand promotes with.
fn operand_parts(o: &Operand, shape: &[usize]) -> PyResult<(Vec<f64>, Vec<f64>)> {
    let arr = match o {
        Operand::Arr(a) => a.clone(),
        Operand::Float(x) => NdArray::scalar_f64(*x, DType::Float64),
        Operand::Int(i) => NdArray::scalar_f64(*i as f64, DType::Float64),
        Operand::Bool(b) => NdArray::scalar_f64(f64::from(u8::from(*b)), DType::Float64),
    };
    let (re, im) = parts(&arr)?;
    if arr.dims() == shape {
        return Ok((re, im));
    }
    let re = NdArray::from_f64(re, arr.dims(), DType::Float64)?;
    let im = NdArray::from_f64(im, arr.dims(), DType::Float64)?;
    let b = |x: &NdArray| -> PyResult<Vec<f64>> {
        crate::ops::bcast_to(x, shape)?
            .tensor()
            .flatten_all()
            .and_then(|t| t.to_vec1::<f64>())
            .map_err(ce)
    };
    Ok((b(&re)?, b(&im)?))
}

/// The complex dtype of an elementwise op between a complex array and another operand (numpy's
/// promotion: complex64 stays complex64 with float32, bool and Python scalars, else complex128).
fn complex_result(a: &Operand, b: &Operand) -> DType {
    let narrow = |o: &Operand| match o {
        Operand::Arr(x) => matches!(x.dtype(), DType::Complex64 | DType::Float32 | DType::Bool),
        _ => true,
    };
    let any64 = [a, b]
        .iter()
        .any(|o| matches!(o, Operand::Arr(x) if x.dtype() == DType::Complex64));
    if any64 && narrow(a) && narrow(b) {
        DType::Complex64
    } else {
        DType::Complex128
    }
}

/// `a <op> b` where either operand is a complex array: `+ - * /` (Smith's division, as numpy),
/// `==` and `!=` (both parts equal); other operators are TypeErrors in numpy too.
pub(crate) fn cbinary(op: BinOp, a: Operand, b: Operand) -> PyResult<NdArray> {
    let dims = |o: &Operand| match o {
        Operand::Arr(x) => x.dims().to_vec(),
        _ => vec![],
    };
    let shape = crate::ops::broadcast_shape(&dims(&a), &dims(&b))?;
    let (ar, ai) = operand_parts(&a, &shape)?;
    let (br, bi) = operand_parts(&b, &shape)?;
    let n = ar.len();
    if matches!(op, BinOp::Eq | BinOp::Ne) {
        let eq: Vec<bool> = (0..n)
            .map(|k| (ar[k] == br[k] && ai[k] == bi[k]) == (op == BinOp::Eq))
            .collect();
        return NdArray::from_bool(eq, &shape);
    }
    let mut re = Vec::with_capacity(n);
    let mut im = Vec::with_capacity(n);
    for k in 0..n {
        let (x, y) = match op {
            BinOp::Add => (ar[k] + br[k], ai[k] + bi[k]),
            BinOp::Sub => (ar[k] - br[k], ai[k] - bi[k]),
            BinOp::Mul => (ar[k] * br[k] - ai[k] * bi[k], ar[k] * bi[k] + ai[k] * br[k]),
            BinOp::TrueDiv => cdiv(ar[k], ai[k], br[k], bi[k]),
            other => {
                return Err(PyErr::type_error(format!(
                    "ufunc '{}' not supported for complex arrays",
                    format!("{other:?}").to_lowercase()
                )))
            }
        };
        re.push(x);
        im.push(y);
    }
    from_vecs(re, im, &shape, complex_result(&a, &b))
}

/// numpy's complex division (Smith's method; 0/0 gives nan and x/0 inf parts, with a warning).
fn cdiv(ar: f64, ai: f64, br: f64, bi: f64) -> (f64, f64) {
    let (rabs, iabs) = (br.abs(), bi.abs());
    if rabs >= iabs {
        if rabs == 0.0 && iabs == 0.0 {
            return (ar / rabs, ai / iabs);
        }
        let rat = bi / br;
        let scl = 1.0 / (br + bi * rat);
        ((ar + ai * rat) * scl, (ai - ar * rat) * scl)
    } else {
        let rat = br / bi;
        let scl = 1.0 / (bi + br * rat);
        ((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

/// `-a` of a complex array.
pub(crate) fn cneg(a: &NdArray) -> PyResult<NdArray> {
    let (re, im) = parts(a)?;
    from_vecs(
        re.into_iter().map(|x| -x).collect(),
        im.into_iter().map(|x| -x).collect(),
        a.dims(),
        a.dtype(),
    )
}

// ---- numpy.fft ------------------------------------------------------------------------------

/// `norm=`: which direction is scaled by 1/n ("backward", the default, scales the inverse).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FftNorm {
    Backward,
    Ortho,
    Forward,
}

impl FftNorm {
    /// Parses `norm=` (None is "backward"), with numpy's ValueError for another string.
    pub fn parse(s: Option<&str>) -> PyResult<FftNorm> {
        Ok(match s {
            None | Some("backward") => FftNorm::Backward,
            Some("ortho") => FftNorm::Ortho,
            Some("forward") => FftNorm::Forward,
            Some(other) => {
                return Err(PyErr::value_error(format!(
                    "Invalid norm value {}; should be \"backward\", \"ortho\" or \"forward\".",
                    ingot_runtime::PyRepr::py_repr(&other.to_string())
                )))
            }
        })
    }

    /// hfft/ihfft run the opposite transform with the opposite scaling.
    fn swap(self) -> FftNorm {
        match self {
            FftNorm::Backward => FftNorm::Forward,
            FftNorm::Forward => FftNorm::Backward,
            FftNorm::Ortho => FftNorm::Ortho,
        }
    }

    fn scale(self, n: usize, inverse: bool) -> f64 {
        match (self, inverse) {
            (FftNorm::Ortho, _) => 1.0 / (n as f64).sqrt(),
            (FftNorm::Backward, true) | (FftNorm::Forward, false) => 1.0 / n as f64,
            _ => 1.0,
        }
    }
}

/// What one lane transform does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Complex to complex.
    C2c { inverse: bool },
    /// Real to the non-negative half of the spectrum (n/2+1 outputs).
    R2c,
    /// The non-negative half of a Hermitian spectrum to n real outputs.
    C2r,
}

fn bad_points(n: i64) -> PyErr {
    PyErr::value_error(format!(
        "Invalid number of FFT data points ({n}) specified."
    ))
}

/// One transform along `axis` of parts in `dims`, with `n` the transform's length.
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
fn transform_axis(
    re: &[f64],
    im: &[f64],
    dims: &[usize],
    axis: usize,
    n: usize,
    kind: Kind,
    norm: FftNorm,
    planner: &mut FftPlanner<f64>,
) -> (Vec<f64>, Vec<f64>, Vec<usize>) {
    let len_in = dims[axis];
    let outer: usize = dims[..axis].iter().product();
    let inner: usize = dims[axis + 1..].iter().product();
    let len_out = match kind {
        Kind::C2c { .. } | Kind::C2r => n,
        Kind::R2c => n / 2 + 1,
    };
    let mut out_dims = dims.to_vec();
    out_dims[axis] = len_out;
    let total = outer * len_out * inner;
    let (mut ore, mut oim) = (vec![0.0; total], vec![0.0; total]);
    let inverse = matches!(kind, Kind::C2c { inverse: true } | Kind::C2r);
    let fft = if inverse {
        planner.plan_fft_inverse(n)
    } else {
        planner.plan_fft_forward(n)
    };
    let scale = norm.scale(n, inverse);
    let mut buf = vec![Complex::new(0.0, 0.0); n];
    for o in 0..outer {
        for i in 0..inner {
            let at = |k: usize| (o * len_in + k) * inner + i;
            buf.iter_mut().for_each(|c| *c = Complex::new(0.0, 0.0));
            match kind {
                Kind::C2c { .. } | Kind::R2c => {
                    for (k, c) in buf.iter_mut().enumerate().take(len_in.min(n)) {
                        *c = Complex::new(
                            re[at(k)],
                            if kind == Kind::R2c { 0.0 } else { im[at(k)] },
                        );
                    }
                }
                Kind::C2r => {
                    // The full Hermitian spectrum from its first n/2+1 terms; the imaginary parts
                    // of the zero (and, for even n, the Nyquist) term are ignored, as pocketfft does.
                    let half = n / 2 + 1;
                    for k in 0..half.min(len_in) {
                        let mut c = Complex::new(re[at(k)], im[at(k)]);
                        if k == 0 || (n.is_multiple_of(2) && k == n / 2) {
                            c.im = 0.0;
                        }
                        buf[k] = c;
                        if k > 0 && n - k != k {
                            buf[n - k] = c.conj();
                        }
                    }
                }
            }
            fft.process(&mut buf);
            for k in 0..len_out {
                let p = (o * len_out + k) * inner + i;
                ore[p] = buf[k].re * scale;
                oim[p] = if kind == Kind::C2r {
                    0.0
                } else {
                    buf[k].im * scale
                };
            }
        }
    }
    (ore, oim, out_dims)
}

/// A chain of lane transforms over an array: the input parts, then each (axis, n, kind) in turn.
fn run(
    a: &NdArray,
    steps: &[(usize, usize, Kind)],
    norm: FftNorm,
    real_out: bool,
) -> PyResult<NdArray> {
    let (mut re, mut im) = parts(a)?;
    let mut dims = a.dims().to_vec();
    let mut planner = FftPlanner::<f64>::new();
    for &(axis, n, kind) in steps {
        let r = transform_axis(&re, &im, &dims, axis, n, kind, norm, &mut planner);
        (re, im, dims) = r;
    }
    // float32 and complex64 inputs give complex64 (float32) results, as in numpy 2.
    let narrow = matches!(a.dtype(), DType::Float32 | DType::Complex64);
    if real_out {
        return NdArray::from_f64(
            re,
            &dims,
            if narrow {
                DType::Float32
            } else {
                DType::Float64
            },
        );
    }
    from_vecs(
        re,
        im,
        &dims,
        if narrow {
            DType::Complex64
        } else {
            DType::Complex128
        },
    )
}

fn points(n: Option<i64>, default: usize) -> PyResult<usize> {
    let n = n.unwrap_or(default as i64);
    if n < 1 {
        return Err(bad_points(n));
    }
    Ok(n as usize)
}

fn one_axis(a: &NdArray, axis: i64) -> PyResult<usize> {
    if a.ndim() == 0 {
        return Err(PyErr::new(
            ErrKind::IndexError,
            format!("axis {axis} is out of bounds for array of dimension 0"),
        ));
    }
    norm_axis(axis, a.ndim())
}

/// `np.fft.fft(a, n=None, axis=-1, norm=None)` and `ifft` (`inverse`).
pub fn fft(
    a: &NdArray,
    n: Option<i64>,
    axis: i64,
    norm: Option<&str>,
    inverse: bool,
) -> PyResult<NdArray> {
    let norm = FftNorm::parse(norm)?;
    let ax = one_axis(a, axis)?;
    let n = points(n, a.dims()[ax])?;
    run(a, &[(ax, n, Kind::C2c { inverse })], norm, false)
}

/// `np.fft.rfft(a, n=None, axis=-1, norm=None)`: the non-negative frequencies of a real signal.
pub fn rfft(a: &NdArray, n: Option<i64>, axis: i64, norm: Option<&str>) -> PyResult<NdArray> {
    let norm = FftNorm::parse(norm)?;
    real_input(a, "rfft")?;
    let ax = one_axis(a, axis)?;
    let n = points(n, a.dims()[ax])?;
    run(a, &[(ax, n, Kind::R2c)], norm, false)
}

/// `np.fft.irfft(a, n=None, axis=-1, norm=None)`: n real outputs (default 2*(m-1)).
pub fn irfft(a: &NdArray, n: Option<i64>, axis: i64, norm: Option<&str>) -> PyResult<NdArray> {
    let norm = FftNorm::parse(norm)?;
    let ax = one_axis(a, axis)?;
    let m = a.dims()[ax] as i64;
    let n = points(Some(n.unwrap_or(2 * (m - 1))), 0)?;
    run(a, &[(ax, n, Kind::C2r)], norm, true)
}

/// `np.fft.hfft(a, n=None, axis=-1, norm=None)`: the real spectrum of a Hermitian signal given by
/// its first half (numpy: `irfft(conj(a), n)` with the opposite scaling).
pub fn hfft(a: &NdArray, n: Option<i64>, axis: i64, norm: Option<&str>) -> PyResult<NdArray> {
    let norm = FftNorm::parse(norm)?.swap();
    let ax = one_axis(a, axis)?;
    let m = a.dims()[ax] as i64;
    let n = points(Some(n.unwrap_or(2 * (m - 1))), 0)?;
    run(&conj(a)?, &[(ax, n, Kind::C2r)], norm, true)
}

/// `np.fft.ihfft(a, n=None, axis=-1, norm=None)`: `conj(rfft(a, n))` with the opposite scaling.
pub fn ihfft(a: &NdArray, n: Option<i64>, axis: i64, norm: Option<&str>) -> PyResult<NdArray> {
    let norm = FftNorm::parse(norm)?.swap();
    real_input(a, "ihfft")?;
    let ax = one_axis(a, axis)?;
    let n = points(n, a.dims()[ax])?;
    conj(&run(a, &[(ax, n, Kind::R2c)], norm, false)?)
}

fn real_input(a: &NdArray, name: &str) -> PyResult<()> {
    if a.dtype().is_complex() {
        return Err(PyErr::type_error(format!(
            "ufunc '{name}' did not contain a loop with signature matching types"
        )));
    }
    Ok(())
}

/// The axes and lengths of an n-dimensional transform: numpy's `_cook_nd_args` (all axes by
/// default; `s` alone names the last len(s) axes; each length defaults to the axis' size).
fn cook(
    a: &NdArray,
    s: Option<&[i64]>,
    axes: Option<&[i64]>,
    last_half: bool,
) -> PyResult<Vec<(usize, i64)>> {
    let nd = a.ndim();
    let axes: Vec<i64> = match (axes, s) {
        (Some(ax), _) => ax.to_vec(),
        (None, Some(s)) => ((nd as i64 - s.len() as i64)..nd as i64).collect(),
        (None, None) => (0..nd as i64).collect(),
    };
    if let Some(s) = s {
        if s.len() != axes.len() {
            return Err(PyErr::value_error("Shape and axes have different lengths."));
        }
    }
    let mut out = Vec::with_capacity(axes.len());
    for (k, &ax) in axes.iter().enumerate() {
        let a_ = norm_axis(ax, nd)?;
        let dflt = a.dims()[a_] as i64;
        let len = match s {
            Some(s) if s[k] != -1 => s[k],
            _ if last_half && k + 1 == axes.len() => 2 * (dflt - 1),
            _ => dflt,
        };
        out.push((a_, len));
    }
    Ok(out)
}

/// `np.fft.fftn(a, s=None, axes=None, norm=None)`, `ifftn`, and `fft2`/`ifft2` (axes (-2, -1)).
pub fn fftn(
    a: &NdArray,
    s: Option<Vec<i64>>,
    axes: Option<Vec<i64>>,
    norm: Option<&str>,
    inverse: bool,
) -> PyResult<NdArray> {
    let norm = FftNorm::parse(norm)?;
    let plan = cook(a, s.as_deref(), axes.as_deref(), false)?;
    let mut steps = Vec::with_capacity(plan.len());
    for &(ax, n) in plan.iter().rev() {
        steps.push((ax, points(Some(n), 0)?, Kind::C2c { inverse }));
    }
    if steps.is_empty() {
        return astype(a, a.dtype().to_complex());
    }
    run(a, &steps, norm, false)
}

/// `np.fft.rfftn(a, s=None, axes=None, norm=None)` and `rfft2`: rfft over the last axis, then fft
/// over the others.
pub fn rfftn(
    a: &NdArray,
    s: Option<Vec<i64>>,
    axes: Option<Vec<i64>>,
    norm: Option<&str>,
) -> PyResult<NdArray> {
    let norm = FftNorm::parse(norm)?;
    real_input(a, "rfftn")?;
    let plan = cook(a, s.as_deref(), axes.as_deref(), false)?;
    let Some((&(last, ln), rest)) = plan.split_last() else {
        return Err(PyErr::value_error("at least 1 axis must be transformed"));
    };
    let mut steps = vec![(last, points(Some(ln), 0)?, Kind::R2c)];
    for &(ax, n) in rest.iter().rev() {
        steps.push((ax, points(Some(n), 0)?, Kind::C2c { inverse: false }));
    }
    run(a, &steps, norm, false)
}

/// `np.fft.irfftn(a, s=None, axes=None, norm=None)` and `irfft2`: ifft over all but the last
/// axis, then irfft over it (its length defaults to 2*(m-1)).
pub fn irfftn(
    a: &NdArray,
    s: Option<Vec<i64>>,
    axes: Option<Vec<i64>>,
    norm: Option<&str>,
) -> PyResult<NdArray> {
    let norm = FftNorm::parse(norm)?;
    let plan = cook(a, s.as_deref(), axes.as_deref(), true)?;
    let Some((&(last, ln), rest)) = plan.split_last() else {
        return Err(PyErr::value_error("at least 1 axis must be transformed"));
    };
    let mut steps = Vec::with_capacity(plan.len());
    for &(ax, n) in rest.iter() {
        steps.push((ax, points(Some(n), 0)?, Kind::C2c { inverse: true }));
    }
    steps.push((last, points(Some(ln), 0)?, Kind::C2r));
    run(a, &steps, norm, true)
}

/// `np.fft.fftfreq(n, d=1.0)`: `[0, 1, ..., (n-1)//2, -(n//2), ..., -1] * (1 / (n*d))`.
pub fn fftfreq(n: i64, d: f64) -> PyResult<NdArray> {
    let val = freq_step(n, d)?;
    if n < 0 {
        return Err(PyErr::value_error("negative dimensions are not allowed"));
    }
    let pos = (n - 1).div_euclid(2) + 1;
    let v: Vec<f64> = (0..pos)
        .chain(-(n.div_euclid(2))..0)
        .map(|k| k as f64 * val)
        .collect();
    let len = v.len();
    NdArray::from_f64(v, &[len], DType::Float64)
}

/// `np.fft.rfftfreq(n, d=1.0)`: `[0, 1, ..., n//2] * (1 / (n*d))`.
pub fn rfftfreq(n: i64, d: f64) -> PyResult<NdArray> {
    let val = freq_step(n, d)?;
    // A negative n gives an empty range, as numpy's arange does.
    let v: Vec<f64> = (0..n.div_euclid(2) + 1).map(|k| k as f64 * val).collect();
    let len = v.len();
    NdArray::from_f64(v, &[len], DType::Float64)
}

fn freq_step(n: i64, d: f64) -> PyResult<f64> {
    let denom = n as f64 * d;
    if denom == 0.0 {
        return Err(PyErr::new(
            ErrKind::ZeroDivisionError,
            "float division by zero",
        ));
    }
    Ok(1.0 / denom)
}

/// `np.fft.fftshift(x, axes=None)` and `ifftshift` (`inverse`): rolls each axis by half its length.
pub fn fftshift(a: &NdArray, axes: Option<Vec<i64>>, inverse: bool) -> PyResult<NdArray> {
    let axes: Vec<usize> = match axes {
        Some(ax) => ax
            .iter()
            .map(|&x| norm_axis(x, a.ndim()))
            .collect::<PyResult<_>>()?,
        None => (0..a.ndim()).collect(),
    };
    // The storage's leading axes are the array's axes, for real and complex arrays alike.
    let mut t = a.tensor().clone();
    for ax in axes {
        let len = a.dims()[ax];
        if len == 0 {
            continue;
        }
        let half = len / 2;
        let shift = if inverse { len - half } else { half } % len;
        if shift != 0 {
            let tail = t.narrow(ax, len - shift, shift).map_err(ce)?;
            let head = t.narrow(ax, 0, len - shift).map_err(ce)?;
            t = Tensor::cat(&[&tail, &head], ax).map_err(ce)?;
        }
    }
    Ok(NdArray::wrap(t, a.dtype()))
}
