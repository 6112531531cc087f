//! Llama-family models (Llama, Mistral, SmolLM2) from a GGUF file, computing what llama.cpp
//! computes. Started from candle-transformers 0.11.1's `models::quantized_llama` (MIT OR
//! Apache-2.0): its weight loading and MoE block are kept; the forward pass runs on f32 rows
//! with ggml's arithmetic: the linear layers are `crate::qmatmul::QMatMul` (ggml's Q4_1·Q8_1
//! and Q8_0·Q8_0 dot products), RMSNorm, RoPE, softmax, SwiGLU and the attention over an f16
//! KV cache are `crate::ggml_ops`, in llama.cpp's order (residual adds, the output norm and
//! projection of the last row only). On SmolLM2-135M Q4_1 the logits equal llama.cpp's bit
//! for bit (llama-cpp-python 0.3.36, default settings), so greedy runs agree however close a
//! tie is.
//! Input: the GGUF content and reader; output: a model that maps token ids at a position to the
//! last token's logits, with its own KV cache.

use crate::ggml_ops;
use crate::qmatmul::{QMatMul, SharedInput};
use candle_core::quantized::{ggml_file, gguf_file};
use candle_core::Module;
use candle_core::{DType, Device, Result, Tensor, D};
use candle_nn::Embedding;

pub const MAX_SEQ_LEN: usize = 4096;

#[derive(Debug, Clone)]
struct Mlp {
    /// The gate (w1) and up (w3) projections, which read the same input: one fused product
    /// where the formats allow (`SharedInput`).
    gate_up: SharedInput,
    feed_forward_w2: QMatMul,
}

impl Mlp {
    fn new(w1: QMatMul, w2: QMatMul, w3: QMatMul) -> Result<Self> {
        Ok(Self {
            gate_up: SharedInput::new(vec![w1, w3])?,
            feed_forward_w2: w2,
        })
    }

    /// The feed-forward block on `m` rows: `w2(silu(w1 x) * w3 x)` with ggml's SwiGLU.
    fn forward_rows(&self, xs: &[f32], m: usize) -> Result<Vec<f32>> {
        let [g, u]: [Vec<f32>; 2] = self.gate_up.forward_rows(xs, m)?.try_into().unwrap();
        let mut h = vec![0f32; g.len()];
        ggml_ops::swiglu(&g, &u, &mut h);
        self.feed_forward_w2.forward_rows(&h, m)
    }
}

impl Module for Mlp {
    fn forward(&self, xs: &Tensor) -> Result<Tensor> {
        let [w1, w3]: [Tensor; 2] = self.gate_up.forward(xs)?.try_into().unwrap();
        self.feed_forward_w2
            .forward(&(candle_nn::ops::silu(&w1)? * w3)?)
    }
}

#[derive(Debug, Clone)]
enum MlpOrMoe {
    Mlp(Mlp),
    MoE {
        n_expert_used: usize,
        feed_forward_gate_inp: QMatMul,
        experts: Vec<Mlp>,
    },
}

