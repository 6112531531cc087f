/**
 * numpy as registry entries: `numpy.*` functions, `ndarray.*` methods and attributes, and the
 * ndarray cases of Python's operators and builtins (`a + b`, `a[i, 1:]`, `len(a)`,
 * `float(a)`), which extend the operator entries through `extendOp`. Everything runs in the
 * ingot-tensor crate (`nd::`, candle on the CPU); each spelling is one call into it, never a loop.
 *
 * Types: an array's dtype and rank are static when known (`NDArray[np.float32]`, results of
 * `reshape(n, d)`, `np.array([[1.0]])`) and undefined (dynamic, carried by the value) otherwise.
 * Static dtypes follow numpy 2's promotion (NEP 50): Python scalars are weak, so
 * `float32_array * 2.0` is float32 and `int64_array / 2` is float64. Results that numpy gives as
 * numpy scalars (`np.sum(a)`, `a.item()`, `a[i, j]` of a known-rank array) are Python scalars here.
 */
import type { ConstValue } from '../../ir/consts';
import { type Dtype, T, type Type, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, extendOp, type OpTest, type ResolveResult, type Spelling } from '../registry';
import {
  ALL_DTYPES,
  defaultFloat,
  DTYPE_VARIANT,
  floatFor,
  dtypeKind,
  type Flavor,
  isNarrow,
  NUMPY_DTYPE_NAMES,
  promoteDtypes,
  sumDtype,
} from '../../types/dtypes';

export { defaultFloat, type Flavor };
type Arr = Extract<Type, { kind: 'ndarray' }>;

export const isArr = (t: Type | undefined): t is Arr => t?.kind === 'ndarray';
const isScalar = (t: Type | undefined): boolean => t?.kind === 'int' || t?.kind === 'float' || t?.kind === 'bool';
const kindOf = dtypeKind;
const scalarKind = (t: Type): number => (t.kind === 'bool' ? 0 : t.kind === 'int' ? 1 : 2);

/** The promotion of two array dtypes (numpy's or torch's, `dtypes.ts`); undefined when either is dynamic. */
export function promoteArrays(a: Dtype | undefined, b: Dtype | undefined, fl: Flavor): Dtype | undefined {
  if (!a || !b) return undefined;
  return promoteDtypes(a, b, fl);
}

/** The static result dtype of an elementwise op on two operands (mirrors `nd::promote`). */
export function promote(a: Type, b: Type, fl: Flavor): Dtype | undefined {
  const weak = (d: Dtype | undefined, k: number): Dtype | undefined =>
    !d ? undefined : k <= kindOf(d) ? d : k === 1 ? 'int64' : defaultFloat(fl);
  if (isArr(a) && isArr(b)) {
    // torch ranks a 0-d tensor below a dimensioned one unless its kind is higher (`nd::promote`).
    if (fl === 'torch' && a.rank !== b.rank && (a.rank === 0 || b.rank === 0)) {
      if (a.rank === undefined || b.rank === undefined || !a.dtype || !b.dtype) return undefined;
      const [dim, zero] = a.rank === 0 ? [b.dtype, a.dtype] : [a.dtype, b.dtype];
      return kindOf(zero) > kindOf(dim) ? zero : dim;
    }
    if (fl === 'torch' && (a.rank === undefined || b.rank === undefined) && a.dtype !== b.dtype) return undefined;
    return promoteArrays(a.dtype, b.dtype, fl);
  }
  if (isArr(a)) return weak(a.dtype, scalarKind(b));
  if (isArr(b)) return weak(b.dtype, scalarKind(a));
  const k = Math.max(scalarKind(a), scalarKind(b));
  return k === 0 ? 'bool' : k === 1 ? 'int64' : 'float64';
}

export const rankOf = (t: Type): number | undefined => (isArr(t) ? t.rank : 0);

/** The broadcast rank of operands (max of the ranks), undefined when one is dynamic. */
export function bcastRank(...ts: Type[]): number | undefined {
  const rs = ts.map(rankOf);
  return rs.some((r) => r === undefined) ? undefined : Math.max(...(rs as number[]));
}

export const flavorOf = (...ts: Type[]): Flavor =>
  ts.some((t) => isArr(t) && t.flavor === 'torch') ? 'torch' : 'numpy';

/** The rule's choice: the variant of the entry's spelling, and what the spelling needs to know. */
export function ok(id: string, result: Type, args: Type[], variant: string, detail?: OpChoice['detail']): OpChoice {
  return {
    entry: id,
    overload: args.map(typeToString).join(', '),
    result,
    params: args,
    variant,
    ...(detail && { detail }),
  };
}

/**
 * Where an argument was passed, as the spelling's placeholder key: `'1'` for the second
 * positional argument, `'kw:axis'` for a keyword (placeholders `{1}`, `{&kw:axis}`).
 */
export type At = string;

/** Moves a positional `At` one place on, for a method whose receiver is argument 0. */
export const shiftAt = (at: At): At => (/^\d+$/.test(at) ? String(Number(at) + 1) : at);

/**
 * The type of a numpy scalar of dtype `d`: a Python scalar, except for the narrow dtypes, whose
 * scalars wrap and round as no Python number does (`np.uint8(200) + 100` is 44) and print as
 * `np.uint8(44)`; those stay 0-d arrays.
 */
export function scalarOf(d: Dtype | undefined): { type: Type; item: string } {
  if (isNarrow(d)) return { type: T.ndarray(d, 0), item: '' };
  return pyScalarOf(d);
}

/** The Python scalar type and the `NdArray` accessor of `a.item()`/`tolist()` for dtype `d`. */
export function pyScalarOf(d: Dtype | undefined): { type: Type; item: string } {
  if (d !== undefined && kindOf(d) === 1) return { type: T.int, item: 'item_i64' };
  if (d === 'int64') return { type: T.int, item: 'item_i64' };
  if (d === 'bool') return { type: T.bool, item: 'item_bool' };
  return { type: T.float, item: 'item_f64' };
}

/** One bound argument of a function-style op: its type, where it was passed and its literal value. */
export interface Bound {
  t: Type;
  at: At;
  c?: ConstValue;
}

/** Binds positional and keyword arguments to parameter names (`np.sum(a, axis=1)`). */
export function bindArgs(
  id: string,
  names: string[],
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  consts?: readonly (ConstValue | undefined)[],
  kwConsts?: ReadonlyMap<string, ConstValue>,
): Map<string, Bound> | { error: string } {
  const out = new Map<string, Bound>();
  if (args.length > names.length) return { error: `\`${id}\` takes at most ${names.length} positional arguments here` };
  args.forEach((t, i) => out.set(names[i]!, { t, at: String(i), c: consts?.[i] }));
  for (const [k, t] of kw) {
    if (!names.includes(k)) return { error: `\`${id}\` takes no keyword argument \`${k}\` here` };
    if (out.has(k)) return { error: `\`${id}\` got multiple values for \`${k}\`` };
    out.set(k, { t, at: `kw:${k}`, c: kwConsts?.get(k) });
  }
  return out;
}

/** The array type `np.array(x)` gives for a list type, or undefined when x is not array-like. */
export function listArrayType(t: Type): Arr | undefined {
  // A tuple of up to 8 numbers (`np.array(MEAN)` of `MEAN = (0.48, 0.46, 0.41)`): numpy's dtype for the mix; a
  // `tuple[T, ...]` as its list (the tensor crate's `ToArray` for tuples).
  if (t.kind === 'tuple') {
    const kinds = t.items.map((x) => x.kind);
    if (t.items.length === 0 || t.items.length > 8 || !kinds.every((k) => k === 'bool' || k === 'int' || k === 'float'))
      return undefined;
    return T.ndarray(kinds.includes('float') ? 'float64' : kinds.includes('int') ? 'int64' : 'bool', 1) as Arr;
  }
  if (t.kind === 'vartuple') return listArrayType(T.list(t.item));
  if (t.kind !== 'list') return undefined;
  const item = t.item;
  if (item.kind === 'float') return T.ndarray('float64', 1) as Arr;
  if (item.kind === 'int') return T.ndarray('int64', 1) as Arr;
  if (item.kind === 'bool') return T.ndarray('bool', 1) as Arr;
  if (isArr(item))
    return T.ndarray(item.dtype, item.rank === undefined ? undefined : item.rank + 1, item.flavor) as Arr;
  if (item.kind === 'list') {
    const inner = listArrayType(item);
    if (inner && !isArr(item.item))
      return T.ndarray(inner.dtype, inner.rank === undefined ? undefined : inner.rank + 1) as Arr;
  }
  return undefined;
}

/**
 * An array operand (the choice detail `a`, and `convert` when it is converted): arrays
 * directly, lists and numbers through `np.array`.
 */
export interface ArrayArg {
  t: Arr;
  detail: { a: At; convert: boolean };
}

export function asArray(b: Bound): ArrayArg | { error: string } {
  if (isArr(b.t)) return { t: b.t, detail: { a: b.at, convert: false } };
  const lt = listArrayType(b.t);
  if (lt) return { t: lt, detail: { a: b.at, convert: true } };
  if (isScalar(b.t))
    return {
      t: T.ndarray(b.t.kind === 'float' ? 'float64' : b.t.kind === 'int' ? 'int64' : 'bool', 0) as Arr,
      detail: { a: b.at, convert: true },
    };
  return { error: `expected an array, got ${typeToString(b.t)}` };
}

/** An `axis` argument: where an int was passed, or `'none'` for None or absent. */
export function axisArg(b: Bound | undefined): At | 'none' | { error: string } {
  if (!b || b.t.kind === 'none') return 'none';
  if (b.t.kind === 'int') return b.at;
  if (b.t.kind === 'tuple') return { error: 'a tuple of axes is not supported; reduce one axis at a time' };
  return { error: `axis must be an int or None, not ${typeToString(b.t)}` };
}

/** A bool flag argument (`keepdims=True`): where it was passed, undefined when absent. */
export function flagArg(b: Bound | undefined, name: string): At | undefined | { error: string } {
  if (!b) return undefined;
  if (b.t.kind === 'bool') return b.at;
  return { error: `${name} must be a bool` };
}

/** A dtype argument: `np.float32`, `"float32"`, or absent. */
export function dtypeArg(b: Bound | undefined): Dtype | undefined | { error: string } {
  if (!b || b.t.kind === 'none') return undefined;
  if (b.t.kind === 'opaque' && b.t.name.startsWith('numpy.dtype[')) return b.t.name.slice(12, -1) as Dtype;
  if (b.t.kind === 'opaque' && b.t.name === 'numpy.dtype')
    return {
      error:
        "the array's dtype is not known at compile time; annotate it (`NDArray[np.float32]`) or name the dtype (`np.float32`)",
    };
  if (b.c?.kind === 'str') {
    const d = Object.prototype.hasOwnProperty.call(NUMPY_DTYPE_NAMES, b.c.value)
      ? NUMPY_DTYPE_NAMES[b.c.value]
      : undefined;
    if (d) return d;
    return { error: `dtype "${b.c.value}" is not supported; use a bool, integer or float dtype name (uint8, float32)` };
  }
  return { error: 'dtype must be a numpy dtype (np.float32, np.uint8, a.dtype) or a literal dtype name' };
}

/**
 * A shape argument (`(2, 3)`, `[2, 3]`, `6`), with its length when static. The detail says where
 * its parts were passed (`shape`) and their form (`shapeForm`): ints, one tuple or one list.
 */
export function shapeArg(
  bs: Bound[],
): { detail: { shape: At[]; shapeForm: 'ints' | 'tuple' | 'list' }; rank: number | undefined } | { error: string } {
  if (bs.length === 1) {
    const b = bs[0]!;
    if (b.t.kind === 'int') return { detail: { shape: [b.at], shapeForm: 'ints' }, rank: 1 };
    if (b.t.kind === 'tuple' && b.t.items.every((x) => x.kind === 'int'))
      return { detail: { shape: [b.at], shapeForm: 'tuple' }, rank: b.t.items.length };
    if (b.t.kind === 'list' && (b.t.item.kind === 'int' || b.t.item.kind === 'unknown'))
      return { detail: { shape: [b.at], shapeForm: 'list' }, rank: undefined };
    return { error: `a shape must be an int or a tuple of ints, not ${typeToString(b.t)}` };
  }
  if (bs.every((b) => b.t.kind === 'int'))
    return { detail: { shape: bs.map((b) => b.at), shapeForm: 'ints' }, rank: bs.length };
  return { error: 'a shape must be ints' };
}

