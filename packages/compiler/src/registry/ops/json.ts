/**
 * Python's `json.dumps` and `json.loads`. `dumps` takes any value with a JSON form (converted to
 * the runtime's dynamic value, then written as CPython's encoder writes it, with `indent`,
 * `separators` (a literal pair), `sort_keys` and `ensure_ascii`); `loads` gives a dynamic value,
 * which an annotation (`data: dict[str, int] = json.loads(s)`, a return type) converts to a
 * declared type with a run-time check. Malformed text raises `json.JSONDecodeError`. `json.JSONDecoder()` (no
 * options) has `decode` and `raw_decode(s, idx=0)`, which reads the one document starting at idx.
 */
import { defineOp, defineSpellings, T, type ResolveResult } from '../registry';
import { isValueType, type Type, typeToString } from '../../types/types';

/** Why values of `t` have no JSON text in CPython, or undefined when they have one. */
function notSerializable(t: Type): string | undefined {
  switch (t.kind) {
    case 'set':
      return 'set';
    case 'list':
    case 'optional':
      return notSerializable(t.item);
    case 'tuple':
      return t.items.map(notSerializable).find((x) => x !== undefined);
    case 'union':
      return t.members.map(notSerializable).find((x) => x !== undefined);
    case 'dict':
      if (t.key.kind !== 'str' && t.key.kind !== 'int' && t.key.kind !== 'unknown')
        return `dict with ${typeToString(t.key)} keys`;
      return notSerializable(t.value);
    case 'ndarray':
    case 'struct':
    case 'enum':
      return typeToString(t);
    default:
      return isValueType(t) ? undefined : typeToString(t);
  }
}

defineOp({
  id: 'json.dumps',
  summary: 'json.dumps(obj, indent=None, separators=None, sort_keys=False, ensure_ascii=True)',
  resolve: (args, kw): ResolveResult => {
    if (args.length !== 1) return { error: 'dumps() takes one object (the options by keyword)' };
    const bad = notSerializable(args[0]!);
    // `default=` is called only for what json cannot write: with an object of value types it is never called (a
    // dynamic value holds JSON's own types), so it is accepted and unused; over other objects it is a diagnostic.
    if (bad && kw.has('default'))
      return {
        error: `dumps(default=...) over ${bad} is not supported: convert those values (str(), .tolist(), dataclasses.asdict) first`,
      };
    if (bad) return { error: `Object of type ${bad} is not JSON serializable` };
    const d = kw.get('default');
    if (d && d.kind !== 'callable' && d.kind !== 'none') return { error: 'default must be a function or None' };
    for (const k of kw.keys())
      if (!['indent', 'separators', 'sort_keys', 'ensure_ascii', 'default'].includes(k))
        return {
          error: `dumps() keyword \`${k}\` is not supported (indent, separators, sort_keys, ensure_ascii, default are)`,
        };
    const indent = kw.get('indent');
    let indentCode = 'None';
    if (indent && indent.kind !== 'none') {
      if (indent.kind === 'int') indentCode = 'Some(rt::json::indent_spaces({kw:indent}))';
      else if (indent.kind === 'str') indentCode = 'Some({kw:indent})';
      else return { error: 'indent must be an int, a str or None' };
    }
    let sepCode = 'None';
    const sep = kw.get('separators');
    if (sep && sep.kind !== 'none') {
      if (sep.kind !== 'tuple' || sep.items.length !== 2 || sep.items.some((x) => x.kind !== 'str'))
        return { error: 'separators must be a pair of strings, e.g. (",", ":")' };
      sepCode = 'Some((__sep.0.as_str(), __sep.1.as_str()))';
    }
    for (const b of ['sort_keys', 'ensure_ascii'])
      if (kw.has(b) && kw.get(b)!.kind !== 'bool') return { error: `${b} must be a bool` };
    return {
      entry: 'json.dumps',
      overload: typeToString(args[0]!),
      result: T.str,
      params: [args[0]!],
      variant: 'value',
      detail: {
        options: `rt::json::Dumps { indent: ${indentCode}, separators: ${sepCode}, sort_keys: ${kw.has('sort_keys') ? '{kw:sort_keys}' : 'false'}, ensure_ascii: ${kw.has('ensure_ascii') ? '{kw:ensure_ascii}' : 'true'} }`,
      },
    };
  },
  tests: [
    {
      params: { d: 'dict[str, float]' },
      expr: 'json.dumps(d)',
      samples: [[{ a: 1.5, é: -0.1, z: 1e20 }], [{}]],
      imports: ['import json'],
    },
    {
      params: { d: 'dict[str, list[int]]' },
      expr: 'json.dumps(d, indent=2, sort_keys=True)',
      samples: [[{ b: [1, 2], a: [], c: [3] }], [{}]],
      imports: ['import json'],
    },
    {
      params: { xs: 'list[str]' },
      expr: "json.dumps(xs, ensure_ascii=False, separators=(',', ':'))",
      samples: [[['é', 'a"b', 'tab\t', '🙂']]],
      imports: ['import json'],
    },
    {
      params: { xs: 'list[str]', n: 'int' },
      expr: "json.dumps({'items': xs, 'count': n, 'ok': n > 0, 'none': None, 'pair': (n, 0.5)}, indent='\\t')",
      samples: [
        [['é', '日本'], 2],
        [[], 0],
      ],
      imports: ['import json'],
    },
    {
      params: { s: 'str' },
      expr: 'json.dumps({"data": json.loads(s)}, default=str, sort_keys=True)',
      samples: [['{"b": [1, 2.5, null], "a": "é"}'], ['3']],
      imports: ['import json'],
    },
    {
      params: { x: 'float' },
      expr: 'json.dumps([x, x * 1e300 * 1e300, -x * 1e300 * 1e300])',
      samples: [[1.0], [0.1], [-2.5e-8]],
      imports: ['import json'],
    },
  ],
});

