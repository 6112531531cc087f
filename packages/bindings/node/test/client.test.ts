// The OpenAI-style client template, and the pass that gives a package one when its manifest names an embedding function.
// These run without cargo: the client is driven by a fake embedding function.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lowerNodeBinding } from '../src/pass';
import type { Manifest } from '@ingot/bindings-common';
import { nodeTemplates, sharedClientFiles } from '../src/templates';

/** The client files as a package carries them: the template and the contract's runtime beside it. */
function clientModule(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ingot-node-client-'));
  writeFileSync(path.join(dir, 'client.js'), readFileSync(path.join(nodeTemplates.dir, 'client.js'), 'utf8'));
  for (const [name, text] of Object.entries(sharedClientFiles())) writeFileSync(path.join(dir, name), text);
  return path.join(dir, 'client.js');
}

const { createClientClass, NotFoundError, BadRequestError } = require(clientModule());

const STR_LIST = { kind: 'list', item: { kind: 'str' } } as const;

function manifestWith(...functions: Manifest['functions']): Manifest {
  return {
    abi_version: 1,
    name: 'embed',
    crate: { package: 'ingot-embed', lib: 'ingot_embed' },
    source: { file: 'embed.py', sha256: '' },
    functions,
    structs: [],
    enums: [],
    resources: [],
  };
}

const EMBED: Manifest['functions'][number] = {
  name: 'embed',
  signature: 'embed(texts: list[str], task: str = "document") -> np.ndarray',
  params: [
    { name: 'texts', type: STR_LIST, default: null, has_default: false },
    { name: 'task', type: { kind: 'str' }, default: 'document', has_default: true },
  ],
  returns: { kind: 'ndarray', dtype: 'float32' },
  stream: false,
  c_symbol: null,
  role: 'embedding',
  rust: { function: 'embed', stream: null },
};

/** Rows [3, 4, 0, 0] and [0, 0, 0, 2] for every pair of texts, as a float32 [n, 4] matrix. */
function fakeEmbed(texts: string[]) {
  const data = new Float32Array(texts.length * 4);
  texts.forEach((_, i) => data.set(i % 2 ? [0, 0, 0, 2] : [3, 4, 0, 0], i * 4));
  return { dtype: 'float32', shape: [texts.length, 4], data };
}

describe('the client follows the roles in the manifest', () => {
  test('the embedding function gets a client; the token counter and decoder are found by their roles', () => {
    const helper = (name: string, role: 'token_counter' | 'token_decoder'): Manifest['functions'][number] => ({
      name,
      signature: `${name}(x: list[str]) -> list[int]`,
      params: [{ name: 'x', type: STR_LIST, default: null, has_default: false }],
      returns: { kind: 'list', item: { kind: 'int' } },
      stream: false,
      c_symbol: null,
      role,
      rust: { function: name, stream: null },
    });
    // The helpers' names are not the compiler's usual ones: only the roles say what they are.
    const b = lowerNodeBinding(
      manifestWith(EMBED, helper('count_them', 'token_counter'), helper('back', 'token_decoder')),
      {},
    );
    expect(b.client).toMatchObject({ modelName: 'embed', embedJsName: 'embedAsync' });
    expect([b.client?.counter?.jsName, b.client?.decoder?.asyncJsName]).toEqual(['countThem', 'backAsync']);
  });

  test('a function shaped like an embedder gets no client without the role: readers never guess', () => {
    const b = lowerNodeBinding(manifestWith({ ...EMBED, role: 'entry' }), {});
    expect(b.client).toBeNull();
  });
});

