/**
 * Python's `heapq` and `bisect` modules over lists: type rules and Rust spellings. The heap
 * functions mutate their list argument in place (like `list.append`, they refine `[]` to the
 * pushed item's type); the algorithms are CPython's, in the runtime's heapq module, so a heap's
 * list holds its items in the same order as in CPython.
 */
import { defineOp, defineSpellings, T, type ResolveContext, type ResolveResult } from '../registry';
import { orderError, iterItem, type Type, typeToString, unifyItems } from '../../types/types';
import { CMP_KEY } from '../../ir/ir';
import { CMP_CALL, cmpToKey } from './cmp_to_key';

/** The list type after storing `x` in `heap` (an int into a list of floats stays a float). */
function heapWith(
  id: string,
  heap: Type | undefined,
  x: Type | undefined,
  ordered = false,
): (Type & { kind: 'list' }) | { error: string } {
  if (heap?.kind !== 'list') return { error: `${id}() takes a list as its heap` };
  if (!x) return { error: `${id}() takes an item` };
  let item: Type | undefined;
  if (heap.item.kind === 'unknown') item = x;
  else if (heap.item.kind === 'float' && (x.kind === 'int' || x.kind === 'bool')) item = heap.item;
  else item = unifyItems(heap.item, x);
  if (!item) return { error: `cannot add ${typeToString(x)} to ${typeToString(heap)}` };
  const bad = ordered ? undefined : orderError(item);
  if (bad) return { error: bad };
  return T.list(item) as Type & { kind: 'list' };
}

/**
 * The comparator of a heap of class instances (`@dataclass(order=True)` or a class with `__lt__`): infer passes the
 * class's `CMP_METHOD` under `CMP_KEY`, as it does for sorted; 'cmp' when given, an error when it does not fit.
 */
function heapCmp(
  kw: ReadonlyMap<string, Type>,
  item: Type,
  ctx: ResolveContext | undefined,
): { error: string } | 'cmp' | undefined {
  return kw.has(CMP_KEY) ? cmpToKey(kw, item, ctx) : undefined;
}

/** `a < b` of two heap items by the class's comparator (`__lt__`, which may raise). */
const LT_BY_CMP = `|__a: &_, __b: &_| ${CMP_CALL}.map(|__c| rt::list::CmpSign::below_zero(&__c))`;

function choice(
  id: string,
  result: Type,
  params: Type[],
  variant: string,
  extra?: Partial<ResolveResult>,
): ResolveResult {
  return { entry: id, overload: params.map(typeToString).join(', '), result, params, variant, ...extra };
}

for (const name of ['heappush', 'heappushpop', 'heapreplace'] as const) {
  const id = `heapq.${name}`;
  defineOp({
    id,
    summary: `heapq.${name}(heap, item)${name === 'heapreplace' ? '; IndexError on an empty heap' : ''}`,
    resolve: (args, kw, _c, _kc, ctx) => {
      if (args.length !== 2) return { error: `${name}() takes a heap and an item` };
      const cmp = heapCmp(kw, args[1]!, ctx);
      if (typeof cmp === 'object') return cmp;
      const list = heapWith(name, args[0], args[1], cmp === 'cmp');
      if ('error' in list) return list;
      const result = name === 'heappush' ? T.none : list.item;
      return choice(id, result, [list, list.item], cmp ? 'by_cmp' : 'item', { mutates: true, refineReceiver: list });
    },
    tests: [
      {
        params: { xs: 'list[int]', x: 'int' },
        body: `h = []\nfor v in xs:\n    heapq.heappush(h, v)\nr = heapq.${name}(h, x) if h else None\nreturn h, r`,
        samples: [
          [[5, 1, 4, 1, 3], 2],
          [[], 7],
          [[3, 3, 3], -1],
        ],
        imports: ['import heapq'],
      },
      {
        params: { xs: 'list[float]', x: 'float' },
        body: `h = list(xs)\nheapq.heapify(h)\nr = heapq.${name}(h, x) if h else None\nreturn h, r`,
        samples: [[[0.5, -2.0, 3.25], 1.0]],
        imports: ['import heapq'],
      },
    ],
  });
}

