//! torch's tensor API between a model's outputs and the answer, beyond the decoding loop's ops:
//! masks combined with `&`/`|`/`^`, reductions over several dims and the folds candle has no
//! kernel for (`prod`, `any`, `all`), vector norms, `log_softmax`, activations, cosine
//! similarity, `F.pad`, `einsum` and the shape helpers (`flatten`,
//! `unflatten`, `eye`). Generated code calls these as `nd::...`; each raises torch's error kind
//! where torch raises. Post-processing tensors are small, so the folds that candle lacks loop
//! over the flat data.

use crate::ops::{
    broadcast_shape, dim_ix, norm_axis, swapaxes, tbinary, treduce, tunary, unsqueeze, var,
};
use crate::ops::{BinOp, Operand, Reduce, UnOp};
use crate::sampling::cat;
use crate::{ce, DType, NdArray};
use candle_core::{Device, Tensor};
use ingot_runtime::{ErrKind, PyErr, PyResult};

fn runtime(msg: impl Into<String>) -> PyErr {
    PyErr::runtime_error(msg.into())
}

/// torch's name of a dtype in its messages (`Float`, `Long`, `Bool`).
fn torch_name(d: DType) -> &'static str {
    d.torch_scalar_name()
}

/// torch's RuntimeError for an op that needs a floating-point tensor.
fn need_float(a: &NdArray, what: &str) -> PyResult<()> {
    if a.dtype().is_float() {
        return Ok(());
    }
    Err(runtime(format!(
        "{what}: Expected a floating point or complex tensor as input. Got {}",
        torch_name(a.dtype())
    )))
}

// ---- Masks ------------------------------------------------------------------------------------

/// The bitwise operators on tensors: logical on bool masks, bitwise on integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Logic {
    And,
    Or,
    Xor,
}

fn operand_array(x: Operand, op: &str) -> PyResult<NdArray> {
    match x {
        Operand::Arr(a) => Ok(a),
        Operand::Int(i) => NdArray::from_i64(vec![i], &[]),
        Operand::Bool(b) => NdArray::from_bool(vec![b], &[]),
        Operand::Float(_) => Err(runtime(format!("\"{op}_cpu\" not implemented for 'Float'"))),
    }
}

/// `a & b`, `a | b`, `a ^ b` with broadcasting: bool when both sides are bool, else int64.
pub fn logical(op: Logic, a: impl Into<Operand>, b: impl Into<Operand>) -> PyResult<NdArray> {
    let name = match op {
        Logic::And => "bitwise_and",
        Logic::Or => "bitwise_or",
        Logic::Xor => "bitwise_xor",
    };
    let (a, b) = (
        operand_array(a.into(), name)?,
        operand_array(b.into(), name)?,
    );
    for x in [&a, &b] {
        if x.dtype().is_float() {
            return Err(runtime(format!(
                "\"{name}_cpu\" not implemented for '{}'",
                torch_name(x.dtype())
            )));
        }
    }
    let dims = broadcast_shape(a.dims(), b.dims())?;
    let flat = |x: &NdArray| -> PyResult<Vec<i64>> {
        let t = x.tensor().broadcast_as(dims.as_slice()).map_err(ce)?;
        NdArray::from_tensor(t.contiguous().map_err(ce)?)?.to_i64_vec()
    };
    let (x, y) = (flat(&a)?, flat(&b)?);
    let v: Vec<i64> = x
        .iter()
        .zip(&y)
        .map(|(&p, &q)| match op {
            Logic::And => p & q,
            Logic::Or => p | q,
            Logic::Xor => p ^ q,
        })
        .collect();
    if a.dtype() == DType::Bool && b.dtype() == DType::Bool {
        NdArray::from_bool(v.into_iter().map(|x| x != 0).collect(), &dims)
    } else {
        NdArray::from_i64(v, &dims)
    }
}

/// numpy's `a & b`, `a | b`, `a ^ b`: as `logical`, but a float operand is numpy's TypeError.
pub fn bitwise(op: Logic, a: impl Into<Operand>, b: impl Into<Operand>) -> PyResult<NdArray> {
    let name = match op {
        Logic::And => "bitwise_and",
        Logic::Or => "bitwise_or",
        Logic::Xor => "bitwise_xor",
    };
    let (a, b) = (a.into(), b.into());
    let float = |x: &Operand| match x {
        Operand::Float(_) => true,
        Operand::Arr(a) => a.dtype().is_float(),
        _ => false,
    };
    if float(&a) || float(&b) {
        return Err(PyErr::type_error(format!(
            "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
        )));
    }
    logical(op, a, b)
}

