/**
 * A lock file per library name in the shared target dir. Cargo serialises builds in one target
 * dir, but the artifact it leaves, `release/lib<name>.so`, has the same path for every crate with
 * that library name: two `ingot` processes compiling different functions of the same module could
 * each copy out the other's library. Build-and-copy therefore holds this lock. The binding generators take the same
 * lock files for their builds over a compiled crate (`packages/bindings/common/src/buildLock.ts`, docs/contracts.md).
 */
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { cargoTargetDir } from './paths';

/** A lock older than this belongs to a process that died (a cold build takes well under it). */
const STALE_MS = 30 * 60 * 1000;
/** The holder writes its pid right after creating the file; an empty lock older than this was never finished. */
const UNWRITTEN_MS = 10 * 1000;

/**
 * Whether the lock file is left over from a process that no longer runs: a build stopped with Ctrl-C or killed
 * leaves its lock behind (no `finally` runs on a signal), and the next build must not wait half an hour for it.
 * The pid names a process on this host; a target dir shared between hosts falls back to the age rule.
 */
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

export async function withLibLock<T>(libName: string, log: (l: string) => void, body: () => Promise<T>): Promise<T> {
  const file = path.join(cargoTargetDir(), 'ingot-locks', `${libName}.lock`);
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
        log(`  removing a stale lock of ${libName} (its build was stopped)`);
        await rm(file, { force: true });
        continue;
      }
      if (!waited) {
        log(`  waiting for another build of ${libName} in the same target dir`);
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
