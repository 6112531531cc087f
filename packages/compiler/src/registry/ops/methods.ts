/**
 * Methods of str, list and dict as registry entries (`str.split`, `list.append`, `dict.get`).
 * Lowering records a method call as `method.<name>` with the receiver first; infer picks the
 * entry `<receiver type>.<name>`. Mutating list and dict methods take the receiver as a
 * mutable place and may refine its element type (`[]` becomes `list[int]` after `append(1)`).
 */
import {
  overloads,
  defineOp,
  sig,
  T,
  type OpTest,
  type ResolveContext,
  type ResolveResult,
  defineSpellings,
} from '../registry';
import type { OpChoice } from '../../ir/choice';
import { formatWithSpec, reprTemplate } from '../spell';
import { nestedClassedTuple } from '../../types/types';
import { NESTED_REPR } from './builtins';
import {
  assignable,
  memberIndex,
  orderError,
  type Type,
  typeToString,
  unify,
  unifyItems,
  iterItem,
} from '../../types/types';
import { CMP_CALL, cmpToKey } from './cmp_to_key';

const { int, bool, str } = T;
const optStr = T.optional(str);

/** `kwNames` name the parameters after the receiver that CPython lets a keyword pass, in order. */
function strMethod(name: string, sigs: ReturnType<typeof sig>[], tests: OpTest[], kwNames: string[] = []): void {
  const id = `str.${name}`;
  defineOp({
    id,
    summary: `str.${name}(...) with CPython semantics`,
    ...overloads(id, sigs, [undefined, ...kwNames]),
    tests,
  });
}

const text = [['  Hello, Wörld!  '], ['ǅungla straße'], ['']];

for (const m of ['lower', 'upper', 'title', 'capitalize', 'swapcase', 'casefold'] as const) {
  strMethod(
    m,
    [sig([str], str, `rt::pystr::${m}({&0})`)],
    [{ params: { s: 'str' }, expr: `s.${m}()`, samples: [...text, ["they're bill's"]] }],
  );
}
for (const m of [
  'isalpha',
  'isdigit',
  'isnumeric',
  'isdecimal',
  'isalnum',
  'isspace',
  'isupper',
  'islower',
  'istitle',
  'isascii',
  'isprintable',
  'isidentifier',
] as const) {
  strMethod(
    m,
    [sig([str], bool, `rt::pystr::${m}({&0})`)],
    [
      {
        params: { s: 'str' },
        expr: `s.${m}()`,
        samples: [
          ['abc'],
          ['Ab1'],
          ['١٢٣'],
          [' '],
          [''],
          ['Title Case'],
          ['_x9'],
          ['9x'],
          ['名前'],
          ['a\tb'],
          ['ﬁx'],
          ['x·y'],
        ],
      },
    ],
  );
}
for (const m of ['strip', 'lstrip', 'rstrip'] as const) {
  strMethod(
    m,
    [sig([str], str, `rt::pystr::${m}({&0}, None)`), sig([str, optStr], str, `rt::pystr::${m}({&0}, {1}.as_deref())`)],
    [
      { params: { s: 'str' }, expr: `s.${m}()`, samples: text },
      {
        params: { s: 'str', c: 'str' },
        expr: `s.${m}(c)`,
        samples: [
          ['xxhixx', 'x'],
          ['abcba', 'ab'],
        ],
      },
    ],
  );
}
for (const m of ['split', 'rsplit'] as const) {
  strMethod(
    m,
    [
      sig([str], T.list(str), `rt::pystr::${m}({&0}, Option::<String>::as_deref({&1}), {2})?`, [
        { type: optStr, default: 'None' },
        { type: int, default: '-1' },
      ]),
    ],
    [
      { params: { s: 'str' }, expr: `s.${m}()`, samples: [['  a  b\tc\n'], ['']] },
      {
        params: { s: 'str', sep: 'str' },
        expr: `s.${m}(sep)`,
        samples: [
          ['a,b,,c', ','],
          ['abc', ''],
        ],
      },
      { params: { s: 'str' }, expr: `s.${m}(',', 1)`, samples: [['a,b,c']] },
      // Keywords fill their own slot; a left-out `sep` takes its default.
      {
        params: { s: 'str' },
        expr: `(s.${m}(',', maxsplit=1), s.${m}(maxsplit=1), s.${m}(sep=None, maxsplit=0), s.${m}(sep=','))`,
        samples: [['a,b c,d'], [' x  y z ']],
      },
    ],
    ['sep', 'maxsplit'],
  );
}
strMethod(
  'splitlines',
  [sig([str], T.list(str), 'rt::pystr::splitlines({&0}, {1})', [{ type: bool, default: 'false' }])],
  [
    {
      params: { s: 'str' },
      expr: '(s.splitlines(), s.splitlines(True), s.splitlines(keepends=True))',
      samples: [['a\nb\r\nc\n'], ['x\x0by\u2028z\r'], ['']],
    },
  ],
  ['keepends'],
);
strMethod(
  'expandtabs',
  [sig([str], str, 'rt::pystr::expandtabs({&0}, {1})', [{ type: int, default: '8' }])],
  [
    {
      params: { s: 'str' },
      expr: '(s.expandtabs(), s.expandtabs(4), s.expandtabs(tabsize=1), s.expandtabs(0), s.expandtabs(-2))',
      samples: [['a\tbc\td\n\tx'], ['é\t\t|'], ['']],
    },
  ],
  ['tabsize'],
);
defineOp({
  id: 'str.join',
  summary: 'sep.join(iterable of str)',
  resolve: (args) => {
    const [sep, items] = args;
    if (args.length !== 2 || sep?.kind !== 'str') return { error: 'join() takes one iterable argument' };
    const item = iterItem(items!);
    // An empty literal's items (`"".join([])`) are whatever join takes.
    if (item?.kind === 'unknown' && items!.kind === 'list')
      return {
        entry: 'str.join',
        overload: 'str, list[str]',
        result: str,
        params: [str, T.list(str)],
        variant: 'list',
      };
    if (item?.kind === 'unknown' && items!.kind === 'set')
      return {
        entry: 'str.join',
        overload: 'str, set[str]',
        result: str,
        params: [str, T.set(str)],
        variant: 'iterable',
      };
    // Items known only at run time (a JSON list): each is checked to be a str as the list converts.
    if (item?.kind === 'dynamic' && (items!.kind === 'list' || items!.kind === 'vartuple'))
      return {
        entry: 'str.join',
        overload: `str, ${typeToString(items!)}`,
        result: str,
        params: [str, T.list(str)],
        variant: 'list',
      };
    if (item?.kind !== 'str')
      return { error: `sequence item: expected str instance, got ${item ? typeToString(item) : typeToString(items!)}` };
    if (items!.kind === 'list')
      return {
        entry: 'str.join',
        overload: 'str, list[str]',
        result: str,
        params: [str, items!],
        variant: 'list',
      };
    return {
      entry: 'str.join',
      overload: `str, ${typeToString(items!)}`,
      result: str,
      params: [str, items!],
      variant: 'iterable',
    };
  },
  tests: [
    {
      params: { s: 'str', xs: 'list[str]' },
      expr: 's.join(xs)',
      samples: [
        [', ', ['a', 'b']],
        ['', []],
      ],
    },
    { params: { s: 'str' }, expr: "'-'.join(s)", samples: [['héllo']] },
    {
      params: { xs: 'list[Any]' },
      expr: "'-'.join(xs)",
      samples: [[['a', 'b']], [[]], [['a', 1]]],
      imports: ['from typing import Any'],
    },
    { params: { s: 'str' }, expr: 's.join([]) + s.join(set()) + s.join(sorted([]))', samples: [[', ']] },
  ],
});
strMethod(
  'replace',
  [
    sig([str, str, str], str, 'rt::pystr::replace({&0}, {&1}, {&2}, -1)'),
    sig([str, str, str, int], str, 'rt::pystr::replace({&0}, {&1}, {&2}, {3})'),
  ],
  [
    { params: { s: 'str' }, expr: "s.replace('a', 'xy')", samples: [['banana'], ['']] },
    { params: { s: 'str' }, expr: "s.replace('', '-')", samples: [['abc']] },
  ],
);
/** The `start, end` of a str search as two `Option<i64>`s, from the choice's optional parameters 2 and 3. */
function boundsCode(c: OpChoice): string {
  return [2, 3]
    .map((i) => {
      const t = c.params[i];
      if (!t || t.kind === 'none') return 'None';
      return t.kind === 'optional' ? `{${i}}` : `Some({${i}})`;
    })
    .join(', ');
}

