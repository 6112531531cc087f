//! A HF `tokenizers::Tokenizer` built from a GGUF file's `tokenizer.ggml.*` metadata, the
//! way llama.cpp's vocabulary reads it. Input: the GGUF metadata; output: the tokenizer.json
//! document of the same tokenizer (so it is the HF format, inspectable and loaded by the HF
//! crate), plus the special token ids the generator stops on.
//!
//! * `gpt2` (byte-level BPE: SmolLM2, Llama 3, Qwen2/3): vocabulary, merges, token types
//!   (control and user-defined tokens become added tokens), and the pre-tokenizer regexes
//!   llama.cpp uses for `tokenizer.ggml.pre`.
//! * `llama` (SentencePiece BPE: Llama 2, Mistral, Gemma): a byte-fallback BPE whose merges
//!   are recovered from the scores, as transformers' SentencePiece converter does.

use crate::error::{Error, Result};
use candle_core::quantized::gguf_file::{Content, Value};
use serde_json::json;
use std::collections::HashMap;

const GPT2: &str = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)";
const LLAMA3: &str = r"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
const QWEN2: &str = r"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

/// llama.cpp's pre-tokenizer regexes for a `tokenizer.ggml.pre` value (llama-vocab.cpp),
/// and whether merges are skipped for words already in the vocabulary (Llama 3's
/// `ignore_merges`). None for a name we do not know.
fn pre_tokenizer(pre: &str) -> Option<(Vec<&'static str>, bool)> {
    Some(match pre {
        "llama3" | "llama-v3" | "llama-bpe" | "falcon3" | "pixtral" | "smaug-bpe" => {
            (vec![LLAMA3], true)
        }
        "qwen2" | "deepseek-r1-qwen" | "stablelm2" | "hunyuan" | "megrez" => (vec![QWEN2], false),
        "smollm" | "starcoder" | "refact" | "command-r" | "codeshell" | "exaone" | "minerva-7b" => {
            (vec![r"\p{N}", GPT2], false)
        }
        "gpt-2" | "gpt2" | "phi-2" | "jina-es" | "jina-de" | "olmo" | "jais" | "trillion" => {
            (vec![GPT2], false)
        }
        "default" => (
            vec![r"[\p{P}\$\+<=>\^~\|]+", GPT2, r"\p{N}+", r"[0-9][0-9][0-9]"],
            false,
        ),
        _ => return None,
    })
}

/// The special tokens of a GGUF vocabulary.
#[derive(Debug, Clone, Default)]
pub struct GgufSpecials {
    pub bos: Option<u32>,
    pub eos: Option<u32>,
    /// End-of-turn / end-of-message ids (`tokenizer.ggml.eot_token_id`, `eom_token_id`).
    pub eot: Vec<u32>,
    pub add_bos: bool,
    pub tokens: Vec<String>,
}

fn md<'a>(ct: &'a Content, key: &str) -> Option<&'a Value> {
    ct.metadata.get(key)
}

fn md_u32(ct: &Content, key: &str) -> Option<u32> {
    md(ct, key).and_then(|v| {
        v.to_u32()
            .ok()
            .or_else(|| v.to_i32().ok().map(|x| x as u32))
            .or_else(|| v.to_u64().ok().map(|x| x as u32))
    })
}

fn md_strings(ct: &Content, key: &str) -> Result<Vec<String>> {
    let v = md(ct, key).ok_or_else(|| Error::value(format!("GGUF metadata has no {key}")))?;
    let arr = v
        .to_vec()
        .map_err(|e| Error::value(format!("GGUF {key}: {e}")))?;
    arr.iter()
        .map(|x| {
            x.to_string()
                .cloned()
                .map_err(|e| Error::value(format!("GGUF {key}: {e}")))
        })
        .collect()
}

