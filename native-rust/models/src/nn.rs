//! Small building blocks shared by the encoders.

use crate::error::{Error, Result, ResultExt};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use std::path::{Path, PathBuf};

/// A dense layer stored as `W^T` (`[in, out]`, contiguous) so that `x @ W^T` is a plain
/// row-major GEMM with no transposed operand.
#[derive(Debug, Clone)]
pub struct Linear {
    /// `W^T`; `None` once the layer is quantized (`ingot compile --quantize int8`): the f32
    /// weights are then dropped (70 MB of MiniLM's 87), and the rare paths that need them (the
    /// portable forward, a GPU) dequantize `q` (`Linear::weight`). Also `None` when the layer
    /// was packed at load (`packed` set): the rare paths then unpack it.
    pub(crate) wt: Option<Tensor>,
    pub(crate) b: Option<Tensor>,
    /// The int8 form of the weights, used by `forward` on the CPU.
    pub(crate) q: Option<std::sync::Arc<crate::int8::Int8Weights>>,
    /// `W^T` packed for `crate::sgemm` (AVX-512 CPUs): packed at load by `from_torch` straight
    /// from the torch-layout weights (then `wt` is `None`), else at the first f32 CPU forward
    /// from `wt` and reset whenever `wt` changes; `None` inside where the packed kernels do
    /// not run. Packing at load keeps the first call as fast as the later ones (the packing of
    /// EmbeddingGemma's ~400 MB of layer weights was half its cold start) and every call bit
    /// for bit the same: the packed values are the same either way.
    packed: std::sync::OnceLock<Option<std::sync::Arc<crate::sgemm::PackedWeights>>>,
}

/// `cat(ws, 0).t().contiguous()` for f32 matrices `[out_i, in]` on the CPU, in one pass of
/// cache-sized tiles on all threads; `None` for other dtypes, devices or shapes. candle's
/// strided copy moves one element at a time and was the largest cost of loading
/// EmbeddingGemma (400 MB of layer weights transposed at every start).
fn transpose_cat_f32(ws: &[Tensor]) -> Result<Option<Tensor>> {
    use rayon::prelude::*;
    const TILE: usize = 32;
    let Some(first) = ws.first() else {
        return Ok(None);
    };
    let inn = match first.dims() {
        &[_, i] => i,
        _ => return Ok(None),
    };
    if ws.iter().any(|w| {
        w.dtype() != DType::F32 || !w.device().is_cpu() || w.dims().len() != 2 || w.dims()[1] != inn
    }) {
        return Ok(None);
    }
    let total: usize = ws.iter().map(|w| w.dims()[0]).sum();
    if inn == 0 || total == 0 {
        return Ok(None);
    }
    let mut out = vec![0f32; inn * total];
    let mut off = 0;
    for w in ws {
        let rows = w.dims()[0];
        let w = w.contiguous()?;
        crate::kernels::with_f32(&w, |src, l| {
            let src = &src[l.start_offset()..l.start_offset() + rows * inn];
            // Each task owns TILE output rows (input columns `c0..c0 + TILE`) and fills its
            // `off..off + rows` columns from TILE x TILE blocks of the source.
            out.par_chunks_mut(TILE * total)
                .enumerate()
                .for_each(|(blk, dst)| {
                    let c0 = blk * TILE;
                    let cn = dst.len() / total;
                    for r0 in (0..rows).step_by(TILE) {
                        let rn = TILE.min(rows - r0);
                        for dc in 0..cn {
                            let d = &mut dst[dc * total + off + r0..dc * total + off + r0 + rn];
                            for (dr, v) in d.iter_mut().enumerate() {
                                *v = src[(r0 + dr) * inn + c0 + dc];
                            }
                        }
                    }
                });
        })?;
        off += rows;
    }
    Ok(Some(Tensor::from_vec(out, (inn, total), &Device::Cpu)?))
}

/// `cat(ws, 0)` (f32 `[out_i, in]` on the CPU) packed for `crate::sgemm` without forming
/// `W^T`; `None` where the packed kernels do not run (`sgemm::enabled`), or for other dtypes,
/// devices or shapes.
fn pack_torch_f32(ws: &[Tensor]) -> Result<Option<crate::sgemm::PackedWeights>> {
    if !crate::sgemm::enabled() {
        return Ok(None);
    }
    let Some(&[_, inn]) = ws.first().map(|w| w.dims()) else {
        return Ok(None);
    };
    if ws.iter().any(|w| {
        w.dtype() != DType::F32 || !w.device().is_cpu() || w.dims().len() != 2 || w.dims()[1] != inn
    }) {
        return Ok(None);
    }
    let ws = ws
        .iter()
        .map(|w| w.contiguous())
        .collect::<candle_core::Result<Vec<_>>>()?;
    let guards: Vec<_> = ws.iter().map(|w| w.storage_and_layout()).collect();
    let mut slices = Vec::with_capacity(ws.len());
    for (w, (storage, layout)) in ws.iter().zip(&guards) {
        let candle_core::Storage::Cpu(cpu) = &**storage else {
            return Ok(None);
        };
        let all = cpu.as_slice::<f32>()?;
        let o = layout.start_offset();
        slices.push(&all[o..o + w.elem_count()]);
    }
    Ok(crate::sgemm::PackedWeights::pack_rows(&slices, inn))
}

