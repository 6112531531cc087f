//! The model's own chat template: the Jinja source from `tokenizer_config.json`
//! (`chat_template`), `chat_template.jinja`, or the GGUF `tokenizer.chat_template`, rendered
//! with minijinja the way transformers' `apply_chat_template` and llama-cpp-python's
//! `Jinja2ChatFormatter` render it (trim_blocks, lstrip_blocks, Python's str/dict/list
//! methods through minijinja-contrib's pycompat, `raise_exception`, `strftime_now`,
//! `tojson` as Python's `json.dumps`). Input: a validated message list; output: the prompt
//! text that the tokenizer encodes without adding special tokens.

use crate::error::{template_error, Error, Result};
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, ErrorKind as JErr};
use std::collections::BTreeMap;

/// The roles a message may have (OpenAI's, plus `developer`).
pub const ROLES: &[&str] = &["system", "developer", "user", "assistant", "tool"];

/// A compiled chat template and the special-token strings it is rendered with.
pub struct ChatTemplate {
    env: Environment<'static>,
    source: String,
    /// `bos_token`, `eos_token`, `unk_token`, `pad_token`, ...: the strings transformers passes.
    specials: BTreeMap<String, String>,
}

impl std::fmt::Debug for ChatTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatTemplate")
            .field("len", &self.source.len())
            .field("specials", &self.specials)
            .finish()
    }
}

impl ChatTemplate {
    /// Compile a template. A syntax error is a ValueError with minijinja's line and detail.
    pub fn new(source: impl Into<String>, specials: BTreeMap<String, String>) -> Result<Self> {
        let source = source.into();
        let mut env = Environment::new();
        // Both transformers and llama-cpp-python build their jinja2 environment with these.
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        env.add_function("raise_exception", raise_exception);
        env.add_function("strftime_now", strftime_now);
        env.add_filter("tojson", tojson);
        env.add_template_owned("chat_template", source.clone())
            .map_err(template_error)?;
        Ok(ChatTemplate {
            env,
            source,
            specials,
        })
    }

    /// The Jinja source.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The special-token strings passed to the template.
    pub fn specials(&self) -> &BTreeMap<String, String> {
        &self.specials
    }

    /// Render messages (already validated by [`validate_messages`]) as the prompt text.
    /// `extra` adds template variables (for example `tools`, `enable_thinking`).
    pub fn render(
        &self,
        messages: &serde_json::Value,
        add_generation_prompt: bool,
        extra: Option<&serde_json::Map<String, serde_json::Value>>,
    ) -> Result<String> {
        let mut ctx: BTreeMap<String, Value> = BTreeMap::new();
        for (k, v) in &self.specials {
            ctx.insert(k.clone(), Value::from(v.clone()));
        }
        if let Some(extra) = extra {
            for (k, v) in extra {
                ctx.insert(k.clone(), Value::from_serialize(v));
            }
        }
        ctx.insert("messages".into(), Value::from_serialize(messages));
        ctx.insert(
            "add_generation_prompt".into(),
            Value::from(add_generation_prompt),
        );
        let tmpl = self
            .env
            .get_template("chat_template")
            .map_err(template_error)?;
        tmpl.render(Value::from_serialize(&ctx))
            .map_err(template_error)
    }
}

