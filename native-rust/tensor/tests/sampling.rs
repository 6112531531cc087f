//! Unit tests of the decoding-loop ops: deterministic ones against values torch 2.15 gives,
//! random draws against the semantics documented in sampling.rs (a seed fixes the stream,
//! draws follow the distribution, bad input raises torch's RuntimeError).

use ingot_runtime::ErrKind;
use ingot_tensor::*;

fn f32s(data: &[f64], shape: &[usize]) -> NdArray {
    NdArray::from_f64(data.to_vec(), shape, DType::Float32).unwrap()
}
fn ints(a: &NdArray) -> Vec<i64> {
    match a.flat().unwrap() {
        Flat::I(v) => v,
        other => panic!("expected int64, got {other:?}"),
    }
}

#[test]
fn softmax_cumsum_sort_topk_gather_follow_torch() {
    let t = f32s(&[1.0, 3.0, 2.0, 3.0], &[1, 4]);
    let s = softmax(&t, -1).unwrap().to_f64_vec().unwrap();
    let want = [0.0541, 0.3995, 0.1470, 0.3995];
    assert!(
        s.iter().zip(want).all(|(x, y)| (x - y).abs() < 1e-4),
        "{s:?}"
    );
    let (v, i) = sort(&t, -1, true).unwrap();
    assert_eq!(v.to_f64_vec().unwrap(), vec![3.0, 3.0, 2.0, 1.0]);
    assert_eq!(ints(&i), vec![1, 3, 2, 0]);
    let (v, i) = topk(&t, 2, -1, true).unwrap();
    assert_eq!(
        (v.to_f64_vec().unwrap(), ints(&i)),
        (vec![3.0, 3.0], vec![1, 3])
    );
    let c = cumsum(&f32s(&[1.0, 3.0, 2.0], &[1, 3]), -1).unwrap();
    assert_eq!(c.to_f64_vec().unwrap(), vec![1.0, 4.0, 6.0]);
    let ix = NdArray::from_i64(vec![2, 0], &[1, 2]).unwrap();
    let g = gather(&f32s(&[1.0, 3.0, 2.0], &[1, 3]), -1, &ix).unwrap();
    assert_eq!(g.to_f64_vec().unwrap(), vec![2.0, 1.0]);
    let bad = NdArray::from_i64(vec![3], &[1, 1]).unwrap();
    let e = gather(&f32s(&[1.0, 3.0, 2.0], &[1, 3]), -1, &bad).unwrap_err();
    assert_eq!(
        e.to_string(),
        "RuntimeError: index 3 is out of bounds for dimension 1 with size 3"
    );
    assert_eq!(
        topk(&t, 5, -1, true).unwrap_err().to_string(),
        "RuntimeError: selected index k out of range"
    );
}

#[test]
fn masked_fill_and_scatter() {
    let t = f32s(&[1.0, 3.0, 2.0], &[1, 3]);
    let m = NdArray::from_bool(vec![true, false, true], &[1, 3]).unwrap();
    let f = masked_fill(&t, &m, f64::NEG_INFINITY).unwrap();
    assert_eq!(
        f.to_f64_vec().unwrap(),
        vec![f64::NEG_INFINITY, 3.0, f64::NEG_INFINITY]
    );
    assert_eq!(f.dtype(), DType::Float32);
    // A sorted-order mask scattered back to vocabulary order, as top-p filtering does.
    let order = NdArray::from_i64(vec![1, 2, 0], &[1, 3]).unwrap();
    let sorted_mask = NdArray::from_bool(vec![false, false, true], &[1, 3]).unwrap();
    let back = scatter(&sorted_mask, 1, &order, sorted_mask.clone()).unwrap();
    assert_eq!(back.flat().unwrap(), Flat::B(vec![true, false, false]));
    let z = scatter(&t, 1, &NdArray::from_i64(vec![0], &[1, 1]).unwrap(), 0.0).unwrap();
    assert_eq!(z.to_f64_vec().unwrap(), vec![0.0, 3.0, 2.0]);
}

#[test]
fn a_seed_fixes_the_draws_and_another_changes_them() {
    let p = f32s(&[0.1, 0.2, 0.3, 0.4], &[4]);
    let draw = |g: &Generator| ints(&multinomial(&p, 50, true, Some(g)).unwrap());
    let a = draw(&Generator::new().manual_seed(7));
    assert_eq!(a, draw(&Generator::new().manual_seed(7)));
    assert_ne!(a, draw(&Generator::new().manual_seed(8)));
    // The default generator: torch.manual_seed(s) then unseeded draws repeat too.
    manual_seed(3);
    let d1 = ints(&multinomial(&p, 50, true, None).unwrap());
    manual_seed(3);
    assert_eq!(d1, ints(&multinomial(&p, 50, true, None).unwrap()));
    // A generator is shared by every handle to it: drawing through one advances the other.
    let g = Generator::new().manual_seed(1);
    let h = g.clone();
    let first = draw(&g);
    assert_ne!(first, draw(&h));
}

