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

fn int_overflow() -> PyErr {
    PyErr::overflow_error("integer overflow: result does not fit in 64 bits")
}

/// `math.isclose` with its tolerances checked as CPython checks them.
pub fn isclose_tol(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> PyResult<bool> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    Ok(isclose(a, b, rel_tol, abs_tol))
}

/// `math.fsum`: CPython's exactly rounded sum (Shewchuk's partials, half-even across partials).
pub fn fsum(xs: impl IntoIterator<Item = f64>) -> PyResult<f64> {
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    for xsave in xs {
        let mut x = xsave;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(PyErr::overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(PyErr::value_error("-inf + inf in fsum"));
        }
        return Ok(special_sum);
    }
    let mut n = partials.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// `math.prod` of ints: OverflowError past 64 bits.
pub fn prod_int(xs: impl IntoIterator<Item = i64>, start: i64) -> PyResult<i64> {
    xs.into_iter().try_fold(start, |a, b| a.checked_mul(b).ok_or_else(int_overflow))
}

pub fn factorial(n: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(PyErr::value_error("factorial() not defined for negative values"));
    }
    (1..=n).try_fold(1i64, |a, b| a.checked_mul(b).ok_or_else(int_overflow))
}

/// `math.comb(n, k)`: multiplicative, exact in 128 bits while the result fits in 64.
pub fn comb(n: i64, k: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k < 0 {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(0);
    }
    let k = k.min(n - k);
    let mut r: u128 = 1;
    for i in 0..k {
        r = r.checked_mul((n - i) as u128).ok_or_else(int_overflow)? / (i as u128 + 1);
        if r > i64::MAX as u128 && i + 1 == k {
            return Err(int_overflow());
        }
    }
    i64::try_from(r).map_err(|_| int_overflow())
}

/// `math.perm(n, k)`; `perm(n)` is `n!`.
pub fn perm(n: i64, k: Option<i64>) -> PyResult<i64> {
    let Some(k) = k else { return factorial(n) };
    if n < 0 {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k < 0 {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(0);
    }
    (0..k).try_fold(1i64, |a, i| a.checked_mul(n - i).ok_or_else(int_overflow))
}

pub fn isqrt(n: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    let mut r = (n as f64).sqrt() as i64;
    while r > 0 && (r as i128) * (r as i128) > n as i128 {
        r -= 1;
    }
    while ((r + 1) as i128) * ((r + 1) as i128) <= n as i128 {
        r += 1;
    }
    Ok(r)
}

pub fn lcm(a: i64, b: i64) -> PyResult<i64> {
    if a == 0 || b == 0 {
        return Ok(0);
    }
    let g = gcd(a, b)?;
    (a / g).checked_mul(b).map(|v| v.abs()).ok_or_else(int_overflow)
}

pub fn fmod(x: f64, y: f64) -> PyResult<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    if x.is_nan() || y.is_nan() {
        return Ok(f64::NAN);
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain());
    }
    Ok(x % y)
}

/// `math.remainder(x, y)`: x - n*y with n the integer nearest x/y, ties to even (IEEE 754).
pub fn remainder(x: f64, y: f64) -> PyResult<f64> {
    if x.is_nan() || y.is_nan() {
        return Ok(f64::NAN);
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain());
    }
    if y.is_infinite() {
        return Ok(x);
    }
    let absx = x.abs();
    let absy = y.abs();
    let m = absx % absy;
    let c = absy - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        // Half-way: choose the even multiple.
        m - 2.0 * ((0.5 * (absx - m)) % absy)
    };
    Ok(1.0f64.copysign(x) * r)
}

pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0f64.copysign(x), x);
    }
    let i = x.trunc();
    ((x - i).copysign(x), i)
}

pub fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

pub fn ldexp(x: f64, i: i64) -> PyResult<f64> {
    if x == 0.0 || !x.is_finite() {
        return Ok(x);
    }
    let e = i.clamp(-2200, 2200) as i32;
    // Two steps keep intermediate powers of two finite.
    let r = x * 2f64.powi(e / 2) * 2f64.powi(e - e / 2);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(r)
}

pub fn acosh(x: f64) -> PyResult<f64> {
    if x < 1.0 {
        return Err(domain());
    }
    Ok(x.acosh())
}

pub fn atanh(x: f64) -> PyResult<f64> {
    if x.abs() >= 1.0 {
        return Err(domain());
    }
    Ok(x.atanh())
}

