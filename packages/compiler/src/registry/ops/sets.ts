/**
 * set: the builtin `set(...)`, its methods, and the set operators `| & - ^` and `<=`.
 * `rt::Set` is CPython's hash table (native-rust/runtime/src/pyset.rs), so a set iterates, prints and pops in CPython's
 * order; each op below builds its result the way CPython's does (`a | b` copies `a` then merges `b`, `a & b` walks the
 * smaller set, an argument that is a set, an exact dict or another iterable each take their own path). Value JSON
 * sorts a set's items.
 */
import { defineOp, extendOp, T, type OpTest, type ResolveResult, defineSpellings } from '../registry';
import type { OpChoice } from '../../ir/choice';
import { type Type, typeEquals, typeToString, iterItem } from '../../types/types';

function setEntry(
  name: string,
  summary: string,
  resolve: (recv: Type & { kind: 'set' }, args: Type[]) => ResolveResult,
  tests: OpTest[],
): void {
  defineOp({
    id: `set.${name}`,
    summary,
    tests,
    resolve: (args) => {
      const recv = args[0];
      if (recv?.kind !== 'set')
        return { error: `expected a set receiver, got ${recv ? typeToString(recv) : 'nothing'}` };
      const r = resolve(recv, args.slice(1));
      // A frozenset has no methods that change it: CPython raises AttributeError.
      if (recv.frozen && 'entry' in r && r.mutates) return { error: `'frozenset' object has no attribute '${name}'` };
      return r;
    },
  });
}

function elementOf(recv: Type & { kind: 'set' }, x: Type | undefined): Type | { error: string } {
  if (!x) return { error: 'expected an element' };
  if (recv.item.kind === 'unknown') return x;
  if (!typeEquals(recv.item, x)) return { error: `cannot add ${typeToString(x)} to ${typeToString(recv)}` };
  return x;
}

setEntry(
  'add',
  's.add(x)',
  (recv, args) => {
    const item = elementOf(recv, args[0]);
    if ('error' in item) return item;
    return {
      entry: 'set.add',
      overload: typeToString(recv),
      result: T.none,
      params: [T.set(item), item],
      variant: 'item',
      mutates: true,
      refineReceiver: T.set(item),
    };
  },
  [
    {
      params: { xs: 'list[int]' },
      body: 's = set()\nfor x in xs:\n    s.add(x * 2)\nreturn sorted(s)',
      samples: [[[3, 1, 3]]],
    },
    // A pseudo-random run of adds, removals (dummies), re-adds, pops and in-place algebra through several resizes,
    // with large negative ints, strs and tuples: CPython's layout shows in the final order and in what pop() took.
    ...[
      ['v', 'v + 8', 'v + 16'],
      ['str(v)', 'str(v + 8)', 'str(v + 16)'],
      ['(v, str(v))', '(v + 8, str(v + 8))', '(v + 16, str(v + 16))'],
    ].map(([a, b, c]) => ({
      params: { seed: 'int', n: 'int' },
      body: [
        's = set()',
        'out = []',
        'x = seed',
        'for i in range(n):',
        '    x = (x * 1103515245 + 12345) % 2147483648',
        '    v = x % 200 - 100 if i % 2 else x * 7919 - 10**15',
        '    op = x % 9',
        '    if op < 4:',
        `        s.add(${a})`,
        '    elif op == 4:',
        `        s.discard(${a})`,
        '    elif op == 5 and s:',
        '        out.append(s.pop())',
        '    elif op == 6:',
        `        s |= {${a}, ${b}, ${c}}`,
        '    elif op == 7:',
        `        s -= {${b}}`,
        '    else:',
        `        s ^= {${c}}`,
        'return (list(s), out)',
      ].join('\n'),
      samples: [
        [1, 300],
        [42, 3000],
        [7, 40],
      ],
    })),
  ],
);
setEntry(
  'discard',
  's.discard(x)',
  (recv, _args) => ({
    entry: 'set.discard',
    overload: typeToString(recv),
    result: T.none,
    params: [recv, recv.item],
    variant: 'item',
    mutates: true,
  }),
  [
    {
      params: { xs: 'list[int]' },
      body: 's = set(xs)\ns.discard(1)\ns.discard(9)\nreturn sorted(s)',
      samples: [[[1, 2]]],
    },
  ],
);
setEntry(
  'remove',
  's.remove(x); KeyError when absent',
  (recv, _args) => ({
    entry: 'set.remove',
    overload: typeToString(recv),
    result: T.none,
    params: [recv, recv.item],
    variant: 'item',
    mutates: true,
  }),
  [
    {
      params: { xs: 'list[int]', x: 'int' },
      body: 's = set(xs)\ns.remove(x)\nreturn sorted(s)',
      samples: [
        [[1, 2], 1],
        [[1], 5],
      ],
    },
  ],
);
/** How CPython takes an argument of a set method: a set (or frozenset), an exact dict, or any other iterable. */
type ArgKind = 'set' | 'dict' | 'iter';
function argKind(t: Type): ArgKind {
  if (t.kind === 'set') return 'set';
  return t.kind === 'dict' && !t.missing && !t.ordered ? 'dict' : 'iter';
}