const err = (e: unknown): e is { error: string } => typeof e === 'object' && e !== null && 'error' in e;

// ---- Test helpers --------------------------------------------------------------------------

/** An ndarray argument in value JSON. */
export function nd(dtype: Dtype, shape: number[], data: unknown[]): unknown {
  return { ndarray: { dtype, shape, data } };
}

const F2x3 = nd('float64', [2, 3], [1.0, -2.5, 3.0, 4.0, 0.5, -6.0]);
const F3 = nd('float64', [3], [0.5, 2.0, -1.5]);
const F32_2x3 = nd('float32', [2, 3], [0.1, 0.2, 0.3, 1.5, -2.5, 3.25]);
const I2x3 = nd('int64', [2, 3], [7, -7, 3, 0, 5, -9]);
const I3 = nd('int64', [3], [2, -2, 3]);
const B3 = nd('bool', [3], [true, false, true]);
const NP = 'np.ndarray';

// ---- Operators on arrays ---------------------------------------------------------------------

const BINOPS: [string, string, string][] = [
  ['operator.add', 'Add', '+'],
  ['operator.sub', 'Sub', '-'],
  ['operator.mul', 'Mul', '*'],
  ['operator.truediv', 'TrueDiv', '/'],
  ['operator.floordiv', 'FloorDiv', '//'],
  ['operator.mod', 'Mod', '%'],
  ['operator.pow', 'Pow', '**'],
  ['operator.lt', 'Lt', '<'],
  ['operator.le', 'Le', '<='],
  ['operator.gt', 'Gt', '>'],
  ['operator.ge', 'Ge', '>='],
  ['operator.eq', 'Eq', '=='],
  ['operator.ne', 'Ne', '!='],
];

/** The static result dtype of `a <op> b` (mirrors `nd::binary`). */
function binaryDtype(op: string, a: Type, b: Type, fl: Flavor): Dtype | undefined {
  if (['Lt', 'Le', 'Gt', 'Ge', 'Eq', 'Ne'].includes(op)) return 'bool';
  const d = promote(a, b, fl);
  if (!d) return undefined;
  if (op === 'TrueDiv') return kindOf(d) < 2 ? defaultFloat(fl) : d;
  if (d === 'bool') return op === 'Add' || op === 'Mul' ? 'bool' : 'int64';
  return d;
}

/** `a <op> b` where either side is an array. */
export function arrayBinary(
  id: string,
  op: string,
  a: Type | undefined,
  b: Type | undefined,
): ResolveResult | undefined {
  if (!a || !b || !(isArr(a) || isArr(b))) return undefined;
  for (const x of [a, b]) {
    if (!isArr(x) && !isScalar(x))
      return {
        error: `cannot combine an array with ${typeToString(x)}${x.kind === 'list' ? '; convert it with np.array(...) first' : ''}`,
      };
  }
  const fl = flavorOf(a, b);
  const dtype = binaryDtype(op, a, b, fl);
  return ok(id, T.ndarray(dtype, bcastRank(a, b), fl), [a, b], 'ndarray');
}

const BIN_SAMPLES: Record<string, unknown[][]> = {
  '+': [
    [F2x3, F3],
    [I2x3, I3],
  ],
  '-': [
    [F2x3, F3],
    [I2x3, I3],
  ],
  '*': [
    [F2x3, F3],
    [I2x3, I3],
  ],
  '/': [
    [F2x3, F3],
    [I2x3, I3],
  ],
  '//': [
    [F2x3, F3],
    [I2x3, I3],
  ],
  '%': [
    [F2x3, F3],
    [I2x3, I3],
  ],
  '**': [
    [F2x3, F3],
    [I2x3, nd('int64', [3], [2, 0, 3])],
  ],
};

for (const [id, op, sym] of BINOPS) {
  const cmp = ['<', '<=', '>', '>=', '==', '!='].includes(sym);
  const tests: OpTest[] = cmp
    ? [
        {
          params: { a: NP, b: NP },
          expr: `a ${sym} b`,
          samples: [
            [F2x3, F3],
            [I2x3, I3],
          ],
        },
        { params: { a: NP }, expr: `a ${sym} 3`, samples: [[I2x3], [F2x3]] },
      ]
    : [
        { params: { a: NP, b: NP }, expr: `a ${sym} b`, samples: BIN_SAMPLES[sym]! },
        { params: { a: NP }, expr: sym === '**' ? 'a ** 2' : `a ${sym} 2.0`, samples: [[F32_2x3], [I2x3]] },
        {
          params: { a: NP },
          expr: sym === '**' ? '2.0 ** a' : `3 ${sym} a`,
          samples: sym === '//' || sym === '%' ? [[F3]] : [[F32_2x3], [I3]],
        },
      ];
  if (sym === '+')
    tests.push({
      params: { a: NP, b: NP },
      expr: 'a + b',
      samples: [
        [F2x3, nd('float64', [4], [1, 2, 3, 4])],
        [B3, B3],
      ],
    });
  if (sym === '/') tests.push({ params: { a: NP }, expr: 'a / 0.0', samples: [[F3]] });
  if (sym === '//')
    tests.push({ params: { a: NP, b: NP }, expr: 'a // b', samples: [[I3, nd('int64', [3], [0, 3, -2])]] });
  extendOp(id, {
    summary: `arrays: elementwise \`${sym}\` with broadcasting and numpy promotion`,
    resolve: (args) => arrayBinary(id, op, args[0], args[1]),
    tests,
  });
}

defineOp({
  id: 'operator.matmul',
  summary: 'a @ b: matrix product of arrays (numpy.matmul semantics)',
  resolve: (args) => matmulResolve('operator.matmul', args[0], args[1]),
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'a @ b',
      samples: [
        [F2x3, nd('float64', [3, 2], [1, 0, 0, 1, 2, 2])],
        [F2x3, F3],
        [F3, F3],
        [F2x3, F2x3],
      ],
    },
    {
      params: { a: NP, b: NP },
      expr: 'a @ b',
      samples: [
        [F32_2x3, nd('float32', [3, 1], [1, 2, 3])],
        [I2x3, I3],
      ],
    },
  ],
});

export function matmulResolve(id: string, a: Type | undefined, b: Type | undefined): ResolveResult {
  if (!isArr(a) || !isArr(b))
    return { error: `matmul needs two arrays, got ${a ? typeToString(a) : '?'} and ${b ? typeToString(b) : '?'}` };
  const fl = flavorOf(a, b);
  let rank: number | undefined;
  if (a.rank !== undefined && b.rank !== undefined) {
    rank =
      a.rank === 1 && b.rank === 1
        ? 0
        : a.rank === 1
          ? b.rank - 1
          : b.rank === 1
            ? a.rank - 1
            : Math.max(a.rank, b.rank);
  }
  return ok(id, T.ndarray(promoteArrays(a.dtype, b.dtype, 'numpy'), rank, fl), [a, b], 'matmul');
}

extendOp('operator.neg', {
  summary: 'arrays: elementwise negation',
  resolve: (args) => (isArr(args[0]) ? ok('operator.neg', args[0], [args[0]], 'ndarray') : undefined),
  tests: [{ params: { a: NP }, expr: '-a', samples: [[F2x3], [I3], [B3]] }],
});
extendOp('operator.invert', {
  summary: 'arrays: `~a`, logical not of bools, bitwise not of ints (floats raise TypeError)',
  resolve: (args) => (isArr(args[0]) ? ok('operator.invert', args[0], [args[0]], 'ndarray') : undefined),
  tests: [
    {
      params: { a: NP },
      expr: '~a',
      samples: [[B3], [I3], [F3]],
    },
  ],
});
// `&`, `|`, `^` on numpy arrays: logical on bool arrays (masks), bitwise on int64 arrays.
for (const [id, op, sym] of [
  ['operator.and_', 'And', '&'],
  ['operator.or_', 'Or', '|'],
  ['operator.xor', 'Xor', '^'],
] as const)
  extendOp(id, {
    summary: `arrays: \`a ${sym} b\` on bool arrays (logical) or int64 arrays (bitwise), with broadcasting`,
    resolve: (args) => {
      const [a, b] = args as [Type, Type];
      if (args.length !== 2 || !(isArr(a) || isArr(b))) return undefined;
      if ([a, b].some((x) => isArr(x) && x.flavor === 'torch')) return undefined;
      const dt = (x: Type): Dtype | undefined | 'other' =>
        isArr(x) ? x.dtype : x.kind === 'bool' ? 'bool' : x.kind === 'int' ? 'int64' : 'other';
      const [da, db] = [dt(a), dt(b)];
      for (const d of [da, db])
        if (d !== undefined && d !== 'bool' && d !== 'int64')
          return {
            error: `\`${sym}\` on arrays is supported for bool and int64 arrays (numpy raises TypeError for floats); compare first, e.g. \`(a > 0) ${sym} m\``,
          };
      // An array of unknown dtype is checked at run time (a float one raises numpy's TypeError).
      const dtype: Dtype | undefined =
        da === 'bool' && db === 'bool' ? 'bool' : da === undefined || db === undefined ? undefined : 'int64';
      return ok(id, T.ndarray(dtype, bcastRank(a, b), 'numpy'), args, 'ndarray_logic', { op });
    },
    tests: [
      {
        params: { a: NP, b: NP },
        expr: `(a > 0) ${sym} (b < 1.0)`,
        samples: [
          [I3, F3],
          [nd('int64', [2, 3], [1, -1, 0, 2, 5, -3]), F3],
        ],
      },
      {
        params: { a: NP, b: NP },
        expr: `a ${sym} b`,
        samples: [
          [B3, nd('bool', [3], [false, false, true])],
          [I3, nd('int64', [3], [7, 0, 1])],
        ],
      },
      { params: { a: NP }, expr: `a ${sym} True`, samples: [[B3]] },
      { params: { a: NP }, expr: `6 ${sym} a`, samples: [[I3], [B3], [F3]] },
    ],
  });
extendOp('operator.pos', {
  summary: 'arrays: a copy',
  resolve: (args) => (isArr(args[0]) ? ok('operator.pos', args[0], [args[0]], 'ndarray') : undefined),
  tests: [{ params: { a: NP }, expr: '+a', samples: [[F3]] }],
});

// ---- Indexing --------------------------------------------------------------------------------

type IxKind = 'int' | 'slice' | 'none' | 'ellipsis' | { array: number | undefined; mask?: number | undefined };

const ELLIPSIS: Type = T.opaque('ellipsis', 'nd::Ellipsis');
const isEllipsis = (t: Type): boolean => t.kind === 'opaque' && t.name === 'ellipsis';

function indexItems(i: Type): IxKind[] | { error: string } {
  const one = (t: Type): IxKind | { error: string } => {
    if (t.kind === 'int' || t.kind === 'bool') return 'int';
    if (t.kind === 'slice') return 'slice';
    if (t.kind === 'none') return 'none';
    if (isEllipsis(t)) return 'ellipsis';
    if (isArr(t)) {
      // Integer arrays index as numpy's advanced indexing does (an unknown dtype is checked at run time); a boolean
      // mask of rank k stands for the k integer arrays of its nonzero positions, so it consumes k axes and gives one.
      if (t.dtype === 'int64' || t.dtype === undefined) return { array: t.rank };
      if (t.dtype === 'bool') return { array: 1, mask: t.rank };
      return { error: 'an index array must hold integers or bools, not floats' };
    }
    // A list of ints or bools indexes as the array it converts to.
    if (t.kind === 'list' && t.item.kind === 'int') return { array: 1 };
    if (t.kind === 'list' && t.item.kind === 'bool') return { array: 1, mask: 1 };
    return {
      error: `an array index must be an int, a slice, None, \`...\` or an integer array, not ${typeToString(t)}`,
    };
  };
  if (i.kind === 'tuple') {
    const out: IxKind[] = [];
    for (const t of i.items) {
      const k = one(t);
      if (typeof k === 'object' && 'error' in k) return k;
      out.push(k);
    }
    return out;
  }
  const k = one(i);
  return typeof k === 'object' && 'error' in k ? k : [k];
}