impl Module for MlpOrMoe {
    fn forward(&self, xs: &Tensor) -> Result<Tensor> {
        match self {
            Self::MoE {
                feed_forward_gate_inp,
                experts,
                n_expert_used,
            } => {
                let (b_size, seq_len, hidden_dim) = xs.dims3()?;
                let xs = xs.reshape(((), hidden_dim))?;
                let router_logits = feed_forward_gate_inp.forward(&xs)?;
                let routing_weights = candle_nn::ops::softmax_last_dim(&router_logits)?;

                // In order to extract topk, we extract the data from the tensor and manipulate it
                // directly. Maybe we will want to use some custom ops instead at some point.
                let routing_weights = routing_weights.to_dtype(DType::F32)?.to_vec2::<f32>()?;

                // routing_weights, selected_experts = torch.topk(routing_weights, self.top_k, dim=-1)
                // top_x contains the row indexes to evaluate for each expert.
                let mut top_x = vec![vec![]; experts.len()];
                let mut selected_rws = vec![vec![]; experts.len()];
                for (row_idx, rw) in routing_weights.iter().enumerate() {
                    let mut dst = (0..rw.len() as u32).collect::<Vec<u32>>();
                    dst.sort_by(|&i, &j| rw[j as usize].total_cmp(&rw[i as usize]));
                    let mut sum_routing_weights = 0f32;
                    for &expert_idx in dst.iter().take(*n_expert_used) {
                        let expert_idx = expert_idx as usize;
                        let routing_weight = rw[expert_idx];
                        sum_routing_weights += routing_weight;
                        top_x[expert_idx].push(row_idx as u32);
                    }
                    for &expert_idx in dst.iter().take(*n_expert_used) {
                        let expert_idx = expert_idx as usize;
                        let routing_weight = rw[expert_idx];
                        selected_rws[expert_idx].push(routing_weight / sum_routing_weights)
                    }
                }

                // routing_weights /= routing_weights.sum(dim=-1, keepdim=True)
                // expert_mask = torch.nn.functional.one_hot(selected_experts, num_classes=self.num_experts).permute(2, 1, 0)

                let mut ys = xs.zeros_like()?;
                for (expert_idx, expert_layer) in experts.iter().enumerate() {
                    let top_x = &top_x[expert_idx];
                    if top_x.is_empty() {
                        continue;
                    }
                    let top_x = Tensor::new(top_x.as_slice(), xs.device())?;
                    let selected_rws =
                        Tensor::new(selected_rws[expert_idx].as_slice(), xs.device())?
                            .reshape(((), 1))?;
                    // Index the correct hidden states and compute the expert hidden state for
                    // the current expert. We need to make sure to multiply the output hidden
                    // states by `routing_weights` on the corresponding tokens (top-1 and top-2)
                    let current_state = xs.index_select(&top_x, 0)?.reshape(((), hidden_dim))?;
                    // current_hidden_states = expert_layer(current_state, routing_weights[top_x_list, idx_list, None])
                    let current_hidden_states = expert_layer.forward(&current_state)?;
                    let current_hidden_states =
                        current_hidden_states.broadcast_mul(&selected_rws)?;
                    ys = ys.index_add(&top_x, &current_hidden_states, 0)?;
                }

                let ys = ys.reshape((b_size, seq_len, hidden_dim))?;
                Ok(ys)
            }
            Self::Mlp(mlp) => mlp.forward(xs),
        }
    }
}

impl MlpOrMoe {
    /// The feed-forward block on `m` rows of `hidden` values.
    fn forward_rows(&self, xs: &[f32], m: usize, hidden: usize) -> Result<Vec<f32>> {
        match self {
            Self::Mlp(mlp) => mlp.forward_rows(xs, m),
            Self::MoE { .. } => {
                let t = Tensor::from_slice(xs, (1, m, hidden), &Device::Cpu)?;
                self.forward(&t)?.flatten_all()?.to_vec1()
            }
        }
    }
}

/// An RMSNorm weight with its epsilon, applied with ggml's arithmetic.
#[derive(Debug, Clone)]
struct Norm {
    w: Vec<f32>,
    eps: f32,
}

impl Norm {
    fn from_qtensor(qt: candle_core::quantized::QTensor, eps: f64) -> Result<Self> {
        let w = qt.dequantize(&Device::Cpu)?.flatten_all()?.to_vec1()?;
        Ok(Self { w, eps: eps as f32 })
    }

    /// Normalise `m` rows of `x` into `y`.
    fn forward_rows(&self, x: &[f32], y: &mut [f32]) {
        let d = self.w.len();
        for (x, y) in x.chunks_exact(d).zip(y.chunks_exact_mut(d)) {
            ggml_ops::rms_norm_mul(x, &self.w, self.eps, y);
        }
    }
}

#[derive(Debug, Clone)]
struct LayerWeights {
    /// wq, wk and wv, which read the same input: one fused product where the formats allow.
    qkv: SharedInput,
    attention_wo: QMatMul,
    attention_norm: Norm,
    mlp_or_moe: MlpOrMoe,
    ffn_norm: Norm,
    n_head: usize,
    n_kv_head: usize,
    head_dim: usize,
    /// RoPE convention: true = NEOX (non-interleaved, pairs i with i+d/2),
    /// false = NORM (interleaved, pairs 2i with 2i+1).
    /// Must match the model architecture — using the wrong convention corrupts
    /// attention patterns and causes severe output degradation.
    rope_is_neox: bool,
    /// The KV cache, one row of `n_kv_head * head_dim` per position, holding f16 values (as
    /// f32): llama.cpp's default cache type, whose rounding is part of what it computes.
    k_cache: Vec<f32>,
    v_cache: Vec<f32>,
}

