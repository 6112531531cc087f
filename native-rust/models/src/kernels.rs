//! Hand-fused CPU kernels on raw f32 slices, for the hot paths of the encoders:
//!
//! * `linear`: one GEMM (the gemm crate, AVX-512 when available) whose destination is
//!   pre-filled with the bias, followed by the activation in place: no separate bias or
//!   activation passes, no transposed operand.
//! * `attention`: per (batch, head) scores = Q K^T, + mask bias, softmax, @ V, reading Q/K/V
//!   straight out of the fused QKV buffer through strides and writing the context directly
//!   in `[b, t, heads * head_dim]` order: no head-split or transpose copies.
//! * `add_layer_norm`: residual add + LayerNorm in one pass.
//! * Gemma3: `add_rms_norm2` (post-norm, residual add into the stream in place, next
//!   pre-norm: one pass), `qk_norm_rope` (q/k RMSNorm + RoPE from the QKV buffer, one pass),
//!   `rms_norm_rows`.
//! * RoPE encoders (NomicBERT, ModernBERT, Qwen3): `qk_rope` (RoPE from the QKV buffer, one
//!   pass), and the pre-norm residual stream `add_rms_norm` / `add_layer_norm_res` (residual
//!   add in place, next sub-layer's norm: one pass).
//! * vectorisable `exp`, `erf` and `tanh` (rational/polynomial approximations, < 2e-7 abs
//!   error; see the unit tests) compiled for AVX-512 and AVX2 with runtime dispatch.
//!
//! Work is split with rayon (the same pool gemm uses), so one pool serves a whole forward.
#![allow(
    clippy::excessive_precision,
    clippy::too_many_arguments,
    clippy::needless_range_loop
)]

use crate::error::{Error, Result};
use crate::nn::Activation;
use candle_core::{DType, Device, Layout, Storage, Tensor};
use rayon::prelude::*;

/// Run `f` on a tensor's f32 data and layout (CPU only).
pub(crate) fn with_f32<R>(t: &Tensor, f: impl FnOnce(&[f32], &Layout) -> R) -> Result<R> {
    if t.dtype() != DType::F32 {
        return Err(Error::runtime(format!(
            "fused kernels need f32, got {:?}",
            t.dtype()
        )));
    }
    let (storage, layout) = t.storage_and_layout();
    match &*storage {
        Storage::Cpu(cpu) => Ok(f(cpu.as_slice::<f32>()?, layout)),
        _ => Err(Error::runtime("fused kernels run on the CPU only")),
    }
}

#[derive(Clone, Copy)]
struct SendPtr(*mut f32);
unsafe impl Send for SendPtr {}
unsafe impl Sync for SendPtr {}

fn threads() -> usize {
    rayon::current_num_threads()
}

/// Runs `f(i)` for every `i < n` on the process pool (`crate::pool`), whose workers spin
/// briefly between the regions of one forward instead of sleeping; inline when `parallel`
/// is false or there is one task. The encoders' fused path runs its matrix products on the
/// same pool, so rayon's workers and the pool's never compete for the cores.
fn par_for(n: usize, parallel: bool, f: impl Fn(usize) + Sync) {
    if !parallel || n <= 1 || threads() <= 1 {
        (0..n).for_each(f)
    } else {
        crate::pool::Pool::global().run(n, &f)
    }
}

thread_local! {
    /// Each thread's attention scratch, kept across calls (the pool's threads live on).
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// `job(i, scratch)` for every `i < n` on the pool, with this thread's scratch buffers.
fn par_for_scratch(n: usize, parallel: bool, job: impl Fn(usize, &mut Scratch) + Sync) {
    par_for(n, parallel, |i| {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => job(i, &mut s),
            // A job that itself opened a region on this thread: fresh buffers.
            Err(_) => job(i, &mut Scratch::default()),
        })
    })
}

fn par(flops: usize) -> gemm::Parallelism {
    // Below ~1 MFLOP, threading costs more than it saves.
    if flops < (1 << 20) || threads() <= 1 {
        gemm::Parallelism::None
    } else {
        gemm::Parallelism::Rayon(threads())
    }
}

// ---------------------------------------------------------------------------------------
// elementwise math

#[inline(always)]
fn exp_approx(x: f32) -> f32 {
    // Cephes expf: range reduction by ln 2, degree-6 polynomial, 2^n through the exponent bits.
    let x0 = x;
    let x = x.clamp(-87.33654, 88.72283);
    let n = (x * std::f32::consts::LOG2_E + 0.5).floor();
    let r = x - n * 0.693_359_4 - n * -2.121_944_4e-4;
    let mut p = 1.987_569_1e-4f32;
    p = p * r + 1.398_199_9e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 1.666_666_5e-1;
    p = p * r + 5.000_000_1e-1;
    let y = p * r * r + r + 1.0;
    let bits = ((n as i32 + 127) as u32) << 23;
    // Below the clamp the true value is < 1.2e-38: return exactly 0 as torch does for masked
    // logits (finfo.min), so padded keys get no weight at all.
    if x0 < -87.33654 {
        0.0
    } else {
        y * f32::from_bits(bits)
    }
}

#[inline(always)]
fn erf_approx(x: f32) -> f32 {
    // Rational approximation on [-4, 4] (as in Eigen / XLA's fast erf for float).
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_3e-10f32;
    p = p * x2 + 2.770_681_4e-8;
    p = p * x2 + -2.101_024e-6;
    p = p * x2 + -5.692_506_4e-5;
    p = p * x2 + -7.349_906_3e-4;
    p = p * x2 + -2.954_6e-3;
    p = p * x2 + -1.609_603_3e-2;
    let mut q = -1.456_607_2e-5f32;
    q = q * x2 + -2.133_740_6e-4;
    q = q * x2 + -1.682_827e-3;
    q = q * x2 + -7.373_329_2e-3;
    q = q * x2 + -1.426_474e-2;
    x * p / q
}

#[inline(always)]
fn tanh_approx(x: f32) -> f32 {
    // Rational approximation clamped to +-7.9 (Eigen's fast tanh for float).
    let x = x.clamp(-7.905_311, 7.905_311);
    let x2 = x * x;
    let mut p = -2.760_768_5e-16f32;
    p = p * x2 + 2.000_187_9e-13;
    p = p * x2 + -8.604_671_5e-11;
    p = p * x2 + 5.122_297e-8;
    p = p * x2 + 1.485_722_4e-5;
    p = p * x2 + 6.372_619_3e-4;
    p = p * x2 + 4.893_524_6e-3;
    let mut q = 1.198_258_4e-6f32;
    q = q * x2 + 1.185_347_1e-4;
    q = q * x2 + 2.268_434_6e-3;
    q = q * x2 + 4.893_525e-3;
    x * p / q
}

#[inline(always)]
fn act_one(a: Activation, v: f32) -> f32 {
    match a {
        Activation::GeluErf => 0.5 * v * (1.0 + erf_approx(v * std::f32::consts::FRAC_1_SQRT_2)),
        Activation::GeluTanh => {
            const S: f32 = 0.797_884_6; // sqrt(2/pi)
            0.5 * v * (1.0 + tanh_approx(S * (v + 0.044715 * v * v * v)))
        }
        Activation::Relu => v.max(0.0),
        Activation::Silu => v / (1.0 + exp_approx(-v)),
        Activation::Tanh => tanh_approx(v),
        Activation::Identity => v,
    }
}

macro_rules! multiversion {
    ($(#[$m:meta])* fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        $(#[$m])*
        fn $name($($arg: $ty),*) {
            #[inline(always)]
            fn imp($($arg: $ty),*) $body
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
                unsafe fn v4($($arg: $ty),*) { imp($($arg),*) }
                #[target_feature(enable = "avx2,fma")]
                unsafe fn v3($($arg: $ty),*) { imp($($arg),*) }
                if std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("avx512vl") {
                    return unsafe { v4($($arg),*) };
                }
                if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
                    return unsafe { v3($($arg),*) };
                }
            }
            imp($($arg),*)
        }
    };
}

/// `x = act(x)` over a slice, inlined into a caller compiled for wider vectors (the packed
/// GEMM's epilogue), where the loops vectorise for that caller's features.
#[inline(always)]
pub(crate) fn act_inline(a: Activation, x: &mut [f32]) {
    match a {
        Activation::GeluErf => x
            .iter_mut()
            .for_each(|v| *v = act_one(Activation::GeluErf, *v)),
        Activation::GeluTanh => x
            .iter_mut()
            .for_each(|v| *v = act_one(Activation::GeluTanh, *v)),
        Activation::Relu => x.iter_mut().for_each(|v| *v = v.max(0.0)),
        Activation::Silu => x
            .iter_mut()
            .for_each(|v| *v = act_one(Activation::Silu, *v)),
        Activation::Tanh => x
            .iter_mut()
            .for_each(|v| *v = act_one(Activation::Tanh, *v)),
        Activation::Identity => {}
    }
}

multiversion! {
    /// `x = act(x)` over a slice.
    fn act_slice(a: Activation, x: &mut [f32]) {
        match a {
            Activation::GeluErf => x.iter_mut().for_each(|v| *v = act_one(Activation::GeluErf, *v)),
            Activation::GeluTanh => x.iter_mut().for_each(|v| *v = act_one(Activation::GeluTanh, *v)),
            Activation::Relu => x.iter_mut().for_each(|v| *v = v.max(0.0)),
            Activation::Silu => x.iter_mut().for_each(|v| *v = act_one(Activation::Silu, *v)),
            Activation::Tanh => x.iter_mut().for_each(|v| *v = act_one(Activation::Tanh, *v)),
            Activation::Identity => {}
        }
    }
}

