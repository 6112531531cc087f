/**
 * torch's tensor API between a model's outputs and the answer, as registry entries beside the
 * pooling and decoding-loop ops of the torch family: dtypes as values (`t.dtype`, `torch.long`,
 * `.to(...)`, `.type_as`), shape methods (`view`, `permute`, `t()`, `flatten`, `expand_as`),
 * reductions (`prod`, `any`, `all`, `std`, `var`, `norm`), elementwise math and activations,
 * comparisons as methods, `&`/`|`/`^` on masks, creation (`torch.tensor`, `zeros`, `full`, `eye`,
 * `*_like`, `stack`), `einsum`, `F.cosine_similarity` and `F.pad`. Each rule returns a choice
 * for the spellings at the end of the file, which call ingot-tensor (`nd::`) with torch's
 * promotion and errors. Reference tests carry outcomes recorded from PyTorch (torch.recorded.ts).
 */
import type { Dtype, Type } from '../../types/types';
import { T, typeToString } from '../../types/types';
import { ALL_DTYPES, DTYPE_VARIANT, floatFor } from '../../types/dtypes';
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, extendOp, lookupOp, type ResolveResult } from '../registry';
import {
  arrayList,
  arraysCode,
  type At,
  bcastRank,
  bindArgs,
  borrow,
  type Bound,
  flagArg,
  isArr,
  nd,
  ok,
  own,
  ownedOr,
  promote,
  promoteArrays,
  shapeArg,
  shapeCode,
} from './numpy';
import {
  type Arr,
  dimArg,
  err,
  F2x3,
  F3,
  floatTensor,
  H,
  I2x3,
  intArg,
  isScalar,
  LOGITS,
  M,
  recorded,
  stableArg,
  tboth,
  tmethod,
  TT,
  viaNumpy,
} from './torch';

// ---- dtypes as values ----------------------------------------------------------------------------

/** A torch dtype as a value: its dtype when static (`torch.float32`, `t.dtype` of a typed tensor). */
const torchDtype = (d: Dtype | undefined): Type =>
  T.opaque(d === undefined ? 'torch.dtype' : `torch.dtype[${d}]`, 'nd::DType');
const isTorchDtype = (t: Type | undefined): boolean =>
  t?.kind === 'opaque' && (t.name === 'torch.dtype' || t.name.startsWith('torch.dtype['));
/** The static dtype a dtype value names, undefined when it is known only at run time. */
const dtypeOf = (t: Type): Dtype | undefined =>
  t.kind === 'opaque' && t.name.startsWith('torch.dtype[') ? (t.name.slice(12, -1) as Dtype) : undefined;

const RUST_DTYPE = Object.fromEntries(ALL_DTYPES.map((d) => [d, `nd::DType::${DTYPE_VARIANT[d]}`])) as Record<
  Dtype,
  string
>;

/** torch's dtype names and aliases with the dtype each is. */
const DTYPE_NAMES: [string, Dtype][] = [
  ['float32', 'float32'],
  ['float', 'float32'],
  ['float64', 'float64'],
  ['double', 'float64'],
  ['int64', 'int64'],
  ['long', 'int64'],
  ['bool', 'bool'],
  ['float16', 'float16'],
  ['half', 'float16'],
  ['bfloat16', 'bfloat16'],
  ['int32', 'int32'],
  ['int', 'int32'],
  ['int16', 'int16'],
  ['short', 'int16'],
  ['int8', 'int8'],
  ['uint8', 'uint8'],
];

for (const [name, d] of DTYPE_NAMES)
  defineOp({
    id: `torch.${name}`,
    summary: `torch.${name}: the ${d} dtype as a value (dtype=, .to(), comparisons with t.dtype)`,
    resolve: (args) =>
      args.length === 0
        ? ok(`torch.${name}`, torchDtype(d), [], 'dtype', { dtype: d })
        : { error: `torch.${name} is a dtype, not a function` },
    tests: [recorded({ params: { t: TT }, expr: `t.to(torch.${name})`, samples: [[I2x3], [F2x3]] })],
  });
defineOp({
  id: 'torch.Tensor.dtype',
  summary: 't.dtype: the dtype as a value (compared with torch.float32, passed to .to() or dtype=)',
  resolve: (args) => {
    const a = args[0];
    if (!isArr(a) || args.length !== 1) return { error: '`dtype` is an attribute' };
    return ok('torch.Tensor.dtype', torchDtype(a.dtype), [a], 'dtype');
  },
  tests: [
    recorded({
      params: { t: TT },
      body: 'if t.dtype == torch.float32:\n    return t * 2\nreturn t.float()',
      samples: [[F2x3], [I2x3]],
    }),
    recorded({ params: { t: TT, m: TT }, expr: 'm.to(t.dtype) * t', samples: [[F2x3, I2x3]] }),
    recorded({ params: { t: TT, m: TT }, expr: '(t.dtype != m.dtype, t.dtype == t.dtype)', samples: [[F2x3, I2x3]] }),
  ],
});

for (const [id, sym] of [
  ['operator.eq', '=='],
  ['operator.ne', '!='],
] as const)
  extendOp(id, {
    summary: `torch dtypes: \`t.dtype ${sym} torch.float32\``,
    resolve: (args) =>
      isTorchDtype(args[0]) || isTorchDtype(args[1])
        ? isTorchDtype(args[0]) && isTorchDtype(args[1])
          ? ok(id, T.bool, args, 'torch_dtype')
          : { error: `a torch dtype compares only with another dtype, not ${typeToString(args[1]!)}` }
        : undefined,
    tests: [],
  });

/**
 * A target of `.to(...)`: a dtype value, a tensor (its dtype), a device or "cpu" (nothing to do:
 * compiled code runs on the CPU), or an error.
 */
type Target = { dtype: At; from: 'value' | 'tensor'; static: Dtype | undefined } | 'device' | { error: string };
function toTarget(b: Bound): Target {
  const t = b.t;
  if (isTorchDtype(t)) return { dtype: b.at, from: 'value', static: dtypeOf(t) };
  if (isArr(t)) return { dtype: b.at, from: 'tensor', static: t.dtype };
  if (t.kind === 'opaque' && t.name === 'torch.device') return 'device';
  if (t.kind === 'none') return 'device';
  if (b.c?.kind === 'str')
    return b.c.value === 'cpu' || b.c.value.startsWith('cpu:')
      ? 'device'
      : { error: `compiled code runs on the CPU; .to("${b.c.value}") is not supported (use "cpu" or t.device)` };
  return { error: `.to() takes a dtype, a device or a tensor, not ${typeToString(t)}` };
}

/** `.to(...)` and `.type_as(other)`: a new dtype, or the tensor itself. */
function toRule(a: Arr, targets: Bound[]): ResolveResult {
  let conv: Exclude<Target, 'device' | { error: string }> | undefined;
  for (const b of targets) {
    const r = toTarget(b);
    if (r === 'device') continue;
    if ('error' in r) return r;
    if (conv) return { error: '.to() takes one dtype' };
    conv = r;
  }
  if (!conv) return ok('', a, [], 'same');
  const dtype = conv.static;
  return ok('', T.ndarray(dtype, a.rank, 'torch'), [], 'convert', { target: conv.dtype, from: conv.from });
}

tmethod(
  'to',
  't.to(dtype | device | other tensor | "cpu", dtype=None, device=None, non_blocking=False, copy=False)',
  ['a0', 'a1', 'dtype', 'device', 'non_blocking', 'copy'],
  (b, a) => {
    for (const k of ['non_blocking', 'copy']) {
      const f = flagArg(b.get(k), k);
      if (err(f)) return f;
    }
    return toRule(
      a,
      ['a0', 'a1', 'dtype', 'device'].flatMap((k) => (b.has(k) ? [b.get(k)!] : [])),
    );
  },
  [
    recorded({ params: { m: TT, h: TT }, expr: 'm.unsqueeze(-1).to(h.dtype)', samples: [[M, H]] }),
    recorded({ params: { m: TT, h: TT }, expr: 'm.to(h)', samples: [[M, F2x3]] }),
    recorded({ params: { t: TT }, expr: 't.to("cpu", dtype=torch.float64)', samples: [[I2x3]] }),
    recorded({ params: { t: TT }, expr: 't.to(t.device).to(torch.bool)', samples: [[F2x3], [I2x3]] }),
  ],
);

tmethod(
  'type_as',
  't.type_as(other): t converted to the dtype of other',
  ['other'],
  (b, a) => {
    const o = b.get('other');
    if (!o || !isArr(o.t)) return { error: 'type_as takes a tensor' };
    return toRule(a, [o]);
  },
  [
    recorded({
      params: { m: TT, h: TT },
      expr: 'm.type_as(h)',
      samples: [
        [M, F2x3],
        [F2x3, M],
      ],
    }),
  ],
);

tmethod(
  'is_floating_point',
  't.is_floating_point()',
  [],
  (_b, a) => ok('', T.bool, [], a.dtype === undefined ? 'runtime' : 'static', { value: a.dtype?.startsWith('float') }),
  [recorded({ params: { t: TT }, expr: 't.is_floating_point()', samples: [[F2x3], [I2x3]] })],
);

// ---- Sizes ----------------------------------------------------------------------------------------

defineOp({
  id: 'torch.Tensor.ndim',
  summary: 't.ndim: the number of dimensions',
  resolve: (args) =>
    isArr(args[0]) && args.length === 1
      ? ok('torch.Tensor.ndim', T.int, [args[0]], 'ndim')
      : { error: '`ndim` is an attribute' },
  tests: [recorded({ params: { t: TT }, expr: 't.ndim + t[0].ndim', samples: [[H], [F3]] })],
});

for (const name of ['numel', 'nelement'])
  tmethod(name, `t.${name}(): the number of elements`, [], () => ok('', T.int, [], 'numel'), [
    recorded({ params: { t: TT }, expr: `t.${name}()`, samples: [[H], [nd('float32', [0, 3], [])]] }),
  ]);

// ---- Shapes ---------------------------------------------------------------------------------------

tmethod(
  'view',
  't.view(*shape): the same elements in a new shape (-1 infers one size)',
  ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'],
  (b, a) => {
    const s = shapeArg([...b.values()]);
    if (err(s)) return { error: `${s.error} (t.view(dtype) is not supported)` };
    return ok('', T.ndarray(a.dtype, s.rank, 'torch'), [], 'reshape', s.detail);
  },
  [
    recorded({ params: { t: TT }, expr: 't.view(-1)', samples: [[F2x3]] }),
    recorded({ params: { t: TT }, expr: 't.view(3, 2)', samples: [[F2x3], [F3]] }),
    recorded({ params: { t: TT }, expr: 't.view((1, -1, 2))', samples: [[H]] }),
  ],
);

for (const [name, what] of [
  ['view_as', 'reshape'],
  ['reshape_as', 'reshape'],
  ['expand_as', 'expand'],
] as const)
  tmethod(
    name,
    `t.${name}(other): ${what}d to other's shape`,
    ['other'],
    (b, a) => {
      const o = b.get('other');
      if (!o || !isArr(o.t)) return { error: `${name} takes a tensor` };
      return ok('', T.ndarray(a.dtype, o.t.rank, 'torch'), [], what, { other: o.at });
    },
    [
      recorded({
        params: { t: TT, o: TT },
        expr: `t.${name}(o)`,
        samples:
          name === 'expand_as'
            ? [
                [nd('int64', [2, 3, 1], [1, 1, 0, 1, 0, 0]), H],
                [F3, F2x3],
              ]
            : [
                [F2x3, nd('float32', [3, 2], [0, 0, 0, 0, 0, 0])],
                [F2x3, F3],
              ],
      }),
    ],
  );

/** Dims passed as ints or as one tuple/list (`permute(0, 2, 1)`, `permute((0, 2, 1))`). */
function dimsArg(
  bs: Bound[],
): { dims: At[]; form: 'ints' | 'tuple' | 'list'; n: number | undefined } | { error: string } {
  if (bs.length === 1 && bs[0]!.t.kind === 'tuple' && bs[0]!.t.items.every((x) => x.kind === 'int'))
    return { dims: [bs[0]!.at], form: 'tuple', n: bs[0]!.t.items.length };
  if (bs.length === 1 && bs[0]!.t.kind === 'list' && bs[0]!.t.item.kind === 'int')
    return { dims: [bs[0]!.at], form: 'list', n: undefined };
  if (bs.every((b) => b.t.kind === 'int')) return { dims: bs.map((b) => b.at), form: 'ints', n: bs.length };
  return { error: 'dims must be ints or a tuple of ints' };
}
const dimsCode = (c: OpChoice): string => {
  const dims = c.detail!.dims as At[];
  return c.detail!.form === 'tuple'
    ? `&nd::shape_arg(${own(dims[0]!)})`
    : c.detail!.form === 'list'
      ? `&${own(dims[0]!)}`
      : `&[${dims.map(own).join(', ')}]`;
};