fn md_ints(ct: &Content, key: &str) -> Vec<i64> {
    md(ct, key)
        .and_then(|v| v.to_vec().ok())
        .map(|a| {
            a.iter()
                .map(|x| {
                    x.to_i32()
                        .map(i64::from)
                        .or_else(|_| x.to_u32().map(i64::from))
                        .unwrap_or(1)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn md_floats(ct: &Content, key: &str) -> Vec<f32> {
    md(ct, key)
        .and_then(|v| v.to_vec().ok())
        .map(|a| a.iter().map(|x| x.to_f32().unwrap_or(0.0)).collect())
        .unwrap_or_default()
}

/// Build the tokenizer.json document and the specials from the GGUF metadata.
pub fn tokenizer_json(ct: &Content) -> Result<(serde_json::Value, GgufSpecials)> {
    let model = md(ct, "tokenizer.ggml.model")
        .and_then(|v| v.to_string().ok().cloned())
        .ok_or_else(|| {
            Error::value(
                "the GGUF file has no tokenizer (tokenizer.ggml.model); put a tokenizer.json \
                 next to it",
            )
        })?;
    let tokens = md_strings(ct, "tokenizer.ggml.tokens")?;
    let types = md_ints(ct, "tokenizer.ggml.token_type");
    let specials = GgufSpecials {
        bos: md_u32(ct, "tokenizer.ggml.bos_token_id"),
        eos: md_u32(ct, "tokenizer.ggml.eos_token_id"),
        eot: ["tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"]
            .iter()
            .filter_map(|k| md_u32(ct, k))
            .collect(),
        add_bos: md(ct, "tokenizer.ggml.add_bos_token")
            .and_then(|v| v.to_bool().ok())
            .unwrap_or(model == "llama"),
        tokens: tokens.clone(),
    };
    // Token types (llama.cpp): 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte.
    // Control and unknown tokens are special (llama.cpp matches both whole in a prompt when
    // it parses specials, and transformers skips both when decoding); user-defined ones are
    // added but not special.
    let ty = |i: usize| types.get(i).copied().unwrap_or(1);
    let mut added = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let k = ty(i);
        if k == 2 || k == 3 || k == 4 {
            added.push(json!({
                "id": i, "content": t, "single_word": false, "lstrip": false,
                "rstrip": false, "normalized": false, "special": k != 4,
            }));
        }
    }
    let mut vocab = serde_json::Map::new();
    for (i, t) in tokens.iter().enumerate() {
        // A repeated string keeps its first id, as llama.cpp's token_to_id map does.
        vocab.entry(t.clone()).or_insert(json!(i));
    }
    let doc = match model.as_str() {
        "gpt2" => {
            let merges = md_strings(ct, "tokenizer.ggml.merges")?;
            let pre_name = md(ct, "tokenizer.ggml.pre")
                .and_then(|v| v.to_string().ok().cloned())
                .unwrap_or_else(|| "default".into());
            let (regexes, ignore_merges) = pre_tokenizer(&pre_name).ok_or_else(|| {
                Error::value(format!(
                    "the GGUF pre-tokenizer {pre_name:?} (tokenizer.ggml.pre) is not supported; \
                     put the model's tokenizer.json next to the .gguf file"
                ))
            })?;
            let mut pre: Vec<serde_json::Value> = regexes
                .iter()
                .map(|r| {
                    json!({"type": "Split", "pattern": {"Regex": r}, "behavior": "Isolated", "invert": false})
                })
                .collect();
            pre.push(json!({"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false}));
            json!({
                "version": "1.0",
                "truncation": null,
                "padding": null,
                "added_tokens": added,
                "normalizer": null,
                "pre_tokenizer": {"type": "Sequence", "pretokenizers": pre},
                "post_processor": null,
                "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
                "model": {
                    "type": "BPE", "dropout": null, "unk_token": null,
                    "continuing_subword_prefix": null, "end_of_word_suffix": null,
                    "fuse_unk": false, "byte_fallback": false, "ignore_merges": ignore_merges,
                    "vocab": vocab, "merges": merges,
                },
            })
        }
        "llama" => {
            let scores = md_floats(ct, "tokenizer.ggml.scores");
            let merges = spm_merges(&tokens, &scores, &types);
            let unk = md_u32(ct, "tokenizer.ggml.unknown_token_id")
                .and_then(|i| tokens.get(i as usize).cloned());
            // llama.cpp puts a space before the text and after every special token unless
            // `tokenizer.ggml.add_space_prefix` is false (Gemma); a normalizer runs on each
            // piece of text between added tokens, so `Prepend` does exactly that. The
            // decoder strips that one space again only where it was added.
            let space_prefix = md(ct, "tokenizer.ggml.add_space_prefix")
                .and_then(|v| v.to_bool().ok())
                .unwrap_or(true);
            let mut normalizers =
                vec![json!({"type": "Replace", "pattern": {"String": " "}, "content": "\u{2581}"})];
            let mut decoders = vec![
                json!({"type": "Replace", "pattern": {"String": "\u{2581}"}, "content": " "}),
                json!({"type": "ByteFallback"}),
                json!({"type": "Fuse"}),
            ];
            if space_prefix {
                normalizers.insert(0, json!({"type": "Prepend", "prepend": "\u{2581}"}));
                decoders.push(json!({"type": "Strip", "content": " ", "start": 1, "stop": 0}));
            }
            json!({
                "version": "1.0",
                "truncation": null,
                "padding": null,
                "added_tokens": added,
                "normalizer": {"type": "Sequence", "normalizers": normalizers},
                "pre_tokenizer": null,
                "post_processor": null,
                "decoder": {"type": "Sequence", "decoders": decoders},
                "model": {
                    "type": "BPE", "dropout": null, "unk_token": unk,
                    "continuing_subword_prefix": null, "end_of_word_suffix": null,
                    "fuse_unk": true, "byte_fallback": true, "ignore_merges": false,
                    "vocab": vocab, "merges": merges,
                },
            })
        }
        other => {
            return Err(Error::value(format!(
                "the GGUF tokenizer model {other:?} (tokenizer.ggml.model) is not supported \
                 (supported: gpt2, llama); put the model's tokenizer.json next to the .gguf file"
            )))
        }
    };
    Ok((doc, specials))
}

/// Merges of a SentencePiece BPE vocabulary, recovered like transformers'
/// `SentencePieceExtractor`: every split of a normal token into two tokens of the
/// vocabulary is a merge, ranked by the merged token's score (higher first), then by the
/// pieces' ids.
fn spm_merges(tokens: &[String], scores: &[f32], types: &[i64]) -> Vec<String> {
    let ids: HashMap<&str, usize> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let mut merges: Vec<(f32, usize, usize, usize)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if types.get(i).copied().unwrap_or(1) != 1 {
            continue;
        }
        for (cut, _) in t.char_indices().skip(1) {
            let (a, b) = t.split_at(cut);
            if let (Some(&ia), Some(&ib)) = (ids.get(a), ids.get(b)) {
                merges.push((scores.get(i).copied().unwrap_or(0.0), i, ia, ib));
            }
        }
    }
    merges.sort_by(|x, y| {
        y.0.partial_cmp(&x.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    merges
        .into_iter()
        .map(|(_, _, a, b)| format!("{} {}", tokens[a], tokens[b]))
        .collect()
}
