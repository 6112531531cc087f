//! The model families, each one candle-transformers' implementation, chosen by the GGUF
//! `general.architecture` or the config.json `model_type`. Input: the model's files;
//! output: a [`Weights`] that makes a fresh [`Instance`] (weights shared, its own KV cache)
//! for every generation, so generations run side by side and a dropped one frees its cache.

use crate::error::{Error, Result};
use candle_core::quantized::gguf_file;
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::{
    gemma3, llama, phi3, quantized_phi3, quantized_qwen2, quantized_qwen3, qwen2, qwen3,
};
// candle-transformers' quantized gemma3, corrected (its header says how).
use crate::quantized_gemma3;
// candle-transformers' quantized llama on Ingot's quantized kernels (its header says why).
use crate::quantized_llama;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// GGUF architectures we run.
pub const GGUF_ARCHITECTURES: &[&str] = &["llama", "mistral", "qwen2", "qwen3", "gemma3", "phi3"];
/// config.json model types we run.
pub const SAFETENSORS_MODEL_TYPES: &[&str] =
    &["llama", "mistral", "qwen2", "qwen3", "gemma3_text", "phi3"];

/// A model ready to run one sequence: weights (shared) and a KV cache (its own).
pub enum Instance {
    QLlama(quantized_llama::ModelWeights),
    QQwen2(Box<quantized_qwen2::ModelWeights>),
    QQwen3(quantized_qwen3::ModelWeights),
    QGemma3(quantized_gemma3::ModelWeights),
    QPhi3(quantized_phi3::ModelWeights),
    Llama {
        model: Arc<llama::Llama>,
        cache: llama::Cache,
    },
    Qwen2(qwen2::ModelForCausalLM),
    Qwen3(qwen3::ModelForCausalLM),
    Gemma3 {
        model: gemma3::Model,
        /// The sliding window of its local layers (see `forward`).
        window: usize,
    },
    Phi3(phi3::Model),
}

impl Instance {
    /// Run `ids` (one sequence) at position `pos`; the logits of its last token.
    pub fn forward(&mut self, ids: &[u32], pos: usize, device: &Device) -> Result<Vec<f32>> {
        // candle's gemma3 masks a multi-token call with a window one position too wide, and
        // a call after earlier positions without the window at all; its single-token steps
        // (a rotating cache of `window` entries) are right. So only the first `window`
        // positions, where the window masks nothing, run as one call; the rest go one by one.
        if let Instance::Gemma3 { window, .. } = self {
            let whole = if pos == 0 { (*window).max(1) } else { 1 };
            if ids.len() > whole {
                let mut last = self.forward(&ids[..whole], pos, device)?;
                for (i, id) in ids.iter().enumerate().skip(whole) {
                    last = self.forward(std::slice::from_ref(id), pos + i, device)?;
                }
                return Ok(last);
            }
        }
        let input = Tensor::new(ids, device)?.unsqueeze(0)?;
        let out = match self {
            Instance::QLlama(m) => m.forward(&input, pos)?,
            Instance::QQwen2(m) => m.forward(&input, pos)?,
            Instance::QQwen3(m) => m.forward(&input, pos)?,
            Instance::QGemma3(m) => m.forward(&input, pos)?,
            Instance::QPhi3(m) => m.forward(&input, pos)?,
            Instance::Llama { model, cache } => model.forward(&input, pos, cache)?,
            Instance::Qwen2(m) => m.forward(&input, pos)?,
            Instance::Qwen3(m) => m.forward(&input, pos)?,
            Instance::Gemma3 { model, .. } => model.forward(&input, pos)?,
            Instance::Phi3(m) => m.forward(&input, pos)?,
        };
        // Families return [1, vocab] or [1, 1, vocab]: the last `vocab` values either way.
        let vocab = *out.dims().last().unwrap_or(&0);
        let all: Vec<f32> = out.to_dtype(DType::F32)?.flatten_all()?.to_vec1()?;
        Ok(all[all.len() - vocab..].to_vec())
    }
}

/// The loaded weights of one model, from which every generation takes an [`Instance`].
pub enum Weights {
    /// Families whose candle struct is `Clone`: a never-run copy, cloned per generation
    /// (tensors are shared by reference counting; the clone's caches are empty).
    Cloneable(Box<Instance>),
    /// candle's quantized qwen2 is not `Clone`: idle instances (caches cleared) are kept
    /// in a pool, and a new one is read from the file when the pool is empty.
    QQwen2Pool {
        path: PathBuf,
        pool: Mutex<Vec<quantized_qwen2::ModelWeights>>,
    },
}

