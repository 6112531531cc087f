/**
 * `os.path` on POSIX (also imported as `posixpath`): the functions that compute on a path's
 * text (split, join, normalise, compare), and the `os` path constants. Input: argument types
 * from infer; output: op choices spelled as calls of the runtime's `rt::posixpath`, a port of
 * CPython 3.11's posixpath.py. Everything else in `os` reads the file system or the environment
 * and is declined with that reason, so the diagnostic says why.
 */
import { declineNamespace, defineOp, extendOp, T, type OpTest, type ResolveResult } from '../registry';
import { iterItem, type Type, typeToString } from '../../types/types';
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
      // `join(*parts)`: lowering passes the starred iterable last with the keyword `*`.
      if (kw.has('*')) {
        const item = iterItem(args.at(-1) ?? T.unknown);
        if (kw.size > 1 || item?.kind !== 'str')
          return { error: `\`${m}.join(*parts)\` takes an iterable of str parts and no keywords` };
        const fixed = args.slice(0, -1).find((a) => a.kind !== 'str');
        if (fixed) return { error: `\`${m}.join\` takes str parts, not ${typeToString(fixed)}` };
        return ok(`${m}.join`, str, args, 'star');
      }
      if (kw.size > 0) return { error: `\`${m}.join\` takes no keyword arguments` };
      if (args.length === 0) return { error: `\`${m}.join\` needs at least one part` };
      const bad = args.find((a) => a.kind !== 'str');
      if (bad) return { error: `\`${m}.join\` takes str parts, not ${typeToString(bad)}` };
      return ok(`${m}.join`, str, args, 'call');
    },
    spell: {
      call: (c) => `rt::posixpath::join(&[${c.params.map((_, i) => `({&${i}}).as_str()`).join(', ')}])`,
      // CPython's TypeError for no part at all, as join's first parameter is required.
      star: (c) => {
        const n = c.params.length - 1;
        return `{ let __rest: Vec<String> = {iter${n}}.into_iter().collect(); let mut __all: Vec<&str> = vec![${c.params
          .slice(0, n)
          .map((_, i) => `({&${i}}).as_str()`)
          .join(
            ', ',
          )}]; __all.extend(__rest.iter().map(|__s| __s.as_str())); if __all.is_empty() { Err::<(), _>(rt::PyErr::new(rt::ErrKind::TypeError, "join() missing 1 required positional argument: 'a'"))?; } rt::posixpath::join(&__all) }`;
      },
    },
    tests: [
      test(m, { a: 'str', b: 'str', c: 'str' }, 'P.join(a, b, c), P.join(a)', [
        ['/home', 'user', 'notes.txt'],
        ['a/', '/etc', 'x'],
        ['', '', 'z'],
        ['dir', '', ''],
      ]),
      test(m, { a: 'str', parts: 'list[str]' }, 'P.join(*parts), P.join(a, *parts), P.join(*a.split("/"))', [
        ['/home', ['user', 'notes.txt']],
        ['a/b', ['/etc', 'x']],
        ['x', []],
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
// pathlib's pure paths on POSIX: PurePath/PurePosixPath, and Path/PosixPath for their pure operations.
const PATH = T.opaque('pathlib.PurePath', 'rt::posixpath::PurePath');
const isPath = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'pathlib.PurePath';
const PATHLIB_IMPORTS = ['from pathlib import Path, PosixPath, PurePath, PurePosixPath'];
/** The Rust `&str` of a path segment argument (a str or a path) at placeholder key `at`. */
const segment = (t: Type, at: string): string | undefined =>
  t.kind === 'str' ? `({&${at}}).as_str()` : isPath(t) ? `({&${at}}).to_string().as_str()` : undefined;
const segments = (args: Type[], from: number): string | undefined => {
  const out: string[] = [];
  for (let i = from; i < args.length; i++) {
    const s = segment(args[i]!, String(i));
    if (s === undefined) return undefined;
    out.push(s);
  }
  return `&[${out.join(', ')}]`;
};
const ptest = (params: Record<string, string>, expr: string, samples: unknown[][]): OpTest => ({
  params,
  expr,
  samples,
  imports: PATHLIB_IMPORTS,
});
const PATH_SAMPLES = [
  ['/srv/data/archive.tar.gz'],
  ['notes'],
  ['.bashrc'],
  ['a/b/'],
  [''],
  ['/'],
  ['//host/x.'],
  ['x/..y.z'],
];

for (const [cls, shown] of [
  ['PurePath', 'PurePosixPath'],
  ['PurePosixPath', 'PurePosixPath'],
  ['Path', 'PosixPath'],
  ['PosixPath', 'PosixPath'],
] as const)
  defineOp({
    id: `pathlib.${cls}`,
    summary: `pathlib.${cls}(*segments): a POSIX path of str or path segments (an absolute one restarts it; '' and '.' parts vanish)${cls.startsWith('Pure') ? '' : '; only the pure operations, not the file system'}`,
    resolve: (args, kw): ResolveResult => {
      if (kw.size > 0) return { error: `\`${cls}\` takes no keyword arguments` };
      const segs = segments(args, 0);
      if (segs === undefined) return { error: `\`${cls}\` takes str or path segments` };
      return ok(`pathlib.${cls}`, PATH, args, 'new', { segments: segs });
    },
    spell: { new: (c) => `rt::posixpath::PurePath::new(${JSON.stringify(shown)}, ${c.detail!.segments as string})` },
    tests: [
      ptest({ a: 'str', b: 'str' }, `[str(${cls}(a, b)), repr(${cls}(a)), str(${cls}())]`, [
        ['/usr', 'lib//x/./y'],
        ['rel', '/abs'],
        ['', ''],
        ['//two', 'x'],
        ['///three', '.'],
      ]),
    ],
  });

extendOp('operator.truediv', {
  summary: 'path / segment and str / path: pathlib joining',
  resolve: (args) => {
    const [a, b] = args;
    if (isPath(a) && b) {
      const s = segment(b, '1');
      return s ? ok('operator.truediv', PATH, args, 'path_join', { segments: `&[${s}]` }) : undefined;
    }
    if (a?.kind === 'str' && isPath(b)) return ok('operator.truediv', PATH, args, 'path_rjoin');
    return undefined;
  },
  spell: {
    path_join: (c) => `({&0}).join(${c.detail!.segments as string})`,
    path_rjoin: () => '({&1}).rjoin(({&0}).as_str())',
  },
  tests: [
    ptest({ a: 'str', b: 'str' }, '[str(Path(a) / b), str(a / PurePath(b)), str(Path(a) / Path(b) / "c.txt")]', [
      ['/srv', 'data'],
      ['x', '/etc'],
      ['', ''],
    ]),
  ],
});

for (const [attr, result, summary] of [
  ['name', str, 'the final part'],
  ['stem', str, 'the final part without its suffix'],
  ['suffix', str, "the final part's extension from its last dot"],
  ['suffixes', T.list(str), "the final part's extensions"],
  ['parent', PATH, 'the path without its final part'],
] as const)
  defineOp({
    id: `pathlib.PurePath.${attr}`,
    summary: `p.${attr}: ${summary}`,
    resolve: (args) =>
      args.length === 1 && isPath(args[0])
        ? ok(`pathlib.PurePath.${attr}`, result, args, 'attr')
        : { error: `this object has no attribute '${attr}'` },
    spell: { attr: () => `({&0}).${attr}()` },
    tests: [
      ptest(
        { p: 'str' },
        attr === 'parent' ? 'str(PurePath(p).parent), str(PurePath(p).parent.parent)' : `PurePath(p).${attr}`,
        PATH_SAMPLES,
      ),
    ],
  });

for (const [method, result, fallible, summary] of [
  ['with_name', PATH, true, 'the path with its final part replaced (ValueError for an empty name or an invalid one)'],
  ['with_suffix', PATH, true, "the path with its suffix replaced ('' removes it; ValueError for an invalid suffix)"],
  ['with_stem', PATH, true, 'the path with its stem replaced'],
] as const)
  defineOp({
    id: `pathlib.PurePath.${method}`,
    summary: `p.${method}(s): ${summary}`,
    resolve: (args) =>
      args.length === 2 && isPath(args[0]) && args[1]!.kind === 'str'
        ? ok(`pathlib.PurePath.${method}`, result, args, 'call')
        : { error: `${method}() takes one str` },
    spell: { call: () => `({&0}).${method}({&1})${fallible ? '?' : ''}` },
    tests: [
      ptest({ p: 'str', s: 'str' }, `str(PurePath(p).${method}(s))`, [
        ['/data/a.tar.gz', method === 'with_suffix' ? '.zip' : 'b.txt'],
        ['notes', method === 'with_suffix' ? '' : 'x'],
        ['/', method === 'with_suffix' ? '.x' : 'y'],
        ['a/b', method === 'with_suffix' ? 'zip' : 'c/d'],
        ['a/b', method === 'with_suffix' ? '.' : ''],
        ['a/b.c', method === 'with_suffix' ? './x' : '.'],
      ]),
    ],
  });

for (const [method, result] of [
  ['is_absolute', T.bool],
  ['as_posix', str],
] as const)
  defineOp({
    id: `pathlib.PurePath.${method}`,
    summary: `p.${method}()`,
    resolve: (args, kw) =>
      args.length === 1 && kw.size === 0 && isPath(args[0])
        ? ok(`pathlib.PurePath.${method}`, result, args, 'call')
        : { error: `${method}() takes no arguments` },
    spell: { call: () => (method === 'as_posix' ? '({&0}).to_string()' : '({&0}).is_absolute()') },
    tests: [ptest({ p: 'str' }, `PurePath(p).${method}()`, PATH_SAMPLES)],
  });

for (const [method, result, call] of [
  ['joinpath', PATH, 'join'],
  ['relative_to', PATH, 'relative_to'],
  ['is_relative_to', T.bool, 'is_relative_to'],
] as const)
  defineOp({
    id: `pathlib.PurePath.${method}`,
    summary: `p.${method}(*segments)${method === 'relative_to' ? ': the path below the other (ValueError when it is not)' : ''}`,
    resolve: (args, kw): ResolveResult => {
      if (!isPath(args[0]) || kw.size > 0) return { error: `${method}() takes path segments` };
      const segs = segments(args, 1);
      if (segs === undefined) return { error: `${method}() takes str or path segments` };
      return ok(`pathlib.PurePath.${method}`, result, args, 'call', { segments: segs });
    },
    spell: {
      call: (c) => `({&0}).${call}(${c.detail!.segments as string})${method === 'relative_to' ? '?' : ''}`,
    },
    tests: [
      ptest({ p: 'str', q: 'str' }, `str(PurePath(p).${method}(q))`, [
        ['/srv/data/x.txt', '/srv'],
        ['/srv/data', '/srv/data'],
        ['/srv/data', 'srv'],
        ['a/b', 'a'],
        ['a/b', '.'],
        ['/a', '.'],
        ['a/b', '/c'],
      ]),
    ],
  });

for (const attr of ['parts', 'parents'])
  declineNamespace(
    `pathlib.PurePath.${attr}`,
    `\`p.${attr}\` is a sequence whose length is known only at run time, which Ingot has no tuple type for; walk \`p.parent\` or split \`str(p)\` instead`,
  );
declineNamespace(
  'pathlib.PurePath.',
  "a Path's other methods and attributes read the file system or are not supported; only the pure operations of PurePath are (name, stem, suffix, suffixes, parent, with_name, with_suffix, with_stem, joinpath, relative_to, is_relative_to, is_absolute, as_posix, `/`, str())",
);
declineNamespace(
  'pathlib.Path.',
  `\`pathlib.Path\`'s class methods ${FS.replace(/^reads/, 'read').replace('so its answer depends', 'so their answers depend')}`,
);
declineNamespace(
  'pathlib.',
  "only pathlib's PurePath, PurePosixPath, Path and PosixPath and their pure operations are supported",
);
