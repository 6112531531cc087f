/**
 * `os.path` on POSIX (also imported as `posixpath`): the functions that compute on a path's
 * text (split, join, normalise, compare), and the `os` path constants. Input: argument types
 * from infer; output: op choices spelled as calls of the runtime's `rt::posixpath`, a port of
 * CPython 3.11's posixpath.py. Everything else in `os` reads the file system or the environment
 * and is declined with that reason, so the diagnostic says why.
 */
import { declineNamespace, defineOp, T, type OpTest, type ResolveResult } from '../registry';
import { typeToString } from '../../types/types';
import { ok } from './numpy';
import { paramsCall, type Param } from './callParams';

const { str, bool } = T;
const pair = T.tuple([str, str]);
const MODULES = ['os.path', 'posixpath'] as const;
const importOf = (m: string): string => (m === 'os.path' ? 'import os' : 'import posixpath');

const PATHS = ['/usr/lib/python3.11/os.py', 'a/b//c/', '//srv/./x/../y', '.bashrc', 'archive.tar.gz', '', '/', 'a/..b'];
const test = (m: string, params: Record<string, string>, expr: string, samples: unknown[][]): OpTest => ({
  params,
  expr: expr.replace(/\bP\./g, `${m}.`),
  samples,
  imports: [importOf(m)],
});

interface PathFn {
  name: string;
  summary: string;
  params: Param[];
  result: typeof str;
  rust: (a: Record<string, string>) => string;
  tests: (m: string) => OpTest[];
}

const one = (name: string, summary: string, result: typeof str, fallible = false): PathFn => ({
  name,
  summary,
  params: [{ name: 'p', kind: 'str' }],
  result,
  rust: (a) => `rt::posixpath::${name}(${a.p})${fallible ? '?' : ''}`,
  tests: (m) => [
    test(
      m,
      { p: 'str' },
      `[P.${name}(p)]`,
      PATHS.map((p) => [p]),
    ),
  ],
});

const FNS: PathFn[] = [
  one('basename', 'the final component (text after the last `/`)', str),
  one('dirname', 'everything before the final component, trailing slashes removed', str),
  one('split', '(dirname, basename)', pair),
  one('splitext', '(root, ext): the extension from the last dot of the final component, leading dots excluded', pair),
  one('splitdrive', "('', p): POSIX has no drives", pair),
  one('normpath', 'collapses redundant separators and `.`/`..` components', str),
  one('isabs', 'whether the path starts with `/`', bool),
  one('normcase', 'the path unchanged (POSIX is case-sensitive)', str),
  {
    name: 'abspath',
    summary:
      'the normalised absolute path (a relative one is joined to the working directory, as os.getcwd() gives it)',
    params: [{ name: 'p', kind: 'str' }],
    result: str,
    rust: (a) => `rt::posixpath::abspath(${a.p})?`,
    tests: (m) => [test(m, { p: 'str' }, 'P.abspath(p)', [['/a/./b/../c'], ['//x//y/']])],
  },
  {
    name: 'relpath',
    summary: 'the path relative to `start` (default the working directory); ValueError for an empty path',
    params: [
      { name: 'path', kind: 'str' },
      { name: 'start', kind: 'optstr', dflt: 'None' },
    ],
    result: str,
    rust: (a) => `rt::posixpath::relpath(${a.path}, ${a.start})?`,
    tests: (m) => [
      test(m, { p: 'str', s: 'str' }, 'P.relpath(p, s)', [
        ['/a/b/c', '/a/d'],
        ['/a/b', '/a/b'],
        ['/x', '/a/b/c'],
        ['', '/a'],
        ['/a/b/', '/'],
      ]),
    ],
  },
  {
    name: 'commonprefix',
    summary: 'the longest common leading text of a list of str (character by character)',
    params: [{ name: 'm', kind: 'strlist' }],
    result: str,
    rust: (a) => `rt::posixpath::commonprefix(${a.m})`,
    tests: (m) => [
      test(m, { xs: 'list[str]' }, 'P.commonprefix(xs)', [
        [['/usr/lib', '/usr/local/lib', '/usr/libexec']],
        [[]],
        [['same']],
        [['abc', 'ab', 'abd']],
      ]),
    ],
  },
  {
    name: 'commonpath',
    summary:
      'the longest common sub-path, component by component; ValueError for none or for mixed absolute and relative',
    params: [{ name: 'paths', kind: 'strlist' }],
    result: str,
    rust: (a) => `rt::posixpath::commonpath(${a.paths})?`,
    tests: (m) => [
      test(m, { xs: 'list[str]' }, 'P.commonpath(xs)', [
        [['/usr/lib', '/usr/local/lib', '/usr/lib/x']],
        [[]],
        [['a/./b', 'a/b/c']],
        [['/a', 'b']],
        [['/usr/libx', '/usr/lib']],
      ]),
    ],
  },
];

