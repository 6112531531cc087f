/**
 * `collections.deque`: the `deque` type (`rt::Deque`, a `VecDeque` with its `maxlen`), its
 * constructor, every method and attribute, and the operators and builtins that take one
 * (`len`, `in`, indexing, `+`, `*`, comparisons). The runtime's `deque` module holds CPython's
 * rules (a full bounded deque drops items from the other end; the exceptions and messages), so
 * these rules only type the calls. A deque is iterable like a list (`iterItem`), so `list(d)`,
 * `sorted(d)`, `for x in d` and the other consumers of iterables take one as they are.
 */
import { defineOp, extendOp, T, type ResolveResult, defineSpellings, type OpTest } from '../registry';
import { type Type, typeToString, iterItem, unifyItems, orderError } from '../../types/types';

type DequeType = Type & { kind: 'deque' };

const IMPORT = ['from collections import deque'];

function isSlice(t: Type | undefined): boolean {
  return t?.kind === 'slice';
}

/** The item type a deque of `recv`'s items takes `x` as: the first item fills a hole; unlike ones widen to a variant. */
function itemFor(recv: DequeType, x: Type | undefined): Type | { error: string } {
  if (!x) return { error: 'expected an item argument' };
  if (recv.item.kind === 'unknown') return x;
  if (recv.item.kind === 'float' && (x.kind === 'int' || x.kind === 'bool')) return recv.item;
  const u = unifyItems(recv.item, x);
  if (!u) return { error: `cannot add ${typeToString(x)} to ${typeToString(recv)}` };
  return u;
}

/** A `maxlen` argument: an int, None or an Optional int; its Rust is an `Option<i64>`. */
function maxlenForm(t: Type | undefined): 'none' | 'int' | 'optional' | { error: string } {
  if (!t || t.kind === 'none') return 'none';
  if (t.kind === 'int' || t.kind === 'bool') return 'int';
  if (t.kind === 'optional' && (t.item.kind === 'int' || t.item.kind === 'bool')) return 'optional';
  return { error: `maxlen must be an int or None, not ${typeToString(t)}` };
}

defineOp({
  id: 'collections.deque',
  summary:
    'deque(iterable=(), maxlen=None): a double-ended queue; a bounded one keeps the last maxlen items (ValueError for a negative maxlen)',
  resolve: (args, kw): ResolveResult => {
    if (args.length > 2) return { error: 'deque() takes at most 2 arguments' };
    if (kw.has('iterable')) return { error: 'pass the iterable of deque() positionally' };
    const extra = [...kw.keys()].find((k) => k !== 'maxlen');
    if (extra) return { error: `deque() got an unexpected keyword argument '${extra}'` };
    const src = args[0];
    const maxArg = args.length > 1 ? 1 : kw.has('maxlen') ? 'maxlen' : undefined;
    if (args.length > 1 && kw.has('maxlen')) return { error: "deque() got multiple values for argument 'maxlen'" };
    const form = maxlenForm(maxArg === undefined ? undefined : maxArg === 1 ? args[1] : kw.get('maxlen'));
    if (typeof form !== 'string') return form;
    let item: Type = T.unknown;
    if (src) {
      const it = iterItem(src);
      if (!it) return { error: `'${typeToString(src)}' object is not iterable` };
      item = it;
    }
    const result = T.deque(item);
    return {
      entry: 'collections.deque',
      overload: src ? typeToString(src) : '',
      result,
      params: args,
      variant: !src && form === 'none' ? 'empty' : 'bounded',
      detail: {
        source: src ? 0 : undefined,
        maxlen: form === 'none' ? undefined : form,
        maxlenAt: maxArg,
      },
    };
  },
  tests: [
    {
      params: { xs: 'list[int]', k: 'int' },
      body: 'd = deque(xs, maxlen=k)\nreturn list(d), len(d), d.maxlen, str(d)',
      samples: [
        [[1, 2, 3, 4], 2],
        [[1, 2], 5],
        [[1, 2], 0],
        [[1], -1],
      ],
      imports: IMPORT,
    },
    {
      params: { s: 'str' },
      body: 'd = deque(s)\nreturn repr(d), d.maxlen is None, bool(d), d == deque(reversed(s))',
      samples: [['abc'], ['']],
      imports: IMPORT,
    },
    {
      params: { xs: 'list[int]' },
      body: 'window = deque(maxlen=3)\nout = []\nfor x in xs:\n    window.append(x)\n    out.append(sum(window) / len(window))\nreturn out',
      samples: [[[1, 2, 3, 4, 5]], [[]]],
      imports: IMPORT,
    },
    {
      params: { xs: 'list[str]', k: 'Optional[int]' },
      body: 'd = deque(xs, k)\nreturn str(d)',
      samples: [
        [['a', 'b', 'c'], 2],
        [['a'], null],
      ],
      imports: [...IMPORT, 'from typing import Optional'],
    },
  ],
});

