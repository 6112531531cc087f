/**
 * The `math` module. Functions follow CPython's error behaviour (`math domain error`,
 * `math range error`) through the runtime's math module; constants are inlined.
 */
import { overloads, defineOp, sig, T } from '../registry';
import { iterItem, type Type, typeToString } from '../../types/types';

const { int, float, bool } = T;

const unary: [string, string, unknown[][]][] = [
  ['sqrt', 'rt::math::sqrt({0})?', [[2.0], [0.0], [-1.0]]],
  ['exp', 'rt::math::exp({0})?', [[1.0], [-1000.0], [1000.0]]],
  ['log2', 'rt::math::log2({0})?', [[8.0], [0.0]]],
  ['log10', 'rt::math::log10({0})?', [[1000.0], [-1.0]]],
  ['log1p', 'rt::math::log1p({0})?', [[1e-10], [-1.0]]],
  ['expm1', 'rt::math::expm1({0})?', [[1e-10]]],
  ['sin', 'rt::math::sin({0})?', [[1.0]]],
  ['cos', 'rt::math::cos({0})?', [[1.0]]],
  ['tan', 'rt::math::tan({0})?', [[1.0]]],
  ['asin', 'rt::math::asin({0})?', [[0.5], [2.0]]],
  ['acos', 'rt::math::acos({0})?', [[0.5]]],
  ['atan', '{0}.atan()', [[1.0]]],
  ['sinh', '{0}.sinh()', [[1.0]]],
  ['cosh', '{0}.cosh()', [[1.0]]],
  ['tanh', '{0}.tanh()', [[0.5], [-20.0]]],
  ['fabs', '{0}.abs()', [[-2.5]]],
  ['degrees', '{0}.to_degrees()', [[3.14]]],
  ['radians', '{0}.to_radians()', [[180.0]]],
];
for (const [name, template, samples] of unary) {
  defineOp({
    id: `math.${name}`,
    summary: `math.${name}(x)`,
    ...overloads(`math.${name}`, [sig([float], float, template)]),
    tests: [{ params: { x: 'float' }, expr: `math.${name}(x)`, samples }],
  });
}

