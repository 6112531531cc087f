// What a binding crate needs to know about the compiled crate in `<compileDir>/crate`: its package name (to depend on it by path),
// the runtime crate it uses (so the binding crate names the same one) and its Cargo.lock (so versions stay pinned).

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { exists } from './files';

export interface CompiledCrate {
  dir: string;
  /** `[package] name`, e.g. `ingot-fma` (the compiler) or `fma` (hand-written fixtures). */
  packageName: string;
  /** `[lib] name`, e.g. `ingot_fma`: the name of its library files in the target dir, and of its build lock (`buildLock.ts`). */
  libName: string;
  runtimeDir: string;
  /** The tensor crate (ingot-tensor) the compiled crate uses, when it uses arrays or images; bindings name the same one. */
  tensorDir: string | null;
  lock: string | null;
}

/** The path of the crate `pkg` that the compiled crate depends on, resolved against its directory, or null. */
export function findPathDependency(cargoToml: string, crateDir: string, pkg: string): string | null {
  const p = pkg.replace(/-/g, '\\-');
  const m =
    new RegExp(`^${p}\\s*=\\s*\\{[^}\\n]*\\bpath\\s*=\\s*"([^"]+)"`, 'm').exec(cargoToml) ??
    new RegExp(`^\\w+\\s*=\\s*\\{[^}\\n]*\\bpackage\\s*=\\s*"${p}"[^}\\n]*\\bpath\\s*=\\s*"([^"]+)"`, 'm').exec(
      cargoToml,
    ) ??
    new RegExp(`^\\w+\\s*=\\s*\\{[^}\\n]*\\bpath\\s*=\\s*"([^"]+)"[^}\\n]*\\bpackage\\s*=\\s*"${p}"`, 'm').exec(
      cargoToml,
    );
  return m ? path.resolve(crateDir, m[1]!) : null;
}

/** The runtime path the compiled crate depends on, resolved against its directory. */
export function findRuntimePath(cargoToml: string, crateDir: string): string {
  const found = findPathDependency(cargoToml, crateDir, 'ingot-runtime');
  if (!found) throw new Error(`${crateDir}/Cargo.toml does not depend on ingot-runtime by path`);
  return found;
}

export async function readCompiledCrate(compileDir: string): Promise<CompiledCrate> {
  const dir = path.join(compileDir, 'crate');
  const cargoToml = await readFile(path.join(dir, 'Cargo.toml'), 'utf8').catch(() => {
    throw new Error(`${dir}/Cargo.toml is missing; run \`ingot compile\` first`);
  });
  const pkg = /^\[package\][^[]*?^name\s*=\s*"([^"]+)"/m.exec(cargoToml)?.[1];
  if (!pkg) throw new Error(`${dir}/Cargo.toml has no [package] name`);
  const lockPath = path.join(dir, 'Cargo.lock');
  return {
    dir,
    packageName: pkg,
    libName: /^\[lib\][^[]*?^name\s*=\s*"([^"]+)"/m.exec(cargoToml)?.[1] ?? pkg.replace(/-/g, '_'),
    runtimeDir: findRuntimePath(cargoToml, dir),
    tensorDir: findPathDependency(cargoToml, dir, 'ingot-tensor'),
    lock: (await exists(lockPath)) ? await readFile(lockPath, 'utf8') : null,
  };
}
