/**
 * The op registry's reference tests: every entry's snippets are compiled into one module and
 * run through CPython and through the compiled code with the same inputs. A snippet that
 * does not compile, or any sample whose results differ, fails that entry's test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allOps, frontend, parseSourceSpec, renderDiagnostics } from '@ingot/compiler';
import { argsJson, compareOutcomes, compileFile, runNative, runPython } from './harness/differential';

interface Snippet {
  op: string;
  fn: string;
  params: string[];
  annotations: Record<string, string>;
  samples: unknown[][];
  source: string;
  /** What CPython runs: the snippet itself, a numpy reference function, or nothing (recorded outcomes). */
  pySource?: string;
  recorded?: unknown[];
  /** An absolute float tolerance besides the relative one (`OpTest.atol`). */
  atol?: number;
}

/**
 * The property fence: besides its fixed samples, every snippet whose parameters are plain
 * Python types gets RANDOM_SAMPLES inputs drawn by a seeded generator, so the run is repeatable
 * and a failure names the exact input. Ints stay small (overflow has its own fixed samples).
 */
const RANDOM_SAMPLES = 6;

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const ALPHABET = ['a', 'b', 'Z', ' ', ',', '.', '1', 'é', 'ß', '日', '🙂', '-', '\t', 'İ'];

function draw(annotation: string, r: () => number): unknown | undefined {
  const list = /^list\[(.+)\]$/.exec(annotation);
  if (list) {
    const n = Math.floor(r() * 5);
    const items: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const v = draw(list[1]!, r);
      if (v === undefined) return undefined;
      items.push(v);
    }
    return items;
  }
  switch (annotation) {
    case 'int':
      return Math.floor(r() * 41) - 20;
    case 'float': {
      const k = r();
      if (k < 0.08) return 0;
      if (k < 0.12) return -0.5;
      return Math.round((r() * 200 - 100) * 1000) / 1000;
    }
    case 'bool':
      return r() < 0.5;
    case 'str':
      return Array.from({ length: Math.floor(r() * 7) }, () => ALPHABET[Math.floor(r() * ALPHABET.length)]).join('');
    default:
      return undefined;
  }
}

function randomSamples(fn: string, params: string[], annotations: Record<string, string>): unknown[][] {
  let seed = 0;
  for (const c of fn) seed = (seed * 31 + c.charCodeAt(0)) >>> 0;
  const r = rng(seed);
  const out: unknown[][] = [];
  for (let i = 0; i < RANDOM_SAMPLES; i++) {
    const sample = params.map((p) => draw(annotations[p]!, r));
    if (sample.some((v) => v === undefined)) return [];
    out.push(sample);
  }
  return out;
}

const snippets: Snippet[] = [];
const imports = new Set<string>(['import math', 'from typing import Optional', 'import numpy as np']);
const indent = (body: string): string =>
  body
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
// INGOT_REGISTRY_OPS=<regex> keeps only the ops whose id matches (a family's tests without compiling every snippet).
const only = process.env.INGOT_REGISTRY_OPS ? new RegExp(process.env.INGOT_REGISTRY_OPS) : undefined;
allOps().forEach((op, i) => {
  if (only && !only.test(op.id)) return;
  op.tests.forEach((t, j) => {
    const fn = `t${i}_${j}_${op.id.replace(/[^A-Za-z0-9]+/g, '_')}`;
    const params = Object.keys(t.params);
    const sig = params.map((p) => `${p}: ${t.params[p]}`).join(', ');
    const body = t.body ?? `return ${t.expr}`;
    const source = `def ${fn}(${sig})${t.returns ? ` -> ${t.returns}` : ''}:\n${indent(body)}\n`;
    for (const imp of t.imports ?? []) imports.add(imp);
    // Snippets CPython cannot run (torch) carry a numpy reference or recorded outcomes.
    const pySource = t.recorded
      ? undefined
      : t.reference
        ? `def ${fn}(${params.join(', ')}):\n${indent(t.reference.includes('\n') ? t.reference : `return ${t.reference}`)}\n`
        : source;
    // Recorded (torch) snippets keep their fixed samples only: their expectations come from a recording.
    const samples = t.recorded || t.deviation ? t.samples : [...t.samples, ...randomSamples(fn, params, t.params)];
    snippets.push({
      op: op.id,
      fn,
      params,
      annotations: t.params,
      samples,
      source,
      pySource,
      recorded: t.recorded,
      atol: t.atol,
    });
  });
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-registry-'));
const header = `${[...imports].join('\n')}\n\n`;
// CPython's file imports only what CI has (no torch, no torchvision).
const pyHeader = `${[...imports].filter((l) => !/\btorch(vision)?\b/.test(l)).join('\n')}\n\n`;

describe('op registry reference tests', () => {
  const compiles = new Map<string, string | undefined>();
  let libPath: string | undefined;
  let expected: Map<string, unknown> = new Map();

  beforeAll(async () => {
    // Check each snippet alone first, so one unsupported snippet fails only its own test.
    for (const s of snippets) {
      const f = path.join(dir, `${s.fn}.py`);
      fs.writeFileSync(f, header + s.source);
      const r = await frontend(parseSourceSpec(`${f}:${s.fn}`));
      compiles.set(s.fn, r.typed ? undefined : renderDiagnostics(r.diagnostics, r.sources));
    }
    const ok = snippets.filter((s) => compiles.get(s.fn) === undefined);
    const file = path.join(dir, 'ops.py');
    fs.writeFileSync(file, header + ok.map((s) => s.source).join('\n\n'));
    libPath = (await compileFile(file)).libPath;
    const pyFile = path.join(dir, 'ops_reference.py');
    const py = ok.filter((s) => s.pySource !== undefined);
    fs.writeFileSync(pyFile, pyHeader + py.map((s) => s.pySource).join('\n\n'));
    const calls = py.flatMap((s) =>
      s.samples.map((sample) => ({
        file: pyFile,
        function: s.fn,
        annotations: s.annotations,
        args: Object.fromEntries(s.params.map((p, k) => [p, sample[k]])),
      })),
    );
    const results = runPython(calls);
    expected = new Map(calls.map((c, k) => [`${c.function}:${argsJson(c.args)}`, results[k]]));
    for (const s of ok) {
      if (!s.recorded) continue;
      s.samples.forEach((sample, k) =>
        expected.set(`${s.fn}:${argsJson(Object.fromEntries(s.params.map((p, m) => [p, sample[m]])))}`, s.recorded![k]),
      );
    }
  });

  it.each(snippets.map((s) => [s.op, s.fn, s] as const))('%s (%s)', async (_op, _fn, s) => {
    expect(compiles.get(s.fn)).toBeUndefined();
    if (s.recorded) expect({ recorded: s.recorded.length }).toEqual({ recorded: s.samples.length }); // else run tools/tensor/record_torch.py
    for (const sample of s.samples) {
      const args = Object.fromEntries(s.params.map((p, k) => [p, sample[k]]));
      const want = expected.get(`${s.fn}:${argsJson(args)}`) as Parameters<typeof compareOutcomes>[0];
      const got = await runNative(libPath!, s.fn, args, s.annotations);
      const diff = compareOutcomes(want, got, s.atol);
      expect({ args: argsJson(args), diff }).toEqual({ args: argsJson(args), diff: undefined });
    }
  });
});