defineOp({
  id: 'math.log',
  summary: 'math.log(x[, base])',
  ...overloads('math.log', [
    sig([float], float, 'rt::math::log({0})?'),
    sig([float, float], float, 'rt::math::log_base({0}, {1})?'),
  ]),
  tests: [
    { params: { x: 'float' }, expr: 'math.log(x)', samples: [[2.718281828459045], [0.0]] },
    { params: { x: 'float' }, expr: 'math.log(x, 2)', samples: [[8.0]] },
  ],
});
for (const [name, template] of [
  ['floor', 'rt::float::floor_int({0})?'],
  ['ceil', 'rt::float::ceil_int({0})?'],
  ['trunc', 'rt::float::to_int({0})?'],
] as const) {
  defineOp({
    id: `math.${name}`,
    summary: `math.${name}(x) to an int`,
    ...overloads(`math.${name}`, [sig([int], int, '{0}'), sig([float], int, template)]),
    tests: [{ params: { x: 'float' }, expr: `math.${name}(x)`, samples: [[2.5], [-2.5], [1e300]] }],
  });
}
for (const [name, template] of [
  ['isnan', '{0}.is_nan()'],
  ['isinf', '{0}.is_infinite()'],
  ['isfinite', '{0}.is_finite()'],
] as const) {
  defineOp({
    id: `math.${name}`,
    summary: `math.${name}(x)`,
    ...overloads(`math.${name}`, [sig([float], bool, template)]),
    tests: [
      { params: { x: 'float' }, expr: `math.${name}(x)`, samples: [[1.0], [{ float: 'nan' }], [{ float: 'inf' }]] },
    ],
  });
}
defineOp({
  id: 'math.pow',
  summary: 'math.pow(x, y), always float',
  ...overloads('math.pow', [sig([float, float], float, 'rt::math::pow({0}, {1})?')]),
  tests: [
    {
      params: { x: 'float', y: 'float' },
      expr: 'math.pow(x, y)',
      samples: [
        [2.0, 0.5],
        [-8.0, 1.0 / 3],
      ],
    },
  ],
});
defineOp({
  id: 'math.atan2',
  summary: 'math.atan2(y, x)',
  ...overloads('math.atan2', [sig([float, float], float, '{0}.atan2({1})')]),
  tests: [{ params: { y: 'float', x: 'float' }, expr: 'math.atan2(y, x)', samples: [[1.0, -1.0]] }],
});
defineOp({
  id: 'math.isclose',
  summary: 'math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)',
  resolve: (args, kw) => {
    const num = (t: Type | undefined): boolean => t?.kind === 'int' || t?.kind === 'float' || t?.kind === 'bool';
    if (
      args.length !== 2 ||
      !args.every(num) ||
      [...kw].some(([k, t]) => !['rel_tol', 'abs_tol'].includes(k) || (t.kind !== 'int' && t.kind !== 'float'))
    )
      return { error: 'math.isclose() takes two numbers and the keywords rel_tol= and abs_tol=' };
    return {
      entry: 'math.isclose',
      overload: 'float, float',
      result: bool,
      params: [float, float],
      variant: 'tol',
      detail: { rel: kw.has('rel_tol') ? 'y' : '', abs: kw.has('abs_tol') ? 'y' : '' },
    };
  },
  spell: {
    tol: (c) =>
      c.detail?.rel || c.detail?.abs
        ? `rt::math::isclose_tol({0}, {1}, ${c.detail?.rel ? '({kw:rel_tol} as f64)' : '1e-9'}, ${c.detail?.abs ? '({kw:abs_tol} as f64)' : '0.0'})?`
        : 'rt::math::isclose({0}, {1}, 1e-9, 0.0)',
  },
  tests: [
    {
      params: { a: 'float', b: 'float', t: 'float' },
      expr: '(math.isclose(a, b, abs_tol=t), math.isclose(a, b, rel_tol=t, abs_tol=0.0), math.isclose(a, b, rel_tol=t))',
      samples: [
        [1.0, 1.05, 0.1],
        [0.0, 1e-12, 1e-9],
        [1.0, 2.0, -1.0],
      ],
    },
    {
      params: { a: 'float', b: 'float' },
      expr: 'math.isclose(a, b)',
      samples: [
        [1.0, 1.0 + 1e-10],
        [1.0, 1.1],
      ],
    },
  ],
});
for (const [name, value] of [
  ['pi', 'std::f64::consts::PI'],
  ['e', 'std::f64::consts::E'],
  ['tau', 'std::f64::consts::TAU'],
  ['inf', 'f64::INFINITY'],
  ['nan', 'f64::NAN'],
] as const) {
  defineOp({
    id: `math.${name}`,
    summary: `the constant math.${name}`,
    resolve: (args) =>
      args.length === 0
        ? { entry: `math.${name}`, overload: '', result: float, params: [], variant: 'value' }
        : { error: `math.${name} is not callable` },
    spell: { value: () => value },
    tests: [{ params: {}, expr: `math.${name} * 2`, samples: [[]] }],
  });
}