// ---- Reductions ---------------------------------------------------------------------------

/// A reduction over several dims (`t.sum(dim=(0, 1))`): each dim in turn, from the last.
pub fn treduce_dims(op: Reduce, a: &NdArray, dims: &[i64], keepdim: bool) -> PyResult<NdArray> {
    let nd = a.ndim();
    let mut axes = dims
        .iter()
        .map(|&d| dim_ix(d, nd))
        .collect::<PyResult<Vec<_>>>()?;
    axes.sort_unstable();
    if axes.windows(2).any(|w| w[0] == w[1]) {
        return Err(runtime("dim appears multiple times in the list of dims"));
    }
    if axes.is_empty() {
        // torch reads an empty dim list as every dim.
        return treduce(op, a, None, keepdim);
    }
    let mut r = a.clone();
    for &ax in axes.iter().rev() {
        r = treduce(op, &r, Some(ax as i64), true)?;
    }
    if keepdim {
        return Ok(r);
    }
    let out: Vec<usize> = r
        .dims()
        .iter()
        .enumerate()
        .filter(|(i, _)| !axes.contains(i))
        .map(|(_, &d)| d)
        .collect();
    Ok(NdArray::wrap(
        r.tensor().reshape(out).map_err(ce)?,
        r.dtype(),
    ))
}

/// The folds candle has no kernel for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    Prod,
    Any,
    All,
}

/// `t.prod(dim)`, `t.any(dim)`, `t.all(dim)` (every element when `dim` is None): prod keeps a
/// float dtype and makes bool and int64 int64; any/all give bool.
pub fn tfold(op: Fold, a: &NdArray, dim: Option<i64>, keepdim: bool) -> PyResult<NdArray> {
    let dims = a.shape();
    let (outer, n, inner, out_dims) = match dim {
        None => (
            1,
            a.size(),
            1,
            if keepdim { vec![1; dims.len()] } else { vec![] },
        ),
        Some(d) => {
            let ax = dim_ix(d, dims.len())?;
            let ax = ax.min(dims.len().saturating_sub(1));
            let n = dims.get(ax).copied().unwrap_or(1);
            let outer: usize = dims[..ax.min(dims.len())].iter().product();
            let inner: usize = dims.get(ax + 1..).map_or(1, |s| s.iter().product());
            let mut out = dims.clone();
            if !out.is_empty() {
                if keepdim {
                    out[ax] = 1;
                } else {
                    out.remove(ax);
                }
            }
            (outer, n, inner, out)
        }
    };
    let at = |o: usize, k: usize, i: usize| (o * n + k) * inner + i;
    match (op, a.dtype().is_float()) {
        (Fold::Prod, true) => {
            let v = a.to_f64_vec()?;
            let mut r = vec![1.0; outer * inner];
            for o in 0..outer {
                for k in 0..n {
                    for i in 0..inner {
                        r[o * inner + i] *= v[at(o, k, i)];
                    }
                }
            }
            NdArray::from_f64(r, &out_dims, a.dtype())
        }
        (Fold::Prod, false) => {
            let v = a.to_i64_vec()?;
            let mut r = vec![1i64; outer * inner];
            for o in 0..outer {
                for k in 0..n {
                    for i in 0..inner {
                        r[o * inner + i] = r[o * inner + i].wrapping_mul(v[at(o, k, i)]);
                    }
                }
            }
            NdArray::from_i64(r, &out_dims)
        }
        (Fold::Any | Fold::All, _) => {
            let v = a.astype(DType::Bool)?.to_i64_vec()?;
            let all = op == Fold::All;
            let mut r = vec![all; outer * inner];
            for o in 0..outer {
                for k in 0..n {
                    for i in 0..inner {
                        let x = v[at(o, k, i)] != 0;
                        let slot = &mut r[o * inner + i];
                        *slot = if all { *slot && x } else { *slot || x };
                    }
                }
            }
            NdArray::from_bool(r, &out_dims)
        }
    }
}

