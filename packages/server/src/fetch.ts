/**
 * In-process and hybrid `fetch` functions for the official OpenAI SDK:
 *
 *   const ingot = createLocalFetch({ models: { minilm: 'dist/minilm/node' } });
 *   const client = new OpenAI({ apiKey: 'local', fetch: ingot.fetch });
 *   await client.embeddings.create({ model: 'minilm', input: ['...'] });   // no server, no socket
 *
 *   const hybrid = createHybridFetch({ local: { minilm: 'dist/minilm/node' },
 *                                      remote: { baseURL: 'https://api.openai.com/v1', apiKey: process.env.OPENAI_API_KEY },
 *                                      fallback: ['minilm'] });
 *
 * Every response says where it ran: the `x-ingot-route` header (`local` | `remote`) and, on
 * JSON object bodies, `_ingot: { route, fallback? }`, which the SDK hands back as
 * `response._ingot` since it returns the parsed body. A stream (server-sent events) keeps its
 * events as they are and says its route in the header.
 *
 * Hybrid routing is the same for every surface of the contract (`openai.SURFACES`): the request's
 * `model` picks local or remote, and a fallback model goes remote when it failed to load, answered
 * a 5xx, or the prompt exceeds its context (`context_length_exceeded`).
 */
import { openai } from '@ingot/contract';
import { Engine, type EngineOptions, type EngineResponse } from './engine';
import type { ModelSource } from './models';

export type FetchLike = (
  input: string | URL | { url: string; method?: string },
  init?: { method?: string; body?: unknown; headers?: unknown; signal?: AbortSignal | null },
) => Promise<Response>;

async function readBody(input: unknown, init?: { body?: unknown }): Promise<string | null> {
  const b = init?.body ?? null;
  if (b === null || b === undefined) {
    if (input && typeof input === 'object' && 'text' in input && typeof (input as Request).text === 'function')
      return (input as Request).text();
    return null;
  }
  if (typeof b === 'string') return b;
  if (b instanceof Uint8Array) return Buffer.from(b).toString('utf8');
  if (b instanceof ArrayBuffer) return Buffer.from(b).toString('utf8');
  return new Response(b as ConstructorParameters<typeof Response>[0]).text();
}

function requestUrl(input: string | URL | { url: string }): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
}

function requestMethod(input: unknown, init?: { method?: string }): string {
  return (
    init?.method ??
    (input && typeof input === 'object' && 'method' in input ? (input as { method?: string }).method : undefined) ??
    'GET'
  ).toUpperCase();
}

/** The engine's path: the URL's path from its `/v1` segment on (so any base URL ending in /v1 works). */
function enginePath(url: URL): string {
  const i = url.pathname.indexOf('/v1/');
  const p = i >= 0 ? url.pathname.slice(i) : url.pathname;
  return p + url.search;
}

/** An async iterable of text as a byte stream; cancelling the stream (the reader went away) closes the iterable. */
function readableOf(frames: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const it = frames[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await it.next();
      if (r.done) controller.close();
      else controller.enqueue(encoder.encode(r.value));
    },
    async cancel() {
      await it.return?.(undefined);
    },
  });
}

function toResponse(r: EngineResponse): Response {
  return new Response(r.stream ? readableOf(r.stream) : r.body, { status: r.status, headers: r.headers });
}

/** The engine's answer was an error the remote may not have: the prompt is too long for the local model. */
function exceedsContext(r: EngineResponse): boolean {
  if (r.status !== 400) return false;
  try {
    return (JSON.parse(r.body) as { error?: { code?: unknown } }).error?.code === 'context_length_exceeded';
  } catch {
    return false;
  }
}

export interface LocalFetch {
  fetch: FetchLike;
  engine: Engine;
  /** Resolves once every model is loaded (or failed). */
  ready: Promise<void>;
}

/** A fetch that answers the OpenAI surfaces (embeddings, chat completions) in this process, on compiled models. */
export function createLocalFetch(opts: EngineOptions | { models: Record<string, ModelSource> }): LocalFetch {
  const engine = opts instanceof Engine ? opts : new Engine(opts as EngineOptions);
  const fetch: FetchLike = async (input, init) => {
    const url = requestUrl(input);
    const r = await engine.handle({
      method: requestMethod(input, init),
      path: enginePath(url),
      body: await readBody(input, init),
      signal: init?.signal ?? undefined,
    });
    return toResponse(r);
  };
  return { fetch, engine, ready: engine.ready };
}