// Functions of one float that can fail (domain or range errors) or need the runtime's own algorithm.
const moreUnary: [string, string, unknown[][]][] = [
  ['acosh', 'rt::math::acosh({0})?', [[1.5], [0.5]]],
  ['asinh', '{0}.asinh()', [[-2.0], [0.0]]],
  ['atanh', 'rt::math::atanh({0})?', [[0.5], [1.0]]],
  ['cbrt', '{0}.cbrt()', [[-27.0], [2.0]]],
  ['exp2', 'rt::math::exp2({0})?', [[10.0], [-1.5], [2000.0]]],
  [
    'erf',
    'rt::math::erf({0})',
    [[0.0], [0.3], [-1.2], [1.49], [1.51], [2.5], [-4.0], [6.0], [30.5], [{ float: 'nan' }], [{ float: '-inf' }]],
  ],
  ['erfc', 'rt::math::erfc({0})', [[0.0], [0.7], [-1.7], [3.0], [10.0], [-30.0]]],
  [
    'gamma',
    'rt::math::gamma({0})?',
    [
      [0.5],
      [1.5],
      [5.0],
      [5.5],
      [-0.5],
      [-2.5],
      [1e-5],
      [-1e-5],
      [10.1],
      [30.0],
      [100.3],
      [171.6],
      [172.0],
      [0.0],
      [-0.0],
      [-3.0],
      [{ float: 'inf' }],
      [{ float: '-inf' }],
      [{ float: 'nan' }],
      [1e-320],
    ],
  ],
  [
    'lgamma',
    'rt::math::lgamma({0})?',
    [
      [0.5],
      [1.0],
      [2.0],
      [3.0],
      [2.5],
      [-0.5],
      [-2.5],
      [1e-5],
      [10.1],
      [19.9],
      [20.0],
      [100.3],
      [1e6],
      [1e307],
      [0.0],
      [-4.0],
      [{ float: 'inf' }],
      [{ float: '-inf' }],
      [{ float: 'nan' }],
    ],
  ],
  [
    'ulp',
    'rt::math::ulp({0})',
    [[1.0], [-3.5], [0.0], [1e300], [1.7976931348623157e308], [5e-324], [{ float: 'inf' }], [{ float: 'nan' }]],
  ],
];
for (const [name, template, samples] of moreUnary) {
  defineOp({
    id: `math.${name}`,
    summary: `math.${name}(x)`,
    ...overloads(`math.${name}`, [sig([float], float, template)]),
    tests: [{ params: { x: 'float' }, expr: `math.${name}(x)`, samples }],
  });
}

const twoFloats: [string, string, unknown[][]][] = [
  [
    'copysign',
    '{0}.copysign({1})',
    [
      [2.0, -0.0],
      [-3.5, 1.0],
    ],
  ],
  [
    'fmod',
    'rt::math::fmod({0}, {1})?',
    [
      [7.5, 2.0],
      [-7.5, 2.0],
      [1.0, 0.0],
      [3.0, { float: 'inf' }],
    ],
  ],
  [
    'remainder',
    'rt::math::remainder({0}, {1})?',
    [
      [7.0, 2.0],
      [5.0, 2.0],
      [-5.0, 2.0],
      [10.3, 3.0],
      [1.0, 0.0],
    ],
  ],
  [
    'nextafter',
    'rt::math::nextafter({0}, {1})',
    [
      [1.0, 2.0],
      [1.0, 0.0],
      [0.0, -1.0],
      [-0.0, 1.0],
      [2.0, 2.0],
      [1.7976931348623157e308, { float: 'inf' }],
      [{ float: 'inf' }, 0.0],
      [{ float: 'nan' }, 1.0],
    ],
  ],
];
for (const [name, template, samples] of twoFloats) {
  defineOp({
    id: `math.${name}`,
    summary: `math.${name}(x, y)`,
    ...overloads(`math.${name}`, [sig([float, float], float, template)]),
    tests: [{ params: { x: 'float', y: 'float' }, expr: `math.${name}(x, y)`, samples }],
  });
}

