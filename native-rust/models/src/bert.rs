//! BERT encoder (all-MiniLM-L6-v2 and friends), written for CPU speed:
//! one fused QKV GEMM per layer with the 1/sqrt(head_dim) scale folded into Q's weights,
//! weights pre-transposed at load, candle's fused softmax/layer-norm kernels, and the
//! padding mask as an additive bias that is skipped when nothing is padded.
//!
//! The same post-LayerNorm encoder carries its relatives, which differ only in where their
//! weights are named (`BertLayout`), how positions are counted (RoBERTa's from
//! `padding_idx + 1`, skipping pad tokens) and MPNet's relative position bias: see
//! xlm_roberta.rs and mpnet.rs, which configure it.

use crate::error::{Error, Result, ResultExt};
use crate::kernels::{self, HeadsView, Mask};
use crate::nn::{self, cfg_f64, cfg_usize, Activation, LayerNorm, Linear};
use candle_core::{DType, Device, IndexOp, Tensor};
use candle_nn::VarBuilder;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The parts of a BERT config.json that the encoder uses.
#[derive(Debug, Clone)]
pub struct BertConfig {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub hidden_act: Activation,
    pub max_position_embeddings: usize,
    /// 0: no token type embeddings (MPNet).
    pub type_vocab_size: usize,
    pub layer_norm_eps: f64,
    /// RoBERTa-style positions (XLM-R, MPNet): each non-pad token counts from
    /// `padding_idx + 1`, pad tokens sit at `padding_idx` (transformers'
    /// `create_position_ids_from_input_ids`). `None`: positions `0..t`.
    pub position_padding_idx: Option<usize>,
    /// MPNet's bucketed relative position bias, one table shared by every layer.
    pub relative_attention_num_buckets: Option<usize>,
}

impl BertConfig {
    pub fn from_json(cfg: &serde_json::Value) -> Result<Self> {
        let pet = cfg
            .get("position_embedding_type")
            .and_then(|v| v.as_str())
            .unwrap_or("absolute");
        if pet != "absolute" {
            return Err(Error::value(format!(
                "position_embedding_type {pet:?} is not supported"
            )));
        }
        let c = BertConfig {
            vocab_size: cfg_usize(cfg, "vocab_size")?,
            hidden_size: cfg_usize(cfg, "hidden_size")?,
            num_hidden_layers: cfg_usize(cfg, "num_hidden_layers")?,
            num_attention_heads: cfg_usize(cfg, "num_attention_heads")?,
            intermediate_size: cfg_usize(cfg, "intermediate_size")?,
            hidden_act: Activation::from_name(
                cfg.get("hidden_act")
                    .and_then(|v| v.as_str())
                    .unwrap_or("gelu"),
            )?,
            max_position_embeddings: cfg_usize(cfg, "max_position_embeddings")?,
            type_vocab_size: cfg
                .get("type_vocab_size")
                .and_then(|v| v.as_u64())
                .unwrap_or(2) as usize,
            layer_norm_eps: cfg_f64(cfg, "layer_norm_eps", 1e-12),
            position_padding_idx: None,
            relative_attention_num_buckets: None,
        };
        if c.num_attention_heads == 0 || !c.hidden_size.is_multiple_of(c.num_attention_heads) {
            return Err(Error::value(
                "hidden_size must be a multiple of num_attention_heads",
            ));
        }
        Ok(c)
    }

    /// The longest input: the position table less the positions RoBERTa-style counting skips.
    pub fn max_input_length(&self) -> usize {
        self.max_position_embeddings
            .saturating_sub(self.position_padding_idx.map_or(0, |p| p + 1))
    }
}

/// Where a BERT-shaped checkpoint keeps its weights: the prefixes a task model's checkpoint
/// may add before the encoder's names, and each layer's attention names (relative to
/// `encoder.layer.N.attention`). The feed-forward names are BERT's in every relative.
#[derive(Debug, Clone, Copy)]
pub struct BertLayout {
    pub prefixes: &'static [&'static str],
    pub query: &'static str,
    pub key: &'static str,
    pub value: &'static str,
    pub attn_out: &'static str,
    pub attn_ln: &'static str,
}