impl LayerWeights {
    /// Rotate every head of `m` rows of `x` (`n_heads` heads each) at positions
    /// `index_pos..index_pos + m`, with one RoPE table per position in `rope`.
    fn rope_rows(&self, x: &mut [f32], n_heads: usize, rope: &[Vec<f32>]) {
        let d = self.head_dim;
        for (row, cache) in x.chunks_exact_mut(n_heads * d).zip(rope) {
            for head in row.chunks_exact_mut(d) {
                if self.rope_is_neox {
                    ggml_ops::rope_neox(head, cache);
                } else {
                    ggml_ops::rope_norm(head, cache);
                }
            }
        }
    }

    /// Self-attention of `m` rows of normalised activations at `index_pos..`, appending their
    /// keys and values to the cache; returns the output projection's `[m, n_embd]`.
    fn forward_attn(
        &mut self,
        x: &[f32],
        m: usize,
        index_pos: usize,
        rope: &[Vec<f32>],
    ) -> Result<Vec<f32>> {
        let d = self.head_dim;
        let kv_dim = self.n_kv_head * d;
        let [mut q, mut k, mut v]: [Vec<f32>; 3] = self.qkv.forward_rows(x, m)?.try_into().unwrap();
        self.rope_rows(&mut q, self.n_head, rope);
        self.rope_rows(&mut k, self.n_kv_head, rope);
        if index_pos == 0 {
            self.k_cache.clear();
            self.v_cache.clear();
        }
        if self.k_cache.len() != index_pos * kv_dim {
            candle_core::bail!(
                "llama: position {index_pos} does not follow the {} cached positions",
                self.k_cache.len() / kv_dim
            );
        }
        ggml_ops::round_f16_row(&mut k);
        ggml_ops::round_f16_row(&mut v);
        ggml_ops::round_f16_row(&mut q);
        self.k_cache.extend_from_slice(&k);
        self.v_cache.extend_from_slice(&v);
        let scale = 1.0f32 / (d as f32).sqrt();
        let group = self.n_head / self.n_kv_head;
        let nh = self.n_head;
        let mut y = vec![0f32; m * nh * d];
        // ggml sums the products of a prompt (two or more rows) with tinyBLAS and those of a
        // single token with its own dot product, in different orders.
        let how = if m >= 2 {
            ggml_ops::F16Dot::Batch
        } else {
            ggml_ops::F16Dot::Single
        };
        let out = SendPtr(y.as_mut_ptr());
        let (k_cache, v_cache) = (&self.k_cache, &self.v_cache);
        // One task per query head on the matmuls' pool: the heads are independent, and the
        // pool's other thread would otherwise wait for this step.
        crate::pool::Pool::global().run(nh, &|h| {
            let out = out;
            let (mut scores, mut acc) = (Vec::new(), Vec::new());
            for i in 0..m {
                // Causal: the row at position index_pos + i sees the cache up to itself.
                let n_kv = index_pos + i + 1;
                let qh = &q[(i * nh + h) * d..(i * nh + h + 1) * d];
                // SAFETY: the rows of head h are written by task h only, inside `y`.
                let yo = unsafe { std::slice::from_raw_parts_mut(out.0.add((i * nh + h) * d), d) };
                ggml_ops::attend_head(
                    how,
                    qh,
                    k_cache,
                    v_cache,
                    n_kv,
                    kv_dim,
                    (h / group) * d,
                    scale,
                    &mut scores,
                    &mut acc,
                    yo,
                );
            }
        });
        self.attention_wo.forward_rows(&y, m)
    }
}

/// The attention output's base pointer, shared by the per-head tasks (each writes its own rows).
#[derive(Clone, Copy)]
struct SendPtr(*mut f32);
// SAFETY: the tasks write disjoint rows, and `Pool::run` returns only after all have finished.
unsafe impl Send for SendPtr {}
unsafe impl Sync for SendPtr {}

