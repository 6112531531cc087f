//! Hand-fused CPU kernels on raw f32 slices, for the hot paths of the encoders:
//!
//! * `linear`: one GEMM (the gemm crate, AVX-512 when available) whose destination is
//!   pre-filled with the bias, followed by the activation in place: no separate bias or
//!   activation passes, no transposed operand.
//! * `attention`: per (batch, head) scores = Q K^T, + mask bias, softmax, @ V, reading Q/K/V
//!   straight out of the fused QKV buffer through strides and writing the context directly
//!   in `[b, t, heads * head_dim]` order: no head-split or transpose copies.
//! * `add_layer_norm`: residual add + LayerNorm in one pass.
//! * vectorisable `exp`, `erf` and `tanh` (rational/polynomial approximations, < 2e-7 abs
//!   error; see the unit tests) compiled for AVX-512 and AVX2 with runtime dispatch.
//!
//! Work is split with rayon (the same pool gemm uses), so one pool serves a whole forward.

use crate::error::{Error, Result};
use crate::nn::Activation;
use candle_core::{DType, Device, Layout, Storage, Tensor};
use rayon::prelude::*;

/// Run `f` on a tensor's f32 data and layout (CPU only).
pub(crate) fn with_f32<R>(t: &Tensor, f: impl FnOnce(&[f32], &Layout) -> R) -> Result<R> {
    if t.dtype() != DType::F32 {
        return Err(Error::runtime(format!("fused kernels need f32, got {:?}", t.dtype())));
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
    let x = x.clamp(-87.33654, 88.72283);
    let n = (x * std::f32::consts::LOG2_E).round();
    let r = x - n * 0.693_359_4 - n * -2.121_944_4e-4;
    let mut p = 1.987_569_1e-4f32;
    p = p * r + 1.398_199_9e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 1.666_666_5e-1;
    p = p * r + 5.000_000_1e-1;
    let y = p * r * r + r + 1.0;
    let bits = ((n as i32 + 127) as u32) << 23;
    y * f32::from_bits(bits)
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

multiversion! {
    /// `x = act(x)` over a slice.
    fn act_slice(a: Activation, x: &mut [f32]) {
        match a {
            Activation::GeluErf => x.iter_mut().for_each(|v| *v = act_one(Activation::GeluErf, *v)),
            Activation::GeluTanh => x.iter_mut().for_each(|v| *v = act_one(Activation::GeluTanh, *v)),
            Activation::Relu => x.iter_mut().for_each(|v| *v = v.max(0.0)),
            Activation::Silu => x.iter_mut().for_each(|v| *v = act_one(Activation::Silu, *v)),
            Activation::Identity => {}
        }
    }
}

multiversion! {
    /// `x = softmax(x + bias)` over one row; `bias` may be empty.
    fn softmax_row(x: &mut [f32], bias: &[f32]) {
        if !bias.is_empty() {
            x.iter_mut().zip(bias).for_each(|(v, b)| *v += *b);
        }
        let max = x.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
        let mut sum = 0f32;
        for v in x.iter_mut() {
            let e = exp_approx(*v - max);
            *v = e;
            sum += e;
        }
        let inv = 1.0 / sum;
        x.iter_mut().for_each(|v| *v *= inv);
    }
}

multiversion! {
    /// `out = LayerNorm(a + b) * w + beta` over one row (two-pass variance, as torch).
    fn add_ln_row(a: &[f32], b: &[f32], w: &[f32], beta: &[f32], eps: f32, out: &mut [f32]) {
        let n = out.len() as f32;
        let mut sum = 0f32;
        for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
            *o = x + y;
            sum += *o;
        }
        let mean = sum / n;
        let mut var = 0f32;
        for o in out.iter() {
            let d = o - mean;
            var += d * d;
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
pub(crate) fn linear(x: &Tensor, wt: &Tensor, bias: Option<&Tensor>, act: Activation) -> Result<Tensor> {
    let (rows, k) = x.dims2()?;
    let (k2, n) = wt.dims2()?;
    if k != k2 {
        return Err(Error::runtime(format!("linear: x is [{rows}, {k}] but weight is [{k2}, {n}]")));
    }
    let mut dst = vec![0f32; rows * n];
    let has_bias = bias.is_some();
    if let Some(b) = bias {
        let b = b.contiguous()?;
        with_f32(&b, |bs, l| {
            let bs = &bs[l.start_offset()..l.start_offset() + n];
            dst.chunks_mut(n).for_each(|row| row.copy_from_slice(bs));
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
                    rows, n, k,
                    dst.as_mut_ptr(), 1, n as isize, has_bias,
                    xs.as_ptr().add(xl.start_offset()), xcs, xrs,
                    ws.as_ptr().add(wl.start_offset()), 1, n as isize,
                    1.0, 1.0, false, false, false,
                    par(rows * n * k),
                );
            }
            Ok(())
        })?
    })??;
    activate(act, &mut dst);
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
        out.par_chunks_mut(i * rows_per).enumerate().for_each(|(ci, chunk)| {
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
pub(crate) fn add_layer_norm(a: &Tensor, b: &Tensor, w: &Tensor, beta: &Tensor, eps: f32) -> Result<Tensor> {
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
                    out.par_chunks_mut(d * rows_per).enumerate().for_each(|(ci, chunk)| {
                        for (ri, o) in chunk.chunks_mut(d).enumerate() {
                            let r = ci * rows_per + ri;
                            add_ln_row(&as_[r * d..(r + 1) * d], &bs[r * d..(r + 1) * d], ws, betas, eps, o);
                        }
                    });
                })
            })
        })
    })????;
    Ok(Tensor::from_vec(out, (rows, d), &Device::Cpu)?)
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

