// Dataclasses, pydantic models and Enums in the Node target: generate the package of the `records` fixture (its crate is
// `ingot compile records.py` output), build it with napi-rs, call it from plain `node` child processes, and type-check
// a TypeScript caller against the generated index.d.ts.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Project } from 'ts-morph';
import { generateNodePackage } from '../src';

const FIXTURE = path.join(__dirname, 'fixtures', 'records');
// A fixed place per checkout, so cargo rebuilds the napi crate incrementally from one run to the next.
const PKG = path.join(
  os.tmpdir(),
  `ingot-bindings-node-records-test-${require('node:crypto')
    .createHash('sha1')
    .update(path.resolve(__dirname, '..', '..', '..', '..'))
    .digest('hex')
    .slice(0, 8)}`,
  'records',
);

beforeAll(async () => {
  await generateNodePackage({ compileDir: FIXTURE, outDir: PKG });
});

/** Runs an async `body` in a fresh node with `m` bound to the package; returns the JSON of what it returns. */
function run(body: string): unknown {
  const script = `const m = require(${JSON.stringify(PKG)}); (async () => { ${body} })().then((v) => console.log(JSON.stringify(v)), (e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: os.tmpdir(), encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** The error a call throws, as `Class: message`. */
function thrown(call: string): unknown {
  return run(`try { ${call}; return null; } catch (e) { return e.constructor.name + ': ' + e.message; }`);
}

describe('struct and enum results are plain values', () => {
  test('a dataclass result is an object of its fields, defaults filled in', () => {
    expect(run(`return [m.best(['a', 'b', 'c'], [0.2, 0.9, 0.5]), m.allMatches(['x', 'y'])];`)).toEqual([
      { label: 'b', score: 0.9, rank: 2 },
      [
        { label: 'x', score: 0.5, rank: 0 },
        { label: 'y', score: 0.5, rank: 0 },
      ],
    ]);
  });

  test('a pydantic result carries its Literal field, an enum field as its value, and a nested optional dataclass', () => {
    expect(run(`return [m.classify(0.9), await m.classifyAsync(0.2)];`)).toEqual([
      { label: 'spam', confidence: 0.9, priority: 2, tags: ['a', 'b'], best: { label: 'top', score: 0.9, rank: 0 } },
      { label: 'ham', confidence: 0.2, priority: 1, tags: ['a', 'b'], best: null },
    ]);
  });

  test('an enum result is its member value; the enum object names the members', () => {
    expect(
      run(
        `return [m.triage(0.9), m.triage(0.1), m.flip('query'), m.flip(m.Task.DOCUMENT), m.Task, m.Priority, Object.isFrozen(m.Task)];`,
      ),
    ).toEqual([2, 1, 'document', 'query', { QUERY: 'query', DOCUMENT: 'document' }, { LOW: 1, HIGH: 2 }, true]);
  });
});

describe('struct and enum arguments', () => {
  test('cross as value JSON: a missing defaulted field takes its default, enum members by value', () => {
    expect(
      run(`return [m.describe({ label: 'z', score: 1.5 }), m.describe({ label: 'z', score: 1.5, rank: 4 }), m.describe(m.best(['q'], [0.25])),
        m.prompt(m.Task.QUERY, 'mars'), m.prompt('document', 'mars'), m.rankOf(m.Priority.HIGH),
        m.explain({ label: 'ham', confidence: 1, priority: 1, tags: ['t'], best: null }), m.explain(m.classify(0.8))];`),
    ).toEqual(['z:1.5:0', 'z:1.5:4', 'q:0.25:1', 'query: mars', 'document: mars', 20, 'ham/LOW/1', 'spam/HIGH/2']);
  });

  test('bad input is a TypeError naming the parameter and the field', () => {
    expect(thrown(`m.describe({ label: 'z' })`)).toBe(
      "TypeError: describe(): argument 'm' is missing field 'score' of Match",
    );
    expect(thrown(`m.describe({ label: 'z', score: 'high' })`)).toBe(
      "TypeError: describe(): argument 'm.score' must be a number, got string",
    );
    expect(thrown(`m.describe({ label: 'z', score: 1, colour: 'red' })`)).toBe(
      'TypeError: describe(): argument \'m\' has no field "colour" (Match has label, score, rank)',
    );
    expect(thrown(`m.describe('z')`)).toBe("TypeError: describe(): argument 'm' must be a Match object, got string");
    expect(thrown(`m.explain({ label: 'eggs', confidence: 1, priority: 1, tags: [], best: null })`)).toBe(
      'TypeError: explain(): argument \'v.label\' must be one of "spam", "ham", got "eggs"',
    );
    expect(thrown(`m.explain({ label: 'ham', confidence: 1, priority: 3, tags: [], best: null })`)).toBe(
      "TypeError: explain(): argument 'v.priority' must be one of 1, 2, got 3",
    );
    expect(
      thrown(`m.explain({ label: 'ham', confidence: 1, priority: 1, tags: [], best: { label: 1, score: 2 } })`),
    ).toBe("TypeError: explain(): argument 'v.best.label' must be a string, got number");
    expect(thrown(`m.prompt('poem', 'mars')`)).toBe(
      'TypeError: prompt(): argument \'task\' must be one of "query", "document", got "poem"',
    );
    expect(run(`try { await m.flipAsync('poem'); return null; } catch (e) { return e.constructor.name; }`)).toBe(
      'TypeError',
    );
  });
});

describe('index.d.ts', () => {
  test('declares an interface per struct, a literal union per enum, and types the functions with them', () => {
    const dts = readFileSync(path.join(PKG, 'index.d.ts'), 'utf8');
    expect(dts).toContain("export type Task = 'query' | 'document';");
    expect(dts).toContain('export type Priority = 1 | 2;');
    expect(dts).toContain("export declare const Task: { readonly QUERY: 'query'; readonly DOCUMENT: 'document' };");
    expect(dts).toMatch(/export interface Match \{\s+label: string;\s+score: number;\s+rank: number;\s+\}/);
    expect(dts).toMatch(
      /export interface MatchInput \{\s+label: string;\s+score: number;\s+\/\*\* Defaults to `0`\. \*\/\s+rank\?: number;\s+\}/,
    );
    expect(dts).toMatch(
      /export interface Verdict \{\s+label: 'spam' \| 'ham';\s+confidence: number;\s+priority: Priority;\s+tags: string\[\];\s+best: Match \| null;\s+\}/,
    );
    expect(dts).toContain('export declare function best(labels: string[], scores: number[]): Match;');
    expect(dts).toContain('export declare function allMatches(labels: string[]): Match[];');
    expect(dts).toContain('export declare function describe(m: MatchInput): string;');
    expect(dts).toContain('export declare function explain(v: VerdictInput): string;');
    expect(dts).toContain('export declare function flip(task: Task): Task;');
    expect(dts).toContain('export declare function triageAsync(score: number): Promise<Priority>;');
  });

  test('a TypeScript caller type-checks, and wrong fields or members do not', () => {
    const project = new Project({ compilerOptions: { strict: true, noEmit: true, types: [] } });
    project.addSourceFileAtPath(path.join(PKG, 'index.d.ts'));
    const use = project.createSourceFile(
      path.join(PKG, 'use.ts'),
      [
        `import { best, classify, describe, flip, Task, type Match, type Priority } from './index';`,
        `const a: Match = best(['x'], [1]);`,
        `const l: 'spam' | 'ham' = classify(0.5).label;`,
        `const p: Priority = classify(0.5).priority;`,
        `const t: Task = flip(Task.QUERY);`,
        `describe({ label: 'x', score: 1 });`,
        `flip('poem');`,
        `describe({ label: 'x' });`,
        `const n: number = classify(0.5).label;`,
      ].join('\n'),
    );
    const lines = use.getPreEmitDiagnostics().map((d) => d.getLineNumber());
    expect(lines).toEqual([7, 8, 9]);
  });
});
