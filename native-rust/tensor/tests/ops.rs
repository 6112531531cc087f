//! Unit tests of ingot-tensor against values numpy gives (checked by hand with numpy 2.4).

use ingot_runtime::{ErrKind, FromValue, IntoValue, Value};
use ingot_tensor::*;

fn f64s(data: &[f64], shape: &[usize]) -> NdArray {
    NdArray::from_f64(data.to_vec(), shape, DType::Float64).unwrap()
}
fn i64s(data: &[i64], shape: &[usize]) -> NdArray {
    NdArray::from_i64(data.to_vec(), shape).unwrap()
}
fn close(a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len(), "{a:?} vs {b:?}");
    for (x, y) in a.iter().zip(b) {
        assert!(
            (x - y).abs() <= 1e-6 * x.abs().max(1.0) || (x.is_nan() && y.is_nan()),
            "{a:?} vs {b:?}"
        );
    }
}

#[test]
fn value_json_round_trip() {
    let v = Value::parse_json(
        r#"{"ndarray": {"dtype": "float32", "shape": [2, 2], "data": [1.0, 2.5, -3.0, 0.1]}}"#,
    )
    .unwrap();
    let a = NdArray::from_value(&v, "a").unwrap();
    assert_eq!(a.dtype(), DType::Float32);
    assert_eq!(a.shape(), vec![2, 2]);
    assert_eq!(a.to_f32_vec().unwrap(), vec![1.0, 2.5, -3.0, 0.1]);
    let out = a.into_value().to_json();
    assert_eq!(
        out,
        r#"{"ndarray":{"dtype":"float32","shape":[2,2],"data":[1.0,2.5,-3.0,0.10000000149011612]}}"#
    );
}

#[test]
fn nested_lists_and_scalars() {
    let v = Value::parse_json("[[1, 2], [3, 4]]").unwrap();
    let a = NdArray::from_value(&v, "a").unwrap();
    assert_eq!((a.dtype(), a.shape()), (DType::Int64, vec![2, 2]));
    let ragged = Value::parse_json("[[1, 2], [3]]").unwrap();
    assert_eq!(
        NdArray::from_value(&ragged, "a").unwrap_err().kind,
        ErrKind::ValueError
    );
    // 0-d arrays leave as scalars, as numpy scalars do.
    assert_eq!(
        reduce(Reduce::Sum, &i64s(&[1, 2, 3], &[3]), None, false)
            .unwrap()
            .into_value(),
        Value::Int(6)
    );
    let nan = f64s(&[f64::NAN, 1.0], &[2]).into_value().to_json();
    assert_eq!(
        nan,
        r#"{"ndarray":{"dtype":"float64","shape":[2],"data":[{"float":"nan"},1.0]}}"#
    );
}

#[test]
fn broadcasting_and_promotion() {
    let a = f64s(&[1., 2., 3., 4., 5., 6.], &[2, 3]);
    let b = f64s(&[10., 20., 30.], &[3]);
    let r = binary(BinOp::Add, &a, &b).unwrap();
    assert_eq!(r.shape(), vec![2, 3]);
    close(&r.to_f64_vec().unwrap(), &[11., 22., 33., 14., 25., 36.]);
    let e = binary(BinOp::Add, &a, f64s(&[1., 2., 3., 4.], &[4])).unwrap_err();
    assert_eq!(
        (e.kind, e.msg.as_str()),
        (
            ErrKind::ValueError,
            "operands could not be broadcast together with shapes (2,3) (4,) "
        )
    );
    // float32 stays float32 with Python scalars; int64 with a float scalar is float64.
    let f32a = NdArray::from_f32(vec![1.0, 2.0], &[2]).unwrap();
    assert_eq!(
        binary(BinOp::Mul, &f32a, 2.0).unwrap().dtype(),
        DType::Float32
    );
    let ia = i64s(&[1, 2], &[2]);
    assert_eq!(
        binary(BinOp::Add, &ia, 1.5).unwrap().dtype(),
        DType::Float64
    );
    assert_eq!(binary(BinOp::Add, &ia, 1i64).unwrap().dtype(), DType::Int64);
    assert_eq!(
        binary(BinOp::TrueDiv, &ia, 2i64).unwrap().dtype(),
        DType::Float64
    );
    assert_eq!(
        tbinary(BinOp::TrueDiv, &ia, 2i64).unwrap().dtype(),
        DType::Float32
    );
    assert_eq!(
        binary(BinOp::Add, &ia, &f32a).unwrap().dtype(),
        DType::Float64
    );
    assert_eq!(
        tbinary(BinOp::Add, &ia, &f32a).unwrap().dtype(),
        DType::Float32
    );
}

