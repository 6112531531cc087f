//! f32 matrix products against weights packed once, for the encoders' linear layers.
//! Input: activations `x: [rows, k]` (rows contiguous), a layer's `W^T: [k, n]` packed by
//! `PackedWeights::pack`, an optional bias and an activation. Output: `act(x @ W^T + b)` as a
//! `[rows, n]` row-major buffer, which `crate::nn::Linear` wraps back into a tensor.
//!
//! Why not the gemm crate here: it reads `W^T` in place, 64 columns per step of k, so each
//! step of its microkernel touches a new 4 KiB page (a row of `W^T` is `n * 4` bytes) and the
//! hardware prefetchers cannot follow; at batch 1 (a dozen rows) the product is a stream of
//! the weights and that stream was the whole cost. Packing each layer once into panels of 32
//! columns, contiguous along k, turns it into one sequential stream per panel. The bias and
//! the activation are applied to each tile while it is still in registers or L1, and the
//! work is split over `crate::pool` (persistent workers that spin briefly between products)
//! instead of opening a rayon region per product.
//!
//! The microkernel is AVX-512F (12 rows x 32 columns of accumulators, detected at run time);
//! `PackedWeights::pack` returns `None` on other CPUs and the caller keeps the gemm crate.
#![allow(clippy::too_many_arguments)]

use crate::nn::Activation;

/// Columns per packed panel: two 16-lane vectors.
pub(crate) const NR: usize = 32;
/// Rows per microkernel tile (24 accumulators + 2 weight vectors + 1 broadcast of 32 zmm).
const MR: usize = 12;
/// Depth of one pass over k. The encoders' layers (k = 384 to 1536) then take one pass, so
/// no tile of `out` is stored and reloaded between passes: on a Zen 5 EPYC the
/// down-projection (k = 1536) ran at 222 GFLOP/s per core with 512-deep passes and 246 with
/// one. The packed tile of x (72 KiB at this depth) lives on the stack.
const KC: usize = 1536;

/// 16 floats on a 64-byte boundary, so a panel row is two aligned vector loads.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([f32; 16]);

/// `W^T: [k, n]` as `ceil(n / 32)` panels, each `[k][32]` (columns past `n` are zero).
#[derive(Clone)]
pub struct PackedWeights {
    k: usize,
    n: usize,
    data: Vec<Line>,
}

impl std::fmt::Debug for PackedWeights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PackedWeights([{}, {}])", self.k, self.n)
    }
}

/// Whether this CPU runs the packed kernels (AVX-512F); never AMX.
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx512f")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether linear layers use the packed kernels: on AVX-512F CPUs unless `INGOT_SGEMM=0`.
pub(crate) fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| available() && std::env::var("INGOT_SGEMM").map_or(true, |v| v != "0"))
}

impl PackedWeights {
    /// Packs a row-major `W^T: [k, n]`; `None` where the packed kernels do not run.
    pub fn pack(wt: &[f32], k: usize, n: usize) -> Option<PackedWeights> {
        if !available() || k == 0 || n == 0 {
            return None;
        }
        Some(Self::pack_any_cpu(wt, k, n))
    }

    fn pack_any_cpu(wt: &[f32], k: usize, n: usize) -> PackedWeights {
        assert_eq!(wt.len(), k * n, "pack: W^T is not [k, n]");
        Self::fill(k, n, |c0, w, panel| {
            for (kk, dst) in panel.chunks_exact_mut(NR).enumerate() {
                dst[..w].copy_from_slice(&wt[kk * n + c0..kk * n + c0 + w]);
                dst[w..].fill(0.0);
            }
        })
    }

