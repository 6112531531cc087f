/**
 * Text helpers from the standard library that pre-processing code uses: `unicodedata`
 * (normalize, category, combining), the `string` module's constants and `capwords`, and
 * translation tables (`str.maketrans`, `s.translate`). The runtime side is `rt::text`.
 */
import { overloads, defineOp, sig, T, type ResolveResult, defineSpellings } from '../registry';
import { type Type, typeToString } from '../../types/types';

const { int, str } = T;
const table = T.dict(int, T.optional(str));

/** Rust string literal for ASCII text (the constants below). */
function lit(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\v/g, '\\x0b').replace(/\f/g, '\\x0c')}".to_string()`;
}

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = lower.toUpperCase();
const digits = '0123456789';
const punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const whitespace = ' \t\n\r\x0b\x0c';
const STRING_CONSTANTS: [string, string][] = [
  ['ascii_lowercase', lower],
  ['ascii_uppercase', upper],
  ['ascii_letters', lower + upper],
  ['digits', digits],
  ['hexdigits', `${digits}abcdefABCDEF`],
  ['octdigits', '01234567'],
  ['punctuation', punctuation],
  ['whitespace', whitespace],
  ['printable', digits + lower + upper + punctuation + whitespace],
];

for (const [name, value] of STRING_CONSTANTS) {
  defineOp({
    id: `string.${name}`,
    summary: `the constant string.${name}`,
    resolve: (args) =>
      args.length === 0
        ? { entry: `string.${name}`, overload: '', result: str, params: [], variant: 'value' }
        : { error: `string.${name} is not callable` },
    spell: { value: () => lit(value) },
    tests: [
      {
        params: { s: 'str' },
        expr: `[c for c in s if c in string.${name}]`,
        samples: [['aZ9 !\tx~é']],
        imports: ['import string'],
      },
    ],
  });
}

defineOp({
  id: 'string.capwords',
  summary: 'string.capwords(s, sep=None): capitalize each word',
  ...overloads(
    'string.capwords',
    [sig([str], str, 'rt::text::capwords({&0}, None)?'), sig([str, str], str, 'rt::text::capwords({&0}, Some({&1}))?')],
    ['sep'],
  ),
  tests: [
    {
      params: { s: 'str' },
      expr: 'string.capwords(s)',
      samples: [['hello  wide wörld'], [''], ['ÉCOLE élève']],
      imports: ['import string'],
    },
  ],
});

defineOp({
  id: 'unicodedata.normalize',
  summary: 'unicodedata.normalize(form, s) for NFC, NFD, NFKC, NFKD (ValueError otherwise)',
  ...overloads('unicodedata.normalize', [sig([str, str], str, 'rt::text::normalize({&0}, {&1})?')]),
  tests: [
    {
      params: { form: 'str', s: 'str' },
      expr: 'unicodedata.normalize(form, s)',
      samples: [
        ['NFKC', 'ﬁne Ｆｕｌｌ ①'],
        ['NFD', 'Crème brûlée'],
        ['NFC', 'e\u0301'],
        ['NFKD', 'Å'],
        ['NFX', 'a'],
      ],
      imports: ['import unicodedata'],
    },
  ],
});

defineOp({
  id: 'unicodedata.category',
  summary: "unicodedata.category(c): the general category, from CPython's tables",
  ...overloads('unicodedata.category', [sig([str], str, 'rt::text::category({&0})?')]),
  tests: [
    {
      params: { s: 'str' },
      expr: '[unicodedata.category(c) for c in s]',
      samples: [['aZ9 _-é\u0301€😀\u0378']],
      imports: ['import unicodedata'],
    },
  ],
});

defineOp({
  id: 'unicodedata.combining',
  summary: 'unicodedata.combining(c): the canonical combining class',
  ...overloads('unicodedata.combining', [sig([str], int, 'rt::text::combining({&0})?')]),
  tests: [
    {
      params: { s: 'str' },
      expr: '"".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))',
      samples: [['Crème brûlée à Ἀθῆναι']],
      imports: ['import unicodedata'],
    },
    { params: { s: 'str' }, expr: 'unicodedata.combining(s)', samples: [['ab']], imports: ['import unicodedata'] },
  ],
});

defineOp({
  id: 'str.maketrans',
  summary: 'str.maketrans(x, y[, z]) or str.maketrans(dict): a translation table',
  resolve: (args): ResolveResult => {
    const ok = (params: Type[], variant: string): ResolveResult => ({
      entry: 'str.maketrans',
      overload: params.map(typeToString).join(', '),
      result: table,
      params,
      variant,
    });
    if (
      args.length === 1 &&
      args[0]?.kind === 'dict' &&
      args[0].key.kind === 'str' &&
      (args[0].value.kind === 'str' || (args[0].value.kind === 'optional' && args[0].value.item.kind === 'str'))
    )
      return ok([args[0]], 'dict');
    if (args.length === 2 && args.every((a) => a.kind === 'str')) return ok([str, str], 'two');
    if (args.length === 3 && args.every((a) => a.kind === 'str')) return ok([str, str, str], 'three');
    return { error: 'str.maketrans() takes (x, y[, z]) strings or a dict of characters to strings' };
  },
  tests: [
    { params: { s: 'str' }, expr: 's.translate(str.maketrans("abc", "xyz", "!"))', samples: [['a!b!c?'], ['']] },
    { params: { s: 'str' }, expr: 's.translate(str.maketrans({"é": "e", "ß": "ss"}))', samples: [['Straße café']] },
    { params: { s: 'str' }, expr: 's.translate(str.maketrans("ab", "x"))', samples: [['ab']] },
  ],
});

defineOp({
  id: 'str.translate',
  summary: 's.translate(table): replace or delete characters by code point',
  resolve: (args): ResolveResult => {
    const [s, t] = args;
    if (s?.kind !== 'str' || t?.kind !== 'dict' || t.key.kind !== 'int')
      return { error: 'translate() takes a table from str.maketrans() or a dict of code points' };
    const v = t.value;
    if (!(v.kind === 'str' || (v.kind === 'optional' && v.item.kind === 'str')))
      return { error: 'the table must map code points to str or None' };
    return {
      entry: 'str.translate',
      overload: `str, ${typeToString(t)}`,
      result: str,
      params: [str, t],
      variant: 'table',
    };
  },
  tests: [{ params: { s: 'str' }, expr: 's.translate({ord("a"): "A", ord("b"): "BB"})', samples: [['abcab']] }],
});

// The Rust of each variant the rules above choose.
defineSpellings({
  'str.translate': { table: () => 'rt::text::translate({&0}, {&1})' },
});
defineSpellings({
  'str.maketrans': {
    dict: () => 'rt::text::maketrans_dict({&0})?',
    two: () => 'rt::text::maketrans({&0}, {&1}, "")?',
    three: () => 'rt::text::maketrans({&0}, {&1}, {&2})?',
  },
});
