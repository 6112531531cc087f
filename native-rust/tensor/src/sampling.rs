//! What a hand-written decoding loop does to the last step's logits: `softmax`, `cumsum`,
//! `sort`, `topk`, `gather`, `scatter`, `masked_fill`, and random draws with `multinomial`
//! from a seeded [`Generator`].
//!
//! Every op here works lane by lane along one dimension of a row-major array: a lane is the
//! `n` elements at stride `inner` that share every other index.
//!
//! Random draws cannot match PyTorch's Philox/MT streams bit for bit, so Ingot defines its own:
//! a generator is a splitmix64 stream of 64-bit words, each turned into a uniform double in
//! [0, 1) by its top 53 bits. A seed fixes the stream, so a seeded program draws the same values
//! on every run and every platform. `multinomial` draws each sample by inverse CDF over one
//! uniform: the first category whose running sum exceeds `u * total`. A category of probability
//! zero is therefore never drawn while a positive one remains, and a one-hot distribution always
//! gives its index.

use std::sync::{Arc, Mutex};

use ingot_runtime::{PyErr, PyResult};

use crate::ops::{broadcast_shape, dim_ix, where_};
use crate::{DType, Flat, NdArray};

/// The seed of torch's default CPU generator before any `torch.manual_seed`.
const DEFAULT_SEED: u64 = 67_280_421_310_721;

/// The default generator that `torch.manual_seed` reseeds and that draws without `generator=`.
/// It is process-wide, as torch's is: concurrent unseeded calls share one stream.
static DEFAULT: Mutex<u64> = Mutex::new(DEFAULT_SEED);

/// A `torch.Generator`: a handle shared by every name that holds it (drawing advances it for
/// all of them, as in Python). `None` is the default generator.
#[derive(Clone, Debug)]
pub struct Generator(Option<Arc<Mutex<u64>>>);

impl Default for Generator {
    /// `torch.Generator()`: a new generator with torch's default seed.
    fn default() -> Generator {
        Generator(Some(Arc::new(Mutex::new(DEFAULT_SEED))))
    }
}

impl Generator {
    /// `torch.Generator()`.
    pub fn new() -> Generator {
        Generator::default()
    }

    /// `g.manual_seed(seed)`: reseeds this generator and returns it, so
    /// `torch.Generator().manual_seed(s)` is one expression.
    pub fn manual_seed(&self, seed: i64) -> Generator {
        self.with(|s| *s = seed as u64);
        self.clone()
    }

    fn with<R>(&self, f: impl FnOnce(&mut u64) -> R) -> R {
        // A poisoned lock only means another thread panicked mid-draw; the state is a plain word.
        match &self.0 {
            None => f(&mut DEFAULT.lock().unwrap_or_else(|e| e.into_inner())),
            Some(m) => f(&mut m.lock().unwrap_or_else(|e| e.into_inner())),
        }
    }

    /// torch's default generator: the one `torch.manual_seed` reseeds.
    pub fn default_generator() -> Generator {
        Generator(None)
    }