/// transformers' BertModel.
pub const BERT_LAYOUT: BertLayout = BertLayout {
    prefixes: &["", "bert.", "model."],
    query: "self.query",
    key: "self.key",
    value: "self.value",
    attn_out: "output.dense",
    attn_ln: "output.LayerNorm",
};

/// A relative position bias added to every layer's attention scores: the `[buckets, heads]`
/// table and the function from `key - query` to a bucket.
#[derive(Debug, Clone)]
pub struct RelativeBias {
    pub table: Tensor,
    pub bucket: fn(i64) -> usize,
}

impl RelativeBias {
    /// `[heads, t, t]`, row-major: head h, query i, key j at `(h * t + i) * t + j`.
    fn scores(&self, t: usize) -> Result<Vec<f32>> {
        let table = self.table.to_dtype(DType::F32)?.to_device(&Device::Cpu)?;
        let (_, nh) = table.dims2()?;
        let table = table.flatten_all()?.to_vec1::<f32>()?;
        let mut out = vec![0f32; nh * t * t];
        for i in 0..t {
            for j in 0..t {
                let b = (self.bucket)(j as i64 - i as i64);
                for h in 0..nh {
                    out[(h * t + i) * t + j] = table[b * nh + h];
                }
            }
        }
        Ok(out)
    }
}

#[derive(Debug, Clone)]
struct Layer {
    qkv: Linear,
    attn_out: Linear,
    attn_ln: LayerNorm,
    inter: Linear,
    out: Linear,
    out_ln: LayerNorm,
}

/// A BERT encoder. `Send + Sync`; `forward` takes `&self`, so one model serves many threads.
#[derive(Debug, Clone)]
pub struct BertModel {
    pub config: BertConfig,
    word: Tensor,
    pos: Tensor,
    types: Option<Tensor>,
    emb_ln: LayerNorm,
    layers: Vec<Layer>,
    relative: Option<RelativeBias>,
    dtype: DType,
}

/// Where a model's files are: a folder, or explicit config + weights files.
#[derive(Debug, Clone)]
pub enum ModelFiles {
    Dir(PathBuf),
    Files {
        config: PathBuf,
        weights: Vec<PathBuf>,
    },
}

impl From<&Path> for ModelFiles {
    fn from(p: &Path) -> Self {
        ModelFiles::Dir(p.to_path_buf())
    }
}
impl From<PathBuf> for ModelFiles {
    fn from(p: PathBuf) -> Self {
        ModelFiles::Dir(p)
    }
}
impl From<&str> for ModelFiles {
    fn from(p: &str) -> Self {
        ModelFiles::Dir(PathBuf::from(p))
    }
}
impl From<&PathBuf> for ModelFiles {
    fn from(p: &PathBuf) -> Self {
        ModelFiles::Dir(p.clone())
    }
}

impl ModelFiles {
    pub(crate) fn resolve(self) -> Result<(PathBuf, Vec<PathBuf>)> {
        match self {
            ModelFiles::Dir(d) => {
                if !d.is_dir() {
                    return Err(Error::os(format!(
                        "model directory {} does not exist",
                        d.display()
                    )));
                }
                Ok((d.join("config.json"), nn::safetensors_files(&d)?))
            }
            ModelFiles::Files { config, weights } => Ok((config, weights)),
        }
    }
}

impl BertModel {
    /// The encoder layers with plain candle ops (any dtype; also the reference the fused
    /// kernels were checked against).
    fn layers_candle(
        &self,
        mut x: Tensor,
        bias: Option<Tensor>,
        rel: Option<Tensor>,
        b: usize,
        t: usize,
    ) -> Result<Tensor> {
        let h = self.config.hidden_size;
        let nh = self.config.num_attention_heads;
        let hd = h / nh;
        for l in &self.layers {
            let qkv = l.qkv.forward_candle(&x)?.reshape((b, t, 3, nh, hd))?;
            let q = qkv.i((.., .., 0))?.transpose(1, 2)?.contiguous()?;
            let kt = qkv.i((.., .., 1))?.permute((0, 2, 3, 1))?.contiguous()?;
            let v = qkv.i((.., .., 2))?.transpose(1, 2)?.contiguous()?;
            let mut scores = q.matmul(&kt)?;
            if let Some(rel) = &rel {
                scores = scores.broadcast_add(rel)?;
            }
            if let Some(bias) = &bias {
                scores = scores.broadcast_add(bias)?;
            }
            let probs = candle_nn::ops::softmax_last_dim(&scores)?;
            let ctx = probs.matmul(&v)?.transpose(1, 2)?.reshape((b * t, h))?;
            let a = l.attn_out.forward_candle(&ctx)?;
            x = l.attn_ln.forward(&(a + &x)?)?;
            let inter = self.config.hidden_act.apply(&l.inter.forward_candle(&x)?)?;
            let o = l.out.forward_candle(&inter)?;
            x = l.out_ln.forward(&(o + &x)?)?;
        }
        Ok(x.reshape((b, t, h))?)
    }

