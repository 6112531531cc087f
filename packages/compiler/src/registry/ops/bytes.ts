/**
 * The bytes family: `bytes` and `bytearray` as types (literals, constructors, `bytes.fromhex`, the
 * str-like methods, indexing, slicing, iteration as ints, `+`, `*`, comparisons, `in`, bytearray
 * mutation), the codecs between them and `str` (`b.decode`, `s.encode`: utf-8, ascii, latin-1 with
 * CPython's error handlers and UnicodeDecodeError/UnicodeEncodeError messages), `int.from_bytes` and
 * `int.to_bytes`, and the binary-text modules over them: `hashlib` (RustCrypto digests), `base64`,
 * `binascii` and `zlib`'s checksums. Input: argument types from infer; output: op choices spelled as
 * calls of the runtime's `rt::bytes`. Bytes have no value-JSON form (docs/contracts.md), so they live
 * inside a function: an entry's bytes parameter or result is E0202 (types.ts `datetimeInside`), and
 * every reference test below returns a str, an int or a list made from them.
 */
import { BYTES_TYPES, isBytesLike, T, type Type, typeToString } from '../../types/types';
import { defineOp, extendOp, type OpTest, type ResolveResult } from '../registry';
import type { OpChoice } from '../../ir/choice';
import type { ConstValue } from '../../ir/consts';
import { bindArgs, ok } from './numpy';

const BYTES = BYTES_TYPES['bytes']!;
const BYTEARRAY = BYTES_TYPES['bytearray']!;
const HASH = T.opaque('hashlib.HASH', 'rt::bytes::Hash');

/** The Rust constructor of a bytes-like type (`rt::bytes::Bytes`), wrapping a `Vec<u8>`. */
const ctor = (t: Type): string =>
  t.kind === 'opaque' && t.name === 'bytearray' ? 'rt::bytes::ByteArray' : 'rt::bytes::Bytes';
/** A `&[u8]` of a bytes-like argument placeholder. */
const slice = (at: string): string => `&({&${at}})[..]`;
const isInt = (t: Type | undefined): boolean => t?.kind === 'int' || t?.kind === 'bool';
const isStr = (t: Type | undefined): boolean => t?.kind === 'str';
const isNone = (t: Type | undefined): boolean => t?.kind === 'none';

/** How a parameter is taken. */
type Kind =
  | 'bytes' // a bytes-like value
  | 'bytesopt' // a bytes-like value or None
  | 'sub' // a bytes-like value or one int byte
  | 'prefix' // a bytes-like value or a tuple of them
  | 'int'
  | 'intopt' // an int or None (a slice bound)
  | 'str'
  | 'stropt'
  | 'bool'
  | 'data' // bytes-like or an ASCII str (base64's decoders)
  | 'items' // an iterable of bytes-like values (join)
  | 'ints' // a bytes-like value or an iterable of ints (bytearray.extend)
  | 'dataopt';

const KIND_OK: Record<Kind, (t: Type) => boolean> = {
  bytes: isBytesLike,
  bytesopt: (t) => isBytesLike(t) || isNone(t),
  sub: (t) => isBytesLike(t) || isInt(t),
  prefix: (t) => isBytesLike(t) || (t.kind === 'tuple' && t.items.length > 0 && t.items.every(isBytesLike)),
  int: isInt,
  intopt: (t) => isInt(t) || isNone(t),
  str: isStr,
  stropt: (t) => isStr(t) || isNone(t),
  bool: isInt,
  data: (t) => isBytesLike(t) || isStr(t),
  dataopt: (t) => isBytesLike(t) || isStr(t) || isNone(t),
  items: (t) => isBytesLike(iterOf(t)),
  ints: (t) => isBytesLike(t) || isInt(iterOf(t)) || iterOf(t)?.kind === 'unknown',
};
const KIND_NAME: Record<Kind, string> = {
  bytes: 'a bytes-like object',
  bytesopt: 'a bytes-like object or None',
  sub: 'a bytes-like object or an int',
  prefix: 'bytes or a tuple of bytes',
  int: 'int',
  intopt: 'int or None',
  str: 'str',
  stropt: 'str or None',
  bool: 'bool',
  data: 'a bytes-like object or an ASCII str',
  dataopt: 'a bytes-like object, an ASCII str or None',
  items: 'an iterable of bytes-like objects',
  ints: 'a bytes-like object or an iterable of ints',
};

/** The item type of a list, set, tuple of one type or lazy sequence. */
function iterOf(t: Type): Type | undefined {
  if (t.kind === 'list' || t.kind === 'set' || t.kind === 'iter') return t.item;
  if (t.kind === 'tuple' && t.items.length > 0 && t.items.every((x) => typeToString(x) === typeToString(t.items[0]!)))
    return t.items[0];
  return undefined;
}

/** The Rust of an argument of kind `kind` and type `t` passed at placeholder `at`. */
function rustArg(kind: Kind, at: string, t: Type): string {
  switch (kind) {
    case 'bytes':
      return slice(at);
    case 'bytesopt':
      return isNone(t) ? 'None' : `Some(${slice(at)})`;
    case 'sub':
      return isInt(t) ? `&rt::bytes::sub_byte(({${at}}) as i64)?[..]` : slice(at);
    case 'prefix':
      return t.kind === 'tuple' ? `&[${t.items.map((_, k) => `&({&${at}}).${k}[..]`).join(', ')}]` : `&[${slice(at)}]`;
    case 'int':
    case 'bool':
      return kind === 'bool' ? `(({${at}}) != false)` : `(({${at}}) as i64)`;
    case 'intopt':
      return isNone(t) ? 'None' : `Some(({${at}}) as i64)`;
    case 'str':
      return `({&${at}}).as_str()`;
    case 'stropt':
      return isNone(t) ? 'None' : `Some(({&${at}}).as_str())`;
    case 'data':
      return isStr(t) ? `&rt::bytes::ascii_arg({&${at}})?[..]` : slice(at);
    case 'items':
    case 'ints':
      return `{iter${at}}`;
    case 'dataopt':
      return isNone(t) ? 'None' : isStr(t) ? `Some(&rt::bytes::ascii_arg({&${at}})?[..])` : `Some(${slice(at)})`;
  }
}

/** The encodings `rt::bytes` has codecs for, under CPython's alias names (normalized as `normalizeEncoding`). */
const CODECS = new Set(
  (
    'utf_8 utf8 u8 utf utf8_ucs2 utf8_ucs4 cp65001 utf_8_sig utf8_sig ascii us_ascii 646 ansi_x3.4_1968 ' +
    'ansi_x3_4_1968 ansi_x3.4_1986 cp367 csascii ibm367 iso646_us iso_646.irv_1991 iso_ir_6 us latin_1 latin1 ' +
    'latin l1 iso_8859_1 iso8859_1 8859 cp819 iso_ir_100 csisolatin1 ibm819 iso_8859_1_1987'
  ).split(' '),
);
const normalizeEncoding = (e: string): string => e.trim().toLowerCase().replace(/[- ]/g, '_');

/** A parameter: name, kind, and the Rust of its default (undefined: required). */
type Param = [string, Kind, string?];

/**
 * Binds a call's arguments (from `first` on; earlier ones are the receiver) to parameters and
 * returns each parameter's Rust in `detail`, or an error naming the parameter.
 */
function bind(
  id: string,
  params: Param[],
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  first: number,
  result: Type,
  variant: string,
  extra: Record<string, string> = {},
  positional = params.length,
  literals?: { consts?: readonly (ConstValue | undefined)[]; kwConsts?: ReadonlyMap<string, ConstValue> },
): ResolveResult {
  const b = bindArgs(
    id,
    params.map((p) => p[0]),
    args.slice(first),
    kw,
    literals?.consts?.slice(first),
    literals?.kwConsts,
  );
  if ('error' in b) return b;
  if (args.length - first > positional) return { error: `\`${id}\` takes at most ${positional} positional arguments` };
  const rust: Record<string, string> = { ...extra };
  for (const [name, kind, dflt] of params) {
    const got = b.get(name);
    if (!got) {
      if (dflt === undefined) return { error: `\`${id}\` is missing the argument \`${name}\`` };
      rust[`arg.${name}`] = dflt;
      continue;
    }
    if (!KIND_OK[kind](got.t)) return { error: `\`${name}\` must be ${KIND_NAME[kind]}, not ${typeToString(got.t)}` };
    // A literal encoding the runtime has no codec for is a compile-time error, not a run-time surprise.
    if (name === 'encoding' && got.c?.kind === 'str' && !CODECS.has(normalizeEncoding(got.c.value)))
      return {
        error: `the encoding ${JSON.stringify(got.c.value)} is not supported here (utf-8, utf-8-sig, ascii and latin-1 are)`,
      };
    const at = /^\d+$/.test(got.at) ? String(Number(got.at) + first) : got.at;
    rust[`arg.${name}`] = rustArg(kind, at, got.t);
  }
  return ok(id, result, args, variant, rust);
}

const arg = (c: OpChoice, name: string): string => c.detail![`arg.${name}`] as string;

const test = (params: Record<string, string>, expr: string, samples: unknown[][], imports?: string[]): OpTest =>
  imports ? { params, expr, samples, imports } : { params, expr, samples };

/** The codecs here are utf-8, ascii and latin-1; an encoding CPython has beyond them is NotImplementedError. */
const CODECS_ONLY =
  'an encoding other than utf-8, ascii and latin-1 (a random name) raises NotImplementedError where CPython raises LookupError or encodes';
const codecTest = (params: Record<string, string>, expr: string, samples: unknown[][]): OpTest => ({
  ...test(params, expr, samples),
  deviation: CODECS_ONLY,
});

// ---- Literals and constructors -----------------------------------------------------------------

defineOp({
  id: 'bytes.__literal__',
  summary: "a bytes literal b'...' (its bytes carried as a latin-1 str constant)",
  resolve: (args) => (isStr(args[0]) ? ok('bytes.__literal__', BYTES, args, 'lit') : { error: 'a bytes literal' }),
  spell: { lit: () => 'rt::bytes::Bytes::lit({&0})' },
  tests: [
    test({ n: 'int' }, "repr(b'\\x00ab\\n\\'' * n)", [[1], [0]]),
    test({ n: 'int' }, 'list(b"\\xff\\x80 ~\\t\\\\") + [n]', [[2]]),
    test({ n: 'int' }, "(repr(b'it\\'s \"q\"'), repr(b'a\"b'), str(b'\\r\\x7f'), n)", [[1]]),
  ],
});

