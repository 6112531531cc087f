//! Quantized dot products and matrix products for GGUF linear layers, with ggml's arithmetic.
//! Input: weight rows in GGUF block formats (Q4_1, Q8_0) and f32 activations. Output: f32
//! products, which `crate::qmatmul` wraps as a candle op for the model families.
//!
//! The activations are quantized per 32-value block as ggml's CPU backend does (Q8_1 for Q4_1
//! weights, Q8_0 for Q8_0 weights: scale `amax / 127`, values rounded half to even), and
//! each dot product accumulates as ggml's x86 kernels do: the 32 products of a block are
//! summed in integers in eight lanes of four, each lane is scaled by `d_w * d_x` and added
//! into an eight-lane f32 accumulator with a fused multiply-add, and the lanes are summed in
//! ggml's `hsum_float_8` order at the end. So the SIMD paths (AVX-512 VNNI on 256-bit
//! registers, or AVX2) and the scalar path give the same bits, and the same bits as
//! llama.cpp's CPU kernels, which keeps greedy runs on llama.cpp's path at near ties.
//!
//! Features are detected at run time; AMX is never used (it traps on some machines that
//! list it). Prompt processing (several activation rows) multiplies each weight row, kept
//! in cache, with every activation row: the weights are never dequantized.
#![allow(clippy::needless_range_loop)]

use half::f16;

/// Values per quantization block in every format here.
pub const QK: usize = 32;

/// GGUF Q4_1: `x = d * q + m`, q in 0..16, low nibbles are values 0..16, high ones 16..32.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BlockQ4_1 {
    pub d: f16,
    pub m: f16,
    pub qs: [u8; QK / 2],
}

/// GGUF Q8_0: `x = d * q`, q in -127..=127.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BlockQ8_0 {
    pub d: f16,
    pub qs: [i8; QK],
}

/// ggml's Q8_1 (activations only): Q8_0 plus `s = d * sum(q)`, which carries Q4_1's offset.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BlockQ8_1 {
    pub d: f16,
    pub s: f16,
    pub qs: [i8; QK],
}

/// Four Q4_1 weight rows' blocks at one block index, interleaved (as ggml's repacked
/// formats): the rows' `d` and `m` as `[d0, m0, d1, m1, ..]` so that one instruction converts
/// them all, then each row's 16 nibble bytes. The same numbers as four `BlockQ4_1`s.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlockQ4_1x4 {
    pub dm: [f16; 8],
    pub qs: [u8; 64],
}

impl Default for BlockQ4_1x4 {
    fn default() -> Self {
        Self {
            dm: [f16::ZERO; 8],
            qs: [0; 64],
        }
    }
}

/// Four Q8_0 weight rows' blocks at one block index: the rows' `d`, then each row's 32 values.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlockQ8_0x4 {
    pub d: [f16; 4],
    pub qs: [i8; 128],
}

impl Default for BlockQ8_0x4 {
    fn default() -> Self {
        Self {
            d: [f16::ZERO; 4],
            qs: [0; 128],
        }
    }
}

const _: () = assert!(std::mem::size_of::<BlockQ4_1x4>() == 80);
const _: () = assert!(std::mem::size_of::<BlockQ8_0x4>() == 136);
const _: () = assert!(std::mem::size_of::<BlockQ4_1>() == 20);
const _: () = assert!(std::mem::size_of::<BlockQ8_0>() == 34);
const _: () = assert!(std::mem::size_of::<BlockQ8_1>() == 36);

/// Block types whose bytes are their GGUF layout (no padding, any bit pattern valid).
///
/// # Safety
/// Implementors must be `repr(C)` plain data with no padding.
pub unsafe trait Block: Copy + Default + Send + Sync + 'static {}
unsafe impl Block for BlockQ4_1 {}
unsafe impl Block for BlockQ8_0 {}
unsafe impl Block for BlockQ8_1 {}
unsafe impl Block for BlockQ4_1x4 {}
unsafe impl Block for BlockQ8_0x4 {}

/// Blocks from raw GGUF bytes (copied into aligned storage). None if the length is not a
/// whole number of blocks.
pub fn blocks_from_bytes<B: Block>(bytes: &[u8]) -> Option<Vec<B>> {
    let size = std::mem::size_of::<B>();
    if !bytes.len().is_multiple_of(size) {
        return None;
    }
    let n = bytes.len() / size;
    let mut v = vec![B::default(); n];
    // SAFETY: `B` is padding-free plain data (the `Block` contract) and `v` holds exactly
    // `bytes.len()` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), v.as_mut_ptr() as *mut u8, bytes.len());
    }
    Some(v)
}

/// ggml's `quantize_row_q8_1` (its x86 path): per block `d = amax / 127`, `q = round(x * 127 /
/// amax)` half to even, `s = d * sum(q)` (with the unrounded `d`).
pub fn quantize_q8_1(x: &[f32], y: &mut [BlockQ8_1]) {
    #[cfg(target_arch = "x86_64")]
    if isa() != Isa::Scalar {
        // SAFETY: the CPU has AVX2, FMA and F16C (`isa`).
        return unsafe { x86::quantize_q8_1(x, y) };
    }
    quantize_q8_1_impl(x, y)
}

/// ggml's `quantize_row_q8_0` (its x86 path), as [`quantize_q8_1`] without the sum.
pub fn quantize_q8_0(x: &[f32], y: &mut [BlockQ8_0]) {
    #[cfg(target_arch = "x86_64")]
    if isa() != Isa::Scalar {
        // SAFETY: as in `quantize_q8_1`.
        return unsafe { x86::quantize_q8_0(x, y) };
    }
    quantize_q8_0_impl(x, y)
}

