/**
 * Chat completions in the server, its in-process fetch and the hybrid router, on chat functions written in JavaScript
 * (stand-ins for a compiled chat module, given to the server as code, so each can count its steps, go slow or fail):
 * JSON and server-sent events as the official `openai` npm client reads them, cancellation when the client goes
 * away, fair turns between concurrent streams, /v1/models, OpenAI error bodies, and hybrid routing with a second
 * server as the remote. The compiled chat fixture runs through the same server in conformance.test.ts and
 * chatFixture.test.ts. Nothing here is timed.
 */
import * as http from 'node:http';
import OpenAI from 'openai';
import type { ManifestChat } from '@ingot/contract';
import { createHybridFetch, createLocalFetch, startServer, type RunningServer } from '../src';
import type { ChatSource } from '../src';

interface StandIn extends ChatSource {
  log: { steps: string[]; closed: number };
}

/**
 * Answers with `words` words (`w0 w1 ...`), one per step; `delay` ms per step; each step is logged under the last
 * message's content. `failAt`: the step that raises, in every call after the first (the server's warm-up).
 */
function standIn(opts: { words?: number; delay?: number; contextLength?: number; failAt?: number } = {}): StandIn {
  const chat: ManifestChat = {
    messages: 'messages',
    params: { max_tokens: 'max_new_tokens' },
    output: 'text_stream',
    resource: 'model',
    context_length: opts.contextLength ?? 32,
  };
  const log = { steps: [] as string[], closed: 0 };
  let calls = 0;
  return {
    chat,
    defaults: { max_new_tokens: 64 },
    log,
    call(args) {
      const msgs = args.messages as { content: string }[];
      const tag = msgs.at(-1)!.content;
      const n = Math.min((args.max_new_tokens as number | undefined) ?? 64, opts.words ?? 3);
      let i = 0;
      let stopped = false;
      const warmUp = calls++ === 0;
      return {
        async next() {
          if (opts.delay) await new Promise((r) => setTimeout(r, opts.delay));
          // As a compiled generator: once stopped, it yields nothing more.
          if (stopped) return { done: true, value: undefined };
          if (!warmUp && opts.failAt !== undefined && i === opts.failAt)
            throw new Error('RuntimeError: the model broke');
          if (i >= n) return { done: true, value: undefined };
          log.steps.push(tag);
          return { done: false, value: `${i === 0 ? '' : ' '}w${i++}` };
        },
        async return() {
          stopped = true;
          log.closed++;
          return { done: true, value: undefined };
        },
      };
    },
    countTokens: async (messages, completion) => [
      messages.reduce((a, m) => a + m.content.split(' ').length, 0),
      completion ? completion.split(' ').length : 0,
    ],
  };
}

