// POST /v1/rerank in `ingot serve` and in the hybrid fetch, with a plain HTTP client: there is no official OpenAI
// rerank client (the conformance suite also drives the official SDKs' generic `post`). The model is the rerank fixture
// (a compiled CrossEncoder over the tiny random cross-encoder), built into a Node package; the scores it is checked
// against come from calling the package's typed function directly.

import * as path from 'node:path';
import { generateNodePackage } from '@ingot/bindings-node';
import { createHybridFetch, createLocalFetch } from '../src';
import { root, serve, tmpDir, type Served } from './fixture';

const FIXTURE = path.join(root, 'packages', 'bindings', 'node', 'test', 'fixtures', 'rerank');
const QUERY = 'Which planet is known as the Red Planet?';
const DOCS = ['Mars is red.', 'Venus is hot.', 'The Red Planet', 'Jupiter is large.'];

let packageDir: string;
let server: Served;
let typedScores: number[];

beforeAll(async () => {
  packageDir = path.join(tmpDir(), 'rerank');
  await generateNodePackage({ compileDir: FIXTURE, outDir: packageDir });
  const pkg = require(packageDir) as { rerankAsync: (q: string, d: string[]) => Promise<{ data: Float32Array }> };
  typedScores = Array.from((await pkg.rerankAsync(QUERY, DOCS)).data);
  server = await serve([`reranker=${packageDir}`]);
}, 600_000);

afterAll(() => server?.proc.kill());

async function post(url: string, body: unknown): Promise<{ status: number; route: string | null; json: any }> {
  const r = await fetch(`${url}/v1/rerank`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, route: r.headers.get('x-ingot-route'), json: await r.json() };
}

describe('ingot serve: /v1/rerank', () => {
  it("answers with the function's scores, best first, and lists the surface", async () => {
    const r = await post(server.url, { model: 'reranker', query: QUERY, documents: DOCS, top_n: 3 });
    expect(r.status).toBe(200);
    const best = typedScores.map((_, i) => i).sort((a, b) => typedScores[b]! - typedScores[a]!);
    expect(r.json.results.map((x: { index: number }) => x.index)).toEqual(best.slice(0, 3));
    expect(r.json.results[0].relevance_score).toBe(typedScores[best[0]!]);
    expect(r.json.usage.total_tokens).toBeGreaterThan(DOCS.length * 3);
    expect(r.json._ingot).toEqual({ route: 'local' });
    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as {
      data: { id: string; ingot: { surfaces: string[] } }[];
    };
    expect(models.data.find((m) => m.id === 'reranker')!.ingot.surfaces).toEqual(['rerank']);
  });

  it('answers bad requests with OpenAI error bodies', async () => {
    const empty = await post(server.url, { model: 'reranker', query: QUERY, documents: [] });
    expect(empty.status).toBe(400);
    expect(empty.json.error).toMatchObject({ type: 'invalid_request_error', param: 'documents' });
    const unknown = await post(server.url, { model: 'nope', query: QUERY, documents: DOCS });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('model_not_found');
  });
});

describe('rerank in-process and hybrid', () => {
  it('a model given in code that returns the wrong number of scores is a 500 model_error', async () => {
    const local = createLocalFetch({ models: { bad: { score: async () => [0.5] } } });
    const r = await local.fetch('http://local/v1/rerank', {
      method: 'POST',
      body: JSON.stringify({ model: 'bad', query: 'q', documents: ['a', 'b'] }),
    });
    expect(r.status).toBe(500);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('model_error');
  });

  it('a model that serves only another surface is a 404 on model', async () => {
    const local = createLocalFetch({
      models: { emb: { embed: async (t: string[]) => ({ shape: [t.length, 1], data: new Float32Array(t.length) }) } },
    });
    const r = await local.fetch('http://local/v1/rerank', {
      method: 'POST',
      body: JSON.stringify({ model: 'emb', query: 'q', documents: ['a'] }),
    });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { param: string } }).error.param).toBe('model');
  });

  it('sends a rerank model it does not hold to the remote, and answers its own locally', async () => {
    const hybrid = createHybridFetch({
      local: { mine: packageDir },
      remote: { baseURL: `${server.url}/v1` },
    });
    const body = { query: QUERY, documents: DOCS, return_documents: true };
    const call = async (model: string) => {
      const r = await hybrid.fetch('http://ingot.invalid/v1/rerank', {
        method: 'POST',
        body: JSON.stringify({ model, ...body }),
      });
      return { route: r.headers.get('x-ingot-route'), json: (await r.json()) as any };
    };
    const local = await call('mine');
    const remote = await call('reranker');
    expect(local.route).toBe('local');
    expect(remote.route).toBe('remote');
    expect(remote.json._ingot).toEqual({ route: 'remote' });
    expect(remote.json.results).toEqual(local.json.results);
    expect(local.json.results[0].document.text).toBe(DOCS[local.json.results[0].index]);
  });
});