/// `x = act(x)` over a slice, for the int8 kernels' epilogue.
pub(crate) fn act_slice_pub(a: Activation, x: &mut [f32]) {
    act_slice(a, x)
}

const LANES: usize = 16;

/// Sum with 16 independent accumulators, so the compiler can keep them in one vector register.
#[inline(always)]
fn sum_lanes(x: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    let mut chunks = x.chunks_exact(LANES);
    for c in &mut chunks {
        for i in 0..LANES {
            acc[i] += c[i];
        }
    }
    let mut s = chunks.remainder().iter().sum::<f32>();
    for a in acc {
        s += a;
    }
    s
}

#[inline(always)]
fn max_lanes(x: &[f32]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; LANES];
    let mut chunks = x.chunks_exact(LANES);
    for c in &mut chunks {
        for i in 0..LANES {
            acc[i] = if c[i] > acc[i] { c[i] } else { acc[i] };
        }
    }
    let mut m = chunks
        .remainder()
        .iter()
        .fold(f32::NEG_INFINITY, |m, &v| if v > m { v } else { m });
    for a in acc {
        m = if a > m { a } else { m };
    }
    m
}

#[inline(always)]
fn softmax_row_inline(x: &mut [f32], bias: &[f32]) {
    if !bias.is_empty() {
        x.iter_mut().zip(bias).for_each(|(v, b)| *v += *b);
    }
    let max = max_lanes(x);
    x.iter_mut().for_each(|v| *v = exp_approx(*v - max));
    let inv = 1.0 / sum_lanes(x);
    x.iter_mut().for_each(|v| *v *= inv);
}

multiversion! {
    /// `x = softmax(x + bias)` over one row; `bias` may be empty.
    fn softmax_row(x: &mut [f32], bias: &[f32]) {
        softmax_row_inline(x, bias)
    }
}

multiversion! {
    /// `out = LayerNorm(a + b) * w + beta` over one row (two-pass variance, as torch).
    fn add_ln_row(a: &[f32], b: &[f32], w: &[f32], beta: &[f32], eps: f32, out: &mut [f32]) {
        let n = out.len() as f32;
        for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
            *o = x + y;
        }
        let mean = sum_lanes(out) / n;
        let mut acc = [0f32; LANES];
        let mut chunks = out.chunks_exact(LANES);
        for c in &mut chunks {
            for i in 0..LANES {
                let d = c[i] - mean;
                acc[i] += d * d;
            }
        }
        let mut var = chunks.remainder().iter().map(|o| (o - mean) * (o - mean)).sum::<f32>();
        for a in acc {
            var += a;
        }
        let rstd = 1.0 / (var / n + eps).sqrt();
        for ((o, g), bb) in out.iter_mut().zip(w).zip(beta) {
            *o = (*o - mean) * rstd * g + bb;
        }
    }
}

/// Apply an activation to a whole buffer, in parallel for large buffers.
pub(crate) fn activate(a: Activation, x: &mut [f32]) {
    if a == Activation::Identity {
        return;
    }
    if x.len() < 1 << 14 || threads() <= 1 {
        act_slice(a, x);
    } else {
        let chunk = x.len().div_ceil(threads() * 4).max(4096);
        x.par_chunks_mut(chunk).for_each(|c| act_slice(a, c));
    }
}

// ---------------------------------------------------------------------------------------
// linear

/// `act(x @ wt + bias)` with `x: [rows, k]` (any strides), `wt: [k, n]` contiguous.
pub(crate) fn linear(
    x: &Tensor,
    wt: &Tensor,
    bias: Option<&Tensor>,
    act: Activation,
) -> Result<Tensor> {
    let (rows, k) = x.dims2()?;
    let (k2, n) = wt.dims2()?;
    if k != k2 {
        return Err(Error::runtime(format!(
            "linear: x is [{rows}, {k}] but weight is [{k2}, {n}]"
        )));
    }
    // With a bias the destination starts as the bias rows and gemm accumulates into it;
    // without one gemm only writes it (read_dst = false never reads dst, not even as 0 * dst),
    // so it is left uninitialised instead of being zeroed first, and its length is set after.
    let mut dst: Vec<f32> = Vec::with_capacity(rows * n);
    let has_bias = bias.is_some();
    if let Some(b) = bias {
        let b = b.contiguous()?;
        with_f32(&b, |bs, l| {
            let bs = &bs[l.start_offset()..l.start_offset() + n];
            for _ in 0..rows {
                dst.extend_from_slice(bs);
            }
        })?;
    }
    with_f32(x, |xs, xl| -> Result<()> {
        let (xrs, xcs) = match xl.stride() {
            [rs, cs] => (*rs as isize, *cs as isize),
            _ => return Err(Error::runtime("linear: x must be 2-D")),
        };
        with_f32(wt, |ws, wl| -> Result<()> {
            if !wl.is_contiguous() {
                return Err(Error::runtime("linear: weight must be contiguous"));
            }
            if rows == 0 || n == 0 {
                return Ok(());
            }
            unsafe {
                gemm::gemm(
                    rows,
                    n,
                    k,
                    dst.as_mut_ptr(),
                    1,
                    n as isize,
                    has_bias,
                    xs.as_ptr().add(xl.start_offset()),
                    xcs,
                    xrs,
                    ws.as_ptr().add(wl.start_offset()),
                    1,
                    n as isize,
                    1.0,
                    1.0,
                    false,
                    false,
                    false,
                    par(rows * n * k),
                );
                // SAFETY: gemm wrote every element of the rows x n destination.
                dst.set_len(rows * n);
            }
            Ok(())
        })?
    })??;
    if dst.len() != rows * n {
        dst.resize(rows * n, 0.0); // rows == 0 or n == 0, or k == 0 (gemm then writes zeros)
    }
    activate(act, &mut dst);
    Ok(Tensor::from_vec(dst, (rows, n), &Device::Cpu)?)
}

/// `act(x @ W^T + bias)` with `x: [rows, k]` (rows contiguous, else copied) against weights
/// packed once (`crate::sgemm`): bias and activation in the product's epilogue.
pub(crate) fn linear_packed(
    x: &Tensor,
    w: &crate::sgemm::PackedWeights,
    bias: Option<&Tensor>,
    act: Activation,
) -> Result<Tensor> {
    let (rows, k) = x.dims2()?;
    let n = w.n();
    if k != w.k() {
        return Err(Error::runtime(format!(
            "linear: x is [{rows}, {k}] but weight is [{}, {n}]",
            w.k()
        )));
    }
    // The kernel reads rows at a stride with unit columns; a broadcast (stride 0) or
    // column-strided view is copied first.
    let x = match x.layout().stride() {
        [rs, 1] if *rs >= k || rows <= 1 => x.clone(),
        _ => x.contiguous()?,
    };
    let bias = bias.map(|b| b.contiguous()).transpose()?;
    let mut dst: Vec<f32> = Vec::with_capacity(rows * n);
    with_f32(&x, |xs, xl| -> Result<()> {
        let lda = xl.stride()[0];
        let xs = &xs[xl.start_offset()..];
        let run = |b: Option<&[f32]>, dst: &mut Vec<f32>| {
            // SAFETY: `matmul` writes every element of the `rows x n` destination.
            unsafe {
                crate::sgemm::matmul(
                    xs,
                    rows,
                    lda.max(k),
                    w,
                    b,
                    act,
                    std::slice::from_raw_parts_mut(dst.as_mut_ptr(), rows * n),
                );
                dst.set_len(rows * n);
            }
        };
        match &bias {
            Some(b) => with_f32(b, |bs, bl| {
                run(
                    Some(&bs[bl.start_offset()..bl.start_offset() + n]),
                    &mut dst,
                )
            })?,
            None => run(None, &mut dst),
        }
        Ok(())
    })??;
    Ok(Tensor::from_vec(dst, (rows, n), &Device::Cpu)?)
}

multiversion! {
    /// `out = act(gate) * up` for one row of a fused `[gate | up]` buffer.
    fn glu_row(a: Activation, gu: &[f32], out: &mut [f32]) {
        let (g, u) = gu.split_at(out.len());
        for ((o, g), u) in out.iter_mut().zip(g).zip(u) {
            *o = act_one(a, *g) * u;
        }
    }
}

/// `act(gu[:, :i]) * gu[:, i:]` for a contiguous `[rows, 2i]` tensor.
pub(crate) fn glu(gu: &Tensor, a: Activation) -> Result<Tensor> {
    let (rows, two_i) = gu.dims2()?;
    let i = two_i / 2;
    let gu = gu.contiguous()?;
    let mut out = vec![0f32; rows * i];
    with_f32(&gu, |buf, l| {
        let buf = &buf[l.start_offset()..l.start_offset() + rows * two_i];
        let rows_per = (rows / (threads() * 4)).max(1);
        out.par_chunks_mut(i * rows_per)
            .enumerate()
            .for_each(|(ci, chunk)| {
                for (ri, o) in chunk.chunks_mut(i).enumerate() {
                    let r = ci * rows_per + ri;
                    glu_row(a, &buf[r * two_i..(r + 1) * two_i], o);
                }
            });
    })?;
    Ok(Tensor::from_vec(out, (rows, i), &Device::Cpu)?)
}

