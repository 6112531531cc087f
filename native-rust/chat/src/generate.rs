//! Generation: from prompt token ids to reply text, one token at a time, pulled by the
//! caller. Input: a [`ChatModel`] and [`GenerateParams`]; output: a [`TextStream`] of text
//! pieces (never a split UTF-8 character, never text that might begin a stop string), and
//! on top of it the OpenAI shapes: a [`ChunkStream`] of `ChatCompletionChunk` and a
//! non-streamed `ChatCompletion` built from the very same pieces, so the two always agree.
//! Nothing runs ahead of the caller: dropping a stream stops generating at once and frees
//! its KV cache.

use crate::error::{Error, Result};
use crate::family::Instance;
use crate::model::ChatModel;
use crate::openai::*;
use crate::sampling::Sampler;
use serde::{Deserialize, Deserializer};

/// The request's generation settings, with OpenAI's field names (a chat request body
/// deserializes into it; unknown fields are ignored). The default is greedy decoding up to
/// the context's end; each front end sets its library's own defaults (llama-cpp-python:
/// temperature 0.2, top_p 0.95, top_k 40; OpenAI: temperature 1).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GenerateParams {
    /// Most new tokens; must be > 0. `max_completion_tokens` wins when both are set.
    pub max_tokens: Option<i64>,
    pub max_completion_tokens: Option<i64>,
    /// 0 (or None) is greedy; must not be negative.
    pub temperature: Option<f64>,
    /// In (0, 1]; 1 keeps every token.
    pub top_p: Option<f64>,
    /// 0 or None keeps every token.
    pub top_k: Option<i64>,
    /// llama.cpp's min-p: keep the tokens at least this fraction as likely as the most likely
    /// one; 0 or None keeps every token.
    pub min_p: Option<f64>,
    /// The same seed gives the same text; None draws from the OS.
    pub seed: Option<u64>,
    /// transformers' `repetition_penalty` / llama.cpp's `repeat_penalty`; 1 is off.
    #[serde(alias = "repetition_penalty")]
    pub repeat_penalty: Option<f32>,
    /// Tokens the penalty looks back at (llama.cpp: 64); None: the whole sequence
    /// (transformers).
    pub repeat_last_n: Option<usize>,
    /// Stop strings: the reply ends before the first one and does not contain it.
    #[serde(deserialize_with = "string_or_list")]
    pub stop: Vec<String>,
    pub stream_options: Option<StreamOptions>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StreamOptions {
    #[serde(default)]
    pub include_usage: bool,
}

fn string_or_list<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum S {
        One(String),
        Many(Vec<String>),
        None(()),
    }
    Ok(match S::deserialize(d)? {
        S::One(s) => vec![s],
        S::Many(v) => v,
        S::None(()) => vec![],
    })
}

impl GenerateParams {
    /// Greedy decoding of at most `max_tokens` tokens.
    pub fn greedy(max_tokens: i64) -> Self {
        GenerateParams {
            max_tokens: Some(max_tokens),
            ..Default::default()
        }
    }

    fn max_new(&self) -> Result<Option<usize>> {
        match self.max_completion_tokens.or(self.max_tokens) {
            None => Ok(None),
            Some(n) if n <= 0 => Err(Error::value(format!(
                "max_tokens must be at least 1, got {n}"
            ))),
            Some(n) => Ok(Some(n as usize)),
        }
    }

    fn sampler(&self) -> Result<Sampler> {
        let t = self.temperature.unwrap_or(0.0);
        if !(t >= 0.0) || !t.is_finite() {
            return Err(Error::value(format!("temperature must be >= 0, got {t}")));
        }
        if let Some(p) = self.top_p {
            if !(p > 0.0 && p <= 1.0) {
                return Err(Error::value(format!("top_p must be in (0, 1], got {p}")));
            }
        }
        let top_k = match self.top_k {
            Some(k) if k < 0 => return Err(Error::value(format!("top_k must be >= 0, got {k}"))),
            k => k.map(|k| k as usize),
        };
        if let Some(p) = self.min_p {
            if !(0.0..=1.0).contains(&p) {
                return Err(Error::value(format!("min_p must be in [0, 1], got {p}")));
            }
        }
        let rp = self.repeat_penalty.unwrap_or(1.0);
        if !(rp > 0.0) || !rp.is_finite() {
            return Err(Error::value(format!(
                "repeat_penalty must be > 0, got {rp}"
            )));
        }
        Ok(
            Sampler::new(t, top_k, self.top_p, rp, self.repeat_last_n, self.seed)
                .with_min_p(self.min_p),
        )
    }
}

