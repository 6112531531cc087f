/**
 * numpy's wider function library as registry entries, beside the core of the numpy family (arrays, operators,
 * indexing, the first reductions): the elementwise ufuncs, reductions and scans along an axis, order statistics,
 * searching, sorting and set operations, windows, interpolation and histograms, creation and shape helpers, padding,
 * index assignment (`a[mask] = 0`, `a[idx] += 1`, `np.add.at`), and the Python builtins on numpy scalars (`max(0.0,
 * x2 - x1)`, `round(x, 2)`, `str(x)`).
 *
 * Each rule returns a choice whose spelling is one call into ingot-tensor (`nd::`), which loops over typed flat
 * buffers. Result dtypes follow numpy 2's rules for the four dtypes Ingot carries (bool, int64, float32, float64);
 * a whole-array reduction gives a Python scalar where numpy gives a numpy scalar, as in the core family.
 *
 * An element read from an array whose rank is not static (`box[2]` of a `np.ndarray` parameter) stays a 0-d array,
 * which stands for the numpy scalar: it converts, compares, prints (`str`, f-strings) and encodes as one.
 */
import type { OpChoice } from '../../ir/choice';
import { type Dtype, T, type Type, typeToString } from '../../types/types';
import { ALL_DTYPES, DTYPE_VARIANT, dtypeKind, floatFor, sumDtype } from '../../types/dtypes';
import {
  declineNamespace,
  lookupOp,
  defineOp,
  defineSpellings,
  extendOp,
  type OpTest,
  type ResolveResult,
  type Spelling,
} from '../registry';
import {
  type ArrayArg,
  axisCode,
  type At,
  type Bound,
  RUST_DTYPE,
  arrayList,
  arrayRef,
  clipResolve,
  matmulResolve,
  spellClip,
  spellMatmul,
  arraysCode,
  asArray,
  axisArg,
  listArrayType,
  bcastRank,
  bindArgs,
  dtypeArg,
  flagArg,
  isArr,
  itemSuffix,
  nd,
  ok,
  own,
  promote,
  promoteArrays,
  scalarOf,
  shapeArg,
  shapeCode,
  shiftAt,
} from './numpy';

type Arr = Extract<Type, { kind: 'ndarray' }>;
const err = (e: unknown): e is { error: string } => typeof e === 'object' && e !== null && 'error' in e;
const isScalar = (t: Type | undefined): boolean => t?.kind === 'int' || t?.kind === 'float' || t?.kind === 'bool';
const kindOf = dtypeKind;

// ---- Test data ---------------------------------------------------------------------------------

const F2x3 = nd('float64', [2, 3], [1.0, -2.5, 3.0, 4.0, 0.5, -6.0]);
const F6 = nd('float64', [6], [3.5, -1.0, 2.0, 2.0, 0.0, -7.25]);
const F32_2x3 = nd('float32', [2, 3], [0.1, 0.2, 0.3, 1.5, -2.5, 3.25]);
const I2x3 = nd('int64', [2, 3], [7, -7, 3, 0, 5, -9]);
const I6 = nd('int64', [6], [3, 1, 2, 3, 0, 1]);
const B3 = nd('bool', [3], [true, false, true]);
const NAN = { float: 'nan' };
const FNAN = nd('float64', [4], [1.0, NAN, -2.0, 4.0]);
const EMPTY = nd('float64', [0], []);
const NP = 'np.ndarray';

// ---- Shared pieces -------------------------------------------------------------------------------

/**
 * Defines `numpy.NAME(a, ...)` and, when `asMethod`, `ndarray.NAME(...)` with one rule: the array is bound as
 * `a` (through `np.array` when a list or number was passed), and the rule sees the other arguments by name.
 */
function arrayFunction(
  name: string,
  summary: string,
  params: string[],
  rule: (a: ArrayArg, b: Map<string, Bound>, fn: boolean) => ResolveResult,
  tests: OpTest[],
  methodTests?: OpTest[],
): void {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(a, ${params.join(', ')}): ${summary}`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.${name}`, ['a', ...params], args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (!b.get('a')) return { error: `np.${name} needs an array` };
      const a = asArray(b.get('a')!);
      if (err(a)) return a;
      const r = rule(a, b, true);
      return 'error' in r ? r : { ...r, entry: `numpy.${name}`, params: args };
    },
    tests,
  });
  if (!methodTests) return;
  defineOp({
    id: `ndarray.${name}`,
    summary: `a.${name}(${params.join(', ')}): ${summary}`,
    resolve: (args, kw, consts, kwConsts) => {
      const a = args[0];
      if (!isArr(a)) return { error: `\`${name}\` is an array method` };
      const b = bindArgs(`ndarray.${name}`, params, args.slice(1), kw, consts?.slice(1), kwConsts);
      if (err(b)) return b;
      for (const x of b.values()) x.at = shiftAt(x.at);
      const r = rule({ t: a, detail: { a: '0', convert: false } }, b, false);
      return 'error' in r ? r : { ...r, entry: `ndarray.${name}`, params: args };
    },
    tests: methodTests,
  });
}

/** A bool flag's constant value (undefined when absent; an error when not a literal). */
function constFlag(b: Bound | undefined, name: string): boolean | { error: string } {
  if (!b) return false;
  if (b.c?.kind === 'bool') return b.c.value;
  return { error: `${name} must be a literal True or False` };
}

/** An optional int argument: where it was passed, or undefined. */
function intArg(b: Bound | undefined, name: string): At | undefined | { error: string } {
  if (!b || b.t.kind === 'none') return undefined;
  if (b.t.kind === 'int') return b.at;
  return { error: `${name} must be an int, not ${typeToString(b.t)}` };
}

/** An optional number argument: `[at]` for a float, `[at, 'int']` for an int (converted when spelled). */
function numArg(b: Bound | undefined, name: string): string[] | undefined | { error: string } {
  if (!b || b.t.kind === 'none') return undefined;
  if (b.t.kind === 'int' || b.t.kind === 'float') return b.t.kind === 'int' ? [b.at, 'int'] : [b.at];
  return { error: `${name} must be a number, not ${typeToString(b.t)}` };
}

/** A literal string argument (`mode="same"`), or the default. */
function strConst(b: Bound | undefined, name: string, allowed: string[], dflt: string): string | { error: string } {
  if (!b) return dflt;
  if (b.c?.kind === 'str' && allowed.includes(b.c.value)) return b.c.value;
  if (b.c?.kind === 'str')
    return { error: `${name}="${b.c.value}" is not supported; use one of ${allowed.map((x) => `"${x}"`).join(', ')}` };
  return { error: `${name} must be a literal string` };
}

/**
 * Where an operand was passed, as plain data for the choice: `[at]`, or `[at, 'convert']` when a list or number must
 * go through `np.array` first.
 */
type Passed = string[];
const passedAt = (at: At, convert: boolean): Passed => (convert ? [at, 'convert'] : [at]);

/** An elementwise operand (an array, a number, or a list converted): its type and where it was passed. */
function operand(b: Bound): { t: Type; p: Passed } | { error: string } {
  if (isArr(b.t) || isScalar(b.t)) return { t: b.t, p: passedAt(b.at, false) };
  const a = asArray(b);
  if (err(a)) return a;
  return { t: a.t, p: passedAt(b.at, true) };
}

/** An array argument (lists converted): its type and where it was passed. */
function arrayOf(b: Bound): { t: Arr; p: Passed } | { error: string } {
  const a = asArray(b);
  if (err(a)) return a;
  return { t: a.t, p: passedAt(b.at, a.detail.convert) };
}

/** An axis: where it was passed, `'none'` for None, or `'default'` when absent (the op's own default). */
function axisOf(b: Bound | undefined): At | { error: string } {
  if (!b) return 'default';
  return axisArg(b);
}

/** The rank after reducing one axis (or all), with keepdims. */
function reducedRank(a: Arr, axisNone: boolean, keep: boolean | undefined): number | undefined {
  if (a.rank === undefined || keep === undefined) return undefined;
  if (keep) return a.rank;
  return axisNone ? 0 : a.rank - 1;
}

/** A reduction's result: a Python scalar for the whole array without keepdims, else an array. */
function reducedType(a: Arr, dtype: Dtype | undefined, axisNone: boolean, keep: boolean | undefined): Type {
  if (axisNone && keep === false && a.flavor === 'numpy' && dtype !== undefined) return scalarOf(dtype).type;
  return T.ndarray(dtype, reducedRank(a, axisNone, keep), a.flavor);
}

const floatOf = (d: Dtype | undefined): Dtype | undefined =>
  d === undefined ? undefined : kindOf(d) === 2 ? d : 'float64';

// ---- Elementwise ufuncs --------------------------------------------------------------------------

/** numpy name, `nd::UFunc` variant, and the result's dtype rule. */
type DtypeRule = 'float' | 'keep' | 'bool' | 'recip';
const UFUNCS: [string, string, DtypeRule][] = [
  ['log1p', 'Log1p', 'float'],
  ['expm1', 'Expm1', 'float'],
  ['log2', 'Log2', 'float'],
  ['log10', 'Log10', 'float'],
  ['exp2', 'Exp2', 'float'],
  ['sin', 'Sin', 'float'],
  ['cos', 'Cos', 'float'],
  ['tan', 'Tan', 'float'],
  ['arcsin', 'Arcsin', 'float'],
  ['arccos', 'Arccos', 'float'],
  ['arctan', 'Arctan', 'float'],
  ['sinh', 'Sinh', 'float'],
  ['cosh', 'Cosh', 'float'],
  ['floor', 'Floor', 'keep'],
  ['ceil', 'Ceil', 'keep'],
  ['trunc', 'Trunc', 'keep'],
  ['rint', 'Rint', 'float'],
  ['sign', 'Sign', 'keep'],
  ['square', 'Square', 'keep'],
  ['reciprocal', 'Reciprocal', 'recip'],
  ['isnan', 'Isnan', 'bool'],
  ['isinf', 'Isinf', 'bool'],
  ['isfinite', 'Isfinite', 'bool'],
  ['logical_not', 'LogicalNot', 'bool'],
  ['deg2rad', 'Deg2rad', 'float'],
  ['rad2deg', 'Rad2deg', 'float'],
  ['cbrt', 'Cbrt', 'float'],
];

function ufuncDtype(rule: DtypeRule, d: Dtype | undefined): Dtype | undefined {
  if (rule === 'bool') return 'bool';
  if (d === undefined) return undefined;
  if (rule === 'keep' || (rule === 'recip' && kindOf(d) === 1)) return d;
  return floatFor(d, 'numpy');
}

for (const [name, , rule] of UFUNCS) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(x), elementwise (a number gives a number)`,
    resolve: (args, kw) => {
      if (args.length !== 1 || kw.size > 0) return { error: `np.${name} takes one argument here` };
      const a = asArray({ t: args[0]!, at: '0' });
      if (err(a)) return a;
      const dtype = ufuncDtype(rule, a.t.dtype);
      // A Python number in gives a numpy scalar out, a Python scalar here.
      const result = isScalar(args[0]) ? scalarOf(dtype).type : T.ndarray(dtype, a.t.rank, a.t.flavor);
      return ok(`numpy.${name}`, result, args, 'ufunc', a.detail);
    },
    tests: [
      {
        params: { a: NP },
        expr: `np.${name}(a)`,
        samples: [
          [nd('float64', [5], [0.25, -0.5, 1.0, 2.5, -3.75])],
          [F32_2x3],
          [nd('int64', [4], [0, 1, -2, 3])],
          [FNAN],
        ],
      },
      { params: { x: 'float' }, expr: `np.${name}(x)`, samples: [[0.5], [-0.25]] },
    ],
  });
}

/** np.round / np.around / a.round(decimals=0): half to even, as numpy. */
for (const name of ['round', 'around']) {
  arrayFunction(
    name,
    'round half to even at `decimals` places; ints are unchanged',
    ['decimals'],
    (a, b) => {
      const d = intArg(b.get('decimals'), 'decimals');
      if (err(d)) return d;
      const scalarIn = a.detail.convert && a.t.rank === 0;
      return ok('', scalarIn ? scalarOf(a.t.dtype).type : a.t, [], 'round', { ...a.detail, decimals: d });
    },
    [
      {
        params: { a: NP },
        expr: `np.${name}(a, 1)`,
        samples: [[nd('float64', [4], [0.25, 0.35, -1.55, 2.5])], [F32_2x3]],
      },
      { params: { a: NP }, expr: `np.${name}(a)`, samples: [[nd('float64', [4], [0.5, 1.5, 2.5, -0.5])], [I2x3]] },
      { params: { x: 'float' }, expr: `np.${name}(x, 2)`, samples: [[2.675], [-1.005]] },
    ],
    name === 'round'
      ? [{ params: { a: NP }, expr: 'a.round(2)', samples: [[nd('float64', [3], [1.2345, -0.005, 3.14159])]] }]
      : undefined,
  );
}

/** Binary ufuncs spelled as the operators' kernels (`np.add(a, b)` is `a + b`). */
const OPERATOR_UFUNCS: [string, string][] = [
  ['add', 'Add'],
  ['subtract', 'Sub'],
  ['multiply', 'Mul'],
  ['divide', 'TrueDiv'],
  ['true_divide', 'TrueDiv'],
  ['floor_divide', 'FloorDiv'],
  ['power', 'Pow'],
  ['mod', 'Mod'],
  ['remainder', 'Mod'],
  ['greater', 'Gt'],
  ['greater_equal', 'Ge'],
  ['less', 'Lt'],
  ['less_equal', 'Le'],
  ['equal', 'Eq'],
  ['not_equal', 'Ne'],
];
const CMP = ['Gt', 'Ge', 'Lt', 'Le', 'Eq', 'Ne'];

function operatorUfuncDtype(op: string, a: Type, b: Type): Dtype | undefined {
  if (CMP.includes(op)) return 'bool';
  const d = promote(a, b, 'numpy');
  if (!d) return undefined;
  if (op === 'TrueDiv') return kindOf(d) < 2 ? 'float64' : d;
  if (d === 'bool') return op === 'Add' || op === 'Mul' ? 'bool' : 'int64';
  return d;
}

for (const [name, op] of OPERATOR_UFUNCS) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(a, b, out=None, where=True): elementwise with broadcasting (as the operator); \`out=\` an array the result is written into (where \`where\` holds) and returned`,
    resolve: (args, kw, consts) => {
      if (args.length !== 2 || [...kw.keys()].some((k) => k !== 'out' && k !== 'where'))
        return { error: `np.${name} takes two arguments here (and out=, where=)` };
      const sides: { t: Type; list: boolean }[] = [];
      for (const [i, t] of args.entries()) {
        if (isArr(t) || isScalar(t)) sides.push({ t, list: false });
        else {
          const a = asArray({ t, at: String(i), c: consts?.[i] });
          if (err(a)) return a;
          sides.push({ t: a.t, list: true });
        }
      }
      const [x, y] = sides as [{ t: Type; list: boolean }, { t: Type; list: boolean }];
      const dtype = operatorUfuncDtype(op, x.t, y.t);
      const rank = bcastRank(x.t, y.t);
      const lists = sides.map((s) => (s.list ? 'convert' : ''));
      const out = kw.get('out');
      const where = kw.get('where');
      if (out && out.kind !== 'none') {
        if (!isArr(out)) return { error: `np.${name}(out=) takes an array here, not ${typeToString(out)}` };
        if (dtype && out.dtype && kindOf(dtype) > kindOf(out.dtype))
          return {
            error: `np.${name} cannot write its ${dtype} result into an ${out.dtype} out= array (numpy raises UFuncTypeError under casting='same_kind')`,
          };
        if (where && where.kind !== 'none' && op === 'Pow' && dtype && kindOf(dtype) < 2)
          return {
            error: `np.${name}(where=) of ints is not supported: numpy skips the masked elements, so a negative exponent there does not raise`,
          };
        if (where && !(isArr(where) || where.kind === 'bool'))
          return { error: `np.${name}(where=) takes a bool array or a bool, not ${typeToString(where)}` };
        return ok(`numpy.${name}`, T.ndarray(out.dtype, out.rank, out.flavor), args, 'binary_out', {
          op,
          lists,
          out: 'kw:out',
          ...(where && { where: 'kw:where' }),
        });
      }
      if (where && where.kind !== 'none')
        return {
          error: `np.${name}(where=) without out= leaves the unselected elements uninitialised in numpy; pass out=`,
        };
      const result = rank === 0 && !isArr(args[0]) && !isArr(args[1]) ? scalarOf(dtype).type : T.ndarray(dtype, rank);
      return ok(`numpy.${name}`, result, args, 'binary', { op, lists });
    },
    tests: [
      {
        params: { a: NP, b: NP },
        expr: `np.${name}(a, b)`,
        samples: [
          [F2x3, nd('float64', [3], [0.5, 2.0, -1.5])],
          [I2x3, nd('int64', [3], [2, -2, 3])],
        ],
      },
      { params: { a: NP }, expr: `np.${name}(a, 2)`, samples: [[F32_2x3], [I2x3]] },
      {
        params: { a: NP, b: NP },
        expr: `np.${name}(a, b, out=np.full((2, 3), -1.0), where=b > 0)`,
        samples: [
          [F2x3, nd('float64', [3], [0.5, 0.0, -1.5])],
          [F2x3, nd('float64', [2, 1], [2.0, -1.0])],
        ],
      },
      { params: { a: NP }, expr: `np.${name}(a, 3, out=np.zeros((2, 3)))`, samples: [[F2x3], [F32_2x3]] },
      // The out array is written in place and returned: every name holding it sees the change.
      ...(name === 'divide'
        ? ([
            {
              params: { s: NP, n: NP },
              body: 'rates = np.zeros(len(n))\nr = np.divide(s, n, out=rates, where=n != 0)\nr[0] = 9.0\nreturn rates.tolist(), r.tolist()',
              samples: [
                [nd('float64', [3], [1.0, 2.0, 3.0]), nd('int64', [3], [2, 0, 4])],
                [nd('float64', [2], [1.0, 2.0]), nd('int64', [3], [1, 1, 1])],
              ],
            },
            {
              params: { a: NP, b: NP },
              body: 'o = np.zeros(3, dtype=np.int64)\nnp.multiply(a, b, out=o)\nnp.add(o, 1, out=o, where=a > 1)\nreturn o.tolist()',
              samples: [[nd('int64', [3], [1, 2, 3]), nd('int64', [3], [4, 5, 6])]],
            },
          ] as OpTest[])
        : []),
    ],
  });
}