for (const m of ['startswith', 'endswith'] as const) {
  const id = `str.${m}`;
  const what = m === 'startswith' ? 'prefix' : 'suffix';
  defineOp({
    id,
    summary: `s.${m}(${what} or tuple of them[, start[, end]]): within s[start:end], as CPython`,
    resolve: (args, kw): ResolveResult => {
      const [s, p, ...bounds] = args;
      if (kw.size > 0) return { error: `${m}() takes no keyword arguments` };
      if (s?.kind !== 'str' || !p || bounds.length > 2) return { error: `${m}() takes 1 to 3 arguments` };
      // start and end may be ints or None (`None` means the string's own end).
      const bound = (b: Type): Type | undefined =>
        b.kind === 'int' || b.kind === 'bool'
          ? int
          : b.kind === 'none'
            ? b
            : b.kind === 'optional' && b.item.kind === 'int'
              ? b
              : undefined;
      const bts = bounds.map(bound);
      if (bts.some((b) => !b)) return { error: 'slice indices must be integers or None' };
      const many =
        (p.kind === 'tuple' && p.items.length > 0 && p.items.every((x) => x.kind === 'str')) ||
        (p.kind === 'vartuple' && p.item.kind === 'str');
      if (p.kind !== 'str' && !many)
        return { error: `${m} first arg must be str or a tuple of str, not ${typeToString(p)}` };
      return {
        entry: id,
        overload: [s, p, ...bounds].map(typeToString).join(', '),
        result: bool,
        params: [str, p, ...(bts as Type[])],
        variant: many ? 'any' : 'one',
      };
    },
    spell: {
      one: (c) => `rt::pystr::${m}_in({&0}, {&1}, ${boundsCode(c)})`,
      any: (c) => `rt::pystr::${m}_any({&0}, &{iter1}, ${boundsCode(c)})`,
    },
    tests: [
      {
        params: { s: 'str', p: 'str' },
        expr: `(s.${m}(p), s.${m}(p, 1), s.${m}(p, -3, -1), s.${m}(p, 2, 1), s.${m}(p, 9), s.${m}(p, None, 4))`,
        samples: [
          ['hello', 'he'],
          ['hello', 'lo'],
          ['hello', 'el'],
          ['', ''],
          ['héllo', ''],
          ['abc', 'c'],
        ],
      },
      {
        params: { s: 'str' },
        expr: `(s.${m}(("http://", "https://")), s.${m}(("x", "ps", "h"), 1, -1), s.${m}(tuple(s.split())))`,
        samples: [['https://a.ps'], ['ftp://x'], ['']],
      },
    ],
  });
}
for (const m of ['find', 'rfind', 'count'] as const) {
  strMethod(
    m,
    [
      sig([str, str], int, `rt::pystr::${m}({&0}, {&1}, None, None)`),
      sig([str, str, int], int, `rt::pystr::${m}({&0}, {&1}, Some({2}), None)`),
      sig([str, str, int, int], int, `rt::pystr::${m}({&0}, {&1}, Some({2}), Some({3}))`),
    ],
    [
      {
        params: { s: 'str', sub: 'str' },
        expr: `s.${m}(sub)`,
        samples: [
          ['héllo héllo', 'é'],
          ['abc', 'z'],
          ['aaa', ''],
        ],
      },
    ],
  );
}
for (const m of ['index', 'rindex'] as const) {
  strMethod(
    m,
    [sig([str, str], int, `rt::pystr::${m}({&0}, {&1}, None, None)?`)],
    [
      {
        params: { s: 'str', sub: 'str' },
        expr: `s.${m}(sub)`,
        samples: [
          ['abcb', 'b'],
          ['abc', 'z'],
        ],
      },
    ],
  );
}
strMethod(
  'zfill',
  [sig([str, int], str, 'rt::pystr::zfill({&0}, {1})')],
  [{ params: { s: 'str' }, expr: 's.zfill(5)', samples: [['-42'], ['abcdef']] }],
);
for (const m of ['center', 'ljust', 'rjust'] as const) {
  strMethod(
    m,
    [
      sig([str, int], str, `rt::pystr::${m}({&0}, {1}, ' ')`),
      sig([str, int, str], str, `rt::pystr::${m}({&0}, {1}, rt::pystr::fill_char({&2})?)`),
    ],
    [{ params: { s: 'str' }, expr: `s.${m}(8, '*')`, samples: [['abc'], ['日本']] }],
  );
}
for (const m of ['partition', 'rpartition'] as const) {
  strMethod(
    m,
    [sig([str, str], T.tuple([str, str, str]), `rt::pystr::${m}({&0}, {&1})?`)],
    [{ params: { s: 'str' }, expr: `s.${m}('=')`, samples: [['a=b=c'], ['abc']] }],
  );
}
for (const m of ['removeprefix', 'removesuffix'] as const) {
  strMethod(
    m,
    [sig([str, str], str, `rt::pystr::${m}({&0}, {&1})`)],
    [{ params: { s: 'str' }, expr: `s.${m}('ab')`, samples: [['abcab'], ['x']] }],
  );
}

