//! What compiled Python chat functions call: the library forms of chat generation (for now
//! llama-cpp-python's `Llama.create_chat_completion`) over a [`ChatModel`], with Python values
//! in and out. Input: the function's messages and settings as the generated crate holds them
//! (`ingot_runtime` values, `i64`, `f64`, `Option`s); output: llama-cpp-python's completion and
//! chunk dicts as `ingot_runtime::Value`s, which the generated code converts to the function's
//! declared types. The compiler's registry (its `chat` family) spells calls to these functions.

use crate::generate::{ChunkStream, GenerateParams};
use crate::model::ChatModel;
use ingot_runtime as rt;

/// A value passed for an optional setting: the value, `None` (an `Option`), or Python's `None`
/// itself (`()`). `None` keeps the library's default.
pub trait Setting<T> {
    fn setting(self) -> Option<T>;
}

impl Setting<i64> for i64 {
    fn setting(self) -> Option<i64> {
        Some(self)
    }
}
impl Setting<f64> for f64 {
    fn setting(self) -> Option<f64> {
        Some(self)
    }
}
/// An int where Python takes a float (`temperature=0`).
impl Setting<f64> for i64 {
    fn setting(self) -> Option<f64> {
        Some(self as f64)
    }
}
impl<T, S: Setting<T>> Setting<T> for Option<S> {
    fn setting(self) -> Option<T> {
        self.and_then(Setting::setting)
    }
}
impl<T> Setting<T> for () {
    fn setting(self) -> Option<T> {
        None
    }
}

/// `stop=`: a string, a list of strings, or None.
pub trait Stops {
    fn stops(self) -> Vec<String>;
}
impl Stops for String {
    fn stops(self) -> Vec<String> {
        vec![self]
    }
}
impl Stops for Vec<String> {
    fn stops(self) -> Vec<String> {
        self
    }
}
impl<S: Stops> Stops for Option<S> {
    fn stops(self) -> Vec<String> {
        self.map(Stops::stops).unwrap_or_default()
    }
}
impl Stops for () {
    fn stops(self) -> Vec<String> {
        vec![]
    }
}
/// `stop: str | list[str]`, a variant (its members in the compiler's order: str, then list).
impl Stops for rt::union::U2<String, Vec<String>> {
    fn stops(self) -> Vec<String> {
        match self {
            rt::union::U2::V0(s) => s.stops(),
            rt::union::U2::V1(v) => v.stops(),
        }
    }
}

/// `create_chat_completion`'s generation settings, starting from llama-cpp-python's own
/// defaults (0.3.x: temperature 0.2, top_p 0.95, top_k 40, min_p 0.05, repeat_penalty 1.0
/// over the last 64 tokens, no stop strings, a random seed, no token limit but the context).
#[derive(Debug, Clone)]
pub struct LlamaCppArgs {
    params: GenerateParams,
}

impl Default for LlamaCppArgs {
    fn default() -> Self {
        LlamaCppArgs {
            params: GenerateParams {
                temperature: Some(0.2),
                top_p: Some(0.95),
                top_k: Some(40),
                min_p: Some(0.05),
                repeat_penalty: Some(1.0),
                repeat_last_n: Some(64),
                ..GenerateParams::default()
            },
        }
    }
}

impl LlamaCppArgs {
    pub fn new() -> Self {
        Self::default()
    }