/**
 * `a[i]`, `a[1:3, ::-1]`, `a[None, :]`, `a[:, 0]`, `a[..., None]` on arrays and tensors, and numpy's advanced
 * indexing with integer arrays (`h[torch.arange(n), lengths]`): the index arrays broadcast together and their shape
 * takes the place of the axes they index.
 */
export function getitemResolve(id: string, args: Type[]): ResolveResult {
  const [c, i] = args;
  if (!isArr(c) || !i) return { error: 'expected an array and an index' };
  const items = indexItems(i);
  if (err(items)) return items;
  if (items.filter((k) => k === 'ellipsis').length > 1)
    return { error: "an index can only have a single ellipsis ('...')" };
  const arrays = items.filter((k): k is { array: number | undefined; mask?: number } => typeof k === 'object');
  const ints = items.filter((k) => k === 'int').length;
  const nones = items.filter((k) => k === 'none').length;
  // The axes the index arrays take: one each, k for a boolean mask of rank k (unknown when its rank is).
  const maskAxes = arrays.reduce<number | undefined>(
    (n, a) => (n === undefined ? undefined : 'mask' in a ? (a.mask === undefined ? undefined : n + a.mask) : n + 1),
    0,
  );
  const consumed = ints + (maskAxes ?? arrays.length) + items.filter((k) => k === 'slice').length;
  if (c.rank !== undefined && consumed > c.rank) {
    return { error: `too many indices for an array of rank ${c.rank}` };
  }
  // With index arrays, the ints index as 0-d arrays; the broadcast shape of all of them replaces their axes.
  const arraysRank = arrays.some((a) => a.array === undefined)
    ? undefined
    : Math.max(0, ...arrays.map((a) => a.array!));
  const rank =
    c.rank === undefined || arraysRank === undefined || maskAxes === undefined
      ? undefined
      : arrays.length > 0
        ? c.rank - ints - maskAxes + nones + arraysRank
        : c.rank - ints + nones;
  // The index's form: a tuple of indices, one slice, None (a new axis), `...`, one index array or one int.
  const first = items[0];
  const variant =
    i.kind === 'tuple'
      ? 'tuple'
      : first === 'slice'
        ? 'slice'
        : first === 'none'
          ? 'newaxis'
          : first === 'ellipsis'
            ? 'ellipsis'
            : typeof first === 'object'
              ? 'array'
              : 'int';
  // numpy gives a numpy scalar for a fully indexed array (a Python scalar here), but a 0-d array when the index has
  // `...` or an index array.
  if (rank === 0 && arrays.length === 0 && !items.includes('ellipsis') && c.flavor === 'numpy' && c.dtype !== undefined)
    return ok(id, scalarOf(c.dtype).type, [c, i], variant);
  return ok(id, T.ndarray(c.dtype, rank, c.flavor), [c, i], variant);
}

defineOp({
  id: 'builtins.Ellipsis',
  summary: '`...` (Ellipsis) in an index: every axis the other indices do not name',
  resolve: (args) =>
    args.length === 0 ? ok('builtins.Ellipsis', ELLIPSIS, [], 'ellipsis') : { error: 'Ellipsis is not callable' },
  tests: [{ params: { a: NP }, expr: 'a[..., None]', samples: [[F2x3], [F3]] }],
});

defineOp({
  id: 'ndarray.__getitem__',
  summary:
    'a[i], a[lo:hi:step], a[None], and tuples of them (a[:, 1], a[1:3, ::-1]); negative indices; IndexError when out of range',
  resolve: (args) => getitemResolve('ndarray.__getitem__', args),
  tests: [
    {
      params: { a: NP, i: 'int' },
      expr: 'a[i]',
      samples: [
        [F2x3, 0],
        [F2x3, -1],
        [F2x3, 2],
        [F3, 1],
      ],
    },
    { params: { a: NP }, expr: 'a[:, 1]', samples: [[F2x3], [I2x3]] },
    { params: { a: NP }, expr: 'a[None, :]', samples: [[F2x3], [F3]] },
    {
      params: { a: NP },
      expr: 'a[1:3, ::-1]',
      samples: [[nd('int64', [4, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])]],
    },
    { params: { a: NP }, expr: 'a[::-2]', samples: [[nd('float64', [5], [1, 2, 3, 4, 5])], [F2x3]] },
    {
      params: { a: NP, i: 'int', j: 'int' },
      expr: 'a[i, j]',
      samples: [
        [I2x3, 1, -1],
        [I2x3, 0, 3],
      ],
    },
    { params: { a: NP }, expr: 'a[:, np.newaxis, 0]', samples: [[F2x3]] },
    { params: { a: NP }, expr: 'a.reshape(2, 3)[1, 2]', samples: [[nd('float64', [6], [1, 2, 3, 4, 5, 6])]] },
    { params: { a: NP }, expr: 'a[..., 1]', samples: [[F2x3]] },
    { params: { a: NP }, expr: 'a[0, ..., None]', samples: [[F2x3]] },
    {
      params: { a: NP, i: NP, j: NP },
      expr: 'a[i, j]',
      samples: [
        [F2x3, nd('int64', [2], [0, 1]), nd('int64', [2], [2, -1])],
        [F2x3, nd('int64', [2, 2], [0, 1, 1, 0]), nd('int64', [1], [1])],
        [F2x3, nd('int64', [2], [0, 2]), nd('int64', [2], [0, 1])],
        [F2x3, nd('int64', [3], [0, 1, 1]), nd('int64', [2], [0, 1])],
      ],
    },
    {
      params: { a: NP, i: NP },
      expr: 'a[i]',
      samples: [
        [F2x3, nd('int64', [3], [1, 0, 1])],
        [F3, nd('int64', [2, 2], [2, 0, -1, 1])],
      ],
    },
    { params: { a: NP, i: NP }, expr: 'a[:, i]', samples: [[F2x3, nd('int64', [2], [2, 0])]] },
    {
      params: { a: NP, i: NP },
      expr: 'a[i, 1:]',
      samples: [[nd('float32', [2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), nd('int64', [3], [1, 1, 0])]],
    },
    {
      params: { a: NP, i: NP },
      expr: 'a[i, :, 0]',
      samples: [[nd('float32', [2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), nd('int64', [2], [1, 0])]],
    },
  ],
});

defineOp({
  id: 'numpy.newaxis',
  summary: 'np.newaxis (None) in an index',
  resolve: (args) =>
    args.length === 0 ? ok('numpy.newaxis', T.none, [], 'none') : { error: 'np.newaxis is not callable' },
  tests: [{ params: { a: NP }, expr: 'a[np.newaxis]', samples: [[F3]] }],
});

// ---- Builtins on arrays ------------------------------------------------------------------------

extendOp('builtins.len', {
  summary: 'arrays: the length of the first axis',
  resolve: (args) =>
    isArr(args[0]) && args.length === 1 ? ok('builtins.len', T.int, [args[0]], 'ndarray') : undefined,
  tests: [{ params: { a: NP }, expr: 'len(a)', samples: [[F2x3], [F3]] }],
});
extendOp('builtins.float', {
  summary: 'arrays: a 0-d array to float',
  resolve: (args) =>
    isArr(args[0]) && args.length === 1 ? ok('builtins.float', T.float, [args[0]], 'ndarray') : undefined,
  tests: [
    {
      params: { a: NP, i: 'int' },
      expr: 'float(a[i])',
      samples: [
        [F3, 1],
        [I3, 0],
      ],
    },
    { params: { a: NP }, expr: 'float(a)', samples: [[F3]] },
  ],
});
extendOp('builtins.int', {
  summary: 'arrays: a 0-d array to int',
  resolve: (args) =>
    isArr(args[0]) && args.length === 1 ? ok('builtins.int', T.int, [args[0]], 'ndarray') : undefined,
  tests: [
    {
      params: { a: NP, i: 'int' },
      expr: 'int(a[i])',
      samples: [
        [I3, 2],
        [F3, 2],
      ],
    },
  ],
});
extendOp('builtins.bool', {
  summary: 'arrays: truth of a one-element array; ValueError otherwise',
  resolve: (args) =>
    isArr(args[0]) && args.length === 1 ? ok('builtins.bool', T.bool, [args[0]], 'ndarray') : undefined,
  tests: [{ params: { a: NP }, expr: 'bool(a)', samples: [[nd('float64', [1], [0.0])], [F3]] }],
});
extendOp('builtins.abs', {
  summary: 'arrays: elementwise absolute value',
  resolve: (args) => (isArr(args[0]) ? ok('builtins.abs', args[0], [args[0]], 'ndarray') : undefined),
  tests: [{ params: { a: NP }, expr: 'abs(a)', samples: [[F2x3], [I3]] }],
});

// ---- Attributes --------------------------------------------------------------------------------

/** `a.shape`: a tuple of ints when the rank is static, else a list of ints. */
export function shapeResult(a: Arr): Type {
  if (a.rank === undefined) return T.list(T.int);
  return T.tuple(Array.from({ length: a.rank }, () => T.int));
}

defineOp({
  id: 'ndarray.shape',
  summary: 'a.shape: a tuple of ints (a list when the rank is not static)',
  resolve: (args) => {
    if (!isArr(args[0]) || args.length !== 1) return { error: '`shape` is an attribute' };
    return ok('ndarray.shape', shapeResult(args[0]), [args[0]], 'shape');
  },
  tests: [
    { params: { a: NP }, expr: 'a.shape', samples: [[F2x3], [F3]] },
    { params: { a: NP }, expr: 'a.reshape(3, 2).shape', samples: [[F2x3]] },
  ],
});
defineOp({
  id: 'ndarray.ndim',
  summary: 'a.ndim',
  resolve: (args) => (isArr(args[0]) ? ok('ndarray.ndim', T.int, [args[0]], 'ndim') : { error: 'expected an array' }),
  tests: [{ params: { a: NP }, expr: 'a.ndim', samples: [[F2x3], [F3]] }],
});
defineOp({
  id: 'ndarray.size',
  summary: 'a.size: the number of elements',
  resolve: (args) =>
    isArr(args[0]) && args.length === 1
      ? ok('ndarray.size', T.int, [args[0]], 'size')
      : { error: '`size` is an attribute on numpy arrays' },
  tests: [{ params: { a: NP }, expr: 'a.size', samples: [[F2x3]] }],
});
defineOp({
  id: 'ndarray.T',
  summary: 'a.T: the transpose (axes reversed)',
  resolve: (args) =>
    isArr(args[0]) ? ok('ndarray.T', args[0], [args[0]], 'transpose') : { error: 'expected an array' },
  tests: [{ params: { a: NP }, expr: 'a.T', samples: [[F2x3], [F3]] }],
});

// ---- Methods -----------------------------------------------------------------------------------

function method(
  name: string,
  summary: string,
  names: string[],
  body: (b: Map<string, Bound>, a: Arr) => ResolveResult,
  tests: OpTest[],
): void {
  const id = `ndarray.${name}`;
  defineOp({
    id,
    summary,
    tests,
    resolve: (args, kw, consts, kwConsts) => {
      const a = args[0];
      if (!isArr(a)) return { error: `\`${name}\` is an array method` };
      const b = bindArgs(id, names, args.slice(1), kw, consts?.slice(1), kwConsts);
      if (err(b)) return b;
      // Shift positional arguments by one: the receiver is argument 0.
      for (const x of b.values()) x.at = shiftAt(x.at);
      const r = body(b, a);
      if ('error' in r) return r;
      return { ...r, entry: id, params: [a, ...args.slice(1)] };
    },
  });
}

/** A reduction (`sum`, `mean`, `max`, `min`, `argmax`, `argmin`) on an array. */
export function reduceResolve(
  op: string,
  a: Arr,
  axisB: Bound | undefined,
  keepB: Bound | undefined,
  array: ArrayArg['detail'],
  fl: Flavor,
): ResolveResult {
  const axis = axisArg(axisB);
  if (err(axis)) return axis;
  const keep = flagArg(keepB, 'keepdims');
  if (err(keep)) return keep;
  const detail = { ...array, axis, keep };
  let dtype: Dtype | undefined = a.dtype;
  if (op === 'Sum' && dtype !== undefined) dtype = sumDtype(dtype, fl);
  if (op === 'Mean' && dtype !== undefined && kindOf(dtype) < 2) dtype = 'float64';
  if (op === 'ArgMax' || op === 'ArgMin') dtype = 'int64';
  const keepConst = !keepB ? false : keepB.c?.kind === 'bool' ? keepB.c.value : undefined;
  if (axis === 'none' && keepConst === false && fl === 'numpy' && (op === 'Mean' || dtype !== undefined)) {
    // The whole array: numpy gives a numpy scalar, a Python scalar here. (With a dynamic
    // dtype the result stays a 0-d array, which converts and encodes as its scalar.)
    const s = scalarOf(op === 'Mean' && dtype === undefined ? 'float64' : dtype);
    return ok('', s.type, [], 'reduce', detail);
  }
  let rank: number | undefined;
  if (axis === 'none' && keepConst === false) rank = 0;
  else if (a.rank === undefined || keepConst === undefined) rank = undefined;
  else rank = keepConst ? a.rank : a.rank - 1;
  return ok('', T.ndarray(dtype, rank, fl), [], 'reduce', detail);
}

const REDUCTIONS: [string, string][] = [
  ['sum', 'Sum'],
  ['mean', 'Mean'],
  ['max', 'Max'],
  ['min', 'Min'],
  ['argmax', 'ArgMax'],
  ['argmin', 'ArgMin'],
];

for (const [name, op] of REDUCTIONS) {
  const arg = name.startsWith('arg');
  const names = arg ? ['axis', 'keepdims'] : ['axis', 'keepdims'];
  const samplesA = [[F2x3], [I2x3]];
  method(
    name,
    `a.${name}(axis=None, keepdims=False)`,
    names,
    (b, a) => reduceResolve(op, a, b.get('axis'), b.get('keepdims'), { a: '0', convert: false }, 'numpy'),
    [
      { params: { a: NP }, expr: `a.${name}()`, samples: [...samplesA, [B3]] },
      { params: { a: NP }, expr: `a.${name}(axis=1)`, samples: samplesA },
      { params: { a: NP }, expr: `a.${name}(0, keepdims=True)`, samples: samplesA },
      { params: { a: NP }, expr: `a.${name}(axis=-1)`, samples: [[F32_2x3]] },
    ],
  );
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(a, axis=None, keepdims=False); a may be a list`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.${name}`, ['a', 'axis', 'keepdims'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const a = asArray(b.get('a')!);
      if (err(a)) return a;
      const r = reduceResolve(op, a.t, b.get('axis'), b.get('keepdims'), a.detail, 'numpy');
      return 'error' in r ? r : { ...r, entry: `numpy.${name}`, params: args };
    },
    tests: [
      { params: { a: NP }, expr: `np.${name}(a)`, samples: samplesA },
      { params: { a: NP }, expr: `np.${name}(a, axis=0)`, samples: [...samplesA, [nd('float64', [0, 2], [])]] },
      {
        params: { xs: 'list[float]' },
        expr: `np.${name}(xs)`,
        samples: [[[1.5, -2.0, 3.25]], ...(name === 'mean' || name === 'sum' ? [] : [[[]]])],
      },
      { params: { a: NP }, expr: `np.${name}(a, axis=-1, keepdims=True)`, samples: [[F3]] },
    ],
  });
}