impl Linear {
    /// From torch-layout weights `[out, in]` (several are concatenated along `out`:
    /// that is how Q, K and V fuse into one GEMM).
    pub fn from_torch(ws: &[Tensor], bs: Option<&[Tensor]>) -> Result<Self> {
        let b = match bs {
            Some(bs) if bs.len() == 1 => Some(bs[0].contiguous()?),
            Some(bs) => Some(Tensor::cat(bs, 0)?),
            None => None,
        };
        if let Some(pw) = pack_torch_f32(ws)? {
            return Ok(Linear {
                wt: None,
                b,
                q: None,
                packed: std::sync::OnceLock::from(Some(std::sync::Arc::new(pw))),
            });
        }
        let wt = match transpose_cat_f32(ws)? {
            Some(wt) => wt,
            None => {
                let w = if ws.len() == 1 {
                    ws[0].clone()
                } else {
                    Tensor::cat(ws, 0)?
                };
                w.t()?.contiguous()?
            }
        };
        Ok(Linear {
            wt: Some(wt),
            b,
            q: None,
            packed: Default::default(),
        })
    }

    /// `W^T` (`[in, out]`): the f32 weights, or in int8 mode their dequantized form (f32,
    /// on the CPU).
    pub(crate) fn weight(&self) -> Result<Tensor> {
        match (&self.wt, &self.q) {
            (Some(wt), _) => Ok(wt.clone()),
            (None, None) if self.packed_at_load().is_some() => {
                let pw = self.packed_at_load().unwrap();
                Ok(Tensor::from_vec(
                    pw.unpack(),
                    (pw.k(), pw.n()),
                    &Device::Cpu,
                )?)
            }
            (None, Some(q)) => Ok(Tensor::from_vec(
                q.dequantize(),
                (q.in_dim(), q.out_dim()),
                &Device::Cpu,
            )?),
            (None, None) => Err(Error::runtime("a linear layer without weights")),
        }
    }

    pub fn in_dim(&self) -> usize {
        match (&self.wt, &self.q) {
            (Some(wt), _) => wt.dims()[0],
            (None, Some(q)) => q.in_dim(),
            (None, None) => self.packed_at_load().map_or(0, |p| p.k()),
        }
    }

    /// The packing made at load, when the layer has no `wt`.
    fn packed_at_load(&self) -> Option<&crate::sgemm::PackedWeights> {
        match (&self.wt, &self.q) {
            (None, None) => self.packed.get().and_then(|p| p.as_deref()),
            _ => None,
        }
    }

    /// The same layer on another device (a GPU: see `crate::device`).
    pub fn to_device(&self, dev: &Device) -> Result<Self> {
        if dev.is_cpu() && self.packed_at_load().is_some() {
            return Ok(self.clone());
        }
        // The int8 kernels are CPU kernels; elsewhere the (dequantized) f32 weights run.
        let (wt, q) = match (&self.wt, dev.is_cpu()) {
            (Some(wt), true) => (Some(wt.to_device(dev)?), self.q.clone()),
            (None, true) => (None, self.q.clone()),
            (_, false) => (Some(self.weight()?.to_device(dev)?), None),
        };
        Ok(Linear {
            wt,
            b: self.b.as_ref().map(|b| b.to_device(dev)).transpose()?,
            q,
            packed: Default::default(),
        })
    }
    pub fn out_dim(&self) -> usize {
        match (&self.wt, &self.q) {
            (Some(wt), _) => wt.dims()[1],
            (None, Some(q)) => q.out_dim(),
            (None, None) => self.packed_at_load().map_or(0, |p| p.n()),
        }
    }

