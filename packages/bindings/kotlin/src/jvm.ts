// The JVM side of the Kotlin target: JNA from Maven Central (through the local Maven repository, fetched with `mvn` when
// missing) and kotlinc from the pinned npm package `kotlin-compiler`, used to build the JVM jar and by the tests.

import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { exists, runLogged } from '@ingot/bindings-common';
import { COROUTINES_VERSION, JNA_VERSION } from './versions';

export async function jnaJar(log: (l: string) => void): Promise<string> {
  const jar = path.join(
    os.homedir(),
    '.m2',
    'repository',
    'net',
    'java',
    'dev',
    'jna',
    'jna',
    JNA_VERSION,
    `jna-${JNA_VERSION}.jar`,
  );
  if (!(await exists(jar))) {
    await runLogged('mvn', ['-q', '-B', 'dependency:get', `-Dartifact=net.java.dev.jna:jna:${JNA_VERSION}`], {
      cwd: os.tmpdir(),
      log,
      what: `mvn dependency:get jna ${JNA_VERSION}`,
    });
  }
  return jar;
}

/** kotlinx-coroutines-core for the JVM, from Maven Central like JNA: the jar of a module with generator functions needs it. */
export async function coroutinesJar(log: (l: string) => void): Promise<string> {
  const jar = path.join(
    os.homedir(),
    '.m2',
    'repository',
    'org',
    'jetbrains',
    'kotlinx',
    'kotlinx-coroutines-core-jvm',
    COROUTINES_VERSION,
    `kotlinx-coroutines-core-jvm-${COROUTINES_VERSION}.jar`,
  );
  if (!(await exists(jar))) {
    await runLogged(
      'mvn',
      [
        '-q',
        '-B',
        'dependency:get',
        `-Dartifact=org.jetbrains.kotlinx:kotlinx-coroutines-core-jvm:${COROUTINES_VERSION}`,
        '-Dtransitive=false',
      ],
      {
        cwd: os.tmpdir(),
        log,
        what: `mvn dependency:get kotlinx-coroutines-core-jvm ${COROUTINES_VERSION}`,
      },
    );
  }
  return jar;
}

/** `node_modules/kotlin-compiler/bin/kotlinc`, or null when the package is not installed. */
export function kotlincPath(): string | null {
  try {
    return path.join(path.dirname(require.resolve('kotlin-compiler/package.json')), 'bin', 'kotlinc');
  } catch {
    return null;
  }
}

export async function runKotlinc(args: string[], cwd: string, log: (l: string) => void): Promise<void> {
  const kotlinc = kotlincPath();
  if (!kotlinc) throw new Error('kotlinc not found: install the root devDependency kotlin-compiler');
  await runLogged(kotlinc, ['-nowarn', ...args], { cwd, log, what: 'kotlinc' });
}

/** Adds `files` (paths relative to `baseDir`; a folder adds its tree) to a jar with the JDK's `jar` tool; `store` skips compression. */
export function addToJar(jar: string, baseDir: string, files: string[], opts: { store?: boolean } = {}): void {
  const r = spawnSync('jar', [opts.store ? 'u0f' : 'uf', jar, ...files.flatMap((f) => ['-C', baseDir, f])], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`jar uf failed: ${r.stderr || r.error?.message}`);
}
