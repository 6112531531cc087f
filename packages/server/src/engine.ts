/**
 * The transport-free core: one `handle()` from a request (method, path, body) to a response
 * (status, headers, JSON text). The HTTP server and the in-process `fetch` both call it, so
 * they answer byte for byte alike.
 *
 * Routes: POST /v1/embeddings, GET /v1/models, GET /v1/models/{id}, GET /health.
 */
import * as os from 'node:os';
import { AbortedError, type BatchBudget } from './batcher';
import { ApiError, invalidRequest, malformedJson, modelNotFound, serverError, unknownUrl } from './errors';
import { loadModel, type LocalModel, type ModelSource } from './models';

export interface Limits {
  /** Inputs per request (OpenAI: 2048). */
  maxInputs: number;
  /** Characters per text input. Tokens are known only once the model's tokenizer runs, so requests are bounded by characters. */
  maxInputChars: number;
  /** Request body bytes; more is a 413. */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: Limits = { maxInputs: 2048, maxInputChars: 32768, maxBodyBytes: 16 * 1024 * 1024 };
export const DEFAULT_BATCH: BatchBudget = { maxInputs: 64, maxChars: 32768, concurrency: 1 };

export interface EngineOptions {
  models: Record<string, ModelSource>;
  limits?: Partial<Limits>;
  batch?: Partial<BatchBudget>;
  /** Progress lines while packages are built and loaded. */
  log?: (line: string) => void;
}

export interface EngineRequest {
  method: string;
  /** Path with or without a query string. */
  path: string;
  body: string | Uint8Array | null;
  /** Aborted when the caller goes away; queued work for it is dropped. */
  signal?: AbortSignal;
}

export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** For the request log. */
  model: string | null;
  inputs: number | null;
}

/** Where a response was computed; the `x-ingot-route` header and the `_ingot.route` body field. */
export type Route = 'local' | 'remote';

const ALLOWED_EMBEDDING_PARAMS = new Set(['input', 'model', 'encoding_format', 'dimensions', 'user']);
const LITTLE_ENDIAN = os.endianness() === 'LE';

function json(status: number, body: unknown, extra: Partial<EngineResponse> = {}): EngineResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-ingot-route': 'local' },
    body: JSON.stringify(body),
    model: null,
    inputs: null,
    ...extra,
  };
}

function toBase64(row: Float32Array): string {
  if (LITTLE_ENDIAN) return Buffer.from(row.buffer, row.byteOffset, row.byteLength).toString('base64');
  const b = Buffer.alloc(row.length * 4);
  for (let i = 0; i < row.length; i++) b.writeFloatLE(row[i]!, i * 4);
  return b.toString('base64');
}

/** Matryoshka truncation: the first `dims` components, rescaled to unit length. */
export function truncateAndRenormalise(row: Float32Array, dims: number): Float32Array {
  const out = row.slice(0, dims);
  let sq = 0;
  for (let i = 0; i < out.length; i++) sq += out[i]! * out[i]!;
  const norm = Math.sqrt(sq);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** An integer JSON can carry exactly; whether the vocabulary has it is the model tokenizer's answer (a ValueError if not). */
const isTokenId = (x: unknown): boolean => typeof x === 'number' && Number.isSafeInteger(x);

type ParsedInput = { kind: 'text'; texts: string[] } | { kind: 'tokens'; ids: number[][] };

/** `input`: string | string[] | int[] | int[][], as OpenAI accepts it. */
function parseInput(input: unknown, limits: Limits): ParsedInput {
  const shapeError = () =>
    invalidRequest(
      `'input' must be a string, an array of strings, an array of token ids (integers) or an array of arrays of token ids; got ${typeName(input)}`,
      'input',
    );
  if (typeof input === 'string') input = [input];
  if (!Array.isArray(input))
    throw input === undefined ? invalidRequest("you must provide an 'input' parameter", 'input') : shapeError();
  if (input.length === 0) throw invalidRequest("'input' must not be empty", 'input');
  if (input.length > limits.maxInputs)
    throw invalidRequest(
      `'input' has ${input.length} items; at most ${limits.maxInputs} are allowed per request`,
      'input',
    );
  if (input.every((x) => typeof x === 'string')) {
    const texts = input as string[];
    texts.forEach((t, i) => {
      if (t.length === 0)
        throw invalidRequest(`'input[${i}]' is an empty string; every input must be non-empty`, 'input');
      if (t.length > limits.maxInputChars) {
        throw invalidRequest(
          `'input[${i}]' is ${t.length} characters; at most ${limits.maxInputChars} characters are allowed per input`,
          'input',
        );
      }
    });
    return { kind: 'text', texts };
  }
  const badId = (row: unknown[], where: string): void => {
    const j = row.findIndex((x) => !isTokenId(x));
    if (j >= 0)
      throw invalidRequest(`'${where}[${j}]' must be an integer token id, got ${JSON.stringify(row[j])}`, 'input');
  };
  if (input.every((x) => typeof x === 'number')) {
    badId(input, 'input');
    return { kind: 'tokens', ids: [input as number[]] };
  }
  if (!input.every(Array.isArray)) throw shapeError();
  (input as unknown[][]).forEach((row, i) => {
    if (row.length === 0) throw invalidRequest(`'input[${i}]' is an empty array of token ids`, 'input');
    badId(row, `input[${i}]`);
  });
  return { kind: 'tokens', ids: input as number[][] };
}

/** Token-id input back to text; an id outside the vocabulary (the library's ValueError) is the request's fault, a 400. */
async function decodeTokens(m: LocalModel, ids: number[][]): Promise<string[]> {
  try {
    return await m.decodeTokens!(ids);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('ValueError: '))
      throw invalidRequest(err.message.slice('ValueError: '.length), 'input');
    throw err;
  }
}

