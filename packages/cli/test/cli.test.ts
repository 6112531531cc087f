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
