//! `QMatMul`: the quantized linear layer of the GGUF model families, a drop-in for candle's
//! `candle_core::quantized::QMatMul`. Input: a weight `QTensor` read from a GGUF file (shape
//! `[out, in]`) and f32 activations `[.., in]`. Output: `[.., out]`.
//!
//! Q4_1 and Q8_0 weights on the CPU run `crate::qkernels` (ggml's arithmetic, AVX-512 VNNI
//! or AVX2 chosen at run time, rows split over rayon) as a candle custom op; any other format
//! or device runs candle's own `QMatMul`. candle 0.11's Q4_1 dot product is scalar and its
//! matmul pool spin-waits, which on a shared machine costs more than the arithmetic.
//! `INGOT_QMATMUL=candle` in the environment sends every layer to candle's path (for
//! comparisons in benchmarks and parity checks).

use crate::qkernels::{self, BlockQ4_1, BlockQ4_1x4, BlockQ8_0, BlockQ8_0x4};
use candle_core::quantized::{GgmlDType, QTensor};
use candle_core::{CpuStorage, DType, Layout, Module, Result, Shape, Tensor};
use std::sync::Arc;

#[derive(Debug, Clone)]
enum Weights {
    Q4_1(Arc<Vec<BlockQ4_1>>),
    Q8_0(Arc<Vec<BlockQ8_0>>),
    /// Four rows interleaved (`qkernels::pack`), where the CPU runs the 512-bit kernels.
    Q4_1x4(Arc<Vec<BlockQ4_1x4>>),
    Q8_0x4(Arc<Vec<BlockQ8_0x4>>),
}

#[derive(Debug, Clone)]
enum Inner {
    Own { w: Weights, n: usize, k: usize },
    Candle(candle_core::quantized::QMatMul),
}

/// A quantized linear layer `y = x · Wᵀ`.
#[derive(Debug, Clone)]
pub struct QMatMul(Inner);

impl QMatMul {
    pub fn from_qtensor(qt: QTensor) -> Result<Self> {
        Self::from_arc(Arc::new(qt))
    }

    pub fn from_arc(qt: Arc<QTensor>) -> Result<Self> {
        let candle_only = std::env::var_os("INGOT_QMATMUL").is_some_and(|v| v == "candle");
        if let (false, true, Ok((n, k))) = (candle_only, qt.device().is_cpu(), qt.shape().dims2()) {
            if k.is_multiple_of(qkernels::QK) {
                let own = |w| Ok(Self(Inner::Own { w, n, k }));
                let bad = || {
                    candle_core::Error::Msg(format!("{:?} tensor of the wrong size", qt.dtype()))
                };
                let packed = qkernels::packed_available();
                let kb = k / qkernels::QK;
                match qt.dtype() {
                    GgmlDType::Q4_1 => {
                        let b: Vec<BlockQ4_1> =
                            qkernels::blocks_from_bytes(&qt.data()?).ok_or_else(bad)?;
                        if b.len() != n * kb {
                            return Err(bad());
                        }
                        return own(if packed {
                            Weights::Q4_1x4(Arc::new(qkernels::pack(&b, n, kb)))
                        } else {
                            Weights::Q4_1(Arc::new(b))
                        });
                    }
                    GgmlDType::Q8_0 => {
                        let b: Vec<BlockQ8_0> =
                            qkernels::blocks_from_bytes(&qt.data()?).ok_or_else(bad)?;
                        if b.len() != n * kb {
                            return Err(bad());
                        }
                        return own(if packed {
                            Weights::Q8_0x4(Arc::new(qkernels::pack(&b, n, kb)))
                        } else {
                            Weights::Q8_0(Arc::new(b))
                        });
                    }
                    _ => {}
                }
            }
        }
        Ok(Self(Inner::Candle(
            candle_core::quantized::QMatMul::from_arc(qt)?,
        )))
    }

