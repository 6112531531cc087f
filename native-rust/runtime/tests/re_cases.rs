//! Replays tests/re_cases.jsonl (patterns, inputs and CPython 3.11's answers, written by
//! tests/gen_re_cases.py) against the runtime's `re` module. Every mismatch is listed.

use ingot_runtime::re::{self, Match, Pattern};
use ingot_runtime::{IntoValue, PyResult, Value};

/// Deliberate differences: `\N{...}` needs CPython's Unicode name table; and a repeated group
/// whose body can match empty keeps, in CPython, the capture of one last empty iteration
/// (`(a*)*` on "a" gives group 1 = ""), where the regex engine keeps the last non-empty one.
const KNOWN_DIFFERENT: &[&str] = &[r"\N{EM DASH}", "(a|)+", "(a*)*", "(a*)+b"];

fn match_value(m: &Match) -> Value {
    let n = m.groups().len();
    let spans: Vec<Value> = (0..=n as i64).map(|g| {
        let (a, b) = m.span(g).unwrap();
        Value::List(vec![Value::Int(a), Value::Int(b)])
    }).collect();
    let mut groups = vec![Value::Str(m.group0())];
    groups.extend(m.groups().into_iter().map(|g| g.into_value()));
    Value::Dict(vec![("spans".into(), Value::List(spans)), ("groups".into(), Value::List(groups))])
}

fn spans_value(m: &Match) -> Value {
    let n = m.groups().len() as i64;
    Value::List((0..=n).flat_map(|g| {
        let (a, b) = m.span(g).unwrap();
        [Value::Int(a), Value::Int(b)]
    }).collect())
}

fn opt_match(m: Option<Match>) -> Value {
    m.as_ref().map_or(Value::None, match_value)
}

fn s(v: &Value) -> &str {
    match v {
        Value::Str(s) => s,
        other => panic!("not a str: {other:?}"),
    }
}

fn i(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        other => panic!("not an int: {other:?}"),
    }
}

fn run(op: &str, pattern: &str, flags: i64, a: &[Value]) -> PyResult<Value> {
    if op == "escape" {
        return Ok(re::escape(s(&a[0])).into_value());
    }
    if op == "compile" {
        let p = Pattern::new(pattern, flags)?;
        let index: Vec<(String, Value)> = p.groupindex()?.into_iter().map(|(k, v)| (k, Value::Int(v))).collect();
        return Ok(Value::Dict(vec![
            ("groups".into(), Value::Int(p.groups()?)),
            ("groupindex".into(), Value::Dict(index)),
            ("flags".into(), Value::Int(p.flags()?)),
        ]));
    }
    let p = re::compile(pattern, flags)?;
    Ok(match op {
        "search" => opt_match(re::search(&p, s(&a[0]))?),
        "match" => opt_match(re::match_(&p, s(&a[0]))?),
        "fullmatch" => opt_match(re::fullmatch(&p, s(&a[0]))?),
        "finditer" => Value::List(re::finditer(&p, s(&a[0]))?.iter().map(spans_value).collect()),
        "findall" => re::findall(&p, s(&a[0]))?.into_value(),
        "findall_groups" => re::findall_groups(&p, s(&a[0]))?.into_value(),
        "split" => re::split(&p, s(&a[0]), i(&a[1]))?.into_value(),
        "sub" => re::sub(&p, s(&a[0]), s(&a[1]), i(&a[2]))?.into_value(),
        "subn" => {
            let (t, n) = re::subn(&p, s(&a[0]), s(&a[1]), i(&a[2]))?;
            Value::List(vec![t.into_value(), n.into_value()])
        }
        "expand" => match re::search(&p, s(&a[1]))? {
            Some(m) => m.expand(s(&a[0]))?.into_value(),
            None => Value::Str("<no match>".into()),
        },
        _ => panic!("unknown op {op}"),
    })
}

#[test]
fn re_matches_cpython() {
    let text = include_str!("re_cases.jsonl");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut texts: Vec<Value> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let rec = Value::parse_json(line).unwrap_or_else(|e| panic!("bad case line {line}: {e}"));
        let Value::Dict(fields) = rec else { panic!("case is not an object: {line}") };
        let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let (Some(Value::Str(op)), Some(Value::Str(pattern)), Some(Value::Int(flags)), Some(Value::List(args))) = (get("op"), get("pattern"), get("flags"), get("args")) else {
            panic!("malformed case: {line}")
        };
        if op == "texts" {
            texts = args;
            continue;
        }
        if KNOWN_DIFFERENT.contains(&pattern.as_str()) {
            continue;
        }
        // {"t": k} stands for sample text k.
        let args: Vec<Value> = args.into_iter().map(|a| match &a {
            Value::Dict(d) if d.len() == 1 && d[0].0 == "t" => texts[i(&d[0].1) as usize].clone(),
            _ => a,
        }).collect();
        count += 1;
        let got = run(&op, &pattern, flags, &args);
        let ok = match (&got, get("out"), get("err")) {
            (Ok(v), Some(want), None) => *v == want,
            (Err(e), None, Some(Value::Str(want))) => e.to_string() == want,
            _ => false,
        };
        if !ok {
            let got = match got {
                Ok(v) => v.to_json(),
                Err(e) => format!("raised {e}"),
            };
            failures.push(format!("{line}\n    got: {got}"));
        }
    }
    assert!(count > 10000, "too few cases: {count}");
    assert!(failures.is_empty(), "{} of {count} cases differ from CPython:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn literal_patterns_compile_once_and_errors_are_raised_on_use() {
    let bad = Pattern::constant("(", 0);
    assert_eq!(re::search(&bad, "x").unwrap_err().to_string(), "error: missing ), unterminated subpattern at position 0");
    let a = re::compile(r"\d+", 0).unwrap();
    let b = re::compile(r"\d+", 0).unwrap();
    assert_eq!(a, b);
    let m = re::search(&a, "ab 12").unwrap().unwrap();
    assert_eq!(ingot_runtime::PyRepr::py_repr(&m), "<re.Match object; span=(3, 5), match='12'>");
    assert_eq!(ingot_runtime::PyRepr::py_repr(&re::compile("a", re::IGNORECASE | re::MULTILINE).unwrap()), "re.compile('a', re.IGNORECASE|re.MULTILINE)");
    let upper = re::sub_fn(&a, "a1b22", 0, |m| Ok(format!("<{}>", m.group0().len()))).unwrap();
    assert_eq!(upper, "a<1>b<2>");
}
