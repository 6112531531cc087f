/**
 * torch as registry entries: the `torch.Tensor` methods and `torch.*` functions that pooling
 * and post-processing code uses (`unsqueeze`, `expand`, `sum(1)`, `clamp`, `F.normalize`,
 * `.numpy()`). Tensors are the same `nd::NdArray` as numpy arrays with flavor 'torch' in
 * their type; operators on them use torch's promotion (int / int is float32).
 *
 * Reference tests: CI has no torch, so each test either names a numpy `reference` that
 * CPython runs instead (where the semantics are the same) or carries `recorded` outcomes
 * from PyTorch (tools/tensor/record_torch.py writes torch.recorded.ts).
 */
import type { Dtype, Type } from '../../types/types';
import { T, typeToString } from '../../types/types';
import { dtypeKind, floatFor } from '../../types/dtypes';
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, extendOp, type OpTest, type ResolveResult } from '../registry';
import {
  arrayList,
  arrayRef,
  arraysCode,
  type At,
  axisCode,
  bindArgs,
  borrow,
  type Bound,
  clipResolve,
  flagArg,
  getitemResolve,
  isArr,
  matmulResolve,
  promote,
  bcastRank,
  nd,
  ok,
  own,
  promoteArrays,
  ownedOr,
  shapeArg,
  shapeCode,
  shapeResult,
  shiftAt,
  spellAstype,
  spellClip,
  spellGetitem,
  spellItem,
  spellShape,
  spellTolist,
  spellTranspose,
  tolistResolve,
} from './numpy';
import { RECORDED } from './torch.recorded';

export type Arr = Extract<Type, { kind: 'ndarray' }>;
export const err = (e: unknown): e is { error: string } => typeof e === 'object' && e !== null && 'error' in e;
export const TT = 'torch.Tensor';
/** A torch device as a value (`t.device`, `model.device`). */
export const TORCH_DEVICE: Type = T.opaque('torch.device', 'nd::TorchDevice');
const IMPORTS = ['import torch', 'import torch.nn.functional as F'];

/** A test CPython runs through a numpy `reference` expression instead of the torch snippet. */
export function viaNumpy(t: Omit<OpTest, 'imports'> & { reference: string }): OpTest {
  return { ...t, imports: IMPORTS };
}

/** The key of a recorded test in torch.recorded.ts. */
export function recordKey(t: Pick<OpTest, 'params' | 'expr' | 'body'>): string {
  return `${Object.entries(t.params)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} -> ${t.expr ?? t.body}`;
}

/** A test whose expected outcomes come from PyTorch, recorded once. */
export function recorded(t: Omit<OpTest, 'imports' | 'recorded'>): OpTest {
  return { ...t, imports: IMPORTS, recorded: RECORDED[recordKey(t)] ?? [] };
}

export const F2x3 = nd('float32', [2, 3], [1.0, -2.5, 3.0, 4.0, 0.5, -6.0]);
export const F3 = nd('float32', [3], [0.5, 2.0, -1.5]);
export const I2x3 = nd('int64', [2, 3], [7, -7, 3, 0, 5, -9]);
/** A (batch 2, tokens 3, hidden 2) output and its attention mask: the mean-pooling shapes. */
export const H = nd('float32', [2, 3, 2], [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]);
export const M = nd('int64', [2, 3], [1, 1, 0, 1, 0, 0]);
/** Values that overflow the narrow dtypes and lose precision in float16/bfloat16. */
export const NARROW_SRC = nd('float32', [5], [-1.7, 300.5, 70000.0, 0.1, -129.0]);

export function tmethod(
  name: string,
  summary: string,
  names: string[],
  body: (b: Map<string, Bound>, a: Arr) => ResolveResult,
  tests: OpTest[],
): void {
  const id = `torch.Tensor.${name}`;
  defineOp({
    id,
    summary,
    tests,
    resolve: (args, kw, consts, kwConsts) => {
      const a = args[0];
      if (!isArr(a)) return { error: `\`${name}\` is a tensor method` };
      const b = bindArgs(id, names, args.slice(1), kw, consts?.slice(1), kwConsts);
      if (err(b)) return b;
      for (const x of b.values()) x.at = shiftAt(x.at);
      const r = body(b, a);
      if ('error' in r) return r;
      return { ...r, entry: id, params: [a, ...args.slice(1)] };
    },
  });
}

defineOp({
  id: 'torch.Tensor.__getitem__',
  summary: 't[i], t[:, 0], t[None], slices with steps; a 0-d tensor when fully indexed',
  resolve: (args) => getitemResolve('torch.Tensor.__getitem__', args),
  tests: [
    viaNumpy({ params: { t: TT }, expr: 't[:, 0]', reference: 't[:, 0]', samples: [[F2x3], [H]] }),
    viaNumpy({ params: { t: TT }, expr: 't[1:, ::2]', reference: 't[1:, ::2]', samples: [[F2x3]] }),
  ],
});

tmethod(
  'unsqueeze',
  't.unsqueeze(dim)',
  ['dim'],
  (b, a) => {
    const d = b.get('dim');
    if (d?.t.kind !== 'int') return { error: 'unsqueeze needs an int dim' };
    return ok('', T.ndarray(a.dtype, a.rank === undefined ? undefined : a.rank + 1, 'torch'), [], 'unsqueeze', {
      dim: d.at,
    });
  },
  [
    viaNumpy({
      params: { t: TT },
      expr: 't.unsqueeze(-1)',
      reference: 'np.expand_dims(t, -1)',
      samples: [[F2x3], [M]],
    }),
    viaNumpy({ params: { t: TT }, expr: 't.unsqueeze(0)', reference: 'np.expand_dims(t, 0)', samples: [[F3]] }),
  ],
);

tmethod(
  'expand',
  't.expand(*sizes) or t.expand(t2.size()); -1 keeps a size',
  ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'],
  (b, a) => {
    const s = shapeArg([...b.values()]);
    if (err(s)) return s;
    return ok('', T.ndarray(a.dtype, s.rank, 'torch'), [], 'expand', s.detail);
  },
  [
    viaNumpy({
      params: { t: TT },
      expr: 't.expand(2, 3)',
      reference: 'np.broadcast_to(t, (2, 3))',
      samples: [[F3], [nd('float32', [2, 1], [1, 2])]],
    }),
    viaNumpy({
      params: { t: TT, h: TT },
      expr: 't.unsqueeze(-1).expand(h.size())',
      reference: 'np.broadcast_to(np.expand_dims(t, -1), h.shape)',
      samples: [[M, H]],
    }),
    recorded({ params: { t: TT }, expr: 't.expand(4, 3)', samples: [[F2x3]] }),
  ],
);

tmethod(
  'size',
  't.size() (a tuple when the rank is static, else a list) or t.size(dim)',
  ['dim'],
  (b, a) => {
    const d = b.get('dim');
    if (d) return d.t.kind === 'int' ? ok('', T.int, [], 'dim', { dim: d.at }) : { error: 'size(dim) needs an int' };
    return ok('', shapeResult(a), [], 'shape');
  },
  [
    viaNumpy({ params: { t: TT }, expr: 't.size()', reference: 'list(t.shape)', samples: [[F2x3]] }),
    viaNumpy({ params: { t: TT }, expr: 't.size(-1)', reference: 't.shape[-1]', samples: [[F2x3]] }),
  ],
);

defineOp({
  id: 'torch.Tensor.shape',
  summary: 't.shape (torch.Size as a tuple; a list when the rank is not static)',
  resolve: (args) => {
    if (!isArr(args[0]) || args.length !== 1) return { error: '`shape` is an attribute' };
    return ok('torch.Tensor.shape', shapeResult(args[0]), [args[0]], 'shape');
  },
  tests: [viaNumpy({ params: { t: TT }, expr: 't.shape[0]', reference: 't.shape[0]', samples: [[F2x3]] })],
});

tmethod('dim', 't.dim(): the rank', [], () => ok('', T.int, [], 'ndim'), [
  viaNumpy({ params: { t: TT }, expr: 't.dim()', reference: 't.ndim', samples: [[H]] }),
]);

