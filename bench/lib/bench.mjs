/**
 * Helpers shared by the sub-benchmarks: statistics, timed child processes, and the result
 * protocol with bench/run.mjs.
 *
 * Protocol: bench/run.mjs starts each sub-benchmark as a child process with
 * BENCH_RESULT_FILE set and the inner filter in BENCH_FILTER (and as argv[2]). The child
 * writes `{ "bench": NAME, "metrics": [Metric, ...], "notes": [..] }` to that file. Its
 * stdout/stderr are progress only. Run standalone, it prints the JSON to stdout instead.
 *
 * Metric: { id, label, value (number|null), unit ('ms'|'s'|'ns'|'bytes'|'ratio'|...),
 *           target?: { op: '<=' | '>=', value }, samples?, spread?: { p10, p90 }, detail? }
 * Targets are informational: PASS/MISS is printed, nothing fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const i = Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))));
  return s[i];
}

export function spread(xs) {
  return { p10: quantile(xs, 0.1), p90: quantile(xs, 0.9), min: Math.min(...xs), max: Math.max(...xs) };
}

/** Runs a command to completion; returns wall milliseconds and its output. Throws when it fails. */
export function timedSync(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0 && !opts.allowFail) {
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${r.status}\n${(r.stderr ?? '').slice(-4000)}${(r.stdout ?? '').slice(-2000)}`,
    );
  }
  return { ms, stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

/** Like timedSync, but streams stderr lines to a callback as they come (for long cargo builds). */
export function timedStream(cmd, args, opts = {}, onLine = () => {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let pending = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${err.slice(-4000)}`));
      else resolve({ ms, stdout: out, stderr: err });
    });
  });
}

export function metric(id, label, value, unit, extra = {}) {
  return { id, label, value, unit, ...extra };
}

export function status(m) {
  if (!m.target || m.value === null || m.value === undefined) return '';
  const ok = m.target.op === '<=' ? m.value <= m.target.value : m.value >= m.target.value;
  return ok ? 'PASS' : 'MISS';
}

export function fmt(value, unit) {
  if (value === null || value === undefined) return 'n/a';
  switch (unit) {
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
    case 's':
      return `${value.toFixed(1)} s`;
    case 'ns':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} µs` : `${value.toFixed(1)} ns`;
    case 'bytes':
      return value >= 1 << 20 ? `${(value / (1 << 20)).toFixed(2)} MiB` : `${(value / 1024).toFixed(1)} KiB`;
    case 'ratio':
      return `${value.toFixed(1)}×`;
    default:
      return `${value} ${unit}`;
  }
}

/** Whether the inner filter selects a step: no filter selects all; otherwise a substring of the id. */
export function selected(id, filter = process.env.BENCH_FILTER) {
  if (!filter) return true;
  return filter.split(',').some((f) => id.includes(f));
}

/** Hands the result to bench/run.mjs (or prints it when run standalone). */
export function report(result) {
  const file = process.env.BENCH_RESULT_FILE;
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (file) fs.writeFileSync(file, text);
  else process.stdout.write(text);
}

export function fileSize(p) {
  try {
    return fs.statSync(p).size;
  } catch {
    return null;
  }
}

/** Size after `strip --strip-all` on a copy (the original is untouched); null without strip. */
export function strippedSize(p, tmpDir) {
  if (!fs.existsSync(p)) return null;
  const copy = `${tmpDir}/stripped-${process.pid}-${Math.random().toString(36).slice(2)}`;
  fs.copyFileSync(p, copy);
  const r = spawnSync('strip', ['--strip-all', copy], { encoding: 'utf8' });
  const size = r.status === 0 ? fs.statSync(copy).size : null;
  fs.rmSync(copy, { force: true });
  return size;
}