    /// Multiply every row by `s` (used to fold attention scaling into the Q projection).
    pub(crate) fn scale_cols(&mut self, start: usize, len: usize, s: f64) -> Result<()> {
        let out = self.out_dim();
        if self.packed_at_load().is_some() {
            // Scaled in place in the packing: the same f32 products as below.
            if let Some(Some(pw)) = self.packed.get_mut() {
                std::sync::Arc::make_mut(pw).scale_cols(start, len, s as f32);
            }
            if let Some(b) = &self.b {
                let mut f = vec![1f32; out];
                f[start..start + len].iter_mut().for_each(|v| *v = s as f32);
                let f = Tensor::from_vec(f, out, b.device())?.to_dtype(b.dtype())?;
                self.b = Some(b.mul(&f)?);
            }
            return Ok(());
        }
        let mut f = vec![1f32; out];
        f[start..start + len].iter_mut().for_each(|v| *v = s as f32);
        let wt = self.weight()?;
        let f = Tensor::from_vec(f, out, wt.device())?.to_dtype(wt.dtype())?;
        self.wt = Some(wt.broadcast_mul(&f)?.contiguous()?);
        self.packed = Default::default();
        if let Some(b) = &self.b {
            self.b = Some(b.mul(&f)?);
        }
        if self.q.is_some() {
            *self = self.to_int8()?;
        }
        Ok(())
    }

    /// `x @ W^T + b` for `x` of shape `[.., in]`.
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        self.forward_act(x, Activation::Identity)
    }

    /// The same layer with its weights quantized to int8 per output channel (`crate::int8`),
    /// the f32 weights dropped; `forward` then runs the int8 kernels on the CPU.
    pub fn to_int8(&self) -> Result<Self> {
        let (k, n) = (self.in_dim(), self.out_dim());
        let wt = self
            .weight()?
            .to_dtype(DType::F32)?
            .to_device(&Device::Cpu)?;
        let bias = match &self.b {
            Some(b) => Some(b.to_dtype(DType::F32)?.flatten_all()?.to_vec1::<f32>()?),
            None => None,
        };
        let q = crate::kernels::with_f32(&wt, |ws, l| {
            crate::int8::Int8Weights::quantize(
                &ws[l.start_offset()..l.start_offset() + k * n],
                k,
                n,
            )
        })?
        .with_bias(bias);
        Ok(Linear {
            wt: None,
            b: self.b.clone(),
            q: Some(std::sync::Arc::new(q)),
            packed: Default::default(),
        })
    }

    /// Whether `forward` runs int8 kernels.
    pub fn is_int8(&self) -> bool {
        self.q.is_some()
    }

    /// `act(x @ W^T + b)`: one GEMM with the bias and the activation fused (f32).
    pub fn forward_act(&self, x: &Tensor, act: Activation) -> Result<Tensor> {
        if let (Some(q), DType::F32, true) = (&self.q, x.dtype(), x.device().is_cpu()) {
            let dims = x.dims().to_vec();
            let k = *dims.last().unwrap();
            let rows: usize = dims[..dims.len() - 1].iter().product();
            let x2 = if dims.len() == 2 {
                x.clone()
            } else {
                x.contiguous()?.reshape((rows, k))?
            };
            let y = crate::int8::linear(&x2, q, self.b.as_ref(), act)?;
            let mut out = dims;
            *out.last_mut().unwrap() = self.out_dim();
            return Ok(y.reshape(out)?);
        }
        if let (Some(pw), DType::F32, true) =
            (self.packed_at_load(), x.dtype(), x.device().is_cpu())
        {
            let dims = x.dims().to_vec();
            let k = *dims.last().unwrap();
            let rows: usize = dims[..dims.len() - 1].iter().product();
            let x2 = if dims.len() == 2 {
                x.clone()
            } else {
                x.contiguous()?.reshape((rows, k))?
            };
            let y = crate::kernels::linear_packed(&x2, pw, self.b.as_ref(), act)?;
            let mut out = dims;
            *out.last_mut().unwrap() = self.out_dim();
            return Ok(y.reshape(out)?);
        }
        if let (Some(wt), DType::F32, true) = (&self.wt, x.dtype(), x.device().is_cpu()) {
            if wt.dtype() != DType::F32 {
                return act.apply(&self.forward_candle(x)?);
            }
            let dims = x.dims().to_vec();
            let k = *dims.last().unwrap();
            let rows: usize = dims[..dims.len() - 1].iter().product();
            let x2 = if dims.len() == 2 {
                x.clone()
            } else {
                x.contiguous()?.reshape((rows, k))?
            };
            let y = match self.packed() {
                Some(pw) => crate::kernels::linear_packed(&x2, pw, self.b.as_ref(), act)?,
                None => crate::kernels::linear(&x2, wt, self.b.as_ref(), act)?,
            };
            let mut out = dims;
            *out.last_mut().unwrap() = self.out_dim();
            return Ok(y.reshape(out)?);
        }
        act.apply(&self.forward_candle(x)?)
    }

    /// The packed form of `wt` for the f32 CPU kernels, packed on first use; `None` on CPUs
    /// without AVX-512F, for other dtypes or devices, or with `INGOT_SGEMM=0` (the gemm crate
    /// then runs, as before; the switch exists to compare the two in one build).
    fn packed(&self) -> Option<&crate::sgemm::PackedWeights> {
        self.packed
            .get_or_init(|| {
                let wt = self.wt.as_ref()?;
                if !crate::sgemm::enabled() || wt.dtype() != DType::F32 || !wt.device().is_cpu() {
                    return None;
                }
                let (k, n) = (self.in_dim(), self.out_dim());
                let wt = wt.contiguous().ok()?;
                crate::kernels::with_f32(&wt, |ws, l| {
                    crate::sgemm::PackedWeights::pack(
                        &ws[l.start_offset()..l.start_offset() + k * n],
                        k,
                        n,
                    )
                })
                .ok()
                .flatten()
                .map(std::sync::Arc::new)
            })
            .as_deref()
    }

    /// The same with candle ops only (any dtype).
    pub fn forward_candle(&self, x: &Tensor) -> Result<Tensor> {
        let dims = x.dims().to_vec();
        let k = *dims.last().unwrap();
        let rows: usize = dims[..dims.len() - 1].iter().product();
        let x2 = if x.is_contiguous() {
            x.reshape((rows, k))?
        } else {
            x.contiguous()?.reshape((rows, k))?
        };
        let wt = match &self.wt {
            Some(wt) => wt.clone(),
            None => self.weight()?.to_dtype(x.dtype())?.to_device(x.device())?,
        };
        let mut y = x2.matmul(&wt)?;
        if let Some(b) = &self.b {
            y = y.broadcast_add(b)?;
        }
        let mut out = dims;
        *out.last_mut().unwrap() = self.out_dim();
        Ok(y.reshape(out)?)
    }
}