/// Check a message list the way an OpenAI server does before rendering: a non-empty list of
/// objects, each with a known `role` and a string `content` (null only for an assistant
/// message that carries `tool_calls`). Every failure is a ValueError naming the message.
pub fn validate_messages(messages: &serde_json::Value) -> Result<()> {
    let list = messages
        .as_array()
        .ok_or_else(|| Error::value("messages must be a list of message objects"))?;
    if list.is_empty() {
        return Err(Error::value("messages must not be empty"));
    }
    for (i, m) in list.iter().enumerate() {
        let obj = m.as_object().ok_or_else(|| {
            Error::value(format!(
                "messages[{i}] must be an object with 'role' and 'content', got {}",
                json_kind(m)
            ))
        })?;
        let role = match obj.get("role") {
            Some(serde_json::Value::String(r)) => r.as_str(),
            Some(other) => {
                return Err(Error::value(format!(
                    "messages[{i}].role must be a string, got {}",
                    json_kind(other)
                )))
            }
            None => return Err(Error::value(format!("messages[{i}] has no 'role'"))),
        };
        if !ROLES.contains(&role) {
            return Err(Error::value(format!(
                "messages[{i}].role {role:?} is not one of {}",
                ROLES.join(", ")
            )));
        }
        match obj.get("content") {
            Some(serde_json::Value::String(_)) => {}
            Some(serde_json::Value::Null) | None
                if role == "assistant" && obj.contains_key("tool_calls") => {}
            Some(other) => {
                return Err(Error::value(format!(
                    "messages[{i}].content must be a string, got {}",
                    json_kind(other)
                )))
            }
            None => return Err(Error::value(format!("messages[{i}] has no 'content'"))),
        }
    }
    Ok(())
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Prefix of the message a template's `raise_exception` produces, so callers can tell it
/// from a template bug.
pub const RAISED: &str = "raise_exception: ";

fn raise_exception(msg: String) -> std::result::Result<Value, minijinja::Error> {
    Err(minijinja::Error::new(
        JErr::InvalidOperation,
        format!("{RAISED}{msg}"),
    ))
}

/// Python's `json.dumps(x, ensure_ascii=False)` (transformers' `tojson`), with its `indent`
/// argument; minijinja's own `tojson` escapes `<`, `>`, `&` and `'` for HTML, which Python's
/// does not, and separates items with `,` instead of `, `.
fn tojson(value: Value, kwargs: Kwargs) -> std::result::Result<Value, minijinja::Error> {
    let indent: Option<usize> = kwargs.get("indent")?;
    kwargs.assert_all_used()?;
    let v: serde_json::Value = serde_json::to_value(&value)
        .map_err(|e| minijinja::Error::new(JErr::BadSerialization, e.to_string()))?;
    let mut out = String::new();
    py_json(&v, indent, 0, &mut out);
    Ok(Value::from_safe_string(out))
}

fn py_json(v: &serde_json::Value, indent: Option<usize>, depth: usize, out: &mut String) {
    let newline = |out: &mut String, d: usize| {
        if let Some(n) = indent {
            out.push('\n');
            out.push_str(&" ".repeat(n * d));
        }
    };
    let item_sep = if indent.is_some() { "," } else { ", " };
    match v {
        serde_json::Value::Array(a) if !a.is_empty() => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(item_sep);
                }
                newline(out, depth + 1);
                py_json(x, indent, depth + 1, out);
            }
            newline(out, depth);
            out.push(']');
        }
        serde_json::Value::Object(o) if !o.is_empty() => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push_str(item_sep);
                }
                newline(out, depth + 1);
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push_str(": ");
                py_json(x, indent, depth + 1, out);
            }
            newline(out, depth);
            out.push('}');
        }
        serde_json::Value::Number(n) if n.is_f64() => {
            // Python writes floats with repr: 1.0, not 1.
            let f = n.as_f64().unwrap_or(0.0);
            if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e16 {
                out.push_str(&format!("{f:.1}"));
            } else {
                out.push_str(&n.to_string());
            }
        }
        other => out.push_str(&other.to_string()),
    }
}

/// `strftime_now(format)`: the current UTC time formatted with the C strftime directives
/// templates use (%Y %m %d %e %B %b %A %a %H %M %S %j %y %p %I %%).
fn strftime_now(format: String) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    strftime(&format, secs)
}

pub(crate) fn strftime(format: &str, secs: i64) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let (h, mi, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    // Howard Hinnant's days-to-civil.
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let yday = cum[(m - 1) as usize] + d + if leap && m > 2 { 1 } else { 0 };
    let weekday = (days + 3).rem_euclid(7) as usize; // 1970-01-01 was a Thursday.
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&y.to_string()),
            Some('y') => out.push_str(&format!("{:02}", y % 100)),
            Some('m') => out.push_str(&format!("{m:02}")),
            Some('d') => out.push_str(&format!("{d:02}")),
            Some('e') => out.push_str(&format!("{d:2}")),
            Some('B') => out.push_str(MONTHS[(m - 1) as usize]),
            Some('b') => out.push_str(&MONTHS[(m - 1) as usize][..3]),
            Some('A') => out.push_str(DAYS[weekday]),
            Some('a') => out.push_str(&DAYS[weekday][..3]),
            Some('H') => out.push_str(&format!("{h:02}")),
            Some('I') => out.push_str(&format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 })),
            Some('p') => out.push_str(if h < 12 { "AM" } else { "PM" }),
            Some('M') => out.push_str(&format!("{mi:02}")),
            Some('S') => out.push_str(&format!("{s:02}")),
            Some('j') => out.push_str(&format!("{yday:03}")),
            Some('%') => out.push('%'),
            Some(o) => {
                out.push('%');
                out.push(o);
            }
            None => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strftime_matches_python() {
        // datetime.fromtimestamp(1733443200, timezone.utc).strftime(...) == "06 Dec 2024 ..."
        assert_eq!(
            strftime("%d %b %Y %A %H:%M:%S %j", 1733443200),
            "06 Dec 2024 Friday 00:00:00 341"
        );
    }

    #[test]
    fn tojson_is_python_json_dumps() {
        let t = ChatTemplate::new(
            "{{ x | tojson }}|{{ x | tojson(indent=2) }}",
            BTreeMap::new(),
        )
        .unwrap();
        let env = &t.env;
        let out = env
            .get_template("chat_template")
            .unwrap()
            .render(minijinja::context! { x => serde_json::json!({"a": [1, "<b>"], "c": 1.0}) })
            .unwrap();
        assert_eq!(
            out,
            "{\"a\": [1, \"<b>\"], \"c\": 1.0}|{\n  \"a\": [\n    1,\n    \"<b>\"\n  ],\n  \"c\": 1.0\n}"
        );
    }
}
