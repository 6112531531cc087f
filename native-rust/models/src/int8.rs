//! Int8 linear layers for the encoders' opt-in int8 mode (`ingot compile --quantize int8`).
//! Input: a dense layer's f32 weights `W^T` (`[in, out]`) once at load, then f32 activations
//! `[rows, in]` per call. Output: `act(x @ W^T + b)` in f32, which `crate::nn::Linear` returns
//! in place of its f32 GEMM when the layer carries `Int8Weights`.
//!
//! The scheme (what ONNX Runtime's dynamic quantization does, with finer activation scales):
//! - weights: symmetric int8 per output channel, `w = s_n * q`, `q` in -127..=127, computed once
//!   when the model loads (the resources stay the model's own f32 files, so one set of files
//!   serves both modes and keeps its sha256);
//! - activations: asymmetric u8 per row, `x = s_m * (q - z_m)`, `q` in 0..=255, computed on each
//!   call, so one outlier token does not coarsen the scale of the whole batch;
//! - products: `sum_k q_x * q_w` in i32, exactly, then `y = s_m * s_n * (acc - z_m * sum_k q_w)
//!   + b` in f32 and the activation function.
//!
//! u8 times s8 is exactly what AVX-512 VNNI's `vpdpbusd` multiplies (four byte products summed
//! into each i32 lane), so the weights are packed for it: panels of 32 output columns, and in
//! each panel, for every group of four input positions, each column's four bytes side by side.
//! A tile of up to 12 rows by one panel then costs two weight loads and one `vpdpbusd` per row
//! and 16 columns per k-group; a batch-1 call's dozen rows are one tile, so the weights (the
//! bound at that size) stream through once.
//! Without VNNI an AVX2 kernel widens to i16 and uses `vpmaddwd` (exact, unlike `vpmaddubsw`,
//! whose i16 pair sums saturate at these ranges), and a scalar kernel covers everything else;
//! all three give the same i32 sums. Features are detected at run time; AMX is never used (it
//! traps on machines that list it).
#![allow(clippy::needless_range_loop)]

use crate::encoder::Encoder;
use crate::error::{Error, Result};
use crate::kernels::{act_slice_pub as act_slice, with_f32};
use crate::nn::Activation;
use crate::nn::{Linear, LinearSite};
use candle_core::{Device, Tensor};
use std::sync::Arc;
use std::sync::OnceLock;

/// Output columns per packed panel (two 16-lane i32 vectors).
const NR: usize = 32;
/// Most rows per micro-tile: `2 MT` accumulators, two weight vectors and a broadcast fill
/// the 32 vector registers, and every weight byte loaded serves `MT` rows. A batch-1 call
/// (one sentence, about a dozen tokens) is then one tile per panel: each weight byte is read
/// once per call, which is what bounds a product of so few rows.
const MT: usize = 12;
/// Rows per parallel task (a block of quantized rows that stays in L2 while the task's
/// weight panel, in L1, meets it tile by tile).
const MC: usize = 120;

/// Which integer dot-product kernel runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isa {
    Avx512Vnni,
    Avx2,
    Scalar,
}

/// The best kernel this CPU runs, detected once.
pub fn isa() -> Isa {
    static ISA: OnceLock<Isa> = OnceLock::new();
    *ISA.get_or_init(|| {
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx512f")
                && std::is_x86_feature_detected!("avx512bw")
                && std::is_x86_feature_detected!("avx512vnni")
            {
                return Isa::Avx512Vnni;
            }
            if std::is_x86_feature_detected!("avx2") {
                return Isa::Avx2;
            }
        }
        Isa::Scalar
    })
}

/// A dense layer's weights quantized per output channel and packed for the kernels.
#[derive(Clone)]
pub struct Int8Weights {
    k: usize,
    n: usize,
    /// `k` rounded up to a multiple of 4 (the extra positions hold zero weights).
    kp: usize,
    /// Panels of `NR` columns: `[n / NR][kp / 4][NR][4]` (the last panel zero-padded).
    packed: Vec<i8>,
    /// `s_n` per output column.
    scales: Vec<f32>,
    /// `sum_k q_w[k, n]` per output column: what the activations' zero point multiplies.
    col_sums: Vec<i32>,
    /// The layer's f32 bias, kept here so a call does not convert it again (`with_bias`).
    bias: Option<Vec<f32>>,
}

impl std::fmt::Debug for Int8Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Int8Weights[{}, {}]", self.k, self.n)
    }
}