#[derive(Debug, Clone)]
pub struct ModelWeights {
    tok_embeddings: Embedding,
    layers: Vec<LayerWeights>,
    norm: Norm,
    output: QMatMul,
    /// RoPE's rotated dimensions per head and its base frequency.
    rope_dim: usize,
    rope_freq_base: f32,
}

impl ModelWeights {
    pub fn from_ggml(mut ct: ggml_file::Content, gqa: usize) -> Result<Self> {
        let head_dim = (ct.hparams.n_embd / ct.hparams.n_head) as usize;
        let tok_embeddings = ct.remove("tok_embeddings.weight")?;
        let tok_embeddings = tok_embeddings.dequantize(&ct.device)?;
        let norm = Norm::from_qtensor(ct.remove("norm.weight")?, 1e-5)?;
        let output = ct.remove("output.weight")?;
        let mut layers = Vec::with_capacity(ct.hparams.n_layer as usize);
        for layer_idx in 0..ct.hparams.n_layer {
            let prefix = format!("layers.{layer_idx}");
            let attention_wq = ct.remove(&format!("{prefix}.attention.wq.weight"))?;
            let attention_wk = ct.remove(&format!("{prefix}.attention.wk.weight"))?;
            let attention_wv = ct.remove(&format!("{prefix}.attention.wv.weight"))?;
            let attention_wo = ct.remove(&format!("{prefix}.attention.wo.weight"))?;
            let mlp_or_moe = {
                let feed_forward_w1 = ct.remove(&format!("{prefix}.feed_forward.w1.weight"))?;
                let feed_forward_w2 = ct.remove(&format!("{prefix}.feed_forward.w2.weight"))?;
                let feed_forward_w3 = ct.remove(&format!("{prefix}.feed_forward.w3.weight"))?;
                MlpOrMoe::Mlp(Mlp::new(
                    QMatMul::from_qtensor(feed_forward_w1)?,
                    QMatMul::from_qtensor(feed_forward_w2)?,
                    QMatMul::from_qtensor(feed_forward_w3)?,
                )?)
            };
            let attention_norm = ct.remove(&format!("{prefix}.attention_norm.weight"))?;
            let ffn_norm = ct.remove(&format!("{prefix}.ffn_norm.weight"))?;
            layers.push(LayerWeights {
                qkv: SharedInput::new(vec![
                    QMatMul::from_qtensor(attention_wq)?,
                    QMatMul::from_qtensor(attention_wk)?,
                    QMatMul::from_qtensor(attention_wv)?,
                ])?,
                attention_wo: QMatMul::from_qtensor(attention_wo)?,
                attention_norm: Norm::from_qtensor(attention_norm, 1e-5)?,
                mlp_or_moe,
                ffn_norm: Norm::from_qtensor(ffn_norm, 1e-5)?,
                n_head: ct.hparams.n_head as usize,
                n_kv_head: ct.hparams.n_head as usize / gqa,
                head_dim: (ct.hparams.n_embd / ct.hparams.n_head) as usize,
                rope_is_neox: false, // GGML format = standard Llama = interleaved
                k_cache: Vec::new(),
                v_cache: Vec::new(),
            })
        }
        Ok(Self {
            tok_embeddings: Embedding::new(tok_embeddings, ct.hparams.n_embd as usize),
            layers,
            norm,
            output: QMatMul::from_qtensor(output)?,
            rope_dim: head_dim,
            rope_freq_base: 10000.,
        })
    }

