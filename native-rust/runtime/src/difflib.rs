//! Python's `difflib.SequenceMatcher` (with `isjunk=None`) and `get_close_matches`: a port of CPython
//! 3.11's `difflib.py` (`__chain_b` with the autojunk "popular" heuristic, `find_longest_match`,
//! `get_matching_blocks`, `get_opcodes`, `ratio`, `quick_ratio`, `real_quick_ratio`), so matches, ties
//! and ratios are CPython's. A str is compared as its characters.

use crate::{ErrKind, PyErr, PyResult};
use std::collections::HashMap;
use std::hash::Hash;

/// A matcher over two sequences; each method recomputes from them (values are copied, so no caches).
#[derive(Clone, Debug)]
pub struct SequenceMatcher<T> {
    a: Vec<T>,
    b: Vec<T>,
    /// Each element of b to its positions, the popular elements (autojunk) removed.
    b2j: HashMap<T, Vec<usize>>,
    /// Whether the sequences are strs (for IndexError's wording).
    is_str: bool,
}

/// A str as the sequence of its characters.
pub fn seq_str(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// A list as the sequence of its items.
pub fn seq_list<T: Clone>(xs: &[T]) -> Vec<T> {
    xs.to_vec()
}

impl<T: Eq + Hash + Clone> SequenceMatcher<T> {
    pub fn new(a: Vec<T>, b: Vec<T>, autojunk: bool, is_str: bool) -> Self {
        let mut b2j: HashMap<T, Vec<usize>> = HashMap::new();
        for (i, x) in b.iter().enumerate() {
            b2j.entry(x.clone()).or_default().push(i);
        }
        let n = b.len();
        if autojunk && n >= 200 {
            let ntest = n / 100 + 1;
            b2j.retain(|_, idxs| idxs.len() <= ntest);
        }
        SequenceMatcher { a, b, b2j, is_str }
    }

    /// `find_longest_match(alo, ahi, blo, bhi)`: the longest matching block in a[alo:ahi] and b[blo:bhi],
    /// the earliest in a, then in b, among the longest. Bounds are used as CPython uses them: indexes into
    /// the sequences, negative ones from the end, an index past the end an IndexError.
    pub fn find_longest_match(&self, alo: i64, ahi: Option<i64>, blo: i64, bhi: Option<i64>) -> PyResult<(i64, i64, i64)> {
        let ahi = ahi.unwrap_or(self.a.len() as i64);
        let bhi = bhi.unwrap_or(self.b.len() as i64);
        self.longest(alo, ahi, blo, bhi)
    }

    fn at<'s>(&self, seq: &'s [T], i: i64) -> PyResult<&'s T> {
        let n = seq.len() as i64;
        let k = if i < 0 { i + n } else { i };
        if k < 0 || k >= n {
            let what = if self.is_str { "string" } else { "list" };
            return Err(PyErr::new(ErrKind::IndexError, format!("{} index out of range", what)));
        }
        Ok(&seq[k as usize])
    }

    fn longest(&self, alo: i64, ahi: i64, blo: i64, bhi: i64) -> PyResult<(i64, i64, i64)> {
        let (a, b) = (&self.a, &self.b);
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0i64);
        let mut j2len: HashMap<i64, i64> = HashMap::new();
        for i in alo..ahi {
            let mut newj2len: HashMap<i64, i64> = HashMap::new();
            if let Some(js) = self.b2j.get(self.at(a, i)?) {
                for &j in js {
                    let j = j as i64;
                    if j < blo {
                        continue;
                    }
                    if j >= bhi {
                        break;
                    }
                    let k = j2len.get(&(j - 1)).copied().unwrap_or(0) + 1;
                    newj2len.insert(j, k);
                    if k > bestsize {
                        besti = i - k + 1;
                        bestj = j - k + 1;
                        bestsize = k;
                    }
                }
            }
            j2len = newj2len;
        }
        // Extend through equal elements the index left out (the popular ones); no element is junk.
        while besti > alo && bestj > blo && self.at(a, besti - 1)? == self.at(b, bestj - 1)? {
            besti -= 1;
            bestj -= 1;
            bestsize += 1;
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && self.at(a, besti + bestsize)? == self.at(b, bestj + bestsize)?
        {
            bestsize += 1;
        }
        Ok((besti, bestj, bestsize))
    }

    /// `get_matching_blocks()`: the non-adjacent matching blocks in order, ending with `(len(a), len(b), 0)`.
    pub fn get_matching_blocks(&self) -> Vec<(i64, i64, i64)> {
        let (la, lb) = (self.a.len(), self.b.len());
        let mut queue = vec![(0i64, la as i64, 0i64, lb as i64)];
        let mut blocks: Vec<(i64, i64, i64)> = Vec::new();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            // The bounds lie inside both sequences here, so no index can fail.
            let (i, j, k) = self.longest(alo, ahi, blo, bhi).unwrap_or((alo, blo, 0));
            if k > 0 {
                blocks.push((i, j, k));
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        blocks.sort();
        let (mut i1, mut j1, mut k1) = (0i64, 0i64, 0i64);
        let mut out = Vec::new();
        for (i2, j2, k2) in blocks {
            if i1 + k1 == i2 && j1 + k1 == j2 {
                k1 += k2;
            } else {
                if k1 > 0 {
                    out.push((i1, j1, k1));
                }
                (i1, j1, k1) = (i2, j2, k2);
            }
        }
        if k1 > 0 {
            out.push((i1, j1, k1));
        }
        out.push((la as i64, lb as i64, 0));
        out
    }

    /// `get_opcodes()`: (tag, i1, i2, j1, j2) turning a into b, tags 'replace', 'delete', 'insert', 'equal'.
    pub fn get_opcodes(&self) -> Vec<(String, i64, i64, i64, i64)> {
        let (mut i, mut j) = (0i64, 0i64);
        let mut out = Vec::new();
        for (ai, bj, size) in self.get_matching_blocks() {
            let tag = if i < ai && j < bj {
                "replace"
            } else if i < ai {
                "delete"
            } else if j < bj {
                "insert"
            } else {
                ""
            };
            if !tag.is_empty() {
                out.push((tag.to_string(), i, ai, j, bj));
            }
            i = ai + size;
            j = bj + size;
            if size > 0 {
                out.push(("equal".to_string(), ai, i, bj, j));
            }
        }
        out
    }

    /// `get_grouped_opcodes(n)`: the opcodes in hunks with up to n lines of context (CPython's grouping).
    pub fn get_grouped_opcodes(&self, n: i64) -> Vec<Vec<(String, i64, i64, i64, i64)>> {
        let mut codes = self.get_opcodes();
        if codes.is_empty() {
            codes.push(("equal".to_string(), 0, 1, 0, 1));
        }
        if codes[0].0 == "equal" {
            let c = &mut codes[0];
            c.1 = c.1.max(c.2 - n);
            c.3 = c.3.max(c.4 - n);
        }
        if let Some(c) = codes.last_mut() {
            if c.0 == "equal" {
                c.2 = c.2.min(c.1 + n);
                c.4 = c.4.min(c.3 + n);
            }
        }
        let nn = n + n;
        let mut groups = Vec::new();
        let mut group: Vec<(String, i64, i64, i64, i64)> = Vec::new();
        for (tag, mut i1, i2, mut j1, j2) in codes {
            if tag == "equal" && i2 - i1 > nn {
                group.push((tag.clone(), i1, i2.min(i1 + n), j1, j2.min(j1 + n)));
                groups.push(std::mem::take(&mut group));
                i1 = i1.max(i2 - n);
                j1 = j1.max(j2 - n);
            }
            group.push((tag, i1, i2, j1, j2));
        }
        if !group.is_empty() && !(group.len() == 1 && group[0].0 == "equal") {
            groups.push(group);
        }
        groups
    }

    /// `ratio()`: 2*M/T, M the matched elements, T both lengths; 1.0 for two empty sequences.
    pub fn ratio(&self) -> f64 {
        let matches: i64 = self.get_matching_blocks().iter().map(|m| m.2).sum();
        calculate_ratio(matches as usize, self.a.len() + self.b.len())
    }

    /// `quick_ratio()`: an upper bound on ratio() from the elements' counts alone.
    pub fn quick_ratio(&self) -> f64 {
        let mut avail: HashMap<&T, i64> = HashMap::new();
        for x in &self.b {
            *avail.entry(x).or_insert(0) += 1;
        }
        let mut matches = 0usize;
        for x in &self.a {
            let n = avail.entry(x).or_insert(0);
            if *n > 0 {
                matches += 1;
            }
            *n -= 1;
        }
        calculate_ratio(matches, self.a.len() + self.b.len())
    }

    /// `real_quick_ratio()`: an upper bound on ratio() from the lengths alone.
    pub fn real_quick_ratio(&self) -> f64 {
        let (la, lb) = (self.a.len(), self.b.len());
        calculate_ratio(la.min(lb), la + lb)
    }
}

