//! The HF tokenizer, with padding and truncation done the way transformers'
//! `tokenizer(texts, padding=True, truncation=True, return_tensors="pt")` does them.
//!
//! tokenizer.json may carry its own `truncation`/`padding` settings (all-MiniLM-L6-v2's
//! says max_length 128). transformers overrides them per call, so we clear them at load and
//! apply the call's settings ourselves.

use crate::error::{Error, Result, ResultExt};
use crate::hub::read_json_opt;
use candle_core::{Device, Tensor};
use std::path::Path;
use tokenizers::{Encoding, TruncationDirection};

/// transformers' "no limit" sentinel is int(1e30); anything this large means no limit.
const VERY_LARGE: f64 = 1e18;

/// Which side padding / truncation happens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    /// "left" or "right", in any case (transformers' `truncation_side` spelling, and TEI's `Left` / `Right`).
    pub fn parse(s: &str) -> Result<Side> {
        match s.to_ascii_lowercase().as_str() {
            "left" => Ok(Side::Left),
            "right" => Ok(Side::Right),
            _ => Err(Error::value(format!(
                "truncation side must be 'left' or 'right', got {s:?}"
            ))),
        }
    }
}

thread_local! {
    /// The truncation side of the call running on this thread, when the caller chose one
    /// (`with_truncation_side`); otherwise each tokenizer's own `truncation_side`.
    static CALL_TRUNCATION_SIDE: std::cell::Cell<Option<Side>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with every tokenizer on this thread truncating on `side` instead of its configured
/// `truncation_side`: a per-request choice (the embeddings surface's `truncation_direction`)
/// without a second copy of the tokenizer or a shared setting that concurrent calls would race
/// on. The previous choice is restored when `f` returns or unwinds, so calls nest.
pub fn with_truncation_side<R>(side: Side, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Side>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CALL_TRUNCATION_SIDE.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CALL_TRUNCATION_SIDE.with(|c| c.replace(Some(side))));
    f()
}

/// A tokenizer loaded from tokenizer.json (+ tokenizer_config.json, special_tokens_map.json).
#[derive(Clone)]
pub struct Tokenizer {
    inner: tokenizers::Tokenizer,
    /// `model_max_length` from tokenizer_config.json (None when unset or "very large").
    pub model_max_length: Option<usize>,
    pub pad_token: Option<String>,
    pub pad_token_id: Option<u32>,
    pub padding_side: Side,
    pub truncation_side: Side,
    /// Whether `token_type_ids` is among the tokenizer's `model_input_names`. When it is not,
    /// transformers returns none and the model reads zeros, so the batch holds zeros.
    pub returns_token_type_ids: bool,
    n_special: usize,
}

/// A tokenized, padded batch. Tensors are int64 `[n, len]` like `return_tensors="pt"`.
#[derive(Debug, Clone)]
pub struct Batch {
    pub input_ids: Tensor,
    pub attention_mask: Tensor,
    pub token_type_ids: Tensor,
    /// Real (non-pad) tokens per row, special tokens included: the `usage` count.
    pub lengths: Vec<usize>,
    /// The same ids as plain vectors (unpadded rows), handy for tests and JSON.
    pub ids: Vec<Vec<u32>>,
}

impl Batch {
    /// Total real tokens in the batch (OpenAI `usage.prompt_tokens`).
    pub fn total_tokens(&self) -> usize {
        self.lengths.iter().sum()
    }
    /// Rows in the batch.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }
    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }
    /// Padded sequence length.
    pub fn seq_len(&self) -> usize {
        self.input_ids.dims().get(1).copied().unwrap_or(0)
    }
}

fn token_content(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(o) => o.get("content").and_then(|c| c.as_str()).map(String::from),
        _ => None,
    }
}

fn side(v: Option<&serde_json::Value>, default: Side) -> Side {
    match v.and_then(|v| v.as_str()) {
        Some("left") => Side::Left,
        Some("right") => Side::Right,
        _ => default,
    }
}

