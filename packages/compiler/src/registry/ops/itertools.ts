/**
 * Python's `itertools` module: type rules and Rust spellings. Each function's result is an
 * `iter` type whose Rust is an iterator, lazy where a Rust adaptor gives the same answer
 * (`chain`, `islice`, `count`, `cycle`, `repeat`), else built eagerly and iterated (the
 * combinatoric generators, `groupby`, and the predicate functions, whose calls can raise).
 * `groupby`'s groups and `tee`'s copies are iterators as iter() makes them (each holds its own items, since Ingot has
 * no shared iterators), so `next()` advances a copy and a drained copy stays empty, as in CPython.
 */
import type { OpChoice } from '../../ir/choice';
import {
  defineOp,
  defineSpellings,
  extendOp,
  resolved as choice,
  T,
  type ResolveContext,
  type ResolveResult,
} from '../registry';
import { isLazySource, iterItem, orderError, type Type, typeToString, unify } from '../../types/types';
import type { ConstValue } from '../../ir/consts';
import { truthTemplate } from '../spell';

function itemOf(name: string, t: Type | undefined): Type | { error: string } {
  if (!t) return { error: `${name}() takes an iterable` };
  return iterItem(t) ?? { error: `${typeToString(t)} is not iterable` };
}

const isInt = (t: Type | undefined): boolean => t?.kind === 'int' || t?.kind === 'bool';

/** A literal non-negative int argument (a tuple's length must be known statically). */
function constInt(c: ConstValue | undefined): number | undefined {
  return c?.kind === 'int' ? Number(c.value) : c?.kind === 'bool' ? Number(c.value) : undefined;
}

const IMPORTS = ['import itertools'];

/**
 * Whether an iterable is produced lazily and may be endless (a generator function's call, `count`, `cycle`,
 * `repeat`): the adaptors over it then run item by item (`rt::stream::lazy`) instead of building their list first.
 */
const lazySource = isLazySource;

/** The result's source tag: `lazy_<name>` over a lazy source, so adaptors over it are lazy too. */
const tag = (name: string, src: Type | undefined): string => (isLazySource(src) ? `lazy_${name}` : name);

/** `chain.from_iterable(outer)`: the items of each of outer's items (lists, sets, strings or tuples of one type). */
function chainFromIterable(arg: Type): ResolveResult {
  {
    const outer = itemOf('chain.from_iterable', arg);
    if ('error' in outer) return outer;
    const inner = itemOf('chain.from_iterable', outer);
    if ('error' in inner) return inner;
    const variant = outer.kind === 'str' ? 'strings' : outer.kind === 'tuple' ? 'tuples' : 'iterables';
    if (outer.kind === 'tuple' && outer.items.some((t) => typeToString(t) !== typeToString(inner)))
      return { error: 'chain.from_iterable() over tuples of unlike items is not supported' };
    if (!['str', 'tuple', 'list', 'set', 'vartuple', 'deque'].includes(outer.kind))
      return { error: `chain.from_iterable() over ${typeToString(outer)} items is not supported` };
    return choice('itertools.chain.from_iterable', T.iter(inner, 'chain'), [arg], variant, {
      arity: outer.kind === 'tuple' ? outer.items.length : undefined,
    });
  }
}

