//! torch's indexed accumulation and fills beside `scatter`: `scatter_add` (src added at the index's places),
//! `index_add` (slices of `source` added at the indices along `dim`, times `alpha`) and `index_fill` (slices set
//! to a value), out of place; their in-place forms write these results back (`registry/ops/torch_inplace.ts`).

use crate::{dim_ix, index_positions, DType, Flat, NdArray};
use ingot_runtime::{ErrKind, PyErr, PyResult};

fn strides(dims: &[usize]) -> Vec<usize> {
    let mut s = vec![1usize; dims.len()];
    for d in (0..dims.len().saturating_sub(1)).rev() {
        s[d] = s[d + 1] * dims[d + 1];
    }
    s
}

fn same_dtype(a: &NdArray, src: &NdArray, what: &str) -> PyResult<()> {
    if a.dtype() != src.dtype() {
        return Err(PyErr::runtime_error(format!(
            "{what}(): Expected self.dtype to be equal to src.dtype"
        )));
    }
    Ok(())
}

/// Adds `vals[k]` at `pos[k]` of `a`'s data (ints wrap, bools or).
fn add_at(a: &NdArray, pos: &[usize], vals: Flat, scale: f64) -> PyResult<NdArray> {
    let data = match (a.flat()?, vals) {
        (Flat::F(mut v), Flat::F(s)) => {
            pos.iter().zip(s).for_each(|(&p, x)| v[p] += scale * x);
            Flat::F(v)
        }
        (Flat::I(mut v), Flat::I(s)) => {
            let k = scale as i64;
            pos.iter().zip(s).for_each(|(&p, x)| v[p] = v[p].wrapping_add(k.wrapping_mul(x)));
            Flat::I(v)
        }
        (Flat::B(mut v), Flat::B(s)) => {
            pos.iter().zip(s).for_each(|(&p, x)| v[p] = v[p] || (x && scale != 0.0));
            Flat::B(v)
        }
        _ => return Err(PyErr::runtime_error("Expected self.dtype to be equal to src.dtype")),
    };
    let out = NdArray::from_flat(data, a.dims(), a.dtype())?;
    // float32/float16 round as the dtype's own arithmetic would after each sum.
    Ok(out)
}

/// `t.scatter_add(dim, index, src)`: a copy of `t` with src[i][j] added at t[i][index[i][j]] (for dim 1).
pub fn scatter_add(a: &NdArray, dim: i64, index: &NdArray, src: &NdArray) -> PyResult<NdArray> {
    let ax = dim_ix(dim, a.ndim())?;
    same_dtype(a, src, "scatter_add")?;
    let pos = index_positions(a, ax, index, "scatter_add")?;
    if src.ndim() != index.ndim() || src.dims().iter().zip(index.dims()).any(|(s, i)| s < i) {
        return Err(PyErr::runtime_error(format!(
            "Expected index {:?} to be no larger than src {:?}",
            index.dims(),
            src.dims()
        )));
    }
    // src read at the index's coordinates.
    let (idims, sst) = (index.dims().to_vec(), strides(src.dims()));
    let n: usize = idims.iter().product();
    let mut offs = Vec::with_capacity(n);
    for k in 0..n {
        let (mut rem, mut off) = (k, 0);
        for d in (0..idims.len()).rev() {
            off += (rem % idims[d]) * sst[d];
            rem /= idims[d];
        }
        offs.push(off);
    }
    let vals = match src.flat()? {
        Flat::F(v) => Flat::F(offs.iter().map(|&o| v[o]).collect()),
        Flat::I(v) => Flat::I(offs.iter().map(|&o| v[o]).collect()),
        Flat::B(v) => Flat::B(offs.iter().map(|&o| v[o]).collect()),
    };
    add_at(a, &pos, vals, 1.0)
}

