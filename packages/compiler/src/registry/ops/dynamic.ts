/**
 * Operations on dynamic values (the type `object`: what `json.loads` returns, the values of a
 * `dict[str, Any]`, a `.tolist()` of unknown rank). Each decides by the value's run-time type
 * in `rt::dynamic`, as CPython does: indexing, `.get`/`.keys`/`.values`/`.items`, `in`,
 * `==` and the orderings, arithmetic, and `int()`/`float()`. A dynamic value meets a typed one
 * by converting the typed one into a value; the result of indexing or arithmetic is dynamic
 * again, and an annotation (or a conversion such as `float(...)`) gives it a static type.
 */
import { defineOp, extendOp, T, type ResolveResult } from '../registry';
import type { OpChoice } from '../../ir/choice';
import { isValueType, type Type, typeToString } from '../../types/types';

const dyn = (t: Type | undefined): boolean => t?.kind === 'dynamic';
/**
 * A dynamic operand of a comparison or arithmetic: a dynamic value or an Optional one (`t = schema.get("type")`),
 * which converts into a dynamic value with None as itself, so `t == "array"` compares the run-time value.
 */
const dynOperand = (t: Type | undefined): boolean => dyn(t) || (t?.kind === 'optional' && dyn(t.item));
/** An operand that converts into a dynamic value (every type with a value-JSON form). */
const valueLike = (t: Type | undefined): boolean => t !== undefined && t.kind !== 'slice' && isValueType(t);
const ok = (entry: string, result: Type, params: Type[], variant: string): ResolveResult => ({
  entry,
  overload: params.map(typeToString).join(', '),
  result,
  params,
  variant,
});
const IMPORTS = ['import json'];
const load = (body: string): string => `d = json.loads(s)\n${body}`;
/**
 * `{N}` converted into a dynamic value (a no-op for a dynamic value). A container whose item
 * types are unknown can only be an empty literal (`d.get("usage", {})`), which has no Rust type
 * to convert from: it is spelled as the empty value directly.
 */
function asValue(i: number, c?: OpChoice): string {
  const t = c?.params[i];
  if (t?.kind === 'dict' && (t.key.kind === 'unknown' || t.value.kind === 'unknown'))
    return 'rt::Value::Dict(Vec::new())';
  if ((t?.kind === 'list' || t?.kind === 'set') && t.item.kind === 'unknown') return 'rt::Value::List(Vec::new())';
  return `rt::IntoValue::into_value({${i}})`;
}

for (const [name, fn] of [
  ['float', 'to_float'],
  ['int', 'to_int'],
] as const)
  extendOp(`builtins.${name}`, {
    summary: `${name}(v) of a dynamic value, by its run-time type`,
    resolve: (args) =>
      args.length === 1 && dyn(args[0])
        ? ok(`builtins.${name}`, name === 'float' ? T.float : T.int, [T.dynamic], 'dynamic')
        : undefined,
    spell: { dynamic: () => `rt::dynamic::${fn}({&0})?` },
    tests: [
      {
        params: { s: 'str' },
        body: load(`return ${name}(d["x"])`),
        imports: IMPORTS,
        samples: [
          ['{"x": 2}'],
          ['{"x": -2.75}'],
          ['{"x": " 12 "}'],
          ['{"x": true}'],
          ['{"x": [1]}'],
          ['{"x": "abc"}'],
          ['{"x": null}'],
        ],
      },
    ],
  });

/** The classes a dynamic value can be an instance of, by `Value`'s run-time type names. */
const DYNAMIC_CLASSES = new Set(['int', 'float', 'bool', 'str', 'bytes', 'list', 'dict', 'tuple', 'set']);

