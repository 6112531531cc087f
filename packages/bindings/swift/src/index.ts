// The Swift binding generator: `ingot compile` output (manifest.json + crate/) in, a Swift package out.
// Order: read the manifest, check it against the Swift capability table, run the uniffi pass and the Swift pass,
// emit and build the uniffi crate (shared with Python and Kotlin), run uniffi-bindgen for Swift, then place its files:
// the Swift source in the wrapper target, the header in the Linux system-library target and in apple/ (with uniffi's
// Apple module map) for build-xcframework.sh; and write the wrapper, Package.swift and the README.
// No Swift toolchain is needed to generate the package.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  assertCapabilities,
  copyTree,
  readCompiledCrate,
  readManifest,
  TemplateSet,
  uniffi,
  writeFiles,
} from '@ingot/bindings-common';
import { swiftCapabilities } from './capabilities';
import { lowerSwiftBinding, type SwiftBinding } from './pass';
import { emitWrapper } from './emit/wrapper';
import { emitPackageFiles } from './emit/packageFiles';

export { swiftCapabilities } from './capabilities';
export { lowerSwiftBinding } from './pass';
export type { SwiftBinding } from './pass';

export const swiftTemplates = new TemplateSet('swift', 'Swift');

export interface GenerateSwiftPackageOptions {
  compileDir: string;
  /** The package root; the uniffi crate is written to `<outDir>/native`. */
  outDir: string;
  projectName?: string;
  log?: (line: string) => void;
}

export async function generateSwiftPackage(
  opts: GenerateSwiftPackageOptions,
): Promise<{ packageDir: string; binding: SwiftBinding }> {
  const log = opts.log ?? (() => {});
  const compileDir = path.resolve(opts.compileDir);
  const outDir = path.resolve(opts.outDir);
  const manifest = await readManifest(path.join(compileDir, 'manifest.json'));
  assertCapabilities(manifest, swiftCapabilities, 'Swift');
  const crate = uniffi.lowerUniffiCrate(manifest, swiftCapabilities);
  const binding = lowerSwiftBinding(manifest, crate, { projectName: opts.projectName });
  await Promise.all([uniffi.uniffiTemplates.load(), swiftTemplates.load()]);
  log(`swift: ${binding.target} (${binding.functions.length} function(s)) -> ${outDir}`);

  const compiled = await readCompiledCrate(compileDir);
  const nativeDir = path.join(outDir, 'native');
  const twin = await uniffi.writeSelfContainedUniffiCrate(crate, compiled, nativeDir);
  const library = await uniffi.buildUniffiLibrary(
    crate,
    compiled,
    nativeDir,
    path.join(outDir, 'lib', binding.hostLibFolder, binding.libraryFile),
    log,
    twin,
  );

  const gen = await mkdtemp(path.join(os.tmpdir(), 'ingot-swift-bindgen-'));
  try {
    await uniffi.runBindgen(library, 'swift', gen, nativeDir, log);
    const text = (name: string) => readFile(path.join(gen, name), 'utf8');
    const header = await text(`${binding.ffiModule}.h`);
    await writeFiles(outDir, {
      [`Sources/${binding.target}/${binding.namespace}.swift`]: await text(`${binding.namespace}.swift`),
      [`Sources/${binding.ffiModule}/${binding.ffiModule}.h`]: header,
      [`apple/${binding.ffiModule}.h`]: header,
      [`apple/${binding.ffiModule}.modulemap`]: await text(`${binding.ffiModule}.modulemap`),
    });
  } finally {
    await rm(gen, { recursive: true, force: true });
  }
  if (binding.hasResources) {
    const resources = path.join(outDir, 'Sources', binding.target, 'resources');
    log(`swift: placing model files in ${resources}`);
    await rm(resources, { recursive: true, force: true });
    await copyTree(path.join(compileDir, 'resources'), resources);
  }
  await writeFiles(outDir, {
    [`Sources/${binding.target}/${binding.target}.swift`]: emitWrapper(binding),
    ...emitPackageFiles(binding, swiftTemplates),
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
  });
  log(`swift: wrote ${path.join(outDir, 'Package.swift')}`);
  return { packageDir: outDir, binding };
}