    /// The next 64-bit word of the stream. A library that samples with its own generator (as
    /// `model.generate` does) seeds it with one, so the caller's seed fixes its draws too.
    pub fn next_u64(&self) -> u64 {
        self.with(|s| {
            *s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = *s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
    }

    /// The next uniform double in [0, 1).
    pub fn uniform(&self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// `torch.manual_seed(seed)`: reseeds the default generator and returns it.
pub fn manual_seed(seed: i64) -> Generator {
    let g = Generator(None);
    g.manual_seed(seed)
}

/// The lane layout of `dims` along axis `ax`: (lanes before it, its length, elements after it).
fn lanes(dims: &[usize], ax: usize) -> (usize, usize, usize) {
    if dims.is_empty() {
        return (1, 1, 1);
    }
    let outer = dims[..ax].iter().product();
    let inner = dims[ax + 1..].iter().product();
    (outer, dims[ax], inner)
}

/// The flat positions of every lane, in order.
fn lane_positions(dims: &[usize], ax: usize) -> impl Iterator<Item = Vec<usize>> {
    let (outer, n, inner) = lanes(dims, ax);
    (0..outer).flat_map(move |o| {
        (0..inner).map(move |k| (0..n).map(|i| (o * n + i) * inner + k).collect())
    })
}

fn float_of(a: &NdArray, what: &str) -> PyResult<Vec<f64>> {
    if !a.dtype().is_float() {
        return Err(PyErr::not_implemented_error(format!(
            "\"{what}\" not implemented for '{}'",
            torch_name(a.dtype())
        )));
    }
    a.to_f64_vec()
}

fn torch_name(d: DType) -> &'static str {
    d.torch_scalar_name()
}

/// `torch.softmax(t, dim)` / `F.softmax` / `t.softmax(dim)`: exp(x - max) / sum along `dim`,
/// computed in f64 and stored in the input's float dtype. A lane of all `-inf` gives NaN, as in torch.
pub fn softmax(a: &NdArray, dim: i64) -> PyResult<NdArray> {
    let ax = dim_ix(dim, a.ndim())?;
    let mut x = float_of(a, "softmax")?;
    for pos in lane_positions(a.dims(), ax) {
        let m = pos.iter().map(|&p| x[p]).fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = pos.iter().map(|&p| (x[p] - m).exp()).collect();
        let s: f64 = e.iter().sum();
        for (&p, v) in pos.iter().zip(e) {
            x[p] = v / s;
        }
    }
    NdArray::from_f64(x, a.dims(), a.dtype())
}

/// `torch.cumsum(t, dim)`: running sums along `dim`; integers and bools sum as int64.
pub fn cumsum(a: &NdArray, dim: i64) -> PyResult<NdArray> {
    let ax = dim_ix(dim, a.ndim())?;
    match a.flat()? {
        Flat::F(mut x) => {
            for pos in lane_positions(a.dims(), ax) {
                let mut s = 0.0;
                for p in pos {
                    s += x[p];
                    x[p] = s;
                }
            }
            NdArray::from_f64(x, a.dims(), a.dtype())
        }
        f => {
            let mut x: Vec<i64> = match f {
                Flat::I(v) => v,
                Flat::B(v) => v.into_iter().map(i64::from).collect(),
                Flat::F(_) => unreachable!("floats are handled above"),
            };
            for pos in lane_positions(a.dims(), ax) {
                let mut s = 0i64;
                for p in pos {
                    s = s.wrapping_add(x[p]);
                    x[p] = s;
                }
            }
            NdArray::from_i64(x, a.dims())
        }
    }
}

/// The order of one lane: a stable sort, NaN largest (torch puts NaN last ascending, first descending).
fn order(lane: &[f64], descending: bool) -> Vec<usize> {
    let key = |x: f64| if x.is_nan() { f64::INFINITY } else { x };
    let rank = |x: f64| (x.is_nan(), key(x));
    let mut idx: Vec<usize> = (0..lane.len()).collect();
    idx.sort_by(|&i, &j| {
        let (a, b) = (rank(lane[i]), rank(lane[j]));
        let o =
            a.1.partial_cmp(&b.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.0.cmp(&b.0));
        if descending {
            o.reverse()
        } else {
            o
        }
    });
    idx
}

/// The first `k` of each lane's order along `dim`: (values, int64 indices), shaped like `a`
/// with `dim` of length `k`.
fn select(a: &NdArray, dim: i64, k: usize, descending: bool) -> PyResult<(NdArray, NdArray)> {
    let ax = dim_ix(dim, a.ndim())?;
    let dims = a.dims().to_vec();
    let mut out_dims = dims.clone();
    if !out_dims.is_empty() {
        out_dims[ax] = k;
    }
    let x = a.to_f64_vec()?;
    let flat = a.flat()?;
    let (outer, _, inner) = lanes(&dims, ax);
    let mut values = vec![0.0; outer * k * inner];
    let mut indices = vec![0i64; outer * k * inner];
    let mut src = vec![0usize; outer * k * inner];
    for (l, pos) in lane_positions(&dims, ax).enumerate() {
        let (o, kk) = (l / inner, l % inner);
        let lane: Vec<f64> = pos.iter().map(|&p| x[p]).collect();
        for (j, &i) in order(&lane, descending).iter().take(k).enumerate() {
            let q = (o * k + j) * inner + kk;
            values[q] = lane[i];
            indices[q] = i as i64;
            src[q] = pos[i];
        }
    }
    // Values keep the input's storage exactly (int64 beyond 2^53 must not pass through f64).
    let vals = match flat {
        Flat::F(_) => NdArray::from_f64(values, &out_dims, a.dtype())?,
        Flat::I(v) => NdArray::from_i64(src.iter().map(|&p| v[p]).collect(), &out_dims)?,
        Flat::B(v) => NdArray::from_bool(src.iter().map(|&p| v[p]).collect(), &out_dims)?,
    };
    Ok((vals, NdArray::from_i64(indices, &out_dims)?))
}

/// `torch.sort(t, dim=-1, descending=False)`: (values, indices), stable.
pub fn sort(a: &NdArray, dim: i64, descending: bool) -> PyResult<(NdArray, NdArray)> {
    let n = if a.ndim() == 0 {
        1
    } else {
        a.dims()[dim_ix(dim, a.ndim())?]
    };
    select(a, dim, n, descending)
}

/// `torch.topk(t, k, dim=-1, largest=True, sorted=True)`: the `k` largest (or smallest) of each
/// lane, in order; ties keep index order.
pub fn topk(a: &NdArray, k: i64, dim: i64, largest: bool) -> PyResult<(NdArray, NdArray)> {
    let n = if a.ndim() == 0 {
        1
    } else {
        a.dims()[dim_ix(dim, a.ndim())?]
    };
    if k < 0 || k as usize > n {
        return Err(PyErr::runtime_error("selected index k out of range"));
    }
    select(a, dim, k as usize, largest)
}

/// The index array's values as positions along `dim` of `a`, checked: `index` must be int64,
/// of `a`'s rank, and no larger than `a` in the other dimensions.
pub(crate) fn index_positions(a: &NdArray, ax: usize, index: &NdArray, what: &str) -> PyResult<Vec<usize>> {
    if index.dtype() != DType::Int64 {
        return Err(PyErr::runtime_error(format!(
            "{what}(): Expected dtype int64 for index"
        )));
    }
    if index.ndim() != a.ndim() {
        return Err(PyErr::runtime_error(
            "Index tensor must have the same number of dimensions as input tensor",
        ));
    }
    for (d, (&i, &s)) in index.dims().iter().zip(a.dims()).enumerate() {
        if d != ax && i > s {
            return Err(PyErr::runtime_error(format!(
                "Size does not match at dimension {d} expected index {:?} to be no larger than self {:?} apart from dimension {ax}",
                index.dims(),
                a.dims()
            )));
        }
    }
    let n = if a.ndim() == 0 { 1 } else { a.dims()[ax] } as i64;
    let Flat::I(ix) = index.flat()? else {
        unreachable!("checked int64 above")
    };
    let dims = index.dims();
    let mut strides_a = vec![1usize; dims.len()];
    for d in (0..dims.len().saturating_sub(1)).rev() {
        strides_a[d] = strides_a[d + 1] * a.dims()[d + 1];
    }
    let mut out = Vec::with_capacity(ix.len());
    let mut coord = vec![0usize; dims.len()];
    for &v in &ix {
        let j = if v < 0 { v + n } else { v };
        if j < 0 || j >= n {
            return Err(PyErr::runtime_error(format!(
                "index {v} is out of bounds for dimension {ax} with size {n}"
            )));
        }
        let mut p = 0;
        for d in 0..dims.len() {
            p += strides_a[d] * if d == ax { j as usize } else { coord[d] };
        }
        out.push(p);
        // The next row-major coordinate of `index`.
        for d in (0..dims.len()).rev() {
            coord[d] += 1;
            if coord[d] < dims[d] {
                break;
            }
            coord[d] = 0;
        }
    }
    Ok(out)
}

/// `torch.gather(t, dim, index)`: out[i][j] = t[i][index[i][j]] (for dim 1), shaped like `index`.
pub fn gather(a: &NdArray, dim: i64, index: &NdArray) -> PyResult<NdArray> {
    let ax = dim_ix(dim, a.ndim())?;
    let pos = index_positions(a, ax, index, "gather")?;
    let data = match a.flat()? {
        Flat::F(v) => Flat::F(pos.iter().map(|&p| v[p]).collect()),
        Flat::I(v) => Flat::I(pos.iter().map(|&p| v[p]).collect()),
        Flat::B(v) => Flat::B(pos.iter().map(|&p| v[p]).collect()),
    };
    NdArray::from_flat(data, index.dims(), a.dtype())
}

/// `t.scatter(dim, index, src)`: a copy of `t` with t[i][index[i][j]] = src[i][j] (for dim 1);
/// `src` is a tensor (read where `index` is) or a scalar. Later writes to one place win.
pub fn scatter(
    a: &NdArray,
    dim: i64,
    index: &NdArray,
    src: impl Into<crate::Operand>,
) -> PyResult<NdArray> {
    let ax = dim_ix(dim, a.ndim())?;
    let pos = index_positions(a, ax, index, "scatter")?;
    let src = match src.into() {
        crate::Operand::Arr(s) => {
            if s.ndim() != index.ndim() || s.dims().iter().zip(index.dims()).any(|(s, i)| s < i) {
                return Err(PyErr::runtime_error(format!(
                    "Expected index {:?} to be no larger than src {:?}",
                    index.dims(),
                    s.dims()
                )));
            }
            // Read src at the index's coordinates: slice it down to the index's shape.
            let mut t = s.astype(a.dtype())?;
            for (d, &n) in index.dims().iter().enumerate() {
                t = NdArray::from_tensor(t.tensor().narrow(d, 0, n).map_err(crate::ce)?)?
                    .astype(a.dtype())?;
            }
            t.flat()?
        }
        scalar => match scalar.to_array(a.dtype())?.flat()? {
            Flat::F(v) => Flat::F(vec![v[0]; pos.len()]),
            Flat::I(v) => Flat::I(vec![v[0]; pos.len()]),
            Flat::B(v) => Flat::B(vec![v[0]; pos.len()]),
        },
    };
    let data = match (a.flat()?, src) {
        (Flat::F(mut v), Flat::F(s)) => {
            pos.iter().zip(s).for_each(|(&p, x)| v[p] = x);
            Flat::F(v)
        }
        (Flat::I(mut v), Flat::I(s)) => {
            pos.iter().zip(s).for_each(|(&p, x)| v[p] = x);
            Flat::I(v)
        }
        (Flat::B(mut v), Flat::B(s)) => {
            pos.iter().zip(s).for_each(|(&p, x)| v[p] = x);
            Flat::B(v)
        }
        _ => {
            return Err(PyErr::runtime_error(
                "scatter(): src and self must have the same dtype",
            ))
        }
    };
    NdArray::from_flat(data, a.dims(), a.dtype())
}

/// `t.masked_fill(mask, value)`: `value` where the bool `mask` (broadcast to `t`'s shape) is true.
pub fn masked_fill(
    a: &NdArray,
    mask: &NdArray,
    value: impl Into<crate::Operand>,
) -> PyResult<NdArray> {
    if mask.dtype() != DType::Bool {
        return Err(PyErr::runtime_error(format!(
            "masked_fill_ only supports boolean masks, but got mask with dtype {}",
            crate::ops::torch_dtype_name(mask.dtype())
        )));
    }
    if broadcast_shape(mask.dims(), a.dims())? != a.dims() {
        return Err(PyErr::runtime_error(format!(
            "The size of the mask must be broadcastable to the tensor: mask {:?}, tensor {:?}",
            mask.dims(),
            a.dims()
        )));
    }
    let v = value.into().to_array(a.dtype())?;
    where_(mask, &v, a)?.astype(a.dtype())
}

/// `torch.multinomial(probs, num_samples, replacement=False, generator=None)`: int64 category
/// indices drawn from each row of a 1-D or 2-D tensor of non-negative weights (they need not sum
/// to 1). Without replacement a drawn category leaves the row; once every positive one is
/// drawn, the remaining zero-weight categories follow in index order (torch also returns them).
pub fn multinomial(
    probs: &NdArray,
    num_samples: i64,
    replacement: bool,
    generator: Option<&Generator>,
) -> PyResult<NdArray> {
    if !probs.dtype().is_float() {
        return Err(PyErr::runtime_error(format!(
            "multinomial only supports floating-point dtypes for input, got: {}",
            torch_name(probs.dtype())
        )));
    }
    if probs.ndim() != 1 && probs.ndim() != 2 {
        return Err(PyErr::runtime_error("prob_dist must be 1 or 2 dim"));
    }
    if num_samples <= 0 {
        return Err(PyErr::runtime_error("cannot sample n_sample <= 0 samples"));
    }
    let n = *probs.dims().last().expect("1 or 2 dims");
    let k = num_samples as usize;
    if !replacement && k > n {
        return Err(PyErr::runtime_error(
            "cannot sample n_sample > prob_dist.size(-1) samples without replacement",
        ));
    }
    let x = probs.to_f64_vec()?;
    let rows: Vec<&[f64]> = if n == 0 {
        vec![]
    } else {
        x.chunks(n).collect()
    };
    // Every row is checked before any draw, so a bad row never advances the generator.
    for row in &rows {
        if row.iter().any(|p| !p.is_finite() || *p < 0.0) {
            return Err(PyErr::runtime_error(
                "probability tensor contains either `inf`, `nan` or element < 0",
            ));
        }
        if row.iter().sum::<f64>() <= 0.0 {
            return Err(PyErr::runtime_error(
                "invalid multinomial distribution (sum of probabilities <= 0)",
            ));
        }
    }
    let default = Generator(None);
    let g = generator.unwrap_or(&default);
    let mut out = Vec::with_capacity(rows.len() * k);
    for row in rows {
        let mut w = row.to_vec();
        let mut used = vec![false; n];
        for _ in 0..k {
            let total: f64 = w.iter().sum();
            let pick = if total <= 0.0 {
                // Without replacement, every positive weight drawn: the lowest unused index.
                (0..n)
                    .find(|&i| !used[i])
                    .expect("k <= n without replacement")
            } else {
                let u = g.uniform() * total;
                let mut acc = 0.0;
                let mut last = 0;
                let mut hit = None;
                for (i, &p) in w.iter().enumerate() {
                    if p > 0.0 {
                        acc += p;
                        last = i;
                        if acc > u {
                            hit = Some(i);
                            break;
                        }
                    }
                }
                // Rounding can leave `u * total` at the sum; the last positive category owns it.
                hit.unwrap_or(last)
            };
            out.push(pick as i64);
            if !replacement {
                w[pick] = 0.0;
                used[pick] = true;
            }
        }
    }
    let shape: Vec<usize> = if probs.ndim() == 1 {
        vec![k]
    } else {
        vec![probs.dims()[0], k]
    };
    NdArray::from_i64(out, &shape)
}

/// `t[mask] = value`: writes `value` where the bool `mask` (of `t`'s shape) is true, in place,
/// so every name holding `t`, and every view sharing its storage, sees it, as in torch.
pub fn masked_assign(
    a: &NdArray,
    mask: &NdArray,
    value: impl Into<crate::Operand>,
) -> PyResult<()> {
    let filled = masked_fill(a, mask, value)?;
    if mask.dims() != a.dims() {
        let at = (0..mask.ndim())
            .find(|&i| a.dims().get(i) != Some(&mask.dims()[i]))
            .unwrap_or(0);
        return Err(PyErr::new(
            ingot_runtime::ErrKind::IndexError,
            format!(
                "The shape of the mask {:?} at index {at} does not match the shape of the indexed tensor {:?} at index {at}",
                mask.dims(),
                a.dims()
            ),
        ));
    }
    if a.ndim() == 0 || !a.tensor().is_contiguous() {
        return Err(PyErr::runtime_error(
            "boolean-mask assignment needs a contiguous tensor of at least one dimension; use masked_fill",
        ));
    }
    write_into(a, &filled)
}

/// Writes `value` (of `a`'s shape and dtype) into `a`'s own storage: what an in-place method
/// (`t.scatter_`, `t.masked_fill_`) leaves behind, seen by every name and view sharing it.
pub fn write_into(a: &NdArray, value: &NdArray) -> PyResult<()> {
    if a.ndim() == 0 || !a.tensor().is_contiguous() {
        return Err(PyErr::runtime_error(
            "an in-place write needs a contiguous tensor of at least one dimension; use the out-of-place form",
        ));
    }
    if value.dims() != a.dims() || value.dtype() != a.dtype() {
        return Err(PyErr::runtime_error(format!(
            "an in-place write of shape {:?} does not fit a tensor of shape {:?}",
            value.dims(),
            a.dims()
        )));
    }
    // A result that is the tensor itself (`t.floor_()` of an int tensor) or a view of it is copied first.
    let own;
    let storage = |t: &candle_core::Tensor| {
        let (s, _) = t.storage_and_layout();
        &*s as *const candle_core::Storage as usize
    };
    let src = if storage(a.tensor()) == storage(value.tensor()) {
        own = value.tensor().copy().map_err(crate::ce)?;
        &own
    } else {
        value.tensor()
    };
    a.tensor().slice_set(src, 0, 0).map_err(crate::ce)
}

/// `t.clone()`: a copy with storage of its own, so an in-place write to either never reaches the other.
pub fn clone_tensor(a: &NdArray) -> PyResult<NdArray> {
    Ok(NdArray::wrap(
        a.tensor().copy().map_err(crate::ce)?,
        a.dtype(),
    ))
}

/// `t.squeeze(dim)` / `torch.squeeze(t, dim=None)`: drops `dim` when its size is 1 (else the
/// same shape), or every size-1 dimension when `dim` is None.
pub fn squeeze(a: &NdArray, dim: Option<i64>) -> PyResult<NdArray> {
    let dims: Vec<usize> = match dim {
        Some(d) => {
            let ax = dim_ix(d, a.ndim())?;
            let mut v = a.dims().to_vec();
            if v.get(ax) == Some(&1) {
                v.remove(ax);
            }
            v
        }
        None => a.dims().iter().copied().filter(|&s| s != 1).collect(),
    };
    let t = a.tensor().reshape(dims).map_err(crate::ce)?;
    Ok(NdArray::wrap(t, a.dtype()))
}

/// `torch.cat(tensors, dim=0)`: joined along `dim` with torch's promotion and errors (appending
/// a sampled token to the ids is `torch.cat([ids, next_id], dim=-1)`).
pub fn cat(tensors: &[NdArray], dim: i64) -> PyResult<NdArray> {
    let Some(first) = tensors.first() else {
        return Err(PyErr::runtime_error(
            "torch.cat(): expected a non-empty list of Tensors",
        ));
    };
    let dt = tensors.iter().skip(1).fold(first.dtype(), |d, a| {
        crate::ops::promote_arrays(d, a.dtype(), crate::Flavor::Torch)
    });
    let nd = first.ndim();
    for (i, x) in tensors.iter().enumerate() {
        if x.ndim() == 0 {
            return Err(PyErr::runtime_error(format!(
                "zero-dimensional tensor (at position {i}) cannot be concatenated"
            )));
        }
        if x.ndim() != nd {
            return Err(PyErr::runtime_error(format!(
                "Tensors must have same number of dimensions: got {nd} and {}",
                x.ndim()
            )));
        }
    }
    let ax = dim_ix(dim, nd)?;
    for (i, x) in tensors.iter().enumerate().skip(1) {
        for d in (0..nd).filter(|&d| d != ax) {
            if x.dims()[d] != first.dims()[d] {
                return Err(PyErr::runtime_error(format!(
                    "Sizes of tensors must match except in dimension {ax}. Expected size {} but got size {} for tensor number {i} in the list.",
                    first.dims()[d],
                    x.dims()[d]
                )));
            }
        }
    }
    let ts = tensors
        .iter()
        .map(|x| Ok(x.astype(dt)?.tensor().clone()))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(NdArray::wrap(
        candle_core::Tensor::cat(&ts, ax).map_err(crate::ce)?,
        dt,
    ))
}
