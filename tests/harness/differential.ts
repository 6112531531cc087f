/**
 * The differential test harness: runs the same calls through CPython (tools/reference/pyrun.py)
 * and through the compiled library (via ingot-runner), and compares the value JSON. Floats
 * agree within 1e-5 relative; an int and a float agree when numerically equal (a `float`
 * parameter accepts an int, as PEP 484's numeric tower says); errors agree on the exception type.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileForRun, ensureTools, parseSourceSpec, renderDiagnostics, REPO_ROOT, runnerPath } from '@ingot/compiler';

export type Outcome = { ok: unknown } | { error: { type: string; message: string } };

export interface Call {
  file: string;
  function: string;
  args: Record<string, unknown>;
}

/** Compiles every public function of a file (cached by content); throws with rendered diagnostics on failure. */
export async function compileFile(file: string): Promise<{ libPath: string; manifest: unknown }> {
  const spec = parseSourceSpec(file);
  const r = await compileForRun(spec, fs.readFileSync(file, 'utf8'));
  if (r.buildError) throw new Error(`cargo failed: ${fs.readFileSync(r.buildError.logFile, 'utf8').slice(-4000)}`);
  if (!r.libPath) throw new Error(renderDiagnostics(r.diagnostics, r.sources));
  return { libPath: r.libPath, manifest: r.manifest };
}

/**
 * JSON text for test arguments. `bigint` values print as exact integers; numbers in a
 * parameter annotated with float print with a fraction, so that CPython receives a float.
 */
export function argsJson(args: Record<string, unknown>, annotations: Record<string, string> = {}): string {
  const enc = (v: unknown, float: boolean): string => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number') return float && /^-?\d+$/.test(String(v)) ? `${v}.0` : JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map((x) => enc(x, float)).join(',')}]`;
    if (v && typeof v === 'object')
      return `{${Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}:${enc(x, float)}`)
        .join(',')}}`;
    return JSON.stringify(v);
  };
  return `{${Object.entries(args)
    .map(([k, v]) => `${JSON.stringify(k)}:${enc(v, /\bfloat\b/.test(annotations[k] ?? ''))}`)
    .join(',')}}`;
}

/**
 * Parses value JSON keeping integers exact: an integer literal of 16 or more digits becomes
 * a `bigint`, which JS numbers cannot hold.
 */
export function parseExact(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && /[-\d]/.test(c)) {
      const lit = m[0];
      out += !m[1] && !m[2] && lit.replace('-', '').length >= 16 ? `{"__bigint":"${lit}"}` : lit;
      i += lit.length;
      continue;
    }
    out += c;
    i++;
  }
  return JSON.parse(out, (_k, v: unknown) =>
    v && typeof v === 'object' && '__bigint' in v ? BigInt((v as { __bigint: string }).__bigint) : v,
  );
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

export async function runNative(
  libPath: string,
  fn: string,
  args: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Promise<Outcome> {
  await ensureTools(() => undefined);
  const p = spawnSync(runnerPath(), [libPath, fn, argsJson(args, annotations)], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (p.status === 0) {
    const lines = p.stdout.trim().split('\n');
    return { ok: parseExact(lines[lines.length - 1]!) };
  }
  const msg = p.stderr.trim();
  // `error` alone is `re.error` (CPython 3.11's class name), printed as `error: message`; an
  // exception class the module defines prints its own name (`ParseError: ...`).
  const m = /^(?:error: )?([A-Za-z_]\w*)(?::\s?([\s\S]*))?$/.exec(msg);
  return { error: { type: m ? m[1]! : `exit ${p.status}`, message: m ? (m[2] ?? '') : msg } };
}

export function runPython(calls: (Call & { annotations?: Record<string, string> })[]): Outcome[] {
  const input = `[${calls.map((c) => `{"file":${JSON.stringify(c.file)},"function":${JSON.stringify(c.function)},"args":${argsJson(c.args, c.annotations)}}`).join(',')}]`;
  const p = spawnSync('python3', [path.join(REPO_ROOT, 'tools', 'reference', 'pyrun.py')], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (p.status !== 0) throw new Error(`pyrun.py failed: ${p.stderr}`);
  return parseExact(p.stdout) as Outcome[];
}

/**
 * CPython's outcomes for a corpus file that needs a library CI lacks (torch): recorded once, next to the file, as
 * `<name>.recorded.json` by tools/tensor/record_corpus.py. Undefined when the file has no recording. A recording whose
 * calls differ from the file's `# case:` calls is stale, and says how to renew it.
 */
