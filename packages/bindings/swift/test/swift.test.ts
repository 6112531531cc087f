// The Swift target without a Swift toolchain: generate the fma, embed and gen (generator functions) packages from the Node
// generator's fixtures, parse every generated .swift file with tree-sitter-swift and require no ERROR or MISSING node, and compare the
// package's text files with the golden copies in test/golden/ (regenerate with INGOT_BLESS=1 and review the diff).
// The parser is set up by swiftParser.ts.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateSwiftPackage } from '../src';
import { resolveVersionConditions, swiftProblems } from './swiftParser';

const FIXTURES = path.join(__dirname, '..', '..', 'node', 'test', 'fixtures');
// One folder per checkout: generated crates record absolute paths into the repository.
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-swift-test-${require('node:crypto')
    .createHash('sha1')
    .update(path.resolve(__dirname, '..', '..', '..', '..'))
    .digest('hex')
    .slice(0, 8)}`,
);
const GOLDEN = path.join(__dirname, 'golden');
const bless = process.env.INGOT_BLESS === '1';

/** Generated text files compared with the golden copies: everything but the uniffi crate (absolute paths) and the built library. */
function goldenFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.startsWith('native/') && !rel.startsWith('lib/'))
    .sort();
}

const packages: Record<string, string> = {};

beforeAll(async () => {
  for (const name of ['fma', 'embed', 'gen', 'records', 'images']) {
    const r = await generateSwiftPackage({ compileDir: path.join(FIXTURES, name), outDir: path.join(OUT, name) });
    packages[name] = r.packageDir;
  }
});

describe('the parser check itself', () => {
  test('resolves only Swift version conditions', () => {
    const src = ['#if swift(>=5.8)', 'a', '#else', 'b', '#endif', '#if canImport(X)', 'c', '#endif'].join('\n');
    expect(resolveVersionConditions(src).split('\n')).toEqual(['', 'a', '', '', '', '#if canImport(X)', 'c', '#endif']);
  });

  test('flags broken Swift and accepts valid Swift', () => {
    const [broken, valid] = swiftProblems([
      'public func f(x: Double) throws -> Double {\n    return try g(p0: x\n}\n',
      'public func f(x: Double) throws -> Double {\n    return try g(p0: x)\n}\n',
    ]);
    expect(broken).not.toEqual([]);
    expect(valid).toEqual([]);
  });
});

describe('model files', () => {
  test('every file the manifest lists is in the wrapper target, byte for byte, declared as its resource', () => {
    const dir = packages.embed!;
    const manifest = JSON.parse(readFileSync(path.join(FIXTURES, 'embed', 'manifest.json'), 'utf8')) as {
      resources: { files: { path: string; sha256: string; size: number }[] }[];
    };
    const files = manifest.resources.flatMap((r) => r.files);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = readFileSync(path.join(dir, 'Sources', 'Embed', 'resources', f.path));
      expect([f.path, bytes.length, createHash('sha256').update(bytes).digest('hex')]).toEqual([
        f.path,
        f.size,
        f.sha256,
      ]);
    }
    expect(readFileSync(path.join(dir, 'Package.swift'), 'utf8')).toContain(
      '.target(name: "Embed", dependencies: ["ingot_uniffi_embedFFI"], path: "Sources/Embed", resources: [.copy("resources")])',
    );
  });

  test("the wrapper points the library at Bundle.module's copy before every first call", () => {
    const wrapper = readFileSync(path.join(packages.embed!, 'Sources', 'Embed', 'Embed.swift'), 'utf8');
    expect(wrapper).toContain('Bundle.module.url(forResource: "resources", withExtension: nil)');
    expect(wrapper).toContain('ingotSetResourceDir(dir: dir.path)');
    const bodies = wrapper.split('public func ').slice(1);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body.split('\n')[1]).toBe('    _ = ingotResources');
    // A module without model files has neither.
    expect(readFileSync(path.join(packages.fma!, 'Package.swift'), 'utf8')).not.toContain('resources:');
    expect(readFileSync(path.join(packages.fma!, 'Sources', 'Fma', 'Fma.swift'), 'utf8')).not.toContain(
      'Bundle.module',
    );
  });
});

describe('images', () => {
  test("PIL images are uniffi's IngotImage record, with raw RGBA and CoreGraphics conversions", () => {
    const src = path.join(packages.images!, 'Sources', 'Images');
    const wrapper = readFileSync(path.join(src, 'Images.swift'), 'utf8');
    expect(wrapper).toContain('public func thumbnailGray(image: IngotImage, side: Int64) throws -> IngotImage {');
    expect(wrapper).toContain('public func describe(image: IngotImage) throws -> String {');
    // The record uniffi generates carries the bytes as Data (one buffer), not as [UInt8] or JSON.
    expect(readFileSync(path.join(src, 'ingot_uniffi_images.swift'), 'utf8')).toMatch(
      /public struct IngotImage\b[^{]*\{[^}]*public var data: Data/,
    );
    const image = readFileSync(path.join(src, 'IngotImage.swift'), 'utf8');
    expect(image).toContain('public init(rgba: Data, width: Int, height: Int, mode: String = "RGBA") throws');
    expect(image).toMatch(/#if canImport\(CoreGraphics\)\nextension IngotImage \{\n[^]*public init\(cgImage: CGImage/);
    expect(image).toContain('public func cgImage() -> CGImage?');
    // A module without images has none of it.
    expect(readdirSync(path.join(packages.fma!, 'Sources', 'Fma'))).not.toContain('IngotImage.swift');
  });
});

describe.each(['fma', 'embed', 'gen', 'records', 'images'])('%s package', (name) => {
  test('every generated .swift file parses without errors', () => {
    const dir = packages[name]!;
    const swiftFiles = goldenFiles(dir).filter((f) => f.endsWith('.swift'));
    expect(swiftFiles).toContain('Package.swift');
    const texts = swiftFiles.map((rel) => resolveVersionConditions(readFileSync(path.join(dir, rel), 'utf8')));
    const found = Object.fromEntries(swiftProblems(texts).map((p, i) => [swiftFiles[i]!, p]));
    expect(found).toEqual(Object.fromEntries(swiftFiles.map((f) => [f, []])));
  });

  test('matches the golden package', () => {
    const dir = packages[name]!;
    const golden = path.join(GOLDEN, name);
    const files = goldenFiles(dir);
    if (bless) {
      rmSync(golden, { recursive: true, force: true });
      for (const rel of files) {
        mkdirSync(path.dirname(path.join(golden, rel)), { recursive: true });
        writeFileSync(path.join(golden, rel), readFileSync(path.join(dir, rel)));
      }
    }
    expect(files).toEqual(goldenFiles(golden));
    for (const rel of files) {
      expect(`${rel}:\n${readFileSync(path.join(dir, rel), 'utf8')}`).toBe(
        `${rel}:\n${readFileSync(path.join(golden, rel), 'utf8')}`,
      );
    }
  });

  test('ships the host library for the Linux system-library target', () => {
    const dir = packages[name]!;
    expect(readdirSync(path.join(dir, 'lib'), { recursive: true }).map(String)).toContainEqual(
      expect.stringMatching(/libingot_uniffi_\w+\.(so|dylib)$/),
    );
    expect(readFileSync(path.join(dir, 'Package.swift'), 'utf8')).toMatch(
      /\.binaryTarget\(name: "ingot_uniffi_\w+FFI", path: "ingot_uniffi_\w+FFI\.xcframework"\)/,
    );
  });
});

describe('generator functions', () => {
  test('become functions returning AsyncThrowingStream over the uniffi stream object, one next() per element', () => {
    const wrapper = readFileSync(path.join(packages.gen!, 'Sources', 'Gen', 'Gen.swift'), 'utf8');
    expect(wrapper).toContain(
      'public func words(text: String, limit: Int64 = 100) throws -> AsyncThrowingStream<String, Error> {',
    );
    expect(wrapper).toContain('    return AsyncThrowingStream(unfolding: { try stream.next() })');
    expect(wrapper).toContain('public func pairs(xs: [String]) throws -> AsyncThrowingStream<String, Error> {');
    const uniffiSwift = readFileSync(path.join(packages.gen!, 'Sources', 'Gen', 'ingot_uniffi_gen.swift'), 'utf8');
    expect(uniffiSwift).toMatch(/open func next\(\)\s*throws\s*-> String\?/);
  });
});

describe('dataclasses, pydantic models and Enums', () => {
  test('become Codable structs and enums, and the functions take and return them through value JSON', () => {
    const wrapper = readFileSync(path.join(packages.records!, 'Sources', 'Records', 'Records.swift'), 'utf8');
    expect(wrapper).toContain(
      'public enum Task: String, Codable, CaseIterable, Sendable {\n    case query = "query"\n    case document = "document"\n}',
    );
    expect(wrapper).toContain(
      'public enum Priority: Int64, Codable, CaseIterable, Sendable {\n    case low = 1\n    case high = 2\n}',
    );
    expect(wrapper).toContain(
      'public struct Match: Codable, Equatable {\n    public var label: String\n    public var score: Double\n    public var rank: Int64\n',
    );
    expect(wrapper).toContain('    public init(label: String, score: Double, rank: Int64 = 0) {');
    expect(wrapper).toContain(
      'public struct Verdict: Codable, Equatable {\n    public var label: String\n    public var confidence: Double\n    public var priority: Priority\n    public var tags: [String]\n    public var best: Match?\n',
    );
    expect(wrapper).toContain(
      'public func best(labels: [String], scores: [Double]) throws -> Match {\n    return try ingotDecode(Match.self, try ingotCall0(p0: labels, p1: scores))\n}',
    );
    expect(wrapper).toContain('public func allMatches(labels: [String]) throws -> [Match] {');
    expect(wrapper).toContain(
      'public func describe(m: Match) throws -> String {\n    return try ingotCall3(p0: try ingotEncode(m))\n}',
    );
    expect(wrapper).toContain(
      'public func flip(task: Task) throws -> Task {\n    return try ingotDecode(Task.self, try ingotCall7(p0: try ingotEncode(task)))\n}',
    );
    // A nil optional field is written as null: the compiled code expects every field.
    expect(wrapper).toContain('        try c.encode(best, forKey: .best)\n');
    // Nothing of this module is left as value JSON text.
    expect(wrapper).not.toContain('value JSON text.\npublic func');
    expect(wrapper).not.toMatch(/-> String \{\n    return try ingotDecode/);
  });
});
