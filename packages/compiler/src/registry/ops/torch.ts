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
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, extendOp, type OpTest, type ResolveResult } from '../registry';
import {
  arrayRef,
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
  nd,
  ok,
  own,
  ownedOr,
  shapeArg,
  shapeCode,
  shapeResult,
  shiftAt,
  spellAstype,
  spellClip,
  spellGetitem,
  spellItem,
  spellMatmul,
  spellReshape,
  spellShape,
  spellTolist,
  spellTranspose,
  tolistResolve,
} from './numpy';
import { RECORDED } from './torch.recorded';

type Arr = Extract<Type, { kind: 'ndarray' }>;
const err = (e: unknown): e is { error: string } => typeof e === 'object' && e !== null && 'error' in e;
const TT = 'torch.Tensor';
const IMPORTS = ['import torch', 'import torch.nn.functional as F'];

/** A test CPython runs through a numpy `reference` expression instead of the torch snippet. */
function viaNumpy(t: Omit<OpTest, 'imports'> & { reference: string }): OpTest {
  return { ...t, imports: IMPORTS };
}

/** The key of a recorded test in torch.recorded.ts. */
export function recordKey(t: Pick<OpTest, 'params' | 'expr' | 'body'>): string {
  return `${Object.entries(t.params)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} -> ${t.expr ?? t.body}`;
}

/** A test whose expected outcomes come from PyTorch, recorded once. */
function recorded(t: Omit<OpTest, 'imports' | 'recorded'>): OpTest {
  return { ...t, imports: IMPORTS, recorded: RECORDED[recordKey(t)] ?? [] };
}

const F2x3 = nd('float32', [2, 3], [1.0, -2.5, 3.0, 4.0, 0.5, -6.0]);
const F3 = nd('float32', [3], [0.5, 2.0, -1.5]);
const I2x3 = nd('int64', [2, 3], [7, -7, 3, 0, 5, -9]);
/** A (batch 2, tokens 3, hidden 2) output and its attention mask: the mean-pooling shapes. */
const H = nd('float32', [2, 3, 2], [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]);
const M = nd('int64', [2, 3], [1, 1, 0, 1, 0, 0]);

function tmethod(
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
  ['s0', 's1', 's2', 's3'],
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
] as const;
for (const [name, d] of ASTYPES) {
  tmethod(
    name,
    `t.${name}(): a ${d} copy`,
    [],
    (_b, a) => ok('', T.ndarray(d as Dtype, a.rank, 'torch'), [], 'astype'),
    [
      viaNumpy({
        params: { t: TT },
        expr: `t.${name}()`,
        reference: `t.astype(np.${d === 'bool' ? 'bool_' : d})`,
        samples: [[M], [F2x3]],
      }),
    ],
  );
}

function treduce(op: string, a: Arr, dim: Bound | undefined, keep: Bound | undefined): ResolveResult {
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
] as const;
for (const [name, op] of REDUCTIONS) {
  tmethod(
    name,
    `t.${name}(dim=None, keepdim=False)`,
    ['dim', 'keepdim'],
    (b, a) => treduce(op, a, b.get('dim'), b.get('keepdim')),
    [
      viaNumpy({ params: { t: TT }, expr: `t.${name}(1)`, reference: `t.${name}(1)`, samples: [[F2x3], [H]] }),
      viaNumpy({
        params: { t: TT },
        expr: `t.${name}(dim=0, keepdim=True)`,
        reference: `t.${name}(axis=0, keepdims=True)`,
        samples: [[F2x3]],
      }),
      viaNumpy({ params: { t: TT }, expr: `t.${name}()`, reference: `t.${name}()`, samples: [[F2x3]] }),
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
    const dtype = a.t.dtype === 'int64' || a.t.dtype === 'bool' ? 'float32' : a.t.dtype;
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
  ['s0', 's1', 's2', 's3'],
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

// ---- Spellings: the Rust of each variant the rules above choose ------------------------------

/** A float argument of F.normalize: the default when absent, an int converted. */
function floatArg(c: OpChoice, key: string, dflt: string): string {
  const at = c.detail![key] as At | undefined;
  if (at === undefined) return dflt;
  return (c.detail!.ints as At[]).includes(at) ? `(${own(at)} as f64)` : own(at);
}

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
      };
      return [
        [`torch.Tensor.${name}`, spell],
        [`torch.${name}`, spell],
      ];
    }),
  ),
  'torch.Tensor.clamp': spellClip,
  'torch.clamp': spellClip,
  'torch.nn.functional.normalize': {
    normalize: (c) =>
      `nd::normalize(${borrow(c.detail!.input as At)}, ${floatArg(c, 'p', '2.0')}, ${ownedOr(c, 'dim', '1')}, ${floatArg(c, 'eps', '1e-12')})?`,
  },
  'torch.nn.functional.linear': {
    linear: (c) => {
      const bias = c.detail!.bias as At | undefined;
      return `nd::linear(${borrow(c.detail!.input as At)}, ${borrow(c.detail!.weight as At)}, ${bias === undefined ? 'None' : `Some(${borrow(bias)})`})?`;
    },
  },
  ...Object.fromEntries(SAME_DATA.map((name) => [`torch.Tensor.${name}`, { same: () => '{0}' }])),
  'torch.Tensor.tolist': spellTolist,
  'torch.Tensor.reshape': spellReshape,
  'torch.Tensor.transpose': {
    swapaxes: (c) => `nd::swapaxes({&0}, ${own(c.detail!.dim0 as At)}, ${own(c.detail!.dim1 as At)})?`,
  },
  'torch.Tensor.item': spellItem,
  'torch.Tensor.matmul': { matmul: (c) => `nd::matmul({&0}, ${borrow(c.detail!.other as At)})?` },
  'torch.Tensor.T': spellTranspose,
  'torch.matmul': spellMatmul,
});