defineOp({
  id: 'heapq.heappop',
  summary: 'heapq.heappop(heap): the smallest item; IndexError on an empty heap',
  resolve: (args, kw, _c, _kc, ctx) => {
    const h = args[0];
    if (args.length !== 1 || h?.kind !== 'list') return { error: 'heappop() takes a list' };
    const cmp = heapCmp(kw, h.item, ctx);
    if (typeof cmp === 'object') return cmp;
    return choice('heapq.heappop', h.item, [h], cmp ? 'by_cmp' : 'list', { mutates: true });
  },
  tests: [
    {
      params: { xs: 'list[int]', k: 'int' },
      body: 'h = list(xs)\nheapq.heapify(h)\nout = []\nfor _ in range(k):\n    out.append(heapq.heappop(h))\nreturn out, h',
      samples: [
        [[5, 1, 4, 1, 3], 3],
        [[2], 2],
        [[], 0],
      ],
      imports: ['import heapq'],
    },
    {
      params: { words: 'list[str]' },
      body: 'h = [(len(w), w) for w in words]\nheapq.heapify(h)\nreturn [heapq.heappop(h)[1] for _ in range(len(h))]',
      samples: [[['ccc', 'a', 'bb', 'b', 'é']], [[]]],
      imports: ['import heapq'],
    },
  ],
});

defineOp({
  id: 'heapq.heapify',
  summary: 'heapq.heapify(x): makes a list a heap in place',
  resolve: (args, kw, _c, _kc, ctx) => {
    const h = args[0];
    if (args.length !== 1 || h?.kind !== 'list') return { error: 'heapify() takes a list' };
    const cmp = heapCmp(kw, h.item, ctx);
    if (typeof cmp === 'object') return cmp;
    const bad = cmp ? undefined : orderError(h.item);
    if (bad) return { error: bad };
    return choice('heapq.heapify', T.none, [h], cmp ? 'by_cmp' : 'list', { mutates: true });
  },
  tests: [
    {
      params: { xs: 'list[int]' },
      body: 'h = list(xs)\nheapq.heapify(h)\nreturn h',
      samples: [[[9, 8, 7, 6, 5, 4, 3, 2, 1]], [[]], [[1, 1, 0]]],
      imports: ['import heapq'],
    },
  ],
});

/** The key of `key=` (a callable of one item), or the item itself; an error when it cannot be ordered. */
function keyOf(
  item: Type,
  kw: ReadonlyMap<string, Type>,
  ctx: ResolveContext | undefined,
): { key?: Type } | { error: string } {
  const key = kw.get('key');
  if (!key || key.kind === 'none') {
    const bad = orderError(item);
    return bad ? { error: bad } : {};
  }
  const k = key.kind === 'callable' ? ctx?.call('key', [item]) : undefined;
  if (!k) return { error: 'key must be a function of one argument (a lambda or a module function)' };
  const bad = orderError(k);
  return bad ? { error: bad } : { key: k };
}

/** The Rust closure computing an item's key (`__x` is a borrow). */
const KEY_FN = (c: { detail?: Record<string, unknown> }): string =>
  c.detail?.key ? '|__x: &_| Ok({callkey(__x.clone())})' : '|__x: &_| Ok(__x.clone())';

