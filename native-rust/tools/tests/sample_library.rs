//! End-to-end tests of the runtime's ABI helpers and the tools: build the sample
//! fixture crate (tests/fixtures/sample, shaped like a generated crate) into the
//! shared target dir, then drive it through ingot-runner and directly via dlopen.

use std::ffi::{c_char, CStr, CString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample")
}

fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR").or_else(|| std::env::var_os("INGOT_CARGO_TARGET_DIR")) {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").expect("HOME is set");
    Path::new(&home).join(".cache/ingot/target")
}

/// Copies the fixture crate into the target dir, the way `ingot compile` lays out a generated crate:
/// the runtime by absolute path and the workspace's pinned Cargo.lock beside it. Building in place
/// would make cargo write a Cargo.lock into the source tree.
fn staged_fixture() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(stage_fixture)
}

fn stage_fixture() -> PathBuf {
    let dir = target_dir().join("ingot-fixtures").join("sample");
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime").canonicalize().expect("the runtime crate exists");
    copy_tree(&fixture_dir(), &dir);
    let manifest = std::fs::read_to_string(fixture_dir().join("Cargo.toml")).expect("fixture Cargo.toml");
    let runtime_dep = format!("path = {:?}", runtime.to_str().expect("utf-8 path"));
    std::fs::write(dir.join("Cargo.toml"), manifest.replace(r#"path = "../../../../runtime""#, &runtime_dep)).expect("write Cargo.toml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create fixture copy");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// Builds the fixture once per test process and returns the cdylib's path.
fn sample_lib() -> &'static Path {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let manifest = staged_fixture().join("Cargo.toml");
        let status = Command::new(cargo)
            .args(["build", "--release", "--quiet", "--manifest-path"])
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", target_dir())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the sample fixture failed");
        let name = format!("{}ingot_sample{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX);
        target_dir().join("release").join(name)
    })
}

fn runner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ingot-runner")).args(args).output().expect("runner runs")
}

