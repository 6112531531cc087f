/**
 * PIL images through the C ABI (docs/contracts.md, "Images"), as a C program sees them through the generated header:
 * a typed entry takes and gives the module's image struct of raw row-major bytes (no value JSON, no base64), the
 * result equals what Pillow computes for the same module in CPython, bad images are status 2 with a message naming
 * the parameter and leave the out-parameter untouched, and the result's bytes are freed with `<prefix>image_free`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileFile } from './harness/differential';

const file = path.join(__dirname, '..', 'packages', 'bindings', 'node', 'test', 'fixtures', 'images', 'images.py');
let libPath: string;
let manifest: { functions: { name: string; c_symbol: string | null }[] };

beforeAll(async () => {
  const r = await compileFile(file);
  libPath = r.libPath;
  manifest = r.manifest as typeof manifest;
});

/** A 7x5 RGB image's bytes, the same in C and in the value JSON CPython gets. */
const BYTES = Array.from({ length: 7 * 5 * 3 }, (_, i) => (i * 37 + ((i * i) % 91)) % 256);

/** CPython's answer for `fn(**args)` (value JSON) from the fixture's own source, with Pillow. */
function cpython(
  fn: string,
  args: Record<string, unknown>,
): { image: { width: number; height: number; mode: string; data: string } } {
  const input = JSON.stringify([{ file, function: fn, args }]);
  const r = spawnSync('python3', [path.join(__dirname, '..', 'tools', 'reference', 'pyrun.py')], {
    input,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`pyrun.py failed: ${r.stderr}`);
  const [out] = JSON.parse(r.stdout) as [{ ok?: unknown; error?: unknown }];
  if (!('ok' in out)) throw new Error(`CPython raised: ${JSON.stringify(out.error)}`);
  return out.ok as ReturnType<typeof cpython>;
}

const C_PROGRAM = String.raw`
#include <stdio.h>
#include <string.h>
#include "ingot_images.h"

static const char *err(void) { const char *e = ingot_images_last_error(); return e ? e : "-"; }

static void show(const char *what, int st, const ingot_images_image *im) {
  printf("%s %d", what, st);
  if (st == 0) {
    printf(" %ux%u %s %lu ", im->width, im->height, im->mode, (unsigned long)im->len);
    for (uintptr_t i = 0; i < im->len; i++) printf("%02x", im->data[i]);
  } else {
    printf(" %s", err());
  }
  printf("\n");
}

int main(void) {
  static const uint8_t rgb[] = { BYTES };
  ingot_images_image in = { rgb, sizeof rgb, 7, 5, "RGB" };
  ingot_images_image out;
  memset(&out, 0, sizeof out);
  int st = ingot_images_fn_thumbnail_gray(&in, 3, &out);
  show("thumbnail_gray", st, &out);
  ingot_images_image_free(&out);
  printf("freed %s %lu\n", out.data == NULL ? "null" : "set", (unsigned long)out.len);
  ingot_images_image_free(&out); /* a second free of a cleared image does nothing */
  ingot_images_image_free(NULL);

  st = ingot_images_fn_mirror_rgba(&in, 4, &out);
  show("mirror_rgba", st, &out);
  ingot_images_image_free(&out);

  /* Bad images: status 2, a message naming the parameter, out untouched. */
  ingot_images_image sentinel = { NULL, 12345, 1, 1, "L" };
  ingot_images_image short_in = { rgb, 5, 7, 5, "RGB" };
  out = sentinel;
  st = ingot_images_fn_thumbnail_gray(&short_in, 3, &out);
  printf("short %d %s %s\n", st, err(), out.len == 12345 ? "untouched" : "written");
  ingot_images_image cmyk = { rgb, 4, 1, 1, "CMYK" };
  st = ingot_images_fn_thumbnail_gray(&cmyk, 3, &out);
  printf("cmyk %d %s\n", st, err());
  ingot_images_image nomode = { rgb, 3, 1, 1, NULL };
  st = ingot_images_fn_thumbnail_gray(&nomode, 3, &out);
  printf("nomode %d %s\n", st, err());
  ingot_images_image nodata = { NULL, 3, 1, 1, "RGB" };
  st = ingot_images_fn_thumbnail_gray(&nodata, 3, &out);
  printf("nodata %d %s\n", st, err());
  st = ingot_images_fn_thumbnail_gray(NULL, 3, &out);
  printf("null %d %s\n", st, err());
  st = ingot_images_fn_thumbnail_gray(&in, 3, NULL);
  printf("nullout %d %s\n", st, err());
  /* A Python exception inside the function is status 1 (Pillow's thumbnail of a 0-pixel box). */
  st = ingot_images_fn_thumbnail_gray(&in, 0, &out);
  printf("raised %d %s\n", st, out.len == 12345 ? "untouched" : "written");
  /* An empty image crosses too: NULL data with len 0. */
  ingot_images_image empty = { NULL, 0, 0, 0, "L" };
  st = ingot_images_fn_mirror_rgba(&empty, 2, &out);
  show("empty", st, &out);
  if (st == 0) ingot_images_image_free(&out);
  return 0;
}
`;

const hex = (b64: string): string => Buffer.from(b64, 'base64').toString('hex');

describe('images through the C ABI, from C through the generated header', () => {
  test('functions taking or giving only scalars, str and images have a typed entry; others stay JSON-only', () => {
    expect(Object.fromEntries(manifest.functions.map((f) => [f.name, f.c_symbol]))).toEqual({
      thumbnail_gray: 'ingot_images_fn_thumbnail_gray',
      describe: null,
      pixels: null,
      mirror_rgba: 'ingot_images_fn_mirror_rgba',
    });
  });

  test('raw bytes in and out, equal to Pillow; bad images are status 2; the bytes are freed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-images-c-'));
    try {
      const libDir = path.dirname(libPath);
      const include = path.join(path.dirname(libDir), 'include');
      fs.writeFileSync(path.join(dir, 'main.c'), C_PROGRAM.replace('BYTES', BYTES.join(', ')));
      const cc = spawnSync(
        'cc',
        [
          '-std=c99',
          '-Wall',
          '-Werror',
          '-o',
          path.join(dir, 'main'),
          path.join(dir, 'main.c'),
          `-I${include}`,
          `-L${libDir}`,
          '-lingot_images',
          `-Wl,-rpath,${libDir}`,
        ],
        { encoding: 'utf8' },
      );
      expect(cc.stderr).toBe('');
      const run = spawnSync(path.join(dir, 'main'), [], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const image = { image: { width: 7, height: 5, mode: 'RGB', data: Buffer.from(BYTES).toString('base64') } };
      const gray = cpython('thumbnail_gray', { image, side: 3 }).image;
      const mirrored = cpython('mirror_rgba', { image, side: 4 }).image;
      const n = (b64: string): number => Buffer.from(b64, 'base64').length;
      expect(run.stdout.trim().split('\n')).toEqual([
        `thumbnail_gray 0 ${gray.width}x${gray.height} ${gray.mode} ${n(gray.data)} ${hex(gray.data)}`,
        'freed null 0',
        `mirror_rgba 0 ${mirrored.width}x${mirrored.height} ${mirrored.mode} ${n(mirrored.data)} ${hex(mirrored.data)}`,
        "short 2 argument 'image': not enough image data: a 7x5 RGB image needs 105 bytes, got 5 untouched",
        "cmyk 2 argument 'image': unrecognized image mode: CMYK (Ingot supports L, RGB and RGBA)",
        "nomode 2 argument 'image.mode' is null",
        "nodata 2 argument 'image' has a null data pointer and 3 bytes",
        "null 2 argument 'image' is null",
        'nullout 2 output pointer is null',
        'raised 1 untouched',
        'empty 0 2x2 RGBA 16 00000000000000000000000000000000',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
