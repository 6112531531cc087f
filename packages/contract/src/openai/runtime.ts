// The OpenAI surface as code, shared byte for byte by `ingot serve` (packages/server) and the generated Node package's
// in-process `Client` (the Node generator copies this module's compiled JavaScript into every package as `openai.js`).
// Input: a request body as the API takes it (parsed JSON, or the object a caller hands the client) and a backend that
// runs the compiled model. Output: the API's response object, or an `APIError` whose `status` and `error` are the HTTP
// status and the `{"error": {message, type, param, code}}` body the API would answer.
// Invariant: this file imports nothing, not even Node built-ins, so its compiled form runs on its own inside a package
// that cannot depend on the repository. The rules it applies are described in `embeddings.ts` beside it and pinned by
// the conformance cases (`cases/openai/*.json`), which the Python, Kotlin and Swift clients are held to as well.

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
export const EMBEDDINGS_PARAMS: readonly string[] = ['input', 'model', 'encoding_format', 'dimensions', 'user'];

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

/** A request that passed every check that does not need the model. */
export interface EmbeddingsRequest {
  model: string;
  input: EmbeddingsInput;
  encodingFormat: 'float' | 'base64';
  dimensions: number | null;
  user: string | null;
}

/** What runs the compiled model for one model name. */
export interface EmbeddingsBackend {
  /** The embedding width when known before a call (the server's warm-up finds it); else checked after embedding. */
  dims: number | null;
  /** One row per text, each of the model's full width. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Tokens in all the texts together (`usage`); null when the module has no tokenizer (usage is then 0). */
  countTokens: ((texts: string[]) => Promise<number>) | null;
  /** Token ids back to text with the model's own tokenizer; null when the module has none (token input is a 400). */
  decodeTokens: ((ids: number[][]) => Promise<string[]>) | null;
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
  const format = b.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64')
    throw invalidRequest(
      `'encoding_format' must be 'float' or 'base64', got ${JSON.stringify(format)}`,
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
  return { model: b.model, input, encodingFormat: format, dimensions, user };
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
 * Runs a checked request on its model: token ids are decoded with the model's own tokenizer and the text embedded;
 * `usage` counts token ids as given and text with the model's tokenizer (0 without one, or when counting fails).
 */
export async function answerEmbeddings(
  req: EmbeddingsRequest,
  backend: EmbeddingsBackend,
): Promise<CreateEmbeddingResponse> {
  if (backend.dims !== null) checkDimensions(req, backend.dims);
  const texts = req.input.kind === 'tokens' ? await decodeTokens(backend, req.model, req.input.ids) : req.input.texts;
  const given = req.input.kind === 'tokens' ? req.input.ids.reduce((n, row) => n + row.length, 0) : null;
  const counter = backend.countTokens;
  const [rows, counted] = await Promise.all([
    backend.embed(texts),
    given === null && counter ? counter(texts).catch(() => 0) : Promise.resolve(0),
  ]);
  if (backend.dims === null && rows.length > 0) checkDimensions(req, rows[0]!.length);
  const data = rows.map((row, index): EmbeddingObject => {
    const r = req.dimensions !== null ? truncateAndRenormalise(row, req.dimensions) : row;
    return { object: 'embedding', index, embedding: req.encodingFormat === 'base64' ? toBase64(r) : Array.from(r) };
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
