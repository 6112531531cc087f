/**
 * numpy's legacy random API with a seed: `np.random.seed(s)` and the module functions over numpy's
 * global `RandomState` (`numpy.random.X`), and `np.random.RandomState(s)` objects
 * (`numpy.random.RandomState.X`, an opaque shared handle, `nd::RandomState`). The runtime
 * (native-rust/tensor/src/np_random.rs) follows mtrand.pyx and distributions.c, so the draws are
 * numpy's bit for bit. Module-level draws in a module that never calls `np.random.seed(s)` stay a
 * diagnostic (infer's `UNSEEDED_DRAW`); `default_rng` (PCG64) is not supported yet.
 */
import { defineOp, defineSpellings, T, type OpTest, type ResolveResult } from '../registry';
import type { ConstValue } from '../../ir/consts';
import { type Type, typeToString } from '../../types/types';
import { bind, type Bound } from './random';
import { isArr, listArrayType, nd, scalarOf, shapeArg } from './numpy';

export const RANDOM_STATE: Type = T.opaque('numpy.random.RandomState', 'nd::RandomState');
const isState = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'numpy.random.RandomState';

type Detail = Record<string, string | number | boolean | string[] | undefined>;
interface Decision {
  result: Type;
  variant: string;
  detail: Detail;
  mutates?: number;
}
type Rule = (b: Bound, name: string) => Decision | { error: string };

const isNone = (b: { t: Type } | undefined): boolean => b === undefined || b.t.kind === 'none';
const numeric = (t: Type): boolean => t.kind === 'int' || t.kind === 'float' || t.kind === 'bool';

/** A float parameter with a default: where it was passed and whether it needs a conversion. */
function floatParam(b: Bound, name: string, key: string): { d: Detail } | { error: string } {
  const x = b.get(key);
  if (isNone(x)) return { d: {} };
  if (!numeric(x!.t)) return { error: `${name}() takes a number for ${key} here, not ${typeToString(x!.t)}` };
  return { d: { [`at_${key}`]: x!.at, [`kind_${key}`]: x!.t.kind } };
}

function intParam(b: Bound, name: string, key: string): { d: Detail } | { error: string } {
  const x = b.get(key);
  if (isNone(x)) return { d: {} };
  if (x!.t.kind !== 'int' && x!.t.kind !== 'bool')
    return { error: `${name}() takes an int for ${key}, not ${typeToString(x!.t)}` };
  return { d: { [`at_${key}`]: x!.at, [`kind_${key}`]: x!.t.kind } };
}

/** A `size=` argument: absent or None (a scalar result), an int or a tuple of ints. */
function sizeParam(
  b: Bound,
  key = 'size',
): { detail: Detail; rank: number | undefined } | { scalar: true } | { error: string } {
  const x = b.get(key);
  if (isNone(x)) return { scalar: true };
  const s = shapeArg([x!]);
  if ('error' in s) return s;
  return { detail: { shape: s.detail.shape, shapeForm: s.detail.shapeForm }, rank: s.rank };
}

/** `rand(d0, d1, ...)`-style dims: none for a scalar. */
function dimsParam(
  args: Type[],
  shift: number,
  name: string,
): { detail: Detail; rank: number } | { scalar: true } | { error: string } {
  const dims = args.slice(shift);
  if (dims.length === 0) return { scalar: true };
  if (!dims.every((t) => t.kind === 'int')) return { error: `${name}() takes int dimensions` };
  return { detail: { shape: dims.map((_, i) => String(i + shift)), shapeForm: 'ints' }, rank: dims.length };
}

function floats(name: string, keys: string[]): Rule {
  return (b) => {
    let detail: Detail = {};
    for (const k of keys) {
      const f = floatParam(b, name, k);
      if ('error' in f) return f;
      detail = { ...detail, ...f.d };
    }
    const size = sizeParam(b);
    if ('error' in size) return size;
    if ('scalar' in size) return { result: T.float, variant: `${name}_scalar`, detail };
    return { result: T.ndarray('float64', size.rank), variant: name, detail: { ...detail, ...size.detail } };
  };
}

