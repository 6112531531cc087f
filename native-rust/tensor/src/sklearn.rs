//! `sklearn.metrics` as evaluation code calls it on label lists and score arrays: accuracy, precision, recall,
//! F-beta with `average=` binary/micro/macro/weighted/None, `precision_recall_fscore_support`,
//! `confusion_matrix`, `roc_auc_score` and `average_precision_score` for binary targets, and the regression
//! errors, with scikit-learn's (1.9) label handling, zero-division values and errors.

use crate::{DType, NdArray};
use ingot_runtime::{ErrKind, PyErr, PyResult};
use std::fmt;

/// A class label: numbers (ints, bools, integral floats) or strings, ordered as `np.unique` orders them.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Label {
    I(i64),
    S(String),
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::I(i) => write!(f, "{i}"),
            Label::S(s) => write!(f, "'{s}'"),
        }
    }
}

/// The labels of a target, and whether it is continuous (a non-integral float).
pub struct Target {
    pub labels: Vec<Label>,
    pub continuous: bool,
}

/// What can be a target of a classification metric.
pub trait IntoTarget {
    fn target(self) -> PyResult<Target>;
}

fn floats(v: impl IntoIterator<Item = f64>) -> Target {
    let mut continuous = false;
    let labels = v
        .into_iter()
        .map(|x| {
            if x.fract() != 0.0 || !x.is_finite() {
                continuous = true;
            }
            Label::I(x as i64)
        })
        .collect();
    Target { labels, continuous }
}

impl IntoTarget for &Vec<i64> {
    fn target(self) -> PyResult<Target> {
        Ok(Target { labels: self.iter().map(|&i| Label::I(i)).collect(), continuous: false })
    }
}
impl IntoTarget for &Vec<bool> {
    fn target(self) -> PyResult<Target> {
        Ok(Target { labels: self.iter().map(|&b| Label::I(b as i64)).collect(), continuous: false })
    }
}
impl IntoTarget for &Vec<f64> {
    fn target(self) -> PyResult<Target> {
        Ok(floats(self.iter().copied()))
    }
}
impl IntoTarget for &Vec<String> {
    fn target(self) -> PyResult<Target> {
        Ok(Target { labels: self.iter().map(|s| Label::S(s.clone())).collect(), continuous: false })
    }
}
impl IntoTarget for &NdArray {
    fn target(self) -> PyResult<Target> {
        if self.ndim() != 1 {
            return Err(PyErr::value_error(
                "multilabel-indicator and 2-D targets are not supported; pass 1-D label arrays",
            ));
        }
        if self.dtype().is_float() {
            Ok(floats(self.to_f64_vec()?))
        } else {
            Ok(Target { labels: self.to_i64_vec()?.into_iter().map(Label::I).collect(), continuous: false })
        }
    }
}

fn sorted_unique<'a>(xs: impl IntoIterator<Item = &'a Label>) -> Vec<Label> {
    let mut v: Vec<Label> = xs.into_iter().cloned().collect();
    v.sort();
    v.dedup();
    v
}

fn numpy_list(ls: &[Label]) -> String {
    format!("[{}]", ls.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(" "))
}

fn inconsistent(a: usize, b: usize) -> PyErr {
    PyErr::value_error(format!("Found input variables with inconsistent numbers of samples: [{a}, {b}]"))
}

