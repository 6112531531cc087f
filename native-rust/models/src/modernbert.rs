//! ModernBERT (gte-modernbert, modernbert-embed, ModernBERT-base/large): a pre-norm encoder
//! with rotary position embeddings, global attention every `global_attn_every_n_layers`-th
//! layer (or as the config's `layer_types` say) and a bidirectional sliding window of
//! `local_attention` tokens elsewhere, each kind with its own RoPE base, a GeGLU MLP, and
//! LayerNorms and projections without biases. Follows transformers' ModernBertModel (eager
//! attention; the padded path, which gives the same hidden states as its unpadded one).
//!
//! Input: token ids and attention mask `[b, t]`. Output: the last hidden state
//! `[b, t, hidden]` (after `final_norm`) that the sentence-transformers pipeline pools.
//!
//! Speed: the residual stream is a plain buffer updated in place; each residual add is fused
//! with the next LayerNorm; Q, K and V come out of one GEMM with the attention scale in Q's
//! weights, RoPE in one pass, the window applied inside attention (no `[t, t]` mask).

use crate::bert::ModelFiles;
use crate::error::{Error, Result, ResultExt};
use crate::kernels::{self, HeadsView, Mask};
use crate::nn::{self, Activation, LayerNorm, Linear};
use crate::rotary::{self, cfg_f64_any, cfg_usize_any};
use candle_core::{DType, Device, IndexOp, Tensor};
use candle_nn::VarBuilder;
use rayon::prelude::*;

/// The parts of a ModernBERT config.json that the encoder uses.
#[derive(Debug, Clone)]
pub struct ModernBertConfig {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub intermediate_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub hidden_activation: Activation,
    pub norm_eps: f64,
    /// The whole window of the local layers; a token sees keys within `local_attention / 2`.
    pub local_attention: usize,
    /// Per layer: true for global attention, false for the sliding window.
    pub global_layers: Vec<bool>,
    pub global_rope_theta: f64,
    pub local_rope_theta: f64,
    pub max_position_embeddings: usize,
}

impl ModernBertConfig {
    pub fn from_json(cfg: &serde_json::Value) -> Result<Self> {
        let n_layers = cfg_usize_any(cfg, &["num_hidden_layers"])?;
        let global_layers = match cfg.get("layer_types").and_then(|v| v.as_array()) {
            Some(a) => a
                .iter()
                .map(|t| match t.as_str() {
                    Some("full_attention") => Ok(true),
                    Some("sliding_attention") => Ok(false),
                    other => Err(Error::value(format!("unknown layer type {other:?}"))),
                })
                .collect::<Result<Vec<_>>>()?,
            None => {
                let every = cfg_usize_any(cfg, &["global_attn_every_n_layers"]).unwrap_or(3);
                (0..n_layers)
                    .map(|i| every == 0 || i % every == 0)
                    .collect()
            }
        };
        if global_layers.len() < n_layers {
            return Err(Error::value(
                "layer_types is shorter than num_hidden_layers",
            ));
        }
        let rope = cfg.get("rope_parameters");
        let legacy = |k: &str| cfg.get(k).and_then(|v| v.as_f64());
        if cfg.get("rope_scaling").is_some_and(|v| !v.is_null()) {
            return Err(Error::value("rope_scaling is not supported"));
        }
        let c = ModernBertConfig {
            vocab_size: cfg_usize_any(cfg, &["vocab_size"])?,
            hidden_size: cfg_usize_any(cfg, &["hidden_size"])?,
            intermediate_size: cfg_usize_any(cfg, &["intermediate_size"])?,
            num_hidden_layers: n_layers,
            num_attention_heads: cfg_usize_any(cfg, &["num_attention_heads"])?,
            hidden_activation: Activation::from_name(
                cfg.get("hidden_activation")
                    .or_else(|| cfg.get("hidden_act"))
                    .and_then(|v| v.as_str())
                    .unwrap_or("gelu"),
            )?,
            norm_eps: cfg_f64_any(cfg, &["norm_eps", "layer_norm_eps"], 1e-5),
            local_attention: cfg_usize_any(cfg, &["local_attention"]).unwrap_or(128),
            global_layers: global_layers[..n_layers].to_vec(),
            global_rope_theta: rotary::rope_theta(
                rope.and_then(|r| r.get("full_attention")),
                legacy("global_rope_theta"),
                160_000.0,
            )?,
            local_rope_theta: rotary::rope_theta(
                rope.and_then(|r| r.get("sliding_attention")),
                legacy("local_rope_theta"),
                10_000.0,
            )?,
            max_position_embeddings: cfg_usize_any(cfg, &["max_position_embeddings"])
                .unwrap_or(8192),
        };
        if c.num_attention_heads == 0
            || !c.hidden_size.is_multiple_of(c.num_attention_heads)
            || !(c.hidden_size / c.num_attention_heads).is_multiple_of(2)
        {
            return Err(Error::value(
                "hidden_size must be a multiple of num_attention_heads, with an even head size",
            ));
        }
        Ok(c)
    }

