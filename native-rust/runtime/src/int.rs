//! Python `int` arithmetic on i64. Python ints never overflow; ours raise
//! `OverflowError` instead of wrapping, and division and modulo use Python's floor
//! semantics (the remainder takes the divisor's sign).

use crate::{PyErr, PyResult};

fn ovf<T>(v: Option<T>) -> PyResult<T> {
    v.ok_or_else(PyErr::int_overflow)
}

fn zero_div() -> PyErr {
    PyErr::zero_division_error("integer division or modulo by zero")
}

pub fn add(a: i64, b: i64) -> PyResult<i64> {
    ovf(a.checked_add(b))
}

pub fn sub(a: i64, b: i64) -> PyResult<i64> {
    ovf(a.checked_sub(b))
}

pub fn mul(a: i64, b: i64) -> PyResult<i64> {
    ovf(a.checked_mul(b))
}

pub fn neg(a: i64) -> PyResult<i64> {
    ovf(a.checked_neg())
}

pub fn abs(a: i64) -> PyResult<i64> {
    ovf(a.checked_abs())
}

/// `a // b`, rounding towards negative infinity.
pub fn floordiv(a: i64, b: i64) -> PyResult<i64> {
    Ok(divmod(a, b)?.0)
}

/// `a % b`; the result has the sign of `b`.
pub fn modulo(a: i64, b: i64) -> PyResult<i64> {
    if b == 0 {
        return Err(PyErr::zero_division_error("integer modulo by zero"));
    }
    // i64::MIN % -1 is 0 in Python; checked_rem reports overflow for it.
    let r = a.checked_rem(b).unwrap_or(0);
    Ok(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })
}

/// `divmod(a, b)` = `(a // b, a % b)`.
pub fn divmod(a: i64, b: i64) -> PyResult<(i64, i64)> {
    if b == 0 {
        return Err(zero_div());
    }
    let q = ovf(a.checked_div(b))?;
    let r = a - q * b;
    if r != 0 && ((r < 0) != (b < 0)) {
        Ok((q - 1, r + b))
    } else {
        Ok((q, r))
    }
}

/// `a + b` of an intermediate computed wide (`(a * x + b) % p`): i128, so that a value past i64 that a reduction
/// brings back stays exact, as CPython's int does.
pub fn wadd(a: i128, b: i128) -> PyResult<i128> {
    ovf(a.checked_add(b))
}

pub fn wsub(a: i128, b: i128) -> PyResult<i128> {
    ovf(a.checked_sub(b))
}

pub fn wmul(a: i128, b: i128) -> PyResult<i128> {
    ovf(a.checked_mul(b))
}

/// `a % b` of wide ints, with the sign of `b`.
pub fn wmodulo(a: i128, b: i128) -> PyResult<i128> {
    if b == 0 {
        return Err(PyErr::zero_division_error("integer modulo by zero"));
    }
    let r = a.checked_rem(b).unwrap_or(0);
    Ok(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })
}

/// `a // b` of wide ints, rounding towards negative infinity.
pub fn wfloordiv(a: i128, b: i128) -> PyResult<i128> {
    if b == 0 {
        return Err(zero_div());
    }
    let q = ovf(a.checked_div(b))?;
    let r = a - q * b;
    Ok(if r != 0 && ((r < 0) != (b < 0)) { q - 1 } else { q })
}

/// A wide result kept as an int: OverflowError when even the reduced value is past i64.
pub fn narrow(a: i128) -> PyResult<i64> {
    ovf(i64::try_from(a).ok())
}

/// `a ** b` for `b >= 0`. The compiler sends `int ** negative` to float pow.
pub fn pow(a: i64, b: i64) -> PyResult<i64> {
    if b < 0 {
        return Err(PyErr::value_error(
            "negative exponent: int ** negative int gives a float",
        ));
    }
    match a {
        0 => return Ok(if b == 0 { 1 } else { 0 }),
        1 => return Ok(1),
        -1 => return Ok(if b % 2 == 0 { 1 } else { -1 }),
        _ => {}
    }
    let exp = u32::try_from(b).map_err(|_| PyErr::int_overflow())?;
    ovf(a.checked_pow(exp))
}

/// `a / b`: true division, correctly rounded like CPython's int division.
pub fn truediv(a: i64, b: i64) -> PyResult<f64> {
    if b == 0 {
        return Err(PyErr::zero_division_error("division by zero"));
    }
    const EXACT: u64 = 1 << 53;
    if a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
        return Ok(a as f64 / b as f64);
    }
    // Long division in u128 with a sticky bit, then one correctly rounded conversion.
    let n = a.unsigned_abs() as u128;
    let d = b.unsigned_abs() as u128;
    if n == 0 {
        return Ok(if (a < 0) != (b < 0) { -0.0 } else { 0.0 });
    }
    let shift = n.leading_zeros();
    let scaled = n << shift;
    let mut q = scaled / d;
    if !scaled.is_multiple_of(d) {
        q |= 1;
    }
    let mag = q as f64 / 2f64.powi(shift as i32);
    Ok(if (a < 0) != (b < 0) { -mag } else { mag })
}

