/**
 * scipy as code around a model calls it: `scipy.special`'s softmax family (`softmax`, `log_softmax`, `logsumexp`
 * with `axis=`/`keepdims=`) and elementwise functions (`expit`, `logit`, `erf`, `erfc`) on numbers, lists and
 * arrays, and `scipy.spatial.distance`'s vector distances (`euclidean`, `sqeuclidean`, `cityblock`, `chebyshev`,
 * `cosine`, `correlation`, `minkowski`, `braycurtis`, `canberra`, `hamming`), `cdist`/`pdist` with a metric name
 * (a string, checked at run time as scipy checks it) and `squareform`. ingot-tensor computes them
 * (`native-rust/tensor/src/scipy.rs`) with scipy's formulas, result dtypes and errors.
 */
import { T, type Type, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, type OpTest } from '../registry';
import { type At, asArray, axisArg, bindArgs, type Bound, flagArg, isArr, nd, ok, own } from './numpy';
import { err } from './torch';

const IMPORTS = ['from scipy import special', 'from scipy.spatial import distance', 'from numpy.typing import NDArray'];
const FA = 'NDArray[np.float64]';
const NP = 'np.ndarray';
const F2x3 = nd('float64', [2, 3], [1.0, -2.5, 3.0, 4.0, 0.5, -6.0]);
const F3 = nd('float64', [3], [0.5, 2.0, -1.5]);
const F32_3 = nd('float32', [3], [0.25, -1.5, 3.0]);
const I3 = nd('int64', [3], [2, -2, 3]);
const test = (t: Omit<OpTest, 'imports'>): OpTest => ({ ...t, imports: IMPORTS });

const isNum = (t: Type): boolean => t.kind === 'int' || t.kind === 'float' || t.kind === 'bool';

/** An array operand's Rust: the array borrowed, or a list/number converted by `nd::array`. */
const arrCode = (at: At, convert: boolean): string => (convert ? `(&nd::array(${own(at)}, None)?)` : `{&${at}}`);
const argArr = (c: OpChoice, key: string): string =>
  arrCode(c.detail![key] as At, c.detail![`${key}Convert`] as boolean);

/** A matrix operand of cdist/pdist: a converted list of rows is checked as numpy shapes an empty one. */
const matrixArr = (c: OpChoice, key: string, what: string): string =>
  c.detail![`${key}Convert`]
    ? `(&nd::sp_list_matrix(nd::array(${own(c.detail![key] as At)}, None)?, "${what}")?)`
    : `{&${c.detail![key] as At}}`;

/** Binds an array-like argument under `key` in a detail: where it was passed and whether it converts. */
function arrayDetail(b: Bound | undefined, key: string, what: string) {
  if (!b) return { error: `${what} is required` };
  const a = asArray(b);
  if (err(a)) return { error: `${what}: ${a.error}` };
  return { t: a.t, detail: { [key]: a.detail.a, [`${key}Convert`]: a.detail.convert } };
}

const floatDtype = (d: string | undefined) =>
  d === undefined ? undefined : d.startsWith('float') || d === 'bfloat16' ? d : 'float64';

// ---- scipy.special ------------------------------------------------------------------------------------------

for (const name of ['softmax', 'log_softmax'] as const) {
  defineOp({
    id: `scipy.special.${name}`,
    summary: `scipy.special.${name}(x, axis=None): along axis, or over the whole array; float64 for ints`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`scipy.special.${name}`, ['x', 'axis'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const a = arrayDetail(b.get('x'), 'a', `scipy.special.${name}`);
      if (err(a)) return a;
      const axis = axisArg(b.get('axis'));
      if (err(axis)) return axis;
      return ok(`scipy.special.${name}`, T.ndarray(floatDtype(a.t.dtype) as never, a.t.rank), args, 'lanes', {
        ...a.detail,
        axis,
      });
    },
    tests: [
      test({
        params: { a: NP },
        expr: `special.${name}(a).tolist(), special.${name}(a, axis=0).tolist(), special.${name}(a, axis=-1).tolist()`,
        samples: [[F2x3], [F3], [I3], [F32_3], [nd('float64', [2, 2], [1000.0, 1000.5, { float: 'inf' }, 1.0])]],
      }),
      test({
        params: { xs: 'list[float]' },
        expr: `special.${name}(xs).tolist()`,
        samples: [[[2.0, 1.0, 0.1]], [[]], [[-1e9, 0.0]]],
      }),
      test({ params: { a: NP }, expr: `special.${name}(a, axis=2)`, samples: [[F2x3]] }),
    ],
  });
}

