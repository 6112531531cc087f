// A binding's build over a compiled crate, in the shared target dir (@ingot/cargo): it takes the compiled crate's library
// lock, the one `ingot compile` takes, and rebuilds the crates whose files it uses.

import * as path from 'node:path';
import { touchSources, withBuildLock } from '@ingot/cargo';
import type { CompiledCrate } from './compiledCrate';

export { withBuildLock } from '@ingot/cargo';

/**
 * Runs a cargo build of a binding crate over `compiled` (and what it does with the files the build wrote): it holds the
 * compiled crate's library lock and first touches the compiled crate's lib.rs and each of `ownLibRs` (the binding crate's
 * own, whose library name the same module's packages elsewhere share), so cargo rebuilds them from these sources whatever
 * another folder's build of the same names left in the target dir.
 */
export function withCompiledCrateBuild<T>(
  compiled: CompiledCrate,
  ownLibRs: string[],
  log: (l: string) => void,
  body: () => Promise<T>,
): Promise<T> {
  return withBuildLock(compiled.libName, log, async () => {
    await touchSources([path.join(compiled.dir, 'src', 'lib.rs'), ...ownLibRs]);
    return body();
  });
}
