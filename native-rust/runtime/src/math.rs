//! The `math` module with CPython's error behaviour: a domain error is
//! `ValueError: math domain error`, an overflow `OverflowError: math range error`.
//! Functions that cannot fail are emitted inline (`x.atan()`) and are not here.

use crate::{PyErr, PyResult};

fn domain() -> PyErr {
    PyErr::value_error("math domain error")
}

fn range() -> PyErr {
    PyErr::overflow_error("math range error")
}

/// CPython checks a finite argument that gives an infinite result as a range error.
fn finite_or_range(x: f64, r: f64) -> PyResult<f64> {
    if r.is_infinite() && x.is_finite() {
        Err(range())
    } else {
        Ok(r)
    }
}

pub fn sqrt(x: f64) -> PyResult<f64> {
    if x < 0.0 {
        return Err(domain());
    }
    Ok(x.sqrt())
}

pub fn exp(x: f64) -> PyResult<f64> {
    finite_or_range(x, x.exp())
}

pub fn expm1(x: f64) -> PyResult<f64> {
    finite_or_range(x, x.exp_m1())
}

fn log_checked(x: f64, f: fn(f64) -> f64) -> PyResult<f64> {
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(f(x))
}

pub fn log(x: f64) -> PyResult<f64> {
    log_checked(x, f64::ln)
}

pub fn log2(x: f64) -> PyResult<f64> {
    log_checked(x, f64::log2)
}

pub fn log10(x: f64) -> PyResult<f64> {
    log_checked(x, f64::log10)
}

pub fn log1p(x: f64) -> PyResult<f64> {
    if x <= -1.0 {
        return Err(domain());
    }
    Ok(x.ln_1p())
}

/// `math.log(x, base)`: CPython divides the two natural logs.
pub fn log_base(x: f64, base: f64) -> PyResult<f64> {
    let num = log(x)?;
    let den = log(base)?;
    if den == 0.0 {
        return Err(PyErr::zero_division_error("float division by zero"));
    }
    Ok(num / den)
}

fn trig(x: f64, f: fn(f64) -> f64) -> PyResult<f64> {
    if x.is_infinite() {
        return Err(domain());
    }
    Ok(f(x))
}

pub fn sin(x: f64) -> PyResult<f64> {
    trig(x, f64::sin)
}

pub fn cos(x: f64) -> PyResult<f64> {
    trig(x, f64::cos)
}

pub fn tan(x: f64) -> PyResult<f64> {
    trig(x, f64::tan)
}

pub fn asin(x: f64) -> PyResult<f64> {
    if !(-1.0..=1.0).contains(&x) {
        return Err(domain());
    }
    Ok(x.asin())
}

pub fn acos(x: f64) -> PyResult<f64> {
    if !(-1.0..=1.0).contains(&x) {
        return Err(domain());
    }
    Ok(x.acos())
}

/// `math.pow`: unlike `**`, it never returns a complex number and raises instead.
pub fn pow(x: f64, y: f64) -> PyResult<f64> {
    if x == 0.0 && y < 0.0 {
        return Err(domain());
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(domain());
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range());
    }
    Ok(r)
}

pub fn gcd(a: i64, b: i64) -> PyResult<i64> {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i64::try_from(a).map_err(|_| PyErr::overflow_error("integer overflow: result does not fit in 64 bits"))
}

/// `math.isclose(a, b, rel_tol, abs_tol)` as CPython computes it.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> bool {
    if a == b {
        return true;
    }
    if a.is_infinite() || b.is_infinite() {
        return false;
    }
    let diff = (b - a).abs();
    diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol
}