method(
  'argsort',
  "a.argsort(axis=-1, kind=None): a stable sort's indices",
  ['axis', 'kind'],
  (b, a) => {
    const ax = b.get('axis');
    const axis = ax === undefined ? 'default' : axisArg(ax);
    if (err(axis)) return axis;
    return ok('', T.ndarray('int64', axis === 'none' ? 1 : a.rank, a.flavor), [], 'argsort', {
      a: '0',
      convert: false,
      axis,
    });
  },
  [
    { params: { a: NP }, expr: 'a.argsort()', samples: [[F2x3], [I3]] },
    { params: { a: NP }, expr: 'a.argsort(axis=0)', samples: [[F2x3]] },
  ],
);

defineOp({
  id: 'numpy.argsort',
  summary: "np.argsort(a, axis=-1): a stable sort's indices (NaN last)",
  resolve: (args, kw, consts, kwConsts) => {
    // Every kind gives a stable sort here: numpy's default quicksort agrees except on the order of ties in long rows.
    const b = bindArgs('np.argsort', ['a', 'axis', 'kind'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = asArray(b.get('a')!);
    if (err(a)) return a;
    const ax = b.get('axis');
    const axis = ax === undefined ? 'default' : axisArg(ax);
    if (err(axis)) return axis;
    return ok('numpy.argsort', T.ndarray('int64', axis === 'none' ? 1 : a.t.rank), args, 'argsort', {
      ...a.detail,
      axis,
    });
  },
  tests: [
    { params: { a: NP }, expr: 'np.argsort(a)', samples: [[F2x3], [nd('float64', [5], [3, 1, 2, 1, 0])]] },
    { params: { a: NP }, expr: 'np.argsort(-a)[:2]', samples: [[nd('float64', [4], [0.1, 0.9, 0.5, 0.7])]] },
    { params: { a: NP }, expr: 'np.argsort(a, axis=None)', samples: [[F2x3]] },
    {
      params: { xs: 'list[float]' },
      expr: 'np.argsort(xs)',
      samples: [[[2.0, 1.0, 3.0]]],
      deviation:
        "numpy's default kind (quicksort) may put equal keys either way round, by its SIMD kernel on AVX-512 machines; Ingot keeps them in index order, as kind='stable' does",
    },
  ],
});

method(
  'reshape',
  'a.reshape(shape) with at most one -1',
  ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
  (b, a) => {
    const s = shapeArg([...b.values()]);
    if (err(s)) return s;
    return ok('', T.ndarray(a.dtype, s.rank, a.flavor), [], 'reshape', { a: '0', convert: false, ...s.detail });
  },
  [
    { params: { a: NP }, expr: 'a.reshape(3, 2)', samples: [[F2x3], [F3]] },
    {
      params: { a: NP },
      expr: 'a.reshape(1, 2, 1, 3, 1).swapaxes(1, 3).reshape(-1, 2).tolist()',
      samples: [[F2x3]],
    },
    { params: { a: NP }, expr: 'a.reshape((-1,))', samples: [[F2x3]] },
    { params: { a: NP }, expr: 'a.reshape(-1, 2)', samples: [[I2x3]] },
  ],
);

defineOp({
  id: 'numpy.reshape',
  summary: 'np.reshape(a, shape)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.reshape', ['a', 'shape'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = asArray(b.get('a')!);
    if (err(a)) return a;
    if (!b.get('shape')) return { error: 'np.reshape needs a shape' };
    const s = shapeArg([b.get('shape')!]);
    if (err(s)) return s;
    return ok('numpy.reshape', T.ndarray(a.t.dtype, s.rank, a.t.flavor), args, 'reshape', {
      ...a.detail,
      ...s.detail,
    });
  },
  tests: [{ params: { a: NP }, expr: 'np.reshape(a, (3, -1))', samples: [[F2x3]] }],
});

method(
  'transpose',
  'a.transpose() or a.transpose(axes)',
  ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
  (b, a) => {
    const bs = [...b.values()];
    if (bs.length === 0) return ok('', a, [], 'transpose', { a: '0', convert: false });
    const s = shapeArg(bs);
    if (err(s)) return s;
    return ok('', a, [], 'transpose', { a: '0', convert: false, ...s.detail });
  },
  [
    { params: { a: NP }, expr: 'a.transpose()', samples: [[F2x3]] },
    { params: { a: NP }, expr: 'a.reshape(1, 2, 3).transpose(2, 0, 1)', samples: [[F2x3]] },
  ],
);

defineOp({
  id: 'numpy.transpose',
  summary: 'np.transpose(a, axes=None)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.transpose', ['a', 'axes'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = asArray(b.get('a')!);
    if (err(a)) return a;
    const axes = b.get('axes');
    if (!axes || axes.t.kind === 'none') return ok('numpy.transpose', a.t, args, 'transpose', a.detail);
    const s = shapeArg([axes]);
    if (err(s)) return s;
    return ok('numpy.transpose', a.t, args, 'transpose', { ...a.detail, ...s.detail });
  },
  tests: [{ params: { a: NP }, expr: 'np.transpose(a)', samples: [[F2x3]] }],
});

method(
  'astype',
  'a.astype(np.float32 | np.float64 | np.int64 | np.bool_ | "float32" ...)',
  ['dtype'],
  (b, a) => {
    const d = dtypeArg(b.get('dtype'));
    if (err(d)) return d;
    if (!d) return { error: 'astype needs a dtype' };
    return ok('', T.ndarray(d, a.rank, a.flavor), [], 'astype');
  },
  [
    { params: { a: NP }, expr: 'a.astype(np.float32)', samples: [[F2x3], [I3]] },
    { params: { a: NP }, expr: 'a.astype(np.int64)', samples: [[F2x3]] },
    { params: { a: NP }, expr: 'a.astype("bool")', samples: [[F2x3]] },
    { params: { a: NP }, expr: 'a.astype(np.float64)', samples: [[B3]] },
  ],
);

/** `.tolist()`: needs a static dtype and rank for its Python type. */
export function tolistResolve(id: string, a: Arr): ResolveResult {
  // Without a static dtype and rank the nested lists are a dynamic value, checked where a type is declared.
  if (a.dtype === undefined || a.rank === undefined) return ok(id, T.dynamic, [a], 'value');
  let t: Type = pyScalarOf(a.dtype).type;
  for (let k = 0; k < a.rank; k++) t = T.list(t);
  return ok(id, t, [a], 'lists');
}

method('tolist', 'a.tolist(): nested lists (the dtype and rank must be static)', [], (_b, a) => tolistResolve('', a), [
  {
    params: { a: 'NDArray[np.float64]' },
    expr: 'a.reshape(-1).tolist()',
    samples: [[F2x3]],
    imports: ['from numpy.typing import NDArray'],
  },
  {
    params: { a: 'NDArray[np.int64]' },
    expr: 'a.reshape(2, -1).tolist()',
    samples: [[I2x3]],
    imports: ['from numpy.typing import NDArray'],
  },
  {
    params: { xs: 'list[list[float]]' },
    expr: 'np.array(xs).T.tolist()',
    samples: [
      [
        [
          [1.0, 2.0],
          [3.0, 4.0],
        ],
      ],
    ],
  },
]);

method(
  'item',
  'a.item(): the one element as a Python scalar; ValueError otherwise',
  [],
  (_b, a) => {
    return ok('', pyScalarOf(a.dtype).type, [], 'item');
  },
  [
    { params: { a: NP }, expr: 'a.item()', samples: [[nd('float64', [1, 1], [2.5])], [F3]] },
    {
      params: { a: 'NDArray[np.int64]' },
      expr: 'a[1].item()',
      samples: [[I3]],
      imports: ['from numpy.typing import NDArray'],
    },
  ],
);

method('copy', 'a.copy()', [], (_b, a) => ok('', a, [], 'copy'), [
  { params: { a: NP }, expr: 'a.copy()', samples: [[F3]] },
]);
method('flatten', 'a.flatten(): a 1-d copy', [], (_b, a) => ok('', T.ndarray(a.dtype, 1, a.flavor), [], 'flatten'), [
  { params: { a: NP }, expr: 'a.flatten()', samples: [[F2x3]] },
]);

// ---- Elementwise functions ---------------------------------------------------------------------

/** The elementwise functions: numpy's name, the ingot-tensor operation, and the method of a Python float. */
const UNARY_FUNCTIONS = [
  ['exp', 'Exp', 'exp'],
  ['log', 'Log', 'ln'],
  ['sqrt', 'Sqrt', 'sqrt'],
  ['tanh', 'Tanh', 'tanh'],
  ['abs', 'Abs', 'abs'],
] as const;
for (const [name] of UNARY_FUNCTIONS) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(a), elementwise; ints give float64${name === 'abs' ? ' (abs keeps ints)' : ''}`,
    resolve: (args) => {
      if (args.length !== 1) return { error: `np.${name} takes one argument here` };
      const x = args[0]!;
      if (isScalar(x)) {
        if (name === 'abs') return ok(`numpy.${name}`, x.kind === 'bool' ? T.bool : x, [x], x.kind);
        return ok(`numpy.${name}`, T.float, [T.float], 'float');
      }
      const a = asArray({ t: x, at: '0' });
      if (err(a)) return a;
      const d = a.t.dtype;
      const dtype = name === 'abs' ? d : d === undefined ? undefined : floatFor(d, a.t.flavor);
      return ok(`numpy.${name}`, T.ndarray(dtype, a.t.rank, a.t.flavor), [x], 'ndarray', a.detail);
    },
    tests: [
      {
        params: { a: NP },
        expr: `np.${name}(a)`,
        samples:
          name === 'log' || name === 'sqrt'
            ? [[nd('float64', [2, 2], [1, 2.5, 0, -1])], [F32_2x3], [I3]]
            : [[F2x3], [F32_2x3], [I3]],
      },
      { params: { x: 'float' }, expr: `np.${name}(x)`, samples: [[0.5], [2.0]] },
    ],
  });
}

defineOp({
  id: 'numpy.where',
  summary: 'np.where(cond, x, y): elementwise choice with broadcasting',
  resolve: (args) => {
    if (args.length !== 3) return { error: 'np.where takes three arguments here (np.where(cond) is not supported)' };
    const [c, x, y] = args as [Type, Type, Type];
    for (const t of args)
      if (!isArr(t) && !isScalar(t)) return { error: `np.where needs arrays or scalars, not ${typeToString(t)}` };
    if (!isArr(c) && !isArr(x) && !isArr(y)) return { error: 'np.where needs at least one array' };
    const fl = flavorOf(c, x, y);
    return ok('numpy.where', T.ndarray(promote(x, y, fl), bcastRank(c, x, y), fl), args, 'where');
  },
  tests: [
    { params: { a: NP }, expr: 'np.where(a > 0, a, 0.0)', samples: [[F2x3], [F32_2x3]] },
    { params: { a: NP, b: NP }, expr: 'np.where(a > 1, a, b)', samples: [[I2x3, F3]] },
  ],
});

defineOp({
  id: 'numpy.clip',
  summary: 'np.clip(a, lo, hi); either bound may be None',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.clip', ['a', 'a_min', 'a_max'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = asArray(b.get('a')!);
    if (err(a)) return a;
    return clipResolve('numpy.clip', a.t, b.get('a_min'), b.get('a_max'), a.detail, 'numpy', args);
  },
  tests: [
    { params: { a: NP }, expr: 'np.clip(a, -1.0, 2.0)', samples: [[F2x3], [F32_2x3]] },
    { params: { a: NP }, expr: 'np.clip(a, 0, None)', samples: [[I2x3], [F2x3]] },
    { params: { a: NP, b: NP }, expr: 'np.clip(a, b, 3.0)', samples: [[F2x3, F3]] },
  ],
});

/** np.clip / torch.clamp; `array` is where the array was passed (and whether it is converted). */
export function clipResolve(
  id: string,
  a: Arr,
  lo: Bound | undefined,
  hi: Bound | undefined,
  array: ArrayArg['detail'],
  fl: Flavor,
  params: Type[],
): ResolveResult {
  // Each bound: where it was passed, or undefined for None or absent.
  const bound = (x: Bound | undefined): At | undefined | { error: string } => {
    if (!x || x.t.kind === 'none') return undefined;
    if (isArr(x.t) || isScalar(x.t)) return x.at;
    return { error: `a bound must be a number, an array or None, not ${typeToString(x.t)}` };
  };
  const l = bound(lo);
  const h = bound(hi);
  if (err(l)) return l;
  if (err(h)) return h;
  if (l === undefined && h === undefined) return { error: 'one of the bounds must be given' };
  let dtype: Dtype | undefined = a.dtype;
  let t: Type = a;
  for (const x of [lo, hi]) {
    if (!x || x.t.kind === 'none') continue;
    dtype = promote(t, x.t, fl);
    t = T.ndarray(dtype, bcastRank(t, x.t), fl);
  }
  return ok(
    id,
    T.ndarray(dtype, bcastRank(a, ...[lo, hi].filter((x) => x && x.t.kind !== 'none').map((x) => x!.t)), fl),
    params,
    'clip',
    { ...array, lo: l, hi: h },
  );
}

const BINARY_FUNCTIONS = [
  ['maximum', 'Maximum'],
  ['minimum', 'Minimum'],
] as const;
for (const [name, op] of BINARY_FUNCTIONS) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(a, b): elementwise, with broadcasting`,
    resolve: (args) =>
      arrayBinary(`numpy.${name}`, op, args[0], args[1]) ?? { error: `np.${name} needs an array argument` },
    tests: [
      { params: { a: NP, b: NP }, expr: `np.${name}(a, b)`, samples: [[F2x3, F3]] },
      { params: { a: NP }, expr: `np.${name}(a, 0.0)`, samples: [[F32_2x3], [I3]] },
    ],
  });
}