export interface HybridOptions {
  /** Compiled models answered in-process: name -> package or compile dir (or an embedder). */
  local: Record<string, ModelSource>;
  /** An OpenAI-compatible API for every other model. */
  remote?: {
    baseURL: string;
    /** Sent as `Authorization: Bearer ...`; without it, the SDK's own Authorization header is passed on. */
    apiKey?: string;
    fetch?: typeof fetch;
  };
  /** Local models that go to the remote when they fail (load failure or a 5xx) or the prompt exceeds their context. */
  fallback?: string[];
  limits?: EngineOptions['limits'];
  batch?: EngineOptions['batch'];
}

export interface HybridFetch extends LocalFetch {}

function withRoute(
  status: number,
  headers: Headers | Record<string, string>,
  text: string,
  route: 'local' | 'remote',
  fallback: boolean,
): Response {
  const h = new Headers(headers as ConstructorParameters<typeof Headers>[0]);
  h.delete('content-length');
  h.delete('content-encoding');
  h.set('x-ingot-route', route);
  let body = text;
  try {
    const j = JSON.parse(text) as unknown;
    if (j && typeof j === 'object' && !Array.isArray(j))
      body = JSON.stringify({ ...(j as object), _ingot: { route, ...(fallback ? { fallback: true } : {}) } });
  } catch {
    // Not JSON: passed on as it is.
  }
  return new Response(body, { status, headers: h });
}

/** A fetch that runs compiled models in-process and sends every other model to a remote OpenAI-compatible API. */
export function createHybridFetch(opts: HybridOptions): HybridFetch {
  const local = createLocalFetch({ models: opts.local, limits: opts.limits, batch: opts.batch });
  const fallback = new Set(opts.fallback ?? []);

  const remote = async (
    input: Parameters<FetchLike>[0],
    init: Parameters<FetchLike>[1],
    body: string | null,
    isFallback: boolean,
  ): Promise<Response> => {
    if (!opts.remote) {
      return withRoute(
        404,
        { 'content-type': 'application/json' },
        JSON.stringify({
          error: {
            message: 'no remote API is configured for models that are not compiled locally',
            type: 'invalid_request_error',
            param: 'model',
            code: 'model_not_found',
          },
        }),
        'local',
        false,
      );
    }
    const url = requestUrl(input);
    const base = opts.remote.baseURL.replace(/\/+$/, '');
    const i = url.pathname.indexOf('/v1/');
    const rest = i >= 0 ? url.pathname.slice(i + 3) : url.pathname;
    const headers = new Headers((init?.headers ?? undefined) as ConstructorParameters<typeof Headers>[0]);
    headers.delete('content-length');
    headers.delete('host');
    if (opts.remote.apiKey) headers.set('authorization', `Bearer ${opts.remote.apiKey}`);
    const f = opts.remote.fetch ?? globalThis.fetch;
    const r = await f(`${base}${rest}${url.search}`, {
      method: requestMethod(input, init),
      headers,
      body: body ?? undefined,
      signal: init?.signal ?? undefined,
    });
    if (r.body && (r.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      // A stream passes through event by event; its route is in the header.
      const h = new Headers(r.headers);
      h.delete('content-length');
      h.delete('content-encoding');
      h.set('x-ingot-route', 'remote');
      if (isFallback) h.set('x-ingot-fallback', 'true');
      return new Response(r.body, { status: r.status, headers: h });
    }
    return withRoute(r.status, r.headers, await r.text(), 'remote', isFallback);
  };

  const fetch: FetchLike = async (input, init) => {
    const url = requestUrl(input);
    const method = requestMethod(input, init);
    const body = await readBody(input, init);
    const path = enginePath(url);
    let model: unknown;
    const pathname = path.split('?')[0]!.replace(/\/+$/, '');
    if (openai.SURFACES.some((s) => s.method === method && s.path === pathname)) {
      try {
        model = (JSON.parse(body ?? '') as { model?: unknown }).model;
      } catch {
        model = undefined; // malformed: the local engine answers with the 400
      }
    }
    const known = typeof model === 'string' && local.engine.models.has(model);
    if (typeof model === 'string' && !known) return remote(input, init, body, false);
    if (known) {
      const m = local.engine.models.get(model as string)!;
      await m.ready;
      if (m.status === 'failed' && fallback.has(model as string)) return remote(input, init, body, true);
    }
    const r: EngineResponse = await local.engine.handle({ method, path, body, signal: init?.signal ?? undefined });
    if (known && (r.status >= 500 || exceedsContext(r)) && fallback.has(model as string))
      return remote(input, init, body, true);
    return toResponse(r);
  };
  return { fetch, engine: local.engine, ready: local.ready };
}
