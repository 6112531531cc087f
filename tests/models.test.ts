/**
 * Embedding models end to end: Python that people write (examples/embed, examples/minilm and
 * tests/models/*.py) compiled against tiny random-weight models of both architectures, whose
 * reference outputs were recorded with transformers and sentence-transformers
 * (tools/models/make_fixtures.py). The models sit in a temporary Hugging Face cache, so the
 * examples compile unchanged. Parity: max abs error <= 1e-4 and cosine >= 0.99999.
 * With all-MiniLM-L6-v2 installed (tools/models/fetch_minilm.sh), the real model is checked too.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileFile, runNative } from './harness/differential';
import { fakeHubCache, ndarrayResult, parity, readSafetensors, rows, withHubCache } from './harness/models';

const fixtures = path.join(__dirname, 'fixtures', 'models');
const root = path.join(__dirname, '..');

const gemmaRef = readSafetensors(path.join(fixtures, 'gemma_tiny', 'reference.safetensors'));
const gemmaTexts = (
  JSON.parse(fs.readFileSync(path.join(fixtures, 'gemma_tiny', 'reference.json'), 'utf8')) as { texts: string[] }
).texts;
const bertRef = readSafetensors(path.join(fixtures, 'bert_tiny', 'reference.safetensors'));
const bertTexts = (
  JSON.parse(fs.readFileSync(path.join(fixtures, 'bert_tiny', 'reference.json'), 'utf8')) as { texts: string[] }
).texts;

describe('sentence-transformers on tiny models', () => {
  let lib: string;
  beforeAll(async () => {
    const cache = fakeHubCache({
      'ingot-test/gemma-tiny': path.join(fixtures, 'gemma_tiny'),
      'ingot-test/bert-tiny': path.join(fixtures, 'bert_tiny'),
    });
    lib = (await withHubCache(cache, () => compileFile(path.join(__dirname, 'models', 'st_tiny.py')))).libPath;
  });

  it.each([
    ['gemma_normalized', 'emb_normalized', gemmaRef, gemmaTexts],
    ['gemma_raw', 'emb_raw', gemmaRef, gemmaTexts],
    ['gemma_normalized_32', 'emb_normalized_32', gemmaRef, gemmaTexts],
    ['gemma_raw_16', 'emb_raw_16', gemmaRef, gemmaTexts],
    ['bert_normalized', 'emb_normalized', bertRef, bertTexts],
    ['bert_normalized_8', 'emb_normalized_8', bertRef, bertTexts],
  ] as const)('%s matches sentence-transformers', async (fn, key, ref, texts) => {
    const got = await ndarrayResult(lib, fn, { texts });
    const want = ref.get(key)!;
    expect(got.shape).toEqual(want.shape);
    const p = parity(rows(got), rows(want));
    expect(p.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(p.minCos).toBeGreaterThanOrEqual(0.99999);
  });

  it('gives an empty (0, dim) matrix for an empty list', async () => {
    const got = await ndarrayResult(lib, 'gemma_normalized', { texts: [] });
    expect(got.shape).toEqual([0, 64]);
  });
});

describe('examples/embed (EmbeddingGemma architecture, tiny weights)', () => {
  let lib: string;
  beforeAll(async () => {
    const cache = fakeHubCache({ 'google/embeddinggemma-300m': path.join(fixtures, 'gemma_tiny') });
    lib = (await withHubCache(cache, () => compileFile(path.join(root, 'examples', 'embed', 'embed.py')))).libPath;
  });

  it('embeds prompts with the task prefix and unit norm', async () => {
    const got = await ndarrayResult(lib, 'embed', { texts: ['Which planet is red?', 'Mars'], task: 'search result' });
    expect(got.shape).toEqual([2, 64]);
    for (const r of rows(got)) expect(Math.hypot(...r)).toBeCloseTo(1, 5);
    const doc = await ndarrayResult(lib, 'embed', { texts: ['Mars'] });
    expect(rows(doc)[0]).not.toEqual(rows(got)[1]);
  });

  it('raises KeyError for an unknown task', async () => {
    const r = await runNative(lib, 'embed', { texts: ['x'], task: 'poetry' });
    expect(r).toEqual({ error: { type: 'KeyError', message: "'poetry'" } });
  });
});

describe('examples/embed/embed_transformers.py (AutoModel, torch pooling, the Dense safetensors through F.linear; tiny weights)', () => {
  // Recorded by running the same file with transformers on gemma_tiny (tools/models/make_fixtures.py).
  const ref = readSafetensors(path.join(fixtures, 'gemma_tiny', 'reference_transformers.safetensors'));
  const { calls } = JSON.parse(
    fs.readFileSync(path.join(fixtures, 'gemma_tiny', 'reference_transformers.json'), 'utf8'),
  ) as { calls: { key: string; function: string; kwargs: Record<string, unknown> }[] };
  let lib: string;
  let dir: string;
  beforeAll(async () => {
    const cache = fakeHubCache({ 'google/embeddinggemma-300m': path.join(fixtures, 'gemma_tiny') });
    lib = (await withHubCache(cache, () => compileFile(path.join(root, 'examples', 'embed', 'embed_transformers.py'))))
      .libPath;
    dir = path.dirname(path.dirname(lib));
  });

  it.each(calls.map((c) => [c.key, c] as const))('%s matches transformers', async (_key, c) => {
    const got = await ndarrayResult(lib, c.function, { texts: gemmaTexts, ...c.kwargs });
    const want = ref.get(c.key)!;
    expect(got.shape).toEqual(want.shape);
    const p = parity(rows(got), rows(want));
    expect(p.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(p.minCos).toBeGreaterThanOrEqual(0.99999);
  });

  it('gives an empty (0, dim) matrix for an empty list', async () => {
    expect((await ndarrayResult(lib, 'embed', { texts: [] })).shape).toEqual([0, 64]);
    expect((await ndarrayResult(lib, 'embed_truncated', { texts: [], dim: 16 })).shape).toEqual([0, 16]);
  });

  it('reads a tensor by path or from the hub cache, and names what the file holds when the key is wrong', async () => {
    const { frontend, parseSourceSpec, renderDiagnostics } =
      require('@ingot/compiler') as typeof import('@ingot/compiler');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-tensor-res-'));
    const dense = path.join(fixtures, 'gemma_tiny', '3_Dense', 'model.safetensors');
    const src = (load: string): string =>
      `import torch\nimport torch.nn.functional as F\nfrom huggingface_hub import hf_hub_download\nfrom safetensors.torch import load_file\n\nw = ${load}\n\ndef f(x: torch.Tensor) -> torch.Tensor:\n    return F.linear(x, w)\n`;
    const cache = fakeHubCache({ 'google/embeddinggemma-300m': path.join(fixtures, 'gemma_tiny') });
    const check = async (name: string, load: string) => {
      fs.writeFileSync(path.join(tmp, `${name}.py`), src(load));
      return withHubCache(cache, () => frontend(parseSourceSpec(`${path.join(tmp, `${name}.py`)}:f`)));
    };
    const byPath = await check('by_path', `load_file(${JSON.stringify(path.relative(tmp, dense))})["linear.weight"]`);
    expect(byPath.typed?.module.resources.get('w')?.tensor).toEqual({
      key: 'linear.weight',
      dtype: 'float32',
      shape: [64, 256],
    });
    const sub = await check(
      'subfolder',
      'load_file(hf_hub_download("google/embeddinggemma-300m", "model.safetensors", subfolder="2_Dense"))["linear.weight"]',
    );
    expect(sub.typed?.module.resources.get('w')?.files.map((f) => f.rel)).toEqual(['2_Dense/model.safetensors']);
    const bad = await check(
      'bad_key',
      'load_file(hf_hub_download("google/embeddinggemma-300m", "2_Dense/model.safetensors"))["weight"]',
    );
    expect(bad.typed).toBeUndefined();
    const text = renderDiagnostics(bad.diagnostics, bad.sources);
    expect(text).toContain('error[E0221]');
    expect(text).toContain('2_Dense/model.safetensors has no tensor `weight`');
    expect(text).toContain('it holds: linear.weight');
  });

  it('has the GPU backends as crate features, off by default', () => {
    const toml = fs.readFileSync(path.join(dir, 'crate', 'Cargo.toml'), 'utf8');
    expect(toml).toContain('cuda = ["ingot-models/cuda"]');
    expect(toml).toContain('metal = ["ingot-models/metal"]');
    expect(toml).not.toMatch(/^default\s*=/m);
  });

  it('ships the Dense weight files as resources checked by sha256', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      resources: { name: string; kind: string; files: { path: string; sha256: string }[] }[];
    };
    const dense = manifest.resources
      .filter((r) => r.kind === 'Tensor')
      .map((r) => r.files.map((f) => f.path))
      .flat()
      .sort();
    expect(dense).toEqual(['dense1/2_Dense/model.safetensors', 'dense2/3_Dense/model.safetensors']);
  });
});

describe('examples/minilm (the transformers way, tiny BERT weights)', () => {
  let lib: string;
  beforeAll(async () => {
    const cache = fakeHubCache({ 'sentence-transformers/all-MiniLM-L6-v2': path.join(fixtures, 'bert_tiny') });
    lib = (await withHubCache(cache, () => compileFile(path.join(root, 'examples', 'minilm', 'minilm.py')))).libPath;
  });

  it('matches mean pooling + normalize from sentence-transformers', async () => {
    // sentence-transformers truncates at max_seq_length (24 here); the transformers code
    // truncates at the tokenizer's model_max_length (512). Rows that fit in 24 tokens agree.
    const mask = rows(bertRef.get('attention_mask')!);
    const short = mask
      .map((m, i) => [m.reduce((a, b) => a + b, 0), i] as const)
      .filter(([n]) => n < 24)
      .map(([, i]) => i);
    expect(short.length).toBeGreaterThanOrEqual(6);
    const texts = short.map((i) => bertTexts[i]!);
    const got = await ndarrayResult(lib, 'embed', { texts });
    const want = rows(bertRef.get('emb_normalized')!).filter((_, i) => short.includes(i));
    const p = parity(rows(got), want);
    expect(p.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(p.minCos).toBeGreaterThanOrEqual(0.99999);
  });
});

const realCache = process.env.HF_HUB_CACHE ?? path.join(os.homedir(), '.cache', 'huggingface', 'hub');
const haveReal = fs.existsSync(path.join(realCache, 'models--sentence-transformers--all-MiniLM-L6-v2'));
(haveReal ? describe : describe.skip)('examples/minilm with the real all-MiniLM-L6-v2 weights', () => {
  it('matches sentence-transformers on real sentences', async () => {
    const lib = (await compileFile(path.join(root, 'examples', 'minilm', 'minilm.py'))).libPath;
    const meta = JSON.parse(fs.readFileSync(path.join(fixtures, 'minilm_real.json'), 'utf8')) as {
      sentences: string[];
    };
    const want = readSafetensors(path.join(fixtures, 'minilm_real.safetensors')).get('embeddings')!;
    const got = await ndarrayResult(lib, 'embed', { texts: meta.sentences });
    const p = parity(rows(got), rows(want));
    expect(p.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(p.minCos).toBeGreaterThanOrEqual(0.99999);
  });
});

describe('bad input and concurrency (tiny EmbeddingGemma)', () => {
  let dir: string;
  let lib: string;
  beforeAll(async () => {
    const cache = fakeHubCache({ 'google/embeddinggemma-300m': path.join(fixtures, 'gemma_tiny') });
    const compiled = await withHubCache(cache, () => compileFile(path.join(root, 'examples', 'embed', 'embed.py')));
    lib = compiled.libPath;
    dir = path.dirname(path.dirname(lib));
  });

  it('embeds an empty string and truncates an over-long text', async () => {
    const got = await ndarrayResult(lib, 'embed', { texts: ['', 'word '.repeat(5000)] });
    expect(got.shape).toEqual([2, 64]);
    for (const r of rows(got)) expect(Math.hypot(...r)).toBeCloseTo(1, 5);
  });

  it('rejects invalid UTF-8 arriving through the ABI with a clear error', () => {
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const { runnerPath } = require('@ingot/compiler') as typeof import('@ingot/compiler');
    // Node would re-encode an argument as UTF-8, so bash passes the raw bytes (0xff 0xfe) instead.
    const p = spawnSync('bash', ['-c', `"$0" "$1" embed "$(printf '{"texts": ["\\xff\\xfe"]}')"`, runnerPath(), lib], {
      encoding: 'utf8',
    });
    expect(p.status).not.toBe(0);
    expect(p.stderr).toMatch(/not valid UTF-8/);
  });

  it('names the file and the expected sha256 when a weight file is corrupted', async () => {
    // A copy of the compiled output whose weights differ from what the manifest recorded.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-corrupt-'));
    fs.cpSync(dir, copy, { recursive: true, dereference: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8')) as {
      resources: { files: { path: string; sha256: string }[] }[];
    };
    const weights = manifest.resources[0]!.files.find((f) => f.path.endsWith('model/model.safetensors'))!;
    const file = path.join(copy, 'resources', weights.path);
    fs.rmSync(file);
    fs.writeFileSync(file, 'not the weights');
    // The copied library would load the original files; point it at the corrupted copy.
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const { runnerPath } = require('@ingot/compiler') as typeof import('@ingot/compiler');
    const copyLib = path.join(copy, 'lib', path.basename(lib));
    const r = spawnSync(
      runnerPath(),
      ['--resource-dir', path.join(copy, 'resources'), copyLib, 'embed', '{"texts": ["x"]}'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('model.safetensors');
    expect(r.stderr).toContain(weights.sha256);
  });

  it('gives the same vectors to calls from many threads at once', async () => {
    const texts = ['Which planet is red?', 'Mars', 'the fourth planet', ''];
    const want = await ndarrayResult(lib, 'embed', { texts });
    const { runnerPath } = require('@ingot/compiler') as typeof import('@ingot/compiler');
    void runnerPath;
    // The Node package runs each call on libuv's thread pool (4 threads): 16 at once overlap.
    const pkgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-embed-node-'));
    const { generateNodePackage } = require('@ingot/bindings-node') as typeof import('@ingot/bindings-node');
    await generateNodePackage({ compileDir: dir, outDir: pkgDir });
    const pkg = require(pkgDir) as {
      embedAsync: (t: string[], task?: string) => Promise<{ shape: number[]; data: Float32Array }>;
    };
    const results = await Promise.all(Array.from({ length: 16 }, () => pkg.embedAsync(texts)));
    for (const r of results) {
      expect(r.shape).toEqual(want.shape);
      const p = parity(rows({ shape: r.shape, data: Array.from(r.data) }), rows(want));
      expect(p.maxAbs).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('--embed-weights: one file to ship', () => {
  it('runs from the library alone, with the compile folder gone', async () => {
    const { compile, runnerPath } = require('@ingot/compiler') as typeof import('@ingot/compiler');
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-embedded-'));
    const cache = fakeHubCache({
      'ingot-test/gemma-tiny': path.join(fixtures, 'gemma_tiny'),
      'ingot-test/bert-tiny': path.join(fixtures, 'bert_tiny'),
    });
    const r = await withHubCache(cache, () =>
      compile(
        { file: path.join(__dirname, 'models', 'st_tiny.py'), entry: undefined },
        { outDir: out, embedWeights: true },
      ),
    );
    expect(r.libPath).toBeDefined();
    // Only the library travels: the compile folder (with its resources/) is removed.
    const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-alone-'));
    const lib = path.join(alone, path.basename(r.libPath!));
    fs.copyFileSync(r.libPath!, lib);
    fs.rmSync(out, { recursive: true, force: true });
    const p = spawnSync(runnerPath(), [lib, 'gemma_normalized', JSON.stringify({ texts: gemmaTexts })], {
      encoding: 'utf8',
    });
    expect(p.stderr).toBe('');
    const nd = (JSON.parse(p.stdout.trim().split('\n').pop()!) as { ndarray: { shape: number[]; data: number[] } })
      .ndarray;
    const q = parity(rows(nd), rows(gemmaRef.get('emb_normalized')!));
    expect(q.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(q.minCos).toBeGreaterThanOrEqual(0.99999);
  });
});
