/**
 * torch's in-place tensor methods (`t.div_(temperature)`, `probs.clamp_(min=eps)`, `x.sub_(mean).div_(std)`,
 * `counts.scatter_add_(0, ids, ones)`): each is its out-of-place method computed and written back into the tensor's
 * own storage (`nd::write_into`), so every name holding the tensor sees the change, and the call gives the tensor
 * back, as torch does. The out-of-place rule decides the arguments and the result; an in-place call keeps the
 * tensor's dtype and shape, so a result of another dtype (an int tensor's `div_`) is torch's RuntimeError here at
 * compile time, and one of another rank (a broadcast that grows the tensor) too.
 */
import { type Type, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineOp, lookupOp, type OpTest } from '../registry';
import { isArr, nd } from './numpy';
import { F2x3, F3, I2x3, recorded, TT } from './torch';

/** The methods whose in-place form is the out-of-place one written back, with a test each. */
const INPLACE: [string, OpTest[]][] = [
  [
    'add',
    [recorded({ params: { t: TT, u: TT }, body: 'a = t\nt.add_(u)\nt.add_(2)\nreturn a, t', samples: [[F2x3, F3]] })],
  ],
  ['sub', [recorded({ params: { t: TT }, body: 'a = t\nr = t.sub_(1.5)\nreturn a, r', samples: [[F2x3]] })]],
  [
    'mul',
    [
      recorded({
        params: { t: TT, u: TT },
        body: 'a = t\nt.mul_(u)\nreturn a',
        samples: [
          [F2x3, F3],
          [I2x3, I2x3],
        ],
      }),
    ],
  ],
  [
    'div',
    [
      recorded({ params: { t: TT }, body: 'a = t\nt.div_(0.5)\nreturn a', samples: [[F2x3]] }),
      recorded({ params: { t: TT, u: TT }, body: 't.sub_(u.mean()).div_(u.std())\nreturn t', samples: [[F2x3, F3]] }),
    ],
  ],
  ['pow', [recorded({ params: { t: TT }, body: 'a = t\nt.pow_(2)\nreturn a', samples: [[F2x3], [I2x3]] })]],
  [
    'clamp',
    [recorded({ params: { t: TT }, body: 'a = t\nt.clamp_(min=-1.0, max=2.0)\nreturn a', samples: [[F2x3], [I2x3]] })],
  ],
  ['clamp_min', [recorded({ params: { t: TT }, body: 'a = t\nt.clamp_min_(0.5)\nreturn a', samples: [[F2x3]] })]],
  ['clamp_max', [recorded({ params: { t: TT }, body: 'a = t\nt.clamp_max_(0.5)\nreturn a', samples: [[F2x3]] })]],
  ...['abs', 'neg', 'sign', 'floor', 'ceil', 'round', 'trunc'].map((n): [string, OpTest[]] => [
    n,
    [recorded({ params: { t: TT }, body: `a = t\nt.${n}_()\nreturn a`, samples: [[F2x3], [I2x3]] })],
  ]),
  ...['exp', 'log', 'sqrt', 'sigmoid', 'tanh', 'relu', 'log1p', 'expm1', 'reciprocal', 'rsqrt', 'square'].map(
    (n): [string, OpTest[]] => [
      n,
      [
        recorded({
          params: { t: TT },
          body: `a = t\nt.${n}_()\nreturn a`,
          samples: [[nd('float32', [2, 2], [0.25, 1.5, 4, 9])]],
        }),
      ],
    ],
  ),
  ['nan_to_num', [recorded({ params: { t: TT }, body: 'a = t\nt.nan_to_num_(0.0)\nreturn a', samples: [[F2x3]] })]],
  // registry/ops/torch_index.ts: counting ids into a histogram, adding rows, blanking columns.
  [
    'scatter_add',
    [
      recorded({
        params: { t: TT, i: TT, s: TT },
        body: 'a = t\nr = t.scatter_add_(0, i, s)\nreturn a, r',
        samples: [
          [nd('float32', [4], [0, 0, 0, 0]), nd('int64', [5], [1, 3, 1, 0, 1]), nd('float32', [5], [1, 1, 1, 1, 2])],
        ],
      }),
    ],
  ],
  [
    'index_add',
    [
      recorded({
        params: { t: TT, i: TT, s: TT },
        body: 'a = t\nt.index_add_(0, i, s, alpha=-1)\nreturn a',
        samples: [[F2x3, nd('int64', [1], [1]), nd('float32', [1, 3], [1, 1, 1])]],
      }),
    ],
  ],
  [
    'index_fill',
    [
      recorded({
        params: { t: TT, i: TT },
        body: 'a = t\nt.index_fill_(1, i, float("-inf"))\nreturn a',
        samples: [[F2x3, nd('int64', [1], [0])]],
      }),
    ],
  ],
];

const rank = (t: Type): number | undefined => (t.kind === 'ndarray' ? t.rank : undefined);
const dtype = (t: Type): string | undefined => (t.kind === 'ndarray' ? t.dtype : undefined);

for (const [name, tests] of INPLACE) {
  const base = `torch.Tensor.${name}`;
  const id = `${base}_`;
  defineOp({
    id,
    summary: `t.${name}_(...): t.${name}(...) written back into t, which it returns`,
    tests,
    resolve: (args, kw, consts, kwConsts, ctx) => {
      const self = args[0];
      if (!self || !isArr(self)) return { error: `\`${name}_\` is a tensor method` };
      const op = lookupOp(base);
      if (!op) return { error: `\`${name}_\` needs \`${name}\`, which is not supported` };
      const r = op.resolve(args, kw, consts, kwConsts, ctx);
      if ('error' in r) return r;
      const [have, want] = [dtype(r.result), dtype(self)];
      if (have !== undefined && want !== undefined && have !== want)
        return { error: `result type ${typeToString(r.result)} can't be cast to the desired output type ${want}` };
      const [rr, rs] = [rank(r.result), rank(self)];
      if (rr !== undefined && rs !== undefined && rr !== rs)
        return { error: `the result of rank ${rr} does not fit the tensor of rank ${rs} it would be written into` };
      return {
        ...r,
        entry: id,
        result: self,
        variant: 'inplace',
        detail: { ...r.detail, base: r as unknown as string },
      } as unknown as OpChoice;
    },
    spell: {
      // The out-of-place spelling, written back; the call's value is the tensor itself (a handle on its storage).
      inplace: (c) => {
        const b = c.detail!.base as unknown as OpChoice;
        const spell = b.variant === undefined ? undefined : lookupOp(b.entry)?.spell?.[b.variant];
        if (!spell) throw new Error(`${c.entry}: no spelling for ${b.entry} variant ${b.variant}`);
        // The tensor is evaluated once (it may be a call: `t.sub_(m).div_(s)`), then read by the base spelling.
        const body = spell(b)
          .replace(/\{&0\}/g, '(&__t)')
          .replace(/\{0\}/g, '(__t.clone())');
        return `{ let __t = {0}; let __r = ${body}; nd::write_into(&__t, &__r)?; __t }`;
      },
    },
  });
}
