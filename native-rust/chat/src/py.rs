//! What compiled Python chat functions call: the library forms of chat generation
//! (llama-cpp-python's `Llama.create_chat_completion`; transformers' `apply_chat_template`,
//! `generate` and `decode`) over a [`ChatModel`], with Python values
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

/// A tokenizer of a module that generates chat (transformers' `AutoTokenizer` beside an
/// `AutoModelForCausalLM`): the HF tokenizer every tokenizer op uses (through `Deref`), and the
/// folder's chat template for `apply_chat_template`.
pub struct ChatTokenizer {
    tokenizer: ingot_models::Tokenizer,
    template: Option<crate::ChatTemplate>,
    eos_token_id: Option<i64>,
    dir: std::path::PathBuf,
}

impl std::ops::Deref for ChatTokenizer {
    type Target = ingot_models::Tokenizer;
    fn deref(&self) -> &ingot_models::Tokenizer {
        &self.tokenizer
    }
}

impl ChatTokenizer {
    /// The tokenizer.json and chat template of a transformers folder.
    pub fn load(dir: &std::path::Path) -> crate::Result<Self> {
        let tokenizer = ingot_models::Tokenizer::from_file(dir.join("tokenizer.json"))?;
        let (template, names) = crate::model::folder_template(dir)?;
        let eos_token_id = names
            .get("eos_token")
            .and_then(|t| tokenizer.inner().token_to_id(t))
            .map(|i| i as i64);
        Ok(ChatTokenizer {
            tokenizer,
            template,
            eos_token_id,
            dir: dir.to_path_buf(),
        })
    }

    /// `tokenizer.eos_token_id` (transformers gives None without an EOS token; Ingot raises).
    pub fn eos_token_id(&self) -> rt::PyResult<i64> {
        self.eos_token_id.ok_or_else(|| {
            rt::PyErr::value_error(format!("{} has no eos_token", self.dir.display()))
        })
    }

    /// `tokenizer.apply_chat_template(messages, add_generation_prompt=..., tokenize=False)`.
    pub fn render(
        &self,
        messages_value: impl rt::IntoValue,
        add_generation_prompt: bool,
    ) -> rt::PyResult<String> {
        let msgs = messages(messages_value)?;
        crate::validate_messages(&msgs)?;
        let t = self.template.as_ref().ok_or_else(|| {
            rt::PyErr::value_error(format!(
                "{} has no chat template (tokenizer_config.json chat_template or chat_template.jinja)",
                self.dir.display()
            ))
        })?;
        Ok(t.render(&msgs, add_generation_prompt, None)?)
    }

    /// `tokenizer.apply_chat_template(messages, add_generation_prompt=..., return_tensors="pt")`:
    /// the rendered prompt's ids, without added special tokens (the template writes its own).
    pub fn apply_chat_template(
        &self,
        messages_value: impl rt::IntoValue,
        add_generation_prompt: bool,
    ) -> rt::PyResult<Vec<i64>> {
        let text = self.render(messages_value, add_generation_prompt)?;
        let enc = self
            .tokenizer
            .inner()
            .encode_fast(text.as_str(), false)
            .map_err(|e| rt::PyErr::value_error(format!("tokenization failed: {e}")))?;
        Ok(enc.get_ids().iter().map(|&i| i as i64).collect())
    }

    /// `tokenizer.decode(ids, skip_special_tokens=...)`. An id outside the vocabulary is a
    /// ValueError.
    pub fn decode(&self, ids: Vec<i64>, skip_special_tokens: bool) -> rt::PyResult<String> {
        let n = self.tokenizer.inner().get_vocab_size(true) as i64;
        if let Some(bad) = ids.iter().find(|&&i| i < 0 || i >= n) {
            return Err(rt::PyErr::value_error(format!(
                "token id {bad} is not in the tokenizer's vocabulary of {n} tokens"
            )));
        }
        let ids: Vec<u32> = ids.iter().map(|&i| i as u32).collect();
        self.tokenizer
            .inner()
            .decode(&ids, skip_special_tokens)
            .map_err(|e| rt::PyErr::value_error(format!("decoding failed: {e}")))
    }
}

/// transformers' `model.generate(...)` settings: greedy unless `do_sample=True`, then
/// transformers' defaults (temperature 1.0, top_k 50, top_p 1.0); `max_new_tokens` is required
/// by the compiler (transformers' own default, `max_length=20` in all, is rarely meant).
#[derive(Debug, Clone)]
pub struct GenerateArgs {
    max_new_tokens: usize,
    do_sample: bool,
    temperature: f64,
    top_k: Option<usize>,
    top_p: Option<f64>,
    repetition_penalty: f32,
}

impl Default for GenerateArgs {
    fn default() -> Self {
        GenerateArgs {
            max_new_tokens: 20,
            do_sample: false,
            temperature: 1.0,
            top_k: Some(50),
            top_p: None,
            repetition_penalty: 1.0,
        }
    }
}