defineOp({
  id: 'math.modf',
  summary: 'math.modf(x): (fractional part, integer part), both floats with the sign of x',
  ...overloads('math.modf', [sig([float], T.tuple([float, float]), 'rt::math::modf({0})')]),
  tests: [{ params: { x: 'float' }, expr: 'math.modf(x)', samples: [[3.75], [-2.5], [0.0], [{ float: 'inf' }]] }],
});
defineOp({
  id: 'math.frexp',
  summary: 'math.frexp(x): (m, e) with x == m * 2**e and 0.5 <= abs(m) < 1',
  ...overloads('math.frexp', [sig([float], T.tuple([float, int]), 'rt::math::frexp({0})')]),
  tests: [{ params: { x: 'float' }, expr: 'math.frexp(x)', samples: [[8.0], [-0.3], [0.0], [5e-320], [1e308]] }],
});
defineOp({
  id: 'math.ldexp',
  summary: 'math.ldexp(x, i): x * 2**i',
  ...overloads('math.ldexp', [sig([float, int], float, 'rt::math::ldexp({0}, {1})?')]),
  tests: [
    {
      params: { x: 'float', i: 'int' },
      expr: 'math.ldexp(x, i)',
      samples: [
        [0.75, 4],
        [1.0, -1074],
        [1.0, 1024],
        [-2.5, 3],
      ],
    },
  ],
});

const intFns: [string, Type[], string, unknown[][]][] = [
  ['factorial', [int], 'rt::math::factorial({0})?', [[0], [5], [20], [21], [-1]]],
  ['isqrt', [int], 'rt::math::isqrt({0})?', [[0], [15], [16], [999999999999], [-4]]],
  [
    'comb',
    [int, int],
    'rt::math::comb({0}, {1})?',
    [
      [5, 2],
      [10, 0],
      [3, 5],
      [60, 30],
      [-1, 2],
      [4, -1],
    ],
  ],
];
for (const [name, params, template, samples] of intFns) {
  defineOp({
    id: `math.${name}`,
    summary: `math.${name}(${params.length === 1 ? 'n' : 'a, b'})`,
    ...overloads(`math.${name}`, [sig(params, int, template)]),
    tests: [
      {
        params: params.length === 1 ? { n: 'int' } : { a: 'int', b: 'int' },
        expr: params.length === 1 ? `math.${name}(n)` : `math.${name}(a, b)`,
        samples,
      },
    ],
  });
}
defineOp({
  id: 'math.perm',
  summary: 'math.perm(n, k=None): k-permutations of n (n! without k)',
  ...overloads('math.perm', [
    sig([int], int, 'rt::math::perm({0}, None)?'),
    sig([int, int], int, 'rt::math::perm({0}, Some({1}))?'),
    sig([int, T.none], int, 'rt::math::perm({0}, None)?'),
  ]),
  tests: [
    {
      params: { n: 'int', k: 'int' },
      expr: '(math.perm(n, k), math.perm(n))',
      samples: [
        [5, 2],
        [4, 0],
        [3, 4],
      ],
    },
    { params: { n: 'int' }, expr: 'math.perm(n, None)', samples: [[4], [-2]] },
  ],
});

/** The item type of a list or iterator argument of numbers, for fsum and prod. */
function numberItems(t: Type | undefined): Type | undefined {
  const item = t ? iterItem(t) : undefined;
  return item && (item.kind === 'int' || item.kind === 'float') ? item : undefined;
}