tmethod(
  'permute',
  't.permute(*dims): the dims reordered',
  ['d0', 'd1', 'd2', 'd3', 'd4'],
  (b, a) => {
    const d = dimsArg([...b.values()]);
    if (err(d)) return d;
    return ok('', T.ndarray(a.dtype, d.n ?? a.rank, 'torch'), [], 'permute', { dims: d.dims, form: d.form });
  },
  [
    recorded({ params: { t: TT }, expr: 't.permute(2, 0, 1)', samples: [[H]] }),
    recorded({ params: { t: TT }, expr: 't.permute((1, 0))', samples: [[F2x3], [H]] }),
  ],
);

tmethod('t', 't.t(): a 2-d tensor transposed (0-d and 1-d as they are)', [], (_b, a) => ok('', a, [], 't'), [
  recorded({ params: { t: TT }, expr: 't.t()', samples: [[F2x3], [F3], [H]] }),
]);

tboth(
  'flatten',
  'start_dim=0, end_dim=-1',
  ['start_dim', 'end_dim'],
  (b, a) => {
    const s = intArg(b.get('start_dim'), 'start_dim');
    if (err(s)) return s;
    const e = intArg(b.get('end_dim'), 'end_dim');
    if (err(e)) return e;
    const sc = b.get('start_dim')?.c;
    const ec = b.get('end_dim')?.c;
    const start = s === undefined ? 0 : sc?.kind === 'int' ? Number(sc.value) : undefined;
    const end = e === undefined ? -1 : ec?.kind === 'int' ? Number(ec.value) : undefined;
    let rank: number | undefined;
    if (a.rank !== undefined && start !== undefined && end !== undefined) {
      const n = Math.max(a.rank, 1);
      rank = a.rank === 0 ? 1 : a.rank - ((end < 0 ? end + n : end) - (start < 0 ? start + n : start));
    }
    return ok('', T.ndarray(a.dtype, rank, 'torch'), [], 'flatten', { start: s, end: e });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.flatten(t, 1)', samples: [[H], [F2x3]] })],
    method: [
      recorded({ params: { t: TT }, expr: 't.flatten()', samples: [[H], [F3]] }),
      recorded({ params: { t: TT }, expr: 't.flatten(0, 1)', samples: [[H], [F3]] }),
    ],
  },
);

tmethod(
  'unflatten',
  't.unflatten(dim, sizes)',
  ['dim', 'sizes'],
  (b, a) => {
    const d = intArg(b.get('dim'), 'dim');
    if (err(d)) return d;
    const s = b.get('sizes');
    if (d === undefined || !s) return { error: 'unflatten takes dim and sizes' };
    const sz = dimsArg([s]);
    if (err(sz)) return { error: 'sizes must be a tuple of ints' };
    return ok(
      '',
      T.ndarray(a.dtype, a.rank === undefined || sz.n === undefined ? undefined : a.rank - 1 + sz.n, 'torch'),
      [],
      'unflatten',
      {
        dim: d,
        dims: sz.dims,
        form: sz.form,
      },
    );
  },
  [
    recorded({ params: { t: TT }, expr: 't.unflatten(1, (3, 1))', samples: [[F2x3]] }),
    recorded({
      params: { t: TT },
      expr: 't.unflatten(-1, (2, -1))',
      samples: [[F2x3], [nd('float32', [4], [1, 2, 3, 4])]],
    }),
  ],
);

// ---- Reductions ------------------------------------------------------------------------------------

/** `dim` of a reduction: absent or None for every element, else an int. */
function reduceDim(b: Map<string, Bound>): At | 'none' | { error: string } {
  const d = b.get('dim');
  if (!d || d.t.kind === 'none') return 'none';
  if (d.t.kind !== 'int') return { error: `dim must be an int here, not ${typeToString(d.t)}` };
  return d.at;
}
/** The rank after reducing over `dim` (`keepdim` a constant when the rank is to be static). */
function reducedRank(a: Arr, dim: At | 'none', b: Map<string, Bound>): number | undefined {
  const keep = b.get('keepdim');
  const keepConst = !keep ? false : keep.c?.kind === 'bool' ? keep.c.value : undefined;
  if (keepConst === undefined || a.rank === undefined) return dim === 'none' && keepConst === false ? 0 : undefined;
  if (keepConst) return a.rank;
  return dim === 'none' ? 0 : Math.max(a.rank - 1, 0);
}

for (const name of ['prod', 'any', 'all'] as const)
  tboth(
    name,
    'dim=None, keepdim=False',
    ['dim', 'keepdim'],
    (b, a) => {
      const dim = reduceDim(b);
      if (err(dim)) return dim;
      const keep = flagArg(b.get('keepdim'), 'keepdim');
      if (err(keep)) return keep;
      const dtype: Dtype | undefined =
        name !== 'prod' ? 'bool' : a.dtype === 'bool' || a.dtype === 'int64' ? 'int64' : a.dtype;
      return ok('', T.ndarray(dtype, reducedRank(a, dim, b), 'torch'), [], 'fold', { dim, keep });
    },
    {
      fn: [recorded({ params: { t: TT }, expr: `torch.${name}(t, dim=1)`, samples: [[F2x3], [I2x3], [M]] })],
      method: [
        recorded({ params: { t: TT }, expr: `t.${name}()`, samples: [[F2x3], [M], [nd('float32', [0], [])]] }),
        recorded({ params: { t: TT }, expr: `t.${name}(0, keepdim=True)`, samples: [[I2x3], [H]] }),
      ],
    },
  );

for (const name of ['std', 'var'] as const)
  tboth(
    name,
    'dim=None, unbiased=True, keepdim=False, *, correction=1',
    ['dim', 'unbiased', 'keepdim', 'correction'],
    (b, a) => {
      const dim = reduceDim(b);
      if (err(dim)) return dim;
      const keep = flagArg(b.get('keepdim'), 'keepdim');
      if (err(keep)) return keep;
      const unbiased = flagArg(b.get('unbiased'), 'unbiased');
      if (err(unbiased)) return unbiased;
      const corr = intArg(b.get('correction'), 'correction');
      if (err(corr)) return corr;
      if (a.dtype === 'int64' || a.dtype === 'bool')
        return { error: `${name} needs a float tensor (torch has no ${a.dtype} ${name}); convert with .float()` };
      return ok('', T.ndarray(a.dtype, reducedRank(a, dim, b), 'torch'), [], name, { dim, keep, unbiased, corr });
    },
    {
      fn: [recorded({ params: { t: TT }, expr: `torch.${name}(t, dim=1)`, samples: [[F2x3], [H]] })],
      method: [
        recorded({ params: { t: TT }, expr: `t.${name}()`, samples: [[F2x3], [F3]] }),
        recorded({ params: { t: TT }, expr: `t.${name}(0, unbiased=False, keepdim=True)`, samples: [[F2x3]] }),
        recorded({ params: { t: TT }, expr: `t.${name}(dim=-1, correction=0)`, samples: [[H]] }),
      ],
    },
  );

tboth(
  'norm',
  'p=2, dim=None, keepdim=False',
  ['p', 'dim', 'keepdim'],
  (b, a) => {
    const p = b.get('p');
    if (p && p.t.kind !== 'int' && p.t.kind !== 'float')
      return {
        error: `p must be a number here (matrix norms such as "fro" are not supported), not ${typeToString(p.t)}`,
      };
    const dim = reduceDim(b);
    if (err(dim)) return dim;
    const keep = flagArg(b.get('keepdim'), 'keepdim');
    if (err(keep)) return keep;
    if (a.dtype === 'int64' || a.dtype === 'bool')
      return { error: 'norm needs a float tensor (torch has no integer norm); convert with .float()' };
    return ok('', T.ndarray(a.dtype, reducedRank(a, dim, b), 'torch'), [], 'norm', {
      p: p?.at,
      pInt: p?.t.kind === 'int',
      dim,
      keep,
    });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.norm(t, dim=-1)', samples: [[F2x3], [H]] })],
    method: [
      recorded({ params: { t: TT }, expr: 't.norm()', samples: [[F2x3], [nd('float32', [0], [])]] }),
      recorded({ params: { t: TT }, expr: 't.norm(dim=-1, keepdim=True)', samples: [[F2x3]] }),
      recorded({ params: { t: TT }, expr: 't.norm(p=1, dim=0)', samples: [[F2x3]] }),
      recorded({ params: { t: TT }, expr: 't.norm(float("inf"), 1)', samples: [[F2x3]] }),
      recorded({ params: { t: TT }, expr: 't.norm(3.0)', samples: [[F3]] }),
    ],
  },
);

// ---- Elementwise -----------------------------------------------------------------------------------

/** The dtype of a float function of `a`: int and bool give float32, as in torch. */
const floatOf = (a: Arr): Dtype | undefined => (a.dtype === undefined ? undefined : floatFor(a.dtype, 'torch'));

for (const [name, op, floats] of [
  ['abs', 'Abs', false],
  ['neg', 'Neg', false],
  ['exp', 'Exp', true],
  ['log', 'Log', true],
  ['sqrt', 'Sqrt', true],
  ['tanh', 'Tanh', true],
] as const)
  tboth(
    name,
    '',
    [],
    (_b, a) => {
      if (!floats && a.dtype === 'bool' && name === 'neg')
        return { error: 'negation of a bool tensor is not supported by torch; use ~t or t.logical_not()' };
      return ok('', T.ndarray(floats ? floatOf(a) : a.dtype, a.rank, 'torch'), [], 'unary', { op });
    },
    {
      fn: [recorded({ params: { t: TT }, expr: `torch.${name}(t)`, samples: [[F2x3], [I2x3]] })],
      method: [
        recorded({ params: { t: TT }, expr: `t.${name}()`, samples: [[LOGITS], [nd('float64', [3], [0, 1, 4])]] }),
      ],
    },
  );

tboth(
  'pow',
  'exponent',
  ['exponent'],
  (b, a) => {
    const e = b.get('exponent');
    if (!e || (!isScalar(e.t) && !isArr(e.t))) return { error: 'pow takes a number or a tensor exponent' };
    return ok('', T.ndarray(promote(a, e.t, 'torch'), bcastRank(a, e.t), 'torch'), [], 'pow', {
      exponent: e.at,
      arr: isArr(e.t),
    });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.pow(t, 2)', samples: [[F2x3], [I2x3]] })],
    method: [
      recorded({ params: { t: TT }, expr: 't.pow(0.5)', samples: [[nd('float32', [3], [4, 9, 2])], [I2x3]] }),
      recorded({ params: { t: TT, e: TT }, expr: 't.pow(e)', samples: [[F3, nd('int64', [3], [2, 3, 0])]] }),
    ],
  },
);

tboth(
  'relu',
  '',
  [],
  (_b, a) =>
    a.dtype === 'bool' ? { error: 'relu of a bool tensor is not supported by torch' } : ok('', a, [], 'relu'),
  {
    fn: [
      recorded({ params: { t: TT }, expr: 'torch.relu(t)', samples: [[F2x3], [I2x3]] }),
      recorded({ params: { t: TT }, expr: 'F.relu(t)', samples: [[LOGITS]] }),
    ],
    method: [recorded({ params: { t: TT }, expr: 't.relu()', samples: [[F2x3]] })],
  },
  ['torch.nn.functional.relu'],
);

// The numpy ufuncs' kernels with torch's dtypes (`nd::tufunc`): int and bool tensors give float32, but `sign`,
// `square` and `trunc` keep an int dtype and take no bools.
const TORCH_UFUNCS = [
  ['sin', 'Sin'],
  ['cos', 'Cos'],
  ['tan', 'Tan'],
  ['asin', 'Arcsin'],
  ['acos', 'Arccos'],
  ['atan', 'Arctan'],
  ['sinh', 'Sinh'],
  ['cosh', 'Cosh'],
  ['log1p', 'Log1p'],
  ['expm1', 'Expm1'],
  ['log2', 'Log2'],
  ['log10', 'Log10'],
  ['sign', 'Sign'],
  ['square', 'Square'],
  ['trunc', 'Trunc'],
  ['reciprocal', 'Reciprocal'],
  ['rsqrt', 'Rsqrt'],
] as const;
const UNIT = nd('float32', [2, 3], [0.25, -0.5, 0.75, 0.0, 0.5, -0.125]);
for (const [name, fn] of TORCH_UFUNCS) {
  const keeps = name === 'sign' || name === 'square' || name === 'trunc';
  tboth(
    name,
    '',
    [],
    (_b, a) => {
      if (keeps && a.dtype === 'bool')
        return { error: `torch.${name} of a bool tensor is not supported here; convert with .int()` };
      return ok('', T.ndarray(keeps ? a.dtype : floatOf(a), a.rank, 'torch'), [], 'ufunc', { fn });
    },
    {
      fn: [recorded({ params: { t: TT }, expr: `torch.${name}(t)`, samples: [[UNIT], [I2x3]] })],
      method: [
        recorded({ params: { t: TT }, expr: `t.${name}()`, samples: [[LOGITS], [nd('float64', [3], [0.5, -2, 4])]] }),
      ],
    },
  );
}