/// Turns generated ids into text pieces without splitting a character: a piece is released
/// only when the decoded text no longer ends in an incomplete byte sequence (U+FFFD), and is
/// the difference between two decodes of the same window (so decoders that look at
/// neighbouring tokens, like SentencePiece's leading-space rule, stay right).
struct Detokenizer {
    ids: Vec<u32>,
    prefix: usize,
    read: usize,
}

impl Detokenizer {
    fn decode(&self, tk: &tokenizers::Tokenizer, ids: &[u32]) -> Result<String> {
        tk.decode(ids, true)
            .map_err(|e| Error::runtime(format!("decoding failed: {e}")))
    }

    fn push(&mut self, tk: &tokenizers::Tokenizer, id: u32) -> Result<String> {
        self.ids.push(id);
        // A SentencePiece byte piece (`<0xE6>`): the `ByteFallback` decoder turns a whole run
        // of them into text at once, and a run that is not UTF-8 into one U+FFFD per piece,
        // even its ASCII bytes. So a later byte piece can change how earlier ones read ('f'
        // becomes U+FFFD); the run is held until a token that is not a byte piece ends it.
        // A token that decodes to nothing (a skipped special token) does not end it: the
        // decoder never sees it, and the byte pieces on both sides form one run.
        if tk.id_to_token(id).is_some_and(|t| is_byte_piece(&t))
            || self.decode(tk, &[id])?.is_empty()
        {
            return Ok(String::new());
        }
        self.take(tk, false)
    }

    /// The text released by the tokens since the last release; `flush` releases a trailing
    /// incomplete sequence too (as U+FFFD, as a full decode would show it).
    fn take(&mut self, tk: &tokenizers::Tokenizer, flush: bool) -> Result<String> {
        let before = self.decode(tk, &self.ids[self.prefix..self.read])?;
        let after = self.decode(tk, &self.ids[self.prefix..])?;
        if after.len() > before.len() && (flush || !after.ends_with('\u{FFFD}')) {
            if let Some(new) = after
                .get(before.len()..)
                .filter(|_| after.starts_with(&before))
            {
                let new = new.to_string();
                self.prefix = self.read;
                self.read = self.ids.len();
                return Ok(new);
            }
        }
        Ok(String::new())
    }
}

/// `<0xHH>`, SentencePiece's spelling of a byte-fallback token.
fn is_byte_piece(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 6
        && t.starts_with("<0x")
        && t.ends_with('>')
        && b[3].is_ascii_hexdigit()
        && b[4].is_ascii_hexdigit()
}

/// Stop-string matching over streamed text. Text that could be the start of a stop string is
/// held back until the next piece decides it.
struct StopMatcher {
    stops: Vec<String>,
    held: String,
}

impl StopMatcher {
    /// Add text; returns (text safe to release, whether a stop string was found). After a
    /// match the text before it is released and the rest is dropped.
    fn push(&mut self, text: &str) -> (String, bool) {
        self.held.push_str(text);
        let first = self
            .stops
            .iter()
            .filter_map(|s| self.held.find(s.as_str()))
            .min();
        if let Some(at) = first {
            self.held.truncate(at);
            return (std::mem::take(&mut self.held), true);
        }
        // The longest tail of `held` that is a proper prefix of some stop string stays.
        let mut keep = 0;
        for s in &self.stops {
            for (cut, _) in s.char_indices().skip(1) {
                if cut > keep && self.held.ends_with(&s[..cut]) {
                    keep = cut;
                }
            }
        }
        let release = self.held.len() - keep;
        let out = self.held[..release].to_string();
        self.held.drain(..release);
        (out, false)
    }

    fn flush(&mut self) -> String {
        std::mem::take(&mut self.held)
    }
}

/// A generation's text pieces. Each `next()` runs the model until it has new text (or the
/// reply ends); errors end the stream. Dropping it frees the KV cache at once.
pub struct TextStream {
    model: ChatModel,
    inst: Option<Instance>,
    sampler: Sampler,
    /// Every token so far (prompt and reply): the repetition penalty's window.
    history: Vec<u32>,
    /// Tokens not yet run through the model (the prompt, then each new token).
    pending: Vec<u32>,
    pos: usize,
    prompt_tokens: usize,
    completion_tokens: usize,
    max_new: usize,
    detok: Detokenizer,
    stop: StopMatcher,
    finish: Option<FinishReason>,
    /// Text decided but not yet returned (after the reply ended).
    tail: String,
    done: bool,
}

