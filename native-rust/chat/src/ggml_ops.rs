//! ggml's CPU arithmetic for the non-matmul steps of a llama forward pass, reimplemented so that
//! the GGUF llama family computes what llama.cpp computes, bit for bit where we could check it.
//! Input: f32 rows (activations, one attention head's query, the KV cache). Output: the same
//! rows as ggml's CPU backend (llama.cpp as vendored by llama-cpp-python 0.3.36, built for
//! AVX-512 with GCC) produces them; the quantized matrix products are `crate::qkernels`.
//!
//! Why: before every matrix product ggml rounds the activations to 8 bits (Q8_1/Q8_0), so a
//! last-bit difference in RMSNorm, RoPE, softmax or SiLU moves a value across a rounding step
//! now and then, and over 30 layers that grows into logit differences of 0.1 to 0.5, enough to
//! flip greedy choices that llama.cpp itself makes with a small margin. Each step below follows
//! the operation order, the rounding and the vector lane layout of ggml's code:
//!
//! - RMSNorm (`ggml_compute_forward_rms_norm_f32`, fused with the weight): the sum of squares is
//!   accumulated in f64 from f32 products; `scale = 1/sqrtf(mean + eps)` in f32; `y = x*scale*w`.
//! - RoPE (`ggml_rope_cache_init`): `theta_scale = powf(base, -2/n_dims)`, theta starts at the
//!   position and is multiplied by `theta_scale` step by step (not `base^(-i/d)` per pair), sin
//!   and cos of that f32 theta. The rotation contracts as GCC compiles ggml's
//!   `x0*cos - x1*sin`, `x0*sin + x1*cos`: `x0' = fma(x0, cos, -(x1*sin))`,
//!   `x1' = fma(x0, sin, x1*cos)` (checked against llama.cpp's roped queries, bit for bit).
//! - exp (`ggml_v_expf`, the AVX-512 variant): a degree-5 polynomial and `scalef`, not libm.
//! - softmax (`ggml_compute_forward_soft_max_f32`): scale, max, exp in 16-lane chunks, each
//!   chunk summed in f32 by `_mm512_reduce_add_ps`'s tree and the chunk sums in f64, then every
//!   value times `(float)(1/sum)`.
//! - SwiGLU (`ggml_vec_swiglu_f32`): `silu(g) * u` with `silu(x) = x / (1 + exp(-x))`.
//! - Attention without flash attention, llama.cpp's default in llama-cpp-python: K and V are
//!   stored in an f16 cache; the query is rounded to f16 and the softmax weights are rounded to
//!   f16 before their products (ggml converts the f32 operand of an f16 matmul to f16), and both
//!   products run llamafile's tinyBLAS: 16 f32 lanes accumulate `k/16` products each in order,
//!   then the same reduction tree. Products of two f16 values are exact in f32, so an FMA and a
//!   multiply-then-add give the same bits.
//!
//! The functions are scalar Rust; the multiply-adds that must be fused use `f32::mul_add`,
//! which is exact everywhere, so every machine computes the same bits. Where the CPU has FMA
//! and AVX2 (detected at run time) the loops run a build with those enabled: the same
//! operations in the same order, one instruction per fused multiply-add instead of a libm call.

use half::f16;

/// The 16 lanes of an AVX-512 register, the width ggml's kernels (and tinyBLAS) use here.
pub const LANES: usize = 16;

/// A hexadecimal float literal `0x1.MMMMMMp±E` (six fraction digits, the last one even).
const fn hexf(frac24: u32, exp: i32) -> f32 {
    f32::from_bits((((exp + 127) as u32) << 23) | (frac24 >> 1))
}

/// ggml's `ggml_v_expf` (AVX-512 variant, one lane): at most 1.5 ulp from exp, and not libm's.
#[inline(always)]
pub fn expf(x: f32) -> f32 {
    let r = hexf(0x800000, 23);
    let z = x.mul_add(hexf(0x715476, 0), r);
    let n = z - r;
    let b = (-n).mul_add(hexf(0x7f7d1c, -20), (-n).mul_add(hexf(0x62e400, -1), x));
    let u = b * b;
    let j = hexf(0x0e4020, -7)
        .mul_add(b, hexf(0x573e2e, -5))
        .mul_add(u, hexf(0x555e66, -3).mul_add(b, hexf(0xfffdb6, -2)))
        .mul_add(u, hexf(0xffffec, -1).mul_add(b, 1.0));
    if n.abs() > 192.0 {
        // Out of range (also ±inf and the NaN that -inf - -inf gives in `b`): 0 or inf.
        return if n <= 0.0 { 0.0 } else { f32::INFINITY };
    }
    scalef(j, n)
}

