// The Kotlin package of the real MiniLM example, used from its folder alone as a JVM user would: the folder is copied to an
// empty temp dir, its jar is built there with kotlinc (the pinned npm kotlin-compiler) and JNA from Maven Central, and a
// JVM program calls `embed` and the OpenAI-style `Client`, compared with sentence-transformers' embeddings, while the
// compile dir's model files are moved away so that they can only come from the jar's resources. Gradle is not installed
// here, so the Android library module is checked as files: everything its build files name is in the folder, and its
// model files are byte for byte the manifest's; its native/ crate resolves from the folder alone with the pinned lock.

import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKotlinPackage, jnaJar, runKotlinc, type KotlinBinding } from '../src';
import {
  compileRealMinilm,
  describeWithMinilm,
  hashes,
  listFiles,
  maxAbsDiff,
  minilmReference,
  nativeCrateProblems,
  BUILD_TIMEOUT,
  scratchDir,
} from '../../node/test/realMinilm';

const OUT = scratchDir('kotlin-install-minilm');

interface ManifestFile {
  path: string;
  sha256: string;
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

describeWithMinilm('the MiniLM Kotlin package, from its folder alone', () => {
  let binding: KotlinBinding;
  let work: string;
  /** The copy of the package folder. */
  let pkg: string;
  let modelFiles: ManifestFile[];
  let lines: Map<string, string>;
  let cacheDir: string;
  let nativeProblems: string[];

  beforeAll(async () => {
    const compiled = compileRealMinilm(path.join(OUT, 'compiled'));
    const generated = await generateKotlinPackage({
      compileDir: compiled,
      outDir: path.join(OUT, 'kotlin'),
      jar: false,
    });
    binding = generated.binding;
    const manifest = JSON.parse(readFileSync(path.join(compiled, 'manifest.json'), 'utf8')) as {
      resources: { files: ManifestFile[] }[];
    };
    modelFiles = manifest.resources.flatMap((r) => r.files);

    work = mkdtempSync(path.join(os.tmpdir(), 'ingot-kotlin-install-'));
    pkg = path.join(work, binding.artifact);
    cpSync(generated.packageDir, pkg, { recursive: true });
    // The jar is rebuilt from the folder's sources below, so the folder's own build output must not be what runs.
    rmSync(path.join(pkg, 'build'), { recursive: true, force: true });
    // native/, which build-android.sh builds for Android's ABIs: `cargo metadata --locked` fails unless the folder's
    // Cargo.lock pins the whole graph and every path resolves inside the folder. (Not built here: a copy at a new path is a
    // new package to cargo, and building it in the shared target dir left rlibs that later builds of the same crates linked.)
    nativeProblems = nativeCrateProblems(pkg);

    // Build the jar as the README describes it: the Kotlin sources against JNA, the JNA resource folder holding the host
    // library, and the model files as Java resources (stored: weights hardly compress).
    const jna = await jnaJar(() => {});
    const jar = path.join(work, `${binding.artifact}.jar`);
    const sources = listFiles(path.join(pkg, 'src', 'main', 'kotlin'))
      .filter((f) => f.endsWith('.kt'))
      .map((f) => path.join('src', 'main', 'kotlin', f));
    await runKotlinc([...sources, '-cp', jna, '-d', jar], pkg, () => {});
    run('jar', ['uf', jar, '-C', path.join(pkg, 'jvm'), '.'], pkg);
    run('jar', ['u0f', jar, '-C', path.join(pkg, 'src', 'main', 'resources'), '.'], pkg);

    const { sentences } = minilmReference();
    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'sentences.txt'), sentences.join('\n') + '\n');
    const kp = binding.kotlinPackage;
    writeFileSync(
      path.join(app, 'Main.kt'),
      [
        `import ${kp}.Client`,
        `import ${kp}.IngotResources`,
        '',
        'fun main(args: Array<String>) {',
        '    val sentences = java.io.File(args[0]).readLines()',
        `    val m = ${kp}.embed(sentences)`,
        '    println("shape=" + m.shape.toList())',
        '    for (i in sentences.indices) println("row$i=" + m.row(i).joinToString(","))',
        `    val res = Client().embeddings.create(model = ${JSON.stringify(binding.client!.modelName)}, input = sentences)`,
        '    println("client.model=" + res.model)',
        '    println("client.same=" + sentences.indices.all { res.data[it].embedding == m.row(it).toList() })',
        '    println("resources=" + IngotResources.directory?.absolutePath)',
        '}',
        '',
      ].join('\n'),
    );
    const mainJar = path.join(app, 'main.jar');
    await runKotlinc(
      [path.join(app, 'Main.kt'), '-include-runtime', '-cp', [jar, jna].join(':'), '-d', mainJar],
      app,
      () => {},
    );

    // The compiled library would fall back to the compile dir's model files; they are away while the JVM runs.
    const resources = path.join(compiled, 'resources');
    renameSync(resources, `${resources}.away`);
    try {
      const tmp = path.join(app, 'tmp');
      mkdirSync(tmp);
      cacheDir = path.join(tmp, 'ingot-resources', binding.resources!.cacheName);
      const out = run(
        'java',
        [`-Djava.io.tmpdir=${tmp}`, '-cp', [mainJar, jar, jna].join(path.delimiter), 'MainKt', 'sentences.txt'],
        app,
      );
      lines = new Map(
        out
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
    } finally {
      renameSync(`${resources}.away`, resources);
    }
  }, BUILD_TIMEOUT);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('embed and Client().embeddings.create from the jar match sentence-transformers', () => {
    const { sentences, embeddings } = minilmReference();
    expect(lines.get('shape')).toBe(`[${sentences.length}, 384]`);
    const rows = sentences.map((_, i) => lines.get(`row${i}`)!.split(',').map(Number));
    expect(maxAbsDiff(rows, embeddings)).toBeLessThanOrEqual(1e-4);
    expect(lines.get('client.model')).toBe(binding.client!.modelName);
    expect(lines.get('client.same')).toBe('true');
  });

  test("the library read the model files unpacked from the jar's resources, byte for byte", () => {
    expect(lines.get('resources')).toBe(cacheDir);
    const want = Object.fromEntries(modelFiles.map((f) => [f.path, f.sha256]));
    expect(hashes(cacheDir, Object.keys(want))).toEqual(want);
  });

  test("the Android module's files are all in the folder, the model files byte for byte", () => {
    const files = listFiles(pkg);
    const gradle = readFileSync(path.join(pkg, 'build.gradle.kts'), 'utf8');
    const settings = readFileSync(path.join(pkg, 'settings.gradle.kts'), 'utf8');
    expect(gradle).toContain(`namespace = "${binding.kotlinPackage}"`);
    expect(settings).toContain(`rootProject.name = "${binding.artifact}"`);
    // The module publishes its AAR: maven-publish, with the release variant under the package's coordinates.
    expect(gradle).toContain('`maven-publish`');
    expect(gradle).toContain('from(components["release"])');
    expect(gradle).toContain(`artifactId = "${binding.artifact}"`);
    // Every file a build file names by a relative path (ProGuard rules, the native crate's manifest) is in the folder.
    const named = [
      ...`${gradle}\n${readFileSync(path.join(pkg, 'build-android.sh'), 'utf8')}`.matchAll(
        /"(?:\$here\/)?([\w.-]+(?:\/[\w.-]+)*\.(?:pro|toml|kts))"/g,
      ),
    ].map((m) => m[1]!);
    expect(named).toEqual(expect.arrayContaining(['consumer-rules.pro', 'native/Cargo.toml']));
    expect(named.filter((f) => !existsSync(path.join(pkg, f)))).toEqual([]);
    // The Android source sets: the wrapper and uniffi's bindings in src/main/kotlin, the model files in src/main/resources.
    const kotlinDir = `src/main/kotlin/${binding.kotlinPackage.split('.').join('/')}`;
    expect(files).toEqual(
      expect.arrayContaining([
        `${kotlinDir}/${binding.wrapperClass}.kt`,
        `${kotlinDir}/Client.kt`,
        `${kotlinDir}/IngotResources.kt`,
      ]),
    );
    const root = `src/main/resources/${binding.resources!.root}`;
    const want = Object.fromEntries(modelFiles.map((f) => [`${root}/${f.path}`, f.sha256]));
    expect(hashes(pkg, Object.keys(want))).toEqual(want);
    // Nothing in the folder points outside it: no entry is a symbolic link.
    expect(
      readdirSync(pkg, { recursive: true, withFileTypes: true })
        .filter((e) => e.isSymbolicLink())
        .map((e) => path.join(e.parentPath, e.name)),
    ).toEqual([]);
  });

  test('native/, which build-android.sh builds, resolves from the folder alone with its pinned Cargo.lock', () => {
    expect(nativeProblems).toEqual([]);
  });
});
