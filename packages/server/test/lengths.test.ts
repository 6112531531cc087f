// Length control through `ingot serve`: `POST /tokenize` (vLLM's shape) gives a prompt's untruncated token ids and the
// model's per-input limit, and `truncate: false` on the embeddings surface turns an over-long input into a 400 that
// states its token count and the limit, as the official `openai` npm and Python clients (extra_body) and raw HTTP see
// it. The model is examples/minilm/minilm.py compiled with the tiny BERT fixture (model_max_length 512, but 64 positions: the limit is 64), so the module's
// generated `ingot_token_ids` (role `token_ids`) runs the real all-MiniLM-L6-v2 tokenizer.

import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import OpenAI from 'openai';
import { compileTinyMinilm, serve, tmpDir, type Served } from './fixture';

/** all-MiniLM-L6-v2's tokenizer on "Which planet is known as the Red Planet?" (recorded with transformers). */
const PLANET = 'Which planet is known as the Red Planet?';
const PLANET_IDS = [101, 2029, 4774, 2003, 2124, 2004, 1996, 2417, 4774, 1029, 102];
/**
 * The limit the surfaces measure: the tiny model's 64 positions, below its tokenizer's model_max_length of 512 (the
 * counter stops at the model's `position_limit`; past it the model raises, as it does in PyTorch).
 */
const LIMIT = 64;
/** 600 words of one token each, plus [CLS] and [SEP]: 602 tokens. */
const LONG = Array.from({ length: 600 }, () => 'red').join(' ');

let server: Served;
let client: OpenAI;
let compileDir: string;

beforeAll(async () => {
  compileDir = compileTinyMinilm(tmpDir());
  server = await serve([`tiny=${compileDir}`]);
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});

afterAll(() => {
  server?.proc.kill();
});

async function post(route: string, body: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
}

describe('POST /tokenize', () => {
  test("gives the model tokenizer's ids, the count and the limit, never truncated", async () => {
    expect(await post('/tokenize', { model: 'tiny', prompt: PLANET })).toEqual({
      status: 200,
      json: { count: PLANET_IDS.length, max_model_len: LIMIT, tokens: PLANET_IDS },
    });
    const long = await post('/tokenize', { model: 'tiny', prompt: LONG });
    expect(long.status).toBe(200);
    expect(long.json.count).toBe(602);
    expect(long.json.tokens).toHaveLength(602);
    expect(long.json.tokens[0]).toBe(101);
    expect(long.json.tokens[601]).toBe(102);
    expect(long.json.max_model_len).toBe(LIMIT);
  });

  test('bad requests are OpenAI-shaped 400s and an unknown model a 404', async () => {
    const missing = await post('/tokenize', { model: 'tiny' });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ type: 'invalid_request_error', param: 'prompt' });
    const wrong = await post('/tokenize', { model: 'tiny', prompt: 3 });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.param).toBe('prompt');
    const extra = await post('/tokenize', { model: 'tiny', prompt: 'x', truncate: true });
    expect(extra.status).toBe(400);
    expect(extra.json.error.param).toBe('truncate');
    const unknown = await post('/tokenize', { model: 'nope', prompt: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('model_not_found');
  });
});

