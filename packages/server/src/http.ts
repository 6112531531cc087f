/**
 * The HTTP face of the engine: node:http on loopback by default, a body limit (413), one JSON
 * log line per request on stderr, `x-ingot-route: local` on every response, server-sent events for a
 * streamed answer (a client that disconnects stops its generation), an optional API key (every route but /health and /health/ready
 * needs `Authorization: Bearer KEY`; else a 401 with an OpenAI error body), and a graceful
 * close: stop accepting, answer what is in flight (with `connection: close`), then exit.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { bodyTooLarge, checkApiKey } from './errors';
import { Engine, type EngineOptions } from './engine';

export interface ServerOptions extends EngineOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Request log lines (JSON, one per request); default stderr. */
  requestLog?: (line: string) => void;
  /** After this long, a close stops waiting for in-flight requests. */
  drainTimeoutMs?: number;
  /** When set, every request but GET /health and /health/ready must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  engine: Engine;
  /** Requests being answered now. */
  inflight(): number;
  /** Stops accepting, lets in-flight requests finish, then closes every connection. */
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const engine = new Engine(opts);
  await engine.ready;
  const log = opts.requestLog ?? ((line: string) => process.stderr.write(`${line}\n`));
  let inflight = 0;
  let closing = false;
  let drained: (() => void) | null = null;
  engine.healthExtras = () => ({ inflight });

  const server = http.createServer((req, res) => {
    inflight++;
    const t0 = performance.now();
    const controller = new AbortController();
    let model: string | null = null;
    let inputs: number | null = null;
    let status = 0;
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
      inflight--;
      const entry = {
        time: new Date().toISOString(),
        method: req.method,
        path: req.url,
        status: res.writableFinished ? status : 499,
        model,
        inputs,
        ms: Math.round((performance.now() - t0) * 100) / 100,
        route: 'local',
      };
      log(JSON.stringify(entry));
      if (closing && inflight === 0 && drained) drained();
    });

    const send = (s: number, headers: Record<string, string>, body: string) => {
      status = s;
      if (res.destroyed) return;
      const h: Record<string, string | number> = { ...headers, 'content-length': Buffer.byteLength(body) };
      if (closing) h.connection = 'close';
      res.writeHead(s, h);
      res.end(body);
    };

    // A stream is written event by event; a client that goes away aborts the request's signal, which stops the
    // generation, and leaving this loop closes the event source.
    const sendStream = async (s: number, headers: Record<string, string>, frames: AsyncIterable<string>) => {
      status = s;
      const it = frames[Symbol.asyncIterator]();
      try {
        if (res.destroyed) return;
        res.writeHead(s, { ...headers, ...(closing ? { connection: 'close' } : {}) });
        res.flushHeaders();
        while (!res.destroyed) {
          const r = await it.next();
          if (r.done || res.destroyed) break;
          if (!res.write(r.value))
            await new Promise<void>((resolve) => {
              res.once('drain', resolve);
              res.once('close', resolve);
            });
        }
      } finally {
        await it.return?.(undefined);
      }
      if (!res.destroyed) res.end();
    };

    const limit = engine.limits.maxBodyBytes;
    const declared = Number(req.headers['content-length'] ?? NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(c);
    });
    req.on('error', () => controller.abort());
    req.on('end', () => {
      // The key is checked before anything else, so a caller without it learns nothing of the models or the limits;
      // /health and /health/ready stay open for load balancers' and orchestrators' probes.
      const denied = checkApiKey(opts.apiKey, req.method ?? 'GET', req.url ?? '/', req.headers.authorization);
      if (denied) {
        const pathname = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
        engine.observe(req.method ?? 'GET', pathname, null, denied.status, (performance.now() - t0) / 1000);
        send(
          denied.status,
          { 'content-type': 'application/json', 'x-ingot-route': 'local', 'www-authenticate': 'Bearer' },
          JSON.stringify(denied.body()),
        );
        return;
      }
      if (tooLarge) {
        const e = bodyTooLarge(limit);
        send(413, { 'content-type': 'application/json', 'x-ingot-route': 'local' }, JSON.stringify(e.body()));
        return;
      }
      const body = chunks.length ? Buffer.concat(chunks) : null;
      engine.handle({ method: req.method ?? 'GET', path: req.url ?? '/', body, signal: controller.signal }).then(
        (r) => {
          model = r.model;
          inputs = r.inputs;
          if (r.stream) return sendStream(r.status, r.headers, r.stream);
          send(r.status, r.headers, r.body);
        },
        (err: unknown) =>
          send(
            500,
            { 'content-type': 'application/json', 'x-ingot-route': 'local' },
            JSON.stringify({ error: { message: String(err), type: 'server_error', param: null, code: null } }),
          ),
      );
    });
  });
  // A client reuses a pooled connection for as long as it believes the server keeps it; when the server closes an
  // idle connection at the moment a client sends on it, that request fails with "other side closed" (seen with
  // openai-node under load after a pause of a few seconds). Clients and load balancers keep idle connections up to
  // about 60 s, so the server keeps them longer and never closes one first; `close()` still closes idle connections
  // at once, so shutdown does not wait for this.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.address.includes(':') ? `[${addr.address}]` : addr.address;

  let closed: Promise<void> | null = null;
  return {
    url: `http://${host}:${addr.port}`,
    host: addr.address,
    port: addr.port,
    engine,
    inflight: () => inflight,
    close() {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inflight > 0) {
          await new Promise<void>((resolve) => {
            drained = resolve;
            const t = setTimeout(resolve, opts.drainTimeoutMs ?? 30000);
            t.unref();
          });
        }
        server.closeAllConnections();
        await stopped;
      })();
      return closed;
    },
  };
}