// ---- list -----------------------------------------------------------------------------

function listEntry(
  name: string,
  summary: string,
  resolve: (
    recv: Type & { kind: 'list' },
    args: Type[],
    kw: ReadonlyMap<string, Type>,
    ctx: ResolveContext | undefined,
  ) => ResolveResult,
  tests: OpTest[],
): void {
  const id = `list.${name}`;
  defineOp({
    id,
    summary,
    tests,
    resolve: (args, kw, _c, _kc, ctx) => {
      const recv = args[0];
      if (recv?.kind !== 'list')
        return { error: `expected a list receiver, got ${recv ? typeToString(recv) : 'nothing'}` };
      return resolve(recv, args.slice(1), kw, ctx);
    },
  });
}

function elementFor(recv: Type & { kind: 'list' }, x: Type | undefined): Type | { error: string } {
  if (!x) return { error: 'expected an element argument' };
  if (recv.item.kind === 'unknown') return x;
  // An int into a list of floats is stored as a float, as elsewhere in the numeric tower.
  if (recv.item.kind === 'float' && (x.kind === 'int' || x.kind === 'bool')) return recv.item;
  // An item of another type widens the list to a variant (`[1]` then `append("a")`: list[int | str]).
  const u = unifyItems(recv.item, x);
  if (!u) return { error: `cannot add ${typeToString(x)} to ${typeToString(recv)}` };
  return u;
}

listEntry(
  'append',
  'xs.append(x)',
  (recv, args) => {
    const item = elementFor(recv, args[0]);
    if ('error' in item) return item;
    const list = T.list(item);
    return {
      entry: 'list.append',
      overload: typeToString(list),
      result: T.none,
      params: [list, item],
      variant: 'item',
      mutates: true,
      refineReceiver: list,
    };
  },
  [{ params: { xs: 'list[int]', x: 'int' }, body: 'xs.append(x)\nreturn xs', samples: [[[1], 2]] }],
);

listEntry(
  'extend',
  'xs.extend(iterable)',
  (recv, args) => {
    const item = args[0] && iterItem(args[0]);
    if (!item) return { error: 'extend() expects an iterable' };
    const el = elementFor(recv, item);
    if ('error' in el) return el;
    const list = T.list(el);
    // Items of another type than the list's (ImagePart into list[TextPart | ImagePart], int into list[float]) are
    // converted on the way in: the iterable is taken as a list of the list's item type.
    const converted = typeToString(el) !== typeToString(item);
    return {
      entry: 'list.extend',
      overload: typeToString(list),
      result: T.none,
      // A list argument is converted whole (its type the list's); another iterable keeps its own type, and the
      // emitter converts its items as they are drawn.
      params: [list, converted ? list : args[0]!],
      variant: !converted ? 'iterable' : args[0]!.kind === 'list' ? 'converted_list' : 'converted_items',
      mutates: true,
      refineReceiver: list,
    };
  },
  [
    { params: { xs: 'list[str]', ys: 'list[str]' }, body: 'xs.extend(ys)\nreturn xs', samples: [[['a'], ['b', 'c']]] },
    { params: { xs: 'list[float]', ys: 'list[int]' }, body: 'xs.extend(ys)\nreturn xs', samples: [[[0.5], [1, 2]]] },
    {
      params: { xs: 'list[str]', n: 'int' },
      body: 'ys: list[int | str] = list(xs)\nys.extend(i * 2 for i in range(n))\nys.extend((7, 8))\nreturn ys',
      samples: [[['a'], 2]],
    },
  ],
);

// `xs += it` with a non-list iterable: `list.__iadd__` extends in place by any iterable (a tuple, a range, a str, a
// generator, a set, a dict's keys); infer sends `xs += ys` of two lists, and every other `+=`, to `operator.add`.
defineOp({
  id: 'operator.iadd',
  summary: 'xs += iterable for a list (extends it, as list.__iadd__); a deque in ops/deque.ts; otherwise a + b',
  resolve: (args) => {
    const [xs, it] = args;
    if (args.length !== 2 || xs?.kind !== 'list') return { error: '+= extends a list or a deque here' };
    const item = iterItem(it!);
    if (!item) return { error: `'${typeToString(it!)}' object is not iterable` };
    const el = elementFor(xs, item);
    if ('error' in el) return el;
    const list = T.list(el);
    return { entry: 'operator.iadd', overload: typeToString(list), result: list, params: [list, it!], variant: 'list' };
  },
  tests: [
    {
      params: { xs: 'list[int]', t: 'tuple[int, int]', n: 'int' },
      body: 'ys = list(xs)\nys += t\nys += range(n)\nys += (x * 3 for x in xs)\nys += {n: 1}\nys += [n]\nreturn ys',
      samples: [
        [[1, 2], [7, 8], 3],
        [[], [0, 0], 0],
      ],
    },
    {
      params: { words: 'list[str]', s: 'str' },
      body: 'ys = list(words)\nys += s\nys += ("x",)\nreturn ys',
      samples: [[['a'], 'bcé']],
    },
    {
      params: { xs: 'list[float]', t: 'tuple[float, ...]' },
      body: 'ys = list(xs)\nys += t\nreturn ys',
      samples: [[[1.5], [2.5, -1.0]]],
    },
  ],
});