// Inlined into the x86 instantiations, where rounding is one instruction (not a libm call).
#[inline(always)]
fn quantize_q8_1_impl(x: &[f32], y: &mut [BlockQ8_1]) {
    debug_assert_eq!(x.len(), y.len() * QK);
    for (xb, yb) in x.chunks_exact(QK).zip(y.iter_mut()) {
        let (d, id) = block_scale(xb);
        let mut sum = 0i32;
        for (q, &v) in yb.qs.iter_mut().zip(xb) {
            let r = (v * id).round_ties_even() as i32;
            *q = r as i8;
            sum += r;
        }
        yb.d = f16::from_f32(d);
        yb.s = f16::from_f32(d * sum as f32);
    }
}

#[inline(always)]
fn quantize_q8_0_impl(x: &[f32], y: &mut [BlockQ8_0]) {
    debug_assert_eq!(x.len(), y.len() * QK);
    for (xb, yb) in x.chunks_exact(QK).zip(y.iter_mut()) {
        let (d, id) = block_scale(xb);
        for (q, &v) in yb.qs.iter_mut().zip(xb) {
            *q = (v * id).round_ties_even() as i32 as i8;
        }
        yb.d = f16::from_f32(d);
    }
}

#[inline(always)]
fn block_scale(xb: &[f32]) -> (f32, f32) {
    let amax = xb.iter().fold(0f32, |a, v| a.max(v.abs()));
    let d = amax / 127.0;
    let id = if amax != 0.0 { 127.0 / amax } else { 0.0 };
    (d, id)
}

/// ggml's `hsum_float_8`: (a0+a4, a1+a5, a2+a6, a3+a7), then (r0+r2) + (r1+r3).
#[inline]
fn hsum8(a: &[f32; 8]) -> f32 {
    let r = [a[0] + a[4], a[1] + a[5], a[2] + a[6], a[3] + a[7]];
    (r[0] + r[2]) + (r[1] + r[3])
}

/// Q4_1 weights · Q8_1 activations, scalar (the reference the SIMD paths must equal).
pub fn dot_q4_1_q8_1_scalar(x: &[BlockQ4_1], y: &[BlockQ8_1]) -> f32 {
    let mut acc = [0f32; 8];
    let mut summs = 0f32;
    for (xb, yb) in x.iter().zip(y) {
        let d = xb.d.to_f32() * yb.d.to_f32();
        summs = xb.m.to_f32().mul_add(yb.s.to_f32(), summs);
        for lane in 0..8 {
            let mut p = 0i32;
            for e in 4 * lane..4 * lane + 4 {
                let q = if e < QK / 2 {
                    xb.qs[e] & 0x0F
                } else {
                    xb.qs[e - QK / 2] >> 4
                };
                p += q as i32 * yb.qs[e] as i32;
            }
            acc[lane] = d.mul_add(p as f32, acc[lane]);
        }
    }
    hsum8(&acc) + summs
}

/// Q8_0 weights · Q8_0 activations, scalar (the reference the SIMD paths must equal).
pub fn dot_q8_0_q8_0_scalar(x: &[BlockQ8_0], y: &[BlockQ8_0]) -> f32 {
    let mut acc = [0f32; 8];
    for (xb, yb) in x.iter().zip(y) {
        let d = xb.d.to_f32() * yb.d.to_f32();
        for lane in 0..8 {
            let mut p = 0i32;
            for e in 4 * lane..4 * lane + 4 {
                p += xb.qs[e] as i32 * yb.qs[e] as i32;
            }
            acc[lane] = d.mul_add(p as f32, acc[lane]);
        }
    }
    hsum8(&acc)
}

/// Which instruction set the dot products run on (chosen once per process).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isa {
    /// AVX-512 VNNI on 256-bit registers (`vpdpbusd`), as ggml built with AVX512_VNNI.
    Avx512Vnni,
    /// AVX2 + FMA (`vpmaddubsw` / `vpmaddwd`).
    Avx2,
    Scalar,
}

