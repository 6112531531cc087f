//! Embed lines of text with a sentence-transformers folder (or HF cache id) and print JSON.
//!   embed MODEL TEXTS_FILE [--no-normalize] [--truncate-dim N] [--prompt P]
//! Output: {"dims": [n, d], "data": [...], "tokens": [..per row..]}
use ingot_models::SentenceTransformer;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: embed MODEL TEXTS_FILE [--no-normalize] [--truncate-dim N] [--prompt P]");
        std::process::exit(2);
    }
    let flag = |k: &str| args.iter().position(|a| a == k);
    let normalize = flag("--no-normalize").is_none();
    let td = flag("--truncate-dim").map(|i| args[i + 1].parse::<usize>().unwrap());
    let prompt = flag("--prompt").map(|i| args[i + 1].clone());
    let texts: Vec<String> = std::fs::read_to_string(&args[2])
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let st = SentenceTransformer::load(&args[1]).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let emb = st
        .encode_with_prompt(&texts, prompt.as_deref(), normalize, td)
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
    let tokens = st.tokenize(&texts).map(|b| b.lengths).unwrap_or_default();
    let data: Vec<f32> = emb.flatten_all().unwrap().to_vec1().unwrap();
    println!(
        "{}",
        serde_json::json!({"dims": emb.dims(), "data": data, "tokens": tokens})
    );
}