defineOp({
  id: 'math.fsum',
  summary: "math.fsum(iterable): the exactly rounded float sum (CPython's partials algorithm)",
  resolve: (args, kw) => {
    // Items of run-time type (a JSON list, a `list[object]`): each checked to be a number (CPython's TypeError).
    const dynamic = args[0]?.kind === 'dynamic' || (args[0] && iterItem(args[0])?.kind === 'dynamic');
    const item = dynamic ? args[0] : numberItems(args[0]);
    if (args.length !== 1 || kw.size > 0 || !item) return { error: 'math.fsum() takes one iterable of ints or floats' };
    const variant = args[0]!.kind === 'dynamic' ? 'dynamic' : dynamic ? 'dynamic_items' : 'sum';
    return { entry: 'math.fsum', overload: typeToString(args[0]!), result: float, params: args, variant };
  },
  spell: {
    sum: () => 'rt::math::fsum({iter0}.into_iter().map(|__v| __v as f64))?',
    dynamic: () => 'rt::math::fsum(rt::statistics::dyn_numbers(rt::dynamic::iter_items(&{0})?)?)?',
    dynamic_items: () => 'rt::math::fsum(rt::statistics::dyn_numbers({iter0}.into_iter().collect())?)?',
  },
  tests: [
    {
      params: { xs: 'list[object]' },
      expr: 'math.fsum(xs)',
      samples: [[[0.1, 0.2, 3, true]], [[]], [[1, 'a']], [[null]]],
    },
    {
      params: { d: 'dict[str, object]' },
      expr: 'math.fsum(d["xs"])',
      samples: [[{ xs: [0.5, 1e100, 1, -1e100] }], [{ xs: 2 }]],
    },
    {
      params: { xs: 'list[float]' },
      expr: 'math.fsum(xs)',
      samples: [
        [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]],
        [[1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]],
        [[]],
        [[1e308, 1e308]],
        [[{ float: 'inf' }, 1.0]],
        [[{ float: 'inf' }, { float: '-inf' }]],
        [[{ float: 'nan' }, 2.0]],
      ],
    },
    { params: { xs: 'list[int]' }, expr: 'math.fsum(x * 0.5 for x in xs)', samples: [[[1, 2, 3]], [[]]] },
  ],
});

defineOp({
  id: 'math.prod',
  summary: 'math.prod(iterable, start=1): ints stay ints (OverflowError past 64 bits), floats multiply as floats',
  resolve: (args, kw) => {
    const item = numberItems(args[0]);
    const start = kw.get('start');
    if (args.length !== 1 || !item || [...kw.keys()].some((k) => k !== 'start'))
      return { error: 'math.prod() takes one iterable of ints or floats and start=' };
    if (start && start.kind !== 'int' && start.kind !== 'float') return { error: 'math.prod() start must be a number' };
    const isFloat = item.kind === 'float' || start?.kind === 'float';
    return {
      entry: 'math.prod',
      overload: typeToString(args[0]!),
      result: isFloat ? float : int,
      params: args,
      variant: isFloat ? 'float' : 'int',
      detail: { start: start ? 'kw:start' : '' },
    };
  },
  spell: {
    int: (c) => `rt::math::prod_int({iter0}, ${c.detail?.start ? '{kw:start}' : '1'})?`,
    float: (c) =>
      `{iter0}.into_iter().fold(${c.detail?.start ? '({kw:start} as f64)' : '1.0f64'}, |__a, __v| __a * (__v as f64))`,
  },
  tests: [
    {
      params: { xs: 'list[int]' },
      expr: '(math.prod(xs), math.prod(xs, start=2), math.prod(xs, start=0.5))',
      samples: [[[2, 3, 4]], [[]], [[1 << 40, 1 << 30]]],
    },
    { params: { xs: 'list[float]' }, expr: 'math.prod(x for x in xs if x > 0)', samples: [[[0.5, -1.0, 3.0]], [[]]] },
  ],
});

defineOp({
  id: 'math.dist',
  summary: 'math.dist(p, q): Euclidean distance of two points of one dimension',
  resolve: (args, kw) => {
    const [p, q] = args;
    if (args.length !== 2 || kw.size > 0 || !numberItems(p) || !numberItems(q))
      return { error: 'math.dist() takes two lists of numbers' };
    return { entry: 'math.dist', overload: 'points', result: float, params: args, variant: 'points' };
  },
  spell: {
    points: () =>
      'rt::math::dist(&{iter0}.into_iter().map(|__v| __v as f64).collect::<Vec<f64>>(), &{iter1}.into_iter().map(|__v| __v as f64).collect::<Vec<f64>>())?',
  },
  tests: [
    {
      params: { p: 'list[float]', q: 'list[float]' },
      expr: 'math.dist(p, q)',
      samples: [
        [
          [0.0, 0.0],
          [3.0, 4.0],
        ],
        [[1.0], [1.0, 2.0]],
        [[], []],
      ],
    },
    { params: { p: 'list[int]' }, expr: 'math.dist(p, [0, 0, 0])', samples: [[[1, 2, 2]]] },
  ],
});

