// PIL images in the Node target: generate the package of the `images` fixture (its crate is `ingot compile images.py`
// output), build it with napi-rs, call it from a plain `node` child process with `{width, height, mode, data}` objects,
// and compare what comes back with CPython and Pillow running the same module (tools/reference/pyrun.py).

import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateNodePackage } from '../src';

const FIXTURE = path.join(__dirname, 'fixtures', 'images');
const REPO = path.resolve(__dirname, '..', '..', '..', '..');
// A fixed place per checkout, so cargo rebuilds the napi crate incrementally from one run to the next.
const PKG = path.join(
  os.tmpdir(),
  `ingot-bindings-node-images-test-${require('node:crypto').createHash('sha1').update(REPO).digest('hex').slice(0, 8)}`,
  'images',
);

beforeAll(async () => {
  await generateNodePackage({ compileDir: FIXTURE, outDir: PKG });
});

/** Runs an async `body` in a fresh node with `m` bound to the package; returns the JSON of what it returns. */
function run(body: string): unknown {
  const script = `const m = require(${JSON.stringify(PKG)}); (async () => { ${body} })().then((v) => console.log(JSON.stringify(v)), (e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: os.tmpdir(), encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** CPython's answer for `fn(**args)` (value JSON) from the fixture's own source. */
function cpython(fn: string, args: Record<string, unknown>): unknown {
  const input = JSON.stringify([{ file: path.join(FIXTURE, 'images.py'), function: fn, args }]);
  const r = spawnSync('python3', [path.join(REPO, 'tools', 'reference', 'pyrun.py')], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pyrun.py failed: ${r.stderr}`);
  const [out] = JSON.parse(r.stdout) as [{ ok?: unknown; error?: unknown }];
  if (!('ok' in out)) throw new Error(`CPython raised: ${JSON.stringify(out.error)}`);
  return out.ok;
}

/** A 7x5 RGB image's bytes, the same in JS and in the value JSON CPython gets. */
const BYTES = Array.from({ length: 7 * 5 * 3 }, (_, i) => (i * 37 + ((i * i) % 91)) % 256);
const IMAGE = { width: 7, height: 5, mode: 'RGB', data: Buffer.from(BYTES).toString('base64') };

describe('images cross as {width, height, mode, data}', () => {
  test('an image result is an object whose data is a Buffer of the raw bytes, equal to Pillow', () => {
    const got = run(
      `const im = m.thumbnailGray({ width: 7, height: 5, mode: 'RGB', data: Buffer.from(${JSON.stringify(BYTES)}) }, 3);` +
        ` return { width: im.width, height: im.height, mode: im.mode, isBuffer: Buffer.isBuffer(im.data), data: im.data.toString('base64') };`,
    );
    const want = cpython('thumbnail_gray', { image: { image: IMAGE }, side: 3 }) as { image: Record<string, unknown> };
    expect(got).toEqual({ ...want.image, isBuffer: true });
  });

  test('Uint8Array and Uint8ClampedArray data are accepted, and mode defaults to RGBA (a canvas ImageData)', () => {
    const got = run(
      `const px = new Uint8ClampedArray([10, 20, 30, 255, 200, 100, 0, 128]);` +
        ` return [m.describe({ width: 2, height: 1, data: px }), m.describe({ width: 1, height: 2, mode: 'L', data: new Uint8Array([0, 255]) })];`,
    );
    const rgba = {
      image: {
        width: 2,
        height: 1,
        mode: 'RGBA',
        data: Buffer.from([10, 20, 30, 255, 200, 100, 0, 128]).toString('base64'),
      },
    };
    const l = { image: { width: 1, height: 2, mode: 'L', data: Buffer.from([0, 255]).toString('base64') } };
    expect(got).toEqual([cpython('describe', { image: rgba }), cpython('describe', { image: l })]);
  });

  test('a bad image is a TypeError naming the parameter, before any native call', () => {
    const got = run(
      `const out = []; for (const bad of [{ width: 2, height: 2, mode: 'RGB', data: new Uint8Array(5) }, { width: 1, height: 1, mode: 'CMYK', data: [1, 2, 3, 4] }, 'image.png']) {` +
        ` try { m.describe(bad); out.push(null); } catch (e) { out.push(e.constructor.name + ': ' + e.message); } } return out;`,
    ) as string[];
    expect(got[0]).toMatch(/^TypeError: describe\(\): argument 'image' is 2x2 RGB but has 5 bytes, not 12/);
    expect(got[1]).toMatch(/^TypeError: describe\(\): argument 'image.mode' must be 'L', 'RGB' or 'RGBA'/);
    expect(got[2]).toMatch(/^TypeError: describe\(\): argument 'image' must be an image/);
  });
});
