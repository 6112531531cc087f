//! Gemma 3 from a GGUF file: candle-transformers 0.11.1's `models::quantized_gemma3`
//! (MIT OR Apache-2.0), copied with three fixes, since its own forward parts from
//! transformers and llama.cpp. Input: the GGUF content and reader; output: a model that
//! maps token ids at a position to the last token's logits, with its own KV cache.
//!
//! The fixes, each checked against transformers on `tests/fixtures/chat/gemma3_tiny.f32.gguf`:
//! * the MLP gate is GELU (tanh approximation), as Gemma's `gelu_pytorch_tanh` and llama.cpp's
//!   gemma3 graph; upstream gates with SiLU, which moves the logits from the first step on;
//! * a sliding-window layer sees the last `w` positions, itself included (transformers'
//!   and llama.cpp's `p - q < w`), in the prompt and in every single-token step; upstream
//!   lets `w + 1` in during a prompt, none of the window applies to single-token steps, and a
//!   prompt given after earlier positions masked those positions out entirely;
//! * the RoPE tables cover the file's context length, not 131072 positions per layer (about
//!   134 MB a layer at head_dim 256).

use crate::qmatmul::QMatMul;
use candle_core::quantized::{gguf_file, QTensor};
use candle_core::{DType, Device, IndexOp, Module, Result, Tensor};
use candle_nn::Embedding;
use candle_transformers::quantized_nn::RmsNorm;
use candle_transformers::utils::repeat_kv;

/// The longest context the RoPE tables are built for when the file states none.
pub const MAX_SEQ_LEN: usize = 131072;
const DEFAULT_SLIDING_WINDOW_TYPE: usize = 6;
const DEFAULT_ROPE_FREQUENCY: f32 = 1_000_000.;
const DEFAULT_ROPE_FREQUENCY_SLIDING: f32 = 10_000.;

#[derive(Debug, Clone)]
struct Mlp {
    gate: QMatMul,
    up: QMatMul,
    down: QMatMul,
}

impl Module for Mlp {
    fn forward(&self, xs: &Tensor) -> Result<Tensor> {
        // candle's `gelu` is the tanh approximation (`gelu_erf` is the exact one).
        let gate = self.gate.forward(xs)?.gelu()?;
        let up = self.up.forward(xs)?;
        self.down.forward(&(gate * up)?)
    }
}

#[derive(Debug, Clone)]
struct RotaryEmbedding {
    sin: Tensor,
    cos: Tensor,
}

impl RotaryEmbedding {
    fn new(head_dim: usize, base: f32, max_len: usize, device: &Device) -> Result<Self> {
        let theta: Vec<_> = (0..head_dim)
            .step_by(2)
            .map(|i| 1f32 / base.powf(i as f32 / head_dim as f32))
            .collect();
        let theta = Tensor::new(theta.as_slice(), device)?;
        let idx_theta = Tensor::arange(0, max_len as u32, device)?
            .to_dtype(DType::F32)?
            .reshape((max_len, 1))?
            .matmul(&theta.reshape((1, theta.elem_count()))?)?;
        Ok(Self {
            cos: idx_theta.cos()?,
            sin: idx_theta.sin()?,
        })
    }

    fn apply(&self, q: &Tensor, k: &Tensor, index_pos: usize) -> Result<(Tensor, Tensor)> {
        let (_b, _h, seq_len, _d) = q.dims4()?;
        let cos = self.cos.narrow(0, index_pos, seq_len)?;
        let sin = self.sin.narrow(0, index_pos, seq_len)?;
        Ok((
            candle_nn::rotary_emb::rope(&q.contiguous()?, &cos, &sin)?,
            candle_nn::rotary_emb::rope(&k.contiguous()?, &cos, &sin)?,
        ))
    }
}

#[derive(Debug, Clone)]
struct LayerWeights {
    wq: QMatMul,
    wk: QMatMul,
    wv: QMatMul,
    wo: QMatMul,
    q_norm: RmsNorm,
    k_norm: RmsNorm,
    attn_norm: RmsNorm,
    post_attn_norm: RmsNorm,
    ffn_norm: RmsNorm,
    post_ffn_norm: RmsNorm,
    mlp: Mlp,
    n_head: usize,
    n_kv_head: usize,
    head_dim: usize,
    sliding_window: Option<usize>,
    rope: RotaryEmbedding,
    kv_cache: Option<(Tensor, Tensor)>,
}