#[test]
fn floor_division_and_modulo_follow_python() {
    let a = i64s(&[7, -7, 7, -7, 5], &[5]);
    let b = i64s(&[2, 2, -2, -2, 0], &[5]);
    assert_eq!(
        binary(BinOp::FloorDiv, &a, &b)
            .unwrap()
            .to_i64_vec()
            .unwrap(),
        vec![3, -4, -4, 3, 0]
    );
    assert_eq!(
        binary(BinOp::Mod, &a, &b).unwrap().to_i64_vec().unwrap(),
        vec![1, 1, -1, -1, 0]
    );
    let x = f64s(&[7.5, -7.5], &[2]);
    close(
        &binary(BinOp::FloorDiv, &x, 2.0)
            .unwrap()
            .to_f64_vec()
            .unwrap(),
        &[3.0, -4.0],
    );
    close(
        &binary(BinOp::Mod, &x, 2.0).unwrap().to_f64_vec().unwrap(),
        &[1.5, 0.5],
    );
    assert_eq!(
        binary(BinOp::Pow, &a, -1i64).unwrap_err().kind,
        ErrKind::ValueError
    );
}

#[test]
fn comparisons_where_clip() {
    let a = f64s(&[-1., 0.5, 2.], &[3]);
    let m = binary(BinOp::Gt, &a, 0.0).unwrap();
    assert_eq!(m.dtype(), DType::Bool);
    assert_eq!(m.flat().unwrap(), Flat::B(vec![false, true, true]));
    close(
        &where_(&m, &a, 0.0).unwrap().to_f64_vec().unwrap(),
        &[0.0, 0.5, 2.0],
    );
    close(
        &clip(
            &a,
            Some(Operand::Float(0.0)),
            Some(Operand::Float(1.0)),
            Flavor::Numpy,
        )
        .unwrap()
        .to_f64_vec()
        .unwrap(),
        &[0.0, 0.5, 1.0],
    );
    assert!(m.truth().is_err());
}

#[test]
fn unary_ops_never_hit_integer_kernels() {
    let a = i64s(&[-3, 4], &[2]);
    assert_eq!(
        unary(UnOp::Neg, &a).unwrap().to_i64_vec().unwrap(),
        vec![3, -4]
    );
    assert_eq!(
        unary(UnOp::Abs, &a).unwrap().to_i64_vec().unwrap(),
        vec![3, 4]
    );
    let e = unary(UnOp::Exp, &a).unwrap();
    assert_eq!(e.dtype(), DType::Float64);
    close(&e.to_f64_vec().unwrap(), &[(-3f64).exp(), 4f64.exp()]);
    let l = unary(UnOp::Log, &f64s(&[-1.0, 0.0], &[2]))
        .unwrap()
        .to_f64_vec()
        .unwrap();
    assert!(l[0].is_nan() && l[1] == f64::NEG_INFINITY);
}

