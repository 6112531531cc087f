/**
 * numpy's and torch's dtypes as values: `a.dtype == np.uint8`, `str(a.dtype)`, `np.dtype("uint8")`,
 * `dtype.itemsize`/`.name`/`.kind`, `a.itemsize`/`a.nbytes`, and `np.iinfo`/`np.finfo`
 * (`torch.iinfo`/`torch.finfo`) with their fields. A numpy dtype value is static here
 * (`numpy.dtype[uint8]`, see numpy.ts), so comparisons and names are constants of the rule;
 * a torch dtype may be a run-time `nd::DType`. The ranges and float limits come from ingot-tensor's
 * `nd::iinfo`/`nd::finfo`, the one table of them.
 */
import { type Dtype, T, type Type, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, extendOp } from '../registry';
import { DTYPE_VARIANT, dtypeBits, dtypeKind, isUnsigned, NUMPY_DTYPE_NAMES } from '../../types/dtypes';
import { isArr, nd, ok, RUST_DTYPE, scalarOf } from './numpy';
import { recorded } from './torch';

const npDtype = (t: Type | undefined): Dtype | undefined =>
  t?.kind === 'opaque' && t.name.startsWith('numpy.dtype[') ? (t.name.slice(12, -1) as Dtype) : undefined;
const torchDtype = (t: Type | undefined): Dtype | undefined =>
  t?.kind === 'opaque' && t.name.startsWith('torch.dtype[') ? (t.name.slice(12, -1) as Dtype) : undefined;
const NP = 'np.ndarray';
const U8 = nd('uint8', [2, 3], [0, 255, 7, 128, 1, 200]);
const I16 = nd('int16', [3], [-300, 0, 32767]);
const H3 = nd('float16', [3], [0.1, -2.5, 65504.0]);
const F3 = nd('float64', [3], [0.5, -1.25, 3.0]);

// ---- Comparisons and names ------------------------------------------------------------------------

/** The dtype a compared value names: a numpy dtype, or a literal dtype name (`a.dtype == "uint8"`). */
function namedDtype(
  t: Type | undefined,
  c: { kind: string; value?: unknown } | undefined,
): Dtype | 'other' | undefined {
  const d = npDtype(t);
  if (d) return d;
  if (t?.kind === 'str' && c?.kind === 'str') {
    const v = c.value as string;
    return Object.prototype.hasOwnProperty.call(NUMPY_DTYPE_NAMES, v) ? NUMPY_DTYPE_NAMES[v] : 'other';
  }
  return undefined;
}

/** A numpy dtype known only at run time (`a.dtype` of an array whose dtype is dynamic). */
const isDynDtype = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'numpy.dtype';

for (const [id, sym] of [
  ['operator.eq', '=='],
  ['operator.ne', '!='],
] as const)
  extendOp(id, {
    summary: `numpy dtypes: \`a.dtype ${sym} np.uint8\` (or a dtype name), decided at compile time when both are static`,
    resolve: (args, _kw, consts) => {
      if (isDynDtype(args[0]) || isDynDtype(args[1])) {
        const [d, o, oc] = isDynDtype(args[0]) ? [0, args[1], consts?.[1]] : [1, args[0], consts?.[0]];
        const other = isDynDtype(o) ? 'dyn' : namedDtype(o, oc);
        if (other === undefined)
          return { error: `a numpy dtype compares with another dtype or a dtype name, not ${typeToString(o!)}` };
        return ok(id, T.bool, args, 'numpy_dtype_dyn', { dyn: String(d), other, negate: sym === '!=' });
      }
      if (!npDtype(args[0]) && !npDtype(args[1])) return undefined;
      const [x, y] = [namedDtype(args[0], consts?.[0]), namedDtype(args[1], consts?.[1])];
      if (x === undefined || y === undefined)
        return { error: `a numpy dtype compares with another dtype or a dtype name, not ${typeToString(args[1]!)}` };
      const same = x !== 'other' && x === y;
      return ok(id, T.bool, args, 'numpy_dtype', { value: sym === '==' ? same : !same });
    },
    tests: [
      {
        params: { a: NP, b: NP },
        expr: `(a.dtype ${sym} np.uint8, a.dtype ${sym} "uint8", np.float64 ${sym} a.dtype, a.dtype ${sym} b.dtype, a.dtype ${sym} "nonsense")`,
        samples: [
          [U8, U8],
          [F3, U8],
          [H3, H3],
        ],
      },
      {
        params: { a: 'NDArray[np.uint8]' },
        expr: `(a.dtype ${sym} np.uint8, a.dtype ${sym} "uint8", np.float16 ${sym} np.dtype("half"), a.dtype ${sym} np.int8, np.clip(a, 0, 9).astype(np.float16).dtype ${sym} np.float16)`,
        samples: [[U8]],
        imports: ['from numpy.typing import NDArray'],
      },
    ],
  });

