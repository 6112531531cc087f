//! Where does a sentence-transformers model's cold start go? Loads the pipeline as a compiled
//! package does (`SentenceTransformer::load_dir`: tokenizer on its own thread, weights here)
//! and embeds one short text, printing wall and CPU time (user + system, all threads) and the
//! minor page faults of each step, and the peak RSS.
//!   coldstart_probe MODEL_DIR [TEXT]
use std::time::Instant;

fn usage() -> (f64, i64) {
    #[repr(C)]
    struct Rusage {
        utime: [i64; 2],
        stime: [i64; 2],
        rest: [i64; 14],
    }
    extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    let mut r = Rusage {
        utime: [0; 2],
        stime: [0; 2],
        rest: [0; 14],
    };
    // SAFETY: RUSAGE_SELF (0) into a struct of the kernel's size.
    unsafe { getrusage(0, &mut r) };
    let s = |t: [i64; 2]| t[0] as f64 + t[1] as f64 * 1e-6;
    // ru_minflt is the 3rd field after the two timevals (maxrss, ixrss, idrss, isrss, minflt).
    (s(r.utime) + s(r.stime), r.rest[4])
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("MODEL_DIR"));
    let text = args
        .next()
        .unwrap_or_else(|| "A man is eating food.".into());
    let (t, (c0, f0)) = (Instant::now(), usage());
    let m = ingot_models::SentenceTransformer::load_dir(&dir).unwrap();
    let (c1, f1) = usage();
    println!(
        "load: {:.0} ms wall, {:.0} ms cpu, {} minor faults",
        t.elapsed().as_secs_f64() * 1e3,
        (c1 - c0) * 1e3,
        f1 - f0
    );
    let t = Instant::now();
    let e = m.encode(&[text], true, None).unwrap();
    let (c2, f2) = usage();
    println!(
        "first call: {:.0} ms wall, {:.0} ms cpu, {} minor faults",
        t.elapsed().as_secs_f64() * 1e3,
        (c2 - c1) * 1e3,
        f2 - f1
    );
    let hwm = std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("")
        .to_string();
    println!("{hwm}; dims {:?}", e.dims());
}
