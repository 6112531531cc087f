//! Python's `random` module, bit for bit: CPython's MT19937 (`_randommodule.c`), its seeding
//! (`init_by_array` over the 32-bit words of `abs(seed)`; a float seed through `hash()`; a str
//! seed as CPython 3.11's version 2, the int of its UTF-8 bytes followed by their SHA-512), and
//! the pure-Python algorithms of `random.py` (`_randbelow` by rejection on `getrandbits`,
//! `shuffle`, `sample` with its set/pool switch, `choices` by bisection, `gauss` with its cached
//! second value, the Kinderman-Monahan `normalvariate`, `gammavariate`...), so a seeded
//! generator gives CPython's numbers.
//!
//! A [`Random`] is a shared handle, as a Python object is: copies draw from one state. The
//! module-level functions use one process-wide instance ([`global`]), seeded from the OS at
//! first use as CPython's is at import; `random.seed(x)` reseeds it.

use std::sync::{Arc, Mutex, OnceLock};

use crate::{PyErr, PyResult};

const N: usize = 624;
const M: usize = 397;

/// The MT19937 state and a cached second normal value (`random.Random.gauss`'s, and numpy's
/// legacy `RandomState`'s polar method). numpy's `RandomState` draws from the same generator.
#[derive(Clone)]
pub struct Mt19937 {
    mt: [u32; N],
    index: usize,
    pub gauss_next: Option<f64>,
}

impl Default for Mt19937 {
    fn default() -> Mt19937 {
        Mt19937::new()
    }
}

impl Mt19937 {
    pub fn new() -> Mt19937 {
        Mt19937 { mt: [0; N], index: N + 1, gauss_next: None }
    }

