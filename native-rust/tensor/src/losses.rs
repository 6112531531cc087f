//! `torch.nn.functional`'s losses, as evaluation and scoring code calls them on a model's
//! outputs: `cross_entropy` (class indices or probabilities, `weight`, `ignore_index`,
//! `label_smoothing`), `nll_loss`, `mse_loss`, `l1_loss`, `smooth_l1_loss`, `huber_loss`,
//! `binary_cross_entropy`, `binary_cross_entropy_with_logits` and `kl_div`, with torch's
//! reductions and errors. The tensors are small, so each loss is a loop over the flat data in
//! f64, rounded once to the result's dtype (torch computes in the input's dtype; the two agree
//! to its rounding).

use crate::ops::{broadcast_shape, tbinary, tunary, BinOp, UnOp};
use crate::{ce, DType, NdArray};
use ingot_runtime::{PyErr, PyResult};

/// torch's `reduction=`: `"none"`, `"mean"`, `"sum"` (and `"batchmean"` for `kl_div`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduction {
    None,
    Mean,
    Sum,
    BatchMean,
}

/// The reduction a `reduction=` string names, or torch's ValueError.
pub fn reduction(name: &str) -> PyResult<Reduction> {
    match name {
        "none" => Ok(Reduction::None),
        "mean" => Ok(Reduction::Mean),
        "sum" => Ok(Reduction::Sum),
        _ => Err(PyErr::value_error(format!(
            "{name} is not a valid value for reduction"
        ))),
    }
}

/// The loss values `data` (of shape `dims`) reduced as `r` asks, in `dtype`.
fn reduce(data: Vec<f64>, dims: &[usize], r: Reduction, dtype: DType) -> PyResult<NdArray> {
    match r {
        Reduction::None => NdArray::from_f64(data, dims, dtype),
        Reduction::Sum => NdArray::from_f64(vec![data.iter().sum()], &[], dtype),
        Reduction::Mean => {
            let n = data.len() as f64;
            NdArray::from_f64(vec![data.iter().sum::<f64>() / n], &[], dtype)
        }
        Reduction::BatchMean => {
            let batch = dims.first().copied().unwrap_or(1) as f64;
            NdArray::from_f64(vec![data_sum(&data) / batch], &[], dtype)
        }
    }
}

/// `a` broadcast to `dims`, as flat f64 data.
fn flat_as(a: &NdArray, dims: &[usize]) -> PyResult<Vec<f64>> {
    if a.dims() == dims {
        return a.to_f64_vec();
    }
    let t = a
        .tensor()
        .broadcast_as(dims)
        .map_err(ce)?
        .contiguous()
        .map_err(ce)?;
    NdArray::wrap(t, a.dtype()).to_f64_vec()
}

fn not_implemented(kernel: &str, d: DType) -> PyErr {
    PyErr::not_implemented_error(format!(
        "\"{kernel}\" not implemented for '{}'",
        d.torch_scalar_name()
    ))
}

/// The promoted dtype of a pointwise loss's two sides (torch's `result_type`).
fn pointwise_dtype(input: &NdArray, target: &NdArray) -> PyResult<DType> {
    Ok(tbinary(BinOp::Sub, input, target)?.dtype())
}

// ---- Regression losses ---------------------------------------------------------------------

/// A loss of the difference `input - target` alone, elementwise with broadcasting.
fn difference_loss(
    input: &NdArray,
    target: &NdArray,
    r: Reduction,
    kernel: &str,
    f: impl Fn(f64) -> f64,
) -> PyResult<NdArray> {
    let dtype = pointwise_dtype(input, target)?;
    if !dtype.is_float() {
        return Err(not_implemented(kernel, dtype));
    }
    let dims = broadcast_shape(input.dims(), target.dims())?;
    let (x, y) = (flat_as(input, &dims)?, flat_as(target, &dims)?);
    let data = x.iter().zip(&y).map(|(a, b)| f(a - b)).collect();
    reduce(data, &dims, r, dtype)
}

/// `F.mse_loss(input, target, reduction="mean")`.
pub fn mse_loss(input: &NdArray, target: &NdArray, reduction: &str) -> PyResult<NdArray> {
    difference_loss(input, target, self::reduction(reduction)?, "mse_cpu", |d| {
        d * d
    })
}

