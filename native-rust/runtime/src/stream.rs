//! Generator functions. A generated generator body takes a [`Sink`] and calls
//! [`Sink::put`] at each `yield`. Run with a `Vec` as the sink, it collects every
//! item (`<prefix>call_json`, and callers inside the module). Run as a [`Stream`], it is
//! lazy as in Python: the body runs on a thread of its own, but only while the
//! consumer is inside [`Stream::next_item`], from one `yield` to the next, so nothing
//! past the last requested item is computed and an exception raised after some
//! items reaches the consumer at the `next` that runs into it.
//!
//! Dropping a stream mid-way closes it as Python's `generator.close()` does: the
//! parked `yield` returns `GeneratorExit`, which no `except Exception` catches, so the
//! body unwinds through its `finally` blocks; the drop waits for the thread to end.
//! A body that catches `GeneratorExit` and yields again is stopped by an unwind that
//! no Python-level handler sees (CPython raises "generator ignored GeneratorExit").
//! A panic in the body is re-raised in the consumer's thread, where the caller's
//! panic boundary reports it.

use crate::{ErrKind, PyErr, PyResult};
use std::any::Any;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Where a generator body sends what it yields.
pub trait Sink<T> {
    /// `yield item`. Fails with `GeneratorExit` when the consumer closed the stream.
    fn put(&mut self, item: T) -> PyResult<()>;
}

/// Collecting: the generator run to its end is the list of what it yielded.
impl<T> Sink<T> for Vec<T> {
    fn put(&mut self, item: T) -> PyResult<()> {
        self.push(item);
        Ok(())
    }
}

/// The stack of a generator's thread: as large as a typical main thread's, so code
/// that recurses in a plain call also does inside a generator (it is reserved, not used).
const STACK_SIZE: usize = 8 << 20;

/// What the body's thread sends back for one `next`.
enum Step<T> {
    Item(T),
    Done,
    Raised(PyErr),
    Panicked(Box<dyn Any + Send>),
}

/// The unwind payload that stops a body which yielded after `GeneratorExit`.
struct Closed;

/// The sink on the body's side of a [`Stream`]: a `put` hands the item over and parks
/// the body until the consumer asks for the next one.
struct Yielder<T> {
    items: SyncSender<Step<T>>,
    resume: Receiver<()>,
    closed: bool,
}

impl<T> Sink<T> for Yielder<T> {
    fn put(&mut self, item: T) -> PyResult<()> {
        if self.closed {
            std::panic::resume_unwind(Box::new(Closed));
        }
        if self.items.send(Step::Item(item)).is_err() || self.resume.recv().is_err() {
            self.closed = true;
            return Err(PyErr::new(ErrKind::GeneratorExit, ""));
        }
        Ok(())
    }
}

type Body<T> = Box<dyn FnOnce(&mut dyn Sink<T>) -> PyResult<()> + Send>;

/// A started generator: the channels to its thread. Dropping it closes the generator
/// and waits for the thread.
struct Running<T> {
    resume: Option<SyncSender<()>>,
    items: Receiver<Step<T>>,
    thread: Option<JoinHandle<()>>,
}

impl<T> Drop for Running<T> {
    fn drop(&mut self) {
        // The body is parked in `put` (or already finished): closing the resume
        // channel makes that `put` return GeneratorExit.
        self.resume.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

enum State<T> {
    /// Not started: Python runs no line of a generator before the first `next`.
    Ready(Body<T>),
    Running(Running<T>),
    Finished,
}

/// A generator function's run, one item per [`Stream::next_item`].
pub struct Stream<T: Send + 'static> {
    state: State<T>,
}

impl<T: Send + 'static> Stream<T> {
    /// A stream over `body`, which runs (on its own thread) at the first `next_item`.
    pub fn new(body: impl FnOnce(&mut dyn Sink<T>) -> PyResult<()> + Send + 'static) -> Stream<T> {
        Stream { state: State::Ready(Box::new(body)) }
    }

