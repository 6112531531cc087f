//! `enum.Flag` and `enum.IntFlag` values as Python 3.11 computes their names and checks their values. A compiled
//! Flag class is a newtype over its int whose members table (`(name, value)` in definition order, aliases and
//! combinations included) and mask of one-bit members are passed here.

/// The one-bit members set in `v`, in definition order (what iterating a Flag value yields).
pub fn canonical(v: i64, members: &[(&'static str, i64)]) -> Vec<i64> {
    let mut seen = 0i64;
    let mut out = Vec::new();
    for &(_, m) in members {
        if m > 0 && m & (m - 1) == 0 && seen & m == 0 {
            seen |= m;
            if v & m != 0 {
                out.push(m);
            }
        }
    }
    out
}

/// `value.name`: the member of exactly this value, else the one-bit members' names joined by `|` (an IntFlag's bits
/// no member has follow as a number); `None` (Python's None) for 0 or for bits no member has.
pub fn name(v: i64, members: &[(&'static str, i64)]) -> Option<String> {
    if let Some((n, _)) = members.iter().find(|(_, m)| *m == v) {
        return Some(n.to_string());
    }
    let bits = canonical(v, members);
    if bits.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = bits
        .iter()
        .map(|b| members.iter().find(|(_, m)| m == b).unwrap().0.to_string())
        .collect();
    let rest = v & !bits.iter().fold(0, |a, b| a | b);
    if rest != 0 {
        parts.push(rest.to_string());
    }
    Some(parts.join("|"))
}

/// `repr(value)`: `<Cls.A|B: 3>`, or `<Cls: 0>` for a value without a name.
pub fn repr(cls: &str, v: i64, members: &[(&'static str, i64)]) -> String {
    match name(v, members) {
        Some(n) => format!("<{}.{}: {}>", cls, n, v),
        None => format!("<{}: {}>", cls, v),
    }
}

/// `str(value)` of a Flag (an IntFlag's is its int's): `Cls.A|B`, or `Cls(0)`.
pub fn str(cls: &str, v: i64, members: &[(&'static str, i64)]) -> String {
    match name(v, members) {
        Some(n) => format!("{}.{}", cls, n),
        None => format!("{}({})", cls, v),
    }
}

/// CPython's `_bin`: `0b0 0111` with the digits padded to `max_bits`.
fn bin(num: i64, max_bits: u32) -> String {
    let digits = format!("{:b}", num);
    let digits = if (digits.len() as u32) < max_bits {
        format!("{}{}", "0".repeat((max_bits as usize) - digits.len()), digits)
    } else {
        digits
    };
    format!("0b0 {}", digits)
}

/// `Cls(v)`: a Flag (boundary STRICT) takes a negative value as its complement within the mask and rejects bits
/// outside the mask with CPython's ValueError; an IntFlag (KEEP) keeps any int.
pub fn check(cls: &str, v: i64, mask: i64, strict: bool) -> crate::PyResult<i64> {
    if !strict {
        return Ok(v);
    }
    if v < 0 {
        return Ok(mask & v);
    }
    if v & !mask != 0 {
        let bits = (64 - v.leading_zeros()).max(64 - mask.leading_zeros());
        return Err(crate::PyErr::value_error(format!(
            "<flag '{}'> invalid value {}\n    given {}\n  allowed {}",
            cls,
            v,
            bin(v, bits),
            bin(mask, bits)
        )));
    }
    Ok(v)
}