extendOp('builtins.isinstance', {
  summary: 'isinstance(v, cls) of a dynamic value, by its run-time type (a bool is an int)',
  resolve: (args, _kw, consts) => {
    const cls = consts?.[1];
    const t = args[0];
    // An Optional dynamic value (`d.get(k)` of a dict of dynamic values) is None or a value of any class.
    const optional = t?.kind === 'optional' && dyn(t.item);
    if (args.length !== 2 || !(dyn(t) || optional) || cls?.kind !== 'str') return undefined;
    const names = cls.value.split('|');
    if (names.some((n) => !DYNAMIC_CLASSES.has(n))) return undefined;
    if (optional) return { ...ok('builtins.isinstance', T.bool, [t], 'optional_dynamic'), detail: { names } };
    return { ...ok('builtins.isinstance', T.bool, [T.dynamic], 'dynamic'), detail: { names } };
  },
  spell: {
    dynamic: (c) =>
      `rt::dynamic::isinstance({&0}, &[${(c.detail!.names as string[]).map((n) => JSON.stringify(n)).join(', ')}])`,
    optional_dynamic: (c) =>
      `{&0}.as_ref().map_or(false, |__v| rt::dynamic::isinstance(__v, &[${(c.detail!.names as string[]).map((n) => JSON.stringify(n)).join(', ')}]))`,
  },
  tests: [
    {
      params: { s: 'str' },
      body: load(
        'return [isinstance(d, dict), isinstance(d, (list, tuple)), isinstance(d, int), isinstance(d, (float, str)), isinstance(d, (str, bytes)), isinstance(d, bytes)]',
      ),
      imports: IMPORTS,
      samples: [['{"a": 1}'], ['[1, 2]'], ['true'], ['3'], ['2.5'], ['"x"'], ['null']],
    },
    {
      params: { s: 'str', k: 'str' },
      body: load(
        'm: dict[str, object] = d\nreturn [isinstance(m.get(k), dict), isinstance(m.get(k), (int, str)), isinstance(m.get(k), list)]',
      ),
      imports: IMPORTS,
      samples: [
        ['{"a": {"b": 1}}', 'a'],
        ['{"a": 3}', 'a'],
        ['{"a": [1]}', 'a'],
        ['{"a": {}}', 'b'],
      ],
    },
    {
      params: { s: 'str', path: 'str' },
      body: load(
        'cur = d\nfor part in path.split("."):\n    if not isinstance(cur, dict) or part not in cur:\n        return "missing"\n    cur = cur[part]\nreturn str(cur)',
      ),
      imports: IMPORTS,
      samples: [
        ['{"a": {"b": {"c": 3}}}', 'a.b.c'],
        ['{"a": {"b": 1}}', 'a.b.c'],
        ['[1]', 'a'],
      ],
    },
  ],
});

extendOp('operator.getitem', {
  summary: 'dynamic[a:b:c]: a list or str value sliced (TypeError for other values)',
  resolve: (args) =>
    dyn(args[0]) && args[1]?.kind === 'slice' && args.length === 2
      ? ok('operator.getitem', T.dynamic, [T.dynamic, T.slice], 'dynamic_slice')
      : undefined,
  spell: { dynamic_slice: () => 'rt::dynamic::getslice({&0}, {1})?' },
  tests: [
    {
      params: { s: 'str' },
      body: load('return d[1:], d[::-1], d[:1]'),
      samples: [['[1, "a", [2]]'], ['"text"'], ['[]']],
      imports: IMPORTS,
    },
    {
      params: { s: 'str' },
      body: load('return d[1:]'),
      samples: [['{"a": 1}'], ['5']],
      imports: IMPORTS,
    },
  ],
});

extendOp('operator.getitem', {
  summary: 'v[key] of a dynamic value: a dict by key, a list or str by index (KeyError, IndexError, TypeError)',
  resolve: (args) =>
    args.length === 2 && dyn(args[0]) && valueLike(args[1])
      ? ok('operator.getitem', T.dynamic, [T.dynamic, args[1]!], 'dynamic')
      : undefined,
  spell: { dynamic: (c) => `rt::dynamic::getitem({&0}, &${asValue(1, c)})?` },
  tests: [
    {
      params: { s: 'str', k: 'str' },
      body: load('return d[k]'),
      imports: IMPORTS,
      samples: [
        ['{"a": [1, 2], "b": null}', 'a'],
        ['{"a": 1}', 'z'],
        ['[1, 2]', 'a'],
      ],
    },
    {
      params: { s: 'str', i: 'int' },
      body: load('return d[i]'),
      imports: IMPORTS,
      samples: [
        ['[10, "x", 2.5]', -1],
        ['[10]', 3],
        ['"héllo"', 1],
        ['null', 0],
        ['{"1": "one"}', 1],
      ],
    },
    {
      params: { s: 'str' },
      body: load('return d["rows"][0]["name"]'),
      imports: IMPORTS,
      samples: [['{"rows": [{"name": "a"}]}'], ['{"rows": []}']],
    },
  ],
});

