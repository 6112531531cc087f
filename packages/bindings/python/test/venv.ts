// The Python suites' shared set-up: generated wheels installed offline into a fresh venv, and a way to run code in it
// from a plain `python` process, as users do.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The Node generator's hand-written fixtures (compile dirs) that the Python suites package. */
export const FIXTURES = path.join(__dirname, '..', '..', 'node', 'test', 'fixtures');

/**
 * A fixed output folder per suite and per checkout (generated crates record absolute paths into the repository), so
 * cargo rebuilds the uniffi crates incrementally from one run to the next.
 */
export function outDir(suite: string): string {
  const checkout = createHash('sha1')
    .update(path.resolve(__dirname, '..', '..', '..', '..'))
    .digest('hex')
    .slice(0, 8);
  return path.join(os.tmpdir(), `ingot-bindings-python-${suite}-test-${checkout}`);
}

export class Venv {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'ingot-py-venv-'));
  readonly python = path.join(this.dir, 'bin', 'python');

  constructor() {
    const mk = spawnSync('python3', ['-m', 'venv', this.dir], { encoding: 'utf8' });
    if (mk.status !== 0) throw new Error(`python3 -m venv failed: ${mk.stderr}`);
  }

  /** `pip install --no-index` of the given wheels (nothing is downloaded). */
  install(...wheels: string[]): void {
    const pip = spawnSync(
      this.python,
      ['-m', 'pip', 'install', '--no-index', '--disable-pip-version-check', '-q', ...wheels],
      { encoding: 'utf8' },
    );
    if (pip.status !== 0) throw new Error(`pip install failed: ${pip.stderr}`);
  }

  /** Runs `code` after `prelude`, from a directory without the package sources; returns the JSON it prints last. */
  run(code: string, prelude = 'import json'): unknown {
    const r = spawnSync(this.python, ['-c', `${prelude}\n${code}`], {
      cwd: os.tmpdir(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`python exited ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
