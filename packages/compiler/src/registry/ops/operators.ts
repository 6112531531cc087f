/**
 * Python's operators (`+`, `//`, `<`, `in`, `x[i]`) as registry entries. Lowering turns every
 * operator into an `operator.*` op; these entries type it and emit the Rust. Integer
 * arithmetic is checked (OverflowError, never wraparound) and division follows Python's
 * floor semantics through the runtime.
 */
import {
  chooseOverload,
  overloads,
  spellOverloads,
  defineOp,
  defineSpellings,
  lookupOp,
  receiverFamily,
  sig,
  T,
  type OpEntry,
  type ResolveResult,
} from '../registry';
import type { Type } from '../../types/types';
import { iterItem, typeEquals, typeToString, unifyItems } from '../../types/types';
import { truthTemplate } from '../spell';

const { int, float, bool, str } = T;

function arith(
  id: string,
  summary: string,
  intT: string,
  floatT: string,
  extra: ReturnType<typeof sig>[],
  tests: OpEntry['tests'],
): void {
  defineOp({
    id,
    summary,
    tests,
    ...overloads(id, [sig([int, int], int, intT), sig([float, float], float, floatT), ...extra]),
  });
}

const ints = [
  [7, 2],
  [-7, 2],
  [7, -2],
  [0, 5],
  [-9, -4],
];
const floats = [
  [7.5, 2.0],
  [-7.5, 2.0],
  [0.1, 0.2],
  [1e300, 10.0],
  [-0.0, 3.0],
];

/** Generic container concatenation/repetition needs the element type, so it resolves here. */
function listConcat(args: Type[]): ResolveResult | undefined {
  const [a, b] = args;
  if (a?.kind === 'list' && b?.kind === 'list') {
    // Unlike items make a list of variants (`[1] + ["a"]`).
    const item = a.item.kind === 'unknown' ? b.item : b.item.kind === 'unknown' ? a.item : unifyItems(a.item, b.item);
    if (!item) return { error: `cannot concatenate ${typeToString(a)} and ${typeToString(b)}` };
    return {
      entry: 'operator.add',
      overload: 'list, list',
      result: T.list(item),
      params: [T.list(item), T.list(item)],
      variant: 'lists',
    };
  }
  if (a?.kind === 'tuple' && b?.kind === 'tuple') {
    return {
      entry: 'operator.add',
      overload: 'tuple, tuple',
      result: T.tuple([...a.items, ...b.items]),
      params: [a, b],
      variant: 'tuples',
    };
  }
  return undefined;
}

const ADD = [
  sig([int, int], int, 'rt::int::add({0}, {1})?'),
  sig([float, float], float, '({0} + {1})'),
  sig([str, str], str, 'rt::pystr::concat({&0}, {&1})'),
];
/** `a ** b`, and `pow(a, b)` with the same overloads. */
export const POW = [
  sig([int, int], int, 'rt::int::pow({0}, {1})?'),
  sig([float, float], float, 'rt::float::pow({0}, {1})?'),
];
const SUB = [sig([int, int], int, 'rt::int::sub({0}, {1})?'), sig([float, float], float, '({0} - {1})')];
const MUL = [
  sig([int, int], int, 'rt::int::mul({0}, {1})?'),
  sig([float, float], float, '({0} * {1})'),
  sig([str, int], str, 'rt::pystr::repeat({&0}, {1})?'),
];

defineOp({
  id: 'operator.add',
  summary: 'a + b on int, float, str, list and tuple',
  resolve: (args, kw) => listConcat(args) ?? chooseOverload('operator.add', ADD)(args, kw),
  spell: {
    ...spellOverloads(ADD),
    tuples: (c) => {
      const [a, b] = c.params as (Type & { kind: 'tuple' })[];
      const fields = [...a!.items.map((_, i) => `__a.${i}`), ...b!.items.map((_, i) => `__b.${i}`)];
      return `{ let (__a, __b) = ({0}, {1}); (${fields.join(', ')}${fields.length === 1 ? ',' : ''}) }`;
    },
  },
  tests: [
    { params: { a: 'int', b: 'int' }, expr: 'a + b', samples: [...ints, [9223372036854775807n, 1]] },
    { params: { a: 'float', b: 'float' }, expr: 'a + b', samples: floats },
    {
      params: { a: 'int', b: 'float' },
      expr: 'a + b',
      samples: [
        [1, 0.5],
        [-3, 2.25],
      ],
    },
    {
      params: { a: 'str', b: 'str' },
      expr: 'a + b',
      samples: [
        ['ab', 'cd'],
        ['', 'é'],
        ['日本', '語'],
      ],
    },
    {
      params: { a: 'list[int]', b: 'list[int]' },
      expr: 'a + b',
      samples: [
        [[1, 2], [3]],
        [[], []],
      ],
    },
  ],
});

/**
 * A set operator with a dict view (`d.keys() & e.keys()`, `d.items() - other.items()`, `d.keys() | ["x"]`):
 * CPython's keys and items views are set-like, and the result is a new set. The other operand may be a set,
 * another view, or (as dict views accept any iterable) a list, tuple, dict (its keys) or str; a set or list on the left takes the
 * view's reflected operator. Undefined when neither operand is a keys or items view.
 */
const SET_VIEW_SOURCES = new Set(['dict_keys', 'dict_items']);
const isSetView = (t: Type | undefined): boolean => t?.kind === 'iter' && SET_VIEW_SOURCES.has(t.source);
function viewSetOp(id: string, sym: string, args: Type[]): ResolveResult | undefined {
  const [a, b] = args;
  if (args.length !== 2 || !a || !b || !(isSetView(a) || isSetView(b))) return undefined;
  const ok = (t: Type): boolean => isSetView(t) || ['set', 'list', 'tuple', 'dict', 'str'].includes(t.kind);
  if (!ok(a) || !ok(b))
    return {
      error: `\`${sym}\` of ${typeToString(a)} and ${typeToString(b)}: a dict view combines with a set, a view, a list, a tuple, a dict or a str`,
    };
  const ia = iterItem(a);
  const ib = iterItem(b);
  const item =
    !ia || ia.kind === 'unknown' ? ib : !ib || ib.kind === 'unknown' ? ia : typeEquals(ia, ib) ? ia : undefined;
  if (!item) return { error: `\`${sym}\` of ${typeToString(a)} and ${typeToString(b)}: the items must have one type` };
  return {
    entry: id,
    overload: `${typeToString(a)}, ${typeToString(b)}`,
    result: T.set(item),
    params: [a, b],
    variant: 'views',
  };
}
const viewSpelling = (fn: string) => (): string =>
  `rt::dict::${fn}(&rt::dict::set_from({iter0}), &rt::dict::set_from({iter1}))`;

