// The generated Node package's chat client on the compiled chat fixture (fixtures/chat: llama-cpp-python's form over a
// tiny random-weight GGUF): `client.chat.completions.create` whole and as an async iterator, with the typed API's
// text; an AbortSignal, the stream's controller or an early `break` stops the generation. The conformance cases run
// through the same client in conformance.test.ts; the official `openai` client over the in-process fetch is the
// server package's test (packages/server/test/chatFixture.test.ts).

import * as os from 'node:os';
import * as path from 'node:path';
import { generateNodePackage } from '../src';

const FIXTURE = path.join(__dirname, 'fixtures', 'chat');
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-node-chat-${require('node:crypto').createHash('sha1').update(__dirname).digest('hex').slice(0, 8)}`,
);

type Chunk = { choices: { delta: { content?: string }; finish_reason: string | null }[] };
interface ChatPackage {
  chat: (...args: unknown[]) => AsyncIterable<Chunk>;
  Client: new () => {
    chat: { completions: { create(body: object, options?: { signal?: AbortSignal }): Promise<any> } };
  };
  APIUserAbortError: new () => Error;
  BadRequestError: new () => Error;
}
let pkg: ChatPackage;
const messages = [{ role: 'user', content: 'Name a red planet.' }];

beforeAll(async () => {
  await generateNodePackage({ compileDir: FIXTURE, outDir: OUT });
  pkg = require(OUT) as ChatPackage;
});

async function typedText(maxTokens: number): Promise<string> {
  let text = '';
  for await (const c of pkg.chat(messages, maxTokens, 0)) text += c.choices[0]?.delta?.content ?? '';
  return text;
}

test('whole and streamed answers are the typed API text', async () => {
  const want = await typedText(12);
  const client = new pkg.Client();
  const whole = await client.chat.completions.create({ model: 'chat', messages, temperature: 0, max_tokens: 12 });
  expect(whole.choices[0].message.content).toBe(want);
  const stream = await client.chat.completions.create({
    model: 'chat',
    messages,
    temperature: 0,
    max_tokens: 12,
    stream: true,
  });
  let text = '';
  for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
  expect(text).toBe(want);
});

test('an AbortSignal stops a stream with APIUserAbortError, and a whole answer before it comes', async () => {
  const client = new pkg.Client();
  const ctl = new AbortController();
  const stream = await client.chat.completions.create(
    { model: 'chat', messages, temperature: 0, max_tokens: 400, stream: true },
    { signal: ctl.signal },
  );
  let chunks = 0;
  await expect(
    (async () => {
      for await (const _ of stream) if (++chunks === 3) ctl.abort();
    })(),
  ).rejects.toBeInstanceOf(pkg.APIUserAbortError);
  expect(chunks).toBeLessThan(6);
  const late = new AbortController();
  const pending = client.chat.completions.create(
    { model: 'chat', messages, temperature: 0, max_tokens: 400 },
    { signal: late.signal },
  );
  late.abort();
  await expect(pending).rejects.toBeInstanceOf(pkg.APIUserAbortError);
});

test('stream.controller.abort() and an early break both end the stream', async () => {
  const client = new pkg.Client();
  const s1 = await client.chat.completions.create({ model: 'chat', messages, max_tokens: 400, stream: true });
  let n = 0;
  for await (const _ of s1) if (++n === 2) break;
  expect(n).toBe(2);
  const s2 = await client.chat.completions.create({ model: 'chat', messages, max_tokens: 400, stream: true });
  s2.controller.abort();
  await expect(
    (async () => {
      for await (const _ of s2) n++;
    })(),
  ).rejects.toBeInstanceOf(pkg.APIUserAbortError);
});

test('a setting the function does not take is a BadRequestError naming it', async () => {
  const client = new pkg.Client();
  await expect(
    client.chat.completions.create({ model: 'chat', messages, presence_penalty: 0.5 }),
  ).rejects.toMatchObject({ status: 400, param: 'presence_penalty', code: 'unsupported_parameter' });
});