    /// Runs the body to its next `yield`: `Ok(Some(item))`, `Ok(None)` once it has
    /// returned (and on every later call), or the exception it raised (after which
    /// the stream is finished, as a Python generator is). A panic in the body is
    /// resumed here.
    pub fn next_item(&mut self) -> PyResult<Option<T>> {
        let running = match std::mem::replace(&mut self.state, State::Finished) {
            State::Finished => return Ok(None),
            State::Ready(body) => start(body)?,
            State::Running(r) => {
                let resumed = r.resume.as_ref().is_some_and(|tx| tx.send(()).is_ok());
                if !resumed {
                    return Ok(None);
                }
                r
            }
        };
        match running.items.recv() {
            Ok(Step::Item(item)) => {
                self.state = State::Running(running);
                Ok(Some(item))
            }
            Ok(Step::Done) | Err(_) => Ok(None),
            Ok(Step::Raised(e)) => Err(e),
            Ok(Step::Panicked(payload)) => {
                drop(running);
                std::panic::resume_unwind(payload)
            }
        }
    }

    /// Ends the stream now (as `generator.close()`); later calls give `Ok(None)`.
    pub fn close(&mut self) {
        self.state = State::Finished;
    }
}

impl<T: Send + 'static> Iterator for Stream<T> {
    type Item = PyResult<T>;

    fn next(&mut self) -> Option<PyResult<T>> {
        self.next_item().transpose()
    }
}

// The first exception a [`Pull`] met, kept for the code that consumes it: the generated code checks it
// (`checked`, `settle`, `raise_pending`) right after the expression or loop that pulled, so it is raised
// where CPython raises it, after the items before it were used.
thread_local! {
    static PENDING: std::cell::RefCell<Option<PyErr>> = const { std::cell::RefCell::new(None) };
}

fn stash(e: PyErr) {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        if p.is_none() {
            *p = Some(e);
        }
    });
}

/// A generator's items as plain values, pulled one at a time, so Rust's lazy adaptors (`take`, `zip`,
/// `take_while`, `any`, ...) consume a generator as lazily as CPython's builtins and itertools do. An
/// exception ends the items and is kept for [`checked`] / [`raise_pending`]. Over `&mut Stream` it draws
/// from a local generator in place, leaving the rest for later `next` calls and loops.
pub struct Pull<S>(S);

/// Pulls from a generator, owned (a call's result) or borrowed (a local).
pub fn pull<S>(s: S) -> Pull<S> {
    Pull(s)
}

impl<T: Send + 'static> Iterator for Pull<Stream<T>> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        self.0.next_item().unwrap_or_else(|e| {
            stash(e);
            None
        })
    }
}

impl<T: Send + 'static> Iterator for Pull<&mut Stream<T>> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        self.0.next_item().unwrap_or_else(|e| {
            stash(e);
            None
        })
    }
}

/// A generator expression run lazily: each item of `inner` goes through `step` (its conditions and element:
/// `Ok(None)` skips the item), one at a time as the consumer asks, so `any`, `next`, `zip` and `islice` stop
/// it early as in CPython, and an infinite source is fine. An exception ends the items and is kept, as a
/// [`Pull`]'s is.
pub struct Lazy<I, F> {
    inner: I,
    step: F,
}

/// The lazy generator expression `(step(x) for x in inner)`.
pub fn lazy<I: Iterator, T, F: FnMut(I::Item) -> PyResult<Option<T>>>(inner: I, step: F) -> Lazy<I, F> {
    Lazy { inner, step }
}

impl<I: Iterator, T, F: FnMut(I::Item) -> PyResult<Option<T>>> Iterator for Lazy<I, F> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        loop {
            let x = self.inner.next()?;
            match (self.step)(x) {
                Ok(Some(v)) => return Some(v),
                Ok(None) => continue,
                Err(e) => {
                    stash(e);
                    return None;
                }
            }
        }
    }
}

/// [`lazy`] with a state the step keeps between items (`dropwhile`'s switch, `pairwise`'s previous item,
/// `accumulate`'s running value).
pub struct LazyWith<I, S, F> {
    inner: I,
    state: S,
    step: F,
}

