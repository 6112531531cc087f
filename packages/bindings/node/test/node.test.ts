// The Node target end to end: generate the package from the hand-written fma fixture, build it with napi-rs,
// then use it the way users do, from plain `node` child processes and from an installed tarball.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Project } from 'ts-morph';
import { generateNodePackage } from '../src';

const FIXTURE = path.join(__dirname, 'fixtures', 'fma');

let pkgDir: string;
const buildLog: string[] = [];
/** Temporary directories to remove after the run; the cargo target dir is shared and stays. */
const scratch: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/**
 * Generated packages go to a fixed place, so the napi crate keeps its path and cargo rebuilds it incrementally
 * from one run to the next (a new path is a new crate to cargo).
 */
function packageDir(name: string): string {
  // One folder per checkout: generated crates record absolute paths into the repository.
  return path.join(
    os.tmpdir(),
    `ingot-bindings-node-test-${require('node:crypto')
      .createHash('sha1')
      .update(path.resolve(__dirname, '..', '..', '..', '..'))
      .digest('hex')
      .slice(0, 8)}`,
    name,
  );
}

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function runNode(script: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `body` in a fresh node with `m` bound to the package; returns the JSON it prints last. */
function callPackage(body: string): unknown {
  const script = `const m = require(${JSON.stringify(pkgDir)}); const out = (() => { ${body} })(); console.log(JSON.stringify(out));`;
  const r = runNode(script, os.tmpdir());
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** The thrown error's class and message, as seen by a caller. */
function thrownBy(call: string): unknown {
  return callPackage(
    `try { ${call}; return null; } catch (e) { return { name: e.constructor.name, message: e.message }; }`,
  );
}

beforeAll(async () => {
  pkgDir = packageDir('fma');
  await generateNodePackage({ compileDir: FIXTURE, outDir: pkgDir, log: (l) => buildLog.push(l) });
});

describe('generated package, required from plain node', () => {
  test('scalars cross natively: fma(3, -1, 2) === -1', () => {
    expect(callPackage('return m.fma(3, -1, 2);')).toBe(-1);
  });

  test('a wrong argument type throws a TypeError naming the parameter', () => {
    expect(thrownBy(`m.fma(3, 'a', 2)`)).toEqual({
      name: 'TypeError',
      message: "fma(): argument 'y' must be a number, got string",
    });
    expect(thrownBy(`m.prefix(['a', 1])`)).toEqual({
      name: 'TypeError',
      message: "prefix(): argument 'texts[1]' must be a string, got number",
    });
  });

  test('a missing or extra argument throws a TypeError', () => {
    expect(thrownBy('m.fma(1, 2)')).toEqual({ name: 'TypeError', message: "fma(): missing required argument 'z'" });
    expect(thrownBy('m.fma(1, 2, 3, 4)')).toEqual({
      name: 'TypeError',
      message: 'fma(): takes 3 arguments but 4 were given',
    });
  });

  test('a Python exception becomes an Error "Kind: msg" and the process survives', () => {
    const r = runNode(
      `const m = require(${JSON.stringify(pkgDir)});
       try { m.requirePositive(-1); } catch (e) { console.log(e.constructor.name + '|' + e.message); }
       console.log('alive', m.requirePositive(2));`,
      os.tmpdir(),
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Error|ValueError: x must be positive, got -1.0\nalive 2\n');
  });

  test('a Rust panic becomes an Error, never an abort', () => {
    const r = runNode(
      `const m = require(${JSON.stringify(pkgDir)});
       try { m.boom(1); } catch (e) { console.log(e.message); }
       console.log('alive', m.boom(-3));`,
      os.tmpdir(),
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('RuntimeError: panic in native code: boom 1\nalive -3\n');
  });

  test('defaults apply when an argument is omitted; containers cross as JSON values', () => {
    expect(callPackage(`return m.prefix(['a', 'b']);`)).toEqual(['title: none | text: a', 'title: none | text: b']);
    expect(callPackage(`return m.prefix(['a'], 'search result');`)).toEqual(['task: search result | query: a']);
    expect(thrownBy(`m.prefix(['a'], 'nope')`)).toEqual({ name: 'Error', message: "KeyError: 'nope'" });
    expect(callPackage(`return m.countWords('a b a');`)).toEqual({ a: 2, b: 1 });
    expect(callPackage(`return m.scale([1, 2.5]);`)).toEqual([2, 5]);
    expect(callPackage(`return m.scale(new Float64Array([1, 2]), 0.5);`)).toEqual([0.5, 1]);
    expect(callPackage(`return [m.greet('Ada'), m.greet('Ada', '?'), m.greet('Ada', null)];`)).toEqual([
      'Hello, Ada!',
      'Hello, Ada?',
      'Hello, Ada!',
    ]);
  });

  test('a None return is undefined', () => {
    expect(
      callPackage(
        `return [m.checkEven(2) === undefined, (() => { try { m.checkEven(3); } catch (e) { return e.message; } })()];`,
      ),
    ).toEqual([true, 'ValueError: odd']);
  });

  test('every function has an async variant run on the thread pool; errors reject its promise', () => {
    const r = runNode(
      `const m = require(${JSON.stringify(pkgDir)});
       (async () => {
         const p = m.fmaAsync(3, -1, 2);
         const out = [p instanceof Promise, await p, await m.prefixAsync(['a'])];
         for (const bad of [() => m.requirePositiveAsync(-1), () => m.fmaAsync('a', 1, 2), () => m.boomAsync(1)]) {
           out.push(await bad().then(() => 'resolved', (e) => e.constructor.name + ': ' + e.message));
         }
         console.log(JSON.stringify(out));
       })();`,
      os.tmpdir(),
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      true,
      -1,
      ['title: none | text: a'],
      'Error: ValueError: x must be positive, got -1.0',
      "TypeError: fmaAsync(): argument 'x' must be a number, got string",
      'Error: RuntimeError: panic in native code: boom 1',
    ]);
  });

  test('index.d.ts types the functions from the manifest', () => {
    const dts = readFileSync(path.join(pkgDir, 'index.d.ts'), 'utf8');
    expect(dts).toContain('export declare function fma(x: number, y: number, z: number): number;');
    expect(dts).toContain('export declare function fmaAsync(x: number, y: number, z: number): Promise<number>;');
    expect(dts).toContain('export declare function checkEven(n: number): void;');
    expect(dts).toContain('export declare function prefix(texts: string[], task?: string): string[];');
    expect(dts).toContain('export declare function countWords(text: string): Record<string, number>;');
    expect(dts).toContain('export declare function greet(name: string, punct?: string | null | undefined): string;');
    const project = new Project({ compilerOptions: { strict: true, noEmit: true, types: [] } });
    project.addSourceFileAtPath(path.join(pkgDir, 'index.d.ts'));
    const use = project.createSourceFile(
      path.join(pkgDir, 'use.ts'),
      `import { fma, prefix } from './index';\nconst a: number = fma(1, 2, 3);\nconst b: string[] = prefix(['x']);\nfma('x', 2, 3);\n`,
    );
    const messages = use.getPreEmitDiagnostics().map((d) => [d.getLineNumber(), d.getMessageText().toString()]);
    expect(messages).toEqual([
      [4, expect.stringContaining("'string' is not assignable to parameter of type 'number'")],
    ]);
  });
});

describe('package layout', () => {
  test('follows napi-rs: napi config, platform package as optional dependency, local addon', () => {
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('fma');
    expect(pkg.napi).toEqual({ binaryName: 'fma', targets: ['x86_64-unknown-linux-gnu'] });
    expect(pkg.optionalDependencies).toEqual({ 'fma-linux-x64-gnu': '0.1.0' });
    expect(pkg.scripts).toBeUndefined();
    expect(existsSync(path.join(pkgDir, 'fma.linux-x64-gnu.node'))).toBe(true);
    const platform = JSON.parse(readFileSync(path.join(pkgDir, 'npm/linux-x64-gnu/package.json'), 'utf8'));
    expect(platform).toMatchObject({
      name: 'fma-linux-x64-gnu',
      os: ['linux'],
      cpu: ['x64'],
      main: 'fma.linux-x64-gnu.node',
    });
    expect(existsSync(path.join(pkgDir, 'npm/linux-x64-gnu/fma.linux-x64-gnu.node'))).toBe(true);
  });

  test('npm pack of the package and its platform package, then npm install of both tarballs into an empty directory, then require works', () => {
    const work = tempDir('ingot-node-install-');
    const npm = (args: string[], cwd: string) => {
      const r = spawnSync('npm', args, { cwd, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    };
    npm(['pack', '--pack-destination', work, pkgDir, path.join(pkgDir, 'npm', 'linux-x64-gnu')], work);
    const tarballs = readdirSync(work).filter((f) => f.endsWith('.tgz'));
    expect(tarballs.sort()).toEqual(['fma-0.1.0.tgz', 'fma-linux-x64-gnu-0.1.0.tgz']);
    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    npm(
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        ...tarballs.map((t) => path.join(work, t)),
      ],
      app,
    );
    // The addon comes from the platform package: the main package leaves its local copy out.
    expect(existsSync(path.join(app, 'node_modules', 'fma', 'fma.linux-x64-gnu.node'))).toBe(false);
    expect(existsSync(path.join(app, 'node_modules', 'fma-linux-x64-gnu', 'fma.linux-x64-gnu.node'))).toBe(true);
    const r = runNode(`console.log(require('fma').fma(3, -1, 2))`, app);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('-1');
  });
});

/**
 * The embed fixture's fake model, recomputed here (crate/src/lib.rs): a histogram of the prompt's UTF-8 bytes over 8 bins,
 * scaled to unit length in f64, each element rounded to f32. Values from the package must equal these exactly.
 */
function referenceRows(texts: string[], task = 'document'): number[][] {
  const prefix = (
    { document: 'title: none | text: ', 'search result': 'task: search result | query: ' } as Record<string, string>
  )[task]!;
  return texts.map((t) => {
    const row = new Array<number>(8).fill(0);
    Buffer.from(prefix + t, 'utf8').forEach((b, i) => (row[(b + i) % 8] += 1));
    const norm = Math.sqrt(row.reduce((a, x) => a + x * x, 0));
    return row.map((x) => Math.fround(x / norm));
  });
}

/** Matryoshka cut as the client does it: the first `dims` f32 values over their f64 norm, rounded to f32. */
function referenceCut(row: number[], dims: number): number[] {
  const head = row.slice(0, dims);
  const norm = Math.sqrt(head.reduce((a, x) => a + x * x, 0));
  return head.map((x) => Math.fround(x / norm));
}

describe('a module with an embedding function', () => {
  let embedDir: string;

  beforeAll(async () => {
    embedDir = packageDir('embed');
    await generateNodePackage({ compileDir: path.join(__dirname, 'fixtures', 'embed'), outDir: embedDir });
  });

  function runAsync(body: string): unknown {
    const script = `const m = require(${JSON.stringify(embedDir)}); (async () => { ${body} })().then((out) => console.log(JSON.stringify(out)), (e) => { console.error(e); process.exit(1); });`;
    const r = runNode(script, os.tmpdir());
    if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  }

  test('the typed function returns a float32 ndarray', () => {
    expect(
      runAsync(`const a = m.embed(['a', 'b']); return [a.dtype, a.shape, a.data.constructor.name, a.data.length];`),
    ).toEqual(['float32', [2, 8], 'Float32Array', 16]);
  });

  test("the Float32Array holds the model's values, from the sync and the async variant", () => {
    const texts = ['Which planet is red?', 'Mars', 'héllo wörld', ''];
    const got = runAsync(`
      const texts = ${JSON.stringify(texts)};
      const a = m.embed(texts);
      const b = await m.embedAsync(texts, 'search result');
      const rows = (x) => Array.from({ length: x.shape[0] }, (_, i) => Array.from(x.data.subarray(i * x.shape[1], (i + 1) * x.shape[1])));
      return { a: rows(a), b: rows(b), keys: Object.keys(a), bytes: a.data.buffer.byteLength };
    `) as { a: number[][]; b: number[][]; keys: string[]; bytes: number };
    expect(got.a).toEqual(referenceRows(texts));
    expect(got.b).toEqual(referenceRows(texts, 'search result'));
    expect(got.keys).toEqual(['dtype', 'shape', 'data']);
    // The array owns exactly the matrix's bytes (napi-rs hands the Rust Vec over as the ArrayBuffer).
    expect(got.bytes).toBe(texts.length * 8 * 4);
  });

  test('the package carries its model file and the library reads it from there', () => {
    expect(readFileSync(path.join(embedDir, 'resources', 'model', 'prefixes.json'), 'utf8')).toBe(
      readFileSync(path.join(__dirname, 'fixtures', 'embed', 'resources', 'model', 'prefixes.json'), 'utf8'),
    );
    expect(readFileSync(path.join(embedDir, 'index.js'), 'utf8')).toContain(
      `__ingotSetResourceDir(__ingot_path.join(__dirname, 'resources'))`,
    );
  });

  test("embeddings.create gives the model's numbers as floats and as the base64 the official SDK decodes", () => {
    const texts = ['Which planet is red?', 'Mars', 'the fourth planet'];
    const got = runAsync(`
      const client = new m.Client();
      const input = ${JSON.stringify(texts)};
      // The official openai SDK's decoding of a base64 embedding.
      const sdkDecode = (b64) => { const buf = Buffer.from(b64, 'base64'); return Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4)); };
      const float = await client.embeddings.create({ model: 'embed', input });
      const b64 = await client.embeddings.create({ model: 'embed', input, encoding_format: 'base64' });
      const cut = await client.embeddings.create({ model: 'embed', input, dimensions: 3, encoding_format: 'base64' });
      const cutFloat = await client.embeddings.create({ model: 'embed', input, dimensions: 3 });
      return {
        float: float.data.map((d) => d.embedding),
        isArray: float.data.every((d) => Array.isArray(d.embedding)),
        b64: b64.data.map((d) => sdkDecode(d.embedding)),
        cut: cut.data.map((d) => sdkDecode(d.embedding)),
        cutFloat: cutFloat.data.map((d) => d.embedding),
        index: b64.data.map((d) => d.index),
      };
    `) as Record<string, unknown>;
    const want = referenceRows(texts);
    expect(got.float).toEqual(want);
    expect(got.isArray).toBe(true);
    expect(got.b64).toEqual(want);
    expect(got.cut).toEqual(want.map((r) => referenceCut(r, 3)));
    expect(got.cutFloat).toEqual(want.map((r) => referenceCut(r, 3)));
    expect(got.index).toEqual([0, 1, 2]);
  });

  test('Client().embeddings.create answers like the official SDK', () => {
    const res = runAsync(`
      const client = new m.Client();
      const full = await client.embeddings.create({ model: 'embed', input: ['Which planet is red?', 'Mars'] });
      const short = await client.embeddings.create({ model: 'embed', input: 'Mars', dimensions: 4, encoding_format: 'base64' });
      const bytes = Buffer.from(short.data[0].embedding, 'base64');
      const row = [0, 1, 2, 3].map((i) => bytes.readFloatLE(i * 4));
      const err = await client.embeddings.create({ model: 'nope', input: 'x' }).catch((e) => e);
      return {
        shape: { ...full, data: full.data.map((d) => ({ ...d, embedding: d.embedding.length })) },
        norm: Math.hypot(...row),
        err: { name: err.constructor.name, status: err.status, error: err.error },
      };
    `) as { shape: unknown; norm: number; err: unknown };
    expect(res.shape).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: 8 },
        { object: 'embedding', index: 1, embedding: 8 },
      ],
      model: 'embed',
      // The fixture's fake tokenizer counts UTF-8 bytes: 20 + 4.
      usage: { prompt_tokens: 24, total_tokens: 24 },
    });
    expect(res.norm).toBeCloseTo(1, 5);
    expect(res.err).toEqual({
      name: 'NotFoundError',
      status: 404,
      error: {
        message: 'The model `nope` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
  });

  test("token ids are decoded by the module's ingot_token_decode, then embedded; a bad id is a BadRequestError", () => {
    // The fixture's fake tokenizer: a text's tokens are its UTF-8 bytes.
    const ids = ['Mars', 'héllo'].map((t) => [...Buffer.from(t, 'utf8')]);
    const res = runAsync(`
      const client = new m.Client();
      const byIds = await client.embeddings.create({ model: 'embed', input: ${JSON.stringify(ids)} });
      const flat = await client.embeddings.create({ model: 'embed', input: ${JSON.stringify(ids[0])} });
      const err = await client.embeddings.create({ model: 'embed', input: [[77, 300]] }).catch((e) => e);
      return { rows: byIds.data.map((d) => d.embedding), usage: byIds.usage, flat: flat.data.map((d) => d.embedding), flatUsage: flat.usage.prompt_tokens,
               decoded: m.ingotTokenDecode(${JSON.stringify(ids)}), err: { name: err.constructor.name, status: err.status, error: err.error } };
    `) as Record<string, unknown>;
    expect(res.decoded).toEqual(['Mars', 'héllo']);
    expect(res.rows).toEqual(referenceRows(['Mars', 'héllo']));
    expect(res.usage).toEqual({ prompt_tokens: 10, total_tokens: 10 });
    expect(res.flat).toEqual(referenceRows(['Mars']));
    expect(res.flatUsage).toBe(4);
    expect(res.err).toEqual({
      name: 'BadRequestError',
      status: 400,
      error: {
        message: "token id 300 is not in the tokenizer's vocabulary of 256 tokens",
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    });
  });
});
