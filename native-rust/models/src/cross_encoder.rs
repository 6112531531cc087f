//! Sequence classification over an encoder, and sentence-transformers' `CrossEncoder` on top.
//!
//! Input: a transformers folder saved from `BertForSequenceClassification` (pooler + classifier)
//! or `XLMRobertaForSequenceClassification` (a two-layer head on the first token), with its
//! tokenizer. Output: logits `[n, num_labels]` for tokenized text pairs
//! (`AutoModelForSequenceClassification(**tokenizer(queries, docs, ...)).logits`), and the
//! scores `CrossEncoder.predict` and `.rank` give. The encoder underneath is `AutoModel`, so any
//! architecture the encoders support gains a classification head here without a change.

use crate::architectures::AutoModel;
use crate::error::{Error, Result, ResultExt};
use crate::hub::{read_json, resolve_model_dir};
use crate::nn::{self, Linear};
use crate::tokenizer::{Batch, Tokenizer};
use candle_core::{DType, Device, Tensor, D};
use candle_nn::VarBuilder;
use std::path::{Path, PathBuf};

/// The head that turns the encoder's last hidden state into logits; transformers' two shapes.
#[derive(Debug, Clone)]
enum Head {
    /// BERT: `classifier(tanh(pooler.dense(h[:, 0])))`.
    Pooler { pooler: Linear, classifier: Linear },
    /// RoBERTa / XLM-RoBERTa: `out_proj(tanh(dense(h[:, 0])))` (`RobertaClassificationHead`).
    Roberta { dense: Linear, out_proj: Linear },
}

/// `AutoModelForSequenceClassification.from_pretrained(dir)`. `Send + Sync`; calls take `&self`.
#[derive(Debug, Clone)]
pub struct SequenceClassifier {
    pub encoder: AutoModel,
    head: Head,
    pub num_labels: usize,
    /// `id2label` from config.json, by label index (`LABEL_i` where the config says nothing).
    pub labels: Vec<String>,
    /// `sentence_transformers.activation_fn` (or the pre-v4 `sbert_ce_default_activation_function`)
    /// from config.json: what a CrossEncoder over this model applies by default.
    pub configured_activation: Option<String>,
}

fn linear(vb: &VarBuilder, name: &str, out_dim: usize, in_dim: usize) -> Result<Linear> {
    let w = vb
        .get((out_dim, in_dim), &format!("{name}.weight"))
        .ctx(name)?;
    let b = vb.get(out_dim, &format!("{name}.bias")).ctx(name)?;
    Linear::from_torch(&[w], Some(&[b]))
}

impl SequenceClassifier {
    /// The same classifier with the encoder's linear layers in the given mode (the head stays
    /// f32).
    pub fn quantized(self, q: crate::int8::Quantize) -> Result<Self> {
        Ok(SequenceClassifier {
            encoder: self.encoder.quantized(q)?,
            ..self
        })
    }

    /// A folder, or a hub id present in the local HF cache.
    pub fn load(id_or_path: &str) -> Result<Self> {
        let dir = resolve_model_dir(id_or_path)?;
        Self::load_dir(&dir, DType::F32, &crate::device::select_device()?)
    }

    pub fn load_dir(dir: &Path, dtype: DType, device: &Device) -> Result<Self> {
        let config_path = dir.join("config.json");
        let cfg = read_json(&config_path)?;
        let encoder = AutoModel::load_dir(dir, dtype, device)?;
        let h = encoder.hidden_size();
        let labels = labels(&cfg).ctx(config_path.display())?;
        let num_labels = labels.len();
        let files = nn::safetensors_files(dir)?;
        let vb = nn::mmap_var_builder(&files, dtype)?;
        let head = if vb.contains_tensor("classifier.out_proj.weight") {
            Head::Roberta {
                dense: linear(&vb, "classifier.dense", h, h)?,
                out_proj: linear(&vb, "classifier.out_proj", num_labels, h)?,
            }
        } else {
            let prefix = nn::detect_prefix(&vb, "pooler.dense.weight", &["bert.", "", "model."])
                .map_err(|_| {
                    Error::value(format!(
                        "{}: no sequence-classification head (pooler.dense and classifier, or \
                         classifier.dense and classifier.out_proj); is this a \
                         *ForSequenceClassification checkpoint?",
                        dir.display()
                    ))
                })?;
            Head::Pooler {
                pooler: linear(&vb, &format!("{prefix}pooler.dense"), h, h)?,
                classifier: linear(&vb, "classifier", num_labels, h)?,
            }
        };
        let configured_activation = cfg
            .get("sentence_transformers")
            .and_then(|s| s.get("activation_fn"))
            .or_else(|| cfg.get("sbert_ce_default_activation_function"))
            .and_then(|v| v.as_str())
            .map(String::from);
        Ok(SequenceClassifier {
            encoder,
            head,
            num_labels,
            labels,
            configured_activation,
        })
    }

