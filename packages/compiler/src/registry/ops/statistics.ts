/**
 * Python's `statistics` module over iterables of numbers (int, float, bool): type rules and Rust
 * spellings; the arithmetic is in the runtime's statistics module. The averaging functions return a
 * float even where CPython returns an int for int data whose answer is whole (`mean([1, 3])` is 2
 * there, 2.0 here; equal values). Data of run-time type (a `list[object]`, a JSON value) is read item by item with
 * CPython's TypeError for a non-number; its `mean` and `median` are dynamic values of CPython's type. `median_low`, `median_high`, `mode` and `multimode` return items,
 * so they also take strings.
 */
import { defineOp, defineSpellings, T, resolved as choice } from '../registry';
import { iterItem, orderError, type Type, typeToString } from '../../types/types';

const IMPORTS = ['import statistics'];

/** The item type of argument 0 (a dynamic value's items are dynamic), or undefined when it is no iterable. */
function itemOf(t: Type | undefined): Type | undefined {
  return t?.kind === 'dynamic' ? t : t && iterItem(t);
}

/**
 * The Rust of argument 0's items of run-time type as a `Vec<rt::Value>`: a `list[object]`'s, or those of a dynamic
 * value itself (`statistics.fmean(result["scores"])`), which raises CPython's TypeError when it is no iterable.
 */
function dynSource(t: Type | undefined): string {
  return t?.kind === 'dynamic' ? 'rt::dynamic::iter_items(&{0})?' : '{iter0}.into_iter().collect::<Vec<rt::Value>>()';
}

/** The Rust of argument 0 (of type `t`)'s numbers as a `Vec<f64>`; items of run-time type are checked one by one. */
function floatsOf(item: Type, t: Type | undefined): string {
  if (item.kind === 'dynamic') return `rt::statistics::dyn_numbers(${dynSource(t)})?`;
  const conv = item.kind === 'float' ? '__x' : item.kind === 'bool' ? '(__x as i64) as f64' : '__x as f64';
  return `{iter0}.into_iter().map(|__x| ${conv}).collect::<Vec<f64>>()`;
}

function numbers(name: string, args: Type[]): Type | { error: string } {
  const item = itemOf(args[0]);
  if (!item) return { error: `${name}() takes an iterable of numbers` };
  if (item.kind !== 'int' && item.kind !== 'float' && item.kind !== 'bool' && item.kind !== 'dynamic')
    return { error: `${name}() takes numbers, not ${typeToString(item)}` };
  return item;
}

const SAMPLES = [[[2.5, 3.25, 5.5, 11.25]], [[1.0]], [[]], [[-1.5, 0.0, 1.5, 1e10]]];

for (const name of ['mean', 'fmean', 'median', 'harmonic_mean', 'geometric_mean'] as const) {
  const id = `statistics.${name}`;
  defineOp({
    id,
    summary: `statistics.${name}(data): a float; StatisticsError on empty data`,
    resolve: (args) => {
      const item = numbers(name, args);
      if ('error' in item) return item;
      if (args.length !== 1) return { error: `${name}() takes one iterable` };
      // `mean` and `median` of items of run-time type answer with CPython's type: an int mean of ints, the middle
      // item itself.
      if (item.kind === 'dynamic' && (name === 'mean' || name === 'median'))
        return choice(id, T.dynamic, [args[0]!], 'dynamic', { data: dynSource(args[0]) });
      return choice(id, T.float, [args[0]!], 'data', { data: floatsOf(item, args[0]) });
    },
    tests: [
      { params: { xs: 'list[float]' }, expr: `statistics.${name}(xs)`, samples: SAMPLES, imports: IMPORTS },
      {
        params: { xs: 'list[int]' },
        expr: `statistics.${name}(x for x in xs if x > 0)`,
        samples: [[[1, 2, 4, 7]], [[3, 3]], [[]]],
        imports: IMPORTS,
      },
      // Items of run-time type (a JSON list): numbers of any kind, CPython's TypeError for the others; mean and
      // median keep CPython's type of the answer (an int mean of ints, a middle str).
      {
        params: { xs: 'list[object]' },
        expr: `statistics.${name}(xs)`,
        samples: [[[1, 2, 3, 4]], [[1, 3]], [[1, 2.5, true]], [[]], [['a', 1]], [[null]], [[3, 1.5, 2]]],
        imports: IMPORTS,
      },
      {
        params: { d: 'dict[str, object]' },
        expr: `statistics.${name}(d["xs"])`,
        samples: [[{ xs: [0.5, 1.5, 4] }], [{ xs: 3 }], [{ xs: [] }]],
        imports: IMPORTS,
      },
      ...(name === 'median'
        ? [
            {
              params: { xs: 'list[object]' },
              expr: `statistics.median(xs)`,
              samples: [[['b', 'a', 'c']], [['a', 'b']], [[[1], [0]]]],
              imports: IMPORTS,
            },
          ]
        : []),
      // harmonic_mean meets a zero before a later negative value: 0, not StatisticsError.
      ...(name === 'harmonic_mean'
        ? [
            {
              params: { xs: 'list[float]' },
              expr: `statistics.${name}(xs)`,
              samples: [[[0, -51.5]], [[-51.5, 0]], [[2.5, 0, 3]], [[-2.5]]],
              imports: IMPORTS,
            },
          ]
        : []),
    ],
  });
}

