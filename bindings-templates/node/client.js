'use strict';
// An OpenAI-style client over the package's embedding and chat functions, shaped like the official `openai` SDK:
//   const res = await new Client().embeddings.create({ model, input, dimensions, encoding_format, user });
//   const stream = await new Client().chat.completions.create({ model, messages, stream: true }, { signal });
//   const ranked = await new Client().rerank.create({ model, query, documents, top_n, return_documents });
// It runs in-process; nothing goes over the network, and `apiKey`/`baseURL` options are accepted and ignored.
// The request checks, the response and the errors are `openai.js`, the same module `ingot serve` runs, so this client
// and the server answer alike (an unknown model is a NotFoundError with status 404 and the API's error body).
// Here only the compiled model is adapted to it: rows out of the native matrix, the token counter and the decoder, and
// the chat and rerank functions called by parameter name.

const openai = require('./openai.js');

/** The rows of the native matrix: `matrix.data` is the Float32Array the addon built over the native buffer. */
function rowsOf(matrix) {
  const [rows, width] = matrix.shape;
  const flat = matrix.data instanceof Float32Array ? matrix.data : Float32Array.from(matrix.data);
  const out = [];
  for (let i = 0; i < rows; i++) out.push(flat.subarray(i * width, (i + 1) * width));
  return out;
}

/** One model's backend for the shared runtime, from `{ embed, countTokens?, decodeTokens? }` (see createClientClass). */
function backendOf(entry) {
  let limit = null;
  return {
    dims: null,
    async embed(texts) {
      return rowsOf(await entry.embed(texts));
    },
    // `truncation_direction`: the embedding function with the tokenizer cutting on the request's side.
    embedTruncating: entry.embedTruncating ? async (texts, side) => rowsOf(await entry.embedTruncating(texts, side)) : null,
    countTokens: entry.countTokens ? async (texts) => entry.countTokens(texts) : null,
    decodeTokens: entry.decodeTokens ? async (ids) => entry.decodeTokens(ids) : null,
    prompts: entry.prompts || null,
    tokenIds: entry.tokenIds ? async (texts) => entry.tokenIds(texts) : null,
    // The limit is measured once, on the first request that needs it (`truncate: false`, `countTokens`).
    maxTokens: entry.countEach ? () => (limit ??= openai.probeTokenLimit(async (t) => entry.countEach(t))) : null,
  };
}

class Embeddings {
  constructor(models) {
    this._backends = new Map(Object.entries(models).map(([name, entry]) => [name, backendOf(entry)]));
  }

  async create(body) {
    return openai.createEmbeddings(body, (model) => this._backends.get(model) ?? null);
  }
}

class Completions {
  constructor(chatModels) {
    this._backends = new Map(Object.entries(chatModels));
  }

  /**
   * `create(body, { signal })`: a `ChatCompletion`, or with `stream: true` an async iterator of chunks. Aborting the
   * signal, calling `stream.controller.abort()` or leaving a `for await` loop early stops the generation.
   */
  async create(body, options = {}) {
    const controller = new AbortController();
    const signal = options && options.signal;
    if (signal) {
      if (signal.aborted) controller.abort();
      else signal.addEventListener('abort', () => controller.abort(), { once: true });
    }
    const result = await openai.createChatCompletion(
      body,
      (model) => this._backends.get(model) ?? null,
      controller.signal,
    );
    // The official SDK's Stream carries the AbortController that ends it; so does this one.
    if (result && typeof result[Symbol.asyncIterator] === 'function') result.controller = controller;
    return result;
  }
}

class Rerank {
  constructor(rerankModels) {
    this._backends = new Map(
      Object.entries(rerankModels).map(([name, entry]) => [
        name,
        {
          // A float32 ndarray crosses as `{shape, data: Float32Array}`, a list[float] as an array, CrossEncoder.rank's
          // list as its objects; the runtime reads each as one score per document.
          async score(query, documents) {
            return openai.rerankScores(await entry.score(query, documents), documents.length);
          },
          countTokens: entry.countTokens
            ? async (query, documents) => (await entry.countTokens(query, documents)).reduce((a, b) => a + b, 0)
            : null,
        },
      ]),
    );
  }

  /** `create({ model, query, documents, top_n?, return_documents? })`: the results, best first, and usage. */
  async create(body) {
    return openai.createRerank(body, (model) => this._backends.get(model) ?? null);
  }
}

/**
 * Builds the package's `Client` class over `{ [model]: { embed(texts) -> Promise<{shape, data: Float32Array}>,
 * countTokens?(texts) -> number, decodeTokens?(ids) -> Promise<string[]> } }` (the last two when the module has a tokenizer)
 * and the chat models `{ [model]: ChatBackend }` (the runtime's `ChatBackend`: the manifest's chat entry, the
 * function's defaults, `call(args)` by parameter name, `countTokens(messages, completion)` or null), and the rerank
 * models `{ [model]: { score(query, documents) -> scores, countTokens(query, documents) -> tokens per pair | null } }`.
 */
function createClientClass(models, chatModels = {}, rerankModels = {}) {
  return class Client {
    constructor(options = {}) {
      this.options = options;
      this.embeddings = new Embeddings(models);
      this.chat = { completions: new Completions(chatModels) };
      this.rerank = new Rerank(rerankModels);
    }

    /**
     * `countTokens({ model, input })`: each text's tokens with the model's own tokenizer, special tokens included and
     * never truncated, and the model's per-input limit: `{ model, counts, total, max_model_len }`.
     */
    async countTokens(body) {
      return openai.countTokens(body, (model) => this.embeddings._backends.get(model) ?? null);
    }
  };
}

module.exports = {
  createClientClass,
  APIError: openai.APIError,
  BadRequestError: openai.BadRequestError,
  NotFoundError: openai.NotFoundError,
  APIUserAbortError: openai.APIUserAbortError,
};