impl Weights {
    pub fn instance(&self, device: &Device) -> Result<Instance> {
        match self {
            Weights::Cloneable(proto) => Ok(match proto.as_ref() {
                Instance::QLlama(m) => Instance::QLlama(m.clone()),
                Instance::QQwen3(m) => Instance::QQwen3(m.clone()),
                Instance::QGemma3(m) => Instance::QGemma3(m.clone()),
                Instance::QPhi3(m) => Instance::QPhi3(m.clone()),
                Instance::Llama { model, cache } => Instance::Llama {
                    model: model.clone(),
                    cache: cache.clone(),
                },
                Instance::Qwen2(m) => Instance::Qwen2(m.clone()),
                Instance::Qwen3(m) => Instance::Qwen3(m.clone()),
                Instance::Gemma3 { model, window } => Instance::Gemma3 {
                    model: model.clone(),
                    window: *window,
                },
                Instance::Phi3(m) => Instance::Phi3(m.clone()),
                Instance::QQwen2(_) => unreachable!("quantized qwen2 is pooled"),
            }),
            Weights::QQwen2Pool { path, pool } => {
                if let Some(m) = pool.lock().ok().and_then(|mut p| p.pop()) {
                    return Ok(Instance::QQwen2(Box::new(m)));
                }
                let (ct, mut file) = read_gguf(path)?;
                let m = quantized_qwen2::ModelWeights::from_gguf(ct, &mut file, device)
                    .map_err(|e| gguf_error(path, e))?;
                Ok(Instance::QQwen2(Box::new(m)))
            }
        }
    }

    /// Give an instance back when its generation ends (only the pooled family keeps it).
    pub fn release(&self, inst: Instance) {
        if let (Weights::QQwen2Pool { pool, .. }, Instance::QQwen2(mut m)) = (self, inst) {
            m.clear_kv_cache();
            if let Ok(mut p) = pool.lock() {
                p.push(*m);
            }
        }
    }
}

pub(crate) fn gguf_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::value(format!(
        "{}: not a valid GGUF model file: {e}",
        path.display()
    ))
}

/// Open a GGUF file and read its header and metadata. A truncated or corrupted file is a
/// ValueError naming it.
pub fn read_gguf(path: &Path) -> Result<(gguf_file::Content, std::fs::File)> {
    let mut file =
        std::fs::File::open(path).map_err(|e| Error::os(format!("{}: {e}", path.display())))?;
    let ct = gguf_file::Content::read(&mut file).map_err(|e| gguf_error(path, e))?;
    Ok((ct, file))
}

/// The GGUF `general.architecture`.
pub fn gguf_architecture(ct: &gguf_file::Content) -> Option<String> {
    ct.metadata
        .get("general.architecture")
        .and_then(|v| v.to_string().ok().cloned())
}