impl TextStream {
    /// Why the reply ended, once it has (None while it runs).
    pub fn finish_reason(&self) -> Option<FinishReason> {
        if self.done {
            self.finish
        } else {
            None
        }
    }

    /// Token counts so far (final once the stream ended).
    pub fn usage(&self) -> Usage {
        Usage {
            prompt_tokens: self.prompt_tokens,
            completion_tokens: self.completion_tokens,
            total_tokens: self.prompt_tokens + self.completion_tokens,
        }
    }

    /// The reply's token ids so far (stop tokens excluded).
    pub fn token_ids(&self) -> &[u32] {
        &self.detok.ids
    }

    fn end(&mut self, reason: FinishReason) -> Result<()> {
        self.finish = Some(reason);
        if let Some(i) = self.inst.take() {
            self.model.inner.weights.release(i);
        }
        // The remaining text: an incomplete character, then any held-back text that did
        // not turn into a stop string.
        let rest = self.detok.take(&self.model.inner.tokenizer, true)?;
        let (out, hit) = self.stop.push(&rest);
        self.tail.push_str(&out);
        if hit {
            self.finish = Some(FinishReason::Stop);
        } else {
            let held = self.stop.flush();
            self.tail.push_str(&held);
        }
        Ok(())
    }

    fn step(&mut self) -> Result<Option<String>> {
        loop {
            if self.finish.is_some() {
                if !self.tail.is_empty() {
                    return Ok(Some(std::mem::take(&mut self.tail)));
                }
                self.done = true;
                return Ok(None);
            }
            let inner = &self.model.inner;
            let inst = self
                .inst
                .as_mut()
                .ok_or_else(|| Error::runtime("the generation has ended"))?;
            let mut logits = inst.forward(&self.pending, self.pos, &inner.device)?;
            self.pos += self.pending.len();
            let tok = self.sampler.sample(&mut logits, &self.history);
            if inner.stop_ids.contains(&tok) {
                self.end(FinishReason::Stop)?;
                continue;
            }
            self.completion_tokens += 1;
            self.history.push(tok);
            self.pending = vec![tok];
            let text = self.detok.push(&inner.tokenizer, tok)?;
            let (out, hit) = if text.is_empty() {
                (String::new(), false)
            } else {
                self.stop.push(&text)
            };
            if hit {
                self.finish = Some(FinishReason::Stop);
                if let Some(i) = self.inst.take() {
                    self.model.inner.weights.release(i);
                }
                self.tail = out;
                continue;
            }
            if self.completion_tokens >= self.max_new || self.pos + 1 > self.model.context_length()
            {
                self.tail = out;
                self.end(FinishReason::Length)?;
                continue;
            }
            if !out.is_empty() {
                return Ok(Some(out));
            }
        }
    }
}

impl Iterator for TextStream {
    type Item = Result<String>;
    fn next(&mut self) -> Option<Result<String>> {
        if self.done {
            return None;
        }
        match self.step() {
            Ok(Some(s)) => Some(Ok(s)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                if let Some(i) = self.inst.take() {
                    self.model.inner.weights.release(i);
                }
                Some(Err(e))
            }
        }
    }
}

impl Drop for TextStream {
    fn drop(&mut self) {
        if let Some(i) = self.inst.take() {
            self.model.inner.weights.release(i);
        }
    }
}

/// The OpenAI chunk stream: a first chunk with the role, one per text piece, a last one
/// with the finish_reason, and with `include_usage` a final choice-less chunk with usage.
pub struct ChunkStream {
    text: TextStream,
    id: String,
    created: u64,
    include_usage: bool,
    state: u8, // 0: role chunk next, 1: text, 2: usage next, 3: done
}

impl ChunkStream {
    fn chunk(&self, delta: Delta, finish: Option<FinishReason>) -> ChatCompletionChunk {
        ChatCompletionChunk {
            id: self.id.clone(),
            object: "chat.completion.chunk".into(),
            created: self.created,
            model: self.text.model.name().to_string(),
            choices: vec![ChunkChoice {
                index: 0,
                delta,
                finish_reason: finish,
                logprobs: None,
            }],
            usage: None,
        }
    }

    /// Token counts so far (final once the stream ended).
    pub fn usage(&self) -> Usage {
        self.text.usage()
    }

