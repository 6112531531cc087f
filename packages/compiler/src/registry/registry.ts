/**
 * The op registry: one entry per supported Python operation (`operator.add`, `builtins.len`,
 * `str.split`, `math.sqrt`). An entry holds the operation's Python identity, its type rule
 * (overloads, or a resolver for generic ops), its Rust emission, and its reference tests:
 * Python snippets that the differential test suite runs through CPython and through the
 * compiled code. Adding an op means adding an entry here (in one of the family files) and
 * at most one runtime function.
 */
import type { ConstValue } from '../ir/consts';
import type { OpChoice } from '../ir/choice';
import { assignable, type Type, typeToString, T } from '../types/types';

/** How an emitted argument is used by a Rust template. */
export interface EmittedArg {
  /** The Rust expression. */
  code: string;
  /** True when `code` names a place (a variable or constant), so it can be borrowed without a temporary. */
  place: boolean;
  type: Type;
}

/** What a resolver may ask of infer: instantiate a callable argument for argument types. */
export interface ResolveContext {
  /** Instantiates the callable at `arg` (an index or a keyword) for `args`; its result type, or undefined. */
  call(arg: number | string, args: Type[]): Type | undefined;
  /**
   * Types the callable at `arg` for `args` on the side, keeping no instance and reporting nothing: its result type
   * when it types without an error, else undefined (a rule trying candidate types, as `reduce` does for `Counter()`).
   */
  probe?(arg: number | string, args: Type[]): Type | undefined;
}

export type ResolveResult = OpChoice | ResolveError;

/**
 * Why an op does not apply. Usually reported as E0301 at the call; an op may instead name its
 * own diagnostic and the argument it is about (a literal regex pattern that does not compile
 * is E0230 on the pattern).
 */
export interface ResolveError {
  error: string;
  diagnostic?: { code: 'E0230' | 'E0240'; params: Record<string, string>; arg?: number | string };
}

export interface OpTest {
  /** Parameters of the generated test function, as Python annotations. */
  params: Record<string, string>;
  /** A Python expression over the parameters; the test function returns it. */
  expr?: string;
  /** Or statements (lines separated by newlines) that form the test function's body. */
  body?: string;
  /** Argument lists (value JSON) to run through CPython and the compiled code. */
  samples: unknown[][];
  /** The return annotation; defaults to none (inferred). */
  returns?: string;
  /**
   * A known, deliberate difference from CPython on some inputs: the random fence skips this
   * snippet (its fixed samples still run), and docs/coverage.md lists the reason.
   */
  deviation?: string;
  /**
   * For snippets CPython cannot run in CI (torch is not installed there): Python source of a
   * function body (or, with `expr`-style text, one expression) that CPython runs instead, with
   * the same parameters, e.g. the numpy equivalent of a torch snippet.
   */
  reference?: string;
  /**
   * Or expected outcomes recorded once from the real library (`tools/tensor/record_torch.py`
   * writes them to a committed fixture), one per sample: `{ ok: <value JSON> }` or
   * `{ error: { type, message } }`. Used instead of running CPython.
   */
  recorded?: unknown[];
  /** Extra module-level imports the snippet needs (e.g. `import torch`). */
  imports?: string[];
  /**
   * An absolute tolerance for floats besides the relative 1e-5, for results that agree with numpy only to rounding
   * (an FFT's near-zero bins: pocketfft and rustfft order their arithmetic differently).
   */
  atol?: number;
}

/** Spells a choice in Rust: a template over the emitted arguments (see the spelling module's header). */
export type Spelling = Record<string, (c: OpChoice) => string>;

export interface OpEntry {
  /** The Python identity, e.g. `operator.add`, `builtins.len`, `str.upper`. */
  id: string;
  summary: string;
  /** `consts` holds the values of arguments that are literals, for ops such as `t[0]` on a tuple. */
  resolve(
    args: Type[],
    kwargs: ReadonlyMap<string, Type>,
    consts?: readonly (ConstValue | undefined)[],
    kwConsts?: ReadonlyMap<string, ConstValue>,
    ctx?: ResolveContext,
  ): ResolveResult;
  /** The Rust spelling of each variant the type rule may choose, by `OpChoice.variant`. */
  spell?: Spelling;
  tests: OpTest[];
  /** For ops whose reference tests need model weights: the test file that checks them against PyTorch. */
  testedBy?: string;
}

/** A fixed overload: argument types, result type, Rust template. */
export interface Sig {
  params: Type[];
  result: Type;
  template: string;
  /** Optional trailing parameters: calls may omit them; templates then see the default Rust code. */
  optional?: { type: Type; default: string }[];
}

