/**
 * `torch.nn.functional`'s losses, as evaluation code scores a model's outputs with them (a perplexity from
 * `F.cross_entropy`, a calibration from `F.binary_cross_entropy`, a distillation gap from `F.kl_div`): the
 * classification losses (`cross_entropy` with class indices or probabilities, `nll_loss`), the binary ones and the
 * regression ones, with `reduction=`, `weight=`, `ignore_index=`, `label_smoothing=` and torch's errors. ingot-tensor
 * computes them (`native-rust/tensor/src/losses.rs`); the reference tests carry outcomes recorded from PyTorch.
 */
import type { Type } from '../../types/types';
import { T, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, type OpEntry, type ResolveResult } from '../registry';
import { type At, bcastRank, bindArgs, type Bound, borrow, isArr, nd, ok, own, promoteArrays } from './numpy';
import { type Arr, err, F2x3, F3, floatTensor, LOGITS, recorded, TT } from './torch';

const REDUCTIONS = ['none', 'mean', 'sum'];

/** The `reduction=` argument: its constant when it has one, checked as torch checks it. */
function reductionArg(b: Bound | undefined, extra: string[] = []): { value?: string; at?: At } | { error: string } {
  if (!b) return { value: 'mean' };
  if (b.t.kind !== 'str') return { error: `reduction must be a str, not ${typeToString(b.t)}` };
  if (b.c?.kind === 'str') {
    if (![...REDUCTIONS, ...extra].includes(b.c.value))
      return { error: `${JSON.stringify(b.c.value)} is not a valid value for reduction` };
    return { value: b.c.value, at: b.at };
  }
  return { at: b.at };
}

/** An optional tensor argument (`weight=`, `pos_weight=`); `None` is no tensor. */
function optionalTensor(b: Bound | undefined, name: string): At | undefined | { error: string } {
  if (!b || b.t.kind === 'none') return undefined;
  if (!isArr(b.t)) return { error: `${name} must be a tensor, not ${typeToString(b.t)}` };
  const bad = floatTensor(b.t, name);
  return bad ?? b.at;
}

/** A float argument (`beta=`, `delta=`, `label_smoothing=`): ints widen. */
function floatArg(b: Bound | undefined, name: string): { at: At; int: boolean } | undefined | { error: string } {
  if (!b) return undefined;
  if (b.t.kind !== 'float' && b.t.kind !== 'int' && b.t.kind !== 'bool')
    return { error: `${name} must be a number, not ${typeToString(b.t)}` };
  return { at: b.at, int: b.t.kind !== 'float' };
}

function tensors(b: Map<string, Bound>, what: string, names: [string, string]): [Arr, Arr] | { error: string } {
  const [x, y] = [b.get(names[0])?.t, b.get(names[1])?.t];
  if (!x || !y || !isArr(x) || !isArr(y)) return { error: `${what} takes two tensors (${names.join(', ')})` };
  return [x, y];
}

/** What every loss binds first: its arguments by name, the legacy `size_average=`/`reduce=` (an error, as in
 * torch 2), the input and target tensors, and `reduction=`. */
function bindLoss(
  name: string,
  names: string[],
  call: Parameters<OpEntry['resolve']>,
  reductions: string[] = [],
): { b: Map<string, Bound>; x: Arr; y: Arr; r: { value?: string; at?: At } } | { error: string } {
  const [args, kw, consts, kwConsts] = call;
  const b = bindArgs(`F.${name}`, names, args, kw, consts, kwConsts);
  if (err(b)) return b;
  for (const legacy of ['size_average', 'reduce'])
    if (b.has(legacy)) return { error: `\`${legacy}\` is deprecated; use reduction=` };
  const xy = tensors(b, `F.${name}`, ['input', 'target']);
  if (err(xy)) return xy;
  const r = reductionArg(b.get('reduction'), reductions);
  if (err(r)) return r;
  return { b, x: xy[0], y: xy[1], r };
}

/** The result of a reduced loss: a 0-d tensor, or with `reduction="none"` one of `rank` (unknown when the reduction
 * is known only at run time). */
function lossType(dtype: Arr['dtype'], reduction: { value?: string }, rank: number | undefined): Type {
  const r = reduction.value === undefined ? undefined : reduction.value === 'none' ? rank : 0;
  return T.ndarray(dtype, r, 'torch');
}