fn call(function: &str, args: &str) -> (i32, String, String) {
    let lib = sample_lib().to_str().expect("utf-8 path");
    let out = runner(&[lib, function, args]);
    (
        out.status.code().expect("runner exited normally (not killed by a signal)"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_call_prints_the_result_json_last() {
    let (code, stdout, stderr) = call("fma", r#"{"x": 2, "y": 3.5, "z": 1}"#);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(stdout.lines().last(), Some("8.0"));
    let (code, stdout, _) = call("greet", r#"{"name": "Zoë"}"#);
    assert_eq!(code, 0);
    assert_eq!(stdout.trim_end(), r#""Hello, Zoë!""#);
    let (code, stdout, _) = call("stats", r#"{"xs": [1, 2.5, {"float": "inf"}]}"#);
    assert_eq!(code, 0);
    assert_eq!(stdout.trim_end(), r#"{"mean":{"float":"inf"},"max":{"float":"inf"}}"#);
}

#[test]
fn a_raised_exception_exits_1_with_the_python_message() {
    let (code, stdout, stderr) = call("fail", r#"{"msg": "bad input"}"#);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(stderr, "ValueError: bad input\n");
    let (code, _, stderr) = call("stats", r#"{"xs": []}"#);
    assert_eq!(code, 1);
    assert_eq!(stderr, "ZeroDivisionError: float division by zero\n");
}

#[test]
fn a_panic_is_caught_and_reported_in_one_line() {
    for (args, msg) in [(r#"{"n": 3}"#, "panic: boom 3\n"), (r#"{"n": -1}"#, "panic: index out of bounds: the len is 0 but the index is 0\n")] {
        let (code, _, stderr) = call("boom", args);
        assert_eq!(code, 1, "a panic must not abort the process");
        assert_eq!(stderr, msg, "no panic-hook spew or backtrace on stderr");
    }
}

#[test]
fn bad_arguments_and_unknown_functions_exit_3() {
    let cases = [
        ("fma", r#"{"x": "a", "y": 1, "z": 1}"#, "TypeError: argument 'x': expected float, got str"),
        ("fma", r#"{"x": 1, "y": 2}"#, "TypeError: fma() missing required argument: 'z'"),
        ("fma", r#"{"x": 1, "y": 2, "z": 3, "w": 4}"#, "TypeError: fma() got an unexpected keyword argument 'w'"),
        ("fma", "[1, 2, 3]", "arguments must be a JSON object, got list"),
        ("fma", "{", "arguments: invalid value JSON at char 1: expected a string key"),
        ("nope", "{}", "unknown function 'nope'"),
    ];
    for (function, args, msg) in cases {
        let (code, _, stderr) = call(function, args);
        assert_eq!(code, 3, "{function} {args}");
        assert_eq!(stderr.trim_end(), msg);
    }
}

#[test]
fn load_failures_exit_4_and_usage_errors_exit_2() {
    let out = runner(&["/no/such/libingot_x.so", "f", "{}"]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    let out = runner(&["only-one-arg"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_symbols_are_found_from_the_file_name_and_a_renamed_library_is_explained() {
    // The symbol prefix is the library name: the same file under another name has no `<name>_abi_version`.
    let dir = target_dir().join("ingot-tools-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let renamed = dir.join(format!("{}renamed_{}{}", std::env::consts::DLL_PREFIX, std::process::id(), std::env::consts::DLL_SUFFIX));
    std::fs::copy(sample_lib(), &renamed).expect("copy");
    let out = runner(&[renamed.to_str().expect("utf-8 path"), "fma", r#"{"x": 1, "y": 2, "z": 3}"#]);
    let _ = std::fs::remove_file(&renamed);
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("has no symbol renamed_{}_abi_version", std::process::id())), "{stderr}");
    assert!(stderr.contains("keep the file name it was built with"), "{stderr}");
}

#[test]
fn the_manifest_is_printed() {
    let out = runner(&["--manifest", sample_lib().to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with(r#"{"abi_version":2,"name":"sample","symbol_prefix":"ingot_sample_""#), "{text}");
}

#[test]
fn the_library_survives_a_panic_in_process_and_typed_entries_work() {
    type CallJson = unsafe extern "C" fn(*const c_char, *const c_char, *mut *mut c_char) -> i32;
    type LastError = unsafe extern "C" fn() -> *const c_char;
    type Free = unsafe extern "C" fn(*mut c_char);
    type Fma = unsafe extern "C" fn(f64, f64, f64, *mut f64) -> i32;
    type Greet = unsafe extern "C" fn(*const c_char, *const c_char, *mut *mut c_char) -> i32;

    // SAFETY: the fixture implements the ABI these types describe.
    unsafe {
        let lib = Box::leak(Box::new(libloading::Library::new(sample_lib()).expect("loads")));
        let call_json = *lib.get::<CallJson>(b"ingot_sample_call_json").expect("symbol");
        let last_error = *lib.get::<LastError>(b"ingot_sample_last_error").expect("symbol");
        let free = *lib.get::<Free>(b"ingot_sample_string_free").expect("symbol");
        let fma = *lib.get::<Fma>(b"ingot_sample_fn_fma").expect("symbol");
        let greet = *lib.get::<Greet>(b"ingot_sample_fn_greet").expect("symbol");
        let text = |p: *const c_char| CStr::from_ptr(p).to_string_lossy().into_owned();

        let mut out: *mut c_char = std::ptr::null_mut();
        let boom = CString::new("boom").unwrap();
        let args = CString::new(r#"{"n": 1}"#).unwrap();
        assert_eq!(call_json(boom.as_ptr(), args.as_ptr(), &mut out), 3);
        assert!(out.is_null(), "out-parameters are written only on success");
        assert_eq!(text(last_error()), "panic: boom 1");

        // Same thread, after the panic: everything still works and the error clears.
        let mut r = 0.0;
        assert_eq!(fma(2.0, 3.0, 4.0, &mut r), 0);
        assert_eq!(r, 10.0);
        assert!(last_error().is_null());
        assert_eq!(fma(2.0, 3.0, 4.0, std::ptr::null_mut()), 2);
        assert_eq!(text(last_error()), "output pointer is null");

        let name = CString::new("Ada").unwrap();
        let punct = CString::new("?").unwrap();
        assert_eq!(greet(name.as_ptr(), punct.as_ptr(), &mut out), 0);
        assert_eq!(text(out), "Hello, Ada?");
        free(out);
        out = std::ptr::null_mut();
        assert_eq!(greet(std::ptr::null(), punct.as_ptr(), &mut out), 2);
        assert_eq!(text(last_error()), "argument 'name' is null");
        let bad = [0xffu8 as c_char, 0];
        assert_eq!(greet(bad.as_ptr(), punct.as_ptr(), &mut out), 2);
        assert_eq!(text(last_error()), "argument 'name' is not valid UTF-8");
        assert!(out.is_null());
    }
}

#[test]
fn the_sample_cdylib_is_small() {
    let size = std::fs::metadata(sample_lib()).expect("built").len();
    assert!(size <= 2 * 1024 * 1024, "stripped cdylib is {size} bytes");
}

#[test]
fn the_header_matches_the_checked_in_one() {
    let out_dir = target_dir().join("ingot-tools-tests");
    let out = out_dir.join(format!("ingot_sample_{}.h", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_ingot-header"))
        .arg(staged_fixture())
        .arg(&out)
        .env("CARGO_TARGET_DIR", target_dir())
        .status()
        .expect("ingot-header runs");
    assert!(status.success());
    let generated = std::fs::read_to_string(&out).expect("header written");
    let _ = std::fs::remove_file(&out);
    let expected_path = fixture_dir().join("include/ingot_sample.h");
    if std::env::var_os("INGOT_BLESS").is_some() {
        std::fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
        std::fs::write(&expected_path, &generated).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).expect("checked-in header (INGOT_BLESS=1 writes it)");
    assert_eq!(generated, expected, "header drifted; rerun with INGOT_BLESS=1 if intended");
    for needle in ["#ifndef INGOT_SAMPLE_H", "int32_t ingot_sample_call_json(", "int32_t ingot_sample_fn_fma(double x, double y, double z, double *out);", "uint32_t ingot_sample_abi_version(void);"] {
        assert!(generated.contains(needle), "missing {needle:?} in:\n{generated}");
    }
}
