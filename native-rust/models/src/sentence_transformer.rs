//! `SentenceTransformer(dir).encode(texts, normalize_embeddings, truncate_dim)`: the
//! sentence-transformers folder layout (modules.json, 1_Pooling/, 2_Dense/, Normalize),
//! over any encoder `AutoModel` loads.

use crate::architectures::AutoModel;
use crate::error::{Error, Result, ResultExt};
use crate::hub::{read_json, read_json_opt, resolve_model_dir};
use crate::nn::{self, Activation, Linear};
use crate::pooling;
use crate::tokenizer::{Batch, Tokenizer};
use candle_core::{DType, Device, Tensor};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolingMode {
    Cls,
    Mean,
    Max,
    MeanSqrtLen,
    WeightedMean,
    LastToken,
}

#[derive(Debug, Clone)]
enum Module {
    Pooling(Vec<PoolingMode>),
    Dense { linear: Linear, act: Activation },
    Normalize,
}

/// A sentence-transformers model folder, loaded. `Send + Sync`.
#[derive(Debug, Clone)]
pub struct SentenceTransformer {
    pub dir: PathBuf,
    pub tokenizer: Tokenizer,
    pub model: AutoModel,
    modules: Vec<Module>,
    /// Truncation length for tokenization (`max_seq_length`).
    pub max_seq_length: Option<usize>,
    do_lower_case: bool,
    /// Rows per forward pass (sentence-transformers' default batch_size is 32).
    pub batch_size: usize,
    /// `prompts` from config_sentence_transformers.json.
    pub prompts: Vec<(String, String)>,
    pub default_prompt_name: Option<String>,
    include_prompt: bool,
    dim: usize,
}

fn pooling_modes(cfg: &serde_json::Value) -> Result<Vec<PoolingMode>> {
    let on = |k: &str| cfg.get(k).and_then(|v| v.as_bool()).unwrap_or(false);
    // New-style config: "pooling_mode": "mean" etc.
    if let Some(m) = cfg.get("pooling_mode").and_then(|v| v.as_str()) {
        return Ok(vec![match m {
            "cls" => PoolingMode::Cls,
            "max" => PoolingMode::Max,
            "mean" | "mean_tokens" => PoolingMode::Mean,
            "mean_sqrt_len_tokens" => PoolingMode::MeanSqrtLen,
            "weightedmean" | "weightedmean_tokens" => PoolingMode::WeightedMean,
            "lasttoken" => PoolingMode::LastToken,
            other => {
                return Err(Error::value(format!(
                    "Pooling mode {other:?} is not supported"
                )))
            }
        }]);
    }
    let mut v = vec![];
    if on("pooling_mode_cls_token") {
        v.push(PoolingMode::Cls);
    }
    if on("pooling_mode_max_tokens") {
        v.push(PoolingMode::Max);
    }
    if on("pooling_mode_mean_tokens") {
        v.push(PoolingMode::Mean);
    }
    if on("pooling_mode_mean_sqrt_len_tokens") {
        v.push(PoolingMode::MeanSqrtLen);
    }
    if on("pooling_mode_weightedmean_tokens") {
        v.push(PoolingMode::WeightedMean);
    }
    if on("pooling_mode_lasttoken") {
        v.push(PoolingMode::LastToken);
    }
    if v.is_empty() {
        v.push(PoolingMode::Mean);
    }
    Ok(v)
}

fn dense_activation(name: &str) -> Result<Activation> {
    let short = name.rsplit('.').next().unwrap_or(name);
    Ok(match short {
        "Identity" | "" => Activation::Identity,
        "Tanh" => Activation::Tanh,
        "ReLU" => Activation::Relu,
        "GELU" => Activation::GeluErf,
        "SiLU" => Activation::Silu,
        other => {
            return Err(Error::value(format!(
                "Dense activation {other:?} is not supported"
            )))
        }
    })
}

impl SentenceTransformer {
    /// `SentenceTransformer(id_or_path)`: a folder, or a hub id found in the local HF cache.
    pub fn load(id_or_path: &str) -> Result<Self> {
        let dir = resolve_model_dir(id_or_path)?;
        Self::load_dir(&dir)
    }

