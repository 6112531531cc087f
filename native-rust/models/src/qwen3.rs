//! Qwen3 as an embedding encoder (Qwen3-Embedding-0.6B/4B/8B): the causal decoder's hidden
//! states, which sentence-transformers pools at the last token. Pre-norm RMSNorm layers,
//! grouped-query attention with per-head q/k RMSNorms and RoPE, a SwiGLU MLP, and a causal
//! sliding window on the layers `layer_types` marks. Follows transformers' Qwen3Model:
//! positions are `0..t` whatever the padding (left padding shifts the real tokens' positions,
//! which RoPE's relative form makes invisible to them), and causal attention plus the padding
//! mask keep pad tokens out of every real token's view.
//!
//! Input: token ids and attention mask `[b, t]`. Output: the last hidden state
//! `[b, t, hidden]` (after the final norm).
//!
//! Speed: as the Gemma3 encoder: Q, K and V in one GEMM, gate and up in another; the q/k norms
//! (the attention scale folded into q_norm's weight) and RoPE in one pass; K/V heads shared by
//! their query groups, never copied; each residual add fused with the next RMSNorm.

use crate::bert::ModelFiles;
use crate::error::{Error, Result, ResultExt};
use crate::kernels::{self, Mask};
use crate::nn::{self, Activation, Linear, RmsNorm};
use crate::rotary::{self, cfg_f64_any, cfg_usize_any};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use rayon::prelude::*;

/// The parts of a Qwen3 config.json that the encoder uses.
#[derive(Debug, Clone)]
pub struct Qwen3Config {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub intermediate_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub num_key_value_heads: usize,
    pub head_dim: usize,
    pub rms_norm_eps: f64,
    pub hidden_act: Activation,
    pub rope_theta: f64,
    /// Per layer: the causal sliding window (an exclusive bound on `i - j`), if any.
    pub windows: Vec<Option<usize>>,
    pub max_position_embeddings: usize,
}

impl Qwen3Config {
    pub fn from_json(cfg: &serde_json::Value) -> Result<Self> {
        let n_layers = cfg_usize_any(cfg, &["num_hidden_layers"])?;
        let hidden = cfg_usize_any(cfg, &["hidden_size"])?;
        let heads = cfg_usize_any(cfg, &["num_attention_heads"])?;
        let sliding_window = cfg_usize_any(cfg, &["sliding_window"]).ok();
        // transformers: `layer_types`, else sliding from layer `max_window_layers` on when
        // `use_sliding_window` (off in every released Qwen3).
        let sliding: Vec<bool> = match cfg.get("layer_types").and_then(|v| v.as_array()) {
            Some(a) => a
                .iter()
                .map(|t| match t.as_str() {
                    Some("full_attention") => Ok(false),
                    Some("sliding_attention") => Ok(true),
                    other => Err(Error::value(format!("unknown layer type {other:?}"))),
                })
                .collect::<Result<Vec<_>>>()?,
            None => {
                let on = rotary::cfg_bool(cfg, "use_sliding_window", false);
                let from = cfg_usize_any(cfg, &["max_window_layers"]).unwrap_or(n_layers);
                (0..n_layers).map(|i| on && i >= from).collect()
            }
        };
        if sliding.len() < n_layers {
            return Err(Error::value(
                "layer_types is shorter than num_hidden_layers",
            ));
        }
        if sliding[..n_layers].iter().any(|&s| s) && sliding_window.is_none() {
            return Err(Error::value("sliding layers need a sliding_window"));
        }
        let legacy = cfg.get("rope_theta").and_then(|v| v.as_f64());
        let rope = cfg
            .get("rope_parameters")
            .or_else(|| cfg.get("rope_scaling"));
        let c = Qwen3Config {
            vocab_size: cfg_usize_any(cfg, &["vocab_size"])?,
            hidden_size: hidden,
            intermediate_size: cfg_usize_any(cfg, &["intermediate_size"])?,
            num_hidden_layers: n_layers,
            num_attention_heads: heads,
            num_key_value_heads: cfg_usize_any(cfg, &["num_key_value_heads"]).unwrap_or(heads),
            head_dim: cfg_usize_any(cfg, &["head_dim"]).unwrap_or(hidden / heads.max(1)),
            rms_norm_eps: cfg_f64_any(cfg, &["rms_norm_eps"], 1e-6),
            hidden_act: Activation::from_name(
                cfg.get("hidden_act")
                    .and_then(|v| v.as_str())
                    .unwrap_or("silu"),
            )?,
            rope_theta: rotary::rope_theta(rope, legacy, 1_000_000.0)?,
            windows: sliding[..n_layers]
                .iter()
                .map(|&s| if s { sliding_window } else { None })
                .collect(),
            max_position_embeddings: cfg_usize_any(cfg, &["max_position_embeddings"])
                .unwrap_or(32_768),
        };
        if c.num_attention_heads == 0
            || c.num_key_value_heads == 0
            || !c.num_attention_heads.is_multiple_of(c.num_key_value_heads)
            || !c.head_dim.is_multiple_of(2)
        {
            return Err(Error::value(
                "num_attention_heads must be a multiple of num_key_value_heads and head_dim even",
            ));
        }
        Ok(c)
    }
}

