// The OpenAI surface as code, shared byte for byte by `ingot serve` (packages/server) and the generated Node package's
// in-process `Client` (the Node generator copies this module's compiled JavaScript into every package as `openai.js`).
// Input: a request body as the API takes it (parsed JSON, or the object a caller hands the client) and a backend that
// runs the compiled model. Output: the API's response object, or an `APIError` whose `status` and `error` are the HTTP
// status and the `{"error": {message, type, param, code}}` body the API would answer.
// Invariant: this file imports nothing at run time, not even Node built-ins, so its compiled form runs on its own inside
// a package that cannot depend on the repository. The rules it applies are described in `embeddings.ts`, `chat.ts` and
// `rerank.ts` beside it and pinned by
// the conformance cases (`cases/openai/*.json`), which the Python, Kotlin and Swift clients are held to as well.
// It reads the manifest's chat entry through a type-only reference, which compiles to nothing.

import type { ChatRequestField, ManifestChat } from '../manifest';

/** The body of an OpenAI error: `{"error": ErrorBody}`. */
export interface ErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** An error as the official `openai` SDK raises it: `status`, the `error` body, and its fields on the error itself. */
export class APIError extends Error {
  readonly status: number;
  readonly error: ErrorBody;
  readonly code: string | null;
  readonly param: string | null;
  readonly type: string;
  readonly headers: Record<string, string> = {};

  constructor(status: number, error: ErrorBody) {
    super(`${status} ${error.message}`);
    this.name = new.target.name;
    this.status = status;
    this.error = error;
    this.code = error.code;
    this.param = error.param;
    this.type = error.type;
  }

  /** The response body the API sends for this error. */
  body(): { error: ErrorBody } {
    return { error: { ...this.error } };
  }
}
export class BadRequestError extends APIError {}
/** The caller aborted the request (its `AbortSignal`), as the official Node SDK names it; no response follows. */
export class APIUserAbortError extends Error {
  constructor() {
    super('Request was aborted.');
    this.name = 'APIUserAbortError';
  }
}
export class NotFoundError extends APIError {}
export class InternalServerError extends APIError {}

/** 400 `invalid_request_error`: the request is malformed or breaks a documented limit. */
export function invalidRequest(message: string, param: string | null = null, code: string | null = null): APIError {
  return new BadRequestError(400, { message, type: 'invalid_request_error', param, code });
}

/** 404 with the API's wording and code for a model it does not serve. */
export function modelNotFound(model: string): APIError {
  return new NotFoundError(404, {
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    type: 'invalid_request_error',
    param: 'model',
    code: 'model_not_found',
  });
}

