/**
 * set: the builtin `set(...)`, its methods, and the set operators `| & - ^` and `<=`.
 * Sets are insertion-ordered in Rust (`rt::Set`); value JSON sorts them, so order never shows.
 */
import { defineOp, T, type OpTest, type ResolveResult, defineSpellings } from '../registry';
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
      return resolve(recv, args.slice(1));
    },
  });
}

/** The set methods that take any iterable, each spelled by the runtime function of its name. */
const SET_OPERATIONS = ['union', 'intersection', 'difference'] as const;

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
for (const name of SET_OPERATIONS) {
  setEntry(
    name,
    `a.${name}(b)`,
    (recv, args) => {
      const other = args[0];
      const item = other ? iterItem(other) : undefined;
      if (!item || (recv.item.kind !== 'unknown' && !typeEquals(item, recv.item)))
        return { error: `${name}() takes an iterable of ${typeToString(recv.item)}` };
      return {
        entry: `set.${name}`,
        overload: typeToString(recv),
        result: recv,
        params: [recv, other!],
        variant: 'with_iterable',
      };
    },
    [
      {
        params: { a: 'list[int]', b: 'list[int]' },
        expr: `sorted(set(a).${name}(b))`,
        samples: [
          [
            [1, 2, 3],
            [2, 3, 4],
          ],
        ],
      },
    ],
  );
}
setEntry(
  'issubset',
  'a.issubset(b)',
  (recv, args) => {
    const other = args[0];
    if (other?.kind !== 'set') return { error: 'issubset() takes a set here' };
    return {
      entry: 'set.issubset',
      overload: typeToString(recv),
      result: T.bool,
      params: [recv, other],
      variant: 'set',
    };
  },
  [
    {
      params: { a: 'list[int]', b: 'list[int]' },
      expr: 'set(a).issubset(set(b))',
      samples: [
        [[1], [1, 2]],
        [[3], [1]],
      ],
    },
  ],
);

/** `set(...)` and `frozenset(...)`: both build a set of the iterable's items. */
function setFromIterable(entry: string, args: Type[]): ResolveResult {
  if (args.length === 0) return { entry, overload: '', result: T.set(T.unknown), params: [], variant: 'empty' };
  const item = iterItem(args[0]!);
  if (!item) return { error: `${typeToString(args[0]!)} is not iterable` };
  if (item.kind === 'float') return { error: 'sets of float are not supported; use a list' };
  return { entry, overload: typeToString(args[0]!), result: T.set(item), params: [args[0]!], variant: 'iterable' };
}

defineOp({
  id: 'builtins.set',
  summary: 'set() or set(iterable)',
  resolve: (args) => setFromIterable('builtins.set', args),
  tests: [{ params: { s: 'str' }, expr: 'len(set(s))', samples: [['hello'], ['']] }],
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
  'set.issubset': { set: () => 'rt::dict::issubset({&0}, {&1})' },
  'builtins.set': { iterable: () => 'rt::dict::set_from({iter0})' },
  'builtins.frozenset': { iterable: () => 'rt::dict::set_from({iter0})' },
  'builtins.tuple': { tuple: () => '{0}' },
});
defineSpellings({
  ...Object.fromEntries(
    SET_OPERATIONS.map((name) => [
      `set.${name}`,
      { with_iterable: () => `rt::dict::${name}({&0}, &rt::dict::set_from({iter1}))` },
    ]),
  ),
  'builtins.set': { empty: () => 'rt::Set::new()' },
  'builtins.frozenset': { empty: () => 'rt::Set::new()' },
});
