/**
 * Helpers for the embedding-model tests: reading recorded references (safetensors), a temporary
 * Hugging Face cache whose repos are fixture folders, and parity of embedding matrices
 * (max abs error and row cosine).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runNative } from './differential';

export interface Tensor {
  dtype: string;
  shape: number[];
  data: number[];
}

/** Reads a safetensors file (8-byte header length, JSON header, raw little-endian data). */
export function readSafetensors(file: string): Map<string, Tensor> {
  const buf = fs.readFileSync(file);
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + n).toString('utf8')) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const out = new Map<string, Tensor>();
  for (const [k, v] of Object.entries(header)) {
    if (k === '__metadata__') continue;
    const bytes = buf.subarray(8 + n + v.data_offsets[0], 8 + n + v.data_offsets[1]);
    const data: number[] = [];
    if (v.dtype === 'F32') for (let i = 0; i < bytes.length; i += 4) data.push(bytes.readFloatLE(i));
    else if (v.dtype === 'I64') for (let i = 0; i < bytes.length; i += 8) data.push(Number(bytes.readBigInt64LE(i)));
    out.set(k, { dtype: v.dtype, shape: v.shape, data });
  }
  return out;
}

/** Runs `f` with HF_HUB_CACHE set, restoring (or removing) it afterwards. */
export async function withHubCache<T>(cache: string, f: () => Promise<T>): Promise<T> {
  const saved = process.env.HF_HUB_CACHE;
  process.env.HF_HUB_CACHE = cache;
  try {
    return await f();
  } finally {
    if (saved === undefined) delete process.env.HF_HUB_CACHE;
    else process.env.HF_HUB_CACHE = saved;
  }
}

/** A temporary Hugging Face cache whose repos are links to fixture folders. */
export function fakeHubCache(repos: Record<string, string>): string {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-hf-'));
  for (const [id, dir] of Object.entries(repos)) {
    const repo = path.join(cache, `models--${id.replace('/', '--')}`);
    fs.mkdirSync(path.join(repo, 'snapshots'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'refs'), { recursive: true });
    fs.symlinkSync(dir, path.join(repo, 'snapshots', 'fixture'));
    fs.writeFileSync(path.join(repo, 'refs', 'main'), 'fixture');
  }
  return cache;
}

export function rows(t: { shape: number[]; data: number[] }): number[][] {
  const [n, d] = [t.shape[0]!, t.shape[1] ?? 0];
  return Array.from({ length: n }, (_, i) => t.data.slice(i * d, (i + 1) * d));
}

export function parity(got: number[][], want: number[][]): { maxAbs: number; minCos: number } {
  let maxAbs = 0;
  let minCos = 1;
  want.forEach((w, i) => {
    const g = got[i]!;
    expect(g.length).toBe(w.length);
    let dot = 0;
    let ng = 0;
    let nw = 0;
    w.forEach((x, j) => {
      maxAbs = Math.max(maxAbs, Math.abs(x - g[j]!));
      dot += x * g[j]!;
      ng += g[j]! * g[j]!;
      nw += x * x;
    });
    if (ng > 0 && nw > 0) minCos = Math.min(minCos, dot / Math.sqrt(ng * nw));
  });
  return { maxAbs, minCos };
}

export async function ndarrayResult(
  lib: string,
  fn: string,
  args: Record<string, unknown>,
): Promise<{ shape: number[]; data: number[] }> {
  const r = await runNative(lib, fn, args);
  if ('error' in r) throw new Error(`${fn} raised ${r.error.type}: ${r.error.message}`);
  const nd = (r.ok as { ndarray: { dtype: string; shape: number[]; data: (number | { float: string })[] } }).ndarray;
  expect(nd.dtype).toBe('float32');
  return { shape: nd.shape, data: nd.data.map((x) => (typeof x === 'number' ? x : Number.NaN)) };
}
