//! `os.path` on POSIX (`posixpath`): the functions that compute on the path's text, ported
//! line by line from CPython 3.11's `posixpath.py` and `genericpath.py`.
//!
//! `abspath` and `relpath` read the working directory only when a path is relative, as
//! CPython's do (`os.getcwd()`); nothing here touches the file system otherwise.

use crate::{PyErr, PyResult};

/// `os.path.basename(p)`: the text after the last `/`.
pub fn basename(p: &str) -> String {
    p[p.rfind('/').map_or(0, |i| i + 1)..].to_string()
}

/// The head of `split`, with trailing slashes removed unless it is all slashes.
fn head_of(p: &str) -> String {
    let head = &p[..p.rfind('/').map_or(0, |i| i + 1)];
    if !head.is_empty() && head.bytes().any(|b| b != b'/') {
        head.trim_end_matches('/').to_string()
    } else {
        head.to_string()
    }
}

/// `os.path.dirname(p)`.
pub fn dirname(p: &str) -> String {
    head_of(p)
}

/// `os.path.split(p)`: `(head, tail)`.
pub fn split(p: &str) -> (String, String) {
    (head_of(p), basename(p))
}

/// `os.path.splitext(p)`: `(root, ext)`; leading dots of the name are not an extension.
pub fn splitext(p: &str) -> (String, String) {
    let sep = p.rfind('/');
    if let Some(dot) = p.rfind('.') {
        if sep.map_or(true, |s| dot > s) {
            let name_start = sep.map_or(0, |s| s + 1);
            if p[name_start..dot].bytes().any(|b| b != b'.') {
                return (p[..dot].to_string(), p[dot..].to_string());
            }
        }
    }
    (p.to_string(), String::new())
}

/// `os.path.splitdrive(p)`: POSIX has no drives.
pub fn splitdrive(p: &str) -> (String, String) {
    (String::new(), p.to_string())
}

/// `os.path.join(a, *p)`: an absolute part restarts the path.
pub fn join(parts: &[&str]) -> String {
    let mut path = parts.first().map_or(String::new(), |s| s.to_string());
    for b in &parts[1.min(parts.len())..] {
        if b.starts_with('/') {
            path = b.to_string();
        } else if path.is_empty() || path.ends_with('/') {
            path.push_str(b);
        } else {
            path.push('/');
            path.push_str(b);
        }
    }
    path
}

/// `os.path.normpath(p)`: collapses `//`, `.` and `a/..`; keeps exactly two leading slashes.
pub fn normpath(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let mut initial = usize::from(path.starts_with('/'));
    if path.starts_with("//") && !path.starts_with("///") {
        initial = 2;
    }
    let mut comps: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let out = format!("{}{}", "/".repeat(initial), comps.join("/"));
    if out.is_empty() {
        ".".to_string()
    } else {
        out
    }
}

/// `os.path.isabs(p)`.
pub fn isabs(p: &str) -> bool {
    p.starts_with('/')
}

/// `os.path.normcase(p)`: unchanged on POSIX.
pub fn normcase(p: &str) -> String {
    p.to_string()
}

/// `os.path.commonprefix(list)`: the longest common leading text (by character, not by part).
pub fn commonprefix(m: &[String]) -> String {
    let (Some(s1), Some(s2)) = (m.iter().min(), m.iter().max()) else {
        return String::new();
    };
    for ((i, a), b) in s1.char_indices().zip(s2.chars()) {
        if a != b {
            return s1[..i].to_string();
        }
    }
    s1.clone()
}

/// `os.path.commonpath(paths)`: the longest common sub-path, part by part.
pub fn commonpath(paths: &[String]) -> PyResult<String> {
    if paths.is_empty() {
        return Err(PyErr::value_error("commonpath() arg is an empty sequence"));
    }
    let abs = paths[0].starts_with('/');
    if paths.iter().any(|p| p.starts_with('/') != abs) {
        return Err(PyErr::value_error("Can't mix absolute and relative paths"));
    }
    let split: Vec<Vec<&str>> =
        paths.iter().map(|p| p.split('/').filter(|c| !c.is_empty() && *c != ".").collect()).collect();
    let s1 = split.iter().min().expect("non-empty");
    let s2 = split.iter().max().expect("non-empty");
    let n = s1.iter().zip(s2.iter()).take_while(|(a, b)| a == b).count();
    Ok(format!("{}{}", if abs { "/" } else { "" }, s1[..n].join("/")))
}

fn cwd() -> PyResult<String> {
    let d = std::env::current_dir().map_err(|e| PyErr::new(crate::ErrKind::RuntimeError, format!("os.getcwd() failed: {e}")))?;
    Ok(d.to_string_lossy().into_owned())
}

