// The Kotlin client's typed call for each OpenAI surface, used by the conformance runner beside it: a Kotlin expression
// that makes the call and gives the outcome JSON text (`{"response": ...}`; the runner turns a thrown
// OpenAIServiceException into `{"error": ...}`). A new surface adds its entry here; the contract's structure test checks
// that every surface the harness does not list as pending has one.

import type { openai } from '@ingot/contract';
import type { CountTokensCheck } from '../../../contract/test/countTokens';

export const str = (s: string) => JSON.stringify(s).replace(/\$/g, '\\$');

/** A JSON value of a request as a Kotlin expression of the type the client's overloads take. */
function kotlinInput(v: unknown): string {
  if (typeof v === 'string') return str(v);
  const a = v as unknown[];
  if (a.length === 0) return 'emptyList<String>()';
  if (a.every((x) => typeof x === 'string')) return `listOf(${a.map((x) => str(x as string)).join(', ')})`;
  if (a.every((x) => typeof x === 'number')) return `listOf<Long>(${a.map((x) => `${x}L`).join(', ')})`;
  return `listOf<List<Long>>(${a.map((row) => `listOf<Long>(${(row as number[]).map((x) => `${x}L`).join(', ')})`).join(', ')})`;
}

const double = (v: unknown) => (Number.isInteger(v) ? `${v}.0` : String(v));
const long = (v: unknown) => `${v}L`;

/** The chat request's fields as the Kotlin client's named arguments (null fields are not given, as the API treats them). */
function chatArgs(r: Record<string, unknown>): string {
  const messages = (r.messages as { role: string; content: string }[]).map(
    (m) => `ChatMessage(${str(m.role)}, ${str(m.content)})`,
  );
  const args = [`model = ${str(r.model as string)}`, `messages = listOf<ChatMessage>(${messages.join(', ')})`];
  const named: [string, string, (v: unknown) => string][] = [
    ['max_completion_tokens', 'maxCompletionTokens', long],
    ['max_tokens', 'maxTokens', long],
    ['temperature', 'temperature', double],
    ['top_p', 'topP', double],
    ['seed', 'seed', long],
    // A single stop string is a one-item list in the typed API; the runtime passes either form on as a list.
    ['stop', 'stop', (v) => `listOf<String>(${(typeof v === 'string' ? [v] : (v as string[])).map(str).join(', ')})`],
    ['frequency_penalty', 'frequencyPenalty', double],
    ['presence_penalty', 'presencePenalty', double],
    ['n', 'n', long],
    ['user', 'user', (v) => str(v as string)],
    ['top_k', 'topK', long],
    ['repeat_penalty', 'repeatPenalty', double],
    [
      'stream_options',
      'streamOptions',
      (v) => `ChatCompletionStreamOptions(includeUsage = ${(v as { include_usage?: boolean }).include_usage ?? null})`,
    ],
  ];
  for (const [field, name, kt] of named) if (r[field] != null) args.push(`${name} = ${kt(r[field])}`);
  return args.join(', ');
}

/** Kotlin each surface's calls need besides the client: imports and helpers, written once per program. */
export const KOTLIN_HELPERS: Partial<Record<openai.SurfaceName, { imports: string[]; code: string }>> = {
  embeddings: {
    imports: [],
    code: `fun json(r: CreateEmbeddingResponse): String {
    val data = r.data.joinToString(",") { d ->
        val e = d.embeddingQuantized?.joinToString(",", "[", "]")
            ?: if (d.embeddingBase64 != null) q(d.embeddingBase64) else d.embedding.joinToString(",", "[", "]")
        "{\\"object\\":" + q(d.\`object\`) + ",\\"index\\":" + d.index + ",\\"embedding\\":" + e + "}"
    }
    return "{\\"response\\":{\\"object\\":" + q(r.\`object\`) + ",\\"data\\":[" + data + "],\\"model\\":" + q(r.model) +
        ",\\"usage\\":{\\"prompt_tokens\\":" + r.usage.promptTokens + ",\\"total_tokens\\":" + r.usage.totalTokens + "}}}"
}

fun json(r: TokenCountResponse): String =
    "{\\"response\\":{\\"model\\":" + q(r.model) + ",\\"counts\\":" + r.counts.joinToString(",", "[", "]") +
        ",\\"total\\":" + r.total + ",\\"max_model_len\\":" + r.maxModelLen + "}}"`,
  },
  rerank: {
    imports: [],
    code: `fun json(r: RerankResponse): String {
    val results = r.results.joinToString(",") { x ->
        val doc = x.document?.let { ",\\"document\\":{\\"text\\":" + q(it.text) + "}" } ?: ""
        "{\\"index\\":" + x.index + ",\\"relevance_score\\":" + x.relevanceScore + doc + "}"
    }
    return "{\\"response\\":{\\"id\\":" + q(r.id) + ",\\"object\\":" + q(r.\`object\`) + ",\\"model\\":" + q(r.model) +
        ",\\"results\\":[" + results + "],\\"usage\\":{\\"total_tokens\\":" + r.usage.totalTokens + "}}}"
}`,
  },
  chat: {
    imports: ['kotlinx.coroutines.flow.toList', 'kotlinx.coroutines.runBlocking'],
    // A streamed answer is the array of its chunks, each as the API's JSON.
    code: `fun json(r: ChatCompletion): String = "{\\"response\\":" + r.toJson() + "}"

fun json(chunks: List<ChatCompletionChunk>): String = "{\\"response\\":[" + chunks.joinToString(",") { it.toJson() } + "]}"`,
  },
};

/** The Kotlin client's `countTokens` call for one check of the contract's COUNT_TOKENS_CHECKS. */
export function kotlinCountTokens(c: CountTokensCheck): string {
  return `json(client.countTokens(model = ${str(c.model)}, input = ${kotlinInput(c.input)}))`;
}

/** Each surface's call, typed, giving the outcome JSON text. */
export const KOTLIN_CALLS: Partial<Record<openai.SurfaceName, (request: Record<string, unknown>) => string>> = {
  embeddings: (r) => {
    const args = [`model = ${str(r.model as string)}`, `input = ${kotlinInput(r.input)}`];
    if (r.dimensions != null) args.push(`dimensions = ${r.dimensions}`);
    if (r.encoding_format != null) args.push(`encodingFormat = ${str(r.encoding_format as string)}`);
    if (r.user != null) args.push(`user = ${str(r.user as string)}`);
    if (r.input_type != null) args.push(`inputType = ${str(r.input_type as string)}`);
    if (r.truncate != null) args.push(`truncate = ${r.truncate}`);
    if (r.truncation_direction != null) args.push(`truncationDirection = ${str(r.truncation_direction as string)}`);
    return `json(client.embeddings.create(${args.join(', ')}))`;
  },
  rerank: (r) => {
    const docs = r.documents as string[];
    const args = [
      `model = ${str(r.model as string)}`,
      `query = ${str(r.query as string)}`,
      `documents = ${docs.length === 0 ? 'emptyList<String>()' : `listOf(${docs.map(str).join(', ')})`}`,
    ];
    if (r.top_n != null) args.push(`topN = ${r.top_n}L`);
    if (r.return_documents != null) args.push(`returnDocuments = ${r.return_documents}`);
    return `json(client.rerank.create(${args.join(', ')}))`;
  },
  chat: (r) =>
    r.stream === true
      ? `json(runBlocking { client.chat.completions.createStreaming(${chatArgs(r)}).toList() })`
      : `json(runBlocking { client.chat.completions.create(${chatArgs(r)}) })`,
};