listEntry(
  'pop',
  'xs.pop([i])',
  (recv, args) => {
    if (args.length > 1 || (args[0] && args[0].kind !== 'int')) return { error: 'pop() takes an optional int index' };
    return {
      entry: 'list.pop',
      overload: typeToString(recv),
      result: recv.item,
      params: args.length ? [recv, int] : [recv],
      variant: args.length ? 'at' : 'last',
      mutates: true,
    };
  },
  [
    { params: { xs: 'list[int]' }, expr: 'xs.pop()', samples: [[[1, 2]], [[]]] },
    { params: { xs: 'list[int]' }, expr: 'xs.pop(0)', samples: [[[1, 2]]] },
  ],
);

listEntry(
  'insert',
  'xs.insert(i, x)',
  (recv, args) => {
    const item = elementFor(recv, args[1]);
    if ('error' in item) return item;
    if (args[0]?.kind !== 'int') return { error: 'insert() index must be an int' };
    const list = T.list(item);
    return {
      entry: 'list.insert',
      overload: typeToString(list),
      result: T.none,
      params: [list, int, item],
      variant: 'item',
      mutates: true,
      refineReceiver: list,
    };
  },
  [{ params: { xs: 'list[int]' }, body: 'xs.insert(-1, 9)\nxs.insert(100, 7)\nreturn xs', samples: [[[1, 2]]] }],
);

for (const [name, result] of [
  ['index', int],
  ['count', int],
] as const) {
  listEntry(
    name,
    `xs.${name}(x)`,
    (recv, args) =>
      args.length === 1
        ? { entry: `list.${name}`, overload: typeToString(recv), result, params: [recv, recv.item], variant: 'item' }
        : { error: `${name}() takes one argument` },
    [
      {
        params: { xs: 'list[int]', x: 'int' },
        expr: `xs.${name}(x)`,
        samples: [
          [[1, 2, 1], 1],
          [[1], 5],
        ],
      },
    ],
  );
}
listEntry(
  'remove',
  'xs.remove(x)',
  (recv, args) =>
    args.length === 1
      ? {
          entry: 'list.remove',
          overload: typeToString(recv),
          result: T.none,
          params: [recv, recv.item],
          variant: 'item',
          mutates: true,
        }
      : { error: 'remove() takes one argument' },
  [{ params: { xs: 'list[int]' }, body: 'xs.remove(1)\nreturn xs', samples: [[[2, 1, 1]]] }],
);
listEntry(
  'reverse',
  'xs.reverse()',
  (recv) => ({
    entry: 'list.reverse',
    overload: typeToString(recv),
    result: T.none,
    params: [recv],
    variant: 'list',
    mutates: true,
  }),
  [{ params: { xs: 'list[int]' }, body: 'xs.reverse()\nreturn xs', samples: [[[1, 2, 3]]] }],
);
listEntry(
  'sort',
  'xs.sort(key=None, reverse=False)',
  (recv, _args, kw, ctx) => {
    const rev = kw.get('reverse');
    if (rev && rev.kind !== 'bool') return { error: 'reverse must be a bool' };
    const cmp = cmpToKey(kw, recv.item, ctx);
    if (typeof cmp === 'object') return cmp;
    if (cmp)
      return {
        entry: 'list.sort',
        overload: typeToString(recv),
        result: T.none,
        params: [recv],
        variant: rev ? 'by_cmp_reverse' : 'by_cmp',
        mutates: true,
      };
    const key = kw.get('key');
    if (key && key.kind !== 'none') {
      const k = key.kind === 'callable' ? ctx?.call('key', [recv.item]) : undefined;
      if (!k) return { error: 'key must be a function of one argument (a lambda or a module function)' };
      const badKey = orderError(k, 'runtime');
      if (badKey) return { error: badKey };
      return {
        entry: 'list.sort',
        overload: typeToString(recv),
        result: T.none,
        params: [recv],
        variant: rev ? 'by_key_reverse' : 'by_key',
        mutates: true,
      };
    }
    const bad = orderError(recv.item, 'runtime');
    if (bad) return { error: bad };
    return {
      entry: 'list.sort',
      overload: typeToString(recv),
      result: T.none,
      params: [recv],
      variant: rev ? 'reverse' : 'plain',
      mutates: true,
    };
  },
  [
    { params: { xs: 'list[float]' }, body: 'xs.sort(reverse=True)\nreturn xs', samples: [[[1.5, -1.0, 2.0]]] },
    {
      params: { xs: 'list[str]' },
      body: 'xs.sort(key=lambda s: s.lower())\nreturn xs',
      samples: [[['b', 'A', 'a', 'C']]],
    },
    {
      imports: ['import functools'],
      params: { xs: 'list[str]' },
      body: 'xs.sort(key=functools.cmp_to_key(lambda a, b: len(b) - len(a)), reverse=True)\nreturn xs',
      samples: [[['bb', 'a', 'cc', 'd', 'eee']]],
    },
    {
      imports: ['import functools'],
      params: { xs: 'list[int]' },
      body: 'xs.sort(key=functools.cmp_to_key(lambda a, b: (a % 3) - (b % 3)))\nreturn xs',
      samples: [[[5, 3, 4, 9, 1, 2, 6]]],
    },
  ],
);
listEntry(
  'copy',
  'xs.copy()',
  (recv) => ({ entry: 'list.copy', overload: typeToString(recv), result: recv, params: [recv], variant: 'clone' }),
  [{ params: { xs: 'list[int]' }, expr: 'xs.copy()', samples: [[[1]]] }],
);
listEntry(
  'clear',
  'xs.clear()',
  (recv) => ({
    entry: 'list.clear',
    overload: typeToString(recv),
    result: T.none,
    params: [recv],
    variant: 'list',
    mutates: true,
  }),
  [{ params: { xs: 'list[int]' }, body: 'xs.clear()\nreturn xs', samples: [[[1]]] }],
);

// ---- dict -----------------------------------------------------------------------------

function dictEntry(
  name: string,
  summary: string,
  resolve: (recv: Type & { kind: 'dict' }, args: Type[]) => ResolveResult,
  tests: OpTest[],
): void {
  const id = `dict.${name}`;
  defineOp({
    id,
    summary,
    tests,
    resolve: (args) => {
      const recv = args[0];
      if (recv?.kind !== 'dict')
        return { error: `expected a dict receiver, got ${recv ? typeToString(recv) : 'nothing'}` };
      return resolve(recv, args.slice(1));
    },
  });
}

