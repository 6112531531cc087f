//! The families beyond llama and qwen3 against transformers, on tiny random-weight models
//! (tests/fixtures/chat, made by tools/chat/make_fixtures.py): qwen2 (q/k/v biases, tied
//! embeddings, gpt2 BPE with the qwen2 pre-tokenizer in its GGUF), gemma3 (text; sliding and
//! global layers with their own RoPE bases, (1 + w) norms, q/k norms) and phi3 (fused qkv and
//! gate/up projections), each as a transformers folder and as a float32 GGUF laid out the way
//! llama.cpp's converter writes that architecture. The gemma3 and phi3 GGUFs carry a
//! SentencePiece vocabulary (`tokenizer.ggml.model = "llama"`: scores, token types, byte
//! pieces; without and with `add_space_prefix`), whose tokenizer.json in the folder is
//! transformers' own reading of the same metadata.
//!
//! Each run must give transformers' rendered prompt, prompt ids, greedy ids (40 new tokens)
//! and the first and last steps' logits within 1e-4.

use ingot_chat::{ChatModel, FinishReason, GenerateParams};
use serde_json::Value;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    std::env::var_os("INGOT_CHAT_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/chat")
        })
}

fn reference(name: &str) -> Value {
    let p = fixtures().join(format!("reference_{name}.json"));
    serde_json::from_str(
        &std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
    )
    .unwrap()
}

fn ids(v: &Value) -> Vec<u32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as u32)
        .collect()
}

fn floats(v: &Value) -> Vec<f32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap() as f32)
        .collect()
}

fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len(), "logit rows differ in length");
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

/// `file` (a folder or a .gguf) against transformers' reference for the model `name`: the
/// rendered prompt and its ids, the greedy ids and logits of the session API, and the text and
/// finish reason of the generation API (transformers' `decode(skip_special_tokens=True)`).
fn check(name: &str, file: &str) {
    let r = reference(name);
    let m = ChatModel::load(fixtures().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    for case in r["cases"].as_array().unwrap() {
        let cname = case["name"].as_str().unwrap();
        let kwargs = case["template_kwargs"]
            .as_object()
            .filter(|o| !o.is_empty());
        let prompt = m.render_with(&case["messages"], true, kwargs).unwrap();
        assert_eq!(
            prompt,
            case["prompt"].as_str().unwrap(),
            "{file}/{cname}: rendered prompt"
        );
        let prompt_ids = m.encode(&prompt, false).unwrap();
        assert_eq!(
            prompt_ids,
            ids(&case["prompt_ids"]),
            "{file}/{cname}: prompt ids"
        );
        let want = ids(&case["new_ids"]);
        assert!(want.len() >= 32, "{name}/{cname}: reference too short");

        let mut s = m.session().unwrap();
        let mut logits = s.forward(&prompt_ids).unwrap();
        let first = logits.clone();
        let mut got = vec![];
        loop {
            let t = ingot_chat::sampling::argmax(&logits);
            got.push(t);
            if got.len() == want.len() {
                break;
            }
            logits = s.forward(&[t]).unwrap();
        }
        assert_eq!(got, want, "{file}/{cname}: greedy ids");
        let d_first = max_abs_diff(&first, &floats(&case["first_logits"]));
        let d_last = max_abs_diff(&logits, &floats(&case["last_logits"]));
        assert!(
            d_first < 1e-4 && d_last < 1e-4,
            "{file}/{cname}: logits differ by {d_first} (first) / {d_last} (last)"
        );

        if kwargs.is_none() {
            let params = GenerateParams::greedy(want.len() as i64);
            let c = m.create(&case["messages"], &params).unwrap();
            let c = &c.choices[0];
            assert_eq!(
                c.message.content,
                case["text"].as_str().unwrap(),
                "{file}/{cname}: text"
            );
            assert_eq!(
                c.finish_reason,
                FinishReason::Length,
                "{file}/{cname}: finish_reason"
            );
        }
    }
}

#[test]
fn qwen2_folder_matches_transformers() {
    check("qwen2_tiny", "qwen2_tiny");
}

#[test]
fn qwen2_gguf_f32_matches_transformers() {
    check("qwen2_tiny", "qwen2_tiny.f32.gguf");
}

// The random SentencePiece models emit runs of byte pieces that are not UTF-8, which the
// decoder writes as one U+FFFD per piece: the streamed text must still equal transformers'.
#[test]
fn gemma3_folder_matches_transformers() {
    check("gemma3_tiny", "gemma3_tiny");
}

/// SentencePiece vocabulary without a space prefix (`add_space_prefix = false`, as Gemma's).
/// The model is our corrected copy of candle's quantized gemma3 (`src/quantized_gemma3.rs`).
#[test]
fn gemma3_gguf_f32_matches_transformers() {
    check("gemma3_tiny", "gemma3_tiny.f32.gguf");
}

#[test]
fn phi3_folder_matches_transformers() {
    check("phi3_tiny", "phi3_tiny");
}

/// SentencePiece vocabulary with a space prefix after every special token, as llama.cpp and
/// transformers' Phi-3 tokenizer both add it.
#[test]
fn phi3_gguf_f32_matches_transformers() {
    check("phi3_tiny", "phi3_tiny.f32.gguf");
}
