/**
 * The array dtypes as data: their kind, width and signedness, numpy's and torch's promotion of
 * two dtypes, and the Rust each spells to. Input: dtype names from the type language; output:
 * the static result dtypes the numpy and torch type rules give, which mirror ingot-tensor's
 * `promote_arrays` and `DType::float_for` exactly (the runtime computes the same dtype again).
 */
import type { Dtype } from './types';

export type Flavor = 'numpy' | 'torch';

/** Every dtype, in the order of the runtime's `DType` variants. */
export const ALL_DTYPES: readonly Dtype[] = [
  'bool',
  'int64',
  'float32',
  'float64',
  'int8',
  'int16',
  'int32',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float16',
  'bfloat16',
];

/** The `nd::DType` variant of each dtype (also the name of its `nd::dtype::` marker type). */
export const DTYPE_VARIANT: Record<Dtype, string> = {
  bool: 'Bool',
  int64: 'Int64',
  float32: 'Float32',
  float64: 'Float64',
  int8: 'Int8',
  int16: 'Int16',
  int32: 'Int32',
  uint8: 'UInt8',
  uint16: 'UInt16',
  uint32: 'UInt32',
  uint64: 'UInt64',
  float16: 'Float16',
  bfloat16: 'BFloat16',
};

/** 0 bool, 1 integer, 2 floating: the kind order of promotion. */
export const dtypeKind = (d: Dtype): number => (d === 'bool' ? 0 : /^u?int/.test(d) ? 1 : 2);
export const isUnsigned = (d: Dtype): boolean => d.startsWith('uint');
export const dtypeBits = (d: Dtype): number => (d === 'bool' ? 8 : Number(/\d+$/.exec(d)![0]));
export const defaultFloat = (fl: Flavor): Dtype => (fl === 'torch' ? 'float32' : 'float64');

/** The inclusive range of an integer dtype, as bigints. */
export function intRange(d: Dtype): [bigint, bigint] | undefined {
  if (dtypeKind(d) !== 1) return undefined;
  const bits = BigInt(dtypeBits(d));
  return isUnsigned(d) ? [0n, (1n << bits) - 1n] : [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
}

/** The float dtype a float function of `d` computes in: numpy's smallest float holding it, torch's default. */
export function floatFor(d: Dtype, fl: Flavor): Dtype {
  if (dtypeKind(d) === 2) return d;
  if (fl === 'torch') return 'float32';
  const bits = dtypeBits(d);
  return bits === 8 ? 'float16' : bits === 16 ? 'float32' : 'float64';
}

/** The promotion of two array dtypes (mirrors `nd::promote_arrays`). */
export function promoteDtypes(a: Dtype, b: Dtype, fl: Flavor): Dtype {
  if (a === b) return a;
  const [ka, kb] = [dtypeKind(a), dtypeKind(b)];
  if (ka === 0) return b;
  if (kb === 0) return a;
  if (ka === 1 && kb === 1) {
    if (isUnsigned(a) === isUnsigned(b)) return dtypeBits(a) >= dtypeBits(b) ? a : b;
    const [s, u] = isUnsigned(a) ? [b, a] : [a, b];
    if (dtypeBits(s) > dtypeBits(u)) return s;
    const bits = dtypeBits(u);
    return bits === 8 ? 'int16' : bits === 16 ? 'int32' : bits === 32 ? 'int64' : fl === 'numpy' ? 'float64' : 'int64';
  }
  if (ka === 2 && kb === 2) {
    if ((a === 'float16' && b === 'bfloat16') || (a === 'bfloat16' && b === 'float16')) return 'float32';
    return dtypeBits(a) >= dtypeBits(b) ? a : b;
  }
  const [i, f] = ka === 2 ? [b, a] : [a, b];
  return fl === 'torch' ? f : promoteDtypes(floatFor(i, fl), f, fl);
}

/** The dtype sum, prod, cumsum and cumprod accumulate in: numpy's int64 (uint64 for unsigned), torch's int64. */
export function sumDtype(d: Dtype, fl: Flavor): Dtype {
  if (dtypeKind(d) === 2) return d;
  return fl === 'numpy' && isUnsigned(d) ? 'uint64' : 'int64';
}

/** Whether a numpy scalar of `d` keeps its own semantics (wrap-around, rounding) that no Python number has. */
export const isNarrow = (d: Dtype | undefined): boolean =>
  d !== undefined && !['bool', 'int64', 'float32', 'float64'].includes(d);

/** numpy's spellings of a dtype name (`np.dtype("ubyte")`, `astype("half")`) with the dtype each is. */
export const NUMPY_DTYPE_NAMES: Record<string, Dtype> = {
  bool: 'bool',
  bool_: 'bool',
  float16: 'float16',
  half: 'float16',
  float32: 'float32',
  single: 'float32',
  float64: 'float64',
  float: 'float64',
  double: 'float64',
  int8: 'int8',
  byte: 'int8',
  int16: 'int16',
  short: 'int16',
  int32: 'int32',
  intc: 'int32',
  int64: 'int64',
  int: 'int64',
  intp: 'int64',
  long: 'int64',
  uint8: 'uint8',
  ubyte: 'uint8',
  uint16: 'uint16',
  ushort: 'uint16',
  uint32: 'uint32',
  uintc: 'uint32',
  uint64: 'uint64',
  uintp: 'uint64',
  ulong: 'uint64',
};