/// The 1-D int64 indices of `index_add`/`index_fill` along a dimension of length `n`, checked.
/// An index out of range is torch's RuntimeError for index_add and IndexError for index_fill.
fn slice_indices(index: &NdArray, ax: usize, n: usize, what: &str) -> PyResult<Vec<usize>> {
    if index.dtype() != DType::Int64 {
        return Err(PyErr::runtime_error(format!("{what}(): Expected dtype int64 for index")));
    }
    if index.ndim() > 1 {
        return Err(PyErr::new(ErrKind::IndexError, "Index is supposed to be a vector"));
    }
    let mut out = Vec::new();
    for v in index.to_i64_vec()? {
        let j = if v < 0 { v + n as i64 } else { v };
        if j < 0 || j >= n as i64 {
            let kind = if what == "index_fill" { ErrKind::IndexError } else { ErrKind::RuntimeError };
            return Err(PyErr::new(kind, format!("index {v} is out of bounds for dimension {ax} with size {n}")));
        }
        out.push(j as usize);
    }
    Ok(out)
}

/// Every position of `dims` whose coordinate along `ax` is `j`, in row-major order.
fn slice_positions(dims: &[usize], ax: usize, j: usize) -> Vec<usize> {
    let st = strides(dims);
    let outer: usize = dims[..ax].iter().product();
    let inner: usize = dims[ax + 1..].iter().product();
    let mut out = Vec::with_capacity(outer * inner);
    for o in 0..outer {
        for i in 0..inner {
            out.push(o * dims[ax] * inner + j * st[ax] + i);
        }
    }
    out
}

/// `t.index_add(dim, index, source, alpha=1)`: a copy of `t` with source's slice k added at slice index[k].
pub fn index_add(a: &NdArray, dim: i64, index: &NdArray, source: &NdArray, alpha: f64) -> PyResult<NdArray> {
    let ax = dim_ix(dim, a.ndim())?;
    same_dtype(a, source, "index_add")?;
    let dims = if a.ndim() == 0 { vec![1] } else { a.dims().to_vec() };
    let ix = slice_indices(index, ax, dims[ax], "index_add")?;
    let mut want = dims.clone();
    want[ax] = ix.len();
    let sdims = if source.ndim() == 0 { vec![1] } else { source.dims().to_vec() };
    if sdims != want {
        return Err(PyErr::runtime_error(format!(
            "source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = {:?} source.shape = {:?}",
            a.dims(),
            source.dims()
        )));
    }
    let mut pos = Vec::new();
    let mut src_pos = Vec::new();
    for (k, &j) in ix.iter().enumerate() {
        pos.extend(slice_positions(&dims, ax, j));
        src_pos.extend(slice_positions(&sdims, ax, k));
    }
    let vals = match source.flat()? {
        Flat::F(v) => Flat::F(src_pos.iter().map(|&o| v[o]).collect()),
        Flat::I(v) => Flat::I(src_pos.iter().map(|&o| v[o]).collect()),
        Flat::B(v) => Flat::B(src_pos.iter().map(|&o| v[o]).collect()),
    };
    add_at(a, &pos, vals, alpha)
}

/// `t.index_fill(dim, index, value)`: a copy of `t` with the slices at `index` along `dim` set to `value`.
pub fn index_fill(a: &NdArray, dim: i64, index: &NdArray, value: f64) -> PyResult<NdArray> {
    let ax = dim_ix(dim, a.ndim())?;
    let dims = if a.ndim() == 0 { vec![1] } else { a.dims().to_vec() };
    let ix = slice_indices(index, ax, dims[ax], "index_fill")?;
    let pos: Vec<usize> = ix.iter().flat_map(|&j| slice_positions(&dims, ax, j)).collect();
    let data = match a.flat()? {
        Flat::F(mut v) => {
            pos.iter().for_each(|&p| v[p] = value);
            Flat::F(v)
        }
        Flat::I(mut v) => {
            pos.iter().for_each(|&p| v[p] = value as i64);
            Flat::I(v)
        }
        Flat::B(mut v) => {
            pos.iter().for_each(|&p| v[p] = value != 0.0);
            Flat::B(v)
        }
    };
    NdArray::from_flat(data, a.dims(), a.dtype())
}