defineOp({
  id: 'operator.sub',
  summary: 'a - b on int and float; set difference',
  resolve: (args, kw) => {
    const [a, b] = args;
    const view = viewSetOp('operator.sub', '-', args);
    if (view) return view;
    if (a?.kind === 'set' && b?.kind === 'set')
      return {
        entry: 'operator.sub',
        overload: 'set, set',
        result: a,
        params: [a, b],
        variant: 'sets',
      };
    return chooseOverload('operator.sub', SUB)(args, kw);
  },
  spell: spellOverloads(SUB),
  tests: [
    {
      params: { a: 'dict[str, int]', b: 'dict[str, int]' },
      expr: '[sorted(a.keys() - b.keys()), sorted(a.items() - b.items()), sorted(a.keys() - {"x"}), sorted(["y", "k"] - a.keys())]',
      samples: [
        [
          { x: 1, y: 2, z: 3 },
          { y: 2, z: 4 },
        ],
        [{}, { a: 1 }],
      ],
    },
    { params: { a: 'int', b: 'int' }, expr: 'a - b', samples: [...ints, [-9223372036854775807n, 2]] },
    { params: { a: 'float', b: 'float' }, expr: 'a - b', samples: floats },
    { params: { a: 'list[int]', b: 'list[int]' }, expr: 'sorted(set(a) - set(b))', samples: [[[1, 2, 3], [2]]] },
  ],
});

defineOp({
  id: 'operator.mul',
  summary: 'a * b on int and float; str and list repetition',
  resolve: (args, kw) => {
    const [a, b] = args;
    if (a?.kind === 'list' && b && (b.kind === 'int' || b.kind === 'bool')) {
      return {
        entry: 'operator.mul',
        overload: 'list, int',
        result: a,
        params: [a, int],
        variant: 'list_int',
      };
    }
    return chooseOverload('operator.mul', MUL)(args, kw);
  },
  spell: spellOverloads(MUL),
  tests: [
    { params: { a: 'int', b: 'int' }, expr: 'a * b', samples: [...ints, [4611686018427387904n, 2]] },
    { params: { a: 'float', b: 'float' }, expr: 'a * b', samples: floats },
    {
      params: { a: 'str', b: 'int' },
      expr: 'a * b',
      samples: [
        ['ab', 3],
        ['x', 0],
        ['é', -1],
      ],
    },
    { params: { a: 'list[str]', b: 'int' }, expr: 'a * b', samples: [[['a'], 2]] },
  ],
});

defineOp({
  id: 'operator.truediv',
  summary: 'a / b, always a float; ZeroDivisionError on zero',
  ...overloads('operator.truediv', [
    sig([int, int], float, 'rt::int::truediv({0}, {1})?'),
    sig([float, float], float, 'rt::float::truediv({0}, {1})?'),
  ]),
  tests: [
    { params: { a: 'int', b: 'int' }, expr: 'a / b', samples: [...ints, [1, 0]] },
    { params: { a: 'float', b: 'float' }, expr: 'a / b', samples: [...floats, [1.0, 0.0]] },
  ],
});

arith(
  'operator.floordiv',
  'a // b with Python floor semantics',
  'rt::int::floordiv({0}, {1})?',
  'rt::float::floordiv({0}, {1})?',
  [],
  [
    { params: { a: 'int', b: 'int' }, expr: 'a // b', samples: [...ints, [1, 0], [-9223372036854775808n, -1]] },
    { params: { a: 'float', b: 'float' }, expr: 'a // b', samples: [...floats, [5.0, 0.0]] },
  ],
);

arith(
  'operator.mod',
  'a % b; the sign follows the divisor',
  'rt::int::modulo({0}, {1})?',
  'rt::float::modulo({0}, {1})?',
  [],
  [
    { params: { a: 'int', b: 'int' }, expr: 'a % b', samples: [...ints, [3, 0]] },
    { params: { a: 'float', b: 'float' }, expr: 'a % b', samples: [...floats, [-1.0, 3.0]] },
    {
      // Sums and products under a reduction are computed wide (emit/wideint.ts): a universal hash over the 61-bit
      // Mersenne prime, a rolling hash, a scaled floor division, a mask; a reduced value past i64 still overflows.
      params: { a: 'int', x: 'int', b: 'int', p: 'int' },
      body: 'h = ((a * x + b) % p) & 0xFFFFFFFF\nr = (x * 131 - a) % p\nq = (a * x) // (p + 1)\nm = (a * x) & 0xFFFF\nreturn h, r, q, m',
      samples: [
        [2305843009213693950n, 4294967295, 12345, 2305843009213693951n],
        [-7, 3, 1, 5],
        [9223372036854775807n, 9223372036854775807n, -1, -3],
        [3, 4, 5, 0],
      ],
    },
    {
      params: { a: 'int', x: 'int' },
      expr: '(a * x) // 1',
      samples: [
        [2, 3],
        [9223372036854775807n, 2],
      ],
    },
  ],
);

defineOp({
  id: 'operator.pow',
  summary: 'a ** b; an int to a negative int power is a float, as in Python',
  ...overloads('operator.pow', POW),
  tests: [
    {
      params: { a: 'int', b: 'int' },
      expr: 'a ** b',
      samples: [
        [2, 10],
        [-3, 3],
        [2, 63],
        [0, 0],
      ],
      deviation: 'int ** int is typed int, so a negative exponent raises ValueError where CPython returns a float',
    },
    {
      params: { a: 'float', b: 'float' },
      expr: 'a ** b',
      samples: [
        [2.0, 0.5],
        [10.0, -2.0],
        [0.0, -1.0],
      ],
      deviation: 'a negative base to a fractional power raises ValueError where CPython returns a complex number',
    },
  ],
});