/// transformers' `model_input_names` of a tokenizer: tokenizer_config.json's list, else the
/// default of its class (the constructor's, else the config's `tokenizer_class` without `Fast`,
/// else the class AutoTokenizer picks for `model_type`), from the `tokenizers` section of
/// architectures.json, which the compiler reads too.
pub fn model_input_names(
    tokenizer_config: &serde_json::Value,
    model_type: Option<&str>,
    constructor_class: Option<&str>,
) -> Vec<String> {
    if let Some(list) = tokenizer_config
        .get("model_input_names")
        .and_then(|v| v.as_array())
        .and_then(|a| a.iter().map(|x| x.as_str().map(String::from)).collect())
    {
        return list;
    }
    let table: serde_json::Value =
        serde_json::from_str(crate::architectures::ARCHITECTURES_JSON).unwrap_or_default();
    let inputs = &table["tokenizers"];
    let class = constructor_class
        .map(String::from)
        .or_else(|| {
            tokenizer_config
                .get("tokenizer_class")
                .and_then(|v| v.as_str())
                .map(String::from)
        })
        .or_else(|| {
            model_type.and_then(|m| inputs["class_by_model_type"][m].as_str().map(String::from))
        });
    let with_types = class.is_some_and(|c| {
        let c = c.strip_suffix("Fast").unwrap_or(&c);
        inputs["with_token_type_ids"]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(c)))
    });
    let names: &[&str] = if with_types {
        &["input_ids", "token_type_ids", "attention_mask"]
    } else {
        &["input_ids", "attention_mask"]
    };
    names.iter().map(|s| s.to_string()).collect()
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("vocab_size", &self.inner.get_vocab_size(true))
            .field("model_max_length", &self.model_max_length)
            .field("pad_token", &self.pad_token)
            .field("padding_side", &self.padding_side)
            .finish()
    }
}