// F.silu, F.softplus, F.leaky_relu, F.elu and F.mish: float tensors, their dtype kept (`nd::activation`).
for (const [name, kind, params] of [
  ['silu', 'Silu', [['inplace', 'False']]],
  [
    'softplus',
    'Softplus',
    [
      ['beta', '1.0'],
      ['threshold', '20.0'],
    ],
  ],
  [
    'leaky_relu',
    'LeakyRelu',
    [
      ['negative_slope', '0.01'],
      ['inplace', 'False'],
    ],
  ],
  [
    'elu',
    'Elu',
    [
      ['alpha', '1.0'],
      ['inplace', 'False'],
    ],
  ],
  ['mish', 'Mish', [['inplace', 'False']]],
] as const) {
  const id = `torch.nn.functional.${name}`;
  const numbers = params.filter(([p]) => p !== 'inplace').map(([p]) => p as string);
  defineOp({
    id,
    summary: `F.${name}(input${params.map(([p, d]) => `, ${p}=${d}`).join('')}) of a float tensor`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`F.${name}`, ['input', ...params.map(([p]) => p as string)], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const a = b.get('input');
      if (!a || !isArr(a.t)) return { error: `F.${name} needs a tensor` };
      const bad = floatTensor(a.t, name);
      if (bad) return bad;
      const inplace = b.get('inplace');
      if (inplace && !(inplace.c?.kind === 'bool' && !inplace.c.value))
        return { error: 'inplace=True is not supported: use the result' };
      const detail: Record<string, At> = { input: a.at };
      for (const p of numbers) {
        const v = b.get(p);
        if (v && !isScalar(v.t)) return { error: `${p} must be a number` };
        if (v) detail[p] = v.at;
      }
      return ok(id, a.t, args, 'activation', { ...detail, kind });
    },
    tests: [
      recorded({ params: { t: TT }, expr: `F.${name}(t)`, samples: [[F2x3], [LOGITS]] }),
      ...(numbers.length
        ? [
            recorded({
              params: { t: TT },
              expr: `F.${name}(t, ${numbers.map((p, i) => `${p}=${['0.5', '2.0'][i]}`).join(', ')})`,
              samples: [[F2x3], [nd('float64', [3], [-3, 0.5, 30])]],
            }),
          ]
        : []),
    ],
  });
}

// Splitting into parts along a dim: tuples of tensors whose length is known at run time (`q, k, v = x.chunk(3, -1)`).
const partsOf = (a: Arr, rank: number | undefined): Type => T.vartuple(T.ndarray(a.dtype, rank, 'torch'));
const dimCode = (c: OpChoice): string => {
  const d = c.detail!.dim as At;
  return d === 'default' ? '0' : own(d);
};
tboth(
  'chunk',
  'chunks, dim=0',
  ['chunks', 'dim'],
  (b, a) => {
    const n = intArg(b.get('chunks'), 'chunks');
    if (err(n)) return n;
    if (n === undefined) return { error: 'pass `chunks` (how many parts)' };
    const d = dimArg(b, '0');
    if (err(d)) return d;
    return ok('', partsOf(a, a.rank), [], 'chunk', { chunks: n, dim: d });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.chunk(t, 2, dim=1)', samples: [[F2x3], [I2x3]] })],
    method: [
      recorded({ params: { t: TT }, expr: '(t.chunk(2), t.chunk(3, -1), t.chunk(4, 1))', samples: [[F2x3]] }),
      recorded({ params: { t: TT }, expr: 't.chunk(0)', samples: [[F2x3]] }),
    ],
  },
);
tboth(
  'split',
  'split_size_or_sections, dim=0',
  ['split_size_or_sections', 'dim'],
  (b, a) => {
    const s = b.get('split_size_or_sections');
    if (!s) return { error: 'pass split_size_or_sections (a part size, or a list of sizes)' };
    const d = dimArg(b, '0');
    if (err(d)) return d;
    if (s.t.kind === 'int') return ok('', partsOf(a, a.rank), [], 'split', { size: s.at, dim: d });
    const sizes = dimsArg([s]);
    if (err(sizes) || sizes.form === 'ints')
      return { error: 'split_size_or_sections must be an int or a list of ints' };
    return ok('', partsOf(a, a.rank), [], 'split_sizes', { dims: sizes.dims, form: sizes.form, dim: d });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.split(t, [1, 2], dim=1)', samples: [[F2x3]] })],
    method: [
      recorded({
        params: { t: TT },
        expr: '(t.split(1), t.split(2, dim=-1), t.split((2, 1), 1))',
        samples: [[F2x3], [I2x3]],
      }),
      recorded({ params: { t: TT }, expr: 't.split([1, 1], 1)', samples: [[F2x3]] }),
    ],
  },
);
tboth(
  'unbind',
  'dim=0',
  ['dim'],
  (b, a) => {
    const d = dimArg(b, '0');
    if (err(d)) return d;
    return ok('', partsOf(a, a.rank === undefined ? undefined : Math.max(a.rank - 1, 0)), [], 'unbind', { dim: d });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.unbind(t, 1)', samples: [[F2x3]] })],
    method: [recorded({ params: { t: TT }, expr: '(t.unbind(), t.unbind(-1))', samples: [[F2x3], [I2x3]] })],
  },
);

// The arithmetic methods and functions are the operators (`t.add(u)` is `t + u`): the operator's own rule and spelling.
for (const [name, op] of [
  ['add', 'operator.add'],
  ['sub', 'operator.sub'],
  ['subtract', 'operator.sub'],
  ['mul', 'operator.mul'],
  ['multiply', 'operator.mul'],
  ['div', 'operator.truediv'],
  ['divide', 'operator.truediv'],
  ['true_divide', 'operator.truediv'],
  ['floor_divide', 'operator.floordiv'],
  ['remainder', 'operator.mod'],
] as const) {
  const resolve = (args: Type[], kw: ReadonlyMap<string, Type>): ResolveResult => {
    if (args.length !== 2 || kw.size > 0 || !(isArr(args[0]) || isArr(args[1])))
      return { error: `${name} takes a tensor and one other operand here (no alpha= or rounding_mode=)` };
    return lookupOp(op)!.resolve(args, new Map());
  };
  const sample = nd('float32', [3], [2.0, -4.0, 0.5]);
  defineOp({
    id: `torch.Tensor.${name}`,
    summary: `t.${name}(other): the operator ${op.slice('operator.'.length)}`,
    resolve,
    tests: [
      recorded({
        params: { t: TT, u: TT },
        expr: `(t.${name}(u), t.${name}(2))`,
        samples: [
          [F2x3, sample],
          [I2x3, nd('int64', [3], [2, -3, 4])],
        ],
      }),
    ],
  });
  defineOp({
    id: `torch.${name}`,
    summary: `torch.${name}(input, other): the operator ${op.slice('operator.'.length)}`,
    resolve,
    tests: [recorded({ params: { t: TT, u: TT }, expr: `torch.${name}(t, u)`, samples: [[F2x3, sample]] })],
  });
}

// repeat (np.tile with torch's rule that every dim gets a size), repeat_interleave (np.repeat), roll, narrow and
// index_select.
tmethod(
  'repeat',
  't.repeat(*sizes): tiled',
  ['d0', 'd1', 'd2', 'd3', 'd4'],
  (b, a) => {
    const d = dimsArg([...b.values()]);
    if (err(d)) return d;
    const rank = d.n === undefined || a.rank === undefined ? undefined : Math.max(d.n, a.rank);
    return ok('', T.ndarray(a.dtype, rank, 'torch'), [], 'repeat', { dims: d.dims, form: d.form });
  },
  [
    recorded({
      params: { t: TT },
      expr: '(t.repeat(2, 1), t.repeat((1, 2)), t.repeat(2, 1, 1))',
      samples: [[F2x3], [I2x3]],
    }),
    recorded({ params: { t: TT }, expr: 't.repeat(2)', samples: [[F2x3]] }),
  ],
);
tboth(
  'repeat_interleave',
  'repeats, dim=None',
  ['repeats', 'dim'],
  (b, a) => {
    const r = intArg(b.get('repeats'), 'repeats');
    if (err(r)) return r;
    if (r === undefined) return { error: 'repeat_interleave takes an int repeats here' };
    const d = intArg(b.get('dim'), 'dim');
    if (err(d)) return d;
    const rank = d === undefined ? 1 : a.rank;
    return ok('', T.ndarray(a.dtype, rank, 'torch'), [], 'repeat_interleave', { repeats: r, dim: d });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.repeat_interleave(t, 2, dim=1)', samples: [[F2x3]] })],
    method: [
      recorded({
        params: { t: TT },
        expr: '(t.repeat_interleave(2), t.repeat_interleave(3, 0), t.repeat_interleave(2, dim=-1))',
        samples: [[F2x3], [I2x3]],
      }),
    ],
  },
);
tboth(
  'roll',
  'shifts, dims=None',
  ['shifts', 'dims'],
  (b, a) => {
    const s = intArg(b.get('shifts'), 'shifts');
    if (err(s)) return s;
    if (s === undefined) return { error: 'roll takes an int shifts here' };
    const d = intArg(b.get('dims'), 'dims');
    if (err(d)) return d;
    return ok('', a, [], 'roll', { shifts: s, dim: d });
  },
  {
    fn: [
      recorded({
        params: { t: TT },
        expr: '(torch.roll(t, 1), torch.roll(t, -1, dims=1), torch.roll(t, 3, 0))',
        samples: [[F2x3], [I2x3]],
      }),
    ],
    method: [recorded({ params: { t: TT }, expr: 't.roll(2, 1)', samples: [[F2x3]] })],
  },
);
tboth(
  'narrow',
  'dim, start, length',
  ['dim', 'start', 'length'],
  (b, a) => {
    const ints = ['dim', 'start', 'length'].map((n) => intArg(b.get(n), n));
    for (const x of ints) if (err(x)) return x;
    if (ints.some((x) => x === undefined)) return { error: 'narrow takes dim, start and length' };
    const [dim, start, length] = ints as At[];
    return ok('', a, [], 'narrow', { dim, start, length });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.narrow(t, 1, 1, 2)', samples: [[F2x3]] })],
    method: [
      recorded({
        params: { t: TT },
        expr: '(t.narrow(0, 1, 1), t.narrow(-1, -2, 2), t.narrow(1, 0, 0))',
        samples: [[F2x3], [I2x3]],
      }),
      recorded({ params: { t: TT }, expr: 't.narrow(1, 2, 2)', samples: [[F2x3]] }),
    ],
  },
);
tboth(
  'index_select',
  'dim, index',
  ['dim', 'index'],
  (b, a) => {
    const d = intArg(b.get('dim'), 'dim');
    if (err(d)) return d;
    const i = b.get('index');
    if (d === undefined || !i || !isArr(i.t)) return { error: 'index_select takes dim and an index tensor' };
    return ok('', a, [], 'index_select', { dim: d, index: i.at });
  },
  {
    fn: [
      recorded({
        params: { t: TT, i: TT },
        expr: 'torch.index_select(t, 1, i)',
        samples: [[F2x3, nd('int64', [2], [2, 0])]],
      }),
    ],
    method: [
      recorded({
        params: { t: TT, i: TT },
        expr: 't.index_select(0, i)',
        samples: [
          [F2x3, nd('int64', [3], [1, 1, 0])],
          [I2x3, nd('int64', [1], [2])],
          [F2x3, nd('int64', [1], [-1])],
        ],
      }),
    ],
  },
);

// Dropout at inference: `F.dropout(x, p, training=False)` (or `training=self.training` in an eval-mode module) is the
// tensor itself; a training-mode dropout draws from torch's generator, which compiled code cannot match.
defineOp({
  id: 'torch.nn.functional.dropout',
  summary: 'F.dropout(input, p=0.5, training=True, inplace=False): only training=False (identity)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('F.dropout', ['input', 'p', 'training', 'inplace'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = b.get('input');
    if (!a || !isArr(a.t)) return { error: 'F.dropout needs a tensor' };
    const training = b.get('training');
    if (!(training?.c?.kind === 'bool' && !training.c.value))
      return { error: 'dropout draws at random in training mode: pass training=False (inference)' };
    return ok('torch.nn.functional.dropout', a.t, args, 'identity', { input: a.at });
  },
  tests: [recorded({ params: { t: TT }, expr: 'F.dropout(t, p=0.1, training=False)', samples: [[F2x3], [I2x3]] })],
});

