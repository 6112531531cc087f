// `truncation_direction` end to end, against sentence-transformers: a SentenceTransformer module over the tiny BERT
// fixture (the real all-MiniLM-L6-v2 tokenizer, max_seq_length 24) compiled by the CLI and served by `ingot serve`;
// each side's embeddings of texts longer than the model takes equal what sentence-transformers gives with
// `model.tokenizer.truncation_side` set to that side (tools/truncation/record.py, 1e-4), through the generated
// `ingot_embed_truncating` export and the server's batcher, with requests of both sides in flight at once.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, root, serve, tmpDir, type Served } from './fixture';

const RECORD = JSON.parse(
  fs.readFileSync(path.join(root, 'tests', 'fixtures', 'models', 'truncation_side.json'), 'utf8'),
) as {
  texts: string[];
  max_seq_length: number;
  left: { input_ids: number[][]; embeddings: number[][] };
  right: { input_ids: number[][]; embeddings: number[][] };
};

let server: Served;

beforeAll(async () => {
  const dir = tmpDir();
  const source = path.join(dir, 'st_tiny.py');
  fs.writeFileSync(
    source,
    [
      'import numpy as np',
      'from sentence_transformers import SentenceTransformer',
      '',
      `model = SentenceTransformer(${JSON.stringify(path.join(root, 'tests', 'fixtures', 'models', 'bert_tiny'))})`,
      '',
      '',
      'def embed(texts: list[str]) -> np.ndarray:',
      '    return model.encode(texts)',
      '',
    ].join('\n'),
  );
  const out = path.join(dir, 'compiled');
  const p = spawnSync(process.execPath, [cli, 'compile', source, '--out', out, '--quiet'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (p.status !== 0) throw new Error(`ingot compile failed (${p.status}):\n${p.stderr}`);
  server = await serve([`tiny=${out}`]);
}, 1_200_000);

afterAll(() => {
  server?.proc.kill();
});

async function embed(body: Record<string, unknown>): Promise<{ status: number; json: any }> {
  const r = await fetch(`${server.url}/v1/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'tiny', input: RECORD.texts, ...body }),
  });
  return { status: r.status, json: await r.json() };
}

function expectClose(got: number[][], want: number[][]): void {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => {
    const diff = Math.max(...row.map((x, j) => Math.abs(x - want[i]![j]!)));
    expect([i, diff <= 1e-4 ? 'close' : diff]).toEqual([i, 'close']);
  });
}

test("each side equals sentence-transformers' with that truncation_side, both sides in flight at once", async () => {
  const [left, tei, right, unset] = await Promise.all([
    embed({ truncation_direction: 'left' }),
    embed({ truncation_direction: 'Left' }),
    embed({ truncation_direction: 'right' }),
    embed({}),
  ]);
  for (const r of [left, tei, right, unset]) expect(r.status).toBe(200);
  expectClose(
    left.json.data.map((d: { embedding: number[] }) => d.embedding),
    RECORD.left.embeddings,
  );
  expectClose(
    tei.json.data.map((d: { embedding: number[] }) => d.embedding),
    RECORD.left.embeddings,
  );
  expectClose(
    right.json.data.map((d: { embedding: number[] }) => d.embedding),
    RECORD.right.embeddings,
  );
  // Unset is the tokenizer's own side (right), and the long texts really differ between the sides.
  expect(unset.json.data).toEqual(right.json.data);
  expect(left.json.data[0].embedding).not.toEqual(right.json.data[0].embedding);
  // usage counts the tokens the model kept, the same on either side.
  const kept = RECORD.left.input_ids.reduce((n, r) => n + r.length, 0);
  expect(left.json.usage.prompt_tokens).toBe(kept);
  expect(right.json.usage.prompt_tokens).toBe(kept);
}, 120_000);

test('an unknown side is a 400 on truncation_direction', async () => {
  const r = await embed({ truncation_direction: 'middle' });
  expect(r.status).toBe(400);
  expect(r.json.error).toMatchObject({ type: 'invalid_request_error', param: 'truncation_direction' });
}, 60_000);