const servers: RunningServer[] = [];
async function start(models: Record<string, ChatSource>): Promise<RunningServer> {
  const s = await startServer({ models, requestLog: () => {} });
  servers.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const user = (content: string) => [{ role: 'user' as const, content }];

/** The raw events of an SSE response body. */
function events(text: string): string[] {
  return text
    .split('\n\n')
    .filter((e) => e.length > 0)
    .map((e) => {
      expect(e.startsWith('data: ')).toBe(true);
      return e.slice('data: '.length);
    });
}

describe('chat completions over HTTP', () => {
  let s: RunningServer;
  let client: OpenAI;
  beforeAll(async () => {
    s = await start({ tiny: standIn() });
    client = new OpenAI({ baseURL: `${s.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  });

  test('JSON: the official client gets a ChatCompletion with usage and the route', async () => {
    const r = await client.chat.completions.create({ model: 'tiny', messages: user('hello there') });
    expect(r.object).toBe('chat.completion');
    expect(r.id).toMatch(/^chatcmpl-/);
    expect(r.choices[0]!.message).toEqual({ role: 'assistant', content: 'w0 w1 w2', refusal: null });
    expect(r.choices[0]!.finish_reason).toBe('stop');
    expect(r.usage).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect((r as unknown as { _ingot: unknown })._ingot).toEqual({ route: 'local' });
  });

  test('SSE: the official client streams the same text; raw, the events end with [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: 'tiny',
      messages: user('hello'),
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: unknown = null;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? '';
      if (c.usage) usage = c.usage;
    }
    expect([text, usage]).toEqual(['w0 w1 w2', { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 }]);

    const r = await fetch(`${s.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'tiny', messages: user('hello'), stream: true }),
    });
    expect([r.status, r.headers.get('content-type'), r.headers.get('x-ingot-route')]).toEqual([
      200,
      'text/event-stream; charset=utf-8',
      'local',
    ]);
    const ev = events(await r.text());
    expect(ev.at(-1)).toBe('[DONE]');
    expect(ev.slice(0, -1).map((e) => JSON.parse(e).choices[0].delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'w0' },
      { content: ' w1' },
      { content: ' w2' },
      {},
    ]);
  });

  test('/v1/models lists the chat model with its context length', async () => {
    const m = await client.models.retrieve('tiny');
    expect(m).toMatchObject({ id: 'tiny', object: 'model', context_length: 32 });
    expect((m as unknown as { ingot: { surfaces: string[] } }).ingot.surfaces).toEqual(['chat']);
  });

  test('errors are OpenAI bodies: bad messages, unknown model, over-long prompt, a setting not taken', async () => {
    const post = async (body: unknown) => {
      const r = await fetch(`${s.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const j = (await r.json()) as { error: { type: string; param: string | null; code: string | null } };
      return [r.status, j.error.type, j.error.param, j.error.code];
    };
    expect(await post({ model: 'tiny', messages: [] })).toEqual([400, 'invalid_request_error', 'messages', null]);
    expect(await post({ model: 'tiny', messages: [{ role: 'robot', content: 'x' }] })).toEqual([
      400,
      'invalid_request_error',
      'messages',
      null,
    ]);
    expect(await post({ model: 'nope', messages: user('x') })).toEqual([
      404,
      'invalid_request_error',
      'model',
      'model_not_found',
    ]);
    expect(await post({ model: 'tiny', messages: user('a '.repeat(40).trim()) })).toEqual([
      400,
      'invalid_request_error',
      'messages',
      'context_length_exceeded',
    ]);
    expect(await post({ model: 'tiny', messages: user('x'), temperature: 0.2 })).toEqual([
      400,
      'invalid_request_error',
      'temperature',
      'unsupported_parameter',
    ]);
  });

  test('invalid UTF-8 in the body is a 400, not replacement characters', async () => {
    const body = Buffer.concat([
      Buffer.from('{"model":"tiny","messages":[{"role":"user","content":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}]}'),
    ]);
    const r = await fetch(`${s.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });
});

describe('a client that disconnects cancels its generation', () => {
  test('closing the socket mid-stream stops the model and frees the generator', async () => {
    const slow = standIn({ words: 10_000, delay: 5, contextLength: 100_000 });
    const s = await start({ slow });
    // The warm-up generation has run and been closed; count from here.
    const closedBefore = slow.log.closed;
    const steps = () => slow.log.steps.filter((t) => t === 'go').length;
    const url = new URL(`${s.url}/v1/chat/completions`);
    const firstEvents = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let got = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            got += d;
            // Two content events in: the generation is running. Go away.
            if (got.split('\n\n').length > 3) {
              req.destroy();
              resolve(got);
            }
          });
        },
      );
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end(JSON.stringify({ model: 'slow', messages: user('go'), stream: true }));
    });
    expect(firstEvents.startsWith('data: ')).toBe(true);
    // Wait until the server has seen the close and the generator was stopped.
    for (let i = 0; i < 200 && slow.log.closed === closedBefore; i++) await new Promise((r) => setTimeout(r, 10));
    expect(slow.log.closed).toBe(closedBefore + 1);
    const stepsAtClose = steps();
    await new Promise((r) => setTimeout(r, 100));
    // No step after the close: a stopped generator yields nothing more.
    expect(steps()).toBe(stepsAtClose);
    expect(stepsAtClose).toBeLessThan(100);
    // Every model loaded: ready.
    expect((await fetch(`${s.url}/health/ready`)).status).toBe(200);
    const health = (await (await fetch(`${s.url}/health`)).json()) as {
      models: { slow: { chat: { active: number; generations: number } } };
    };
    expect(health.models.slow.chat).toMatchObject({ active: 0, generations: 1 });
  });
});