/// `_mm512_scalef_ps(j, n)` for an integral `n`: `j * 2^n` rounded once (also when subnormal).
#[inline(always)]
fn scalef(j: f32, n: f32) -> f32 {
    let n = n as i32;
    if (-125..=126).contains(&n) {
        // j is within [0.7, 1.5), so the product is a normal f32 and exact.
        j * f32::from_bits(((n + 127) as u32) << 23)
    } else {
        (j as f64 * 2f64.powi(n)) as f32
    }
}

/// `_mm512_reduce_add_ps` as GCC defines it: halves of 8, then 4, then pairs (0+2, 1+3), then the two.
#[inline(always)]
pub fn reduce_add_16(v: &[f32; LANES]) -> f32 {
    let mut t8 = [0f32; 8];
    for i in 0..8 {
        t8[i] = v[i + 8] + v[i];
    }
    let mut t4 = [0f32; 4];
    for i in 0..4 {
        t4[i] = t8[i + 4] + t8[i];
    }
    let a = t4[0] + t4[2];
    let b = t4[1] + t4[3];
    a + b
}

/// RMSNorm times its weight, one row: `y = x * (1/sqrt(mean(x²) + eps)) * w`.
pub fn rms_norm_mul(x: &[f32], w: &[f32], eps: f32, y: &mut [f32]) {
    let mut sum = 0f64;
    for &v in x {
        sum += (v * v) as f64;
    }
    let mean = (sum / x.len() as f64) as f32;
    let scale = 1.0f32 / (mean + eps).sqrt();
    for ((y, &x), &w) in y.iter_mut().zip(x).zip(w) {
        *y = x * scale * w;
    }
}

/// One position's RoPE table as ggml builds it: `[cos θ0, sin θ0, cos θ1, sin θ1, ..]` for
/// `n_dims/2` frequencies, θ starting at the position and multiplied by `powf(base, -2/n_dims)`.
pub fn rope_cache(pos: usize, n_dims: usize, freq_base: f32, cache: &mut Vec<f32>) {
    let theta_scale = freq_base.powf(-2.0f32 / n_dims as f32);
    cache.clear();
    let mut theta = pos as f32;
    for _ in 0..n_dims / 2 {
        cache.push(theta.cos());
        cache.push(theta.sin());
        theta *= theta_scale;
    }
}

/// RoPE on one head, in place, NORMAL mode (llama: pairs `(2i, 2i+1)`), with the fused
/// multiply-adds of ggml's compiled code (see the module header). Dimensions past the table are left as they are.
pub fn rope_norm(x: &mut [f32], cache: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    if has_fma() {
        // SAFETY: the CPU has FMA and AVX2 (checked at run time).
        return unsafe { fma::rope_norm(x, cache) };
    }
    rope_norm_impl(x, cache)
}

#[inline(always)]
fn rope_norm_impl(x: &mut [f32], cache: &[f32]) {
    for (pair, cs) in x.chunks_exact_mut(2).zip(cache.chunks_exact(2)) {
        let (c, s) = (cs[0], cs[1]);
        let (x0, x1) = (pair[0], pair[1]);
        pair[0] = x0.mul_add(c, -(x1 * s));
        pair[1] = x0.mul_add(s, x1 * c);
    }
}

/// RoPE on one head, in place, NEOX mode (pairs `(i, i + n_dims/2)`), in the order of ggml's
/// scalar loop: `x0' = fma(x0, cos, -(x1*sin))`, `x1' = fma(x0, sin, x1*cos)`.
pub fn rope_neox(x: &mut [f32], cache: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    if has_fma() {
        // SAFETY: the CPU has FMA and AVX2 (checked at run time).
        return unsafe { fma::rope_neox(x, cache) };
    }
    rope_neox_impl(x, cache)
}

#[inline(always)]
fn rope_neox_impl(x: &mut [f32], cache: &[f32]) {
    let half = cache.len() / 2;
    for i in 0..half {
        let (c, s) = (cache[2 * i], cache[2 * i + 1]);
        let (x0, x1) = (x[i], x[i + half]);
        x[i] = x0.mul_add(c, -(x1 * s));
        x[i + half] = x0.mul_add(s, x1 * c);
    }
}