defineOp({
  id: 'scipy.special.logsumexp',
  summary: 'scipy.special.logsumexp(a, axis=None, keepdims=False): a float when fully reduced',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'scipy.special.logsumexp',
      ['a', 'axis', 'b', 'keepdims', 'return_sign'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    for (const k of ['b', 'return_sign'])
      if (b.has(k) && b.get(k)!.t.kind !== 'none') return { error: `scipy.special.logsumexp's ${k}= is not supported` };
    const a = arrayDetail(b.get('a'), 'a', 'scipy.special.logsumexp');
    if (err(a)) return a;
    const axis = axisArg(b.get('axis'));
    if (err(axis)) return axis;
    const keep = flagArg(b.get('keepdims'), 'keepdims');
    if (err(keep)) return keep;
    const kc = b.get('keepdims')?.c;
    if (keep !== undefined && kc?.kind !== 'bool') return { error: 'keepdims must be a literal True or False' };
    const keepTrue = kc?.kind === 'bool' && kc.value;
    const dtype = floatDtype(a.t.dtype);
    const detail = { ...a.detail, axis, keep };
    if (axis === 'none' && !keepTrue)
      return ok('scipy.special.logsumexp', dtype === 'float64' ? T.float : T.ndarray(dtype as never, 0), args, 'lse', {
        ...detail,
        item: dtype === 'float64',
      });
    const rank = a.t.rank === undefined ? undefined : keepTrue ? a.t.rank : a.t.rank - 1;
    return ok('scipy.special.logsumexp', T.ndarray(dtype as never, rank), args, 'lse', detail);
  },
  tests: [
    test({
      params: { a: NP },
      expr: 'special.logsumexp(a), special.logsumexp(a, axis=1).tolist(), special.logsumexp(a, axis=0, keepdims=True).tolist()',
      samples: [
        [F2x3],
        [nd('int64', [2, 2], [1, 2, 3, 4])],
        [nd('float64', [2, 2], [{ float: '-inf' }, { float: '-inf' }, { float: 'inf' }, 1.0])],
      ],
    }),
    test({
      params: { xs: 'list[float]' },
      expr: 'special.logsumexp(xs)',
      samples: [[[1000.5, 1000.5, 999.5]], [[]], [[0.5, -1.5]]],
    }),
    test({ params: { a: NP }, expr: 'special.logsumexp(a, keepdims=True).tolist()', samples: [[F2x3]] }),
  ],
});

const UNARY = [
  ['expit', 'the logistic sigmoid 1 / (1 + exp(-x))'],
  ['logit', 'log(p / (1 - p)): -inf at 0, inf at 1, nan outside [0, 1]'],
  ['erf', 'the error function'],
  ['erfc', 'the complementary error function'],
] as const;

for (const [name, what] of UNARY) {
  defineOp({
    id: `scipy.special.${name}`,
    summary: `scipy.special.${name}(x): ${what}; a float for a number, an array (float64 for ints) otherwise`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`scipy.special.${name}`, ['x'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const x = b.get('x');
      if (x && isNum(x.t)) return ok(`scipy.special.${name}`, T.float, args, 'scalar', { int: x.t.kind !== 'float' });
      const a = arrayDetail(x, 'a', `scipy.special.${name}`);
      if (err(a)) return a;
      return ok(`scipy.special.${name}`, T.ndarray(floatDtype(a.t.dtype) as never, a.t.rank), args, 'array', a.detail);
    },
    tests: [
      test({
        params: { a: NP },
        expr: `special.${name}(a).tolist()`,
        samples: [[F2x3], [I3], [F32_3], [nd('float64', [5], [0.0, 1.0, 0.3, 0.6, -40.5])]],
      }),
      test({
        params: { x: 'float' },
        expr: `special.${name}(x)`,
        samples: [[0.5], [-1.5], [0.0], [1.0], [38.5], [-800.5], [0.65], [{ float: 'nan' }]],
      }),
      test({
        params: { n: 'int', xs: 'list[float]' },
        expr: `special.${name}(n), special.${name}(xs).tolist()`,
        samples: [[1, [0.1, 0.9]]],
      }),
    ],
  });
}

