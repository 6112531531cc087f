'use strict';
// An OpenAI-style client over the package's embedding function, shaped like the official `openai` SDK:
//   const res = await new Client().embeddings.create({ model, input, dimensions, encoding_format });
// It runs in-process; nothing goes over the network, and `apiKey`/`baseURL` options are accepted and ignored.
// `input` is text or token ids; ids are decoded with the model's own tokenizer (`ingot_token_decode`) and the text embedded.
// Errors mirror the SDK's: an unknown model is a NotFoundError (status 404) carrying `{ message, type, param, code }`.

class APIError extends Error {
  constructor(status, error) {
    super(`${status} ${error.message}`);
    this.name = this.constructor.name;
    this.status = status;
    this.error = error;
    this.code = error.code;
    this.param = error.param;
    this.type = error.type;
    this.headers = {};
  }
}
class BadRequestError extends APIError {}
class NotFoundError extends APIError {}

function badRequest(message, param, code = null) {
  return new BadRequestError(400, { message, type: 'invalid_request_error', param, code });
}

const INPUT_SHAPE = "'input' must be a string, an array of strings, an array of token ids (integers) or an array of arrays of token ids";

/**
 * `input` as the API takes it: a string, an array of strings, an array of token ids (one input) or an array of arrays of
 * token ids. Gives `{ texts }` or `{ ids }` (rows of token ids); anything else is a BadRequestError naming `input`.
 */
function parseInput(input) {
  if (typeof input === 'string') return { texts: [input] };
  if (!Array.isArray(input)) throw badRequest(`${INPUT_SHAPE}, got ${input === null ? 'null' : typeof input}`, 'input');
  if (input.length === 0) throw badRequest("'input' must not be empty", 'input');
  if (input.every((t) => typeof t === 'string')) return { texts: input };
  if (input.every((x) => typeof x === 'number')) {
    const bad = input.findIndex((x) => !Number.isSafeInteger(x));
    if (bad >= 0) throw badRequest(`'input[${bad}]' must be an integer token id, got ${input[bad]}`, 'input');
    return { ids: [input] };
  }
  if (!input.every(Array.isArray)) throw badRequest(`${INPUT_SHAPE}; the array mixes them or holds something else`, 'input');
  input.forEach((row, i) => {
    if (row.length === 0) throw badRequest(`'input[${i}]' is an empty array of token ids`, 'input');
    const bad = row.findIndex((x) => !Number.isSafeInteger(x));
    if (bad >= 0) throw badRequest(`'input[${i}][${bad}]' must be an integer token id, got ${JSON.stringify(row[bad]) ?? typeof row[bad]}`, 'input');
  });
  return { ids: input };
}

const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

/** Little-endian f32 bytes as base64, as the OpenAI API sends them and the official SDK decodes them. */
function toBase64(f32) {
  // On a little-endian host (every platform Node ships for) the row's own bytes are the answer: a view, no copy.
  if (LITTLE_ENDIAN) return Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength).toString('base64');
  const le = new Uint8Array(f32.length * 4);
  const view = new DataView(le.buffer);
  for (let i = 0; i < f32.length; i++) view.setFloat32(i * 4, f32[i], true);
  return Buffer.from(le.buffer).toString('base64');
}

/** Matryoshka truncation: keep the first `dims` components and rescale to unit length. */
function truncateAndRenormalise(row, dims) {
  const out = row.slice(0, dims);
  let sq = 0;
  for (let i = 0; i < out.length; i++) sq += out[i] * out[i];
  const norm = Math.sqrt(sq);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

class Embeddings {
  constructor(models) {
    this._models = models;
  }

  async create(body) {
    if (!body || typeof body !== 'object') throw badRequest('body must be an object', null);
    const { model, input, dimensions, encoding_format: format = 'float' } = body;
    const entry = Object.prototype.hasOwnProperty.call(this._models, model) ? this._models[model] : null;
    if (!entry) {
      throw new NotFoundError(404, {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      });
    }
    const parsed = parseInput(input);
    if (format !== 'float' && format !== 'base64') {
      throw badRequest(`'encoding_format' must be 'float' or 'base64', got ${JSON.stringify(format)}`, 'encoding_format');
    }
    const texts = parsed.ids ? await decodeTokens(entry, model, parsed.ids) : parsed.texts;
    const matrix = await entry.embed(texts);
    const [rows, width] = matrix.shape;
    if (dimensions !== undefined && dimensions !== null && (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > width)) {
      throw badRequest(`'dimensions' must be an integer between 1 and ${width}`, 'dimensions');
    }
    // `matrix.data` is the Float32Array the addon built over the native buffer; each row is a view into it.
    const flat = matrix.data instanceof Float32Array ? matrix.data : Float32Array.from(matrix.data);
    const data = [];
    for (let i = 0; i < rows; i++) {
      let row = flat.subarray(i * width, (i + 1) * width);
      if (dimensions) row = truncateAndRenormalise(row, dimensions);
      data.push({ object: 'embedding', index: i, embedding: format === 'base64' ? toBase64(row) : Array.from(row) });
    }
    // Token ids count as given (what the API reports); text is counted by the model's own tokenizer, when the module has one.
    const promptTokens = parsed.ids ? parsed.ids.reduce((n, row) => n + row.length, 0) : entry.countTokens ? entry.countTokens(texts) : 0;
    return { object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } };
  }
}

/**
 * Token-id input back to text with the model's own tokenizer (`ingot_token_decode`), which the model then embeds.
 * An id outside the vocabulary (the library's ValueError) is a BadRequestError; a model without a tokenizer cannot take ids.
 */
async function decodeTokens(entry, model, ids) {
  if (!entry.decodeTokens) {
    throw badRequest(`the model \`${model}\` has no tokenizer to decode token ids with; send the text instead`, 'input', 'unsupported_input');
  }
  try {
    return await entry.decodeTokens(ids);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('ValueError: ')) throw badRequest(err.message.slice('ValueError: '.length), 'input');
    throw err;
  }
}

/**
 * Builds the package's `Client` class over `{ [model]: { embed(texts) -> Promise<{shape, data: Float32Array}>,
 * countTokens?(texts) -> number, decodeTokens?(ids) -> Promise<string[]> } }` (the last two when the module has a tokenizer).
 */
function createClientClass(models) {
  return class Client {
    constructor(options = {}) {
      this.options = options;
      this.embeddings = new Embeddings(models);
    }
  };
}

module.exports = { createClientClass, APIError, BadRequestError, NotFoundError };
