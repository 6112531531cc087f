//! ingot-runner: load a compiled Ingot library and call one function through its
//! C ABI, as any generic loader would.
//!
//!   ingot-runner LIB_PATH FUNCTION ARGS_JSON   -> result value JSON on stdout
//!   ingot-runner --resource-dir DIR LIB_PATH FUNCTION ARGS_JSON
//!                                              -> the same, with the model files taken from DIR
//!   ingot-runner --manifest LIB_PATH           -> the library's manifest JSON
//!   ingot-runner --stream [--take N] LIB_PATH FUNCTION ARGS_JSON
//!                                              -> a generator function as a stream: each item's
//!                                                 value JSON on its own line as soon as it is
//!                                                 produced; with --take, the stream is abandoned
//!                                                 (freed) after N items
//!
//! Arguments are passed to the library as the bytes given (on Unix), so invalid UTF-8
//! reaches the ABI, which must reject it.
//!
//! Every symbol of a library starts with its symbol prefix, the library name and an
//! underscore (`libingot_fma.so` exports `ingot_fma_call_json`; docs/contracts.md, "The C
//! ABI"), so the runner finds the entry points from the file name alone, as a generic
//! loader in any language can.
//!
//! Exit codes: 0 ok; 1 the function raised or panicked (status 1 or 3); 2 usage;
//! 3 invalid argument or unknown function (status 2 or 4); 4 the library could
//! not be loaded or speaks another ABI version. Errors are one line on stderr.

use libloading::Library;
use std::ffi::{c_char, CStr, CString};
use std::process::ExitCode;

const ABI_VERSION: u32 = 2;

type AbiVersionFn = unsafe extern "C" fn() -> u32;
type ManifestFn = unsafe extern "C" fn() -> *const c_char;
type CallJsonFn = unsafe extern "C" fn(*const c_char, *const c_char, *mut *mut c_char) -> i32;
type LastErrorFn = unsafe extern "C" fn() -> *const c_char;
type SetResourceDirFn = unsafe extern "C" fn(*const c_char) -> i32;
type StringFreeFn = unsafe extern "C" fn(*mut c_char);
type StreamOpenJsonFn = unsafe extern "C" fn(*const c_char, *const c_char, *mut *mut Stream) -> i32;
type StreamNextJsonFn = unsafe extern "C" fn(*mut Stream, *mut *mut c_char) -> i32;
type StreamFreeFn = unsafe extern "C" fn(*mut Stream);

/// The library's opaque `<prefix>stream`.
#[repr(C)]
struct Stream {
    _opaque: [u8; 0],
}

/// `<prefix>stream_next_*`: the generator has returned.
const STREAM_DONE: i32 = 5;

struct Failure {
    code: u8,
    msg: String,
}

fn fail(code: u8, msg: impl Into<String>) -> Failure {
    Failure { code, msg: msg.into() }
}

/// The loaded library and its entry points.
struct Lib {
    /// What every symbol of the library starts with (`ingot_fma_`).
    prefix: String,
    manifest: ManifestFn,
    call_json: CallJsonFn,
    last_error: LastErrorFn,
    string_free: StringFreeFn,
    // Kept loaded for the process lifetime; never unloaded (thread-local
    // destructors in the library may still be registered at exit).
    handle: &'static Library,
}

fn symbol<T: Copy>(lib: &'static Library, name: &str) -> Result<T, Failure> {
    // SAFETY: the symbol types above are the ABI of docs/contracts.md.
    unsafe { lib.get::<T>(name.as_bytes()) }
        .map(|s| *s)
        .map_err(|e| fail(4, format!("missing symbol {name}: {e}")))
}

/// The symbol prefix of the library at `path`: its library name (the file name without
/// the platform's `lib` prefix and its extension) and an underscore.
fn symbol_prefix(path: &str) -> String {
    let file = std::path::Path::new(path).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    // A library name is a Rust identifier, so the first dot starts the extension (`.so`, `.so.1`, `.dylib`, `.dll`).
    let stem = file.split('.').next().unwrap_or_default();
    let name = stem.strip_prefix(std::env::consts::DLL_PREFIX).filter(|n| !n.is_empty()).unwrap_or(stem);
    format!("{name}_")
}