/** The kinds of a set method's arguments (after the receiver), or the error of one whose items do not fit. */
function otherKinds(name: string, recv: Type & { kind: 'set' }, others: Type[]): ArgKind[] | { error: string } {
  for (const o of others) {
    const item = iterItem(o);
    if (!item || (recv.item.kind !== 'unknown' && item.kind !== 'unknown' && !typeEquals(item, recv.item)))
      return { error: `${name}() takes iterables of ${typeToString(recv.item)}, not ${typeToString(o)}` };
  }
  return others.map(argKind);
}

const kindsOf = (c: OpChoice): ArgKind[] => (c.detail?.kinds as ArgKind[] | undefined) ?? [];
/** Whether argument `i` is the receiver itself (`s.update(s)`), which infer marks: CPython sees one object. */
const isSelf = (c: OpChoice, i: number): boolean =>
  ((c.detail?.same as string[] | undefined) ?? []).includes(String(i));

/** `set_intersection(so, other)` for argument `i` over the set `so`. */
function intersect(so: string, k: ArgKind, i: number): string {
  return k === 'set' ? `${so}.intersection_set({&${i}})` : `${so}.intersection_iter({iter${i}})`;
}

/**
 * `set_intersection_multi`: each argument intersected with the result so far (a copy when there is none, or when the
 * first argument is the receiver itself).
 */
function intersectionMulti(c: OpChoice): string {
  const kinds = kindsOf(c);
  if (kinds.length === 0) return 'rt::dict::set_copy({&0})';
  const steps = kinds.map((k, j) => {
    const step = j === 0 && isSelf(c, 1) ? 'rt::dict::set_copy({&0})' : intersect(j === 0 ? '{&0}' : '__s', k, j + 1);
    return `let __s = ${step};`;
  });
  return `{ ${steps.join(' ')} __s }`;
}

/** `set_update_internal(so, other)` for argument `i`. */
function updateWith(so: string, k: ArgKind, i: number): string {
  if (k === 'set') return `${so}.update_set({&${i}});`;
  if (k === 'dict') return `${so}.update_dict({&${i}});`;
  return `${so}.update_iter({iter${i}});`;
}

/** `set_difference_update_internal(so, other)` for argument `i` (an exact dict is iterated as its keys). */
function differenceUpdateWith(so: string, k: ArgKind, i: number): string {
  return k === 'set' ? `${so}.difference_update_set({&${i}});` : `${so}.difference_update_iter({iter${i}});`;
}

/** A set method taking any number of iterables (`a.union(b, c)`): the receiver's type, each argument's kind in `detail`. */
function multiEntry(
  name: string,
  summary: string,
  result: (recv: Type) => Type,
  mutates: boolean,
  tests: OpTest[],
): void {
  setEntry(
    name,
    summary,
    (recv, args) => {
      const kinds = otherKinds(name, recv, args);
      if ('error' in kinds) return kinds;
      // `set().union(xs)` (a starred set display): the items are the arguments'.
      const known = args.map(iterItem).find((t) => t && t.kind !== 'unknown');
      const self = recv.item.kind === 'unknown' && known ? { ...recv, item: known } : recv;
      return {
        entry: `set.${name}`,
        overload: `${typeToString(self)}${args.map((a) => `, ${typeToString(a)}`).join('')}`,
        result: result(self),
        params: [self, ...args],
        variant: 'multi',
        detail: { kinds },
        ...(mutates ? { mutates: true } : {}),
      };
    },
    tests,
  );
}

/** A set method taking one iterable (`a.symmetric_difference(b)`, `a.issubset(b)`). */
function oneEntry(
  name: string,
  summary: string,
  result: (recv: Type) => Type,
  mutates: boolean,
  tests: OpTest[],
): void {
  setEntry(
    name,
    summary,
    (recv, args) => {
      if (args.length !== 1) return { error: `${name}() takes exactly one argument` };
      const kinds = otherKinds(name, recv, args);
      if ('error' in kinds) return kinds;
      return {
        entry: `set.${name}`,
        overload: `${typeToString(recv)}, ${typeToString(args[0]!)}`,
        result: result(recv),
        params: [recv, args[0]!],
        variant: kinds[0]!,
        ...(mutates ? { mutates: true } : {}),
      };
    },
    tests,
  );
}

// Reference tests show order through list(), str() and pop(): CPython's layout, not only the items.
const ORDER_SAMPLES = [
  [
    [5, 13, 21, 3, -7, 2 ** 40, -(2 ** 62), 29],
    [13, 100, 5, 37, 8, -7],
  ],
  [[], [1]],
  [
    [9, 1, 17, 33, 65, 25, 41, 49, 57, 73, 81, 89],
    [17, 1, 2, 3],
  ],
];
const setAndList = { a: 'list[int]', b: 'list[int]' };