#[derive(Debug, Clone)]
struct Layer {
    window: Option<usize>,
    input_ln: RmsNorm,
    qkv: Linear,
    q_norm: RmsNorm,
    k_norm: RmsNorm,
    o: Linear,
    post_attn_ln: RmsNorm,
    gate_up: Linear,
    down: Linear,
}

/// The Qwen3 text model as an encoder. `Send + Sync`; `forward` takes `&self`.
#[derive(Debug, Clone)]
pub struct Qwen3Model {
    pub config: Qwen3Config,
    embed: Tensor,
    layers: Vec<Layer>,
    norm: RmsNorm,
    inv_freq: Vec<f32>,
}

impl Qwen3Model {
    /// Load from a folder with config.json + model.safetensors (memory-mapped). On a GPU the
    /// weights are moved there and `forward` runs `forward_portable`.
    pub fn load(files: impl Into<ModelFiles>, dtype: DType, device: &Device) -> Result<Self> {
        let (config_path, weights) = files.into().resolve()?;
        let cfg = crate::hub::read_json(&config_path)?;
        let config = Qwen3Config::from_json(&cfg).ctx(config_path.display())?;
        let vb = nn::mmap_var_builder(&weights, dtype)?;
        let m = Self::from_var_builder(config, vb).ctx(weights[0].display())?;
        if device.is_cpu() {
            Ok(m)
        } else {
            m.to_device(device)
        }
    }

    pub fn from_var_builder(config: Qwen3Config, vb: VarBuilder) -> Result<Self> {
        nn::tune_allocator();
        // Qwen3Model saves at the top (Qwen3-Embedding), Qwen3ForCausalLM under `model.`.
        let prefix = nn::detect_prefix(&vb, "embed_tokens.weight", &["", "model."])?;
        let vb = if prefix.is_empty() {
            vb
        } else {
            vb.pp(prefix.trim_end_matches('.'))
        };
        let c = &config;
        let (h, hd, nh, nkv, im) = (
            c.hidden_size,
            c.head_dim,
            c.num_attention_heads,
            c.num_key_value_heads,
            c.intermediate_size,
        );
        let eps = c.rms_norm_eps;
        let scale = (hd as f64).powf(-0.5);
        let dims = rotary::BlockDims {
            hidden: h,
            heads: nh,
            kv_heads: nkv,
            head_dim: hd,
            intermediate: im,
        };
        let load_layer = |i: usize| -> Result<Layer> {
            let l = vb.pp(format!("layers.{i}"));
            let a = l.pp("self_attn");
            let p = rotary::BlockLinears::load(&l, dims)?;
            Ok(Layer {
                window: c.windows[i],
                input_ln: RmsNorm::load(&l.pp("input_layernorm"), h, eps, 1.0)?,
                qkv: p.qkv,
                q_norm: RmsNorm::load(&a.pp("q_norm"), hd, eps, scale)?,
                k_norm: RmsNorm::load(&a.pp("k_norm"), hd, eps, 1.0)?,
                o: p.o,
                post_attn_ln: RmsNorm::load(&l.pp("post_attention_layernorm"), h, eps, 1.0)?,
                gate_up: p.gate_up,
                down: p.down,
            })
        };
        let embed = vb.get((c.vocab_size, h), "embed_tokens.weight")?;
        let layers = (0..c.num_hidden_layers)
            .into_par_iter()
            .map(load_layer)
            .collect::<Result<Vec<_>>>()?;
        let norm = RmsNorm::load(&vb.pp("norm"), h, eps, 1.0)?;
        Ok(Qwen3Model {
            inv_freq: rotary::inv_freq(hd, c.rope_theta),
            config,
            embed,
            layers,
            norm,
        })
    }