const RULES: Record<string, { names: string[]; required: number; summary: string; rule?: Rule; dims?: boolean }> = {
  seed: {
    names: ['seed'],
    required: 0,
    summary: "seed(seed): numpy's mt19937_seed, for an int in [0, 2**32)",
    rule: (b, name) => {
      const s = b.get('seed');
      if (isNone(s))
        return {
          error: `${name}() without a seed draws OS entropy, so the compiled function's results could not be reproduced; pass a seed`,
        };
      const d = intParam(b, name, 'seed');
      if ('error' in d) return d;
      return { result: T.none, variant: 'seed', detail: d.d };
    },
  },
  rand: {
    names: [],
    required: 0,
    summary: 'rand(d0, ...): uniform floats in [0, 1), a float without dims',
    dims: true,
  },
  randn: {
    names: [],
    required: 0,
    summary: "randn(d0, ...): standard normals by numpy's legacy polar method",
    dims: true,
  },
  random_sample: {
    names: ['size'],
    required: 0,
    summary: 'random_sample(size=None): uniform floats in [0, 1)',
    rule: floats('random_sample', []),
  },
  random: {
    names: ['size'],
    required: 0,
    summary: 'random(size=None): random_sample',
    rule: floats('random_sample', []),
  },
  standard_normal: {
    names: ['size'],
    required: 0,
    summary: 'standard_normal(size=None): the legacy polar method',
    rule: floats('standard_normal', []),
  },
  normal: {
    names: ['loc', 'scale', 'size'],
    required: 0,
    summary: 'normal(loc=0.0, scale=1.0, size=None): scalar loc and scale; ValueError for scale < 0',
    rule: floats('normal', ['loc', 'scale']),
  },
  uniform: {
    names: ['low', 'high', 'size'],
    required: 0,
    summary: 'uniform(low=0.0, high=1.0, size=None): scalar bounds',
    rule: floats('uniform', ['low', 'high']),
  },
  randint: {
    names: ['low', 'high', 'size', 'dtype'],
    required: 1,
    summary: "randint(low, high=None, size=None): int64 by numpy's masked rejection",
    rule: (b, name) => {
      if (
        !isNone(b.get('dtype')) &&
        !(
          b.get('dtype')!.c?.kind === 'str' &&
          /^(builtins\.int|numpy\.int64)$/.test((b.get('dtype')!.c as { value: string }).value)
        )
      )
        return { error: `${name}() supports only the default dtype (int64) here` };
      const low = intParam(b, name, 'low');
      if ('error' in low) return low;
      const high = intParam(b, name, 'high');
      if ('error' in high) return high;
      const size = sizeParam(b);
      if ('error' in size) return size;
      if ('scalar' in size) return { result: T.int, variant: 'randint_scalar', detail: { ...low.d, ...high.d } };
      return {
        result: T.ndarray('int64', size.rank),
        variant: 'randint',
        detail: { ...low.d, ...high.d, ...size.detail },
      };
    },
  },
  permutation: {
    names: ['x'],
    required: 1,
    summary: 'permutation(x): a shuffled arange(x), or a shuffled copy of an array or list along axis 0',
    rule: (b, name) => {
      const x = b.get('x')!;
      if (x.t.kind === 'int')
        return { result: T.ndarray('int64', 1), variant: 'permutation_n', detail: { at_x: x.at } };
      const arr = isArr(x.t) ? x.t : listArrayType(x.t);
      if (!arr || arr.kind !== 'ndarray')
        return { error: `${name}() takes an int, an array or a list of numbers, not ${typeToString(x.t)}` };
      return { result: arr, variant: 'permutation', detail: { at_x: x.at, convert: !isArr(x.t) } };
    },
  },
  shuffle: {
    names: ['x'],
    required: 1,
    summary: "shuffle(x): a list or an array (along axis 0, in its storage) in place, by numpy's random_interval",
    rule: (b, name) => {
      const x = b.get('x')!;
      if (!/^\d+$/.test(x.at)) return { error: `${name}() takes its argument positionally here` };
      if (x.t.kind === 'list')
        return { result: T.none, variant: 'shuffle_list', detail: { at_x: x.at }, mutates: Number(x.at) };
      if (isArr(x.t)) return { result: T.none, variant: 'shuffle_array', detail: { at_x: x.at } };
      return { error: `${name}() takes a list or an array, not ${typeToString(x.t)}` };
    },
  },
  choice: {
    names: ['a', 'size', 'replace', 'p'],
    required: 1,
    summary: 'choice(a, size=None, replace=True, p=None): by randint, a cumulative-sum search or a permutation prefix',
    rule: (b, name) => {
      const a = b.get('a')!;
      let detail: Detail = { at_a: a.at };
      const replace = b.get('replace');
      if (replace && replace.t.kind !== 'bool') return { error: `${name}() takes a bool for replace` };
      if (replace) detail.at_replace = replace.at;
      const p = b.get('p');
      if (!isNone(p)) {
        const pt = p!.t;
        const ok = (pt.kind === 'list' && numeric(pt.item)) || (isArr(pt) && pt.rank === 1);
        if (!ok)
          return { error: `${name}() takes a list or 1-d array of probabilities for p, not ${typeToString(pt)}` };
        detail = { ...detail, at_p: p!.at, kind_p: pt.kind === 'list' ? `list_${pt.item.kind}` : 'array' };
      }
      const size = sizeParam(b);
      if ('error' in size) return size;
      const scalar = 'scalar' in size;
      if (!scalar) detail = { ...detail, ...size.detail };
      if (a.t.kind === 'int' || a.t.kind === 'bool')
        return scalar
          ? { result: T.int, variant: 'choice_int_scalar', detail }
          : { result: T.ndarray('int64', size.rank), variant: 'choice_int', detail };
      if (a.t.kind === 'list' && !listArrayType(a.t)) {
        if (!scalar) return { error: `${name}() with size= takes an int, an array or a list of numbers here` };
        return { result: a.t.item, variant: 'choice_item', detail };
      }
      const arr = isArr(a.t) ? a.t : listArrayType(a.t);
      if (!arr || arr.kind !== 'ndarray')
        return { error: `${name}() takes an int, a list or a 1-d array, not ${typeToString(a.t)}` };
      if (arr.rank !== undefined && arr.rank !== 1) return { error: 'a must be 1-dimensional' };
      detail.convert = !isArr(a.t);
      if (scalar) {
        const s = scalarOf(arr.dtype);
        return { result: s.type, variant: 'choice_array_scalar', detail: { ...detail, item: s.item } };
      }
      return { result: T.ndarray(arr.dtype, size.rank), variant: 'choice_array', detail };
    },
  },
};