/// `t.var(dim, unbiased / correction, keepdim)`: the squared deviation divided by `n - correction`
/// (torch's default correction is 1); floating-point tensors only.
pub fn tvar(a: &NdArray, dim: Option<i64>, correction: i64, keepdim: bool) -> PyResult<NdArray> {
    if !a.dtype().is_float() {
        return Err(runtime(
            "std and var only support floating point and complex dtypes",
        ));
    }
    var(a, dim, keepdim, correction)
}

/// `t.std(...)`: the square root of [`tvar`].
pub fn tstd(a: &NdArray, dim: Option<i64>, correction: i64, keepdim: bool) -> PyResult<NdArray> {
    tunary(UnOp::Sqrt, &tvar(a, dim, correction, keepdim)?)
}

/// `t.norm(p, dim, keepdim)` / `torch.linalg.vector_norm`: the p-norm over `dim` (every element
/// when None); p may be any float, inf and -inf included.
pub fn tnorm(a: &NdArray, p: f64, dim: Option<i64>, keepdim: bool) -> PyResult<NdArray> {
    need_float(a, "linalg.vector_norm")?;
    let abs = tunary(UnOp::Abs, a)?;
    if p == 2.0 {
        let sq = tbinary(BinOp::Mul, &abs, &abs)?;
        return tunary(UnOp::Sqrt, &treduce(Reduce::Sum, &sq, dim, keepdim)?);
    }
    if p == 1.0 {
        return treduce(Reduce::Sum, &abs, dim, keepdim);
    }
    if p == f64::INFINITY {
        return treduce(Reduce::Max, &abs, dim, keepdim);
    }
    if p == f64::NEG_INFINITY {
        return treduce(Reduce::Min, &abs, dim, keepdim);
    }
    if p == 0.0 {
        let nz = tbinary(BinOp::Ne, &abs, 0.0)?.astype(a.dtype())?;
        return treduce(Reduce::Sum, &nz, dim, keepdim);
    }
    let pw = tbinary(BinOp::Pow, &abs, p)?;
    tbinary(
        BinOp::Pow,
        &treduce(Reduce::Sum, &pw, dim, keepdim)?,
        1.0 / p,
    )
}

// ---- Activations and normalisation --------------------------------------------------------------

/// `log_softmax(t, dim)`: `x - max - log(sum(exp(x - max)))`, stable for large logits.
pub fn log_softmax(a: &NdArray, dim: i64) -> PyResult<NdArray> {
    if !a.dtype().is_float() {
        return Err(runtime(format!(
            "\"log_softmax_lastdim_kernel_impl\" not implemented for '{}'",
            torch_name(a.dtype())
        )));
    }
    let ax = norm_axis(dim, a.ndim().max(1))? as i64;
    let m = treduce(Reduce::Max, a, Some(ax), true)?;
    // A row that is all -inf has no finite maximum; shifting by 0 there gives torch's nan... as -inf - -inf does.
    let shifted = tbinary(BinOp::Sub, a, &m)?;
    let lse = tunary(
        UnOp::Log,
        &treduce(Reduce::Sum, &tunary(UnOp::Exp, &shifted)?, Some(ax), true)?,
    )?;
    tbinary(BinOp::Sub, &shifted, &lse)
}

/// `F.relu(t)` / `t.relu()`: `max(t, 0)` in the tensor's own dtype.
pub fn relu(a: &NdArray) -> PyResult<NdArray> {
    if a.dtype() == DType::Bool {
        return Err(runtime(
            "\"clamp_min_scalar_cpu\" not implemented for 'Bool'",
        ));
    }
    let zero = Tensor::zeros(a.dims(), a.tensor().dtype(), &Device::Cpu).map_err(ce)?;
    Ok(NdArray::wrap(
        a.tensor().maximum(&zero).map_err(ce)?,
        a.dtype(),
    ))
}

/// `F.gelu(t, approximate="none" | "tanh")`.
pub fn gelu(a: &NdArray, tanh: bool) -> PyResult<NdArray> {
    if !a.dtype().is_float() {
        return Err(runtime(format!(
            "\"GeluKernelImpl\" not implemented for '{}'",
            torch_name(a.dtype())
        )));
    }
    let t = if tanh {
        a.tensor().gelu()
    } else {
        a.tensor().gelu_erf()
    }
    .map_err(ce)?;
    Ok(NdArray::wrap(t, a.dtype()))
}