// logsumexp, masked_select, count_nonzero, equal and allclose.
tboth(
  'logsumexp',
  'dim, keepdim=False',
  ['dim', 'keepdim'],
  (b, a) => {
    const d = intArg(b.get('dim'), 'dim');
    if (err(d)) return d;
    if (d === undefined) return { error: 'logsumexp takes an int dim here' };
    const k = flagArg(b.get('keepdim'), 'keepdim');
    if (err(k)) return k;
    const keep = b.get('keepdim')?.c;
    const rank =
      a.rank === undefined ? undefined : keep?.kind === 'bool' && keep.value ? a.rank : Math.max(a.rank - 1, 0);
    return ok(
      '',
      T.ndarray(floatOf(a), k !== undefined && keep === undefined ? undefined : rank, 'torch'),
      [],
      'logsumexp',
      {
        dim: d,
        keep: k,
      },
    );
  },
  {
    fn: [
      recorded({
        params: { t: TT },
        expr: '(torch.logsumexp(t, 1), torch.logsumexp(t, dim=0, keepdim=True))',
        samples: [[F2x3], [I2x3]],
      }),
    ],
    method: [
      recorded({
        params: { t: TT },
        expr: 't.logsumexp(-1)',
        samples: [[LOGITS], [nd('float32', [2, 2], [-1000, -1000, 1000, 1000])]],
      }),
    ],
  },
);
tboth(
  'masked_select',
  'mask',
  ['mask'],
  (b, a) => {
    const m = b.get('mask');
    if (!m || !isArr(m.t)) return { error: 'masked_select takes a bool tensor mask' };
    return ok('', T.ndarray(a.dtype, 1, 'torch'), [], 'masked_select', { mask: m.at });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.masked_select(t, t > 0)', samples: [[F2x3], [I2x3]] })],
    method: [
      recorded({
        params: { t: TT, m: TT },
        expr: '(t.masked_select(m.bool()), t.masked_select(t < 2))',
        samples: [[F2x3, nd('int64', [3], [1, 0, 1])]],
      }),
    ],
  },
);
tboth(
  'count_nonzero',
  'dim=None',
  ['dim'],
  (b, a) => {
    const d = intArg(b.get('dim'), 'dim');
    if (err(d)) return d;
    const rank = d === undefined ? 0 : a.rank === undefined ? undefined : Math.max(a.rank - 1, 0);
    return ok('', T.ndarray('int64', rank, 'torch'), [], 'count_nonzero', { dim: d });
  },
  {
    fn: [
      recorded({
        params: { t: TT },
        expr: '(torch.count_nonzero(t), torch.count_nonzero(t, dim=1))',
        samples: [[F2x3], [M]],
      }),
    ],
    method: [
      recorded({ params: { t: TT }, expr: '(t.count_nonzero(), t.count_nonzero(0).tolist())', samples: [[I2x3]] }),
    ],
  },
);
tboth(
  'equal',
  'other',
  ['other'],
  (b) => {
    const o = b.get('other');
    if (!o || !isArr(o.t)) return { error: 'equal takes another tensor' };
    return ok('', T.bool, [], 'equal', { other: o.at });
  },
  {
    fn: [
      recorded({
        params: { t: TT, u: TT },
        expr: '(torch.equal(t, u), torch.equal(t, t.clone()))',
        samples: [
          [F2x3, F3],
          [F3, nd('float32', [3], [0.5, 2.0, -1.5])],
        ],
      }),
    ],
    method: [recorded({ params: { t: TT }, expr: 't.equal(t + 0)', samples: [[I2x3]] })],
  },
);
tboth(
  'allclose',
  'other, rtol=1e-05, atol=1e-08, equal_nan=False',
  ['other', 'rtol', 'atol', 'equal_nan'],
  (b) => {
    const o = b.get('other');
    if (!o || !isArr(o.t)) return { error: 'allclose takes another tensor' };
    for (const k of ['rtol', 'atol']) {
      const v = b.get(k);
      if (v && !isScalar(v.t)) return { error: `${k} must be a number` };
    }
    const n = flagArg(b.get('equal_nan'), 'equal_nan');
    if (err(n)) return n;
    return ok('', T.bool, [], 'allclose', {
      other: o.at,
      rtol: b.get('rtol')?.at,
      atol: b.get('atol')?.at,
      nan: n,
    });
  },
  {
    fn: [
      recorded({
        params: { t: TT },
        expr: '(torch.allclose(t, t + 1e-9), torch.allclose(t, t + 1e-3), torch.allclose(t, t + 1e-3, atol=1e-2))',
        samples: [[F2x3], [F3]],
      }),
    ],
    method: [recorded({ params: { t: TT }, expr: 't.allclose(t * 1.000001, rtol=1e-4)', samples: [[F2x3]] })],
  },
);

// linspace, diag and nan_to_num.
defineOp({
  id: 'torch.linspace',
  summary: 'torch.linspace(start, end, steps): float32 (the default dtype), `device=` accepted',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.linspace', ['start', 'end', 'steps', 'device'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const [s, e, n] = ['start', 'end', 'steps'].map((k) => b.get(k));
    if (!s || !e || !n || !isScalar(s.t) || !isScalar(e.t) || n.t.kind !== 'int')
      return { error: 'torch.linspace takes numbers start and end and an int steps' };
    return ok('torch.linspace', T.ndarray('float32', 1, 'torch'), args, 'linspace', { s: s.at, e: e.at, n: n.at });
  },
  tests: [
    recorded({ params: { n: 'int' }, expr: 'torch.linspace(0, 1, n)', samples: [[5], [1], [0], [-1]] }),
    recorded({ params: { a: 'float', b: 'float' }, expr: 'torch.linspace(a, b, steps=4)', samples: [[-1.5, 2.25]] }),
  ],
});
tboth(
  'diag',
  'diagonal=0',
  ['diagonal'],
  (b, a) => {
    const k = intArg(b.get('diagonal'), 'diagonal');
    if (err(k)) return k;
    if (a.rank !== undefined && a.rank !== 1 && a.rank !== 2) return { error: 'diag takes a 1-d or 2-d tensor' };
    return ok('', T.ndarray(a.dtype, a.rank === undefined ? undefined : 3 - a.rank, 'torch'), [], 'diag', { k });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: '(torch.diag(t), torch.diag(t, 1))', samples: [[F3], [F2x3]] })],
    method: [recorded({ params: { t: TT }, expr: 't.diag(-1)', samples: [[F2x3], [I2x3]] })],
  },
);
tboth(
  'nan_to_num',
  'nan=0.0, posinf=None, neginf=None',
  ['nan', 'posinf', 'neginf'],
  (b, a) => {
    for (const k of ['nan', 'posinf', 'neginf']) {
      const v = b.get(k);
      if (v && !isScalar(v.t) && v.t.kind !== 'none') return { error: `${k} must be a number` };
    }
    const at = (k: string): At | undefined => (b.get(k)?.t.kind === 'none' ? undefined : b.get(k)?.at);
    return ok('', a, [], 'nan_to_num', { nan: at('nan'), posinf: at('posinf'), neginf: at('neginf') });
  },
  {
    fn: [
      recorded({
        params: { t: TT },
        expr: '(torch.nan_to_num(t), torch.nan_to_num(t, nan=-1.0, posinf=9.0))',
        samples: [[nd('float32', [4], [1.5, 0, -2, 3])], [I2x3]],
      }),
    ],
    method: [recorded({ params: { t: TT }, expr: '(t / 0).nan_to_num(neginf=-5.0)', samples: [[F2x3]] })],
  },
);

// Reversing dims: `t.flip(0)`, `t.flip(0, 1)`, `torch.flip(t, dims=(0,))`.
tmethod(
  'flip',
  't.flip(*dims): reversed along each of dims',
  ['d0', 'd1', 'd2', 'd3', 'd4'],
  (b, a) => {
    const d = dimsArg([...b.values()]);
    if (err(d)) return d;
    return ok('', a, [], 'flip', { dims: d.dims, form: d.form, input: '0' });
  },
  [
    recorded({ params: { t: TT }, expr: 't.flip(0)', samples: [[F2x3], [H]] }),
    recorded({ params: { t: TT }, expr: '(t.flip(0, -1), t.flip((1,)), t.flip([0, 1]))', samples: [[F2x3]] }),
    recorded({ params: { t: TT }, expr: 't.flip(0, 0)', samples: [[F2x3]] }),
  ],
);
defineOp({
  id: 'torch.flip',
  summary: 'torch.flip(input, dims): reversed along each of dims',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.flip', ['input', 'dims'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = b.get('input');
    const dims = b.get('dims');
    if (!a || !isArr(a.t) || !dims) return { error: 'torch.flip takes a tensor and dims' };
    const d = dimsArg([dims]);
    if (err(d)) return d;
    return ok('torch.flip', a.t, args, 'flip', { dims: d.dims, form: d.form, input: a.at });
  },
  tests: [
    recorded({ params: { t: TT }, expr: '(torch.flip(t, (0,)), torch.flip(t, dims=[1]))', samples: [[F2x3], [I2x3]] }),
  ],
});

