//! scipy as pre/post-processing code calls it around a model: `scipy.special`'s softmax family and elementwise
//! functions (`softmax`, `log_softmax`, `logsumexp`, `expit`, `logit`, `erf`, `erfc`), and
//! `scipy.spatial.distance`'s vector distances, `cdist`, `pdist` and `squareform`, with scipy's formulas, result
//! dtypes and errors (scipy 1.17). Everything is computed in f64 and stored in the result's dtype.

use crate::{DType, NdArray};
use ingot_runtime::{ErrKind, PyErr, PyResult};

/// numpy's axis check: AxisError for an axis outside the array's dimensions.
fn norm_axis(axis: i64, ndim: usize) -> PyResult<usize> {
    let a = if axis < 0 { axis + ndim as i64 } else { axis };
    if a < 0 || a >= ndim as i64 {
        return Err(PyErr::new(
            ErrKind::AxisError,
            format!("axis {axis} is out of bounds for array of dimension {ndim}"),
        ));
    }
    Ok(a as usize)
}

/// The float dtype an elementwise special function returns for `d`: floats keep theirs, the rest are float64.
fn float_of(d: DType) -> DType {
    if d.is_float() {
        d
    } else {
        DType::Float64
    }
}

/// The lanes of `dims` along `axis` (None: the whole array as one lane): (outer, length, inner) strides.
fn lanes(dims: &[usize], axis: Option<i64>) -> PyResult<(usize, usize, usize)> {
    match axis {
        None => Ok((1, dims.iter().product(), 1)),
        Some(ax) => {
            let a = norm_axis(ax, dims.len())?;
            let outer = dims[..a].iter().product();
            let inner = dims[a + 1..].iter().product();
            Ok((outer, dims[a], inner))
        }
    }
}

fn no_identity() -> PyErr {
    PyErr::value_error("zero-size array to reduction operation maximum which has no identity")
}

/// Applies `f` to every lane of `a` along `axis` (values in, values out, same length).
fn per_lane(a: &NdArray, axis: Option<i64>, f: impl Fn(&[f64]) -> Vec<f64>) -> PyResult<NdArray> {
    let dims = a.shape();
    let x = a.to_f64_vec()?;
    let (outer, n, inner) = lanes(&dims, axis)?;
    if n == 0 && outer * inner > 0 || x.is_empty() && axis.is_none() {
        return Err(no_identity());
    }
    let mut out = vec![0.0; x.len()];
    let mut lane = vec![0.0; n];
    for o in 0..outer {
        for i in 0..inner {
            for (k, v) in lane.iter_mut().enumerate() {
                *v = x[(o * n + k) * inner + i];
            }
            for (k, v) in f(&lane).into_iter().enumerate() {
                out[(o * n + k) * inner + i] = v;
            }
        }
    }
    NdArray::from_f64(out, &dims, float_of(a.dtype()))
}

/// np.amax of a lane (NaN propagates).
fn lane_max(x: &[f64]) -> f64 {
    x.iter()
        .fold(f64::NEG_INFINITY, |m, &v| if v.is_nan() || m.is_nan() { f64::NAN } else { m.max(v) })
}

/// `scipy.special.softmax(x, axis=None)`: exp(x - max) / sum, along `axis` or over the whole array.
pub fn sp_softmax(a: &NdArray, axis: Option<i64>) -> PyResult<NdArray> {
    per_lane(a, axis, |x| {
        let m = lane_max(x);
        let e: Vec<f64> = x.iter().map(|v| (v - m).exp()).collect();
        let s: f64 = e.iter().sum();
        e.into_iter().map(|v| v / s).collect()
    })
}

/// `scipy.special.log_softmax(x, axis=None)`: (x - max) - log(sum(exp(x - max))), a non-finite max taken as 0.
pub fn sp_log_softmax(a: &NdArray, axis: Option<i64>) -> PyResult<NdArray> {
    per_lane(a, axis, |x| {
        let m = lane_max(x);
        let m = if m.is_finite() { m } else { 0.0 };
        let t: Vec<f64> = x.iter().map(|v| v - m).collect();
        let s: f64 = t.iter().map(|v| v.exp()).sum();
        let l = s.ln();
        t.into_iter().map(|v| v - l).collect()
    })
}

