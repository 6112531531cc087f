// The one check every conformance runner applies must catch what a client can get wrong.

import { openai } from '@ingot/contract';

const file = openai.loadCaseFile(openai.EMBEDDINGS.casesFile);
const byId = (id: string) => file.cases.find((c) => c.id === id)!;

describe('checkOutcome', () => {
  test('passes the expected response and error themselves', () => {
    for (const c of file.cases)
      expect(openai.checkOutcome(file, c, c.error ? { error: c.error } : { response: c.response })).toEqual([]);
  });

  test('flags a number off by more than the tolerance, and a wrong usage', () => {
    const c = byId('text-single');
    const r = structuredClone(c.response) as openai.CreateEmbeddingResponse;
    (r.data[0]!.embedding as number[])[2]! += 1e-4;
    r.usage.prompt_tokens = 5;
    expect(openai.checkOutcome(file, c, { response: r })).toEqual([
      expect.stringContaining('response.data[0].embedding[2]'),
      expect.stringContaining('response.usage.prompt_tokens'),
    ]);
  });

  test('compares base64 by its floats: big-endian bytes fail', () => {
    const c = byId('base64');
    const r = structuredClone(c.response) as openai.CreateEmbeddingResponse;
    const b = Buffer.from(r.data[0]!.embedding as string, 'base64');
    for (let i = 0; i < b.length; i += 4) b.subarray(i, i + 4).reverse();
    r.data[0]!.embedding = b.toString('base64');
    expect(openai.checkOutcome(file, c, { response: r }).length).toBeGreaterThan(0);
  });

  test('flags a response where an error is expected, and a wrong param', () => {
    const c = byId('error-empty-string');
    expect(openai.checkOutcome(file, c, { response: {} })).toHaveLength(1);
    expect(openai.checkOutcome(file, c, { error: { ...c.error!, param: null } })).toEqual([
      'error.param: expected "input", got null',
    ]);
  });

  test('ignores Ingot extensions (keys starting with _) but not other extra keys', () => {
    const c = byId('text-single');
    const r = { ...(c.response as object), _ingot: { route: 'local' } };
    expect(openai.checkOutcome(file, c, { response: r })).toEqual([]);
    expect(openai.checkOutcome(file, c, { response: { ...r, extra: 1 } })).toHaveLength(1);
  });
});

describe('the runtime against the cases, with the fixture model in JavaScript', () => {
  // The embed fixture's model and tokenizer (see the cases file's fixture), so the shared runtime is checked without
  // native code; the runners check it again through the real compiled fixture.
  const PREFIX = 'title: none | text: ';
  // Its tokenizer keeps 64 tokens (UTF-8 bytes) per input: the first ones, or the last on the left side.
  const MAX_TOKENS = 64;
  const kept = (t: string, side: openai.TruncationSide = 'right') => {
    const b = Buffer.from(t, 'utf8');
    return side === 'left' ? b.subarray(Math.max(0, b.length - MAX_TOKENS)) : b.subarray(0, MAX_TOKENS);
  };
  const rows = (texts: string[], side: openai.TruncationSide = 'right') =>
    texts.map((t) => {
      const r = new Array<number>(8).fill(0);
      Buffer.concat([Buffer.from(PREFIX, 'utf8'), kept(t, side)]).forEach((b, i) => (r[(b + i) % 8]! += 1));
      const n = Math.sqrt(r.reduce((a, x) => a + x * x, 0));
      return Float32Array.from(r.map((x) => x / n));
    });
  const backend: openai.EmbeddingsBackend = {
    dims: 8,
    embed: async (texts) => rows(texts),
    embedTruncating: async (texts, side) => rows(texts, side),
    countTokens: async (texts) => texts.reduce((a, t) => a + kept(t).length, 0),
    tokenIds: async (texts) => texts.map((t) => [...Buffer.from(t, 'utf8')]),
    maxTokens: MAX_TOKENS,
    decodeTokens: async (ids) =>
      ids.map((row) => {
        const bad = row.find((id) => id < 0 || id >= 256);
        if (bad !== undefined)
          throw new Error(`ValueError: token id ${bad} is not in the tokenizer's vocabulary of 256 tokens`);
        return Buffer.from(row).toString('utf8');
      }),
    // The fixture manifest's embedding entry.
    prompts: { query: 'query: ', passage: 'passage: ' },
  };

  test.each(file.cases.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    let outcome: openai.Outcome;
    try {
      outcome = { response: await openai.createEmbeddings(c.request, (m) => (m === 'embed' ? backend : null)) };
    } catch (e) {
      outcome = openai.outcomeOfError(e);
    }
    expect(openai.checkOutcome(file, c, outcome)).toEqual([]);
  });
});