defineOp({
  id: 'torch.nn.functional.gelu',
  summary: 'F.gelu(t, approximate="none" | "tanh")',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('F.gelu', ['input', 'approximate'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = b.get('input');
    if (!a || !isArr(a.t)) return { error: 'F.gelu needs a tensor' };
    const bad = floatTensor(a.t, 'gelu');
    if (bad) return bad;
    const ap = b.get('approximate');
    if (ap && !(ap.c?.kind === 'str' && (ap.c.value === 'none' || ap.c.value === 'tanh')))
      return { error: 'approximate must be the literal "none" or "tanh"' };
    return ok('torch.nn.functional.gelu', a.t, args, 'gelu', {
      input: a.at,
      tanh: ap?.c?.kind === 'str' && ap.c.value === 'tanh',
    });
  },
  tests: [
    recorded({ params: { t: TT }, expr: 'F.gelu(t)', samples: [[F2x3], [LOGITS]] }),
    recorded({ params: { t: TT }, expr: 'F.gelu(t, approximate="tanh")', samples: [[F2x3]] }),
  ],
});

// F.sigmoid is torch.sigmoid (the functional alias that activation code uses).
defineOp({
  id: 'torch.nn.functional.sigmoid',
  summary: 'F.sigmoid(t): torch.sigmoid',
  resolve: (args) => {
    const a = args[0];
    if (!isArr(a) || args.length !== 1) return { error: 'F.sigmoid takes one tensor' };
    return ok('torch.nn.functional.sigmoid', T.ndarray(floatOf(a), a.rank, 'torch'), args, 'sigmoid');
  },
  tests: [recorded({ params: { t: TT }, expr: 'F.sigmoid(t)', samples: [[F2x3], [I2x3]] })],
});

tboth(
  'log_softmax',
  'dim',
  ['dim'],
  (b, a) => {
    const bad = floatTensor(a, 'log_softmax');
    if (bad) return bad;
    const d = dimArg(b);
    if (err(d)) return d;
    return ok('', a, [], 'log_softmax', { dim: d });
  },
  {
    fn: [
      recorded({ params: { t: TT }, expr: 'torch.log_softmax(t, dim=-1)', samples: [[LOGITS], [F3]] }),
      recorded({ params: { t: TT }, expr: 'F.log_softmax(t, dim=0)', samples: [[LOGITS]] }),
    ],
    method: [
      recorded({
        params: { t: TT },
        expr: 't.log_softmax(-1)',
        samples: [[LOGITS], [nd('float32', [2], [1000, -1000])], [nd('float32', [3], [0, -200, 50])]],
      }),
    ],
  },
  ['torch.nn.functional.log_softmax'],
);

// clip is clamp's alias.
tboth(
  'clip',
  'min=None, max=None',
  ['min', 'max'],
  (b, a) => {
    const [lo, hi] = [b.get('min'), b.get('max')];
    for (const x of [lo, hi])
      if (x && x.t.kind !== 'none' && !isScalar(x.t)) return { error: 'clip takes numbers for min and max' };
    if ((!lo || lo.t.kind === 'none') && (!hi || hi.t.kind === 'none'))
      return { error: "torch.clip: At least one of 'min' or 'max' must not be None" };
    let dtype = a.dtype;
    for (const x of [lo, hi])
      if (x && x.t.kind !== 'none') dtype = promote(T.ndarray(dtype, a.rank, 'torch'), x.t, 'torch');
    return ok('', T.ndarray(dtype, a.rank, 'torch'), [], 'clip', {
      lo: lo && lo.t.kind !== 'none' ? lo.at : undefined,
      hi: hi && hi.t.kind !== 'none' ? hi.at : undefined,
    });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.clip(t, -1, 1)', samples: [[F2x3], [I2x3]] })],
    method: [recorded({ params: { t: TT }, expr: 't.clip(min=0.0)', samples: [[F2x3], [I2x3]] })],
  },
);

// Comparisons as methods and functions: bool masks with broadcasting, as the operators give them.
for (const [name, op] of [
  ['eq', 'Eq'],
  ['ne', 'Ne'],
  ['gt', 'Gt'],
  ['lt', 'Lt'],
  ['ge', 'Ge'],
  ['le', 'Le'],
  ['maximum', 'Maximum'],
  ['minimum', 'Minimum'],
] as const) {
  const cmp = name !== 'maximum' && name !== 'minimum';
  tboth(
    name,
    'other',
    ['other'],
    (b, a) => {
      const o = b.get('other');
      if (!o || (!isScalar(o.t) && !isArr(o.t))) return { error: `${name} takes a tensor or a number` };
      if (!cmp && !isArr(o.t)) return { error: `torch.${name} takes two tensors` };
      const dtype = cmp ? 'bool' : promote(a, o.t, 'torch');
      return ok('', T.ndarray(dtype, bcastRank(a, o.t), 'torch'), [], 'binary', {
        op,
        other: o.at,
        otherArr: isArr(o.t),
      });
    },
    {
      fn: [
        recorded({
          params: { a: TT, b: TT },
          expr: `torch.${name}(a, b)`,
          samples: [
            [F2x3, F3],
            [I2x3, nd('int64', [3], [7, 0, 3])],
          ],
        }),
      ],
      method: [
        cmp
          ? recorded({ params: { t: TT }, expr: `t.${name}(0)`, samples: [[F2x3], [I2x3]] })
          : recorded({ params: { t: TT, u: TT }, expr: `t.${name}(u)`, samples: [[F2x3, I2x3]] }),
      ],
    },
  );
}

// `&`, `|`, `^` on tensors: logical on bool masks, bitwise on integer tensors.
for (const [id, op, sym] of [
  ['operator.and_', 'And', '&'],
  ['operator.or_', 'Or', '|'],
  ['operator.xor', 'Xor', '^'],
] as const)
  extendOp(id, {
    summary: `tensors: \`a ${sym} b\` on bool masks (logical) or integer tensors (bitwise)`,
    resolve: (args) => {
      const [a, b] = args as [Type, Type];
      if (!((isArr(a) && a.flavor === 'torch') || (isArr(b) && b.flavor === 'torch'))) return undefined;
      for (const x of [a, b]) {
        if (!isArr(x) && x.kind !== 'bool' && x.kind !== 'int')
          return { error: `\`${sym}\` combines bool or integer tensors, not ${typeToString(x)}` };
        if (isArr(x) && (x.dtype === 'float32' || x.dtype === 'float64'))
          return {
            error: `\`${sym}\` is not defined on float tensors (torch raises); compare first, e.g. \`(t > 0) ${sym} m\``,
          };
      }
      const dt = (x: Type): Dtype | undefined => (isArr(x) ? x.dtype : x.kind === 'bool' ? 'bool' : 'int64');
      const [da, db] = [dt(a), dt(b)];
      const dtype =
        da === undefined || db === undefined ? undefined : da === 'bool' && db === 'bool' ? 'bool' : 'int64';
      return ok(id, T.ndarray(dtype, bcastRank(a, b), 'torch'), args, 'tensor_logic', { op });
    },
    tests: [
      recorded({
        params: { a: TT, b: TT },
        expr: `(a > 0) ${sym} (b < 5)`,
        samples: [
          [F2x3, I2x3],
          [F3, I2x3],
        ],
      }),
      recorded({ params: { a: TT, b: TT }, expr: `a ${sym} b`, samples: [[M, I2x3]] }),
    ],
  });

// Roundings, float tests, nonzero, argsort and the matrix products' aliases.
for (const [name, op] of [
  ['round', 'Round'],
  ['floor', 'Floor'],
  ['ceil', 'Ceil'],
] as const)
  tboth(
    name,
    name === 'round' ? 'decimals=0' : '',
    name === 'round' ? ['decimals'] : [],
    (b, a) => {
      if (a.dtype === 'bool') return { error: `${name} of a bool tensor is not supported by torch` };
      // `decimals=` scales, rounds half to even and scales back, as torch and numpy do; float tensors only.
      const d = intArg(b.get('decimals'), 'decimals');
      if (err(d)) return d;
      if (d === undefined) return ok('', a, [], 'rounding', { op });
      if (a.dtype === 'int64')
        return { error: 'round with decimals needs a float tensor (torch raises for an integer one)' };
      return ok('', a, [], 'round_decimals', { decimals: d });
    },
    {
      fn: [
        recorded({
          params: { t: TT },
          expr: `torch.${name}(t)`,
          samples: [[nd('float32', [5], [0.5, 1.5, -2.5, 2.7, -0.2])], [I2x3]],
        }),
        ...(name === 'round'
          ? [
              viaNumpy({
                params: { t: TT },
                expr: 'torch.round(t, decimals=1)',
                reference: 'np.round(t, 1)',
                samples: [[nd('float32', [5], [0.25, 1.75, -2.56, 2.71, -0.04])], [F2x3]],
              }),
              viaNumpy({
                params: { t: TT },
                expr: 't.round(decimals=2)',
                reference: 'np.round(t, 2)',
                samples: [[nd('float32', [4], [0.125, 1.333, -2.5, 3.14159])]],
              }),
            ]
          : []),
      ],
      method: [recorded({ params: { t: TT }, expr: `t.${name}()`, samples: [[F2x3]] })],
    },
  );

for (const [name, op] of [
  ['isnan', 'IsNan'],
  ['isinf', 'IsInf'],
  ['isfinite', 'IsFinite'],
] as const)
  tboth(name, '', [], (_b, a) => ok('', T.ndarray('bool', a.rank, 'torch'), [], 'float_test', { op }), {
    fn: [
      recorded({
        params: { t: TT },
        expr: `torch.${name}(t / t)`,
        samples: [[nd('float32', [3], [0, 1, -2])], [I2x3]],
      }),
    ],
    method: [recorded({ params: { t: TT }, expr: `t.${name}()`, samples: [[I2x3]] })],
  });

tboth(
  'nonzero',
  'as_tuple=False',
  ['as_tuple'],
  (b, a) => {
    const tup = b.get('as_tuple');
    if (!tup) return ok('', T.ndarray('int64', 2, 'torch'), [], 'nonzero');
    // `as_tuple=True`: one index tensor per dimension, a tuple whose length is the input's rank.
    if (tup.c?.kind !== 'bool') return { error: 'as_tuple must be a constant True or False' };
    if (!tup.c.value) return ok('', T.ndarray('int64', 2, 'torch'), [], 'nonzero');
    if (a.rank === undefined) return { error: 'nonzero(as_tuple=True) needs the rank of the tensor known here' };
    const n = Math.max(a.rank, 1);
    return ok('', T.tuple(Array.from({ length: n }, () => T.ndarray('int64', 1, 'torch'))), [], 'nonzero_tuple', {
      count: n,
    });
  },
  {
    fn: [
      recorded({ params: { t: TT }, expr: 'torch.nonzero(t)', samples: [[I2x3], [nd('float32', [0], [])]] }),
      recorded({
        params: { t: TT },
        body: 'ys, xs = torch.nonzero(t.reshape(2, -1) > 1, as_tuple=True)\nreturn ys.tolist(), xs.tolist(), torch.nonzero(t, as_tuple=False).tolist()',
        samples: [[I2x3], [F2x3]],
      }),
    ],
    method: [
      recorded({ params: { t: TT }, expr: '(t > 0).nonzero().squeeze(-1)', samples: [[F3], [F2x3]] }),
      recorded({
        params: { t: TT },
        body: '(i,) = (t.reshape(-1) > 0).nonzero(as_tuple=True)\nreturn i.tolist()',
        samples: [[F3]],
      }),
    ],
  },
);

tboth(
  'argsort',
  'dim=-1, descending=False, stable=False',
  ['dim', 'descending', 'stable'],
  (b, a) => {
    const st = stableArg(b);
    if (st) return st;
    const d = dimArg(b, '-1');
    if (err(d)) return d;
    const desc = flagArg(b.get('descending'), 'descending');
    if (err(desc)) return desc;
    return ok('', T.ndarray('int64', a.rank, 'torch'), [], 'argsort', { dim: d, desc });
  },
  {
    fn: [
      recorded({ params: { t: TT }, expr: 'torch.argsort(t, dim=0)', samples: [[F2x3]] }),
      recorded({
        params: { t: TT },
        expr: '(torch.argsort(t, descending=True, stable=True), t.sort(stable=True, descending=True).indices)',
        samples: [[nd('float32', [6], [0.5, 2, 0.5, 2, -1, 0.5])]],
      }),
    ],
    method: [recorded({ params: { t: TT }, expr: 't.argsort(descending=True)', samples: [[LOGITS], [I2x3]] })],
  },
);

for (const [name, rank] of [
  ['mm', 2],
  ['bmm', 3],
] as const)
  tboth(
    name,
    'mat2',
    ['mat2'],
    (b, a) => {
      const o = b.get('mat2');
      if (!o || !isArr(o.t)) return { error: `${name} takes a tensor` };
      for (const x of [a, o.t])
        if (x.rank !== undefined && x.rank !== rank)
          return { error: `${name} takes ${rank}-d tensors, not ${x.rank}-d` };
      return ok('', T.ndarray(promoteArrays(a.dtype, o.t.dtype, 'torch'), rank, 'torch'), [], 'matmul', {
        other: o.at,
        rank,
      });
    },
    {
      fn: [
        recorded({
          params: { a: TT, b: TT },
          expr: `torch.${name}(a, b.transpose(-1, -2))`,
          samples: name === 'mm' ? [[F2x3, F2x3]] : [[H, H]],
        }),
      ],
      method: [
        recorded({
          params: { a: TT, b: TT },
          expr: `a.${name}(b.transpose(-1, -2))`,
          samples:
            name === 'mm'
              ? [
                  [F2x3, F2x3],
                  [H, H],
                ]
              : [[H, H]],
        }),
      ],
    },
  );

// ---- Creation ---------------------------------------------------------------------------------------

/** The leaf kind of a (nested) list of Python numbers, and its depth. */
function leafOf(t: Type): { leaf: Type; depth: number } {
  let depth = 0;
  while (t.kind === 'list') {
    t = t.item;
    depth++;
  }
  return { leaf: t, depth };
}

/** The dtype torch gives data of this leaf: Python floats are float32 (torch's default), ints int64. */
function dataDtype(leaf: Type): Dtype | undefined {
  if (leaf.kind === 'float') return 'float32';
  if (leaf.kind === 'int') return 'int64';
  if (leaf.kind === 'bool') return 'bool';
  return undefined;
}

/** A `dtype=` argument: the static dtype, the dtype value's place, or nothing. */
function dtypeKw(b: Bound | undefined): { at?: At; static?: Dtype } | { error: string } {
  if (!b || b.t.kind === 'none') return {};
  if (!isTorchDtype(b.t))
    return { error: `dtype must be a torch dtype such as torch.float32, not ${typeToString(b.t)}` };
  return { at: b.at, static: dtypeOf(b.t) };
}

for (const name of ['tensor', 'as_tensor', 'from_numpy'] as const)
  defineOp({
    id: `torch.${name}`,
    summary: `torch.${name}(data${name === 'from_numpy' ? '' : ', dtype=None, device=None'}): a tensor from numbers, nested lists or an array`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(
        `torch.${name}`,
        name === 'from_numpy' ? ['data'] : ['data', 'dtype', 'device', 'requires_grad'],
        args,
        kw,
        consts,
        kwConsts,
      );
      if (err(b)) return b;
      const x = b.get('data');
      if (!x) return { error: `torch.${name} needs data` };
      const d = dtypeKw(b.get('dtype'));
      if (err(d)) return d;
      if (name === 'from_numpy' && !(isArr(x.t) && x.t.flavor === 'numpy'))
        return { error: 'torch.from_numpy takes a numpy array' };
      if (isArr(x.t))
        return ok(`torch.${name}`, T.ndarray(d.at ? d.static : x.t.dtype, x.t.rank, 'torch'), args, 'array', {
          data: x.at,
          dtype: d.at,
        });
      const { leaf, depth } = leafOf(x.t);
      const own = dataDtype(leaf);
      if (own === undefined || depth > 3)
        return {
          error: `torch.${name} takes a number or a list (up to three levels deep) of numbers here, not ${typeToString(x.t)}`,
        };
      return ok(`torch.${name}`, T.ndarray(d.at ? d.static : own, depth, 'torch'), args, 'data', {
        data: x.at,
        dtype: d.at,
        own,
      });
    },
    tests:
      name === 'from_numpy'
        ? [recorded({ params: { t: TT }, expr: 'torch.from_numpy(t.numpy() * 2)', samples: [[F2x3], [I2x3]] })]
        : [
            recorded({ params: { xs: 'list[float]' }, expr: `torch.${name}(xs)`, samples: [[[0.5, -1.25]], [[]]] }),
            recorded({
              params: { xs: 'list[list[list[float]]]' },
              expr: `torch.${name}(xs).sum(1)`,
              samples: [
                [
                  [
                    [
                      [1, 2],
                      [3, 4.5],
                    ],
                  ],
                ],
                [[[[0.5]], [[1.5]]]],
              ],
            }),
            recorded({
              params: { xs: 'list[list[int]]' },
              expr: `torch.${name}(xs)`,
              samples: [
                [
                  [
                    [1, 2],
                    [3, 4],
                  ],
                ],
                [[[1], [2, 3]]],
              ],
            }),
            recorded({
              params: { xs: 'list[int]' },
              expr: `torch.${name}(xs, dtype=torch.float32)`,
              samples: [[[1, 2, 3]]],
            }),
            recorded({ params: { x: 'float' }, expr: `torch.${name}(x) * 2`, samples: [[1.5]] }),
            recorded({ params: { t: TT }, expr: `torch.${name}(t.numpy(), dtype=torch.long)`, samples: [[F2x3]] }),
          ],
  });

/** A size given as ints or one tuple/list (`zeros(2, 3)`, `zeros((2, 3))`). */
function sizeArg(bs: Bound[]): ReturnType<typeof shapeArg> {
  if (bs.length === 0) return { error: 'pass a size' };
  return shapeArg(bs);
}