multiEntry('union', 'a.union(*others)', (r) => r, false, [
  { params: setAndList, expr: 'list(set(a).union(b))', samples: ORDER_SAMPLES },
  { params: setAndList, expr: 'str(set(a).union(set(b), {7, 8, 9}, b))', samples: ORDER_SAMPLES },
  { params: setAndList, expr: 'list(set(a).union())', samples: ORDER_SAMPLES },
  {
    params: setAndList,
    body: 's = set(a + b)\nt = set(a + b)\nreturn (list(s | s), list(s & s), list(s ^ s), list(s - s), list(s | t), list(s.union(s, b)), list(s.intersection(s)))',
    samples: ORDER_SAMPLES,
  },
  {
    params: setAndList,
    body: 's = set(a + b)\ns.update(s)\nt = set(a + b)\nt.difference_update(b, t)\nt.add(6)\nu = set(a + b)\nu.symmetric_difference_update(u)\nu.add(2)\nv = set(a + b)\nv.intersection_update(v)\nreturn (list(s), list(t), list(u), list(v))',
    samples: ORDER_SAMPLES,
  },
]);
multiEntry('intersection', 'a.intersection(*others)', (r) => r, false, [
  { params: setAndList, expr: 'list(set(a).intersection(b))', samples: ORDER_SAMPLES },
  { params: setAndList, expr: 'list(set(a).intersection(set(b)))', samples: ORDER_SAMPLES },
  { params: setAndList, expr: 'list(set(a).intersection(set(b), a + b))', samples: ORDER_SAMPLES },
]);
multiEntry('difference', 'a.difference(*others)', (r) => r, false, [
  { params: setAndList, expr: 'list(set(a).difference(b))', samples: ORDER_SAMPLES },
  { params: setAndList, expr: 'list(set(a).difference(set(b), [5]))', samples: ORDER_SAMPLES },
  { params: setAndList, expr: 'list(set(a + b).difference(set(b[:1])))', samples: ORDER_SAMPLES },
]);
multiEntry('update', 's.update(*others)', () => T.none, true, [
  { params: setAndList, body: 's = set(a)\ns.update(b)\nreturn list(s)', samples: ORDER_SAMPLES },
  {
    params: setAndList,
    body: 's = set(b)\ns.update(set(a), {x: 1 for x in b})\nreturn list(s)',
    samples: ORDER_SAMPLES,
  },
]);
multiEntry('intersection_update', 's.intersection_update(*others)', () => T.none, true, [
  { params: setAndList, body: 's = set(a)\ns.intersection_update(b)\nreturn list(s)', samples: ORDER_SAMPLES },
  {
    params: setAndList,
    body: 's = set(a + b)\ns.intersection_update(set(b), a)\ns.add(4)\nreturn list(s)',
    samples: ORDER_SAMPLES,
  },
]);
multiEntry('difference_update', 's.difference_update(*others)', () => T.none, true, [
  { params: setAndList, body: 's = set(a)\ns.difference_update(b)\nreturn list(s)', samples: ORDER_SAMPLES },
  {
    params: setAndList,
    body: 's = set(a + b)\ns.difference_update(set(b), a[:2])\ns.add(1000)\nreturn list(s)',
    samples: ORDER_SAMPLES,
  },
]);
oneEntry('symmetric_difference', 'a.symmetric_difference(other)', (r) => r, false, [
  { params: setAndList, expr: 'list(set(a).symmetric_difference(b))', samples: ORDER_SAMPLES },
  { params: setAndList, expr: 'list(set(a).symmetric_difference(set(b)))', samples: ORDER_SAMPLES },
]);
oneEntry('symmetric_difference_update', 's.symmetric_difference_update(other)', () => T.none, true, [
  {
    params: setAndList,
    body: 's = set(a)\ns.symmetric_difference_update(b)\nreturn list(s)',
    samples: ORDER_SAMPLES,
  },
  {
    params: setAndList,
    body: 's = set(a)\ns.symmetric_difference_update({x: 0 for x in b})\nreturn list(s)',
    samples: ORDER_SAMPLES,
  },
]);
oneEntry('issubset', 'a.issubset(other)', () => T.bool, false, [
  {
    params: setAndList,
    expr: '(set(a).issubset(set(b)), set(a).issubset(b + a), set(a).issubset(b))',
    samples: ORDER_SAMPLES,
  },
]);
oneEntry('issuperset', 'a.issuperset(other)', () => T.bool, false, [
  {
    params: setAndList,
    expr: '(set(a).issuperset(set(b)), set(a + b).issuperset(b), set(a).issuperset(b))',
    samples: ORDER_SAMPLES,
  },
]);
oneEntry('isdisjoint', 'a.isdisjoint(other)', () => T.bool, false, [
  {
    params: setAndList,
    expr: '(set(a).isdisjoint(set(b)), set(a).isdisjoint(b), set(a).isdisjoint(b[:0]))',
    samples: ORDER_SAMPLES,
  },
]);
setEntry(
  'pop',
  "s.pop(): CPython's item (the first at or after the set's finger); KeyError when empty",
  (recv, args) =>
    args.length
      ? { error: 'pop() takes no arguments' }
      : {
          entry: 'set.pop',
          overload: typeToString(recv),
          result: recv.item,
          params: [recv],
          variant: 'plain',
          mutates: true,
        },
  [
    {
      params: { a: 'list[int]' },
      body: 's = set(a)\nout = []\nwhile s:\n    out.append(s.pop())\n    if len(out) % 3 == 0:\n        s.add(len(out) * 7)\n    if len(out) > 20:\n        break\nreturn out',
      samples: [[[5, 13, 21, 3, -7, 2 ** 40, 29]], [[]], [[1, 9, 17]]],
    },
    { params: { a: 'list[int]' }, body: 's = set(a)\nreturn s.pop()', samples: [[[]], [[8, 0]]] },
  ],
);
setEntry(
  'clear',
  's.clear()',
  (recv, args) =>
    args.length
      ? { error: 'clear() takes no arguments' }
      : {
          entry: 'set.clear',
          overload: typeToString(recv),
          result: T.none,
          params: [recv],
          variant: 'plain',
          mutates: true,
        },
  [
    {
      params: { a: 'list[int]' },
      body: 's = set(a)\ns.pop()\ns.clear()\ns.add(9)\ns.add(1)\nreturn (list(s), s.pop(), len(s))',
      samples: [[[5, 13, 21, 3]]],
    },
  ],
);
setEntry(
  'copy',
  's.copy(): a new set merged from this one (which can lay the items out anew)',
  (recv, args) =>
    args.length
      ? { error: 'copy() takes no arguments' }
      : { entry: 'set.copy', overload: typeToString(recv), result: recv, params: [recv], variant: 'plain' },
  [
    {
      params: { a: 'list[int]' },
      body: 's = set(a)\ns.discard(a[0])\nreturn (list(s.copy()), list(s))',
      samples: [[[5, 13, 21, 3, 37, 45, 53]], [[1]]],
    },
    {
      // A set parameter is built from the JSON list's items in order, on both sides.
      params: { s: 'set[int]', t: 'set[str]' },
      body: 'c = s.copy()\ns.add(99)\nreturn (list(s), list(c), list(t), t.pop() if t else "")',
      samples: [
        [
          [5, 13, 21, 3, 37, 45, 53],
          ['x', 'b', 'q', 'zz'],
        ],
        [[], []],
      ],
    },
  ],
);