/** A resolution of `id`: its result, the parameter types it takes, and the spelling `variant` (with what it needs). */
export function resolved(
  id: string,
  result: Type,
  params: Type[],
  variant: string,
  detail?: OpChoice['detail'],
): ResolveResult {
  return {
    entry: id,
    overload: params.map(typeToString).join(', '),
    result,
    params,
    variant,
    ...(detail && { detail }),
  };
}

export function sig(params: Type[], result: Type, template: string, optional?: Sig['optional']): Sig {
  return optional ? { params, result, template, optional } : { params, result, template };
}

/**
 * Resolves against a list of overloads: the first exact match wins, then the first match
 * with numeric widening (bool to int, int to float), so `1 + 2.0` picks float addition.
 * The choice names the overload by its index (`variant`); `spellOverloads` writes its Rust.
 *
 * `kwNames[i]` is the keyword that may pass parameter `i` (undefined: positional only, as the
 * receiver of a method is). A keyword fills its parameter's slot, so `s.split(maxsplit=1)` leaves
 * the optional `sep` out and it takes its default, as in CPython.
 */
export function chooseOverload(
  id: string,
  sigs: Sig[],
  kwNames: readonly (string | undefined)[] = [],
): OpEntry['resolve'] {
  return (args, kwargs) => {
    const all: (Type | undefined)[] = [...args];
    const kwSlots: Record<string, number> = {};
    for (const [name, t] of kwargs) {
      const i = kwNames.indexOf(name);
      if (i < 0) return { error: `\`${id}\` takes no keyword argument \`${name}\`` };
      if (i < args.length) return { error: `\`${id}\` got multiple values for argument \`${name}\`` };
      all[i] = t;
      kwSlots[name] = i;
    }
    const holes = [...all.keys()].filter((i) => all[i] === undefined);
    // Exact matches first, then numeric widening, then Optional[T] where T is needed (the
    // emitter unwraps it and raises TypeError on None, as CPython's operators do).
    for (const pass of ['exact', 'widen', 'unwrap'] as const) {
      for (const [k, s] of sigs.entries()) {
        const opt = s.optional ?? [];
        if (all.length < s.params.length || all.length > s.params.length + opt.length) continue;
        // Only an optional parameter may be left out before a keyword.
        if (holes.some((i) => i < s.params.length)) continue;
        const expected = [...s.params, ...opt.slice(0, all.length - s.params.length).map((o) => o.type)];
        const fits = (a: Type, want: Type): boolean => {
          if (pass === 'exact') return typeToString(a) === typeToString(want) || a.kind === 'unknown';
          if (assignable(a, want)) return true;
          return pass === 'unwrap' && a.kind === 'optional' && want.kind !== 'optional' && assignable(a.item, want);
        };
        const ok = all.every((a, i) => a === undefined || fits(a, expected[i]!));
        if (!ok) continue;
        return {
          entry: id,
          overload: expected.map(typeToString).join(', '),
          variant: String(k),
          result: s.result,
          params: expected,
          ...(kwargs.size > 0 ? { kwSlots } : {}),
          ...(holes.length > 0 ? { holes } : {}),
        };
      }
    }
    return {
      error: `expected one of: ${sigs.map((s) => `(${[...s.params, ...(s.optional ?? []).map((o) => o.type)].map(typeToString).join(', ')})`).join(', ')}`,
    };
  };
}

/** The Rust of each overload, by index; omitted optional parameters (trailing, or holes before a keyword) take their default Rust code. */
export function spellOverloads(sigs: Sig[]): Spelling {
  return Object.fromEntries(
    sigs.map((s, k) => [
      String(k),
      (c: OpChoice) => {
        let template = s.template;
        (s.optional ?? []).forEach((o, j) => {
          const idx = s.params.length + j;
          if (idx >= c.params.length || c.holes?.includes(idx))
            template = template.split(`{${idx}}`).join(o.default).split(`{&${idx}}`).join(`&${o.default}`);
        });
        return template;
      },
    ]),
  );
}

/** An entry's type rule and spelling from a fixed list of overloads. */
export function overloads(
  id: string,
  sigs: Sig[],
  kwNames: readonly (string | undefined)[] = [],
): Pick<OpEntry, 'resolve' | 'spell'> {
  return { resolve: chooseOverload(id, sigs, kwNames), spell: spellOverloads(sigs) };
}

const entries = new Map<string, OpEntry>();

export function defineOp(entry: OpEntry): OpEntry {
  if (entries.has(entry.id)) throw new Error(`op ${entry.id} is defined twice`);
  entries.set(entry.id, entry);
  return entry;
}

/**
 * An extension of an op defined in another family file: `operator.add` on ndarrays lives
 * with the numpy ops. Its resolver is tried first and returns undefined when the arguments
 * are not its own; its tests join the op's tests.
 */