    /// Packs `W^T` straight from torch-layout weights: `ws` are row-major `[n_i, k]` blocks
    /// stacked along the output axis (`cat(ws, 0)`, as `nn::Linear::from_torch` fuses Q, K and
    /// V), so `W^T` is never formed. `None` where the packed kernels do not run. The result is
    /// bit for bit what `pack(cat(ws, 0).t())` gives: packing only moves values.
    pub fn pack_rows(ws: &[&[f32]], k: usize) -> Option<PackedWeights> {
        if !available() || k == 0 || ws.iter().any(|w| !w.len().is_multiple_of(k)) {
            return None;
        }
        // Output column j is row `rows[j]` of its block.
        let rows: Vec<&[f32]> = ws.iter().flat_map(|w| w.chunks_exact(k)).collect();
        let n = rows.len();
        if n == 0 {
            return None;
        }
        Some(Self::fill(k, n, |c0, w, panel| {
            // A panel is k x 32 floats (96-144 KiB at EmbeddingGemma's shapes): it stays in L2
            // while its 32 source rows stream in, each read once, sequentially.
            if w < NR {
                panel.fill(0.0);
            }
            for (j, row) in rows[c0..c0 + w].iter().enumerate() {
                for (kk, v) in row.iter().enumerate() {
                    // SAFETY: kk < k and j < NR, and the panel holds k * NR floats.
                    unsafe { *panel.get_unchecked_mut(kk * NR + j) = *v };
                }
            }
        }))
    }

    /// A `[k, n]` packing whose panels `fill(c0, width, panel)` writes in full (`panel` is
    /// `k x NR` floats, columns `c0..c0 + width` of `W^T` then zeros), the panels in parallel.
    /// The buffer is fresh memory that the fill touches first: on Linux it is advised for huge
    /// pages, so EmbeddingGemma's ~400 MB of panels cost a few hundred page faults at load,
    /// not a hundred thousand.
    fn fill(k: usize, n: usize, fill: impl Fn(usize, usize, &mut [f32]) + Sync) -> PackedWeights {
        use rayon::prelude::*;
        let panels = n.div_ceil(NR);
        let lines = panels * k * 2;
        let mut data: Vec<Line> = Vec::with_capacity(lines);
        advise_huge_pages(
            data.as_mut_ptr() as *mut u8,
            lines * std::mem::size_of::<Line>(),
        );
        data.spare_capacity_mut()
            .par_chunks_mut(k * 2)
            .enumerate()
            .for_each(|(p, panel)| {
                let c0 = p * NR;
                // SAFETY: `Line` is 16 plain floats, so any bytes are a valid value; `fill`
                // writes every float of the panel before `set_len` below makes it readable.
                let panel = unsafe {
                    std::slice::from_raw_parts_mut(panel.as_mut_ptr() as *mut f32, panel.len() * 16)
                };
                fill(c0, NR.min(n - c0), panel);
            });
        // SAFETY: every panel was written above.
        unsafe { data.set_len(lines) };
        PackedWeights { k, n, data }
    }

    /// `W^T` as a row-major `[k, n]` matrix again (for the paths that need the plain weights:
    /// another device, int8 quantization, non-f32 activations).
    pub fn unpack(&self) -> Vec<f32> {
        let (k, n) = (self.k, self.n);
        let flat = self.floats();
        let mut wt = vec![0f32; k * n];
        for (p, panel) in flat.chunks_exact(k * NR).enumerate() {
            let c0 = p * NR;
            let w = NR.min(n - c0);
            for (kk, src) in panel.chunks_exact(NR).enumerate() {
                wt[kk * n + c0..kk * n + c0 + w].copy_from_slice(&src[..w]);
            }
        }
        wt
    }

    /// Multiplies columns `start..start + len` of `W^T` by `s` in place (the same f32 products
    /// as scaling the plain weights: `nn::Linear::scale_cols`).
    pub fn scale_cols(&mut self, start: usize, len: usize, s: f32) {
        let k = self.k;
        // SAFETY: `Line` is 16 plain floats with no padding.
        let flat = unsafe {
            std::slice::from_raw_parts_mut(self.data.as_mut_ptr() as *mut f32, self.data.len() * 16)
        };
        for j in start..(start + len).min(self.n) {
            let (p, lane) = (j / NR, j % NR);
            for kk in 0..k {
                flat[(p * k + kk) * NR + lane] *= s;
            }
        }
    }

    fn floats(&self) -> &[f32] {
        // SAFETY: `Line` is 16 plain floats with no padding.
        unsafe {
            std::slice::from_raw_parts(self.data.as_ptr() as *const f32, self.data.len() * 16)
        }
    }

    pub fn k(&self) -> usize {
        self.k
    }
    pub fn n(&self) -> usize {
        self.n
    }
    fn panels(&self) -> usize {
        self.n.div_ceil(NR)
    }
    /// Bytes held, for memory accounting.
    pub fn bytes(&self) -> usize {
        self.data.len() * std::mem::size_of::<Line>()
    }
}