/// scikit-learn's `_check_targets`: equal non-zero lengths, no continuous target, no mix of strings and numbers.
/// Returns both label lists and whether the pair is binary (at most two labels between them).
fn check_targets(t: Target, p: Target) -> PyResult<(Vec<Label>, Vec<Label>, bool)> {
    if t.labels.len() != p.labels.len() {
        return Err(inconsistent(t.labels.len(), p.labels.len()));
    }
    let kind = |x: &Target| {
        if x.continuous {
            "continuous"
        } else if sorted_unique(&x.labels).len() <= 2 {
            "binary"
        } else {
            "multiclass"
        }
    };
    if t.continuous || p.continuous {
        return Err(PyErr::value_error(format!(
            "Classification metrics can't handle a mix of {} and {} targets",
            kind(&t),
            kind(&p)
        )));
    }
    if t.labels.is_empty() {
        return Err(PyErr::value_error(
            "Found empty input array (e.g., `y_true` or `y_pred`) while a minimum of 1 sample is required.",
        ));
    }
    let all = sorted_unique(t.labels.iter().chain(&p.labels));
    let strs = all.iter().any(|l| matches!(l, Label::S(_)));
    if strs && all.iter().any(|l| matches!(l, Label::I(_))) {
        return Err(PyErr::value_error(format!(
            "Mix of label input types (string and number); Got {} and {}.",
            numpy_list(&sorted_unique(&t.labels)).replace(' ', ", "),
            numpy_list(&sorted_unique(&p.labels)).replace(' ', ", ")
        )));
    }
    let binary = all.len() <= 2;
    Ok((t.labels, p.labels, binary))
}

/// `accuracy_score(y_true, y_pred, normalize=True)`: the fraction (or with normalize=False the count, a float)
/// of equal labels.
pub fn sk_accuracy(y_true: impl IntoTarget, y_pred: impl IntoTarget, normalize: bool) -> PyResult<f64> {
    let (t, p, _) = check_targets(y_true.target()?, y_pred.target()?)?;
    let n = t.iter().zip(&p).filter(|(a, b)| a == b).count() as f64;
    Ok(if normalize { n / t.len() as f64 } else { n })
}

/// The per-label precision, recall, F-beta and support, or their averages.
pub struct Prf {
    pub precision: Vec<f64>,
    pub recall: Vec<f64>,
    pub fscore: Vec<f64>,
    pub support: Vec<i64>,
}

fn divide(num: f64, den: f64, zero_division: f64) -> f64 {
    if den == 0.0 {
        zero_division
    } else {
        num / den
    }
}

/// scikit-learn's `_nanaverage`: NaNs dropped, weights that sum to zero ignored.
fn nanaverage(a: &[f64], weights: Option<&[i64]>) -> f64 {
    let keep: Vec<usize> = (0..a.len()).filter(|&i| !a[i].is_nan()).collect();
    if keep.is_empty() {
        return f64::NAN;
    }
    if let Some(w) = weights {
        let ws: f64 = keep.iter().map(|&i| w[i] as f64).sum();
        if ws != 0.0 {
            return keep.iter().map(|&i| a[i] * w[i] as f64).sum::<f64>() / ws;
        }
    }
    keep.iter().map(|&i| a[i]).sum::<f64>() / keep.len() as f64
}

/// `precision_recall_fscore_support` and the scores built on it. `average` is "binary", "micro", "macro",
/// "weighted" or "none"; the averaged forms return one-element vectors (the support then unused).
/// scikit-learn's InvalidParameterError for a string parameter outside its choices.
fn invalid(param: &str, func: &str, choices: &str, got: &str) -> PyErr {
    PyErr::new(
        ingot_runtime::ErrKind::InvalidParameterError,
        format!("The '{param}' parameter of {func} must be a str among {choices} or None. Got '{got}' instead."),
    )
}