#[test]
fn one_hot_always_gives_its_index_and_zero_weights_are_never_drawn() {
    let g = Generator::new().manual_seed(0);
    let p = f32s(
        &[0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        &[2, 6],
    );
    let d = multinomial(&p, 200, true, Some(&g)).unwrap();
    assert_eq!(d.shape(), vec![2, 200]);
    let v = ints(&d);
    assert!(v[..200].iter().all(|&x| x == 1) && v[200..].iter().all(|&x| x == 5));
    // Without replacement: the positive categories first, then the zero-weight ones in index order.
    let w = f32s(&[0.0, 1.0, 0.0], &[1, 3]);
    assert_eq!(
        ints(&multinomial(&w, 3, false, Some(&g)).unwrap()),
        vec![1, 0, 2]
    );
    let u = f32s(&[0.3, 0.0, 0.7, 0.0], &[4]);
    let mut two = ints(&multinomial(&u, 2, false, Some(&g)).unwrap());
    two.sort();
    assert_eq!(two, vec![0, 2]);
}

#[test]
fn draws_follow_the_distribution() {
    // Pearson's chi-square over 20 000 draws of a fixed distribution (unnormalised weights).
    // With 4 degrees of freedom the 0.999 quantile is 18.47; the seed makes this deterministic.
    let w = [1.0, 2.0, 3.0, 4.0, 10.0];
    let total: f64 = w.iter().sum();
    let n = 20_000;
    let g = Generator::new().manual_seed(2024);
    let d = ints(&multinomial(&f32s(&w, &[5]), n, true, Some(&g)).unwrap());
    let mut counts = [0f64; 5];
    d.iter().for_each(|&i| counts[i as usize] += 1.0);
    let chi2: f64 = counts
        .iter()
        .zip(w)
        .map(|(c, p)| {
            let e = n as f64 * p / total;
            (c - e).powi(2) / e
        })
        .sum();
    assert!(chi2 < 18.47, "chi-square {chi2} for counts {counts:?}");
    // And a wrong distribution is rejected by the same test: the check can fail.
    let flat: f64 = counts
        .iter()
        .map(|c| (c - n as f64 / 5.0).powi(2) / (n as f64 / 5.0))
        .sum();
    assert!(flat > 18.47);
}

#[test]
fn bad_probabilities_raise_torch_errors() {
    let err = |p: &NdArray, k: i64, repl: bool| {
        let e = multinomial(p, k, repl, None).unwrap_err();
        assert_eq!(e.kind, ErrKind::RuntimeError);
        e.to_string()
    };
    let neg = f32s(&[0.5, -0.1, 0.6], &[3]);
    assert!(err(&neg, 1, true)
        .contains("probability tensor contains either `inf`, `nan` or element < 0"));
    let nan = f32s(&[0.5, f64::NAN], &[1, 2]);
    assert!(err(&nan, 1, true).contains("element < 0"));
    let two = f32s(&[0.5, 0.5], &[2]);
    assert!(err(&two, 3, false)
        .contains("cannot sample n_sample > prob_dist.size(-1) samples without replacement"));
    // A generator of its own: the process-wide default is another test's, and the tests run in parallel.
    let g = Generator::new().manual_seed(0);
    assert_eq!(
        multinomial(&two, 3, true, Some(&g)).unwrap().shape(),
        vec![3]
    );
    assert!(err(&two, 0, true).contains("cannot sample n_sample <= 0 samples"));
    assert!(err(&f32s(&[0.0, 0.0], &[2]), 1, true).contains("sum of probabilities <= 0"));
    assert!(err(&f32s(&[0.5], &[]), 1, true).contains("prob_dist must be 1 or 2 dim"));
    let long = NdArray::from_i64(vec![1, 2], &[2]).unwrap();
    assert!(
        err(&long, 1, true).contains("only supports floating-point dtypes for input, got: Long")
    );
}

#[test]
fn mask_assignment_writes_in_place_and_clone_copies() {
    let t = f32s(&[1.0, 3.0, 2.0, 0.5], &[2, 2]);
    let alias = t.clone();
    let copy = clone_tensor(&t).unwrap();
    let m = NdArray::from_bool(vec![true, false, false, true], &[2, 2]).unwrap();
    masked_assign(&t, &m, f64::NEG_INFINITY).unwrap();
    let want = vec![f64::NEG_INFINITY, 3.0, 2.0, f64::NEG_INFINITY];
    assert_eq!(t.to_f64_vec().unwrap(), want);
    assert_eq!(alias.to_f64_vec().unwrap(), want);
    assert_eq!(copy.to_f64_vec().unwrap(), vec![1.0, 3.0, 2.0, 0.5]);
    let bad = NdArray::from_bool(vec![true, false], &[2]).unwrap();
    assert_eq!(
        masked_assign(&t, &bad, 0.0).unwrap_err().kind,
        ErrKind::IndexError
    );
}

#[test]
fn squeeze_and_cat_follow_torch() {
    let ids = NdArray::from_i64(vec![5, 6, 7], &[1, 3]).unwrap();
    let next = NdArray::from_i64(vec![9], &[1, 1]).unwrap();
    let joined = cat(&[ids.clone(), next.clone()], -1).unwrap();
    assert_eq!(
        (joined.shape(), ints(&joined)),
        (vec![1, 4], vec![5, 6, 7, 9])
    );
    assert_eq!(squeeze(&next, Some(1)).unwrap().shape(), vec![1]);
    assert_eq!(squeeze(&ids, Some(1)).unwrap().shape(), vec![1, 3]);
    assert_eq!(squeeze(&next, None).unwrap().shape(), Vec::<usize>::new());
    let e = cat(&[ids, NdArray::from_i64(vec![1, 2], &[2, 1]).unwrap()], 1).unwrap_err();
    assert_eq!(
        e.to_string(),
        "RuntimeError: Sizes of tensors must match except in dimension 1. Expected size 1 but got size 2 for tensor number 1 in the list."
    );
}
