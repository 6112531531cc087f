/**
 * einops' `rearrange`, `repeat` and `reduce` on numpy arrays and torch tensors, as code around a model reshapes
 * its inputs and outputs (`"b h w c -> b c h w"`, `"(h p1) (w p2) c -> (h w) (p1 p2 c)"`, `"b s -> (b k) s"`,
 * `"c h w -> c"` with `"mean"`), the axis lengths as keywords. The pattern is parsed at compile time for the
 * result's rank, and at run time by ingot-tensor (`native-rust/tensor/src/einops.rs`), which makes einops'
 * checks and raises its `EinopsError`s.
 */
import { type Dtype, T, type Type, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, type OpTest } from '../registry';
import { type At, isArr, nd, ok, own, pyScalarOf } from './numpy';

const IMPORTS = ['import einops'];
const test = (t: Omit<OpTest, 'imports'>): OpTest => ({ ...t, imports: IMPORTS });
const NP = 'np.ndarray';

/** The top-level elements of one side of a pattern, and where its ellipsis is (undefined: none). */
function sideTops(s: string): { tops: number; ellipsisTop: boolean } | undefined {
  let depth = 0;
  let tops = 0;
  let ellipsisTop = false;
  for (const tok of s.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').split(/\s+/).filter(Boolean)) {
    if (tok === '(') {
      if (depth > 0) return undefined;
      depth++;
      tops++;
    } else if (tok === ')') {
      if (depth === 0) return undefined;
      depth--;
    } else if (depth === 0) {
      tops++;
      if (tok === '...') ellipsisTop = true;
    }
  }
  return depth === 0 ? { tops, ellipsisTop } : undefined;
}

/** The output rank a literal pattern gives an input of rank `rank` (undefined when it cannot be told). */
export function einopsRank(pattern: string, rank: number | undefined): number | undefined {
  const parts = pattern.split('->');
  if (parts.length !== 2) return undefined;
  const l = sideTops(parts[0]!);
  const r = sideTops(parts[1]!);
  if (!l || !r) return undefined;
  if (!r.ellipsisTop) return r.tops;
  if (rank === undefined || !l.ellipsisTop) return undefined;
  return r.tops - 1 + (rank - (l.tops - 1));
}

function reducedDtype(d: Dtype | undefined, reduction: string | undefined): Dtype | undefined {
  if (d === undefined || reduction === undefined) return undefined;
  if (reduction === 'any' || reduction === 'all') return 'bool';
  if (reduction === 'sum' || reduction === 'prod') return d === 'bool' || !d.startsWith('float') ? 'int64' : d;
  return d;
}

