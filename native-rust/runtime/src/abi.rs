//! Helpers behind the C ABI of every generated crate. The generated `abi.rs` defines
//! the `#[no_mangle] extern "C"` functions (so cbindgen sees them) and each body is
//! one call into here: [`guard`] is the panic boundary and status mapping, the rest
//! decode C strings, write out-parameters and parse the JSON arguments.
//!
//! Status codes (see docs/contracts.md): 0 ok, 1 raised, 2 invalid argument,
//! 3 panic, 4 unknown function. The message of the last failure is kept per thread.

use crate::value::{FromValue, Value};
use crate::PyErr;
use std::cell::{Cell, RefCell};
use std::ffi::{c_char, CStr, CString};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

pub const OK: i32 = 0;
pub const RAISED: i32 = 1;
pub const INVALID_ARGUMENT: i32 = 2;
pub const PANIC: i32 = 3;
pub const UNKNOWN_FUNCTION: i32 = 4;

/// Why a call through the ABI failed.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// The Python function raised: status 1, message `Kind: msg`.
    Raised(PyErr),
    /// Bad JSON, wrong type, null pointer, invalid UTF-8: status 2.
    InvalidArgument(String),
    /// `ingot_call_json` was given a name the library does not export: status 4.
    UnknownFunction(String),
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
            CallError::UnknownFunction(_) => UNKNOWN_FUNCTION,
        }
    }

    pub fn message(&self) -> String {
        match self {
            CallError::Raised(e) => e.to_string(),
            CallError::InvalidArgument(m) => m.clone(),
            CallError::UnknownFunction(name) => format!("unknown function '{name}'"),
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

/// Runs one ABI call: clears the thread's last error, runs `f` behind a panic
/// boundary and turns the outcome into a status code, recording the message.
pub fn guard<F: FnOnce() -> Result<(), CallError>>(f: F) -> i32 {
    install_panic_hook();
    LAST_ERROR.with(|e| *e.borrow_mut() = None);
    GUARD_DEPTH.with(|d| d.set(d.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    GUARD_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    match outcome {
        Ok(Ok(())) => {
            // A nested guarded call may have failed inside a successful one.
            LAST_ERROR.with(|e| *e.borrow_mut() = None);
            OK
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
