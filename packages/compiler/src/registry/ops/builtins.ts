/**
 * Python's builtin functions (`len`, `range`, `min`, `sorted`, `int()`, ...) as registry
 * entries. Iteration helpers (`range`, `enumerate`, `zip`, `reversed`) produce `iter` types,
 * which the emitter turns into Rust iterators; `{iter0}` in a template is argument 0 as an
 * iterator of owned items.
 */
import type { OpChoice } from '../../ir/choice';
import {
  extendOp,
  chooseOverload,
  defineOp,
  defineSpellings,
  overloads,
  sig,
  spellOverloads,
  T,
  resolved as ok,
} from '../registry';
import { POW } from './operators';
import {
  isLazySource,
  nestedClassedTuple,
  isNumeric,
  iterItem,
  orderError,
  orderedDictInside,
  type Type,
  typeEquals,
  typeToString,
  unify,
} from '../../types/types';
import { reprTemplate, truthTemplate } from '../spell';
import { CMP_CALL, cmpToKey } from './cmp_to_key';
import { CMP_KEY } from '../../ir/ir';

const { int, float, bool, str } = T;

/** Why printing a value that holds a named tuple with a class (a list of `ParseResult`s) is declined. */
export const NESTED_REPR = (cls: string): string =>
  `printing a ${cls} inside another value is not supported (it would print as a plain tuple); print each one, or convert it with tuple(...)`;

/**
 * The item type of an iterable argument. A dynamic value (a json.loads result) iterates as CPython walks it (a list's
 * items, a dict's keys, a str's characters: `rt::dynamic::iter_items` through `{iterN}`) for the ops that pass
 * `dynamic`: their items stay dynamic.
 */
function iterable(id: string, t: Type | undefined, dynamic = false): Type | { error: string } {
  if (!t) return { error: `\`${id}\` expects an iterable argument` };
  if (dynamic && t.kind === 'dynamic') return T.dynamic;
  const item = iterItem(t);
  return item ?? { error: `${typeToString(t)} is not iterable` };
}

/** Whether `callable(x)` is true for every value of `t`; undefined when the answer depends on the value. */
function alwaysCallable(t: Type): boolean | undefined {
  switch (t.kind) {
    case 'callable':
      return true;
    case 'int':
    case 'float':
    case 'bool':
    case 'str':
    case 'none':
    case 'list':
    case 'set':
    case 'dict':
    case 'deque':
    case 'tuple':
    case 'vartuple':
    case 'enum':
    case 'ndarray':
      return false;
    case 'union': {
      const each = t.members.map(alwaysCallable);
      return each.every((x) => x === each[0]) ? each[0] : undefined;
    }
    default:
      return undefined;
  }
}

defineOp({
  id: 'builtins.callable',
  summary: 'callable(x): true for functions and lambdas (an Optional one when it is not None), false for data values',
  resolve: (args) => {
    const [x] = args;
    if (!x || args.length !== 1) return { error: 'callable() takes exactly one argument' };
    if (x.kind === 'optional' && alwaysCallable(x.item) !== undefined)
      return ok('builtins.callable', bool, [x], alwaysCallable(x.item) ? 'optional' : 'false');
    const known = alwaysCallable(x);
    if (known === undefined) return { error: `callable() of ${typeToString(x)} is not supported` };
    return ok('builtins.callable', bool, [x], known ? 'true' : 'false');
  },
  spell: {
    true: () => '{ let _ = {&0}; true }',
    false: () => '{ let _ = {&0}; false }',
    optional: () => '{&0}.is_some()',
  },
  tests: [
    {
      params: { x: 'float', name: 'str' },
      body: [
        'hooks = {"double": lambda v: v * 2, "neg": lambda v: -v, "abs": abs}',
        'fn = hooks.get(name)',
        'flags = [callable(fn), callable(x), callable(name), callable(hooks), callable(len), callable(None)]',
        'if fn is not None and callable(fn):',
        '    x = fn(x)',
        'return (flags, x)',
      ].join('\n'),
      samples: [
        [1.5, 'double'],
        [-2.0, 'abs'],
        [3.0, 'missing'],
      ],
    },
  ],
});

defineOp({
  id: 'builtins.len',
  summary: 'len(x) for str (code points), list, tuple, dict, set and range',
  resolve: (args) => {
    const [x] = args;
    if (!x || args.length !== 1) return { error: 'len() takes exactly one argument' };
    if (x.kind === 'str') return ok('builtins.len', int, [x], 'str');
    if (x.kind === 'list' || x.kind === 'dict' || x.kind === 'set') return ok('builtins.len', int, [x], 'sized');
    if (x.kind === 'tuple') return ok('builtins.len', int, [x], 'tuple');
    // A range knows its length (an exact-size iterator that is re-read from a copy, never drawn from).
    if (x.kind === 'iter' && x.source === 'range') return ok('builtins.len', int, [x], 'sized');
    // A dynamic value (json.loads' result) has a length when it holds a str, list, dict or array.
    if (x.kind === 'dynamic') return ok('builtins.len', int, [x], 'dynamic');
    return { error: `object of type ${typeToString(x)} has no len()` };
  },
  tests: [
    { params: { s: 'str' }, expr: 'len(s)', samples: [['héllo'], [''], ['日本語🙂']] },
    { params: { xs: 'list[int]' }, expr: 'len(xs)', samples: [[[1, 2, 3]], [[]]] },
    {
      params: { a: 'int', b: 'int', c: 'int' },
      expr: '(len(range(a)), len(range(a, b)), len(range(a, b, c)), len(range(b, a, -c)))',
      samples: [
        [0, 10, 3],
        [5, 2, 1],
        [-4, 9, 4],
      ],
    },
    { params: {}, expr: 'len([]) + len({}) + len(set()) + len(sorted([])) + len(list())', samples: [[]] },
    {
      params: { s: 'str' },
      expr: 'len(json.loads(s))',
      samples: [['{"a": 1, "b": [2]}'], ['[1, 2, 3]'], ['"héllo"'], ['3']],
      imports: ['import json'],
    },
  ],
});

defineOp({
  id: 'builtins.range',
  summary: 'range(stop), range(start, stop[, step]); step 0 raises ValueError',
  ...overloads('builtins.range', [
    sig([int], T.iter(int, 'range'), 'rt::builtins::range(0, {0}, 1)?'),
    sig([int, int], T.iter(int, 'range'), 'rt::builtins::range({0}, {1}, 1)?'),
    sig([int, int, int], T.iter(int, 'range'), 'rt::builtins::range({0}, {1}, {2})?'),
  ]),
  tests: [
    { params: { n: 'int' }, expr: 'list(range(n))', samples: [[5], [0], [-2]] },
    {
      params: { a: 'int', b: 'int', s: 'int' },
      expr: 'list(range(a, b, s))',
      samples: [
        [0, 10, 3],
        [10, 0, -3],
        [0, 5, 0],
      ],
    },
  ],
});

defineOp({
  id: 'builtins.enumerate',
  summary: 'enumerate(xs[, start])',
  resolve: (args, kw) => {
    const item = iterable('enumerate', args[0], true);
    if ('error' in item) return item;
    const start = args[1] ?? kw.get('start');
    if (start && start.kind !== 'int') return { error: 'enumerate() start must be an int' };
    const params = start ? [args[0]!, int] : [args[0]!];
    return ok('builtins.enumerate', T.iter(T.tuple([int, item]), 'enumerate'), params, start ? 'from' : 'from0');
  },
  tests: [{ params: { xs: 'list[str]' }, expr: '[(i, x) for i, x in enumerate(xs, 1)]', samples: [[['a', 'b']]] }],
});

defineOp({
  id: 'builtins.zip',
  summary:
    "zip(a, b[, c[, d]]): stops at the shortest; strict=True raises CPython's ValueError when lengths differ (the iterables are read in full first)",
  resolve: (args, kw, _consts, kwConsts) => {
    if (args.length < 2 || args.length > 4) return { error: 'zip() takes 2 to 4 iterables here' };
    const items: Type[] = [];
    for (const a of args) {
      const it = iterable('zip', a, true);
      if ('error' in it) return it;
      items.push(it);
    }
    let strict = false;
    if (kw.has('strict')) {
      const v = kwConsts?.get('strict');
      if (v?.kind !== 'bool') return { error: 'zip(strict=...) takes the constant True or False here' };
      strict = v.value;
    }
    return ok('builtins.zip', T.iter(T.tuple(items), 'zip'), args, strict ? 'strict' : 'iterables');
  },
  tests: [
    {
      params: { a: 'list[int]', b: 'list[str]', c: 'list[float]' },
      expr: '(list(zip(a, b, strict=False)), list(zip(a, b, strict=True)))',
      samples: [
        [[1, 2], ['x', 'y'], []],
        [[1, 2, 3], ['x', 'y'], []],
        [[1], ['x', 'y'], []],
      ],
    },
    {
      params: { a: 'list[int]', b: 'list[str]', c: 'list[float]' },
      expr: '[x for x in zip(a, b, c, strict=True)]',
      samples: [
        [
          [1, 2],
          ['x', 'y'],
          [0.5, 1.5],
        ],
        [[1, 2], ['x', 'y'], [0.5]],
        [[1, 2], ['x'], [0.5, 1.5]],
        [[1], ['x', 'y'], [0.5, 1.5]],
        [[1], ['x'], [0.5, 1.5]],
      ],
    },
    {
      params: { a: 'list[int]', b: 'list[str]' },
      expr: 'list(zip(a, b))',
      samples: [
        [
          [1, 2, 3],
          ['x', 'y'],
        ],
      ],
    },
  ],
});

