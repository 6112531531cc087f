#!/usr/bin/env node
/**
 * The engines benchmark (issue 16): throughput of the compiled all-MiniLM-L6-v2 (real weights) embedding a Parquet
 * file of BENCH_ENGINES_ROWS rows (default 4000, 3 to 40 words each) with 1 and 2 workers, and what one process does
 * alone on the same rows, which is the ceiling the engines divide among their workers.
 *
 * Steps: `inprocess` (ingot_integrations.BatchEmbedder in one process, 1 and 2 rayon threads), `ray`
 * (integrations/ray/embed_parquet.py, concurrency 1 and 2, one core per actor), `spark`
 * (integrations/spark/embed_parquet.py, local[1] and local[2], one thread per Python worker). Each engine figure is
 * wall time from reading the Parquet to the written output, engine start-up excluded, one sample (the runs take
 * minutes). Scaling beyond this machine is worked out on paper in README.md beside this file.
 *
 * Needs the venv the integration tests make (integrations/test/setup.ts: the pinned engines, the MiniLM wheel and
 * ingot_integrations, under ~/.cache/ingot/integrations-venv-*), or BENCH_ENGINES_PYTHON naming a python that has them.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = process.cwd();
const INTEGRATIONS = path.join(ROOT, 'integrations');
const FILTER = process.argv[2] ?? process.env.BENCH_FILTER ?? '';
const ROWS = Number(process.env.BENCH_ENGINES_ROWS ?? 4000);
const want = (step) =>
  !FILTER || FILTER.split(',').some((f) => step.includes(f.replace(/^.*:/, '')) || f === 'integrations');

function enginesPython() {
  if (process.env.BENCH_ENGINES_PYTHON) return process.env.BENCH_ENGINES_PYTHON;
  const cache = path.join(os.homedir(), '.cache', 'ingot');
  const venvs = fs.existsSync(cache)
    ? fs
        .readdirSync(cache)
        .filter((d) => d.startsWith('integrations-venv-') && fs.existsSync(path.join(cache, d, '.ingot-complete')))
        .map((d) => path.join(cache, d))
    : [];
  venvs.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return venvs.length ? path.join(venvs[0], 'bin', 'python') : null;
}

function json(python, args) {
  const r = spawnSync(python, args, { encoding: 'utf8', cwd: os.tmpdir(), maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${args[0]} failed (${r.status}):\n${r.stderr.slice(-3000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const metrics = [];
const notes = [];
const python = enginesPython();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-bench-engines-'));
try {
  if (!python) {
    notes.push(
      'skipped: no engines venv; run `npx jest integrations/test/engines.test.ts` once, or set BENCH_ENGINES_PYTHON',
    );
  } else {
    const input = path.join(scratch, 'rows.parquet');
    json(python, [path.join(INTEGRATIONS, 'test', 'rows.py'), input, String(ROWS)]);
    const rate = (id, label, seconds, detail) => {
      metrics.push({ id, label, value: Math.round(ROWS / seconds), unit: 'rows/s', samples: 1, detail });
      process.stderr.write(`${label}: ${(ROWS / seconds).toFixed(0)} rows/s (${seconds.toFixed(1)} s)\n`);
    };
    if (want('inprocess')) {
      for (const threads of [1, 2]) {
        const code = `
import json, sys, time, pyarrow.parquet as pq
from ingot_integrations import BatchEmbedder
e = BatchEmbedder("minilm", threads=${threads})
texts = pq.read_table(sys.argv[1]).column("text").to_pylist()
e.embed_rows(texts[:64])
t = time.perf_counter()
for k in range(0, len(texts), 256):
    e.embed_rows(texts[k:k + 256])
print(json.dumps({"seconds": time.perf_counter() - t}))`;
        const r = json(python, ['-c', code, input]);
        rate(
          `inprocess.threads${threads}`,
          `in-process, ${threads} thread(s)`,
          r.seconds,
          'BatchEmbedder, batches of 256',
        );
      }
    }
    if (want('ray')) {
      for (const n of [1, 2]) {
        const out = path.join(scratch, `ray${n}`);
        const r = json(python, [
          path.join(INTEGRATIONS, 'ray', 'embed_parquet.py'),
          '--package',
          'minilm',
          '--input',
          input,
          '--output',
          out,
          '--concurrency',
          String(n),
        ]);
        rate(
          `ray.workers${n}`,
          `Ray Data, ${n} actor(s)`,
          r.seconds,
          'map_batches(IngotEmbedder), batch 256, 1 core per actor',
        );
      }
    }
    if (want('spark')) {
      for (const n of [1, 2]) {
        const out = path.join(scratch, `spark${n}`);
        const r = json(python, [
          path.join(INTEGRATIONS, 'spark', 'embed_parquet.py'),
          '--package',
          'minilm',
          '--input',
          input,
          '--output',
          out,
          '--workers',
          String(n),
        ]);
        rate(
          `spark.workers${n}`,
          `Spark, local[${n}]`,
          r.seconds,
          'pandas UDF, Arrow batches of 256, 1 thread per worker',
        );
      }
    }
    notes.push(
      `${ROWS} rows of 3 to 40 words; the machine's 2 cores are shared with other work, so figures are indicative`,
    );
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
const result = { bench: 'integrations', metrics, notes };
if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(result, null, 2));
else console.log(JSON.stringify(result, null, 2));