/// The best instruction set this CPU runs (no AMX, ever).
pub fn isa() -> Isa {
    static ISA: std::sync::OnceLock<Isa> = std::sync::OnceLock::new();
    *ISA.get_or_init(|| {
        #[cfg(target_arch = "x86_64")]
        {
            let avx2 = std::is_x86_feature_detected!("avx2")
                && std::is_x86_feature_detected!("fma")
                && std::is_x86_feature_detected!("f16c");
            if avx2
                && std::is_x86_feature_detected!("avx512f")
                && std::is_x86_feature_detected!("avx512vl")
                && std::is_x86_feature_detected!("avx512vnni")
            {
                return Isa::Avx512Vnni;
            }
            if avx2 {
                return Isa::Avx2;
            }
        }
        Isa::Scalar
    })
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::*;
    use std::arch::x86_64::*;

    #[inline(always)]
    unsafe fn fp16(h: f16) -> f32 {
        _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtsi32_si128(h.to_bits() as i32)))
    }

    #[inline(always)]
    unsafe fn hsum_float_8(x: __m256) -> f32 {
        let mut r = _mm_add_ps(_mm256_extractf128_ps(x, 1), _mm256_castps256_ps128(x));
        r = _mm_add_ps(r, _mm_movehl_ps(r, r));
        r = _mm_add_ss(r, _mm_movehdup_ps(r));
        _mm_cvtss_f32(r)
    }

    /// Sums of four adjacent u8·i8 products, as f32 lanes (exact: the sums fit in i16 pairs).
    #[inline(always)]
    unsafe fn mul_sum_us8<const VNNI: bool>(ax: __m256i, sy: __m256i) -> __m256 {
        if VNNI {
            _mm256_cvtepi32_ps(_mm256_dpbusd_epi32(_mm256_setzero_si256(), ax, sy))
        } else {
            let dot = _mm256_maddubs_epi16(ax, sy);
            _mm256_cvtepi32_ps(_mm256_madd_epi16(dot, _mm256_set1_epi16(1)))
        }
    }

    #[inline(always)]
    unsafe fn nibbles(qs: &[u8; 16]) -> __m256i {
        let tmp = _mm_loadu_si128(qs.as_ptr() as *const __m128i);
        let both = _mm256_set_m128i(_mm_srli_epi16(tmp, 4), tmp);
        _mm256_and_si256(both, _mm256_set1_epi8(0x0F))
    }

    /// `R` weight rows (each `y.len()` blocks, `R` rows apart by `kb` blocks from `w`) against
    /// one activation row. Each row keeps its own accumulator in ggml's order, so a row's
    /// result does not depend on `R`; several rows at once hide the FMA chain's latency and
    /// load each activation block once.
    #[inline(always)]
    unsafe fn dot_q4_1<const VNNI: bool, const R: usize>(
        w: *const BlockQ4_1,
        kb: usize,
        y: &[BlockQ8_1],
    ) -> [f32; R] {
        let mut acc = [_mm256_setzero_ps(); R];
        let mut summs = [0f32; R];
        for (b, yb) in y.iter().enumerate() {
            let dy = fp16(yb.d);
            let sy = fp16(yb.s);
            let qy = _mm256_loadu_si256(yb.qs.as_ptr() as *const __m256i);
            for r in 0..R {
                let xb = &*w.add(r * kb + b);
                let d = fp16(xb.d) * dy;
                summs[r] = fp16(xb.m).mul_add(sy, summs[r]);
                let p = mul_sum_us8::<VNNI>(nibbles(&xb.qs), qy);
                acc[r] = _mm256_fmadd_ps(_mm256_set1_ps(d), p, acc[r]);
            }
        }
        std::array::from_fn(|r| hsum_float_8(acc[r]) + summs[r])
    }

    #[inline(always)]
    unsafe fn dot_q8_0<const VNNI: bool, const R: usize>(
        w: *const BlockQ8_0,
        kb: usize,
        y: &[BlockQ8_0],
    ) -> [f32; R] {
        let mut acc = [_mm256_setzero_ps(); R];
        for (b, yb) in y.iter().enumerate() {
            let dy = fp16(yb.d);
            let qy = _mm256_loadu_si256(yb.qs.as_ptr() as *const __m256i);
            for r in 0..R {
                let xb = &*w.add(r * kb + b);
                let d = fp16(xb.d) * dy;
                let qx = _mm256_loadu_si256(xb.qs.as_ptr() as *const __m256i);
                // |x| · (y with x's sign): u8·i8 products equal to x·y.
                let ax = _mm256_sign_epi8(qx, qx);
                let sy = _mm256_sign_epi8(qy, qx);
                acc[r] = _mm256_fmadd_ps(_mm256_set1_ps(d), mul_sum_us8::<VNNI>(ax, sy), acc[r]);
            }
        }
        std::array::from_fn(|r| hsum_float_8(acc[r]))
    }

    /// Weight rows `w` (`nrows` of `kb` blocks) against every activation row:
    /// `out[r * n + j] = w_j · act_r`, four weight rows at a time.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    unsafe fn rows_impl<W, A, const VNNI: bool>(
        dot4: unsafe fn(*const W, usize, &[A]) -> [f32; 4],
        dot1: unsafe fn(*const W, usize, &[A]) -> [f32; 1],
        w: &[W],
        nrows: usize,
        act: &[A],
        kb: usize,
        out: *mut f32,
        n: usize,
    ) {
        debug_assert_eq!(w.len(), nrows * kb);
        let mut j = 0;
        while j + 4 <= nrows {
            for (r, a) in act.chunks_exact(kb).enumerate() {
                let v = dot4(w.as_ptr().add(j * kb), kb, a);
                std::ptr::copy_nonoverlapping(v.as_ptr(), out.add(r * n + j), 4);
            }
            j += 4;
        }
        while j < nrows {
            for (r, a) in act.chunks_exact(kb).enumerate() {
                *out.add(r * n + j) = dot1(w.as_ptr().add(j * kb), kb, a)[0];
            }
            j += 1;
        }
    }

    macro_rules! row_kernels {
        ($name:ident, $dot:ident, $w:ty, $a:ty) => {
            pub mod $name {
                use super::*;
                #[target_feature(enable = "avx2,fma,f16c,avx512f,avx512vl,avx512vnni")]
                pub unsafe fn vnni(
                    w: &[$w],
                    nrows: usize,
                    act: &[$a],
                    kb: usize,
                    out: *mut f32,
                    n: usize,
                ) {
                    #[target_feature(enable = "avx2,fma,f16c,avx512f,avx512vl,avx512vnni")]
                    unsafe fn d4(w: *const $w, kb: usize, y: &[$a]) -> [f32; 4] {
                        $dot::<true, 4>(w, kb, y)
                    }
                    #[target_feature(enable = "avx2,fma,f16c,avx512f,avx512vl,avx512vnni")]
                    unsafe fn d1(w: *const $w, kb: usize, y: &[$a]) -> [f32; 1] {
                        $dot::<true, 1>(w, kb, y)
                    }
                    rows_impl::<$w, $a, true>(d4, d1, w, nrows, act, kb, out, n)
                }
                #[target_feature(enable = "avx2,fma,f16c")]
                pub unsafe fn avx2(
                    w: &[$w],
                    nrows: usize,
                    act: &[$a],
                    kb: usize,
                    out: *mut f32,
                    n: usize,
                ) {
                    #[target_feature(enable = "avx2,fma,f16c")]
                    unsafe fn d4(w: *const $w, kb: usize, y: &[$a]) -> [f32; 4] {
                        $dot::<false, 4>(w, kb, y)
                    }
                    #[target_feature(enable = "avx2,fma,f16c")]
                    unsafe fn d1(w: *const $w, kb: usize, y: &[$a]) -> [f32; 1] {
                        $dot::<false, 1>(w, kb, y)
                    }
                    rows_impl::<$w, $a, false>(d4, d1, w, nrows, act, kb, out, n)
                }
            }
        };
    }
    row_kernels!(q4_1, dot_q4_1, BlockQ4_1, BlockQ8_1);

    /// Row `r`'s eight accumulator lanes from a four-row accumulator split in two halves
    /// (`lo` holds lanes 0..4 of rows 0..4, `hi` lanes 4..8), summed in ggml's order.
    #[inline(always)]
    unsafe fn hsum_row_of_halves(lo: __m512, hi: __m512, r: usize) -> f32 {
        let mut l = [0f32; 16];
        let mut h = [0f32; 16];
        _mm512_storeu_ps(l.as_mut_ptr(), lo);
        _mm512_storeu_ps(h.as_mut_ptr(), hi);
        let mut row = [0f32; 8];
        row[..4].copy_from_slice(&l[4 * r..4 * r + 4]);
        row[4..].copy_from_slice(&h[4 * r..4 * r + 4]);
        hsum_float_8(_mm256_loadu_ps(row.as_ptr()))
    }

    /// Asks for the weights 2 KiB past `b` (the groups are contiguous, so this runs into the
    /// next group too): the weights stream from L3 or memory once per token, and the hardware
    /// prefetcher alone left the loads waiting.
    #[inline(always)]
    unsafe fn prefetch_ahead<B>(b: &B) {
        let p = (b as *const B as *const i8).wrapping_add(2048);
        _mm_prefetch::<_MM_HINT_T0>(p);
    }

    /// Four interleaved Q4_1 rows (`kb` blocks of `w`) against one activation row, on 512-bit
    /// registers: the same per-row operations, in the same order, as `dot_q4_1` (each lane
    /// of a row's accumulator sees the same multiply-adds), so the same bits.
    #[target_feature(enable = "avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni")]
    pub unsafe fn dot4_q4_1x4(w: &[BlockQ4_1x4], y: &[BlockQ8_1]) -> [f32; 4] {
        debug_assert_eq!(w.len(), y.len());
        let mut acc_lo = _mm512_setzero_ps();
        let mut acc_hi = _mm512_setzero_ps();
        // Odd lanes: each row's `sum m * s`, as `dot_q4_1`'s scalar `summs`.
        let mut summs = _mm256_setzero_ps();
        // The scale of row r (lane 2r of `d * dy`) spread over that row's four lanes.
        let spread = _mm512_set_epi32(6, 6, 6, 6, 4, 4, 4, 4, 2, 2, 2, 2, 0, 0, 0, 0);
        let mask = _mm512_set1_epi8(0x0F);
        for (wb, yb) in w.iter().zip(y) {
            prefetch_ahead(wb);
            let dy = _mm256_set1_ps(fp16(yb.d));
            let sy = _mm256_set1_ps(fp16(yb.s));
            let ylo = _mm512_broadcast_i32x4(_mm_loadu_si128(yb.qs.as_ptr() as *const __m128i));
            let yhi =
                _mm512_broadcast_i32x4(_mm_loadu_si128(yb.qs.as_ptr().add(16) as *const __m128i));
            let dm = _mm256_cvtph_ps(_mm_loadu_si128(wb.dm.as_ptr() as *const __m128i));
            let d = _mm256_mul_ps(dm, dy);
            summs = _mm256_fmadd_ps(dm, sy, summs);
            let scale = _mm512_permutexvar_ps(spread, _mm512_castps256_ps512(d));
            let q = _mm512_loadu_si512(wb.qs.as_ptr() as *const _);
            let lo = _mm512_and_si512(q, mask);
            let hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), mask);
            let plo = _mm512_cvtepi32_ps(_mm512_dpbusd_epi32(_mm512_setzero_si512(), lo, ylo));
            let phi = _mm512_cvtepi32_ps(_mm512_dpbusd_epi32(_mm512_setzero_si512(), hi, yhi));
            acc_lo = _mm512_fmadd_ps(scale, plo, acc_lo);
            acc_hi = _mm512_fmadd_ps(scale, phi, acc_hi);
        }
        let mut sm = [0f32; 8];
        _mm256_storeu_ps(sm.as_mut_ptr(), summs);
        std::array::from_fn(|r| hsum_row_of_halves(acc_lo, acc_hi, r) + sm[2 * r + 1])
    }

    /// Four interleaved Q8_0 rows against one activation row, on 512-bit registers, with
    /// `dot_q8_0`'s per-row operations and order (so its bits). AVX-512 has no `vpsignb`:
    /// |x| is `vpabsb` and y takes x's sign by a masked negation (where x is 0, |x| is 0
    /// and y's sign does not matter).
    #[target_feature(enable = "avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni")]
    pub unsafe fn dot4_q8_0x4(w: &[BlockQ8_0x4], y: &[BlockQ8_0]) -> [f32; 4] {
        debug_assert_eq!(w.len(), y.len());
        // Rows 0 and 1 (256 bits each), rows 2 and 3.
        let mut acc01 = _mm512_setzero_ps();
        let mut acc23 = _mm512_setzero_ps();
        let s01 = _mm512_set_epi32(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        let s23 = _mm512_set_epi32(3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2);
        let zero = _mm512_setzero_si512();
        for (wb, yb) in w.iter().zip(y) {
            prefetch_ahead(wb);
            let dy = _mm_set1_ps(fp16(yb.d));
            let qy = _mm512_broadcast_i64x4(_mm256_loadu_si256(yb.qs.as_ptr() as *const __m256i));
            let d = _mm_mul_ps(
                _mm_cvtph_ps(_mm_loadl_epi64(wb.d.as_ptr() as *const __m128i)),
                dy,
            );
            let d = _mm512_castps128_ps512(d);
            for (half, (acc, spread)) in [(&mut acc01, s01), (&mut acc23, s23)]
                .into_iter()
                .enumerate()
            {
                let qx = _mm512_loadu_si512(wb.qs.as_ptr().add(64 * half) as *const _);
                let ax = _mm512_abs_epi8(qx);
                let sy = _mm512_mask_sub_epi8(qy, _mm512_movepi8_mask(qx), zero, qy);
                let p = _mm512_cvtepi32_ps(_mm512_dpbusd_epi32(zero, ax, sy));
                *acc = _mm512_fmadd_ps(_mm512_permutexvar_ps(spread, d), p, *acc);
            }
        }
        [
            hsum_float_8(_mm512_castps512_ps256(acc01)),
            hsum_float_8(_mm256_castpd_ps(_mm512_extractf64x4_pd(
                _mm512_castps_pd(acc01),
                1,
            ))),
            hsum_float_8(_mm512_castps512_ps256(acc23)),
            hsum_float_8(_mm256_castpd_ps(_mm512_extractf64x4_pd(
                _mm512_castps_pd(acc23),
                1,
            ))),
        ]
    }

    #[target_feature(enable = "avx2,fma,f16c")]
    pub unsafe fn quantize_q8_1(x: &[f32], y: &mut [BlockQ8_1]) {
        quantize_q8_1_impl(x, y)
    }
    #[target_feature(enable = "avx2,fma,f16c")]
    pub unsafe fn quantize_q8_0(x: &[f32], y: &mut [BlockQ8_0]) {
        quantize_q8_0_impl(x, y)
    }
    row_kernels!(q8_0, dot_q8_0, BlockQ8_0, BlockQ8_0);
}

