/**
 * The CLI contract (DESIGN.md): `ingot run` prints value JSON on stdout's last line and exits
 * 0, exits 1 with the message on stderr when the function raises, and exits 2 with a
 * rustc-style diagnostic (never a stack trace) when the source does not compile.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const main = path.join(root, 'packages', 'cli', 'dist', 'main.js');

function ingot(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const p = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8' });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

function lastLine(s: string): string {
  const lines = s.trim().split('\n');
  return lines[lines.length - 1]!;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-cli-'));
const raiser = path.join(tmp, 'raiser.py');
fs.writeFileSync(
  raiser,
  'def check(n: int) -> int:\n    if n < 0:\n        raise ValueError(f"n must be >= 0, got {n}")\n    return n * 2\n',
);

describe('npx ingot', () => {
  it('is linked by npm install and runs the CLI (the README uses it from the root)', () => {
    // npm links a workspace bin only if its target exists at install time: the bin is a committed shim.
    const p = spawnSync(
      'npx',
      ['--no-install', 'ingot', 'run', 'examples/fma/fma.py:fma', '--args', '{"x": 2, "y": 3, "z": 1}'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(p.stderr).not.toMatch(/404|not found/i);
    expect(p.status).toBe(0);
    expect(lastLine(p.stdout)).toBe('7.0');
  });
});

describe('ingot run', () => {
  it('calls fma with ints and floats and prints value JSON last', () => {
    const r = ingot('run', 'examples/fma/fma.py:fma', '--args', '{"x": 3, "y": -1, "z": 2}');
    expect(r.code).toBe(0);
    expect(JSON.parse(lastLine(r.stdout))).toBe(-1);
    const f = ingot('run', 'examples/fma/fma.py:fma', '--args', '{"x": 1.5, "y": 2, "z": 0.25}', '--quiet');
    expect(lastLine(f.stdout)).toBe('3.25');
  });

  it('runs the prefix example with a default argument', () => {
    const r = ingot('run', 'examples/prefix/prefix.py:prefix', '--args', '{"texts": ["Mars"]}');
    expect(r.code).toBe(0);
    expect(JSON.parse(lastLine(r.stdout))).toEqual(['title: none | text: Mars']);
  });

  it('exits 1 with the Python error when the function raises', () => {
    const r = ingot('run', `${raiser}:check`, '--args', '{"n": -4}');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').pop()).toBe('ValueError: n must be >= 0, got -4');
    expect(ingot('run', `${raiser}:check`, '--args', '{"n": 4}').stdout.trim().split('\n').pop()).toBe('8');
  });

  it('exits 1 with a TypeError naming the parameter for a wrong argument type', () => {
    const r = ingot('run', `${raiser}:check`, '--args', '{"n": "four"}');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/argument 'n': expected int, got str/);
  });

  it('exits 2 with a rustc-style diagnostic and no stack trace', () => {
    const bad = path.join(tmp, 'bad.py');
    fs.writeFileSync(bad, 'def f(x: int) -> int:\n    return x + "a"\n');
    const r = ingot('run', `${bad}:f`, '--args', '{"x": 1}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[E0301\]: no overload of `operator.add` accepts \(int, str\)$/m);
    expect(r.stderr).toMatch(/ --> .*bad\.py:2:12$/m);
    expect(r.stderr).toMatch(/^2 \|     return x \+ "a"$/m);
    expect(r.stderr).toMatch(/^\s+\|\s+\^{7}$/m);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 for a missing function with the functions that exist', () => {
    const r = ingot('run', 'examples/fma/fma.py:nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no function `nope`/);
    expect(r.stderr).toMatch(/functions defined here: fma/);
  });
});

describe('the ingot run cache', () => {
  // A cache of its own, over the shared target dir (so nothing recompiles the runtime).
  const cacheDir = path.join(tmp, 'cache');
  const { cargoTargetDir } = require('@ingot/compiler') as typeof import('@ingot/compiler');
  const env = (limit: string): NodeJS.ProcessEnv => ({
    ...process.env,
    INGOT_CACHE_DIR: cacheDir,
    INGOT_CARGO_TARGET_DIR: cargoTargetDir(),
    INGOT_CACHE_MAX_SIZE: limit,
  });
  const runWith = (limit: string, ...args: string[]) => {
    const p = spawnSync(process.execPath, [main, 'run', ...args], { cwd: root, encoding: 'utf8', env: env(limit) });
    return { code: p.status, stdout: p.stdout, stderr: p.stderr };
  };
  const entries = (): string[] => fs.readdirSync(path.join(cacheDir, 'compiled')).sort();
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? files(p) : [p];
    });

  it('keeps the shared library alone, and evicts the least recently used entry past INGOT_CACHE_MAX_SIZE', () => {
    const a = path.join(tmp, 'cache_a.py');
    const b = path.join(tmp, 'cache_b.py');
    fs.writeFileSync(a, 'def inc(x: int) -> int:\n    return x + 1\n');
    fs.writeFileSync(b, 'def dec(x: int) -> int:\n    return x - 1\n');
    const first = runWith('1G', `${a}:inc`, '--args', '{"x": 41}');
    expect(first.code).toBe(0);
    expect(lastLine(first.stdout)).toBe('42');
    expect(entries()).toHaveLength(1);
    const libs = files(path.join(cacheDir, 'compiled', entries()[0]!, 'lib')).map((f) => path.basename(f));
    expect(libs).toEqual(['libingot_cache_a.so']);
    // 1 byte: every other entry goes when a new one lands; the one about to run stays.
    const second = runWith('1', `${b}:dec`, '--args', '{"x": 43}');
    expect(second.code).toBe(0);
    expect(lastLine(second.stdout)).toBe('42');
    expect(second.stderr).toMatch(/removed the 1 least recently used/);
    expect(entries()).toHaveLength(1);
    expect(files(path.join(cacheDir, 'compiled', entries()[0]!, 'lib')).map((f) => path.basename(f))).toEqual([
      'libingot_cache_b.so',
    ]);
    // A hit builds nothing and prunes nothing.
    const again = runWith('1', `${b}:dec`, '--args', '{"x": 1}');
    expect(lastLine(again.stdout)).toBe('0');
    expect(again.stderr).not.toMatch(/building|removed/);
  });

  it('rejects a size limit it cannot read', () => {
    const r = runWith('lots', 'examples/fma/fma.py:fma', '--args', '{"x": 1, "y": 2, "z": 3}');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'error: INGOT_CACHE_MAX_SIZE is `lots`: expected a size such as 500M, 2G or 1048576 (0: no limit)',
    );
  });

  it('reads sizes as bytes or with K, M and G suffixes', () => {
    const { runCacheLimit, DEFAULT_RUN_CACHE_LIMIT } =
      require('@ingot/compiler/dist/cache') as typeof import('@ingot/compiler/dist/cache');
    expect(runCacheLimit(undefined)).toBe(DEFAULT_RUN_CACHE_LIMIT);
    expect(runCacheLimit('1048576')).toBe(1048576);
    expect(runCacheLimit('500M')).toBe(500 * 1024 ** 2);
    expect(runCacheLimit('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(runCacheLimit('2GiB')).toBe(2 * 1024 ** 3);
    expect(runCacheLimit('0')).toBe(0);
    expect(() => runCacheLimit('-1')).toThrow(/INGOT_CACHE_MAX_SIZE/);
  });
});

describe('a build the machine stops', () => {
  // A stand-in for cargo (named so: filling the disk in a test is not possible) that fails as cargo does when the
  // disk is full. The report must say it is the machine, not call it a bug in Ingot.
  it('reports a full disk as E0402 with the cause, not as an Ingot bug', () => {
    const bin = path.join(tmp, 'fake-cargo-bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(
      path.join(bin, 'cargo'),
      '#!/bin/sh\necho "error: failed to write target/release/deps/x.rlib: No space left on device (os error 28)" >&2\nexit 101\n',
      { mode: 0o755 },
    );
    const out = path.join(tmp, 'full-disk');
    const p = spawnSync(process.execPath, [main, 'compile', 'examples/fma/fma.py', '--out', out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
    });
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/^error\[E0402\]: the machine stopped cargo building the generated crate$/m);
    expect(p.stderr).toMatch(/= help: not a bug in the crate: the disk is full \(No space left on device\)/);
    expect(p.stderr).not.toMatch(/bug in Ingot|at .*\.js:\d+/);
  });

  it('tells the causes it knows from cargo output', () => {
    const { machineCause } =
      require('@ingot/compiler/dist/build/cargo') as typeof import('@ingot/compiler/dist/build/cargo');
    expect(machineCause('rustc-LLVM ERROR: IO failure on output stream: No space left on device')).toMatch(
      /^the disk is full/,
    );
    expect(machineCause("process didn't exit successfully: `rustc ...` (signal: 9, SIGKILL: kill)")).toMatch(
      /killed \(SIGKILL\)/,
    );
    expect(machineCause('error: linker `cc` not found')).toBe(
      'the C linker `cc` is not installed (Rust needs one to link a library)',
    );
    expect(machineCause('error[E0308]: mismatched types')).toBeUndefined();
  });
});

describe('ingot compile and ir', () => {
  it('writes the crate, libraries, header and manifest', () => {
    const out = path.join(tmp, 'fma-out');
    const r = ingot('compile', 'examples/fma/fma.py', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.symbol_prefix).toBe('ingot_fma_');
    expect(manifest.functions[0]).toMatchObject({
      name: 'fma',
      c_symbol: 'ingot_fma_fn_fma',
      returns: { kind: 'float' },
    });
    expect(fs.existsSync(path.join(out, 'lib', 'libingot_fma.so'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'lib', 'libingot_fma.a'))).toBe(true);
    const header = fs.readFileSync(path.join(out, 'include', 'ingot_fma.h'), 'utf8');
    expect(header).toMatch(/int32_t ingot_fma_fn_fma\(double x, double y, double z, double \*out\);/);
    expect(header).toMatch(/uint32_t ingot_fma_abi_version\(void\);/);
    expect(header).toContain('#define INGOT_FMA_SYMBOL_PREFIX "ingot_fma_"');
    const lib = fs.readFileSync(path.join(out, 'crate', 'src', 'lib.rs'), 'utf8');
    expect(lib).toMatch(/\/\/ examples\/fma\/fma\.py:6: return x \* y \+ z\n\s+return Ok\(\(x \* y\) \+ z\);/);
  });

  it('prints the typed IR', () => {
    const r = ingot('ir', 'examples/fma/fma.py:fma');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/operator\.add\[float, float\]/);
  });

  it('rejects an unknown command and an unknown language with usage errors', () => {
    expect(ingot('frobnicate').code).toBe(2);
    const r = ingot('bindings', path.join(tmp, 'fma-out'), '--lang', 'cobol', '--out', path.join(tmp, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--lang must be one of node, python, swift, kotlin/);
  });

  it('accepts only the crate features it knows (cuda, metal)', () => {
    const r = ingot('compile', 'examples/fma/fma.py', '--out', path.join(tmp, 'feat'), '--features', 'cuda,tpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown feature `tpu`/);
    expect(r.stderr).toMatch(/--features takes cuda, metal/);
  });
});