    /// The model with every weight on `dev`.
    pub fn to_device(&self, dev: &Device) -> Result<Self> {
        let layers = self
            .layers
            .iter()
            .map(|l| {
                Ok(Layer {
                    window: l.window,
                    input_ln: l.input_ln.to_device(dev)?,
                    qkv: l.qkv.to_device(dev)?,
                    q_norm: l.q_norm.to_device(dev)?,
                    k_norm: l.k_norm.to_device(dev)?,
                    o: l.o.to_device(dev)?,
                    post_attn_ln: l.post_attn_ln.to_device(dev)?,
                    gate_up: l.gate_up.to_device(dev)?,
                    down: l.down.to_device(dev)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Qwen3Model {
            config: self.config.clone(),
            embed: self.embed.to_device(dev)?,
            layers,
            norm: self.norm.to_device(dev)?,
            inv_freq: self.inv_freq.clone(),
        })
    }

    pub fn device(&self) -> &Device {
        self.embed.device()
    }

    /// `model(input_ids, attention_mask).last_hidden_state`, `[b, t, h]` on the CPU. A model
    /// on a GPU runs `forward_portable` there and copies the result back.
    pub fn forward(&self, input_ids: &Tensor, attention_mask: Option<&Tensor>) -> Result<Tensor> {
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let c = &self.config;
        let (h, hd, nh, nkv) = (
            c.hidden_size,
            c.head_dim,
            c.num_attention_heads,
            c.num_key_value_heads,
        );
        if b == 0 || t == 0 {
            return Ok(Tensor::zeros((b, t, h), DType::F32, &Device::Cpu)?);
        }
        if !self.device().is_cpu() || self.embed.dtype() != DType::F32 {
            let y = self.forward_portable(input_ids, attention_mask)?;
            return Ok(y.to_device(&Device::Cpu)?);
        }
        let ids = rotary::checked_ids(input_ids, c.vocab_size)?;
        let eps = c.rms_norm_eps as f32;
        let key_bias = rotary::key_bias(attention_mask, b, t)?;
        let (cos, sin) = rotary::cos_sin_table(&self.inv_freq, t);
        let mut x = self
            .embed
            .index_select(&ids, 0)?
            .flatten_all()?
            .to_vec1::<f32>()?;
        let first = self.layers.first().map_or(&self.norm, |l| &l.input_ln);
        let mut xn = kernels::rms_norm_rows(&x, h, first.alpha(), eps)?;
        for (li, l) in self.layers.iter().enumerate() {
            let mask = Mask {
                key: key_bias.as_deref(),
                // A window as long as the sequence masks nothing; skip it then.
                window: l.window.filter(|&w| w < t),
                causal: true,
                ..Default::default()
            };
            let qkv = l
                .qkv
                .forward(&Tensor::from_vec(xn, (b * t, h), &Device::Cpu)?)?;
            let qk = kernels::qk_norm_rope(
                &qkv,
                (b, t, nh, nkv, hd),
                l.q_norm.alpha(),
                l.k_norm.alpha(),
                eps,
                &cos,
                &sin,
            )?;
            let ctx = kernels::attention_after_qk_rope(&qkv, &qk, (b, t, nh, nkv, hd), mask)?;
            let a =
                l.o.forward(&Tensor::from_vec(ctx, (b * t, nh * hd), &Device::Cpu)?)?;
            xn = kernels::add_rms_norm(&mut x, &a, h, l.post_attn_ln.alpha(), eps)?;
            let gu = l
                .gate_up
                .forward(&Tensor::from_vec(xn, (b * t, h), &Device::Cpu)?)?;
            let m = l.down.forward(&kernels::glu(&gu, c.hidden_act)?)?;
            // The next layer's input norm, or the final norm after the last layer.
            let next = self.layers.get(li + 1).map_or(&self.norm, |n| &n.input_ln);
            xn = kernels::add_rms_norm(&mut x, &m, h, next.alpha(), eps)?;
        }
        Ok(Tensor::from_vec(xn, (b, t, h), &Device::Cpu)?)
    }

    /// The forward pass with candle's ops only, on the model's device (what runs on CUDA and
    /// Metal; on the CPU, the reference `forward` is tested against): the masks materialised as
    /// `[b, 1, t, t]`, the K/V heads repeated. The result stays on the model's device.
    pub fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
    ) -> Result<Tensor> {
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let c = &self.config;
        let (h, hd, nh, nkv, im) = (
            c.hidden_size,
            c.head_dim,
            c.num_attention_heads,
            c.num_key_value_heads,
            c.intermediate_size,
        );
        let dev = self.device().clone();
        let dtype = self.embed.dtype();
        if b == 0 || t == 0 {
            return Ok(Tensor::zeros((b, t, h), dtype, &dev)?);
        }
        let ids = rotary::checked_ids(input_ids, c.vocab_size)?.to_device(&dev)?;
        let key_bias = rotary::key_bias(attention_mask, b, t)?;
        let (cos, sin) = rotary::cos_sin_tensors(&self.inv_freq, t, &dev)?;
        let (cos, sin) = (cos.to_dtype(dtype)?, sin.to_dtype(dtype)?);
        let groups = nh / nkv;
        let repeat = |x: Tensor| -> Result<Tensor> {
            if groups == 1 {
                return Ok(x);
            }
            Ok(x.unsqueeze(2)?
                .expand((b, nkv, groups, t, hd))?
                .contiguous()?
                .reshape((b, nh, t, hd))?)
        };
        let mut x = self.embed.index_select(&ids, 0)?; // [b*t, h]
        for l in &self.layers {
            let mask = rotary::dense_mask(
                key_bias.as_deref(),
                l.window.filter(|&w| w < t),
                true,
                b,
                t,
                &dev,
            )?;
            let xn = l.input_ln.forward(&x)?;
            let qkv = l
                .qkv
                .forward_candle(&xn)?
                .reshape((b, t, nh + 2 * nkv, hd))?;
            let q = l
                .q_norm
                .forward(&qkv.narrow(2, 0, nh)?)?
                .transpose(1, 2)?
                .contiguous()?;
            let k = l
                .k_norm
                .forward(&qkv.narrow(2, nh, nkv)?)?
                .transpose(1, 2)?
                .contiguous()?;
            let v = qkv
                .narrow(2, nh + nkv, nkv)?
                .transpose(1, 2)?
                .contiguous()?;
            let q = candle_nn::rotary_emb::rope(&q, &cos, &sin)?;
            let k = repeat(candle_nn::rotary_emb::rope(&k, &cos, &sin)?)?;
            let mut scores = q.matmul(&k.t()?)?;
            if let Some(m) = &mask {
                scores = scores.broadcast_add(&m.to_dtype(dtype)?)?;
            }
            let probs = candle_nn::ops::softmax_last_dim(&scores)?;
            let ctx = probs
                .matmul(&repeat(v)?)?
                .transpose(1, 2)?
                .reshape((b * t, nh * hd))?;
            x = (x + l.o.forward_candle(&ctx)?)?;
            let gu = l.gate_up.forward_candle(&l.post_attn_ln.forward(&x)?)?;
            let m = (c.hidden_act.apply(&gu.narrow(1, 0, im)?)? * gu.narrow(1, im, im)?)?;
            x = (x + l.down.forward_candle(&m)?)?;
        }
        Ok(self.norm.forward(&x)?.reshape((b, t, h))?)
    }
}

impl crate::encoder::Encoder for Qwen3Model {
    /// Qwen3 has no token types; `token_type_ids` is ignored. Either padding side gives the
    /// same real-token states (RoPE is relative, attention causal), so the tokenizer's own
    /// (left, for Qwen3-Embedding) stands.
    fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        _token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        Qwen3Model::forward(self, input_ids, attention_mask)
    }
    fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        _token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        Qwen3Model::forward_portable(self, input_ids, attention_mask)
    }
    fn device(&self) -> &Device {
        Qwen3Model::device(self)
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
