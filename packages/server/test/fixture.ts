/**
 * The test model: examples/minilm/minilm.py compiled unchanged against the tiny BERT fixture
 * (a temporary Hugging Face cache links sentence-transformers/all-MiniLM-L6-v2 to
 * tests/fixtures/models/bert_tiny), through the CLI, so CI needs no network and no real weights.
 * Also: spawning `ingot serve` and reading its listening line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..', '..');
export const cli = path.join(root, 'packages', 'cli', 'dist', 'main.js');

function fakeHubCache(dir: string): string {
  const cache = path.join(dir, 'hf');
  const repo = path.join(cache, 'models--sentence-transformers--all-MiniLM-L6-v2');
  fs.mkdirSync(path.join(repo, 'snapshots'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'refs'), { recursive: true });
  fs.symlinkSync(path.join(root, 'tests', 'fixtures', 'models', 'bert_tiny'), path.join(repo, 'snapshots', 'fixture'));
  fs.writeFileSync(path.join(repo, 'refs', 'main'), 'fixture');
  return cache;
}

/** `ingot compile examples/minilm/minilm.py` with tiny weights; returns the compile dir. */
export function compileTinyMinilm(dir: string): string {
  const out = path.join(dir, 'compiled');
  const p = spawnSync(
    process.execPath,
    [cli, 'compile', path.join(root, 'examples', 'minilm', 'minilm.py'), '--out', out, '--quiet'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, HF_HUB_CACHE: fakeHubCache(dir) },
    },
  );
  if (p.status !== 0) throw new Error(`ingot compile failed (${p.status}):\n${p.stderr}`);
  return out;
}

/**
 * A copy of a Node package whose model weights are corrupted: the runtime's sha256 check fails
 * on load. The files are copied, not linked, so the original is untouched and the addon is a
 * separate file (its own library instance with its own resource dir).
 */
export function corruptCopy(packageDir: string, dir: string): string {
  const out = path.join(dir, 'broken');
  fs.cpSync(packageDir, out, {
    recursive: true,
    dereference: true,
    filter: (src) => !src.includes(`${path.sep}native${path.sep}target`),
  });
  const weights = path.join(out, 'resources', 'encoder__model', 'model.safetensors');
  const bytes = fs.readFileSync(weights);
  bytes[bytes.length - 1] ^= 0xff;
  fs.rmSync(weights);
  fs.writeFileSync(weights, bytes);
  return out;
}

export interface Served {
  proc: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Spawns `ingot serve ARGS --port 0` and waits for its `listening` line. */
export function serve(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Served> {
  const proc = spawn(process.execPath, [cli, 'serve', ...args, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let err = '';
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise<Served>((resolve, reject) => {
    proc.stdout!.resume();
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (chunk: string) => {
      err += chunk;
      const m = /"event":"listening","url":"([^"]+)"/.exec(err);
      if (m) resolve({ proc, url: m[1]!, stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`ingot serve exited (${code}) before listening:\n${err}`)));
  });
}

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-serve-test-'));
}
