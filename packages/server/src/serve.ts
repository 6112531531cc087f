/**
 * `ingot serve MODEL=DIR [MODEL=DIR ...] [--host H] [--port N]`: load the models (building a
 * Node package for a compile dir), listen, and on SIGTERM/SIGINT stop accepting, let in-flight
 * requests finish and exit 0. Startup and shutdown are JSON lines on stderr like the request log;
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

/** Runs the server until SIGTERM/SIGINT; resolves to the exit code. */
export async function serveCommand(
  specs: string[],
  opts: ServeCommandOptions,
  io: ServeIo = defaultIo,
): Promise<number> {
  let models: Record<string, string>;
  let limits: Partial<Limits>;
  let port: number;
  let maxBatch: number | undefined;
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
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const event = (name: string, fields: Record<string, unknown> = {}) =>
    io.err(`${JSON.stringify({ time: new Date().toISOString(), event: name, ...fields })}\n`);
  let server: RunningServer;
  try {
    server = await startServer({
      models,
      host: opts.host ?? '127.0.0.1',
      port,
      limits,
      batch: maxBatch ? { maxInputs: maxBatch } : undefined,
      log: (line) => event('build', { message: line }),
      requestLog: (line) => io.err(`${line}\n`),
    });
  } catch (e) {
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
    const stop = (signal: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      event('shutdown', { signal, inflight: server.inflight() });
      void server.close().then(resolve);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  event('stopped');
  return 0;
}
