// Token-id input with a real tokenizer: examples/minilm/minilm.py compiled against the tiny BERT fixture (all-MiniLM-L6-v2's
// own tokenizer, see tinyMinilm.ts), its Node package generated and built, then used from plain node. The Client decodes ids
// with the module's `ingot_token_decode` and embeds the text; `usage` counts the ids.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateNodePackage } from '../src';
import { compileTinyMinilm, MINILM_VOCAB, minilmIds } from './tinyMinilm';

// One folder per checkout, at a fixed place so cargo rebuilds incrementally.
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-node-tokens-${createHash('sha1')
    .update(path.resolve(__dirname, '..', '..', '..', '..'))
    .digest('hex')
    .slice(0, 8)}`,
);
let pkgDir: string;

beforeAll(async () => {
  const compileDir = compileTinyMinilm(path.join(OUT, 'compiled'));
  pkgDir = path.join(OUT, 'node');
  await generateNodePackage({ compileDir, outDir: pkgDir });
});

/** Runs `body` (async) in a fresh node with `m` bound to the package; returns the JSON it prints last. */
function run(body: string): any {
  const script = `const m = require(${JSON.stringify(pkgDir)}); (async () => { ${body} })().then((out) => console.log(JSON.stringify(out)), (e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: os.tmpdir(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function expectClose(got: number[][], want: number[][]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    expect(g.length).toBe(want[i]!.length);
    g.forEach((x, j) => expect(Math.abs(x - want[i]![j]!)).toBeLessThanOrEqual(1e-6));
  });
}

const samples = minilmIds();

test("the module exports its tokenizer's decoder, and the typed function decodes", () => {
  const out = run(
    `return { decoded: m.ingotTokenDecode([[101, 7592, 1010, 2088, 999, 102], [101, 102]]), async: await m.ingotTokenDecodeAsync([[1037]]) };`,
  );
  expect(out).toEqual({ decoded: ['hello, world!', ''], async: ['a'] });
});

test('token ids embed exactly as the text they came from, and usage counts the ids', () => {
  expect(samples.length).toBeGreaterThanOrEqual(6);
  const out = run(`
    const c = new m.Client();
    const ids = await c.embeddings.create({ model: 'minilm', input: ${JSON.stringify(samples.map((s) => s.ids))} });
    const text = await c.embeddings.create({ model: 'minilm', input: ${JSON.stringify(samples.map((s) => s.text))} });
    const flat = await c.embeddings.create({ model: 'minilm', input: ${JSON.stringify(samples[0]!.ids)}, dimensions: 8, encoding_format: 'base64' });
    const cut = await c.embeddings.create({ model: 'minilm', input: ${JSON.stringify(samples[0]!.text)}, dimensions: 8, encoding_format: 'base64' });
    return { ids: ids.data.map((d) => d.embedding), text: text.data.map((d) => d.embedding), usage: [ids.usage, text.usage, flat.usage],
             flat: flat.data.map((d) => d.embedding), cut: cut.data.map((d) => d.embedding) };
  `);
  expectClose(out.ids, out.text);
  const n = samples.reduce((a, s) => a + s.ids.length, 0);
  // The ids include [CLS] and [SEP], which the tokenizer's own count of the text includes too.
  expect(out.usage).toEqual([
    { prompt_tokens: n, total_tokens: n },
    { prompt_tokens: n, total_tokens: n },
    { prompt_tokens: samples[0]!.ids.length, total_tokens: samples[0]!.ids.length },
  ]);
  expect(out.flat).toEqual(out.cut);
});

test('a token id outside the vocabulary is a BadRequestError naming the id and the vocabulary size', () => {
  const out = run(`
    const c = new m.Client();
    const err = async (input) => c.embeddings.create({ model: 'minilm', input }).then(() => null, (e) => ({ name: e.constructor.name, status: e.status, param: e.param, message: e.error.message }));
    let typed = null;
    try { m.ingotTokenDecode([[${MINILM_VOCAB}]]); } catch (e) { typed = e.message; }
    return { big: await err([[101, ${MINILM_VOCAB}, 102]]), negative: await err([-1]), typed };
  `);
  expect(out.big).toEqual({
    name: 'BadRequestError',
    status: 400,
    param: 'input',
    message: `token id ${MINILM_VOCAB} is not in the tokenizer's vocabulary of ${MINILM_VOCAB} tokens`,
  });
  expect(out.negative).toEqual({
    name: 'BadRequestError',
    status: 400,
    param: 'input',
    message: `token id -1 is not in the tokenizer's vocabulary of ${MINILM_VOCAB} tokens`,
  });
  expect(out.typed).toBe(
    `ValueError: token id ${MINILM_VOCAB} is not in the tokenizer's vocabulary of ${MINILM_VOCAB} tokens`,
  );
});

test('mixed, empty and non-integer token input is a BadRequestError on input', () => {
  const out = run(`
    const c = new m.Client();
    const inputs = [[[101, 102], 101], [], [[101, 102], []], [101, 1.5], [[101, '102']], ['a', [101]], [[101, null]]];
    return Promise.all(inputs.map((input) => c.embeddings.create({ model: 'minilm', input }).then(() => null, (e) => [e.constructor.name, e.status, e.param, e.error.message])));
  `) as [string, number, string, string][];
  for (const e of out) expect(e.slice(0, 3)).toEqual(['BadRequestError', 400, 'input']);
  expect(out.map((e) => e[3])).toEqual([
    "'input' must be a string, an array of strings, an array of token ids (integers) or an array of arrays of token ids; the array mixes them or holds something else",
    "'input' must not be empty",
    "'input[1]' is an empty array of token ids",
    "'input[1]' must be an integer token id, got 1.5",
    '\'input[0][1]\' must be an integer token id, got "102"',
    "'input' must be a string, an array of strings, an array of token ids (integers) or an array of arrays of token ids; the array mixes them or holds something else",
    "'input[0][1]' must be an integer token id, got null",
  ]);
});