pub fn sk_prf(
    func: &str,
    y_true: impl IntoTarget,
    y_pred: impl IntoTarget,
    beta: f64,
    labels: Option<&Vec<Label>>,
    pos_label: Label,
    average: &str,
    zero_division: f64,
) -> PyResult<Prf> {
    if average == "samples" {
        return Err(PyErr::value_error("Samplewise metrics are not available outside of multilabel classification."));
    }
    if !["binary", "micro", "macro", "weighted", "none"].contains(&average) {
        return Err(invalid("average", func, "{'macro', 'micro', 'binary', 'weighted', 'samples'}", average));
    }
    if beta < 0.0 {
        return Err(PyErr::value_error("beta should be >=0 in the F-beta score"));
    }
    let (t, p, binary) = check_targets(y_true.target()?, y_pred.target()?)?;
    let present = sorted_unique(t.iter().chain(&p));
    let chosen: Vec<Label> = if average == "binary" {
        if !binary {
            return Err(PyErr::value_error(
                "Target is multiclass but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted'].",
            ));
        }
        if !present.contains(&pos_label) && present.len() >= 2 {
            return Err(PyErr::value_error(format!(
                "pos_label={} is not a valid label. It should be one of {}",
                match &pos_label {
                    Label::S(s) => s.clone(),
                    Label::I(i) => i.to_string(),
                },
                numpy_list(&present)
            )));
        }
        vec![pos_label]
    } else {
        match labels {
            Some(ls) => ls.clone(),
            None => present,
        }
    };
    let mut tp = vec![0i64; chosen.len()];
    let mut pred = vec![0i64; chosen.len()];
    let mut tru = vec![0i64; chosen.len()];
    for (a, b) in t.iter().zip(&p) {
        for (k, l) in chosen.iter().enumerate() {
            if a == l {
                tru[k] += 1;
                if b == l {
                    tp[k] += 1;
                }
            }
            if b == l {
                pred[k] += 1;
            }
        }
    }
    if average == "micro" {
        tp = vec![tp.iter().sum()];
        pred = vec![pred.iter().sum()];
        tru = vec![tru.iter().sum()];
    }
    let b2 = beta * beta;
    let n = tp.len();
    let mut out = Prf { precision: vec![], recall: vec![], fscore: vec![], support: tru.clone() };
    for k in 0..n {
        let (tp, pr, tr) = (tp[k] as f64, pred[k] as f64, tru[k] as f64);
        let prec = divide(tp, pr, zero_division);
        let rec = divide(tp, tr, zero_division);
        let f = if beta.is_infinite() {
            rec
        } else if beta == 0.0 {
            prec
        } else {
            divide((1.0 + b2) * tp, b2 * tr + pr, zero_division)
        };
        out.precision.push(prec);
        out.recall.push(rec);
        out.fscore.push(f);
    }
    if average != "none" {
        let w = if average == "weighted" { Some(tru.as_slice()) } else { None };
        out.precision = vec![nanaverage(&out.precision, w)];
        out.recall = vec![nanaverage(&out.recall, w)];
        out.fscore = vec![nanaverage(&out.fscore, w)];
    }
    Ok(out)
}

impl Prf {
    /// One of the scores as an array (average=None).
    pub fn array(v: Vec<f64>) -> PyResult<NdArray> {
        let n = v.len();
        NdArray::from_f64(v, &[n], DType::Float64)
    }
    pub fn support_array(&self) -> PyResult<NdArray> {
        NdArray::from_i64(self.support.clone(), &[self.support.len()])
    }
}

/// `confusion_matrix(y_true, y_pred, labels=None, normalize=None)`: counts (int64), or with `normalize` "true",
/// "pred" or "all" the rates (float64, 0 where a row or column is empty).
pub fn sk_confusion_matrix(
    y_true: impl IntoTarget,
    y_pred: impl IntoTarget,
    labels: Option<&Vec<Label>>,
    normalize: Option<&str>,
) -> PyResult<NdArray> {
    let (t, p, _) = check_targets(y_true.target()?, y_pred.target()?)?;
    let ls: Vec<Label> = match labels {
        None => sorted_unique(t.iter().chain(&p)),
        Some(ls) => {
            if ls.is_empty() {
                return Err(PyErr::value_error("'labels' should contains at least one label."));
            }
            if !t.iter().any(|l| ls.contains(l)) {
                return Err(PyErr::value_error("At least one label specified must be in y_true"));
            }
            ls.clone()
        }
    };
    if let Some(nm) = normalize {
        if !["true", "pred", "all"].contains(&nm) {
            return Err(invalid("normalize", "confusion_matrix", "{'all', 'pred', 'true'}", nm));
        }
    }
    let n = ls.len();
    let mut cm = vec![0i64; n * n];
    for (a, b) in t.iter().zip(&p) {
        if let (Some(i), Some(j)) = (ls.iter().position(|l| l == a), ls.iter().position(|l| l == b)) {
            cm[i * n + j] += 1;
        }
    }
    match normalize {
        None => NdArray::from_i64(cm, &[n, n]),
        Some(nm) => {
            let mut out = vec![0.0; n * n];
            let total: i64 = cm.iter().sum();
            for i in 0..n {
                for j in 0..n {
                    let den = match nm {
                        "true" => (0..n).map(|k| cm[i * n + k]).sum::<i64>(),
                        "pred" => (0..n).map(|k| cm[k * n + j]).sum::<i64>(),
                        _ => total,
                    };
                    let v = cm[i * n + j] as f64 / den as f64;
                    out[i * n + j] = if v.is_nan() { 0.0 } else { v };
                }
            }
            NdArray::from_f64(out, &[n, n], DType::Float64)
        }
    }
}

