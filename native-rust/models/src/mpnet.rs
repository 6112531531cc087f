//! MPNet (all-mpnet-base-v2): BERT's post-LayerNorm encoder with RoBERTa's positions (from
//! `padding_idx + 1`, with padding_idx fixed at 1 as transformers' MPNetEmbeddings has it),
//! no token types, attention weights named `attention.attn.{q,k,v,o}`, and a bucketed
//! relative position bias (T5's scheme, bidirectional, 32 buckets, max distance 128) added to
//! every layer's scores from one shared table. It runs on `BertModel`'s fused kernels, which
//! take the bias per head; this file configures it and defines the buckets.

use crate::bert::{BertConfig, BertLayout, BertModel, ModelFiles};
use crate::error::{Error, Result};
use candle_core::{DType, Device};

/// MPNetModel's weight names, relative to `encoder.layer.N.attention`.
pub const MPNET_LAYOUT: BertLayout = BertLayout {
    prefixes: &["", "mpnet.", "model."],
    query: "attn.q",
    key: "attn.k",
    value: "attn.v",
    attn_out: "attn.o",
    attn_ln: "LayerNorm",
};

/// transformers computes buckets with these, whatever config.json says.
const NUM_BUCKETS: i64 = 32;
const MAX_DISTANCE: f64 = 128.0;

/// The bucket of `key - query` (`MPNetEncoder.relative_position_bucket`): exact buckets for
/// distances under 8, logarithmic ones up to 128, the two directions apart. The arithmetic is
/// torch's, in f32, so the bucket edges fall where torch puts them.
pub fn relative_position_bucket(relative_position: i64) -> usize {
    let half = NUM_BUCKETS / 2;
    let n = -relative_position;
    let mut ret = if n < 0 { half } else { 0 };
    let n = n.abs();
    let max_exact = half / 2;
    if n < max_exact {
        ret += n;
    } else {
        let scale = (MAX_DISTANCE / max_exact as f64).ln() as f32;
        let large = max_exact
            + ((n as f32 / max_exact as f32).ln() / scale * (half - max_exact) as f32) as i64;
        ret += large.min(half - 1);
    }
    ret as usize
}

/// MPNet's config.json as the BERT encoder takes it.
pub fn config(cfg: &serde_json::Value) -> Result<BertConfig> {
    let mut c = BertConfig::from_json(cfg)?;
    c.type_vocab_size = 0;
    c.position_padding_idx = Some(1);
    let buckets = cfg
        .get("relative_attention_num_buckets")
        .and_then(|v| v.as_u64())
        .unwrap_or(NUM_BUCKETS as u64) as usize;
    if buckets < NUM_BUCKETS as usize {
        return Err(Error::value(format!(
            "relative_attention_num_buckets {buckets} is below the {NUM_BUCKETS} buckets MPNet computes"
        )));
    }
    c.relative_attention_num_buckets = Some(buckets);
    Ok(c)
}

pub fn load(files: impl Into<ModelFiles>, dtype: DType, device: &Device) -> Result<BertModel> {
    BertModel::load_with(files, dtype, device, config, &MPNET_LAYOUT)
}

#[cfg(test)]
mod tests {
    #[test]
    fn buckets_match_torch() {
        // transformers' MPNetEncoder.relative_position_bucket over -600..600, recorded with torch.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/models/mpnet_buckets.json"
        );
        let want: Vec<usize> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for (k, w) in want.iter().enumerate() {
            let rel = k as i64 - 600;
            assert_eq!(super::relative_position_bucket(rel), *w, "relative {rel}");
        }
    }
}
