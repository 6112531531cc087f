// PIL images in the Python target: generate the `images` fixture's wheel (its crate is `ingot compile images.py` output),
// install it into a fresh venv offline, and call it from a plain `python` process: with Pillow visible (the system's,
// through PYTHONPATH) images go in and come out as PIL images, equal to Pillow running the same module; without it the
// package's RawImage carries the raw bytes.

import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatePythonPackage } from '../src';
import { FIXTURES, outDir, Venv } from './venv';

let venv: Venv;

/** The site-packages folder holding the system's Pillow (tools/reference/requirements.txt pins it). */
const PILLOW_SITE = spawnSync(
  'python3',
  ['-c', 'import os, PIL; print(os.path.dirname(os.path.dirname(PIL.__file__)))'],
  {
    encoding: 'utf8',
  },
).stdout.trim();

beforeAll(async () => {
  const { wheel } = await generatePythonPackage({
    compileDir: path.join(FIXTURES, 'images'),
    outDir: outDir('images'),
  });
  venv = new Venv();
  venv.install(wheel);
});

afterAll(() => {
  venv?.remove();
});

/** Runs `code` in the venv, with the system's Pillow importable when `pillow`; returns the JSON it prints last. */
function py(code: string, pillow: boolean): unknown {
  const r = spawnSync(venv.python, ['-c', `import json, base64\nfrom images import *\n${code}`], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PYTHONPATH: pillow ? PILLOW_SITE : '' },
  });
  if (r.status !== 0) throw new Error(`python exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const MAKE = 'data = bytes((i * 37 + (i * i) % 91) % 256 for i in range(7 * 5 * 3))';

describe('images cross as PIL images', () => {
  test('with Pillow, a PIL image goes in and a PIL image comes out, equal to Pillow running the module', () => {
    const got = py(
      `${MAKE}\nfrom PIL import Image, ImageOps\nim = Image.frombytes("RGB", (7, 5), data)\n` +
        'out = thumbnail_gray(im, 3)\n' +
        'ref = im.copy(); ref.thumbnail((3, 3)); ref = ImageOps.grayscale(ref)\n' +
        'print(json.dumps([isinstance(out, Image.Image), out.mode, out.size, out.tobytes() == ref.tobytes(), list(describe(im))]))',
      true,
    ) as unknown[];
    const arr = Array.from({ length: 7 * 5 * 3 }, (_, i) => (i * 37 + ((i * i) % 91)) % 256);
    const mean = arr.reduce((a, b) => a + b, 0) / arr.length;
    expect(got.slice(0, 4)).toEqual([true, 'L', [3, 2], true]);
    expect(got[4]).toEqual(['RGB', 7, 5, expect.closeTo(mean, 4)]);
  });

  test('without Pillow, the raw form goes in and comes out', () => {
    const got = py(
      `${MAKE}\nfrom images._ingot_values import RawImage\n` +
        'out = thumbnail_gray(RawImage(7, 5, "RGB", data), 3)\n' +
        'print(json.dumps([type(out).__name__, out.mode, list(out.size), base64.b64encode(out.tobytes()).decode()]))',
      false,
    ) as unknown[];
    const withPillow = py(
      `${MAKE}\nfrom PIL import Image\nout = thumbnail_gray(Image.frombytes("RGB", (7, 5), data), 3)\nprint(json.dumps(base64.b64encode(out.tobytes()).decode()))`,
      true,
    );
    expect(got).toEqual(['RawImage', 'L', [3, 2], withPillow]);
  });

  test('a value that is not an image is a TypeError from the compiled function', () => {
    expect(
      py(
        'try:\n    describe("image.png")\n    out = None\nexcept TypeError as e:\n    out = str(e)\nprint(json.dumps(out))',
        false,
      ),
    ).toMatch(/expected an image/);
  });
});
