//! Pooling and the torch-style tensor ops that pooling code in user functions uses.
//! Semantics follow torch: `F.normalize` divides by `max(||x||_p, eps)` with eps 1e-12;
//! mean pooling divides by `clamp(mask.sum(1), min=1e-9)` as in the MiniLM model card.

use crate::error::{Error, Result};
use candle_core::{DType, Tensor, D};

/// `torch.sum(t, dim, keepdim)`.
pub fn sum(t: &Tensor, dim: usize, keepdim: bool) -> Result<Tensor> {
    Ok(if keepdim {
        t.sum_keepdim(dim)?
    } else {
        t.sum(dim)?
    })
}

/// `torch.clamp(t, min=min)`.
pub fn clamp_min(t: &Tensor, min: f64) -> Result<Tensor> {
    Ok(t.maximum(min)?)
}

/// `torch.clamp(t, min, max)` with either bound optional.
pub fn clamp(t: &Tensor, min: Option<f64>, max: Option<f64>) -> Result<Tensor> {
    let mut t = t.clone();
    if let Some(m) = min {
        t = t.maximum(m)?;
    }
    if let Some(m) = max {
        t = t.minimum(m)?;
    }
    Ok(t)
}

/// `t.unsqueeze(dim)`; a negative dim counts from the end of the result, like torch.
pub fn unsqueeze(t: &Tensor, dim: isize) -> Result<Tensor> {
    let rank = t.rank() as isize;
    let d = if dim < 0 { dim + rank + 1 } else { dim };
    if d < 0 || d > rank {
        return Err(Error::value(format!(
            "unsqueeze: dim {dim} out of range for rank {rank}"
        )));
    }
    Ok(t.unsqueeze(d as usize)?)
}

/// `t.expand(shape)` / `t.expand_as(other)`.
pub fn expand(t: &Tensor, shape: &[usize]) -> Result<Tensor> {
    Ok(t.broadcast_as(shape)?)
}

/// `t.float()`.
pub fn float(t: &Tensor) -> Result<Tensor> {
    Ok(t.to_dtype(DType::F32)?)
}

/// `torch.nn.functional.normalize(t, p=2, dim=dim, eps=1e-12)`.
pub fn l2_normalize(t: &Tensor, dim: usize) -> Result<Tensor> {
    normalize(t, 2.0, dim, 1e-12)
}

/// `torch.nn.functional.normalize(t, p, dim, eps)` for p = 1 or 2.
pub fn normalize(t: &Tensor, p: f64, dim: usize, eps: f64) -> Result<Tensor> {
    let norm = if p == 2.0 {
        t.sqr()?.sum_keepdim(dim)?.sqrt()?
    } else if p == 1.0 {
        t.abs()?.sum_keepdim(dim)?
    } else {
        return Err(Error::value(format!(
            "normalize: p={p} is not supported (use 1 or 2)"
        )));
    };
    Ok(t.broadcast_div(&norm.maximum(eps)?)?)
}

/// Mean over real tokens: `sum(h * m) / clamp(sum(m), 1e-9)`, `h: [b, t, d]`,
/// `mask: [b, t]` (any numeric dtype). Returns `[b, d]`.
pub fn mean_pool(hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let m = mask.to_dtype(hidden.dtype())?.unsqueeze(D::Minus1)?;
    let summed = hidden.broadcast_mul(&m)?.sum(1)?;
    let counts = m.sum(1)?.maximum(1e-9)?;
    Ok(summed.broadcast_div(&counts)?)
}

/// `sum(h * m) / sqrt(clamp(sum(m), 1e-9))` (sentence-transformers' mean_sqrt_len_tokens).
pub fn mean_sqrt_len_pool(hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let m = mask.to_dtype(hidden.dtype())?.unsqueeze(D::Minus1)?;
    let summed = hidden.broadcast_mul(&m)?.sum(1)?;
    let counts = m.sum(1)?.maximum(1e-9)?.sqrt()?;
    Ok(summed.broadcast_div(&counts)?)
}

/// Max over real tokens (padding set to -1e9 first, as sentence-transformers does).
pub fn max_pool(hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let m = mask.to_dtype(hidden.dtype())?.unsqueeze(D::Minus1)?;
    let neg = ((m.ones_like()? - &m)? * -1e9)?;
    Ok(hidden.broadcast_mul(&m)?.broadcast_add(&neg)?.max(1)?)
}

/// The first token's vector (`[CLS]`): `h[:, 0]`.
pub fn cls_pool(hidden: &Tensor) -> Result<Tensor> {
    Ok(hidden.narrow(1, 0, 1)?.squeeze(1)?)
}

/// The first real token's vector, as sentence-transformers' `cls` pooling picks it (the
/// first position the mask keeps, so left padding is skipped; `h[:, 0]` with right padding).
pub fn first_token_pool(hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let b = hidden.dims3()?.0;
    let m = mask.to_dtype(DType::F32)?.to_vec2::<f32>()?;
    let mut rows = Vec::with_capacity(b);
    for (i, row) in m.iter().enumerate() {
        let first = row.iter().position(|&v| v != 0.0).unwrap_or(0);
        rows.push(hidden.get(i)?.get(first)?);
    }
    Ok(Tensor::stack(&rows, 0)?)
}

/// The last real token's vector (right or left padding both handled); a row with no real
/// token gives zeros, as sentence-transformers' `lasttoken` does.
pub fn last_token_pool(hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let b = hidden.dims3()?.0;
    let m = mask.to_dtype(DType::F32)?.to_vec2::<f32>()?;
    let mut rows = Vec::with_capacity(b);
    for (i, row) in m.iter().enumerate() {
        let v = match row.iter().rposition(|&v| v != 0.0) {
            Some(last) => hidden.get(i)?.get(last)?,
            None => hidden.get(i)?.get(0)?.zeros_like()?,
        };
        rows.push(v);
    }
    Ok(Tensor::stack(&rows, 0)?)
}

/// sentence-transformers' `weightedmean_tokens`: real tokens weighted by their position
/// counted from the first real token (1, 2, 3, ...), `sum(w * h) / clamp(sum(w), 1e-9)`.
pub fn weighted_mean_pool(hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let (b, t, _) = hidden.dims3()?;
    let m = mask.to_dtype(DType::F32)?.to_vec2::<f32>()?;
    let mut w = Vec::with_capacity(b * t);
    for row in &m {
        // sentence-transformers subtracts the left padding (argmax of the mask: the first
        // real position, or 0 when there is none) from 1..=t.
        let pad = row.iter().position(|&v| v != 0.0).unwrap_or(0);
        w.extend(
            row.iter()
                .enumerate()
                .map(|(j, &v)| v * (j as f32 + 1.0 - pad as f32)),
        );
    }
    let w = Tensor::from_vec(w, (b, t, 1), hidden.device())?.to_dtype(hidden.dtype())?;
    let summed = hidden.broadcast_mul(&w)?.sum(1)?;
    let total = w.sum(1)?.maximum(1e-9)?;
    Ok(summed.broadcast_div(&total)?)
}

/// Matryoshka truncation: keep the first `dim` features of `[n, d]`.
pub fn truncate_dim(t: &Tensor, dim: usize) -> Result<Tensor> {
    let d = t.dim(D::Minus1)?;
    if dim == 0 || dim > d {
        return Err(Error::value(format!(
            "truncate_dim {dim} must be between 1 and the embedding size {d}"
        )));
    }
    Ok(t.narrow(D::Minus1, 0, dim)?.contiguous()?)
}