for (const m of MODULES) {
  for (const f of FNS)
    defineOp({
      id: `${m}.${f.name}`,
      summary: `${m}.${f.name}(${f.params.map((p) => (p.dflt ? `${p.name}=...` : p.name)).join(', ')}): ${f.summary}`,
      ...paramsCall(`${m}.${f.name}`, f.params, f.result, f.rust),
      tests: f.tests(m),
    });

  // join(a, *p): any number of str parts.
  defineOp({
    id: `${m}.join`,
    summary: `${m}.join(a, *p): joins with \`/\`; an absolute part restarts the path`,
    resolve: (args, kw): ResolveResult => {
      if (kw.size > 0) return { error: `\`${m}.join\` takes no keyword arguments` };
      if (args.length === 0) return { error: `\`${m}.join\` needs at least one part` };
      const bad = args.find((a) => a.kind !== 'str');
      if (bad) return { error: `\`${m}.join\` takes str parts, not ${typeToString(bad)}` };
      return ok(`${m}.join`, str, args, 'call');
    },
    spell: { call: (c) => `rt::posixpath::join(&[${c.params.map((_, i) => `({&${i}}).as_str()`).join(', ')}])` },
    tests: [
      test(m, { a: 'str', b: 'str', c: 'str' }, 'P.join(a, b, c), P.join(a)', [
        ['/home', 'user', 'notes.txt'],
        ['a/', '/etc', 'x'],
        ['', '', 'z'],
        ['dir', '', ''],
      ]),
    ],
  });
}

// The path constants of os, os.path and posixpath.
const CONSTANTS: [string, string][] = [
  ['sep', '/'],
  ['curdir', '.'],
  ['pardir', '..'],
  ['extsep', '.'],
  ['pathsep', ':'],
];
for (const m of ['os', ...MODULES])
  for (const [name, value] of CONSTANTS)
    defineOp({
      id: `${m}.${name}`,
      summary: `the constant ${m}.${name} (${JSON.stringify(value)} on POSIX)`,
      resolve: (args) =>
        args.length === 0 ? ok(`${m}.${name}`, str, [], 'value') : { error: `${m}.${name} is not callable` },
      spell: { value: () => `${JSON.stringify(value)}.to_string()` },
      tests: [
        {
          params: { s: 'str' },
          expr: `s + ${m}.${name}`,
          samples: [['x']],
          imports: [m === 'posixpath' ? 'import posixpath' : 'import os'],
        },
      ],
    });

const FS =
  'reads the file system or the process environment, so its answer depends on the machine; pass the value in as a parameter (os.path supports the pure text functions: basename, dirname, split, splitext, join, normpath, isabs, commonprefix, commonpath, relpath)';
for (const m of MODULES)
  declineNamespace(
    `${m}.`,
    `\`${m}\`'s other functions ${FS.replace(/^reads/, 'read').replace('so its answer depends', 'so their answers depend')}`,
  );
declineNamespace('os.', `\`os\` ${FS}`);
declineNamespace('pathlib.Path', `\`pathlib.Path\` ${FS}`);
declineNamespace('pathlib.', "pathlib path objects are not supported; use os.path's functions on str paths");