/** The dtype conversions: the method's name and the dtype it gives. */
const ASTYPES = [
  ['float', 'float32'],
  ['double', 'float64'],
  ['long', 'int64'],
  ['bool', 'bool'],
  ['half', 'float16'],
  ['bfloat16', 'bfloat16'],
  ['int', 'int32'],
  ['short', 'int16'],
  ['char', 'int8'],
  ['byte', 'uint8'],
] as const;
for (const [name, d] of ASTYPES) {
  tmethod(
    name,
    `t.${name}(): a ${d} copy`,
    [],
    (_b, a) => ok('', T.ndarray(d as Dtype, a.rank, 'torch'), [], 'astype'),
    // numpy has the first four dtypes with torch's casts; the narrow ones are recorded from torch.
    ['float', 'double', 'long', 'bool'].includes(name)
      ? [
          viaNumpy({
            params: { t: TT },
            expr: `t.${name}()`,
            reference: `t.astype(np.${d === 'bool' ? 'bool_' : d})`,
            samples: [[M], [F2x3]],
          }),
        ]
      : [
          recorded({ params: { t: TT }, expr: `t.${name}()`, samples: [[M], [F2x3], [NARROW_SRC]] }),
          recorded({
            params: { t: TT },
            expr: `(t.${name}() * 3 + 100, str((t.${name}() + t.char()).dtype), str((t.${name}() / 2).dtype), str(t.${name}().sum().dtype), t.${name}().max(), str(t.${name}().dtype))`,
            samples: [[M], [NARROW_SRC]],
          }),
        ],
  );
}

function treduce(op: string, a: Arr, dim: Bound | undefined, keep: Bound | undefined): ResolveResult {
  // sum, mean, amax and amin also reduce over several dims at once (`dim=(0, 1)`).
  if (dim && (dim.t.kind === 'tuple' || dim.t.kind === 'list') && ['Sum', 'Mean', 'Max', 'Min'].includes(op)) {
    const items = dim.t.kind === 'tuple' ? dim.t.items : [dim.t.item];
    if (!items.every((x) => x.kind === 'int')) return { error: 'dim must be an int or a tuple of ints' };
    const k = flagArg(keep, 'keepdim');
    if (err(k)) return k;
    const keepConst = !keep ? false : keep.c?.kind === 'bool' ? keep.c.value : undefined;
    const rank =
      a.rank === undefined || keepConst === undefined || dim.t.kind === 'list'
        ? undefined
        : keepConst
          ? a.rank
          : a.rank - items.length;
    const dt = op === 'Sum' && a.dtype !== undefined && dtypeKind(a.dtype) < 2 ? 'int64' : a.dtype;
    return ok('', T.ndarray(dt, rank, 'torch'), [], 'reduce_dims', {
      dims: dim.at,
      dimsForm: dim.t.kind,
      keep: k,
    });
  }
  if (dim && dim.t.kind !== 'int' && dim.t.kind !== 'none')
    return { error: `dim must be an int, not ${typeToString(dim.t)}` };
  const axis = !dim || dim.t.kind === 'none' ? 'none' : dim.at;
  const k = flagArg(keep, 'keepdim');
  if (err(k)) return k;
  let dtype = a.dtype;
  if (op === 'Sum' && dtype === 'bool') dtype = 'int64';
  if (op === 'ArgMax' || op === 'ArgMin') dtype = 'int64';
  const keepConst = !keep ? false : keep.c?.kind === 'bool' ? keep.c.value : undefined;
  const rank =
    axis === 'none' && keepConst === false
      ? 0
      : a.rank === undefined || keepConst === undefined
        ? undefined
        : keepConst
          ? a.rank
          : a.rank - 1;
  return ok('', T.ndarray(dtype, rank, 'torch'), [], 'reduce', { axis, keep: k });
}

/** The reductions: torch's name and the ingot-tensor reduction. */
const REDUCTIONS = [
  ['sum', 'Sum'],
  ['mean', 'Mean'],
  ['argmax', 'ArgMax'],
  ['argmin', 'ArgMin'],
  ['amax', 'Max'],
  ['amin', 'Min'],
] as const;
for (const [name, op] of REDUCTIONS) {
  // numpy's arrays have max/min methods where torch has amax/amin.
  const npName = name === 'amax' ? 'max' : name === 'amin' ? 'min' : name;
  tmethod(
    name,
    `t.${name}(dim=None, keepdim=False)`,
    ['dim', 'keepdim'],
    (b, a) => treduce(op, a, b.get('dim'), b.get('keepdim')),
    [
      viaNumpy({ params: { t: TT }, expr: `t.${name}(1)`, reference: `t.${npName}(1)`, samples: [[F2x3], [H]] }),
      viaNumpy({
        params: { t: TT },
        expr: `t.${name}(dim=0, keepdim=True)`,
        reference: `t.${npName}(axis=0, keepdims=True)`,
        samples: [[F2x3]],
      }),
      viaNumpy({ params: { t: TT }, expr: `t.${name}()`, reference: `t.${npName}()`, samples: [[F2x3]] }),
      ...(name === 'mean'
        ? [recorded({ params: { t: TT }, expr: 't.mean(1)', samples: [[I2x3]] })]
        : [recorded({ params: { t: TT }, expr: `t.${name}(1)`, samples: [[I2x3]] })]),
    ],
  );
  defineOp({
    id: `torch.${name}`,
    summary: `torch.${name}(t, dim=None, keepdim=False)`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`torch.${name}`, ['input', 'dim', 'keepdim'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const a = b.get('input');
      if (!a || !isArr(a.t)) return { error: `torch.${name} needs a tensor` };
      const r = treduce(op, a.t, b.get('dim'), b.get('keepdim'));
      return 'error' in r
        ? r
        : { ...r, entry: `torch.${name}`, params: args, detail: { ...r.detail, a: a.at, convert: false } };
    },
    tests: [
      viaNumpy({
        params: { t: TT },
        expr: `torch.${name}(t, dim=1)`,
        reference: `np.${name}(t, axis=1)`,
        samples: [[F2x3], [H]],
      }),
    ],
  });
}

tmethod(
  'clamp',
  't.clamp(min=None, max=None)',
  ['min', 'max'],
  (b, a) => clipResolve('', a, b.get('min'), b.get('max'), { a: '0', convert: false }, 'torch', []),
  [
    viaNumpy({ params: { t: TT }, expr: 't.clamp(min=0.5)', reference: 'np.clip(t, 0.5, None)', samples: [[F2x3]] }),
    viaNumpy({ params: { t: TT }, expr: 't.clamp(-1.0, 1.0)', reference: 'np.clip(t, -1.0, 1.0)', samples: [[F2x3]] }),
    recorded({ params: { t: TT }, expr: 't.clamp(min=0.5)', samples: [[I2x3]] }),
  ],
);

// clamp_min / clamp_max: clamp with one bound.
for (const [name, bound] of [
  ['clamp_min', 'min'],
  ['clamp_max', 'max'],
] as const) {
  const pick = (b: Map<string, Bound>): [Bound | undefined, Bound | undefined] =>
    bound === 'min' ? [b.get(bound), undefined] : [undefined, b.get(bound)];
  tmethod(
    name,
    `t.${name}(${bound})`,
    [bound],
    (b, a) => {
      if (!b.get(bound)) return { error: `${name} takes the ${bound}` };
      return clipResolve('', a, ...pick(b), { a: '0', convert: false }, 'torch', []);
    },
    [recorded({ params: { t: TT }, expr: `t.${name}(0.5)`, samples: [[F2x3], [I2x3]] })],
  );
  defineOp({
    id: `torch.${name}`,
    summary: `torch.${name}(t, ${bound})`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`torch.${name}`, ['input', bound], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const a = b.get('input');
      if (!a || !isArr(a.t) || !b.get(bound)) return { error: `torch.${name} takes a tensor and the ${bound}` };
      return clipResolve(`torch.${name}`, a.t, ...pick(b), { a: a.at, convert: false }, 'torch', args);
    },
    tests: [recorded({ params: { t: TT }, expr: `torch.${name}(t, 1)`, samples: [[F2x3], [I2x3]] })],
  });
}

defineOp({
  id: 'torch.clamp',
  summary: 'torch.clamp(t, min=None, max=None)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.clamp', ['input', 'min', 'max'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = b.get('input');
    if (!a || !isArr(a.t)) return { error: 'torch.clamp needs a tensor' };
    return clipResolve('torch.clamp', a.t, b.get('min'), b.get('max'), { a: a.at, convert: false }, 'torch', args);
  },
  tests: [
    viaNumpy({
      params: { t: TT },
      expr: 'torch.clamp(t, min=1e-9)',
      reference: 'np.clip(t, 1e-9, None)',
      samples: [[F2x3]],
    }),
    viaNumpy({
      params: { t: TT },
      expr: 'torch.clamp(t, max=2.0)',
      reference: 'np.clip(t, None, 2.0)',
      samples: [[F2x3]],
    }),
  ],
});

