//! `urllib.parse` on str, ported from CPython 3.11's `urllib/parse.py`: quoting (`quote`,
//! `quote_plus`, `unquote`, `unquote_plus`, `urlencode`), splitting (`urlsplit`, `urlparse`,
//! `urldefrag` and their results' `username`/`password`/`hostname`/`port`), joining
//! (`urlunsplit`, `urlunparse`, `urljoin`) and query strings (`parse_qsl`, `parse_qs`).
//!
//! Results are plain tuples in the field order of CPython's named tuples, which the compiler
//! reads by name. Percent-decoding uses UTF-8 with `errors='replace'`, CPython's default.

use crate::repr::PyRepr;
use crate::{Dict, PyErr, PyResult};

/// `SplitResult(scheme, netloc, path, query, fragment)`.
pub type SplitResult = (String, String, String, String, String);
/// `ParseResult(scheme, netloc, path, params, query, fragment)`.
pub type ParseResult = (String, String, String, String, String, String);

const USES_RELATIVE: &[&str] = &[
    "", "ftp", "http", "gopher", "nntp", "imap", "wais", "file", "https", "shttp", "mms", "prospero", "rtsp", "rtsps",
    "rtspu", "sftp", "svn", "svn+ssh", "ws", "wss",
];
const USES_NETLOC: &[&str] = &[
    "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews", "prospero",
    "rtsp", "rtsps", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss",
];
const USES_PARAMS: &[&str] =
    &["", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtsps", "rtspu", "sip", "sips", "mms", "sftp", "tel"];

fn always_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'~')
}

