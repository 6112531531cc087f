// Writes cases/openai/chat.json: the chat-completions conformance cases. The error cases that need no model are
// written out below. The cases that need the model are derived from the chat fixture itself: which setting its
// function does not take (unsupported_parameter), its context length (context_length_exceeded), and each expected
// answer, computed by calling the compiled chat function and its token counter directly through the fixture's
// generated Node package (the typed API, not the OpenAI client that the cases check). The fixture is greedy, so the
// answers are deterministic. `id` and `created` are fresh in every answer and are written as matchers.
// Run it after changing a request below or the fixture: `npm run build` first, then
//   node packages/contract/scripts/chat-cases.mjs
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const require = createRequire(import.meta.url);
const FIXTURE = 'packages/bindings/node/test/fixtures/chat';

const manifest = JSON.parse(readFileSync(path.join(root, FIXTURE, 'manifest.json'), 'utf8'));
const MODEL = manifest.name;
const chatFn = manifest.functions.find((f) => f.role === 'chat');
const counterFn = manifest.functions.find((f) => f.role === 'chat_token_counter');
if (!chatFn) throw new Error(`${FIXTURE}/manifest.json has no function with the role "chat"`);
const chat = chatFn.chat;

const bad = (param, code = null) => ({ status: 400, type: 'invalid_request_error', param, code });
const notFound = { status: 404, type: 'invalid_request_error', param: 'model', code: 'model_not_found' };
const hi = [{ role: 'user', content: 'Hi' }];

// `typed: false` marks a request that a statically typed client API (Kotlin, Swift) cannot express: a JSON value of
// the wrong type, an unknown or missing field, a role outside the enum, a string that is not Unicode.
const errorCases = [
  ['error-messages-empty', 'messages must hold at least one message', { messages: [] }, bad('messages')],
  ['error-messages-missing', 'messages is required', { messages: undefined }, bad('messages'), false],
  ['error-messages-not-array', 'messages is an array', { messages: 'Hi' }, bad('messages'), false],
  ['error-message-not-object', 'each message is an object', { messages: ['Hi'] }, bad('messages'), false],
  [
    'error-role-unknown',
    'a role outside system, developer, user, assistant, tool',
    { messages: [{ role: 'wizard', content: 'Hi' }] },
    bad('messages'),
    false,
  ],
  [
    'error-content-not-string',
    'content is a string',
    { messages: [{ role: 'user', content: 5 }] },
    bad('messages'),
    false,
  ],
  ['error-content-missing', 'content is required', { messages: [{ role: 'user' }] }, bad('messages'), false],
  [
    'error-content-lone-surrogate',
    'content that is not valid Unicode (invalid UTF-8 on the wire)',
    { messages: [{ role: 'user', content: 'bad \ud800 text' }] },
    bad('messages'),
    false,
  ],
  ['error-max-tokens-zero', 'max_tokens is at least 1', { messages: hi, max_tokens: 0 }, bad('max_tokens')],
  ['error-max-tokens-negative', 'max_tokens is at least 1', { messages: hi, max_tokens: -5 }, bad('max_tokens')],
  [
    'error-max-completion-tokens-zero',
    'max_completion_tokens is at least 1',
    { messages: hi, max_completion_tokens: 0 },
    bad('max_completion_tokens'),
  ],
  [
    'error-max-tokens-not-integer',
    'max_tokens is an integer',
    { messages: hi, max_tokens: 2.5 },
    bad('max_tokens'),
    false,
  ],
  ['error-temperature-high', 'temperature is at most 2', { messages: hi, temperature: 3 }, bad('temperature')],
  ['error-top-p-high', 'top_p is at most 1', { messages: hi, top_p: 1.5 }, bad('top_p')],
  ['error-stop-too-many', 'at most 4 stop sequences', { messages: hi, stop: ['a', 'b', 'c', 'd', 'e'] }, bad('stop')],
  ['error-stop-empty-string', 'a stop sequence is not empty', { messages: hi, stop: [''] }, bad('stop')],
  ['error-n-two', 'Ingot generates one choice', { messages: hi, n: 2 }, bad('n')],
  [
    'error-stream-options-without-stream',
    'stream_options only with stream',
    { messages: hi, stream_options: { include_usage: true } },
    bad('stream_options'),
  ],
  ['error-unknown-parameter', 'a field the API does not define', { messages: hi, input: 'Hi' }, bad('input'), false],
  [
    'error-tools-unsupported',
    'an API field Ingot does not implement is unsupported_parameter',
    { messages: hi, tools: [{ type: 'function', function: { name: 'f' } }] },
    bad('tools', 'unsupported_parameter'),
    false,
  ],
  ['error-model-missing', 'model is required', { model: undefined, messages: hi }, bad('model'), false],
  ['error-model-not-string', 'model is a string', { model: 5, messages: hi }, bad('model'), false],
  ['error-unknown-model', 'a model the server or client does not hold', { model: 'gpt-4', messages: hi }, notFound],
  [
    'error-unknown-model-bad-input',
    'the request is checked before the model is looked up',
    { model: 'gpt-4', messages: [] },
    bad('messages'),
  ],
];