    /// The window as `kernels::Mask` takes it: query i sees key j iff
    /// `|i - j| <= local_attention / 2`, an exclusive bound of `local_attention / 2 + 1`.
    fn window(&self) -> usize {
        self.local_attention / 2 + 1
    }
}

#[derive(Debug, Clone)]
struct Layer {
    global: bool,
    /// None for the first layer (transformers' `nn.Identity`: the embeddings are normed).
    attn_norm: Option<LayerNorm>,
    qkv: Linear,
    o: Linear,
    mlp_norm: LayerNorm,
    wi: Linear,
    wo: Linear,
}

/// The ModernBERT encoder. `Send + Sync`; `forward` takes `&self`.
#[derive(Debug, Clone)]
pub struct ModernBertModel {
    pub config: ModernBertConfig,
    embed: Tensor,
    emb_norm: LayerNorm,
    layers: Vec<Layer>,
    final_norm: LayerNorm,
    inv_freq_global: Vec<f32>,
    inv_freq_local: Vec<f32>,
}

impl ModernBertModel {
    /// Load from a folder with config.json + model.safetensors (memory-mapped). On a GPU the
    /// weights are moved there and `forward` runs `forward_portable`.
    pub fn load(files: impl Into<ModelFiles>, dtype: DType, device: &Device) -> Result<Self> {
        let (config_path, weights) = files.into().resolve()?;
        let cfg = crate::hub::read_json(&config_path)?;
        let config = ModernBertConfig::from_json(&cfg).ctx(config_path.display())?;
        let vb = nn::mmap_var_builder(&weights, dtype)?;
        let m = Self::from_var_builder(config, vb).ctx(weights[0].display())?;
        if device.is_cpu() {
            Ok(m)
        } else {
            m.to_device(device)
        }
    }

    pub fn from_var_builder(config: ModernBertConfig, vb: VarBuilder) -> Result<Self> {
        nn::tune_allocator();
        // ModernBertModel saves its tensors at the top; ModernBertForMaskedLM and the
        // classifiers under `model.`.
        let prefix = nn::detect_prefix(&vb, "embeddings.tok_embeddings.weight", &["", "model."])?;
        let vb = if prefix.is_empty() {
            vb
        } else {
            vb.pp(prefix.trim_end_matches('.'))
        };
        let c = &config;
        let (h, im, eps) = (c.hidden_size, c.intermediate_size, c.norm_eps);
        let scale = 1.0 / ((h / c.num_attention_heads) as f64).sqrt();
        let linear = |vb: VarBuilder, o: usize, i: usize| -> Result<Linear> {
            let b = rotary::opt_bias(&vb, o)?;
            Linear::from_torch(
                &[vb.get((o, i), "weight")?],
                b.as_ref().map(std::slice::from_ref),
            )
        };
        let load_layer = |i: usize| -> Result<Layer> {
            let l = vb.pp(format!("layers.{i}"));
            let attn_norm = if l.contains_tensor("attn_norm.weight") {
                Some(LayerNorm::load_bias_opt(&l.pp("attn_norm"), h, eps)?)
            } else if i == 0 {
                None
            } else {
                return Err(Error::value(format!(
                    "layers.{i}.attn_norm.weight is missing"
                )));
            };
            let mut qkv = linear(l.pp("attn.Wqkv"), 3 * h, h)?;
            qkv.scale_cols(0, h, scale)?;
            Ok(Layer {
                global: c.global_layers[i],
                attn_norm,
                qkv,
                o: linear(l.pp("attn.Wo"), h, h)?,
                mlp_norm: LayerNorm::load_bias_opt(&l.pp("mlp_norm"), h, eps)?,
                wi: linear(l.pp("mlp.Wi"), 2 * im, h)?,
                wo: linear(l.pp("mlp.Wo"), h, im)?,
            })
        };
        let embed = vb.get((c.vocab_size, h), "embeddings.tok_embeddings.weight")?;
        let emb_norm = LayerNorm::load_bias_opt(&vb.pp("embeddings.norm"), h, eps)?;
        let layers = (0..c.num_hidden_layers)
            .into_par_iter()
            .map(load_layer)
            .collect::<Result<Vec<_>>>()?;
        let final_norm = LayerNorm::load_bias_opt(&vb.pp("final_norm"), h, eps)?;
        let hd = h / c.num_attention_heads;
        Ok(ModernBertModel {
            inv_freq_global: rotary::inv_freq(hd, c.global_rope_theta),
            inv_freq_local: rotary::inv_freq(hd, c.local_rope_theta),
            config,
            embed,
            emb_norm,
            layers,
            final_norm,
        })
    }

