// PIL images in the Kotlin target: generate the `images` fixture's package (its JVM jar built with kotlinc; the crate is
// `ingot compile images.py` output), run test/jvm/ImagesMain.kt on the JVM against the real library through JNA, and
// compare what it printed with CPython and Pillow running the same module (tools/reference/pyrun.py). One compiled
// module and one JVM run serve every case.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, runJvmMain } from './jvmMain';

const FIXTURE = path.join(FIXTURES, 'images');
const REPO = path.resolve(__dirname, '..', '..', '..', '..');

let lines: Map<string, string>;
let packageDir: string;
let cleanup: () => void;

beforeAll(async () => {
  const run = await runJvmMain('images', 'ImagesMain');
  lines = run.lines;
  cleanup = run.cleanup;
  packageDir = run.packageDir;
});

afterAll(() => cleanup?.());

type ImageJson = { image: { width: number; height: number; mode: string; data: string } };

/** CPython's answer for `fn(**args)` (value JSON) from the fixture's own source, with Pillow. */
function cpython(fn: string, args: Record<string, unknown>): unknown {
  const input = JSON.stringify([{ file: path.join(FIXTURE, 'images.py'), function: fn, args }]);
  const r = spawnSync('python3', [path.join(REPO, 'tools', 'reference', 'pyrun.py')], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pyrun.py failed: ${r.stderr}`);
  const [out] = JSON.parse(r.stdout) as [{ ok?: unknown; error?: { type: string; message: string } }];
  if (!('ok' in out)) return out.error;
  return out.ok;
}

/** Pillow's own conversion of raw RGBA bytes to `mode` (what `convert` gives), as base64. */
function pillowConvert(rgba: Buffer, width: number, height: number, mode: string): string {
  const code = `import sys, base64; from PIL import Image; im = Image.frombytes("RGBA", (${width}, ${height}), base64.b64decode(sys.stdin.read())); print(base64.b64encode(im.convert("${mode}").tobytes()).decode())`;
  const r = spawnSync('python3', ['-c', code], { input: rgba.toString('base64'), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** `describe`'s tuple (value JSON text) against CPython's: mode and size exactly, the mean to 1e-5 relative. */
function expectDescribe(got: string, want: unknown): void {
  const [mode, w, h, mean] = JSON.parse(got) as [string, number, number, number];
  const [wantMode, wantW, wantH, wantMean] = want as [string, number, number, number];
  expect([mode, w, h]).toEqual([wantMode, wantW, wantH]);
  expect(Math.abs(mean - wantMean)).toBeLessThanOrEqual(1e-5 * Math.abs(wantMean));
}

const show = (im: ImageJson): string => `${im.image.width}x${im.image.height}|${im.image.mode}|${im.image.data}`;
const image = (width: number, height: number, mode: string, data: Buffer): ImageJson => ({
  image: { width, height, mode, data: data.toString('base64') },
});

/** The 7x5 RGB bytes ImagesMain.kt builds. */
const RGB = Buffer.from(Array.from({ length: 7 * 5 * 3 }, (_, i) => (i * 37 + ((i * i) % 91)) % 256));
/** The ARGB ints ImagesMain.kt builds, as the RGBA bytes they stand for. */
const ARGB = Array.from({ length: 35 }, (_, i) => {
  const a = i % 5 === 0 ? 0 : i % 5 === 1 ? 255 : (i * 53 + 17) % 256;
  return [(i * 37) % 256, (i * 91 + 5) % 256, (i * 13 + 200) % 256, a] as const;
});
const RGBA = Buffer.from(ARGB.flat());

describe('images cross as IngotImage (raw bytes), equal to Pillow', () => {
  test('an image result: size, mode and bytes', () => {
    expect(lines.get('thumbnailGray')).toBe(
      show(cpython('thumbnail_gray', { image: image(7, 5, 'RGB', RGB), side: 3 }) as ImageJson),
    );
  });

  test('an image argument to functions giving a tuple (value JSON text) and a float32 matrix', () => {
    // The mean is a float32 sum, whose order may differ from numpy's pairwise one in the last bits.
    expectDescribe(lines.get('describe.rgb')!, cpython('describe', { image: image(7, 5, 'RGB', RGB) }));
    const want = cpython('pixels', { image: image(7, 5, 'RGB', RGB) }) as {
      ndarray: { shape: number[]; data: number[] };
    };
    const [shape, data] = lines.get('pixels')!.split('|');
    expect(shape).toBe(want.ndarray.shape.join(','));
    const got = data!.split(',').map(Number);
    expect(got.length).toBe(want.ndarray.data.length);
    got.forEach((x, i) => expect(x).toBeCloseTo(want.ndarray.data[i]!, 6));
  });

  test('RGBA through resize and transpose, and back to ARGB ints with straight alpha', () => {
    const want = cpython('mirror_rgba', { image: image(7, 5, 'RGBA', RGBA), side: 4 }) as ImageJson;
    expect(lines.get('mirrorRgba')).toBe(show(want));
    const bytes = Buffer.from(want.image.data, 'base64');
    const argb = Array.from({ length: bytes.length / 4 }, (_, i) =>
      (
        ((bytes[i * 4 + 3]! << 24) | (bytes[i * 4]! << 16) | (bytes[i * 4 + 1]! << 8) | bytes[i * 4 + 2]!) >>>
        0
      ).toString(16),
    );
    expect(lines.get('mirrorRgba.argb')).toBe(argb.join(','));
  });

  test('an empty image crosses', () => {
    expect(lines.get('empty')).toBe(
      show(cpython('mirror_rgba', { image: image(0, 0, 'L', Buffer.alloc(0)), side: 2 }) as ImageJson),
    );
  });
});

describe('fromArgb / toArgb: the layout of Bitmap.getPixels and setPixels', () => {
  test('RGBA keeps alpha as it is; RGB drops it and L is luma, both as Pillow converts', () => {
    expect(lines.get('fromArgb.rgba')).toBe(`7x5|RGBA|${RGBA.toString('base64')}`);
    expect(lines.get('fromArgb.rgb')).toBe(`7x5|RGB|${pillowConvert(RGBA, 7, 5, 'RGB')}`);
    expect(lines.get('fromArgb.l')).toBe(`7x5|L|${pillowConvert(RGBA, 7, 5, 'L')}`);
    const l = Buffer.from(pillowConvert(RGBA, 7, 5, 'L'), 'base64');
    expectDescribe(lines.get('describe.l')!, cpython('describe', { image: image(7, 5, 'L', l) }));
  });

  test('round trip, and L and RGB give opaque pixels', () => {
    expect(lines.get('roundTrip')).toBe('true|true');
    expect(lines.get('toArgb.l')).toBe('ff000000,ffc8c8c8');
    expect(lines.get('toArgb.rgb')).toBe('ff010203');
  });
});

describe('errors', () => {
  test('a bad image is an IllegalArgumentException before any native call', () => {
    expect(lines.get('bad.size')).toBe('IllegalArgumentException|a 2x2 RGB image has 12 bytes, got 5');
    expect(lines.get('bad.mode')).toBe('IllegalArgumentException|mode must be "L", "RGB" or "RGBA", got "CMYK"');
    expect(lines.get('bad.argb')).toBe('IllegalArgumentException|a 2x2 image has 4 pixels, got 3');
  });

  test('a Python exception is an IngotException with CPython message', () => {
    const err = cpython('thumbnail_gray', { image: image(7, 5, 'RGB', RGB), side: 0 }) as {
      type: string;
      message: string;
    };
    expect(lines.get('raised')).toBe(`IngotException|${err.type}: ${err.message}`);
  });
});

describe('the package', () => {
  test('the wrapper declares IngotImage parameters and results; Bitmap extensions are Android-only sources', () => {
    const wrapper = readFileSync(
      path.join(packageDir, 'src', 'main', 'kotlin', 'ingot', 'images', 'Images.kt'),
      'utf8',
    );
    expect(wrapper).toContain('fun thumbnailGray(image: IngotImage, side: Long): IngotImage =');
    expect(wrapper).toContain('fun describe(image: IngotImage): String =');
    const bitmap = readFileSync(
      path.join(packageDir, 'src', 'android', 'kotlin', 'ingot', 'images', 'IngotImageBitmap.kt'),
      'utf8',
    );
    expect(bitmap).toContain('fun Bitmap.toIngotImage(mode: String = "RGBA"): IngotImage');
    expect(readFileSync(path.join(packageDir, 'build.gradle.kts'), 'utf8')).toContain(
      'sourceSets["main"].java.srcDir("src/android/kotlin")',
    );
  });
});
