//! The native side of the bindings benchmark. bench/bindings/run.mjs builds it once per compiled module (fma, matrix,
//! minilm: one cargo feature each), into a crate that links that compiled crate as an rlib, as the napi and uniffi crates
//! do. One module per binary, since each build's cases are one module's.
//!
//!   native CASE SAMPLES BATCH [LIB]
//!
//! Each sample times BATCH calls and records ns per call; a few unrecorded batches warm up first.
//! Prints one JSON line: {"case", "samples": [ns per call, ...]}.
//!
//! Cases: `*-direct` call the Rust function (what every binding calls), taking a float matrix out as a flat Vec<f32>
//! the way the bindings do (`rt::IntoF32Array`); `fma-cabi` calls the typed C symbol `ingot_fma_fn_fma`, and `*-json` the
//! generic `<prefix>call_json` entry (value JSON in and out), both through libloading on the compiled cdylib LIB, whose
//! symbol prefix is its library name and `_` (docs/contracts.md, "The C ABI").

// Each build has one module's cases; the others' helpers go unused.
#![allow(unused)]

use std::ffi::{c_char, CStr, CString};
use std::hint::black_box;
use std::time::Instant;

use ingot_runtime::IntoF32Array;

type CallJson = unsafe extern "C" fn(*const c_char, *const c_char, *mut *mut c_char) -> i32;
type StringFree = unsafe extern "C" fn(*mut c_char);
type FmaFn = unsafe extern "C" fn(f64, f64, f64, *mut f64) -> i32;

/// The first 32 lines of bench/models/sentences.txt (its path in $INGOT_BENCH_SENTENCES).
fn texts() -> Vec<String> {
    let path = std::env::var("INGOT_BENCH_SENTENCES").expect("INGOT_BENCH_SENTENCES");
    std::fs::read_to_string(&path).expect("sentences file").lines().filter(|l| !l.is_empty()).take(32).map(String::from).collect()
}

/// Times `batch` calls of `f` per sample.
fn run(samples: usize, batch: usize, mut f: impl FnMut(usize)) -> Vec<f64> {
    let warm = if batch == 1 { 2 } else { 3 };
    for _ in 0..warm {
        for i in 0..batch {
            f(i);
        }
    }
    (0..samples)
        .map(|_| {
            let t0 = Instant::now();
            for i in 0..batch {
                f(i);
            }
            t0.elapsed().as_nanos() as f64 / batch as f64
        })
        .collect()
}

struct CAbi {
    _lib: libloading::Library,
    call_json: CallJson,
    string_free: StringFree,
}

/// The symbol prefix of a compiled library: its file name without `lib` and the extension, then `_`.
fn symbol_prefix(path: &str) -> String {
    let file = std::path::Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
    let stem = file.split('.').next().unwrap();
    format!("{}_", stem.strip_prefix(std::env::consts::DLL_PREFIX).unwrap_or(stem))
}

impl CAbi {
    fn open(path: &str) -> CAbi {
        let p = symbol_prefix(path);
        unsafe {
            let lib = libloading::Library::new(path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let call_json = *lib.get::<CallJson>(format!("{p}call_json").as_bytes()).unwrap();
            let string_free = *lib.get::<StringFree>(format!("{p}string_free").as_bytes()).unwrap();
            CAbi { _lib: lib, call_json, string_free }
        }
    }

    /// One `<prefix>call_json` call; the result text is read (its length) and freed, as a caller would.
    fn call(&self, function: &CStr, args: &CStr) -> usize {
        let mut out: *mut c_char = std::ptr::null_mut();
        let status = unsafe { (self.call_json)(function.as_ptr(), args.as_ptr(), &mut out) };
        assert_eq!(status, 0, "call_json({function:?}) failed");
        let n = unsafe { CStr::from_ptr(out) }.to_bytes().len();
        unsafe { (self.string_free)(out) };
        n
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let case = args[1].as_str();
    let samples: usize = args[2].parse().unwrap();
    let batch: usize = args[3].parse().unwrap();
    let lib = args.get(4).cloned().unwrap_or_default();
    let out = match case {
        #[cfg(feature = "fma")]
        "fma-direct" => run(samples, batch, |i| {
            black_box(fma::fma(black_box(i as f64 * 0.5), black_box(1.25), black_box(2.0)).unwrap());
        }),
        #[cfg(feature = "fma")]
        "fma-cabi" => {
            let l = unsafe { libloading::Library::new(&lib).unwrap() };
            let f = unsafe { *l.get::<FmaFn>(format!("{}fn_fma", symbol_prefix(&lib)).as_bytes()).unwrap() };
            run(samples, batch, |i| {
                let mut r = 0.0;
                assert_eq!(unsafe { f(black_box(i as f64 * 0.5), 1.25, 2.0, &mut r) }, 0);
                black_box(r);
            })
        }
        #[cfg(feature = "fma")]
        "fma-json" => {
            let abi = CAbi::open(&lib);
            let name = CString::new("fma").unwrap();
            let a = CString::new(r#"{"x": 3.5, "y": 1.25, "z": 2.0}"#).unwrap();
            run(samples, batch, |_| {
                black_box(abi.call(&name, &a));
            })
        }
        #[cfg(feature = "matrix")]
        "matrix-direct" => run(samples, batch, |_| {
            let (shape, data) = matrix::matrix().unwrap().into_f32_array().unwrap();
            assert_eq!(data.len(), 32 * 384);
            black_box((shape, data));
        }),
        #[cfg(feature = "matrix")]
        "matrix-json" => {
            let abi = CAbi::open(&lib);
            let name = CString::new("matrix").unwrap();
            let a = CString::new("{}").unwrap();
            run(samples, batch, |_| {
                black_box(abi.call(&name, &a));
            })
        }
        #[cfg(feature = "minilm")]
        "minilm-direct" => {
            let t = texts();
            run(samples, batch, |_| {
                let (shape, data) = minilm::embed(t.clone()).unwrap().into_f32_array().unwrap();
                assert_eq!(shape, vec![32, 384]);
                black_box(data);
            })
        }
        #[cfg(feature = "minilm")]
        "minilm-json" => {
            let abi = CAbi::open(&lib);
            let name = CString::new("embed").unwrap();
            let json = format!(
                "{{\"texts\": [{}]}}",
                texts().iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ")
            );
            let a = CString::new(json).unwrap();
            run(samples, batch, |_| {
                black_box(abi.call(&name, &a));
            })
        }
        other => panic!("unknown case {other}"),
    };
    println!(
        "{{\"case\": {case:?}, \"samples\": [{}]}}",
        out.iter().map(|x| format!("{x:.3}")).collect::<Vec<_>>().join(", ")
    );
}