/// The lazy `(step(&mut state, x) for x in inner)`.
pub fn lazy_with<I: Iterator, S, T, F: FnMut(&mut S, I::Item) -> PyResult<Option<T>>>(
    state: S,
    inner: I,
    step: F,
) -> LazyWith<I, S, F> {
    LazyWith { inner, state, step }
}

impl<I: Iterator, S, T, F: FnMut(&mut S, I::Item) -> PyResult<Option<T>>> Iterator for LazyWith<I, S, F> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        loop {
            let x = self.inner.next()?;
            match (self.step)(&mut self.state, x) {
                Ok(Some(v)) => return Some(v),
                Ok(None) => continue,
                Err(e) => {
                    stash(e);
                    return None;
                }
            }
        }
    }
}

/// A generator's remaining items as a list (a generator passed where a list is declared), or its exception.
pub fn collect<S, T>(s: S) -> PyResult<Vec<T>>
where
    Pull<S>: Iterator<Item = T>,
{
    let items: Vec<T> = pull(s).collect();
    checked(items)
}

/// `v`, or the exception a pull met while `v` was computed.
pub fn checked<V>(v: V) -> PyResult<V> {
    raise_pending().map(|()| v)
}

/// Runs `f`, the code of an expression that pulled: the exception a pull met comes first (the code may have
/// failed only because the items ended early), else `f`'s own outcome.
pub fn settle<V>(f: impl FnOnce() -> PyResult<V>) -> PyResult<V> {
    let r = f();
    raise_pending()?;
    r
}

