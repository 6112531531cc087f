//! Real weights against sentence-transformers' embeddings of 10 sentences, recorded in
//! tests/fixtures/models/<name>_real.*: all-MiniLM-L6-v2 (BERT) and all-mpnet-base-v2 (MPNet).
//! Each skips when its weights are not in the HF cache: install them with
//! tools/models/fetch_minilm.sh and tools/models/fetch_mpnet.sh.
mod common;
use common::*;
use ingot_models::{resolve_model_dir, verify_file, SentenceTransformer};

fn check_real(record: &str, install: &str, max_seq_length: usize, dim: usize) {
    let meta: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join(format!("{record}.json"))).unwrap(),
    )
    .unwrap();
    let id = meta["model"].as_str().unwrap();
    let dir = match resolve_model_dir(id) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("SKIPPED: {id} is not installed ({e}); run {install}");
            return;
        }
    };
    verify_file(
        dir.join("model.safetensors"),
        meta["model_safetensors_sha256"].as_str().unwrap(),
    )
    .unwrap();
    let want = candle_core::safetensors::load(
        fixtures().join(format!("{record}.safetensors")),
        &candle_core::Device::Cpu,
    )
    .unwrap();
    let texts: Vec<String> = meta["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let st = SentenceTransformer::load(id).unwrap();
    assert_eq!(st.max_seq_length, Some(max_seq_length));
    let got = st.encode(&texts, true, None).unwrap();
    assert_eq!(got.dims(), &[texts.len(), dim]);
    assert_close(&format!("{id} (real weights)"), &got, &want["embeddings"]);
}

#[test]
fn real_minilm_matches_sentence_transformers() {
    check_real("minilm_real", "tools/models/fetch_minilm.sh", 256, 384);
}

#[test]
fn real_mpnet_matches_sentence_transformers() {
    check_real("mpnet_real", "tools/models/fetch_mpnet.sh", 384, 768);
}
