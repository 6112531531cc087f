// The chat runtime (the code the server and the Node client share) against a chat function written in JavaScript, so
// its rules are checked without native code: the cases that need no model, the call plan through the manifest's chat
// entry, each output kind, streams and their cancellation, usage, finish reasons, context length and SSE framing.
// The runners check it again through the compiled chat fixture.

import { openai, type ManifestChat } from '@ingot/contract';

const file = openai.loadCaseFile(openai.CHAT.casesFile);

/** A stand-in chat function: the answer is the last message's words reversed, one word per piece. */
function standIn(
  over: Partial<ManifestChat> = {},
  opts: { defaults?: Record<string, unknown> } = {},
): openai.ChatBackend & { log: { args: Record<string, unknown>[]; steps: number; closed: number } } {
  const chat: ManifestChat = {
    messages: 'messages',
    params: { max_tokens: 'max_output_tokens', temperature: 'temperature' },
    output: 'text_stream',
    resource: 'model',
    context_length: 64,
    ...over,
  };
  const log = { args: [] as Record<string, unknown>[], steps: 0, closed: 0 };
  const words = (args: Record<string, unknown>) => {
    const msgs = args[chat.messages] as { content: string }[];
    const all = msgs.at(-1)!.content.split(' ').reverse();
    const max = (args.max_output_tokens as number | undefined) ?? 16;
    return all.slice(0, max).map((w, i) => (i === 0 ? w : ` ${w}`));
  };
  return {
    chat,
    defaults: opts.defaults ?? { max_output_tokens: 16 },
    log,
    call(args) {
      log.args.push(args);
      const pieces = words(args);
      if (chat.output === 'text') return Promise.resolve(pieces.join(''));
      if (chat.output === 'completion')
        return Promise.resolve({ choices: [{ message: { content: pieces.join('') }, finish_reason: 'length' }] });
      let i = 0;
      return {
        async next() {
          if (i >= pieces.length) return { done: true, value: undefined };
          log.steps++;
          const p = pieces[i++]!;
          return {
            done: false,
            value: chat.output === 'chunks' ? { choices: [{ delta: { content: p }, finish_reason: null }] } : p,
          };
        },
        async return() {
          log.closed++;
          return { done: true, value: undefined };
        },
      };
    },
    // One token per word of the prompt's contents, and per word of the completion.
    countTokens: async (messages, completion) => [
      messages.reduce((n, m) => n + m.content.split(' ').length, 0),
      completion.length === 0 ? 0 : completion.trim().split(' ').length,
    ],
  };
}

const lookupOf = (backend: openai.ChatBackend) => (m: string) => (m === file.fixture.model ? backend : null);

async function outcome(body: unknown, backend = standIn()): Promise<openai.Outcome> {
  try {
    const r = await openai.createChatCompletion(body, lookupOf(backend));
    if (Symbol.asyncIterator in r) {
      const chunks = [];
      for await (const c of r) chunks.push(c);
      return { response: chunks };
    }
    return { response: r };
  } catch (e) {
    return openai.outcomeOfError(e);
  }
}

describe('chat cases that need no model', () => {
  // Cases derived from the fixture's manifest (what its function takes, its context length) run in the runners only.
  const modelFree = file.cases.filter((c) => c.error && !c.fixture_dependent);
  test.each(modelFree.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    expect(openai.checkOutcome(file, c, await outcome(c.request))).toEqual([]);
  });
});

