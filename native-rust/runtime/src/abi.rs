//! Helpers behind the C ABI of every generated crate. The generated `abi.rs` defines
//! the `#[no_mangle] extern "C"` functions (so cbindgen sees them) and each body is
//! one call into here: [`guard`] is the panic boundary and status mapping, the rest
//! decode C strings, write out-parameters and parse the JSON arguments.
//!
//! Status codes (see docs/contracts.md): 0 ok, 1 raised, 2 invalid argument,
//! 3 panic, 4 unknown function, 5 the stream has ended. The message of the last
//! failure is kept per thread.
//!
//! Generator functions are reached as streams ([`AbiStream`], opaque to C as
//! `<prefix>stream`): opened by name with JSON arguments or by a typed entry, advanced one
//! item per `<prefix>stream_next_*` call, and freed with `<prefix>stream_free`.
//!
//! Every exported name starts with the module's symbol prefix (`ingot_fma_`), which only
//! the generated code spells; the helpers here are the same for every module, so this
//! documentation writes `ingot_call_json` for `<prefix>call_json` and so on.

use crate::stream::Stream;
use crate::value::{FromValue, IntoValue, Value};
use crate::{PyErr, PyResult};
use std::cell::{Cell, RefCell};
use std::ffi::{c_char, CStr, CString};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

pub const OK: i32 = 0;
pub const RAISED: i32 = 1;
pub const INVALID_ARGUMENT: i32 = 2;
pub const PANIC: i32 = 3;
pub const UNKNOWN_FUNCTION: i32 = 4;
/// `ingot_stream_next_*`: the generator returned; no item was written.
pub const DONE: i32 = 5;

/// Why a call through the ABI failed.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// The Python function raised: status 1, message `Kind: msg`.
    Raised(PyErr),
    /// Bad JSON, wrong type, null pointer, invalid UTF-8: status 2.
    InvalidArgument(String),
    /// `ingot_call_json` was given a name the library does not export: status 4.
    UnknownFunction(String),
    /// `ingot_stream_open_json` was given a name that is not a generator function: status 4.
    UnknownStream(String),
}

impl From<PyErr> for CallError {
    fn from(e: PyErr) -> Self {
        CallError::Raised(e)
    }
}

impl CallError {
    pub fn status(&self) -> i32 {
        match self {
            CallError::Raised(_) => RAISED,
            CallError::InvalidArgument(_) => INVALID_ARGUMENT,
            CallError::UnknownFunction(_) | CallError::UnknownStream(_) => UNKNOWN_FUNCTION,
        }
    }

    pub fn message(&self) -> String {
        match self {
            CallError::Raised(e) => e.to_string(),
            CallError::InvalidArgument(m) => m.clone(),
            CallError::UnknownFunction(name) => format!("unknown function '{name}'"),
            CallError::UnknownStream(name) => format!("no generator function named '{name}'"),
        }
    }
}

/// An argument that could not be converted is the caller's fault (status 2);
/// keep the Python-style message (`TypeError: argument 'x': expected ...`).
fn invalid(e: PyErr) -> CallError {
    CallError::InvalidArgument(e.to_string())
}

thread_local! {
    static LAST_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
    static GUARD_DEPTH: Cell<u32> = const { Cell::new(0) };
}

static HOOK: Once = Once::new();

/// Installs (once per process) a panic hook that stays silent while the panicking
/// thread is inside [`guard`] (the message is reported through the status instead)
/// and defers to the previous hook everywhere else.
fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARD_DEPTH.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

fn set_last_error(msg: String) {
    let c = CString::new(msg.replace('\0', "\\0")).unwrap_or_default();
    LAST_ERROR.with(|e| *e.borrow_mut() = Some(c));
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_string()
    }
}

/// Runs `f` behind a panic boundary, with the panic hook silent on this thread
/// meanwhile: whoever gets the payload reports it (a generator's thread hands it to
/// the consumer).
pub fn catch_panic<R, F: FnOnce() -> R>(f: F) -> std::thread::Result<R> {
    install_panic_hook();
    GUARD_DEPTH.with(|d| d.set(d.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    GUARD_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    outcome
}

/// Runs one ABI call: clears the thread's last error, runs `f` behind a panic
/// boundary and turns the outcome into a status code, recording the message.
pub fn guard<F: FnOnce() -> Result<(), CallError>>(f: F) -> i32 {
    guard_status(|| f().map(|()| OK))
}

/// [`guard`] for calls whose success has more than one status (a stream's
/// `next`: [`OK`] or [`DONE`]).
pub fn guard_status<F: FnOnce() -> Result<i32, CallError>>(f: F) -> i32 {
    LAST_ERROR.with(|e| *e.borrow_mut() = None);
    match catch_panic(f) {
        Ok(Ok(status)) => {
            // A nested guarded call may have failed inside a successful one.
            LAST_ERROR.with(|e| *e.borrow_mut() = None);
            status
        }
        Ok(Err(e)) => {
            set_last_error(e.message());
            e.status()
        }
        Err(payload) => {
            set_last_error(format!("panic: {}", panic_message(payload.as_ref())));
            PANIC
        }
    }
}

/// The last error of this thread, or NULL. Valid until the next guarded call here.
pub fn last_error_ptr() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ref().map_or(std::ptr::null(), |c| c.as_ptr()))
}