extendOp('operator.getitem', {
  summary: 'r[i] of a range: its i-th value (negative from the end), IndexError past it',
  resolve: (args) => {
    const [r, i] = args;
    if (r?.kind !== 'iter' || r.source !== 'range' || args.length !== 2) return undefined;
    if (i?.kind !== 'int' && i?.kind !== 'bool') return undefined;
    return ok('operator.getitem', int, [r, int], 'range');
  },
  spell: { range: () => 'rt::builtins::range_getitem({&0}, {1})?' },
  tests: [
    {
      params: { a: 'int', b: 'int', i: 'int' },
      expr: '(range(a, b)[i], range(b, a, -2)[i])',
      samples: [
        [0, 10, 3],
        [0, 10, -1],
        [0, 10, -10],
        [2, 5, 3],
        [0, 10, -11],
      ],
    },
  ],
});

defineOp({
  id: 'builtins.reversed',
  summary: 'reversed(seq)',
  resolve: (args) => {
    const item = iterable('reversed', args[0]);
    if ('error' in item) return item;
    if (args[0]!.kind === 'set' || args[0]!.kind === 'dict')
      return { error: `${typeToString(args[0]!)} is not reversible` };
    return ok('builtins.reversed', T.iter(item, 'reversed'), [args[0]!], 'sequence');
  },
  tests: [
    { params: { xs: 'list[int]' }, expr: 'list(reversed(xs))', samples: [[[1, 2, 3]]] },
    { params: { s: 'str' }, expr: "''.join(reversed(s))", samples: [['héllo']] },
  ],
});

defineOp({
  id: 'builtins.list',
  summary: 'list(iterable)',
  resolve: (args) => {
    if (args.length === 0) return ok('builtins.list', T.list(T.unknown), [], 'empty');
    const item = iterable('list', args[0], true);
    if ('error' in item) return item;
    return ok('builtins.list', T.list(item), [args[0]!], 'iterable');
  },
  tests: [{ params: { s: 'str' }, expr: 'list(s)', samples: [['héllo']] }],
});

defineOp({
  id: 'builtins.sorted',
  summary: 'sorted(iterable, key=None, reverse=False): a stable sort',
  resolve: (args, kw, _c, _kc, ctx) => {
    const item = iterable('sorted', args[0], true);
    if ('error' in item) return item;
    const rev = kw.get('reverse');
    if (rev && rev.kind !== 'bool') return { error: 'reverse must be a bool' };
    const cmp = cmpToKey(kw, item, ctx);
    if (typeof cmp === 'object') return cmp;
    if (cmp) return ok('builtins.sorted', T.list(item), [args[0]!], rev ? 'by_cmp_reverse' : 'by_cmp');
    const key = kw.get('key');
    if (key && key.kind !== 'none') {
      const k = key.kind === 'callable' ? ctx?.call('key', [item]) : undefined;
      if (!k) return { error: 'key must be a function of one argument (a lambda or a module function)' };
      const bad = orderError(k, 'runtime');
      if (bad) return { error: bad };
      return ok('builtins.sorted', T.list(item), [args[0]!], rev ? 'by_key_reverse' : 'by_key');
    }
    const bad = orderError(item, 'runtime');
    // A dict's items order by their keys alone: the keys differ, so the values (`sorted(buckets.items())` of class
    // instances without an order) are never compared.
    const src = args[0]!;
    const byKey =
      bad && src.kind === 'iter' && src.source === 'dict_items' && item.kind === 'tuple' && item.items[0]
        ? !orderError(item.items[0], 'runtime')
        : false;
    if (byKey) return ok('builtins.sorted', T.list(item), [src], rev ? 'items_reverse' : 'items');
    if (bad) return { error: bad };
    return ok('builtins.sorted', T.list(item), [args[0]!], rev ? 'reverse' : 'plain');
  },
  tests: [
    { params: { xs: 'list[int]' }, expr: 'sorted(xs, reverse=True)', samples: [[[3, 1, 2]]] },
    {
      params: { ks: 'list[str]' },
      body: 'd = {k: [len(k)] for k in ks}\nd2 = {k: {"n": len(k)} for k in ks}\nreturn sorted(d.items()), sorted(d2.items(), reverse=True)',
      samples: [[['bb', 'a', 'ccc']], [[]]],
    },
    { params: { xs: 'list[str]' }, expr: 'sorted(xs)', samples: [[['b', 'é', 'a']]] },
    // Variants order at run time: like members by their order, ints and floats by value, an int and a str not at all.
    {
      params: { xs: 'list[int | str]' },
      expr: '(sorted(xs, key=lambda v: (isinstance(v, str), v)), sorted(xs, key=lambda v: (len(str(v)), v)))',
      samples: [[[3, 'a', 1, 'b', 20]], [[]]],
    },
    {
      params: { xs: 'list[int | float | str]' },
      expr: 'sorted(xs)',
      samples: [[['b', 'a']], [[2, 1.5, 3]], [[2, 'a']]],
    },
    { params: { xs: 'list[int | str]' }, expr: '(min(xs), max(xs))', samples: [[['b', 'a']], [[2, 1]], [[2, 'a']]] },
    {
      imports: ['import functools'],
      params: { xs: 'list[str]' },
      expr: 'sorted(xs, key=len, reverse=True)',
      samples: [[['bb', 'a', 'ccc', 'dd']]],
    },
    // key=functools.cmp_to_key(f): f's sign orders; equal items keep their order, reversed or not.
    {
      imports: ['import functools'],
      params: { xs: 'list[int]' },
      expr: 'sorted(xs, key=functools.cmp_to_key(lambda a, b: b - a))',
      samples: [[[3, -1, 7, 3, 0]], [[]]],
    },
    {
      imports: ['import functools'],
      params: { xs: 'list[str]' },
      expr: 'sorted(xs, key=functools.cmp_to_key(lambda a, b: len(a) - len(b)), reverse=True)',
      samples: [[['bb', 'a', 'cc', 'd', 'eee', 'ff']]],
    },
    {
      imports: ['import functools'],
      params: { xs: 'list[float]' },
      expr: 'sorted(xs, key=functools.cmp_to_key(lambda a, b: (a > b) - (a < b)))',
      samples: [[[0.5, -1.25, 3.0, 0.5]]],
    },
    {
      imports: ['import functools'],
      params: { xs: 'list[float]' },
      expr: 'sorted(xs, key=functools.cmp_to_key(lambda a, b: a - b))',
      samples: [[[2.5, -0.5, 1.0]]],
    },
    {
      imports: ['import functools'],
      params: { xs: 'list[tuple[str, int]]' },
      expr: 'sorted(xs, key=functools.cmp_to_key(lambda a, b: a[1] < b[1]))',
      samples: [
        [
          [
            ['a', 2],
            ['b', 1],
            ['c', 3],
          ],
        ],
      ],
    },
    // The comparator's error stops the sort (two equal items divide by zero).
    {
      imports: ['import functools'],
      params: { xs: 'list[int]' },
      expr: 'sorted(xs, key=functools.cmp_to_key(lambda a, b: 1 // (a - b)))',
      samples: [[[3, 1, 3]], [[2, 1]]],
    },
    {
      params: { xs: 'list[tuple[str, float]]' },
      expr: 'sorted(xs, key=lambda p: p[1], reverse=True)',
      samples: [
        [
          [
            ['a', 0.5],
            ['b', 0.9],
            ['c', 0.5],
          ],
        ],
      ],
    },
  ],
});

/**
 * Whether values of `t` compare through their `PyOrd` (`rt::cmp`), which records CPython's TypeError: dynamic values,
 * variants that are not all numbers (`int | str`), and the datetime classes (a naive and an aware datetime do not
 * compare).
 */
function holdsDynamic(t: Type): boolean {
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'union':
      return !t.members.every(isNumeric) || t.members.some(holdsDynamic);
    case 'opaque':
      return t.name.startsWith('datetime.');
    case 'list':
    case 'optional':
    case 'vartuple':
      return holdsDynamic(t.item);
    case 'tuple':
      return t.items.some(holdsDynamic);
    default:
      return false;
  }
}

