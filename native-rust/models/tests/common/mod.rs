#![allow(dead_code)]
use candle_core::{DType, Device, Tensor};
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