/// Additive attention bias: none, one row per batch item (`[b, t]`, masks keys), or one
/// matrix per batch item (`[b, t, t]`, per query and key).
pub(crate) enum Bias<'a> {
    None,
    PerKey(&'a [f32]),
    PerQuery(&'a [f32]),
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
    bias: Bias<'_>,
) -> Vec<f32> {
    let mut out = vec![0f32; b * t * nh * hd];
    let out_ptr = SendPtr(out.as_mut_ptr());
    let rep = nh / nkv;
    let row = nh * hd;
    let job = |bh: usize, scores: &mut Vec<f32>| {
        let (bi, h) = (bh / nh, bh % nh);
        let kh = h / rep;
        scores.resize(t * t, 0.0);
        let out_ptr = out_ptr;
        unsafe {
            // scores[i, j] = sum_d q[i, d] * k[j, d]
            gemm::gemm(
                t, t, hd,
                scores.as_mut_ptr(), 1, t as isize, false,
                q_buf.as_ptr().add(q.off + bi * q.sb + h * q.sh), 1, q.st as isize,
                k_buf.as_ptr().add(k.off + bi * k.sb + kh * k.sh), k.st as isize, 1,
                1.0, 1.0, false, false, false,
                gemm::Parallelism::None,
            );
        }
        for i in 0..t {
            let bias_row: &[f32] = match bias {
                Bias::None => &[],
                Bias::PerKey(m) => &m[bi * t..(bi + 1) * t],
                Bias::PerQuery(m) => &m[(bi * t + i) * t..(bi * t + i + 1) * t],
            };
            softmax_row(&mut scores[i * t..(i + 1) * t], bias_row);
        }
        unsafe {
            // out[bi, i, h, :] = sum_j p[i, j] * v[j, :]
            gemm::gemm(
                t, hd, t,
                out_ptr.0.add(bi * t * row + h * hd), 1, row as isize, false,
                scores.as_ptr(), 1, t as isize,
                v_buf.as_ptr().add(v.off + bi * v.sb + kh * v.sh), 1, v.st as isize,
                1.0, 1.0, false, false, false,
                gemm::Parallelism::None,
            );
        }
    };
    let jobs = b * nh;
    if jobs == 1 || threads() <= 1 || t * t * hd * jobs < (1 << 16) {
        let mut scratch = Vec::new();
        (0..jobs).for_each(|bh| job(bh, &mut scratch));
    } else {
        (0..jobs).into_par_iter().for_each_init(Vec::new, |scratch, bh| job(bh, scratch));
    }
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
        assert_eq!(exp_approx(f32::MIN), exp_approx(-87.33654));
        assert!(exp_approx(f32::MIN) < 1e-37);
    }
}
