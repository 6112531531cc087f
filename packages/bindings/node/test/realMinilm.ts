// The real all-MiniLM-L6-v2 example for the packaging tests of every binding: examples/minilm/minilm.py compiled through the
// CLI against the weights `tools/models/fetch_minilm.sh` puts in the Hugging Face cache, the sentence-transformers reference
// embeddings recorded for it (tests/fixtures/models/minilm_real.*), and file helpers for checking installed packages against
// the generated ones. Needs `npm run build` (the CLI's dist).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'models');

function hubCache(): string {
  if (process.env.HF_HUB_CACHE) return process.env.HF_HUB_CACHE;
  if (process.env.HF_HOME) return path.join(process.env.HF_HOME, 'hub');
  return path.join(os.homedir(), '.cache', 'huggingface', 'hub');
}

/** Why the real-weights tests cannot run, or null when the weights are installed. */
export function minilmWeightsMissing(): string | null {
  const snapshots = path.join(hubCache(), 'models--sentence-transformers--all-MiniLM-L6-v2', 'snapshots');
  const found =
    existsSync(snapshots) &&
    readdirSync(snapshots).some((rev) => existsSync(path.join(snapshots, rev, 'model.safetensors')));
  return found
    ? null
    : `all-MiniLM-L6-v2 is not in ${hubCache()}: run \`bash tools/models/fetch_minilm.sh\` (CI's .ci/run does)`;
}

/**
 * Describes a suite that needs the real weights; without them the suite is skipped and its name says why, so a skip is
 * never silent.
 */
export function describeWithMinilm(name: string, body: () => void): void {
  const missing = minilmWeightsMissing();
  if (missing) {
    console.warn(`skipped "${name}": ${missing}`);
    describe.skip(`${name} (skipped: ${missing})`, body);
  } else {
    describe(name, body);
  }
}

/**
 * The time a suite's beforeAll may take: compiling MiniLM and building a binding's native crate is a cold candle build
 * on a fresh target dir, many minutes on a loaded machine (the default is jest's 15 minutes per hook). Nothing is timed.
 */
export const BUILD_TIMEOUT = 60 * 60 * 1000;

/**
 * A fixed folder per checkout and purpose under the temp dir: generated crates record absolute paths into the repository,
 * and a fixed place lets cargo and the generators reuse earlier work.
 */
export function scratchDir(purpose: string): string {
  const tag = createHash('sha1').update(ROOT).digest('hex').slice(0, 8);
  return path.join(os.tmpdir(), `ingot-${purpose}-${tag}`);
}

/**
 * `ingot compile examples/minilm/minilm.py --out OUT [OPTIONS]` with the real weights, through the CLI as a user runs it;
 * returns OUT.
 */
export function compileRealMinilm(out: string, options: string[] = []): string {
  const cli = path.join(ROOT, 'packages', 'cli', 'dist', 'main.js');
  const p = spawnSync(
    process.execPath,
    [cli, 'compile', path.join(ROOT, 'examples', 'minilm', 'minilm.py'), '--out', out, '--quiet', ...options],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (p.status !== 0) throw new Error(`ingot compile failed (${p.status}):\n${p.stderr}`);
  return out;
}

/** The sentences of the reference recording and sentence-transformers' normalised embeddings of them ([10][384]). */
export function minilmReference(): { sentences: string[]; embeddings: number[][] } {
  const { sentences } = JSON.parse(readFileSync(path.join(FIXTURES, 'minilm_real.json'), 'utf8')) as {
    sentences: string[];
  };
  const buf = readFileSync(path.join(FIXTURES, 'minilm_real.safetensors'));
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + n).toString('utf8')) as Record<
    string,
    { dtype: string; shape: [number, number]; data_offsets: [number, number] }
  >;
  const t = header.embeddings!;
  if (t.dtype !== 'F32') throw new Error(`minilm_real.safetensors: embeddings are ${t.dtype}, expected F32`);
  const base = 8 + n + t.data_offsets[0];
  const [rows, cols] = t.shape;
  const embeddings = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => buf.readFloatLE(base + 4 * (r * cols + c))),
  );
  return { sentences, embeddings };
}

/** The largest absolute difference between two matrices of the same shape (Infinity when the shapes differ). */
export function maxAbsDiff(a: number[][], b: number[][]): number {
  if (a.length !== b.length || a.some((row, i) => row.length !== b[i]!.length)) return Infinity;
  return Math.max(...a.flatMap((row, i) => row.map((x, j) => Math.abs(x - b[i]![j]!))));
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every regular file under `dir`, as sorted paths relative to it with `/` separators. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** `{ path: sha256 }` for the given files under `dir`; a missing file maps to "missing". */
export function hashes(dir: string, files: string[]): Record<string, string> {
  return Object.fromEntries(
    files.map((f) => [f, existsSync(path.join(dir, f)) ? sha256File(path.join(dir, f)) : 'missing']),
  );
}

/**
 * What keeps a package's uniffi crate (`<pkg>/native`) from building from the package folder alone: `cargo metadata
 * --locked` failing (the folder's Cargo.lock does not pin the whole graph, or a path does not resolve), a crate of the
 * graph outside the folder, or the compiled module's crate or ingot-runtime missing from it. Empty when it stands alone.
 */
export function nativeCrateProblems(pkg: string): string[] {
  const r = spawnSync(
    'cargo',
    ['metadata', '--locked', '--format-version', '1', '--manifest-path', path.join(pkg, 'native', 'Cargo.toml')],
    { cwd: pkg, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CARGO_TERM_COLOR: 'never' } },
  );
  if (r.status !== 0) return [`cargo metadata --locked failed: ${r.stderr.trim()}`];
  const meta = JSON.parse(r.stdout) as { packages: { name: string; source: string | null; manifest_path: string }[] };
  const local = meta.packages.filter((p) => p.source === null);
  const names = local.map((p) => p.name);
  return [
    ...local
      .filter((p) => !p.manifest_path.startsWith(pkg + path.sep))
      .map((p) => `${p.name} is outside the folder: ${p.manifest_path}`),
    ...['ingot-runtime', 'ingot-minilm'].filter((n) => !names.includes(n)).map((n) => `${n} is not in the graph`),
  ];
}