    /// `model(input_ids, attention_mask, token_type_ids).logits`: `[b, num_labels]` f32 on the CPU.
    pub fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        let hidden = self
            .encoder
            .forward(input_ids, attention_mask, token_type_ids)?;
        let (b, _t, h) = hidden.dims3()?;
        if b == 0 {
            return Ok(Tensor::zeros(
                (0, self.num_labels),
                DType::F32,
                &Device::Cpu,
            )?);
        }
        let first = hidden.narrow(1, 0, 1)?.reshape((b, h))?.contiguous()?;
        let logits = match &self.head {
            Head::Pooler { pooler, classifier } => {
                classifier.forward(&pooler.forward(&first)?.tanh()?)?
            }
            Head::Roberta { dense, out_proj } => {
                out_proj.forward(&dense.forward(&first)?.tanh()?)?
            }
        };
        Ok(logits.to_dtype(DType::F32)?)
    }

    /// `model(**encoded).logits` for a tokenized batch.
    pub fn forward_batch(&self, batch: &Batch) -> Result<Tensor> {
        self.forward(
            &batch.input_ids,
            Some(&batch.attention_mask),
            Some(&batch.token_type_ids),
        )
    }
}

/// The labels a config names: `id2label` when present, else `num_labels` (default 2) of
/// `LABEL_i`, as transformers' `PretrainedConfig` does.
fn labels(cfg: &serde_json::Value) -> Result<Vec<String>> {
    if let Some(map) = cfg.get("id2label").and_then(|v| v.as_object()) {
        let mut out = vec![String::new(); map.len()];
        for (k, v) in map {
            let i: usize =
                k.parse().ok().filter(|&i| i < map.len()).ok_or_else(|| {
                    Error::value(format!("id2label key {k:?} is not a label index"))
                })?;
            out[i] = v.as_str().unwrap_or_default().to_string();
        }
        if !out.is_empty() {
            return Ok(out);
        }
    }
    let n = cfg.get("num_labels").and_then(|v| v.as_u64()).unwrap_or(2) as usize;
    Ok((0..n).map(|i| format!("LABEL_{i}")).collect())
}

/// The activations a CrossEncoder applies to logits (`activation_fn`), by the torch module
/// class sentence-transformers names in a config (`torch.nn.modules.activation.Sigmoid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreActivation {
    Identity,
    Sigmoid,
    Tanh,
    /// `torch.nn.Softmax(dim=-1)`.
    Softmax,
}

impl ScoreActivation {
    /// From a dotted torch class path or its last part (`Sigmoid`, `torch.nn.Identity`).
    pub fn from_torch_path(path: &str) -> Option<Self> {
        match path.rsplit('.').next().unwrap_or(path) {
            "Identity" => Some(Self::Identity),
            "Sigmoid" => Some(Self::Sigmoid),
            "Tanh" => Some(Self::Tanh),
            "Softmax" => Some(Self::Softmax),
            _ => None,
        }
    }

    pub fn apply(self, x: &Tensor) -> Result<Tensor> {
        Ok(match self {
            Self::Identity => x.clone(),
            Self::Sigmoid => candle_nn::ops::sigmoid(x)?,
            Self::Tanh => x.tanh()?,
            Self::Softmax => candle_nn::ops::softmax_last_dim(x)?,
        })
    }
}

/// One result of `CrossEncoder.rank`: the document's index and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub corpus_id: usize,
    pub score: f32,
}

/// `sentence_transformers.CrossEncoder(dir)`: a sequence classifier with its tokenizer, scoring
/// text pairs.
#[derive(Debug, Clone)]
pub struct CrossEncoder {
    pub dir: PathBuf,
    pub model: SequenceClassifier,
    pub tokenizer: Tokenizer,
    /// Truncation length: min(the tokenizer's model_max_length, max_position_embeddings).
    pub max_length: Option<usize>,
    /// The activation `predict` applies when the call names none (`model.activation_fn`).
    pub activation: ScoreActivation,
    /// Pairs per forward pass (sentence-transformers' default batch_size is 32).
    pub batch_size: usize,
}

impl CrossEncoder {
    /// The same reranker with the encoder's linear layers in the given mode.
    pub fn quantized(self, q: crate::int8::Quantize) -> Result<Self> {
        Ok(CrossEncoder {
            model: self.model.quantized(q)?,
            ..self
        })
    }

    pub fn load(id_or_path: &str) -> Result<Self> {
        let dir = resolve_model_dir(id_or_path)?;
        Self::load_dir(&dir)
    }