    pub fn from_gguf<R: std::io::Seek + std::io::Read>(
        ct: gguf_file::Content,
        reader: &mut R,
        device: &Device,
    ) -> Result<Self> {
        let md_get = |s: &str| match ct.metadata.get(s) {
            None => candle_core::bail!("cannot find {s} in metadata"),
            Some(v) => Ok(v),
        };

        // Parameter extraction from metadata.
        let n_expert = md_get("llama.expert_count")
            .and_then(|v| v.to_u32())
            .unwrap_or(0) as usize;
        let n_expert_used = md_get("llama.expert_used_count")
            .and_then(|v| v.to_u32())
            .unwrap_or(0) as usize;
        let head_count = md_get("llama.attention.head_count")?.to_u32()? as usize;
        let head_count_kv = md_get("llama.attention.head_count_kv")?.to_u32()? as usize;
        let block_count = md_get("llama.block_count")?.to_u32()? as usize;
        let embedding_length = md_get("llama.embedding_length")?.to_u32()? as usize;
        let rope_dim = md_get("llama.rope.dimension_count")?.to_u32()? as usize;
        // Strangely this value is generally 1e-6 in GGUF file but used to be 1e-5 by default.
        let rms_norm_eps = md_get("llama.attention.layer_norm_rms_epsilon")?.to_f32()? as f64;

        let rope_freq_base = md_get("llama.rope.freq_base")
            .and_then(|m| m.to_f32())
            .unwrap_or(10000f32);

        // Determine RoPE convention from model architecture (matching llama.cpp).
        // NEOX (non-interleaved): pairs (i, i+d/2) — Qwen, Qwen2, Falcon, Phi, etc.
        // NORM (interleaved): pairs (2i, 2i+1) — Llama, Mistral, DeepSeek, etc.
        // See llama_model_rope_type() in llama.cpp for the authoritative mapping.
        let arch = ct
            .metadata
            .get("general.architecture")
            .and_then(|v| v.to_string().ok())
            .cloned()
            .unwrap_or_default();
        let rope_is_neox = matches!(
            arch.as_str(),
            "qwen"
                | "qwen2"
                | "qwen2moe"
                | "qwen3"
                | "qwen3moe"
                | "falcon"
                | "grok"
                | "dbrx"
                | "phi2"
                | "phi3"
                | "phimoe"
                | "stablelm"
                | "starcoder2"
                | "bert"
                | "nomic-bert"
                | "jina-bert-v2"
                | "olmo2"
                | "olmoe"
                | "codeshell"
                | "plamo"
        );

        let tok_embeddings_q = ct.tensor(reader, "token_embd.weight", device)?;
        let tok_embeddings = tok_embeddings_q.dequantize(device)?;
        let norm = Norm::from_qtensor(
            ct.tensor(reader, "output_norm.weight", device)?,
            rms_norm_eps,
        )?;
        let output = match ct.tensor(reader, "output.weight", device) {
            Ok(tensor) => tensor,
            Err(_) => tok_embeddings_q,
        };
        let mut layers = Vec::with_capacity(block_count);
        for layer_idx in 0..block_count {
            let prefix = format!("blk.{layer_idx}");
            let attention_wq = ct.tensor(reader, &format!("{prefix}.attn_q.weight"), device)?;
            let attention_wk = ct.tensor(reader, &format!("{prefix}.attn_k.weight"), device)?;
            let attention_wv = ct.tensor(reader, &format!("{prefix}.attn_v.weight"), device)?;
            let attention_wo =
                ct.tensor(reader, &format!("{prefix}.attn_output.weight"), device)?;
            let mlp_or_moe = if n_expert <= 1 {
                let feed_forward_w1 =
                    ct.tensor(reader, &format!("{prefix}.ffn_gate.weight"), device)?;
                let feed_forward_w2 =
                    ct.tensor(reader, &format!("{prefix}.ffn_down.weight"), device)?;
                let feed_forward_w3 =
                    ct.tensor(reader, &format!("{prefix}.ffn_up.weight"), device)?;
                MlpOrMoe::Mlp(Mlp::new(
                    QMatMul::from_qtensor(feed_forward_w1)?,
                    QMatMul::from_qtensor(feed_forward_w2)?,
                    QMatMul::from_qtensor(feed_forward_w3)?,
                )?)
            } else {
                let feed_forward_gate_inp =
                    ct.tensor(reader, &format!("{prefix}.ffn_gate_inp.weight"), device)?;
                let mut experts = Vec::with_capacity(n_expert);
                for i in 0..n_expert {
                    let feed_forward_w1 =
                        ct.tensor(reader, &format!("{prefix}.ffn_gate.{i}.weight"), device)?;
                    let feed_forward_w2 =
                        ct.tensor(reader, &format!("{prefix}.ffn_down.{i}.weight"), device)?;
                    let feed_forward_w3 =
                        ct.tensor(reader, &format!("{prefix}.ffn_up.{i}.weight"), device)?;
                    experts.push(Mlp::new(
                        QMatMul::from_qtensor(feed_forward_w1)?,
                        QMatMul::from_qtensor(feed_forward_w2)?,
                        QMatMul::from_qtensor(feed_forward_w3)?,
                    )?)
                }
                MlpOrMoe::MoE {
                    n_expert_used,
                    feed_forward_gate_inp: QMatMul::from_qtensor(feed_forward_gate_inp)?,
                    experts,
                }
            };
            let attention_norm =
                ct.tensor(reader, &format!("{prefix}.attn_norm.weight"), device)?;
            let ffn_norm = ct.tensor(reader, &format!("{prefix}.ffn_norm.weight"), device)?;
            layers.push(LayerWeights {
                qkv: SharedInput::new(vec![
                    QMatMul::from_qtensor(attention_wq)?,
                    QMatMul::from_qtensor(attention_wk)?,
                    QMatMul::from_qtensor(attention_wv)?,
                ])?,
                attention_wo: QMatMul::from_qtensor(attention_wo)?,
                attention_norm: Norm::from_qtensor(attention_norm, rms_norm_eps)?,
                mlp_or_moe,
                ffn_norm: Norm::from_qtensor(ffn_norm, rms_norm_eps)?,
                n_head: head_count,
                n_kv_head: head_count_kv,
                head_dim: embedding_length / head_count,
                rope_is_neox,
                k_cache: Vec::new(),
                v_cache: Vec::new(),
            })
        }
        Ok(Self {
            tok_embeddings: Embedding::new(tok_embeddings, embedding_length),
            layers,
            norm,
            output: QMatMul::from_qtensor(output)?,
            rope_dim,
            rope_freq_base,
        })
    }