/// Borrows a C string argument as UTF-8.
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string that outlives `'a`.
pub unsafe fn cstr_arg<'a>(p: *const c_char, name: &str) -> Result<&'a str, CallError> {
    if p.is_null() {
        return Err(CallError::InvalidArgument(format!("argument '{name}' is null")));
    }
    // SAFETY: non-null and NUL-terminated per the caller's contract.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| CallError::InvalidArgument(format!("argument '{name}' is not valid UTF-8")))
}

/// Hands a string to C; free it with [`string_free`]. An interior NUL (which C
/// cannot represent) ends the string there: use [`write_str_out`] for user
/// strings, which raises instead. JSON text never contains a NUL.
pub fn string_out(s: String) -> *mut c_char {
    let c = CString::new(s).unwrap_or_else(|e| {
        let end = e.nul_position();
        let mut bytes = e.into_vec();
        bytes.truncate(end);
        CString::new(bytes).unwrap_or_default()
    });
    c.into_raw()
}

/// Frees a string returned by this library.
///
/// # Safety
/// `p` must be NULL or a pointer from [`string_out`] not yet freed.
pub unsafe fn string_free(p: *mut c_char) {
    if !p.is_null() {
        // SAFETY: it came from CString::into_raw in string_out.
        drop(unsafe { CString::from_raw(p) });
    }
}

/// Writes an out-parameter (only called on success).
///
/// # Safety
/// `out` must be NULL or valid for a write of `T`.
pub unsafe fn write_out<T>(out: *mut T, v: T) -> Result<(), CallError> {
    if out.is_null() {
        return Err(CallError::InvalidArgument("output pointer is null".to_string()));
    }
    // SAFETY: non-null and valid per the caller's contract.
    unsafe { out.write(v) };
    Ok(())
}

/// Writes a str result to a `char **` out-parameter. A str with a NUL character
/// cannot cross as a C string, so it raises ValueError (status 1).
///
/// # Safety
/// `out` must be NULL or valid for a write of a pointer.
pub unsafe fn write_str_out(out: *mut *mut c_char, s: String) -> Result<(), CallError> {
    if out.is_null() {
        return Err(CallError::InvalidArgument("output pointer is null".to_string()));
    }
    let c = CString::new(s)
        .map_err(|_| PyErr::value_error("a str result with a NUL character cannot be returned as a C string"))?;
    // SAFETY: non-null and valid per the caller's contract.
    unsafe { out.write(c.into_raw()) };
    Ok(())
}

/// Borrows a byte-buffer argument (`data`, `len`). NULL is accepted only with `len` 0.
///
/// # Safety
/// `data` must be NULL or valid for reads of `len` bytes that outlive `'a`.
pub unsafe fn bytes_arg<'a>(data: *const u8, len: usize, name: &str) -> Result<&'a [u8], CallError> {
    if data.is_null() {
        if len == 0 {
            return Ok(&[]);
        }
        return Err(CallError::InvalidArgument(format!(
            "argument '{name}' has a null data pointer and {len} bytes"
        )));
    }
    // SAFETY: non-null and valid for `len` bytes per the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(data, len) })
}

/// Hands a byte buffer to C as (pointer, length); free it with [`bytes_free`] and the same length.
/// The buffer is a boxed slice, so its allocation is exactly `len` bytes and freeing needs nothing else.
pub fn bytes_out(bytes: Vec<u8>) -> (*const u8, usize) {
    let boxed = bytes.into_boxed_slice();
    let len = boxed.len();
    (Box::into_raw(boxed) as *const u8, len)
}

/// Frees a byte buffer from [`bytes_out`]. NULL is ignored.
///
/// # Safety
/// `data` must be NULL or a pointer from [`bytes_out`] with its length, not yet freed.
pub unsafe fn bytes_free(data: *const u8, len: usize) {
    if !data.is_null() {
        // SAFETY: it came from Box::into_raw of a boxed slice of `len` bytes in bytes_out.
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(data as *mut u8, len)) });
    }
}

/// The named arguments of one `ingot_call_json` call.
#[derive(Debug, Default)]
pub struct Args {
    pairs: Vec<(String, Value)>,
}