/// Loads the library for the process lifetime (thread-local destructors in it may
/// still be registered at exit, so it is never unloaded).
fn open_library(path: &str) -> Result<&'static Library, Failure> {
    // SAFETY: loading runs the library's initialisers; an Ingot library has none
    // beyond Rust's own.
    let lib = unsafe { Library::new(path) }.map_err(|e| fail(4, format!("cannot load {path}: {e}")))?;
    Ok(Box::leak(Box::new(lib)))
}

fn load(path: &str) -> Result<Lib, Failure> {
    let lib = open_library(path)?;
    let prefix = symbol_prefix(path);
    let Ok(version) = symbol::<AbiVersionFn>(lib, &format!("{prefix}abi_version")) else {
        // A library of ABI version 1 exported unprefixed names; say so rather than "missing symbol".
        if let Ok(old) = symbol::<AbiVersionFn>(lib, "ingot_abi_version") {
            // SAFETY: a no-argument function returning u32.
            let v = unsafe { old() };
            return Err(fail(4, format!("{path} speaks ABI version {v}, this runner speaks {ABI_VERSION}; recompile it")));
        }
        return Err(fail(
            4,
            format!(
                "{path} has no symbol {prefix}abi_version: an Ingot library's symbols start with its library name (libNAME exports NAME_*), so keep the file name it was built with"
            ),
        ));
    };
    // SAFETY: a no-argument function returning u32.
    let v = unsafe { version() };
    if v != ABI_VERSION {
        return Err(fail(4, format!("{path} speaks ABI version {v}, this runner speaks {ABI_VERSION}")));
    }
    Ok(Lib {
        manifest: symbol(lib, &format!("{prefix}manifest"))?,
        call_json: symbol(lib, &format!("{prefix}call_json"))?,
        last_error: symbol(lib, &format!("{prefix}last_error"))?,
        string_free: symbol(lib, &format!("{prefix}string_free"))?,
        prefix,
        handle: lib,
    })
}

fn c_text(p: *const c_char) -> Option<String> {
    // SAFETY: the library hands out NUL-terminated strings or NULL.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

fn one_line(s: &str) -> String {
    s.replace('\n', "\\n")
}

fn call(lib: &Lib, function: &str, args: Vec<u8>) -> Result<String, Failure> {
    let f = CString::new(function).map_err(|_| fail(3, "function name contains a NUL byte"))?;
    let a = CString::new(args).map_err(|_| fail(3, "arguments contain a NUL byte"))?;
    let mut out: *mut c_char = std::ptr::null_mut();
    // SAFETY: valid C strings and a valid out-pointer, per the ABI.
    let status = unsafe { (lib.call_json)(f.as_ptr(), a.as_ptr(), &mut out) };
    // SAFETY: no arguments; returns NULL or a thread-local string.
    let err = || c_text(unsafe { (lib.last_error)() }).unwrap_or_else(|| format!("status {status}"));
    match status {
        0 => {
            let text = c_text(out).ok_or_else(|| fail(1, "library returned status 0 but no result"))?;
            // SAFETY: `out` came from this library and is freed once.
            unsafe { (lib.string_free)(out) };
            Ok(text)
        }
        1 | 3 => Err(fail(1, one_line(&err()))),
        2 | 4 => Err(fail(3, one_line(&err()))),
        other => Err(fail(1, format!("unexpected status {other}: {}", one_line(&err())))),
    }
}

/// An argument's bytes: raw on Unix (invalid UTF-8 included), lossy elsewhere.
fn bytes(a: &std::ffi::OsString) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        a.as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        a.to_string_lossy().into_owned().into_bytes()
    }
}

