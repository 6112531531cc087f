/**
 * The PIL family: Pillow's `PIL.Image.Image` as vision pre-processing uses it (`convert`, `size`,
 * `width`/`height`/`mode`, `resize` with `resample=`, `crop`, `transpose`, `copy`, `paste`),
 * the module's `Image.new`/`Image.fromarray` and its resampling and transpose constants,
 * `ImageOps.grayscale`/`flip`/`mirror`, `np.asarray(image)`/`np.array(image, dtype=...)`
 * (extensions of the numpy entries), and torchvision's `transforms.functional` on images
 * (`resize`, `center_crop`, `to_tensor`, `pil_to_tensor`, `normalize`).
 * Input: argument types from infer; output: op choices that emit spells as calls of
 * ingot-tensor's `nd::Image`, which repeats Pillow's integer arithmetic, so every reference
 * test below compares bytes with real Pillow. An image crosses value JSON as
 * `{"image": {"width", "height", "mode", "data"}}` (modes L, RGB and RGBA).
 * Arrays made from images are uint8, as numpy and torchvision make them.
 */
import { T, type Type, typeToString } from '../../types/types';
import { defineOp, extendOp, type OpTest, type ResolveResult } from '../registry';
import type { OpChoice } from '../../ir/choice';
import { bindArgs, dtypeArg, ok, own, RUST_DTYPE } from './numpy';
import { RECORDED } from './pil.recorded';
import { recordKey } from './torch';

const IMAGE = T.image;
const isImage = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'PIL.Image.Image';
/**
 * An image type; a mode known at compile time (a literal `convert("L")` or `Image.new("RGB", ...)`)
 * is its detail, so `np.asarray` of it has a static rank. The Rust type is the same.
 */
const imageOf = (mode: string | undefined): Type =>
  mode ? { ...(IMAGE as Type & { kind: 'opaque' }), detail: mode } : IMAGE;
const modeOf = (t: Type | undefined): string | undefined => (t?.kind === 'opaque' ? t.detail : undefined);
/** The same image type as the receiver's (operations that keep the mode). */
const sameAs = (t: Type | undefined): Type => imageOf(modeOf(t));
const err = (x: object): x is { error: string } => 'error' in x;
const IMPORTS = ['from PIL import Image, ImageOps'];

/** A deterministic test image in value JSON: pixel bytes from a small linear congruential stream. */
function img(mode: 'L' | 'RGB' | 'RGBA', width: number, height: number, seed = 1): unknown {
  const n = { L: 1, RGB: 3, RGBA: 4 }[mode] * width * height;
  const bytes = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = (x >>> 16) & 0xff;
  }
  // Some fully transparent and fully opaque pixels, which premultiplied alpha treats apart.
  if (mode === 'RGBA' && n >= 8) {
    bytes[3] = 0;
    bytes[7] = 255;
  }
  return { image: { width, height, mode, data: Buffer.from(bytes).toString('base64') } };
}

const RGB = img('RGB', 7, 5);
const RGBA = img('RGBA', 6, 4, 3);
const L = img('L', 9, 6, 7);
const TINY = img('RGB', 1, 1, 5);
const WIDE = img('RGB', 23, 11, 9);

/** A literal or typed tuple of `n` ints (or numbers when `floats`). */
function isNumTuple(t: Type | undefined, n: number, floats = false): boolean {
  return (
    t?.kind === 'tuple' &&
    t.items.length === n &&
    t.items.every((x) => x.kind === 'int' || (floats && (x.kind === 'float' || x.kind === 'bool')))
  );
}

/** Rust for a tuple argument as `(f64, ...)` of its items. */
const floatTuple = (at: string, n: number): string =>
  `{ let __b = ${own(at)}; (${Array.from({ length: n }, (_, k) => `__b.${k} as f64`).join(', ')}) }`;

// ---- Module constants ----------------------------------------------------------------------

const RESAMPLING: [string, number][] = [
  ['NEAREST', 0],
  ['LANCZOS', 1],
  ['BILINEAR', 2],
  ['BICUBIC', 3],
  ['BOX', 4],
  ['HAMMING', 5],
];
const TRANSPOSE: [string, number][] = [
  ['FLIP_LEFT_RIGHT', 0],
  ['FLIP_TOP_BOTTOM', 1],
  ['ROTATE_90', 2],
  ['ROTATE_180', 3],
  ['ROTATE_270', 4],
  ['TRANSPOSE', 5],
  ['TRANSVERSE', 6],
];
for (const [group, names] of [
  ['Resampling', RESAMPLING],
  ['Transpose', TRANSPOSE],
] as const) {
  for (const [name, value] of names) {
    // Pillow's enums are IntEnums, also exported at module level (`Image.BILINEAR`).
    for (const id of [`PIL.Image.${group}.${name}`, `PIL.Image.${name}`]) {
      defineOp({
        id,
        summary: `the constant ${id.slice(4)} (${value})`,
        resolve: (args) =>
          args.length === 0 ? ok(id, T.int, [], 'value') : { error: `${id.slice(4)} is not callable` },
        spell: { value: () => `${value}i64` },
        tests: [{ params: {}, expr: `int(${id.slice(4)})`, samples: [[]], imports: IMPORTS }],
      });
    }
  }
}

// ---- Attributes ----------------------------------------------------------------------------

for (const [name, result, rust, what] of [
  ['size', T.tuple([T.int, T.int]), '{&0}.size()', '(width, height)'],
  ['width', T.int, '{&0}.width()', 'the width in pixels'],
  ['height', T.int, '{&0}.height()', 'the height in pixels'],
  ['mode', T.str, '{&0}.mode()', 'the mode: "L", "RGB" or "RGBA"'],
] as const) {
  const id = `PIL.Image.Image.${name}`;
  defineOp({
    id,
    summary: `image.${name}: ${what}`,
    resolve: (args) =>
      args.length === 1 && isImage(args[0]) ? ok(id, result, args, 'attr') : { error: `expected an image` },
    spell: { attr: () => rust },
    tests: [{ params: { im: 'Image.Image' }, expr: `im.${name}`, samples: [[RGB], [L], [RGBA]], imports: IMPORTS }],
  });
}

// ---- Methods -------------------------------------------------------------------------------

const MODES = ['L', 'RGB', 'RGBA'];

/** The bands of a mode: one letter each (`getbands()`, `getpixel`'s tuple). */
const BANDS: Record<string, string[]> = { L: ['L'], RGB: ['R', 'G', 'B'], RGBA: ['R', 'G', 'B', 'A'] };