for (const [name, largest] of [
  ['nlargest', true],
  ['nsmallest', false],
] as const) {
  const id = `heapq.${name}`;
  defineOp({
    id,
    summary: `heapq.${name}(n, iterable, key=None): sorted(iterable, key=key${largest ? ', reverse=True' : ''})[:n]`,
    resolve: (args, kw, _c, _kc, ctx) => {
      if (args.length !== 2 || (args[0]!.kind !== 'int' && args[0]!.kind !== 'bool'))
        return { error: `${name}() takes n (an int) and an iterable` };
      const item = iterItem(args[1]!);
      if (!item) return { error: `${typeToString(args[1]!)} is not iterable` };
      const k = keyOf(item, kw, ctx);
      if ('error' in k) return k;
      return choice(id, T.list(item), [T.int, args[1]!], 'n', { detail: { key: k.key !== undefined } });
    },
    tests: [
      {
        params: { xs: 'list[int]', n: 'int' },
        expr: `heapq.${name}(n, xs)`,
        samples: [
          [[5, 1, 4, 1, 3], 2],
          [[], 3],
          [[2, 2], -1],
          [[7, 3, 9], 10],
        ],
        imports: ['import heapq'],
      },
      {
        params: { words: 'list[str]', n: 'int' },
        expr: `heapq.${name}(n, words, key=len)`,
        samples: [[['bb', 'a', 'cc', 'ddd', 'é'], 3]],
        imports: ['import heapq'],
      },
      {
        params: { scores: 'dict[str, float]' },
        expr: `heapq.${name}(2, scores.items(), key=lambda kv: kv[1])`,
        samples: [[{ a: 0.5, b: -1.5, c: 2.0, d: 0.5 }], [{}]],
        imports: ['import heapq'],
      },
    ],
  });
}

defineOp({
  id: 'heapq.merge',
  summary: 'heapq.merge(*iterables, key=None, reverse=False): merges sorted inputs, earlier inputs first on ties',
  resolve: (args, kw, _c, _kc, ctx) => {
    if (args.length === 0) return { error: 'merge() takes iterables' };
    // `merge(*lists)`: lowering passes the starred list of iterables alone with the keyword `*` (ir.ts STAR_OPS).
    if (kw.has('*')) {
      const inner = iterItem(args[0]!);
      const item = args.length === 1 && inner ? iterItem(inner) : undefined;
      if (!inner || !item) return { error: 'merge(*xs) takes a list of iterables, alone' };
      const rev = kw.get('reverse');
      if (rev && rev.kind !== 'bool') return { error: 'reverse must be a bool' };
      const k = keyOf(item, kw, ctx);
      if ('error' in k) return k;
      return choice('heapq.merge', T.iter(item, 'merge'), args, 'star', {
        detail: { key: k.key !== undefined, reverse: rev !== undefined },
      });
    }
    let item: Type | undefined;
    for (const a of args) {
      const it = iterItem(a);
      if (!it) return { error: `${typeToString(a)} is not iterable` };
      if (item && typeToString(item) !== typeToString(it))
        return { error: `merge() takes iterables of one item type, not ${typeToString(item)} and ${typeToString(it)}` };
      item = it;
    }
    const rev = kw.get('reverse');
    if (rev && rev.kind !== 'bool') return { error: 'reverse must be a bool' };
    const k = keyOf(item!, kw, ctx);
    if ('error' in k) return k;
    return choice('heapq.merge', T.iter(item!, 'merge'), args, 'iterables', {
      detail: { key: k.key !== undefined, reverse: rev !== undefined },
    });
  },
  tests: [
    {
      params: { runs: 'list[list[int]]' },
      expr: '(list(heapq.merge(*runs)), list(heapq.merge(*[sorted(r, reverse=True) for r in runs], key=lambda x: -x)))',
      samples: [[[[1, 4, 9], [2, 3], []]], [[]]],
      imports: ['import heapq'],
    },
    {
      params: { a: 'list[int]', b: 'list[int]', c: 'list[int]' },
      expr: 'list(heapq.merge(sorted(a), sorted(b), sorted(c)))',
      samples: [[[5, 1], [4, 1, 3], []]],
      imports: ['import heapq'],
    },
    {
      params: { a: 'list[str]', b: 'list[str]' },
      expr: 'list(heapq.merge(a, b, key=len, reverse=True))',
      samples: [
        [
          ['ccc', 'bb', 'a'],
          ['dd', 'e'],
        ],
      ],
      imports: ['import heapq'],
    },
  ],
});

/**
 * `bisect.bisect_left/bisect_right/bisect` and `insort_left/insort_right/insort`: `lo`/`hi` positional
 * or by keyword, `key=` applied to the list's items (not to `x`, as in CPython; insort applies it to
 * the inserted item too).
 */
