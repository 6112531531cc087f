/**
 * Python's `random` module with a seed: `random.Random(seed)` objects (`random.Random.X`, an opaque
 * shared handle, `rt::random::Random`) and the module-level functions (`random.X`) over the
 * process-wide generator that `random.seed(x)` reseeds. The runtime ports CPython's MT19937, its
 * seeding and random.py's algorithms, so a seeded function gives CPython's numbers bit for bit.
 * Module-level draws in a module that never calls `random.seed(x)` stay a diagnostic (infer's
 * `NONDETERMINISTIC`), and so does seeding without a value (entropy from the OS).
 */
import { defineOp, defineSpellings, T, type ResolveResult } from '../registry';
import type { ConstValue } from '../../ir/consts';
import type { OpTest } from '../registry';
import { iterItem, type Type, typeToString } from '../../types/types';

export const RANDOM: Type = T.opaque('random.Random', 'rt::random::Random');
const isRandom = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'random.Random';

/** An argument as the rule saw it: where it was passed and its type's kind. */
interface Arg {
  at: string;
  kind: string;
  /** A tuple's length. */
  n?: number;
}

/** A parameter list in Python's order; `kwOnly` names come only by keyword. */
interface Params {
  names: string[];
  kwOnly?: string[];
  /** How many of `names` must be passed. */
  required: number;
}

export type Bound = Map<string, { t: Type; at: string; c?: ConstValue }>;

/** Binds a call's arguments (past the receiver when `shift`) to `p`, or says why not. */
export function bind(
  name: string,
  p: Params,
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  consts: readonly (ConstValue | undefined)[] | undefined,
  kwConsts: ReadonlyMap<string, ConstValue> | undefined,
  shift: number,
): Bound | { error: string } {
  const out: Bound = new Map();
  const pos = args.slice(shift);
  if (pos.length > p.names.length) return { error: `${name}() takes at most ${p.names.length} positional arguments` };
  pos.forEach((t, i) => out.set(p.names[i]!, { t, at: String(i + shift), c: consts?.[i + shift] }));
  for (const [k, t] of kw) {
    if (!p.names.includes(k) && !p.kwOnly?.includes(k))
      return { error: `${name}() got an unexpected keyword argument '${k}'` };
    if (out.has(k)) return { error: `${name}() got multiple values for argument '${k}'` };
    out.set(k, { t, at: `kw:${k}`, c: kwConsts?.get(k) });
  }
  for (const n of p.names.slice(0, p.required))
    if (!out.has(n)) return { error: `${name}() missing required argument: '${n}'` };
  return out;
}

const isNoneArg = (b: { t: Type } | undefined): boolean => b === undefined || b.t.kind === 'none';
const numeric = (t: Type): boolean => t.kind === 'int' || t.kind === 'float' || t.kind === 'bool';
const integral = (t: Type): boolean => t.kind === 'int' || t.kind === 'bool';

/** What a rule decided: the result, the variant, and the arguments by role. */
interface Decision {
  result: Type;
  variant: string;
  args: Record<string, Arg | undefined>;
  extra?: Record<string, boolean>;
  mutates?: number;
}

/** A population argument (`choice`, `sample`, `choices`): a list, a str's characters or a range. */
function population(
  b: { t: Type; at: string } | undefined,
  name: string,
): { item: Type; arg: Arg } | { error: string } {
  if (!b) return { error: `${name}() needs a population` };
  const t = b.t;
  if (t.kind === 'list') return { item: t.item, arg: { at: b.at, kind: 'list' } };
  if (t.kind === 'str') return { item: T.str, arg: { at: b.at, kind: 'str' } };
  if (t.kind === 'iter' && t.source === 'range') return { item: T.int, arg: { at: b.at, kind: 'range' } };
  if (t.kind === 'tuple' && t.items.length > 0 && t.items.every((x) => typeToString(x) === typeToString(t.items[0]!)))
    return { item: t.items[0]!, arg: { at: b.at, kind: 'tuple', n: t.items.length } };
  if (t.kind === 'set' || t.kind === 'dict' || t.kind === 'iter')
    return {
      error: `${name}() takes a sequence (a list, str, range or tuple), not ${typeToString(t)}: CPython raises TypeError; use sorted(...) or list(...)`,
    };
  return { error: `${name}() takes a list, str, range or tuple, not ${typeToString(t)}` };
}