for (const [name, fill] of [
  ['zeros', '0'],
  ['ones', '1'],
] as const)
  defineOp({
    id: `torch.${name}`,
    summary: `torch.${name}(*size, dtype=torch.float32, device=None)`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(
        `torch.${name}`,
        ['s0', 's1', 's2', 's3', 'dtype', 'device', 'requires_grad'],
        args,
        kw,
        consts,
        kwConsts,
      );
      if (err(b)) return b;
      const s = sizeArg(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'].flatMap((k) => (b.has(k) ? [b.get(k)!] : [])));
      if (err(s)) return s;
      const d = dtypeKw(b.get('dtype'));
      if (err(d)) return d;
      return ok(`torch.${name}`, T.ndarray(d.at ? d.static : 'float32', s.rank, 'torch'), args, 'filled', {
        ...s.detail,
        fill,
        dtype: d.at,
      });
    },
    tests: [
      recorded({ params: { n: 'int' }, expr: `torch.${name}(2, n)`, samples: [[3], [0]] }),
      recorded({ params: { n: 'int' }, expr: `torch.${name}((n,), dtype=torch.long)`, samples: [[2]] }),
      recorded({ params: { t: TT }, expr: `torch.${name}(t.shape, dtype=t.dtype)`, samples: [[I2x3], [F3]] }),
    ],
  });

defineOp({
  id: 'torch.full',
  summary: 'torch.full(size, fill_value, dtype=None): the dtype follows the fill value (float32 for a float)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'torch.full',
      ['size', 'fill_value', 'dtype', 'device', 'requires_grad'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    const size = b.get('size');
    const v = b.get('fill_value');
    if (!size || !v || !isScalar(v.t)) return { error: 'torch.full takes a size and a number' };
    const s = shapeArg([size]);
    if (err(s)) return s;
    const d = dtypeKw(b.get('dtype'));
    if (err(d)) return d;
    return ok('torch.full', T.ndarray(d.at ? d.static : dataDtype(v.t), s.rank, 'torch'), args, 'filled', {
      ...s.detail,
      value: v.at,
      valueKind: v.t.kind,
      dtype: d.at,
      own: dataDtype(v.t),
    });
  },
  tests: [
    recorded({ params: { n: 'int' }, expr: 'torch.full((2, n), -1)', samples: [[2]] }),
    recorded({ params: { x: 'float' }, expr: 'torch.full([3], x)', samples: [[0.25], [{ float: '-inf' }]] }),
    recorded({ params: { x: 'int' }, expr: 'torch.full((2,), x, dtype=torch.float64)', samples: [[3]] }),
    recorded({ params: {}, expr: 'torch.full((1, 2), True)', samples: [[]] }),
  ],
});

for (const [name, fill] of [
  ['zeros_like', '0'],
  ['ones_like', '1'],
  ['full_like', undefined],
] as const)
  defineOp({
    id: `torch.${name}`,
    summary: `torch.${name}(input${fill === undefined ? ', fill_value' : ''}, dtype=None): the input's shape (and dtype)`,
    resolve: (args, kw, consts, kwConsts) => {
      const names = fill === undefined ? ['input', 'fill_value', 'dtype', 'device'] : ['input', 'dtype', 'device'];
      const b = bindArgs(`torch.${name}`, names, args, kw, consts, kwConsts);
      if (err(b)) return b;
      const a = b.get('input');
      if (!a || !isArr(a.t)) return { error: `torch.${name} needs a tensor` };
      const v = b.get('fill_value');
      if (fill === undefined && (!v || !isScalar(v.t))) return { error: 'torch.full_like takes a number to fill with' };
      const d = dtypeKw(b.get('dtype'));
      if (err(d)) return d;
      return ok(`torch.${name}`, T.ndarray(d.at ? d.static : a.t.dtype, a.t.rank, 'torch'), args, 'like', {
        input: a.at,
        fillAt: v?.at,
        fill,
        valueKind: v?.t.kind ?? 'int',
        dtype: d.at,
      });
    },
    tests: [
      recorded({
        params: { t: TT },
        expr: fill === undefined ? `torch.${name}(t, 7)` : `torch.${name}(t)`,
        samples: [[F2x3], [I2x3]],
      }),
      recorded({
        params: { t: TT },
        expr: fill === undefined ? `torch.${name}(t, 0.5, dtype=torch.float64)` : `torch.${name}(t, dtype=torch.bool)`,
        samples: [[M]],
      }),
    ],
  });

// `t.new_zeros(size)` and friends: a new tensor with t's dtype unless `dtype=` says otherwise.
for (const [name, fill] of [
  ['new_zeros', '0'],
  ['new_ones', '1'],
  ['new_full', undefined],
] as const)
  tmethod(
    name,
    `t.${name}(size${fill === undefined ? ', fill_value' : ''}, dtype=None): a new tensor with t's dtype`,
    fill === undefined ? ['size', 'fill_value', 'dtype', 'device'] : ['s0', 's1', 's2', 's3', 'dtype', 'device'],
    (b, a) => {
      const sizes =
        fill === undefined
          ? b.has('size')
            ? [b.get('size')!]
            : []
          : ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'].flatMap((k) => (b.has(k) ? [b.get(k)!] : []));
      const s = sizeArg(sizes);
      if (err(s)) return s;
      const v = b.get('fill_value');
      if (fill === undefined && (!v || !isScalar(v.t))) return { error: 'new_full takes a size and a number' };
      const d = dtypeKw(b.get('dtype'));
      if (err(d)) return d;
      return ok('', T.ndarray(d.at ? d.static : a.dtype, s.rank, 'torch'), [], 'like', {
        ...s.detail,
        fillAt: v?.at,
        fill,
        valueKind: v?.t.kind ?? 'int',
        dtype: d.at,
      });
    },
    [
      recorded({
        params: { t: TT },
        expr: fill === undefined ? `t.${name}((2, 2), 3)` : `t.${name}(2, 3)`,
        samples: [[F2x3], [I2x3]],
      }),
      recorded({
        params: { t: TT },
        expr: fill === undefined ? `t.${name}([1], 0.5, dtype=torch.float64)` : `t.${name}((3,), dtype=torch.bool)`,
        samples: [[M]],
      }),
    ],
  );

defineOp({
  id: 'torch.eye',
  summary: 'torch.eye(n, m=None, dtype=torch.float32)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.eye', ['n', 'm', 'dtype', 'device'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const n = intArg(b.get('n'), 'n');
    if (err(n)) return n;
    const m = intArg(b.get('m'), 'm');
    if (err(m)) return m;
    if (n === undefined) return { error: 'torch.eye needs n' };
    const d = dtypeKw(b.get('dtype'));
    if (err(d)) return d;
    return ok('torch.eye', T.ndarray(d.at ? d.static : 'float32', 2, 'torch'), args, 'eye', { n, m, dtype: d.at });
  },
  tests: [
    recorded({ params: { n: 'int' }, expr: 'torch.eye(n)', samples: [[3], [0], [-1]] }),
    recorded({ params: { n: 'int' }, expr: 'torch.eye(n, 2, dtype=torch.long)', samples: [[3]] }),
  ],
});

defineOp({
  id: 'torch.stack',
  summary: 'torch.stack(tensors, dim=0): joined along a new dim, with torch promotion',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.stack', ['tensors', 'dim'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const ts = b.get('tensors');
    if (!ts) return { error: 'torch.stack needs a list or tuple of tensors' };
    const l = arrayList(ts);
    if (err(l)) return l;
    const d = intArg(b.get('dim'), 'dim');
    if (err(d)) return d;
    const items = ts.t.kind === 'tuple' ? (ts.t.items as Arr[]) : [l.item];
    const dtype = items.slice(1).reduce((x, y) => promoteArrays(x, y.dtype, 'torch'), items[0]!.dtype);
    const rank = l.item.rank === undefined ? undefined : l.item.rank + 1;
    return ok('torch.stack', T.ndarray(dtype, rank, 'torch'), args, 'stack', { ...l.detail, dim: d ?? 'default' });
  },
  tests: [
    recorded({
      params: { a: TT, b: TT },
      expr: 'torch.stack([a, b])',
      samples: [
        [F2x3, F2x3],
        [F3, nd('int64', [3], [1, 2, 3])],
      ],
    }),
    recorded({
      params: { a: TT, b: TT },
      expr: 'torch.stack((a, b), dim=-1)',
      samples: [
        [F2x3, F2x3],
        [F3, F2x3],
      ],
    }),
  ],
});

defineOp({
  id: 'torch.einsum',
  summary: 'torch.einsum(equation, *operands): explicit or implicit subscripts, no ellipsis',
  resolve: (args, _kw, consts) => {
    const [eq, ...ops] = args;
    const c = consts?.[0];
    if (eq?.kind !== 'str' || c?.kind !== 'str') return { error: 'the einsum equation must be a literal string' };
    let operands: Type[] = ops;
    let listForm = false;
    if (ops.length === 1 && (ops[0]!.kind === 'list' || ops[0]!.kind === 'tuple')) {
      const t = ops[0]!;
      operands = t.kind === 'list' ? [t.item] : t.items;
      listForm = true;
    }
    if (operands.length === 0 || !operands.every(isArr)) return { error: 'einsum takes tensors after the equation' };
    const eqText = c.value.replace(/\s+/g, '');
    if (eqText.includes('.'))
      return { error: "einsum with an ellipsis ('...') is not supported; name every dimension" };
    const [lhs, rhs] = eqText.split('->');
    const terms = lhs!.split(',');
    if (!listForm && terms.length !== operands.length)
      return { error: `the equation names ${terms.length} operands but ${operands.length} were passed` };
    if (!/^[A-Za-z,]*$/.test(lhs!) || (rhs !== undefined && !/^[A-Za-z]*$/.test(rhs)))
      return { error: 'einsum subscripts must be letters' };
    const dts = new Set((operands as Arr[]).map((a) => a.dtype));
    if (dts.size > 1 && !dts.has(undefined))
      return {
        error: `einsum needs one dtype for all operands (torch raises), not ${[...dts].join(' and ')}; convert with .to()`,
      };
    const once = [...new Set(terms.join(''))].filter((ch) => terms.join('').split(ch).length === 2);
    const outRank = rhs !== undefined ? rhs.length : once.length;
    return ok(
      'torch.einsum',
      T.ndarray((operands[0] as Arr).dtype, outRank, 'torch'),
      args,
      'einsum',
      listForm ? { arrays: '1', ...(ops[0]!.kind === 'tuple' && { tuple: operands.length }) } : { n: ops.length },
    );
  },
  tests: [
    recorded({ params: { h: TT, m: TT }, expr: 'torch.einsum("bsh,bs->bh", h, m.float())', samples: [[H, M]] }),
    recorded({ params: { a: TT, b: TT }, expr: 'torch.einsum("bd,cd->bc", a, b)', samples: [[F2x3, F2x3]] }),
    recorded({ params: { a: TT }, expr: 'torch.einsum("i,i->", a, a)', samples: [[F3]] }),
    recorded({
      params: { a: TT, b: TT },
      expr: 'torch.einsum("bij,bjk->bik", a, b)',
      samples: [[H, nd('float32', [2, 2, 1], [1, 0, 0.5, 2])]],
    }),
    recorded({ params: { a: TT }, expr: 'torch.einsum("ij->ji", a)', samples: [[I2x3]] }),
    recorded({
      params: { a: TT, b: TT },
      expr: 'torch.einsum("ij,jk", [a, b])',
      samples: [[F2x3, nd('float32', [3, 1], [1, 2, 3])]],
    }),
    recorded({ params: { a: TT, b: TT }, expr: 'torch.einsum("ij,jk->ik", a, b)', samples: [[F2x3, F2x3]] }),
  ],
});

defineOp({
  id: 'torch.nn.functional.cosine_similarity',
  summary: 'F.cosine_similarity(x1, x2, dim=1, eps=1e-8): with broadcasting, each side normalised then summed',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('F.cosine_similarity', ['x1', 'x2', 'dim', 'eps'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const [x1, x2] = [b.get('x1'), b.get('x2')];
    if (!x1 || !x2 || !isArr(x1.t) || !isArr(x2.t)) return { error: 'F.cosine_similarity takes two tensors' };
    for (const x of [x1.t, x2.t]) {
      const bad = floatTensor(x, 'cosine_similarity');
      if (bad) return bad;
    }
    const d = intArg(b.get('dim'), 'dim');
    if (err(d)) return d;
    const eps = b.get('eps');
    if (eps && eps.t.kind !== 'float' && eps.t.kind !== 'int') return { error: 'eps must be a number' };
    const r = bcastRank(x1.t, x2.t);
    return ok(
      'torch.nn.functional.cosine_similarity',
      T.ndarray(
        promoteArrays(x1.t.dtype, x2.t.dtype, 'torch'),
        r === undefined ? undefined : Math.max(r - 1, 0),
        'torch',
      ),
      args,
      'cosine',
      { x1: x1.at, x2: x2.at, dim: d, eps: eps?.at, epsInt: eps?.t.kind === 'int' },
    );
  },
  tests: [
    recorded({
      params: { a: TT, b: TT },
      expr: 'F.cosine_similarity(a, b)',
      samples: [[F2x3, nd('float32', [2, 3], [1, 0, 0, 0, 0, 0])]],
    }),
    recorded({
      params: { a: TT, b: TT },
      expr: 'F.cosine_similarity(a.unsqueeze(1), b.unsqueeze(0), dim=-1)',
      samples: [[F2x3, nd('float32', [3, 3], [1, 0, 0, 0, 2, 0, 1, 1, 1])]],
    }),
    recorded({ params: { a: TT, b: TT }, expr: 'F.cosine_similarity(a, b, dim=0, eps=0.5)', samples: [[F3, F3]] }),
  ],
});

defineOp({
  id: 'torch.nn.functional.one_hot',
  summary: 'F.one_hot(t, num_classes=-1): an int64 tensor one rank higher, 1 at each index (-1: the largest index + 1)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('F.one_hot', ['tensor', 'num_classes'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const x = b.get('tensor');
    if (!x || !isArr(x.t)) return { error: 'F.one_hot takes a tensor of class indices' };
    if (x.t.dtype !== undefined && x.t.dtype !== 'int64')
      return { error: 'one_hot is only applicable to index tensor of type LongTensor' };
    const n = intArg(b.get('num_classes'), 'num_classes');
    if (err(n)) return n;
    return ok(
      'torch.nn.functional.one_hot',
      T.ndarray('int64', x.t.rank === undefined ? undefined : x.t.rank + 1, 'torch'),
      args,
      'one_hot',
      { input: x.at, n },
    );
  },
  tests: [
    recorded({
      params: { t: TT },
      expr: 'F.one_hot(t, num_classes=4)',
      samples: [[nd('int64', [3], [0, 3, 1])], [nd('int64', [2, 2], [1, 0, 2, 2])], [nd('int64', [1], [4])]],
    }),
    recorded({
      params: { t: TT },
      expr: 'F.one_hot(t).float().sum(0)',
      samples: [[nd('int64', [4], [2, 0, 2, 1])], [nd('int64', [0], [])], [nd('int64', [2], [-1, 0])]],
    }),
  ],
});