const SET_OPS: Record<string, string> = { '|': 'union', '&': 'intersection', '^': 'symmetric_difference' };
for (const [id, op, fn] of [
  ['operator.lshift', '<<', 'lshift'],
  ['operator.rshift', '>>', 'rshift'],
  ['operator.and_', '&', 'bitand'],
  ['operator.or_', '|', 'bitor'],
  ['operator.xor', '^', 'bitxor'],
] as const) {
  const sigs = [
    ...(op === '&' || op === '|' || op === '^' ? [sig([bool, bool], bool, `({0} ${op} {1})`)] : []),
    sig([int, int], int, `rt::int::${fn}({0}, {1})?`),
  ];
  defineOp({
    id,
    summary: `a ${op} b on int (and bool and set for & | ^)`,
    spell: {
      ...spellOverloads(sigs),
      // `s | s` and `s & s` of one set (infer marks it) are copies in CPython (set_or, set_intersection).
      sets: (c) => (c.detail?.same && op !== '^' ? 'rt::dict::set_copy({&0})' : `rt::dict::${SET_OPS[op]}({&0}, {&1})`),
      ...(SET_OPS[op] ? { views: viewSpelling(SET_OPS[op]) } : {}),
      // A key already in `a` keeps its place and takes `b`'s value, as dict.update does.
      dicts: () => '{ let mut __m = {0}; __m.extend({1}); __m }',
    },
    resolve: (args, kw) => {
      const [a, b] = args;
      const view = SET_OPS[op] ? viewSetOp(id, op, args) : undefined;
      if (view) return view;
      // `a | b` of two dicts (Python 3.9): a new dict, b's values winning.
      if (op === '|' && a?.kind === 'dict' && b?.kind === 'dict' && !a.missing && !b.missing) {
        const key = a.key.kind === 'unknown' ? b.key : a.key;
        const value =
          a.value.kind === 'unknown' ? b.value : b.value.kind === 'unknown' ? a.value : unifyItems(a.value, b.value);
        if ((b.key.kind !== 'unknown' && !typeEquals(key, b.key)) || !value)
          return {
            error: `\`|\` of ${typeToString(a)} and ${typeToString(b)}: the keys and values must have one type`,
          };
        const d = T.dict(key, value);
        return { entry: id, overload: 'dict, dict', result: d, params: [d, d], variant: 'dicts' };
      }
      if (a?.kind === 'set' && b?.kind === 'set' && SET_OPS[op]) {
        const item = a.item.kind === 'unknown' ? b.item : a.item;
        return {
          entry: id,
          overload: 'set, set',
          // The left operand's class, as CPython's set operators build it: a frozenset from a frozenset.
          result: a.frozen ? T.frozenset(item) : T.set(item),
          params: [a, b],
          variant: 'sets',
        };
      }
      return chooseOverload(id, sigs)(args, kw);
    },
    tests: [
      {
        params: { a: 'int', b: 'int' },
        expr: `a ${op} b`,
        samples: [
          [5, 3],
          [-8, 2],
          [1, 62],
        ],
      },
      // Dict views are set-like: the result is a set (sorted here, as set order is CPython's hash order).
      ...(SET_OPS[op]
        ? [
            {
              params: { a: 'dict[str, int]', b: 'dict[str, int]' },
              expr: `[sorted(a.keys() ${op} b.keys()), sorted(a.items() ${op} b.items()), sorted(a.keys() ${op} ["x", "q"]), sorted({"y"} ${op} a.keys()), sorted(a.keys() ${op} b), sorted(b ${op} a.keys())]`,
              samples: [
                [
                  { x: 1, y: 2, z: 3 },
                  { y: 2, z: 4, w: 5 },
                ],
                [{}, { a: 1 }],
              ],
            },
          ]
        : []),
      ...(op === '|'
        ? [
            {
              params: { a: 'dict[str, float]', b: 'dict[str, float]' },
              expr: 'a | b',
              samples: [
                [
                  { x: 1.5, y: 2 },
                  { z: 0.5, x: 3 },
                ],
                [{}, { a: 1 }],
              ],
            },
            {
              params: { a: 'dict[str, int]' },
              expr: '{**a, "k": 0, **{"y": len(a)}}',
              samples: [[{ y: 5, k: 1 }], [{}]],
            },
          ]
        : []),
    ],
  });
}

defineOp({
  id: 'operator.neg',
  summary: '-a',
  ...overloads('operator.neg', [sig([int], int, 'rt::int::neg({0})?'), sig([float], float, '(-{0})')]),
  tests: [
    { params: { a: 'int' }, expr: '-a', samples: [[5], [-9223372036854775808n]] },
    { params: { a: 'float' }, expr: '-a', samples: [[0.0], [2.5]] },
  ],
});
defineOp({
  id: 'operator.pos',
  summary: '+a',
  ...overloads('operator.pos', [sig([int], int, '{0}'), sig([float], float, '{0}')]),
  tests: [{ params: { a: 'int' }, expr: '+a', samples: [[5]] }],
});
defineOp({
  id: 'operator.invert',
  summary: '~a',
  ...overloads('operator.invert', [sig([int], int, '(!{0})')]),
  tests: [{ params: { a: 'int' }, expr: '~a', samples: [[5], [-1]] }],
});
defineOp({
  id: 'operator.not_',
  summary: 'not a, on any value by its truth',
  resolve: (args) => {
    const a = args[0];
    if (!a) return { error: 'expected one argument' };
    return {
      entry: 'operator.not_',
      overload: typeToString(a),
      result: bool,
      params: [a],
      variant: 'truth',
    };
  },
  spell: { truth: (c) => `!${truthTemplate(c.params[0]!, '{&0}')}` },
  tests: [
    { params: { a: 'int' }, expr: 'not a', samples: [[0], [3]] },
    { params: { a: 'str' }, expr: 'not a', samples: [[''], ['x']] },
  ],
});

// ---- Comparisons ----------------------------------------------------------------------

const ORDER_OPS = [
  ['operator.lt', '<', 'lt'],
  ['operator.le', '<=', 'le'],
  ['operator.gt', '>', 'gt'],
  ['operator.ge', '>=', 'ge'],
] as const;

