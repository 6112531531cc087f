//! Replays tests/cases.jsonl (inputs and CPython 3.11's answers, written by
//! tests/gen_cases.py) against the runtime. Every mismatch is listed at the end.

use ingot_runtime::{self as rt, IntoValue, PyResult, Value};

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
        (Value::List(x), Value::List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        _ => a == b,
    }
}

struct A<'a>(&'a [Value]);

impl A<'_> {
    fn i(&self, k: usize) -> i64 {
        match &self.0[k] {
            Value::Int(i) => *i,
            v => panic!("arg {k}: not an int: {v:?}"),
        }
    }
    fn oi(&self, k: usize) -> Option<i64> {
        match &self.0[k] {
            Value::None => None,
            _ => Some(self.i(k)),
        }
    }
    fn f(&self, k: usize) -> f64 {
        match &self.0[k] {
            Value::Float(f) => *f,
            Value::Int(i) => *i as f64,
            v => panic!("arg {k}: not a float: {v:?}"),
        }
    }
    fn s(&self, k: usize) -> &str {
        match &self.0[k] {
            Value::Str(s) => s,
            v => panic!("arg {k}: not a str: {v:?}"),
        }
    }
    fn os(&self, k: usize) -> Option<&str> {
        match &self.0[k] {
            Value::None => None,
            _ => Some(self.s(k)),
        }
    }
    fn b(&self, k: usize) -> bool {
        matches!(self.0[k], Value::Bool(true))
    }
    fn c(&self, k: usize) -> char {
        self.s(k).chars().next().unwrap_or(' ')
    }
    fn vi(&self, k: usize) -> Vec<i64> {
        <Vec<i64> as rt::FromValue>::from_value(&self.0[k], "arg").expect("list of int")
    }
    fn vf(&self, k: usize) -> Vec<f64> {
        <Vec<f64> as rt::FromValue>::from_value(&self.0[k], "arg").expect("list of float")
    }
}

fn ok<T: IntoValue>(v: T) -> PyResult<Value> {
    Ok(v.into_value())
}

