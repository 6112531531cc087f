//! `ChatModel`: one loaded chat model (weights, tokenizer, chat template, stop tokens).
//! Input: a model folder (config.json, safetensors, tokenizer.json, tokenizer_config.json)
//! or a `.gguf` file (weights, tokenizer and template in one). Output: prompt rendering,
//! tokenization, and generations ([`crate::generate`]) that the compiled code and the
//! server turn into OpenAI chat completions.

use crate::error::{tokenizer_error, Error, Result};
use crate::family::{self, Instance, Weights};
use crate::generation_config::{ids_of, GenerationConfig};
use crate::gguf_tokenizer;
use crate::template::{validate_messages, ChatTemplate};
use candle_core::Device;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) struct Inner {
    pub name: String,
    pub path: PathBuf,
    pub weights: Weights,
    pub device: Device,
    pub tokenizer: tokenizers::Tokenizer,
    pub template: Option<ChatTemplate>,
    /// Token ids that end a reply: EOS ids and the template's end-of-turn tokens.
    pub stop_ids: Vec<u32>,
    pub bos_id: Option<u32>,
    /// GGUF `tokenizer.ggml.add_bos_token`: `encode(.., add_special_tokens=true)` prepends BOS
    /// (a tokenizer.json carries this in its post-processor instead).
    pub add_bos: bool,
    pub context_length: usize,
    /// What `model.generate(...)` starts from (transformers' form).
    pub generation: GenerationConfig,
}

/// A loaded chat model. Cheap to clone (shared); `Send + Sync`; every generation has its
/// own KV cache, so several can run at once from different threads.
#[derive(Clone)]
pub struct ChatModel {
    pub(crate) inner: Arc<Inner>,
    name: Arc<str>,
    /// A context smaller than the model's, set by the caller (llama-cpp-python's `n_ctx`).
    context_limit: Option<usize>,
}

impl std::fmt::Debug for ChatModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatModel")
            .field("name", &self.name)
            .field("path", &self.inner.path)
            .field("context_length", &self.inner.context_length)
            .finish()
    }
}

fn is_gguf(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .map(|e| e.eq_ignore_ascii_case("gguf"))
            .unwrap_or(false)
}

/// A folder with exactly one .gguf file and no safetensors is that file.
fn gguf_in_dir(dir: &Path) -> Option<PathBuf> {
    if family::safetensors_files(dir).is_ok() {
        return None;
    }
    let mut ggufs: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_gguf(p))
        .collect();
    if ggufs.len() == 1 {
        ggufs.pop()
    } else {
        None
    }
}

fn token_content(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(o) => o.get("content").and_then(|c| c.as_str()).map(String::from),
        _ => None,
    }
}