describe('truncate on /v1/embeddings', () => {
  test('truncate: true is the default: no length check, the same vector', async () => {
    const plain = await client.embeddings.create({ model: 'tiny', input: PLANET, encoding_format: 'float' });
    const explicit = await client.embeddings.create({
      model: 'tiny',
      input: PLANET,
      encoding_format: 'float',
      truncate: true,
    } as OpenAI.EmbeddingCreateParams);
    expect(explicit.data[0]!.embedding).toEqual(plain.data[0]!.embedding);
  });

  test('truncate: false embeds what fits, unchanged', async () => {
    const plain = await client.embeddings.create({ model: 'tiny', input: PLANET, encoding_format: 'float' });
    const strict = await client.embeddings.create({
      model: 'tiny',
      input: PLANET,
      encoding_format: 'float',
      truncate: false,
    } as OpenAI.EmbeddingCreateParams);
    expect(strict.data[0]!.embedding).toEqual(plain.data[0]!.embedding);
    expect(strict.usage.prompt_tokens).toBe(PLANET_IDS.length);
  });

  test("truncate: false with an over-long input is the npm client's BadRequestError stating its tokens and the limit", async () => {
    const err = await client.embeddings
      .create({ model: 'tiny', input: [PLANET, LONG], truncate: false } as OpenAI.EmbeddingCreateParams)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    const e = err as InstanceType<typeof OpenAI.BadRequestError>;
    expect(e.status).toBe(400);
    expect(e.code).toBe('context_length_exceeded');
    expect(e.param).toBe('input');
    expect(e.message).toContain("'input[1]' is 602 tokens, more than the 64 tokens the model `tiny` takes per input");
  });

  test('raw HTTP: token-id input is measured as given; a non-boolean truncate is a 400 on truncate', async () => {
    const ids = [101, ...Array.from({ length: 518 }, () => 2417), 102];
    const over = await post('/v1/embeddings', { model: 'tiny', input: [ids], truncate: false });
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({ param: 'input', code: 'context_length_exceeded' });
    expect(over.json.error.message).toContain("'input' is 520 tokens, more than the 64 tokens");
    const bad = await post('/v1/embeddings', { model: 'tiny', input: 'x', truncate: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ type: 'invalid_request_error', param: 'truncate' });
  });

  test('the official Python client: extra_body truncate False is its BadRequestError', () => {
    const script = `
import sys, openai
from openai import OpenAI
c = OpenAI(base_url=sys.argv[1], api_key="unused", max_retries=0)
try:
    c.embeddings.create(model="tiny", input=sys.argv[2], extra_body={"truncate": False})
    print("no error")
except openai.BadRequestError as e:
    print("BadRequestError", e.status_code, e.code, e.body["message"])
r = c.embeddings.create(model="tiny", input=sys.argv[3], extra_body={"truncate": False})
print("embedded", r.usage.prompt_tokens)
`;
    const out = execFileSync('python3', ['-c', script, `${server.url}/v1`, LONG, PLANET], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual([
      "BadRequestError 400 context_length_exceeded 'input' is 602 tokens, more than the 64 tokens the model `tiny` " +
        "takes per input; shorten it, or leave 'truncate' on to embed its first tokens",
      `embedded ${PLANET_IDS.length}`,
    ]);
  });
});

describe("the generated Node package's client", () => {
  // The server built the package into compileDir/node when it loaded the model.
  const pkg = () => require(path.join(compileDir, 'node')) as Record<string, any>;

  test('countTokens gives the same untruncated counts and limit as /tokenize', async () => {
    const local = new (pkg().Client)();
    expect(await local.countTokens({ model: 'minilm', input: [PLANET, LONG] })).toEqual({
      model: 'minilm',
      counts: [PLANET_IDS.length, 602],
      total: PLANET_IDS.length + 602,
      max_model_len: LIMIT,
    });
    expect(await pkg().ingotTokenIds([PLANET])).toEqual([PLANET_IDS]);
    const err = await local.countTokens({ model: 'nope', input: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(pkg().NotFoundError);
  });

  test('truncate: false is a BadRequestError with the same message as the server', async () => {
    const local = new (pkg().Client)();
    const err = await local.embeddings
      .create({ model: 'minilm', input: LONG, truncate: false })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(pkg().BadRequestError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('context_length_exceeded');
    expect(err.message).toContain("'input' is 602 tokens, more than the 64 tokens the model `minilm` takes per input");
    const ok = await local.embeddings.create({ model: 'minilm', input: PLANET, truncate: false });
    expect(ok.usage.prompt_tokens).toBe(PLANET_IDS.length);
  });
});
