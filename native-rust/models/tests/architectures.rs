//! Parity of the architectures beyond BERT and Gemma3 (XLM-RoBERTa, MPNet) and of the
//! sentence-transformers options (CLS pooling as bge has it, weighted mean, last token, max,
//! several modes at once, a Dense with Tanh, `prompt=` and `prompt_name=`) with transformers
//! and sentence-transformers, on the tiny random-weight folders recorded by
//! tools/models/make_encoder_fixtures.py. Tolerance: max abs 1e-4, cosine 0.99999.
mod common;
use common::*;
use ingot_models::{AutoModel, DType, Device, SentenceTransformer};

#[test]
fn xlm_roberta_tiny_matches_transformers() {
    check_model("xlmr_tiny");
}

#[test]
fn mpnet_tiny_matches_transformers() {
    check_model("mpnet_tiny");
}

#[test]
fn bge_style_cls_pooling_matches_sentence_transformers() {
    check_model("bge_tiny");
}

/// 120-token inputs (past the short-sequence attention kernel; for MPNet, relative distances
/// in the logarithmic buckets), on the fused kernels and on the candle-ops path.
fn check_long(dir: &str) {
    let (_, r) = load_ref(dir);
    let m = AutoModel::load(
        fixtures().join(dir).to_str().unwrap(),
        DType::F32,
        &Device::Cpu,
    )
    .unwrap();
    let (ids, mask) = (&r["long_input_ids"], &r["long_attention_mask"]);
    assert_eq!(ids.dims()[1], 120);
    let want = hidden_rows(&r["long_last_hidden_state"], mask, true);
    let fused = m.forward(ids, Some(mask), None).unwrap();
    assert_close(
        &format!("{dir} long"),
        &hidden_rows(&fused, mask, true),
        &want,
    );
    let portable = m.forward_portable(ids, Some(mask), None).unwrap();
    assert_close(
        &format!("{dir} long portable"),
        &hidden_rows(&portable, mask, true),
        &want,
    );
}

#[test]
fn xlm_roberta_long_input_matches_transformers() {
    check_long("xlmr_tiny");
}

#[test]
fn mpnet_long_input_matches_transformers() {
    check_long("mpnet_tiny");
}

#[test]
fn the_relative_bias_and_roberta_positions_are_exercised() {
    // Without MPNet's relative bias, or with BERT's 0..t positions, the outputs must differ
    // from transformers', or the parity tests above would not check them.
    let (_, r) = load_ref("mpnet_tiny");
    let src = fixtures().join("mpnet_tiny");
    for (what, patch) in [
        ("model_type bert (no relative bias, BERT positions)", "bert"),
        ("model_type xlm-roberta (no relative bias)", "xlm-roberta"),
    ] {
        let tmp = std::env::temp_dir().join(format!("ingot-mpnet-{patch}-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        let mut cfg: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(src.join("config.json")).unwrap())
                .unwrap();
        cfg["model_type"] = serde_json::json!(patch);
        cfg["type_vocab_size"] = serde_json::json!(0);
        std::fs::write(tmp.join("config.json"), cfg.to_string()).unwrap();
        // The MPNet weights under BERT's names.
        let st =
            candle_core::safetensors::load(src.join("model.safetensors"), &Device::Cpu).unwrap();
        let renamed: std::collections::HashMap<String, candle_core::Tensor> = st
            .into_iter()
            .map(|(k, v)| {
                let k = k
                    .replace("attention.attn.q.", "attention.self.query.")
                    .replace("attention.attn.k.", "attention.self.key.")
                    .replace("attention.attn.v.", "attention.self.value.")
                    .replace("attention.attn.o.", "attention.output.dense.")
                    .replace("attention.LayerNorm.", "attention.output.LayerNorm.");
                (k, v)
            })
            .collect();
        candle_core::safetensors::save(&renamed, tmp.join("model.safetensors")).unwrap();
        let m = AutoModel::load(tmp.to_str().unwrap(), DType::F32, &Device::Cpu).unwrap();
        let h = m
            .forward(&r["input_ids"], Some(&r["attention_mask"]), None)
            .unwrap();
        let (max_abs, _) = compare_rows(
            &hidden_rows(&h, &r["attention_mask"], true),
            &hidden_rows(&r["last_hidden_state"], &r["attention_mask"], true),
        );
        std::fs::remove_dir_all(&tmp).ok();
        assert!(max_abs > 1e-2, "{what}: no effect (max_abs {max_abs})");
    }
}

#[test]
fn prompts_match_sentence_transformers() {
    // encode(texts, prompt="passage: ") and encode(texts, prompt_name="query"), e5-style.
    let (meta, r) = load_ref("xlmr_tiny");
    let st = SentenceTransformer::load(fixtures().join("xlmr_tiny").to_str().unwrap()).unwrap();
    let texts = texts(&meta);
    let got = st
        .encode_with_prompt(&texts, Some("passage: "), true, None)
        .unwrap();
    assert_close(
        "xlmr_tiny prompt=\"passage: \"",
        &got,
        &r["emb_prompt_text"],
    );
    let got = st
        .encode_with_prompt(&texts, st.prompt("query"), true, None)
        .unwrap();
    assert_close("xlmr_tiny prompt_name=query", &got, &r["emb_prompt_query"]);
}

#[test]
fn pooling_variants_match_sentence_transformers() {
    // bge_tiny's Transformer under other module lists (bge_tiny/variants/<name>).
    let (meta, r) = load_ref("bge_tiny");
    let base = fixtures().join("bge_tiny");
    let texts = texts(&meta);
    let variants: Vec<String> = meta["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert!(variants.len() >= 6, "{variants:?}");
    for name in &variants {
        let tmp = std::env::temp_dir().join(format!("ingot-variant-{name}-{}", std::process::id()));
        std::fs::remove_dir_all(&tmp).ok();
        copy_dir(&base.join("variants").join(name), &tmp);
        for f in [
            "config.json",
            "model.safetensors",
            "tokenizer.json",
            "tokenizer_config.json",
            "special_tokens_map.json",
            "sentence_bert_config.json",
        ] {
            if base.join(f).is_file() {
                std::fs::copy(base.join(f), tmp.join(f)).unwrap();
            }
        }
        let st = SentenceTransformer::load(tmp.to_str().unwrap()).unwrap();
        let got = st.encode(&texts, false, None).unwrap();
        std::fs::remove_dir_all(&tmp).ok();
        assert_close(
            &format!("bge_tiny variant {name}"),
            &got,
            &r[&format!("emb_variant_{name}")],
        );
    }
}

fn copy_dir(src: &std::path::Path, dst: &std::path::Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), to).unwrap();
        }
    }
}

#[test]
fn architectures_report_their_shape() {
    let load = |d: &str| {
        AutoModel::load(
            fixtures().join(d).to_str().unwrap(),
            DType::F32,
            &Device::Cpu,
        )
        .unwrap()
    };
    let x = load("xlmr_tiny");
    assert_eq!(x.model_type(), "xlm-roberta");
    // 130 positions, of which pad_token_id + 1 = 2 are never a token's.
    assert_eq!(x.max_position_embeddings(), 128);
    assert!(!x.uses_token_type_ids());
    let m = load("mpnet_tiny");
    assert_eq!(m.model_type(), "mpnet");
    assert_eq!(m.max_position_embeddings(), 128);
    assert!(!m.uses_token_type_ids());
    assert!(load("bge_tiny").uses_token_type_ids());
    assert!(m.downcast::<ingot_models::BertModel>().is_some());
}
