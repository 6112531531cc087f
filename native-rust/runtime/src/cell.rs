//! Module-level mutable state: one value per process for a module-level name that the module's functions change
//! (`CALL_LOG.append(x)`, `_CACHE[k] = v`, `global _n; _n += 1`), as CPython keeps module state for the life of the
//! process. The compiler emits `static NAME: rt::cell::Global<T>` initialised from the module's constant on first use;
//! a read copies the value out (`get`), a change holds the lock only while the change itself runs (`lock`, `set`),
//! with every argument computed before. Entry points may run on several threads: the lock serialises them. A thread
//! that asks for a cell it already holds (a change whose own evaluation reads the same global) gets a RuntimeError,
//! never a deadlock; a lock poisoned by a panic elsewhere is taken over, never a panic across the FFI.

use crate::err::{PyErr, PyResult};
use std::cell::RefCell;
use std::ops::{Deref, DerefMut};
use std::sync::{Mutex, MutexGuard};

thread_local! {
    /// The cells this thread holds, by address.
    static HELD: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// A module-level value the module's functions change.
pub struct Global<T: 'static> {
    name: &'static str,
    init: fn() -> PyResult<T>,
    value: Mutex<Option<T>>,
}

/// The value of a [`Global`] while this thread holds it.
pub struct Guard<'a, T: 'static> {
    guard: MutexGuard<'a, Option<T>>,
    at: usize,
}

impl<T: 'static> Global<T> {
    /// `init` gives the module's first value on first use (a constant, or what the module's code computed); an
    /// error is not kept, so the next use computes it again, as a failed import would be retried.
    pub const fn new(name: &'static str, init: fn() -> PyResult<T>) -> Global<T> {
        Global { name, init, value: Mutex::new(None) }
    }

    /// Holds the value for a change; the change ends when the guard is dropped.
    pub fn lock(&self) -> PyResult<Guard<'_, T>> {
        let at = self as *const Global<T> as usize;
        let again = HELD.with(|h| h.borrow().contains(&at));
        if again {
            return Err(PyErr::runtime_error(format!(
                "the module-level `{}` is read while a change of it runs (compiled code cannot nest them)",
                self.name
            )));
        }
        let guard = self.value.lock().unwrap_or_else(|e| e.into_inner());
        HELD.with(|h| h.borrow_mut().push(at));
        let held = Guard { guard, at };
        if held.guard.is_none() {
            let mut held = held;
            let v = (self.init)()?;
            *held.guard = Some(v);
            return Ok(held);
        }
        Ok(held)
    }

    /// Replaces the value (`global X; X = v`); the old one is dropped after the lock is released.
    pub fn set(&self, v: T) -> PyResult<()> {
        let old = std::mem::replace(&mut *self.lock()?, v);
        drop(old);
        Ok(())
    }
}

impl<T: Clone + 'static> Global<T> {
    /// A copy of the value (compiled code's assignment copies containers).
    pub fn get(&self) -> PyResult<T> {
        Ok(self.lock()?.clone())
    }
}

impl<T> Drop for Guard<'_, T> {
    fn drop(&mut self) {
        HELD.with(|h| {
            let mut h = h.borrow_mut();
            if let Some(i) = h.iter().rposition(|x| *x == self.at) {
                h.remove(i);
            }
        });
    }
}

// The value is always there: `lock` initialises it before it gives a guard.
impl<T> Deref for Guard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.guard.as_ref().expect("initialised by lock")
    }
}

impl<T> DerefMut for Guard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.guard.as_mut().expect("initialised by lock")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static LOG: Global<Vec<i64>> = Global::new("LOG", || Ok(vec![1]));

    #[test]
    fn changes_persist_and_nesting_is_an_error() {
        LOG.lock().unwrap().push(2);
        assert_eq!(LOG.get().unwrap(), vec![1, 2]);
        let g = LOG.lock().unwrap();
        assert!(LOG.get().is_err());
        drop(g);
        LOG.set(vec![]).unwrap();
        assert_eq!(LOG.get().unwrap(), Vec::<i64>::new());
    }
}
