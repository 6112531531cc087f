/**
 * torch's indexed accumulation and fills beside `scatter`/`gather`, as code counts token ids or masks rows:
 * `scatter_add(dim, index, src)`, `index_add(dim, index, source, alpha=1)` and `index_fill(dim, index, value)`,
 * each as `torch.X(t, ...)` and `t.X(...)`, computed by `native-rust/tensor/src/torch_index.rs`; the in-place
 * `t.scatter_add_`, `t.index_add_` and `t.index_fill_` are these written back (`ops/torch_inplace.ts`).
 */
import { typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineSpellings, type ResolveResult } from '../registry';
import { type At, type Bound, isArr, nd, ok } from './numpy';
import { err, F2x3, I2x3, intArg, recorded, tboth, TT } from './torch';

type Arr = Extract<import('../../types/types').Type, { kind: 'ndarray' }>;

function dimIndex(b: Map<string, Bound>, vector: boolean): { dim: At; index: At } | { error: string } {
  const d = intArg(b.get('dim'), 'dim');
  if (err(d)) return d;
  const ix = b.get('index');
  if (d === undefined || !ix) return { error: 'pass `dim` and `index`' };
  if (!isArr(ix.t) || (ix.t.dtype !== undefined && ix.t.dtype !== 'int64'))
    return { error: `index must be an int64 tensor, not ${typeToString(ix.t)}` };
  if (vector && ix.t.rank !== undefined && ix.t.rank > 1) return { error: 'Index is supposed to be a vector' };
  return { dim: d, index: ix.at };
}

function tensorSrc(b: Bound | undefined, a: Arr, what: string): At | { error: string } {
  if (!b || !isArr(b.t)) return { error: `${what} must be a tensor` };
  if (a.dtype !== undefined && b.t.dtype !== undefined && a.dtype !== b.t.dtype)
    return { error: `${what}'s dtype ${b.t.dtype} differs from the tensor's ${a.dtype} (torch raises a RuntimeError)` };
  return b.at;
}

const scatterAdd = (b: Map<string, Bound>, a: Arr): ResolveResult => {
  const r = dimIndex(b, false);
  if (err(r)) return r;
  const src = tensorSrc(b.get('src'), a, 'src');
  if (err(src)) return src;
  return ok('', a, [], 'scatter_add', { ...r, src });
};

const indexAdd = (b: Map<string, Bound>, a: Arr): ResolveResult => {
  const r = dimIndex(b, true);
  if (err(r)) return r;
  const src = tensorSrc(b.get('source'), a, 'source');
  if (err(src)) return src;
  const al = b.get('alpha');
  if (al && al.t.kind !== 'int' && al.t.kind !== 'float') return { error: 'alpha must be a number' };
  return ok('', a, [], 'index_add', { ...r, src, alpha: al?.at, alphaInt: al?.t.kind === 'int' });
};

const indexFill = (b: Map<string, Bound>, a: Arr): ResolveResult => {
  const r = dimIndex(b, true);
  if (err(r)) return r;
  const v = b.get('value');
  if (!v || (v.t.kind !== 'int' && v.t.kind !== 'float' && v.t.kind !== 'bool'))
    return { error: 'index_fill takes a number for value' };
  return ok('', a, [], 'index_fill', { ...r, value: v.at, valueKind: v.t.kind });
};

const COUNTS = nd('float32', [5], [0, 0, 0, 0, 0]);
const IDS = nd('int64', [6], [1, 3, 1, 4, 1, 0]);
const ONES = nd('float32', [6], [1, 1, 1, 1, 1, 0.5]);

tboth('scatter_add', 'dim, index, src', ['dim', 'index', 'src'], scatterAdd, {
  fn: [
    recorded({
      params: { t: TT, i: TT, s: TT },
      expr: 'torch.scatter_add(t, 0, i, s)',
      samples: [[COUNTS, IDS, ONES]],
    }),
  ],
  method: [
    recorded({
      params: { t: TT, i: TT, s: TT },
      expr: 't.scatter_add(1, i, s)',
      samples: [
        [F2x3, nd('int64', [2, 2], [0, 0, 2, 1]), nd('float32', [2, 2], [1.5, 2.5, -1, 4])],
        [F2x3, nd('int64', [2, 2], [0, 3, 2, 1]), nd('float32', [2, 2], [1.5, 2.5, -1, 4])],
        [I2x3, nd('int64', [1, 3], [1, 1, 0]), nd('int64', [1, 3], [10, 20, 30])],
      ],
    }),
  ],
});

tboth('index_add', 'dim, index, source, alpha=1', ['dim', 'index', 'source', 'alpha'], indexAdd, {
  fn: [
    recorded({
      params: { t: TT, i: TT, s: TT },
      expr: 'torch.index_add(t, 0, i, s, alpha=2)',
      samples: [[F2x3, nd('int64', [2], [1, 1]), nd('float32', [2, 3], [1, 2, 3, 4, 5, 6])]],
    }),
  ],
  method: [
    recorded({
      params: { t: TT, i: TT, s: TT },
      expr: 't.index_add(1, i, s)',
      samples: [
        [F2x3, nd('int64', [2], [2, 0]), nd('float32', [2, 2], [1, 2, 3, 4])],
        [F2x3, nd('int64', [2], [2, 5]), nd('float32', [2, 2], [1, 2, 3, 4])],
        [F2x3, nd('int64', [1], [-1]), nd('float32', [2, 2], [1, 2, 3, 4])],
        [I2x3, nd('int64', [1], [0]), nd('int64', [2, 1], [100, 200])],
      ],
    }),
  ],
});

tboth('index_fill', 'dim, index, value', ['dim', 'index', 'value'], indexFill, {
  fn: [
    recorded({
      params: { t: TT, i: TT },
      expr: 'torch.index_fill(t, 1, i, -1.5)',
      samples: [[F2x3, nd('int64', [2], [0, 2])]],
    }),
  ],
  method: [
    recorded({
      params: { t: TT, i: TT },
      expr: 't.index_fill(0, i, 0)',
      samples: [
        [I2x3, nd('int64', [1], [1])],
        [F2x3, nd('int64', [2], [-1, 0])],
        [F2x3, nd('int64', [1], [2])],
      ],
    }),
  ],
});

const at = (c: OpChoice, k: string): string => `{&${c.detail![k] as At}}`;
const own = (c: OpChoice, k: string): string => `{${c.detail![k] as At}}`;

const spellings = {
  scatter_add: {
    scatter_add: (c: OpChoice) =>
      `nd::scatter_add(${at(c, 'input')}, ${own(c, 'dim')}, ${at(c, 'index')}, ${at(c, 'src')})?`,
  },
  index_add: {
    index_add: (c: OpChoice) =>
      `nd::index_add(${at(c, 'input')}, ${own(c, 'dim')}, ${at(c, 'index')}, ${at(c, 'src')}, ${c.detail!.alpha === undefined ? '1.0' : c.detail!.alphaInt ? `(${own(c, 'alpha')} as f64)` : own(c, 'alpha')})?`,
  },
  index_fill: {
    index_fill: (c: OpChoice) =>
      `nd::index_fill(${at(c, 'input')}, ${own(c, 'dim')}, ${at(c, 'index')}, ${c.detail!.valueKind === 'float' ? own(c, 'value') : `(${own(c, 'value')} as i64 as f64)`})?`,
  },
};

defineSpellings(
  Object.fromEntries(
    Object.entries(spellings).flatMap(([name, s]) => [
      [`torch.${name}`, s],
      [`torch.Tensor.${name}`, s],
    ]),
  ),
);