export interface OpExtension {
  /** Appended to the op's summary. */
  summary: string;
  resolve(
    args: Type[],
    kwargs: ReadonlyMap<string, Type>,
    consts?: readonly (ConstValue | undefined)[],
    kwConsts?: ReadonlyMap<string, ConstValue>,
  ): ResolveResult | undefined;
  /** The spellings of the variants this extension's rule chooses; their keys must not clash with the op's. */
  spell?: Spelling;
  tests: OpTest[];
}

const extensions = new Map<string, OpExtension[]>();

const declined: [string, string][] = [];

/**
 * Marks a whole namespace (`numpy.random.`) as out of scope, with the reason a user reads in the
 * diagnostic instead of the generic "not in the op registry".
 */
export function declineNamespace(prefix: string, reason: string): void {
  declined.push([prefix, reason]);
}

/** Why an op that is not in the registry is out of scope, when its namespace was declined. */
export function declinedReason(id: string): string | undefined {
  return declined.find(([prefix]) => id.startsWith(prefix))?.[1];
}

export function extendOp(id: string, ext: OpExtension): void {
  extensions.set(id, [...(extensions.get(id) ?? []), ext]);
}

function withExtensions(e: OpEntry): OpEntry {
  const exts = extensions.get(e.id);
  const family = familySpellings.get(e.id) ?? [];
  if (!exts && family.length === 0) return e;
  if (!exts) return { ...e, spell: mergeSpellings(e.id, [e.spell, ...family]) };
  return {
    id: e.id,
    summary: [e.summary, ...exts.map((x) => x.summary)].join('; '),
    // The extensions see the literal arguments; the op's own rule also gets the resolve context (lambdas, keys).
    resolve: (args, kw, consts, kwConsts, ctx) => {
      for (const x of exts) {
        const r = x.resolve(args, kw, consts, kwConsts);
        if (r) return r;
      }
      return e.resolve(args, kw, consts, kwConsts, ctx);
    },
    spell: mergeSpellings(e.id, [e.spell, ...exts.map((x) => x.spell), ...family]),
    tests: [...e.tests, ...exts.flatMap((x) => x.tests)],
  };
}

const familySpellings = new Map<string, Spelling[]>();

/**
 * A family's spelling table, kept beside its type rules (AssemblyScript's resolve/compile
 * split): for each op id, the Rust of each variant its rules choose.
 */
export function defineSpellings(table: Record<string, Spelling>): void {
  for (const [id, spell] of Object.entries(table)) familySpellings.set(id, [...(familySpellings.get(id) ?? []), spell]);
}

function mergeSpellings(id: string, tables: (Spelling | undefined)[]): Spelling {
  const out: Spelling = {};
  for (const t of tables)
    for (const [k, f] of Object.entries(t ?? {})) {
      if (k in out) throw new Error(`op ${id} spells variant ${k} twice`);
      out[k] = f;
    }
  return out;
}

export function lookupOp(id: string): OpEntry | undefined {
  const e = entries.get(id);
  return e && withExtensions(e);
}

/**
 * Whether a module attribute names a function rather than a value: an op that takes arguments and has no form
 * without them (`math.tanh`, not `torch.float32` or `sys.maxsize`), so that naming it without a call makes a
 * function value.
 */
export function isFunctionOp(id: string): boolean {
  const e = lookupOp(id);
  if (!e) return false;
  try {
    return 'error' in e.resolve([], new Map());
  } catch {
    return true;
  }
}

export function allOps(): OpEntry[] {
  return [...entries.values()].map(withExtensions);
}

/** The registry family that a method call resolves in, from its receiver type. */
export function receiverFamily(t: Type): string | undefined {
  switch (t.kind) {
    case 'str':
    case 'list':
    case 'dict':
    case 'set':
    case 'int':
    case 'float':
    case 'tuple':
    case 'deque':
      return t.kind;
    case 'vartuple':
      return 'tuple';
    // numpy arrays resolve `a.sum()` as `ndarray.sum`; torch tensors as `torch.Tensor.sum`.
    case 'ndarray':
      return t.flavor === 'torch' ? 'torch.Tensor' : 'ndarray';
    case 'resource':
      return t.resource;
    // An opaque type refined by a static part (`numpy.dtype[uint8]`) takes its family's ops.
    case 'opaque':
      return t.name.replace(/\[.*\]$/, '');
    case 'callable':
      return 'callable';
    case 'struct':
      return 'struct';
    case 'enum':
      return 'enum';
    // A dynamic value's methods decide by its run-time type (`dynamic.get`).
    case 'dynamic':
      return 'dynamic';
    default:
      return undefined;
  }
}

export { T };