impl LayerWeights {
    /// The additive mask for `seq_len` queries at positions `index_pos..` over keys at
    /// positions `0..index_pos + seq_len`: a query at `p` sees a key at `q` when `q <= p` and,
    /// in a sliding layer of window `w`, `p - q < w`. None when nothing is masked.
    fn mask(&self, seq_len: usize, index_pos: usize, device: &Device) -> Result<Option<Tensor>> {
        let kv_len = index_pos + seq_len;
        let window = self.sliding_window.unwrap_or(usize::MAX);
        if seq_len == 1 && kv_len <= window {
            return Ok(None);
        }
        let mask: Vec<f32> = (0..seq_len)
            .flat_map(|i| {
                let p = index_pos + i;
                (0..kv_len).map(move |q| {
                    if q <= p && p - q < window {
                        0.0
                    } else {
                        f32::NEG_INFINITY
                    }
                })
            })
            .collect();
        Ok(Some(Tensor::from_slice(&mask, (seq_len, kv_len), device)?))
    }

    fn forward_attn(&mut self, x: &Tensor, index_pos: usize) -> Result<Tensor> {
        let (b_sz, seq_len, _) = x.dims3()?;
        let shape = |t: Tensor, heads: usize| {
            t.reshape((b_sz, seq_len, heads, self.head_dim))?
                .transpose(1, 2)
        };
        let q = shape(self.wq.forward(x)?, self.n_head)?;
        let k = shape(self.wk.forward(x)?, self.n_kv_head)?;
        let v = shape(self.wv.forward(x)?, self.n_kv_head)?;
        let q = self.q_norm.forward(&q.contiguous()?)?;
        let k = self.k_norm.forward(&k.contiguous()?)?;
        let (q, k) = self.rope.apply(&q, &k, index_pos)?;

        let (k, v) = match &self.kv_cache {
            Some((kc, vc)) if index_pos > 0 => {
                (Tensor::cat(&[kc, &k], 2)?, Tensor::cat(&[vc, &v], 2)?)
            }
            _ => (k, v),
        };
        self.kv_cache = Some((k.clone(), v.clone()));

        let k = repeat_kv(k, self.n_head / self.n_kv_head)?;
        let v = repeat_kv(v, self.n_head / self.n_kv_head)?;
        let scale = 1.0 / (self.head_dim as f64).sqrt();
        let mut w = (q.matmul(&k.t()?)? * scale)?;
        if let Some(mask) = self.mask(seq_len, index_pos, x.device())? {
            w = w.broadcast_add(&mask)?;
        }
        let w = candle_nn::ops::softmax_last_dim(&w)?;
        w.matmul(&v)?
            .transpose(1, 2)?
            .reshape((b_sz, seq_len, self.n_head * self.head_dim))
            .and_then(|o| self.wo.forward(&o))
    }
}

/// A Gemma 3 GGUF model with its KV cache (cloned never-run per generation).
#[derive(Debug, Clone)]
pub struct ModelWeights {
    tok_embeddings: Embedding,
    embedding_length: usize,
    layers: Vec<LayerWeights>,
    norm: RmsNorm,
    output: QMatMul,
}

