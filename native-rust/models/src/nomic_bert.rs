//! NomicBERT (nomic-embed-text v1 / v1.5): a post-norm BERT with rotary position embeddings
//! instead of learned ones, a SwiGLU MLP and no biases. Follows transformers' NomicBertModel.
//! The weights are in nomic's own layout (`encoder.layers.N.attn.Wqkv`, `fc11`/`fc12`,
//! `emb_ln`, `norm1`/`norm2`): the published checkpoints use it, and transformers' conversion
//! table writes it back on `save_pretrained`. config.json may spell its keys either way
//! (nomic's `n_embd`, `rotary_emb_base`; transformers' `hidden_size`, `rope_parameters`).
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
    pub head_dim: usize,
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
            ("use_rms_norm", true),
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
        let hidden = cfg_usize_any(cfg, &["hidden_size", "n_embd"])?;
        let heads = cfg_usize_any(cfg, &["num_attention_heads", "n_head"])?;
        let c = NomicBertConfig {
            vocab_size: cfg_usize_any(cfg, &["vocab_size"])?,
            hidden_size: hidden,
            num_hidden_layers: cfg_usize_any(cfg, &["num_hidden_layers", "n_layer"])?,
            num_attention_heads: heads,
            head_dim: cfg_usize_any(cfg, &["head_dim"]).unwrap_or(hidden / heads.max(1)),
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
        if c.num_attention_heads == 0 || c.head_dim == 0 || !c.head_dim.is_multiple_of(2) {
            return Err(Error::value(
                "num_attention_heads and an even head_dim are needed",
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
        let (h, hd) = (c.hidden_size, c.head_dim);
        let a_w = c.num_attention_heads * hd;
        let scale = 1.0 / (hd as f64).sqrt();
        let prefix = nn::detect_prefix(
            &vb,
            "encoder.layers.0.attn.Wqkv.weight",
            &["", "nomic_bert.", "model."],
        )
        .or_else(|e| {
            if c.num_hidden_layers == 0 {
                Ok(String::new())
            } else {
                Err(e)
            }
        })?;
        let vb = if prefix.is_empty() {
            vb
        } else {
            vb.pp(prefix.trim_end_matches('.'))
        };
        let linear = |vb: VarBuilder, o: usize, i: usize| -> Result<Linear> {
            let b = rotary::opt_bias(&vb, o)?;
            Linear::from_torch(
                &[vb.get((o, i), "weight")?],
                b.as_ref().map(std::slice::from_ref),
            )
        };
        // The MLP width comes from the weights: nomic's code rounds `n_inner` up to a multiple
        // of 256 for SwiGLU, so the config's number need not be the stored one.
        let im = match vb.get_unchecked("encoder.layers.0.mlp.fc11.weight") {
            Ok(t) => t.dim(0)?,
            Err(_) if c.num_hidden_layers == 0 => 0,
            Err(e) => return Err(e.into()),
        };
        let load_layer = |i: usize| -> Result<Layer> {
            let l = vb.pp(format!("encoder.layers.{i}"));
            let m = l.pp("mlp");
            let mut qkv = linear(l.pp("attn.Wqkv"), 3 * a_w, h)?;
            qkv.scale_cols(0, a_w, scale)?;
            // `fc12` is the gate (transformers' gate_proj), `fc11` the value (up_proj).
            let (gate, up) = (m.pp("fc12"), m.pp("fc11"));
            let (bg, bu) = (rotary::opt_bias(&gate, im)?, rotary::opt_bias(&up, im)?);
            let gu_b = match (bg, bu) {
                (Some(g), Some(u)) => Some(vec![g, u]),
                _ => None,
            };
            let gate_up = Linear::from_torch(
                &[gate.get((im, h), "weight")?, up.get((im, h), "weight")?],
                gu_b.as_deref(),
            )?;
            Ok(Layer {
                qkv,
                o: linear(l.pp("attn.out_proj"), h, a_w)?,
                attn_ln: LayerNorm::load(&l.pp("norm1"), h, c.layer_norm_eps)?,
                gate_up,
                down: linear(m.pp("fc2"), h, im)?,
                mlp_ln: LayerNorm::load(&l.pp("norm2"), h, c.layer_norm_eps)?,
            })
        };
        let e = vb.pp("embeddings");
        let word = e.get((c.vocab_size, h), "word_embeddings.weight")?;
        let types = if c.type_vocab_size > 0 {
            e.get((c.type_vocab_size, h), "token_type_embeddings.weight")?
        } else {
            word.zeros_like()?.narrow(0, 0, 1)?
        };
        let emb_ln = LayerNorm::load(&vb.pp("emb_ln"), h, c.layer_norm_eps)?;
        let layers = (0..c.num_hidden_layers)
            .into_par_iter()
            .map(load_layer)
            .collect::<Result<Vec<_>>>()?;
        Ok(NomicBertModel {
            inv_freq: rotary::inv_freq(hd, c.rope_theta),
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
        let (h, nh, hd) = (c.hidden_size, c.num_attention_heads, c.head_dim);
        let aw = nh * hd;
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
            let qkv = l.qkv.forward(&x)?; // [b*t, 3 * nh * hd], Q pre-scaled
            let qk = kernels::qk_rope(&qkv, (b, t, nh, nh, hd), &cos, &sin)?;
            let ctx = kernels::with_f32(&qkv, |vb, vl| {
                let qk_view = |off: usize| HeadsView {
                    off,
                    sb: t * 2 * aw,
                    sh: hd,
                    st: 2 * aw,
                };
                let v = HeadsView {
                    off: vl.start_offset() + 2 * aw,
                    sb: t * 3 * aw,
                    sh: hd,
                    st: 3 * aw,
                };
                kernels::attention(
                    &qk,
                    qk_view(0),
                    &qk,
                    qk_view(aw),
                    vb,
                    v,
                    (b, nh, nh, t, hd),
                    mask,
                )
            })?;
            let a =
                l.o.forward(&Tensor::from_vec(ctx, (b * t, aw), &Device::Cpu)?)?;
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
        let (h, nh, hd) = (c.hidden_size, c.num_attention_heads, c.head_dim);
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
                .reshape((b * t, nh * hd))?;
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