    /// One layer whose output rows are those of `parts` in order (q, k and v, or gate and
    /// up), when every part runs our kernels on the same format and input size: the shared
    /// input is then quantized once and the products share one parallel region. Each row's
    /// arithmetic is unchanged, so the results are the parts' own bits. None otherwise.
    pub fn concat_rows(parts: &[&QMatMul]) -> Option<QMatMul> {
        fn cat<B: Clone>(all: &mut Option<Vec<B>>, b: &[B]) {
            all.get_or_insert_with(Vec::new).extend_from_slice(b);
        }
        let (mut k0, mut n_all) = (None, 0);
        let (mut q41, mut q80, mut q41x4, mut q80x4) = (None, None, None, None);
        for p in parts {
            let Inner::Own { w, n, k } = &p.0 else {
                return None;
            };
            if *k0.get_or_insert(*k) != *k {
                return None;
            }
            match w {
                Weights::Q4_1(b) => cat(&mut q41, b),
                Weights::Q8_0(b) => cat(&mut q80, b),
                // Packed groups concatenate only when no part ends in a padded group.
                Weights::Q4_1x4(_) | Weights::Q8_0x4(_) if !n.is_multiple_of(4) => return None,
                Weights::Q4_1x4(b) => cat(&mut q41x4, b),
                Weights::Q8_0x4(b) => cat(&mut q80x4, b),
            }
            n_all += n;
        }
        let w = match (q41, q80, q41x4, q80x4) {
            (Some(b), None, None, None) => Weights::Q4_1(Arc::new(b)),
            (None, Some(b), None, None) => Weights::Q8_0(Arc::new(b)),
            (None, None, Some(b), None) => Weights::Q4_1x4(Arc::new(b)),
            (None, None, None, Some(b)) => Weights::Q8_0x4(Arc::new(b)),
            _ => return None,
        };
        Some(Self(Inner::Own {
            w,
            n: n_all,
            k: k0?,
        }))
    }

    /// `y = x · Wᵀ` on `m` rows of f32 activations held in a slice (row-major `[m, in]`),
    /// giving `[m, out]`: the same arithmetic as `forward` without a tensor around it.
    pub fn forward_rows(&self, x: &[f32], m: usize) -> Result<Vec<f32>> {
        match &self.0 {
            Inner::Own { w, n, k } => {
                let (n, k) = (*n, *k);
                if x.len() != m * k {
                    candle_core::bail!("qmatmul: {} activations are not {m} rows of {k}", x.len());
                }
                let mut out = vec![0f32; m * n];
                own_matmul(w, n, k, x, m, &mut out);
                Ok(out)
            }
            Inner::Candle(q) => {
                let xs = Tensor::from_slice(x, (m, x.len() / m.max(1)), &candle_core::Device::Cpu)?;
                q.forward(&xs)?.flatten_all()?.to_vec1()
            }
        }
    }

    /// Output features (rows of the weight matrix).
    pub fn out_features(&self) -> Result<usize> {
        match &self.0 {
            Inner::Own { n, .. } => Ok(*n),
            Inner::Candle(candle_core::quantized::QMatMul::QTensor(t)) => Ok(t.shape().dims2()?.0),
            Inner::Candle(candle_core::quantized::QMatMul::Tensor(t))
            | Inner::Candle(candle_core::quantized::QMatMul::TensorF16(t)) => Ok(t.dims2()?.0),
        }
    }

    /// The kernels this layer runs, for benchmark notes ("q4_1 avx512vnni", "candle q6k").
    pub fn kernel(&self) -> String {
        match &self.0 {
            Inner::Own { w, .. } => {
                let (fmt, isa) = match w {
                    Weights::Q4_1(_) => ("q4_1·q8_1", format!("{:?}", qkernels::isa())),
                    Weights::Q8_0(_) => ("q8_0·q8_0", format!("{:?}", qkernels::isa())),
                    Weights::Q4_1x4(_) => ("q4_1·q8_1", "avx512vnni-512bit-4row".into()),
                    Weights::Q8_0x4(_) => ("q8_0·q8_0", "avx512vnni-512bit-4row".into()),
                };
                format!("{fmt} {isa}")
            }
            Inner::Candle(_) => "candle".to_string(),
        }
    }
}

/// `out[m, n] = x[m, k] · Wᵀ` with our kernels, whichever layout `w` is in.
fn own_matmul(w: &Weights, n: usize, k: usize, x: &[f32], m: usize, out: &mut [f32]) {
    let isa = qkernels::isa();
    match w {
        Weights::Q4_1(b) => qkernels::matmul::<BlockQ4_1>(isa, b, n, x, m, k, out),
        Weights::Q8_0(b) => qkernels::matmul::<BlockQ8_0>(isa, b, n, x, m, k, out),
        Weights::Q4_1x4(b) => qkernels::matmul_packed(b, n, x, m, k, out),
        Weights::Q8_0x4(b) => qkernels::matmul_packed(b, n, x, m, k, out),
    }
}