for (const kind of ['rearrange', 'repeat', 'reduce'] as const) {
  const id = `einops.${kind}`;
  defineOp({
    id,
    summary: `einops.${kind}(tensor, pattern${kind === 'reduce' ? ', reduction' : ''}, **axes_lengths) on a numpy array or torch tensor, with einops' EinopsError`,
    resolve: (args, kw, consts, kwConsts) => {
      const x = args[0];
      if (!x) return { error: `einops.${kind} takes a tensor and a pattern` };
      if (!isArr(x))
        return {
          error: `einops.${kind} takes a numpy array or torch tensor, not ${typeToString(x)} (a list of arrays is stacked by einops: np.stack it first)`,
        };
      const pattern: Type | undefined = args[1] ?? kw.get('pattern');
      if (!pattern || pattern.kind !== 'str') return { error: 'the pattern must be a str' };
      const patAt: At = args[1] ? '1' : 'kw:pattern';
      const patC = args[1] ? consts?.[1] : kwConsts?.get('pattern');
      let redAt: At | undefined;
      let redC: string | undefined;
      if (kind === 'reduce') {
        const r = args[2] ?? kw.get('reduction');
        if (!r) return { error: "einops.reduce() missing 1 required positional argument: 'reduction'" };
        if (r.kind !== 'str') return { error: 'a reduction other than a name (a callable) is not supported' };
        redAt = args[2] ? '2' : 'kw:reduction';
        const c = args[2] ? consts?.[2] : kwConsts?.get('reduction');
        if (c?.kind === 'str') redC = c.value;
      }
      if (args.length > (kind === 'reduce' ? 3 : 2))
        return { error: `einops.${kind} takes the axis lengths as keywords` };
      const sizes: string[] = [];
      for (const [k, t] of kw) {
        if (k === 'pattern' || (kind === 'reduce' && k === 'reduction')) continue;
        if (t.kind !== 'int') return { error: `the length of axis ${k} must be an int, not ${typeToString(t)}` };
        sizes.push(k);
      }
      const rank = patC?.kind === 'str' ? einopsRank(patC.value, x.rank) : undefined;
      const dtype = kind === 'reduce' ? reducedDtype(x.dtype, redC) : x.dtype;
      const detail = { pattern: patAt, reduction: redAt, sizes };
      if (rank === 0 && x.flavor !== 'torch')
        return ok(id, pyScalarOf(dtype).type, args, 'scalar', { ...detail, item: pyScalarOf(dtype).item });
      return ok(id, T.ndarray(dtype, rank, x.flavor), args, 'array', detail);
    },
    tests: [
      ...(kind === 'rearrange'
        ? [
            test({
              params: { a: NP },
              expr: "einops.rearrange(a, 'h w -> w h').tolist(), einops.rearrange(a, 'h w -> (h w)').tolist(), einops.rearrange(a, 'h (w c) -> h w c', c=1).tolist(), einops.rearrange(a, '... -> (...) 1').tolist(), einops.rearrange(a, 'h w -> h () w').shape",
              samples: [
                [nd('float64', [2, 3], [1, 2, 3, 4, 5, 6])],
                [nd('int64', [1, 2], [7, 8])],
                [nd('bool', [2, 1], [true, false])],
              ],
            }),
            test({
              params: { a: NP, p: 'int' },
              expr: "einops.rearrange(a, '(h p1) (w p2) c -> (h w) (p1 p2 c)', p1=p, p2=p).tolist()",
              samples: [
                [nd('int64', [2, 4, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), 2],
                [nd('int64', [2, 4, 1], [1, 2, 3, 4, 5, 6, 7, 8]), 3],
                [nd('int64', [2, 2], [1, 2, 3, 4]), 1],
              ],
            }),
            test({
              params: { a: NP, h: 'int' },
              expr: "einops.rearrange(a, 't (h d) -> h t d', h=h).tolist(), einops.rearrange(a, 'b ... -> ... b').shape",
              samples: [
                [nd('float32', [2, 4], [1, 2, 3, 4, 5, 6, 7, 8]), 2],
                [nd('float32', [2, 3], [1, 2, 3, 4, 5, 6]), 2],
              ],
            }),
            test({
              params: { a: NP },
              expr: "einops.rearrange(a, 'a b c -> a b c')",
              samples: [[nd('float64', [2, 3], [1, 2, 3, 4, 5, 6])]],
            }),
            test({
              params: { a: NP, pat: 'str' },
              expr: 'einops.rearrange(a, pat).tolist()',
              samples: [
                [nd('float64', [2, 3], [1, 2, 3, 4, 5, 6]), 'a b -> b a'],
                [nd('float64', [2, 3], [1, 2, 3, 4, 5, 6]), 'a b -> a'],
                [nd('float64', [2, 3], [1, 2, 3, 4, 5, 6]), 'a a -> a'],
                [nd('float64', [2, 3], [1, 2, 3, 4, 5, 6]), 'a (b c) -> a b c'],
                [nd('float64', [2, 3], [1, 2, 3, 4, 5, 6]), 'a 3 -> a'],
                [nd('float64', [2, 3], [1, 2, 3, 4, 5, 6]), 'a b'],
                [nd('float64', [2, 3], [1, 2, 3, 4, 5, 6]), 'a ((b)) -> a b'],
              ],
            }),
          ]
        : kind === 'repeat'
          ? [
              test({
                params: { a: NP, k: 'int' },
                expr: "einops.repeat(a, 'b s -> (b k) s', k=k).tolist(), einops.repeat(a, 'b s -> b k s', k=k).tolist(), einops.repeat(a, 'b s -> s b 2').tolist()",
                samples: [
                  [nd('int64', [2, 3], [1, 2, 3, 4, 5, 6]), 2],
                  [nd('float64', [1, 2], [0.5, 1.5]), 0],
                ],
              }),
              test({
                params: { a: NP },
                expr: "einops.repeat(a, 'h w -> h w c')",
                samples: [[nd('int64', [2, 3], [1, 2, 3, 4, 5, 6])]],
              }),
              test({
                params: { a: NP },
                expr: "einops.repeat(a, 'w -> h w', h=2).tolist(), einops.repeat(a, 'w -> (w 3)').tolist()",
                samples: [[nd('float32', [3], [1, 2, 3])]],
              }),
            ]
          : [
              test({
                params: { a: NP },
                expr: "einops.reduce(a, 'c h w -> c', 'mean').tolist(), einops.reduce(a, 'c h w -> c h', 'max').tolist(), einops.reduce(a, 'c (h 2) w -> c h w', reduction='sum').tolist(), einops.reduce(a, 'c h w -> c () ()', 'min').tolist(), einops.reduce(a, 'c h w -> ', 'prod'), einops.reduce(a, 'c h w -> h', 'any').tolist()",
                samples: [
                  [nd('float64', [2, 2, 2], [1.5, 2.5, 3.5, 4.5, 0, 1, 2, 3.5])],
                  [nd('float32', [1, 2, 1], [-1, 2])],
                  [nd('float64', [1, 3, 1], [-1, 2, 3])],
                ],
              }),
              test({
                params: { a: NP },
                expr: "einops.reduce(a, 'h w -> h', 'sum').tolist(), einops.reduce(a, 'h w -> w', 'max').tolist(), einops.reduce(a, '(h 2) w -> h w', 'sum').tolist(), einops.reduce(a, 'h w -> w', 'all').tolist()",
                samples: [
                  [nd('int64', [2, 2], [1, 2, 3, 4])],
                  [nd('bool', [2, 3], [true, false, true, true, true, false])],
                ],
              }),
              test({
                params: { a: NP, r: 'str' },
                expr: "einops.reduce(a, 'h w -> h', r).tolist()",
                samples: [
                  [nd('float64', [2, 2], [1, 2, 3, 4]), 'sum'],
                  [nd('float64', [2, 2], [1, 2, 3, 4]), 'median'],
                ],
              }),
              test({
                params: { a: NP },
                expr: "einops.reduce(a, 'h w -> h', 'mean')",
                samples: [[nd('int64', [2, 2], [1, 2, 3, 4])]],
              }),
            ]),
    ],
  });
}

const call = (kind: string, c: OpChoice): string => {
  const d = c.detail!;
  const sizes = (d.sizes as string[]).map((k) => `("${k}", ${own(`kw:${k}`)})`).join(', ');
  const red = d.reduction === undefined ? '""' : `{&${d.reduction as At}}`;
  return `nd::einops("${kind}", {&0}, {&${d.pattern as At}}, ${red}, &[${sizes}])?`;
};

defineSpellings(
  Object.fromEntries(
    ['rearrange', 'repeat', 'reduce'].map((kind) => [
      `einops.${kind}`,
      {
        array: (c: OpChoice) => call(kind, c),
        scalar: (c: OpChoice) => `${call(kind, c)}.${c.detail!.item as string}()?`,
      },
    ]),
  ),
);
