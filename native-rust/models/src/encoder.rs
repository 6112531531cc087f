//! The interface every encoder architecture implements: token ids in, `last_hidden_state`
//! out. `AutoModel` (src/architectures.rs chooses the implementation from config.json) and the
//! sentence-transformers pipeline only ever see this trait, so a new architecture is its own
//! file plus one row of the loader table.

use crate::error::Result;
use crate::nn::LinearMap;
use crate::tokenizer::Side;
use candle_core::{Device, Tensor};
use std::any::Any;
use std::fmt::Debug;
use std::sync::Arc;

/// A loaded encoder. `Send + Sync`; every call takes `&self`, so one model serves many threads.
pub trait Encoder: Send + Sync + Debug {
    /// `model(input_ids, attention_mask, token_type_ids).last_hidden_state`: `[b, t]` integer
    /// tensors in, `[b, t, hidden]` f32 out, on the CPU. `attention_mask` defaults to all ones;
    /// `token_type_ids` defaults to zeros and is ignored by architectures without them.
    /// On a GPU an implementation runs `forward_portable` and copies the result back.
    fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor>;

    /// `last_hidden_state` where `attention_mask` is 1, for callers that read nothing else
    /// (pooling under the mask, as every sentence-transformers Pooling mode does). Values
    /// at padded positions are unspecified: an implementation may skip the padded rows'
    /// work entirely and leave zeros there. By default, `forward` with the mask.
    fn forward_real_tokens(
        &self,
        input_ids: &Tensor,
        attention_mask: &Tensor,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor> {
        self.forward(input_ids, Some(attention_mask), token_type_ids)
    }

    /// The same forward pass with candle's ops only, on the model's device, the result left
    /// there: what CUDA and Metal run, and on the CPU the reference for the fused kernels.
    fn forward_portable(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
    ) -> Result<Tensor>;

    /// Where the weights are.
    fn device(&self) -> &Device;

    /// Width of `last_hidden_state`.
    fn hidden_size(&self) -> usize;

    /// The longest input the position scheme allows (sentence-transformers caps
    /// `max_seq_length` by it when sentence_bert_config.json does not say).
    fn max_position_embeddings(&self) -> usize;

    /// The longest input the model runs at all: past it the Python model raises, because a learned
    /// table of absolute positions runs out (BERT, RoBERTa, MPNet). `None` where positions are
    /// computed (RoPE), which run at any length.
    fn position_limit(&self) -> Option<usize> {
        None
    }

    /// Whether `token_type_ids` change the output (BERT's segment embeddings). When false,
    /// callers need not build them and `forward` ignores them.
    fn uses_token_type_ids(&self) -> bool {
        false
    }

    /// A padding side the architecture needs whatever its tokenizer config says (for
    /// example a causal backbone read at its last token). `None`: the tokenizer's own.
    fn padding_side(&self) -> Option<Side> {
        None
    }

    /// The same model with every linear layer of its blocks rewritten by `f` (how the int8
    /// mode quantizes any architecture: `crate::int8::quantize_encoder`). `None` when the
    /// architecture does not expose its layers this way.
    fn map_linears(&self, _f: &LinearMap) -> Result<Option<Arc<dyn Encoder>>> {
        Ok(None)
    }

    /// The concrete model, for code that needs more than the trait (a task head that reads
    /// an architecture's own weights).
    fn as_any(&self) -> &dyn Any;
}