for (const [name, cmp] of [
  ['min', '<'],
  ['max', '>'],
] as const) {
  const id = `builtins.${name}`;
  // `x < m` / `x > m`, as CPython's min and max ask; dynamic items through PyOrd, and the TypeError it recorded.
  const better = (c: OpChoice): string =>
    c.detail?.dynamic ? `rt::cmp::PyOrd::py_${cmp === '<' ? 'lt' : 'gt'}(&__x, &__m)` : `__x ${cmp} __m`;
  const checked = (c: OpChoice): string => (c.detail?.dynamic ? 'rt::cmp::order_checked()?; ' : '');
  defineOp({
    id,
    summary: `${name}(a, b, ...) or ${name}(iterable, key=...); ValueError when empty`,
    resolve: (args, kw, _c, _kc, ctx) => {
      // `max(*xs)`: lowering passes the starred iterable with the keyword `*`. Its items are the arguments, so
      // fewer than two is CPython's TypeError (one argument is taken as an iterable, which a number is not).
      if (kw.has('*')) {
        if (args.length !== 1 || kw.size !== 1)
          return { error: `${name}(*xs) with other arguments or keywords is not supported; write ${name}(xs)` };
        const item = iterable(name, args[0]);
        if ('error' in item) return item;
        if (!isNumeric(item))
          return {
            error: `${name}(*xs) of ${typeToString(item)} items is not supported (a single item would be taken as an iterable); write ${name}(xs)`,
          };
        return ok(id, item, [args[0]!], 'star', { item: item.kind });
      }
      if (args.length === 0) return { error: `${name} expected at least 1 argument` };
      if (args.length === 1 && kw.has(CMP_KEY)) {
        const item = iterable(name, args[0], true);
        if ('error' in item) return item;
        const cmp = cmpToKey(kw, item, ctx);
        if (typeof cmp === 'object') return cmp;
        return ok(id, item, [args[0]!], 'by_cmp');
      }
      const key = kw.get('key');
      const dflt = kw.get('default');
      for (const k of kw.keys())
        if (k !== 'key' && k !== 'default') return { error: `'${k}' is an invalid keyword argument for ${name}()` };
      if (dflt && args.length !== 1)
        return { error: `Cannot specify a default for ${name}() with multiple positional arguments` };
      // With `default=`, an empty iterable gives the default itself: the result is the items' type, the default's
      // when the items' type is undecided (`max([], default=0)`), Optional for `default=None`.
      const withDefault = (item: Type): Type | { error: string } => {
        if (!dflt) return item;
        if (item.kind === 'unknown') return dflt;
        if (dflt.kind === 'none') return item.kind === 'optional' ? item : T.optional(item);
        if (typeEquals(item, dflt)) return item;
        return {
          error: `a default of type ${typeToString(dflt)} for items of type ${typeToString(item)} is not supported (the result would be either)`,
        };
      };
      const variant = (base: string, result: Type): string =>
        !dflt ? base : result.kind === 'optional' && dflt.kind === 'none' ? `${base}_or_none` : `${base}_or_default`;
      if (args.length === 1 && key && key.kind !== 'none') {
        const item = iterable(name, args[0], true);
        if ('error' in item) return item;
        const k = key.kind === 'callable' ? ctx?.call('key', [item]) : undefined;
        if (!k) return { error: 'key must be a function of one argument (a lambda or a module function)' };
        const bad = orderError(k, 'runtime');
        if (bad) return { error: bad };
        const result = withDefault(item);
        if ('error' in result) return result;
        return ok(id, result, [args[0]!], variant('by_key', result));
      }
      if (args.length === 1) {
        const item = iterable(name, args[0], true);
        if ('error' in item) return item;
        const bad = item.kind === 'unknown' ? undefined : orderError(item, 'runtime');
        if (bad) return { error: bad };
        const result = withDefault(item);
        if ('error' in result) return result;
        // An empty literal's items are the default's type (`max([], default=0)` takes a `list[int]`).
        const a = args[0]!;
        const param = item.kind === 'unknown' && (a.kind === 'list' || a.kind === 'set') ? { ...a, item: result } : a;
        // Items whose types are known only at run time compare through their PyOrd, which records CPython's TypeError.
        return ok(id, result, [param], variant('iterable', result), holdsDynamic(item) ? { dynamic: true } : undefined);
      }
      const numeric = args.every(isNumeric);
      const all = numeric ? (args.some((a) => a.kind === 'float') ? float : int) : args[0]!;
      if (!numeric && !args.every((a) => typeToString(a) === typeToString(all)))
        return { error: `${name}() arguments must have one type` };
      return ok(
        id,
        all,
        args.map(() => all),
        'arguments',
        holdsDynamic(all) ? { dynamic: true } : undefined,
      );
    },
    spell: {
      star: (c) =>
        `{ let __v: Vec<_> = {iter0}.into_iter().collect(); if __v.len() < 2 { Err::<(), _>(rt::PyErr::new(rt::ErrKind::TypeError, if __v.is_empty() { "${name} expected at least 1 argument, got 0" } else { "'${c.detail!.item as string}' object is not iterable" }))?; } let mut __it = __v.into_iter(); let mut __m = __it.next().unwrap(); for __x in __it { if __x ${cmp} __m { __m = __x; } } __m }`,
      by_key: () =>
        `rt::builtins::${name}_by_key(&{iter0}.into_iter().collect::<Vec<_>>(), |__x| Ok({callkey(__x.clone())}))?`,
      by_cmp: () => `rt::builtins::${name}_by_cmp(&{iter0}.into_iter().collect::<Vec<_>>(), |__a, __b| ${CMP_CALL})?`,
      iterable: (c) =>
        `{ let mut __it = {iter0}.into_iter(); let mut __m = __it.next().ok_or_else(|| rt::PyErr::value_error("${name}() arg is an empty sequence"))?; for __x in __it { if ${better(c)} { __m = __x; } } ${checked(c)}__m }`,
      iterable_or_default: (c) =>
        `{ let mut __it = {iter0}.into_iter(); match __it.next() { None => {kw:default}, Some(mut __m) => { for __x in __it { if ${better(c)} { __m = __x; } } ${checked(c)}__m } } }`,
      iterable_or_none: (c) =>
        `{ let mut __it = {iter0}.into_iter(); match __it.next() { None => None, Some(mut __m) => { for __x in __it { if ${better(c)} { __m = __x; } } ${checked(c)}Some(__m) } } }`,
      by_key_or_default: () =>
        `{ let __v = {iter0}.into_iter().collect::<Vec<_>>(); if __v.is_empty() { {kw:default} } else { rt::builtins::${name}_by_key(&__v, |__x| Ok({callkey(__x.clone())}))? } }`,
      by_key_or_none: () =>
        `{ let __v = {iter0}.into_iter().collect::<Vec<_>>(); if __v.is_empty() { None } else { Some(rt::builtins::${name}_by_key(&__v, |__x| Ok({callkey(__x.clone())}))?) } }`,
      arguments: (c) => {
        const names = c.params.map((_, i) => `__a${i}`);
        const steps = names
          .slice(1)
          .map((n) =>
            c.detail?.dynamic
              ? `if rt::cmp::PyOrd::py_${cmp === '<' ? 'lt' : 'gt'}(&${n}, &__m) { __m = ${n}; }`
              : `if ${n} ${cmp} __m { __m = ${n}; }`,
          )
          .join(' ');
        return `{ let (${names.join(', ')}) = (${c.params.map((_, i) => `{${i}}`).join(', ')}); let mut __m = __a0; ${steps} ${checked(c)}__m }`;
      },
    },
    tests: [
      {
        params: { a: 'int', b: 'int' },
        expr: `${name}(a, b)`,
        samples: [
          [1, 2],
          [2, -1],
        ],
      },
      { params: { xs: 'list[float]' }, expr: `${name}(xs)`, samples: [[[1.5, -2.0, 3.25]], [[]]] },
      {
        params: { a: 'str', b: 'str' },
        expr: `(${name}(datetime.fromisoformat(a), datetime.fromisoformat(b)).isoformat(), ${name}([date.fromisoformat(a[:10]), date.fromisoformat(b[:10])]).isoformat())`,
        samples: [
          ['2024-06-01T09:30:00', '2024-05-01T10:00:00'],
          ['2024-06-01T09:30:00+00:00', '2024-06-01T09:30:00+02:00'],
          ['2024-06-01T09:30:00', '2024-06-01T09:30:00+02:00'],
        ],
        // The registry's tests share one module, where the datetime tests bind these names.
        imports: ['from datetime import date, datetime, time, timedelta, timezone'],
      },
      {
        params: { xs: 'list[str]' },
        expr: `${name}(xs, key=lambda s: abs(len(s) - 2))`,
        samples: [[['abcd', 'a', 'xyz', 'q']]],
      },
      // cmp_to_key: the first of equal extremes, as CPython's max/min keep.
      {
        imports: ['import functools'],
        params: { xs: 'list[tuple[str, int]]' },
        expr: `${name}(xs, key=functools.cmp_to_key(lambda a, b: a[1] - b[1]))`,
        samples: [
          [
            [
              ['a', 2],
              ['b', 3],
              ['c', 3],
              ['d', 2],
            ],
          ],
          [[]],
        ],
      },
      { params: { xs: 'list[int]' }, expr: `${name}(xs, default=-1)`, samples: [[[3, 9, 4]], [[]]] },
      { params: { xs: 'list[int]' }, expr: `${name}(xs, default=None)`, samples: [[[3, 9, 4]], [[]]] },
      {
        params: { xs: 'list[str]' },
        expr: `${name}(xs, key=len, default='none')`,
        samples: [[['abc', 'de', 'fghi']], [[]]],
      },
      { params: { xs: 'list[str]' }, expr: `${name}(xs, key=len, default=None)`, samples: [[['ab', 'c']], [[]]] },
      {
        params: { xs: 'list[int]', ys: 'list[float]' },
        body: `pair = (xs[0], 7) if xs else (0, 7)\nreturn ${name}(*ys), ${name}(*pair), ${name}(*[1, 5, -2])`,
        samples: [
          [[3], [1.5, -2.0, 4.0]],
          [[], [2.5]],
          [[1], []],
        ],
      },
      { params: {}, expr: `${name}([], default=0)`, samples: [[]] },
      // CPython 3.11's message for an empty iterable, with a key as without.
      { params: { xs: 'list[str]' }, expr: `(${name}(xs, key=len), ${name}(xs))`, samples: [[[]], [['ab', 'c']]] },
      { params: {}, expr: `${name}([], default='')`, samples: [[]] },
    ],
  });
}

