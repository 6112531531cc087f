//! Ingot's model half: the HF tokenizer with transformers' padding/truncation, BERT and
//! EmbeddingGemma (Gemma3, bidirectional) encoders on candle-nn, and the
//! sentence-transformers pipeline (pooling, Dense, Normalize, Matryoshka truncation), and
//! sequence classification with sentence-transformers' CrossEncoder (rerankers).
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
mod kernels;
pub mod mpnet;
pub mod nn;
pub mod pooling;
pub mod sentence_transformer;
pub mod tokenizer;
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
pub use nn::load_tensor;
pub use pooling::{l2_normalize, mean_pool};
pub use sentence_transformer::SentenceTransformer;
pub use tokenizer::{Batch, Side, Tokenizer};

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
