// Where Ingot's cache and the shared cargo target dir are.

import * as os from 'node:os';
import * as path from 'node:path';

/** Ingot's cache folder: `$INGOT_CACHE_DIR`, else `~/.cache/ingot`. */
export function cacheHome(): string {
  return process.env.INGOT_CACHE_DIR || path.join(os.homedir(), '.cache', 'ingot');
}

/** The one cargo target dir every Ingot crate builds into: `$INGOT_CARGO_TARGET_DIR`, else `<cache>/target`. */
export function sharedTargetDir(): string {
  return process.env.INGOT_CARGO_TARGET_DIR || path.join(cacheHome(), 'target');
}