#[test]
fn reductions() {
    let a = f64s(&[1., 5., 3., 4., 2., 6.], &[2, 3]);
    close(
        &reduce(Reduce::Sum, &a, Some(0), false)
            .unwrap()
            .to_f64_vec()
            .unwrap(),
        &[5., 7., 9.],
    );
    assert_eq!(
        reduce(Reduce::Sum, &a, Some(1), true).unwrap().shape(),
        vec![2, 1]
    );
    assert_eq!(
        reduce(Reduce::Mean, &a, None, true).unwrap().shape(),
        vec![1, 1]
    );
    close(
        &reduce(Reduce::Max, &a, Some(-1), false)
            .unwrap()
            .to_f64_vec()
            .unwrap(),
        &[5., 6.],
    );
    assert_eq!(
        reduce(Reduce::ArgMax, &a, None, false)
            .unwrap()
            .to_i64_vec()
            .unwrap(),
        vec![5]
    );
    assert_eq!(
        reduce(Reduce::ArgMin, &a, Some(1), false)
            .unwrap()
            .to_i64_vec()
            .unwrap(),
        vec![0, 1]
    );
    // Ties: the first index, as numpy.
    assert_eq!(
        reduce(Reduce::ArgMax, &f64s(&[2., 2., 1.], &[3]), None, false)
            .unwrap()
            .to_i64_vec()
            .unwrap(),
        vec![0]
    );
    let empty = f64s(&[], &[0]);
    assert_eq!(
        reduce(Reduce::Max, &empty, None, false).unwrap_err().kind,
        ErrKind::ValueError
    );
    assert!(reduce(Reduce::Mean, &empty, None, false)
        .unwrap()
        .item_f64()
        .unwrap()
        .is_nan());
    assert_eq!(
        reduce(Reduce::Sum, &a, Some(2), false).unwrap_err().kind,
        ErrKind::IndexError
    );
    assert_eq!(
        reduce(Reduce::Mean, &i64s(&[1, 2], &[2]), None, false)
            .unwrap()
            .item_f64()
            .unwrap(),
        1.5
    );
    assert_eq!(
        treduce(Reduce::Mean, &i64s(&[1, 2], &[2]), None, false)
            .unwrap_err()
            .kind,
        ErrKind::NotImplementedError
    );
}

#[test]
fn argsort_is_stable_and_puts_nan_last() {
    let a = f64s(&[3., 1., f64::NAN, 1., 0.], &[5]);
    assert_eq!(
        argsort(&a, Some(-1)).unwrap().to_i64_vec().unwrap(),
        vec![4, 1, 3, 0, 2]
    );
    let m = f64s(&[3., 1., 2., 0., 5., 4.], &[2, 3]);
    assert_eq!(
        argsort(&m, Some(0)).unwrap().to_i64_vec().unwrap(),
        vec![1, 0, 0, 0, 1, 1]
    );
    assert_eq!(
        argsort(&m, Some(1)).unwrap().to_i64_vec().unwrap(),
        vec![1, 2, 0, 0, 2, 1]
    );
}

#[test]
fn matmul_shapes() {
    let a = f64s(&[1., 2., 3., 4., 5., 6.], &[2, 3]);
    let b = f64s(&[1., 0., 0., 1., 1., 1.], &[3, 2]);
    let r = matmul(&a, &b).unwrap();
    assert_eq!(r.shape(), vec![2, 2]);
    close(&r.to_f64_vec().unwrap(), &[4., 5., 10., 11.]);
    let v = f64s(&[1., 1., 1.], &[3]);
    assert_eq!(matmul(&a, &v).unwrap().shape(), vec![2]);
    assert_eq!(matmul(&v, &v).unwrap().into_value(), Value::Float(3.0));
    assert_eq!(matmul(&a, &a).unwrap_err().kind, ErrKind::ValueError);
    let ints = matmul(&i64s(&[1, 2], &[1, 2]), &i64s(&[3, 4], &[2, 1])).unwrap();
    assert_eq!(
        (ints.dtype(), ints.to_i64_vec().unwrap()),
        (DType::Int64, vec![11])
    );
}

#[test]
fn indexing_and_slicing() {
    let a = i64s(&(1..=12).collect::<Vec<_>>(), &[4, 3]);
    let r = getitem(
        &a,
        &[
            Ix::Slice(Some(1), Some(3), None),
            Ix::Slice(None, None, Some(-1)),
        ],
    )
    .unwrap();
    assert_eq!(
        (r.shape(), r.to_i64_vec().unwrap()),
        (vec![2, 3], vec![6, 5, 4, 9, 8, 7])
    );
    let c = getitem(&a, &[Ix::Slice(None, None, None), Ix::Int(1)]).unwrap();
    assert_eq!(c.to_i64_vec().unwrap(), vec![2, 5, 8, 11]);
    let n = getitem(&a, &[Ix::NewAxis, Ix::Slice(None, None, None)]).unwrap();
    assert_eq!(n.shape(), vec![1, 4, 3]);
    assert_eq!(
        getitem(&a, &[Ix::Int(-1), Ix::Int(-1)])
            .unwrap()
            .item_i64()
            .unwrap(),
        12
    );
    let e = getitem(&a, &[Ix::Int(4)]).unwrap_err();
    assert_eq!(
        (e.kind, e.msg.as_str()),
        (
            ErrKind::IndexError,
            "index 4 is out of bounds for axis 0 with size 4"
        )
    );
    assert_eq!(
        getitem(&a, &[Ix::Int(0), Ix::Int(0), Ix::Int(0)])
            .unwrap_err()
            .kind,
        ErrKind::IndexError
    );
    assert_eq!(
        slice(&a, None, None, Some(0)).unwrap_err().kind,
        ErrKind::ValueError
    );
    assert_eq!(slice(&a, Some(10), None, None).unwrap().shape(), vec![0, 3]);
}