/** 500 `server_error`: a fault on our side (a model that failed to load or raised). */
export function serverError(message: string, code: string | null = null): APIError {
  return new InternalServerError(500, { message, type: 'server_error', param: null, code });
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

// ---------------------------------------------------------------------------------------------------------------
// Embeddings: POST /v1/embeddings, `client.embeddings.create(body)`.

/** The API's limit on inputs per request ("any array must be 2048 dimensions or less"). */
export const EMBEDDINGS_MAX_INPUTS = 2048;

/** The request fields the API defines; any other field is a 400 naming it, as the API answers. */
export const EMBEDDINGS_PARAMS: readonly string[] = [
  'input',
  'model',
  'encoding_format',
  'dimensions',
  'user',
  'input_type',
  'truncate',
  'truncation_direction',
];

/** Which end of an over-long input the tokenizer cuts: transformers' `truncation_side` values. */
export type TruncationSide = 'left' | 'right';

export interface EmbeddingsLimits {
  /** Inputs per request (the API's 2048). */
  maxInputs: number;
  /** Characters per text input: an Ingot server option (`--max-input-chars`), unbounded in the clients. */
  maxInputChars: number;
}

export const DEFAULT_EMBEDDINGS_LIMITS: EmbeddingsLimits = {
  maxInputs: EMBEDDINGS_MAX_INPUTS,
  maxInputChars: Number.POSITIVE_INFINITY,
};

export type EmbeddingsInput = { kind: 'text'; texts: string[] } | { kind: 'tokens'; ids: number[][] };

/**
 * `encoding_format`: the API's `float` and `base64` (little-endian float32), and Ingot's extension formats, the
 * quantisations of sentence-transformers' `quantize_embeddings`: `int8` and `uint8` (one integer per component),
 * `binary` and `ubinary` (one sign bit per component, packed 8 to an integer, so the vector is `ceil(width / 8)` long).
 */
export const ENCODING_FORMATS = ['float', 'base64', 'int8', 'uint8', 'binary', 'ubinary'] as const;
export type EncodingFormat = (typeof ENCODING_FORMATS)[number];
export type QuantizedFormat = Exclude<EncodingFormat, 'float' | 'base64'>;

/** A request that passed every check that does not need the model. */
export interface EmbeddingsRequest {
  model: string;
  input: EmbeddingsInput;
  encodingFormat: EncodingFormat;
  dimensions: number | null;
  user: string | null;
  /** Ingot extension: the name of one of the model's prompts (`query`, `document`), put before every text input. */
  inputType: string | null;
  /**
   * Ingot extension (TEI's name): false turns the tokenizer's cut off, so a text longer than the model's limit is a
   * 400 stating its token count and the limit instead of being embedded from its first tokens. Default true.
   */
  truncate: boolean;
  /**
   * Ingot extension (TEI's name, `truncation_direction`): the side the tokenizer cuts an over-long input on, or null
   * for the model's own `truncation_side`.
   */
  truncationSide: TruncationSide | null;
}

/** What runs the compiled model for one model name. */
export interface EmbeddingsBackend {
  /** The embedding width when known before a call (the server's warm-up finds it); else checked after embedding. */
  dims: number | null;
  /** One row per text, each of the model's full width. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /**
   * `embed` with the tokenizer cutting over-long texts on `side` for this call (the `embedding_truncating` role); null
   * or absent when the module has none (a request naming a side is then a 400).
   */
  embedTruncating?: ((texts: string[], side: TruncationSide) => Promise<Float32Array[]>) | null;
  /** Tokens in all the texts together (`usage`); null when the module has no tokenizer (usage is then 0). */
  countTokens: ((texts: string[]) => Promise<number>) | null;
  /** Token ids back to text with the model's own tokenizer; null when the module has none (token input is a 400). */
  decodeTokens: ((ids: number[][]) => Promise<string[]>) | null;
  /** The prompts `input_type` may name (the manifest's `embedding.prompts`); null or empty when the model has none. */
  prompts?: Record<string, string> | null;
  /** Each text's token ids, special tokens included, never truncated (the `token_ids` role); null when it has none. */
  tokenIds?: ((texts: string[]) => Promise<number[][]>) | null;
  /**
   * Tokens per input the model takes (its tokenizer truncates past it); null when unknown. A function is asked
   * when a request needs it (an in-process client measures the limit on first use, `probeTokenLimit`).
   */
  maxTokens?: number | null | (() => Promise<number | null>);
}

export interface EmbeddingObject {
  object: 'embedding';
  index: number;
  embedding: number[] | string;
}

export interface CreateEmbeddingResponse {
  object: 'list';
  data: EmbeddingObject[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

const INPUT_SHAPE =
  "'input' must be a string, an array of strings, an array of token ids (integers) or an array of arrays of token ids";

/** An integer JSON carries exactly; whether the vocabulary has it is the tokenizer's answer (a ValueError if not). */
const isTokenId = (x: unknown): boolean => typeof x === 'number' && Number.isSafeInteger(x);

function tokenRow(row: unknown[], where: string): number[] {
  const j = row.findIndex((x) => !isTokenId(x));
  if (j >= 0)
    throw invalidRequest(
      `'${where}[${j}]' must be an integer token id, got ${JSON.stringify(row[j]) ?? typeName(row[j])}`,
      'input',
    );
  return row as number[];
}

/** `input`: string | string[] | int[] | int[][]; none of them empty, every text non-empty. */
export function parseEmbeddingsInput(
  input: unknown,
  limits: EmbeddingsLimits = DEFAULT_EMBEDDINGS_LIMITS,
): EmbeddingsInput {
  if (input === undefined) throw invalidRequest("you must provide an 'input' parameter", 'input');
  const items: unknown = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(items)) throw invalidRequest(`${INPUT_SHAPE}, got ${typeName(input)}`, 'input');
  if (items.length === 0) throw invalidRequest("'input' must not be empty", 'input');
  if (items.length > limits.maxInputs)
    throw invalidRequest(
      `'input' has ${items.length} items; at most ${limits.maxInputs} are allowed per request`,
      'input',
    );
  if (items.every((x) => typeof x === 'string')) {
    const texts = items as string[];
    texts.forEach((t, i) => {
      const where = typeof input === 'string' ? 'input' : `input[${i}]`;
      if (t.length === 0) throw invalidRequest(`'${where}' is an empty string; every input must be non-empty`, 'input');
      if (t.length > limits.maxInputChars)
        throw invalidRequest(
          `'${where}' is ${t.length} characters; at most ${limits.maxInputChars} characters are allowed per input`,
          'input',
        );
    });
    return { kind: 'text', texts };
  }
  if (items.every((x) => typeof x === 'number')) return { kind: 'tokens', ids: [tokenRow(items, 'input')] };
  if (!items.every(Array.isArray))
    throw invalidRequest(`${INPUT_SHAPE}; the array mixes them or holds something else`, 'input');
  return {
    kind: 'tokens',
    ids: (items as unknown[][]).map((row, i) => {
      if (row.length === 0) throw invalidRequest(`'input[${i}]' is an empty array of token ids`, 'input');
      return tokenRow(row, `input[${i}]`);
    }),
  };
}

/**
 * Every check that does not need the model, in the order the API reports them: the body, unknown fields, `model`,
 * `input`, `encoding_format`, `dimensions` (an integer of at least 1; its upper bound is the model's width), `user`.
 * `null` for an optional field means "not given", as the API treats it.
 */
export function parseEmbeddingsRequest(
  body: unknown,
  limits: EmbeddingsLimits = DEFAULT_EMBEDDINGS_LIMITS,
): EmbeddingsRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidRequest(`the request body must be a JSON object, got ${typeName(body)}`);
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!EMBEDDINGS_PARAMS.includes(k) && b[k] !== undefined)
      throw invalidRequest(`Unrecognized request argument supplied: ${k}`, k);
  if (b.model === undefined || b.model === null) throw invalidRequest("you must provide a 'model' parameter", 'model');
  if (typeof b.model !== 'string') throw invalidRequest(`'model' must be a string, got ${typeName(b.model)}`, 'model');
  const input = parseEmbeddingsInput(b.input, limits);
  const format = (b.encoding_format ?? 'float') as EncodingFormat;
  if (!ENCODING_FORMATS.includes(format))
    throw invalidRequest(
      `'encoding_format' must be one of ${ENCODING_FORMATS.join(', ')}, got ${JSON.stringify(format)}`,
      'encoding_format',
    );
  const dimensions = b.dimensions ?? null;
  if (dimensions !== null && (typeof dimensions !== 'number' || !Number.isSafeInteger(dimensions)))
    throw invalidRequest(`'dimensions' must be an integer, got ${JSON.stringify(dimensions)}`, 'dimensions');
  if (dimensions !== null && dimensions < 1)
    throw invalidRequest(`'dimensions' must be at least 1, got ${dimensions}`, 'dimensions');
  const user = b.user ?? null;
  if (user !== null && typeof user !== 'string')
    throw invalidRequest(`'user' must be a string, got ${typeName(user)}`, 'user');
  const inputType = b.input_type ?? null;
  if (inputType !== null && typeof inputType !== 'string')
    throw invalidRequest(`'input_type' must be a string, got ${typeName(inputType)}`, 'input_type');
  const truncate = b.truncate ?? true;
  if (typeof truncate !== 'boolean')
    throw invalidRequest(`'truncate' must be a boolean, got ${typeName(truncate)}`, 'truncate');
  const truncationSide = parseTruncationSide(b.truncation_direction);
  return { model: b.model, input, encodingFormat: format, dimensions, user, inputType, truncate, truncationSide };
}

/**
 * `truncation_direction`: "left" or "right" in any case (transformers' spelling and TEI's "Left" / "Right"), as the
 * lower-case side; null when not given.
 */
export function parseTruncationSide(v: unknown): TruncationSide | null {
  if (v === undefined || v === null) return null;
  const side = typeof v === 'string' ? v.toLowerCase() : null;
  if (side !== 'left' && side !== 'right')
    throw invalidRequest(
      `'truncation_direction' must be "left" or "right" (any case), got ${JSON.stringify(v)}`,
      'truncation_direction',
    );
  return side;
}

/** `dimensions` against the model's width: at most the width. */
function checkDimensions(req: EmbeddingsRequest, width: number): void {
  if (req.dimensions !== null && req.dimensions > width)
    throw invalidRequest(
      `'dimensions' must be between 1 and ${width} for \`${req.model}\`, got ${req.dimensions}`,
      'dimensions',
    );
}

const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding, written out so the module needs no Node `Buffer`. */
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    out += B64[a >> 2]! + B64[((a & 3) << 4) | (b >> 4)]!;
    out += i + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)]! : '=';
    out += i + 2 < bytes.length ? B64[c & 63]! : '=';
  }
  return out;
}

/** Little-endian f32 bytes as base64, as the API sends them and the official SDKs decode them. */
export function toBase64(row: Float32Array): string {
  if (LITTLE_ENDIAN) return base64(new Uint8Array(row.buffer, row.byteOffset, row.byteLength));
  const le = new Uint8Array(row.length * 4);
  const view = new DataView(le.buffer);
  for (let i = 0; i < row.length; i++) view.setFloat32(i * 4, row[i]!, true);
  return base64(le);
}

