//! numpy's legacy random API (`np.random.seed(s)` then `np.random.rand/randn/randint/...`, and
//! `np.random.RandomState(s)`): numpy's MT19937 (`mt19937_seed` is CPython's `init_genrand`, so
//! the generator is `rt::random::Mt19937`), and the algorithms of numpy's `mtrand.pyx` and
//! `distributions.c` as the legacy API runs them: 53-bit doubles from two draws, the polar
//! Box-Muller `legacy_gauss` with its cached second value, `randint`'s masked rejection on
//! 32- or 64-bit draws, `random_interval` for `shuffle`/`permutation`, and `choice` by
//! `randint`, by a cumulative-sum search, or by a permutation's prefix.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use ingot_runtime::random::Mt19937;
use ingot_runtime::{PyErr, PyResult};

use crate::{DType, NdArray};

/// `np.random.RandomState`: a shared handle, as a Python object is.
#[derive(Clone)]
pub struct RandomState(Arc<Mutex<Mt19937>>);

impl std::fmt::Debug for RandomState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RandomState(MT19937)")
    }
}

impl PartialEq for RandomState {
    fn eq(&self, other: &RandomState) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

fn next_u64(s: &mut Mt19937) -> u64 {
    let hi = s.genrand_u32() as u64;
    (hi << 32) | s.genrand_u32() as u64
}

/// numpy's `legacy_gauss`: the polar method, keeping the second value.
fn gauss(s: &mut Mt19937) -> f64 {
    if let Some(g) = s.gauss_next.take() {
        return g;
    }
    loop {
        let x1 = 2.0 * s.random() - 1.0;
        let x2 = 2.0 * s.random() - 1.0;
        let r2 = x1 * x1 + x2 * x2;
        if r2 < 1.0 && r2 != 0.0 {
            let f = (-2.0 * r2.ln() / r2).sqrt();
            s.gauss_next = Some(f * x1);
            return f * x2;
        }
    }
}

fn mask_of(max: u64) -> u64 {
    let mut mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    mask
}

/// numpy's `random_interval(max)`: a value in [0, max] by masked rejection.
fn interval(s: &mut Mt19937, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = mask_of(max);
    if max <= 0xffff_ffff {
        loop {
            let v = s.genrand_u32() as u64 & mask;
            if v <= max {
                return v;
            }
        }
    }
    loop {
        let v = next_u64(s) & mask;
        if v <= max {
            return v;
        }
    }
}

/// numpy's `random_bounded_uint64_fill` with `use_masked`: `off + [0, rng]`.
fn bounded(s: &mut Mt19937, off: u64, rng: u64) -> u64 {
    if rng == 0 {
        off
    } else if rng <= 0xffff_ffff {
        if rng == 0xffff_ffff {
            return off.wrapping_add(s.genrand_u32() as u64);
        }
        let mask = mask_of(rng);
        loop {
            let v = s.genrand_u32() as u64 & mask;
            if v <= rng {
                return off.wrapping_add(v);
            }
        }
    } else if rng == u64::MAX {
        off.wrapping_add(next_u64(s))
    } else {
        let mask = mask_of(rng);
        loop {
            let v = next_u64(s) & mask;
            if v <= rng {
                return off.wrapping_add(v);
            }
        }
    }
}

/// A `size` argument as dims; negative dims are numpy's ValueError.
fn dims(shape: &[i64]) -> PyResult<Vec<usize>> {
    shape
        .iter()
        .map(|&d| usize::try_from(d).map_err(|_| PyErr::value_error("negative dimensions are not allowed")))
        .collect()
}

fn float_array(data: Vec<f64>, shape: &[usize]) -> PyResult<NdArray> {
    NdArray::from_f64(data, shape, DType::Float64)
}

/// `a[ix]` along the first axis (a gather on the stored tensor, so every dtype alike).
fn take_rows(a: &NdArray, ix: &[i64]) -> PyResult<NdArray> {
    use candle_core::{Device, Tensor};
    let ix: Vec<u32> = ix.iter().map(|&i| i as u32).collect();
    let n = ix.len();
    let ix = Tensor::from_vec(ix, n, &Device::Cpu).map_err(crate::ce)?;
    let t = a.tensor().index_select(&ix, 0).map_err(crate::ce)?;
    Ok(NdArray::wrap(t, a.dtype()))
}

/// numpy's `kahan_sum`.
fn kahan_sum(p: &[f64]) -> f64 {
    let Some(&first) = p.first() else { return 0.0 };
    let (mut sum, mut c) = (first, 0.0);
    for &x in &p[1..] {
        let y = x - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// What `choice` picks: the indices, and whether the result is a scalar.
pub struct Picks {
    pub idx: Vec<i64>,
    pub shape: Option<Vec<usize>>,
}

impl RandomState {
    /// `np.random.RandomState(seed)`.
    pub fn new(seed: i64) -> PyResult<RandomState> {
        let r = RandomState(Arc::new(Mutex::new(Mt19937::new())));
        r.seed(seed)?;
        Ok(r)
    }

    fn unseeded() -> RandomState {
        let r = RandomState(Arc::new(Mutex::new(Mt19937::new())));
        let mut buf = [0u8; 16];
        let ok = std::fs::File::open("/dev/urandom")
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf))
            .is_ok();
        if !ok {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            buf = t.to_le_bytes();
        }
        let key: Vec<u32> = buf.chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        r.state().init_by_array(&key);
        r
    }

    fn state(&self) -> MutexGuard<'_, Mt19937> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `rs.seed(seed)`: numpy's `mt19937_seed`, for seeds in [0, 2**32).
    pub fn seed(&self, seed: i64) -> PyResult<()> {
        if !(0..=0xffff_ffff).contains(&seed) {
            return Err(PyErr::value_error("Seed must be between 0 and 2**32 - 1"));
        }
        let mut s = self.state();
        s.init_genrand(seed as u32);
        s.gauss_next = None;
        Ok(())
    }

    /// `random_sample()` / `rand()`: one float.
    pub fn random_f64(&self) -> f64 {
        self.state().random()
    }

    /// `random_sample(size)` / `rand(*dims)`.
    pub fn random_sample(&self, shape: &[i64]) -> PyResult<NdArray> {
        let d = dims(shape)?;
        let n: usize = d.iter().product();
        let mut s = self.state();
        float_array((0..n).map(|_| s.random()).collect(), &d)
    }

    /// `randn()` / `standard_normal()`: one float.
    pub fn gauss_f64(&self) -> f64 {
        gauss(&mut self.state())
    }

    /// `randn(*dims)` / `standard_normal(size)`.
    pub fn randn(&self, shape: &[i64]) -> PyResult<NdArray> {
        self.normal(0.0, 1.0, shape)
    }

    fn check_scale(scale: f64) -> PyResult<()> {
        if !scale.is_nan() && scale.is_sign_negative() {
            return Err(PyErr::value_error("scale < 0"));
        }
        Ok(())
    }

    /// `normal(loc, scale)`: one float.
    pub fn normal_f64(&self, loc: f64, scale: f64) -> PyResult<f64> {
        Self::check_scale(scale)?;
        Ok(loc + scale * gauss(&mut self.state()))
    }

    /// `normal(loc, scale, size)`.
    pub fn normal(&self, loc: f64, scale: f64, shape: &[i64]) -> PyResult<NdArray> {
        Self::check_scale(scale)?;
        let d = dims(shape)?;
        let n: usize = d.iter().product();
        let mut s = self.state();
        float_array((0..n).map(|_| loc + scale * gauss(&mut s)).collect(), &d)
    }

    fn uniform_range(low: f64, high: f64) -> PyResult<f64> {
        let range = high - low;
        if !range.is_finite() {
            return Err(PyErr::overflow_error("Range exceeds valid bounds"));
        }
        Ok(range)
    }

    /// `uniform(low, high)`: one float.
    pub fn uniform_f64(&self, low: f64, high: f64) -> PyResult<f64> {
        let range = Self::uniform_range(low, high)?;
        Ok(low + range * self.state().random())
    }

    /// `uniform(low, high, size)`.
    pub fn uniform(&self, low: f64, high: f64, shape: &[i64]) -> PyResult<NdArray> {
        let range = Self::uniform_range(low, high)?;
        let d = dims(shape)?;
        let n: usize = d.iter().product();
        let mut s = self.state();
        float_array((0..n).map(|_| low + range * s.random()).collect(), &d)
    }

    /// The closed interval `randint(low, high)` draws from, with numpy's errors.
    fn randint_bounds(low: i64, high: Option<i64>) -> PyResult<(u64, u64)> {
        let (low, high) = match high {
            None => (0, low),
            Some(h) => (low, h),
        };
        let high = high as i128 - 1;
        if (low as i128) > high {
            return Err(PyErr::value_error(if low == 0 { "high <= 0" } else { "low >= high" }));
        }
        Ok((low as u64, (high - low as i128) as u64))
    }

    /// `randint(low)` / `randint(low, high)`: one int.
    pub fn randint_i64(&self, low: i64, high: Option<i64>) -> PyResult<i64> {
        let (off, rng) = Self::randint_bounds(low, high)?;
        Ok(bounded(&mut self.state(), off, rng) as i64)
    }

    /// `randint(low, high, size)`: an int64 array.
    pub fn randint(&self, low: i64, high: Option<i64>, shape: &[i64]) -> PyResult<NdArray> {
        let d = dims(shape)?;
        let n: usize = d.iter().product();
        if n == 0 {
            return NdArray::from_i64(vec![], &d);
        }
        let (off, rng) = Self::randint_bounds(low, high)?;
        let mut s = self.state();
        NdArray::from_i64((0..n).map(|_| bounded(&mut s, off, rng) as i64).collect(), &d)
    }

    /// The legacy shuffle loop over `n` items: the swaps, in order.
    fn shuffle_swaps(&self, n: usize, mut swap: impl FnMut(usize, usize)) {
        let mut s = self.state();
        for i in (1..n).rev() {
            let j = interval(&mut s, i as u64) as usize;
            swap(i, j);
        }
    }

    /// `shuffle(x)` of a list.
    pub fn shuffle_list<T>(&self, x: &mut [T]) {
        self.shuffle_swaps(x.len(), |i, j| x.swap(i, j));
    }

    /// The order `shuffle` puts `n` rows in.
    fn order(&self, n: usize) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..n).collect();
        self.shuffle_swaps(n, |i, j| idx.swap(i, j));
        idx
    }

    /// `shuffle(a)` of an array, along its first axis, in its storage (views see it, as in numpy).
    pub fn shuffle_array(&self, a: &NdArray) -> PyResult<()> {
        if a.ndim() == 0 {
            return Err(PyErr::type_error("object of type 'numpy.ndarray' has no len()"));
        }
        let shuffled = self.rows_in(a, &self.order(a.dims()[0]))?;
        crate::write_into(a, &shuffled)
    }

    fn rows_in(&self, a: &NdArray, order: &[usize]) -> PyResult<NdArray> {
        let ix: Vec<i64> = order.iter().map(|&i| i as i64).collect();
        take_rows(a, &ix)
    }

    /// `permutation(n)`: a shuffled `arange(n)`.
    pub fn permutation_n(&self, n: i64) -> PyResult<NdArray> {
        let n = n.max(0) as usize;
        let mut v: Vec<i64> = (0..n as i64).collect();
        self.shuffle_list(&mut v);
        NdArray::from_i64(v, &[n])
    }

    /// `permutation(a)`: a shuffled copy along the first axis.
    pub fn permutation(&self, a: &NdArray) -> PyResult<NdArray> {
        if a.ndim() == 0 {
            return Err(PyErr::index_error("x must be an integer or at least 1-dimensional"));
        }
        let order = self.order(a.dims()[0]);
        self.rows_in(a, &order)
    }

    /// The indices `choice(a, size, replace, p)` picks from a population of `pop`; `shape` None is a scalar.
    pub fn choice_indices(
        &self,
        pop: i64,
        is_int: bool,
        shape: Option<&[i64]>,
        replace: bool,
        p: Option<&[f64]>,
    ) -> PyResult<Picks> {
        let size: i64 = shape.map_or(1, |s| s.iter().product());
        if is_int && pop <= 0 && size != 0 {
            return Err(PyErr::value_error("a must be greater than 0 unless no samples are taken"));
        }
        if !is_int && pop == 0 && size != 0 {
            return Err(PyErr::value_error("'a' cannot be empty unless no samples are taken"));
        }
        if let Some(p) = p {
            let atol = f64::EPSILON.sqrt();
            if p.len() as i64 != pop {
                return Err(PyErr::value_error("'a' and 'p' must have same size"));
            }
            let sum = kahan_sum(p);
            if sum.is_nan() {
                return Err(PyErr::value_error("probabilities contain NaN"));
            }
            if p.iter().any(|&x| x < 0.0) {
                return Err(PyErr::value_error("probabilities are not non-negative"));
            }
            if (sum - 1.0).abs() > atol {
                return Err(PyErr::value_error("probabilities do not sum to 1"));
            }
        }
        let out_shape = match shape {
            Some(s) => Some(dims(s)?),
            None => None,
        };
        let pop_n = pop.max(0) as usize;
        let cdf = |p: &[f64]| -> Vec<f64> {
            let mut acc = 0.0;
            let mut c: Vec<f64> = p
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    acc = if i == 0 { *x } else { acc + x };
                    acc
                })
                .collect();
            let last = *c.last().unwrap_or(&1.0);
            for x in c.iter_mut() {
                *x /= last;
            }
            c
        };
        let idx: Vec<i64> = if replace {
            if let Some(p) = p {
                let c = cdf(p);
                let mut s = self.state();
                (0..size.max(0))
                    .map(|_| {
                        let u = s.random();
                        c.partition_point(|&x| x <= u) as i64
                    })
                    .collect()
            } else {
                if size == 0 {
                    vec![]
                } else {
                    let (off, rng) = Self::randint_bounds(0, Some(pop))?;
                    let mut s = self.state();
                    (0..size).map(|_| bounded(&mut s, off, rng) as i64).collect()
                }
            }
        } else {
            if size > pop {
                return Err(PyErr::value_error(
                    "Cannot take a larger sample than population when 'replace=False'",
                ));
            }
            if size < 0 {
                return Err(PyErr::value_error("negative dimensions are not allowed"));
            }
            if let Some(p) = p {
                if (p.iter().filter(|&&x| x > 0.0).count() as i64) < size {
                    return Err(PyErr::value_error("Fewer non-zero entries in p than size"));
                }
                let mut p = p.to_vec();
                let mut found: Vec<i64> = Vec::with_capacity(size as usize);
                while (found.len() as i64) < size {
                    let want = size as usize - found.len();
                    let xs: Vec<f64> = {
                        let mut s = self.state();
                        (0..want).map(|_| s.random()).collect()
                    };
                    for &f in &found {
                        p[f as usize] = 0.0;
                    }
                    let c = cdf(&p);
                    let new: Vec<i64> = xs.iter().map(|&u| c.partition_point(|&x| x <= u) as i64).collect();
                    // np.unique(new, return_index=True), then the first occurrences in order.
                    let mut first: Vec<(i64, usize)> = Vec::new();
                    for (i, v) in new.iter().enumerate() {
                        if !first.iter().any(|(w, _)| w == v) {
                            first.push((*v, i));
                        }
                    }
                    first.sort_by_key(|&(_, i)| i);
                    found.extend(first.into_iter().map(|(v, _)| v));
                }
                found
            } else {
                let mut perm: Vec<i64> = (0..pop_n as i64).collect();
                self.shuffle_list(&mut perm);
                perm.truncate(size as usize);
                perm
            }
        };
        Ok(Picks { idx, shape: out_shape })
    }

    /// `choice(n, ...)`: the indices as ints.
    pub fn choice_int(&self, pop: i64, shape: &[i64], replace: bool, p: Option<&[f64]>) -> PyResult<NdArray> {
        let picks = self.choice_indices(pop, true, Some(shape), replace, p)?;
        NdArray::from_i64(picks.idx, &picks.shape.unwrap_or_default())
    }

    /// `choice(n)`: one int.
    pub fn choice_int_scalar(&self, pop: i64, replace: bool, p: Option<&[f64]>) -> PyResult<i64> {
        let picks = self.choice_indices(pop, true, None, replace, p)?;
        Ok(picks.idx[0])
    }

    /// `choice(a, size, ...)` of a 1-d array: its items at the picked indices.
    pub fn choice_array(&self, a: &NdArray, shape: &[i64], replace: bool, p: Option<&[f64]>) -> PyResult<NdArray> {
        if a.ndim() != 1 {
            return Err(PyErr::value_error("a must be 1-dimensional"));
        }
        let picks = self.choice_indices(a.dims()[0] as i64, false, Some(shape), replace, p)?;
        let rows = take_rows(a, &picks.idx)?;
        let dims: Vec<i64> = picks.shape.unwrap_or_default().iter().map(|&d| d as i64).collect();
        crate::reshape(&rows, &dims)
    }

    /// `choice(seq)` of a list: one item.
    pub fn choice_item<T: Clone>(&self, seq: &[T], replace: bool, p: Option<&[f64]>) -> PyResult<T> {
        let picks = self.choice_indices(seq.len() as i64, false, None, replace, p)?;
        Ok(seq[picks.idx[0] as usize].clone())
    }
}

