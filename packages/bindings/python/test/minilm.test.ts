// The real MiniLM example the way a user ships and installs it: examples/minilm/minilm.py compiled against the real
// all-MiniLM-L6-v2 weights (tools/models/fetch_minilm.sh puts them in the Hugging Face cache), its Python package built
// into a wheel by maturin, checked by `auditwheel show` and `twine check`, installed with `pip install` into a fresh venv,
// every installed file compared with the package by sha256, then called from a plain `python` process and compared with
// sentence-transformers' embeddings of the same sentences (tests/fixtures/models/minilm_real.*).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatePythonPackage, packagingPython } from '../src';
import { outDir, Venv } from './venv';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const OUT = outDir('minilm');
const HUB = process.env.HF_HUB_CACHE ?? path.join(os.homedir(), '.cache', 'huggingface', 'hub');
const HAVE_REAL = existsSync(path.join(HUB, 'models--sentence-transformers--all-MiniLM-L6-v2'));
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'models');

/** Every file under `dir` (relative paths), skipping bytecode caches. */
function walk(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.name === '__pycache__') return [];
    return e.isDirectory() ? walk(dir, r) : [r];
  });
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function tool(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(packagingPython(), args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

// CI fetches the weights first (.ci/run), so there the suite must run; elsewhere it says why it is skipped.
const suite = HAVE_REAL || process.env.CI ? describe : describe.skip;
if (!HAVE_REAL && !process.env.CI) {
  console.warn('python/minilm.test.ts skipped: run `bash tools/models/fetch_minilm.sh` for the real all-MiniLM-L6-v2');
}

suite('examples/minilm with the real weights, as a pip-installed wheel', () => {
  let venv: Venv;
  let wheel: string;
  let pkgSrc: string;
  let installed: string;

  // A cold build compiles candle twice (the compiled crate's profile and the uniffi crate's); on a busy machine that
  // takes longer than the suites' default timeout.
  beforeAll(
    async () => {
      const compileDir = path.join(OUT, 'compiled');
      const cli = path.join(ROOT, 'packages', 'cli', 'dist', 'main.js');
      const c = spawnSync(
        process.execPath,
        [cli, 'compile', path.join(ROOT, 'examples', 'minilm', 'minilm.py'), '--out', compileDir, '--quiet'],
        { cwd: ROOT, encoding: 'utf8' },
      );
      if (c.status !== 0) throw new Error(`ingot compile failed (${c.status}):\n${c.stderr}`);
      const r = await generatePythonPackage({ compileDir, outDir: path.join(OUT, 'python') });
      wheel = r.wheel;
      pkgSrc = path.join(r.packageDir, 'src', r.binding.importName);
      venv = new Venv();
      venv.install(wheel);
      installed = venv.run('import minilm, os\nprint(json.dumps(os.path.dirname(minilm.__file__)))') as string;
    },
    60 * 60 * 1000,
  );

  afterAll(() => venv?.remove());

  test('the wheel is manylinux, and auditwheel and twine accept it', () => {
    expect(path.basename(wheel)).toMatch(/^minilm-0\.1\.0-py3-none-manylinux_2_\d+_x86_64(\.manylinux\w+)*\.whl$/);
    const show = tool(['-m', 'auditwheel', 'show', wheel]);
    expect(show.status).toBe(0);
    expect(show.out).toMatch(/is\s+consistent\s+with\s+the\s+following\s+platform\s+tag:\s+"manylinux_2_\d+_x86_64"/);
    const check = tool(['-m', 'twine', 'check', '--strict', wheel]);
    expect(check.status).toBe(0);
    expect(check.out).toMatch(/PASSED/);
  });

  test('every installed file is a plain file with the sha256 of the package and the wheel', () => {
    // The wheel's own listing of its files under the package folder, with each file's sha256.
    const inWheel = venv.run(
      `import hashlib, zipfile
z = zipfile.ZipFile(${JSON.stringify(wheel)})
print(json.dumps({n.split("/", 1)[1]: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist() if n.startswith("minilm/")}))`,
    ) as Record<string, string>;
    const files = walk(installed).sort();
    expect(files).toEqual(Object.keys(inWheel).sort());
    // Everything the generator wrote is installed as it was written; maturin adds only the uniffi subpackage: the
    // library, uniffi-bindgen's ctypes module and an __init__.py.
    const written = walk(pkgSrc);
    const added = files.filter((f) => !written.includes(f)).sort();
    expect(added).toHaveLength(3);
    expect(added).toEqual([
      expect.stringMatching(/^(\w+)\/__init__\.py$/),
      expect.stringMatching(/^(\w+)\/\1\.py$/),
      expect.stringMatching(/^(\w+)\/lib\1\.so$/),
    ]);
    for (const f of files) {
      const file = path.join(installed, f);
      expect({ f, plain: lstatSync(file).isFile(), links: lstatSync(file).nlink }).toEqual({
        f,
        plain: true,
        links: 1,
      });
      expect({ f, sha: sha256(file) }).toEqual({ f, sha: inWheel[f] });
      if (written.includes(f)) expect({ f, sha: sha256(file) }).toEqual({ f, sha: sha256(path.join(pkgSrc, f)) });
    }
    // The model files are the ones the compiler hashed into the manifest.
    const manifest = JSON.parse(readFileSync(path.join(installed, 'manifest.json'), 'utf8')) as {
      resources: { files: { path: string; sha256: string }[] }[];
    };
    const resources = manifest.resources.flatMap((r) => r.files);
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) expect(sha256(path.join(installed, 'resources', r.path))).toBe(r.sha256);
  });

  test('embed and Client().embeddings.create match sentence-transformers', () => {
    const out = venv.run(
      `import struct
from minilm import embed, Client
raw = open(${JSON.stringify(path.join(FIXTURE, 'minilm_real.safetensors'))}, "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
meta = json.loads(raw[8:8 + n])["embeddings"]
a, b = meta["data_offsets"]
flat = struct.unpack("<%df" % ((b - a) // 4), raw[8 + n + a:8 + n + b])
want = [list(flat[i * meta["shape"][1]:(i + 1) * meta["shape"][1]]) for i in range(meta["shape"][0])]
sentences = json.load(open(${JSON.stringify(path.join(FIXTURE, 'minilm_real.json'))}))["sentences"]
got = embed(sentences).tolist()
res = Client().embeddings.create(model="minilm", input=sentences)
client = [d.embedding for d in res.data]
print(json.dumps({
    "shape": [len(got), len(got[0])],
    "vsRef": max(abs(x - y) for g, w in zip(got, want) for x, y in zip(g, w)),
    "clientVsTyped": max(abs(x - y) for c, g in zip(client, got) for x, y in zip(c, g)),
    "index": [d.index for d in res.data],
    "tokens": res.usage.prompt_tokens,
}))`,
    ) as { shape: number[]; vsRef: number; clientVsTyped: number; index: number[]; tokens: number };
    expect(out.shape).toEqual([10, 384]);
    expect(out.vsRef).toBeLessThanOrEqual(1e-4);
    expect(out.clientVsTyped).toBeLessThanOrEqual(1e-6);
    expect(out.index).toEqual([...Array(10).keys()]);
    expect(out.tokens).toBeGreaterThan(10);
  });

  test('bad input is a Python exception, not a stack trace from the generator', () => {
    const out = venv.run(
      `from minilm import embed, Client, BadRequestError
errs = []
for call in (lambda: embed([1, 2]), lambda: Client().embeddings.create(model="minilm", input=[])):
    try:
        call()
        errs.append(None)
    except Exception as e:
        errs.append([type(e).__name__, [c.__name__ for c in type(e).__mro__]])
print(json.dumps(errs))`,
    ) as [string, string[]][];
    expect(out[0]![0]).toBe('TypeError');
    expect(out[1]).toEqual(['BadRequestError', expect.arrayContaining(['APIStatusError', 'Exception'])]);
  });
});