// ---- Methods ----------------------------------------------------------------------------

function dequeEntry(
  name: string,
  summary: string,
  resolve: (recv: DequeType, args: Type[]) => ResolveResult,
  tests: OpTest[],
): void {
  defineOp({
    id: `deque.${name}`,
    summary,
    tests: tests.map((t) => ({ ...t, imports: [...IMPORT, ...(t.imports ?? [])] })),
    resolve: (args, kw) => {
      const recv = args[0];
      if (recv?.kind !== 'deque')
        return { error: `expected a deque receiver, got ${recv ? typeToString(recv) : 'nothing'}` };
      if (kw.size > 0) return { error: `deque.${name}() takes no keyword arguments` };
      return resolve(recv, args.slice(1));
    },
  });
}

function choice(
  name: string,
  recv: DequeType,
  result: Type,
  params: Type[],
  variant: string,
  mutates = false,
  refine?: Type,
): ResolveResult {
  return {
    entry: `deque.${name}`,
    overload: typeToString(refine ?? recv),
    result,
    params,
    variant,
    ...(mutates ? { mutates: true } : {}),
    ...(refine ? { refineReceiver: refine } : {}),
  };
}

for (const name of ['append', 'appendleft']) {
  dequeEntry(
    name,
    `d.${name}(x): a full bounded deque drops an item from the ${name === 'append' ? 'left' : 'right'}`,
    (recv, args) => {
      if (args.length !== 1) return { error: `${name}() takes exactly one argument (${args.length} given)` };
      const item = itemFor(recv, args[0]);
      if ('error' in item) return item;
      const d = T.deque(item);
      return choice(name, recv, T.none, [d, item], 'item', true, d);
    },
    [
      {
        params: { xs: 'list[int]', k: 'int' },
        body: `d = deque([0], maxlen=k)\nfor x in xs:\n    d.${name}(x)\nreturn list(d)`,
        samples: [
          [[1, 2, 3], 2],
          [[1, 2, 3], 0],
          [[5], 4],
        ],
      },
    ],
  );
}

for (const name of ['extend', 'extendleft']) {
  dequeEntry(
    name,
    `d.${name}(iterable)${name === 'extendleft' ? ': each item goes to the left, so they end up reversed' : ''}`,
    (recv, args) => {
      if (args.length !== 1) return { error: `${name}() takes exactly one argument (${args.length} given)` };
      const it = iterItem(args[0]!);
      if (!it) return { error: `'${typeToString(args[0]!)}' object is not iterable` };
      const item = itemFor(recv, it);
      if ('error' in item) return item;
      const d = T.deque(item);
      return choice(name, recv, T.none, [d, args[0]!], 'iterable', true, d);
    },
    [
      {
        params: { xs: 'list[int]', ys: 'list[int]' },
        body: `d = deque(xs, maxlen=4)\nd.${name}(ys)\nd.${name}(d)\nreturn str(d)`,
        samples: [
          [[1, 2], [3]],
          [[], [1, 2, 3, 4, 5, 6]],
        ],
      },
    ],
  );
}