defineOp({
  id: 'numpy.matmul',
  summary: 'np.matmul(a, b)',
  resolve: (args) => matmulResolve('numpy.matmul', args[0], args[1]),
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'np.matmul(a, b)',
      samples: [
        [F2x3, nd('float64', [3, 2], [1, 2, 3, 4, 5, 6])],
        [F2x3, nd('float64', [2, 2], [1, 2, 3, 4])],
      ],
    },
  ],
});

defineOp({
  id: 'numpy.dot',
  summary: 'np.dot(a, b) for 1-d and 2-d arrays (as matmul)',
  resolve: (args) => {
    const [a, b] = args;
    if (isArr(a) && isArr(b) && ((a.rank ?? 0) > 2 || (b.rank ?? 0) > 2))
      return { error: 'np.dot of arrays of rank above 2 is not supported; use np.matmul' };
    return matmulResolve('numpy.dot', a, b);
  },
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'np.dot(a, b)',
      samples: [
        [F3, F3],
        [F2x3, F3],
      ],
    },
  ],
});

/** A list or tuple of arrays: where it was passed (`arrays`), and for a tuple its length (`tuple`). */
export function arrayList(b: Bound): { detail: { arrays: At; tuple?: number }; item: Arr } | { error: string } {
  if (b.t.kind === 'list' && isArr(b.t.item)) return { detail: { arrays: b.at }, item: b.t.item };
  if (b.t.kind === 'tuple' && b.t.items.length > 0 && b.t.items.every(isArr)) {
    const items = b.t.items as Arr[];
    let item: Arr = items[0]!;
    for (const x of items.slice(1))
      item = T.ndarray(
        promoteArrays(item.dtype, x.dtype, 'numpy'),
        item.rank === x.rank ? item.rank : undefined,
        item.flavor,
      ) as Arr;
    return { detail: { arrays: b.at, tuple: items.length }, item };
  }
  return { error: `expected a list or tuple of arrays, got ${typeToString(b.t)}` };
}

defineOp({
  id: 'numpy.concatenate',
  summary: 'np.concatenate(arrays, axis=0); axis=None flattens',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.concatenate', ['arrays', 'axis'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const l = arrayList(b.get('arrays')!);
    if (err(l)) return l;
    const ax = b.get('axis');
    const axis = ax === undefined ? 'default' : axisArg(ax);
    if (err(axis)) return axis;
    return ok('numpy.concatenate', T.ndarray(l.item.dtype, axis === 'none' ? 1 : l.item.rank), args, 'concatenate', {
      ...l.detail,
      axis,
    });
  },
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'np.concatenate([a, b])',
      samples: [
        [F2x3, F2x3],
        [F3, I3],
        [F2x3, F3],
      ],
    },
    {
      params: { a: NP, b: NP },
      expr: 'np.concatenate((a, b), axis=1)',
      samples: [[F2x3, nd('float64', [2, 1], [7, 8])]],
    },
  ],
});

defineOp({
  id: 'numpy.stack',
  summary: 'np.stack(arrays, axis=0): all shapes equal',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.stack', ['arrays', 'axis'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const l = arrayList(b.get('arrays')!);
    if (err(l)) return l;
    const ax = b.get('axis');
    if (ax && ax.t.kind !== 'int') return { error: 'axis must be an int' };
    return ok(
      'numpy.stack',
      T.ndarray(l.item.dtype, l.item.rank === undefined ? undefined : l.item.rank + 1),
      args,
      'stack',
      { ...l.detail, axis: ax?.at },
    );
  },
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'np.stack([a, b])',
      samples: [
        [F3, F3],
        [F3, F2x3],
      ],
    },
    { params: { a: NP, b: NP }, expr: 'np.stack([a, b], axis=1)', samples: [[F3, I3]] },
  ],
});

defineOp({
  id: 'numpy.expand_dims',
  summary: 'np.expand_dims(a, axis)',
  resolve: (args) => {
    const [a, ax] = args;
    if (!isArr(a) || ax?.kind !== 'int') return { error: 'np.expand_dims(a, axis) takes an array and an int' };
    return ok(
      'numpy.expand_dims',
      T.ndarray(a.dtype, a.rank === undefined ? undefined : a.rank + 1, a.flavor),
      args,
      'expand_dims',
    );
  },
  tests: [{ params: { a: NP }, expr: 'np.expand_dims(a, -1)', samples: [[F2x3]] }],
});