for (const [name, side, insert] of [
  ['bisect_left', 'left', false],
  ['bisect_right', 'right', false],
  ['bisect', 'right', false],
  ['insort_left', 'left', true],
  ['insort_right', 'right', true],
  ['insort', 'right', true],
] as const) {
  const id = `bisect.${name}`;
  defineOp({
    id,
    summary: `bisect.${name}(a, x, lo=0, hi=len(a), *, key=None)`,
    resolve: (args, kw, _c, _kc, ctx) => {
      if (args.length < 2 || args.length > 4)
        return { error: `${name}() takes a list, an item, and optional lo and hi` };
      let list = args[0]!;
      let x = args[1]!;
      if (list.kind !== 'list') return { error: `${name}() takes a list, not ${typeToString(list)}` };
      if (insert) {
        const l = heapWith(name, list, x);
        if ('error' in l) return l;
        list = l;
        x = l.item;
      }
      const item = (list as Type & { kind: 'list' }).item;
      const k = keyOf(item, kw, ctx);
      if ('error' in k) return k;
      // Without a key, `x` is compared with the items; with one, with their keys (insort: with the key of `x`).
      let target = k.key ?? item;
      if (insert && k.key) target = ctx?.call('key', [x]) ?? target;
      const wanted = insert && k.key ? x : target;
      const xType = x.kind === 'int' || x.kind === 'bool' ? (wanted.kind === 'float' ? T.float : x) : x;
      if (typeToString(xType) !== typeToString(wanted) && wanted.kind !== 'unknown')
        return { error: `cannot compare ${typeToString(x)} with ${typeToString(wanted)} in ${name}()` };
      for (const b of [args[2], args[3], kw.get('lo'), kw.get('hi')])
        if (b && b.kind !== 'int' && b.kind !== 'bool' && !(b.kind === 'none' && b === (args[3] ?? kw.get('hi'))))
          return { error: 'lo and hi must be ints' };
      const lo = args[2] ? '{2}' : kw.has('lo') ? '{kw:lo}' : '0';
      const hiT = args[3] ?? kw.get('hi');
      const hi = !hiT || hiT.kind === 'none' ? 'None' : args[3] ? 'Some({3})' : 'Some({kw:hi})';
      const params = [list, wanted, ...args.slice(2).map((a) => (a.kind === 'bool' ? T.int : a))];
      return choice(id, insert ? T.none : T.int, params, insert ? 'insert' : 'search', {
        detail: { key: k.key !== undefined, side, lo, hi },
        ...(insert ? { mutates: true, refineReceiver: list } : {}),
      });
    },
    tests: insert
      ? [
          {
            params: { xs: 'list[int]', x: 'int' },
            body: `a = sorted(xs)
bisect.${name}(a, x)
bisect.${name}(a, x, 1)
return a`,
            samples: [
              [[5, 1, 4, 1, 3], 4],
              [[2], 0],
              [[], 3],
            ],
            imports: ['import bisect'],
          },
          {
            params: { words: 'list[str]', w: 'str' },
            body: `a = sorted(words, key=len)
bisect.${name}(a, w, key=len)
return a`,
            samples: [
              [['bb', 'a', 'cc', 'ddd'], 'xy'],
              [[], 'é'],
            ],
            imports: ['import bisect'],
          },
        ]
      : [
          {
            params: { xs: 'list[int]', x: 'int' },
            expr: `bisect.${name}(sorted(xs), x)`,
            samples: [
              [[5, 1, 4, 1, 3], 4],
              [[5, 1, 4, 1, 3], 1],
              [[], 0],
              [[2, 2, 2], 2],
            ],
            imports: ['import bisect'],
          },
          {
            params: { xs: 'list[float]', x: 'float', lo: 'int' },
            expr: `bisect.${name}(sorted(xs), x, lo)`,
            samples: [
              [[0.5, 1.5, 2.5], 1.5, 1],
              [[0.5], 0.0, 0],
              [[1.0, 2.0], 3.0, -1],
              [[1.0, 2.0], 3.0, 5],
            ],
            imports: ['import bisect'],
          },
          {
            params: { pairs: 'list[tuple[str, int]]', x: 'int' },
            expr: `bisect.${name}(sorted(pairs, key=lambda p: p[1]), x, key=lambda p: p[1], hi=len(pairs))`,
            samples: [
              [
                [
                  ['a', 3],
                  ['b', 1],
                  ['c', 2],
                ],
                2,
              ],
            ],
            imports: ['import bisect'],
          },
          {
            params: { grades: 'list[int]' },
            expr: `["FDCBA"[bisect.${name}([60, 70, 80, 90], g)] for g in grades]`,
            samples: [[[33, 99, 77, 70, 89, 90, 100]]],
            imports: ['import bisect'],
          },
        ],
  });
}

