//! Parity of the tiny random BERT and Gemma3 fixtures with transformers / sentence-transformers
//! (references recorded by tools/models/make_fixtures.py).
mod common;
use common::*;
use ingot_models::{AutoModel, DType, Device, SentenceTransformer, Tokenizer};

#[test]
fn bert_tiny_matches_transformers() {
    check_model("bert_tiny");
}

#[test]
fn gemma_tiny_matches_transformers() {
    check_model("gemma_tiny");
}

#[test]
fn batch_size_does_not_change_embeddings() {
    for dir in ["bert_tiny", "gemma_tiny"] {
        let (meta, r) = load_ref(dir);
        let mut st = SentenceTransformer::load(fixtures().join(dir).to_str().unwrap()).unwrap();
        st.batch_size = 3;
        let got = st.encode(&texts(&meta), true, None).unwrap();
        assert_close(&format!("{dir} batch_size=3"), &got, &r["emb_normalized"]);
    }
}

#[test]
fn empty_inputs() {
    for dir in ["bert_tiny", "gemma_tiny"] {
        let st = SentenceTransformer::load(fixtures().join(dir).to_str().unwrap()).unwrap();
        let dim = st.embedding_dim();
        assert_eq!(st.encode(&[], true, None).unwrap().dims(), &[0, dim]);
        assert_eq!(st.encode(&[], true, Some(8)).unwrap().dims(), &[0, 8]);
        let one = st.encode(&["".to_string()], true, None).unwrap();
        assert_eq!(one.dims(), &[1, dim]);
        let v = flat(&one);
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!(
            (norm - 1.0).abs() < 1e-5,
            "empty string embedding norm {norm}"
        );
        let b = st.tokenizer.encode_batch(&[], true, true, None).unwrap();
        assert_eq!(b.input_ids.dims(), &[0, 0]);
        let h = st.model.forward_batch(&b).unwrap();
        assert_eq!(h.dims()[0], 0);
    }
}

