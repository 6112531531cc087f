// A function returning sentence-transformers' `CrossEncoder.rank` list (tests/models/rank_tiny.py) holds the rerank
// role, so `ingot serve` answers POST /v1/rerank with it: compiled against the tiny cross-encoder in a temporary
// Hugging Face cache, built into a Node package, and checked against the ranking sentence-transformers recorded for
// the same query and documents (tests/fixtures/models/ce_tiny/reference.json).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateNodePackage } from '@ingot/bindings-node';
import { cli, root, serve, tmpDir, type Served } from './fixture';

const FIXTURE = path.join(root, 'tests', 'fixtures', 'models', 'ce_tiny');
const reference = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'reference.json'), 'utf8')) as {
  query: string;
  documents: string[];
  rank: { corpus_id: number; score: number }[];
};

let compiled: string;
let server: Served;

beforeAll(async () => {
  const dir = tmpDir();
  const repo = path.join(dir, 'hf', 'models--ingot-test--ce-tiny');
  fs.mkdirSync(path.join(repo, 'snapshots'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'refs'), { recursive: true });
  fs.symlinkSync(FIXTURE, path.join(repo, 'snapshots', 'fixture'));
  fs.writeFileSync(path.join(repo, 'refs', 'main'), 'fixture');
  compiled = path.join(dir, 'compiled');
  const p = spawnSync(
    process.execPath,
    [cli, 'compile', path.join(root, 'tests', 'models', 'rank_tiny.py'), '--out', compiled, '--quiet'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, HF_HUB_CACHE: path.join(dir, 'hf') } },
  );
  if (p.status !== 0) throw new Error(`ingot compile failed (${p.status}):\n${p.stderr}`);
  const packageDir = path.join(dir, 'rank');
  await generateNodePackage({ compileDir: compiled, outDir: packageDir });
  server = await serve([`ranker=${packageDir}`]);
}, 900_000);

afterAll(() => server?.proc.kill());

it('gives the function returning model.rank(...) the rerank role, marked as the rank list', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(compiled, 'manifest.json'), 'utf8')) as {
    functions: { name: string; role: string; rerank?: unknown }[];
  };
  const fn = manifest.functions.find((f) => f.name === 'rank')!;
  expect(fn.role).toBe('rerank');
  expect(fn.rerank).toEqual({ query: 'query', documents: 'documents', ranked: true });
});

it('answers /v1/rerank in the order and with the scores sentence-transformers ranked', async () => {
  const r = await fetch(`${server.url}/v1/rerank`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'ranker', query: reference.query, documents: reference.documents, top_n: 4 }),
  });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { results: { index: number; relevance_score: number }[] };
  expect(body.results.map((x) => x.index)).toEqual(reference.rank.slice(0, 4).map((x) => x.corpus_id));
  body.results.forEach((x, i) =>
    expect(Math.abs(x.relevance_score - reference.rank[i]!.score)).toBeLessThanOrEqual(1e-4),
  );
});