for (const [cls, type] of [
  ['bytes', BYTES],
  ['bytearray', BYTEARRAY],
] as const) {
  const C = ctor(type);
  defineOp({
    id: `builtins.${cls}`,
    summary: `${cls}(), ${cls}(n), ${cls}(iterable of ints), ${cls}(bytes-like), ${cls}(str, encoding, errors)`,
    resolve: (args, kw, consts, kwConsts) => {
      const id = `builtins.${cls}`;
      const [x] = args;
      if (!x && kw.size === 0) return ok(id, type, args, 'empty');
      if (x && isStr(x))
        return bind(
          id,
          [
            ['source', 'str'],
            ['encoding', 'str'],
            ['errors', 'str', '"strict"'],
          ],
          args,
          kw,
          0,
          type,
          'encode',
          {},
          undefined,
          { consts, kwConsts },
        );
      if (kw.size > 0 || args.length !== 1) return { error: `${cls}() takes one argument unless it encodes a str` };
      if (isInt(x)) return ok(id, type, args, 'zeros');
      if (isBytesLike(x)) return ok(id, type, args, 'copy');
      const item = x!.kind === 'list' || x!.kind === 'set' || x!.kind === 'iter' || x!.kind === 'tuple' ? x : undefined;
      if (
        item &&
        (x!.kind === 'tuple'
          ? x!.items.every(isInt)
          : isInt((x as { item: Type }).item) || (x as { item: Type }).item.kind === 'unknown')
      )
        return ok(id, type, args, 'ints');
      return { error: `cannot convert '${typeToString(x!)}' object to ${cls}` };
    },
    spell: {
      empty: () => `${C}(Vec::new())`,
      encode: (c) => `${C}(rt::bytes::encode(${arg(c, 'source')}, ${arg(c, 'encoding')}, ${arg(c, 'errors')})?)`,
      zeros: () => `${C}(rt::bytes::zeros({0})?)`,
      copy: () => `${C}((&({&0})[..]).to_vec())`,
      ints: () => `${C}(rt::bytes::from_ints_checked({iter0})?)`,
    },
    tests: [
      test({ xs: 'list[int]' }, `repr(${cls}(xs))`, [[[104, 105, 0, 255]], [[]], [[256]], [[-1]]]),
      test({ n: 'int' }, `(repr(${cls}(n)), repr(${cls}()), len(${cls}(n)))`, [[3], [0], [-1]]),
      codecTest({ s: 'str', e: 'str' }, `repr(${cls}(s, e))`, [
        ['héllo', 'utf-8'],
        ['abc', 'ascii'],
        ['é', 'latin-1'],
        ['é', 'ascii'],
      ]),
      test({ s: 'str' }, `repr(${cls}(s, "ascii", "replace")) + repr(${cls}(s.encode()))`, [['naïve']]),
      test({ n: 'int' }, `repr(${cls}(x * 2 for x in range(n)))`, [[4], [0]]),
    ],
  });

  defineOp({
    id: `${cls}.fromhex`,
    summary: `${cls}.fromhex(s): pairs of hex digits, whitespace between pairs; ValueError naming the position`,
    resolve: (args, kw) => bind(`${cls}.fromhex`, [['string', 'str']], args, kw, 0, type, 'call'),
    spell: { call: (c) => `${C}(rt::bytes::fromhex(${arg(c, 'string')})?)` },
    tests: [
      test({ s: 'str' }, `repr(${cls}.fromhex(s))`, [
        ['deadBEEF'],
        [' 00 ff\t10 '],
        ['abc'],
        ['0g'],
        ['a b'],
        [''],
        ['é0'],
      ]),
    ],
  });
}

// ---- Methods -----------------------------------------------------------------------------------

/** What a method returns: the receiver's own type, a list or 3-tuple of it, or a fixed type. */
type Result = 'self' | 'selflist' | 'self3' | Type;

interface Method {
  params: Param[];
  result: Result;
  /** The Rust over the receiver (`{&0}`, `{mut0}`) and the bound arguments. */
  rust: (c: OpChoice, C: string) => string;
  summary: string;
  tests: OpTest[];
  /** bytearray only, changing the receiver. */
  mutates?: true;
}

const SLICE_BOUNDS: Param[] = [
  ['start', 'intopt', 'None'],
  ['end', 'intopt', 'None'],
];
const bounds = (c: OpChoice): string => `${arg(c, 'start')}, ${arg(c, 'end')}`;
const E = (s: string): string => `${s}.encode()`;

const METHODS: Record<string, Method> = {
  decode: {
    params: [
      ['encoding', 'str', '"utf-8"'],
      ['errors', 'str', '"strict"'],
    ],
    result: T.str,
    rust: (c) => `rt::bytes::decode({&0}, ${arg(c, 'encoding')}, ${arg(c, 'errors')})?`,
    summary:
      "decode(encoding='utf-8', errors='strict'): utf-8, ascii, latin-1; strict, ignore, replace, backslashreplace",
    tests: [
      test({ xs: 'list[int]' }, 'bytes(xs).decode()', [
        [[104, 195, 169]],
        [[255, 65]],
        [[65, 226, 130]],
        [[226, 40, 161]],
        [[0xe2, 0x82, 0x28]],
        [[0xed, 0xa0, 0x80]],
        [[0xf0, 0x9f, 0x98, 0x80, 0xc0]],
      ]),
      codecTest({ xs: 'list[int]', e: 'str', h: 'str' }, 'bytes(xs).decode(e, h)', [
        [[104, 255, 105, 226, 130], 'utf-8', 'replace'],
        [[104, 255, 105, 226, 130], 'utf8', 'ignore'],
        [[104, 255, 105, 226, 130], 'UTF-8', 'backslashreplace'],
        [[104, 200, 105], 'ascii', 'strict'],
        [[104, 200, 201, 105], 'ascii', 'replace'],
        [[104, 200, 105], 'latin-1', 'strict'],
        [[104, 200, 105], 'iso-8859-1', 'strict'],
        [[104, 200], 'ascii', 'nonsense'],
        [[104], 'ascii', 'nonsense'],
      ]),
      test({ s: 'str' }, 'bytearray(s.encode()).decode("utf-8", errors="strict")', [['héllo']]),
    ],
  },
  hex: {
    params: [
      ['sep', 'stropt', 'None'],
      ['bytes_per_sep', 'int', '1i64'],
    ],
    result: T.str,
    rust: (c) => `rt::bytes::hex({&0}, ${arg(c, 'sep')}, ${arg(c, 'bytes_per_sep')})?`,
    summary: 'hex(sep=None, bytes_per_sep=1)',
    tests: [
      test(
        { xs: 'list[int]' },
        '(bytes(xs).hex(), bytes(xs).hex(":"), bytes(xs).hex("-", 2), bytes(xs).hex(" ", -2))',
        [[[0, 15, 255, 16, 1]], [[]], [[171]]],
      ),
      test({ s: 'str' }, 'b"ab".hex(s)', [['::'], ['é']]),
    ],
  },
  find: {
    params: [['sub', 'sub'], ...SLICE_BOUNDS],
    result: T.int,
    rust: (c) => `rt::bytes::find({&0}, ${arg(c, 'sub')}, ${bounds(c)})`,
    summary: 'find(sub[, start[, end]]): sub bytes or an int',
    tests: [
      test(
        { s: 'str', t: 'str' },
        '(E(s).find(E(t)), E(s).find(E(t), 2), E(s).find(E(t), -3, -1), E(s).find(111))'.replace(
          /E\((\w)\)/g,
          (_, v: string) => E(v),
        ),
        [
          ['hello world', 'o'],
          ['abc', ''],
          ['', ''],
          ['aaa', 'aa'],
        ],
      ),
    ],
  },
  rfind: {
    params: [['sub', 'sub'], ...SLICE_BOUNDS],
    result: T.int,
    rust: (c) => `rt::bytes::rfind({&0}, ${arg(c, 'sub')}, ${bounds(c)})`,
    summary: 'rfind(sub[, start[, end]])',
    tests: [
      test(
        { s: 'str', t: 'str' },
        `(${E('s')}.rfind(${E('t')}), ${E('s')}.rfind(${E('t')}, 0, 5), ${E('s')}.rfind(${E('t')}, 20))`,
        [
          ['hello world', 'o'],
          ['abc', ''],
          ['x', 'y'],
        ],
      ),
    ],
  },
  index: {
    params: [['sub', 'sub'], ...SLICE_BOUNDS],
    result: T.int,
    rust: (c) => `rt::bytes::index({&0}, ${arg(c, 'sub')}, ${bounds(c)})?`,
    summary: 'index(sub[, start[, end]]): ValueError when absent',
    tests: [
      test({ s: 'str', t: 'str' }, `${E('s')}.index(${E('t')})`, [
        ['hello', 'l'],
        ['hello', 'z'],
      ]),
    ],
  },
  rindex: {
    params: [['sub', 'sub'], ...SLICE_BOUNDS],
    result: T.int,
    rust: (c) => `rt::bytes::rindex({&0}, ${arg(c, 'sub')}, ${bounds(c)})?`,
    summary: 'rindex(sub[, start[, end]])',
    tests: [
      test({ s: 'str', t: 'str' }, `${E('s')}.rindex(${E('t')})`, [
        ['hello', 'l'],
        ['hello', 'z'],
      ]),
    ],
  },
  count: {
    params: [['sub', 'sub'], ...SLICE_BOUNDS],
    result: T.int,
    rust: (c) => `rt::bytes::count({&0}, ${arg(c, 'sub')}, ${bounds(c)})`,
    summary: 'count(sub[, start[, end]]): non-overlapping',
    tests: [
      test(
        { s: 'str', t: 'str' },
        `(${E('s')}.count(${E('t')}), ${E('s')}.count(${E('t')}, 1, -1), ${E('s')}.count(97))`,
        [
          ['aaaa', 'aa'],
          ['banana', 'a'],
          ['abc', ''],
        ],
      ),
    ],
  },
  startswith: {
    params: [['prefix', 'prefix'], ...SLICE_BOUNDS],
    result: T.bool,
    rust: (c) => `rt::bytes::startswith({&0}, ${arg(c, 'prefix')}, ${bounds(c)})`,
    summary: 'startswith(prefix or tuple[, start[, end]])',
    tests: [
      test(
        { s: 'str', t: 'str' },
        `(${E('s')}.startswith(${E('t')}), ${E('s')}.startswith((b"x", ${E('t')})), ${E('s')}.startswith(${E('t')}, 1))`,
        [
          ['hello', 'he'],
          ['hello', 'el'],
          ['', ''],
        ],
      ),
    ],
  },
  endswith: {
    params: [['suffix', 'prefix'], ...SLICE_BOUNDS],
    result: T.bool,
    rust: (c) => `rt::bytes::endswith({&0}, ${arg(c, 'suffix')}, ${bounds(c)})`,
    summary: 'endswith(suffix or tuple[, start[, end]])',
    tests: [
      test({ s: 'str', t: 'str' }, `(${E('s')}.endswith(${E('t')}), ${E('s')}.endswith((b"x", ${E('t')}), 0, 3))`, [
        ['hello', 'lo'],
        ['hello', 'el'],
      ]),
    ],
  },
  split: {
    params: [
      ['sep', 'bytesopt', 'None'],
      ['maxsplit', 'int', '-1i64'],
    ],
    result: 'selflist',
    rust: (c) => `rt::bytes::split({&0}, ${arg(c, 'sep')}, ${arg(c, 'maxsplit')})?`,
    summary: 'split(sep=None, maxsplit=-1)',
    tests: [
      test(
        { s: 'str' },
        `(repr(${E('s')}.split()), repr(${E('s')}.split(b",")), repr(${E('s')}.split(maxsplit=1)), repr(${E('s')}.split(b",", 1)))`,
        [['  a b,c \t d  '], [''], ['a,,b']],
      ),
      test({ s: 'str' }, `repr(${E('s')}.split(b""))`, [['ab']]),
    ],
  },
  rsplit: {
    params: [
      ['sep', 'bytesopt', 'None'],
      ['maxsplit', 'int', '-1i64'],
    ],
    result: 'selflist',
    rust: (c) => `rt::bytes::rsplit({&0}, ${arg(c, 'sep')}, ${arg(c, 'maxsplit')})?`,
    summary: 'rsplit(sep=None, maxsplit=-1)',
    tests: [
      test(
        { s: 'str' },
        `(repr(${E('s')}.rsplit(maxsplit=1)), repr(${E('s')}.rsplit(b",", 1)), repr(${E('s')}.rsplit()))`,
        [[' a b,c d '], ['x']],
      ),
    ],
  },
  splitlines: {
    params: [['keepends', 'bool', 'false']],
    result: 'selflist',
    rust: (c) => `rt::bytes::splitlines({&0}, ${arg(c, 'keepends')})`,
    summary: 'splitlines(keepends=False): \\n, \\r, \\r\\n',
    tests: [
      test({ s: 'str' }, `(repr(${E('s')}.splitlines()), repr(${E('s')}.splitlines(True)))`, [
        ['a\nb\r\nc\rd\n'],
        [''],
        ['x\x0by'],
      ]),
    ],
  },
  partition: {
    params: [['sep', 'bytes']],
    result: 'self3',
    rust: (c) => `rt::bytes::partition({&0}, ${arg(c, 'sep')}, false)?`,
    summary: 'partition(sep)',
    tests: [
      test({ s: 'str' }, `(repr(${E('s')}.partition(b"=")), repr(${E('s')}.rpartition(b"=")))`, [['k=v=w'], ['kv']]),
    ],
  },
  rpartition: {
    params: [['sep', 'bytes']],
    result: 'self3',
    rust: (c) => `rt::bytes::partition({&0}, ${arg(c, 'sep')}, true)?`,
    summary: 'rpartition(sep)',
    tests: [test({ s: 'str' }, `repr(${E('s')}.rpartition(b"/"))`, [['a/b/c'], ['abc'], ['/']])],
  },
  replace: {
    params: [
      ['old', 'bytes'],
      ['new', 'bytes'],
      ['count', 'int', '-1i64'],
    ],
    result: 'self',
    rust: (c) => `rt::bytes::replace({&0}, ${arg(c, 'old')}, ${arg(c, 'new')}, ${arg(c, 'count')})`,
    summary: 'replace(old, new, count=-1)',
    tests: [
      test(
        { s: 'str', n: 'int' },
        `(repr(${E('s')}.replace(b"a", b"xy", n)), repr(${E('s')}.replace(b"", b"-", n)), repr(bytearray(${E('s')}).replace(b"an", b"")))`,
        [
          ['banana', -1],
          ['banana', 2],
          ['', 1],
        ],
      ),
    ],
  },
  join: {
    params: [['iterable_of_bytes', 'items']],
    result: 'self',
    rust: (c) => `rt::bytes::join({&0}, ${arg(c, 'iterable_of_bytes')})`,
    summary: 'join(iterable of bytes-like)',
    tests: [
      test(
        { xs: 'list[str]' },
        `(repr(b", ".join([x.encode() for x in xs])), repr(bytearray(b"").join(x.encode() for x in xs)))`,
        [[['a', 'é', '']], [[]]],
      ),
    ],
  },
  removeprefix: {
    params: [['prefix', 'bytes']],
    result: 'self',
    rust: (c) => `rt::bytes::removeprefix({&0}, ${arg(c, 'prefix')})`,
    summary: 'removeprefix(prefix)',
    tests: [
      test({ s: 'str' }, `(repr(${E('s')}.removeprefix(b"ab")), repr(${E('s')}.removesuffix(b"yz")))`, [
        ['abcxyz'],
        ['xyzab'],
      ]),
    ],
  },
  removesuffix: {
    params: [['suffix', 'bytes']],
    result: 'self',
    rust: (c) => `rt::bytes::removesuffix({&0}, ${arg(c, 'suffix')})`,
    summary: 'removesuffix(suffix)',
    tests: [test({ s: 'str' }, `repr(${E('s')}.removesuffix(b".json"))`, [['a.json'], ['json'], ['.json']])],
  },
  zfill: {
    params: [['width', 'int']],
    result: 'self',
    rust: (c) => `rt::bytes::zfill({&0}, ${arg(c, 'width')})`,
    summary: 'zfill(width)',
    tests: [
      test({ s: 'str', n: 'int' }, `repr(${E('s')}.zfill(n))`, [
        ['-42', 6],
        ['7', 3],
        ['abc', 1],
        ['', 2],
      ]),
    ],
  },
};

