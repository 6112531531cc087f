//! The per-call truncation side (`with_truncation_side`) against sentence-transformers with
//! `model.tokenizer.truncation_side` set, recorded by tools/truncation/record.py on the tiny BERT
//! (the real all-MiniLM-L6-v2 tokenizer, max_seq_length 24): the same token ids and embeddings
//! (1e-4) for each side, and the tokenizer's own side again once the call returns.
mod common;
use common::*;
use ingot_models::{with_truncation_side, SentenceTransformer, Side};

fn record() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(fixtures().join("truncation_side.json")).unwrap())
        .unwrap()
}

fn ids(v: &serde_json::Value) -> Vec<Vec<u32>> {
    serde_json::from_value(v.clone()).unwrap()
}

fn check(st: &SentenceTransformer, rec: &serde_json::Value, texts: &[String], name: &str) {
    let batch = st.tokenize(texts).unwrap();
    assert_eq!(batch.ids, ids(&rec["input_ids"]), "{name}: token ids");
    let got = st
        .encode(texts, false, None)
        .unwrap()
        .to_vec2::<f32>()
        .unwrap();
    let want: Vec<Vec<f64>> = serde_json::from_value(rec["embeddings"].clone()).unwrap();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let diff = g
            .iter()
            .zip(w)
            .map(|(a, b)| (*a as f64 - b).abs())
            .fold(0.0, f64::max);
        assert!(diff <= 1e-4, "{name}: text {i} differs by {diff}");
    }
}

#[test]
fn left_and_right_truncation_match_sentence_transformers() {
    let rec = record();
    let st = SentenceTransformer::load_dir(&fixtures().join("bert_tiny")).unwrap();
    let texts: Vec<String> = serde_json::from_value(rec["texts"].clone()).unwrap();
    // The two long texts really are cut, and differently on each side.
    assert_ne!(rec["left"]["input_ids"][0], rec["right"]["input_ids"][0]);
    with_truncation_side(Side::Left, || check(&st, &rec["left"], &texts, "left"));
    with_truncation_side(Side::Right, || check(&st, &rec["right"], &texts, "right"));
    // Outside the call the tokenizer's own side (right, from tokenizer_config.json) holds again.
    check(&st, &rec["right"], &texts, "default after a left call");
}

#[test]
fn calls_nest_and_restore_the_outer_side() {
    let rec = record();
    let st = SentenceTransformer::load_dir(&fixtures().join("bert_tiny")).unwrap();
    let texts: Vec<String> = serde_json::from_value(rec["texts"].clone()).unwrap();
    with_truncation_side(Side::Left, || {
        with_truncation_side(Side::Right, || {
            check(&st, &rec["right"], &texts, "inner right")
        });
        check(&st, &rec["left"], &texts, "outer left after the inner call");
    });
}

#[test]
fn side_names_parse_in_any_case() {
    assert_eq!(Side::parse("left").unwrap(), Side::Left);
    assert_eq!(Side::parse("Left").unwrap(), Side::Left);
    assert_eq!(Side::parse("RIGHT").unwrap(), Side::Right);
    let e = Side::parse("middle").unwrap_err();
    assert_eq!(e.kind.name(), "ValueError");
}