#[test]
fn shapes() {
    let a = f64s(&[1., 2., 3., 4., 5., 6.], &[2, 3]);
    assert_eq!(reshape(&a, &[-1, 2]).unwrap().shape(), vec![3, 2]);
    assert_eq!(
        reshape(&a, &[4, -1]).unwrap_err().msg,
        "cannot reshape array of size 6 into shape (4, -1)"
    );
    assert_eq!(
        transpose(&a, None).unwrap().to_f64_vec().unwrap(),
        vec![1., 4., 2., 5., 3., 6.]
    );
    assert_eq!(swapaxes(&a, 0, 1).unwrap().shape(), vec![3, 2]);
    assert_eq!(unsqueeze(&a, -1).unwrap().shape(), vec![2, 3, 1]);
    let col = f64s(&[1., 2.], &[2, 1]);
    assert_eq!(expand(&col, &[2, -1]).unwrap().shape(), vec![2, 1]);
    assert_eq!(expand(&col, &[3, 2, 4]).unwrap().shape(), vec![3, 2, 4]);
    assert_eq!(expand(&a, &[2, 4]).unwrap_err().kind, ErrKind::RuntimeError);
    let c = concatenate(&[a.clone(), a.clone()], Some(1)).unwrap();
    assert_eq!(c.shape(), vec![2, 6]);
    assert_eq!(
        stack(&[a.clone(), a.clone()], -1).unwrap().shape(),
        vec![2, 3, 2]
    );
    assert_eq!(
        concatenate(&[a.clone(), col.clone()], Some(0))
            .unwrap_err()
            .kind,
        ErrKind::ValueError
    );
    assert_eq!(a.len().unwrap(), 2);
    assert_eq!(
        a.tolist::<Vec<Vec<f64>>>().unwrap(),
        vec![vec![1., 2., 3.], vec![4., 5., 6.]]
    );
    assert!(a.tolist::<Vec<f64>>().is_err());
}

#[test]
fn construction() {
    assert_eq!(
        arange_int(0, 10, 3).unwrap().to_i64_vec().unwrap(),
        vec![0, 3, 6, 9]
    );
    assert_eq!(
        arange_int(10, 0, -3).unwrap().to_i64_vec().unwrap(),
        vec![10, 7, 4, 1]
    );
    assert_eq!(arange(0.0, 1.0, 0.1, DType::Float64).unwrap().size(), 10);
    assert_eq!(
        arange_int(0, 1, 0).unwrap_err().kind,
        ErrKind::ZeroDivisionError
    );
    close(
        &linspace(0.0, 1.0, 5, true).unwrap().to_f64_vec().unwrap(),
        &[0., 0.25, 0.5, 0.75, 1.],
    );
    assert_eq!(
        full(&[2, 2], 1.0, DType::Float32).unwrap().dtype(),
        DType::Float32
    );
    assert_eq!(
        full(&[-1], 0.0, DType::Float64).unwrap_err().kind,
        ErrKind::ValueError
    );
    let arr = array(vec![vec![1.0, 2.0], vec![3.0, 4.0]], None).unwrap();
    assert_eq!(arr.shape(), vec![2, 2]);
    assert!(array(vec![vec![1i64], vec![2, 3]], None).is_err());
    assert_eq!(
        array(vec![true, false], Some(DType::Float32))
            .unwrap()
            .to_f64_vec()
            .unwrap(),
        vec![1.0, 0.0]
    );
}

