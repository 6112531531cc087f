//! Parity of the tiny random NomicBERT, ModernBERT and Qwen3 (embedding) fixtures with
//! transformers and sentence-transformers, references recorded by
//! tools/models/make_rope_encoder_fixtures.py on a padded batch of twelve texts of 1 to 64 tokens:
//! the tokenizer's ids and mask, `AutoModel(...).last_hidden_state` through the fused kernels
//! and through the candle-ops path the GPUs run, and `SentenceTransformer.encode` with every
//! recorded option and with `prompt_name="query"`.
mod common;
use common::*;
use ingot_models::{AutoModel, DType, Device, SentenceTransformer, Tokenizer};

fn check_model(dir: &str) {
    let (meta, r) = load_ref(dir);
    let path = fixtures().join(dir);
    let texts = texts(&meta);
    let max_len = meta["max_length"].as_u64().unwrap() as usize;

    let tok = Tokenizer::from_file(&path).unwrap();
    let batch = tok.encode_batch(&texts, true, true, Some(max_len)).unwrap();
    assert_eq!(
        flat(&batch.input_ids),
        flat(&r["input_ids"]),
        "{dir}: input_ids"
    );
    assert_eq!(
        flat(&batch.attention_mask),
        flat(&r["attention_mask"]),
        "{dir}: attention_mask"
    );
    // The batch is padded: rows of different lengths.
    let lengths: std::collections::BTreeSet<_> = batch.lengths.iter().collect();
    assert!(lengths.len() >= 5, "{dir}: lengths {:?}", batch.lengths);

    let only_real = meta["compare_hidden_only_real_tokens"].as_bool().unwrap();
    let model = AutoModel::load(path.to_str().unwrap(), DType::F32, &Device::Cpu).unwrap();
    let want = hidden_rows(&r["last_hidden_state"], &r["attention_mask"], only_real);
    let hidden = model.forward_batch(&batch).unwrap();
    assert_close(
        &format!("{dir} last_hidden_state"),
        &hidden_rows(&hidden, &batch.attention_mask, only_real),
        &want,
    );
    let portable = model
        .forward_portable(
            &batch.input_ids,
            Some(&batch.attention_mask),
            Some(&batch.token_type_ids),
        )
        .unwrap();
    assert_close(
        &format!("{dir} portable last_hidden_state"),
        &hidden_rows(&portable, &batch.attention_mask, only_real),
        &want,
    );

    let mut st = SentenceTransformer::load(path.to_str().unwrap()).unwrap();
    for (name, kw) in meta["encodings"].as_object().unwrap() {
        let normalize = kw["normalize_embeddings"].as_bool().unwrap();
        let td = kw
            .get("truncate_dim")
            .and_then(|v| v.as_u64())
            .map(|v| v as usize);
        let got = st.encode(&texts, normalize, td).unwrap();
        assert_close(
            &format!("{dir} encode {name}"),
            &got,
            &r[&format!("emb_{name}")],
        );
    }
    if let Some(want) = r.get("emb_prompt_query") {
        let got = st
            .encode_with_prompt(&texts, st.prompt("query"), true, None)
            .unwrap();
        assert_close(&format!("{dir} encode prompt_name=query"), &got, want);
    }
    // Smaller batches pad differently and must not change a vector.
    st.batch_size = 5;
    let got = st.encode(&texts, true, None).unwrap();
    assert_close(&format!("{dir} batch_size=5"), &got, &r["emb_normalized"]);
}

#[test]
fn nomic_bert_tiny_matches_transformers() {
    check_model("nomic_tiny");
}

#[test]
fn modernbert_tiny_matches_transformers() {
    check_model("modernbert_tiny");
}

#[test]
fn qwen3_tiny_matches_sentence_transformers() {
    check_model("qwen3_tiny");
}

#[test]
fn query_and_document_prompts_exist_without_a_config() {
    // sentence-transformers 6: every model has "query" and "document" prompts, empty unless
    // config_sentence_transformers.json sets them (the ModernBERT fixture has none).
    let st =
        SentenceTransformer::load(fixtures().join("modernbert_tiny").to_str().unwrap()).unwrap();
    assert_eq!(st.prompt("query"), Some(""));
    assert_eq!(st.prompt("document"), Some(""));
    assert_eq!(st.prompt("passage"), None);
    let nomic = SentenceTransformer::load(fixtures().join("nomic_tiny").to_str().unwrap()).unwrap();
    assert_eq!(nomic.prompt("query"), Some("search_query: "));
}

#[test]
fn nomic_original_layout_gives_the_same_model() {
    // config.json in nomic's own spelling (n_embd, n_head, rotary_emb_base, swiglu), as the
    // published nomic-embed-text checkpoints have it: the same hidden states as transformers'.
    let (meta, r) = load_ref("nomic_tiny");
    let m = AutoModel::load(
        fixtures().join("nomic_tiny/original").to_str().unwrap(),
        DType::F32,
        &Device::Cpu,
    )
    .unwrap();
    let only_real = meta["compare_hidden_only_real_tokens"].as_bool().unwrap();
    let h = m
        .forward(&r["input_ids"], Some(&r["attention_mask"]), None)
        .unwrap();
    assert_close(
        "nomic_tiny original layout",
        &hidden_rows(&h, &r["attention_mask"], only_real),
        &hidden_rows(&r["last_hidden_state"], &r["attention_mask"], only_real),
    );
}