defineOp({
  id: 'numpy.dtype',
  summary: 'np.dtype(x): the dtype a dtype value or a literal dtype name names',
  resolve: (args, kw, consts) => {
    if (args.length !== 1 || kw.size > 0) return { error: 'np.dtype takes one argument here' };
    const d = namedDtype(args[0], consts?.[0]);
    if (d === undefined || d === 'other')
      return { error: 'np.dtype takes a numpy dtype (np.uint8, a.dtype) or a literal dtype name ("uint8")' };
    return ok('numpy.dtype', T.opaque(`numpy.dtype[${d}]`, `nd::dtype::${DTYPE_VARIANT[d]}`), args, 'dtype', {
      dtype: d,
    });
  },
  tests: [
    { params: {}, expr: 'str(np.dtype("ubyte")), repr(np.dtype(np.float16)), str(np.dtype("int"))', samples: [[]] },
  ],
});

/** `str(dtype)` and `repr(dtype)` print through the marker's `PyRepr` (`uint8`, `dtype('uint8')`). */
const DTYPE_ATTRS: [string, (d: Dtype) => Type, (d: Dtype) => string][] = [
  ['itemsize', () => T.int, (d) => `${dtypeBits(d) / 8}i64`],
  ['name', () => T.str, (d) => `String::from("${d}")`],
  [
    'kind',
    () => T.str,
    (d) => `String::from("${dtypeKind(d) === 0 ? 'b' : dtypeKind(d) === 2 ? 'f' : isUnsigned(d) ? 'u' : 'i'}")`,
  ],
];
for (const [attr, type] of DTYPE_ATTRS)
  defineOp({
    id: `numpy.dtype.${attr}`,
    summary: `dtype.${attr}`,
    resolve: (args) => {
      if (isDynDtype(args[0]) && args.length === 1) return ok(`numpy.dtype.${attr}`, type('bool'), args, 'dyn');
      const d = npDtype(args[0]);
      if (!d || args.length !== 1) return { error: `\`${attr}\` is a dtype attribute` };
      return ok(`numpy.dtype.${attr}`, type(d), args, 'const', { dtype: d });
    },
    tests: [
      {
        params: { a: 'NDArray[np.uint8]', b: 'NDArray[np.float16]' },
        expr: `(a.dtype.${attr}, b.dtype.${attr}, np.dtype(np.int16).${attr}, np.dtype("float64").${attr})`,
        samples: [[U8, H3]],
        imports: ['from numpy.typing import NDArray'],
      },
      { params: { a: NP }, expr: `(a.dtype.${attr}, str(a.dtype), repr(a.dtype))`, samples: [[U8], [H3], [F3], [I16]] },
    ],
  });

// ---- Sizes ----------------------------------------------------------------------------------------

for (const [attr, what] of [
  ['itemsize', 'bytes per element'],
  ['nbytes', 'bytes of all elements'],
] as const)
  defineOp({
    id: `ndarray.${attr}`,
    summary: `a.${attr}: ${what}`,
    resolve: (args) =>
      isArr(args[0]) && args.length === 1
        ? ok(`ndarray.${attr}`, T.int, args, 'size')
        : { error: `\`${attr}\` is an array attribute` },
    tests: [{ params: { a: NP }, expr: `a.${attr}`, samples: [[U8], [I16], [H3], [F3]] }],
  });