/**
 * The range every component is quantised over for `int8` and `uint8`: [-1, 1], the bounds of a unit vector's
 * components. sentence-transformers calibrates ranges on a set of embeddings (by default the batch being quantised);
 * a server must not let a text's codes depend on what else shares its request, so the calibration is fixed. The
 * result equals `quantize_embeddings(e, precision, ranges=np.array([[-1.0] * d, [1.0] * d]))`; a component outside
 * the range (a model that does not normalise) is clipped to the first or last bucket.
 */
export const QUANTIZATION_RANGE: readonly [number, number] = [-1, 1];

/**
 * One vector in an extension format, computed as sentence-transformers does it, in float32 (`Math.fround` after each
 * operation): `int8`/`uint8` bucket `floor((x - start) / step)` with `step = (end - start) / 255`, clipped to
 * [0, 255] (`int8` subtracts 128); `binary`/`ubinary` are `x > 0` packed 8 to a byte, first component in the high
 * bit, zero-padded at the end (numpy's `packbits`), `binary` the byte minus 128.
 */
export function quantizeEmbedding(row: Float32Array, format: QuantizedFormat): number[] {
  if (format === 'int8' || format === 'uint8') {
    const start = Math.fround(QUANTIZATION_RANGE[0]);
    const step = Math.fround(Math.fround(QUANTIZATION_RANGE[1] - start) / 255);
    const shift = format === 'int8' ? 128 : 0;
    return Array.from(row, (x) => {
      const q = Math.floor(Math.fround(Math.fround(x - start) / step));
      return Math.min(255, Math.max(0, q)) - shift;
    });
  }
  const shift = format === 'binary' ? 128 : 0;
  const out = new Array<number>(Math.ceil(row.length / 8)).fill(0);
  for (let i = 0; i < row.length; i++) if (row[i]! > 0) out[i >> 3] = out[i >> 3]! | (0x80 >> (i & 7));
  return shift ? out.map((b) => b - shift) : out;
}

/** A vector as `encoding_format` asks: numbers, base64 of little-endian f32, or an extension format's integers. */
export function encodeEmbedding(row: Float32Array, format: EncodingFormat): number[] | string {
  if (format === 'float') return Array.from(row);
  if (format === 'base64') return toBase64(row);
  return quantizeEmbedding(row, format);
}

/**
 * Matryoshka truncation: the first `dims` components over their norm (summed in f64), each rounded to f32. At the
 * model's full width the row is returned unchanged, so `dimensions` equal to the width gives the model's own numbers.
 */
export function truncateAndRenormalise(row: Float32Array, dims: number): Float32Array {
  if (dims >= row.length) return row;
  const out = row.slice(0, dims);
  let sq = 0;
  for (let i = 0; i < out.length; i++) sq += out[i]! * out[i]!;
  const norm = Math.sqrt(sq);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}

/** A `ValueError` from the decoder (an id outside the vocabulary) is the request's fault: a 400 on `input`. */
async function decodeTokens(backend: EmbeddingsBackend, model: string, ids: number[][]): Promise<string[]> {
  if (!backend.decodeTokens)
    throw invalidRequest(
      `the model \`${model}\` has no tokenizer to decode token ids with; send the text instead`,
      'input',
      'unsupported_input',
    );
  try {
    return await backend.decodeTokens(ids);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('ValueError: '))
      throw invalidRequest(err.message.slice('ValueError: '.length), 'input');
    throw err;
  }
}

/**
 * The prompt `input_type` names, from the model's own table; a name the model does not have is a 400 on `input_type`
 * (code `invalid_input_type`) that lists the names it has.
 */
function promptOf(req: EmbeddingsRequest, backend: EmbeddingsBackend): string | null {
  if (req.inputType === null) return null;
  const prompts = backend.prompts ?? {};
  if (!Object.prototype.hasOwnProperty.call(prompts, req.inputType)) {
    const names = Object.keys(prompts);
    throw invalidRequest(
      `the model \`${req.model}\` has no prompt named ${JSON.stringify(req.inputType)}` +
        (names.length ? ` (its prompts: ${names.join(', ')})` : ' (it has no prompts)'),
      'input_type',
      'invalid_input_type',
    );
  }
  return prompts[req.inputType]!;
}

const PROBE_WORDS = 20000;

/**
 * The model's per-input limit, measured: the tokenizer counts after its cut, so a text far longer than any model
 * takes counts exactly the limit. Null when it is not cut (no limit) or the counter fails.
 */
export async function probeTokenLimit(countEach: (texts: string[]) => Promise<number[]>): Promise<number | null> {
  const [n] = await countEach(['word '.repeat(PROBE_WORDS)]).catch(() => [undefined]);
  return typeof n === 'number' && n > 0 && n < PROBE_WORDS ? n : null;
}

async function tokenLimit(backend: Pick<EmbeddingsBackend, 'maxTokens'>): Promise<number | null> {
  const m = backend.maxTokens ?? null;
  return typeof m === 'function' ? m() : m;
}

/**
 * For a request with `truncate: false`: every input must fit the model's limit. Text is measured with the model's
 * own untruncated token ids (prompt and special tokens included), token ids as given. The first input over the limit
 * is a 400 on `input` (code `context_length_exceeded`) stating its token count and the limit; a model that cannot
 * measure text is a 400 too, since it could not keep the promise not to cut.
 */
async function checkLengths(
  req: EmbeddingsRequest,
  backend: EmbeddingsBackend,
  texts: string[],
  prompted: boolean,
): Promise<void> {
  const limit = await tokenLimit(backend);
  if (limit === null) return;
  let lengths: number[];
  if (req.input.kind === 'tokens' && !prompted) lengths = req.input.ids.map((r) => r.length);
  else if (backend.tokenIds) lengths = (await backend.tokenIds(texts)).map((r) => r.length);
  else
    throw invalidRequest(
      `the model \`${req.model}\` cannot count tokens, so 'truncate': false cannot be honoured; leave truncation on`,
      'truncate',
      'unsupported_input',
    );
  const i = lengths.findIndex((n) => n > limit);
  if (i >= 0) {
    const where = lengths.length === 1 ? 'input' : `input[${i}]`;
    throw invalidRequest(
      `'${where}' is ${lengths[i]} tokens, more than the ${limit} tokens the model \`${req.model}\` takes per ` +
        "input; shorten it, or leave 'truncate' on to embed its first tokens",
      'input',
      'context_length_exceeded',
    );
  }
}

/**
 * Runs a checked request on its model: token ids are decoded with the model's own tokenizer and the text embedded;
 * `usage` counts token ids as given and text with the model's tokenizer (0 without one, or when counting fails).
 */