defineOp({
  id: 'torch.nn.functional.normalize',
  summary: 'F.normalize(t, p=2.0, dim=1, eps=1e-12): t / max(‖t‖_p, eps) along dim',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('F.normalize', ['input', 'p', 'dim', 'eps'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = b.get('input');
    if (!a || !isArr(a.t)) return { error: 'F.normalize needs a tensor' };
    // `p` and `eps` are floats (an int is converted), `dim` an int.
    const num = (x: Bound | undefined, what: string, int = false): { error: string } | undefined => {
      if (!x || x.t.kind === 'int' || (x.t.kind === 'float' && !int)) return undefined;
      return { error: `${what} must be ${int ? 'an int' : 'a number'}` };
    };
    const [p, dim, eps] = [b.get('p'), b.get('dim'), b.get('eps')];
    const bad = num(p, 'p') ?? num(dim, 'dim', true) ?? num(eps, 'eps');
    if (bad) return bad;
    const dtype = a.t.dtype && floatFor(a.t.dtype, 'torch');
    return ok('torch.nn.functional.normalize', T.ndarray(dtype, a.t.rank, 'torch'), args, 'normalize', {
      input: a.at,
      p: p?.at,
      dim: dim?.at,
      eps: eps?.at,
      ints: [p, eps].filter((x) => x?.t.kind === 'int').map((x) => x!.at),
    });
  },
  tests: [
    recorded({
      params: { t: TT },
      expr: 'F.normalize(t, p=2, dim=1)',
      samples: [[F2x3], [nd('float32', [2, 2], [0, 0, 3, 4])]],
    }),
    recorded({ params: { t: TT }, expr: 'F.normalize(t, dim=-1)', samples: [[F3]] }),
    recorded({ params: { t: TT }, expr: 'torch.nn.functional.normalize(t, p=1.0, dim=0)', samples: [[F2x3]] }),
  ],
});

defineOp({
  id: 'torch.nn.functional.linear',
  summary: 'F.linear(input, weight, bias=None): input @ weight.T + bias (the weight read transposed in place)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('F.linear', ['input', 'weight', 'bias'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const [x, w, bias] = [b.get('input'), b.get('weight'), b.get('bias')];
    if (!x || !isArr(x.t) || !w || !isArr(w.t)) return { error: 'F.linear needs an input tensor and a weight tensor' };
    if (bias && bias.t.kind !== 'none' && !isArr(bias.t)) return { error: 'the bias must be a tensor or None' };
    const dts = [x.t.dtype, w.t.dtype, bias && isArr(bias.t) ? bias.t.dtype : undefined].filter((d) => d !== undefined);
    if (dts.some((d) => d !== 'float32' && d !== 'float64'))
      return { error: 'F.linear needs float tensors (torch has no integer linear on the CPU)' };
    if (new Set(dts).size > 1)
      return { error: `F.linear needs one dtype for input, weight and bias, not ${[...new Set(dts)].join(' and ')}` };
    if (w.t.rank !== undefined && w.t.rank !== 1 && w.t.rank !== 2) return { error: 'the weight must be 1-D or 2-D' };
    const rank =
      x.t.rank === undefined || w.t.rank === undefined ? undefined : w.t.rank === 2 ? x.t.rank : x.t.rank - 1;
    return ok('torch.nn.functional.linear', T.ndarray(x.t.dtype ?? w.t.dtype, rank, 'torch'), args, 'linear', {
      input: x.at,
      weight: w.at,
      bias: bias && isArr(bias.t) ? bias.at : undefined,
    });
  },
  tests: [
    viaNumpy({
      params: { x: TT, w: TT },
      expr: 'F.linear(x, w)',
      reference: 'x @ w.T',
      samples: [
        [F2x3, nd('float32', [4, 3], [1, 0, -1, 0.5, 2, 0, 0, 0, 1, -1, 1, 1])],
        [H, nd('float32', [3, 2], [1, 2, 0, -1, 0.5, 0.5])],
      ],
    }),
    viaNumpy({
      params: { x: TT, w: TT, b: TT },
      expr: 'torch.nn.functional.linear(x, w, b)',
      reference: 'x @ w.T + b',
      samples: [[F2x3, nd('float32', [2, 3], [1, 0, -1, 0.5, 2, 0]), nd('float32', [2], [0.25, -1])]],
    }),
    viaNumpy({
      params: { x: TT, w: TT },
      expr: 'F.linear(x, w, bias=None)',
      reference: 'x @ w',
      samples: [[F2x3, F3]],
    }),
  ],
});

defineOp({
  id: 'torch.nn.functional.layer_norm',
  summary:
    'F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05): normalised over the trailing axes',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'F.layer_norm',
      ['input', 'normalized_shape', 'weight', 'bias', 'eps'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    const [x, shape, w, bias, eps] = ['input', 'normalized_shape', 'weight', 'bias', 'eps'].map((k) => b.get(k));
    if (!x || !isArr(x.t) || !shape) return { error: 'F.layer_norm needs an input tensor and a normalized_shape' };
    if (x.t.dtype !== undefined && x.t.dtype !== 'float32' && x.t.dtype !== 'float64')
      return { error: `F.layer_norm needs a float tensor (torch has no ${x.t.dtype} layer_norm)` };
    const s = shapeArg([shape]);
    if (err(s)) return { error: `normalized_shape: ${s.error}` };
    for (const [name, t] of [
      ['weight', w],
      ['bias', bias],
    ] as const)
      if (t && t.t.kind !== 'none' && !isArr(t.t)) return { error: `${name} must be a tensor or None` };
    if (eps && eps.t.kind !== 'float' && eps.t.kind !== 'int') return { error: 'eps must be a number' };
    return ok('torch.nn.functional.layer_norm', T.ndarray(x.t.dtype, x.t.rank, 'torch'), args, 'layer_norm', {
      input: x.at,
      ...s.detail,
      weight: w && isArr(w.t) ? w.at : undefined,
      bias: bias && isArr(bias.t) ? bias.at : undefined,
      eps: eps?.at,
      ints: eps?.t.kind === 'int' ? [eps.at] : [],
    });
  },
  tests: [
    recorded({
      params: { t: TT },
      expr: 'F.layer_norm(t, normalized_shape=(t.shape[1],))',
      samples: [[F2x3], [nd('float32', [2, 2], [1, 1, 3, 4])]],
    }),
    recorded({ params: { t: TT, w: TT }, expr: 'F.layer_norm(t, (3,), w, None, 1e-3)', samples: [[F2x3, F3]] }),
    recorded({
      params: { t: TT },
      expr: 'F.layer_norm(t, [2, 3])',
      samples: [[nd('float32', [2, 2, 3], [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9])], [F2x3]],
    }),
    recorded({ params: { t: TT }, expr: 'F.layer_norm(t, (4,))', samples: [[F2x3]] }),
  ],
});

defineOp({
  id: 'torch.arange',
  summary: 'torch.arange(end) / torch.arange(start, end[, step]) over ints: int64 (`device=` accepted)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.arange', ['a0', 'a1', 'a2', 'device'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const nums = ['a0', 'a1', 'a2'].map((k) => b.get(k)).filter((x): x is Bound => x !== undefined);
    if (nums.length === 0) return { error: 'torch.arange takes 1 to 3 ints' };
    if (nums.some((x) => x.t.kind !== 'int'))
      return { error: 'torch.arange takes ints here (float bounds are not supported yet)' };
    return ok('torch.arange', T.ndarray('int64', 1, 'torch'), args, 'ints', { numbers: nums.map((x) => x.at) });
  },
  tests: [
    recorded({ params: { n: 'int' }, expr: 'torch.arange(n)', samples: [[4], [0], [-2]] }),
    recorded({
      params: { a: 'int', b: 'int', s: 'int' },
      expr: 'torch.arange(a, b, s)',
      samples: [
        [0, 10, 3],
        [10, 0, -3],
        [0, 5, 0],
      ],
    }),
    recorded({ params: { t: TT }, expr: 'torch.arange(t.shape[0], device=t.device)', samples: [[F2x3]] }),
  ],
});

extendOp('operator.invert', {
  summary: 'tensors: `~t` (the attention-mask form `~mask[..., None].bool()`)',
  resolve: () => undefined,
  tests: [
    recorded({ params: { t: TT }, expr: '~t', samples: [[nd('bool', [3], [true, false, true])], [M], [F3]] }),
    recorded({ params: { t: TT }, expr: '~t[..., None].bool()', samples: [[M]] }),
  ],
});

defineOp({
  id: 'torch.Tensor.device',
  summary: 't.device: where the tensor lives (compiled code runs on the CPU); for `device=` and `.to(device)`',
  resolve: (args) => {
    if (!isArr(args[0]) || args.length !== 1) return { error: '`device` is an attribute' };
    return ok('torch.Tensor.device', TORCH_DEVICE, [args[0]], 'device');
  },
  tests: [],
  testedBy: 'tests/cards.test.ts',
});