const choosePow = chooseOverload('builtins.pow', POW);

defineOp({
  id: 'builtins.pow',
  summary:
    'pow(base, exp): the same as base ** exp; pow(base, exp, mod) of ints: modular, a negative exp by the inverse',
  resolve: (args, kw, consts, kwConsts, ctx) => {
    if (args.length === 3 && kw.size === 0) {
      if (!args.every((a) => a.kind === 'int' || a.kind === 'bool'))
        return { error: 'pow() 3rd argument not allowed unless all arguments are integers' };
      return { entry: 'builtins.pow', overload: 'int, int, int', result: int, params: [int, int, int], variant: 'mod' };
    }
    if (args.length !== 2 || kw.size > 0) return { error: 'pow() takes two or three arguments' };
    return choosePow(args, kw, consts, kwConsts, ctx);
  },
  spell: { ...spellOverloads(POW), mod: () => 'rt::int::pow_mod({0}, {1}, {2})?' },
  tests: [
    {
      params: { a: 'int', b: 'int', m: 'int' },
      expr: 'pow(a, b, m)',
      samples: [
        [2, 10, 7],
        [3, 200, 1000000007],
        [-3, 3, 5],
        [2, 5, -7],
        [3, -1, 7],
        [2, -1, 4],
        [5, 3, 0],
        [2, 3, 1],
      ],
    },
    {
      params: { a: 'int', b: 'int' },
      expr: 'pow(a, b)',
      samples: [
        [2, 10],
        [3, 0],
        [-2, 3],
      ],
      deviation:
        'as for `**`: int ** int is typed int, so a negative exponent raises ValueError where CPython returns a float',
    },
    {
      params: { a: 'float', b: 'float' },
      expr: 'pow(a, b)',
      samples: [
        [2.0, 0.5],
        [9.0, -1.0],
      ],
      deviation:
        'as for `**`: a negative base to a fractional power raises ValueError where CPython returns a complex number',
    },
  ],
});

defineOp({
  id: 'builtins.sum',
  summary: 'sum(iterable[, start]) of int or float; int sums are overflow-checked',
  resolve: (args, kw) => {
    const item = args[0]?.kind === 'dynamic' ? T.dynamic : iterable('sum', args[0]);
    if ('error' in item) return item;
    for (const k of kw.keys()) if (k !== 'start') return { error: `sum() got an unexpected keyword argument '${k}'` };
    if (args.length > 2 || (args.length === 2 && kw.has('start'))) return { error: 'sum() takes at most 2 arguments' };
    // `start` (positional or keyword) begins the sum: an int start keeps int items int, a float one makes it float.
    const start = args.length === 2 ? args[1]! : kw.get('start');
    const startAt = args.length === 2 ? '{1}' : '{kw:start}';
    // `sum(rows, [])`: the lists joined, as `start + row0 + row1 ...` (each item must be a list, as CPython's `+` needs).
    if (start?.kind === 'list') {
      const row = item.kind === 'list' ? item : undefined;
      const joined = row ? (start.item.kind === 'unknown' ? row : unify(start, row)) : undefined;
      if (!row || !joined || joined.kind !== 'list' || (start.item.kind !== 'unknown' && !typeEquals(joined, start)))
        return {
          error: `sum() of ${typeToString(item)} items from a list start is not supported; the items must be lists like the start`,
        };
      const params = args.length === 2 ? [args[0]!, joined] : [args[0]!];
      return ok('builtins.sum', joined, params, 'lists', { start: startAt });
    }
    // `sum(pairs, ())`: the tuples joined into one whose length the run decides.
    if (start?.kind === 'tuple' || start?.kind === 'vartuple') {
      if (start.kind === 'tuple' && start.items.length > 0)
        return { error: 'sum() of tuples is supported from the empty tuple `()`' };
      const parts = item.kind === 'tuple' ? item.items : item.kind === 'vartuple' ? [item.item] : undefined;
      const first = parts?.[0];
      if (!parts || !first || parts.some((p) => !typeEquals(p, first)))
        return { error: `sum() of ${typeToString(item)} items from \`()\` needs tuples of one item type` };
      return ok('builtins.sum', T.vartuple(first), [args[0]!], 'tuples', {
        arity: item.kind === 'tuple' ? item.items.length : undefined,
      });
    }
    // Dynamic items (`sum(json.loads(s)["xs"])`): CPython's `0 + x0 + x1 ...` by their run-time types.
    if (args[0]!.kind === 'dynamic' || item.kind === 'dynamic') {
      if (start) return { error: 'sum() of dynamic values with a start is not supported' };
      return ok('builtins.sum', T.dynamic, [args[0]!], args[0]!.kind === 'dynamic' ? 'dynamic' : 'dynamic_items');
    }
    if (start && start.kind !== 'int' && start.kind !== 'float')
      return { error: `sum() with a start of ${typeToString(start)} is not supported` };
    const from = !start ? '' : args.length === 2 ? '_start' : '_start_kw';
    const params = args.length === 2 ? [args[0]!, start!] : [args[0]!];
    const ints = item.kind === 'int' || item.kind === 'bool' || item.kind === 'unknown';
    if (ints && start?.kind !== 'float') return ok('builtins.sum', int, params, `int${from}`);
    if (ints) return ok('builtins.sum', float, params, `intsf${from}`);
    if (item.kind === 'float') return ok('builtins.sum', float, params, `float${from}`);
    // Items that are ints or floats (`[1, 2.5]`): summed as floats.
    if (item.kind === 'union' && item.members.every(isNumeric))
      return ok('builtins.sum', float, params, `numbers${from}`);
    return { error: `sum() of ${typeToString(item)} is not supported` };
  },
  tests: [
    { params: { xs: 'list[int]' }, expr: 'sum(xs)', samples: [[[1, 2, 3]], [[]], [[9223372036854775807n, 1]]] },
    { params: { xs: 'list[float]' }, expr: 'sum(xs)', samples: [[[0.1, 0.2, 0.3]]] },
    { params: { n: 'int' }, expr: 'sum([n, 0.5, True])', samples: [[2], [-7]] },
    {
      params: { xs: 'list[int]', s: 'int' },
      expr: 'sum(xs, s) * 1000 + sum(xs, start=s)',
      samples: [
        [[1, 2], 10],
        [[], -3],
      ],
    },
    { params: { xs: 'list[int]' }, expr: 'sum(xs, 0.5) + sum(xs, start=1.5)', samples: [[[1, 2]], [[]]] },
    {
      params: { m: 'list[list[int]]', ws: 'list[str]' },
      body: 'return sum(m, []), sum(m, [0]), sum([w.split() for w in ws], start=[]), sum([[w] for w in ws], [])',
      samples: [
        [
          [[1, 2], [], [3]],
          ['a b', 'c'],
        ],
        [[], []],
      ],
    },
    {
      params: { ps: 'list[tuple[int, int]]', ts: 'list[tuple[str, ...]]' },
      body: 'return sum(ps, ()), sum(ts, ())',
      samples: [
        [
          [
            [1, 2],
            [3, 4],
          ],
          [['a'], [], ['b', 'c']],
        ],
        [[], []],
      ],
    },
    {
      imports: ['import json'],
      params: { s: 'str' },
      body: 'd = json.loads(s)\nreturn sum(d["xs"]), sum(x for x in d["xs"])',
      samples: [['{"xs": [1, 2, 3]}'], ['{"xs": [1, 2.5]}'], ['{"xs": []}'], ['{"xs": ["a"]}'], ['{"xs": [[1]]}']],
    },
    { params: { xs: 'list[float]' }, expr: 'sum(xs, 1) + sum(xs, start=2)', samples: [[[0.25, 0.5]]] },
    {
      params: { xs: 'list[int]', s: 'int' },
      expr: 'sum(xs, s)',
      samples: [
        [[0], 9223372036854775807n],
        [[1], 9223372036854775807n],
      ],
    },
  ],
});

defineOp({
  id: 'builtins.abs',
  summary: 'abs(x)',
  ...overloads('builtins.abs', [sig([int], int, 'rt::int::abs({0})?'), sig([float], float, '{0}.abs()')]),
  tests: [
    { params: { a: 'int' }, expr: 'abs(a)', samples: [[-3], [-9223372036854775808n]] },
    { params: { a: 'float' }, expr: 'abs(a)', samples: [[-0.5]] },
  ],
});