/// What a linear layer of an encoder block does, so that a policy over every architecture
/// (int8 quantization: `crate::int8::Quantize`) can treat layers by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinearRole {
    /// The Q/K/V projection (fused or not).
    AttnIn,
    /// The attention output projection.
    AttnOut,
    /// The feed-forward up (and gate) projection.
    FfnIn,
    /// The feed-forward down projection.
    FfnOut,
}

/// One linear layer's place in the encoder: its block, how many blocks there are, its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinearSite {
    pub layer: usize,
    pub layers: usize,
    pub role: LinearRole,
}

/// A rewrite of one linear layer (`Linear::to_int8` under a policy).
pub type LinearMap<'a> = dyn Fn(LinearSite, &Linear) -> Result<Linear> + Sync + 'a;

/// LayerNorm with weight and bias (candle's fused kernel).
#[derive(Debug, Clone)]
pub struct LayerNorm {
    w: Tensor,
    b: Tensor,
    eps: f32,
}

impl LayerNorm {
    pub fn load(vb: &VarBuilder, size: usize, eps: f64) -> Result<Self> {
        // Old BERT checkpoints call these gamma/beta.
        let (w, b) = if vb.contains_tensor("weight") {
            (vb.get(size, "weight")?, vb.get(size, "bias")?)
        } else {
            (vb.get(size, "gamma")?, vb.get(size, "beta")?)
        };
        Ok(LayerNorm {
            w,
            b,
            eps: eps as f32,
        })
    }
    /// A LayerNorm whose bias the checkpoint may leave out (`bias=False`, as ModernBERT's):
    /// a missing bias is zeros.
    pub fn load_bias_opt(vb: &VarBuilder, size: usize, eps: f64) -> Result<Self> {
        let w = vb.get(size, "weight")?;
        let b = if vb.contains_tensor("bias") {
            vb.get(size, "bias")?
        } else {
            w.zeros_like()?
        };
        Ok(LayerNorm {
            w,
            b,
            eps: eps as f32,
        })
    }
    /// The weight, bias and epsilon, for the fused kernels.
    pub(crate) fn parts(&self) -> (&Tensor, &Tensor, f32) {
        (&self.w, &self.b, self.eps)
    }
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        Ok(candle_nn::ops::layer_norm(x, &self.w, &self.b, self.eps)?)
    }
    pub fn to_device(&self, dev: &Device) -> Result<Self> {
        Ok(LayerNorm {
            w: self.w.to_device(dev)?,
            b: self.b.to_device(dev)?,
            eps: self.eps,
        })
    }
    /// `LayerNorm(a + b)` for `[rows, d]` inputs, fused (f32), else with candle ops.
    pub fn forward_add(&self, a: &Tensor, b: &Tensor) -> Result<Tensor> {
        if a.dtype() == DType::F32
            && a.rank() == 2
            && self.w.dtype() == DType::F32
            && a.device().is_cpu()
        {
            return crate::kernels::add_layer_norm(a, b, &self.w, &self.b, self.eps);
        }
        self.forward(&(a + b)?)
    }
}

