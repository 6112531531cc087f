//! Python's `textwrap` module: `TextWrapper` with its options, `wrap`, `fill`, `shorten`, `dedent`
//! and `indent`, following CPython 3.11's `textwrap.py` step by step (the same word-splitting
//! regular expression, run through this crate's `re`, and the same chunk loop), so lines break
//! where CPython breaks them. Lengths count code points, as Python's `len` does.

use crate::pystr;
use crate::re;
use crate::{PyErr, PyResult};

const WS: &str = r"[\t\n\x0b\x0c\r ]";
const NWS: &str = r"[^\t\n\x0b\x0c\r ]";
const WORD_PUNCT: &str = r#"[\w!"'&.,?]"#;
const LETTER: &str = r"[^\d\W]";

fn len(s: &str) -> usize {
    s.chars().count()
}

fn is_blank(s: &str) -> bool {
    pystr::strip(s, None).is_empty()
}

/// `textwrap.TextWrapper`: the options as public fields, defaults as CPython's.
#[derive(Clone, Debug)]
pub struct Wrapper {
    pub width: i64,
    pub initial_indent: String,
    pub subsequent_indent: String,
    pub expand_tabs: bool,
    pub replace_whitespace: bool,
    pub fix_sentence_endings: bool,
    pub break_long_words: bool,
    pub drop_whitespace: bool,
    pub break_on_hyphens: bool,
    pub tabsize: i64,
    pub max_lines: Option<i64>,
    pub placeholder: String,
}

impl Default for Wrapper {
    fn default() -> Wrapper {
        Wrapper {
            width: 70,
            initial_indent: String::new(),
            subsequent_indent: String::new(),
            expand_tabs: true,
            replace_whitespace: true,
            fix_sentence_endings: false,
            break_long_words: true,
            drop_whitespace: true,
            break_on_hyphens: true,
            tabsize: 8,
            max_lines: None,
            placeholder: " [...]".to_string(),
        }
    }
}

impl Wrapper {
    fn munge_whitespace(&self, text: &str) -> String {
        let mut t = if self.expand_tabs { pystr::expandtabs(text, self.tabsize) } else { text.to_string() };
        if self.replace_whitespace {
            t = t.chars().map(|c| if "\t\n\x0b\x0c\r ".contains(c) { ' ' } else { c }).collect();
        }
        t
    }

    fn split(&self, text: &str) -> PyResult<Vec<String>> {
        let pattern = if self.break_on_hyphens {
            format!(
                r"({WS}+|(?<={WORD_PUNCT})-{{2,}}(?=\w)|{NWS}+?(?:-(?:(?<={LETTER}{{2}}-)|(?<={LETTER}-{LETTER}-))(?={LETTER}-?{LETTER})|(?={WS}|\Z)|(?<={WORD_PUNCT})(?=-{{2,}}\w)))"
            )
        } else {
            format!("({WS}+)")
        };
        let p = re::compile(&pattern, 0)?;
        Ok(re::split(&p, text, 0)?.into_iter().flatten().filter(|c| !c.is_empty()).collect())
    }