/// The log of the sum of the exponentials of one lane, as scipy computes it (an infinite max is the answer).
fn lse(x: &[f64]) -> f64 {
    if x.is_empty() {
        return f64::NEG_INFINITY;
    }
    let m = lane_max(x);
    if m.is_nan() {
        return f64::NAN;
    }
    if m.is_infinite() {
        // Any +inf makes it +inf (and +inf with -inf too); all -inf is -inf.
        return m;
    }
    let s: f64 = x.iter().map(|v| (v - m).exp()).sum();
    m + s.ln()
}

/// `scipy.special.logsumexp(a, axis=None, keepdims=False)`: a 0-d array when fully reduced (the caller reads
/// its item), else the reduced array.
pub fn sp_logsumexp(a: &NdArray, axis: Option<i64>, keepdims: bool) -> PyResult<NdArray> {
    let dims = a.shape();
    let x = a.to_f64_vec()?;
    let (outer, n, inner) = lanes(&dims, axis)?;
    let mut out = Vec::with_capacity(outer * inner);
    let mut lane = vec![0.0; n];
    for o in 0..outer {
        for i in 0..inner {
            for (k, v) in lane.iter_mut().enumerate() {
                *v = x[(o * n + k) * inner + i];
            }
            out.push(lse(&lane));
        }
    }
    let shape: Vec<usize> = match axis {
        None if keepdims => vec![1; dims.len()],
        None => vec![],
        Some(ax) => {
            let a = norm_axis(ax, dims.len())?;
            let mut s = dims.clone();
            if keepdims {
                s[a] = 1;
            } else {
                s.remove(a);
            }
            s
        }
    };
    NdArray::from_f64(out, &shape, float_of(a.dtype()))
}

/// `scipy.special.expit(x)` of one number.
pub fn sp_expit_f(x: f64) -> f64 {
    if x < 0.0 {
        let u = x.exp();
        u / (1.0 + u)
    } else {
        1.0 / (1.0 + (-x).exp())
    }
}

/// `scipy.special.logit(p)` of one number: -inf at 0, inf at 1, NaN outside [0, 1].
pub fn sp_logit_f(x: f64) -> f64 {
    if !(0.0..=1.0).contains(&x) {
        return f64::NAN;
    }
    if !(0.3..=0.65).contains(&x) {
        (x / (1.0 - x)).ln()
    } else {
        let s = 2.0 * (x - 0.5);
        s.ln_1p() - (-s).ln_1p()
    }
}

/// `scipy.special.erf(x)` of one number.
pub fn sp_erf_f(x: f64) -> f64 {
    ingot_runtime::math::erf(x)
}

/// `scipy.special.erfc(x)` of one number.
pub fn sp_erfc_f(x: f64) -> f64 {
    ingot_runtime::math::erfc(x)
}

/// An elementwise special function of an array, by name (`expit`, `logit`, `erf`, `erfc`).
pub fn sp_unary(name: &str, a: &NdArray) -> PyResult<NdArray> {
    let f: fn(f64) -> f64 = match name {
        "expit" => sp_expit_f,
        "logit" => sp_logit_f,
        "erf" => sp_erf_f,
        "erfc" => sp_erfc_f,
        _ => return Err(PyErr::value_error(format!("unknown special function {name}"))),
    };
    let x = a.to_f64_vec()?;
    NdArray::from_f64(x.into_iter().map(f).collect(), &a.shape(), float_of(a.dtype()))
}

// ---- scipy.spatial.distance ---------------------------------------------------------------------

/// A metric of `cdist`/`pdist` and the vector functions.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Metric {
    Euclidean,
    SqEuclidean,
    Cityblock,
    Chebyshev,
    Cosine,
    Correlation,
    Minkowski,
    BrayCurtis,
    Canberra,
    Hamming,
}