for (const [name, which] of [
  ['strip', 0],
  ['lstrip', 1],
  ['rstrip', 2],
] as const)
  METHODS[name] = {
    params: [['bytes', 'bytesopt', 'None']],
    result: 'self',
    rust: (c) => `rt::bytes::strip({&0}, ${arg(c, 'bytes')}, ${which})`,
    summary: `${name}(bytes=None): ASCII whitespace when no bytes are given`,
    tests: [
      test(
        { s: 'str' },
        `(repr(${E('s')}.${name}()), repr(${E('s')}.${name}(b" x")), repr(bytearray(${E('s')}).${name}()))`,
        [[' \t xhix \n'], [''], ['\x0cé ']],
      ),
    ],
  };
for (const name of ['upper', 'lower', 'swapcase', 'capitalize', 'title'])
  METHODS[name] = {
    params: [],
    result: 'self',
    rust: () => `rt::bytes::case({&0}, "${name}")`,
    summary: `${name}(): ASCII letters only`,
    tests: [
      test({ s: 'str' }, `(repr(${E('s')}.${name}()), repr(bytearray(${E('s')}).${name}()))`, [
        ['hEllo wÖrld'],
        ['ßa1b c'],
        ["they're bill's"],
      ]),
    ],
  };
for (const name of ['isdigit', 'isalpha', 'isalnum', 'isspace', 'isascii', 'islower', 'isupper', 'istitle'])
  METHODS[name] = {
    params: [],
    result: T.bool,
    rust: () => `rt::bytes::is({&0}, "${name}")`,
    summary: `${name}(): over ASCII`,
    tests: [
      test({ s: 'str' }, `${E('s')}.${name}()`, [
        ['abc'],
        ['ABC1'],
        ['123'],
        [' \t'],
        [''],
        ['é'],
        ['Hello World'],
        ['hello World'],
      ]),
    ],
  };
for (const name of ['ljust', 'rjust', 'center'])
  METHODS[name] = {
    params: [
      ['width', 'int'],
      ['fillchar', 'bytes', '&b" "[..]'],
    ],
    result: 'self',
    rust: (c) => `rt::bytes::pad({&0}, ${arg(c, 'width')}, ${arg(c, 'fillchar')}, "${name}")?`,
    summary: `${name}(width, fillchar=b' ')`,
    tests: [
      test({ s: 'str', n: 'int' }, `(repr(${E('s')}.${name}(n)), repr(${E('s')}.${name}(n, b"*")))`, [
        ['ab', 5],
        ['ab', 6],
        ['abc', 6],
        ['abc', 2],
        ['', 1],
      ]),
    ],
  };

