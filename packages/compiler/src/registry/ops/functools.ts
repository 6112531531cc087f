/**
 * Python's `functools.reduce`: the type rule runs the function once on (accumulator, item) and
 * widens the accumulator to its result (an int total that a float function turns into a float),
 * then checks the function keeps that type. `lru_cache` and `cache` are accepted as decorators by
 * lowering (they do not change a result); `operator.itemgetter`/`attrgetter` become lambdas there.
 */
import { declineNamespace, defineOp, defineSpellings, type ResolveResult } from '../registry';
import { assignable, fillUnknown, isComplete, iterItem, T, type Type, typeToString, unify } from '../../types/types';

defineOp({
  id: 'functools.reduce',
  summary: 'reduce(function, iterable[, initial]): TypeError on an empty iterable without initial',
  resolve: (args, _kw, _c, _kc, ctx): ResolveResult => {
    if (args.length < 2 || args.length > 3)
      return { error: 'reduce() takes a function, an iterable and an optional initial value' };
    const item = iterItem(args[1]!);
    if (!item) return { error: `${typeToString(args[1]!)} is not iterable` };
    if (args[0]!.kind !== 'callable')
      return { error: 'reduce() takes a function of two arguments (a lambda or a module function)' };
    let acc: Type = args[2] ?? item;
    // An empty container to start from (`Counter()`, `{}`, `set()`, `[]`) leaves its items open: the first candidate
    // the function maps back to itself decides them (the items' own type, a container of the items, or of theirs).
    if (!isComplete(acc) && ctx?.probe) {
      const open = acc;
      const inner = iterItem(item);
      const candidates = [
        ...(item.kind === open.kind ? [item] : []),
        fillUnknown(open, item),
        ...(inner ? [fillUnknown(open, inner)] : []),
        // `{}` keyed by the items with scalar values (`{**d, label: len(d)}`).
        ...(open.kind === 'dict' && open.key.kind === 'unknown' && open.value.kind === 'unknown'
          ? [T.int, T.float, T.str, T.bool].flatMap((v) => [item, ...(inner ? [inner] : [])].map((k) => T.dict(k, v)))
          : []),
      ].filter((c) => isComplete(c) && assignable(open, c));
      const fit = candidates.find((c) => {
        const got = ctx.probe!(0, [c, item]);
        return got !== undefined && typeToString(got) === typeToString(c);
      });
      if (fit) acc = fit;
    }
    let r = ctx?.call(0, [acc, item]);
    if (r && typeToString(r) !== typeToString(acc)) {
      acc = unify(acc, r) ?? r;
      r = ctx?.call(0, [acc, item]);
    }
    if (!r || typeToString(r) !== typeToString(acc))
      return { error: `reduce()'s function must return the accumulated value's type (${typeToString(acc)})` };
    // Without an initial value the first item starts the accumulation, so it must have the accumulator's type.
    if (!args[2] && typeToString(acc) !== typeToString(item))
      return {
        error: `reduce() over ${typeToString(item)} items whose function returns ${typeToString(acc)} needs an initial value`,
      };
    return {
      entry: 'functools.reduce',
      overload: args.map(typeToString).join(', '),
      result: acc,
      params: args[2] ? [args[0]!, args[1]!, acc] : [args[0]!, args[1]!],
      variant: args[2] ? 'initial' : 'first',
    };
  },
  tests: [
    {
      params: { xs: 'list[int]' },
      expr: 'functools.reduce(lambda a, b: a * b, xs, 1)',
      samples: [[[1, 2, 3, 4]], [[]]],
      imports: ['import functools'],
    },
    {
      params: { xs: 'list[int]' },
      expr: 'functools.reduce(operator.add, xs)',
      samples: [[[1, 2, 3]], [[]], [[7]]],
      imports: ['import functools', 'import operator'],
    },
    {
      params: { xs: 'list[float]' },
      expr: 'functools.reduce(max, xs)',
      samples: [[[0.5, -1.0, 2.25]]],
      imports: ['import functools'],
    },
    {
      params: { words: 'list[str]' },
      expr: "functools.reduce(lambda acc, w: acc + w[:1], words, '')",
      samples: [[['ab', '', 'é日']]],
      imports: ['import functools'],
    },
    // An empty container to start from: its items are what the function maps back to itself.
    {
      params: { docs: 'list[list[str]]' },
      expr: 'sorted(functools.reduce(lambda acc, d: acc + collections.Counter(d), docs, collections.Counter()).items())',
      samples: [
        [
          [
            ['a', 'b'],
            ['b', 'c', 'b'],
          ],
        ],
        [[]],
      ],
      imports: ['import functools', 'import collections'],
    },
    {
      params: { words: 'list[str]' },
      expr: 'sorted(functools.reduce(lambda s, w: s | {w}, words, set()))',
      samples: [[['b', 'a', 'b']], [[]]],
      imports: ['import functools'],
    },
    {
      params: { chunks: 'list[list[int]]' },
      expr: 'functools.reduce(operator.add, chunks, [])',
      samples: [[[[1, 2], [], [3]]], [[]]],
      imports: ['import functools', 'import operator'],
    },
    {
      params: { xs: 'list[int]' },
      expr: 'functools.reduce(lambda acc, x: acc + [x * 2], xs, [])',
      samples: [[[3, 1]], [[]]],
      imports: ['import functools'],
    },
    {
      params: { xs: 'list[int]' },
      expr: 'functools.reduce(lambda a, b: a / 2 + b, xs, 0.0)',
      samples: [[[1, 2, 3]]],
      imports: ['import functools'],
    },
  ],
});

defineSpellings({
  'functools.reduce': {
    first: () =>
      '{ let mut __it = {iter1}.into_iter(); let mut __acc = __it.next().ok_or_else(|| rt::PyErr::new(rt::ErrKind::TypeError, "reduce() of empty iterable with no initial value"))?; for __x in __it { __acc = {call0(__acc, __x)}; } __acc }',
    initial: () => '{ let mut __acc = {2}; for __x in {iter1} { __acc = {call0(__acc, __x)}; } __acc }',
  },
});

// cmp_to_key(f) is taken where it is written as a key (ops/cmp_to_key.ts); the key object alone has no type here.
declineNamespace(
  'functools.cmp_to_key',
  '`functools.cmp_to_key(f)` is supported as the `key=` of sorted(), list.sort(), min() and max(), written there: `sorted(xs, key=cmp_to_key(f))`',
);