/** The model-dependent error cases: a setting the function does not take, and prompts that do not fit. */
function modelErrorCases() {
  const out = [];
  const untaken = ['presence_penalty', 'frequency_penalty', 'repeat_penalty', 'top_k', 'seed', 'top_p'].find(
    (f) => !(f in chat.params),
  );
  if (untaken) {
    const value = untaken === 'seed' || untaken === 'top_k' ? 1 : 0.5;
    out.push([
      'error-setting-not-taken',
      `the fixture's function does not take ${untaken}: unsupported_parameter naming it`,
      { messages: hi, [untaken]: value },
      bad(untaken, 'unsupported_parameter'),
      true,
      true,
    ]);
  }
  if (chat.context_length !== null) {
    out.push([
      'error-context-length',
      "a prompt longer than the model's context",
      { messages: [{ role: 'user', content: { $repeat: 'word ', times: chat.context_length + 8, join: '' } }] },
      bad('messages', 'context_length_exceeded'),
      true,
      true,
    ]);
    if ('max_tokens' in chat.params)
      out.push([
        'error-context-length-with-max-tokens',
        'a short prompt and a max_tokens the context cannot hold',
        { messages: hi, max_tokens: chat.context_length },
        bad('messages', 'context_length_exceeded'),
        true,
        true,
      ]);
  }
  return out;
}

/** Calls the compiled chat function directly and gives its pieces of text and its own finish reason. */
async function reference(pkg, binding, request) {
  const f = binding.functions[manifest.functions.indexOf(chatFn)];
  const settings = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined && v !== null));
  if (settings.max_completion_tokens !== undefined) settings.max_tokens = settings.max_completion_tokens;
  const args = { [chat.messages]: request.messages.map((m) => ({ role: m.role, content: m.content })) };
  if (typeof settings.stop === 'string') settings.stop = [settings.stop];
  for (const [field, param] of Object.entries(chat.params))
    if (settings[field] !== undefined) args[param] = settings[field];
  const positional = chatFn.params.map((p) => args[p.name]);
  const pieces = [];
  let finish = null;
  const take = (v) => {
    if (typeof v === 'string') return pieces.push(v);
    const c = v?.choices?.[0];
    const part = chat.output === 'chunks' ? c?.delta : c?.message;
    if (typeof part?.content === 'string' && part.content.length > 0) pieces.push(part.content);
    if (c?.finish_reason === 'stop' || c?.finish_reason === 'length') finish = c.finish_reason;
  };
  if (f.stream) for await (const v of pkg[f.jsName](...positional)) take(v);
  else take(await pkg[f.asyncJsName](...positional));
  const text = pieces.join('');
  let usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  if (counterFn) {
    const c = binding.functions[manifest.functions.indexOf(counterFn)];
    const [p, n] = await pkg[c.asyncJsName](args[chat.messages], text);
    usage = { prompt_tokens: p, completion_tokens: n, total_tokens: p + n };
  }
  if (finish === null) {
    const param = chat.params.max_tokens;
    const max = settings.max_tokens ?? chatFn.params.find((p) => p.name === param)?.default ?? null;
    finish = typeof max === 'number' && usage.completion_tokens >= max ? 'length' : 'stop';
  }
  return { pieces, text, finish, usage };
}

const ID = { $match: '^chatcmpl-' };
const CREATED = { $integer: true };

function completion(ref) {
  return {
    id: ID,
    object: 'chat.completion',
    created: CREATED,
    model: MODEL,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: ref.text, refusal: null },
        logprobs: null,
        finish_reason: ref.finish,
      },
    ],
    usage: ref.usage,
  };
}

function chunks(ref, includeUsage) {
  const u = includeUsage ? { usage: null } : {};
  const chunk = (delta, finish) => ({
    id: ID,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: MODEL,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...u,
  });
  const out = [chunk({ role: 'assistant', content: '' }, null)];
  for (const p of ref.pieces) out.push(chunk({ content: p }, null));
  out.push(chunk({}, ref.finish));
  if (includeUsage)
    out.push({
      id: ID,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: MODEL,
      choices: [],
      usage: ref.usage,
    });
  return out;
}