/// Gemma's RMSNorm: `x / sqrt(mean(x^2) + eps) * (1 + w)`; `1 + w` is computed at load.
#[derive(Debug, Clone)]
pub struct GemmaRmsNorm {
    alpha: Tensor,
    eps: f32,
}

impl GemmaRmsNorm {
    pub fn load(vb: &VarBuilder, size: usize, eps: f64, extra_scale: f64) -> Result<Self> {
        let w = vb.get(size, "weight")?;
        let alpha = ((w + 1.0)? * extra_scale)?;
        Ok(GemmaRmsNorm {
            alpha,
            eps: eps as f32,
        })
    }
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let x = if x.is_contiguous() {
            x.clone()
        } else {
            x.contiguous()?
        };
        Ok(candle_nn::ops::rms_norm(&x, &self.alpha, self.eps)?)
    }
    /// `1 + w` (times any extra scale folded in at load), for the fused kernels.
    pub(crate) fn alpha(&self) -> &Tensor {
        &self.alpha
    }
    pub fn to_device(&self, dev: &Device) -> Result<Self> {
        Ok(GemmaRmsNorm {
            alpha: self.alpha.to_device(dev)?,
            eps: self.eps,
        })
    }
}

/// RMSNorm as Llama and Qwen write it: `w * x / sqrt(mean(x^2) + eps)`, in f32.
#[derive(Debug, Clone)]
pub struct RmsNorm {
    alpha: Tensor,
    eps: f32,
}

impl RmsNorm {
    /// `extra_scale` is folded into the weight (the attention scale, for a q norm).
    pub fn load(vb: &VarBuilder, size: usize, eps: f64, extra_scale: f64) -> Result<Self> {
        let w = vb.get(size, "weight")?;
        let alpha = if extra_scale == 1.0 {
            w
        } else {
            (w * extra_scale)?
        };
        Ok(RmsNorm {
            alpha,
            eps: eps as f32,
        })
    }
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let x = if x.is_contiguous() {
            x.clone()
        } else {
            x.contiguous()?
        };
        Ok(candle_nn::ops::rms_norm(&x, &self.alpha, self.eps)?)
    }
    /// The weight (times any scale folded in at load), for the fused kernels.
    pub(crate) fn alpha(&self) -> &Tensor {
        &self.alpha
    }
    pub fn to_device(&self, dev: &Device) -> Result<Self> {
        Ok(RmsNorm {
            alpha: self.alpha.to_device(dev)?,
            eps: self.eps,
        })
    }
}

/// Hidden activations named in HF configs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    GeluErf,
    GeluTanh,
    Relu,
    Silu,
    Tanh,
    Identity,
}

impl Activation {
    pub fn from_name(name: &str) -> Result<Self> {
        Ok(match name {
            "gelu" | "gelu_python" => Activation::GeluErf,
            "gelu_new" | "gelu_pytorch_tanh" | "gelu_fast" | "gelu_tanh" => Activation::GeluTanh,
            "relu" => Activation::Relu,
            "silu" | "swish" => Activation::Silu,
            "tanh" => Activation::Tanh,
            "linear" | "identity" => Activation::Identity,
            other => return Err(Error::value(format!("unsupported activation {other:?}"))),
        })
    }
    pub fn apply(self, x: &Tensor) -> Result<Tensor> {
        Ok(match self {
            Activation::GeluErf => x.gelu_erf()?,
            Activation::GeluTanh => x.gelu()?,
            Activation::Relu => x.relu()?,
            Activation::Silu => x.silu()?,
            Activation::Tanh => x.tanh()?,
            Activation::Identity => x.clone(),
        })
    }
}

/// Additive attention bias from a `[b, t]` 0/1 mask: 0 where attended, f32::MIN where
/// masked (transformers' eager path uses `torch.finfo(dtype).min`). Shape `[b, 1, 1, t]`.
/// Returns None when nothing is masked, so the add can be skipped.
pub fn mask_bias(mask: &Tensor, dtype: DType) -> Result<Option<Tensor>> {
    let m = mask.to_dtype(DType::F32)?;
    let (b, t) = m.dims2()?;
    let flat = m.flatten_all()?.to_vec1::<f32>()?;
    if flat.iter().all(|&v| v != 0.0) {
        return Ok(None);
    }
    let bias: Vec<f32> = flat
        .iter()
        .map(|&v| if v != 0.0 { 0.0 } else { f32::MIN })
        .collect();
    Ok(Some(
        Tensor::from_vec(bias, (b, 1, 1, t), &Device::Cpu)?.to_dtype(dtype)?,
    ))
}

