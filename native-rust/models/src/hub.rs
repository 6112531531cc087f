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
///
/// Hashing EmbeddingGemma's 1.2 GB of weights takes most of a second, on every process start.
/// So a file that matched leaves a stamp in Ingot's cache folder (`verified/`), named by the
/// hash and the file's device and inode and holding its size and modification and change
/// times; while all of those are unchanged the file is the one that was hashed, and the hash is
/// not computed again. Writing to the file, replacing it or `touch`ing it changes the change
/// time, which user code cannot set back. `INGOT_VERIFY_CACHE=0` hashes every time.
pub fn verify_file(path: impl AsRef<Path>, expected_sha256: &str) -> Result<()> {
    let path = path.as_ref();
    let expected = expected_sha256.trim().to_ascii_lowercase();
    let stamp = verified_stamp(path, &expected);
    if let Some((file, content)) = &stamp {
        if std::fs::read_to_string(file).is_ok_and(|s| &s == content) {
            return Ok(());
        }
    }
    let got = sha256_file(path)?;
    if got == expected {
        if let Some((file, content)) = stamp {
            // Best effort: an unwritable cache only means hashing again next time.
            let _ = file
                .parent()
                .map(std::fs::create_dir_all)
                .transpose()
                .and_then(|_| {
                    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
                    std::fs::write(&tmp, content)?;
                    std::fs::rename(&tmp, &file)
                });
        }
        Ok(())
    } else {
        Err(Error::value(format!(
            "sha256 mismatch for {}: expected {}, got {}",
            path.display(),
            expected,
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

/// Ingot's cache folder: `$INGOT_CACHE_DIR`, else `$XDG_CACHE_HOME/ingot`, else `~/.cache/ingot`.
pub(crate) fn ingot_cache_dir() -> Option<PathBuf> {
    std::env::var_os("INGOT_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("ingot")))
        .or_else(|| std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/ingot")))
}

/// The stamp file recording that `path` had the sha256 `expected`, and the content it must
/// hold for that to still be true (see `verify_file`); `None` where file identities are not
/// available or the cache is off.
fn verified_stamp(path: &Path, expected: &str) -> Option<(PathBuf, String)> {
    if std::env::var("INGOT_VERIFY_CACHE").is_ok_and(|v| v == "0") {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        if expected.len() != 64 || !expected.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let file =
            ingot_cache_dir()?
                .join("verified")
                .join(format!("{expected}-{}-{}", m.dev(), m.ino()));
        let content = format!(
            "size {} mtime {}.{} ctime {}.{}\n",
            m.size(),
            m.mtime(),
            m.mtime_nsec(),
            m.ctime(),
            m.ctime_nsec()
        );
        Some((file, content))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, expected);
        None
    }
}
