/**
 * The iterator protocol on the builtin containers: `it = iter(xs)`, then `next(it)` (StopIteration when it is
 * exhausted), `next(it, default)`, and a `for` loop over `it` that continues where `next` left off and leaves the
 * rest for later calls (emit drains the local in place). The iterator holds the remaining items, so a copy of it is
 * a snapshot; handing it to a helper that advances it is refused by the aliasing check, as for any mutated argument.
 * Other iterators (generators, itertools) are built eagerly elsewhere and are not accepted by `next`.
 */
import { defineOp, defineSpellings, T, type ResolveResult } from '../registry';
import { assignable, GENERATOR_SOURCE, iterItem, typeToString, type Type } from '../../types/types';

/** The source tag of the iterators `iter()` makes, which `next()` advances. */
const SOURCE = 'builtins.iter';

function choice(id: string, result: Type, params: Type[], variant: string, extra = {}): ResolveResult {
  return { entry: id, overload: params.map(typeToString).join(', '), result, params, variant, ...extra };
}

defineOp({
  id: 'builtins.iter',
  summary:
    'iter(xs) of a list, deque, tuple of one item type, str, set or dict (its keys): an iterator next() advances',
  resolve: (args, kw) => {
    const x = args[0];
    if (args.length !== 1 || kw.size > 0 || !x)
      return { error: 'iter() takes one iterable (the two-argument form is not supported)' };
    if (x.kind === 'iter' && x.source === SOURCE) return choice('builtins.iter', x, [x], 'same');
    if (!['list', 'deque', 'tuple', 'str', 'set', 'dict'].includes(x.kind))
      return { error: `iter() of ${typeToString(x)} is not supported: pass a list, deque, tuple, str, set or dict` };
    const item = iterItem(x);
    if (!item) return { error: `iter() of ${typeToString(x)}: its items do not share one type` };
    return choice('builtins.iter', T.iter(item, SOURCE), [x], 'collect');
  },
  tests: [
    {
      params: { xs: 'list[int]' },
      body: 'it = iter(xs)\nfirst = next(it, -1)\nreturn first, list(it)',
      samples: [[[4, 5, 6]], [[]]],
    },
    { params: { s: 'str' }, body: 'it = iter(s)\nreturn next(it, "")', samples: [['héllo'], ['']] },
  ],
});

