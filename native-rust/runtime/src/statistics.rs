//! Python's `statistics` module over numbers read as `f64`: CPython computes exactly with
//! fractions and rounds once; these use exactly rounded sums (Shewchuk's algorithm, as
//! `math.fsum`), so results agree to the last bit or two. Errors are `StatisticsError` with
//! CPython's messages.

use crate::cmp::PyOrd;
use crate::{ErrKind, PyErr, PyResult};

fn error(msg: &str) -> PyErr {
    PyErr::new(ErrKind::StatisticsError, msg)
}

/// The correctly rounded sum of `xs` (Shewchuk's partials, as CPython's `math.fsum`).
pub fn fsum(xs: &[f64]) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for &x in xs {
        let mut x = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    let mut hi = 0.0;
    while let Some(p) = partials.pop() {
        let x = hi;
        let y = p;
        hi = x + y;
        let lo = y - (hi - x);
        if lo != 0.0 {
            // Round half-even across the remaining partials, as fsum does.
            if let Some(&next) = partials.last() {
                if (lo < 0.0 && next < 0.0) || (lo > 0.0 && next > 0.0) {
                    let y2 = lo * 2.0;
                    let x2 = hi + y2;
                    if y2 == x2 - hi {
                        hi = x2;
                    }
                }
            }
            break;
        }
    }
    if !hi.is_finite() {
        return xs.iter().sum();
    }
    hi
}

/// `statistics.mean(data)`.
pub fn mean(xs: &[f64]) -> PyResult<f64> {
    if xs.is_empty() {
        return Err(error("mean requires at least one data point"));
    }
    Ok(fsum(xs) / xs.len() as f64)
}

/// `statistics.fmean(data)`.
pub fn fmean(xs: &[f64]) -> PyResult<f64> {
    if xs.is_empty() {
        return Err(error("fmean requires at least one data point"));
    }
    Ok(fsum(xs) / xs.len() as f64)
}

/// `statistics.median(data)`: the middle item, or the mean of the two middle items.
pub fn median(mut xs: Vec<f64>) -> PyResult<f64> {
    if xs.is_empty() {
        return Err(error("no median for empty data"));
    }
    xs.sort_by(|a, b| a.py_cmp(b));
    let n = xs.len();
    Ok(if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 })
}

/// `statistics.median_low(data)` (`high` false) and `median_high(data)`.
pub fn median_side<T: PyOrd>(mut xs: Vec<T>, high: bool) -> PyResult<T> {
    if xs.is_empty() {
        return Err(error("no median for empty data"));
    }
    xs.sort_by(|a, b| a.py_cmp(b));
    let n = xs.len();
    let i = if n % 2 == 1 || high { n / 2 } else { n / 2 - 1 };
    Ok(xs.swap_remove(i))
}

/// Distinct items with their counts, in first-seen order.
fn counts<T: PartialEq>(xs: Vec<T>) -> Vec<(T, usize)> {
    let mut out: Vec<(T, usize)> = Vec::new();
    for x in xs {
        match out.iter_mut().find(|(y, _)| *y == x) {
            Some((_, c)) => *c += 1,
            None => out.push((x, 1)),
        }
    }
    out
}

/// `statistics.mode(data)`: the most common item, the first seen among equals.
pub fn mode<T: PartialEq>(xs: Vec<T>) -> PyResult<T> {
    let c = counts(xs);
    let best = c.iter().map(|(_, n)| *n).max().ok_or_else(|| error("no mode for empty data"))?;
    Ok(c.into_iter().find(|(_, n)| *n == best).unwrap().0)
}

/// `statistics.multimode(data)`: every most common item, in first-seen order.
pub fn multimode<T: PartialEq>(xs: Vec<T>) -> Vec<T> {
    let c = counts(xs);
    let best = c.iter().map(|(_, n)| *n).max().unwrap_or(0);
    c.into_iter().filter(|(_, n)| *n == best).map(|(x, _)| x).collect()
}

/// The sum of squared deviations from the mean (CPython's `_ss`), computed in two passes.
fn sum_squares(xs: &[f64], mu: Option<f64>) -> f64 {
    let m = mu.unwrap_or_else(|| fsum(xs) / xs.len() as f64);
    let dev: Vec<f64> = xs.iter().map(|x| (x - m) * (x - m)).collect();
    let total = fsum(&dev);
    // The second pass's correction for the rounding of the mean, as in CPython's older `_ss`.
    let drift: Vec<f64> = xs.iter().map(|x| x - m).collect();
    let d = fsum(&drift);
    (total - d * d / xs.len() as f64).max(0.0)
}