/** Methods that give the same data (this is CPU-only and has no autograd). */
const SAME_DATA = ['numpy', 'cpu', 'detach', 'contiguous', 'clone'];
for (const name of SAME_DATA) {
  tmethod(
    name,
    name === 'numpy' ? 't.numpy(): the same data as a numpy array' : `t.${name}(): the same data (CPU only)`,
    [],
    (_b, a) => ok('', name === 'numpy' ? (T.ndarray(a.dtype, a.rank, 'numpy') as Arr) : a, [], 'same'),
    [
      viaNumpy({
        params: { t: TT },
        expr: name === 'numpy' ? 't.detach().cpu().numpy()' : `t.${name}()`,
        reference: 't',
        samples: [[F2x3]],
      }),
    ],
  );
}

tmethod('tolist', 't.tolist(): nested lists (the dtype and rank must be static)', [], (_b, a) => tolistResolve('', a), [
  viaNumpy({
    params: { t: TT },
    expr: 't.float().reshape(-1).tolist()',
    reference: 't.astype(np.float32).reshape(-1).tolist()',
    samples: [[F2x3]],
  }),
]);

tmethod(
  'reshape',
  't.reshape(*shape)',
  ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'],
  (b, a) => {
    const s = shapeArg([...b.values()]);
    if (err(s)) return s;
    return ok('', T.ndarray(a.dtype, s.rank, 'torch'), [], 'reshape', s.detail);
  },
  [viaNumpy({ params: { t: TT }, expr: 't.reshape(3, 2)', reference: 't.reshape(3, 2)', samples: [[F2x3]] })],
);

tmethod(
  'transpose',
  't.transpose(dim0, dim1)',
  ['dim0', 'dim1'],
  (b, a) => {
    const [x, y] = [b.get('dim0'), b.get('dim1')];
    if (x?.t.kind !== 'int' || y?.t.kind !== 'int') return { error: 'transpose needs two int dims' };
    return ok('', a, [], 'swapaxes', { dim0: x.at, dim1: y.at });
  },
  [
    viaNumpy({ params: { t: TT }, expr: 't.transpose(0, 1)', reference: 'np.swapaxes(t, 0, 1)', samples: [[F2x3]] }),
    viaNumpy({ params: { t: TT }, expr: 't.transpose(-1, -2)', reference: 'np.swapaxes(t, -1, -2)', samples: [[H]] }),
  ],
);

tmethod(
  'item',
  't.item(): the one element as a Python scalar',
  [],
  (_b, a) => {
    return ok('', a.dtype === 'int64' ? T.int : a.dtype === 'bool' ? T.bool : T.float, [], 'item');
  },
  [viaNumpy({ params: { t: TT }, expr: 't.sum().item()', reference: 't.sum().item()', samples: [[F2x3]] })],
);

tmethod(
  'matmul',
  't.matmul(other)',
  ['other'],
  (b, a) => {
    const o = b.get('other');
    const r = matmulResolve('', a, o?.t);
    return 'error' in r ? r : { ...r, detail: { other: o!.at } };
  },
  [viaNumpy({ params: { t: TT, u: TT }, expr: 't.matmul(u.T)', reference: 't @ u.T', samples: [[F2x3, F2x3]] })],
);

defineOp({
  id: 'torch.Tensor.T',
  summary: 't.T: dimensions reversed',
  resolve: (args) =>
    isArr(args[0]) ? ok('torch.Tensor.T', args[0], [args[0]], 'transpose') : { error: 'expected a tensor' },
  tests: [viaNumpy({ params: { t: TT }, expr: 't.T', reference: 't.T', samples: [[F2x3]] })],
});

defineOp({
  id: 'torch.matmul',
  summary: 'torch.matmul(a, b)',
  resolve: (args) => matmulResolve('torch.matmul', args[0], args[1]),
  tests: [
    viaNumpy({
      params: { a: TT, b: TT },
      expr: 'torch.matmul(a, b.transpose(0, 1))',
      reference: 'a @ b.T',
      samples: [[F2x3, F2x3]],
    }),
    viaNumpy({ params: { a: TT, b: TT }, expr: 'a @ b', reference: 'a @ b', samples: [[F2x3, F3]] }),
    recorded({
      params: { a: TT, b: TT },
      expr: 'torch.matmul(a, b)',
      samples: [
        [F2x3, F2x3],
        [H, H],
      ],
    }),
  ],
});

// Operators on tensors are the numpy extensions with torch promotion; their torch-specific tests:
extendOp('operator.truediv', {
  summary: 'tensors: int / int is float32',
  resolve: () => undefined,
  tests: [
    recorded({ params: { a: TT, b: TT }, expr: 'a / b', samples: [[I2x3, nd('int64', [3], [2, 4, 3])]] }),
    viaNumpy({ params: { a: TT, b: TT }, expr: 'a / b', reference: 'a / b', samples: [[F2x3, F3]] }),
    recorded({
      params: { h: TT, m: TT },
      body: 'mask = m.unsqueeze(-1).expand(h.size()).float()\nreturn torch.sum(h * mask, 1) / torch.clamp(mask.sum(1), min=1e-9)',
      samples: [[H, M]],
    }),
  ],
});
extendOp('operator.mul', {
  summary: 'tensors: elementwise with broadcasting',
  resolve: () => undefined,
  tests: [
    viaNumpy({
      params: { a: TT, b: TT },
      expr: 'a * b',
      reference: 'a * b',
      samples: [
        [F2x3, F3],
        [H, nd('float32', [2, 3, 1], [1, 1, 0, 1, 0, 0])],
      ],
    }),
  ],
});

// ---- Decoding loops: logits to a next token ---------------------------------------------------
//
// softmax, cumsum, sort, topk, max/min, where, gather, scatter and masked_fill as top-k / top-p filtering writes
// them, and random draws. Draws cannot match torch's generators bit for bit: ingot-tensor's
// `Generator` is a seeded splitmix64 stream and `multinomial` draws by inverse CDF from it
// (native-rust/tensor/src/sampling.rs), so a seed gives the same draws on every run and a
// one-hot distribution always gives its index. The reference tests below therefore record
// only what torch and Ingot agree on: deterministic results, one-hot draws and torch's errors.

export const isScalar = (t: Type): boolean => t.kind === 'int' || t.kind === 'float' || t.kind === 'bool';
const GENERATOR: Type = T.opaque('torch.Generator', 'nd::Generator');
const isGenerator = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'torch.Generator';

/** An int argument: where it was passed, undefined when absent. */
export function intArg(b: Bound | undefined, name: string): At | undefined | { error: string } {
  if (!b) return undefined;
  return b.t.kind === 'int' ? b.at : { error: `${name} must be an int, not ${typeToString(b.t)}` };
}

/** The float dtype an op needs (torch has no integer softmax): the tensor's, or an error. */
export function floatTensor(a: Arr, what: string): { error: string } | undefined {
  if (a.dtype === 'float32' || a.dtype === 'float64' || a.dtype === undefined) return undefined;
  return { error: `${what} needs a float tensor (torch has no ${a.dtype} ${what}); convert with .float()` };
}

/**
 * An op that is both `torch.<name>(input, ...)` (and any `alsoAs` ids, e.g. `F.softmax`) and the
 * method `t.<name>(...)`. The rule sees the bound arguments and the input tensor; the spelling
 * finds the input under `detail.input`.
 */
export function tboth(
  name: string,
  signature: string,
  names: string[],
  body: (b: Map<string, Bound>, a: Arr) => ResolveResult,
  tests: { fn: OpTest[]; method: OpTest[] },
  alsoAs: string[] = [],
): void {
  const withInput = (r: ResolveResult, at: At): ResolveResult =>
    'error' in r ? r : { ...r, detail: { ...r.detail, input: at } };
  tmethod(name, `t.${name}(${signature})`, names, (b, a) => withInput(body(b, a), '0'), tests.method);
  [`torch.${name}`, ...alsoAs].forEach((id, k) =>
    defineOp({
      id,
      summary: `${id.replace('torch.nn.functional.', 'F.')}(input, ${signature})`,
      // Tests spelled `F.<name>` belong to the functional alias.
      tests: tests.fn.filter((t) => (t.expr ?? t.body ?? '').includes('F.') === k > 0),
      resolve: (args, kw, consts, kwConsts) => {
        const b = bindArgs(id, ['input', ...names], args, kw, consts, kwConsts);
        if (err(b)) return b;
        const a = b.get('input');
        if (!a || !isArr(a.t)) return { error: `${id} needs a tensor` };
        const r = body(b, a.t);
        return 'error' in r ? r : ({ ...withInput(r, a.at), entry: id, params: args } as OpChoice);
      },
    }),
  );
}