// ---------------------------------------------------------------------------------------
// residual + layer norm

/// `LayerNorm(a + b)` over the last dim; `a`, `b`: `[rows, d]` contiguous.
pub(crate) fn add_layer_norm(
    a: &Tensor,
    b: &Tensor,
    w: &Tensor,
    beta: &Tensor,
    eps: f32,
) -> Result<Tensor> {
    let (rows, d) = a.dims2()?;
    let (a, b) = (a.contiguous()?, b.contiguous()?);
    let mut out = vec![0f32; rows * d];
    with_f32(&a, |as_, al| {
        with_f32(&b, |bs, bl| {
            with_f32(w, |ws, wl| {
                with_f32(beta, |betas, betal| {
                    let as_ = &as_[al.start_offset()..al.start_offset() + rows * d];
                    let bs = &bs[bl.start_offset()..bl.start_offset() + rows * d];
                    let ws = &ws[wl.start_offset()..wl.start_offset() + d];
                    let betas = &betas[betal.start_offset()..betal.start_offset() + d];
                    let rows_per = (rows / (threads() * 4)).max(8);
                    let out_ptr = SendPtr(out.as_mut_ptr());
                    par_for(rows.div_ceil(rows_per), rows * d >= 1 << 15, |ci| {
                        #[allow(clippy::redundant_locals)]
                        let out_ptr = out_ptr;
                        for r in ci * rows_per..((ci + 1) * rows_per).min(rows) {
                            // SAFETY: chunk ci writes only its own rows of `out`, which
                            // outlives the parallel region.
                            let o =
                                unsafe { std::slice::from_raw_parts_mut(out_ptr.0.add(r * d), d) };
                            add_ln_row(
                                &as_[r * d..(r + 1) * d],
                                &bs[r * d..(r + 1) * d],
                                ws,
                                betas,
                                eps,
                                o,
                            );
                        }
                    });
                })
            })
        })
    })????;
    Ok(Tensor::from_vec(out, (rows, d), &Device::Cpu)?)
}

// ---------------------------------------------------------------------------------------
// Gemma: RMSNorm fused with the residual stream, and the q/k norms fused with RoPE

/// `1 / sqrt(mean(x²) + eps)`, as torch computes Gemma's RMSNorm (in f32).
#[inline(always)]
fn rms_inv(x: &[f32], eps: f32) -> f32 {
    let mut acc = [0f32; LANES];
    let mut chunks = x.chunks_exact(LANES);
    for c in &mut chunks {
        for i in 0..LANES {
            acc[i] += c[i] * c[i];
        }
    }
    let mut s = chunks.remainder().iter().map(|v| v * v).sum::<f32>();
    for a in acc {
        s += a;
    }
    1.0 / (s / x.len() as f32 + eps).sqrt()
}

multiversion! {
    /// `out = x * rms_inv(x) * alpha` over one row (alpha = `1 + w`, computed at load).
    fn rms_row(x: &[f32], alpha: &[f32], eps: f32, out: &mut [f32]) {
        let r = rms_inv(x, eps);
        for ((o, v), g) in out.iter_mut().zip(x).zip(alpha) {
            *o = v * r * g;
        }
    }
}

multiversion! {
    /// One row of Gemma's sandwich norms around a residual add: `x += rms(a) * post`, then
    /// `out = rms(x) * pre` (the next sub-layer's input norm).
    fn add_rms_rms_row(x: &mut [f32], a: &[f32], post: &[f32], pre: &[f32], eps: f32, out: &mut [f32]) {
        let ra = rms_inv(a, eps);
        for ((v, y), g) in x.iter_mut().zip(a).zip(post) {
            *v += y * ra * g;
        }
        let rx = rms_inv(x, eps);
        for ((o, v), g) in out.iter_mut().zip(x.iter()).zip(pre) {
            *o = v * rx * g;
        }
    }
}

multiversion! {
    /// One q or k head at one position: RMSNorm (`alpha`), then RoPE rotate-half style with
    /// this position's `cos`/`sin` (`head_dim / 2` each), as transformers' Gemma3 does.
    fn norm_rope_row(x: &[f32], alpha: &[f32], eps: f32, cos: &[f32], sin: &[f32], out: &mut [f32]) {
        let r = rms_inv(x, eps);
        let half = cos.len();
        let (x1, x2) = x.split_at(half);
        let (a1, a2) = alpha.split_at(half);
        let (o1, o2) = out.split_at_mut(half);
        for i in 0..half {
            let u = x1[i] * r * a1[i];
            let w = x2[i] * r * a2[i];
            o1[i] = u * cos[i] - w * sin[i];
            o2[i] = w * cos[i] + u * sin[i];
        }
    }
}

/// Rows per parallel task: enough work per task to beat rayon's overhead.
fn rows_per_task(rows: usize, d: usize) -> usize {
    let min_rows = (16_384 / d.max(1)).max(1);
    (rows / (threads() * 4)).max(min_rows)
}

/// RMSNorm of every `d`-wide row of `x` (Gemma: `alpha = 1 + w`).
pub(crate) fn rms_norm_rows(x: &[f32], d: usize, alpha: &Tensor, eps: f32) -> Result<Vec<f32>> {
    let mut out = vec![0f32; x.len()];
    with_f32(alpha, |al, l| {
        let al = &al[l.start_offset()..l.start_offset() + d];
        let per = rows_per_task(x.len() / d.max(1), d);
        out.par_chunks_mut(d * per)
            .zip(x.par_chunks(d * per))
            .for_each(|(o, x)| {
                for (o, x) in o.chunks_mut(d).zip(x.chunks(d)) {
                    rms_row(x, al, eps, o);
                }
            });
    })?;
    Ok(out)
}

/// The residual stream `x` (`[rows, d]`, updated in place) takes a sub-layer's output `a`
/// through its post-norm (`x += RMSNorm_post(a)`); returns the next sub-layer's input
/// `RMSNorm_pre(x)`. One pass instead of three ops and three buffers.
pub(crate) fn add_rms_norm2(
    x: &mut [f32],
    a: &Tensor,
    d: usize,
    post: &Tensor,
    pre: &Tensor,
    eps: f32,
) -> Result<Vec<f32>> {
    residual_rows(x, a, d, post, pre, |x, a, post, pre, o| {
        add_rms_rms_row(x, a, post, pre, eps, o)
    })
}

/// The parallel driver of the fused residual steps: for every row, `row(x, a, p, q, out)` with
/// `x` the residual row (updated in place), `a` the sub-layer's output row, `p` and `q` two
/// per-feature parameter vectors of length `d`, and `out` the next sub-layer's input row.
fn residual_rows(
    x: &mut [f32],
    a: &Tensor,
    d: usize,
    p: &Tensor,
    q: &Tensor,
    row: impl Fn(&mut [f32], &[f32], &[f32], &[f32], &mut [f32]) + Sync,
) -> Result<Vec<f32>> {
    let a = a.contiguous()?;
    let mut out = vec![0f32; x.len()];
    with_f32(&a, |av, al| {
        with_f32(p, |pv, pl| {
            with_f32(q, |qv, ql| {
                let av = &av[al.start_offset()..al.start_offset() + x.len()];
                let p = &pv[pl.start_offset()..pl.start_offset() + d];
                let q = &qv[ql.start_offset()..ql.start_offset() + d];
                let per = rows_per_task(x.len() / d.max(1), d);
                out.par_chunks_mut(d * per)
                    .zip(x.par_chunks_mut(d * per))
                    .zip(av.par_chunks(d * per))
                    .for_each(|((o, x), a)| {
                        for ((o, x), a) in o.chunks_mut(d).zip(x.chunks_mut(d)).zip(a.chunks(d)) {
                            row(x, a, p, q, o);
                        }
                    });
            })
        })
    })???;
    Ok(out)
}