for (const [name, root, sample] of [
  ['variance', false, true],
  ['stdev', true, true],
  ['pvariance', false, false],
  ['pstdev', true, false],
] as const) {
  const id = `statistics.${name}`;
  defineOp({
    id,
    summary: `statistics.${name}(data${sample ? ', xbar' : ', mu'}=None): StatisticsError on too little data`,
    resolve: (args, kw) => {
      const item = numbers(name, args);
      if ('error' in item) return item;
      const center = args[1] ?? kw.get(sample ? 'xbar' : 'mu');
      if (center && center.kind !== 'float' && center.kind !== 'int' && center.kind !== 'none')
        return { error: `${name}() takes a number as its mean` };
      const given =
        !center || center.kind === 'none'
          ? 'None'
          : args[1]
            ? 'Some({1} as f64)'
            : `Some({kw:${sample ? 'xbar' : 'mu'}} as f64)`;
      return choice(id, T.float, args, 'data', { data: floatsOf(item, args[0]), center: given });
    },
    tests: [
      { params: { xs: 'list[float]' }, expr: `statistics.${name}(xs)`, samples: SAMPLES, imports: IMPORTS },
      {
        params: { xs: 'list[object]' },
        expr: `statistics.${name}(xs)`,
        samples: [[[1.5, 2, 4]], [['x', 1, 2]], [[1]]],
        imports: IMPORTS,
      },
      {
        params: { xs: 'list[int]' },
        expr: `round(statistics.${name}(xs), 6)`,
        samples: [[[1, 2, 4, 7]], [[5]], [[2, 2, 2]]],
        imports: IMPORTS,
      },
    ],
  });
  defineSpellings({
    [id]: {
      data: (c) =>
        `rt::statistics::${sample ? 'variance' : 'pvariance'}(&${c.detail!.data as string}, ${c.detail!.center as string}, ${root})?`,
    },
  });
}

for (const [name, high] of [
  ['median_low', false],
  ['median_high', true],
] as const) {
  const id = `statistics.${name}`;
  defineOp({
    id,
    summary: `statistics.${name}(data): an item of the data; StatisticsError on empty data`,
    resolve: (args) => {
      const item = args[0] && iterItem(args[0]);
      if (!item || args.length !== 1) return { error: `${name}() takes one iterable` };
      const bad = orderError(item);
      if (bad) return { error: bad };
      return choice(id, item, [args[0]!], 'data', { high: String(high) });
    },
    tests: [
      {
        params: { xs: 'list[int]' },
        expr: `statistics.${name}(xs)`,
        samples: [[[5, 1, 4, 2]], [[3]], [[]]],
        imports: IMPORTS,
      },
      {
        params: { xs: 'list[str]' },
        expr: `statistics.${name}(xs)`,
        samples: [[['b', 'é', 'a', 'c']]],
        imports: IMPORTS,
      },
    ],
  });
}

defineOp({
  id: 'statistics.mode',
  summary: 'statistics.mode(data): the most common item, the first seen on ties',
  resolve: (args) => {
    const item = args[0] && iterItem(args[0]);
    if (!item || args.length !== 1) return { error: 'mode() takes one iterable' };
    return choice('statistics.mode', item, [args[0]!], 'data');
  },
  tests: [
    { params: { s: 'str' }, expr: 'statistics.mode(s)', samples: [['abracadabra'], ['xyz'], ['']], imports: IMPORTS },
    { params: { xs: 'list[float]' }, expr: 'statistics.mode(xs)', samples: [[[1.5, 2.5, 2.5, 1.5]]], imports: IMPORTS },
  ],
});