defineOp({
  id: 'builtins.round',
  summary: "round(x) to an int with banker's rounding; round(x, n) to a float",
  ...overloads(
    'builtins.round',
    [
      sig([int], int, '{0}'),
      sig([float], int, 'rt::float::round_even({0})?'),
      sig([float, int], float, 'rt::float::round_ndigits({0}, {1})'),
    ],
    ['number', 'ndigits'],
  ),
  tests: [
    { params: { x: 'float' }, expr: 'round(x)', samples: [[0.5], [1.5], [2.5], [-0.5], [-1.5]] },
    {
      params: { x: 'float', n: 'int' },
      expr: 'round(x, n)',
      samples: [
        [2.675, 2],
        [1.005, 2],
        [123.456, -1],
      ],
    },
    {
      params: { x: 'float', n: 'int' },
      expr: '(round(x, ndigits=n), round(number=x), round(number=x, ndigits=n))',
      samples: [[2.675, 2]],
    },
  ],
});

defineOp({
  id: 'builtins.divmod',
  summary: 'divmod(a, b) with floor semantics',
  ...overloads('builtins.divmod', [
    sig([int, int], T.tuple([int, int]), 'rt::int::divmod({0}, {1})?'),
    sig([float, float], T.tuple([float, float]), 'rt::float::divmod({0}, {1})?'),
  ]),
  tests: [
    {
      params: { a: 'int', b: 'int' },
      expr: 'divmod(a, b)',
      samples: [
        [-7, 2],
        [7, -2],
      ],
    },
  ],
});

defineOp({
  id: 'builtins.int',
  summary: 'int(x) from float (truncating), str (base 10), bool or int',
  ...overloads(
    'builtins.int',
    [
      sig([int], int, '{0}'),
      sig([bool], int, '({0} as i64)'),
      sig([float], int, 'rt::float::to_int({0})?'),
      sig([str], int, 'rt::int::parse({&0}, 10)?'),
      sig([str, int], int, 'rt::int::parse({&0}, {1})?'),
    ],
    [undefined, 'base'],
  ),
  tests: [
    { params: { x: 'float' }, expr: 'int(x)', samples: [[2.9], [-2.9]] },
    { params: { s: 'str' }, expr: 'int(s)', samples: [['42'], [' -7 '], ['1_000'], ['x']] },
    {
      params: { s: 'str', b: 'int' },
      expr: 'int(s, base=b)',
      samples: [
        ['ff', 16],
        ['0b101', 0],
        ['777', 8],
        ['z', 10],
      ],
    },
  ],
});

defineOp({
  id: 'builtins.float',
  summary: 'float(x) from int, bool or str',
  ...overloads('builtins.float', [
    sig([float], float, '{0}'),
    sig([int], float, '({0} as f64)'),
    sig([str], float, 'rt::float::parse({&0})?'),
  ]),
  tests: [{ params: { s: 'str' }, expr: 'float(s)', samples: [['1.5'], [' -2e3 '], ['inf'], ['abc']] }],
});

defineOp({
  id: 'builtins.str',
  summary: 'str(x), as CPython prints it',
  resolve: (args) => {
    if (args.length === 0) return ok('builtins.str', str, [], 'empty');
    if (args.length !== 1) return { error: 'str() takes one argument here' };
    const nested = nestedClassedTuple(args[0]!);
    if (nested) return { error: NESTED_REPR(nested) };
    return ok('builtins.str', str, [args[0]!], 'value');
  },
  tests: [
    { params: { x: 'float' }, expr: 'str(x)', samples: [[1.0], [0.1], [1e16], [1.5e-7], [-0.0]] },
    { params: { xs: 'list[str]' }, expr: 'str(xs)', samples: [[['a', "b'c"]]] },
    // Empty literals whose items no use decides.
    { params: {}, expr: 'str([]) + str({}) + str(set()) + str(()) + str(list()) + str(dict())', samples: [[]] },
    { params: {}, expr: 'f"{[]}|{ {} }|{set()}|{sorted([])}|{[[]]}"', samples: [[]] },
  ],
});

defineOp({
  id: 'builtins.repr',
  summary: 'repr(x)',
  resolve: (args) => {
    if (args.length !== 1) return { error: 'repr() takes one argument' };
    const nested = nestedClassedTuple(args[0]!);
    if (nested) return { error: NESTED_REPR(nested) };
    return ok('builtins.repr', str, [args[0]!], 'value');
  },
  tests: [
    { params: { s: 'str' }, expr: 'repr(s)', samples: [["it's"], ['a"b'], ['é\n']] },
    { params: {}, expr: 'repr([]) + repr({}) + repr(set()) + repr(sorted(set())) + repr({1: []})', samples: [[]] },
  ],
});

defineOp({
  id: 'builtins.bool',
  summary: 'bool(x) by Python truthiness',
  resolve: (args) =>
    args.length === 1 ? ok('builtins.bool', bool, [args[0]!], 'truth') : { error: 'bool() takes one argument' },
  tests: [{ params: { s: 'str' }, expr: 'bool(s)', samples: [[''], ['0']] }],
});

for (const [name, method] of [
  ['any', 'any'],
  ['all', 'all'],
] as const) {
  defineOp({
    id: `builtins.${name}`,
    summary: `${name}(iterable) by truthiness`,
    resolve: (args) => {
      const item = iterable(name, args[0], true);
      if ('error' in item) return item;
      return ok(`builtins.${name}`, bool, [args[0]!], 'iterable');
    },
    spell: {
      iterable: (c) => `{iter0}.into_iter().${method}(|__x| ${truthTemplate(iterItem(c.params[0]!)!, '&__x')})`,
    },
    tests: [{ params: { xs: 'list[int]' }, expr: `${name}(xs)`, samples: [[[0, 1]], [[]], [[1, 2]]] }],
  });
}

defineOp({
  id: 'builtins.ord',
  summary: 'ord(c) of a one-character str',
  ...overloads('builtins.ord', [sig([str], int, 'rt::pystr::ord({&0})?')]),
  tests: [{ params: { s: 'str' }, expr: 'ord(s)', samples: [['a'], ['é'], ['ab']] }],
});

for (const [name, prefix, samples] of [
  ['bin', 'b', [[0], [5], [-5], [9223372036854775807n]]],
  ['hex', 'x', [[255], [-255], [0]]],
  ['oct', 'o', [[8], [-8], [0]]],
] as const) {
  defineOp({
    id: `builtins.${name}`,
    summary: `${name}(i): the int with its 0${prefix} prefix (a bool counts as 0 or 1)`,
    ...overloads(`builtins.${name}`, [sig([int], str, `rt::format::format_int({0}, "#${prefix}")?`)]),
    tests: [{ params: { i: 'int' }, expr: `(${name}(i), ${name}(i > 0))`, samples: samples.map((x) => [...x]) }],
  });
}

defineOp({
  id: 'builtins.ascii',
  summary: 'ascii(x): repr(x) with its non-ASCII characters escaped as \\x, \\u or \\U',
  resolve: (args) => {
    if (args.length !== 1) return { error: 'ascii() takes one argument' };
    const nested = nestedClassedTuple(args[0]!);
    if (nested) return { error: NESTED_REPR(nested) };
    return ok('builtins.ascii', str, [args[0]!], 'value');
  },
  tests: [
    { params: { s: 'str' }, expr: 'ascii(s)', samples: [['plain'], ['é\n'], ['日本'], ['🙂 x'], ["it's"]] },
    { params: { xs: 'list[str]' }, expr: 'ascii(xs)', samples: [[['ü', 'a']]] },
  ],
});

defineOp({
  id: 'builtins.chr',
  summary: 'chr(i)',
  ...overloads('builtins.chr', [sig([int], str, 'rt::pystr::chr({0})?')]),
  tests: [{ params: { i: 'int' }, expr: 'chr(i)', samples: [[97], [233], [-1]] }],
});

