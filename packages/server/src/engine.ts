/**
 * The transport-free core: one `handle()` from a request (method, path, body) to a response
 * (status, headers, JSON text, or server-sent events for a stream). The HTTP server and the in-process `fetch` both
 * call it, so they answer byte for byte alike.
 *
 * Routes: every OpenAI surface of the contract (`openai.SURFACES`: POST /v1/embeddings, POST /v1/chat/completions,
 * POST /v1/rerank),
 * each answered by its handler in `SURFACE_HANDLERS`; GET /v1/models, GET /v1/models/{id}, GET /health.
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
  /** The JSON body; empty when `stream` is set. */
  body: string;
  /** Server-sent events (`data: ...` frames), for a streamed answer; the transport writes them as they come. */
  stream?: AsyncIterable<string>;
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

/** The JSON request body, decoded as UTF-8 strictly: bytes that are not UTF-8 are the client's fault, not U+FFFD. */
function parseBody(body: string | Uint8Array | null): unknown {
  let text: string;
  try {
    text =
      body === null ? '' : typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw invalidRequest('The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw malformedJson();
  }
}

/** The JSON field `model` of a body, for the request log before the surface's checks run. */
function modelField(body: unknown): string | null {
  const m = body && typeof body === 'object' ? (body as { model?: unknown }).model : undefined;
  return typeof m === 'string' ? m : null;
}

type Logged = { model: string | null; inputs: number | null };

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
      const surface = openai.SURFACES.find((s) => s.method === req.method && s.path === pathname);
      if (surface) return await this.surface(surface.name, req);
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
          ...(m.chat ? { chat: { ...m.chat.queue.stats } } : {}),
        },
      ]),
    );
    const ok = [...this.models.values()].every((m) => m.status === 'ready');
    return { status: ok ? 'ok' : 'degraded', models, ...this.healthExtras() };
  }

  describe(m: LocalModel): unknown {
    const contextLength = m.chat?.backend.chat.context_length ?? null;
    return {
      id: m.name,
      object: 'model',
      created: this.created,
      owned_by: 'ingot',
      // What the model serves and, for a chat model, its context length in tokens (prompt plus completion), as
      // OpenAI-compatible servers list it; null when the model does not say.
      ...(m.chat ? { context_length: contextLength } : {}),
      ingot: {
        status: m.status,
        ...(m.error ? { error: m.error } : {}),
        surfaces: [...(m.embeds ? ['embeddings'] : []), ...(m.chat ? ['chat'] : []), ...(m.rerank ? ['rerank'] : [])],
        ...(m.embeds
          ? {
              embedding_dimensions: m.dims,
              max_inputs_per_request: this.limits.maxInputs,
              max_chars_per_input: this.limits.maxInputChars,
              max_tokens_per_input: m.maxTokensPerInput,
              token_input: m.decodeTokens !== null,
            }
          : {}),
        ...(m.chat ? { context_length: contextLength, chat_output: m.chat.backend.chat.output } : {}),
      },
    };
  }

  /** Each surface's handler; the type makes a surface of the contract without one fail to compile. */
  private readonly handlers: Record<
    openai.SurfaceName,
    (req: EngineRequest, logged: Logged) => Promise<EngineResponse>
  > = {
    embeddings: (req, logged) => this.embeddings(req, logged),
    chat: (req, logged) => this.chat(req, logged),
    rerank: (req, logged) => this.rerank(req, logged),
  };

  /** A surface's request: its handler, with the errors every surface maps alike. */
  private async surface(name: openai.SurfaceName, req: EngineRequest): Promise<EngineResponse> {
    const logged: Logged = { model: null, inputs: null };
    try {
      return await this.handlers[name](req, logged);
    } catch (err) {
      if (err instanceof ApiError) return json(err.status, err.body(), logged);
      if (err instanceof AbortedError || err instanceof openai.APIUserAbortError)
        return json(499, invalidRequest('the client closed the request').body(), logged);
      return json(500, this.modelError(logged.model, err).body(), logged);
    }
  }

  private modelError(model: string | null, err: unknown): ApiError {
    if (err instanceof ApiError) return err;
    return serverError(
      `the model \`${model}\` raised: ${err instanceof Error ? err.message : String(err)}`,
      'model_error',
    );
  }

  /** The model a checked request names, ready; a 404 for one not served, a 500 for one that failed to load. */
  private async readyModel(name: string): Promise<LocalModel> {
    const m = this.models.get(name);
    if (!m) throw modelNotFound(name);
    await m.ready;
    if (m.status !== 'ready')
      throw serverError(`the model \`${name}\` failed to load: ${m.error}`, 'model_load_failed');
    return m;
  }

  /** A served model that does not serve this surface: a 404 on `model`, as the API answers. */
  private notServing(name: string, what: string): ApiError {
    return new openai.NotFoundError(404, {
      message: `The model \`${name}\` is not ${what} model and thus not supported on this endpoint.`,
      type: 'invalid_request_error',
      param: 'model',
      code: null,
    });
  }

  private async embeddings(req: EngineRequest, logged: Logged): Promise<EngineResponse> {
    const body = parseBody(req.body);
    logged.model = modelField(body);
    // The request is checked by the contract's runtime, the same code the Node client runs.
    const parsed = openai.parseEmbeddingsRequest(body, {
      maxInputs: this.limits.maxInputs,
      maxInputChars: this.limits.maxInputChars,
    });
    logged.inputs = parsed.input.kind === 'text' ? parsed.input.texts.length : parsed.input.ids.length;
    const m = await this.readyModel(parsed.model);
    if (!m.embeds) throw this.notServing(parsed.model, 'an embedding');
    const res = await openai.answerEmbeddings(parsed, {
      dims: m.dims!,
      embed: (texts) => m.batcher!.submit(texts, req.signal),
      countTokens: m.countTokens ? async (texts) => (await m.countTokens!(texts)).reduce((a, n) => a + n, 0) : null,
      decodeTokens: m.decodeTokens,
    });
    return json(200, { ...res, _ingot: { route: 'local' } }, logged);
  }

  /** Rerank through the contract's runtime, the same code the Node client runs. */
  private async rerank(req: EngineRequest, logged: Logged): Promise<EngineResponse> {
    const body = parseBody(req.body);
    logged.model = modelField(body);
    const parsed = openai.parseRerankRequest(body);
    logged.inputs = parsed.documents.length;
    const m = await this.readyModel(parsed.model);
    if (!m.rerank) throw this.notServing(parsed.model, 'a rerank');
    const res = await openai.answerRerank(parsed, m.rerank);
    return json(200, { ...res, _ingot: { route: 'local' } }, logged);
  }

  /**
   * Chat completions through the contract's runtime. A stream is answered once its first step ran (so a bad request
   * or a model that fails at once still gets its status); then each chunk is an event, a later failure an `error`
   * event, and the end `[DONE]`. The request's signal (the client went away) stops the generation.
   */
  private async chat(req: EngineRequest, logged: Logged): Promise<EngineResponse> {
    const body = parseBody(req.body);
    logged.model = modelField(body);
    const parsed = openai.parseChatRequest(body);
    logged.inputs = parsed.messages.length;
    const m = await this.readyModel(parsed.model);
    if (!m.chat) throw this.notServing(parsed.model, 'a chat');
    const backend = m.chat.backend;
    if (!parsed.stream)
      return json(
        200,
        { ...(await openai.answerChat(parsed, backend, req.signal)), _ingot: { route: 'local' } },
        logged,
      );
    const chunks = await openai.streamChat(parsed, backend, req.signal);
    return {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-ingot-route': 'local',
      },
      body: '',
      stream: openai.sseFrames(chunks, (err) => this.modelError(parsed.model, err)),
      ...logged,
    };
  }
}

export function createEngine(opts: EngineOptions): Engine {
  return new Engine(opts);
}