impl Args {
    /// Parses the arguments object (`{"x": 1.0, ...}`).
    pub fn parse(json: &str) -> Result<Args, CallError> {
        match Value::parse_json(json) {
            Ok(Value::Dict(pairs)) => Ok(Args { pairs }),
            Ok(other) => Err(CallError::InvalidArgument(format!(
                "arguments must be a JSON object, got {}",
                other.type_name()
            ))),
            Err(e) => Err(CallError::InvalidArgument(format!("arguments: {}", e.msg))),
        }
    }

    /// Removes and converts one argument; `Ok(None)` when it was not given.
    pub fn take<T: FromValue>(&mut self, name: &str) -> Result<Option<T>, CallError> {
        let Some(i) = self.pairs.iter().position(|(k, _)| k == name) else {
            return Ok(None);
        };
        let (_, v) = self.pairs.remove(i);
        T::from_value(&v, &format!("argument '{name}'")).map(Some).map_err(invalid)
    }

    /// Removes and converts a required argument.
    pub fn require<T: FromValue>(&mut self, fn_name: &str, name: &str) -> Result<T, CallError> {
        self.take(name)?.ok_or_else(|| missing(fn_name, name))
    }

    /// Fails if any argument was not taken.
    pub fn finish(self, fn_name: &str) -> Result<(), CallError> {
        match self.pairs.first() {
            None => Ok(()),
            Some((k, _)) => Err(CallError::InvalidArgument(format!(
                "TypeError: {fn_name}() got an unexpected keyword argument '{k}'"
            ))),
        }
    }
}

/// The error for a required argument that was not given.
pub fn missing(fn_name: &str, param: &str) -> CallError {
    CallError::InvalidArgument(format!(
        "TypeError: {fn_name}() missing required argument: '{param}'"
    ))
}

/// The whole body of `ingot_call_json`: decodes the C strings, parses the
/// arguments, dispatches by name and writes the result's value JSON.
///
/// # Safety
/// `function` and `args_json` must be NULL or NUL-terminated strings; `out_json`
/// must be NULL or valid for a write of a pointer.
pub unsafe fn call_json(
    function: *const c_char,
    args_json: *const c_char,
    out_json: *mut *mut c_char,
    dispatch: fn(&str, Args) -> Result<Value, CallError>,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller's contract.
        let name = unsafe { cstr_arg(function, "function") }?;
        let args = unsafe { cstr_arg(args_json, "args_json") }?;
        if out_json.is_null() {
            return Err(CallError::InvalidArgument("argument 'out_json' is null".to_string()));
        }
        let result = dispatch(name, Args::parse(args)?)?;
        // SAFETY: checked non-null above; valid per the caller's contract.
        unsafe { write_out(out_json, string_out(result.to_json())) }
    })
}

/// A generator function's run behind the C ABI (`IngotStream *`): its items as values,
/// and the kind of item the typed `ingot_stream_next_<kind>` accepts.
pub struct AbiStream {
    /// `int`, `float`, `bool` or `str` when a typed next applies; `json` otherwise.
    item: &'static str,
    next: Box<dyn FnMut() -> PyResult<Option<Value>> + Send>,
}

impl AbiStream {
    pub fn new<T: IntoValue + Send + 'static>(mut stream: Stream<T>, item: &'static str) -> AbiStream {
        AbiStream { item, next: Box::new(move || Ok(stream.next_item()?.map(IntoValue::into_value))) }
    }
}

/// Hands an opened stream to C through `out` (checked before anything is allocated).
///
/// # Safety
/// `out` must be NULL or valid for a write of a pointer.
pub unsafe fn write_stream_out(out: *mut *mut AbiStream, stream: AbiStream) -> Result<(), CallError> {
    if out.is_null() {
        return Err(CallError::InvalidArgument("output pointer is null".to_string()));
    }
    // SAFETY: non-null and valid per the caller's contract.
    unsafe { out.write(Box::into_raw(Box::new(stream))) };
    Ok(())
}

/// The whole body of `ingot_stream_open_json`: like [`call_json`], but the function
/// must be a generator, and what comes back is its stream, not yet started.
///
/// # Safety
/// As [`call_json`]; `out` must be NULL or valid for a write of a pointer.
pub unsafe fn stream_open_json(
    function: *const c_char,
    args_json: *const c_char,
    out: *mut *mut AbiStream,
    dispatch: fn(&str, Args) -> Result<AbiStream, CallError>,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller's contract.
        let name = unsafe { cstr_arg(function, "function") }?;
        let args = unsafe { cstr_arg(args_json, "args_json") }?;
        if out.is_null() {
            return Err(CallError::InvalidArgument("argument 'out' is null".to_string()));
        }
        let stream = dispatch(name, Args::parse(args)?)?;
        // SAFETY: checked non-null above; valid per the caller's contract.
        unsafe { write_stream_out(out, stream) }
    })
}

