#!/usr/bin/env node
/**
 * The serve benchmark (issue 6): `ingot serve minilm=dist/minilm/node` (all-MiniLM-L6-v2, real
 * weights) on loopback, under a built-in keep-alive HTTP client: 10 000 POST /v1/embeddings
 * requests at concurrency 64, one sentence each with `encoding_format: "base64"` (what the
 * official SDKs send), after 256 warm-up requests. Reports throughput, p50/p99 latency, the error
 * count (anything but 200; it should be 0), the server's peak RSS (VmHWM from /proc) and the mean
 * model batch the server's batcher formed. The load client runs on the same 2 cores as the server.
 *
 * Step: `load` (`npm run bench -- serve`). Knobs: BENCH_SERVE_REQUESTS, BENCH_SERVE_CONCURRENCY,
 * BENCH_SERVE_INPUTS (inputs per request), BENCH_SERVE_MAX_BATCH (the server's --max-batch).
 * Builds dist/minilm/node with `npx nx run minilm:bindings --lang node` when it is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { metric, quantile, report, selected } from '../lib/bench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CLI = path.join(REPO, 'packages', 'cli', 'dist', 'main.js');
const PKG = path.join(REPO, 'dist', 'minilm', 'node');
const REQUESTS = Number(process.env.BENCH_SERVE_REQUESTS ?? 10000);
const CONCURRENCY = Number(process.env.BENCH_SERVE_CONCURRENCY ?? 64);
const INPUTS = Number(process.env.BENCH_SERVE_INPUTS ?? 1);
const MAX_BATCH = process.env.BENCH_SERVE_MAX_BATCH;
const WARMUP = 256;

const filter = process.argv[2] ?? process.env.BENCH_FILTER ?? '';
const log = (s) => process.stderr.write(`${s}\n`);
const metrics = [];
const notes = [];

function ensurePackage() {
  if (fs.existsSync(path.join(PKG, 'index.js'))) return;
  log('serve: building dist/minilm/node (npx nx run minilm:bindings --lang node)');
  const r = spawnSync('npx', ['nx', 'run', 'minilm:bindings', '--lang', 'node'], {
    cwd: REPO,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error('building dist/minilm/node failed');
}

function startServer() {
  const args = [CLI, 'serve', `minilm=${PKG}`, '--port', '0'];
  if (MAX_BATCH) args.push('--max-batch', MAX_BATCH);
  const proc = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  return new Promise((resolve, reject) => {
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (c) => {
      // Request log lines are dropped; only the startup events are kept.
      if (err.length < 100000) err += c;
      const m = /"event":"listening","url":"http:\/\/([^:"]+):(\d+)"/.exec(err);
      if (m) resolve({ proc, host: m[1], port: Number(m[2]) });
    });
    proc.on('exit', (code) => reject(new Error(`ingot serve exited ${code}:\n${err.slice(-4000)}`)));
  });
}

function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function post(agent, host, port, body) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.request(
      {
        agent,
        host,
        port,
        path: '/v1/embeddings',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ok: res.statusCode === 200, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
      },
    );
    req.on('error', () => resolve({ ok: false, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    req.end(body);
  });
}

async function load(host, port, total, concurrency, sentences) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const lat = [];
  let errors = 0;
  let next = 0;
  const t0 = process.hrtime.bigint();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const input = Array.from({ length: INPUTS }, (_, j) => sentences[(i * INPUTS + j) % sentences.length]);
      const r = await post(
        agent,
        host,
        port,
        JSON.stringify({ model: 'minilm', input: INPUTS === 1 ? input[0] : input, encoding_format: 'base64' }),
      );
      lat.push(r.ms);
      if (!r.ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  return { lat, errors, seconds };
}

async function main() {
  if (!selected('serve.load', filter) && !selected('load', filter)) return report({ bench: 'serve', metrics, notes });
  ensurePackage();
  const sentences = fs
    .readFileSync(path.join(REPO, 'bench', 'models', 'sentences.txt'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const { proc, host, port } = await startServer();
  try {
    log(`serve: warm-up (${WARMUP} requests)`);
    await load(host, port, WARMUP, CONCURRENCY, sentences);
    log(`serve: ${REQUESTS} requests at concurrency ${CONCURRENCY}, ${INPUTS} input(s) each`);
    const before = await fetch(`http://${host}:${port}/health`).then((r) => r.json());
    const { lat, errors, seconds } = await load(host, port, REQUESTS, CONCURRENCY, sentences);
    const after = await fetch(`http://${host}:${port}/health`).then((r) => r.json());
    const rss = peakRss(proc.pid);
    const batches = after.models.minilm.batches - before.models.minilm.batches;
    const texts = after.models.minilm.texts - before.models.minilm.texts;
    const rps = REQUESTS / seconds;
    metrics.push(
      metric(
        'serve.load.throughput',
        `requests/s (${REQUESTS} at concurrency ${CONCURRENCY})`,
        Math.round(rps * 10) / 10,
        'req/s',
        { detail: `${(rps * INPUTS).toFixed(1)} embeddings/s over ${seconds.toFixed(2)} s` },
      ),
      metric('serve.load.p50', 'latency p50', quantile(lat, 0.5), 'ms', { samples: lat.length }),
      metric('serve.load.p99', 'latency p99', quantile(lat, 0.99), 'ms', { samples: lat.length }),
      metric('serve.load.errors', 'errors (non-200)', errors, 'count', { target: { op: '<=', value: 0 } }),
      metric('serve.load.rss', 'server peak RSS', rss, 'bytes'),
      metric(
        'serve.load.batch',
        'mean model batch (texts per call)',
        batches ? Math.round((texts / batches) * 10) / 10 : null,
        'texts',
        { detail: `${batches} model calls, largest ${after.models.minilm.max_batch}` },
      ),
    );
    notes.push(
      `serve: all-MiniLM-L6-v2 (dist/minilm/node), ${INPUTS} sentence(s) per request, base64; client and server share the machine's ${(await import('node:os')).cpus().length} cores.`,
    );
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
  for (const m of metrics) log(`  ${m.label}: ${m.value} ${m.unit}${m.detail ? `  (${m.detail})` : ''}`);
  report({ bench: 'serve', metrics, notes });
}

main().catch((e) => {
  log(`serve: ${e.stack ?? e}`);
  process.exit(1);
});