const reductionCode = (c: OpChoice): string => {
  const at = c.detail!.reductionAt as At | undefined;
  return at === undefined ? '"mean"' : borrow(at);
};
const optCode = (c: OpChoice, key: string): string => {
  const at = c.detail![key] as At | undefined;
  return at === undefined ? 'None' : `Some(${borrow(at)})`;
};
const floatCode = (c: OpChoice, key: string, dflt: string): string => {
  const at = c.detail![`${key}At`] as At | undefined;
  return at === undefined ? dflt : c.detail![`${key}Int`] ? `(${own(at)} as f64)` : own(at);
};
/** A float argument as the detail `floatCode` reads. */
const floatDetail = (key: string, f: { at: At; int: boolean } | undefined): Record<string, At | boolean> =>
  f === undefined ? {} : { [`${key}At`]: f.at, [`${key}Int`]: f.int };

// ---- classification -----------------------------------------------------------------------------------------

const LABELS = nd('int64', [2], [2, 0]);
const PROBS = nd('float32', [2, 3], [0.1, 0.2, 0.7, 0.5, 0.25, 0.25]);
const X2x3 = nd('float32', [2, 3], [1.0, 2.0, 0.5, 0.1, -1.0, 3.0]);
const SEQ = nd('float32', [1, 3, 2], [1.0, 2.0, 0.5, 0.1, -1.0, 3.0]);