// bytearray's own mutating methods.
const MUTATORS: Record<string, Method> = {
  append: {
    params: [['item', 'int']],
    result: T.none,
    rust: (c) => `{mut0}.append(${arg(c, 'item')})?`,
    summary: 'append(int): ValueError outside 0..255',
    tests: [test({ xs: 'list[int]' }, 'repr(_b(xs))', [[[1, 2]], [[256]]])],
    mutates: true,
  },
  extend: {
    params: [['iterable_of_ints', 'ints']],
    result: T.none,
    rust: (c) => `{mut0}.extend_ints(${arg(c, 'iterable_of_ints')})?`,
    summary: 'extend(bytes-like or iterable of ints)',
    tests: [
      {
        params: { xs: 'list[int]', s: 'str' },
        body: 'b = bytearray()\nb.extend(xs)\nb.extend(s.encode())\nb.extend(x + 1 for x in xs)\nreturn repr(b)',
        samples: [
          [[1, 2], 'é'],
          [[255], ''],
          [[], 'x'],
        ],
      },
    ],
    mutates: true,
  },
  pop: {
    params: [['index', 'int', '-1i64']],
    result: T.int,
    rust: (c) => `{mut0}.pop(${arg(c, 'index')})?`,
    summary: 'pop(index=-1)',
    tests: [
      {
        params: { s: 'str', i: 'int' },
        body: 'b = bytearray(s.encode())\nx = b.pop(i)\nreturn x, b.pop(), repr(b)',
        samples: [
          ['abc', 0],
          ['abc', -3],
          ['abc', 3],
          ['a', 0],
          ['', 0],
        ],
      },
    ],
    mutates: true,
  },
  insert: {
    params: [
      ['index', 'int'],
      ['item', 'int'],
    ],
    result: T.none,
    rust: (c) => `{mut0}.insert(${arg(c, 'index')}, ${arg(c, 'item')})?`,
    summary: 'insert(index, int)',
    tests: [
      {
        params: { i: 'int', v: 'int' },
        body: 'b = bytearray(b"xyz")\nb.insert(i, v)\nreturn repr(b)',
        samples: [
          [0, 65],
          [-1, 65],
          [10, 66],
          [-10, 67],
          [1, 256],
        ],
      },
    ],
    mutates: true,
  },
  remove: {
    params: [['value', 'int']],
    result: T.none,
    rust: (c) => `{mut0}.remove(${arg(c, 'value')})?`,
    summary: 'remove(int): ValueError when absent',
    tests: [
      {
        params: { v: 'int' },
        body: 'b = bytearray(b"abcb")\nb.remove(v)\nreturn repr(b)',
        samples: [[98], [120], [-1]],
      },
    ],
    mutates: true,
  },
  clear: {
    params: [],
    result: T.none,
    rust: () => '{mut0}.0.clear()',
    summary: 'clear()',
    tests: [
      {
        params: { s: 'str' },
        body: 'b = bytearray(s.encode())\nb.clear()\nreturn repr(b), len(b)',
        samples: [['ab'], ['']],
      },
    ],
    mutates: true,
  },
  reverse: {
    params: [],
    result: T.none,
    rust: () => '{mut0}.0.reverse()',
    summary: 'reverse()',
    tests: [
      {
        params: { s: 'str' },
        body: 'b = bytearray(s.encode())\nb.reverse()\nreturn repr(b)',
        samples: [['abé'], ['']],
      },
    ],
    mutates: true,
  },
  copy: {
    params: [],
    result: 'self',
    rust: () => '({&0}).0.to_vec()',
    summary: 'copy()',
    tests: [
      {
        params: { s: 'str' },
        body: 'b = bytearray(s.encode())\nc = b.copy()\nc.append(33)\nreturn repr(b), repr(c)',
        samples: [['ab'], ['']],
      },
    ],
  },
};
MUTATORS.append!.tests = [
  {
    params: { xs: 'list[int]', n: 'int' },
    body: [
      'b = bytearray(b"ab")',
      'for x in xs:',
      '    b.append(x)',
      'b.extend(bytes([n]))',
      'b.extend([1, 2])',
      'b.insert(1, 0x41)',
      'b.insert(-100, 0x42)',
      'last = b.pop()',
      'first = b.pop(0)',
      'b.remove(0x61)',
      'c = b.copy()',
      'c.reverse()',
      'b[0] = n',
      'b[-1] += 1',
      'return repr(b), repr(c), last, first, len(b)',
    ].join('\n'),
    samples: [
      [[10, 255], 7],
      [[300], 7],
      [[], 256],
    ],
  },
  {
    params: { n: 'int' },
    body: 'b = bytearray(n)\nb.clear()\nx = b.pop()\nreturn x',
    samples: [[2]],
  },
  {
    params: { n: 'int' },
    body: 'b = bytearray(b"xyz")\nb.remove(n)\nb[5] = 1\nreturn repr(b)',
    samples: [[0x79], [0x61]],
  },
];

/** A bytes method's test with its receivers made bytearrays (`s.encode().m(...)` -> `bytearray(s.encode()).m(...)`). */
function asBytearray(t: OpTest): OpTest {
  const expr = t
    .expr!.replace(/\b(\w+)\.encode\(\)\.(\w+)\(/g, 'bytearray($1.encode()).$2(')
    .replace(/\bbytes\((\w+)\)\./g, 'bytearray($1).')
    .replace(/\bb"([^"]*)"\./g, 'bytearray(b"$1").');
  if (expr === t.expr && !t.expr.includes('bytearray('))
    throw new Error(`no bytes receiver to make a bytearray in ${t.expr}`);
  return { ...t, expr };
}

function defineMethod(cls: 'bytes' | 'bytearray', name: string, m: Method): void {
  const self = BYTES_TYPES[cls]!;
  const C = ctor(self);
  const result: Type =
    m.result === 'self'
      ? self
      : m.result === 'selflist'
        ? T.list(self)
        : m.result === 'self3'
          ? T.tuple([self, self, self])
          : m.result;
  const wrap = (rust: string): string =>
    m.result === 'self'
      ? `${C}(${rust})`
      : m.result === 'selflist'
        ? `${rust}.into_iter().map(${C}).collect::<Vec<_>>()`
        : m.result === 'self3'
          ? `{ let (__a, __b, __c) = ${rust}; (${C}(__a), ${C}(__b), ${C}(__c)) }`
          : rust;
  const id = `${cls}.${name}`;
  defineOp({
    id,
    summary: `${id}: ${m.summary}`,
    resolve: (args, kw, consts, kwConsts) => {
      if (!args[0] || !(args[0].kind === 'opaque' && args[0].name === cls)) return { error: `${id} needs a ${cls}` };
      const r = bind(id, m.params, args, kw, 1, result, 'call', {}, undefined, { consts, kwConsts });
      return 'error' in r || !m.mutates ? r : { ...r, mutates: true };
    },
    spell: { call: (c) => wrap(m.rust(c, C)) },
    tests: cls === 'bytes' || !(name in METHODS) ? m.tests : m.tests.map(asBytearray),
  });
}

for (const [name, m] of Object.entries(METHODS)) {
  defineMethod('bytes', name, m);
  defineMethod('bytearray', name, m);
}
for (const [name, m] of Object.entries(MUTATORS)) defineMethod('bytearray', name, m);

// ---- Operators, indexing, len, ord -------------------------------------------------------------

for (const cls of ['bytes', 'bytearray'] as const) {
  const self = BYTES_TYPES[cls]!;
  const C = ctor(self);
  defineOp({
    id: `${cls}.__getitem__`,
    summary: `${cls}[i] (an int) and ${cls}[a:b:c] (a ${cls})`,
    resolve: (args) => {
      const [b, i] = args;
      if (isInt(i)) return ok(`${cls}.__getitem__`, T.int, args, 'int');
      if (i?.kind === 'slice') return ok(`${cls}.__getitem__`, self, args, 'slice');
      return {
        error: `${typeToString(b!)} indices must be integers or slices, not ${i ? typeToString(i) : 'nothing'}`,
      };
    },
    spell: {
      int: () => `rt::bytes::getitem({&0}, ({1}) as i64, "${cls === 'bytes' ? 'index' : 'bytearray index'}")?`,
      slice: () => `${C}(rt::list::slice(&({&0})[..], {1})?)`,
    },
    tests:
      cls === 'bytearray'
        ? [
            test({ s: 'str', i: 'int' }, `(bytearray(${E('s')})[i], repr(bytearray(${E('s')})[i:]))`, [
              ['héllo', 1],
              ['abc', -1],
              ['abc', 3],
            ]),
          ]
        : [
            test({ s: 'str', i: 'int' }, `${E('s')}[i]`, [
              ['héllo', 1],
              ['abc', -1],
              ['abc', 3],
              ['abc', -4],
            ]),
            test(
              { s: 'str' },
              `(repr(${E('s')}[1:]), repr(${E('s')}[::-1]), repr(bytearray(${E('s')})[1:4:2]), bytearray(${E('s')})[0])`,
              [['héllo'], ['a']],
            ),
            test({ i: 'int' }, 'bytearray(b"ab")[i]', [[5]]),
          ],
  });
}

const bytesPair = (args: Type[]): boolean => args.length === 2 && isBytesLike(args[0]) && isBytesLike(args[1]);

extendOp('operator.add', {
  summary: "bytes-like + bytes-like (the left operand's type)",
  resolve: (args) => (bytesPair(args) ? ok('operator.add', args[0]!, args, 'bytes_concat') : undefined),
  spell: { bytes_concat: (c) => `${ctor(c.result)}(rt::bytes::concat(&({&0})[..], &({&1})[..]))` },
  tests: [
    test(
      { s: 'str', t: 'str' },
      `(repr(${E('s')} + ${E('t')}), repr(bytearray(${E('s')}) + ${E('t')}), repr(${E('s')} + bytearray(${E('t')})))`,
      [
        ['ab', 'é'],
        ['', ''],
      ],
    ),
  ],
});

extendOp('operator.setitem', {
  summary: 'bytearray[i] = int (ValueError outside 0..255), bytearray[a:b] = bytes or ints',
  resolve: (args) => {
    const [b, i, v] = args;
    if (!(b?.kind === 'opaque' && b.name === 'bytearray')) return undefined;
    if (i?.kind === 'slice' && (isBytesLike(v) || isInt(iterOf(v!))))
      return {
        ...ok('operator.setitem', T.none, args, isBytesLike(v) ? 'bytearray_slice' : 'bytearray_slice_ints'),
        mutates: true,
      };
    if (!isInt(i) || !isInt(v))
      return { error: 'a bytearray item is set by an int index to an int, a slice to bytes or ints' };
    return { ...ok('operator.setitem', T.none, args, 'bytearray_item'), mutates: true };
  },
  spell: {
    bytearray_item: () => '{mut0}.setitem(({1}) as i64, ({2}) as i64)?',
    bytearray_slice: () => 'rt::list::setslice(&mut {mut0}.0, {1}, (&({&2})[..]).to_vec())?',
    bytearray_slice_ints: () => 'rt::list::setslice(&mut {mut0}.0, {1}, rt::bytes::from_ints({iter2})?)?',
  },
  tests: [
    {
      params: { s: 'str', n: 'int' },
      body: 'b = bytearray(s.encode())\nb[1:3] = b"XYZ"\nb[:1] = [n, n]\nb[::2] = bytes(len(b[::2]))\nb[-1] = n\nreturn repr(b)',
      samples: [
        ['hello', 65],
        ['', 0],
        ['ab', 256],
      ],
    },
  ],
});

extendOp('operator.mul', {
  summary: 'bytes-like * int and int * bytes-like',
  resolve: (args) => {
    if (args.length !== 2) return undefined;
    if (isBytesLike(args[0]) && isInt(args[1])) return ok('operator.mul', args[0]!, args, 'bytes_repeat');
    if (isInt(args[0]) && isBytesLike(args[1])) return ok('operator.mul', args[1]!, args, 'bytes_repeat_r');
    return undefined;
  },
  spell: {
    bytes_repeat: (c) => `${ctor(c.result)}(rt::bytes::repeat(&({&0})[..], ({1}) as i64))`,
    bytes_repeat_r: (c) => `${ctor(c.result)}(rt::bytes::repeat(&({&1})[..], ({0}) as i64))`,
  },
  tests: [test({ n: 'int' }, '(repr(b"ab" * n), repr(n * bytearray(b"-")))', [[3], [0], [-2]])],
});