pub(crate) fn read_json_opt(path: &Path) -> Result<Option<serde_json::Value>> {
    if !path.is_file() {
        return Ok(None);
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::os(format!("{}: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| Error::value(format!("{}: invalid JSON: {e}", path.display())))
}

/// The chat template of a transformers folder (chat_template.jinja, or tokenizer_config.json's
/// `chat_template`) with the special-token names it may use (`bos_token`, `eos_token`, ...),
/// from tokenizer_config.json or special_tokens_map.json. No template is `None`.
pub(crate) fn folder_template(
    dir: &Path,
) -> Result<(Option<ChatTemplate>, BTreeMap<String, String>)> {
    let tk_cfg = read_json_opt(&dir.join("tokenizer_config.json"))?.unwrap_or_default();
    let special_map = read_json_opt(&dir.join("special_tokens_map.json"))?.unwrap_or_default();
    let mut names = BTreeMap::new();
    for k in [
        "bos_token",
        "eos_token",
        "unk_token",
        "pad_token",
        "sep_token",
        "cls_token",
        "mask_token",
    ] {
        if let Some(s) = tk_cfg
            .get(k)
            .and_then(token_content)
            .or_else(|| special_map.get(k).and_then(token_content))
        {
            names.insert(k.to_string(), s);
        }
    }
    // transformers saves the template as chat_template.jinja (4.43+) or in
    // tokenizer_config.json: a string, or a list of named templates ("default" wins).
    let jinja = dir.join("chat_template.jinja");
    let source = if jinja.is_file() {
        Some(
            std::fs::read_to_string(&jinja)
                .map_err(|e| Error::os(format!("{}: {e}", jinja.display())))?,
        )
    } else {
        match tk_cfg.get("chat_template") {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Array(list)) => {
                let named = |n: &str| {
                    list.iter()
                        .find(|t| t.get("name").and_then(|x| x.as_str()) == Some(n))
                };
                named("default")
                    .or_else(|| list.first())
                    .and_then(|t| t.get("template"))
                    .and_then(|t| t.as_str())
                    .map(String::from)
            }
            _ => None,
        }
    };
    let template = match source {
        Some(src) => {
            Some(ChatTemplate::new(src, names.clone()).map_err(|e| e.context(dir.display()))?)
        }
        None => None,
    };
    Ok((template, names))
}

impl ChatModel {
    /// The files a model at `path` reads, so the compiler can record their sha256 and pass
    /// them back to [`ChatModel::load_verified`]: the .gguf itself, or the folder's
    /// config.json, safetensors, tokenizer and template files that exist.
    pub fn model_files(path: impl AsRef<Path>) -> Result<Vec<PathBuf>> {
        let path = path.as_ref();
        if is_gguf(path) {
            return Ok(vec![path.to_path_buf()]);
        }
        if !path.is_dir() {
            return Err(Error::os(format!(
                "{} is neither a .gguf file nor a model folder",
                path.display()
            )));
        }
        if let Some(g) = gguf_in_dir(path) {
            return Ok(vec![g]);
        }
        let mut files = vec![path.join("config.json")];
        files.extend(family::safetensors_files(path)?);
        for f in [
            "model.safetensors.index.json",
            "tokenizer.json",
            "tokenizer_config.json",
            "special_tokens_map.json",
            "generation_config.json",
            "chat_template.jinja",
        ] {
            let p = path.join(f);
            if p.is_file() {
                files.push(p);
            }
        }
        Ok(files)
    }

    /// Check each `(file relative to the model folder, or the .gguf's own name, sha256)`
    /// first, then load. A mismatch is a ValueError naming the file.
    pub fn load_verified(path: impl AsRef<Path>, checks: &[(&str, &str)]) -> Result<Self> {
        let path = path.as_ref();
        let base = if is_gguf(path) {
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            path.to_path_buf()
        };
        for (file, sha) in checks {
            ingot_models::verify_file(base.join(file), sha)?;
        }
        Self::load(path)
    }

    /// Load from a `.gguf` file, a folder holding one, or a transformers model folder.
    /// Runs on the device `INGOT_DEVICE` selects (the CPU unless set).
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let device = ingot_models::select_device()?;
        let gguf = if is_gguf(path) {
            Some(path.to_path_buf())
        } else if path.is_dir() {
            gguf_in_dir(path)
        } else if path.exists() {
            return Err(Error::value(format!(
                "{} is not a .gguf file or a model folder",
                path.display()
            )));
        } else {
            return Err(Error::os(format!("{} does not exist", path.display())));
        };
        let inner = match gguf {
            Some(g) => Self::load_gguf(&g, device)?,
            None => Self::load_dir(path, device)?,
        };
        let mut inner = inner;
        inner.stop_ids.extend(end_of_turn_ids(&inner));
        inner.stop_ids.sort_unstable();
        inner.stop_ids.dedup();
        Ok(ChatModel {
            name: inner.name.clone().into(),
            inner: Arc::new(inner),
            context_limit: None,
        })
    }

    fn load_gguf(path: &Path, device: Device) -> Result<Inner> {
        let (ct, mut file) = family::read_gguf(path)?;
        let sibling = path.parent().map(|d| d.join("tokenizer.json"));
        let (tokenizer, specials) = match gguf_tokenizer::tokenizer_json(&ct) {
            Ok((doc, specials)) => {
                let tk: tokenizers::Tokenizer = serde_json::from_value(doc).map_err(|e| {
                    Error::value(format!(
                        "{}: cannot build the tokenizer: {e}",
                        path.display()
                    ))
                })?;
                (tk, specials)
            }
            // No usable tokenizer in the metadata: a tokenizer.json next to the file.
            Err(e) => match sibling.filter(|s| s.is_file()) {
                Some(s) => (
                    tokenizers::Tokenizer::from_file(&s)
                        .map_err(|e| tokenizer_error(&s.display().to_string(), e))?,
                    Default::default(),
                ),
                None => return Err(e.context(path.display())),
            },
        };
        let tok_str = |id: Option<u32>| id.and_then(|i| specials.tokens.get(i as usize).cloned());
        let mut names = BTreeMap::new();
        for (k, id) in [("bos_token", specials.bos), ("eos_token", specials.eos)] {
            if let Some(s) = tok_str(id) {
                names.insert(k.to_string(), s);
            }
        }
        for (k, key) in [
            ("unk_token", "tokenizer.ggml.unknown_token_id"),
            ("pad_token", "tokenizer.ggml.padding_token_id"),
        ] {
            let id = ct.metadata.get(key).and_then(|v| v.to_u32().ok());
            if let Some(s) = tok_str(id) {
                names.insert(k.to_string(), s);
            }
        }
        let template =
            match ct
                .metadata
                .get("tokenizer.chat_template")
                .and_then(|v| v.to_string().ok())
            {
                Some(src) => Some(ChatTemplate::new(src.clone(), names).map_err(|e| {
                    e.context(format!("{} (tokenizer.chat_template)", path.display()))
                })?),
                None => None,
            };
        let mut stop_ids: Vec<u32> = specials.eos.into_iter().collect();
        stop_ids.extend(&specials.eot);
        let (weights, context_length) = family::load_gguf(path, ct, &mut file, &device)?;
        Ok(Inner {
            name: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: path.to_path_buf(),
            weights,
            device,
            tokenizer,
            template,
            stop_ids,
            bos_id: specials.bos,
            add_bos: specials.add_bos,
            context_length,
            generation: GenerationConfig {
                eos_token_id: specials.eos.into_iter().collect(),
                bos_token_id: specials.bos,
                ..GenerationConfig::default()
            },
        })
    }

    fn load_dir(dir: &Path, device: Device) -> Result<Inner> {
        let tk_path = dir.join("tokenizer.json");
        if !tk_path.is_file() {
            return Err(Error::os(format!("{} does not exist", tk_path.display())));
        }
        let tokenizer = tokenizers::Tokenizer::from_file(&tk_path).map_err(|e| {
            Error::value(format!("{}: cannot load tokenizer: {e}", tk_path.display()))
        })?;
        let gen_cfg = read_json_opt(&dir.join("generation_config.json"))?;
        let (template, names) = folder_template(dir)?;
        let (weights, context_length, config) = family::load_safetensors(dir, &device)?;
        let generation = GenerationConfig::from_json(gen_cfg.as_ref(), &config);
        let mut stop_ids = ids_of(gen_cfg.as_ref().and_then(|g| g.get("eos_token_id")));
        stop_ids.extend(ids_of(config.get("eos_token_id")));
        if let Some(id) = names
            .get("eos_token")
            .and_then(|t| tokenizer.token_to_id(t))
        {
            stop_ids.push(id);
        }
        let bos_id = names
            .get("bos_token")
            .and_then(|t| tokenizer.token_to_id(t));
        Ok(Inner {
            name: dir
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: dir.to_path_buf(),
            weights,
            device,
            tokenizer,
            template,
            stop_ids,
            bos_id,
            add_bos: false,
            context_length,
            generation,
        })
    }

    /// The name responses report as `model` (the file stem or folder name unless set).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The same model (shared weights) reported under another name (the served model id).
    pub fn with_name(&self, name: &str) -> Self {
        ChatModel {
            inner: self.inner.clone(),
            name: name.into(),
            context_limit: self.context_limit,
        }
    }

    /// The same model (shared weights) with its context cut to `n` tokens (llama-cpp-python's
    /// `Llama(n_ctx=n)`); 0, or more than the model's own context, keeps the model's.
    pub fn with_context_length(&self, n: usize) -> Self {
        ChatModel {
            inner: self.inner.clone(),
            name: self.name.clone(),
            context_limit: (n > 0 && n < self.inner.context_length).then_some(n),
        }
    }

    /// Tokens the model can attend to (prompt plus reply).
    pub fn context_length(&self) -> usize {
        self.context_limit.unwrap_or(self.inner.context_length)
    }

    /// The token ids that end a reply (EOS and the template's end-of-turn tokens).
    pub fn stop_token_ids(&self) -> &[u32] {
        &self.inner.stop_ids
    }

    /// The generation settings of the model's folder (transformers' `model.generation_config`).
    pub fn generation_config(&self) -> &GenerationConfig {
        &self.inner.generation
    }

    /// The model's chat template, if it has one.
    pub fn chat_template(&self) -> Option<&ChatTemplate> {
        self.inner.template.as_ref()
    }

    /// The HF tokenizer.
    pub fn tokenizer(&self) -> &tokenizers::Tokenizer {
        &self.inner.tokenizer
    }

    /// `tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=...)`.
    /// Bad messages (empty, unknown role, non-string content) are a ValueError, as is a model
    /// without a chat template.
    pub fn render(
        &self,
        messages: &serde_json::Value,
        add_generation_prompt: bool,
    ) -> Result<String> {
        self.render_with(messages, add_generation_prompt, None)
    }

    /// [`ChatModel::render`] with extra template variables (`tools`, `enable_thinking`, ...).
    pub fn render_with(
        &self,
        messages: &serde_json::Value,
        add_generation_prompt: bool,
        extra: Option<&serde_json::Map<String, serde_json::Value>>,
    ) -> Result<String> {
        validate_messages(messages)?;
        let t = self.inner.template.as_ref().ok_or_else(|| {
            Error::value(format!(
                "{} has no chat template (tokenizer_config.json chat_template, chat_template.jinja \
                 or GGUF tokenizer.chat_template)",
                self.inner.path.display()
            ))
        })?;
        t.render(messages, add_generation_prompt, extra)
    }

    /// Token ids of `text`. Special-token strings in the text (`<|im_start|>`) are their
    /// tokens; `add_special_tokens` adds BOS/EOS as the tokenizer's post-processor (or the
    /// GGUF's add_bos_token) says. Rendered chat prompts are encoded without them, as
    /// transformers and llama-cpp-python do, since the template writes its own.
    pub fn encode(&self, text: &str, add_special_tokens: bool) -> Result<Vec<u32>> {
        let enc = self
            .inner
            .tokenizer
            .encode_fast(text, add_special_tokens)
            .map_err(|e| tokenizer_error("tokenization failed", e))?;
        let mut ids = enc.get_ids().to_vec();
        if add_special_tokens && self.inner.add_bos {
            if let Some(b) = self.inner.bos_id {
                if ids.first() != Some(&b) {
                    ids.insert(0, b);
                }
            }
        }
        Ok(ids)
    }

    /// Text of token ids. An id outside the vocabulary is a ValueError.
    pub fn decode(&self, ids: &[u32], skip_special_tokens: bool) -> Result<String> {
        let n = self.inner.tokenizer.get_vocab_size(true) as u32;
        if let Some(bad) = ids.iter().find(|&&i| i >= n) {
            return Err(Error::value(format!(
                "token id {bad} is not in the tokenizer's vocabulary of {n} tokens"
            )));
        }
        self.inner
            .tokenizer
            .decode(ids, skip_special_tokens)
            .map_err(|e| tokenizer_error("decoding failed", e))
    }

    /// The prompt's token ids for a message list (rendered with the generation prompt).
    pub fn prompt_ids(&self, messages: &serde_json::Value) -> Result<Vec<u32>> {
        let text = self.render(messages, true)?;
        self.encode(&text, false)
    }

    /// `usage.prompt_tokens` for these messages.
    pub fn count_tokens(&self, messages: &serde_json::Value) -> Result<usize> {
        Ok(self.prompt_ids(messages)?.len())
    }

    /// A raw decoding session with its own KV cache: feed tokens, get the last logits (the
    /// hand-written `model(input_ids, past_key_values=past)` loop).
    pub fn session(&self) -> Result<Session> {
        Ok(Session {
            model: self.clone(),
            inst: Some(self.inner.weights.instance(&self.inner.device)?),
            pos: 0,
        })
    }
}

/// One sequence's forward passes, with its KV cache. Dropping it frees the cache.
pub struct Session {
    model: ChatModel,
    inst: Option<Instance>,
    pos: usize,
}

impl Session {
    /// Run `ids` after everything fed so far; the logits of the last one (vocabulary-sized).
    /// Past the model's context it is a ValueError.
    pub fn forward(&mut self, ids: &[u32]) -> Result<Vec<f32>> {
        if ids.is_empty() {
            return Err(Error::value("forward needs at least one token"));
        }
        let ctx = self.model.context_length();
        if self.pos + ids.len() > ctx {
            return Err(Error::value(format!(
                "{} tokens exceed the model's context of {ctx} tokens",
                self.pos + ids.len()
            )));
        }
        let vocab = self.model.inner.tokenizer.get_vocab_size(true) as u32;
        if let Some(bad) = ids.iter().find(|&&i| i >= vocab) {
            return Err(Error::value(format!(
                "token id {bad} is not in the vocabulary of {vocab} tokens"
            )));
        }
        let inst = self
            .inst
            .as_mut()
            .ok_or_else(|| Error::runtime("the session is closed"))?;
        let logits = inst.forward(ids, self.pos, &self.model.inner.device)?;
        self.pos += ids.len();
        Ok(logits)
    }

    /// Tokens fed so far (the KV cache's length).
    pub fn position(&self) -> usize {
        self.pos
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(i) = self.inst.take() {
            self.model.inner.weights.release(i);
        }
    }
}

/// The template's end-of-turn tokens: render a conversation whose assistant reply is a
/// marker, and take the special tokens that directly follow the marker (`<|im_end|>`,
/// `<end_of_turn>`, `<|eot_id|>`). A template that cannot render it adds none.
fn end_of_turn_ids(inner: &Inner) -> Vec<u32> {
    const MARK: &str = "INGOT_END_OF_TURN_MARKER";
    let Some(t) = inner.template.as_ref() else {
        return vec![];
    };
    let msgs = serde_json::json!([
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": MARK},
    ]);
    let Ok(text) = t.render(&msgs, false, None) else {
        return vec![];
    };
    let Some(at) = text.find(MARK) else {
        return vec![];
    };
    let tail = &text[at + MARK.len()..];
    let Ok(enc) = inner.tokenizer.encode_fast(tail, false) else {
        return vec![];
    };
    let special: std::collections::HashSet<u32> = inner
        .tokenizer
        .get_added_tokens_decoder()
        .iter()
        .filter(|(_, t)| t.special)
        .map(|(id, _)| *id)
        .collect();
    enc.get_ids()
        .iter()
        .take_while(|id| special.contains(id))
        .take(1)
        .copied()
        .collect()
}