/// A 1-D score array of a ranking metric.
fn scores(s: &NdArray) -> PyResult<Vec<f64>> {
    if s.ndim() != 1 {
        return Err(PyErr::value_error("y_score must be 1-D for a binary target; multiclass scores are not supported"));
    }
    s.to_f64_vec()
}

/// The binary target of a ranking metric as 0/1 for the positive label, `pos` (None: the larger label).
/// `list_scores` (average precision): the labels are checked before the lengths, and differing lengths of a
/// Python list of scores are scikit-learn's AttributeError.
fn binary_truth(t: Target, n: usize, pos: Option<Label>, what: &str, list_scores: Option<bool>) -> PyResult<Vec<bool>> {
    if list_scores.is_none() && t.labels.len() != n {
        return Err(inconsistent(t.labels.len(), n));
    }
    if t.continuous {
        return Err(PyErr::value_error("continuous format is not supported"));
    }
    let present = sorted_unique(&t.labels);
    if present.len() > 2 && what == "ap" {
        // A multiclass y_true is binarized per class, which needs 2-D scores.
        if pos.as_ref().is_some_and(|p| *p != Label::I(1)) {
            return Err(PyErr::value_error(
                "Parameter pos_label is fixed to 1 for multiclass y_true. Do not set pos_label or set pos_label to 1.",
            ));
        }
        if list_scores == Some(true) {
            return Err(PyErr::new(ingot_runtime::ErrKind::AttributeError, "'list' object has no attribute 'shape'"));
        }
        return Err(PyErr::value_error(format!(
            "`y_score` needs to be of shape `(n_samples, n_classes)`, since `y_true` has {} classes",
            present.len()
        )));
    }
    if t.labels.len() != n {
        return Err(inconsistent(t.labels.len(), n));
    }
    if present.len() > 2 {
        return Err(PyErr::value_error(match what {
            "roc" => "multi_class must be in ('ovo', 'ovr')".to_string(),
            _ => "multiclass format is not supported".to_string(),
        }));
    }
    let pos = match pos {
        Some(p) => {
            let standard = present.iter().all(|l| matches!(l, Label::I(-1) | Label::I(0) | Label::I(1)));
            if !standard && !present.contains(&p) {
                return Err(PyErr::value_error(format!(
                    "pos_label={} is not a valid label. It should be one of {}",
                    match &p {
                        Label::S(s) => s.clone(),
                        Label::I(i) => i.to_string(),
                    },
                    numpy_list(&present)
                )));
            }
            p
        }
        None => present.last().cloned().unwrap_or(Label::I(1)),
    };
    Ok(t.labels.iter().map(|l| *l == pos).collect())
}

/// `roc_auc_score(y_true, y_score)` of a binary target: the area under the ROC curve (ties count half); NaN
/// (scikit-learn warns) when y_true holds one class.
pub fn sk_roc_auc(y_true: impl IntoTarget, y_score: &NdArray) -> PyResult<f64> {
    let s = scores(y_score)?;
    let t = y_true.target()?;
    // One class is decided (a warning and NaN) before the lengths are compared.
    if !t.continuous && sorted_unique(&t.labels).len() == 1 {
        return Ok(f64::NAN);
    }
    let y = binary_truth(t, s.len(), None, "roc", None)?;
    if y.is_empty() {
        return Err(PyErr::value_error(
            "Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.",
        ));
    }
    let (mut pairs, mut np, mut nn) = (0.0, 0.0, 0.0);
    for (i, &yi) in y.iter().enumerate() {
        if yi {
            np += 1.0;
            for (j, &yj) in y.iter().enumerate() {
                if !yj {
                    pairs += if s[i] > s[j] {
                        1.0
                    } else if s[i] == s[j] {
                        0.5
                    } else {
                        0.0
                    };
                }
            }
        } else {
            nn += 1.0;
        }
    }
    Ok(pairs / (np * nn))
}