/// The metric a name or one of scipy's aliases names, or scipy's ValueError.
pub fn metric(name: &str) -> PyResult<Metric> {
    Ok(match name {
        "euclidean" | "euclid" | "eu" | "e" => Metric::Euclidean,
        "sqeuclidean" | "sqe" | "sqeuclid" => Metric::SqEuclidean,
        "cityblock" | "cblock" | "cb" | "c" => Metric::Cityblock,
        "chebyshev" | "chebychev" | "cheby" | "cheb" | "ch" => Metric::Chebyshev,
        "cosine" | "cos" => Metric::Cosine,
        "correlation" | "co" => Metric::Correlation,
        "minkowski" | "mi" | "m" | "pnorm" => Metric::Minkowski,
        "braycurtis" => Metric::BrayCurtis,
        "canberra" => Metric::Canberra,
        "hamming" | "matching" | "hamm" | "ha" | "h" => Metric::Hamming,
        _ => return Err(PyErr::value_error(format!("Unknown Distance Metric: {name}"))),
    })
}

fn dot(u: &[f64], v: &[f64]) -> f64 {
    u.iter().zip(v).map(|(a, b)| a * b).sum()
}

/// The distance between two vectors of equal length under `m` (`p` for Minkowski).
fn dist(m: Metric, u: &[f64], v: &[f64], p: f64) -> f64 {
    let diff = || u.iter().zip(v).map(|(a, b)| (a - b).abs());
    match m {
        Metric::Euclidean => diff().map(|d| d * d).sum::<f64>().sqrt(),
        Metric::SqEuclidean => diff().map(|d| d * d).sum(),
        Metric::Cityblock => diff().sum(),
        Metric::Chebyshev => diff().fold(f64::NEG_INFINITY, f64::max),
        Metric::Minkowski => {
            if p.is_infinite() {
                diff().fold(0.0, f64::max)
            } else {
                diff().map(|d| d.powf(p)).sum::<f64>().powf(1.0 / p)
            }
        }
        Metric::Cosine | Metric::Correlation => {
            let (mu, mv) = if m == Metric::Correlation && !u.is_empty() {
                let n = u.len() as f64;
                (u.iter().sum::<f64>() / n, v.iter().sum::<f64>() / n)
            } else {
                (0.0, 0.0)
            };
            let uc: Vec<f64> = u.iter().map(|x| x - mu).collect();
            let vc: Vec<f64> = v.iter().map(|x| x - mv).collect();
            let uv = dot(&uc, &vc);
            let uu = dot(&uc, &uc);
            let vv = dot(&vc, &vc);
            let d = 1.0 - uv / (uu * vv).sqrt();
            if d.is_nan() {
                d
            } else {
                d.clamp(0.0, 2.0)
            }
        }
        Metric::BrayCurtis => {
            let num: f64 = diff().sum();
            let den: f64 = u.iter().zip(v).map(|(a, b)| (a + b).abs()).sum();
            num / den
        }
        Metric::Canberra => u
            .iter()
            .zip(v)
            .map(|(a, b)| {
                let den = a.abs() + b.abs();
                if den == 0.0 {
                    0.0
                } else {
                    (a - b).abs() / den
                }
            })
            .sum(),
        Metric::Hamming => {
            let ne = u.iter().zip(v).filter(|(a, b)| a != b).count();
            ne as f64 / u.len() as f64
        }
    }
}