describe('fair turns for one model', () => {
  test('two concurrent streams take turns step by step, not one after the other', async () => {
    const m = standIn({ words: 6, delay: 2 });
    const s = await start({ shared: m });
    const client = new OpenAI({ baseURL: `${s.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const run = async (tag: string) => {
      const stream = await client.chat.completions.create({ model: 'shared', messages: user(tag), stream: true });
      let text = '';
      for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
      return text;
    };
    m.log.steps.length = 0;
    const [a, b] = await Promise.all([run('A'), run('B')]);
    expect([a, b]).toEqual(['w0 w1 w2 w3 w4 w5', 'w0 w1 w2 w3 w4 w5']);
    // Interleaved: B's steps start before A's last one.
    const order = m.log.steps.join('');
    expect(order.indexOf('B')).toBeLessThan(order.lastIndexOf('A'));
    expect(order.indexOf('A')).toBeLessThan(order.lastIndexOf('B'));
  });
});

describe('a model that raises', () => {
  test('before its first step: a 500 model_error; during a stream: an error event the SDK raises', async () => {
    const s = await start({ early: standIn({ failAt: 0 }), late: standIn({ failAt: 2 }) });
    const client = new OpenAI({ baseURL: `${s.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    await expect(client.chat.completions.create({ model: 'early', messages: user('x') })).rejects.toMatchObject({
      status: 500,
      code: 'model_error',
    });
    const stream = await client.chat.completions.create({ model: 'late', messages: user('x'), stream: true });
    let text = '';
    await expect(
      (async () => {
        for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
      })(),
    ).rejects.toThrow(/the model broke/);
    expect(text).toBe('w0 w1');
  });
});

describe('in-process fetch and hybrid routing for chat', () => {
  test('the official client streams over the in-process fetch', async () => {
    const local = createLocalFetch({ models: { tiny: standIn() } });
    const client = new OpenAI({ apiKey: 'local', baseURL: 'http://ingot.local/v1', fetch: local.fetch, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'tiny', messages: user('x'), stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    expect(text).toBe('w0 w1 w2');
  });

  test('local model local, other names remote, an over-long prompt falls back remote; each says its route', async () => {
    const remote = await start({
      big: standIn({ words: 2, contextLength: 10_000 }),
      small: standIn({ words: 2, contextLength: 10_000 }),
    });
    const hybrid = createHybridFetch({
      local: { small: standIn({ contextLength: 8 }) },
      remote: { baseURL: `${remote.url}/v1` },
      fallback: ['small'],
    });
    const client = new OpenAI({ apiKey: 'k', baseURL: 'http://ingot.local/v1', fetch: hybrid.fetch, maxRetries: 0 });
    const route = async (model: string, content: string) => {
      const { data, response } = await client.chat.completions
        .create({ model, messages: user(content) })
        .withResponse();
      return [data.choices[0]!.message.content, response.headers.get('x-ingot-route'), (data as any)._ingot];
    };
    expect(await route('small', 'hi')).toEqual(['w0 w1 w2', 'local', { route: 'local' }]);
    expect(await route('big', 'hi')).toEqual(['w0 w1', 'remote', { route: 'remote' }]);
    expect(await route('small', 'a b c d e f g h i j')).toEqual([
      'w0 w1',
      'remote',
      { route: 'remote', fallback: true },
    ]);
    // A remote stream passes through, its route in the header.
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'big', messages: user('x'), stream: true })
      .withResponse();
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    expect([text, response.headers.get('x-ingot-route')]).toEqual(['w0 w1', 'remote']);
  });
});