/// `average_precision_score(y_true, y_score, pos_label=1)`: the sum over descending distinct thresholds of
/// (R_n - R_{n-1}) P_n; 0 when y_true holds no positive.
/// `score_list` says y_score was a Python list: scikit-learn then fails on lengths that differ with an
/// AttributeError (it reads `y_score.shape`).
pub fn sk_average_precision(
    y_true: impl IntoTarget,
    y_score: &NdArray,
    pos_label: Label,
    score_list: bool,
) -> PyResult<f64> {
    let s = scores(y_score)?;
    let y = binary_truth(y_true.target()?, s.len(), Some(pos_label), "ap", Some(score_list))?;
    if y.is_empty() {
        // scikit-learn 1.9 reads the last threshold of an empty curve.
        return Err(PyErr::new(ErrKind::IndexError, "index -1 is out of bounds for axis 0 with size 0"));
    }
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_by(|&a, &b| s[b].partial_cmp(&s[a]).unwrap_or(std::cmp::Ordering::Equal));
    let total_pos = y.iter().filter(|&&b| b).count() as f64;
    let (mut tps, mut fps) = (0.0, 0.0);
    let (mut ap, mut prev_recall) = (0.0, 0.0);
    for (k, &i) in order.iter().enumerate() {
        if y[i] {
            tps += 1.0;
        } else {
            fps += 1.0;
        }
        let last_of_threshold = k + 1 == order.len() || s[order[k + 1]] != s[i];
        if last_of_threshold {
            let precision = tps / (tps + fps);
            let recall = if total_pos == 0.0 { 1.0 } else { tps / total_pos };
            ap += (recall - prev_recall) * precision;
            prev_recall = recall;
        }
    }
    Ok(ap)
}

/// The two sides of a regression metric as columns: (rows, columns, true values, predictions), checked as
/// scikit-learn checks them.
fn regression(y_true: &NdArray, y_pred: &NdArray) -> PyResult<(usize, usize, Vec<f64>, Vec<f64>)> {
    let (dt, dp) = (y_true.shape(), y_pred.shape());
    for d in [&dt, &dp] {
        if d.len() > 2 {
            return Err(PyErr::value_error(format!("Found array with dim {}. None expected <= 2.", d.len())));
        }
    }
    let rows = |d: &Vec<usize>| d.first().copied().unwrap_or(1);
    if rows(&dt) != rows(&dp) {
        return Err(inconsistent(rows(&dt), rows(&dp)));
    }
    if rows(&dt) == 0 {
        return Err(PyErr::value_error(format!(
            "Found array with 0 sample(s) (shape=({})) while a minimum of 1 is required.",
            if dt.len() == 1 { "0,".to_string() } else { format!("0, {}", dt[1]) }
        )));
    }
    let cols = |d: &Vec<usize>| if d.len() == 2 { d[1] } else { 1 };
    if cols(&dt) != cols(&dp) {
        return Err(PyErr::value_error(format!(
            "y_true and y_pred have different number of output ({}!={})",
            cols(&dt),
            cols(&dp)
        )));
    }
    Ok((rows(&dt), cols(&dt), y_true.to_f64_vec()?, y_pred.to_f64_vec()?))
}