    /// The modules of modules.json in order: the Transformer's encoder (and its folder), the
    /// other modules, whether the Pooling counts prompt tokens, and the output dimension.
    #[allow(clippy::type_complexity)]
    fn load_modules(
        entries: &[(String, String)],
        dir: &Path,
        dtype: DType,
        dev: &Device,
    ) -> Result<(AutoModel, PathBuf, Vec<Module>, bool, usize)> {
        let mut model: Option<(AutoModel, PathBuf)> = None;
        let mut modules = vec![];
        let mut dim = 0usize;
        let mut include_prompt = true;
        for (ty, path) in entries {
            let short = ty.rsplit('.').next().unwrap_or(ty);
            let mdir = dir.join(path);
            match short {
                "Transformer" => {
                    if model.is_some() {
                        return Err(Error::value("more than one Transformer module"));
                    }
                    let m = AutoModel::load_dir(&mdir, dtype, dev)?;
                    dim = m.hidden_size();
                    model = Some((m, mdir));
                }
                "Pooling" => {
                    let modes = if path == "<mean>" {
                        vec![PoolingMode::Mean]
                    } else {
                        let cfg = read_json(&mdir.join("config.json"))?;
                        include_prompt = cfg
                            .get("include_prompt")
                            .and_then(|v| v.as_bool())
                            .unwrap_or(true);
                        pooling_modes(&cfg).ctx(mdir.display())?
                    };
                    dim *= modes.len();
                    modules.push(Module::Pooling(modes));
                }
                "Dense" => {
                    let cfg = read_json(&mdir.join("config.json"))?;
                    let inf = nn::cfg_usize(&cfg, "in_features").ctx(mdir.display())?;
                    let outf = nn::cfg_usize(&cfg, "out_features").ctx(mdir.display())?;
                    let bias = cfg.get("bias").and_then(|v| v.as_bool()).unwrap_or(true);
                    let act = dense_activation(
                        cfg.get("activation_function")
                            .and_then(|v| v.as_str())
                            .unwrap_or("Identity"),
                    )?;
                    let files = nn::safetensors_files(&mdir)?;
                    let vb = nn::mmap_var_builder(&files, dtype)?;
                    let w = vb.get((outf, inf), "linear.weight").ctx(mdir.display())?;
                    let b = if bias {
                        Some(vb.get(outf, "linear.bias").ctx(mdir.display())?)
                    } else {
                        None
                    };
                    if inf != dim {
                        return Err(Error::value(format!(
                            "{}: Dense in_features {inf} != previous dim {dim}",
                            mdir.display()
                        )));
                    }
                    dim = outf;
                    modules.push(Module::Dense {
                        linear: Linear::from_torch(&[w], b.as_ref().map(std::slice::from_ref))?,
                        act,
                    });
                }
                "Normalize" => modules.push(Module::Normalize),
                other => {
                    return Err(Error::value(format!(
                        "sentence-transformers module {other:?} is not supported"
                    )))
                }
            }
        }
        let (model, mdir) = model
            .ok_or_else(|| Error::value(format!("{}: no Transformer module", dir.display())))?;
        Ok((model, mdir, modules, include_prompt, dim))
    }

    /// The same pipeline with the encoder's linear layers in the given mode (`ingot compile
    /// --quantize int8`: `crate::int8`). Pooling, Dense and Normalize stay f32.
    pub fn quantized(self, q: crate::int8::Quantize) -> Result<Self> {
        Ok(SentenceTransformer {
            model: self.model.quantized(q)?,
            ..self
        })
    }

