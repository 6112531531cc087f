// Where the repository's own files are, seen from this package (the same depth from src/ and from dist/).

import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The one cargo target dir every Ingot crate builds into (docs/contracts.md), the compiler's `cargoTargetDir()`. */
export function sharedTargetDir(): string {
  return (
    process.env.INGOT_CARGO_TARGET_DIR ||
    path.join(process.env.INGOT_CACHE_DIR || path.join(os.homedir(), '.cache', 'ingot'), 'target')
  );
}
