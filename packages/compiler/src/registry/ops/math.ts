/**
 * The `math` module. Functions follow CPython's error behaviour (`math domain error`,
 * `math range error`) through the runtime's math module; constants are inlined.
 */
import { overloads, defineOp, sig, T } from '../registry';

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
  id: 'math.hypot',
  summary: 'math.hypot(x, y)',
  ...overloads('math.hypot', [sig([float, float], float, '{0}.hypot({1})')]),
  tests: [{ params: { x: 'float', y: 'float' }, expr: 'math.hypot(x, y)', samples: [[3.0, 4.0]] }],
});
defineOp({
  id: 'math.gcd',
  summary: 'math.gcd(a, b)',
  ...overloads('math.gcd', [sig([int, int], int, 'rt::math::gcd({0}, {1})?')]),
  tests: [
    {
      params: { a: 'int', b: 'int' },
      expr: 'math.gcd(a, b)',
      samples: [
        [12, -18],
        [0, 0],
      ],
    },
  ],
});
defineOp({
  id: 'math.isclose',
  summary: 'math.isclose(a, b) with the default tolerances',
  ...overloads('math.isclose', [sig([float, float], bool, 'rt::math::isclose({0}, {1}, 1e-9, 0.0)')]),
  tests: [
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