/// Linear layers that read the same input (q, k and v; gate and up). When their formats
/// allow (`QMatMul::concat_rows`), they run as one product whose output is split back: the
/// input is quantized once and the threads meet once instead of once per layer, and each
/// output is bit for bit the separate layer's. Otherwise each runs on its own.
#[derive(Debug, Clone)]
pub enum SharedInput {
    Fused { mm: QMatMul, sizes: Vec<usize> },
    Separate(Vec<QMatMul>),
}

impl SharedInput {
    pub fn new(parts: Vec<QMatMul>) -> Result<Self> {
        let refs: Vec<&QMatMul> = parts.iter().collect();
        let Some(mm) = QMatMul::concat_rows(&refs) else {
            return Ok(Self::Separate(parts));
        };
        let sizes = parts
            .iter()
            .map(|p| p.out_features())
            .collect::<Result<Vec<_>>>()?;
        Ok(Self::Fused { mm, sizes })
    }

    /// Each layer's `[.., out_i]` for the input `xs` (`[.., in]`).
    pub fn forward(&self, xs: &Tensor) -> Result<Vec<Tensor>> {
        match self {
            Self::Fused { mm, sizes } => {
                let y = mm.forward(xs)?;
                let mut start = 0;
                sizes
                    .iter()
                    .map(|&n| {
                        let part = y.narrow(candle_core::D::Minus1, start, n);
                        start += n;
                        part
                    })
                    .collect()
            }
            Self::Separate(parts) => parts.iter().map(|p| p.forward(xs)).collect(),
        }
    }

    /// Each layer's `[m, out_i]` for `m` rows of activations (`[m, in]`, row-major).
    pub fn forward_rows(&self, x: &[f32], m: usize) -> Result<Vec<Vec<f32>>> {
        match self {
            Self::Fused { mm, sizes } => {
                let y = mm.forward_rows(x, m)?;
                let total: usize = sizes.iter().sum();
                let mut start = 0;
                Ok(sizes
                    .iter()
                    .map(|&n| {
                        let part = if m == 1 {
                            y[start..start + n].to_vec()
                        } else {
                            y.chunks_exact(total)
                                .flat_map(|row| &row[start..start + n])
                                .copied()
                                .collect()
                        };
                        start += n;
                        part
                    })
                    .collect())
            }
            Self::Separate(parts) => parts.iter().map(|p| p.forward_rows(x, m)).collect(),
        }
    }
}

impl Module for QMatMul {
    fn forward(&self, xs: &Tensor) -> Result<Tensor> {
        match &self.0 {
            // The model families here run f32 activations; any other dtype is converted and
            // the result converted back.
            Inner::Own { .. } if xs.dtype() == DType::F32 => {
                xs.contiguous()?.apply_op1_no_bwd(self)
            }
            Inner::Own { .. } => xs
                .to_dtype(DType::F32)?
                .apply_op1_no_bwd(self)?
                .to_dtype(xs.dtype()),
            Inner::Candle(m) => m.forward(xs),
        }
    }
}