defineOp({
  id: 'builtins.print',
  summary: 'print(*values, sep=" ", end="\\n", file=sys.stdout, flush=False)',
  resolve: (args, kw) => {
    for (const k of kw.keys())
      if (!['sep', 'end', 'file', 'flush', '*'].includes(k))
        return { error: `print() keyword \`${k}\` is not supported` };
    if ((kw.get('sep') && kw.get('sep')!.kind !== 'str') || (kw.get('end') && kw.get('end')!.kind !== 'str'))
      return { error: 'sep and end must be str' };
    // `file=`: a standard stream (`sys.stderr`), an io.StringIO() buffer (csv_write.ts) or None (stdout).
    if (printTo(kw).file === 'bad')
      return { error: 'print() writes to `sys.stdout`, `sys.stderr` or an io.StringIO() buffer' };
    if (kw.has('flush') && kw.get('flush')!.kind !== 'bool') return { error: 'flush must be a bool' };
    // `print(a, *xs)`: lowering passes the starred iterable last with the keyword `*`; its items print as arguments.
    if (kw.has('*')) {
      const item = iterable('print', args.at(-1));
      if ('error' in item) return item;
      const shown = [...args.slice(0, -1), item];
      const bad = shown.map((a) => nestedClassedTuple(a)).find((x) => x);
      if (bad) return { error: NESTED_REPR(bad) };
      if (shown.some((a) => orderedDictInside(a) !== undefined))
        return { error: 'printing an OrderedDict through `*` is not supported; print it on its own' };
      return ok('builtins.print', T.none, args, 'star', {
        sep: kw.has('sep'),
        end: kw.has('end'),
        item,
        ...printTo(kw),
      });
    }
    const nested = args.map((a) => nestedClassedTuple(a)).find((x) => x);
    if (nested) return { error: NESTED_REPR(nested) };
    if (args.some((a) => orderedDictInside(a) === 'nested'))
      return { error: 'printing an OrderedDict inside another value is not supported; print it on its own' };
    return ok('builtins.print', T.none, args, 'values', { sep: kw.has('sep'), end: kw.has('end'), ...printTo(kw) });
  },
  tests: [
    { params: { x: 'int' }, body: 'print("x =", x, sep=" ")\nreturn x', samples: [[3]] },
    {
      params: { xs: 'list[float]', name: 'str' },
      body: 'buf = io.StringIO()\nprint("name:", name, file=buf)\nprint(*xs, sep=",", end=";", file=buf, flush=True)\nprint(file=buf)\nfor i, x in enumerate(xs):\n    print(i, x, None, sep="\\t", file=buf)\nreturn buf.getvalue()',
      samples: [
        [[1.5, -2.0], 'é'],
        [[], ''],
      ],
      imports: ['import io'],
    },
    {
      params: { xs: 'list[float]', ws: 'list[str]' },
      body: 'print(*xs)\nprint("w:", *ws, sep=", ", end="|\\n")\nprint(*(1, "a", None))\nreturn len(xs)',
      samples: [
        [
          [1.5, -2.0],
          ['a', 'b c'],
        ],
        [[], []],
      ],
    },
  ],
});

/**
 * Where print's keywords send its line: `file=sys.stderr` (or stdout) is a `stream`, an io.StringIO() is a `buffer`
 * (`flush=` changes nothing there), None or no `file=` is stdout; any other value is `bad`.
 */
function printTo(kw: ReadonlyMap<string, Type>): { file?: 'stream' | 'buffer' | 'bad'; flush?: boolean } {
  const f = kw.get('file');
  const file =
    f === undefined || f.kind === 'none'
      ? undefined
      : f.kind === 'opaque' && f.name === 'sys.TextIO'
        ? 'stream'
        : f.kind === 'opaque' && f.name === 'io.StringIO'
          ? 'buffer'
          : 'bad';
  return { ...(file && { file }), ...(kw.has('flush') && { flush: true }) };
}

/** The statements that write a print's line (a Rust String expression) to its stream or buffer, then flush if asked. */
function printWrite(c: OpChoice, line: string): string {
  if (c.detail?.file === 'buffer') return `{&kw:file}.write(&${line})?;`;
  const stream = c.detail?.file === 'stream' ? '({kw:file})' : 'rt::process::Stream::Stdout';
  const flush = c.detail?.flush ? ` if {kw:flush} { ${stream}.flush(); }` : '';
  return `${stream}.write_str(&${line});${flush}`;
}

/** The builtin classes `isinstance` can test, by the static types that are instances of them. */
const INSTANCE_OF: Record<string, (t: Type) => boolean> = {
  int: (t) => t.kind === 'int' || t.kind === 'bool',
  float: (t) => t.kind === 'float',
  bool: (t) => t.kind === 'bool',
  str: (t) => t.kind === 'str',
  list: (t) => t.kind === 'list',
  dict: (t) => t.kind === 'dict',
  tuple: (t) => t.kind === 'tuple',
  set: (t) => t.kind === 'set',
  // The collections classes, by the names they are imported as (an OrderedDict is also a dict).
  deque: (t) => t.kind === 'deque',
  OrderedDict: (t) => t.kind === 'dict' && t.ordered === true,
  bytes: (t) => t.kind === 'opaque' && t.name === 'bytes',
  bytearray: (t) => t.kind === 'opaque' && t.name === 'bytearray',
};

defineOp({
  id: 'builtins.isinstance',
  summary: 'isinstance(x, cls) for builtin classes, decided from the static type',
  resolve: (args, _kw, consts) => {
    const cls = consts?.[1];
    if (!args[0] || cls?.kind !== 'str') return { error: 'isinstance() takes a builtin class or a tuple of them' };
    const t = args[0];
    const names = cls.value.split('|');
    // A caught exception is tested at run time against its class hierarchy, the user's classes included.
    if (t.kind === 'opaque' && t.name === 'Exception')
      return ok('builtins.isinstance', bool, [t], 'exception', { names });
    // The module's classes come as `C=C,D` (lowering: C and the classes derived from it).
    if (names.some((n) => !n.includes('=') && !(n in INSTANCE_OF)))
      return { error: `isinstance() supports the module's classes and ${Object.keys(INSTANCE_OF).join(', ')}` };
    const matches = (n: string, x: Type): boolean => {
      const eq = n.indexOf('=');
      if (eq < 0) return INSTANCE_OF[n]!(x);
      return (
        (x.kind === 'struct' || x.kind === 'enum') &&
        n
          .slice(eq + 1)
          .split(',')
          .includes(x.name)
      );
    };
    // A variant is tested at run time: infer dispatches on its members.
    if (t.kind === 'union') return { error: 'isinstance() of a variant is decided per member' };
    // An Optional variant: None is no instance of the classes tested here, each member is or is not one.
    if (t.kind === 'optional' && t.item.kind === 'union')
      return ok('builtins.isinstance', bool, [t], 'optional_union', {
        hits: t.item.members.map((m) => String(names.some((n) => matches(n, m)))),
      });
    if (t.kind === 'optional') {
      // Only `None` or the item type can be inside: test at run time.
      const item = names.some((n) => matches(n, t.item));
      return ok('builtins.isinstance', bool, [t], item ? 'is_some' : 'false');
    }
    return ok('builtins.isinstance', bool, [t], names.some((n) => matches(n, t)) ? 'true' : 'false');
  },
  tests: [
    { params: { x: 'int' }, expr: 'isinstance(x, int)', samples: [[1]] },
    // A builtin class used as a value (a schema's `{"lr": float}`): its `__name__`, and isinstance against it.
    {
      params: { n: 'int', f: 'float', s: 'str' },
      body: 'kinds = {"i": int, "f": float, "s": str}\nout = []\nfor key, typ in kinds.items():\n    out.append((key, typ.__name__, isinstance(n, typ), isinstance(f, typ), isinstance(s, typ), isinstance(True, typ)))\nreturn out',
      samples: [[3, 2.5, 'x']],
    },
    { params: { x: 'bool' }, expr: 'isinstance(x, (int, str))', samples: [[true]] },
    {
      params: { x: 'Union[int, str, None]' },
      expr: '(isinstance(x, int), isinstance(x, str), isinstance(x, (int, str)), isinstance(x, float))',
      samples: [[null], [3], ['a']],
      imports: ['from typing import Union'],
    },
    { params: { x: 'float' }, expr: 'isinstance(x, int)', samples: [[1.5]] },
    {
      params: { xs: 'list[int]' },
      body: 'd = deque(xs)\nod = OrderedDict((x, x) for x in xs)\nreturn isinstance(d, deque), isinstance(d, list), isinstance(od, dict), isinstance(od, OrderedDict), isinstance(dict(od), OrderedDict), isinstance(xs, (deque, list))',
      samples: [[[1, 2]]],
      imports: ['from collections import deque', 'from collections import OrderedDict'],
    },
  ],
});

