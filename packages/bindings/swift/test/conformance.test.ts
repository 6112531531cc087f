// The OpenAI conformance cases (packages/contract/cases/openai) for the Swift client, as far as this machine allows:
// there is no Swift toolchain here, so the cases are generated as an XCTest file into the embed fixture's package
// (Tests/EmbedTests/ConformanceTests.swift, with a test target added to Package.swift), and this suite checks that
// the file parses with tree-sitter-swift and holds one test per case Swift's typed API can express. The XCTest file
// has NOT been compiled or run here; `swift test` in that package on a machine with Swift runs it.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openai } from '@ingot/contract';
import { generateSwiftPackage } from '../src';
import { SWIFT_CALLS, str } from './conformanceCalls';
// The parser runs in a child process: loaded in-process, a second Swift test file in the same jest worker gets empty trees.
import { swiftProblems } from './swiftParser';
import { surfacesFor, type RunnableCase } from '../../../contract/test/harness';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-swift-conformance-${require('node:crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);

const swiftName = (id: string) => 'test_' + id.replace(/[^A-Za-z0-9]/g, '_');
const opt = (v: string | null) => (v === null ? 'nil' : str(v));

/** One XCTest method per case: the call, then the expected response or error checked field by field. */
function testMethod(c: RunnableCase, expected: openai.ConformanceCase, tolerance: number): string {
  const call = SWIFT_CALLS[c.surface as openai.SurfaceName]!(c.request);
  const lines = [`    func ${swiftName(c.id)}() throws {`, `        // ${expected.about}`];
  if (expected.error) {
    const e = expected.error;
    lines.push(
      `        do {`,
      `            _ = ${call}`,
      `            XCTFail("expected an error")`,
      `        } catch let e as OpenAIError {`,
      `            XCTAssertEqual(e.statusCode, ${e.status})`,
      `            XCTAssertEqual(e.type, ${opt(e.type)})`,
      `            XCTAssertEqual(e.param, ${opt(e.param)})`,
      `            XCTAssertEqual(e.code, ${opt(e.code)})`,
      `        }`,
    );
  } else {
    const r = expected.response as openai.CreateEmbeddingResponse;
    lines.push(
      `        let r = ${call}`,
      `        XCTAssertEqual(r.object, "list")`,
      `        XCTAssertEqual(r.model, ${str(r.model)})`,
      `        XCTAssertEqual(r.usage.promptTokens, ${r.usage.prompt_tokens})`,
      `        XCTAssertEqual(r.usage.totalTokens, ${r.usage.total_tokens})`,
      `        XCTAssertEqual(r.data.count, ${r.data.length})`,
    );
    r.data.forEach((d, i) => {
      const floats = typeof d.embedding === 'string' ? openai.decodeBase64F32(d.embedding) : d.embedding;
      lines.push(
        `        XCTAssertEqual(r.data[${i}].index, ${d.index})`,
        `        XCTAssertEqual(r.data[${i}].object, "embedding")`,
        `        assertClose(r.data[${i}].embedding, [${floats.join(', ')}])`,
      );
      if (typeof d.embedding === 'string')
        lines.push(`        assertClose(decodeBase64(r.data[${i}].embeddingBase64), [${floats.join(', ')}])`);
    });
  }
  lines.push('    }');
  return lines.join('\n').replace(/assertClose\(([^\n]*)\)$/gm, `assertClose($1, ${tolerance})`);
}

export function xctestFile(
  module: string,
  cases: { c: RunnableCase; expected: openai.ConformanceCase; tolerance: number }[],
): string {
  return `// Generated from the OpenAI conformance cases (packages/contract/cases/openai); do not edit.
import Foundation
import XCTest
@testable import ${module}

final class ConformanceTests: XCTestCase {
    func assertClose(_ got: [Float], _ want: [Float], _ tolerance: Float, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, file: file, line: line)
        for (g, w) in zip(got, want) {
            XCTAssertEqual(g, w, accuracy: tolerance, file: file, line: line)
        }
    }

    func decodeBase64(_ s: String?) -> [Float] {
        guard let s = s, let data = Data(base64Encoded: s) else { return [] }
        return stride(from: 0, to: data.count, by: 4).map { i in
            Float(bitPattern: data.subdata(in: i..<(i + 4)).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) })
        }
    }

${cases.map(({ c, expected, tolerance }) => testMethod(c, expected, tolerance)).join('\n\n')}
}
`;
}

describe('swift client: OpenAI conformance (generated XCTest, parsed, not run: no Swift toolchain here)', () => {
  let packageDir: string;
  let testFile: string;
  const surfaces = surfacesFor('swift').map((s) => ({ surface: s, file: openai.loadCaseFile(s.casesFile) }));
  const typedCases = surfaces.flatMap(({ surface, file }) =>
    file.cases
      .filter((c) => c.typed !== false)
      .map((expected) => ({
        c: {
          surface: surface.name,
          sdkCall: surface.sdkCall,
          path: surface.path,
          id: `${surface.name}/${expected.id}`,
          request: expected.request,
          fixture: file.fixture,
        },
        expected,
        tolerance: file.tolerance,
      })),
  );

  beforeAll(async () => {
    const fixture = surfaces[0]!.file.fixture;
    packageDir = (await generateSwiftPackage({ compileDir: path.join(ROOT, fixture.compile_dir), outDir: OUT }))
      .packageDir;
    const module = fixture.model.charAt(0).toUpperCase() + fixture.model.slice(1);
    const testsDir = path.join(packageDir, 'Tests', `${module}Tests`);
    mkdirSync(testsDir, { recursive: true });
    testFile = path.join(testsDir, 'ConformanceTests.swift');
    writeFileSync(testFile, xctestFile(module, typedCases));
    const manifest = path.join(packageDir, 'Package.swift');
    const text = readFileSync(manifest, 'utf8');
    const target = `        .testTarget(name: "${module}Tests", dependencies: ["${module}"], path: "Tests/${module}Tests"),\n`;
    if (!text.includes('.testTarget('))
      writeFileSync(
        manifest,
        text.replace(/(\n    \]\n\)\s*)$/, `\n${target}    ]\n)\n`).replace(/\n\n(        \.testTarget)/, '\n$1'),
      );
  });

  test('the XCTest file parses with tree-sitter-swift', () => {
    expect(swiftProblems([readFileSync(testFile, 'utf8')])[0]).toEqual([]);
  });

  test('Package.swift with the test target parses and declares it', () => {
    const text = readFileSync(path.join(packageDir, 'Package.swift'), 'utf8');
    expect(text).toMatch(/\.testTarget\(name: "\w+Tests", dependencies: \["\w+"\], path: "Tests\/\w+Tests"\)/);
    expect(swiftProblems([text])[0]).toEqual([]);
  });

  test('holds one test per case that the typed API can express, none skipped', () => {
    const text = readFileSync(testFile, 'utf8');
    const methods = [...text.matchAll(/func (test_\w+)\(\) throws/g)].map((m) => m[1]);
    expect(methods).toEqual(typedCases.map(({ c }) => swiftName(c.id)));
  });
});