/// `F.cosine_similarity(x1, x2, dim=1, eps=1e-8)`: each side divided by its norm clamped to eps,
/// then the product summed over `dim`, as ATen computes it.
pub fn cosine_similarity(x1: &NdArray, x2: &NdArray, dim: i64, eps: f64) -> PyResult<NdArray> {
    need_float(x1, "cosine_similarity")?;
    need_float(x2, "cosine_similarity")?;
    let dims = broadcast_shape(x1.dims(), x2.dims())?;
    let ax = Some(dim_ix(dim, dims.len())? as i64);
    let unit = |x: &NdArray| -> PyResult<NdArray> {
        let b = NdArray::wrap(
            x.tensor()
                .broadcast_as(dims.as_slice())
                .and_then(|t| t.contiguous())
                .map_err(ce)?,
            x.dtype(),
        );
        let n = tbinary(BinOp::Maximum, &tnorm(&b, 2.0, ax, true)?, eps)?;
        tbinary(BinOp::TrueDiv, &b, &n)
    };
    let prod = tbinary(BinOp::Mul, &unit(x1)?, &unit(x2)?)?;
    treduce(Reduce::Sum, &prod, ax, false)
}

/// `F.pad(t, pad, value=0)`: `pad` holds (before, after) pairs from the last dim backwards; a
/// negative amount crops.
pub fn torch_pad(a: &NdArray, pad: &[i64], value: f64) -> PyResult<NdArray> {
    let nd = a.ndim();
    if pad.len() % 2 != 0 {
        return Err(runtime("Padding length must be divisible by 2"));
    }
    if pad.len() / 2 > nd {
        return Err(runtime(format!(
            "Padding length should be less than or equal to two times the input dimension but got padding length {} and input of dimension {nd}",
            pad.len()
        )));
    }
    let dims = a.shape();
    let mut before = vec![0i64; nd];
    let mut out = dims.iter().map(|&d| d as i64).collect::<Vec<_>>();
    for (k, pair) in pad.chunks(2).enumerate() {
        let ax = nd - 1 - k;
        before[ax] = pair[0];
        out[ax] += pair[0] + pair[1];
        if out[ax] < 0 {
            return Err(runtime(format!(
                "The input size {}, plus negative padding {} and {} resulted in a negative output size, which is invalid. Check dimension {ax} of your input.",
                dims[ax], pair[0], pair[1]
            )));
        }
    }
    let out: Vec<usize> = out.iter().map(|&d| d as usize).collect();
    let total: usize = out.iter().product();
    // The source index of each output element, or None where the padding value goes.
    let mut src = Vec::with_capacity(total);
    let mut ix = vec![0usize; nd];
    for _ in 0..total {
        let mut flat = 0usize;
        let mut inside = true;
        for d in 0..nd {
            let i = ix[d] as i64 - before[d];
            if i < 0 || i >= dims[d] as i64 {
                inside = false;
                break;
            }
            flat = flat * dims[d] + i as usize;
        }
        src.push(inside.then_some(flat));
        for d in (0..nd).rev() {
            ix[d] += 1;
            if ix[d] < out[d] {
                break;
            }
            ix[d] = 0;
        }
    }
    if a.dtype().is_float() {
        let v = a.to_f64_vec()?;
        let r = src.iter().map(|s| s.map_or(value, |i| v[i])).collect();
        NdArray::from_f64(r, &out, a.dtype())
    } else {
        let v = a.to_i64_vec()?;
        let r = src
            .iter()
            .map(|s| s.map_or(value as i64, |i| v[i]))
            .collect();
        NdArray::from_i64(r, &out)?.astype(a.dtype())
    }
}

// ---- einsum ---------------------------------------------------------------------------------