/// A weight format with its activation format and dot product.
pub trait QWeight: Block {
    type Act: Block;
    fn quantize(x: &[f32], y: &mut [Self::Act]);
    fn dot_scalar(w: &[Self], a: &[Self::Act]) -> f32;
    /// `out[r * n + j] = w_j · act_r` for the `nrows` weight rows `w` (`kb` blocks each) and
    /// every activation row r.
    ///
    /// # Safety
    /// `out` must be valid for writes at `r * n + j` for every r and every j < nrows.
    unsafe fn rows(
        isa: Isa,
        w: &[Self],
        nrows: usize,
        act: &[Self::Act],
        kb: usize,
        out: *mut f32,
        n: usize,
    );
}

macro_rules! qweight {
    ($w:ty, $a:ty, $quant:ident, $scalar:ident, $module:ident) => {
        impl QWeight for $w {
            type Act = $a;
            fn quantize(x: &[f32], y: &mut [$a]) {
                $quant(x, y)
            }
            fn dot_scalar(w: &[Self], a: &[$a]) -> f32 {
                $scalar(w, a)
            }
            unsafe fn rows(
                isa: Isa,
                w: &[Self],
                nrows: usize,
                act: &[$a],
                kb: usize,
                out: *mut f32,
                n: usize,
            ) {
                match isa {
                    #[cfg(target_arch = "x86_64")]
                    Isa::Avx512Vnni => x86::$module::vnni(w, nrows, act, kb, out, n),
                    #[cfg(target_arch = "x86_64")]
                    Isa::Avx2 => x86::$module::avx2(w, nrows, act, kb, out, n),
                    _ => {
                        for (j, wr) in w.chunks_exact(kb).enumerate() {
                            for (r, a) in act.chunks_exact(kb).enumerate() {
                                *out.add(r * n + j) = $scalar(wr, a);
                            }
                        }
                    }
                }
            }
        }
    };
}
qweight!(
    BlockQ4_1,
    BlockQ8_1,
    quantize_q8_1,
    dot_q4_1_q8_1_scalar,
    q4_1
);
qweight!(
    BlockQ8_0,
    BlockQ8_0,
    quantize_q8_0,
    dot_q8_0_q8_0_scalar,
    q8_0
);