dictEntry(
  'get',
  'd.get(k[, default])',
  (recv, args) => {
    // An Optional value found is the same Optional as a missing key's None (`Option<Option<T>>` flattened).
    const key = recv.value.kind === 'optional' ? 'key_optional' : 'key';
    if (args.length === 1)
      return {
        entry: 'dict.get',
        overload: 'key',
        result: T.optional(recv.value),
        params: [recv, recv.key],
        variant: key,
      };
    if (args.length === 2) {
      if (args[1]!.kind === 'none')
        return {
          entry: 'dict.get',
          overload: 'key, None',
          result: T.optional(recv.value),
          params: [recv, recv.key, T.none],
          variant: key,
        };
      // A default the values cannot hold (`ranks.get(pair, float("inf"))` of int ranks) makes the result a variant of
      // both, as CPython returns either; one they hold (`d.get(k, 0)` of float values) is converted to their type.
      if (recv.value.kind !== 'unknown' && args[1]!.kind !== 'unknown' && !assignable(args[1]!, recv.value)) {
        const u = unifyItems(recv.value, args[1]!);
        if (u?.kind !== 'union')
          return {
            error: `get() with a default of another type (${typeToString(args[1]!)}) than the dict's values (${typeToString(recv.value)})`,
          };
        // Values that are already a variant (`ACTS.get(name, lambda x: x)` of a dict of functions): the dict is read
        // as one of the wider variant, each value moved to its member.
        if (recv.value.kind === 'union')
          return {
            entry: 'dict.get',
            overload: 'key, default',
            result: u,
            params: [T.dict(recv.key, u), recv.key, u],
            variant: 'default',
          };
        return {
          entry: 'dict.get',
          overload: 'key, default',
          result: u,
          params: [recv, recv.key, u],
          variant: 'default_union',
          detail: { member: memberIndex(u, recv.value), arity: u.members.length },
        };
      }
      const d = recv.value.kind === 'unknown' ? args[1]! : recv.value;
      return {
        entry: 'dict.get',
        overload: 'key, default',
        result: d,
        params: [recv, recv.key, d],
        variant: 'default',
      };
    }
    return { error: 'get() takes a key and an optional default' };
  },
  [
    {
      params: { d: 'dict[str, int]', k: 'str' },
      expr: 'd.get(k, -1)',
      samples: [
        [{ a: 1 }, 'a'],
        [{ a: 1 }, 'b'],
      ],
    },
    {
      params: { d: 'dict[str, int]', k: 'str' },
      expr: '(d.get(k, float("inf")), d.get(k, "none"), str(d.get(k, 0.5)))',
      samples: [
        [{ a: 1 }, 'a'],
        [{ a: 1 }, 'b'],
      ],
    },
    {
      // Functions as values: a default function the dict does not hold widens its variant of functions.
      params: { k: 'str', v: 'float' },
      body: 'acts = {"double": lambda x: x * 2, "neg": lambda x: -x, "abs": abs}\nf = acts.get(k, lambda x: x + 0.5)\ng = acts.get(k, acts["neg"])\nreturn f(v), g(v)',
      samples: [
        ['double', 1.5],
        ['abs', -2.5],
        ['other', 3.0],
      ],
    },
    {
      params: { d: 'dict[str, int | str]', k: 'str' },
      expr: '(d.get(k, 0.5), d.get(k, None), d.get(k, "x"))',
      samples: [
        [{ a: 1, b: 'z' }, 'a'],
        [{ a: 1, b: 'z' }, 'b'],
        [{ a: 1 }, 'c'],
      ],
    },
    {
      params: { d: 'dict[str, Optional[str]]', k: 'str' },
      expr: '[d.get(k), d.get(k, None), d.get(k, "-"), d.get(k) or "?"]',
      samples: [
        [{ a: 'x', b: null }, 'a'],
        [{ a: 'x', b: null }, 'b'],
        [{ a: 'x', b: null }, 'c'],
      ],
    },
  ],
);

