// The Swift target without a Swift toolchain: generate the fma and embed packages from the Node generator's hand-written
// fixtures, parse every generated .swift file with tree-sitter-swift and require no ERROR or MISSING node, and compare the
// package's text files with the golden copies in test/golden/ (regenerate with INGOT_BLESS=1 and review the diff).
// The parser lives in test/parser/node_modules, installed by scripts/setup-parser.sh (run here when it is missing).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateSwiftPackage } from '../src';

const FIXTURES = path.join(__dirname, '..', '..', 'node', 'test', 'fixtures');
// One folder per checkout: generated crates record absolute paths into the repository.
const OUT = path.join(os.tmpdir(), `ingot-bindings-swift-test-${require('node:crypto').createHash('sha1').update(path.resolve(__dirname, '..', '..', '..', '..')).digest('hex').slice(0, 8)}`);
const GOLDEN = path.join(__dirname, 'golden');
const PARSER_DIR = path.join(__dirname, 'parser', 'node_modules');
const bless = process.env.INGOT_BLESS === '1';

/** Generated text files compared with the golden copies: everything but the uniffi crate (absolute paths) and the built library. */
function goldenFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.startsWith('native/') && !rel.startsWith('lib/'))
    .sort();
}

type SyntaxNode = { type: string; isMissing: boolean; startPosition: { row: number; column: number }; children: SyntaxNode[] };
let parseSwift: (source: string) => SyntaxNode;

function problems(node: SyntaxNode, out: string[] = []): string[] {
  if (node.type === 'ERROR' || node.isMissing) out.push(`${node.isMissing ? 'MISSING' : 'ERROR'} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}`);
  for (const c of node.children) problems(c, out);
  return out;
}

/**
 * tree-sitter-swift 0.7.1 rejects a `#if` between the members of a type or extension, which is valid Swift and which uniffi
 * writes around `@_documentation` attributes (`#if swift(>=5.8)`) and `Sendable` conformances (`#if compiler(>=6)`).
 * Before parsing, those version conditions are resolved as a Swift 6 compiler would (the package needs 5.9 or later);
 * other `#if`s stay. Dropped lines become empty lines, so positions in messages stay right.
 */
function resolveVersionConditions(source: string): string {
  const frames: { resolving: boolean; keep: boolean }[] = [];
  return source
    .split('\n')
    .map((line) => {
      const t = line.trim();
      if (/^#if\s+(swift|compiler)\(\s*>=\s*[\d.]+\s*\)\s*$/.test(t)) {
        frames.push({ resolving: true, keep: true });
        return '';
      }
      if (t.startsWith('#if')) frames.push({ resolving: false, keep: true });
      const top = frames[frames.length - 1];
      if (t.startsWith('#else') && top?.resolving) {
        top.keep = false;
        return '';
      }
      if (t.startsWith('#endif') && top) {
        frames.pop();
        if (top.resolving) return '';
      }
      return frames.every((f) => f.keep) ? line : '';
    })
    .join('\n');
}

const packages: Record<string, string> = {};

beforeAll(async () => {
  if (!existsSync(path.join(PARSER_DIR, 'tree-sitter-swift'))) {
    const r = spawnSync('bash', [path.join(__dirname, '..', 'scripts', 'setup-parser.sh')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`setup-parser.sh failed: ${r.stderr}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Parser = require(path.join(PARSER_DIR, 'tree-sitter'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Swift = require(path.join(PARSER_DIR, 'tree-sitter-swift'));
  const parser = new Parser();
  parser.setLanguage(Swift);
  // tree-sitter's node binding reads strings over 32 KiB through a callback; uniffi's Swift file is larger.
  parseSwift = (source) => parser.parse((i: number) => source.slice(i, i + 8192)).rootNode;
  for (const name of ['fma', 'embed']) {
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
    expect(problems(parseSwift('public func f(x: Double) throws -> Double {\n    return try g(p0: x\n}\n'))).not.toEqual([]);
    expect(problems(parseSwift('public func f(x: Double) throws -> Double {\n    return try g(p0: x)\n}\n'))).toEqual([]);
  });
});

describe.each(['fma', 'embed'])('%s package', (name) => {
  test('every generated .swift file parses without errors', () => {
    const dir = packages[name]!;
    const swiftFiles = goldenFiles(dir).filter((f) => f.endsWith('.swift'));
    expect(swiftFiles).toContain('Package.swift');
    const found: Record<string, string[]> = {};
    for (const rel of swiftFiles) found[rel] = problems(parseSwift(resolveVersionConditions(readFileSync(path.join(dir, rel), 'utf8'))));
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
      expect(`${rel}:\n${readFileSync(path.join(dir, rel), 'utf8')}`).toBe(`${rel}:\n${readFileSync(path.join(golden, rel), 'utf8')}`);
    }
  });

  test('ships the host library for the Linux system-library target', () => {
    const dir = packages[name]!;
    expect(readdirSync(path.join(dir, 'lib'), { recursive: true }).map(String)).toContainEqual(expect.stringMatching(/libingot_uniffi_\w+\.(so|dylib)$/));
    expect(readFileSync(path.join(dir, 'Package.swift'), 'utf8')).toMatch(/\.binaryTarget\(name: "ingot_uniffi_\w+FFI", path: "ingot_uniffi_\w+FFI\.xcframework"\)/);
  });
});
