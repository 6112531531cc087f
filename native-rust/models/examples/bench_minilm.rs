//! Benchmark a sentence-transformers model through ingot-models.
//!
//!   bench_minilm [--model ID_OR_DIR] [--batch N] [--iters N] [--warmup N] [--sentences FILE] [--threads N] [--quantize int8]
//!
//! Prints one JSON line: cold start (process start -> first embedding, measured by the
//! caller as well), per-iteration latencies (ms), throughput (sentences/s) and peak RSS.
use ingot_models::SentenceTransformer;
use std::time::Instant;

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU seconds (user + system, all threads) this process has used, from /proc/self/stat.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    f.iter().sum::<f64>() / 100.0
}

fn main() {
    let t0 = Instant::now();
    let args: Vec<String> = std::env::args().collect();
    let arg = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .map(|i| args[i + 1].clone())
    };
    let model = arg("--model").unwrap_or_else(|| "sentence-transformers/all-MiniLM-L6-v2".into());
    let batch: usize = arg("--batch").map(|v| v.parse().unwrap()).unwrap_or(1);
    let iters: usize = arg("--iters").map(|v| v.parse().unwrap()).unwrap_or(20);
    let warmup: usize = arg("--warmup").map(|v| v.parse().unwrap()).unwrap_or(3);
    let sentences: Vec<String> = match arg("--sentences") {
        Some(f) => std::fs::read_to_string(f)
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        None => vec!["A man is eating a piece of bread.".to_string()],
    };
    if let Some(n) = arg("--threads") {
        // candle reads RAYON_NUM_THREADS through its own get_num_threads().
        unsafe { std::env::set_var("RAYON_NUM_THREADS", &n) };
    }
    let quantize = ingot_models::Quantize::from_name(&arg("--quantize").unwrap_or_default())
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        });
    let st = SentenceTransformer::load(&model)
        .and_then(|m| m.quantized(quantize))
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    let pick = |i: usize| -> Vec<String> {
        (0..batch)
            .map(|j| sentences[(i * batch + j) % sentences.len()].clone())
            .collect()
    };
    let first = st.encode(&pick(0), true, None).unwrap();
    let first_ms = t0.elapsed().as_secs_f64() * 1e3;
    {
        // The harness timestamps this line: process spawn -> first embedding.
        use std::io::Write;
        println!("FIRST");
        std::io::stdout().flush().ok();
    }
    assert_eq!(first.dims()[0], batch);
    for i in 0..warmup {
        st.encode(&pick(i + 1), true, None).unwrap();
    }
    let mut lat = Vec::with_capacity(iters);
    let cpu0 = cpu_s();
    let start = Instant::now();
    for i in 0..iters {
        let b = pick(i + warmup + 1);
        let t = Instant::now();
        st.encode(&b, true, None).unwrap();
        lat.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let total = start.elapsed().as_secs_f64();
    let cpu_ms_per_iter = (cpu_s() - cpu0) * 1e3 / iters as f64;
    println!(
        "{}",
        serde_json::json!({
            "impl": "ingot-models (candle)",
            "batch": batch,
            "iters": iters,
            "load_ms": load_ms,
            "first_embedding_ms": first_ms,
            "latencies_ms": lat,
            "throughput_per_s": (batch * iters) as f64 / total,
            "peak_rss_kb": peak_rss_kb(),
            "cpu_ms_per_iter": cpu_ms_per_iter,
            "avx512_feature": cfg!(feature = "avx512"),
        })
    );
}