impl Tokenizer {
    /// Load from a tokenizer.json path, or from a folder holding tokenizer.json. The
    /// neighbouring tokenizer_config.json and special_tokens_map.json are read if present.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let (file, dir) = if path.is_dir() {
            (path.join("tokenizer.json"), path.to_path_buf())
        } else {
            (
                path.to_path_buf(),
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
            )
        };
        if !file.is_file() {
            return Err(Error::os(format!(
                "tokenizer file {} does not exist",
                file.display()
            )));
        }
        // A large BPE tokenizer.json loads from its cached binary form (tokenizer_cache.rs).
        let json = std::fs::read(&file).ctx(file.display())?;
        let mut inner = crate::tokenizer_cache::load(&json, &file)?;
        let json_padding = inner.get_padding().cloned();
        inner.with_padding(None);
        inner
            .with_truncation(None)
            .map_err(|e| Error::value(format!("{}: {e}", file.display())))?;

        let cfg = read_json_opt(&dir.join("tokenizer_config.json"))?.unwrap_or_default();
        let special = read_json_opt(&dir.join("special_tokens_map.json"))?.unwrap_or_default();
        let model_max_length = cfg
            .get("model_max_length")
            .and_then(|v| v.as_f64())
            .filter(|v| (0.0..VERY_LARGE).contains(v))
            .map(|v| v as usize);
        let pad_token = cfg
            .get("pad_token")
            .and_then(token_content)
            .or_else(|| special.get("pad_token").and_then(token_content))
            .or_else(|| json_padding.as_ref().map(|p| p.pad_token.clone()));
        let pad_token_id = pad_token.as_deref().and_then(|t| inner.token_to_id(t));
        let n_special = inner.get_post_processor().map(|pp| {
            use tokenizers::PostProcessor;
            pp.added_tokens(false)
        });
        let model_type = read_json_opt(&dir.join("config.json"))?.and_then(|c| {
            c.get("model_type")
                .and_then(|v| v.as_str())
                .map(String::from)
        });
        let returns_token_type_ids = model_input_names(&cfg, model_type.as_deref(), None)
            .iter()
            .any(|n| n == "token_type_ids");
        Ok(Tokenizer {
            returns_token_type_ids,
            model_max_length,
            pad_token,
            pad_token_id,
            padding_side: side(cfg.get("padding_side"), Side::Right),
            truncation_side: side(cfg.get("truncation_side"), Side::Right),
            n_special: n_special.unwrap_or(0),
            inner,
        })
    }

    /// The wrapped `tokenizers::Tokenizer` (no padding or truncation configured).
    pub fn inner(&self) -> &tokenizers::Tokenizer {
        &self.inner
    }

    /// Cap the truncation length (sentence-transformers' max_seq_length does this).
    pub fn with_model_max_length(mut self, max_length: Option<usize>) -> Self {
        self.model_max_length = max_length;
        self
    }

    /// Whether the batch carries the tokenizer's token types or zeros (a constructor class that
    /// decides `model_input_names`, as `BertTokenizer.from_pretrained` does).
    pub fn with_token_type_ids(mut self, returns: bool) -> Self {
        self.returns_token_type_ids = returns;
        self
    }

    /// The constructor's `padding_side=` / `truncation_side=`, which override tokenizer_config.json.
    pub fn with_sides(mut self, padding: Option<Side>, truncation: Option<Side>) -> Self {
        if let Some(p) = padding {
            self.padding_side = p;
        }
        if let Some(t) = truncation {
            self.truncation_side = t;
        }
        self
    }

    /// Tokens in the vocabulary, added tokens included.
    pub fn vocab_size(&self) -> usize {
        self.inner.get_vocab_size(true)
    }

    /// `tokenizer.batch_decode(ids, skip_special_tokens=True)`: each row of token ids back to text.
    /// An id the vocabulary does not have (negative, too large) is a ValueError naming it and the
    /// vocabulary's size; the HF tokenizer alone would skip it silently.
    pub fn decode_batch(&self, ids: &[Vec<i64>]) -> Result<Vec<String>> {
        let rows: Vec<Vec<u32>> = ids
            .iter()
            .map(|row| {
                row.iter()
                    .map(|&id| match u32::try_from(id) {
                        Ok(t) if self.inner.id_to_token(t).is_some() => Ok(t),
                        _ => Err(Error::value(format!(
                            "token id {id} is not in the tokenizer's vocabulary of {} tokens",
                            self.vocab_size()
                        ))),
                    })
                    .collect()
            })
            .collect::<Result<_>>()?;
        let refs: Vec<&[u32]> = rows.iter().map(|r| r.as_slice()).collect();
        self.inner
            .decode_batch(&refs, true)
            .map_err(|e| Error::runtime(format!("decoding failed: {e}")))
    }

    /// Token ids of one text with special tokens, no padding, optional truncation.
    pub fn encode_ids(&self, text: &str, max_length: Option<usize>) -> Result<Vec<u32>> {
        Ok(self.encode_one(text, max_length)?.get_ids().to_vec())
    }

    /// Token ids of each text with special tokens and without truncation: what `/tokenize` shows and
    /// how a request that turns truncation off learns that a text is longer than the model takes.
    pub fn encode_ids_batch(&self, texts: &[String]) -> Result<Vec<Vec<u32>>> {
        let raw = self
            .inner
            .encode_batch_fast(texts.iter().map(|s| s.as_str()).collect::<Vec<_>>(), false)
            .map_err(|e| Error::runtime(format!("tokenization failed: {e}")))?;
        raw.into_iter()
            .map(|e| Ok(self.finish(e, None)?.get_ids().to_vec()))
            .collect()
    }

    fn encode_one(&self, text: &str, max_length: Option<usize>) -> Result<Encoding> {
        let enc = self
            .inner
            .encode_fast(text, false)
            .map_err(|e| Error::runtime(format!("tokenization failed: {e}")))?;
        self.finish(enc, max_length)
    }

    /// The side this call truncates on: the caller's choice (`with_truncation_side`), else the
    /// tokenizer's `truncation_side` from tokenizer_config.json.
    pub fn effective_truncation_side(&self) -> Side {
        CALL_TRUNCATION_SIDE
            .with(|c| c.get())
            .unwrap_or(self.truncation_side)
    }

    fn finish(&self, mut enc: Encoding, max_length: Option<usize>) -> Result<Encoding> {
        if let Some(max) = max_length {
            let budget = max.saturating_sub(self.n_special);
            if enc.len() > budget {
                let dir = match self.effective_truncation_side() {
                    Side::Left => TruncationDirection::Left,
                    Side::Right => TruncationDirection::Right,
                };
                enc.truncate(budget, 0, dir);
            }
        }
        self.inner
            .post_process(enc, None, true)
            .map_err(|e| Error::runtime(format!("tokenizer post-processing failed: {e}")))
    }

    /// `tokenizer(texts, padding=padding, truncation=truncation, max_length=max_length,
    /// return_tensors="pt")`.
    ///
    /// * truncation: to `max_length`, or to `model_max_length` when `max_length` is None
    ///   (no truncation if neither is set), keeping the special tokens, on `truncation_side`.
    /// * padding: to the longest row, with the pad token, on `padding_side`. With rows of
    ///   unequal length and `padding == false` this is a ValueError, as it is for
    ///   `return_tensors="pt"`.
    ///
    /// An empty list gives `[0, 0]` tensors.
    pub fn encode_batch(
        &self,
        texts: &[String],
        padding: bool,
        truncation: bool,
        max_length: Option<usize>,
    ) -> Result<Batch> {
        let limit = if truncation {
            max_length.or(self.model_max_length)
        } else {
            None
        };
        let raw = self
            .inner
            .encode_batch_fast(texts.iter().map(|s| s.as_str()).collect::<Vec<_>>(), false)
            .map_err(|e| Error::runtime(format!("tokenization failed: {e}")))?;
        let encs: Vec<Encoding> = raw
            .into_iter()
            .map(|e| self.finish(e, limit))
            .collect::<Result<_>>()?;
        self.collate(&encs, padding)
    }

    /// `tokenizer(firsts, seconds, padding=padding, truncation=truncation, max_length=max_length,
    /// return_tensors="pt")`: text pairs, as a cross-encoder reads them (`[CLS] a [SEP] b [SEP]`
    /// for BERT, with token_type_ids 0 then 1). Truncation is transformers' default for pairs,
    /// `longest_first`: one token at a time from the longer side until the pair, with its
    /// special tokens, fits. The two lists must be equally long (a ValueError otherwise).
    pub fn encode_pair_batch(
        &self,
        firsts: &[String],
        seconds: &[String],
        padding: bool,
        truncation: bool,
        max_length: Option<usize>,
    ) -> Result<Batch> {
        use tokenizers::utils::truncation::{
            truncate_encodings, TruncationParams, TruncationStrategy,
        };
        if firsts.len() != seconds.len() {
            return Err(Error::value(format!(
                "batch length of `text`: {} does not match batch length of `text_pair`: {}.",
                firsts.len(),
                seconds.len()
            )));
        }
        let limit = if truncation {
            max_length.or(self.model_max_length)
        } else {
            None
        };
        let all: Vec<&str> = firsts
            .iter()
            .chain(seconds.iter())
            .map(|s| s.as_str())
            .collect();
        let mut raw = self
            .inner
            .encode_batch_fast(all, false)
            .map_err(|e| Error::runtime(format!("tokenization failed: {e}")))?;
        let second_half = raw.split_off(firsts.len());
        let pair_special = self
            .inner
            .get_post_processor()
            .map(|pp| {
                use tokenizers::PostProcessor;
                pp.added_tokens(true)
            })
            .unwrap_or(0);
        let direction = match self.effective_truncation_side() {
            Side::Left => TruncationDirection::Left,
            Side::Right => TruncationDirection::Right,
        };
        let encs: Vec<Encoding> = raw
            .into_iter()
            .zip(second_half)
            .map(|(a, b)| {
                let (a, b) = match limit {
                    Some(max) => {
                        let params = TruncationParams {
                            direction,
                            max_length: max.saturating_sub(pair_special),
                            strategy: TruncationStrategy::LongestFirst,
                            stride: 0,
                        };
                        let (a, b) = truncate_encodings(a, Some(b), &params)
                            .map_err(|e| Error::runtime(format!("truncation failed: {e}")))?;
                        let b = b.ok_or_else(|| Error::runtime("truncation lost the pair"))?;
                        (a, b)
                    }
                    None => (a, b),
                };
                self.inner
                    .post_process(a, Some(b), true)
                    .map_err(|e| Error::runtime(format!("tokenizer post-processing failed: {e}")))
            })
            .collect::<Result<_>>()?;
        self.collate(&encs, padding)
    }

    fn collate(&self, encs: &[Encoding], padding: bool) -> Result<Batch> {
        let n = encs.len();
        let lengths: Vec<usize> = encs.iter().map(|e| e.len()).collect();
        let width = lengths.iter().copied().max().unwrap_or(0);
        if lengths.iter().any(|&l| l != width) {
            if !padding {
                return Err(Error::value(
                    "Unable to create tensor, you should probably activate truncation and/or \
                     padding with 'padding=True' 'truncation=True' to have batched tensors with \
                     the same length.",
                ));
            }
            if self.pad_token_id.is_none() {
                return Err(Error::value(
                    "Asking to pad but the tokenizer does not have a padding token.",
                ));
            }
        }
        let pad = self.pad_token_id.unwrap_or(0) as i64;
        let mut ids = vec![pad; n * width];
        let mut mask = vec![0i64; n * width];
        let mut types = vec![0i64; n * width];
        for (r, e) in encs.iter().enumerate() {
            let off = match self.padding_side {
                Side::Right => 0,
                Side::Left => width - e.len(),
            };
            let row = r * width + off;
            for (j, (&id, &t)) in e.get_ids().iter().zip(e.get_type_ids()).enumerate() {
                ids[row + j] = id as i64;
                types[row + j] = if self.returns_token_type_ids {
                    t as i64
                } else {
                    0
                };
                mask[row + j] = 1;
            }
        }
        let dev = Device::Cpu;
        let shape = (n, width);
        Ok(Batch {
            input_ids: Tensor::from_vec(ids, shape, &dev).ctx("input_ids")?,
            attention_mask: Tensor::from_vec(mask, shape, &dev).ctx("attention_mask")?,
            token_type_ids: Tensor::from_vec(types, shape, &dev).ctx("token_type_ids")?,
            lengths,
            ids: encs.iter().map(|e| e.get_ids().to_vec()).collect(),
        })
    }
}
