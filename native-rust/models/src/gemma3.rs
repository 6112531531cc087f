//! Gemma3 text backbone as EmbeddingGemma uses it: bidirectional attention (when
//! `use_bidirectional_attention`), sliding-window layers with every `sliding_window_pattern`-th
//! layer global (or the config's explicit `layer_types`), local/global RoPE bases, GeGLU with
//! tanh-GELU, Gemma RMSNorm (`1 + w`), q/k norms, `query_pre_attn_scalar` scaling, and the
//! embedding scaled by sqrt(hidden). Follows transformers' Gemma3TextModel.
//!
//! Speed: Q, K and V come out of one GEMM, gate and up out of another; the attention scale is
//! folded into q_norm's weight; grouped K/V heads are shared, never copied; the RMSNorms
//! around each residual add and the q/k norms with RoPE are fused passes (see `forward`).
//! When only real tokens are read (`forward_real_tokens`, the sentence-transformers pipeline) a batch of mixed lengths runs only them through the GEMMs, norms and MLP
//! (attention alone sees the padded layout), and in float32 the 262k-row embedding table is
//! read in place from the memory-mapped weights instead of being copied (load time and RSS).
//! On a GPU, `forward_portable` runs the same math with candle's ops.

use crate::bert::ModelFiles;
use crate::error::{Error, Result, ResultExt};
use crate::kernels::{self, Mask};
use crate::nn::{self, cfg_f64, cfg_usize, Activation, GemmaRmsNorm, Linear};
use crate::rotary;
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use rayon::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerType {
    Sliding,
    Full,
}

/// The parts of a Gemma3 text config.json that the encoder uses.
#[derive(Debug, Clone)]
pub struct Gemma3Config {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub intermediate_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub num_key_value_heads: usize,
    pub head_dim: usize,
    pub rms_norm_eps: f64,
    pub hidden_activation: Activation,
    pub query_pre_attn_scalar: f64,
    /// As written in config.json. With bidirectional attention transformers uses
    /// `sliding_window / 2 + 1` as an exclusive bound on |i - j|.
    pub sliding_window: Option<usize>,
    pub layer_types: Vec<LayerType>,
    pub rope_theta_global: f64,
    pub rope_theta_local: f64,
    /// Linear RoPE scaling factor for global layers (1.0 = none).
    pub rope_linear_factor_global: f64,
    pub rope_linear_factor_local: f64,
    pub use_bidirectional_attention: bool,
    pub max_position_embeddings: usize,
}

fn rope_params(cfg: &serde_json::Value, kind: &str) -> (Option<f64>, f64) {
    // transformers 5 writes `rope_parameters: {full_attention: {...}, sliding_attention: {...}}`.
    let p = cfg.get("rope_parameters").and_then(|r| r.get(kind));
    let theta = p.and_then(|p| p.get("rope_theta")).and_then(|v| v.as_f64());
    let factor = p
        .filter(|p| p.get("rope_type").and_then(|v| v.as_str()) == Some("linear"))
        .and_then(|p| p.get("factor"))
        .and_then(|v| v.as_f64())
        .unwrap_or(1.0);
    (theta, factor)
}

