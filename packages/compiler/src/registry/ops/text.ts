/**
 * Text helpers from the standard library that pre-processing code uses: `unicodedata`
 * (normalize, category, combining), the `string` module's constants, `capwords` and `Template`,
 * and translation tables (`str.maketrans`, `s.translate`). The runtime side is `rt::text`.
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
        ['NFC', '\u1100\u1161\u11a8 \uac00\u11a8 \u0915\u093c \u0061\u0328\u0301\u0323 \u1e9b\u0323'],
        ['NFKD', '\u1e9b\u0323 ㌀ ¼ \ufb2c ǅ \u2460'],
        ['NFD', '\u0f73 \u0344 \u212b \u2126 \u1f80\u0345'],
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

// string.Template: an opaque holding the template text; substitute/safe_substitute take a dict
// and/or keywords (the keywords win, as CPython's ChainMap), each value as str() gives it.
const TEMPLATE = T.opaque('string.Template', 'rt::text::Template');
const isTemplate = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'string.Template';
const TEMPLATE_IMPORTS = ['import string'];

defineOp({
  id: 'string.Template',
  summary: 'string.Template(template): `$name`, `${name}` and `$$` placeholders',
  resolve: (args, kw): ResolveResult => {
    const t = args[0] ?? kw.get('template');
    if (args.length + kw.size !== 1 || t?.kind !== 'str' || (kw.size === 1 && !kw.has('template')))
      return { error: 'string.Template() takes the template str' };
    return {
      entry: 'string.Template',
      overload: 'str',
      result: TEMPLATE,
      params: [str],
      variant: args.length ? 'pos' : 'kw',
    };
  },
  spell: { pos: () => 'rt::text::Template::new({0})', kw: () => 'rt::text::Template::new({kw:template})' },
  tests: [
    {
      params: { s: 'str' },
      expr: 'string.Template(s).template',
      samples: [['$x and ${y}']],
      imports: TEMPLATE_IMPORTS,
    },
  ],
});

for (const [name, safe] of [
  ['substitute', false],
  ['safe_substitute', true],
] as const)
  defineOp({
    id: `string.Template.${name}`,
    summary: `template.${name}(mapping={}, **kws): placeholders replaced by str() of their values${safe ? ', missing names and invalid placeholders left as they are' : '; KeyError for a missing name, ValueError for an invalid placeholder'}`,
    resolve: (args, kw): ResolveResult => {
      const [t, m] = args;
      if (!isTemplate(t) || args.length > 2) return { error: `${name}() takes a mapping and keywords` };
      if (m && !(m.kind === 'dict' && m.key.kind === 'str'))
        return { error: `the mapping of ${name}() must be a dict with str keys, not ${typeToString(m)}` };
      return {
        entry: `string.Template.${name}`,
        overload: args.map(typeToString).join(', '),
        result: str,
        params: args,
        variant: 'call',
        detail: { kws: [...kw.keys()].join(','), mapping: m ? 'yes' : '' },
      };
    },
    spell: {
      call: (c) => {
        const kws = (c.detail!.kws as string).split(',').filter((k) => k !== '');
        const pairs = kws.map((k) => `(${JSON.stringify(k)}, rt::repr::to_str({&kw:${k}}))`).join(', ');
        const mapping = c.detail!.mapping ? 'Some({&1})' : 'None::<&rt::Dict<String, String>>';
        return `{ let __kws: [(&str, String); ${kws.length}] = [${pairs}]; let __out = ({&0}).substitute_with(&rt::text::template_lookup(&__kws, ${mapping}), ${safe})?; __out }`;
      },
    },
    tests: [
      {
        params: { s: 'str', who: 'str', n: 'int' },
        expr: `string.Template(s).${name}(who=who, n=n)`,
        samples: [
          ['$who has ${n} apples, $$5 each', 'Ann', 3],
          ['$who$n${who}x $missing', 'B', 0],
          ['bad $ placeholder', 'x', 1],
          ['line one\nline $2 two', 'x', 1],
          ['${who', 'x', 1],
          ['$WHO $_who $wh0 $é', 'x', 1],
          ['', 'x', 1],
        ],
        imports: TEMPLATE_IMPORTS,
      },
      {
        params: { s: 'str', d: 'dict[str, int]' },
        expr: `string.Template(s).${name}(d, b="kw")`,
        samples: [
          ['$a + $b = ${c}', { a: 1, b: 2, c: 3 }],
          ['$a $z', { a: 1 }],
        ],
        imports: TEMPLATE_IMPORTS,
      },
      {
        params: { s: 'str', d: 'dict[str, str]' },
        expr: `string.Template(s).${name}(d)`,
        samples: [['Dear $name, ${greeting}!', { name: 'Zoë', greeting: 'hi' }]],
        imports: TEMPLATE_IMPORTS,
      },
    ],
  });

// string.Formatter: `parse` splits a format string as str.format reads it (a template's field names, before filling).
const FORMATTER = T.opaque('string.Formatter', 'rt::text::Formatter');
defineOp({
  id: 'string.Formatter',
  summary: 'string.Formatter(): a formatter whose parse(s) splits format strings',
  resolve: (args, kw): ResolveResult =>
    args.length + kw.size === 0
      ? { entry: 'string.Formatter', overload: '', result: FORMATTER, params: [], variant: 'new' }
      : { error: 'string.Formatter() takes no arguments' },
  spell: { new: () => 'rt::text::Formatter' },
  tests: [
    {
      params: { s: 'str' },
      body: 'fmt = string.Formatter()\nreturn [lit for lit, _, _, _ in fmt.parse(s)]',
      samples: [['a{x}b{{c'], ['{']],
      imports: TEMPLATE_IMPORTS,
    },
  ],
});
defineOp({
  id: 'string.Formatter.parse',
  summary:
    'Formatter().parse(s): (literal_text, field_name, format_spec, conversion) tuples, None where no field follows',
  resolve: (args, kw): ResolveResult => {
    const [f, s] = args;
    if (f?.kind !== 'opaque' || f.name !== 'string.Formatter' || args.length !== 2 || kw.size > 0 || s?.kind !== 'str')
      return { error: 'parse() takes the format string' };
    const opt = T.optional(str);
    return {
      entry: 'string.Formatter.parse',
      overload: 'str',
      result: T.list(T.tuple([str, opt, opt, opt])),
      params: args,
      variant: 'call',
    };
  },
  spell: { call: () => '({&0}).parse(&{1})?' },
  tests: [
    {
      params: { s: 'str' },
      expr: 'list(string.Formatter().parse(s))',
      samples: [
        ['Hello {name}, you are {age:>3d} ({0!r}) {}'],
        ['a{{b}}c {x.y[0]!s:{w}}'],
        [''],
        ['plain'],
        ['bad } brace'],
        ['open {'],
        ['{unclosed'],
        ['{a!}'],
        ['{a!rx}'],
        ['{a{b}}'],
        ['tail {x}{{'],
      ],
      imports: TEMPLATE_IMPORTS,
    },
    {
      params: { fmt: 'str' },
      body: 'names = [f for _, f, _, _ in string.Formatter().parse(fmt) if f]\nreturn sorted(set(names))',
      samples: [['Q: {question}\nContext: {context}\n{question}?']],
      imports: TEMPLATE_IMPORTS,
    },
  ],
});

defineOp({
  id: 'string.Template.template',
  summary: 'the template text, read as an attribute (t.template)',
  resolve: (args) =>
    args.length === 1 && isTemplate(args[0])
      ? { entry: 'string.Template.template', overload: '', result: str, params: args, variant: 'field' }
      : { error: "this object has no attribute 'template'" },
  spell: { field: () => '({&0}).template.clone()' },
  tests: [
    {
      params: { s: 'str' },
      body: 't = string.Template(s)\nreturn t.template + t.safe_substitute(x="X")',
      samples: [['$x-$y']],
      imports: TEMPLATE_IMPORTS,
    },
  ],
});

for (const [name, result] of [
  ['get_identifiers', T.list(str)],
  ['is_valid', T.bool],
] as const)
  defineOp({
    id: `string.Template.${name}`,
    summary: `template.${name}(): ${name === 'is_valid' ? 'false when a placeholder is invalid' : 'the placeholder names, each once, in order'}`,
    resolve: (args, kw) =>
      args.length === 1 && kw.size === 0 && isTemplate(args[0])
        ? { entry: `string.Template.${name}`, overload: '', result, params: args, variant: 'call' }
        : { error: `${name}() takes no arguments` },
    spell: { call: () => `({&0}).${name}()` },
    tests: [
      {
        params: { s: 'str' },
        expr: `string.Template(s).${name}()`,
        samples: [['$a ${b} $a $$c $1 ${d'], ['plain'], ['$x_1 ${Y}']],
        imports: TEMPLATE_IMPORTS,
      },
    ],
  });
