//! Behaviour of the runtime's public API that tests/cases.jsonl does not reach:
//! overflow, errors and their messages, repr of containers, value JSON and the
//! ABI helpers. Expected strings were checked against CPython 3.11.

use ingot_runtime::abi::{self, Args, CallError};
use ingot_runtime::{self as rt, Dict, ErrKind, FloatKey, FromValue, IntoValue, PyErr, PyRepr, Set, Value};

fn err_text<T: std::fmt::Debug>(r: rt::PyResult<T>) -> String {
    r.expect_err("expected an exception").to_string()
}

#[test]
fn int_overflow_raises_instead_of_wrapping() {
    let ovf = "OverflowError: integer overflow: result does not fit in 64 bits";
    assert_eq!(err_text(rt::int::add(i64::MAX, 1)), ovf);
    assert_eq!(err_text(rt::int::sub(i64::MIN, 1)), ovf);
    assert_eq!(err_text(rt::int::mul(1 << 32, 1 << 31)), ovf);
    assert_eq!(err_text(rt::int::neg(i64::MIN)), ovf);
    assert_eq!(err_text(rt::int::abs(i64::MIN)), ovf);
    assert_eq!(err_text(rt::int::floordiv(i64::MIN, -1)), ovf);
    assert_eq!(err_text(rt::int::pow(3, 40)), ovf);
    assert_eq!(err_text(rt::int::lshift(1, 63)), ovf);
    assert_eq!(err_text(rt::builtins::sum_int(&[i64::MAX, 1], 0)), ovf);
    assert_eq!(rt::int::lshift(-1, 63), Ok(i64::MIN));
    assert_eq!(rt::int::modulo(i64::MIN, -1), Ok(0));
    assert_eq!(rt::int::divmod(-7, 2), Ok((-4, 1)));
    assert_eq!(rt::int::divmod(7, -2), Ok((-4, -1)));
    assert_eq!(rt::int::rshift(-1, 100), Ok(-1));
    assert_eq!(err_text(rt::int::divmod(1, 0)), "ZeroDivisionError: integer division or modulo by zero");
    assert_eq!(err_text(rt::int::pow(2, -1)).split(':').next(), Some("ValueError"));
}

#[test]
fn errors_display_like_the_last_traceback_line() {
    assert_eq!(PyErr::value_error("bad").to_string(), "ValueError: bad");
    assert_eq!(PyErr::assertion_error("").to_string(), "AssertionError");
    assert_eq!(PyErr::new(ErrKind::Exception, "x").to_string(), "Exception: x");
    assert_eq!(PyErr::key_error("x").to_string(), "KeyError: 'x'");
    assert_eq!(PyErr::key_error(&3i64).to_string(), "KeyError: 3");
    let d: Dict<String, i64> = Dict::default();
    assert_eq!(err_text(rt::dict::getitem(&d, &"it's".to_string())), "KeyError: \"it's\"");
    let mut d2: Dict<i64, i64> = Dict::default();
    assert_eq!(err_text(rt::dict::popitem(&mut d2)), "KeyError: 'popitem(): dictionary is empty'");
}

#[test]
fn repr_and_str_follow_python() {
    type Row = (Vec<Option<f64>>, (i64,), (String, bool));
    let mut d: Dict<String, Row> = Dict::default();
    d.insert("a".into(), (vec![Some(2.0), None], (1,), ("x".into(), true)));
    assert_eq!(d.py_repr(), "{'a': ([2.0, None], (1,), ('x', True))}");
    assert_eq!(Set::<i64>::default().py_repr(), "set()");
    // A set shows its items in CPython's table order: repr({3, 1}) is "{1, 3}".
    assert_eq!(rt::dict::set_from([3i64, 1]).py_repr(), "{1, 3}");
    assert_eq!("it's".py_repr(), "\"it's\"");
    assert_eq!("it's".py_str(), "it's");
    assert_eq!(vec!["a".to_string()].py_str(), "['a']");
    assert_eq!((1i64, 2.5f64).py_repr(), "(1, 2.5)");
    assert_eq!(().py_str(), "None");
    assert_eq!(FloatKey(-0.0).py_repr(), "-0.0");
    assert_eq!(rt::builtins::bin(-5), "-0b101");
    assert_eq!(rt::builtins::hex(i64::MIN), "-0x8000000000000000");
    assert_eq!(rt::builtins::oct(8), "0o10");
}