/// The generator behind `np.random.seed` and the module-level functions.
pub fn np_global() -> &'static RandomState {
    static GLOBAL: OnceLock<RandomState> = OnceLock::new();
    GLOBAL.get_or_init(RandomState::unseeded)
}

// ---- np.random.default_rng: SeedSequence + PCG64 ------------------------------------------------

/// numpy's `SeedSequence(entropy).generate_state(4, uint64)` for an int entropy (pool of four words).
fn seed_sequence_state(seed: u128) -> [u64; 4] {
    const INIT_A: u32 = 0x43b0_d7e5;
    const MULT_A: u32 = 0x931e_8875;
    const INIT_B: u32 = 0x8b51_f9dd;
    const MULT_B: u32 = 0x58f3_8ded;
    const MIX_L: u32 = 0xca01_f9dd;
    const MIX_R: u32 = 0x4973_f715;
    let mut entropy = Vec::new();
    let mut n = seed;
    while n > 0 {
        entropy.push(n as u32);
        n >>= 32;
    }
    if entropy.is_empty() {
        entropy.push(0);
    }
    let mut hc = INIT_A;
    let mut hashmix = |v: u32| {
        let mut v = v ^ hc;
        hc = hc.wrapping_mul(MULT_A);
        v = v.wrapping_mul(hc);
        v ^ (v >> 16)
    };
    let mix = |x: u32, y: u32| {
        let r = MIX_L.wrapping_mul(x).wrapping_sub(MIX_R.wrapping_mul(y));
        r ^ (r >> 16)
    };
    let mut pool = [0u32; 4];
    for (i, p) in pool.iter_mut().enumerate() {
        *p = hashmix(entropy.get(i).copied().unwrap_or(0));
    }
    for s in 0..4 {
        for d in 0..4 {
            if s != d {
                let h = hashmix(pool[s]);
                pool[d] = mix(pool[d], h);
            }
        }
    }
    for &e in entropy.iter().skip(4) {
        for d in 0..4 {
            let h = hashmix(e);
            pool[d] = mix(pool[d], h);
        }
    }
    let mut hc = INIT_B;
    let mut words = [0u32; 8];
    for (i, w) in words.iter_mut().enumerate() {
        let mut v = pool[i % 4] ^ hc;
        hc = hc.wrapping_mul(MULT_B);
        v = v.wrapping_mul(hc);
        *w = v ^ (v >> 16);
    }
    let mut out = [0u64; 4];
    for (i, o) in out.iter_mut().enumerate() {
        *o = words[2 * i] as u64 | (words[2 * i + 1] as u64) << 32;
    }
    out
}