/** A float parameter (an int or bool is converted, as CPython's arithmetic does). */
function floatArg(b: { t: Type; at: string } | undefined, name: string, param: string): Arg | { error: string } {
  if (!b) return { error: `${name}() missing required argument: '${param}'` };
  if (!numeric(b.t)) return { error: `${name}() takes a number for ${param}, not ${typeToString(b.t)}` };
  return { at: b.at, kind: b.t.kind };
}

function intArg(b: { t: Type; at: string } | undefined, name: string, param: string): Arg | { error: string } {
  if (!b) return { error: `${name}() missing required argument: '${param}'` };
  if (!integral(b.t))
    return {
      error: `${name}() takes an int for ${param}, not ${typeToString(b.t)} (CPython 3.12 raises TypeError for a float)`,
    };
  return { at: b.at, kind: b.t.kind };
}

type Rule = (b: Bound, name: string) => Decision | { error: string };

/** Float-valued distributions: their parameters, defaults and runtime method. */
const DISTRIBUTIONS: [string, string[], (number | undefined)[], boolean][] = [
  // name, params, defaults (undefined: required), fallible
  ['uniform', ['a', 'b'], [undefined, undefined], false],
  ['gauss', ['mu', 'sigma'], [0.0, 1.0], false],
  ['normalvariate', ['mu', 'sigma'], [0.0, 1.0], false],
  ['lognormvariate', ['mu', 'sigma'], [undefined, undefined], false],
  ['expovariate', ['lambd'], [undefined], true],
  ['vonmisesvariate', ['mu', 'kappa'], [undefined, undefined], true],
  ['gammavariate', ['alpha', 'beta'], [undefined, undefined], true],
  ['betavariate', ['alpha', 'beta'], [undefined, undefined], true],
  ['paretovariate', ['alpha'], [undefined], true],
  ['weibullvariate', ['alpha', 'beta'], [undefined, undefined], true],
];