    /// Load from a folder with config.json + model.safetensors (memory-mapped).
    /// Only `DType::F32` is tested. On a GPU (`device` not the CPU) the weights are loaded,
    /// then moved there, and `forward` runs `forward_portable`.
    pub fn load(files: impl Into<ModelFiles>, dtype: DType, device: &Device) -> Result<Self> {
        Self::load_with(files, dtype, device, BertConfig::from_json, &BERT_LAYOUT)
    }

    /// Load a BERT relative: `config` reads its config.json, `layout` names its weights.
    pub fn load_with(
        files: impl Into<ModelFiles>,
        dtype: DType,
        device: &Device,
        config: impl FnOnce(&serde_json::Value) -> Result<BertConfig>,
        layout: &BertLayout,
    ) -> Result<Self> {
        let (config_path, weights) = files.into().resolve()?;
        let cfg = crate::hub::read_json(&config_path)?;
        let config = config(&cfg).ctx(config_path.display())?;
        let vb = nn::mmap_var_builder(&weights, dtype)?;
        let m = Self::from_var_builder_with(config, vb, layout).ctx(weights[0].display())?;
        if device.is_cpu() {
            Ok(m)
        } else {
            m.to_device(device)
        }
    }

    /// The model with the linear layers of every block rewritten by `f` (the other weights
    /// are shared).
    pub fn map_linears(&self, f: &nn::LinearMap) -> Result<Self> {
        use nn::{LinearRole as R, LinearSite};
        let layers = self.layers.len();
        let site = |layer, role| LinearSite {
            layer,
            layers,
            role,
        };
        let mapped = self
            .layers
            .par_iter()
            .enumerate()
            .map(|(i, l)| {
                Ok(Layer {
                    qkv: f(site(i, R::AttnIn), &l.qkv)?,
                    attn_out: f(site(i, R::AttnOut), &l.attn_out)?,
                    attn_ln: l.attn_ln.clone(),
                    inter: f(site(i, R::FfnIn), &l.inter)?,
                    out: f(site(i, R::FfnOut), &l.out)?,
                    out_ln: l.out_ln.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(BertModel {
            layers: mapped,
            ..self.clone()
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
                    attn_out: l.attn_out.to_device(dev)?,
                    attn_ln: l.attn_ln.to_device(dev)?,
                    inter: l.inter.to_device(dev)?,
                    out: l.out.to_device(dev)?,
                    out_ln: l.out_ln.to_device(dev)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(BertModel {
            config: self.config.clone(),
            word: self.word.to_device(dev)?,
            pos: self.pos.to_device(dev)?,
            types: match &self.types {
                Some(t) => Some(t.to_device(dev)?),
                None => None,
            },
            emb_ln: self.emb_ln.to_device(dev)?,
            layers,
            relative: match &self.relative {
                Some(r) => Some(RelativeBias {
                    table: r.table.to_device(dev)?,
                    bucket: r.bucket,
                }),
                None => None,
            },
            dtype: self.dtype,
        })
    }

    pub fn device(&self) -> &Device {
        self.word.device()
    }

    pub fn from_var_builder(config: BertConfig, vb: VarBuilder) -> Result<Self> {
        Self::from_var_builder_with(config, vb, &BERT_LAYOUT)
    }

    pub fn from_var_builder_with(
        config: BertConfig,
        vb: VarBuilder,
        layout: &BertLayout,
    ) -> Result<Self> {
        nn::tune_allocator();
        let prefix = nn::detect_prefix(&vb, "embeddings.word_embeddings.weight", layout.prefixes)?;
        let vb = if prefix.is_empty() {
            vb
        } else {
            vb.pp(prefix.trim_end_matches('.'))
        };
        let h = config.hidden_size;
        let e = vb.pp("embeddings");
        let word = e.get((config.vocab_size, h), "word_embeddings.weight")?;
        let pos = e.get(
            (config.max_position_embeddings, h),
            "position_embeddings.weight",
        )?;
        let types = if config.type_vocab_size > 0 {
            Some(e.get((config.type_vocab_size, h), "token_type_embeddings.weight")?)
        } else {
            None
        };
        let relative = match config.relative_attention_num_buckets {
            Some(n) => Some(RelativeBias {
                table: vb.get(
                    (n, config.num_attention_heads),
                    "encoder.relative_attention_bias.weight",
                )?,
                bucket: crate::mpnet::relative_position_bucket,
            }),
            None => None,
        };
        let emb_ln = LayerNorm::load(&e.pp("LayerNorm"), h, config.layer_norm_eps)?;
        let head_dim = h / config.num_attention_heads;
        let scale = 1.0 / (head_dim as f64).sqrt();
        let load_layer = |i: usize| -> Result<Layer> {
            let l = vb.pp(format!("encoder.layer.{i}"));
            let a = l.pp("attention");
            let get_w = |vb: &VarBuilder, o: usize, i: usize| vb.get((o, i), "weight");
            let get_b = |vb: &VarBuilder, o: usize| vb.get(o, "bias");
            let mut qkv = Linear::from_torch(
                &[
                    get_w(&a.pp(layout.query), h, h)?,
                    get_w(&a.pp(layout.key), h, h)?,
                    get_w(&a.pp(layout.value), h, h)?,
                ],
                Some(&[
                    get_b(&a.pp(layout.query), h)?,
                    get_b(&a.pp(layout.key), h)?,
                    get_b(&a.pp(layout.value), h)?,
                ]),
            )?;
            qkv.scale_cols(0, h, scale)?;
            let attn_out = Linear::from_torch(
                &[get_w(&a.pp(layout.attn_out), h, h)?],
                Some(&[get_b(&a.pp(layout.attn_out), h)?]),
            )?;
            let attn_ln = LayerNorm::load(&a.pp(layout.attn_ln), h, config.layer_norm_eps)?;
            let im = config.intermediate_size;
            let inter = Linear::from_torch(
                &[get_w(&l.pp("intermediate.dense"), im, h)?],
                Some(&[get_b(&l.pp("intermediate.dense"), im)?]),
            )?;
            let o = l.pp("output");
            let out = Linear::from_torch(
                &[get_w(&o.pp("dense"), h, im)?],
                Some(&[get_b(&o.pp("dense"), h)?]),
            )?;
            let out_ln = LayerNorm::load(&o.pp("LayerNorm"), h, config.layer_norm_eps)?;
            Ok(Layer {
                qkv,
                attn_out,
                attn_ln,
                inter,
                out,
                out_ln,
            })
        };
        let layers = (0..config.num_hidden_layers)
            .into_par_iter()
            .map(load_layer)
            .collect::<Result<Vec<_>>>()?;
        Ok(BertModel {
            dtype: word.dtype(),
            config,
            word,
            pos,
            types,
            emb_ln,
            layers,
            relative,
        })
    }

    /// `model(input_ids, attention_mask, token_type_ids).last_hidden_state`:
    /// `[b, t]` integer tensors in, `[b, t, hidden]` out. `attention_mask` defaults to all
    /// ones and `token_type_ids` to zeros, as in transformers.
    /// The result is on the CPU; a model on a GPU runs `forward_portable` there and copies
    /// the result back.
    pub fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        if !self.device().is_cpu() {
            let y = self.forward_impl(input_ids, attention_mask, token_type_ids, true)?;
            return Ok(y.to_device(&Device::Cpu)?);
        }
        self.forward_impl(input_ids, attention_mask, token_type_ids, false)
    }

    /// The forward pass with candle's ops only, on the model's device (what runs on CUDA and
    /// Metal; on the CPU it is the reference the fused kernels are tested against). The
    /// result stays on the model's device.
    pub fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        self.forward_impl(input_ids, attention_mask, token_type_ids, true)
    }

    fn forward_impl(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
        portable: bool,
    ) -> Result<Tensor> {
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let h = self.config.hidden_size;
        let dev = self.device().clone();
        if b == 0 || t == 0 {
            return Ok(Tensor::zeros((b, t, h), self.dtype, &dev)?);
        }
        let x = self.embed(input_ids, token_type_ids, (b, t), None)?;
        let bias = match attention_mask {
            Some(m) => {
                if m.dims() != [b, t] {
                    return Err(Error::value(format!(
                        "attention_mask shape {:?} != input_ids shape {:?}",
                        m.dims(),
                        [b, t]
                    )));
                }
                match nn::mask_bias(m, self.dtype)? {
                    Some(bias) => Some(bias.to_device(&dev)?),
                    None => None,
                }
            }
            None => None,
        };
        let nh = self.config.num_attention_heads;
        let hd = h / nh;
        let rel = match &self.relative {
            Some(r) => Some(r.scores(t)?),
            None => None,
        };
        if self.dtype != DType::F32 || portable {
            let rel = match rel {
                Some(r) => Some(
                    Tensor::from_vec(r, (1, nh, t, t), &Device::Cpu)?
                        .to_dtype(self.dtype)?
                        .to_device(&dev)?,
                ),
                None => None,
            };
            return self.layers_candle(x, bias, rel, b, t);
        }
        // The fused f32 path runs every row of the padded batch, the padded ones included,
        // so `last_hidden_state` keeps transformers' values at padded positions too.
        let key_bias: Option<Vec<f32>> = match &bias {
            Some(bias) => Some(bias.flatten_all()?.to_vec1::<f32>()?),
            None => None,
        };
        let mask = Mask {
            key: key_bias.as_deref(),
            rel: rel.as_deref(),
            ..Default::default()
        };
        let x = self.layers_fused(x, |qkv| {
            let view = |off: usize| HeadsView {
                off,
                sb: t * 3 * h,
                sh: hd,
                st: 3 * h,
            };
            kernels::attention(
                qkv,
                view(0),
                qkv,
                view(h),
                qkv,
                view(2 * h),
                (b, nh, nh, t, hd),
                mask,
            )
        })?;
        Ok(x.reshape((b, t, h))?)
    }
}

impl BertModel {
    /// The encoder layers on `[rows, hidden]` f32 rows, fused kernels; `attend` turns one
    /// layer's `[rows, 3 * hidden]` QKV buffer (Q pre-scaled) into the `[rows, hidden]`
    /// context, which is where the padded and the packed forms differ.
    fn layers_fused(&self, mut x: Tensor, attend: impl Fn(&[f32]) -> Vec<f32>) -> Result<Tensor> {
        let rows = x.dims2()?.0;
        let h = self.config.hidden_size;
        for l in &self.layers {
            let qkv = l.qkv.forward(&x)?;
            let ctx = kernels::with_f32(&qkv, |buf, lay| {
                attend(&buf[lay.start_offset()..lay.start_offset() + rows * 3 * h])
            })?;
            let ctx = Tensor::from_vec(ctx, (rows, h), &Device::Cpu)?;
            x = l.attn_ln.forward_add(&l.attn_out.forward(&ctx)?, &x)?;
            let inter = l.inter.forward_act(&x, self.config.hidden_act)?;
            x = l.out_ln.forward_add(&l.out.forward(&inter)?, &x)?;
        }
        Ok(x)
    }

    /// `last_hidden_state` at the real tokens only, computed on them only: the attention
    /// mask's real tokens of every row are packed into one `[total, hidden]` matrix (as
    /// text-embeddings-inference does), the linear layers, LayerNorms and feed-forward run
    /// on those rows, and attention runs per sequence on its own tokens. A mixed batch then
    /// costs what its real tokens cost. The result is `[b, t, hidden]` with zeros at padded
    /// positions; at real positions it equals `forward` (which computes the padded rows as
    /// well) up to summation order, because a real token never sees a padded one there either
    /// (the mask gives padded keys a weight of exactly 0).
    ///
    /// Falls back to `forward` where packing does not apply: no mask or nothing padded, a
    /// non-f32 model, a GPU, a row whose real tokens are not one contiguous run, or a row
    /// with none.
    pub fn forward_real_tokens(
        &self,
        input_ids: &Tensor,
        attention_mask: &Tensor,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        let (b, t) = input_ids.dims2().ctx("input_ids must be [batch, seq]")?;
        let packing = if self.dtype == DType::F32 && self.device().is_cpu() && b * t > 0 {
            Packing::from_mask(attention_mask, (b, t))?
        } else {
            None
        };
        let Some(packing) = packing else {
            return self.forward(input_ids, Some(attention_mask), token_type_ids);
        };
        let h = self.config.hidden_size;
        let nh = self.config.num_attention_heads;
        let hd = h / nh;
        let x = self.embed(input_ids, token_type_ids, (b, t), Some(&packing.cells))?;
        let rel = match &self.relative {
            // The bias depends only on key - query, so a run of t real tokens anywhere in
            // its row sees the `[nh, t, t]` table of a sequence of length t.
            Some(r) => {
                let mut by_len = std::collections::HashMap::new();
                for &(_, len) in &packing.seqs {
                    if let std::collections::hash_map::Entry::Vacant(e) = by_len.entry(len) {
                        e.insert(r.scores(len)?);
                    }
                }
                Some(by_len)
            }
            None => None,
        };
        let x = self.layers_fused(x, |qkv| {
            kernels::attention_ragged(
                qkv,
                3 * h,
                (0, h, 2 * h),
                &packing.seqs,
                (nh, hd),
                rel.as_ref(),
            )
        })?;
        let packed = x.flatten_all()?.to_vec1::<f32>()?;
        let mut out = vec![0f32; b * t * h];
        for (r, &cell) in packing.cells.iter().enumerate() {
            out[cell * h..(cell + 1) * h].copy_from_slice(&packed[r * h..(r + 1) * h]);
        }
        Ok(Tensor::from_vec(out, (b, t, h), &Device::Cpu)?)
    }

    /// The embeddings (word + position + token type, then LayerNorm) as `[n, hidden]`: of
    /// every `[b, t]` cell, or of the flat cells `cells` lists. Checks the ids first.
    fn embed(
        &self,
        input_ids: &Tensor,
        token_type_ids: Option<&Tensor>,
        (b, t): (usize, usize),
        cells: Option<&[usize]>,
    ) -> Result<Tensor> {
        let h = self.config.hidden_size;
        let dev = self.device().clone();
        if t > self.config.max_input_length() {
            return Err(Error::value(format!(
                "sequence length {t} is longer than the model's maximum of {} positions",
                self.config.max_input_length()
            )));
        }
        let ids = input_ids.to_dtype(DType::U32)?.flatten_all()?;
        let max_id = ids.max(0)?.to_scalar::<u32>()? as usize;
        if max_id >= self.config.vocab_size {
            return Err(Error::value(format!(
                "token id {max_id} is out of range (vocab_size {})",
                self.config.vocab_size
            )));
        }
        // Position ids of every cell: the column, or RoBERTa's count of non-pad tokens.
        let positions: Vec<u32> = match self.config.position_padding_idx {
            Some(p) => padded_positions(&ids.to_vec1::<u32>()?, t, p as u32),
            None => (0..b * t).map(|c| (c % t) as u32).collect(),
        };
        let tt = match (&self.types, token_type_ids) {
            (Some(_), Some(tt)) => {
                let tt = tt.to_dtype(DType::U32)?.flatten_all()?;
                let maxt = tt.max(0)?.to_scalar::<u32>()? as usize;
                if maxt >= self.config.type_vocab_size {
                    return Err(Error::value(format!(
                        "token_type_id {maxt} is out of range"
                    )));
                }
                Some(tt)
            }
            _ => None,
        };
        let pick = |v: Tensor| -> Result<Tensor> {
            Ok(match cells {
                None => v,
                Some(c) => {
                    let idx = Tensor::from_vec(
                        c.iter().map(|&i| i as u32).collect::<Vec<_>>(),
                        c.len(),
                        &Device::Cpu,
                    )?;
                    v.index_select(&idx, 0)?
                }
            })
        };
        let ids = pick(ids)?.to_device(&dev)?;
        let n = ids.dims1()?;
        let pos = pick(Tensor::from_vec(positions, b * t, &Device::Cpu)?)?.to_device(&dev)?;
        let mut x = (self.word.index_select(&ids, 0)? + self.pos.index_select(&pos, 0)?)?;
        x = match (&self.types, tt) {
            // Token types only where the model has them (not MPNet).
            (None, _) => x,
            (Some(types), Some(tt)) => {
                let tt = pick(tt)?.to_device(&dev)?;
                (x + types.index_select(&tt, 0)?)?
            }
            (Some(types), None) => x.broadcast_add(&types.i(0)?)?,
        };
        let x = self.emb_ln.forward(&x)?;
        debug_assert_eq!(x.dims2()?, (n, h));
        Ok(x)
    }
}

/// Where the real tokens of a padded `[b, t]` batch are: `cells`, the flat index
/// (`row * t + column`) of every real token in row-major order, and `seqs`, each row's first
/// packed row and length. Only for masks whose every row is one contiguous run of real
/// tokens (right or left padding), the only padding tokenizers produce.
struct Packing {
    cells: Vec<usize>,
    seqs: Vec<(usize, usize)>,
}

impl Packing {
    /// `None` when nothing is padded (packing would gain nothing) or a row's real tokens are
    /// not one non-empty contiguous run.
    fn from_mask(mask: &Tensor, (b, t): (usize, usize)) -> Result<Option<Packing>> {
        if mask.dims() != [b, t] {
            return Err(Error::value(format!(
                "attention_mask shape {:?} != input_ids shape {:?}",
                mask.dims(),
                [b, t]
            )));
        }
        let m = mask.to_dtype(DType::F32)?.flatten_all()?.to_vec1::<f32>()?;
        if m.iter().all(|&v| v != 0.0) {
            return Ok(None);
        }
        let mut cells = Vec::new();
        let mut seqs = Vec::with_capacity(b);
        for (r, row) in m.chunks(t).enumerate() {
            let Some(first) = row.iter().position(|&v| v != 0.0) else {
                return Ok(None);
            };
            let len = row[first..].iter().take_while(|&&v| v != 0.0).count();
            if row[first + len..].iter().any(|&v| v != 0.0) {
                return Ok(None);
            }
            seqs.push((cells.len(), len));
            cells.extend(r * t + first..r * t + first + len);
        }
        Ok(Some(Packing { cells, seqs }))
    }
}

/// RoBERTa's position ids for `[b, t]` ids (flat): a running count of non-pad tokens from
/// `pad + 1`, and `pad` itself at pad tokens.
fn padded_positions(ids: &[u32], t: usize, pad: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(ids.len());
    for row in ids.chunks(t) {
        let mut n = 0u32;
        for &id in row {
            if id == pad {
                out.push(pad);
            } else {
                n += 1;
                out.push(pad + n);
            }
        }
    }
    out
}

impl crate::encoder::Encoder for BertModel {
    fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        BertModel::forward(self, input_ids, attention_mask, token_type_ids)
    }
    fn forward_real_tokens(
        &self,
        input_ids: &Tensor,
        attention_mask: &Tensor,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        BertModel::forward_real_tokens(self, input_ids, attention_mask, token_type_ids)
    }
    fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        BertModel::forward_portable(self, input_ids, attention_mask, token_type_ids)
    }
    fn device(&self) -> &Device {
        BertModel::device(self)
    }
    fn hidden_size(&self) -> usize {
        self.config.hidden_size
    }
    fn max_position_embeddings(&self) -> usize {
        self.config.max_input_length()
    }
    fn uses_token_type_ids(&self) -> bool {
        self.config.type_vocab_size > 1
    }
    fn position_limit(&self) -> Option<usize> {
        Some(self.config.max_input_length())
    }
    fn map_linears(
        &self,
        f: &nn::LinearMap,
    ) -> Result<Option<std::sync::Arc<dyn crate::encoder::Encoder>>> {
        Ok(Some(std::sync::Arc::new(BertModel::map_linears(self, f)?)))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