defineOp({
  id: 'torch.nn.functional.pad',
  summary: 'F.pad(t, pad, mode="constant", value=0): (before, after) pairs from the last dim; negative crops',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('F.pad', ['input', 'pad', 'mode', 'value'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = b.get('input');
    const p = b.get('pad');
    if (!a || !isArr(a.t) || !p) return { error: 'F.pad takes a tensor and the padding' };
    const pd = dimsArg([p]);
    if (err(pd)) return { error: 'pad must be a tuple or list of ints' };
    const mode = b.get('mode');
    if (mode && !(mode.c?.kind === 'str' && mode.c.value === 'constant'))
      return { error: 'only mode="constant" is supported (reflect, replicate and circular padding are not)' };
    const v = b.get('value');
    if (v && v.t.kind !== 'none' && !isScalar(v.t)) return { error: 'value must be a number' };
    return ok('torch.nn.functional.pad', a.t, args, 'pad', {
      input: a.at,
      dims: pd.dims,
      form: pd.form,
      value: v && v.t.kind !== 'none' ? v.at : undefined,
      valueInt: v?.t.kind === 'int' || v?.t.kind === 'bool',
    });
  },
  tests: [
    recorded({ params: { t: TT }, expr: 'F.pad(t, (1, 2))', samples: [[F2x3], [I2x3]] }),
    recorded({ params: { t: TT }, expr: 'F.pad(t, [0, 0, 1, 0], value=-1.0)', samples: [[F2x3], [M]] }),
    recorded({ params: { t: TT }, expr: 'F.pad(t, (-1, 1))', samples: [[F3]] }),
    recorded({ params: { t: TT }, expr: 'F.pad(t, (1,))', samples: [[F3], [F2x3]] }),
  ],
});

// ---- Spellings -------------------------------------------------------------------------------------

const input = (c: OpChoice): string => borrow(c.detail!.input as At);
/** An optional `dim` recorded as `detail.dim`: `Some(dim)` or `None`. */
const optDim = (c: OpChoice): string => (c.detail!.dim === undefined ? 'None' : `Some(${own(c.detail!.dim as At)})`);
const optAt = (c: OpChoice, key: string): string => {
  const at = c.detail![key] as At | undefined;
  return at === undefined || at === 'none' ? 'None' : `Some(${own(at)})`;
};
/** A `dtype=` value, or the dtype the data gives when absent. */
const dtypeCode = (c: OpChoice, dflt: string): string => {
  const at = c.detail!.dtype as At | undefined;
  return at === undefined ? dflt : own(at);
};
const DTYPE_OF_KIND: Record<string, string> = {
  float: RUST_DTYPE.float32,
  int: RUST_DTYPE.int64,
  bool: RUST_DTYPE.bool,
};
/** A fill value as f64 (ints and bools converted). */
const fillF64 = (c: OpChoice): string => {
  const lit = c.detail!.fill as string | undefined;
  if (lit !== undefined) return `${lit}.0`;
  const v = c.detail!.fillAt as At;
  return c.detail!.valueKind === 'float' ? own(v) : `(${own(v)} as i64 as f64)`;
};
/** The (correction) of std/var: `correction=`, else 0 when `unbiased=False`, else 1. */
const correction = (c: OpChoice): string => {
  if (c.detail!.corr !== undefined) return own(c.detail!.corr as At);
  if (c.detail!.unbiased !== undefined) return `(if ${own(c.detail!.unbiased as At)} { 1 } else { 0 })`;
  return '1';
};

defineSpellings({
  ...Object.fromEntries(DTYPE_NAMES.map(([name, d]) => [`torch.${name}`, { dtype: () => RUST_DTYPE[d] }])),
  'torch.Tensor.dtype': { dtype: () => '{&0}.dtype()' },
  'operator.eq': { torch_dtype: () => '({0} == {1})' },
  'operator.ne': { torch_dtype: () => '({0} != {1})' },
  ...Object.fromEntries(
    ['to', 'type_as'].map((name) => [
      `torch.Tensor.${name}`,
      {
        same: () => '{0}',
        convert: (c: OpChoice) => {
          const at = c.detail!.target as At;
          return `{&0}.astype(${c.detail!.from === 'tensor' ? `${borrow(at)}.dtype()` : own(at)})?`;
        },
      },
    ]),
  ),
  'torch.Tensor.is_floating_point': {
    static: (c) => String(c.detail!.value === true),
    runtime: () => '{&0}.dtype().is_float()',
  },
  'torch.Tensor.ndim': { ndim: () => '({&0}.ndim() as i64)' },
  'torch.Tensor.numel': { numel: () => '({&0}.size() as i64)' },
  'torch.Tensor.nelement': { numel: () => '({&0}.size() as i64)' },
  'torch.Tensor.view': { reshape: (c) => `nd::treshape({&0}, ${shapeCode(c)})?` },
  'torch.Tensor.view_as': { reshape: (c) => `nd::treshape({&0}, &${borrow(c.detail!.other as At)}.shape_i64())?` },
  'torch.Tensor.reshape_as': { reshape: (c) => `nd::treshape({&0}, &${borrow(c.detail!.other as At)}.shape_i64())?` },
  'torch.Tensor.expand_as': { expand: (c) => `nd::expand({&0}, &${borrow(c.detail!.other as At)}.shape_i64())?` },
  'torch.Tensor.permute': { permute: (c) => `nd::permute({&0}, ${dimsCode(c)})?` },
  'torch.Tensor.flip': { flip: (c) => `nd::tflip(${input(c)}, ${dimsCode(c)})?` },
  'torch.flip': { flip: (c) => `nd::tflip(${input(c)}, ${dimsCode(c)})?` },
  'torch.linspace': {
    linspace: (c) =>
      `nd::tlinspace(${own(c.detail!.s as At)} as f64, ${own(c.detail!.e as At)} as f64, ${own(c.detail!.n as At)})?`,
  },

  ...Object.fromEntries(
    ['torch.diag', 'torch.Tensor.diag'].map((id) => [
      id,
      { diag: (c: OpChoice) => `nd::diag(${input(c)}, ${ownedOr(c, 'k', '0')})?` },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.nan_to_num', 'torch.Tensor.nan_to_num'].map((id) => [
      id,
      {
        nan_to_num: (c: OpChoice) => {
          const opt = (k: string): string =>
            c.detail![k] === undefined ? 'None' : `Some(${own(c.detail![k] as At)} as f64)`;
          return `nd::tnan_to_num(${input(c)}, ${opt('nan')}, ${opt('posinf')}, ${opt('neginf')})?`;
        },
      },
    ]),
  ),

  ...Object.fromEntries(
    ['torch.logsumexp', 'torch.Tensor.logsumexp'].map((id) => [
      id,
      {
        logsumexp: (c: OpChoice) =>
          `nd::tlogsumexp(${input(c)}, ${own(c.detail!.dim as At)}, ${ownedOr(c, 'keep', 'false')})?`,
      },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.masked_select', 'torch.Tensor.masked_select'].map((id) => [
      id,
      { masked_select: (c: OpChoice) => `nd::tmasked_select(${input(c)}, ${borrow(c.detail!.mask as At)})?` },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.count_nonzero', 'torch.Tensor.count_nonzero'].map((id) => [
      id,
      { count_nonzero: (c: OpChoice) => `nd::tcount_nonzero(${input(c)}, ${optDim(c)})?` },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.equal', 'torch.Tensor.equal'].map((id) => [
      id,
      { equal: (c: OpChoice) => `nd::tequal(${input(c)}, ${borrow(c.detail!.other as At)})?` },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.allclose', 'torch.Tensor.allclose'].map((id) => [
      id,
      {
        allclose: (c: OpChoice) => {
          const num = (k: string, dflt: string): string =>
            c.detail![k] === undefined ? dflt : `(${own(c.detail![k] as At)} as f64)`;
          return `nd::allclose(${input(c)}.clone(), ${borrow(c.detail!.other as At)}.clone(), ${num('rtol', '1e-05')}, ${num('atol', '1e-08')}, ${ownedOr(c, 'nan', 'false')})?`;
        },
      },
    ]),
  ),

  'torch.nn.functional.dropout': { identity: (c) => `${input(c)}.clone()` },
  'torch.Tensor.repeat': { repeat: (c) => `nd::trepeat({&0}, ${dimsCode(c)})?` },
  ...Object.fromEntries(
    ['torch.repeat_interleave', 'torch.Tensor.repeat_interleave'].map((id) => [
      id,
      {
        repeat_interleave: (c: OpChoice) =>
          `nd::trepeat_interleave(${input(c)}, ${own(c.detail!.repeats as At)}, ${optDim(c)})?`,
      },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.roll', 'torch.Tensor.roll'].map((id) => [
      id,
      { roll: (c: OpChoice) => `nd::troll(${input(c)}, ${own(c.detail!.shifts as At)}, ${optDim(c)})?` },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.narrow', 'torch.Tensor.narrow'].map((id) => [
      id,
      {
        narrow: (c: OpChoice) =>
          `nd::tnarrow(${input(c)}, ${own(c.detail!.dim as At)}, ${own(c.detail!.start as At)}, ${own(c.detail!.length as At)})?`,
      },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.index_select', 'torch.Tensor.index_select'].map((id) => [
      id,
      {
        index_select: (c: OpChoice) =>
          `nd::tindex_select(${input(c)}, ${own(c.detail!.dim as At)}, ${borrow(c.detail!.index as At)})?`,
      },
    ]),
  ),

  ...Object.fromEntries(
    ['torch.chunk', 'torch.Tensor.chunk'].map((id) => [
      id,
      {
        chunk: (c: OpChoice) => `rt::VarTuple(nd::tchunk(${input(c)}, ${own(c.detail!.chunks as At)}, ${dimCode(c)})?)`,
      },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.split', 'torch.Tensor.split'].map((id) => [
      id,
      {
        split: (c: OpChoice) => `rt::VarTuple(nd::tsplit(${input(c)}, ${own(c.detail!.size as At)}, ${dimCode(c)})?)`,
        split_sizes: (c: OpChoice) => `rt::VarTuple(nd::tsplit_sizes(${input(c)}, ${dimsCode(c)}, ${dimCode(c)})?)`,
      },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.unbind', 'torch.Tensor.unbind'].map((id) => [
      id,
      { unbind: (c: OpChoice) => `rt::VarTuple(nd::tunbind(${input(c)}, ${dimCode(c)})?)` },
    ]),
  ),
  ...Object.fromEntries(
    TORCH_UFUNCS.flatMap(([name]) => {
      const spell = { ufunc: (c: OpChoice) => `nd::tufunc(nd::UFunc::${c.detail!.fn as string}, ${input(c)})?` };
      return [
        [`torch.${name}`, spell],
        [`torch.Tensor.${name}`, spell],
      ];
    }),
  ),
  ...Object.fromEntries(
    ['silu', 'softplus', 'leaky_relu', 'elu', 'mish'].map((name) => [
      `torch.nn.functional.${name}`,
      {
        activation: (c: OpChoice) => {
          const d = c.detail!;
          const num = (k: string | undefined, dflt: string): string =>
            k === undefined ? dflt : `(${ownedOr(c, k, dflt)} as f64)`;
          const [p, q] =
            d.kind === 'Softplus'
              ? [num('beta', '1.0'), num('threshold', '20.0')]
              : d.kind === 'LeakyRelu'
                ? [num('negative_slope', '0.01'), '0.0']
                : d.kind === 'Elu'
                  ? [num('alpha', '1.0'), '0.0']
                  : ['0.0', '0.0'];
          return `nd::activation(nd::Activation::${d.kind as string}, ${input(c)}, ${p}, ${q})?`;
        },
      },
    ]),
  ),
  'torch.Tensor.t': { t: () => 'nd::t2({&0})?' },
  ...Object.fromEntries(
    ['torch.flatten', 'torch.Tensor.flatten'].map((id) => [
      id,
      {
        flatten: (c: OpChoice) => `nd::flatten(${input(c)}, ${ownedOr(c, 'start', '0')}, ${ownedOr(c, 'end', '-1')})?`,
      },
    ]),
  ),
  'torch.Tensor.unflatten': { unflatten: (c) => `nd::unflatten({&0}, ${own(c.detail!.dim as At)}, ${dimsCode(c)})?` },
  ...Object.fromEntries(
    (
      [
        ['prod', 'Prod'],
        ['any', 'Any'],
        ['all', 'All'],
      ] as const
    ).flatMap(([name, fold]) => {
      const spell = {
        fold: (c: OpChoice) =>
          `nd::tfold(nd::Fold::${fold}, ${input(c)}, ${optAt(c, 'dim')}, ${ownedOr(c, 'keep', 'false')})?`,
      };
      return [
        [`torch.${name}`, spell],
        [`torch.Tensor.${name}`, spell],
      ];
    }),
  ),
  ...Object.fromEntries(
    (['std', 'var'] as const).flatMap((name) => {
      const spell = {
        [name]: (c: OpChoice) =>
          `nd::t${name}(${input(c)}, ${optAt(c, 'dim')}, ${correction(c)}, ${ownedOr(c, 'keep', 'false')})?`,
      };
      return [
        [`torch.${name}`, spell],
        [`torch.Tensor.${name}`, spell],
      ];
    }),
  ),
  ...Object.fromEntries(
    ['torch.norm', 'torch.Tensor.norm'].map((id) => [
      id,
      {
        norm: (c: OpChoice) => {
          const p = c.detail!.p as At | undefined;
          const pv = p === undefined ? '2.0' : c.detail!.pInt ? `(${own(p)} as f64)` : own(p);
          return `nd::tnorm(${input(c)}, ${pv}, ${optAt(c, 'dim')}, ${ownedOr(c, 'keep', 'false')})?`;
        },
      },
    ]),
  ),
  ...Object.fromEntries(
    ['abs', 'neg', 'exp', 'log', 'sqrt', 'tanh'].flatMap((name) => {
      const spell = { unary: (c: OpChoice) => `nd::tunary(nd::UnOp::${c.detail!.op as string}, ${input(c)})?` };
      return [
        [`torch.${name}`, spell],
        [`torch.Tensor.${name}`, spell],
      ];
    }),
  ),
  ...Object.fromEntries(
    ['torch.pow', 'torch.Tensor.pow'].map((id) => [
      id,
      {
        pow: (c: OpChoice) =>
          `nd::tbinary(nd::BinOp::Pow, ${input(c)}, ${c.detail!.arr ? borrow(c.detail!.exponent as At) : own(c.detail!.exponent as At)})?`,
      },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.relu', 'torch.Tensor.relu', 'torch.nn.functional.relu'].map((id) => [
      id,
      { relu: (c: OpChoice) => `nd::relu(${input(c)})?` },
    ]),
  ),
  'torch.nn.functional.gelu': { gelu: (c) => `nd::gelu(${input(c)}, ${String(c.detail!.tanh === true)})?` },
  'torch.nn.functional.sigmoid': { sigmoid: () => 'nd::tunary(nd::UnOp::Sigmoid, {&0})?' },
  ...Object.fromEntries(
    ['torch.log_softmax', 'torch.Tensor.log_softmax', 'torch.nn.functional.log_softmax'].map((id) => [
      id,
      {
        log_softmax: (c: OpChoice) => {
          const d = c.detail!.dim as At;
          return `nd::log_softmax(${input(c)}, ${d === 'default' ? '-1' : own(d)})?`;
        },
      },
    ]),
  ),
  ...Object.fromEntries(
    ['torch.clip', 'torch.Tensor.clip'].map((id) => [
      id,
      {
        clip: (c: OpChoice) => {
          // min/max applied in turn with torch's promotion, as clamp does.
          let x = `${input(c)}.clone()`;
          const lo = c.detail!.lo as At | undefined;
          const hi = c.detail!.hi as At | undefined;
          if (lo !== undefined) x = `nd::tbinary(nd::BinOp::Maximum, &${x}, ${own(lo)})?`;
          if (hi !== undefined) x = `nd::tbinary(nd::BinOp::Minimum, &${x}, ${own(hi)})?`;
          return x;
        },
      },
    ]),
  ),
  ...Object.fromEntries(
    ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'maximum', 'minimum'].flatMap((name) => {
      const spell = {
        binary: (c: OpChoice) =>
          `nd::tbinary(nd::BinOp::${c.detail!.op as string}, ${input(c)}, ${c.detail!.otherArr ? borrow(c.detail!.other as At) : own(c.detail!.other as At)})?`,
      };
      return [
        [`torch.${name}`, spell],
        [`torch.Tensor.${name}`, spell],
      ];
    }),
  ),
  ...Object.fromEntries(
    ['operator.and_', 'operator.or_', 'operator.xor'].map((id) => [
      id,
      { tensor_logic: (c: OpChoice) => `nd::logical(nd::Logic::${c.detail!.op as string}, {0}, {1})?` },
    ]),
  ),
  ...Object.fromEntries(
    ['round', 'floor', 'ceil', 'isnan', 'isinf', 'isfinite', 'nonzero', 'argsort', 'mm', 'bmm'].flatMap((name) => {
      const spell = {
        rounding: (c: OpChoice) => `nd::rounding(nd::Rounding::${c.detail!.op as string}, ${input(c)})?`,
        ...(name === 'round' && {
          round_decimals: (c: OpChoice) => `nd::round(${input(c)}, {${c.detail!.decimals as string}})?`,
        }),
        float_test: (c: OpChoice) => `nd::float_test(nd::FloatTest::${c.detail!.op as string}, ${input(c)})?`,
        nonzero: (c: OpChoice) => `nd::torch_nonzero(${input(c)})?`,
        nonzero_tuple: (c: OpChoice) =>
          `{ let __c = nd::torch_nonzero_columns(${input(c)})?; (${Array.from({ length: c.detail!.count as number }, (_, k) => `__c[${k}].clone()`).join(', ')},) }`,
        argsort: (c: OpChoice) => {
          const d = c.detail!.dim as At;
          return `nd::sort(${input(c)}, ${d === 'default' ? '-1' : own(d)}, ${ownedOr(c, 'desc', 'false')})?.1`;
        },
        matmul: (c: OpChoice) => `nd::mm(${input(c)}, ${borrow(c.detail!.other as At)}, ${c.detail!.rank as number})?`,
      };
      return [
        [`torch.${name}`, spell],
        [`torch.Tensor.${name}`, spell],
      ];
    }),
  ),
  ...Object.fromEntries(
    ['tensor', 'as_tensor', 'from_numpy'].map((name) => [
      `torch.${name}`,
      {
        array: (c: OpChoice) => {
          const x = `nd::array(${borrow(c.detail!.data as At)}, None)?`;
          const d = c.detail!.dtype as At | undefined;
          return d === undefined ? `nd::clone_tensor(&${x})?` : `${x}.astype(${own(d)})?`;
        },
        data: (c: OpChoice) => {
          const dflt = RUST_DTYPE[c.detail!.own as Dtype];
          return `nd::array(${own(c.detail!.data as At)}, Some(${dtypeCode(c, dflt)}))?`;
        },
      },
    ]),
  ),
  ...Object.fromEntries(
    ['zeros', 'ones'].map((name) => [
      `torch.${name}`,
      { filled: (c: OpChoice) => `nd::full(${shapeCode(c)}, ${fillF64(c)}, ${dtypeCode(c, RUST_DTYPE.float32)})?` },
    ]),
  ),
  'torch.full': {
    filled: (c) => {
      const dflt = DTYPE_OF_KIND[c.detail!.valueKind as string]!;
      return c.detail!.valueKind === 'float'
        ? `nd::full(${shapeCode(c)}, ${own(c.detail!.value as At)}, ${dtypeCode(c, dflt)})?`
        : `nd::full_int(${shapeCode(c)}, ${own(c.detail!.value as At)} as i64, ${dtypeCode(c, dflt)})?`;
    },
  },
  ...Object.fromEntries(
    ['zeros_like', 'ones_like', 'full_like'].map((name) => [
      `torch.${name}`,
      {
        like: (c: OpChoice) => {
          const d = dtypeCode(c, `${input(c)}.dtype()`);
          return c.detail!.valueKind === 'float'
            ? `nd::full(&${input(c)}.shape_i64(), ${fillF64(c)}, ${d})?`
            : `nd::full_int(&${input(c)}.shape_i64(), ${fillF64(c)} as i64, ${d})?`;
        },
      },
    ]),
  ),
  ...Object.fromEntries(
    ['new_zeros', 'new_ones', 'new_full'].map((name) => [
      `torch.Tensor.${name}`,
      {
        like: (c: OpChoice) => {
          const d = dtypeCode(c, '{&0}.dtype()');
          return c.detail!.valueKind === 'float'
            ? `nd::full(${shapeCode(c)}, ${fillF64(c)}, ${d})?`
            : `nd::full_int(${shapeCode(c)}, ${fillF64(c)} as i64, ${d})?`;
        },
      },
    ]),
  ),
  'torch.eye': {
    eye: (c) => `nd::torch_eye(${own(c.detail!.n as At)}, ${optAt(c, 'm')}, ${dtypeCode(c, RUST_DTYPE.float32)})?`,
  },
  'torch.stack': {
    stack: (c) => {
      const d = c.detail!.dim as At;
      return `nd::tstack(${arraysCode(c)}, ${d === 'default' ? '0' : own(d)})?`;
    },
  },
  'torch.einsum': {
    einsum: (c) => {
      const n = c.detail!.n as number | undefined;
      const ops =
        n === undefined ? arraysCode(c) : `&[${Array.from({ length: n }, (_, k) => `{${k + 1}}`).join(', ')}]`;
      return `nd::einsum(&{0}, ${ops})?`;
    },
  },
  'torch.nn.functional.one_hot': {
    one_hot: (c) => {
      const n = c.detail!.n as At | undefined;
      return `nd::one_hot(${borrow(c.detail!.input as At)}, ${n === undefined ? '-1' : own(n)})?`;
    },
  },
  'torch.nn.functional.cosine_similarity': {
    cosine: (c) => {
      const eps = c.detail!.eps as At | undefined;
      const e = eps === undefined ? '1e-8' : c.detail!.epsInt ? `(${own(eps)} as f64)` : own(eps);
      const d = c.detail!.dim as At | undefined;
      return `nd::cosine_similarity(${borrow(c.detail!.x1 as At)}, ${borrow(c.detail!.x2 as At)}, ${d === undefined ? '1' : own(d)}, ${e})?`;
    },
  },
  'torch.nn.functional.pad': {
    pad: (c) => {
      const v = c.detail!.value as At | undefined;
      const value = v === undefined ? '0.0' : c.detail!.valueInt ? `(${own(v)} as i64 as f64)` : own(v);
      return `nd::torch_pad(${input(c)}, ${dimsCode(c)}, ${value})?`;
    },
  },
});

