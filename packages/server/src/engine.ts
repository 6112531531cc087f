/**
 * The transport-free core: one `handle()` from a request (method, path, body) to a response
 * (status, headers, JSON text). The HTTP server and the in-process `fetch` both call it, so
 * they answer byte for byte alike.
 *
 * Routes: POST /v1/embeddings, GET /v1/models, GET /v1/models/{id}, GET /health.
 */
import { openai } from '@ingot/contract';
import { AbortedError, type BatchBudget } from './batcher';
import { ApiError, invalidRequest, malformedJson, modelNotFound, serverError, unknownUrl } from './errors';
import { loadModel, type LocalModel, type ModelSource } from './models';

/** Matryoshka truncation, as every client applies it (the contract's runtime). */
export const truncateAndRenormalise = openai.truncateAndRenormalise;

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
    // The request is checked by the contract's runtime, the same code the Node client runs.
    const parsed = openai.parseEmbeddingsRequest(body, {
      maxInputs: this.limits.maxInputs,
      maxInputChars: this.limits.maxInputChars,
    });
    const modelName = parsed.model;
    logged.model = modelName;
    logged.inputs = parsed.input.kind === 'text' ? parsed.input.texts.length : parsed.input.ids.length;
    const m = this.models.get(modelName);
    if (!m) throw modelNotFound(modelName);
    await m.ready;
    if (m.status !== 'ready')
      throw serverError(`the model \`${modelName}\` failed to load: ${m.error}`, 'model_load_failed');
    const res = await openai.answerEmbeddings(parsed, {
      dims: m.dims!,
      embed: (texts) => m.batcher!.submit(texts, req.signal),
      countTokens: m.countTokens ? async (texts) => (await m.countTokens!(texts)).reduce((a, n) => a + n, 0) : null,
      decodeTokens: m.decodeTokens,
    });
    return json(200, { ...res, _ingot: { route: 'local' } }, logged);
  }
}

export function createEngine(opts: EngineOptions): Engine {
  return new Engine(opts);
}