/** Two-argument ufuncs with their own kernels. */
const UFUNCS2: [string, string][] = [
  ['arctan2', 'Arctan2'],
  ['hypot', 'Hypot'],
  ['logical_and', 'LogicalAnd'],
  ['logical_or', 'LogicalOr'],
  ['logical_xor', 'LogicalXor'],
  ['fmax', 'Fmax'],
  ['fmin', 'Fmin'],
  ['logaddexp', 'Logaddexp'],
  ['logaddexp2', 'Logaddexp2'],
];
for (const [name, op] of UFUNCS2) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(a, b): elementwise with broadcasting`,
    resolve: (args, kw) => {
      if (args.length !== 2 || kw.size > 0) return { error: `np.${name} takes two arguments here` };
      const [a, b] = args as [Type, Type];
      if (!(isArr(a) || isScalar(a)) || !(isArr(b) || isScalar(b)))
        return { error: `np.${name} takes arrays or numbers; convert lists with np.array(...) first` };
      const d = promote(a, b, 'numpy');
      const dtype = name.startsWith('logical')
        ? 'bool'
        : ['arctan2', 'hypot', 'logaddexp', 'logaddexp2'].includes(name) && d !== undefined && kindOf(d) < 2
          ? 'float64'
          : d;
      const rank = bcastRank(a, b);
      const result = !isArr(a) && !isArr(b) ? scalarOf(dtype).type : T.ndarray(dtype, rank);
      return ok(`numpy.${name}`, result, args, 'ufunc2', { op });
    },
    tests: [
      {
        params: { a: NP, b: NP },
        expr: `np.${name}(a, b)`,
        samples: [
          [nd('float64', [4], [1.0, -2.0, 0.0, NAN]), nd('float64', [4], [0.5, 3.0, 0.0, 1.0])],
          [nd('int64', [3], [0, 2, -3]), nd('int64', [3], [1, 0, 4])],
        ],
      },
      ...(name.startsWith('logaddexp')
        ? [
            {
              params: { a: NP, b: NP },
              expr: `np.${name}(a, b), np.${name}(a, 0.5)`,
              samples: [
                [
                  nd('float64', [5], [-1000.0, 700.0, 2.0, { float: '-inf' }, { float: 'inf' }]),
                  nd('float64', [5], [-1000.5, 700.0, -3.0, { float: '-inf' }, 1.0]),
                ],
                [F32_2x3, nd('float32', [3], [0.5, -0.25, 3.0])],
              ],
            },
          ]
        : []),
    ],
  });
}

for (const name of ['isclose', 'allclose']) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.${name}`, ['a', 'b', 'rtol', 'atol', 'equal_nan'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (!b.get('a') || !b.get('b')) return { error: `np.${name} needs two arguments` };
      const x = operand(b.get('a')!);
      const y = operand(b.get('b')!);
      if (err(x)) return x;
      if (err(y)) return y;
      const rtol = numArg(b.get('rtol'), 'rtol');
      const atol = numArg(b.get('atol'), 'atol');
      if (err(rtol)) return rtol;
      if (err(atol)) return atol;
      const en = flagArg(b.get('equal_nan'), 'equal_nan');
      if (err(en)) return en;
      const result =
        name === 'allclose' ? T.bool : isArr(x.t) || isArr(y.t) ? T.ndarray('bool', bcastRank(x.t, y.t)) : T.bool;
      return ok(`numpy.${name}`, result, args, 'close', {
        x: x.p,
        y: y.p,
        rtol,
        atol,
        equalNan: en,
        scalar: name === 'isclose' && result.kind === 'bool',
      });
    },
    tests: [
      {
        params: { a: NP, b: NP },
        expr: `np.${name}(a, b)`,
        samples: [
          [nd('float64', [3], [1.0, 2.0, NAN]), nd('float64', [3], [1.0 + 1e-9, 2.1, NAN])],
          [F2x3, F2x3],
        ],
      },
      {
        params: { a: NP },
        expr: `np.${name}(a, 1.0, atol=0.6, equal_nan=True)`,
        samples: [[nd('float64', [3], [0.5, 1.5, NAN])]],
      },
    ],
  });
}

// ---- Reductions ----------------------------------------------------------------------------------

/** numpy name, `nd::Reduce2` variant, whether `a.NAME()` exists, and the result dtype. */
const REDUCTIONS2: [string, string, boolean, (d: Dtype | undefined) => Dtype | undefined][] = [
  ['prod', 'Prod', true, (d) => d && sumDtype(d, 'numpy')],
  ['any', 'Any', true, () => 'bool'],
  ['all', 'All', true, () => 'bool'],
  ['median', 'Median', false, floatOf],
  ['ptp', 'Ptp', false, (d) => d],
  ['count_nonzero', 'CountNonzero', false, () => 'int64'],
  ['nansum', 'NanSum', false, (d) => d && sumDtype(d, 'numpy')],
  ['nanmean', 'NanMean', false, floatOf],
  ['nanmax', 'NanMax', false, (d) => d],
  ['nanmin', 'NanMin', false, (d) => d],
];

for (const [name, op, asMethod, dtypeOf] of REDUCTIONS2) {
  const samples = [[F2x3], [I2x3], [nd('bool', [2, 2], [true, false, true, true])]];
  arrayFunction(
    name,
    'reduces along `axis` (all axes by default), with `keepdims`',
    ['axis', 'keepdims'],
    (a, b) => {
      const axis = axisOf(b.get('axis'));
      if (err(axis)) return axis;
      const keepB = b.get('keepdims');
      const keep = !keepB ? false : keepB.c?.kind === 'bool' ? keepB.c.value : undefined;
      if (keepB && keepB.t.kind !== 'bool') return { error: 'keepdims must be a bool' };
      const result = reducedType(a.t, dtypeOf(a.t.dtype), axis === 'none' || axis === 'default', keep);
      return ok('', result, [], 'reduce2', { ...a.detail, op, axis, keep: keepB?.at });
    },
    [
      { params: { a: NP }, expr: `np.${name}(a)`, samples: name === 'ptp' ? samples.slice(0, 2) : samples },
      { params: { a: NP }, expr: `np.${name}(a, axis=0)`, samples: [[F2x3], [I2x3]] },
      { params: { a: NP }, expr: `np.${name}(a, axis=-1, keepdims=True)`, samples: [[F32_2x3]] },
      { params: { a: NP }, expr: `np.${name}(a)`, samples: [[FNAN], ...(name.startsWith('nanm') ? [] : [[EMPTY]])] },
      { params: { xs: 'list[float]' }, expr: `np.${name}(xs)`, samples: [[[1.5, 2.0, -3.0, 4.0]]] },
    ],
    asMethod ? [{ params: { a: NP }, expr: `a.${name}(axis=1)`, samples: [[F2x3], [I2x3]] }] : undefined,
  );
}

/** np.quantile / np.percentile / np.nanpercentile-free forms, method "linear". */
for (const [name, scale] of [
  ['quantile', 1],
  ['percentile', 100],
] as const) {
  arrayFunction(
    name,
    `the ${name} at q (a number or a list), numpy's default linear method`,
    ['q', 'axis', 'out', 'overwrite_input', 'method', 'keepdims'],
    (a, b) => {
      const q = b.get('q');
      if (!q) return { error: `np.${name} needs q` };
      const many = !isScalar(q.t);
      if (
        many &&
        !(q.t.kind === 'list' && isScalar(q.t.item)) &&
        !(q.t.kind === 'tuple' && q.t.items.every(isScalar)) &&
        !isArr(q.t)
      )
        return { error: `q must be a number or a list of numbers, not ${typeToString(q.t)}` };
      const method = strConst(
        b.get('method'),
        'method',
        ['linear', 'lower', 'higher', 'nearest', 'midpoint'],
        'linear',
      );
      if (err(method)) return method;
      if (b.get('out') || b.get('overwrite_input')) return { error: 'out= and overwrite_input= are not supported' };
      const axis = axisOf(b.get('axis'));
      if (err(axis)) return axis;
      const all = axis === 'none' || axis === 'default';
      const keepB = b.get('keepdims');
      const keep = !keepB ? false : keepB.c?.kind === 'bool' ? keepB.c.value : undefined;
      // lower/higher/nearest pick an element, so the input's dtype stays; linear and midpoint give floats.
      const picks = ['lower', 'higher', 'nearest'].includes(method);
      const dtype = picks ? a.t.dtype : floatOf(a.t.dtype);
      let result: Type;
      if (!many) result = reducedType(a.t, dtype, all, keep);
      else {
        const r = reducedRank(a.t, all, keep);
        result = T.ndarray(dtype, r === undefined ? undefined : r + 1);
      }
      return ok('', result, [], 'quantile', {
        ...a.detail,
        q: q.at,
        many,
        axis,
        keep: keepB?.at,
        scale,
        method,
      });
    },
    [
      { params: { a: NP }, expr: `np.${name}(a, ${scale === 1 ? 0.25 : 25})`, samples: [[F6], [I6], [FNAN]] },
      { params: { a: NP }, expr: `np.${name}(a, ${scale === 1 ? 0.5 : 50}, axis=1)`, samples: [[F2x3], [F32_2x3]] },
      {
        params: { a: NP },
        expr: `np.${name}(a, ${scale === 1 ? '[0.1, 0.9]' : '[10, 90]'})`,
        samples: [[F6], [F2x3]],
      },
      {
        params: { a: NP, q: 'float' },
        expr: `np.${name}(a, q)`,
        samples: [
          [F6, 0.3],
          [F6, scale * 1.5],
        ],
      },
      ...(['lower', 'higher', 'nearest', 'midpoint'] as const).map(
        (m): OpTest => ({
          params: { a: NP },
          expr: `np.${name}(a, ${scale === 1 ? 0.5 : 50}, method="${m}"), np.${name}(a, ${scale === 1 ? '[0.1, 0.25, 0.9, 1.0]' : '[10, 25, 90, 100]'}, method="${m}"), np.${name}(a, ${scale === 1 ? 0.5 : 50}, axis=0, method="${m}")`,
          samples: [[F6], [I6], [FNAN], [nd('float64', [4], [1, 2, 3, 4])]],
        }),
      ),
    ],
  );
}

arrayFunction(
  'average',
  'the mean, or the weighted mean with `weights`',
  ['axis', 'weights'],
  (a, b) => {
    const axis = axisOf(b.get('axis'));
    if (err(axis)) return axis;
    const w = b.get('weights');
    let weights: Passed | undefined;
    let wt: Arr | undefined;
    if (w && w.t.kind !== 'none') {
      const x = arrayOf(w);
      if (err(x)) return x;
      weights = x.p;
      wt = x.t;
    }
    const dtype = a.t.dtype === 'float32' && (!wt || wt.dtype === 'float32') ? 'float32' : 'float64';
    const all = axis === 'none' || axis === 'default';
    return ok('', reducedType(a.t, dtype, all, false), [], 'average', { ...a.detail, axis, weights });
  },
  [
    { params: { a: NP }, expr: 'np.average(a)', samples: [[F2x3], [I2x3]] },
    {
      params: { a: NP, w: NP },
      expr: 'np.average(a, weights=w)',
      samples: [
        [F6, nd('float64', [6], [1, 2, 3, 4, 5, 6])],
        [F6, nd('float64', [6], [0, 0, 0, 0, 0, 0])],
      ],
    },
    { params: { a: NP }, expr: 'np.average(a, axis=1, weights=[1.0, 0.0, 3.0])', samples: [[F2x3]] },
  ],
);

// ---- Scans and sorting ---------------------------------------------------------------------------

for (const [name, op] of [
  ['cumsum', 'Cumsum'],
  ['cumprod', 'Cumprod'],
] as const) {
  arrayFunction(
    name,
    'the running total along `axis` (the flattened array by default)',
    ['axis'],
    (a, b) => {
      const axis = axisOf(b.get('axis'));
      if (err(axis)) return axis;
      const dtype = a.t.dtype && sumDtype(a.t.dtype, 'numpy');
      const all = axis === 'none' || axis === 'default';
      return ok('', T.ndarray(dtype, all ? 1 : a.t.rank, a.t.flavor), [], 'scan', {
        ...a.detail,
        op,
        axis,
      });
    },
    [
      { params: { a: NP }, expr: `np.${name}(a)`, samples: [[F2x3], [I2x3], [B3], [EMPTY]] },
      { params: { a: NP }, expr: `np.${name}(a, axis=1)`, samples: [[F2x3], [F32_2x3]] },
      {
        params: { xs: 'list[int]' },
        expr: `np.${name}(xs)`,
        samples: [[[1, 2, 3, -4]]],
        deviation: 'an empty list keeps its static dtype (int64) where numpy makes it float64',
      },
    ],
    [{ params: { a: NP }, expr: `a.${name}(axis=0)`, samples: [[F2x3]] }],
  );
}