function comparable(a: Type, b: Type): boolean {
  if (
    (a.kind === 'int' || a.kind === 'float' || a.kind === 'bool') &&
    (b.kind === 'int' || b.kind === 'float' || b.kind === 'bool')
  )
    return true;
  return typeEquals(a, b) || a.kind === 'unknown' || b.kind === 'unknown';
}

/**
 * Whether a value of type `x` can never equal one of type `k` as Python compares them: a str and a number (or None
 * and a str or number). `"8" in {8: ...}` is then False and `d["8"]` a KeyError, where the compiled key types differ.
 */
export function neverEqual(x: Type, k: Type): boolean {
  const kindOf = (t: Type): string | undefined =>
    t.kind === 'str'
      ? 'str'
      : ['int', 'float', 'bool'].includes(t.kind)
        ? 'number'
        : t.kind === 'none'
          ? 'none'
          : undefined;
  const a = kindOf(x);
  const b = kindOf(k);
  return a !== undefined && b !== undefined && a !== b;
}

function numericPair(a: Type, b: Type): Type[] {
  const f = a.kind === 'float' || b.kind === 'float';
  return f ? [float, float] : [int, int];
}

for (const [id, op, fname] of ORDER_OPS) {
  defineOp({
    id,
    summary: `a ${op} b on numbers, str, and lists or tuples of them`,
    spell: {
      numbers: () => `({0} ${op} {1})`,
      strs: () => `({&0} ${op} {&1})`,
      sequences: () => `rt::cmp::${fname}({&0}, {&1})`,
    },
    resolve: (args) => {
      const [a, b] = args;
      if (!a || !b || args.length !== 2) return { error: 'expected two operands' };
      if (!comparable(a, b))
        return { error: `\`${op}\` is not supported between ${typeToString(a)} and ${typeToString(b)}` };
      if (a.kind === 'int' || a.kind === 'float' || a.kind === 'bool') {
        return {
          entry: id,
          overload: 'number, number',
          result: bool,
          params: numericPair(a, b),
          variant: 'numbers',
        };
      }
      if (a.kind === 'str') return { entry: id, overload: 'str, str', result: bool, params: [a, b], variant: 'strs' };
      if (a.kind === 'list' || a.kind === 'tuple') {
        return {
          entry: id,
          overload: `${a.kind}, ${a.kind}`,
          result: bool,
          params: [a, b],
          variant: 'sequences',
        };
      }
      return { error: `\`${op}\` is not supported for ${typeToString(a)}` };
    },
    tests: [
      {
        params: { a: 'int', b: 'int' },
        expr: `a ${op} b`,
        samples: [
          [1, 2],
          [2, 2],
          [3, 2],
        ],
      },
      {
        params: { a: 'float', b: 'int' },
        expr: `a ${op} b`,
        samples: [
          [1.5, 2],
          [2.0, 2],
        ],
      },
      {
        params: { a: 'str', b: 'str' },
        expr: `a ${op} b`,
        samples: [
          ['a', 'b'],
          ['é', 'e'],
          ['ab', 'a'],
        ],
      },
    ],
  });
}

