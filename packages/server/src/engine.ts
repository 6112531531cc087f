/**
 * The transport-free core: one `handle()` from a request (method, path, body) to a response
 * (status, headers, JSON text, or server-sent events for a stream). The HTTP server and the in-process `fetch` both
 * call it, so they answer byte for byte alike.
 *
 * Routes: every OpenAI surface of the contract (`openai.SURFACES`: POST /v1/embeddings, POST /v1/chat/completions,
 * POST /v1/rerank), each answered by its handler in `SURFACE_HANDLERS`; GET /v1/models, GET /v1/models/{id},
 * GET /health, GET /health/ready, and GET /metrics (Prometheus text; every request is observed in `metrics`, labelled
 * only by bounded values), and POST /tokenize (vLLM's shape: a prompt's untruncated token ids and the model's
 * per-input limit).
 */
import { performance } from 'node:perf_hooks';
import { openai } from '@ingot/contract';
import { AbortedError, type BatchBudget } from './batcher';
import { ApiError, invalidRequest, malformedJson, modelNotFound, serverError, unknownUrl } from './errors';
import { METRICS_CONTENT_TYPE, Metrics } from './metrics';
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
  /** Requests in flight, for the metrics (the HTTP server sets it; in process, the engine's own count). */
  inflight = 0;
  readonly metrics = new Metrics();

  constructor(opts: EngineOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const budget = { ...DEFAULT_BATCH, ...opts.batch };
    for (const [name, source] of Object.entries(opts.models)) {
      const m = loadModel(name, source, budget, opts.log);
      this.models.set(name, m);
      // The batcher exists once the model loaded.
      void m.ready.then(() => {
        if (m.batcher) m.batcher.onBatch = (size) => this.metrics.batch(name, size);
      });
    }
    this.ready = Promise.all([...this.models.values()].map((m) => m.ready)).then(() => undefined);
    this.metrics.gauges = () => {
      const models = [...this.models.values()];
      return [
        {
          name: 'ingot_requests_in_flight',
          help: 'Requests being answered now.',
          samples: [{ labels: {}, value: this.inflight }],
        },
        {
          name: 'ingot_queue_depth',
          help: 'Work waiting for a model: embedding inputs not yet in a model call, chat steps not yet started.',
          samples: models.flatMap((m) => [
            ...(m.batcher ? [{ labels: { model: m.name, surface: 'embeddings' }, value: m.batcher.queued }] : []),
            ...(m.chat ? [{ labels: { model: m.name, surface: 'chat' }, value: m.chat.queue.stats.waiting }] : []),
          ]),
        },
        {
          name: 'ingot_model_ready',
          help: '1 when the model loaded and serves, 0 while loading or after it failed.',
          samples: models.map((m) => ({ labels: { model: m.name }, value: m.status === 'ready' ? 1 : 0 })),
        },
      ];
    };
  }

  /**
   * The route label of a path: the route of the server's table it matched, or "other", so that no path a client
   * sends becomes a label value of its own.
   */
  routeLabel(method: string, pathname: string): string {
    const surface = openai.SURFACES.find((s) => s.method === method && s.path === pathname);
    if (surface) return surface.path;
    if (['/v1/models', '/health', '/health/ready', '/metrics', '/tokenize'].includes(pathname)) return pathname;
    if (pathname.startsWith('/v1/models/')) return '/v1/models/{id}';
    return 'other';
  }

  /** Answers a request and observes it in the metrics (a stream when its last event was written). */
  async handle(req: EngineRequest): Promise<EngineResponse> {
    const t0 = performance.now();
    const pathname = req.path.split('?')[0]!.replace(/\/+$/, '') || '/';
    this.inflight++;
    let r: EngineResponse;
    try {
      r = await this.answer(req, pathname);
    } catch (err) {
      this.inflight--;
      throw err;
    }
    const observe = () => {
      this.inflight--;
      this.observe(req.method, pathname, r.model, r.status, (performance.now() - t0) / 1000);
    };
    if (!r.stream) {
      observe();
      return r;
    }
    const frames = r.stream;
    return {
      ...r,
      stream: (async function* () {
        try {
          yield* frames;
        } finally {
          observe();
        }
      })(),
    };
  }

  /** One finished request in the metrics; a model the server does not serve is labelled "". */
  observe(method: string, pathname: string, model: string | null, status: number, seconds: number): void {
    this.metrics.request({
      route: this.routeLabel(method, pathname),
      model: model !== null && this.models.has(model) ? model : '',
      status,
      seconds,
    });
  }

  private async answer(req: EngineRequest, pathname: string): Promise<EngineResponse> {
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
      if (req.method === 'POST' && pathname === '/tokenize') return await this.tokenize(req);
      if (req.method === 'GET' && pathname === '/health') return json(200, this.health());
      // Readiness, for a load balancer or a Kubernetes readiness probe: 200 only when every model is loaded. /health
      // stays 200 while the process serves (liveness), so a pod whose model is still loading or failed to load
      // gets no traffic but is not restarted in a loop while it keeps serving its other models and /v1/models.
      if (req.method === 'GET' && pathname === '/health/ready') {
        const body = this.health() as { status: string };
        return json(body.status === 'ok' ? 200 : 503, body);
      }
      if (req.method === 'GET' && pathname === '/metrics')
        return { ...json(200, null), headers: { 'content-type': METRICS_CONTENT_TYPE }, body: this.metrics.render() };
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
              // The names a request's `input_type` may give (the model's own prompts).
              input_types: Object.keys(m.prompts),
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
      embedTruncating: m.embedsTruncating ? (texts, side) => m.batcher!.submit(texts, req.signal, side) : null,
      countTokens: m.countTokens ? async (texts) => (await m.countTokens!(texts)).reduce((a, n) => a + n, 0) : null,
      decodeTokens: m.decodeTokens,
      prompts: m.prompts,
      tokenIds: m.tokenIds,
      maxTokens: m.maxTokensPerInput,
    });
    this.metrics.addTokens(parsed.model, 'prompt', res.usage.prompt_tokens);
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
   * `POST /tokenize` in vLLM's shape: `{model, prompt}` to `{count, max_model_len, tokens}`, the prompt's untruncated
   * token ids with the model's own tokenizer and the per-input limit the embeddings surface applies.
   */
  private async tokenize(req: EngineRequest): Promise<EngineResponse> {
    const body = parseBody(req.body);
    const logged: Logged = { model: modelField(body), inputs: 1 };
    try {
      const parsed = openai.parseTokenizeRequest(body);
      const m = await this.readyModel(parsed.model);
      const maxTokens = m.embeds ? m.maxTokensPerInput : (m.chat?.backend.chat.context_length ?? null);
      return json(200, await openai.answerTokenize(parsed, { tokenIds: m.tokenIds, maxTokens }), logged);
    } catch (err) {
      if (err instanceof ApiError) return json(err.status, err.body(), logged);
      return json(500, this.modelError(logged.model, err).body(), logged);
    }
  }

  private chatTokens(model: string, usage: { prompt_tokens: number; completion_tokens: number } | null | undefined) {
    if (!usage) return;
    this.metrics.addTokens(model, 'prompt', usage.prompt_tokens);
    this.metrics.addTokens(model, 'completion', usage.completion_tokens);
  }

  /** A chunk stream that adds the usage its last chunk carries (when the request asked for it) to the metrics. */
  private countStreamTokens(
    model: string,
    chunks: AsyncGenerator<openai.ChatCompletionChunk>,
  ): AsyncGenerator<openai.ChatCompletionChunk> {
    const count = (usage: openai.ChatCompletionChunk['usage']) => this.chatTokens(model, usage);
    return (async function* () {
      for await (const c of chunks) {
        count(c.usage);
        yield c;
      }
    })();
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
    if (!parsed.stream) {
      const answer = await openai.answerChat(parsed, backend, req.signal);
      this.chatTokens(parsed.model, answer.usage);
      return json(200, { ...answer, _ingot: { route: 'local' } }, logged);
    }
    const chunks = this.countStreamTokens(parsed.model, await openai.streamChat(parsed, backend, req.signal));
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