export async function answerEmbeddings(
  req: EmbeddingsRequest,
  backend: EmbeddingsBackend,
): Promise<CreateEmbeddingResponse> {
  if (backend.dims !== null) checkDimensions(req, backend.dims);
  const prompt = promptOf(req, backend);
  const given0 = req.input.kind === 'tokens' ? await decodeTokens(backend, req.model, req.input.ids) : req.input.texts;
  const texts = prompt === null ? given0 : given0.map((t) => prompt + t);
  if (!req.truncate) await checkLengths(req, backend, texts, prompt !== null);
  const given = req.input.kind === 'tokens' ? req.input.ids.reduce((n, row) => n + row.length, 0) : null;
  const counter = backend.countTokens;
  const side = req.truncationSide;
  const embedTruncating = backend.embedTruncating ?? null;
  if (side !== null && !embedTruncating)
    throw invalidRequest(
      `the model \`${req.model}\` cannot choose the side it truncates on per request; leave 'truncation_direction' out`,
      'truncation_direction',
      'unsupported_input',
    );
  const [rows, counted] = await Promise.all([
    side !== null ? embedTruncating!(texts, side) : backend.embed(texts),
    given === null && counter ? counter(texts).catch(() => 0) : Promise.resolve(0),
  ]);
  if (backend.dims === null && rows.length > 0) checkDimensions(req, rows[0]!.length);
  const data = rows.map((row, index): EmbeddingObject => {
    const r = req.dimensions !== null ? truncateAndRenormalise(row, req.dimensions) : row;
    return { object: 'embedding', index, embedding: encodeEmbedding(r, req.encodingFormat) };
  });
  const tokens = given ?? counted;
  return { object: 'list', data, model: req.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

/**
 * The whole endpoint for an in-process client: check the body, find the model (`lookup` gives null for a name it
 * does not serve: a 404), run it.
 */
export async function createEmbeddings(
  body: unknown,
  lookup: (model: string) => EmbeddingsBackend | null | Promise<EmbeddingsBackend | null>,
  limits: EmbeddingsLimits = DEFAULT_EMBEDDINGS_LIMITS,
): Promise<CreateEmbeddingResponse> {
  const req = parseEmbeddingsRequest(body, limits);
  const backend = await lookup(req.model);
  if (!backend) throw modelNotFound(req.model);
  return answerEmbeddings(req, backend);
}

// ---------------------------------------------------------------------------------------------------------------
// Tokenize: POST /tokenize, in vLLM's shape (`{model, prompt}` -> `{count, max_model_len, tokens}`).

/** The fields of a tokenize request: vLLM's completion-style form. */
export const TOKENIZE_PARAMS: readonly string[] = ['model', 'prompt'];

export interface TokenizeRequest {
  model: string;
  prompt: string;
}

export interface TokenizeResponse {
  /** Tokens in the prompt, special tokens included, never truncated. */
  count: number;
  /** Tokens per input the model takes; null when unknown. */
  max_model_len: number | null;
  tokens: number[];
}

/** Every check of a tokenize request that does not need the model; unknown fields are a 400 naming them. */
export function parseTokenizeRequest(body: unknown): TokenizeRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidRequest(`the request body must be a JSON object, got ${typeName(body)}`);
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!TOKENIZE_PARAMS.includes(k) && b[k] !== undefined)
      throw invalidRequest(`Unrecognized request argument supplied: ${k}`, k);
  if (b.model === undefined || b.model === null) throw invalidRequest("you must provide a 'model' parameter", 'model');
  if (typeof b.model !== 'string') throw invalidRequest(`'model' must be a string, got ${typeName(b.model)}`, 'model');
  if (b.prompt === undefined || b.prompt === null)
    throw invalidRequest("you must provide a 'prompt' parameter", 'prompt');
  if (typeof b.prompt !== 'string')
    throw invalidRequest(`'prompt' must be a string, got ${typeName(b.prompt)}`, 'prompt');
  return { model: b.model, prompt: b.prompt };
}

/** The prompt's untruncated token ids with the model's own tokenizer; a model without one is a 400. */
export async function answerTokenize(
  req: TokenizeRequest,
  backend: Pick<EmbeddingsBackend, 'tokenIds' | 'maxTokens'>,
): Promise<TokenizeResponse> {
  if (!backend.tokenIds)
    throw invalidRequest(`the model \`${req.model}\` has no tokenizer to tokenize with`, 'model', 'unsupported_input');
  const [tokens] = await backend.tokenIds([req.prompt]);
  return { count: tokens!.length, max_model_len: await tokenLimit(backend), tokens: tokens! };
}

/** What the clients' `countTokens({model, input})` answers: each text's untruncated tokens and the model's limit. */
export interface TokenCountResponse {
  model: string;
  /** Tokens per input, special tokens included, never truncated. */
  counts: number[];
  total: number;
  max_model_len: number | null;
}

/**
 * The clients' `countTokens({model, input})`: `input` a string or an array of strings, checked as the embeddings
 * surface checks text; each counted with the model's own untruncated token ids. An unknown model is a 404, a model
 * without a tokenizer a 400.
 */
export async function countTokens(
  body: unknown,
  lookup: (model: string) => EmbeddingsBackend | null | Promise<EmbeddingsBackend | null>,
): Promise<TokenCountResponse> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidRequest(`the request body must be a JSON object, got ${typeName(body)}`);
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (k !== 'model' && k !== 'input' && b[k] !== undefined)
      throw invalidRequest(`Unrecognized request argument supplied: ${k}`, k);
  if (typeof b.model !== 'string') throw invalidRequest("you must provide a 'model' parameter (a string)", 'model');
  const input = parseEmbeddingsInput(b.input);
  if (input.kind !== 'text') throw invalidRequest("'input' must be a string or an array of strings", 'input');
  const backend = await lookup(b.model);
  if (!backend) throw modelNotFound(b.model);
  if (!backend.tokenIds)
    throw invalidRequest(`the model \`${b.model}\` has no tokenizer to count with`, 'model', 'unsupported_input');
  const counts = (await backend.tokenIds(input.texts)).map((r) => r.length);
  return { model: b.model, counts, total: counts.reduce((a, n) => a + n, 0), max_model_len: await tokenLimit(backend) };
}

// ---------------------------------------------------------------------------------------------------------------
// Chat completions: POST /v1/chat/completions, `client.chat.completions.create(body)`.
// The request reaches the compiled function through the manifest's `chat` entry (`ManifestChat`, described in the
// contract's manifest module; only its types are imported, so this file still compiles to a module that imports nothing).

/** The roles a message may have. */
export const CHAT_ROLES: readonly string[] = ['system', 'developer', 'user', 'assistant', 'tool'];

/** Keys a message may carry; `name` and `tool_call_id` are accepted and not passed on. */
const MESSAGE_KEYS: readonly string[] = ['role', 'content', 'name', 'tool_call_id'];

