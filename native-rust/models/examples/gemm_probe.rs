//! GFLOP/s of the gemm crate at encoder shapes (what candle and our kernels run).
//!   gemm_probe [threads]
use std::time::Instant;

fn main() {
    let threads: usize = std::env::args()
        .nth(1)
        .map(|v| v.parse().unwrap())
        .unwrap_or(2);
    for &(m, k, n) in &[
        (896usize, 384usize, 1152usize),
        (896, 384, 1536),
        (896, 1536, 384),
        (4096, 384, 1536),
        (4096, 768, 3072),
        (20, 384, 1152),
    ] {
        let a = vec![0.5f32; m * k];
        let b = vec![0.25f32; k * n];
        let mut c = vec![0f32; m * n];
        let par = if threads > 1 {
            gemm::Parallelism::Rayon(threads)
        } else {
            gemm::Parallelism::None
        };
        for (label, rcs, rrs) in [
            ("W^T row-major", 1isize, n as isize),
            ("W as stored [out,in]", k as isize, 1isize),
        ] {
            let mut times = vec![];
            for _ in 0..15 {
                let t = Instant::now();
                unsafe {
                    gemm::gemm(
                        m,
                        n,
                        k,
                        c.as_mut_ptr(),
                        1,
                        n as isize,
                        false,
                        a.as_ptr(),
                        1,
                        k as isize,
                        b.as_ptr(),
                        rcs,
                        rrs,
                        1.0,
                        1.0,
                        false,
                        false,
                        false,
                        par,
                    );
                }
                times.push(t.elapsed().as_secs_f64());
            }
            times.sort_by(|a, b| a.partial_cmp(b).unwrap());
            let med = times[times.len() / 2];
            println!(
                "{m}x{k} . {k}x{n} ({label}): {:.1} GFLOP/s (median {:.2} ms)",
                2.0 * (m * k * n) as f64 / med / 1e9,
                med * 1e3
            );
        }
    }
}