/** `dim`: required, or defaulted to -1 when `dflt` is given. */
export function dimArg(b: Map<string, Bound>, dflt?: string): At | { error: string } {
  const d = intArg(b.get('dim'), 'dim');
  if (err(d)) return d;
  if (d === undefined && dflt === undefined) return { error: 'pass `dim` (the dimension to work along)' };
  return d ?? 'default';
}

export const LOGITS = nd('float32', [2, 4], [1.0, 3.0, 2.0, 3.0, -1.0, 0.5, 4.0, 0.0]);
const ONE_HOT = nd('float32', [2, 3], [0, 1, 0, 0, 0, 1]);

tboth(
  'softmax',
  'dim',
  ['dim'],
  (b, a) => {
    const bad = floatTensor(a, 'softmax');
    if (bad) return bad;
    const d = dimArg(b);
    if (err(d)) return d;
    return ok('', a, [], 'softmax', { dim: d });
  },
  {
    fn: [
      recorded({ params: { t: TT }, expr: 'torch.softmax(t, dim=-1)', samples: [[LOGITS], [F3]] }),
      recorded({ params: { t: TT }, expr: 'torch.softmax(t / 0.5, 0)', samples: [[LOGITS]] }),
      recorded({ params: { t: TT }, expr: 'F.softmax(t, dim=-1)', samples: [[LOGITS]] }),
    ],
    method: [recorded({ params: { t: TT }, expr: 't.softmax(-1)', samples: [[LOGITS]] })],
  },
  ['torch.nn.functional.softmax'],
);

// A cross-encoder's logits to a relevance score, as rerankers written with transformers do.
tboth(
  'sigmoid',
  '',
  [],
  (_b, a) => ok('', T.ndarray(a.dtype && floatFor(a.dtype, 'torch'), a.rank, 'torch'), [], 'sigmoid'),
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.sigmoid(t)', samples: [[LOGITS], [F3], [I2x3]] })],
    method: [recorded({ params: { t: TT }, expr: 't.sigmoid()', samples: [[LOGITS]] })],
  },
);

tboth(
  'cumsum',
  'dim',
  ['dim'],
  (b, a) => {
    const d = dimArg(b);
    if (err(d)) return d;
    const dtype = a.dtype === 'bool' || a.dtype === 'int64' ? 'int64' : a.dtype;
    return ok('', T.ndarray(dtype, a.rank, 'torch'), [], 'cumsum', { dim: d });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.cumsum(t, dim=-1)', samples: [[LOGITS], [I2x3], [M]] })],
    method: [recorded({ params: { t: TT }, expr: 't.cumsum(0)', samples: [[LOGITS]] })],
  },
);

/** sort and topk: (values, int64 indices) along `dim` (default -1). */
/** `stable=` of sort and argsort: a bool (the sort is always stable), or an error. */
export function stableArg(b: Map<string, Bound>): { error: string } | undefined {
  const s = b.get('stable');
  return s && s.t.kind !== 'bool' && s.t.kind !== 'none' ? { error: 'stable must be a bool' } : undefined;
}

function selectResolve(variant: 'sort' | 'topk', b: Map<string, Bound>, a: Arr): ResolveResult {
  const d = dimArg(b, '-1');
  if (err(d)) return d;
  const flag = flagArg(
    b.get(variant === 'sort' ? 'descending' : 'largest'),
    variant === 'sort' ? 'descending' : 'largest',
  );
  if (err(flag)) return flag;
  const sorted = flagArg(b.get('sorted'), 'sorted');
  if (err(sorted)) return sorted;
  const k = variant === 'topk' ? intArg(b.get('k'), 'k') : undefined;
  if (err(k)) return k;
  if (variant === 'topk' && k === undefined) return { error: 'topk needs k' };
  return ok('', valuesIndices(T.ndarray(a.dtype, a.rank, 'torch'), T.ndarray('int64', a.rank, 'torch')), [], variant, {
    dim: d,
    flag,
    k,
  });
}

defineOp({
  id: 'torch.where',
  summary: "torch.where(cond, input, other): elementwise choice with broadcasting and torch's promotion",
  resolve: (args) => {
    if (args.length !== 3)
      return { error: 'torch.where takes three arguments here (torch.where(cond) is not supported; use .nonzero())' };
    const [c, x, y] = args as [Type, Type, Type];
    for (const t of args)
      if (!isArr(t) && !isScalar(t)) return { error: `torch.where needs tensors or numbers, not ${typeToString(t)}` };
    if (!isArr(c) || (c.dtype !== undefined && c.dtype !== 'bool'))
      return { error: `the condition must be a bool tensor (a comparison such as \`t < v\`), not ${typeToString(c)}` };
    return ok('torch.where', T.ndarray(promote(x, y, 'torch'), bcastRank(c, x, y), 'torch'), args, 'where');
  },
  tests: [
    recorded({ params: { t: TT }, expr: 'torch.where(t > 1.0, t, float("-inf"))', samples: [[LOGITS]] }),
    recorded({ params: { t: TT }, expr: 'torch.where(t < 0, 0.5, t)', samples: [[I2x3]] }),
    recorded({
      params: { t: TT, m: TT },
      expr: 'torch.where(m, t, t * 2)',
      samples: [[F3, nd('bool', [3], [true, false, true])]],
    }),
  ],
});

/** torch's `(values, indices)` named tuple (`torch.return_types.sort`, `.topk`, `.max`, `.min`). */
function valuesIndices(values: Type, indices: Type): Type {
  return T.namedTuple([values, indices], ['values', 'indices']);
}

// A named tuple's fields as attributes: `torch.sort(t).values`, `t.max(dim=-1).indices`.
for (const [i, field] of ['values', 'indices'].entries())
  defineOp({
    id: `tuple.${field}`,
    summary: `r.${field}: item ${i} of torch's (values, indices) named tuples (sort, topk, max, min)`,
    resolve: (args) => {
      const t = args[0];
      if (t?.kind !== 'tuple' || t.names?.[i] !== field)
        return { error: `'${t ? typeToString(t) : 'tuple'}' object has no attribute '${field}'` };
      return { entry: `tuple.${field}`, overload: '', result: t.items[i]!, params: args, variant: 'field' };
    },
    tests: [
      recorded({
        params: { t: TT },
        body: `r = torch.sort(t, descending=True)\nreturn r.${field}`,
        samples: [[LOGITS]],
      }),
      recorded({ params: { t: TT }, expr: `t.max(dim=-1).${field}`, samples: [[LOGITS], [I2x3]] }),
    ],
  });

// torch.max / torch.min: over every element (a 0-d tensor), or along `dim` as the (values, indices) named tuple, the
// index of the first extreme value as torch gives it.
for (const [name, red, arg] of [
  ['max', 'Max', 'ArgMax'],
  ['min', 'Min', 'ArgMin'],
] as const)
  tboth(
    name,
    'dim=None, keepdim=False',
    ['dim', 'keepdim'],
    (b, a) => {
      const dim = b.get('dim');
      // `torch.max(a, b)` of two tensors: the elementwise extreme, broadcast, as torch.maximum.
      if (dim && isArr(dim.t)) {
        if (b.has('keepdim')) return { error: `torch.${name}(input, other) takes no keepdim` };
        return ok('', T.ndarray(promote(a, dim.t, 'torch'), bcastRank(a, dim.t), 'torch'), [], 'other', {
          op: name === 'max' ? 'Maximum' : 'Minimum',
          other: dim.at,
        });
      }
      const keep = flagArg(b.get('keepdim'), 'keepdim');
      if (err(keep)) return keep;
      if (!dim || dim.t.kind === 'none') {
        if (keep !== undefined) return { error: `torch.${name} takes keepdim only with dim` };
        return ok('', T.ndarray(a.dtype, 0, 'torch'), [], 'all', { red, arg });
      }
      if (dim.t.kind !== 'int') return { error: `dim must be an int, not ${typeToString(dim.t)}` };
      const kc = b.get('keepdim')?.c;
      const keepConst = !keep ? false : kc?.kind === 'bool' ? kc.value : undefined;
      const rank = a.rank === undefined || keepConst === undefined ? undefined : keepConst ? a.rank : a.rank - 1;
      return ok('', valuesIndices(T.ndarray(a.dtype, rank, 'torch'), T.ndarray('int64', rank, 'torch')), [], 'dim', {
        red,
        arg,
        axis: dim.at,
        keep,
      });
    },
    {
      fn: [
        recorded({ params: { t: TT }, expr: `torch.${name}(t, -1)`, samples: [[LOGITS], [I2x3]] }),
        recorded({ params: { t: TT }, expr: `torch.${name}(t)`, samples: [[LOGITS]] }),
        recorded({
          params: { a: TT, b: TT },
          expr: `torch.${name}(a[:, None, :2], b[None, :, :2])`,
          samples: [
            [F2x3, nd('float32', [3, 2], [0.5, 9, -1, 2, 3, 3])],
            [I2x3, nd('int64', [1, 2], [2, 2])],
          ],
        }),
        recorded({
          params: { t: TT },
          body: `v, i = torch.${name}(t, dim=0, keepdim=True)\nreturn v, i`,
          samples: [[LOGITS]],
        }),
      ],
      method: [
        recorded({
          params: { t: TT },
          expr: `t.${name}(dim=1)`,
          samples: [[LOGITS], [nd('float32', [2, 2], [1, 1, 3, 3])]],
        }),
        recorded({ params: { t: TT }, expr: `t.${name}(1)[1]`, samples: [[I2x3]] }),
        recorded({ params: { t: TT, u: TT }, expr: `t.${name}(u)`, samples: [[F2x3, F3]] }),
      ],
    },
  );