export function recordedOutcomes(file: string, calls: Call[]): Outcome[] | undefined {
  const rec = file.replace(/\.py$/, '.recorded.json');
  if (!fs.existsSync(rec)) return undefined;
  const data = parseExact(fs.readFileSync(rec, 'utf8')) as {
    calls: { function: string; args: unknown; outcome: Outcome }[];
  };
  const key = (c: { function: string; args: unknown }): string => `${c.function} ${show(c.args)}`;
  const stale =
    data.calls.length !== calls.length ||
    data.calls.some((c, i) => key(c) !== key({ function: calls[i]!.function, args: parseExact(show(calls[i]!.args)) }));
  if (stale)
    throw new Error(
      `${path.basename(rec)} does not match the # case: calls; run /work/venvs/ml/bin/python tools/tensor/record_corpus.py ${path.relative(REPO_ROOT, file)}`,
    );
  return data.calls.map((c) => c.outcome);
}

/** Undefined when the two values agree; otherwise where and how they differ. */
export function compareValues(expected: unknown, actual: unknown, at = '$', atol = 0): string | undefined {
  if (typeof expected === 'bigint' || typeof actual === 'bigint') {
    return BigInt(expected as number) === BigInt(actual as number)
      ? undefined
      : `${at}: expected ${String(expected)}, got ${String(actual)}`;
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (expected === actual) return undefined;
    const tol = Math.max(1e-5 * Math.max(Math.abs(expected), Math.abs(actual), 1e-30), atol);
    return Math.abs(expected - actual) <= tol ? undefined : `${at}: expected ${expected}, got ${actual}`;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${at}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = compareValues(expected[i], actual[i], `${at}[${i}]`, atol);
      if (d) return d;
    }
    return undefined;
  }
  if (
    expected &&
    actual &&
    typeof expected === 'object' &&
    typeof actual === 'object' &&
    !Array.isArray(expected) &&
    !Array.isArray(actual)
  ) {
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    if (ek.join('\0') !== ak.join('\0')) return `${at}: expected keys ${JSON.stringify(ek)}, got ${JSON.stringify(ak)}`;
    for (const k of ek) {
      const d = compareValues(
        (expected as Record<string, unknown>)[k],
        (actual as Record<string, unknown>)[k],
        `${at}.${k}`,
        atol,
      );
      if (d) return d;
    }
    return undefined;
  }
  return show(expected) === show(actual) ? undefined : `${at}: expected ${show(expected)}, got ${show(actual)}`;
}

/** `atol`: an absolute float tolerance besides the relative 1e-5 (results that agree only to rounding near 0). */
export function compareOutcomes(expected: Outcome, actual: Outcome, atol = 0): string | undefined {
  if ('error' in expected) {
    if (!('error' in actual))
      return `CPython raised ${expected.error.type}: ${expected.error.message}, compiled code returned ${show(actual.ok)}`;
    return expected.error.type === actual.error.type
      ? undefined
      : `CPython raised ${expected.error.type}: ${expected.error.message}, compiled code raised ${actual.error.type}: ${actual.error.message}`;
  }
  if ('error' in actual) {
    // Ingot's int is 64-bit by design: where CPython's result needs a bigger int, OverflowError is the agreed answer.
    if (actual.error.type === 'OverflowError' && outOfI64(expected.ok)) return undefined;
    return `CPython returned ${show(expected.ok)}, compiled code raised ${actual.error.type}: ${actual.error.message}`;
  }
  return compareValues(expected.ok, actual.ok, '$', atol);
}

function outOfI64(v: unknown): boolean {
  if (typeof v === 'bigint') return v < I64_MIN || v > I64_MAX;
  if (Array.isArray(v)) return v.some(outOfI64);
  if (v && typeof v === 'object') return Object.values(v).some(outOfI64);
  return false;
}

function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/** `# case: {...}` comments directly above a `def` give that function's test calls. */
export function readCases(file: string): Call[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const calls: Call[] = [];
  let pending: Record<string, unknown>[] = [];
  for (const line of lines) {
    const c = /^#\s*case:\s*(\{.*\})\s*$/.exec(line);
    if (c) {
      pending.push(JSON.parse(c[1]!) as Record<string, unknown>);
      continue;
    }
    const d = /^def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(line);
    if (d) {
      for (const args of pending) calls.push({ file, function: d[1]!, args });
      pending = [];
    }
  }
  return calls;
}
