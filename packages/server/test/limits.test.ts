// A tokenizer whose model_max_length (512) exceeds its model's 64 positions (tests/models/limits_tiny.py over the tiny
// BERT fixture): with `truncate: false` an 82-token input is a 400 `context_length_exceeded` stating the count and the
// model's 64, because the generated token counter cuts at the model's positions; with truncation on (the function's own
// `truncation=True` cuts at 512, as in Python) the model's RuntimeError, which names the count and the limit, is a 500.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateNodePackage } from '@ingot/bindings-node';
import { cli, root, serve, tmpDir, type Served } from './fixture';

const LONG = Array.from({ length: 80 }, () => 'planet').join(' ');
let server: Served;

beforeAll(async () => {
  const dir = tmpDir();
  const repo = path.join(dir, 'hf', 'models--ingot-test--bert-tiny');
  fs.mkdirSync(path.join(repo, 'snapshots'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'refs'), { recursive: true });
  fs.symlinkSync(path.join(root, 'tests', 'fixtures', 'models', 'bert_tiny'), path.join(repo, 'snapshots', 'fixture'));
  fs.writeFileSync(path.join(repo, 'refs', 'main'), 'fixture');
  const compiled = path.join(dir, 'compiled');
  const p = spawnSync(
    process.execPath,
    [cli, 'compile', path.join(root, 'tests', 'models', 'limits_tiny.py'), '--out', compiled, '--quiet'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, HF_HUB_CACHE: path.join(dir, 'hf') } },
  );
  if (p.status !== 0) throw new Error(`ingot compile failed (${p.status}):\n${p.stderr}`);
  const packageDir = path.join(dir, 'limits');
  await generateNodePackage({ compileDir: compiled, outDir: packageDir });
  server = await serve([`bert=${packageDir}`]);
}, 900_000);

afterAll(() => server?.proc.kill());

async function embed(body: Record<string, unknown>): Promise<{ status: number; json: any }> {
  const r = await fetch(`${server.url}/v1/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'bert', ...body }),
  });
  return { status: r.status, json: await r.json() };
}

it("refuses an input over the model's positions with truncate: false, stating its tokens and the limit", async () => {
  const r = await embed({ input: LONG, truncate: false });
  expect(r.status).toBe(400);
  expect(r.json.error).toMatchObject({ code: 'context_length_exceeded', param: 'input' });
  expect(r.json.error.message).toContain('82 tokens, more than the 64 tokens');
});

it('embeds a short input, and answers a long one the function cannot run with the model error naming both numbers', async () => {
  expect((await embed({ input: 'Which planet is red?', truncate: false })).status).toBe(200);
  const r = await embed({ input: LONG });
  expect(r.status).toBe(500);
  expect(r.json.error.message).toContain('the input has 82 tokens, but this bert model accepts at most 64');
});
