// The OpenAI conformance cases (packages/contract/cases/openai) through the generated Kotlin package's Client on the
// JVM. Kotlin's API is typed, so each case becomes a Kotlin call written out here (`typed: false` cases, which a typed
// API cannot express, are left out by the harness); the program prints each outcome as JSON and the shared check
// compares it with the case, as for every other client.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openai } from '@ingot/contract';
import { generateKotlinPackage, jnaJar, runKotlinc } from '../src';
import { KOTLIN_CALLS, str } from './conformanceCalls';
import { conformanceSuite, type RunnableCase } from '../../../contract/test/harness';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-kotlin-conformance-${require('node:crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);

function program(cases: RunnableCase[], pkg: string): string {
  const calls = cases.map(
    (c) => `    run(${str(c.id)}) { json(${KOTLIN_CALLS[c.surface as openai.SurfaceName]!(c.request)}) }`,
  );
  return `// Generated from the conformance cases; prints "<id>\\t<outcome JSON>" per case.
import ${pkg}.*

fun q(s: String?): String = if (s == null) "null" else "\\"" + s.replace("\\\\", "\\\\\\\\").replace("\\"", "\\\\\\"") + "\\""

fun json(r: CreateEmbeddingResponse): String {
    val data = r.data.joinToString(",") { d ->
        val e = if (d.embeddingBase64 != null) q(d.embeddingBase64) else d.embedding.joinToString(",", "[", "]")
        "{\\"object\\":" + q(d.\`object\`) + ",\\"index\\":" + d.index + ",\\"embedding\\":" + e + "}"
    }
    return "{\\"response\\":{\\"object\\":" + q(r.\`object\`) + ",\\"data\\":[" + data + "],\\"model\\":" + q(r.model) +
        ",\\"usage\\":{\\"prompt_tokens\\":" + r.usage.promptTokens + ",\\"total_tokens\\":" + r.usage.totalTokens + "}}}"
}

fun run(id: String, body: () -> String) {
    val out = try {
        body()
    } catch (e: OpenAIServiceException) {
        "{\\"error\\":{\\"status\\":" + e.statusCode + ",\\"type\\":" + q(e.type) + ",\\"param\\":" + q(e.param) + ",\\"code\\":" + q(e.code) + "}}"
    } catch (e: Throwable) {
        "{\\"crash\\":" + q(e.toString()) + "}"
    }
    println(id + "\\t" + out)
}

fun main() {
    val client = Client()
${calls.join('\n')}
}
`;
}

let scratch: string | undefined;
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

conformanceSuite('kotlin client', { typed: true, runner: 'kotlin' }, async (cases) => {
  const fixture = openai.loadCaseFile(openai.EMBEDDINGS.casesFile).fixture;
  const r = await generateKotlinPackage({ compileDir: path.join(ROOT, fixture.compile_dir), outDir: OUT });
  if (!r.jar) throw new Error('the JVM jar was not built');
  const jna = await jnaJar(() => {});
  scratch = mkdtempSync(path.join(os.tmpdir(), 'ingot-kt-conformance-'));
  const src = path.join(scratch, 'Conformance.kt');
  writeFileSync(src, program(cases, `ingot.${fixture.model}`));
  const jar = path.join(scratch, 'conformance.jar');
  await runKotlinc([src, '-include-runtime', '-cp', [r.jar, jna].join(':'), '-d', jar], scratch, () => {});
  const p = spawnSync(
    'java',
    [`-Djava.io.tmpdir=${scratch}`, '-cp', [jar, r.jar, jna].join(path.delimiter), 'ConformanceKt'],
    { cwd: scratch, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (p.status !== 0) throw new Error(`java exited ${p.status}: ${p.stderr}`);
  return Object.fromEntries(
    p.stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('\t')), JSON.parse(l.slice(l.indexOf('\t') + 1))]),
  );
});