impl Int8Weights {
    /// Quantizes `wt` (`[k, n]` row-major f32, i.e. `W^T`).
    pub fn quantize(wt: &[f32], k: usize, n: usize) -> Self {
        let kp = k.div_ceil(4) * 4;
        let panels = n.div_ceil(NR);
        let mut amax = vec![0f32; n];
        for row in wt.chunks_exact(n) {
            for (a, w) in amax.iter_mut().zip(row) {
                *a = a.max(w.abs());
            }
        }
        let scales: Vec<f32> = amax
            .iter()
            .map(|a| if *a > 0.0 { a / 127.0 } else { 1.0 })
            .collect();
        let inv: Vec<f32> = scales.iter().map(|s| 1.0 / s).collect();
        let mut packed = vec![0i8; panels * kp * NR];
        let mut col_sums = vec![0i32; n];
        for kk in 0..k {
            let row = &wt[kk * n..(kk + 1) * n];
            for c in 0..n {
                let q = round_even(row[c] * inv[c]).clamp(-127.0, 127.0) as i8;
                col_sums[c] += q as i32;
                packed[Self::index(kp, c, kk)] = q;
            }
        }
        Int8Weights {
            k,
            n,
            kp,
            packed,
            scales,
            col_sums,
            bias: None,
        }
    }

    /// The same weights with the layer's bias attached (`n` values).
    pub fn with_bias(mut self, bias: Option<Vec<f32>>) -> Self {
        assert!(bias.as_ref().is_none_or(|b| b.len() == self.n));
        self.bias = bias;
        self
    }

    /// Where weight `(k, column)` lives in `packed`.
    fn index(kp: usize, col: usize, k: usize) -> usize {
        let (p, c) = (col / NR, col % NR);
        ((p * (kp / 4) + k / 4) * NR + c) * 4 + k % 4
    }

    /// `W^T` back in f32 (`[k, n]` row-major, `s_n * q`): for the paths that have no int8
    /// kernel (the portable forward, a GPU), since int8 mode keeps no f32 copy.
    pub fn dequantize(&self) -> Vec<f32> {
        let mut out = vec![0f32; self.k * self.n];
        for (kk, row) in out.chunks_exact_mut(self.n.max(1)).enumerate() {
            for (c, o) in row.iter_mut().enumerate() {
                *o = self.packed[Self::index(self.kp, c, kk)] as f32 * self.scales[c];
            }
        }
        out
    }

    /// The quantized weight at `(k, column)` and its column's scale (for tests and checks).
    pub fn get(&self, k: usize, col: usize) -> (i8, f32) {
        (self.packed[Self::index(self.kp, col, k)], self.scales[col])
    }

    pub fn in_dim(&self) -> usize {
        self.k
    }
    pub fn out_dim(&self) -> usize {
        self.n
    }

    fn panel(&self, p: usize) -> &[i8] {
        let len = self.kp * NR;
        &self.packed[p * len..(p + 1) * len]
    }

    /// Bytes held (for memory accounting).
    pub fn bytes(&self) -> usize {
        self.packed.len() + 8 * self.n
    }
}

/// Activation rows quantized to u8 with one scale and zero point each, positions padded to
/// `kp` (padding is the zero point: it stands for 0.0, and meets zero weights anyway).
pub struct QuantRows {
    pub rows: usize,
    kp: usize,
    pub data: Vec<u8>,
    pub scales: Vec<f32>,
    pub zeros: Vec<i32>,
}

/// Round half to even for |x| < 2^22 (every value quantized here): adding and removing
/// 1.5 * 2^23 leaves the float's integer part rounded by the FPU's default mode. Unlike
/// `f32::round_ties_even` it needs no SSE4.1 (`roundps`), which baseline x86-64 code lacks:
/// there the method is a libm call per value, a sixth of a short forward pass's load time.
#[inline(always)]
fn round_even(x: f32) -> f32 {
    const MAGIC: f32 = 12_582_912.0;
    (x + MAGIC) - MAGIC
}

/// A row's scale and zero point: `x = s * (q - z)` with the range widened to include 0, so
/// 0.0 (and padding) is exact.
fn row_params(lo: f32, hi: f32) -> (f32, f32) {
    let s = if hi > lo { (hi - lo) / 255.0 } else { 1.0 };
    let z = (-lo / s).round_ties_even().clamp(0.0, 255.0);
    (s, z)
}