/// One `next` of a stream: runs the generator to its next `yield` and writes the item
/// with `write` ([`OK`]), or reports [`DONE`], the exception raised (1) or a panic (3).
/// `want` is the item kind a typed next requires; the stream is not advanced when it
/// does not match.
///
/// # Safety
/// `stream` must be NULL or a live stream from this library, used by one thread at a time.
unsafe fn stream_next<O>(
    stream: *mut AbiStream,
    out: *mut O,
    want: Option<&'static str>,
    write: impl FnOnce(*mut O, Value) -> Result<(), CallError>,
) -> i32 {
    guard_status(|| {
        // SAFETY: NULL or live, per the caller's contract.
        let Some(s) = (unsafe { stream.as_mut() }) else {
            return Err(CallError::InvalidArgument("argument 'stream' is null".to_string()));
        };
        if out.is_null() {
            return Err(CallError::InvalidArgument("output pointer is null".to_string()));
        }
        if let Some(kind) = want.filter(|k| *k != s.item) {
            return Err(CallError::InvalidArgument(format!(
                "this stream does not yield {kind} items; use stream_next_{}",
                s.item
            )));
        }
        match (s.next)()? {
            Some(v) => write(out, v).map(|()| OK),
            None => Ok(DONE),
        }
    })
}

fn wrong_item(v: &Value, kind: &str) -> CallError {
    CallError::InvalidArgument(format!("stream item is {}, not {kind}", v.type_name()))
}

/// `ingot_stream_next_json`: any stream; the item as value JSON (freed with `ingot_string_free`).
///
/// # Safety
/// As [`stream_next`]; `out` must be NULL or valid for a write of a pointer.
pub unsafe fn stream_next_json(stream: *mut AbiStream, out: *mut *mut c_char) -> i32 {
    // SAFETY: forwarded.
    unsafe { stream_next(stream, out, None, |o, v| write_out(o, string_out(v.to_json()))) }
}

/// `ingot_stream_next_int`.
///
/// # Safety
/// As [`stream_next`]; `out` must be NULL or valid for a write.
pub unsafe fn stream_next_int(stream: *mut AbiStream, out: *mut i64) -> i32 {
    // SAFETY: forwarded.
    unsafe {
        stream_next(stream, out, Some("int"), |o, v| match v {
            Value::Int(i) => write_out(o, i),
            other => Err(wrong_item(&other, "int")),
        })
    }
}

/// `ingot_stream_next_float`.
///
/// # Safety
/// As [`stream_next`]; `out` must be NULL or valid for a write.
pub unsafe fn stream_next_float(stream: *mut AbiStream, out: *mut f64) -> i32 {
    // SAFETY: forwarded.
    unsafe {
        stream_next(stream, out, Some("float"), |o, v| match v {
            Value::Float(x) => write_out(o, x),
            Value::Int(i) => write_out(o, i as f64),
            other => Err(wrong_item(&other, "float")),
        })
    }
}

/// `ingot_stream_next_bool`.
///
/// # Safety
/// As [`stream_next`]; `out` must be NULL or valid for a write.
pub unsafe fn stream_next_bool(stream: *mut AbiStream, out: *mut bool) -> i32 {
    // SAFETY: forwarded.
    unsafe {
        stream_next(stream, out, Some("bool"), |o, v| match v {
            Value::Bool(b) => write_out(o, b),
            other => Err(wrong_item(&other, "bool")),
        })
    }
}

/// `ingot_stream_next_str`: the item as a C string (freed with `ingot_string_free`).
///
/// # Safety
/// As [`stream_next`]; `out` must be NULL or valid for a write of a pointer.
pub unsafe fn stream_next_str(stream: *mut AbiStream, out: *mut *mut c_char) -> i32 {
    // SAFETY: forwarded.
    unsafe {
        stream_next(stream, out, Some("str"), |o, v| match v {
            Value::Str(s) => write_str_out(o, s),
            other => Err(wrong_item(&other, "str")),
        })
    }
}

/// `ingot_stream_free`: closes the stream (a generator still running gets
/// GeneratorExit at its `yield` and unwinds) and frees it. NULL is ignored.
///
/// # Safety
/// `stream` must be NULL or a stream from this library, not used afterwards.
pub unsafe fn stream_free(stream: *mut AbiStream) {
    if stream.is_null() {
        return;
    }
    // SAFETY: it came from Box::into_raw in write_stream_out and is freed once.
    let boxed = unsafe { Box::from_raw(stream) };
    let _ = catch_panic(move || drop(boxed));
}