/// Which files hold the weights: `model.safetensors`, or the shards listed in
/// `model.safetensors.index.json`. Pickle checkpoints are refused.
pub fn safetensors_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let single = dir.join("model.safetensors");
    if single.is_file() {
        return Ok(vec![single]);
    }
    let index = dir.join("model.safetensors.index.json");
    if index.is_file() {
        let v = crate::hub::read_json(&index)?;
        let mut files: Vec<String> = v
            .get("weight_map")
            .and_then(|m| m.as_object())
            .map(|m| {
                m.values()
                    .filter_map(|f| f.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files.dedup();
        if files.is_empty() {
            return Err(Error::value(format!(
                "{}: empty weight_map",
                index.display()
            )));
        }
        return Ok(files.into_iter().map(|f| dir.join(f)).collect());
    }
    if dir.join("pytorch_model.bin").is_file() {
        return Err(Error::os(format!(
            "{} has only pytorch_model.bin; Ingot loads safetensors only (pickle files can run code)",
            dir.display()
        )));
    }
    Err(Error::os(format!(
        "no model.safetensors in {}",
        dir.display()
    )))
}

/// A VarBuilder backend over memory-mapped safetensors files that copies a tensor out on
/// `get` and then tells the kernel it no longer needs those file pages (MADV_DONTNEED), so
/// the mapped file does not stay resident next to the copies: peak RSS is about one model,
/// not two. (candle's MmapedSafetensors keeps every touched page mapped until it is dropped.)
struct ReleasingMmap {
    maps: Vec<memmap2::Mmap>,
    /// name -> (file index, dtype, shape, absolute byte range)
    index: std::collections::HashMap<String, (usize, DType, Vec<usize>, usize, usize)>,
}

fn st_dtype(d: safetensors::Dtype) -> Option<DType> {
    use safetensors::Dtype as S;
    Some(match d {
        S::F32 => DType::F32,
        S::F16 => DType::F16,
        S::BF16 => DType::BF16,
        S::F64 => DType::F64,
        S::I64 => DType::I64,
        S::U32 => DType::U32,
        S::U8 => DType::U8,
        _ => return None,
    })
}

impl ReleasingMmap {
    fn open(files: &[PathBuf]) -> Result<Self> {
        let mut maps = Vec::with_capacity(files.len());
        let mut index = std::collections::HashMap::new();
        for (fi, f) in files.iter().enumerate() {
            let file = std::fs::File::open(f).ctx(f.display())?;
            // SAFETY: read-only mapping; modifying a weights file while it is being loaded is
            // not supported (as with every mmap loader).
            let map = unsafe { memmap2::Mmap::map(&file) }.ctx(f.display())?;
            let (n, meta) = safetensors::SafeTensors::read_metadata(&map).map_err(|e| {
                Error::runtime(format!("cannot read safetensors {}: {e}", f.display()))
            })?;
            let base = 8 + n;
            for (name, info) in meta.tensors() {
                let Some(dt) = st_dtype(info.dtype) else {
                    return Err(Error::value(format!(
                        "{}: tensor {name} has unsupported dtype {:?}",
                        f.display(),
                        info.dtype
                    )));
                };
                index.insert(
                    name,
                    (
                        fi,
                        dt,
                        info.shape.clone(),
                        base + info.data_offsets.0,
                        base + info.data_offsets.1,
                    ),
                );
            }
            maps.push(map);
        }
        Ok(ReleasingMmap { maps, index })
    }
}

impl candle_nn::var_builder::SimpleBackend for ReleasingMmap {
    fn get(
        &self,
        s: candle_core::Shape,
        name: &str,
        _: candle_nn::Init,
        dtype: DType,
        dev: &Device,
    ) -> candle_core::Result<Tensor> {
        let t = self.get_unchecked(name, dtype, dev)?;
        if t.shape() != &s {
            candle_core::bail!(
                "shape mismatch for {name}: expected {s:?}, found {:?} in the weights file",
                t.shape()
            );
        }
        Ok(t)
    }

    fn get_unchecked(&self, name: &str, dtype: DType, dev: &Device) -> candle_core::Result<Tensor> {
        let Some((fi, dt, shape, a, b)) = self.index.get(name) else {
            candle_core::bail!("cannot find tensor {name} in the weights file");
        };
        let map = &self.maps[*fi];
        let t = Tensor::from_raw_buffer(&map[*a..*b], *dt, shape, dev)?.to_dtype(dtype)?;
        #[cfg(unix)]
        // SAFETY: the bytes were copied into `t` above and no reference into this range is
        // kept; the mapping is read-only and file-backed, so a later read just faults the
        // pages back in from the file.
        unsafe {
            let _ = map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, *a, b - a);
        }
        Ok(t)
    }

    fn contains_tensor(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }
}

/// A row-major f32 matrix read in place from a memory-mapped safetensors file: an embedding
/// table that is only ever gathered by row. Only the pages of rows a call touches become
/// resident, so a 262k-row table (EmbeddingGemma's 805 MB) costs neither a copy at load time
/// nor its size in RSS.
#[derive(Clone)]
pub(crate) struct MappedRows {
    map: std::sync::Arc<memmap2::Mmap>,
    /// Byte offset of the first element in the file.
    offset: usize,
    pub rows: usize,
    pub cols: usize,
}

impl std::fmt::Debug for MappedRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MappedRows[{}, {}]", self.rows, self.cols)
    }
}

