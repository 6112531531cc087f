// The shared setup of the Kotlin tests that run a program on the JVM: generate a fixture's package (its JVM jar built
// with kotlinc), compile test/jvm/<Main>.kt against it and JNA (and any extra jars), run it, and read what it printed as
// `key=value` lines.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKotlinPackage, jnaJar, runKotlinc } from '../src';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
/** The fixtures beside the Node tests (compiler output). */
export const FIXTURES = path.join(REPO, 'packages', 'bindings', 'node', 'test', 'fixtures');

export interface JvmRun {
  /** Each printed `key=value` line, by key. */
  lines: Map<string, string>;
  packageDir: string;
  /** Removes the scratch folder (the package stays, so cargo rebuilds incrementally next time). */
  cleanup: () => void;
}

/**
 * Generates the package of `fixture` into a folder of this checkout's own (generated crates record absolute paths into
 * the repository), then compiles and runs `test/jvm/<main>.kt` with the package's jar, JNA and `extraJars` on the class
 * path.
 */
export async function runJvmMain(fixture: string, main: string, extraJars: string[] = []): Promise<JvmRun> {
  const checkout = createHash('sha1').update(REPO).digest('hex').slice(0, 8);
  const outDir = path.join(os.tmpdir(), `ingot-bindings-kotlin-${fixture}-test-${checkout}`);
  const r = await generateKotlinPackage({ compileDir: path.join(FIXTURES, fixture), outDir });
  if (!r.jar) throw new Error('the JVM jar was not built');
  const cp = [r.jar, await jnaJar(() => {}), ...extraJars];
  const scratch = mkdtempSync(path.join(os.tmpdir(), `ingot-kt-${fixture}-`));
  const cleanup = () => rmSync(scratch, { recursive: true, force: true });
  try {
    const mainJar = path.join(scratch, 'main.jar');
    await runKotlinc(
      [path.join(__dirname, 'jvm', `${main}.kt`), '-include-runtime', '-cp', cp.join(path.delimiter), '-d', mainJar],
      scratch,
      () => {},
    );
    const run = spawnSync('java', ['-cp', [mainJar, ...cp].join(path.delimiter), `${main}Kt`], {
      cwd: scratch,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.status !== 0) throw new Error(`java exited ${run.status}: ${run.stderr}`);
    const lines = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]),
    );
    return { lines, packageDir: r.packageDir, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