    /// Clear the KV cache across all layers.
    ///
    /// Call this between independent conversations to free cached attention
    /// state without recreating the model.
    pub fn clear_kv_cache(&mut self) {
        for layer in self.layers.iter_mut() {
            layer.k_cache = Vec::new();
            layer.v_cache = Vec::new();
        }
    }

    /// The logits of the last of the token ids `x` (`[1, seq_len]`) at positions
    /// `index_pos..`, with llama.cpp's order of operations: per layer
    /// `h = x + attn(norm(x))`, `x' = h + ffn(norm(h))`, then the output norm and projection of
    /// the last row only.
    pub fn forward(&mut self, x: &Tensor, index_pos: usize) -> Result<Tensor> {
        let (_b_sz, seq_len) = x.dims2()?;
        let embd = self.tok_embeddings.forward(x)?;
        let n_embd = embd.dim(D::Minus1)?;
        let mut h: Vec<f32> = embd.flatten_all()?.to_vec1()?;
        let rope: Vec<Vec<f32>> = (0..seq_len)
            .map(|i| {
                let mut c = Vec::with_capacity(self.rope_dim);
                ggml_ops::rope_cache(index_pos + i, self.rope_dim, self.rope_freq_base, &mut c);
                c
            })
            .collect();
        let mut xn = vec![0f32; h.len()];
        for layer in self.layers.iter_mut() {
            layer.attention_norm.forward_rows(&h, &mut xn);
            let attn = layer.forward_attn(&xn, seq_len, index_pos, &rope)?;
            for (a, b) in h.iter_mut().zip(&attn) {
                *a += b;
            }
            layer.ffn_norm.forward_rows(&h, &mut xn);
            let ffn = layer.mlp_or_moe.forward_rows(&xn, seq_len, n_embd)?;
            for (a, b) in h.iter_mut().zip(&ffn) {
                *a += b;
            }
        }
        let last = &h[(seq_len - 1) * n_embd..];
        let mut y = vec![0f32; n_embd];
        self.norm.forward_rows(last, &mut y);
        let logits = self.output.forward_rows(&y, 1)?;
        let n = logits.len();
        Tensor::from_vec(logits, (1, n), x.device())
    }
}
