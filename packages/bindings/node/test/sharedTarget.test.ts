// Two builds of one module from different folders share the target dir's unhashed files (docs/contracts.md, "the shared
// target dir"): `twin.py` is compiled twice, each copy returning its own constant, and each compile dir gets its Node
// package, built in turns that would pair one folder's package with the other folder's build if the binding trusted
// cargo's fingerprints. Every package must answer with its own constant.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateNodePackage } from '../src';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const CLI = path.join(REPO, 'packages', 'cli', 'dist', 'main.js');

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'ingot-shared-target-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** `ingot compile` of a module `twin` whose `answer()` returns `n`, in a folder of its own; returns the compile dir. */
function compileTwin(n: number): string {
  const src = path.join(scratch, `src${n}`);
  const out = path.join(scratch, `compiled${n}`);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  writeFileSync(path.join(src, 'twin.py'), `def answer() -> int:\n    return ${n}\n`);
  const r = spawnSync(process.execPath, [CLI, 'compile', path.join(src, 'twin.py'), '--out', out], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`ingot compile failed: ${r.stderr}`);
  return out;
}

function answer(pkg: string): unknown {
  const r = spawnSync(
    process.execPath,
    ['-e', `console.log(JSON.stringify(require(${JSON.stringify(pkg)}).answer()))`],
    {
      cwd: os.tmpdir(),
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim());
}

test('each folder of a module gets a package of its own build, whatever the other folder built last', async () => {
  // Both compiles run before either package: the second one leaves its library files where the first one's were.
  const one = compileTwin(1);
  const two = compileTwin(2);
  const pkgOne = path.join(scratch, 'node1');
  const pkgTwo = path.join(scratch, 'node2');
  await generateNodePackage({ compileDir: one, outDir: pkgOne });
  expect(answer(pkgOne)).toBe(1);
  await generateNodePackage({ compileDir: two, outDir: pkgTwo });
  expect(answer(pkgTwo)).toBe(2);
  // The first folder again, unchanged: its crates' fingerprints still say fresh, but the files are the second's.
  await generateNodePackage({ compileDir: one, outDir: pkgOne });
  expect(answer(pkgOne)).toBe(1);
});