/// Load a GGUF model's weights. Returns the weights and the context length.
pub fn load_gguf(
    path: &Path,
    ct: gguf_file::Content,
    file: &mut std::fs::File,
    device: &Device,
) -> Result<(Weights, usize)> {
    let arch = gguf_architecture(&ct).ok_or_else(|| {
        Error::value(format!(
            "{}: the GGUF metadata has no general.architecture",
            path.display()
        ))
    })?;
    let ctx = |key: &str| {
        ct.metadata
            .get(&format!("{arch}.{key}"))
            .and_then(|v| {
                v.to_u32()
                    .ok()
                    .or_else(|| v.to_u64().ok().map(|x| x as u32))
            })
            .map(|v| v as usize)
    };
    let n_ctx = ctx("context_length");
    let err = |e: candle_core::Error| gguf_error(path, e);
    let one = |i: Instance| Weights::Cloneable(Box::new(i));
    Ok(match arch.as_str() {
        // Mistral GGUFs from llama.cpp's converter say "llama"; a few say "mistral" with the
        // same tensor names, which candle's llama loader reads under the `llama.` keys only.
        "llama" => {
            let m = quantized_llama::ModelWeights::from_gguf(ct, file, device).map_err(err)?;
            // candle precomputes RoPE for MAX_SEQ_LEN positions.
            let n = n_ctx.unwrap_or(quantized_llama::MAX_SEQ_LEN);
            (
                one(Instance::QLlama(m)),
                n.min(quantized_llama::MAX_SEQ_LEN),
            )
        }
        "qwen2" => {
            // Read once here to fail early on a bad file; that instance seeds the pool.
            let m = quantized_qwen2::ModelWeights::from_gguf(ct, file, device).map_err(err)?;
            (
                Weights::QQwen2Pool {
                    path: path.to_path_buf(),
                    pool: Mutex::new(vec![m]),
                },
                n_ctx.unwrap_or(32768),
            )
        }
        "qwen3" => {
            let m = quantized_qwen3::ModelWeights::from_gguf(ct, file, device).map_err(err)?;
            (one(Instance::QQwen3(m)), n_ctx.unwrap_or(32768))
        }
        "gemma3" => {
            let m = quantized_gemma3::ModelWeights::from_gguf(ct, file, device).map_err(err)?;
            let n = n_ctx.unwrap_or(quantized_gemma3::MAX_SEQ_LEN);
            (
                one(Instance::QGemma3(m)),
                n.min(quantized_gemma3::MAX_SEQ_LEN),
            )
        }
        "phi3" => {
            let m =
                quantized_phi3::ModelWeights::from_gguf(false, ct, file, device).map_err(err)?;
            (one(Instance::QPhi3(m)), n_ctx.unwrap_or(4096))
        }
        other => {
            return Err(Error::value(format!(
                "{}: GGUF architecture {other:?} is not supported (supported: {})",
                path.display(),
                GGUF_ARCHITECTURES
                    .iter()
                    .filter(|a| **a != "mistral")
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    })
}

/// transformers 5 writes `rope_parameters: {rope_theta, rope_type}` instead of a top-level
/// `rope_theta`; candle's configs read the top-level key, so lift it.
fn normalize_config(mut cfg: serde_json::Value) -> serde_json::Value {
    if let Some(obj) = cfg.as_object_mut() {
        if let Some(rp) = obj.get("rope_parameters").cloned() {
            let rp = rp.get("full_attention").cloned().unwrap_or(rp);
            if !obj.contains_key("rope_theta") {
                if let Some(t) = rp.get("rope_theta") {
                    obj.insert("rope_theta".into(), t.clone());
                }
            }
            if !obj.contains_key("rope_scaling") {
                if let Some(kind) = rp.get("rope_type").and_then(|t| t.as_str()) {
                    if kind != "default" {
                        obj.insert("rope_scaling".into(), rp.clone());
                    }
                }
            }
        }
        // Defaults transformers fills in when a key is absent.
        for (k, v) in [
            ("tie_word_embeddings", serde_json::json!(false)),
            ("use_sliding_window", serde_json::json!(false)),
            ("attention_bias", serde_json::json!(false)),
        ] {
            if !obj.contains_key(k) {
                obj.insert(k.into(), v);
            }
        }
        // transformers 5 saves `sliding_window: null` when the window is off (Qwen2, Phi-3);
        // candle's qwen2 config wants a number and reads it only with use_sliding_window.
        if obj.get("sliding_window").map(|v| v.is_null()) == Some(true) {
            let n = obj
                .get("max_position_embeddings")
                .cloned()
                .unwrap_or(serde_json::json!(4096));
            obj.insert("sliding_window".into(), n);
        }
        // Gemma 3: candle wants `sliding_window_pattern` (every Nth layer global) and
        // `rope_local_base_freq`; transformers 5 writes `_sliding_window_pattern` and
        // `layer_types`, and the local RoPE base under `rope_parameters.sliding_attention`.
        if !obj.contains_key("sliding_window_pattern") {
            let from_types = obj
                .get("layer_types")
                .and_then(|v| v.as_array())
                .and_then(|t| t.iter().position(|k| k == "full_attention"))
                .map(|i| serde_json::json!(i + 1));
            if let Some(n) = obj.get("_sliding_window_pattern").cloned().or(from_types) {
                obj.insert("sliding_window_pattern".into(), n);
            }
        }
        if !obj.contains_key("rope_local_base_freq") {
            if let Some(t) = obj
                .get("rope_parameters")
                .and_then(|rp| rp.get("sliding_attention"))
                .and_then(|rp| rp.get("rope_theta"))
                .cloned()
            {
                obj.insert("rope_local_base_freq".into(), t);
            }
        }
        if !obj.contains_key("max_window_layers") {
            let n = obj
                .get("num_hidden_layers")
                .cloned()
                .unwrap_or(serde_json::json!(0));
            obj.insert("max_window_layers".into(), n);
        }
        if !obj.contains_key("head_dim") || obj.get("head_dim").map(|v| v.is_null()) == Some(true) {
            if let (Some(h), Some(n)) = (
                obj.get("hidden_size").and_then(|v| v.as_u64()),
                obj.get("num_attention_heads").and_then(|v| v.as_u64()),
            ) {
                if n > 0 {
                    obj.insert("head_dim".into(), serde_json::json!(h / n));
                }
            }
        }
    }
    cfg
}

/// The safetensors files of a model folder: `model.safetensors`, or the shards listed in
/// `model.safetensors.index.json`.
pub fn safetensors_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let single = dir.join("model.safetensors");
    if single.is_file() {
        return Ok(vec![single]);
    }
    let index = dir.join("model.safetensors.index.json");
    if index.is_file() {
        let text = std::fs::read_to_string(&index)
            .map_err(|e| Error::os(format!("{}: {e}", index.display())))?;
        let v: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| Error::value(format!("{}: {e}", index.display())))?;
        let mut files: Vec<String> = v
            .get("weight_map")
            .and_then(|m| m.as_object())
            .map(|m| {
                m.values()
                    .filter_map(|f| f.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files.dedup();
        return Ok(files.into_iter().map(|f| dir.join(f)).collect());
    }
    Err(Error::os(format!(
        "{} has no model.safetensors, model.safetensors.index.json or .gguf file",
        dir.display()
    )))
}

/// Load a transformers model folder (config.json + safetensors) in float32.
/// Returns the weights, the context length and config.json (for its token ids).
pub fn load_safetensors(
    dir: &Path,
    device: &Device,
) -> Result<(Weights, usize, serde_json::Value)> {
    let cfg_path = dir.join("config.json");
    let text = std::fs::read_to_string(&cfg_path)
        .map_err(|e| Error::os(format!("{}: {e}", cfg_path.display())))?;
    let raw: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Error::value(format!("{}: {e}", cfg_path.display())))?;
    let cfg = normalize_config(raw.clone());
    let model_type = cfg
        .get("model_type")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    let files = safetensors_files(dir)?;
    let dtype = DType::F32;
    // SAFETY: the files are memory-mapped read-only; they were sha256-checked by the caller
    // and are not expected to change while the model is loaded.
    let vb = unsafe { VarBuilder::from_mmaped_safetensors(&files, dtype, device) }
        .map_err(|e| Error::value(format!("{}: {e}", dir.display())))?;
    let bad_cfg = |e: serde_json::Error| {
        Error::value(format!(
            "{}: not a valid {model_type} config: {e}",
            cfg_path.display()
        ))
    };
    let bad_weights = |e: candle_core::Error| {
        Error::value(format!(
            "{}: the weights do not match config.json: {e}",
            dir.display()
        ))
    };
    let max_pos = cfg
        .get("max_position_embeddings")
        .and_then(|v| v.as_u64())
        .unwrap_or(4096) as usize;
    let one = |i: Instance| Weights::Cloneable(Box::new(i));
    let weights = match model_type.as_str() {
        "llama" | "mistral" => {
            let lc: llama::LlamaConfig = serde_json::from_value(cfg.clone()).map_err(bad_cfg)?;
            let c = lc.into_config(false);
            // candle's llama loader unwraps a missing layer tensor; catch that panic so a
            // wrong file is an error, never an abort across the FFI.
            let model = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                llama::Llama::load(vb, &c)
            }))
            .map_err(|_| {
                Error::value(format!(
                    "{}: a layer tensor named by config.json is missing from the safetensors",
                    dir.display()
                ))
            })?
            .map_err(bad_weights)?;
            let cache = llama::Cache::new(true, dtype, &c, device)?;
            one(Instance::Llama {
                model: Arc::new(model),
                cache,
            })
        }
        "qwen2" => {
            let c: qwen2::Config = serde_json::from_value(cfg.clone()).map_err(bad_cfg)?;
            one(Instance::Qwen2(
                qwen2::ModelForCausalLM::new(&c, vb).map_err(bad_weights)?,
            ))
        }
        "qwen3" => {
            let c: qwen3::Config = serde_json::from_value(cfg.clone()).map_err(bad_cfg)?;
            one(Instance::Qwen3(
                qwen3::ModelForCausalLM::new(&c, vb).map_err(bad_weights)?,
            ))
        }
        "gemma3_text" | "gemma3" => {
            let tc = cfg.get("text_config").cloned().unwrap_or(cfg.clone());
            let c: gemma3::Config =
                serde_json::from_value(normalize_config(tc)).map_err(bad_cfg)?;
            let vb = if model_type == "gemma3" {
                vb.pp("language_model")
            } else {
                vb
            };
            one(Instance::Gemma3 {
                model: gemma3::Model::new(false, &c, vb).map_err(bad_weights)?,
                window: c.sliding_window,
            })
        }
        "phi3" => {
            // candle's phi3 config reads one eos id; a list (as Phi-3's own config.json has)
            // is only the generator's business, which reads config.json itself.
            let mut pc = cfg.clone();
            if let Some(o) = pc.as_object_mut() {
                o.remove("eos_token_id");
                o.remove("bos_token_id");
            }
            let c: phi3::Config = serde_json::from_value(pc).map_err(bad_cfg)?;
            one(Instance::Phi3(
                phi3::Model::new(&c, vb).map_err(bad_weights)?,
            ))
        }
        "" => {
            return Err(Error::value(format!(
                "{}: config.json has no model_type",
                cfg_path.display()
            )))
        }
        other => {
            return Err(Error::value(format!(
                "{}: model_type {other:?} is not supported (supported: {})",
                cfg_path.display(),
                SAFETENSORS_MODEL_TYPES.join(", ")
            )))
        }
    };
    Ok((weights, max_pos, raw))
}