defineOp({
  id: 'json.loads',
  summary: 'json.loads(s): a dynamic value (an annotation converts it); JSONDecodeError on malformed text',
  resolve: (args, kw): ResolveResult => {
    if (args.length !== 1 || kw.size > 0) return { error: 'loads() takes one string' };
    // A dynamic value (a field of parsed JSON that may hold JSON text) is parsed when it is a str at run time.
    if (args[0]!.kind === 'dynamic')
      return {
        entry: 'json.loads',
        overload: 'object',
        result: { kind: 'dynamic' },
        params: [args[0]!],
        variant: 'value',
      };
    if (args[0]!.kind !== 'str') return { error: `loads() takes a str, not ${typeToString(args[0]!)}` };
    return { entry: 'json.loads', overload: 'str', result: { kind: 'dynamic' }, params: [T.str], variant: 'text' };
  },
  tests: [
    {
      params: { s: 'str' },
      body: 'data: dict[str, int] = json.loads(s)\nreturn sorted(data.items())',
      samples: [['{"b": 2, "a": 1}'], ['{}'], ['{"a": 1'], ['']],
      deviation:
        'JSON of another shape than the annotation fails at the assignment (TypeError naming the annotation) where CPython fails at its first use (here AttributeError)',
      imports: ['import json'],
    },
    {
      params: { s: 'str' },
      body: 'try:\n    xs: list[float] = json.loads(s)\nexcept json.JSONDecodeError:\n    return -1.0\nreturn sum(xs)',
      samples: [['[1.5, 2, -0.25]'], ['[1,'], ['nope']],
      imports: ['import json'],
    },
    {
      params: { s: 'str' },
      body: 'call = json.loads(s)\nargs = call.get("arguments", {})\nif isinstance(args, str):\n    args = json.loads(args)\nreturn json.dumps(args, sort_keys=True)',
      samples: [
        ['{"name": "f", "arguments": "{\\"q\\": [1, 2]}"}'],
        ['{"name": "f", "arguments": {"q": 1}}'],
        ['{"name": "f"}'],
        ['{"arguments": "{bad"}'],
      ],
      imports: ['import json'],
    },
    {
      params: { s: 'str' },
      body: 'd = json.loads(s)\nreturn json.loads(d["x"])',
      samples: [['{"x": "[1, 2]"}'], ['{"x": null}'], ['{"x": 3}'], ['{"x": "\\"s\\""}']],
      imports: ['import json'],
    },
    // CPython's message, position, line and column for each malformed text (its C scanner's first error).
    {
      params: { s: 'str' },
      body: 'try:\n    json.loads(s)\n    return "ok"\nexcept json.JSONDecodeError as e:\n    return f"{e}|{e.msg}|{e.pos}|{e.lineno}|{e.colno}|{e.doc == s}|{e!r}|{e.args}"',
      samples: [
        [''],
        [' '],
        ['{'],
        ['{"a": }'],
        ['[1, 2,]'],
        ['[1 2]'],
        ['{"a" 1}'],
        ["{'a': 1}"],
        ['tru'],
        ['nul'],
        ['1 2'],
        ['"abc'],
        ['"a\\x"'],
        ['[1,\n 2,\n x]'],
        ['{"a":1,}'],
        ['01'],
        ['-'],
        ['1.'],
        ['1e'],
        ['NaN'],
        ['['],
        ['{"a":1'],
        ['"a\tb"'],
        ['[1]]'],
        ['{"a"'],
        ['\n\n  }'],
        ['"\\u12"'],
        ['"\\u12G4"'],
        ['[1'],
        ['{"a": [1, {"b": tru}]}'],
        ['\u00e9 ['],
        ['\ufeff[1]'],
        ['[-]'],
        ['1.5e+'],
        ['"\u00e9\u0001"'],
        ['[1,\r\n\t2 3]'],
        ['"\\'],
        ['{"a": 1}'],
      ],
      imports: ['import json'],
    },
    { params: { s: 'str' }, expr: 'json.loads(s)', samples: [['{"a": [1, 2,]}'], ['[1] x']], imports: ['import json'] },
    {
      params: { s: 'str' },
      body: 'try:\n    return int(s)\nexcept ValueError as e:\n    return e.pos',
      samples: [['x']],
      imports: ['import json'],
    },
  ],
});