/// Q and K out of the fused QKV buffer (`[b*t, (nh + 2 nkv) * hd]`, Q heads, then K, then V),
/// each head RMS-normalised (`q_alpha` carries the attention scale) and rotated by RoPE
/// (`cos`, `sin`: `[t, hd/2]`), into one `[b*t, (nh + nkv) * hd]` buffer that attention
/// reads through strides: no narrow, transpose or contiguous copies.
pub(crate) fn qk_norm_rope(
    qkv: &Tensor,
    (b, t, nh, nkv, hd): (usize, usize, usize, usize, usize),
    q_alpha: &Tensor,
    k_alpha: &Tensor,
    eps: f32,
    cos: &[f32],
    sin: &[f32],
) -> Result<Vec<f32>> {
    let w_in = (nh + 2 * nkv) * hd;
    let w_out = (nh + nkv) * hd;
    let half = hd / 2;
    let mut out = vec![0f32; b * t * w_out];
    with_f32(qkv, |src, sl| {
        with_f32(q_alpha, |qa, qal| {
            with_f32(k_alpha, |ka, kal| {
                let src = &src[sl.start_offset()..sl.start_offset() + b * t * w_in];
                let qa = &qa[qal.start_offset()..qal.start_offset() + hd];
                let ka = &ka[kal.start_offset()..kal.start_offset() + hd];
                let per = rows_per_task(b * t, w_out);
                out.par_chunks_mut(w_out * per)
                    .enumerate()
                    .for_each(|(ci, chunk)| {
                        for (ri, o) in chunk.chunks_mut(w_out).enumerate() {
                            let row = ci * per + ri;
                            let pos = row % t;
                            let (c, s) = (
                                &cos[pos * half..(pos + 1) * half],
                                &sin[pos * half..(pos + 1) * half],
                            );
                            let x = &src[row * w_in..row * w_in + w_out];
                            for (h, (o, x)) in o.chunks_mut(hd).zip(x.chunks(hd)).enumerate() {
                                norm_rope_row(x, if h < nh { qa } else { ka }, eps, c, s, o);
                            }
                        }
                    });
            })
        })
    })???;
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// RoPE encoders without q/k norms (NomicBERT, ModernBERT) and pre-norm residual streams
// (ModernBERT's LayerNorm, Qwen3's RMSNorm)

multiversion! {
    /// One q or k head at one position rotated by RoPE, rotate-half style (transformers'
    /// `apply_rotary_pos_emb`), with this position's `cos`/`sin` (`head_dim / 2` each).
    fn rope_row(x: &[f32], cos: &[f32], sin: &[f32], out: &mut [f32]) {
        let half = cos.len();
        let (x1, x2) = x.split_at(half);
        let (o1, o2) = out.split_at_mut(half);
        for i in 0..half {
            o1[i] = x1[i] * cos[i] - x2[i] * sin[i];
            o2[i] = x2[i] * cos[i] + x1[i] * sin[i];
        }
    }
}

/// Q and K out of the fused QKV buffer (`[b*t, (nh + 2 nkv) * hd]`: Q heads, then K, then
/// V), rotated by RoPE (`cos`, `sin`: `[t, hd/2]`), into one `[b*t, (nh + nkv) * hd]` buffer
/// that attention reads through strides. The attention scale is already in Q's weights.
pub(crate) fn qk_rope(
    qkv: &Tensor,
    (b, t, nh, nkv, hd): (usize, usize, usize, usize, usize),
    cos: &[f32],
    sin: &[f32],
) -> Result<Vec<f32>> {
    let w_in = (nh + 2 * nkv) * hd;
    let w_out = (nh + nkv) * hd;
    let half = hd / 2;
    let mut out = vec![0f32; b * t * w_out];
    with_f32(qkv, |src, sl| {
        let src = &src[sl.start_offset()..sl.start_offset() + b * t * w_in];
        let per = rows_per_task(b * t, w_out);
        out.par_chunks_mut(w_out * per)
            .enumerate()
            .for_each(|(ci, chunk)| {
                for (ri, o) in chunk.chunks_mut(w_out).enumerate() {
                    let row = ci * per + ri;
                    let pos = row % t;
                    let (c, s) = (
                        &cos[pos * half..(pos + 1) * half],
                        &sin[pos * half..(pos + 1) * half],
                    );
                    let x = &src[row * w_in..row * w_in + w_out];
                    for (o, x) in o.chunks_mut(hd).zip(x.chunks(hd)) {
                        rope_row(x, c, s, o);
                    }
                }
            });
    })?;
    Ok(out)
}

multiversion! {
    /// One row of a pre-norm residual stream: `x += a`, then `out = RMSNorm(x) * alpha`.
    fn add_rms_row(x: &mut [f32], a: &[f32], alpha: &[f32], eps: f32, out: &mut [f32]) {
        for (v, y) in x.iter_mut().zip(a) {
            *v += y;
        }
        let r = rms_inv(x, eps);
        for ((o, v), g) in out.iter_mut().zip(x.iter()).zip(alpha) {
            *o = v * r * g;
        }
    }
}

multiversion! {
    /// One row of a pre-norm residual stream: `x += a`, then `out = LayerNorm(x) * w + beta`
    /// (two-pass variance, as torch).
    fn add_ln_res_row(x: &mut [f32], a: &[f32], w: &[f32], beta: &[f32], eps: f32, out: &mut [f32]) {
        for (v, y) in x.iter_mut().zip(a) {
            *v += y;
        }
        let n = x.len() as f32;
        let mean = sum_lanes(x) / n;
        let mut acc = [0f32; LANES];
        let mut chunks = x.chunks_exact(LANES);
        for c in &mut chunks {
            for i in 0..LANES {
                let d = c[i] - mean;
                acc[i] += d * d;
            }
        }
        let mut var = chunks.remainder().iter().map(|o| (o - mean) * (o - mean)).sum::<f32>();
        for a in acc {
            var += a;
        }
        let rstd = 1.0 / (var / n + eps).sqrt();
        for (((o, v), g), bb) in out.iter_mut().zip(x.iter()).zip(w).zip(beta) {
            *o = (*v - mean) * rstd * g + bb;
        }
    }
}

/// The residual stream `x` (`[rows, d]`, updated in place) takes a sub-layer's output `a`
/// (`x += a`); returns the next sub-layer's input `RMSNorm(x) * alpha` (Qwen3: `alpha = w`,
/// the attention's or the MLP's input norm, or the final norm). One pass.
pub(crate) fn add_rms_norm(
    x: &mut [f32],
    a: &Tensor,
    d: usize,
    alpha: &Tensor,
    eps: f32,
) -> Result<Vec<f32>> {
    let a = a.contiguous()?;
    let mut out = vec![0f32; x.len()];
    with_f32(&a, |av, al| {
        with_f32(alpha, |gv, gl| {
            let av = &av[al.start_offset()..al.start_offset() + x.len()];
            let g = &gv[gl.start_offset()..gl.start_offset() + d];
            let per = rows_per_task(x.len() / d.max(1), d);
            out.par_chunks_mut(d * per)
                .zip(x.par_chunks_mut(d * per))
                .zip(av.par_chunks(d * per))
                .for_each(|((o, x), a)| {
                    for ((o, x), a) in o.chunks_mut(d).zip(x.chunks_mut(d)).zip(a.chunks(d)) {
                        add_rms_row(x, a, g, eps, o);
                    }
                });
        })
    })??;
    Ok(out)
}

/// Like `add_rms_norm` with a LayerNorm (`w`, `beta`): `x += a`, returns `LayerNorm(x)`
/// (ModernBERT's pre-norm layers).
pub(crate) fn add_layer_norm_res(
    x: &mut [f32],
    a: &Tensor,
    d: usize,
    w: &Tensor,
    beta: &Tensor,
    eps: f32,
) -> Result<Vec<f32>> {
    residual_rows(x, a, d, w, beta, |x, a, w, beta, o| {
        add_ln_res_row(x, a, w, beta, eps, o)
    })
}
// ---------------------------------------------------------------------------------------
// attention

/// A `[batch, heads, seq, head_dim]` view into an f32 buffer: element `(b, h, t, d)` is at
/// `off + b*sb + h*sh + t*st + d`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct HeadsView {
    pub off: usize,
    pub sb: usize,
    pub sh: usize,
    pub st: usize,
}

/// Which keys a query may see, without materialising a `[b, t, t]` mask:
/// an additive per-key bias (`[b, t]`, 0 or f32::MIN: padding), an optional window and
/// causality. Query i sees key j iff `(!causal || j <= i)` and, with a window w,
/// `|i - j| < w` (bidirectional) or `i - j < w` (causal), as transformers' Gemma3 masks.
/// Masked scores are set to f32::MIN (torch eager's finfo.min), so a row with no visible key
/// becomes uniform instead of NaN, as in torch.
///
/// `rel` is an additive score bias per head and query/key pair, `[nh, t, t]` for the whole
/// call (MPNet's relative position bias); `attention` hands each head its `[t, t]` slice.
#[derive(Clone, Copy, Default)]
pub(crate) struct Mask<'a> {
    pub key: Option<&'a [f32]>,
    pub window: Option<usize>,
    pub causal: bool,
    pub rel: Option<&'a [f32]>,
}

impl Mask<'_> {
    #[inline(always)]
    fn range(&self, i: usize, t: usize) -> (usize, usize) {
        let hi = if self.causal { i + 1 } else { t };
        let lo = 0;
        match self.window {
            Some(w) => (
                i.saturating_sub(w.saturating_sub(1)).max(lo),
                hi.min(i + w).min(t),
            ),
            None => (lo, hi),
        }
    }

    /// Apply to one row of scores (length >= t; entries past t are left alone).
    #[inline(always)]
    fn apply_row(&self, bi: usize, i: usize, t: usize, row: &mut [f32]) {
        let (lo, hi) = self.range(i, t);
        row[..lo].iter_mut().for_each(|v| *v = f32::MIN);
        row[hi..t].iter_mut().for_each(|v| *v = f32::MIN);
        if let Some(r) = self.rel {
            row[lo..hi]
                .iter_mut()
                .zip(&r[i * t + lo..i * t + hi])
                .for_each(|(v, b)| *v += *b);
        }
        if let Some(k) = self.key {
            row[lo..hi]
                .iter_mut()
                .zip(&k[bi * t + lo..bi * t + hi])
                .for_each(|(v, b)| *v += *b);
        }
    }

    /// Like `apply_row` for a row holding keys `lo..lo + row.len()` only.
    #[inline(always)]
    fn apply_row_from(&self, bi: usize, i: usize, t: usize, lo: usize, row: &mut [f32]) {
        let (a, b) = self.range(i, t);
        let hi = lo + row.len();
        let (a, b) = (a.clamp(lo, hi), b.clamp(lo, hi));
        row[..a - lo].iter_mut().for_each(|v| *v = f32::MIN);
        row[b - lo..].iter_mut().for_each(|v| *v = f32::MIN);
        if let Some(r) = self.rel {
            row[a - lo..b - lo]
                .iter_mut()
                .zip(&r[i * t + a..i * t + b])
                .for_each(|(v, x)| *v += *x);
        }
        if let Some(k) = self.key {
            row[a - lo..b - lo]
                .iter_mut()
                .zip(&k[bi * t + a..bi * t + b])
                .for_each(|(v, x)| *v += *x);
        }
    }

    fn is_none(&self) -> bool {
        self.key.is_none() && self.window.is_none() && !self.causal && self.rel.is_none()
    }
}