for (const name of ['map', 'filter'] as const) {
  defineOp({
    id: `builtins.${name}`,
    summary: `${name}(function, iterable), with a lambda or a module function`,
    resolve: (args, _kw, _c, _kc, ctx) => {
      if (name === 'map' && args.length > 2) {
        // map(f, xs, ys, ...): f of one item of each, until the shortest iterable ends (as zip).
        const items: Type[] = [];
        for (const a of args.slice(1)) {
          const it = iterable(name, a);
          if ('error' in it) return it;
          items.push(it);
        }
        const r = args[0]?.kind === 'callable' ? ctx?.call(0, items) : undefined;
        if (!r) return { error: `map() needs a function of ${items.length} arguments (a lambda or a module function)` };
        const lazy = args.slice(1).some(isLazySource) ? 'lazy_' : '';
        return ok('builtins.map', T.iter(r, `${lazy}map`), args, `${lazy}several`, { arity: items.length });
      }
      const item = iterable(name, args[1]);
      if ('error' in item) return item;
      // filter(None, xs): the items that are true.
      if (name === 'filter' && args[0]?.kind === 'none') {
        const lazy = isLazySource(args[1]!) ? 'lazy_' : '';
        return ok('builtins.filter', T.iter(item, `${lazy}filter`), args, `${lazy}truthy`, { item });
      }
      const r = args[0]?.kind === 'callable' ? ctx?.call(0, [item]) : undefined;
      if (!r) return { error: `${name}() needs a function of one argument (a lambda or a module function)` };
      // Over a generator or an endless iterator the function runs item by item as the consumer reads (an
      // exception it raises kept as a generator's is); over a container the items are built first, as before.
      const src = args[1]!;
      const lazy = isLazySource(src) ? 'lazy_' : '';
      if (name === 'map') return ok('builtins.map', T.iter(r, `${lazy}map`), args, `${lazy}function`);
      return ok('builtins.filter', T.iter(item, `${lazy}filter`), args, `${lazy}function`, { predicate: r });
    },
    tests: [
      {
        params: { k: 'int' },
        expr:
          name === 'map'
            ? 'list(itertools.islice(map(lambda v: 100 // (v - 5), itertools.count(k)), 3))'
            : 'list(itertools.islice(filter(lambda v: v > k + 40 or 100 // (v - 5) > 10, itertools.count(k)), 3))',
        samples: [[0], [3]],
        imports: ['import itertools'],
      },
      {
        params: { xs: 'list[int]' },
        expr: name === 'map' ? 'list(map(lambda v: v * 3, xs))' : 'list(filter(lambda v: v % 2 == 0, xs))',
        samples: [[[1, 2, 3, 4]]],
      },
      ...(name === 'filter'
        ? [
            {
              params: { xs: 'list[int]', ws: 'list[str]', k: 'int' },
              body: 'return list(filter(None, xs)), list(filter(None, ws)), list(filter(None, [[k], [], [0]])), list(itertools.islice(filter(None, itertools.count(-k)), 3))',
              samples: [
                [[0, 1, -2, 0], ['', 'a', ' '], 2],
                [[], [], 0],
              ],
              imports: ['import itertools'],
            },
          ]
        : []),
      ...(name === 'map'
        ? [
            {
              params: { xs: 'list[int]', ys: 'list[float]', ws: 'list[str]' },
              body: 'return list(map(lambda a, b: a * b, xs, ys)), list(map(max, xs, ys)), list(map(pow, xs, xs, [5, 7, 3])), list(map(str.startswith, ws, ws[1:]))',
              samples: [
                [
                  [1, 2, 3, 4],
                  [0.5, 3.5, -1.0],
                  ['a', 'bc', 'd'],
                ],
                [[], [1.0], []],
              ],
            },
            {
              params: { ws: 'list[str]', k: 'int' },
              body: "return list(map(str.strip, ws)), list(map(str.split, ws)), list(map(str.replace, ws, ['a'] * len(ws), ['_'] * k)), list(map(str.center, ws, [k] * len(ws))), sorted(ws, key=str.casefold), list(filter(str.isdigit, ws)), list(map(str.title, ws))",
              samples: [
                [[' a b ', 'Straße', '12', 'Ab'], 2],
                [[], 0],
              ],
            },
            {
              params: { k: 'int' },
              expr: 'list(itertools.islice(map(lambda a, b: a + b, itertools.count(k), itertools.repeat(10)), 3))',
              samples: [[0], [3]],
              imports: ['import itertools'],
            },
          ]
        : []),
    ],
  });
}

defineOp({
  id: 'builtins.dict',
  summary: 'dict(), dict(pairs), dict(mapping), dict(key=value, ...)',
  resolve: (args, kw) => {
    if (args.length === 0 && kw.size === 0) return ok('builtins.dict', T.dict(T.unknown, T.unknown), [], 'empty');
    if (args.length === 0) {
      const vs = [...kw.values()];
      if (!vs.every((v) => typeToString(v) === typeToString(vs[0]!)))
        return { error: 'dict(key=value) values must have one type' };
      return ok('builtins.dict', T.dict(str, vs[0]!), [], 'keywords', { keys: [...kw.keys()] });
    }
    const src = args[0]!;
    // A plain dict, also of a defaultdict, Counter or OrderedDict (`dict(counter)["x"]` raises KeyError).
    if (src.kind === 'dict') return ok('builtins.dict', T.dict(src.key, src.value), [src], 'mapping');
    const item = iterItem(src);
    if (item?.kind !== 'tuple' || item.items.length !== 2)
      return { error: 'dict() takes an iterable of (key, value) pairs' };
    if (item.items[0]!.kind === 'float') return { error: 'dicts with float keys are not supported' };
    return ok('builtins.dict', T.dict(item.items[0]!, item.items[1]!), [src], 'pairs');
  },
  tests: [
    {
      params: { ks: 'list[str]', vs: 'list[int]' },
      expr: 'dict(zip(ks, vs))',
      samples: [
        [
          ['b', 'a', 'b'],
          [1, 2, 3],
        ],
      ],
    },
    { params: { a: 'int' }, expr: 'dict(x=a, y=a + 1)', samples: [[4]] },
  ],
});