const METHODS: [string, string, Type, string][] = [
  ['keys', 'a list of the keys of a dict value', T.list(T.str), 'rt::dynamic::keys({&0})?'],
  ['values', 'a list of the values of a dict value', T.list(T.dynamic), 'rt::dynamic::values({&0})?'],
  [
    'items',
    'a list of the (key, value) pairs of a dict value',
    T.list(T.tuple([T.str, T.dynamic])),
    'rt::dynamic::items({&0})?',
  ],
];
for (const [name, summary, result, rust] of METHODS)
  defineOp({
    id: `dynamic.${name}`,
    summary: `v.${name}(): ${summary} (AttributeError for other values)`,
    resolve: (args) =>
      args.length === 1 && dyn(args[0])
        ? ok(`dynamic.${name}`, result, [T.dynamic], 'value')
        : { error: `${name}() takes no arguments` },
    spell: { value: () => rust },
    tests: [
      {
        params: { s: 'str' },
        body: load(`return list(d.${name}())`),
        imports: IMPORTS,
        samples: [['{"b": 1, "a": 2}'], ['{}'], ['[1]']],
      },
    ],
  });

defineOp({
  id: 'dynamic.get',
  summary: 'v.get(key, default=None) of a dict value (AttributeError for other values)',
  resolve: (args) => {
    const [, key, dflt] = args;
    if (args.length < 2 || args.length > 3) return { error: 'get() takes a key and an optional default' };
    if (!valueLike(key) || (dflt !== undefined && !valueLike(dflt)))
      return { error: 'the key and the default must be values with a JSON form' };
    // An Optional receiver (`data = ev.get("data")`) is a dynamic value as well: None is one, whose `.get` raises
    // CPython's AttributeError.
    return ok('dynamic.get', T.dynamic, [T.dynamic, ...args.slice(1)], args.length === 3 ? 'default' : 'none');
  },
  spell: {
    default: (c) => `rt::dynamic::get({&0}, &${asValue(1, c)}, ${asValue(2, c)})?`,
    none: (c) => `rt::dynamic::get({&0}, &${asValue(1, c)}, rt::Value::None)?`,
  },
  tests: [
    {
      params: { s: 'str' },
      body: load('return [d.get("a"), d.get("z"), d.get("z", 0), d.get("a", "x")]'),
      imports: IMPORTS,
      samples: [['{"a": [1]}'], ['[1]']],
    },
  ],
});

for (const [id, negate] of [
  ['operator.in_', false],
  ['operator.not_in', true],
] as const)
  extendOp(id, {
    summary: `x ${negate ? 'not in' : 'in'} v for a dynamic v: a dict's keys, a list's items, a substring`,
    resolve: (args) =>
      args.length === 2 && dyn(args[1]) && valueLike(args[0])
        ? ok(id, T.bool, [args[0]!, T.dynamic], 'dynamic')
        : undefined,
    spell: { dynamic: (c) => `${negate ? '!' : ''}rt::dynamic::contains({&1}, &${asValue(0, c)})?` },
    tests: [
      {
        params: { s: 'str', k: 'str' },
        body: load(`return k ${negate ? 'not in' : 'in'} d`),
        imports: IMPORTS,
        samples: [
          ['{"a": 1}', 'a'],
          ['["a", "b"]', 'c'],
          ['"abc"', 'bc'],
          ['3', 'a'],
        ],
      },
    ],
  });

for (const [id, negate] of [
  ['operator.in_', false],
  ['operator.not_in', true],
] as const)
  extendOp(id, {
    summary: `v ${negate ? 'not in' : 'in'} xs for a dynamic (or Optional dynamic) v and a list, tuple, set or str-keyed dict: by Python's == on the run-time value, None included`,
    resolve: (args) => {
      const [x, c] = args;
      if (args.length !== 2 || !dynOperand(x) || dyn(c) || !valueLike(c)) return undefined;
      const container =
        c!.kind === 'list' || c!.kind === 'tuple' || c!.kind === 'set' || (c!.kind === 'dict' && c!.key.kind === 'str');
      return container ? ok(id, T.bool, [x!, c!], 'needle') : undefined;
    },
    spell: { needle: (c) => `${negate ? '!' : ''}rt::dynamic::contains(&${asValue(1, c)}, &${asValue(0, c)})?` },
    tests: [
      {
        params: { s: 'str' },
        body: load(
          `t = d.get("type")\nreturn [t ${negate ? 'not in' : 'in'} ("integer", "number"), d.get("n") ${negate ? 'not in' : 'in'} [1, 2.5], t ${negate ? 'not in' : 'in'} {"object": 1}, d.get("n") ${negate ? 'not in' : 'in'} {None, 3}]`,
        ),
        imports: IMPORTS,
        samples: [
          ['{"type": "number", "n": 2.5}'],
          ['{"type": "object", "n": true}'],
          ['{}'],
          ['{"type": ["x"], "n": 3}'],
        ],
      },
    ],
  });

