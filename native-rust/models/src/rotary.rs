//! What the RoPE encoders (Gemma3, NomicBERT, ModernBERT, Qwen3) share: config readers that accept
//! both a model's original key names and transformers' own, RoPE frequency and cos/sin tables
//! computed as transformers computes them, the padding mask as a per-key bias, the dense
//! `[b, 1, t, t]` mask their `forward_portable` adds, and the token-id range check.

use crate::error::{Error, Result};
use candle_core::{DType, Device, Tensor};

/// The first of `keys` that config.json has as an unsigned integer.
pub(crate) fn cfg_usize_any(cfg: &serde_json::Value, keys: &[&str]) -> Result<usize> {
    keys.iter()
        .find_map(|k| cfg.get(*k).and_then(|v| v.as_u64()))
        .map(|v| v as usize)
        .ok_or_else(|| Error::value(format!("config.json: missing or invalid {:?}", keys[0])))
}

/// The first of `keys` that config.json has as a number, else `default`.
pub(crate) fn cfg_f64_any(cfg: &serde_json::Value, keys: &[&str], default: f64) -> f64 {
    keys.iter()
        .find_map(|k| cfg.get(*k).and_then(|v| v.as_f64()))
        .unwrap_or(default)
}

/// A boolean config key, `default` when absent or null.
pub(crate) fn cfg_bool(cfg: &serde_json::Value, key: &str, default: bool) -> bool {
    cfg.get(key).and_then(|v| v.as_bool()).unwrap_or(default)
}

/// The RoPE base of one rope-parameters table (`rope_parameters`, or its per-layer-type entry),
/// refusing scaled variants this encoder does not implement.
pub(crate) fn rope_theta(
    params: Option<&serde_json::Value>,
    legacy: Option<f64>,
    default: f64,
) -> Result<f64> {
    if let Some(p) = params.filter(|p| !p.is_null()) {
        let ty = p
            .get("rope_type")
            .or_else(|| p.get("type"))
            .and_then(|v| v.as_str())
            .unwrap_or("default");
        if ty != "default" {
            return Err(Error::value(format!("rope_type {ty:?} is not supported")));
        }
        if let Some(t) = p.get("rope_theta").and_then(|v| v.as_f64()) {
            return Ok(t);
        }
    }
    Ok(legacy.unwrap_or(default))
}

/// RoPE inverse frequencies, as transformers computes them in float32.
pub(crate) fn inv_freq(head_dim: usize, base: f64) -> Vec<f32> {
    (0..head_dim)
        .step_by(2)
        .map(|i| 1.0f32 / (base as f32).powf(i as f32 / head_dim as f32))
        .collect()
}

/// RoPE's cos and sin tables (`[t, head_dim / 2]`): the angle in f32, as transformers.
pub(crate) fn cos_sin_table(inv: &[f32], t: usize) -> (Vec<f32>, Vec<f32>) {
    let half = inv.len();
    let mut cos = Vec::with_capacity(t * half);
    let mut sin = Vec::with_capacity(t * half);
    for p in 0..t {
        for &f in inv {
            let a = (p as f32) * f;
            cos.push((a as f64).cos() as f32);
            sin.push((a as f64).sin() as f32);
        }
    }
    (cos, sin)
}

/// The cos/sin tables as `[t, hd/2]` tensors on `dev` (for candle's `rope`).
pub(crate) fn cos_sin_tensors(inv: &[f32], t: usize, dev: &Device) -> Result<(Tensor, Tensor)> {
    let (c, s) = cos_sin_table(inv, t);
    let half = inv.len();
    Ok((
        Tensor::from_vec(c, (t, half), &Device::Cpu)?.to_device(dev)?,
        Tensor::from_vec(s, (t, half), &Device::Cpu)?.to_device(dev)?,
    ))
}

/// The padding mask as an additive per-key bias (`[b * t]`, 0 or f32::MIN), or None when
/// nothing is padded.
pub(crate) fn key_bias(mask: Option<&Tensor>, b: usize, t: usize) -> Result<Option<Vec<f32>>> {
    let Some(m) = mask else { return Ok(None) };
    if m.dims() != [b, t] {
        return Err(Error::value(format!(
            "attention_mask shape {:?} != input_ids shape {:?}",
            m.dims(),
            [b, t]
        )));
    }
    let keep = m.to_dtype(DType::F32)?.flatten_all()?.to_vec1::<f32>()?;
    if !keep.contains(&0.0) {
        return Ok(None);
    }
    Ok(Some(
        keep.iter()
            .map(|&k| if k == 0.0 { f32::MIN } else { 0.0 })
            .collect(),
    ))
}