function testsFor(name: string, method: boolean): OpTest[] {
  const imp = ['import numpy as np'];
  const gen = method ? 'rs = np.random.RandomState(seed)\n' : 'np.random.seed(seed)\n';
  const r = method ? 'rs' : 'np.random';
  const F = nd('float64', [5], [0.5, 1.5, 2.5, 3.5, 4.5]);
  const I = nd('int64', [4], [10, 20, 30, 40]);
  const M = nd('float64', [3, 2], [1, 2, 3, 4, 5, 6]);
  switch (name) {
    case 'seed':
      return [
        {
          params: { seed: 'int' },
          body: method
            ? 'rs = np.random.RandomState(1)\nrs.seed(seed)\nreturn rs.rand(3).tolist()'
            : 'np.random.seed(seed)\nreturn np.random.rand(3).tolist()',
          samples: [[0], [1], [42], [4294967295], [-1], [4294967296]],
          imports: imp,
        },
      ];
    case 'rand':
    case 'randn':
      return [
        {
          params: { seed: 'int', n: 'int' },
          body: `${gen}a = ${r}.${name}()\nb = ${r}.${name}(n)\nc = ${r}.${name}(2, n)\nreturn a, b.tolist(), c.tolist(), c.shape`,
          samples: [
            [0, 3],
            [7, 5],
            [8, 0],
            [9, -1],
          ],
          imports: imp,
        },
      ];
    case 'random':
    case 'random_sample':
    case 'standard_normal':
      return [
        {
          params: { seed: 'int', n: 'int' },
          body: `${gen}return ${r}.${name}(), ${r}.${name}(n).tolist(), ${r}.${name}(size=(2, n)).tolist(), ${r}.${name}(None)`,
          samples: [
            [0, 3],
            [5, 1],
          ],
          imports: imp,
        },
      ];
    case 'normal':
    case 'uniform':
      return [
        {
          params: { seed: 'int', a: 'float', b: 'float', n: 'int' },
          body: `${gen}return ${r}.${name}(), ${r}.${name}(a, b), ${r}.${name}(a, b, n).tolist(), ${r}.${name}(a, b, size=(n, 2)).tolist(), ${r}.${name}(size=2).tolist()`,
          samples:
            name === 'normal'
              ? [
                  [0, 0.0, 1.0, 3],
                  [1, 10.0, 0.5, 2],
                  [2, 0.0, -1.0, 2],
                  [3, 1.0, 0.0, 1],
                  [4, 1.0, -0.0, 1],
                ]
              : [
                  [0, 0.0, 1.0, 3],
                  [1, -5.0, 5.0, 2],
                  [2, 3.0, 3.0, 2],
                  [3, 1.0, -1.0, 1],
                  [4, -1e308, 1e308, 1],
                ],
          imports: imp,
        },
        {
          params: { seed: 'int', n: 'int' },
          body: `${gen}return ${r}.${name}(1, 3), ${r}.${name}(${name === 'normal' ? 'loc' : 'low'}=2, size=n).tolist()`,
          samples: [[0, 2]],
          imports: imp,
        },
      ];
    case 'randint':
      return [
        {
          params: { seed: 'int', lo: 'int', hi: 'int' },
          body: `${gen}return [${r}.randint(lo, hi) for _ in range(5)], ${r}.randint(lo, hi, 4).tolist(), ${r}.randint(hi, size=(2, 2)).tolist()`,
          samples: [
            [0, 0, 10],
            [1, -5, 5],
            [2, 5, 5],
            [3, 0, 1],
            [4, 0, 4294967296],
            [5, -4611686018427387904, 4611686018427387904],
            [6, 0, 0],
            [7, 3, 2],
            [8, 0, 4294967295],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', n: 'int' },
          body: `${gen}return ${r}.randint(n), ${r}.randint(n, size=3).tolist(), ${r}.randint(low=1, high=n + 2, size=0).tolist()`,
          samples: [
            [0, 7],
            [1, 1],
            [2, 0],
          ],
          imports: imp,
        },
      ];
    case 'permutation':
      return [
        {
          params: { seed: 'int', n: 'int', a: 'np.ndarray' },
          body: `${gen}return ${r}.permutation(n).tolist(), ${r}.permutation(a).tolist(), ${r}.permutation([3, 1, 2]).tolist(), a.tolist()`,
          samples: [
            [0, 10, F],
            [1, 0, I],
            [2, 1, M],
            [3, -2, F],
          ],
          imports: imp,
        },
      ];
    case 'shuffle':
      return [
        {
          params: { seed: 'int', xs: 'list[int]', a: 'np.ndarray' },
          body: `${gen}${r}.shuffle(xs)\nb = a\n${r}.shuffle(a)\nreturn xs, a.tolist(), b.tolist()`,
          samples: [
            [0, [1, 2, 3, 4, 5, 6, 7, 8], F],
            [1, [], I],
            [2, [9], M],
          ],
          imports: imp,
        },
      ];
    case 'choice':
      return [
        {
          params: { seed: 'int', n: 'int', k: 'int' },
          body: `${gen}return ${r}.choice(n), ${r}.choice(n, k).tolist(), ${r}.choice(n, k, replace=False).tolist(), ${r}.choice(n, size=(1, k)).tolist()`,
          samples: [
            [0, 10, 3],
            [1, 5, 5],
            [2, 3, 4],
            [3, 0, 1],
            [4, 0, 0],
            [5, 1, 1],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', a: 'np.ndarray', k: 'int' },
          body: `${gen}return ${r}.choice(a), ${r}.choice(a, k).tolist(), ${r}.choice(a, k, False).tolist()`,
          samples: [
            [0, F, 3],
            [1, I, 4],
            [2, I, 5],
            [3, M, 1],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', words: 'list[str]', p: 'list[float]' },
          body: `${gen}return [${r}.choice(words) for _ in range(3)], [${r}.choice(words, p=p) for _ in range(4)]`,
          samples: [
            [0, ['a', 'b', 'c'], [0.2, 0.3, 0.5]],
            [1, ['a', 'b'], [1.0, 0.0]],
            [2, ['a', 'b'], [0.5, 0.6]],
            [3, ['a', 'b'], [0.5]],
            [4, ['a', 'b'], [1.5, -0.5]],
            [5, [], []],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', n: 'int', k: 'int', p: 'list[float]' },
          body: `${gen}return ${r}.choice(n, k, p=p).tolist(), ${r}.choice(n, k, replace=False, p=p).tolist(), ${r}.choice([1.5, 2.5, 3.5], size=k, p=np.array(p)).tolist()`,
          samples: [
            [0, 3, 2, [0.1, 0.6, 0.3]],
            [1, 3, 3, [0.2, 0.2, 0.6]],
            [2, 3, 3, [0.5, 0.5, 0.0]],
            [3, 3, 4, [0.1, 0.6, 0.3]],
          ],
          imports: imp,
        },
      ];
    default:
      return [];
  }
}

/** A float argument's Rust (ints and bools converted), or the default. */
function f64At(d: Detail, key: string, dflt: string): string {
  const at = d[`at_${key}`] as string | undefined;
  if (at === undefined) return dflt;
  const kind = d[`kind_${key}`];
  return kind === 'float' ? `{${at}}` : kind === 'bool' ? `({${at}} as i64 as f64)` : `({${at}} as f64)`;
}
function i64At(d: Detail, key: string): string {
  const at = d[`at_${key}`] as string;
  return d[`kind_${key}`] === 'bool' ? `({${at}} as i64)` : `{${at}}`;
}
function shape(d: Detail): string {
  const s = d.shape as string[];
  switch (d.shapeForm) {
    case 'tuple':
      return `&nd::shape_arg({${s[0]!}})`;
    case 'list':
      return `&{${s[0]!}}`;
    default:
      return `&[${s.map((x) => `{${x}}`).join(', ')}]`;
  }
}
function pCode(d: Detail): string {
  const at = d.at_p as string | undefined;
  if (at === undefined) return 'None';
  switch (d.kind_p) {
    case 'list_float':
      return `Some({&${at}})`;
    case 'array':
      return `Some(&{&${at}}.to_f64_vec()?)`;
    default:
      return `Some(&{&${at}}.iter().map(|&x| x as i64 as f64).collect::<Vec<f64>>())`;
  }
}
const replaceCode = (d: Detail): string => (d.at_replace ? `{${d.at_replace as string}}` : 'true');
const arrayOf = (d: Detail, key: string): string =>
  d.convert ? `(&nd::array({${d[`at_${key}`] as string}}, None)?)` : `{&${d[`at_${key}`] as string}}`;

const SPELL: Record<string, (g: string, d: Detail) => string> = {
  seed: (g, d) => `${g}.seed(${i64At(d, 'seed')})?`,
  rand_scalar: (g) => `${g}.random_f64()`,
  rand: (g, d) => `${g}.random_sample(${shape(d)})?`,
  randn_scalar: (g) => `${g}.gauss_f64()`,
  randn: (g, d) => `${g}.randn(${shape(d)})?`,
  random_sample_scalar: (g) => `${g}.random_f64()`,
  random_sample: (g, d) => `${g}.random_sample(${shape(d)})?`,
  standard_normal_scalar: (g) => `${g}.gauss_f64()`,
  standard_normal: (g, d) => `${g}.randn(${shape(d)})?`,
  normal_scalar: (g, d) => `${g}.normal_f64(${f64At(d, 'loc', '0.0')}, ${f64At(d, 'scale', '1.0')})?`,
  normal: (g, d) => `${g}.normal(${f64At(d, 'loc', '0.0')}, ${f64At(d, 'scale', '1.0')}, ${shape(d)})?`,
  uniform_scalar: (g, d) => `${g}.uniform_f64(${f64At(d, 'low', '0.0')}, ${f64At(d, 'high', '1.0')})?`,
  uniform: (g, d) => `${g}.uniform(${f64At(d, 'low', '0.0')}, ${f64At(d, 'high', '1.0')}, ${shape(d)})?`,
  randint_scalar: (g, d) =>
    `${g}.randint_i64(${i64At(d, 'low')}, ${d.at_high ? `Some(${i64At(d, 'high')})` : 'None'})?`,
  randint: (g, d) =>
    `${g}.randint(${i64At(d, 'low')}, ${d.at_high ? `Some(${i64At(d, 'high')})` : 'None'}, ${shape(d)})?`,
  permutation_n: (g, d) => `${g}.permutation_n({${d.at_x as string}})?`,
  permutation: (g, d) => `${g}.permutation(${arrayOf(d, 'x')})?`,
  shuffle_list: (g, d) => `${g}.shuffle_list({mut${d.at_x as string}})`,
  shuffle_array: (g, d) => `${g}.shuffle_array({&${d.at_x as string}})?`,
  choice_int_scalar: (g, d) => `${g}.choice_int_scalar({${d.at_a as string}} as i64, ${replaceCode(d)}, ${pCode(d)})?`,
  choice_int: (g, d) => `${g}.choice_int({${d.at_a as string}} as i64, ${shape(d)}, ${replaceCode(d)}, ${pCode(d)})?`,
  choice_item: (g, d) => `${g}.choice_item({&${d.at_a as string}}, ${replaceCode(d)}, ${pCode(d)})?`,
  choice_array_scalar: (g, d) =>
    `${g}.choice_array(${arrayOf(d, 'a')}, &[], ${replaceCode(d)}, ${pCode(d)})?${d.item ? `.${d.item as string}()?` : ''}`,
  choice_array: (g, d) => `${g}.choice_array(${arrayOf(d, 'a')}, ${shape(d)}, ${replaceCode(d)}, ${pCode(d)})?`,
};

for (const [name, spec] of Object.entries(RULES))
  for (const method of [false, true]) {
    const id = method ? `numpy.random.RandomState.${name}` : `numpy.random.${name}`;
    defineOp({
      id,
      summary: method ? `rs.${spec.summary}` : `np.random.${spec.summary} (numpy's global RandomState)`,
      resolve: (args, kw, consts, kwConsts): ResolveResult => {
        if (method && !isState(args[0])) return { error: `${name}() is a numpy.random.RandomState method` };
        const shift = method ? 1 : 0;
        let d: Decision | { error: string };
        if (spec.dims) {
          if (kw.size > 0) return { error: `${name}() takes no keyword arguments` };
          const dims = dimsParam(args, shift, name);
          if ('error' in dims) return dims;
          d =
            'scalar' in dims
              ? { result: T.float, variant: `${name}_scalar`, detail: {} }
              : { result: T.ndarray('float64', dims.rank), variant: name, detail: dims.detail };
        } else {
          const b = bind(
            name,
            { names: spec.names, required: spec.required },
            args,
            kw,
            consts as (ConstValue | undefined)[],
            kwConsts,
            shift,
          );
          if ('error' in b) return b;
          d = spec.rule!(b, name);
        }
        if ('error' in d) return d;
        return {
          entry: id,
          overload: args.map(typeToString).join(', '),
          result: d.result,
          params: args,
          variant: d.variant,
          detail: { ...d.detail, method },
          ...(d.mutates !== undefined && { mutates: true, ...(d.mutates !== 0 && { mutatedArg: d.mutates }) }),
        };
      },
      tests: testsFor(name, method),
    });
    const spell: Record<string, (c: { detail?: Record<string, unknown> }) => string> = {};
    for (const [variant, f] of Object.entries(SPELL))
      spell[variant] = (c) => f(c.detail!.method ? '{&0}' : 'nd::np_global()', c.detail as Detail);
    defineSpellings({ [id]: spell });
  }

defineOp({
  id: 'numpy.random.RandomState',
  summary: 'np.random.RandomState(seed): a legacy generator of its own, seeded as np.random.seed(seed)',
  resolve: (args, kw, consts, kwConsts): ResolveResult => {
    const b = bind('RandomState', { names: ['seed'], required: 0 }, args, kw, consts, kwConsts, 0);
    if ('error' in b) return b;
    const s = b.get('seed');
    if (isNone(s))
      return {
        error:
          "RandomState() without a seed draws OS entropy, so the compiled function's results could not be reproduced; pass a seed",
      };
    if (s!.t.kind !== 'int') return { error: `RandomState() takes an int seed here, not ${typeToString(s!.t)}` };
    return {
      entry: 'numpy.random.RandomState',
      overload: 'int',
      result: RANDOM_STATE,
      params: args,
      variant: 'new',
      detail: { at: s!.at },
    };
  },
  tests: [
    {
      params: { seed: 'int' },
      body: 'a = np.random.RandomState(seed)\nb = a\nx = a.rand()\ny = b.rand()\nreturn x, y, np.random.RandomState(seed).rand()',
      samples: [[0], [123]],
      imports: ['import numpy as np'],
    },
  ],
});

defineSpellings({ 'numpy.random.RandomState': { new: (c) => `nd::RandomState::new({${c.detail!.at as string}})?` } });

// ---- np.random.default_rng(seed): a Generator over SeedSequence + PCG64 ------------------------------

export const GENERATOR: Type = T.opaque('numpy.random.Generator', 'nd::NpGenerator');
const isGen = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'numpy.random.Generator';

const GEN_RULES: Record<string, { names: string[]; kwOnly?: string[]; required: number; summary: string; rule: Rule }> =
  {
    random: {
      names: ['size'],
      required: 0,
      summary: 'random(size=None): floats in [0, 1) from 53 bits of a PCG64 draw',
      rule: floats('random_sample', []),
    },
    uniform: {
      names: ['low', 'high', 'size'],
      required: 0,
      summary: 'uniform(low=0.0, high=1.0, size=None): scalar bounds',
      rule: floats('uniform', ['low', 'high']),
    },
    integers: {
      names: ['low', 'high', 'size'],
      kwOnly: ['endpoint'],
      required: 1,
      summary: "integers(low, high=None, size=None, endpoint=False): int64 by Lemire's method on PCG64",
      rule: (b, name) => {
        const r = RULES.randint!.rule!(b, name);
        if ('error' in r) return r;
        const e = b.get('endpoint');
        if (e && e.t.kind !== 'bool') return { error: `${name}() takes a bool for endpoint` };
        return { ...r, variant: r.variant.replace('randint', 'integers'), detail: { ...r.detail, at_endpoint: e?.at } };
      },
    },
    permutation: { ...RULES.permutation!, rule: RULES.permutation!.rule! },
    shuffle: { ...RULES.shuffle!, rule: RULES.shuffle!.rule! },
    choice: {
      names: ['a', 'size', 'replace', 'p'],
      required: 1,
      summary: 'choice(a, size=None, replace=True, p=None): with replacement (by integers or a cumulative-sum search)',
      rule: (b, name) => {
        const rep = b.get('replace');
        if (rep && !(rep.c?.kind === 'bool' && rep.c.value))
          return {
            error: `${name}(replace=False) of a Generator is not supported yet (numpy's tail shuffle and Floyd's algorithm are not ported)`,
          };
        const noRep = new Map(b);
        noRep.delete('replace');
        return RULES.choice!.rule!(noRep, name);
      },
    },
  };

const endpoint = (d: Detail): string => (d.at_endpoint ? `{${d.at_endpoint as string}}` : 'false');
const GEN_SPELL: Record<string, (g: string, d: Detail) => string> = {
  random_sample_scalar: (g) => `${g}.random_f64()`,
  random_sample: (g, d) => `${g}.random(${shape(d)})?`,
  uniform_scalar: (g, d) => `${g}.uniform_f64(${f64At(d, 'low', '0.0')}, ${f64At(d, 'high', '1.0')})?`,
  uniform: (g, d) => `${g}.uniform(${f64At(d, 'low', '0.0')}, ${f64At(d, 'high', '1.0')}, ${shape(d)})?`,
  integers_scalar: (g, d) =>
    `${g}.integers_i64(${i64At(d, 'low')}, ${d.at_high ? `Some(${i64At(d, 'high')})` : 'None'}, ${endpoint(d)})?`,
  integers: (g, d) =>
    `${g}.integers(${i64At(d, 'low')}, ${d.at_high ? `Some(${i64At(d, 'high')})` : 'None'}, ${shape(d)}, ${endpoint(d)})?`,
  permutation_n: (g, d) => `${g}.permutation_n({${d.at_x as string}})?`,
  permutation: (g, d) => `${g}.permutation(${arrayOf(d, 'x')})?`,
  shuffle_list: (g, d) => `${g}.shuffle_list({mut${d.at_x as string}})`,
  shuffle_array: (g, d) => `${g}.shuffle_array({&${d.at_x as string}})?`,
  choice_int_scalar: (g, d) => `${g}.choice_int_scalar({${d.at_a as string}} as i64, ${pCode(d)})?`,
  choice_int: (g, d) => `${g}.choice_int({${d.at_a as string}} as i64, ${shape(d)}, ${pCode(d)})?`,
  choice_item: (g, d) => `${g}.choice_item({&${d.at_a as string}}, ${pCode(d)})?`,
  choice_array_scalar: (g, d) =>
    `${g}.choice_array(${arrayOf(d, 'a')}, &[], ${pCode(d)})?${d.item ? `.${d.item as string}()?` : ''}`,
  choice_array: (g, d) => `${g}.choice_array(${arrayOf(d, 'a')}, ${shape(d)}, ${pCode(d)})?`,
};

function genTests(name: string): OpTest[] {
  const imp = ['import numpy as np'];
  const gen = 'rng = np.random.default_rng(seed)\n';
  const F = nd('float64', [5], [0.5, 1.5, 2.5, 3.5, 4.5]);
  const M = nd('float64', [3, 2], [1, 2, 3, 4, 5, 6]);
  switch (name) {
    case 'random':
      return [
        {
          params: { seed: 'int', n: 'int' },
          body: `${gen}return rng.random(), rng.random(n).tolist(), rng.random(size=(2, n)).tolist()`,
          samples: [
            [0, 3],
            [42, 2],
            [2 ** 40, 1],
            [-1, 1],
          ],
          imports: imp,
        },
      ];
    case 'uniform':
      return [
        {
          params: { seed: 'int', a: 'float', b: 'float', n: 'int' },
          body: `${gen}return rng.uniform(), rng.uniform(a, b), rng.uniform(a, b, n).tolist(), rng.uniform(low=a, size=2).tolist()`,
          samples: [
            [0, 0.0, 1.0, 3],
            [1, -5.0, 5.0, 2],
            [2, -1e308, 1e308, 1],
          ],
          imports: imp,
        },
      ];
    case 'integers':
      return [
        {
          params: { seed: 'int', lo: 'int', hi: 'int' },
          body: `${gen}return [rng.integers(lo, hi) for _ in range(4)], rng.integers(lo, hi, 5).tolist(), rng.integers(lo, hi, endpoint=True), rng.integers(hi, size=(2, 2)).tolist()`,
          samples: [
            [0, 0, 10],
            [1, -5, 5],
            [2, 5, 5],
            [3, 0, 4294967296],
            [4, -4611686018427387904, 4611686018427387904],
            [5, 0, 4294967295],
            [6, 3, 2],
          ],
          imports: imp,
        },
      ];
    case 'permutation':
      return [
        {
          params: { seed: 'int', n: 'int', a: 'np.ndarray' },
          body: `${gen}return rng.permutation(n).tolist(), rng.permutation(a).tolist(), rng.permutation([3, 1, 2]).tolist(), a.tolist()`,
          samples: [
            [0, 10, F],
            [1, 0, M],
            [2, 50, F],
          ],
          imports: imp,
        },
      ];
    case 'shuffle':
      return [
        {
          params: { seed: 'int', xs: 'list[str]', a: 'np.ndarray' },
          body: `${gen}rng.shuffle(xs)\nrng.shuffle(a)\nreturn xs, a.tolist()`,
          samples: [
            [0, ['a', 'b', 'c', 'd', 'e'], F],
            [1, [], M],
          ],
          imports: imp,
        },
      ];
    case 'choice':
      return [
        {
          params: { seed: 'int', n: 'int', k: 'int' },
          body: `${gen}return rng.choice(n), rng.choice(n, k).tolist(), rng.choice(n, size=(k, 1), replace=True).tolist()`,
          samples: [
            [0, 10, 3],
            [1, 1, 2],
            [2, 0, 1],
            [3, 0, 0],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', words: 'list[str]', p: 'list[float]', a: 'np.ndarray' },
          body: `${gen}return [rng.choice(words, p=p) for _ in range(3)], rng.choice(a), rng.choice(a, 4, p=None).tolist(), rng.choice(len(words), 5, p=p).tolist()`,
          samples: [
            [0, ['x', 'y', 'z'], [0.2, 0.3, 0.5], F],
            [1, ['x', 'y'], [0.5, 0.6], F],
            [2, ['x', 'y'], [1.5, -0.5], F],
            [3, ['x'], [1.0], nd('float64', [0], [])],
          ],
          imports: imp,
        },
      ];
    default:
      return [];
  }
}

for (const [name, spec] of Object.entries(GEN_RULES)) {
  const id = `numpy.random.Generator.${name}`;
  defineOp({
    id,
    summary: `rng.${spec.summary}`,
    resolve: (args, kw, consts, kwConsts): ResolveResult => {
      if (!isGen(args[0])) return { error: `${name}() is a numpy.random.Generator method` };
      const b = bind(
        name,
        { names: spec.names, kwOnly: spec.kwOnly, required: spec.required },
        args,
        kw,
        consts,
        kwConsts,
        1,
      );
      if ('error' in b) return b;
      const d = spec.rule(b, name);
      if ('error' in d) return d;
      return {
        entry: id,
        overload: args.map(typeToString).join(', '),
        result: d.result,
        params: args,
        variant: d.variant,
        detail: d.detail,
        ...(d.mutates !== undefined && { mutates: true, mutatedArg: d.mutates }),
      };
    },
    tests: genTests(name),
  });
  const spell: Record<string, (c: { detail?: Record<string, unknown> }) => string> = {};
  for (const [variant, f] of Object.entries(GEN_SPELL)) spell[variant] = (c) => f('{&0}', c.detail as Detail);
  defineSpellings({ [id]: spell });
}

defineOp({
  id: 'numpy.random.default_rng',
  summary: 'np.random.default_rng(seed): a Generator over PCG64 seeded through SeedSequence, as numpy does',
  resolve: (args, kw, consts, kwConsts): ResolveResult => {
    const b = bind('default_rng', { names: ['seed'], required: 0 }, args, kw, consts, kwConsts, 0);
    if ('error' in b) return b;
    const s = b.get('seed');
    if (isNone(s))
      return {
        error:
          "default_rng() without a seed draws OS entropy, so the compiled function's results could not be reproduced; pass a seed",
      };
    if (s!.t.kind !== 'int') return { error: `default_rng() takes an int seed here, not ${typeToString(s!.t)}` };
    return {
      entry: 'numpy.random.default_rng',
      overload: 'int',
      result: GENERATOR,
      params: args,
      variant: 'new',
      detail: { at: s!.at },
    };
  },
  tests: [
    {
      params: { seed: 'int' },
      body: 'a = np.random.default_rng(seed)\nb = a\nx = a.random()\ny = b.integers(100)\nreturn x, y, np.random.default_rng(seed).random()',
      samples: [[0], [123], [-5]],
      imports: ['import numpy as np'],
    },
  ],
});

defineSpellings({ 'numpy.random.default_rng': { new: (c) => `nd::default_rng({${c.detail!.at as string}})?` } });