for (const [id, op] of [
  ['operator.eq', '=='],
  ['operator.ne', '!='],
  ['operator.lt', '<'],
  ['operator.le', '<='],
  ['operator.gt', '>'],
  ['operator.ge', '>='],
] as const)
  extendOp(id, {
    summary: 'between bytes-like values (bytes == bytearray compares the bytes)',
    resolve: (args) => (bytesPair(args) ? ok(id, T.bool, args, 'bytes_cmp') : undefined),
    spell: { bytes_cmp: () => `(&({&0})[..] ${op} &({&1})[..])` },
    tests: [
      test(
        { s: 'str', t: 'str' },
        // bytes against str is never equal (and unordered: a TypeError, so a compile-time error here).
        `(${E('s')} ${op} ${E('t')}, bytearray(${E('s')}) ${op} ${E('t')}${op === '==' || op === '!=' ? `, ${E('s')} ${op} s` : ''})`,
        [
          ['ab', 'ab'],
          ['ab', 'abc'],
          ['b', 'a'],
          ['', 'é'],
        ],
      ),
    ],
  });

for (const [id, negate] of [
  ['operator.in_', false],
  ['operator.not_in', true],
] as const)
  extendOp(id, {
    summary: 'int or bytes-like in bytes-like',
    resolve: (args) => {
      const [x, b] = args;
      if (!isBytesLike(b) || !(isBytesLike(x) || isInt(x))) return undefined;
      return ok(id, T.bool, args, isInt(x) ? 'bytes_in_int' : 'bytes_in');
    },
    spell: {
      bytes_in: () => `${negate ? '!' : ''}rt::bytes::contains(&({&1})[..], &({&0})[..])`,
      bytes_in_int: () =>
        `${negate ? '!' : ''}rt::bytes::contains(&({&1})[..], &rt::bytes::sub_byte(({0}) as i64)?[..])`,
    },
    tests: [
      test(
        { s: 'str', t: 'str', n: 'int' },
        `(${E('t')} ${negate ? 'not in' : 'in'} ${E('s')}, n ${negate ? 'not in' : 'in'} bytearray(${E('s')}))`,
        [
          ['hello', 'ell', 104],
          ['hello', 'x', 0],
          ['', '', 256],
        ],
      ),
    ],
  });

extendOp('builtins.len', {
  summary: 'len(bytes-like)',
  resolve: (args) =>
    args.length === 1 && isBytesLike(args[0]) ? ok('builtins.len', T.int, args, 'bytes_len') : undefined,
  spell: { bytes_len: () => '({&0}.len() as i64)' },
  tests: [test({ s: 'str' }, `(len(${E('s')}), len(bytearray(${E('s')})), len(b""))`, [['héllo'], ['']])],
});

extendOp('builtins.ord', {
  summary: 'ord(bytes-like of length 1)',
  resolve: (args) =>
    args.length === 1 && isBytesLike(args[0]) ? ok('builtins.ord', T.int, args, 'bytes_ord') : undefined,
  spell: { bytes_ord: () => 'rt::bytes::ord(&({&0})[..])?' },
  tests: [test({ s: 'str' }, `ord(${E('s')})`, [['a'], ['é'], ['']])],
});

// ---- str.encode, int.from_bytes, int.to_bytes --------------------------------------------------

defineOp({
  id: 'str.encode',
  summary:
    "s.encode(encoding='utf-8', errors='strict'): utf-8, ascii, latin-1; strict, ignore, replace, backslashreplace, xmlcharrefreplace",
  resolve: (args, kw, consts, kwConsts) =>
    isStr(args[0])
      ? bind(
          'str.encode',
          [
            ['encoding', 'str', '"utf-8"'],
            ['errors', 'str', '"strict"'],
          ],
          args,
          kw,
          1,
          BYTES,
          'call',
          {},
          undefined,
          { consts, kwConsts },
        )
      : { error: 'str.encode needs a str' },
  spell: { call: (c) => `rt::bytes::Bytes(rt::bytes::encode({&0}, ${arg(c, 'encoding')}, ${arg(c, 'errors')})?)` },
  tests: [
    test({ s: 'str' }, 'repr(s.encode())', [['héllo 🙂'], ['']]),
    codecTest({ s: 'str', e: 'str', h: 'str' }, 'repr(s.encode(e, h))', [
      ['naïve café', 'ascii', 'strict'],
      ['naïve', 'ascii', 'ignore'],
      ['naïve €🙂', 'ascii', 'replace'],
      ['naïve €🙂', 'latin-1', 'backslashreplace'],
      ['€🙂', 'latin1', 'xmlcharrefreplace'],
      ['€x', 'iso-8859-1', 'strict'],
      ['🙂', 'ascii', 'strict'],
      ['ab', 'ascii', 'nope'],
      ['é', 'ascii', 'nope'],
      ['é', 'UTF8', 'strict'],
    ]),
    test({ s: 'str' }, 'repr(s.encode(encoding="ascii", errors="replace"))', [['é!']]),
  ],
});

const BYTEORDER: Param = ['byteorder', 'str', '"big"'];

defineOp({
  id: 'int.from_bytes',
  summary: "int.from_bytes(bytes, byteorder='big', *, signed=False); OverflowError past 64 bits",
  resolve: (args, kw) =>
    bind(
      'int.from_bytes',
      [['bytes', 'bytes'], BYTEORDER, ['signed', 'bool', 'false']],
      args,
      kw,
      0,
      T.int,
      'call',
      {},
      2,
    ),
  spell: { call: (c) => `rt::bytes::int_from_bytes(${arg(c, 'bytes')}, ${arg(c, 'byteorder')}, ${arg(c, 'signed')})?` },
  tests: [
    test(
      { xs: 'list[int]' },
      '(int.from_bytes(bytes(xs), "big"), int.from_bytes(bytes(xs), "little"), int.from_bytes(bytes(xs), "big", signed=True), int.from_bytes(bytes(xs), byteorder="little", signed=True))',
      [
        [[0, 1]],
        [[255, 254]],
        [[]],
        [[128]],
        [[0, 0, 0, 0, 0, 0, 0, 0, 127, 255, 255, 255, 255, 255, 255, 255]],
        [[255, 255, 255, 255, 255, 255, 255, 255, 128, 0, 0, 0, 0, 0, 0, 0]],
      ],
    ),
    test({ s: 'str' }, 'int.from_bytes(b"\\x01", s)', [['big'], ['middle']]),
    test({ n: 'int' }, 'int.from_bytes(bytes([n]) * 8)', [[127], [128]]),
  ],
});

defineOp({
  id: 'int.to_bytes',
  summary: "n.to_bytes(length=1, byteorder='big', *, signed=False)",
  resolve: (args, kw) =>
    isInt(args[0])
      ? bind(
          'int.to_bytes',
          [['length', 'int', '1i64'], BYTEORDER, ['signed', 'bool', 'false']],
          args,
          kw,
          1,
          BYTES,
          'call',
          {},
          2,
        )
      : { error: 'int.to_bytes needs an int' },
  spell: {
    call: (c) =>
      `rt::bytes::Bytes(rt::bytes::int_to_bytes(({0}) as i64, ${arg(c, 'length')}, ${arg(c, 'byteorder')}, ${arg(c, 'signed')})?)`,
  },
  tests: [
    test(
      { n: 'int', k: 'int' },
      '(repr(n.to_bytes(k, "big", signed=True)), repr(n.to_bytes(k, byteorder="little", signed=True)))',
      [
        [1, 2],
        [-1, 2],
        [127, 1],
        [128, 1],
        [-128, 1],
        [-129, 1],
        [0, 0],
        [1, 0],
        [-2, 10],
        [4611686018427387904, 7],
        [-4611686018427387904, 8],
        [5, -1],
      ],
    ),
    test({ n: 'int' }, '(repr(n.to_bytes()), repr(n.to_bytes(2)), repr(n.to_bytes(4, "little")))', [
      [0],
      [255],
      [256],
      [-1],
    ]),
    test({ n: 'int' }, 'repr(n.to_bytes(2, "sideways"))', [[1]]),
  ],
});

// ---- hashlib -----------------------------------------------------------------------------------

const HASHLIB = ['import hashlib'];
const DIGESTS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

for (const name of [...DIGESTS, 'blake2b', 'blake2s']) {
  const blake = name.startsWith('blake2');
  const params: Param[] = [['data', 'bytes', '&[][..]']];
  if (blake) params.push(['digest_size', 'int', name === 'blake2b' ? '64i64' : '32i64']);
  // Whether the digest is used for security changes nothing about its value.
  params.push(['usedforsecurity', 'bool', 'true']);
  defineOp({
    id: `hashlib.${name}`,
    summary: `hashlib.${name}(data=b''${blake ? ', digest_size=...' : ''}): a hash object`,
    resolve: (args, kw) => bind(`hashlib.${name}`, params, args, kw, 0, HASH, 'call', {}, 1),
    spell: {
      call: (c) =>
        blake
          ? `rt::bytes::Hash::${name}(${arg(c, 'data')}, ${arg(c, 'digest_size')})?`
          : `rt::bytes::Hash::new("${name}", ${arg(c, 'data')})?`,
      // (usedforsecurity is accepted and ignored)
    },
    tests: [
      test(
        { s: 'str' },
        `(hashlib.${name}(s.encode()).hexdigest(), hashlib.${name}().hexdigest(), hashlib.${name}(s.encode()).digest()[:4].hex())`,
        [['hello'], [''], ['héllo wörld '.repeat(20)]],
        HASHLIB,
      ),
      ...(name === 'md5' || name === 'sha1'
        ? [test({ s: 'str' }, `hashlib.${name}(s.encode(), usedforsecurity=False).hexdigest()`, [['x']], HASHLIB)]
        : []),
      ...(blake
        ? [test({ n: 'int' }, `hashlib.${name}(b"abc", digest_size=n).hexdigest()`, [[1], [16], [0], [65]], HASHLIB)]
        : []),
    ],
  });
}

defineOp({
  id: 'hashlib.new',
  summary: "hashlib.new(name, data=b''): md5, sha1, sha224, sha256, sha384, sha512, blake2b, blake2s",
  resolve: (args, kw) =>
    bind(
      'hashlib.new',
      [
        ['name', 'str'],
        ['data', 'bytes', '&[][..]'],
      ],
      args,
      kw,
      0,
      HASH,
      'call',
    ),
  spell: { call: (c) => `rt::bytes::Hash::new(${arg(c, 'name')}, ${arg(c, 'data')})?` },
  tests: [
    test({ s: 'str' }, 'hashlib.new(s, b"abc").hexdigest()', [['sha256'], ['SHA1'], ['blake2b'], ['md4x']], HASHLIB),
  ],
});

