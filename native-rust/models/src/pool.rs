//! A small persistent thread pool for the parallel regions of one model call: the f32
//! matrix products of the encoders (`crate::sgemm`) and the quantized products and attention
//! of a chat decode step (ingot-chat's `qkernels`).
//! Input: a task count and a function of the task index. Output: the function run once for
//! every index, spread over the calling thread and the pool's workers.
//!
//! A decode step of a small model, or a batch-1 encoder call, is ~100 matrix products of a
//! few tens of microseconds each, so what a parallel region costs to open and close matters
//! as much as the arithmetic. rayon's `join`/`par_iter` per product paid for task queues,
//! wake-ups and idle yielding (a fifth of a loaded profile in the scheduler). Here, as in
//! ggml, workers spin briefly on one atomic word between products and sleep on a condition
//! variable only after a pause; tasks are claimed from a shared counter, so a thread the OS
//! deschedules holds back at most the one task it took, and the caller never waits for a
//! worker that never joined.
//!
//! The thread count is rayon's (`RAYON_NUM_THREADS`, as candle's own ops), the caller
//! included. One job runs at a time: a second caller that finds the pool busy (two
//! sessions on two server threads) runs its tasks on its own thread. There is one pool per
//! process, shared by every crate that links this one, so two pools never spin against
//! each other.

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// `state` holds the job's epoch in the high bits, an "open for joining" flag and the number
/// of workers inside the job in the low bits.
const OPEN: u64 = 1 << 16;
const ACTIVE_MASK: u64 = OPEN - 1;
const EPOCH_ONE: u64 = 1 << 17;

/// How long an idle worker spins before it sleeps, by default (`Pool::run`): longer than the
/// gap between two products of one decode step (the elementwise ops between them), shorter
/// than a tokenizer or sampling pause.
pub(crate) const SPIN: Duration = Duration::from_micros(300);

type Task<'a> = dyn Fn(usize) + Sync + 'a;

struct Shared {
    state: AtomicU64,
    /// The next unclaimed task index, and how many tasks the current job has.
    next: AtomicUsize,
    n_tasks: AtomicUsize,
    /// The current job's function, valid while the job is open or a worker is inside it.
    job: UnsafeCell<Option<*const Task<'static>>>,
    sleepers: AtomicUsize,
    /// How long workers spin after the current job, in microseconds (`Pool::run_spinning`).
    spin_us: AtomicU64,
    /// Set by a worker whose task panicked; the caller re-raises it.
    panicked: AtomicBool,
    lock: Mutex<()>,
    wake: Condvar,
}

// SAFETY: `job` is written only by the thread that holds `Pool::busy`, before it opens the
// job (a release store of `state`), and read only by workers that joined that job (an
// acquire CAS on `state`); the writer waits for every joined worker to leave before it
// writes again or returns.
unsafe impl Sync for Shared {}
unsafe impl Send for Shared {}

pub struct Pool {
    shared: &'static Shared,
    busy: Mutex<()>,
    threads: usize,
}