describe('Client().embeddings.create', () => {
  const Client = createClientClass({ embed: { embed: fakeEmbed } });

  test('answers with the official SDK response shape', async () => {
    const res = await new Client().embeddings.create({ model: 'embed', input: ['a', 'b'] });
    expect(res).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [3, 4, 0, 0] },
        { object: 'embedding', index: 1, embedding: [0, 0, 0, 2] },
      ],
      model: 'embed',
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  });

  test('a single string input is one embedding', async () => {
    const res = await new Client().embeddings.create({ model: 'embed', input: 'a' });
    expect(res.data).toHaveLength(1);
  });

  test('dimensions truncates and renormalises', async () => {
    const res = await new Client().embeddings.create({ model: 'embed', input: ['a'], dimensions: 2 });
    expect(res.data[0].embedding[0]).toBeCloseTo(0.6, 6);
    expect(res.data[0].embedding[1]).toBeCloseTo(0.8, 6);
    expect(res.data[0].embedding).toHaveLength(2);
  });

  test('base64 is little-endian float32', async () => {
    const res = await new Client().embeddings.create({ model: 'embed', input: ['a'], encoding_format: 'base64' });
    const bytes = Buffer.from(res.data[0].embedding, 'base64');
    expect(bytes).toHaveLength(16);
    expect([0, 1, 2, 3].map((i) => bytes.readFloatLE(i * 4))).toEqual([3, 4, 0, 0]);
  });

  test('an unknown model is a NotFoundError shaped like the SDK', async () => {
    const err = await new Client().embeddings.create({ model: 'gpt-x', input: ['a'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({
      status: 404,
      message: '404 The model `gpt-x` does not exist or you do not have access to it.',
      error: {
        message: 'The model `gpt-x` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
  });

  test('token-id input without a tokenizer is a BadRequestError with code unsupported_input', async () => {
    for (const input of [
      [1, 2],
      [[1, 2], [3]],
    ]) {
      const err = await new Client().embeddings.create({ model: 'embed', input }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BadRequestError);
      expect(err).toMatchObject({
        status: 400,
        param: 'input',
        code: 'unsupported_input',
        error: { message: 'the model `embed` has no tokenizer to decode token ids with; send the text instead' },
      });
    }
  });

  test('malformed input is a BadRequestError on input before the model runs', async () => {
    for (const input of [[], [[1], []], [1, 2.5], [[1], 'a'], ['a', 1], 5, null, undefined, [true]]) {
      const err = await new Client().embeddings.create({ model: 'embed', input }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BadRequestError);
      expect(err).toMatchObject({ status: 400, param: 'input', code: null });
    }
  });

  test('bad dimensions is a BadRequestError', async () => {
    const err = await new Client().embeddings
      .create({ model: 'embed', input: ['a'], dimensions: 9 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, param: 'dimensions' });
  });
});

describe('Client().embeddings.create with token ids', () => {
  /** A fake tokenizer: id i is the letter with code 97 + i; ids from 26 on are not in the vocabulary. */
  const decodeTokens = async (ids: number[][]) =>
    ids.map((row) => {
      const bad = row.find((id) => id < 0 || id >= 26);
      if (bad !== undefined)
        throw new Error(`ValueError: token id ${bad} is not in the tokenizer's vocabulary of 26 tokens`);
      return String.fromCharCode(...row.map((id) => 97 + id));
    });
  const seen: string[][] = [];
  const embed = (texts: string[]) => {
    seen.push(texts);
    return fakeEmbed(texts);
  };
  const Client = createClientClass({
    embed: { embed, countTokens: (texts: string[]) => texts.join('').length * 10, decodeTokens },
  });

  test('ids are decoded and the text embedded; usage counts the ids as given', async () => {
    seen.length = 0;
    const res = await new Client().embeddings.create({ model: 'embed', input: [[0, 1], [2]] });
    expect(seen).toEqual([['ab', 'c']]);
    expect(res.data.map((d: { embedding: number[] }) => d.embedding)).toEqual([
      [3, 4, 0, 0],
      [0, 0, 0, 2],
    ]);
    expect(res.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    const flat = await new Client().embeddings.create({ model: 'embed', input: [7, 8, 9] });
    expect(seen[1]).toEqual(['hij']);
    expect(flat.usage.prompt_tokens).toBe(3);
    // Text is still counted by the tokenizer's counter.
    expect((await new Client().embeddings.create({ model: 'embed', input: 'ab' })).usage.prompt_tokens).toBe(20);
  });

  test("the decoder's ValueError (an id outside the vocabulary) is a BadRequestError; other failures pass through", async () => {
    const err = await new Client().embeddings.create({ model: 'embed', input: [[0, 26]] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({
      status: 400,
      param: 'input',
      error: { message: "token id 26 is not in the tokenizer's vocabulary of 26 tokens" },
    });
    const Broken = createClientClass({
      embed: {
        embed,
        decodeTokens: async () => {
          throw new Error('OSError: tokenizer file missing');
        },
      },
    });
    const other = await new Broken().embeddings.create({ model: 'embed', input: [1] }).catch((e: unknown) => e);
    expect(other).not.toBeInstanceOf(BadRequestError);
    expect((other as Error).message).toBe('OSError: tokenizer file missing');
  });
});