/// numpy's PCG64 (XSL-RR output, post-advance), with its buffered 32-bit half.
struct Pcg64 {
    state: u128,
    inc: u128,
    half: Option<u32>,
}

const PCG_MULT: u128 = (2549297995355413924u128 << 64) + 4865540595714422341u128;

impl Pcg64 {
    fn new(seed: u128) -> Pcg64 {
        let v = seed_sequence_state(seed);
        let initstate = (v[0] as u128) << 64 | v[1] as u128;
        let initseq = (v[2] as u128) << 64 | v[3] as u128;
        let mut g = Pcg64 { state: 0, inc: (initseq << 1) | 1, half: None };
        g.step();
        g.state = g.state.wrapping_add(initstate);
        g.step();
        g
    }
    fn step(&mut self) {
        self.state = self.state.wrapping_mul(PCG_MULT).wrapping_add(self.inc);
    }
    fn next_u64(&mut self) -> u64 {
        self.step();
        let x = ((self.state >> 64) as u64) ^ (self.state as u64);
        x.rotate_right((self.state >> 122) as u32)
    }
    fn next_u32(&mut self) -> u32 {
        if let Some(h) = self.half.take() {
            return h;
        }
        let n = self.next_u64();
        self.half = Some((n >> 32) as u32);
        n as u32
    }
    fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9007199254740992.0)
    }
    /// `random_interval(max)`: masked rejection (shuffle, permutation).
    fn interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mask = mask_of(max);
        if max <= 0xffff_ffff {
            loop {
                let v = self.next_u32() as u64 & mask;
                if v <= max {
                    return v;
                }
            }
        }
        loop {
            let v = self.next_u64() & mask;
            if v <= max {
                return v;
            }
        }
    }
    /// `random_bounded_uint64_fill` without masking: Lemire's method on 32- or 64-bit draws.
    fn bounded(&mut self, off: u64, rng: u64) -> u64 {
        if rng == 0 {
            return off;
        }
        if rng <= 0xffff_ffff {
            if rng == 0xffff_ffff {
                return off.wrapping_add(self.next_u32() as u64);
            }
            let ex = rng + 1;
            let mut m = self.next_u32() as u64 * ex;
            let mut left = m & 0xffff_ffff;
            if left < ex {
                let th = (0xffff_ffff - rng) % ex;
                while left < th {
                    m = self.next_u32() as u64 * ex;
                    left = m & 0xffff_ffff;
                }
            }
            return off.wrapping_add(m >> 32);
        }
        if rng == u64::MAX {
            return off.wrapping_add(self.next_u64());
        }
        let ex = rng + 1;
        let mut m = self.next_u64() as u128 * ex as u128;
        let mut left = m as u64;
        if left < ex {
            let th = (u64::MAX - rng) % ex;
            while left < th {
                m = self.next_u64() as u128 * ex as u128;
                left = m as u64;
            }
        }
        off.wrapping_add((m >> 64) as u64)
    }
}

