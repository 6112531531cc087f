//! NomicBERT (nomic-embed-text v1 / v1.5): a post-norm BERT with rotary position embeddings
//! instead of learned ones, a SwiGLU MLP and no biases. Follows transformers' NomicBertModel,
//! and reads both checkpoint layouts: transformers' (`layers.N.self_attn.q_proj`, `hidden_size`)
//! and the one nomic's own code saves, which the published checkpoints use
//! (`encoder.layers.N.attn.Wqkv`, `fc11`/`fc12`, `emb_ln`, `n_embd`), mapped as transformers'
//! conversion table maps them.
//!
//! Input: token ids, attention mask and token types, `[b, t]`. Output: the last hidden state
//! `[b, t, hidden]` that the sentence-transformers pipeline pools.
//!
//! Speed: Q, K and V in one GEMM with the attention scale folded into Q's weights, RoPE in one
//! pass out of that buffer, attention reading heads by stride, gate and up in one GEMM with the
//! SiLU product fused, residual + LayerNorm fused (the BERT kernels).

use crate::bert::ModelFiles;
use crate::error::{Error, Result, ResultExt};
use crate::kernels::{self, HeadsView, Mask};
use crate::nn::{self, Activation, LayerNorm, Linear};
use crate::rotary::{self, cfg_f64_any, cfg_usize_any};
use candle_core::{DType, Device, IndexOp, Tensor};
use candle_nn::VarBuilder;
use rayon::prelude::*;

/// The parts of a NomicBERT config.json that the encoder uses.
#[derive(Debug, Clone)]
pub struct NomicBertConfig {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    /// The gate's activation: SiLU for `swiglu`, GELU for `geglu`.
    pub hidden_act: Activation,
    pub max_position_embeddings: usize,
    pub type_vocab_size: usize,
    pub layer_norm_eps: f64,
    pub rope_theta: f64,
}

