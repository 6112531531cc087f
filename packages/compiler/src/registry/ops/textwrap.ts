/**
 * The textwrap family: `wrap`, `fill`, `shorten`, `dedent`, `indent` and `TextWrapper` with its
 * options (width, indents, tabs and whitespace, sentence endings, long words, hyphens, max_lines
 * and placeholder). Input: argument types from infer; output: op choices spelled as calls of the
 * runtime's `rt::textwrap`, a step-by-step port of CPython 3.11's `textwrap.py`.
 */
import { T, type Type, typeToString } from '../../types/types';
import { defineOp, type OpTest, type ResolveResult } from '../registry';
import type { OpChoice } from '../../ir/choice';
import { bindArgs, ok } from './numpy';

const WRAPPER = T.opaque('textwrap.TextWrapper', 'rt::textwrap::Wrapper');
const IMPORTS = ['import textwrap'];

/** TextWrapper's options in constructor order, with the type each takes. */
const OPTIONS: [string, 'int' | 'str' | 'bool' | 'maxlines'][] = [
  ['width', 'int'],
  ['initial_indent', 'str'],
  ['subsequent_indent', 'str'],
  ['expand_tabs', 'bool'],
  ['replace_whitespace', 'bool'],
  ['fix_sentence_endings', 'bool'],
  ['break_long_words', 'bool'],
  ['drop_whitespace', 'bool'],
  ['break_on_hyphens', 'bool'],
  ['tabsize', 'int'],
  ['max_lines', 'maxlines'],
  ['placeholder', 'str'],
];
const accepts = (kind: string, t: Type): boolean =>
  kind === 'int'
    ? t.kind === 'int'
    : kind === 'str'
      ? t.kind === 'str'
      : kind === 'bool'
        ? t.kind === 'bool' || t.kind === 'int'
        : t.kind === 'int' || t.kind === 'none' || (t.kind === 'optional' && t.item.kind === 'int');

/**
 * Binds `leading` positional parameters (the text, for the functions) and then the options;
 * the choice's detail holds the Rust that sets each given option (`opt.<name>`) and each leading argument.
 */
function bindOptions(
  id: string,
  leading: string[],
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  result: Type,
  forceWidth = false,
): ResolveResult {
  const names = [...leading, ...OPTIONS.map(([n]) => n)];
  const b = bindArgs(id, names, args, kw);
  if ('error' in b) return b;
  const detail: Record<string, string> = {};
  for (const name of leading) {
    const got = b.get(name);
    if (!got || got.t.kind !== 'str') return { error: `\`${id}\` takes \`${name}\` as a str` };
    detail[`arg.${name}`] = `{&${got.at}}`;
  }
  for (const [name, kind] of OPTIONS) {
    const got = b.get(name);
    if (!got) {
      if (forceWidth && name === 'width') return { error: `\`${id}\` needs a width` };
      continue;
    }
    if (!accepts(kind, got.t))
      return {
        error: `\`${name}\` must be ${kind === 'maxlines' ? 'an int or None' : kind}, not ${typeToString(got.t)}`,
      };
    const v = `{${got.at}}`;
    detail[`opt.${name}`] =
      kind === 'str'
        ? `(${v}).to_string()`
        : kind === 'bool'
          ? got.t.kind === 'int'
            ? `(${v} != 0)`
            : v
          : kind === 'maxlines'
            ? got.t.kind === 'int'
              ? `Some(${v})`
              : got.t.kind === 'none'
                ? 'None'
                : v
            : v;
  }
  return ok(id, result, args, 'call', detail);
}

/** A block that builds the wrapper from the choice's options. */
function wrapperCode(c: OpChoice): string {
  const sets = Object.entries(c.detail ?? {})
    .filter(([k]) => k.startsWith('opt.'))
    .map(([k, v]) => `__w.${k.slice(4)} = ${v as string};`)
    .join(' ');
  return sets ? `{ let mut __w = rt::textwrap::Wrapper::default(); ${sets} __w }` : 'rt::textwrap::Wrapper::default()';
}
const text = (c: OpChoice): string => c.detail!['arg.text'] as string;

const PROSE =
  'The quick brown fox jumps over the lazy dog. It was a well-known fact -- at least among foxes -- that dogs sleep a lot!  Really.';
const SAMPLES = [
  [PROSE, 20],
  [PROSE, 7],
  ['', 10],
  ['   leading and trailing   ', 8],
  ['supercalifragilisticexpialidocious and a-very-long-hyphenated-compound-word', 10],
  ['tabs\there\tand\nnewlines\n\nhere', 12],
  ['unicode: naïve café — déjà vu 日本語のテキスト', 9],
  ['width zero', 0],
];
const t = (params: Record<string, string>, expr: string, samples: unknown[][]): OpTest => ({
  params,
  expr,
  samples,
  imports: IMPORTS,
});