impl Gemma3Config {
    pub fn from_json(cfg: &serde_json::Value) -> Result<Self> {
        let n_layers = cfg_usize(cfg, "num_hidden_layers")?;
        let hidden = cfg_usize(cfg, "hidden_size")?;
        let heads = cfg_usize(cfg, "num_attention_heads")?;
        let layer_types = match cfg.get("layer_types").and_then(|v| v.as_array()) {
            Some(a) => a
                .iter()
                .map(|t| match t.as_str() {
                    Some("sliding_attention") => Ok(LayerType::Sliding),
                    Some("full_attention") => Ok(LayerType::Full),
                    other => Err(Error::value(format!("unknown layer type {other:?}"))),
                })
                .collect::<Result<Vec<_>>>()?,
            None => {
                let pattern = cfg
                    .get("sliding_window_pattern")
                    .and_then(|v| v.as_u64())
                    .unwrap_or(6) as usize;
                (0..n_layers)
                    .map(|i| {
                        if pattern > 0 && (i + 1) % pattern != 0 {
                            LayerType::Sliding
                        } else {
                            LayerType::Full
                        }
                    })
                    .collect()
            }
        };
        if layer_types.len() < n_layers {
            return Err(Error::value(
                "layer_types is shorter than num_hidden_layers",
            ));
        }
        let (g_theta, g_factor) = rope_params(cfg, "full_attention");
        let (l_theta, l_factor) = rope_params(cfg, "sliding_attention");
        // Old-style `rope_scaling` applies to global layers only.
        let legacy_factor = cfg
            .get("rope_scaling")
            .filter(|r| {
                r.get("rope_type")
                    .or_else(|| r.get("type"))
                    .and_then(|v| v.as_str())
                    == Some("linear")
            })
            .and_then(|r| r.get("factor"))
            .and_then(|v| v.as_f64());
        if let Some(r) = cfg.get("rope_scaling").filter(|r| !r.is_null()) {
            let t = r
                .get("rope_type")
                .or_else(|| r.get("type"))
                .and_then(|v| v.as_str());
            if !matches!(t, Some("linear") | Some("default")) {
                return Err(Error::value(format!("rope_scaling {t:?} is not supported")));
            }
        }
        let act = cfg
            .get("hidden_activation")
            .or_else(|| cfg.get("hidden_act"))
            .and_then(|v| v.as_str())
            .unwrap_or("gelu_pytorch_tanh");
        let c = Gemma3Config {
            vocab_size: cfg_usize(cfg, "vocab_size")?,
            hidden_size: hidden,
            intermediate_size: cfg_usize(cfg, "intermediate_size")?,
            num_hidden_layers: n_layers,
            num_attention_heads: heads,
            num_key_value_heads: cfg
                .get("num_key_value_heads")
                .and_then(|v| v.as_u64())
                .map(|v| v as usize)
                .unwrap_or(heads),
            head_dim: cfg
                .get("head_dim")
                .and_then(|v| v.as_u64())
                .map(|v| v as usize)
                .unwrap_or(hidden / heads.max(1)),
            rms_norm_eps: cfg_f64(cfg, "rms_norm_eps", 1e-6),
            hidden_activation: Activation::from_name(act)?,
            query_pre_attn_scalar: cfg_f64(cfg, "query_pre_attn_scalar", 256.0),
            sliding_window: cfg
                .get("sliding_window")
                .and_then(|v| v.as_u64())
                .map(|v| v as usize),
            layer_types: layer_types[..n_layers].to_vec(),
            rope_theta_global: g_theta.unwrap_or_else(|| cfg_f64(cfg, "rope_theta", 1_000_000.0)),
            rope_theta_local: l_theta
                .unwrap_or_else(|| cfg_f64(cfg, "rope_local_base_freq", 10_000.0)),
            rope_linear_factor_global: legacy_factor.unwrap_or(g_factor),
            rope_linear_factor_local: l_factor,
            use_bidirectional_attention: cfg
                .get("use_bidirectional_attention")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            max_position_embeddings: cfg
                .get("max_position_embeddings")
                .and_then(|v| v.as_u64())
                .unwrap_or(131_072) as usize,
        };
        if c.num_key_value_heads == 0
            || !c.num_attention_heads.is_multiple_of(c.num_key_value_heads)
            || !c.head_dim.is_multiple_of(2)
        {
            return Err(Error::value(
                "num_attention_heads must be a multiple of num_key_value_heads and head_dim even",
            ));
        }
        if cfg
            .get("attn_logit_softcapping")
            .is_some_and(|v| !v.is_null())
        {
            return Err(Error::value("attn_logit_softcapping is not supported"));
        }
        Ok(c)
    }
}

#[derive(Debug, Clone)]
struct Layer {
    kind: LayerType,
    input_ln: GemmaRmsNorm,
    qkv: Linear,
    q_norm: GemmaRmsNorm,
    k_norm: GemmaRmsNorm,
    o: Linear,
    post_attn_ln: GemmaRmsNorm,
    pre_ff_ln: GemmaRmsNorm,
    gate_up: Linear,
    down: Linear,
    post_ff_ln: GemmaRmsNorm,
}

