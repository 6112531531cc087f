/**
 * The differential corpus: every `# case:` of every file under tests/corpus and of the
 * examples runs through CPython and through the compiled library, and the value JSON must
 * agree (harness/differential.ts says how). A file with a `.recorded.json` beside it (torch code) is compared with
 * the outcomes CPython gave when it was recorded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  compareOutcomes,
  compileFile,
  readCases,
  recordedOutcomes,
  runNative,
  runPython,
  type Call,
} from './harness/differential';

const corpusDir = path.join(__dirname, 'corpus');
const files = [
  ...fs
    .readdirSync(corpusDir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => path.join(corpusDir, f)),
  path.join(__dirname, '..', 'examples', 'fma', 'fma.py'),
  path.join(__dirname, '..', 'examples', 'prefix', 'prefix.py'),
].filter((f) => fs.existsSync(f));

describe.each(files.map((f) => [path.relative(path.join(__dirname, '..'), f), f]))('%s', (_name, file) => {
  const calls: Call[] = readCases(file);
  let libPath: string;
  let expected: ReturnType<typeof runPython>;

  beforeAll(async () => {
    libPath = (await compileFile(file)).libPath;
    // A file that needs torch carries CPython's outcomes recorded with it (CI has no torch).
    expected = recordedOutcomes(file, calls) ?? runPython(calls);
  });

  it('has cases', () => {
    expect(calls.length).toBeGreaterThan(0);
  });

  it.each(calls.map((c, i) => [`${c.function}(${JSON.stringify(c.args)})`, i]))('%s', async (_label, i) => {
    const c = calls[i as number]!;
    const got = await runNative(libPath, c.function, c.args);
    expect(compareOutcomes(expected[i as number]!, got)).toBeUndefined();
  });
});