/// Whether this CPU runs the four-row interleaved kernels (`BlockQ4_1x4`, `BlockQ8_0x4`):
/// AVX-512 F, BW, VL and VNNI, detected at run time. `INGOT_QPACK=0` turns them off (for
/// comparisons in benchmarks).
pub fn packed_available() -> bool {
    static P: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *P.get_or_init(|| {
        if std::env::var_os("INGOT_QPACK").is_some_and(|v| v == "0") {
            return false;
        }
        #[cfg(target_arch = "x86_64")]
        {
            isa() == Isa::Avx512Vnni && std::is_x86_feature_detected!("avx512bw")
        }
        #[cfg(not(target_arch = "x86_64"))]
        false
    })
}

/// Four weight rows interleaved per block index, multiplied four rows at a time on 512-bit
/// registers with the row format's arithmetic (see `x86::dot4_q4_1x4`).
pub trait Packed4: Block {
    /// The row format this packs.
    type Row: QWeight;
    /// Group `g`'s block `b` from `w` (`n` rows of `kb` blocks); rows past `n` are zeros.
    fn pack_one(w: &[Self::Row], n: usize, kb: usize, g: usize, b: usize) -> Self;
    /// The four rows' products with one activation row.
    ///
    /// # Safety
    /// The CPU must have what `packed_available` checks.
    unsafe fn dot4(w: &[Self], y: &[<Self::Row as QWeight>::Act]) -> [f32; 4];
}