/** The request fields Ingot implements. */
export const CHAT_PARAMS: readonly string[] = [
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_completion_tokens',
  'max_tokens',
  'temperature',
  'top_p',
  'seed',
  'stop',
  'frequency_penalty',
  'presence_penalty',
  'n',
  'user',
  'top_k',
  'repeat_penalty',
];

/** Fields of the official API that Ingot does not implement: a 400 `unsupported_parameter` when set, not "unknown". */
export const CHAT_UNSUPPORTED_PARAMS: readonly string[] = [
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'functions',
  'function_call',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'response_format',
  'modalities',
  'audio',
  'prediction',
  'reasoning_effort',
  'service_tier',
  'store',
  'metadata',
  'web_search_options',
  'verbosity',
  'prompt_cache_key',
  'safety_identifier',
];

/** The API's limit on stop sequences. */
export const CHAT_MAX_STOP = 4;

export interface ChatMessage {
  role: string;
  content: string;
}

/** A request that passed every check that does not need the model. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  includeUsage: boolean;
  /** The generation settings the request gives (null ones are not given), by the manifest's field name. */
  settings: Partial<Record<ChatRequestField, unknown>>;
  /** The request field each setting came from (`max_completion_tokens` gives the `max_tokens` setting). */
  settingFields: Partial<Record<ChatRequestField, string>>;
}

/** What runs one chat model. */
export interface ChatBackend {
  /** The function's `chat` entry in the manifest. */
  chat: ManifestChat;
  /** The chat function's parameter defaults (value JSON), by parameter name: the max tokens when the request sets none. */
  defaults: Record<string, unknown>;
  /**
   * Calls the chat function with its arguments by parameter name. A generator (`chunks`, `text_stream`) gives an
   * async iterator whose `return()` stops it (and frees what it holds); the others a promise of the value.
   */
  call(args: Record<string, unknown>): Promise<unknown> | AsyncIterator<unknown>;
  /** The `chat_token_counter` function: `[prompt_tokens, completion_tokens]`; null when the module has none. */
  countTokens: ((messages: ChatMessage[], completion: string) => Promise<number[]>) | null;
}

export type FinishReason = 'stop' | 'length';

export interface ChatCompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string; refusal: null };
    logprobs: null;
    finish_reason: FinishReason;
  }[];
  usage: ChatCompletionUsage;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string };
    logprobs: null;
    finish_reason: FinishReason | null;
  }[];
  /** Present (null, or set on the last chunk) only when the request asked `stream_options.include_usage`. */
  usage?: ChatCompletionUsage | null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A lone UTF-16 surrogate: a string no UTF-8 encoder can write (invalid UTF-8 on the wire arrives as one). */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

function numberIn(b: Record<string, unknown>, k: string, lo: number, hi: number, loOpen = false): void {
  const v = b[k];
  if (v === undefined || v === null) return;
  if (!isNumber(v)) throw invalidRequest(`'${k}' must be a number, got ${typeName(v)}`, k);
  if ((loOpen ? v <= lo : v < lo) || v > hi)
    throw invalidRequest(
      `'${k}' must be ${loOpen ? 'greater than' : 'at least'} ${lo}${hi === Infinity ? '' : ` and at most ${hi}`}, got ${v}`,
      k,
    );
}

function integerAtLeast(b: Record<string, unknown>, k: string, lo: number): void {
  const v = b[k];
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw invalidRequest(`'${k}' must be an integer, got ${JSON.stringify(v)}`, k);
  if (v < lo) throw invalidRequest(`'${k}' must be at least ${lo}, got ${v}`, k);
}

function parseMessages(v: unknown): ChatMessage[] {
  if (v === undefined || v === null) throw invalidRequest("you must provide a 'messages' parameter", 'messages');
  if (!Array.isArray(v)) throw invalidRequest(`'messages' must be an array, got ${typeName(v)}`, 'messages');
  if (v.length === 0) throw invalidRequest("'messages' must contain at least one message", 'messages');
  return v.map((m, i) => {
    const at = `messages[${i}]`;
    if (!isPlainObject(m)) throw invalidRequest(`'${at}' must be an object, got ${typeName(m)}`, 'messages');
    for (const k of Object.keys(m))
      if (!MESSAGE_KEYS.includes(k) && m[k] !== undefined && m[k] !== null)
        throw invalidRequest(`'${at}.${k}' is not supported (a message has ${MESSAGE_KEYS.join(', ')})`, 'messages');
    if (typeof m.role !== 'string' || !CHAT_ROLES.includes(m.role))
      throw invalidRequest(
        `'${at}.role' must be one of ${CHAT_ROLES.join(', ')}, got ${JSON.stringify(m.role) ?? 'nothing'}`,
        'messages',
      );
    if (typeof m.content !== 'string')
      throw invalidRequest(
        `'${at}.content' must be a string, got ${m.content === undefined ? 'nothing' : typeName(m.content)}`,
        'messages',
      );
    if (LONE_SURROGATE.test(m.content))
      throw invalidRequest(`'${at}.content' is not valid Unicode (it has a lone surrogate)`, 'messages');
    for (const k of ['name', 'tool_call_id'])
      if (m[k] !== undefined && m[k] !== null && typeof m[k] !== 'string')
        throw invalidRequest(`'${at}.${k}' must be a string, got ${typeName(m[k])}`, 'messages');
    return { role: m.role, content: m.content };
  });
}