impl Pool {
    /// The process's pool, with rayon's thread count (workers start on first use).
    pub fn global() -> &'static Pool {
        static POOL: OnceLock<Pool> = OnceLock::new();
        POOL.get_or_init(|| Pool::new(rayon::current_num_threads()))
    }

    fn new(threads: usize) -> Pool {
        let shared: &'static Shared = Box::leak(Box::new(Shared {
            state: AtomicU64::new(0),
            next: AtomicUsize::new(0),
            n_tasks: AtomicUsize::new(0),
            job: UnsafeCell::new(None),
            sleepers: AtomicUsize::new(0),
            spin_us: AtomicU64::new(SPIN.as_micros() as u64),
            panicked: AtomicBool::new(false),
            lock: Mutex::new(()),
            wake: Condvar::new(),
        }));
        for i in 1..threads.max(1) {
            let spawned = std::thread::Builder::new()
                .name(format!("ingot-pool-{i}"))
                .spawn(move || worker(shared));
            // Without a worker the caller runs every task itself: slower, still correct.
            if spawned.is_err() {
                break;
            }
        }
        Pool {
            shared,
            busy: Mutex::new(()),
            threads: threads.max(1),
        }
    }

    /// Threads that run a job, the caller included.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Runs `f(i)` once for every `i < n_tasks`, on this thread and the workers, and returns
    /// when all have finished.
    pub fn run(&self, n_tasks: usize, f: &(dyn Fn(usize) + Sync)) {
        self.run_spinning(n_tasks, f, SPIN)
    }

    /// The same, with the workers spinning for `spin` after this job before they sleep. A
    /// spinning worker joins the next job at once, but it holds a core: on a machine whose
    /// cores are all busy, the OS then runs it less, and a job waits for the task it took.
    /// So the window should cover only the expected gap to the caller's next job.
    /// `INGOT_POOL_SPIN_US`, when set, replaces every job's window (a tuning knob for
    /// machines unlike the ones the defaults were measured on; see bench/README.md).
    pub fn run_spinning(&self, n_tasks: usize, f: &(dyn Fn(usize) + Sync), spin: Duration) {
        let spin = spin_override().unwrap_or(spin);
        let guard = if self.threads > 1 && n_tasks > 1 {
            match self.busy.try_lock() {
                Ok(g) => Some(g),
                Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
                Err(std::sync::TryLockError::WouldBlock) => None,
            }
        } else {
            None
        };
        let Some(_guard) = guard else {
            (0..n_tasks).for_each(f);
            return;
        };
        let s = self.shared;
        // SAFETY: we hold `busy` and no worker is inside a job (the previous `run` waited),
        // so nothing reads `job` now. The lifetime is erased for the duration of this call
        // only: this function does not return before every worker has left the job.
        unsafe {
            *s.job.get() = Some(
                std::mem::transmute::<*const Task<'_>, *const Task<'static>>(f as *const Task<'_>),
            );
        }
        s.n_tasks.store(n_tasks, Ordering::Relaxed);
        s.spin_us.store(
            spin.as_micros().min(u64::MAX as u128) as u64,
            Ordering::Relaxed,
        );
        s.next.store(0, Ordering::Relaxed);
        let epoch = (s.state.load(Ordering::Relaxed) & !(EPOCH_ONE - 1)) + EPOCH_ONE;
        s.state.store(epoch | OPEN, Ordering::SeqCst);
        if s.sleepers.load(Ordering::SeqCst) > 0 {
            let _l = s.lock.lock().unwrap_or_else(|e| e.into_inner());
            s.wake.notify_all();
        }
        // Closing and waiting runs in a guard, so that even if `f` panics on this thread no
        // worker is left inside the job when `f` goes away.
        let close = CloseJob(s);
        claim_tasks(s, f);
        drop(close);
        if s.panicked.swap(false, Ordering::AcqRel) {
            panic!("a parallel task panicked on a pool worker");
        }
    }
}

/// The spin window `INGOT_POOL_SPIN_US` sets for every job, read once.
fn spin_override() -> Option<Duration> {
    static SPIN_US: OnceLock<Option<Duration>> = OnceLock::new();
    *SPIN_US.get_or_init(|| {
        std::env::var("INGOT_POOL_SPIN_US")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_micros)
    })
}