defineOp({
  id: 'numpy.linalg.norm',
  summary: 'np.linalg.norm(a, axis=None, keepdims=False): the 2-norm (Frobenius with no axis)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.linalg.norm', ['x', 'ord', 'axis', 'keepdims'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const ord = b.get('ord');
    // Any other order: vector norms of every p, and the matrix norms that need no SVD (`nd::norm_ord`).
    let ordCode: { ord: string; fro: boolean } | undefined;
    if (ord && ord.t.kind !== 'none') {
      const two = ord.c && (ord.c.kind === 'int' || ord.c.kind === 'float') && Number(ord.c.value) === 2;
      if (ord.t.kind === 'str') {
        if (ord.c?.kind !== 'str' || (ord.c.value !== 'fro' && ord.c.value !== 'nuc'))
          return { error: "np.linalg.norm takes ord='fro' or 'nuc' as a literal string" };
        if (ord.c.value === 'nuc')
          return { error: "np.linalg.norm(ord='nuc') needs a singular value decomposition, which is not supported" };
        ordCode = { ord: 'f64::NAN', fro: true };
      } else if (ord.t.kind === 'int') ordCode = { ord: `(${own(ord.at)} as f64)`, fro: false };
      else if (ord.t.kind === 'float') ordCode = { ord: own(ord.at), fro: false };
      else return { error: `np.linalg.norm takes a number or 'fro' for ord, not ${typeToString(ord.t)}` };
      const at = b.get('x')!.t;
      const axisGiven = b.get('axis') && b.get('axis')!.t.kind !== 'none';
      const rank2 = isArr(at) && at.rank === 2 && !axisGiven;
      if (rank2 && ord.c && (ord.c.kind === 'int' || ord.c.kind === 'float') && Math.abs(Number(ord.c.value)) === 2)
        return {
          error:
            'np.linalg.norm of a matrix with ord=2 or -2 needs a singular value decomposition, which is not supported',
        };
      // The 2-norm of a vector is the default path; of a matrix it is the spectral norm (an SVD).
      if (two && (axisGiven || (isArr(at) && at.rank === 1))) ordCode = undefined;
    }
    const a = asArray(b.get('x')!);
    if (err(a)) return a;
    const axis = axisArg(b.get('axis'));
    if (err(axis)) return axis;
    const keep = flagArg(b.get('keepdims'), 'keepdims');
    if (err(keep)) return keep;
    const detail = { ...a.detail, axis, keep, ...(ordCode && { ord: ordCode.ord, fro: ordCode.fro }) };
    const variant = ordCode ? 'norm_ord' : 'norm';
    const dtype = a.t.dtype === undefined ? undefined : kindOf(a.t.dtype) < 2 ? 'float64' : a.t.dtype;
    if (axis === 'none' && keep === undefined) return ok('numpy.linalg.norm', T.float, args, variant, detail);
    const kb = b.get('keepdims');
    const keepTrue = kb?.c?.kind === 'bool' && kb.c.value;
    const rank =
      a.t.rank === undefined || (kb && !kb.c) ? undefined : keepTrue ? a.t.rank : axis === 'none' ? 0 : a.t.rank - 1;
    const ordRank = keepTrue ? a.t.rank : axis === 'none' && a.t.rank === 1 ? 0 : rank;
    return ok('numpy.linalg.norm', T.ndarray(dtype, ordCode ? ordRank : rank, a.t.flavor), args, variant, detail);
  },
  tests: [
    { params: { a: NP }, expr: 'np.linalg.norm(a)', samples: [[F2x3], [I3]] },
    { params: { a: NP }, expr: 'np.linalg.norm(a, axis=1, keepdims=True)', samples: [[F2x3], [F32_2x3]] },
    { params: { a: NP }, expr: 'np.linalg.norm(a, axis=0)', samples: [[F2x3]] },
    {
      params: { a: NP },
      expr: 'np.linalg.norm(a, ord=1, axis=1), np.linalg.norm(a, np.inf, axis=-1), np.linalg.norm(a, -np.inf, axis=0), np.linalg.norm(a, 0, axis=1), np.linalg.norm(a, 3, axis=1, keepdims=True), np.linalg.norm(a, 0.5, axis=0)',
      samples: [[F2x3], [F32_2x3], [nd('int64', [2, 2], [3, -4, 0, 0])], [nd('float64', [2, 0], [])]],
    },
    {
      params: { a: NP },
      expr: "np.linalg.norm(a, 'fro'), np.linalg.norm(a, 1), np.linalg.norm(a, -1), np.linalg.norm(a, np.inf), np.linalg.norm(a, -np.inf), np.linalg.norm(a, 'fro', keepdims=True)",
      samples: [[F2x3], [nd('int64', [2, 2], [3, -4, 0, 1])], [nd('float64', [0, 2], [])], [nd('float64', [2, 0], [])]],
    },
    {
      params: { v: NP, p: 'float' },
      expr: 'np.linalg.norm(v, ord=p)',
      samples: [
        [F3, 1.0],
        [F3, 3.0],
        [F3, { float: 'inf' }],
        [F3, -1.5],
        [F2x3, 3.0],
        [nd('float64', [2, 2, 1], [1, 2, 3, 4]), 1.0],
      ],
    },
    { params: { v: NP }, expr: "np.linalg.norm(v, 'fro')", samples: [[F3]] },
    { params: { v: NP }, expr: 'np.linalg.norm(v, ord=2, axis=0)', samples: [[F2x3]] },
  ],
});

// ---- Construction ------------------------------------------------------------------------------

defineOp({
  id: 'numpy.array',
  summary: 'np.array(x, dtype=None) from a (nested) list of numbers, a list of arrays, or an array',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.array', ['object', 'dtype'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const x = b.get('object');
    if (!x) return { error: 'np.array needs an argument' };
    const d = dtypeArg(b.get('dtype'));
    if (err(d)) return d;
    const at = isArr(x.t) ? x.t : (listArrayType(x.t) ?? (isScalar(x.t) ? asArray(x) : undefined));
    if (!at || err(at)) return { error: `np.array of ${typeToString(x.t)} is not supported` };
    const t = 't' in at ? at.t : at;
    return ok('numpy.array', T.ndarray(d ?? t.dtype, t.rank, 'numpy'), args, 'array', { object: x.at, dtype: d });
  },
  tests: [
    { params: { xs: 'list[float]' }, expr: 'np.array(xs)', samples: [[[1.5, 2.0]], [[]]] },
    {
      params: { xs: 'list[list[int]]' },
      expr: 'np.array(xs)',
      samples: [
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
        [[[1], [2, 3]]],
      ],
      deviation: 'an empty list keeps its static dtype (int64) where numpy makes it float64',
    },
    { params: { xs: 'list[float]' }, expr: 'np.array(xs, dtype=np.float32)', samples: [[[0.1, 0.2]]] },
    {
      params: { a: 'float', n: 'int' },
      expr: '(np.array((a, 0.25, 0.5)), np.array((n, 2)), np.array((n, a)), np.array((True, n)), np.asarray((a, a), dtype=np.float32) * 2, np.array(tuple([a, a])))',
      samples: [
        [0.125, 3],
        [-1.5, 0],
      ],
    },
    // Rows of pixels of channels: three levels of nesting, with numpy's shape check at each.
    {
      params: { px: 'list[list[list[int]]]' },
      expr: 'np.array(px, dtype=np.float32) / 255.0',
      samples: [
        [
          [
            [
              [255, 0, 0],
              [0, 128, 0],
            ],
          ],
        ],
        [[[[1, 2]], [[3, 4]]]],
        [[[[1, 2]], [[3]]]],
        [[]],
      ],
    },
    { params: { a: NP, b: NP }, expr: 'np.array([a, b])', samples: [[F3, F3]] },
    { params: { x: 'float' }, expr: 'np.array([x, 2 * x, 3.0]) * 2', samples: [[1.5]] },
  ],
});
defineOp({
  id: 'numpy.asarray',
  summary: 'np.asarray(x): as np.array',
  resolve: (args, kw, consts, kwConsts) => {
    const r = lookupArray(args, kw, consts, kwConsts);
    return 'error' in r ? r : { ...r, entry: 'numpy.asarray' };
  },
  tests: [{ params: { xs: 'list[float]' }, expr: 'np.asarray(xs)', samples: [[[1.0, 2.0]]] }],
});

function lookupArray(
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  consts?: readonly (ConstValue | undefined)[],
  kwConsts?: ReadonlyMap<string, ConstValue>,
): ResolveResult {
  const b = bindArgs('np.asarray', ['object', 'dtype'], args, kw, consts, kwConsts);
  if (err(b)) return b;
  const x = b.get('object');
  if (!x) return { error: 'np.asarray needs an argument' };
  const d = dtypeArg(b.get('dtype'));
  if (err(d)) return d;
  const t = isArr(x.t) ? x.t : listArrayType(x.t);
  if (!t) return { error: `np.asarray of ${typeToString(x.t)} is not supported` };
  return ok('numpy.asarray', T.ndarray(d ?? t.dtype, t.rank, t.flavor), args, 'array', { object: x.at, dtype: d });
}

defineOp({
  id: 'numpy.arange',
  summary: 'np.arange(stop), np.arange(start, stop[, step]): int64 for ints, float64 otherwise',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.arange', ['a0', 'a1', 'a2', 'dtype'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const nums = ['a0', 'a1', 'a2'].map((k) => b.get(k)).filter((x): x is Bound => x !== undefined);
    if (nums.length === 0 || nums.some((x) => x.t.kind !== 'int' && x.t.kind !== 'float'))
      return { error: 'np.arange takes 1 to 3 numbers' };
    const d = dtypeArg(b.get('dtype'));
    if (err(d)) return d;
    const ints = nums.every((x) => x.t.kind === 'int');
    const dtype: Dtype = d ?? (ints ? 'int64' : 'float64');
    // Ints count in int64, anything else in float64 (the ints among them converted); another dtype is a cast after.
    return ok('numpy.arange', T.ndarray(dtype, 1), args, ints ? 'ints' : 'floats', {
      numbers: nums.map((x) => x.at),
      ints: nums.filter((x) => x.t.kind === 'int').map((x) => x.at),
    });
  },
  tests: [
    { params: { n: 'int' }, expr: 'np.arange(n)', samples: [[5], [0], [-2]] },
    {
      params: { a: 'int', b: 'int', s: 'int' },
      expr: 'np.arange(a, b, s)',
      samples: [
        [0, 10, 3],
        [10, 0, -3],
        [0, 5, 0],
      ],
    },
    {
      params: { a: 'float', b: 'float' },
      expr: 'np.arange(a, b, 0.1)',
      samples: [
        [0.0, 1.0],
        [1.0, 0.0],
      ],
    },
    { params: { n: 'int' }, expr: 'np.arange(n, dtype=np.float32)', samples: [[3]] },
  ],
});

/** np.zeros and np.ones, and the value each fills with. */
const FILLED = [
  ['zeros', 0],
  ['ones', 1],
] as const;
for (const [name] of FILLED) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(shape, dtype=np.float64)`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.${name}`, ['shape', 'dtype'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (!b.get('shape')) return { error: `np.${name} needs a shape` };
      const s = shapeArg([b.get('shape')!]);
      if (err(s)) return s;
      const d = dtypeArg(b.get('dtype'));
      if (err(d)) return d;
      const dtype = d ?? 'float64';
      return ok(`numpy.${name}`, T.ndarray(dtype, s.rank), args, 'filled', s.detail);
    },
    tests: [
      { params: { n: 'int' }, expr: `np.${name}(n)`, samples: [[3], [0], [-1]] },
      { params: { n: 'int' }, expr: `np.${name}((n, 2), dtype=np.int64)`, samples: [[2]] },
    ],
  });
}

defineOp({
  id: 'numpy.full',
  summary: 'np.full(shape, fill_value, dtype=None): the dtype follows the fill value',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.full', ['shape', 'fill_value', 'dtype'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const sh = b.get('shape');
    const v = b.get('fill_value');
    if (!sh || !v) return { error: 'np.full needs a shape and a fill value' };
    const s = shapeArg([sh]);
    if (err(s)) return s;
    const d = dtypeArg(b.get('dtype'));
    if (err(d)) return d;
    if (!isScalar(v.t)) return { error: 'the fill value must be a number' };
    const dtype: Dtype = d ?? (v.t.kind === 'float' ? 'float64' : v.t.kind === 'int' ? 'int64' : 'bool');
    // The variant is the fill value's kind: int, bool or float.
    return ok('numpy.full', T.ndarray(dtype, s.rank), args, v.t.kind, { ...s.detail, fill: v.at });
  },
  tests: [
    { params: { n: 'int', x: 'float' }, expr: 'np.full((n, 2), x)', samples: [[2, 1.5]] },
    { params: { n: 'int' }, expr: 'np.full(n, 7)', samples: [[3]] },
    { params: { n: 'int' }, expr: 'np.full(n, -1.0, dtype=np.float32)', samples: [[2]] },
  ],
});

defineOp({
  id: 'numpy.linspace',
  summary: 'np.linspace(start, stop, num=50, endpoint=True) in float64',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.linspace', ['start', 'stop', 'num', 'endpoint'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const [s, e] = [b.get('start'), b.get('stop')];
    if (!s || !e || !isScalar(s.t) || !isScalar(e.t)) return { error: 'np.linspace needs numbers start and stop' };
    const num = b.get('num');
    if (num && num.t.kind !== 'int') return { error: 'num must be an int' };
    const ep = flagArg(b.get('endpoint'), 'endpoint');
    if (err(ep)) return ep;
    return ok('numpy.linspace', T.ndarray('float64', 1), args, 'linspace', {
      start: s.at,
      stop: e.at,
      // An int bound is converted to float.
      ints: [s, e].filter((x) => x.t.kind !== 'float').map((x) => x.at),
      num: num?.at,
      endpoint: ep,
    });
  },
  tests: [
    {
      params: { a: 'float', b: 'float', n: 'int' },
      expr: 'np.linspace(a, b, n)',
      samples: [
        [0.0, 1.0, 5],
        [1.0, -1.0, 1],
        [0.0, 1.0, 0],
      ],
    },
    { params: { n: 'int' }, expr: 'np.linspace(0, 1, num=n, endpoint=False)', samples: [[4]] },
  ],
});

// ---- dtypes as values --------------------------------------------------------------------------