// ---- Triangles ----------------------------------------------------------------------------------

// `torch.triu(t, diagonal=0)` / `t.triu(...)` and `tril`: numpy's np.triu/np.tril on the last two dims.
for (const [name, upper] of [
  ['triu', true],
  ['tril', false],
] as const) {
  tboth(
    name,
    'diagonal=0',
    ['diagonal'],
    (b, a) => {
      const k = intArg(b.get('diagonal'), 'diagonal');
      if (err(k)) return k;
      if (a.rank !== undefined && a.rank < 2)
        return { error: `${name}: input tensor must have at least 2 dimensions (torch raises RuntimeError)` };
      return { entry: '', overload: '', result: a, params: [], variant: 'tri', detail: { k, upper } };
    },
    {
      fn: [
        viaNumpy({
          params: { t: TT },
          expr: `torch.${name}(t)`,
          reference: `np.${name}(t)`,
          samples: [[F2x3], [I2x3]],
        }),
        viaNumpy({
          params: { t: TT },
          expr: `torch.${name}(t, diagonal=1)`,
          reference: `np.${name}(t, 1)`,
          samples: [[F2x3], [H]],
        }),
        viaNumpy({
          params: { t: TT },
          expr: `torch.${name}(t, -1)`,
          reference: `np.${name}(t, -1)`,
          samples: [[I2x3]],
        }),
      ],
      method: [viaNumpy({ params: { t: TT }, expr: `t.${name}(1)`, reference: `np.${name}(t, 1)`, samples: [[F2x3]] })],
    },
  );
}
defineSpellings(
  Object.fromEntries(
    ['triu', 'tril'].flatMap((name) => {
      const s = {
        tri: (c: OpChoice) => {
          const k = c.detail?.k as At | undefined;
          return `nd::tri_part(${input(c)}, ${k === undefined ? '0' : `{${k}}`}, ${c.detail!.upper ? 'true' : 'false'})?`;
        },
      };
      return [
        [`torch.${name}`, s],
        [`torch.Tensor.${name}`, s],
      ];
    }),
  ),
);