for (const name of ['pop', 'popleft']) {
  dequeEntry(
    name,
    `d.${name}(): IndexError "pop from an empty deque"`,
    (recv, args) =>
      args.length
        ? { error: `${name}() takes no arguments (${args.length} given)` }
        : choice(name, recv, recv.item, [recv], 'plain', true),
    [
      {
        params: { xs: 'list[int]' },
        body: `d = deque(xs)\na = d.${name}()\nreturn a, list(d)`,
        samples: [[[1, 2, 3]], [[]]],
      },
    ],
  );
}

dequeEntry(
  'rotate',
  'd.rotate(n=1): n steps to the right (negative: to the left)',
  (recv, args) => {
    if (args.length > 1) return { error: `rotate() takes at most 1 argument (${args.length} given)` };
    if (args[0] && args[0].kind !== 'int' && args[0].kind !== 'bool') return { error: 'rotate() takes an int' };
    return choice('rotate', recv, T.none, args.length ? [recv, T.int] : [recv], args.length ? 'by' : 'one', true);
  },
  [
    {
      params: { xs: 'list[int]', n: 'int' },
      body: 'd = deque(xs)\nd.rotate(n)\ne = deque(xs)\ne.rotate()\nreturn list(d), list(e)',
      samples: [
        [[1, 2, 3, 4], 1],
        [[1, 2, 3, 4], -5],
        [[1, 2, 3], 7],
        [[], 3],
      ],
    },
  ],
);

for (const name of ['clear', 'reverse']) {
  dequeEntry(
    name,
    `d.${name}()`,
    (recv, args) =>
      args.length
        ? { error: `${name}() takes no arguments (${args.length} given)` }
        : choice(name, recv, T.none, [recv], 'plain', true),
    [
      {
        params: { xs: 'list[int]' },
        body: `d = deque(xs, maxlen=3)\nd.${name}()\nreturn str(d)`,
        samples: [[[1, 2, 3, 4]], [[]]],
      },
    ],
  );
}

dequeEntry(
  'count',
  'd.count(x)',
  (recv, args) =>
    args.length === 1
      ? choice('count', recv, T.int, [recv, recv.item.kind === 'unknown' ? args[0]! : recv.item], 'item')
      : { error: `count() takes exactly one argument (${args.length} given)` },
  [
    {
      params: { xs: 'list[str]', x: 'str' },
      expr: 'deque(xs).count(x)',
      samples: [
        [['a', 'b', 'a'], 'a'],
        [[], 'a'],
      ],
    },
  ],
);

dequeEntry(
  'index',
  'd.index(x[, start[, stop]]): ValueError "x is not in deque"',
  (recv, args) => {
    if (args.length < 1 || args.length > 3)
      return { error: `index expected between 1 and 3 arguments, got ${args.length}` };
    if (args.slice(1).some((a) => a.kind !== 'int' && a.kind !== 'bool'))
      return { error: 'index() start and stop must be ints' };
    const item = recv.item.kind === 'unknown' ? args[0]! : recv.item;
    return choice('index', recv, T.int, [recv, item, ...args.slice(1).map(() => T.int)], `from${args.length - 1}`);
  },
  [
    {
      params: { xs: 'list[int]', x: 'int' },
      body: 'd = deque(xs)\nreturn d.index(x), d.index(x, 1), d.index(x, -3, -1)',
      samples: [
        [[5, 1, 5, 2], 5],
        [[5, 1, 5, 2, 9], 5],
        [[1, 2], 7],
      ],
    },
  ],
);