/// `torch.einsum(equation, *operands)` for explicit subscripts (`"bsh,bs->bh"`, `"i,i->"`) and
/// the implicit form (the letters seen once, in alphabetical order). Every index combination is
/// visited once, which suits post-processing sizes; the sum runs in f64 (i64 for integers).
pub fn einsum(equation: &str, ops: &[NdArray]) -> PyResult<NdArray> {
    let eq: String = equation.chars().filter(|c| !c.is_whitespace()).collect();
    if eq.contains('.') {
        return Err(runtime(
            "einsum(): ellipsis ('...') is not supported by Ingot",
        ));
    }
    let (lhs, rhs) = match eq.split_once("->") {
        Some((l, r)) => (l.to_string(), Some(r.to_string())),
        None => (eq.clone(), None),
    };
    let terms: Vec<Vec<char>> = lhs.split(',').map(|t| t.chars().collect()).collect();
    if terms.len() != ops.len() {
        return Err(runtime(
            "einsum(): more operands were provided than specified in the equation",
        ));
    }
    let dtype = ops[0].dtype();
    if let Some(o) = ops.iter().find(|o| o.dtype() != dtype) {
        return Err(runtime(format!(
            "expected scalar type {} but found {}",
            torch_name(dtype),
            torch_name(o.dtype())
        )));
    }
    // Each letter's size (a size of 1 broadcasts, as torch allows).
    let mut letters: Vec<char> = vec![];
    let mut sizes: Vec<usize> = vec![];
    for (k, (t, o)) in terms.iter().zip(ops).enumerate() {
        if t.iter().any(|c| !c.is_ascii_alphabetic()) {
            return Err(runtime(
                "einsum(): invalid subscript given at index 0 in the equation string, subscripts must be in [a-zA-Z]",
            ));
        }
        if t.len() != o.ndim() {
            return Err(runtime(format!(
                "einsum(): the number of subscripts in the equation ({}) does not match the number of dimensions ({}) for operand {k} and no ellipsis was given",
                t.len(),
                o.ndim()
            )));
        }
        for (&c, &d) in t.iter().zip(o.dims()) {
            match letters.iter().position(|&l| l == c) {
                None => {
                    letters.push(c);
                    sizes.push(d);
                }
                Some(i) if sizes[i] == 1 => sizes[i] = d,
                Some(i) if sizes[i] != d && d != 1 => {
                    return Err(runtime(format!(
                        "einsum(): operands do not broadcast with remapped shapes (original->remapped): subscript '{c}' has size {} for one operand and {d} for another",
                        sizes[i]
                    )))
                }
                _ => {}
            }
        }
    }
    let out: Vec<char> = match rhs {
        Some(r) => r.chars().collect(),
        None => {
            let mut once: Vec<char> = letters
                .iter()
                .copied()
                .filter(|c| terms.iter().flatten().filter(|x| *x == c).count() == 1)
                .collect();
            once.sort_unstable();
            once
        }
    };
    for c in &out {
        if !letters.contains(c) {
            return Err(runtime(format!(
                "einsum(): output subscript {c} does not appear in the equation for any input operand"
            )));
        }
    }
    let pos = |c: &char| letters.iter().position(|l| l == c).unwrap();
    let out_pos: Vec<usize> = out.iter().map(pos).collect();
    let out_dims: Vec<usize> = out_pos.iter().map(|&i| sizes[i]).collect();
    // For each operand, the letter behind each of its dims and that dim's stride (0 where it broadcasts).
    let strides: Vec<Vec<(usize, usize)>> = terms
        .iter()
        .zip(ops)
        .map(|(t, o)| {
            let mut s = 1usize;
            let mut v: Vec<(usize, usize)> = t
                .iter()
                .zip(o.dims())
                .rev()
                .map(|(c, &d)| {
                    let st = if d == 1 { 0 } else { s };
                    s *= d;
                    (pos(c), st)
                })
                .collect();
            v.reverse();
            v
        })
        .collect();
    let total: usize = sizes.iter().product();
    let n_out: usize = out_dims.iter().product();
    let float = dtype.is_float();
    let fdata: Vec<Vec<f64>> = if float {
        ops.iter()
            .map(|o| o.to_f64_vec())
            .collect::<PyResult<_>>()?
    } else {
        vec![]
    };
    let idata: Vec<Vec<i64>> = if float {
        vec![]
    } else {
        ops.iter()
            .map(|o| o.to_i64_vec())
            .collect::<PyResult<_>>()?
    };
    let mut facc = vec![0.0f64; n_out];
    let mut iacc = vec![0i64; n_out];
    let mut ix = vec![0usize; letters.len()];
    for _ in 0..total {
        let mut o = 0usize;
        for &p in &out_pos {
            o = o * sizes[p] + ix[p];
        }
        if float {
            let mut v = 1.0;
            for (k, st) in strides.iter().enumerate() {
                v *= fdata[k][st.iter().map(|&(p, s)| ix[p] * s).sum::<usize>()];
            }
            facc[o] += v;
        } else {
            let mut v = 1i64;
            for (k, st) in strides.iter().enumerate() {
                v = v.wrapping_mul(idata[k][st.iter().map(|&(p, s)| ix[p] * s).sum::<usize>()]);
            }
            iacc[o] = iacc[o].wrapping_add(v);
        }
        for d in (0..ix.len()).rev() {
            ix[d] += 1;
            if ix[d] < sizes[d] {
                break;
            }
            ix[d] = 0;
        }
    }
    if float {
        NdArray::from_f64(facc, &out_dims, dtype)
    } else {
        NdArray::from_i64(iacc, &out_dims)?.astype(dtype)
    }
}

