//! Parity of the tiny random cross-encoders (one label and three) with transformers'
//! `AutoModelForSequenceClassification` and sentence-transformers' `CrossEncoder`
//! (references recorded by tools/models/make_cross_encoder.py).
mod common;
use common::*;
use ingot_models::{CrossEncoder, ScoreActivation, Tokenizer};

fn reference(dir: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures().join(dir).join("reference.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn floats(v: &serde_json::Value) -> Vec<f32> {
    match v {
        serde_json::Value::Array(a) => a.iter().flat_map(floats).collect(),
        other => vec![other.as_f64().unwrap() as f32],
    }
}

fn pairs(r: &serde_json::Value) -> Vec<(String, String)> {
    r["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn close(got: &[f32], want: &[f32], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= 1e-4, "{what}[{i}]: {g} vs {w}");
    }
}

#[test]
fn pair_tokenization_matches_transformers() {
    let r = reference("ce_tiny");
    let tok = Tokenizer::from_file(fixtures().join("ce_tiny")).unwrap();
    let (a, b): (Vec<String>, Vec<String>) = pairs(&r).into_iter().unzip();
    let batch = tok.encode_pair_batch(&a, &b, true, true, None).unwrap();
    let want = |k: &str| floats(&r[k]);
    assert_eq!(flat(&batch.input_ids), want("input_ids"), "input_ids");
    assert_eq!(
        flat(&batch.token_type_ids),
        want("token_type_ids"),
        "token_type_ids"
    );
    assert_eq!(
        flat(&batch.attention_mask),
        want("attention_mask"),
        "attention_mask"
    );
    let err = tok
        .encode_pair_batch(&a, &b[1..], true, true, None)
        .unwrap_err();
    assert!(err.msg.contains("does not match"), "{}", err.msg);
}

#[test]
fn one_label_predict_and_rank_match_sentence_transformers() {
    let r = reference("ce_tiny");
    let ce = CrossEncoder::load(fixtures().join("ce_tiny").to_str().unwrap()).unwrap();
    assert_eq!(ce.num_labels(), 1);
    assert_eq!(ce.activation, ScoreActivation::Sigmoid);
    let p = pairs(&r);
    close(
        &flat(&ce.logits(&p).unwrap()),
        &floats(&r["logits"]),
        "logits",
    );
    close(
        &flat(&ce.predict(&p, None, false).unwrap()),
        &floats(&r["predict_default"]),
        "predict",
    );
    close(
        &flat(
            &ce.predict(&p, Some(ScoreActivation::Identity), false)
                .unwrap(),
        ),
        &floats(&r["predict_identity"]),
        "predict identity",
    );
    let docs: Vec<String> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().to_string())
        .collect();
    let query = r["query"].as_str().unwrap();
    for (key, top_k) in [("rank", None), ("rank_top3_docs", Some(3))] {
        let got = ce.rank(query, &docs, top_k, None).unwrap();
        let want = r[key].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "{key}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(
                g.corpus_id as u64,
                w["corpus_id"].as_u64().unwrap(),
                "{key}"
            );
            assert!((g.score - w["score"].as_f64().unwrap() as f32).abs() <= 1e-4);
        }
    }
    assert_eq!(ce.rank(query, &docs, Some(-4), None).unwrap().len(), 2);
    assert!(ce.predict(&[], None, false).unwrap().dims() == [0]);
}

#[test]
fn three_labels_predict_and_softmax_match_sentence_transformers() {
    let r = reference("ce_tiny3");
    let ce = CrossEncoder::load(fixtures().join("ce_tiny3").to_str().unwrap()).unwrap();
    assert_eq!(ce.num_labels(), 3);
    assert_eq!(ce.activation, ScoreActivation::Identity);
    let p = pairs(&r);
    let pred = ce.predict(&p, None, false).unwrap();
    assert_eq!(pred.dims(), [p.len(), 3]);
    close(&flat(&pred), &floats(&r["predict_default"]), "predict");
    close(
        &flat(&ce.predict(&p, None, true).unwrap()),
        &floats(&r["predict_softmax"]),
        "softmax",
    );
    let err = ce.rank("q", &["d".to_string()], None, None).unwrap_err();
    assert!(err.msg.contains("num_labels=1"), "{}", err.msg);
}

#[test]
fn xlm_roberta_head_matches_sentence_transformers() {
    let r = reference("ce_xlmr_tiny");
    let ce = CrossEncoder::load(fixtures().join("ce_xlmr_tiny").to_str().unwrap()).unwrap();
    assert_eq!(ce.num_labels(), 1);
    let p = pairs(&r);
    let (a, b): (Vec<String>, Vec<String>) = p.iter().cloned().unzip();
    let batch = ce.tokenize(&a, &b).unwrap();
    assert_eq!(flat(&batch.input_ids), floats(&r["input_ids"]), "input_ids");
    close(
        &flat(&ce.logits(&p).unwrap()),
        &floats(&r["logits"]),
        "logits",
    );
    close(
        &flat(&ce.predict(&p, None, false).unwrap()),
        &floats(&r["predict_default"]),
        "predict",
    );
    let docs: Vec<String> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().to_string())
        .collect();
    let got = ce
        .rank(r["query"].as_str().unwrap(), &docs, None, None)
        .unwrap();
    let want: Vec<u64> = r["rank"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["corpus_id"].as_u64().unwrap())
        .collect();
    assert_eq!(
        got.iter().map(|g| g.corpus_id as u64).collect::<Vec<_>>(),
        want
    );
}