/**
 * Every check that does not need the model, in the order the API reports them: the body, unknown fields, fields the
 * API has and Ingot does not implement, `model`, `messages`, then the settings. `null` for an optional field means
 * "not given", as the API treats it.
 */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isPlainObject(body)) throw invalidRequest(`the request body must be a JSON object, got ${typeName(body)}`);
  const b = body;
  const given = (k: string) => b[k] !== undefined && b[k] !== null;
  for (const k of Object.keys(b))
    if (!CHAT_PARAMS.includes(k) && !CHAT_UNSUPPORTED_PARAMS.includes(k) && b[k] !== undefined)
      throw invalidRequest(`Unrecognized request argument supplied: ${k}`, k);
  for (const k of CHAT_UNSUPPORTED_PARAMS)
    if (given(k)) throw invalidRequest(`'${k}' is not supported by Ingot`, k, 'unsupported_parameter');
  if (!given('model')) throw invalidRequest("you must provide a 'model' parameter", 'model');
  if (typeof b.model !== 'string') throw invalidRequest(`'model' must be a string, got ${typeName(b.model)}`, 'model');
  const messages = parseMessages(b.messages);
  if (given('stream') && typeof b.stream !== 'boolean')
    throw invalidRequest(`'stream' must be a boolean, got ${typeName(b.stream)}`, 'stream');
  const stream = b.stream === true;
  let includeUsage = false;
  if (given('stream_options')) {
    const so = b.stream_options;
    if (!stream)
      throw invalidRequest(
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
        'stream_options',
      );
    if (!isPlainObject(so))
      throw invalidRequest(`'stream_options' must be an object, got ${typeName(so)}`, 'stream_options');
    for (const k of Object.keys(so))
      if (k !== 'include_usage' && so[k] !== undefined)
        throw invalidRequest(`'stream_options.${k}' is not supported`, 'stream_options');
    if (so.include_usage !== undefined && so.include_usage !== null && typeof so.include_usage !== 'boolean')
      throw invalidRequest(
        `'stream_options.include_usage' must be a boolean, got ${typeName(so.include_usage)}`,
        'stream_options',
      );
    includeUsage = so.include_usage === true;
  }
  integerAtLeast(b, 'max_completion_tokens', 1);
  integerAtLeast(b, 'max_tokens', 1);
  numberIn(b, 'temperature', 0, 2);
  numberIn(b, 'top_p', 0, 1);
  integerAtLeast(b, 'seed', Number.MIN_SAFE_INTEGER);
  if (given('stop')) {
    const s = b.stop;
    const list = typeof s === 'string' ? [s] : s;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
      throw invalidRequest(`'stop' must be a string or an array of strings, got ${typeName(s)}`, 'stop');
    if (list.length === 0 || list.length > CHAT_MAX_STOP)
      throw invalidRequest(`'stop' must hold 1 to ${CHAT_MAX_STOP} strings, got ${list.length}`, 'stop');
    if (list.some((x) => x.length === 0)) throw invalidRequest("'stop' must not hold an empty string", 'stop');
  }
  numberIn(b, 'frequency_penalty', -2, 2);
  numberIn(b, 'presence_penalty', -2, 2);
  integerAtLeast(b, 'n', 1);
  if (given('n') && b.n !== 1)
    throw invalidRequest(`'n' must be 1 (Ingot generates one choice), got ${String(b.n)}`, 'n');
  if (given('user') && typeof b.user !== 'string')
    throw invalidRequest(`'user' must be a string, got ${typeName(b.user)}`, 'user');
  integerAtLeast(b, 'top_k', 0);
  numberIn(b, 'repeat_penalty', 0, Infinity, true);

  const settings: Partial<Record<ChatRequestField, unknown>> = {};
  const settingFields: Partial<Record<ChatRequestField, string>> = {};
  const fields: [ChatRequestField, string][] = [
    ['max_tokens', given('max_completion_tokens') ? 'max_completion_tokens' : 'max_tokens'],
    ['temperature', 'temperature'],
    ['top_p', 'top_p'],
    ['top_k', 'top_k'],
    ['seed', 'seed'],
    ['stop', 'stop'],
    ['repeat_penalty', 'repeat_penalty'],
    ['frequency_penalty', 'frequency_penalty'],
    ['presence_penalty', 'presence_penalty'],
  ];
  for (const [setting, field] of fields)
    if (given(field)) {
      settings[setting] = b[field];
      settingFields[setting] = field;
    }
  // Stop sequences reach the function as a list, whichever form the request used (llama-cpp-python and
  // transformers take a list).
  if (typeof settings.stop === 'string') settings.stop = [settings.stop];
  return { model: b.model, messages, stream, includeUsage, settings, settingFields };
}

/**
 * The call's arguments by parameter name, through the manifest's `chat` entry: the conversation to its `messages`
 * parameter, each given setting to the parameter it flows to. A setting the function does not take is a 400
 * `unsupported_parameter`: the compiled function fixes it.
 */
export function planChatCall(req: ChatRequest, chat: ManifestChat): Record<string, unknown> {
  const args: Record<string, unknown> = { [chat.messages]: req.messages.map((m) => ({ ...m })) };
  for (const [setting, value] of Object.entries(req.settings) as [ChatRequestField, unknown][]) {
    const param = chat.params[setting];
    const field = req.settingFields[setting] ?? setting;
    if (param === undefined)
      throw invalidRequest(
        `'${field}' is not supported by the model \`${req.model}\`: its chat function does not take that setting`,
        field,
        'unsupported_parameter',
      );
    args[param] = value;
  }
  return args;
}

/** 400 `context_length_exceeded`, worded as the API words it. */
function contextLengthExceeded(limit: number, prompt: number, completion: number | null): APIError {
  const detail =
    completion === null
      ? `However, your messages resulted in ${prompt} tokens. Please reduce the length of the messages.`
      : `However, you requested ${prompt + completion} tokens (${prompt} in the messages, ${completion} in the completion). Please reduce the length of the messages or completion.`;
  return invalidRequest(
    `This model's maximum context length is ${limit} tokens. ${detail}`,
    'messages',
    'context_length_exceeded',
  );
}

/** The max tokens the call will generate with: the request's, else the function's default, when it says. */
function maxTokensOf(req: ChatRequest, backend: ChatBackend): number | null {
  const given = req.settings.max_tokens;
  if (typeof given === 'number') return given;
  const param = backend.chat.params.max_tokens;
  const d = param === undefined ? undefined : backend.defaults[param];
  return typeof d === 'number' ? d : null;
}

/**
 * The prompt against the model's context (when the model states one and the module counts tokens): a prompt that
 * leaves no room for a token, or an explicit max tokens that the rest cannot hold, is the request's fault.
 */
export async function checkChatContext(req: ChatRequest, backend: ChatBackend): Promise<void> {
  const limit = backend.chat.context_length;
  if (limit === null || !backend.countTokens) return;
  const [prompt] = await backend.countTokens(req.messages, '');
  if (typeof prompt !== 'number') return;
  const asked = typeof req.settings.max_tokens === 'number' ? req.settings.max_tokens : null;
  if (prompt >= limit) throw contextLengthExceeded(limit, prompt, null);
  if (asked !== null && prompt + asked > limit) throw contextLengthExceeded(limit, prompt, asked);
}

interface Piece {
  text: string;
  finish: FinishReason | null;
}

const finishOf = (v: unknown): FinishReason | null => (v === 'stop' || v === 'length' ? v : null);

/** One value of the chat function's output as text and finish reason, by the manifest's output kind. */
function pieceOf(output: ManifestChat['output'], v: unknown): Piece {
  if (output === 'text' || output === 'text_stream') {
    if (typeof v !== 'string') throw new Error(`the chat function gave ${typeName(v)} where its manifest says text`);
    return { text: v, finish: null };
  }
  const choice = isPlainObject(v) && Array.isArray(v.choices) ? (v.choices[0] as unknown) : undefined;
  if (!isPlainObject(choice)) return { text: '', finish: null };
  const part = output === 'chunks' ? choice.delta : choice.message;
  const content = isPlainObject(part) && typeof part.content === 'string' ? part.content : '';
  return { text: content, finish: finishOf(choice.finish_reason) };
}

function isAsyncIterator(v: unknown): v is AsyncIterator<unknown> {
  return isPlainObject(v) && typeof (v as { next?: unknown }).next === 'function';
}

/**
 * The function's output as pieces of text. A generator is pulled one item at a time and stopped (`return()`) when
 * the consumer stops early or `signal` aborts, so an abandoned request stops generating and frees its cache.
 */
