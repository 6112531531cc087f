//! Finding model files: a local folder or the Hugging Face cache layout, and sha256 checks.

use crate::error::{Error, Result, ResultExt};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The hub cache folder, as huggingface_hub computes it:
/// `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `$XDG_CACHE_HOME/huggingface/hub`,
/// else `~/.cache/huggingface/hub`.
pub fn hf_hub_cache() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(p) = env("HF_HUB_CACHE").or_else(|| env("HUGGINGFACE_HUB_CACHE")) {
        return p;
    }
    if let Some(p) = env("HF_HOME") {
        return p.join("hub");
    }
    if let Some(p) = env("XDG_CACHE_HOME") {
        return p.join("huggingface").join("hub");
    }
    let home = env("HOME")
        .or_else(|| env("USERPROFILE"))
        .unwrap_or_else(|| PathBuf::from("."));
    home.join(".cache").join("huggingface").join("hub")
}

/// Resolve a model id or path to a folder holding its files.
///
/// * An existing directory is returned as is.
/// * `ORG/NAME` (optionally `ORG/NAME@REV`) is looked up in the hub cache:
///   `<cache>/models--ORG--NAME/snapshots/<rev>`, where `<rev>` is the commit in
///   `refs/<REV or main>`, or REV itself when it names a snapshot; with no refs file and a
///   single snapshot, that snapshot.
///
/// Nothing is downloaded. The error (OSError) says where it looked.
pub fn resolve_model_dir(id_or_path: &str) -> Result<PathBuf> {
    let p = Path::new(id_or_path);
    if p.is_dir() {
        return Ok(p.to_path_buf());
    }
    let (id, rev) = match id_or_path.split_once('@') {
        Some((id, rev)) => (id, Some(rev)),
        None => (id_or_path, None),
    };
    let cache = hf_hub_cache();
    let looks_like_id = !id.is_empty()
        && id.split('/').count() <= 2
        && !id.starts_with('.')
        && !id.starts_with('/')
        && id.split('/').all(|s| !s.is_empty() && s != "..");
    if !looks_like_id {
        return Err(Error::os(format!(
            "model directory {id_or_path:?} does not exist"
        )));
    }
    let repo = cache.join(format!("models--{}", id.replace('/', "--")));
    let snapshots = repo.join("snapshots");
    let not_found = || {
        Error::os(format!(
            "{id_or_path:?} is not a local directory and was not found in the Hugging Face cache \
             at {} (set HF_HOME or HF_HUB_CACHE, or pass a directory; nothing is downloaded)",
            repo.display()
        ))
    };
    if !snapshots.is_dir() {
        return Err(not_found());
    }
    let refname = rev.unwrap_or("main");
    let ref_file = repo.join("refs").join(refname);
    if let Ok(commit) = std::fs::read_to_string(&ref_file) {
        let dir = snapshots.join(commit.trim());
        if dir.is_dir() {
            return Ok(dir);
        }
    }
    if let Some(rev) = rev {
        let dir = snapshots.join(rev);
        if dir.is_dir() {
            return Ok(dir);
        }
        return Err(not_found());
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&snapshots)
        .ctx(snapshots.display())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    if dirs.len() == 1 {
        return Ok(dirs.pop().unwrap());
    }
    Err(not_found())
}

/// The lowercase hex sha256 of a file.
pub fn sha256_file(path: impl AsRef<Path>) -> Result<String> {
    let path = path.as_ref();
    let mut f = std::fs::File::open(path).ctx(path.display())?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).ctx(path.display())?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Check a file against its expected sha256 (hex, any case). The error names the file,
/// the expected hash and the one found.
pub fn verify_file(path: impl AsRef<Path>, expected_sha256: &str) -> Result<()> {
    let path = path.as_ref();
    let got = sha256_file(path)?;
    if got.eq_ignore_ascii_case(expected_sha256.trim()) {
        Ok(())
    } else {
        Err(Error::value(format!(
            "sha256 mismatch for {}: expected {}, got {}",
            path.display(),
            expected_sha256.trim().to_ascii_lowercase(),
            got
        )))
    }
}

/// Read and parse a JSON file; errors name the file.
pub(crate) fn read_json(path: &Path) -> Result<serde_json::Value> {
    let text = std::fs::read_to_string(path).ctx(path.display())?;
    serde_json::from_str(&text).ctx(path.display())
}

/// Read a JSON file if it exists.
pub(crate) fn read_json_opt(path: &Path) -> Result<Option<serde_json::Value>> {
    if path.is_file() {
        read_json(path).map(Some)
    } else {
        Ok(None)
    }
}
