//! XLM-RoBERTa (multilingual-e5, bge-m3's dense output, paraphrase-multilingual, most
//! multilingual rerankers) and RoBERTa: BERT's encoder with RoBERTa's positions, which count
//! non-pad tokens from `pad_token_id + 1` (transformers' `create_position_ids_from_input_ids`),
//! a one-row token type table, and weights under `roberta.` in task checkpoints. It runs on
//! `BertModel`'s fused kernels; this file only configures it.

use crate::bert::{BertConfig, BertLayout, BertModel, ModelFiles, BERT_LAYOUT};
use crate::error::Result;
use candle_core::{DType, Device};

/// XLMRobertaModel's weight names: BERT's, with `roberta.` as a task model's prefix.
pub const XLM_ROBERTA_LAYOUT: BertLayout = BertLayout {
    prefixes: &["", "roberta.", "model."],
    ..BERT_LAYOUT
};

/// config.json as BERT reads it, with RoBERTa's position counting from `pad_token_id`.
pub fn config(cfg: &serde_json::Value) -> Result<BertConfig> {
    let mut c = BertConfig::from_json(cfg)?;
    c.position_padding_idx = Some(
        cfg.get("pad_token_id")
            .and_then(|v| v.as_u64())
            .unwrap_or(1) as usize,
    );
    Ok(c)
}

pub fn load(files: impl Into<ModelFiles>, dtype: DType, device: &Device) -> Result<BertModel> {
    BertModel::load_with(files, dtype, device, config, &XLM_ROBERTA_LAYOUT)
}
