// Taking turns in the shared cargo target dir (docs/contracts.md, "the shared target dir").
//
// cargo gives a path crate that has a cdylib no hash in its file names: every crate whose library is `ingot_images` writes
// `release/libingot_images.so` and `release/deps/libingot_images.rlib`, whichever folder it was built from. Two builds
// that involve crates of one library name (the compiler's build of a module and a binding crate over a copy of it, or the
// Kotlin and Swift uniffi crates of one module) therefore take turns through a lock file per library name,
// `<target>/ingot-locks/<name>.lock`, created exclusively and holding the holder's pid.
//
// Taking turns is not enough on its own: after another crate of the same name was built, this crate's fingerprint in the
// target dir still says fresh, and cargo would link (or copy out) the other crate's files. A build therefore also touches
// the lib.rs of each crate whose files it will use (`touchSources`), so cargo rebuilds those small crates, never the
// runtime under them.

import { mkdir, open, readFile, rm, stat, utimes } from 'node:fs/promises';
import * as path from 'node:path';
import { sharedTargetDir } from './paths';

/** A lock older than this belongs to a process that died (a cold build takes well under it). */
const STALE_MS = 30 * 60 * 1000;
/** The holder writes its pid right after creating the file; an empty lock older than this was never finished. */
const UNWRITTEN_MS = 10 * 1000;

/** Whether a lock file was left by a process that no longer runs (a build stopped with Ctrl-C leaves its lock). */
async function isStale(file: string): Promise<boolean> {
  let text: string;
  let age: number;
  try {
    [text, age] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => Date.now() - s.mtimeMs)]);
  } catch {
    return false; // released meanwhile: the next attempt takes it
  }
  if (age > STALE_MS) return true;
  const pid = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(pid) || pid <= 0) return age > UNWRITTEN_MS;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists but is another user's; only ESRCH says it is gone.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs `body` holding `<target>/ingot-locks/<name>.lock`. A lock left by a process that died is removed (and said so);
 * waiting for a live one is said once.
 */
export async function withBuildLock<T>(name: string, log: (l: string) => void, body: () => Promise<T>): Promise<T> {
  const file = path.join(sharedTargetDir(), 'ingot-locks', `${name}.lock`);
  await mkdir(path.dirname(file), { recursive: true });
  let waited = false;
  for (;;) {
    try {
      const h = await open(file, 'wx');
      await h.write(String(process.pid));
      await h.close();
      break;
    } catch {
      if (await isStale(file)) {
        log(`  removing a stale lock of ${name} (its build was stopped)`);
        await rm(file, { force: true });
        continue;
      }
      if (!waited) {
        log(`  waiting for another build of ${name} in the same target dir`);
        waited = true;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  try {
    return await body();
  } finally {
    await rm(file, { force: true });
  }
}

/** Sets the mtime of each file to now, so cargo rebuilds the crates whose sources they are. */
export async function touchSources(files: string[]): Promise<void> {
  const now = new Date();
  for (const f of files) await utimes(f, now, now);
}