/// `statistics.variance(data, xbar)` and `stdev` (`root`): sample statistics, at least two points.
pub fn variance(xs: &[f64], xbar: Option<f64>, root: bool) -> PyResult<f64> {
    if xs.len() < 2 {
        return Err(error(if root { "stdev requires at least two data points" } else { "variance requires at least two data points" }));
    }
    let v = sum_squares(xs, xbar) / (xs.len() - 1) as f64;
    Ok(if root { v.sqrt() } else { v })
}

/// `statistics.pvariance(data, mu)` and `pstdev` (`root`): population statistics.
pub fn pvariance(xs: &[f64], mu: Option<f64>, root: bool) -> PyResult<f64> {
    if xs.is_empty() {
        return Err(error(if root { "pstdev requires at least one data point" } else { "pvariance requires at least one data point" }));
    }
    let v = sum_squares(xs, mu) / xs.len() as f64;
    Ok(if root { v.sqrt() } else { v })
}

/// `statistics.harmonic_mean(data)`.
pub fn harmonic_mean(xs: &[f64]) -> PyResult<f64> {
    if xs.is_empty() {
        return Err(error("harmonic_mean requires at least one data point"));
    }
    let negative = || error("harmonic mean does not support negative values");
    if xs.len() == 1 {
        return if xs[0] < 0.0 { Err(negative()) } else { Ok(xs[0]) };
    }
    // CPython checks the values lazily, in order, while it sums 1/x: a zero ends the sum with 0
    // (its ZeroDivisionError) before a later negative value is seen.
    for &x in xs {
        if x < 0.0 {
            return Err(negative());
        }
        if x == 0.0 {
            return Ok(0.0);
        }
    }
    let inv: Vec<f64> = xs.iter().map(|x| 1.0 / x).collect();
    Ok(xs.len() as f64 / fsum(&inv))
}

/// `statistics.geometric_mean(data)`.
pub fn geometric_mean(xs: &[f64]) -> PyResult<f64> {
    let bad = || error("geometric mean requires a non-empty dataset containing positive numbers");
    if xs.is_empty() || xs.iter().any(|&x| x <= 0.0) {
        return Err(bad());
    }
    let logs: Vec<f64> = xs.iter().map(|x| x.ln()).collect();
    Ok((fsum(&logs) / xs.len() as f64).exp())
}

/// `statistics.quantiles(data, n=n, method=...)`: the n-1 cut points.
pub fn quantiles(mut xs: Vec<f64>, n: i64, inclusive: bool) -> PyResult<Vec<f64>> {
    if n < 1 {
        return Err(error("n must be at least 1"));
    }
    let ld = xs.len() as i64;
    if ld < 2 {
        return Err(error("must have at least two data points"));
    }
    xs.sort_by(|a, b| a.py_cmp(b));
    let mut out = Vec::new();
    if inclusive {
        let m = ld - 1;
        for i in 1..n {
            let (j, delta) = ((i * m) / n, (i * m) % n);
            let (a, b) = (xs[j as usize], xs[(j + 1).min(ld - 1) as usize]);
            out.push((a * (n - delta) as f64 + b * delta as f64) / n as f64);
        }
    } else {
        let m = ld + 1;
        for i in 1..n {
            let j = (i * m / n).clamp(1, ld - 1);
            let delta = i * m - j * n;
            let (a, b) = (xs[(j - 1) as usize], xs[j as usize]);
            out.push((a * (n - delta) as f64 + b * delta as f64) / n as f64);
        }
    }
    Ok(out)
}