/// Quantizes one row (the scalar path; `quantize_row_avx512` gives the same bytes).
fn quantize_row(x: &[f32], out: &mut [u8]) -> (f32, i32) {
    let (mut lo, mut hi) = (0f32, 0f32);
    for v in x {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let (s, z) = row_params(lo, hi);
    let inv = 1.0 / s;
    for (o, v) in out.iter_mut().zip(x) {
        *o = round_even(v * inv + z).clamp(0.0, 255.0) as u8;
    }
    for o in out[x.len()..].iter_mut() {
        *o = z as u8;
    }
    (s, z as i32)
}

/// The same with AVX-512: the compiler does not vectorize `round_ties_even` into a
/// float-to-int conversion, and this runs once per linear layer over all its input.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw")]
unsafe fn quantize_row_avx512(x: &[f32], out: &mut [u8]) -> (f32, i32) {
    use std::arch::x86_64::*;
    let n = x.len();
    let body = n / 16 * 16;
    let (mut vlo, mut vhi) = (_mm512_setzero_ps(), _mm512_setzero_ps());
    for i in (0..body).step_by(16) {
        let v = _mm512_loadu_ps(x.as_ptr().add(i));
        vlo = _mm512_min_ps(vlo, v);
        vhi = _mm512_max_ps(vhi, v);
    }
    let (mut lo, mut hi) = (_mm512_reduce_min_ps(vlo), _mm512_reduce_max_ps(vhi));
    for v in &x[body..] {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let (s, z) = row_params(lo, hi);
    let inv = 1.0 / s;
    let (vinv, vz) = (_mm512_set1_ps(inv), _mm512_set1_ps(z));
    let zero = _mm512_setzero_si512();
    for i in (0..body).step_by(16) {
        let v = _mm512_loadu_ps(x.as_ptr().add(i));
        // Multiply, then add (two roundings, as the scalar path), then round half to even
        // (the default rounding mode of the conversion), clamp below at 0 and saturate at 255.
        let q = _mm512_cvtps_epi32(_mm512_add_ps(_mm512_mul_ps(v, vinv), vz));
        let b = _mm512_cvtusepi32_epi8(_mm512_max_epi32(q, zero));
        _mm_storeu_si128(out.as_mut_ptr().add(i) as *mut _, b);
    }
    for (o, v) in out[body..n].iter_mut().zip(&x[body..]) {
        *o = round_even(v * inv + z).clamp(0.0, 255.0) as u8;
    }
    for o in out[n..].iter_mut() {
        *o = z as u8;
    }
    (s, z as i32)
}

/// One row with the best available path.
fn quantize_row_best(x: &[f32], out: &mut [u8]) -> (f32, i32) {
    #[cfg(target_arch = "x86_64")]
    if isa() == Isa::Avx512Vnni {
        // SAFETY: VNNI detection included avx512f and avx512bw.
        return unsafe { quantize_row_avx512(x, out) };
    }
    quantize_row(x, out)
}

impl QuantRows {
    /// Quantizes `rows` rows of `k` values (`x` row-major with row stride `stride`).
    pub fn new(x: &[f32], rows: usize, k: usize, stride: usize) -> Self {
        let kp = k.div_ceil(4) * 4;
        assert!(rows == 0 || x.len() >= (rows - 1) * stride + k);
        let mut data = vec![0u8; rows * kp];
        let mut scales = vec![1f32; rows];
        let mut zeros = vec![0i32; rows];
        // Rows per parallel task: about 64 KiB of input each.
        let per = (16384 / k.max(1)).max(1);
        let (d, sc, z) = (
            SyncPtr(data.as_mut_ptr()),
            SyncPtr(scales.as_mut_ptr()),
            SyncPtr(zeros.as_mut_ptr()),
        );
        let task = |t: usize| {
            for i in t * per..((t + 1) * per).min(rows) {
                // SAFETY: task t alone writes rows t * per.. of the three buffers, which
                // outlive the pool's run.
                let out = unsafe { std::slice::from_raw_parts_mut(d.at(i * kp), kp) };
                let (s, zp) = quantize_row_best(&x[i * stride..i * stride + k], out);
                unsafe {
                    *sc.at(i) = s;
                    *z.at(i) = zp;
                }
            }
        };
        if kp > 0 {
            run_tasks(rows.div_ceil(per), rows * k >= 1 << 16, &task);
        }
        QuantRows {
            rows,
            kp,
            data,
            scales,
            zeros,
        }
    }
}

/// How long the pool's workers spin after a product before they sleep: longer than the
/// serial work between two products of one encoder call (a batch-1 layer's attention and
/// LayerNorms take about 25 us), much shorter than the gap between calls. The pool's
/// default, 300 us, as for the f32 products. On a quiet AMD EPYC (2026-12-07, three
/// interleaved runs each) it made batch 1 1.14-1.28x ONNX Runtime's int8 where 50 us gave
/// 0.76-1.02x; 50 us had been chosen on a Xeon shared with other builds, where a spinning
/// worker is descheduled and a product waits for the task it took. `INGOT_POOL_SPIN_US`
/// sets a shorter window for such machines (bench/README.md).
const SPIN: std::time::Duration = crate::pool::SPIN;

/// Runs `task(i)` for every `i < n`: on the shared pool (`crate::pool`, whose workers spin
/// between the short products of one call instead of being woken through the OS for each)
/// when there is more than one task and `big` says the work is worth a second thread.
fn run_tasks(n: usize, big: bool, task: &(dyn Fn(usize) + Sync)) {
    let pool = crate::pool::Pool::global();
    if n > 1 && big && pool.threads() > 1 {
        pool.run_spinning(n, task, SPIN);
    } else {
        (0..n).for_each(task);
    }
}

/// A raw pointer the parallel tasks share; each writes a disjoint part of the buffer.
#[derive(Clone, Copy)]
struct SyncPtr<T>(*mut T);
unsafe impl<T> Send for SyncPtr<T> {}
unsafe impl<T> Sync for SyncPtr<T> {}
impl<T> SyncPtr<T> {
    /// Through a method, so closures capture the whole (Sync) wrapper, not its field.
    fn at(self, i: usize) -> *mut T {
        self.0.wrapping_add(i)
    }
}

/// The i32 sums of one tile: up to `MT` rows times one weight panel's `NR` columns.
pub type Tile = [[i32; NR]; MT];

/// The scalar kernel: the reference the SIMD kernels must equal. `a` holds `rows` rows of
/// `kp` bytes each, one after another.
pub fn tile_scalar(a: &[u8], rows: usize, panel: &[i8], kp: usize, out: &mut Tile) {
    for r in 0..rows {
        out[r] = [0; NR];
        let x = &a[r * kp..(r + 1) * kp];
        for g in 0..kp / 4 {
            let w = &panel[g * NR * 4..(g + 1) * NR * 4];
            let x = &x[g * 4..g * 4 + 4];
            for c in 0..NR {
                let wc = &w[c * 4..c * 4 + 4];
                out[r][c] += (0..4).map(|i| x[i] as i32 * wc[i] as i32).sum::<i32>();
            }
        }
    }
}

/// The AVX-512 VNNI kernel for `R` rows (the caller checks the CPU features and the slice
/// lengths): `2 R` accumulators, and per group of four input positions two weight vectors,
/// each loaded once for all `R` rows, and one `vpdpbusd` per row and 16 columns.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
unsafe fn tile_vnni<const R: usize>(a: *const u8, panel: *const i8, kp: usize, out: &mut Tile) {
    use std::arch::x86_64::*;
    let mut acc = [[_mm512_setzero_si512(); 2]; R];
    for g in 0..kp / 4 {
        let wg = panel.add(g * NR * 4);
        let w0 = _mm512_loadu_si512(wg as *const _);
        let w1 = _mm512_loadu_si512(wg.add(64) as *const _);
        for r in 0..R {
            let x = _mm512_set1_epi32((a.add(r * kp + g * 4) as *const i32).read_unaligned());
            acc[r][0] = _mm512_dpbusd_epi32(acc[r][0], x, w0);
            acc[r][1] = _mm512_dpbusd_epi32(acc[r][1], x, w1);
        }
    }
    for r in 0..R {
        _mm512_storeu_si512(out[r].as_mut_ptr() as *mut _, acc[r][0]);
        _mm512_storeu_si512(out[r].as_mut_ptr().add(16) as *mut _, acc[r][1]);
    }
}

/// The AVX2 kernel, one row at a time: bytes widened to i16 and multiplied with `vpmaddwd`
/// (exact, unlike `vpmaddubsw`, whose i16 pair sums saturate at these ranges). Each group of
/// four columns gives one vector of pair sums, added up at the end.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn tile_avx2(a: &[u8], rows: usize, panel: &[i8], kp: usize, out: &mut Tile) {
    use std::arch::x86_64::*;
    const QUADS: usize = NR / 4;
    for r in 0..rows {
        let row = a.as_ptr().add(r * kp);
        let mut acc = [_mm256_setzero_si256(); QUADS];
        for g in 0..kp / 4 {
            let x4 = (row.add(g * 4) as *const u32).read_unaligned();
            // The four activation bytes as i16, repeated across the vector.
            let x = _mm256_cvtepu8_epi16(_mm_set1_epi32(x4 as i32));
            let wg = panel.as_ptr().add(g * NR * 4);
            for (q, acc) in acc.iter_mut().enumerate() {
                let w = _mm256_cvtepi8_epi16(_mm_loadu_si128(wg.add(16 * q) as *const _));
                *acc = _mm256_add_epi32(*acc, _mm256_madd_epi16(x, w));
            }
        }
        // Each quad's vector holds [c0a, c0b, c1a, c1b, c2a, c2b, c3a, c3b].
        for (q, acc) in acc.iter().enumerate() {
            let mut lanes = [0i32; 8];
            _mm256_storeu_si256(lanes.as_mut_ptr() as *mut _, *acc);
            for c in 0..4 {
                out[r][4 * q + c] = lanes[2 * c] + lanes[2 * c + 1];
            }
        }
    }
}

/// Rows `0..rows` of `out` (`rows <= MT`) with the given kernel: `a` holds the rows'
/// `kp` bytes one after another, `panel` one packed weight panel.
pub fn tile(isa: Isa, a: &[u8], rows: usize, panel: &[i8], kp: usize, out: &mut Tile) {
    assert!(rows <= MT && a.len() >= rows * kp && panel.len() >= kp * NR && kp.is_multiple_of(4));
    match isa {
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512Vnni => {
            let (a, w) = (a.as_ptr(), panel.as_ptr());
            // SAFETY: the caller detected VNNI (`isa()`); the lengths are checked above.
            // One instance per row count, so each keeps its accumulators in registers.
            unsafe {
                match rows {
                    0 => {}
                    1 => tile_vnni::<1>(a, w, kp, out),
                    2 => tile_vnni::<2>(a, w, kp, out),
                    3 => tile_vnni::<3>(a, w, kp, out),
                    4 => tile_vnni::<4>(a, w, kp, out),
                    5 => tile_vnni::<5>(a, w, kp, out),
                    6 => tile_vnni::<6>(a, w, kp, out),
                    7 => tile_vnni::<7>(a, w, kp, out),
                    8 => tile_vnni::<8>(a, w, kp, out),
                    9 => tile_vnni::<9>(a, w, kp, out),
                    10 => tile_vnni::<10>(a, w, kp, out),
                    11 => tile_vnni::<11>(a, w, kp, out),
                    _ => tile_vnni::<12>(a, w, kp, out),
                }
            }
        }
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller detected AVX2; the lengths are checked above.
        Isa::Avx2 => unsafe { tile_avx2(a, rows, panel, kp, out) },
        _ => tile_scalar(a, rows, panel, kp, out),
    }
}

/// The f32 output rows of one tile: `s_m * s_n * (acc - z_m * colsum_n) + b_n`, then `act`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn epilogue_impl(
    acc: &[i32],
    s_m: f32,
    z_m: i32,
    scales: &[f32],
    sums: &[i32],
    bias: Option<&[f32]>,
    act: Activation,
    out: &mut [f32],
) {
    // Zipped slices of one length: no bounds checks, so the loop vectorizes.
    let n = out.len();
    let it = out
        .iter_mut()
        .zip(&acc[..n])
        .zip(&sums[..n])
        .zip(&scales[..n]);
    match bias {
        Some(b) => {
            for ((((o, a), s), sc), b) in it.zip(&b[..n]) {
                *o = (a - z_m * s) as f32 * (s_m * sc) + b;
            }
        }
        None => {
            for (((o, a), s), sc) in it {
                *o = (a - z_m * s) as f32 * (s_m * sc);
            }
        }
    }
    act_slice(act, out);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
#[allow(clippy::too_many_arguments)]
unsafe fn epilogue_v4(
    acc: &[i32],
    s_m: f32,
    z_m: i32,
    scales: &[f32],
    sums: &[i32],
    bias: Option<&[f32]>,
    act: Activation,
    out: &mut [f32],
) {
    epilogue_impl(acc, s_m, z_m, scales, sums, bias, act, out)
}

/// `act(x @ W^T + b)` into `out` (`[rows, n]` row-major), with the given kernel.
///
/// The work is split into tasks of one weight panel times up to `MC` rows, cut into tiles
/// of at most `MT` rows of near-equal height (13 rows are 7 + 6, not 12 + 1), so a panel is
/// read once per tile and a few rows never pay for a whole tile.
pub fn matmul_into(
    isa: Isa,
    x: &QuantRows,
    w: &Int8Weights,
    bias: Option<&[f32]>,
    act: Activation,
    out: &mut [f32],
) {
    let (rows, n, kp) = (x.rows, w.n, w.kp);
    assert_eq!(x.kp, kp);
    assert!(out.len() >= rows * n && bias.is_none_or(|b| b.len() >= n));
    if rows == 0 || n == 0 {
        return;
    }
    let panels = n.div_ceil(NR);
    let groups = rows.div_ceil(MC);
    let dst = SyncPtr(out.as_mut_ptr());
    let v4 = cfg!(target_arch = "x86_64") && isa == Isa::Avx512Vnni;
    let task = |t: usize| {
        let (gi, p) = (t / panels, t % panels);
        let panel = w.panel(p);
        let c0 = p * NR;
        let nc = NR.min(n - c0);
        let mut acc: Tile = [[0; NR]; MT];
        let (g0, g1) = (gi * MC, ((gi + 1) * MC).min(rows));
        let tiles = (g1 - g0).div_ceil(MT);
        for ti in 0..tiles {
            let m0 = g0 + ti * (g1 - g0) / tiles;
            let m1 = g0 + (ti + 1) * (g1 - g0) / tiles;
            tile(isa, &x.data[m0 * kp..m1 * kp], m1 - m0, panel, kp, &mut acc);
            for (r, acc) in acc[..m1 - m0].iter().enumerate() {
                let row = m0 + r;
                // SAFETY: task (gi, p) alone writes rows of group gi, columns of panel p.
                let o = unsafe { std::slice::from_raw_parts_mut(dst.at(row * n + c0), nc) };
                let args = (
                    &acc[..nc],
                    x.scales[row],
                    x.zeros[row],
                    &w.scales[c0..c0 + nc],
                    &w.col_sums[c0..c0 + nc],
                    bias.map(|b| &b[c0..c0 + nc]),
                );
                #[cfg(target_arch = "x86_64")]
                if v4 {
                    unsafe { epilogue_v4(args.0, args.1, args.2, args.3, args.4, args.5, act, o) };
                    continue;
                }
                epilogue_impl(args.0, args.1, args.2, args.3, args.4, args.5, act, o);
            }
        }
    };
    run_tasks(groups * panels, rows * n * kp >= 1 << 18, &task);
}

/// `act(x @ W^T + b)` for `x: [rows, k]` f32 on the CPU (any strides with unit column stride;
/// others are made contiguous first).
pub(crate) fn linear(
    x: &Tensor,
    w: &Int8Weights,
    bias: Option<&Tensor>,
    act: Activation,
) -> Result<Tensor> {
    let (rows, k) = x.dims2()?;
    if k != w.k {
        return Err(Error::runtime(format!(
            "linear: x is [{rows}, {k}] but the int8 weight is [{}, {}]",
            w.k, w.n
        )));
    }
    let x = if x.stride()[1] == 1 {
        x.clone()
    } else {
        x.contiguous()?
    };
    let q = with_f32(&x, |xs, l| {
        let stride = l.stride()[0];
        let xs = &xs[l.start_offset()..];
        QuantRows::new(xs, rows, k, stride)
    })?;
    let b: Option<Vec<f32>> = match (&w.bias, bias) {
        (Some(_), _) => None,
        (None, Some(b)) => Some(
            b.to_dtype(candle_core::DType::F32)?
                .flatten_all()?
                .to_vec1()?,
        ),
        (None, None) => None,
    };
    let b = w.bias.as_deref().or(b.as_deref());
    let mut out = vec![0f32; rows * w.n];
    matmul_into(isa(), &q, w, b, act, &mut out);
    Ok(Tensor::from_vec(out, (rows, w.n), &Device::Cpu)?)
}

/// How an encoder's linear layers run: the compile option `--quantize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quantize {
    /// f32 weights and f32 GEMMs (the default).
    #[default]
    F32,
    /// int8 weights per output channel, u8 activations per row, i32 sums (this module).
    Int8,
}