const RULES: Record<string, { params: Params; rule: Rule; summary: string }> = {
  seed: {
    params: { names: ['a', 'version'], required: 0 },
    summary: 'seed(a): reseeds from an int, float, str or bool as CPython does (str: version 2, SHA-512)',
    rule: (b, name) => {
      const a = b.get('a');
      if (isNoneArg(a))
        return {
          error: `${name}() without a seed draws OS entropy, so the compiled function's results could not be reproduced; pass a seed`,
        };
      const v = b.get('version');
      if (v && !(v.c?.kind === 'int' && v.c.value === 2n))
        return { error: `${name}() supports only the default version=2 here` };
      if (!['int', 'bool', 'float', 'str'].includes(a!.t.kind))
        return { error: `${name}() takes an int, float or str seed, not ${typeToString(a!.t)}` };
      return { result: T.none, variant: 'seed', args: { a: { at: a!.at, kind: a!.t.kind } } };
    },
  },
  random: {
    params: { names: [], required: 0 },
    summary: 'random(): a float in [0.0, 1.0), 53 bits from two MT19937 draws',
    rule: () => ({ result: T.float, variant: 'random', args: {} }),
  },
  getrandbits: {
    params: { names: ['k'], required: 1 },
    summary: 'getrandbits(k): k random bits; OverflowError past 63 bits (Ingot ints are 64-bit)',
    rule: (b, name) => {
      const k = intArg(b.get('k'), name, 'k');
      if ('error' in k) return k;
      const c = b.get('k')?.c;
      if (c?.kind === 'int' && c.value > 63n)
        return {
          error: `${name}(${c.value}) can exceed a 64-bit int, and Ingot's ints are 64-bit; draw at most 63 bits`,
        };
      return { result: T.int, variant: 'getrandbits', args: { k } };
    },
  },
  randrange: {
    params: { names: ['start', 'stop', 'step'], required: 1 },
    summary: "randrange(start[, stop[, step]]): CPython's rejection sampling on getrandbits, its ValueErrors",
    rule: (b, name) => {
      const start = intArg(b.get('start'), name, 'start');
      if ('error' in start) return start;
      const stopB = b.get('stop');
      const stepB = b.get('step');
      if (isNoneArg(stopB) && isNoneArg(stepB)) return { result: T.int, variant: 'stop', args: { start } };
      const stop = isNoneArg(stopB) ? undefined : intArg(stopB, name, 'stop');
      if (stop && 'error' in stop) return stop;
      const step = isNoneArg(stepB) ? undefined : intArg(stepB, name, 'step');
      if (step && 'error' in step) return step;
      return { result: T.int, variant: 'range', args: { start, stop, step } };
    },
  },
  randint: {
    params: { names: ['a', 'b'], required: 2 },
    summary: 'randint(a, b): randrange(a, b + 1)',
    rule: (b, name) => {
      const a = intArg(b.get('a'), name, 'a');
      if ('error' in a) return a;
      const hi = intArg(b.get('b'), name, 'b');
      if ('error' in hi) return hi;
      return { result: T.int, variant: 'randint', args: { a, b: hi } };
    },
  },
  choice: {
    params: { names: ['seq'], required: 1 },
    summary: 'choice(seq): one item of a list, str, range or tuple; IndexError when empty',
    rule: (b, name) => {
      const p = population(b.get('seq'), name);
      if ('error' in p) return p;
      return { result: p.item, variant: 'choice', args: { seq: p.arg } };
    },
  },
  shuffle: {
    params: { names: ['x'], required: 1 },
    summary: "shuffle(x): shuffles a list in place (CPython's Fisher-Yates on _randbelow)",
    rule: (b, name) => {
      const x = b.get('x');
      if (x && !/^\d+$/.test(x.at)) return { error: `${name}() takes its list positionally here` };
      if (x?.t.kind !== 'list')
        return { error: `${name}() shuffles a list in place, not ${typeToString(x?.t ?? T.none)}` };
      return { result: T.none, variant: 'shuffle', args: { x: { at: x.at, kind: 'list' } }, mutates: Number(x.at) };
    },
  },
  sample: {
    params: { names: ['population', 'k'], kwOnly: ['counts'], required: 2 },
    summary: 'sample(population, k, *, counts=None): k distinct picks in selection order, as CPython picks them',
    rule: (b, name) => {
      const p = population(b.get('population'), name);
      if ('error' in p) return p;
      const k = intArg(b.get('k'), name, 'k');
      if ('error' in k) return k;
      const counts = b.get('counts');
      if (isNoneArg(counts)) return { result: T.list(p.item), variant: 'sample', args: { population: p.arg, k } };
      if (counts!.t.kind !== 'list' || !integral(counts!.t.item))
        return { error: `${name}() takes a list of ints as counts, not ${typeToString(counts!.t)}` };
      return {
        result: T.list(p.item),
        variant: 'sample_counts',
        args: { population: p.arg, k, counts: { at: counts!.at, kind: counts!.t.item.kind } },
      };
    },
  },
  choices: {
    params: { names: ['population', 'weights'], kwOnly: ['cum_weights', 'k'], required: 1 },
    summary: 'choices(population, weights=None, *, cum_weights=None, k=1): k picks with replacement, by bisection',
    rule: (b, name) => {
      const p = population(b.get('population'), name);
      if ('error' in p) return p;
      const kB = b.get('k');
      const k = kB ? intArg(kB, name, 'k') : undefined;
      if (k && 'error' in k) return k;
      const w = b.get('weights');
      const cw = b.get('cum_weights');
      if (!isNoneArg(w) && !isNoneArg(cw)) return { error: 'Cannot specify both weights and cumulative weights' };
      const weights = isNoneArg(w) ? cw : w;
      if (isNoneArg(weights)) return { result: T.list(p.item), variant: 'choices', args: { population: p.arg, k } };
      const wt = weights!.t;
      if (wt.kind === 'int')
        return {
          error: `The number of choices must be a keyword argument: k=${weights!.c?.kind === 'int' ? weights!.c.value : '...'}`,
        };
      const item = wt.kind === 'list' ? wt.item : iterItem(wt);
      if (wt.kind !== 'list' || !item || !numeric(item))
        return { error: `${name}() takes a list of numbers as weights, not ${typeToString(wt)}` };
      return {
        result: T.list(p.item),
        variant: 'choices_weighted',
        args: { population: p.arg, k, weights: { at: weights!.at, kind: item.kind } },
        extra: { cumulative: isNoneArg(w) },
      };
    },
  },
  triangular: {
    params: { names: ['low', 'high', 'mode'], required: 0 },
    summary: 'triangular(low=0.0, high=1.0, mode=None)',
    rule: (b, name) => {
      const out: Record<string, Arg | undefined> = {};
      for (const n of ['low', 'high', 'mode']) {
        const x = b.get(n);
        if (isNoneArg(x)) continue;
        const f = floatArg(x, name, n);
        if ('error' in f) return f;
        out[n] = f;
      }
      return { result: T.float, variant: 'triangular', args: out };
    },
  },
};

