//! The chat runtime against transformers and llama.cpp on tiny random-weight models
//! (tests/fixtures/chat, made by tools/chat/make_fixtures.py): the same prompt text and ids as
//! `apply_chat_template`, the same greedy ids and logits as `generate`, the same greedy ids as
//! the GGUF references, streaming that joins to the non-streamed text, seeds, stop strings,
//! cancellation and bad input.

use ingot_chat::{ChatModel, ErrorKind, FinishReason, GenerateParams};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::OnceLock;

fn fixtures() -> PathBuf {
    std::env::var_os("INGOT_CHAT_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/chat")
        })
}

fn reference(name: &str) -> Value {
    let p = fixtures().join(name);
    serde_json::from_str(
        &std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
    )
    .unwrap()
}

fn model(name: &str) -> &'static ChatModel {
    static LLAMA: OnceLock<ChatModel> = OnceLock::new();
    static QWEN3: OnceLock<ChatModel> = OnceLock::new();
    static GGUF_F32: OnceLock<ChatModel> = OnceLock::new();
    static GGUF_Q8: OnceLock<ChatModel> = OnceLock::new();
    let cell = match name {
        "llama_tiny" => &LLAMA,
        "qwen3_tiny" => &QWEN3,
        "llama_tiny.f32.gguf" => &GGUF_F32,
        "llama_tiny.q8_0.gguf" => &GGUF_Q8,
        _ => unreachable!(),
    };
    cell.get_or_init(|| {
        ChatModel::load(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    })
}

fn ids(v: &Value) -> Vec<u32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as u32)
        .collect()
}

fn floats(v: &Value) -> Vec<f32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap() as f32)
        .collect()
}

fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len(), "logit rows differ in length");
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

fn argmax(l: &[f32]) -> u32 {
    ingot_chat::sampling::argmax(l)
}

/// Greedy decoding through the raw session API, `n` steps; returns the ids and every step's logits.
fn greedy_session(m: &ChatModel, prompt: &[u32], n: usize) -> (Vec<u32>, Vec<Vec<f32>>) {
    let mut s = m.session().unwrap();
    let mut logits = s.forward(prompt).unwrap();
    let (mut out, mut rows) = (vec![], vec![]);
    for _ in 0..n {
        let t = argmax(&logits);
        out.push(t);
        rows.push(logits.clone());
        if out.len() == n {
            break;
        }
        logits = s.forward(&[t]).unwrap();
    }
    (out, rows)
}

fn render(m: &ChatModel, case: &Value) -> String {
    let extra = case["template_kwargs"]
        .as_object()
        .filter(|o| !o.is_empty());
    m.render_with(&case["messages"], true, extra).unwrap()
}

fn check_against_transformers(name: &str) {
    let r = reference(&format!("reference_{name}.json"));
    let m = model(name);
    for case in r["cases"].as_array().unwrap() {
        let cname = case["name"].as_str().unwrap();
        let prompt = render(m, case);
        assert_eq!(
            prompt,
            case["prompt"].as_str().unwrap(),
            "{name}/{cname}: rendered prompt"
        );
        let prompt_ids = m.encode(&prompt, false).unwrap();
        assert_eq!(
            prompt_ids,
            ids(&case["prompt_ids"]),
            "{name}/{cname}: prompt ids"
        );
        let want = ids(&case["new_ids"]);
        assert!(
            want.len() >= 32 || case["finish_reason"] == "stop",
            "{name}/{cname}: reference too short"
        );
        let (got, rows) = greedy_session(m, &prompt_ids, want.len());
        assert_eq!(got, want, "{name}/{cname}: greedy ids");
        let d_first = max_abs_diff(&rows[0], &floats(&case["first_logits"]));
        let d_last = max_abs_diff(rows.last().unwrap(), &floats(&case["last_logits"]));
        assert!(
            d_first < 1e-4 && d_last < 1e-4,
            "{name}/{cname}: logits differ by {d_first} (first) / {d_last} (last)"
        );

        // The generation API: same text and finish reason as transformers' generate + decode.
        let params = GenerateParams::greedy(want.len() as i64);
        let done = m
            .create(&case["messages"], &params)
            .map(|c| c.choices[0].clone());
        if case["template_kwargs"]
            .as_object()
            .map(|o| o.is_empty())
            .unwrap_or(true)
        {
            let c = done.unwrap();
            assert_eq!(
                c.message.content,
                case["text"].as_str().unwrap(),
                "{name}/{cname}: text"
            );
            let fr = if case["finish_reason"] == "stop" {
                FinishReason::Stop
            } else {
                FinishReason::Length
            };
            assert_eq!(c.finish_reason, fr, "{name}/{cname}: finish_reason");
            // Streaming joins to the same text, piece by piece.
            let stream = m.generate(prompt_ids.clone(), &params).unwrap();
            let pieces: Vec<String> = stream.map(|p| p.unwrap()).collect();
            assert!(pieces.iter().all(|p| !p.is_empty()));
            assert_eq!(
                pieces.concat(),
                c.message.content,
                "{name}/{cname}: streamed text"
            );
        }
    }
}