dequeEntry(
  'remove',
  'd.remove(x): removes the first equal item; ValueError "x is not in deque"',
  (recv, args) =>
    args.length === 1
      ? choice('remove', recv, T.none, [recv, recv.item.kind === 'unknown' ? args[0]! : recv.item], 'item', true)
      : { error: `remove() takes exactly one argument (${args.length} given)` },
  [
    {
      params: { xs: 'list[str]', x: 'str' },
      body: 'd = deque(xs)\nd.remove(x)\nreturn list(d)',
      samples: [
        [['a', 'b', 'a'], 'a'],
        [['b'], 'a'],
      ],
    },
  ],
);

dequeEntry(
  'insert',
  'd.insert(i, x): the index clamps as for lists; IndexError "deque already at its maximum size" when full',
  (recv, args) => {
    if (args.length !== 2) return { error: `insert expected 2 arguments, got ${args.length}` };
    if (args[0]!.kind !== 'int' && args[0]!.kind !== 'bool') return { error: 'insert() index must be an int' };
    const item = itemFor(recv, args[1]);
    if ('error' in item) return item;
    const d = T.deque(item);
    return choice('insert', recv, T.none, [d, T.int, item], 'item', true, d);
  },
  [
    {
      params: { xs: 'list[int]', i: 'int', k: 'int' },
      body: 'd = deque(xs, maxlen=k)\nd.insert(i, 9)\nreturn str(d)',
      samples: [
        [[1, 2], 0, 3],
        [[1, 2], -10, 5],
        [[1, 2], 10, 5],
        [[1, 2], 1, 2],
      ],
    },
  ],
);

dequeEntry(
  'copy',
  'd.copy(): a shallow copy with the same maxlen',
  (recv, args) => (args.length ? { error: 'copy() takes no arguments' } : choice('copy', recv, recv, [recv], 'plain')),
  [
    {
      params: { xs: 'list[int]' },
      body: 'd = deque(xs, maxlen=2)\ne = d.copy()\ne.append(7)\nreturn str(d), str(e)',
      samples: [[[1, 2, 3]]],
    },
  ],
);

defineOp({
  id: 'deque.maxlen',
  summary: 'd.maxlen: the bound, or None',
  resolve: (args) =>
    args[0]?.kind === 'deque'
      ? { entry: 'deque.maxlen', overload: 'deque', result: T.optional(T.int), params: [args[0]], variant: 'attr' }
      : { error: 'maxlen is a deque attribute' },
  tests: [
    {
      params: { xs: 'list[int]', k: 'Optional[int]' },
      body: 'd = deque(xs, maxlen=k)\nn = d.maxlen\nreturn n, d.copy().maxlen, (d * 2).maxlen, deque(d).maxlen',
      samples: [
        [[1, 2], 3],
        [[1, 2], null],
      ],
      imports: IMPORT,
    },
  ],
});

defineSpellings({
  'collections.deque': {
    empty: () => 'rt::Deque::new()',
    bounded: (c) => {
      const d = c.detail!;
      const src = d.source === undefined ? 'std::iter::empty()' : '{iter0}';
      const at = d.maxlenAt === 1 ? '{1}' : '{kw:maxlen}';
      const maxlen = d.maxlen === undefined ? 'None' : d.maxlen === 'int' ? `Some(${at})` : at;
      return `rt::Deque::from_iter_maxlen(${src}, ${maxlen})?`;
    },
  },
  'deque.append': { item: () => '{mut0}.append({1})' },
  'deque.appendleft': { item: () => '{mut0}.appendleft({1})' },
  'deque.extend': { iterable: () => '{mut0}.extend({iter1})' },
  'deque.extendleft': { iterable: () => '{mut0}.extendleft({iter1})' },
  'deque.pop': { plain: () => '{mut0}.pop()?' },
  'deque.popleft': { plain: () => '{mut0}.popleft()?' },
  'deque.rotate': { one: () => '{mut0}.rotate(1)', by: () => '{mut0}.rotate({1})' },
  'deque.clear': { plain: () => '{mut0}.clear()' },
  'deque.reverse': { plain: () => '{mut0}.reverse()' },
  'deque.count': { item: () => '{&0}.count({&1})' },
  'deque.index': {
    from0: () => '{&0}.index({&1}, None, None)?',
    from1: () => '{&0}.index({&1}, Some({2}), None)?',
    from2: () => '{&0}.index({&1}, Some({2}), Some({3}))?',
  },
  'deque.remove': { item: () => '{mut0}.remove({&1})?' },
  'deque.insert': { item: () => '{mut0}.insert({1}, {2})?' },
  'deque.copy': { plain: () => '{0}' },
  'deque.maxlen': { attr: () => '{&0}.maxlen()' },
});

