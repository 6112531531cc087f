/**
 * The `unicodedata` module beyond normalize/category/combining (those are in the text family):
 * character properties (`bidirectional`, `east_asian_width`, `mirrored`, `decomposition`),
 * numeric values (`decimal`, `digit`, `numeric`, with or without a default), names (`name`,
 * `lookup` with aliases and named sequences), `is_normalized` and `unidata_version`. Input:
 * argument types from infer; output: op choices spelled as calls of the runtime's
 * `rt::unicodedata`, whose tables are generated from CPython 3.11 (Unicode 14.0.0).
 */
import { defineOp, overloads, sig, T, type OpTest, type ResolveResult } from '../registry';
import { type Type, typeToString } from '../../types/types';
import { ok } from './numpy';

const { int, str, float, bool } = T;
const IMPORTS = ['import unicodedata'];
const CHARS = 'aZ9 _-é\u0301€😀\u0378½٣²Ⅻ日ﬁ(»\u200f\u00ad가ㄱ\u4e00\uf900\u{1f600}';
const test = (params: Record<string, string>, expr: string, samples: unknown[][]): OpTest => ({
  params,
  expr,
  samples,
  imports: IMPORTS,
});
const eachChar = (f: string): OpTest =>
  test({ s: 'str' }, `[unicodedata.${f}(c) for c in s]`, [
    [CHARS],
    ['\u0000\u001f\u007f\u0600\u05d0\u0661\u2028\uffff'],
  ]);

for (const [f, result, summary] of [
  ['bidirectional', str, "the bidirectional class ('' for unassigned characters)"],
  ['east_asian_width', str, 'the East Asian width: F, H, W, Na, A or N'],
  ['mirrored', int, '1 when the character is mirrored in bidirectional text, else 0'],
  ['decomposition', str, "the decomposition mapping as text (`'<compat> 0020 0301'`), '' for none"],
] as const)
  defineOp({
    id: `unicodedata.${f}`,
    summary: `unicodedata.${f}(c): ${summary}; TypeError unless c is one character`,
    ...overloads(`unicodedata.${f}`, [sig([str], result, `rt::unicodedata::${f}({&0})?`)]),
    tests: [eachChar(f), test({ s: 'str' }, `unicodedata.${f}(s)`, [['ab'], ['']])],
  });

/** `decimal`, `digit`, `numeric`, `name`: ValueError without a default; the default's type joins the result. */
for (const [f, result, summary] of [
  ['decimal', int, 'the decimal digit value (ValueError, or the default, for none)'],
  ['digit', int, 'the digit value (ValueError, or the default, for none)'],
  ['numeric', float, 'the numeric value as a float, fractions included (ValueError, or the default, for none)'],
  ['name', str, 'the character name (ValueError, or the default, for none)'],
] as const)
  defineOp({
    id: `unicodedata.${f}`,
    summary: `unicodedata.${f}(c[, default]): ${summary}`,
    resolve: (args, kw): ResolveResult => {
      const id = `unicodedata.${f}`;
      if (kw.size > 0) return { error: `\`${id}\` takes no keyword arguments` };
      const [c, d] = args;
      if (c?.kind !== 'str' || args.length > 2) return { error: `\`${id}\` takes a character and an optional default` };
      if (!d) return ok(id, result, args, 'plain');
      if (d.kind === 'none') return ok(id, T.optional(result), args, 'opt');
      const fits = (t: Type): boolean => t.kind === result.kind || (result.kind === 'float' && t.kind === 'int');
      if (fits(d)) return ok(id, result, args, d.kind === 'int' && result.kind === 'float' ? 'or_int' : 'or');
      if (d.kind === 'optional' && fits(d.item)) return ok(id, T.optional(result), args, 'or_opt');
      return {
        error: `the default of \`${id}\` must be ${typeToString(result)} or None, not ${typeToString(d)}`,
      };
    },
    spell: {
      plain: () => `rt::unicodedata::${f}({&0})?`,
      opt: () => `rt::unicodedata::${f}_opt({&0})?`,
      or: () => `rt::unicodedata::${f}_opt({&0})?.unwrap_or({1})`,
      or_int: () => `rt::unicodedata::${f}_opt({&0})?.unwrap_or({1} as f64)`,
      or_opt: () => `rt::unicodedata::${f}_opt({&0})?.or({1})`,
    },
    tests: [
      eachChar(f),
      test({ s: 'str' }, `[unicodedata.${f}(c, None) for c in s]`, [[CHARS]]),
      test(
        { s: 'str' },
        f === 'name' ? `[unicodedata.${f}(c, "?") for c in s]` : `[unicodedata.${f}(c, -1) for c in s]`,
        [[CHARS]],
      ),
    ],
  });

defineOp({
  id: 'unicodedata.lookup',
  summary:
    'unicodedata.lookup(name): the character of a name (any ASCII case), alias or named sequence; KeyError for none',
  ...overloads('unicodedata.lookup', [sig([str], str, 'rt::unicodedata::lookup({&0})?')]),
  tests: [
    test({ n: 'str' }, 'unicodedata.lookup(n)', [
      ['LATIN SMALL LETTER E WITH ACUTE'],
      ['latin small letter sharp s'],
      ['EURO SIGN'],
      ['HANGUL SYLLABLE GAG'],
      ['hangul syllable gag'],
      ['CJK UNIFIED IDEOGRAPH-4E00'],
      ['CJK UNIFIED IDEOGRAPH-4e00'],
      ['CJK COMPATIBILITY IDEOGRAPH-F900'],
      ['cjk compatibility ideograph-f900'],
      ['NUSHU CHARACTER-1B170'],
      ['LINE FEED'],
      ['BYTE ORDER MARK'],
      ['LATIN CAPITAL LETTER A WITH MACRON AND GRAVE'],
      ['KEYCAP DIGIT ONE'],
      ['NOT A NAME'],
      [''],
    ]),
    test({ s: 'str' }, '[unicodedata.lookup(unicodedata.name(c)) == c for c in s if unicodedata.name(c, "")]', [
      [CHARS],
    ]),
  ],
});

defineOp({
  id: 'unicodedata.is_normalized',
  summary: 'unicodedata.is_normalized(form, s): whether s is already in form (ValueError for another form)',
  ...overloads('unicodedata.is_normalized', [sig([str, str], bool, 'rt::unicodedata::is_normalized({&0}, {&1})?')]),
  tests: [
    test({ s: 'str' }, '[unicodedata.is_normalized(f, s) for f in ("NFC", "NFD", "NFKC", "NFKD")]', [
      ['Crème'],
      ['e\u0301'],
      ['ﬁ'],
      [''],
      ['가'],
    ]),
    test({ f: 'str', s: 'str' }, 'unicodedata.is_normalized(f, s)', [
      ['NFX', 'a'],
      ['NFX', ''],
    ]),
  ],
});

defineOp({
  id: 'unicodedata.unidata_version',
  summary: "the constant unicodedata.unidata_version ('14.0.0', CPython 3.11's)",
  resolve: (args) =>
    args.length === 0
      ? ok('unicodedata.unidata_version', str, [], 'value')
      : { error: 'unicodedata.unidata_version is not callable' },
  spell: { value: () => 'rt::unicodedata::UNIDATA_VERSION.to_string()' },
  tests: [test({ s: 'str' }, 's + unicodedata.unidata_version', [['v']])],
});
