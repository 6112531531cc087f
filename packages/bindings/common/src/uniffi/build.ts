// Building the uniffi crate's cdylib in the shared target dir, and running uniffi-bindgen (library mode) over it.
// uniffi-bindgen is the small bin crate native-rust/uniffi-bindgen, built once into the same target dir.
// Two generators building crates with the same lib name (the same module for two languages) would overwrite each other's
// `release/lib<name>.so`, so build-and-copy holds a lock file per lib name (`../buildLock.ts`).

import { createHash } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { withBuildLock, withCompiledCrateBuild } from '../buildLock';
import type { CompiledCrate } from '../compiledCrate';
import { writeFiles } from '../files';
import { REPO_ROOT, sharedTargetDir } from '../paths';
import { runLogged } from '../run';
import { vendorPathCrates } from '../vendor';
import { emitUniffiCrate } from './emit';
import type { UniffiCrate } from './pass';

export type UniffiLanguage = 'python' | 'kotlin' | 'swift';

const BINDGEN_CRATE = path.join(REPO_ROOT, 'native-rust', 'uniffi-bindgen');

/**
 * Runs `body` holding the lock of one library file name in the shared target dir: cargo writes `release/<file>` for every
 * crate with that lib name, so builds of it (and copies of what they wrote) take turns.
 */
export function withLibraryLock<T>(libraryFile: string, log: (l: string) => void, body: () => Promise<T>): Promise<T> {
  return withBuildLock(libraryFile, log, body);
}

function cargoEnv(): NodeJS.ProcessEnv {
  return { CARGO_TARGET_DIR: sharedTargetDir(), CARGO_TERM_COLOR: 'never' };
}

/**
 * The uniffi crate of a package that must build from the package folder alone (Kotlin's Android module, the Swift
 * package): written to `crateDir` with the compiled crate, ingot-runtime and the crates they depend on by path copied
 * into `crateDir/vendor` and named by relative paths. Returns the manifest of the same crate over the checkout's own
 * crates, which `buildUniffiLibrary` builds instead: the copies would be new packages to cargo, so every generated
 * package would rebuild the runtime crates.
 */
export async function writeSelfContainedUniffiCrate(
  c: UniffiCrate,
  compiled: CompiledCrate,
  crateDir: string,
): Promise<Record<string, string>> {
  const tensor = compiled.tensorDir;
  const copies = await vendorPathCrates(
    [compiled.dir, compiled.runtimeDir, ...(tensor ? [tensor] : [])],
    path.join(crateDir, 'vendor'),
  );
  const rel = (dir: string) => path.relative(crateDir, copies.get(dir)!).split(path.sep).join('/');
  await writeFiles(
    crateDir,
    emitUniffiCrate(c, compiled, {
      lib: 'src/lib.rs',
      compiled: rel(compiled.dir),
      runtime: rel(compiled.runtimeDir),
      tensor: tensor ? rel(tensor) : null,
    }),
  );
  const twin = emitUniffiCrate(c, compiled, {
    lib: path.join(crateDir, 'src', 'lib.rs'),
    compiled: compiled.dir,
    runtime: compiled.runtimeDir,
    tensor,
  });
  return { 'Cargo.toml': twin['Cargo.toml']!, 'Cargo.lock': twin['Cargo.lock']! };
}

/**
 * Builds the crate in `crateDir` (release) over the compiled crate `compiled` and copies its cdylib to `dest`, holding
 * the library locks of both (`../buildLock.ts`). With `twin` (from
 * `writeSelfContainedUniffiCrate`), cargo builds the twin manifest in a folder of the target dir instead, and the lock
 * file it resolved is copied back to `crateDir`, so the package pins exactly what was built.
 */
export async function buildUniffiLibrary(
  c: UniffiCrate,
  compiled: CompiledCrate,
  crateDir: string,
  dest: string,
  log: (l: string) => void,
  twin?: Record<string, string>,
): Promise<string> {
  const target = sharedTargetDir();
  let manifestDir = crateDir;
  if (twin) {
    const tag = createHash('sha1').update(path.resolve(crateDir)).digest('hex').slice(0, 12);
    manifestDir = path.join(target, 'ingot-uniffi', `${c.pkg}-${tag}`);
    await writeFiles(manifestDir, twin);
  }
  await withLibraryLock(c.libraryFile, log, () =>
    withCompiledCrateBuild(compiled, [path.join(crateDir, 'src', 'lib.rs')], log, async () => {
      await runLogged('cargo', ['build', '--release', '--manifest-path', path.join(manifestDir, 'Cargo.toml')], {
        cwd: manifestDir,
        env: cargoEnv(),
        log,
        what: `cargo build (${c.pkg})`,
      });
      await mkdir(path.dirname(dest), { recursive: true });
      await copyFile(path.join(target, 'release', c.libraryFile), dest);
    }),
  );
  if (twin) await copyFile(path.join(manifestDir, 'Cargo.lock'), path.join(crateDir, 'Cargo.lock'));
  return dest;
}

/** Builds native-rust/uniffi-bindgen (a no-op when fresh) and returns the binary's path. */
export async function ensureBindgen(log: (l: string) => void): Promise<string> {
  await runLogged(
    'cargo',
    ['build', '--release', '--locked', '--manifest-path', path.join(BINDGEN_CRATE, 'Cargo.toml')],
    {
      cwd: BINDGEN_CRATE,
      env: cargoEnv(),
      log,
      what: 'cargo build (uniffi-bindgen)',
    },
  );
  return path.join(
    sharedTargetDir(),
    'release',
    process.platform === 'win32' ? 'uniffi-bindgen.exe' : 'uniffi-bindgen',
  );
}

/**
 * `uniffi-bindgen generate <library> --language <lang> --out-dir <dir> --no-format`.
 * It runs in the crate's directory: library mode asks `cargo metadata` there for each crate's uniffi.toml.
 */
export async function runBindgen(
  library: string,
  language: UniffiLanguage,
  outDir: string,
  crateDir: string,
  log: (l: string) => void,
): Promise<void> {
  const bindgen = await ensureBindgen(log);
  await runLogged(bindgen, ['generate', library, '--language', language, '--out-dir', outDir, '--no-format'], {
    cwd: crateDir,
    env: cargoEnv(),
    log,
    what: `uniffi-bindgen (${language})`,
  });
}