const HASH_METHODS: Record<string, { params: Param[]; result: Type; rust: (c: OpChoice) => string; mutates?: true }> = {
  update: {
    params: [['data', 'bytes']],
    result: T.none,
    rust: (c) => `{mut0}.update(${arg(c, 'data')})`,
    mutates: true,
  },
  digest: { params: [], result: BYTES, rust: () => '{&0}.digest()' },
  hexdigest: { params: [], result: T.str, rust: () => '{&0}.hexdigest()' },
  copy: { params: [], result: HASH, rust: () => '({&0}).clone()' },
  name: { params: [], result: T.str, rust: () => '{&0}.name().to_string()' },
  digest_size: { params: [], result: T.int, rust: () => '{&0}.digest_size()' },
  block_size: { params: [], result: T.int, rust: () => '{&0}.block_size()' },
};
for (const [name, m] of Object.entries(HASH_METHODS)) {
  const id = `hashlib.HASH.${name}`;
  defineOp({
    id,
    summary: `h.${name}${m.params.length || ['update', 'digest', 'hexdigest', 'copy'].includes(name) ? '(...)' : ''}`,
    resolve: (args, kw) => {
      if (!(args[0]?.kind === 'opaque' && args[0].name === 'hashlib.HASH'))
        return { error: `${id} needs a hash object` };
      const r = bind(id, m.params, args, kw, 1, m.result, 'call');
      return 'error' in r || !m.mutates ? r : { ...r, mutates: true };
    },
    spell: { call: m.rust },
    tests:
      name === 'update'
        ? [
            {
              params: { xs: 'list[str]' },
              body: 'h = hashlib.sha256()\nfor x in xs:\n    h.update(x.encode())\nc = h.copy()\nc.update(b"!")\nreturn h.hexdigest(), c.hexdigest(), h.name, c.digest_size, h.block_size, len(h.digest())',
              samples: [[['a', 'b', 'c']], [[]]],
              imports: HASHLIB,
            },
            {
              params: { s: 'str' },
              body: 'h = hashlib.md5(s.encode())\nb = hashlib.blake2b(digest_size=20)\nb.update(s.encode())\nreturn [h.name, str(h.digest_size), str(h.block_size), h.hexdigest(), b.name, str(b.digest_size), str(b.block_size), b.hexdigest(), str(hashlib.sha512().block_size), str(hashlib.blake2s().block_size)]',
              samples: [['x']],
              imports: HASHLIB,
            },
          ]
        : [
            test(
              { s: 'str' },
              name === 'digest'
                ? 'list(hashlib.sha1(s.encode()).digest())'
                : name === 'hexdigest'
                  ? 'hashlib.sha384(s.encode()).hexdigest()'
                  : name === 'copy'
                    ? '(hashlib.md5(s.encode()).copy().hexdigest(), hashlib.blake2b(s.encode(), digest_size=8).copy().hexdigest())'
                    : `(hashlib.sha224(s.encode()).${name}, hashlib.blake2s(s.encode(), digest_size=9).${name}, hashlib.new("sha1").${name})`,
              [['abc'], ['']],
              HASHLIB,
            ),
          ],
  });
}

// ---- base64, binascii, zlib --------------------------------------------------------------------

const B64 = ['import base64'];

/** A module function over bytes returning bytes (or an int, for the checksums). */
function moduleFn(
  id: string,
  params: Param[],
  result: Type,
  rust: (c: OpChoice) => string,
  summary: string,
  tests: OpTest[],
): void {
  defineOp({
    id,
    summary,
    resolve: (args, kw) => bind(id, params, args, kw, 0, result, 'call'),
    spell: { call: rust },
    tests,
  });
}

moduleFn(
  'base64.b64encode',
  [
    ['s', 'bytes'],
    ['altchars', 'bytesopt', 'None'],
  ],
  BYTES,
  (c) => `rt::bytes::Bytes(rt::bytes::b64encode(${arg(c, 's')}, ${arg(c, 'altchars')})?)`,
  'b64encode(s, altchars=None)',
  [
    test(
      { s: 'str' },
      '(base64.b64encode(s.encode()).decode(), repr(base64.b64encode(bytes([250, 251, 252, 253, 254, 255]) + s.encode(), b"-_")))',
      [['hello'], [''], ['a'], ['ab'], ['é€🙂']],
      B64,
    ),
  ],
);
moduleFn(
  'base64.b64decode',
  [
    ['s', 'data'],
    ['altchars', 'dataopt', 'None'],
    ['validate', 'bool', 'false'],
  ],
  BYTES,
  (c) => `rt::bytes::Bytes(rt::bytes::b64decode(${arg(c, 's')}, ${arg(c, 'altchars')}, ${arg(c, 'validate')})?)`,
  'b64decode(s, altchars=None, validate=False): binascii.Error as CPython',
  [
    test(
      { s: 'str' },
      'repr(base64.b64decode(s))',
      [
        ['aGVsbG8='],
        ['aGVsbG8'],
        ['aGVsbA'],
        ['a'],
        ['aGV sbG8=\n'],
        ['aGVsbG8===extra'],
        ['aG=VsbG8='],
        ['YQ==YQ=='],
        [''],
        ['=='],
        ['abcde'],
        ['é'],
      ],
      B64,
    ),
    test(
      { s: 'str' },
      'repr(base64.b64decode(s.encode(), validate=True))',
      [
        ['aGVsbG8='],
        ['aGV sbG8='],
        ['=aGVs'],
        ['aGVsbA=='],
        ['aGVsbA==x'],
        ['aG=VsbA=='],
        ['aGVsbA='],
        ['YQ==='],
        ['YQ=a'],
      ],
      B64,
    ),
    test({ s: 'str' }, 'repr(base64.b64decode(s, altchars=b"-_"))', [['-_-_'], ['+/+/']], B64),
  ],
);
moduleFn(
  'base64.standard_b64encode',
  [['s', 'bytes']],
  BYTES,
  (c) => `rt::bytes::Bytes(rt::bytes::b64encode(${arg(c, 's')}, None)?)`,
  'standard_b64encode(s)',
  [test({ s: 'str' }, 'repr(base64.standard_b64decode(base64.standard_b64encode(s.encode())))', [['hi?>']], B64)],
);
moduleFn(
  'base64.standard_b64decode',
  [['s', 'data']],
  BYTES,
  (c) => `rt::bytes::Bytes(rt::bytes::b64decode(${arg(c, 's')}, None, false)?)`,
  'standard_b64decode(s)',
  [test({ s: 'str' }, 'repr(base64.standard_b64decode(s))', [['aGk='], ['aGk'], ['-_8=']], B64)],
);
moduleFn(
  'base64.urlsafe_b64encode',
  [['s', 'bytes']],
  BYTES,
  (c) => `rt::bytes::Bytes(rt::bytes::b64encode(${arg(c, 's')}, Some(rt::bytes::URLSAFE))?)`,
  'urlsafe_b64encode(s): - and _ for + and /',
  [
    test(
      { xs: 'list[int]' },
      'base64.urlsafe_b64encode(bytes(xs)).decode()',
      [[[250, 251, 252, 253, 254, 255]], [[62, 63]]],
      B64,
    ),
  ],
);
moduleFn(
  'base64.urlsafe_b64decode',
  [['s', 'data']],
  BYTES,
  (c) => `rt::bytes::Bytes(rt::bytes::b64decode(${arg(c, 's')}, Some(rt::bytes::URLSAFE), false)?)`,
  'urlsafe_b64decode(s)',
  [
    test(
      { s: 'str' },
      'list(base64.urlsafe_b64decode(s))',
      [['-_-_'], ['+/+/'], ['eyJhIjoxfQ'], ['eyJhIjoxfQ==']],
      B64,
    ),
  ],
);
moduleFn(
  'base64.b16encode',
  [['s', 'bytes']],
  BYTES,
  (c) => `rt::bytes::Bytes(rt::bytes::b16encode(${arg(c, 's')}))`,
  'b16encode(s): upper-case hex',
  [test({ s: 'str' }, 'repr(base64.b16encode(s.encode()))', [['hé'], ['']], B64)],
);
moduleFn(
  'base64.b16decode',
  [
    ['s', 'data'],
    ['casefold', 'bool', 'false'],
  ],
  BYTES,
  (c) => `rt::bytes::Bytes(rt::bytes::b16decode(${arg(c, 's')}, ${arg(c, 'casefold')})?)`,
  'b16decode(s, casefold=False)',
  [
    test(
      { s: 'str' },
      '(repr(base64.b16decode(s, True)), repr(base64.b16decode(s)))',
      [['48C3A9'], ['48c3a9'], ['ABC'], ['GG']],
      B64,
    ),
  ],
);

const BINASCII = ['import binascii', 'import zlib'];
for (const m of ['binascii', 'zlib'] as const)
  moduleFn(
    `${m}.crc32`,
    [
      ['data', 'bytes'],
      ['value', 'int', '0i64'],
    ],
    T.int,
    (c) => `rt::bytes::crc32(${arg(c, 'data')}, ${arg(c, 'value')})`,
    `${m}.crc32(data, value=0): the unsigned CRC-32`,
    [
      test(
        { s: 'str', v: 'int' },
        `(${m}.crc32(s.encode()), ${m}.crc32(s.encode(), v), ${m}.crc32(b""))`,
        [
          ['hello', 0],
          ['', 5],
          ['héllo wörld', 907060870],
        ],
        BINASCII,
      ),
    ],
  );
moduleFn(
  'zlib.adler32',
  [
    ['data', 'bytes'],
    ['value', 'int', '1i64'],
  ],
  T.int,
  (c) => `rt::bytes::adler32(${arg(c, 'data')}, ${arg(c, 'value')})`,
  'zlib.adler32(data, value=1)',
  [
    test(
      { s: 'str', v: 'int' },
      '(zlib.adler32(s.encode()), zlib.adler32(s.encode(), v))',
      [
        ['hello', 1],
        ['', 7],
        ['Wikipedia', 0],
        // zlib's own arithmetic on start values whose halves are not reduced (CPython calls zlib).
        ['', -13],
        ['a', 4294967280],
        ['a', -1],
        ['hello world!!', -1],
        ['x'.repeat(6000), -7],
      ],
      BINASCII,
    ),
  ],
);
for (const name of ['hexlify', 'b2a_hex'])
  moduleFn(
    `binascii.${name}`,
    [['data', 'bytes']],
    BYTES,
    (c) => `rt::bytes::Bytes(rt::bytes::hex(${arg(c, 'data')}, None, 1)?.into_bytes())`,
    `binascii.${name}(data)`,
    [test({ s: 'str' }, `repr(binascii.${name}(s.encode()))`, [['hé'], ['']], BINASCII)],
  );