/// `F.l1_loss(input, target, reduction="mean")`: integer tensors keep their dtype where torch
/// computes them (`"none"`, `"sum"`); their mean is torch's NotImplementedError.
pub fn l1_loss(input: &NdArray, target: &NdArray, reduction: &str) -> PyResult<NdArray> {
    let r = self::reduction(reduction)?;
    let dtype = pointwise_dtype(input, target)?;
    if dtype.is_float() {
        return difference_loss(input, target, r, "l1_cpu", f64::abs);
    }
    let d = tunary(UnOp::Abs, &tbinary(BinOp::Sub, input, target)?)?;
    match r {
        Reduction::None => Ok(d),
        Reduction::Sum => {
            let s: i64 = d.to_i64_vec()?.iter().fold(0i64, |a, &b| a.wrapping_add(b));
            NdArray::from_f64(vec![s as f64], &[], dtype)
        }
        _ => Err(PyErr::not_implemented_error(format!(
            "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {}",
            dtype.torch_scalar_name()
        ))),
    }
}

/// `F.smooth_l1_loss(input, target, reduction="mean", beta=1.0)`.
pub fn smooth_l1_loss(
    input: &NdArray,
    target: &NdArray,
    reduction: &str,
    beta: f64,
) -> PyResult<NdArray> {
    let r = self::reduction(reduction)?;
    if beta < 0.0 {
        return Err(PyErr::runtime_error(
            "smooth_l1_loss does not support negative values for beta.",
        ));
    }
    difference_loss(input, target, r, "smooth_l1_cpu", |d| {
        let a = d.abs();
        if a < beta {
            0.5 * a * a / beta
        } else {
            a - 0.5 * beta
        }
    })
}

/// `F.huber_loss(input, target, reduction="mean", delta=1.0)`.
pub fn huber_loss(
    input: &NdArray,
    target: &NdArray,
    reduction: &str,
    delta: f64,
) -> PyResult<NdArray> {
    let r = self::reduction(reduction)?;
    if delta <= 0.0 {
        return Err(PyErr::runtime_error(
            "huber_loss does not support non-positive values for delta.",
        ));
    }
    difference_loss(input, target, r, "huber_cpu", |d| {
        let a = d.abs();
        if a <= delta {
            0.5 * a * a
        } else {
            delta * (a - 0.5 * delta)
        }
    })
}

// ---- Binary classification -----------------------------------------------------------------

fn same_float_shapes(
    input: &NdArray,
    target: &NdArray,
    msg: impl FnOnce() -> String,
) -> PyResult<DType> {
    if input.dims() != target.dims() {
        return Err(PyErr::value_error(msg()));
    }
    if !input.dtype().is_float() || !target.dtype().is_float() {
        let bad = if input.dtype().is_float() {
            target.dtype()
        } else {
            input.dtype()
        };
        return Err(PyErr::runtime_error(format!(
            "Found dtype {} but expected Float",
            bad.torch_scalar_name()
        )));
    }
    pointwise_dtype(input, target)
}

fn torch_size(dims: &[usize]) -> String {
    let inner = dims
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    format!("torch.Size([{inner}])")
}

/// The two sides of a binary loss, checked as torch checks them (same shape, float), with the
/// weights broadcast to them.
struct Binary {
    dtype: DType,
    r: Reduction,
    dims: Vec<usize>,
    x: Vec<f64>,
    y: Vec<f64>,
    w: Option<Vec<f64>>,
}

impl Binary {
    fn of(
        input: &NdArray,
        target: &NdArray,
        weight: Option<&NdArray>,
        reduction: &str,
        size_msg: impl FnOnce() -> String,
    ) -> PyResult<Binary> {
        let dtype = same_float_shapes(input, target, size_msg)?;
        let r = self::reduction(reduction)?;
        let dims = input.dims().to_vec();
        let w = weight.map(|w| flat_as(w, &dims)).transpose()?;
        Ok(Binary {
            dtype,
            r,
            dims,
            x: input.to_f64_vec()?,
            y: target.to_f64_vec()?,
            w,
        })
    }

    /// The loss `f(i, x, t)` of each pair, weighted and reduced.
    fn reduce(self, f: impl Fn(usize, f64, f64) -> f64) -> PyResult<NdArray> {
        let data = (0..self.x.len())
            .map(|i| {
                let l = f(i, self.x[i], self.y[i]);
                self.w.as_ref().map_or(l, |w| l * w[i])
            })
            .collect();
        reduce(data, &self.dims, self.r, self.dtype)
    }
}

