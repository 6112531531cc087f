// Operating `ingot serve`: the optional API key (`--api-key`, `INGOT_API_KEY`) as the official `openai` npm and Python
// clients meet it (a wrong or missing key is their AuthenticationError, the right one works, /health stays open), and
// the Prometheus `/metrics` exposition, parsed by the official Python client's parser (prometheus-client), counted
// against the requests sent, and bounded: requests with ever-new model names and paths add no series.

import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import OpenAI from 'openai';
import { generateNodePackage } from '@ingot/bindings-node';
import { root, serve, tmpDir, type Served } from './fixture';

const KEY = 'sk-ingot-test-key';
let pkg: string;
let keyed: Served;

beforeAll(async () => {
  pkg = path.join(tmpDir(), 'embed');
  await generateNodePackage({
    compileDir: path.join(root, 'packages', 'bindings', 'node', 'test', 'fixtures', 'embed'),
    outDir: pkg,
  });
  keyed = await serve([`embed=${pkg}`, '--api-key', KEY]);
});

afterAll(() => {
  keyed?.proc.kill();
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('API key', () => {
  test('/health stays open for probes; every other route needs the key', async () => {
    expect((await fetch(`${keyed.url}/health`)).status).toBe(200);
    expect((await fetch(`${keyed.url}/health/ready`)).status).toBe(200);
    for (const [url, init] of [
      [`${keyed.url}/v1/models`, {}],
      [`${keyed.url}/metrics`, {}],
      [`${keyed.url}/v1/embeddings`, { method: 'POST', body: '{"model":"embed","input":"Mars"}' }],
      [`${keyed.url}/no/such/path`, {}],
    ] as const) {
      const r = await fetch(url, init);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
      const body = (await r.json()) as { error: Record<string, unknown> };
      expect(body.error).toEqual({
        message: expect.stringContaining("You didn't provide an API key"),
        type: 'invalid_request_error',
        param: null,
        code: null,
      });
    }
    const wrong = await post(
      `${keyed.url}/v1/embeddings`,
      { model: 'embed', input: 'Mars' },
      {
        authorization: 'Bearer sk-wrong',
      },
    );
    expect(wrong.status).toBe(401);
    const body = (await wrong.json()) as { error: Record<string, unknown> };
    expect(body.error.code).toBe('invalid_api_key');
    expect(JSON.stringify(body)).not.toContain('sk-wrong');
    const right = await post(
      `${keyed.url}/v1/embeddings`,
      { model: 'embed', input: 'Mars' },
      {
        authorization: `Bearer ${KEY}`,
      },
    );
    expect(right.status).toBe(200);
  });

  test('the official openai npm client: a wrong key is its AuthenticationError, the right one embeds', async () => {
    const wrong = new OpenAI({ baseURL: `${keyed.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    const err = await wrong.embeddings.create({ model: 'embed', input: 'Mars' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    const right = new OpenAI({ baseURL: `${keyed.url}/v1`, apiKey: KEY, maxRetries: 0 });
    const r = await right.embeddings.create({ model: 'embed', input: 'Mars' });
    expect(r.data[0]!.embedding).toHaveLength(8);
  });

  test('the official openai Python client: a wrong key is its AuthenticationError, the right one embeds', () => {
    const script = `
import sys, openai
from openai import OpenAI
url, key = sys.argv[1], sys.argv[2]
try:
    OpenAI(base_url=url, api_key="sk-wrong", max_retries=0).embeddings.create(model="embed", input="Mars")
    print("no error")
except openai.AuthenticationError as e:
    print("AuthenticationError", e.status_code, e.code)
r = OpenAI(base_url=url, api_key=key, max_retries=0).embeddings.create(model="embed", input="Mars")
print("embedded", len(r.data[0].embedding))
`;
    const out = execFileSync('python3', ['-c', script, `${keyed.url}/v1`, KEY], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['AuthenticationError 401 invalid_api_key', 'embedded 8']);
  });

  test('INGOT_API_KEY sets the key when --api-key is not given', async () => {
    const s = await serve([`embed=${pkg}`], { ...process.env, INGOT_API_KEY: 'sk-from-env' });
    try {
      expect((await post(`${s.url}/v1/embeddings`, { model: 'embed', input: 'Mars' })).status).toBe(401);
      const ok = await post(
        `${s.url}/v1/embeddings`,
        { model: 'embed', input: 'Mars' },
        {
          authorization: 'Bearer sk-from-env',
        },
      );
      expect(ok.status).toBe(200);
    } finally {
      s.proc.kill();
    }
  });
});

/** The exposition parsed by prometheus-client: one entry per sample, `name{labels} value`. */
function parseMetrics(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const script = `
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for fam in text_string_to_metric_families(sys.stdin.read()):
    for s in fam.samples:
        out.append({"name": s.name, "labels": s.labels, "value": s.value, "type": fam.type})
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8' })) as {
    name: string;
    labels: Record<string, string>;
    value: number;
  }[];
}

describe('/metrics', () => {
  const auth = { authorization: `Bearer ${KEY}` };
  const scrape = async () => {
    const r = await fetch(`${keyed.url}/metrics`, { headers: auth });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseMetrics(await r.text());
  };
  const value = (samples: Awaited<ReturnType<typeof scrape>>, name: string, labels: Record<string, string>) =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value ?? 0;

  test('counts requests, latency, batch sizes and tokens, and shows queue depth', async () => {
    const before = await scrape();
    const texts = ['Mars', 'Which planet is red?', 'héllo ✓'];
    let tokens = 0;
    for (const t of texts) {
      const r = (await (await post(`${keyed.url}/v1/embeddings`, { model: 'embed', input: [t, t] }, auth)).json()) as {
        usage: { prompt_tokens: number };
      };
      tokens += r.usage.prompt_tokens;
    }
    expect((await post(`${keyed.url}/v1/embeddings`, { model: 'embed', input: '' }, auth)).status).toBe(400);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    const ok = { route: '/v1/embeddings', model: 'embed', status: '200' };
    expect(delta('ingot_requests_total', ok)).toBe(3);
    expect(delta('ingot_requests_total', { ...ok, status: '400' })).toBe(1);
    expect(delta('ingot_request_duration_seconds_count', { route: '/v1/embeddings', model: 'embed' })).toBe(4);
    expect(
      delta('ingot_request_duration_seconds_bucket', { route: '/v1/embeddings', model: 'embed', le: '+Inf' }),
    ).toBe(4);
    // Every request here was answered alone: three model calls of two inputs each.
    expect(delta('ingot_batch_size_count', { model: 'embed' })).toBe(3);
    expect(delta('ingot_batch_size_sum', { model: 'embed' })).toBe(6);
    expect(delta('ingot_batch_size_bucket', { model: 'embed', le: '1' })).toBe(0);
    expect(delta('ingot_batch_size_bucket', { model: 'embed', le: '2' })).toBe(3);
    expect(delta('ingot_tokens_total', { model: 'embed', kind: 'prompt' })).toBe(tokens);
    expect(value(after, 'ingot_queue_depth', { model: 'embed', surface: 'embeddings' })).toBe(0);
    expect(value(after, 'ingot_model_ready', { model: 'embed' })).toBe(1);
    // The scrape itself is in flight while it is written.
    expect(value(after, 'ingot_requests_in_flight', {})).toBe(1);
  });

  test('no request adds a label value of its own: unknown models and paths share one series each', async () => {
    for (let i = 0; i < 5; i++) {
      await post(`${keyed.url}/v1/embeddings`, { model: `no-such-model-${i}`, input: 'Mars' }, auth);
      await fetch(`${keyed.url}/no/such/path/${i}`, { headers: auth });
      await fetch(`${keyed.url}/v1/models/no-such-${i}`, { headers: auth });
    }
    const first = await scrape();
    for (let i = 5; i < 40; i++) {
      await post(`${keyed.url}/v1/embeddings`, { model: `no-such-model-${i}`, input: 'Mars' }, auth);
      await fetch(`${keyed.url}/no/such/path/${i}`, { headers: auth });
      await fetch(`${keyed.url}/v1/models/no-such-${i}`, { headers: auth });
    }
    const second = await scrape();
    const series = (s: typeof first) => new Set(s.map((x) => `${x.name}${JSON.stringify(x.labels)}`));
    expect([...series(second)].filter((k) => !series(first).has(k))).toEqual([]);
    expect(
      value(second, 'ingot_requests_total', { route: '/v1/embeddings', model: '', status: '404' }),
    ).toBeGreaterThanOrEqual(40);
    expect(value(second, 'ingot_requests_total', { route: 'other', model: '', status: '404' })).toBeGreaterThanOrEqual(
      40,
    );
    expect(second.some((x) => JSON.stringify(x.labels).includes('no-such'))).toBe(false);
  });
});
