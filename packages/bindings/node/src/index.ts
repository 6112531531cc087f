// The Node binding generator: `ingot compile` output (manifest.json + crate/) in, an npm package directory out.
// Order: read the manifest, check it against the Node capability table, run the target pass, emit the napi crate,
// build it with napi-rs, then emit the JS loader, the typed d.ts, the package manifests and the README around the addon.
// The compiler hands on a finished crate; this package never reads Python or the compiler's IR.

import { access, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { copyTree, readManifest } from '@ingot/bindings-common';
import { checkCapabilities } from './capabilities';
import { lowerNodeBinding, type NodeBinding } from './pass';
import { emitRustCrate } from './emit/rustCrate';
import { emitIndexJs } from './emit/indexJs';
import { emitIndexDts } from './emit/indexDts';
import { emitPackageFiles, nodeFileName } from './emit/packageFiles';
import { runNapiBuild } from './build';
import { nodeTemplates } from './templates';

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

export { nodeCapabilities, checkCapabilities } from './capabilities';
export { lowerNodeBinding } from './pass';
export type { NodeBinding } from './pass';
export { NAPI_VERSION, NAPI_DERIVE_VERSION, NAPI_BUILD_VERSION } from './versions';

export interface GenerateNodePackageOptions {
  /** The output directory of `ingot compile`: `manifest.json` and `crate/`. */
  compileDir: string;
  /** Where the package goes (e.g. `dist/<project>/node`); the napi crate is written to `<outDir>/native`. */
  outDir: string;
  /** npm package name; defaults to the module name. */
  projectName?: string;
  /** Progress lines (cargo's output included). */
  log?: (line: string) => void;
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    // Unchanged files keep their mtime, so cargo does not rebuild the addon for nothing.
    if ((await exists(file)) && (await readFile(file, 'utf8')) === text) continue;
    await writeFile(file, text);
  }
}

/** The runtime path the compiled crate depends on, resolved against its directory. */
function findRuntimePath(cargoToml: string, crateDir: string): string {
  const m =
    /^ingot-runtime\s*=\s*\{[^}\n]*\bpath\s*=\s*"([^"]+)"/m.exec(cargoToml) ??
    /^\w+\s*=\s*\{[^}\n]*\bpackage\s*=\s*"ingot-runtime"[^}\n]*\bpath\s*=\s*"([^"]+)"/m.exec(cargoToml) ??
    /^\w+\s*=\s*\{[^}\n]*\bpath\s*=\s*"([^"]+)"[^}\n]*\bpackage\s*=\s*"ingot-runtime"/m.exec(cargoToml);
  if (!m) throw new Error(`${crateDir}/Cargo.toml does not depend on ingot-runtime by path`);
  return path.resolve(crateDir, m[1]);
}

export async function generateNodePackage(
  opts: GenerateNodePackageOptions,
): Promise<{ packageDir: string; binding: NodeBinding }> {
  const log = opts.log ?? (() => {});
  const compileDir = path.resolve(opts.compileDir);
  const outDir = path.resolve(opts.outDir);
  const manifest = await readManifest(path.join(compileDir, 'manifest.json'));

  const problems = checkCapabilities(manifest);
  if (problems.length) {
    throw new Error(
      `the Node target cannot bind ${manifest.name}:\n` +
        problems.map((p) => `  ${p.functionName}(): ${p.where}: ${p.message}`).join('\n'),
    );
  }
  const binding = lowerNodeBinding(manifest, { projectName: opts.projectName });
  await nodeTemplates.load();
  log(`node: ${binding.packageName} (${binding.functions.length} function(s)) -> ${outDir}`);

  const crateDir = path.join(compileDir, 'crate');
  const cargoToml = await readFile(path.join(crateDir, 'Cargo.toml'), 'utf8');
  const lockPath = path.join(crateDir, 'Cargo.lock');
  const nativeDir = path.join(outDir, 'native');
  await writeFiles(
    nativeDir,
    emitRustCrate(binding, {
      compiledCrateDir: crateDir,
      runtimeDir: findRuntimePath(cargoToml, crateDir),
      compiledLock: (await exists(lockPath)) ? await readFile(lockPath, 'utf8') : null,
    }),
  );

  if (binding.hasResources) {
    log(`node: placing model files in ${path.join(outDir, 'resources')}`);
    await copyTree(path.join(compileDir, 'resources'), path.join(outDir, 'resources'));
  }
  const packageFiles = emitPackageFiles(binding);
  await writeFiles(outDir, packageFiles);
  const built = await runNapiBuild({
    crateDir: nativeDir,
    packageJsonPath: path.join(outDir, 'package.json'),
    expectedNodeFile: path.join(nativeDir, nodeFileName(binding)),
    log,
  });
  await copyFile(built, path.join(outDir, nodeFileName(binding)));
  await copyFile(built, path.join(outDir, 'npm', binding.platform.key, nodeFileName(binding)));

  await writeFiles(outDir, {
    'index.js': emitIndexJs(binding),
    'index.d.ts': emitIndexDts(binding),
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
  });
  log(`node: wrote ${path.join(outDir, 'index.js')}`);
  return { packageDir: outDir, binding };
}
