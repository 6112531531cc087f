#!/usr/bin/env node
/**
 * `npm run bench [-- FILTER ...] [--list]`: runs every sub-benchmark and reports one table.
 *
 * A sub-benchmark is a folder bench/NAME/ with a run.mjs (run with node) or a run.py (run
 * with python3). Each runs as its own process; the protocol is in bench/lib/bench.mjs
 * (write `{bench, metrics}` JSON to $BENCH_RESULT_FILE). Drop a folder in and it is picked up.
 *
 * FILTER is `NAME` (that sub-benchmark), `NAME:STEPS` (only those steps of it, comma
 * separated substrings of metric ids, e.g. `spine:run,size`) or `:STEPS` (those steps of
 * every sub-benchmark). Several filters may be given. No filter runs everything.
 *
 * Prints the table to stdout and writes bench/results/latest.json and latest.md.
 * Targets are informational: a MISS never fails the run. A sub-benchmark that crashes is
 * reported as an error row and makes the exit code 1.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, status } from './lib/bench.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH, '..');
const RESULTS = path.join(BENCH, 'results');

function discover() {
  const out = [];
  for (const e of fs.readdirSync(BENCH, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.isDirectory() || e.name === 'results' || e.name === 'lib' || e.name.startsWith('.')) continue;
    const dir = path.join(BENCH, e.name);
    if (fs.existsSync(path.join(dir, 'run.mjs')))
      out.push({ name: e.name, cmd: process.execPath, args: [path.join(dir, 'run.mjs')] });
    else if (fs.existsSync(path.join(dir, 'run.py')))
      out.push({ name: e.name, cmd: 'python3', args: [path.join(dir, 'run.py')] });
  }
  return out;
}

function plan(benches, filters) {
  if (filters.length === 0) return benches.map((b) => ({ ...b, inner: '' }));
  const chosen = new Map();
  for (const f of filters) {
    const [name, inner = ''] = f.includes(':') ? f.split(/:(.*)/s) : [f, ''];
    const hits = name === '' ? benches : benches.filter((b) => b.name === name);
    if (hits.length === 0) {
      console.error(`bench: no sub-benchmark \`${name}\` (have: ${benches.map((b) => b.name).join(', ')})`);
      process.exit(2);
    }
    for (const b of hits) {
      const prev = chosen.get(b.name);
      // `spine` after `spine:run` means all of spine; two step lists merge.
      const merged = prev === undefined ? inner : prev === '' || inner === '' ? '' : `${prev},${inner}`;
      chosen.set(b.name, merged);
    }
  }
  return benches.filter((b) => chosen.has(b.name)).map((b) => ({ ...b, inner: chosen.get(b.name) }));
}

function git(args) {
  const r = spawnSync('git', args, { cwd: REPO, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function machine() {
  const rustc = spawnSync('rustc', ['--version'], { encoding: 'utf8' });
  return {
    host: os.hostname(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    loadavg_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    rustc: rustc.status === 0 ? rustc.stdout.trim() : null,
    platform: `${process.platform}-${process.arch}`,
  };
}

function table(rows) {
  const head = ['bench', 'metric', 'value', 'target', 'status', 'samples', 'spread (p10–p90)'];
  const body = rows.map((r) => [r.bench, r.label, r.shown, r.targetShown, r.status, r.samples, r.spreadShown]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdown(rows, meta) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  const lines = [
    `# Benchmarks (${meta.generated})`,
    '',
    `commit \`${meta.commit ?? '?'}\`${meta.dirty ? ' (dirty tree)' : ''}, ${meta.machine.cpu}, ${meta.machine.cores} cores, load at start ${meta.machine.loadavg_at_start.join(' ')}, node ${meta.machine.node}, ${meta.machine.rustc ?? 'no rustc'}${meta.filters.length ? `, filter \`${meta.filters.join(' ')}\`` : ''}.`,
    'Medians unless noted; the machine is shared and noisy. Targets are informational.',
    '',
    '| bench | metric | value | target | status | samples | spread (p10–p90) |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${esc(r.bench)} | ${esc(r.label)} | ${esc(r.shown)} | ${esc(r.targetShown)} | ${r.status} | ${r.samples} | ${esc(r.spreadShown)} |`,
    ),
  ];
  const details = rows.filter((r) => r.detail);
  if (details.length) {
    lines.push('', '## Notes', '');
    for (const r of details) lines.push(`- **${r.bench} / ${r.label}**: ${r.detail}`);
  }
  if (meta.notes.length) {
    lines.push('');
    for (const n of meta.notes) lines.push(`- ${n}`);
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const argv = process.argv.slice(2);
  const benches = discover();
  if (argv.includes('--list')) {
    for (const b of benches) console.log(`${b.name}\t${path.relative(REPO, b.args[0])}`);
    return;
  }
  const filters = argv.filter((a) => !a.startsWith('--'));
  const todo = plan(benches, filters);
  const meta = {
    generated: new Date().toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: (git(['status', '--porcelain']) ?? '') !== '',
    machine: machine(),
    filters,
    notes: [],
  };
  const results = [];
  let failed = false;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-bench-result-'));
  for (const b of todo) {
    console.log(`\n== ${b.name}${b.inner ? ` (${b.inner})` : ''} ==`);
    const resultFile = path.join(tmp, `${b.name}.json`);
    const t0 = Date.now();
    const r = spawnSync(b.cmd, [...b.args, ...(b.inner ? [b.inner] : [])], {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BENCH_RESULT_FILE: resultFile, BENCH_FILTER: b.inner },
    });
    const secs = (Date.now() - t0) / 1000;
    let res;
    try {
      res = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    } catch {
      res = { bench: b.name, metrics: [] };
    }
    if (r.status !== 0) {
      failed = true;
      res.metrics.push({ id: 'error', label: `FAILED (exit ${r.status ?? r.signal})`, value: null, unit: '' });
    }
    res.bench ??= b.name;
    res.seconds = secs;
    results.push(res);
    for (const n of res.notes ?? []) meta.notes.push(`${b.name}: ${n}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const rows = [];
  for (const res of results) {
    for (const m of res.metrics) {
      rows.push({
        bench: res.bench,
        label: m.label,
        shown: m.value === null && m.id === 'error' ? '' : fmt(m.value, m.unit),
        targetShown: m.target ? `${m.target.op} ${fmt(m.target.value, m.unit)}` : '',
        status: status(m),
        samples: m.samples ?? '',
        spreadShown: m.spread ? `${fmt(m.spread.p10, m.unit)} – ${fmt(m.spread.p90, m.unit)}` : '',
        detail: m.detail,
      });
    }
  }
  console.log(`\n${table(rows)}`);
  const notes = rows.filter((r) => r.detail);
  if (notes.length) {
    console.log('');
    for (const r of notes) console.log(`  ${r.bench} / ${r.label}: ${r.detail}`);
  }
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify({ ...meta, results }, null, 2)}\n`);
  fs.writeFileSync(path.join(RESULTS, 'latest.md'), markdown(rows, meta));
  console.log(`\nwrote bench/results/latest.json and bench/results/latest.md`);
  process.exitCode = failed ? 1 : 0;
}

await main();