const UNARY2 = [
  ['entr', '-x log x (0 at 0, -inf below)'],
  ['log_expit', 'log of the logistic sigmoid, computed without overflow'],
] as const;

for (const [name, what] of UNARY2) {
  defineOp({
    id: `scipy.special.${name}`,
    summary: `scipy.special.${name}(x): ${what}; a float for a number, an array (float64 for ints) otherwise`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`scipy.special.${name}`, ['x'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const x = b.get('x');
      if (x && isNum(x.t)) return ok(`scipy.special.${name}`, T.float, args, 'scalar', { int: x.t.kind !== 'float' });
      const a = arrayDetail(x, 'a', `scipy.special.${name}`);
      if (err(a)) return a;
      return ok(`scipy.special.${name}`, T.ndarray(floatDtype(a.t.dtype) as never, a.t.rank), args, 'array', a.detail);
    },
    tests: [
      test({
        params: { a: NP },
        expr: `special.${name}(a).tolist()`,
        samples: [[F2x3], [I3], [F32_3], [nd('float64', [5], [0.0, 1.0, 0.3, -800.0, 800.5])]],
      }),
      test({ params: { x: 'float' }, expr: `special.${name}(x)`, samples: [[0.5], [-1.5], [0.0], [{ float: 'nan' }]] }),
    ],
  });
}

const BINARY = [
  ['rel_entr', 'x log(x / y), the relative entropy term (0 at x = 0, inf where undefined)'],
  ['kl_div', 'x log(x / y) - x + y'],
  ['xlogy', 'x log y, 0 where x is 0'],
] as const;

for (const [name, what] of BINARY) {
  defineOp({
    id: `scipy.special.${name}`,
    summary: `scipy.special.${name}(x, y): ${what}; broadcast, a float for two numbers`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`scipy.special.${name}`, ['x', 'y'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const [x, y] = [b.get('x'), b.get('y')];
      if (!x || !y) return { error: `scipy.special.${name} takes x and y` };
      if (isNum(x.t) && isNum(y.t))
        return ok(`scipy.special.${name}`, T.float, args, 'scalar', {
          x: x.at,
          y: y.at,
          xInt: x.t.kind !== 'float',
          yInt: y.t.kind !== 'float',
        });
      const a = arrayDetail(x, 'a', `scipy.special.${name}`);
      if (err(a)) return a;
      const c = arrayDetail(y, 'b', `scipy.special.${name}`);
      if (err(c)) return c;
      const rank = a.t.rank === undefined || c.t.rank === undefined ? undefined : Math.max(a.t.rank, c.t.rank);
      const dtype =
        a.t.dtype === undefined || c.t.dtype === undefined
          ? undefined
          : a.t.dtype === 'float32' && c.t.dtype === 'float32'
            ? 'float32'
            : 'float64';
      return ok(`scipy.special.${name}`, T.ndarray(dtype, rank), args, 'array', { ...a.detail, ...c.detail });
    },
    tests: [
      test({
        params: { a: NP, b: NP },
        expr: `special.${name}(a, b).tolist()`,
        samples: [
          [F3, nd('float64', [3], [0.25, 0.0, 2.0])],
          [nd('float64', [3], [0.5, 0.0, 0.0]), nd('float64', [3], [0.25, 0.0, -1.0])],
          [F2x3, F3],
          [F2x3, nd('float64', [2], [1.0, 2.0])],
          [I3, nd('int64', [1], [2])],
        ],
      }),
      test({
        params: { x: 'float', y: 'list[float]' },
        expr: `special.${name}(x, 0.5), special.${name}(x, y).tolist()`,
        samples: [
          [0.5, [0.25, 1.0]],
          [0.0, [0.0]],
        ],
      }),
    ],
  });
}