impl Quantize {
    /// `"int8"`, or `"none"`/`"f32"` for the default.
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "int8" => Ok(Quantize::Int8),
            "none" | "f32" | "" => Ok(Quantize::F32),
            other => Err(Error::value(format!(
                "unknown quantization {other:?}: expected \"int8\" or \"none\""
            ))),
        }
    }
}

/// Which linear layers stay f32 in int8 mode. Embeddings, LayerNorms and attention
/// (scores, softmax, the weighted sum) are not linear layers and always stay f32.
/// Measured on all-MiniLM-L6-v2 with the benchmark sentences (see ARCHITECTURE.md): with
/// every projection in int8 the per-vector cosine to f32 stays above the 0.99 bar, so no
/// layer is exempted.
pub fn keeps_f32(_site: LinearSite) -> bool {
    false
}

/// The encoder with its linear layers in int8, except those `keep` leaves in f32.
pub fn quantize_encoder_with(
    enc: &dyn Encoder,
    keep: &(dyn Fn(LinearSite) -> bool + Sync),
) -> Result<Option<Arc<dyn Encoder>>> {
    enc.map_linears(&|site, l: &Linear| {
        if keep(site) {
            Ok(l.clone())
        } else {
            l.to_int8()
        }
    })
}

/// The encoder in the given mode. On a GPU the int8 kernels do not apply and the f32
/// weights run (the int8 form is a CPU kernel); an architecture that does not expose its
/// layers is an error rather than a silent f32 model.
pub fn quantize_encoder(
    enc: &Arc<dyn Encoder>,
    q: Quantize,
    model_type: &str,
) -> Result<Arc<dyn Encoder>> {
    if q == Quantize::F32 || !enc.device().is_cpu() {
        return Ok(enc.clone());
    }
    quantize_encoder_with(enc.as_ref(), &keeps_f32)?.ok_or_else(|| {
        Error::value(format!(
            "int8 quantization is not available for model_type {model_type:?} (it is for bert, roberta, xlm-roberta, mpnet)"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no rand dependency in this crate).
    fn lcg(seed: &mut u64) -> f32 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((*seed >> 33) as f32 / (1u64 << 31) as f32) * 2.0 - 1.0
    }

    fn isas() -> Vec<Isa> {
        let mut v = vec![Isa::Scalar];
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx2") {
                v.push(Isa::Avx2);
            }
            if isa() == Isa::Avx512Vnni {
                v.push(Isa::Avx512Vnni);
            }
        }
        v
    }

    #[test]
    fn simd_tiles_equal_the_scalar_sums_at_the_extremes() {
        // Activations at 255 and weights at -127/127 are where an i16 pair sum would
        // saturate; the i32 sums must still be exact, for every tile height.
        for kp in [4usize, 8, 384, 1540] {
            for rows in [1usize, 2, 5, 11, 12] {
                let mut seed = (kp * 31 + rows) as u64;
                let a: Vec<u8> = (0..rows * kp)
                    .map(|i| match (i + i / kp) % 5 {
                        0 => 255,
                        1 => 0,
                        _ => ((lcg(&mut seed) + 1.0) * 127.5) as u8,
                    })
                    .collect();
                let panel: Vec<i8> = (0..kp * NR)
                    .map(|i| match i % 7 {
                        0 => 127,
                        1 => -127,
                        _ => (lcg(&mut seed) * 127.0) as i8,
                    })
                    .collect();
                let mut want: Tile = [[0; NR]; MT];
                tile_scalar(&a, rows, &panel, kp, &mut want);
                // An independent check of the reference itself on one element.
                let (r, c) = (rows - 1, 5);
                let direct: i32 = (0..kp)
                    .map(|k| a[r * kp + k] as i32 * panel[(k / 4 * NR + c) * 4 + k % 4] as i32)
                    .sum();
                assert_eq!(want[r][c], direct);
                for isa in isas() {
                    let mut got: Tile = [[1; NR]; MT];
                    tile(isa, &a, rows, &panel, kp, &mut got);
                    assert_eq!(
                        got[..rows],
                        want[..rows],
                        "{isa:?} differs from scalar at kp={kp}, rows={rows}"
                    );
                }
            }
        }
    }

    /// Every output of `matmul_into` against the integer formula evaluated directly (in
    /// f64, from the quantized bytes and weights), so a row or column that a tile or a task
    /// boundary misplaces shows up; then every kernel against the first, exactly.
    #[test]
    fn matmul_equals_the_integer_formula_at_odd_shapes() {
        let shapes = [
            (1usize, 384usize, 1152usize),
            (1, 3, 5),
            (11, 37, 33),
            (12, 64, 32),
            (13, 5, 31),
            (25, 100, 95),
            (241, 20, 65),
        ];
        for (rows, k, n) in shapes {
            let mut seed = (rows * 7919 + k * 31 + n) as u64;
            let x: Vec<f32> = (0..rows * k).map(|_| lcg(&mut seed) * 3.0).collect();
            let wt: Vec<f32> = (0..k * n).map(|_| lcg(&mut seed) * 0.2).collect();
            let b: Vec<f32> = (0..n).map(|_| lcg(&mut seed)).collect();
            let w = Int8Weights::quantize(&wt, k, n);
            let q = QuantRows::new(&x, rows, k, k);
            let mut outs = vec![];
            for isa in isas() {
                let mut out = vec![f32::NAN; rows * n];
                matmul_into(isa, &q, &w, Some(&b), Activation::Identity, &mut out);
                outs.push(out);
            }
            for o in &outs[1..] {
                assert_eq!(o, &outs[0], "kernels disagree at {rows}x{k}x{n}");
            }
            let kp = k.div_ceil(4) * 4;
            for m in 0..rows {
                for c in 0..n {
                    let (mut acc, mut sum) = (0i64, 0i64);
                    for i in 0..k {
                        let (qw, _) = w.get(i, c);
                        acc += q.data[m * kp + i] as i64 * qw as i64;
                        sum += qw as i64;
                    }
                    let want = q.scales[m] as f64
                        * w.scales[c] as f64
                        * (acc - q.zeros[m] as i64 * sum) as f64
                        + b[c] as f64;
                    let got = outs[0][m * n + c] as f64;
                    assert!(
                        (got - want).abs() <= 1e-5 * (1.0 + want.abs()),
                        "{rows}x{k}x{n} at ({m},{c}): {got} vs {want}"
                    );
                }
            }
        }
    }

    #[test]
    fn int8_matmul_is_close_to_f32_for_odd_shapes() {
        for (rows, k, n) in [
            (1usize, 3usize, 5usize),
            (7, 384, 100),
            (11, 384, 1536),
            (130, 64, 129),
        ] {
            let mut seed = (rows * 1000 + k) as u64;
            let x: Vec<f32> = (0..rows * k).map(|_| lcg(&mut seed) * 3.0).collect();
            let wt: Vec<f32> = (0..k * n).map(|_| lcg(&mut seed) * 0.2).collect();
            let b: Vec<f32> = (0..n).map(|_| lcg(&mut seed)).collect();
            let w = Int8Weights::quantize(&wt, k, n);
            let q = QuantRows::new(&x, rows, k, k);
            let mut outs = vec![];
            for isa in isas() {
                let mut out = vec![f32::NAN; rows * n];
                matmul_into(isa, &q, &w, Some(&b), Activation::Identity, &mut out);
                outs.push(out);
            }
            for o in &outs[1..] {
                assert_eq!(o, &outs[0], "kernels disagree at {rows}x{k}x{n}");
            }
            // Against f32: within the quantization error (|x| <= 3, |w| <= 0.2).
            let tol = 3.0 * 0.2 * (k as f32).sqrt() * 0.02 + 1e-4;
            for m in 0..rows {
                for c in 0..n {
                    let exact: f32 =
                        (0..k).map(|i| x[m * k + i] * wt[i * n + c]).sum::<f32>() + b[c];
                    let got = outs[0][m * n + c];
                    assert!(
                        (got - exact).abs() <= tol,
                        "{rows}x{k}x{n} at ({m},{c}): {got} vs {exact}"
                    );
                }
            }
        }
    }

    /// int8 mode keeps no f32 copy of the weights; the portable path (and a GPU) runs
    /// their dequantized form, which agrees with the int8 kernels and the f32 layer.
    #[test]
    fn an_int8_layer_drops_its_f32_weights_and_dequantizes_where_needed() {
        let (k, n, rows) = (40usize, 24usize, 3usize);
        let mut seed = 11u64;
        let w: Vec<f32> = (0..n * k).map(|_| lcg(&mut seed) * 0.3).collect();
        let b: Vec<f32> = (0..n).map(|_| lcg(&mut seed)).collect();
        let x: Vec<f32> = (0..rows * k).map(|_| lcg(&mut seed) * 2.0).collect();
        let t =
            |v: &[f32], s: (usize, usize)| Tensor::from_vec(v.to_vec(), s, &Device::Cpu).unwrap();
        let f32_layer = Linear::from_torch(
            &[t(&w, (n, k))],
            Some(&[t(&b, (n, 1)).flatten_all().unwrap()]),
        )
        .unwrap();
        let q = f32_layer.to_int8().unwrap();
        assert!(q.wt.is_none() && q.is_int8());
        assert_eq!((q.in_dim(), q.out_dim()), (k, n));
        let x = t(&x, (rows, k));
        let vals = |t: Tensor| t.flatten_all().unwrap().to_vec1::<f32>().unwrap();
        let exact = vals(f32_layer.forward(&x).unwrap());
        let int8 = vals(q.forward(&x).unwrap());
        let deq = vals(q.forward_candle(&x).unwrap());
        for i in 0..rows * n {
            assert!(
                (int8[i] - exact[i]).abs() < 0.05,
                "int8 {} vs {}",
                int8[i],
                exact[i]
            );
            assert!(
                (deq[i] - exact[i]).abs() < 0.02,
                "dequantized {} vs {}",
                deq[i],
                exact[i]
            );
        }
    }

    #[test]
    fn simd_row_quantization_gives_the_scalar_bytes() {
        let mut seed = 7u64;
        for k in [1usize, 15, 16, 37, 384, 1536] {
            let x: Vec<f32> = (0..k)
                .map(|i| lcg(&mut seed) * (1.0 + (i % 13) as f32))
                .collect();
            let kp = k.div_ceil(4) * 4;
            let (mut a, mut b) = (vec![0u8; kp], vec![0u8; kp]);
            let ra = quantize_row(&x, &mut a);
            let rb = quantize_row_best(&x, &mut b);
            assert_eq!((ra, &a), (rb, &b), "k={k}");
        }
    }

    #[test]
    fn a_zero_row_and_a_constant_row_quantize_exactly() {
        let x = [0f32, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0, 2.0];
        let q = QuantRows::new(&x, 2, 5, 5);
        let wt: Vec<f32> = (0..5 * 3).map(|i| i as f32 * 0.1).collect();
        let w = Int8Weights::quantize(&wt, 5, 3);
        let mut out = vec![0f32; 6];
        matmul_into(isa(), &q, &w, None, Activation::Identity, &mut out);
        assert_eq!(&out[..3], &[0.0, 0.0, 0.0]);
        for c in 0..3 {
            let exact: f32 = (0..5).map(|k| 2.0 * wt[k * 3 + c]).sum();
            assert!((out[3 + c] - exact).abs() < 0.02 * exact.abs() + 1e-3);
        }
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    /// Not a test: `cargo test --release -p ingot-models --lib int8::timing -- --ignored
    /// --nocapture` prints the median time of one product at the shapes of MiniLM's layers.
    #[test]
    #[ignore]
    fn print_product_times() {
        for (rows, k, n) in [
            (11usize, 384usize, 1152usize),
            (11, 384, 384),
            (11, 384, 1536),
            (11, 1536, 384),
            (600, 384, 1536),
            (600, 1536, 384),
        ] {
            let x: Vec<f32> = (0..rows * k)
                .map(|i| ((i * 7919) % 1000) as f32 / 500.0 - 1.0)
                .collect();
            let wt: Vec<f32> = (0..k * n)
                .map(|i| ((i * 104729) % 1000) as f32 / 5000.0 - 0.1)
                .collect();
            let w = Int8Weights::quantize(&wt, k, n);
            let mut out = vec![0f32; rows * n];
            let mut ts = vec![];
            for _ in 0..2000 {
                let t0 = std::time::Instant::now();
                let q = QuantRows::new(&x, rows, k, k);
                matmul_into(isa(), &q, &w, None, Activation::Identity, &mut out);
                ts.push(t0.elapsed().as_secs_f64() * 1e6);
            }
            ts.sort_by(|a, b| a.partial_cmp(b).unwrap());
            println!(
                "{rows}x{k}x{n}: median {:.1} us, p10 {:.1} us, threads {}",
                ts[ts.len() / 2],
                ts[ts.len() / 10],
                crate::pool::Pool::global().threads()
            );
        }
    }
}
