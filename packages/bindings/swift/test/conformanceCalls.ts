// The Swift client's typed call for each OpenAI surface, used by the conformance runner beside it, with the helpers
// those calls need. A new surface adds its entry here; the contract's structure test checks that every surface the
// harness does not list as pending has one.

import type { openai } from '@ingot/contract';
import type { CountTokensCheck } from '../../../contract/test/countTokens';

export const str = (s: string) => JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, '\\u{$1}');

function swiftInput(v: unknown): string {
  if (typeof v === 'string') return str(v);
  const a = v as unknown[];
  if (a.length === 0) return '[String]()';
  if (a.every((x) => typeof x === 'string')) return `[${a.map((x) => str(x as string)).join(', ')}]`;
  if (a.every((x) => typeof x === 'number')) return `[${a.join(', ')}] as [Int]`;
  return `[${a.map((row) => `[${(row as number[]).join(', ')}] as [Int]`).join(', ')}] as [[Int]]`;
}

/** The chat request's fields as the Swift client's arguments (null fields are not given, as the API treats them). */
function chatArgs(r: Record<string, unknown>): string {
  const messages = (r.messages as { role: string; content: string }[]).map(
    (m) => `ChatMessage(role: ${str(m.role)}, content: ${str(m.content)})`,
  );
  const args = [`model: ${str(r.model as string)}`, `messages: [${messages.join(', ')}]`];
  const num = (v: unknown) => String(v);
  const double = (v: unknown) => (Number.isInteger(v) ? `${v}.0` : String(v));
  // Swift's argument order is the declaration's, so the table follows `create`'s parameter list.
  const named: [string, string, (v: unknown) => string][] = [
    ['max_completion_tokens', 'maxCompletionTokens', num],
    ['max_tokens', 'maxTokens', num],
    ['temperature', 'temperature', double],
    ['top_p', 'topP', double],
    ['seed', 'seed', num],
    // A single stop string is a one-item array in the typed API; the runtime passes either form on as a list.
    ['stop', 'stop', (v) => `[${(typeof v === 'string' ? [v] : (v as string[])).map(str).join(', ')}]`],
    ['frequency_penalty', 'frequencyPenalty', double],
    ['presence_penalty', 'presencePenalty', double],
    ['n', 'n', num],
    ['user', 'user', (v) => str(v as string)],
    ['top_k', 'topK', num],
    ['repeat_penalty', 'repeatPenalty', double],
    [
      'stream_options',
      'streamOptions',
      (v) => `ChatCompletionStreamOptions(includeUsage: ${(v as { include_usage?: boolean }).include_usage ?? 'nil'})`,
    ],
  ];
  for (const [field, name, swift] of named) if (r[field] != null) args.push(`${name}: ${swift(r[field])}`);
  return args.join(', ');
}

/** Swift each surface's calls need besides the client, written once into the XCTest class. */
export const SWIFT_HELPERS: Partial<Record<openai.SurfaceName, string>> = {
  chat: `    /// A streamed answer as the array of its chunks.
    func collectChunks(_ stream: AsyncThrowingStream<ChatCompletionChunk, Error>) async throws -> [ChatCompletionChunk] {
        var chunks: [ChatCompletionChunk] = []
        for try await chunk in stream {
            chunks.append(chunk)
        }
        return chunks
    }`,
};

/**
 * One XCTest method per check of the contract's COUNT_TOKENS_CHECKS (the client's `countTokens`, not a surface), for the
 * embeddings fixture's test file; named `testCountTokens_*`, apart from the cases' `test_*` methods.
 */
export function swiftCountTokensTests(checks: CountTokensCheck[]): string {
  return checks
    .map((c) => {
      const call = `try Client().countTokens(model: ${str(c.model)}, input: ${swiftInput(c.input)})`;
      const lines = [`    func testCountTokens_${c.id.replace(/[^A-Za-z0-9]/g, '_')}() throws {`];
      if ('error' in c.expected) {
        const e = c.expected.error;
        lines.push(
          `        do {`,
          `            _ = ${call}`,
          `            XCTFail("expected an error")`,
          `        } catch let e as OpenAIError {`,
          `            XCTAssertEqual(e.statusCode, ${e.status})`,
          `            XCTAssertEqual(e.param, ${e.param === null ? 'nil' : str(e.param)})`,
          `            XCTAssertEqual(e.code, ${e.code === null ? 'nil' : str(e.code)})`,
          `        }`,
        );
      } else {
        const r = c.expected.response as {
          model: string;
          counts: number[];
          total: number;
          max_model_len: number | null;
        };
        lines.push(
          `        let r = ${call}`,
          `        XCTAssertEqual(r.model, ${str(r.model)})`,
          `        XCTAssertEqual(r.counts, [${r.counts.join(', ')}])`,
          `        XCTAssertEqual(r.total, ${r.total})`,
          `        XCTAssertEqual(r.maxModelLen, ${r.max_model_len ?? 'nil'})`,
        );
      }
      lines.push('    }');
      return lines.join('\n');
    })
    .join('\n\n');
}

/** Each surface's call, typed: a new surface adds its entry here (the structure test checks there is one for every
 * surface but the harness's PENDING ones). */
export const SWIFT_CALLS: Partial<Record<openai.SurfaceName, (request: Record<string, unknown>) => string>> = {
  embeddings: (r) => {
    const args = [`model: ${str(r.model as string)}`, `input: ${swiftInput(r.input)}`];
    if (r.dimensions != null) args.push(`dimensions: ${r.dimensions}`);
    if (r.encoding_format != null) args.push(`encodingFormat: ${str(r.encoding_format as string)}`);
    if (r.user != null) args.push(`user: ${str(r.user as string)}`);
    if (r.input_type != null) args.push(`inputType: ${str(r.input_type as string)}`);
    if (r.truncate != null) args.push(`truncate: ${r.truncate}`);
    if (r.truncation_direction != null) args.push(`truncationDirection: ${str(r.truncation_direction as string)}`);
    return `try Client().embeddings.create(${args.join(', ')})`;
  },
  rerank: (r) => {
    const docs = r.documents as string[];
    const args = [
      `model: ${str(r.model as string)}`,
      `query: ${str(r.query as string)}`,
      `documents: ${docs.length === 0 ? '[String]()' : `[${docs.map(str).join(', ')}]`}`,
    ];
    if (r.top_n != null) args.push(`topN: ${r.top_n}`);
    if (r.return_documents != null) args.push(`returnDocuments: ${r.return_documents}`);
    return `try Client().rerank.create(${args.join(', ')})`;
  },
  chat: (r) =>
    r.stream === true
      ? `try await collectChunks(try Client().chat.completions.createStreaming(${chatArgs(r)}))`
      : `try await Client().chat.completions.create(${chatArgs(r)})`,
};
