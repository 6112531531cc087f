// The Python binding generator: `ingot compile` output (manifest.json + crate/) in, a maturin project and its wheel out.
// Order: read the manifest, check it against the Python capability table, run the uniffi pass and the Python pass, emit
// the uniffi crate (shared with Kotlin and Swift), write the typed wrapper, the model files and pyproject.toml, then let
// maturin build the crate, run uniffi-bindgen and pack the manylinux wheel. This package never reads Python source or
// the compiler's IR.

import { cp, rm } from 'node:fs/promises';
import * as path from 'node:path';
import {
  assertCapabilities,
  readCompiledCrate,
  readManifest,
  TemplateSet,
  uniffi,
  writeFiles,
} from '@ingot/bindings-common';
import { pythonCapabilities } from './capabilities';
import { lowerPythonBinding, type PythonBinding } from './pass';
import { emitInitPy } from './emit/initPy';
import { emitPackageFiles } from './emit/packageFiles';
import { buildWheel, MATURIN_VERSION } from './wheel';

export { pythonCapabilities } from './capabilities';
export { lowerPythonBinding } from './pass';
export type { PythonBinding } from './pass';
export { MATURIN_VERSION, PACKAGING_REQUIREMENTS, packagingPython } from './wheel';

export const pythonTemplates = new TemplateSet('python', 'Python');

export interface GeneratePythonPackageOptions {
  /** The output directory of `ingot compile`: `manifest.json` and `crate/`. */
  compileDir: string;
  /** Where the maturin project goes: the uniffi crate in `<outDir>/native`, the package in `<outDir>/src`, the wheel in `<outDir>/dist`. */
  outDir: string;
  /** Distribution and import name; defaults to the module name. */
  projectName?: string;
  log?: (line: string) => void;
}

export async function generatePythonPackage(
  opts: GeneratePythonPackageOptions,
): Promise<{ packageDir: string; wheel: string; binding: PythonBinding }> {
  const log = opts.log ?? (() => {});
  const compileDir = path.resolve(opts.compileDir);
  const outDir = path.resolve(opts.outDir);
  const manifest = await readManifest(path.join(compileDir, 'manifest.json'));
  assertCapabilities(manifest, pythonCapabilities, 'Python');
  const crate = uniffi.lowerUniffiCrate(manifest, pythonCapabilities);
  const binding = lowerPythonBinding(manifest, crate, { projectName: opts.projectName });
  await Promise.all([uniffi.uniffiTemplates.load(), pythonTemplates.load()]);
  log(`python: ${binding.distName} (${binding.functions.length} function(s)) -> ${outDir}`);

  const compiled = await readCompiledCrate(compileDir);
  // A fresh tree: a library or ctypes module left in src/ by an older layout would be packed beside maturin's.
  await rm(path.join(outDir, 'src'), { recursive: true, force: true });
  await writeFiles(path.join(outDir, 'native'), uniffi.emitUniffiCrate(crate, compiled));
  const pkgDir = path.join(outDir, 'src', binding.importName);

  const t = pythonTemplates;
  const pkgFiles: Record<string, string> = {
    '__init__.py': emitInitPy(binding),
    '_ingot_errors.py': t.read('_ingot_errors.py'),
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
    'py.typed': '',
  };
  if (binding.usesJson || binding.usesMatrix) pkgFiles['_ingot_values.py'] = t.read('_ingot_values.py');
  if (binding.usesStreams) pkgFiles['_ingot_streams.py'] = t.read('_ingot_streams.py');
  if (binding.client || binding.chatClient || binding.rerankClient)
    pkgFiles['_ingot_client.py'] = t.read('_ingot_client.py');
  await writeFiles(pkgDir, pkgFiles);
  if (binding.hasResources) {
    log(`python: placing model files in ${path.join(pkgDir, 'resources')}`);
    // Plain copies: a symlink or hard link in the compile dir (one file under two names) becomes two ordinary files.
    await cp(path.join(compileDir, 'resources'), path.join(pkgDir, 'resources'), {
      recursive: true,
      force: true,
      dereference: true,
    });
  }
  await writeFiles(outDir, emitPackageFiles(binding, t, MATURIN_VERSION));

  // maturin builds the uniffi crate, runs uniffi-bindgen and packs the wheel.
  const wheel = await buildWheel(crate, compiled, outDir, log);
  log(`python: wrote ${wheel}`);
  return { packageDir: outDir, wheel, binding };
}