for (const name of ['unhexlify', 'a2b_hex'])
  moduleFn(
    `binascii.${name}`,
    [['hexstr', 'data']],
    BYTES,
    (c) => `rt::bytes::Bytes(rt::bytes::unhexlify(${arg(c, 'hexstr')})?)`,
    `binascii.${name}(hexstr): binascii.Error for odd length or a non-hex digit`,
    [test({ s: 'str' }, `repr(binascii.${name}(s))`, [['48c3A9'], ['abc'], ['zz'], ['']], BINASCII)],
  );

// `except binascii.Error` and `except UnicodeDecodeError` (lower.ts) catch what these raise.
extendOp('builtins.str', {
  summary: 'str(b) of bytes-like: its repr',
  resolve: () => undefined,
  tests: [
    {
      params: { s: 'str' },
      body: 'try:\n    return base64.b64decode(s).decode()\nexcept binascii.Error as e:\n    return "bad base64: " + str(e)\nexcept UnicodeDecodeError as e:\n    return "bad text: " + str(e)',
      samples: [['aGk='], ['aGk'], ['/w==']],
      imports: ['import base64', 'import binascii'],
    },
    {
      params: { s: 'str' },
      body: 'try:\n    return s.encode("ascii").decode("ascii")\nexcept UnicodeError as e:\n    return "unicode: " + str(e)\nexcept ValueError:\n    return "value"',
      samples: [['ok'], ['née']],
    },
    test({ s: 'str' }, `(str(${E('s')}), str(bytearray(${E('s')})), f"{${E('s')}!r}")`, [['a\'b"\\'], ['\x00\x7f']]),
  ],
});

// ---- struct ------------------------------------------------------------------------------------

/**
 * The Python type of each value a literal `struct` format packs or unpacks, or an error. The format
 * decides the tuple `unpack` returns, so it must be a literal; the runtime parses it again and raises
 * CPython's `struct.error` for what the type rule lets through (a repeat count without a code).
 */
function formatItems(fmt: string): Type[] | { error: string } {
  let s = fmt;
  const native = !/^[<>!=]/.test(s);
  if (/^[<>!=@]/.test(s)) s = s.slice(1);
  const out: Type[] = [];
  const re = /\s*(\d*)([^\s\d])?/gy;
  for (;;) {
    if (re.lastIndex >= s.length) break;
    const m = re.exec(s);
    if (!m || (m[0] ?? '') === '') break;
    const [, digits, code] = m;
    if (code === undefined) {
      if (digits) return { error: 'struct.error: repeat count given without format specifier' };
      break;
    }
    const count = digits ? Number(digits) : 1;
    if ('eEpP'.includes(code)) return { error: `the struct format code '${code}' is not supported here` };
    if (!'xcbB?hHiIlLqQnNfds'.includes(code) || (!native && 'nN'.includes(code)))
      return { error: 'struct.error: bad char in struct format' };
    if (code === 'x') continue;
    if (code === 's') {
      out.push(BYTES);
      continue;
    }
    const t = code === 'c' ? BYTES : code === '?' ? T.bool : code === 'f' || code === 'd' ? T.float : T.int;
    for (let k = 0; k < count; k++) out.push(t);
  }
  return out;
}

const STRUCT = ['import struct'];

function literalFormat(consts: readonly (ConstValue | undefined)[] | undefined): string | { error: string } {
  const c = consts?.[0];
  if (c?.kind !== 'str')
    return { error: 'the struct format must be a string literal here (its codes decide the types)' };
  return c.value;
}

defineOp({
  id: 'struct.pack',
  summary:
    'struct.pack(fmt, *values) with a literal format: codes x c b B ? h H i I l L q Q n N f d s, orders @ = < > !',
  resolve: (args, kw, consts) => {
    if (kw.size > 0) return { error: 'struct.pack takes no keyword arguments' };
    const fmt = literalFormat(consts);
    if (typeof fmt !== 'string') return fmt;
    const items = formatItems(fmt);
    if ('error' in items) return items;
    const vals = args.slice(1);
    if (vals.length !== items.length)
      return { error: `struct.error: pack expected ${items.length} items for packing (got ${vals.length})` };
    const kinds: string[] = [];
    for (const [k, want] of items.entries()) {
      const got = vals[k]!;
      if (want.kind === 'float' && (got.kind === 'float' || isInt(got))) kinds.push('float');
      else if ((want.kind === 'int' || want.kind === 'bool') && isInt(got)) kinds.push('int');
      else if (isBytesLike(want) && isBytesLike(got)) kinds.push('bytes');
      else return { error: `argument ${k + 1} for the format must be ${typeToString(want)}, not ${typeToString(got)}` };
    }
    return ok('struct.pack', BYTES, args, 'call', { kinds: kinds.join(',') });
  },
  spell: {
    call: (c) => {
      const vals = (c.detail!.kinds as string).split(',').filter((x) => x !== '');
      const packed = vals.map((k, i) =>
        k === 'float'
          ? `rt::bytes::Packed::Float(({${i + 1}}) as f64)`
          : k === 'int'
            ? `rt::bytes::Packed::Int(({${i + 1}}) as i64)`
            : `rt::bytes::Packed::Bytes((&({&${i + 1}})[..]).to_vec())`,
      );
      return `rt::bytes::Bytes(rt::bytes::struct_pack({&0}, vec![${packed.join(', ')}])?)`;
    },
  },
  tests: [
    test(
      { a: 'int', b: 'int' },
      '(struct.pack("<hH", a, b).hex(), struct.pack(">iI", a, b).hex(), struct.pack("@bq", a, b).hex())',
      [
        [1, 2],
        [-1, 65535],
        [40000, 1],
        [-129, 0],
        [5, -1],
        [2147483648, 4294967296],
      ],
      STRUCT,
    ),
    test(
      { a: 'int', b: 'int' },
      '(struct.pack("!Bb", a, b).hex(), struct.pack("=?xQ", a, b).hex(), struct.pack("<2l", a, b).hex(), struct.pack("lL", a, b).hex())',
      [
        [0, 0],
        [255, -128],
        [256, 1],
        [1, 128],
        [-5, -5],
      ],
      STRUCT,
    ),
    test(
      { x: 'float', n: 'int' },
      '(struct.pack("<f", x).hex(), struct.pack(">d", x).hex(), struct.pack("<fd", n, n).hex())',
      [
        [0.1, 1],
        [-2.5, -3],
        [1e300, 0],
        [0.0, 7],
      ],
      STRUCT,
    ),
    test(
      { s: 'str' },
      '(struct.pack("<3s", s.encode()).hex(), struct.pack("c2x", s.encode()[:1]).hex(), struct.pack(">c", s.encode()).hex())',
      [['abcdef'], ['a'], ['']],
      STRUCT,
    ),
  ],
});

for (const [id, from] of [
  ['struct.unpack', false],
  ['struct.unpack_from', true],
] as const)
  defineOp({
    id,
    summary: `${id}(fmt, buffer${from ? ', offset=0' : ''}) with a literal format: a tuple typed by the format`,
    resolve: (args, kw, consts) => {
      const fmt = literalFormat(consts);
      if (typeof fmt !== 'string') return fmt;
      const items = formatItems(fmt);
      if ('error' in items) return items;
      const params: Param[] = from
        ? [
            ['buffer', 'bytes'],
            ['offset', 'int', '0i64'],
          ]
        : [['buffer', 'bytes']];
      return bind(id, params, args, kw, 1, T.tuple(items), 'call', {
        types: items.map((t) => (isBytesLike(t) ? 'bytes' : t.kind)).join(','),
      });
    },
    spell: {
      call: (c) => {
        const types = (c.detail!.types as string).split(',').filter((x) => x !== '');
        const call = from
          ? `rt::bytes::struct_unpack_from({&0}, ${arg(c, 'buffer')}, ${arg(c, 'offset')})?`
          : `rt::bytes::struct_unpack({&0}, ${arg(c, 'buffer')})?`;
        const fields = types.map(
          (t, i) => `__u[${i}].${t === 'bytes' ? 'bytes' : t === 'float' ? 'float' : t === 'bool' ? 'bool' : 'int'}()`,
        );
        return `{ let __u = ${call}; (${fields.join(', ')}${fields.length === 1 ? ',' : ''}) }`;
      },
    },
    tests: from
      ? [
          test(
            { xs: 'list[int]', k: 'int' },
            'repr(struct.unpack_from("<h", bytes(xs), k))',
            [
              [[1, 2, 3], 0],
              [[1, 2, 3], 1],
              [[1, 2, 3], 2],
              [[1, 2, 3], -2],
              [[1, 2, 3], -5],
              [[1, 2, 3], 5],
            ],
            STRUCT,
          ),
        ]
      : [
          test(
            { xs: 'list[int]' },
            '(repr(struct.unpack("<hH", bytes(xs))), repr(struct.unpack(">iI", bytes(xs) * 2)))',
            [[[1, 2, 255, 255]], [[0, 128, 0, 128]], [[1, 2, 3]]],
            STRUCT,
          ),
          test(
            { xs: 'list[int]' },
            'repr(struct.unpack("@bq", bytes(xs)))',
            [
              [[1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]],
              [[255, 9, 9, 9, 9, 9, 9, 9, 255, 255, 255, 255, 255, 255, 255, 255]],
              [[1]],
            ],
            STRUCT,
          ),
          test({ s: 'str' }, 'repr(struct.unpack("<3sc?x", s.encode()))', [['abcde'], ['abc\x00\x00'], ['ab']], STRUCT),
          test(
            { x: 'float' },
            'repr(struct.unpack("<fd", struct.pack("<fd", x, x)))',
            [[0.1], [-1e-300], [3.0]],
            STRUCT,
          ),
          test({ n: 'int' }, 'struct.unpack(">Q", struct.pack(">q", n))[0]', [[5], [0]], STRUCT),
        ],
  });