/// `F.binary_cross_entropy(input, target, weight=None, reduction="mean")`: each log clamped
/// at -100, as torch clamps it.
pub fn binary_cross_entropy(
    input: &NdArray,
    target: &NdArray,
    weight: Option<&NdArray>,
    reduction: &str,
) -> PyResult<NdArray> {
    let b = Binary::of(input, target, weight, reduction, || {
        format!(
            "Using a target size ({}) that is different to the input size ({}) is deprecated. Please ensure they have the same size.",
            torch_size(target.dims()),
            torch_size(input.dims())
        )
    })?;
    if b.x.iter().any(|&v| !(0.0..=1.0).contains(&v)) {
        return Err(PyErr::runtime_error(
            "all elements of input should be between 0 and 1",
        ));
    }
    b.reduce(|_, p, t| -(t * p.ln().max(-100.0) + (1.0 - t) * (1.0 - p).ln().max(-100.0)))
}

/// `F.binary_cross_entropy_with_logits(input, target, weight=None, reduction="mean",
/// pos_weight=None)`: `(1 - t) * x - log_sigmoid(x) * (1 + (pos_weight - 1) * t)`, stable for
/// large logits.
pub fn binary_cross_entropy_with_logits(
    input: &NdArray,
    target: &NdArray,
    weight: Option<&NdArray>,
    reduction: &str,
    pos_weight: Option<&NdArray>,
) -> PyResult<NdArray> {
    let b = Binary::of(input, target, weight, reduction, || {
        format!(
            "Target size ({}) must be the same as input size ({})",
            torch_size(target.dims()),
            torch_size(input.dims())
        )
    })?;
    let pw = pos_weight.map(|p| flat_as(p, &b.dims)).transpose()?;
    // Each step rounded to the dtype, as torch computes it: for a large negative logit and a
    // zero target the loss is a difference of two close values, whose rounding shows.
    let f32 = b.dtype == DType::Float32;
    let rnd = |v: f64| if f32 { v as f32 as f64 } else { v };
    b.reduce(|i, v, t| {
        let log_sigmoid = rnd(v.min(0.0) - rnd(rnd((-v.abs()).exp()).ln_1p()));
        let scale = pw
            .as_ref()
            .map_or(1.0, |p| rnd(1.0 + rnd(rnd(p[i] - 1.0) * t)));
        rnd(rnd(rnd(1.0 - t) * v) - rnd(log_sigmoid * scale))
    })
}

/// `F.kl_div(input, target, reduction="mean", log_target=False)`: `input` holds log-probabilities;
/// `target` probabilities (`t * (log t - x)`, 0 where `t` is 0) or, with `log_target`, their logs.
pub fn kl_div(
    input: &NdArray,
    target: &NdArray,
    reduction: &str,
    log_target: bool,
) -> PyResult<NdArray> {
    let r = if reduction == "batchmean" {
        Reduction::BatchMean
    } else {
        self::reduction(reduction)?
    };
    if !input.dtype().is_float() || !target.dtype().is_float() {
        return Err(PyErr::runtime_error(
            "kl_div: Integral inputs not supported.",
        ));
    }
    let dtype = pointwise_dtype(input, target)?;
    let dims = broadcast_shape(input.dims(), target.dims())?;
    let (x, y) = (flat_as(input, &dims)?, flat_as(target, &dims)?);
    let data: Vec<f64> = x
        .iter()
        .zip(&y)
        .map(|(&x, &t)| {
            if log_target {
                t.exp() * (t - x)
            } else if t == 0.0 {
                0.0
            } else {
                // xlogy: nan for a negative target, as torch gives.
                t * t.ln() - t * x
            }
        })
        .collect();
    if r == Reduction::BatchMean {
        // batchmean divides the sum by the input's first dimension.
        let batch = input.dims().first().copied().unwrap_or(1) as f64;
        return NdArray::from_f64(vec![data_sum(&data) / batch], &[], dtype);
    }
    reduce(data, &dims, r, dtype)
}

fn data_sum(data: &[f64]) -> f64 {
    data.iter().sum()
}

// ---- Multi-class classification ------------------------------------------------------------

/// The layout of a classification input: `(N, C, d1, ..., dk)` as `n` rows of `c` classes over
/// `s` positions, or `(C,)` as one row of one position.
struct Classes {
    n: usize,
    c: usize,
    s: usize,
    /// The shape of a per-position result (`reduction="none"`).
    out: Vec<usize>,
}