describe('the chat runtime', () => {
  const hi = (content = 'one two three') => ({ model: file.fixture.model, messages: [{ role: 'user', content }] });

  test('a completion: the function text, usage from the counter, the API shape', async () => {
    const r = (await outcome({ ...hi(), user: 'u' })) as { response: openai.ChatCompletion };
    expect(r.response).toEqual({
      id: expect.stringMatching(/^chatcmpl-\w+$/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'chat',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'three two one', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 },
    });
  });

  test('the call plan: messages as {role, content}, settings to the parameters they flow to', async () => {
    const b = standIn();
    await outcome(
      {
        ...hi(),
        messages: [{ role: 'system', content: 'x', name: 'n' }, ...hi().messages],
        max_completion_tokens: 2,
        temperature: 0,
      },
      b,
    );
    expect(b.log.args).toEqual([
      {
        messages: [
          { role: 'system', content: 'x' },
          { role: 'user', content: 'one two three' },
        ],
        max_output_tokens: 2,
        temperature: 0,
      },
    ]);
  });

  test('a setting the function does not take is unsupported_parameter naming the request field', async () => {
    for (const [field, value] of [
      ['top_p', 0.5],
      ['seed', 1],
      ['stop', 'x'],
    ] as const)
      expect(await outcome({ ...hi(), [field]: value })).toEqual({
        error: { status: 400, type: 'invalid_request_error', param: field, code: 'unsupported_parameter' },
      });
  });

  test('finish_reason: length when a text function used all its tokens, or as a chunks/completion function says', async () => {
    const cut = (await outcome({ ...hi(), max_tokens: 2 })) as { response: openai.ChatCompletion };
    expect([cut.response.choices[0]!.message.content, cut.response.choices[0]!.finish_reason]).toEqual([
      'three two',
      'length',
    ]);
    // The function's default max tokens counts too when the request gives none.
    const byDefault = (await outcome(hi(), standIn({}, { defaults: { max_output_tokens: 3 } }))) as {
      response: openai.ChatCompletion;
    };
    expect(byDefault.response.choices[0]!.finish_reason).toBe('length');
    const said = (await outcome(hi(), standIn({ output: 'completion' }))) as { response: openai.ChatCompletion };
    expect(said.response.choices[0]!.finish_reason).toBe('length');
  });

  test.each(['text', 'text_stream', 'chunks', 'completion'] as const)(
    'output kind %s gives the same text',
    async (output) => {
      const r = (await outcome(hi(), standIn({ output }))) as { response: openai.ChatCompletion };
      expect(r.response.choices[0]!.message.content).toBe('three two one');
    },
  );

  test('a stream: role chunk, one chunk per piece, finish chunk; include_usage adds usage', async () => {
    const r = (await outcome({ ...hi(), stream: true, stream_options: { include_usage: true } })) as {
      response: openai.ChatCompletionChunk[];
    };
    expect(r.response.map((c) => [c.choices[0]?.delta ?? null, c.choices[0]?.finish_reason ?? null, c.usage])).toEqual([
      [{ role: 'assistant', content: '' }, null, null],
      [{ content: 'three' }, null, null],
      [{ content: ' two' }, null, null],
      [{ content: ' one' }, null, null],
      [{}, 'stop', null],
      [null, null, { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 }],
    ]);
    expect(new Set(r.response.map((c) => c.id)).size).toBe(1);
    const plain = (await outcome({ ...hi(), stream: true })) as { response: openai.ChatCompletionChunk[] };
    expect(plain.response.every((c) => !('usage' in c))).toBe(true);
  });

  test('a consumer that stops early stops the generator at once', async () => {
    const b = standIn();
    const stream = (await openai.createChatCompletion(
      { ...hi('a b c d e f g h'), stream: true },
      lookupOf(b),
    )) as AsyncGenerator<openai.ChatCompletionChunk>;
    let n = 0;
    for await (const _ of stream) if (++n === 2) break;
    // The role chunk and the first piece: the function made one step, and was closed.
    expect([b.log.steps, b.log.closed]).toEqual([1, 1]);
  });

  test('a stream closed before it is read, or its SSE frames closed unread, still stops the generator', async () => {
    for (const frames of [false, true]) {
      const b = standIn();
      const stream = (await openai.createChatCompletion(
        { ...hi('a b c d e f g h'), stream: true },
        lookupOf(b),
      )) as AsyncGenerator<openai.ChatCompletionChunk>;
      if (frames) await openai.sseFrames(stream, () => openai.serverError('x')).return(undefined);
      else await stream.return(undefined);
      expect([b.log.steps, b.log.closed]).toEqual([1, 1]);
    }
  });

  test('an aborted signal stops the generator between steps', async () => {
    const b = standIn();
    const ctl = new AbortController();
    const stream = (await openai.createChatCompletion(
      { ...hi('a b c d e f g h'), stream: true },
      lookupOf(b),
      ctl.signal,
    )) as AsyncGenerator<openai.ChatCompletionChunk>;
    const got: unknown[] = [];
    await expect(
      (async () => {
        for await (const c of stream) {
          got.push(c);
          if (got.length === 2) ctl.abort();
        }
      })(),
    ).rejects.toThrow(openai.APIUserAbortError);
    expect(b.log.closed).toBe(1);
    expect(b.log.steps).toBeLessThan(8);
  });

  test('context length: a prompt that does not fit, or an explicit max_tokens the rest cannot hold', async () => {
    const long = Array.from({ length: 64 }, (_, i) => `w${i}`).join(' ');
    const err = { status: 400, type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' };
    expect(await outcome(hi(long))).toEqual({ error: err });
    expect(await outcome({ ...hi(), max_tokens: 62 })).toEqual({ error: err });
    expect(await outcome({ ...hi(), max_tokens: 61 })).toHaveProperty('response');
  });

  test('a model that fails before its first piece rejects the call; later it ends the stream with an error event', async () => {
    const failing = (after: number): openai.ChatBackend => ({
      ...standIn(),
      call() {
        let i = 0;
        return {
          async next() {
            if (i++ >= after) throw new Error('RuntimeError: boom');
            return { done: false, value: 'x' };
          },
        };
      },
    });
    await expect(openai.createChatCompletion({ ...hi(), stream: true }, lookupOf(failing(0)))).rejects.toThrow('boom');
    const stream = (await openai.createChatCompletion(
      { ...hi(), stream: true },
      lookupOf(failing(1)),
    )) as AsyncGenerator<unknown>;
    const frames = [];
    for await (const f of openai.sseFrames(stream, (e) => openai.serverError(String(e), 'model_error'))) frames.push(f);
    expect(frames.length).toBe(3);
    expect(frames.every((f) => f.startsWith('data: ') && f.endsWith('\n\n'))).toBe(true);
    expect(JSON.parse(frames[2]!.slice(6))).toMatchObject({ error: { type: 'server_error', code: 'model_error' } });
  });

  test('SSE framing: one data line per chunk, then [DONE]', async () => {
    const stream = (await openai.createChatCompletion(
      { ...hi('a'), stream: true },
      lookupOf(standIn()),
    )) as AsyncGenerator<unknown>;
    const frames = [];
    for await (const f of openai.sseFrames(stream, () => openai.serverError('x'))) frames.push(f);
    expect(frames.at(-1)).toBe('data: [DONE]\n\n');
    expect(frames.slice(0, -1).map((f) => JSON.parse(f.slice('data: '.length)).object)).toEqual([
      'chat.completion.chunk',
      'chat.completion.chunk',
      'chat.completion.chunk',
    ]);
  });
});

describe('checkOutcome matchers', () => {
  const c = {
    id: 'x',
    about: '',
    request: {},
    response: { id: { $match: '^chatcmpl-' }, created: { $integer: true } },
  };
  test('a fresh id and created match; a wrong one does not', () => {
    expect(openai.checkOutcome(file, c, { response: { id: 'chatcmpl-abc', created: 17 } })).toEqual([]);
    expect(openai.checkOutcome(file, c, { response: { id: 'cmpl-abc', created: 1.5 } })).toHaveLength(2);
  });
});