pub fn exp2(x: f64) -> PyResult<f64> {
    finite_or_range(x, x.exp2())
}

const SQRTPI: f64 = 1.772_453_850_905_516;

fn erf_series(x: f64) -> f64 {
    let x2 = x * x;
    let mut acc = 0.0;
    let mut fk = 25.0 + 0.5;
    for _ in 0..25 {
        acc = 2.0 + x2 * acc / fk;
        fk -= 1.0;
    }
    acc * x * (-x2).exp() / SQRTPI
}

fn erfc_contfrac(x: f64) -> f64 {
    if x >= 30.0 {
        return 0.0;
    }
    let x2 = x * x;
    let (mut a, mut da) = (0.0, 0.5);
    let (mut p, mut p_last) = (1.0, 0.0);
    let (mut q, mut q_last) = (da + x2, 1.0);
    for _ in 0..50 {
        a += da;
        da += 2.0;
        let b = da + x2;
        let t = p;
        p = b * p - a * p_last;
        p_last = t;
        let t = q;
        q = b * q - a * q_last;
        q_last = t;
    }
    p / q * x * (-x2).exp() / SQRTPI
}

/// `math.erf`: a power series near 0 and a continued fraction for erfc beyond 1.5.
pub fn erf(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() < 1.5 {
        erf_series(x)
    } else {
        let cf = erfc_contfrac(x.abs());
        if x > 0.0 {
            1.0 - cf
        } else {
            cf - 1.0
        }
    }
}

pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() < 1.5 {
        1.0 - erf_series(x)
    } else {
        let cf = erfc_contfrac(x.abs());
        if x > 0.0 {
            cf
        } else {
            2.0 - cf
        }
    }
}

/// `math.dist(p, q)`: the Euclidean distance of two points of one dimension.
pub fn dist(p: &[f64], q: &[f64]) -> PyResult<f64> {
    if p.len() != q.len() {
        return Err(PyErr::value_error("both points must have the same number of dimensions"));
    }
    let diffs: Vec<f64> = p.iter().zip(q).map(|(a, b)| (a - b).abs()).collect();
    Ok(hypot_all(&diffs))
}

/// `math.gcd(*integers)`: 0 for no arguments.
pub fn gcd_all(xs: &[i64]) -> PyResult<i64> {
    xs.iter().try_fold(0i64, |g, &x| gcd(g, x))
}

/// `math.lcm(*integers)`: 1 for no arguments, 0 when any is 0.
pub fn lcm_all(xs: &[i64]) -> PyResult<i64> {
    let mut acc = 1i64;
    for &x in xs {
        acc = if x == 0 { 0 } else { lcm(acc, x)? };
    }
    Ok(acc.abs())
}

/// `math.hypot(*coordinates)` as CPython 3.11 computes it (`vector_norm` in mathmodule.c): an infinity wins over a
/// NaN; otherwise the squares are summed losslessly after scaling by a power of two, and the root gets one step of
/// differential correction.
pub fn hypot_all(xs: &[f64]) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    let mut v: Vec<f64> = Vec::with_capacity(xs.len());
    for &x in xs {
        let a = x.abs();
        found_nan |= a.is_nan();
        if a > max {
            max = a;
        }
        v.push(a);
    }
    vector_norm(&mut v, max, found_nan)
}