// `stable=`: the sort is always stable (ties keep their index order), which is what `stable=True` asks.
tboth(
  'sort',
  'dim=-1, descending=False, stable=False',
  ['dim', 'descending', 'stable'],
  (b, a) => stableArg(b) ?? selectResolve('sort', b, a),
  {
    fn: [
      recorded({
        params: { t: TT },
        body: 'values, indices = torch.sort(t, descending=True)\nreturn values, indices',
        samples: [[LOGITS], [I2x3]],
      }),
      recorded({ params: { t: TT }, expr: 'torch.sort(t, 0)', samples: [[LOGITS]] }),
    ],
    method: [recorded({ params: { t: TT }, expr: 't.sort(dim=-1, descending=True)[1]', samples: [[LOGITS]] })],
  },
);

tboth(
  'topk',
  'k, dim=-1, largest=True, sorted=True',
  ['k', 'dim', 'largest', 'sorted'],
  (b, a) => selectResolve('topk', b, a),
  {
    fn: [
      recorded({ params: { t: TT }, expr: 'torch.topk(t, 2)', samples: [[LOGITS], [I2x3]] }),
      recorded({ params: { t: TT }, expr: 'torch.topk(t, 5)', samples: [[LOGITS]] }),
      recorded({
        params: { t: TT },
        body: 'v, _ = torch.topk(t, 2)\nreturn t.masked_fill(t < v[:, -1:], -float("inf"))',
        samples: [[LOGITS]],
      }),
    ],
    method: [recorded({ params: { t: TT }, expr: 't.topk(1, dim=0, largest=False)', samples: [[LOGITS]] })],
  },
);

/** gather's and scatter's `dim` and int64 `index`. */
function indexArgs(b: Map<string, Bound>): { dim: At; index: At } | { error: string } {
  const d = intArg(b.get('dim'), 'dim');
  if (err(d)) return d;
  const ix = b.get('index');
  if (d === undefined || !ix) return { error: 'pass `dim` and `index`' };
  if (!isArr(ix.t) || (ix.t.dtype !== undefined && ix.t.dtype !== 'int64'))
    return { error: `index must be an int64 tensor, not ${typeToString(ix.t)}` };
  return { dim: d, index: ix.at };
}

tboth(
  'gather',
  'dim, index',
  ['dim', 'index'],
  (b, a) => {
    const r = indexArgs(b);
    if (err(r)) return r;
    return ok('', a, [], 'gather', r);
  },
  {
    fn: [
      recorded({
        params: { t: TT, i: TT },
        expr: 'torch.gather(t, -1, i)',
        samples: [
          [LOGITS, nd('int64', [2, 2], [3, 0, 2, 2])],
          [LOGITS, nd('int64', [2, 1], [4, 0])],
        ],
      }),
    ],
    method: [
      recorded({ params: { t: TT, i: TT }, expr: 't.gather(0, i)', samples: [[I2x3, nd('int64', [1, 3], [1, 0, 1])]] }),
    ],
  },
);

/** A fill value: a Python number or bool (or a tensor where `tensor` allows it). */
function fillValue(v: Bound | undefined, tensor: boolean): At | { error: string } {
  if (!v) return { error: 'pass the value' };
  if (isScalar(v.t) || (tensor && isArr(v.t))) return v.at;
  return { error: `the value must be a number${tensor ? ' or a tensor' : ''}, not ${typeToString(v.t)}` };
}

function scatterRule(b: Map<string, Bound>, a: Arr): ResolveResult {
  const r = indexArgs(b);
  if (err(r)) return r;
  const src = fillValue(b.get('src') ?? b.get('value'), true);
  if (err(src)) return src;
  return ok('', a, [], 'scatter', { ...r, src, srcArr: isArr((b.get('src') ?? b.get('value'))!.t) });
}

function maskedFillRule(b: Map<string, Bound>, a: Arr): ResolveResult {
  const m = b.get('mask');
  if (!m || !isArr(m.t) || (m.t.dtype !== undefined && m.t.dtype !== 'bool'))
    return { error: 'the mask must be a bool tensor (a comparison such as `t < v`)' };
  const v = fillValue(b.get('value'), false);
  if (err(v)) return v;
  return ok('', a, [], 'masked_fill', { mask: m.at, value: v });
}

// The in-place forms write the out-of-place result into the tensor's own storage and return the tensor, so every
// name and view sharing it sees the write, as `t[mask] = x` does.
tmethod('scatter_', 't.scatter_(dim, index, src): in place', ['dim', 'index', 'src', 'value'], scatterRule, [
  recorded({
    params: { t: TT, i: TT },
    body: 'alias = t\nt.scatter_(1, i, float("-inf"))\nreturn alias',
    samples: [[LOGITS, nd('int64', [2, 1], [1, 3])]],
  }),
]);
tmethod('masked_fill_', 't.masked_fill_(mask, value): in place', ['mask', 'value'], maskedFillRule, [
  recorded({ params: { t: TT }, body: 'r = t.masked_fill_(t < 2.0, 0.0)\nreturn t, r', samples: [[LOGITS]] }),
]);

tboth('scatter', 'dim, index, src', ['dim', 'index', 'src', 'value'], (b, a) => scatterRule(b, a), {
  fn: [
    recorded({
      params: { m: TT, i: TT },
      expr: 'torch.scatter(m, 1, i, m)',
      samples: [[nd('bool', [1, 3], [false, false, true]), nd('int64', [1, 3], [1, 2, 0])]],
    }),
  ],
  method: [
    recorded({
      params: { t: TT, i: TT },
      expr: 't.scatter(1, i, 0.0)',
      samples: [[LOGITS, nd('int64', [2, 1], [1, 3])]],
    }),
  ],
});

tboth('masked_fill', 'mask, value', ['mask', 'value'], (b, a) => maskedFillRule(b, a), {
  fn: [
    recorded({
      params: { t: TT },
      expr: 'torch.masked_fill(t, t < 2.0, -float("inf"))',
      samples: [[LOGITS]],
    }),
  ],
  method: [
    recorded({ params: { t: TT }, expr: 't.masked_fill(t > 0, 0)', samples: [[LOGITS], [I2x3]] }),
    recorded({
      params: { t: TT },
      body: [
        'probs = torch.softmax(t, dim=-1)',
        'sorted_probs, order = torch.sort(probs, descending=True)',
        'cum = torch.cumsum(sorted_probs, dim=-1)',
        'sorted_probs = sorted_probs.masked_fill(cum - sorted_probs > 0.6, 0.0)',
        'return sorted_probs, order',
      ].join('\n'),
      samples: [[LOGITS]],
    }),
  ],
});

tboth(
  'multinomial',
  'num_samples, replacement=False, *, generator=None',
  ['num_samples', 'replacement', 'generator'],
  (b, a) => {
    const n = intArg(b.get('num_samples'), 'num_samples');
    if (err(n)) return n;
    if (n === undefined) return { error: 'multinomial needs num_samples' };
    const repl = flagArg(b.get('replacement'), 'replacement');
    if (err(repl)) return repl;
    const g = b.get('generator');
    if (g && g.t.kind !== 'none' && !isGenerator(g.t))
      return { error: `generator must be a torch.Generator, not ${typeToString(g.t)}` };
    if (a.rank !== undefined && a.rank !== 1 && a.rank !== 2) return { error: 'prob_dist must be 1 or 2 dim' };
    return ok('', T.ndarray('int64', a.rank, 'torch'), [], 'multinomial', {
      n,
      repl,
      generator: g && g.t.kind !== 'none' ? g.at : undefined,
    });
  },
  {
    fn: [
      // A one-hot distribution always gives its index, in torch and here.
      recorded({ params: { p: TT }, expr: 'torch.multinomial(p, num_samples=1)', samples: [[ONE_HOT]] }),
      // torch's errors: a negative weight, and more samples than categories without replacement.
      recorded({
        params: { p: TT },
        expr: 'torch.multinomial(p, 1)',
        samples: [[nd('float32', [3], [0.5, -0.1, 0.6])], [nd('float32', [2], [0, 0])]],
      }),
      recorded({ params: { p: TT }, expr: 'torch.multinomial(p, 3)', samples: [[nd('float32', [2], [0.5, 0.5])]] }),
    ],
    method: [
      recorded({
        params: { p: TT },
        expr: 'torch.softmax(p * 100.0, dim=-1).multinomial(1)',
        samples: [[ONE_HOT]],
      }),
    ],
  },
);