// `a < b`, `a <= b`, `a > b`, `a >= b` of two sets: proper subset, subset, proper superset, superset.
for (const [id, op, spell] of [
  ['operator.lt', '<', 'rt::dict::is_proper_subset({&0}, {&1})'],
  ['operator.le', '<=', '{&0}.is_subset({&1})'],
  ['operator.gt', '>', 'rt::dict::is_proper_subset({&1}, {&0})'],
  ['operator.ge', '>=', '{&0}.is_superset({&1})'],
] as const) {
  extendOp(id, {
    summary: `a ${op} b of two sets (subset order)`,
    resolve: (args) => {
      const [a, b] = args;
      if (args.length !== 2 || a?.kind !== 'set' || b?.kind !== 'set') return undefined;
      const item = a.item.kind === 'unknown' ? b.item : a.item;
      if (b.item.kind !== 'unknown' && !typeEquals(item, b.item))
        return { error: `\`${op}\` of ${typeToString(a)} and ${typeToString(b)}: the items must have one type` };
      const set = T.set(item);
      return { entry: id, overload: 'set, set', result: T.bool, params: [set, set], variant: 'sets' };
    },
    spell: { sets: () => spell },
    tests: [
      {
        params: setAndList,
        expr: `(set(a) ${op} set(b), set(a) ${op} set(a), set(a + b) ${op} set(b), set(b) ${op} set(a + b))`,
        samples: ORDER_SAMPLES,
      },
    ],
  });
}

// `s |= t`, `s &= t`, `s -= t`, `s ^= t` of two sets update `s` in place (`set_ior` and the others), which can lay the
// items out unlike `s = s | t`; lower writes them as these ops, and infer takes the plain operator for other types.
// `s op= s` on one set: `|=` changes nothing, `&=` takes a copy's table, `-=` and `^=` clear it.
for (const [id, op, body, self] of [
  ['operator.ior', '|=', '__s.update_set({&1});', ''],
  [
    'operator.iand',
    '&=',
    'let __r = __s.intersection_set({&1}); __s.replace_table(__r);',
    'let __r = __s.py_copy(); __s.replace_table(__r);',
  ],
  ['operator.isub', '-=', '__s.difference_update_set({&1});', '__s.clear();'],
  ['operator.ixor', '^=', '__s.symmetric_difference_update_set({&1});', '__s.clear();'],
] as const) {
  defineOp({
    id,
    summary: `a ${op} b of two sets, in place (any other types: \`a = a ${op.slice(0, 1)} b\`)`,
    resolve: (args) => {
      const [a, b] = args;
      if (a?.kind !== 'set' || b?.kind !== 'set') return { error: `\`${op}\` in place takes two sets here` };
      const item = a.item.kind === 'unknown' ? b.item : a.item;
      if (b.item.kind !== 'unknown' && !typeEquals(item, b.item))
        return { error: `\`${op}\` of ${typeToString(a)} and ${typeToString(b)}: the items must have one type` };
      return {
        entry: id,
        overload: 'set, set',
        result: T.set(item),
        params: [T.set(item), T.set(item)],
        variant: 'sets',
      };
    },
    // Updated in place through the target (a copy per `|=` would make a loop of them quadratic); the assignment that
    // follows stores it back.
    spell: { sets: (c) => `{ let __s = {mut0}; ${isSelf(c, 1) ? self : body} std::mem::take(__s) }` },
    tests: [
      {
        params: setAndList,
        body: `s = set(a)\nt = set(b)\ns ${op} t\nr = set(b)\nr ${op} {3, 11, 19}\nreturn (list(s), list(r))`,
        samples: ORDER_SAMPLES,
      },
      {
        params: setAndList,
        body: `s = set(a + b)\ns ${op} s\ns.add(4)\nt = set(a)\nt2 = set(a)\nt ${op} t2\nreturn (list(s), list(t))`,
        samples: ORDER_SAMPLES,
      },
    ],
  });
}