dictEntry(
  'keys',
  'd.keys()',
  (recv) => ({
    entry: 'dict.keys',
    overload: typeToString(recv),
    result: T.iter(recv.key, 'dict_keys'),
    params: [recv],
    variant: 'dict',
  }),
  [{ params: { d: 'dict[str, int]' }, expr: 'list(d.keys())', samples: [[{ b: 1, a: 2 }]] }],
);
dictEntry(
  'values',
  'd.values()',
  (recv) => ({
    entry: 'dict.values',
    overload: typeToString(recv),
    result: T.iter(recv.value, 'dict_values'),
    params: [recv],
    variant: 'dict',
  }),
  [{ params: { d: 'dict[str, int]' }, expr: 'list(d.values())', samples: [[{ b: 1, a: 2 }]] }],
);
dictEntry(
  'items',
  'd.items()',
  (recv) => ({
    entry: 'dict.items',
    overload: typeToString(recv),
    result: T.iter(T.tuple([recv.key, recv.value]), 'dict_items'),
    params: [recv],
    variant: 'dict',
  }),
  [{ params: { d: 'dict[str, int]' }, expr: 'sorted(d.items())', samples: [[{ b: 1, a: 2 }]] }],
);
dictEntry(
  'setdefault',
  'd.setdefault(k, default)',
  (recv, args) => {
    if (args.length !== 2) return { error: 'setdefault() takes a key and a default here' };
    const value = recv.value.kind === 'unknown' ? args[1]! : recv.value;
    const dict = T.dict(recv.key.kind === 'unknown' ? args[0]! : recv.key, value);
    return {
      entry: 'dict.setdefault',
      overload: typeToString(dict),
      result: value,
      params: [dict, dict.kind === 'dict' ? dict.key : args[0]!, value],
      variant: 'default',
      mutates: true,
      refineReceiver: dict,
    };
  },
  [
    {
      params: { d: 'dict[str, int]' },
      body: 'd.setdefault("a", 5)\nd.setdefault("z", 7)\nreturn d',
      samples: [[{ a: 1 }]],
    },
  ],
);
dictEntry(
  'pop',
  'd.pop(k[, default])',
  (recv, args) => {
    if (args.length === 1)
      return {
        entry: 'dict.pop',
        overload: 'key',
        result: recv.value,
        params: [recv, recv.key],
        variant: 'key',
        mutates: true,
      };
    // `d.pop(k, None)`: the value, or None when the key is absent (CPython's idiom for "remove if present").
    if (args.length === 2 && args[1]!.kind === 'none' && recv.value.kind !== 'none' && recv.value.kind !== 'optional')
      return {
        entry: 'dict.pop',
        overload: 'key, None',
        result: T.optional(recv.value),
        params: [recv, recv.key, args[1]!],
        variant: 'none',
        mutates: true,
      };
    if (args.length === 2)
      return {
        entry: 'dict.pop',
        overload: 'key, default',
        result: recv.value,
        params: [recv, recv.key, recv.value],
        variant: 'default',
        mutates: true,
      };
    return { error: 'pop() takes a key and an optional default' };
  },
  [
    { params: { d: 'dict[str, int]' }, expr: 'd.pop("a", 0)', samples: [[{ a: 1 }], [{}]] },
    { params: { d: 'dict[str, float]' }, expr: 'd.pop("a", None)', samples: [[{ a: 1.5 }], [{}]] },
    {
      params: { d: 'dict[str, float]' },
      body: 'd.pop("a", None)\nreturn d',
      samples: [[{ a: 1.5, b: 2 }], [{ b: 1 }]],
    },
  ],
);
dictEntry(
  'clear',
  'd.clear()',
  (recv) => ({
    entry: 'dict.clear',
    overload: typeToString(recv),
    result: T.none,
    params: [recv],
    variant: 'dict',
    mutates: true,
  }),
  [{ params: { d: 'dict[str, int]' }, body: 'd.clear()\nd["z"] = 1\nreturn d', samples: [[{ a: 1, b: 2 }], [{}]] }],
);
dictEntry(
  'copy',
  'd.copy()',
  (recv) => ({ entry: 'dict.copy', overload: typeToString(recv), result: recv, params: [recv], variant: 'clone' }),
  [{ params: { d: 'dict[str, int]' }, expr: 'd.copy()', samples: [[{ a: 1 }]] }],
);
dictEntry(
  'update',
  'd.update(other); on a Counter, counts are added (from a dict of counts or an iterable)',
  (recv, args) => {
    const o = args[0];
    if (recv.missing === 'zero') {
      // Counter.update adds: a mapping's counts, or one per item of an iterable.
      if (o?.kind === 'dict') {
        if (!(o.value.kind === 'int' || o.value.kind === 'unknown'))
          return { error: 'Counter.update() takes counts (int values)' };
        const key = recv.key.kind === 'unknown' ? o.key : recv.key;
        const c: Type = { kind: 'dict', key, value: T.int, missing: 'zero' };
        return {
          entry: 'dict.update',
          overload: 'Counter, dict',
          result: T.none,
          params: [c, T.dict(key, T.int)],
          variant: 'counter_dict',
          mutates: true,
          refineReceiver: c,
        };
      }
      const item = o && iterItem(o);
      if (!item) return { error: 'Counter.update() takes an iterable or a dict of counts' };
      const key = recv.key.kind === 'unknown' ? item : recv.key;
      if (typeToString(key) !== typeToString(item))
        return { error: `cannot count ${typeToString(item)} in ${typeToString(recv)}` };
      const c: Type = { kind: 'dict', key, value: T.int, missing: 'zero' };
      return {
        entry: 'dict.update',
        overload: 'Counter, iterable',
        result: T.none,
        params: [c, o],
        variant: 'counter_iterable',
        mutates: true,
        refineReceiver: c,
      };
    }
    if (o?.kind !== 'dict') return { error: 'update() takes a dict here' };
    const dict = unify(recv, o);
    if (!dict) return { error: `cannot update ${typeToString(recv)} with ${typeToString(o)}` };
    return {
      entry: 'dict.update',
      overload: typeToString(dict),
      result: T.none,
      params: [dict, dict],
      variant: 'dict',
      mutates: true,
      refineReceiver: dict,
    };
  },
  [
    {
      params: { d: 'dict[str, int]', e: 'dict[str, int]' },
      body: 'd.update(e)\nreturn d',
      samples: [
        [
          { a: 1, b: 2 },
          { b: 3, c: 4 },
        ],
      ],
    },
    {
      params: { texts: 'list[str]' },
      body: 'c = Counter()\nfor t in texts:\n    c.update(t.split())\nc.update({"a": 2})\nreturn c.most_common()',
      samples: [[['a b', 'b c', 'c']], [[]]],
      imports: ['from collections import Counter'],
    },
  ],
);

// The Rust of each variant the rules above choose.
defineSpellings({
  'str.join': {
    list: () => 'rt::pystr::join({&0}, {&1})',
    iterable: () => 'rt::pystr::join({&0}, &{iter1}.into_iter().collect::<Vec<String>>())',
  },
  'list.append': { item: () => '{mut0}.push({1})' },
  'list.extend': {
    iterable: () => '{mut0}.extend({iter1})',
    // A list is converted whole (`{1}`, coerced to the list type); another iterable item by item as it is drawn.
    converted_list: () => '{mut0}.extend({1})',
    converted_items: () => '{mut0}.extend({iter1})',
  },
  'operator.iadd': { list: () => '{ let mut __xs = {0}; __xs.extend({iter1}); __xs }' },
  'list.insert': { item: () => 'rt::list::insert({mut0}, {1}, {2})' },
  'list.remove': { item: () => 'rt::list::remove({mut0}, &{1})?' },
  'list.reverse': { list: () => '{mut0}.reverse()' },
  'list.clear': { list: () => '{mut0}.clear()' },
  'dict.clear': { dict: () => '{mut0}.clear()' },
  'dict.get': {
    key: () => '{&0}.get(&{1}).cloned()',
    key_optional: () => '{&0}.get(&{1}).cloned().flatten()',
    default: () => '{&0}.get(&{1}).cloned().unwrap_or_else(|| {2})',
    default_union: (c) =>
      `match {&0}.get(&{1}).cloned() { Some(__v) => rt::union::U${c.detail!.arity as number}::V${c.detail!.member as number}(__v), None => {2} }`,
  },
  'dict.keys': { dict: () => '{&0}.keys().cloned().collect::<Vec<_>>()' },
  'dict.values': { dict: () => '{&0}.values().cloned().collect::<Vec<_>>()' },
  'dict.items': { dict: () => '{&0}.iter().map(|(__k, __v)| (__k.clone(), __v.clone())).collect::<Vec<_>>()' },
  'dict.setdefault': { default: () => '{mut0}.entry({1}).or_insert_with(|| {2}).clone()' },
  'dict.pop': {
    key: () => 'rt::dict::pop({mut0}, &{1})?',
    default: () => '{mut0}.shift_remove(&{1}).unwrap_or_else(|| {2})',
    none: () => '{mut0}.shift_remove(&{1})',
  },
  'dict.update': {
    counter_dict: () => '{ let __c = {mut0}; for (__k, __n) in {1} { *__c.entry(__k).or_insert(0) += __n; } }',
    counter_iterable: () => '{ let __c = {mut0}; for __x in {iter1} { *__c.entry(__x).or_insert(0) += 1; } }',
    dict: () => '{mut0}.extend({1})',
  },
});
defineSpellings({
  'list.pop': { at: () => 'rt::list::pop({mut0}, {1})?', last: () => 'rt::list::pop({mut0}, -1)?' },
  'list.index': { item: () => 'rt::list::index({&0}, &{1})?' },
  'list.count': { item: () => 'rt::list::count({&0}, &{1})' },
  'list.sort': {
    by_key: () => 'rt::list::sort_by_key({mut0}, |__x| Ok({callkey(__x.clone())}), false)?',
    by_key_reverse: () => 'rt::list::sort_by_key({mut0}, |__x| Ok({callkey(__x.clone())}), {kw:reverse})?',
    by_cmp: () => `rt::list::sort_by_cmp({mut0}, |__a, __b| ${CMP_CALL}, false)?`,
    by_cmp_reverse: () => `rt::list::sort_by_cmp({mut0}, |__a, __b| ${CMP_CALL}, {kw:reverse})?`,
    plain: () => 'rt::list::sort({mut0}, false)?',
    reverse: () => 'rt::list::sort({mut0}, {kw:reverse})?',
  },
  'list.copy': { clone: () => '{0}' },
  'dict.copy': { clone: () => '{0}' },
});