impl NomicBertConfig {
    pub fn from_json(cfg: &serde_json::Value) -> Result<Self> {
        // nomic's own config names the options that transformers' NomicBertModel leaves out;
        // a checkpoint that turns one on is a different model, so it is refused by name.
        let fraction = cfg_f64_any(cfg, &["rotary_emb_fraction"], 1.0);
        if fraction != 1.0 {
            return Err(Error::value(format!(
                "rotary_emb_fraction {fraction} is not supported (only 1.0)"
            )));
        }
        for (key, bad) in [
            ("rotary_emb_interleaved", true),
            ("prenorm", true),
            ("causal", true),
        ] {
            if rotary::cfg_bool(cfg, key, !bad) == bad {
                return Err(Error::value(format!("{key}={bad} is not supported")));
            }
        }
        if cfg
            .get("rotary_scaling_factor")
            .is_some_and(|v| !v.is_null())
        {
            return Err(Error::value("rotary_scaling_factor is not supported"));
        }
        let act = match cfg.get("activation_function").and_then(|v| v.as_str()) {
            Some("swiglu") => Activation::Silu,
            Some("geglu") => Activation::GeluErf,
            Some(other) => {
                return Err(Error::value(format!(
                    "activation_function {other:?} is not supported (swiglu, geglu)"
                )))
            }
            None => Activation::from_name(
                cfg.get("hidden_act")
                    .and_then(|v| v.as_str())
                    .unwrap_or("silu"),
            )?,
        };
        let legacy_theta = cfg.get("rotary_emb_base").and_then(|v| v.as_f64());
        let c = NomicBertConfig {
            vocab_size: cfg_usize_any(cfg, &["vocab_size"])?,
            hidden_size: cfg_usize_any(cfg, &["hidden_size", "n_embd"])?,
            num_hidden_layers: cfg_usize_any(cfg, &["num_hidden_layers", "n_layer"])?,
            num_attention_heads: cfg_usize_any(cfg, &["num_attention_heads", "n_head"])?,
            hidden_act: act,
            max_position_embeddings: cfg_usize_any(
                cfg,
                &["max_position_embeddings", "n_positions"],
            )
            .unwrap_or(2048),
            type_vocab_size: cfg_usize_any(cfg, &["type_vocab_size"]).unwrap_or(2),
            layer_norm_eps: cfg_f64_any(cfg, &["layer_norm_eps", "layer_norm_epsilon"], 1e-12),
            rope_theta: rotary::rope_theta(cfg.get("rope_parameters"), legacy_theta, 1000.0)?,
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
}

#[derive(Debug, Clone)]
struct Layer {
    qkv: Linear,
    o: Linear,
    attn_ln: LayerNorm,
    /// `[gate | up]`: the gate first, as `kernels::glu` reads it.
    gate_up: Linear,
    down: Linear,
    mlp_ln: LayerNorm,
}

/// The NomicBERT encoder. `Send + Sync`; `forward` takes `&self`.
#[derive(Debug, Clone)]
pub struct NomicBertModel {
    pub config: NomicBertConfig,
    word: Tensor,
    types: Tensor,
    emb_ln: LayerNorm,
    layers: Vec<Layer>,
    inv_freq: Vec<f32>,
}

impl NomicBertModel {
    /// Load from a folder with config.json + model.safetensors (memory-mapped). On a GPU the
    /// weights are moved there and `forward` runs `forward_portable`.
    pub fn load(files: impl Into<ModelFiles>, dtype: DType, device: &Device) -> Result<Self> {
        let (config_path, weights) = files.into().resolve()?;
        let cfg = crate::hub::read_json(&config_path)?;
        let config = NomicBertConfig::from_json(&cfg).ctx(config_path.display())?;
        let vb = nn::mmap_var_builder(&weights, dtype)?;
        let m = Self::from_var_builder(config, vb).ctx(weights[0].display())?;
        if device.is_cpu() {
            Ok(m)
        } else {
            m.to_device(device)
        }
    }

    pub fn from_var_builder(config: NomicBertConfig, vb: VarBuilder) -> Result<Self> {
        nn::tune_allocator();
        let c = &config;
        let h = c.hidden_size;
        let scale = 1.0 / ((h / c.num_attention_heads) as f64).sqrt();
        // nomic's layout keeps the layers under `encoder.` and the embedding norm at `emb_ln`.
        let original = ["", "nomic_bert.", "model."]
            .iter()
            .find(|p| vb.contains_tensor(&format!("{p}encoder.layers.0.attn.Wqkv.weight")));
        let prefix = match original {
            Some(p) => p.to_string(),
            None => nn::detect_prefix(
                &vb,
                "layers.0.self_attn.q_proj.weight",
                &["", "nomic_bert.", "model."],
            )?,
        };
        let vb = if prefix.is_empty() {
            vb
        } else {
            vb.pp(prefix.trim_end_matches('.'))
        };
        let w = |vb: &VarBuilder, o: usize, i: usize| vb.get((o, i), "weight");
        // The MLP width comes from the weights: nomic's code rounds `n_inner` up to a multiple
        // of 256 for SwiGLU, so the config's number need not be the stored one.
        let up_name = if original.is_some() {
            "encoder.layers.0.mlp.fc11.weight"
        } else {
            "layers.0.mlp.up_proj.weight"
        };
        let im = match vb.get_unchecked(up_name) {
            Ok(t) => t.dim(0)?,
            Err(_) if c.num_hidden_layers == 0 => 0,
            Err(e) => return Err(e.into()),
        };
        let load_layer = |i: usize| -> Result<Layer> {
            let (qkv, o, attn_ln, gate, up, down, mlp_ln) = if original.is_some() {
                let l = vb.pp(format!("encoder.layers.{i}"));
                let a = l.pp("attn");
                let m = l.pp("mlp");
                let qkv_b = rotary::opt_bias(&a.pp("Wqkv"), 3 * h)?;
                let qkv = Linear::from_torch(
                    &[w(&a.pp("Wqkv"), 3 * h, h)?],
                    qkv_b.as_ref().map(std::slice::from_ref),
                )?;
                let o_b = rotary::opt_bias(&a.pp("out_proj"), h)?;
                let o = Linear::from_torch(
                    &[w(&a.pp("out_proj"), h, h)?],
                    o_b.as_ref().map(std::slice::from_ref),
                )?;
                (
                    qkv,
                    o,
                    LayerNorm::load(&l.pp("norm1"), h, c.layer_norm_eps)?,
                    m.pp("fc12"),
                    m.pp("fc11"),
                    m.pp("fc2"),
                    LayerNorm::load(&l.pp("norm2"), h, c.layer_norm_eps)?,
                )
            } else {
                let l = vb.pp(format!("layers.{i}"));
                let a = l.pp("self_attn");
                let m = l.pp("mlp");
                let (bq, bk, bv) = (
                    rotary::opt_bias(&a.pp("q_proj"), h)?,
                    rotary::opt_bias(&a.pp("k_proj"), h)?,
                    rotary::opt_bias(&a.pp("v_proj"), h)?,
                );
                let qkv_b = match (bq, bk, bv) {
                    (Some(q), Some(k), Some(v)) => Some(vec![q, k, v]),
                    _ => None,
                };
                let qkv = Linear::from_torch(
                    &[
                        w(&a.pp("q_proj"), h, h)?,
                        w(&a.pp("k_proj"), h, h)?,
                        w(&a.pp("v_proj"), h, h)?,
                    ],
                    qkv_b.as_deref(),
                )?;
                let o_b = rotary::opt_bias(&a.pp("o_proj"), h)?;
                let o = Linear::from_torch(
                    &[w(&a.pp("o_proj"), h, h)?],
                    o_b.as_ref().map(std::slice::from_ref),
                )?;
                (
                    qkv,
                    o,
                    LayerNorm::load(&l.pp("post_attention_layernorm"), h, c.layer_norm_eps)?,
                    m.pp("gate_proj"),
                    m.pp("up_proj"),
                    m.pp("down_proj"),
                    LayerNorm::load(&l.pp("post_mlp_layernorm"), h, c.layer_norm_eps)?,
                )
            };
            let mut qkv = qkv;
            qkv.scale_cols(0, h, scale)?;
            let (bg, bu) = (rotary::opt_bias(&gate, im)?, rotary::opt_bias(&up, im)?);
            let gu_b = match (bg, bu) {
                (Some(g), Some(u)) => Some(vec![g, u]),
                _ => None,
            };
            let gate_up = Linear::from_torch(&[w(&gate, im, h)?, w(&up, im, h)?], gu_b.as_deref())?;
            let down_b = rotary::opt_bias(&down, h)?;
            let down = Linear::from_torch(
                &[w(&down, h, im)?],
                down_b.as_ref().map(std::slice::from_ref),
            )?;
            Ok(Layer {
                qkv,
                o,
                attn_ln,
                gate_up,
                down,
                mlp_ln,
            })
        };
        let e = vb.pp("embeddings");
        let word = e.get((c.vocab_size, h), "word_embeddings.weight")?;
        let types = if c.type_vocab_size > 0 {
            e.get((c.type_vocab_size, h), "token_type_embeddings.weight")?
        } else {
            word.zeros_like()?.narrow(0, 0, 1)?
        };
        let emb_ln = if original.is_some() {
            LayerNorm::load(&vb.pp("emb_ln"), h, c.layer_norm_eps)?
        } else {
            LayerNorm::load(&e.pp("LayerNorm"), h, c.layer_norm_eps)?
        };
        let layers = (0..c.num_hidden_layers)
            .into_par_iter()
            .map(load_layer)
            .collect::<Result<Vec<_>>>()?;
        Ok(NomicBertModel {
            inv_freq: rotary::inv_freq(h / c.num_attention_heads, c.rope_theta),
            config,
            word,
            types,
            emb_ln,
            layers,
        })
    }

    /// The model with every weight on `dev`.
    pub fn to_device(&self, dev: &Device) -> Result<Self> {
        let layers = self
            .layers
            .iter()
            .map(|l| {
                Ok(Layer {
                    qkv: l.qkv.to_device(dev)?,
                    o: l.o.to_device(dev)?,
                    attn_ln: l.attn_ln.to_device(dev)?,
                    gate_up: l.gate_up.to_device(dev)?,
                    down: l.down.to_device(dev)?,
                    mlp_ln: l.mlp_ln.to_device(dev)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(NomicBertModel {
            config: self.config.clone(),
            word: self.word.to_device(dev)?,
            types: self.types.to_device(dev)?,
            emb_ln: self.emb_ln.to_device(dev)?,
            layers,
            inv_freq: self.inv_freq.clone(),
        })
    }

    pub fn device(&self) -> &Device {
        self.word.device()
    }

    /// Word + token-type embeddings, LayerNorm: `[b * t, h]` on the model's device.
    fn embed(&self, input_ids: &Tensor, token_type_ids: Option<&Tensor>) -> Result<Tensor> {
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let h = self.config.hidden_size;
        let dev = self.device();
        let ids = rotary::checked_ids(input_ids, self.config.vocab_size)?.to_device(dev)?;
        let x = self.word.index_select(&ids, 0)?;
        let x = match token_type_ids {
            Some(tt) => {
                if tt.dims() != [b, t] {
                    return Err(Error::value("token_type_ids shape != input_ids shape"));
                }
                let tt = rotary::checked_ids(tt, self.types.dim(0)?)
                    .map_err(|_| Error::value("token_type_id is out of range"))?
                    .to_device(dev)?;
                (x + self.types.index_select(&tt, 0)?)?
            }
            None => x.broadcast_add(&self.types.i(0)?)?,
        };
        self.emb_ln.forward(&x.reshape((b * t, h))?)
    }

    /// `model(input_ids, attention_mask, token_type_ids).last_hidden_state`, `[b, t, h]` on
    /// the CPU. A model on a GPU runs `forward_portable` there and copies the result back.
    pub fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let c = &self.config;
        let (h, nh) = (c.hidden_size, c.num_attention_heads);
        let hd = h / nh;
        if b == 0 || t == 0 {
            return Ok(Tensor::zeros((b, t, h), DType::F32, &Device::Cpu)?);
        }
        if !self.device().is_cpu() || self.word.dtype() != DType::F32 {
            let y = self.forward_portable(input_ids, attention_mask, token_type_ids)?;
            return Ok(y.to_device(&Device::Cpu)?);
        }
        let key_bias = rotary::key_bias(attention_mask, b, t)?;
        let mask = Mask {
            key: key_bias.as_deref(),
            ..Default::default()
        };
        let (cos, sin) = rotary::cos_sin_table(&self.inv_freq, t);
        let mut x = self.embed(input_ids, token_type_ids)?;
        for l in &self.layers {
            let qkv = l.qkv.forward(&x)?; // [b*t, 3h], Q pre-scaled
            let qk = kernels::qk_rope(&qkv, (b, t, nh, nh, hd), &cos, &sin)?;
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
            x = l.attn_ln.forward_add(&a, &x)?;
            let gu = l.gate_up.forward(&x)?;
            let m = l.down.forward(&kernels::glu(&gu, c.hidden_act)?)?;
            x = l.mlp_ln.forward_add(&m, &x)?;
        }
        Ok(x.reshape((b, t, h))?)
    }

    /// The forward pass with candle's ops only, on the model's device (what runs on CUDA and
    /// Metal; on the CPU, the reference `forward` is tested against). The result stays on the
    /// model's device.
    pub fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let c = &self.config;
        let (h, nh) = (c.hidden_size, c.num_attention_heads);
        let hd = h / nh;
        let dev = self.device().clone();
        if b == 0 || t == 0 {
            return Ok(Tensor::zeros((b, t, h), self.word.dtype(), &dev)?);
        }
        let key_bias = rotary::key_bias(attention_mask, b, t)?;
        let mask = rotary::dense_mask(key_bias.as_deref(), None, false, b, t, &dev)?;
        let dtype = self.word.dtype();
        let (cos, sin) = rotary::cos_sin_tensors(&self.inv_freq, t, &dev)?;
        let (cos, sin) = (cos.to_dtype(dtype)?, sin.to_dtype(dtype)?);
        let mut x = self.embed(input_ids, token_type_ids)?;
        for l in &self.layers {
            let qkv = l.qkv.forward_candle(&x)?.reshape((b, t, 3, nh, hd))?;
            let head = |i: usize| -> Result<Tensor> {
                Ok(qkv.i((.., .., i))?.transpose(1, 2)?.contiguous()?)
            };
            let q = candle_nn::rotary_emb::rope(&head(0)?, &cos, &sin)?;
            let k = candle_nn::rotary_emb::rope(&head(1)?, &cos, &sin)?;
            let mut scores = q.matmul(&k.t()?)?;
            if let Some(m) = &mask {
                scores = scores.broadcast_add(&m.to_dtype(dtype)?)?;
            }
            let probs = candle_nn::ops::softmax_last_dim(&scores)?;
            let ctx = probs
                .matmul(&head(2)?)?
                .transpose(1, 2)?
                .reshape((b * t, h))?;
            x = l.attn_ln.forward(&(l.o.forward_candle(&ctx)? + &x)?)?;
            let gu = l.gate_up.forward_candle(&x)?;
            let im = gu.dim(1)? / 2;
            let m = (c.hidden_act.apply(&gu.narrow(1, 0, im)?)? * gu.narrow(1, im, im)?)?;
            x = l.mlp_ln.forward(&(l.down.forward_candle(&m)? + &x)?)?;
        }
        Ok(x.reshape((b, t, h))?)
    }
}

impl crate::encoder::Encoder for NomicBertModel {
    fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        NomicBertModel::forward(self, input_ids, attention_mask, token_type_ids)
    }
    fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        NomicBertModel::forward_portable(self, input_ids, attention_mask, token_type_ids)
    }
    fn device(&self) -> &Device {
        NomicBertModel::device(self)
    }
    fn hidden_size(&self) -> usize {
        self.config.hidden_size
    }
    fn max_position_embeddings(&self) -> usize {
        self.config.max_position_embeddings
    }
    fn uses_token_type_ids(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