impl ModelWeights {
    pub fn from_gguf<R: std::io::Seek + std::io::Read>(
        ct: gguf_file::Content,
        reader: &mut R,
        device: &Device,
    ) -> Result<Self> {
        let prefix = ["gemma3", "gemma2", "gemma", "gemma-embedding"]
            .iter()
            .find(|p| {
                ct.metadata
                    .contains_key(&format!("{p}.attention.head_count"))
            })
            .copied()
            .unwrap_or("gemma3");
        let md_get = |s: &str| {
            let key = format!("{prefix}.{s}");
            match ct.metadata.get(&key) {
                None => candle_core::bail!("cannot find {key} in metadata"),
                Some(v) => Ok(v),
            }
        };
        let head_count = md_get("attention.head_count")?.to_u32()? as usize;
        let head_count_kv = md_get("attention.head_count_kv")?.to_u32()? as usize;
        let block_count = md_get("block_count")?.to_u32()? as usize;
        let embedding_length = md_get("embedding_length")?.to_u32()? as usize;
        let key_length = md_get("attention.key_length")?.to_u32()? as usize;
        let rms_norm_eps = md_get("attention.layer_norm_rms_epsilon")?.to_f32()? as f64;
        let sliding_window = md_get("attention.sliding_window")?.to_u32()? as usize;
        let sliding_window_type = md_get("attention.sliding_window_type")
            .and_then(|m| Ok(m.to_u32()? as usize))
            .unwrap_or(DEFAULT_SLIDING_WINDOW_TYPE);
        let rope_freq_base = md_get("rope.freq_base")
            .and_then(|m| m.to_f32())
            .unwrap_or(DEFAULT_ROPE_FREQUENCY);
        let rope_freq_base_sliding = md_get("rope.local_freq_base")
            .and_then(|m| m.to_f32())
            .unwrap_or(DEFAULT_ROPE_FREQUENCY_SLIDING);
        let max_len = md_get("context_length")
            .and_then(|m| Ok(m.to_u32()? as usize))
            .unwrap_or(MAX_SEQ_LEN)
            .min(MAX_SEQ_LEN);
        // One table per RoPE base, shared by the layers that use it.
        let rope_global = RotaryEmbedding::new(key_length, rope_freq_base, max_len, device)?;
        let rope_local = RotaryEmbedding::new(key_length, rope_freq_base_sliding, max_len, device)?;

        let tok_embeddings = ct
            .tensor(reader, "token_embd.weight", device)?
            .dequantize(device)?;
        let norm = RmsNorm::from_qtensor(
            ct.tensor(reader, "output_norm.weight", device)?,
            rms_norm_eps,
        )?;
        let output = match ct.tensor(reader, "output.weight", device) {
            Ok(t) => t,
            Err(_) => ct.tensor(reader, "token_embd.weight", device)?,
        };
        let mut layers = Vec::with_capacity(block_count);
        for i in 0..block_count {
            let mut t = |name: &str| -> Result<QTensor> {
                ct.tensor(reader, &format!("blk.{i}.{name}.weight"), device)
            };
            let mm = |q: QTensor| QMatMul::from_qtensor(q);
            let rn = |q: QTensor| RmsNorm::from_qtensor(q, rms_norm_eps);
            // Every `sliding_window_type`-th layer is global; the others slide.
            let sliding = (i + 1) % sliding_window_type > 0;
            layers.push(LayerWeights {
                wq: mm(t("attn_q")?)?,
                wk: mm(t("attn_k")?)?,
                wv: mm(t("attn_v")?)?,
                wo: mm(t("attn_output")?)?,
                q_norm: rn(t("attn_q_norm")?)?,
                k_norm: rn(t("attn_k_norm")?)?,
                attn_norm: rn(t("attn_norm")?)?,
                post_attn_norm: rn(t("post_attention_norm")?)?,
                ffn_norm: rn(t("ffn_norm")?)?,
                post_ffn_norm: rn(t("post_ffw_norm")?)?,
                mlp: Mlp {
                    gate: mm(t("ffn_gate")?)?,
                    up: mm(t("ffn_up")?)?,
                    down: mm(t("ffn_down")?)?,
                },
                n_head: head_count,
                n_kv_head: head_count_kv,
                head_dim: key_length,
                sliding_window: sliding.then_some(sliding_window),
                rope: if sliding {
                    rope_local.clone()
                } else {
                    rope_global.clone()
                },
                kv_cache: None,
            });
        }
        Ok(Self {
            tok_embeddings: Embedding::new(tok_embeddings, embedding_length),
            embedding_length,
            layers,
            norm,
            output: QMatMul::from_qtensor(output)?,
        })
    }

    /// The logits of the last of `x`'s tokens, `x` starting at position `index_pos`.
    pub fn forward(&mut self, x: &Tensor, index_pos: usize) -> Result<Tensor> {
        let (_b_sz, seq_len) = x.dims2()?;
        let mut h = (self.tok_embeddings.forward(x)? * (self.embedding_length as f64).sqrt())?;
        for layer in self.layers.iter_mut() {
            let a = layer.attn_norm.forward(&h)?;
            let a = layer.forward_attn(&a, index_pos)?;
            let h2 = (layer.post_attn_norm.forward(&a)? + &h)?;
            let m = layer.mlp.forward(&layer.ffn_norm.forward(&h2)?)?;
            h = (layer.post_ffn_norm.forward(&m)? + h2)?;
        }
        let last = h.i((.., seq_len - 1, ..))?;
        self.output.forward(&self.norm.forward(&last)?)
    }
}