// ---- Shapes and creation ------------------------------------------------------------------------

/// `t.flatten(start_dim=0, end_dim=-1)`: the dims from start to end merged into one.
pub fn flatten(a: &NdArray, start: i64, end: i64) -> PyResult<NdArray> {
    let dims = a.shape();
    if dims.is_empty() {
        return Ok(NdArray::wrap(a.tensor().reshape(1).map_err(ce)?, a.dtype()));
    }
    let (s, e) = (dim_ix(start, dims.len())?, dim_ix(end, dims.len())?);
    if s > e {
        return Err(runtime(
            "flatten() has invalid args: start_dim cannot come after end_dim",
        ));
    }
    let mut out: Vec<usize> = dims[..s].to_vec();
    out.push(dims[s..=e].iter().product());
    out.extend_from_slice(&dims[e + 1..]);
    Ok(NdArray::wrap(
        a.tensor().reshape(out).map_err(ce)?,
        a.dtype(),
    ))
}

/// `t.unflatten(dim, sizes)`: one dim split into `sizes` (one of them may be -1).
pub fn unflatten(a: &NdArray, dim: i64, sizes: &[i64]) -> PyResult<NdArray> {
    let dims = a.shape();
    let d = dim_ix(dim, dims.len())?;
    let known: i64 = sizes.iter().filter(|&&s| s != -1).product();
    let mut split: Vec<usize> = Vec::with_capacity(sizes.len());
    for &s in sizes {
        split.push(if s == -1 {
            if known == 0 {
                0
            } else {
                (dims[d] as i64 / known) as usize
            }
        } else {
            s as usize
        });
    }
    if split.iter().product::<usize>() != dims[d] {
        return Err(runtime(format!(
            "unflatten: Provided sizes {sizes:?} don't multiply up to the size of dim {dim} ({}) in the input tensor",
            dims[d]
        )));
    }
    let mut out: Vec<usize> = dims[..d].to_vec();
    out.extend(split);
    out.extend_from_slice(&dims[d + 1..]);
    Ok(NdArray::wrap(
        a.tensor().reshape(out).map_err(ce)?,
        a.dtype(),
    ))
}

/// `t.reshape(*shape)` / `t.view(*shape)`: numpy's reshape with torch's RuntimeError for a shape
/// that does not fit.
pub fn treshape(a: &NdArray, shape: &[i64]) -> PyResult<NdArray> {
    crate::ops::reshape(a, shape).map_err(|e| {
        if matches!(e.kind, ErrKind::ValueError) {
            runtime(format!(
                "shape '{shape:?}' is invalid for input of size {}",
                a.size()
            ))
        } else {
            e
        }
    })
}

