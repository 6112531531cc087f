/**
 * `collections.defaultdict` and `collections.Counter`: dicts whose missing keys read as a
 * default (inserted, for defaultdict) or 0 (not inserted, for Counter). They are `rt::Dict`
 * in Rust and plain objects in value JSON; the type records what a missing key does.
 */
import { defineOp, T, type ResolveResult, defineSpellings } from '../registry';
import { type Type, typeToString, iterItem } from '../../types/types';

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