/** The answer cases: requests whose expected response is the fixture's own output. */
async function responseCases() {
  const { generateNodePackage } = require('@ingot/bindings-node');
  const { lowerNodeBinding } = require('@ingot/bindings-node/dist/pass');
  // A fixed folder per checkout, so cargo rebuilds the package's napi crate incrementally.
  const out = path.join(os.tmpdir(), `ingot-chat-cases-${createHash('sha1').update(root).digest('hex').slice(0, 8)}`);
  {
    await generateNodePackage({ compileDir: path.join(root, FIXTURE), outDir: out });
    const pkg = require(out);
    const binding = lowerNodeBinding(manifest, {});
    // Greedy where the function lets the request choose, so every run (and every client) gets the same text.
    const small = {
      ...('max_tokens' in chat.params ? { max_tokens: 8 } : {}),
      ...('temperature' in chat.params ? { temperature: 0 } : {}),
    };
    const requests = [
      [
        'answer',
        "one user message, greedy: the function's own text; usage from its token counter",
        { messages: hi, ...small },
      ],
      [
        'answer-conversation',
        'a system message and earlier turns reach the function as {role, content}',
        {
          messages: [
            { role: 'system', content: 'You are brief.' },
            { role: 'user', content: 'Name a planet.' },
            { role: 'assistant', content: 'Mars.' },
            { role: 'user', content: 'Another?' },
          ],
          ...small,
        },
      ],
      ['answer-unicode', 'UTF-8 text in and out', { messages: [{ role: 'user', content: 'héllo ✓ 火星' }], ...small }],
      [
        'answer-null-fields',
        'a null optional field is not given',
        { messages: hi, ...small, user: null, stop: null, n: null },
      ],
      ['answer-n-one', 'n = 1 is accepted', { messages: hi, ...small, n: 1 }],
      ['stream', 'the same answer as chunks: role, pieces, finish', { messages: hi, ...small, stream: true }],
      [
        'stream-usage',
        'include_usage: usage null on each chunk, then a last chunk with empty choices and the usage',
        { messages: hi, ...small, stream: true, stream_options: { include_usage: true } },
      ],
    ];
    if ('max_tokens' in chat.params) {
      requests.push([
        'max-tokens-length',
        'max_tokens cuts the answer: finish_reason length',
        { messages: hi, ...small, max_tokens: 2 },
      ]);
      requests.push([
        'max-completion-tokens',
        'max_completion_tokens is the same setting',
        { messages: hi, ...small, max_tokens: undefined, max_completion_tokens: 2 },
      ]);
    }
    if ('seed' in chat.params && 'temperature' in chat.params)
      requests.push([
        'answer-seed',
        'sampling with a seed: the same seed gives the same text',
        { messages: hi, ...small, temperature: 0.9, seed: 7 },
      ]);
    if ('stop' in chat.params) {
      // A stop sequence taken from the greedy answer itself, so it cuts the answer short.
      const plain = await reference(pkg, binding, { messages: hi, ...small });
      const stop = [...plain.text].slice(2, 4).join('');
      if (stop.length > 0)
        requests.push([
          'answer-stop-string',
          'a stop string (the function gets it as a list) ends the answer before it',
          { messages: hi, ...small, stop },
        ]);
    }
    const cases = [];
    for (const [id, about, request] of requests) {
      const ref = await reference(pkg, binding, request);
      const expected = request.stream ? chunks(ref, !!request.stream_options?.include_usage) : completion(ref);
      cases.push([id, about, request, expected, true, true]);
    }
    return cases;
  }
}

const cases = [...(await responseCases()), ...errorCases, ...modelErrorCases()];
const file = {
  surface: 'chat',
  about:
    'Conformance cases for POST /v1/chat/completions and client.chat.completions.create, run by the server and by ' +
    'every client. A streamed answer is the array of its chunks. Generated by packages/contract/scripts/chat-cases.mjs; ' +
    'edit the script, not this file.',
  fixture: {
    compile_dir: FIXTURE,
    model: MODEL,
    about: `A compiled chat function over a tiny random-weight GGUF, greedy (output: ${chat.output}; settings it takes: ${Object.keys(chat.params).join(', ') || 'none'}; context length ${chat.context_length}).`,
  },
  tolerance: 0,
  cases: cases.map(([id, about, request, expected, typed = true, fixtureDependent = false]) => {
    const body = { model: MODEL, ...request };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    const c = { id, about, request: body };
    if (!typed) c.typed = false;
    if (fixtureDependent) c.fixture_dependent = true;
    if ('status' in expected) c.error = expected;
    else c.response = expected;
    return c;
  }),
};
writeFileSync(path.join(here, '..', 'cases', 'openai', 'chat.json'), JSON.stringify(file, null, 2) + '\n');
console.log(`wrote ${file.cases.length} chat cases`);