/// Scratch for one (batch, head) job of the short-sequence path.
#[derive(Default)]
pub(crate) struct Scratch {
    q: Vec<f32>,
    kt: Vec<f32>,
    p: Vec<f32>,
    ctx: Vec<f32>,
}

const ROWS: usize = 8;

multiversion! {
    /// Short-sequence attention for one (batch, head), register-blocked: 8 query rows x 16
    /// keys (or 16 output features) per accumulator tile, K transposed once so every inner
    /// step is a broadcast-FMA over 16 lanes. Rows/keys are padded (to 8 / 16) so the hot
    /// loops have no tails. `hd` must be a multiple of 16. Writes rows of `out`, `out_st` apart.
    fn small_head(
        q: &[f32], q_st: usize, k: &[f32], k_st: usize, v: &[f32], v_st: usize,
        t: usize, hd: usize, mask: &Mask, bi: usize, sc: &mut Scratch,
        out: &mut [f32], out_st: usize
    ) {
        let tr = t.div_ceil(ROWS) * ROWS; // padded query rows
        let tk = t.div_ceil(LANES) * LANES; // padded keys
        sc.q.clear();
        sc.q.resize(tr * hd, 0.0);
        for i in 0..t {
            sc.q[i * hd..(i + 1) * hd].copy_from_slice(&q[i * q_st..i * q_st + hd]);
        }
        sc.kt.clear();
        sc.kt.resize(hd * tk, 0.0);
        for j in 0..t {
            let kj = &k[j * k_st..j * k_st + hd];
            for (d, &x) in kj.iter().enumerate() {
                sc.kt[d * tk + j] = x;
            }
        }
        sc.p.clear();
        sc.p.resize(tr * tk, 0.0);
        // scores = Q K^T
        for i0 in (0..tr).step_by(ROWS) {
            for j0 in (0..tk).step_by(LANES) {
                let mut acc = [[0f32; LANES]; ROWS];
                for d in 0..hd {
                    let kv: &[f32; LANES] = sc.kt[d * tk + j0..d * tk + j0 + LANES].try_into().unwrap();
                    for r in 0..ROWS {
                        let qv = sc.q[(i0 + r) * hd + d];
                        for l in 0..LANES {
                            acc[r][l] = qv.mul_add(kv[l], acc[r][l]);
                        }
                    }
                }
                for r in 0..ROWS {
                    sc.p[(i0 + r) * tk + j0..(i0 + r) * tk + j0 + LANES].copy_from_slice(&acc[r]);
                }
            }
        }
        // softmax over the t real keys; padded keys are -inf, so probability 0, and every
        // row is a whole number of vectors
        let masked = !mask.is_none();
        for i in 0..t {
            let row = &mut sc.p[i * tk..(i + 1) * tk];
            if masked {
                mask.apply_row(bi, i, t, row);
            }
            row[t..].iter_mut().for_each(|v| *v = f32::NEG_INFINITY);
            softmax_row_inline(row, &[]);
        }
        for i in t..tr {
            sc.p[i * tk..(i + 1) * tk].iter_mut().for_each(|x| *x = 0.0);
        }
        // context = P V
        sc.ctx.clear();
        sc.ctx.resize(tr * hd, 0.0);
        for i0 in (0..tr).step_by(ROWS) {
            for d0 in (0..hd).step_by(LANES) {
                let mut acc = [[0f32; LANES]; ROWS];
                for j in 0..t {
                    let vv: &[f32; LANES] = v[j * v_st + d0..j * v_st + d0 + LANES].try_into().unwrap();
                    for r in 0..ROWS {
                        let pv = sc.p[(i0 + r) * tk + j];
                        for l in 0..LANES {
                            acc[r][l] = pv.mul_add(vv[l], acc[r][l]);
                        }
                    }
                }
                for r in 0..ROWS {
                    sc.ctx[(i0 + r) * hd + d0..(i0 + r) * hd + d0 + LANES].copy_from_slice(&acc[r]);
                }
            }
        }
        for i in 0..t {
            out[i * out_st..i * out_st + hd].copy_from_slice(&sc.ctx[i * hd..(i + 1) * hd]);
        }
    }
}

/// The transpose of a 16 x 16 block of f32 held as 16 row vectors (AVX-512F; callers check): unpack pairs of rows, then
/// pairs of 64-bit halves, then two rounds of 128-bit lane shuffles (64 shuffles).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) unsafe fn transpose16(
    r: [std::arch::x86_64::__m512; 16],
) -> [std::arch::x86_64::__m512; 16] {
    use std::arch::x86_64::*;
    let mut t = [_mm512_setzero_ps(); 16];
    for i in 0..8 {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    // u[4g + c]: in each 128-bit lane L, rows 4g..4g+3 at column 4L + c.
    let mut u = [_mm512_setzero_ps(); 16];
    for g in 0..4 {
        let (a, b) = (_mm512_castps_pd(t[4 * g]), _mm512_castps_pd(t[4 * g + 2]));
        let (c, d) = (
            _mm512_castps_pd(t[4 * g + 1]),
            _mm512_castps_pd(t[4 * g + 3]),
        );
        u[4 * g] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, b));
        u[4 * g + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, b));
        u[4 * g + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(c, d));
        u[4 * g + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(c, d));
    }
    let mut o = [_mm512_setzero_ps(); 16];
    for c in 0..4 {
        let v = _mm512_shuffle_f32x4::<0x88>(u[c], u[4 + c]);
        let w = _mm512_shuffle_f32x4::<0xdd>(u[c], u[4 + c]);
        let x = _mm512_shuffle_f32x4::<0x88>(u[8 + c], u[12 + c]);
        let y = _mm512_shuffle_f32x4::<0xdd>(u[8 + c], u[12 + c]);
        o[c] = _mm512_shuffle_f32x4::<0x88>(v, x);
        o[8 + c] = _mm512_shuffle_f32x4::<0xdd>(v, x);
        o[4 + c] = _mm512_shuffle_f32x4::<0x88>(w, y);
        o[12 + c] = _mm512_shuffle_f32x4::<0xdd>(w, y);
    }
    o
}

/// `small_head` written with AVX-512 intrinsics. The portable version above leaves its
/// accumulators and row addresses to the compiler, which kept bounds checks and address
/// arithmetic in the inner loops; on b32long (32 sequences of ~47 tokens, 12 heads, 6 layers)
/// attention was 13% of the CPU time at about 25 GFLOP/s. Here each tile is 8 query rows x
/// 32 keys (or 32 output features): 16 accumulators, two vector loads and eight broadcasts
/// per step, and Q and V are read in place (no copies).
#[cfg(target_arch = "x86_64")]
mod head512 {
    use super::{transpose16, Mask, Scratch, LANES};
    use std::arch::x86_64::*;

    /// Query rows per tile.
    const R: usize = 8;

    /// `acc[r][c] = sum over s < steps of a[r][s] * b[s * b_st + 16 c .. 16 c + 16]`.
    #[inline(always)]
    unsafe fn tile<const C: usize>(
        a: [*const f32; R],
        b: *const f32,
        b_st: usize,
        steps: usize,
    ) -> [[__m512; C]; R] {
        let mut acc = [[_mm512_setzero_ps(); C]; R];
        for s in 0..steps {
            let bp = b.add(s * b_st);
            let mut bv = [_mm512_setzero_ps(); C];
            for (c, v) in bv.iter_mut().enumerate() {
                *v = _mm512_loadu_ps(bp.add(c * LANES));
            }
            for r in 0..R {
                let av = _mm512_set1_ps(*a[r].add(s));
                for c in 0..C {
                    acc[r][c] = _mm512_fmadd_ps(av, bv[c], acc[r][c]);
                }
            }
        }
        acc
    }

    /// `tile` over columns `0..cols` (a multiple of 16) in steps of 32 then 16, each tile
    /// handed to `put(r, column, vector)`.
    #[inline(always)]
    unsafe fn tiles(
        a: [*const f32; R],
        b: *const f32,
        b_st: usize,
        steps: usize,
        cols: usize,
        mut put: impl FnMut(usize, usize, __m512),
    ) {
        let mut c0 = 0;
        while c0 + 2 * LANES <= cols {
            let acc = tile::<2>(a, b.add(c0), b_st, steps);
            for (r, row) in acc.iter().enumerate() {
                put(r, c0, row[0]);
                put(r, c0 + LANES, row[1]);
            }
            c0 += 2 * LANES;
        }
        if c0 < cols {
            let acc = tile::<1>(a, b.add(c0), b_st, steps);
            for (r, row) in acc.iter().enumerate() {
                put(r, c0, row[0]);
            }
        }
    }

