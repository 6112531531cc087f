// The OpenAI conformance cases (packages/contract/cases/openai) for the Swift client, as far as this machine allows:
// there is no Swift toolchain here, so each fixture's cases are generated as an XCTest file into that fixture's package
// (Tests/<Target>Tests/ConformanceTests.swift, with a test target added to Package.swift: embeddings in the embed
// fixture's package, chat in the chat fixture's), and this suite checks that the files parse with tree-sitter-swift
// (the packages' generated sources too) and hold one test per case Swift's typed API can express. The XCTest files
// have NOT been compiled or run here; `swift test` in each package on a machine with Swift runs them.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openai } from '@ingot/contract';
import { generateSwiftPackage } from '../src';
import { SWIFT_CALLS, SWIFT_HELPERS, str, swiftCountTokensTests } from './conformanceCalls';
import { COUNT_TOKENS_CHECKS, COUNT_TOKENS_FIXTURE } from '../../../contract/test/countTokens';
// The parser runs in a child process: loaded in-process, a second Swift test file in the same jest worker gets empty trees.
import { resolveVersionConditions, swiftProblems } from './swiftParser';
import { addTestTarget } from './testTarget';
import { surfacesFor, type RunnableCase } from '../../../contract/test/harness';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-swift-conformance-${require('node:crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);

const swiftName = (id: string) => 'test_' + id.replace(/[^A-Za-z0-9]/g, '_');
const opt = (v: string | null) => (v === null ? 'nil' : str(v));

/** A `$match` / `$integer` matcher or a plain expected value, checked against the Swift expression `got`. */
function checkValue(got: string, want: unknown): string[] {
  if (want && typeof want === 'object' && '$match' in want)
    return [
      `        XCTAssertNotNil(${got}.range(of: ${str((want as { $match: string }).$match)}, options: .regularExpression))`,
    ];
  if (want && typeof want === 'object' && '$integer' in want) return [`        XCTAssertGreaterThan(${got}, 0)`];
  if (want === null) return [`        XCTAssertNil(${got})`];
  return [`        XCTAssertEqual(${got}, ${typeof want === 'string' ? str(want) : String(want)})`];
}

type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

const usageChecks = (got: string, u: Usage) => [
  `        XCTAssertEqual(${got}.promptTokens, ${u.prompt_tokens})`,
  `        XCTAssertEqual(${got}.completionTokens, ${u.completion_tokens})`,
  `        XCTAssertEqual(${got}.totalTokens, ${u.total_tokens})`,
];

/** Each surface's response checked field by field, on `r` (the call's result) with the file's tolerance. */
const RESPONSE_CHECKS: Record<
  openai.SurfaceName,
  (response: unknown, tolerance: number, request: Record<string, unknown>) => string[]
> = {
  embeddings: (response, _tolerance, request) => {
    const r = response as openai.CreateEmbeddingResponse;
    const lines = [
      `        XCTAssertEqual(r.object, "list")`,
      `        XCTAssertEqual(r.model, ${str(r.model)})`,
      `        XCTAssertEqual(r.usage.promptTokens, ${r.usage.prompt_tokens})`,
      `        XCTAssertEqual(r.usage.totalTokens, ${r.usage.total_tokens})`,
      `        XCTAssertEqual(r.data.count, ${r.data.length})`,
    ];
    // An extension format's integers are exact; the float vector beside them is not in the case.
    const quantized = !['float', 'base64', undefined, null].includes(request.encoding_format as string);
    r.data.forEach((d, i) => {
      if (quantized) {
        lines.push(
          `        XCTAssertEqual(r.data[${i}].index, ${d.index})`,
          `        XCTAssertEqual(r.data[${i}].embeddingQuantized, [${(d.embedding as number[]).join(', ')}])`,
        );
        return;
      }
      const floats = typeof d.embedding === 'string' ? openai.decodeBase64F32(d.embedding) : d.embedding;
      lines.push(
        `        XCTAssertEqual(r.data[${i}].index, ${d.index})`,
        `        XCTAssertEqual(r.data[${i}].object, "embedding")`,
        `        assertClose(r.data[${i}].embedding, [${floats.join(', ')}])`,
      );
      if (typeof d.embedding === 'string')
        lines.push(`        assertClose(decodeBase64(r.data[${i}].embeddingBase64), [${floats.join(', ')}])`);
    });
    return lines;
  },
  // A completion, or a streamed answer as the array of its chunks (`usageIncluded` says whether the API's chunk has
  // a `usage` field at all).
  rerank: (response, tolerance) => {
    const r = response as openai.RerankResponse;
    return [
      `        XCTAssertEqual(r.object, "list")`,
      `        XCTAssertEqual(r.model, ${str(r.model)})`,
      ...checkValue('r.id', (response as { id: unknown }).id),
      `        XCTAssertEqual(r.usage.totalTokens, ${r.usage.total_tokens})`,
      `        XCTAssertEqual(r.results.count, ${r.results.length})`,
      ...r.results.flatMap((x, i) => [
        `        XCTAssertEqual(r.results[${i}].index, ${x.index})`,
        `        XCTAssertEqual(r.results[${i}].relevanceScore, ${x.relevance_score}, accuracy: ${tolerance})`,
        x.document
          ? `        XCTAssertEqual(r.results[${i}].document?.text, ${str(x.document.text)})`
          : `        XCTAssertNil(r.results[${i}].document)`,
      ]),
    ];
  },
  chat: (response) => {
    const head = (got: string, o: Record<string, unknown>) => [
      ...checkValue(`${got}.id`, o.id),
      ...checkValue(`${got}.object`, o.object),
      ...checkValue(`${got}.created`, o.created),
      ...checkValue(`${got}.model`, o.model),
    ];
    if (!Array.isArray(response)) {
      const r = response as openai.ChatCompletion;
      return [
        ...head('r', r as unknown as Record<string, unknown>),
        `        XCTAssertEqual(r.choices.count, ${r.choices.length})`,
        ...r.choices.flatMap((c, i) => [
          `        XCTAssertEqual(r.choices[${i}].index, ${c.index})`,
          ...checkValue(`r.choices[${i}].message.role`, c.message.role),
          ...checkValue(`r.choices[${i}].message.content`, c.message.content),
          ...checkValue(`r.choices[${i}].message.refusal`, c.message.refusal),
          ...checkValue(`r.choices[${i}].finishReason`, c.finish_reason),
        ]),
        ...usageChecks('r.usage', r.usage),
      ];
    }
    const chunks = response as openai.ChatCompletionChunk[];
    return [
      `        XCTAssertEqual(r.count, ${chunks.length})`,
      `        guard r.count == ${chunks.length} else { return }`,
      ...chunks.flatMap((k, j) => [
        ...head(`r[${j}]`, k as unknown as Record<string, unknown>),
        `        XCTAssertEqual(r[${j}].choices.count, ${k.choices.length})`,
        ...k.choices.flatMap((c, i) => [
          `        XCTAssertEqual(r[${j}].choices[${i}].index, ${c.index})`,
          ...checkValue(`r[${j}].choices[${i}].delta.role`, c.delta.role ?? null),
          ...checkValue(`r[${j}].choices[${i}].delta.content`, c.delta.content ?? null),
          ...checkValue(`r[${j}].choices[${i}].finishReason`, c.finish_reason),
        ]),
        `        XCTAssertEqual(r[${j}].usageIncluded, ${'usage' in k})`,
        ...(k.usage ? usageChecks(`r[${j}].usage!`, k.usage) : [`        XCTAssertNil(r[${j}].usage)`]),
      ]),
    ];
  },
};

const isAsync = (call: string) => /\bawait\b/.test(call);

/** One XCTest method per case: the call, then the expected response or error checked field by field. */
function testMethod(c: RunnableCase, expected: openai.ConformanceCase, tolerance: number): string {
  const call = SWIFT_CALLS[c.surface as openai.SurfaceName]!(c.request);
  const lines = [
    `    func ${swiftName(c.id)}() ${isAsync(call) ? 'async ' : ''}throws {`,
    `        // ${expected.about}`,
  ];
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
    lines.push(
      `        let r = ${call}`,
      ...RESPONSE_CHECKS[c.surface as openai.SurfaceName](expected.response, tolerance, expected.request),
    );
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
${[...new Set(cases.map(({ c }) => SWIFT_HELPERS[c.surface as openai.SurfaceName]).filter((h) => h !== undefined))].map((h) => `\n${h}\n`).join('')}
${cases.map(({ c, expected, tolerance }) => testMethod(c, expected, tolerance)).join('\n\n')}
${cases.some(({ c }) => c.fixture.compile_dir === COUNT_TOKENS_FIXTURE) ? `\n${swiftCountTokensTests(COUNT_TOKENS_CHECKS)}\n` : ''}}
`;
}

describe('swift client: OpenAI conformance (generated XCTest, parsed, not run: no Swift toolchain here)', () => {
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
  // One package per fixture the cases name, each with its own XCTest file.
  const fixtures = [...new Set(typedCases.map(({ c }) => c.fixture.compile_dir))];
  const packages: { packageDir: string; testFile: string }[] = [];

  // Each fixture's package builds its native library; on a shared, loaded machine that can take many minutes.
  beforeAll(async () => {
    for (const compileDir of fixtures) {
      const out = `${OUT}-${path.basename(compileDir)}`;
      const { packageDir, binding } = await generateSwiftPackage({
        compileDir: path.join(ROOT, compileDir),
        outDir: out,
      });
      const module = binding.target;
      const testsDir = path.join(packageDir, 'Tests', `${module}Tests`);
      mkdirSync(testsDir, { recursive: true });
      const testFile = path.join(testsDir, 'ConformanceTests.swift');
      writeFileSync(
        testFile,
        xctestFile(
          module,
          typedCases.filter(({ c }) => c.fixture.compile_dir === compileDir),
        ),
      );
      addTestTarget(packageDir, module);
      packages.push({ packageDir, testFile });
    }
  }, 1_800_000);

  test('the XCTest files parse with tree-sitter-swift', () => {
    expect(packages.length).toBe(fixtures.length);
    for (const { testFile } of packages) expect(swiftProblems([readFileSync(testFile, 'utf8')])[0]).toEqual([]);
  });

  test("the packages' generated Swift sources (the clients included) parse with tree-sitter-swift", () => {
    for (const { packageDir } of packages) {
      const sources = readdirSync(path.join(packageDir, 'Sources'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.swift'))
        .map((e) => path.join(e.parentPath, e.name));
      expect(sources.map((f) => path.basename(f))).toContain('Client.swift');
      // uniffi's file guards newer syntax with `#if compiler(...)`, which the parser needs resolved.
      const found = swiftProblems(sources.map((f) => resolveVersionConditions(readFileSync(f, 'utf8'))));
      expect(Object.fromEntries(sources.map((f, i) => [f, found[i]]))).toEqual(
        Object.fromEntries(sources.map((f) => [f, []])),
      );
    }
  });

  test('Package.swift with the test target parses and declares it', () => {
    for (const { packageDir } of packages) {
      const text = readFileSync(path.join(packageDir, 'Package.swift'), 'utf8');
      expect(text).toMatch(/\.testTarget\(name: "\w+Tests", dependencies: \["\w+"\], path: "Tests\/\w+Tests"\)/);
      expect(swiftProblems([text])[0]).toEqual([]);
    }
  });

  test("the embeddings fixture's file also checks countTokens", () => {
    const text = packages.map(({ testFile }) => readFileSync(testFile, 'utf8')).join('\n');
    const methods = [...text.matchAll(/func (testCountTokens_\w+)\(\) throws/g)].map((m) => m[1]);
    expect(methods).toHaveLength(COUNT_TOKENS_CHECKS.length);
  });

  test('holds one test per case that the typed API can express, none skipped', () => {
    const methods = packages.flatMap(({ testFile }) =>
      [...readFileSync(testFile, 'utf8').matchAll(/func (test_\w+)\(\) (?:async )?throws/g)].map((m) => m[1]),
    );
    expect(methods.sort()).toEqual(typedCases.map(({ c }) => swiftName(c.id)).sort());
  });
});