fn shape_str(d: &[usize]) -> String {
    match d.len() {
        1 => format!("({},)", d[0]),
        _ => format!("({})", d.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// A 1-D input vector, or scipy's ValueError.
fn vector(a: &NdArray) -> PyResult<Vec<f64>> {
    if a.ndim() != 1 {
        return Err(PyErr::value_error("Input vector should be 1-D."));
    }
    a.to_f64_vec()
}

/// The two vectors of a distance function under `m`, checked for equal length as scipy checks them: cosine
/// and correlation by `np.dot`, hamming by its own check, the others by numpy's broadcasting (a length-1 vector
/// broadcasts against the other).
fn vectors(m: Metric, u: &NdArray, v: &NdArray) -> PyResult<(Vec<f64>, Vec<f64>)> {
    let (a, b) = (vector(u)?, vector(v)?);
    if a.len() != b.len() && matches!(m, Metric::Cosine | Metric::Correlation) {
        return Err(PyErr::value_error(format!(
            "shapes ({},) and ({},) not aligned: {} (dim 0) != {} (dim 0)",
            a.len(),
            b.len(),
            a.len(),
            b.len()
        )));
    }
    if a.len() != b.len() && m == Metric::Hamming {
        return Err(PyErr::value_error("The 1d arrays must have equal lengths."));
    }
    if a.len() != b.len() && a.len() != 1 && b.len() != 1 {
        return Err(PyErr::value_error(format!(
            "operands could not be broadcast together with shapes {} {} ",
            shape_str(&u.shape()),
            shape_str(&v.shape())
        )));
    }
    // A length-1 vector broadcasts against the other.
    // (1,) against (k,) broadcasts to (k,), k = 0 included.
    let n = if a.len() == 1 { b.len() } else { a.len() };
    let grow = |x: Vec<f64>| if x.len() == 1 && n != 1 { vec![x[0]; n] } else { x };
    Ok((grow(a), grow(b)))
}

/// `scipy.spatial.distance.<metric>(u, v)` by metric name, as a float.
pub fn sp_distance(name: &str, u: &NdArray, v: &NdArray, p: f64) -> PyResult<f64> {
    let m = metric(name)?;
    let (a, b) = vectors(m, u, v)?;
    if m == Metric::Minkowski && p <= 0.0 {
        return Err(PyErr::value_error("p must be greater than 0"));
    }
    if m == Metric::Chebyshev && a.is_empty() {
        // scipy takes the builtin max() of |u - v|.
        return Err(PyErr::value_error("max() arg is an empty sequence"));
    }
    Ok(dist(m, &a, &b, p))
}

/// `cityblock`/`chebyshev` of two integer vectors: numpy's int64 sum or max of |u - v|.
pub fn sp_distance_int(name: &str, u: &NdArray, v: &NdArray) -> PyResult<i64> {
    let m = metric(name)?;
    let (a, b) = vectors(m, u, v)?;
    let d = a.iter().zip(&b).map(|(x, y)| (*x as i64 - *y as i64).abs());
    Ok(match m {
        Metric::Chebyshev => d.max().ok_or_else(|| PyErr::value_error("max() arg is an empty sequence"))?,
        _ => d.sum(),
    })
}

/// A 2-D observation matrix of `cdist`/`pdist`, as rows.
fn rows(a: &NdArray, what: &str) -> PyResult<(Vec<f64>, usize, usize)> {
    if a.ndim() != 2 {
        return Err(PyErr::value_error(format!("{what} must be a 2-dimensional array.")));
    }
    let d = a.shape();
    Ok((a.to_f64_vec()?, d[0], d[1]))
}

fn check_p(m: Metric, p: f64) -> PyResult<()> {
    if m == Metric::Minkowski && p <= 0.0 {
        return Err(PyErr::value_error("p must be greater than 0"));
    }
    Ok(())
}

/// `scipy.spatial.distance.cdist(XA, XB, metric, p=2)`: the (m, n) float64 matrix of distances.
pub fn sp_cdist(xa: &NdArray, xb: &NdArray, name: &str, p: f64) -> PyResult<NdArray> {
    let (a, ma, ka) = rows(xa, "XA")?;
    let (b, mb, kb) = rows(xb, "XB")?;
    if ka != kb {
        return Err(PyErr::value_error(
            "XA and XB must have the same number of columns (i.e. feature dimension.)",
        ));
    }
    let m = metric(name)?;
    check_p(m, p)?;
    let mut out = Vec::with_capacity(ma * mb);
    for i in 0..ma {
        for j in 0..mb {
            out.push(dist(m, &a[i * ka..(i + 1) * ka], &b[j * kb..(j + 1) * kb], p));
        }
    }
    NdArray::from_f64(out, &[ma, mb], DType::Float64)
}

/// `scipy.spatial.distance.pdist(X, metric, p=2)`: the condensed float64 vector of the pairs i < j.
pub fn sp_pdist(x: &NdArray, name: &str, p: f64) -> PyResult<NdArray> {
    let (a, n, k) = rows(x, "A")?;
    let m = metric(name)?;
    check_p(m, p)?;
    let mut out = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for i in 0..n {
        for j in i + 1..n {
            out.push(dist(m, &a[i * k..(i + 1) * k], &a[j * k..(j + 1) * k], p));
        }
    }
    let n = out.len();
    NdArray::from_f64(out, &[n], DType::Float64)
}

/// `scipy.spatial.distance.squareform(X)`: a condensed vector to its symmetric matrix, or a square distance
/// matrix (zero diagonal, symmetric) to its condensed vector, in the input's dtype.
pub fn sp_squareform(x: &NdArray) -> PyResult<NdArray> {
    let d = x.shape();
    let v = x.to_f64_vec()?;
    match d.len() {
        1 => {
            let len = d[0];
            if len == 0 {
                return NdArray::from_f64(vec![0.0], &[1, 1], x.dtype());
            }
            let n = ((1.0 + (1.0 + 8.0 * len as f64).sqrt()) / 2.0).ceil() as usize;
            if n * (n - 1) / 2 != len {
                return Err(PyErr::value_error(
                    "Incompatible vector size. It must be a binomial coefficient n choose 2 for some integer n >= 2.",
                ));
            }
            let mut out = vec![0.0; n * n];
            let mut k = 0;
            for i in 0..n {
                for j in i + 1..n {
                    out[i * n + j] = v[k];
                    out[j * n + i] = v[k];
                    k += 1;
                }
            }
            NdArray::from_f64(out, &[n, n], x.dtype())
        }
        2 => {
            if d[0] != d[1] {
                return Err(PyErr::value_error("The matrix argument must be square."));
            }
            let n = d[0];
            for i in 0..n {
                if v[i * n + i] != 0.0 {
                    return Err(PyErr::value_error("Distance matrix 'X' diagonal must be zero."));
                }
                for j in 0..n {
                    if v[i * n + j] != v[j * n + i] {
                        return Err(PyErr::value_error("Distance matrix 'X' must be symmetric."));
                    }
                }
            }
            let mut out = Vec::new();
            for i in 0..n {
                for j in i + 1..n {
                    out.push(v[i * n + j]);
                }
            }
            NdArray::from_f64(out, &[n * n.saturating_sub(1) / 2], x.dtype())
        }
        k => Err(PyErr::value_error(format!(
            "The first argument must be one or two dimensional array. A {k}-dimensional array is not permitted"
        ))),
    }
}

/// A matrix argument of `cdist`/`pdist` converted from a Python list of rows: an empty list is a 1-D array in
/// numpy (shape (0,)), so scipy's 2-D check fails on it.
pub fn sp_list_matrix(a: NdArray, what: &str) -> PyResult<NdArray> {
    if a.shape() == [0, 0] {
        return Err(PyErr::value_error(format!("{what} must be a 2-dimensional array.")));
    }
    Ok(a)
}

// ---- broadcasting binary functions, scipy.stats.entropy -----------------------------------------------------

/// Two arrays broadcast together as numpy does: (a's values, b's values, the shape), or numpy's ValueError.
fn broadcast2(a: &NdArray, b: &NdArray) -> PyResult<(Vec<f64>, Vec<f64>, Vec<usize>)> {
    let (da, db) = (a.shape(), b.shape());
    let n = da.len().max(db.len());
    let pad = |d: &[usize]| -> Vec<usize> { std::iter::repeat(1).take(n - d.len()).chain(d.iter().copied()).collect() };
    let (pa, pb) = (pad(&da), pad(&db));
    let mut shape = Vec::with_capacity(n);
    for k in 0..n {
        let (x, y) = (pa[k], pb[k]);
        if x != y && x != 1 && y != 1 {
            return Err(PyErr::value_error(format!(
                "operands could not be broadcast together with shapes {} {} ",
                shape_str(&da),
                shape_str(&db)
            )));
        }
        shape.push(if x == 1 { y } else { x });
    }
    let (va, vb) = (a.to_f64_vec()?, b.to_f64_vec()?);
    let read = |v: &[f64], p: &[usize]| -> Vec<f64> {
        let mut st = vec![0usize; n];
        let mut acc = 1;
        for k in (0..n).rev() {
            st[k] = if p[k] == 1 { 0 } else { acc };
            acc *= p[k];
        }
        let total: usize = shape.iter().product();
        (0..total)
            .map(|mut i| {
                let mut off = 0;
                for k in (0..n).rev() {
                    off += (i % shape[k]) * st[k];
                    i /= shape[k];
                }
                v[off]
            })
            .collect()
    };
    Ok((read(&va, &pa), read(&vb, &pb), shape.clone()))
}

fn entr(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x > 0.0 {
        -x * x.ln()
    } else if x == 0.0 {
        0.0
    } else {
        f64::NEG_INFINITY
    }
}

fn rel_entr(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x > 0.0 && y > 0.0 {
        x * (x / y).ln()
    } else if x == 0.0 && y >= 0.0 {
        0.0
    } else {
        f64::INFINITY
    }
}

fn kl_div(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x > 0.0 && y > 0.0 {
        x * (x / y).ln() - x + y
    } else if x == 0.0 && y >= 0.0 {
        y
    } else {
        f64::INFINITY
    }
}

fn xlogy(x: f64, y: f64) -> f64 {
    if x == 0.0 && !y.is_nan() {
        0.0
    } else {
        x * y.ln()
    }
}

/// `scipy.special.entr(x)` / `log_expit(x)` of one number, by name.
pub fn sp_unary2_f(name: &str, x: f64) -> f64 {
    match name {
        "entr" => entr(x),
        _ => {
            // log_expit: -log1p(exp(-x)) for x >= 0, x - log1p(exp(x)) below.
            if x >= 0.0 {
                -(-x).exp().ln_1p()
            } else {
                x - x.exp().ln_1p()
            }
        }
    }
}

/// `entr`/`log_expit` of an array (float64 for ints).
pub fn sp_unary2(name: &str, a: &NdArray) -> PyResult<NdArray> {
    let x = a.to_f64_vec()?;
    NdArray::from_f64(x.into_iter().map(|v| sp_unary2_f(name, v)).collect(), &a.shape(), float_of(a.dtype()))
}

/// `scipy.special.rel_entr`/`kl_div`/`xlogy(x, y)` of one pair.
pub fn sp_binary_f(name: &str, x: f64, y: f64) -> f64 {
    match name {
        "rel_entr" => rel_entr(x, y),
        "kl_div" => kl_div(x, y),
        _ => xlogy(x, y),
    }
}

/// The same of two arrays, broadcast; the result is float64 unless both are float32.
pub fn sp_binary(name: &str, a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    let (x, y, shape) = broadcast2(a, b)?;
    let dt = if a.dtype() == DType::Float32 && b.dtype() == DType::Float32 { DType::Float32 } else { DType::Float64 };
    NdArray::from_f64(x.into_iter().zip(y).map(|(p, q)| sp_binary_f(name, p, q)).collect(), &shape, dt)
}

/// `scipy.stats.entropy(pk, qk=None, base=None, axis=0)`: Shannon entropy (or, with qk, the KL divergence)
/// of the distributions along `axis`, each normalised to sum 1 first; a 0-d array for 1-D input.
pub fn sp_entropy(pk: &NdArray, qk: Option<&NdArray>, base: Option<f64>, axis: i64) -> PyResult<NdArray> {
    let (p, q, shape) = match qk {
        None => (pk.to_f64_vec()?, None, pk.shape()),
        Some(qk) => {
            let (p, q, s) = broadcast2(pk, qk)?;
            (p, Some(q), s)
        }
    };
    if shape.is_empty() {
        return Err(PyErr::new(ErrKind::AxisError, format!("axis {axis} is out of bounds for array of dimension 0")));
    }
    let (outer, n, inner) = lanes(&shape, Some(axis))?;
    let mut out = Vec::with_capacity(outer * inner);
    for o in 0..outer {
        for i in 0..inner {
            let at = |k: usize| (o * n + k) * inner + i;
            let ps: f64 = (0..n).map(|k| p[at(k)]).sum();
            let mut s = 0.0;
            match &q {
                None => {
                    for k in 0..n {
                        s += entr(p[at(k)] / ps);
                    }
                }
                Some(q) => {
                    let qs: f64 = (0..n).map(|k| q[at(k)]).sum();
                    for k in 0..n {
                        s += rel_entr(p[at(k)] / ps, q[at(k)] / qs);
                    }
                }
            }
            if let Some(b) = base {
                s /= b.ln();
            }
            out.push(s);
        }
    }
    let ax = norm_axis(axis, shape.len())?;
    let mut rshape = shape.clone();
    rshape.remove(ax);
    NdArray::from_f64(out, &rshape, DType::Float64)
}
