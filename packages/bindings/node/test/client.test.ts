// The OpenAI-style client template and the pass that decides whether a package gets one.
// These run without cargo: the client is driven by a fake embedding function.

import * as path from 'node:path';
import { lowerNodeBinding } from '../src/pass';
import type { Manifest } from '../src/manifest';
import { TEMPLATE_DIR } from '../src/template';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createClientClass, NotFoundError, BadRequestError } = require(path.join(TEMPLATE_DIR, 'client.js'));

const STR_LIST = { kind: 'list', item: { kind: 'str' } } as const;

function manifestWith(fn: Manifest['functions'][number]): Manifest {
  return { abi_version: 1, name: 'embed', functions: [fn], resources: [] };
}

/** Rows [3, 4, 0, 0] and [0, 0, 0, 2] for every pair of texts, as a float32 [n, 4] matrix. */
function fakeEmbed(texts: string[]) {
  const data = new Float32Array(texts.length * 4);
  texts.forEach((_, i) => data.set(i % 2 ? [0, 0, 0, 2] : [3, 4, 0, 0], i * 4));
  return { dtype: 'float32', shape: [texts.length, 4], data };
}

describe('embedding function detection', () => {
  test('list[str] -> float32 ndarray, other params defaulted, gets a client', () => {
    const b = lowerNodeBinding(
      manifestWith({
        name: 'embed',
        signature: 'embed(texts: list[str], task: str = "document") -> np.ndarray',
        params: [
          { name: 'texts', type: STR_LIST, default: null, has_default: false },
          { name: 'task', type: { kind: 'str' }, default: 'document', has_default: true },
        ],
        returns: { kind: 'ndarray', dtype: 'float32' },
        stream: false,
        c_symbol: null,
      }),
      {},
    );
    expect(b.client).toEqual({ modelName: 'embed', embedJsName: 'embedAsync' });
  });

  test('no client without such a function', () => {
    const b = lowerNodeBinding(
      manifestWith({
        name: 'prefix',
        signature: 'prefix(texts: list[str]) -> list[str]',
        params: [{ name: 'texts', type: STR_LIST, default: null, has_default: false }],
        returns: STR_LIST,
        stream: false,
        c_symbol: null,
      }),
      {},
    );
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

  test('bad dimensions is a BadRequestError', async () => {
    const err = await new Client().embeddings.create({ model: 'embed', input: ['a'], dimensions: 9 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, param: 'dimensions' });
  });
});