defineOp({
  id: 'textwrap.wrap',
  summary: 'textwrap.wrap(text, width=70, **options): lines as CPython breaks them',
  resolve: (args, kw) => bindOptions('textwrap.wrap', ['text'], args, kw, T.list(T.str)),
  spell: { call: (c) => `${wrapperCode(c)}.wrap(${text(c)})?` },
  tests: [
    t({ s: 'str', w: 'int' }, 'textwrap.wrap(s, w)', SAMPLES),
    t({ s: 'str', w: 'int' }, 'textwrap.wrap(s, width=w, break_long_words=False, break_on_hyphens=False)', SAMPLES),
    t(
      { s: 'str', w: 'int' },
      'textwrap.wrap(s, w, initial_indent="* ", subsequent_indent="  ", fix_sentence_endings=True)',
      SAMPLES.slice(0, 6),
    ),
    t(
      { s: 'str', w: 'int' },
      'textwrap.wrap(s, w, drop_whitespace=False, expand_tabs=False, replace_whitespace=False)',
      SAMPLES.slice(0, 6),
    ),
    t({ s: 'str', w: 'int' }, 'textwrap.wrap(s, w, max_lines=2, placeholder="...")', SAMPLES),
    t({ s: 'str', n: 'int' }, 'textwrap.wrap(s, 30, tabsize=n, max_lines=None)', [
      ['a\tb\tc', 4],
      ['\tx', 0],
    ]),
  ],
});
defineOp({
  id: 'textwrap.fill',
  summary: 'textwrap.fill(text, width=70, **options): the wrapped lines joined by newlines',
  resolve: (args, kw) => bindOptions('textwrap.fill', ['text'], args, kw, T.str),
  spell: { call: (c) => `${wrapperCode(c)}.fill(${text(c)})?` },
  tests: [
    t({ s: 'str', w: 'int' }, 'textwrap.fill(s, w)', SAMPLES),
    t({ s: 'str' }, 'textwrap.fill(s)', [[PROSE + ' ' + PROSE]]),
  ],
});
defineOp({
  id: 'textwrap.shorten',
  summary: 'textwrap.shorten(text, width, **options): whitespace collapsed, cut with the placeholder',
  resolve: (args, kw) => bindOptions('textwrap.shorten', ['text'], args, kw, T.str, true),
  spell: { call: (c) => `${wrapperCode(c)}.shorten(${text(c)})?` },
  tests: [
    t({ s: 'str', w: 'int' }, 'textwrap.shorten(s, w)', SAMPLES),
    t({ s: 'str', w: 'int' }, 'textwrap.shorten(s, width=w, placeholder="…")', SAMPLES),
    t({ s: 'str' }, 'textwrap.shorten(s, 5, placeholder=" [more text]")', [['hello world again']]),
  ],
});
defineOp({
  id: 'textwrap.dedent',
  summary: 'textwrap.dedent(text): the common leading spaces and tabs removed',
  resolve: (args) =>
    args.length === 1 && args[0]!.kind === 'str'
      ? ok('textwrap.dedent', T.str, args, 'call')
      : { error: 'dedent() takes one str' },
  spell: { call: () => 'rt::textwrap::dedent({&0})?' },
  tests: [
    t({ s: 'str' }, 'textwrap.dedent(s)', [
      ['    def f():\n        return 1\n'],
      ['  a\n\t b\n'],
      ['\t\ta\n\t\tb\n   \n\t\tc'],
      ['no indent\n  some'],
      [''],
      ['  \n  x\n    y'],
    ]),
  ],
});
defineOp({
  id: 'textwrap.indent',
  summary: 'textwrap.indent(text, prefix): the prefix on every line that is not blank (no predicate)',
  resolve: (args, kw) => {
    if (kw.size > 0) return { error: 'indent() takes a text and a prefix; a predicate is not supported' };
    return args.length === 2 && args.every((a) => a.kind === 'str')
      ? ok('textwrap.indent', T.str, args, 'call')
      : { error: 'indent() takes a text and a prefix' };
  },
  spell: { call: () => 'rt::textwrap::indent({&0}, {&1})' },
  tests: [
    t({ s: 'str', p: 'str' }, 'textwrap.indent(s, p)', [
      ['a\nb\n\nc', '> '],
      ['  \nx\r\ny', '# '],
      ['', '>'],
      ['one', ''],
    ]),
  ],
});
defineOp({
  id: 'textwrap.TextWrapper',
  summary: 'textwrap.TextWrapper(**options): a wrapper whose wrap()/fill() use them',
  resolve: (args, kw) => bindOptions('textwrap.TextWrapper', [], args, kw, WRAPPER),
  spell: { call: (c) => wrapperCode(c) },
  tests: [
    t(
      { s: 'str', w: 'int' },
      'textwrap.TextWrapper(width=w, initial_indent="- ", subsequent_indent="  ").wrap(s)',
      SAMPLES,
    ),
  ],
});
for (const name of ['wrap', 'fill']) {
  defineOp({
    id: `textwrap.TextWrapper.${name}`,
    summary: `wrapper.${name}(text)`,
    resolve: (args) =>
      args.length === 2 &&
      args[0]?.kind === 'opaque' &&
      args[0].name === 'textwrap.TextWrapper' &&
      args[1]!.kind === 'str'
        ? ok(`textwrap.TextWrapper.${name}`, name === 'wrap' ? T.list(T.str) : T.str, args, 'call')
        : { error: `${name}() takes one str` },
    spell: { call: () => `{&0}.${name}({&1})?` },
    tests: [
      {
        params: { s: 'str', w: 'int' },
        body: `tw = textwrap.TextWrapper(width=w, max_lines=3)\nreturn tw.${name}(s), tw.${name}(s.upper())`,
        samples: SAMPLES,
        imports: IMPORTS,
      },
    ],
  });
}
