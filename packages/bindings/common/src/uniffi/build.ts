// Building the uniffi crate's cdylib in the shared target dir, and running uniffi-bindgen (library mode) over it.
// uniffi-bindgen is the small bin crate native-rust/uniffi-bindgen, built once into the same target dir.
// Two generators building crates with the same lib name (the same module for two languages) would overwrite each other's
// `release/lib<name>.so`, so build-and-copy holds a lock file per lib name.

import { copyFile, mkdir, open, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { REPO_ROOT, sharedTargetDir } from '../paths';
import { runLogged } from '../run';
import type { UniffiCrate } from './pass';

export type UniffiLanguage = 'python' | 'kotlin' | 'swift';

const BINDGEN_CRATE = path.join(REPO_ROOT, 'native-rust', 'uniffi-bindgen');

async function withLock<T>(file: string, body: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      const h = await open(file, 'wx');
      await h.close();
      break;
    } catch {
      // A lock older than 20 minutes belongs to a process that died.
      const age = await stat(file).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 20 * 60 * 1000) await rm(file, { force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await body();
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * Runs `body` holding the lock of the crate's library name in the shared target dir: cargo writes every crate with that
 * lib name to the same `release/lib<name>.so`, so a build and the copy (or packing) of its output must not interleave.
 */
export function withLibraryLock<T>(c: UniffiCrate, body: () => Promise<T>): Promise<T> {
  return withLock(path.join(sharedTargetDir(), 'ingot-locks', `${c.lib}.lock`), body);
}

function cargoEnv(): NodeJS.ProcessEnv {
  return { CARGO_TARGET_DIR: sharedTargetDir(), CARGO_TERM_COLOR: 'never' };
}

/** Builds the crate in `crateDir` (release) and copies its cdylib to `dest`. */
export async function buildUniffiLibrary(
  c: UniffiCrate,
  crateDir: string,
  dest: string,
  log: (l: string) => void,
): Promise<string> {
  const target = sharedTargetDir();
  await withLibraryLock(c, async () => {
    await runLogged('cargo', ['build', '--release', '--manifest-path', path.join(crateDir, 'Cargo.toml')], {
      cwd: crateDir,
      env: cargoEnv(),
      log,
      what: `cargo build (${c.pkg})`,
    });
    await mkdir(path.dirname(dest), { recursive: true });
    await copyFile(path.join(target, 'release', c.libraryFile), dest);
  });
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