for (const [id, negate] of [
  ['operator.eq', false],
  ['operator.ne', true],
] as const)
  extendOp(id, {
    summary: `a ${negate ? '!=' : '=='} b with a dynamic side, by Python's rules for the run-time types`,
    resolve: (args) =>
      args.length === 2 && (dynOperand(args[0]) || dynOperand(args[1])) && valueLike(args[0]) && valueLike(args[1])
        ? ok(id, T.bool, [args[0]!, args[1]!], 'dynamic')
        : undefined,
    spell: { dynamic: (c) => `${negate ? '!' : ''}rt::dynamic::eq(&${asValue(0, c)}, &${asValue(1, c)})` },
    tests: [
      {
        params: { s: 'str' },
        body: load(
          `return [d["k"] ${negate ? '!=' : '=='} "cat", d["n"] ${negate ? '!=' : '=='} 1, d["xs"] ${negate ? '!=' : '=='} [1, 2], d["n"] ${negate ? '!=' : '=='} d["f"]]`,
        ),
        imports: IMPORTS,
        samples: [['{"k": "cat", "n": 1, "xs": [1, 2.0], "f": 1.0}'], ['{"k": "dog", "n": true, "xs": [1], "f": 1.5}']],
      },
    ],
  });

for (const [id, op] of [
  ['operator.lt', '<'],
  ['operator.le', '<='],
  ['operator.gt', '>'],
  ['operator.ge', '>='],
] as const)
  extendOp(id, {
    summary: `a ${op} b with a dynamic side: numbers, strs and lists order as in Python; other pairs raise TypeError`,
    resolve: (args) =>
      args.length === 2 && (dynOperand(args[0]) || dynOperand(args[1])) && valueLike(args[0]) && valueLike(args[1])
        ? ok(id, T.bool, [args[0]!, args[1]!], 'dynamic')
        : undefined,
    spell: { dynamic: (c) => `rt::dynamic::compare(&${asValue(0, c)}, &${asValue(1, c)}, ${JSON.stringify(op)})?` },
    tests: [
      {
        params: { s: 'str' },
        body: load(`return [d["n"] ${op} 2, 1.5 ${op} d["n"], d["k"] ${op} "b"]`),
        imports: IMPORTS,
        samples: [['{"n": 2, "k": "a"}'], ['{"n": 1.5, "k": "c"}'], ['{"n": "x", "k": "a"}']],
      },
    ],
  });

for (const [id, op] of [
  ['operator.add', '+'],
  ['operator.sub', '-'],
  ['operator.mul', '*'],
  ['operator.truediv', '/'],
  ['operator.floordiv', '//'],
  ['operator.mod', '%'],
  ['operator.pow', '**'],
] as const)
  extendOp(id, {
    summary: `a ${op} b with a dynamic side, by the operands' run-time types; the result is dynamic`,
    resolve: (args) =>
      args.length === 2 && (dynOperand(args[0]) || dynOperand(args[1])) && valueLike(args[0]) && valueLike(args[1])
        ? ok(id, T.dynamic, [args[0]!, args[1]!], 'dynamic')
        : undefined,
    spell: { dynamic: (c) => `rt::dynamic::binop(&${asValue(0, c)}, &${asValue(1, c)}, ${JSON.stringify(op)})?` },
    tests: [
      {
        params: { s: 'str' },
        body: load(`return [d["a"] ${op} 2, 3 ${op} d["b"]]`),
        imports: IMPORTS,
        samples: [['{"a": 7, "b": 2}'], ['{"a": 2.5, "b": -4}'], ['{"a": "ab", "b": 0}']],
      },
    ],
  });