for (const [name, op] of [
  ['maximum', 'Max'],
  ['minimum', 'Min'],
] as const) {
  const id = `numpy.${name}.accumulate`;
  defineOp({
    id,
    summary: `np.${name}.accumulate(a, axis=0): the running ${name} along axis (NaN propagates), in a's dtype`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.${name}.accumulate`, ['array', 'axis', 'dtype', 'out'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (b.get('dtype') || b.get('out')) return { error: `np.${name}.accumulate(dtype=, out=) is not supported` };
      const a = asArray(b.get('array')!);
      if (err(a)) return a;
      const ax = b.get('axis');
      if (ax && ax.t.kind === 'none') return { error: 'accumulate does not allow multiple axes (axis=None)' };
      const axis = axisOf(ax);
      if (err(axis)) return axis;
      return ok(id, T.ndarray(a.t.dtype, a.t.rank, a.t.flavor), args, 'scan', {
        ...a.detail,
        op,
        axis: axis === 'default' ? '0' : axis,
      });
    },
    spell: {
      scan: (c) => {
        // The axis is the literal 0 by default, otherwise where it was passed (never argument 0, the array).
        const ax = c.detail!.axis as string;
        return `nd::scan(nd::Scan::${word(c, 'op')}, ${arrayRef(c)}, Some(${ax === '0' ? '0' : own(ax)}))?`;
      },
    },
    tests: [
      {
        params: { a: NP },
        expr: `np.${name}.accumulate(a)`,
        samples: [[F2x3], [I2x3], [B3], [FNAN], [EMPTY], [F32_2x3]],
      },
      {
        params: { a: NP },
        expr: `np.${name}.accumulate(a, axis=1), np.${name}.accumulate(a, -1)`,
        samples: [[F2x3], [I2x3]],
      },
      {
        params: { xs: 'list[float]' },
        body: `prec = np.array(xs)\nreturn np.${name}.accumulate(prec[::-1])[::-1].tolist(), np.${name}.accumulate(xs).tolist()`,
        samples: [[[0.5, 1.0, 0.67, 0.75, 0.6]]],
      },
      { params: { x: 'float' }, expr: `np.${name}.accumulate(np.float64(x))`, samples: [[2.5]] },
    ],
  });
}

defineOp({
  id: 'numpy.sort',
  summary: 'np.sort(a, axis=-1, kind=None): a sorted copy (NaN last); axis=None sorts the flattened array',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.sort', ['a', 'axis', 'kind', 'order'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = asArray(b.get('a')!);
    if (err(a)) return a;
    if (b.get('order')) return { error: 'order= (structured arrays) is not supported' };
    const axis = axisOf(b.get('axis'));
    if (err(axis)) return axis;
    return ok('numpy.sort', T.ndarray(a.t.dtype, axis === 'none' ? 1 : a.t.rank), args, 'sort', { ...a.detail, axis });
  },
  tests: [
    { params: { a: NP }, expr: 'np.sort(a)', samples: [[F2x3], [I6], [FNAN]] },
    { params: { a: NP }, expr: 'np.sort(a, axis=0, kind="stable")', samples: [[F2x3]] },
    { params: { a: NP }, expr: 'np.sort(a, axis=None)[::-1]', samples: [[I2x3]] },
  ],
});

defineOp({
  id: 'ndarray.sort',
  summary: 'a.sort(axis=-1, kind=None): sorts in place (every name holding the array sees it)',
  resolve: (args, kw, consts, kwConsts) => {
    const a = args[0];
    if (!isArr(a)) return { error: '`sort` is an array method' };
    const b = bindArgs('a.sort', ['axis', 'kind'], args.slice(1), kw, consts?.slice(1), kwConsts);
    if (err(b)) return b;
    for (const x of b.values()) x.at = shiftAt(x.at);
    const axis = axisOf(b.get('axis'));
    if (err(axis)) return axis;
    if (axis === 'none') return { error: 'a.sort(axis=None) is not valid; use np.sort(a, axis=None)' };
    return ok('ndarray.sort', T.none, args, 'sort_in_place', { axis });
  },
  tests: [{ params: { a: NP }, body: 'b = a\na.sort()\nreturn b', samples: [[F6], [F2x3]] }],
});

arrayFunction(
  'diff',
  'the n-th discrete difference along `axis`',
  ['n', 'axis'],
  (a, b) => {
    const n = intArg(b.get('n'), 'n');
    const axis = intArg(b.get('axis'), 'axis');
    if (err(n)) return n;
    if (err(axis)) return axis;
    return ok('', T.ndarray(a.t.dtype, a.t.rank, a.t.flavor), [], 'diff', {
      ...a.detail,
      n,
      axis,
    });
  },
  [
    { params: { a: NP }, expr: 'np.diff(a)', samples: [[F6], [I2x3], [B3]] },
    { params: { a: NP }, expr: 'np.diff(a, n=2, axis=0)', samples: [[nd('int64', [3, 2], [1, 2, 4, 8, 9, 1])]] },
    { params: { xs: 'list[float]' }, expr: 'np.diff(xs)', samples: [[[1.0, 4.0, 9.5]], [[]]] },
  ],
);

// ---- Searching -----------------------------------------------------------------------------------

/** np.nonzero(a) / a.nonzero() / np.where(cond): a tuple of index arrays (a list when the rank is not static). */
function nonzeroResolve(a: ArrayArg): ResolveResult {
  const idx = T.ndarray('int64', 1);
  const result = a.t.rank === undefined ? T.list(idx) : T.tuple(Array.from({ length: a.t.rank }, () => idx));
  if (a.t.rank === 0) return { error: 'nonzero of a 0-d array is not allowed (numpy raises ValueError)' };
  return ok('', result, [], 'nonzero', a.detail);
}
arrayFunction(
  'nonzero',
  'the indices of the nonzero elements, one array per axis',
  [],
  (a) => nonzeroResolve(a),
  [
    { params: { a: NP }, expr: 'np.nonzero(a)', samples: [[I2x3], [B3], [nd('int64', [2, 2], [0, 0, 0, 0])]] },
    { params: { a: NP }, expr: 'np.nonzero(a > 0.5)[0]', samples: [[F6]] },
  ],
  [{ params: { a: NP }, expr: 'a.nonzero()', samples: [[F2x3]] }],
);
extendOp('numpy.where', {
  summary: 'np.where(cond) with one argument: np.nonzero(cond)',
  resolve: (args, kw) => {
    if (args.length !== 1 || kw.size > 0) return undefined;
    const a = asArray({ t: args[0]!, at: '0' });
    if (err(a)) return a;
    const r = nonzeroResolve(a);
    return 'error' in r ? r : { ...r, entry: 'numpy.where', params: args };
  },
  tests: [
    { params: { a: NP }, expr: 'np.where(a > 0)[0]', samples: [[F6], [EMPTY]] },
    { params: { a: NP }, expr: 'np.where(a < 0)', samples: [[F2x3]] },
  ],
});

arrayFunction(
  'argwhere',
  'the indices of the nonzero elements, one row each',
  [],
  (a) => ok('', T.ndarray('int64', 2), [], 'argwhere', a.detail),
  [{ params: { a: NP }, expr: 'np.argwhere(a)', samples: [[I2x3], [B3], [EMPTY]] }],
);
arrayFunction(
  'flatnonzero',
  'the indices of the nonzero elements of the flattened array',
  [],
  (a) => ok('', T.ndarray('int64', 1), [], 'flatnonzero', a.detail),
  [{ params: { a: NP }, expr: 'np.flatnonzero(a)', samples: [[I2x3], [B3]] }],
);

arrayFunction(
  'searchsorted',
  'where `v` would be inserted into the sorted 1-d `a` (side "left" or "right")',
  ['v', 'side', 'sorter'],
  (a, b) => {
    const v = b.get('v');
    if (!v) return { error: 'np.searchsorted needs v' };
    if (b.get('sorter')) return { error: 'sorter= is not supported; sort the array first' };
    const side = strConst(b.get('side'), 'side', ['left', 'right'], 'left');
    if (err(side)) return side;
    const x = operand(v);
    if (err(x)) return x;
    const result = isScalar(x.t) ? T.int : T.ndarray('int64', isArr(x.t) ? x.t.rank : 1);
    return ok('', result, [], 'searchsorted', { ...a.detail, v: x.p, right: side === 'right' });
  },
  [
    {
      params: { a: NP, v: NP },
      expr: 'np.searchsorted(a, v)',
      samples: [[nd('float64', [5], [0, 1, 1, 2, 5]), nd('float64', [4], [1, -1, 6, 1.5])]],
    },
    {
      params: { a: NP, x: 'float' },
      expr: 'np.searchsorted(a, x, side="right")',
      samples: [[nd('float64', [3], [0, 1, 1]), 1.0]],
    },
    { params: { xs: 'list[int]' }, expr: 'np.searchsorted(xs, [2, 3])', samples: [[[1, 2, 3, 4]]] },
  ],
  [{ params: { a: NP }, expr: 'a.searchsorted(2.0)', samples: [[nd('float64', [4], [1, 2, 2, 3])]] }],
);

defineOp({
  id: 'numpy.unique',
  summary: 'np.unique(a, return_index=False, return_inverse=False, return_counts=False): sorted unique values',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'np.unique',
      ['ar', 'return_index', 'return_inverse', 'return_counts', 'axis', 'equal_nan'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    const a = asArray(b.get('ar')!);
    if (err(a)) return a;
    const ax = b.get('axis');
    if (ax && ax.t.kind !== 'none') return { error: 'np.unique with axis= is not supported' };
    const flags: boolean[] = [];
    for (const k of ['return_index', 'return_inverse', 'return_counts']) {
      const f = constFlag(b.get(k), k);
      if (err(f)) return f;
      flags.push(f);
    }
    const values = T.ndarray(a.t.dtype, 1);
    const parts: [string, Type][] = [['__u', values]];
    if (flags[0]) parts.push(['__i', T.ndarray('int64', 1)]);
    if (flags[1]) parts.push(['__v', T.ndarray('int64', a.t.rank === 0 ? 1 : a.t.rank)]);
    if (flags[2]) parts.push(['__c', T.ndarray('int64', 1)]);
    const result = parts.length === 1 ? values : T.tuple(parts.map((p) => p[1]));
    return ok('numpy.unique', result, args, 'unique', { ...a.detail, parts: parts.map((p) => p[0]) });
  },
  tests: [
    { params: { a: NP }, expr: 'np.unique(a)', samples: [[I6], [FNAN], [EMPTY]] },
    {
      params: { a: NP },
      expr: 'np.unique(a, return_index=True, return_inverse=True, return_counts=True)',
      samples: [[I6], [nd('int64', [2, 2], [3, 1, 1, 2])]],
    },
    {
      params: { xs: 'list[str]' },
      expr: 'len(np.unique(np.array([len(x) for x in xs])))',
      samples: [[['a', 'bb', 'c']]],
    },
    { params: { a: NP }, expr: 'np.unique(a, return_counts=True)[1]', samples: [[I6]] },
  ],
});

// ---- Set operations ------------------------------------------------------------------------------

const SETOPS: [string, string][] = [
  ['intersect1d', 'Intersect'],
  ['union1d', 'Union'],
  ['setdiff1d', 'Difference'],
  ['setxor1d', 'Xor'],
];
for (const [name, op] of SETOPS) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(a, b): sorted unique values`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.${name}`, ['ar1', 'ar2', 'assume_unique'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (!b.get('ar1') || !b.get('ar2')) return { error: `np.${name} needs two arrays` };
      const x = arrayOf(b.get('ar1')!);
      const y = arrayOf(b.get('ar2')!);
      if (err(x)) return x;
      if (err(y)) return y;
      const dtype = op === 'Difference' ? x.t.dtype : promoteArrays(x.t.dtype, y.t.dtype, 'numpy');
      return ok(`numpy.${name}`, T.ndarray(dtype, 1), args, 'setop', { op, x: x.p, y: y.p });
    },
    tests: [
      {
        params: { a: NP, b: NP },
        expr: `np.${name}(a, b)`,
        samples: [
          [I6, nd('int64', [4], [5, 3, 0, 3])],
          [F6, nd('float64', [2], [2.0, 9.0])],
        ],
      },
      {
        params: { xs: 'list[int]', ys: 'list[int]' },
        expr: `np.${name}(xs, ys)`,
        samples: [
          [
            [1, 2, 2, 5],
            [2, 7],
          ],
        ],
        deviation: 'an empty list keeps its static dtype (int64) where numpy makes it float64',
      },
    ],
  });
}

defineOp({
  id: 'numpy.isin',
  summary: "np.isin(element, test_elements, invert=False): a bool array of element's shape",
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.isin', ['element', 'test_elements', 'assume_unique', 'invert'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('element') || !b.get('test_elements')) return { error: 'np.isin needs two arguments' };
    const e = operand(b.get('element')!);
    if (err(e)) return e;
    const t = arrayOf(b.get('test_elements')!);
    if (err(t)) return t;
    const inv = flagArg(b.get('invert'), 'invert');
    if (err(inv)) return inv;
    const result = isScalar(e.t) ? T.bool : T.ndarray('bool', (e.t as Arr).rank);
    return ok('numpy.isin', result, args, 'isin', { e: e.p, t: t.p, invert: inv });
  },
  tests: [
    { params: { a: NP, b: NP }, expr: 'np.isin(a, b)', samples: [[I2x3, nd('int64', [3], [3, 0, -9])]] },
    { params: { a: NP }, expr: 'np.isin(a, [2.0, 0.0], invert=True)', samples: [[F6]] },
  ],
});
// np.in1d is gone from NumPy 2.4 (CPython raises AttributeError): a diagnostic naming np.isin.
declineNamespace('numpy.in1d', 'np.in1d was removed in NumPy 2.4; use np.isin(element, test_elements)');

// ---- Windows, interpolation, histograms ----------------------------------------------------------

defineOp({
  id: 'numpy.convolve',
  summary: 'np.convolve(a, v, mode="full"): discrete linear convolution ("full", "same", "valid")',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.convolve', ['a', 'v', 'mode'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('a') || !b.get('v')) return { error: 'np.convolve needs two arrays' };
    const x = arrayOf(b.get('a')!);
    const y = arrayOf(b.get('v')!);
    if (err(x)) return x;
    if (err(y)) return y;
    const mode = strConst(b.get('mode'), 'mode', ['full', 'same', 'valid'], 'full');
    if (err(mode)) return mode;
    return ok('numpy.convolve', T.ndarray(promoteArrays(x.t.dtype, y.t.dtype, 'numpy'), 1), args, 'convolve', {
      x: x.p,
      y: y.p,
      mode,
    });
  },
  tests: [
    {
      params: { a: NP, v: NP },
      expr: 'np.convolve(a, v)',
      samples: [
        [F6, nd('float64', [3], [0.25, 0.5, 0.25])],
        [nd('int64', [2], [1, 2]), nd('int64', [4], [1, 0, -1, 2])],
      ],
    },
    { params: { a: NP }, expr: 'np.convolve(a, np.ones(3) / 3, mode="valid")', samples: [[F6]] },
    {
      params: { a: NP },
      expr: 'np.convolve(a, [1.0, -1.0], mode="same")',
      samples: [[F6], [nd('float64', [1], [2.0])]],
    },
  ],
});

defineOp({
  id: 'numpy.interp',
  summary: 'np.interp(x, xp, fp, left=None, right=None): piecewise-linear interpolation (float64)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.interp', ['x', 'xp', 'fp', 'left', 'right'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('x') || !b.get('xp') || !b.get('fp')) return { error: 'np.interp needs x, xp and fp' };
    const x = operand(b.get('x')!);
    if (err(x)) return x;
    const xp = arrayOf(b.get('xp')!);
    const fp = arrayOf(b.get('fp')!);
    if (err(xp)) return xp;
    if (err(fp)) return fp;
    const left = numArg(b.get('left'), 'left');
    const right = numArg(b.get('right'), 'right');
    if (err(left)) return left;
    if (err(right)) return right;
    const result = isScalar(x.t) ? T.float : T.ndarray('float64', (x.t as Arr).rank);
    return ok('numpy.interp', result, args, 'interp', { x: x.p, xp: xp.p, fp: fp.p, left, right });
  },
  tests: [
    {
      params: { x: NP },
      expr: 'np.interp(x, [0.0, 1.0, 3.0], [10.0, 20.0, 0.0])',
      samples: [[nd('float64', [6], [-1, 0, 0.5, 2, 3, 4])], [nd('float32', [2], [0.25, 2.5])]],
    },
    {
      params: { x: 'float' },
      expr: 'np.interp(x, [1, 2], [3, 5], left=0.0, right=-1)',
      samples: [[1.5], [0.0], [9.0]],
    },
  ],
});

defineOp({
  id: 'numpy.bincount',
  summary: 'np.bincount(x, weights=None, minlength=0): counts of non-negative ints',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.bincount', ['x', 'weights', 'minlength'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const x = arrayOf(b.get('x')!);
    if (err(x)) return x;
    const w = b.get('weights');
    let weights: Passed | undefined;
    if (w && w.t.kind !== 'none') {
      const y = arrayOf(w);
      if (err(y)) return y;
      weights = y.p;
    }
    const m = intArg(b.get('minlength'), 'minlength');
    if (err(m)) return m;
    return ok('numpy.bincount', T.ndarray(weights ? 'float64' : 'int64', 1), args, 'bincount', {
      x: x.p,
      weights,
      minlength: m,
    });
  },
  tests: [
    { params: { a: NP }, expr: 'np.bincount(a)', samples: [[I6], [nd('int64', [0], [])], [nd('int64', [2], [-1, 2])]] },
    { params: { a: NP }, expr: 'np.bincount(a, weights=np.ones(6) * 0.5, minlength=6)', samples: [[I6]] },
  ],
});

defineOp({
  id: 'numpy.histogram',
  summary:
    'np.histogram(a, bins=10, range=None, density=None, weights=None): (counts, edges) over equal-width bins or given edges (returned as passed); weights sum per bin, density divides by widths and the total',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.histogram', ['a', 'bins', 'range', 'density', 'weights'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const a = arrayOf(b.get('a')!);
    if (err(a)) return a;
    // bins: an int count of equal-width bins, or the edges themselves (an array or a list).
    const binsB = b.get('bins');
    let edges: { t: Arr; p: Passed } | undefined;
    if (binsB && binsB.t.kind !== 'int' && binsB.t.kind !== 'none') {
      const e = arrayOf(binsB);
      if (err(e)) return { error: `bins must be an int or a sequence of edges, not ${typeToString(binsB.t)}` };
      edges = e;
    }
    const bins = edges ? undefined : intArg(binsB, 'bins');
    if (err(bins)) return bins;
    const d = b.get('density');
    if (d && d.t.kind !== 'bool' && d.t.kind !== 'none') return { error: 'density must be a bool' };
    const wb = b.get('weights');
    let weights: { t: Arr; p: Passed } | undefined;
    if (wb && wb.t.kind !== 'none') {
      const w = arrayOf(wb);
      if (err(w)) return w;
      weights = w;
    }
    const r = b.get('range');
    let range: string[] | undefined;
    if (r && r.t.kind !== 'none') {
      if (
        r.t.kind !== 'tuple' ||
        r.t.items.length !== 2 ||
        !r.t.items.every((t) => t.kind === 'int' || t.kind === 'float')
      )
        return { error: 'range must be a tuple of two numbers' };
      range = [r.at, ...r.t.items.map((t) => t.kind)];
    }
    const densityAt = d && d.t.kind === 'bool' ? d.at : undefined;
    if (!edges && !weights && !densityAt)
      return ok('numpy.histogram', T.tuple([T.ndarray('int64', 1), T.ndarray('float64', 1)]), args, 'histogram', {
        a: a.p,
        bins,
        range,
      });
    // Counts are floats under density (a bool only known at run time could be either: not supported) or float weights.
    if (densityAt && d!.c?.kind !== 'bool') return { error: 'density must be a literal True or False here' };
    const dens = densityAt !== undefined && d!.c?.kind === 'bool' && d!.c.value;
    // Without density the counts take the weights' kind: int64 for int weights, float64 for float ones (known at run time
    // when the weights' dtype is not static).
    const countDtype =
      dens || !weights
        ? dens
          ? 'float64'
          : 'int64'
        : weights.t.dtype === undefined
          ? undefined
          : kindOf(weights.t.dtype) === 2
            ? 'float64'
            : 'int64';
    const edgeType = edges ? T.ndarray(edges.t.dtype, 1, 'numpy') : T.ndarray('float64', 1);
    return ok('numpy.histogram', T.tuple([T.ndarray(countDtype, 1), edgeType]), args, 'histogram_edges', {
      a: a.p,
      bins,
      range,
      edges: edges?.p,
      weights: weights?.p,
      density: String(dens),
    });
  },
  tests: [
    { params: { a: NP }, expr: 'np.histogram(a, bins=3)', samples: [[F6], [I6], [EMPTY]] },
    { params: { a: NP }, expr: 'np.histogram(a, 4, range=(0, 4))', samples: [[F6]] },
    {
      params: { a: NP },
      expr: 'np.histogram(a, bins=[-7.25, 0.0, 2.0, 3.5]), np.histogram(a, [0, 2, 5]), np.histogram(a, np.array([-1.0, 1.0, 2.0, 2.0, 4.0]))',
      samples: [[F6], [I6], [EMPTY], [FNAN]],
    },
    {
      params: { a: NP, w: NP },
      expr: 'np.histogram(a, bins=[0, 1, 2, 4], weights=w), np.histogram(a, 3, weights=w), np.histogram(a, bins=[0, 1, 2, 4], weights=w, density=True)',
      samples: [
        [I6, F6],
        [I6, I6],
        [F6, nd('float64', [5], [1, 2, 3, 4, 5])],
      ],
    },
    {
      params: { a: NP },
      expr: 'np.histogram(a, bins=4, density=True), np.histogram(a, 3, range=(0, 3), density=False), np.histogram(a, [0.0, 1.0], density=True)',
      samples: [[F6], [I6]],
    },
    { params: { a: NP }, expr: 'np.histogram(a, bins=[0, 3, 2])', samples: [[F6]] },
  ],
});

defineOp({
  id: 'numpy.digitize',
  summary: 'np.digitize(x, bins, right=False): bin indices for increasing bins',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.digitize', ['x', 'bins', 'right'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('x') || !b.get('bins')) return { error: 'np.digitize needs x and bins' };
    const x = operand(b.get('x')!);
    if (err(x)) return x;
    const bins = arrayOf(b.get('bins')!);
    if (err(bins)) return bins;
    const right = flagArg(b.get('right'), 'right');
    if (err(right)) return right;
    const result = isScalar(x.t) ? T.int : T.ndarray('int64', (x.t as Arr).rank);
    return ok('numpy.digitize', result, args, 'digitize', { x: x.p, bins: bins.p, right });
  },
  tests: [
    { params: { a: NP }, expr: 'np.digitize(a, [0.0, 1.0, 2.5])', samples: [[F6]] },
    { params: { x: 'float' }, expr: 'np.digitize(x, [0.0, 1.0, 2.5], right=True)', samples: [[1.0], [-3.0]] },
  ],
});

defineOp({
  id: 'numpy.lib.stride_tricks.sliding_window_view',
  summary: 'sliding_window_view(x, window_shape, axis=None): the windows as a new last axis (one window axis)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('sliding_window_view', ['x', 'window_shape', 'axis'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const x = arrayOf(b.get('x')!);
    if (err(x)) return x;
    const w = b.get('window_shape');
    if (!w || w.t.kind !== 'int') return { error: 'window_shape must be an int here (one window axis)' };
    const axis = intArg(b.get('axis'), 'axis');
    if (err(axis)) return axis;
    return ok(
      'numpy.lib.stride_tricks.sliding_window_view',
      T.ndarray(x.t.dtype, x.t.rank === undefined ? undefined : x.t.rank + 1),
      args,
      'windows',
      { x: x.p, w: w.at, axis },
    );
  },
  tests: [
    {
      params: { a: NP },
      expr: 'np.lib.stride_tricks.sliding_window_view(a, 3)',
      samples: [[F6], [nd('float64', [2], [1, 2])]],
    },
    {
      params: { a: NP },
      expr: 'np.lib.stride_tricks.sliding_window_view(a, 2, axis=1).sum(axis=-1)',
      samples: [[F2x3]],
    },
  ],
});

// ---- Linear algebra ------------------------------------------------------------------------------

defineOp({
  id: 'numpy.outer',
  summary: 'np.outer(a, b): the products of the flattened arrays',
  resolve: (args) => {
    if (args.length !== 2) return { error: 'np.outer takes two arrays' };
    const x = arrayOf({ t: args[0]!, at: '0' });
    const y = arrayOf({ t: args[1]!, at: '1' });
    if (err(x)) return x;
    if (err(y)) return y;
    return ok('numpy.outer', T.ndarray(promoteArrays(x.t.dtype, y.t.dtype, 'numpy'), 2), args, 'outer', {
      x: x.p,
      y: y.p,
    });
  },
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'np.outer(a, b)',
      samples: [
        [F6, nd('float64', [2], [1, -1])],
        [I6, nd('int64', [3], [2, 0, 1])],
      ],
    },
  ],
});

for (const [name, summary] of [
  ['det', 'the determinant (of each matrix of a stack)'],
  ['inv', "the inverse; a singular matrix raises ValueError('Singular matrix') (numpy's LinAlgError is a ValueError)"],
] as const) {
  defineOp({
    id: `numpy.linalg.${name}`,
    summary: `np.linalg.${name}(a): ${summary}`,
    resolve: (args, kw) => {
      if (args.length !== 1 || kw.size > 0) return { error: `np.linalg.${name} takes one array` };
      const a = arrayOf({ t: args[0]!, at: '0' });
      if (err(a)) return a;
      const dtype = a.t.dtype === 'float32' ? 'float32' : a.t.dtype === undefined ? undefined : 'float64';
      if (name === 'inv') return ok(`numpy.linalg.${name}`, T.ndarray(dtype, a.t.rank), args, 'linalg', { a: a.p });
      const rank = a.t.rank === undefined ? undefined : a.t.rank - 2;
      const result = rank === 0 && dtype !== undefined ? scalarOf(dtype).type : T.ndarray(dtype, rank);
      return ok(`numpy.linalg.${name}`, result, args, 'linalg', { a: a.p });
    },
    tests: [
      {
        params: { a: NP },
        expr: `np.linalg.${name}(a)`,
        samples: [
          [nd('float64', [2, 2], [4, 7, 2, 6])],
          [nd('float64', [3, 3], [0, 2, 1, 1, 1, 0, 3, 0, 1])],
          [nd('int64', [2, 2], [1, 2, 3, 4])],
          ...(name === 'det' ? [[nd('float64', [2, 2], [1, 2, 2, 4])]] : []),
        ],
      },
    ],
  });
}

defineOp({
  id: 'numpy.append',
  summary: 'np.append(arr, values, axis=None): a new array, both flattened and joined (or joined along axis)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.append', ['arr', 'values', 'axis'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('arr') || !b.get('values')) return { error: 'np.append takes an array and the values to append' };
    const a = arrayOf(b.get('arr')!);
    const v = arrayOf(b.get('values')!);
    if (err(a)) return a;
    if (err(v)) return v;
    const ax = b.get('axis');
    const axis = ax === undefined || ax.t.kind === 'none' ? 'none' : axisArg(ax);
    if (err(axis)) return axis;
    const dtype = a.t.dtype && v.t.dtype ? promoteArrays(a.t.dtype, v.t.dtype, 'numpy') : undefined;
    return ok('numpy.append', T.ndarray(dtype, axis === 'none' ? 1 : a.t.rank), args, 'append', {
      arr: a.p,
      values: v.p,
      axis,
    });
  },
  tests: [
    { params: { a: NP }, expr: 'np.append(a[0], a[1:] - 0.5 * a[:-1])', samples: [[F6], [I6]] },
    {
      params: { a: NP, x: 'float' },
      expr: 'np.append(a, x)',
      samples: [
        [F2x3, 1.5],
        [EMPTY, 2.0],
      ],
    },
    { params: { a: NP }, expr: 'np.append(a, [[1, 2, 3]], axis=0)', samples: [[I2x3], [F2x3]] },
    { params: { a: NP }, expr: 'np.append(a, [[1, 2]], axis=0)', samples: [[I2x3]] },
  ],
});

defineOp({
  id: 'numpy.linalg.solve',
  summary:
    "np.linalg.solve(a, b): x with a @ x == b, for a vector or a matrix of right-hand sides; a singular matrix raises ValueError (numpy's LinAlgError is a ValueError)",
  resolve: (args, kw) => {
    if (args.length !== 2 || kw.size > 0) return { error: 'np.linalg.solve takes two arrays' };
    const a = arrayOf({ t: args[0]!, at: '0' });
    const b = arrayOf({ t: args[1]!, at: '1' });
    if (err(a)) return a;
    if (err(b)) return b;
    const fa = a.t.dtype === 'float32' ? 'float32' : 'float64';
    const fb = b.t.dtype === 'float32' ? 'float32' : 'float64';
    return ok('numpy.linalg.solve', T.ndarray(promoteArrays(fa, fb, 'numpy'), b.t.rank), args, 'solve', {
      a: a.p,
      b: b.p,
    });
  },
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'np.linalg.solve(a, b)',
      samples: [
        [nd('float64', [2, 2], [3, 1, 1, 2]), nd('float64', [2], [9, 8])],
        [nd('int64', [2, 2], [2, 0, 0, 4]), nd('float64', [2, 2], [1, 2, 3, 4])],
      ],
    },
  ],
});

defineOp({
  id: 'numpy.meshgrid',
  summary: 'np.meshgrid(x, y, indexing="xy"): the coordinate matrices of two 1-d arrays',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.meshgrid', ['x', 'y', 'indexing'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('x') || !b.get('y')) return { error: 'np.meshgrid takes two 1-d arrays here' };
    const x = arrayOf(b.get('x')!);
    const y = arrayOf(b.get('y')!);
    if (err(x)) return x;
    if (err(y)) return y;
    const ix = strConst(b.get('indexing'), 'indexing', ['xy', 'ij'], 'xy');
    if (err(ix)) return ix;
    return ok('numpy.meshgrid', T.tuple([T.ndarray(x.t.dtype, 2), T.ndarray(y.t.dtype, 2)]), args, 'meshgrid', {
      x: x.p,
      y: y.p,
      ij: ix === 'ij',
    });
  },
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'np.meshgrid(a, b)',
      samples: [[nd('float64', [3], [1, 2, 3]), nd('int64', [2], [10, 20])]],
    },
    { params: { n: 'int' }, expr: 'np.meshgrid(np.arange(n), np.arange(2), indexing="ij")', samples: [[3]] },
  ],
});

// ---- Creation ------------------------------------------------------------------------------------

for (const [name, fill] of [
  ['zeros_like', 0],
  ['ones_like', 1],
  ['empty_like', 0],
  ['full_like', undefined],
] as const) {
  arrayFunction(
    name,
    `an array of a's shape${fill === undefined ? ' filled with fill_value' : ''} (a's dtype unless dtype= is given)`,
    fill === undefined ? ['fill_value', 'dtype'] : ['dtype'],
    (a, b) => {
      const d = dtypeArg(b.get('dtype'));
      if (err(d)) return d;
      const dtype = d ?? a.t.dtype;
      const value = fill === undefined ? numArg(b.get('fill_value'), 'fill_value') : undefined;
      if (err(value)) return value;
      if (fill === undefined && !value) return { error: 'np.full_like needs a fill value' };
      return ok('', T.ndarray(dtype, a.t.rank), [], 'like', { ...a.detail, fill, value, dtype: d });
    },
    [
      // np.empty_like leaves the values unset: only its shape and dtype are compared.
      {
        params: { a: NP },
        expr: `np.${name}(a${fill === undefined ? ', 7' : ''})${name === 'empty_like' ? '.shape' : ''}`,
        samples: [[F2x3], [I6]],
      },
      {
        params: { a: NP },
        expr: `np.${name}(a${fill === undefined ? ', 0.5' : ''}, dtype=np.float32)${name === 'empty_like' ? '.shape' : ''}`,
        samples: [[I2x3]],
      },
    ],
  );
}

for (const name of ['eye', 'identity']) {
  defineOp({
    id: `numpy.${name}`,
    summary: name === 'eye' ? 'np.eye(N, M=None, k=0, dtype=float)' : 'np.identity(n, dtype=float)',
    resolve: (args, kw, consts, kwConsts) => {
      const names = name === 'eye' ? ['N', 'M', 'k', 'dtype'] : ['N', 'dtype'];
      const b = bindArgs(`np.${name}`, names, args, kw, consts, kwConsts);
      if (err(b)) return b;
      const n = intArg(b.get('N'), 'N');
      const m = intArg(b.get('M'), 'M');
      const k = intArg(b.get('k'), 'k');
      if (err(n)) return n;
      if (err(m)) return m;
      if (err(k)) return k;
      if (!n) return { error: `np.${name} needs a size` };
      const d = dtypeArg(b.get('dtype'));
      if (err(d)) return d;
      const dtype = d ?? 'float64';
      return ok(`numpy.${name}`, T.ndarray(dtype, 2), args, 'eye', { n, m, k, dtype });
    },
    tests: [
      { params: { n: 'int' }, expr: `np.${name}(n)`, samples: [[3], [0]] },
      ...(name === 'eye'
        ? [{ params: { n: 'int' }, expr: 'np.eye(n, 4, k=1, dtype=np.int64)', samples: [[2], [5]] }]
        : []),
    ],
  });
}

arrayFunction(
  'tile',
  'the array repeated `reps` times (an int or a tuple per axis)',
  ['reps'],
  (a, b) => {
    const r = b.get('reps');
    if (!r) return { error: 'np.tile needs reps' };
    const s = shapeArg([r]);
    if (err(s)) return s;
    const rank = a.t.rank === undefined || s.rank === undefined ? undefined : Math.max(a.t.rank, s.rank);
    return ok('', T.ndarray(a.t.dtype, rank), [], 'tile', { ...a.detail, ...s.detail });
  },
  [
    { params: { a: NP }, expr: 'np.tile(a, 2)', samples: [[F6], [I2x3]] },
    { params: { a: NP }, expr: 'np.tile(a, (2, 1))', samples: [[nd('int64', [3], [1, 2, 3])], [F2x3]] },
  ],
);

arrayFunction(
  'repeat',
  'each element repeated `repeats` times (flattened unless an axis is given)',
  ['repeats', 'axis'],
  (a, b) => {
    const r = intArg(b.get('repeats'), 'repeats (one count for all elements)');
    if (err(r)) return r;
    if (!r) return { error: 'np.repeat needs repeats' };
    const axis = axisOf(b.get('axis'));
    if (err(axis)) return axis;
    const all = axis === 'none' || axis === 'default';
    return ok('', T.ndarray(a.t.dtype, all ? 1 : a.t.rank, a.t.flavor), [], 'repeat', {
      ...a.detail,
      repeats: r,
      axis,
    });
  },
  [
    { params: { a: NP }, expr: 'np.repeat(a, 2)', samples: [[F2x3], [I6]] },
    { params: { a: NP }, expr: 'np.repeat(a, 3, axis=0)', samples: [[F2x3]] },
  ],
  [{ params: { a: NP }, expr: 'a.repeat(2, axis=1)', samples: [[I2x3]] }],
);

// ---- Shapes --------------------------------------------------------------------------------------

arrayFunction(
  'squeeze',
  'drops axes of length one (all of them, or the one given)',
  ['axis'],
  (a, b) => {
    const axis = axisOf(b.get('axis'));
    if (err(axis)) return axis;
    const rank = axis === 'none' || axis === 'default' ? undefined : a.t.rank === undefined ? undefined : a.t.rank - 1;
    return ok('', T.ndarray(a.t.dtype, rank, a.t.flavor), [], 'squeeze', { ...a.detail, axis });
  },
  [
    { params: { a: NP }, expr: 'np.squeeze(a)', samples: [[nd('float64', [1, 3, 1], [1, 2, 3])], [F2x3]] },
    { params: { a: NP }, expr: 'np.squeeze(a, axis=0)', samples: [[nd('float64', [1, 3], [1, 2, 3])], [F2x3]] },
  ],
  [{ params: { a: NP }, expr: 'a.squeeze()', samples: [[nd('int64', [1, 2, 1], [4, 5])]] }],
);

arrayFunction(
  'ravel',
  'the flattened array',
  [],
  (a) => ok('', T.ndarray(a.t.dtype, 1, a.t.flavor), [], 'ravel', a.detail),
  [{ params: { a: NP }, expr: 'np.ravel(a)', samples: [[F2x3]] }],
  [{ params: { a: NP }, expr: 'a.ravel()', samples: [[I2x3]] }],
);

arrayFunction(
  'swapaxes',
  'the array with two axes exchanged',
  ['axis1', 'axis2'],
  (a, b) => {
    const x = intArg(b.get('axis1'), 'axis1');
    const y = intArg(b.get('axis2'), 'axis2');
    if (err(x)) return x;
    if (err(y)) return y;
    if (!x || !y) return { error: 'swapaxes needs two axes' };
    return ok('', a.t, [], 'swapaxes', { ...a.detail, x, y });
  },
  [{ params: { a: NP }, expr: 'np.swapaxes(a, 0, 1)', samples: [[F2x3]] }],
  [{ params: { a: NP }, expr: 'a.swapaxes(-1, 0)', samples: [[I2x3]] }],
);

for (const [name, fn] of [
  ['vstack', 'vstack'],
  ['hstack', 'hstack'],
  ['row_stack', 'vstack'],
] as const) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(arrays)`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.${name}`, ['tup'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (!b.get('tup')) return { error: `np.${name} needs a list of arrays` };
      const l = arrayList(b.get('tup')!);
      if (err(l)) return l;
      const r = l.item.rank;
      const rank = r === undefined ? undefined : fn === 'vstack' ? Math.max(r, 2) : Math.max(r, 1);
      return ok(`numpy.${name}`, T.ndarray(l.item.dtype, rank), args, 'stack2', { ...l.detail, fn });
    },
    tests: [
      {
        params: { a: NP, b: NP },
        expr: `np.${name}([a, b])`,
        samples: [
          [F6, F6],
          [F2x3, F2x3],
        ],
      },
    ],
  });
}

for (const [name, exact] of [
  ['split', true],
  ['array_split', false],
] as const) {
  arrayFunction(
    name,
    'a list of sub-arrays: n equal parts, or cut at the given indices',
    ['indices_or_sections', 'axis'],
    (a, b) => {
      const s = b.get('indices_or_sections');
      if (!s) return { error: `np.${name} needs the number of sections or the indices` };
      if (s.t.kind !== 'int' && !(s.t.kind === 'list' && s.t.item.kind === 'int'))
        return { error: 'indices_or_sections must be an int or a list of ints' };
      const axis = intArg(b.get('axis'), 'axis');
      if (err(axis)) return axis;
      return ok('', T.list(a.t), [], 'split', {
        ...a.detail,
        sections: s.at,
        axis,
        exact,
      });
    },
    [
      { params: { a: NP }, expr: `np.${name}(a, 3)`, samples: [[F6], [nd('float64', [4], [1, 2, 3, 4])]] },
      { params: { a: NP }, expr: `np.${name}(a, [1, 4])`, samples: [[F6]] },
      { params: { a: NP }, expr: `np.${name}(a, 2, axis=0)`, samples: [[F2x3]] },
    ],
  );
}

for (const [name, axisDefault] of [
  ['flip', undefined],
  ['fliplr', 1],
  ['flipud', 0],
] as const) {
  arrayFunction(
    name,
    'the elements in reversed order along the axis (all axes for flip without one)',
    name === 'flip' ? ['axis'] : [],
    (a, b) => {
      const axis = axisOf(b.get('axis'));
      if (err(axis)) return axis;
      return ok('', a.t, [], 'flip', { ...a.detail, axis, axisDefault });
    },
    [{ params: { a: NP }, expr: `np.${name}(a)`, samples: [[F2x3]] }],
  );
}

arrayFunction(
  'roll',
  'the elements shifted along the axis, wrapping around (the flattened array by default)',
  ['shift', 'axis'],
  (a, b) => {
    const s = intArg(b.get('shift'), 'shift');
    if (err(s)) return s;
    if (!s) return { error: 'np.roll needs a shift' };
    const axis = axisOf(b.get('axis'));
    if (err(axis)) return axis;
    return ok('', a.t, [], 'roll', { ...a.detail, shift: s, axis });
  },
  [
    { params: { a: NP }, expr: 'np.roll(a, 2)', samples: [[F6], [F2x3]] },
    { params: { a: NP }, expr: 'np.roll(a, -1, axis=1)', samples: [[I2x3]] },
  ],
);

for (const [name, n] of [
  ['atleast_1d', 1],
  ['atleast_2d', 2],
] as const) {
  arrayFunction(
    name,
    `the array with at least ${n} dimension(s)`,
    [],
    (a) =>
      ok('', T.ndarray(a.t.dtype, a.t.rank === undefined ? undefined : Math.max(a.t.rank, n)), [], 'atleast', {
        ...a.detail,
        n,
      }),
    [{ params: { a: NP }, expr: `np.${name}(a)`, samples: [[F6], [F2x3]] }],
  );
}

arrayFunction(
  'pad',
  'the array padded by pad_width (an int, a pair, or a pair per axis) in mode "constant", "edge", "reflect", "symmetric" or "wrap"',
  ['pad_width', 'mode', 'constant_values'],
  (a, b) => {
    const w = b.get('pad_width');
    if (!w) return { error: 'np.pad needs pad_width' };
    const pairOk = (t: Type): boolean =>
      t.kind === 'tuple' && t.items.length === 2 && t.items.every((x) => x.kind === 'int');
    const widthOk =
      w.t.kind === 'int' ||
      pairOk(w.t) ||
      (w.t.kind === 'tuple' && w.t.items.length <= 3 && w.t.items.every(pairOk)) ||
      (w.t.kind === 'list' && (pairOk(w.t.item) || (w.t.item.kind === 'list' && w.t.item.item.kind === 'int')));
    if (!widthOk) return { error: 'pad_width must be an int, a (before, after) pair, or one pair per axis' };
    const mode = strConst(b.get('mode'), 'mode', ['constant', 'edge', 'reflect', 'symmetric', 'wrap'], 'constant');
    if (err(mode)) return mode;
    const cv = numArg(b.get('constant_values'), 'constant_values (one number)');
    if (err(cv)) return cv;
    return ok('', a.t, [], 'pad', {
      ...a.detail,
      width: w.at,
      mode,
      value: cv,
    });
  },
  [
    { params: { a: NP }, expr: 'np.pad(a, 2)', samples: [[F6], [I2x3]] },
    { params: { a: NP }, expr: 'np.pad(a, (1, 2), mode="edge")', samples: [[F6], [F2x3]] },
    { params: { a: NP }, expr: 'np.pad(a, ((0, 1), (2, 0)), mode="reflect")', samples: [[F2x3]] },
    { params: { a: NP }, expr: 'np.pad(a, (3, 3), mode="reflect")', samples: [[nd('int64', [3], [1, 2, 3])]] },
    { params: { a: NP }, expr: 'np.pad(a, 1, constant_values=-1)', samples: [[I6]] },
  ],
);

// ---- Index assignment ----------------------------------------------------------------------------

/** The index of `a[...] = v` as `nd::Ix` items (a tuple is split into its items). */
function ixItems(i: Type, at: At): string {
  if (i.kind === 'tuple') {
    const items = i.items.map((_, k) => `nd::Ix::from(__ix.${k})`).join(', ');
    return `{ let __ix = ${own(at)}; vec![${items}] }`;
  }
  return `vec![nd::Ix::from((${own(at)}))]`;
}

const indexOk = (t: Type): boolean =>
  t.kind === 'int' ||
  t.kind === 'bool' ||
  t.kind === 'slice' ||
  t.kind === 'none' ||
  (t.kind === 'opaque' && t.name === 'ellipsis') ||
  (isArr(t) && (t.dtype === undefined || t.dtype === 'int64' || t.dtype === 'bool')) ||
  (t.kind === 'list' && (t.item.kind === 'int' || t.item.kind === 'bool'));

extendOp('operator.setitem', {
  summary:
    'numpy arrays and tensors: a[i] = v, a[lo:hi] = v, a[mask] = v, a[idx] = v, a[:, [0, 2]] = v (v broadcast and cast), in place',
  resolve: (args) => {
    const [a, i, v] = args;
    if (!isArr(a) || !i || !v) return undefined;
    // A tensor's bool-mask assignment has its own rule (torch.ts); every other index form is numpy's.
    if (a.flavor === 'torch' && isArr(i) && i.dtype === 'bool') return undefined;
    const items = i.kind === 'tuple' ? i.items : [i];
    if (!items.every(indexOk))
      return {
        error: `an array index must be ints, slices, None, \`...\`, bool masks or int arrays, not ${typeToString(i)}`,
      };
    // A list of numbers (`out[i, :len(s)] = s`) is converted as np.array would, then cast to the array's dtype.
    if (a.flavor !== 'torch' && !isArr(v) && listArrayType(v)) {
      // numpy's answer for a list put into one element depends on the dtype (float: its one item, int: TypeError).
      if (items.every((x) => x.kind === 'int') && (a.rank === undefined || items.length >= a.rank))
        return {
          error:
            'a list is assigned into an array through an index that selects a slice or a row (`a[i, :n] = xs`); one element takes a number',
        };
      return ok('operator.setitem', T.none, args, 'ndarray_list');
    }
    if (!isArr(v) && !isScalar(v))
      return { error: `the assigned value must be a number or an array, not ${typeToString(v)}; use np.array(...)` };
    return ok('operator.setitem', T.none, args, a.flavor === 'torch' ? 'tensor' : 'ndarray');
  },
  tests: [
    { params: { a: NP }, body: 'a[a < 0] = 0\nreturn a', samples: [[F2x3], [I2x3]] },
    { params: { a: NP }, body: 'a[1] = 9.5\nreturn a', samples: [[F6], [F2x3]] },
    { params: { a: NP }, body: 'a[:, [0, 2]] = -1\nreturn a', samples: [[I2x3]] },
    { params: { a: NP, i: NP }, body: 'a[i] += 1\nreturn a', samples: [[I6, nd('int64', [3], [0, 0, 5])]] },
    { params: { a: NP }, body: 'a[1:3] = np.array([7.0, 8.0])\nreturn a', samples: [[F6]] },
    { params: { a: NP }, body: 'b = a\na[0, :] = a[1, :]\nreturn b', samples: [[F2x3]] },
    {
      params: { seqs: 'list[list[int]]' },
      body: 'out = np.full((len(seqs), 4), -1, dtype=np.int64)\nfor i, s in enumerate(seqs):\n    out[i, :len(s)] = s\nreturn out',
      samples: [[[[1, 2, 3], [4], []]], [[[5, 6, 7, 8, 9]]]],
    },
    {
      params: { a: NP, xs: 'list[float]' },
      body: 'b = np.array(a)\nb[1:3] = xs\nreturn b',
      samples: [
        [F6, [0.5, 2.5]],
        [I6, [1.9, -2.9]],
        [F6, [1.0]],
        [F6, [1.0, 2.0, 3.0]],
      ],
    },
    {
      params: { a: NP, rows: 'list[list[float]]' },
      body: 'b = np.array(a)\nb[:, :2] = rows\nreturn b',
      samples: [
        [
          F2x3,
          [
            [9.0, 8.0],
            [7.0, 6.0],
          ],
        ],
        [F2x3, [[1.0, 2.0]]],
      ],
    },
  ],
});