/// `quote(string, safe='/')`: percent-encodes the UTF-8 bytes outside the safe set.
pub fn quote(s: &str, safe: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if always_safe(b) || (b < 128 && safe.as_bytes().contains(&b)) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `quote_plus(string, safe='')`: like `quote`, with spaces as `+`.
pub fn quote_plus(s: &str, safe: &str) -> String {
    if !s.contains(' ') {
        return quote(s, safe);
    }
    quote(s, &format!("{safe} ")).replace(' ', "+")
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// `unquote_to_bytes` on an ASCII run: `%XX` to its byte, other `%` kept.
fn unquote_bytes(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if let (Some(h), Some(l)) = (b.get(i + 1).and_then(|&x| hex(x)), b.get(i + 2).and_then(|&x| hex(x))) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// `unquote(string)`: `%XX` escapes decoded as UTF-8, invalid sequences as U+FFFD.
pub fn unquote(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    // CPython decodes each run of ASCII characters on its own (`_asciire.split`).
    let mut out = String::with_capacity(s.len());
    let mut start = 0;
    let bytes = s.as_bytes();
    while start < bytes.len() {
        let ascii = bytes[start].is_ascii();
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii() == ascii {
            end += 1;
        }
        let run = &s[start..end];
        if ascii {
            out.push_str(&String::from_utf8_lossy(&unquote_bytes(run)));
        } else {
            out.push_str(run);
        }
        start = end;
    }
    out
}

/// `unquote_plus(string)`: `+` as a space, then `unquote`.
pub fn unquote_plus(s: &str) -> String {
    unquote(&s.replace('+', " "))
}

/// A value of `urlencode`'s query: its text as `str(v)` gives it.
fn quote_via(s: &str, safe: &str, plus: bool) -> String {
    if plus {
        quote_plus(s, safe)
    } else {
        quote(s, safe)
    }
}

/// `urlencode(query, safe=...)` over (key, value) pairs: `k=v` joined by `&`, each `str()`-ed and quoted.
pub fn urlencode<'a, K: PyRepr + 'a, V: PyRepr + 'a>(
    pairs: impl IntoIterator<Item = (&'a K, &'a V)>,
    safe: &str,
    plus: bool,
) -> String {
    let parts: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", quote_via(&k.py_str(), safe, plus), quote_via(&v.py_str(), safe, plus)))
        .collect();
    parts.join("&")
}

/// `urlencode(query, doseq)` whose values are sequences: with `doseq`, one `k=item` per item;
/// without, the sequence's `str()`.
pub fn urlencode_seq<'a, K: PyRepr + 'a, T: PyRepr + 'a>(
    pairs: impl IntoIterator<Item = (&'a K, &'a Vec<T>)>,
    doseq: bool,
    safe: &str,
    plus: bool,
) -> String {
    let mut parts = Vec::new();
    for (k, v) in pairs {
        let k = quote_via(&k.py_str(), safe, plus);
        if doseq {
            for item in v {
                parts.push(format!("{k}={}", quote_via(&item.py_str(), safe, plus)));
            }
        } else {
            parts.push(format!("{k}={}", quote_via(&v.py_str(), safe, plus)));
        }
    }
    parts.join("&")
}

const C0_OR_SPACE: &[char] = &[
    '\x00', '\x01', '\x02', '\x03', '\x04', '\x05', '\x06', '\x07', '\x08', '\t', '\n', '\x0b', '\x0c', '\r', '\x0e', '\x0f',
    '\x10', '\x11', '\x12', '\x13', '\x14', '\x15', '\x16', '\x17', '\x18', '\x19', '\x1a', '\x1b', '\x1c', '\x1d', '\x1e',
    '\x1f', ' ',
];

fn remove_unsafe(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\t' | '\r' | '\n')).collect()
}

/// `_splitnetloc(url, 2)`: the authority up to the first `/`, `?` or `#`.
fn split_netloc(url: &str) -> (String, String) {
    let rest = &url[2..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (rest[..end].to_string(), rest[end..].to_string())
}

/// `_check_bracketed_host`: an IPv6 address (with an optional zone) or an IPvFuture literal.
fn check_bracketed_host(host: &str) -> PyResult<()> {
    if let Some(rest) = host.strip_prefix('v') {
        let ok = rest.find('.').is_some_and(|dot| {
            dot > 0 && rest[..dot].bytes().all(|b| b.is_ascii_hexdigit()) && dot + 1 < rest.len() && !rest[dot + 1..].contains('\n')
        });
        return if ok { Ok(()) } else { Err(PyErr::value_error("IPvFuture address is invalid")) };
    }
    let (addr, zone) = match host.split_once('%') {
        Some((a, z)) => (a, Some(z)),
        None => (host, None),
    };
    let bad = || PyErr::value_error(format!("{} does not appear to be an IPv4 or IPv6 address", crate::repr::to_repr(host)));
    if zone.is_none() && addr.parse::<std::net::Ipv4Addr>().is_ok() && !addr.contains(':') {
        return Err(PyErr::value_error("An IPv4 address cannot be in brackets"));
    }
    if zone.is_some_and(|z| z.is_empty() || z.contains('%')) {
        return Err(bad());
    }
    addr.parse::<std::net::Ipv6Addr>().map(|_| ()).map_err(|_| bad())
}

/// `_checknetloc`: a netloc that NFKC normalisation would give URL delimiters is rejected.
fn check_netloc(netloc: &str) -> PyResult<()> {
    if netloc.is_ascii() {
        return Ok(());
    }
    let n: String = netloc.chars().filter(|c| !matches!(c, '@' | ':' | '#' | '?')).collect();
    let n2 = crate::text::normalize("NFKC", &n)?;
    if n == n2 {
        return Ok(());
    }
    if n2.contains(['/', '?', '#', '@', ':']) {
        return Err(PyErr::value_error(format!("netloc '{netloc}' contains invalid characters under NFKC normalization")));
    }
    Ok(())
}

/// `urlsplit(url, scheme='', allow_fragments=True)`.
pub fn urlsplit(url: &str, scheme: &str, allow_fragments: bool) -> PyResult<SplitResult> {
    let mut url = remove_unsafe(url.trim_start_matches(C0_OR_SPACE));
    let mut scheme = remove_unsafe(scheme.trim_matches(C0_OR_SPACE));
    let (mut netloc, mut query, mut fragment) = (String::new(), String::new(), String::new());
    if let Some(i) = url.find(':') {
        let first = url.chars().next().expect("non-empty");
        if i > 0
            && first.is_ascii_alphabetic()
            && url[..i].bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        {
            scheme = url[..i].to_ascii_lowercase();
            url = url[i + 1..].to_string();
        }
    }
    if url.starts_with("//") {
        let (n, rest) = split_netloc(&url);
        netloc = n;
        url = rest;
        if netloc.contains('[') != netloc.contains(']') {
            return Err(PyErr::value_error("Invalid IPv6 URL"));
        }
        if netloc.contains('[') {
            let after = &netloc[netloc.find('[').expect("has [") + 1..];
            let host = after.split(']').next().unwrap_or("");
            check_bracketed_host(host)?;
        }
    }
    if allow_fragments {
        if let Some(i) = url.find('#') {
            fragment = url[i + 1..].to_string();
            url.truncate(i);
        }
    }
    if let Some(i) = url.find('?') {
        query = url[i + 1..].to_string();
        url.truncate(i);
    }
    check_netloc(&netloc)?;
    Ok((scheme, netloc, url, query, fragment))
}

/// `_splitparams`: `;params` of the last path segment.
fn split_params(url: &str) -> (String, String) {
    let i = match url.rfind('/') {
        Some(slash) => match url[slash..].find(';') {
            Some(j) => slash + j,
            None => return (url.to_string(), String::new()),
        },
        None => url.find(';').expect("has ;"),
    };
    (url[..i].to_string(), url[i + 1..].to_string())
}

/// `urlparse(url, scheme='', allow_fragments=True)`.
pub fn urlparse(url: &str, scheme: &str, allow_fragments: bool) -> PyResult<ParseResult> {
    let (scheme, netloc, path, query, fragment) = urlsplit(url, scheme, allow_fragments)?;
    let (path, params) =
        if USES_PARAMS.contains(&scheme.as_str()) && path.contains(';') { split_params(&path) } else { (path, String::new()) };
    Ok((scheme, netloc, path, params, query, fragment))
}

/// `urlunsplit((scheme, netloc, path, query, fragment))`.
pub fn urlunsplit(scheme: &str, netloc: &str, path: &str, query: &str, fragment: &str) -> String {
    let mut url = path.to_string();
    if !netloc.is_empty() || (!scheme.is_empty() && USES_NETLOC.contains(&scheme) && !url.starts_with("//")) {
        if !url.is_empty() && !url.starts_with('/') {
            url.insert(0, '/');
        }
        url = format!("//{netloc}{url}");
    }
    if !scheme.is_empty() {
        url = format!("{scheme}:{url}");
    }
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    if !fragment.is_empty() {
        url = format!("{url}#{fragment}");
    }
    url
}

/// `urlunparse((scheme, netloc, path, params, query, fragment))`.
pub fn urlunparse(scheme: &str, netloc: &str, path: &str, params: &str, query: &str, fragment: &str) -> String {
    if params.is_empty() {
        urlunsplit(scheme, netloc, path, query, fragment)
    } else {
        urlunsplit(scheme, netloc, &format!("{path};{params}"), query, fragment)
    }
}

/// The items of a list given to `urlunsplit`/`urlunparse`, which unpack exactly `n`.
pub fn components(parts: &[String], n: usize) -> PyResult<Vec<&str>> {
    // `_coerce_args(*components)` reads the first item before unpacking.
    if parts.is_empty() {
        return Err(PyErr::index_error("tuple index out of range"));
    }
    if parts.len() != n {
        return Err(PyErr::value_error(if parts.len() < n {
            format!("not enough values to unpack (expected {n}, got {})", parts.len())
        } else {
            format!("too many values to unpack (expected {n})")
        }));
    }
    Ok(parts.iter().map(String::as_str).collect())
}

/// `urljoin(base, url, allow_fragments=True)`.
pub fn urljoin(base: &str, url: &str, allow_fragments: bool) -> PyResult<String> {
    if base.is_empty() {
        return Ok(url.to_string());
    }
    if url.is_empty() {
        return Ok(base.to_string());
    }
    let (bscheme, bnetloc, bpath, bparams, bquery, _) = urlparse(base, "", allow_fragments)?;
    let (scheme, mut netloc, mut path, mut params, mut query, fragment) = urlparse(url, &bscheme, allow_fragments)?;
    if scheme != bscheme || !USES_RELATIVE.contains(&scheme.as_str()) {
        return Ok(url.to_string());
    }
    if USES_NETLOC.contains(&scheme.as_str()) {
        if !netloc.is_empty() {
            return Ok(urlunparse(&scheme, &netloc, &path, &params, &query, &fragment));
        }
        netloc = bnetloc;
    }
    if path.is_empty() && params.is_empty() {
        path = bpath;
        params = bparams;
        if query.is_empty() {
            query = bquery;
        }
        return Ok(urlunparse(&scheme, &netloc, &path, &params, &query, &fragment));
    }
    let mut base_parts: Vec<&str> = bpath.split('/').collect();
    if base_parts.last() != Some(&"") {
        base_parts.pop();
    }
    let segments: Vec<&str> = if path.starts_with('/') {
        path.split('/').collect()
    } else {
        let mut s: Vec<&str> = base_parts;
        s.extend(path.split('/'));
        // Empty segments in the middle would give redundant slashes.
        if s.len() > 2 {
            let last = s[s.len() - 1];
            let mut kept = vec![s[0]];
            kept.extend(s[1..s.len() - 1].iter().filter(|x| !x.is_empty()));
            kept.push(last);
            s = kept;
        }
        s
    };
    let mut resolved: Vec<&str> = Vec::new();
    for seg in &segments {
        match *seg {
            ".." => {
                resolved.pop();
            }
            "." => {}
            _ => resolved.push(seg),
        }
    }
    if matches!(segments.last(), Some(&".") | Some(&"..")) {
        resolved.push("");
    }
    let joined = resolved.join("/");
    let joined = if joined.is_empty() { "/".to_string() } else { joined };
    Ok(urlunparse(&scheme, &netloc, &joined, &params, &query, &fragment))
}

/// `urldefrag(url)`: `(url without its fragment, fragment)`.
pub fn urldefrag(url: &str) -> PyResult<(String, String)> {
    if url.contains('#') {
        let (s, n, p, a, q, frag) = urlparse(url, "", true)?;
        Ok((urlunparse(&s, &n, &p, &a, &q, ""), frag))
    } else {
        Ok((url.to_string(), String::new()))
    }
}

fn userinfo(netloc: &str) -> (Option<String>, Option<String>) {
    match netloc.rsplit_once('@') {
        Some((info, _)) => match info.split_once(':') {
            Some((u, p)) => (Some(u.to_string()), Some(p.to_string())),
            None => (Some(info.to_string()), None),
        },
        None => (None, None),
    }
}

fn hostinfo(netloc: &str) -> (String, Option<String>) {
    let host = netloc.rsplit_once('@').map_or(netloc, |(_, h)| h);
    let (hostname, port) = match host.split_once('[') {
        Some((_, bracketed)) => {
            let (h, rest) = bracketed.split_once(']').unwrap_or((bracketed, ""));
            (h, rest.split_once(':').map_or("", |(_, p)| p))
        }
        None => host.split_once(':').unwrap_or((host, "")),
    };
    (hostname.to_string(), (!port.is_empty()).then(|| port.to_string()))
}

/// A result's `.username`.
pub fn username(netloc: &str) -> Option<String> {
    userinfo(netloc).0
}

/// A result's `.password`.
pub fn password(netloc: &str) -> Option<String> {
    userinfo(netloc).1
}

/// A result's `.hostname`: lowercased, but not an IPv6 zone after `%`.
pub fn hostname(netloc: &str) -> Option<String> {
    let (h, _) = hostinfo(netloc);
    if h.is_empty() {
        return None;
    }
    Some(match h.split_once('%') {
        Some((a, zone)) => format!("{}%{zone}", crate::pystr::lower(a)),
        None => crate::pystr::lower(&h),
    })
}

/// A result's `.port`: ValueError when it is not a number in 0..=65535.
pub fn port(netloc: &str) -> PyResult<Option<i64>> {
    let Some(p) = hostinfo(netloc).1 else { return Ok(None) };
    if !p.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PyErr::value_error(format!("Port could not be cast to integer value as {}", crate::repr::to_repr(&p))));
    }
    match p.parse::<i64>() {
        Ok(n) if n <= 65535 => Ok(Some(n)),
        _ => Err(PyErr::value_error("Port out of range 0-65535")),
    }
}

