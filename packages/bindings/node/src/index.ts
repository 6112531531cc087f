// The Node binding generator: `ingot compile` output (manifest.json + crate/) in, an npm package directory out.
// Order: read the manifest, check it against the Node capability table, run the target pass, emit the napi crate,
// build it with napi-rs, then emit the JS loader, the typed d.ts, the package manifests and the README around the addon.
// The compiler hands on a finished crate; this package never reads Python or the compiler's IR.

import { copyFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  copyTree,
  readCompiledCrate,
  readManifest,
  withBuildLock,
  withCompiledCrateBuild,
  writeFiles,
} from '@ingot/bindings-common';
import { checkCapabilities } from './capabilities';
import { lowerNodeBinding, type NodeBinding } from './pass';
import { emitRustCrate } from './emit/rustCrate';
import { emitIndexJs } from './emit/indexJs';
import { emitIndexDts } from './emit/indexDts';
import { emitPackageFiles, nodeFileName } from './emit/packageFiles';
import { runNapiBuild } from './build';
import { nodeTemplates } from './templates';

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

  const compiled = await readCompiledCrate(compileDir);
  const nativeDir = path.join(outDir, 'native');
  await writeFiles(
    nativeDir,
    emitRustCrate(binding, {
      compiledCrateDir: compiled.dir,
      runtimeDir: compiled.runtimeDir,
      compiledLock: compiled.lock,
    }),
  );

  if (binding.hasResources) {
    log(`node: placing model files in ${path.join(outDir, 'resources')}`);
    await copyTree(path.join(compileDir, 'resources'), path.join(outDir, 'resources'));
  }
  const packageFiles = emitPackageFiles(binding);
  await writeFiles(outDir, packageFiles);
  // Every Node package of this module names its addon the same (`lib<napi lib>.so` in the target dir), and the compiled
  // crate's files are shared with every other build of the module: build and copy out taking turns (buildLock.ts).
  await withBuildLock(binding.crate.lib, log, () =>
    withCompiledCrateBuild(compiled, [path.join(nativeDir, 'src', 'lib.rs')], log, async () => {
      const built = await runNapiBuild({
        crateDir: nativeDir,
        packageJsonPath: path.join(outDir, 'package.json'),
        expectedNodeFile: path.join(nativeDir, nodeFileName(binding)),
        log,
      });
      await copyFile(built, path.join(outDir, nodeFileName(binding)));
      await copyFile(built, path.join(outDir, 'npm', binding.platform.key, nodeFileName(binding)));
    }),
  );

  await writeFiles(outDir, {
    'index.js': emitIndexJs(binding),
    'index.d.ts': emitIndexDts(binding),
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
  });
  log(`node: wrote ${path.join(outDir, 'index.js')}`);
  return { packageDir: outDir, binding };
}