/// A regression metric by name (`mse`, `rmse`, `mae`, `mape`, `r2`), averaged uniformly over the outputs.
pub fn sk_regression(name: &str, y_true: &NdArray, y_pred: &NdArray) -> PyResult<f64> {
    let (n, k, t, p) = regression(y_true, y_pred)?;
    if name == "r2" && n < 2 {
        return Ok(f64::NAN);
    }
    let mut total = 0.0;
    for c in 0..k {
        let col = |v: &Vec<f64>| (0..n).map(|r| v[r * k + c]).collect::<Vec<f64>>();
        let (tc, pc) = (col(&t), col(&p));
        let mean = |f: &dyn Fn(f64, f64) -> f64| tc.iter().zip(&pc).map(|(a, b)| f(*a, *b)).sum::<f64>() / n as f64;
        total += match name {
            "mse" => mean(&|a, b| (a - b) * (a - b)),
            "rmse" => mean(&|a, b| (a - b) * (a - b)).sqrt(),
            "mae" => mean(&|a, b| (a - b).abs()),
            "mape" => mean(&|a, b| (a - b).abs() / a.abs().max(f64::EPSILON)),
            _ => {
                let m = tc.iter().sum::<f64>() / n as f64;
                let num: f64 = tc.iter().zip(&pc).map(|(a, b)| (a - b) * (a - b)).sum();
                let den: f64 = tc.iter().map(|a| (a - m) * (a - m)).sum();
                if den == 0.0 {
                    if num == 0.0 {
                        1.0
                    } else {
                        0.0
                    }
                } else {
                    1.0 - num / den
                }
            }
        };
    }
    Ok(total / k as f64)
}

/// A `labels=` list as labels.
pub fn sk_labels(ls: impl IntoTarget) -> PyResult<Vec<Label>> {
    Ok(ls.target()?.labels)
}

/// The confusion counts of two targets over their sorted labels (or `labels`), as `confusion_matrix` counts.
fn counts(y_true: impl IntoTarget, y_pred: impl IntoTarget, labels: Option<&Vec<Label>>) -> PyResult<(Vec<i64>, usize)> {
    let cm = sk_confusion_matrix(y_true, y_pred, labels, None)?;
    let n = cm.shape()[0];
    Ok((cm.to_i64_vec()?, n))
}

/// `balanced_accuracy_score(y_true, y_pred, adjusted=False)`: the mean recall over the classes of y_true.
pub fn sk_balanced_accuracy(y_true: impl IntoTarget, y_pred: impl IntoTarget, adjusted: bool) -> PyResult<f64> {
    let (cm, n) = counts(y_true, y_pred, None)?;
    let per: Vec<f64> = (0..n)
        .filter_map(|i| {
            let row: i64 = (0..n).map(|j| cm[i * n + j]).sum();
            (row > 0).then(|| cm[i * n + i] as f64 / row as f64)
        })
        .collect();
    let mut score = per.iter().sum::<f64>() / per.len() as f64;
    if adjusted {
        let chance = 1.0 / per.len() as f64;
        score = (score - chance) / (1.0 - chance);
    }
    Ok(score)
}

