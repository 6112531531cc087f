//! `rt::random` against values CPython 3.11 printed for the same seeds (the registry's reference
//! tests check the compiled ops against CPython itself; these pin the generator alone).
use ingot_runtime::random::Random;

#[test]
fn int_float_and_str_seeds_match_cpython() {
    let r = Random::new(&42i64).unwrap();
    assert_eq!(r.random(), 0.6394267984578837);
    assert_eq!(r.random(), 0.025010755222666936);
    assert_eq!(r.getrandbits(40).unwrap(), 267469214295);
    assert_eq!(r.randrange1(1_000_000_000_000).unwrap(), 151282538206);
    assert_eq!(r.gauss(0.0, 1.0), -0.12758828378288709);
    assert_eq!(r.gauss(0.0, 1.0), -1.4973534143409575);
    assert_eq!(Random::new("hello").unwrap().random(), 0.3537754404730722);
    assert_eq!(Random::new("").unwrap().random(), 0.9602256525641875);
    assert_eq!(Random::new(&i64::MIN).unwrap().random(), 0.5534639983914199);
    assert_eq!(Random::new(&1.5f64).unwrap().random(), 0.551763726942059);
    // A negative hash wraps to an unsigned word (CPython's `(size_t)hash`).
    assert_eq!(Random::new(&-1.0f64).unwrap().random(), 0.13119521545503066);
    assert_eq!(Random::new(&-0.5f64).unwrap().random(), 0.6833350889696508);
    // Floor division of a negative step.
    let r = Random::new(&-1i64).unwrap();
    assert_eq!(r.randrange(7, Some(4), -17).unwrap(), 7);
}

#[test]
fn sampling_matches_cpython() {
    let r = Random::new(&12345i64).unwrap();
    let range = ingot_runtime::builtins::range(0, 100, 1).unwrap();
    assert_eq!(r.sample(&range, 10).unwrap(), vec![53, 93, 1, 38, 47, 24, 34, 72, 55, 20]);
    let abc = ingot_runtime::random::chars("abc");
    assert_eq!(r.choices_weighted(&abc, &[1.0, 2.0, 3.0], false, 4).unwrap(), vec!["b", "c", "b", "c"]);
    assert_eq!(r.gammavariate(0.5, 2.0).unwrap(), 1.0492151884566623);
    assert_eq!(r.gammavariate(3.0, 1.0).unwrap(), 4.768777609512713);
    assert_eq!(r.betavariate(2.0, 3.0).unwrap(), 0.3805246034377165);
    assert_eq!(r.vonmisesvariate(1.0, 2.0).unwrap(), 1.233916951854064);
}