    /// The default activation as sentence-transformers 4+ decides it: the configured one when
    /// it is a torch class, else Sigmoid for one label and Identity for more.
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let device = crate::device::select_device()?;
        let model = SequenceClassifier::load_dir(dir, DType::F32, &device)?;
        let tokenizer = Tokenizer::from_file(dir)?;
        let positions = model.encoder.max_position_embeddings();
        let max_length = Some(
            tokenizer
                .model_max_length
                .map_or(positions, |t| t.min(positions)),
        );
        let configured = model
            .configured_activation
            .as_deref()
            .filter(|p| p.starts_with("torch."))
            .and_then(ScoreActivation::from_torch_path);
        let activation = configured.unwrap_or(if model.num_labels == 1 {
            ScoreActivation::Sigmoid
        } else {
            ScoreActivation::Identity
        });
        Ok(CrossEncoder {
            dir: dir.to_path_buf(),
            model,
            tokenizer,
            max_length,
            activation,
            batch_size: 32,
        })
    }

    pub fn num_labels(&self) -> usize {
        self.model.num_labels
    }

    /// The tokenized pairs, truncated as the CrossEncoder's Transformer module does.
    pub fn tokenize(&self, firsts: &[String], seconds: &[String]) -> Result<Batch> {
        self.tokenizer
            .encode_pair_batch(firsts, seconds, true, true, self.max_length)
    }

    /// Logits for each pair, `[n, num_labels]`, in length-sorted batches of `batch_size` as
    /// sentence-transformers runs them (padding does not change a row's result).
    pub fn logits(&self, pairs: &[(String, String)]) -> Result<Tensor> {
        let n = pairs.len();
        if n == 0 {
            return Ok(Tensor::zeros(
                (0, self.num_labels()),
                DType::F32,
                &Device::Cpu,
            )?);
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| {
            std::cmp::Reverse(pairs[i].0.chars().count() + pairs[i].1.chars().count())
        });
        let mut rows = vec![];
        for chunk in order.chunks(self.batch_size.max(1)) {
            let a: Vec<String> = chunk.iter().map(|&i| pairs[i].0.clone()).collect();
            let b: Vec<String> = chunk.iter().map(|&i| pairs[i].1.clone()).collect();
            rows.push(self.model.forward_batch(&self.tokenize(&a, &b)?)?);
        }
        let sorted = Tensor::cat(&rows, 0)?;
        let mut inverse = vec![0u32; n];
        for (pos, &i) in order.iter().enumerate() {
            inverse[i] = pos as u32;
        }
        let idx = Tensor::from_vec(inverse, n, &Device::Cpu)?;
        Ok(sorted.index_select(&idx, 0)?)
    }

    /// `model.predict(pairs, activation_fn=activation, apply_softmax=apply_softmax)`: `[n]` for
    /// one label, else `[n, num_labels]`. `activation` None is the model's own; softmax over
    /// the labels follows the activation, and only with more than one label, as in the library.
    pub fn predict(
        &self,
        pairs: &[(String, String)],
        activation: Option<ScoreActivation>,
        apply_softmax: bool,
    ) -> Result<Tensor> {
        let logits = self.logits(pairs)?;
        let mut scores = activation.unwrap_or(self.activation).apply(&logits)?;
        if self.num_labels() == 1 {
            scores = scores.squeeze(1)?;
        } else if apply_softmax {
            scores = candle_nn::ops::softmax(&scores, D::Minus1)?;
        }
        Ok(scores)
    }

    /// `model.rank(query, documents, top_k=top_k)`: every document's index and score, best
    /// first (a stable sort, so equal scores keep document order), cut to `top_k`.
    /// Only for one-label models, with the library's ValueError otherwise.
    pub fn rank(
        &self,
        query: &str,
        documents: &[String],
        top_k: Option<i64>,
        activation: Option<ScoreActivation>,
    ) -> Result<Vec<Ranked>> {
        if self.num_labels() != 1 {
            return Err(Error::value(
                "CrossEncoder.rank() only works for models with num_labels=1. Consider using \
                 CrossEncoder.predict() with input pairs instead.",
            ));
        }
        let pairs: Vec<(String, String)> = documents
            .iter()
            .map(|d| (query.to_string(), d.clone()))
            .collect();
        let scores = self.predict(&pairs, activation, false)?.to_vec1::<f32>()?;
        Ok(rank_scores(&scores, top_k))
    }
}

/// Indices and scores sorted by score, best first, ties in index order; then `[:top_k]` with
/// Python's slice meaning (a negative `top_k` drops that many from the end).
pub fn rank_scores(scores: &[f32], top_k: Option<i64>) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = scores
        .iter()
        .enumerate()
        .map(|(corpus_id, &score)| Ranked { corpus_id, score })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    if let Some(k) = top_k {
        let n = out.len() as i64;
        let end = if k < 0 { (n + k).max(0) } else { k.min(n) };
        out.truncate(end as usize);
    }
    out
}