impl candle_core::CustomOp1 for QMatMul {
    fn name(&self) -> &'static str {
        "ingot-qmatmul"
    }

    fn cpu_fwd(&self, storage: &CpuStorage, layout: &Layout) -> Result<(CpuStorage, Shape)> {
        let Inner::Own { w, n, k } = &self.0 else {
            candle_core::bail!("ingot-qmatmul runs only its own formats")
        };
        let (n, k) = (*n, *k);
        let x = storage.as_slice::<f32>()?;
        let Some((start, end)) = layout.contiguous_offsets() else {
            candle_core::bail!("ingot-qmatmul needs contiguous activations")
        };
        let x = &x[start..end];
        let dims = layout.shape().dims();
        if dims.last() != Some(&k) {
            candle_core::bail!("qmatmul: activations {:?} do not end in {k}", dims);
        }
        let m = x.len() / k;
        let mut out = vec![0f32; m * n];
        own_matmul(w, n, k, x, m, &mut out);
        let mut od = dims.to_vec();
        *od.last_mut().unwrap() = n;
        Ok((CpuStorage::F32(out), Shape::from(od)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    /// Fixed pseudo-random data (splitmix64), uniform in [-a, a], so each run checks the same numbers: candle's
    /// CPU generator cannot be seeded, and a tolerance drawn against fresh random data fails now and then.
    fn uniform(dims: &[usize], a: f32, seed: u64, dev: &Device) -> Result<Tensor> {
        let mut s = seed;
        let n: usize = dims.iter().product();
        let v: Vec<f32> = (0..n)
            .map(|_| {
                s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = s;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^= z >> 31;
                ((z >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0) * a
            })
            .collect();
        Tensor::from_vec(v, dims, dev)
    }

    /// Our layer against candle's dequantized f32 matmul, on random weights quantized by
    /// candle itself (Q4_1 and Q8_0), at one activation row (decode) and several (prompt).
    #[test]
    fn matches_candle_dequantized_matmul() -> Result<()> {
        let dev = Device::Cpu;
        let (n, k) = (96, 576);
        let w = uniform(&[n, k], 0.0866, 1, &dev)?;
        for dt in [GgmlDType::Q4_1, GgmlDType::Q8_0] {
            let qt = QTensor::quantize(&w, dt)?;
            let deq = qt.dequantize(&dev)?;
            let ours = QMatMul::from_qtensor(qt)?;
            assert!(ours.kernel() != "candle", "{dt:?} should run our kernels");
            for m in [1usize, 7] {
                let x = uniform(&[1, m, k], 1.732, 2 + m as u64, &dev)?;
                let got = ours.forward(&x)?;
                assert_eq!(got.dims(), &[1, m, n]);
                let want = x.broadcast_matmul(&deq.t()?)?;
                let got: Vec<f32> = got.flatten_all()?.to_vec1()?;
                let want: Vec<f32> = want.flatten_all()?.to_vec1()?;
                // The only difference is the activation's 8-bit rounding: relative to the
                // row's size, well under 2%.
                let rms = (want.iter().map(|v| v * v).sum::<f32>() / want.len() as f32).sqrt();
                for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                    assert!(
                        (g - w).abs() < 0.02 * rms.max(1e-3),
                        "{dt:?} m={m} [{i}]: {g} vs {w}"
                    );
                }
            }
        }
        Ok(())
    }

    /// Fused layers give each separate layer's bits, through tensors and through slices, at
    /// one row and several; a format without our kernels keeps them separate.
    #[test]
    fn shared_input_layers_equal_separate_ones() -> Result<()> {
        let dev = Device::Cpu;
        let k = 256;
        for dt in [GgmlDType::Q4_1, GgmlDType::Q8_0] {
            let parts: Vec<QMatMul> = [64usize, 32, 36]
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    let w = uniform(&[n, k], 0.0866, 10 + i as u64, &dev)?;
                    QMatMul::from_qtensor(QTensor::quantize(&w, dt)?)
                })
                .collect::<Result<_>>()?;
            let fused = SharedInput::new(parts.clone())?;
            assert!(
                matches!(fused, SharedInput::Fused { .. }),
                "{dt:?} should fuse"
            );
            for m in [1usize, 5] {
                let x = uniform(&[1, m, k], 1.732, 20 + m as u64, &dev)?;
                let xv: Vec<f32> = x.flatten_all()?.to_vec1()?;
                let got = fused.forward(&x)?;
                let got_rows = fused.forward_rows(&xv, m)?;
                for (i, p) in parts.iter().enumerate() {
                    let want: Vec<f32> = p.forward(&x)?.flatten_all()?.to_vec1()?;
                    assert_eq!(
                        got[i].flatten_all()?.to_vec1::<f32>()?,
                        want,
                        "{dt:?} m={m} part {i}"
                    );
                    assert_eq!(got_rows[i], want, "{dt:?} m={m} part {i} (rows)");
                }
            }
        }
        let w = uniform(&[32, 256], 0.0866, 3, &dev)?;
        let q4k = QMatMul::from_qtensor(QTensor::quantize(&w, GgmlDType::Q4K)?)?;
        assert!(matches!(
            SharedInput::new(vec![q4k.clone(), q4k])?,
            SharedInput::Separate(_)
        ));
        Ok(())
    }

    /// Formats without our kernels run candle's own path.
    #[test]
    fn other_formats_fall_back_to_candle() -> Result<()> {
        let dev = Device::Cpu;
        let w = uniform(&[32, 256], 0.0866, 3, &dev)?;
        let qt = QTensor::quantize(&w, GgmlDType::Q4K)?;
        let deq = qt.dequantize(&dev)?;
        let ours = QMatMul::from_qtensor(qt)?;
        assert_eq!(ours.kernel(), "candle");
        let x = uniform(&[2, 256], 1.732, 4, &dev)?;
        let got: Vec<f32> = ours.forward(&x)?.flatten_all()?.to_vec1()?;
        let want: Vec<f32> = x.matmul(&deq.t()?)?.flatten_all()?.to_vec1()?;
        for (g, w) in got.iter().zip(&want) {
            assert!((g - w).abs() < 0.05, "{g} vs {w}");
        }
        Ok(())
    }
}