#[test]
fn containers_behave_like_python() {
    let mut xs = vec![1i64, 2, 3];
    rt::list::insert(&mut xs, -100, 0);
    rt::list::insert(&mut xs, 100, 9);
    assert_eq!(xs, [0, 1, 2, 3, 9]);
    assert_eq!(rt::list::pop(&mut xs, -1), Ok(9));
    assert_eq!(err_text(rt::list::pop(&mut xs, 10)), "IndexError: pop index out of range");
    assert_eq!(err_text(rt::list::pop(&mut Vec::<i64>::new(), -1)), "IndexError: pop from empty list");
    assert_eq!(err_text(rt::list::getitem(&xs, 4)), "IndexError: list index out of range");
    assert_eq!(err_text(rt::list::index(&xs, &7)), "ValueError: 7 is not in list");
    assert_eq!(err_text(rt::list::remove(&mut xs, &7)), "ValueError: list.remove(x): x not in list");
    rt::list::setslice(&mut xs, Some(1), Some(3), None, vec![7, 7, 7]).unwrap();
    assert_eq!(xs, [0, 7, 7, 7, 3]);

    // Stable sorts, also in reverse, with a key computed once per item.
    let pairs = vec![(1i64, "b"), (0, "z"), (1, "a")];
    let sorted = rt::builtins::sorted_by_key(pairs.clone(), |p| Ok(p.0), true).unwrap();
    assert_eq!(sorted, [(1, "b"), (1, "a"), (0, "z")]);
    let failing = rt::builtins::sorted_by_key(pairs, |p| if p.0 == 0 { Err(PyErr::value_error("no")) } else { Ok(p.0) }, false);
    assert_eq!(err_text(failing), "ValueError: no");
    assert_eq!(rt::builtins::sorted(vec![2.0, f64::NAN, -1.0, 0.0, -0.0], false).unwrap().py_repr(), "[-1.0, 0.0, -0.0, 2.0, nan]");
    assert_eq!(err_text(rt::builtins::max::<i64>(&[])), "ValueError: max() arg is an empty sequence");
    assert_eq!(rt::builtins::max_by_key(&["aa", "b", "cc"], |s| Ok(s.len() as i64)), Ok("aa"));

    let mut d: Dict<String, i64> = Dict::default();
    d.insert("x".into(), 1);
    d.insert("y".into(), 2);
    assert_eq!(rt::dict::setdefault(&mut d, "x".into(), 5), 1);
    assert_eq!(rt::dict::pop(&mut d, &"x".into()), Ok(1));
    d.insert("x".into(), 3);
    assert_eq!(rt::dict::keys(&d), ["y", "x"]);

    let mut fs: Set<FloatKey> = Set::default();
    fs.insert(FloatKey(0.0));
    fs.insert(FloatKey(-0.0));
    assert_eq!(fs.len(), 1);
    assert_eq!(err_text(rt::builtins::range(0, 1, 0)), "ValueError: range() arg 3 must not be zero");
    assert_eq!(rt::builtins::range(i64::MAX - 1, i64::MAX, 5).unwrap().collect::<Vec<_>>(), [i64::MAX - 1]);
}

