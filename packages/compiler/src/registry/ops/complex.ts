/**
 * Complex arrays and `numpy.fft`: the transforms (fft, ifft, rfft, irfft, hfft, ihfft, their 2-d and n-d forms),
 * `fftfreq`/`rfftfreq`, `fftshift`/`ifftshift`, and what code does with a spectrum (`np.abs`, `np.angle`,
 * `.real`/`.imag`, `np.conj`, `+ - * /` with arrays and numbers, `==`/`!=`, indexing and slicing, `len`, `.shape`).
 *
 * A complex array is an ndarray type with `complex: true`, its `dtype` the dtype of its parts (float64 for
 * complex128). The value JSON has no complex form, so such an array is never a parameter or a result; it lives between
 * a transform and the real values code takes from it. Every other op would read a complex array as a real one, so
 * infer routes a call with a complex argument here (`resolveComplex`): an op that takes complex arrays has its rule in
 * `COMPLEX_RULES`, a structural op (indexing, `len`, `.shape`) runs its own rule on the real array of the same shape,
 * and anything else is a diagnostic naming the way out (take `np.abs(z)`, `z.real` or `z.imag` first).
 *
 * Each rule's spelling is one call into ingot-tensor's `complex.rs` (rustfft underneath). numpy uses pocketfft, so the
 * reference tests compare with an absolute tolerance as well as the relative one (`atol` on the test).
 */
import type { ConstValue } from '../../ir/consts';
import type { OpChoice } from '../../ir/choice';
import { type Dtype, T, type Type, typeToString } from '../../types/types';
import { defineOp, defineSpellings, type OpTest, type ResolveResult } from '../registry';
import { type Bound, arrayRef, asArray, bcastRank, bindArgs, isArr, nd, ok, own } from './numpy';

type Arr = Extract<Type, { kind: 'ndarray' }>;
type Rule = (
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  consts?: readonly (ConstValue | undefined)[],
  kwConsts?: ReadonlyMap<string, ConstValue>,
) => ResolveResult;

const err = (e: unknown): e is { error: string } => typeof e === 'object' && e !== null && 'error' in e;
const isComplex = (t: Type | undefined): boolean => t?.kind === 'ndarray' && t.complex === true;
const isNumber = (t: Type | undefined): boolean => t?.kind === 'int' || t?.kind === 'float' || t?.kind === 'bool';

/** Whether a value of type `t` holds a complex array (directly or inside a container). */
function holdsComplex(t: Type): boolean {
  switch (t.kind) {
    case 'ndarray':
      return t.complex === true;
    case 'list':
    case 'set':
    case 'optional':
      return holdsComplex(t.item);
    case 'tuple':
      return t.items.some(holdsComplex);
    case 'union':
      return t.members.some(holdsComplex);
    default:
      return false;
  }
}

/** The rules of the ops that take complex arrays, by op id. */
const COMPLEX_RULES = new Map<string, Rule>();

/** Ops whose answer depends only on an array's shape and element order: they run on the real array of that shape. */
const STRUCTURAL = new Set([
  'operator.getitem',
  'ndarray.__getitem__',
  'ndarray.shape',
  'ndarray.ndim',
  'ndarray.size',
  'builtins.len',
]);

/**
 * The resolution of a call with a complex argument, or undefined when no argument is complex (the op's own rule
 * then applies). `own` is the op's own rule, for the structural ops.
 */
export function resolveComplex(
  id: string,
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  consts: readonly (ConstValue | undefined)[] | undefined,
  kwConsts: ReadonlyMap<string, ConstValue> | undefined,
  ownRule: Rule,
): ResolveResult | undefined {
  if (![...args, ...kw.values()].some(holdsComplex)) return undefined;
  const rule = COMPLEX_RULES.get(id);
  if (rule) return rule(args, kw, consts, kwConsts);
  if (STRUCTURAL.has(id) && isComplex(args[0]) && !args.slice(1).some(holdsComplex)) {
    const z = args[0] as Arr;
    const r = ownRule([T.ndarray(z.dtype, z.rank), ...args.slice(1)], kw, consts, kwConsts);
    if (err(r)) return r;
    // The element of a complex array stays a 0-d complex array (numpy's complex scalar).
    if (isArr(r.result)) return { ...r, result: T.complexArray(r.result.dtype, r.result.rank) };
    if (id.endsWith('getitem')) return { ...r, result: T.complexArray(z.dtype, 0) };
    return r;
  }
  const name = id.replace(/^(builtins|operator)\./, '');
  return {
    error: `\`${name}\` does not take complex arrays here; take the real values it needs first (np.abs(z), z.real, z.imag or np.angle(z))`,
  };
}