defineOp({
  id: 'scipy.stats.entropy',
  summary:
    'scipy.stats.entropy(pk, qk=None, base=None, axis=0): Shannon entropy, or the KL divergence to qk, of normalised distributions',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('scipy.stats.entropy', ['pk', 'qk', 'base', 'axis'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const p = arrayDetail(b.get('pk'), 'a', 'scipy.stats.entropy');
    if (err(p)) return p;
    const qb = b.get('qk');
    let q: { t: Type; detail: Record<string, unknown> } | undefined;
    if (qb && qb.t.kind !== 'none') {
      const r = arrayDetail(qb, 'b', 'scipy.stats.entropy');
      if (err(r)) return r;
      q = r;
    }
    const base = b.get('base');
    if (base && base.t.kind !== 'none' && base.t.kind !== 'int' && base.t.kind !== 'float')
      return { error: 'base must be a number or None' };
    const ax = b.get('axis');
    if (ax && ax.t.kind !== 'int') return { error: 'axis must be an int (None is not supported)' };
    const qr = q && isArr(q.t) ? q.t.rank : 0;
    const rank = p.t.rank === undefined || qr === undefined ? undefined : Math.max(p.t.rank, qr) - 1;
    const detail = {
      ...p.detail,
      ...(q?.detail as Record<string, string | boolean>),
      q: q !== undefined,
      base: base && base.t.kind !== 'none' ? base.at : undefined,
      baseInt: base?.t.kind === 'int',
      axis: ax?.at,
    };
    if (rank === 0) return ok('scipy.stats.entropy', T.float, args, 'entropy', { ...detail, item: true });
    return ok('scipy.stats.entropy', T.ndarray('float64', rank), args, 'entropy', detail);
  },
  tests: [
    {
      params: { p: 'list[float]', q: 'list[float]' },
      expr: 'stats.entropy(p), stats.entropy(p, base=2), stats.entropy(p, q), stats.entropy(p, q, base=10)',
      imports: ['from scipy import stats'],
      samples: [
        [
          [0.5, 0.5],
          [0.9, 0.1],
        ],
        [
          [1.0, 1.0, 2.0],
          [1.0, 2.0, 1.0],
        ],
        [[0.5, 0.5], [0.9]],
        [[], []],
        [
          [0.0, 0.0],
          [1.0, 1.0],
        ],
        [
          [-1.0, 2.0],
          [1.0, 1.0],
        ],
        [
          [0.5, 0.5],
          [0.0, 1.0],
        ],
        [
          [0.5, 0.5],
          [0.2, 0.3, 0.5],
        ],
      ],
    },
    {
      params: { a: NP },
      expr: 'stats.entropy(a).tolist(), stats.entropy(a, axis=1).tolist(), stats.entropy(a, a[::-1]).tolist()',
      imports: ['from scipy import stats'],
      samples: [[nd('float64', [2, 2], [0.5, 0.5, 0.2, 0.8])], [nd('int64', [2, 3], [1, 2, 3, 0, 0, 4])]],
    },
  ],
});

// ---- scipy.spatial.distance ---------------------------------------------------------------------------------

const METRICS = [
  'euclidean',
  'sqeuclidean',
  'cityblock',
  'chebyshev',
  'cosine',
  'correlation',
  'minkowski',
  'braycurtis',
  'canberra',
  'hamming',
] as const;
/** Metrics whose distance of two integer vectors numpy computes in int64. */
const INT_METRICS = new Set(['cityblock', 'chebyshev']);

/** The `p=` of Minkowski: an At, or its default of 2. */
function pArg(b: Bound | undefined): { p?: At; pInt?: boolean } | { error: string } {
  if (!b || b.t.kind === 'none') return {};
  if (b.t.kind !== 'int' && b.t.kind !== 'float') return { error: `p must be a number, not ${typeToString(b.t)}` };
  return { p: b.at, pInt: b.t.kind === 'int' };
}
const pCode = (c: OpChoice): string =>
  c.detail!.p === undefined ? '2.0' : c.detail!.pInt ? `(${own(c.detail!.p as At)} as f64)` : own(c.detail!.p as At);

for (const name of METRICS) {
  const params = name === 'minkowski' ? ['u', 'v', 'p', 'w'] : ['u', 'v', 'w'];
  defineOp({
    id: `scipy.spatial.distance.${name}`,
    summary: `scipy.spatial.distance.${name}(u, v${name === 'minkowski' ? ', p=2' : ''}): of two 1-D vectors${INT_METRICS.has(name) ? ' (an int for int vectors)' : ''}`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`distance.${name}`, params, args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (b.has('w') && b.get('w')!.t.kind !== 'none')
        return { error: `distance.${name}'s weights w= are not supported` };
      const u = arrayDetail(b.get('u'), 'u', `distance.${name}`);
      if (err(u)) return u;
      const v = arrayDetail(b.get('v'), 'v', `distance.${name}`);
      if (err(v)) return v;
      const p = pArg(b.get('p'));
      if (err(p)) return p;
      const ints = [u.t.dtype, v.t.dtype];
      if (INT_METRICS.has(name) && ints.some((d) => d === undefined))
        return {
          error: `distance.${name} returns an int or a float by the arrays' dtype, which must be known at compile time (annotate NDArray[np.float64])`,
        };
      if (INT_METRICS.has(name) && ints.some((d) => d === 'bool'))
        return { error: `distance.${name} of boolean vectors: numpy cannot subtract booleans` };
      const allInt = ints.every((d) => d !== undefined && d !== 'bool' && !d.startsWith('float'));
      const intResult = INT_METRICS.has(name) && allInt;
      return ok(`scipy.spatial.distance.${name}`, intResult ? T.int : T.float, args, intResult ? 'int' : 'float', {
        ...u.detail,
        ...v.detail,
        ...p,
      });
    },
    tests: [
      test({
        params: { u: 'NDArray[np.int64]', v: 'NDArray[np.int64]' },
        expr: `distance.${name}(u, v)`,
        samples: [[I3, nd('int64', [3], [5, 0, -3])]],
      }),
      test({
        params: { u: FA, v: FA },
        expr: `distance.${name}(u, v)`,
        samples: [
          [F3, nd('float64', [3], [1.5, -2.0, 0.25])],
          [F3, F3],
          [nd('float64', [3], [0.0, 0.0, 0.0]), F3],
          [F3, nd('float64', [2], [1.0, 2.0])],
          [F2x3, F2x3],
          [nd('float64', [1], [2.0]), F3],
        ],
      }),
      test({
        params: { u: 'list[float]', v: 'list[int]' },
        expr: `distance.${name}(u, v)`,
        samples: [
          [
            [1.0, 2.5, -3.0],
            [2, 0, 1],
          ],
          [[0.5], [1]],
        ],
      }),
      ...(name === 'minkowski'
        ? [
            test({
              params: { u: FA, v: 'NDArray[np.int64]', p: 'float' },
              expr: 'distance.minkowski(u, v, p), distance.minkowski(u, v, p=1)',
              samples: [
                [F3, I3, 3.0],
                [F3, I3, 0.5],
                [F3, I3, { float: 'inf' }],
                [F3, I3, 0.0],
              ],
            }),
          ]
        : []),
    ],
  });
}