// ---- Operators and builtins on deques ----------------------------------------------------

// `d += it`: `deque.__iadd__` extends by any iterable, a list or another deque too (maxlen drops from the left).
extendOp('operator.iadd', {
  summary: 'd += iterable for a deque (extends it, as deque.__iadd__, keeping maxlen)',
  resolve: (args) => {
    const [d, it] = args;
    if (args.length !== 2 || d?.kind !== 'deque') return undefined;
    const x = iterItem(it!);
    if (!x) return { error: `'${typeToString(it!)}' object is not iterable` };
    const item = itemFor(d, x);
    if ('error' in item) return item;
    const dq = T.deque(item);
    return { entry: 'operator.iadd', overload: typeToString(dq), result: dq, params: [dq, it!], variant: 'deque' };
  },
  spell: { deque: () => '{ let mut __d = {0}; __d.extend({iter1}); __d }' },
  tests: [
    {
      params: { xs: 'list[int]' },
      body: 'd = deque(xs, maxlen=4)\nd += (7, 8)\nd += [1]\nd += range(2)\nd += (x * 2 for x in xs)\nd += deque([5])\nreturn list(d)',
      samples: [[[1, 2]], [[]]],
      imports: IMPORT,
    },
  ],
});

// A deque whose items stay unknown (`repr(deque(maxlen=2))`) is empty; its Rust item type is `()`.
for (const id of ['builtins.str', 'builtins.repr']) {
  extendOp(id, {
    summary: 'str/repr of a deque whose items are never known',
    resolve: (args) =>
      args.length === 1 && args[0]!.kind === 'deque' && args[0]!.item.kind === 'unknown'
        ? { entry: id, overload: 'deque[?]', result: T.str, params: [args[0]!], variant: 'empty_deque' }
        : undefined,
    spell: { empty_deque: () => '<rt::Deque<()> as rt::PyRepr>::py_repr({&0})' },
    tests: [
      {
        params: { k: 'int' },
        expr: `${id.slice(9)}(deque(maxlen=k)) + ${id.slice(9)}(deque())`,
        samples: [[2], [0]],
        imports: IMPORT,
      },
    ],
  });
}

extendOp('builtins.len', {
  summary: 'len(deque)',
  resolve: (args) =>
    args.length === 1 && args[0]!.kind === 'deque'
      ? { entry: 'builtins.len', overload: 'deque', result: T.int, params: [args[0]!], variant: 'deque' }
      : undefined,
  spell: { deque: () => '({&0}.len() as i64)' },
  tests: [
    { params: { xs: 'list[int]' }, expr: 'len(deque(xs, maxlen=2))', samples: [[[1, 2, 3]], [[]]], imports: IMPORT },
  ],
});

for (const [id, negate] of [
  ['operator.in_', false],
  ['operator.not_in', true],
] as const) {
  extendOp(id, {
    summary: `x ${negate ? 'not in' : 'in'} deque`,
    resolve: (args) => {
      const [x, c] = args;
      if (c?.kind !== 'deque' || !x) return undefined;
      return {
        entry: id,
        overload: `${typeToString(x)}, ${typeToString(c)}`,
        result: T.bool,
        params: [c.item.kind === 'unknown' ? x : c.item, c],
        variant: 'deque',
      };
    },
    spell: { deque: () => `${negate ? '!' : ''}{&1}.contains(&{0})` },
    tests: [
      {
        params: { x: 'int', xs: 'list[int]' },
        expr: `x ${negate ? 'not in' : 'in'} deque(xs, maxlen=2)`,
        samples: [
          [1, [1, 2, 3]],
          [3, [1, 2, 3]],
        ],
        imports: IMPORT,
      },
    ],
  });
}

