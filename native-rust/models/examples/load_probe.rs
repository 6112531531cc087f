//! Where does cold start go? Times tokenizer load, model load and the first batch.
//!   load_probe MODEL_DIR
use std::time::Instant;
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("MODEL_DIR"));
    let t = Instant::now();
    let tok = ingot_models::Tokenizer::from_file(dir.join("tokenizer.json")).unwrap();
    println!("tokenizer: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let m = ingot_models::AutoModel::load_dir(
        &dir,
        ingot_models::DType::F32,
        &ingot_models::Device::Cpu,
    )
    .unwrap();
    println!("model: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let b = tok
        .encode_batch(&["A man is eating food.".to_string()], true, true, None)
        .unwrap();
    let _ = m.forward_batch(&b).unwrap();
    println!("first forward: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
}