// ---- Along an axis: take_along_axis, put_along_axis, insert, delete ---------------------------------

/** `axis=` of the along-axis ops: where an int was passed, or `'none'`; required where numpy requires it. */
function alongAxis(b: Bound | undefined, id: string): At | 'none' | { error: string } {
  if (!b) return { error: `\`${id}\` needs its axis (an int, or None for the flattened array)` };
  return axisArg(b);
}

/**
 * The positions argument of np.insert / np.delete: an int, a list of ints or an int array (spelled as a slice of
 * i64), with whether it was one int.
 */
function positionsOf(b: Bound | undefined, id: string): { code: string; single: boolean } | { error: string } {
  if (!b) return { error: `\`${id}\` needs the positions` };
  if (b.t.kind === 'int' || b.t.kind === 'bool') return { code: `&[{${b.at}} as i64]`, single: true };
  if (b.t.kind === 'list' && b.t.item.kind === 'int') return { code: `&{&${b.at}}[..]`, single: false };
  if (isArr(b.t) && b.t.dtype !== undefined && kindOf(b.t.dtype) === 1 && b.t.rank === 1)
    return { code: `&{&${b.at}}.to_i64_vec()?[..]`, single: false };
  return {
    error: `\`${id}\` takes the positions as an int, a list of ints or a 1-d int array, not ${typeToString(b.t)} (a slice or a boolean mask is not supported)`,
  };
}