#[test]
fn value_json_round_trips_and_keeps_floats_floats() {
    let v = Value::parse_json(r#"{"a": [1, 1.0, -0.0, 1e16, 1.5e-7, {"float": "nan"}, {"float": "-inf"}], "b": {"bytes": "aGk="}, "c": null, "d": "é\n\"", "e": true}"#).unwrap();
    assert_eq!(
        v.to_json(),
        r#"{"a":[1,1.0,-0.0,1e+16,1.5e-07,{"float":"nan"},{"float":"-inf"}],"b":{"bytes":"aGk="},"c":null,"d":"é\n\"","e":true}"#
    );
    assert_eq!(Value::parse_json(&v.to_json()).unwrap().to_json(), v.to_json());
    assert_eq!(Value::Str("é".into()).to_python_json(), r#""\u00e9""#);
    let nd = Value::parse_json(r#"{"ndarray": {"dtype": "float32", "shape": [2, 2], "data": [1, 2.5, 3, 4]}}"#).unwrap();
    assert_eq!(nd.to_json(), r#"{"ndarray":{"dtype":"float32","shape":[2,2],"data":[1.0,2.5,3.0,4.0]}}"#);
    assert!(Value::parse_json(r#"{"ndarray": {"dtype": "float32", "shape": [3], "data": [1]}}"#).is_err());
    assert_eq!(err_text(Value::parse_json("99999999999999999999")).split(':').next(), Some("OverflowError"));
    assert!(Value::parse_json(&"[".repeat(10_000)).is_err(), "deep nesting is an error, not a stack overflow");
    for bad in ["", "[1,]", "01", "1.", "\"\\ud800\"", "{\"a\" 1}", "nul", "[1] x"] {
        assert!(Value::parse_json(bad).is_err(), "{bad:?} should not parse");
    }
    assert_eq!(rt::value::base64_decode(&rt::value::base64_encode(b"\x00\xffab")).unwrap(), b"\x00\xffab");
}

#[test]
fn typed_values_convert_both_ways() {
    let set: Set<String> = ["b", "é", "a"].iter().map(|s| s.to_string()).collect();
    assert_eq!(set.into_value().to_json(), r#"["é","a","b"]"#, "sorted by Python's json.dumps text");
    let mut d: Dict<i64, Vec<(String, f64)>> = Dict::default();
    d.insert(2, vec![("x".into(), 1.0)]);
    let json = d.clone().into_value().to_json();
    assert_eq!(json, r#"{"2":[["x",1.0]]}"#);
    let back = Dict::<i64, Vec<(String, f64)>>::from_value(&Value::parse_json(&json).unwrap(), "argument 'd'").unwrap();
    assert_eq!(back, d);
    let tuple_keys: Dict<(i64, bool), i64> = [((1, true), 5)].into_iter().collect();
    assert_eq!(tuple_keys.into_value().to_json(), r#"{"[1, true]":5}"#);

    let v = Value::parse_json(r#"[1, "x"]"#).unwrap();
    assert_eq!(err_text(Vec::<f64>::from_value(&v, "argument 'xs'")), "TypeError: argument 'xs'[1]: expected float, got str");
    assert_eq!(err_text(bool::from_value(&Value::Int(1), "argument 'b'")), "TypeError: argument 'b': expected bool, got int");
    assert_eq!(f64::from_value(&Value::Int(3), "x"), Ok(3.0));
    assert_eq!(Option::<i64>::from_value(&Value::None, "x"), Ok(None));
    assert!(<(i64, i64)>::from_value(&v, "t").is_err());
    let bad_key = Value::parse_json(r#"{"one": 1}"#).unwrap();
    assert!(Dict::<i64, i64>::from_value(&bad_key, "argument 'd'").is_err());
}

#[test]
fn args_take_finish_and_missing() {
    let mut args = Args::parse(r#"{"x": 1, "y": [1.5], "w": 0}"#).unwrap();
    assert_eq!(args.take::<f64>("x").unwrap(), Some(1.0));
    assert_eq!(args.take::<Vec<f64>>("y").unwrap(), Some(vec![1.5]));
    assert_eq!(args.take::<f64>("z").unwrap(), None);
    assert_eq!(
        args.finish("fma"),
        Err(CallError::InvalidArgument("TypeError: fma() got an unexpected keyword argument 'w'".into()))
    );
    assert_eq!(abi::missing("fma", "x").message(), "TypeError: fma() missing required argument: 'x'");
    let mut args = Args::parse(r#"{"x": "s"}"#).unwrap();
    assert_eq!(args.take::<i64>("x").unwrap_err().status(), abi::INVALID_ARGUMENT);
    assert!(Args::parse("[]").is_err());
}

#[test]
fn guard_maps_outcomes_to_status_codes() {
    assert_eq!(abi::guard(|| Ok(())), abi::OK);
    assert!(abi::last_error_ptr().is_null());
    assert_eq!(abi::guard(|| Err(PyErr::key_error("k").into())), abi::RAISED);
    let last = || unsafe { std::ffi::CStr::from_ptr(abi::last_error_ptr()) }.to_str().unwrap().to_string();
    assert_eq!(last(), "KeyError: 'k'");
    assert_eq!(abi::guard(|| Err(CallError::UnknownFunction("f".into()))), abi::UNKNOWN_FUNCTION);
    assert_eq!(last(), "unknown function 'f'");
    assert_eq!(abi::guard(|| panic!("oh {}", 1)), abi::PANIC);
    assert_eq!(last(), "panic: oh 1");
    // Nested guards and a later success clear the error.
    assert_eq!(abi::guard(|| { assert_eq!(abi::guard(|| panic!("inner")), abi::PANIC); Ok(()) }), abi::OK);
    assert!(abi::last_error_ptr().is_null());

    let mut out: *mut std::ffi::c_char = std::ptr::null_mut();
    let f = std::ffi::CString::new("echo").unwrap();
    let a = std::ffi::CString::new(r#"{"v": [1, 2.0]}"#).unwrap();
    fn dispatch(name: &str, mut args: Args) -> Result<Value, CallError> {
        match name {
            "echo" => {
                let v: Vec<f64> = args.require("echo", "v")?;
                args.finish("echo")?;
                Ok(v.into_value())
            }
            _ => Err(CallError::UnknownFunction(name.into())),
        }
    }
    let status = unsafe { abi::call_json(f.as_ptr(), a.as_ptr(), &mut out, dispatch) };
    assert_eq!(status, abi::OK);
    assert_eq!(unsafe { std::ffi::CStr::from_ptr(out) }.to_str().unwrap(), "[1.0,2.0]");
    unsafe { abi::string_free(out) };
    let status = unsafe { abi::call_json(std::ptr::null(), a.as_ptr(), &mut out, dispatch) };
    assert_eq!(status, abi::INVALID_ARGUMENT);
    assert_eq!(last(), "argument 'function' is null");
}

#[test]
fn float_helpers() {
    assert_eq!(rt::float::round_ndigits(2.675, 2), 2.67);
    assert_eq!(rt::float::round_ndigits(1e300, -299), 1e300);
    assert_eq!(rt::float::round_ndigits(1.7976931348623157e308, -308), f64::INFINITY);
    assert_eq!(err_text(rt::float::try_round_ndigits(1.7976931348623157e308, -308)), "OverflowError: rounded value too large to represent");
    assert_eq!(err_text(rt::float::round_even(f64::NAN)), "ValueError: cannot convert float NaN to integer");
    assert_eq!(err_text(rt::float::to_int(f64::NEG_INFINITY)), "OverflowError: cannot convert float infinity to integer");
    assert_eq!(err_text(rt::float::pow(-8.0, 1.0 / 3.0)).split(':').next(), Some("ValueError"));
    assert_eq!(err_text(rt::float::pow(10.0, 400.0)), "OverflowError: (34, 'Numerical result out of range')");
    assert_eq!(rt::cmp::cmp_int_float(i64::MAX, 2f64.powi(63)), Some(std::cmp::Ordering::Less));
    assert_eq!(rt::pystr::chr(0x1F600), Ok("😀".to_string()));
    assert_eq!(err_text(rt::pystr::chr(0x110000)), "ValueError: chr() arg not in range(0x110000)");
    assert_eq!(err_text(rt::pystr::ord("ab")), "TypeError: ord() expected a character, but string of length 2 found");
    assert_eq!(rt::format::format_display(&vec![1i64], ">6"), Ok("   [1]".to_string()));
}