defineOp({
  id: 'struct.calcsize',
  summary: 'struct.calcsize(fmt): native alignment under @',
  resolve: (args) =>
    isStr(args[0]) && args.length === 1
      ? ok('struct.calcsize', T.int, args, 'call')
      : { error: 'struct.calcsize takes a format str' },
  spell: { call: () => 'rt::bytes::struct_calcsize({&0})?' },
  tests: [
    test(
      { s: 'str' },
      'struct.calcsize(s)',
      [['@hq'], ['=hq'], ['<l'], ['l'], ['5sH'], ['2x3h'], ['<z'], ['<4'], [''], ['>n']],
      STRUCT,
    ),
  ],
});

// ---- hmac --------------------------------------------------------------------------------------

const HMAC = T.opaque('hmac.HMAC', 'rt::bytes::Hmac');
const HMAC_IMPORTS = ['import hmac', 'import hashlib'];

defineOp({
  id: 'hmac.new',
  summary: "hmac.new(key, msg=None, digestmod): digestmod a name ('sha256') or a hashlib constructor (hashlib.sha256)",
  resolve: (args, kw) =>
    bind(
      'hmac.new',
      [
        ['key', 'bytes'],
        ['msg', 'bytesopt', 'None'],
        ['digestmod', 'str'],
      ],
      args,
      kw,
      0,
      HMAC,
      'call',
    ),
  spell: { call: (c) => `rt::bytes::Hmac::new(${arg(c, 'key')}, ${arg(c, 'msg')}, ${arg(c, 'digestmod')})?` },
  tests: [
    test(
      { k: 'str', m: 'str' },
      '(hmac.new(k.encode(), m.encode(), hashlib.sha256).hexdigest(), hmac.new(k.encode(), digestmod="md5").hexdigest(), hmac.new(k.encode() * 50, m.encode(), digestmod=hashlib.sha512).hexdigest()[:32])',
      [
        ['key', 'The quick brown fox jumps over the lazy dog'],
        ['', ''],
        ['sécret', 'payload'],
      ],
      HMAC_IMPORTS,
    ),
    test({ s: 'str' }, 'hmac.new(b"k", b"m", s).hexdigest()', [['sha1'], ['blake2b'], ['nope']], HMAC_IMPORTS),
  ],
});

defineOp({
  id: 'hmac.digest',
  summary: 'hmac.digest(key, msg, digest): the MAC in one call',
  resolve: (args, kw) =>
    bind(
      'hmac.digest',
      [
        ['key', 'bytes'],
        ['msg', 'bytes'],
        ['digest', 'str'],
      ],
      args,
      kw,
      0,
      BYTES,
      'call',
    ),
  spell: { call: (c) => `rt::bytes::hmac_digest(${arg(c, 'key')}, ${arg(c, 'msg')}, ${arg(c, 'digest')})?` },
  tests: [
    test({ m: 'str' }, 'hmac.digest(b"key", m.encode(), hashlib.sha1).hex()', [['hello'], ['']], HMAC_IMPORTS),
    test({ d: 'str' }, 'hmac.digest(b"key", b"msg", d).hex()', [['sha224'], [''], ['nope']], HMAC_IMPORTS),
  ],
});

defineOp({
  id: 'hmac.compare_digest',
  summary: 'hmac.compare_digest(a, b): two ASCII str or two bytes-like values',
  resolve: (args) => {
    const [a, b] = args;
    if (args.length !== 2) return { error: 'compare_digest takes two arguments' };
    if (isStr(a) && isStr(b)) return ok('hmac.compare_digest', T.bool, args, 'strs');
    if (isBytesLike(a) && isBytesLike(b)) return ok('hmac.compare_digest', T.bool, args, 'bytes');
    return {
      error: `unsupported operand types(s) or combination of types: '${a ? typeToString(a) : ''}' and '${b ? typeToString(b) : ''}'`,
    };
  },
  spell: {
    strs: () => 'rt::bytes::compare_digest_str({&0}, {&1})?',
    bytes: () => 'rt::bytes::compare_digest(&({&0})[..], &({&1})[..])',
  },
  tests: [
    test(
      { a: 'str', b: 'str' },
      '(hmac.compare_digest(a, b), hmac.compare_digest(a.encode(), b.encode()))',
      [
        ['abc', 'abc'],
        ['abc', 'abd'],
        ['abc', 'ab'],
        ['', ''],
        ['é', 'é'],
      ],
      HMAC_IMPORTS,
    ),
  ],
});

const HMAC_METHODS: Record<string, { params: Param[]; result: Type; rust: (c: OpChoice) => string; mutates?: true }> = {
  update: { params: [['msg', 'bytes']], result: T.none, rust: (c) => `{mut0}.update(${arg(c, 'msg')})`, mutates: true },
  digest: { params: [], result: BYTES, rust: () => '{&0}.digest()' },
  hexdigest: { params: [], result: T.str, rust: () => '{&0}.hexdigest()' },
  copy: { params: [], result: HMAC, rust: () => '({&0}).clone()' },
  name: { params: [], result: T.str, rust: () => '{&0}.name()' },
  digest_size: { params: [], result: T.int, rust: () => '{&0}.digest_size()' },
  block_size: { params: [], result: T.int, rust: () => '{&0}.block_size()' },
};
for (const [name, m] of Object.entries(HMAC_METHODS)) {
  const id = `hmac.HMAC.${name}`;
  defineOp({
    id,
    summary: `h.${name}${['update', 'digest', 'hexdigest', 'copy'].includes(name) ? '(...)' : ''}`,
    resolve: (args, kw) => {
      if (!(args[0]?.kind === 'opaque' && args[0].name === 'hmac.HMAC')) return { error: `${id} needs an HMAC object` };
      const r = bind(id, m.params, args, kw, 1, m.result, 'call');
      return 'error' in r || !m.mutates ? r : { ...r, mutates: true };
    },
    spell: { call: m.rust },
    tests: [
      {
        params: { xs: 'list[str]' },
        body: `h = hmac.new(b"secret", digestmod=hashlib.sha256)\nfor x in xs:\n    h.update(x.encode())\nc = h.copy()\nc.update(b"!")\nreturn [h.hexdigest(), c.hexdigest(), h.digest().hex(), h.name, str(h.digest_size), str(h.block_size), repr(h.${name === 'update' ? 'name' : name}${['digest', 'hexdigest', 'copy'].includes(name) ? '() is not None' : ''})]`,
        samples: [[['a', 'b']], [[]]],
        imports: HMAC_IMPORTS,
      },
    ],
  });
}

extendOp('builtins.str', {
  summary: 'str(b, encoding, errors): b.decode(encoding, errors)',
  resolve: (args, kw, consts, kwConsts) => {
    if (!isBytesLike(args[0]) || (args.length < 2 && kw.size === 0)) return undefined;
    return bind(
      'builtins.str',
      [
        ['object', 'bytes'],
        ['encoding', 'str', '"utf-8"'],
        ['errors', 'str', '"strict"'],
      ],
      args,
      kw,
      0,
      T.str,
      'bytes_decode',
      {},
      undefined,
      { consts, kwConsts },
    );
  },
  spell: {
    bytes_decode: (c) => `rt::bytes::decode(${arg(c, 'object')}, ${arg(c, 'encoding')}, ${arg(c, 'errors')})?`,
  },
  tests: [
    test(
      { xs: 'list[int]' },
      '(str(bytes(xs), "utf-8"), str(bytes(xs), "latin-1"), str(bytearray(xs), encoding="ascii", errors="replace"), str(bytes(xs), errors="ignore"))',
      [[[104, 195, 169]], [[255]], [[]]],
    ),
    test(
      { s: 'str' },
      '(repr(s.encode("utf-8-sig")), s.encode("utf-8-sig").decode("utf-8-sig"), s.encode("utf-8-sig").decode("utf-8"), s.encode().decode("utf_8_sig"))',
      [['héllo'], ['']],
    ),
  ],
});

// `isinstance(x, bytes)` / `bytearray` is decided from the static type (builtins.ts INSTANCE_OF); its tests live here.
extendOp('builtins.isinstance', {
  summary: 'isinstance(x, bytes) and isinstance(x, bytearray)',
  resolve: () => undefined,
  tests: [
    test(
      { s: 'str' },
      '(isinstance(s.encode(), bytes), isinstance(bytearray(s.encode()), (bytes, bytearray)), isinstance(s, bytes), isinstance(s.encode(), bytearray), isinstance(s.encode(), (str, int)))',
      [['x']],
    ),
  ],
});

// ---- base32 ------------------------------------------------------------------------------------

for (const [name, alphabet] of [
  ['b32', 'B32'],
  ['b32hex', 'B32HEX'],
] as const) {
  moduleFn(
    `base64.${name}encode`,
    [['s', 'bytes']],
    BYTES,
    (c) => `rt::bytes::Bytes(rt::bytes::b32encode(${arg(c, 's')}, rt::bytes::${alphabet}))`,
    `${name}encode(s): padded with =`,
    [
      test(
        { s: 'str' },
        `(base64.${name}encode(s.encode()).decode(), base64.${name}encode(s.encode()[:1]).decode())`,
        [['hello'], [''], ['ab'], ['abc'], ['abcd'], ['é€🙂']],
        B64,
      ),
    ],
  );
  const params: Param[] =
    name === 'b32'
      ? [
          ['s', 'data'],
          ['casefold', 'bool', 'false'],
          ['map01', 'dataopt', 'None'],
        ]
      : [
          ['s', 'data'],
          ['casefold', 'bool', 'false'],
        ];
  moduleFn(
    `base64.${name}decode`,
    params,
    BYTES,
    (c) =>
      `rt::bytes::Bytes(rt::bytes::b32decode(${arg(c, 's')}, rt::bytes::${alphabet}, ${arg(c, 'casefold')}, ${name === 'b32' ? arg(c, 'map01') : 'None'})?)`,
    `${name}decode(s, casefold=False${name === 'b32' ? ', map01=None' : ''}): binascii.Error as CPython`,
    [
      test(
        { s: 'str' },
        `(repr(base64.${name}decode(s)), repr(base64.${name}decode(s.lower(), casefold=True)))`,
        name === 'b32'
          ? [
              ['NBSWY3DP'],
              ['MFRGG==='],
              ['MFRA===='],
              ['ME======'],
              ['MFRGGZA='],
              [''],
              ['MFRGG'],
              ['M1======'],
              ['ME=====A'],
              ['MFRGGZA======='],
              ['AAAAAAA='],
            ]
          : [['D1IMOR3F'], ['C5H66==='], ['C4======'], ['C4=====X'], ['W0======']],
        B64,
      ),
      ...(name === 'b32'
        ? [test({ s: 'str' }, 'repr(base64.b32decode(s, map01=b"L"))', [['0E======'], ['1E======'], ['ME======']], B64)]
        : []),
    ],
  );
}
