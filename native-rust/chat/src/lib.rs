//! Ingot's chat runtime: LLM generation on candle for compiled chat functions and the
//! server. Input: a GGUF file or a transformers model folder, OpenAI-style messages and
//! generation parameters. Output: OpenAI `ChatCompletion`s and streams of
//! `ChatCompletionChunk`s. The model families are candle-transformers' own; the prompt is
//! the model's Jinja chat template rendered by minijinja; the tokenizer is HF `tokenizers`.
//!
//! ```no_run
//! use ingot_chat::{ChatModel, GenerateParams};
//! let model = ChatModel::load("SmolLM2-135M-Instruct.Q4_1.gguf")?;
//! let messages = serde_json::json!([{"role": "user", "content": "Hi!"}]);
//! for chunk in model.stream(&messages, &GenerateParams::greedy(32))? {
//!     print!("{}", chunk?.choices.first().and_then(|c| c.delta.content.clone()).unwrap_or_default());
//! }
//! # Ok::<(), ingot_chat::Error>(())
//! ```

mod error;
pub mod family;
pub mod generate;
pub mod generation_config;
pub mod ggml_ops;
pub mod gguf_tokenizer;
pub mod model;
pub mod openai;
// The thread pool lives in ingot-models so that the encoders' int8 kernels share it.
use ingot_models::pool;
pub mod py;
pub mod qkernels;
pub mod qmatmul;
mod quantized_gemma3;
mod quantized_llama;
pub mod sampling;
pub mod template;

pub use error::{Error, ErrorKind, Result};
pub use generate::{ChunkStream, GenerateParams, StreamOptions, TextStream};
pub use generation_config::GenerationConfig;
pub use model::{ChatModel, Session};
pub use openai::*;
pub use template::{validate_messages, ChatTemplate};