/// `parse_qsl(qs, keep_blank_values, strict_parsing, max_num_fields=None, separator='&')`.
pub fn parse_qsl(
    qs: &str,
    keep_blank_values: bool,
    strict_parsing: bool,
    max_num_fields: Option<i64>,
    separator: &str,
) -> PyResult<Vec<(String, String)>> {
    if separator.is_empty() {
        return Err(PyErr::value_error("Separator must be of type string or bytes."));
    }
    if let Some(max) = max_num_fields {
        let n = if qs.is_empty() { 0 } else { 1 + qs.matches(separator).count() as i64 };
        if max < n {
            return Err(PyErr::value_error("Max number of fields exceeded"));
        }
    }
    let mut out = Vec::new();
    if qs.is_empty() {
        return Ok(out);
    }
    for nv in qs.split(separator) {
        if nv.is_empty() && !strict_parsing {
            continue;
        }
        let (name, value) = match nv.split_once('=') {
            Some((n, v)) => (n, v),
            None => {
                if strict_parsing {
                    return Err(PyErr::value_error(format!("bad query field: {}", crate::repr::to_repr(nv))));
                }
                if !keep_blank_values {
                    continue;
                }
                (nv, "")
            }
        };
        if !value.is_empty() || keep_blank_values {
            out.push((unquote_plus(name), unquote_plus(value)));
        }
    }
    Ok(out)
}

