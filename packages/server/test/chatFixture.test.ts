/**
 * `ingot serve` on the compiled chat fixture (packages/bindings/node/test/fixtures/chat: llama-cpp-python's form over
 * a tiny random-weight GGUF), driven by the official `openai` npm and Python clients unchanged, streaming and not,
 * against the typed API's own text, and over the in-process fetch; a client that disconnects stops the generation;
 * hybrid routing with a second
 * `ingot serve` as the remote (a local model that fails to load falls back there). Nothing here is timed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import OpenAI from 'openai';
import { generateNodePackage } from '@ingot/bindings-node';
import { createHybridFetch, createLocalFetch } from '../src';
import { root, serve, tmpDir, type Served } from './fixture';

const FIXTURE = path.join(root, 'packages/bindings/node/test/fixtures/chat');
const dir = tmpDir();
const pkgDir = path.join(dir, 'chat-node');
let server: Served;
let client: OpenAI;
let typed: { chat: (...args: unknown[]) => AsyncIterable<{ choices: { delta: { content?: string } }[] }> };

const messages = [{ role: 'user' as const, content: 'Name a red planet.' }];
const greedy = { temperature: 0, max_tokens: 12 };

/** The text the compiled function yields for the same arguments, through the typed API. */
async function typedText(): Promise<string> {
  let text = '';
  for await (const c of typed.chat(messages, greedy.max_tokens, 0)) text += c.choices[0]?.delta?.content ?? '';
  return text;
}

beforeAll(async () => {
  await generateNodePackage({ compileDir: FIXTURE, outDir: pkgDir });
  typed = require(pkgDir);
  server = await serve([`chat=${pkgDir}`, `other=${pkgDir}`]);
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});

afterAll(() => {
  server?.proc.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the chat fixture served', () => {
  test('the official npm client, whole and streamed, gets the typed API text', async () => {
    const want = await typedText();
    expect(want.length).toBeGreaterThan(0);
    const whole = await client.chat.completions.create({ model: 'chat', messages, ...greedy });
    const stream = await client.chat.completions.create({ model: 'chat', messages, ...greedy, stream: true });
    let streamed = '';
    for await (const c of stream) streamed += c.choices[0]?.delta?.content ?? '';
    expect([whole.choices[0]!.message.content, streamed]).toEqual([want, want]);
    expect(whole.usage!.completion_tokens).toBeGreaterThan(0);
  });

  test('the official Python client, whole and streamed, gets the same text', async () => {
    const want = await typedText();
    const script = [
      'import json, sys, openai',
      'c = openai.OpenAI(base_url=sys.argv[1], api_key="unused", max_retries=0)',
      `kw = dict(model="chat", messages=${JSON.stringify(messages)}, temperature=0, max_tokens=${greedy.max_tokens})`,
      'whole = c.chat.completions.create(**kw).choices[0].message.content',
      'streamed = "".join((ch.choices[0].delta.content or "") for ch in c.chat.completions.create(stream=True, **kw) if ch.choices)',
      'print(json.dumps([whole, streamed]))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script, `${server.url}/v1`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual([want, want]);
  });

  test('/v1/models lists the chat model with its context length', async () => {
    const m = (await client.models.retrieve('chat')) as unknown as { context_length: number };
    const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'manifest.json'), 'utf8'));
    const chat = manifest.functions.find((f: { role: string }) => f.role === 'chat').chat;
    expect(m.context_length).toBe(chat.context_length);
  });

  test('a client that disconnects mid-stream stops the generation', async () => {
    type Health = { models: { chat: { chat: { active: number; steps: number } } } };
    const health = async () => ((await (await fetch(`${server.url}/health`)).json()) as Health).models.chat.chat;
    const url = new URL(`${server.url}/v1/chat/completions`);
    await new Promise<void>((resolve, reject) => {
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
            if (got.split('\n\n').length > 3) {
              req.destroy();
              resolve();
            }
          });
          res.on('end', () => reject(new Error(`the stream ended before the client left: ${got.slice(-300)}`)));
        },
      );
      req.on('error', () => undefined);
      // As long an answer as the context allows, so only the disconnect can end it early.
      req.end(JSON.stringify({ model: 'chat', messages, temperature: 0, max_tokens: 400, stream: true }));
    });
    let h = await health();
    for (let i = 0; i < 100 && h.active > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      h = await health();
    }
    expect(h.active).toBe(0);
    const steps = h.steps;
    await new Promise((r) => setTimeout(r, 300));
    expect((await health()).steps).toBe(steps);
    expect(steps).toBeLessThan(300);
  });
});

