//! `AutoModel.from_pretrained(dir)`: config.json's `model_type` picks a loader from one table,
//! and the loaded encoder is used through the `Encoder` trait. The table's names are exactly
//! those of architectures.json beside this crate (a test holds them equal), which is also the
//! list the compiler accepts at compile time. Adding an architecture: its file, its row in
//! `LOADERS`, its entry in architectures.json.

use crate::bert::BertModel;
use crate::encoder::Encoder;
use crate::error::{Error, Result};
use crate::gemma3::Gemma3Model;
use crate::hub::{read_json, resolve_model_dir};
use crate::modernbert::ModernBertModel;
use crate::nomic_bert::NomicBertModel;
use crate::qwen3::Qwen3Model;
use crate::tokenizer::{Batch, Side};
use candle_core::{DType, Device, Tensor};
use std::path::Path;
use std::sync::Arc;

/// Loads one architecture from a folder holding config.json and model.safetensors.
pub type Loader = fn(&Path, DType, &Device) -> Result<Arc<dyn Encoder>>;

/// `model_type` (as config.json spells it, aliases included) -> loader.
pub const LOADERS: &[(&str, Loader)] = &[
    ("bert", |d, t, dev| {
        Ok(Arc::new(BertModel::load(d, t, dev)?))
    }),
    ("gemma3_text", |d, t, dev| {
        Ok(Arc::new(Gemma3Model::load(d, t, dev)?))
    }),
    ("gemma3", |d, t, dev| {
        Ok(Arc::new(Gemma3Model::load(d, t, dev)?))
    }),
    ("xlm-roberta", |d, t, dev| {
        Ok(Arc::new(crate::xlm_roberta::load(d, t, dev)?))
    }),
    ("roberta", |d, t, dev| {
        Ok(Arc::new(crate::xlm_roberta::load(d, t, dev)?))
    }),
    ("mpnet", |d, t, dev| {
        Ok(Arc::new(crate::mpnet::load(d, t, dev)?))
    }),
    ("nomic_bert", |d, t, dev| {
        Ok(Arc::new(NomicBertModel::load(d, t, dev)?))
    }),
    ("modernbert", |d, t, dev| {
        Ok(Arc::new(ModernBertModel::load(d, t, dev)?))
    }),
    ("qwen3", |d, t, dev| {
        Ok(Arc::new(Qwen3Model::load(d, t, dev)?))
    }),
];

/// architectures.json, the list shared with the compiler.
pub const ARCHITECTURES_JSON: &str = include_str!("../architectures.json");

/// The loader for a `model_type`, if Ingot runs it.
pub fn loader(model_type: &str) -> Option<Loader> {
    LOADERS
        .iter()
        .find(|(name, _)| *name == model_type)
        .map(|(_, l)| *l)
}

/// "bert (all-MiniLM-L6-v2, ...), gemma3_text (EmbeddingGemma)": the supported list for
/// error messages, from architectures.json.
pub fn supported_list() -> String {
    let table: serde_json::Value = serde_json::from_str(ARCHITECTURES_JSON).unwrap_or_default();
    let items: Vec<String> = table["encoders"]
        .as_array()
        .map(|a| a.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|e| {
            format!(
                "{} ({})",
                e["model_type"].as_str().unwrap_or(""),
                e["examples"].as_str().unwrap_or("")
            )
        })
        .collect();
    items.join(", ")
}

/// A loaded encoder of any supported architecture. Cheap to clone (the weights are shared).
#[derive(Debug, Clone)]
pub struct AutoModel {
    encoder: Arc<dyn Encoder>,
    model_type: String,
}

impl AutoModel {
    /// Picks the architecture from config.json's `model_type`. `id_or_path` may be a
    /// folder or a hub id present in the local HF cache.
    pub fn load(id_or_path: &str, dtype: DType, device: &Device) -> Result<Self> {
        let dir = resolve_model_dir(id_or_path)?;
        Self::load_dir(&dir, dtype, device)
    }

    pub fn load_dir(dir: &Path, dtype: DType, device: &Device) -> Result<Self> {
        let cfg = read_json(&dir.join("config.json"))?;
        let mt = cfg.get("model_type").and_then(|v| v.as_str()).unwrap_or("");
        let load = loader(mt).ok_or_else(|| {
            Error::value(format!(
                "{}: model_type {mt:?} is not supported (supported: {})",
                dir.display(),
                supported_list()
            ))
        })?;
        Ok(AutoModel {
            encoder: load(dir, dtype, device)?,
            model_type: mt.to_string(),
        })
    }

    /// An already loaded encoder (for tests and task heads built around one).
    pub fn from_encoder(encoder: Arc<dyn Encoder>, model_type: impl Into<String>) -> Self {
        AutoModel {
            encoder,
            model_type: model_type.into(),
        }
    }