impl MappedRows {
    /// The tensor `name` of the first of `files` that holds it, mapped in place, if it is a
    /// 2-d little-endian f32 tensor whose data is 4-byte aligned in the file (safetensors
    /// files written by `safetensors` are). `None` otherwise: the caller then copies it as
    /// any other weight.
    pub fn open(files: &[PathBuf], name: &str) -> Result<Option<Self>> {
        if cfg!(target_endian = "big") {
            return Ok(None);
        }
        for f in files {
            let file = std::fs::File::open(f).ctx(f.display())?;
            // SAFETY: read-only mapping of a weights file, as in ReleasingMmap.
            let map = unsafe { memmap2::Mmap::map(&file) }.ctx(f.display())?;
            let (n, meta) = safetensors::SafeTensors::read_metadata(&map).map_err(|e| {
                Error::runtime(format!("cannot read safetensors {}: {e}", f.display()))
            })?;
            let Some(info) = meta.tensors().remove(name) else {
                continue;
            };
            let (a, b) = (8 + n + info.data_offsets.0, 8 + n + info.data_offsets.1);
            let &[rows, cols] = info.shape.as_slice() else {
                return Ok(None);
            };
            let aligned = (map.as_ptr() as usize + a).is_multiple_of(std::mem::align_of::<f32>());
            if info.dtype != safetensors::Dtype::F32
                || !aligned
                || b - a != rows * cols * 4
                || b > map.len()
            {
                return Ok(None);
            }
            #[cfg(unix)]
            // The table is read at random rows; read-ahead of neighbouring pages is wasted.
            let _ = map.advise_range(memmap2::Advice::Random, a, b - a);
            return Ok(Some(MappedRows {
                map: std::sync::Arc::new(map),
                offset: a,
                rows,
                cols,
            }));
        }
        Ok(None)
    }

    /// Row `i` (`i < rows`).
    pub fn row(&self, i: usize) -> &[f32] {
        let bytes =
            &self.map[self.offset + i * self.cols * 4..self.offset + (i + 1) * self.cols * 4];
        // SAFETY: `open` checked the alignment and length, every bit pattern is a valid f32,
        // and the mapping lives as long as `self`.
        unsafe { std::slice::from_raw_parts(bytes.as_ptr() as *const f32, self.cols) }
    }

    /// The whole table as a tensor on the CPU (a copy), for devices and the portable path.
    pub fn to_tensor(&self) -> Result<Tensor> {
        let bytes = &self.map[self.offset..self.offset + self.rows * self.cols * 4];
        Ok(Tensor::from_raw_buffer(
            bytes,
            DType::F32,
            &[self.rows, self.cols],
            &Device::Cpu,
        )?)
    }
}

/// Memory-map safetensors files into a VarBuilder. Bad headers become errors naming the
/// file, not panics.
pub fn mmap_var_builder(files: &[PathBuf], dtype: DType) -> Result<VarBuilder<'static>> {
    for f in files {
        if !f.is_file() {
            return Err(Error::os(format!(
                "weights file {} does not exist",
                f.display()
            )));
        }
    }
    let backend: Box<dyn candle_nn::var_builder::SimpleBackend> =
        Box::new(ReleasingMmap::open(files)?);
    Ok(VarBuilder::from_backend(backend, dtype, Device::Cpu))
}

