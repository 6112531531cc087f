// The Kotlin target end to end: generate the fma and embed packages from the Node generator's hand-written fixtures
// (each builds its JVM jar with kotlinc), compile a small main against the two jars and JNA, run it on the JVM and
// assert on what it prints. kotlinc is slow (~15-40 s a run), so the test compiles once beyond the two jars.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKotlinPackage, jnaJar, runKotlinc } from '../src';

const FIXTURES = path.join(__dirname, '..', '..', 'node', 'test', 'fixtures');
// One folder per checkout: generated crates record absolute paths into the repository.
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-kotlin-test-${require('node:crypto')
    .createHash('sha1')
    .update(path.resolve(__dirname, '..', '..', '..', '..'))
    .digest('hex')
    .slice(0, 8)}`,
);

let lines: Map<string, string>;
const dirs: Record<string, string> = {};
let scratch: string;
/** The embed fixture's compile dir, copied so that its resources/ can be removed before the JVM runs. */
const EMBED_COMPILED = path.join(OUT, 'compiled-embed');

/**
 * A copy of a fixture's compile dir at a fixed place (so cargo rebuilds incrementally), the runtime path made absolute.
 * Unchanged files keep their mtime.
 */
function copyFixture(name: string, to: string): string {
  const from = path.join(FIXTURES, name);
  for (const e of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(from, path.join(e.parentPath, e.name));
    let text = readFileSync(path.join(from, rel), 'utf8');
    if (rel === path.join('crate', 'Cargo.toml')) {
      text = text.replace(
        /^(ingot-runtime = \{ path = )"([^"]+)"/m,
        (_, head: string, p: string) => `${head}${JSON.stringify(path.resolve(from, 'crate', p))}`,
      );
    }
    const dest = path.join(to, rel);
    if (existsSync(dest) && readFileSync(dest, 'utf8') === text) continue;
    mkdirSync(path.dirname(dest), { recursive: true });
    writeFileSync(dest, text);
  }
  return to;
}

beforeAll(async () => {
  const jars: string[] = [];
  for (const name of ['fma', 'embed']) {
    const compileDir = name === 'embed' ? copyFixture('embed', EMBED_COMPILED) : path.join(FIXTURES, name);
    const r = await generateKotlinPackage({ compileDir, outDir: path.join(OUT, name) });
    if (!r.jar) throw new Error('the JVM jar was not built');
    jars.push(r.jar);
    dirs[name] = r.packageDir;
  }
  const jna = await jnaJar(() => {});
  scratch = mkdtempSync(path.join(os.tmpdir(), 'ingot-kt-main-'));
  const mainJar = path.join(scratch, 'main.jar');
  await runKotlinc(
    [path.join(__dirname, 'jvm', 'Main.kt'), '-include-runtime', '-cp', [...jars, jna].join(':'), '-d', mainJar],
    scratch,
    () => {},
  );
  // The model files must come from the package: the compile dir's copy, which the library would fall back to, is gone.
  rmSync(path.join(EMBED_COMPILED, 'resources'), { recursive: true, force: true });
  // No -Djna.library.path: JNA must find each library inside its jar (linux-x86-64/...).
  // java.io.tmpdir is the scratch dir, so the model files are unpacked there.
  const r = spawnSync(
    'java',
    [`-Djava.io.tmpdir=${scratch}`, '-cp', [mainJar, ...jars, jna].join(path.delimiter), 'MainKt'],
    { cwd: scratch, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`java exited ${r.status}: ${r.stderr}`);
  lines = new Map(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('typed functions from the JVM jar', () => {
  test('scalars, defaults, lists and optionals', () => {
    expect(lines.get('fma')).toBe('-1.0');
    expect(lines.get('prefix.default')).toBe('[title: none | text: a]');
    expect(lines.get('prefix.task')).toBe('[task: search result | query: a]');
    expect(lines.get('scale')).toBe('[2.0, 5.0]');
    expect(lines.get('greet')).toBe('Hello, x!|Hello, x?');
  });

  test('a dict return is value JSON text', () => {
    expect(JSON.parse(lines.get('countWords')!)).toEqual({ a: 2, b: 1 });
  });

  test('a Python exception is an IngotException with the "Kind: msg" message; a panic too', () => {
    expect(lines.get('raised')).toBe('Raised|ValueError: x must be positive, got -1.0');
    expect(lines.get('panic')).toBe('Panic|RuntimeError: panic in native code: boom 1');
  });
});

describe('OpenAI-style client', () => {
  test('embeddings.create answers with the SDK response shape', () => {
    expect(lines.get('matrix.shape')).toBe('[2, 8]');
    expect(lines.get('emb.object')).toBe('list|embedding|embed');
    expect(lines.get('emb.count')).toBe('2');
    expect(lines.get('emb.dim')).toBe('8');
    expect(Number(lines.get('emb.norm'))).toBeCloseTo(1, 5);
    // The fixture's fake tokenizer counts UTF-8 bytes: 20 + 4.
    expect(lines.get('emb.usage')).toBe('24');
    expect(lines.get('emb.sameAsTyped')).toBe('true');
  });

  test('dimensions truncates and renormalises; base64 is little-endian float32', () => {
    expect(lines.get('cut.dim')).toBe('3');
    expect(Number(lines.get('cut.norm'))).toBeCloseTo(1, 5);
    expect(lines.get('cut.base64')).toBe('true');
  });

  test('an unknown model throws NotFoundException with status 404', () => {
    expect(lines.get('notFound')).toMatch(/^404\|model_not_found\|The model `gpt-4` does not exist/);
  });

  test('an error raised in Rust reaches the caller', () => {
    expect(lines.get('embedRaised')).toBe("KeyError: 'nope'");
  });

  test("token ids are decoded by the module's ingot_token_decode, then embedded; usage counts the ids", () => {
    expect(lines.get('ids.decoded')).toBe('[Mars]');
    expect(lines.get('ids.same')).toBe('true');
    expect(lines.get('ids.usage')).toBe('6|6');
    expect(lines.get('ids.flat')).toBe('1|3|4');
  });

  test('a bad token id and empty token input throw BadRequestException on input', () => {
    expect(lines.get('ids.bad')).toBe("400|input|token id 300 is not in the tokenizer's vocabulary of 256 tokens");
    expect(lines.get('ids.emptyRow')).toBe("400|input|'input[1]' is an empty list of token ids");
    expect(lines.get('ids.empty')).toBe("400|input|'input' must not be empty");
  });
});

describe('model files', () => {
  test('are unpacked from the jar on first use, and the library reads them from there', () => {
    const dir = lines.get('resources.dir')!;
    expect(dir.startsWith(path.join(scratch, 'ingot-resources', 'ingot.embed-'))).toBe(true);
    expect(readFileSync(path.join(dir, 'model', 'prefixes.json'), 'utf8')).toBe(
      readFileSync(path.join(FIXTURES, 'embed', 'resources', 'model', 'prefixes.json'), 'utf8'),
    );
    // The embeddings above needed them (the fake model reads its task prefixes from that file).
    expect(lines.get('emb.count')).toBe('2');
  });

  test('travel in the Android module as Java resources and in the jar', () => {
    const dir = dirs.embed!;
    expect(existsSync(path.join(dir, 'src/main/resources/ingot/embed/resources/model/prefixes.json'))).toBe(true);
    const listing = spawnSync('jar', ['tf', path.join(dir, 'build/libs/embed-0.1.0.jar')], {
      encoding: 'utf8',
    }).stdout.split('\n');
    expect(listing).toContain('ingot/embed/resources/model/prefixes.json');
  });
});

describe('Android library module layout', () => {
  test('has the Gradle files, the JNA aar dependency and the sources', () => {
    const dir = dirs.embed!;
    expect(readFileSync(path.join(dir, 'build.gradle.kts'), 'utf8')).toMatch(
      /implementation\("net\.java\.dev\.jna:jna:5\.\d+\.\d+@aar"\)/,
    );
    for (const rel of [
      'settings.gradle.kts',
      'consumer-rules.pro',
      'build-android.sh',
      'README.md',
      'src/main/kotlin/ingot/embed/Embed.kt',
      'src/main/kotlin/ingot/embed/Client.kt',
      'src/main/kotlin/ingot/embed/Embeddings.kt',
      'src/main/kotlin/ingot/embed/Float32Matrix.kt',
      'src/main/kotlin/uniffi/ingot_uniffi_embed/ingot_uniffi_embed.kt',
    ]) {
      expect(existsSync(path.join(dir, rel))).toBe(true);
    }
  });
});