/// Softmax of `x[..n]` times `scale`, in place; the entries past `n` (masked in ggml, whose
/// row runs over the padded KV length) count as exp(-inf) = 0 and are not touched.
pub fn soft_max(x: &mut [f32], scale: f32) {
    #[cfg(target_arch = "x86_64")]
    if has_fma() {
        // SAFETY: the CPU has FMA and AVX2 (checked at run time).
        return unsafe { fma::soft_max(x, scale) };
    }
    soft_max_impl(x, scale)
}

#[inline(always)]
fn soft_max_impl(x: &mut [f32], scale: f32) {
    for v in x.iter_mut() {
        *v *= scale;
    }
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0f64;
    for chunk in x.chunks_mut(LANES) {
        let mut lanes = [0f32; LANES];
        for (l, v) in lanes.iter_mut().zip(chunk.iter_mut()) {
            *v = expf(*v - max);
            *l = *v;
        }
        sum += reduce_add_16(&lanes) as f64;
    }
    let inv = (1.0 / sum) as f32;
    for v in x.iter_mut() {
        *v *= inv;
    }
}

/// `y = silu(g) * u`, SwiGLU with ggml's exp.
pub fn swiglu(g: &[f32], u: &[f32], y: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if has_fma() {
        // SAFETY: the CPU has FMA and AVX2 (checked at run time).
        return unsafe { fma::swiglu(g, u, y) };
    }
    swiglu_impl(g, u, y)
}

#[inline(always)]
fn swiglu_impl(g: &[f32], u: &[f32], y: &mut [f32]) {
    for ((y, &g), &u) in y.iter_mut().zip(g).zip(u) {
        *y = g / (1.0 + expf(0.0 - g)) * u;
    }
}

/// The f32 value of `x` rounded to f16 (round to nearest even), as ggml stores the KV cache
/// and converts the f32 operand of a product with an f16 matrix.
#[inline(always)]
pub fn round_f16(x: f32) -> f32 {
    f16::from_f32(x).to_f32()
}

/// Round a row to f16 values in place.
pub fn round_f16_row(x: &mut [f32]) {
    for v in x.iter_mut() {
        *v = round_f16(*v);
    }
}

/// Whether the FMA builds of the loops above can run. `f32::mul_add` is exact either way; with
/// FMA it is one instruction instead of a libm call (and AVX2 lets the loops vectorise).
#[cfg(target_arch = "x86_64")]
fn has_fma() -> bool {
    std::is_x86_feature_detected!("fma") && std::is_x86_feature_detected!("avx2")
}

/// The loops compiled with FMA and AVX2 enabled: the same operations, so the same bits.
#[cfg(target_arch = "x86_64")]
mod fma {
    #[target_feature(enable = "fma,avx2")]
    pub unsafe fn rope_norm(x: &mut [f32], cache: &[f32]) {
        super::rope_norm_impl(x, cache)
    }

    #[target_feature(enable = "fma,avx2")]
    pub unsafe fn rope_neox(x: &mut [f32], cache: &[f32]) {
        super::rope_neox_impl(x, cache)
    }

    #[target_feature(enable = "fma,avx2")]
    pub unsafe fn soft_max(x: &mut [f32], scale: f32) {
        super::soft_max_impl(x, scale)
    }

    #[target_feature(enable = "fma,avx2")]
    pub unsafe fn swiglu(g: &[f32], u: &[f32], y: &mut [f32]) {
        super::swiglu_impl(g, u, y)
    }

    #[allow(clippy::too_many_arguments)]
    #[target_feature(enable = "fma,avx2")]
    pub unsafe fn attend_head(
        how: super::F16Dot,
        q16: &[f32],
        k: &[f32],
        v: &[f32],
        n_kv: usize,
        stride: usize,
        offset: usize,
        scale: f32,
        scores: &mut Vec<f32>,
        acc: &mut Vec<f32>,
        out: &mut [f32],
    ) {
        super::attend_head_impl(
            how, q16, k, v, n_kv, stride, offset, scale, scores, acc, out,
        )
    }
}