/// `np.random.Generator` over PCG64, as `np.random.default_rng(seed)` makes it. A shared handle.
#[derive(Clone)]
pub struct NpGenerator(Arc<Mutex<Pcg64>>);

impl std::fmt::Debug for NpGenerator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Generator(PCG64)")
    }
}

impl PartialEq for NpGenerator {
    fn eq(&self, other: &NpGenerator) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// `np.random.default_rng(seed)`.
pub fn default_rng(seed: i64) -> PyResult<NpGenerator> {
    if seed < 0 {
        return Err(PyErr::value_error("expected non-negative integer"));
    }
    Ok(NpGenerator(Arc::new(Mutex::new(Pcg64::new(seed as u128)))))
}

impl NpGenerator {
    fn state(&self) -> MutexGuard<'_, Pcg64> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `rng.random()`: one float.
    pub fn random_f64(&self) -> f64 {
        self.state().next_double()
    }

    /// `rng.random(size)`.
    pub fn random(&self, shape: &[i64]) -> PyResult<NdArray> {
        let d = dims(shape)?;
        let n: usize = d.iter().product();
        let mut s = self.state();
        float_array((0..n).map(|_| s.next_double()).collect(), &d)
    }

    fn uniform_range(low: f64, high: f64) -> PyResult<f64> {
        let range = high - low;
        if !range.is_finite() {
            return Err(PyErr::overflow_error("high - low range exceeds valid bounds"));
        }
        // Unlike the legacy API, a Generator refuses reversed bounds.
        if range < 0.0 {
            return Err(PyErr::value_error("high - low < 0"));
        }
        Ok(range)
    }

