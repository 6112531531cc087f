#!/usr/bin/env node
/**
 * The memory soak (issue 15, "Operations"): does `ingot serve` keep a flat memory under a long
 * load? It starts `ingot serve NAME=PKG` on loopback and drives it for a fixed time with a
 * keep-alive HTTP client at a fixed concurrency. Each request is a `POST /v1/embeddings` of a
 * size drawn from a fixed mix (1, 4, 16 or 64 inputs; each input 1 to 12 sentences of
 * bench/models/sentences.txt, so from a few tokens to a few hundred), alternating float and
 * base64 output, from a seeded generator so every run sends the same sequence.
 *
 * Every BENCH_SOAK_SAMPLE_S seconds it records the server's VmRSS and VmHWM (/proc), the
 * requests, inputs and errors so far, and, when the server answers GET /metrics with 200, the
 * Prometheus text's process and queue lines. Samples stream to bench/results/soak.jsonl while the
 * run lasts (a run cut short still leaves its curve; a finished run removes it); the summary (peak RSS, RSS at 1 minute,
 * 5 minutes and the end, the growth from 5 minutes to the end, throughput, errors) is the
 * reported metrics and bench/results/soak.json. bench/soak/chart.py draws the curve.
 *
 * Knobs: BENCH_SOAK_MINUTES (30), BENCH_SOAK_CONCURRENCY (16), BENCH_SOAK_SAMPLE_S (5),
 * BENCH_SOAK_MODEL (`minilm=dist/minilm/node`, any `NAME=DIR` ingot serve takes),
 * BENCH_SOAK_OUT (bench/results). The client runs on the same cores as the server.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { metric, quantile, report, selected } from '../lib/bench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CLI = path.join(REPO, 'packages', 'cli', 'dist', 'main.js');
const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 30);
const CONCURRENCY = Number(process.env.BENCH_SOAK_CONCURRENCY ?? 16);
const SAMPLE_S = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 5);
const MODEL_ARG = process.env.BENCH_SOAK_MODEL ?? 'minilm=dist/minilm/node';
const OUT = path.resolve(REPO, process.env.BENCH_SOAK_OUT ?? path.join('bench', 'results'));
const MODEL = MODEL_ARG.split('=')[0];

const filter = process.argv[2] ?? process.env.BENCH_FILTER ?? '';
const log = (s) => process.stderr.write(`${s}\n`);

// A small deterministic generator (mulberry32), so the request mix is the same in every run.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(r, weighted) {
  let x = r() * weighted.reduce((s, [w]) => s + w, 0);
  for (const [w, v] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1][1];
}

// Mostly small requests with a tail of large ones, as an embedding API sees: the weights are
// the share of requests, the values the inputs per request and sentences per input.
const BATCH_MIX = [
  [55, 1],
  [25, 4],
  [15, 16],
  [5, 64],
];
const LENGTH_MIX = [
  [60, 1],
  [25, 2],
  [12, 4],
  [3, 12],
];

function startServer() {
  const proc = spawn(process.execPath, [CLI, 'serve', MODEL_ARG, '--port', '0'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  return new Promise((resolve, reject) => {
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (c) => {
      // Only the startup lines matter; the request log is dropped so it cannot grow unbounded.
      if (err.length < 100000) err += c;
      const m = /"event":"listening","url":"http:\/\/([^:"]+):(\d+)"/.exec(err);
      if (m) resolve({ proc, host: m[1], port: Number(m[2]) });
    });
    proc.on('exit', (code) => reject(new Error(`ingot serve exited ${code}:\n${err.slice(-4000)}`)));
  });
}

function procMem(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM'), threads: Number(/Threads:\s+(\d+)/.exec(s)?.[1] ?? NaN) };
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
        let n = 0;
        res.on('data', (c) => (n += c.length));
        res.on('end', () =>
          resolve({ status: res.statusCode, bytes: n, ms: Number(process.hrtime.bigint() - t0) / 1e6 }),
        );
      },
    );
    req.on('error', (e) => resolve({ status: 0, error: e.message, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    req.end(body);
  });
}

// Keeps the lines of a Prometheus exposition that say something about memory and load, so the
// soak file stays small however many series the server exports.
function metricsLines(text) {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && /(resident|heap|memory|queue|in_flight|inflight|requests_total)/i.test(l))
    .slice(0, 40);
}

async function scrapeMetrics(host, port) {
  try {
    const r = await fetch(`http://${host}:${port}/metrics`);
    return r.status === 200 ? metricsLines(await r.text()) : null;
  } catch {
    return null;
  }
}

async function main() {
  if (!selected('soak.rss', filter)) return report({ bench: 'soak', metrics: [], notes: [] });
  const sentences = fs
    .readFileSync(path.join(REPO, 'bench', 'models', 'sentences.txt'), 'utf8')
    .split('\n')
    .filter(Boolean);
  fs.mkdirSync(OUT, { recursive: true });
  const series = path.join(OUT, 'soak.jsonl');
  fs.writeFileSync(series, '');
  const { proc, host, port } = await startServer();
  // The server is this process's child: stop it when the soak is stopped early, too.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(sig, () => {
      proc.kill('SIGTERM');
      process.exit(130);
    });
  process.on('exit', () => proc.kill('SIGTERM'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const r = rng(15);
  const counts = { requests: 0, inputs: 0, errors: 0, bytes: 0, statuses: {} };
  const lat = [];
  const t0 = Date.now();
  const endAt = t0 + MINUTES * 60_000;
  const hasMetrics = (await scrapeMetrics(host, port)) !== null;
  log(
    `soak: ${MODEL_ARG} for ${MINUTES} min at concurrency ${CONCURRENCY}; /metrics ${hasMetrics ? 'present' : 'absent'}`,
  );

  const samples = [];
  const sample = async () => {
    const mem = procMem(proc.pid);
    const s = {
      t_s: Math.round((Date.now() - t0) / 100) / 10,
      rss: mem?.rss ?? null,
      hwm: mem?.hwm ?? null,
      threads: mem?.threads ?? null,
      requests: counts.requests,
      inputs: counts.inputs,
      errors: counts.errors,
      loadavg: os.loadavg()[0],
    };
    if (hasMetrics) s.metrics = await scrapeMetrics(host, port);
    samples.push(s);
    fs.appendFileSync(series, JSON.stringify(s) + '\n');
    return s;
  };
  await sample();
  const timer = setInterval(() => {
    sample().then((s) => {
      if (Math.round(s.t_s) % 60 < SAMPLE_S)
        log(`soak: ${(s.t_s / 60).toFixed(1)} min, RSS ${(s.rss / 2 ** 20).toFixed(1)} MiB, ${s.requests} requests`);
    });
  }, SAMPLE_S * 1000);

  const worker = async () => {
    while (Date.now() < endAt) {
      const n = pick(r, BATCH_MIX);
      const input = Array.from({ length: n }, () => {
        const len = pick(r, LENGTH_MIX);
        const start = Math.floor(r() * sentences.length);
        return Array.from({ length: len }, (_, k) => sentences[(start + k) % sentences.length]).join(' ');
      });
      const encoding = r() < 0.5 ? 'float' : 'base64';
      const res = await post(agent, host, port, JSON.stringify({ model: MODEL, input, encoding_format: encoding }));
      counts.requests++;
      counts.inputs += n;
      counts.statuses[res.status] = (counts.statuses[res.status] ?? 0) + 1;
      if (res.status !== 200) counts.errors++;
      else counts.bytes += res.bytes;
      lat.push(res.ms);
      if (lat.length > 200000) lat.splice(0, 100000);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearInterval(timer);
  const last = await sample();
  agent.destroy();
  proc.kill('SIGTERM');

  // The RSS at a time is the first sample at or after it.
  const at = (sec) => samples.find((s) => s.t_s >= sec) ?? last;
  const mib = (b) => Math.round((b / 2 ** 20) * 10) / 10;
  const peak = Math.max(...samples.map((s) => s.hwm ?? 0));
  const s1 = at(60);
  const s5 = at(300);
  const seconds = (Date.now() - t0) / 1000;
  const summary = {
    model: MODEL_ARG,
    minutes: MINUTES,
    concurrency: CONCURRENCY,
    mix: { inputs_per_request: BATCH_MIX, sentences_per_input: LENGTH_MIX, encoding_format: 'float or base64, 50/50' },
    requests: counts.requests,
    inputs: counts.inputs,
    errors: counts.errors,
    statuses: counts.statuses,
    seconds,
    peak_rss_mib: mib(peak),
    rss_mib: { start: mib(samples[0].rss), at_1min: mib(s1.rss), at_5min: mib(s5.rss), end: mib(last.rss) },
    growth_5min_to_end_mib: mib(last.rss - s5.rss),
    latency_ms: { p50: quantile(lat, 0.5), p99: quantile(lat, 0.99) },
    loadavg_mean: samples.reduce((a, s) => a + s.loadavg, 0) / samples.length,
    metrics_endpoint: hasMetrics,
    metrics_last: last.metrics ?? null,
    samples: samples.map(({ metrics, ...s }) => s),
  };
  fs.writeFileSync(path.join(OUT, 'soak.json'), JSON.stringify(summary, null, 2) + '\n');
  // soak.json holds every sample now; the streamed file only mattered while the run could be cut.
  fs.rmSync(series, { force: true });
  const metrics = [
    metric('soak.rss.peak', `server peak RSS (VmHWM) over ${MINUTES} min`, peak, 'bytes'),
    metric('soak.rss.start', 'RSS after start-up, before load', samples[0].rss, 'bytes'),
    metric('soak.rss.5min', 'RSS at 5 min', s5.rss, 'bytes'),
    metric('soak.rss.end', 'RSS at the end', last.rss, 'bytes'),
    metric('soak.rss.growth', 'RSS growth from 5 min to the end', last.rss - s5.rss, 'bytes'),
    metric(
      'soak.throughput',
      `requests/s at concurrency ${CONCURRENCY}`,
      Math.round((counts.requests / seconds) * 10) / 10,
      'req/s',
      {
        detail: `${(counts.inputs / seconds).toFixed(1)} inputs/s`,
      },
    ),
    metric('soak.errors', 'errors (non-200)', counts.errors, 'count', { target: { op: '<=', value: 0 } }),
  ];
  report({
    bench: 'soak',
    metrics,
    notes: [
      `${counts.requests} requests (${counts.inputs} inputs) in ${seconds.toFixed(0)} s; mean load average ${summary.loadavg_mean.toFixed(1)} on ${os.availableParallelism()} cores`,
      `samples every ${SAMPLE_S} s in ${path.relative(REPO, path.join(OUT, 'soak.json'))}; /metrics ${hasMetrics ? 'scraped' : 'not served'}`,
    ],
  });
}

main().catch((e) => {
  log(`soak: ${e.stack ?? e}`);
  process.exit(1);
});