/** Whether the runtime has CPython's hash for values of `t` (`rt::PyHash`); infer rejects unhashable ones first. */
function pyHashable(t: Type): boolean {
  switch (t.kind) {
    case 'int':
    case 'bool':
    case 'float':
    case 'str':
    case 'none':
    case 'enum':
    case 'struct':
      return true;
    // A frozenset: CPython's frozenset_hash over its items' hashes.
    case 'set':
      return t.frozen === true && pyHashable(t.item);
    case 'tuple':
      return t.items.every(pyHashable);
    case 'vartuple':
    case 'optional':
      return pyHashable(t.item);
    case 'union':
      return t.members.every(pyHashable);
    case 'opaque':
      return [
        'bytes',
        'datetime.date',
        'datetime.datetime',
        'datetime.time',
        'datetime.timedelta',
        'datetime.timezone',
      ].includes(t.name);
    default:
      return false;
  }
}

// `hash(x)`: CPython's value, the one that places `x` in a set (str and bytes as under PYTHONHASHSEED=0).
defineOp({
  id: 'builtins.hash',
  summary: "hash(x): CPython 3.11's hash (str and bytes with the key PYTHONHASHSEED=0 gives; None as 3.12's constant)",
  resolve: (args) => {
    const [x] = args;
    if (args.length !== 1 || !x) return { error: 'hash() takes exactly one argument' };
    if (!pyHashable(x)) return { error: `hash() of ${typeToString(x)} is not supported` };
    return { entry: 'builtins.hash', overload: typeToString(x), result: T.int, params: [x], variant: 'value' };
  },
  spell: { value: () => 'rt::PyHash::py_hash({&0})' },
  tests: [
    {
      params: { n: 'int', x: 'float', s: 'str' },
      expr: '[hash(n), hash(-n), hash(x), hash(-x), hash(s), hash((n, s, x)), hash(()), hash(True), hash((s,))]',
      samples: [
        [-1, 0.0, ''],
        [2 ** 61 - 1, 1.5, 'héllo'],
        [2 ** 62, 1e300, '日本語 🎉'],
        [-(2 ** 62) - 12345, -0.1, 'abcdefghijklmnopq'],
      ],
    },
    {
      params: { x: 'float' },
      expr: "(hash(x * 1e308), hash(-x * 1e308), hash(x * 5e-324), hash(float('inf')))",
      samples: [[1.0], [10.0], [0.5]],
    },
  ],
});

/** `set(...)` and `frozenset(...)`: both build a set of the iterable's items. */
function setFromIterable(entry: string, args: Type[]): ResolveResult {
  const make = entry === 'builtins.frozenset' ? T.frozenset : T.set;
  if (args.length === 0) return { entry, overload: '', result: make(T.unknown), params: [], variant: 'empty' };
  const item = iterItem(args[0]!);
  if (!item) return { error: `${typeToString(args[0]!)} is not iterable` };
  const kind = argKind(args[0]!);
  return {
    entry,
    overload: typeToString(args[0]!),
    result: make(item),
    params: [args[0]!],
    variant: kind === 'set' ? 'copy' : kind === 'dict' ? 'dict' : 'iterable',
  };
}

