#![allow(dead_code)]
use candle_core::{DType, Device, Tensor};
use ingot_models::{AutoModel, SentenceTransformer, Tokenizer};
use std::collections::HashMap;
use std::path::PathBuf;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures/models")
}

pub fn load_ref(dir: &str) -> (serde_json::Value, HashMap<String, Tensor>) {
    let d = fixtures().join(dir);
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("reference.json")).unwrap()).unwrap();
    let t = candle_core::safetensors::load(d.join("reference.safetensors"), &Device::Cpu).unwrap();
    (meta, t)
}

pub fn texts(meta: &serde_json::Value) -> Vec<String> {
    meta["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

pub fn flat(t: &Tensor) -> Vec<f32> {
    t.to_dtype(DType::F32)
        .unwrap()
        .flatten_all()
        .unwrap()
        .to_vec1::<f32>()
        .unwrap()
}

/// (max abs error, min row cosine) of two `[n, d]` tensors.
pub fn compare_rows(got: &Tensor, want: &Tensor) -> (f32, f32) {
    assert_eq!(got.dims(), want.dims(), "shape");
    let d = *want.dims().last().unwrap();
    let (g, w) = (flat(got), flat(want));
    let mut max_abs = 0f32;
    let mut min_cos = 1f32;
    for (gr, wr) in g.chunks(d).zip(w.chunks(d)) {
        let (mut dot, mut ng, mut nw) = (0f64, 0f64, 0f64);
        for (a, b) in gr.iter().zip(wr) {
            max_abs = max_abs.max((a - b).abs());
            dot += (*a as f64) * (*b as f64);
            ng += (*a as f64).powi(2);
            nw += (*b as f64).powi(2);
        }
        let cos = if ng == 0.0 && nw == 0.0 {
            1.0
        } else {
            (dot / (ng.sqrt() * nw.sqrt())) as f32
        };
        min_cos = min_cos.min(cos);
    }
    (max_abs, min_cos)
}

pub fn assert_close(name: &str, got: &Tensor, want: &Tensor) {
    let (max_abs, min_cos) = compare_rows(got, want);
    eprintln!("{name}: max_abs={max_abs:.3e} min_cos={min_cos:.8}");
    assert!(max_abs <= 1e-4, "{name}: max abs error {max_abs} > 1e-4");
    assert!(min_cos >= 0.99999, "{name}: min cosine {min_cos} < 0.99999");
}

/// Hidden states `[b, t, h]` -> rows `[b*t, h]`, keeping only rows where mask == 1 when asked.
pub fn hidden_rows(h: &Tensor, mask: &Tensor, only_real: bool) -> Tensor {
    let (b, t, d) = h.dims3().unwrap();
    let rows = h.reshape((b * t, d)).unwrap();
    if !only_real {
        return rows;
    }
    let m = flat(mask);
    let idx: Vec<u32> = (0..b * t)
        .filter(|&i| m[i] != 0.0)
        .map(|i| i as u32)
        .collect();
    let n = idx.len();
    rows.index_select(&Tensor::from_vec(idx, n, &Device::Cpu).unwrap(), 0)
        .unwrap()
}

/// A fixture folder against its recorded references: the tokenizer's ids and mask,
/// `AutoModel`'s last_hidden_state, and `SentenceTransformer.encode` with every recorded option.
pub fn check_model(dir: &str) {
    let (meta, r) = load_ref(dir);
    let path = fixtures().join(dir);
    let texts = texts(&meta);
    let max_len = meta["max_length"].as_u64().unwrap() as usize;

    // Tokenizer: same ids and mask as transformers.
    let tok = Tokenizer::from_file(path.join("tokenizer.json")).unwrap();
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
    if let Some(tt) = r.get("token_type_ids") {
        assert_eq!(
            flat(&batch.token_type_ids),
            flat(tt),
            "{dir}: token_type_ids"
        );
    }
    let real: Vec<usize> = flat(&r["attention_mask"])
        .chunks(batch.seq_len())
        .map(|c| c.iter().filter(|&&v| v != 0.0).count())
        .collect();
    assert_eq!(batch.lengths, real);

    // AutoModel(...)(input_ids, attention_mask).last_hidden_state
    let model = AutoModel::load(path.to_str().unwrap(), DType::F32, &Device::Cpu).unwrap();
    let hidden = model.forward_batch(&batch).unwrap();
    let only_real = meta["compare_hidden_only_real_tokens"].as_bool().unwrap();
    assert_close(
        &format!("{dir} last_hidden_state"),
        &hidden_rows(&hidden, &batch.attention_mask, only_real),
        &hidden_rows(&r["last_hidden_state"], &r["attention_mask"], only_real),
    );

    // The same at the real tokens when only they are computed (padding packed away: what
    // sentence-transformers' pooling runs on).
    let packed = model.forward_batch_real_tokens(&batch).unwrap();
    assert_eq!(packed.dims(), hidden.dims());
    assert_close(
        &format!("{dir} last_hidden_state, real tokens only"),
        &hidden_rows(&packed, &batch.attention_mask, true),
        &hidden_rows(&r["last_hidden_state"], &r["attention_mask"], true),
    );

    // SentenceTransformer.encode with every recorded option.
    let st = SentenceTransformer::load(path.to_str().unwrap()).unwrap();
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
}