/// How ggml runs a product of two f16 matrices, which decides the order of the additions.
/// `Batch` is llamafile's tinyBLAS, which ggml uses only when the right operand has two or
/// more columns (prompt processing): 16 f32 lanes, lane `l` summing the products at
/// `l, l + 16, ..` in order, then `reduce_add_16`. `Single` is `ggml_vec_dot_f16` (one token
/// at a time): four 16-lane accumulators over steps of 64 (lane `l` of accumulator `j` sums the
/// products at `64i + 16j + l`), folded as `(a0 + a2) + (a1 + a3)`, then `reduce_add_16`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum F16Dot {
    Batch,
    Single,
}

impl F16Dot {
    /// How many running sums the products are spread over (by index modulo this).
    #[inline(always)]
    pub fn lanes(self) -> usize {
        match self {
            F16Dot::Batch => LANES,
            F16Dot::Single => 4 * LANES,
        }
    }

    /// The final sum of the running sums `acc[l * stride]` for `l < self.lanes()`.
    #[inline(always)]
    pub fn reduce(self, acc: &[f32], stride: usize) -> f32 {
        let mut v = [0f32; LANES];
        match self {
            F16Dot::Batch => {
                for (l, v) in v.iter_mut().enumerate() {
                    *v = acc[l * stride];
                }
            }
            F16Dot::Single => {
                for (l, v) in v.iter_mut().enumerate() {
                    let a = |j: usize| acc[(j * LANES + l) * stride];
                    *v = (a(0) + a(2)) + (a(1) + a(3));
                }
            }
        }
        reduce_add_16(&v)
    }

    /// The dot product of two rows of f16 values (given as f32); past the end counts as zero.
    #[inline(always)]
    pub fn dot(self, a: &[f32], b: &[f32]) -> f32 {
        let mut acc = [0f32; 4 * LANES];
        let n = self.lanes();
        for (ca, cb) in a.chunks(n).zip(b.chunks(n)) {
            for ((l, &x), &y) in acc.iter_mut().zip(ca).zip(cb) {
                *l += x * y;
            }
        }
        self.reduce(&acc, 1)
    }
}

/// One query head's attention over an f16 KV cache, as llama.cpp computes it without flash
/// attention: scores `q16 · k16`, `soft_max(scores * scale)`, weights rounded to f16, then
/// `Σ_t w16[t] v16[t]`, both products summed in the order of `how`. `q16` is the roped query
/// already rounded to f16 (`round_f16_row`); `k` and `v` hold `n_kv` rows of f16 values, row
/// `t` at `t * stride + offset`. `scores` and `acc` are scratch.
#[allow(clippy::too_many_arguments)]
pub fn attend_head(
    how: F16Dot,
    q16: &[f32],
    k: &[f32],
    v: &[f32],
    n_kv: usize,
    stride: usize,
    offset: usize,
    scale: f32,
    scores: &mut Vec<f32>,
    acc: &mut Vec<f32>,
    out: &mut [f32],
) {
    #[cfg(target_arch = "x86_64")]
    if has_fma() {
        // SAFETY: the CPU has FMA and AVX2 (checked at run time).
        return unsafe {
            fma::attend_head(
                how, q16, k, v, n_kv, stride, offset, scale, scores, acc, out,
            )
        };
    }
    attend_head_impl(
        how, q16, k, v, n_kv, stride, offset, scale, scores, acc, out,
    )
}