/// The token embedding table: a tensor, or on the CPU the f32 table read in place from the
/// memory-mapped weights file (`nn::MappedRows`), which only ever serves row lookups.
#[derive(Debug, Clone)]
enum Embedding {
    Tensor(Tensor),
    Mapped(nn::MappedRows),
}

/// Where checkpoints keep the backbone (the Gemma3 text model alone, or inside a multimodal
/// or causal-LM checkpoint), in the order they are tried.
const PREFIXES: [&str; 4] = [
    "",
    "model.",
    "model.language_model.",
    "language_model.model.",
];

/// The Gemma3 text encoder. `Send + Sync`; `forward` takes `&self`.
#[derive(Debug, Clone)]
pub struct Gemma3Model {
    pub config: Gemma3Config,
    embed: Embedding,
    device: Device,
    layers: Vec<Layer>,
    norm: GemmaRmsNorm,
    inv_freq_global: Vec<f32>,
    inv_freq_local: Vec<f32>,
    dtype: DType,
}

fn inv_freq(head_dim: usize, base: f64, factor: f64) -> Vec<f32> {
    // As transformers computes it, in float32; linear RoPE scaling divides the frequencies.
    rotary::inv_freq(head_dim, base)
        .into_iter()
        .map(|f| f / factor as f32)
        .collect()
}

impl Gemma3Model {
    /// Load from a folder with config.json + model.safetensors (memory-mapped).
    /// On a GPU (`device` not the CPU) the weights are loaded, then moved there, and
    /// `forward` runs `forward_portable`.
    pub fn load(files: impl Into<ModelFiles>, dtype: DType, device: &Device) -> Result<Self> {
        let (config_path, weights) = files.into().resolve()?;
        let cfg = crate::hub::read_json(&config_path)?;
        let config = Gemma3Config::from_json(&cfg).ctx(config_path.display())?;
        let vb = nn::mmap_var_builder(&weights, dtype)?;
        // In float32 the embedding table is used in place from the file, not copied.
        let mut mapped = None;
        if dtype == DType::F32 {
            for p in PREFIXES {
                mapped = nn::MappedRows::open(&weights, &format!("{p}embed_tokens.weight"))?;
                if mapped.is_some() {
                    break;
                }
            }
        }
        let m = Self::from_parts(config, vb, mapped).ctx(weights[0].display())?;
        if device.is_cpu() {
            Ok(m)
        } else {
            m.to_device(device)
        }
    }