const optAxis = (axis: At | 'none'): string => (axis === 'none' ? 'None' : `Some(${own(axis)})`);

defineOp({
  id: 'numpy.take_along_axis',
  summary: 'np.take_along_axis(arr, indices, axis): the items at indices along axis (broadcast), None for flattened',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.take_along_axis', ['arr', 'indices', 'axis'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('arr') || !b.get('indices')) return { error: 'np.take_along_axis takes an array and indices' };
    const a = arrayOf(b.get('arr')!);
    if (err(a)) return a;
    const i = arrayOf(b.get('indices')!);
    if (err(i)) return i;
    const axis = alongAxis(b.get('axis'), 'np.take_along_axis');
    if (err(axis)) return axis;
    const rank = axis === 'none' ? 1 : i.t.rank;
    return ok('numpy.take_along_axis', T.ndarray(a.t.dtype, rank), args, 'take', { arr: a.p, indices: i.p, axis });
  },
  spell: {
    take: (c) =>
      `nd::take_along_axis(${refArg(passed(c, 'arr')!)}, ${refArg(passed(c, 'indices')!)}, ${optAxis(c.detail!.axis as At | 'none')})?`,
  },
  tests: [
    {
      params: { a: NP },
      body: 'i = np.argsort(a, axis=1)\nreturn np.take_along_axis(a, i, axis=1), np.take_along_axis(a, i[:, :1], axis=1), np.take_along_axis(a, np.array([[1], [-1]]), axis=1)',
      samples: [[F2x3], [I2x3]],
    },
    {
      params: { a: NP, i: NP },
      expr: 'np.take_along_axis(a, i, axis=0), np.take_along_axis(a.ravel(), i.ravel(), axis=None)',
      samples: [
        [F2x3, nd('int64', [1, 3], [1, 0, 1])],
        [I2x3, nd('int64', [2, 1], [0, 1])],
        [F2x3, nd('int64', [1, 3], [2, 0, 0])],
      ],
    },
  ],
});

defineOp({
  id: 'numpy.put_along_axis',
  summary: 'np.put_along_axis(arr, indices, values, axis): writes values (broadcast) at indices along axis, in place',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.put_along_axis', ['arr', 'indices', 'values', 'axis'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const arr = b.get('arr');
    if (!arr || !isArr(arr.t) || !b.get('indices') || !b.get('values'))
      return { error: 'np.put_along_axis takes an array (changed in place), indices and values' };
    const i = arrayOf(b.get('indices')!);
    if (err(i)) return i;
    const v = operand(b.get('values')!);
    if (err(v)) return v;
    const axis = alongAxis(b.get('axis'), 'np.put_along_axis');
    if (err(axis)) return axis;
    return ok('numpy.put_along_axis', T.none, args, 'put', { arr: arr.at, indices: i.p, values: v.p, axis });
  },
  spell: {
    put: (c) =>
      `nd::put_along_axis({&${c.detail!.arr as string}}, ${refArg(passed(c, 'indices')!)}, ${ownedArg(passed(c, 'values')!)}, ${optAxis(c.detail!.axis as At | 'none')})?`,
  },
  tests: [
    {
      params: { a: NP },
      body: 'i = np.argmax(a, axis=1)[:, None]\nnp.put_along_axis(a, i, 0, axis=1)\nb = a.copy()\nnp.put_along_axis(b, np.array([[0, 2]]), np.array([[9, 8]]), axis=1)\nreturn a, b',
      samples: [[F2x3], [I2x3]],
    },
    {
      params: { a: NP },
      body: 'np.put_along_axis(a, np.array([0, -1]), [1.5, 2.5], axis=None)\nreturn a',
      samples: [[F6], [I6]],
    },
  ],
});

defineOp({
  id: 'numpy.delete',
  summary: 'np.delete(arr, obj, axis=None): a copy without the positions obj (an int or ints) along axis',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.delete', ['arr', 'obj', 'axis'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('arr')) return { error: 'np.delete takes an array and positions' };
    const a = arrayOf(b.get('arr')!);
    if (err(a)) return a;
    const obj = positionsOf(b.get('obj'), 'np.delete');
    if (err(obj)) return obj;
    const axis = axisArg(b.get('axis'));
    if (err(axis)) return axis;
    return ok('numpy.delete', T.ndarray(a.t.dtype, axis === 'none' ? 1 : a.t.rank), args, 'delete', {
      arr: a.p,
      obj: obj.code,
      axis,
    });
  },
  spell: {
    delete: (c) =>
      `nd::delete(${refArg(passed(c, 'arr')!)}, ${c.detail!.obj as string}, ${optAxis(c.detail!.axis as At | 'none')})?`,
  },
  tests: [
    {
      params: { a: NP },
      expr: 'np.delete(a, 1), np.delete(a, [0, -1, 0]), np.delete(a, 1, axis=1), np.delete(a, [0], axis=0), np.delete(a, np.array([2]), axis=-1)',
      samples: [[F2x3], [I2x3]],
    },
    {
      params: { a: NP, k: 'int' },
      expr: 'np.delete(a, k)',
      samples: [
        [F6, 5],
        [I6, -6],
        [F6, 6],
      ],
    },
    { params: { xs: 'list[int]' }, expr: 'np.delete(xs, [1, 2])', samples: [[[4, 5, 6]], [[1]]] },
  ],
});