// The Rust of each variant the rules above choose (min, max, any and all spell theirs beside their rules).
defineSpellings({
  'builtins.len': {
    str: () => 'rt::pystr::len({&0})',
    sized: () => '({&0}.len() as i64)',
    dynamic: () => '{&0}.py_len()?',
    tuple: (c) => `${(c.params[0] as Type & { kind: 'tuple' }).items.length}i64`,
  },
  'builtins.enumerate': { from: () => '({1}..).zip({iter0})', from0: () => '(0i64..).zip({iter0})' },
  'builtins.zip': {
    // strict: every iterable is read into a Vec, the lengths compared as CPython's zip reports them, then zipped.
    strict: (c) => {
      const n = c.params.length;
      const vs = c.params.map((_, i) => `__s${i}`);
      const lets = vs.map((v, i) => `let ${v}: Vec<_> = {iter${i}}.into_iter().collect();`).join(' ');
      const check = `rt::builtins::zip_strict_check(&[${vs.map((v) => `${v}.len()`).join(', ')}])?;`;
      let code = `${vs[0]}.into_iter()`;
      for (let i = 1; i < n; i++) code += `.zip(${vs[i]})`;
      if (n > 2) {
        let pat = '__z0';
        for (let i = 1; i < n; i++) pat = `(${pat}, __z${i})`;
        code += `.map(|${pat}| (${vs.map((_, i) => `__z${i}`).join(', ')}))`;
      }
      return `{ ${lets} ${check} ${code} }`;
    },
    iterables: (c) => {
      const n = c.params.length;
      const names = c.params.map((_, i) => `__z${i}`);
      let code = '{iter0}.into_iter()';
      for (let i = 1; i < n; i++) code += `.zip({iter${i}})`;
      if (n > 2) {
        let pat = `${names[0]}`;
        for (let i = 1; i < names.length; i++) pat = `(${pat}, ${names[i]})`;
        code += `.map(|${pat}| (${names.join(', ')}))`;
      }
      return code;
    },
  },
  'builtins.reversed': { sequence: () => '{iter0}.into_iter().rev()' },
  'builtins.list': { empty: () => 'Vec::new()', iterable: () => '{iter0}.into_iter().collect::<Vec<_>>()' },
  'builtins.sorted': {
    by_key: () => sortedByKey('false'),
    by_key_reverse: () => sortedByKey('{kw:reverse}'),
    by_cmp: () => sortedByCmp('false'),
    by_cmp_reverse: () => sortedByCmp('{kw:reverse}'),
    plain: () => sorted('false'),
    reverse: () => sorted('{kw:reverse}'),
    items: () => sortedItems('false'),
    items_reverse: () => sortedItems('{kw:reverse}'),
  },
  'builtins.sum': {
    lists: (c) => `{ let mut __acc = ${c.detail!.start as string}; for __x in {iter0} { __acc.extend(__x); } __acc }`,
    tuples: (c) => {
      const n = c.detail!.arity as number | undefined;
      const push =
        n === undefined
          ? '__acc.extend(__x.0);'
          : Array.from({ length: n }, (_, i) => `__acc.push(__x.${i});`).join(' ');
      return `{ let mut __acc = Vec::new(); for __x in {iter0} { ${push} } rt::VarTuple(__acc) }`;
    },
    dynamic: () =>
      '{ let mut __acc = rt::Value::Int(0); for __x in rt::dynamic::iter_items(&{0})? { __acc = rt::dynamic::binop(&__acc, &__x, "+")?; } __acc }',
    dynamic_items: () =>
      '{ let mut __acc = rt::Value::Int(0); for __x in {iter0} { __acc = rt::dynamic::binop(&__acc, &__x, "+")?; } __acc }',
    int: () => '{iter0}.into_iter().try_fold(0i64, |__a, __b| rt::int::add(__a, __b as i64))?',
    float: () => '{iter0}.into_iter().fold(0.0f64, |__a, __b| __a + __b)',
    numbers: () => '{iter0}.into_iter().fold(0.0f64, |__a, __b| __a + __b.number())',
    int_start: () => '{iter0}.into_iter().try_fold({1} as i64, |__a, __b| rt::int::add(__a, __b as i64))?',
    float_start: () => '{iter0}.into_iter().fold({1} as f64, |__a, __b| __a + __b)',
    intsf_start: () => '{iter0}.into_iter().fold({1}, |__a, __b| __a + (__b as i64) as f64)',
    numbers_start: () => '{iter0}.into_iter().fold({1} as f64, |__a, __b| __a + __b.number())',
    int_start_kw: () => '{iter0}.into_iter().try_fold({kw:start} as i64, |__a, __b| rt::int::add(__a, __b as i64))?',
    float_start_kw: () => '{iter0}.into_iter().fold({kw:start} as f64, |__a, __b| __a + __b)',
    intsf_start_kw: () => '{iter0}.into_iter().fold({kw:start}, |__a, __b| __a + (__b as i64) as f64)',
    numbers_start_kw: () => '{iter0}.into_iter().fold({kw:start} as f64, |__a, __b| __a + __b.number())',
  },
  'builtins.str': { empty: () => 'String::new()', value: (c) => reprTemplate(c.params[0]!, '{&0}', 'str') },
  'builtins.repr': { value: (c) => reprTemplate(c.params[0]!, '{&0}', 'repr') },
  'builtins.ascii': { value: (c) => `rt::pystr::ascii_escape(&${reprTemplate(c.params[0]!, '{&0}', 'repr')})` },
  'builtins.bool': { truth: (c) => truthTemplate(c.params[0]!, '{&0}') },
  'builtins.print': {
    star: (c) => {
      const n = c.params.length - 1;
      const part = (a: Type, v: string): string =>
        a.kind === 'str'
          ? v.replace(/^&/, '').replace(/^\{&/, '{')
          : a.kind === 'dict' && a.ordered
            ? `rt::dict::ordered_repr(${v})`
            : reprTemplate(a, v, 'str');
      const fixed = c.params.slice(0, n).map((a, i) => part(a, `{&${i}}`));
      const item = c.detail!.item as Type;
      const each = item.kind === 'str' ? '__x' : reprTemplate(item, '&__x', 'str');
      const sep = c.detail!.sep ? '{&kw:sep}' : '" "';
      const end = c.detail!.end ? '{&kw:end}' : '"\\n"';
      return `{ let mut __parts: Vec<String> = vec![${fixed.join(', ')}]; for __x in {iter${n}} { __parts.push(${each}); } ${printWrite(c, 'rt::repr::print_line(&__parts, ' + sep + ', ' + end + ')')} }`;
    },
    values: (c) => {
      const parts = c.params.map((a, i) =>
        a.kind === 'str'
          ? `{${i}}`
          : a.kind === 'dict' && a.ordered
            ? `rt::dict::ordered_repr({&${i}})`
            : reprTemplate(a, `{&${i}}`, 'str'),
      );
      const sep = c.detail!.sep ? '{&kw:sep}' : '" "';
      const end = c.detail!.end ? '{&kw:end}' : '"\\n"';
      return `{ ${printWrite(c, `rt::repr::print_line(&[${parts.join(', ')}], ${sep}, ${end})`)} }`;
    },
  },
  'builtins.isinstance': {
    is_some: () => '{&0}.is_some()',
    optional_union: (c) => {
      const hits = c.detail!.hits as string[];
      const arms = hits.map((h, k) => `rt::union::U${hits.length}::V${k}(_) => ${h},`).join(' ');
      return `(match {&0} { None => false, Some(__u) => match __u { ${arms} } })`;
    },
    true: () => 'true',
    false: () => 'false',
    exception: (c) =>
      `[${(c.detail!.names as string[]).map((n) => JSON.stringify(n)).join(', ')}].iter().any(|c| rt::flow::catches(c, &{&0}))`,
  },
  'builtins.map': {
    function: () => '{iter1}.into_iter().map(|__x| Ok({call0(__x)})).collect::<rt::PyResult<Vec<_>>>()?',
    lazy_function: () => 'rt::stream::lazy({iter1}.into_iter(), |__x| Ok(Some({call0(__x)})))',
    several: (c) => {
      const z = zipped(c.detail!.arity as number);
      return `${z.iter}.map(|${z.pattern}| Ok({call0(${z.names})})).collect::<rt::PyResult<Vec<_>>>()?`;
    },
    lazy_several: (c) => {
      const z = zipped(c.detail!.arity as number);
      return `rt::stream::lazy(${z.iter}, |${z.pattern}| Ok(Some({call0(${z.names})})))`;
    },
  },
  'builtins.filter': {
    truthy: (c) =>
      `{ let mut __v = Vec::new(); for __x in {iter1} { if ${truthTemplate(c.detail!.item as Type, '&__x')} { __v.push(__x); } } __v }`,
    lazy_truthy: (c) =>
      `rt::stream::lazy({iter1}.into_iter(), |__x| Ok(if ${truthTemplate(c.detail!.item as Type, '&__x')} { Some(__x) } else { None }))`,
    function: (c) =>
      `{ let mut __v = Vec::new(); for __x in {iter1} { if ${truthTemplate(c.detail!.predicate as Type, `&{call0(__x.clone())}`)} { __v.push(__x); } } __v }`,
    lazy_function: (c) =>
      `rt::stream::lazy({iter1}.into_iter(), |__x| Ok(if ${truthTemplate(c.detail!.predicate as Type, `&{call0(__x.clone())}`)} { Some(__x) } else { None }))`,
  },
  'builtins.dict': {
    empty: () => 'rt::Dict::new()',
    keywords: (c) =>
      `rt::Dict::from_iter([${(c.detail!.keys as string[]).map((k) => `(${JSON.stringify(k)}.to_string(), {kw:${k}})`).join(', ')}])`,
    mapping: () => '{0}',
    pairs: () => '{iter0}.into_iter().collect::<rt::Dict<_, _>>()',
  },
});

/** The iterables of `map(f, it1, .., itN)` zipped into one Rust iterator, the closure pattern of its items and their names. */
function zipped(n: number): { iter: string; pattern: string; names: string } {
  let iter = '{iter1}.into_iter()';
  let pattern = '__a1';
  for (let i = 2; i <= n; i++) {
    iter += `.zip({iter${i}})`;
    pattern = `(${pattern}, __a${i})`;
  }
  return { iter, pattern, names: Array.from({ length: n }, (_, i) => `__a${i + 1}`).join(', ') };
}

function sorted(reverse: string): string {
  return `{ let mut __v: Vec<_> = {iter0}.into_iter().collect(); rt::list::sort(&mut __v, ${reverse})?; __v }`;
}

function sortedItems(reverse: string): string {
  return `{ let mut __v: Vec<_> = {iter0}.into_iter().collect(); rt::list::sort_by_key(&mut __v, |__x| Ok(__x.0.clone()), ${reverse})?; __v }`;
}

function sortedByCmp(reverse: string): string {
  return `{ let mut __v: Vec<_> = {iter0}.into_iter().collect(); rt::list::sort_by_cmp(&mut __v, |__a, __b| ${CMP_CALL}, ${reverse})?; __v }`;
}

function sortedByKey(reverse: string): string {
  return `{ let mut __v: Vec<_> = {iter0}.into_iter().collect(); rt::list::sort_by_key(&mut __v, |__x| Ok({callkey(__x.clone())}), ${reverse})?; __v }`;
}

defineOp({
  id: 'builtins.__star_args__',
  summary:
    "`f(*xs)` of a list into a function's positional parameters: the list, after CPython's TypeError for a wrong length (infer's spreadStars adds it)",
  resolve: (args) => {
    const [xs, before, fn, names, required, keywordNext] = args;
    if (
      !xs ||
      before?.kind !== 'int' ||
      fn?.kind !== 'str' ||
      names?.kind !== 'str' ||
      required?.kind !== 'int' ||
      keywordNext?.kind !== 'str' ||
      iterItem(xs) === undefined
    )
      return { error: '`*` of a list needs a list' };
    return ok('builtins.__star_args__', xs, args, 'check');
  },
  spell: {
    check: () => '{ rt::builtins::check_star_args({&0}.len(), {1} as usize, {&2}, {&3}, {4} as usize, {&5})?; {0} }',
  },
  tests: [
    {
      params: { xs: 'list[int]' },
      body: 'return _star_target(*xs), _star_target(xs[0], *xs[1:])',
      samples: [[[1, 2, 3]], [[1, 2]], [[1, 2, 3, 4]], [[1]]],
      imports: ['def _star_target(a: int, b: int, c: int) -> int:\n    return a + 10 * b + 100 * c'],
    },
    {
      params: { xs: 'list[str]' },
      body: 'return _star_pair(*xs)',
      samples: [[['a', 'b']], [[]], [['a', 'b', 'c']]],
      imports: ['def _star_pair(x: str, y: str) -> str:\n    return y + x'],
    },
    {
      params: { s: 'str' },
      body: 'v = _StarSemver(*[int(p) for p in s.split(".")])\nreturn v.major, v.minor, v.patch, _star_defaults(*s.split("."))',
      samples: [['1.2.3'], ['4'], ['4.5'], ['1.2.3.4']],
      imports: [
        'from dataclasses import dataclass',
        '@dataclass\nclass _StarSemver:\n    major: int\n    minor: int = 0\n    patch: int = 0',
        'def _star_defaults(a: str, b: str = "x", c: str = "y") -> str:\n    return a + b + c',
      ],
    },
    {
      params: { xs: 'list[int]' },
      body: 'v = _StarVersion(*xs)\nw = _StarVersion(*xs[:2], patch=9)\nreturn v.major, v.minor, v.patch, w.patch',
      samples: [[[1, 2, 3]], [[1, 2]], [[1, 2, 3, 4]], [[]]],
      imports: [
        'from dataclasses import dataclass',
        '@dataclass\nclass _StarVersion:\n    major: int\n    minor: int\n    patch: int',
      ],
    },
  ],
});