/** The metric argument of `cdist`/`pdist`: a string (checked at run time), euclidean when absent. */
function metricArg(b: Bound | undefined): { metric?: At } | { error: string } {
  if (!b) return {};
  if (b.t.kind !== 'str')
    return { error: `the metric must be a metric name string; a ${typeToString(b.t)} metric is not supported` };
  return { metric: b.at };
}
const metricCode = (c: OpChoice): string =>
  c.detail!.metric === undefined ? '"euclidean"' : `{&${c.detail!.metric as At}}`;

defineOp({
  id: 'scipy.spatial.distance.cdist',
  summary: "scipy.spatial.distance.cdist(XA, XB, metric='euclidean', p=2): the float64 matrix of row distances",
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('distance.cdist', ['XA', 'XB', 'metric', 'p', 'w'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (b.has('w')) return { error: "cdist's weights w= are not supported" };
    const xa = arrayDetail(b.get('XA'), 'xa', 'cdist');
    if (err(xa)) return xa;
    const xb = arrayDetail(b.get('XB'), 'xb', 'cdist');
    if (err(xb)) return xb;
    const m = metricArg(b.get('metric'));
    if (err(m)) return m;
    const p = pArg(b.get('p'));
    if (err(p)) return p;
    return ok('scipy.spatial.distance.cdist', T.ndarray('float64', 2), args, 'cdist', {
      ...xa.detail,
      ...xb.detail,
      ...m,
      ...p,
    });
  },
  tests: [
    test({
      params: { a: NP, b: NP, m: 'str' },
      expr: 'distance.cdist(a, b, m).tolist()',
      samples: [
        ...METRICS.map((m) => [F2x3, nd('float64', [1, 3], [0.5, 0.5, -1.0]), m]),
        [F2x3, nd('int64', [2, 3], [1, 2, 3, 0, 0, 0]), 'cos'],
        [F2x3, F3, 'euclidean'],
        [F2x3, nd('float64', [1, 2], [1, 2]), 'euclidean'],
        [F2x3, F2x3, 'nope'],
      ],
    }),
    test({
      params: { q: 'list[list[float]]', c: 'list[list[float]]' },
      expr: "distance.cdist(q, c).tolist(), distance.cdist(q, c, metric='minkowski', p=3).tolist(), distance.cdist(q, c, 'cityblock').tolist()",
      samples: [
        [
          [[1.0, 0.0]],
          [
            [0.9, 0.1],
            [0.0, 0.0],
          ],
        ],
        [[[1.0]], [[1.0, 2.0]]],
      ],
    }),
  ],
});

defineOp({
  id: 'scipy.spatial.distance.pdist',
  summary: "scipy.spatial.distance.pdist(X, metric='euclidean', p=2): the condensed float64 distances of i < j",
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('distance.pdist', ['X', 'metric', 'p', 'w'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (b.has('w')) return { error: "pdist's weights w= are not supported" };
    const x = arrayDetail(b.get('X'), 'x', 'pdist');
    if (err(x)) return x;
    const m = metricArg(b.get('metric'));
    if (err(m)) return m;
    const p = pArg(b.get('p'));
    if (err(p)) return p;
    return ok('scipy.spatial.distance.pdist', T.ndarray('float64', 1), args, 'pdist', { ...x.detail, ...m, ...p });
  },
  tests: [
    test({
      params: { a: NP, m: 'str' },
      expr: 'distance.pdist(a, m).tolist()',
      samples: [
        ...METRICS.map((m) => [nd('float64', [3, 2], [0.0, 0.0, 3.0, 4.0, 1.5, -1.5]), m]),
        [F3, 'euclidean'],
        [nd('float64', [1, 2], [1, 2]), 'cosine'],
      ],
    }),
    test({
      params: { x: 'list[list[int]]' },
      expr: "distance.pdist(x).tolist(), distance.pdist(x, metric='minkowski', p=1).tolist()",
      samples: [
        [
          [
            [0, 0],
            [3, 4],
            [6, 8],
          ],
        ],
      ],
    }),
  ],
});

defineOp({
  id: 'scipy.spatial.distance.squareform',
  summary: 'scipy.spatial.distance.squareform(X): condensed distances to the square matrix, and back',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('distance.squareform', ['X', 'force', 'checks'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (b.has('force') || b.has('checks')) return { error: "squareform's force= and checks= are not supported" };
    const x = arrayDetail(b.get('X'), 'x', 'squareform');
    if (err(x)) return x;
    const r = x.t.rank;
    if (r !== undefined && r !== 1 && r !== 2) return { error: `squareform takes a 1-D or 2-D array, not ${r}-D` };
    const rank = r === undefined ? undefined : r === 1 ? 2 : 1;
    return ok('scipy.spatial.distance.squareform', T.ndarray(x.t.dtype, rank), args, 'square', x.detail);
  },
  tests: [
    test({
      params: { a: NP },
      expr: 'distance.squareform(a).tolist()',
      samples: [
        [nd('float64', [3], [1.0, 2.5, 3.0])],
        [nd('float64', [2], [1.0, 2.5])],
        [nd('int64', [1], [4])],
        [nd('float64', [0], [])],
        [nd('float64', [2, 2], [0.0, 1.5, 1.5, 0.0])],
        [nd('float64', [2, 2], [0.0, 1.5, 1.0, 0.0])],
        [nd('float64', [2, 2], [1.0, 1.5, 1.5, 0.0])],
        [nd('float64', [2, 3], [0.0, 1.5, 1.5, 0.0, 1, 1])],
      ],
    }),
  ],
});

defineSpellings({
  ...Object.fromEntries(
    (['softmax', 'log_softmax'] as const).map((name) => [
      `scipy.special.${name}`,
      {
        lanes: (c: OpChoice) =>
          `nd::sp_${name}(${argArr(c, 'a')}, ${c.detail!.axis === 'none' ? 'None' : `Some(${own(c.detail!.axis as At)})`})?`,
      },
    ]),
  ),
  'scipy.special.logsumexp': {
    lse: (c) =>
      `nd::sp_logsumexp(${argArr(c, 'a')}, ${c.detail!.axis === 'none' ? 'None' : `Some(${own(c.detail!.axis as At)})`}, ${c.detail!.keep === undefined ? 'false' : own(c.detail!.keep as At)})?${c.detail!.item ? '.item_f64()?' : ''}`,
  },
  ...Object.fromEntries(
    UNARY.map(([name]) => [
      `scipy.special.${name}`,
      {
        scalar: (c: OpChoice) => `nd::sp_${name}_f(${c.detail!.int ? '({0} as f64)' : '{0}'})`,
        array: (c: OpChoice) => `nd::sp_unary("${name}", ${argArr(c, 'a')})?`,
      },
    ]),
  ),
  ...Object.fromEntries(
    UNARY2.map(([name]) => [
      `scipy.special.${name}`,
      {
        scalar: (c: OpChoice) => `nd::sp_unary2_f("${name}", ${c.detail!.int ? '({0} as f64)' : '{0}'})`,
        array: (c: OpChoice) => `nd::sp_unary2("${name}", ${argArr(c, 'a')})?`,
      },
    ]),
  ),
  ...Object.fromEntries(
    BINARY.map(([name]) => [
      `scipy.special.${name}`,
      {
        scalar: (c: OpChoice) => {
          const n = (k: string) =>
            c.detail![`${k}Int`] ? `(${own(c.detail![k] as At)} as f64)` : own(c.detail![k] as At);
          return `nd::sp_binary_f("${name}", ${n('x')}, ${n('y')})`;
        },
        array: (c: OpChoice) => `nd::sp_binary("${name}", ${argArr(c, 'a')}, ${argArr(c, 'b')})?`,
      },
    ]),
  ),
  'scipy.stats.entropy': {
    entropy: (c) => {
      const d = c.detail!;
      const base =
        d.base === undefined ? 'None' : `Some(${d.baseInt ? `(${own(d.base as At)} as f64)` : own(d.base as At)})`;
      const axis = d.axis === undefined ? '0' : own(d.axis as At);
      return `nd::sp_entropy(${argArr(c, 'a')}, ${d.q ? `Some(${argArr(c, 'b')})` : 'None'}, ${base}, ${axis})?${d.item ? '.item_f64()?' : ''}`;
    },
  },
  ...Object.fromEntries(
    METRICS.map((name) => [
      `scipy.spatial.distance.${name}`,
      {
        float: (c: OpChoice) => `nd::sp_distance("${name}", ${argArr(c, 'u')}, ${argArr(c, 'v')}, ${pCode(c)})?`,
        int: (c: OpChoice) => `nd::sp_distance_int("${name}", ${argArr(c, 'u')}, ${argArr(c, 'v')})?`,
      },
    ]),
  ),
  'scipy.spatial.distance.cdist': {
    cdist: (c) =>
      `nd::sp_cdist(${matrixArr(c, 'xa', 'XA')}, ${matrixArr(c, 'xb', 'XB')}, ${metricCode(c)}, ${pCode(c)})?`,
  },
  'scipy.spatial.distance.pdist': {
    pdist: (c) => `nd::sp_pdist(${matrixArr(c, 'x', 'A')}, ${metricCode(c)}, ${pCode(c)})?`,
  },
  'scipy.spatial.distance.squareform': { square: (c) => `nd::sp_squareform(${argArr(c, 'x')})?` },
});