for (const [dist, params, defaults] of DISTRIBUTIONS)
  RULES[dist] = {
    params: { names: params, required: defaults.filter((d) => d === undefined).length },
    summary: `${dist}(${params.map((p, i) => (defaults[i] === undefined ? p : `${p}=${defaults[i]!.toFixed(1)}`)).join(', ')}): random.py's algorithm`,
    rule: (b, name) => {
      const out: Record<string, Arg | undefined> = {};
      for (const p of params) {
        if (!b.has(p)) continue;
        const f = floatArg(b.get(p), name, p);
        if ('error' in f) return f;
        out[p] = f;
      }
      return { result: T.float, variant: dist, args: out };
    },
  };

/** The tests of each op, written once for the module functions and once for a `Random` object. */
function testsFor(name: string, method: boolean): OpTest[] {
  const imp = ['import random'];
  const gen = method ? 'rng = random.Random(seed)\n' : 'random.seed(seed)\n';
  const r = method ? 'rng' : 'random';
  switch (name) {
    case 'seed':
      return [
        {
          params: { seed: 'int' },
          body: method
            ? 'rng = random.Random(0)\nrng.seed(seed)\nreturn [rng.random() for _ in range(3)]'
            : 'random.seed(seed)\nreturn [random.random() for _ in range(3)]',
          samples: [[0], [1], [42], [-42], [2 ** 32], [2 ** 32 + 1], [2 ** 52 + 12345], [-(2 ** 40)]],
          imports: imp,
        },
        {
          params: { seed: 'str' },
          body: `${r === 'rng' ? 'rng = random.Random(seed)' : 'random.seed(seed)'}\nreturn ${r}.random(), ${r}.randrange(1000)`,
          samples: [[''], ['hello'], ['héllo wörld'], ['\u0000abc'], ['a'.repeat(200)]],
          imports: imp,
        },
        {
          params: { seed: 'float' },
          body: `${r === 'rng' ? 'rng = random.Random(seed)' : 'random.seed(seed)'}\nreturn ${r}.random()`,
          samples: [[0.0], [1.5], [-1.0], [1e300], [3.141592653589793], [-0.0], [1e-310]],
          imports: imp,
        },
        {
          params: { flag: 'bool' },
          body: `${r === 'rng' ? 'rng = random.Random(flag)' : 'random.seed(flag)'}\nreturn ${r}.random()`,
          samples: [[true], [false]],
          imports: imp,
        },
      ];
    case 'random':
      return [
        {
          params: { seed: 'int', n: 'int' },
          body: `${gen}return [${r}.random() for _ in range(n)]`,
          samples: [
            [0, 5],
            [12345, 700],
            [-7, 3],
          ],
          imports: imp,
        },
      ];
    case 'getrandbits':
      return [
        {
          params: { seed: 'int', k: 'int' },
          body: `${gen}return [${r}.getrandbits(k) for _ in range(4)]`,
          samples: [
            [0, 0],
            [1, 1],
            [2, 31],
            [3, 32],
            [4, 33],
            [5, 63],
            [6, -1],
            [7, 62],
          ],
          imports: imp,
        },
      ];
    case 'randrange':
      return [
        {
          params: { seed: 'int', a: 'int' },
          body: `${gen}return [${r}.randrange(a) for _ in range(5)]`,
          samples: [
            [0, 10],
            [1, 1],
            [2, 0],
            [3, -5],
            [4, 2 ** 40],
            [5, 2 ** 52 + 1],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', a: 'int', b: 'int', step: 'int' },
          body: `${gen}return [${r}.randrange(a, b, step) for _ in range(5)]`,
          samples: [
            [0, 0, 10, 1],
            [1, 0, 10, 3],
            [2, 10, 0, -3],
            [3, 5, 5, 1],
            [4, 0, 10, 0],
            [5, 10, 0, 2],
            [6, -(2 ** 52), 2 ** 52, 1],
            [7, 3, 4, 1],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', a: 'int', b: 'int' },
          body: `${gen}return ${r}.randrange(a, b), ${r}.randrange(a, stop=b), ${r}.randrange(start=a, stop=b, step=2)`,
          samples: [
            [0, 0, 100],
            [1, -50, 50],
          ],
          imports: imp,
        },
      ];
    case 'randint':
      return [
        {
          params: { seed: 'int', a: 'int', b: 'int' },
          body: `${gen}return [${r}.randint(a, b) for _ in range(6)]`,
          samples: [
            [0, 1, 6],
            [1, 5, 5],
            [2, 6, 5],
            [3, -1000000, 1000000],
            [4, 0, 2 ** 50],
          ],
          imports: imp,
        },
      ];
    case 'choice':
      return [
        {
          params: { seed: 'int', xs: 'list[str]' },
          body: `${gen}return [${r}.choice(xs) for _ in range(5)]`,
          samples: [
            [0, ['a', 'b', 'c']],
            [1, ['only']],
            [2, []],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', s: 'str', n: 'int' },
          body: `${gen}return ${r}.choice(s), ${r}.choice(range(n)), ${r}.choice((1.5, 2.5, 3.5))`,
          samples: [
            [0, 'héllo', 10],
            [1, 'x', 1],
            [2, '', 3],
            [3, 'ab', 0],
          ],
          imports: imp,
        },
      ];
    case 'shuffle':
      return [
        {
          params: { seed: 'int', xs: 'list[int]' },
          body: `${gen}ys = list(xs)\n${r}.shuffle(ys)\n${r}.shuffle(xs)\nreturn ys, xs`,
          samples: [
            [0, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
            [1, []],
            [2, [7]],
            [3, [1, 2]],
          ],
          imports: imp,
        },
      ];
    case 'sample':
      return [
        {
          params: { seed: 'int', xs: 'list[str]', k: 'int' },
          body: `${gen}return ${r}.sample(xs, k)`,
          samples: [
            [0, ['a', 'b', 'c', 'd', 'e'], 3],
            [1, ['a', 'b'], 2],
            [2, ['a'], 0],
            [3, ['a', 'b'], 3],
            [4, ['a', 'b'], -1],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', n: 'int', k: 'int' },
          body: `${gen}return ${r}.sample(range(n), k), ${r}.sample(range(n), k=k)`,
          samples: [
            [0, 10, 5],
            [1, 100, 10],
            [2, 1000000, 30],
            [3, 50, 50],
            [4, 22, 6],
            [5, 21, 2],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', colors: 'list[str]', counts: 'list[int]', k: 'int' },
          body: `${gen}return ${r}.sample(colors, k, counts=counts)`,
          samples: [
            [0, ['red', 'blue'], [4, 2], 5],
            [1, ['a', 'b', 'c'], [1, 0, 3], 4],
            [2, ['a', 'b'], [1], 1],
            [3, ['a', 'b'], [0, 0], 1],
            [4, [], [], 0],
            [5, ['x'], [3], 4],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', s: 'str' },
          body: `${gen}return ${r}.sample(s, len(s))`,
          samples: [
            [0, 'abcdefg'],
            [1, ''],
          ],
          imports: imp,
        },
      ];
    case 'choices':
      return [
        {
          params: { seed: 'int', xs: 'list[str]', k: 'int' },
          body: `${gen}return ${r}.choices(xs, k=k), ${r}.choices(xs)`,
          samples: [
            [0, ['a', 'b', 'c'], 5],
            [1, ['x'], 3],
            [2, ['a', 'b'], 0],
            [3, ['a', 'b'], -2],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', xs: 'list[str]', ws: 'list[float]', k: 'int' },
          body: `${gen}return ${r}.choices(xs, ws, k=k), ${r}.choices(xs, weights=ws, k=k)`,
          samples: [
            [0, ['a', 'b', 'c'], [0.1, 0.2, 0.7], 6],
            [1, ['a', 'b'], [0.0, 1.0], 3],
            [2, ['a', 'b'], [1.0], 1],
            [3, ['a', 'b'], [0.0, 0.0], 1],
            [4, ['a', 'b'], [-1.0, 0.5], 1],
            [5, [], [], 1],
          ],
          imports: imp,
        },
        {
          params: { seed: 'int', n: 'int', cw: 'list[int]' },
          body: `${gen}return ${r}.choices(range(n), cum_weights=cw, k=8), ${r}.choices("xyz", [5, 1, 1], k=3)`,
          samples: [
            [0, 3, [1, 2, 10]],
            [1, 2, [0, 5]],
          ],
          imports: imp,
        },
      ];
    case 'triangular':
      return [
        {
          params: { seed: 'int', lo: 'float', hi: 'float', mode: 'float' },
          body: `${gen}return ${r}.triangular(), ${r}.triangular(lo, hi), ${r}.triangular(lo, hi, mode), ${r}.triangular(mode=mode)`,
          samples: [
            [0, 0.0, 10.0, 2.0],
            [1, 5.0, 5.0, 5.0],
            [2, 10.0, 0.0, 9.0],
            [3, -1.0, 1.0, 0.0],
          ],
          imports: imp,
        },
      ];
    default: {
      const d = DISTRIBUTIONS.find(([n]) => n === name)!;
      const [, params] = d;
      const samples: unknown[][] = {
        uniform: [
          [0, 0.0, 1.0],
          [1, -5.0, 5.0],
          [2, 3.0, 3.0],
          [3, 10.0, 2.0],
        ],
        gauss: [
          [0, 0.0, 1.0],
          [1, 10.0, 2.5],
          [2, -1.0, 0.0],
        ],
        normalvariate: [
          [0, 0.0, 1.0],
          [1, 10.0, 2.5],
          [2, -3.0, 0.1],
        ],
        lognormvariate: [
          [0, 0.0, 1.0],
          [1, 0.5, 0.25],
        ],
        expovariate: [
          [0, 1.0],
          [1, 0.25],
          [2, -2.0],
          [3, 0.0],
        ],
        vonmisesvariate: [
          [0, 0.0, 1.0],
          [1, 3.0, 0.0],
          [2, 1.0, 50.0],
        ],
        gammavariate: [
          [0, 0.5, 1.0],
          [1, 1.0, 2.0],
          [2, 3.0, 0.5],
          [3, 0.0, 1.0],
          [4, 1.0, -1.0],
          [5, 0.01, 1.0],
        ],
        betavariate: [
          [0, 2.0, 3.0],
          [1, 0.5, 0.5],
          [2, 1.0, 1.0],
          [3, 0.0, 1.0],
        ],
        paretovariate: [
          [0, 1.0],
          [1, 3.0],
          [2, 0.0],
        ],
        weibullvariate: [
          [0, 1.0, 1.5],
          [1, 2.0, 0.5],
          [2, 1.0, 0.0],
        ],
      }[name]!;
      const ps = Object.fromEntries([['seed', 'int'], ...params.map((p) => [p, 'float'])]) as Record<string, string>;
      const call = `${r}.${name}(${params.join(', ')})`;
      const tests: OpTest[] = [{ params: ps, body: `${gen}return [${call} for _ in range(7)]`, samples, imports: imp }];
      if (name === 'gauss' || name === 'normalvariate')
        tests.push({
          params: { seed: 'int', n: 'int' },
          body: `${gen}a = ${r}.${name}()\nb = ${r}.${name}(5)\nc = ${r}.${name}(mu=1, sigma=2)\n${r}.seed(seed)\nreturn a, b, c, [round(${r}.${name}(), 12) for _ in range(n)]`,
          samples: [
            [0, 3],
            [99, 10],
          ],
          imports: imp,
        });
      return tests;
    }
  }
}

/** The Rust of a float argument: ints and bools are converted. */
function f64Code(a: Arg): string {
  if (a.kind === 'float') return `{${a.at}}`;
  if (a.kind === 'bool') return `({${a.at}} as i64 as f64)`;
  return `({${a.at}} as f64)`;
}
const i64Code = (a: Arg): string => (a.kind === 'bool' ? `({${a.at}} as i64)` : `{${a.at}}`);

/** A population as a `&impl Population`. */
function popCode(a: Arg): string {
  switch (a.kind) {
    case 'str':
      return `(&rt::random::chars({&${a.at}}))`;
    case 'range':
      return `(&{${a.at}})`;
    case 'tuple':
      return `(&{ let __t = {${a.at}}; vec![${Array.from({ length: a.n! }, (_, i) => `__t.${i}`).join(', ')}] })`;
    default:
      return `{&${a.at}}`;
  }
}

/** The arguments by role as plain detail fields (`at_k`, `kind_k`, `n_k`), and back. */
function flatten(a: Record<string, Arg | undefined>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [role, v] of Object.entries(a)) {
    if (!v) continue;
    out[`at_${role}`] = v.at;
    out[`kind_${role}`] = v.kind;
    if (v.n !== undefined) out[`n_${role}`] = v.n;
  }
  return out;
}
function args(c: { detail?: Record<string, unknown> }): Record<string, Arg | undefined> {
  const out: Record<string, Arg> = {};
  for (const [k, v] of Object.entries(c.detail ?? {}))
    if (k.startsWith('at_')) {
      const role = k.slice(3);
      out[role] = {
        at: v as string,
        kind: c.detail![`kind_${role}`] as string,
        n: c.detail![`n_${role}`] as number | undefined,
      };
    }
  return out;
}

/** The Rust of each variant over the generator `g` (a `&Random`). */
const SPELL: Record<string, (g: string, a: Record<string, Arg | undefined>, d: Record<string, unknown>) => string> = {
  seed: (g, a) => (a.a!.kind === 'bool' ? `${g}.seed(&{${a.a!.at}})?` : `${g}.seed({&${a.a!.at}})?`),
  random: (g) => `${g}.random()`,
  getrandbits: (g, a) => `${g}.getrandbits(${i64Code(a.k!)})?`,
  stop: (g, a) => `${g}.randrange1(${i64Code(a.start!)})?`,
  range: (g, a) =>
    `${g}.randrange(${i64Code(a.start!)}, ${a.stop ? `Some(${i64Code(a.stop)})` : 'None'}, ${a.step ? i64Code(a.step) : '1'})?`,
  randint: (g, a) => `${g}.randint(${i64Code(a.a!)}, ${i64Code(a.b!)})?`,
  choice: (g, a) => `${g}.choice(${popCode(a.seq!)})?`,
  shuffle: (g, a) => `${g}.shuffle({mut${a.x!.at}})`,
  sample: (g, a) => `${g}.sample(${popCode(a.population!)}, ${i64Code(a.k!)})?`,
  sample_counts: (g, a) =>
    `${g}.sample_counts(${popCode(a.population!)}, ${a.counts!.kind === 'bool' ? `&{&${a.counts!.at}}.iter().map(|&x| x as i64).collect::<Vec<i64>>()` : `{&${a.counts!.at}}`}, ${i64Code(a.k!)})?`,
  choices: (g, a) => `${g}.choices(${popCode(a.population!)}, ${a.k ? i64Code(a.k) : '1'})?`,
  choices_weighted: (g, a, d) => {
    const w = a.weights!;
    const ws = w.kind === 'float' ? `{&${w.at}}` : `&{&${w.at}}.iter().map(|&x| x as i64 as f64).collect::<Vec<f64>>()`;
    return `${g}.choices_weighted(${popCode(a.population!)}, ${ws}, ${d.cumulative ? 'true' : 'false'}, ${a.k ? i64Code(a.k) : '1'})?`;
  },
  triangular: (g, a) =>
    `${g}.triangular(${a.low ? f64Code(a.low) : '0.0'}, ${a.high ? f64Code(a.high) : '1.0'}, ${a.mode ? `Some(${f64Code(a.mode)})` : 'None'})`,
};
for (const [dist, params, , fallible] of DISTRIBUTIONS)
  SPELL[dist] = (g, a) => {
    const defaults = DISTRIBUTIONS.find(([n]) => n === dist)![2];
    const vals = params.map((p, i) => (a[p] ? f64Code(a[p]) : defaults[i]!.toFixed(1)));
    return `${g}.${dist}(${vals.join(', ')})${fallible ? '?' : ''}`;
  };

for (const [name, { params, rule, summary }] of Object.entries(RULES))
  for (const method of [false, true]) {
    const id = method ? `random.Random.${name}` : `random.${name}`;
    defineOp({
      id,
      summary: method ? `rng.${summary}` : `random.${summary} (the module's generator)`,
      resolve: (argTypes, kw, consts, kwConsts): ResolveResult => {
        if (method && !isRandom(argTypes[0])) return { error: `${name}() is a random.Random method` };
        const b = bind(name, params, argTypes, kw, consts, kwConsts, method ? 1 : 0);
        if ('error' in b) return b;
        const d = rule(b, name);
        if ('error' in d) return d;
        return {
          entry: id,
          overload: argTypes.map(typeToString).join(', '),
          result: d.result,
          params: argTypes,
          variant: d.variant,
          detail: { ...flatten(d.args), method, ...d.extra },
          ...(d.mutates !== undefined && { mutates: true, ...(d.mutates !== 0 && { mutatedArg: d.mutates }) }),
        };
      },
      tests: testsFor(name, method),
    });
    const spell: Record<string, (c: { detail?: Record<string, unknown> }) => string> = {};
    for (const [variant, f] of Object.entries(SPELL))
      spell[variant] = (c) => f(c.detail!.method ? '{&0}' : 'rt::random::global()', args(c), c.detail!);
    defineSpellings({ [id]: spell });
  }

defineOp({
  id: 'random.Random',
  summary: 'random.Random(seed): a generator of its own, seeded as random.seed(seed) would be',
  resolve: (argTypes, kw, consts, kwConsts): ResolveResult => {
    const b = bind('Random', { names: ['x'], required: 0 }, argTypes, kw, consts, kwConsts, 0);
    if ('error' in b) return b;
    const x = b.get('x');
    if (isNoneArg(x))
      return {
        error:
          "random.Random() without a seed draws OS entropy, so the compiled function's results could not be reproduced; pass a seed",
      };
    if (!['int', 'bool', 'float', 'str'].includes(x!.t.kind))
      return { error: `random.Random() takes an int, float or str seed, not ${typeToString(x!.t)}` };
    return {
      entry: 'random.Random',
      overload: typeToString(x!.t),
      result: RANDOM,
      params: argTypes,
      variant: x!.t.kind === 'bool' ? 'seed_bool' : 'seed',
      detail: { at: x!.at },
    };
  },
  tests: [
    {
      params: { seed: 'int', n: 'int' },
      body: 'a = random.Random(seed)\nb = random.Random(seed)\nc = a\nxs = [a.random(), c.random(), b.random()]\nreturn xs, [a.randrange(n) for _ in range(3)]',
      samples: [
        [0, 10],
        [2024, 1000000],
      ],
      imports: ['import random'],
    },
    {
      params: { text: 'str', x: 'float' },
      body: 'a = random.Random(text)\nb = random.Random(x)\nc = random.Random(-9223372036854775807 - 1)\nd = random.Random(9223372036854775807)\nreturn a.random(), b.random(), c.random(), d.random(), d.randrange(9223372036854775807), d.randint(-9223372036854775807 - 1, 9223372036854775807)',
      samples: [
        ['abc', 2.5],
        ['', -0.5],
      ],
      imports: ['import random'],
    },
  ],
});

defineSpellings({
  'random.Random': {
    seed: (c) => `rt::random::Random::new({&${c.detail!.at as string}})?`,
    seed_bool: (c) => `rt::random::Random::new(&{${c.detail!.at as string}})?`,
  },
});
