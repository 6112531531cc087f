//! all-MiniLM-L6-v2 with its real weights against sentence-transformers' embeddings of 10
//! sentences (tests/fixtures/models/minilm_real.*). Skips when the weights are not in the HF
//! cache: install them with tools/models/fetch_minilm.sh.
mod common;
use common::*;
use ingot_models::{resolve_model_dir, verify_file, SentenceTransformer};

#[test]
fn real_minilm_matches_sentence_transformers() {
    let meta: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("minilm_real.json")).unwrap(),
    )
    .unwrap();
    let id = meta["model"].as_str().unwrap();
    let dir = match resolve_model_dir(id) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("SKIPPED: {id} is not installed ({e}); run tools/models/fetch_minilm.sh");
            return;
        }
    };
    verify_file(
        dir.join("model.safetensors"),
        meta["model_safetensors_sha256"].as_str().unwrap(),
    )
    .unwrap();
    let want = candle_core::safetensors::load(
        fixtures().join("minilm_real.safetensors"),
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
    assert_eq!(st.max_seq_length, Some(256));
    let got = st.encode(&texts, true, None).unwrap();
    assert_eq!(got.dims(), &[10, 384]);
    assert_close("all-MiniLM-L6-v2 (real weights)", &got, &want["embeddings"]);
}