defineSpellings({
  'json.dumps': {
    value: (c) =>
      `{ ${(c.detail!.options as string).includes('__sep') ? 'let __sep = {kw:separators}; ' : ''}rt::json::dumps(&rt::value::IntoValue::into_value({0}), &${c.detail!.options as string})? }`,
  },
  'json.loads': { text: () => 'rt::json::loads({&0})?', value: () => 'rt::json::loads_value({&0})?' },
});

// ---- json.JSONDecoder: raw_decode reads one document at a position (model output with text around it) ----
const DECODER = T.opaque('json.JSONDecoder', 'rt::json::Decoder');
const isDecoder = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'json.JSONDecoder';

defineOp({
  id: 'json.JSONDecoder',
  summary: 'json.JSONDecoder(): the default decoder (its hooks and strict= are not supported)',
  resolve: (args, kw): ResolveResult =>
    args.length === 0 && kw.size === 0
      ? { entry: 'json.JSONDecoder', overload: '', result: DECODER, params: [], variant: 'new' }
      : { error: 'json.JSONDecoder() is supported without arguments (object_hook, parse_float, strict... are not)' },
  spell: { new: () => 'rt::json::Decoder' },
  tests: [
    {
      params: { s: 'str' },
      body: 'd = json.JSONDecoder()\nv = d.decode(s)\nreturn str(v)',
      samples: [['{"a": [1, 2.5, null]}'], [' [true] '], ['{"a": 1} x'], ['']],
      imports: ['import json'],
    },
  ],
});

defineOp({
  id: 'json.JSONDecoder.decode',
  summary: 'decoder.decode(s): json.loads(s)',
  resolve: (args, kw): ResolveResult =>
    args.length === 2 && kw.size === 0 && isDecoder(args[0]) && args[1]!.kind === 'str'
      ? {
          entry: 'json.JSONDecoder.decode',
          overload: 'str',
          result: { kind: 'dynamic' },
          params: args,
          variant: 'call',
        }
      : { error: 'decode() takes one str' },
  spell: { call: () => '{&0}.decode({&1})?' },
  tests: [
    {
      params: { s: 'str' },
      body: 'xs: list[int] = json.JSONDecoder().decode(s)\nreturn sum(xs)',
      samples: [['[1, 2, 3]'], ['[1,']],
      imports: ['import json'],
    },
  ],
});

defineOp({
  id: 'json.JSONDecoder.raw_decode',
  summary:
    'decoder.raw_decode(s, idx=0): (the document starting exactly at idx, the index where it ends); JSONDecodeError when none starts there',
  resolve: (args, kw): ResolveResult => {
    const idx = kw.get('idx') ?? args[2];
    if (!isDecoder(args[0]) || args[1]?.kind !== 'str' || args.length > 3 || [...kw.keys()].some((k) => k !== 'idx'))
      return { error: 'raw_decode() takes a str and an optional idx' };
    if (idx && idx.kind !== 'int') return { error: 'raw_decode() takes idx as an int' };
    return {
      entry: 'json.JSONDecoder.raw_decode',
      overload: args.map(typeToString).join(', '),
      result: T.tuple([{ kind: 'dynamic' }, T.int]),
      params: args,
      variant: idx ? (kw.has('idx') ? 'kw' : 'at') : 'start',
    };
  },
  spell: {
    start: () => '{&0}.raw_decode({&1}, 0)?',
    at: () => '{&0}.raw_decode({&1}, {2})?',
    kw: () => '{&0}.raw_decode({&1}, {kw:idx})?',
  },
  tests: [
    {
      params: { s: 'str' },
      body: 'dec = json.JSONDecoder()\nstart = s.find("{")\nif start < 0:\n    return "none"\ntry:\n    obj, end = dec.raw_decode(s, start)\nexcept json.JSONDecodeError as e:\n    return f"{e.msg} @ {e.pos}"\nreturn f"{obj} | {end} | {s[end:]!r}"',
      samples: [
        ['Answer: {"label": "pos", "p": 0.9} -- done'],
        ['{"a": [1, {"b": null}]}{"c": 2}'],
        ['x {"a": 1'],
        ['x { "a": 1 } y'],
        ['no json'],
        ['é {"ü": "日本"} tail'],
      ],
      imports: ['import json'],
    },
    {
      params: { s: 'str', i: 'int' },
      body: 'obj, end = json.JSONDecoder().raw_decode(s, idx=i)\nreturn [str(obj), end]',
      samples: [
        ['  [1, 2] rest', 2],
        ['  [1, 2] rest', 0],
        ['12 34', 3],
        ['[1]', -1],
        ['[1]', 9],
        ['"x"', 0],
      ],
      imports: ['import json'],
    },
    {
      params: { s: 'str' },
      expr: 'json.JSONDecoder().raw_decode(s)[1]',
      samples: [['null tail'], ['NaN'], ['-Infinity,'], ['3.5e2x']],
      imports: ['import json'],
    },
  ],
});