/** Key types `dict.fromkeys` builds a dict of: the hashable values a Rust map keys by directly. */
const plainKey = (t: Type): boolean =>
  t.kind === 'str' ||
  t.kind === 'int' ||
  t.kind === 'bool' ||
  t.kind === 'enum' ||
  (t.kind === 'tuple' && t.items.every(plainKey));

defineOp({
  id: 'dict.fromkeys',
  summary: 'dict.fromkeys(iterable, value=None): each distinct key once, in first-seen order, all with one value',
  resolve: (args, kw) => {
    const item = args[0] ? iterItem(args[0]) : undefined;
    if (args.length < 1 || args.length > 2 || kw.size > 0 || !item)
      return { error: 'dict.fromkeys() takes an iterable of keys and an optional value' };
    if (!plainKey(item))
      return {
        error: `dict.fromkeys() keys of ${typeToString(item)} are not supported; use str, int, bool or tuples of them`,
      };
    const value = args[1] ?? T.none;
    return {
      entry: 'dict.fromkeys',
      overload: args.map(typeToString).join(', '),
      result: T.dict(item, value),
      params: args,
      variant: args.length === 2 ? 'value' : 'none',
    };
  },
  spell: {
    none: () => 'rt::dict::fromkeys({iter0}, ())',
    value: () => 'rt::dict::fromkeys({iter0}, {1})',
  },
  tests: [
    {
      params: { words: 'list[str]' },
      expr: '(list(dict.fromkeys(words)), " ".join(dict.fromkeys(w.lower() for w in words)), dict.fromkeys(words, 0))',
      samples: [[['b', 'a', 'b', 'A', 'c']], [[]]],
    },
    { params: { xs: 'list[int]' }, expr: 'dict.fromkeys(xs)', samples: [[[3, 1, 3]]] },
  ],
});

// ---- str.format with a format string known only at run time ----------------------------------
// (A literal or module-constant format string is an f-string, built by lowering.)

/** The formatting of one typed argument for a run-time format field: `str`, `repr` or its spec. */
function formatArgCode(t: Type, ref: string): string {
  return (
    `rt::format::format_converted(__conv, __spec, || ${reprTemplate(t, ref, 'str')}, || ${reprTemplate(t, ref, 'repr')}, ` +
    `|| -> rt::PyResult<String> { Ok(${formatWithSpec(t, ref, '__spec')}) })`
  );
}