/// `os.path.abspath(p)`: joined to the working directory when relative, then normalised.
pub fn abspath(p: &str) -> PyResult<String> {
    if isabs(p) {
        Ok(normpath(p))
    } else {
        Ok(normpath(&join(&[&cwd()?, p])))
    }
}

/// `os.path.relpath(path, start=os.curdir)`.
pub fn relpath(path: &str, start: Option<&str>) -> PyResult<String> {
    if path.is_empty() {
        return Err(PyErr::value_error("no path specified"));
    }
    let start = start.unwrap_or(".");
    let a = abspath(start)?;
    let b = abspath(path)?;
    let sl: Vec<&str> = a.split('/').filter(|x| !x.is_empty()).collect();
    let pl: Vec<&str> = b.split('/').filter(|x| !x.is_empty()).collect();
    let i = sl.iter().zip(pl.iter()).take_while(|(x, y)| x == y).count();
    let mut rel: Vec<&str> = vec![".."; sl.len() - i];
    rel.extend_from_slice(&pl[i..]);
    if rel.is_empty() {
        return Ok(".".to_string());
    }
    Ok(join(&rel))
}

/// A `pathlib` path on POSIX (`PurePath`, `PurePosixPath`, `Path`, `PosixPath`): its root (`''`,
/// `'/'` or `'//'`) and its parts, parsed as CPython 3.11's `_PosixFlavour.parse_parts` does.
/// Only the pure operations exist; `class` is the name repr() shows.
#[derive(Clone, Debug)]
pub struct PurePath {
    pub class: &'static str,
    pub root: String,
    pub parts: Vec<String>,
}

impl PartialEq for PurePath {
    fn eq(&self, other: &PurePath) -> bool {
        self.root == other.root && self.parts == other.parts
    }
}

impl PurePath {
    /// `Class(*segments)`: an absolute segment restarts the path; `''` and `.` parts vanish.
    pub fn new(class: &'static str, segments: &[&str]) -> PurePath {
        let mut p = PurePath { class, root: String::new(), parts: Vec::new() };
        for seg in segments {
            p.push(seg);
        }
        p
    }

    fn push(&mut self, seg: &str) {
        if seg.starts_with('/') {
            let slashes = seg.len() - seg.trim_start_matches('/').len();
            self.root = if slashes == 2 { "//".to_string() } else { "/".to_string() };
            self.parts.clear();
        }
        for part in seg.split('/') {
            if !part.is_empty() && part != "." {
                self.parts.push(part.to_string());
            }
        }
    }

    /// `p / other` and `p.joinpath(*others)`.
    pub fn join(&self, segments: &[&str]) -> PurePath {
        let mut p = self.clone();
        for seg in segments {
            p.push(seg);
        }
        p
    }

    /// `other / p` with a str on the left.
    pub fn rjoin(&self, left: &str) -> PurePath {
        PurePath::new(self.class, &[left, &self.to_string()])
    }

    /// `p.name`: the final part, `''` for a root or an empty path.
    pub fn name(&self) -> String {
        self.parts.last().cloned().unwrap_or_default()
    }

    /// `p.suffix`: the final part's extension from its last dot (not a leading or trailing one).
    pub fn suffix(&self) -> String {
        let name = self.name();
        match name.rfind('.') {
            Some(i) if i > 0 && i < name.len() - 1 => name[i..].to_string(),
            _ => String::new(),
        }
    }

    /// `p.suffixes`: every extension of the final part.
    pub fn suffixes(&self) -> Vec<String> {
        let name = self.name();
        if name.ends_with('.') {
            return Vec::new();
        }
        name.trim_start_matches('.').split('.').skip(1).map(|s| format!(".{s}")).collect()
    }

    /// `p.stem`: the final part without its suffix.
    pub fn stem(&self) -> String {
        let name = self.name();
        match name.rfind('.') {
            Some(i) if i > 0 && i < name.len() - 1 => name[..i].to_string(),
            _ => name,
        }
    }

    /// `p.parent`: the path without its final part (the path itself at a root or `.`).
    pub fn parent(&self) -> PurePath {
        let mut p = self.clone();
        p.parts.pop();
        p
    }

    /// `p.is_absolute()`.
    pub fn is_absolute(&self) -> bool {
        !self.root.is_empty()
    }

    fn repr(&self) -> String {
        format!("{}({})", self.class, crate::repr::to_repr(&self.to_string()))
    }

