// Generator functions as kotlinx.coroutines Flows: generate the `gen` fixture's package (its JVM jar built with kotlinc,
// kotlinx-coroutines from Maven Central on the class path), run test/jvm/StreamMain.kt on the JVM and check what it printed.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { coroutinesJar } from '../src';
import { runJvmMain } from './jvmMain';

let lines: Map<string, string>;
let packageDir: string;
let cleanup: () => void;

beforeAll(async () => {
  const run = await runJvmMain('gen', 'StreamMain', [await coroutinesJar(() => {})]);
  lines = run.lines;
  cleanup = run.cleanup;
  packageDir = run.packageDir;
});

afterAll(() => cleanup?.());

describe('generator functions are Flows', () => {
  test('items arrive before a later error, which is an IngotException with the "Kind: msg" message', () => {
    expect(lines.get('words.before')).toBe('A,B');
    expect(lines.get('words.error')).toBe('Raised|ValueError: bad word after 2 words');
  });

  test('an early return ends the flow; defaults apply', () => {
    expect(lines.get('words.limit')).toBe('X,Y');
  });

  test('cancelling the collection of an infinite generator is safe', () => {
    expect(lines.get('naturals.take')).toBe('5,6,7');
  });

  test('only the items asked for are computed', () => {
    expect(lines.get('spin.first')).toBe('7');
  });

  test('floats natively, tuples and optional items as value JSON', () => {
    expect(lines.get('halves')).toBe('2.5,1.25,0.625');
    expect(lines.get('pairs')).toBe('[0,"p"];[1,"q"]');
    expect(lines.get('maybe')).toBe('1;null;2');
  });

  test('a flow is cold: each collection runs the generator anew', () => {
    expect(lines.get('cold')).toBe('1,2|1,2');
  });

  test('the Android module depends on kotlinx-coroutines', () => {
    expect(readFileSync(path.join(packageDir, 'build.gradle.kts'), 'utf8')).toMatch(
      /api\("org\.jetbrains\.kotlinx:kotlinx-coroutines-core:\d+\.\d+\.\d+"\)/,
    );
  });
});
