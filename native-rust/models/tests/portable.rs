//! The candle-ops forward pass (`forward_portable`: what runs on CUDA and Metal) checked on the
//! CPU against the same transformers references as the fused kernels, so the GPU path's math
//! is tested on machines without a GPU. Also: device selection (`INGOT_DEVICE`).
mod common;
use common::*;
use ingot_models::{parse_device, AutoModel, DType, Device, Tokenizer};

fn model(dir: &str) -> AutoModel {
    AutoModel::load(
        fixtures().join(dir).to_str().unwrap(),
        DType::F32,
        &Device::Cpu,
    )
    .unwrap()
}

#[test]
fn gemma_portable_path_matches_transformers() {
    let (meta, r) = load_ref("gemma_tiny");
    let m = model("gemma_tiny");
    let only_real = meta["compare_hidden_only_real_tokens"].as_bool().unwrap();
    for (ids, mask, want) in [
        ("input_ids", "attention_mask", "last_hidden_state"),
        (
            "long_input_ids",
            "long_attention_mask",
            "long_last_hidden_state",
        ),
    ] {
        let h = m.forward_portable(&r[ids], Some(&r[mask]), None).unwrap();
        assert_close(
            &format!("gemma_tiny portable {want}"),
            &hidden_rows(&h, &r[mask], only_real),
            &hidden_rows(&r[want], &r[mask], only_real),
        );
    }
}

#[test]
fn bert_portable_path_matches_transformers() {
    let (meta, r) = load_ref("bert_tiny");
    let m = model("bert_tiny");
    let path = fixtures().join("bert_tiny");
    let tok = Tokenizer::from_file(path.join("tokenizer.json")).unwrap();
    let max_len = meta["max_length"].as_u64().unwrap() as usize;
    let batch = tok
        .encode_batch(&texts(&meta), true, true, Some(max_len))
        .unwrap();
    let h = m
        .forward_portable(
            &batch.input_ids,
            Some(&batch.attention_mask),
            Some(&batch.token_type_ids),
        )
        .unwrap();
    assert_close(
        "bert_tiny portable last_hidden_state",
        &hidden_rows(&h, &batch.attention_mask, false),
        &hidden_rows(&r["last_hidden_state"], &r["attention_mask"], false),
    );
}

#[test]
fn the_cpu_is_the_default_device() {
    assert!(parse_device("").unwrap().is_cpu());
    assert!(parse_device("cpu").unwrap().is_cpu());
    assert!(model("gemma_tiny").device().is_cpu());
    #[cfg(not(feature = "cuda"))]
    assert!(parse_device("cuda")
        .unwrap_err()
        .msg
        .contains("--features cuda"));
}

#[test]
fn fused_and_portable_agree_at_embeddinggemma_size() {
    // The full-size architecture (head_dim 256, GQA 3/1, window 512) from
    // tools/models/make_gemma_bench_model.py, when it has been built; the tiny fixture has
    // head_dim 16, so this covers the fused q/k-norm + RoPE kernel at the real width.
    // It lives in the Hugging Face cache under a made-up id, or where INGOT_GEMMA_BENCH_MODEL says.
    let dir = std::env::var("INGOT_GEMMA_BENCH_MODEL")
        .map(std::path::PathBuf::from)
        .or_else(|_| {
            ingot_models::resolve_model_dir("ingot-bench/embeddinggemma-300m-shape-random")
        })
        .unwrap_or_default();
    if !dir.join("model.safetensors").is_file() {
        eprintln!(
            "skipped: no EmbeddingGemma-size model at {} (tools/models/make_gemma_bench_model.py)",
            dir.display()
        );
        return;
    }
    let m = AutoModel::load_dir(&dir, DType::F32, &Device::Cpu).unwrap();
    // 2 rows of 40 tokens, the second padded on the left by 9.
    let ids: Vec<i64> = (0..80).map(|i| (i * 7919 + 13) % 250_000 + 3).collect();
    let mask: Vec<i64> = (0..80)
        .map(|i| if (40..49).contains(&i) { 0 } else { 1 })
        .collect();
    let ids = ingot_models::Tensor::from_vec(ids, (2, 40), &Device::Cpu).unwrap();
    let mask = ingot_models::Tensor::from_vec(mask, (2, 40), &Device::Cpu).unwrap();
    let fused = m.forward(&ids, Some(&mask), None).unwrap();
    let portable = m.forward_portable(&ids, Some(&mask), None).unwrap();
    assert_close(
        "embeddinggemma-size fused vs portable",
        &hidden_rows(&fused, &mask, true),
        &hidden_rows(&portable, &mask, true),
    );
}