defineOp({
  id: 'statistics.multimode',
  summary: 'statistics.multimode(data): every most common item, in first-seen order',
  resolve: (args) => {
    const item = args[0] && iterItem(args[0]);
    if (!item || args.length !== 1) return { error: 'multimode() takes one iterable' };
    return choice('statistics.multimode', T.list(item), [args[0]!], 'data');
  },
  tests: [
    {
      params: { words: 'list[str]' },
      expr: 'statistics.multimode(words)',
      samples: [[['a', 'b', 'b', 'a', 'c']], [[]]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'statistics.quantiles',
  summary: "statistics.quantiles(data, n=4, method='exclusive'|'inclusive')",
  resolve: (args, kw, _c, kwConsts) => {
    const item = numbers('quantiles', args);
    if ('error' in item) return item;
    const n = kw.get('n');
    if (n && n.kind !== 'int') return { error: 'quantiles() n must be an int' };
    const method = kwConsts?.get('method');
    if (kw.has('method') && (method?.kind !== 'str' || !['exclusive', 'inclusive'].includes(method.value)))
      return { error: "quantiles() method must be the literal 'exclusive' or 'inclusive'" };
    const inclusive = method?.kind === 'str' && method.value === 'inclusive';
    return choice('statistics.quantiles', T.list(T.float), [args[0]!], 'data', {
      data: floatsOf(item, args[0]),
      n: n ? '{kw:n}' : '4',
      inclusive: String(inclusive),
    });
  },
  tests: [
    {
      params: { xs: 'list[float]' },
      expr: 'statistics.quantiles(xs)',
      samples: [[[1.0, 2.0, 3.0, 4.0, 5.0]], [[1.0]], [[4.0, 1.0, 9.0]]],
      imports: IMPORTS,
    },
    {
      params: { xs: 'list[int]', n: 'int' },
      expr: "statistics.quantiles(xs, n=n, method='inclusive')",
      samples: [
        [[1, 2, 3, 4, 5], 3],
        [[1, 5], 10],
        [[1, 2], 0],
      ],
      imports: IMPORTS,
    },
  ],
});

defineSpellings({
  'statistics.mean': {
    data: (c) => `rt::statistics::mean(&${c.detail!.data as string})?`,
    dynamic: (c) => `rt::statistics::dyn_mean(${c.detail!.data as string})?`,
  },
  'statistics.fmean': { data: (c) => `rt::statistics::fmean(&${c.detail!.data as string})?` },
  'statistics.median': {
    data: (c) => `rt::statistics::median(${c.detail!.data as string})?`,
    dynamic: (c) => `rt::statistics::dyn_median(${c.detail!.data as string})?`,
  },
  'statistics.harmonic_mean': { data: (c) => `rt::statistics::harmonic_mean(&${c.detail!.data as string})?` },
  'statistics.geometric_mean': { data: (c) => `rt::statistics::geometric_mean(&${c.detail!.data as string})?` },
  'statistics.median_low': { data: () => 'rt::statistics::median_side({iter0}.into_iter().collect(), false)?' },
  'statistics.median_high': { data: () => 'rt::statistics::median_side({iter0}.into_iter().collect(), true)?' },
  'statistics.mode': { data: () => 'rt::statistics::mode({iter0}.into_iter().collect())?' },
  'statistics.multimode': { data: () => 'rt::statistics::multimode({iter0}.into_iter().collect())' },
  'statistics.quantiles': {
    data: (c) =>
      `rt::statistics::quantiles(${c.detail!.data as string}, ${c.detail!.n as string}, ${c.detail!.inclusive as string})?`,
  },
});

// ---- Two inputs: covariance, correlation, linear_regression ---------------------------------------

/** The Rust of argument k's numbers (a list or tuple, as CPython takes `len()` of it) as a `Vec<f64>`. */
function sequenceFloats(name: string, t: Type | undefined, k: number): string | { error: string } {
  if (!t || (t.kind !== 'list' && t.kind !== 'tuple' && t.kind !== 'vartuple'))
    return { error: `${name}() takes two sequences (lists or tuples) of numbers` };
  const item = iterItem(t);
  if (!item || (item.kind !== 'int' && item.kind !== 'float' && item.kind !== 'bool'))
    return { error: `${name}() takes numbers, not ${item ? typeToString(item) : typeToString(t)}` };
  const conv = item.kind === 'float' ? '__x' : item.kind === 'bool' ? '(__x as i64) as f64' : '__x as f64';
  return `{iter${k}}.into_iter().map(|__x| ${conv}).collect::<Vec<f64>>()`;
}

const LINEAR_REGRESSION = T.namedTuple([T.float, T.float], ['slope', 'intercept'], 'LinearRegression');

for (const name of ['covariance', 'correlation', 'linear_regression'] as const) {
  const id = `statistics.${name}`;
  defineOp({
    id,
    summary:
      name === 'linear_regression'
        ? 'statistics.linear_regression(x, y, /, *, proportional=False): the LinearRegression(slope, intercept) named tuple; StatisticsError when x is constant'
        : `statistics.${name}(x, y): ${name === 'covariance' ? 'the sample covariance' : "Pearson's r; StatisticsError when an input is constant"}; StatisticsError on unequal lengths or fewer than two points`,
    resolve: (args, kw) => {
      if (args.length !== 2) return { error: `${name}() takes exactly two positional arguments` };
      const extra = [...kw.keys()].filter((k) => !(name === 'linear_regression' && k === 'proportional'));
      if (extra.length > 0) return { error: `${name}() takes no keyword argument '${extra[0]}'` };
      const x = sequenceFloats(name, args[0], 0);
      if (typeof x !== 'string') return x;
      const y = sequenceFloats(name, args[1], 1);
      if (typeof y !== 'string') return y;
      const p = kw.get('proportional');
      if (p && p.kind !== 'bool') return { error: 'proportional must be a bool' };
      return choice(id, name === 'linear_regression' ? LINEAR_REGRESSION : T.float, args, 'data', {
        x,
        y,
        proportional: p ? '{kw:proportional}' : 'false',
      });
    },
    tests: [
      {
        params: { xs: 'list[float]', ys: 'list[float]' },
        expr: `statistics.${name}(xs, ys)`,
        samples: [
          [
            [1.0, 2.0, 3.0, 4.5],
            [2.0, 4.1, 5.9, 9.5],
          ],
          [
            [1.0, 2.0, 3.0],
            [3.0, 2.0, 1.0],
          ],
          [[1.0], [2.0]],
          [
            [1.0, 2.0],
            [1.0, 2.0, 3.0],
          ],
          [
            [2.0, 2.0, 2.0],
            [1.0, 2.0, 3.0],
          ],
          [
            [1.0, 2.0, 3.0],
            [5.0, 5.0, 5.0],
          ],
        ],
        imports: IMPORTS,
      },
      {
        params: { xs: 'list[int]', ys: 'tuple[float, ...]' },
        expr: `statistics.${name}(xs, ys)`,
        samples: [
          [
            [1, 2, 3, 10],
            [0.5, -1.5, 2.5, 30.0],
          ],
        ],
        imports: IMPORTS,
      },
      ...(name === 'linear_regression'
        ? [
            {
              params: { xs: 'list[float]', ys: 'list[float]', p: 'bool' },
              body: 'slope, intercept = statistics.linear_regression(xs, ys, proportional=p)\nr = statistics.linear_regression(xs, ys)\nreturn slope, intercept, r.slope, r.intercept, r[0]',
              samples: [
                [[1.0, 2.0, 3.0], [2.0, 4.5, 6.0], true],
                [[1.0, 2.0, 3.0], [2.0, 4.5, 6.0], false],
                [[0.0, 0.0], [1.0, 2.0], true],
              ],
              imports: IMPORTS,
            },
          ]
        : []),
    ],
  });
}

// The fields of statistics.linear_regression's LinearRegression named tuple.
for (const field of ['slope', 'intercept']) {
  defineOp({
    id: `tuple.${field}`,
    summary: `r.${field}: the field of statistics.linear_regression's LinearRegression`,
    resolve: (args) => {
      const t = args[0];
      const i = t?.kind === 'tuple' ? (t.names ?? []).indexOf(field) : -1;
      if (t?.kind !== 'tuple' || i < 0)
        return { error: `'${t ? typeToString(t) : 'tuple'}' object has no attribute '${field}'` };
      return choice(`tuple.${field}`, t.items[i]!, args, 'field', { index: String(i) });
    },
    tests: [
      {
        params: { xs: 'list[float]', ys: 'list[float]' },
        expr: `statistics.linear_regression(xs, ys).${field}`,
        samples: [
          [
            [1.0, 2.0, 4.0],
            [1.0, 3.0, 2.0],
          ],
        ],
        imports: IMPORTS,
      },
    ],
  });
}

defineSpellings({
  'statistics.covariance': {
    data: (c) => `rt::statistics::covariance(&${c.detail!.x as string}, &${c.detail!.y as string})?`,
  },
  'statistics.correlation': {
    data: (c) => `rt::statistics::correlation(&${c.detail!.x as string}, &${c.detail!.y as string})?`,
  },
  'statistics.linear_regression': {
    data: (c) =>
      `rt::statistics::linear_regression(&${c.detail!.x as string}, &${c.detail!.y as string}, ${c.detail!.proportional as string})?`,
  },
  'tuple.slope': { field: (c) => `({0}).${c.detail!.index as string}` },
  'tuple.intercept': { field: (c) => `({0}).${c.detail!.index as string}` },
});
