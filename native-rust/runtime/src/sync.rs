//! `threading.Lock` and `threading.RLock`: a shared handle (every copy is the same lock, as every name of a Python
//! lock object is), with CPython's `acquire(blocking=True, timeout=-1)`, `release()` and `locked()` and their errors.
//! A module-level lock (`_lock = threading.Lock()`, then `with _lock:` around a change of module state) serialises
//! the callers of a compiled library's entry points on several threads as it does CPython's.

use crate::err::{PyErr, PyResult};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

#[derive(Default)]
struct State {
    owner: Option<ThreadId>,
    count: usize,
}

struct Inner {
    reentrant: bool,
    state: Mutex<State>,
    freed: Condvar,
}

/// A lock; `reentrant` for `RLock`, which its owner may acquire again.
#[derive(Clone)]
pub struct Lock(Arc<Inner>);

impl Lock {
    pub fn new(reentrant: bool) -> Lock {
        Lock(Arc::new(Inner { reentrant, state: Mutex::new(State::default()), freed: Condvar::new() }))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `acquire(blocking, timeout)`: true once held; false when not blocking, or when the timeout passes first.
    pub fn acquire(&self, blocking: bool, timeout: f64) -> PyResult<bool> {
        if !blocking && timeout != -1.0 {
            return Err(PyErr::value_error("can't specify a timeout for a non-blocking call"));
        }
        if timeout < 0.0 && timeout != -1.0 {
            return Err(PyErr::value_error("timeout value must be positive"));
        }
        let me = std::thread::current().id();
        let deadline = if timeout >= 0.0 { Some(Instant::now() + Duration::from_secs_f64(timeout)) } else { None };
        let mut st = self.state();
        loop {
            if st.count == 0 {
                st.owner = Some(me);
                st.count = 1;
                return Ok(true);
            }
            if self.0.reentrant && st.owner == Some(me) {
                st.count += 1;
                return Ok(true);
            }
            if !blocking {
                return Ok(false);
            }
            st = match deadline {
                None => self.0.freed.wait(st).unwrap_or_else(|e| e.into_inner()),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return Ok(false);
                    }
                    self.0.freed.wait_timeout(st, d - now).unwrap_or_else(|e| e.into_inner()).0
                }
            };
        }
    }

    /// `release()`: a Lock may be released by any thread; an RLock only by its owner.
    pub fn release(&self) -> PyResult<()> {
        let mut st = self.state();
        if self.0.reentrant {
            if st.count == 0 || st.owner != Some(std::thread::current().id()) {
                return Err(PyErr::runtime_error("cannot release un-acquired lock"));
            }
        } else if st.count == 0 {
            return Err(PyErr::runtime_error("release unlocked lock"));
        }
        st.count -= 1;
        if st.count == 0 {
            st.owner = None;
            drop(st);
            self.0.freed.notify_one();
        }
        Ok(())
    }

    /// `locked()`.
    pub fn locked(&self) -> bool {
        self.state().count > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_and_rlock() {
        let l = Lock::new(false);
        assert!(l.acquire(true, -1.0).unwrap());
        assert!(!l.acquire(false, -1.0).unwrap());
        assert!(!l.acquire(true, 0.01).unwrap());
        let other = l.clone();
        let t = std::thread::spawn(move || other.acquire(true, -1.0).unwrap());
        std::thread::sleep(Duration::from_millis(20));
        l.release().unwrap();
        assert!(t.join().unwrap());
        let r = Lock::new(true);
        assert!(r.acquire(true, -1.0).unwrap() && r.acquire(false, -1.0).unwrap());
        r.release().unwrap();
        r.release().unwrap();
        assert!(r.release().is_err());
    }
}