export class Engine {
  readonly models = new Map<string, LocalModel>();
  readonly limits: Limits;
  readonly created = Math.floor(Date.now() / 1000);
  /** Resolves once every model is ready or failed. */
  readonly ready: Promise<void>;
  /** Extra fields for /health (the HTTP server adds its in-flight request count). */
  healthExtras: () => Record<string, unknown> = () => ({});

  constructor(opts: EngineOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const budget = { ...DEFAULT_BATCH, ...opts.batch };
    for (const [name, source] of Object.entries(opts.models))
      this.models.set(name, loadModel(name, source, budget, opts.log));
    this.ready = Promise.all([...this.models.values()].map((m) => m.ready)).then(() => undefined);
  }

  async handle(req: EngineRequest): Promise<EngineResponse> {
    const pathname = req.path.split('?')[0]!.replace(/\/+$/, '') || '/';
    try {
      if (req.method === 'POST' && pathname === '/v1/embeddings') return await this.embeddings(req);
      if (req.method === 'GET' && pathname === '/v1/models')
        return json(200, { object: 'list', data: [...this.models.values()].map((m) => this.describe(m)) });
      if (req.method === 'GET' && pathname.startsWith('/v1/models/')) {
        const id = decodeURIComponent(pathname.slice('/v1/models/'.length));
        const m = this.models.get(id);
        if (!m) throw modelNotFound(id);
        return json(200, this.describe(m));
      }
      if (req.method === 'GET' && pathname === '/health') return json(200, this.health());
      throw unknownUrl(req.method, pathname);
    } catch (err) {
      if (err instanceof ApiError) return json(err.status, err.body());
      return json(500, serverError(`internal error: ${err instanceof Error ? err.message : String(err)}`).body());
    }
  }

  health(): unknown {
    const models = Object.fromEntries(
      [...this.models.values()].map((m) => [
        m.name,
        {
          status: m.status,
          ...(m.error ? { error: m.error } : {}),
          ...(m.batcher
            ? { batches: m.batcher.stats.batches, texts: m.batcher.stats.texts, max_batch: m.batcher.stats.maxBatch }
            : {}),
        },
      ]),
    );
    const ok = [...this.models.values()].every((m) => m.status === 'ready');
    return { status: ok ? 'ok' : 'degraded', models, ...this.healthExtras() };
  }

  describe(m: LocalModel): unknown {
    return {
      id: m.name,
      object: 'model',
      created: this.created,
      owned_by: 'ingot',
      ingot: {
        status: m.status,
        ...(m.error ? { error: m.error } : {}),
        embedding_dimensions: m.dims,
        max_inputs_per_request: this.limits.maxInputs,
        max_chars_per_input: this.limits.maxInputChars,
        max_tokens_per_input: m.maxTokensPerInput,
        token_input: m.decodeTokens !== null,
      },
    };
  }

