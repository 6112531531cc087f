// The Kotlin binding generator: `ingot compile` output (manifest.json + crate/) in, an Android library module and a JVM jar out.
// Order: read the manifest, check it against the Kotlin capability table, run the uniffi pass and the Kotlin pass,
// emit and build the uniffi crate (shared with Python and Swift), run uniffi-bindgen for Kotlin, write the wrapper,
// the module files and the README, then compile the JVM jar with kotlinc (JNA from Maven Central on the classpath).

import { readdir, rm } from 'node:fs/promises';
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
import { kotlinCapabilities } from './capabilities';
import { lowerKotlinBinding, type KotlinBinding } from './pass';
import { emitWrapper } from './emit/wrapper';
import { emitPackageFiles } from './emit/packageFiles';
import { addToJar, coroutinesJar, jnaJar, kotlincPath, runKotlinc } from './jvm';

export { kotlinCapabilities } from './capabilities';
export { lowerKotlinBinding } from './pass';
export type { KotlinBinding } from './pass';
export { coroutinesJar, jnaJar, kotlincPath, runKotlinc } from './jvm';
export { COROUTINES_VERSION, JNA_VERSION, KOTLIN_VERSION } from './versions';

export const kotlinTemplates = new TemplateSet('kotlin', 'Kotlin');

export interface GenerateKotlinPackageOptions {
  compileDir: string;
  /** The module root; the uniffi crate is written to `<outDir>/native`, the jar to `<outDir>/build/libs`. */
  outDir: string;
  projectName?: string;
  log?: (line: string) => void;
  /** Build the JVM jar with kotlinc (default true; skipped with a log line when kotlinc is not installed). */
  jar?: boolean;
}

async function listKotlinFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.kt')) out.push(path.join(e.parentPath, e.name));
  }
  return out.sort();
}

export async function generateKotlinPackage(
  opts: GenerateKotlinPackageOptions,
): Promise<{ packageDir: string; jar: string | null; binding: KotlinBinding }> {
  const log = opts.log ?? (() => {});
  const compileDir = path.resolve(opts.compileDir);
  const outDir = path.resolve(opts.outDir);
  const manifest = await readManifest(path.join(compileDir, 'manifest.json'));
  assertCapabilities(manifest, kotlinCapabilities, 'Kotlin');
  const crate = uniffi.lowerUniffiCrate(manifest, kotlinCapabilities);
  const binding = lowerKotlinBinding(manifest, crate, { projectName: opts.projectName });
  await Promise.all([uniffi.uniffiTemplates.load(), kotlinTemplates.load()]);
  log(`kotlin: ${binding.kotlinPackage} (${binding.functions.length} function(s)) -> ${outDir}`);

  const compiled = await readCompiledCrate(compileDir);
  const nativeDir = path.join(outDir, 'native');
  const twin = await uniffi.writeSelfContainedUniffiCrate(crate, compiled, nativeDir);
  const jvmDir = path.join(outDir, 'jvm');
  const library = await uniffi.buildUniffiLibrary(
    crate,
    compiled,
    nativeDir,
    path.join(jvmDir, binding.jnaResourcePrefix, binding.libraryFile),
    log,
    twin,
  );

  const kotlinRoot = path.join(outDir, 'src', 'main', 'kotlin');
  await rm(kotlinRoot, { recursive: true, force: true });
  await uniffi.runBindgen(library, 'kotlin', kotlinRoot, nativeDir, log);
  const kotlinDir = path.join('src', 'main', 'kotlin', ...binding.kotlinPackage.split('.'));
  await writeFiles(outDir, {
    [path.join(kotlinDir, `${binding.wrapperClass}.kt`)]: emitWrapper(binding),
    ...emitPackageFiles(binding, kotlinTemplates, kotlinDir),
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
  });
  // The model files as Java resources: the Android module packs src/main/resources into the app, and the jar carries them too.
  const javaResources = path.join(outDir, 'src', 'main', 'resources');
  if (binding.resources) {
    log(`kotlin: placing model files in ${path.join(javaResources, binding.resources.root)}`);
    await rm(path.join(javaResources, binding.resources.root), { recursive: true, force: true });
    await copyTree(path.join(compileDir, 'resources'), path.join(javaResources, binding.resources.root));
  }

  let jar: string | null = null;
  if (opts.jar !== false) {
    if (!kotlincPath()) {
      log('kotlin: kotlinc not installed (npm kotlin-compiler); the JVM jar is not built');
    } else {
      jar = path.join(outDir, 'build', 'libs', `${binding.artifact}-${binding.version}.jar`);
      await rm(jar, { force: true });
      const classpath = [await jnaJar(log), ...(binding.usesCoroutines ? [await coroutinesJar(log)] : [])];
      await runKotlinc(
        [...(await listKotlinFiles(kotlinRoot)), '-cp', classpath.join(path.delimiter), '-d', jar],
        outDir,
        log,
      );
      addToJar(jar, jvmDir, [path.join(binding.jnaResourcePrefix, binding.libraryFile)]);
      // Stored, not deflated: weights hardly compress, and they are unpacked once on first use.
      if (binding.resources) addToJar(jar, javaResources, [binding.resources.root], { store: true });
      log(`kotlin: wrote ${jar}`);
    }
  }
  return { packageDir: outDir, jar, binding };
}
