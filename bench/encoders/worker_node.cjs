#!/usr/bin/env node
// One Node measurement process of the encoder benchmark (bench/encoders/run.py), speaking worker.py's protocol.
//   node worker_node.cjs node PKG          the compiled function through its generated Node package, `embed(texts)`
//   node worker_node.cjs serve NAME PKG    the same package behind `ingot serve` on loopback: one keep-alive
//                                          POST /v1/embeddings per call (all the call's texts as `input`, base64),
//                                          decoded to floats, so HTTP, JSON and the server's batcher are in the time
// Threads: the compiled code sizes its pool from RAYON_NUM_THREADS, which run.py sets (the server inherits it).
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');

const REPO = path.resolve(__dirname, '..', '..');
const [kind, a, b] = process.argv.slice(2);

function startServer(name, pkg) {
  const proc = spawn(
    process.execPath,
    [path.join(REPO, 'packages', 'cli', 'dist', 'main.js'), 'serve', `${name}=${pkg}`, '--port', '0'],
    {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  process.on('exit', () => proc.kill('SIGTERM'));
  let err = '';
  return new Promise((resolve, reject) => {
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (c) => {
      if (err.length < 100000) err += c;
      const m = /"event":"listening","url":"http:\/\/([^:"]+):(\d+)"/.exec(err);
      if (m) resolve({ proc, host: m[1], port: Number(m[2]) });
    });
    proc.on('exit', (code) => reject(new Error(`ingot serve exited ${code}:\n${err.slice(-4000)}`)));
  });
}

function post(agent, host, port, body) {
  return new Promise((resolve, reject) => {
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
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 500)}`));
          resolve(JSON.parse(text));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const job = JSON.parse((await lines.next()).value);
  const texts = job.texts;
  const t0 = process.hrtime.bigint();
  let embed;
  let kernels;
  if (kind === 'node') {
    const pkg = require(path.resolve(a));
    // Timed calls return the package's ndarray as it is; rows are only made for the agreement check.
    embed = async (xs, rows = false) => {
      const m = pkg.embed(xs);
      if (!rows) return m;
      const [n, d] = m.shape;
      return Array.from({ length: n }, (_, i) => Array.from(m.data.subarray(i * d, (i + 1) * d)));
    };
    kernels = { package: path.resolve(a), RAYON_NUM_THREADS: process.env.RAYON_NUM_THREADS ?? null };
  } else if (kind === 'serve') {
    const { host, port } = await startServer(a, path.resolve(b));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    embed = async (xs) => {
      const r = await post(agent, host, port, JSON.stringify({ model: a, input: xs, encoding_format: 'base64' }));
      return r.data.map((d) => {
        const buf = Buffer.from(d.embedding, 'base64');
        return Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4));
      });
    };
    kernels = { server: `ingot serve ${a}=${b}`, RAYON_NUM_THREADS: process.env.RAYON_NUM_THREADS ?? null };
  } else throw new Error(`unknown worker kind ${kind}`);
  await embed(texts.slice(0, 4));
  process.stdout.write(
    JSON.stringify({ ready: true, load_s: Number(process.hrtime.bigint() - t0) / 1e9, kernels }) + '\n',
  );
  let pos = 0;
  for (;;) {
    const { value, done } = await lines.next();
    if (done) break;
    const req = JSON.parse(value);
    if (req.vectors !== undefined) {
      process.stdout.write(JSON.stringify({ vectors: await embed(texts.slice(0, req.vectors), true) }) + '\n');
      continue;
    }
    const times = [];
    // {"set": "long" | "mixed"} draws from the job's long_texts or mixed_texts instead (run.py's SETS).
    const pool = (req.set && job[`${req.set}_texts`]) || texts;
    for (let i = 0; i < req.iters; i++) {
      const chunk = Array.from({ length: req.batch }, (_, k) => pool[(pos + k) % pool.length]);
      pos += req.batch;
      const s = process.hrtime.bigint();
      await embed(chunk);
      times.push(Number(process.hrtime.bigint() - s) / 1e9);
    }
    process.stdout.write(JSON.stringify({ times }) + '\n');
  }
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`worker_node: ${e.stack ?? e}\n`);
  process.exit(1);
});