  private async embeddings(req: EngineRequest): Promise<EngineResponse> {
    const logged: { model: string | null; inputs: number | null } = { model: null, inputs: null };
    try {
      return await this.embeddingsInner(req, logged);
    } catch (err) {
      if (err instanceof ApiError) return json(err.status, err.body(), logged);
      if (err instanceof AbortedError) return json(499, invalidRequest('the client closed the request').body(), logged);
      return json(
        500,
        serverError(
          `the model \`${logged.model}\` raised: ${err instanceof Error ? err.message : String(err)}`,
          'model_error',
        ).body(),
        logged,
      );
    }
  }

  private async embeddingsInner(
    req: EngineRequest,
    logged: { model: string | null; inputs: number | null },
  ): Promise<EngineResponse> {
    const text =
      req.body === null ? '' : typeof req.body === 'string' ? req.body : Buffer.from(req.body).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw malformedJson();
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw invalidRequest(`the request body must be a JSON object, got ${typeName(body)}`);
    const b = body as Record<string, unknown>;
    for (const k of Object.keys(b))
      if (!ALLOWED_EMBEDDING_PARAMS.has(k)) throw invalidRequest(`Unrecognized request argument supplied: ${k}`, k);
    if (b.model === undefined) throw invalidRequest("you must provide a 'model' parameter", 'model');
    if (typeof b.model !== 'string')
      throw invalidRequest(`'model' must be a string, got ${typeName(b.model)}`, 'model');
    const modelName = b.model;
    logged.model = modelName;
    const input = parseInput(b.input, this.limits);
    logged.inputs = input.kind === 'text' ? input.texts.length : input.ids.length;
    const format = b.encoding_format ?? 'float';
    if (format !== 'float' && format !== 'base64') {
      throw invalidRequest(
        `'encoding_format' must be 'float' or 'base64', got ${JSON.stringify(format)}`,
        'encoding_format',
      );
    }
    const dimensions = b.dimensions ?? null;
    if (dimensions !== null && (typeof dimensions !== 'number' || !Number.isInteger(dimensions))) {
      throw invalidRequest(`'dimensions' must be an integer, got ${JSON.stringify(dimensions)}`, 'dimensions');
    }
    if (b.user !== undefined && b.user !== null && typeof b.user !== 'string')
      throw invalidRequest(`'user' must be a string, got ${typeName(b.user)}`, 'user');

    const m = this.models.get(modelName);
    if (!m) throw modelNotFound(modelName);
    {
      await m.ready;
      if (m.status !== 'ready')
        throw serverError(`the model \`${modelName}\` failed to load: ${m.error}`, 'model_load_failed');
      if (input.kind === 'tokens' && !m.decodeTokens) {
        throw invalidRequest(
          `the model \`${modelName}\` has no tokenizer to decode token ids with (its package has no \`ingot_token_decode\`); send the text instead`,
          'input',
          'unsupported_input',
        );
      }
      const dims = m.dims!;
      if (dimensions !== null && (dimensions <= 0 || dimensions > dims)) {
        throw invalidRequest(
          `'dimensions' must be between 1 and ${dims} for \`${modelName}\`, got ${dimensions}`,
          'dimensions',
        );
      }
      // Token ids are decoded with the model's own tokenizer and the text embedded; they count as given (what OpenAI reports).
      const texts = input.kind === 'tokens' ? await decodeTokens(m, input.ids) : input.texts;
      const given = input.kind === 'tokens' ? input.ids.reduce((n, row) => n + row.length, 0) : null;
      const [rows, tokenCounts] = await Promise.all([
        m.batcher!.submit(texts, req.signal),
        given === null && m.countTokens ? m.countTokens(texts).catch(() => null) : Promise.resolve(null),
      ]);
      const data = rows.map((row, index) => {
        const r = dimensions !== null && dimensions < dims ? truncateAndRenormalise(row, dimensions) : row;
        return { object: 'embedding', index, embedding: format === 'base64' ? toBase64(r) : Array.from(r) };
      });
      const tokens = given ?? (tokenCounts ? tokenCounts.reduce((a, n) => a + n, 0) : 0);
      return json(
        200,
        {
          object: 'list',
          data,
          model: modelName,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
          _ingot: { route: 'local' },
        },
        logged,
      );
    }
  }
}

export function createEngine(opts: EngineOptions): Engine {
  return new Engine(opts);
}