/// Asks Linux for transparent huge pages over the 2 MiB-aligned part of a fresh allocation
/// (`/sys/kernel/mm/transparent_hugepage/enabled` is `madvise` on most distributions, so
/// without this the kernel maps 4 KiB pages); elsewhere, or if the kernel refuses, nothing
/// changes. `INGOT_HUGEPAGES=0` turns it off.
fn advise_huge_pages(ptr: *mut u8, len: usize) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        const MADV_HUGEPAGE: i32 = 14;
        extern "C" {
            fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
        }
        static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        if !*ON.get_or_init(|| std::env::var("INGOT_HUGEPAGES").map_or(true, |v| v != "0")) {
            return;
        }
        let start = (ptr as usize).next_multiple_of(HUGE);
        let end = (ptr as usize + len) / HUGE * HUGE;
        if end > start {
            // SAFETY: the range lies inside an allocation this process owns; MADV_HUGEPAGE
            // changes how its pages are backed, never their contents.
            unsafe {
                madvise(start as *mut std::ffi::c_void, end - start, MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (ptr, len);
}

#[derive(Clone, Copy)]
struct SendPtr(*mut f32);
unsafe impl Send for SendPtr {}
unsafe impl Sync for SendPtr {}

/// `out = act(x @ W^T + bias)`: `x` holds `rows` rows of `k` floats, row `i` starting at
/// `i * lda`; `out` is `[rows, n]` row-major and fully written. Splits the work over the
/// process pool when it is large enough to pay for it.
pub fn matmul(
    x: &[f32],
    rows: usize,
    lda: usize,
    w: &PackedWeights,
    bias: Option<&[f32]>,
    act: Activation,
    out: &mut [f32],
) {
    let (k, n) = (w.k, w.n);
    assert!(lda >= k, "sgemm: row stride {lda} < k {k}");
    assert!(
        rows == 0 || x.len() >= (rows - 1) * lda + k,
        "sgemm: x is too short"
    );
    assert!(out.len() >= rows * n, "sgemm: out is too short");
    assert!(
        bias.is_none_or(|b| b.len() >= n),
        "sgemm: bias is too short"
    );
    assert!(
        available(),
        "sgemm: packed weights on a CPU without AVX-512F"
    );
    if rows == 0 {
        return;
    }
    let panels = w.panels();
    let pool = crate::pool::Pool::global();
    let threads = pool.threads();
    // Tasks: chunks of rows (multiples of the tile height) times chunks of panels. Small
    // products (a batch of one sentence) split the panels only, so each thread streams its
    // own share of the weights; large ones split rows first, so each thread keeps the whole
    // (L2-sized) weight matrix and its own rows. More tasks than threads, so a descheduled
    // worker holds back little.
    let flops = rows * n * k;
    let (row_chunk, panel_chunk) = if threads <= 1 || flops < 1 << 20 {
        (rows, panels)
    } else {
        let want = threads * 4;
        let row_tiles = rows.div_ceil(MR);
        let row_tasks = (row_tiles / 4).clamp(1, want);
        let row_chunk = row_tiles.div_ceil(row_tasks) * MR;
        let row_tasks = rows.div_ceil(row_chunk);
        let panel_tasks = (want / row_tasks).clamp(1, panels);
        (row_chunk, panels.div_ceil(panel_tasks))
    };
    let row_tasks = rows.div_ceil(row_chunk);
    let panel_tasks = panels.div_ceil(panel_chunk);
    let out_ptr = SendPtr(out.as_mut_ptr());
    let task = |t: usize| {
        #[allow(clippy::redundant_locals)]
        let out_ptr = out_ptr;
        let (rt, pt) = (t / panel_tasks, t % panel_tasks);
        let r0 = rt * row_chunk;
        let r1 = (r0 + row_chunk).min(rows);
        let p0 = pt * panel_chunk;
        let p1 = (p0 + panel_chunk).min(panels);
        // SAFETY: task (rt, pt) writes only rows r0..r1, columns of panels p0..p1 of `out`;
        // tasks are disjoint and `out` outlives the pool job. The shapes were checked above.
        unsafe { block(x, lda, w, bias, act, out_ptr.0, (r0, r1), (p0, p1)) };
    };
    let tasks = row_tasks * panel_tasks;
    if tasks == 1 {
        task(0);
    } else {
        pool.run(tasks, &task);
    }
}

/// Rows `r0..r1` times panels `p0..p1`, k in passes of `KC`.
unsafe fn block(
    x: &[f32],
    lda: usize,
    w: &PackedWeights,
    bias: Option<&[f32]>,
    act: Activation,
    out: *mut f32,
    (r0, r1): (usize, usize),
    (p0, p1): (usize, usize),
) {
    #[cfg(target_arch = "x86_64")]
    {
        avx512::block(x, lda, w, bias, act, out, (r0, r1), (p0, p1))
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (x, lda, w, bias, act, out, r0, r1, p0, p1);
        unreachable!("packed weights exist only on x86_64 with AVX-512F")
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::*;
    use std::arch::x86_64::*;

    #[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
    pub(super) unsafe fn block(
        x: &[f32],
        lda: usize,
        w: &PackedWeights,
        bias: Option<&[f32]>,
        act: Activation,
        out: *mut f32,
        (r0, r1): (usize, usize),
        (p0, p1): (usize, usize),
    ) {
        let (k, n) = (w.k, w.n);
        let base = w.data.as_ptr() as *const f32;
        let mut kb = 0;
        while kb < k {
            let kc = KC.min(k - kb);
            let first = kb == 0;
            let last = kb + kc == k;
            let mut r = r0;
            // The tile's rows of x at this depth, interleaved as `[kc][MR]`: the microkernel
            // then broadcasts from one pointer at fixed offsets instead of computing 12 row
            // addresses per step of k (the loop was front-end bound on those adds).
            let mut apack = [0f32; KC * MR];
            while r < r1 {
                let mr = MR.min(r1 - r);
                pack_tile(x, lda, r, mr, kb, kc, &mut apack);
                let a = apack.as_ptr();
                for p in p0..p1 {
                    let c0 = p * NR;
                    let cols = NR.min(n - c0);
                    let bp = base.add((p * k + kb) * NR);
                    let c = out.add(r * n + c0);
                    let bias_p = if last {
                        bias.map(|b| b.as_ptr().add(c0))
                    } else {
                        None
                    };
                    let tile = Tile {
                        a,
                        bp,
                        kc,
                        c,
                        ldc: n,
                        cols,
                        first,
                        bias: bias_p,
                    };
                    match mr {
                        12 => kernel::<12>(&tile),
                        11 => kernel::<11>(&tile),
                        10 => kernel::<10>(&tile),
                        9 => kernel::<9>(&tile),
                        8 => kernel::<8>(&tile),
                        7 => kernel::<7>(&tile),
                        6 => kernel::<6>(&tile),
                        5 => kernel::<5>(&tile),
                        4 => kernel::<4>(&tile),
                        3 => kernel::<3>(&tile),
                        2 => kernel::<2>(&tile),
                        _ => kernel::<1>(&tile),
                    }
                    if last && act != Activation::Identity {
                        for i in 0..mr {
                            let row = std::slice::from_raw_parts_mut(c.add(i * n), cols);
                            crate::kernels::act_inline(act, row);
                        }
                    }
                }
                r += mr;
            }
            kb += kc;
        }
    }

    /// Rows `r..r + mr` of x at depths `kb..kb + kc`, interleaved into `apack` as `[kc][MR]`.
    /// Whole blocks of 16 depths go through a 16 x 16 transpose in registers (rows past
    /// `mr` are zero and not stored); the scalar interleave it replaces was 4-8% of the
    /// feed-forward down-projection (k = 1536, 12 panels per tile to amortise it over).
    #[inline(always)]
    unsafe fn pack_tile(
        x: &[f32],
        lda: usize,
        r: usize,
        mr: usize,
        kb: usize,
        kc: usize,
        apack: &mut [f32; KC * MR],
    ) {
        debug_assert!(kc <= KC && mr <= MR);
        let dst = apack.as_mut_ptr();
        let whole = kc / 16 * 16;
        for k0 in (0..whole).step_by(16) {
            let rows: [__m512; 16] = std::array::from_fn(|i| {
                if i < mr {
                    _mm512_loadu_ps(x.as_ptr().add((r + i) * lda + kb + k0))
                } else {
                    _mm512_setzero_ps()
                }
            });
            let cols = crate::kernels::transpose16(rows);
            for (j, c) in cols.iter().enumerate() {
                // 12 of the 16 lanes: the next depth's row starts right after.
                _mm512_mask_storeu_ps(dst.add((k0 + j) * MR), 0x0fff, *c);
            }
        }
        for i in 0..mr {
            let src = &x[(r + i) * lda + kb + whole..(r + i) * lda + kb + kc];
            for (kk, v) in src.iter().enumerate() {
                *dst.add((whole + kk) * MR + i) = *v;
            }
        }
    }

    struct Tile {
        /// The tile's rows at depth `kb`, `[kc][MR]`: row i of step kk at `a + kk * MR + i`.
        a: *const f32,
        /// The panel at depth `kb`: `kc` rows of 32 aligned floats.
        bp: *const f32,
        kc: usize,
        /// The tile's first output element; row i at `c + i * ldc`.
        c: *mut f32,
        ldc: usize,
        /// Valid columns of this panel (32, or fewer in the last panel).
        cols: usize,
        /// First pass over k: start from zero, else from what `c` holds.
        first: bool,
        /// Added at the last pass over k.
        bias: Option<*const f32>,
    }

    /// One `R x 32` tile over one pass of k.
    #[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
    unsafe fn kernel<const R: usize>(t: &Tile) {
        let m0: __mmask16 = if t.cols >= 16 {
            0xffff
        } else {
            ((1u32 << t.cols) - 1) as __mmask16
        };
        let m1: __mmask16 = if t.cols >= 32 {
            0xffff
        } else if t.cols > 16 {
            ((1u32 << (t.cols - 16)) - 1) as __mmask16
        } else {
            0
        };
        let mut acc0 = [_mm512_setzero_ps(); R];
        let mut acc1 = [_mm512_setzero_ps(); R];
        if !t.first {
            for i in 0..R {
                let c = t.c.add(i * t.ldc);
                acc0[i] = _mm512_maskz_loadu_ps(m0, c);
                acc1[i] = _mm512_maskz_loadu_ps(m1, c.add(16));
            }
        }
        let mut a = t.a;
        let mut bp = t.bp;
        // Prefetch the panel a few hundred bytes ahead: at batch 1 this stream is the cost.
        const AHEAD: usize = 8 * NR;
        for _ in 0..t.kc {
            _mm_prefetch::<_MM_HINT_T0>(bp.add(AHEAD) as *const i8);
            _mm_prefetch::<_MM_HINT_T0>(bp.add(AHEAD + 16) as *const i8);
            let b0 = _mm512_load_ps(bp);
            let b1 = _mm512_load_ps(bp.add(16));
            for i in 0..R {
                let av = _mm512_set1_ps(*a.add(i));
                acc0[i] = _mm512_fmadd_ps(av, b0, acc0[i]);
                acc1[i] = _mm512_fmadd_ps(av, b1, acc1[i]);
            }
            bp = bp.add(NR);
            a = a.add(MR);
        }
        if let Some(b) = t.bias {
            let b0 = _mm512_maskz_loadu_ps(m0, b);
            let b1 = _mm512_maskz_loadu_ps(m1, b.add(16));
            for i in 0..R {
                acc0[i] = _mm512_add_ps(acc0[i], b0);
                acc1[i] = _mm512_add_ps(acc1[i], b1);
            }
        }
        for i in 0..R {
            let c = t.c.add(i * t.ldc);
            _mm512_mask_storeu_ps(c, m0, acc0[i]);
            _mm512_mask_storeu_ps(c.add(16), m1, acc1[i]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gen(len: usize, seed: u64) -> Vec<f32> {
        let mut s = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..len)
            .map(|_| {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((s >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 2.0
            })
            .collect()
    }

    /// `act(x @ wt + b)` in f64, the reference.
    fn naive(
        x: &[f32],
        rows: usize,
        lda: usize,
        wt: &[f32],
        k: usize,
        n: usize,
        bias: Option<&[f32]>,
        act: Activation,
    ) -> Vec<f32> {
        let mut out = vec![0f32; rows * n];
        for i in 0..rows {
            for j in 0..n {
                let mut s = bias.map_or(0.0, |b| b[j] as f64);
                for kk in 0..k {
                    s += x[i * lda + kk] as f64 * wt[kk * n + j] as f64;
                }
                let v = s as f32;
                out[i * n + j] = match act {
                    Activation::Identity => v,
                    Activation::Relu => v.max(0.0),
                    Activation::GeluErf => {
                        // erf through f64's series-free route: 0.5 v (1 + erf(v / sqrt 2)).
                        let z = v as f64 / std::f64::consts::SQRT_2;
                        (0.5 * v as f64 * (1.0 + erf(z))) as f32
                    }
                    _ => unreachable!(),
                };
            }
        }
        out
    }

    /// erf to ~1e-12 (Numerical Recipes' erfc with Chebyshev coefficients).
    fn erf(x: f64) -> f64 {
        let z = x.abs();
        let t = 1.0 / (1.0 + 0.5 * z);
        let r = t
            * (-z * z - 1.26551223
                + t * (1.00002368
                    + t * (0.37409196
                        + t * (0.09678418
                            + t * (-0.18628806
                                + t * (0.27886807
                                    + t * (-1.13520398
                                        + t * (1.48851587
                                            + t * (-0.82215223 + t * 0.17087277)))))))))
                .exp();
        if x >= 0.0 {
            1.0 - r
        } else {
            r - 1.0
        }
    }

    #[test]
    fn packed_matmul_matches_naive() {
        if !available() {
            eprintln!("no AVX-512F: the packed kernels do not run on this CPU");
            return;
        }
        // Odd shapes: one row, rows around the 12-row tile, k not a multiple of 16 and past
        // one and two passes (KC), n not a multiple of 32 (and under 16), padded row strides.
        let shapes = [
            (1usize, 384usize, 1152usize, 384usize),
            (1, 7, 5, 7),
            (11, 384, 1536, 384),
            (12, 1536, 384, 1536),
            (13, 100, 33, 101),
            (25, 1025, 47, 1030),
            (3, 17, 16, 17),
            (200, 384, 384, 390),
            (37, 513, 70, 513),
            (14, 3100, 40, 3104),
        ];
        for (si, &(rows, k, n, lda)) in shapes.iter().enumerate() {
            let x = gen(rows * lda, si as u64 * 3 + 1);
            let wt: Vec<f32> = gen(k * n, si as u64 * 3 + 2)
                .iter()
                .map(|v| v * 0.1)
                .collect();
            let b = gen(n, si as u64 * 3 + 3);
            let w = PackedWeights::pack(&wt, k, n).unwrap();
            for (bias, act) in [
                (None, Activation::Identity),
                (Some(&b[..]), Activation::Identity),
                (Some(&b[..]), Activation::GeluErf),
                (None, Activation::Relu),
            ] {
                let mut got = vec![f32::NAN; rows * n];
                matmul(&x, rows, lda, &w, bias, act, &mut got);
                let want = naive(&x, rows, lda, &wt, k, n, bias, act);
                let err = got
                    .iter()
                    .zip(&want)
                    .map(|(a, b)| (a - b).abs())
                    .fold(
                        0f32,
                        |m, e| if e.is_nan() { f32::INFINITY } else { m.max(e) },
                    );
                let tol = 1e-5 * (k as f32).sqrt();
                assert!(
                    err <= tol,
                    "rows={rows} k={k} n={n} lda={lda} bias={} act={act:?}: max err {err}",
                    bias.is_some()
                );
            }
        }
    }

    #[test]
    fn packing_from_torch_rows_is_the_packing_of_the_transpose() {
        if !available() {
            eprintln!("no AVX-512F: the packed kernels do not run on this CPU");
            return;
        }
        // Fused blocks of uneven heights (Q, K, V), n not a multiple of 32, k odd.
        for (heights, k) in [
            (vec![40usize, 8, 8], 37usize),
            (vec![3], 5),
            (vec![64, 64], 16),
        ] {
            let blocks: Vec<Vec<f32>> = heights
                .iter()
                .enumerate()
                .map(|(i, h)| gen(h * k, 10 + i as u64))
                .collect();
            let n: usize = heights.iter().sum();
            // W^T = cat(blocks, 0).t()
            let rows: Vec<&[f32]> = blocks.iter().flat_map(|b| b.chunks_exact(k)).collect();
            let wt: Vec<f32> = (0..k * n).map(|i| rows[i % n][i / n]).collect();
            let slices: Vec<&[f32]> = blocks.iter().map(|b| b.as_slice()).collect();
            let a = PackedWeights::pack_rows(&slices, k).unwrap();
            let b = PackedWeights::pack(&wt, k, n).unwrap();
            assert_eq!((a.k(), a.n()), (k, n));
            assert_eq!(a.floats(), b.floats(), "heights {heights:?}, k {k}");
            assert_eq!(a.unpack(), wt);
            // Scaling columns in the packing is scaling the columns of W^T.
            let (start, len, f) = (2usize, n / 2, 0.0625f32 * 3.0);
            let mut scaled = a.clone();
            scaled.scale_cols(start, len, f);
            let want: Vec<f32> = (0..k * n)
                .map(|i| {
                    if (start..start + len).contains(&(i % n)) {
                        wt[i] * f
                    } else {
                        wt[i]
                    }
                })
                .collect();
            assert_eq!(scaled.unpack(), want);
        }
        assert!(
            PackedWeights::pack_rows(&[&[1.0; 6][..]], 4).is_none(),
            "6 is not rows of 4"
        );
    }

    #[test]
    fn zero_rows_write_nothing() {
        if !available() {
            return;
        }
        let w = PackedWeights::pack(&[1.0; 6], 2, 3).unwrap();
        let mut out: Vec<f32> = vec![];
        matmul(&[], 0, 2, &w, None, Activation::Identity, &mut out);
    }
}

#[cfg(test)]
mod perf_probe {
    use super::*;

    /// GFLOP/s and weight GB/s of all-MiniLM-L6-v2's 24 products at batch 1 (11 rows) and at
    /// a long batch (1489 rows), one thread and the pool:
    /// `cargo test --release -p ingot-models --lib -- --ignored --nocapture sgemm_speed`.
    #[test]
    #[ignore]
    fn sgemm_speed() {
        if !available() {
            return;
        }
        let shapes = [(384usize, 1152usize), (384, 384), (384, 1536), (1536, 384)];
        let ws: Vec<PackedWeights> = (0..24)
            .map(|i| {
                let (k, n) = shapes[i % 4];
                let wt: Vec<f32> = (0..k * n)
                    .map(|j| ((j * 7 + i) % 13) as f32 * 0.01)
                    .collect();
                PackedWeights::pack(&wt, k, n).unwrap()
            })
            .collect();
        let bytes: usize = ws.iter().map(|w| w.bytes()).sum();
        for rows in [11usize, 1489] {
            let x: Vec<f32> = (0..rows * 1536).map(|j| (j % 17) as f32 * 0.1).collect();
            let mut out = vec![0f32; rows * 1536];
            let flops: usize = ws.iter().map(|w| 2 * rows * w.k() * w.n()).sum();
            let reps = if rows < 100 { 200 } else { 3 };
            for single in [true, false] {
                let mut best = f64::MAX;
                for _ in 0..3 {
                    let t = std::time::Instant::now();
                    for _ in 0..reps {
                        for w in &ws {
                            if single {
                                let panels = w.panels();
                                unsafe {
                                    block(
                                        &x,
                                        w.k(),
                                        w,
                                        None,
                                        Activation::Identity,
                                        out.as_mut_ptr(),
                                        (0, rows),
                                        (0, panels),
                                    )
                                };
                            } else {
                                matmul(&x, rows, w.k(), w, None, Activation::Identity, &mut out);
                            }
                        }
                    }
                    best = best.min(t.elapsed().as_secs_f64() / reps as f64);
                }
                eprintln!(
                    "rows {rows} {}: {:.3} ms per pass, {:.1} GFLOP/s, {:.1} GB/s of weights",
                    if single { "1 thread" } else { "pool" },
                    best * 1e3,
                    flops as f64 / best / 1e9,
                    bytes as f64 / best / 1e9
                );
            }
        }
    }
}
