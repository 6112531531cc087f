//! Times one greedy generation on a GGUF or model folder: prompt (prefill) and per-token decode,
//! for profiling by hand (`perf record`); not a benchmark (bench/chat is).
//!
//!     cargo run --release --example chat_profile -- MODEL.gguf [NEW_TOKENS] [REPEATS]

use ingot_chat::ChatModel;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .expect("usage: chat_profile MODEL [NEW_TOKENS] [REPEATS]");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(64);
    let repeats: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let t = Instant::now();
    let m = ChatModel::load(path).expect("load");
    eprintln!("load {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let messages = serde_json::json!([
        {"role": "system", "content": "You are a helpful teacher."},
        {"role": "user", "content": "Explain how a rainbow forms, step by step, for a ten year old child."}
    ]);
    let ids = m.prompt_ids(&messages).expect("prompt");
    for _ in 0..repeats {
        let mut s = m.session().expect("session");
        let t = Instant::now();
        let mut logits = s.forward(&ids).expect("prefill");
        let prefill = t.elapsed().as_secs_f64();
        let mut out = vec![];
        let t = Instant::now();
        for _ in 0..n {
            let tok = ingot_chat::sampling::argmax(&logits);
            out.push(tok);
            logits = s.forward(&[tok]).expect("step");
        }
        let decode = t.elapsed().as_secs_f64();
        eprintln!(
            "prompt {} tokens in {:.1} ms ({:.1} tok/s); {} steps in {:.1} ms ({:.1} tok/s)",
            ids.len(),
            prefill * 1e3,
            ids.len() as f64 / prefill,
            n,
            decode * 1e3,
            n as f64 / decode
        );
        eprintln!("{:?}", m.decode(&out, true).unwrap_or_default());
    }
}