impl GenerateArgs {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn max_new_tokens(mut self, n: i64) -> rt::PyResult<Self> {
        if n < 0 {
            return Err(rt::PyErr::value_error(format!(
                "max_new_tokens must be >= 0, got {n}"
            )));
        }
        self.max_new_tokens = n as usize;
        Ok(self)
    }
    pub fn do_sample(mut self, b: bool) -> Self {
        self.do_sample = b;
        self
    }
    pub fn temperature(mut self, t: impl Setting<f64>) -> rt::PyResult<Self> {
        if let Some(t) = t.setting() {
            if !(t > 0.0) || !t.is_finite() {
                return Err(rt::PyErr::value_error(format!(
                    "`temperature` (={t}) has to be a strictly positive float"
                )));
            }
            self.temperature = t;
        }
        Ok(self)
    }
    pub fn top_k(mut self, k: impl Setting<i64>) -> Self {
        if let Some(k) = k.setting() {
            self.top_k = (k > 0).then_some(k as usize);
        }
        self
    }
    pub fn top_p(mut self, p: impl Setting<f64>) -> rt::PyResult<Self> {
        if let Some(p) = p.setting() {
            if !(0.0..=1.0).contains(&p) {
                return Err(rt::PyErr::value_error(format!(
                    "`top_p` has to be a float > 0 and < 1, but is {p}"
                )));
            }
            self.top_p = Some(p);
        }
        Ok(self)
    }
    pub fn repetition_penalty(mut self, r: impl Setting<f64>) -> Self {
        if let Some(r) = r.setting() {
            self.repetition_penalty = r as f32;
        }
        self
    }
}

/// `model.generate(input_ids, ...)` for one sequence: the prompt's ids followed by the new ones,
/// ending with the end-of-sequence id when the model produced one (as transformers returns
/// them). `input_ids` is `[1, n]`.
pub fn generate(
    model: &ChatModel,
    input_ids: &[i64],
    shape: &[usize],
    args: GenerateArgs,
) -> rt::PyResult<Vec<i64>> {
    if shape.len() != 2 || shape[0] != 1 {
        return Err(rt::PyErr::value_error(format!(
            "generate takes one sequence, input_ids of shape [1, n]; got {shape:?}"
        )));
    }
    let vocab = model.tokenizer().get_vocab_size(true) as i64;
    if let Some(bad) = input_ids.iter().find(|&&i| i < 0 || i >= vocab) {
        return Err(rt::PyErr::value_error(format!(
            "token id {bad} is not in the vocabulary of {vocab} tokens"
        )));
    }
    let mut out = input_ids.to_vec();
    if args.max_new_tokens == 0 || input_ids.is_empty() {
        return Ok(out);
    }
    let mut sampler = if args.do_sample {
        crate::sampling::Sampler::new(
            args.temperature,
            args.top_k,
            args.top_p,
            args.repetition_penalty,
            None,
            None,
        )
    } else {
        crate::sampling::Sampler::new(0.0, None, None, args.repetition_penalty, None, None)
    };
    let mut history: Vec<u32> = input_ids.iter().map(|&i| i as u32).collect();
    let mut session = model.session()?;
    let mut logits = session.forward(&history)?;
    for step in 0..args.max_new_tokens {
        let tok = sampler.sample(&mut logits, &history);
        out.push(tok as i64);
        history.push(tok);
        if model.stop_token_ids().contains(&tok) || step + 1 == args.max_new_tokens {
            break;
        }
        // transformers stops at max_length = the model's context; so does the session.
        if session.position() + 1 > model.context_length() {
            break;
        }
        logits = session.forward(&[tok])?;
    }
    Ok(out)
}

/// A transformers KV cache (`out.past_key_values`): the running sequence's cache, shared by every
/// name that holds it. A forward pass with it extends it in place, as transformers' `DynamicCache`
/// does, so it is kept between steps exactly as the Python keeps it.
#[derive(Clone)]
pub struct KvCache(std::sync::Arc<std::sync::Mutex<crate::Session>>);

/// What `past_key_values=` takes: a cache, None, or an Optional cache.
pub trait PastArg {
    fn past(self) -> Option<KvCache>;
}
impl PastArg for KvCache {
    fn past(self) -> Option<KvCache> {
        Some(self)
    }
}
impl PastArg for Option<KvCache> {
    fn past(self) -> Option<KvCache> {
        self
    }
}
impl PastArg for () {
    fn past(self) -> Option<KvCache> {
        None
    }
}

/// `model(input_ids=..., past_key_values=..., use_cache=True)`: the logits of every input
/// position, `[1, n, vocab]` (row-major), and the cache that now holds them.
#[derive(Clone)]
pub struct CausalLmOutput {
    pub logits: Vec<f32>,
    pub logits_shape: [usize; 3],
    pub past_key_values: KvCache,
}

/// One forward pass of a transformers-style call. The positions run one at a time, so that every
/// position's logits exist (`out.logits[:, i, :]` for any i), not only the last one's.
pub fn forward(
    model: &ChatModel,
    input_ids: &[i64],
    shape: &[usize],
    past: impl PastArg,
) -> rt::PyResult<CausalLmOutput> {
    if shape.len() != 2 || shape[0] != 1 || shape[1] == 0 {
        return Err(rt::PyErr::value_error(format!(
            "the model takes one sequence, input_ids of shape [1, n] with n >= 1; got {shape:?}"
        )));
    }
    let vocab = model.tokenizer().get_vocab_size(true) as i64;
    if let Some(bad) = input_ids.iter().find(|&&i| i < 0 || i >= vocab) {
        return Err(rt::PyErr::value_error(format!(
            "token id {bad} is not in the vocabulary of {vocab} tokens"
        )));
    }
    let cache = match past.past() {
        Some(c) => c,
        None => KvCache(std::sync::Arc::new(std::sync::Mutex::new(model.session()?))),
    };
    let mut logits = Vec::new();
    let mut width = 0;
    {
        let mut session = cache
            .0
            .lock()
            .map_err(|_| rt::PyErr::value_error("the KV cache is unusable after a failed step"))?;
        for &id in input_ids {
            let row = session.forward(&[id as u32])?;
            width = row.len();
            logits.extend(row);
        }
    }
    Ok(CausalLmOutput {
        logits,
        logits_shape: [1, input_ids.len(), width],
        past_key_values: cache,
    })
}