    /// The chunks' shared `id`.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Iterator for ChunkStream {
    type Item = Result<ChatCompletionChunk>;
    fn next(&mut self) -> Option<Self::Item> {
        match self.state {
            0 => {
                self.state = 1;
                Some(Ok(self.chunk(
                    Delta {
                        role: Some("assistant".into()),
                        content: Some(String::new()),
                    },
                    None,
                )))
            }
            1 => match self.text.next() {
                Some(Ok(piece)) => Some(Ok(self.chunk(
                    Delta {
                        role: None,
                        content: Some(piece),
                    },
                    None,
                ))),
                Some(Err(e)) => {
                    self.state = 3;
                    Some(Err(e))
                }
                None => {
                    self.state = if self.include_usage { 2 } else { 3 };
                    let reason = self.text.finish_reason().unwrap_or(FinishReason::Stop);
                    Some(Ok(self.chunk(Delta::default(), Some(reason))))
                }
            },
            2 => {
                self.state = 3;
                let mut c = self.chunk(Delta::default(), None);
                c.choices.clear();
                c.usage = Some(self.text.usage());
                Some(Ok(c))
            }
            _ => None,
        }
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn completion_id() -> String {
    use rand::Rng;
    let n: u128 = rand::rng().random();
    format!("chatcmpl-{:024x}", n & ((1u128 << 96) - 1))
}

impl ChatModel {
    /// Generate from prompt token ids. The prompt must leave room for at least one token in
    /// the context (else ValueError); max_tokens <= 0 and bad sampling values are ValueErrors.
    pub fn generate(&self, prompt_ids: Vec<u32>, params: &GenerateParams) -> Result<TextStream> {
        let max_new = params.max_new()?;
        let sampler = params.sampler()?;
        let ctx = self.context_length();
        if prompt_ids.is_empty() {
            return Err(Error::value("the prompt has no tokens"));
        }
        if prompt_ids.len() >= ctx {
            return Err(Error::value(format!(
                "the prompt has {} tokens, more than the model's context of {ctx} tokens allows \
                 (it must leave room for at least one new token)",
                prompt_ids.len()
            )));
        }
        let vocab = self.inner.tokenizer.get_vocab_size(true) as u32;
        if let Some(bad) = prompt_ids.iter().find(|&&i| i >= vocab) {
            return Err(Error::value(format!(
                "token id {bad} is not in the vocabulary of {vocab} tokens"
            )));
        }
        let stops: Vec<String> = params
            .stop
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect();
        Ok(TextStream {
            inst: Some(self.inner.weights.instance(&self.inner.device)?),
            model: self.clone(),
            sampler,
            history: prompt_ids.clone(),
            prompt_tokens: prompt_ids.len(),
            pending: prompt_ids,
            pos: 0,
            completion_tokens: 0,
            max_new: max_new.unwrap_or(usize::MAX),
            detok: Detokenizer {
                ids: vec![],
                prefix: 0,
                read: 0,
            },
            stop: StopMatcher {
                stops,
                held: String::new(),
            },
            finish: None,
            tail: String::new(),
            done: false,
        })
    }

    /// `create_chat_completion(messages, stream=True)`: render, encode, generate.
    pub fn stream(
        &self,
        messages: &serde_json::Value,
        params: &GenerateParams,
    ) -> Result<ChunkStream> {
        let ids = self.prompt_ids(messages)?;
        let text = self.generate(ids, params)?;
        Ok(ChunkStream {
            text,
            id: completion_id(),
            created: now(),
            include_usage: params
                .stream_options
                .as_ref()
                .map(|o| o.include_usage)
                .unwrap_or(false),
            state: 0,
        })
    }

    /// `create_chat_completion(messages)`: the whole reply (the stream's pieces joined).
    pub fn create(
        &self,
        messages: &serde_json::Value,
        params: &GenerateParams,
    ) -> Result<ChatCompletion> {
        let ids = self.prompt_ids(messages)?;
        let mut text = self.generate(ids, params)?;
        let mut content = String::new();
        for piece in text.by_ref() {
            content.push_str(&piece?);
        }
        Ok(ChatCompletion {
            id: completion_id(),
            object: "chat.completion".into(),
            created: now(),
            model: self.name().to_string(),
            choices: vec![Choice {
                index: 0,
                message: ResponseMessage {
                    role: "assistant".into(),
                    content,
                },
                finish_reason: text.finish_reason().unwrap_or(FinishReason::Stop),
                logprobs: None,
            }],
            usage: text.usage(),
        })
    }
}
