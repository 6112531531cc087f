/**
 * `ingot serve` and the in-process fetch, driven by the official SDKs unchanged: the `openai`
 * npm client and the official Python `openai` client (a spawned python3 script). The model is
 * examples/minilm/minilm.py compiled with tiny BERT weights (see fixture.ts); the server is
 * given the compile dir, so it builds the Node package itself. A copy of that package with
 * corrupted weights is the model that fails to load; a second server is the "remote" API for
 * hybrid routing. Nothing here is timed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import OpenAI from 'openai';
import { createHybridFetch, createLocalFetch, resolvePackageDir } from '../src';
import { compileTinyMinilm, corruptCopy, serve, tmpDir, type Served } from './fixture';

type Matrix = { shape: number[]; data: Float32Array };

const dir = tmpDir();
let compileDir: string;
let packageDir: string;
let brokenDir: string;
let server: Served;
let remote: Served;
let typed: { embed: (texts: string[]) => Matrix; ingotTokenDecode: (ids: number[][]) => string[] };
let client: OpenAI;
const DIMS = 32;

function rowsOf(texts: string[]): number[][] {
  const m = typed.embed(texts);
  const w = m.shape[1]!;
  return texts.map((_, i) => Array.from(m.data.subarray(i * w, (i + 1) * w)));
}

function expectClose(got: ArrayLike<number>[], want: ArrayLike<number>[], tol = 1e-5): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    const w = want[i]!;
    expect(g.length).toBe(w.length);
    for (let j = 0; j < w.length; j++) expect(Math.abs(g[j]! - w[j]!)).toBeLessThanOrEqual(tol);
  });
}

function renorm(row: number[], d: number): number[] {
  const r = row.slice(0, d);
  const n = Math.sqrt(r.reduce((s, x) => s + x * x, 0));
  return r.map((x) => x / n);
}

async function raw(
  url: string,
  body: string | Buffer,
  method = 'POST',
): Promise<{ status: number; json: any; headers: Headers }> {
  const r = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : body,
  });
  return { status: r.status, json: await r.json(), headers: r.headers };
}

const TEXTS = ['The quick brown fox.', 'Mars is red.', 'Jupiter is big.'];
/** all-MiniLM-L6-v2's tokenizer (the tiny fixture's): "Which planet is known as the Red Planet?" and "Hello, world!". */
const IDS = [
  [101, 2029, 4774, 2003, 2124, 2004, 1996, 2417, 4774, 1029, 102],
  [101, 7592, 1010, 2088, 999, 102],
];
const DECODED = ['which planet is known as the red planet?', 'hello, world!'];

beforeAll(async () => {
  compileDir = compileTinyMinilm(dir);
  // A compile dir gets its Node package built into compileDir/node (what `ingot serve tiny=DIR` does, and reuses below).
  packageDir = await resolvePackageDir(compileDir);
  expect(packageDir).toBe(path.join(compileDir, 'node'));
  brokenDir = corruptCopy(packageDir, dir);
  [server, remote] = await Promise.all([
    serve([`tiny=${compileDir}`, `broken=${brokenDir}`, '--max-body-bytes', '1000000']),
    serve([`other=${packageDir}`, `broken=${packageDir}`]),
  ]);
  typed = require(packageDir);
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'x', maxRetries: 0 });
});