    pub fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1812433253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    pub fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let (mut i, mut j) = (1usize, 0usize);
        let mut k = N.max(key.len());
        while k > 0 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1664525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        self.mt[0] = 0x8000_0000;
        self.index = N;
    }

    pub fn genrand_u32(&mut self) -> u32 {
        const MAG01: [u32; 2] = [0, 0x9908_b0df];
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        if self.index >= N {
            if self.index == N + 1 {
                self.init_genrand(5489);
            }
            let mt = &mut self.mt;
            let mut kk = 0;
            while kk < N - M {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
                kk += 1;
            }
            while kk < N - 1 {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
                kk += 1;
            }
            let y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 bits from two draws, as `random_random` does.
    pub fn random(&mut self) -> f64 {
        let a = (self.genrand_u32() >> 5) as f64;
        let b = (self.genrand_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    /// `getrandbits(k)` for `k <= 128`, as an unsigned value (words filled low to high).
    fn bits(&mut self, k: u32) -> u128 {
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return (self.genrand_u32() >> (32 - k)) as u128;
        }
        let mut out = 0u128;
        let mut left = k as i64;
        let mut shift = 0;
        while left > 0 {
            let mut r = self.genrand_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out |= (r as u128) << shift;
            shift += 32;
            left -= 32;
        }
        out
    }

    /// `_randbelow_with_getrandbits(n)` for `n > 0`.
    fn below(&mut self, n: u128) -> u128 {
        let k = 128 - n.leading_zeros();
        let mut r = self.bits(k);
        while r >= n {
            r = self.bits(k);
        }
        r
    }
}

/// `random.Random`: a generator object. Clones share the state, as Python references do.
#[derive(Clone)]
pub struct Random(Arc<Mutex<Mt19937>>);

impl std::fmt::Debug for Random {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<random.Random object>")
    }
}

impl PartialEq for Random {
    /// Python's `==` on generators is identity.
    fn eq(&self, other: &Random) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What `random.seed` and `random.Random` accept.
pub trait Seed {
    /// The 32-bit words `init_by_array` takes.
    fn key(&self) -> PyResult<Vec<u32>>;
}

/// The little-endian 32-bit words of an unsigned number given as little-endian bytes (at least one word).
fn words_le(bytes: &[u8]) -> Vec<u32> {
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1] == 0 {
        end -= 1;
    }
    let mut key: Vec<u32> = bytes[..end]
        .chunks(4)
        .map(|c| c.iter().enumerate().fold(0u32, |w, (i, b)| w | (*b as u32) << (8 * i)))
        .collect();
    if key.is_empty() {
        key.push(0);
    }
    key
}

impl Seed for i64 {
    fn key(&self) -> PyResult<Vec<u32>> {
        Ok(words_le(&self.unsigned_abs().to_le_bytes()))
    }
}

impl Seed for bool {
    fn key(&self) -> PyResult<Vec<u32>> {
        (*self as i64).key()
    }
}

impl Seed for f64 {
    /// CPython seeds with `(size_t)hash(x)` for a float (a negative hash wraps, no `abs`).
    fn key(&self) -> PyResult<Vec<u32>> {
        if self.is_nan() {
            return Err(PyErr::value_error(
                "a NaN seed hashes by identity in CPython, so it cannot be reproduced",
            ));
        }
        Ok(words_le(&(crate::pyhash::hash_float(*self) as u64).to_le_bytes()))
    }
}

impl Seed for String {
    /// Version 2: `int.from_bytes(a.encode() + sha512(a.encode()).digest())`.
    fn key(&self) -> PyResult<Vec<u32>> {
        self.as_str().key()
    }
}

impl Seed for str {
    fn key(&self) -> PyResult<Vec<u32>> {
        let mut bytes = self.as_bytes().to_vec();
        bytes.extend_from_slice(&sha512(self.as_bytes()));
        bytes.reverse();
        Ok(words_le(&bytes))
    }
}

impl<S: Seed + ?Sized> Seed for &S {
    fn key(&self) -> PyResult<Vec<u32>> {
        (**self).key()
    }
}

/// SHA-512 (FIPS 180-4), for str seeds.
fn sha512(data: &[u8]) -> [u8; 64] {
    const K: [u64; 80] = [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
        0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
        0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
        0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
        0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
        0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
        0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
        0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
        0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
        0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
        0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
        0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
    ];
    let mut h: [u64; 8] = [
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1, 0x510e527fade682d1,
        0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u128) * 8).to_be_bytes());
    for block in msg.chunks(128) {
        let mut w = [0u64; 80];
        for (i, c) in block.chunks(8).enumerate() {
            w[i] = u64::from_be_bytes(c.try_into().unwrap_or([0; 8]));
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..80 {
            let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    let mut out = [0u8; 64];
    for (i, x) in h.iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// A sequence that `choice`, `sample` and `choices` index: a list, a str's characters, a range.
pub trait Population {
    type Item;
    fn pop_len(&self) -> usize;
    fn pop_get(&self, i: usize) -> Self::Item;
}

impl<T: Clone> Population for [T] {
    type Item = T;
    fn pop_len(&self) -> usize {
        self.len()
    }
    fn pop_get(&self, i: usize) -> T {
        self[i].clone()
    }
}

impl<T: Clone> Population for Vec<T> {
    type Item = T;
    fn pop_len(&self) -> usize {
        self.len()
    }
    fn pop_get(&self, i: usize) -> T {
        self[i].clone()
    }
}

impl Population for crate::builtins::Range {
    type Item = i64;
    fn pop_len(&self) -> usize {
        self.clone().len()
    }
    fn pop_get(&self, i: usize) -> i64 {
        self.nth_value(i as u64)
    }
}

/// A str as the sequence of its characters, each a one-character str.
pub fn chars(s: &str) -> Vec<String> {
    s.chars().map(String::from).collect()
}

fn float_div(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(PyErr::zero_division_error("float division by zero"));
    }
    Ok(a / b)
}

/// Python's `math.log` domain check for the logs these algorithms take.
fn log(x: f64) -> PyResult<f64> {
    if x <= 0.0 {
        return Err(PyErr::value_error("math domain error"));
    }
    Ok(x.ln())
}

use crate::float::pow;

const TWOPI: f64 = 2.0 * std::f64::consts::PI;

impl Random {
    /// `random.Random()`: seeded from the OS (not reproducible, as in CPython).
    pub fn unseeded() -> Random {
        let r = Random(Arc::new(Mutex::new(Mt19937::new())));
        r.seed_entropy();
        r
    }

    /// `random.Random(seed)`.
    pub fn new<S: Seed + ?Sized>(seed: &S) -> PyResult<Random> {
        let r = Random(Arc::new(Mutex::new(Mt19937::new())));
        r.seed(seed)?;
        Ok(r)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, Mt19937> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `r.seed(a)`.
    pub fn seed<S: Seed + ?Sized>(&self, seed: &S) -> PyResult<()> {
        let key = seed.key()?;
        let mut s = self.state();
        s.init_by_array(&key);
        s.gauss_next = None;
        Ok(())
    }

    /// `r.seed()` / `r.seed(None)`: fresh OS entropy, as CPython does.
    pub fn seed_entropy(&self) {
        let mut buf = [0u8; 32];
        let ok = std::fs::File::open("/dev/urandom")
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf))
            .is_ok();
        if !ok {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            buf[..16].copy_from_slice(&t.to_le_bytes());
            buf[16..20].copy_from_slice(&std::process::id().to_le_bytes());
        }
        let key = words_le(&buf);
        let mut s = self.state();
        s.init_by_array(&key);
        s.gauss_next = None;
    }

    /// `r.random()`: a float in [0.0, 1.0).
    pub fn random(&self) -> f64 {
        self.state().random()
    }

    /// `r.getrandbits(k)`; OverflowError where the value would not fit Ingot's 64-bit int.
    pub fn getrandbits(&self, k: i64) -> PyResult<i64> {
        if k < 0 {
            return Err(PyErr::value_error("number of bits must be non-negative"));
        }
        if k > 63 {
            let v = self.state().bits(k.min(128) as u32);
            return i64::try_from(v).map_err(|_| PyErr::int_overflow());
        }
        Ok(self.state().bits(k as u32) as i64)
    }

    fn randbelow(&self, n: u128) -> u128 {
        self.state().below(n)
    }

    /// `r.randrange(stop)`.
    pub fn randrange1(&self, stop: i64) -> PyResult<i64> {
        if stop > 0 {
            return Ok(self.randbelow(stop as u128) as i64);
        }
        Err(PyErr::value_error("empty range for randrange()"))
    }

    /// `r.randrange(start, stop, step)`; `stop` None with a step other than 1 is CPython's TypeError.
    pub fn randrange(&self, start: i64, stop: Option<i64>, step: i64) -> PyResult<i64> {
        let Some(stop) = stop else {
            if step != 1 {
                return Err(PyErr::type_error("Missing a non-None stop argument"));
            }
            return self.randrange1(start);
        };
        let width = stop as i128 - start as i128;
        let step = step as i128;
        if step == 1 {
            if width > 0 {
                return Ok((start as i128 + self.randbelow(width as u128) as i128) as i64);
            }
            return Err(PyErr::value_error(format!("empty range for randrange() ({start}, {stop}, {width})")));
        }
        // Python's floor division.
        let floordiv = |a: i128, b: i128| {
            let q = a / b;
            if a % b != 0 && ((a < 0) != (b < 0)) {
                q - 1
            } else {
                q
            }
        };
        let n = if step > 0 {
            floordiv(width + step - 1, step)
        } else if step < 0 {
            floordiv(width + step + 1, step)
        } else {
            return Err(PyErr::value_error("zero step for randrange()"));
        };
        if n <= 0 {
            return Err(PyErr::value_error("empty range for randrange()"));
        }
        Ok((start as i128 + step * self.randbelow(n as u128) as i128) as i64)
    }

    /// `r.randint(a, b)`: `randrange(a, b + 1)`.
    pub fn randint(&self, a: i64, b: i64) -> PyResult<i64> {
        let stop = b as i128 + 1;
        let width = stop - a as i128;
        if width > 0 {
            return Ok((a as i128 + self.randbelow(width as u128) as i128) as i64);
        }
        Err(PyErr::value_error(format!("empty range for randrange() ({a}, {stop}, {width})")))
    }

    /// `r.choice(seq)`.
    pub fn choice<P: Population + ?Sized>(&self, seq: &P) -> PyResult<P::Item> {
        let n = seq.pop_len();
        if n == 0 {
            return Err(PyErr::index_error("Cannot choose from an empty sequence"));
        }
        Ok(seq.pop_get(self.randbelow(n as u128) as usize))
    }

    /// `r.shuffle(x)`.
    pub fn shuffle<T>(&self, x: &mut [T]) {
        let mut s = self.state();
        for i in (1..x.len()).rev() {
            let j = s.below(i as u128 + 1) as usize;
            x.swap(i, j);
        }
    }

    /// `r.sample(population, k)`.
    pub fn sample<P: Population + ?Sized>(&self, population: &P, k: i64) -> PyResult<Vec<P::Item>> {
        let idx = self.sample_indices(population.pop_len(), k)?;
        Ok(idx.into_iter().map(|i| population.pop_get(i)).collect())
    }

    /// The indices `sample` picks from a population of `n`, in selection order.
    fn sample_indices(&self, n: usize, k: i64) -> PyResult<Vec<usize>> {
        if k < 0 || k as u128 > n as u128 {
            return Err(PyErr::value_error("Sample larger than population or is negative"));
        }
        let k = k as usize;
        let mut setsize: f64 = 21.0;
        if k > 5 {
            setsize += 4f64.powf(((k as f64 * 3.0).ln() / 4f64.ln()).ceil());
        }
        let mut s = self.state();
        let mut out = Vec::with_capacity(k);
        if (n as f64) <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = s.below((n - i) as u128) as usize;
                out.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = std::collections::HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = s.below(n as u128) as usize;
                while selected.contains(&j) {
                    j = s.below(n as u128) as usize;
                }
                selected.insert(j);
                out.push(j);
            }
        }
        Ok(out)
    }

    /// `r.sample(population, k, counts=counts)`.
    pub fn sample_counts<P: Population + ?Sized>(&self, population: &P, counts: &[i64], k: i64) -> PyResult<Vec<P::Item>> {
        let n = population.pop_len();
        let mut cum = Vec::with_capacity(counts.len());
        let mut acc: i64 = 0;
        for c in counts {
            acc = acc.checked_add(*c).ok_or_else(PyErr::int_overflow)?;
            cum.push(acc);
        }
        if cum.len() != n {
            return Err(PyErr::value_error("The number of counts does not match the population"));
        }
        let total = cum.pop().ok_or_else(|| PyErr::index_error("pop from empty list"))?;
        if total <= 0 {
            return Err(PyErr::value_error("Total of counts must be greater than zero"));
        }
        let sel = self.sample_indices(usize::try_from(total).map_err(|_| PyErr::int_overflow())?, k)?;
        Ok(sel
            .into_iter()
            .map(|s| {
                let at = cum.partition_point(|c| *c <= s as i64);
                population.pop_get(at)
            })
            .collect())
    }

    /// `r.choices(population, k=k)`: equal weights.
    pub fn choices<P: Population + ?Sized>(&self, population: &P, k: i64) -> PyResult<Vec<P::Item>> {
        let n = population.pop_len() as f64;
        let mut out = Vec::new();
        let mut s = self.state();
        for _ in 0..k.max(0) {
            let i = (s.random() * n).floor() as usize;
            if i >= population.pop_len() {
                return Err(PyErr::index_error("list index out of range"));
            }
            out.push(population.pop_get(i));
        }
        Ok(out)
    }

    /// `r.choices(population, weights, k=k)`, or with `cum_weights` when `cumulative`.
    pub fn choices_weighted<P: Population + ?Sized>(
        &self,
        population: &P,
        weights: &[f64],
        cumulative: bool,
        k: i64,
    ) -> PyResult<Vec<P::Item>> {
        let cum: Vec<f64> = if cumulative {
            weights.to_vec()
        } else {
            let mut acc = 0.0;
            weights
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    acc = if i == 0 { *w } else { acc + w };
                    acc
                })
                .collect()
        };
        let n = population.pop_len();
        if cum.len() != n {
            return Err(PyErr::value_error("The number of weights does not match the population"));
        }
        let total = *cum.last().ok_or_else(|| PyErr::index_error("list index out of range"))? + 0.0;
        if total <= 0.0 {
            return Err(PyErr::value_error("Total of weights must be greater than zero"));
        }
        if !total.is_finite() {
            return Err(PyErr::value_error("Total of weights must be finite"));
        }
        let hi = n - 1;
        let mut out = Vec::new();
        let mut s = self.state();
        for _ in 0..k.max(0) {
            let x = s.random() * total;
            // bisect_right(cum_weights, x, 0, hi)
            let (mut lo, mut h) = (0usize, hi);
            while lo < h {
                let mid = (lo + h) / 2;
                if x < cum[mid] {
                    h = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out.push(population.pop_get(lo));
        }
        Ok(out)
    }

    /// `r.uniform(a, b)`.
    pub fn uniform(&self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `r.triangular(low, high, mode)`.
    pub fn triangular(&self, low: f64, high: f64, mode: Option<f64>) -> f64 {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            Some(m) => {
                if high - low == 0.0 {
                    return low;
                }
                (m - low) / (high - low)
            }
        };
        let (mut low, mut high) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        low + (high - low) * (u * c).sqrt()
    }

    /// `r.normalvariate(mu, sigma)`: Kinderman and Monahan's ratio method.
    pub fn normalvariate(&self, mu: f64, sigma: f64) -> f64 {
        let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
        let mut s = self.state();
        loop {
            let u1 = s.random();
            let u2 = 1.0 - s.random();
            let z = magic * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            if zz <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `r.gauss(mu, sigma)`: Box-Muller, keeping the second value for the next call.
    pub fn gauss(&self, mu: f64, sigma: f64) -> f64 {
        let mut s = self.state();
        let z = match s.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = s.random() * TWOPI;
                let g2rad = (-2.0 * (1.0 - s.random()).ln()).sqrt();
                s.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `r.lognormvariate(mu, sigma)`.
    pub fn lognormvariate(&self, mu: f64, sigma: f64) -> f64 {
        self.normalvariate(mu, sigma).exp()
    }

    /// `r.expovariate(lambd)`.
    pub fn expovariate(&self, lambd: f64) -> PyResult<f64> {
        float_div(-(1.0 - self.random()).ln(), lambd)
    }

    /// `r.vonmisesvariate(mu, kappa)`.
    pub fn vonmisesvariate(&self, mu: f64, kappa: f64) -> PyResult<f64> {
        let mut st = self.state();
        if kappa <= 1e-6 {
            return Ok(TWOPI * st.random());
        }
        let s = 0.5 / kappa;
        let r = s + (1.0 + s * s).sqrt();
        let z = loop {
            let u1 = st.random();
            let z = (std::f64::consts::PI * u1).cos();
            let d = z / (r + z);
            let u2 = st.random();
            if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
                break z;
            }
        };
        let q = 1.0 / r;
        let f = (q + z) / (1.0 + q * z);
        let u3 = st.random();
        let theta = if u3 > 0.5 { mu + f.acos() } else { mu - f.acos() };
        crate::float::modulo(theta, TWOPI)
    }

    /// `r.gammavariate(alpha, beta)`.
    pub fn gammavariate(&self, alpha: f64, beta: f64) -> PyResult<f64> {
        if alpha <= 0.0 || beta <= 0.0 {
            return Err(PyErr::value_error("gammavariate: alpha and beta must be > 0.0"));
        }
        let mut s = self.state();
        if alpha > 1.0 {
            let log4 = 4.0f64.ln();
            let sg_magic = 1.0 + 4.5f64.ln();
            let ainv = (2.0 * alpha - 1.0).sqrt();
            let bbb = alpha - log4;
            let ccc = alpha + ainv;
            loop {
                let u1 = s.random();
                if !(1e-7 < u1 && u1 < 0.9999999) {
                    continue;
                }
                let u2 = 1.0 - s.random();
                let v = (u1 / (1.0 - u1)).ln() / ainv;
                let x = alpha * v.exp();
                let z = u1 * u1 * u2;
                let r = bbb + ccc * v - x;
                if r + sg_magic - 4.5 * z >= 0.0 || r >= log(z)? {
                    return Ok(x * beta);
                }
            }
        } else if alpha == 1.0 {
            Ok(-(1.0 - s.random()).ln() * beta)
        } else {
            let e = std::f64::consts::E;
            loop {
                let u = s.random();
                let b = (e + alpha) / e;
                let p = b * u;
                let x = if p <= 1.0 { pow(p, 1.0 / alpha)? } else { -log((b - p) / alpha)? };
                let u1 = s.random();
                if p > 1.0 {
                    if u1 <= pow(x, alpha - 1.0)? {
                        return Ok(x * beta);
                    }
                } else if u1 <= (-x).exp() {
                    return Ok(x * beta);
                }
            }
        }
    }

    /// `r.betavariate(alpha, beta)`.
    pub fn betavariate(&self, alpha: f64, beta: f64) -> PyResult<f64> {
        let y = self.gammavariate(alpha, 1.0)?;
        if y != 0.0 {
            return Ok(y / (y + self.gammavariate(beta, 1.0)?));
        }
        Ok(0.0)
    }

    /// `r.paretovariate(alpha)`.
    pub fn paretovariate(&self, alpha: f64) -> PyResult<f64> {
        let u = 1.0 - self.random();
        pow(u, float_div(-1.0, alpha)?)
    }

    /// `r.weibullvariate(alpha, beta)`.
    pub fn weibullvariate(&self, alpha: f64, beta: f64) -> PyResult<f64> {
        let u = 1.0 - self.random();
        Ok(alpha * pow(-u.ln(), float_div(1.0, beta)?)?)
    }
}

/// The generator behind the module-level functions (`random.random()`, `random.seed(x)`).
pub fn global() -> &'static Random {
    static GLOBAL: OnceLock<Random> = OnceLock::new();
    GLOBAL.get_or_init(Random::unseeded)
}