fn calculate_ratio(matches: usize, length: usize) -> f64 {
    if length > 0 {
        2.0 * matches as f64 / length as f64
    } else {
        1.0
    }
}

/// `get_close_matches(word, possibilities, n, cutoff)`: the best n possibilities scoring at least cutoff,
/// best first (ties by the larger string, as heapq.nlargest of (score, x) orders them).
pub fn get_close_matches(
    word: &str,
    possibilities: impl IntoIterator<Item = String>,
    n: i64,
    cutoff: f64,
) -> PyResult<Vec<String>> {
    if n <= 0 {
        return Err(PyErr::new(ErrKind::ValueError, format!("n must be > 0: {}", n)));
    }
    if !(0.0..=1.0).contains(&cutoff) {
        return Err(PyErr::new(
            ErrKind::ValueError,
            format!("cutoff must be in [0.0, 1.0]: {}", crate::float::repr(cutoff)),
        ));
    }
    let w = seq_str(word);
    let mut scored: Vec<(f64, String)> = Vec::new();
    for x in possibilities {
        let s = SequenceMatcher::new(seq_str(&x), w.clone(), true, true);
        if s.real_quick_ratio() >= cutoff && s.quick_ratio() >= cutoff {
            let r = s.ratio();
            if r >= cutoff {
                scored.push((r, x));
            }
        }
    }
    // Sorted descending by (score, x); the sort is stable, as nlargest keeps equal items in order.
    scored.sort_by(|p, q| q.0.partial_cmp(&p.0).unwrap_or(std::cmp::Ordering::Equal).then_with(|| q.1.cmp(&p.1)));
    scored.truncate(n as usize);
    Ok(scored.into_iter().map(|(_, x)| x).collect())
}