/// `t.permute(*dims)`: torch checks that the dims are a permutation of the tensor's.
pub fn permute(a: &NdArray, dims: &[i64]) -> PyResult<NdArray> {
    if dims.len() != a.ndim() {
        return Err(runtime(format!(
            "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {} is not equal to len(dims) = {}",
            a.ndim(),
            dims.len()
        )));
    }
    let axes = dims
        .iter()
        .map(|&d| dim_ix(d, a.ndim()))
        .collect::<PyResult<Vec<_>>>()?;
    let mut seen = axes.clone();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() != axes.len() {
        return Err(runtime("permute(): duplicate dims are not allowed."));
    }
    let t = a
        .tensor()
        .permute(axes)
        .and_then(|t| t.contiguous())
        .map_err(ce)?;
    Ok(NdArray::wrap(t, a.dtype()))
}

/// `t.t()`: a 0-d or 1-d tensor as it is, a 2-d one transposed; more dims are torch's error.
pub fn t2(a: &NdArray) -> PyResult<NdArray> {
    match a.ndim() {
        0 | 1 => Ok(a.clone()),
        2 => swapaxes(a, 0, 1),
        n => Err(runtime(format!(
            "t() expects a tensor with <= 2 dimensions, but self is {n}D"
        ))),
    }
}

/// `torch.eye(n, m=n, dtype=float32)`.
pub fn torch_eye(n: i64, m: Option<i64>, dtype: DType) -> PyResult<NdArray> {
    let m = m.unwrap_or(n);
    if n < 0 || m < 0 {
        return Err(runtime(format!(
            "{} must be greater or equal to 0, got {}",
            if n < 0 { "n" } else { "m" },
            if n < 0 { n } else { m }
        )));
    }
    let (n, m) = (n as usize, m as usize);
    let v: Vec<i64> = (0..n * m).map(|i| (i / m == i % m) as i64).collect();
    NdArray::from_i64(v, &[n, m])?.astype(dtype)
}

/// `torch.stack(tensors, dim=0)`: each tensor given a new dim, then joined with torch's promotion.
pub fn tstack(tensors: &[NdArray], dim: i64) -> PyResult<NdArray> {
    let Some(first) = tensors.first() else {
        return Err(runtime("stack expects a non-empty TensorList"));
    };
    for (i, t) in tensors.iter().enumerate() {
        if t.dims() != first.dims() {
            return Err(runtime(format!(
                "stack expects each tensor to be equal size, but got {:?} at entry 0 and {:?} at entry {i}",
                first.dims(),
                t.dims()
            )));
        }
    }
    let d = dim_ix(dim, first.ndim() + 1)? as i64;
    let parts = tensors
        .iter()
        .map(|t| unsqueeze(t, d))
        .collect::<PyResult<Vec<_>>>()?;
    cat(&parts, d)
}

/// `t.nonzero()`: the int64 `(count, ndim)` indices of the nonzero elements, in row-major order.
pub fn torch_nonzero(a: &NdArray) -> PyResult<NdArray> {
    let dims = a.shape();
    let nd = dims.len();
    let v = a.astype(DType::Bool)?.to_i64_vec()?;
    let mut out: Vec<i64> = vec![];
    let mut n = 0;
    for (flat, &x) in v.iter().enumerate() {
        if x == 0 {
            continue;
        }
        n += 1;
        let mut rest = flat;
        let mut ix = vec![0i64; nd];
        for d in (0..nd).rev() {
            ix[d] = (rest % dims[d]) as i64;
            rest /= dims[d];
        }
        out.extend(ix);
    }
    NdArray::from_i64(out, &[n, nd])
}

/// `torch.nonzero(a, as_tuple=True)`: one 1-D int64 tensor of indices per dimension (a 0-d input gives one, as
/// torch's does).
pub fn torch_nonzero_columns(a: &NdArray) -> PyResult<Vec<NdArray>> {
    let dims = a.shape();
    let v = a.astype(DType::Bool)?.to_i64_vec()?;
    let nd = dims.len().max(1);
    let mut cols: Vec<Vec<i64>> = vec![Vec::new(); nd];
    for (flat, &x) in v.iter().enumerate() {
        if x == 0 {
            continue;
        }
        if dims.is_empty() {
            cols[0].push(0);
            continue;
        }
        let mut rest = flat;
        for d in (0..dims.len()).rev() {
            cols[d].push((rest % dims[d]) as i64);
            rest /= dims[d];
        }
    }
    cols.into_iter()
        .map(|c| {
            let n = c.len();
            NdArray::from_i64(c, &[n])
        })
        .collect()
}