#[test]
fn norms_and_normalize() {
    let a = NdArray::from_f32(vec![3., 4., 0., 0.], &[2, 2]).unwrap();
    close(
        &norm(&a, Some(1), false).unwrap().to_f64_vec().unwrap(),
        &[5.0, 0.0],
    );
    assert_eq!(norm(&a, Some(1), true).unwrap().shape(), vec![2, 1]);
    let n = normalize(&a, 2.0, 1, 1e-12).unwrap();
    assert_eq!(n.dtype(), DType::Float32);
    close(&n.to_f64_vec().unwrap(), &[0.6, 0.8, 0.0, 0.0]);
}

#[test]
fn astype_and_scalars() {
    let a = f64s(&[1.7, -1.7, 0.0], &[3]);
    assert_eq!(
        a.astype(DType::Int64).unwrap().to_i64_vec().unwrap(),
        vec![1, -1, 0]
    );
    assert_eq!(
        a.astype(DType::Bool).unwrap().flat().unwrap(),
        Flat::B(vec![true, true, false])
    );
    assert_eq!(f64s(&[2.5], &[1]).item_f64().unwrap(), 2.5);
    assert_eq!(
        f64s(&[2.5], &[1]).to_float().unwrap_err().kind,
        ErrKind::TypeError
    );
    assert_eq!(a.item_f64().unwrap_err().kind, ErrKind::ValueError);
    assert_eq!(
        f64s(&[2.5], &[]).len().unwrap_err().kind,
        ErrKind::TypeError
    );
}

#[test]
fn empty_arrays_do_not_panic() {
    let e = f64s(&[], &[0, 3]);
    let v = f64s(&[1., 2., 3.], &[3]);
    assert_eq!(binary(BinOp::Add, &e, &v).unwrap().shape(), vec![0, 3]);
    assert_eq!(
        reduce(Reduce::Sum, &e, Some(0), false)
            .unwrap()
            .to_f64_vec()
            .unwrap(),
        vec![0.0, 0.0, 0.0]
    );
    assert_eq!(
        reduce(Reduce::Sum, &e, Some(1), false).unwrap().shape(),
        vec![0]
    );
    assert!(
        reduce(Reduce::Max, &e, Some(1), false).is_ok()
            || reduce(Reduce::Max, &e, Some(1), false).is_err()
    );
    assert_eq!(argsort(&e, Some(-1)).unwrap().shape(), vec![0, 3]);
    assert_eq!(
        matmul(&e, &f64s(&[1., 2., 3.], &[3, 1])).unwrap().shape(),
        vec![0, 1]
    );
    assert_eq!(
        matmul(&f64s(&[], &[2, 0]), &f64s(&[], &[0, 2]))
            .unwrap()
            .to_f64_vec()
            .unwrap(),
        vec![0.0; 4]
    );
    assert_eq!(
        getitem(&e, &[Ix::Slice(None, None, Some(-1))])
            .unwrap()
            .shape(),
        vec![0, 3]
    );
    assert_eq!(
        getitem(&v, &[Ix::Slice(Some(2), Some(0), Some(1))])
            .unwrap()
            .shape(),
        vec![0]
    );
    assert_eq!(
        concatenate(&[e.clone(), e.clone()], Some(0))
            .unwrap()
            .shape(),
        vec![0, 3]
    );
    assert_eq!(norm(&e, Some(1), false).unwrap().shape(), vec![0]);
    assert_eq!(reshape(&e, &[-1]).unwrap().shape(), vec![0]);
    assert!(reshape(&e, &[-1, 0]).is_err());
    assert_eq!(unary(UnOp::Exp, &e).unwrap().shape(), vec![0, 3]);
    assert_eq!(e.iter_rows().unwrap().len(), 0);
    assert_eq!(e.tolist::<Vec<Vec<f64>>>().unwrap(), Vec::<Vec<f64>>::new());
    assert_eq!(
        where_(&binary(BinOp::Gt, &e, 0.0).unwrap(), &e, 1.0)
            .unwrap()
            .shape(),
        vec![0, 3]
    );
    assert_eq!(
        expand(&f64s(&[], &[0, 1]), &[0, 4]).unwrap().shape(),
        vec![0, 4]
    );
    assert_eq!(linspace(0.0, 1.0, 0, true).unwrap().size(), 0);
    assert_eq!(array(Vec::<f64>::new(), None).unwrap().shape(), vec![0]);
    assert_eq!(array(Vec::<NdArray>::new(), None).unwrap().shape(), vec![0]);
}
