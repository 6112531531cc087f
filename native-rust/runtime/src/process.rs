//! What a compiled function reads from or writes to its process beyond its arguments, as CPython does with no
//! configuration: the clock (`time`), the environment (`os.environ`, `os.getenv`), the standard streams
//! (`print(..., file=sys.stderr)`, `sys.stderr.write`), `logging` and `warnings`.
//!
//! `logging`: loggers are named; a level set with `setLevel` holds for that logger, otherwise the nearest dotted
//! ancestor's, otherwise the root's (WARNING). A record that passes its logger's level goes to CPython's
//! "last resort" handler, which writes the bare message to stderr for WARNING and above; with no handlers configured
//! that is all CPython prints, so `debug`/`info` print nothing even when enabled.
//!
//! `warnings.warn`: the default filters show a warning once per call site (`file:line: Category: message`) and ignore
//! DeprecationWarning, PendingDeprecationWarning, ImportWarning and ResourceWarning raised outside `__main__`.

use crate::err::{ErrKind, PyErr};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

// ---- time -----------------------------------------------------------------------------------------

/// `time.time()`: seconds since the epoch.
pub fn time() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// `time.time_ns()`.
pub fn time_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

fn start() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

/// `time.perf_counter()` and `time.monotonic()`: seconds from an arbitrary point (CPython's is undefined too),
/// never going back.
pub fn perf_counter() -> f64 {
    start().elapsed().as_secs_f64() + 1.0
}

/// `time.perf_counter_ns()` and `time.monotonic_ns()`.
pub fn perf_counter_ns() -> i64 {
    start().elapsed().as_nanos() as i64 + 1_000_000_000
}

/// `time.sleep(secs)`.
pub fn sleep(secs: f64) -> Result<(), PyErr> {
    if secs.is_nan() {
        return Err(PyErr::new(
            ErrKind::ValueError,
            "Invalid value NaN (not a number)",
        ));
    }
    if secs < 0.0 {
        return Err(PyErr::new(
            ErrKind::ValueError,
            "sleep length must be non-negative",
        ));
    }
    std::thread::sleep(std::time::Duration::from_secs_f64(secs.min(1e9)));
    Ok(())
}

// ---- os.environ -----------------------------------------------------------------------------------

/// `os.environ` as a value: read by item and by `in`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Environ;

/// `os.environ.get(name)` / `os.getenv(name)`.
pub fn getenv(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// `os.environ[name]`: KeyError when unset.
pub fn environ_item(name: &str) -> Result<String, PyErr> {
    std::env::var(name).map_err(|_| PyErr::key_error(name))
}

/// `name in os.environ`.
pub fn environ_contains(name: &str) -> bool {
    std::env::var_os(name).is_some()
}

// ---- standard streams -----------------------------------------------------------------------------

/// `sys.stdout` or `sys.stderr`, as a value compiled code can pass to `print(file=...)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    /// Writes `s` whole; a closed stream is ignored, as the interpreter's final flush does.
    pub fn write_str(self, s: &str) {
        match self {
            Stream::Stdout => {
                let _ = std::io::stdout().write_all(s.as_bytes());
            }
            Stream::Stderr => {
                let _ = std::io::stderr().write_all(s.as_bytes());
            }
        }
    }

    /// `stream.write(s)`: the number of characters written.
    pub fn write(self, s: &str) -> i64 {
        self.write_str(s);
        s.chars().count() as i64
    }

    /// `stream.flush()`.
    pub fn flush(self) {
        match self {
            Stream::Stdout => {
                let _ = std::io::stdout().flush();
            }
            Stream::Stderr => {
                let _ = std::io::stderr().flush();
            }
        }
    }

    /// `stream.name`.
    pub fn name(self) -> String {
        match self {
            Stream::Stdout => "<stdout>".into(),
            Stream::Stderr => "<stderr>".into(),
        }
    }
}

impl crate::PyRepr for Stream {
    fn py_repr(&self) -> String {
        format!(
            "<_io.TextIOWrapper name='{}' mode='w' encoding='utf-8'>",
            self.name()
        )
    }
}

// ---- logging --------------------------------------------------------------------------------------

const WARNING: i64 = 30;

/// The levels set with `setLevel` (the root is `""`).
fn levels() -> &'static Mutex<HashMap<String, i64>> {
    static LEVELS: OnceLock<Mutex<HashMap<String, i64>>> = OnceLock::new();
    LEVELS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// `logging.getLevelName(level)`.