/// One tensor of a safetensors file, on the CPU in its stored dtype: what
/// `safetensors.torch.load_file(path)[name]` gives (e.g. a sentence-transformers Dense
/// layer's `linear.weight`). Errors name the file and, for a missing name, what it holds.
pub fn load_tensor(path: impl AsRef<Path>, name: &str) -> Result<Tensor> {
    let path = path.as_ref();
    let backend = ReleasingMmap::open(&[path.to_path_buf()])?;
    let Some((_, dt, _, _, _)) = backend.index.get(name) else {
        let mut names: Vec<&str> = backend.index.keys().map(String::as_str).collect();
        names.sort_unstable();
        return Err(Error::value(format!(
            "{}: no tensor {name:?} (it holds {})",
            path.display(),
            names.join(", ")
        )));
    };
    use candle_nn::var_builder::SimpleBackend;
    backend
        .get_unchecked(name, *dt, &Device::Cpu)
        .ctx(path.display())
}

/// Find the prefix under which a checkpoint stores the backbone: "" or e.g. "bert." /
/// "model.". `probe` is a tensor name relative to the backbone.
pub fn detect_prefix(vb: &VarBuilder, probe: &str, prefixes: &[&str]) -> Result<String> {
    for p in prefixes {
        if vb.contains_tensor(&format!("{p}{probe}")) {
            return Ok(p.to_string());
        }
    }
    Err(Error::value(format!(
        "weights do not contain {probe:?} (tried prefixes {prefixes:?}); not the expected architecture?"
    )))
}

pub(crate) fn cfg_usize(cfg: &serde_json::Value, key: &str) -> Result<usize> {
    cfg.get(key)
        .and_then(|v| v.as_u64())
        .map(|v| v as usize)
        .ok_or_else(|| Error::value(format!("config.json: missing or invalid {key:?}")))
}

pub(crate) fn cfg_f64(cfg: &serde_json::Value, key: &str, default: f64) -> f64 {
    cfg.get(key).and_then(|v| v.as_f64()).unwrap_or(default)
}

/// Read a `[rows, cols]` f32 matrix out of a tensor (for tests and callers).
pub fn to_vec2_f32(t: &Tensor) -> Result<Vec<Vec<f32>>> {
    t.to_dtype(DType::F32)?.to_vec2::<f32>().ctx("to_vec2")
}

/// Keep freed activation buffers in the process instead of handing them back to the kernel
/// after every op. Every op allocates its output (a few MB at batch 32); with glibc's
/// defaults those come from fresh `mmap`s or a heap that is trimmed at each free, so each
/// forward pays page faults and zeroing for every buffer again (~8% of batch-32 time idle,
/// much more when the machine is busy). Set once, process-wide, at the first model load:
/// allocations under 64 MiB come from the heap and up to 512 MiB of free heap is kept.
/// `INGOT_MALLOC_TUNING=0` turns this off. glibc (Linux) only; a no-op elsewhere.
pub(crate) fn tune_allocator() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if std::env::var("INGOT_MALLOC_TUNING").is_ok_and(|v| v == "0") {
            return;
        }
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        {
            extern "C" {
                fn mallopt(param: i32, value: i32) -> i32;
            }
            const M_TRIM_THRESHOLD: i32 = -1;
            const M_MMAP_THRESHOLD: i32 = -3;
            // SAFETY: mallopt only changes glibc's allocation thresholds.
            unsafe {
                mallopt(M_MMAP_THRESHOLD, 64 << 20);
                mallopt(M_TRIM_THRESHOLD, 512 << 20);
            }
        }
    });
}

#[cfg(test)]
mod transpose_tests {
    use super::*;

    /// The tiled transpose gives candle's `cat(ws, 0).t().contiguous()`, on shapes that are
    /// and are not multiples of the tile.
    #[test]
    fn transpose_cat_matches_candle() {
        for (outs, inn) in [
            (vec![5usize], 3usize),
            (vec![64, 32, 32], 96),
            (vec![70, 33], 45),
        ] {
            let ws: Vec<Tensor> = outs
                .iter()
                .enumerate()
                .map(|(i, &o)| {
                    let v: Vec<f32> = (0..o * inn)
                        .map(|k| (k * 31 + i * 7) as f32 * 0.5)
                        .collect();
                    Tensor::from_vec(v, (o, inn), &Device::Cpu).unwrap()
                })
                .collect();
            let want = Tensor::cat(&ws, 0)
                .unwrap()
                .t()
                .unwrap()
                .contiguous()
                .unwrap();
            let got = transpose_cat_f32(&ws).unwrap().unwrap();
            assert_eq!(got.dims(), want.dims());
            assert_eq!(
                got.flatten_all().unwrap().to_vec1::<f32>().unwrap(),
                want.flatten_all().unwrap().to_vec1::<f32>().unwrap()
            );
        }
    }
}