    fn fix_sentence_endings(chunks: &mut [String]) -> PyResult<()> {
        let p = re::compile(r#"[a-z][\.\!\?][\"\']?\Z"#, 0)?;
        let mut i = 0;
        while i + 1 < chunks.len() {
            if chunks[i + 1] == " " && re::search(&p, &chunks[i])?.is_some() {
                chunks[i + 1] = "  ".to_string();
                i += 2;
            } else {
                i += 1;
            }
        }
        Ok(())
    }

    fn handle_long_word(&self, rev: &mut Vec<String>, cur: &mut Vec<String>, cur_len: usize, width: i64) {
        let space_left = if width < 1 { 1 } else { (width - cur_len as i64).max(0) as usize };
        if self.break_long_words {
            let chunk: Vec<char> = rev.last().map(|c| c.chars().collect()).unwrap_or_default();
            let mut end = space_left;
            if self.break_on_hyphens && chunk.len() > space_left {
                // chunk.rfind('-', 0, space_left)
                if let Some(h) = chunk[..space_left.min(chunk.len())].iter().rposition(|c| *c == '-') {
                    if h > 0 && chunk[..h].iter().any(|c| *c != '-') {
                        end = h + 1;
                    }
                }
            }
            let end = end.min(chunk.len());
            cur.push(chunk[..end].iter().collect());
            *rev.last_mut().unwrap() = chunk[end..].iter().collect();
        } else if cur.is_empty() {
            if let Some(c) = rev.pop() {
                cur.push(c);
            }
        }
    }

    fn wrap_chunks(&self, mut chunks: Vec<String>) -> PyResult<Vec<String>> {
        let mut lines: Vec<String> = Vec::new();
        if self.width <= 0 {
            return Err(PyErr::value_error(format!("invalid width {} (must be > 0)", self.width)));
        }
        if let Some(max) = self.max_lines {
            let indent = if max > 1 { &self.subsequent_indent } else { &self.initial_indent };
            if (len(indent) + len(pystr::lstrip(&self.placeholder, None).as_str())) as i64 > self.width {
                return Err(PyErr::value_error("placeholder too large for max width"));
            }
        }
        chunks.reverse();
        let ph_len = len(&self.placeholder) as i64;
        while !chunks.is_empty() {
            let mut cur: Vec<String> = Vec::new();
            let mut cur_len: usize = 0;
            let indent = if lines.is_empty() { &self.initial_indent } else { &self.subsequent_indent };
            let width = self.width - len(indent) as i64;
            if self.drop_whitespace && !lines.is_empty() && chunks.last().is_some_and(|c| is_blank(c)) {
                chunks.pop();
            }
            while let Some(last) = chunks.last() {
                let l = len(last);
                if (cur_len + l) as i64 <= width {
                    cur.push(chunks.pop().unwrap());
                    cur_len += l;
                } else {
                    break;
                }
            }
            if chunks.last().is_some_and(|c| len(c) as i64 > width) {
                self.handle_long_word(&mut chunks, &mut cur, cur_len, width);
                cur_len = cur.iter().map(|c| len(c)).sum();
            }
            if self.drop_whitespace && cur.last().is_some_and(|c| is_blank(c)) {
                cur_len -= len(cur.last().unwrap());
                cur.pop();
            }
            if !cur.is_empty() {
                let fits = match self.max_lines {
                    None => true,
                    Some(max) => {
                        (lines.len() as i64 + 1) < max
                            || ((chunks.is_empty()
                                || (self.drop_whitespace && chunks.len() == 1 && is_blank(&chunks[0])))
                                && cur_len as i64 <= width)
                    }
                };
                if fits {
                    lines.push(format!("{indent}{}", cur.concat()));
                } else {
                    let mut placed = false;
                    while let Some(last) = cur.last() {
                        if !is_blank(last) && cur_len as i64 + ph_len <= width {
                            cur.push(self.placeholder.clone());
                            lines.push(format!("{indent}{}", cur.concat()));
                            placed = true;
                            break;
                        }
                        cur_len -= len(last);
                        cur.pop();
                    }
                    if !placed {
                        if let Some(prev) = lines.last() {
                            let prev_line = pystr::rstrip(prev, None);
                            if (len(&prev_line) as i64 + ph_len) <= self.width {
                                *lines.last_mut().unwrap() = prev_line + &self.placeholder;
                                break;
                            }
                        }
                        lines.push(format!("{indent}{}", pystr::lstrip(&self.placeholder, None)));
                    }
                    break;
                }
            }
        }
        Ok(lines)
    }

    pub fn wrap(&self, text: &str) -> PyResult<Vec<String>> {
        let mut chunks = self.split(&self.munge_whitespace(text))?;
        if self.fix_sentence_endings {
            Wrapper::fix_sentence_endings(&mut chunks)?;
        }
        self.wrap_chunks(chunks)
    }

    pub fn fill(&self, text: &str) -> PyResult<String> {
        Ok(self.wrap(text)?.join("\n"))
    }

    /// `shorten`: whitespace collapsed, then one line with the placeholder where it is cut.
    pub fn shorten(&self, text: &str) -> PyResult<String> {
        let w = Wrapper { max_lines: Some(1), ..self.clone() };
        let words = pystr::split(text, None, -1)?;
        w.fill(&words.join(" "))
    }
}

/// `textwrap.dedent`: the longest common leading run of spaces and tabs removed from every line.
pub fn dedent(text: &str) -> PyResult<String> {
    let ws_only = re::compile(r"^[ \t]+$", 8)?;
    let text = re::sub(&ws_only, "", text, 0)?;
    let leading = re::compile(r"(^[ \t]*)(?:[^ \t\n])", 8)?;
    let mut margin: Option<String> = None;
    for indent in re::findall(&leading, &text)? {
        margin = Some(match margin {
            None => indent,
            Some(m) if indent.starts_with(&m) => m,
            Some(m) if m.starts_with(&indent) => indent,
            Some(m) => {
                let common: String =
                    m.chars().zip(indent.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x).collect();
                common
            }
        });
    }
    match margin {
        Some(m) if !m.is_empty() => {
            let p = re::compile(&format!("(?m)^{}", re::escape(&m)), 0)?;
            re::sub(&p, "", &text, 0)
        }
        _ => Ok(text),
    }
}

/// `textwrap.indent(text, prefix)`: the prefix before every line that is not blank.
pub fn indent(text: &str, prefix: &str) -> String {
    pystr::splitlines(text, true)
        .into_iter()
        .map(|line| if is_blank(&line) { line } else { format!("{prefix}{line}") })
        .collect()
}