struct CloseJob(&'static Shared);

impl Drop for CloseJob {
    fn drop(&mut self) {
        let s = self.0;
        // Close the job to latecomers, then wait for the workers inside to finish their task.
        let mut cur = s.state.load(Ordering::Acquire);
        loop {
            match s.state.compare_exchange_weak(
                cur,
                cur & !OPEN,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => break,
                Err(v) => cur = v,
            }
        }
        let mut spins = 0u32;
        while s.state.load(Ordering::Acquire) & ACTIVE_MASK != 0 {
            spins += 1;
            if spins < 1 << 12 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }
}

fn claim_tasks(s: &Shared, f: &Task<'_>) {
    let n = s.n_tasks.load(Ordering::Relaxed);
    loop {
        let i = s.next.fetch_add(1, Ordering::Relaxed);
        if i >= n {
            return;
        }
        f(i);
    }
}

fn worker(s: &'static Shared) {
    let mut seen = s.state.load(Ordering::Acquire) & !(EPOCH_ONE - 1);
    loop {
        // Wait for a job with a new epoch that is still open, and join it.
        let mut since: Option<Instant> = None;
        let mut spins = 0u32;
        loop {
            let cur = s.state.load(Ordering::Acquire);
            let epoch = cur & !(EPOCH_ONE - 1);
            if epoch != seen && cur & OPEN != 0 {
                if s.state
                    .compare_exchange_weak(cur, cur + 1, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok()
                {
                    seen = epoch;
                    break;
                }
                continue;
            }
            if epoch != seen {
                // A job we missed entirely (it closed before we looked): nothing to do.
                seen = epoch;
            }
            spins += 1;
            if spins % 64 != 0 {
                std::hint::spin_loop();
                continue;
            }
            let start = *since.get_or_insert_with(Instant::now);
            if start.elapsed() < Duration::from_micros(s.spin_us.load(Ordering::Relaxed)) {
                continue;
            }
            // Sleep until the next job. `sleepers` is raised before the state is checked
            // again under the lock, and `run` notifies under the same lock after storing the
            // state, so a wake-up is never lost.
            s.sleepers.fetch_add(1, Ordering::SeqCst);
            let mut l = s.lock.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                let cur = s.state.load(Ordering::SeqCst);
                if cur & !(EPOCH_ONE - 1) != seen && cur & OPEN != 0 {
                    break;
                }
                if cur & !(EPOCH_ONE - 1) != seen {
                    seen = cur & !(EPOCH_ONE - 1);
                }
                l = s.wake.wait(l).unwrap_or_else(|e| e.into_inner());
            }
            drop(l);
            s.sleepers.fetch_sub(1, Ordering::SeqCst);
            since = None;
            spins = 0;
        }
        // SAFETY: we joined the open job (the CAS above), so `job` holds its live function
        // until we leave (the caller waits for the active count to reach zero).
        let f = unsafe { (*s.job.get()).expect("an open job has a function") };
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            claim_tasks(s, unsafe { &*f })
        }));
        if ok.is_err() {
            s.panicked.store(true, Ordering::Release);
        }
        s.state.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    /// Every task runs exactly once per job, over many back-to-back jobs (the epoch and
    /// join protocol), with sleeps between some so workers also go through the condvar.
    #[test]
    fn every_task_runs_once() {
        let pool = Pool::new(3);
        for round in 0..2000 {
            let n = 1 + round % 37;
            let hits: Vec<AtomicU32> = (0..n).map(|_| AtomicU32::new(0)).collect();
            pool.run(n, &|i| {
                hits[i].fetch_add(1, Ordering::Relaxed);
            });
            assert!(
                hits.iter().all(|h| h.load(Ordering::Relaxed) == 1),
                "round {round}"
            );
            if round % 500 == 0 {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    }

    /// Two callers at once: one gets the pool, the other runs inline; both finish right.
    #[test]
    fn concurrent_callers() {
        let pool: &'static Pool = Box::leak(Box::new(Pool::new(2)));
        let hs: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(move || {
                    for _ in 0..500 {
                        let sum = AtomicUsize::new(0);
                        pool.run(64, &|i| {
                            sum.fetch_add(i, Ordering::Relaxed);
                        });
                        assert_eq!(sum.load(Ordering::Relaxed), 64 * 63 / 2);
                    }
                })
            })
            .collect();
        for h in hs {
            h.join().unwrap();
        }
    }
}
