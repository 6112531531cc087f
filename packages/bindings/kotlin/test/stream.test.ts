// Generator functions as kotlinx.coroutines Flows: generate the `gen` fixture's package (its JVM jar built with kotlinc,
// kotlinx-coroutines from Maven Central on the class path), run test/jvm/StreamMain.kt on the JVM and check what it printed.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { coroutinesJar, generateKotlinPackage, jnaJar, runKotlinc } from '../src';

const FIXTURE = path.join(__dirname, '..', '..', 'node', 'test', 'fixtures', 'gen');
// One folder per checkout: generated crates record absolute paths into the repository.
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-kotlin-stream-test-${require('node:crypto')
    .createHash('sha1')
    .update(path.resolve(__dirname, '..', '..', '..', '..'))
    .digest('hex')
    .slice(0, 8)}`,
);

let lines: Map<string, string>;
let packageDir: string;
let scratch: string;

beforeAll(async () => {
  const r = await generateKotlinPackage({ compileDir: FIXTURE, outDir: OUT });
  if (!r.jar) throw new Error('the JVM jar was not built');
  packageDir = r.packageDir;
  const cp = [r.jar, await jnaJar(() => {}), await coroutinesJar(() => {})];
  scratch = mkdtempSync(path.join(os.tmpdir(), 'ingot-kt-stream-'));
  const mainJar = path.join(scratch, 'main.jar');
  await runKotlinc(
    [path.join(__dirname, 'jvm', 'StreamMain.kt'), '-include-runtime', '-cp', cp.join(path.delimiter), '-d', mainJar],
    scratch,
    () => {},
  );
  const run = spawnSync('java', ['-cp', [mainJar, ...cp].join(path.delimiter), 'StreamMainKt'], {
    cwd: scratch,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`java exited ${run.status}: ${run.stderr}`);
  lines = new Map(
    run.stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

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