defineOp({
  id: 'builtins.set',
  summary: 'set() or set(iterable)',
  resolve: (args) => setFromIterable('builtins.set', args),
  tests: [
    { params: { s: 'str' }, expr: 'len(set(s))', samples: [['hello'], ['']] },
    {
      // A constant set display as the iterable of a `for` or a comprehension is a frozenset constant in CPython 3.11.
      params: { n: 'int' },
      body: 'out = []\nfor x in {3, 11, 19, 27, 35, 43}:\n    out.append(x + n)\nreturn (out, [x for x in {9, 1}], list({3, 11, 19, 27, 35, 43}), [y for y in {"b", "a", "c", "d", "e"}])',
      samples: [[0], [1]],
    },
    {
      params: { s: 'str', n: 'int' },
      expr: '(list(set(s)), str(set(s.encode())), list(set(range(n))), list(set((n, -n, 2 * n, n))), str(set(s.split())))',
      samples: [
        ['hello wörld 日本 hello', 40],
        ['', 0],
        ['a b c d e f g h i j k', -3],
      ],
    },
    { params: { xs: 'list[int]' }, expr: 'list(set(xs))', samples: ORDER_SAMPLES.map((x) => [x[0]]) },
    {
      params: { xs: 'list[int]' },
      expr: '(list(set({x: 1 for x in xs})), list(set(set(xs))), list(frozenset(set(xs))), str({3, 11, 19, -5}))',
      samples: ORDER_SAMPLES.map((x) => [x[0]]),
    },
    {
      params: { xs: 'list[float]' },
      body: 's = set(xs)\ns.add(0.5)\ns.discard(-0.0)\nreturn (list(s), str(s), 2.25 in s)',
      samples: [[[1.5, 2.25, -0.0, 1e300, -3.75, 0.1, 2.0, 7.0, 1e-300]], [[0.0, 1.0]], [[]]],
    },
    {
      params: { xs: 'list[int]' },
      expr: '(list({*set(xs), 7}), list({1, 9, *xs, 17, *set(xs)}), list({*xs}))',
      samples: ORDER_SAMPLES.map((x) => [x[0]]),
    },
  ],
});

// A frozenset is a set that no code mutates; the compiled code never mutates it either, since the only operations
// that would (`add`, `discard`, ...) do not exist on it in Python, and it mixes with sets in `|`, `&`, `-`, `<=`.
defineOp({
  id: 'builtins.frozenset',
  summary: 'frozenset() or frozenset(iterable), typed as a set (its str() shows as a set)',
  resolve: (args) => setFromIterable('builtins.frozenset', args),
  tests: [
    { params: { s: 'str' }, expr: 'len(frozenset(s))', samples: [['hello'], [''], ['ééa']] },
    {
      params: { words: 'list[str]' },
      expr: 'sorted(frozenset(words) | {"x"})',
      samples: [[['b', 'a', 'b']], [[]]],
    },
    { params: { w: 'str' }, expr: 'w in frozenset(["a", "b"])', samples: [['a'], ['c']] },
    // A frozenset hashes as CPython's frozenset_hash: a dict key, a set item, an item of a tuple key, hash().
    {
      params: { a: 'list[str]', b: 'list[str]' },
      body: [
        'costs = {frozenset(a): 1.5, frozenset(): 0.0}',
        'key = frozenset(b)',
        'seen = {frozenset(a), frozenset(b), frozenset(reversed(b))}',
        'pairs = {("m", frozenset(a)): 1}',
        'return (costs.get(key, -1.0), len(seen), pairs.get(("m", key), 0), hash(frozenset(a)) == hash(frozenset(reversed(a))), hash(frozenset(b)))',
      ].join('\n'),
      samples: [
        [
          ['x', 'y'],
          ['y', 'x'],
        ],
        [['a'], ['b', 'c', 'b']],
        [[], []],
      ],
    },
    // Operators and methods keep the left operand's class, so their results hash too.
    {
      params: { a: 'list[int]', b: 'list[int]' },
      body: [
        'fa, fb = frozenset(a), frozenset(b)',
        'parts = [fa | fb, fa & fb, fa - fb, fa ^ fb, fa.union(b), fa.intersection(b), fa.difference(b), fa.symmetric_difference(b), fa.copy()]',
        'index = {p: i for i, p in enumerate(parts)}',
        'return ([sorted(p) for p in parts], sorted(index.values()), [hash(p) for p in parts], fa <= fb, fa < fb, fa >= fb, fa.isdisjoint(fb), fa.issubset(b), fa == set(a))',
      ].join('\n'),
      samples: [
        [
          [1, 2, 3, 4],
          [3, 4, 5],
        ],
        [[], [7]],
        [
          [-1, 10 ** 6],
          [-1, 10 ** 6],
        ],
      ],
    },
    {
      params: { words: 'list[str]' },
      body: 'full = frozenset(words)\nmasks = {full - {w} for w in full}\nmasks.add(full)\nreturn sorted(",".join(sorted(m)) for m in masks)',
      samples: [[['a', 'b', 'c']], [['x']], [[]]],
    },
  ],
});

defineOp({
  id: 'builtins.tuple',
  summary: 'tuple(x) of a tuple',
  resolve: (args) =>
    args[0]?.kind === 'tuple'
      ? {
          entry: 'builtins.tuple',
          overload: typeToString(args[0]),
          // A named tuple's items as a plain tuple (`tuple(urlparse(u))` prints as `('https', ...)`).
          result: T.tuple(args[0].items),
          params: [args[0]],
          variant: 'tuple',
        }
      : { error: 'tuple() of a list has no fixed length; Ingot tuples need one' },
  tests: [{ params: { a: 'int' }, expr: 'tuple((a, a + 1))', samples: [[1]] }],
});