#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn attend_head_impl(
    how: F16Dot,
    q16: &[f32],
    k: &[f32],
    v: &[f32],
    n_kv: usize,
    stride: usize,
    offset: usize,
    scale: f32,
    scores: &mut Vec<f32>,
    acc: &mut Vec<f32>,
    out: &mut [f32],
) {
    let d = q16.len();
    scores.clear();
    for t in 0..n_kv {
        let row = &k[t * stride + offset..t * stride + offset + d];
        scores.push(how.dot(row, q16));
    }
    soft_max_impl(scores, scale);
    // acc[l * d + i]: running sum l of output i, over the positions t ≡ l (mod lanes) in order.
    let lanes = how.lanes();
    acc.clear();
    acc.resize(lanes * d, 0.0);
    for (t, &w) in scores.iter().enumerate() {
        let w = round_f16(w);
        let row = &v[t * stride + offset..t * stride + offset + d];
        let l = t % lanes;
        for (a, &x) in acc[l * d..(l + 1) * d].iter_mut().zip(row) {
            *a += w * x;
        }
    }
    for (i, o) in out.iter_mut().enumerate() {
        *o = how.reduce(&acc[i..], d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_the_hex_literals() {
        assert_eq!(hexf(0x800000, 23), 12582912.0);
        assert!((hexf(0x715476, 0) - std::f32::consts::LOG2_E).abs() < 1e-6);
        assert!((hexf(0x62e400, -1) - std::f32::consts::LN_2).abs() < 1e-4);
    }

    #[test]
    fn expf_is_close_to_exp_and_saturates() {
        // The normal range; below about -87 the result is subnormal and has fewer bits.
        for i in -1700..1700 {
            let x = i as f32 * 0.05;
            let want = (x as f64).exp();
            let got = expf(x) as f64;
            assert!(((got - want) / want).abs() < 3e-7, "{x}: {got} vs {want}");
        }
        assert_eq!(expf(f32::NEG_INFINITY), 0.0);
        assert_eq!(expf(-200.0), 0.0);
        assert_eq!(expf(200.0), f32::INFINITY);
    }

    /// The FMA builds give the plain builds' bits.
    #[test]
    fn fma_builds_are_bit_identical() {
        let g: Vec<f32> = (0..1537)
            .map(|i| ((i as f32) * 0.731).sin() * 12.0)
            .collect();
        let u: Vec<f32> = (0..1537)
            .map(|i| ((i as f32) * 0.377).cos() * 3.0)
            .collect();
        let (mut a, mut b) = (vec![0f32; g.len()], vec![0f32; g.len()]);
        swiglu(&g, &u, &mut a);
        swiglu_impl(&g, &u, &mut b);
        assert_eq!(a, b);
        let (mut a, mut b) = (g.clone(), g.clone());
        soft_max(&mut a, 0.125);
        soft_max_impl(&mut b, 0.125);
        assert_eq!(a, b);
        let mut cache = vec![];
        rope_cache(37, 64, 100000.0, &mut cache);
        let (mut a, mut b) = (g[..64].to_vec(), g[..64].to_vec());
        rope_norm(&mut a, &cache);
        rope_norm_impl(&mut b, &cache);
        assert_eq!(a, b);
        let (mut a, mut b) = (g[..64].to_vec(), g[..64].to_vec());
        rope_neox(&mut a, &cache);
        rope_neox_impl(&mut b, &cache);
        assert_eq!(a, b);
    }

    /// The attention's FMA build gives the plain build's bits, for both summation orders.
    #[test]
    fn attention_fma_build_is_bit_identical() {
        let (d, stride) = (64, 192);
        let f = |i: usize, a: f32| round_f16(((i as f32) * a).sin());
        for (n_kv, qs) in [(77, 4.0), (150, 4.0), (300, 16.0), (500, 40.0)] {
            let k: Vec<f32> = (0..n_kv * stride).map(|i| f(i, 0.37)).collect();
            let v: Vec<f32> = (0..n_kv * stride).map(|i| f(i, 0.91)).collect();
            let q: Vec<f32> = (0..d).map(|i| f(i, 1.3) * qs).collect();
            for how in [F16Dot::Batch, F16Dot::Single] {
                let (mut a, mut b) = (vec![0f32; d], vec![0f32; d]);
                let (mut s, mut acc) = (vec![], vec![]);
                attend_head(
                    how, &q, &k, &v, n_kv, stride, 64, 0.125, &mut s, &mut acc, &mut a,
                );
                attend_head_impl(
                    how, &q, &k, &v, n_kv, stride, 64, 0.125, &mut s, &mut acc, &mut b,
                );
                assert_eq!(a, b, "{how:?} n_kv {n_kv}");
                assert!(a.iter().all(|x| x.is_finite()));
            }
        }
    }

    #[test]
    fn softmax_sums_to_one() {
        let mut x: Vec<f32> = (0..37).map(|i| (i as f32 * 0.37).sin() * 4.0).collect();
        soft_max(&mut x, 0.125);
        let s: f32 = x.iter().sum();
        assert!((s - 1.0).abs() < 1e-5);
    }

    #[test]
    fn rope_at_position_zero_is_identity() {
        let mut cache = vec![];
        rope_cache(0, 8, 10000.0, &mut cache);
        let mut x = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        rope_norm(&mut x, &cache);
        assert_eq!(x, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
    }
}