async function* generatePieces(
  backend: ChatBackend,
  args: Record<string, unknown>,
  signal?: AbortSignal,
): AsyncGenerator<Piece> {
  const output = backend.chat.output;
  const result = backend.call(args);
  if (!isAsyncIterator(result)) {
    const value = await result;
    if (signal?.aborted) throw new APIUserAbortError();
    yield pieceOf(output, value);
    return;
  }
  let finished = false;
  try {
    while (!signal?.aborted) {
      const r = await result.next();
      if (r.done) {
        finished = true;
        return;
      }
      yield pieceOf(output, r.value);
    }
  } finally {
    if (!finished) await result.return?.();
  }
  throw new APIUserAbortError();
}

/** A fresh completion id, as the API spells them (`chatcmpl-` and random letters). */
export function chatCompletionId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = 'chatcmpl-';
  for (let i = 0; i < 29; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)]!;
  return s;
}

/** Usage from the module's counter; zero without one, or when counting fails (the answer itself stands). */
async function usageOf(req: ChatRequest, backend: ChatBackend, text: string): Promise<ChatCompletionUsage> {
  let prompt = 0;
  let completion = 0;
  if (backend.countTokens) {
    const counted = await backend.countTokens(req.messages, text).catch(() => [0, 0]);
    prompt = typeof counted[0] === 'number' ? counted[0] : 0;
    completion = typeof counted[1] === 'number' ? counted[1] : 0;
  }
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * The finish reason: the function's own when its output says (`chunks`, `completion`); for text outputs `length`
 * when the completion used every token it was allowed, else `stop`.
 */
function finishReasonOf(said: FinishReason | null, usage: ChatCompletionUsage, max: number | null): FinishReason {
  if (said) return said;
  return max !== null && usage.completion_tokens >= max ? 'length' : 'stop';
}

/** Runs a checked request to one `ChatCompletion`. */
export async function answerChat(
  req: ChatRequest,
  backend: ChatBackend,
  signal?: AbortSignal,
): Promise<ChatCompletion> {
  const args = planChatCall(req, backend.chat);
  await checkChatContext(req, backend);
  let text = '';
  let said: FinishReason | null = null;
  for await (const p of generatePieces(backend, args, signal)) {
    text += p.text;
    said = p.finish ?? said;
  }
  const usage = await usageOf(req, backend, text);
  return {
    id: chatCompletionId(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        logprobs: null,
        finish_reason: finishReasonOf(said, usage, maxTokensOf(req, backend)),
      },
    ],
    usage,
  };
}

/**
 * Runs a checked request as a stream of `ChatCompletionChunk`s. Every check, and the model's first step, happen before
 * this resolves, so a bad request or a model that fails at once is an error the caller can answer with a status;
 * a later failure is thrown by the iterator. Closing the iterator early (or aborting `signal`) stops the generation.
 */
export async function streamChat(
  req: ChatRequest,
  backend: ChatBackend,
  signal?: AbortSignal,
): Promise<AsyncGenerator<ChatCompletionChunk>> {
  const args = planChatCall(req, backend.chat);
  await checkChatContext(req, backend);
  const pieces = generatePieces(backend, args, signal);
  const first = await pieces.next();
  const id = chatCompletionId();
  const created = Math.floor(Date.now() / 1000);
  const chunk = (
    delta: ChatCompletionChunk['choices'][number]['delta'],
    finish: FinishReason | null,
  ): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: req.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(req.includeUsage ? { usage: null } : {}),
  });
  const chunks = (async function* (): AsyncGenerator<ChatCompletionChunk> {
    let text = '';
    let said: FinishReason | null = null;
    try {
      yield chunk({ role: 'assistant', content: '' }, null);
      let next = first;
      while (!next.done) {
        const p = next.value;
        said = p.finish ?? said;
        if (p.text.length > 0) {
          text += p.text;
          yield chunk({ content: p.text }, null);
        }
        next = await pieces.next();
      }
    } finally {
      await pieces.return(undefined);
    }
    const usage = await usageOf(req, backend, text);
    yield chunk({}, finishReasonOf(said, usage, maxTokensOf(req, backend)));
    if (req.includeUsage) yield { id, object: 'chat.completion.chunk', created, model: req.model, choices: [], usage };
  })();
  // Closing the stream before it was read at all still stops the function (a generator that never started skips its
  // own `finally`).
  return closing(chunks, () => pieces.return(undefined));
}

/** `gen` whose `return()` also runs `also`, whether or not `gen` had started. */
function closing<T>(gen: AsyncGenerator<T>, also: () => Promise<unknown>): AsyncGenerator<T> {
  const own = gen.return.bind(gen);
  gen.return = async (value) => {
    try {
      return await own(value);
    } finally {
      await also();
    }
  };
  return gen;
}

/**
 * The whole endpoint for an in-process client: check the body, find the model (`lookup` gives null for a name it
 * does not serve: a 404), run it; with `stream: true` the result is an async iterator of chunks.
 */
export async function createChatCompletion(
  body: unknown,
  lookup: (model: string) => ChatBackend | null | Promise<ChatBackend | null>,
  signal?: AbortSignal,
): Promise<ChatCompletion | AsyncGenerator<ChatCompletionChunk>> {
  const req = parseChatRequest(body);
  const backend = await lookup(req.model);
  if (!backend) throw modelNotFound(req.model);
  return req.stream ? streamChat(req, backend, signal) : answerChat(req, backend, signal);
}