/// Hidden states of the fixture `dir` with config.json edited by `edit`: how far they move
/// from the reference (to show that a parity test exercises what `edit` turns off).
fn drift_with_config(dir: &str, edit: impl FnOnce(&mut serde_json::Value)) -> f32 {
    let src = fixtures().join(dir);
    let tmp = std::env::temp_dir().join(format!("ingot-{dir}-edit-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut cfg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("config.json")).unwrap()).unwrap();
    edit(&mut cfg);
    std::fs::write(tmp.join("config.json"), cfg.to_string()).unwrap();
    std::fs::copy(src.join("model.safetensors"), tmp.join("model.safetensors")).unwrap();
    let (_, r) = load_ref(dir);
    let m = AutoModel::load(tmp.to_str().unwrap(), DType::F32, &Device::Cpu).unwrap();
    let h = m
        .forward(&r["input_ids"], Some(&r["attention_mask"]), None)
        .unwrap();
    std::fs::remove_dir_all(&tmp).ok();
    let mask = &r["attention_mask"];
    compare_rows(
        &hidden_rows(&h, mask, true),
        &hidden_rows(&r["last_hidden_state"], mask, true),
    )
    .0
}

#[test]
fn modernbert_fixture_exercises_the_local_window_and_both_rope_bases() {
    let wide = drift_with_config("modernbert_tiny", |c| c["local_attention"] = 4096.into());
    assert!(wide > 1e-2, "window had no effect ({wide})");
    let same_base = drift_with_config("modernbert_tiny", |c| {
        c["rope_parameters"]["sliding_attention"]["rope_theta"] =
            c["rope_parameters"]["full_attention"]["rope_theta"].clone()
    });
    assert!(
        same_base > 1e-2,
        "local RoPE base had no effect ({same_base})"
    );
}

#[test]
fn qwen3_pads_left_and_pools_the_last_token() {
    let st = SentenceTransformer::load(fixtures().join("qwen3_tiny").to_str().unwrap()).unwrap();
    let texts = vec!["a".to_string(), "a longer text than the first".to_string()];
    let b = st.tokenize(&texts).unwrap();
    // Left padding: the short row's real tokens are at the end, the last one <|endoftext|>.
    let mask = b.attention_mask.to_vec2::<i64>().unwrap();
    assert_eq!(mask[0][0], 0);
    assert_eq!(*mask[0].last().unwrap(), 1);
    let eot = st.tokenizer.inner().token_to_id("<|endoftext|>").unwrap();
    assert_eq!(*b.ids[0].last().unwrap(), eot);
    // Padding must not change a row: each text alone gives the same vector as in the batch.
    let together = st.encode(&texts, true, None).unwrap();
    for (i, t) in texts.iter().enumerate() {
        let alone = st.encode(std::slice::from_ref(t), true, None).unwrap();
        assert_close(
            &format!("qwen3 row {i} alone vs padded"),
            &alone,
            &together.narrow(0, i, 1).unwrap(),
        );
    }
    // The instruction prompt is Qwen3-Embedding's, and it changes the vector.
    let q = st.prompt("query").unwrap();
    assert!(
        q.starts_with("Instruct: ") && q.ends_with("\nQuery:"),
        "{q:?}"
    );
    let prompted = st.encode_with_prompt(&texts, Some(q), true, None).unwrap();
    assert!(compare_rows(&prompted, &together).0 > 1e-2);
}

#[test]
fn unsupported_variants_are_named_errors() {
    for (dir, key, value, needle) in [
        (
            "nomic_tiny/original",
            "rotary_emb_fraction",
            serde_json::json!(0.5),
            "rotary_emb_fraction",
        ),
        (
            "nomic_tiny/original",
            "prenorm",
            serde_json::json!(true),
            "prenorm",
        ),
        (
            "qwen3_tiny",
            "rope_parameters",
            serde_json::json!({"rope_type": "yarn", "factor": 4.0}),
            "yarn",
        ),
    ] {
        let src = fixtures().join(dir);
        let tmp = std::env::temp_dir().join(format!("ingot-bad-{key}-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        let mut cfg: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(src.join("config.json")).unwrap())
                .unwrap();
        cfg[key] = value;
        std::fs::write(tmp.join("config.json"), cfg.to_string()).unwrap();
        std::fs::copy(src.join("model.safetensors"), tmp.join("model.safetensors")).unwrap();
        let e = AutoModel::load(tmp.to_str().unwrap(), DType::F32, &Device::Cpu).unwrap_err();
        std::fs::remove_dir_all(&tmp).ok();
        assert_eq!(e.kind.name(), "ValueError", "{e}");
        assert!(
            e.msg.contains(needle) && e.msg.contains("config.json"),
            "{e}"
        );
    }
}