    /// The model with every weight on `dev`.
    pub fn to_device(&self, dev: &Device) -> Result<Self> {
        let layers = self
            .layers
            .iter()
            .map(|l| {
                Ok(Layer {
                    kind: l.kind,
                    input_ln: l.input_ln.to_device(dev)?,
                    qkv: l.qkv.to_device(dev)?,
                    q_norm: l.q_norm.to_device(dev)?,
                    k_norm: l.k_norm.to_device(dev)?,
                    o: l.o.to_device(dev)?,
                    post_attn_ln: l.post_attn_ln.to_device(dev)?,
                    pre_ff_ln: l.pre_ff_ln.to_device(dev)?,
                    gate_up: l.gate_up.to_device(dev)?,
                    down: l.down.to_device(dev)?,
                    post_ff_ln: l.post_ff_ln.to_device(dev)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let embed = match &self.embed {
            Embedding::Tensor(t) => t.to_device(dev)?,
            Embedding::Mapped(m) => m.to_tensor()?.to_device(dev)?,
        };
        Ok(Gemma3Model {
            config: self.config.clone(),
            embed: Embedding::Tensor(embed),
            device: dev.clone(),
            layers,
            norm: self.norm.to_device(dev)?,
            inv_freq_global: self.inv_freq_global.clone(),
            inv_freq_local: self.inv_freq_local.clone(),
            dtype: self.dtype,
        })
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    pub fn from_var_builder(config: Gemma3Config, vb: VarBuilder) -> Result<Self> {
        Self::from_parts(config, vb, None)
    }

    /// The model from `vb`, with the embedding table `mapped` when the caller mapped it from
    /// the same weights (it must be the table `vb` holds under the detected prefix).
    fn from_parts(
        config: Gemma3Config,
        vb: VarBuilder,
        mapped: Option<nn::MappedRows>,
    ) -> Result<Self> {
        nn::tune_allocator();
        let prefix = nn::detect_prefix(&vb, "embed_tokens.weight", &PREFIXES)?;
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
        let scaling = c.query_pre_attn_scalar.powf(-0.5);
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
                kind: c.layer_types[i],
                input_ln: GemmaRmsNorm::load(&l.pp("input_layernorm"), h, eps, 1.0)?,
                qkv: p.qkv,
                q_norm: GemmaRmsNorm::load(&a.pp("q_norm"), hd, eps, scaling)?,
                k_norm: GemmaRmsNorm::load(&a.pp("k_norm"), hd, eps, 1.0)?,
                o: p.o,
                post_attn_ln: GemmaRmsNorm::load(&l.pp("post_attention_layernorm"), h, eps, 1.0)?,
                pre_ff_ln: GemmaRmsNorm::load(&l.pp("pre_feedforward_layernorm"), h, eps, 1.0)?,
                gate_up: p.gate_up,
                down: p.down,
                post_ff_ln: GemmaRmsNorm::load(&l.pp("post_feedforward_layernorm"), h, eps, 1.0)?,
            })
        };
        // The embedding table first, then the layers (copy out of the mmap, transpose, fuse)
        // in parallel with each other: faster cold start, few temporaries alive at once.
        let embed = match mapped {
            Some(m) if m.rows == c.vocab_size && m.cols == h => Embedding::Mapped(m),
            _ => Embedding::Tensor(vb.get((c.vocab_size, h), "embed_tokens.weight")?),
        };
        let (dtype, device) = match &embed {
            Embedding::Tensor(t) => (t.dtype(), t.device().clone()),
            Embedding::Mapped(_) => (DType::F32, Device::Cpu),
        };
        let layers = (0..c.num_hidden_layers)
            .into_par_iter()
            .map(load_layer)
            .collect::<Result<Vec<_>>>()?;
        let norm = GemmaRmsNorm::load(&vb.pp("norm"), h, eps, 1.0)?;
        Ok(Gemma3Model {
            inv_freq_global: inv_freq(hd, c.rope_theta_global, c.rope_linear_factor_global),
            inv_freq_local: inv_freq(hd, c.rope_theta_local, c.rope_linear_factor_local),
            dtype,
            device,
            config,
            embed,
            layers,
            norm,
        })
    }

    fn cos_sin(&self, inv: &[f32], t: usize) -> Result<(Tensor, Tensor)> {
        let half = inv.len();
        let (cos, sin) = rotary::cos_sin_table(inv, t);
        let cos = Tensor::from_vec(cos, (t, half), &Device::Cpu)?.to_dtype(self.dtype)?;
        let sin = Tensor::from_vec(sin, (t, half), &Device::Cpu)?.to_dtype(self.dtype)?;
        Ok((cos, sin))
    }

    /// The window (exclusive bound on the query-key distance) of sliding layers, as
    /// transformers applies it: with bidirectional attention `sliding_window / 2 + 1`.
    fn effective_window(&self) -> Option<usize> {
        let w = self.config.sliding_window?;
        Some(if self.config.use_bidirectional_attention {
            w / 2 + 1
        } else {
            w
        })
    }

    /// The forward pass with candle's ops only, on the model's device (what runs on CUDA and
    /// Metal; on the CPU it is the reference the fused `forward` is tested against). Same math
    /// as `forward`, with the masks materialised as `[b, 1, t, t]` and the K/V heads repeated.
    /// The result stays on the model's device.
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
        if b == 0 || t == 0 {
            return Ok(Tensor::zeros((b, t, h), self.dtype, &dev)?);
        }
        let ids = rotary::checked_ids(input_ids, self.config.vocab_size)?.to_device(&dev)?;
        let scale = (h as f32).sqrt() as f64;
        let rows = match &self.embed {
            Embedding::Tensor(t) => t.index_select(&ids, 0)?,
            // A mapped table exists only on the CPU (`to_device` copies it into a tensor).
            Embedding::Mapped(m) => {
                let ids = ids.to_vec1::<u32>()?;
                let data: Vec<f32> = ids
                    .iter()
                    .flat_map(|&i| m.row(i as usize))
                    .copied()
                    .collect();
                Tensor::from_vec(data, (ids.len(), h), &dev)?
            }
        };
        let mut x = (rows * scale)?; // [b*t, h]
        let key_bias = rotary::key_bias(attention_mask, b, t)?;
        let causal = !c.use_bidirectional_attention;
        let window = self.effective_window().filter(|&w| w < t);
        let full_mask = rotary::dense_mask(key_bias.as_deref(), None, causal, b, t, &dev)?
            .map(|m| m.to_dtype(self.dtype))
            .transpose()?;
        let sliding_mask = rotary::dense_mask(key_bias.as_deref(), window, causal, b, t, &dev)?
            .map(|m| m.to_dtype(self.dtype))
            .transpose()?;
        let (cos_g, sin_g) = self.cos_sin(&self.inv_freq_global, t)?;
        let (cos_l, sin_l) = self.cos_sin(&self.inv_freq_local, t)?;
        let (cos_g, sin_g, cos_l, sin_l) = (
            cos_g.to_device(&dev)?,
            sin_g.to_device(&dev)?,
            cos_l.to_device(&dev)?,
            sin_l.to_device(&dev)?,
        );
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
        for l in &self.layers {
            let (cos, sin, mask) = match l.kind {
                LayerType::Full => (&cos_g, &sin_g, &full_mask),
                LayerType::Sliding => (&cos_l, &sin_l, &sliding_mask),
            };
            let xn = l.input_ln.forward(&x)?;
            let qkv = l
                .qkv
                .forward_candle(&xn)?
                .reshape((b, t, nh + 2 * nkv, hd))?;
            // q_norm's weight carries the 1/sqrt(query_pre_attn_scalar) scale.
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
            let q = candle_nn::rotary_emb::rope(&q, cos, sin)?;
            let k = repeat(candle_nn::rotary_emb::rope(&k, cos, sin)?)?;
            let v = repeat(v)?;
            let mut scores = q.matmul(&k.t()?)?; // [b, nh, t, t]
            if let Some(m) = mask {
                scores = scores.broadcast_add(m)?;
            }
            let probs = candle_nn::ops::softmax_last_dim(&scores)?;
            let ctx = probs
                .matmul(&v)?
                .transpose(1, 2)?
                .reshape((b * t, nh * hd))?;
            let a = l.post_attn_ln.forward(&l.o.forward_candle(&ctx)?)?;
            x = (x + a)?;
            let xn = l.pre_ff_ln.forward(&x)?;
            let gu = l.gate_up.forward_candle(&xn)?; // [b*t, 2 * im]: gate | up
            let m = (c.hidden_activation.apply(&gu.narrow(1, 0, im)?)? * gu.narrow(1, im, im)?)?;
            let m = l.post_ff_ln.forward(&l.down.forward_candle(&m)?)?;
            x = (x + m)?;
        }
        Ok(self.norm.forward(&x)?.reshape((b, t, h))?)
    }

    /// `model(input_ids, attention_mask).last_hidden_state`: `[b, t]` ints in,
    /// `[b, t, hidden]` out (after the final norm), on the CPU, every row computed as
    /// transformers computes it (padded positions included). A model on a GPU runs
    /// `forward_portable` there and copies the result back.
    pub fn forward(&self, input_ids: &Tensor, attention_mask: Option<&Tensor>) -> Result<Tensor> {
        self.forward_rows(input_ids, attention_mask, false)
    }

    /// `forward` where only the rows of real tokens are read (pooling under the mask): with
    /// `real_only`, rows at padded positions (attention_mask 0) are not computed and are zeros.
    fn forward_rows(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        real_only: bool,
    ) -> Result<Tensor> {
        if !self.device().is_cpu() {
            let y = self.forward_portable(input_ids, attention_mask)?;
            return Ok(y.to_device(&Device::Cpu)?);
        }
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let c = &self.config;
        let (h, hd, nh, nkv) = (
            c.hidden_size,
            c.head_dim,
            c.num_attention_heads,
            c.num_key_value_heads,
        );
        if b == 0 || t == 0 {
            return Ok(Tensor::zeros((b, t, h), self.dtype, &Device::Cpu)?);
        }
        if self.dtype != DType::F32 {
            return Err(Error::value("Gemma3Model runs in float32 only"));
        }
        let ids = rotary::checked_ids(input_ids, self.config.vocab_size)?.to_vec1::<u32>()?;
        let eps = c.rms_norm_eps as f32;
        let key_bias = rotary::key_bias(attention_mask, b, t)?;
        // With `real_only`, only rows holding real tokens go through the GEMMs, norms and MLP: a padded position
        // is never a key (its key bias masks it) and what it would compute as a query is
        // discarded by every pooling, so in a batch of mixed lengths the padding costs nothing
        // there. Attention alone runs in the padded `[b, t]` layout (rows scattered in and
        // gathered out); the output's padded rows are zeros. `real` is None when no row is
        // padded or every row is wanted (`forward`), and nothing is moved then.
        let real: Option<Vec<usize>> = key_bias.as_ref().filter(|_| real_only).map(|kb| {
            kb.iter()
                .enumerate()
                .filter(|(_, &v)| v == 0.0)
                .map(|(i, _)| i)
                .collect()
        });
        let n = real.as_ref().map_or(b * t, Vec::len);
        if n == 0 {
            return Ok(Tensor::zeros((b, t, h), self.dtype, &Device::Cpu)?);
        }
        let ids: Vec<u32> = match &real {
            Some(r) => r.iter().map(|&i| ids[i]).collect(),
            None => ids,
        };
        // The residual stream is a plain buffer updated in place; each sub-layer's input is a
        // fresh normalised copy (the only tensor the GEMMs see). Per layer, besides the four
        // GEMMs and attention, three fused passes: q/k norm + RoPE, and twice the sandwich
        // `x += RMSNorm_post(branch); next = RMSNorm_pre(x)`. No narrow/transpose copies.
        // transformers multiplies by torch.tensor(sqrt(hidden)) in the weights' dtype.
        let scale = (h as f32).sqrt();
        let mut x = vec![0f32; n * h];
        let gather = |row: &mut [f32], src: &[f32]| {
            for (o, v) in row.iter_mut().zip(src) {
                *o = v * scale;
            }
        };
        match &self.embed {
            Embedding::Tensor(t) => kernels::with_f32(t, |e, l| {
                let e = &e[l.start_offset()..];
                for (row, &id) in x.chunks_mut(h).zip(&ids) {
                    gather(row, &e[id as usize * h..(id as usize + 1) * h]);
                }
            })?,
            Embedding::Mapped(m) => {
                for (row, &id) in x.chunks_mut(h).zip(&ids) {
                    gather(row, m.row(id as usize));
                }
            }
        }
        let causal = !c.use_bidirectional_attention;
        let full_mask = Mask {
            key: key_bias.as_deref(),
            window: None,
            causal,
            rel: None,
        };
        // A window as long as the sequence masks nothing; skip it then.
        let window = self.effective_window().filter(|&w| w < t);
        let sliding_mask = Mask {
            key: key_bias.as_deref(),
            window,
            causal,
            rel: None,
        };
        let (cos_g, sin_g) = rotary::cos_sin_table(&self.inv_freq_global, t);
        let (cos_l, sin_l) = rotary::cos_sin_table(&self.inv_freq_local, t);
        let first = self.layers.first().map_or(&self.norm, |l| &l.input_ln);
        let mut xn = kernels::rms_norm_rows(&x, h, first.alpha(), eps)?;
        for (li, l) in self.layers.iter().enumerate() {
            let (cos, sin, bias) = match l.kind {
                LayerType::Full => (&cos_g, &sin_g, full_mask),
                LayerType::Sliding => (&cos_l, &sin_l, sliding_mask),
            };
            // --- attention: one GEMM for Q|K|V; q/k norms (Q's carries the 1/sqrt scale) and
            // RoPE in one pass into a [b*t, (nh + nkv) * hd] buffer; V read from QKV in place.
            let qkv = l
                .qkv
                .forward(&Tensor::from_vec(xn, (n, h), &Device::Cpu)?)?;
            let qkv = match &real {
                Some(r) => {
                    let w = (nh + 2 * nkv) * hd;
                    let padded = kernels::with_f32(&qkv, |q, l| {
                        scatter_rows(&q[l.start_offset()..l.start_offset() + n * w], w, r, b * t)
                    })?;
                    Tensor::from_vec(padded, (b * t, w), &Device::Cpu)?
                }
                None => qkv,
            };
            let qk = kernels::qk_norm_rope(
                &qkv,
                (b, t, nh, nkv, hd),
                l.q_norm.alpha(),
                l.k_norm.alpha(),
                eps,
                cos,
                sin,
            )?;
            let ctx = kernels::attention_after_qk_rope(&qkv, &qk, (b, t, nh, nkv, hd), bias)?;
            let ctx = match &real {
                Some(r) => gather_rows(&ctx, nh * hd, r),
                None => ctx,
            };
            let a =
                l.o.forward(&Tensor::from_vec(ctx, (n, nh * hd), &Device::Cpu)?)?;
            xn = kernels::add_rms_norm2(
                &mut x,
                &a,
                h,
                l.post_attn_ln.alpha(),
                l.pre_ff_ln.alpha(),
                eps,
            )?;
            // --- GeGLU MLP: one GEMM for gate|up, act(gate) * up fused, down
            let gu = l
                .gate_up
                .forward(&Tensor::from_vec(xn, (n, h), &Device::Cpu)?)?;
            let m = l.down.forward(&kernels::glu(&gu, c.hidden_activation)?)?;
            // The next layer's input norm, or the final norm after the last layer.
            let next = self.layers.get(li + 1).map_or(&self.norm, |n| &n.input_ln);
            xn = kernels::add_rms_norm2(&mut x, &m, h, l.post_ff_ln.alpha(), next.alpha(), eps)?;
        }
        let out = match &real {
            Some(r) => scatter_rows(&xn, h, r, b * t),
            None => xn,
        };
        Ok(Tensor::from_vec(out, (b, t, h), &Device::Cpu)?)
    }
}

/// Rows `rows[k]` of a `[_, w]` row-major buffer, packed in that order.
fn gather_rows(src: &[f32], w: usize, rows: &[usize]) -> Vec<f32> {
    let mut out = Vec::with_capacity(rows.len() * w);
    for &r in rows {
        out.extend_from_slice(&src[r * w..(r + 1) * w]);
    }
    out
}

/// The inverse of `gather_rows`: packed row k goes to row `rows[k]` of a `[total, w]` buffer
/// of zeros.
fn scatter_rows(src: &[f32], w: usize, rows: &[usize], total: usize) -> Vec<f32> {
    let mut out = vec![0f32; total * w];
    for (k, &r) in rows.iter().enumerate() {
        out[r * w..(r + 1) * w].copy_from_slice(&src[k * w..(k + 1) * w]);
    }
    out
}

impl crate::encoder::Encoder for Gemma3Model {
    /// Gemma3 has no token types; `token_type_ids` is ignored.
    fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        _token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        Gemma3Model::forward(self, input_ids, attention_mask)
    }
    fn forward_real_tokens(
        &self,
        input_ids: &Tensor,
        attention_mask: &Tensor,
        _token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        self.forward_rows(input_ids, Some(attention_mask), true)
    }
    fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        _token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        Gemma3Model::forward_portable(self, input_ids, attention_mask)
    }
    fn device(&self) -> &Device {
        Gemma3Model::device(self)
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