pub fn level_name(level: i64) -> String {
    match level {
        50 => "CRITICAL".into(),
        40 => "ERROR".into(),
        30 => "WARNING".into(),
        20 => "INFO".into(),
        10 => "DEBUG".into(),
        0 => "NOTSET".into(),
        n => format!("Level {n}"),
    }
}

/// The level a name gives (`logger.setLevel("INFO")`): ValueError for a name logging does not know.
pub fn level_from_name(name: &str) -> Result<i64, PyErr> {
    Ok(match name {
        "CRITICAL" | "FATAL" => 50,
        "ERROR" => 40,
        "WARNING" | "WARN" => 30,
        "INFO" => 20,
        "DEBUG" => 10,
        "NOTSET" => 0,
        _ => {
            return Err(PyErr::new(
                ErrKind::ValueError,
                format!("Unknown level: {}", crate::PyRepr::py_repr(name)),
            ))
        }
    })
}

/// A logger, by name (`logging.getLogger(name)`); the root logger's name is `"root"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logger {
    name: String,
}

impl Logger {
    /// `logging.getLogger(name)`: `None`, `""` and `"root"` name the root logger.
    pub fn get(name: Option<&str>) -> Logger {
        let name = match name {
            None | Some("") => "root",
            Some(n) => n,
        };
        Logger {
            name: name.to_string(),
        }
    }

    fn key(&self) -> &str {
        if self.name == "root" {
            ""
        } else {
            &self.name
        }
    }

    /// `logger.name`.
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// `logger.level`: the level set on this logger (0, NOTSET, when none).
    pub fn level(&self) -> i64 {
        let set = levels().lock().unwrap_or_else(|e| e.into_inner());
        set.get(self.key())
            .copied()
            .unwrap_or(if self.key().is_empty() { WARNING } else { 0 })
    }

    /// `logger.setLevel(level)`.
    pub fn set_level(&self, level: i64) {
        levels()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(self.key().to_string(), level);
    }

    /// `logger.getEffectiveLevel()`: this logger's level, else its nearest dotted ancestor's, else the root's.
    pub fn effective_level(&self) -> i64 {
        let set = levels().lock().unwrap_or_else(|e| e.into_inner());
        let mut key = self.key();
        loop {
            if let Some(&l) = set.get(key) {
                if l != 0 || key.is_empty() {
                    return l;
                }
            }
            if key.is_empty() {
                return WARNING;
            }
            key = key.rfind('.').map_or("", |i| &key[..i]);
        }
    }

    /// `logger.isEnabledFor(level)`.
    pub fn is_enabled_for(&self, level: i64) -> bool {
        level >= self.effective_level()
    }

    /// `logger.log(level, msg)` with the message already formatted: to stderr through the last-resort handler.
    pub fn log(&self, level: i64, msg: &str) {
        if self.is_enabled_for(level) && level >= WARNING {
            Stream::Stderr.write_str(&format!("{msg}\n"));
        }
    }
}

impl crate::PyRepr for Logger {
    fn py_repr(&self) -> String {
        let cls = if self.name == "root" {
            "RootLogger"
        } else {
            "Logger"
        };
        format!(
            "<{cls} {} ({})>",
            self.name,
            level_name(self.effective_level())
        )
    }
}

// ---- warnings -------------------------------------------------------------------------------------

/// `warnings.warn(message, category)` at `file:line` (the call site): shown once per call site, on stderr.
pub fn warn(message: &str, category: &str, file: &str, line: i64) {
    if matches!(
        category,
        "DeprecationWarning" | "PendingDeprecationWarning" | "ImportWarning" | "ResourceWarning"
    ) {
        return;
    }
    static SHOWN: OnceLock<Mutex<std::collections::HashSet<(String, i64, String, String)>>> =
        OnceLock::new();
    let mut shown = SHOWN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if shown.insert((
        file.to_string(),
        line,
        category.to_string(),
        message.to_string(),
    )) {
        Stream::Stderr.write_str(&format!("{file}:{line}: {category}: {message}\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logger_levels_follow_dotted_ancestors() {
        let a = Logger::get(Some("proc_test.a"));
        let ab = Logger::get(Some("proc_test.a.b"));
        assert_eq!(ab.effective_level(), WARNING);
        a.set_level(10);
        assert_eq!(ab.effective_level(), 10);
        assert!(ab.is_enabled_for(10));
        assert_eq!(ab.level(), 0);
        assert_eq!(Logger::get(None).name(), "root");
    }

    #[test]
    fn clocks_do_not_go_back() {
        let (a, b) = (perf_counter(), perf_counter());
        assert!(b >= a && a > 0.0);
        assert!(time() > 1.6e9);
        assert!(sleep(-1.0).is_err());
    }
}
