/**
 * The front end never crashes on real code: a fixed sample of CPython standard-library files
 * (every top-level function as an entry, plus one whole-module pass) either type-checks or
 * gets diagnostics. Diagnostics for syntax errors carry spans, and rendering them never throws.
 * The full run over the whole stdlib is `node tools/fuzz/stdlib.mjs`. Files missing on this
 * machine are skipped.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const { checkFile } = require('../tools/fuzz/check.cjs') as {
  checkFile: (file: string) => Promise<{
    file: string;
    unreadable?: string;
    entries: Entry[];
    module?: Entry;
  }>;
};

interface Entry {
  entry: string | undefined;
  status: 'ok' | 'rejected' | 'crash';
  stage?: string;
  message?: string;
  stack?: string;
  codes: string[];
  findings: { kind: string; code: string; message: string }[];
}

// A spread of plain modules, heavy syntax (f-strings, match, decorators, async, walrus,
// numeric literal forms) and Python 2 files that must be rejected with located E0101s.
const SAMPLE = [
  'json/decoder.py',
  'json/encoder.py',
  'textwrap.py',
  'bisect.py',
  'colorsys.py',
  'string.py',
  'fnmatch.py',
  'fractions.py',
  'shlex.py',
  'random.py',
  'csv.py',
  'keyword.py',
  'copy.py',
  'functools.py',
  'graphlib.py',
  'glob.py',
  'heapq.py',
  'calendar.py',
  'posixpath.py',
  'difflib.py',
  'ast.py',
  'contextlib.py',
  'asyncio/locks.py',
  'tomllib/_parser.py',
  'test/test_grammar.py',
  'test/test_patma.py',
  'test/test_fstring.py',
  'lib2to3/tests/data/py2_test_grammar.py',
  'lib2to3/tests/data/py3_test_grammar.py',
  'lib2to3/tests/data/bom.py',
  'lib2to3/tests/data/crlf.py',
  'lib2to3/tests/data/different_encoding.py',
  'lib2to3/tests/data/infinite_recursion.py',
];

function stdlibRoot(): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}

const root = stdlibRoot();
const files = root ? SAMPLE.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)) : [];
const maybe = files.length ? describe : describe.skip;

maybe('front end on a sample of the CPython stdlib', () => {
  const results = new Map<string, Awaited<ReturnType<typeof checkFile>>>();

  beforeAll(async () => {
    for (const f of files) results.set(f, await checkFile(f));
  });

  test('no entry crashes the front end or the renderers', () => {
    const crashes: string[] = [];
    for (const r of results.values()) {
      for (const e of [...r.entries, ...(r.module ? [r.module] : [])]) {
        if (e.status === 'crash')
          crashes.push(`${path.relative(root!, r.file)}:${e.entry ?? '<module>'} (${e.stage}): ${e.stack}`);
      }
    }
    expect(crashes).toEqual([]);
  });

  test('every diagnostic has a sane shape (syntax errors have spans, no unfilled placeholders)', () => {
    const bad: string[] = [];
    for (const r of results.values()) {
      for (const e of [...r.entries, ...(r.module ? [r.module] : [])]) {
        for (const f of e.findings)
          bad.push(`${path.relative(root!, r.file)}:${e.entry ?? '<module>'}: ${f.kind} ${f.code} ${f.message}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('Python 2 sources are rejected as invalid syntax', () => {
    const py2 = files.filter((f) => f.endsWith('py2_test_grammar.py'));
    for (const f of py2) expect(results.get(f)!.module!.codes).toContain('E0101');
  });

  test('the sample exercised the whole front end', () => {
    const entries = [...results.values()].flatMap((r) => r.entries);
    expect(entries.length).toBeGreaterThan(50);
    // Some entries get past lowering into inference.
    expect(entries.some((e) => e.status === 'ok')).toBe(true);
  });
});

// Inputs the stdlib fuzz found crashing or wrongly rejected, kept as regressions (no stdlib needed).
describe('front end on the inputs the fuzzer found', () => {
  const os = require('node:os') as typeof import('node:os');
  const { checkEntry } = require('../tools/fuzz/check.cjs') as {
    checkEntry: (file: string, entry: string | undefined) => Promise<Entry>;
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-fuzz-regress-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function codes(source: string): Promise<string[]> {
    const file = path.join(dir, `m${Math.random().toString(36).slice(2)}.py`);
    fs.writeFileSync(file, source);
    const r = await checkEntry(file, undefined);
    expect(r.status === 'crash' ? r.stack : undefined).toBeUndefined();
    expect(r.findings).toEqual([]);
    return r.codes;
  }

  test.each([
    ['a \\U escape past U+10FFFF', 's = "\\U0011ffff"\n'],
    ['a truncated \\x escape', 's = "ab\\x"\n'],
    ['a truncated \\u escape', 's = "\\u12"\n'],
    ['a truncated \\U escape', 's = "\\U0001"\n'],
  ])('%s is a syntax error, not a crash', async (_what, source) => {
    expect(await codes(source)).toContain('E0101');
  });

  test('all-zero integer literals are valid; other leading zeros are not', async () => {
    expect(await codes('def f(x: int) -> int:\n    return x + 00 + 0_0\n')).not.toContain('E0101');
    expect(await codes('x = 09\n')).toContain('E0101');
    expect(await codes('x = 0777\n')).toContain('E0101');
  });

  test('a \\N{...} escape is unsupported, not invalid syntax', async () => {
    const cs = await codes('s = "\\N{EM DASH}"\nt = f"\\N{EM DASH}{s}"\n');
    expect(cs).toContain('E0202');
    expect(cs).not.toContain('E0101');
  });

  test('backslash line continuations are not syntax errors', async () => {
    const src =
      'def f(a: int, \\\n      b: int = 1) -> int:\n    c, d = \\\n        a, b\n    return (c + \\\n            d)\n';
    expect(await codes(src)).toEqual([]);
  });
});
