//! einops' `rearrange`, `repeat` and `reduce` on arrays and tensors: the pattern parsed as einops parses it
//! (names, parenthesised groups, `...`, anonymous axes `1`/`()`/numbers), sizes from the keywords, and einops'
//! checks and `EinopsError` messages (einops 0.8). The data moves in one pass: every output element reads the
//! source element its elementary axes name (a permutation, a split or merge, a broadcast for new axes), after
//! a reduction over the axes the right side drops.

use crate::{DType, Flat, NdArray};
use ingot_runtime::{ErrKind, PyErr, PyResult};
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Debug, PartialEq)]
enum Elem {
    Name(String),
    /// An anonymous axis of this length (`1`, `2`); `()` is an empty group.
    Anon(usize),
    Ellipsis,
}

/// One top-level element of a side: a single element, or a parenthesised group.
#[derive(Clone, Debug)]
struct Top {
    elems: Vec<Elem>,
    paren: bool,
}

fn err(msg: String) -> PyErr {
    PyErr::new(ErrKind::EinopsError, msg)
}

fn parse_side(s: &str) -> PyResult<Vec<Top>> {
    let mut tops = Vec::new();
    let mut group: Option<Vec<Elem>> = None;
    let spaced = s.replace('(', " ( ").replace(')', " ) ");
    for tok in spaced.split_whitespace() {
        match tok {
            "(" => {
                if group.is_some() {
                    return Err(err("Axis composition is one-level (brackets inside brackets not allowed)".into()));
                }
                group = Some(Vec::new());
            }
            ")" => match group.take() {
                Some(g) => tops.push(Top { elems: g, paren: true }),
                None => return Err(err("Brackets are not balanced".into())),
            },
            _ => {
                let e = if tok == "..." {
                    Elem::Ellipsis
                } else if tok.chars().all(|c| c.is_ascii_digit()) {
                    Elem::Anon(tok.parse().map_err(|_| err(format!("Invalid axis name {tok}")))?)
                } else if tok.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                    && tok.chars().all(|c| c.is_alphanumeric() || c == '_')
                {
                    Elem::Name(tok.to_string())
                } else {
                    return Err(err(format!("Invalid axis identifier: {tok}")));
                };
                match group.as_mut() {
                    Some(g) => g.push(e),
                    None => tops.push(Top { elems: vec![e], paren: false }),
                }
            }
        }
    }
    if group.is_some() {
        return Err(err("Brackets are not balanced".into()));
    }
    Ok(tops)
}

fn set_repr(names: &BTreeSet<String>) -> String {
    if names.is_empty() {
        return "set()".into();
    }
    format!("{{{}}}", names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", "))
}