extendOp('operator.setitem', {
  summary: "tensors: t[mask] = value with a bool mask of t's shape, in place (every name holding t sees it)",
  resolve: (args) => {
    const [t, m, v] = args;
    if (!isArr(t) || t.flavor !== 'torch') return undefined;
    // Index and slice assignment (`t[:, 1:] = u`) is numpy's rule (numpy_lib.ts), with torch's errors.
    if (!m || !isArr(m) || m.dtype !== 'bool') return undefined;
    if (!v || !isScalar(v)) return { error: `the assigned value must be a number, not ${v ? typeToString(v) : '?'}` };
    return ok('operator.setitem', T.none, args, 'tensor_mask');
  },
  tests: [
    recorded({
      params: { t: TT },
      body: 't[t < 2.5] = -float("inf")\nreturn t',
      samples: [[LOGITS]],
    }),
    // Index and slice assignment go through numpy's rule, with torch's error for a value of the wrong shape.
    recorded({
      params: { t: TT },
      body: 't[0, 1:3] = 5\nt[:, 0] = -1\nt[-1] = t[0] * 2\nreturn t',
      samples: [[nd('float32', [2, 3], [1, 2, 3, 4, 5, 6])], [nd('int64', [3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9])]],
    }),
    recorded({
      params: { t: TT, n: 'int' },
      body: 'out = torch.zeros((2, 4), dtype=torch.long)\nout[1, :n] = t[:n]\nreturn out',
      samples: [
        [nd('int64', [3], [7, 8, 9]), 2],
        [nd('int64', [3], [7, 8, 9]), 0],
        [nd('int64', [5], [1, 2, 3, 4, 5]), 5],
      ],
    }),
    recorded({
      params: { t: TT },
      body: 'alias = t\ncopy = t.clone()\nt[t > 1.5] = 0\nreturn alias, copy',
      samples: [[LOGITS], [I2x3]],
    }),
    recorded({
      params: { t: TT, m: TT },
      body: 't[m] = 1.0\nreturn t',
      samples: [[LOGITS, nd('bool', [4], [true, false, false, true])]],
    }),
  ],
});

tboth(
  'squeeze',
  'dim=None',
  ['dim'],
  (b, a) => {
    const d = b.get('dim');
    if (d && d.t.kind !== 'int' && d.t.kind !== 'none') return { error: 'dim must be an int or None' };
    // Whether a dimension has size 1 is a run-time fact, so the rank is static only for a 0-d tensor.
    return ok('', T.ndarray(a.dtype, a.rank === 0 ? 0 : undefined, 'torch'), [], 'squeeze', {
      dim: d && d.t.kind === 'int' ? d.at : 'default',
    });
  },
  {
    fn: [recorded({ params: { t: TT }, expr: 'torch.squeeze(t)', samples: [[nd('float32', [1, 3, 1], [1, 2, 3])]] })],
    method: [
      recorded({ params: { p: TT }, expr: 'torch.multinomial(p, 1).squeeze(1)', samples: [[ONE_HOT]] }),
      recorded({ params: { t: TT }, expr: 't.squeeze(0)', samples: [[LOGITS]] }),
    ],
  },
);

defineOp({
  id: 'torch.cat',
  summary: 'torch.cat(tensors, dim=0): joined along dim, with torch promotion',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.cat', ['tensors', 'dim'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const ts = b.get('tensors');
    if (!ts) return { error: 'torch.cat needs a list or tuple of tensors' };
    const l = arrayList(ts);
    if (err(l)) return l;
    const d = intArg(b.get('dim'), 'dim');
    if (err(d)) return d;
    const items = ts.t.kind === 'tuple' ? (ts.t.items as Arr[]) : [l.item];
    const dtype = items.slice(1).reduce((x, y) => promoteArrays(x, y.dtype, 'torch'), items[0]!.dtype);
    return ok('torch.cat', T.ndarray(dtype, l.item.rank, 'torch'), args, 'cat', { ...l.detail, dim: d ?? 'default' });
  },
  tests: [
    recorded({
      params: { ids: TT, n: TT },
      expr: 'torch.cat([ids, n], dim=-1)',
      samples: [
        [I2x3, nd('int64', [2, 1], [4, 5])],
        [I2x3, nd('int64', [1, 1], [4])],
      ],
    }),
    recorded({ params: { a: TT, b: TT }, expr: 'torch.cat((a, b))', samples: [[F3, nd('int64', [2], [1, 2])]] }),
  ],
});

defineOp({
  id: 'torch.manual_seed',
  summary: "torch.manual_seed(seed): reseeds the default generator (Ingot's own stream, see sampling.rs)",
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.manual_seed', ['seed'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const seed = b.get('seed');
    if (seed?.t.kind !== 'int') return { error: 'the seed must be an int' };
    return ok('torch.manual_seed', GENERATOR, args, 'seed', { seed: seed.at });
  },
  tests: [
    recorded({
      params: { p: TT },
      body: 'torch.manual_seed(0)\nreturn torch.multinomial(p, 3, replacement=True)',
      samples: [[ONE_HOT]],
    }),
  ],
});

defineOp({
  id: 'torch.Generator',
  summary: 'torch.Generator(device="cpu"): a generator of its own, with a fixed default seed',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.Generator', ['device'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const d = b.get('device');
    if (d && !(d.c?.kind === 'str' && d.c.value === 'cpu')) return { error: 'only the CPU device is supported' };
    return ok('torch.Generator', GENERATOR, args, 'new');
  },
  tests: [
    recorded({
      params: { p: TT },
      expr: 'torch.multinomial(p, 1, generator=torch.Generator().manual_seed(3))',
      samples: [[nd('float32', [3], [0, 0, 2.5])]],
    }),
  ],
});

defineOp({
  id: 'torch.Generator.manual_seed',
  summary: 'g.manual_seed(seed): reseeds g and returns it',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('torch.Generator.manual_seed', ['seed'], args.slice(1), kw, consts?.slice(1), kwConsts);
    if (err(b)) return b;
    const seed = b.get('seed');
    if (seed?.t.kind !== 'int') return { error: 'the seed must be an int' };
    return ok('torch.Generator.manual_seed', GENERATOR, args, 'seed', { seed: shiftAt(seed.at) });
  },
  tests: [
    recorded({
      params: { p: TT },
      body: 'g = torch.Generator()\ng.manual_seed(5)\nreturn torch.multinomial(p, 2, replacement=True, generator=g)',
      samples: [[ONE_HOT]],
    }),
  ],
});

// ---- Spellings: the Rust of each variant the rules above choose ------------------------------

/** A float argument of F.normalize: the default when absent, an int converted. */
function floatArg(c: OpChoice, key: string, dflt: string): string {
  const at = c.detail![key] as At | undefined;
  if (at === undefined) return dflt;
  return (c.detail!.ints as At[]).includes(at) ? `(${own(at)} as f64)` : own(at);
}

/** The input tensor of a `tboth` op, and an optional argument's value or its default. */
const input = (c: OpChoice): string => borrow(c.detail!.input as At);
const dimOr = (c: OpChoice, dflt: string): string => {
  const d = c.detail!.dim as At;
  return d === 'default' ? dflt : own(d);
};
/** A value handed to `impl Into<Operand>`: a tensor borrowed, a number by value. */
const operand = (c: OpChoice, key: string, isArray: boolean): string =>
  isArray ? borrow(c.detail![key] as At) : own(c.detail![key] as At);

/** torch.max / torch.min: every element, the (values, indices) pair along `dim`, or the elementwise extreme of two. */
const extremum: Record<string, (c: OpChoice) => string> = {
  all: (c) => `nd::treduce(nd::Reduce::${c.detail!.red as string}, ${input(c)}, None, false)?`,
  dim: (c) => {
    const along = (op: string): string =>
      `nd::treduce(nd::Reduce::${op}, ${input(c)}, ${axisCode(c, 'None')}, ${ownedOr(c, 'keep', 'false')})?`;
    return `(${along(c.detail!.red as string)}, ${along(c.detail!.arg as string)})`;
  },
  other: (c) => `nd::tbinary(nd::BinOp::${c.detail!.op as string}, ${input(c)}, ${borrow(c.detail!.other as At)})?`,
};