defineOp({
  id: 'str.format',
  summary:
    "fmt.format(*args, **kwargs) for a format string known only at run time: {}, {0}, {name}, !r/!s/!a, :spec with nested fields, and CPython's errors",
  resolve: (args, kw) => {
    const [fmt, ...rest] = args;
    if (fmt?.kind !== 'str') return { error: 'format() needs a str format string' };
    const names = [...kw.keys()];
    const types = [...rest, ...kw.values()];
    for (const t of types) {
      const nested = nestedClassedTuple(t);
      if (nested) return { error: NESTED_REPR(nested) };
      if (t.kind === 'union') return { error: `a ${typeToString(t)} argument of a run-time format string` };
    }
    const spread = kw.get('**');
    if (spread && !(spread.kind === 'dict' && (spread.key.kind === 'str' || spread.key.kind === 'unknown')))
      return { error: `format(**mapping) takes a dict with str keys, not ${typeToString(spread)}` };
    // `fmt.format(a, *xs)`: lowering passes the starred iterable last with the keyword `*` (ir.ts STAR_OPS); its items
    // are the positional fields after the ones given one by one.
    if (kw.has('*')) {
      const starred = rest.at(-1);
      const item = starred && iterItem(starred);
      if (!item || ['union', 'tuple'].includes(item.kind) || nestedClassedTuple(item))
        return { error: `format(*xs) of ${starred ? typeToString(starred) : 'nothing'} is not supported` };
      const byName = [...kw].filter(([k]) => k !== '*');
      return {
        entry: 'str.format',
        overload: [fmt, ...rest, ...byName.map(([, t]) => t)].map(typeToString).join(', '),
        result: str,
        params: [str, ...rest.slice(0, -1), T.list(item), ...byName.map(([, t]) => t)],
        variant: 'runtime',
        detail: { positional: rest.length - 1, kwNames: byName.map(([k]) => k), star: true },
      };
    }
    return {
      entry: 'str.format',
      overload: [fmt, ...types].map(typeToString).join(', '),
      result: str,
      params: [str, ...types],
      variant: 'runtime',
      detail: { positional: rest.length, kwNames: names },
    };
  },
  spell: {
    runtime: (c) => {
      const n = Number(c.detail!.positional);
      const kwNames = c.detail!.kwNames as string[];
      const lets = c.params.slice(1).map((_, i) => `let __f${i + 1} = {&${i + 1}};`);
      const posArms = Array.from({ length: n }, (_, i) => `${i} => ${formatArgCode(c.params[i + 1]!, `__f${i + 1}`)},`);
      // A starred list (`fmt.format(*xs)`) follows the positional arguments: its items are the fields n, n + 1, ...
      const star = c.detail!.star === true;
      const named = kwNames.map((name, j) => ({ name, idx: n + 1 + (star ? 1 : 0) + j }));
      const starValue = star ? c.params[n + 1]! : undefined;
      const posFallback =
        starValue?.kind === 'list'
          ? `_ => return __f${n + 1}.get(__i - ${n}).map(|__v| ${formatArgCode(starValue.item, '__v')}),`
          : '_ => return None,';
      const kwArms = named
        .filter((k) => k.name !== '**')
        .map((k) => `${JSON.stringify(k.name)} => ${formatArgCode(c.params[k.idx]!, `__f${k.idx}`)},`);
      const spread = named.find((k) => k.name === '**');
      const spreadValue = spread ? c.params[spread.idx]! : undefined;
      const fallback =
        spreadValue?.kind === 'dict'
          ? `_ => return __f${spread!.idx}.get(__name).map(|__v| ${formatArgCode(spreadValue.value, '__v')}),`
          : '_ => return None,';
      const posFn = `&|__i: usize, __spec: &str, __conv: u8| -> Option<rt::PyResult<String>> { Some(match __i { ${posArms.join(' ')} ${posFallback} }) }`;
      const kwFn = `&|__name: &str, __spec: &str, __conv: u8| -> Option<rt::PyResult<String>> { Some(match __name { ${kwArms.join(' ')} ${fallback} }) }`;
      return `{ ${lets.join(' ')} rt::format::format_runtime({&0}, ${posFn}, ${kwFn})? }`;
    },
  },
  tests: [
    {
      params: { fmt: 'str', parts: 'list[str]', xs: 'list[float]' },
      expr: "(fmt.format(*parts), '{}-{}'.format(*parts), '{0}/{1!r}'.format(*parts), '{}: {:.2f} {:.1f}'.format('x', *xs), '{a}{}'.format(*parts, a=1))",
      samples: [
        ['{}{}', ['a', 'b'], [1.5, 2.25]],
        ['{1}', ['a', 'b', 'c'], [0.125, -3.5]],
        ['{}', ['a', 'b'], [1.5]],
      ],
    },
    {
      params: { fmt: 'str', a: 'int', b: 'float', s: 'str' },
      expr: 'fmt.format(a, b, s, x=a, name=s)',
      samples: [
        ['{} + {} = {}', 3, 1.5, 'x'],
        ['{0}{0} {2!r:>8} {1:.3f}', 3, 2.71828, 'é'],
        ['{name!a} {x:{0}d}|{2}', 4, 0.5, 'ü'],
        ['{{literal}} {}', 1, 0.5, 's'],
        ['{0} {}', 1, 0.5, 's'],
        ['{} {1}', 1, 0.5, 's'],
        ['{5}', 1, 0.5, 's'],
        ['{missing}', 1, 0.5, 's'],
        ['}', 1, 0.5, 's'],
        ['{', 1, 0.5, 's'],
        ['{0', 1, 0.5, 's'],
        ['{0!x}', 1, 0.5, 's'],
        ['{0!r', 1, 0.5, 's'],
        ['{0!rx}', 1, 0.5, 's'],
        ['{name:>10}|{x:+05d}|{2:^7}', 42, 0.5, 'mid'],
      ],
    },
    {
      params: { fmt: 'str', d: 'dict[str, float]' },
      expr: 'fmt.format(**d)',
      samples: [
        ['{a:.1f} and {b}', { a: 1.25, b: 2.5 }],
        ['{c}', { a: 1.25 }],
      ],
    },
  ],
});

defineOp({
  id: 'str.format_map',
  summary:
    'fmt.format_map(mapping): fmt.format(**mapping) without copying the dict; a positional field is ValueError, a missing key KeyError',
  resolve: (args, kw) => {
    const [fmt, m] = args;
    if (fmt?.kind !== 'str' || args.length !== 2 || kw.size > 0) return { error: 'format_map() takes one mapping' };
    if (m?.kind !== 'dict' || (m.key.kind !== 'str' && m.key.kind !== 'unknown'))
      return { error: `format_map() takes a dict with str keys, not ${m ? typeToString(m) : 'nothing'}` };
    const nested = nestedClassedTuple(m.value);
    if (nested) return { error: NESTED_REPR(nested) };
    if (m.value.kind === 'union') return { error: `a ${typeToString(m.value)} value of a run-time format string` };
    return {
      entry: 'str.format_map',
      overload: `str, ${typeToString(m)}`,
      result: str,
      params: [str, m],
      variant: 'runtime',
    };
  },
  spell: {
    runtime: (c) => {
      const m = c.params[1]!;
      const value = m.kind === 'dict' ? m.value : m;
      const posFn =
        '&|_: usize, _: &str, _: u8| -> Option<rt::PyResult<String>> { Some(Err(rt::PyErr::value_error("Format string contains positional fields"))) }';
      const kwFn = `&|__name: &str, __spec: &str, __conv: u8| -> Option<rt::PyResult<String>> { __m.get(__name).map(|__v| ${formatArgCode(value, '__v')}) }`;
      return `{ let __m = {&1}; rt::format::format_runtime({&0}, ${posFn}, ${kwFn})? }`;
    },
  },
  tests: [
    {
      params: { fmt: 'str', d: 'dict[str, float]' },
      expr: 'fmt.format_map(d)',
      samples: [
        ['{a:.1f} and {b!r} {{x}}', { a: 1.25, b: 2.5 }],
        ['{c}', { a: 1.25 }],
        ['{}', { a: 1.25 }],
        ['{0}', { a: 1.25 }],
        ['{a:{b}}', { a: 1.5, b: 7 }],
        ['plain', {}],
      ],
    },
    {
      params: { fmt: 'str', d: 'dict[str, str]' },
      expr: 'fmt.format_map(d)',
      samples: [
        ['<|{role}|>\n{content}', { role: 'user', content: 'hé' }],
        ['{role!r:>10}', { role: 'x' }],
      ],
    },
  ],
});
