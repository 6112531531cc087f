/**
 * `collections.defaultdict`, `collections.Counter` and `collections.OrderedDict`: dicts whose
 * missing keys read as a default (inserted, for defaultdict) or 0 (not inserted, for Counter), and
 * the dict that prints as `OrderedDict([...])`, compares its order with another OrderedDict and
 * has `move_to_end` and `popitem(last=)`. They are `rt::Dict` in Rust and plain objects in value
 * JSON; the type records what differs (`missing`, `ordered`).
 */
import { declineNamespace, defineOp, extendOp, lookupOp, T, type ResolveResult, defineSpellings } from '../registry';
import { type Type, typeToString, iterItem, orderedDictInside } from '../../types/types';

/** What `defaultdict(factory)` stores: the factory's value type. */
const FACTORIES: Record<string, Type> = {
  'builtins.int': T.int,
  'builtins.float': T.float,
  'builtins.str': T.str,
  'builtins.list': T.list(T.unknown),
  'builtins.set': T.set(T.unknown),
  'builtins.dict': T.dict(T.unknown, T.unknown),
};

defineOp({
  id: 'collections.defaultdict',
  summary: "defaultdict(int|float|str|list|set|dict): missing keys get the factory's empty value",
  resolve: (args, _kw, consts): ResolveResult => {
    const f = consts?.[0];
    const value = f?.kind === 'str' ? FACTORIES[f.value] : undefined;
    if (!value) return { error: 'defaultdict takes one of int, float, str, list, set or dict as its factory' };
    return {
      entry: 'collections.defaultdict',
      overload: typeToString(value),
      result: { kind: 'dict', key: T.unknown, value, missing: 'insert' },
      params: [],
      variant: 'empty',
    };
  },
  tests: [
    {
      params: { words: 'list[str]' },
      body: 'counts = defaultdict(int)\nfor w in words:\n    counts[w] += 1\nreturn dict(counts)',
      samples: [[['a', 'b', 'a']], [[]]],
      imports: ['from collections import defaultdict'],
    },
    {
      params: { words: 'list[str]' },
      body: 'groups = defaultdict(list)\nfor w in words:\n    groups[len(w)].append(w)\nreturn sorted(groups.items())',
      samples: [[['ab', 'c', 'de', 'fgh']]],
      imports: ['from collections import defaultdict'],
    },
  ],
});

defineOp({
  id: 'collections.Counter',
  summary: 'Counter(iterable): counts, where a missing key reads as 0',
  resolve: (args): ResolveResult => {
    if (args.length === 0)
      return {
        entry: 'collections.Counter',
        overload: '',
        result: { kind: 'dict', key: T.unknown, value: T.int, missing: 'zero' },
        params: [],
        variant: 'empty',
      };
    const item = iterItem(args[0]!);
    if (!item) return { error: 'Counter() takes an iterable' };
    if (item.kind === 'float') return { error: 'Counter of floats is not supported' };
    return {
      entry: 'collections.Counter',
      overload: typeToString(args[0]!),
      result: { kind: 'dict', key: item, value: T.int, missing: 'zero' },
      params: [args[0]!],
      variant: 'from_iterable',
    };
  },
  tests: [
    {
      params: { s: 'str' },
      body: 'c = Counter(s)\nreturn c["a"], c["z"], len(c)',
      samples: [['banana'], ['']],
      imports: ['from collections import Counter'],
    },
  ],
});

defineOp({
  id: 'dict.most_common',
  summary: 'counter.most_common([n]): (key, count) pairs, most common first, ties in first-seen order',
  resolve: (args): ResolveResult => {
    const c = args[0];
    if (c?.kind !== 'dict' || c.missing !== 'zero') return { error: 'most_common() is a Counter method' };
    const n = args[1];
    if (n && n.kind !== 'int') return { error: 'most_common(n) takes an int' };
    return {
      entry: 'dict.most_common',
      overload: typeToString(c),
      result: T.list(T.tuple([c.key, T.int])),
      params: args,
      variant: n ? 'first_n' : 'all',
    };
  },
  tests: [
    {
      params: { s: 'str' },
      expr: 'Counter(s).most_common(2)',
      samples: [['abracadabra'], ['']],
      imports: ['from collections import Counter'],
    },
    {
      params: { words: 'list[str]' },
      expr: 'Counter(words).most_common()',
      samples: [[['x', 'y', 'x', 'z', 'y', 'x']]],
      imports: ['from collections import Counter'],
    },
  ],
});