for (const [id, op] of [
  ['operator.eq', '=='],
  ['operator.ne', '!='],
] as const) {
  defineOp({
    id,
    summary: `a ${op} b on any two values of comparable types`,
    spell: {
      numbers: () => `({0} ${op} {1})`,
      optional_none: () => (op === '==' ? '{&0}.is_none()' : '{&0}.is_some()'),
      none_optional: () => (op === '==' ? '{&1}.is_none()' : '{&1}.is_some()'),
      mixed: () => (op === '==' ? 'false' : 'true'),
      values: () => `({&0} ${op} {&1})`,
      // Optional[T] against T or Optional[U] (T and U equal or both numbers): both sides as
      // Option<common type>, so None equals only None and a value compares by value.
      optional_value: (c) => {
        const d = c.detail as { opt: string[]; kinds: string[]; target: string };
        const side = (i: number): string => {
          const kind = d.kinds[i]!;
          const conv = (e: string): string =>
            kind === d.target || d.target === ''
              ? e
              : kind === 'bool'
                ? `(${e} as i64${d.target === 'float' ? ' as f64' : ''})`
                : `(${e} as f64)`;
          if (d.opt[i] === 'y')
            return conv('__v') === '__v' ? `{&${i}}.clone()` : `{&${i}}.clone().map(|__v| ${conv('__v')})`;
          return `Some(${conv(`{${i}}`)})`;
        };
        return `(${side(0)} ${op} ${side(1)})`;
      },
    },
    resolve: (args) => {
      const [a, b] = args;
      if (!a || !b || args.length !== 2) return { error: 'expected two operands' };
      if (
        (a.kind === 'int' || a.kind === 'float' || a.kind === 'bool') &&
        (b.kind === 'int' || b.kind === 'float' || b.kind === 'bool')
      ) {
        return {
          entry: id,
          overload: 'number, number',
          result: bool,
          params: numericPair(a, b),
          variant: 'numbers',
        };
      }
      if (a.kind === 'optional' && b.kind === 'none')
        return {
          entry: id,
          overload: 'Optional, None',
          result: bool,
          params: [a, b],
          variant: 'optional_none',
        };
      if (a.kind === 'none' && b.kind === 'optional')
        return {
          entry: id,
          overload: 'None, Optional',
          result: bool,
          params: [a, b],
          variant: 'none_optional',
        };
      // A variant against another type is compared per member (infer dispatches on it).
      if ((a.kind === 'union' || b.kind === 'union') && !typeEquals(a, b))
        return { error: `\`${op}\` between ${typeToString(a)} and ${typeToString(b)} is decided per member` };
      if (
        (a.kind === 'optional' || b.kind === 'optional') &&
        !typeEquals(a, b) &&
        a.kind !== 'none' &&
        b.kind !== 'none'
      ) {
        const ia = a.kind === 'optional' ? a.item : a;
        const ib = b.kind === 'optional' ? b.item : b;
        const num = (t: Type): boolean => t.kind === 'int' || t.kind === 'float' || t.kind === 'bool';
        const numbers = num(ia) && num(ib);
        if (numbers || (typeEquals(ia, ib) && ia.kind !== 'unknown')) {
          const target = !numbers || ia.kind === ib.kind ? '' : numericPair(ia, ib)[0]!.kind;
          return {
            entry: id,
            overload: 'Optional, value',
            result: bool,
            params: [a, b],
            variant: 'optional_value',
            detail: {
              opt: [a.kind === 'optional' ? 'y' : 'n', b.kind === 'optional' ? 'y' : 'n'],
              kinds: [ia.kind, ib.kind],
              target,
            },
          };
        }
      }
      // Containers whose types differ can still hold equal values (`[] == []` whatever the item
      // types, `[1] == [1.0]`), and an array's `.shape` of unknown rank is a list here where Python
      // has a tuple: rejected rather than answered False.
      const seq = (t: Type): boolean => t.kind === 'list' || t.kind === 'tuple';
      const sameLengthTuples = a.kind !== 'tuple' || b.kind !== 'tuple' || a.items.length === b.items.length;
      if (
        !comparable(a, b) &&
        ((seq(a) && seq(b) && sameLengthTuples) ||
          (a.kind === b.kind && (a.kind === 'set' || a.kind === 'dict' || a.kind === 'deque')))
      )
        return {
          error:
            a.kind !== b.kind
              ? `\`${op}\` between a list and a tuple is not supported (Python says they differ, but an array's \`.shape\` of unknown rank is a list here); compare the items`
              : `\`${op}\` between ${typeToString(a)} and ${typeToString(b)} is not supported; convert the items to one type first`,
        };
      // Values of different types are never equal in Python (1 == "1" is False).
      if (!comparable(a, b)) return { entry: id, overload: 'mixed', result: bool, params: [a, b], variant: 'mixed' };
      return {
        entry: id,
        overload: `${typeToString(a)}, ${typeToString(b)}`,
        result: bool,
        params: [a, a],
        variant: 'values',
      };
    },
    tests: [
      {
        params: { a: 'int', b: 'float' },
        expr: `a ${op} b`,
        samples: [
          [1, 1.0],
          [1, 1.5],
        ],
      },
      {
        params: { a: 'str', b: 'str' },
        expr: `a ${op} b`,
        samples: [
          ['a', 'a'],
          ['a', 'b'],
        ],
      },
      {
        params: { a: 'list[int]', b: 'list[int]' },
        expr: `a ${op} b`,
        samples: [
          [
            [1, 2],
            [1, 2],
          ],
          [[1], [2]],
        ],
      },
      {
        params: { a: 'float', b: 'Optional[float]' },
        expr: `a ${op} b`,
        samples: [
          [0.5, 0.5],
          [0.5, 1.5],
          [0.5, null],
        ],
      },
      {
        params: { a: 'Optional[int]', b: 'float' },
        expr: `a ${op} b`,
        samples: [
          [2, 2.0],
          [null, 2.0],
          [3, 2.5],
        ],
      },
      {
        params: { a: 'Optional[str]', b: 'Optional[str]' },
        expr: `a ${op} b`,
        samples: [
          ['x', 'x'],
          [null, null],
          ['x', null],
        ],
      },
      {
        params: { a: 'Optional[int]', b: 'Optional[bool]' },
        expr: `a ${op} b`,
        samples: [
          [1, true],
          [null, null],
          [0, null],
          [2, true],
        ],
      },
      { params: { b: 'Optional[int]' }, expr: `None ${op} b`, samples: [[null], [0]] },
      {
        params: { a: 'Optional[str]', b: 'int' },
        expr: `a ${op} b`,
        samples: [
          ['1', 1],
          [null, 1],
        ],
      },
    ],
  });
}

for (const [id, negate] of [
  ['operator.in_', false],
  ['operator.not_in', true],
] as const) {
  const bang = negate ? '!' : '';
  defineOp({
    id,
    summary: `x ${negate ? 'not in' : 'in'} container, for str, list, tuple, dict and set`,
    spell: {
      str: () => `${bang}rt::pystr::contains({&1}, {&0})`,
      items: () => `${bang}{&1}.contains(&{0})`,
      keys: () => `${bang}{&1}.contains_key(&{0})`,
      // A lazy sequence (range, dict views, zip ...) is drawn until the value turns up.
      iter: () => `${bang}{ let __x = {0}; {1}.into_iter().any(|__v| __v == __x) }`,
      // A value that can never equal an item (`"8" in [8, 16]`): both sides are evaluated, the answer is fixed.
      never: () => `{ let _ = (&{0}, &{1}); ${negate ? 'true' : 'false'} }`,
      tuple: (c) => {
        const f64 = (e: string, kind: string): string => (kind === 'bool' ? `(${e} as i64 as f64)` : `(${e} as f64)`);
        const xKind = c.detail!.x as string;
        const tests = (c.detail!.tests as string[]).map((t, i) =>
          t === 'eq' ? `__t.${i} == *__x` : t === 'never' ? 'false' : `${f64(`__t.${i}`, t)} == ${f64('*__x', xKind)}`,
        );
        return `${bang}{ let __t = {&1}; let __x = {&0}; ${tests.length ? tests.join(' || ') : 'false'} }`;
      },
    },
    resolve: (args) => {
      const [x, c] = args;
      if (!x || !c || args.length !== 2) return { error: 'expected two operands' };
      const r = (variant: string, params: Type[]): ResolveResult => ({
        entry: id,
        overload: `${typeToString(x)}, ${typeToString(c)}`,
        result: bool,
        params,
        variant,
      });
      switch (c.kind) {
        case 'str':
          return x.kind === 'str'
            ? r('str', [str, str])
            : { error: `\`in <str>\` requires str as left operand, not ${typeToString(x)}` };
        case 'list':
        case 'set':
          return neverEqual(x, c.item) ? r('never', [x, c]) : r('items', [c.item, c]);
        case 'dict':
          return neverEqual(x, c.key) ? r('never', [x, c]) : r('keys', [c.key, c]);
        case 'iter':
          if (c.fallible) return { error: '`in` over items produced by a model is not supported; collect them first' };
          return c.item.kind === 'unknown' || x.kind === c.item.kind || (x.kind === 'int' && c.item.kind === 'float')
            ? r('iter', [c.item, c])
            : { error: `\`in\` between ${typeToString(x)} and items of ${typeToString(c.item)} is not supported` };
        case 'tuple': {
          // Each item is compared as Python would: the same type by ==, numbers by value, and
          // plain values of different types (a str against an int) are never equal.
          const scalar = (t: Type): boolean => ['str', 'int', 'float', 'bool'].includes(t.kind);
          const numeric = (t: Type): boolean => ['int', 'float', 'bool'].includes(t.kind);
          const tests: string[] = [];
          for (const item of c.items) {
            if (typeEquals(item, x)) tests.push('eq');
            else if (numeric(item) && numeric(x)) tests.push(item.kind);
            else if (scalar(item) && scalar(x)) tests.push('never');
            else
              return {
                error: `\`in\` between ${typeToString(x)} and a tuple holding ${typeToString(item)} is not supported`,
              };
          }
          return { ...r('tuple', [x, c]), detail: { tests, x: x.kind } };
        }
        default:
          return { error: `\`in\` is not supported on ${typeToString(c)}` };
      }
    },
    tests: [
      {
        params: { k: 'str', n: 'int' },
        body: `bits = {8: "int8", 16: "half"}\nreturn (k ${negate ? 'not in' : 'in'} bits, k ${negate ? 'not in' : 'in'} [8, 16], n ${negate ? 'not in' : 'in'} {"8", "16"}, None ${negate ? 'not in' : 'in'} ["a"], n ${negate ? 'not in' : 'in'} bits)`,
        samples: [
          ['8', 8],
          ['x', 3],
        ],
      },
      {
        params: { x: 'int', w: 'str', f: 'float' },
        expr: `[x ${negate ? 'not in' : 'in'} range(0, 10, 3), w ${negate ? 'not in' : 'in'} ("cat", "dog"), x ${negate ? 'not in' : 'in'} (1, 2.5, True, "x"), f ${negate ? 'not in' : 'in'} (3, 2), x ${negate ? 'not in' : 'in'} {"a": x}.values(), w ${negate ? 'not in' : 'in'} {"cat": 1}.keys(), w ${negate ? 'not in' : 'in'} ()]`,
        samples: [
          [3, 'cat', 2.0],
          [1, 'cow', 2.5],
          [10, 'dog', 3.0],
        ],
      },
      {
        params: { a: 'str', b: 'str' },
        expr: `a ${negate ? 'not in' : 'in'} b`,
        samples: [
          ['b', 'abc'],
          ['x', 'abc'],
          ['', ''],
        ],
      },
      {
        params: { a: 'int', b: 'list[int]' },
        expr: `a ${negate ? 'not in' : 'in'} b`,
        samples: [
          [1, [1, 2]],
          [3, []],
        ],
      },
    ],
  });
}