defineOp({
  id: 'builtins.next',
  summary: 'next(it) and next(it, default) on an iterator made by iter(); StopIteration when it is exhausted',
  resolve: (args, kw) => {
    const it = args[0];
    if (!it || kw.size > 0 || args.length > 2) return { error: 'next() takes an iterator and an optional default' };
    // `next(x for x in xs if p(x))`: the first item of a generator expression, which runs only that far.
    if (it.kind === 'iter' && it.source === 'generator') {
      if (args.length === 1) return choice('builtins.next', it.item, [it], 'once_item');
      const d = args[1]!;
      if (d.kind === 'none') return choice('builtins.next', T.optional(it.item), [it, d], 'once_optional');
      if (typeToString(d) === typeToString(it.item) || (d.kind === 'int' && it.item.kind === 'float'))
        return choice('builtins.next', it.item, [it, it.item], 'once_default');
      // An Optional default of the items' type: the item, or the default (which may be None).
      if (d.kind === 'optional' && typeToString(d.item) === typeToString(it.item))
        return choice('builtins.next', d, [it, d], 'once_or_default');
      return { error: `next()'s default of type ${typeToString(d)} differs from the items, ${typeToString(it.item)}` };
    }
    // `next(ids)` of an `itertools.count()` kept in a local (a tie-breaker for heap entries): its next number; the
    // sequence is endless, so a default is never taken (an int past 64 bits is OverflowError). A kept `cycle()` or
    // `repeat()` draws its next item the same way.
    if (it.kind === 'iter' && (it.source === 'count' || it.source === 'cycle' || it.source === 'repeat')) {
      if (args.length === 2 && !assignable(args[1]!, it.item) && args[1]!.kind !== 'none')
        return {
          error: `next()'s default of type ${typeToString(args[1]!)} differs from the items, ${typeToString(it.item)}`,
        };
      if (it.source !== 'count') {
        // A cycle of an empty iterable, or a repeat used up, is exhausted: StopIteration, or the default.
        if (args.length === 1) return choice('builtins.next', it.item, [it], 'drawn', { mutates: true });
        if (args[1]!.kind === 'none')
          return choice('builtins.next', T.optional(it.item), [it, args[1]!], 'drawn_optional', { mutates: true });
        return choice('builtins.next', it.item, [it, it.item], 'drawn_default', { mutates: true });
      }
      return choice('builtins.next', it.item, [it], 'count', { mutates: true });
    }
    if (it.kind !== 'iter' || (it.source !== SOURCE && it.source !== GENERATOR_SOURCE))
      return {
        error: `next() of ${typeToString(it)} is not supported: make the iterator with iter() from a list, tuple, str, set or dict, or call a generator function`,
      };
    // A generator is resumed to its next yield (`rt::Stream`); an iter() local gives up its first remaining item.
    const gen = it.source === GENERATOR_SOURCE ? 'gen_' : '';
    if (args.length === 1) return choice('builtins.next', it.item, [it], `${gen}item`, { mutates: true });
    const d = args[1]!;
    if (d.kind === 'none')
      return choice('builtins.next', T.optional(it.item), [it, d], `${gen}optional`, { mutates: true });
    if (typeToString(d) === typeToString(it.item) || (d.kind === 'int' && it.item.kind === 'float'))
      return choice('builtins.next', it.item, [it, it.item], `${gen}default`, { mutates: true });
    if (d.kind === 'optional' && typeToString(d.item) === typeToString(it.item))
      return choice('builtins.next', d, [it, d], `${gen}or_default`, { mutates: true });
    return { error: `next()'s default of type ${typeToString(d)} differs from the items, ${typeToString(it.item)}` };
  },
  tests: [
    {
      params: { xs: 'list[str]' },
      body: 'it = iter(xs)\nhead = next(it)\nrest = [x.upper() for x in it]\nreturn head, rest',
      samples: [[['a', 'b', 'c']], [['x']], [[]]],
    },
    {
      params: { xs: 'list[int]' },
      body: 'it = iter(xs)\nout = []\nfor x in it:\n    if x < 0:\n        break\n    out.append(x)\nreturn out, next(it, None), next(it, 99)',
      samples: [[[1, 2, -1, 7, 8]], [[1, -2]], [[]]],
    },
    {
      params: { xs: 'list[str]', d: 'Optional[str]' },
      body: 'it = iter(xs)\nreturn next(it, d), next(it, d), next((x for x in xs if x > "a"), d)',
      samples: [
        [['b', 'a'], null],
        [['b'], 'z'],
        [[], null],
      ],
      imports: ['from typing import Optional'],
    },
    {
      params: { xs: 'list[float]' },
      body: 'it = iter(xs)\ntotal = next(it, 0)\nfor x in it:\n    total += x\nreturn total',
      samples: [[[1.5, 2.0]], [[]]],
    },
    // A generator expression runs only as far as next() reads it: 1 // x is never reached for a later zero.
    {
      params: { xs: 'list[int]', k: 'int' },
      expr: 'next(10 // x for x in xs if x > k)',
      samples: [
        [[1, 5, 0], 2],
        [[1], 3],
      ],
    },
    {
      params: { xs: 'list[int]', k: 'int' },
      expr: 'next((x * 2 for x in xs if x > k), None)',
      samples: [
        [[1, 5], 2],
        [[], 0],
      ],
    },
    { params: { xs: 'list[str]' }, expr: "next((s for s in xs if s), '-')", samples: [[['', 'b', 'c']], [['']]] },
    // An endless generator resumed by next(), then by a loop that stops, then by next() again.
    {
      params: { k: 'int' },
      body: 'def gen(n: int):\n    i = n\n    while True:\n        yield i * i\n        i += 1\nit = gen(k)\na = next(it)\nout = [a]\nfor v in it:\n    if v > 20:\n        break\n    out.append(v)\nreturn out, next(it), next(it, None)',
      samples: [[1], [5]],
    },
    // A generator that raises after its items: next() gives the items, then its exception; exhausted, StopIteration.
    {
      params: { xs: 'list[str]' },
      body: 'def ints(items: list[str]):\n    for s in items:\n        yield int(s)\nit = ints(xs)\nreturn next(it), next(it, -1), next(it, -1)',
      samples: [[['1', '2']], [['3', 'x']], [['4']], [[]]],
    },
  ],
});

defineSpellings({
  'builtins.iter': { collect: () => '{iter0}.into_iter().collect::<Vec<_>>()', same: () => '{0}' },
  'builtins.next': {
    item: () => 'rt::builtins::next_item({mut0})?',
    optional: () => 'rt::builtins::next_opt({mut0})',
    default: () => 'rt::builtins::next_opt({mut0}).unwrap_or({1})',
    once_item: () => '{iter0}.into_iter().next().ok_or_else(|| rt::PyErr::stop_iteration(""))?',
    once_optional: () => '{iter0}.into_iter().next()',
    once_default: () => '{iter0}.into_iter().next().unwrap_or({1})',
    gen_item: () => 'rt::stream::next_item({mut0})?',
    gen_optional: () => 'rt::stream::next_opt({mut0})?',
    gen_default: () => 'rt::stream::next_opt({mut0})?.unwrap_or({1})',
    or_default: () => 'rt::builtins::next_opt({mut0}).or({1})',
    once_or_default: () => '{iter0}.into_iter().next().or({1})',
    gen_or_default: () => 'rt::stream::next_opt({mut0})?.or({1})',
    count: () => '{mut0}.next().ok_or_else(rt::PyErr::int_overflow)?',
    drawn: () => '{mut0}.next().ok_or_else(|| rt::PyErr::stop_iteration(""))?',
    drawn_default: () => '{mut0}.next().unwrap_or({1})',
    drawn_optional: () => '{mut0}.next()',
  },
});
