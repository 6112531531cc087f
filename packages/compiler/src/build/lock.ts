/**
 * A lock file per library name in the shared target dir. Cargo serialises builds in one target
 * dir, but the artifact it leaves, `release/lib<name>.so`, has the same path for every crate with
 * that library name: two `ingot` processes compiling different functions of the same module could
 * each copy out the other's library. Build-and-copy therefore holds this lock.
 */
import { mkdir, open, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { cargoTargetDir } from './paths';

/** A lock older than this belongs to a process that died (a cold build takes well under it). */
const STALE_MS = 30 * 60 * 1000;

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
      const age = await stat(file).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) {
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