fn shape_repr(d: &[usize]) -> String {
    match d.len() {
        1 => format!("({},)", d[0]),
        _ => format!("({})", d.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// The data of an array in the order of its elements, any dtype.
enum Data {
    F(Vec<f64>),
    I(Vec<i64>),
    B(Vec<bool>),
}

fn gather<T: Copy>(src: &[T], idx: &[usize]) -> Vec<T> {
    idx.iter().map(|&i| src[i]).collect()
}

/// `einops.<kind>(x, pattern, reduction, **sizes)`; `kind` is "rearrange", "repeat" or "reduce".
pub fn einops(kind: &str, x: &NdArray, pattern: &str, reduction: &str, sizes: &[(&str, i64)]) -> PyResult<NdArray> {
    let dims = x.shape();
    let label = if kind == "reduce" { reduction } else { kind };
    let info = format!(
        "{{{}}}",
        sizes.iter().map(|(k, v)| format!("'{k}': {v}")).collect::<Vec<_>>().join(", ")
    );
    let wrap = |e: PyErr| {
        if e.kind != ErrKind::EinopsError {
            return e;
        }
        err(format!(
            " Error while processing {label}-reduction pattern \"{pattern}\".\n Input tensor shape: {}. Additional info: {info}.\n {}",
            shape_repr(&dims),
            e.msg
        ))
    };
    run(kind, x, &dims, pattern, reduction, sizes).map_err(wrap)
}

fn run(
    kind: &str,
    x: &NdArray,
    dims: &[usize],
    pattern: &str,
    reduction: &str,
    sizes: &[(&str, i64)],
) -> PyResult<NdArray> {
    if kind == "reduce" && !["min", "max", "sum", "mean", "prod", "any", "all"].contains(&reduction) {
        return Err(err(format!(
            "Unknown reduction {reduction}. Expect one of ('min', 'max', 'sum', 'mean', 'prod', 'any', 'all')."
        )));
    }
    // einops unpacks `pattern.split("->")` into two sides.
    let parts: Vec<&str> = pattern.split("->").collect();
    if parts.len() != 2 {
        return Err(PyErr::value_error(if parts.len() < 2 {
            "not enough values to unpack (expected 2, got 1)".to_string()
        } else {
            "too many values to unpack (expected 2)".to_string()
        }));
    }
    let (l, r) = (parts[0], parts[1]);
    let mut left = parse_side(l)?;
    let mut right = parse_side(r)?;
    let ell_left = left.iter().filter(|t| t.elems.contains(&Elem::Ellipsis)).count();
    let ell_right = right.iter().filter(|t| t.elems.contains(&Elem::Ellipsis)).count();
    if ell_left > 1 || ell_right > 1 {
        return Err(err("Only one ellipsis is allowed per side".into()));
    }
    if ell_left == 0 && ell_right == 1 {
        return Err(err("Ellipsis found in right side, but not left side of a pattern".into()));
    }
    if left.iter().any(|t| t.paren && t.elems.contains(&Elem::Ellipsis)) {
        return Err(err("Ellipsis inside parenthesis in the left side is not allowed".into()));
    }
    // Expand the ellipsis into one named axis per dimension it covers.
    if ell_left == 1 {
        if dims.len() + 1 < left.len() {
            return Err(err(format!(
                "Wrong shape: expected >={} dims. Received {}-dim tensor.",
                left.len() - 1,
                dims.len()
            )));
        }
        let n = dims.len() + 1 - left.len();
        let names: Vec<Elem> = (0..n).map(|i| Elem::Name(format!("…{i}"))).collect();
        let pos = left.iter().position(|t| t.elems.contains(&Elem::Ellipsis)).unwrap_or(0);
        left.splice(pos..pos + 1, names.iter().map(|e| Top { elems: vec![e.clone()], paren: false }));
        if let Some(rp) = right.iter().position(|t| t.elems.contains(&Elem::Ellipsis)) {
            if right[rp].paren {
                let mut g = Vec::new();
                for e in &right[rp].elems {
                    if *e == Elem::Ellipsis {
                        g.extend(names.iter().cloned());
                    } else {
                        g.push(e.clone());
                    }
                }
                right[rp].elems = g;
            } else {
                right.splice(rp..rp + 1, names.iter().map(|e| Top { elems: vec![e.clone()], paren: false }));
            }
        } else if kind != "reduce" {
            return Err(err("Ellipsis found in left side, but not right side of a pattern".into()));
        }
    } else if left.len() != dims.len() {
        return Err(err(format!("Wrong shape: expected {} dims. Received {}-dim tensor.", left.len(), dims.len())));
    }
    let known: HashMap<&str, i64> = sizes.iter().copied().collect();
    // Names on each side, duplicates refused.
    let names_of = |side: &[Top]| -> PyResult<Vec<String>> {
        let mut v: Vec<String> = Vec::new();
        for t in side {
            for e in &t.elems {
                if let Elem::Name(n) = e {
                    if v.contains(n) {
                        return Err(err(format!("Indexing expression contains duplicate dimension \"{n}\"")));
                    }
                    v.push(n.clone());
                }
            }
        }
        Ok(v)
    };
    let lnames = names_of(&left)?;
    let rnames = names_of(&right)?;
    for (k, _) in sizes {
        if !lnames.iter().any(|n| n == k) && !rnames.iter().any(|n| n == k) {
            return Err(err(format!("Axis {k} is not used in transform")));
        }
    }
    let lset: BTreeSet<String> = lnames.iter().filter(|n| !n.starts_with('…')).cloned().collect();
    let rset: BTreeSet<String> = rnames.iter().filter(|n| !n.starts_with('…')).cloned().collect();
    match kind {
        "rearrange" => {
            let only: BTreeSet<String> = lset.symmetric_difference(&rset).cloned().collect();
            if !only.is_empty() {
                return Err(err(format!(
                    "Identifiers only on one side of expression (should be on both): {}",
                    set_repr(&only)
                )));
            }
            if left.iter().chain(&right).any(|t| t.elems.iter().any(|e| matches!(e, Elem::Anon(n) if *n != 1))) {
                return Err(err("Non-unitary anonymous axes are not supported in rearrange (exception is length 1)".into()));
            }
        }
        "reduce" => {
            let extra: BTreeSet<String> = rset.difference(&lset).cloned().collect();
            if !extra.is_empty() {
                return Err(err(format!(
                    "Unexpected identifiers on the right side of reduce {}: {}",
                    reduction,
                    set_repr(&extra)
                )));
            }
            if right.iter().any(|t| t.elems.iter().any(|e| matches!(e, Elem::Anon(n) if *n != 1))) {
                return Err(err("Non-unitary anonymous axes are not supported in reduce (exception is length 1)".into()));
            }
        }
        _ => {
            let extra: BTreeSet<String> = lset.difference(&rset).cloned().collect();
            if !extra.is_empty() {
                return Err(err(format!("Unexpected identifiers on the left side of repeat: {}", set_repr(&extra))));
            }
            let missing: BTreeSet<String> =
                rset.difference(&lset).filter(|n| !known.contains_key(n.as_str())).cloned().collect();
            if !missing.is_empty() {
                return Err(err(format!("Specify sizes for new axes in repeat: {}", set_repr(&missing))));
            }
        }
    }
    // The left side's elementary axes: (name or anonymous, length).
    let mut elementary: Vec<(Option<String>, usize)> = Vec::new();
    for (t, &len) in left.iter().zip(dims) {
        let mut prod: usize = 1;
        let mut unknown: Vec<usize> = Vec::new();
        let start = elementary.len();
        for e in &t.elems {
            match e {
                Elem::Name(n) => match known.get(n.as_str()) {
                    Some(&v) if v >= 0 => {
                        prod *= v as usize;
                        elementary.push((Some(n.clone()), v as usize));
                    }
                    Some(&v) => return Err(err(format!("Dimension {n} has negative length {v}"))),
                    None => {
                        unknown.push(elementary.len());
                        elementary.push((Some(n.clone()), 0));
                    }
                },
                Elem::Anon(a) => {
                    prod *= a;
                    elementary.push((None, *a));
                }
                Elem::Ellipsis => {}
            }
        }
        match unknown.len() {
            0 => {
                if prod != len {
                    if t.paren || elementary.len() == start {
                        return Err(err(format!("Shape mismatch, {len} != {prod}")));
                    }
                    let n = elementary[start].0.clone().unwrap_or_else(|| prod.to_string());
                    return Err(err(format!("Shape mismatch, {len} != {prod} for axis {n}")));
                }
            }
            1 => {
                if prod == 0 || len % prod != 0 {
                    return Err(err(format!("Shape mismatch, can't divide axis of length {len} in chunks of {prod}")));
                }
                elementary[unknown[0]].1 = len / prod;
            }
            _ => {
                let names: BTreeSet<String> =
                    unknown.iter().filter_map(|&i| elementary[i].0.clone()).collect();
                return Err(err(format!("Could not infer sizes for {}", set_repr(&names))));
            }
        }
    }
    // Strides of the source's elementary axes (row-major).
    let mut strides = vec![0usize; elementary.len()];
    let mut acc = 1;
    for i in (0..elementary.len()).rev() {
        strides[i] = acc;
        acc *= elementary[i].1;
    }
    let data = match x.flat()? {
        Flat::F(v) => Data::F(v),
        Flat::I(v) => Data::I(v),
        Flat::B(v) => Data::B(v),
    };
    // The reduction: the kept axes (those the right side names) in source order.
    let (data, src): (Data, Vec<(Option<String>, usize, usize)>) = if kind == "reduce" {
        let keep: Vec<usize> = (0..elementary.len())
            .filter(|&i| elementary[i].0.as_ref().is_some_and(|n| rnames.contains(n)))
            .collect();
        let reduced: Vec<usize> = (0..elementary.len()).filter(|i| !keep.contains(i)).collect();
        let kept_sizes: Vec<usize> = keep.iter().map(|&i| elementary[i].1).collect();
        let red_sizes: Vec<usize> = reduced.iter().map(|&i| elementary[i].1).collect();
        let n_out: usize = kept_sizes.iter().product();
        let n_red: usize = red_sizes.iter().product();
        if n_red == 0 && (reduction == "min" || reduction == "max") && n_out > 0 {
            return Err(PyErr::value_error(format!(
                "zero-size array to reduction operation {} which has no identity",
                if reduction == "min" { "minimum" } else { "maximum" }
            )));
        }
        let float = matches!(data, Data::F(_));
        if reduction == "mean" && !float {
            return Err(PyErr::new(
                ErrKind::NotImplementedError,
                "reduce_mean is not available for non-floating tensors",
            ));
        }
        // The source offsets of each output element's lane.
        let offsets = |sizes: &[usize], axes: &[usize], mut k: usize| -> usize {
            let mut off = 0;
            for j in (0..axes.len()).rev() {
                off += (k % sizes[j]) * strides[axes[j]];
                k /= sizes[j];
            }
            off
        };
        let lane = |o: usize| -> Vec<usize> {
            let base = offsets(&kept_sizes, &keep, o);
            (0..n_red).map(|r| base + offsets(&red_sizes, &reduced, r)).collect()
        };
        let out = match (&data, reduction) {
            (_, "any") | (_, "all") => {
                let truth: Vec<bool> = match &data {
                    Data::F(v) => v.iter().map(|x| *x != 0.0).collect(),
                    Data::I(v) => v.iter().map(|x| *x != 0).collect(),
                    Data::B(v) => v.clone(),
                };
                Data::B(
                    (0..n_out)
                        .map(|o| {
                            let l = lane(o);
                            if reduction == "any" {
                                l.iter().any(|&i| truth[i])
                            } else {
                                l.iter().all(|&i| truth[i])
                            }
                        })
                        .collect(),
                )
            }
            (Data::F(v), _) => Data::F(
                (0..n_out)
                    .map(|o| {
                        let xs: Vec<f64> = lane(o).iter().map(|&i| v[i]).collect();
                        match reduction {
                            "sum" => xs.iter().sum(),
                            "mean" => xs.iter().sum::<f64>() / xs.len() as f64,
                            "prod" => xs.iter().product(),
                            "max" => xs.iter().copied().fold(f64::NEG_INFINITY, |m, x| {
                                if m.is_nan() || x.is_nan() { f64::NAN } else { m.max(x) }
                            }),
                            _ => xs.iter().copied().fold(f64::INFINITY, |m, x| {
                                if m.is_nan() || x.is_nan() { f64::NAN } else { m.min(x) }
                            }),
                        }
                    })
                    .collect(),
            ),
            (Data::I(v), _) => Data::I(
                (0..n_out)
                    .map(|o| {
                        let xs = lane(o).into_iter().map(|i| v[i]);
                        match reduction {
                            "sum" => xs.fold(0i64, |a, b| a.wrapping_add(b)),
                            "prod" => xs.fold(1i64, |a, b| a.wrapping_mul(b)),
                            "max" => xs.max().unwrap_or(i64::MIN),
                            _ => xs.min().unwrap_or(i64::MAX),
                        }
                    })
                    .collect(),
            ),
            (Data::B(v), _) => match reduction {
                "sum" | "prod" => Data::I(
                    (0..n_out)
                        .map(|o| {
                            let xs = lane(o).into_iter().map(|i| v[i] as i64);
                            if reduction == "sum" { xs.sum() } else { xs.product() }
                        })
                        .collect(),
                ),
                _ => Data::B(
                    (0..n_out)
                        .map(|o| {
                            let l = lane(o);
                            if reduction == "max" {
                                l.iter().any(|&i| v[i])
                            } else {
                                l.iter().all(|&i| v[i])
                            }
                        })
                        .collect(),
                ),
            },
        };
        let mut st = vec![0usize; keep.len()];
        let mut a = 1;
        for j in (0..keep.len()).rev() {
            st[j] = a;
            a *= kept_sizes[j];
        }
        (out, keep.iter().enumerate().map(|(j, &i)| (elementary[i].0.clone(), elementary[i].1, st[j])).collect())
    } else {
        (data, elementary.iter().zip(&strides).map(|((n, s), &st)| (n.clone(), *s, st)).collect())
    };
    // The right side's elementary axes, each reading a source axis by name or broadcasting a new one.
    let mut out_axes: Vec<(usize, Option<usize>)> = Vec::new(); // (length, source stride)
    let mut shape: Vec<usize> = Vec::new();
    for t in &right {
        let mut len = 1;
        for e in &t.elems {
            let (n, stride) = match e {
                Elem::Name(name) => match src.iter().find(|(sn, _, _)| sn.as_deref() == Some(name.as_str())) {
                    Some((_, s, st)) => (*s, Some(*st)),
                    None => {
                        let v = known.get(name.as_str()).copied().unwrap_or(1);
                        (v.max(0) as usize, None)
                    }
                },
                Elem::Anon(a) => (*a, None),
                Elem::Ellipsis => continue,
            };
            len *= n;
            out_axes.push((n, stride));
        }
        shape.push(len);
    }
    let total: usize = out_axes.iter().map(|a| a.0).product();
    let mut idx = Vec::with_capacity(total);
    for k in 0..total {
        let (mut rem, mut off) = (k, 0);
        for (n, st) in out_axes.iter().rev() {
            if let Some(st) = st {
                off += (rem % n) * st;
            }
            rem /= n.max(&1);
        }
        idx.push(off);
    }
    let dtype_out = |d: DType, is: &Data| match is {
        Data::B(_) => DType::Bool,
        Data::I(_) if matches!(d, DType::Bool) || (kind == "reduce" && (reduction == "sum" || reduction == "prod")) => {
            if d.is_int() && kind != "reduce" { d } else { DType::Int64 }
        }
        Data::I(_) if d.is_int() => d,
        Data::I(_) => DType::Int64,
        Data::F(_) if d.is_float() => d,
        Data::F(_) => DType::Float64,
    };
    let dt = dtype_out(x.dtype(), &data);
    let flat = match &data {
        Data::F(v) => Flat::F(gather(v, &idx)),
        Data::I(v) => Flat::I(gather(v, &idx)),
        Data::B(v) => Flat::B(gather(v, &idx)),
    };
    NdArray::from_flat(flat, &shape, dt)
}
