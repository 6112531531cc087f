//! Python `float` semantics on f64: division and modulo with Python's signs and
//! errors, `**`, `round`, `int(x)`, and `repr(x)` with CPython's exact spelling.

use crate::{PyErr, PyResult};

/// `a / b`.
pub fn truediv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(PyErr::zero_division_error("float division by zero"));
    }
    Ok(a / b)
}

/// CPython's `float_divmod` core, shared by `//`, `%` and `divmod`.
fn divmod_unchecked(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    // vx - m is mathematically an exact multiple of wx; div is within an ulp of it.
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        // The remainder takes the divisor's sign.
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b`.
pub fn floordiv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(PyErr::zero_division_error("float floor division by zero"));
    }
    Ok(divmod_unchecked(a, b).0)
}

/// `a % b`; the result has the sign of `b`.
pub fn modulo(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(PyErr::zero_division_error("float modulo"));
    }
    Ok(divmod_unchecked(a, b).1)
}

/// `divmod(a, b)`.
pub fn divmod(a: f64, b: f64) -> PyResult<(f64, f64)> {
    if b == 0.0 {
        return Err(PyErr::zero_division_error("float divmod()"));
    }
    Ok(divmod_unchecked(a, b))
}

fn is_odd_integer(w: f64) -> bool {
    w.is_finite() && w.fract() == 0.0 && (w / 2.0).fract() != 0.0
}

/// `a ** b` following CPython's `float_pow`. A negative base with a fractional
/// exponent would give a complex number in Python; we raise `ValueError`.
pub fn pow(iv: f64, iw: f64) -> PyResult<f64> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let av = iv.abs();
        return Ok(if av == 1.0 {
            1.0
        } else if (iw > 0.0) == (av > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd { iv } else { iv.abs() }
        } else if odd {
            0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(PyErr::zero_division_error(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    if iv < 0.0 && iw.fract() != 0.0 {
        return Err(PyErr::value_error(
            "negative number cannot be raised to a fractional power (complex result)",
        ));
    }
    if iv == 1.0 {
        return Ok(1.0);
    }
    let r = iv.powf(iw);
    if r.is_infinite() {
        return Err(PyErr::overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(r)
}

/// `float(i)`: correctly rounded.
pub fn from_int(i: i64) -> f64 {
    i as f64
}

fn check_finite_for_int(x: f64) -> PyResult<()> {
    if x.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(PyErr::overflow_error("cannot convert float infinity to integer"));
    }
    Ok(())
}

fn to_i64_exact(x: f64) -> PyResult<i64> {
    // x is integral here; [-2^63, 2^63) is exactly the i64 range.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        Ok(x as i64)
    } else {
        Err(PyErr::int_overflow())
    }
}

/// `int(x)`: truncation towards zero.
pub fn to_int(x: f64) -> PyResult<i64> {
    check_finite_for_int(x)?;
    to_i64_exact(x.trunc())
}

/// `round(x)`: nearest integer, ties to even.
pub fn round_even(x: f64) -> PyResult<i64> {
    check_finite_for_int(x)?;
    to_i64_exact(x.round_ties_even())
}

/// `math.floor(x)` / `math.ceil(x)` as ints.
pub fn floor_int(x: f64) -> PyResult<i64> {
    check_finite_for_int(x)?;
    to_i64_exact(x.floor())
}

pub fn ceil_int(x: f64) -> PyResult<i64> {
    check_finite_for_int(x)?;
    to_i64_exact(x.ceil())
}

/// `round(x, ndigits)`, correctly rounded (half to even on the exact binary value)
/// like CPython. Where CPython raises OverflowError (only when rounding a value
/// near f64::MAX up) this returns ±inf; use [`try_round_ndigits`] to get the error.
pub fn round_ndigits(x: f64, ndigits: i64) -> f64 {
    try_round_ndigits(x, ndigits).unwrap_or(if x < 0.0 { f64::NEG_INFINITY } else { f64::INFINITY })
}

/// `round(x, ndigits)` with CPython's OverflowError.
pub fn try_round_ndigits(x: f64, ndigits: i64) -> PyResult<f64> {
    // CPython's NDIGITS_MAX / NDIGITS_MIN for IEEE doubles.
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let text = if ndigits >= 0 {
        format!("{:.*}", ndigits as usize, x)
    } else {
        // Keep `sig` significant digits: everything at or above 10^-ndigits.
        let exp10 = decimal_exponent(x);
        let sig = exp10 + 1 + ndigits;
        if sig > 0 {
            format!("{:.*e}", (sig - 1) as usize, x)
        } else if sig == 0 && rounds_up_to_next_power(x) {
            format!("{}1e{}", if x < 0.0 { "-" } else { "" }, exp10 + 1)
        } else {
            return Ok(0f64.copysign(x));
        }
    };
    let r: f64 = text.parse().unwrap_or(x);
    if r.is_infinite() {
        return Err(PyErr::overflow_error("rounded value too large to represent"));
    }
    // Keep the sign of a result that rounds to zero, as CPython does.
    Ok(if r == 0.0 { 0f64.copysign(x) } else { r })
}

/// The exponent `e` of `x = d.ddd × 10^e` (x finite and non-zero).
fn decimal_exponent(x: f64) -> i64 {
    let s = format!("{:e}", x);
    s.rsplit('e').next().and_then(|e| e.parse().ok()).unwrap_or(0)
}

/// With `x = d.ddd × 10^e`: is `|x|` strictly above `5 × 10^e`? (Ties go to 0, the
/// even multiple.) Uses the exact decimal expansion, which never exceeds 767 digits.
fn rounds_up_to_next_power(x: f64) -> bool {
    let s = format!("{:.800e}", x.abs());
    let mantissa = s.split('e').next().unwrap_or("");
    let mut chars = mantissa.chars().filter(|c| c.is_ascii_digit());
    match chars.next() {
        Some(d) if d > '5' => true,
        Some('5') => chars.any(|c| c != '0'),
        _ => false,
    }
}

/// The shortest round-trip digits of a finite non-zero |x| and the decimal point
/// position: x = 0.DIGITS × 10^decpt.
pub(crate) fn shortest_digits(x: f64) -> (String, i64) {
    let s = format!("{:e}", x.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i64 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

/// `repr(x)` / `str(x)` exactly as CPython: the shortest string that round-trips,
/// in fixed notation when the decimal exponent is in [-4, 16), otherwise `1e+16`.
pub fn repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0.0");
    }
    let (digits, decpt) = shortest_digits(x);
    let body = if decpt <= -4 || decpt > 16 {
        sci_from_digits(&digits, decpt - 1, false)
    } else {
        fixed_from_digits(&digits, decpt, true)
    };
    format!("{sign}{body}")
}

/// `d.ddde±XX` from significant digits; `keep_point` keeps `1.e+05`-style points.
pub(crate) fn sci_from_digits(digits: &str, exp: i64, keep_point: bool) -> String {
    let (first, rest) = digits.split_at(1.min(digits.len()));
    let mut s = String::from(first);
    if !rest.is_empty() || keep_point {
        s.push('.');
        s.push_str(rest);
    }
    let (esign, eabs) = if exp < 0 { ('-', -exp) } else { ('+', exp) };
    s.push_str(&format!("e{esign}{eabs:02}"));
    s
}

/// Fixed notation of 0.DIGITS × 10^decpt; `dot0` appends `.0` to integers.
pub(crate) fn fixed_from_digits(digits: &str, decpt: i64, dot0: bool) -> String {
    let n = digits.len() as i64;
    let mut s = String::new();
    if decpt <= 0 {
        s.push_str("0.");
        s.extend(std::iter::repeat_n('0', (-decpt) as usize));
        s.push_str(digits);
    } else if decpt >= n {
        s.push_str(digits);
        s.extend(std::iter::repeat_n('0', (decpt - n) as usize));
        if dot0 {
            s.push_str(".0");
        }
    } else {
        s.push_str(&digits[..decpt as usize]);
        s.push('.');
        s.push_str(&digits[decpt as usize..]);
    }
    s
}

/// `float(s)` for a str: CPython's spelling rules (whitespace, `_` between digits,
/// `inf`/`nan`/`infinity` in any case).
pub fn parse(s: &str) -> PyResult<f64> {
    let bad = || {
        PyErr::value_error(format!(
            "could not convert string to float: {}",
            crate::PyRepr::py_repr(s)
        ))
    };
    let t = crate::pystr::strip(s, None);
    let (sign, body) = match t.chars().next() {
        Some('-') => (-1.0, &t[1..]),
        Some('+') => (1.0, &t[1..]),
        _ => (1.0, t.as_str()),
    };
    let lower = body.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | "infinity" => return Ok(sign * f64::INFINITY),
        "nan" => return Ok(f64::NAN.copysign(sign)),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return Err(bad());
    }
    // Underscores must sit between digits.
    let b = body.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' && !(b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(|n| n.is_ascii_digit())) {
            return Err(bad());
        }
    }
    let cleaned: String = body
        .chars()
        .filter(|&c| c != '_')
        .map(|c| crate::pystr::decimal_value(c).map_or(c, |d| (b'0' + d as u8) as char))
        .collect();
    if !cleaned.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
        || !cleaned.bytes().any(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    cleaned.parse::<f64>().map(|v| sign * v).map_err(|_| bad())
}

/// `x.is_integer()`.
pub fn is_integer(x: f64) -> bool {
    x.is_finite() && x.fract() == 0.0
}