/** One server-sent event carrying a JSON value, as the API frames stream chunks. */
export function sseEvent(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

/** The event that ends every stream. */
export const SSE_DONE = 'data: [DONE]\n\n';

/**
 * A chunk stream as server-sent events: each chunk, then `[DONE]`. A failure after the first chunk cannot change the
 * status any more, so it is an `error` event with the API's error body (which the official SDKs raise), then the end.
 */
export function sseFrames(
  chunks: AsyncGenerator<unknown>,
  errorOf: (err: unknown) => APIError,
): AsyncGenerator<string> {
  const frames = (async function* () {
    try {
      for await (const c of chunks) yield sseEvent(c);
    } catch (err) {
      yield sseEvent(errorOf(err).body());
      return;
    }
    yield SSE_DONE;
  })();
  return closing(frames, () => chunks.return(undefined));
}

// ---------------------------------------------------------------------------------------------------------------
// Rerank: POST /v1/rerank, `client.rerank.create(body)` (Cohere / Jina's shape; OpenAI has no rerank API).

/** Documents per request: Ingot's limit, as Cohere recommends at most 1000 per call. */
export const RERANK_MAX_DOCUMENTS = 1000;

/** The request fields the surface defines; any other field is a 400 naming it. */
export const RERANK_PARAMS: readonly string[] = ['model', 'query', 'documents', 'top_n', 'return_documents'];

/** A request that passed every check that does not need the model. */
export interface RerankRequest {
  model: string;
  query: string;
  documents: string[];
  topN: number | null;
  returnDocuments: boolean;
}

/** What runs the compiled model for one model name. */
export interface RerankBackend {
  /** One relevance score per document, in document order: the compiled rerank function. */
  score(query: string, documents: string[]): Promise<ArrayLike<number>>;
  /** Tokens of every (query, document) pair together (`usage`); null when the module has no pair counter. */
  countTokens: ((query: string, documents: string[]) => Promise<number>) | null;
}

export interface RerankResult {
  index: number;
  relevance_score: number;
  document?: { text: string };
}

export interface RerankResponse {
  id: string;
  object: 'list';
  model: string;
  results: RerankResult[];
  usage: { total_tokens: number };
}

/**
 * Every check that does not need the model, in this order: the body, unknown fields, `model`, `query`, `documents`,
 * `top_n`, `return_documents`. `null` for an optional field means "not given".
 */
export function parseRerankRequest(body: unknown): RerankRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidRequest(`the request body must be a JSON object, got ${typeName(body)}`);
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!RERANK_PARAMS.includes(k) && b[k] !== undefined)
      throw invalidRequest(`Unrecognized request argument supplied: ${k}`, k);
  if (b.model === undefined || b.model === null) throw invalidRequest("you must provide a 'model' parameter", 'model');
  if (typeof b.model !== 'string') throw invalidRequest(`'model' must be a string, got ${typeName(b.model)}`, 'model');
  if (b.query === undefined || b.query === null) throw invalidRequest("you must provide a 'query' parameter", 'query');
  if (typeof b.query !== 'string') throw invalidRequest(`'query' must be a string, got ${typeName(b.query)}`, 'query');
  if (b.query.length === 0) throw invalidRequest("'query' must not be empty", 'query');
  const docs = b.documents;
  if (docs === undefined || docs === null)
    throw invalidRequest("you must provide a 'documents' parameter", 'documents');
  if (!Array.isArray(docs))
    throw invalidRequest(`'documents' must be an array of strings, got ${typeName(docs)}`, 'documents');
  if (docs.length === 0) throw invalidRequest("'documents' must not be empty", 'documents');
  if (docs.length > RERANK_MAX_DOCUMENTS)
    throw invalidRequest(
      `'documents' has ${docs.length} items; at most ${RERANK_MAX_DOCUMENTS} are allowed per request`,
      'documents',
    );
  const bad = docs.findIndex((d) => typeof d !== 'string');
  if (bad >= 0) throw invalidRequest(`'documents[${bad}]' must be a string, got ${typeName(docs[bad])}`, 'documents');
  const topN = b.top_n ?? null;
  if (topN !== null && (typeof topN !== 'number' || !Number.isSafeInteger(topN)))
    throw invalidRequest(`'top_n' must be an integer, got ${JSON.stringify(topN)}`, 'top_n');
  if (topN !== null && topN < 1) throw invalidRequest(`'top_n' must be at least 1, got ${topN}`, 'top_n');
  const returnDocuments = b.return_documents ?? false;
  if (typeof returnDocuments !== 'boolean')
    throw invalidRequest(
      `'return_documents' must be a boolean, got ${JSON.stringify(returnDocuments)}`,
      'return_documents',
    );
  return { model: b.model, query: b.query, documents: docs as string[], topN, returnDocuments };
}

/** A fresh response id, `rerank-` and 24 random letters and digits. */
export function rerankId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = 'rerank-';
  for (let i = 0; i < 24; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)]!;
  return s;
}

/**
 * The results from the function's scores: each document's index and score, highest first (ties keep document order;
 * a NaN score sorts last), cut to `top_n`, with the document's text when asked. A function that does not return one
 * finite-or-NaN number per document is the model's fault, a 500.
 */
export function rankResults(req: RerankRequest, scores: ArrayLike<number>): RerankResult[] {
  if (scores.length !== req.documents.length)
    throw serverError(
      `the rerank function of \`${req.model}\` returned ${scores.length} scores for ${req.documents.length} documents`,
      'model_error',
    );
  const order = Array.from({ length: scores.length }, (_, i) => i);
  const key = (i: number): number => (Number.isNaN(scores[i]!) ? Number.NEGATIVE_INFINITY : scores[i]!);
  order.sort((a, b) => key(b) - key(a) || a - b);
  return order.slice(0, req.topN ?? order.length).map((index) => ({
    index,
    relevance_score: scores[index]!,
    ...(req.returnDocuments ? { document: { text: req.documents[index]! } } : {}),
  }));
}

/**
 * A rerank function's answer as one score per document: a score array as it is (a float32 ndarray's `data`, or a
 * list), or sentence-transformers' `CrossEncoder.rank` list (`{corpus_id, score}` objects, the manifest's
 * `rerank.ranked`) as each document's score at its `corpus_id`. A ranked list that does not name every document once
 * is the model's fault, a 500 `model_error`, as a wrong number of scores is in `rankResults`.
 */
export function rerankScores(result: unknown, documents: number): ArrayLike<number> {
  if (ArrayBuffer.isView(result)) return result as unknown as ArrayLike<number>;
  const r = result as { data?: ArrayLike<number> } | unknown[] | null;
  if (!Array.isArray(r)) return (r?.data ?? []) as ArrayLike<number>;
  if (r.length === 0 || typeof r[0] !== 'object' || r[0] === null) return r as number[];
  const scores = new Array<number>(documents).fill(Number.NaN);
  const seen = new Set<number>();
  for (const item of r as { corpus_id?: unknown; score?: unknown }[]) {
    const i = item.corpus_id;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= documents || seen.has(i)) break;
    seen.add(i);
    scores[i] = typeof item.score === 'number' ? item.score : Number.NaN;
  }
  if (seen.size !== documents || r.length !== documents)
    throw serverError(
      `the rerank function returned a ranked list of ${r.length} items that does not name each of the ${documents} documents once`,
      'model_error',
    );
  return scores;
}

/** Runs a checked request on its model; `usage` from the pair counter (0 without one, or when counting fails). */
export async function answerRerank(req: RerankRequest, backend: RerankBackend): Promise<RerankResponse> {
  const counter = backend.countTokens;
  const [scores, tokens] = await Promise.all([
    backend.score(req.query, req.documents),
    counter ? counter(req.query, req.documents).catch(() => 0) : Promise.resolve(0),
  ]);
  return {
    id: rerankId(),
    object: 'list',
    model: req.model,
    results: rankResults(req, scores),
    usage: { total_tokens: tokens },
  };
}

/** The whole endpoint for an in-process client: check the body, find the model (null: a 404), run it. */
export async function createRerank(
  body: unknown,
  lookup: (model: string) => RerankBackend | null | Promise<RerankBackend | null>,
): Promise<RerankResponse> {
  const req = parseRerankRequest(body);
  const backend = await lookup(req.model);
  if (!backend) throw modelNotFound(req.model);
  return answerRerank(req, backend);
}