// ---- iinfo / finfo ----------------------------------------------------------------------------

/** The dtype `np.iinfo(x)` / `np.finfo(x)` describes: a dtype value or an array's (static) dtype. */
function infoDtype(
  t: Type | undefined,
  c: { kind: string; value?: unknown } | undefined,
  lib: 'numpy' | 'torch',
): Dtype | { error: string } {
  const named = lib === 'numpy' ? namedDtype(t, c) : torchDtype(t);
  if (named && named !== 'other') return named;
  if (isArr(t) && lib === 'numpy' && t.dtype) return t.dtype;
  return {
    error:
      lib === 'numpy'
        ? 'np.iinfo/np.finfo take a dtype known at compile time (np.uint8, a.dtype of a typed array)'
        : 'torch.iinfo/torch.finfo take a dtype known at compile time (torch.uint8)',
  };
}

for (const lib of ['numpy', 'torch'] as const) {
  const short = lib === 'numpy' ? 'np' : 'torch';
  for (const which of ['iinfo', 'finfo'] as const)
    defineOp({
      id: `${lib}.${which}`,
      summary: `${short}.${which}(dtype): the ${which === 'iinfo' ? 'range of an integer' : 'limits of a float'} dtype`,
      resolve: (args, kw, consts) => {
        if (args.length !== 1 || kw.size > 0) return { error: `${short}.${which} takes one dtype` };
        const d = infoDtype(args[0], consts?.[0], lib);
        if (typeof d === 'object') return d;
        if ((which === 'iinfo') !== (dtypeKind(d) === 1))
          return {
            error:
              which === 'iinfo'
                ? `${short}.iinfo needs an integer dtype, not ${d}; use ${short}.finfo for floats`
                : `${short}.finfo needs a float dtype, not ${d}; use ${short}.iinfo for integers`,
          };
        return ok(`${lib}.${which}`, T.opaque(`${lib}.${which}[${d}]`, 'nd::DType'), args, 'info', { dtype: d });
      },
      tests:
        lib === 'numpy'
          ? [
              which === 'iinfo'
                ? {
                    params: {},
                    expr: '(np.iinfo(np.uint8).max, np.iinfo(np.int8).min, np.iinfo(np.int16).max, np.iinfo(np.uint16).bits, np.iinfo(np.int32).min, np.iinfo(np.uint32).max, np.iinfo(np.int64).min, np.iinfo("int8").max)',
                    samples: [[]],
                  }
                : {
                    params: {},
                    expr: '(repr(np.finfo(np.float16).eps), repr(np.finfo(np.float16).max), float(np.finfo(np.float32).eps), float(np.finfo(np.float32).tiny), np.finfo(np.float64).eps, np.finfo(np.float64).min, np.finfo(np.float16).bits, repr(np.finfo(np.float16).resolution))',
                    samples: [[]],
                  },
            ]
          : [
              recorded({
                params: {},
                expr:
                  which === 'iinfo'
                    ? '(torch.iinfo(torch.uint8).max, torch.iinfo(torch.int8).min, torch.iinfo(torch.int16).bits, torch.iinfo(torch.int32).max, torch.iinfo(torch.int64).min)'
                    : '(torch.finfo(torch.float16).eps, torch.finfo(torch.bfloat16).max, torch.finfo(torch.float32).tiny, torch.finfo(torch.float16).bits, torch.finfo(torch.float32).eps, torch.finfo(torch.float64).min)',
                samples: [[]],
              }),
            ],
    });
}

/** The fields of an info value: its type for the described dtype, and the Rust reading it. */
const INFO_FIELDS: Record<
  'iinfo' | 'finfo',
  [string, (d: Dtype, lib: string) => Type, (d: Dtype, lib: string) => string][]