for (const [id, negate] of [
  ['operator.is_', false],
  ['operator.is_not', true],
] as const) {
  defineOp({
    id,
    summary: `x ${negate ? 'is not' : 'is'} None`,
    spell: {
      ...Object.fromEntries(
        (
          [
            'optional_0',
            'optional_1',
            'none',
            'value',
            'dynamic_0',
            'dynamic_1',
            'optdynamic_0',
            'optdynamic_1',
          ] as const
        ).map((v) => {
          // A dynamic value (a JSON value, `Any`) is None when it holds JSON's null; an Optional one (`d.get("k")` of
          // a JSON object) also when it is absent.
          const isNone =
            v === 'none'
              ? 'true'
              : v === 'value'
                ? 'false'
                : v.startsWith('dynamic')
                  ? `matches!({&${v.slice(-1)}}, rt::Value::None)`
                  : v.startsWith('optdynamic')
                    ? `{&${v.slice(-1)}}.as_ref().map_or(true, |__v| matches!(__v, rt::Value::None))`
                    : `{&${v.slice(-1)}}.is_none()`;
          return [v, () => (negate ? `!${isNone}` : isNone)];
        }),
      ),
      singleton: () => `({&0} ${negate ? '!=' : '=='} {&1})`,
    },
    resolve: (args) => {
      const [a, b] = args;
      if (!a || !b) return { error: 'expected two operands' };
      // Members of one Enum, and bools, are singletons in CPython: identity is equality.
      if ((a.kind === 'enum' && b.kind === 'enum' && a.name === b.name) || (a.kind === 'bool' && b.kind === 'bool'))
        return {
          entry: id,
          overload: `${typeToString(a)}, ${typeToString(b)}`,
          result: bool,
          params: args,
          variant: 'singleton',
        };
      const [x, at] = b.kind === 'none' ? [a, 0] : a.kind === 'none' ? [b, 1] : [undefined, -1];
      if (!x) return { error: '`is` is supported only for comparisons with None; use `==` for values' };
      return {
        entry: id,
        overload: `${typeToString(x)}, None`,
        result: bool,
        params: args,
        variant:
          x.kind === 'optional'
            ? `${x.item.kind === 'dynamic' ? 'optdynamic' : 'optional'}_${at}`
            : x.kind === 'dynamic'
              ? `dynamic_${at}`
              : x.kind === 'none'
                ? 'none'
                : 'value',
      };
    },
    tests: [
      { params: { x: 'Optional[int]' }, expr: `x ${negate ? 'is not' : 'is'} None`, samples: [[null], [3]] },
      {
        params: { s: 'str' },
        body: `d = json.loads(s)\nv = d.get("k")\nreturn [v ${negate ? 'is not' : 'is'} None, None ${negate ? 'is not' : 'is'} v]`,
        imports: ['import json'],
        samples: [['{"k": null}'], ['{}'], ['{"k": 0}']],
      },
      {
        params: { xs: 'list[Any]' },
        expr: `[x ${negate ? 'is not' : 'is'} None for x in xs] + [None ${negate ? 'is not' : 'is'} x for x in xs]`,
        samples: [[[1, null, 'a', [null]]]],
        imports: ['from typing import Any'],
      },
      {
        params: { x: 'bool', y: 'int' },
        expr: `(x ${negate ? 'is not' : 'is'} True, (y > 0) ${negate ? 'is not' : 'is'} x)`,
        samples: [
          [true, 1],
          [false, 1],
          [false, -1],
        ],
      },
    ],
  });
}

// ---- Indexing -------------------------------------------------------------------------