defineOp({
  id: 'itertools.chain',
  summary: 'chain(*iterables): their items one after another (one item type)',
  resolve: (args, kw) => {
    // `chain(*lists)`: lowering passes the starred iterable last and marks the call with the keyword `*`.
    if (kw.has('*')) {
      if (args.length !== 1) return { error: 'chain(a, *rest) is not supported; write chain(*lists) alone' };
      const r = chainFromIterable(args[0]!);
      if ('error' in r) return r;
      return { ...r, entry: 'itertools.chain', variant: `star_${r.variant!}` };
    }
    if (args.length === 0) return choice('itertools.chain', T.iter(T.unknown, 'chain'), [], 'empty');
    let item: Type | undefined;
    for (const a of args) {
      const it = itemOf('chain', a);
      if ('error' in it) return it;
      const u: Type | undefined = item ? unify(item, it) : it;
      if (!u || (item && typeToString(u) !== typeToString(item)) || (item && typeToString(u) !== typeToString(it)))
        return { error: `chain() of unlike items (${typeToString(item!)} and ${typeToString(it)}) is not supported` };
      item = u;
    }
    return choice('itertools.chain', T.iter(item!, 'chain'), args, 'iterables');
  },
  tests: [
    {
      params: { a: 'list[int]', b: 'list[int]' },
      expr: 'list(itertools.chain(a, b, [7]))',
      samples: [
        [[1, 2], [3]],
        [[], []],
      ],
      imports: IMPORTS,
    },
    {
      params: { s: 'str', t: 'str' },
      expr: "'-'.join(itertools.chain(s, t))",
      samples: [['ab', 'é日']],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.chain.from_iterable',
  summary: 'chain.from_iterable(iterable of iterables): the inner items one after another',
  resolve: (args) =>
    args.length !== 1 ? { error: 'chain.from_iterable() takes one iterable' } : chainFromIterable(args[0]!),
  tests: [
    {
      params: { words: 'list[str]' },
      expr: 'list(itertools.chain.from_iterable(tuple(w) for w in words))',
      samples: [[['ab', '', 'c']], [[]]],
      imports: IMPORTS,
    },
    {
      params: { xss: 'list[list[int]]' },
      expr: 'list(itertools.chain.from_iterable(xss))',
      samples: [[[[1, 2], [], [3]]], [[]]],
      imports: IMPORTS,
    },
    {
      params: { words: 'list[str]' },
      expr: 'list(itertools.chain.from_iterable(words))',
      samples: [[['ab', '', 'é🙂']]],
      imports: IMPORTS,
    },
    {
      params: { ps: 'list[tuple[int, int]]' },
      expr: 'sorted(itertools.chain.from_iterable(ps))',
      samples: [
        [
          [
            [3, 1],
            [2, 2],
          ],
        ],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.islice',
  summary: 'islice(iterable, stop) or islice(iterable, start, stop[, step]); None for no bound',
  resolve: (args) => {
    const item = itemOf('islice', args[0]);
    if ('error' in item) return item;
    if (args.length < 2 || args.length > 4) return { error: 'islice() takes an iterable and 1 to 3 ints' };
    for (const a of args.slice(1))
      if (!isInt(a) && a.kind !== 'none' && !(a.kind === 'optional' && a.item.kind === 'int'))
        return { error: `islice() indices must be None or ints, not ${typeToString(a)}` };
    const bound = (i: number): string => {
      const a = args[i];
      if (!a || a.kind === 'none') return 'None';
      return a.kind === 'optional' ? `{${i}}` : `Some({${i}} as i64)`;
    };
    const [start, stop, step] = args.length === 2 ? ['None', bound(1), 'None'] : [bound(1), bound(2), bound(3)];
    return choice('itertools.islice', T.iter(item, 'islice'), args, 'bounds', { start, stop, step });
  },
  tests: [
    {
      params: { xs: 'list[int]', n: 'int' },
      expr: 'list(itertools.islice(xs, n))',
      samples: [
        [[1, 2, 3], 2],
        [[1], 5],
        [[1, 2], -1],
      ],
      imports: IMPORTS,
    },
    {
      params: { s: 'str', a: 'int', b: 'int', c: 'int' },
      expr: "''.join(itertools.islice(s, a, b, c))",
      samples: [
        ['abcdefgh', 1, 7, 2],
        ['abc', 2, 1, 1],
        ['abc', 0, 3, 0],
      ],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[int]' },
      expr: 'list(itertools.islice(xs, 1, None))',
      samples: [[[4, 5, 6]]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.count',
  summary: 'count(start=0, step=1): an endless arithmetic sequence (bounded by zip, islice or takewhile)',
  resolve: (args, kw) => {
    const start = args[0] ?? kw.get('start');
    const step = args[1] ?? kw.get('step');
    for (const a of [start, step]) if (a && !isInt(a) && a.kind !== 'float') return { error: 'count() takes numbers' };
    const float = start?.kind === 'float' || step?.kind === 'float';
    const t = float ? T.float : T.int;
    const s = args[0] ? '{0}' : kw.has('start') ? '{kw:start}' : float ? '0.0' : '0i64';
    const d = args[1] ? '{1}' : kw.has('step') ? '{kw:step}' : float ? '1.0' : '1i64';
    const params = args.map(() => t);
    return choice('itertools.count', T.iter(t, 'count'), params, float ? 'float' : 'int', { start: s, step: d });
  },
  tests: [
    {
      params: { xs: 'list[str]', k: 'int' },
      expr: 'list(zip(itertools.count(k), xs))',
      samples: [[['a', 'b'], 5]],
      imports: IMPORTS,
    },
    {
      params: { n: 'int' },
      expr: 'list(itertools.islice(itertools.count(1.5, 0.25), n))',
      samples: [[4], [0]],
      imports: IMPORTS,
    },
    {
      params: { n: 'int' },
      expr: 'list(itertools.takewhile(lambda v: v < n, itertools.count(step=3)))',
      samples: [[10], [0]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.cycle',
  summary: 'cycle(iterable): its items over and over (bounded by zip or islice)',
  resolve: (args) => {
    const item = itemOf('cycle', args[0]);
    if ('error' in item) return item;
    return choice('itertools.cycle', T.iter(item, 'cycle'), [args[0]!], 'iterable');
  },
  tests: [
    {
      params: { xs: 'list[int]', n: 'int' },
      expr: 'list(itertools.islice(itertools.cycle(xs), n))',
      samples: [
        [[1, 2, 3], 7],
        [[], 3],
      ],
      imports: IMPORTS,
    },
    {
      params: { names: 'list[str]' },
      expr: "list(zip(names, itertools.cycle('xy')))",
      samples: [[['a', 'b', 'c']]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.repeat',
  summary: 'repeat(x[, times]): x again and again (times at most)',
  resolve: (args, kw) => {
    const x = args[0];
    if (!x) return { error: 'repeat() takes an object' };
    const times = args[1] ?? kw.get('times');
    if (times && !isInt(times)) return { error: 'repeat() times must be an int' };
    const n = args[1] ? '{1}' : kw.has('times') ? '{kw:times}' : undefined;
    return choice('itertools.repeat', T.iter(x, 'repeat'), times ? [x, T.int] : [x], n ? 'times' : 'endless', { n });
  },
  tests: [
    {
      params: { s: 'str', n: 'int' },
      expr: 'list(itertools.repeat(s, n))',
      samples: [
        ['ab', 3],
        ['x', -2],
      ],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[int]', s: 'str' },
      expr: 'list(zip(xs, itertools.repeat(s)))',
      samples: [[[1, 2, 3], 'é']],
      imports: IMPORTS,
    },
  ],
});

/** The callable's truth for an item, or an error. */
function predicate(
  name: string,
  args: Type[],
  ctx: ResolveContext | undefined,
): { item: Type; truth: Type } | { error: string } {
  if (args.length !== 2) return { error: `${name}() takes a predicate and an iterable` };
  const item = itemOf(name, args[1]);
  if ('error' in item) return item;
  if (args[0]!.kind === 'none' && name === 'filterfalse') return { item, truth: item };
  const truth = args[0]!.kind === 'callable' ? ctx?.call(0, [item]) : undefined;
  if (!truth) return { error: `${name}() takes a function of one argument (a lambda or a module function)` };
  return { item, truth };
}

for (const name of ['takewhile', 'dropwhile', 'filterfalse'] as const) {
  const id = `itertools.${name}`;
  defineOp({
    id,
    summary: `${name}(predicate, iterable)`,
    resolve: (args, _kw, _c, _kc, ctx) => {
      const p = predicate(name, args, ctx);
      if ('error' in p) return p;
      const variant = args[0]!.kind === 'none' ? 'identity' : lazySource(args[1]) ? 'lazy_predicate' : 'predicate';
      return choice(id, T.iter(p.item, tag(name, args[1])), args, variant, {
        truth: p.truth,
      });
    },
    tests: [
      {
        params: { xs: 'list[int]' },
        expr: `list(itertools.${name}(lambda v: v < 3, xs))`,
        samples: [[[1, 2, 5, 1, 7]], [[]], [[9, 1]]],
        imports: IMPORTS,
      },
      {
        params: { lines: 'list[str]' },
        expr: `list(itertools.${name}(str.strip, lines))`,
        samples: [[['a', ' ', 'b', '']], [['', 'x']]],
        imports: IMPORTS,
      },
      // Over an endless iterator, item by item: the predicate meets 12 // 0 only if the consumer reads that far. It turns
      // false 40 items on, so CPython ends for every start (the random fence draws k up to 20).
      {
        params: { k: 'int' },
        expr: `list(itertools.islice(itertools.${name}(lambda v: v < k + 40 and 12 // (v - 6) < 3, itertools.count(k)), 2))`,
        samples: [[0], [5], [7], [-30]],
        imports: IMPORTS,
      },
    ],
  });
}

defineOp({
  id: 'itertools.compress',
  summary: 'compress(data, selectors): the items whose selector is true',
  resolve: (args) => {
    const item = itemOf('compress', args[0]);
    if ('error' in item) return item;
    const sel = itemOf('compress', args[1]);
    if ('error' in sel) return sel;
    return choice('itertools.compress', T.iter(item, 'compress'), [args[0]!, args[1]!], 'selectors', { selector: sel });
  },
  tests: [
    {
      params: { s: 'str', keep: 'list[bool]' },
      expr: "''.join(itertools.compress(s, keep))",
      samples: [
        ['abcd', [true, false, true]],
        ['', []],
      ],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[float]', w: 'list[int]' },
      expr: 'list(itertools.compress(xs, w))',
      samples: [
        [
          [0.5, 1.5, 2.5],
          [0, 2, -1],
        ],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.pairwise',
  summary: 'pairwise(iterable): overlapping pairs of neighbours',
  resolve: (args) => {
    const item = itemOf('pairwise', args[0]);
    if ('error' in item) return item;
    return choice(
      'itertools.pairwise',
      T.iter(T.tuple([item, item]), tag('pairwise', args[0])),
      [args[0]!],
      lazySource(args[0]) ? 'lazy_iterable' : 'iterable',
    );
  },
  tests: [
    {
      params: { k: 'int' },
      expr: 'list(itertools.islice(itertools.pairwise(itertools.count(k, 2)), 3))',
      samples: [[0], [-3]],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[int]' },
      expr: '[b - a for a, b in itertools.pairwise(xs)]',
      samples: [[[1, 4, 9, 16]], [[1]], [[]]],
      imports: IMPORTS,
    },
    { params: { s: 'str' }, expr: 'list(itertools.pairwise(s))', samples: [['abé']], imports: IMPORTS },
  ],
});

defineOp({
  id: 'itertools.starmap',
  summary: 'starmap(function, iterable of tuples): function(*item) for each item',
  resolve: (args, _kw, _c, _kc, ctx) => {
    if (args.length !== 2) return { error: 'starmap() takes a function and an iterable' };
    const item = itemOf('starmap', args[1]);
    if ('error' in item) return item;
    if (item.kind !== 'tuple') return { error: `starmap() needs tuples of known length, not ${typeToString(item)}` };
    const r = args[0]!.kind === 'callable' ? ctx?.call(0, item.items) : undefined;
    if (!r) return { error: "starmap() takes a function (a lambda or a module function) of each tuple's items" };
    return choice(
      'itertools.starmap',
      T.iter(r, tag('starmap', args[1])),
      args,
      lazySource(args[1]) ? 'lazy_tuples' : 'tuples',
      {
        arity: item.items.length,
      },
    );
  },
  tests: [
    {
      params: { k: 'int' },
      expr: 'list(itertools.islice(itertools.starmap(lambda a, b: a - b, itertools.repeat((k, 2))), 2))',
      samples: [[5]],
      imports: IMPORTS,
    },
    {
      params: { ps: 'list[tuple[int, int]]' },
      expr: 'list(itertools.starmap(lambda a, b: a * b, ps))',
      samples: [
        [
          [
            [2, 3],
            [4, -1],
          ],
        ],
        [[]],
      ],
      imports: IMPORTS,
    },
    {
      params: { ps: 'list[tuple[int, int]]' },
      expr: 'list(itertools.starmap(max, ps))',
      samples: [
        [
          [
            [2, 3],
            [4, -1],
          ],
        ],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.accumulate',
  summary: 'accumulate(iterable, func=operator.add, *, initial=None): running totals (or func results)',
  resolve: (args, kw, _c, _kc, ctx) => {
    const item = itemOf('accumulate', args[0]);
    if ('error' in item) return item;
    const initial = kw.get('initial');
    const hasInitial = initial !== undefined && initial.kind !== 'none';
    const func = args[1] ?? kw.get('func');
    const funcKey = args[1] ? '1' : 'func';
    let acc: Type = hasInitial ? initial : item;
    if (func && func.kind !== 'none') {
      if (func.kind !== 'callable') return { error: 'accumulate() func must be a function of two arguments' };
      // The running value's type is the function's result; a second round checks it is stable.
      let r = ctx?.call(funcKey === '1' ? 1 : 'func', [acc, item]);
      if (r && !hasInitial && typeToString(r) !== typeToString(acc)) {
        acc = unify(acc, r) ?? r;
        r = ctx?.call(funcKey === '1' ? 1 : 'func', [acc, item]);
      }
      if (!r || typeToString(r) !== typeToString(acc))
        return { error: `accumulate()'s function must return the running value's type (${typeToString(acc)})` };
      return choice(
        'itertools.accumulate',
        T.iter(acc, tag('accumulate', args[0])),
        [args[0]!],
        lazySource(args[0]) ? 'lazy_func' : 'func',
        {
          acc,
          call: `{call${funcKey}(__a, __x)}`,
          initial: hasInitial,
        },
      );
    }
    if (isInt(item) && isInt(acc)) acc = T.int;
    const add =
      acc.kind === 'int' && isInt(item)
        ? 'rt::int::add(__a, __x as i64)?'
        : acc.kind === 'float' && (item.kind === 'float' || isInt(item))
          ? `__a + (__x as f64)`
          : acc.kind === 'str' && item.kind === 'str'
            ? '__a + __x.as_str()'
            : acc.kind === 'list' && item.kind === 'list' && typeToString(acc) === typeToString(item)
              ? '{ let mut __l = __a; __l.extend(__x); __l }'
              : undefined;
    if (!add) return { error: `accumulate() cannot add ${typeToString(item)} to ${typeToString(acc)}` };
    return choice(
      'itertools.accumulate',
      T.iter(acc, tag('accumulate', args[0])),
      [args[0]!],
      lazySource(args[0]) ? 'lazy_func' : 'func',
      {
        acc,
        call: add,
        initial: hasInitial,
      },
    );
  },
  tests: [
    {
      params: { k: 'int' },
      expr: 'list(itertools.islice(itertools.accumulate(itertools.count(k)), 4)), list(itertools.islice(itertools.accumulate(itertools.count(1), lambda a, b: a * b, initial=k), 4))',
      samples: [[1], [3]],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[int]' },
      expr: 'list(itertools.accumulate(xs))',
      samples: [[[1, 2, 3, -4]], [[]]],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[float]' },
      expr: 'list(itertools.accumulate(xs, initial=100.0))',
      samples: [[[0.5, 1.25]], [[]]],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[int]' },
      expr: 'list(itertools.accumulate(xs, max))',
      samples: [[[3, 1, 4, 1, 5, 9, 2]]],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[int]' },
      expr: 'list(itertools.accumulate(xs, operator.mul, initial=1))',
      samples: [[[1, 2, 3, 4]]],
      imports: [...IMPORTS, 'import operator'],
    },
    { params: { s: 'str' }, expr: 'list(itertools.accumulate(s))', samples: [['abé']], imports: IMPORTS },
    {
      params: { xs: 'list[int]' },
      expr: 'list(itertools.accumulate(xs, lambda a, b: a * 10 + b))',
      samples: [[[1, 2, 3]]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.groupby',
  summary: 'groupby(iterable, key=None): (key, items) for each run of equal keys; the items are a list',
  resolve: (args, kw, _c, _kc, ctx) => {
    const item = itemOf('groupby', args[0]);
    if ('error' in item) return item;
    if (lazySource(args[0]))
      return {
        error:
          'groupby() over a generator or an endless iterator is not supported: its groups are built as lists from all the items first; pass a list (list(gen))',
      };
    const keyT = kw.get('key') ?? args[1];
    let k = item;
    if (keyT && keyT.kind !== 'none') {
      const r = keyT.kind === 'callable' ? ctx?.call(args[1] ? 1 : 'key', [item]) : undefined;
      if (!r) return { error: 'groupby() key must be a function of one argument (a lambda or a module function)' };
      k = r;
    }
    const key = keyT && keyT.kind !== 'none' ? (args[1] ? '1' : 'key') : undefined;
    return choice('itertools.groupby', T.iter(T.tuple([k, T.iter(item, 'group')]), 'groupby'), [args[0]!], 'runs', {
      key,
    });
  },
  tests: [
    {
      params: { s: 'str' },
      expr: '[(k, len(list(g))) for k, g in itertools.groupby(s)]',
      samples: [['aaabccaé'], ['']],
      imports: IMPORTS,
    },
    {
      params: { words: 'list[str]' },
      expr: '[(k, list(g)) for k, g in itertools.groupby(sorted(words, key=len), key=len)]',
      samples: [[['bb', 'a', 'cc', 'ddd', 'e']]],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[int]' },
      expr: '[(k, sum(g)) for k, g in itertools.groupby(xs, lambda v: v > 0)]',
      samples: [[[1, 2, -1, 0, 3]]],
      imports: IMPORTS,
    },
  ],
});

/** Rules of the combinatoric generators whose tuples have a length `r`. */
for (const name of ['combinations', 'combinations_with_replacement', 'permutations'] as const) {
  const id = `itertools.${name}`;
  defineOp({
    id,
    summary: `${name}(iterable, r${name === 'permutations' ? '=None' : ''}): tuples in CPython's order; r must be a literal, or a tuple of items is a list`,
    resolve: (args, kw, consts, kwConsts) => {
      const item = itemOf(name, args[0]);
      if ('error' in item) return item;
      const rT = args[1] ?? kw.get('r');
      if (!rT || rT.kind === 'none') {
        if (name !== 'permutations') return { error: `${name}() takes r` };
        const n = args[0]!.kind === 'tuple' ? args[0]!.items.length : undefined;
        const tuple = n !== undefined ? T.tuple(Array(n).fill(item)) : T.list(item);
        return choice(id, T.iter(tuple, name), [args[0]!], 'tuples', { r: 'None', arity: n });
      }
      if (!isInt(rT)) return { error: `${name}() r must be an int` };
      const r = constInt(args[1] ? consts?.[1] : kwConsts?.get('r'));
      const tuple = r !== undefined && r >= 0 && r <= 16 ? T.tuple(Array(r).fill(item)) : T.list(item);
      return choice(id, T.iter(tuple, name), [args[0]!, T.int], 'tuples', {
        r: args[1] ? '{1}' : '{kw:r}',
        arity: tuple.kind === 'tuple' ? r : undefined,
      });
    },
    tests: [
      {
        params: { xs: 'list[int]' },
        expr: `list(itertools.${name}(xs, 2))`,
        samples: [[[1, 2, 3]], [[]], [[5]]],
        imports: IMPORTS,
      },
      {
        params: { s: 'str', r: 'int' },
        expr: `[''.join(p) for p in itertools.${name}(s, r)]`,
        samples: [
          ['abc', 3],
          ['ab', 0],
          ['ab', 3],
          ['ab', -1],
        ],
        imports: IMPORTS,
      },
    ],
  });
}

defineOp({
  id: 'itertools.product',
  summary: "product(*iterables, repeat=1): the cartesian product in CPython's order (repeat a literal)",
  resolve: (args, kw, _c, kwConsts) => {
    // `product(*pools)`: lowering passes the starred iterable alone with the keyword `*`; the tuples' length is the
    // number of pools, known only at run time.
    if (kw.has('*')) {
      if (args.length !== 1 || kw.size !== 1) return { error: 'product(*pools) takes no other argument here' };
      const pool = itemOf('product', args[0]);
      if ('error' in pool) return pool;
      if (pool.kind !== 'list' && pool.kind !== 'vartuple')
        return { error: `product(*pools) needs pools that are lists, not ${typeToString(pool)}` };
      return choice('itertools.product', T.iter(T.vartuple(pool.item), 'product'), args, 'star');
    }
    if (args.length === 0 || args.length > 6) return { error: 'product() takes 1 to 6 iterables here' };
    const items: Type[] = [];
    for (const a of args) {
      const it = itemOf('product', a);
      if ('error' in it) return it;
      items.push(it);
    }
    const rep = kw.get('repeat');
    let times = 1;
    if (rep) {
      const n = constInt(kwConsts?.get('repeat'));
      if (n === undefined || n < 0 || n * args.length > 8)
        return { error: 'product() repeat must be a literal int from 0 to 8' };
      times = n;
    }
    const all = Array.from({ length: times }, () => items).flat();
    return choice('itertools.product', T.iter(T.tuple(all), 'product'), args, 'pools', { times });
  },
  tests: [
    {
      params: { a: 'list[int]', b: 'str' },
      expr: 'list(itertools.product(a, b))',
      samples: [
        [[1, 2], 'xy'],
        [[], 'x'],
      ],
      imports: IMPORTS,
    },
    {
      params: { m: 'list[list[int]]' },
      expr: 'list(itertools.product(*m))',
      samples: [
        [
          [
            [1, 2],
            [3, 4, 5],
          ],
        ],
        [[[1], [], [2]]],
        [[]],
        [[[7]]],
      ],
      imports: IMPORTS,
    },
    {
      params: { s: 'str' },
      expr: "[''.join(p) for p in itertools.product(s, repeat=2)]",
      samples: [['ab'], ['']],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.zip_longest',
  summary: 'zip_longest(*iterables, fillvalue=None): to the longest, missing items None or the fill value',
  resolve: (args, kw) => {
    if (args.length === 0 || args.length > 6) return { error: 'zip_longest() takes 1 to 6 iterables here' };
    const fill = kw.get('fillvalue');
    const items: Type[] = [];
    for (const a of args) {
      const it = itemOf('zip_longest', a);
      if ('error' in it) return it;
      if (!fill || fill.kind === 'none') items.push(T.optional(it));
      else {
        const ok = typeToString(fill) === typeToString(it);
        if (!ok)
          return {
            error: `zip_longest() fillvalue of type ${typeToString(fill)} among ${typeToString(it)} items is not supported`,
          };
        items.push(it);
      }
    }
    const filled = fill !== undefined && fill.kind !== 'none';
    return choice('itertools.zip_longest', T.iter(T.tuple(items), 'zip_longest'), args, filled ? 'filled' : 'optional');
  },
  tests: [
    {
      params: { a: 'list[int]', b: 'list[str]' },
      expr: 'list(itertools.zip_longest(a, b))',
      samples: [
        [[1, 2, 3], ['x']],
        [[], []],
      ],
      imports: IMPORTS,
    },
    {
      params: { a: 'str', b: 'str' },
      expr: "[x + y for x, y in itertools.zip_longest(a, b, fillvalue='-')]",
      samples: [['abc', 'é']],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'itertools.tee',
  summary: 'tee(iterable, n=2): n independent iterators (next() and loops advance each alone; n a literal)',
  resolve: (args, _kw, consts) => {
    const item = itemOf('tee', args[0]);
    if ('error' in item) return item;
    const n = args[1] ? constInt(consts?.[1]) : 2;
    if (n === undefined || n < 0 || n > 8) return { error: 'tee() n must be a literal int from 0 to 8' };
    return choice('itertools.tee', T.tuple(Array(n).fill(T.iter(item, 'builtins.iter'))), [args[0]!], 'copies', { n });
  },
  tests: [
    {
      params: { xs: 'list[int]' },
      body: 'a, b = itertools.tee(xs)\nreturn list(zip(a, list(b)[1:]))',
      samples: [[[1, 2, 3]], [[]]],
      imports: IMPORTS,
    },
    // Each copy is an iterator of its own: next() advances one copy, a drained copy stays empty.
    {
      params: { xs: 'list[int]' },
      body: 'a, b = itertools.tee(xs)\nnext(b, None)\npairs = [[x, y] for x, y in zip(a, b)]\nreturn pairs, list(a), list(b)',
      samples: [[[1, 2, 3, 4]], [[7]], [[]]],
      imports: IMPORTS,
    },
    {
      params: { words: 'list[str]' },
      body: 'a, b, c = itertools.tee(words, 3)\nfirst = list(a)\nagain = list(a)\nhead = next(c, "-")\nfor w in b:\n    if w == "x":\n        break\nreturn first, again, head, list(b), list(c)',
      samples: [[['p', 'x', 'q', 'r']], [[]]],
      imports: IMPORTS,
    },
  ],
});

// The Rust of each variant the rules above choose.
const tuple = (n: number, v: string): string =>
  `(${Array.from({ length: n }, (_, i) => `${v}[${i}].clone()`).join(', ')}${n === 1 ? ',' : ''})`;

defineSpellings({
  'itertools.chain': {
    star_iterables: () => '{iter0}.into_iter().flat_map(|__x| __x.into_iter())',
    star_strings: () =>
      '{iter0}.into_iter().flat_map(|__s| __s.chars().map(|__c| __c.to_string()).collect::<Vec<_>>())',
    star_tuples: (c) =>
      `{iter0}.into_iter().flat_map(|__t| [${Array.from({ length: c.detail!.arity as number }, (_, i) => `__t.${i}`).join(', ')}])`,
    empty: () => 'std::iter::empty()',
    iterables: (c) =>
      `{iter0}.into_iter()${c.params
        .slice(1)
        .map((_, i) => `.chain({iter${i + 1}})`)
        .join('')}`,
  },
  'itertools.chain.from_iterable': {
    iterables: () => '{iter0}.into_iter().flat_map(|__x| __x.into_iter())',
    strings: () => '{iter0}.into_iter().flat_map(|__s| __s.chars().map(|__c| __c.to_string()).collect::<Vec<_>>())',
    tuples: (c) =>
      `{iter0}.into_iter().flat_map(|__t| [${Array.from({ length: c.detail!.arity as number }, (_, i) => `__t.${i}`).join(', ')}])`,
  },
  'itertools.islice': {
    bounds: (c) =>
      `{ let (__skip, __take, __step) = rt::itertools::islice_bounds(${c.detail!.start as string}, ${c.detail!.stop as string}, ${c.detail!.step as string})?; {iter0}.into_iter().skip(__skip).take(__take).step_by(__step) }`,
  },
  'itertools.count': {
    int: (c) => `rt::itertools::Count::<i64>::new(${c.detail!.start as string}, ${c.detail!.step as string})`,
    float: (c) =>
      `rt::itertools::Count::<f64>::new(${c.detail!.start as string} as f64, ${c.detail!.step as string} as f64)`,
  },
  'itertools.cycle': { iterable: () => 'rt::itertools::Cycle::new({iter0}.into_iter().collect::<Vec<_>>())' },
  'itertools.repeat': {
    times: (c) => `rt::itertools::Repeat::new({0}, Some(${c.detail!.n as string}))`,
    endless: () => 'rt::itertools::Repeat::new({0}, None)',
  },
  'itertools.takewhile': {
    // Each item is Some until the first that fails, then None, where map_while stops pulling.
    lazy_predicate: (c) =>
      `rt::stream::lazy({iter1}.into_iter(), |__x| Ok(Some(if ${truthTemplate(c.detail!.truth as Type, '&{call0(__x.clone())}')} { Some(__x) } else { None }))).map_while(|__o| __o)`,
    predicate: (c) =>
      `{ let mut __v = Vec::new(); for __x in {iter1} { if !${truthTemplate(c.detail!.truth as Type, '&{call0(__x.clone())}')} { break; } __v.push(__x); } __v.into_iter() }`,
  },
  'itertools.dropwhile': {
    lazy_predicate: (c) =>
      `rt::stream::lazy_with(false, {iter1}.into_iter(), |__on: &mut bool, __x| { if !*__on && !${truthTemplate(c.detail!.truth as Type, '&{call0(__x.clone())}')} { *__on = true; } Ok(if *__on { Some(__x) } else { None }) })`,
    predicate: (c) =>
      `{ let mut __v = Vec::new(); let mut __on = false; for __x in {iter1} { if !__on && !${truthTemplate(c.detail!.truth as Type, '&{call0(__x.clone())}')} { __on = true; } if __on { __v.push(__x); } } __v.into_iter() }`,
  },
  'itertools.filterfalse': {
    lazy_predicate: (c) =>
      `rt::stream::lazy({iter1}.into_iter(), |__x| Ok(if !${truthTemplate(c.detail!.truth as Type, '&{call0(__x.clone())}')} { Some(__x) } else { None }))`,
    predicate: (c) =>
      `{ let mut __v = Vec::new(); for __x in {iter1} { if !${truthTemplate(c.detail!.truth as Type, '&{call0(__x.clone())}')} { __v.push(__x); } } __v.into_iter() }`,
    identity: (c) => `{iter1}.into_iter().filter(|__x| !${truthTemplate(c.detail!.truth as Type, '__x')})`,
  },
  'itertools.compress': {
    selectors: (c) =>
      `{iter0}.into_iter().zip({iter1}).filter(|(_, __s)| ${truthTemplate(c.detail!.selector as Type, '__s')}).map(|(__d, _)| __d)`,
  },
  'itertools.pairwise': {
    lazy_iterable: () =>
      '{ let __p: Option<_> = None; rt::stream::lazy_with(__p, {iter0}.into_iter(), |__p, __x| Ok(__p.replace(__x.clone()).map(|__a| (__a, __x)))) }',
    iterable: () =>
      '{ let __v: Vec<_> = {iter0}.into_iter().collect(); __v.windows(2).map(|__w| (__w[0].clone(), __w[1].clone())).collect::<Vec<_>>().into_iter() }',
  },
  'itertools.starmap': {
    lazy_tuples: (c) =>
      `rt::stream::lazy({iter1}.into_iter(), |__t| Ok(Some({call0(${Array.from({ length: c.detail!.arity as number }, (_, i) => `__t.${i}`).join(', ')})})))`,
    tuples: (c) =>
      `{iter1}.into_iter().map(|__t| Ok({call0(${Array.from({ length: c.detail!.arity as number }, (_, i) => `__t.${i}`).join(', ')})})).collect::<rt::PyResult<Vec<_>>>()?.into_iter()`,
  },
  'itertools.accumulate': {
    lazy_func: (c) =>
      c.detail!.initial
        ? `{ let __init = {kw:initial}; std::iter::once(__init.clone()).chain(rt::stream::lazy_with(__init, {iter0}.into_iter(), |__acc, __x| { let __a = __acc.clone(); *__acc = ${c.detail!.call as string}; Ok(Some(__acc.clone())) })) }`
        : `{ let __s: Option<_> = None; rt::stream::lazy_with(__s, {iter0}.into_iter(), |__acc, __x| { let __next = match __acc.take() { None => __x, Some(__a) => ${c.detail!.call as string} }; *__acc = Some(__next.clone()); Ok(Some(__next)) }) }`,
    func: (c) =>
      c.detail!.initial
        ? `{ let mut __acc = {kw:initial}; let mut __out = vec![__acc.clone()]; for __x in {iter0} { let __a = __acc; __acc = ${c.detail!.call as string}; __out.push(__acc.clone()); } __out.into_iter() }`
        : `{ let mut __out = Vec::new(); let mut __acc = None; for __x in {iter0} { let __next = match __acc.take() { None => __x, Some(__a) => ${c.detail!.call as string} }; __out.push(__next.clone()); __acc = Some(__next); } __out.into_iter() }`,
  },
  'itertools.groupby': {
    runs: (c) =>
      `rt::itertools::groupby({iter0}.into_iter().collect(), ${c.detail!.key ? `|__x: &_| Ok({call${c.detail!.key as string}(__x.clone())})` : '|__x: &_| Ok(__x.clone())'})?.into_iter()`,
  },
  'itertools.product': {
    star: () =>
      '{ let __pools: Vec<Vec<_>> = {iter0}.into_iter().map(|__p| __p.into_iter().collect::<Vec<_>>()).collect(); let mut __out: Vec<rt::VarTuple<_>> = Vec::new(); if __pools.iter().all(|__p| !__p.is_empty()) { let mut __ix = vec![0usize; __pools.len()]; loop { __out.push(__pools.iter().zip(&__ix).map(|(__p, &__i)| __p[__i].clone()).collect()); let mut __k = __pools.len(); while __k > 0 { __k -= 1; __ix[__k] += 1; if __ix[__k] < __pools[__k].len() { break; } __ix[__k] = 0; } if __ix.iter().all(|&__i| __i == 0) { break; } } } __out.into_iter() }',
    pools: (c) => {
      const n = c.params.length;
      const times = c.detail!.times as number;
      const pools = Array.from({ length: n }, (_, i) => `let __p${i}: Vec<_> = {iter${i}}.into_iter().collect();`).join(
        ' ',
      );
      const order = Array.from({ length: times }, () => Array.from({ length: n }, (_, i) => i)).flat();
      if (order.length === 0)
        return `{ ${pools} let _ = (${Array.from({ length: n }, (_, i) => `&__p${i}`).join(', ')}); vec![()].into_iter() }`;
      let body = `__out.push((${order.map((_, k) => `__x${k}.clone()`).join(', ')}${order.length === 1 ? ',' : ''}));`;
      for (let k = order.length - 1; k >= 0; k--) body = `for __x${k} in __p${order[k]}.iter() { ${body} }`;
      return `{ ${pools} let mut __out = Vec::new(); ${body} __out.into_iter() }`;
    },
  },
  'itertools.zip_longest': {
    optional: (c) => zipLongest(c.params.length, (i) => `__v${i}.get(__i).cloned()`),
    filled: (c) => zipLongest(c.params.length, (i) => `__v${i}.get(__i).cloned().unwrap_or_else(|| __fill.clone())`),
  },
  'itertools.tee': {
    copies: (c) => {
      const n = c.detail!.n as number;
      if (n === 0) return '{ let _ = {iter0}; () }';
      return `{ let __v: Vec<_> = {iter0}.into_iter().collect(); (${Array.from({ length: n }, () => '__v.clone()').join(', ')}${n === 1 ? ',' : ''}) }`;
    },
  },
});

for (const name of ['combinations', 'combinations_with_replacement', 'permutations'])
  defineSpellings({
    [`itertools.${name}`]: {
      tuples: (c) => {
        const arity = c.detail!.arity as number | undefined;
        const map = arity !== undefined ? `.map(|__t| ${tuple(arity, '__t')})` : '';
        const given = c.detail!.r as string;
        const r = name !== 'permutations' ? given : given === 'None' ? 'None' : `Some(${given})`;
        return `rt::itertools::${name}({iter0}.into_iter().collect(), ${r})?.into_iter()${map}`;
      },
    },
  });

function zipLongest(n: number, get: (i: number) => string): string {
  const vs = Array.from({ length: n }, (_, i) => `let __v${i}: Vec<_> = {iter${i}}.into_iter().collect();`).join(' ');
  const len = Array.from({ length: n }, (_, i) => `__v${i}.len()`).reduce((a, b) => `${a}.max(${b})`);
  const fill = get(0).includes('__fill') ? 'let __fill = {kw:fillvalue};' : '';
  return `{ ${vs} ${fill} (0..${len}).map(|__i| (${Array.from({ length: n }, (_, i) => get(i)).join(', ')}${n === 1 ? ',' : ''})).collect::<Vec<_>>().into_iter() }`;
}

void orderError;

/**
 * `zip_longest(*rows, fillvalue=x)`: the columns of rows of lists or strings to the longest row, a short row's
 * missing items None or the fill value; each column a list (its length is the number of rows, known only at run time).
 */
extendOp('itertools.zip_longest', {
  summary: 'zip_longest(*rows, fillvalue=None): the columns of rows of lists or strings, to the longest',
  resolve: (args, kw) => {
    if (!kw.has('*')) return undefined;
    if (args.length !== 1 || [...kw.keys()].some((k) => k !== '*' && k !== 'fillvalue'))
      return { error: 'zip_longest(a, *rest) is not supported; write zip_longest(*rows) alone' };
    const row = iterItem(args[0]!);
    const item = row && (row.kind === 'list' || row.kind === 'str') ? iterItem(row) : undefined;
    if (!row || !item)
      return { error: `zip_longest(*rows) needs rows that are lists or strings, not ${typeToString(row ?? args[0]!)}` };
    const fill = kw.get('fillvalue');
    const filled = fill !== undefined && fill.kind !== 'none';
    if (filled && typeToString(fill) !== typeToString(item))
      return {
        error: `zip_longest() fillvalue of type ${typeToString(fill)} among ${typeToString(item)} items is not supported`,
      };
    return choice(
      'itertools.zip_longest',
      T.iter(T.list(filled ? item : T.optional(item)), 'zip_longest'),
      args,
      filled ? 'star_filled' : 'star_optional',
      { strings: row.kind === 'str' },
    );
  },
  spell: {
    star_optional: (c) => zipLongestRows(c, '__r.get(__i).cloned()'),
    star_filled: (c) => zipLongestRows(c, '__r.get(__i).cloned().unwrap_or_else(|| __fill.clone())'),
  },
  tests: [
    {
      params: { m: 'list[list[int]]' },
      expr: '(list(itertools.zip_longest(*m)), [sum(c) for c in itertools.zip_longest(*m, fillvalue=0)])',
      samples: [[[[1, 2, 3], [4]]], [[]], [[[], [5, 6]]]],
      imports: IMPORTS,
    },
    {
      params: { words: 'list[str]' },
      expr: "[''.join(c) for c in itertools.zip_longest(*words, fillvalue='_')]",
      samples: [[['abc', 'dé', '']]],
      imports: IMPORTS,
    },
  ],
});

function zipLongestRows(c: OpChoice, get: string): string {
  const rows = c.detail?.strings
    ? '{iter0}.into_iter().map(|__s| __s.chars().map(|__c| __c.to_string()).collect::<Vec<String>>()).collect()'
    : '{iter0}.into_iter().collect()';
  const fill = get.includes('__fill') ? 'let __fill = {kw:fillvalue};' : '';
  return `{ let __rows: Vec<Vec<_>> = ${rows}; ${fill} let __n = __rows.iter().map(|__r| __r.len()).max().unwrap_or(0); (0..__n).map(|__i| __rows.iter().map(|__r| ${get}).collect::<Vec<_>>()).collect::<Vec<_>>().into_iter() }`;
}

/**
 * `zip(*rows)`, the transpose: lowering passes the starred iterable as the only argument and marks
 * the call with the keyword `*`. Rows that are lists or strings give columns as lists (a tuple whose
 * length is the number of rows, known only at run time); rows that are tuples give a tuple of columns,
 * so `names, scores = zip(*pairs)` unpacks as in Python (for an empty input, too, where CPython raises).
 */
extendOp('builtins.zip', {
  summary: 'zip(*rows): the columns of rows of lists, strings or tuples',
  resolve: (args, kw) => {
    if (!kw.has('*')) return undefined;
    if (args.length !== 1) return { error: 'zip(a, *rest) is not supported; write zip(*rows) alone' };
    const row = iterItem(args[0]!);
    if (!row) return { error: `${typeToString(args[0]!)} is not iterable` };
    if (row.kind === 'tuple')
      return choice('builtins.zip', T.tuple(row.items.map((t) => T.list(t))), args, 'star_tuples', {
        arity: row.items.length,
      });
    const item = iterItem(row);
    if (!item || (row.kind !== 'list' && row.kind !== 'str'))
      return { error: `zip(*rows) needs rows that are lists, strings or tuples, not ${typeToString(row)}` };
    return choice(
      'builtins.zip',
      T.iter(T.list(item), 'zip'),
      args,
      row.kind === 'str' ? 'star_strings' : 'star_lists',
    );
  },
  spell: {
    star_lists: () =>
      '{ let __rows: Vec<Vec<_>> = {iter0}.into_iter().collect(); let __n = __rows.iter().map(|__r| __r.len()).min().unwrap_or(0); (0..__n).map(|__i| __rows.iter().map(|__r| __r[__i].clone()).collect::<Vec<_>>()).collect::<Vec<_>>().into_iter() }',
    star_strings: () =>
      '{ let __rows: Vec<Vec<String>> = {iter0}.into_iter().map(|__s| __s.chars().map(|__c| __c.to_string()).collect()).collect(); let __n = __rows.iter().map(|__r| __r.len()).min().unwrap_or(0); (0..__n).map(|__i| __rows.iter().map(|__r| __r[__i].clone()).collect::<Vec<_>>()).collect::<Vec<_>>().into_iter() }',
    star_tuples: (c) => {
      const n = c.detail!.arity as number;
      return `{ let __rows: Vec<_> = {iter0}.into_iter().collect(); (${Array.from({ length: n }, (_, i) => `__rows.iter().map(|__r| __r.${i}.clone()).collect::<Vec<_>>()`).join(', ')}${n === 1 ? ',' : ''}) }`;
    },
  },
  tests: [
    {
      params: { m: 'list[list[int]]' },
      expr: 'list(zip(*m))',
      samples: [
        [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ],
        [[[1, 2], [3]]],
        [[]],
      ],
    },
    {
      params: { m: 'list[list[float]]' },
      expr: '[sum(col) / len(col) for col in zip(*m)]',
      samples: [
        [
          [
            [1.0, 2.0],
            [4.0, 5.5],
          ],
        ],
      ],
    },
    { params: { words: 'list[str]' }, expr: "[''.join(c) for c in zip(*words)]", samples: [[['abc', 'déf', 'gh']]] },
    {
      params: { pairs: 'list[tuple[str, int]]' },
      body: 'names, scores = zip(*pairs)\nreturn list(names), sum(scores)',
      samples: [
        [
          [
            ['a', 1],
            ['b', 2],
          ],
        ],
      ],
    },
    {
      params: { lists: 'list[list[str]]' },
      expr: 'list(itertools.chain(*lists))',
      samples: [[[['a'], [], ['b', 'c']]]],
      imports: IMPORTS,
    },
  ],
});
