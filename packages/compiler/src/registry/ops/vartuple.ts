/**
 * `tuple[T, ...]` (`rt::VarTuple`): a tuple whose length only the running program knows, as an
 * annotation gives it or `tuple(iterable)` makes it. Reading ops (len, indexing and slicing with
 * CPython's errors, `in`, `+` with tuples of either kind, `*`, `==` with a tuple of known length,
 * count, index) are here; iteration, sorted, min/max/sum, unpacking and str/repr go through the
 * generic rules (its item is its iteration item). Its value JSON is a list, as CPython's json
 * writes a tuple.
 */
import { defineOp, extendOp, T, type ResolveResult } from '../registry';
import { assignable, iterItem, type Type, typeToString } from '../../types/types';

type VarTuple = Type & { kind: 'vartuple' };
const isVt = (t: Type | undefined): t is VarTuple => t?.kind === 'vartuple';
const isIndex = (t: Type | undefined): boolean => t?.kind === 'int' || t?.kind === 'bool';

/** The `tuple[T, ...]` a tuple of known length joins, when its items fit `vt`'s item. */
function fits(t: Type | undefined, vt: VarTuple): boolean {
  return t !== undefined && (isVt(t) ? assignable(t.item, vt.item) : t.kind === 'tuple' && assignable(t, vt));
}

const choice = (entry: string, variant: string, result: Type, params: Type[]): ResolveResult => ({
  entry,
  overload: params.map(typeToString).join(', '),
  result,
  params,
  variant,
});

const XS = { xs: 'tuple[int, ...]' };
const SAMPLES = [[[3, 1, 2]], [[]], [[7]]];

extendOp('builtins.len', {
  summary: 'len(t) of a tuple[T, ...]',
  resolve: (args) => (isVt(args[0]) ? choice('builtins.len', 'sized', T.int, [args[0]]) : undefined),
  tests: [{ params: XS, expr: 'len(xs), bool(xs), str(xs), repr(xs), xs', samples: SAMPLES }],
});

extendOp('operator.getitem', {
  summary: 't[i] and t[a:b:c] of a tuple[T, ...] (IndexError "tuple index out of range")',
  resolve: (args) => {
    const [t, i] = args;
    if (!isVt(t)) return undefined;
    if (isIndex(i)) return choice('operator.getitem', 'vartuple_item', t.item, [t, T.int]);
    if (i?.kind === 'slice') return choice('operator.getitem', 'vartuple_slice', t, [t, i]);
    return { error: `tuple indices must be integers or slices, not ${i ? typeToString(i) : 'nothing'}` };
  },
  spell: {
    vartuple_item: () => '{&0}.item({1})?',
    vartuple_slice: () => 'rt::VarTuple(rt::list::slice({&0}, {1})?)',
  },
  tests: [
    {
      params: { xs: 'tuple[int, ...]', i: 'int' },
      body: 'try:\n    return xs[i]\nexcept IndexError as e:\n    return str(e)',
      samples: [
        [[3, 1, 2], 0],
        [[3, 1, 2], -1],
        [[3, 1, 2], 3],
        [[], 0],
      ],
    },
    {
      params: { xs: 'tuple[str, ...]' },
      expr: 'xs[1:], xs[::-1], xs[:-1], xs[::2], xs[5:]',
      samples: [[['a', 'b', 'c']], [[]]],
    },
  ],
});

extendOp('operator.add', {
  summary: 'a + b where either is a tuple[T, ...] and the other a tuple of the same items',
  resolve: (args) => {
    const [a, b] = args;
    const vt = isVt(a) ? a : isVt(b) ? b : undefined;
    if (!vt) return undefined;
    if (!fits(a, vt) || !fits(b, vt))
      return { error: `can only concatenate a tuple of ${typeToString(vt.item)} to ${typeToString(vt)}` };
    return choice('operator.add', 'vartuple_concat', vt, [vt, vt]);
  },
  spell: { vartuple_concat: () => '{&0}.concat({&1})' },
  tests: [
    {
      params: { xs: 'tuple[int, ...]', ys: 'tuple[int, ...]' },
      expr: 'xs + ys, xs + (9,), (0, 1) + xs, xs + xs[:1]',
      samples: [
        [[1, 2], [3]],
        [[], []],
      ],
    },
  ],
});

extendOp('operator.mul', {
  summary: 't * n and n * t of a tuple[T, ...]',
  resolve: (args) => {
    const [a, b] = args;
    if (isVt(a) && isIndex(b)) return choice('operator.mul', 'vartuple_repeat', a, [a, T.int]);
    if (isVt(b) && isIndex(a)) return choice('operator.mul', 'vartuple_repeat_left', b, [T.int, b]);
    // `(fill,) * len(bands)`: a tuple of one item type repeated, a tuple[T, ...] (its length is the count's).
    const same = (t: Type | undefined): Type | undefined =>
      t?.kind === 'tuple' && t.items.length > 0 && t.items.every((x) => typeToString(x) === typeToString(t.items[0]!))
        ? t.items[0]
        : undefined;
    if (same(a) && isIndex(b))
      return choice('operator.mul', 'vartuple_repeat', T.vartuple(same(a)!), [T.vartuple(same(a)!), T.int]);
    if (same(b) && isIndex(a))
      return choice('operator.mul', 'vartuple_repeat_left', T.vartuple(same(b)!), [T.int, T.vartuple(same(b)!)]);
    return undefined;
  },
  spell: { vartuple_repeat: () => '{&0}.repeat({1})', vartuple_repeat_left: () => '{&1}.repeat({0})' },
  tests: [
    {
      params: { xs: 'tuple[str, ...]', n: 'int' },
      expr: 'xs * n, n * xs, (n,) * n, n * ("a", "b"), ("a", "b") * 2',
      samples: [
        [['a', 'b'], 2],
        [['a'], 0],
        [['a'], -1],
      ],
    },
  ],
});