for (const [name, names] of [
  [
    'cross_entropy',
    ['input', 'target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
  ],
  ['nll_loss', ['input', 'target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction']],
] as const) {
  const id = `torch.nn.functional.${name}`;
  const tests =
    name === 'cross_entropy'
      ? [
          recorded({
            params: { x: TT, y: TT },
            expr: 'F.cross_entropy(x, y)',
            samples: [
              [X2x3, LABELS],
              [F3, nd('int64', [], [1])],
              [LOGITS, nd('int64', [], [1])],
            ],
          }),
          recorded({
            params: { x: TT, y: TT },
            expr: 'F.cross_entropy(x, y, reduction="none")',
            samples: [
              [X2x3, LABELS],
              [X2x3, nd('int64', [2], [2, 5])],
              [X2x3, nd('int64', [3], [0, 1, 2])],
            ],
          }),
          recorded({
            params: { x: TT, y: TT },
            expr: 'F.cross_entropy(x, y, ignore_index=0, reduction="sum")',
            samples: [
              [X2x3, LABELS],
              [X2x3, nd('int64', [2], [0, 0])],
            ],
          }),
          recorded({
            params: { x: TT, y: TT, w: TT },
            expr: 'F.cross_entropy(x, y, weight=w, label_smoothing=0.1)',
            samples: [
              [X2x3, LABELS, nd('float32', [3], [1.0, 2.0, 0.5])],
              [X2x3, LABELS, nd('float32', [2], [1, 2])],
            ],
          }),
          recorded({
            params: { x: TT, y: TT },
            expr: 'F.cross_entropy(x, y, label_smoothing=0.2, reduction="none").tolist()',
            samples: [[X2x3, nd('int64', [2], [2, -100])]],
          }),
          recorded({ params: { x: TT, p: TT }, expr: 'F.cross_entropy(x, p)', samples: [[X2x3, PROBS]] }),
          recorded({
            params: { x: TT, p: TT },
            expr: 'F.cross_entropy(x, p, reduction="none", label_smoothing=0.3)',
            samples: [[X2x3, PROBS]],
          }),
          recorded({
            params: { x: TT, y: TT },
            expr: 'F.cross_entropy(x, y, reduction="none").tolist()',
            samples: [
              [SEQ, nd('int64', [1, 2], [0, 2])],
              [SEQ, nd('int64', [1, 3], [0, 2, 1])],
            ],
          }),
          recorded({
            params: { x: TT, y: TT },
            body: 'logits = x[:-1]\nreturn math.exp(F.cross_entropy(logits, y[1:]).item())',
            samples: [
              [nd('float32', [3, 3], [0.5, 2.0, -1.0, 1.5, 0.2, 0.3, 0.1, 0.1, 0.1]), nd('int64', [3], [0, 1, 2])],
            ],
          }),
          recorded({
            params: { x: TT, y: TT },
            expr: 'F.cross_entropy(x, y.float())',
            samples: [[X2x3, LABELS]],
          }),
        ]
      : [
          recorded({
            params: { x: TT, y: TT },
            expr: 'F.nll_loss(F.log_softmax(x, dim=-1), y)',
            samples: [
              [X2x3, LABELS],
              [X2x3, nd('int64', [2], [3, 0])],
            ],
          }),
          recorded({ params: { x: TT, y: TT }, expr: 'F.nll_loss(x, y, reduction="none")', samples: [[X2x3, LABELS]] }),
          recorded({
            params: { x: TT, y: TT, w: TT },
            expr: 'F.nll_loss(x, y, weight=w, ignore_index=2)',
            samples: [[X2x3, nd('int64', [2], [1, 0]), F3]],
          }),
        ];
  defineOp({
    id,
    summary: `F.${name}(input, target, weight=None, ignore_index=-100, reduction="mean"${name === 'cross_entropy' ? ', label_smoothing=0.0' : ''}): class indices${name === 'cross_entropy' ? ' or probabilities' : ''}, torch's errors`,
    tests,
    resolve: (...call): ResolveResult => {
      const bound = bindLoss(name, [...names], call);
      if (err(bound)) return bound;
      const { b, x, r } = bound;
      const bad = floatTensor(x, name);
      if (bad) return bad;
      const weight = optionalTensor(b.get('weight'), 'weight');
      if (err(weight)) return weight;
      const ignore = b.get('ignore_index');
      if (ignore && ignore.t.kind !== 'int')
        return { error: `ignore_index must be an int, not ${typeToString(ignore.t)}` };
      const smoothing = floatArg(b.get('label_smoothing'), 'label_smoothing');
      if (err(smoothing)) return smoothing;
      // With probabilities the per-position result drops the class dimension too.
      const rank = x.rank === undefined ? undefined : Math.max(x.rank - 1, 0);
      return ok(id, lossType(x.dtype, r, rank), call[0], 'loss', {
        input: b.get('input')!.at,
        target: b.get('target')!.at,
        weight,
        ignore: ignore?.at,
        reductionAt: r.at,
        ...floatDetail('smoothing', smoothing),
      });
    },
  });
}

// ---- binary classification ----------------------------------------------------------------------------------

const P2x3 = nd('float32', [2, 3], [0.9, 0.2, 0.5, 0.01, 0.7, 0.35]);
const T2x3 = nd('float32', [2, 3], [1, 0, 1, 0, 1, 0]);

/** `F.binary_cross_entropy` and `F.binary_cross_entropy_with_logits` (which also takes `pos_weight=`). */
function binaryLoss(name: string, withPosWeight: boolean): OpEntry['resolve'] {
  const id = `torch.nn.functional.${name}`;
  const names = [
    'input',
    'target',
    'weight',
    'size_average',
    'reduce',
    'reduction',
    ...(withPosWeight ? ['pos_weight'] : []),
  ];
  return (...call) => {
    const bound = bindLoss(name, names, call);
    if (err(bound)) return bound;
    const { b, x, y, r } = bound;
    for (const t of [x, y]) {
      const bad = floatTensor(t, name);
      if (bad) return bad;
    }
    const weight = optionalTensor(b.get('weight'), 'weight');
    if (err(weight)) return weight;
    const posWeight = optionalTensor(b.get('pos_weight'), 'pos_weight');
    if (err(posWeight)) return posWeight;
    return ok(id, lossType(promoteArrays(x.dtype, y.dtype, 'torch'), r, x.rank), call[0], 'loss', {
      input: b.get('input')!.at,
      target: b.get('target')!.at,
      weight,
      posWeight,
      reductionAt: r.at,
    });
  };
}

defineOp({
  id: 'torch.nn.functional.binary_cross_entropy',
  summary: 'F.binary_cross_entropy(input, target, weight=None, reduction="mean"): logs clamped at -100',
  tests: [
    recorded({
      params: { p: TT, t: TT },
      expr: 'F.binary_cross_entropy(p, t)',
      samples: [
        [P2x3, T2x3],
        [F2x3, T2x3],
      ],
    }),
    recorded({
      params: { p: TT, t: TT },
      expr: 'F.binary_cross_entropy(p, t, reduction="none")',
      samples: [
        [nd('float32', [2], [0, 1]), nd('float32', [2], [1, 1])],
        [P2x3, F3],
      ],
    }),
    recorded({
      params: { p: TT, t: TT, w: TT },
      expr: 'F.binary_cross_entropy(p, t, weight=w, reduction="sum")',
      samples: [[P2x3, T2x3, nd('float32', [3], [2, 0.5, 1])]],
    }),
  ],
  resolve: binaryLoss('binary_cross_entropy', false),
});

defineOp({
  id: 'torch.nn.functional.binary_cross_entropy_with_logits',
  summary: 'F.binary_cross_entropy_with_logits(input, target, weight=None, reduction="mean", pos_weight=None)',
  tests: [
    recorded({
      params: { x: TT, t: TT },
      expr: 'F.binary_cross_entropy_with_logits(x, t)',
      samples: [
        [F2x3, T2x3],
        [nd('float32', [2], [100, -3]), nd('float32', [2], [0, 1])],
        [F2x3, F3],
      ],
    }),
    recorded({
      params: { x: TT, t: TT, pw: TT },
      expr: 'F.binary_cross_entropy_with_logits(x, t, pos_weight=pw, reduction="none")',
      samples: [[F2x3, T2x3, nd('float32', [3], [2, 1, 0.5])]],
    }),
    recorded({
      params: { x: TT, t: TT, w: TT },
      expr: 'F.binary_cross_entropy_with_logits(x, t, weight=w, reduction="sum")',
      samples: [[F2x3, T2x3, nd('float32', [2, 1], [1, 3])]],
    }),
  ],
  resolve: binaryLoss('binary_cross_entropy_with_logits', true),
});

// ---- regression and divergence ------------------------------------------------------------------------------

const Y2x3 = nd('float32', [2, 3], [1.5, -2.0, 1.0, 4.5, 0.5, -3.0]);

for (const [name, extra, tests] of [
  [
    'mse_loss',
    [],
    [
      recorded({
        params: { x: TT, y: TT },
        expr: 'F.mse_loss(x, y)',
        samples: [
          [F2x3, Y2x3],
          [F2x3, F3],
        ],
      }),
      recorded({ params: { x: TT, y: TT }, expr: 'F.mse_loss(x, y, reduction="none")', samples: [[F2x3, Y2x3]] }),
      recorded({ params: { x: TT, y: TT }, expr: 'F.mse_loss(x, y.long(), reduction="sum")', samples: [[F2x3, Y2x3]] }),
    ],
  ],
  [
    'l1_loss',
    [],
    [
      recorded({
        params: { x: TT, y: TT },
        expr: 'F.l1_loss(x, y)',
        samples: [
          [F2x3, Y2x3],
          [F2x3, nd('float32', [2, 1], [1, -1])],
        ],
      }),
      recorded({ params: { x: TT, y: TT }, expr: 'F.l1_loss(x, y, reduction="sum")', samples: [[F2x3, Y2x3]] }),
    ],
  ],
  [
    'smooth_l1_loss',
    ['beta'],
    [
      recorded({ params: { x: TT, y: TT }, expr: 'F.smooth_l1_loss(x, y)', samples: [[F2x3, Y2x3]] }),
      recorded({
        params: { x: TT, y: TT },
        expr: 'F.smooth_l1_loss(x, y, beta=2.5, reduction="none")',
        samples: [[F2x3, Y2x3]],
      }),
      recorded({ params: { x: TT, y: TT }, expr: 'F.smooth_l1_loss(x, y, beta=0)', samples: [[F2x3, Y2x3]] }),
      recorded({
        params: { x: TT, y: TT, b: 'float' },
        expr: 'F.smooth_l1_loss(x, y, beta=b)',
        samples: [[F2x3, Y2x3, -0.5]],
      }),
    ],
  ],
  [
    'huber_loss',
    ['delta'],
    [
      recorded({ params: { x: TT, y: TT }, expr: 'F.huber_loss(x, y)', samples: [[F2x3, Y2x3]] }),
      recorded({
        params: { x: TT, y: TT, d: 'float' },
        expr: 'F.huber_loss(x, y, delta=d, reduction="sum")',
        samples: [
          [F2x3, Y2x3, 2.5],
          [F2x3, Y2x3, -1.5],
        ],
      }),
    ],
  ],
  [
    'kl_div',
    ['log_target'],
    [
      recorded({
        params: { x: TT, y: TT },
        expr: 'F.kl_div(F.log_softmax(x, dim=-1), F.softmax(y, dim=-1), reduction="batchmean")',
        samples: [[F2x3, Y2x3]],
      }),
      recorded({
        params: { x: TT, y: TT },
        expr: 'F.kl_div(x, y, reduction="sum")',
        samples: [
          [nd('float32', [2], [-1, -2]), nd('float32', [2], [0.5, 0])],
          [nd('float32', [2], [-1, -2]), nd('float32', [2], [0.5, -0.5])],
        ],
      }),
      recorded({
        params: { x: TT, y: TT },
        expr: 'F.kl_div(x, y, reduction="none", log_target=True)',
        samples: [[nd('float32', [2], [-1, -2]), nd('float32', [2], [-0.5, -0.7])]],
      }),
    ],
  ],
] as [string, string[], ReturnType<typeof recorded>[]][]) {
  const id = `torch.nn.functional.${name}`;
  const names = ['input', 'target', 'size_average', 'reduce', 'reduction', ...extra];
  defineOp({
    id,
    summary: `F.${name}(input, target, reduction="mean"${extra.map((e) => `, ${e}=`).join('')}): with broadcasting`,
    tests,
    resolve: (...call) => {
      const bound = bindLoss(name, names, call, name === 'kl_div' ? ['batchmean'] : []);
      if (err(bound)) return bound;
      const { b, x, y, r } = bound;
      const dtype = promoteArrays(x.dtype, y.dtype, 'torch');
      if (dtype !== undefined && dtype !== 'float32' && dtype !== 'float64')
        return { error: `F.${name} needs a float tensor (torch has no ${dtype} ${name}); convert with .float()` };
      const param = extra[0] === undefined ? undefined : b.get(extra[0]);
      let detail: Record<string, At | boolean | undefined> = {};
      if (name === 'kl_div') {
        if (param && param.t.kind !== 'bool') return { error: 'log_target must be a bool' };
        detail = { logTarget: param?.at };
      } else if (extra.length > 0) {
        const f = floatArg(param, extra[0]!);
        if (err(f)) return f;
        detail = floatDetail('param', f);
      }
      return ok(id, lossType(dtype, r, bcastRank(x, y)), call[0], 'loss', {
        input: b.get('input')!.at,
        target: b.get('target')!.at,
        reductionAt: r.at,
        ...detail,
      });
    },
  });
}

const io = (c: OpChoice): string => `${borrow(c.detail!.input as At)}, ${borrow(c.detail!.target as At)}`;

defineSpellings({
  'torch.nn.functional.cross_entropy': {
    loss: (c) =>
      `nd::cross_entropy(${io(c)}, ${optCode(c, 'weight')}, ${c.detail!.ignore === undefined ? '-100' : own(c.detail!.ignore as At)}, ${reductionCode(c)}, ${floatCode(c, 'smoothing', '0.0')})?`,
  },
  'torch.nn.functional.nll_loss': {
    loss: (c) =>
      `nd::nll_loss(${io(c)}, ${optCode(c, 'weight')}, ${c.detail!.ignore === undefined ? '-100' : own(c.detail!.ignore as At)}, ${reductionCode(c)})?`,
  },
  'torch.nn.functional.binary_cross_entropy': {
    loss: (c) => `nd::binary_cross_entropy(${io(c)}, ${optCode(c, 'weight')}, ${reductionCode(c)})?`,
  },
  'torch.nn.functional.binary_cross_entropy_with_logits': {
    loss: (c) =>
      `nd::binary_cross_entropy_with_logits(${io(c)}, ${optCode(c, 'weight')}, ${reductionCode(c)}, ${optCode(c, 'posWeight')})?`,
  },
  'torch.nn.functional.mse_loss': { loss: (c) => `nd::mse_loss(${io(c)}, ${reductionCode(c)})?` },
  'torch.nn.functional.l1_loss': { loss: (c) => `nd::l1_loss(${io(c)}, ${reductionCode(c)})?` },
  'torch.nn.functional.smooth_l1_loss': {
    loss: (c) => `nd::smooth_l1_loss(${io(c)}, ${reductionCode(c)}, ${floatCode(c, 'param', '1.0')})?`,
  },
  'torch.nn.functional.huber_loss': {
    loss: (c) => `nd::huber_loss(${io(c)}, ${reductionCode(c)}, ${floatCode(c, 'param', '1.0')})?`,
  },
  'torch.nn.functional.kl_div': {
    loss: (c) =>
      `nd::kl_div(${io(c)}, ${reductionCode(c)}, ${c.detail!.logTarget === undefined ? 'false' : own(c.detail!.logTarget as At)})?`,
  },
});