impl Packed4 for BlockQ4_1x4 {
    type Row = BlockQ4_1;
    fn pack_one(w: &[BlockQ4_1], n: usize, kb: usize, g: usize, b: usize) -> Self {
        let mut p = Self::default();
        for r in 0..4 {
            let j = 4 * g + r;
            if j < n {
                let src = &w[j * kb + b];
                p.dm[2 * r] = src.d;
                p.dm[2 * r + 1] = src.m;
                p.qs[16 * r..16 * r + 16].copy_from_slice(&src.qs);
            }
        }
        p
    }
    unsafe fn dot4(w: &[Self], y: &[BlockQ8_1]) -> [f32; 4] {
        #[cfg(target_arch = "x86_64")]
        return x86::dot4_q4_1x4(w, y);
        #[cfg(not(target_arch = "x86_64"))]
        unreachable!("packed kernels are x86 only")
    }
}

impl Packed4 for BlockQ8_0x4 {
    type Row = BlockQ8_0;
    fn pack_one(w: &[BlockQ8_0], n: usize, kb: usize, g: usize, b: usize) -> Self {
        let mut p = Self::default();
        for r in 0..4 {
            let j = 4 * g + r;
            if j < n {
                let src = &w[j * kb + b];
                p.d[r] = src.d;
                p.qs[32 * r..32 * r + 32].copy_from_slice(&src.qs);
            }
        }
        p
    }
    unsafe fn dot4(w: &[Self], y: &[BlockQ8_0]) -> [f32; 4] {
        #[cfg(target_arch = "x86_64")]
        return x86::dot4_q8_0x4(w, y);
        #[cfg(not(target_arch = "x86_64"))]
        unreachable!("packed kernels are x86 only")
    }
}

/// `w` (`n` rows of `kb` blocks) as groups of four interleaved rows: group `g`'s block `b`
/// at `g * kb + b`, the last group padded with zero rows.
pub fn pack<P: Packed4>(w: &[P::Row], n: usize, kb: usize) -> Vec<P> {
    assert_eq!(w.len(), n * kb, "weights are not {n} rows of {kb} blocks");
    let groups = n.div_ceil(4);
    let mut out = Vec::with_capacity(groups * kb);
    for g in 0..groups {
        for b in 0..kb {
            out.push(P::pack_one(w, n, kb, g, b));
        }
    }
    out
}

/// [`matmul`] on packed weights (`pack`), with the same bits. Only where
/// `packed_available()`.
pub fn matmul_packed<P: Packed4>(
    w: &[P],
    n: usize,
    x: &[f32],
    m: usize,
    k: usize,
    out: &mut [f32],
) {
    assert!(
        packed_available(),
        "the packed kernels need AVX-512 BW and VNNI"
    );
    assert!(k.is_multiple_of(QK), "k = {k} is not a multiple of {QK}");
    let kb = k / QK;
    let groups = n.div_ceil(4);
    assert_eq!(
        w.len(),
        groups * kb,
        "weights are not {groups} groups of {kb} blocks"
    );
    assert_eq!(x.len(), m * k, "activations are not {m} rows of {k}");
    assert_eq!(out.len(), m * n, "output is not {m} x {n}");
    let mut act = vec![<P::Row as QWeight>::Act::default(); m * kb];
    for (xr, ar) in x.chunks_exact(k).zip(act.chunks_exact_mut(kb)) {
        P::Row::quantize(xr, ar);
    }
    let ptr = SendPtr(out.as_mut_ptr());
    let run = |gs: std::ops::Range<usize>| {
        let p = ptr;
        for g in gs {
            let wg = &w[g * kb..(g + 1) * kb];
            let rows = (n - 4 * g).min(4);
            for (r, a) in act.chunks_exact(kb).enumerate() {
                // SAFETY: `packed_available` (asserted above).
                let v = unsafe { P::dot4(wg, a) };
                // SAFETY: each (r, j) with j < n is written by exactly one task.
                unsafe { std::ptr::copy_nonoverlapping(v.as_ptr(), p.0.add(r * n + 4 * g), rows) };
            }
        }
    };
    let pool = crate::pool::Pool::global();
    if pool.threads() <= 1 || m * n * k < (1 << 16) {
        run(0..groups);
        return;
    }
    // Tasks of about 32K multiply-adds, as in `matmul`.
    let per = ((1usize << 15) / (m * k * 4)).max(1).min(groups);
    pool.run(groups.div_ceil(per), &|t| {
        run(t * per..((t + 1) * per).min(groups))
    });
}

