// Hybrid routing in the generated Kotlin Client, on the JVM: a compiled fixture answers its own model in-process, and a
// second server (the `ingot serve` HTTP server with models written in JavaScript, so their answers are known:
// packages/server/test/hybridRemote.js, which the Swift XCTest files use too) is the remote for every other name and
// for the fallback. Each fixture's package is generated, a program
// (written out below) is compiled against its jar and run; it prints `key=value` lines, checked here. The remote
// requires an API key, so every remote answer also shows the key was sent.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { RunningServer } from '@ingot/server';
import { coroutinesJar, generateKotlinPackage, jnaJar, runKotlinc } from '../src';
// The remote's models (known answers, behind an API key) are shared with the Swift XCTest file's instructions.
const { REMOTE_KEY: KEY, startHybridRemote } = require('../../../server/test/hybridRemote');

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const FIXTURES = path.join(ROOT, 'packages', 'bindings', 'node', 'test', 'fixtures');
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-kotlin-hybrid-${require('node:crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);

let remote: RunningServer;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'ingot-kt-hybrid-'));
  remote = await startHybridRemote();
});

afterAll(async () => {
  await remote?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/**
 * Generates the fixture's package, compiles `main` against it and runs it with the remote's base URL and the local
 * model's name (the package's embedding, chat or rerank model) as arguments.
 */
async function run(fixture: string, main: string): Promise<Map<string, string>> {
  const r = await generateKotlinPackage({ compileDir: path.join(FIXTURES, fixture), outDir: `${OUT}-${fixture}` });
  if (!r.jar) throw new Error('the JVM jar was not built');
  const cp = [r.jar, await jnaJar(() => {}), await coroutinesJar(() => {})];
  const dir = mkdtempSync(path.join(scratch, `${fixture}-`));
  const src = path.join(dir, 'HybridMain.kt');
  writeFileSync(src, `import ${r.binding.kotlinPackage}.*\n${main}`);
  const jar = path.join(dir, 'main.jar');
  const local = (r.binding.client ?? r.binding.chat ?? r.binding.rerank)!.modelName;
  const args = [`${remote.url}/v1`, local];
  await runKotlinc([src, '-include-runtime', '-cp', cp.join(path.delimiter), '-d', jar], dir, () => {});
  // The remote answers in this process, so the JVM runs alongside, never with a blocking spawn.
  const { stdout } = await promisify(execFile)(
    'java',
    // No garbage collection (Epsilon): a connection the client forgot would otherwise be closed by a collection,
    // whenever one happens, and the test of early closing could not fail.
    [
      '-XX:+UnlockExperimentalVMOptions',
      '-XX:+UseEpsilonGC',
      '-Xmx2g',
      `-Djava.io.tmpdir=${dir}`,
      '-cp',
      [jar, ...cp].join(path.delimiter),
      'HybridMainKt',
      ...args,
    ],
    { cwd: dir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 300_000 },
  );
  return new Map(
    stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Kotlin shared by the programs: each outcome is one line, an exception as `Class|status|type|param|code`. */
const COMMON = `
fun show(e: Throwable): String =
    if (e is OpenAIServiceException) listOf(e::class.simpleName, e.statusCode, e.type, e.param, e.code).joinToString("|") else "crash|$e"

suspend fun line(key: String, body: suspend () -> String) {
    val v = try { body() } catch (e: Throwable) { show(e) }
    println(key + "=" + v.replace("\\n", " "))
}

fun IngotRoute.show(): String = route + (if (fallback) "+fallback" else "")
`;

describe('the Kotlin Client routes chat', () => {
  let out: Map<string, string>;
  beforeAll(async () => {
    const main = `import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
${COMMON}
fun main(args: Array<String>) = runBlocking {
    val remote = args[0]
    val client = Client(remoteBaseUrl = remote, remoteApiKey = "${KEY}", fallback = listOf("chat"))
    val short = listOf(ChatMessage("user", "Name a red planet."))
    // Longer than the fixture's 512-token context.
    val long = listOf(ChatMessage("user", List(700) { "planet" }.joinToString(" ")))
    suspend fun ask(c: Client, model: String, messages: List<ChatMessage>, temperature: Double? = null): String {
        val r = c.chat.completions.create(model = model, messages = messages, maxTokens = 8, temperature = temperature)
        return r.choices[0].message.content + "|" + r.choices[0].finishReason + "|" + r.usage.completionTokens + "|" + r.ingot.show()
    }
    suspend fun stream(c: Client, model: String, messages: List<ChatMessage>): String {
        val chunks = c.chat.completions.createStreaming(model = model, messages = messages, maxTokens = 8,
            streamOptions = ChatCompletionStreamOptions(includeUsage = true)).toList()
        val text = chunks.joinToString("") { it.choices.firstOrNull()?.delta?.content ?: "" }
        return text + "|" + chunks.map { it.ingot.show() }.distinct().joinToString(",") + "|usage=" + chunks.last().usage?.completionTokens
    }
    line("local") { ask(client, "chat", short) }
    line("remote") { ask(client, "big", short) }
    line("fallback") { ask(client, "chat", long) }
    line("no-fallback") { ask(Client(remoteBaseUrl = remote, remoteApiKey = "${KEY}"), "chat", long) }
    line("stream.local") { stream(client, "chat", short).substringAfter("|") }
    line("stream.remote") { stream(client, "big", short) }
    line("stream.fallback") { stream(client, "chat", long) }
    line("stream.broken") {
        val seen = StringBuilder()
        try {
            client.chat.completions.createStreaming(model = "broken", messages = short).collect { seen.append(it.choices.firstOrNull()?.delta?.content ?: "") }
            "no error"
        } catch (e: OpenAIServiceException) {
            seen.toString() + "|" + show(e)
        }
    }
    line("stream.cancel") {
        // Two chunks of a stream that never ends, then the remote's own count of streams whose client went away.
        suspend fun closed() = client.chat.completions.create(model = "probe", messages = short).choices[0].message.content.toInt()
        val before = closed()
        val first = client.chat.completions.createStreaming(model = "endless", messages = short).take(2).toList()
        var after = closed()
        for (i in 0 until 200) {
            if (after != before) break
            delay(50)
            after = closed()
        }
        first.size.toString() + "|closed=" + (after - before)
    }
    line("error.remote") { ask(client, "big", short, temperature = 5.0) }
    line("error.missing") { ask(client, "nope", short) }
    line("error.key") { ask(Client(remoteBaseUrl = remote), "big", short) }
    line("error.unreachable") { ask(Client(remoteBaseUrl = "http://127.0.0.1:9/v1"), "big", short) }
    line("no-remote") { ask(Client(), "big", short) }
}
`;
    out = await run('chat', main);
  });

  test('the compiled model answers its own name locally', () => {
    // The fixture samples at its default temperature: any text, even line breaks.
    expect(out.get('local')).toMatch(/^.+\|(stop|length)\|\d+\|local$/s);
    expect(out.get('stream.local')).toBe('local|usage=' + out.get('stream.local')!.split('usage=')[1]);
  });

  test('any other name goes to the remote, with the API key, whole and streamed', () => {
    expect(out.get('remote')).toBe('w0 w1|stop|2|remote');
    expect(out.get('stream.remote')).toBe('w0 w1|remote|usage=2');
  });

  test('a remote stream the caller stops early closes its connection, which stops the remote generation', () => {
    expect(out.get('stream.cancel')).toBe('2|closed=1');
  });

  test('a prompt longer than the local context falls back to the remote for a fallback model only', () => {
    expect(out.get('fallback')).toBe('w0 w1 w2|stop|3|remote+fallback');
    expect(out.get('stream.fallback')).toBe('w0 w1 w2|remote+fallback|usage=3');
    expect(out.get('no-fallback')).toBe(
      'BadRequestException|400|invalid_request_error|messages|context_length_exceeded',
    );
  });

  test("the remote's error bodies are the client's own exceptions", () => {
    expect(out.get('error.remote')).toBe('BadRequestException|400|invalid_request_error|temperature|null');
    expect(out.get('error.missing')).toBe('NotFoundException|404|invalid_request_error|model|model_not_found');
    expect(out.get('error.key')).toBe('OpenAIServiceException|401|invalid_request_error|null|null');
    expect(out.get('error.unreachable')).toBe('OpenAIServiceException|502|server_error|null|remote_unreachable');
    // An error event in the middle of a remote stream, after the text before it.
    expect(out.get('stream.broken')).toMatch(/^w0\|OpenAIServiceException\|500\|server_error\|/);
  });

  test('without a remote, another name is still the local 404', () => {
    expect(out.get('no-remote')).toBe('NotFoundException|404|invalid_request_error|model|model_not_found');
  });
});

describe('the Kotlin Client routes embeddings', () => {
  let out: Map<string, string>;
  beforeAll(async () => {
    const main = `import kotlinx.coroutines.runBlocking
${COMMON}
fun show(r: CreateEmbeddingResponse): String =
    r.data.joinToString(";") { d -> (d.embeddingQuantized ?: d.embedding).joinToString(",") + (d.embeddingBase64?.let { "(b64)" } ?: "") } +
        "|" + r.usage.promptTokens + "|" + r.model + "|" + r.ingot.show()

fun main(args: Array<String>) = runBlocking {
    val client = Client(remoteBaseUrl = args[0], remoteApiKey = "${KEY}")
    line("local") { val r = client.embeddings.create(model = args[1], input = listOf("Mars is red.")); r.data.size.toString() + "|" + r.ingot.show() }
    line("remote") { show(client.embeddings.create(model = "far", input = listOf("abc", "de"))) }
    line("remote.string") { show(client.embeddings.create(model = "far", input = "abcd")) }
    line("remote.base64") { show(client.embeddings.create(model = "far", input = listOf("abc"), encodingFormat = "base64")) }
    line("remote.int8") { show(client.embeddings.create(model = "far", input = listOf("abc"), encodingFormat = "int8")) }
    line("error.remote") { show(client.embeddings.create(model = "far", input = listOf("abc"), dimensions = 5)) }
    line("error.missing") { show(client.embeddings.create(model = "nope", input = listOf("abc"))) }
}
`;
    out = await run('embed', main);
  });

  test('the compiled model answers locally, any other name remotely, in every encoding', () => {
    expect(out.get('local')).toBe('1|local');
    expect(out.get('remote')).toBe('3.0,0.5,-0.25;2.0,0.5,-0.25|0|far|remote');
    expect(out.get('remote.string')).toBe('4.0,0.5,-0.25|0|far|remote');
    expect(out.get('remote.base64')).toBe('3.0,0.5,-0.25(b64)|0|far|remote');
    // sentence-transformers' int8 over [-1, 1]: 3.0 clips to 127, 0.5 is bucket 191 - 128, -0.25 bucket 95 - 128.
    expect(out.get('remote.int8')).toBe('127,63,-33|0|far|remote');
  });

  test("the remote's error bodies are the client's own exceptions", () => {
    expect(out.get('error.remote')).toBe('BadRequestException|400|invalid_request_error|dimensions|null');
    expect(out.get('error.missing')).toBe('NotFoundException|404|invalid_request_error|model|model_not_found');
  });
});

describe('the Kotlin Client routes rerank', () => {
  let out: Map<string, string>;
  beforeAll(async () => {
    const main = `import kotlinx.coroutines.runBlocking
${COMMON}
fun show(r: RerankResponse): String =
    r.results.joinToString(";") { x -> x.index.toString() + ":" + x.relevanceScore + (x.document?.let { ":" + it.text } ?: "") } + "|" + r.model + "|" + r.ingot.show()

fun main(args: Array<String>) = runBlocking {
    val client = Client(remoteBaseUrl = args[0], remoteApiKey = "${KEY}")
    line("local") { val r = client.rerank.create(model = args[1], query = "red planet", documents = listOf("Mars", "Venus")); r.results.size.toString() + "|" + r.ingot.show() }
    line("remote") { show(client.rerank.create(model = "judge", query = "q", documents = listOf("a", "ccc", "bb"), topN = 2, returnDocuments = true)) }
    line("error.remote") { show(client.rerank.create(model = "judge", query = "q", documents = listOf("a"), topN = 0)) }
}
`;
    out = await run('rerank', main);
  });

  test('the compiled model answers locally, any other name remotely', () => {
    expect(out.get('local')).toBe('2|local');
    expect(out.get('remote')).toBe('1:3.0:ccc;2:2.0:bb|judge|remote');
    expect(out.get('error.remote')).toBe('BadRequestException|400|invalid_request_error|top_n|null');
  });
});