/// The sums of deviations products CPython's bivariate functions share: (n, x̄, ȳ, Sxy, Sxx, Syy),
/// each sum an exact `fsum`; `what` names the function in its errors.
fn bivariate(xs: &[f64], ys: &[f64], what: &str) -> PyResult<(f64, f64, f64, f64, f64, f64)> {
    let n = xs.len();
    if ys.len() != n {
        return Err(error(&format!("{what} requires that both inputs have same number of data points")));
    }
    if n < 2 {
        return Err(error(&format!("{what} requires at least two data points")));
    }
    let nf = n as f64;
    let xbar = fsum(xs) / nf;
    let ybar = fsum(ys) / nf;
    let sxy: Vec<f64> = xs.iter().zip(ys).map(|(x, y)| (x - xbar) * (y - ybar)).collect();
    let sxx: Vec<f64> = xs.iter().map(|x| (x - xbar) * (x - xbar)).collect();
    let syy: Vec<f64> = ys.iter().map(|y| (y - ybar) * (y - ybar)).collect();
    Ok((nf, xbar, ybar, fsum(&sxy), fsum(&sxx), fsum(&syy)))
}

/// `statistics.covariance(x, y)`: the sample covariance.
pub fn covariance(xs: &[f64], ys: &[f64]) -> PyResult<f64> {
    let (n, _, _, sxy, _, _) = bivariate(xs, ys, "covariance")?;
    Ok(sxy / (n - 1.0))
}

/// `statistics.correlation(x, y)`: Pearson's r; StatisticsError when an input is constant.
pub fn correlation(xs: &[f64], ys: &[f64]) -> PyResult<f64> {
    let (_, _, _, sxy, sxx, syy) = bivariate(xs, ys, "correlation")?;
    let d = (sxx * syy).sqrt();
    if d == 0.0 {
        return Err(error("at least one of the inputs is constant"));
    }
    Ok(sxy / d)
}

/// `statistics.linear_regression(x, y, proportional=False)`: (slope, intercept) by least squares;
/// with `proportional` the line passes through the origin.
pub fn linear_regression(xs: &[f64], ys: &[f64], proportional: bool) -> PyResult<(f64, f64)> {
    let (_, xbar, ybar, mut sxy, mut sxx, _) = bivariate(xs, ys, "linear regression")?;
    if proportional {
        let p: Vec<f64> = xs.iter().zip(ys).map(|(x, y)| x * y).collect();
        let q: Vec<f64> = xs.iter().map(|x| x * x).collect();
        sxy = fsum(&p);
        sxx = fsum(&q);
    }
    if sxx == 0.0 {
        return Err(error("x is constant"));
    }
    let slope = sxy / sxx;
    Ok((slope, if proportional { 0.0 } else { ybar - slope * xbar }))
}

/// The numbers of data of run-time type (`statistics.fmean(json["scores"])`, a `list[object]`): ints, floats and
/// bools as floats; any other item is CPython's TypeError.
pub fn dyn_numbers(items: Vec<crate::Value>) -> PyResult<Vec<f64>> {
    use crate::Value as V;
    items
        .iter()
        .map(|v| match v {
            V::Bool(b) => Ok(*b as i64 as f64),
            V::Int(i) => Ok(*i as f64),
            V::Float(f) => Ok(*f),
            V::None => Err(crate::PyErr::type_error(
                "can't convert type 'NoneType' to numerator/denominator",
            )),
            other => Err(crate::PyErr::type_error(format!(
                "can't convert type '{}' to numerator/denominator",
                other.type_name()
            ))),
        })
        .collect()
}

/// `statistics.mean(data)` of data of run-time type: CPython's type of the answer, an int when every item is an int
/// (or a bool) and the mean is whole, else a float.
pub fn dyn_mean(items: Vec<crate::Value>) -> PyResult<crate::Value> {
    let ints = items
        .iter()
        .all(|v| matches!(v, crate::Value::Int(_) | crate::Value::Bool(_)));
    let m = mean(&dyn_numbers(items)?)?;
    Ok(if ints && m.fract() == 0.0 && m.abs() < 9.0e15 {
        crate::Value::Int(m as i64)
    } else {
        crate::Value::Float(m)
    })
}

/// `statistics.median(data)` of data of run-time type: the middle item itself (of any comparable type), or the two
/// middle items' `(a + b) / 2`, with CPython's TypeError where they do not sort or add.
pub fn dyn_median(mut items: Vec<crate::Value>) -> PyResult<crate::Value> {
    if items.is_empty() {
        return Err(error("no median for empty data"));
    }
    crate::list::sort(&mut items, false)?;
    let n = items.len();
    if n % 2 == 1 {
        return Ok(items.swap_remove(n / 2));
    }
    let s = crate::dynamic::binop(&items[n / 2 - 1], &items[n / 2], "+")?;
    crate::dynamic::binop(&s, &crate::Value::Int(2), "/")
}