/// Runs a generator function through the stream ABI, printing each item as it comes.
fn stream(path: &str, function: &str, args: Vec<u8>, take: Option<usize>) -> Result<String, Failure> {
    use std::io::Write;
    let lib = load(path)?;
    let open: StreamOpenJsonFn = symbol(lib.handle, &format!("{}stream_open_json", lib.prefix))?;
    let next: StreamNextJsonFn = symbol(lib.handle, &format!("{}stream_next_json", lib.prefix))?;
    let free: StreamFreeFn = symbol(lib.handle, &format!("{}stream_free", lib.prefix))?;
    let f = CString::new(function).map_err(|_| fail(3, "function name contains a NUL byte"))?;
    let a = CString::new(args).map_err(|_| fail(3, "arguments contain a NUL byte"))?;
    // SAFETY: no arguments; returns NULL or a thread-local string.
    let err = |status: i32| c_text(unsafe { (lib.last_error)() }).unwrap_or_else(|| format!("status {status}"));
    let failure = |status: i32| match status {
        1 | 3 => fail(1, one_line(&err(status))),
        2 | 4 => fail(3, one_line(&err(status))),
        other => fail(1, format!("unexpected status {other}: {}", one_line(&err(other)))),
    };
    let mut s: *mut Stream = std::ptr::null_mut();
    // SAFETY: valid C strings and a valid out-pointer, per the ABI.
    let status = unsafe { open(f.as_ptr(), a.as_ptr(), &mut s) };
    if status != 0 {
        return Err(failure(status));
    }
    let mut stdout = std::io::stdout().lock();
    let mut count = 0usize;
    let outcome = loop {
        if take.is_some_and(|n| count >= n) {
            break Ok(());
        }
        let mut out: *mut c_char = std::ptr::null_mut();
        // SAFETY: a live stream and a valid out-pointer.
        match unsafe { next(s, &mut out) } {
            0 => {
                let text = c_text(out).unwrap_or_default();
                // SAFETY: `out` came from this library and is freed once.
                unsafe { (lib.string_free)(out) };
                let _ = writeln!(stdout, "{text}");
                let _ = stdout.flush();
                count += 1;
            }
            STREAM_DONE => break Ok(()),
            status => break Err(failure(status)),
        }
    };
    // SAFETY: the stream came from this library and is not used afterwards.
    unsafe { free(s) };
    outcome.map(|()| String::new())
}

fn set_resource_dir(lib: &Lib, dir: &str) -> Result<(), Failure> {
    let name = format!("{}set_resource_dir", lib.prefix);
    let set: SetResourceDirFn = symbol(lib.handle, &name)?;
    let d = CString::new(dir).map_err(|_| fail(2, "resource dir contains a NUL byte"))?;
    // SAFETY: a valid C string, per the ABI.
    match unsafe { set(d.as_ptr()) } {
        0 => Ok(()),
        s => Err(fail(3, format!("{name} failed with status {s}"))),
    }
}

fn run(argv: &[std::ffi::OsString]) -> Result<String, Failure> {
    let text: Vec<String> = argv.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    match text.as_slice() {
        [flag, path] if flag == "--manifest" => {
            let lib = load(path)?;
            // SAFETY: returns a static NUL-terminated string.
            c_text(unsafe { (lib.manifest)() }).ok_or_else(|| fail(4, "library has no manifest"))
        }
        [flag, dir, path, function, _] if flag == "--resource-dir" => {
            let lib = load(path)?;
            set_resource_dir(&lib, dir)?;
            call(&lib, function, bytes(&argv[4]))
        }
        [path, function, _] => {
            let lib = load(path)?;
            call(&lib, function, bytes(&argv[2]))
        }
        [flag, path, function, _] if flag == "--stream" => stream(path, function, bytes(&argv[3]), None),
        [flag, take, n, path, function, _] if flag == "--stream" && take == "--take" => {
            let n = n.parse().map_err(|_| fail(2, format!("--take wants a count, got {n}")))?;
            stream(path, function, bytes(&argv[5]), Some(n))
        }
        _ => Err(fail(
            2,
            "usage: ingot-runner [--resource-dir DIR] LIB_PATH FUNCTION ARGS_JSON | ingot-runner --stream [--take N] LIB_PATH FUNCTION ARGS_JSON | ingot-runner --manifest LIB_PATH",
        )),
    }
}

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match run(&argv) {
        Ok(text) => {
            // A stream has printed its items already.
            if !text.is_empty() {
                println!("{text}");
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("{}", f.msg);
            ExitCode::from(f.code)
        }
    }
}
