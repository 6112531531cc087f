// The Node package of the real MiniLM example, installed the way a user installs it: `npm pack` of the main package and of
// its napi-rs platform package, `npm install` of both tarballs into an empty folder (offline: local tarballs need no
// registry), then `embed` and the OpenAI-style `Client` from a plain `node -e` script, compared with sentence-transformers'
// embeddings. Every installed file must equal the generated package's file byte for byte, and `npm publish --dry-run` must
// accept both packages with the same file lists as `npm pack`.

import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateNodePackage } from '../src';
import {
  compileRealMinilm,
  describeWithMinilm,
  hashes,
  listFiles,
  maxAbsDiff,
  minilmReference,
  BUILD_TIMEOUT,
  scratchDir,
} from './realMinilm';

const OUT = scratchDir('node-install-minilm');

interface PackResult {
  name: string;
  filename: string;
  files: { path: string }[];
}

/** Runs npm and returns stdout; a failure throws with npm's stderr. */
function npm(args: string[], cwd: string): string {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

describeWithMinilm('the MiniLM Node package, packed and installed with npm', () => {
  let pkgDir: string;
  let platformDir: string;
  let packageName: string;
  let platformName: string;
  let modelName: string;
  let work: string;
  let app: string;
  const packed: Record<string, PackResult> = {};

  beforeAll(async () => {
    const compiled = compileRealMinilm(path.join(OUT, 'compiled'));
    const { packageDir, binding } = await generateNodePackage({ compileDir: compiled, outDir: path.join(OUT, 'node') });
    pkgDir = packageDir;
    platformDir = path.join(pkgDir, 'npm', binding.platform.key);
    packageName = binding.packageName;
    platformName = binding.platformPackageName;
    modelName = binding.client!.modelName;

    work = mkdtempSync(path.join(os.tmpdir(), 'ingot-node-install-'));
    for (const dir of [pkgDir, platformDir]) {
      const [r] = JSON.parse(npm(['pack', '--json', '--pack-destination', work, dir], work)) as PackResult[];
      packed[r!.name] = r!;
    }
    app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    npm(
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        path.join(work, packed[packageName]!.filename),
        path.join(work, packed[platformName]!.filename),
      ],
      app,
    );
  }, BUILD_TIMEOUT);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("the package's model files are plain files, not hard links", () => {
    const resources = path.join(pkgDir, 'resources');
    const files = listFiles(resources);
    // The tokenizer's and the model's config.json are one blob in the Hugging Face cache.
    expect(files).toEqual(expect.arrayContaining(['tokenizer/config.json', 'encoder__model/config.json']));
    expect(files.filter((f) => lstatSync(path.join(resources, f)).nlink !== 1)).toEqual([]);
  });

  test('embed and Client().embeddings.create from the installed package match sentence-transformers', () => {
    const { sentences, embeddings } = minilmReference();
    const script = `
      const { embed, Client } = require(${JSON.stringify(packageName)});
      (async () => {
        const a = embed(${JSON.stringify(sentences)});
        const rows = [];
        for (let i = 0; i < a.shape[0]; i++) rows.push(Array.from(a.data.subarray(i * a.shape[1], (i + 1) * a.shape[1])));
        const res = await new Client().embeddings.create({ model: ${JSON.stringify(modelName)}, input: ${JSON.stringify(sentences)} });
        console.log(JSON.stringify({
          dtype: a.dtype,
          shape: a.shape,
          rows,
          client: res.data.map((d) => d.embedding),
          object: res.object,
          model: res.model,
          addon: require.resolve(${JSON.stringify(platformName)}),
        }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      dtype: string;
      shape: number[];
      rows: number[][];
      client: number[][];
      object: string;
      model: string;
      addon: string;
    };
    expect([out.dtype, out.shape, out.object, out.model]).toEqual([
      'float32',
      [sentences.length, 384],
      'list',
      modelName,
    ]);
    expect(maxAbsDiff(out.rows, embeddings)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(out.client, out.rows)).toBe(0);
    // The addon is the platform package's: the main package does not ship one.
    expect(out.addon).toBe(path.join(app, 'node_modules', platformName, path.basename(out.addon)));
  });

  test('every installed file is the packaged file, byte for byte, and nothing packed is missing', () => {
    for (const [name, source] of [
      [packageName, pkgDir],
      [platformName, platformDir],
    ] as const) {
      const listed = packed[name]!.files.map((f) => f.path).sort();
      const installed = path.join(app, 'node_modules', name);
      expect(listFiles(installed)).toEqual(listed);
      expect(hashes(installed, listed)).toEqual(hashes(source, listed));
    }
    // The model files are among them: every file the manifest lists.
    const manifest = require(path.join(pkgDir, 'manifest.json')) as { resources: { files: { path: string }[] }[] };
    const modelFiles = manifest.resources.flatMap((r) => r.files.map((f) => `resources/${f.path}`));
    expect(modelFiles.length).toBeGreaterThan(5);
    expect(packed[packageName]!.files.map((f) => f.path)).toEqual(expect.arrayContaining(modelFiles));
  });

  test('npm publish --dry-run accepts the main package and the platform package, with the files npm pack packed', () => {
    for (const [name, dir] of [
      [packageName, pkgDir],
      [platformName, platformDir],
    ] as const) {
      // --offline: a dry run needs no registry; npm only warns that publishing for real needs a login.
      const r = JSON.parse(npm(['publish', '--dry-run', '--offline', '--json'], dir)) as Record<string, PackResult>;
      const published = r[name] ?? (r as unknown as PackResult);
      expect(published.name).toBe(name);
      expect(published.files.map((f) => f.path).sort()).toEqual(packed[name]!.files.map((f) => f.path).sort());
    }
  });
});
