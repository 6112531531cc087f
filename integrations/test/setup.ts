// The engines' shared set-up: the real all-MiniLM-L6-v2 compiled from examples/minilm and built into a wheel by the
// CLI (`ingot compile`, then `ingot bindings --lang python`), and a venv with the pinned engines
// (integrations/requirements.txt), the wheel and ingot_integrations installed as a user installs them.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const INTEGRATIONS = path.join(ROOT, 'integrations');
const CLI = path.join(ROOT, 'packages', 'cli', 'dist', 'main.js');
const HUB = process.env.HF_HUB_CACHE ?? path.join(os.homedir(), '.cache', 'huggingface', 'hub');
export const HAVE_REAL = existsSync(path.join(HUB, 'models--sentence-transformers--all-MiniLM-L6-v2'));

/** A fixed folder per checkout, so cargo rebuilds the uniffi crate incrementally from one run to the next. */
const checkout = createHash('sha1').update(ROOT).digest('hex').slice(0, 8);
const OUT = path.join(os.tmpdir(), `ingot-integrations-test-${checkout}`);

function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd: opts.cwd ?? os.tmpdir(),
    env: opts.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function must(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `ingot compile examples/minilm/minilm.py` and `ingot bindings --lang python`; returns the wheel's path. */
export function buildMinilmWheel(): string {
  const compiled = path.join(OUT, 'compiled');
  must(
    run(
      process.execPath,
      [CLI, 'compile', path.join(ROOT, 'examples', 'minilm', 'minilm.py'), '--out', compiled, '--quiet'],
      { cwd: ROOT },
    ),
    'ingot compile',
  );
  const pkg = path.join(OUT, 'python');
  must(
    run(process.execPath, [CLI, 'bindings', compiled, '--lang', 'python', '--out', pkg, '--quiet'], { cwd: ROOT }),
    'ingot bindings --lang python',
  );
  const wheels = readdirSync(path.join(pkg, 'dist')).filter((f) => f.endsWith('.whl'));
  if (wheels.length !== 1) throw new Error(`expected one wheel in ${pkg}/dist, found ${wheels.join(', ') || 'none'}`);
  return path.join(pkg, 'dist', wheels[0]!);
}

/**
 * A venv with the engines of integrations/requirements.txt. Installing Ray and Spark downloads about 700 MB and takes
 * minutes, so the venv is kept under ~/.cache/ingot, keyed by the requirements and the Python version, and reused
 * while neither changes; a half-made one (no marker) is made again.
 */
export function enginesVenv(): string {
  const req = readFileSync(path.join(INTEGRATIONS, 'requirements.txt'));
  const py = must(run('python3', ['--version']), 'python3 --version').stdout.trim();
  const key = createHash('sha1').update(req).update(py).digest('hex').slice(0, 12);
  const dir = path.join(os.homedir(), '.cache', 'ingot', `integrations-venv-${key}`);
  const marker = path.join(dir, '.ingot-complete');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.dirname(dir), { recursive: true });
    must(run('python3', ['-m', 'venv', dir]), 'python3 -m venv');
    const pip = [path.join(dir, 'bin', 'python'), '-m', 'pip', 'install', '--disable-pip-version-check', '-q'];
    must(
      run(pip[0]!, [...pip.slice(1), '-r', path.join(INTEGRATIONS, 'requirements.txt')]),
      'pip install -r integrations/requirements.txt',
    );
    writeFileSync(marker, `${py}\n`);
  }
  return path.join(dir, 'bin', 'python');
}

/** Installs the wheel and ingot_integrations into the venv, replacing what an earlier run installed. */
export function installInto(python: string, wheel: string): void {
  const pip = ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '--no-deps', '--force-reinstall'];
  must(run(python, [...pip, wheel]), `pip install ${path.basename(wheel)}`);
  // Built from a copy: setuptools writes build/ and *.egg-info next to the sources, and the tests leave the tree clean.
  const copy = mkdtempSync(path.join(os.tmpdir(), 'ingot-integrations-src-'));
  cpSync(path.join(INTEGRATIONS, 'python'), copy, { recursive: true });
  try {
    must(run(python, [...pip, copy]), 'pip install integrations/python');
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Runs a Python script of the venv from a folder without the sources; returns the last JSON line of its stdout. */
export function runJson(python: string, args: string[], env: NodeJS.ProcessEnv = {}): Record<string, unknown> {
  const r = must(
    run(python, args, { env: { ...process.env, ...env } }),
    `python ${args.map((a) => path.basename(a)).join(' ')}`,
  );
  // Ray's workers may print to stdout as the script shuts them down, after its JSON line; take the last line that is
  // a JSON object.
  const last = r.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  try {
    return JSON.parse(last ?? '') as Record<string, unknown>;
  } catch {
    throw new Error(`expected a JSON line on stdout, got:\n${r.stdout}\n${r.stderr}`);
  }
}

export function scratch(name: string): string {
  const dir = path.join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