// ---- Test data ---------------------------------------------------------------------------------

const NP = 'np.ndarray';
const SIG8 = nd('float64', [8], [1.0, 2.0, 0.5, -1.0, 3.25, 0.0, -2.0, 1.5]);
const SIG5 = nd('float64', [5], [0.25, -1.0, 4.0, 2.0, -3.5]);
const SIG1 = nd('float64', [1], [2.5]);
const SIG32 = nd('float32', [6], [0.5, 1.5, -2.0, 0.25, 3.0, -1.0]);
const INT6 = nd('int64', [6], [3, 1, -4, 1, 5, -9]);
const M2x4 = nd('float64', [2, 4], [1.0, 0.0, -1.0, 2.0, 0.5, 3.0, -2.5, 1.0]);
const M3x3 = nd('float64', [3, 3], [1, 2, 3, 4, 5, 6, 7, 8, -9]);
const EMPTY = nd('float64', [0], []);
/** pocketfft and rustfft round differently: near-zero bins agree to this absolute tolerance. */
const ATOL = 1e-9;

// ---- Shared pieces -------------------------------------------------------------------------------

/** The part dtype of a complex result computed from an array of dtype `d` (complex64 for float32 input). */
function partOf(t: Arr): Dtype | undefined {
  if (t.dtype === undefined) return undefined;
  return t.dtype === 'float32' ? 'float32' : 'float64';
}

/** The part dtype of `a <op> b` where one side is complex (numpy: complex64 survives float32, bool and numbers). */
function promoteParts(a: Type, b: Type): Dtype | undefined {
  const arrs = [a, b].filter(isArr);
  if (arrs.some((x) => x.dtype === undefined)) return undefined;
  const narrow = arrs.every((x) => x.dtype === 'float32' || x.dtype === 'bool');
  return narrow ? 'float32' : 'float64';
}

/** Registers `rule` for complex arguments, and (unless `complexOnly`) as the op itself. */
function complexOp(id: string, summary: string, rule: Rule, tests: OpTest[], alsoDefine = true): void {
  COMPLEX_RULES.set(id, rule);
  if (alsoDefine) defineOp({ id, summary, resolve: rule, tests });
}

/** An optional int argument (`n=`) as `Option<i64>` Rust, or an error. */
function optIntCode(b: Bound | undefined, name: string): string | { error: string } {
  if (!b || b.t.kind === 'none') return 'None';
  if (b.t.kind === 'int') return `Some(${own(b.at)})`;
  return { error: `${name} must be an int or None, not ${typeToString(b.t)}` };
}

/** An int argument with a default, as i64 Rust. */
function intCode(b: Bound | undefined, name: string, dflt: string): string | { error: string } {
  if (!b) return dflt;
  if (b.t.kind === 'int') return own(b.at);
  return { error: `${name} must be an int, not ${typeToString(b.t)}` };
}

/** `norm=`: None, a literal or a str value, as `Option<&str>` Rust (the run time checks its value). */
function normCode(b: Bound | undefined): string | { error: string } {
  if (!b || b.t.kind === 'none') return 'None';
  if (b.c?.kind === 'str') return `Some(${JSON.stringify(b.c.value)})`;
  if (b.t.kind === 'str') return `Some(AsRef::<str>::as_ref(&${own(b.at)}))`;
  return { error: `norm must be "backward", "ortho", "forward" or None, not ${typeToString(b.t)}` };
}

/** A sequence of ints (`s=`, `axes=`) as `Option<Vec<i64>>` Rust; `dflt` when absent. */
function intsCode(b: Bound | undefined, name: string, dflt: string): string | { error: string } {
  if (!b) return dflt;
  if (b.t.kind === 'none') return 'None';
  if (b.t.kind === 'int') return `Some(vec![${own(b.at)}])`;
  if (b.t.kind === 'tuple' && b.t.items.every((x) => x.kind === 'int') && b.t.items.length <= 5)
    return `Some(nd::shape_arg(${own(b.at)}))`;
  if (b.t.kind === 'list' && (b.t.item.kind === 'int' || b.t.item.kind === 'unknown')) return `Some(${own(b.at)})`;
  return { error: `${name} must be a sequence of ints or None, not ${typeToString(b.t)}` };
}