// The Rust of each variant the rules above choose.
defineSpellings({
  'collections.defaultdict': { empty: () => 'rt::Dict::new()' },
  'collections.Counter': { empty: () => 'rt::Dict::new()' },
});
const MOST_COMMON =
  '{ let mut __v: Vec<_> = {&0}.iter().map(|(k, v)| (k.clone(), *v)).collect(); __v.sort_by(|a, b| b.1.cmp(&a.1)); __v';
defineSpellings({
  'collections.Counter': {
    from_iterable: () =>
      '{ let mut __c: rt::Dict<_, i64> = rt::Dict::new(); for __x in {iter0} { *__c.entry(__x).or_insert(0) += 1; } __c }',
  },
  'dict.most_common': {
    all: () => `${MOST_COMMON} }`,
    first_n: () => `${MOST_COMMON}.into_iter().take({1}.max(0) as usize).collect::<Vec<_>>() }`,
  },
});

// A ChainMap is a view: its lookups read the dicts it chains and its writes change the first one, which compiled code
// (where each name holds its own copy of a dict) would not follow.
declineNamespace(
  'collections.ChainMap',
  'ChainMap is a live view over the dicts it chains (its writes change the first one); merge them into one dict instead: `ChainMap(overrides, defaults)` reads as `{**defaults, **overrides}`',
);

// ---- OrderedDict ------------------------------------------------------------------------

const ORDERED_IMPORT = ['from collections import OrderedDict'];

/** `t` as an OrderedDict (the dict rules' choices give plain dicts). */
function ordered(t: Type): Type {
  return t.kind === 'dict' ? { kind: 'dict', key: t.key, value: t.value, ordered: true } : t;
}