fn run(op: &str, a: &A) -> PyResult<Value> {
    use rt::{float, format, int, pystr as s};
    match op {
        "int.floordiv" => ok(int::floordiv(a.i(0), a.i(1))?),
        "int.mod" => ok(int::modulo(a.i(0), a.i(1))?),
        "int.truediv" => ok(int::truediv(a.i(0), a.i(1))?),
        "int.pow" => ok(int::pow(a.i(0), a.i(1))?),
        "int.parse" => ok(int::parse(a.s(0), a.i(1))?),
        "float.floordiv" => ok(float::floordiv(a.f(0), a.f(1))?),
        "float.mod" => ok(float::modulo(a.f(0), a.f(1))?),
        "float.truediv" => ok(float::truediv(a.f(0), a.f(1))?),
        "float.pow" => ok(float::pow(a.f(0), a.f(1))?),
        "float.round" => ok(float::round_even(a.f(0))?),
        "float.to_int" => ok(float::to_int(a.f(0))?),
        "float.round_ndigits" => ok(float::try_round_ndigits(a.f(0), a.i(1))?),
        "float.repr" => ok(float::repr(a.f(0))),
        "float.parse" => ok(float::parse(a.s(0))?),
        "str.slice" => ok(s::slice(a.s(0), a.oi(1), a.oi(2), a.oi(3))?),
        "str.getitem" => ok(s::getitem(a.s(0), a.i(1))?),
        "str.len" => ok(s::len(a.s(0))),
        "str.find" => ok(s::find(a.s(0), a.s(1), a.oi(2), a.oi(3))),
        "str.rfind" => ok(s::rfind(a.s(0), a.s(1), a.oi(2), a.oi(3))),
        "str.count" => ok(s::count(a.s(0), a.s(1), a.oi(2), a.oi(3))),
        "str.index" => ok(s::index(a.s(0), a.s(1), a.oi(2), a.oi(3))?),
        "str.split" => ok(s::split(a.s(0), a.os(1), a.i(2))?),
        "str.rsplit" => ok(s::rsplit(a.s(0), a.os(1), a.i(2))?),
        "str.splitlines" => ok(s::splitlines(a.s(0), a.b(1))),
        "str.lower" => ok(s::lower(a.s(0))),
        "str.upper" => ok(s::upper(a.s(0))),
        "str.title" => ok(s::title(a.s(0))),
        "str.capitalize" => ok(s::capitalize(a.s(0))),
        "str.swapcase" => ok(s::swapcase(a.s(0))),
        "str.casefold" => ok(s::casefold(a.s(0))),
        "str.isupper" => ok(s::isupper(a.s(0))),
        "str.islower" => ok(s::islower(a.s(0))),
        "str.istitle" => ok(s::istitle(a.s(0))),
        "str.isalpha" => ok(s::isalpha(a.s(0))),
        "str.isdigit" => ok(s::isdigit(a.s(0))),
        "str.isnumeric" => ok(s::isnumeric(a.s(0))),
        "str.isalnum" => ok(s::isalnum(a.s(0))),
        "str.isspace" => ok(s::isspace(a.s(0))),
        "str.isdecimal" => ok(s::isdecimal(a.s(0))),
        "str.isprintable" => ok(s::isprintable(a.s(0))),
        "str.strip" => ok(s::strip(a.s(0), a.os(1))),
        "str.lstrip" => ok(s::lstrip(a.s(0), a.os(1))),
        "str.rstrip" => ok(s::rstrip(a.s(0), a.os(1))),
        "str.replace" => ok(s::replace(a.s(0), a.s(1), a.s(2), a.i(3))),
        "str.zfill" => ok(s::zfill(a.s(0), a.i(1))),
        "str.center" => ok(s::center(a.s(0), a.i(1), a.c(2))),
        "str.ljust" => ok(s::ljust(a.s(0), a.i(1), a.c(2))),
        "str.rjust" => ok(s::rjust(a.s(0), a.i(1), a.c(2))),
        "str.partition" => ok(s::partition(a.s(0), a.s(1))?),
        "str.rpartition" => ok(s::rpartition(a.s(0), a.s(1))?),
        "str.expandtabs" => ok(s::expandtabs(a.s(0), a.i(1))),
        "str.repr" => ok(rt::repr::str_repr(a.s(0))),
        "format.int" => ok(format::format_int(a.i(0), a.s(1))?),
        "format.float" => ok(format::format_float(a.f(0), a.s(1))?),
        "format.str" => ok(format::format_str(a.s(0), a.s(1))?),
        "format.bool" => ok(format::format_bool(a.b(0), a.s(1))?),
        "cmp.int_float" => {
            let (i, f) = (a.i(0), a.f(1));
            ok(vec![
                rt::cmp::lt_int_float(i, f),
                rt::cmp::le_int_float(i, f),
                rt::cmp::eq_int_float(i, f),
                rt::cmp::gt_int_float(i, f),
                rt::cmp::ge_int_float(i, f),
            ])
        }
        "range" => ok(rt::builtins::range(a.i(0), a.i(1), a.i(2))?.collect::<Vec<_>>()),
        "list.slice" => ok(rt::list::slice(&a.vi(0), a.oi(1), a.oi(2), a.oi(3))?),
        "max" => ok(rt::builtins::max(&a.vf(0))?),
        "min" => ok(rt::builtins::min(&a.vf(0))?),
        _ => panic!("unknown op {op}"),
    }
}

#[test]
fn runtime_matches_cpython() {
    let text = include_str!("cases.jsonl");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        count += 1;
        let rec = Value::parse_json(line).unwrap_or_else(|e| panic!("bad case line {line}: {e}"));
        let Value::Dict(fields) = rec else { panic!("case is not an object: {line}") };
        let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let Some(Value::Str(op)) = get("op") else { panic!("no op: {line}") };
        let Some(Value::List(args)) = get("args") else { panic!("no args: {line}") };
        let got = run(&op, &A(&args));
        let ok = match (&got, get("out"), get("err")) {
            (Ok(v), Some(want), None) => same(v, &want),
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
    assert!(count > 1000, "too few cases: {count}");
    assert!(failures.is_empty(), "{} of {count} cases differ from CPython:\n{}", failures.len(), failures.join("\n"));
}