fn slice<'s>(xs: &'s [String], i: i64, j: i64) -> &'s [String] {
    let n = xs.len() as i64;
    let (i, j) = (i.clamp(0, n) as usize, j.clamp(0, n) as usize);
    if i < j {
        &xs[i..j]
    } else {
        &[]
    }
}

fn file_date(date: &str) -> String {
    if date.is_empty() {
        String::new()
    } else {
        format!("\t{}", date)
    }
}

/// The file names, dates and line terminator of `unified_diff` / `context_diff`.
pub struct DiffHeader<'h> {
    pub fromfile: &'h str,
    pub tofile: &'h str,
    pub fromfiledate: &'h str,
    pub tofiledate: &'h str,
    pub lineterm: &'h str,
}

/// `difflib.unified_diff(a, b, fromfile, tofile, fromfiledate, tofiledate, n, lineterm)`, as a list of its lines.
pub fn unified_diff(a: &[String], b: &[String], h: &DiffHeader, n: i64) -> Vec<String> {
    fn range(start: i64, stop: i64) -> String {
        let mut beginning = start + 1;
        let length = stop - start;
        if length == 1 {
            return beginning.to_string();
        }
        if length == 0 {
            beginning -= 1;
        }
        format!("{},{}", beginning, length)
    }
    let m = SequenceMatcher::new(a.to_vec(), b.to_vec(), true, false);
    let mut out = Vec::new();
    for (k, group) in m.get_grouped_opcodes(n).iter().enumerate() {
        if k == 0 {
            out.push(format!("--- {}{}{}", h.fromfile, file_date(h.fromfiledate), h.lineterm));
            out.push(format!("+++ {}{}{}", h.tofile, file_date(h.tofiledate), h.lineterm));
        }
        let (first, last) = (&group[0], &group[group.len() - 1]);
        out.push(format!("@@ -{} +{} @@{}", range(first.1, last.2), range(first.3, last.4), h.lineterm));
        for (tag, i1, i2, j1, j2) in group {
            if tag == "equal" {
                out.extend(slice(a, *i1, *i2).iter().map(|l| format!(" {}", l)));
                continue;
            }
            if tag == "replace" || tag == "delete" {
                out.extend(slice(a, *i1, *i2).iter().map(|l| format!("-{}", l)));
            }
            if tag == "replace" || tag == "insert" {
                out.extend(slice(b, *j1, *j2).iter().map(|l| format!("+{}", l)));
            }
        }
    }
    out
}

