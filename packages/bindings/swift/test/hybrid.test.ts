// Hybrid routing in the generated Swift Client, as far as this machine allows: there is no Swift toolchain here, so, as
// for the conformance cases, an XCTest file per fixture (embed, chat, rerank) is generated into that fixture's package
// (Tests/<Target>Tests/HybridTests.swift, with a test target added to Package.swift), and this suite checks that the
// files and the packages' routing sources parse with tree-sitter-swift and hold every test. The XCTest files run the
// same cases as the Kotlin client's JVM test, against the same remote (packages/server/test/hybridRemote.js, whose
// URL they read from INGOT_REMOTE_URL); they have NOT been compiled or run here.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateSwiftPackage } from '../src';
import { resolveVersionConditions, swiftProblems } from './swiftParser';
import { addTestTarget } from './testTarget';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const FIXTURES = path.join(ROOT, 'packages', 'bindings', 'node', 'test', 'fixtures');
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-swift-hybrid-${require('node:crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);
const { REMOTE_KEY } = require('../../../server/test/hybridRemote');

const str = (s: string) => JSON.stringify(s);

/** Asserts that `call` throws an OpenAIError with this status, param and code. */
const throws = (call: string, status: number, param: string | null, code: string | null, isAsync = false) =>
  `        do {
            _ = ${isAsync ? 'try await' : 'try'} ${call}
            XCTFail("expected an error")
        } catch let e as OpenAIError {
            XCTAssertEqual(e.statusCode, ${status})
            XCTAssertEqual(e.param, ${param === null ? 'nil' : str(param)})
            XCTAssertEqual(e.code, ${code === null ? 'nil' : str(code)})
        }`;

/** Each fixture's tests, given its local model's name: the same cases as the Kotlin client's JVM test. */
const TESTS: Record<string, (local: string) => string[]> = {
  embed: (local) => [
    `    func test_the_compiled_model_answers_locally() throws {
        let r = try client().embeddings.create(model: ${str(local)}, input: ["Mars is red."])
        XCTAssertEqual(r.data.count, 1)
        XCTAssertEqual(r.ingot, IngotRoute.local)
    }`,
    `    func test_other_names_go_remote_in_every_encoding() throws {
        let r = try client().embeddings.create(model: "far", input: ["abc", "de"])
        XCTAssertEqual(r.data.map { $0.embedding }, [[3, 0.5, -0.25], [2, 0.5, -0.25]])
        XCTAssertEqual(r.model, "far")
        XCTAssertEqual(r.ingot, IngotRoute.remote)
        XCTAssertEqual(try client().embeddings.create(model: "far", input: "abcd").data[0].embedding, [4, 0.5, -0.25])
        let b = try client().embeddings.create(model: "far", input: ["abc"], encodingFormat: "base64")
        XCTAssertEqual(b.data[0].embedding, [3, 0.5, -0.25])
        XCTAssertNotNil(b.data[0].embeddingBase64)
        // sentence-transformers' int8 over [-1, 1]: 3.0 clips to 127, 0.5 is bucket 191 - 128, -0.25 bucket 95 - 128.
        let q = try client().embeddings.create(model: "far", input: ["abc"], encodingFormat: "int8")
        XCTAssertEqual(q.data[0].embeddingQuantized, [127, 63, -33])
    }`,
    `    func test_remote_error_bodies_are_openai_errors() throws {
${throws('client().embeddings.create(model: "far", input: ["abc"], dimensions: 5)', 400, 'dimensions', null)}
${throws('client().embeddings.create(model: "nope", input: ["abc"])', 404, 'model', 'model_not_found')}
${throws('client(key: nil).embeddings.create(model: "far", input: ["abc"])', 401, null, null)}
${throws('client(remote: "http://127.0.0.1:9/v1").embeddings.create(model: "far", input: ["abc"])', 502, null, 'remote_unreachable')}
${throws('Client().embeddings.create(model: "far", input: ["abc"])', 404, 'model', 'model_not_found')}
    }`,
  ],
  chat: (local) => [
    `    let short = [ChatMessage(role: "user", content: "Name a red planet.")]
    // Longer than the fixture's 512-token context.
    let long = [ChatMessage(role: "user", content: Array(repeating: "planet", count: 700).joined(separator: " "))]

    /// The streamed text and the routes its chunks recorded.
    func stream(_ c: Client, _ model: String, _ messages: [ChatMessage]) async throws -> (String, [IngotRoute], Int?) {
        var text = ""
        var routes: [IngotRoute] = []
        var usage: Int? = nil
        let options = ChatCompletionStreamOptions(includeUsage: true)
        for try await chunk in try c.chat.completions.createStreaming(model: model, messages: messages, maxTokens: 8, streamOptions: options) {
            text += chunk.choices.first?.delta.content ?? ""
            if !routes.contains(chunk.ingot) { routes.append(chunk.ingot) }
            usage = chunk.usage?.completionTokens ?? usage
        }
        return (text, routes, usage)
    }`,
    `    func test_the_compiled_model_answers_locally() async throws {
        let r = try await client().chat.completions.create(model: ${str(local)}, messages: short, maxTokens: 8)
        XCTAssertEqual(r.ingot, IngotRoute.local)
        let (_, routes, _) = try await stream(client(), ${str(local)}, short)
        XCTAssertEqual(routes, [IngotRoute.local])
    }`,
    `    func test_other_names_go_remote_whole_and_streamed() async throws {
        let r = try await client().chat.completions.create(model: "big", messages: short, maxTokens: 8)
        XCTAssertEqual(r.choices[0].message.content, "w0 w1")
        XCTAssertEqual(r.usage.completionTokens, 2)
        XCTAssertEqual(r.ingot, IngotRoute.remote)
        let (text, routes, usage) = try await stream(client(), "big", short)
        XCTAssertEqual(text, "w0 w1")
        XCTAssertEqual(routes, [IngotRoute.remote])
        XCTAssertEqual(usage, 2)
    }`,
    `    func test_an_over_long_prompt_falls_back_for_a_fallback_model_only() async throws {
        let r = try await client(fallback: [${str(local)}]).chat.completions.create(model: ${str(local)}, messages: long, maxTokens: 8)
        XCTAssertEqual(r.choices[0].message.content, "w0 w1 w2")
        XCTAssertEqual(r.ingot, IngotRoute.remoteFallback)
        let (text, routes, _) = try await stream(client(fallback: [${str(local)}]), ${str(local)}, long)
        XCTAssertEqual(text, "w0 w1 w2")
        XCTAssertEqual(routes, [IngotRoute.remoteFallback])
${throws(`client().chat.completions.create(model: ${str(local)}, messages: long, maxTokens: 8)`, 400, 'messages', 'context_length_exceeded', true)}
    }`,
    `    func test_a_remote_stream_stopped_early_closes_its_connection() async throws {
        // Two chunks of a stream that never ends, then the remote's own count of streams whose client went away.
        func closed() async throws -> Int {
            let text = try await client().chat.completions.create(model: "probe", messages: short).choices[0].message.content
            return Int(text) ?? -1
        }
        let before = try await closed()
        var n = 0
        for try await _ in try client().chat.completions.createStreaming(model: "endless", messages: short) {
            n += 1
            if n == 2 { break }
        }
        var after = try await closed()
        var tries = 0
        while after == before && tries < 200 {
            tries += 1
            try await Task.sleep(nanoseconds: 50_000_000)
            after = try await closed()
        }
        XCTAssertEqual(n, 2)
        XCTAssertEqual(after - before, 1)
    }`,
    `    func test_remote_error_bodies_are_openai_errors() async throws {
${throws('client().chat.completions.create(model: "big", messages: short, temperature: 5)', 400, 'temperature', null, true)}
${throws('client().chat.completions.create(model: "nope", messages: short)', 404, 'model', 'model_not_found', true)}
${throws('client(key: nil).chat.completions.create(model: "big", messages: short)', 401, null, null, true)}
        // An error event in the middle of a remote stream, after the text before it.
        var seen = ""
        do {
            for try await chunk in try client().chat.completions.createStreaming(model: "broken", messages: short) {
                seen += chunk.choices.first?.delta.content ?? ""
            }
            XCTFail("expected an error")
        } catch let e as OpenAIError {
            XCTAssertEqual(seen, "w0")
            XCTAssertEqual(e.statusCode, 500)
            XCTAssertEqual(e.type, "server_error")
        }
    }`,
  ],
  rerank: (local) => [
    `    func test_the_compiled_model_answers_locally_and_other_names_remotely() throws {
        let l = try client().rerank.create(model: ${str(local)}, query: "red planet", documents: ["Mars", "Venus"])
        XCTAssertEqual(l.results.count, 2)
        XCTAssertEqual(l.ingot, IngotRoute.local)
        let r = try client().rerank.create(model: "judge", query: "q", documents: ["a", "ccc", "bb"], topN: 2, returnDocuments: true)
        XCTAssertEqual(r.results.map { $0.index }, [1, 2])
        XCTAssertEqual(r.results.map { $0.relevanceScore }, [3, 2])
        XCTAssertEqual(r.results.map { $0.document?.text }, ["ccc", "bb"])
        XCTAssertEqual(r.ingot, IngotRoute.remote)
${throws('client().rerank.create(model: "judge", query: "q", documents: ["a"], topN: 0)', 400, 'top_n', null)}
    }`,
  ],
};

/** The XCTest file for one fixture's package. */
function hybridTestFile(module: string, tests: string[]): string {
  return `// Generated by the Swift generator's hybrid-routing test; do not edit.
// Hybrid routing against the remote of packages/server/test/hybridRemote.js: start it with
// \`node packages/server/test/hybridRemote.js\` and run \`INGOT_REMOTE_URL=<the URL it prints> swift test\`. Without
// INGOT_REMOTE_URL every test is skipped.
import Foundation
import XCTest
@testable import ${module}

final class HybridTests: XCTestCase {
    var remoteURL = ""

    override func setUpWithError() throws {
        guard let url = ProcessInfo.processInfo.environment["INGOT_REMOTE_URL"] else {
            throw XCTSkip("INGOT_REMOTE_URL is not set (node packages/server/test/hybridRemote.js prints it)")
        }
        remoteURL = url
    }

    func client(fallback: [String] = [], key: String? = ${str(REMOTE_KEY)}, remote: String? = nil) -> Client {
        return Client(remoteBaseURL: remote ?? remoteURL, remoteAPIKey: key, fallback: fallback)
    }

${tests.join('\n\n')}
}
`;
}

describe('swift client: hybrid routing (generated XCTest, parsed, not run: no Swift toolchain here)', () => {
  const packages: { name: string; packageDir: string; testFile: string }[] = [];

  beforeAll(async () => {
    for (const name of Object.keys(TESTS)) {
      const { packageDir, binding } = await generateSwiftPackage({
        compileDir: path.join(FIXTURES, name),
        outDir: `${OUT}-${name}`,
      });
      const module = binding.target;
      const local = (binding.client ?? binding.chat ?? binding.rerank)!.modelName;
      const testsDir = path.join(packageDir, 'Tests', `${module}Tests`);
      mkdirSync(testsDir, { recursive: true });
      const testFile = path.join(testsDir, 'HybridTests.swift');
      writeFileSync(testFile, hybridTestFile(module, TESTS[name]!(local)));
      addTestTarget(packageDir, module);
      packages.push({ name, packageDir, testFile });
    }
  }, 600_000);

  test('the XCTest files parse with tree-sitter-swift and hold every test', () => {
    expect(packages.map((p) => p.name)).toEqual(Object.keys(TESTS));
    for (const { name, testFile } of packages) {
      const text = readFileSync(testFile, 'utf8');
      expect([name, swiftProblems([text])[0]]).toEqual([name, []]);
      const want = TESTS[name]!('m').flatMap((t) => [...t.matchAll(/func (test_\w+)\(/g)].map((m) => m[1]));
      expect([...text.matchAll(/func (test_\w+)\(\) (?:async )?throws/g)].map((m) => m[1])).toEqual(want);
    }
  });

  test("each package carries the router and its surfaces' remote calls, and they parse", () => {
    const remoteFiles: Record<string, string[]> = {
      embed: ['IngotRemote.swift', 'EmbeddingsRemote.swift'],
      chat: ['IngotRemote.swift', 'ChatCompletionsRemote.swift'],
      rerank: ['IngotRemote.swift', 'RerankRemote.swift'],
    };
    for (const { name, packageDir } of packages) {
      const sources = readdirSync(path.join(packageDir, 'Sources'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.swift'))
        .map((e) => path.join(e.parentPath, e.name));
      expect(sources.map((f) => path.basename(f))).toEqual(expect.arrayContaining(remoteFiles[name]!));
      const found = swiftProblems(sources.map((f) => resolveVersionConditions(readFileSync(f, 'utf8'))));
      expect(Object.fromEntries(sources.map((f, i) => [f, found[i]]))).toEqual(
        Object.fromEntries(sources.map((f) => [f, []])),
      );
    }
  });
});
