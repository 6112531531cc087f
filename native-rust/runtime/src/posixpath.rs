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
}