    /// `rng.uniform(low, high)`: one float.
    pub fn uniform_f64(&self, low: f64, high: f64) -> PyResult<f64> {
        let range = Self::uniform_range(low, high)?;
        Ok(low + range * self.state().next_double())
    }

    /// `rng.uniform(low, high, size)`.
    pub fn uniform(&self, low: f64, high: f64, shape: &[i64]) -> PyResult<NdArray> {
        let range = Self::uniform_range(low, high)?;
        let d = dims(shape)?;
        let n: usize = d.iter().product();
        let mut s = self.state();
        float_array((0..n).map(|_| low + range * s.next_double()).collect(), &d)
    }

    fn bounds(low: i64, high: Option<i64>, endpoint: bool) -> PyResult<(u64, u64)> {
        let (low, high) = match high {
            None => (0, low),
            Some(h) => (low, h),
        };
        let high = if endpoint { high as i128 } else { high as i128 - 1 };
        if (low as i128) > high {
            let msg = match (low == 0, endpoint) {
                (true, false) => "high <= 0",
                (true, true) => "high < 0",
                (false, false) => "low >= high",
                (false, true) => "low > high",
            };
            return Err(PyErr::value_error(msg));
        }
        Ok((low as u64, (high - low as i128) as u64))
    }

    /// `rng.integers(low, high, endpoint=...)`: one int.
    pub fn integers_i64(&self, low: i64, high: Option<i64>, endpoint: bool) -> PyResult<i64> {
        let (off, rng) = Self::bounds(low, high, endpoint)?;
        Ok(self.state().bounded(off, rng) as i64)
    }