afterAll(async () => {
  for (const s of [server, remote]) {
    if (s && s.proc.exitCode === null) {
      s.proc.kill('SIGTERM');
      await s.exited;
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Installs the wheel the Python generator built in `packageDir/dist` into a folder of its own (`pip install --target`,
 * nothing downloaded) and returns it: the package's native module exists only in the built wheel, not in its sources.
 */
function installedWheel(packageDir: string): string {
  const dist = path.join(packageDir, 'dist');
  const wheels = fs.readdirSync(dist).filter((f) => f.endsWith('.whl'));
  if (wheels.length !== 1) throw new Error(`expected one wheel in ${dist}, found ${wheels.join(', ') || 'none'}`);
  const target = path.join(packageDir, 'installed');
  fs.rmSync(target, { recursive: true, force: true });
  const pip = spawnSync(
    'python3',
    [
      '-m',
      'pip',
      'install',
      '--no-index',
      '--no-deps',
      '--disable-pip-version-check',
      '-q',
      '--target',
      target,
      path.join(dist, wheels[0]!),
    ],
    { encoding: 'utf8' },
  );
  if (pip.status !== 0) throw new Error(`pip install --target failed: ${pip.stderr}`);
  return target;
}

describe('the official openai npm client against ingot serve', () => {
  it('embeds with the SDK default (base64) and with float, matching the typed API', async () => {
    const want = rowsOf(TEXTS);
    const b64 = await client.embeddings.create({ model: 'tiny', input: TEXTS });
    expect(b64.object).toBe('list');
    expect(b64.model).toBe('tiny');
    expect(b64.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expectClose(
      b64.data.map((d) => d.embedding),
      want,
    );
    expect(b64.usage.prompt_tokens).toBeGreaterThan(0);
    const fl = await client.embeddings.create({ model: 'tiny', input: TEXTS, encoding_format: 'float' });
    expectClose(
      fl.data.map((d) => d.embedding),
      want,
    );
  });

  it('a single string input, and the response records where it ran', async () => {
    const { data, response } = await client.embeddings.create({ model: 'tiny', input: 'Mars is red.' }).withResponse();
    expect(response.headers.get('x-ingot-route')).toBe('local');
    expect((data as unknown as { _ingot: unknown })._ingot).toEqual({ route: 'local' });
    expectClose([data.data[0]!.embedding], [rowsOf(['Mars is red.'])[0]!]);
  });

  it('dimensions truncates and renormalises', async () => {
    const r = await client.embeddings.create({ model: 'tiny', input: TEXTS, dimensions: 8 });
    const want = rowsOf(TEXTS).map((row) => renorm(row, 8));
    expectClose(
      r.data.map((d) => d.embedding),
      want,
    );
    const full = await client.embeddings.create({
      model: 'tiny',
      input: TEXTS,
      dimensions: DIMS,
      encoding_format: 'float',
    });
    expectClose(
      full.data.map((d) => d.embedding),
      rowsOf(TEXTS),
    );
  });

  it('rejects dimensions above the model width or below 1 with 400 param dimensions', async () => {
    for (const dimensions of [DIMS + 1, 0, -3]) {
      const e = await client.embeddings.create({ model: 'tiny', input: 'x', dimensions }).catch((err) => err);
      expect(e).toBeInstanceOf(OpenAI.BadRequestError);
      expect(e.status).toBe(400);
      expect(e.param).toBe('dimensions');
    }
  });

  it('a list of 100 inputs comes back in order, each row its own', async () => {
    const many = Array.from({ length: 100 }, (_, i) => `sentence number ${i} about topic ${i % 7}`);
    const r = await client.embeddings.create({ model: 'tiny', input: many });
    expect(r.data.map((d) => d.index)).toEqual(many.map((_, i) => i));
    expectClose(
      r.data.map((d) => d.embedding),
      rowsOf(many),
    );
  });

  it("token-id input is decoded with the model's tokenizer: the vectors of the decoded text, usage counts the ids", async () => {
    expect(typed.ingotTokenDecode(IDS)).toEqual(DECODED);
    const want = rowsOf(DECODED);
    const r = await client.embeddings.create({ model: 'tiny', input: IDS });
    expectClose(
      r.data.map((d) => d.embedding),
      want,
    );
    expect(r.usage).toEqual({ prompt_tokens: 17, total_tokens: 17 });
    const text = await client.embeddings.create({ model: 'tiny', input: DECODED });
    expectClose(
      r.data.map((d) => d.embedding),
      text.data.map((d) => d.embedding),
    );
    const flat = await client.embeddings.create({
      model: 'tiny',
      input: IDS[0]!,
      encoding_format: 'float',
      dimensions: 8,
    });
    expectClose(
      flat.data.map((d) => d.embedding),
      [renorm(want[0]!, 8)],
    );
    expect(flat.usage.prompt_tokens).toBe(11);
  });

  it('a token id outside the vocabulary is a 400 naming the id and the vocabulary size', async () => {
    for (const input of [[[101, 30522, 102]], [-1]]) {
      const e = await client.embeddings.create({ model: 'tiny', input }).catch((err) => err);
      expect(e).toBeInstanceOf(OpenAI.BadRequestError);
      expect(e.param).toBe('input');
      expect(e.message).toMatch(/token id (30522|-1) is not in the tokenizer's vocabulary of 30522 tokens/);
    }
  });

  it('an unknown model raises the SDK NotFoundError with code model_not_found', async () => {
    const e = await client.embeddings.create({ model: 'no-such-model', input: 'x' }).catch((err) => err);
    expect(e).toBeInstanceOf(OpenAI.NotFoundError);
    expect(e.status).toBe(404);
    expect(e.code).toBe('model_not_found');
    expect(e.param).toBe('model');
  });

  it('many concurrent requests are batched and each gets exactly its own rows', async () => {
    const reqs = Array.from({ length: 24 }, (_, i) =>
      Array.from({ length: 1 + (i % 5) }, (_, j) => `request ${i} text ${j} ${'x'.repeat(i)}`),
    );
    const res = await Promise.all(reqs.map((input) => client.embeddings.create({ model: 'tiny', input })));
    res.forEach((r, i) =>
      expectClose(
        r.data.map((d) => d.embedding),
        rowsOf(reqs[i]!),
      ),
    );
  });
});

describe('raw HTTP: errors in the OpenAI shape', () => {
  const shape = (j: any) => {
    expect(Object.keys(j)).toEqual(['error']);
    expect(Object.keys(j.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  };

  it('malformed JSON is a 400', async () => {
    const r = await raw(`${server.url}/v1/embeddings`, '{"model": "tiny", "input": [');
    expect(r.status).toBe(400);
    shape(r.json);
    expect(r.json.error.type).toBe('invalid_request_error');
    expect(r.headers.get('x-ingot-route')).toBe('local');
  });

  it.each([
    ['input of the wrong type', { model: 'tiny', input: 5 }, 'input'],
    ['a mixed input list', { model: 'tiny', input: ['a', 1] }, 'input'],
    ['token ids mixed with arrays of them', { model: 'tiny', input: [[101, 102], 101] }, 'input'],
    ['an empty array of token ids', { model: 'tiny', input: [[101, 102], []] }, 'input'],
    ['a fractional token id', { model: 'tiny', input: [101, 1.5] }, 'input'],
    ['an empty input list', { model: 'tiny', input: [] }, 'input'],
    ['an empty string', { model: 'tiny', input: ['a', ''] }, 'input'],
    ['a missing model', { input: 'x' }, 'model'],
    ['a model that is not a string', { model: 3, input: 'x' }, 'model'],
    ['an unknown encoding_format', { model: 'tiny', input: 'x', encoding_format: 'hex' }, 'encoding_format'],
    ['a fractional dimensions', { model: 'tiny', input: 'x', dimensions: 2.5 }, 'dimensions'],
    ['a user that is not a string', { model: 'tiny', input: 'x', user: 7 }, 'user'],
    ['an unknown parameter', { model: 'tiny', input: 'x', temperature: 1 }, 'temperature'],
    ['too many inputs', { model: 'tiny', input: Array.from({ length: 2049 }, () => 'a') }, 'input'],
    ['an input that is too long', { model: 'tiny', input: ['a'.repeat(32769)] }, 'input'],
  ])('%s is a 400', async (_name, body, param) => {
    const r = await raw(`${server.url}/v1/embeddings`, JSON.stringify(body));
    expect(r.status).toBe(400);
    shape(r.json);
    expect(r.json.error.param).toBe(param);
  });

  it('a body over the limit is a 413', async () => {
    const r = await raw(
      `${server.url}/v1/embeddings`,
      JSON.stringify({ model: 'tiny', input: ['a'.repeat(1_100_000)] }),
    );
    expect(r.status).toBe(413);
    shape(r.json);
    expect(r.json.error.code).toBe('request_too_large');
  });

  it('an unknown path is a 404', async () => {
    const r = await raw(`${server.url}/v1/completions`, '{}');
    expect(r.status).toBe(404);
    shape(r.json);
  });

  it('GET /v1/models lists each model with its limits and width', async () => {
    const r = await raw(`${server.url}/v1/models`, '', 'GET');
    expect(r.status).toBe(200);
    const tiny = r.json.data.find((m: any) => m.id === 'tiny');
    expect(tiny).toMatchObject({
      object: 'model',
      owned_by: 'ingot',
      ingot: {
        status: 'ready',
        embedding_dimensions: DIMS,
        max_inputs_per_request: 2048,
        max_chars_per_input: 32768,
        token_input: true,
      },
    });
    expect(tiny.ingot.max_tokens_per_input).toBeGreaterThan(0);
    const broken = r.json.data.find((m: any) => m.id === 'broken');
    expect(broken.ingot.status).toBe('failed');
    const one = await raw(`${server.url}/v1/models/tiny`, '', 'GET');
    expect(one.json.id).toBe('tiny');
  });

  it('writes one JSON log line per request to stderr', () => {
    const lines = server
      .stderr()
      .split('\n')
      .filter((l) => l.includes('"method"'))
      .map((l) => JSON.parse(l));
    const ok = lines.find((l) => l.status === 200 && l.path === '/v1/embeddings' && l.model === 'tiny');
    expect(ok).toMatchObject({ method: 'POST', inputs: expect.any(Number), ms: expect.any(Number) });
    expect(lines.some((l) => l.status === 404 && l.model === 'no-such-model')).toBe(true);
  });
});

describe('the official Python openai client against ingot serve', () => {
  it('gets the same vectors and the same errors', () => {
    const p = spawnSync('python3', [path.join(__dirname, 'openai_py_client.py'), `${server.url}/v1`, 'tiny'], {
      encoding: 'utf8',
    });
    if (p.status !== 0) throw new Error(`python3 failed (${p.status}):\n${p.stderr}`);
    const out = JSON.parse(p.stdout.trim().split('\n').pop()!);
    const want = rowsOf(TEXTS);
    expectClose(out.default, want);
    expectClose(out.float, want);
    expectClose(out.base64, want);
    expectClose(
      out.dims8,
      want.map((r) => renorm(r, 8)),
    );
    expect(out.route_header).toBe('local');
    expect(out.usage).toBeGreaterThan(0);
    const many = Array.from({ length: 100 }, (_, i) => `sentence number ${i} about topic ${i % 7}`);
    const manyRows = rowsOf(many);
    expect(out.many.count).toBe(100);
    expect(out.many.indices).toEqual(many.map((_, i) => i));
    expectClose([out.many.first, out.many.last], [manyRows[0]!, manyRows[99]!]);
    // Token ids: the vectors of the text they decode to, and usage counts the ids.
    expectClose(out.tokens.vectors, rowsOf(DECODED));
    expect(out.tokens.usage).toBe(17);
    expectClose(out.tokens_flat.vectors, rowsOf(DECODED.slice(0, 1)));
    expect(out.tokens_flat.usage).toBe(11);
    expect(out.tokens_bad).toMatchObject({ raised: 'BadRequestError', status: 400, body: { param: 'input' } });
    expect(JSON.stringify(out.tokens_bad.body)).toContain('token id 30522');
    expect(out.unknown).toMatchObject({ raised: 'NotFoundError', status: 404 });
    expect(JSON.stringify(out.unknown.body)).toContain('model_not_found');
    expect(out.dims_big).toMatchObject({ raised: 'BadRequestError', status: 400 });
    expect(out.dims_zero).toMatchObject({ raised: 'BadRequestError', status: 400 });
  });
});

describe('in-process: the official client with ingot fetch', () => {
  it('runs embeddings.create on the compiled model with no server, matching the server and the typed API', async () => {
    const ingot = createLocalFetch({ models: { tiny: packageDir } });
    // An unresolvable base URL: any network use would fail.
    const local = new OpenAI({
      apiKey: 'local',
      baseURL: 'http://ingot.invalid/v1',
      fetch: ingot.fetch,
      maxRetries: 0,
    });
    const inproc = await local.embeddings.create({ model: 'tiny', input: TEXTS });
    expect((inproc as unknown as { _ingot: unknown })._ingot).toEqual({ route: 'local' });
    const served = await client.embeddings.create({ model: 'tiny', input: TEXTS });
    expectClose(
      inproc.data.map((d) => d.embedding),
      served.data.map((d) => d.embedding),
    );
    expectClose(
      inproc.data.map((d) => d.embedding),
      rowsOf(TEXTS),
    );
    const dims = await local.embeddings.create({
      model: 'tiny',
      input: TEXTS,
      dimensions: 4,
      encoding_format: 'float',
    });
    expectClose(
      dims.data.map((d) => d.embedding),
      rowsOf(TEXTS).map((r) => renorm(r, 4)),
    );
    const e = await local.embeddings.create({ model: 'nope', input: 'x' }).catch((err) => err);
    expect(e).toBeInstanceOf(OpenAI.NotFoundError);
    const ids = await local.embeddings.create({ model: 'tiny', input: IDS, encoding_format: 'float' });
    expectClose(
      ids.data.map((d) => d.embedding),
      rowsOf(DECODED),
    );
  });

  it('a model given as a function without a tokenizer answers token-id input with a 400 unsupported_input', async () => {
    const embed = async (texts: string[]) => ({
      shape: [texts.length, 2],
      data: new Float32Array(texts.length * 2).fill(0.5),
    });
    const ingot = createLocalFetch({ models: { plain: { embed } } });
    const local = new OpenAI({
      apiKey: 'local',
      baseURL: 'http://ingot.invalid/v1',
      fetch: ingot.fetch,
      maxRetries: 0,
    });
    expect(
      (await local.embeddings.create({ model: 'plain', input: 'x', encoding_format: 'float' })).data[0]!.embedding,
    ).toEqual([0.5, 0.5]);
    const e = await local.embeddings.create({ model: 'plain', input: [[1, 2]] }).catch((err) => err);
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.code).toBe('unsupported_input');
    expect(e.param).toBe('input');
    expect(e.message).toMatch(/has no tokenizer to decode token ids/);
  });
});

describe("in-process Python: the official client over the generated package's Transport", () => {
  it("gives the typed API's vectors and the SDK's errors with no server", () => {
    const out = path.join(dir, 'python');
    const b = spawnSync(
      process.execPath,
      [
        path.join(__dirname, '..', '..', 'cli', 'dist', 'main.js'),
        'bindings',
        compileDir,
        '--lang',
        'python',
        '--out',
        out,
        '--quiet',
      ],
      { encoding: 'utf8' },
    );
    if (b.status !== 0) throw new Error(`ingot bindings --lang python failed (${b.status}):\n${b.stderr}`);
    const p = spawnSync('python3', [path.join(__dirname, 'py_transport_client.py'), installedWheel(out), 'minilm'], {
      encoding: 'utf8',
    });
    if (p.status !== 0) throw new Error(`python3 failed (${p.status}):\n${p.stderr}`);
    const r = JSON.parse(p.stdout.trim().split('\n').pop()!);
    expectClose(r.default, rowsOf(TEXTS));
    expectClose(
      r.dims8,
      rowsOf(TEXTS).map((row) => renorm(row, 8)),
    );
    expect(r.ingot).toEqual({ route: 'local' });
    expect(r.route_header).toBe('local');
    expect(r.unknown).toMatchObject({ raised: 'NotFoundError', status: 404, body: { code: 'model_not_found' } });
    expectClose(r.tokens.vectors, rowsOf(DECODED));
    expect(r.tokens.usage).toBe(17);
    expect(r.tokens_bad).toMatchObject({ raised: 'BadRequestError', status: 400, body: { param: 'input' } });
    expect(r.tokens_bad.body.message).toMatch(/token id 30522 is not in the tokenizer's vocabulary of 30522 tokens/);
  });
});

describe('hybrid routing: compiled models local, the rest remote', () => {
  const make = (fallback: string[]) =>
    new OpenAI({
      apiKey: 'user-key',
      baseURL: 'http://ingot.invalid/v1',
      maxRetries: 0,
      fetch: createHybridFetch({
        local: { tiny: packageDir, broken: brokenDir },
        remote: { baseURL: `${remote.url}/v1`, apiKey: 'remote-key' },
        fallback,
      }).fetch,
    });

  it('routes by model name and records the route on every response', async () => {
    const hybrid = make(['broken']);
    const { data: l, response: lr } = await hybrid.embeddings.create({ model: 'tiny', input: TEXTS }).withResponse();
    expect(lr.headers.get('x-ingot-route')).toBe('local');
    expect((l as any)._ingot).toEqual({ route: 'local' });
    const { data: r, response: rr } = await hybrid.embeddings.create({ model: 'other', input: TEXTS }).withResponse();
    expect(rr.headers.get('x-ingot-route')).toBe('remote');
    expect((r as any)._ingot).toEqual({ route: 'remote' });
    expectClose(
      r.data.map((d) => d.embedding),
      l.data.map((d) => d.embedding),
    );
    const missing = await hybrid.embeddings.create({ model: 'nope', input: 'x' }).catch((err) => err);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing.headers.get('x-ingot-route')).toBe('remote');
  });

  it("routes the same way from Python, through the generated package's Transport", () => {
    const out = path.join(dir, 'python');
    if (!fs.existsSync(path.join(out, 'src', 'minilm'))) {
      const b = spawnSync(
        process.execPath,
        [
          path.join(__dirname, '..', '..', 'cli', 'dist', 'main.js'),
          'bindings',
          compileDir,
          '--lang',
          'python',
          '--out',
          out,
          '--quiet',
        ],
        { encoding: 'utf8' },
      );
      if (b.status !== 0) throw new Error(`ingot bindings --lang python failed (${b.status}):\n${b.stderr}`);
    }
    const p = spawnSync(
      'python3',
      [path.join(__dirname, 'py_hybrid_client.py'), installedWheel(out), 'minilm', `${remote.url}/v1`],
      { encoding: 'utf8' },
    );
    if (p.status !== 0) throw new Error(`python3 failed (${p.status}):\n${p.stderr}`);
    const r = JSON.parse(p.stdout.trim().split('\n').pop()!);
    expect(r.minilm.route).toBe('local');
    expect(r.minilm.ingot).toEqual({ route: 'local' });
    expect(r.other.route).toBe('remote');
    expect(r.other.ingot).toEqual({ route: 'remote' });
    expectClose(r.other.vectors, r.minilm.vectors);
    expect(r.nope).toEqual({ status: 404, code: 'model_not_found' });
  });

  it('a local model that failed to load falls back to the remote when listed', async () => {
    const r = await make(['broken']).embeddings.create({ model: 'broken', input: TEXTS });
    expect((r as any)._ingot).toEqual({ route: 'remote', fallback: true });
    expectClose(
      r.data.map((d) => d.embedding),
      rowsOf(TEXTS),
    );
    const e = await make([])
      .embeddings.create({ model: 'broken', input: TEXTS })
      .catch((err) => err);
    expect(e).toBeInstanceOf(OpenAI.InternalServerError);
    expect(e.message).toMatch(/failed to load/);
  });
});

describe('faults', () => {
  it('a model that fails to load answers 500 with the reason while others keep serving', async () => {
    const e = await client.embeddings.create({ model: 'broken', input: 'x' }).catch((err) => err);
    expect(e).toBeInstanceOf(OpenAI.InternalServerError);
    expect(e.status).toBe(500);
    expect(e.message).toMatch(/failed to load.*sha256/s);
    const ok = await client.embeddings.create({ model: 'tiny', input: TEXTS });
    expectClose(
      ok.data.map((d) => d.embedding),
      rowsOf(TEXTS),
    );
    const health = await raw(`${server.url}/health`, '', 'GET');
    expect(health.json.status).toBe('degraded');
    expect(health.json.models.tiny.status).toBe('ready');
    expect(health.json.models.broken.status).toBe('failed');
    // Not ready: a readiness probe keeps traffic away from a server one of whose models is broken.
    const ready = await raw(`${server.url}/health/ready`, '', 'GET');
    expect(ready.status).toBe(503);
    expect(ready.json.models.broken.status).toBe('failed');
  });

  it('a client that disconnects mid-request does not disturb the others', async () => {
    const url = new URL(`${server.url}/v1/embeddings`);
    const big = JSON.stringify({ model: 'tiny', input: Array.from({ length: 300 }, (_, i) => `abandoned ${i}`) });
    const abandoned = Array.from(
      { length: 4 },
      () =>
        new Promise<void>((resolve) => {
          const req = http.request({
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) },
          });
          req.on('error', () => resolve());
          req.on('close', () => resolve());
          req.end(big, () => req.destroy());
        }),
    );
    const others = Array.from({ length: 8 }, (_, i) => [`other ${i}`, `more ${i}`]);
    const res = await Promise.all(others.map((input) => client.embeddings.create({ model: 'tiny', input })));
    await Promise.all(abandoned);
    res.forEach((r, i) =>
      expectClose(
        r.data.map((d) => d.embedding),
        rowsOf(others[i]!),
      ),
    );
    const after = await client.embeddings.create({ model: 'tiny', input: TEXTS });
    expectClose(
      after.data.map((d) => d.embedding),
      rowsOf(TEXTS),
    );
  });

  it('SIGTERM stops accepting, finishes the request in flight, and exits 0', async () => {
    const s = await serve([`tiny=${packageDir}`]);
    const url = new URL(`${s.url}/v1/embeddings`);
    const body = JSON.stringify({ model: 'tiny', input: TEXTS, encoding_format: 'float' });
    const half = Math.floor(body.length / 2);
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, half));
      (globalThis as any).__finish = () => req.end(body.slice(half));
    });
    // Wait until the server has the half-sent request (the health check itself counts as one).
    for (let i = 0; i < 1000; i++) {
      const h = await fetch(`${s.url}/health`, { headers: { connection: 'close' } }).then((r) => r.json());
      if (h.inflight >= 2) break;
    }
    s.proc.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const check = () => (s.stderr().includes('"event":"shutdown"') ? resolve() : setTimeout(check, 20));
      check();
    });
    (globalThis as any).__finish();
    const r = await response;
    expect(r.status).toBe(200);
    expectClose(
      JSON.parse(r.text).data.map((d: any) => d.embedding),
      rowsOf(TEXTS),
    );
    expect(await s.exited).toBe(0);
    const refused = await fetch(`${s.url}/health`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
  });
});

describe('ingot serve usage', () => {
  const cliRun = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'cli', 'dist', 'main.js'), 'serve', ...args], {
      encoding: 'utf8',
    });

  it('needs at least one MODEL=DIR, and DIR must exist (exit 2, no stack trace)', () => {
    for (const args of [[], ['just-a-dir'], ['m=/no/such/dir'], ['m=.', '--port', 'abc']]) {
      const r = cliRun(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^error: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