/// `parse_qs(...)`: the values of each name, in order.
pub fn parse_qs(
    qs: &str,
    keep_blank_values: bool,
    strict_parsing: bool,
    max_num_fields: Option<i64>,
    separator: &str,
) -> PyResult<Dict<String, Vec<String>>> {
    let mut out: Dict<String, Vec<String>> = Dict::new();
    for (k, v) in parse_qsl(qs, keep_blank_values, strict_parsing, max_num_fields, separator)? {
        out.entry(k).or_default().push(v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_matches_cpython() {
        assert_eq!(quote("a b/c~é", "/"), "a%20b/c~%C3%A9");
        assert_eq!(quote_plus("a b+c", ""), "a+b%2Bc");
        assert_eq!(unquote("%C3%A9%zz%e2%82"), "é%zz\u{FFFD}");
        assert_eq!(unquote_plus("a+b%2B"), "a b+");
    }

    #[test]
    fn splitting_and_joining_match_cpython() {
        let r = urlparse("HTTP://User:pw@Example.COM:8080/p/a;x?q=1#f", "", true).unwrap();
        assert_eq!(r.0, "http");
        assert_eq!(r.3, "x");
        assert_eq!(hostname(&r.1).as_deref(), Some("example.com"));
        assert_eq!(port(&r.1).unwrap(), Some(8080));
        assert_eq!(urljoin("http://a/b/c/d;p?q", "../../g", true).unwrap(), "http://a/g");
        assert_eq!(urljoin("http://a/b/c/d;p?q", "g?y#s", true).unwrap(), "http://a/b/c/g?y#s");
        assert!(urlsplit("http://[::1", "", true).is_err());
    }
}

/// A urlencode value: a scalar gives one `k=v` pair (`str()` of it); a list gives, with `doseq`, one pair per item
/// and without it one pair of its `str()`; a variant is encoded as the member it holds (`{"q": "x", "tag": [...]}`).
pub trait UrlValue {
    fn encode_into(&self, k: &str, doseq: bool, safe: &str, plus: bool, parts: &mut Vec<String>);
}

macro_rules! url_scalar {
    ($($t:ty),*) => {$(
        impl UrlValue for $t {
            fn encode_into(&self, k: &str, _doseq: bool, safe: &str, plus: bool, parts: &mut Vec<String>) {
                parts.push(format!("{k}={}", quote_via(&self.py_str(), safe, plus)));
            }
        }
    )*};
}
url_scalar!(String, i64, f64, bool, ());

impl<T: PyRepr> UrlValue for Option<T> {
    fn encode_into(&self, k: &str, _doseq: bool, safe: &str, plus: bool, parts: &mut Vec<String>) {
        parts.push(format!("{k}={}", quote_via(&self.py_str(), safe, plus)));
    }
}

impl<T: PyRepr> UrlValue for Vec<T> {
    fn encode_into(&self, k: &str, doseq: bool, safe: &str, plus: bool, parts: &mut Vec<String>) {
        if doseq {
            for item in self {
                parts.push(format!("{k}={}", quote_via(&item.py_str(), safe, plus)));
            }
        } else {
            parts.push(format!("{k}={}", quote_via(&self.py_str(), safe, plus)));
        }
    }
}

macro_rules! url_union {
    ($name:ident; $($v:ident : $t:ident),+) => {
        impl<$($t: UrlValue),+> UrlValue for crate::union::$name<$($t),+> {
            fn encode_into(&self, k: &str, doseq: bool, safe: &str, plus: bool, parts: &mut Vec<String>) {
                match self { $(Self::$v(x) => x.encode_into(k, doseq, safe, plus, parts)),+ }
            }
        }
    };
}
url_union!(U2; V0: A, V1: B);
url_union!(U3; V0: A, V1: B, V2: C);
url_union!(U4; V0: A, V1: B, V2: C, V3: D);
url_union!(U5; V0: A, V1: B, V2: C, V3: D, V4: E);
url_union!(U6; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F);
url_union!(U7; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G);
url_union!(U8; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H);
url_union!(U9; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I);
url_union!(U10; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I, V9: J);
url_union!(U11; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I, V9: J, V10: K);
url_union!(U12; V0: A, V1: B, V2: C, V3: D, V4: E, V5: F, V6: G, V7: H, V8: I, V9: J, V10: K, V11: L);

/// `urlencode(query, doseq)` whose values are variants of scalars and lists.
pub fn urlencode_mixed<'a, K: PyRepr + 'a, V: UrlValue + 'a>(
    pairs: impl IntoIterator<Item = (&'a K, &'a V)>,
    doseq: bool,
    safe: &str,
    plus: bool,
) -> String {
    let mut parts = Vec::new();
    for (k, v) in pairs {
        v.encode_into(&quote_via(&k.py_str(), safe, plus), doseq, safe, plus, &mut parts);
    }
    parts.join("&")
}