    /// `p.with_name(name)`.
    pub fn with_name(&self, name: &str) -> PyResult<PurePath> {
        if self.parts.is_empty() {
            return Err(PyErr::value_error(format!("{} has an empty name", self.repr())));
        }
        let parsed = PurePath::new(self.class, &[name]);
        if name.is_empty() || name.ends_with('/') || !parsed.root.is_empty() || parsed.parts.len() != 1 {
            return Err(PyErr::value_error(format!("Invalid name {}", crate::repr::to_repr(name))));
        }
        let mut p = self.clone();
        *p.parts.last_mut().expect("non-empty") = name.to_string();
        Ok(p)
    }

    /// `p.with_suffix(suffix)`: `''` removes the suffix.
    pub fn with_suffix(&self, suffix: &str) -> PyResult<PurePath> {
        if suffix.contains('/') || (!suffix.is_empty() && !suffix.starts_with('.')) || suffix == "." {
            return Err(PyErr::value_error(format!("Invalid suffix {}", crate::repr::to_repr(suffix))));
        }
        let name = self.name();
        if name.is_empty() {
            return Err(PyErr::value_error(format!("{} has an empty name", self.repr())));
        }
        let old = self.suffix();
        let base = &name[..name.len() - old.len()];
        let mut p = self.clone();
        *p.parts.last_mut().expect("non-empty") = format!("{base}{suffix}");
        Ok(p)
    }

    /// `p.with_stem(stem)`.
    pub fn with_stem(&self, stem: &str) -> PyResult<PurePath> {
        self.with_name(&format!("{stem}{}", self.suffix()))
    }

    /// `p.relative_to(*other)` (3.11: `other` must be a prefix of the path).
    pub fn relative_to(&self, other: &[&str]) -> PyResult<PurePath> {
        let base = PurePath::new(self.class, other);
        let n = base.parts.len();
        if base.root != self.root || self.parts.len() < n || self.parts[..n] != base.parts[..] || (other.is_empty()) {
            let fmt = base.to_string();
            let msg = if other.is_empty() {
                "need at least one argument".to_string()
            } else {
                format!(
                    "{} is not in the subpath of {} OR one path is relative and the other is absolute.",
                    crate::repr::to_repr(&self.to_string()),
                    crate::repr::to_repr(&fmt)
                )
            };
            return Err(if other.is_empty() { PyErr::type_error(msg) } else { PyErr::value_error(msg) });
        }
        Ok(PurePath { class: self.class, root: String::new(), parts: self.parts[n..].to_vec() })
    }

    /// `p.is_relative_to(*other)`.
    pub fn is_relative_to(&self, other: &[&str]) -> bool {
        self.relative_to(other).is_ok()
    }
}

impl std::fmt::Display for PurePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body = self.parts.join("/");
        if self.root.is_empty() && body.is_empty() {
            write!(f, ".")
        } else {
            write!(f, "{}{}", self.root, body)
        }
    }
}

impl crate::PyRepr for PurePath {
    fn py_repr(&self) -> String {
        self.repr()
    }
    fn py_str(&self) -> String {
        self.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_follow_posixpath() {
        assert_eq!(split("/a/b//c"), ("/a/b".to_string(), "c".to_string()));
        assert_eq!(split("//x"), ("//".to_string(), "x".to_string()));
        assert_eq!(splitext(".bashrc"), (".bashrc".to_string(), String::new()));
        assert_eq!(splitext("a/..b.txt"), ("a/..b".to_string(), ".txt".to_string()));
        assert_eq!(normpath("//a/./b/../../.."), "//");
        assert_eq!(normpath("a/../../b"), "../b");
        assert_eq!(join(&["a", "/b", "c"]), "/b/c");
        assert_eq!(commonprefix(&["abc".into(), "abd".into()]), "ab");
        assert_eq!(relpath("/a/b/c", Some("/a/d")).unwrap(), "../b/c");
    }

    #[test]
    fn pure_paths_follow_pathlib() {
        let p = PurePath::new("PurePosixPath", &["/srv//data", "./a.tar.gz"]);
        assert_eq!(p.to_string(), "/srv/data/a.tar.gz");
        assert_eq!((p.name(), p.stem(), p.suffix()), ("a.tar.gz".into(), "a.tar".into(), ".gz".into()));
        assert_eq!(p.suffixes(), vec![".tar".to_string(), ".gz".to_string()]);
        assert_eq!(p.parent().to_string(), "/srv/data");
        assert_eq!(p.with_suffix(".zip").unwrap().to_string(), "/srv/data/a.tar.zip");
        assert_eq!(PurePath::new("PurePath", &[]).to_string(), ".");
        assert_eq!(PurePath::new("PurePath", &["//x", "y"]).to_string(), "//x/y");
    }
}
