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
impl Setting<bool> for bool {
    fn setting(self) -> Option<bool> {
        Some(self)
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

/// `eos_token_id=`: an int, a list of ints, or None (the model's own).
pub trait EosIds {
    fn eos_ids(self) -> Option<Vec<i64>>;
}
impl EosIds for i64 {
    fn eos_ids(self) -> Option<Vec<i64>> {
        Some(vec![self])
    }
}
impl EosIds for Vec<i64> {
    fn eos_ids(self) -> Option<Vec<i64>> {
        Some(self)
    }
}
impl<E: EosIds> EosIds for Option<E> {
    fn eos_ids(self) -> Option<Vec<i64>> {
        self.and_then(EosIds::eos_ids)
    }
}
impl EosIds for () {
    fn eos_ids(self) -> Option<Vec<i64>> {
        None
    }
}

/// Where a sampling `generate` takes its seed: the caller's default random stream (the compiled
/// code passes torch's default generator, so `torch.manual_seed(s)` fixes the draws).
pub type SeedSource = std::sync::Arc<dyn Fn() -> u64 + Send + Sync>;

/// transformers' `model.generate(...)` settings, merged as transformers merges them: the call's
/// keywords over the model folder's `generation_config.json` over transformers' global defaults
/// (greedy; when sampling, temperature 1.0, top_k 50, top_p 1.0; `max_length` 20 in all, which
/// `max_new_tokens` replaces). Values are checked when `generate` runs, as transformers checks
/// them when it builds its logits processors: only the settings the decoding uses.
#[derive(Clone)]
pub struct GenerateArgs {
    max_new_tokens: Option<i64>,
    /// Set by the call (`max_length=`) or the folder; None is transformers' default of 20.
    max_length: Option<i64>,
    do_sample: bool,
    temperature: f64,
    top_k: i64,
    top_p: f64,
    min_p: Option<f64>,
    repetition_penalty: f64,
    eos: Vec<i64>,
    pad: Option<i64>,
    /// Whether the call passed `attention_mask=` (the compiler takes it as all ones).
    mask_given: bool,
    seed: Option<SeedSource>,
}

impl GenerateArgs {
    /// transformers' global defaults, with no end-of-sequence id.
    pub fn new() -> Self {
        GenerateArgs {
            max_new_tokens: None,
            max_length: None,
            do_sample: false,
            temperature: 1.0,
            top_k: 50,
            top_p: 1.0,
            min_p: None,
            repetition_penalty: 1.0,
            eos: vec![],
            pad: None,
            mask_given: false,
            seed: None,
        }
    }

    /// The model folder's generation config over transformers' global defaults.
    pub fn for_model(model: &ChatModel) -> Self {
        let g = model.generation_config();
        let d = Self::new();
        GenerateArgs {
            max_new_tokens: g.max_new_tokens,
            max_length: g.max_length,
            do_sample: g.do_sample.unwrap_or(d.do_sample),
            temperature: g.temperature.unwrap_or(d.temperature),
            top_k: g.top_k.unwrap_or(d.top_k),
            top_p: g.top_p.unwrap_or(d.top_p),
            min_p: g.min_p,
            repetition_penalty: g.repetition_penalty.unwrap_or(d.repetition_penalty),
            eos: g.eos_token_id.iter().map(|&i| i as i64).collect(),
            pad: g.pad_token_id.map(i64::from),
            mask_given: false,
            seed: None,
        }
    }

    pub fn max_new_tokens(mut self, n: impl Setting<i64>) -> Self {
        if let Some(n) = n.setting() {
            self.max_new_tokens = Some(n);
        }
        self
    }
    pub fn max_length(mut self, n: impl Setting<i64>) -> Self {
        if let Some(n) = n.setting() {
            self.max_length = Some(n);
        }
        self
    }
    pub fn do_sample(mut self, b: impl Setting<bool>) -> Self {
        if let Some(b) = b.setting() {
            self.do_sample = b;
        }
        self
    }
    pub fn temperature(mut self, t: impl Setting<f64>) -> Self {
        if let Some(t) = t.setting() {
            self.temperature = t;
        }
        self
    }
    pub fn top_k(mut self, k: impl Setting<i64>) -> Self {
        if let Some(k) = k.setting() {
            self.top_k = k;
        }
        self
    }
    pub fn top_p(mut self, p: impl Setting<f64>) -> Self {
        if let Some(p) = p.setting() {
            self.top_p = p;
        }
        self
    }
    pub fn min_p(mut self, p: impl Setting<f64>) -> Self {
        if let Some(p) = p.setting() {
            self.min_p = Some(p);
        }
        self
    }
    pub fn repetition_penalty(mut self, r: impl Setting<f64>) -> Self {
        if let Some(r) = r.setting() {
            self.repetition_penalty = r;
        }
        self
    }
    pub fn eos_token_id(mut self, ids: impl EosIds) -> Self {
        if let Some(ids) = ids.eos_ids() {
            self.eos = ids;
        }
        self
    }
    pub fn pad_token_id(mut self, id: impl Setting<i64>) -> Self {
        if let Some(id) = id.setting() {
            self.pad = Some(id);
        }
        self
    }
    /// `attention_mask=`: the mask of one unpadded sequence, all ones.
    pub fn attention_mask<T>(mut self, _mask: T) -> Self {
        self.mask_given = true;
        self
    }
    /// The random stream a sampling call draws its seed from (otherwise the OS's).
    pub fn seed_from(mut self, source: impl Fn() -> u64 + Send + Sync + 'static) -> Self {
        self.seed = Some(std::sync::Arc::new(source));
        self
    }

    /// Whether the merged settings sample (transformers' `do_sample`).
    pub fn samples(&self) -> bool {
        self.do_sample
    }

    /// The sampler transformers' logits processors amount to, after their checks.
    fn sampler(&self) -> rt::PyResult<crate::sampling::Sampler> {
        let rp = self.repetition_penalty;
        if !(rp > 0.0) || !rp.is_finite() {
            return Err(rt::PyErr::value_error(format!(
                "`penalty` has to be a strictly positive float, but is {}",
                rt::float::repr(rp)
            )));
        }
        if !self.do_sample {
            return Ok(crate::sampling::Sampler::new(
                0.0, None, None, rp as f32, None, None,
            ));
        }
        let t = self.temperature;
        if !(t > 0.0) || !t.is_finite() {
            return Err(rt::PyErr::value_error(format!(
                "`temperature` (={}) has to be a strictly positive float, otherwise your next token scores will be invalid. If you're looking for greedy decoding strategies, set `do_sample=False`.",
                rt::float::repr(t)
            )));
        }
        if self.top_k < 0 {
            return Err(rt::PyErr::value_error(format!(
                "`top_k` has to be a strictly positive integer, but is {}",
                self.top_k
            )));
        }
        let p = self.top_p;
        if !(0.0..=1.0).contains(&p) {
            return Err(rt::PyErr::value_error(format!(
                "`top_p` has to be a float > 0 and < 1, but is {}",
                rt::float::repr(p)
            )));
        }
        if let Some(m) = self.min_p {
            if !(0.0..=1.0).contains(&m) {
                return Err(rt::PyErr::value_error(format!(
                    "`min_p` has to be a float in the [0, 1] interval, but is {}",
                    rt::float::repr(m)
                )));
            }
        }
        let seed = self.seed.as_ref().map(|f| f());
        Ok(crate::sampling::Sampler::new(
            t,
            (self.top_k > 0).then_some(self.top_k as usize),
            Some(p),
            rp as f32,
            None,
            seed,
        )
        .with_min_p(self.min_p))
    }
}

impl Default for GenerateArgs {
    fn default() -> Self {
        Self::new()
    }
}

/// `model.generate(input_ids, ...)` for one sequence: the prompt's ids followed by the new ones,
/// ending with an end-of-sequence id when the model produced one (as transformers returns them).
/// `input_ids` is `[1, n]`. The length limit is transformers': `max_new_tokens` new ids when set
/// (by the call or the folder), else `max_length` ids in all, else 20 new ids within the model's
/// context.
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
    let n = input_ids.len() as i64;
    let max_length = match (args.max_new_tokens, args.max_length) {
        (Some(m), _) => {
            if m <= 0 {
                return Err(rt::PyErr::value_error(format!(
                    "`max_new_tokens` must be greater than 0, but is {m}."
                )));
            }
            n + m
        }
        (None, Some(l)) => l,
        (None, None) => (n + 20).min(model.context_length() as i64),
    };
    if args.max_new_tokens.is_none() && n >= max_length {
        return Err(rt::PyErr::value_error(format!(
            "Input length of input_ids is {n}, but `max_length` is set to {max_length}. This can lead to unexpected behavior. You should consider increasing `max_length` or, better yet, setting `max_new_tokens`."
        )));
    }
    // Without a mask, transformers infers one that hides every prompt token equal to the pad id (unless the pad id
    // also ends sequences). Ingot attends to every prompt token, so that case is refused rather than answered
    // differently.
    if let Some(pad) = args.pad {
        if !args.mask_given && !args.eos.contains(&pad) && input_ids.contains(&pad) {
            return Err(rt::PyErr::not_implemented_error(format!(
                "the prompt contains the pad token id {pad}, which is not an end-of-sequence id here, so transformers' \
                 generate would mask those prompt tokens out (an attention mask inferred from input_ids != pad_token_id); \
                 Ingot attends to every prompt token: pass attention_mask= explicitly, or a pad_token_id that is one of \
                 the eos_token_id ids"
            )));
        }
    }
    let mut sampler = args.sampler()?;
    let mut out = input_ids.to_vec();
    let new_tokens = (max_length - n).max(0) as usize;
    if new_tokens == 0 || input_ids.is_empty() {
        return Ok(out);
    }
    let mut history: Vec<u32> = input_ids.iter().map(|&i| i as u32).collect();
    let mut session = model.session()?;
    let mut logits = session.forward(&history)?;
    for step in 0..new_tokens {
        let tok = sampler.sample(&mut logits, &history);
        out.push(tok as i64);
        history.push(tok);
        if args.eos.contains(&(tok as i64)) || step + 1 == new_tokens {
            break;
        }
        // The model attends to no more than its context; generation ends there.
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