extendOp('operator.getitem', {
  summary: 'd[i] on a deque (IndexError "deque index out of range"; slices are TypeError)',
  resolve: (args) => {
    const [c, i] = args;
    if (c?.kind !== 'deque' || !i) return undefined;
    if (isSlice(i)) return { error: "sequence index must be integer, not 'slice' (a deque cannot be sliced)" };
    if (i.kind !== 'int' && i.kind !== 'bool')
      return { error: `sequence index must be integer, not ${typeToString(i)}` };
    return { entry: 'operator.getitem', overload: 'deque, int', result: c.item, params: [c, T.int], variant: 'deque' };
  },
  spell: { deque: () => '{&0}.getitem({1})?' },
  tests: [
    {
      params: { xs: 'list[int]', i: 'int' },
      expr: 'deque(xs)[i]',
      samples: [
        [[1, 2, 3], 0],
        [[1, 2, 3], -1],
        [[1, 2, 3], 3],
        [[], -1],
      ],
      imports: IMPORT,
    },
  ],
});

extendOp('operator.setitem', {
  summary: 'd[i] = x on a deque',
  resolve: (args) => {
    const [c, i, v] = args;
    if (c?.kind !== 'deque' || !i || !v) return undefined;
    if (i.kind !== 'int' && i.kind !== 'bool')
      return { error: `sequence index must be integer, not ${typeToString(i)}` };
    const item = itemFor(c, v);
    if ('error' in item) return item;
    const d = T.deque(item);
    return {
      entry: 'operator.setitem',
      overload: 'deque, int',
      result: T.none,
      params: [d, T.int, item],
      variant: 'deque',
      mutates: true,
      refineReceiver: d,
    };
  },
  spell: { deque: () => '{mut0}.setitem({1}, {2})?' },
  tests: [
    {
      params: { xs: 'list[int]', i: 'int' },
      body: 'd = deque(xs)\nd[i] = 9\nreturn list(d)',
      samples: [
        [[1, 2, 3], -1],
        [[1, 2], 2],
      ],
      imports: IMPORT,
    },
  ],
});

extendOp('operator.delitem', {
  summary: 'del d[i] on a deque',
  resolve: (args) => {
    const [c, i] = args;
    if (c?.kind !== 'deque' || !i) return undefined;
    if (i.kind !== 'int' && i.kind !== 'bool')
      return { error: `sequence index must be integer, not ${typeToString(i)}` };
    return {
      entry: 'operator.delitem',
      overload: 'deque, int',
      result: T.none,
      params: [c, T.int],
      variant: 'deque',
      mutates: true,
    };
  },
  spell: { deque: () => '{mut0}.delitem({1})?' },
  tests: [
    {
      params: { xs: 'list[int]', i: 'int' },
      body: 'd = deque(xs)\ndel d[i]\nreturn list(d)',
      samples: [
        [[1, 2, 3], 1],
        [[1, 2], -3],
      ],
      imports: IMPORT,
    },
  ],
});