> = {
  iinfo: [
    ['min', () => T.int, () => 'nd::iinfo({0})?.0'],
    ['max', () => T.int, () => 'nd::iinfo({0})?.1'],
    ['bits', () => T.int, () => 'nd::iinfo({0})?.2'],
  ],
  finfo: [
    ...(
      [
        ['eps', 0],
        ['max', 1],
        ['min', 2],
        ['tiny', 3],
        ['smallest_normal', 3],
        ['resolution', 4],
      ] as const
    ).map(
      ([name, i]) =>
        [
          name,
          (d: Dtype, lib: string) => (lib === 'numpy' ? scalarOf(d).type : T.float),
          (d: Dtype, lib: string) =>
            lib === 'numpy' && scalarOf(d).type.kind === 'ndarray'
              ? `nd::NdArray::scalar_f64(nd::finfo({0})?[${i}], {0})`
              : `nd::finfo({0})?[${i}]`,
        ] as [string, (d: Dtype, lib: string) => Type, (d: Dtype, lib: string) => string],
    ),
    ['bits', () => T.int, () => '(nd::finfo({0})?[5] as i64)'],
  ],
};
const infoSpell: Record<string, Record<string, (c: OpChoice) => string>> = {};
for (const lib of ['numpy', 'torch'] as const)
  for (const which of ['iinfo', 'finfo'] as const) {
    infoSpell[`${lib}.${which}`] = { info: (c) => RUST_DTYPE[c.detail!.dtype as Dtype] };
    for (const [field, type, rust] of INFO_FIELDS[which]) {
      const id = `${lib}.${which}.${field}`;
      defineOp({
        id,
        summary: `${lib === 'numpy' ? 'np' : 'torch'}.${which}(d).${field}`,
        resolve: (args) => {
          const t = args[0];
          if (t?.kind !== 'opaque' || !t.name.startsWith(`${lib}.${which}[`))
            return { error: `\`${field}\` is a ${which} field` };
          const d = t.name.slice(lib.length + which.length + 2, -1) as Dtype;
          return ok(id, type(d, lib), args, 'field', { dtype: d });
        },
        tests: [],
        testedBy: `${lib}.${which}`,
      });
      infoSpell[id] = { field: (c) => rust(c.detail!.dtype as Dtype, lib) };
    }
  }

/** `a.dtype == x` with `a`'s dtype known only at run time. */
function dynCompare(c: OpChoice): string {
  const d = c.detail!.dyn as string;
  const other = c.detail!.other as Dtype | 'other' | 'dyn';
  const o = d === '0' ? '1' : '0';
  const test =
    other === 'dyn'
      ? `({0} == {1})`
      : other === 'other'
        ? `{ let _ = ({&0}, {&1}); false }`
        : `{ let _ = {&${o}}; {${d}}.0 == ${RUST_DTYPE[other]} }`;
  return c.detail!.negate ? `!${test}` : test;
}

defineSpellings({
  'operator.eq': {
    numpy_dtype: (c) => `{ let _ = ({&0}, {&1}); ${c.detail!.value as boolean} }`,
    numpy_dtype_dyn: dynCompare,
  },
  'operator.ne': {
    numpy_dtype: (c) => `{ let _ = ({&0}, {&1}); ${c.detail!.value as boolean} }`,
    numpy_dtype_dyn: dynCompare,
  },
  'numpy.dtype': { dtype: (c) => `{ let _ = {&0}; nd::dtype::${DTYPE_VARIANT[c.detail!.dtype as Dtype]} }` },
  ...Object.fromEntries(
    DTYPE_ATTRS.map(([attr, , rust]) => [
      `numpy.dtype.${attr}`,
      {
        const: (c: OpChoice) => `{ let _ = {&0}; ${rust(c.detail!.dtype as Dtype)} }`,
        dyn: () => `{&0}.${attr}()`,
      },
    ]),
  ),
  'ndarray.itemsize': { size: () => '{&0}.itemsize()' },
  'ndarray.nbytes': { size: () => '{&0}.nbytes()' },
  ...infoSpell,
});