/**
 * The math functions of any number of arguments (CPython 3.9+): `gcd(*ints)`, `lcm(*ints)` and `hypot(*coords)`,
 * with the arguments given one by one or as a starred list (lowering's keyword `*`, ir.ts `STAR_OPS`).
 * `gcd()` is 0, `lcm()` is 1 and `hypot()` is 0.0, as in CPython.
 */
for (const [name, item, rust] of [
  ['gcd', 'int', 'rt::math::gcd_all'],
  ['lcm', 'int', 'rt::math::lcm_all'],
  ['hypot', 'float', 'rt::math::hypot_all'],
] as const) {
  const id = `math.${name}`;
  const rustItem = item === 'int' ? 'i64' : 'f64';
  const fits = (t: Type | undefined): boolean =>
    t?.kind === 'bool' || t?.kind === 'int' || (item === 'float' && t?.kind === 'float');
  const fallible = item === 'int' ? '?' : '';
  defineOp({
    id,
    summary: `math.${name}(*${item === 'int' ? 'integers' : 'coordinates'}), one by one or from a starred list`,
    resolve: (args, kw) => {
      if (kw.has('*')) {
        if (kw.size !== 1 || args.length !== 1)
          return { error: `math.${name}(*xs) with other arguments is not supported` };
        const it = iterItem(args[0]!);
        if (!it || !fits(it))
          return {
            error: `math.${name}(*xs) needs ${item === 'int' ? 'ints' : 'numbers'}, got ${typeToString(args[0]!)}`,
          };
        return {
          entry: id,
          overload: `*${typeToString(args[0]!)}`,
          result: item === 'int' ? T.int : T.float,
          params: [args[0]!],
          variant: 'star',
        };
      }
      if (kw.size > 0) return { error: `math.${name}() takes no keyword arguments` };
      const bad = args.find((a) => !fits(a));
      if (bad)
        return { error: `math.${name}() takes ${item === 'int' ? 'ints' : 'numbers'}, got ${typeToString(bad)}` };
      const want = item === 'int' ? T.int : T.float;
      return {
        entry: id,
        overload: args.map(typeToString).join(', '),
        result: want,
        params: args.map(() => want),
        variant: 'args',
      };
    },
    spell: {
      args: (c) => `${rust}(&[${c.params.map((_, i) => `{${i}}`).join(', ')}])${fallible}`,
      star: () =>
        `${rust}(&({iter0}).into_iter().map(|__x| __x as ${rustItem}).collect::<Vec<${rustItem}>>())${fallible}`,
    },
    tests:
      item === 'int'
        ? [
            {
              params: { a: 'int', b: 'int' },
              expr: `(math.${name}(a, b), math.${name}(a), math.${name}(), math.${name}(a, b, 6), math.${name}(True, a))`,
              samples: [
                [12, -18],
                [0, 0],
                [4, 6],
                [-4, 6],
                [0, 5],
                [2 ** 40, 3],
              ],
            },
            {
              params: { xs: 'list[int]' },
              expr: `math.${name}(*xs)`,
              samples: [[[12, 18, 30]], [[]], [[-7]], [[0, 0]], [[4, 6, 10]]],
            },
          ]
        : [
            {
              params: { x: 'float', y: 'float' },
              expr: `(math.${name}(x, y), math.${name}(x), math.${name}(), math.${name}(x, y, 2), math.${name}(3, 4))`,
              samples: [
                [3.0, 4.0],
                [0.0, -0.0],
                [1e300, 1e300],
                [1e-310, 3e-310],
                [2.5, -1.5],
              ],
            },
            {
              params: { xs: 'list[float]' },
              expr: `math.${name}(*xs)`,
              samples: [[[3.5, 4.5, 1.5]], [[]], [[-2.5]], [[1e200, 1e200, 1e200]]],
            },
          ],
  });
}