defineOp({
  id: 'PIL.Image.Image.getbands',
  summary: "image.getbands(): the mode's band names, a tuple of str",
  resolve: (args) => {
    if (args.length !== 1 || !isImage(args[0])) return { error: 'getbands() takes no arguments' };
    const bands = BANDS[modeOf(args[0]) ?? ''];
    return ok(
      'PIL.Image.Image.getbands',
      bands ? T.tuple(bands.map(() => T.str)) : T.vartuple(T.str),
      args,
      bands ? 'known' : 'runtime',
      { bands },
    );
  },
  spell: {
    known: (c) => {
      const bands = c.detail!.bands as string[];
      return `{ let _ = {&0}; (${bands.map((b) => `${JSON.stringify(b)}.to_string()`).join(', ')}${bands.length === 1 ? ',' : ''}) }`;
    },
    runtime: () => 'rt::VarTuple({&0}.mode().chars().map(|__c| __c.to_string()).collect())',
  },
  tests: [
    {
      params: { im: 'Image.Image' },
      expr: "(im.getbands(), len(im.getbands()), im.convert('RGB').getbands(), im.convert('L').getbands())",
      samples: [[RGB], [L], [RGBA]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'PIL.Image.Image.getpixel',
  summary:
    'image.getpixel((x, y)): an int for mode L, a tuple of the bands otherwise (negative coordinates count from the end)',
  resolve: (args) => {
    const [im, xy] = args;
    if (args.length !== 2 || !isImage(im) || !isNumTuple(xy, 2))
      return { error: 'getpixel() takes one (x, y) tuple of ints' };
    const bands = BANDS[modeOf(im) ?? ''];
    if (!bands)
      return {
        error:
          "getpixel() of an image whose mode is known only at run time (an int for L, a tuple otherwise); convert it first (`image.convert('RGB')`)",
      };
    return ok('PIL.Image.Image.getpixel', bands.length === 1 ? T.int : T.tuple(bands.map(() => T.int)), args, 'pixel', {
      n: bands.length,
    });
  },
  spell: {
    pixel: (c) => {
      const n = c.detail!.n as number;
      return n === 1
        ? '{&0}.getpixel({1})?[0]'
        : `{ let __p = {&0}.getpixel({1})?; (${Array.from({ length: n }, (_, k) => `__p[${k}]`).join(', ')}) }`;
    },
  },
  tests: [
    {
      params: { im: 'Image.Image', x: 'int', y: 'int' },
      expr: "(im.convert('RGB').getpixel((x, y)), im.convert('L').getpixel((x, y)), im.convert('RGBA').getpixel((-1, -1)))",
      samples: [
        [RGB, 0, 0],
        [RGB, 6, 4],
        [L, -2, 1],
        [RGBA, 9, 0],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'PIL.Image.Image.getextrema',
  summary: "image.getextrema(): (min, max) for mode L, a tuple of each band's (min, max) otherwise",
  resolve: (args) => {
    if (args.length !== 1 || !isImage(args[0])) return { error: 'getextrema() takes no arguments' };
    const bands = BANDS[modeOf(args[0]) ?? ''];
    if (!bands)
      return {
        error:
          "getextrema() of an image whose mode is known only at run time (a pair for L, a tuple of pairs otherwise); convert it first (`image.convert('RGB')`)",
      };
    const pair = T.tuple([T.int, T.int]);
    return ok(
      'PIL.Image.Image.getextrema',
      bands.length === 1 ? pair : T.tuple(bands.map(() => pair)),
      args,
      'extrema',
      { n: bands.length },
    );
  },
  spell: {
    extrema: (c) => {
      const n = c.detail!.n as number;
      return n === 1
        ? '{&0}.getextrema()[0]'
        : `{ let __e = {&0}.getextrema(); (${Array.from({ length: n }, (_, k) => `__e[${k}]`).join(', ')}) }`;
    },
  },
  tests: [
    {
      params: { im: 'Image.Image' },
      expr: "(im.convert('RGB').getextrema(), im.convert('L').getextrema())",
      samples: [[RGB], [L], [RGBA]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'PIL.Image.Image.convert',
  summary: 'image.convert(mode) among "L", "RGB", "RGBA" (L is ITU-R 601-2 luma, rounded as Pillow does)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('convert', ['self', 'mode'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const mode = b.get('mode');
    if (!mode || mode.t.kind !== 'str') return { error: 'convert() takes a mode: "L", "RGB" or "RGBA"' };
    if (mode.c?.kind === 'str' && !MODES.includes(mode.c.value))
      return { error: `convert to mode "${mode.c.value}" is not supported; Ingot's images are L, RGB or RGBA` };
    return ok('PIL.Image.Image.convert', imageOf(mode.c?.kind === 'str' ? mode.c.value : undefined), args, 'convert', {
      mode: mode.at,
    });
  },
  spell: { convert: (c) => `{&0}.convert(&${own(c.detail!.mode as string)})?` },
  tests: [
    { params: { im: 'Image.Image' }, expr: 'im.convert("L")', samples: [[RGB], [RGBA], [L], [WIDE]], imports: IMPORTS },
    { params: { im: 'Image.Image' }, expr: 'im.convert("RGB")', samples: [[RGBA], [L], [RGB]], imports: IMPORTS },
    { params: { im: 'Image.Image' }, expr: 'im.convert("RGBA")', samples: [[RGB], [L]], imports: IMPORTS },
    {
      params: { im: 'Image.Image', mode: 'str' },
      expr: 'im.convert(mode).mode',
      samples: [
        [RGB, 'L'],
        [L, 'RGB'],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'PIL.Image.Image.copy',
  summary: 'image.copy()',
  resolve: (args) =>
    args.length === 1
      ? ok('PIL.Image.Image.copy', sameAs(args[0]), args, 'copy')
      : { error: 'copy() takes no arguments' },
  spell: { copy: () => '{&0}.copy()' },
  tests: [{ params: { im: 'Image.Image' }, expr: 'im.copy()', samples: [[RGB]], imports: IMPORTS }],
});

/** `(w, h)` as a Rust `(i64, i64)`, from a tuple of two ints. */
function sizeArg(t: Type | undefined, what: string): { error: string } | undefined {
  return isNumTuple(t, 2)
    ? undefined
    : { error: `${what} must be a (width, height) tuple of two ints, got ${t ? typeToString(t) : 'nothing'}` };
}

defineOp({
  id: 'PIL.Image.Image.resize',
  summary:
    'image.resize((w, h), resample=BICUBIC): NEAREST, BOX, BILINEAR, HAMMING, BICUBIC and LANCZOS as Pillow 13 computes them (including its choice of which pass runs first)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('resize', ['self', 'size', 'resample'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const e = sizeArg(b.get('size')?.t, 'resize() size');
    if (e) return e;
    const r = b.get('resample');
    if (r && r.t.kind !== 'int' && r.t.kind !== 'none') return { error: 'resample must be an Image.Resampling filter' };
    return ok('PIL.Image.Image.resize', sameAs(args[0]), args, 'resize', {
      size: b.get('size')!.at,
      resample: r && r.t.kind === 'int' ? r.at : undefined,
    });
  },
  spell: {
    resize: (c) =>
      `{&0}.resize(${own(c.detail!.size as string)}, ${c.detail!.resample ? own(c.detail!.resample as string) : 'nd::resampling::BICUBIC'})?`,
  },
  tests: [
    ...[
      [RGB, 3, 2],
      [RGB, 14, 9],
      [L, 4, 3],
      [L, 9, 13],
      [WIDE, 5, 4],
      [WIDE, 20, 14],
      [WIDE, 40, 3],
      [WIDE, 21, 6],
      [TINY, 3, 3],
    ].flatMap(([im, w, h]) =>
      [0, 1, 2, 3, 4, 5].map(
        (f): OpTest => ({
          params: { im: 'Image.Image', w: 'int', h: 'int', f: 'int' },
          expr: 'im.resize((w, h), resample=f)',
          samples: [[im, w, h, f]],
          imports: IMPORTS,
        }),
      ),
    ),
    {
      params: { im: 'Image.Image', w: 'int', h: 'int' },
      expr: 'im.resize((w, h), Image.Resampling.BILINEAR)',
      samples: [
        [RGBA, 3, 7],
        [RGBA, 12, 9],
        [RGBA, 12, 2],
        [RGB, 0, 2],
      ],
      imports: IMPORTS,
    },
    {
      params: { im: 'Image.Image', w: 'int', h: 'int' },
      expr: 'im.resize((w, h))',
      samples: [
        [RGB, 4, 4],
        [RGB, 7, 5],
        [RGBA, 2, 9],
      ],
      imports: IMPORTS,
    },
    {
      params: { im: 'Image.Image' },
      expr: 'im.resize((2, 2), resample=Image.NEAREST)',
      samples: [[RGBA], [L]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'PIL.Image.Image.crop',
  summary: 'image.crop((left, upper, right, lower)): the box rounded as Pillow does; outside the image is zero',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('crop', ['self', 'box'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const box = b.get('box');
    if (!box) return ok('PIL.Image.Image.crop', sameAs(args[0]), args, 'copy');
    if (!isNumTuple(box.t, 4, true)) return { error: 'crop() takes a (left, upper, right, lower) tuple of numbers' };
    return ok('PIL.Image.Image.crop', sameAs(args[0]), args, 'crop', { box: box.at });
  },
  spell: { crop: (c) => `{&0}.crop(${floatTuple(c.detail!.box as string, 4)})?`, copy: () => '{&0}.copy()' },
  tests: [
    {
      params: { im: 'Image.Image', l: 'int', t: 'int', r: 'int', b: 'int' },
      expr: 'im.crop((l, t, r, b))',
      samples: [
        [RGB, 1, 1, 4, 3],
        [RGB, -2, -1, 3, 8],
        [L, 0, 0, 9, 6],
        [RGBA, 5, 3, 5, 3],
        [RGB, 3, 0, 1, 2],
        [RGB, 0, 3, 2, 1],
      ],
      imports: IMPORTS,
    },
    {
      params: { im: 'Image.Image', l: 'float', t: 'float' },
      expr: 'im.crop((l, t, l + 2.5, t + 3.5))',
      samples: [
        [RGB, 0.5, 1.5],
        [RGB, 1.4, 0.6],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'PIL.Image.Image.transpose',
  summary: 'image.transpose(method): the seven Image.Transpose methods',
  resolve: (args) =>
    args.length === 2 && args[1]!.kind === 'int'
      ? ok('PIL.Image.Image.transpose', sameAs(args[0]), args, 'transpose')
      : { error: 'transpose() takes an Image.Transpose method' },
  spell: { transpose: () => '{&0}.transpose({1})?' },
  tests: [0, 1, 2, 3, 4, 5, 6].map((m) => ({
    params: { im: 'Image.Image', m: 'int' },
    expr: 'im.transpose(m)',
    samples: [
      [RGB, m],
      [L, m],
    ],
    imports: IMPORTS,
  })),
});

defineOp({
  id: 'PIL.Image.Image.histogram',
  summary: 'image.histogram(): 256 counts per band, the bands one after the other',
  resolve: (args) =>
    args.length === 1 && isImage(args[0])
      ? ok('PIL.Image.Image.histogram', T.list(T.int), args, 'histogram')
      : { error: 'histogram() takes no arguments here (no mask or extrema)' },
  spell: { histogram: () => '{&0}.histogram()' },
  tests: [
    {
      params: { im: 'Image.Image' },
      expr: '(im.histogram()[:40], len(im.histogram()), sum(im.histogram()))',
      samples: [[RGB], [L], [RGBA]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'PIL.Image.Image.point',
  summary:
    'image.point(table or function of 0..255): every band through the table (256 entries, or 256 per band), rounded half to even and clipped to 0..255',
  resolve: (args, kw, _c, _kc, ctx) => {
    const [im, lut] = args;
    if (args.length !== 2 || kw.size > 0 || !isImage(im)) return { error: 'point() takes a table or a function' };
    if (lut!.kind === 'callable') {
      const r = ctx?.call(1, [T.int]);
      if (r?.kind !== 'int' && r?.kind !== 'float' && r?.kind !== 'bool')
        return { error: 'point() needs a function from an int (0..255) to a number' };
      return ok('PIL.Image.Image.point', sameAs(im), args, 'function');
    }
    if (lut!.kind === 'list' && (lut!.item.kind === 'int' || lut!.item.kind === 'float' || lut!.item.kind === 'bool'))
      return ok('PIL.Image.Image.point', sameAs(im), args, 'table');
    return { error: `point() takes a list of numbers or a function, not ${typeToString(lut!)}` };
  },
  spell: {
    table: () => '{&0}.point(&{1}.iter().map(|&__v| __v as f64).collect::<Vec<f64>>())?',
    function: () => '{&0}.point(&(0..256i64).map(|__i| Ok({call1(__i)} as f64)).collect::<rt::PyResult<Vec<f64>>>()?)?',
  },
  tests: [
    {
      params: { im: 'Image.Image' },
      expr: '(im.point(lambda p: 255 - p), im.point(lambda p: p * 0.5 + 0.5), im.point(lambda p: 300 if p > 100 else -3))',
      samples: [[RGB], [L]],
      imports: IMPORTS,
    },
    {
      params: { im: 'Image.Image' },
      expr: 'im.point([min(255, i * 2) for i in range(256)] * len(im.mode))',
      samples: [[RGB], [L], [RGBA]],
      imports: IMPORTS,
    },
    { params: { im: 'Image.Image' }, expr: 'im.point([1, 2, 3])', samples: [[L]], imports: IMPORTS },
  ],
});

defineOp({
  id: 'PIL.Image.Image.rotate',
  summary:
    'image.rotate(angle, expand=False) by a constant right angle (0, 180, or 90/270 with expand=True): the transpose Pillow does; other angles resample and are not supported',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('rotate', ['image', 'angle', 'resample', 'expand'], args, kw, consts, kwConsts);
    if ('error' in b) return b;
    const a = b.get('angle')?.c;
    const e = b.get('expand');
    const angle = a?.kind === 'int' ? Number(a.value) : a?.kind === 'float' ? a.value : undefined;
    const expand =
      e === undefined
        ? false
        : e.c?.kind === 'bool'
          ? e.c.value
          : e.c?.kind === 'int'
            ? Number(e.c.value) !== 0
            : undefined;
    if (!isImage(args[0]) || angle === undefined || expand === undefined)
      return { error: 'rotate() takes a constant angle (and a constant expand) here' };
    const r = ((angle % 360) + 360) % 360;
    if (!(r === 0 || r === 180 || ((r === 90 || r === 270) && expand)))
      return {
        error:
          r === 90 || r === 270
            ? 'rotate(90/270) without expand=True keeps the size and resamples a non-square image: pass expand=True, or use image.transpose(Image.Transpose.ROTATE_90)'
            : 'rotate() by an angle other than a right angle resamples, which is not supported: use a multiple of 90',
      };
    return ok('PIL.Image.Image.rotate', sameAs(args[0]), args, 'right', {
      method: r === 0 ? -1 : r === 90 ? 2 : r === 180 ? 3 : 4,
    });
  },
  spell: {
    right: (c) => (c.detail!.method === -1 ? '{&0}.clone()' : `{&0}.transpose(${String(c.detail!.method)})?`),
  },
  tests: [
    {
      params: { im: 'Image.Image' },
      expr: '(im.rotate(90, expand=True), im.rotate(180), im.rotate(-90, expand=True), im.rotate(360), im.rotate(270, expand=1))',
      samples: [[RGB], [L]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'PIL.Image.Image.paste',
  summary: 'image.paste(other, (x, y)): in place, clipped to the image; other is converted to this mode',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('paste', ['self', 'im', 'box'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!isImage(b.get('im')?.t)) return { error: 'paste() takes an image (pasting a color is not supported)' };
    const box = b.get('box');
    if (box && !isNumTuple(box.t, 2)) return { error: 'paste() takes an (x, y) tuple of two ints as its box' };
    return {
      ...ok('PIL.Image.Image.paste', T.none, args, 'paste', { im: b.get('im')!.at, box: box?.at }),
      mutates: true,
    };
  },
  spell: {
    paste: (c) =>
      `{mut0}.paste(&${own(c.detail!.im as string)}, ${c.detail!.box ? own(c.detail!.box as string) : '(0, 0)'})?`,
  },
  tests: [
    {
      params: { im: 'Image.Image', x: 'int', y: 'int' },
      body: 'canvas = Image.new("RGB", (10, 8), (114, 114, 114))\ncanvas.paste(im, (x, y))\nreturn canvas',
      samples: [
        [RGB, 1, 2],
        [RGB, -3, 5],
        [L, 4, 0],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'PIL.Image.Image.thumbnail',
  summary:
    "image.thumbnail((w, h), resample=BICUBIC): in place, within the size keeping the aspect ratio, through Pillow's reducing_gap=2.0 (reduce, then resize)",
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('thumbnail', ['self', 'size', 'resample'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!isNumTuple(b.get('size')?.t, 2, true))
      return { error: 'thumbnail() size must be a (width, height) tuple of numbers' };
    const r = b.get('resample');
    if (r && r.t.kind !== 'int') return { error: 'resample must be an Image.Resampling filter' };
    return {
      ...ok('PIL.Image.Image.thumbnail', T.none, args, 'thumbnail', { size: b.get('size')!.at, resample: r?.at }),
      mutates: true,
    };
  },
  spell: {
    thumbnail: (c) =>
      `{mut0}.thumbnail(${floatTuple(c.detail!.size as string, 2)}, ${c.detail!.resample ? own(c.detail!.resample as string) : 'nd::resampling::BICUBIC'})?`,
  },
  tests: [
    ...[
      [RGB, 4, 4],
      [RGB, 3, 10],
      [WIDE, 5, 5],
      [WIDE, 2, 8],
      [L, 100, 2],
      [RGBA, 2, 2],
      [RGB, 7, 5],
      [RGB, 0, 3],
    ].map(
      ([im, w, h]): OpTest => ({
        params: { im: 'Image.Image', w: 'int', h: 'int' },
        body: 'im.thumbnail((w, h))\nreturn im',
        samples: [[im, w, h]],
        imports: IMPORTS,
      }),
    ),
    {
      params: { im: 'Image.Image', w: 'float', f: 'int' },
      body: 'im.thumbnail((w, w), resample=f)\nreturn im',
      samples: [0, 1, 2, 3, 4, 5].map((f) => [img('RGB', 40, 31, 17), 6.5, f]),
      imports: IMPORTS,
    },
  ],
});

// ---- Module functions ----------------------------------------------------------------------

defineOp({
  id: 'PIL.Image.new',
  summary: 'Image.new(mode, (w, h), color=0): color an int (one band, or packed) or a tuple of ints per band',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('Image.new', ['mode', 'size', 'color'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const mode = b.get('mode');
    if (mode?.t.kind !== 'str') return { error: 'Image.new takes a mode: "L", "RGB" or "RGBA"' };
    if (mode.c?.kind === 'str' && !MODES.includes(mode.c.value))
      return { error: `mode "${mode.c.value}" is not supported; Ingot's images are L, RGB or RGBA` };
    const e = sizeArg(b.get('size')?.t, 'Image.new size');
    if (e) return e;
    const color = b.get('color');
    const ct = color?.t;
    const form = !ct
      ? 'none'
      : ct.kind === 'int'
        ? 'int'
        : ct.kind === 'tuple' && ct.items.every((x) => x.kind === 'int')
          ? 'tuple'
          : ct.kind === 'vartuple' && ct.item.kind === 'int'
            ? 'vartuple'
            : undefined;
    if (!form) return { error: 'Image.new color must be an int or a tuple of ints' };
    return ok('PIL.Image.new', imageOf(mode.c?.kind === 'str' ? mode.c.value : undefined), args, 'new', {
      mode: mode.at,
      size: b.get('size')!.at,
      color: color?.at,
      form,
      bands: ct?.kind === 'tuple' ? ct.items.length : 0,
    });
  },
  spell: {
    new: (c) => {
      const d = c.detail!;
      const color =
        d.form === 'none'
          ? '&[0]'
          : d.form === 'int'
            ? `&[${own(d.color as string)}]`
            : d.form === 'vartuple'
              ? `&${own(d.color as string)}.0`
              : `&{ let __c = ${own(d.color as string)}; [${Array.from({ length: d.bands as number }, (_, k) => `__c.${k}`).join(', ')}] }`;
      // Pillow takes a color tuple of one, three or four ints.
      const fn = d.form === 'vartuple' || d.form === 'tuple' ? 'new_from_tuple' : 'new';
      return `nd::Image::${fn}(&${own(d.mode as string)}, ${own(d.size as string)}, ${color})?`;
    },
  },
  tests: [
    { params: {}, expr: 'Image.new("RGB", (3, 2), (10, 20, 30))', samples: [[]], imports: IMPORTS },
    { params: { c: 'int' }, expr: 'Image.new("L", (2, 2), c)', samples: [[0], [200]], imports: IMPORTS },
    { params: {}, expr: 'Image.new("RGBA", (2, 1), (1, 2, 3))', samples: [[]], imports: IMPORTS },
    { params: {}, expr: 'Image.new("RGB", (2, 1), (1, 2))', samples: [[]], imports: IMPORTS },
    {
      params: { n: 'int' },
      expr: 'Image.new("RGB", (2, 1), (7,) * n)',
      samples: [[3], [1], [4]],
      imports: IMPORTS,
    },
    { params: {}, expr: 'Image.new("RGB", (2, 1), 0x102030)', samples: [[]], imports: IMPORTS },
    { params: {}, expr: 'Image.new("RGB", (0, 3))', samples: [[]], imports: IMPORTS },
  ],
});

defineOp({
  id: 'PIL.Image.fromarray',
  summary: 'Image.fromarray(a): an HxW (L), HxWx3 (RGB) or HxWx4 (RGBA) uint8 array',
  resolve: (args) => {
    const a = args[0];
    // Pillow makes an HxW array of another dtype a mode this image type does not hold ("F", "I", "1"); an
    // HxWxC one of another dtype is Pillow's own TypeError, raised at run time.
    if (a?.kind === 'ndarray' && a.dtype !== undefined && a.dtype !== 'uint8' && a.rank === 2)
      return {
        error: `Image.fromarray of a 2-d ${a.dtype} array makes a mode other than L; convert it with .astype(np.uint8) first`,
      };
    return args.length === 1 && args[0]!.kind === 'ndarray'
      ? ok(
          'PIL.Image.fromarray',
          imageOf(args[0]!.kind === 'ndarray' && args[0]!.rank === 2 ? 'L' : undefined),
          args,
          'fromarray',
        )
      : { error: 'Image.fromarray takes a numpy array' };
  },
  spell: { fromarray: () => 'nd::Image::from_array({&0})?' },
  tests: [
    {
      params: { im: 'Image.Image' },
      expr: 'Image.fromarray(np.asarray(im))',
      samples: [[RGB], [L], [RGBA]],
      imports: IMPORTS,
    },
    {
      params: { im: 'Image.Image' },
      expr: 'Image.fromarray(255 - np.asarray(im))',
      samples: [[RGB]],
      imports: IMPORTS,
    },
  ],
});

for (const [name, what, rust] of [
  ['grayscale', 'im.convert("L")', '{&0}.convert("L")?'],
  ['flip', 'top to bottom', '{&0}.transpose(1)?'],
  ['mirror', 'left to right', '{&0}.transpose(0)?'],
] as const) {
  const id = `PIL.ImageOps.${name}`;
  defineOp({
    id,
    summary: `ImageOps.${name}(image): ${what}`,
    resolve: (args) =>
      args.length === 1 && isImage(args[0])
        ? ok(id, name === 'grayscale' ? imageOf('L') : sameAs(args[0]), args, 'op')
        : { error: `ImageOps.${name} takes an image` },
    spell: { op: () => rust },
    tests: [
      { params: { im: 'Image.Image' }, expr: `ImageOps.${name}(im)`, samples: [[RGB], [RGBA]], imports: IMPORTS },
    ],
  });
}

/** A color argument of ImageOps (None, an int, or a tuple of ints per band) as a Rust `&[i64]`, or an error. */
function colorArg(b: { t: Type; at: string } | undefined): string | { error: string } {
  const t = b?.t;
  if (!b || !t || t.kind === 'none') return '&[0]';
  if (t.kind === 'int') return `&[${own(b.at)}]`;
  if (t.kind === 'tuple' && t.items.every((x) => x.kind === 'int'))
    return `&{ let __c = ${own(b.at)}; [${t.items.map((_, k) => `__c.${k}`).join(', ')}] }`;
  return { error: `color must be None, an int or a tuple of ints, not ${typeToString(t)}` };
}

for (const name of ['contain', 'pad'] as const) {
  const id = `PIL.ImageOps.${name}`;
  const names = name === 'pad' ? ['image', 'size', 'method', 'color', 'centering'] : ['image', 'size', 'method'];
  defineOp({
    id,
    summary:
      name === 'pad'
        ? 'ImageOps.pad(image, size, method=BICUBIC, color=None, centering=(0.5, 0.5)): contained, then centred on a size canvas of color, as Pillow 13'
        : 'ImageOps.contain(image, size, method=BICUBIC): resized to the largest size within size that keeps the aspect ratio, as Pillow 13',
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`ImageOps.${name}`, names, args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (!isImage(b.get('image')?.t)) return { error: `ImageOps.${name} takes an image first` };
      const e = sizeArg(b.get('size')?.t, `ImageOps.${name} size`);
      if (e) return e;
      const m = b.get('method');
      if (m && m.t.kind !== 'int') return { error: 'method must be an Image.Resampling filter' };
      const color = colorArg(b.get('color'));
      if (typeof color !== 'string') return color;
      const ct = b.get('color')?.t;
      if (ct?.kind === 'tuple' && ct.items.length > 1 && modeOf(b.get('image')!.t) === 'L')
        return {
          error: 'a tuple color for an L image raises TypeError in Pillow (color must be int or single-element tuple)',
        };
      const c = b.get('centering');
      if (
        c &&
        !(
          c.t.kind === 'tuple' &&
          c.t.items.length === 2 &&
          c.t.items.every((x) => x.kind === 'int' || x.kind === 'float')
        )
      )
        return { error: 'centering must be a tuple of two numbers' };
      return ok(id, sameAs(b.get('image')!.t), args, name, {
        image: b.get('image')!.at,
        size: b.get('size')!.at,
        method: m?.at,
        color,
        centering: c?.at,
      });
    },
    spell: {
      [name]: (c: OpChoice) => {
        const d = c.detail!;
        const method = d.method ? own(d.method as string) : 'nd::resampling::BICUBIC';
        const img = `{&${d.image as string}}`;
        if (name === 'contain') return `${img}.imageops_contain(${own(d.size as string)}, ${method})?`;
        const centering = d.centering
          ? `{ let __p = ${own(d.centering as string)}; (__p.0 as f64, __p.1 as f64) }`
          : '(0.5, 0.5)';
        return `${img}.imageops_pad(${own(d.size as string)}, ${method}, ${d.color as string}, ${centering})?`;
      },
    },
    tests:
      name === 'pad'
        ? [
            {
              params: { im: 'Image.Image', w: 'int', h: 'int' },
              expr: 'ImageOps.pad(im, (w, h))',
              samples: [
                [RGB, 8, 8],
                [WIDE, 6, 9],
                [L, 4, 3],
                [RGBA, 5, 2],
                [TINY, 3, 7],
              ],
              imports: IMPORTS,
            },
            {
              params: { im: 'Image.Image' },
              expr: 'ImageOps.pad(im, (10, 10), color=(114, 114, 114), centering=(0, 1)), ImageOps.pad(im, (9, 4), Image.Resampling.BILINEAR, 0x204060, (1.0, 0.25))',
              samples: [[RGB], [WIDE]],
              imports: IMPORTS,
            },
            {
              params: { im: 'Image.Image', c: 'int' },
              expr: 'ImageOps.pad(im, (7, 7), method=Image.Resampling.NEAREST, color=c)',
              samples: [
                [L, 200],
                [RGBA, 0x11223344],
              ],
              imports: IMPORTS,
            },
          ]
        : [
            {
              params: { im: 'Image.Image', w: 'int', h: 'int' },
              expr: 'ImageOps.contain(im, (w, h)).size, ImageOps.contain(im, (w, h), Image.Resampling.BOX)',
              samples: [
                [RGB, 8, 8],
                [WIDE, 6, 9],
                [L, 4, 3],
                [RGBA, 5, 2],
                [TINY, 30, 1],
                [RGB, 0, 5],
              ],
              imports: IMPORTS,
            },
          ],
  });
}

// ImageOps' lookup-table functions: Pillow applies them to L and RGB images and raises OSError for other modes.
for (const [name, params, summary] of [
  ['invert', [], 'ImageOps.invert(image): 255 - each value'],
  ['solarize', ['threshold'], 'ImageOps.solarize(image, threshold=128): values at or above the threshold inverted'],
  ['posterize', ['bits'], 'ImageOps.posterize(image, bits): the top bits of each value kept (ValueError outside 1..8)'],
] as const) {
  const id = `PIL.ImageOps.${name}`;
  defineOp({
    id,
    summary: `${summary}; L and RGB images (Pillow raises OSError for other modes)`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`ImageOps.${name}`, ['image', ...params], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const im = b.get('image');
      if (!isImage(im?.t)) return { error: `ImageOps.${name} takes an image first` };
      const mode = modeOf(im!.t);
      if (mode !== 'L' && mode !== 'RGB')
        return {
          error: mode
            ? `ImageOps.${name} of a ${mode} image raises OSError in Pillow (it takes L and RGB images)`
            : `ImageOps.${name} needs an image of a static mode (L or RGB): convert it with .convert("RGB") first`,
        };
      const p = params[0] ? b.get(params[0]) : undefined;
      if (params[0] === 'bits' && !p) return { error: 'ImageOps.posterize needs bits' };
      if (p && p.t.kind !== 'int') return { error: `${params[0]} must be an int` };
      return ok(id, sameAs(im!.t), args, 'lut', { image: im!.at, p: p?.at });
    },
    spell: {
      lut: (c) => {
        const img = `{&${c.detail!.image as string}}`;
        const p = c.detail!.p ? own(c.detail!.p as string) : '128';
        return name === 'invert'
          ? `${img}.imageops_invert()`
          : name === 'solarize'
            ? `${img}.imageops_solarize(${p})`
            : `${img}.imageops_posterize(${p})?`;
      },
    },
    tests: [
      {
        params: { im: 'Image.Image' },
        expr:
          name === 'invert'
            ? 'ImageOps.invert(im.convert("RGB")), ImageOps.invert(im.convert("L"))'
            : name === 'solarize'
              ? 'ImageOps.solarize(im.convert("RGB")), ImageOps.solarize(im.convert("L"), threshold=64)'
              : 'ImageOps.posterize(im.convert("RGB"), 3), ImageOps.posterize(im.convert("L"), bits=1)',
        samples: [[RGB], [RGBA], [L]],
        imports: IMPORTS,
      },
      ...(name === 'posterize'
        ? [
            {
              params: { im: 'Image.Image', b: 'int' },
              expr: 'ImageOps.posterize(im.convert("RGB"), b)',
              samples: [
                [RGB, 8],
                [RGB, 0],
                [RGB, 9],
              ],
              imports: IMPORTS,
            },
          ]
        : []),
    ],
  });
}

/** ImageOps' border argument (an int, or a tuple of two or four ints) as a Rust `(l, t, r, b)` tuple. */
function borderArg(b: { t: Type; at: string } | undefined): string | { error: string } {
  if (!b) return '(0, 0, 0, 0)';
  const t = b.t;
  if (t.kind === 'int') return `{ let __b = ${own(b.at)}; (__b, __b, __b, __b) }`;
  if (t.kind === 'tuple' && t.items.every((x) => x.kind === 'int')) {
    if (t.items.length === 2) return `{ let __b = ${own(b.at)}; (__b.0, __b.1, __b.0, __b.1) }`;
    if (t.items.length === 4) return own(b.at);
    return { error: 'border must be an integer, or a tuple of two or four elements (Pillow raises ValueError)' };
  }
  return { error: `border must be an int or a tuple of ints, not ${typeToString(t)}` };
}

for (const name of ['expand', 'crop'] as const) {
  const id = `PIL.ImageOps.${name}`;
  defineOp({
    id,
    summary:
      name === 'expand'
        ? 'ImageOps.expand(image, border=0, fill=0): a border (an int, or a tuple of 2 or 4 ints) of fill around the image'
        : 'ImageOps.crop(image, border=0): the border (an int, or a tuple of 2 or 4 ints) removed',
    resolve: (args, kw, consts, kwConsts) => {
      const names = name === 'expand' ? ['image', 'border', 'fill'] : ['image', 'border'];
      const b = bindArgs(`ImageOps.${name}`, names, args, kw, consts, kwConsts);
      if (err(b)) return b;
      const im = b.get('image');
      if (!isImage(im?.t)) return { error: `ImageOps.${name} takes an image first` };
      const border = borderArg(b.get('border'));
      if (typeof border !== 'string') return border;
      const fill = colorArg(b.get('fill'));
      if (typeof fill !== 'string') return fill;
      const ft = b.get('fill')?.t;
      if (ft?.kind === 'tuple' && ft.items.length > 1 && modeOf(im!.t) === 'L')
        return {
          error: 'a tuple fill for an L image raises TypeError in Pillow (color must be int or single-element tuple)',
        };
      return ok(id, sameAs(im!.t), args, name, { image: im!.at, border, fill });
    },
    spell: {
      [name]: (c: OpChoice) => {
        const d = c.detail!;
        const img = `{&${d.image as string}}`;
        return name === 'expand'
          ? `${img}.imageops_expand(${d.border as string}, ${d.fill as string})?`
          : `${img}.imageops_crop(${d.border as string})?`;
      },
    },
    tests: [
      {
        params: { im: 'Image.Image', n: 'int' },
        expr:
          name === 'expand'
            ? 'ImageOps.expand(im, n), ImageOps.expand(im, border=(1, n), fill=200), ImageOps.expand(im.convert("RGB"), (0, 1, 2, 3), fill=(9, 8, 7))'
            : 'ImageOps.crop(im, n), ImageOps.crop(im, border=(1, 0)), ImageOps.crop(im, (0, 1, 2, 0))',
        samples: [
          [RGB, 2],
          [RGBA, 1],
          [L, 0],
          [TINY, -1],
          [RGB, 4],
        ],
        imports: IMPORTS,
      },
    ],
  });
}

defineOp({
  id: 'PIL.ImageOps.scale',
  summary:
    'ImageOps.scale(image, factor, resample=BICUBIC): resized by factor (Python rounding); ValueError for factor <= 0',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('ImageOps.scale', ['image', 'factor', 'resample'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const im = b.get('image');
    if (!isImage(im?.t)) return { error: 'ImageOps.scale takes an image first' };
    const f = b.get('factor');
    if (!f || (f.t.kind !== 'int' && f.t.kind !== 'float')) return { error: 'ImageOps.scale needs a number factor' };
    const r = b.get('resample');
    if (r && r.t.kind !== 'int') return { error: 'resample must be an Image.Resampling filter' };
    return ok('PIL.ImageOps.scale', sameAs(im!.t), args, 'scale', {
      image: im!.at,
      factor: f.t.kind === 'int' ? `(${own(f.at)} as f64)` : own(f.at),
      resample: r ? own(r.at) : 'nd::resampling::BICUBIC',
    });
  },
  spell: {
    scale: (c) =>
      `{&${c.detail!.image as string}}.imageops_scale(${c.detail!.factor as string}, ${c.detail!.resample as string})?`,
  },
  tests: [
    {
      params: { im: 'Image.Image', f: 'float' },
      expr: 'ImageOps.scale(im, f), ImageOps.scale(im, f, Image.Resampling.NEAREST)',
      samples: [
        [RGB, 0.5],
        [WIDE, 1.5],
        [L, 1.0],
        [RGBA, 0.0],
        [TINY, 2.5],
      ],
      imports: IMPORTS,
    },
    { params: { im: 'Image.Image' }, expr: 'ImageOps.scale(im, 2).size', samples: [[RGB]], imports: IMPORTS },
  ],
});

// ---- numpy on images -----------------------------------------------------------------------

function arrayOfImage(
  id: string,
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  consts: Parameters<typeof bindArgs>[4],
): ResolveResult | undefined {
  if (!isImage(args[0])) return undefined;
  const b = bindArgs(id, ['object', 'dtype'], args, kw, consts);
  if (err(b)) return b;
  const d = dtypeArg(b.get('dtype'));
  if (typeof d === 'object') return d;
  // The rank is 2 for "L" and 3 otherwise; without a static mode only the running program knows it.
  const mode = modeOf(args[0]);
  return ok(id, T.ndarray(d ?? 'uint8', mode ? (mode === 'L' ? 2 : 3) : undefined, 'numpy'), args, 'image', {
    dtype: d,
  });
}

for (const id of ['numpy.asarray', 'numpy.array']) {
  const name = id.slice(6);
  extendOp(id, {
    summary: `; np.${name}(image[, dtype]) gives the image's HxWxC (HxW for L) uint8 values`,
    resolve: (args, kw, consts) => arrayOfImage(id, args, kw, consts),
    spell: {
      image: (c) =>
        `{&0}.to_array(${c.detail?.dtype ? `Some(${RUST_DTYPE[c.detail.dtype as keyof typeof RUST_DTYPE]})` : 'None'})?`,
    },
    tests: [
      {
        params: { im: 'Image.Image' },
        expr: `np.${name}(im, dtype=np.float32) / 255.0`,
        samples: [[RGB], [L], [RGBA]],
        imports: IMPORTS,
      },
      {
        params: { im: 'Image.Image' },
        expr: `np.${name}(im).shape`,
        samples: [[RGB], [L]],
        imports: IMPORTS,
      },
      {
        params: { im: 'Image.Image' },
        expr: `np.${name}(im).astype(np.float64).sum()`,
        samples: [[RGB], [RGBA]],
        imports: IMPORTS,
      },
    ],
  });
}

// ---- torchvision.transforms.functional on images ---------------------------------------------

const TV = 'torchvision.transforms.functional';
const TV_IMPORTS = [
  'import torchvision.transforms.functional as TF',
  'from torchvision.transforms import InterpolationMode',
];

// InterpolationMode members are typed as the Pillow filter each one selects for a PIL image.
for (const [name, value] of [
  ['NEAREST', 0],
  ['BILINEAR', 2],
  ['BICUBIC', 3],
  ['BOX', 4],
  ['HAMMING', 5],
  ['LANCZOS', 1],
] as const) {
  for (const id of [`torchvision.transforms.InterpolationMode.${name}`, `${TV}.InterpolationMode.${name}`]) {
    defineOp({
      id,
      summary: `InterpolationMode.${name}: Pillow's filter ${value} for PIL images`,
      resolve: (args) =>
        args.length === 0 ? ok(id, T.int, [], 'value') : { error: `InterpolationMode.${name} is not callable` },
      spell: { value: () => `${value}i64` },
      // InterpolationMode is a str Enum in Python, so it has no value test of its own: the recorded
      // `TF.resize(..., interpolation=...)` tests check each member's filter against torchvision.
      tests: [],
      testedBy: 'tests/registry.test.ts (torchvision.transforms.functional.resize, recorded)',
    });
  }
}

/** A size or mean/std argument: an int or float, a list of them, or a tuple of them, spelled as a Rust slice. */
function sliceArg(t: Type | undefined, item: 'int' | 'float'): 'scalar' | 'list' | 'tuple' | undefined {
  const fits = (x: Type): boolean =>
    x.kind === 'int' || (item === 'float' && (x.kind === 'float' || x.kind === 'bool'));
  if (!t) return undefined;
  if (fits(t)) return 'scalar';
  if (t.kind === 'list' && fits(t.item)) return 'list';
  if (t.kind === 'tuple' && t.items.length > 0 && t.items.every(fits)) return 'tuple';
  return undefined;
}
function spellSlice(c: OpChoice, key: string, item: 'i64' | 'f64'): string {
  const at = c.detail![key] as string;
  const form = c.detail![`${key}Form`] as string;
  const t = c.params[at.startsWith('kw:') ? -1 : Number(at)];
  const conv = item === 'f64' ? ' as f64' : '';
  if (form === 'scalar') return `&[${own(at)}${conv}]`;
  if (form === 'list')
    return item === 'f64' && t?.kind === 'list' && t.item.kind === 'float'
      ? `&${own(at)}`
      : `&${own(at)}.iter().map(|&__v| __v${conv}).collect::<Vec<_>>()`;
  const n = (c.detail![`${key}Len`] as number) ?? 0;
  return `&{ let __s = ${own(at)}; [${Array.from({ length: n }, (_, k) => `__s.${k}${conv}`).join(', ')}] }`;
}

const RGB_WIDE = img('RGB', 13, 8, 11);
const RGBA_TALL = img('RGBA', 5, 9, 13);

/** A torchvision test: CI has no torchvision, so its outcomes are recorded once (tools/images/record_torchvision.py). */
function recordedTv(t: Omit<OpTest, 'imports' | 'recorded'>): OpTest {
  return { ...t, imports: TV_IMPORTS, recorded: RECORDED[recordKey(t)] ?? [] };
}

defineOp({
  id: `${TV}.resize`,
  summary: 'TF.resize(img, size, interpolation=BILINEAR) on a PIL image: size [h, w] or the shorter side',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('resize', ['img', 'size', 'interpolation', 'max_size', 'antialias'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!isImage(b.get('img')?.t)) return { error: 'TF.resize is supported on PIL images' };
    const size = b.get('size');
    const form = sliceArg(size?.t, 'int');
    if (!size || !form) return { error: 'TF.resize size must be an int or a sequence of ints' };
    const m = b.get('max_size');
    if (m && m.t.kind !== 'none') return { error: 'TF.resize max_size is not supported' };
    const ip = b.get('interpolation');
    if (ip && ip.t.kind !== 'int') return { error: 'interpolation must be an InterpolationMode' };
    return ok(`${TV}.resize`, sameAs(b.get('img')!.t), args, 'resize', {
      img: b.get('img')!.at,
      size: size.at,
      sizeForm: form,
      sizeLen: size.t.kind === 'tuple' ? size.t.items.length : 0,
      interpolation: ip?.at,
    });
  },
  spell: {
    resize: (c) =>
      `nd::torchvision::resize(&${own(c.detail!.img as string)}, ${spellSlice(c, 'size', 'i64')}, ${c.detail!.interpolation ? own(c.detail!.interpolation as string) : 'nd::resampling::BILINEAR'})?`,
  },
  tests: [
    recordedTv({
      params: { im: 'Image.Image', s: 'int' },
      expr: 'TF.resize(im, s)',
      samples: [
        [RGB_WIDE, 5],
        [RGBA_TALL, 4],
        [L, 12],
        [RGB, 5],
        [RGB, 7],
      ],
    }),
    recordedTv({
      params: { im: 'Image.Image', h: 'int', w: 'int' },
      expr: 'TF.resize(im, [h, w], interpolation=InterpolationMode.BICUBIC)',
      samples: [
        [RGB_WIDE, 4, 6],
        [RGBA_TALL, 3, 3],
      ],
    }),
    recordedTv({
      params: { im: 'Image.Image' },
      expr: 'TF.resize(im, (3, 8), InterpolationMode.NEAREST)',
      samples: [[RGB_WIDE], [L]],
    }),
  ],
});

defineOp({
  id: `${TV}.center_crop`,
  summary: 'TF.center_crop(img, output_size) on a PIL image: [h, w] or one int; a smaller image is zero-padded first',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('center_crop', ['img', 'output_size'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!isImage(b.get('img')?.t)) return { error: 'TF.center_crop is supported on PIL images' };
    const size = b.get('output_size');
    const form = sliceArg(size?.t, 'int');
    if (!size || !form) return { error: 'TF.center_crop output_size must be an int or a sequence of ints' };
    return ok(`${TV}.center_crop`, sameAs(b.get('img')!.t), args, 'crop', {
      img: b.get('img')!.at,
      size: size.at,
      sizeForm: form,
      sizeLen: size.t.kind === 'tuple' ? size.t.items.length : 0,
    });
  },
  spell: {
    crop: (c) => `nd::torchvision::center_crop(&${own(c.detail!.img as string)}, ${spellSlice(c, 'size', 'i64')})?`,
  },
  tests: [
    recordedTv({
      params: { im: 'Image.Image', s: 'int' },
      expr: 'TF.center_crop(im, s)',
      samples: [
        [RGB_WIDE, 5],
        [RGB_WIDE, 8],
        [RGB, 6],
        [L, 11],
        [RGBA_TALL, 7],
      ],
    }),
    recordedTv({
      params: { im: 'Image.Image', h: 'int', w: 'int' },
      expr: 'TF.center_crop(im, [h, w])',
      samples: [
        [RGB_WIDE, 3, 10],
        [L, 9, 2],
      ],
    }),
  ],
});

defineOp({
  id: `${TV}.to_tensor`,
  summary: 'TF.to_tensor(pic): a CxHxW float32 tensor in [0, 1]',
  resolve: (args) =>
    args.length === 1 && isImage(args[0])
      ? ok(`${TV}.to_tensor`, T.ndarray('float32', 3, 'torch'), args, 'op')
      : { error: 'TF.to_tensor is supported on PIL images' },
  spell: { op: () => 'nd::torchvision::to_tensor({&0})?' },
  tests: [recordedTv({ params: { im: 'Image.Image' }, expr: 'TF.to_tensor(im)', samples: [[RGB], [L], [RGBA]] })],
});

defineOp({
  id: `${TV}.pil_to_tensor`,
  summary: 'TF.pil_to_tensor(pic): a CxHxW uint8 tensor',
  resolve: (args) =>
    args.length === 1 && isImage(args[0])
      ? ok(`${TV}.pil_to_tensor`, T.ndarray('uint8', 3, 'torch'), args, 'op')
      : { error: 'TF.pil_to_tensor is supported on PIL images' },
  spell: { op: () => 'nd::torchvision::pil_to_tensor({&0})?' },
  tests: [
    recordedTv({ params: { im: 'Image.Image' }, expr: 'TF.pil_to_tensor(im) / 255', samples: [[RGB], [L]] }),
    recordedTv({ params: { im: 'Image.Image' }, expr: 'TF.pil_to_tensor(im).shape', samples: [[RGBA]] }),
  ],
});

defineOp({
  id: `${TV}.normalize`,
  summary: "TF.normalize(tensor, mean, std): (x - mean[c]) / std[c] over the channel axis, with torchvision's checks",
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('normalize', ['tensor', 'mean', 'std', 'inplace'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const t = b.get('tensor')?.t;
    if (t?.kind !== 'ndarray') return { error: 'TF.normalize takes a tensor' };
    const mean = b.get('mean');
    const std = b.get('std');
    const mf = sliceArg(mean?.t, 'float');
    const sf = sliceArg(std?.t, 'float');
    if (!mean || !std || !mf || !sf) return { error: 'TF.normalize mean and std must be sequences of numbers' };
    const inplace = b.get('inplace');
    if (inplace && !(inplace.c?.kind === 'bool' && !inplace.c.value))
      return { error: 'TF.normalize inplace=True is not supported' };
    return ok(`${TV}.normalize`, T.ndarray(t.dtype, t.rank, 'torch'), args, 'normalize', {
      tensor: b.get('tensor')!.at,
      mean: mean.at,
      meanForm: mf,
      meanLen: mean.t.kind === 'tuple' ? mean.t.items.length : 0,
      std: std.at,
      stdForm: sf,
      stdLen: std.t.kind === 'tuple' ? std.t.items.length : 0,
    });
  },
  spell: {
    normalize: (c) =>
      `nd::torchvision::normalize(&${own(c.detail!.tensor as string)}, ${spellSlice(c, 'mean', 'f64')}, ${spellSlice(c, 'std', 'f64')})?`,
  },
  tests: [
    recordedTv({
      params: { im: 'Image.Image' },
      expr: 'TF.normalize(TF.to_tensor(im), [0.485, 0.456, 0.406], [0.229, 0.224, 0.225])',
      samples: [[RGB], [RGBA]],
    }),
    recordedTv({
      params: { im: 'Image.Image', m: 'float', s: 'float' },
      expr: 'TF.normalize(TF.to_tensor(im), (m,), (s,))',
      samples: [
        [L, 0.5, 0.5],
        [RGB, 0.25, 0.0],
      ],
    }),
  ],
});