/// `difflib.context_diff(a, b, fromfile, tofile, fromfiledate, tofiledate, n, lineterm)`, as a list of its lines.
pub fn context_diff(a: &[String], b: &[String], h: &DiffHeader, n: i64) -> Vec<String> {
    fn range(start: i64, stop: i64) -> String {
        let mut beginning = start + 1;
        let length = stop - start;
        if length == 0 {
            beginning -= 1;
        }
        if length <= 1 {
            return beginning.to_string();
        }
        format!("{},{}", beginning, beginning + length - 1)
    }
    fn prefix(tag: &str) -> &'static str {
        match tag {
            "insert" => "+ ",
            "delete" => "- ",
            "replace" => "! ",
            _ => "  ",
        }
    }
    let m = SequenceMatcher::new(a.to_vec(), b.to_vec(), true, false);
    let mut out = Vec::new();
    for (k, group) in m.get_grouped_opcodes(n).iter().enumerate() {
        if k == 0 {
            out.push(format!("*** {}{}{}", h.fromfile, file_date(h.fromfiledate), h.lineterm));
            out.push(format!("--- {}{}{}", h.tofile, file_date(h.tofiledate), h.lineterm));
        }
        let (first, last) = (&group[0], &group[group.len() - 1]);
        out.push(format!("***************{}", h.lineterm));
        out.push(format!("*** {} ****{}", range(first.1, last.2), h.lineterm));
        if group.iter().any(|g| g.0 == "replace" || g.0 == "delete") {
            for (tag, i1, i2, _, _) in group {
                if tag != "insert" {
                    out.extend(slice(a, *i1, *i2).iter().map(|l| format!("{}{}", prefix(tag), l)));
                }
            }
        }
        out.push(format!("--- {} ----{}", range(first.3, last.4), h.lineterm));
        if group.iter().any(|g| g.0 == "replace" || g.0 == "insert") {
            for (tag, _, _, j1, j2) in group {
                if tag != "delete" {
                    out.extend(slice(b, *j1, *j2).iter().map(|l| format!("{}{}", prefix(tag), l)));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_and_blocks() {
        let s = SequenceMatcher::new(seq_str("abxcd"), seq_str("abcd"), true, true);
        assert_eq!(s.get_matching_blocks(), vec![(0, 0, 2), (3, 2, 2), (5, 4, 0)]);
        assert!((s.ratio() - 8.0 / 9.0).abs() < 1e-12);
        let s = SequenceMatcher::new(seq_str(" abcd"), seq_str("abcd abcd"), true, true);
        assert_eq!(s.find_longest_match(0, None, 0, None).unwrap(), (0, 4, 5));
    }
}