/// `INGOT_QPOOL=rayon` splits the rows over rayon per product instead of `crate::pool`, for
/// comparisons in benchmarks.
fn rayon_pool() -> bool {
    static R: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *R.get_or_init(|| std::env::var_os("INGOT_QPOOL").is_some_and(|v| v == "rayon"))
}

#[derive(Clone, Copy)]
struct SendPtr(*mut f32);
unsafe impl Send for SendPtr {}
unsafe impl Sync for SendPtr {}

/// `out[m, n] = x[m, k] · w[n, k]ᵀ` with `w` in blocks (`n` rows of `k / 32` blocks), on
/// `isa`. The activations are quantized once; runs of weight rows are the tasks of
/// `crate::pool`'s threads when the product is big enough to pay for it.
pub fn matmul<W: QWeight>(
    isa: Isa,
    w: &[W],
    n: usize,
    x: &[f32],
    m: usize,
    k: usize,
    out: &mut [f32],
) {
    assert!(k.is_multiple_of(QK), "k = {k} is not a multiple of {QK}");
    let kb = k / QK;
    assert_eq!(w.len(), n * kb, "weights are not {n} rows of {kb} blocks");
    assert_eq!(x.len(), m * k, "activations are not {m} rows of {k}");
    assert_eq!(out.len(), m * n, "output is not {m} x {n}");
    let mut act = vec![W::Act::default(); m * kb];
    for (xr, ar) in x.chunks_exact(k).zip(act.chunks_exact_mut(kb)) {
        W::quantize(xr, ar);
    }
    let ptr = SendPtr(out.as_mut_ptr());
    let run = |rows: std::ops::Range<usize>| {
        let p = ptr;
        // SAFETY: every (r, j) of `out` is written by exactly one task; r < m, j < n.
        unsafe {
            W::rows(
                isa,
                &w[rows.start * kb..rows.end * kb],
                rows.len(),
                &act,
                kb,
                p.0.add(rows.start),
                n,
            )
        };
    };
    let pool = crate::pool::Pool::global();
    // Below ~64K multiply-adds a parallel region costs more than it saves.
    if pool.threads() <= 1 || m * n * k < (1 << 16) {
        run(0..n);
        return;
    }
    if rayon_pool() {
        let per = n.div_ceil(pool.threads() * 4).max(16).next_multiple_of(4);
        use rayon::prelude::*;
        (0..n.div_ceil(per))
            .into_par_iter()
            .for_each(|t| run(t * per..((t + 1) * per).min(n)));
        return;
    }
    // Tasks of about 32K multiply-adds (a few microseconds): small enough that a thread the
    // machine's other work slows down leaves little for the others to wait on, large enough
    // that claiming one (an atomic add) is noise. A multiple of the kernels' 4 rows.
    let per = ((1usize << 15) / (m * k))
        .max(4)
        .next_multiple_of(4)
        .min(n.next_multiple_of(4));
    pool.run(n.div_ceil(per), &|t| run(t * per..((t + 1) * per).min(n)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dev-dependency needed).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u32 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) as u32
        }
        fn f32(&mut self) -> f32 {
            (self.next() as f32 / (1u64 << 31) as f32) * 2.0 - 1.0
        }
    }

    fn isas() -> Vec<Isa> {
        let mut v = vec![Isa::Scalar];
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx2")
                && std::is_x86_feature_detected!("fma")
                && std::is_x86_feature_detected!("f16c")
            {
                v.push(Isa::Avx2);
            }
            if isa() == Isa::Avx512Vnni {
                v.push(Isa::Avx512Vnni);
            }
        }
        v
    }

    fn random(n: usize, g: &mut Lcg) -> Vec<f32> {
        (0..n).map(|_| g.f32() * 3.0).collect()
    }

    #[test]
    fn q8_1_quantization_is_ggml_s() {
        // Halves round to even (ggml's _mm256_round_ps), and s = d * sum(q) with d unrounded.
        let mut x = vec![0f32; QK];
        x[0] = 127.0;
        x[1] = 2.5;
        x[2] = -3.5;
        x[3] = 0.5;
        let mut y = [BlockQ8_1::default()];
        quantize_q8_1(&x, &mut y);
        assert_eq!(&y[0].qs[..4], &[127, 2, -4, 0]);
        assert_eq!(y[0].d.to_f32(), 1.0);
        assert_eq!(y[0].s.to_f32(), 125.0);
        let mut z = [BlockQ8_1::default()];
        quantize_q8_1(&[0f32; QK], &mut z);
        assert_eq!(z[0].qs, [0; QK]);
        assert_eq!(z[0].d.to_f32(), 0.0);
        // The dispatched (SIMD-compiled) quantizers equal the plain ones.
        let mut g = Lcg(3);
        let x = random(QK * 9, &mut g);
        let (mut a, mut b) = (vec![BlockQ8_1::default(); 9], vec![BlockQ8_1::default(); 9]);
        quantize_q8_1(&x, &mut a);
        quantize_q8_1_impl(&x, &mut b);
        assert_eq!(a, b);
        let (mut a, mut b) = (vec![BlockQ8_0::default(); 9], vec![BlockQ8_0::default(); 9]);
        quantize_q8_0(&x, &mut a);
        quantize_q8_0_impl(&x, &mut b);
        assert_eq!(a, b);
    }

    /// Every SIMD path gives the scalar path's bits, on odd sizes and at m > 1.
    #[test]
    fn simd_paths_equal_scalar() {
        let mut g = Lcg(7);
        for &(m, n, k) in &[(1, 37, 64), (3, 50, 576), (5, 17, 1536), (1, 1, 32)] {
            let x = random(m * k, &mut g);
            let w41: Vec<BlockQ4_1> = (0..n * k / QK)
                .map(|_| BlockQ4_1 {
                    d: f16::from_f32(g.f32() * 0.1),
                    m: f16::from_f32(g.f32() * 0.5),
                    qs: std::array::from_fn(|_| g.next() as u8),
                })
                .collect();
            let w80: Vec<BlockQ8_0> = (0..n * k / QK)
                .map(|_| BlockQ8_0 {
                    d: f16::from_f32(g.f32() * 0.01),
                    qs: std::array::from_fn(|_| (g.next() % 255) as i32 as i8 - 127),
                })
                .collect();
            let mut want41 = vec![0f32; m * n];
            let mut want80 = vec![0f32; m * n];
            matmul(Isa::Scalar, &w41, n, &x, m, k, &mut want41);
            matmul(Isa::Scalar, &w80, n, &x, m, k, &mut want80);
            for isa in isas() {
                let mut got = vec![0f32; m * n];
                matmul(isa, &w41, n, &x, m, k, &mut got);
                assert_eq!(got, want41, "Q4_1 {isa:?} ({m}, {n}, {k})");
                matmul(isa, &w80, n, &x, m, k, &mut got);
                assert_eq!(got, want80, "Q8_0 {isa:?} ({m}, {n}, {k})");
            }
        }
    }

    /// The packed four-row kernels give the row kernels' bits, with a partial last group and
    /// several activation rows.
    #[test]
    fn packed_kernels_equal_row_kernels() {
        if !packed_available() {
            eprintln!("skipped: no AVX-512 BW + VNNI here");
            return;
        }
        let mut g = Lcg(13);
        for &(m, n, k) in &[
            (1, 37, 64),
            (3, 50, 576),
            (2, 17, 1536),
            (1, 4, 32),
            (1, 1, 32),
        ] {
            let kb = k / QK;
            let x = random(m * k, &mut g);
            let w41: Vec<BlockQ4_1> = (0..n * kb)
                .map(|_| BlockQ4_1 {
                    d: f16::from_f32(g.f32() * 0.1),
                    m: f16::from_f32(g.f32() * 0.5),
                    qs: std::array::from_fn(|_| g.next() as u8),
                })
                .collect();
            // -128 too: a file may hold it, and |-128| is the byte 128 on both paths.
            let w80: Vec<BlockQ8_0> = (0..n * kb)
                .map(|_| BlockQ8_0 {
                    d: f16::from_f32(g.f32() * 0.01),
                    qs: std::array::from_fn(|_| g.next() as u8 as i8),
                })
                .collect();
            let mut want = vec![0f32; m * n];
            let mut got = vec![0f32; m * n];
            matmul(Isa::Scalar, &w41, n, &x, m, k, &mut want);
            matmul_packed(&pack::<BlockQ4_1x4>(&w41, n, kb), n, &x, m, k, &mut got);
            assert_eq!(got, want, "Q4_1 packed ({m}, {n}, {k})");
            matmul(Isa::Scalar, &w80, n, &x, m, k, &mut want);
            matmul_packed(&pack::<BlockQ8_0x4>(&w80, n, kb), n, &x, m, k, &mut got);
            assert_eq!(got, want, "Q8_0 packed ({m}, {n}, {k})");
        }
    }

    /// The quantized product is close to the f32 product of the dequantized weights (the
    /// error is the activation's 8-bit rounding, well under 1% of the row's magnitude).
    #[test]
    fn matmul_matches_dequantized_f32() {
        let mut g = Lcg(11);
        let (m, n, k) = (4, 33, 320);
        let x = random(m * k, &mut g);
        let w: Vec<BlockQ4_1> = (0..n * k / QK)
            .map(|_| BlockQ4_1 {
                d: f16::from_f32(g.f32().abs() * 0.1),
                m: f16::from_f32(g.f32() * 0.5),
                qs: std::array::from_fn(|_| g.next() as u8),
            })
            .collect();
        let deq: Vec<f32> = w
            .iter()
            .flat_map(|b| {
                (0..QK).map(move |e| {
                    let q = if e < 16 {
                        b.qs[e] & 15
                    } else {
                        b.qs[e - 16] >> 4
                    };
                    b.d.to_f32() * q as f32 + b.m.to_f32()
                })
            })
            .collect();
        let mut got = vec![0f32; m * n];
        matmul(isa(), &w, n, &x, m, k, &mut got);
        for r in 0..m {
            for j in 0..n {
                let xr = &x[r * k..(r + 1) * k];
                let wr = &deq[j * k..(j + 1) * k];
                let exact: f64 = xr.iter().zip(wr).map(|(a, b)| *a as f64 * *b as f64).sum();
                let scale: f64 = xr
                    .iter()
                    .zip(wr)
                    .map(|(a, b)| (*a as f64 * *b as f64).abs())
                    .sum();
                let err = (got[r * n + j] as f64 - exact).abs();
                assert!(
                    err <= 0.01 * scale,
                    "({r}, {j}): {} vs {exact} (scale {scale})",
                    got[r * n + j]
                );
            }
        }
    }
}
