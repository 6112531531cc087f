// The OpenAI surfaces are specified once and run everywhere: every surface has a cases file with cases, every cases
// file belongs to a surface, every client has a conformance runner that goes through the shared harness (which walks
// every surface), and the typed clients (Kotlin, Swift) have a call adapter for every surface, so none is skipped.

import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { openai } from '@ingot/contract';
import { PENDING, RUNNERS, surfacesFor } from './harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('OpenAI surfaces', () => {
  test('every surface has a cases file with cases, and every cases file is a surface', () => {
    const files = readdirSync(openai.CASES_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(openai.SURFACES.map((s) => s.casesFile).sort());
    for (const s of openai.SURFACES) {
      const f = openai.loadCaseFile(s.casesFile);
      expect(f.surface).toBe(s.name);
      expect(f.cases.length).toBeGreaterThan(0);
    }
  });

  test('each case has a unique id and exactly one expectation (a response or an error)', () => {
    for (const s of openai.SURFACES) {
      const f = openai.loadCaseFile(s.casesFile);
      const ids = f.cases.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of f.cases)
        expect([c.id, (c.response === undefined) !== (c.error === undefined)]).toEqual([c.id, true]);
    }
  });

  test.each(Object.entries(RUNNERS))('the %s client has a conformance runner on the shared harness', (client, file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    // Swift cannot run here: its runner generates the XCTest file from the harness's surfaces instead of calling it.
    expect(text).toMatch(client === 'swift' ? /surfacesFor\('swift'\)\.map/ : /conformanceSuite\(/);
    // No runner filters cases by id or surface: the harness (and the cases' own `typed` flag) decides what runs.
    expect(text).not.toMatch(/\.id\s*===|surface\s*===|\.skip\(/);
  });

  test('the typed clients have a call for every surface they implement', async () => {
    const kotlin = await import(path.join(ROOT, 'packages/bindings/kotlin/test/conformanceCalls'));
    const swift = await import(path.join(ROOT, 'packages/bindings/swift/test/conformanceCalls'));
    for (const [runner, table] of [
      ['kotlin', kotlin.KOTLIN_CALLS],
      ['swift', swift.SWIFT_CALLS],
    ] as const)
      expect(Object.keys(table).sort()).toEqual(
        surfacesFor(runner)
          .map((s) => s.name)
          .sort(),
      );
  });

  test('what is pending is named: every entry is a runner and a surface, and the server and Node pend nothing', () => {
    const names = openai.SURFACES.map((s) => s.name as string);
    for (const [runner, surfaces] of Object.entries(PENDING)) {
      expect(Object.keys(RUNNERS)).toContain(runner);
      for (const s of surfaces ?? []) expect(names).toContain(s);
    }
    // The server and the Node client share the runtime: they implement every surface the day it is added.
    expect([PENDING.server, PENDING.node]).toEqual([undefined, undefined]);
  });
});

describe('one implementation for the server and the Node client', () => {
  test('the runtime imports nothing, so it runs alone inside a generated package', () => {
    expect(readFileSync(openai.RUNTIME_JS, 'utf8')).not.toMatch(/\brequire\(|\bimport\s/);
  });

  test('the server and the Node client template reach the runtime, and keep no validation of their own', () => {
    const engine = readFileSync(path.join(ROOT, 'packages/server/src/engine.ts'), 'utf8');
    expect(engine).toMatch(/openai\.parseEmbeddingsRequest\(/);
    expect(engine).toMatch(/openai\.answerEmbeddings\(/);
    expect(engine).toMatch(/openai\.parseChatRequest\(/);
    const client = readFileSync(path.join(ROOT, 'bindings-templates/node/client.js'), 'utf8');
    expect(client).toMatch(/require\('\.\/openai\.js'\)/);
    expect(client).toMatch(/openai\.createChatCompletion\(/);
    // Code, not comments: neither names a request field, so neither can check one differently.
    const code = (t: string) => t.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    for (const text of [engine, client])
      expect(code(text)).not.toMatch(
        /encoding_format|\bdimensions\b|max_completion_tokens|\bmax_tokens\b|stream_options|\btop_p\b|\btemperature\b/,
      );
  });
});