    /// llama-cpp-python: "If max_tokens <= 0 or None, the maximum number of tokens to generate
    /// is unlimited and depends on n_ctx".
    pub fn max_tokens(mut self, n: impl Setting<i64>) -> Self {
        self.params.max_tokens = n.setting().filter(|&n| n > 0);
        self
    }
    pub fn temperature(mut self, t: impl Setting<f64>) -> Self {
        if let Some(t) = t.setting() {
            // llama.cpp samples greedily at a temperature <= 0.
            self.params.temperature = Some(t.max(0.0));
        }
        self
    }
    pub fn top_p(mut self, p: impl Setting<f64>) -> Self {
        if let Some(p) = p.setting() {
            // llama.cpp keeps every token at top_p >= 1; below 0 it keeps the top one.
            self.params.top_p = Some(p.clamp(f64::MIN_POSITIVE, 1.0));
        }
        self
    }
    pub fn top_k(mut self, k: impl Setting<i64>) -> Self {
        if let Some(k) = k.setting() {
            // llama.cpp: top_k <= 0 keeps every token.
            self.params.top_k = Some(k.max(0));
        }
        self
    }
    pub fn min_p(mut self, p: impl Setting<f64>) -> Self {
        if let Some(p) = p.setting() {
            self.params.min_p = Some(p.clamp(0.0, 1.0));
        }
        self
    }
    /// A negative seed is llama.cpp's "random" (LLAMA_DEFAULT_SEED).
    pub fn seed(mut self, s: impl Setting<i64>) -> Self {
        self.params.seed = s.setting().filter(|&s| s >= 0).map(|s| s as u64);
        self
    }
    pub fn stop(mut self, s: impl Stops) -> Self {
        self.params.stop = s.stops();
        self
    }
    pub fn repeat_penalty(mut self, r: impl Setting<f64>) -> Self {
        if let Some(r) = r.setting() {
            self.params.repeat_penalty = Some(r as f32);
        }
        self
    }

    /// The settings as the generator takes them.
    pub fn params(&self) -> &GenerateParams {
        &self.params
    }
}

/// Python messages (a list of dicts, TypedDicts, dataclasses or pydantic models) as the JSON
/// the chat template renders.
pub fn messages(v: impl rt::IntoValue) -> rt::PyResult<serde_json::Value> {
    serde_json::from_str(&v.into_value().to_json())
        .map_err(|e| rt::PyErr::value_error(format!("messages are not JSON values: {e}")))
}

fn to_value<T: serde::Serialize>(x: &T) -> rt::PyResult<rt::Value> {
    let text = serde_json::to_string(x)
        .map_err(|e| rt::PyErr::new(rt::ErrKind::RuntimeError, e.to_string()))?;
    rt::Value::parse_json(&text)
}

/// `model.create_chat_completion(messages, stream=True)`: llama-cpp-python's chunk dicts,
/// generated as the caller pulls them.
pub struct ChunkValues {
    chunks: ChunkStream,
}

impl Iterator for ChunkValues {
    type Item = rt::PyResult<rt::Value>;
    fn next(&mut self) -> Option<Self::Item> {
        let mut chunk = match self.chunks.next()? {
            Ok(c) => c,
            Err(e) => return Some(Err(e.into())),
        };
        // llama-cpp-python's first chunk carries only the role (`{"role": "assistant"}`).
        for c in &mut chunk.choices {
            if c.delta.role.is_some() && c.delta.content.as_deref() == Some("") {
                c.delta.content = None;
            }
        }
        Some(to_value(&chunk))
    }
}

/// `model.create_chat_completion(messages=..., stream=True, ...)`.
pub fn stream(
    model: &ChatModel,
    messages_value: impl rt::IntoValue,
    args: LlamaCppArgs,
) -> rt::PyResult<ChunkValues> {
    let msgs = messages(messages_value)?;
    Ok(ChunkValues {
        chunks: model.stream(&msgs, args.params())?,
    })
}

/// `model.create_chat_completion(messages=..., ...)`: the completion dict.
pub fn create(
    model: &ChatModel,
    messages_value: impl rt::IntoValue,
    args: LlamaCppArgs,
) -> rt::PyResult<rt::Value> {
    let msgs = messages(messages_value)?;
    to_value(&model.create(&msgs, args.params())?)
}

/// The `chat_token_counter` role: `[prompt_tokens, completion_tokens]` for a conversation
/// (rendered with the generation prompt) and a reply text, as the chat surfaces report `usage`.
pub fn token_counts(
    model: &ChatModel,
    messages_value: impl rt::IntoValue,
    completion: &str,
) -> rt::PyResult<Vec<i64>> {
    let msgs = messages(messages_value)?;
    let prompt = model.count_tokens(&msgs)?;
    let reply = if completion.is_empty() {
        0
    } else {
        model.encode(completion, false)?.len()
    };
    Ok(vec![prompt as i64, reply as i64])
}