/// The float tests: `torch.isnan`, `torch.isinf`, `torch.isfinite` (integers are finite).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatTest {
    IsNan,
    IsInf,
    IsFinite,
}

pub fn float_test(op: FloatTest, a: &NdArray) -> PyResult<NdArray> {
    if !a.dtype().is_float() {
        return NdArray::from_bool(vec![op == FloatTest::IsFinite; a.size()], a.dims());
    }
    let v = a.to_f64_vec()?;
    let r = v
        .iter()
        .map(|x| match op {
            FloatTest::IsNan => x.is_nan(),
            FloatTest::IsInf => x.is_infinite(),
            FloatTest::IsFinite => x.is_finite(),
        })
        .collect();
    NdArray::from_bool(r, a.dims())
}

/// The roundings: `t.round()` (half to even, as torch rounds), `t.floor()`, `t.ceil()`; integer
/// tensors are unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    Round,
    Floor,
    Ceil,
}

pub fn rounding(op: Rounding, a: &NdArray) -> PyResult<NdArray> {
    if !a.dtype().is_float() {
        if a.dtype() == DType::Bool {
            return Err(runtime(format!(
                "\"{}_cpu\" not implemented for 'Bool'",
                match op {
                    Rounding::Round => "round",
                    Rounding::Floor => "floor",
                    Rounding::Ceil => "ceil",
                }
            )));
        }
        return Ok(a.clone());
    }
    let v = a.to_f64_vec()?;
    let r = v
        .iter()
        .map(|&x| match op {
            Rounding::Round => x.round_ties_even(),
            Rounding::Floor => x.floor(),
            Rounding::Ceil => x.ceil(),
        })
        .collect();
    NdArray::from_f64(r, a.dims(), a.dtype())
}

/// `torch.mm(a, b)` (rank 2) and `torch.bmm(a, b)` (rank 3): matmul after torch's rank checks.
pub fn mm(a: &NdArray, b: &NdArray, rank: usize) -> PyResult<NdArray> {
    for (x, what) in [(a, "self"), (b, "mat2")] {
        if x.ndim() != rank {
            return Err(runtime(if rank == 2 {
                format!("{what} must be a matrix")
            } else {
                format!(
                    "batch{} must be a 3D tensor",
                    if what == "self" { 1 } else { 2 }
                )
            }));
        }
    }
    tmatmul(a, b)
}

/// `torch.matmul(a, b)`: numpy's matmul with torch's RuntimeError where the sizes do not fit.
pub fn tmatmul(a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    crate::ops::matmul(a, b).map_err(|e| {
        if !matches!(e.kind, ErrKind::ValueError) {
            return e;
        }
        let (x, y) = (a.dims(), b.dims());
        if x.len() == 2 && y.len() == 2 {
            runtime(format!(
                "mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})",
                x[0], x[1], y[0], y[1]
            ))
        } else {
            runtime(e.msg)
        }
    })
}

/// `F.one_hot(t, num_classes)`: int64, one rank higher; `num_classes` -1 takes the largest
/// index + 1. Indices out of range are torch's RuntimeErrors.
pub fn one_hot(a: &NdArray, num_classes: i64) -> PyResult<NdArray> {
    if a.dtype() != DType::Int64 {
        return Err(runtime(
            "one_hot is only applicable to index tensor of type LongTensor.",
        ));
    }
    let idx = a.to_i64_vec()?;
    if idx.iter().any(|&i| i < 0) {
        return Err(runtime("Class values must be non-negative."));
    }
    let n = if num_classes == -1 {
        match idx.iter().max() {
            Some(&m) => m + 1,
            None => {
                return Err(runtime(
                    "Can not infer total number of classes from empty tensor.",
                ))
            }
        }
    } else if num_classes < -1 {
        return Err(runtime("num_classes should be positive"));
    } else {
        if idx.iter().any(|&i| i >= num_classes) {
            return Err(runtime("Class values must be smaller than num_classes."));
        }
        num_classes
    };
    let n = n as usize;
    let mut out = vec![0i64; idx.len() * n];
    for (row, &i) in idx.iter().enumerate() {
        out[row * n + i as usize] = 1;
    }
    let mut dims = a.dims().to_vec();
    dims.push(n);
    NdArray::from_i64(out, &dims)
}