defineOp({
  id: 'numpy.insert',
  summary:
    'np.insert(arr, obj, values, axis=None): values placed before the positions obj (of the flattened array, or a 1-d one)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.insert', ['arr', 'obj', 'values', 'axis'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('arr') || !b.get('values')) return { error: 'np.insert takes an array, positions and values' };
    const a = arrayOf(b.get('arr')!);
    if (err(a)) return a;
    const obj = positionsOf(b.get('obj'), 'np.insert');
    if (err(obj)) return obj;
    const v = operand(b.get('values')!);
    if (err(v)) return v;
    const axis = axisArg(b.get('axis'));
    if (err(axis)) return axis;
    if (axis !== 'none' && a.t.rank !== 1)
      return { error: 'np.insert along an axis is supported for 1-d arrays; pass axis=None for the flattened array' };
    return ok('numpy.insert', T.ndarray(a.t.dtype, 1), args, 'insert', {
      arr: a.p,
      obj: obj.code,
      single: obj.single,
      values: v.p,
      axis,
    });
  },
  spell: {
    insert: (c) =>
      `nd::insert(${refArg(passed(c, 'arr')!)}, ${c.detail!.obj as string}, ${c.detail!.single ? 'true' : 'false'}, ${ownedArg(passed(c, 'values')!)}, ${optAxis(c.detail!.axis as At | 'none')})?`,
  },
  tests: [
    {
      params: { a: NP },
      expr: 'np.insert(a, 1, 9), np.insert(a, 1, [9, 8]), np.insert(a, [2, 1], [9, 8]), np.insert(a, [0], [7, 6]), np.insert(a, -1, 2.75), np.insert(a, [0, 6], 5)',
      samples: [[F6], [I6]],
    },
    { params: { a: NP }, expr: 'np.insert(a, 2, -1)', samples: [[F2x3], [I2x3]] },
    {
      params: { xs: 'list[float]', k: 'int' },
      expr: 'np.insert(xs, k, 0.5, axis=0)',
      samples: [
        [[1.0, 2.0], 2],
        [[1.0], 3],
      ],
    },
  ],
});

defineOp({
  id: 'numpy.add.at',
  summary: 'np.add.at(a, indices, values): unbuffered in-place addition (repeated indices add up)',
  resolve: (args) => {
    const [a, i, v] = args;
    if (args.length !== 3 || !isArr(a) || !i || !v)
      return { error: 'np.add.at(a, indices, values) takes an array, an index and values' };
    const items = i.kind === 'tuple' ? i.items : [i];
    if (!items.every(indexOk)) return { error: `unsupported index ${typeToString(i)}` };
    if (!isArr(v) && !isScalar(v)) return { error: 'the values must be a number or an array' };
    return ok('numpy.add.at', T.none, args, 'add_at');
  },
  tests: [
    {
      params: { a: NP, i: NP },
      body: 'np.add.at(a, i, 1)\nreturn a',
      samples: [[nd('int64', [4], [0, 0, 0, 0]), nd('int64', [5], [0, 1, 1, 3, 1])]],
    },
    {
      params: { a: NP, i: NP, v: NP },
      body: 'np.add.at(a, i, v)\nreturn a',
      samples: [[F6, nd('int64', [2], [2, 2]), nd('float64', [2], [0.5, 0.25])]],
    },
  ],
});

// ---- Python builtins on numpy scalars --------------------------------------------------------------

/** Whether an array type may be a numpy scalar: rank 0, or a rank that is not static. */
const scalarLike = (t: Type | undefined): boolean =>
  isArr(t) && t.flavor === 'numpy' && (t.rank === 0 || t.rank === undefined);

for (const name of ['max', 'min']) {
  extendOp(`builtins.${name}`, {
    summary: `numpy scalars: ${name}(a, b, ...) where an argument is an array (a numpy scalar standing as a 0-d array)`,
    resolve: (args, kw) => {
      if (args.length < 2 || kw.size > 0 || !args.some(isArr)) return undefined;
      if (!args.every((t) => isArr(t) || isScalar(t)))
        return {
          error: `${name}() of an array and ${args.filter((t) => !isArr(t) && !isScalar(t)).map(typeToString)[0]}`,
        };
      // The winner is one of the arguments: its dtype is static only when all agree.
      const dts = args.map((t) =>
        isArr(t) ? t.dtype : t.kind === 'float' ? 'float64' : t.kind === 'int' ? 'int64' : 'bool',
      );
      const dtype = dts.every((d) => d === dts[0]) ? dts[0] : undefined;
      const ranks = args.map((t) => (isArr(t) ? t.rank : 0));
      const rank = ranks.every((r) => r === ranks[0]) ? ranks[0] : undefined;
      return ok(`builtins.${name}`, T.ndarray(dtype, rank), args, 'ndarray');
    },
    tests: [
      {
        params: { a: NP, b: NP },
        expr: `${name}(0.0, a[2] - b[0])`,
        samples: [
          [nd('float64', [4], [0, 1, 5, 2]), nd('float64', [4], [1, 0, 0, 0])],
          [nd('float32', [4], [0, 1, 0.5, 2]), nd('float32', [4], [1, 0, 0, 0])],
        ],
      },
      { params: { a: NP }, expr: `${name}(a[0], a[1], 2)`, samples: [[I6], [F6]] },
      { params: { a: NP }, expr: `${name}(a, 1.0)`, samples: [[F6]] },
    ],
  });
}

extendOp('builtins.round', {
  summary: 'numpy scalars and arrays: round(x) is an int for a numpy scalar; round(x, n) keeps the type',
  resolve: (args, kw) => {
    const a = args[0];
    if (!isArr(a) || kw.size > 0 || args.length > 2) return undefined;
    if (args.length === 2 && args[1]!.kind !== 'int' && args[1]!.kind !== 'none')
      return { error: 'ndigits must be an int' };
    if (args.length === 1 && scalarLike(a)) return ok('builtins.round', T.int, args, 'ndarray_int');
    return ok('builtins.round', a, args, args.length === 2 && args[1]!.kind === 'int' ? 'ndarray_digits' : 'ndarray');
  },
  tests: [
    {
      params: { a: NP, i: 'int' },
      expr: 'round(a[i], 2)',
      samples: [
        [nd('float64', [3], [1.23456, 2.5, -0.125]), 0],
        [nd('float64', [3], [1.23456, 2.5, -0.125]), 2],
      ],
    },
    {
      params: { a: NP, i: 'int' },
      expr: 'round(a[i])',
      samples: [
        [nd('float64', [3], [1.5, 2.5, -0.5]), 1],
        [I6, 0],
      ],
    },
  ],
});

for (const id of ['builtins.str', 'builtins.repr']) {
  extendOp(id, {
    summary: 'numpy scalars: str()/repr() as numpy 2 prints them (np.float64(0.5))',
    resolve: (args) => (args.length === 1 && scalarLike(args[0]) ? ok(id, T.str, args, 'ndarray') : undefined),
    tests: [
      {
        params: { a: NP, i: 'int' },
        expr: `${id.slice(9)}(a[i])`,
        samples: [
          [nd('float64', [3], [0.1, 2.0, 1e-7]), 0],
          [nd('float64', [3], [0.1, 2.0, 1e-7]), 2],
          [nd('float32', [2], [0.1, 3.25]), 0],
          [I6, 1],
          [B3, 1],
        ],
      },
    ],
  });
}

// ---- Constants and windows ---------------------------------------------------------------------

/** numpy's float constants: Python floats here (numpy's are Python floats too). */
const CONSTANTS: [string, string][] = [
  ['pi', 'std::f64::consts::PI'],
  ['e', 'std::f64::consts::E'],
  ['inf', 'f64::INFINITY'],
  ['nan', 'f64::NAN'],
  ['euler_gamma', '0.5772156649015329'],
];
for (const [name] of CONSTANTS) {
  defineOp({
    id: `numpy.${name}`,
    summary: `the constant np.${name}`,
    resolve: (args) =>
      args.length === 0 ? ok(`numpy.${name}`, T.float, [], 'value') : { error: `np.${name} is not callable` },
    tests: [{ params: { x: 'float' }, expr: `np.${name} * x`, samples: [[2.0], [-0.5]] }],
  });
}

/** The classic tapers for audio framing: np.hanning, np.hamming, np.blackman, np.bartlett (float64, symmetric). */
const WINDOWS: [string, string][] = [
  ['hanning', 'Hanning'],
  ['hamming', 'Hamming'],
  ['blackman', 'Blackman'],
  ['bartlett', 'Bartlett'],
];
for (const [name, kind] of WINDOWS) {
  defineOp({
    id: `numpy.${name}`,
    summary: `np.${name}(M): the symmetric ${name} window of M points`,
    resolve: (args, kw) =>
      args.length === 1 && kw.size === 0 && args[0]!.kind === 'int'
        ? ok(`numpy.${name}`, T.ndarray('float64', 1), args, 'window', { kind })
        : { error: `np.${name}(M) takes the number of points, an int` },
    tests: [{ params: { n: 'int' }, expr: `np.${name}(n)`, samples: [[5], [1], [0], [-2], [8]] }],
  });
}

/** An integer numpy scalar (`order[0]`, `np.argmax(p)` of an array of unknown dtype) used as a list or str index. */
extendOp('operator.getitem', {
  summary: 'numpy scalars: a list or str indexed by an integer numpy scalar (a 0-d int array)',
  resolve: (args) => {
    const [c, i] = args;
    if (!scalarLike(i) || !isArr(i) || (i.dtype !== undefined && i.dtype !== 'int64')) return undefined;
    if (c?.kind === 'list') return ok('operator.getitem', c.item, args, 'list_ndindex');
    if (c?.kind === 'str') return ok('operator.getitem', T.str, args, 'str_ndindex');
    return undefined;
  },
  tests: [
    {
      params: { xs: 'list[str]', p: NP },
      expr: 'xs[np.argsort(p)[0]]',
      samples: [
        [['a', 'b', 'c'], nd('float64', [3], [0.5, 0.1, 0.9])],
        [['x', 'y'], nd('int64', [2], [1, 0])],
      ],
    },
  ],
});

// ---- More of the same shapes ------------------------------------------------------------------------

defineOp({
  id: 'numpy.empty',
  summary: 'np.empty(shape, dtype=float64): as np.zeros (numpy leaves the values unset)',
  resolve: (args, kw, consts, kwConsts) => {
    const r = lookupOp('numpy.zeros')!.resolve(args, kw, consts, kwConsts);
    return 'error' in r ? r : { ...r, entry: 'numpy.empty' };
  },
  tests: [{ params: { n: 'int' }, expr: 'np.empty((n, 2), dtype=np.float32).shape', samples: [[3], [0]] }],
});

for (const [name, upper] of [
  ['triu', true],
  ['tril', false],
] as const) {
  arrayFunction(
    name,
    `the ${upper ? 'upper' : 'lower'} triangle of the last two axes from diagonal k, zeros elsewhere`,
    ['k'],
    (a, b) => {
      const k = intArg(b.get('k'), 'k');
      if (err(k)) return k;
      if (a.t.rank !== undefined && a.t.rank < 2) return { error: `np.${name} of a 1-d array is not supported` };
      return ok('', a.t, [], 'tri', { ...a.detail, k, upper });
    },
    [
      { params: { a: NP }, expr: `np.${name}(a)`, samples: [[F2x3], [nd('bool', [2, 2], [true, true, true, true])]] },
      { params: { n: 'int' }, expr: `np.${name}(np.ones((n, n)), k=1)`, samples: [[3], [1]] },
      { params: { a: NP }, expr: `np.${name}(a, -1)`, samples: [[I2x3]] },
    ],
  );
}

arrayFunction(
  'diag',
  "a 1-d array as the square matrix with it on diagonal k, or a 2-d array's diagonal k",
  ['k'],
  (a, b) => {
    const k = intArg(b.get('k'), 'k');
    if (err(k)) return k;
    const r = a.t.rank;
    if (r !== undefined && r !== 1 && r !== 2) return { error: 'Input must be 1- or 2-d.' };
    return ok('', T.ndarray(a.t.dtype, r === undefined ? undefined : 3 - r, a.t.flavor), [], 'diag', {
      ...a.detail,
      k,
    });
  },
  [
    { params: { a: NP }, expr: 'np.diag(a)', samples: [[F2x3], [I6], [EMPTY], [B3]] },
    {
      params: { a: NP, k: 'int' },
      expr: 'np.diag(a, k)',
      samples: [
        [F2x3, 1],
        [F2x3, -1],
        [F2x3, 5],
        [I6, -2],
      ],
    },
    { params: { xs: 'list[float]' }, expr: 'np.diag(xs, k=1).tolist()', samples: [[[1.5, 2.0]], [[]]] },
  ],
);

arrayFunction(
  'diagonal',
  'the diagonal at offset over axis1 and axis2, as a last axis after the others',
  ['offset', 'axis1', 'axis2'],
  (a, b) => {
    const args: Record<string, At | undefined> = {};
    for (const n of ['offset', 'axis1', 'axis2']) {
      const v = intArg(b.get(n), n);
      if (err(v)) return v;
      args[n] = v;
    }
    if (a.t.rank !== undefined && a.t.rank < 2) return { error: 'diag requires an array of at least two dimensions' };
    return ok('', T.ndarray(a.t.dtype, a.t.rank === undefined ? undefined : a.t.rank - 1, a.t.flavor), [], 'diagonal', {
      ...a.detail,
      ...args,
    });
  },
  [
    { params: { a: NP }, expr: 'np.diagonal(a)', samples: [[F2x3], [I2x3]] },
    { params: { a: NP }, expr: 'np.diagonal(a, 1)', samples: [[F2x3]] },
    {
      params: { a: NP },
      expr: 'np.diagonal(a, offset=-1, axis1=1, axis2=0)',
      samples: [[I2x3], [nd('int64', [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8])]],
    },
    { params: { a: NP }, expr: 'np.diagonal(a, 0, 2, 0)', samples: [[nd('int64', [2, 3, 2], [...Array(12).keys()])]] },
  ],
  [
    { params: { a: NP }, expr: 'a.diagonal()', samples: [[F2x3], [nd('int64', [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8])]] },
    { params: { a: NP }, expr: 'a.diagonal(1, 0, 1)', samples: [[I2x3]] },
  ],
);

arrayFunction(
  'trace',
  'the sum along the diagonal at offset (over the first two axes)',
  ['offset'],
  (a, b) => {
    const offset = intArg(b.get('offset'), 'offset');
    if (err(offset)) return offset;
    if (a.t.rank !== undefined && a.t.rank < 2) return { error: 'diag requires an array of at least two dimensions' };
    // The diagonal's sum: its dtype is a sum's (bool and the narrow ints widen, as in numpy).
    const dtype = a.t.dtype === undefined ? undefined : sumDtype(a.t.dtype, 'numpy');
    // A matrix's trace is a numpy scalar, a Python number here, as a whole-array sum is.
    const t =
      a.t.rank === 2 && dtype !== undefined
        ? scalarOf(dtype).type
        : T.ndarray(dtype, a.t.rank === undefined ? undefined : a.t.rank - 2, a.t.flavor);
    return ok('', t, [], 'trace', { ...a.detail, offset });
  },
  [
    { params: { a: NP }, expr: 'np.trace(a)', samples: [[F2x3], [I2x3]] },
    {
      params: { a: NP, k: 'int' },
      expr: 'np.trace(a, k)',
      samples: [
        [F2x3, 1],
        [I2x3, -1],
        [I2x3, 7],
      ],
    },
    { params: { n: 'int' }, expr: 'float(np.trace(np.eye(n) * 2.5))', samples: [[3], [0]] },
  ],
  [{ params: { a: NP }, expr: 'a.trace()', samples: [[F2x3], [nd('bool', [2, 2], [true, false, true, true])]] }],
);

arrayFunction(
  'argpartition',
  'indices that put the kth element in place, smaller ones before it: a stable argsort here, so the first k are the k smallest (numpy orders each side its own way)',
  ['kth', 'axis'],
  (a, b) => {
    const kth = intArg(b.get('kth'), 'kth');
    if (err(kth)) return kth;
    if (!kth) return { error: 'np.argpartition needs kth' };
    const axis = axisOf(b.get('axis'));
    if (err(axis)) return axis;
    return ok('', T.ndarray('int64', axis === 'none' ? 1 : a.t.rank), [], 'argpartition', { ...a.detail, axis });
  },
  [
    {
      params: { a: NP },
      expr: 'np.sort(np.argpartition(a, 2)[:3])',
      samples: [[F6], [I6]],
    },
    { params: { a: NP, k: 'int' }, expr: 'np.sort(np.argpartition(-a, 1)[:2])', samples: [[F6, 1]] },
  ],
);

defineOp({
  id: 'ndarray.clip',
  summary: 'a.clip(min=None, max=None): as np.clip',
  resolve: (args, kw, consts, kwConsts) => {
    const a = args[0];
    if (!isArr(a)) return { error: '`clip` is an array method' };
    const b = bindArgs('a.clip', ['min', 'max'], args.slice(1), kw, consts?.slice(1), kwConsts);
    if (err(b)) return b;
    for (const x of b.values()) x.at = shiftAt(x.at);
    return clipResolve('ndarray.clip', a, b.get('min'), b.get('max'), { a: '0', convert: false }, a.flavor, args);
  },
  tests: [
    { params: { a: NP }, expr: 'a.clip(0.0, 1.0)', samples: [[F2x3], [F32_2x3]] },
    { params: { a: NP }, expr: 'a.clip(max=2)', samples: [[I2x3]] },
  ],
});

