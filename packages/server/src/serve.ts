/**
 * `ingot serve MODEL=DIR [MODEL=DIR ...] [--host H] [--port N]`: load the models (building a
 * Node package for a compile dir), listen, and on SIGTERM/SIGINT, or when the process that launched it exits,
 * stop accepting, let in-flight requests finish and exit 0. Startup and shutdown are JSON lines on stderr like the request log;
 * the listening URL is also printed on stdout.
 */
import * as fs from 'node:fs';
import { startServer, type RunningServer } from './http';
import type { Limits } from './engine';

export interface ServeCommandOptions {
  host?: string;
  port?: string | number;
  maxInputs?: string | number;
  maxInputChars?: string | number;
  maxBodyBytes?: string | number;
  maxBatch?: string | number;
  /** The key every request but /health must carry (`Authorization: Bearer KEY`); default `INGOT_API_KEY`. */
  apiKey?: string;
}

export interface ServeIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: ServeIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function positiveInt(name: string, v: string | number | undefined, allowZero = false): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1))
    throw new Error(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got \`${v}\``);
  return n;
}

/** Parses MODEL=DIR pairs. */
export function parseModelSpecs(specs: string[]): Record<string, string> {
  if (!specs.length) throw new Error('expected at least one MODEL=DIR');
  const models: Record<string, string> = {};
  for (const s of specs) {
    const i = s.indexOf('=');
    if (i <= 0 || i === s.length - 1) throw new Error(`expected MODEL=DIR, got \`${s}\``);
    const name = s.slice(0, i);
    if (name in models) throw new Error(`the model \`${name}\` is given twice`);
    models[name] = s.slice(i + 1);
  }
  return models;
}

/**
 * Calls `onExit` once the process that launched this one has exited, and returns a function that stops watching.
 * A launcher that dies does not always pass its SIGTERM on: `npx ingot serve` runs the CLI under `sh -c`, and npm's
 * signal goes to that shell, which exits and leaves the server orphaned and listening; a supervisor that kills only
 * its direct child, or a launcher killed with SIGKILL, does the same. An orphan is re-parented (to PID 1 or the
 * nearest subreaper), so a changed parent pid means the launcher is gone. Linux's PR_SET_PDEATHSIG would say so at
 * once, but Node cannot set it without a native addon; a half-second poll is cheap and works on every Unix. A process
 * started by PID 1 itself (or that is PID 1, in a container) has no launcher to outlive and is stopped by signals.
 * `launcher` is the parent pid read when the process started, so a launcher that died while the models loaded counts.
 */
export function watchParent(onExit: () => void, launcher = process.ppid, intervalMs = 500): () => void {
  if (launcher <= 1) return () => {};
  const timer = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(timer);
    onExit();
  }, intervalMs);
  // The watch must never be what keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs the server until SIGTERM/SIGINT or until its launcher exits; resolves to the exit code. */
export async function serveCommand(
  specs: string[],
  opts: ServeCommandOptions,
  io: ServeIo = defaultIo,
): Promise<number> {
  // Read before anything slow (model loading can build a package), so an early death of the launcher is seen too.
  const launcher = process.ppid;
  let models: Record<string, string>;
  let limits: Partial<Limits>;
  let port: number;
  let maxBatch: number | undefined;
  let apiKey: string | undefined;
  try {
    models = parseModelSpecs(specs);
    // A DIR that does not exist is a usage error; a model that exists but fails to load is served as failed (500s).
    for (const [name, dir] of Object.entries(models)) {
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
        throw new Error(`${name}=${dir}: \`${dir}\` is not a directory`);
    }
    port = positiveInt('port', opts.port ?? 8000, true)!;
    limits = {};
    const mi = positiveInt('max-inputs', opts.maxInputs);
    const mc = positiveInt('max-input-chars', opts.maxInputChars);
    const mb = positiveInt('max-body-bytes', opts.maxBodyBytes);
    maxBatch = positiveInt('max-batch', opts.maxBatch);
    if (mi) limits.maxInputs = mi;
    if (mc) limits.maxInputChars = mc;
    if (mb) limits.maxBodyBytes = mb;
    apiKey = opts.apiKey ?? process.env.INGOT_API_KEY;
    if (apiKey !== undefined && apiKey.trim() === '')
      throw new Error('--api-key (or INGOT_API_KEY) is empty; leave it unset to serve without a key');
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const event = (name: string, fields: Record<string, unknown> = {}) =>
    io.err(`${JSON.stringify({ time: new Date().toISOString(), event: name, ...fields })}\n`);
  // The signal handlers go in before the port opens: a SIGTERM that comes once the server listens but before they
  // were installed would otherwise kill a plain process mid-start, and be ignored by PID 1 of a container (the
  // kernel drops signals PID 1 has no handler for), which then never stops. One that comes during start-up is kept
  // and acted on as soon as the server runs.
  let pending: { signal: string } | undefined;
  let stopNow: ((cause: { signal: string }) => void) | undefined;
  const onTerm = () => (stopNow ? stopNow({ signal: 'SIGTERM' }) : (pending ??= { signal: 'SIGTERM' }));
  const onInt = () => (stopNow ? stopNow({ signal: 'SIGINT' }) : (pending ??= { signal: 'SIGINT' }));
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  event('starting', { models: Object.keys(models), port });
  let server: RunningServer;
  try {
    server = await startServer({
      models,
      host: opts.host ?? '127.0.0.1',
      port,
      limits,
      batch: maxBatch ? { maxInputs: maxBatch } : undefined,
      apiKey,
      log: (line) => event('build', { message: line }),
      requestLog: (line) => io.err(`${line}\n`),
    });
  } catch (e) {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
    io.err(`error: cannot start the server: ${(e as Error).message}\n`);
    return 1;
  }
  for (const m of server.engine.models.values()) {
    if (m.status === 'failed') event('model_failed', { model: m.name, error: m.error });
    else event('model_ready', { model: m.name, dimensions: m.dims, package: m.packageDir });
  }
  event('listening', { url: server.url, models: [...server.engine.models.keys()] });
  io.out(`ingot serve: listening on ${server.url}/v1 (models: ${[...server.engine.models.keys()].join(', ')})\n`);
  await new Promise<void>((resolve) => {
    let stopped = false;
    const stop = (cause: { signal: string } | { reason: string }) => {
      if (stopped) return;
      stopped = true;
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      unwatch();
      event('shutdown', { ...cause, inflight: server.inflight() });
      void server.close().then(resolve);
    };
    // A server meant to outlive its launcher (daemonized by a double fork, `nohup ... &` from a shell that then
    // exits) says so with INGOT_SERVE_DETACHED=1; then only signals stop it.
    const unwatch = process.env.INGOT_SERVE_DETACHED
      ? () => {}
      : watchParent(() => stop({ reason: 'parent_exited' }), launcher);
    stopNow = stop;
    if (pending) stop(pending);
  });
  event('stopped');
  return 0;
}