    /// `super::exp_approx` on 16 lanes (the same Cephes polynomial; the range reduction
    /// is fused, so results can differ from the scalar one in the last bit).
    #[inline(always)]
    unsafe fn exp16(x: __m512) -> __m512 {
        let lo = _mm512_set1_ps(-87.33654);
        // max/min return their second operand when one is NaN: NaN passes through.
        let xc = _mm512_min_ps(_mm512_set1_ps(88.72283), _mm512_max_ps(lo, x));
        let n =
            _mm512_roundscale_ps::<{ _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC }>(_mm512_fmadd_ps(
                xc,
                _mm512_set1_ps(std::f32::consts::LOG2_E),
                _mm512_set1_ps(0.5),
            ));
        let r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693_359_4), xc);
        let r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.121_944_4e-4), r);
        let mut p = _mm512_set1_ps(1.987_569_1e-4);
        for c in [
            1.398_199_9e-3,
            8.333_452e-3,
            4.166_579_6e-2,
            1.666_666_5e-1,
            5.000_000_1e-1,
        ] {
            p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(c));
        }
        let y = _mm512_fmadd_ps(
            p,
            _mm512_mul_ps(r, r),
            _mm512_add_ps(r, _mm512_set1_ps(1.0)),
        );
        let e = _mm512_slli_epi32::<23>(_mm512_add_epi32(
            _mm512_cvtps_epi32(n),
            _mm512_set1_epi32(127),
        ));
        // Below the clamp: exactly 0, as `exp_approx` (masked keys get no weight).
        let keep = _mm512_cmp_ps_mask::<_CMP_NLT_UQ>(x, lo);
        _mm512_maskz_mul_ps(keep, y, _mm512_castsi512_ps(e))
    }

    /// `x = softmax(x)` over a row whose length is a multiple of 16.
    #[inline(always)]
    unsafe fn softmax16(x: &mut [f32]) {
        let p = x.as_mut_ptr();
        let n = x.len() / LANES;
        let mut m = _mm512_set1_ps(f32::NEG_INFINITY);
        for i in 0..n {
            m = _mm512_max_ps(m, _mm512_loadu_ps(p.add(i * LANES)));
        }
        let m = _mm512_set1_ps(_mm512_reduce_max_ps(m));
        let mut s = _mm512_setzero_ps();
        for i in 0..n {
            let e = exp16(_mm512_sub_ps(_mm512_loadu_ps(p.add(i * LANES)), m));
            _mm512_storeu_ps(p.add(i * LANES), e);
            s = _mm512_add_ps(s, e);
        }
        let inv = _mm512_set1_ps(1.0 / _mm512_reduce_add_ps(s));
        for i in 0..n {
            _mm512_storeu_ps(
                p.add(i * LANES),
                _mm512_mul_ps(_mm512_loadu_ps(p.add(i * LANES)), inv),
            );
        }
    }

    /// As `super::small_head`; `hd` must be a multiple of 16.
    #[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
    #[allow(clippy::too_many_arguments)]
    pub(super) unsafe fn small_head(
        q: &[f32],
        q_st: usize,
        k: &[f32],
        k_st: usize,
        v: &[f32],
        v_st: usize,
        t: usize,
        hd: usize,
        mask: &Mask,
        bi: usize,
        sc: &mut Scratch,
        out: &mut [f32],
        out_st: usize,
    ) {
        if t == 0 {
            return;
        }
        let need = |st: usize| (t - 1) * st + hd;
        assert!(
            hd.is_multiple_of(LANES)
                && q.len() >= need(q_st)
                && k.len() >= need(k_st)
                && v.len() >= need(v_st)
                && out.len() >= need(out_st),
            "small_head: a view reaches past its buffer"
        );
        let tk = t.div_ceil(LANES) * LANES;
        let tr = t.div_ceil(R) * R;
        // K^T: [hd][tk], 16 x 16 blocks transposed in registers; keys past t are zero.
        sc.kt.clear();
        sc.kt.resize(hd * tk, 0.0);
        let kt = sc.kt.as_mut_ptr();
        for j0 in (0..tk).step_by(LANES) {
            for d0 in (0..hd).step_by(LANES) {
                let rows: [__m512; LANES] = std::array::from_fn(|j| {
                    if j0 + j < t {
                        _mm512_loadu_ps(k.as_ptr().add((j0 + j) * k_st + d0))
                    } else {
                        _mm512_setzero_ps()
                    }
                });
                let cols = transpose16(rows);
                for (d, c) in cols.iter().enumerate() {
                    _mm512_storeu_ps(kt.add((d0 + d) * tk + j0), *c);
                }
            }
        }
        // scores = Q K^T, read from Q in place; the padding rows of the last tile repeat
        // row t - 1 and are never used.
        sc.p.clear();
        sc.p.resize(tr * tk, 0.0);
        let p = sc.p.as_mut_ptr();
        for i0 in (0..tr).step_by(R) {
            let rows = std::array::from_fn(|r| q.as_ptr().add((i0 + r).min(t - 1) * q_st));
            tiles(rows, kt, tk, hd, tk, |r, c, x| {
                _mm512_storeu_ps(p.add((i0 + r) * tk + c), x)
            });
        }
        // softmax over the t real keys; padded keys are -inf, so probability 0, and every
        // row is a whole number of vectors.
        let masked = !mask.is_none();
        for i in 0..t {
            let row = &mut sc.p[i * tk..(i + 1) * tk];
            if masked {
                mask.apply_row(bi, i, t, row);
            }
            row[t..].iter_mut().for_each(|v| *v = f32::NEG_INFINITY);
            softmax16(row);
        }
        // context = P V, V read in place, written straight into `out` (real rows only).
        let p = sc.p.as_ptr();
        let o = out.as_mut_ptr();
        for i0 in (0..tr).step_by(R) {
            let rows = std::array::from_fn(|r| p.add((i0 + r) * tk));
            tiles(rows, v.as_ptr(), v_st, t, hd, |r, c, x| {
                if i0 + r < t {
                    _mm512_storeu_ps(o.add((i0 + r) * out_st + c), x)
                }
            });
        }
    }
}

/// Sequences up to this length use `small_head`; longer ones use gemm per head.
const SMALL_T: usize = 96;
/// Query rows per block on the gemm path.
const QUERY_BLOCK: usize = 128;

/// Attention after `qk_norm_rope`: the normed and rotated Q|K heads are in `qk`
/// (`[b * t, (nh + nkv) * hd]`) and V is read in place from the fused projection `qkv`
/// (`[b * t, (nh + 2 * nkv) * hd]`). Returns `[b * t, nh * hd]`. Gemma3 and Qwen3 share it.
pub(crate) fn attention_after_qk_rope(
    qkv: &Tensor,
    qk: &[f32],
    (b, t, nh, nkv, hd): (usize, usize, usize, usize, usize),
    mask: Mask<'_>,
) -> Result<Vec<f32>> {
    let w = (nh + 2 * nkv) * hd;
    let wqk = (nh + nkv) * hd;
    with_f32(qkv, |vb, vl| {
        let qk_view = |off: usize| HeadsView {
            off,
            sb: t * wqk,
            sh: hd,
            st: wqk,
        };
        let v = HeadsView {
            off: vl.start_offset() + (nh + nkv) * hd,
            sb: t * w,
            sh: hd,
            st: w,
        };
        attention(
            qk,
            qk_view(0),
            qk,
            qk_view(nh * hd),
            vb,
            v,
            (b, nh, nkv, t, hd),
            mask,
        )
    })
}

/// One (sequence, head) of attention: `softmax(Q K^T + mask) V` for a sequence of `t` rows,
/// Q/K/V each given as (buffer, offset of row 0, row stride), the context written into `out`
/// rows `out_st` apart. Short sequences take the register-blocked `small_head`, long ones
/// query blocks through gemm.
fn attend_head(
    (q_buf, q_off, q_st): (&[f32], usize, usize),
    (k_buf, k_off, k_st): (&[f32], usize, usize),
    (v_buf, v_off, v_st): (&[f32], usize, usize),
    (t, hd): (usize, usize),
    mask: &Mask<'_>,
    bi: usize,
    sc: &mut Scratch,
    out: &mut [f32],
    row: usize,
) {
    if t <= SMALL_T && hd.is_multiple_of(LANES) {
        let (q, k, v) = (&q_buf[q_off..], &k_buf[k_off..], &v_buf[v_off..]);
        #[cfg(target_arch = "x86_64")]
        if super::sgemm::available() && std::is_x86_feature_detected!("avx512vl") {
            // SAFETY: the CPU has AVX-512F/VL (checked above); the function checks its views.
            unsafe {
                head512::small_head(q, q_st, k, k_st, v, v_st, t, hd, mask, bi, sc, out, row)
            };
            return;
        }
        small_head(q, q_st, k, k_st, v, v_st, t, hd, mask, bi, sc, out, row);
        return;
    }
    // Long sequences: blocks of query rows, each against only the keys its rows can see
    // (a sliding window then costs O(t * window), not O(t^2)). Keys outside a block's
    // range get weight 0; this differs from torch only on rows that see no key at all
    // (padding far from any token), which pooling ignores.
    for i0 in (0..t).step_by(QUERY_BLOCK) {
        let i1 = (i0 + QUERY_BLOCK).min(t);
        let (lo, _) = mask.range(i0, t);
        let (_, hi) = mask.range(i1 - 1, t);
        let (lo, hi) = if hi > lo { (lo, hi) } else { (0, t) };
        let (m, nk) = (i1 - i0, hi - lo);
        let scores = &mut sc.p;
        scores.clear();
        scores.resize(m * nk, 0.0);
        unsafe {
            // scores[i, j] = sum_d q[i0 + i, d] * k[lo + j, d]
            gemm::gemm(
                m,
                nk,
                hd,
                scores.as_mut_ptr(),
                1,
                nk as isize,
                false,
                q_buf.as_ptr().add(q_off + i0 * q_st),
                1,
                q_st as isize,
                k_buf.as_ptr().add(k_off + lo * k_st),
                k_st as isize,
                1,
                1.0,
                1.0,
                false,
                false,
                false,
                gemm::Parallelism::None,
            );
        }
        for i in i0..i1 {
            let row = &mut scores[(i - i0) * nk..(i - i0 + 1) * nk];
            if !mask.is_none() {
                mask.apply_row_from(bi, i, t, lo, row);
            }
            softmax_row(row, &[]);
        }
        unsafe {
            // out[bi, i0 + i, h, :] = sum_j p[i, j] * v[lo + j, :]
            gemm::gemm(
                m,
                hd,
                nk,
                out.as_mut_ptr().add(i0 * row),
                1,
                row as isize,
                false,
                scores.as_ptr(),
                1,
                nk as isize,
                v_buf.as_ptr().add(v_off + lo * v_st),
                1,
                v_st as isize,
                1.0,
                1.0,
                false,
                false,
                false,
                gemm::Parallelism::None,
            );
        }
    }
}