impl Classes {
    fn of(input: &NdArray) -> PyResult<Classes> {
        let d = input.dims();
        match d.len() {
            0 => Err(PyErr::index_error(
                "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
            )),
            1 => Ok(Classes {
                n: 1,
                c: d[0],
                s: 1,
                out: vec![],
            }),
            _ => Ok(Classes {
                n: d[0],
                c: d[1],
                s: d[2..].iter().product(),
                out: [&d[..1], &d[2..]].concat(),
            }),
        }
    }

    fn at(&self, row: usize, class: usize, pos: usize) -> usize {
        (row * self.c + class) * self.s + pos
    }
}

/// log_softmax over the class dimension, in f64.
fn log_probs(x: &[f64], k: &Classes) -> Vec<f64> {
    let mut out = vec![0.0; x.len()];
    for row in 0..k.n {
        for pos in 0..k.s {
            let m = (0..k.c)
                .map(|c| x[k.at(row, c, pos)])
                .fold(f64::NEG_INFINITY, f64::max);
            let lse = m
                + (0..k.c)
                    .map(|c| (x[k.at(row, c, pos)] - m).exp())
                    .sum::<f64>()
                    .ln();
            for c in 0..k.c {
                out[k.at(row, c, pos)] = x[k.at(row, c, pos)] - lse;
            }
        }
    }
    out
}