defineOp({
  id: 'operator.getitem',
  summary: 'x[i] and x[a:b:c] on str, list, tuple and dict',
  spell: {
    tuple: (c) => `{0}.${c.detail!.index}`,
    tuple_item: (c) =>
      `{ let __t = {&0}; rt::list::tuple_getitem(&[${Array.from({ length: c.detail!.count as number }, (_, k) => `__t.${k}.clone()`).join(', ')}], {1})? }`,
    str_slice: () => 'rt::pystr::slice({&0}, {1})?',
    list_slice: () => 'rt::list::slice({&0}, {1})?',
    str: () => 'rt::pystr::getitem({&0}, {1})?',
    list: () => 'rt::list::getitem({&0}, {1})?',
    defaultdict: () => '{mut0}.entry({1}).or_insert_with(Default::default).clone()',
    counter: () => '{&0}.get({&1}).copied().unwrap_or(0)',
    dict: () => 'rt::dict::getitem({&0}, {&1})?',
    dict_never: () => 'rt::dict::getitem_other({&0}, {&1})?',
    counter_never: () => '{ let _ = (&{0}, &{1}); 0 }',
  },
  resolve: (args, kw, consts, kwConsts) => {
    const [c, i] = args;
    if (!c || !i) return { error: 'expected a container and an index' };
    // Library types (ndarray, a tokenizer's output) index through their own `__getitem__` entry.
    const family = c.kind === 'ndarray' || c.kind === 'opaque' || c.kind === 'resource' ? receiverFamily(c) : undefined;
    const own = family ? lookupOp(`${family}.__getitem__`) : undefined;
    if (own) return own.resolve(args, kw, consts, kwConsts);
    if (c.kind === 'tuple') {
      const k = consts?.[1];
      // An index known only at run time reads a tuple whose items share one type (a table of labels).
      const same = c.items.length > 0 && c.items.every((x) => typeToString(x) === typeToString(c.items[0]!));
      if (k?.kind !== 'int' && same && (i.kind === 'int' || i.kind === 'bool'))
        return {
          entry: 'operator.getitem',
          overload: 'tuple, int',
          result: c.items[0]!,
          params: [c, int],
          variant: 'tuple_item',
          detail: { count: c.items.length },
        };
      if (k?.kind !== 'int')
        return { error: "a tuple index must be an int literal, unless all the tuple's items have one type" };
      const n = Number(k.value) < 0 ? c.items.length + Number(k.value) : Number(k.value);
      if (n < 0 || n >= c.items.length) return { error: `tuple index ${k.value} out of range for ${typeToString(c)}` };
      return {
        entry: 'operator.getitem',
        overload: `tuple, ${n}`,
        result: c.items[n]!,
        params: [c, int],
        variant: 'tuple',
        detail: { index: n },
      };
    }
    const r = (overload: string, result: Type, params: Type[], variant: string): ResolveResult => ({
      entry: 'operator.getitem',
      overload,
      result,
      params,
      variant,
    });
    if (isSlice(i)) {
      if (c.kind === 'str') return r('str, slice', str, [c, i], 'str_slice');
      if (c.kind === 'list') return r('list, slice', c, [c, i], 'list_slice');
      return { error: `${typeToString(c)} cannot be sliced` };
    }
    switch (c.kind) {
      // A dynamic index (a value read from JSON) converts to an int with a run-time check.
      case 'str':
        return i.kind === 'int' || i.kind === 'bool' || i.kind === 'dynamic'
          ? r('str, int', str, [c, int], 'str')
          : { error: 'string indices must be integers' };
      case 'list':
        return i.kind === 'int' || i.kind === 'bool' || i.kind === 'dynamic'
          ? r('list, int', c.item, [c, int], 'list')
          : { error: 'list indices must be integers' };
      case 'dict':
        // A defaultdict inserts its default on a missing key (so reading mutates); a Counter gives 0.
        if (c.missing === 'insert') {
          const key = c.key.kind === 'unknown' ? i : c.key;
          return {
            ...r('defaultdict, key', c.value, [c, key], 'defaultdict'),
            mutates: true,
            refineReceiver: { kind: 'dict', key, value: c.value, missing: 'insert' },
          };
        }
        // A key that can never equal the dict's keys (`d["8"]` of a dict[int, str]) is CPython's KeyError.
        if (neverEqual(i, c.key) && c.missing !== 'zero') return r('dict, other key', c.value, [c, i], 'dict_never');
        if (c.missing === 'zero')
          return r('Counter, key', c.value, [c, c.key], neverEqual(i, c.key) ? 'counter_never' : 'counter');
        return r('dict, key', c.value, [c, c.key], 'dict');
      default:
        return { error: `${typeToString(c)} is not subscriptable here` };
    }
  },
  tests: [
    {
      params: { i: 'int' },
      expr: '("person", "car", "dog")[i]',
      samples: [[0], [2], [-1], [3], [-4]],
    },
    {
      params: { s: 'str', i: 'int' },
      expr: 's[i]',
      samples: [
        ['héllo', 1],
        ['héllo', -1],
        ['abc', 5],
      ],
    },
    { params: { s: 'str' }, expr: 's[::-1]', samples: [['héllo wörld'], ['']] },
    { params: { s: 'str' }, expr: 's[1:-1:2]', samples: [['abcdefg'], ['日本語テキスト']] },
    {
      params: { xs: 'list[int]', i: 'int' },
      expr: 'xs[i]',
      samples: [
        [[1, 2, 3], -1],
        [[1], 3],
      ],
    },
    { params: { xs: 'list[int]' }, expr: 'xs[::-2]', samples: [[[1, 2, 3, 4, 5]]] },
    {
      params: { k: 'str', n: 'int' },
      body: 'd = {8: "int8", 16: "half"}\nc = collections.Counter([1, 1, 2])\nreturn (c[k], d[n], d[k])',
      imports: ['import collections'],
      samples: [
        ['8', 8],
        ['x', 16],
      ],
    },
    {
      params: { d: 'dict[str, int]', k: 'str' },
      expr: 'd[k]',
      samples: [
        [{ a: 1 }, 'a'],
        [{ a: 1 }, 'b'],
      ],
    },
  ],
});