// The Rust of each variant the rules above choose.
defineSpellings({
  'set.add': { item: () => 'rt::dict::set_add({mut0}, {1})' },
  'set.discard': { item: () => 'rt::dict::set_discard({mut0}, &{1})' },
  'set.remove': { item: () => 'rt::dict::set_remove({mut0}, &{1})?' },
  'set.pop': { plain: () => 'rt::dict::set_pop({mut0})?' },
  'set.clear': { plain: () => '{mut0}.clear()' },
  'set.copy': { plain: () => 'rt::dict::set_copy({&0})' },
  // set_union skips an argument that is the receiver itself, as set_merge does for `s.update(s)`.
  'set.union': {
    multi: (c) =>
      `{ let mut __s = rt::dict::set_copy({&0}); ${kindsOf(c)
        .map((k, j) => (isSelf(c, j + 1) ? '' : updateWith('__s', k, j + 1)))
        .join(' ')} __s }`,
  },
  'set.intersection': { multi: (c) => intersectionMulti(c) },
  'set.difference': {
    multi: (c) => {
      const [first, ...rest] = kindsOf(c);
      if (!first) return 'rt::dict::set_copy({&0})';
      const start =
        first === 'set'
          ? '{&0}.difference_set({&1})'
          : first === 'dict'
            ? '{&0}.difference_set(&rt::dict::set_from_dict({&1}))'
            : '{&0}.difference_iter({iter1})';
      return `{ let mut __s = ${start}; ${rest.map((k, j) => differenceUpdateWith('__s', k, j + 2)).join(' ')} __s }`;
    },
  },
  'set.update': {
    multi: (c) =>
      `{ let __m = {mut0}; ${kindsOf(c)
        .map((k, j) => (isSelf(c, j + 1) ? '' : updateWith('__m', k, j + 1)))
        .join(' ')} }`,
  },
  'set.intersection_update': {
    multi: (c) => `{ let __r = ${intersectionMulti(c)}; {mut0}.replace_table(__r); }`,
  },
  // `s.difference_update(s)` clears the set.
  'set.difference_update': {
    multi: (c) =>
      `{ let __m = {mut0}; ${kindsOf(c)
        .map((k, j) => (isSelf(c, j + 1) ? '__m.clear();' : differenceUpdateWith('__m', k, j + 1)))
        .join(' ')} }`,
  },
  'set.symmetric_difference': {
    set: () => '{&0}.symmetric_difference_set({&1})',
    dict: () => '{ let mut __s = rt::dict::set_from_dict({&1}); __s.symmetric_difference_update_set({&0}); __s }',
    iter: () => '{ let mut __s = rt::dict::set_from({iter1}); __s.symmetric_difference_update_set({&0}); __s }',
  },
  'set.symmetric_difference_update': {
    set: (c) => (isSelf(c, 1) ? '{mut0}.clear()' : '{mut0}.symmetric_difference_update_set({&1})'),
    dict: () => '{mut0}.symmetric_difference_update_keys({iter1})',
    iter: () => '{mut0}.symmetric_difference_update_iter({iter1})',
  },
  'set.issubset': {
    set: () => '{&0}.is_subset({&1})',
    dict: () => '{&0}.is_subset(&rt::dict::set_from({iter1}))',
    iter: () => '{&0}.is_subset(&rt::dict::set_from({iter1}))',
  },
  'set.issuperset': {
    set: () => '{&0}.is_superset({&1})',
    dict: () => '{ let __a = {&0}; {iter1}.into_iter().all(|__x| __a.contains(&__x)) }',
    iter: () => '{ let __a = {&0}; {iter1}.into_iter().all(|__x| __a.contains(&__x)) }',
  },
  'set.isdisjoint': {
    set: () => '{&0}.is_disjoint({&1})',
    dict: () => '{ let __a = {&0}; !{iter1}.into_iter().any(|__x| __a.contains(&__x)) }',
    iter: () => '{ let __a = {&0}; !{iter1}.into_iter().any(|__x| __a.contains(&__x)) }',
  },
  'builtins.set': {
    iterable: () => 'rt::dict::set_from({iter0})',
    copy: () => 'rt::dict::set_copy({&0})',
    dict: () => 'rt::dict::set_from_dict({&0})',
  },
  'builtins.frozenset': {
    iterable: () => 'rt::dict::set_from({iter0})',
    copy: () => 'rt::dict::set_copy({&0})',
    dict: () => 'rt::dict::set_from_dict({&0})',
  },
  'builtins.tuple': { tuple: () => '{0}' },
});
defineSpellings({
  'builtins.set': { empty: () => 'rt::Set::new()' },
  'builtins.frozenset': { empty: () => 'rt::Set::new()' },
});

/**
 * `s.union(*groups)`, `set.intersection(*sets)`: lowering passes the starred iterable last with the keyword `*`
 * (ir.ts `STAR_OPS`); its items are the other arguments. Called on the class (`set.union(*sets)`), the first item is
 * the receiver: an empty list is CPython's TypeError, and so is a first item that is not a set.
 */