/** The Rust type of each dtype as a value (`np.float32` passed as `dtype=`). */
const DTYPE_VALUE = Object.fromEntries(ALL_DTYPES.map((d) => [d, `nd::dtype::${DTYPE_VARIANT[d]}`])) as Record<
  Dtype,
  string
>;
const DTYPES: [string, Dtype][] = [
  ['float32', 'float32'],
  ['float64', 'float64'],
  ['int64', 'int64'],
  ['bool_', 'bool'],
  ['float16', 'float16'],
  ['half', 'float16'],
  ['int8', 'int8'],
  ['int16', 'int16'],
  ['int32', 'int32'],
  ['uint8', 'uint8'],
  ['uint16', 'uint16'],
  ['uint32', 'uint32'],
  ['uint64', 'uint64'],
];
for (const [name, d] of DTYPES) {
  const rustTy = DTYPE_VALUE[d];
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}: as a dtype argument, or np.${name}(x) converting a number`,
    resolve: (args) => {
      if (args.length === 0) return ok(`numpy.${name}`, T.opaque(`numpy.dtype[${d}]`, rustTy), [], 'dtype');
      const x = args[0]!;
      if (args.length !== 1) return { error: `np.${name}(x) takes one argument` };
      if (isArr(x)) return ok(`numpy.${name}`, T.ndarray(d, x.rank, x.flavor), [x], 'astype');
      if (!isScalar(x)) return { error: `np.${name}(x) needs a number` };
      // A narrow scalar is a 0-d array of its dtype; a Python int it cannot hold is numpy's OverflowError.
      if (isNarrow(d)) return ok(`numpy.${name}`, T.ndarray(d, 0), [x], 'scalar', { dtype: d });
      switch (d) {
        case 'float32':
        case 'float64':
          return ok(`numpy.${name}`, T.float, [T.float], 'number');
        case 'int64':
          return x.kind === 'float'
            ? ok(`numpy.${name}`, T.int, [x], 'float')
            : ok(`numpy.${name}`, T.int, [T.int], 'int');
        default:
          return ok(`numpy.${name}`, T.bool, [T.float], 'number');
      }
    },
    tests: [{ params: { x: 'float' }, expr: `np.${name}(x)`, samples: [[0.1], [2.75]] }, ...narrowTests(name, d)],
  });
}

/** Reference tests of a narrow dtype: range checks, wrap-around, casts, promotion, reductions and printing. */
function narrowTests(name: string, d: Dtype): OpTest[] {
  if (!isNarrow(d) || name === 'half') return [];
  // uint64 shares int64's storage: its values from 2**63 up (a negative result wrapped) are not
  // represented, so only its range checks and dtypes are tested.
  if (d === 'uint64')
    return [{ params: { x: 'int' }, expr: `repr(np.${name}(x))`, samples: [[0], [100], [-1], [70000]] }];
  const A = `np.array(a, dtype=np.${name})`;
  if (kindOf(d) === 2)
    return [
      {
        params: { x: 'float' },
        expr: `(repr(np.${name}(x)), str(np.${name}(x) + 0.2), repr(np.${name}(x) * 3))`,
        samples: [[0.1], [-2.75], [65504.0], [1e-8]],
      },
      {
        params: { a: 'list[float]' },
        expr: `((${A} * 3.3).tolist(), str((${A} + 1).dtype), str((${A} + np.array([1], dtype=np.int16)).dtype), (${A} / 3).tolist())`,
        samples: [[[0.1, 1.5, -7.25]], [[70000.0, 1e-5]], [[]]],
      },
      {
        params: { a: 'list[float]' },
        expr: `(repr(${A}.sum()), repr(${A}.mean()), repr(${A}.max()), ${A}.astype(np.uint8).tolist(), ${A}.tolist())`,
        samples: [[[0.1, 1.5, -7.25]], [[300.7, 2.0]]],
      },
    ];
  return [
    { params: { x: 'int' }, expr: `repr(np.${name}(x))`, samples: [[0], [100], [200], [300], [-1], [70000], [-129]] },
    {
      params: { a: 'list[int]', k: 'int' },
      expr: `((${A} * 3 + k).tolist(), (${A} - k).tolist(), (-${A}).tolist(), (${A} // 7).tolist(), (${A} % 7).tolist(), (${A} ** 2).tolist())`,
      samples: [
        [[1, 100, 120], 5],
        [[0, 127], 100],
        [[3, 4], 200],
        [[7], -3],
        [[], 1],
      ],
    },
    {
      params: { a: 'list[int]' },
      expr: `(str((${A} + np.array(a, dtype=np.int8)).dtype), str((${A} + np.array(a, dtype=np.uint8)).dtype), str((${A} * 1.5).dtype), str((${A} / 2).dtype), (${A} / 2).tolist(), str(np.sqrt(${A}).dtype), (${A} < 300).tolist(), (${A} == 7).tolist())`,
      samples: [[[1, 7, 100]]],
    },
    {
      params: { a: 'list[int]' },
      expr: `(str(${A}.sum()), repr(${A}.max()), repr(${A}.min()), str(${A}.mean()), ${A}.cumsum().tolist())`,
      samples: [[[1, 7, 100]], [[120, 127, 0, 5]]],
    },
    {
      params: { a: 'list[int]' },
      expr: `(str(${A}.cumsum().dtype), ${A}.itemsize, ${A}.nbytes, repr(${A}[0]), str(${A}[-1]))`,
      samples: [[[1, 7, 100]], [[120, 127, 0, 5]]],
    },
    {
      params: { xs: 'list[float]' },
      expr: `(np.clip(np.array(xs) * 255, 0, 255).astype(np.${name}).tolist(), np.array(xs).astype(np.${name}).tolist())`,
      samples: [[[0.0, 0.5, 1.0, 0.999]], [[-1.7, 300.5, 255.9, 2.5]], [[1e10, -1e10]]],
    },
  ];
}

// numpy's array printing (precision, alignment, summarisation) is not reproduced: say so at compile time.
for (const id of ['builtins.str', 'builtins.repr']) {
  extendOp(id, {
    summary: "not for arrays (numpy's print layout is not reproduced)",
    // A 0-d array or one of unknown rank may be a numpy scalar, which the numpy library's entry prints.
    resolve: (args) =>
      isArr(args[0]) && args[0].rank !== undefined && args[0].rank > 0
        ? { error: `${id.slice(9)}() of an array is not supported; format the values of .tolist() instead` }
        : undefined,
    tests: [],
  });
}

// ---- Variance and standard deviation -------------------------------------------------------

for (const name of ['var', 'std'] as const) {
  /** The result type: a float for the whole array, else a float array one rank lower (or the same with keepdims). */
  const resolveStat = (a: Arr, b: Map<string, Bound>, array: ArrayArg['detail']): ResolveResult => {
    const axis = axisArg(b.get('axis'));
    if (err(axis)) return axis;
    const keep = flagArg(b.get('keepdims'), 'keepdims');
    if (err(keep)) return keep;
    const ddofB = b.get('ddof');
    if (ddofB && ddofB.t.kind !== 'int') return { error: 'ddof must be an int' };
    const detail = { ...array, axis, keep, ddof: ddofB?.at };
    const dtype = a.dtype === 'float32' ? 'float32' : 'float64';
    if (axis === 'none' && keep === undefined && a.flavor !== 'torch') return ok('', T.float, [], 'stat', detail);
    const keepConst = b.get('keepdims')?.c;
    const rank =
      a.rank === undefined
        ? undefined
        : axis === 'none'
          ? keep === undefined
            ? 0
            : a.rank
          : keepConst?.kind === 'bool' && keepConst.value
            ? a.rank
            : a.rank - 1;
    return ok('', T.ndarray(dtype, rank, a.flavor), [], 'stat', detail);
  };
  method(
    name,
    `a.${name}(axis=None, ddof=0, keepdims=False)`,
    ['axis', 'dtype', 'out', 'ddof', 'keepdims'],
    (b, a) => resolveStat(a, b, { a: '0', convert: false }),
    [
      { params: { a: NP }, expr: `a.${name}()`, samples: [[F2x3]] },
      { params: { a: NP }, expr: `a.${name}(axis=0)`, samples: [[F2x3], [I2x3]] },
      { params: { a: NP }, expr: `a.${name}(axis=1, ddof=1, keepdims=True)`, samples: [[F2x3]] },
    ],
  );
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(a, axis=None, ddof=0, keepdims=False)`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.${name}`, ['a', 'axis', 'dtype', 'out', 'ddof', 'keepdims'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const a = asArray(b.get('a')!);
      if (err(a)) return a;
      const r = resolveStat(a.t, b, a.detail);
      return 'error' in r ? r : { ...r, entry: `numpy.${name}`, params: args };
    },
    tests: [
      { params: { a: NP }, expr: `np.${name}(a)`, samples: [[F2x3], [I3]] },
      { params: { xs: 'list[float]' }, expr: `np.${name}(xs)`, samples: [[[1.0, 2.0, 4.0]]] },
    ],
  });
}

// ---- Spellings: the Rust of each variant the rules above choose ------------------------------

export const RUST_DTYPE = Object.fromEntries(ALL_DTYPES.map((d) => [d, `nd::DType::${DTYPE_VARIANT[d]}`])) as Record<
  Dtype,
  string
>;

/** The placeholders of an argument passed at `at`: owned, and borrowed. */
export const own = (at: At): string => `{${at}}`;
export const borrow = (at: At): string => `{&${at}}`;
const atOf = (c: OpChoice, key: string): At | undefined => c.detail?.[key] as At | undefined;

/** Whether a choice's result is a torch tensor (torch's promotion and reductions apply). */
export const torchResult = (c: OpChoice): boolean => c.result.kind === 'ndarray' && c.result.flavor === 'torch';

/** The array operand recorded by `asArray` (argument 0 when none is recorded), borrowed or owned. */
export function arrayRef(c: OpChoice): string {
  const at = atOf(c, 'a') ?? '0';
  return c.detail?.convert ? `(&nd::array(${own(at)}, None)?)` : borrow(at);
}
function arrayOwned(c: OpChoice): string {
  const at = atOf(c, 'a') ?? '0';
  return c.detail?.convert ? `(nd::array(${own(at)}, None)?)` : own(at);
}

/** The `NdArray` accessor of a Python scalar result; a fully reduced or indexed array reads its one element. */
function itemAccessor(t: Type): string {
  return t.kind === 'int' ? 'item_i64' : t.kind === 'bool' ? 'item_bool' : 'item_f64';
}
export const itemSuffix = (c: OpChoice): string => (c.result.kind === 'ndarray' ? '' : `.${itemAccessor(c.result)}()?`);

/** An `axis` recorded by `axisArg` (`'default'` when absent and the op has its own default). */
export function axisCode(c: OpChoice, dflt: string, key = 'axis'): string {
  const axis = atOf(c, key);
  if (axis === 'none' || axis === undefined) return 'None';
  return axis === 'default' ? dflt : `Some(${own(axis)})`;
}

/** An optional argument's owned value, or the default when it was not passed. */
export const ownedOr = (c: OpChoice, key: string, dflt: string): string => {
  const at = atOf(c, key);
  return at === undefined ? dflt : own(at);
};

/** A shape recorded by `shapeArg`, as `&[i64]`. */
export function shapeCode(c: OpChoice): string {
  const shape = c.detail!.shape as At[];
  switch (c.detail!.shapeForm) {
    case 'tuple':
      return `&nd::shape_arg(${own(shape[0]!)})`;
    case 'list':
      return `&${own(shape[0]!)}`;
    default:
      return `&[${shape.map(own).join(', ')}]`;
  }
}

/** `a.shape` as its result type says: a tuple of the sizes, or a list when the rank is dynamic. */
export function spellShape(c: OpChoice): string {
  if (c.result.kind !== 'tuple') return '{&0}.shape_i64()';
  const n = c.result.items.length;
  const fields = c.result.items.map((_, k) => `__s[${k}]`).join(', ');
  return n === 0 ? '()' : `{ let __s = {&0}.shape_i64(); (${fields}${n === 1 ? ',' : ''}) }`;
}