defineOp({
  id: 'ndarray.dot',
  summary: 'a.dot(b): as np.dot (ranks up to 2)',
  resolve: (args) => {
    const [a, b] = args;
    if (args.length !== 2 || !isArr(a) || !isArr(b)) return { error: 'a.dot(b) takes one array' };
    if ((a.rank ?? 0) > 2 || (b.rank ?? 0) > 2) return { error: 'a.dot of arrays of rank above 2 is not supported' };
    return matmulResolve('ndarray.dot', a, b);
  },
  tests: [{ params: { a: NP, b: NP }, expr: 'a.dot(b)', samples: [[F2x3, nd('float64', [3], [1, 0, 2])]] }],
});

defineOp({
  id: 'numpy.inner',
  summary: 'np.inner(a, b) of 1-d arrays: the dot product',
  resolve: (args) => {
    const [a, b] = args;
    if (args.length !== 2 || !isArr(a) || !isArr(b)) return { error: 'np.inner takes two arrays' };
    if ((a.rank ?? 1) !== 1 || (b.rank ?? 1) !== 1) return { error: 'np.inner is supported for 1-d arrays here' };
    return matmulResolve('numpy.inner', a, b);
  },
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'np.inner(a, b)',
      samples: [
        [F6, F6],
        [I6, I6],
      ],
    },
  ],
});

defineOp({
  id: 'numpy.column_stack',
  summary: 'np.column_stack(arrays): 1-d arrays as columns',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.column_stack', ['tup'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('tup')) return { error: 'np.column_stack needs a list of arrays' };
    const l = arrayList(b.get('tup')!);
    if (err(l)) return l;
    return ok('numpy.column_stack', T.ndarray(l.item.dtype, 2), args, 'stack2', { ...l.detail, fn: 'column_stack' });
  },
  tests: [{ params: { a: NP, b: NP }, expr: 'np.column_stack((a, b))', samples: [[F6, I6]] }],
});

defineOp({
  id: 'ndarray.dtype',
  summary:
    "a.dtype as a dtype argument (`np.zeros(n, dtype=a.dtype)`, `b.astype(a.dtype)`); the array's dtype must be static",
  resolve: (args) => {
    const a = args[0];
    if (!isArr(a) || args.length !== 1) return { error: '`dtype` is an array attribute' };
    // A dtype known only at run time is a value (`nd::NpDType`) that compares, prints and has its attributes;
    // passing it as a `dtype=` argument needs the static one (numpy_dtypes.ts).
    if (a.dtype === undefined) return ok('ndarray.dtype', T.opaque('numpy.dtype', 'nd::NpDType'), args, 'dyn_dtype');
    return ok('ndarray.dtype', T.opaque(`numpy.dtype[${a.dtype}]`, DTYPE_RUST[a.dtype]), args, 'dtype', {
      dtype: a.dtype,
    });
  },
  tests: [
    {
      params: { a: 'NDArray[np.float32]' },
      expr: 'np.zeros(3, dtype=a.dtype) + a[0]',
      samples: [[nd('float32', [2], [0.5, 1.5])]],
      imports: ['from numpy.typing import NDArray'],
    },
    {
      params: { a: 'NDArray[np.int64]', b: NP },
      expr: 'b.astype(a.dtype)',
      samples: [[nd('int64', [1], [3]), F6]],
      imports: ['from numpy.typing import NDArray'],
    },
  ],
});

/** The Rust values of `np.float32` and friends used as dtype arguments. */
const DTYPE_RUST = Object.fromEntries(ALL_DTYPES.map((d) => [d, `nd::dtype::${DTYPE_VARIANT[d]}`])) as Record<
  Dtype,
  string
>;

// ---- Out of scope --------------------------------------------------------------------------------

declineNamespace(
  'numpy.random.',
  "this part of numpy.random is not supported: a seeded function may use numpy's legacy API (np.random.seed(s) or np.random.RandomState(s), then rand, randn, random, random_sample, standard_normal, normal, uniform, randint, permutation, shuffle, choice); np.random.default_rng(s) gives a Generator with random, uniform, integers, permutation, shuffle and choice with replacement; the other distributions (and Generator.normal's ziggurat) are not supported yet, so draw those values in the caller and pass them in as an array",
);
// Complex dtypes are not values here (complex arrays come from numpy.fft and arithmetic on its results).
for (const d of ['complex64', 'complex128'])
  declineNamespace(
    `numpy.${d}`,
    `np.${d} is not supported as a dtype name yet: complex arrays come from numpy.fft here, and parts from .real and .imag`,
  );

// ---- Spellings -----------------------------------------------------------------------------------

/** A detail entry recorded by a rule. */
const at = (c: OpChoice, k: string): At | undefined => c.detail?.[k] as At | undefined;
const passed = (c: OpChoice, k: string): Passed | undefined => c.detail?.[k] as Passed | undefined;

/** A passed operand, owned (a list goes through `np.array`). */
function ownedArg(p: Passed): string {
  return p[1] === 'convert' ? `nd::array(${own(p[0]!)}, None)?` : own(p[0]!);
}
/** A passed array, borrowed. */
function refArg(p: Passed): string {
  return p[1] === 'convert' ? `(&nd::array(${own(p[0]!)}, None)?)` : `{&${p[0]!}}`;
}
/** An optional passed array as `Option<&NdArray>`. */
const optRef = (p: Passed | undefined): string => (p ? `Some(${refArg(p)})` : 'None');
/** A number recorded by `numArg` as an f64, or the default. */
function num(c: OpChoice, k: string, dflt: string): string {
  const n = c.detail?.[k] as string[] | undefined;
  if (!n) return dflt;
  return n[1] === 'int' ? `(${own(n[0]!)} as f64)` : own(n[0]!);
}
/** An optional int or flag: owned, or the default. */
const orDefault = (c: OpChoice, k: string, dflt: string): string => {
  const x = at(c, k);
  return x === undefined ? dflt : own(x);
};
/** An optional int as `Option<i64>`. */
const optInt = (c: OpChoice, k: string): string => {
  const x = at(c, k);
  return x === undefined ? 'None' : `Some(${own(x)})`;
};
const bool = (c: OpChoice, k: string): string => (c.detail?.[k] ? 'true' : 'false');
const word = (c: OpChoice, k: string): string => String(c.detail![k]);
const QMETHOD: Record<string, string> = {
  linear: 'Linear',
  lower: 'Lower',
  higher: 'Higher',
  nearest: 'Nearest',
  midpoint: 'Midpoint',
};

/** The same spelling for `numpy.NAME` and, when it exists, `ndarray.NAME`. */
function both(name: string, variant: string, f: (c: OpChoice) => string, method = true): [string, Spelling][] {
  const s: Spelling = { [variant]: f };
  return method
    ? [
        [`numpy.${name}`, s],
        [`ndarray.${name}`, s],
      ]
    : [[`numpy.${name}`, s]];
}

const minmax = (max: boolean) => (c: OpChoice) =>
  `nd::py_minmax(vec![${c.params.map((_, i) => `nd::Operand::from(${own(String(i))})`).join(', ')}], ${max})?`;

defineSpellings({
  ...Object.fromEntries(
    UFUNCS.map(([name, op]) => [
      `numpy.${name}`,
      { ufunc: (c: OpChoice) => `nd::ufunc(nd::UFunc::${op}, ${arrayRef(c)})?${itemSuffix(c)}` },
    ]),
  ),
  ...Object.fromEntries(
    ['round', 'around'].flatMap((name) =>
      both(
        name,
        'round',
        (c) => `nd::round(${arrayRef(c)}, ${orDefault(c, 'decimals', '0')})?${itemSuffix(c)}`,
        name === 'round',
      ),
    ),
  ),
  ...Object.fromEntries(
    OPERATOR_UFUNCS.map(([name]) => [
      `numpy.${name}`,
      {
        binary: (c: OpChoice) => {
          const lists = c.detail!.lists as string[];
          const side = (k: number): string => ownedArg(passedAt(String(k), lists[k] === 'convert'));
          return `nd::binary(nd::BinOp::${word(c, 'op')}, ${side(0)}, ${side(1)})?${itemSuffix(c)}`;
        },
        binary_out: (c: OpChoice) => {
          const lists = c.detail!.lists as string[];
          const side = (k: number): string => ownedArg(passedAt(String(k), lists[k] === 'convert'));
          const where = c.detail!.where ? `Some(nd::Operand::from({${c.detail!.where as string}}))` : 'None';
          return `nd::ufunc_out({&${c.detail!.out as string}}, nd::binary(nd::BinOp::${word(c, 'op')}, ${side(0)}, ${side(1)})?, ${where})?`;
        },
      },
    ]),
  ),
  ...Object.fromEntries(
    UFUNCS2.map(([name]) => [
      `numpy.${name}`,
      { ufunc2: (c: OpChoice) => `nd::ufunc2(nd::UFunc2::${word(c, 'op')}, {0}, {1})?${itemSuffix(c)}` },
    ]),
  ),
  ...Object.fromEntries(
    ['isclose', 'allclose'].map((name) => [
      `numpy.${name}`,
      {
        close: (c: OpChoice) =>
          `nd::${name}(${ownedArg(passed(c, 'x')!)}, ${ownedArg(passed(c, 'y')!)}, ${num(c, 'rtol', '1e-05')}, ${num(c, 'atol', '1e-08')}, ${orDefault(c, 'equalNan', 'false')})?${c.detail!.scalar ? '.item_bool()?' : ''}`,
      },
    ]),
  ),
  ...Object.fromEntries(
    REDUCTIONS2.flatMap(([name, , asMethod]) =>
      both(
        name,
        'reduce2',
        (c) =>
          `nd::reduce2(nd::Reduce2::${word(c, 'op')}, ${arrayRef(c)}, ${axisCode(c, 'None')}, ${orDefault(c, 'keep', 'false')})?${itemSuffix(c)}`,
        asMethod,
      ),
    ),
  ),
  ...Object.fromEntries(
    ['quantile', 'percentile'].flatMap((name) =>
      both(
        name,
        'quantile',
        (c) =>
          `nd::quantile_method(${arrayRef(c)}, &nd::qs(${own(at(c, 'q')!)}), ${bool(c, 'many')}, ${word(c, 'scale')}.0, ${axisCode(c, 'None')}, ${orDefault(c, 'keep', 'false')}, nd::QMethod::${QMETHOD[word(c, 'method')] ?? 'Linear'})?${itemSuffix(c)}`,
        false,
      ),
    ),
  ),
  ...Object.fromEntries(
    both(
      'average',
      'average',
      (c) => `nd::average(${arrayRef(c)}, ${axisCode(c, 'None')}, ${optRef(passed(c, 'weights'))})?${itemSuffix(c)}`,
      false,
    ),
  ),
  ...Object.fromEntries(
    ['cumsum', 'cumprod'].flatMap((name) =>
      both(name, 'scan', (c) => `nd::scan(nd::Scan::${word(c, 'op')}, ${arrayRef(c)}, ${axisCode(c, 'None')})?`),
    ),
  ),
  'numpy.sort': { sort: (c) => `nd::scan(nd::Scan::Sort, ${arrayRef(c)}, ${axisCode(c, 'Some(-1)')})?` },
  'ndarray.sort': {
    sort_in_place: (c) => `nd::write_into({&0}, &nd::scan(nd::Scan::Sort, {&0}, ${axisCode(c, 'Some(-1)')})?)?`,
  },
  ...Object.fromEntries(
    both(
      'diff',
      'diff',
      (c) => `nd::diff(${arrayRef(c)}, ${orDefault(c, 'n', '1')}, ${orDefault(c, 'axis', '-1')})?`,
      false,
    ),
  ),
  ...Object.fromEntries(
    both('nonzero', 'nonzero', (c) => {
      if (c.result.kind !== 'tuple') return `nd::nonzero(${arrayRef(c)})?`;
      const n = c.result.items.length;
      return `{ let __v = nd::nonzero(${arrayRef(c)})?; (${Array.from({ length: n }, (_, k) => `__v[${k}].clone()`).join(', ')}${n === 1 ? ',' : ''}) }`;
    }),
  ),
  'numpy.where': {
    nonzero: (c) => {
      if (c.result.kind !== 'tuple') return `nd::nonzero(${arrayRef(c)})?`;
      const n = c.result.items.length;
      return `{ let __v = nd::nonzero(${arrayRef(c)})?; (${Array.from({ length: n }, (_, k) => `__v[${k}].clone()`).join(', ')}${n === 1 ? ',' : ''}) }`;
    },
  },
  ...Object.fromEntries(both('argwhere', 'argwhere', (c) => `nd::argwhere(${arrayRef(c)})?`, false)),
  ...Object.fromEntries(both('flatnonzero', 'flatnonzero', (c) => `nd::flatnonzero(${arrayRef(c)})?`, false)),
  ...Object.fromEntries(
    both(
      'searchsorted',
      'searchsorted',
      (c) => `nd::searchsorted(${arrayRef(c)}, ${ownedArg(passed(c, 'v')!)}, ${bool(c, 'right')})?${itemSuffix(c)}`,
    ),
  ),
  'numpy.unique': {
    unique: (c) => {
      const parts = c.detail!.parts as string[];
      const body = parts.length === 1 ? '__u' : `(${parts.join(', ')})`;
      return `{ let (__u, __i, __v, __c) = nd::unique(${arrayRef(c)})?; let _ = (&__i, &__v, &__c); ${body} }`;
    },
  },
  ...Object.fromEntries(
    SETOPS.map(([name]) => [
      `numpy.${name}`,
      {
        setop: (c: OpChoice) =>
          `nd::setop(nd::SetOp::${word(c, 'op')}, ${refArg(passed(c, 'x')!)}, ${refArg(passed(c, 'y')!)})?`,
      },
    ]),
  ),
  'numpy.isin': {
    isin: (c) =>
      `nd::isin(${ownedArg(passed(c, 'e')!)}, ${refArg(passed(c, 't')!)}, ${orDefault(c, 'invert', 'false')})?${itemSuffix(c)}`,
  },
  'numpy.convolve': {
    convolve: (c) =>
      `nd::convolve(${refArg(passed(c, 'x')!)}, ${refArg(passed(c, 'y')!)}, ${JSON.stringify(word(c, 'mode'))})?`,
  },
  'numpy.interp': {
    interp: (c) => {
      const side = (k: string): string => (c.detail?.[k] ? `Some(${num(c, k, '')})` : 'None');
      return `nd::interp(${ownedArg(passed(c, 'x')!)}, ${refArg(passed(c, 'xp')!)}, ${refArg(passed(c, 'fp')!)}, ${side('left')}, ${side('right')})?${itemSuffix(c)}`;
    },
  },
  'numpy.bincount': {
    bincount: (c) =>
      `nd::bincount(${refArg(passed(c, 'x')!)}, ${optRef(passed(c, 'weights'))}, ${orDefault(c, 'minlength', '0')})?`,
  },
  'numpy.histogram': {
    histogram: (c) => {
      const r = c.detail!.range as string[] | undefined;
      const f = (k: number): string => (r![k + 1] === 'int' ? `(__r.${k} as f64)` : `__r.${k}`);
      const range = r ? `{ let __r = ${own(r[0]!)}; Some((${f(0)}, ${f(1)})) }` : 'None';
      return `nd::histogram(${refArg(passed(c, 'a')!)}, ${orDefault(c, 'bins', '10')}, ${range})?`;
    },
    histogram_edges: (c) => {
      const r = c.detail!.range as string[] | undefined;
      const f = (k: number): string => (r![k + 1] === 'int' ? `(__r.${k} as f64)` : `__r.${k}`);
      const range = r ? `{ let __r = ${own(r[0]!)}; Some((${f(0)}, ${f(1)})) }` : 'None';
      const a = refArg(passed(c, 'a')!);
      const edges = passed(c, 'edges');
      const tail = `${optRef(passed(c, 'weights'))}, ${c.detail!.density as string}`;
      if (edges) return `nd::histogram_edges(${a}, ${refArg(edges)}, ${tail})?`;
      return `{ let __a = ${a}; let (_, __e) = nd::histogram(__a, ${orDefault(c, 'bins', '10')}, ${range})?; nd::histogram_edges(__a, &__e, ${tail})? }`;
    },
  },
  'numpy.digitize': {
    digitize: (c) =>
      `nd::digitize(${ownedArg(passed(c, 'x')!)}, ${refArg(passed(c, 'bins')!)}, ${orDefault(c, 'right', 'false')})?${itemSuffix(c)}`,
  },
  'numpy.lib.stride_tricks.sliding_window_view': {
    windows: (c) => `nd::sliding_window_view(${refArg(passed(c, 'x')!)}, ${own(at(c, 'w')!)}, ${optInt(c, 'axis')})?`,
  },
  'numpy.outer': { outer: (c) => `nd::outer(${refArg(passed(c, 'x')!)}, ${refArg(passed(c, 'y')!)})?` },
  ...Object.fromEntries(
    ['zeros_like', 'ones_like', 'empty_like', 'full_like'].flatMap((name) =>
      both(
        name,
        'like',
        (c) => {
          const d = c.detail!.dtype as Dtype | undefined;
          const fill = c.detail!.fill as number | undefined;
          const value = fill === undefined ? num(c, 'value', '0.0') : fill.toFixed(1);
          return `nd::full(&${arrayRef(c)}.shape_i64(), ${value}, ${d ? RUST_DTYPE[d] : `${arrayRef(c)}.dtype()`})?`;
        },
        false,
      ),
    ),
  ),
  ...Object.fromEntries(
    ['eye', 'identity'].map((name) => [
      `numpy.${name}`,
      {
        eye: (c: OpChoice) =>
          `nd::eye(${own(at(c, 'n')!)}, ${optInt(c, 'm')}, ${orDefault(c, 'k', '0')}, ${RUST_DTYPE[c.detail!.dtype as Dtype]})?`,
      },
    ]),
  ),
  ...Object.fromEntries(both('tile', 'tile', (c) => `nd::tile(${arrayRef(c)}, ${shapeCode(c)})?`, false)),
  ...Object.fromEntries(
    both('repeat', 'repeat', (c) => `nd::repeat(${arrayRef(c)}, ${own(at(c, 'repeats')!)}, ${axisCode(c, 'None')})?`),
  ),
  ...Object.fromEntries(both('squeeze', 'squeeze', (c) => `nd::np_squeeze(${arrayRef(c)}, ${axisCode(c, 'None')})?`)),
  ...Object.fromEntries(both('ravel', 'ravel', (c) => `nd::reshape(${arrayRef(c)}, &[-1])?`)),
  ...Object.fromEntries(
    both('swapaxes', 'swapaxes', (c) => `nd::swapaxes(${arrayRef(c)}, ${own(at(c, 'x')!)}, ${own(at(c, 'y')!)})?`),
  ),
  ...Object.fromEntries(
    ['vstack', 'hstack', 'row_stack'].map((name) => [
      `numpy.${name}`,
      { stack2: (c: OpChoice) => `nd::${word(c, 'fn')}(${arraysCode(c)})?` },
    ]),
  ),
  ...Object.fromEntries(
    ['split', 'array_split'].flatMap((name) =>
      both(
        name,
        'split',
        (c) =>
          `nd::split(${arrayRef(c)}, nd::SplitArg::from(${own(at(c, 'sections')!)}), ${orDefault(c, 'axis', '0')}, ${bool(c, 'exact')})?`,
        false,
      ),
    ),
  ),
  ...Object.fromEntries(
    ['flip', 'fliplr', 'flipud'].flatMap((name) =>
      both(
        name,
        'flip',
        (c) => {
          const d = c.detail!.axisDefault as number | undefined;
          return `nd::flip(${arrayRef(c)}, ${axisCode(c, d === undefined ? 'None' : `Some(${d})`)})?`;
        },
        false,
      ),
    ),
  ),
  ...Object.fromEntries(
    both('roll', 'roll', (c) => `nd::roll(${arrayRef(c)}, ${own(at(c, 'shift')!)}, ${axisCode(c, 'None')})?`, false),
  ),
  ...Object.fromEntries(
    ['atleast_1d', 'atleast_2d'].flatMap((name) =>
      both(name, 'atleast', (c) => `nd::atleast(${arrayRef(c)}, ${word(c, 'n')})?`, false),
    ),
  ),
  ...Object.fromEntries(
    both(
      'pad',
      'pad',
      (c) =>
        `nd::pad(${arrayRef(c)}, &nd::pad_width(${own(at(c, 'width')!)}), ${JSON.stringify(word(c, 'mode'))}, ${num(c, 'value', '0.0')})?`,
      false,
    ),
  ),
  'operator.setitem': {
    ndarray: (c) => `nd::setitem({&0}, &${ixItems(c.params[1]!, '1')}, {2})?`,
    ndarray_list: (c) => `nd::setitem({&0}, &${ixItems(c.params[1]!, '1')}, nd::array({2}, None)?)?`,
    tensor: (c) => `nd::tsetitem({&0}, &${ixItems(c.params[1]!, '1')}, {2})?`,
  },
  'numpy.add.at': { add_at: (c) => `nd::add_at({&0}, &${ixItems(c.params[1]!, '1')}, {2})?` },
  'operator.getitem': {
    list_ndindex: () => 'rt::list::getitem({&0}, {&1}.to_int()?)?',
    str_ndindex: () => 'rt::pystr::getitem({&0}, {&1}.to_int()?)?',
  },
  'numpy.linalg.det': { linalg: (c) => `nd::det(${refArg(passed(c, 'a')!)})?${itemSuffix(c)}` },
  'numpy.linalg.inv': { linalg: (c) => `nd::inv(${refArg(passed(c, 'a')!)})?` },
  'numpy.append': {
    append: (c) =>
      `nd::concatenate(&[${ownedArg(passed(c, 'arr')!)}, ${ownedArg(passed(c, 'values')!)}], ${c.detail!.axis === 'none' ? 'None' : `Some(${own(c.detail!.axis as At)})`})?`,
  },
  'numpy.linalg.solve': { solve: (c) => `nd::solve(${refArg(passed(c, 'a')!)}, ${refArg(passed(c, 'b')!)})?` },
  'numpy.meshgrid': {
    meshgrid: (c) => `nd::meshgrid(${refArg(passed(c, 'x')!)}, ${refArg(passed(c, 'y')!)}, ${bool(c, 'ij')})?`,
  },
  'numpy.empty': {
    filled: (c) => `nd::full(${shapeCode(c)}, 0.0, ${RUST_DTYPE[(c.result as Arr).dtype ?? 'float64']})?`,
  },
  ...Object.fromEntries(
    ['triu', 'tril'].flatMap((name) =>
      both(name, 'tri', (c) => `nd::tri_part(${arrayRef(c)}, ${orDefault(c, 'k', '0')}, ${bool(c, 'upper')})?`, false),
    ),
  ),
  ...Object.fromEntries(both('diag', 'diag', (c) => `nd::diag(${arrayRef(c)}, ${orDefault(c, 'k', '0')})?`, false)),
  ...Object.fromEntries(
    both(
      'diagonal',
      'diagonal',
      (c) =>
        `nd::diagonal(${arrayRef(c)}, ${orDefault(c, 'offset', '0')}, ${orDefault(c, 'axis1', '0')}, ${orDefault(c, 'axis2', '1')})?`,
    ),
  ),
  ...Object.fromEntries(
    both('trace', 'trace', (c) => `nd::trace(${arrayRef(c)}, ${orDefault(c, 'offset', '0')})?${itemSuffix(c)}`),
  ),
  ...Object.fromEntries(
    both('argpartition', 'argpartition', (c) => `nd::argsort(${arrayRef(c)}, ${axisCode(c, 'Some(-1)')})?`, false),
  ),
  'ndarray.clip': spellClip,
  'ndarray.dot': spellMatmul,
  'numpy.inner': spellMatmul,
  'numpy.column_stack': { stack2: (c: OpChoice) => `nd::column_stack(${arraysCode(c)})?` },
  // The array is read only for its static dtype; naming it keeps a parameter used only here from being unused.
  'ndarray.dtype': {
    dtype: (c) => `{ let _ = {&0}; ${DTYPE_RUST[c.detail!.dtype as Dtype]} }`,
    dyn_dtype: () => '{&0}.np_dtype()',
  },
  'builtins.max': { ndarray: minmax(true) },
  'builtins.min': { ndarray: minmax(false) },
  'builtins.round': {
    ndarray_int: () => 'nd::round({&0}, 0)?.to_int()?',
    ndarray: () => 'nd::round({&0}, 0)?',
    ndarray_digits: () => 'nd::round({&0}, {1})?',
  },
  ...Object.fromEntries(CONSTANTS.map(([name, value]) => [`numpy.${name}`, { value: () => value }])),
  ...Object.fromEntries(
    WINDOWS.map(([name]) => [
      `numpy.${name}`,
      { window: (c: OpChoice) => `nd::window(nd::Window::${word(c, 'kind')}, {0})?` },
    ]),
  ),
  'builtins.str': { ndarray: () => 'rt::PyRepr::py_str({&0})' },
  'builtins.repr': { ndarray: () => 'rt::PyRepr::py_repr({&0})' },
});