fn vector_norm(v: &mut [f64], max: f64, found_nan: bool) -> f64 {
    // A product and a sum kept as two doubles, the second the rounding error of the first.
    let mul = |x: f64, y: f64| {
        let m = x * y;
        (m, x.mul_add(y, -m))
    };
    let fast_sum = |a: f64, b: f64| {
        let x = a + b;
        (x, (a - x) + b)
    };
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || v.len() <= 1 {
        return max;
    }
    let max_e = frexp_exp(max);
    if max_e < -1023 {
        // ldexp(1.0, -max_e) would overflow: scale the subnormals up to normals first.
        for x in v.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(v, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = pow2(-max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    for &x in v.iter() {
        let x = x * scale;
        let (hi, lo) = mul(x, x);
        let (shi, slo) = fast_sum(csum, hi);
        csum = shi;
        frac1 += lo;
        frac2 += slo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = mul(-h, h);
    let (shi, slo) = fast_sum(csum, hi);
    csum = shi;
    frac1 += lo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// The exponent C's `frexp` gives a finite nonzero `x` (`x = m * 2**e` with `0.5 <= |m| < 1`).
fn frexp_exp(x: f64) -> i32 {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: normalise through a power-of-two scaling.
        return frexp_exp(x * 2f64.powi(64)) - 64;
    }
    exp - 1022
}

/// `2**e` for the exponents `vector_norm` uses (-1024 to 1023), exact.
fn pow2(e: i32) -> f64 {
    if e < -1022 {
        return f64::from_bits(1u64 << (52 + e + 1022));
    }
    f64::from_bits(((e + 1023) as u64) << 52)
}

// ---- gamma, lgamma, ulp, nextafter ----------------------------------------------------------

/// Lanczos approximation (g = 7, nine terms): Γ(x) for x >= 0.5, relative error near 1e-15.
const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// ln Γ(x) for x >= 0.5 by the Lanczos sum (its log form does not overflow), or Stirling's
/// series for large x.
fn lgamma_pos(x: f64) -> f64 {
    if x >= 20.0 {
        // Stirling: (x - 1/2) ln x - x + ln(2π)/2 + 1/(12x) - 1/(360x³) + 1/(1260x⁵) - 1/(1680x⁷)
        let inv = 1.0 / x;
        let inv2 = inv * inv;
        let series = inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
        return (x - 0.5) * x.ln() - x + 0.918_938_533_204_672_8 + series;
    }
    let z = x - 1.0;
    let mut a = LANCZOS[0];
    let t = z + LANCZOS_G + 0.5;
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        a += c / (z + i as f64);
    }
    0.918_938_533_204_672_8 + (z + 0.5) * t.ln() - t + a.ln()
}

/// `math.gamma(x)`: ValueError at 0, the negative integers and -inf; OverflowError past ~171.62.
pub fn gamma(x: f64) -> PyResult<f64> {
    if x.is_nan() || x == f64::INFINITY {
        return Ok(x);
    }
    if x == f64::NEG_INFINITY || x == 0.0 || (x < 0.0 && x == x.floor()) {
        return Err(domain());
    }
    if x == x.floor() && x <= 23.0 {
        // Exact factorials for small integers, as CPython's table gives.
        let mut r = 1.0f64;
        let mut k = 2.0;
        while k < x {
            r *= k;
            k += 1.0;
        }
        return Ok(r);
    }
    let r = if x < 0.5 {
        // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
        let s = (std::f64::consts::PI * x).sin();
        let g1 = gamma_pos(1.0 - x);
        std::f64::consts::PI / (s * g1)
    } else {
        gamma_pos(x)
    };
    finite_or_range(x, r)
}

fn gamma_pos(x: f64) -> f64 {
    if x > 171.7 {
        return f64::INFINITY;
    }
    if x < 0.5 {
        return 1.0 / x;
    }
    let z = x - 1.0;
    let mut a = LANCZOS[0];
    let t = z + LANCZOS_G + 0.5;
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        a += c / (z + i as f64);
    }
    // t^(z + 0.5) split in two powers so that it does not overflow before e^-t scales it.
    let p = t.powf((z + 0.5) / 2.0);
    2.506_628_274_631_000_7 * p * ((-t).exp() * p) * a
}

/// `math.lgamma(x)`: ln |Γ(x)|; ValueError at 0 and the negative integers; inf at ±inf.
pub fn lgamma(x: f64) -> PyResult<f64> {
    if x.is_nan() {
        return Ok(x);
    }
    if x.is_infinite() {
        return Ok(f64::INFINITY);
    }
    if x <= 0.0 && x == x.floor() {
        return Err(domain());
    }
    if x == 1.0 || x == 2.0 {
        return Ok(0.0);
    }
    let r = if x < 0.5 {
        let s = (std::f64::consts::PI * x).sin().abs();
        std::f64::consts::PI.ln() - s.ln() - lgamma_pos(1.0 - x)
    } else {
        lgamma_pos(x)
    };
    finite_or_range(x, r)
}

/// `math.ulp(x)`: the gap from |x| to the next float away from zero (the one below at the largest float).
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    if x == f64::MAX {
        return x - x.next_down();
    }
    x.next_up() - x
}

/// `math.nextafter(x, y)`: the float after x towards y (y itself when they are equal).
pub fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if y > x {
        x.next_up()
    } else {
        x.next_down()
    }
}
