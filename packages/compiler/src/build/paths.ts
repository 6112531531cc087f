/**
 * Where things live: the repository's native-rust workspace (the runtime and the tools),
 * the shared cargo target dir, and Ingot's cache. Every path the build uses comes from here.
 */
import * as path from 'node:path';

/** The repository root: this file is packages/compiler/{src,dist}/build/paths.*. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const NATIVE_RUST = path.join(REPO_ROOT, 'native-rust');
export const RUNTIME_CRATE = path.join(NATIVE_RUST, 'runtime');

/** Ingot's cache and the one cargo target dir for every crate Ingot builds (@ingot/cargo). */
export { cacheHome, sharedTargetDir as cargoTargetDir } from '@ingot/cargo';

export function libFileName(libName: string): string {
  if (process.platform === 'darwin') return `lib${libName}.dylib`;
  if (process.platform === 'win32') return `${libName}.dll`;
  return `lib${libName}.so`;
}

export function exeName(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}
