//! Ingot's model half: the HF tokenizer with transformers' padding/truncation, the BERT
//! (with RoBERTa/XLM-RoBERTa and MPNet), EmbeddingGemma (Gemma3, bidirectional), NomicBERT,
//! ModernBERT and Qwen3 (embedding) encoders on candle-nn, the sentence-transformers pipeline
//! (pooling, Dense, Normalize, Matryoshka truncation), and sequence classification with
//! sentence-transformers' CrossEncoder (rerankers).
//!
//! Everything is `Send + Sync`; model calls take `&self`.

pub mod architectures;
pub mod bert;
pub mod cross_encoder;
pub mod device;
pub mod encoder;
pub mod error;
pub mod gemma3;
pub mod hub;
pub mod int8;
mod kernels;
pub mod modernbert;
pub mod mpnet;
pub mod nn;
pub mod nomic_bert;
pub mod pool;
pub mod pooling;
pub mod qwen3;
mod rotary;
pub mod sentence_transformer;
pub mod tokenizer;
mod tokenizer_cache;
pub mod xlm_roberta;

pub use architectures::AutoModel;
pub use bert::{BertConfig, BertModel, ModelFiles};
pub use candle_core::{DType, Device, Tensor};
pub use cross_encoder::{rank_scores, CrossEncoder, Ranked, ScoreActivation, SequenceClassifier};
pub use device::{parse_device, select_device};
pub use encoder::Encoder;
pub use error::{Error, ErrorKind, Result};
pub use gemma3::{Gemma3Config, Gemma3Model};
pub use hub::{hf_hub_cache, resolve_model_dir, sha256_file, verify_file};
pub use int8::Quantize;
pub use modernbert::{ModernBertConfig, ModernBertModel};
pub use nn::load_tensor;
pub use nomic_bert::{NomicBertConfig, NomicBertModel};
pub use pooling::{l2_normalize, mean_pool};
pub use qwen3::{Qwen3Config, Qwen3Model};
pub use sentence_transformer::SentenceTransformer;
pub use tokenizer::{with_truncation_side, Batch, Side, Tokenizer};

#[cfg(feature = "runtime")]
impl From<Error> for ingot_runtime::PyErr {
    /// ValueError stays ValueError. The runtime has no OSError class, so file errors
    /// become RuntimeError with the same message.
    fn from(e: Error) -> Self {
        let kind = match e.kind {
            ErrorKind::ValueError => ingot_runtime::ErrKind::ValueError,
            ErrorKind::OSError | ErrorKind::RuntimeError => ingot_runtime::ErrKind::RuntimeError,
        };
        ingot_runtime::PyErr { kind, msg: e.msg }
    }
}