#[test]
fn bad_arguments_are_errors_not_panics() {
    let st = SentenceTransformer::load(fixtures().join("gemma_tiny").to_str().unwrap()).unwrap();
    let e = st.encode(&["x".into()], true, Some(0)).unwrap_err();
    assert_eq!(e.kind.name(), "ValueError");
    let e = st.encode(&["x".into()], true, Some(10_000)).unwrap_err();
    assert!(e.to_string().starts_with("ValueError: truncate_dim"), "{e}");
    let e = SentenceTransformer::load("/nonexistent/model/dir").unwrap_err();
    assert!(e.to_string().contains("/nonexistent/model/dir"), "{e}");
    // A corrupt weights file is an error naming the file.
    let tmp = std::env::temp_dir().join(format!("ingot-models-bad-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::copy(
        fixtures().join("bert_tiny/config.json"),
        tmp.join("config.json"),
    )
    .unwrap();
    std::fs::write(tmp.join("model.safetensors"), b"not a safetensors file").unwrap();
    let e = AutoModel::load(tmp.to_str().unwrap(), DType::F32, &Device::Cpu).unwrap_err();
    assert!(e.msg.contains("model.safetensors"), "{e}");
    std::fs::write(tmp.join("config.json"), b"{").unwrap();
    let e = AutoModel::load(tmp.to_str().unwrap(), DType::F32, &Device::Cpu).unwrap_err();
    assert!(e.msg.contains("config.json"), "{e}");
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn models_are_send_sync_and_thread_safe() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SentenceTransformer>();
    assert_send_sync::<AutoModel>();
    assert_send_sync::<Tokenizer>();
    let (meta, r) = load_ref("gemma_tiny");
    let st = std::sync::Arc::new(
        SentenceTransformer::load(fixtures().join("gemma_tiny").to_str().unwrap()).unwrap(),
    );
    let texts = texts(&meta);
    let want = r["emb_normalized"].clone();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (st, texts, want) = (st.clone(), texts.clone(), want.clone());
            std::thread::spawn(move || {
                for _ in 0..3 {
                    let got = st.encode(&texts, true, None).unwrap();
                    let (max_abs, _) = compare_rows(&got, &want);
                    assert!(max_abs <= 1e-4);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn gemma_fixture_exercises_the_sliding_window() {
    // Same weights with the window removed must give different hidden states; otherwise the
    // parity test above would not be checking the window at all.
    let src = fixtures().join("gemma_tiny");
    let tmp = std::env::temp_dir().join(format!("ingot-gemma-nowindow-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut cfg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("config.json")).unwrap()).unwrap();
    cfg["sliding_window"] = serde_json::json!(4096);
    std::fs::write(tmp.join("config.json"), cfg.to_string()).unwrap();
    std::fs::copy(src.join("model.safetensors"), tmp.join("model.safetensors")).unwrap();
    let (_, r) = load_ref("gemma_tiny");
    let m = AutoModel::load(tmp.to_str().unwrap(), DType::F32, &Device::Cpu).unwrap();
    let h = m
        .forward(&r["input_ids"], Some(&r["attention_mask"]), None)
        .unwrap();
    let (max_abs, _) = compare_rows(
        &hidden_rows(&h, &r["attention_mask"], true),
        &hidden_rows(&r["last_hidden_state"], &r["attention_mask"], true),
    );
    std::fs::remove_dir_all(&tmp).ok();
    assert!(max_abs > 1e-2, "window had no effect (max_abs {max_abs})");
}

#[test]
fn gemma_tiny_long_input_matches_transformers() {
    // 120 tokens: past the short-sequence attention path, window and padding both active.
    let (_, r) = load_ref("gemma_tiny");
    let m = AutoModel::load(
        fixtures().join("gemma_tiny").to_str().unwrap(),
        DType::F32,
        &Device::Cpu,
    )
    .unwrap();
    assert_eq!(r["long_input_ids"].dims()[1], 120);
    let h = m
        .forward(&r["long_input_ids"], Some(&r["long_attention_mask"]), None)
        .unwrap();
    let mask = &r["long_attention_mask"];
    assert_close(
        "gemma_tiny long last_hidden_state",
        &hidden_rows(&h, mask, true),
        &hidden_rows(&r["long_last_hidden_state"], mask, true),
    );
}

#[test]
fn gemma_tiny_prompt_matches_sentence_transformers() {
    // encode(texts, prompt_name="query") with EmbeddingGemma's prompt table.
    let (meta, r) = load_ref("gemma_tiny");
    let st = SentenceTransformer::load(fixtures().join("gemma_tiny").to_str().unwrap()).unwrap();
    assert_eq!(st.prompt("query"), Some("task: search result | query: "));
    assert_eq!(st.default_prompt_name, None);
    let got = st
        .encode_with_prompt(&texts(&meta), st.prompt("query"), true, None)
        .unwrap();
    assert_close("gemma_tiny prompt_name=query", &got, &r["emb_prompt_query"]);
    // Some("") and None (no default prompt) both mean no prompt.
    let plain = st
        .encode_with_prompt(&texts(&meta), Some(""), true, None)
        .unwrap();
    assert_close("gemma_tiny prompt=\"\"", &plain, &r["emb_normalized"]);
}

#[cfg(feature = "runtime")]
#[test]
fn errors_convert_to_runtime_pyerr() {
    let e = SentenceTransformer::load("/nonexistent/dir").unwrap_err();
    let p: ingot_runtime::PyErr = e.clone().into();
    assert_eq!(p.kind, ingot_runtime::ErrKind::RuntimeError);
    assert_eq!(p.msg, e.msg);
    let v: ingot_runtime::PyErr = ingot_models::Error::value("bad").into();
    assert_eq!(v.to_string(), "ValueError: bad");
}

#[test]
fn packed_real_tokens_equal_the_padded_forward_at_every_padding() {
    // Right and left padding, a row with nothing padded, rows of one token, and (for MPNet) the
    // relative position bias and RoBERTa-style positions: the packed forward reads each row's
    // run of real tokens wherever it sits, and must give the padded forward's values there.
    for dir in ["bert_tiny", "mpnet_tiny", "bge_tiny"] {
        let model = AutoModel::load(
            fixtures().join(dir).to_str().unwrap(),
            DType::F32,
            &Device::Cpu,
        )
        .unwrap();
        let t = 9usize;
        // (first real column, length) per row; ids are arbitrary small non-pad tokens.
        let rows = [(0usize, 9usize), (0, 3), (4, 5), (8, 1), (2, 6)];
        let mut ids = vec![];
        let mut mask = vec![];
        for &(first, len) in &rows {
            for j in 0..t {
                let real = j >= first && j < first + len;
                ids.push(if real {
                    5 + (j * 7 + first) as u32 % 40
                } else {
                    1
                });
                mask.push(real as u32);
            }
        }
        let b = rows.len();
        let ids = ingot_models::Tensor::from_vec(ids, (b, t), &Device::Cpu).unwrap();
        let mask = ingot_models::Tensor::from_vec(mask, (b, t), &Device::Cpu).unwrap();
        let padded = model.forward(&ids, Some(&mask), None).unwrap();
        let packed = model
            .encoder()
            .forward_real_tokens(&ids, &mask, None)
            .unwrap();
        assert_eq!(packed.dims(), padded.dims());
        let (max_abs, _) = compare_rows(
            &hidden_rows(&packed, &mask, true),
            &hidden_rows(&padded, &mask, true),
        );
        assert!(max_abs < 1e-5, "{dir}: max abs {max_abs}");
        // Padded positions come back as zeros, not stale memory.
        let m = flat(&mask);
        let h = flat(&packed);
        let d = h.len() / m.len();
        for (cell, &v) in m.iter().enumerate() {
            if v == 0.0 {
                assert!(h[cell * d..(cell + 1) * d].iter().all(|&x| x == 0.0));
            }
        }
    }
}