/** Indexing, by the index's form; a numpy scalar result reads its one element. */
export const spellGetitem: Spelling = {
  tuple: (c) => {
    const n = c.params[1]!.kind === 'tuple' ? c.params[1]!.items.length : 0;
    const items = Array.from({ length: n }, (_, k) => `nd::Ix::from(__ix.${k})`).join(', ');
    return `{ let __ix = {1}; nd::getitem({&0}, &[${items}])? }${itemSuffix(c)}`;
  },
  slice: (c) => `nd::slice({&0}, {1})?${itemSuffix(c)}`,
  newaxis: (c) => `nd::getitem({&0}, &[nd::Ix::NewAxis])?${itemSuffix(c)}`,
  ellipsis: (c) => `nd::getitem({&0}, &[nd::Ix::Ellipsis])?${itemSuffix(c)}`,
  array: (c) => `nd::getitem({&0}, &[nd::Ix::from({1})])?${itemSuffix(c)}`,
  int: (c) => `nd::getitem({&0}, &[nd::Ix::Int({1})])?${itemSuffix(c)}`,
};

export const spellMatmul: Spelling = { matmul: () => 'nd::matmul({&0}, {&1})?' };

export const spellClip: Spelling = {
  clip: (c) => {
    const bound = (key: string): string => {
      const at = atOf(c, key);
      return at === undefined ? 'None' : `Some(nd::Operand::from(${own(at)}))`;
    };
    return `nd::clip(${arrayOwned(c)}, ${bound('lo')}, ${bound('hi')}, nd::Flavor::${torchResult(c) ? 'Torch' : 'Numpy'})?`;
  },
};

export const spellTolist: Spelling = {
  value: () => '{&0}.tolist_value()?',
  lists: (c) => {
    const rust = (x: Type): string =>
      x.kind === 'list' ? `Vec<${rust(x.item)}>` : x.kind === 'int' ? 'i64' : x.kind === 'bool' ? 'bool' : 'f64';
    return `{&0}.tolist::<${rust(c.result)}>()?`;
  },
};

export const spellAstype: Spelling = {
  astype: (c) => `{&0}.astype(${RUST_DTYPE[(c.result as Arr).dtype!]})?`,
};
export const spellItem: Spelling = { item: (c) => `{&0}.${itemAccessor(c.result)}()?` };
export const spellReshape: Spelling = { reshape: (c) => `nd::reshape(${arrayRef(c)}, ${shapeCode(c)})?` };
export const spellTranspose: Spelling = {
  transpose: (c) => `nd::transpose(${arrayRef(c)}, ${c.detail?.shape ? `Some(${shapeCode(c)})` : 'None'})?`,
};
const spellBinary = (op: string): Spelling => ({
  ndarray: (c) => `nd::${torchResult(c) ? 't' : ''}binary(nd::BinOp::${op}, {0}, {1})?`,
});

/** A list or tuple of arrays recorded by `arrayList`, as a slice of arrays. */
export function arraysCode(c: OpChoice): string {
  const at = c.detail!.arrays as At;
  const n = c.detail!.tuple as number | undefined;
  if (n === undefined) return `&${own(at)}`;
  return `&{ let __t = ${own(at)}; [${Array.from({ length: n }, (_, k) => `__t.${k}`).join(', ')}] }`;
}

/** A number as an f64: the ints among the recorded ones (`ints`) are converted. */
function asFloat(c: OpChoice, at: At): string {
  return (c.detail!.ints as At[]).includes(at) ? `(${own(at)} as f64)` : own(at);
}

const dtypeOf = (c: OpChoice): string => RUST_DTYPE[(c.result as Arr).dtype!];

defineSpellings({
  ...Object.fromEntries(BINOPS.map(([id, op]) => [id, spellBinary(op)])),
  ...Object.fromEntries(BINARY_FUNCTIONS.map(([name, op]) => [`numpy.${name}`, spellBinary(op)])),
  'operator.matmul': spellMatmul,
  'numpy.matmul': spellMatmul,
  'numpy.dot': spellMatmul,
  'operator.neg': { ndarray: () => 'nd::unary(nd::UnOp::Neg, {&0})?' },
  'operator.pos': { ndarray: () => '{0}' },
  ...Object.fromEntries(
    ['operator.and_', 'operator.or_', 'operator.xor'].map((id) => [
      id,
      { ndarray_logic: (c: OpChoice) => `nd::bitwise(nd::Logic::${c.detail!.op as string}, {0}, {1})?` },
    ]),
  ),
  'operator.invert': {
    ndarray: (c) => `nd::invert({&0}, nd::Flavor::${torchResult(c) ? 'Torch' : 'Numpy'})?`,
  },
  'ndarray.__getitem__': spellGetitem,
  'numpy.newaxis': { none: () => '()' },
  'builtins.Ellipsis': { ellipsis: () => 'nd::Ellipsis' },
  'builtins.len': { ndarray: () => '{&0}.len()?' },
  'builtins.float': { ndarray: () => '{&0}.to_float()?' },
  'builtins.int': { ndarray: () => '{&0}.to_int()?' },
  'builtins.bool': { ndarray: () => '{&0}.truth()?' },
  'builtins.abs': { ndarray: (c) => `nd::${torchResult(c) ? 't' : ''}unary(nd::UnOp::Abs, {&0})?` },
  'ndarray.shape': { shape: spellShape },
  'ndarray.ndim': { ndim: () => '({&0}.ndim() as i64)' },
  'ndarray.size': { size: () => '({&0}.size() as i64)' },
  'ndarray.T': spellTranspose,
  ...Object.fromEntries(
    REDUCTIONS.flatMap(([name, op]) => {
      const spell: Spelling = {
        reduce: (c) =>
          `nd::${torchResult(c) ? 't' : ''}reduce(nd::Reduce::${op}, ${arrayRef(c)}, ${axisCode(c, 'None')}, ${ownedOr(c, 'keep', 'false')})?${itemSuffix(c)}`,
      };
      return [
        [`ndarray.${name}`, spell],
        [`numpy.${name}`, spell],
      ];
    }),
  ),
  ...Object.fromEntries(
    ['ndarray.argsort', 'numpy.argsort'].map((id) => [
      id,
      { argsort: (c: OpChoice) => `nd::argsort(${arrayRef(c)}, ${axisCode(c, 'Some(-1)')})?` },
    ]),
  ),
  'ndarray.reshape': spellReshape,
  'numpy.reshape': spellReshape,
  'ndarray.transpose': spellTranspose,
  'numpy.transpose': spellTranspose,
  'ndarray.astype': spellAstype,
  'ndarray.tolist': spellTolist,
  'ndarray.item': spellItem,
  // A copy has storage of its own, so an in-place write (`b[mask] = 0`) never reaches the original.
  'ndarray.copy': { copy: () => 'nd::clone_tensor({&0})?' },
  'ndarray.flatten': { flatten: () => 'nd::reshape({&0}, &[-1])?' },
  ...Object.fromEntries(
    UNARY_FUNCTIONS.map(([name, op, method]) => [
      `numpy.${name}`,
      {
        // Only abs keeps an int or a bool; the others take every number as a float.
        ...(name === 'abs' && { int: () => 'rt::int::abs({0})?', bool: () => '{0}' }),
        float: () => `{0}.${method}()`,
        ndarray: (c: OpChoice) => `nd::unary(nd::UnOp::${op}, ${arrayRef(c)})?`,
      },
    ]),
  ),
  'numpy.where': { where: () => 'nd::where_({0}, {1}, {2})?' },
  'numpy.clip': spellClip,
  'numpy.concatenate': {
    concatenate: (c) => `nd::concatenate(${arraysCode(c)}, ${axisCode(c, 'Some(0)')})?`,
  },
  'numpy.stack': { stack: (c) => `nd::stack(${arraysCode(c)}, ${ownedOr(c, 'axis', '0')})?` },
  'numpy.expand_dims': { expand_dims: () => 'nd::unsqueeze({&0}, {1})?' },
  'numpy.linalg.norm': {
    norm_ord: (c) =>
      `nd::norm_ord(${arrayRef(c)}, ${c.detail!.ord as string}, ${c.detail!.fro ? 'true' : 'false'}, ${axisCode(c, 'None')}, ${ownedOr(c, 'keep', 'false')})?${itemSuffix(c)}`,
    norm: (c) => `nd::norm(${arrayRef(c)}, ${axisCode(c, 'None')}, ${ownedOr(c, 'keep', 'false')})?${itemSuffix(c)}`,
  },
  ...Object.fromEntries(
    ['numpy.array', 'numpy.asarray'].map((id) => [
      id,
      {
        array: (c: OpChoice) => {
          const d = c.detail!.dtype as Dtype | undefined;
          return `nd::array(${own(c.detail!.object as At)}, ${d ? `Some(${RUST_DTYPE[d]})` : 'None'})?`;
        },
      },
    ]),
  ),
  'numpy.arange': {
    ints: (c) => {
      const n = (c.detail!.numbers as At[]).map(own);
      const [start, stop, step] = n.length === 1 ? ['0', n[0]!, '1'] : [n[0]!, n[1]!, n[2] ?? '1'];
      const cast = (c.result as Arr).dtype === 'int64' ? '' : `.astype(${dtypeOf(c)})?`;
      return `nd::arange_int(${start}, ${stop}, ${step})?${cast}`;
    },
    floats: (c) => {
      const n = (c.detail!.numbers as At[]).map((at) => asFloat(c, at));
      const parts = n.length === 1 ? ['0.0', n[0]!, '1.0'] : [n[0]!, n[1]!, n[2] ?? '1.0'];
      const cast = (c.result as Arr).dtype === 'float64' ? '' : `.astype(${dtypeOf(c)})?`;
      return `nd::arange(${parts.join(', ')}, nd::DType::Float64)?${cast}`;
    },
  },
  ...Object.fromEntries(
    FILLED.map(([name, fill]) => [
      `numpy.${name}`,
      { filled: (c: OpChoice) => `nd::full(${shapeCode(c)}, ${fill.toFixed(1)}, ${dtypeOf(c)})?` },
    ]),
  ),
  'numpy.full': {
    int: (c) => `nd::full_int(${shapeCode(c)}, ${own(c.detail!.fill as At)}, ${dtypeOf(c)})?`,
    bool: (c) => `nd::full(${shapeCode(c)}, if ${own(c.detail!.fill as At)} { 1.0 } else { 0.0 }, ${dtypeOf(c)})?`,
    float: (c) => `nd::full(${shapeCode(c)}, ${own(c.detail!.fill as At)}, ${dtypeOf(c)})?`,
  },
  'numpy.linspace': {
    linspace: (c) =>
      `nd::linspace(${asFloat(c, c.detail!.start as At)}, ${asFloat(c, c.detail!.stop as At)}, ${ownedOr(c, 'num', '50')}, ${ownedOr(c, 'endpoint', 'true')})?`,
  },
  ...Object.fromEntries(
    DTYPES.map(([name, d]) => [
      `numpy.${name}`,
      {
        dtype: () => DTYPE_VALUE[d],
        astype: () => `{&0}.astype(${RUST_DTYPE[d]})?`,
        scalar: () => `nd::array({0}, Some(${RUST_DTYPE[d]}))?`,
        // A number converted: int64 truncates a float (and keeps an int); the others take it as a float.
        ...(d === 'int64'
          ? { float: () => 'rt::float::to_int({0})?', int: () => '{0}' }
          : { number: () => (d === 'float32' ? '(({0}) as f32 as f64)' : d === 'bool' ? '({0} != 0.0)' : '{0}') }),
      },
    ]),
  ),
  ...Object.fromEntries(
    (['var', 'std'] as const).flatMap((name) => {
      const spell: Spelling = {
        stat: (c) =>
          `nd::${name}(${arrayRef(c)}, ${axisCode(c, 'None')}, ${ownedOr(c, 'keep', 'false')}, ${ownedOr(c, 'ddof', '0')})?${itemSuffix(c)}`,
      };
      return [
        [`ndarray.${name}`, spell],
        [`numpy.${name}`, spell],
      ];
    }),
  ),
});