pub fn lshift(a: i64, b: i64) -> PyResult<i64> {
    if b < 0 {
        return Err(PyErr::value_error("negative shift count"));
    }
    if a == 0 {
        return Ok(0);
    }
    if b >= 64 {
        return Err(PyErr::int_overflow());
    }
    let r = a << b;
    if r >> b != a {
        return Err(PyErr::int_overflow());
    }
    Ok(r)
}

pub fn rshift(a: i64, b: i64) -> PyResult<i64> {
    if b < 0 {
        return Err(PyErr::value_error("negative shift count"));
    }
    Ok(if b >= 64 { if a < 0 { -1 } else { 0 } } else { a >> b })
}

pub fn bitand(a: i64, b: i64) -> PyResult<i64> {
    Ok(a & b)
}

pub fn bitor(a: i64, b: i64) -> PyResult<i64> {
    Ok(a | b)
}

pub fn bitxor(a: i64, b: i64) -> PyResult<i64> {
    Ok(a ^ b)
}

/// `~a` (never overflows: `~a == -a - 1`).
pub fn invert(a: i64) -> i64 {
    !a
}

/// `int(s)` for a str, as CPython parses it: surrounding whitespace, a sign,
/// underscores between digits, any Unicode decimal digits; base 0 reads a prefix.
pub fn parse(s: &str, base: i64) -> PyResult<i64> {
    let bad = || {
        PyErr::value_error(format!(
            "invalid literal for int() with base {base}: {}",
            crate::PyRepr::py_repr(s)
        ))
    };
    if base != 0 && !(2..=36).contains(&base) {
        return Err(PyErr::value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    let t = crate::pystr::strip(s, None);
    let (neg, body) = match t.chars().next() {
        Some('-') => (true, &t[1..]),
        Some('+') => (false, &t[1..]),
        _ => (false, t.as_str()),
    };
    let lower = body.to_ascii_lowercase();
    let (mut radix, mut digits) = (base as u32, body);
    let prefix = |p: &str| lower.starts_with(p);
    if (base == 16 || base == 0) && prefix("0x") {
        radix = 16;
        digits = body[2..].trim_start_matches('_');
    } else if (base == 8 || base == 0) && prefix("0o") {
        radix = 8;
        digits = body[2..].trim_start_matches('_');
    } else if (base == 2 || base == 0) && prefix("0b") {
        radix = 2;
        digits = body[2..].trim_start_matches('_');
    } else if base == 0 {
        radix = 10;
        // Base 0 forbids leading zeros on a non-zero decimal literal.
        let stripped: String = body.chars().filter(|&c| c != '_').collect();
        if stripped.len() > 1 && stripped.starts_with('0') && stripped.chars().any(|c| c != '0') {
            return Err(bad());
        }
    }
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return Err(bad());
    }
    let mut acc: i128 = 0;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let d = match crate::pystr::decimal_value(c) {
            Some(d) => d,
            None => c.to_digit(36).filter(|_| c.is_ascii()).ok_or_else(bad)?,
        };
        if d >= radix {
            return Err(bad());
        }
        acc = acc * radix as i128 + d as i128;
        if acc > i64::MAX as i128 + 1 {
            return Err(PyErr::int_overflow());
        }
    }
    let v = if neg { -acc } else { acc };
    i64::try_from(v).map_err(|_| PyErr::int_overflow())
}

/// `pow(a, b, m)`: modular exponentiation (a negative `b` through the inverse of `a`); the
/// result takes the modulus's sign, as `%` does.
pub fn pow_mod(a: i64, b: i64, m: i64) -> PyResult<i64> {
    if m == 0 {
        return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
    }
    let mm = (m as i128).abs();
    let mut base = (a as i128).rem_euclid(mm);
    let mut e = b as i128;
    if e < 0 {
        // The inverse by the extended Euclidean algorithm.
        let (mut r0, mut r1, mut s0, mut s1) = (mm, base, 0i128, 1i128);
        while r1 != 0 {
            let q = r0 / r1;
            (r0, r1) = (r1, r0 - q * r1);
            (s0, s1) = (s1, s0 - q * s1);
        }
        if r0 != 1 {
            return Err(PyErr::value_error("base is not invertible for the given modulus"));
        }
        base = s0.rem_euclid(mm);
        e = -e;
    }
    let mut r: i128 = 1 % mm;
    while e > 0 {
        if e & 1 == 1 {
            r = r * base % mm;
        }
        base = base * base % mm;
        e >>= 1;
    }
    Ok((if m < 0 && r != 0 { r - mm } else { r }) as i64)
}