const DECODING_SPELLINGS: Record<string, Record<string, (c: OpChoice) => string>> = {
  softmax: { softmax: (c) => `nd::softmax(${input(c)}, ${dimOr(c, '-1')})?` },
  sigmoid: { sigmoid: (c) => `nd::tunary(nd::UnOp::Sigmoid, ${input(c)})?` },
  cumsum: { cumsum: (c) => `nd::cumsum(${input(c)}, ${dimOr(c, '-1')})?` },
  squeeze: {
    squeeze: (c) =>
      `nd::squeeze(${input(c)}, ${c.detail!.dim === 'default' ? 'None' : `Some(${own(c.detail!.dim as At)})`})?`,
  },
  max: extremum,
  min: extremum,
  sort: { sort: (c) => `nd::sort(${input(c)}, ${dimOr(c, '-1')}, ${ownedOr(c, 'flag', 'false')})?` },
  topk: {
    topk: (c) => `nd::topk(${input(c)}, ${own(c.detail!.k as At)}, ${dimOr(c, '-1')}, ${ownedOr(c, 'flag', 'true')})?`,
  },
  gather: { gather: (c) => `nd::gather(${input(c)}, ${own(c.detail!.dim as At)}, ${borrow(c.detail!.index as At)})?` },
  scatter: {
    scatter: (c) =>
      `nd::scatter(${input(c)}, ${own(c.detail!.dim as At)}, ${borrow(c.detail!.index as At)}, ${operand(c, 'src', c.detail!.srcArr === true)})?`,
  },
  masked_fill: {
    masked_fill: (c) => `nd::masked_fill(${input(c)}, ${borrow(c.detail!.mask as At)}, ${operand(c, 'value', false)})?`,
  },
  multinomial: {
    multinomial: (c) => {
      const g = c.detail!.generator as At | undefined;
      return `nd::multinomial(${input(c)}, ${own(c.detail!.n as At)}, ${ownedOr(c, 'repl', 'false')}, ${g === undefined ? 'None' : `Some(${borrow(g)})`})?`;
    },
  },
};

defineSpellings({
  'torch.Tensor.__getitem__': spellGetitem,
  'torch.Tensor.unsqueeze': { unsqueeze: (c) => `nd::unsqueeze({&0}, ${own(c.detail!.dim as At)})?` },
  'torch.Tensor.expand': { expand: (c) => `nd::expand({&0}, ${shapeCode(c)})?` },
  'torch.Tensor.size': {
    dim: (c) => `nd::dim_size({&0}, ${own(c.detail!.dim as At)})?`,
    shape: spellShape,
  },
  'torch.Tensor.shape': { shape: spellShape },
  'torch.Tensor.dim': { ndim: () => '({&0}.ndim() as i64)' },
  ...Object.fromEntries(ASTYPES.map(([name]) => [`torch.Tensor.${name}`, spellAstype])),
  ...Object.fromEntries(
    REDUCTIONS.flatMap(([name, op]) => {
      const spell = {
        reduce: (c: OpChoice) =>
          `nd::treduce(nd::Reduce::${op}, ${arrayRef(c)}, ${axisCode(c, 'None')}, ${ownedOr(c, 'keep', 'false')})?`,
        reduce_dims: (c: OpChoice) => {
          const dims = own(c.detail!.dims as At);
          const list = c.detail!.dimsForm === 'list' ? `&${dims}` : `&nd::shape_arg(${dims})`;
          return `nd::treduce_dims(nd::Reduce::${op}, ${arrayRef(c)}, ${list}, ${ownedOr(c, 'keep', 'false')})?`;
        },
      };
      return [
        [`torch.Tensor.${name}`, spell],
        [`torch.${name}`, spell],
      ];
    }),
  ),
  'torch.Tensor.clamp': spellClip,
  'torch.clamp': spellClip,
  'torch.Tensor.clamp_min': spellClip,
  'torch.clamp_min': spellClip,
  'torch.Tensor.clamp_max': spellClip,
  'torch.clamp_max': spellClip,
  'torch.nn.functional.normalize': {
    normalize: (c) =>
      `nd::normalize(${borrow(c.detail!.input as At)}, ${floatArg(c, 'p', '2.0')}, ${ownedOr(c, 'dim', '1')}, ${floatArg(c, 'eps', '1e-12')})?`,
  },
  'torch.nn.functional.layer_norm': {
    layer_norm: (c) => {
      const opt = (k: string): string => {
        const at = c.detail![k] as At | undefined;
        return at === undefined ? 'None' : `Some(${borrow(at)})`;
      };
      return `nd::layer_norm(${borrow(c.detail!.input as At)}, ${shapeCode(c)}, ${opt('weight')}, ${opt('bias')}, ${floatArg(c, 'eps', '1e-5')})?`;
    },
  },
  'torch.arange': {
    ints: (c) => {
      const n = (c.detail!.numbers as At[]).map(own);
      const [start, stop, step] = n.length === 1 ? ['0', n[0]!, '1'] : [n[0]!, n[1]!, n[2] ?? '1'];
      return `nd::torch_arange_int(${start}, ${stop}, ${step})?`;
    },
  },
  'torch.Tensor.device': { device: () => 'nd::TorchDevice' },
  'torch.nn.functional.linear': {
    linear: (c) => {
      const bias = c.detail!.bias as At | undefined;
      return `nd::linear(${borrow(c.detail!.input as At)}, ${borrow(c.detail!.weight as At)}, ${bias === undefined ? 'None' : `Some(${borrow(bias)})`})?`;
    },
  },
  // clone copies the storage: an in-place write (`t[mask] = x`) to either must not reach the other.
  ...Object.fromEntries(
    SAME_DATA.map((name) => [
      `torch.Tensor.${name}`,
      { same: name === 'clone' ? () => 'nd::clone_tensor({&0})?' : () => '{0}' },
    ]),
  ),
  'operator.setitem': { tensor_mask: () => 'nd::masked_assign({&0}, {&1}, {2})?' },
  'torch.Tensor.tolist': spellTolist,
  // torch's reshape raises torch's RuntimeError where numpy's raises ValueError.
  'torch.Tensor.reshape': { reshape: (c) => `nd::treshape({&0}, ${shapeCode(c)})?` },
  'torch.Tensor.transpose': {
    swapaxes: (c) => `nd::swapaxes({&0}, ${own(c.detail!.dim0 as At)}, ${own(c.detail!.dim1 as At)})?`,
  },
  'torch.Tensor.item': spellItem,
  'torch.Tensor.matmul': { matmul: (c) => `nd::tmatmul({&0}, ${borrow(c.detail!.other as At)})?` },
  'torch.Tensor.T': spellTranspose,
  // torch's matmul raises torch's RuntimeError where numpy's raises ValueError.
  'torch.matmul': { matmul: () => 'nd::tmatmul({&0}, {&1})?' },
  ...Object.fromEntries(
    Object.entries(DECODING_SPELLINGS).flatMap(([name, spell]) => [
      [`torch.${name}`, spell],
      [`torch.Tensor.${name}`, spell],
    ]),
  ),
  'torch.nn.functional.softmax': DECODING_SPELLINGS.softmax!,
  'torch.where': { where: () => 'nd::twhere({0}, {1}, {2})?' },
  'torch.Tensor.scatter_': {
    scatter: (c) =>
      `{ let __r = nd::scatter({&0}, ${own(c.detail!.dim as At)}, ${borrow(c.detail!.index as At)}, ${operand(c, 'src', c.detail!.srcArr === true)})?; nd::write_into({&0}, &__r)?; {&0}.clone() }`,
  },
  'torch.Tensor.masked_fill_': {
    masked_fill: (c) =>
      `{ let __r = nd::masked_fill({&0}, ${borrow(c.detail!.mask as At)}, ${operand(c, 'value', false)})?; nd::write_into({&0}, &__r)?; {&0}.clone() }`,
  },
  'tuple.values': { field: () => '({0}).0' },
  'tuple.indices': { field: () => '({0}).1' },
  'torch.cat': { cat: (c) => `nd::cat(${arraysCode(c)}, ${dimOr(c, '0')})?` },
  'torch.manual_seed': { seed: (c) => `nd::manual_seed(${own(c.detail!.seed as At)})` },
  'torch.Generator': { new: () => 'nd::Generator::new()' },
  'torch.Generator.manual_seed': { seed: (c) => `{&0}.manual_seed(${own(c.detail!.seed as At)})` },
});
