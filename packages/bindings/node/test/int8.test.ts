// The int8 mode end to end, as a user runs it: `ingot compile examples/minilm/minilm.py --quantize int8` with the real
// all-MiniLM-L6-v2 weights records the mode in manifest.json, and the Node package generated from that output (nothing
// else passed) runs the int8 model: its embeddings keep a cosine of at least 0.99 to sentence-transformers' f32 ones on
// every sentence, and differ from them more than f32 rounding would (so the int8 kernels really ran).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateNodePackage } from '../src';
import { compileRealMinilm, describeWithMinilm, minilmReference, BUILD_TIMEOUT, ROOT, scratchDir } from './realMinilm';

const OUT = scratchDir('node-int8-minilm');
const CLI = path.join(ROOT, 'packages', 'cli', 'dist', 'main.js');

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

test('ingot compile rejects an unknown --quantize value with the choices', () => {
  const p = spawnSync(
    process.execPath,
    [CLI, 'compile', path.join(ROOT, 'examples', 'minilm', 'minilm.py'), '--out', OUT, '--quantize', 'int4'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(p.status).toBe(2);
  expect(p.stderr).toContain('unknown quantization `int4`');
  expect(p.stderr).toContain('--quantize takes int8, none');
});

describeWithMinilm('examples/minilm compiled with --quantize int8, through the Node package', () => {
  let compiled: string;
  let pkgDir: string;
  let modelName: string;

  beforeAll(async () => {
    compiled = compileRealMinilm(path.join(OUT, 'compiled'), ['--quantize', 'int8']);
    const { packageDir, binding } = await generateNodePackage({ compileDir: compiled, outDir: path.join(OUT, 'node') });
    pkgDir = packageDir;
    modelName = binding.client!.modelName;
  }, BUILD_TIMEOUT);

  test('manifest.json says the encoder runs int8 and the tokenizer is untouched', () => {
    const manifest = JSON.parse(readFileSync(path.join(compiled, 'manifest.json'), 'utf8')) as {
      resources: { kind: string; quantization: string | null }[];
    };
    expect(manifest.resources.map((r) => [r.kind, r.quantization])).toEqual([
      ['Tokenizer', null],
      ['AutoModel', 'int8'],
    ]);
  });

  test('embed and Client().embeddings.create keep cosine >= 0.99 to sentence-transformers on every sentence', () => {
    const { sentences, embeddings } = minilmReference();
    const script = `
      const { embed, Client } = require(${JSON.stringify(pkgDir)});
      (async () => {
        const a = embed(${JSON.stringify(sentences)});
        const rows = [];
        for (let i = 0; i < a.shape[0]; i++) rows.push(Array.from(a.data.subarray(i * a.shape[1], (i + 1) * a.shape[1])));
        const res = await new Client().embeddings.create({ model: ${JSON.stringify(modelName)}, input: ${JSON.stringify(sentences)} });
        console.log(JSON.stringify({ rows, client: res.data.map((d) => d.embedding) }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: number[][]; client: number[][] };
    expect(out.rows).toHaveLength(sentences.length);
    const cos = out.rows.map((row, i) => cosine(row, embeddings[i]!));
    expect(Math.min(...cos)).toBeGreaterThanOrEqual(0.99);
    // f32 matches sentence-transformers to 1e-4 (cosine >= 0.99999); int8 is visibly a different computation.
    expect(Math.min(...cos)).toBeLessThan(0.99999);
    const clientCos = out.client.map((row, i) => cosine(row, embeddings[i]!));
    expect(Math.min(...clientCos)).toBeGreaterThanOrEqual(0.99);
  });
});