for (const id of ['operator.in_', 'operator.not_in'] as const)
  extendOp(id, {
    summary: `x ${id === 'operator.in_' ? 'in' : 'not in'} a tuple[T, ...]`,
    resolve: (args) => {
      const [x, t] = args;
      if (!isVt(t) || !x) return undefined;
      if (!assignable(x, t.item))
        return { error: `\`in\` between ${typeToString(x)} and ${typeToString(t)} is not supported` };
      return choice(id, 'items', T.bool, [t.item, t]);
    },
    tests: [
      {
        params: { xs: 'tuple[str, ...]', w: 'str' },
        expr: `w ${id === 'operator.in_' ? 'in' : 'not in'} xs`,
        samples: [
          [['a', 'b'], 'b'],
          [['a'], 'z'],
          [[], 'a'],
        ],
      },
    ],
  });

for (const [id, op] of [
  ['operator.eq', '=='],
  ['operator.ne', '!='],
] as const)
  extendOp(id, {
    summary: `a ${op} b between a tuple[T, ...] and a tuple of known length`,
    resolve: (args) => {
      const [a, b] = args;
      const vt = isVt(a) ? a : isVt(b) ? b : undefined;
      const other = vt === a ? b : a;
      if (!vt || other?.kind !== 'tuple') return undefined;
      if (!fits(other, vt))
        return { error: `\`${op}\` between ${typeToString(a!)} and ${typeToString(b!)} is not supported` };
      return choice(id, 'values', T.bool, [vt, vt]);
    },
    tests: [
      {
        params: { xs: 'tuple[int, ...]' },
        expr: `xs ${op} (1, 2), (1, 2) ${op} xs, xs ${op} xs, xs ${op} (), xs ${op} [1, 2]`,
        samples: [[[1, 2]], [[1]], [[]]],
      },
    ],
  });

for (const [id, op] of [
  ['operator.lt', '<'],
  ['operator.le', '<='],
  ['operator.gt', '>'],
  ['operator.ge', '>='],
] as const)
  extendOp(id, {
    summary: `a ${op} b between tuple[T, ...] values (item by item, then by length)`,
    resolve: (args) => {
      const [a, b] = args;
      const vt = isVt(a) ? a : isVt(b) ? b : undefined;
      if (!vt) return undefined;
      if (!fits(a, vt) || !fits(b, vt))
        return { error: `\`${op}\` between ${typeToString(a!)} and ${typeToString(b!)} is not supported` };
      return choice(id, 'sequences', T.bool, [vt, vt]);
    },
    tests: [
      {
        params: { xs: 'tuple[int, ...]', ys: 'tuple[int, ...]' },
        expr: `xs ${op} ys, xs ${op} (1, 2), sorted([ys, xs])`,
        samples: [
          [
            [1, 2],
            [1, 2, 0],
          ],
          [[2], [1, 9]],
          [[], []],
        ],
      },
    ],
  });

// `tuple(iterable)`: the length is known only at run time.
extendOp('builtins.tuple', {
  summary: 'tuple(iterable) of a list, a set, a str, a generator...: a tuple[T, ...]',
  resolve: (args) => {
    const x = args[0];
    if (!x || x.kind === 'tuple' || args.length !== 1) return undefined;
    if (isVt(x)) return choice('builtins.tuple', 'tuple', x, [x]);
    const item = iterItem(x);
    if (!item) return { error: `'${typeToString(x)}' object is not iterable` };
    return choice('builtins.tuple', 'iterable', T.vartuple(item), [x]);
  },
  spell: { iterable: () => '{iter0}.into_iter().collect::<rt::VarTuple<_>>()' },
  tests: [
    {
      params: { words: 'list[str]' },
      expr: 'tuple(words), tuple(sorted(set(words))), tuple(w.upper() for w in words), tuple("ab")',
      samples: [[['b', 'a', 'b']], [[]]],
    },
  ],
});

for (const [name, spell, summary] of [
  ['count', '{&0}.count(&{1})', 't.count(x)'],
  ['index', '{&0}.index(&{1})?', 't.index(x) (ValueError "tuple.index(x): x not in tuple")'],
] as const)
  defineOp({
    id: `tuple.${name}`,
    summary: `${summary} of a tuple[T, ...]`,
    resolve: (args) => {
      const [t, x] = args;
      if (!isVt(t)) return { error: `tuple.${name}() is supported on tuple[T, ...] values` };
      if (args.length !== 2 || !x || !assignable(x, t.item))
        return { error: `tuple.${name}() takes one ${typeToString(t.item)}` };
      return choice(`tuple.${name}`, 'item', T.int, [t, t.item]);
    },
    spell: { item: () => spell },
    tests: [
      {
        params: { xs: 'tuple[str, ...]', w: 'str' },
        body: `try:\n    return xs.${name}(w)\nexcept ValueError as e:\n    return str(e)`,
        samples: [
          [['a', 'b', 'a'], 'a'],
          [['a'], 'z'],
        ],
      },
    ],
  });
