// The Python binding generator: `ingot compile` output (manifest.json + crate/) in, a Python package and a wheel out.
// Order: read the manifest, check it against the Python capability table, run the uniffi pass and the Python pass,
// emit and build the uniffi crate (shared with Kotlin and Swift), run uniffi-bindgen for Python, then write the typed
// wrapper, the package files and the wheel. This package never reads Python source or the compiler's IR.

import { cp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
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
import { buildWheel } from './wheel';
import { wheelDistName } from './names';

export { pythonCapabilities } from './capabilities';
export { lowerPythonBinding } from './pass';
export type { PythonBinding } from './pass';

export const pythonTemplates = new TemplateSet('python', 'Python');

export interface GeneratePythonPackageOptions {
  /** The output directory of `ingot compile`: `manifest.json` and `crate/`. */
  compileDir: string;
  /** Where the package goes; the uniffi crate is written to `<outDir>/native`, the wheel to `<outDir>/dist`. */
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
  const nativeDir = path.join(outDir, 'native');
  await writeFiles(nativeDir, uniffi.emitUniffiCrate(crate, compiled));
  const pkgDir = path.join(outDir, 'src', binding.importName);
  const library = await uniffi.buildUniffiLibrary(crate, nativeDir, path.join(pkgDir, binding.libraryFile), log);
  await uniffi.runBindgen(library, 'python', pkgDir, nativeDir, log);

  const t = pythonTemplates;
  const pkgFiles: Record<string, string> = {
    '__init__.py': emitInitPy(binding),
    '_ingot_errors.py': t.read('_ingot_errors.py'),
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
    'py.typed': '',
  };
  if (binding.usesJson || binding.usesMatrix) pkgFiles['_ingot_values.py'] = t.read('_ingot_values.py');
  if (binding.usesStreams) pkgFiles['_ingot_streams.py'] = t.read('_ingot_streams.py');
  if (binding.client) pkgFiles['_ingot_client.py'] = t.read('_ingot_client.py');
  await writeFiles(pkgDir, pkgFiles);
  if (binding.hasResources) {
    log(`python: placing model files in ${path.join(pkgDir, 'resources')}`);
    await cp(path.join(compileDir, 'resources'), path.join(pkgDir, 'resources'), { recursive: true, force: true });
  }
  const packageFiles = emitPackageFiles(binding, t);
  await writeFiles(outDir, packageFiles);

  // The wheel holds exactly the package directory, in a stable order.
  const files = new Map<string, Buffer>();
  const collect = async (dir: string, rel: string): Promise<void> => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === '__pycache__') continue;
      if (e.isDirectory()) await collect(path.join(dir, e.name), `${rel}/${e.name}`);
      else files.set(`${rel}/${e.name}`, await readFile(path.join(dir, e.name)));
    }
  };
  await collect(pkgDir, binding.importName);
  const wheel = path.join(outDir, 'dist', binding.wheelFile);
  await mkdir(path.dirname(wheel), { recursive: true });
  await writeFile(
    wheel,
    buildWheel({
      distName: binding.distName,
      wheelDistName: wheelDistName(binding.distName),
      version: binding.version,
      tag: `py3-none-${binding.platformTag}`,
      summary: `Native bindings for the Python module ${binding.moduleName}, compiled by Ingot`,
      readme: packageFiles['README.md']!,
      files,
    }),
  );
  log(`python: wrote ${wheel}`);
  return { packageDir: outDir, wheel, binding };
}