describe('the official client over the in-process fetch', () => {
  test('streams the typed API text, with no server', async () => {
    const local = createLocalFetch({ models: { chat: pkgDir } });
    const c = new OpenAI({ apiKey: 'local', baseURL: 'http://ingot.local/v1', fetch: local.fetch, maxRetries: 0 });
    const stream = await c.chat.completions.create({ model: 'chat', messages, ...greedy, stream: true });
    let text = '';
    for await (const ch of stream) text += ch.choices[0]?.delta?.content ?? '';
    expect(text).toBe(await typedText());
  });
});

describe("in-process Python: the package's Client, AsyncClient and Transport", () => {
  test('the typed text through each, streams as iterators, a closed stream ends, the SDK over the Transport', () => {
    const out = path.join(dir, 'python');
    const b = spawnSync(
      process.execPath,
      [path.join(root, 'packages/cli/dist/main.js'), 'bindings', FIXTURE, '--lang', 'python', '--out', out, '--quiet'],
      { encoding: 'utf8' },
    );
    if (b.status !== 0) throw new Error(`ingot bindings --lang python failed (${b.status}):\n${b.stderr}`);
    const wheel = fs.readdirSync(path.join(out, 'dist')).find((f) => f.endsWith('.whl'))!;
    const target = path.join(out, 'installed');
    const pip = spawnSync(
      'python3',
      ['-m', 'pip', 'install', '--no-index', '--no-deps', '-q', '--target', target, path.join(out, 'dist', wheel)],
      { encoding: 'utf8' },
    );
    if (pip.status !== 0) throw new Error(`pip install failed: ${pip.stderr}`);
    const p = spawnSync('python3', [path.join(__dirname, 'py_chat_client.py'), target, 'chat'], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(`python3 failed (${p.status}):\n${p.stderr}`);
    const r = JSON.parse(p.stdout.trim().split('\n').pop()!);
    expect(r.typed.length).toBeGreaterThan(0);
    for (const k of ['whole', 'streamed', 'async_streamed', 'sdk_whole', 'sdk_streamed'])
      expect([k, r[k]]).toEqual([k, r.typed]);
    expect(r.after_close).toEqual([]);
    expect(r.sdk_usage).toBeGreaterThan(0);
    expect(r.sdk_error).toEqual({ status: 400, param: 'messages' });
  });
});

describe('hybrid routing for chat with a second ingot serve as the remote', () => {
  test('other names go remote; a local model that fails to load falls back remote; each says its route', async () => {
    // A copy of the package whose GGUF is corrupted: its sha256 check fails at load.
    const broken = path.join(dir, 'broken');
    fs.cpSync(pkgDir, broken, { recursive: true, dereference: true });
    const gguf = fs
      .readdirSync(path.join(broken, 'resources'), { recursive: true })
      .map((f) => path.join(broken, 'resources', String(f)))
      .find((f) => f.endsWith('.gguf'))!;
    const bytes = fs.readFileSync(gguf);
    bytes[bytes.length - 1] ^= 0xff;
    fs.rmSync(gguf);
    fs.writeFileSync(gguf, bytes);

    const hybrid = createHybridFetch({
      local: { chat: broken, mine: pkgDir },
      remote: { baseURL: `${server.url}/v1` },
      fallback: ['chat'],
    });
    const c = new OpenAI({ apiKey: 'k', baseURL: 'http://ingot.local/v1', fetch: hybrid.fetch, maxRetries: 0 });
    const want = await typedText();
    const ask = async (model: string) => {
      const { data, response } = await c.chat.completions.create({ model, messages, ...greedy }).withResponse();
      return [data.choices[0]!.message.content, response.headers.get('x-ingot-route'), (data as any)._ingot];
    };
    expect(await ask('mine')).toEqual([want, 'local', { route: 'local' }]);
    expect(await ask('other')).toEqual([want, 'remote', { route: 'remote' }]);
    expect(await ask('chat')).toEqual([want, 'remote', { route: 'remote', fallback: true }]);
    const { data: stream, response } = await c.chat.completions
      .create({ model: 'chat', messages, ...greedy, stream: true })
      .withResponse();
    let text = '';
    for await (const ch of stream) text += ch.choices[0]?.delta?.content ?? '';
    expect([text, response.headers.get('x-ingot-route')]).toEqual([want, 'remote']);
  });
});