const STAR_SET_METHODS: Record<string, { result: 'set' | 'none'; step: string; start: string; mutates?: boolean }> = {
  union: { result: 'set', start: 'rt::dict::set_copy(&__r)', step: '__s.update_iter(__o);' },
  intersection: {
    result: 'set',
    start: 'rt::dict::set_copy(&__r)',
    step: '__s = __s.intersection_iter(__o);',
  },
  difference: { result: 'set', start: 'rt::dict::set_copy(&__r)', step: '__s.difference_update_iter(__o);' },
  update: { result: 'none', start: '', step: '__m.update_iter(__o);', mutates: true },
  intersection_update: {
    result: 'none',
    start: '',
    step: '{ let __n = __m.intersection_iter(__o); __m.replace_table(__n); }',
    mutates: true,
  },
  difference_update: { result: 'none', start: '', step: '__m.difference_update_iter(__o);', mutates: true },
};

/** The item type of a starred list of iterables (`list[list[str]]` gives `str`), or an error. */
function starGroups(name: string, groups: Type | undefined): { group: Type; item: Type } | { error: string } {
  const group = groups && iterItem(groups);
  if (!group) return { error: `set.${name}(*xs) needs an iterable of iterables` };
  if (!['list', 'set', 'vartuple', 'deque'].includes(group.kind))
    return { error: `set.${name}(*xs) of ${typeToString(group)} items is not supported; pass lists or sets` };
  return { group, item: (group as Type & { item: Type }).item };
}

for (const [name, m] of Object.entries(STAR_SET_METHODS)) {
  const id = `set.${name}`;
  extendOp(id, {
    summary: `${name}(*iterables) with a starred list, as a method or on the class (\`set.${name}(*sets)\`)`,
    resolve: (args, kw) => {
      if (!kw.has('*')) return undefined;
      if (kw.size !== 1) return { error: `set.${name}(*xs) takes no keywords` };
      const method = args.length === 2 && args[0]?.kind === 'set';
      if (!method && args.length !== 1) return { error: `set.${name}(*xs) with other arguments is not supported` };
      const g = starGroups(name, args.at(-1));
      if ('error' in g) return g;
      if (!method && (m.mutates || g.group.kind !== 'set'))
        return {
          error: m.mutates
            ? `set.${name}(*sets) on the class is not supported; call it on the set`
            : `set.${name}(*xs) on the class needs sets (CPython's TypeError: descriptor '${name}' for 'set' objects doesn't apply to a '${typeToString(g.group)}' object)`,
        };
      const recv = (method ? args[0] : g.group) as Type & { kind: 'set' };
      const self: Type & { kind: 'set' } =
        recv.item.kind === 'unknown' ? (T.set(g.item) as Type & { kind: 'set' }) : recv;
      if (self.item.kind !== 'unknown' && !typeEquals(self.item, g.item))
        return { error: `set.${name} of ${typeToString(self)} with ${typeToString(g.group)} items` };
      return {
        entry: id,
        overload: `${typeToString(self)}, *${typeToString(args.at(-1)!)}`,
        result: m.result === 'set' ? self : T.none,
        params: method ? [self, args[1]!] : [args[0]!],
        variant: method ? 'star_method' : 'star_class',
        ...(m.mutates ? { mutates: true } : {}),
      };
    },
    spell: {
      star_method: () =>
        m.mutates
          ? `{ let __m = {mut0}; for __o in {iter1} { ${m.step} } }`
          : `{ let __r = {0}; let mut __s = ${m.start}; for __o in {iter1} { ${m.step} } __s }`,
      star_class: () =>
        `{ let mut __g = ({iter0}).into_iter(); let __r = match __g.next() { Some(__x) => __x, None => return Err(rt::PyErr::type_error(${JSON.stringify(`unbound method set.${name}() needs an argument`)})) }; let mut __s = ${m.start}; for __o in __g { ${m.step} } __s }`,
    },
    tests: [
      {
        params: { groups: 'list[list[int]]' },
        expr: `sorted(set(groups[0] if groups else []).${name === 'update' || name.endsWith('_update') ? 'union' : name}(*groups))`,
        samples: [
          [
            [
              [3, 1, 2],
              [2, 3, 4],
              [3, 2, 9],
            ],
          ],
          [[]],
          [[[5]]],
        ],
      },
      ...(m.mutates
        ? [
            {
              params: { groups: 'list[list[int]]' },
              body: `s = {1, 2, 3, 9}\ns.${name}(*groups)\nreturn sorted(s)`,
              samples: [
                [
                  [
                    [3, 1, 2],
                    [2, 3, 4],
                  ],
                ],
                [[]],
              ],
            },
          ]
        : [
            {
              params: { groups: 'list[list[int]]' },
              body: `sets = [set(g) for g in groups]\nreturn sorted(set.${name}(*sets))`,
              samples: [
                [
                  [
                    [3, 1, 2],
                    [2, 3, 4],
                    [3, 2, 9],
                  ],
                ],
                [[[7, 7]]],
                [[]],
              ],
            },
          ]),
    ],
  });
}
