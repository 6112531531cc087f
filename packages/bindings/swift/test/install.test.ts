// The Swift package of the real MiniLM example, from its folder alone: the generated folder is copied to an empty temp dir,
// as a user would vendor it or push it to a git repository for Swift Package Manager, and checked there without a Swift
// toolchain: every .swift file parses with tree-sitter-swift, every path Package.swift and the Linux module map name is in
// the folder, and every model file is byte for byte the manifest's (plain files, no links).

import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateSwiftPackage, type SwiftBinding } from '../src';
import {
  compileRealMinilm,
  describeWithMinilm,
  hashes,
  listFiles,
  nativeCrateProblems,
  BUILD_TIMEOUT,
  scratchDir,
} from '../../node/test/realMinilm';
import { resolveVersionConditions, swiftProblems } from './swiftParser';

const OUT = scratchDir('swift-install-minilm');

describeWithMinilm('the MiniLM Swift package, from its folder alone', () => {
  let binding: SwiftBinding;
  let generated: string;
  let work: string;
  let pkg: string;
  let modelFiles: { path: string; sha256: string }[];

  beforeAll(async () => {
    const compiled = compileRealMinilm(path.join(OUT, 'compiled'));
    const r = await generateSwiftPackage({ compileDir: compiled, outDir: path.join(OUT, 'swift') });
    binding = r.binding;
    generated = r.packageDir;
    const manifest = JSON.parse(readFileSync(path.join(compiled, 'manifest.json'), 'utf8')) as {
      resources: { files: { path: string; sha256: string }[] }[];
    };
    modelFiles = manifest.resources.flatMap((x) => x.files);
    work = mkdtempSync(path.join(os.tmpdir(), 'ingot-swift-install-'));
    pkg = path.join(work, binding.target);
    cpSync(generated, pkg, { recursive: true });
  }, BUILD_TIMEOUT);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('every .swift file parses without errors', () => {
    const swiftFiles = listFiles(pkg).filter((f) => f.endsWith('.swift') && !f.startsWith('native/'));
    expect(swiftFiles).toEqual(
      expect.arrayContaining([
        'Package.swift',
        `Sources/${binding.target}/${binding.target}.swift`,
        `Sources/${binding.target}/Client.swift`,
        `Sources/${binding.target}/Embeddings.swift`,
      ]),
    );
    const found = swiftProblems(
      swiftFiles.map((f) => resolveVersionConditions(readFileSync(path.join(pkg, f), 'utf8'))),
    );
    expect(Object.fromEntries(swiftFiles.map((f, i) => [f, found[i]]))).toEqual(
      Object.fromEntries(swiftFiles.map((f) => [f, []])),
    );
  });

  test('every path Package.swift and the Linux module map name is in the folder', () => {
    const manifest = readFileSync(path.join(pkg, 'Package.swift'), 'utf8');
    const paths = [...manifest.matchAll(/\bpath: "([^"]+)"/g)].map((m) => m[1]!);
    // The xcframework is built on a Mac by build-xcframework.sh from apple/; everything else must be here already.
    const xcframework = `${binding.ffiModule}.xcframework`;
    expect(paths).toEqual(
      expect.arrayContaining([`Sources/${binding.target}`, `Sources/${binding.ffiModule}`, xcframework]),
    );
    const files = listFiles(pkg);
    const present = (p: string) => files.some((f) => f === p || f.startsWith(`${p}/`));
    expect(paths.filter((p) => p !== xcframework && !present(p))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        'build-xcframework.sh',
        `apple/${binding.ffiModule}.h`,
        `apple/${binding.ffiModule}.modulemap`,
      ]),
    );
    // The wrapper target declares its model files, and they are in the target's folder.
    expect(manifest).toContain(`path: "Sources/${binding.target}", resources: [.copy("resources")]`);
    // The Linux system-library target: the header the module map names, and the library it links in lib/<host>/.
    const modulemap = readFileSync(path.join(pkg, 'Sources', binding.ffiModule, 'module.modulemap'), 'utf8');
    const header = /header "([^"]+)"/.exec(modulemap)![1]!;
    const link = /link "([^"]+)"/.exec(modulemap)![1]!;
    expect(files).toContain(`Sources/${binding.ffiModule}/${header}`);
    expect(files).toContain(`lib/${binding.hostLibFolder}/lib${link}.so`);
  });

  test('every model file is in the wrapper target, byte for byte, as a plain file', () => {
    const resources = `Sources/${binding.target}/resources`;
    const want = Object.fromEntries(modelFiles.map((f) => [`${resources}/${f.path}`, f.sha256]));
    expect(Object.keys(want).length).toBeGreaterThan(5);
    expect(hashes(pkg, Object.keys(want))).toEqual(want);
    expect(listFiles(path.join(pkg, resources)).map((f) => `${resources}/${f}`)).toEqual(Object.keys(want).sort());
    // In the generated folder too: no model file is a hard link (the tokenizer's and the model's config.json are one blob
    // in the Hugging Face cache), and nothing in the folder is a symbolic link out of it.
    expect(Object.keys(want).filter((f) => lstatSync(path.join(generated, f)).nlink !== 1)).toEqual([]);
    expect(
      readdirSync(generated, { recursive: true, withFileTypes: true })
        .filter((e) => e.isSymbolicLink())
        .map((e) => path.join(e.parentPath, e.name)),
    ).toEqual([]);
  });

  test('native/, which build-xcframework.sh builds, resolves from the folder alone with its pinned Cargo.lock', () => {
    expect(nativeCrateProblems(pkg)).toEqual([]);
  });
});