/// The additive mask `[b, 1, t, t]` (0 where query i may see key j, f32::MIN where not:
/// padding, the window, causality) with `kernels::Mask`'s meaning of `window` (an exclusive
/// bound on the query-key distance). None when nothing is masked.
pub(crate) fn dense_mask(
    key_bias: Option<&[f32]>,
    window: Option<usize>,
    causal: bool,
    b: usize,
    t: usize,
    dev: &Device,
) -> Result<Option<Tensor>> {
    if key_bias.is_none() && window.is_none() && !causal {
        return Ok(None);
    }
    let mut m = vec![0f32; b * t * t];
    for bi in 0..b {
        for i in 0..t {
            let row = &mut m[(bi * t + i) * t..(bi * t + i + 1) * t];
            for (j, v) in row.iter_mut().enumerate() {
                let outside = (causal && j > i)
                    || window.is_some_and(|w| i.abs_diff(j) >= w)
                    || key_bias.is_some_and(|k| k[bi * t + j] != 0.0);
                if outside {
                    *v = f32::MIN;
                }
            }
        }
    }
    Ok(Some(
        Tensor::from_vec(m, (b, 1, t, t), &Device::Cpu)?.to_device(dev)?,
    ))
}

/// The token ids flattened to u32 (on the CPU), checked against the vocabulary.
pub(crate) fn checked_ids(input_ids: &Tensor, vocab_size: usize) -> Result<Tensor> {
    let ids = input_ids.to_dtype(DType::U32)?.flatten_all()?;
    let max_id = ids.max(0)?.to_scalar::<u32>()? as usize;
    if max_id >= vocab_size {
        return Err(Error::value(format!(
            "token id {max_id} is out of range (vocab_size {vocab_size})"
        )));
    }
    Ok(ids)
}

/// A weight's bias when the checkpoint has one (configs name this differently per model:
/// `qkv_proj_bias`, `attention_bias`, `mlp_bias`; the file is the authority).
pub(crate) fn opt_bias(vb: &candle_nn::VarBuilder, n: usize) -> Result<Option<Tensor>> {
    Ok(if vb.contains_tensor("bias") {
        Some(vb.get(n, "bias")?)
    } else {
        None
    })
}

/// The linear layers of a Llama-style decoder block (`self_attn.{q,k,v,o}_proj`,
/// `mlp.{gate,up,down}_proj`, as Gemma3 and Qwen3 name them), fused for the packed GEMM: q, k
/// and v as one product, gate and up as another. Biases where the checkpoint has them.
pub(crate) struct BlockLinears {
    pub qkv: crate::nn::Linear,
    pub o: crate::nn::Linear,
    pub gate_up: crate::nn::Linear,
    pub down: crate::nn::Linear,
}

/// Dimensions of a Llama-style block: hidden size, query heads, key/value heads, head
/// size, MLP width.
#[derive(Clone, Copy)]
pub(crate) struct BlockDims {
    pub hidden: usize,
    pub heads: usize,
    pub kv_heads: usize,
    pub head_dim: usize,
    pub intermediate: usize,
}

impl BlockLinears {
    /// Loads the block under `layer` (`layers.{i}`).
    pub fn load(layer: &candle_nn::VarBuilder, d: BlockDims) -> Result<Self> {
        use crate::nn::Linear;
        let (h, nh, nkv, hd, im) = (d.hidden, d.heads, d.kv_heads, d.head_dim, d.intermediate);
        let w = |vb: &candle_nn::VarBuilder, o: usize, i: usize| vb.get((o, i), "weight");
        let a = layer.pp("self_attn");
        let qkv_b = match (
            opt_bias(&a.pp("q_proj"), nh * hd)?,
            opt_bias(&a.pp("k_proj"), nkv * hd)?,
            opt_bias(&a.pp("v_proj"), nkv * hd)?,
        ) {
            (Some(q), Some(k), Some(v)) => Some(vec![q, k, v]),
            _ => None,
        };
        let qkv = Linear::from_torch(
            &[
                w(&a.pp("q_proj"), nh * hd, h)?,
                w(&a.pp("k_proj"), nkv * hd, h)?,
                w(&a.pp("v_proj"), nkv * hd, h)?,
            ],
            qkv_b.as_deref(),
        )?;
        let o_b = opt_bias(&a.pp("o_proj"), h)?;
        let o = Linear::from_torch(
            &[w(&a.pp("o_proj"), h, nh * hd)?],
            o_b.as_ref().map(std::slice::from_ref),
        )?;
        let mlp = layer.pp("mlp");
        let gate_up = Linear::from_torch(
            &[
                w(&mlp.pp("gate_proj"), im, h)?,
                w(&mlp.pp("up_proj"), im, h)?,
            ],
            None,
        )?;
        let down = Linear::from_torch(&[w(&mlp.pp("down_proj"), h, im)?], None)?;
        Ok(BlockLinears {
            qkv,
            o,
            gate_up,
            down,
        })
    }
}
