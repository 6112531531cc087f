/**
 * Shell-style text as configuration and tooling code uses it: `fnmatch` (`fnmatch`, `fnmatchcase`, `filter`:
 * glob patterns as CPython 3.11 translates them; on POSIX `fnmatch` does not fold case) and `shlex` (`split` in
 * POSIX mode with `comments=`, `quote`, `join`), computed by `native-rust/runtime/src/shell.rs`.
 * `fnmatch.translate` (a regular expression's text) and non-POSIX `shlex.split` are not covered.
 */
import { T, typeToString } from '../../types/types';
import { defineOp, defineSpellings } from '../registry';
import { bindArgs, ok } from './numpy';
import { err } from './torch';

const isStrList = (t: { kind: string; item?: { kind: string } }): boolean =>
  t.kind === 'list' && t.item?.kind === 'str';

for (const name of ['fnmatch', 'fnmatchcase'] as const) {
  defineOp({
    id: `fnmatch.${name}`,
    summary: `fnmatch.${name}(name, pat): whether name matches the glob pattern (*, ?, [seq], [!seq])${name === 'fnmatch' ? '; case-sensitive on POSIX' : ''}`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`fnmatch.${name}`, ['name', 'pat'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      for (const k of ['name', 'pat']) {
        const t = b.get(k);
        if (!t) return { error: `fnmatch.${name}() missing argument '${k}'` };
        if (t.t.kind !== 'str') return { error: `fnmatch.${name} takes str arguments, not ${typeToString(t.t)}` };
      }
      return ok(`fnmatch.${name}`, T.bool, args, 'match', { name: b.get('name')!.at, pat: b.get('pat')!.at });
    },
    tests: [
      {
        params: { s: 'str', p: 'str' },
        expr: `fnmatch.${name}(s, p)`,
        imports: ['import fnmatch'],
        samples: [
          ['model.safetensors', '*.safetensors'],
          ['a/b/c.py', '*.py'],
          ['README.md', 'readme.md'],
          ['x1', 'x[0-9]'],
          ['xa', 'x[!0-9]'],
          ['x-', 'x[a-]'],
          ['x]', 'x[]]'],
          ['x!', 'x[!]'],
          ['x[', 'x['],
          ['xb', 'x[z-a]'],
          ['xb', 'x[z-ab]'],
          ['line\nbreak', 'line*'],
          ['abc', 'a?c'],
          ['ac', 'a?c'],
          ['aXbXc', 'a*b*c'],
          ['', '*'],
          ['x-', 'x[!a-c-]'],
          ['x^', 'x[^a]'],
        ],
      },
    ],
  });
}

defineOp({
  id: 'fnmatch.filter',
  summary: 'fnmatch.filter(names, pat): the names that match the glob pattern, in order',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('fnmatch.filter', ['names', 'pat'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const names = b.get('names');
    const pat = b.get('pat');
    if (!names || !pat) return { error: 'fnmatch.filter takes names and a pattern' };
    if (!isStrList(names.t)) return { error: `fnmatch.filter takes a list of str, not ${typeToString(names.t)}` };
    if (pat.t.kind !== 'str') return { error: 'the pattern must be a str' };
    return ok('fnmatch.filter', T.list(T.str), args, 'filter', { names: names.at, pat: pat.at });
  },
  tests: [
    {
      params: { xs: 'list[str]', p: 'str' },
      expr: 'fnmatch.filter(xs, p)',
      imports: ['import fnmatch'],
      samples: [
        [['model-00001.safetensors', 'config.json', 'model-00002.safetensors'], 'model-*.safetensors'],
        [['a.py', 'b.PY', 'c.txt'], '*.py'],
        [[], '*'],
      ],
    },
  ],
});

defineOp({
  id: 'shlex.split',
  summary: 'shlex.split(s, comments=False, posix=True): shell-like words, with quotes and backslash escapes',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('shlex.split', ['s', 'comments', 'posix'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const s = b.get('s');
    if (!s || s.t.kind !== 'str') return { error: 'shlex.split takes a str' };
    const posix = b.get('posix');
    if (posix && !(posix.c?.kind === 'bool' && posix.c.value))
      return { error: 'shlex.split(posix=False) is not supported' };
    const comments = b.get('comments');
    if (comments && comments.t.kind !== 'bool') return { error: 'comments must be a bool' };
    return ok('shlex.split', T.list(T.str), args, 'split', { s: s.at, comments: comments?.at });
  },
  tests: [
    {
      params: { s: 'str' },
      expr: 'shlex.split(s), shlex.split(s, comments=True)',
      imports: ['import shlex'],
      samples: [
        [`python train.py --lr 3e-4 --name 'my run' --tags "a b"`],
        [`a\\ b "c\\"d" 'e\\f' "g\\h" ''`],
        [`x # comment\ny`],
        [`a#b c`],
        [`"unterminated`],
        [`trailing\\`],
        [''],
        [`  spaced   out  `],
        [`mid"dle"quote it's'`],
      ],
    },
  ],
});

defineOp({
  id: 'shlex.quote',
  summary: "shlex.quote(s): s when every character is shell-safe, else single-quoted ('' for empty)",
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('shlex.quote', ['s'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const s = b.get('s');
    if (!s || s.t.kind !== 'str') return { error: 'shlex.quote takes a str' };
    return ok('shlex.quote', T.str, args, 'quote', { s: s.at });
  },
  tests: [
    {
      params: { s: 'str' },
      expr: 'shlex.quote(s)',
      imports: ['import shlex'],
      samples: [['plain-name_1.txt'], ['hello world'], ["it's"], [''], ['a@b%c+d=e:f,g'], ['ünï'], ['$HOME']],
    },
  ],
});

defineOp({
  id: 'shlex.join',
  summary: 'shlex.join(args): the quoted args joined with spaces',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('shlex.join', ['split_command'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const s = b.get('split_command');
    if (!s || !isStrList(s.t)) return { error: 'shlex.join takes a list of str' };
    return ok('shlex.join', T.str, args, 'join', { s: s.at });
  },
  tests: [
    {
      params: { xs: 'list[str]' },
      expr: 'shlex.join(xs)',
      imports: ['import shlex'],
      samples: [[['echo', 'hello world', "it's", '']], [[]]],
    },
  ],
});

const at = (c: { detail?: Record<string, unknown> }, k: string): string => `{&${c.detail![k] as string}}`;

defineSpellings({
  'fnmatch.fnmatch': { match: (c) => `rt::shell::fnmatchcase(${at(c, 'name')}, ${at(c, 'pat')})` },
  'fnmatch.fnmatchcase': { match: (c) => `rt::shell::fnmatchcase(${at(c, 'name')}, ${at(c, 'pat')})` },
  'fnmatch.filter': { filter: (c) => `rt::shell::fnmatch_filter(${at(c, 'names')}, ${at(c, 'pat')})` },
  'shlex.split': {
    split: (c) =>
      `rt::shell::shlex_split(${at(c, 's')}, ${c.detail!.comments === undefined ? 'false' : `{${c.detail!.comments as string}}`})?`,
  },
  'shlex.quote': { quote: (c) => `rt::shell::shlex_quote(${at(c, 's')})` },
  'shlex.join': { join: (c) => `rt::shell::shlex_join(${at(c, 's')})` },
});
