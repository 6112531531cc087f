// The conformance cases as data, and the one check every runner applies. A case is a request body and either the
// expected response or the expected error (status, type, param, code: the message is each language's own words).
// Runners: the server (HTTP and the official `openai` npm and Python clients), the Node client (packages/bindings/node),
// the Python client (a pip-installed wheel), the Kotlin client (JVM) and the Swift client (a generated XCTest file).
// Each runner turns what its client gave back into an `Outcome` and calls `checkOutcome`, so the languages are held to
// one standard and a disagreement between them is a failing case.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The folder of the cases files, the same two levels up from src/openai and dist/openai. */
export const CASES_DIR = path.resolve(__dirname, '..', '..', 'cases', 'openai');

export interface ExpectedError {
  status: number;
  type: string;
  param: string | null;
  code: string | null;
}

export interface ConformanceCase {
  id: string;
  about: string;
  /** The request body, `$repeat` already expanded. */
  request: Record<string, unknown>;
  /** False when a statically typed client API (Kotlin, Swift) cannot express the request. */
  typed?: boolean;
  /** True when the expectation follows from the fixture itself (its manifest or its output), not the rules alone. */
  fixture_dependent?: boolean;
  response?: unknown;
  error?: ExpectedError;
}

export interface CaseFile {
  surface: string;
  about: string;
  fixture: { compile_dir: string; model: string; about: string };
  tolerance: number;
  cases: ConformanceCase[];
}

export type Outcome = { response: unknown } | { error: ExpectedError };

/**
 * `{"$repeat": value, "times": n}` in a request stands for an array of n copies, and with `"join": ""` for the string
 * of n copies of a string (keeps large requests readable).
 */
function expand(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(expand);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('$repeat' in o && typeof o.join === 'string') return new Array(o.times as number).fill(o.$repeat).join(o.join);
    if ('$repeat' in o) return new Array(o.times as number).fill(expand(o.$repeat));
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, expand(x)]));
  }
  return v;
}

export function loadCaseFile(file: string): CaseFile {
  const raw = JSON.parse(readFileSync(path.join(CASES_DIR, file), 'utf8')) as CaseFile;
  return { ...raw, cases: raw.cases.map((c) => ({ ...c, request: expand(c.request) as Record<string, unknown> })) };
}

/** The little-endian f32 values of a base64 string. */
export function decodeBase64F32(s: string): number[] {
  const b = Buffer.from(s, 'base64');
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i += 4) out.push(b.readFloatLE(i));
  return out;
}

/**
 * Compares what a client gave back with the case. Numbers compare within the file's tolerance; a base64 embedding
 * compares by its decoded floats (so a byte-order or precision slip shows as numbers); object keys starting with `_`
 * (Ingot's extensions, `_ingot`) are ignored. Values each answer makes afresh (a completion's `id` and `created`) are
 * written as matchers: `{"$match": regex}` for a string, `{"$integer": true}` for any integer. A streamed answer is
 * the array of its chunks. Returns the problems, empty when the case passes.
 */
export function checkOutcome(file: CaseFile, c: ConformanceCase, outcome: Outcome): string[] {
  const problems: string[] = [];
  if (c.error) {
    if (!('error' in outcome)) return [`expected error ${JSON.stringify(c.error)}, got a response`];
    for (const k of ['status', 'type', 'param', 'code'] as const)
      if (outcome.error[k] !== c.error[k])
        problems.push(`error.${k}: expected ${JSON.stringify(c.error[k])}, got ${JSON.stringify(outcome.error[k])}`);
    return problems;
  }
  if (!('response' in outcome)) return [`expected a response, got error ${JSON.stringify(outcome.error)}`];
  const walk = (want: unknown, got: unknown, at: string): void => {
    if (typeof want === 'string' && typeof got === 'string' && at.endsWith('.embedding')) {
      walk(decodeBase64F32(want), decodeBase64F32(got), `${at}(base64)`);
      return;
    }
    if (typeof want === 'number') {
      if (typeof got !== 'number' || !(Math.abs(got - want) <= file.tolerance))
        problems.push(`${at}: expected ${want}, got ${JSON.stringify(got)}`);
      return;
    }
    if (Array.isArray(want)) {
      if (!Array.isArray(got) || got.length !== want.length) {
        problems.push(
          `${at}: expected an array of ${want.length}, got ${Array.isArray(got) ? got.length : JSON.stringify(got)}`,
        );
        return;
      }
      want.forEach((w, i) => walk(w, got[i], `${at}[${i}]`));
      return;
    }
    if (want && typeof want === 'object' && '$match' in want) {
      const re = new RegExp((want as { $match: string }).$match);
      if (typeof got !== 'string' || !re.test(got))
        problems.push(`${at}: expected a string matching /${re.source}/, got ${JSON.stringify(got)}`);
      return;
    }
    if (want && typeof want === 'object' && '$integer' in want) {
      if (typeof got !== 'number' || !Number.isSafeInteger(got))
        problems.push(`${at}: expected an integer, got ${JSON.stringify(got)}`);
      return;
    }
    if (want && typeof want === 'object') {
      if (!got || typeof got !== 'object' || Array.isArray(got)) {
        problems.push(`${at}: expected an object, got ${JSON.stringify(got)}`);
        return;
      }
      const g = got as Record<string, unknown>;
      const keys = new Set([...Object.keys(want), ...Object.keys(g).filter((k) => !k.startsWith('_'))]);
      for (const k of keys) walk((want as Record<string, unknown>)[k], g[k], `${at}.${k}`);
      return;
    }
    if (want !== got) problems.push(`${at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  walk(c.response, outcome.response, 'response');
  return problems;
}

/** An error a client raised, as an `Outcome`, from any object with the SDK's `status` and `error` fields. */
export function outcomeOfError(e: unknown): Outcome {
  const err = e as { status?: unknown; error?: Partial<ExpectedError> } | null;
  if (!err || typeof err.status !== 'number' || !err.error) throw e;
  return {
    error: {
      status: err.status,
      type: err.error.type ?? '',
      param: err.error.param ?? null,
      code: err.error.code ?? null,
    },
  };
}