/// `matthews_corrcoef(y_true, y_pred)`: the multiclass Matthews correlation; 0.0 when it is undefined.
pub fn sk_matthews(y_true: impl IntoTarget, y_pred: impl IntoTarget) -> PyResult<f64> {
    let (cm, n) = counts(y_true, y_pred, None)?;
    let t: Vec<f64> = (0..n).map(|i| (0..n).map(|j| cm[i * n + j]).sum::<i64>() as f64).collect();
    let p: Vec<f64> = (0..n).map(|j| (0..n).map(|i| cm[i * n + j]).sum::<i64>() as f64).collect();
    let correct: f64 = (0..n).map(|i| cm[i * n + i] as f64).sum();
    let samples: f64 = p.iter().sum();
    let cov_tp = correct * samples - dot(&t, &p);
    let cov_pp = samples * samples - dot(&p, &p);
    let cov_tt = samples * samples - dot(&t, &t);
    if cov_pp * cov_tt == 0.0 {
        return Ok(0.0);
    }
    Ok(cov_tp / (cov_tt * cov_pp).sqrt())
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// `cohen_kappa_score(y1, y2, labels=None, weights=None)` with weights None, "linear" or "quadratic"; NaN
/// (scikit-learn's `replace_undefined_by`) when it is undefined.
pub fn sk_cohen_kappa(
    y1: impl IntoTarget,
    y2: impl IntoTarget,
    labels: Option<&Vec<Label>>,
    weights: Option<&str>,
) -> PyResult<f64> {
    if let Some(w) = weights {
        if w != "linear" && w != "quadratic" {
            return Err(invalid("weights", "cohen_kappa_score", "{'linear', 'quadratic'}", w));
        }
    }
    let (cm, n) = counts(y1, y2, labels)?;
    let s0: Vec<f64> = (0..n).map(|j| (0..n).map(|i| cm[i * n + j]).sum::<i64>() as f64).collect();
    let s1: Vec<f64> = (0..n).map(|i| (0..n).map(|j| cm[i * n + j]).sum::<i64>() as f64).collect();
    let total: f64 = s0.iter().sum();
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..n {
        for j in 0..n {
            let w = match weights {
                None => (i != j) as i64 as f64,
                Some("linear") => (i as f64 - j as f64).abs(),
                _ => (i as f64 - j as f64).powi(2),
            };
            num += w * cm[i * n + j] as f64;
            den += w * s1[i] * s0[j] / total;
        }
    }
    if den == 0.0 {
        return Ok(f64::NAN);
    }
    Ok(1.0 - num / den)
}

/// `log_loss(y_true, y_pred, normalize=True, labels=None)`: y_pred the positive class's probabilities (1-D,
/// binary) or one column per sorted label; clipped to [eps, 1 - eps].
pub fn sk_log_loss(
    y_true: impl IntoTarget,
    y_prob: &NdArray,
    normalize: bool,
    labels: Option<&Vec<Label>>,
) -> PyResult<f64> {
    // scikit-learn checks y_pred first: an empty one has no samples.
    let shape = y_prob.shape();
    if shape.first().copied().unwrap_or(0) == 0 {
        let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
        let shown = if dims.len() == 1 { format!("({},)", dims[0]) } else { format!("({})", dims.join(", ")) };
        return Err(PyErr::value_error(format!(
            "Found array with 0 sample(s) (shape={shown}) while a minimum of 1 is required."
        )));
    }
    let t = y_true.target()?;
    let classes = match labels {
        Some(ls) => sorted_unique(ls),
        None => sorted_unique(&t.labels),
    };
    if classes.len() == 1 {
        return Err(PyErr::value_error(format!(
            "y_true contains only one label ({}). Please provide the list of all expected class labels explicitly through the labels argument.",
            match &classes[0] {
                Label::S(s) => s.clone(),
                Label::I(i) => i.to_string(),
            }
        )));
    }
    let d = y_prob.shape();
    let p = y_prob.to_f64_vec()?;
    let rows = d.first().copied().unwrap_or(0);
    if rows != t.labels.len() {
        return Err(inconsistent(t.labels.len(), rows));
    }
    let (cols, probs): (usize, Vec<f64>) = match d.len() {
        1 => (2, p.iter().flat_map(|&x| [1.0 - x, x]).collect()),
        2 if d[1] == 1 => (2, p.iter().flat_map(|&x| [1.0 - x, x]).collect()),
        2 => (d[1], p),
        _ => return Err(PyErr::value_error("y_prob must be 1-D or 2-D")),
    };
    if cols != classes.len() {
        return Err(PyErr::value_error(format!(
            "y_true and y_prob contain different number of classes: {} vs {}. Please provide the true labels explicitly through the labels argument. Classes found in y_true: {}",
            classes.len(),
            cols,
            numpy_list(&classes)
        )));
    }
    let eps = f64::EPSILON;
    let mut total = 0.0;
    for (r, l) in t.labels.iter().enumerate() {
        let Some(k) = classes.iter().position(|c| c == l) else {
            return Err(PyErr::value_error(format!("y_true contains values {} not belonging to the passed labels {}", l, numpy_list(&classes))));
        };
        total -= probs[r * cols + k].clamp(eps, 1.0 - eps).ln();
    }
    Ok(if normalize { total / t.labels.len() as f64 } else { total })
}