    /// `rng.integers(low, high, size, endpoint=...)`: an int64 array.
    pub fn integers(&self, low: i64, high: Option<i64>, shape: &[i64], endpoint: bool) -> PyResult<NdArray> {
        let d = dims(shape)?;
        let n: usize = d.iter().product();
        if n == 0 {
            return NdArray::from_i64(vec![], &d);
        }
        let (off, rng) = Self::bounds(low, high, endpoint)?;
        let mut s = self.state();
        NdArray::from_i64((0..n).map(|_| s.bounded(off, rng) as i64).collect(), &d)
    }

    fn order(&self, n: usize) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..n).collect();
        let mut s = self.state();
        for i in (1..n).rev() {
            let j = s.interval(i as u64) as usize;
            idx.swap(i, j);
        }
        idx
    }

    /// `rng.shuffle(x)` of a list.
    pub fn shuffle_list<T>(&self, x: &mut [T]) {
        let mut s = self.state();
        for i in (1..x.len()).rev() {
            let j = s.interval(i as u64) as usize;
            x.swap(i, j);
        }
    }

    /// `rng.shuffle(a)` of an array along its first axis, in its storage.
    pub fn shuffle_array(&self, a: &NdArray) -> PyResult<()> {
        if a.ndim() == 0 {
            return Err(PyErr::type_error("object of type 'numpy.float64' has no len()"));
        }
        let ix: Vec<i64> = self.order(a.dims()[0]).into_iter().map(|i| i as i64).collect();
        crate::write_into(a, &take_rows(a, &ix)?)
    }

    /// `rng.permutation(n)`.
    pub fn permutation_n(&self, n: i64) -> PyResult<NdArray> {
        let n = n.max(0) as usize;
        let v: Vec<i64> = self.order(n).into_iter().map(|i| i as i64).collect();
        NdArray::from_i64(v, &[n])
    }

    /// `rng.permutation(a)`: a shuffled copy along the first axis.
    pub fn permutation(&self, a: &NdArray) -> PyResult<NdArray> {
        if a.ndim() == 0 {
            return Err(PyErr::index_error("x must be an integer or at least 1-dimensional"));
        }
        let ix: Vec<i64> = self.order(a.dims()[0]).into_iter().map(|i| i as i64).collect();
        take_rows(a, &ix)
    }

    /// The indices `rng.choice(a, size, p=p)` (with replacement) picks from `pop` items.
    fn choice_indices(&self, pop: i64, is_int: bool, size: i64, p: Option<&[f64]>) -> PyResult<Vec<i64>> {
        if pop <= 0 && size != 0 {
            return Err(PyErr::value_error(if is_int {
                "a must be a positive integer unless no samples are taken"
            } else {
                "a cannot be empty unless no samples are taken"
            }));
        }
        if let Some(p) = p {
            if p.len() as i64 != pop {
                return Err(PyErr::value_error("a and p must have same size"));
            }
            let sum = kahan_sum(p);
            if sum.is_nan() {
                return Err(PyErr::value_error("Probabilities contain NaN"));
            }
            if p.iter().any(|&x| x < 0.0) {
                return Err(PyErr::value_error("Probabilities are not non-negative"));
            }
            if (sum - 1.0).abs() > f64::EPSILON.sqrt() {
                return Err(PyErr::value_error(
                    "Probabilities do not sum to 1. See Notes section of docstring for more information.",
                ));
            }
            let mut acc = 0.0;
            let mut cdf: Vec<f64> = p
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    acc = if i == 0 { *x } else { acc + x };
                    acc
                })
                .collect();
            let last = *cdf.last().unwrap_or(&1.0);
            for x in cdf.iter_mut() {
                *x /= last;
            }
            let mut s = self.state();
            return Ok((0..size.max(0))
                .map(|_| {
                    let u = s.next_double();
                    cdf.partition_point(|&x| x <= u) as i64
                })
                .collect());
        }
        if size <= 0 {
            return Ok(vec![]);
        }
        let mut s = self.state();
        Ok((0..size).map(|_| s.bounded(0, (pop - 1) as u64) as i64).collect())
    }

    /// `rng.choice(n)`: one int.
    pub fn choice_int_scalar(&self, pop: i64, p: Option<&[f64]>) -> PyResult<i64> {
        Ok(self.choice_indices(pop, true, 1, p)?[0])
    }

    /// `rng.choice(n, size)`: int64 indices.
    pub fn choice_int(&self, pop: i64, shape: &[i64], p: Option<&[f64]>) -> PyResult<NdArray> {
        let d = dims(shape)?;
        let idx = self.choice_indices(pop, true, d.iter().product::<usize>() as i64, p)?;
        NdArray::from_i64(idx, &d)
    }

    /// `rng.choice(a, size)` of a 1-d array (`size` empty for one item as a 0-d array).
    pub fn choice_array(&self, a: &NdArray, shape: &[i64], p: Option<&[f64]>) -> PyResult<NdArray> {
        if a.ndim() != 1 {
            return Err(PyErr::value_error("a must be 1-dimensional here"));
        }
        let d = dims(shape)?;
        let idx = self.choice_indices(a.dims()[0] as i64, false, d.iter().product::<usize>() as i64, p)?;
        let rows = take_rows(a, &idx)?;
        crate::reshape(&rows, shape)
    }

    /// `rng.choice(seq)` of a list: one item.
    pub fn choice_item<T: Clone>(&self, seq: &[T], p: Option<&[f64]>) -> PyResult<T> {
        let idx = self.choice_indices(seq.len() as i64, false, 1, p)?;
        Ok(seq[idx[0] as usize].clone())
    }
}