#[test]
fn llama_tiny_matches_transformers() {
    check_against_transformers("llama_tiny");
}

#[test]
fn qwen3_tiny_matches_transformers() {
    check_against_transformers("qwen3_tiny");
}

/// The F32 GGUF (weights, tokenizer and template all read from the file): the template renders
/// transformers' prompt, the tokenizer built from GGUF metadata encodes it to transformers' ids
/// (and llama.cpp's), and greedy decoding gives llama.cpp's ids.
#[test]
fn gguf_f32_matches_its_reference() {
    let r = reference("reference_gguf_tiny.json");
    let llama = reference("reference_llama_tiny.json");
    let llamacpp = reference("llamacpp_gguf_tiny.json");
    let refs = &r["transformers"]["llama_tiny.f32.gguf"]["cases"];
    let m = model("llama_tiny.f32.gguf");
    for (case, src) in refs
        .as_array()
        .unwrap()
        .iter()
        .zip(llama["cases"].as_array().unwrap())
    {
        let cname = case["name"].as_str().unwrap();
        let prompt = render(m, src);
        assert_eq!(
            prompt,
            src["prompt"].as_str().unwrap(),
            "gguf/{cname}: rendered prompt"
        );
        let prompt_ids = m.encode(&prompt, false).unwrap();
        assert_eq!(
            prompt_ids,
            ids(&case["prompt_ids"]),
            "gguf/{cname}: prompt ids"
        );
        // Greedy decoding is llama.cpp's (its default f16 KV cache, whose roundings the GGUF
        // llama forward follows); transformers keeps K and V in f32 and parts from both after
        // 30-odd tokens on some prompts.
        let lc = llamacpp["files"]["llama_tiny.f32.gguf"]["kv_f16"]["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == case["name"])
            .unwrap();
        assert_eq!(
            ids(&lc["llamacpp_prompt_ids"]),
            prompt_ids,
            "gguf/{cname}: llama.cpp's prompt ids"
        );
        let want = ids(&lc["new_ids"]);
        let (got, _) = greedy_session(m, &prompt_ids, want.len());
        assert_eq!(got, want, "gguf/{cname}: greedy ids vs llama.cpp");
    }
}

#[test]
fn streaming_chunks_are_openai_shaped_and_join_to_the_completion() {
    let m = model("qwen3_tiny");
    let msgs = json!([{"role": "user", "content": "Héllo wörld 😀 日本語"}]);
    let mut params = GenerateParams::greedy(24);
    params.stream_options = Some(ingot_chat::StreamOptions {
        include_usage: true,
    });
    let chunks: Vec<_> = m
        .stream(&msgs, &params)
        .unwrap()
        .map(|c| c.unwrap())
        .collect();
    let full = m.create(&msgs, &params).unwrap();
    assert_eq!(
        chunks[0].choices[0].delta.role.as_deref(),
        Some("assistant")
    );
    let text: String = chunks
        .iter()
        .filter_map(|c| c.choices.first())
        .filter_map(|c| c.delta.content.clone())
        .collect();
    assert_eq!(text, full.choices[0].message.content);
    let last = &chunks[chunks.len() - 2];
    assert_eq!(
        last.choices[0].finish_reason,
        Some(full.choices[0].finish_reason)
    );
    let usage = chunks.last().unwrap().usage.unwrap();
    assert!(chunks.last().unwrap().choices.is_empty());
    assert_eq!(usage, full.usage);
    assert_eq!(usage.prompt_tokens, m.count_tokens(&msgs).unwrap());
    assert!(chunks
        .iter()
        .all(|c| c.id == chunks[0].id && c.object == "chat.completion.chunk"));
    let j = serde_json::to_value(&chunks[1]).unwrap();
    assert_eq!(j["choices"][0]["finish_reason"], Value::Null);
    assert_eq!(
        serde_json::to_value(&full).unwrap()["object"],
        "chat.completion"
    );
}

#[test]
fn the_same_seed_gives_the_same_text() {
    let m = model("llama_tiny");
    let msgs = json!([{"role": "user", "content": "Tell me a story."}]);
    let p = |seed| GenerateParams {
        max_tokens: Some(32),
        temperature: Some(1.5),
        top_p: Some(0.95),
        top_k: Some(50),
        seed: Some(seed),
        ..Default::default()
    };
    let a = m.create(&msgs, &p(11)).unwrap().choices[0]
        .message
        .content
        .clone();
    let b = m.create(&msgs, &p(11)).unwrap().choices[0]
        .message
        .content
        .clone();
    let c = m.create(&msgs, &p(12)).unwrap().choices[0]
        .message
        .content
        .clone();
    assert_eq!(a, b);
    assert_ne!(a, c, "two seeds gave the same 32 sampled tokens");
    let greedy = m
        .create(&msgs, &GenerateParams::greedy(32))
        .unwrap()
        .choices[0]
        .message
        .content
        .clone();
    assert_ne!(a, greedy);
}

#[test]
fn stop_strings_end_the_reply_before_them_even_across_pieces() {
    let m = model("qwen3_tiny");
    let r = reference("reference_qwen3_tiny.json");
    let case = &r["cases"][0];
    let text = case["text"].as_str().unwrap();
    // A stop string taken from the middle of the greedy reply, spanning several characters.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let (start, _) = chars[chars.len() / 2];
    let end = chars
        .get(chars.len() / 2 + 4)
        .map(|c| c.0)
        .unwrap_or(text.len());
    let stop = text[start..end].to_string();
    let first = text.find(&stop).unwrap();
    let mut params = GenerateParams::greedy(40);
    params.stop = vec!["never appears \u{1}".into(), stop.clone()];
    let c = m.create(&case["messages"], &params).unwrap();
    assert_eq!(c.choices[0].message.content, &text[..first]);
    assert_eq!(c.choices[0].finish_reason, FinishReason::Stop);
    let pieces: Vec<String> = m
        .stream(&case["messages"], &params)
        .unwrap()
        .filter_map(|c| {
            c.unwrap()
                .choices
                .first()
                .and_then(|c| c.delta.content.clone())
        })
        .collect();
    assert_eq!(pieces.concat(), &text[..first]);
    assert!(pieces.iter().all(|p| !p.contains(&stop)));
}

#[test]
fn generations_are_independent_and_dropping_one_stops_it() {
    let m = model("llama_tiny");
    let r = reference("reference_llama_tiny.json");
    let (a, b) = (&r["cases"][0], &r["cases"][1]);
    let params = GenerateParams::greedy(40);
    // One abandoned after its first piece, two interleaved: each still matches transformers.
    let mut dropped = m.stream(&a["messages"], &params).unwrap();
    dropped.next().unwrap().unwrap();
    drop(dropped);
    let mut sa = m.generate(ids(&a["prompt_ids"]), &params).unwrap();
    let mut sb = m.generate(ids(&b["prompt_ids"]), &params).unwrap();
    let (mut ta, mut tb) = (String::new(), String::new());
    loop {
        let x = sa.next();
        let y = sb.next();
        if let Some(p) = &x {
            ta.push_str(p.as_ref().unwrap());
        }
        if let Some(p) = &y {
            tb.push_str(p.as_ref().unwrap());
        }
        if x.is_none() && y.is_none() {
            break;
        }
    }
    assert_eq!(ta, a["text"].as_str().unwrap());
    assert_eq!(tb, b["text"].as_str().unwrap());
    // From two threads at once.
    let h: Vec<_> = [a.clone(), b.clone()]
        .into_iter()
        .map(|c| {
            let m = m.clone();
            std::thread::spawn(move || {
                m.create(&c["messages"], &GenerateParams::greedy(40))
                    .unwrap()
                    .choices[0]
                    .message
                    .content
                    .clone()
            })
        })
        .collect();
    let got: Vec<String> = h.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(
        got,
        vec![
            a["text"].as_str().unwrap().to_string(),
            b["text"].as_str().unwrap().to_string()
        ]
    );
}

#[test]
fn bad_messages_and_parameters_are_value_errors() {
    let m = model("llama_tiny");
    let ok = json!([{"role": "user", "content": "hi"}]);
    let bad = [
        (json!([]), "must not be empty"),
        (json!({"role": "user"}), "must be a list"),
        (
            json!([{"role": "wizard", "content": "hi"}]),
            "\"wizard\" is not one of",
        ),
        (
            json!([{"role": "user", "content": 3}]),
            "content must be a string, got a number",
        ),
        (
            json!([{"role": "user", "content": [{"type": "text", "text": "hi"}]}]),
            "content must be a string, got a list",
        ),
        (json!([{"content": "hi"}]), "has no 'role'"),
        (json!(["hi"]), "must be an object"),
    ];
    for (msgs, want) in bad {
        let e = m.create(&msgs, &GenerateParams::greedy(4)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::ValueError, "{msgs}");
        assert!(e.msg.contains(want), "{msgs}: {}", e.msg);
    }
    for n in [0, -3] {
        let e = m.create(&ok, &GenerateParams::greedy(n)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::ValueError);
        assert!(e.msg.contains("max_tokens must be at least 1"), "{}", e.msg);
    }
    for (p, want) in [
        (
            GenerateParams {
                temperature: Some(-1.0),
                ..Default::default()
            },
            "temperature",
        ),
        (
            GenerateParams {
                top_p: Some(0.0),
                ..Default::default()
            },
            "top_p",
        ),
    ] {
        let e = m.create(&ok, &p).unwrap_err();
        assert!(
            e.kind == ErrorKind::ValueError && e.msg.contains(want),
            "{}",
            e.msg
        );
    }
    // A prompt longer than the context (512 tokens).
    let long = json!([{"role": "user", "content": "word ".repeat(2000)}]);
    let e = m.create(&long, &GenerateParams::greedy(4)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::ValueError);
    assert!(e.msg.contains("context of 512 tokens"), "{}", e.msg);
    // OpenAI request bodies deserialize into the parameters (stop as a string or a list).
    let p: GenerateParams =
        serde_json::from_value(json!({"max_tokens": 5, "stop": "x", "temperature": 0})).unwrap();
    assert_eq!(p.stop, vec!["x"]);
}

#[test]
fn corrupted_or_unsupported_model_files_are_clear_errors() {
    let dir = std::env::temp_dir().join(format!("ingot-chat-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = fixtures().join("llama_tiny.q8_0.gguf");
    let bytes = std::fs::read(&src).unwrap();
    // A truncated GGUF names the file.
    let cut = dir.join("cut.gguf");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let e = ChatModel::load(&cut).unwrap_err();
    assert!(e.msg.contains("cut.gguf"), "{}", e.msg);
    // Not a GGUF at all.
    let junk = dir.join("junk.gguf");
    std::fs::write(&junk, b"definitely not a model").unwrap();
    let e = ChatModel::load(&junk).unwrap_err();
    assert!(
        e.kind == ErrorKind::ValueError
            && e.msg.contains("junk.gguf")
            && e.msg.contains("not a valid GGUF"),
        "{}",
        e.msg
    );
    // A flipped byte is caught by the sha256 check before anything is read.
    let mut flipped = bytes.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x40;
    let f = dir.join("flipped.gguf");
    std::fs::write(&f, &flipped).unwrap();
    let sha = ingot_models::sha256_file(&src).unwrap();
    let e = ChatModel::load_verified(&f, &[("flipped.gguf", &sha)]).unwrap_err();
    assert!(
        e.msg.contains("sha256 mismatch") && e.msg.contains("flipped.gguf"),
        "{}",
        e.msg
    );
    let good = dir.join("good.gguf");
    std::fs::write(&good, &bytes).unwrap();
    ChatModel::load_verified(&good, &[("good.gguf", &sha)]).unwrap();
    // A model type we do not run says which and what we do run.
    let bert = dir.join("bert");
    std::fs::create_dir_all(&bert).unwrap();
    for f in ["tokenizer.json", "model.safetensors"] {
        std::fs::copy(fixtures().join("llama_tiny").join(f), bert.join(f)).unwrap();
    }
    std::fs::write(bert.join("config.json"), r#"{"model_type": "bert"}"#).unwrap();
    let e = ChatModel::load(&bert).unwrap_err();
    assert!(
        e.kind == ErrorKind::ValueError
            && e.msg.contains("\"bert\" is not supported")
            && e.msg.contains("qwen3"),
        "{}",
        e.msg
    );
    let e = ChatModel::load(dir.join("missing")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::OSError);
    std::fs::remove_dir_all(&dir).ok();
    // The files a model reads, for the compiler to hash.
    let files = ChatModel::model_files(fixtures().join("llama_tiny")).unwrap();
    assert!(
        files.iter().any(|f| f.ends_with("model.safetensors"))
            && files.iter().any(|f| f.ends_with("tokenizer.json"))
    );
}

/// The Q8_0 GGUF against llama.cpp with its default f16 KV cache, on the same prompt ids: the
/// llama forward follows ggml's arithmetic (8-bit activations, the f16 cache and its
/// roundings), so every greedy token matches (transformers, which dequantizes to f32, leaves
/// both within a few tokens; see the fixtures' README).
#[test]
fn gguf_q8_0_matches_llama_cpp() {
    let r = reference("llamacpp_gguf_tiny.json");
    let m = model("llama_tiny.q8_0.gguf");
    let cases = r["files"]["llama_tiny.q8_0.gguf"]["kv_f16"]["cases"]
        .as_array()
        .unwrap();
    assert!(cases.len() >= 6);
    for case in cases {
        let cname = case["name"].as_str().unwrap();
        let want = ids(&case["new_ids"]);
        let (got, _) = greedy_session(m, &ids(&case["llamacpp_prompt_ids"]), want.len());
        assert_eq!(got, want, "q8_0/{cname}: greedy ids vs llama.cpp");
    }
}
