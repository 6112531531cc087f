// The OpenAI conformance cases (packages/contract/cases/openai) through the generated Kotlin package's Client on the
// JVM, one generated package per fixture the cases name (embeddings: the embed fixture; chat: the chat fixture). Kotlin's API is typed, so each case becomes a Kotlin call written out here (`typed: false` cases, which a typed
// API cannot express, are left out by the harness); the program prints each outcome as JSON and the shared check
// compares it with the case, as for every other client.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openai } from '@ingot/contract';
import { coroutinesJar, generateKotlinPackage, jnaJar, runKotlinc } from '../src';
import { KOTLIN_CALLS, KOTLIN_HELPERS, kotlinCountTokens, str } from './conformanceCalls';
import { byFixture, conformanceSuite, type Outcomes, type RunnableCase } from '../../../contract/test/harness';
import { COUNT_TOKENS_CHECKS, COUNT_TOKENS_FIXTURE } from '../../../contract/test/countTokens';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-kotlin-conformance-${require('node:crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);

/** One Kotlin program for one fixture's cases: each case's typed call, its outcome printed as "<id>\t<outcome JSON>". */
function program(cases: RunnableCase[], pkg: string): string {
  const surfaces = [...new Set(cases.map((c) => c.surface as openai.SurfaceName))];
  const helpers = surfaces.map((s) => KOTLIN_HELPERS[s]).filter((h) => h !== undefined);
  const imports = [`${pkg}.*`, ...helpers.flatMap((h) => h.imports)];
  const calls = cases.map(
    (c) => `    run(${str(c.id)}) { ${KOTLIN_CALLS[c.surface as openai.SurfaceName]!(c.request)} }`,
  );
  // The embed fixture's program also runs the client's countTokens checks (not a surface: no cases file).
  if (cases.some((c) => c.fixture.compile_dir === COUNT_TOKENS_FIXTURE))
    calls.push(...COUNT_TOKENS_CHECKS.map((c) => `    run(${str(`countTokens/${c.id}`)}) { ${kotlinCountTokens(c)} }`));
  return `// Generated from the conformance cases; prints "<id>\\t<outcome JSON>" per case.
${imports.map((i) => `import ${i}`).join('\n')}

fun q(s: String?): String = if (s == null) "null" else "\\"" + s.replace("\\\\", "\\\\\\\\").replace("\\"", "\\\\\\"") + "\\""

${helpers.map((h) => h.code).join('\n\n')}

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

/** Generates the fixture's package, compiles its cases' program against the jar and runs it on the JVM. */
async function runFixture(fixture: RunnableCase['fixture'], cases: RunnableCase[], dir: string): Promise<Outcomes> {
  const out = `${OUT}-${path.basename(fixture.compile_dir)}`;
  const r = await generateKotlinPackage({ compileDir: path.join(ROOT, fixture.compile_dir), outDir: out });
  if (!r.jar) throw new Error('the JVM jar was not built');
  const cp = [r.jar, await jnaJar(() => {}), ...(r.binding.usesCoroutines ? [await coroutinesJar(() => {})] : [])];
  const src = path.join(dir, 'Conformance.kt');
  writeFileSync(src, program(cases, r.binding.kotlinPackage));
  const jar = path.join(dir, 'conformance.jar');
  await runKotlinc([src, '-include-runtime', '-cp', cp.join(path.delimiter), '-d', jar], dir, () => {});
  const p = spawnSync('java', [`-Djava.io.tmpdir=${dir}`, '-cp', [jar, ...cp].join(path.delimiter), 'ConformanceKt'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (p.status !== 0) throw new Error(`java exited ${p.status}: ${p.stderr}`);
  return Object.fromEntries(
    p.stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('\t')), JSON.parse(l.slice(l.indexOf('\t') + 1))]),
  );
}

let outcomes: Outcomes = {};
conformanceSuite('kotlin client', { typed: true, runner: 'kotlin' }, async (cases) => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'ingot-kt-conformance-'));
  outcomes = {};
  // Each surface's cases name their fixture; one package and one program per fixture.
  for (const [i, group] of byFixture(cases).entries()) {
    const dir = path.join(scratch, String(i));
    mkdirSync(dir);
    Object.assign(outcomes, await runFixture(group.fixture, group.cases, dir));
  }
  return outcomes;
});

describe('kotlin client: countTokens', () => {
  // The outcomes come from the conformance program above, which jest runs first (its beforeAll).
  const file = { tolerance: 0 } as openai.CaseFile;
  for (const c of COUNT_TOKENS_CHECKS)
    test(c.id, () => {
      const got = outcomes[`countTokens/${c.id}`];
      expect(got).toBeDefined();
      if (got && 'crash' in got) throw new Error(got.crash);
      const expected = 'error' in c.expected ? { error: c.expected.error } : { response: c.expected.response };
      expect(openai.checkOutcome(file, { id: c.id, about: '', request: {}, ...expected }, got!)).toEqual([]);
    });
});