defineOp({
  id: 'operator.setitem',
  summary: 'x[i] = v on list and dict',
  resolve: (args) => {
    const [c, i, v] = args;
    if (!c || !i || !v) return { error: 'expected a container, an index and a value' };
    // `xs[a:b] = items` (the list grows or shrinks; an extended slice takes exactly its length).
    if (c.kind === 'list' && isSlice(i)) {
      const item =
        v.kind === 'list'
          ? c.item.kind === 'unknown'
            ? v.item
            : v.item.kind === 'unknown'
              ? c.item
              : unifyItems(c.item, v.item)
          : undefined;
      if (!item) return { error: `a slice of ${typeToString(c)} takes a list of its items, not ${typeToString(v)}` };
      return {
        entry: 'operator.setitem',
        overload: 'list, slice',
        result: T.none,
        params: [T.list(item), i, T.list(item)],
        variant: 'list_slice',
        mutates: true,
        refineReceiver: T.list(item),
      };
    }
    if (c.kind === 'list') {
      if (i.kind !== 'int' && i.kind !== 'dynamic') return { error: 'list indices must be integers' };
      const item =
        c.item.kind === 'unknown' ? v : c.item.kind === 'float' && v.kind === 'int' ? c.item : unifyItems(c.item, v);
      if (!item) return { error: `cannot store ${typeToString(v)} in ${typeToString(c)}` };
      return {
        entry: 'operator.setitem',
        overload: 'list, int',
        result: T.none,
        params: [T.list(item), int, item],
        variant: 'list',
        mutates: true,
        refineReceiver: T.list(item),
      };
    }
    if (c.kind === 'dict') {
      const key = c.key.kind === 'unknown' ? i : c.key;
      // A value of another type widens the dict's values to a variant.
      const value =
        c.value.kind === 'unknown'
          ? v
          : c.value.kind === 'float' && v.kind === 'int'
            ? c.value
            : unifyItems(c.value, v);
      // A dynamic key (a value read from JSON) converts to the dict's key type with a run-time check.
      if ((!typeEquals(key, i) && !(i.kind === 'dynamic' && c.key.kind !== 'unknown')) || !value)
        return { error: `cannot store ${typeToString(i)}: ${typeToString(v)} in ${typeToString(c)}` };
      const dict = T.dict(key, value);
      return {
        entry: 'operator.setitem',
        overload: 'dict, key',
        result: T.none,
        params: [dict, key, value],
        variant: 'dict',
        mutates: true,
        refineReceiver: dict,
      };
    }
    return { error: `${typeToString(c)} does not support item assignment` };
  },
  tests: [
    {
      params: { xs: 'list[int]' },
      body: 'xs[1:3] = [7, 8, 9]\nys = list(xs)\nys[::2] = [0] * len(ys[::2])\nzs = list(xs)\nzs[-1:] = []\nreturn xs, ys, zs',
      samples: [[[1, 2, 3, 4]], [[1]], [[]]],
    },
    {
      params: { xs: 'list[int]' },
      body: 'xs[::2] = [0]\nreturn xs',
      samples: [[[1, 2, 3]], [[5]]],
    },
    {
      params: { xs: 'list[int]', i: 'int' },
      body: 'xs[i] = 9\nreturn xs',
      samples: [
        [[1, 2], -1],
        [[1], 4],
      ],
    },
  ],
});

defineOp({
  id: 'operator.delitem',
  summary: 'del x[i] on list and dict (IndexError / KeyError when absent)',
  resolve: (args) => {
    const [c, i] = args;
    if (!c || !i) return { error: 'expected a container and an index' };
    if (c.kind === 'list' && isSlice(i))
      return {
        entry: 'operator.delitem',
        overload: 'list, slice',
        result: T.none,
        params: [c, i],
        variant: 'list_slice',
        mutates: true,
      };
    if (c.kind === 'list') {
      if (i.kind !== 'int' && i.kind !== 'bool') return { error: 'list indices must be integers' };
      return {
        entry: 'operator.delitem',
        overload: 'list, int',
        result: T.none,
        params: [c, int],
        variant: 'list',
        mutates: true,
      };
    }
    if (c.kind === 'dict') {
      if (c.key.kind !== 'unknown' && typeToString(c.key) !== typeToString(i))
        return { error: `dict keys are ${typeToString(c.key)}, not ${typeToString(i)}` };
      return {
        entry: 'operator.delitem',
        overload: 'dict, key',
        result: T.none,
        params: [c, c.key],
        variant: 'dict',
        mutates: true,
      };
    }
    return { error: `${typeToString(c)} does not support item deletion` };
  },
  tests: [
    {
      params: { xs: 'list[int]' },
      body: 'a = list(xs)\ndel a[1:3]\nb = list(xs)\ndel b[::2]\nc = list(xs)\ndel c[::-1]\nreturn a, b, c',
      samples: [[[1, 2, 3, 4, 5]], [[]]],
    },
    {
      params: { xs: 'list[int]', i: 'int' },
      body: 'xs = list(xs)\ndel xs[i]\nreturn xs',
      samples: [
        [[1, 2, 3], -1],
        [[1, 2], 0],
        [[1], 5],
      ],
    },
    {
      params: { d: 'dict[str, int]', k: 'str' },
      body: 'd = dict(d)\ndel d[k]\nreturn d',
      samples: [
        [{ a: 1, b: 2 }, 'a'],
        [{ a: 1 }, 'z'],
      ],
    },
  ],
});

function isSlice(t: Type): boolean {
  return t.kind === 'slice';
}

// The Rust of each variant the rules above choose.
defineSpellings({
  'operator.add': { lists: () => 'rt::list::concat(&{&0}, &{&1})' },
  'operator.sub': { sets: () => 'rt::dict::difference({&0}, {&1})', views: viewSpelling('difference') },
  'operator.mul': { list_int: () => 'rt::list::repeat({&0}, {1})?' },
  'operator.setitem': {
    list: () => 'rt::list::setitem({mut0}, {1}, {2})?',
    list_slice: () => 'rt::list::setslice({mut0}, {1}, {2})?',
    dict: () => '{mut0}.insert({1}, {2})',
  },
  'operator.delitem': {
    list: () => '{ rt::list::pop({mut0}, {1})?; }',
    list_slice: () => 'rt::list::delslice({mut0}, {1})?',
    dict: () => '{ rt::dict::pop({mut0}, &{1})?; }',
  },
});