    /// The model with every weight on `dev`.
    pub fn to_device(&self, dev: &Device) -> Result<Self> {
        let layers = self
            .layers
            .iter()
            .map(|l| {
                Ok(Layer {
                    global: l.global,
                    attn_norm: l.attn_norm.as_ref().map(|n| n.to_device(dev)).transpose()?,
                    qkv: l.qkv.to_device(dev)?,
                    o: l.o.to_device(dev)?,
                    mlp_norm: l.mlp_norm.to_device(dev)?,
                    wi: l.wi.to_device(dev)?,
                    wo: l.wo.to_device(dev)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ModernBertModel {
            config: self.config.clone(),
            embed: self.embed.to_device(dev)?,
            emb_norm: self.emb_norm.to_device(dev)?,
            layers,
            final_norm: self.final_norm.to_device(dev)?,
            inv_freq_global: self.inv_freq_global.clone(),
            inv_freq_local: self.inv_freq_local.clone(),
        })
    }

    pub fn device(&self) -> &Device {
        self.embed.device()
    }

    /// The local layers' window, or None when the sequence fits inside it.
    fn window(&self, t: usize) -> Option<usize> {
        Some(self.config.window()).filter(|&w| w < t)
    }

    /// `model(input_ids, attention_mask).last_hidden_state`, `[b, t, h]` on the CPU. A model
    /// on a GPU runs `forward_portable` there and copies the result back.
    pub fn forward(&self, input_ids: &Tensor, attention_mask: Option<&Tensor>) -> Result<Tensor> {
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let c = &self.config;
        let (h, nh) = (c.hidden_size, c.num_attention_heads);
        let hd = h / nh;
        if b == 0 || t == 0 {
            return Ok(Tensor::zeros((b, t, h), DType::F32, &Device::Cpu)?);
        }
        if !self.device().is_cpu() || self.embed.dtype() != DType::F32 {
            let y = self.forward_portable(input_ids, attention_mask)?;
            return Ok(y.to_device(&Device::Cpu)?);
        }
        let ids = rotary::checked_ids(input_ids, c.vocab_size)?;
        let key_bias = rotary::key_bias(attention_mask, b, t)?;
        let global = Mask {
            key: key_bias.as_deref(),
            ..Default::default()
        };
        let local = Mask {
            key: key_bias.as_deref(),
            window: self.window(t),
            ..Default::default()
        };
        let (cos_g, sin_g) = rotary::cos_sin_table(&self.inv_freq_global, t);
        let (cos_l, sin_l) = rotary::cos_sin_table(&self.inv_freq_local, t);
        // The residual stream `x` and each sub-layer's normalised input `xn`.
        let x0 = self.emb_norm.forward(&self.embed.index_select(&ids, 0)?)?;
        let mut x = x0.flatten_all()?.to_vec1::<f32>()?;
        let mut xn = match self.layers.first().and_then(|l| l.attn_norm.as_ref()) {
            Some(n) => n.forward(&x0)?,
            None => x0,
        };
        for (li, l) in self.layers.iter().enumerate() {
            let (cos, sin, mask) = if l.global {
                (&cos_g, &sin_g, global)
            } else {
                (&cos_l, &sin_l, local)
            };
            let qkv = l.qkv.forward(&xn)?; // [b*t, 3h], Q pre-scaled
            let qk = kernels::qk_rope(&qkv, (b, t, nh, nh, hd), cos, sin)?;
            let ctx = kernels::with_f32(&qkv, |vb, vl| {
                let qk_view = |off: usize| HeadsView {
                    off,
                    sb: t * 2 * h,
                    sh: hd,
                    st: 2 * h,
                };
                let v = HeadsView {
                    off: vl.start_offset() + 2 * h,
                    sb: t * 3 * h,
                    sh: hd,
                    st: 3 * h,
                };
                kernels::attention(
                    &qk,
                    qk_view(0),
                    &qk,
                    qk_view(h),
                    vb,
                    v,
                    (b, nh, nh, t, hd),
                    mask,
                )
            })?;
            let a =
                l.o.forward(&Tensor::from_vec(ctx, (b * t, h), &Device::Cpu)?)?;
            let (w, beta, eps) = l.mlp_norm.parts();
            let n = kernels::add_layer_norm_res(&mut x, &a, h, w, beta, eps)?;
            let gu =
                l.wi.forward(&Tensor::from_vec(n, (b * t, h), &Device::Cpu)?)?;
            let m = l.wo.forward(&kernels::glu(&gu, c.hidden_activation)?)?;
            // The next layer's attention norm, or the final norm after the last layer.
            let next = self
                .layers
                .get(li + 1)
                .and_then(|n| n.attn_norm.as_ref())
                .unwrap_or(&self.final_norm);
            let (w, beta, eps) = next.parts();
            let n = kernels::add_layer_norm_res(&mut x, &m, h, w, beta, eps)?;
            xn = Tensor::from_vec(n, (b * t, h), &Device::Cpu)?;
        }
        if self.layers.is_empty() {
            xn = self.final_norm.forward(&xn)?;
        }
        Ok(xn.reshape((b, t, h))?)
    }

    /// The forward pass with candle's ops only, on the model's device (what runs on CUDA and
    /// Metal; on the CPU, the reference `forward` is tested against). The result stays on the
    /// model's device.
    pub fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
    ) -> Result<Tensor> {
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let c = &self.config;
        let (h, nh) = (c.hidden_size, c.num_attention_heads);
        let hd = h / nh;
        let dev = self.device().clone();
        let dtype = self.embed.dtype();
        if b == 0 || t == 0 {
            return Ok(Tensor::zeros((b, t, h), dtype, &dev)?);
        }
        let ids = rotary::checked_ids(input_ids, c.vocab_size)?.to_device(&dev)?;
        let key_bias = rotary::key_bias(attention_mask, b, t)?;
        let global = rotary::dense_mask(key_bias.as_deref(), None, false, b, t, &dev)?;
        let local = rotary::dense_mask(key_bias.as_deref(), self.window(t), false, b, t, &dev)?;
        let tables = |inv: &[f32]| -> Result<(Tensor, Tensor)> {
            let (cos, sin) = rotary::cos_sin_tensors(inv, t, &dev)?;
            Ok((cos.to_dtype(dtype)?, sin.to_dtype(dtype)?))
        };
        let (cos_g, sin_g) = tables(&self.inv_freq_global)?;
        let (cos_l, sin_l) = tables(&self.inv_freq_local)?;
        let mut x = self.emb_norm.forward(&self.embed.index_select(&ids, 0)?)?;
        for l in &self.layers {
            let (cos, sin, mask) = if l.global {
                (&cos_g, &sin_g, &global)
            } else {
                (&cos_l, &sin_l, &local)
            };
            let xn = match &l.attn_norm {
                Some(n) => n.forward(&x)?,
                None => x.clone(),
            };
            let qkv = l.qkv.forward_candle(&xn)?.reshape((b, t, 3, nh, hd))?;
            let head = |i: usize| -> Result<Tensor> {
                Ok(qkv.i((.., .., i))?.transpose(1, 2)?.contiguous()?)
            };
            let q = candle_nn::rotary_emb::rope(&head(0)?, cos, sin)?;
            let k = candle_nn::rotary_emb::rope(&head(1)?, cos, sin)?;
            let mut scores = q.matmul(&k.t()?)?;
            if let Some(m) = mask {
                scores = scores.broadcast_add(&m.to_dtype(dtype)?)?;
            }
            let probs = candle_nn::ops::softmax_last_dim(&scores)?;
            let ctx = probs
                .matmul(&head(2)?)?
                .transpose(1, 2)?
                .reshape((b * t, h))?;
            x = (x + l.o.forward_candle(&ctx)?)?;
            let gu = l.wi.forward_candle(&l.mlp_norm.forward(&x)?)?;
            let im = c.intermediate_size;
            let m = (c.hidden_activation.apply(&gu.narrow(1, 0, im)?)? * gu.narrow(1, im, im)?)?;
            x = (x + l.wo.forward_candle(&m)?)?;
        }
        Ok(self.final_norm.forward(&x)?.reshape((b, t, h))?)
    }
}

impl crate::encoder::Encoder for ModernBertModel {
    /// ModernBERT has no token types; `token_type_ids` is ignored.
    fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        _token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        ModernBertModel::forward(self, input_ids, attention_mask)
    }
    fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        _token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        ModernBertModel::forward_portable(self, input_ids, attention_mask)
    }
    fn device(&self) -> &Device {
        ModernBertModel::device(self)
    }
    fn hidden_size(&self) -> usize {
        self.config.hidden_size
    }
    fn max_position_embeddings(&self) -> usize {
        self.config.max_position_embeddings
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