/// softmax(Q K^T + bias) V for every (batch, head). Q/K/V come from their buffers (which
/// may be the same one) through views; Q must already carry the 1/sqrt(d) scale. K/V heads
/// are shared by `nh / nkv` query heads. Returns `[b * t, nh * hd]`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn attention(
    q_buf: &[f32],
    q: HeadsView,
    k_buf: &[f32],
    k: HeadsView,
    v_buf: &[f32],
    v: HeadsView,
    (b, nh, nkv, t, hd): (usize, usize, usize, usize, usize),
    mask: Mask<'_>,
) -> Vec<f32> {
    // The views are read through raw pointers by gemm: a view past its buffer would be
    // undefined behaviour, so it is a bug caught here, not a wrong read.
    let last = |v: &HeadsView, heads: usize| {
        v.off + (b.max(1) - 1) * v.sb + (heads.max(1) - 1) * v.sh + (t.max(1) - 1) * v.st + hd
    };
    assert!(
        b * t == 0
            || (last(&q, nh) <= q_buf.len()
                && last(&k, nkv) <= k_buf.len()
                && last(&v, nkv) <= v_buf.len()),
        "attention: a Q/K/V view reaches past its buffer"
    );
    let mut out = vec![0f32; b * t * nh * hd];
    let out_ptr = SendPtr(out.as_mut_ptr());
    let rep = nh / nkv;
    let row = nh * hd;
    let job = |bh: usize, sc: &mut Scratch| {
        let (bi, h) = (bh / nh, bh % nh);
        let kh = h / rep;
        // Capture the whole Send wrapper, not its raw-pointer field (edition-2021 closures
        // capture disjoint fields, and a bare *mut f32 is not Send).
        #[allow(clippy::redundant_locals)]
        let out_ptr = out_ptr;
        let out_start = bi * t * row + h * hd;
        // SAFETY: job (bi, h) writes only rows bi*t..(bi+1)*t, columns h*hd..(h+1)*hd of
        // `out`; jobs never overlap, and `out` outlives the parallel loop.
        let out =
            unsafe { std::slice::from_raw_parts_mut(out_ptr.0.add(out_start), (t - 1) * row + hd) };
        // This head's `[t, t]` slice of the relative bias.
        let mask = Mask {
            rel: mask.rel.map(|r| &r[h * t * t..(h + 1) * t * t]),
            ..mask
        };
        attend_head(
            (q_buf, q.off + bi * q.sb + h * q.sh, q.st),
            (k_buf, k.off + bi * k.sb + kh * k.sh, k.st),
            (v_buf, v.off + bi * v.sb + kh * v.sh, v.st),
            (t, hd),
            &mask,
            bi,
            sc,
            out,
            row,
        );
    };
    let jobs = b * nh;
    par_for_scratch(jobs, t * t * hd * jobs >= 1 << 16, job);
    out
}