extendOp('operator.add', {
  summary: 'deque + deque: a copy of the left one (with its maxlen) extended by the right',
  resolve: (args) => {
    const [a, b] = args;
    if (a?.kind !== 'deque' && b?.kind !== 'deque') return undefined;
    if (a?.kind !== 'deque' || b?.kind !== 'deque')
      return {
        error:
          a?.kind === 'deque'
            ? `can only concatenate deque (not "${b ? typeToString(b).replace(/\[.*$/, '') : '?'}") to deque; to add the items of another iterable in place (\`d += xs\`), call d.extend(xs)`
            : `can only concatenate ${a ? typeToString(a) : '?'} (not "deque") to ${a ? typeToString(a) : '?'}`,
      };
    const item = a.item.kind === 'unknown' ? b.item : b.item.kind === 'unknown' ? a.item : unifyItems(a.item, b.item);
    if (
      !item ||
      (a.item.kind !== 'unknown' && b.item.kind !== 'unknown' && typeToString(a.item) !== typeToString(b.item))
    )
      return {
        error: `cannot concatenate ${typeToString(a)} and ${typeToString(b)}; convert the items to one type first`,
      };
    const d = T.deque(item);
    return { entry: 'operator.add', overload: 'deque, deque', result: d, params: [d, d], variant: 'deques' };
  },
  spell: { deques: () => '{&0}.concat({&1})' },
  tests: [
    {
      params: { xs: 'list[int]', ys: 'list[int]' },
      body: 'a = deque(xs, maxlen=3)\nb = deque(ys)\nc = a + b\nd = b + a\nb += a\nreturn str(c), str(d), str(b)',
      samples: [
        [
          [1, 2],
          [3, 4],
        ],
        [[], [5]],
      ],
      imports: IMPORT,
    },
  ],
});

extendOp('operator.mul', {
  summary: 'deque * n, n * deque: repeated, bounded by the maxlen',
  resolve: (args) => {
    const [a, b] = args;
    const [d, n, at] = a?.kind === 'deque' ? [a, b, 0] : b?.kind === 'deque' ? [b, a, 1] : [undefined, undefined, 0];
    if (!d) return undefined;
    if (n?.kind !== 'int' && n?.kind !== 'bool')
      return { error: `can't multiply sequence by non-int of type '${n ? typeToString(n) : '?'}'` };
    return {
      entry: 'operator.mul',
      overload: at === 0 ? 'deque, int' : 'int, deque',
      result: d,
      params: at === 0 ? [d, T.int] : [T.int, d],
      variant: at === 0 ? 'deque_int' : 'int_deque',
    };
  },
  spell: { deque_int: () => '{&0}.repeat({1})', int_deque: () => '{&1}.repeat({0})' },
  tests: [
    {
      params: { xs: 'list[int]', n: 'int' },
      body: 'd = deque(xs, maxlen=4)\ne = d * n\nd *= 2\nreturn str(e), str(n * deque(xs)), str(d)',
      samples: [
        [[1, 2, 3], 3],
        [[1], 0],
        [[1, 2], -1],
      ],
      imports: IMPORT,
    },
  ],
});

for (const [id, op, fname] of [
  ['operator.lt', '<', 'lt'],
  ['operator.le', '<=', 'le'],
  ['operator.gt', '>', 'gt'],
  ['operator.ge', '>=', 'ge'],
] as const) {
  extendOp(id, {
    summary: `deque ${op} deque, item by item`,
    resolve: (args) => {
      const [a, b] = args;
      if (a?.kind !== 'deque' && b?.kind !== 'deque') return undefined;
      if (a?.kind !== 'deque' || b?.kind !== 'deque' || typeToString(a) !== typeToString(b))
        return {
          error: `\`${op}\` is not supported between ${a ? typeToString(a) : '?'} and ${b ? typeToString(b) : '?'}`,
        };
      const bad = orderError(a.item);
      if (bad) return { error: bad };
      return { entry: id, overload: 'deque, deque', result: T.bool, params: [a, b], variant: 'deques' };
    },
    spell: { deques: () => `rt::cmp::${fname}({&0}, {&1})` },
    tests: [
      {
        params: { xs: 'list[int]', ys: 'list[int]' },
        expr: `deque(xs) ${op} deque(ys)`,
        samples: [
          [
            [1, 2],
            [1, 3],
          ],
          [[1, 2], [1]],
          [[], []],
        ],
        imports: IMPORT,
      },
    ],
  });
}