/** The array argument's Rust (a list converted through `np.array`). */
function arrayCode(b: Bound): { code: string; t: Arr } | { error: string } {
  const a = asArray(b);
  if (err(a)) return a;
  const c = { detail: a.detail } as unknown as OpChoice;
  return { code: arrayRef(c), t: a.t };
}

/**
 * A choice of the spelling `variant` (a key of `CALLS`); `pieces` are how each argument is passed (`{a}`, `{n}`, ...
 * in the call's pattern).
 */
function call(id: string, result: Type, args: Type[], variant: string, pieces: Record<string, string> = {}): OpChoice {
  return ok(id, result, args, variant, pieces);
}

// ---- Arithmetic and comparison on complex arrays -------------------------------------------------

const ARITH: [string, string][] = [
  ['operator.add', 'Add'],
  ['operator.sub', 'Sub'],
  ['operator.mul', 'Mul'],
  ['operator.truediv', 'TrueDiv'],
  ['operator.eq', 'Eq'],
  ['operator.ne', 'Ne'],
];
for (const [id, op] of ARITH) {
  complexOp(
    id,
    '',
    (args) => {
      const [a, b] = args;
      if (!a || !b || args.length !== 2) return { error: 'expected two operands' };
      for (const x of [a, b])
        if (!isArr(x) && !isNumber(x)) return { error: `cannot combine a complex array with ${typeToString(x)}` };
      if ([a, b].some((x) => isArr(x) && x.flavor === 'torch'))
        return { error: 'torch tensors and complex arrays do not mix here' };
      const rank = bcastRank(a, b);
      const result = op === 'Eq' || op === 'Ne' ? T.ndarray('bool', rank) : T.complexArray(promoteParts(a, b), rank);
      return call(id, result, [a, b], `binary_${op}`);
    },
    [],
    false,
  );
}
complexOp(
  'operator.neg',
  '',
  (args) => (isComplex(args[0]) ? call('operator.neg', args[0]!, [args[0]!], 'neg') : { error: 'expected an array' }),
  [],
  false,
);
for (const id of ['builtins.abs', 'numpy.abs'])
  complexOp(
    id,
    '',
    (args) => {
      const z = args[0];
      if (!isComplex(z) || args.length !== 1) return { error: 'expected one array' };
      return call(id, T.ndarray((z as Arr).dtype, (z as Arr).rank), [z!], 'cabs');
    },
    [],
    false,
  );

// ---- Parts: real, imag, conj, angle ------------------------------------------------------------

/** `np.real(a)`, `np.imag(a)`, `np.conj(a)`/`np.conjugate(a)` and the array attributes and methods. */
const PARTS: [string, string, 'real' | 'same'][] = [
  ['real', 'nd::real', 'real'],
  ['imag', 'nd::imag', 'real'],
  ['conj', 'nd::conj', 'same'],
  ['conjugate', 'nd::conj', 'same'],
];
for (const [name, fn, kind] of PARTS) {
  const resultOf = (t: Arr): Type => (kind === 'real' && t.complex ? T.ndarray(t.dtype, t.rank) : t);
  complexOp(
    `numpy.${name}`,
    `np.${name}(a): ${kind === 'real' ? `the ${name === 'real' ? 'real' : 'imaginary'} part (a real array for a real one)` : 'the complex conjugate'}`,
    (args, kw) => {
      if (args.length !== 1 || kw.size > 0) return { error: `np.${name} takes one array` };
      const a = arrayCode({ t: args[0]!, at: '0' });
      if (err(a)) return a;
      return call(`numpy.${name}`, resultOf(a.t), args, `part_${fn}`, { a: a.code });
    },
    [
      {
        params: { a: NP },
        expr: kind === 'real' ? `np.${name}(np.fft.fft(a))` : `np.${name}(np.fft.fft(a)).imag`,
        samples: [[SIG8], [SIG5], [SIG32]],
        atol: ATOL,
      },
      { params: { a: NP }, expr: `np.${name}(a)`, samples: [[SIG5], [INT6]] },
    ],
  );
  const isAttr = name === 'real' || name === 'imag';
  complexOp(
    `ndarray.${name}`,
    `a.${name}${isAttr ? '' : '()'}`,
    (args, kw) => {
      if (!isArr(args[0]) || args.length !== 1 || kw.size > 0) return { error: `\`${name}\` takes no arguments` };
      if (args[0].flavor === 'torch')
        return { error: `\`${name}\` is a numpy array ${isAttr ? 'attribute' : 'method'} here` };
      return call(`ndarray.${name}`, resultOf(args[0]), args, `part_${fn}`, { a: '{&0}' });
    },
    [
      {
        params: { a: NP },
        expr: isAttr ? `np.fft.rfft(a).${name}` : `np.fft.rfft(a).${name}().imag`,
        samples: [[SIG8], [SIG32]],
        atol: ATOL,
      },
      { params: { a: NP }, expr: isAttr ? `a.${name}` : `a.${name}()`, samples: [[SIG5], [INT6]] },
    ],
  );
}

