//! How long does a tokenizer take to load, from its JSON and from its cached binary form?
//!   tok_probe DIR_OR_TOKENIZER_JSON
//! The first load parses the JSON and writes the binary form (unless the cache has it
//! already); the later loads read it. Set INGOT_CACHE_DIR to a scratch folder to start without
//! a cache.
use std::time::Instant;
fn main() {
    let p = std::env::args().nth(1).expect("DIR_OR_TOKENIZER_JSON");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let a = ingot_models::Tokenizer::from_file(&p).unwrap();
    println!("first load: {:.0} ms", ms(t));
    for _ in 0..3 {
        let t = Instant::now();
        let b = ingot_models::Tokenizer::from_file(&p).unwrap();
        println!("load: {:.0} ms", ms(t));
        let text = ["Hello world, déjà vu 🤖 <bos>".to_string()];
        assert_eq!(
            a.encode_ids_batch(&text).unwrap(),
            b.encode_ids_batch(&text).unwrap()
        );
    }
}