    /// The same model with its linear layers in the given mode (`ingot compile --quantize`:
    /// `crate::int8`).
    pub fn quantized(&self, q: crate::int8::Quantize) -> Result<Self> {
        Ok(AutoModel {
            encoder: crate::int8::quantize_encoder(&self.encoder, q, &self.model_type)?,
            model_type: self.model_type.clone(),
        })
    }

    /// config.json's `model_type`.
    pub fn model_type(&self) -> &str {
        &self.model_type
    }

    /// The encoder behind the trait.
    pub fn encoder(&self) -> &dyn Encoder {
        self.encoder.as_ref()
    }

    /// The concrete model, when it is a `T`.
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        self.encoder.as_any().downcast_ref::<T>()
    }

    /// `model(input_ids, attention_mask, token_type_ids).last_hidden_state` (`[b, t, hidden]`).
    pub fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        self.check_length(input_ids)?;
        self.encoder
            .forward(input_ids, attention_mask, token_type_ids)
    }

    /// An input longer than the model's position table is a RuntimeError, as PyTorch raises it
    /// (where transformers' tokenizer did not truncate: its `model_max_length` may exceed the
    /// table), naming the token count and the limit instead of a failed tensor op.
    fn check_length(&self, input_ids: &Tensor) -> Result<()> {
        let tokens = input_ids.dims().get(1).copied().unwrap_or(0);
        match self.encoder.position_limit() {
            Some(limit) if tokens > limit => Err(Error::runtime(format!(
                "the input has {tokens} tokens, but this {} model accepts at most {limit} \
                 (its position embeddings); tokenize with truncation=True and max_length={limit}",
                self.model_type
            ))),
            _ => Ok(()),
        }
    }

    /// The forward pass with candle's ops only, on the model's device; the result stays there.
    pub fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        self.check_length(input_ids)?;
        self.encoder
            .forward_portable(input_ids, attention_mask, token_type_ids)
    }

    /// Run on a tokenized batch (token types only where the architecture has them).
    pub fn forward_batch(&self, batch: &Batch) -> Result<Tensor> {
        let tt = if self.encoder.uses_token_type_ids() {
            Some(&batch.token_type_ids)
        } else {
            None
        };
        self.forward(&batch.input_ids, Some(&batch.attention_mask), tt)
    }

    /// `forward_batch` for callers that read only the real tokens (pooling): the padded
    /// positions of the result are unspecified, so the encoder may skip them
    /// (`Encoder::forward_real_tokens`).
    pub fn forward_batch_real_tokens(&self, batch: &Batch) -> Result<Tensor> {
        let tt = if self.encoder.uses_token_type_ids() {
            Some(&batch.token_type_ids)
        } else {
            None
        };
        self.check_length(&batch.input_ids)?;
        self.encoder
            .forward_real_tokens(&batch.input_ids, &batch.attention_mask, tt)
    }

    /// Where the encoder's weights are.
    pub fn device(&self) -> &Device {
        self.encoder.device()
    }

    pub fn hidden_size(&self) -> usize {
        self.encoder.hidden_size()
    }

    pub fn max_position_embeddings(&self) -> usize {
        self.encoder.max_position_embeddings()
    }

    pub fn uses_token_type_ids(&self) -> bool {
        self.encoder.uses_token_type_ids()
    }

    /// The longest input the model runs (`Encoder::position_limit`).
    pub fn position_limit(&self) -> Option<usize> {
        self.encoder.position_limit()
    }

    pub fn padding_side(&self) -> Option<Side> {
        self.encoder.padding_side()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_loader_table_and_architectures_json_name_the_same_model_types() {
        let table: serde_json::Value = serde_json::from_str(ARCHITECTURES_JSON).unwrap();
        let mut from_json = BTreeSet::new();
        for e in table["encoders"].as_array().unwrap() {
            from_json.insert(e["model_type"].as_str().unwrap().to_string());
            for a in e["aliases"].as_array().unwrap() {
                from_json.insert(a.as_str().unwrap().to_string());
            }
            assert!(
                !e["classes"].as_array().unwrap().is_empty(),
                "{e}: no transformers class"
            );
            assert!(e["name"].is_string() && e["examples"].is_string(), "{e}");
        }
        let from_rust: BTreeSet<String> = LOADERS.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(
            from_json, from_rust,
            "architectures.json and LOADERS must list the same model_types"
        );
        assert_eq!(
            from_rust.len(),
            LOADERS.len(),
            "a model_type is listed twice"
        );
    }

    #[test]
    fn the_supported_list_names_every_architecture() {
        let s = supported_list();
        assert!(s.starts_with("bert ("), "{s}");
        assert!(s.contains("gemma3_text (EmbeddingGemma)"), "{s}");
    }
}