/// Attention over a packed batch of sequences of different lengths, with no padding:
/// `buf` holds `[total, w]` rows, the fused QKV projection of each sequence's tokens one
/// sequence after another; head h of Q, K and V starts at column `q_col + h * hd`,
/// `k_col + h * hd` and `v_col + h * hd`. `seqs` lists each sequence's first row and length.
/// `rel`, if given, maps a length t to that sequence's `[nh, t, t]` score bias (MPNet's
/// relative positions). Returns `[total, nh * hd]`. Each query sees exactly its own
/// sequence's keys: the padded computation less the masked keys, whose weight there is
/// exactly 0 (exp of f32::MIN), so the results agree up to summation order.
pub(crate) fn attention_ragged(
    buf: &[f32],
    w: usize,
    (q_col, k_col, v_col): (usize, usize, usize),
    seqs: &[(usize, usize)],
    (nh, hd): (usize, usize),
    rel: Option<&std::collections::HashMap<usize, Vec<f32>>>,
) -> Vec<f32> {
    let total = seqs.iter().map(|&(s, t)| s + t).max().unwrap_or(0);
    // gemm reads through raw pointers: a sequence past the buffer is a bug caught here.
    assert!(
        total * w <= buf.len() && q_col.max(k_col).max(v_col) + nh * hd <= w,
        "attention_ragged: a sequence reaches past the QKV buffer"
    );
    let row = nh * hd;
    let mut out = vec![0f32; total * row];
    let out_ptr = SendPtr(out.as_mut_ptr());
    let job = |j: usize, sc: &mut Scratch| {
        let (si, h) = (j / nh, j % nh);
        let (start, t) = seqs[si];
        if t == 0 {
            return;
        }
        #[allow(clippy::redundant_locals)]
        let out_ptr = out_ptr;
        // SAFETY: job (sequence, h) writes only that sequence's rows, columns h*hd..(h+1)*hd
        // of `out`; sequences do not overlap, and `out` outlives the parallel loop.
        let out = unsafe {
            std::slice::from_raw_parts_mut(out_ptr.0.add(start * row + h * hd), (t - 1) * row + hd)
        };
        let mask = Mask {
            rel: rel.map(|r| &r[&t][h * t * t..(h + 1) * t * t]),
            ..Default::default()
        };
        let at = |col: usize| (buf, start * w + col + h * hd, w);
        attend_head(
            at(q_col),
            at(k_col),
            at(v_col),
            (t, hd),
            &mask,
            0,
            sc,
            out,
            row,
        );
    };
    let jobs = seqs.len() * nh;
    let work: usize = seqs.iter().map(|&(_, t)| t * t * hd * nh).sum();
    par_for_scratch(jobs, work >= 1 << 16, job);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn erf_ref(x: f64) -> f64 {
        // erf via its Taylor series / continued fraction is overkill: use libm through f64.
        libm_erf(x)
    }
    fn libm_erf(x: f64) -> f64 {
        // Abramowitz-Stegun is not precise enough; integrate numerically instead.
        let n = 20000;
        let h = x / n as f64;
        let f = |t: f64| (-t * t).exp();
        let mut s = f(0.0) + f(x);
        for i in 1..n {
            s += f(i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        s * h / 3.0 * 2.0 / std::f64::consts::PI.sqrt()
    }

    #[test]
    fn approximations_are_accurate() {
        let mut max_exp = 0f64;
        let mut max_erf = 0f64;
        let mut max_tanh = 0f64;
        for i in -4000..=4000 {
            let x = i as f32 / 400.0; // [-10, 10]
            let e = exp_approx(x) as f64;
            let er = (x as f64).exp();
            max_exp = max_exp.max(((e - er) / er).abs());
            max_tanh = max_tanh.max((tanh_approx(x) as f64 - (x as f64).tanh()).abs());
            if i % 20 == 0 {
                max_erf = max_erf.max((erf_approx(x) as f64 - erf_ref(x as f64)).abs());
            }
        }
        assert!(max_exp < 3e-7, "exp rel err {max_exp}");
        assert!(max_erf < 5e-7, "erf abs err {max_erf}");
        assert!(max_tanh < 5e-7, "tanh abs err {max_tanh}");
        assert_eq!(exp_approx(f32::MIN), 0.0);
        assert_eq!(exp_approx(f32::NEG_INFINITY), 0.0);
    }
}

#[cfg(test)]
mod attention_tests {
    use super::*;

    fn naive(
        q: &[f32],
        k: &[f32],
        v: &[f32],
        (b, nh, nkv, t, hd): (usize, usize, usize, usize, usize),
        mask: &Mask,
    ) -> Vec<f32> {
        // q: [b, nh, t, hd], k/v: [b, nkv, t, hd] contiguous; out [b, t, nh, hd]
        let mut out = vec![0f32; b * t * nh * hd];
        for bi in 0..b {
            for h in 0..nh {
                let kh = h / (nh / nkv);
                for i in 0..t {
                    let mut s: Vec<f64> = (0..t)
                        .map(|j| {
                            let mut d = 0f64;
                            for x in 0..hd {
                                d += q[((bi * nh + h) * t + i) * hd + x] as f64
                                    * k[((bi * nkv + kh) * t + j) * hd + x] as f64;
                            }
                            let visible = (!mask.causal || j <= i)
                                && mask.window.is_none_or(|w| {
                                    if mask.causal {
                                        i - j < w
                                    } else {
                                        i.abs_diff(j) < w
                                    }
                                });
                            if !visible {
                                f32::MIN as f64
                            } else {
                                d + mask.key.map_or(0.0, |m| m[bi * t + j] as f64)
                                    + mask.rel.map_or(0.0, |r| r[(h * t + i) * t + j] as f64)
                            }
                        })
                        .collect();
                    let mx = s.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                    s.iter_mut().for_each(|x| *x = (*x - mx).exp());
                    let sum: f64 = s.iter().sum();
                    for x in 0..hd {
                        let mut acc = 0f64;
                        for j in 0..t {
                            acc += s[j] / sum * v[((bi * nkv + kh) * t + j) * hd + x] as f64;
                        }
                        out[((bi * t + i) * nh + h) * hd + x] = acc as f32;
                    }
                }
            }
        }
        out
    }

    #[test]
    fn attention_matches_naive_on_both_paths() {
        // t <= SMALL_T with hd % 16 == 0 takes the register-blocked path; long sequences
        // and odd head sizes take the gemm path.
        for &(b, nh, nkv, t, hd) in &[
            (2usize, 4usize, 2usize, 26usize, 32usize),
            (1, 3, 1, 130, 16),
            (2, 2, 1, 300, 32),
            (2, 2, 2, 7, 24),
            (1, 2, 1, 1, 16),
            (1, 2, 1, 47, 48),
            (2, 1, 1, 96, 64),
            (1, 2, 2, 17, 16),
        ] {
            let n = |heads: usize| b * heads * t * hd;
            let gen = |len: usize, seed: usize| -> Vec<f32> {
                (0..len)
                    .map(|i| (((i * 7919 + seed * 104729) % 2000) as f32 / 1000.0 - 1.0) * 0.7)
                    .collect()
            };
            let (q, k, v) = (gen(n(nh), 1), gen(n(nkv), 2), gen(n(nkv), 3));
            let key: Vec<f32> = (0..b * t)
                .map(|i| {
                    if i % t >= t - t / 3 && i % t > 0 {
                        f32::MIN
                    } else {
                        0.0
                    }
                })
                .collect();
            // A relative-position-like bias, different per head and per (i, j).
            let rel: Vec<f32> = (0..nh * t * t)
                .map(|i| ((i * 31 % 17) as f32 - 8.0) * 0.1)
                .collect();
            let masks = [
                Mask {
                    key: Some(&key),
                    rel: Some(&rel),
                    ..Default::default()
                },
                Mask {
                    rel: Some(&rel),
                    ..Default::default()
                },
                Mask::default(),
                Mask {
                    key: Some(&key),
                    ..Default::default()
                },
                Mask {
                    key: Some(&key),
                    window: Some(5),
                    causal: false,
                    ..Default::default()
                },
                Mask {
                    key: Some(&key),
                    window: Some(150),
                    causal: false,
                    ..Default::default()
                },
                Mask {
                    key: None,
                    window: Some(3),
                    causal: true,
                    ..Default::default()
                },
                Mask {
                    key: Some(&key),
                    window: None,
                    causal: true,
                    ..Default::default()
                },
            ];
            for (mi, mask) in masks.iter().enumerate() {
                let hv = |heads: usize| HeadsView {
                    off: 0,
                    sb: heads * t * hd,
                    sh: t * hd,
                    st: hd,
                };
                let got = attention(
                    &q,
                    hv(nh),
                    &k,
                    hv(nkv),
                    &v,
                    hv(nkv),
                    (b, nh, nkv, t, hd),
                    *mask,
                );
                let want = naive(&q, &k, &v, (b, nh, nkv, t, hd), mask);
                // Rows that see no key at all (padding far from any token) are unspecified.
                let sees_something = |bi: usize, i: usize| {
                    (0..t).any(|j| {
                        (!mask.causal || j <= i)
                            && mask.window.is_none_or(|w| {
                                if mask.causal {
                                    i - j < w
                                } else {
                                    i.abs_diff(j) < w
                                }
                            })
                            && mask.key.is_none_or(|m| m[bi * t + j] == 0.0)
                    })
                };
                let err = got
                    .chunks(nh * hd)
                    .zip(want.chunks(nh * hd))
                    .enumerate()
                    .filter(|(r, _)| sees_something(r / t, r % t))
                    .flat_map(|(_, (g, w))| g.iter().zip(w).map(|(a, b)| (a - b).abs()))
                    .fold(0f32, f32::max);
                assert!(
                    err < 2e-5,
                    "mask #{mi} b={b} nh={nh} nkv={nkv} t={t} hd={hd}: max err {err}"
                );
            }
        }
    }
}

#[cfg(test)]
mod ragged_tests {
    use super::*;

    fn gen(len: usize, seed: usize) -> Vec<f32> {
        (0..len)
            .map(|i| (((i * 7919 + seed * 104729) % 2000) as f32 / 1000.0 - 1.0) * 0.7)
            .collect()
    }

    /// The AVX-512 `head512::small_head` and the portable `small_head` it replaces on such
    /// CPUs agree (the dispatch in `attend_head` never runs the portable one here).
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx512_head_equals_portable_head() {
        if !(crate::sgemm::available() && std::is_x86_feature_detected!("avx512vl")) {
            return;
        }
        for &(t, hd) in &[(1usize, 16usize), (9, 32), (47, 32), (33, 48), (96, 64)] {
            let st = 3 * hd + 5;
            let buf: Vec<f32> = (0..t * st)
                .map(|i| (((i * 7919) % 2000) as f32 / 1000.0 - 1.0) * 0.8)
                .collect();
            let key: Vec<f32> = (0..t)
                .map(|j| if j % 5 == 4 { f32::MIN } else { 0.0 })
                .collect();
            for mask in [
                Mask::default(),
                Mask {
                    key: Some(&key),
                    ..Default::default()
                },
            ] {
                let (mut a, mut b) = (vec![0f32; t * hd], vec![0f32; t * hd]);
                let (q, k, v) = (&buf[..], &buf[hd..], &buf[2 * hd..]);
                let mut sc = Scratch::default();
                small_head(q, st, k, st, v, st, t, hd, &mask, 0, &mut sc, &mut a, hd);
                unsafe {
                    head512::small_head(q, st, k, st, v, st, t, hd, &mask, 0, &mut sc, &mut b, hd)
                };
                for (x, y) in a.iter().zip(&b) {
                    assert!((x - y).abs() <= 1e-5, "t {t} hd {hd}: {x} vs {y}");
                }
            }
        }
    }

    #[test]
    fn ragged_attention_equals_each_sequence_alone() {
        // Lengths on both paths (register-blocked up to 96, gemm past it), and a single token.
        let (nh, hd) = (3usize, 32usize);
        let h = nh * hd;
        let lens = [5usize, 130, 1, 40, 96, 97];
        let total: usize = lens.iter().sum();
        let buf = gen(total * 3 * h, 7);
        let mut seqs = vec![];
        let mut start = 0;
        for &t in &lens {
            seqs.push((start, t));
            start += t;
        }
        let rel: std::collections::HashMap<usize, Vec<f32>> = lens
            .iter()
            .map(|&t| {
                let v = (0..nh * t * t)
                    .map(|i| ((i * 31 % 17) as f32 - 8.0) * 0.1)
                    .collect();
                (t, v)
            })
            .collect();
        for with_rel in [false, true] {
            let got = attention_ragged(
                &buf,
                3 * h,
                (0, h, 2 * h),
                &seqs,
                (nh, hd),
                with_rel.then_some(&rel),
            );
            for &(s, t) in &seqs {
                // The sequence on its own through the padded kernel (batch 1, nothing masked).
                let view = |off: usize| HeadsView {
                    off: s * 3 * h + off,
                    sb: t * 3 * h,
                    sh: hd,
                    st: 3 * h,
                };
                let mask = Mask {
                    rel: with_rel.then(|| rel[&t].as_slice()),
                    ..Default::default()
                };
                let want = attention(
                    &buf,
                    view(0),
                    &buf,
                    view(h),
                    &buf,
                    view(2 * h),
                    (1, nh, nh, t, hd),
                    mask,
                );
                let err = got[s * h..(s + t) * h]
                    .iter()
                    .zip(&want)
                    .map(|(a, b)| (a - b).abs())
                    .fold(0f32, f32::max);
                assert!(err < 1e-6, "t={t} rel={with_rel}: max err {err}");
            }
        }
    }
}

#[cfg(test)]
mod perf_probe {
    use super::*;
    #[test]
    #[ignore]
    fn attention_speed() {
        // INGOT_PROBE_T: tokens per sequence (26: the mixed batch, 47: b32long's average).
        let t = std::env::var("INGOT_PROBE_T")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(26);
        let (b, nh, hd) = (32usize, 12usize, 32usize);
        let h = nh * hd;
        let buf: Vec<f32> = (0..b * t * 3 * h)
            .map(|i| ((i * 7919) % 1000) as f32 / 1000.0 - 0.5)
            .collect();
        let view = |off: usize| HeadsView {
            off,
            sb: t * 3 * h,
            sh: hd,
            st: 3 * h,
        };
        for _ in 0..8 {
            let t0 = std::time::Instant::now();
            for _ in 0..6 {
                let o = attention(
                    &buf,
                    view(0),
                    &buf,
                    view(h),
                    &buf,
                    view(2 * h),
                    (b, nh, nh, t, hd),
                    Mask::default(),
                );
                std::hint::black_box(o);
            }
            eprintln!(
                "6 layers: {:.2} ms (threads {})",
                t0.elapsed().as_secs_f64() * 1e3,
                threads()
            );
        }
    }
}