fn class_weights(weight: Option<&NdArray>, c: usize) -> PyResult<Vec<f64>> {
    match weight {
        None => Ok(vec![1.0; c]),
        Some(w) if w.ndim() == 1 && w.dims()[0] == c => w.to_f64_vec(),
        Some(w) => Err(PyErr::runtime_error(format!(
            "weight tensor should be defined either for all {c} classes or no classes but got weight tensor of shape: [{}]",
            w.dims().iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// The class index targets, checked against the input's layout as torch checks them.
fn class_targets(target: &NdArray, input: &NdArray, k: &Classes) -> PyResult<Vec<i64>> {
    if target.dtype() != DType::Int64 && target.dtype() != DType::UInt8 {
        return Err(PyErr::runtime_error(format!(
            "expected target dtype to be Long or Byte, but got {}",
            target.dtype().torch_scalar_name()
        )));
    }
    let td = target.dims();
    if input.ndim() >= 2 {
        let batch = td.first().copied().unwrap_or(1);
        if td.is_empty() || batch != k.n {
            return Err(PyErr::value_error(format!(
                "Expected input batch_size ({}) to match target batch_size ({}).",
                k.n,
                if td.is_empty() { 1 } else { batch }
            )));
        }
        if td[1..] != input.dims()[2..] {
            let shown = |d: &[usize]| {
                d.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(PyErr::runtime_error(format!(
                "Expected target size [{}], got [{}]",
                shown(&k.out),
                shown(td)
            )));
        }
    } else if target.size() != 1 {
        return Err(PyErr::runtime_error(
            "0D or 1D target tensor expected, multi-target not supported",
        ));
    }
    target.to_i64_vec()
}

/// `nll_loss` of log-probabilities `lp`: per position `-w[t] * lp[t]`, 0 where `t` is
/// `ignore_index`; the mean divides by the weights of the targets counted (nan when none is).
fn nll_core(
    lp: &[f64],
    t: &[i64],
    k: &Classes,
    w: &[f64],
    ignore_index: i64,
) -> PyResult<(Vec<f64>, f64)> {
    let mut losses = vec![0.0; k.n * k.s];
    let mut total = 0.0;
    for row in 0..k.n {
        for pos in 0..k.s {
            let i = row * k.s + pos;
            let target = t[i];
            if target == ignore_index {
                continue;
            }
            if target < 0 || target as usize >= k.c {
                return Err(PyErr::index_error(format!(
                    "Target {target} is out of bounds."
                )));
            }
            let c = target as usize;
            losses[i] = -w[c] * lp[k.at(row, c, pos)];
            total += w[c];
        }
    }
    Ok((losses, total))
}

fn reduce_weighted(
    losses: Vec<f64>,
    total: f64,
    k: &Classes,
    r: Reduction,
    dtype: DType,
) -> PyResult<NdArray> {
    match r {
        Reduction::Mean => NdArray::from_f64(vec![losses.iter().sum::<f64>() / total], &[], dtype),
        _ => reduce(losses, &k.out, r, dtype),
    }
}

/// `F.nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean")`.
pub fn nll_loss(
    input: &NdArray,
    target: &NdArray,
    weight: Option<&NdArray>,
    ignore_index: i64,
    reduction: &str,
) -> PyResult<NdArray> {
    let r = self::reduction(reduction)?;
    if !input.dtype().is_float() {
        return Err(not_implemented(
            "nll_loss_forward_reduce_cuda_kernel_2d_index",
            input.dtype(),
        ));
    }
    let k = Classes::of(input)?;
    let w = class_weights(weight, k.c)?;
    let t = class_targets(target, input, &k)?;
    let (losses, total) = nll_core(&input.to_f64_vec()?, &t, &k, &w, ignore_index)?;
    reduce_weighted(losses, total, &k, r, input.dtype())
}

/// `F.cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean",
/// label_smoothing=0.0)`: class indices (int64) or class probabilities (a float tensor of the
/// input's shape), as ATen's `cross_entropy_loss` computes them.
pub fn cross_entropy(
    input: &NdArray,
    target: &NdArray,
    weight: Option<&NdArray>,
    ignore_index: i64,
    reduction: &str,
    label_smoothing: f64,
) -> PyResult<NdArray> {
    let r = self::reduction(reduction)?;
    if !input.dtype().is_float() {
        return Err(not_implemented(
            "log_softmax_lastdim_kernel_impl",
            input.dtype(),
        ));
    }
    if !(0.0..=1.0).contains(&label_smoothing) {
        return Err(PyErr::runtime_error(format!(
            "label_smoothing must be between 0.0 and 1.0. Got: {}",
            label_smoothing
        )));
    }
    let k = Classes::of(input)?;
    let w = class_weights(weight, k.c)?;
    let lp = log_probs(&input.to_f64_vec()?, &k);
    let dtype = input.dtype();
    let eps = label_smoothing;
    if target.dtype().is_float() && target.dims() == input.dims() {
        // Probabilities: -sum_c w_c * p_c * log q_c per position; the mean divides by the positions.
        let p = target.to_f64_vec()?;
        let mut losses = vec![0.0; k.n * k.s];
        for row in 0..k.n {
            for pos in 0..k.s {
                losses[row * k.s + pos] = -(0..k.c)
                    .map(|c| {
                        let i = k.at(row, c, pos);
                        w[c] * lp[i] * (p[i] * (1.0 - eps) + eps / k.c as f64)
                    })
                    .sum::<f64>();
            }
        }
        return match r {
            Reduction::Mean => {
                let positions = (k.n * k.s) as f64;
                NdArray::from_f64(vec![losses.iter().sum::<f64>() / positions], &[], dtype)
            }
            _ => reduce(losses, &k.out, r, dtype),
        };
    }
    let t = class_targets(target, input, &k)?;
    let (nll, total) = nll_core(&lp, &t, &k, &w, ignore_index)?;
    if eps == 0.0 {
        return reduce_weighted(nll, total, &k, r, dtype);
    }
    // Label smoothing: (1 - eps) * nll + eps / C * the loss against the uniform distribution,
    // each reduced on its own (the smooth part's mean divides by the weights of the targets).
    let mut smooth = vec![0.0; k.n * k.s];
    for row in 0..k.n {
        for pos in 0..k.s {
            let i = row * k.s + pos;
            if t[i] != ignore_index {
                smooth[i] = -(0..k.c).map(|c| w[c] * lp[k.at(row, c, pos)]).sum::<f64>();
            }
        }
    }
    let scale = eps / k.c as f64;
    match r {
        Reduction::None => {
            let data = nll
                .iter()
                .zip(&smooth)
                .map(|(a, b)| (1.0 - eps) * a + scale * b)
                .collect();
            NdArray::from_f64(data, &k.out, dtype)
        }
        Reduction::Sum => {
            let v = (1.0 - eps) * nll.iter().sum::<f64>() + scale * smooth.iter().sum::<f64>();
            NdArray::from_f64(vec![v], &[], dtype)
        }
        _ => {
            let v = (1.0 - eps) * nll.iter().sum::<f64>() / total
                + scale * smooth.iter().sum::<f64>() / total;
            NdArray::from_f64(vec![v], &[], dtype)
        }
    }
}