defineOp({
  id: 'collections.OrderedDict',
  summary: 'OrderedDict(), OrderedDict(pairs), OrderedDict(mapping), OrderedDict(key=value, ...)',
  resolve: (args, kw, consts, kwConsts): ResolveResult => {
    // The construction is dict()'s; the result remembers that it is ordered.
    const r = lookupOp('builtins.dict')!.resolve(args, kw, consts, kwConsts);
    if ('error' in r) return { error: r.error.replace(/\bdict\(/g, 'OrderedDict(') };
    return { ...r, result: ordered(r.result) };
  },
  tests: [
    {
      params: { ks: 'list[str]', vs: 'list[int]' },
      body: 'od = OrderedDict(zip(ks, vs))\nreturn str(od), repr(OrderedDict()), list(od), OrderedDict(od) == od',
      samples: [
        [
          ['b', 'a', 'b'],
          [1, 2, 3],
        ],
        [[], []],
      ],
      imports: ORDERED_IMPORT,
    },
    {
      params: { a: 'int' },
      body: 'od = OrderedDict(x=a, y=a + 1)\nod["w"] = 0\nprint(od)\nreturn repr(od), f"{od}", f"{od!r}", dict(od)',
      samples: [[4]],
      imports: ORDERED_IMPORT,
    },
  ],
});

defineOp({
  id: 'collections.OrderedDict.fromkeys',
  summary: 'OrderedDict.fromkeys(iterable, value=None): dict.fromkeys, as an OrderedDict',
  resolve: (args, kw, consts, kwConsts): ResolveResult => {
    const r = lookupOp('dict.fromkeys')!.resolve(args, kw, consts, kwConsts);
    if ('error' in r) return { error: r.error.replace(/\bdict\.fromkeys\(/g, 'OrderedDict.fromkeys(') };
    return { ...r, result: ordered(r.result) };
  },
  tests: [
    {
      params: { keys: 'list[str]' },
      body: 'od = OrderedDict.fromkeys(keys, 0)\nod.move_to_end(keys[0], last=False)\nlast = od.popitem()\nplain = OrderedDict.fromkeys(keys)\nreturn list(od.items()), last, repr(plain), plain == dict.fromkeys(keys)',
      samples: [[['x', 'y', 'z', 'x']], [['a', 'b']]],
      imports: ORDERED_IMPORT,
    },
  ],
});

extendOp('operator.eq', {
  summary: 'OrderedDict == OrderedDict compares the order too; against a plain dict it does not',
  resolve: (args) => eqOrdered('operator.eq', args),
  spell: { ordered: () => 'rt::dict::ordered_eq({&0}, {&1})', unordered: () => '({&0} == {&1})' },
  tests: [
    {
      params: { ks: 'list[str]' },
      body: 'a = OrderedDict((k, 0) for k in ks)\nb = OrderedDict((k, 0) for k in reversed(ks))\nreturn a == b, a == dict(b), dict(a) == b, a != b',
      samples: [[['x', 'y']], [['x']], [[]]],
      imports: ORDERED_IMPORT,
    },
  ],
});
extendOp('operator.ne', {
  summary: 'OrderedDict != OrderedDict compares the order too',
  resolve: (args) => eqOrdered('operator.ne', args),
  spell: { ordered: () => '!rt::dict::ordered_eq({&0}, {&1})', unordered: () => '({&0} != {&1})' },
  tests: [],
});

function eqOrdered(id: string, args: Type[]): ResolveResult | undefined {
  const [a, b] = args;
  if (a?.kind !== 'dict' || b?.kind !== 'dict' || (!a.ordered && !b.ordered)) return undefined;
  const plain = (t: Type & { kind: 'dict' }): Type => T.dict(t.key, t.value);
  if (typeToString(plain(a)) !== typeToString(plain(b)))
    return {
      error: `\`==\` between ${typeToString(a)} and ${typeToString(b)} is not supported; convert the items to one type first`,
    };
  return {
    entry: id,
    overload: `${typeToString(a)}, ${typeToString(b)}`,
    result: T.bool,
    params: [a, a],
    variant: a.ordered && b.ordered ? 'ordered' : 'unordered',
  };
}

for (const id of ['builtins.str', 'builtins.repr']) {
  extendOp(id, {
    summary: "an OrderedDict prints as CPython 3.11 prints it (`OrderedDict([('a', 1)])`)",
    resolve: (args) => {
      const where = args.length === 1 ? orderedDictInside(args[0]!) : undefined;
      if (!where) return undefined;
      if (where === 'nested')
        return {
          error: `${id.slice(9)}() of an OrderedDict inside another value is not supported; convert it on its own`,
        };
      return { entry: id, overload: typeToString(args[0]!), result: T.str, params: [args[0]!], variant: 'ordered' };
    },
    // An OrderedDict whose items stay unknown (`repr(OrderedDict())`) is empty; its Rust item types are `()`.
    spell: {
      ordered: (c) => {
        const d = c.params[0]!;
        const unknown = d.kind === 'dict' && d.key.kind === 'unknown' && d.value.kind === 'unknown';
        return `rt::dict::ordered_repr${unknown ? '::<(), ()>' : ''}({&0})`;
      },
    },
    tests: [],
  });
}

extendOp('dict.popitem', {
  summary: 'od.popitem(last=True): the last pair, or the first with last=False',
  resolve: (args, kw) => {
    const d = args[0];
    if (d?.kind !== 'dict' || !d.ordered) return undefined;
    const last = args[1] ?? kw.get('last');
    if (args.length > 2 || [...kw.keys()].some((k) => k !== 'last') || (args[1] && kw.has('last')))
      return { error: 'popitem() takes one optional argument, last' };
    if (last && last.kind !== 'bool') return { error: 'popitem(last=) takes a bool' };
    return {
      entry: 'dict.popitem',
      overload: typeToString(d),
      result: T.tuple([d.key, d.value]),
      params: args.slice(0, 2),
      variant: !last ? 'ordered_last' : args[1] ? 'ordered_arg' : 'ordered_kw',
      mutates: true,
    };
  },
  spell: {
    ordered_last: () => 'rt::dict::ordered_popitem({mut0}, true)?',
    ordered_arg: () => 'rt::dict::ordered_popitem({mut0}, {1})?',
    ordered_kw: () => 'rt::dict::ordered_popitem({mut0}, {kw:last})?',
  },
  tests: [
    {
      params: { ks: 'list[str]' },
      body: 'od = OrderedDict((k, i) for i, k in enumerate(ks))\nfirst = od.popitem(last=False)\nlast = od.popitem()\nreturn first, last, list(od.items())',
      samples: [[['a', 'b', 'c']], [['a']], [[]]],
      imports: ORDERED_IMPORT,
    },
  ],
});

defineOp({
  id: 'dict.popitem',
  summary: 'd.popitem(): the last inserted pair (KeyError when empty)',
  resolve: (args, kw): ResolveResult => {
    const d = args[0];
    if (d?.kind !== 'dict') return { error: 'popitem() is a dict method' };
    if (args.length > 1 || kw.size > 0) return { error: 'popitem() takes no arguments' };
    return {
      entry: 'dict.popitem',
      overload: typeToString(d),
      result: T.tuple([d.key, d.value]),
      params: [d],
      variant: 'last',
      mutates: true,
    };
  },
  spell: { last: () => 'rt::dict::popitem({mut0})?' },
  tests: [
    {
      params: { d: 'dict[str, int]' },
      body: 'k, v = d.popitem()\nreturn k, v, d',
      samples: [[{ a: 1, b: 2 }], [{}]],
    },
  ],
});

defineOp({
  id: 'dict.move_to_end',
  summary: 'od.move_to_end(key, last=True): KeyError for a missing key',
  resolve: (args, kw): ResolveResult => {
    const d = args[0];
    if (d?.kind !== 'dict' || !d.ordered)
      return { error: `'${d ? typeToString(d).replace(/\[.*$/, '') : '?'}' object has no attribute 'move_to_end'` };
    const key = args[1];
    const last = args[2] ?? kw.get('last');
    if (!key || args.length > 3 || [...kw.keys()].some((k) => k !== 'last') || (args[2] && kw.has('last')))
      return { error: 'move_to_end() takes a key and an optional last' };
    if (last && last.kind !== 'bool') return { error: 'move_to_end(last=) takes a bool' };
    const k = d.key.kind === 'unknown' ? key : d.key;
    return {
      entry: 'dict.move_to_end',
      overload: typeToString(d),
      result: T.none,
      params: [d, k, ...(args[2] ? [T.bool] : [])],
      variant: !last ? 'end' : args[2] ? 'arg' : 'kw',
      mutates: true,
    };
  },
  spell: {
    end: () => 'rt::dict::move_to_end({mut0}, {&1}, true)?',
    arg: () => 'rt::dict::move_to_end({mut0}, {&1}, {2})?',
    kw: () => 'rt::dict::move_to_end({mut0}, {&1}, {kw:last})?',
  },
  tests: [
    {
      params: { ks: 'list[str]', k: 'str' },
      body: 'od = OrderedDict((x, len(x)) for x in ks)\nod.move_to_end(k)\na = list(od)\nod.move_to_end(k, last=False)\nb = list(od)\nod.move_to_end(k, False)\nreturn a, b, list(od)',
      samples: [
        [['a', 'bb', 'c'], 'bb'],
        [['a'], 'a'],
        [['a'], 'z'],
      ],
      imports: ORDERED_IMPORT,
    },
  ],
});

// ---- Counter arithmetic, total, elements, subtract ----------------------------------------------------------

const COUNTER_IMPORT = ['from collections import Counter'];
const isCounter = (t: Type | undefined): t is Type & { kind: 'dict' } => t?.kind === 'dict' && t.missing === 'zero';
/** The Counter type two Counters combine into (an empty `Counter()` takes the other's keys). */
function counterOf(a: Type & { kind: 'dict' }, b: Type & { kind: 'dict' }): Type | undefined {
  if (a.key.kind === 'unknown') return b;
  if (b.key.kind === 'unknown' || typeToString(a.key) === typeToString(b.key)) return a;
  return undefined;
}

for (const [id, sym] of [
  ['operator.add', '+'],
  ['operator.sub', '-'],
  ['operator.or_', '|'],
  ['operator.and_', '&'],
] as const)
  extendOp(id, {
    summary: `Counters: \`a ${sym} b\` combines counts key by key and keeps the positive ones`,
    resolve: (args) => {
      const [a, b] = args;
      if (!isCounter(a) || !isCounter(b)) return undefined;
      const result = counterOf(a, b);
      if (!result)
        return { error: `Counters of ${typeToString(a.key)} and ${typeToString(b.key)} keys do not combine` };
      return { entry: id, overload: 'Counter, Counter', result, params: [result, result], variant: 'counter' };
    },
    spell: { counter: () => `rt::dict::counter_binop({&0}, {&1}, '${sym}')` },
    tests: [
      {
        params: { a: 'list[str]', b: 'list[str]' },
        body: `x, y = Counter(a), Counter(b)\nx["neg"] = -2\ny["neg2"] = -1\nreturn sorted((x ${sym} y).items())`,
        samples: [
          [
            ['a', 'b', 'a', 'c'],
            ['a', 'c', 'c', 'd'],
          ],
          [[], ['z']],
        ],
        imports: COUNTER_IMPORT,
      },
    ],
  });

for (const [id, sign] of [
  ['operator.pos', 1],
  ['operator.neg', -1],
] as const)
  extendOp(id, {
    summary: `Counters: \`${sign > 0 ? '+' : '-'}c\` keeps the positive counts${sign > 0 ? '' : ' of the negated counter'}`,
    resolve: (args) =>
      isCounter(args[0])
        ? { entry: id, overload: 'Counter', result: args[0], params: [args[0]], variant: 'counter' }
        : undefined,
    spell: { counter: () => `rt::dict::counter_unary({&0}, ${sign})` },
    tests: [
      {
        params: { a: 'list[str]' },
        body: `c = Counter(a)\nc["x"] = -3\nc["y"] = 0\nreturn sorted((${sign > 0 ? '+' : '-'}c).items())`,
        samples: [[['a', 'b', 'a']]],
        imports: COUNTER_IMPORT,
      },
    ],
  });

defineOp({
  id: 'dict.total',
  summary: 'counter.total(): the sum of the counts',
  resolve: (args): ResolveResult =>
    isCounter(args[0]) && args.length === 1 && args[0].key.kind !== 'unknown'
      ? { entry: 'dict.total', overload: 'Counter', result: T.int, params: [args[0]], variant: 'sum' }
      : { error: 'total() is a Counter method without arguments' },
  spell: { sum: () => '{&0}.values().sum::<i64>()' },
  tests: [
    {
      params: { a: 'list[str]' },
      body: 'c = Counter(a)\nc["n"] = -1\nreturn c.total()',
      samples: [[['a', 'b', 'a']], [[]]],
      imports: COUNTER_IMPORT,
    },
  ],
});

defineOp({
  id: 'dict.elements',
  summary: 'counter.elements(): each key repeated by its count, in insertion order',
  resolve: (args): ResolveResult =>
    isCounter(args[0]) && args.length === 1 && args[0].key.kind !== 'unknown'
      ? {
          entry: 'dict.elements',
          overload: 'Counter',
          result: T.iter(args[0].key, 'builtins.iter'),
          params: [args[0]],
          variant: 'items',
        }
      : { error: 'elements() is a Counter method without arguments' },
  spell: { items: () => 'rt::dict::counter_elements({&0})' },
  tests: [
    {
      params: { a: 'list[str]' },
      body: 'c = Counter(a)\nc["n"] = -1\nc["z"] = 0\nreturn list(c.elements()), sorted(Counter("abca").elements())',
      samples: [[['b', 'a', 'b']], [[]]],
      imports: COUNTER_IMPORT,
    },
  ],
});

defineOp({
  id: 'dict.subtract',
  summary: 'counter.subtract(iterable or counter): counts go down, to zero or below (kept)',
  resolve: (args): ResolveResult => {
    const [c, x] = args;
    if (!isCounter(c) || args.length !== 2 || !x)
      return { error: 'subtract() is a Counter method taking one iterable' };
    if (isCounter(x)) {
      const t = counterOf(c, x);
      if (!t) return { error: `subtract() of a Counter of ${typeToString(x.key)} keys` };
      return {
        entry: 'dict.subtract',
        overload: 'Counter',
        result: T.none,
        params: [c, x],
        variant: 'counter',
        mutates: true,
      };
    }
    const item = iterItem(x);
    if (!item || (c.key.kind !== 'unknown' && typeToString(item) !== typeToString(c.key)))
      return { error: `subtract() takes an iterable of the Counter's keys, not ${typeToString(x)}` };
    return {
      entry: 'dict.subtract',
      overload: typeToString(x),
      result: T.none,
      params: [c, x],
      variant: 'items',
      mutates: true,
      refineReceiver: { kind: 'dict', key: item, value: T.int, missing: 'zero' },
    };
  },
  spell: {
    counter: () => '{ let __o = {1}; for (__k, __v) in __o { *{mut0}.entry(__k).or_insert(0) -= __v; } }',
    items: () =>
      '{ let __o: Vec<_> = {iter1}.into_iter().collect(); for __k in __o { *{mut0}.entry(__k).or_insert(0) -= 1; } }',
  },
  tests: [
    {
      params: { a: 'list[str]', b: 'list[str]' },
      body: 'c = Counter(a)\nc.subtract(b)\nd = Counter(a)\nd.subtract(Counter(b))\nreturn sorted(c.items()), sorted(d.items())',
      samples: [
        [
          ['a', 'b', 'a'],
          ['a', 'c'],
        ],
      ],
      imports: COUNTER_IMPORT,
    },
  ],
});