/// The exception a pull met since the last check, if any.
pub fn raise_pending() -> PyResult<()> {
    match PENDING.with(|p| p.borrow_mut().take()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `next(gen)`: the next item, or StopIteration (with an empty message, as CPython's).
pub fn next_item<T: Send + 'static>(s: &mut Stream<T>) -> PyResult<T> {
    s.next_item()?.ok_or_else(|| PyErr::stop_iteration(""))
}

/// `next(gen, default)`'s draw: the next item, or None once the generator is exhausted.
pub fn next_opt<T: Send + 'static>(s: &mut Stream<T>) -> PyResult<Option<T>> {
    s.next_item()
}

fn start<T: Send + 'static>(body: Body<T>) -> PyResult<Running<T>> {
    // Capacity 1 each way: neither side ever blocks on a send, only on its receive.
    let (items_tx, items) = sync_channel::<Step<T>>(1);
    let (resume, resume_rx) = sync_channel::<()>(1);
    let thread = std::thread::Builder::new()
        .name("ingot-generator".to_string())
        .stack_size(STACK_SIZE)
        .spawn(move || {
            let mut sink = Yielder { items: items_tx.clone(), resume: resume_rx, closed: false };
            let outcome = crate::abi::catch_panic(|| body(&mut sink));
            let step = match outcome {
                // Unwinding after GeneratorExit: the consumer is gone, nobody to tell.
                _ if sink.closed => return,
                Ok(Ok(())) => Step::Done,
                Ok(Err(e)) => Step::Raised(e),
                Err(payload) if payload.is::<Closed>() => return,
                Err(payload) => Step::Panicked(payload),
            };
            let _ = items_tx.send(step);
        })
        .map_err(|e| PyErr::runtime_error(format!("can't start new thread: {e}")))?;
    Ok(Running { resume: Some(resume), items, thread: Some(thread) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn collects_into_a_vec() {
        let mut v = Vec::new();
        let body = |y: &mut dyn Sink<i64>| -> PyResult<()> {
            for i in 0..3 {
                y.put(i)?;
            }
            Ok(())
        };
        body(&mut v).unwrap();
        assert_eq!(v, vec![0, 1, 2]);
    }

    #[test]
    fn items_arrive_before_a_later_error_which_ends_the_stream() {
        let mut s = Stream::new(|y| {
            y.put(1i64)?;
            y.put(2)?;
            Err(PyErr::value_error("third"))
        });
        assert_eq!(s.next_item(), Ok(Some(1)));
        assert_eq!(s.next_item(), Ok(Some(2)));
        assert_eq!(s.next_item(), Err(PyErr::value_error("third")));
        assert_eq!(s.next_item(), Ok(None));
    }

    #[test]
    fn the_body_runs_only_while_next_is_asked() {
        let steps = Arc::new(AtomicUsize::new(0));
        let seen = steps.clone();
        let mut s = Stream::new(move |y| {
            for i in 0.. {
                seen.fetch_add(1, Ordering::SeqCst);
                y.put(i)?;
            }
            Ok(())
        });
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(steps.load(Ordering::SeqCst), 0, "no line runs before the first next");
        assert_eq!(s.next_item(), Ok(Some(0)));
        assert_eq!(s.next_item(), Ok(Some(1)));
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(steps.load(Ordering::SeqCst), 2, "the body is parked at its yield");
    }

    #[test]
    fn an_infinite_generator_is_abandoned_safely_and_runs_its_cleanup() {
        let cleaned = Arc::new(AtomicUsize::new(0));
        let c = cleaned.clone();
        let mut s = Stream::new(move |y| {
            let r = (|| -> PyResult<()> {
                loop {
                    y.put(7i64)?;
                }
            })();
            // A `finally` block: runs on GeneratorExit, and the error goes on.
            c.fetch_add(1, Ordering::SeqCst);
            r
        });
        assert_eq!(s.next_item(), Ok(Some(7)));
        assert_eq!(s.next_item(), Ok(Some(7)));
        drop(s);
        assert_eq!(cleaned.load(Ordering::SeqCst), 1, "the drop waited for the body to unwind");
    }

    #[test]
    fn a_body_that_swallows_generator_exit_and_yields_again_is_stopped() {
        let mut s = Stream::new(|y| {
            loop {
                let _ = y.put(1i64);
            }
        });
        assert_eq!(s.next_item(), Ok(Some(1)));
        drop(s);
    }

    #[test]
    fn an_unstarted_stream_never_runs() {
        let ran = Arc::new(AtomicUsize::new(0));
        let r = ran.clone();
        let s = Stream::new(move |y| {
            r.fetch_add(1, Ordering::SeqCst);
            y.put(1i64)
        });
        drop(s);
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn early_return_ends_the_stream() {
        let s = Stream::new(|y| {
            y.put("a".to_string())?;
            if y.put("b".to_string()).is_ok() {
                return Ok(());
            }
            y.put("never".to_string())
        });
        assert_eq!(s.collect::<PyResult<Vec<_>>>(), Ok(vec!["a".to_string(), "b".to_string()]));
    }

    #[test]
    fn a_panic_in_the_body_is_resumed_in_the_consumer() {
        let mut s = Stream::new(|y| {
            y.put(1i64)?;
            panic!("boom in generator");
        });
        assert_eq!(s.next_item(), Ok(Some(1)));
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| s.next_item()));
        let payload = caught.expect_err("the panic reaches the consumer");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom in generator"));
        assert_eq!(s.next_item(), Ok(None));
    }

    #[test]
    fn through_the_abi_a_panic_is_status_3_after_the_items_before_it() {
        use crate::abi::{self, AbiStream};
        use std::ffi::{c_char, CStr};
        let s = Stream::new(|y| {
            y.put(1i64)?;
            panic!("boom {}", 2);
        });
        let mut p: *mut AbiStream = std::ptr::null_mut();
        unsafe {
            abi::write_stream_out(&mut p, AbiStream::new(s, "int")).unwrap();
            let mut v = 0i64;
            assert_eq!(abi::stream_next_int(p, &mut v), abi::OK);
            assert_eq!(v, 1);
            let mut json: *mut c_char = std::ptr::null_mut();
            assert_eq!(abi::stream_next_json(p, &mut json), abi::PANIC);
            assert!(json.is_null(), "out-parameters are written only on success");
            let msg = CStr::from_ptr(abi::last_error_ptr()).to_str().unwrap().to_string();
            assert_eq!(msg, "panic: boom 2");
            assert_eq!(abi::stream_next_int(p, &mut v), abi::DONE);
            abi::stream_free(p);
        }
    }
}