// ---- einsum ----------------------------------------------------------------------------------------

/** The output rank of einsum subscripts (explicit after `->`, or the labels seen once), or undefined with an ellipsis. */
function einsumRank(spec: string, ranks: (number | undefined)[]): number | undefined {
  const text = spec.replace(/\s+/g, '');
  const [lhs, rhs] = text.split('->');
  const terms = lhs!.split(',');
  if (text.includes('...')) {
    if (ranks.some((r) => r === undefined)) return undefined;
    const ell = Math.max(0, ...terms.map((t, k) => (t.includes('...') ? ranks[k]! - t.replace('...', '').length : 0)));
    if (rhs === undefined)
      return ell + [...new Set(lhs!.replace(/[.,]/g, ''))].filter((ch) => lhs!.split(ch).length === 2).length;
    return rhs.replace('...', '').length + (rhs.includes('...') ? ell : 0);
  }
  if (rhs !== undefined) return rhs.length;
  return [...new Set(lhs!.replace(/,/g, ''))].filter((ch) => lhs!.split(ch).length === 2).length;
}

defineOp({
  id: 'numpy.einsum',
  summary:
    "np.einsum(subscripts, *operands): explicit ('ij,jk->ik') and implicit ('ij,jk') subscripts, repeated labels (traces, diagonals) and '...' broadcasting; numpy's result dtype and ValueErrors",
  resolve: (args, kw, consts) => {
    if (kw.size > 0) return { error: 'np.einsum keywords (out=, dtype=, optimize=...) are not supported' };
    const [spec, ...ops] = args;
    const c = consts?.[0];
    if (spec?.kind !== 'str')
      return { error: 'np.einsum takes the subscripts string first (the sublist form is not supported)' };
    if (ops.length === 0) return { error: 'np.einsum needs at least one operand' };
    const arrs: ArrayArg[] = [];
    for (const [k, t] of ops.entries()) {
      const a = asArray({ t, at: String(k + 1), c: consts?.[k + 1] });
      if (err(a)) return a;
      arrs.push(a);
    }
    let dtype: Dtype | undefined = arrs[0]!.t.dtype;
    for (const a of arrs.slice(1)) dtype = promoteArrays(dtype, a.t.dtype, 'numpy');
    const rank =
      c?.kind === 'str'
        ? einsumRank(
            c.value,
            arrs.map((a) => a.t.rank),
          )
        : undefined;
    return ok('numpy.einsum', T.ndarray(dtype, rank, 'numpy'), args, 'einsum', {
      operands: arrs.map((a) => ((a.detail as { convert: boolean }).convert ? 'convert' : '')),
    });
  },
  spell: {
    einsum: (c) => {
      const conv = c.detail!.operands as string[];
      const ops = conv.map((v, k) => (v ? `nd::array({${k + 1}}, None)?` : `{${k + 1}}.clone()`));
      return `nd::np_einsum(&{0}, &[${ops.join(', ')}])?`;
    },
  },
  tests: [
    {
      params: { a: NP, b: NP },
      expr: 'np.einsum("ij,kj->ik", a, b)',
      samples: [
        [F2x3, F2x3],
        [I2x3, F32_2x3],
        [F2x3, nd('float64', [1, 2], [1, 2])],
      ],
    },
    { params: { a: NP }, expr: 'np.einsum("ij->ji", a)', samples: [[F2x3], [I2x3]] },
    { params: { a: NP }, expr: 'np.einsum("ij", a)', samples: [[I2x3]] },
    { params: { a: NP }, expr: 'np.einsum("ji", a)', samples: [[I2x3]] },
    { params: { a: NP }, expr: 'np.einsum("ij->", a)', samples: [[F2x3], [B3]] },
    {
      params: { a: NP },
      expr: 'np.einsum("ii->i", a), np.einsum("ii", a)',
      samples: [[nd('float64', [2, 2], [1, 2, 3, 4])], [nd('int64', [2, 2], [5, -1, 7, 2])], [F2x3]],
    },
    {
      params: { a: NP, b: NP },
      expr: 'np.einsum("i,i", a, b)',
      samples: [
        [F6, F6],
        [F6, I6],
        [F6, F2x3],
      ],
    },
    { params: { a: NP, b: NP }, expr: 'np.einsum("i,j->ij", a, b)', samples: [[B3, I6]] },
    {
      params: { h: NP, m: NP },
      expr: 'np.einsum("bsh,bs->bh", h, m)',
      samples: [[nd('float32', [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]), nd('int64', [2, 2], [1, 0, 1, 1])]],
    },
    {
      params: { a: NP, b: NP },
      expr: 'np.einsum("...d,...d->...", a, b), np.einsum("...ij,...jk", a, np.swapaxes(b, -1, -2))',
      samples: [
        [F2x3, F2x3],
        [F2x3, nd('float64', [1, 3], [1, 0, -1])],
      ],
    },
    { params: { a: NP }, expr: 'np.einsum("ij,jk,kl->il", a, a.T, a)', samples: [[F2x3]] },
    { params: { x: 'list[float]' }, expr: 'np.einsum("i,i->", x, x)', samples: [[[1.0, 2.0, 3.0]]] },
    {
      params: { a: NP, s: 'str' },
      expr: 'np.einsum(s, a, a)',
      samples: [
        [F6, 'i,i->i'],
        [F6, 'i,j->ij'],
        [F6, 'i->i'],
        [F6, 'i,i->j'],
        [F6, 'i,i->ii'],
        [F6, 'i,ij->i'],
        [F6, 'i1,i->'],
        [F6, 'i.,i'],
      ],
    },
  ],
});

// ---- Covariance and correlation matrices ---------------------------------------------------------

for (const name of ['cov', 'corrcoef'] as const) {
  const id = `numpy.${name}`;
  const corr = name === 'corrcoef';
  defineOp({
    id,
    summary: corr
      ? "np.corrcoef(x, y=None, rowvar=True): Pearson's r between the rows (columns without rowvar) of x and y, clipped to [-1, 1]; one variable gives 1.0"
      : 'np.cov(m, y=None, rowvar=True, bias=False, ddof=None): the covariance matrix of the rows (columns without rowvar) of m and y; one variable gives a 0-d array, which stands for a numpy scalar here (returned as a number)',
    resolve: (args, kw, consts, kwConsts) => {
      const names = corr ? ['x', 'y', 'rowvar'] : ['m', 'y', 'rowvar', 'bias', 'ddof'];
      const b = bindArgs(`np.${name}`, names, args, kw, consts, kwConsts);
      if (err(b)) return b;
      const m = b.get(names[0]!);
      if (!m) return { error: `np.${name} needs an array` };
      const a = arrayOf(m);
      if (err(a)) return a;
      const yb = b.get('y');
      let y: { t: Arr; p: Passed } | undefined;
      if (yb && yb.t.kind !== 'none') {
        const r = arrayOf(yb);
        if (err(r)) return r;
        y = r;
      }
      const flags: Record<string, string> = {};
      for (const f of ['rowvar', 'bias']) {
        const x = b.get(f);
        if (x && x.t.kind !== 'bool') return { error: `${f} must be a bool` };
        if (x) flags[f] = x.at;
      }
      const dd = b.get('ddof');
      if (dd && dd.t.kind !== 'int' && dd.t.kind !== 'none') return { error: 'ddof must be an int' };
      const rank = y ? 2 : a.t.rank === undefined ? undefined : a.t.rank <= 1 ? 0 : 2;
      const result = rank === 0 && corr ? T.float : T.ndarray('float64', rank);
      return ok(id, result, args, 'cov', {
        m: a.p,
        y: y?.p,
        ...flags,
        ddof: dd && dd.t.kind === 'int' ? dd.at : undefined,
      });
    },
    spell: {
      cov: (c) =>
        `nd::cov(${refArg(passed(c, 'm')!)}, ${optRef(passed(c, 'y'))}, ${orDefault(c, 'rowvar', 'true')}, ${orDefault(c, 'bias', 'false')}, ${c.detail!.ddof ? `Some(${own(c.detail!.ddof as string)})` : 'None'}, ${corr})?${itemSuffix(c)}`,
    },
    tests: [
      {
        params: { a: NP },
        expr: `np.${name}(a)`,
        samples: [[F2x3], [I2x3], [nd('float64', [3, 3], [1, 2, 4, 0, 1, 1, 3, 3, 3])]],
      },
      {
        params: { a: NP, b: NP },
        expr: `np.${name}(a, b), np.${name}(a, rowvar=False), float(np.${name}([1.0, 2.0, 4.0]))`,
        samples: [
          [F2x3, F2x3],
          [I2x3, nd('float64', [3], [3, 1, 0])],
        ],
      },
      {
        params: { xs: 'list[float]', ys: 'list[float]' },
        expr: `np.${name}(xs, ys)[0, 1]`,
        samples: [
          [
            [1, 2, 3, 5],
            [2, 4, 5, 4],
          ],
        ],
      },
      ...(corr
        ? []
        : [
            {
              params: { a: NP },
              expr: 'np.cov(a, bias=True), np.cov(a, ddof=0), np.cov(a[0], a[1], ddof=2)',
              samples: [[F2x3], [F32_2x3]],
            },
          ]),
    ],
  });
}