complexOp(
  'numpy.angle',
  'np.angle(z, deg=False): the argument of each element, arctan2(imag, real)',
  (args, kw, consts, kwConsts) => {
    const b = bindArgs('np.angle', ['z', 'deg'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    if (!b.get('z')) return { error: 'np.angle needs an array' };
    const a = arrayCode(b.get('z')!);
    if (err(a)) return a;
    const deg = b.get('deg');
    if (deg && deg.t.kind !== 'bool') return { error: 'deg must be a bool' };
    const part = a.t.complex
      ? a.t.dtype
      : a.t.dtype === 'float32'
        ? 'float32'
        : a.t.dtype === undefined
          ? undefined
          : 'float64';
    return call('numpy.angle', T.ndarray(part, a.t.rank), args, 'angle', {
      a: a.code,
      deg: deg ? own(deg.at) : 'false',
    });
  },
  [
    { params: { a: NP }, expr: 'np.angle(np.fft.fft(a))', samples: [[SIG8], [SIG5]], atol: ATOL },
    { params: { a: NP }, expr: 'np.angle(np.fft.rfft(a), deg=True)', samples: [[SIG8]], atol: 1e-7 },
    { params: { a: NP }, expr: 'np.angle(a)', samples: [[SIG5], [INT6]] },
  ],
);

// ---- numpy.fft: one axis ---------------------------------------------------------------------------

/** The 1-d transforms: name, runtime function, whether the input must be real, whether the result is complex. */
const ONE_AXIS: [string, string, boolean][] = [
  ['fft', 'nd::fft({a}, {n}, {axis}, {norm}, false)?', true],
  ['ifft', 'nd::fft({a}, {n}, {axis}, {norm}, true)?', true],
  ['rfft', 'nd::rfft({a}, {n}, {axis}, {norm})?', true],
  ['irfft', 'nd::irfft({a}, {n}, {axis}, {norm})?', false],
  ['hfft', 'nd::hfft({a}, {n}, {axis}, {norm})?', false],
  ['ihfft', 'nd::ihfft({a}, {n}, {axis}, {norm})?', true],
];
const REAL_INPUT = new Set(['rfft', 'ihfft', 'rfft2', 'rfftn']);

const ONE_AXIS_TESTS: Record<string, OpTest[]> = {
  fft: [
    {
      params: { a: NP },
      expr: 'np.abs(np.fft.fft(a))',
      samples: [[SIG8], [SIG5], [SIG1], [SIG32], [INT6]],
      atol: ATOL,
    },
    { params: { a: NP }, expr: 'np.fft.fft(a, n=6).imag', samples: [[SIG8], [SIG5]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.fft(a, norm="ortho").real', samples: [[SIG8], [SIG5]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.fft(a, axis=0).real', samples: [[M2x4], [M3x3]], atol: ATOL },
    {
      params: { a: NP, n: 'int' },
      expr: 'np.fft.fft(a, n).real',
      samples: [
        [SIG5, 3],
        [SIG5, 0],
      ],
      atol: ATOL,
    },
    { params: { a: NP }, expr: 'np.fft.fft(a).real', samples: [[EMPTY]] },
    {
      params: { a: NP, m: 'str' },
      expr: 'np.fft.fft(a, norm=m).real',
      samples: [
        [SIG5, 'forward'],
        [SIG5, 'bogus'],
      ],
      atol: ATOL,
    },
  ],
  ifft: [
    { params: { a: NP }, expr: 'np.fft.ifft(np.fft.fft(a)).real', samples: [[SIG8], [SIG5], [SIG32]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.ifft(a, norm="forward").imag', samples: [[SIG8], [M2x4]], atol: ATOL },
  ],
  rfft: [
    {
      params: { a: NP },
      expr: 'np.abs(np.fft.rfft(a)) ** 2',
      samples: [[SIG8], [SIG5], [SIG1], [SIG32], [INT6]],
      atol: ATOL,
    },
    { params: { a: NP }, expr: 'np.fft.rfft(a, n=16, norm="ortho").imag', samples: [[SIG8], [SIG5]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.rfft(a, axis=0).real', samples: [[M2x4], [M3x3]], atol: ATOL },
    {
      params: { a: 'list[float]' },
      expr: 'int(np.argmax(np.abs(np.fft.rfft(a))[1:])) + 1',
      samples: [[[0, 1, 0, -1, 0, 1, 0, -1]], [[1.0]]],
    },
  ],
  irfft: [
    { params: { a: NP }, expr: 'np.fft.irfft(np.fft.rfft(a))', samples: [[SIG8], [SIG5], [SIG32]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.irfft(np.fft.rfft(a), n=len(a))', samples: [[SIG5], [SIG8]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.irfft(a)', samples: [[SIG5], [SIG1]], atol: ATOL },
    {
      params: { a: NP, b: NP },
      expr: 'np.fft.irfft(np.fft.rfft(a, 16) * np.fft.rfft(b, 16), 16)[: len(a) + len(b) - 1]',
      samples: [[SIG8, SIG5]],
      atol: ATOL,
    },
  ],
  hfft: [
    { params: { a: NP }, expr: 'np.fft.hfft(np.fft.ihfft(a))', samples: [[SIG8], [SIG5]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.hfft(a, norm="ortho")', samples: [[SIG5]], atol: ATOL },
  ],
  ihfft: [{ params: { a: NP }, expr: 'np.fft.ihfft(a).imag', samples: [[SIG8], [SIG5], [SIG32]], atol: ATOL }],
};

for (const [name, , complexResult] of ONE_AXIS) {
  const id = `numpy.fft.${name}`;
  complexOp(
    id,
    `np.fft.${name}(a, n=None, axis=-1, norm=None)`,
    (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.fft.${name}`, ['a', 'n', 'axis', 'norm'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (!b.get('a')) return { error: `np.fft.${name} needs an array` };
      const a = arrayCode(b.get('a')!);
      if (err(a)) return a;
      if (a.t.flavor === 'torch') return { error: `np.fft.${name} takes a numpy array; use t.numpy()` };
      if (REAL_INPUT.has(name) && a.t.complex)
        return {
          error: `np.fft.${name} takes a real array (numpy raises TypeError for a complex one); use np.fft.fft`,
        };
      const n = optIntCode(b.get('n'), 'n');
      const axis = intCode(b.get('axis'), 'axis', '-1');
      const norm = normCode(b.get('norm'));
      for (const x of [n, axis, norm]) if (err(x)) return x;
      const part = partOf(a.t);
      const result = complexResult ? T.complexArray(part, a.t.rank) : T.ndarray(part, a.t.rank);
      return call(id, result, args, name, { a: a.code, n: n as string, axis: axis as string, norm: norm as string });
    },
    ONE_AXIS_TESTS[name]!,
  );
}

// ---- numpy.fft: several axes ------------------------------------------------------------------------

const N_AXES: [string, string, 'complex' | 'real', string][] = [
  ['fft2', 'nd::fftn({a}, {s}, {axes}, {norm}, false)?', 'complex', 'Some(vec![-2, -1])'],
  ['ifft2', 'nd::fftn({a}, {s}, {axes}, {norm}, true)?', 'complex', 'Some(vec![-2, -1])'],
  ['fftn', 'nd::fftn({a}, {s}, {axes}, {norm}, false)?', 'complex', 'None'],
  ['ifftn', 'nd::fftn({a}, {s}, {axes}, {norm}, true)?', 'complex', 'None'],
  ['rfft2', 'nd::rfftn({a}, {s}, {axes}, {norm})?', 'complex', 'Some(vec![-2, -1])'],
  ['irfft2', 'nd::irfftn({a}, {s}, {axes}, {norm})?', 'real', 'Some(vec![-2, -1])'],
  ['rfftn', 'nd::rfftn({a}, {s}, {axes}, {norm})?', 'complex', 'None'],
  ['irfftn', 'nd::irfftn({a}, {s}, {axes}, {norm})?', 'real', 'None'],
];

const M2x3x4 = nd(
  'float64',
  [2, 3, 4],
  Array.from({ length: 24 }, (_, i) => Math.round(Math.sin(i * 1.7) * 100) / 10),
);
const N_AXES_TESTS: Record<string, OpTest[]> = {
  fft2: [
    { params: { a: NP }, expr: 'np.abs(np.fft.fft2(a))', samples: [[M2x4], [M3x3], [M2x3x4]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.fft2(a, s=(4, 2)).imag', samples: [[M3x3]], atol: ATOL },
  ],
  ifft2: [{ params: { a: NP }, expr: 'np.fft.ifft2(np.fft.fft2(a)).real', samples: [[M2x4], [M2x3x4]], atol: ATOL }],
  fftn: [
    { params: { a: NP }, expr: 'np.fft.fftn(a).real', samples: [[M2x4], [M2x3x4], [SIG5]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.fftn(a, axes=(0, 2), norm="ortho").imag', samples: [[M2x3x4]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.fftn(a, s=[3]).real', samples: [[M2x4]], atol: ATOL },
  ],
  ifftn: [{ params: { a: NP }, expr: 'np.fft.ifftn(np.fft.fftn(a)).real', samples: [[M2x3x4]], atol: ATOL }],
  rfft2: [{ params: { a: NP }, expr: 'np.fft.rfft2(a).imag', samples: [[M2x4], [M3x3]], atol: ATOL }],
  irfft2: [
    { params: { a: NP }, expr: 'np.fft.irfft2(np.fft.rfft2(a))', samples: [[M2x4]], atol: ATOL },
    { params: { a: NP }, expr: 'np.fft.irfft2(np.fft.rfft2(a), s=a.shape)', samples: [[M3x3]], atol: ATOL },
  ],
  rfftn: [{ params: { a: NP }, expr: 'np.fft.rfftn(a, norm="forward").real', samples: [[M2x3x4], [SIG5]], atol: ATOL }],
  irfftn: [
    {
      params: { a: NP },
      expr: 'np.fft.irfftn(np.fft.rfftn(a), s=a.shape, axes=(0, 1, 2))',
      samples: [[M2x3x4]],
      atol: ATOL,
    },
  ],
};

for (const [name, , kind, dfltAxes] of N_AXES) {
  const id = `numpy.fft.${name}`;
  complexOp(
    id,
    `np.fft.${name}(a, s=None, axes=${dfltAxes === 'None' ? 'None' : '(-2, -1)'}, norm=None)`,
    (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.fft.${name}`, ['a', 's', 'axes', 'norm'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (!b.get('a')) return { error: `np.fft.${name} needs an array` };
      const a = arrayCode(b.get('a')!);
      if (err(a)) return a;
      if (a.t.flavor === 'torch') return { error: `np.fft.${name} takes a numpy array; use t.numpy()` };
      if (REAL_INPUT.has(name) && a.t.complex)
        return {
          error: `np.fft.${name} takes a real array (numpy raises TypeError for a complex one); use np.fft.fftn`,
        };
      const s = intsCode(b.get('s'), 's', 'None');
      const axes = intsCode(b.get('axes'), 'axes', dfltAxes);
      const norm = normCode(b.get('norm'));
      for (const x of [s, axes, norm]) if (err(x)) return x;
      const part = partOf(a.t);
      const result = kind === 'complex' ? T.complexArray(part, a.t.rank) : T.ndarray(part, a.t.rank);
      return call(id, result, args, name, { a: a.code, s: s as string, axes: axes as string, norm: norm as string });
    },
    N_AXES_TESTS[name]!,
  );
}

// ---- numpy.fft helpers ------------------------------------------------------------------------------

for (const name of ['fftfreq', 'rfftfreq'])
  complexOp(
    `numpy.fft.${name}`,
    `np.fft.${name}(n, d=1.0): the sample frequencies of a transform of length n`,
    (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.fft.${name}`, ['n', 'd'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const n = b.get('n');
      if (!n || n.t.kind !== 'int') return { error: `np.fft.${name} needs an int n` };
      const d = b.get('d');
      if (d && d.t.kind !== 'int' && d.t.kind !== 'float')
        return { error: `d must be a number, not ${typeToString(d.t)}` };
      const dCode = !d ? '1.0' : d.t.kind === 'int' ? `(${own(d.at)} as f64)` : own(d.at);
      return call(`numpy.fft.${name}`, T.ndarray('float64', 1), args, name, { n: own(n.at), d: dCode });
    },
    [
      { params: { n: 'int' }, expr: `np.fft.${name}(n)`, samples: [[8], [7], [1], [0], [2]] },
      {
        params: { n: 'int', d: 'float' },
        expr: `np.fft.${name}(n, d=d)`,
        samples: [
          [8, 0.1],
          [5, 2.5],
          [4, 0.0],
        ],
      },
      { params: { n: 'int' }, expr: `np.fft.${name}(n, 1 / 16000)`, samples: [[16]] },
    ],
  );

for (const name of ['fftshift', 'ifftshift'])
  complexOp(
    `numpy.fft.${name}`,
    `np.fft.${name}(x, axes=None): rolls each axis by half its length${name === 'ifftshift' ? ', back' : ''}`,
    (args, kw, consts, kwConsts) => {
      const b = bindArgs(`np.fft.${name}`, ['x', 'axes'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      if (!b.get('x')) return { error: `np.fft.${name} needs an array` };
      const a = arrayCode(b.get('x')!);
      if (err(a)) return a;
      const axes = intsCode(b.get('axes'), 'axes', 'None');
      if (err(axes)) return axes;
      return call(`numpy.fft.${name}`, a.t, args, name, { a: a.code, axes });
    },
    [
      { params: { a: NP }, expr: `np.fft.${name}(a)`, samples: [[SIG8], [SIG5], [M2x4], [M3x3], [EMPTY]] },
      { params: { a: NP }, expr: `np.fft.${name}(a, axes=1)`, samples: [[M2x4]] },
      { params: { a: NP }, expr: `np.abs(np.fft.${name}(np.fft.fft(a)))`, samples: [[SIG5]], atol: ATOL },
      { params: { n: 'int' }, expr: `np.fft.${name}(np.fft.fftfreq(n))`, samples: [[6], [7]] },
    ],
  );

// ---- Spellings -----------------------------------------------------------------------------------

/** The Rust call of each variant; `{a}`, `{n}`, ... are the pieces the rule recorded, `{0}`/`{&0}` the arguments. */
const CALLS: Record<string, string> = {
  ...Object.fromEntries(ARITH.map(([, op]) => [`binary_${op}`, `nd::binary(nd::BinOp::${op}, {0}, {1})?`])),
  neg: 'nd::unary(nd::UnOp::Neg, {&0})?',
  cabs: 'nd::cabs({&0})?',
  ...Object.fromEntries(PARTS.map(([, fn]) => [`part_${fn}`, `${fn}({a})?`])),
  angle: 'nd::angle({a}, {deg})?',
  ...Object.fromEntries(ONE_AXIS.map(([name, template]) => [name, template])),
  ...Object.fromEntries(N_AXES.map(([name, template]) => [name, template])),
  fftfreq: 'nd::fftfreq({n}, {d})?',
  rfftfreq: 'nd::rfftfreq({n}, {d})?',
  fftshift: 'nd::fftshift({a}, {axes}, false)?',
  ifftshift: 'nd::fftshift({a}, {axes}, true)?',
};
const spellCall = (c: OpChoice): string =>
  CALLS[c.variant!]!.replace(/\{(a|n|d|deg|axis|norm|s|axes)\}/g, (_: string, k: string) => String(c.detail![k]));
defineSpellings(
  Object.fromEntries(
    [...COMPLEX_RULES.keys()].map((id) => [id, Object.fromEntries(Object.keys(CALLS).map((v) => [v, spellCall]))]),
  ),
);