/** A bisect search over `a` (a borrow) for `x` (a borrow), from the rule's detail. */
function bisectCall(c: { detail?: Record<string, unknown> }, a: string, x: string): string {
  const d = c.detail!;
  return `rt::heapq::bisect_${d.side as string}(${a}, ${x}, ${d.lo as string}, ${d.hi as string}, ${KEY_FN(c)})?`;
}

for (const name of ['bisect_left', 'bisect_right', 'bisect'])
  defineSpellings({ [`bisect.${name}`]: { search: (c) => bisectCall(c, '{&0}', '&{1}') } });
for (const name of ['insort_left', 'insort_right', 'insort'])
  defineSpellings({
    [`bisect.${name}`]: {
      insert: (c) =>
        `{ let __item = {1}; let __at = ${bisectCall(c, '{&0}', c.detail!.key ? '&{callkey(__item.clone())}' : '&__item')}; {mut0}.insert(__at as usize, __item); }`,
    },
  });

defineSpellings({
  'heapq.heappush': {
    item: () => 'rt::heapq::heappush({mut0}, {1})?',
    by_cmp: () => `rt::heapq::heappush_by({mut0}, {1}, ${LT_BY_CMP})?`,
  },
  'heapq.heappushpop': {
    item: () => 'rt::heapq::heappushpop({mut0}, {1})?',
    by_cmp: () => `rt::heapq::heappushpop_by({mut0}, {1}, ${LT_BY_CMP})?`,
  },
  'heapq.heapreplace': {
    item: () => 'rt::heapq::heapreplace({mut0}, {1})?',
    by_cmp: () => `rt::heapq::heapreplace_by({mut0}, {1}, ${LT_BY_CMP})?`,
  },
  'heapq.heappop': {
    list: () => 'rt::heapq::heappop({mut0})?',
    by_cmp: () => `rt::heapq::heappop_by({mut0}, ${LT_BY_CMP})?`,
  },
  'heapq.heapify': {
    list: () => 'rt::heapq::heapify({mut0})?',
    by_cmp: () => `rt::heapq::heapify_by({mut0}, ${LT_BY_CMP})?`,
  },
  'heapq.nlargest': { n: (c) => `rt::heapq::nbest({0}, {iter1}.into_iter().collect(), ${KEY_FN(c)}, true)?` },
  'heapq.nsmallest': { n: (c) => `rt::heapq::nbest({0}, {iter1}.into_iter().collect(), ${KEY_FN(c)}, false)?` },
  'heapq.merge': {
    iterables: (c) =>
      `rt::heapq::merge(vec![${c.params.map((_, i) => `{iter${i}}.into_iter().collect::<Vec<_>>()`).join(', ')}], ${KEY_FN(c)}, ${c.detail?.reverse ? '{kw:reverse}' : 'false'})?.into_iter()`,
    star: (c) =>
      `rt::heapq::merge({iter0}.into_iter().map(|__l| __l.into_iter().collect::<Vec<_>>()).collect(), ${KEY_FN(c)}, ${c.detail?.reverse ? '{kw:reverse}' : 'false'})?.into_iter()`,
  },
});