    /// The encoder goes on the device `INGOT_DEVICE` names (the CPU by default; see
    /// `crate::device`); pooling, Dense and Normalize run on the CPU.
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let dtype = DType::F32;
        let dev = crate::device::select_device()?;
        let modules_json = read_json_opt(&dir.join("modules.json"))?;
        let entries: Vec<(String, String)> = match &modules_json {
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .map(|m| {
                    let ty = m
                        .get("type")
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_string();
                    let path = m
                        .get("path")
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_string();
                    (ty, path)
                })
                .collect(),
            Some(_) => {
                return Err(Error::value(format!(
                    "{}: modules.json is not a list",
                    dir.display()
                )))
            }
            // A plain transformers folder: Transformer + mean pooling, as sentence-transformers does.
            None => vec![
                (
                    "sentence_transformers.models.Transformer".into(),
                    String::new(),
                ),
                (
                    "sentence_transformers.models.Pooling".into(),
                    "<mean>".into(),
                ),
            ],
        };
        // The tokenizer sits in the Transformer module's folder, else in the model folder. It
        // loads on its own thread while the modules load here: a large tokenizer (gemma3's
        // 262k tokens) and the weights then take the longer of the two, not their sum.
        let transformer_dir = entries
            .iter()
            .find(|(ty, _)| ty.rsplit('.').next() == Some("Transformer"))
            .map(|(_, path)| dir.join(path));
        let tok_dir = match transformer_dir {
            Some(m) if m.join("tokenizer.json").is_file() => m,
            _ => dir.to_path_buf(),
        };
        let (loaded, tokenizer) = std::thread::scope(|s| {
            let tok = s.spawn(|| Tokenizer::from_file(&tok_dir));
            let loaded = Self::load_modules(&entries, dir, dtype, &dev);
            let tokenizer = tok
                .join()
                .unwrap_or_else(|_| Err(Error::runtime("loading the tokenizer panicked")));
            (loaded, tokenizer)
        });
        let (model, mdir, modules, include_prompt, dim) = loaded?;
        let mut tokenizer = tokenizer?;
        let sbert = read_json_opt(&mdir.join("sentence_bert_config.json"))?.unwrap_or_default();
        if let Some(side) = model.padding_side() {
            tokenizer.padding_side = side;
        }
        let max_seq_length = sbert
            .get("max_seq_length")
            .and_then(|v| v.as_u64())
            .map(|v| v as usize)
            .or_else(|| {
                // sentence-transformers: min(model max positions, tokenizer model_max_length)
                let m = model.max_position_embeddings();
                Some(tokenizer.model_max_length.map_or(m, |t| t.min(m)))
            });
        let st_cfg =
            read_json_opt(&dir.join("config_sentence_transformers.json"))?.unwrap_or_default();
        let mut prompts: Vec<(String, String)> = st_cfg
            .get("prompts")
            .and_then(|p| p.as_object())
            .map(|o| {
                o.iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        // sentence-transformers 6 gives every SentenceTransformer the prompts "query" and
        // "document" (empty unless the config sets them), so `encode(prompt_name="query")`
        // works on a model without prompts and means no prompt.
        for name in ["query", "document"] {
            if !prompts.iter().any(|(k, _)| k == name) {
                prompts.push((name.to_string(), String::new()));
            }
        }
        let default_prompt_name = st_cfg
            .get("default_prompt_name")
            .and_then(|v| v.as_str())
            .map(String::from);
        Ok(SentenceTransformer {
            dir: dir.to_path_buf(),
            tokenizer,
            model,
            modules,
            max_seq_length,
            do_lower_case: sbert
                .get("do_lower_case")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            batch_size: 32,
            prompts,
            default_prompt_name,
            include_prompt,
            dim,
        })
    }

    /// Output dimension before any truncate_dim.
    pub fn embedding_dim(&self) -> usize {
        self.dim
    }

    /// The prompt text registered under `name` in config_sentence_transformers.json.
    pub fn prompt(&self, name: &str) -> Option<&str> {
        self.prompts
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The prompt's length in tokens as sentence-transformers counts it for
    /// `include_prompt=false`: the prompt tokenized alone, less a trailing special token.
    fn prompt_length(&self, prompt: &str) -> Result<usize> {
        let batch = self.tokenize(&[prompt.to_string()])?;
        let ids = &batch.ids[0];
        let special = |id: u32| {
            self.tokenizer
                .inner()
                .get_added_tokens_decoder()
                .get(&id)
                .is_some_and(|t| t.special)
        };
        Ok(match ids.last() {
            Some(&last) if special(last) => ids.len() - 1,
            _ => ids.len(),
        })
    }

    /// Tokenize as the Transformer module does (max_seq_length truncation, pad to longest).
    pub fn tokenize(&self, texts: &[String]) -> Result<Batch> {
        if self.do_lower_case {
            let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
            self.tokenizer
                .encode_batch(&lower, true, true, self.max_seq_length)
        } else {
            self.tokenizer
                .encode_batch(texts, true, true, self.max_seq_length)
        }
    }

    /// Each text's token ids as `tokenize` would give them (the same lower-casing and special
    /// tokens) but without the `max_seq_length` cut: the length a text really has.
    pub fn token_ids(&self, texts: &[String]) -> Result<Vec<Vec<u32>>> {
        if self.do_lower_case {
            let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
            self.tokenizer.encode_ids_batch(&lower)
        } else {
            self.tokenizer.encode_ids_batch(texts)
        }
    }

    /// Run the module pipeline on one tokenized batch: `[n, dim]`.
    pub fn forward_batch(&self, batch: &Batch) -> Result<Tensor> {
        self.forward_batch_excluding(batch, 0)
    }

    /// `forward_batch` with the first `prompt_length` real tokens of every row left out of
    /// pooling (a Pooling with `include_prompt=false`); the encoder still sees them.
    fn forward_batch_excluding(&self, batch: &Batch, prompt_length: usize) -> Result<Tensor> {
        // Every Pooling mode reads only positions the attention mask keeps, so the encoder
        // may skip the padding's work.
        let hidden = self.model.forward_batch_real_tokens(batch)?;
        let pool_mask = if prompt_length > 0 {
            pooling::exclude_prompt(&batch.attention_mask, prompt_length)?
        } else {
            batch.attention_mask.clone()
        };
        let mask = &pool_mask;
        let mut x = hidden;
        let mut pooled = false;
        for m in &self.modules {
            x = match m {
                Module::Pooling(modes) => {
                    pooled = true;
                    let parts = modes
                        .iter()
                        .map(|mode| match mode {
                            PoolingMode::Cls => pooling::first_token_pool(&x, mask),
                            PoolingMode::Mean => pooling::mean_pool(&x, mask),
                            PoolingMode::Max => pooling::max_pool(&x, mask),
                            PoolingMode::MeanSqrtLen => pooling::mean_sqrt_len_pool(&x, mask),
                            PoolingMode::WeightedMean => {
                                pooling::weighted_mean_pool_from(&x, mask, &batch.attention_mask)
                            }
                            PoolingMode::LastToken => pooling::last_token_pool(&x, mask),
                        })
                        .collect::<Result<Vec<_>>>()?;
                    if parts.len() == 1 {
                        parts.into_iter().next().unwrap()
                    } else {
                        Tensor::cat(&parts, 1)?
                    }
                }
                Module::Dense { linear, act } => act.apply(&linear.forward(&x)?)?,
                Module::Normalize => pooling::l2_normalize(&x, x.rank() - 1)?,
            };
        }
        if !pooled {
            return Err(Error::value("the model has no Pooling module"));
        }
        Ok(x)
    }

    /// `model.encode(texts, normalize_embeddings=normalize, truncate_dim=truncate_dim)`
    /// (convert_to_tensor). Returns `[len(texts), dim]` f32; an empty list gives `[0, dim]`.
    /// Like sentence-transformers: the default prompt (if the config names one) is
    /// prepended, texts are processed in length-sorted batches of `batch_size`, then
    /// truncated to `truncate_dim`, then L2-normalised when `normalize` is set.
    pub fn encode(
        &self,
        texts: &[String],
        normalize: bool,
        truncate_dim: Option<usize>,
    ) -> Result<Tensor> {
        self.encode_with_prompt(texts, None, normalize, truncate_dim)
    }

    /// `encode(..., prompt=prompt)`: prepend `prompt` to every text. `None` means what it
    /// means to sentence-transformers: the default prompt when the config names one
    /// (`default_prompt_name`), else none; pass `Some("")` for no prompt at all.
    pub fn encode_with_prompt(
        &self,
        texts: &[String],
        prompt: Option<&str>,
        normalize: bool,
        truncate_dim: Option<usize>,
    ) -> Result<Tensor> {
        let prompt = match prompt {
            Some(p) => Some(p).filter(|p| !p.is_empty()),
            None => self
                .default_prompt_name
                .as_deref()
                .and_then(|n| self.prompt(n)),
        };
        // With include_prompt=false the prompt's tokens are left out of pooling: as many as
        // the prompt alone tokenizes to, less a trailing special token (sentence-transformers'
        // `_get_prompt_length`).
        let prompt_length = match prompt {
            Some(p) if !self.include_prompt => self.prompt_length(p)?,
            _ => 0,
        };
        let out_dim = truncate_dim.unwrap_or(self.dim);
        if out_dim == 0 || out_dim > self.dim {
            return Err(Error::value(format!(
                "truncate_dim {out_dim} must be between 1 and {}",
                self.dim
            )));
        }
        if texts.is_empty() {
            return Ok(Tensor::zeros((0, out_dim), DType::F32, &Device::Cpu)?);
        }
        let texts: Vec<String> = match prompt {
            Some(p) => texts.iter().map(|t| format!("{p}{t}")).collect(),
            None => texts.to_vec(),
        };
        // Sort by length (longest first, as sentence-transformers does) so batches pad little.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(texts[i].chars().count()));
        let mut rows: Vec<Tensor> = vec![];
        for chunk in order.chunks(self.batch_size.max(1)) {
            let part: Vec<String> = chunk.iter().map(|&i| texts[i].clone()).collect();
            let batch = self.tokenize(&part)?;
            rows.push(self.forward_batch_excluding(&batch, prompt_length)?);
        }
        let sorted = if rows.len() == 1 {
            rows.pop().unwrap()
        } else {
            Tensor::cat(&rows, 0)?
        };
        let mut inverse = vec![0u32; order.len()];
        for (pos, &i) in order.iter().enumerate() {
            inverse[i] = pos as u32;
        }
        let idx = Tensor::from_vec(inverse, order.len(), &Device::Cpu)?;
        let mut emb = sorted.index_select(&idx, 0)?;
        if let Some(d) = truncate_dim {
            emb = pooling::truncate_dim(&emb, d)?;
        }
        if normalize {
            emb = pooling::l2_normalize(&emb, 1)?;
        }
        Ok(emb.to_dtype(DType::F32)?)
    }
}
