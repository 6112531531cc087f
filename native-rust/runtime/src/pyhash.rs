//! CPython 3.11's `hash()` for the value types that can be set items, so that a `set` laid out by
//! [`crate::pyset::Set`] iterates in the order CPython's does.
//!
//! - int: the value modulo 2**61 - 1 with its sign (`Python/pyhash.c`, `Objects/longobject.c`), -1 -> -2;
//!   bool: 0 and 1.
//! - float: `_Py_HashDouble`: finite values as the exact rational modulo 2**61 - 1, inf 314159,
//!   -inf -314159, -0.0 0. A NaN hashes by object identity in 3.11 (`hash_info.nan` is 0 but unused);
//!   here every NaN hashes 0, the pre-3.10 value (a set holding NaN has no stable order in CPython).
//! - str and bytes: SipHash-1-3 over CPython's storage of the text (latin-1, UCS-2 or UCS-4, little
//!   endian, by the widest character) with the key that `PYTHONHASHSEED=0` gives (all zeros). A
//!   CPython run with any other seed lays its str sets out differently on each run.
//! - tuple: the xxHash-based `tuplehash` of 3.8+; frozenset: `frozenset_hash`.
//! - None: in 3.11 `hash(None)` is its address, so a set holding None has no stable order there;
//!   here it is 3.12's constant 0xFCA86420.
//! - date: `_Py_HashBytes` of its 4-byte state; timedelta: the hash of (days, seconds, microseconds).

/// `hash(x)` as CPython computes it (see the module doc for the seed of str and bytes).
pub trait PyHash {
    fn py_hash(&self) -> i64;
}

/// 2**61 - 1, the modulus of numeric hashes.
pub const MODULUS: u64 = (1 << 61) - 1;
const HASH_BITS: u32 = 61;
const HASH_INF: i64 = 314159;

fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(int)`.
pub fn hash_int(v: i64) -> i64 {
    let a = (v.unsigned_abs() % MODULUS) as i64;
    fix(if v < 0 { -a } else { a })
}

/// `hash(float)` (`_Py_HashDouble`).
pub fn hash_float(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let (mut m, e) = crate::math::frexp(v);
    let mut e = e as i32;
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let bits = HASH_BITS as i32;
    let e = if e >= 0 { e % bits } else { bits - 1 - ((-1 - e) % bits) } as u32;
    x = ((x << e) & MODULUS) | (x >> (HASH_BITS - e));
    fix((x as i64).wrapping_mul(sign))
}

#[inline]
fn sip_round(v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64) {
    *v0 = v0.wrapping_add(*v1);
    *v1 = v1.rotate_left(13);
    *v1 ^= *v0;
    *v0 = v0.rotate_left(32);
    *v2 = v2.wrapping_add(*v3);
    *v3 = v3.rotate_left(16);
    *v3 ^= *v2;
    *v0 = v0.wrapping_add(*v3);
    *v3 = v3.rotate_left(21);
    *v3 ^= *v0;
    *v2 = v2.wrapping_add(*v1);
    *v1 = v1.rotate_left(17);
    *v1 ^= *v2;
    *v2 = v2.rotate_left(32);
}

/// SipHash-1-3 with the key (k0, k1), as `Python/pyhash.c` computes it.
pub fn siphash13(k0: u64, k1: u64, src: &[u8]) -> u64 {
    let mut b = (src.len() as u64) << 56;
    let mut v0 = k0 ^ 0x736f6d6570736575;
    let mut v1 = k1 ^ 0x646f72616e646f6d;
    let mut v2 = k0 ^ 0x6c7967656e657261;
    let mut v3 = k1 ^ 0x7465646279746573;
    let mut chunks = src.chunks_exact(8);
    for c in &mut chunks {
        let mi = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        v3 ^= mi;
        sip_round(&mut v0, &mut v1, &mut v2, &mut v3);
        v0 ^= mi;
    }
    let mut t = 0u64;
    for (i, &x) in chunks.remainder().iter().enumerate() {
        t |= (x as u64) << (8 * i);
    }
    b |= t;
    v3 ^= b;
    sip_round(&mut v0, &mut v1, &mut v2, &mut v3);
    v0 ^= b;
    v2 ^= 0xff;
    sip_round(&mut v0, &mut v1, &mut v2, &mut v3);
    sip_round(&mut v0, &mut v1, &mut v2, &mut v3);
    sip_round(&mut v0, &mut v1, &mut v2, &mut v3);
    (v0 ^ v1) ^ (v2 ^ v3)
}

/// `_Py_HashBytes` with `PYTHONHASHSEED=0`: 0 for no bytes, else SipHash-1-3 under the zero key.
pub fn hash_bytes(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    fix(siphash13(0, 0, b) as i64)
}

/// `hash(str)`: the bytes of CPython's compact storage of the text (1, 2 or 4 bytes a character).
pub fn hash_str(s: &str) -> i64 {
    if s.is_ascii() {
        return hash_bytes(s.as_bytes());
    }
    let widest = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut buf = Vec::with_capacity(s.len() * 2);
    for c in s.chars() {
        let c = c as u32;
        if widest <= 0xff {
            buf.push(c as u8);
        } else if widest <= 0xffff {
            buf.extend_from_slice(&(c as u16).to_le_bytes());
        } else {
            buf.extend_from_slice(&c.to_le_bytes());
        }
    }
    hash_bytes(&buf)
}

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// `tuplehash` (3.8+) over the hashes of the items.
pub fn hash_tuple(lanes: impl IntoIterator<Item = i64>) -> i64 {
    let mut acc = XXPRIME_5;
    let mut len: u64 = 0;
    for lane in lanes {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
        len += 1;
    }
    acc = acc.wrapping_add(len ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// `frozenset_hash` over the hashes of the items (it is independent of their order).
pub fn hash_frozenset(hashes: impl IntoIterator<Item = i64>) -> i64 {
    let mut hash: u64 = 0;
    let mut n: u64 = 0;
    for h in hashes {
        hash ^= shuffle_bits(h as u64);
        n += 1;
    }
    hash ^= (n + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}

impl PyHash for i64 {
    fn py_hash(&self) -> i64 {
        hash_int(*self)
    }
}
impl PyHash for bool {
    fn py_hash(&self) -> i64 {
        *self as i64
    }
}
impl PyHash for f64 {
    fn py_hash(&self) -> i64 {
        hash_float(*self)
    }
}
impl PyHash for str {
    fn py_hash(&self) -> i64 {
        hash_str(self)
    }
}
impl PyHash for String {
    fn py_hash(&self) -> i64 {
        hash_str(self)
    }
}
/// None (see the module doc).
impl PyHash for () {
    fn py_hash(&self) -> i64 {
        0xFCA86420
    }
}
impl<T: PyHash + ?Sized> PyHash for &T {
    fn py_hash(&self) -> i64 {
        (**self).py_hash()
    }
}
impl<T: PyHash + ?Sized> PyHash for Box<T> {
    fn py_hash(&self) -> i64 {
        (**self).py_hash()
    }
}
impl<T: PyHash> PyHash for Option<T> {
    fn py_hash(&self) -> i64 {
        match self {
            Some(x) => x.py_hash(),
            None => ().py_hash(),
        }
    }
}
impl PyHash for crate::dict::FloatKey {
    fn py_hash(&self) -> i64 {
        hash_float(self.0)
    }
}
/// A dynamic value hashes as the value it holds; a list, dict or array (unhashable in CPython) as 0.
impl PyHash for crate::Value {
    fn py_hash(&self) -> i64 {
        use crate::Value as V;
        match self {
            V::None => ().py_hash(),
            V::Bool(b) => b.py_hash(),
            V::Int(i) => i.py_hash(),
            V::Float(f) => f.py_hash(),
            V::Str(s) => s.py_hash(),
            V::Bytes(b) => hash_bytes(b),
            V::List(_) | V::Dict(_) | V::NdArray { .. } => 0,
        }
    }
}
impl<T: PyHash> PyHash for crate::vartuple::VarTuple<T> {
    fn py_hash(&self) -> i64 {
        hash_tuple(self.0.iter().map(PyHash::py_hash))
    }
}
impl PyHash for crate::bytes::Bytes {
    fn py_hash(&self) -> i64 {
        hash_bytes(&self.0)
    }
}

macro_rules! tuple_hash {
    ($($t:ident $i:tt),+) => {
        impl<$($t: PyHash),+> PyHash for ($($t,)+) {
            fn py_hash(&self) -> i64 {
                hash_tuple([$(self.$i.py_hash()),+])
            }
        }
    };
}
tuple_hash!(A 0);
tuple_hash!(A 0, B 1);
tuple_hash!(A 0, B 1, C 2);
tuple_hash!(A 0, B 1, C 2, D 3);
tuple_hash!(A 0, B 1, C 2, D 3, E 4);
tuple_hash!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_hash!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_hash!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_hash!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_hash!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_hash!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_hash!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

#[cfg(test)]
mod tests {
    use super::*;

    // Values printed by CPython 3.11 with PYTHONHASHSEED=0.
    #[test]
    fn matches_cpython() {
        assert_eq!(hash_str("a"), 4644417185603328019);
        assert_eq!(hash_str(""), 0);
        assert_eq!(hash_str("é"), 6047309291227476195);
        assert_eq!(hash_str("€"), -5529981157763016009);
        assert_eq!(hash_bytes(b"ab"), 6148830537548944441);
        assert_eq!((1i64, 2i64).py_hash(), -3550055125485641917);
        assert_eq!(hash_frozenset([1, 2]), -1826646154956904602);
        assert_eq!(hash_float(1.5), 1152921504606846977);
        assert_eq!(hash_float(-0.0), 0);
        assert_eq!(hash_float(f64::INFINITY), 314159);
        assert_eq!(hash_int(-1), -2);
    }
}
