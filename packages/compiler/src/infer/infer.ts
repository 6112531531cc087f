/**
 * The infer stage: IR in, typed IR out. Types flow from the entry signature and the module
 * constants through each op's type rule in the registry. Helpers are monomorphised: each
 * distinct tuple of argument types at a call site gets its own instance (its own copy of the
 * IR, typed for those arguments). Variables get one type each (the unification of all their
 * bindings, so `[]` becomes `list[int]` after `append(1)`), found by iterating each body to a
 * fixpoint; a final pass then reports what is still wrong. Emission comes next.
 */
import { dataclassIntrospection, dynamicGetattr } from './dataclassfields';
import { DiagnosticSink, type Span } from '../diagnostics/diagnostic';
import {
  exprChildren,
  fallsThrough,
  forEachExpr,
  type IrEnum,
  type IrConstant,
  type IrExpr,
  type IrFunction,
  type IrMethod,
  type IrModule,
  type IrStmt,
  type IrStruct,
  type IrStructField,
  type IrTarget,
  CMP_KEY,
  CMP_METHOD,
  STAR_OP,
  STAR_OPS,
  resizedRoot,
} from '../ir/ir';

/** The ops that order a container's items by `<`: a class with `__lt__` passes its comparator to them. */
const ORDERED_OPS = new Set(['builtins.sorted', 'builtins.max', 'builtins.min', 'method.sort']);
/** The heap ops, which order their items by `<` too: the argument whose type is (or holds) the item. */
const HEAP_OPS: Record<string, 'list' | 'item'> = {
  'heapq.heappush': 'item',
  'heapq.heappushpop': 'item',
  'heapq.heapreplace': 'item',
  'heapq.heappop': 'list',
  'heapq.heapify': 'list',
};
/** The comparisons that use `__eq__` (identity for a class without one). */
const EQUALITY_OPS = new Map([
  ['operator.eq', '=='],
  ['operator.ne', '!='],
  ['operator.in_', 'in'],
  ['operator.not_in', 'not in'],
]);
import type { DispatchArm, OpChoice } from '../ir/choice';
import { bindMapping, KWARGS_TAKE } from './kwargs';
import { flagCompare, flagOp } from './flags';
import { type FunctionInstance, mutableRoot, type TypedModule } from '../ir/typed';
import {
  declinedReason,
  lookupOp,
  receiverFamily,
  resolveComplex,
  type ResolveContext,
  type ResolveResult,
} from '../registry';
import {
  assignable,
  downcastable,
  GENERATOR_SOURCE,
  isLazySource,
  isComplete,
  isValueType,
  iterItem,
  T,
  type Type,
  typeEquals,
  typeToString,
  unify,
  unifyItems,
  EXCEPTION_ARGS,
  unionItem,
  datetimeInside,
  noDatetimeCrossing,
  nestedClassedTuple,
  orderedDictInside,
  fillUnknown,
} from '../types/types';
import { type ConstValue, typeOfConst } from '../ir/consts';
import { definiteAssignment } from './definite';
import { checkAliasing, markSelfMutation } from './aliasing';
import { delayStores } from './delaystores';
import { checkFieldSharing } from './fieldsharing';
import { cellType, checkGlobalChange } from './globals';
import { hasattrOfClass, lateStore, recursiveField, refineField } from './fields';
import { rustIdent } from '@ingot/contract';
import { methodTarget, type MethodTarget, specialMethodOp } from './classes';
import { hashedPart, hashProblem } from './hashing';
import { fillsHoles, growingRecursion, growingTypes, instanceKey, memberReturn, unionMember } from './poly';

const MAX_ROUNDS = 8;

/** numpy functions that join a sequence of arrays (its first argument). */
const ARRAY_JOINS = new Set(['numpy.concatenate', 'numpy.stack', 'numpy.vstack', 'numpy.hstack', 'numpy.column_stack']);
/** List methods that store an argument (its index): a dict display there becomes the list's TypedDict. */
const LIST_PUTS: Record<string, number> = { 'method.append': 1, 'method.insert': 2, 'method.extend': 1 };

/** The kinds a dynamic value (`rt::Value`) holds, in the order of its variants, for dispatch on one (JSON's null apart). */
const JSON_KINDS: Type & { kind: 'union' } = {
  kind: 'union',
  members: [T.bool, T.int, T.float, T.str, T.list(T.dynamic), T.dict(T.str, T.dynamic)],
};

/** The type of `e` in `except ValueError as e`: `str(e)` is its message. */
/** The ops to which a NamedTuple argument (at these positions) is the tuple of its fields. */
const NAMED_TUPLE_AS_TUPLE: Record<string, number[]> = {
  'operator.getitem': [0],
  'builtins.len': [0],
  'builtins.tuple': [0],
  'builtins.list': [0],
  'builtins.hash': [0],
  'operator.eq': [0, 1],
  'operator.ne': [0, 1],
  'operator.lt': [0, 1],
  'operator.le': [0, 1],
  'operator.gt': [0, 1],
  'operator.ge': [0, 1],
  'operator.add': [0, 1],
  'operator.in_': [1],
  'operator.not_in': [1],
};

export const EXCEPTION_TYPE: Type = T.opaque('Exception', 'rt::PyErr');

/** The attributes that link an exception to others: `raise X from e` and the handler it was raised in set them. */
const EXCEPTION_CHAIN: Record<string, Type> = {
  __cause__: T.optional(EXCEPTION_TYPE),
  __context__: T.optional(EXCEPTION_TYPE),
  __suppress_context__: T.bool,
};

/** Whether a value of type `t` holds a complex array, which has no value JSON form. */
function holdsComplexArray(t: Type): boolean {
  if (t.kind === 'ndarray') return t.complex === true;
  if (t.kind === 'list' || t.kind === 'set' || t.kind === 'optional') return holdsComplexArray(t.item);
  if (t.kind === 'tuple') return t.items.some(holdsComplexArray);
  if (t.kind === 'dict') return holdsComplexArray(t.value);
  return false;
}

/** A cell whose type its changes decide: unannotated, empty or None at module level, or computed with holes. */
function openCell(c: IrConstant): boolean {
  if (!c.cell) return false;
  if (c.computedBy !== undefined) return !(c.declared && isComplete(c.declared));
  return !isComplete(c.type) || c.type.kind === 'none';
}

export function inferModule(m: IrModule, entryNames: string[], sink: DiagnosticSink): TypedModule {
  // A module cell with no annotation (`_CACHE = {}`) is typed by its changes: probe runs, whose reports are dropped,
  // refine it until it no longer changes, so the run that counts types every read of it alike.
  for (let probe = 0; probe < 4 && [...m.constants.values()].some(openCell); probe++) {
    const p = new Inferrer(m, new DiagnosticSink());
    for (const name of entryNames) {
      const fn = m.functions.get(name);
      if (fn)
        p.instantiate(
          fn,
          fn.params.map((x) => x.annotation ?? T.unknown),
          true,
        );
    }
    if (!p.refinedCells) break;
  }
  // A field that a method's store decided (`self.items.append(x)`) was open to what was typed before: again, with the
  // field's type known from the start (at most a few times, each deciding more).
  const mark = sink.items.length;
  for (let again = 0; ; again++) {
    const typed = inferOnce(m, entryNames, sink);
    if (!typed.refined || again === 3) return typed.module;
    sink.items.length = mark;
  }
}

function inferOnce(m: IrModule, entryNames: string[], sink: DiagnosticSink): { module: TypedModule; refined: boolean } {
  const inf = new Inferrer(m, sink);
  const entries: FunctionInstance[] = [];
  for (const name of entryNames) {
    const fn = m.functions.get(name);
    if (!fn) continue;
    const types = fn.params.map((p) => p.annotation ?? T.unknown);
    const inst = inf.instantiate(fn, types, true);
    if (inst) entries.push(inst);
    // The value JSON has no complex form, so a complex array never crosses the boundary.
    if (inst && holdsComplexArray(inst.returnType))
      sink.report('E0209', fn.span, {
        op: `return of a complex array (${typeToString(inst.returnType)})`,
        hint: 'a complex array has no value JSON form; return the real values the caller needs (np.abs(z), z.real, z.imag or np.angle(z))',
      });
  }
  // Helpers with one instance keep their Python name; others get a type suffix.
  const byName = new Map<string, FunctionInstance[]>();
  for (const inst of inf.instances.values()) byName.set(inst.fn.name, [...(byName.get(inst.fn.name) ?? []), inst]);
  for (const [name, insts] of byName) {
    const entry = insts.find((i) => i.isEntry);
    for (const inst of insts) {
      inst.rustName = insts.length === 1 || inst === entry ? name : `${name}__${inst.paramTypes.map(mangle).join('_')}`;
    }
  }
  if (inf.fieldsRefined)
    return { module: { module: m, instances: [...inf.instances.values()], entries }, refined: true };
  // A class the compiled code uses that holds itself by value (a linked list's `next`) has no Rust layout.
  const used = new Set<string>();
  for (const inst of inf.instances.values())
    for (const t of [...inst.locals.values(), ...inst.paramTypes, inst.returnType]) structNames(t, used);
  for (const name of used) {
    const r = recursiveField(m.structs, name);
    if (r)
      sink.report('E0202', r.field.span ?? r.struct.span, {
        construct: `a class holding an instance of itself by value (\`${r.struct.name}.${r.field.name}\`: linked nodes, trees)`,
        hint: 'keep the nodes in a list and link them by index, or hold the children in a list (`self.children: list[Node] = []`)',
      });
  }
  markSelfMutation(inf.instances, m.structs, sink, m.constants);
  for (const inst of inf.instances.values()) delayStores(inst);
  for (const inst of inf.instances.values()) checkAliasing(inst, inf.instances, sink, m.constants);
  checkFieldSharing(inf.instances.values(), sink);
  return { module: { module: m, instances: [...inf.instances.values()], entries }, refined: false };
}

/** The class names a type mentions, at any depth. */
function structNames(t: Type, out: Set<string>): void {
  if (t.kind === 'struct') out.add(t.name);
  else if (t.kind === 'list' || t.kind === 'set' || t.kind === 'deque' || t.kind === 'optional' || t.kind === 'iter')
    structNames(t.item, out);
  else if (t.kind === 'dict') {
    structNames(t.key, out);
    structNames(t.value, out);
  } else if (t.kind === 'tuple') t.items.forEach((x) => structNames(x, out));
  else if (t.kind === 'union') t.members.forEach((x) => structNames(x, out));
}

function mangle(t: Type): string {
  // `tuple[float, ...]` and `tuple[float]` are different instances.
  return typeToString(t)
    .replace(/\.\.\./g, 'etc')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/_+$/, '');
}

interface Scope {
  vars: Map<string, Type>;
  /** Comprehension variables shadow function locals inside the comprehension only. */
  parent?: Scope;
  /** A comprehension's Optional variables its conditions proved not None (`if v is not None`). */
  narrowed?: Set<string>;
}

/** What `f(*xs)` spreads a list into: the function's name as CPython's TypeError spells it, its parameters in order. */
interface StarTarget {
  name: string;
  params: readonly { name: string; default: unknown }[];
  /** A method, whose `self` CPython counts among the given arguments. */
  self?: boolean;
}

/** Whether a type of the kind `kind` appears anywhere in `t` (itself, an item, a key or value, a member). */
function typeHolds(t: Type, kind: Type['kind']): boolean {
  if (t.kind === kind) return true;
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'deque':
    case 'optional':
    case 'vartuple':
      return typeHolds(t.item, kind);
    case 'dict':
      return typeHolds(t.key, kind) || typeHolds(t.value, kind);
    case 'tuple':
      return t.items.some((x) => typeHolds(x, kind));
    case 'union':
      return t.members.some((x) => typeHolds(x, kind));
    default:
      return false;
  }
}

/** Whether a class instance appears anywhere in `t` (an item, a value, a member). */
const typeMentionsStruct = (t: Type): boolean => typeHolds(t, 'struct');

class Inferrer {
  readonly instances = new Map<string, FunctionInstance>();
  private readonly inProgress = new Set<string>();
  /** True during the last round over a body, when diagnostics are reported. */
  private reporting = false;
  /** A store decided an open field of a plain class (`fields.ts`): what was typed before it may have seen it open. */
  fieldsRefined = false;
  private current: FunctionInstance | undefined;
  /**
   * Optional locals proven not None at the current point (`if x is not None:`, the rest of a
   * block after `if x is None: return`, the right side of `x is None or x.f`). Reads of them
   * have the item type and are marked `narrowed` for the emitter. Rebinding a name ends it.
   */
  private narrowed = new Set<string>();
  private returns: Type[] = [];
  /** Where each of `returns` is, for a warning about the signature. */
  private returnSpans: Span[] = [];
  /** The instances (by key) that call themselves: their calls take the declared return type, so it must hold. */
  private readonly recursive = new Set<string>();
  /** Instances of a helper whose `Union[...]` parameter was given one member (`instanceParams`). */
  private readonly perMember = new Set<string>();
  /** Functions reported for a recursion whose argument types grow without end (E0317). */
  private readonly grew = new Set<string>();
  /** The types a generator yields, in the current instance. */
  private yields: Type[] = [];
  /** The call being instantiated, where a constructor's field type conflict is reported. */
  private callSpan: Span | undefined;

  /** The classes and Enums with methods, by name: what `methodTarget` looks a receiver's methods up in. */
  private readonly methodOwners: ReadonlyMap<string, { name: string; methods?: Map<string, IrMethod> }>;

  constructor(
    private readonly m: IrModule,
    private readonly sink: DiagnosticSink,
  ) {
    this.methodOwners = new Map<string, { name: string; methods?: Map<string, IrMethod> }>([
      ...m.structs,
      ...[...m.enums].filter(([, en]) => en.methods),
    ]);
  }

  private report(...args: Parameters<DiagnosticSink['report']>): void {
    if (this.reporting) this.sink.report(...args);
  }

  /**
   * A cell whose first value its synthesised function computes (`lower/globals.ts`): that function is typed as a call
   * of it, and returns the cell's type (the annotation filling its holes).
   */
  private computedCell(c: IrConstant, span: Span, s: Scope): Type {
    const call: IrExpr = { kind: 'call', fn: c.computedBy!, args: [], kwargs: new Map(), span };
    const t = this.expr(call, s);
    if (call.kind !== 'call' || call.instance === undefined) return T.unknown;
    if (c.instance === undefined) c.type = cellType(t, c.declared);
    c.instance = call.instance;
    const inst = this.instances.get(call.instance);
    if (inst) inst.returnType = c.type;
    return c.type;
  }

  /** Whether a cell's type was refined by a change in this run (`inferModule` runs again then). */
  refinedCells = false;

  /**
   * A change of an unannotated cell tells its type: `_CACHE = {}` then `_CACHE[k] = v`, `_model = None` then
   * `global _model; _model = load()` (Optional of it). An annotated or complete one keeps its type.
   */
  private refineCell(name: string, t: Type): void {
    const c = this.m.constants.get(name);
    if (!c?.cell || t.kind === 'unknown' || (isComplete(c.type) && c.type.kind !== 'none')) return;
    if (c.type.kind === 'none' && t.kind === 'none') return;
    const u = c.type.kind === 'none' ? (isComplete(t) ? T.optional(t) : undefined) : unify(c.type, t);
    if (!u || typeToString(u) === typeToString(c.type)) return;
    c.type = u;
    this.refinedCells = true;
  }

  /** The value of the module constant `name`; none for a cell, whose value changes (`lower/globals.ts`). */
  private constValue(name: string): ConstValue | undefined {
    const c = this.m.constants.get(name);
    return c?.cell ? undefined : c?.value;
  }

  /** A change of the module-level `name`: allowed on a cell (`infer/globals.ts`), else E0208. */
  private globalChange(name: string, span: Span): boolean {
    return checkGlobalChange(this.m.constants, name, span, (code, sp, args) => this.report(code, sp, args));
  }

  instantiate(fn: IrFunction, argTypes: Type[], isEntry: boolean): FunctionInstance | undefined {
    const paramTypes = this.instanceParams(fn, argTypes, isEntry);
    const key = instanceKey(fn, paramTypes);
    const existing = this.instances.get(key);
    if (existing) return existing;
    if (this.inProgress.has(key)) return undefined;
    if (growingRecursion(fn, this.inProgress)) {
      if (!this.grew.has(fn.name))
        this.sink.report('E0317', this.callSpan ?? fn.span, { name: fn.name, type: growingTypes(paramTypes) });
      this.grew.add(fn.name);
      return undefined;
    }
    this.inProgress.add(key);
    const inst: FunctionInstance = {
      rustName: fn.name,
      key,
      fn: structuredClone(fn),
      paramTypes,
      returnType: fn.returnAnnotation ?? T.unknown,
      locals: new Map(),
      maybeUnbound: new Set(),
      isEntry,
    };
    if (fn.params.some((p, i) => p.annotation?.kind === 'union' && paramTypes[i]?.kind !== 'union'))
      this.perMember.add(key);
    return this.inferInstance(inst, key);
  }

  /** The parameter types of `fn`'s instance for arguments of `argTypes` (an annotation is an upper bound). */
  instanceParams(fn: IrFunction, argTypes: Type[], isEntry: boolean): Type[] {
    // An annotation is an upper bound: `t: torch.Tensor` called with a float32 [b, t, d] tensor is
    // instantiated for that tensor, so dtype and rank stay known through helpers.
    return fn.params.map((p, i) => {
      const a = p.annotation;
      const given = argTypes[i];
      if (!isEntry && a?.kind === 'ndarray' && given?.kind === 'ndarray')
        return T.ndarray(a.dtype ?? given.dtype, a.rank ?? given.rank, a.flavor);
      // Likewise `m: re.Match` keeps the groups of the pattern the caller's match came from.
      if (
        !isEntry &&
        a?.kind === 'opaque' &&
        given?.kind === 'opaque' &&
        a.detail === undefined &&
        a.name === given.name
      )
        return given;
      // `other: object` (or Any) given a class instance (`__eq__(self, other: object)`) keeps the class: a value
      // whose type only the running program knows would lose its fields and methods, and nothing converts it.
      if (!isEntry && a?.kind === 'dynamic' && given?.kind === 'struct') return given;
      // So does a parameter annotated with another class (a `Protocol`, a base class): CPython calls the methods of
      // the object it is given, whatever the annotation says.
      if (!isEntry && a?.kind === 'struct' && given?.kind === 'struct') return given;
      // A tuple of a length known only at run time (`tuple(xs)`) where a fixed-length one is declared: CPython passes
      // it as it is (annotations are not enforced), so the helper is instantiated for it, and its indexing and unpacking
      // check the length where CPython would (IndexError, ValueError).
      if (!isEntry && a && given && varTupleFor(given, a)) return given;
      // So is a generator function's call where a list is declared (`xs: list[int]`, `Iterable[int]`): the helper gets
      // the generator itself, so a second loop over it finds it spent and `len(xs)` or `xs[0]` is the error CPython's
      // TypeError is, rather than a list's answer.
      if (!isEntry && a?.kind === 'list' && given?.kind === 'iter' && given.source === GENERATOR_SOURCE)
        return assignable(given.item, a.item) ? given : a;
      // A `Callable[...]` or `TypeVar` annotation is lowered to unknown: the caller's value types it, also inside a
      // container (`table: dict[str, Callable[...]]` given a dict of functions, `xs: list[T]` a list of ints).
      if (!isEntry && a && given && !isComplete(a) && isComplete(given) && fillsHoles(given, a)) return given;
      // A `Union[...]` annotation given one of its members (`x: Union[float, list]` called with a
      // `list[list[float]]`, then with each item's type as it recurses): CPython passes the value as it is, so the
      // helper is instantiated per member, its `isinstance` tests decided statically (`infer/poly.ts`).
      if (!isEntry && a?.kind === 'union' && given && unionMember(given, a)) return given;
      return (a?.kind === 'unknown' ? given : a) ?? given ?? T.unknown;
    });
  }

  private inferInstance(inst: FunctionInstance, key: string): FunctionInstance | undefined {
    const fn = inst.fn;
    // Save the caller's state: instantiation is re-entrant through call sites.
    const saved = {
      current: this.current,
      returns: this.returns,
      reporting: this.reporting,
      yields: this.yields,
      narrowed: this.narrowed,
    };
    this.current = inst;
    this.narrowed = new Set();
    try {
      this.inferBody(inst);
    } finally {
      this.current = saved.current;
      this.returns = saved.returns;
      this.reporting = saved.reporting;
      this.yields = saved.yields;
      this.narrowed = saved.narrowed;
      this.inProgress.delete(key);
    }
    // An entry whose inferred result holds a datetime value (an annotated one was reported by lower).
    const dt =
      inst.isEntry && !(fn.returnAnnotation && datetimeInside(fn.returnAnnotation))
        ? datetimeInside(inst.returnType)
        : undefined;
    if (dt) this.sink.report('E0202', fn.span, noDatetimeCrossing(dt, 'the result'));
    this.instances.set(key, inst);
    return inst;
  }

  private inferBody(inst: FunctionInstance): void {
    const fn = inst.fn;
    for (let round = 0; round <= MAX_ROUNDS; round++) {
      const before = [...inst.locals].map(([k, v]) => `${k}:${typeToString(v)}`).join(';');
      this.reporting = round === MAX_ROUNDS;
      this.returns = [];
      this.returnSpans = [];
      this.yields = [];
      const scope: Scope = { vars: inst.locals };
      // A parameter re-bound to another type becomes a variant local (the emitter re-binds it on entry).
      fn.params.forEach((p, i) =>
        inst.locals.set(
          p.name,
          unify(inst.locals.get(p.name) ?? inst.paramTypes[i]!, inst.paramTypes[i]!) ?? inst.paramTypes[i]!,
        ),
      );
      // Each round walks the body from its start, where nothing is narrowed yet.
      this.narrowed = new Set();
      this.block(fn.body, scope);
      const after = [...inst.locals].map(([k, v]) => `${k}:${typeToString(v)}`).join(';');
      if (before === after && !this.reporting) round = MAX_ROUNDS - 1;
    }
    // The return type: the annotation when there is one, else the unification of all returns.
    // A generator returns the list of what it yields; its `return` only stops it.
    if (fn.isGenerator) {
      let item: Type = T.unknown;
      for (const y of this.yields) item = unify(item, y) ?? item;
      const declared = fn.returnAnnotation;
      inst.returnType = declared?.kind === 'list' && declared.item.kind !== 'unknown' ? declared : T.list(item);
    } else if (fn.hasReturnAnnotation) {
      inst.returnType = fn.returnAnnotation ?? T.unknown;
      // `-> list` or `-> dict` leaves the items open; the returns fill them in.
      if (!isComplete(inst.returnType)) {
        let rt: Type = inst.returnType;
        for (const r of this.returns) rt = fillHoles(rt, r);
        inst.returnType = rt;
      }
      // `-> np.ndarray` says nothing of dtype and rank; when every return agrees on them, the manifest can.
      const ann = inst.returnType;
      if (ann.kind === 'ndarray' && this.returns.length > 0 && this.returns.every((r) => r.kind === 'ndarray')) {
        const all = this.returns as (Type & { kind: 'ndarray' })[];
        const dtype = all.every((r) => r.dtype === all[0]!.dtype) ? all[0]!.dtype : undefined;
        const rank = all.every((r) => r.rank === all[0]!.rank) ? all[0]!.rank : undefined;
        inst.returnType = T.ndarray(ann.dtype ?? dtype, ann.rank ?? rank, ann.flavor);
      }
      this.checkReturnAnnotation(inst);
      // An instance for one member of a `Union[...]` parameter returns what its returns give for that member
      // (`float` for the float instance of `-> Union[float, list]`), unless it calls itself with the declared type.
      if (this.perMember.has(inst.key) && !this.recursive.has(inst.key))
        inst.returnType = memberReturn(inst.returnType, this.returns, fallsThrough(fn.body));
    } else {
      let rt: Type = this.returns.length === 0 ? T.none : T.unknown;
      for (const r of this.returns) rt = unify(rt, r) ?? rt;
      if (fallsThrough(fn.body) && this.returns.some((r) => r.kind !== 'none')) rt = T.optional(rt);
      inst.returnType = rt;
    }
    for (const [name, t] of inst.locals) {
      // An empty container whose items no use decides (`x = []` only printed or measured) keeps `()` items.
      // A hidden local of a call (`__nl_`, `__star_`) is undecided only because the call was, which said why.
      if (!isComplete(t) && !onlyEmptyHole(t) && !/^__(nl|star)_\d+_\d+$/.test(name))
        this.sink.report('E0302', findBinding(fn.body, name) ?? fn.span, { name });
      if (t.kind === 'dict' && t.key.kind === 'float')
        this.sink.report('E0209', findBinding(fn.body, name) ?? fn.span, {
          op: 'a dict with float keys',
          hint: 'use str or int keys',
        });
    }
    inst.maybeUnbound = definiteAssignment(fn);
  }

  /**
   * CPython ignores a return annotation: `-> list` over `return len(a)` returns an int. A function whose returns the
   * annotation does not describe (another type, or a variant of which it names one member) is compiled with the type
   * it really returns, which the manifest and the bindings then carry, and the disagreement is a warning. A recursive
   * function's calls to itself were typed by the annotation, so there it stays an error.
   */
  private checkReturnAnnotation(inst: FunctionInstance): void {
    const declared = inst.returnType;
    // A value the annotation describes, or one checked against it at run time (a dynamic value such as
    // json.loads' or llama-cpp-python's dicts, converted to the declared type as it is returned).
    const fits = (r: Type): boolean => assignable(r, declared) || (r.kind === 'dynamic' && downcastable(r, declared));
    const i = this.returns.findIndex((r) => isComplete(r) && !fits(r));
    if (i < 0) return;
    const fn = inst.fn;
    const args = { name: fn.name, actual: typeToString(this.returns[i]!), declared: typeToString(declared) };
    if (this.recursive.has(inst.key)) {
      this.sink.report('E0304', this.returnSpans[i], args);
      return;
    }
    let real: Type = T.unknown;
    for (const r of this.returns) real = unify(real, fits(r) ? declared : r) ?? real;
    if (fallsThrough(fn.body)) real = T.optional(real);
    if (!isComplete(real)) return;
    this.sink.report('W0304', this.returnSpans[i], { ...args, real: typeToString(real) });
    inst.returnType = real;
  }

  // ---- Statements ----------------------------------------------------------------------

  private block(body: IrStmt[], s: Scope): void {
    for (let i = 0; i < body.length; i++) {
      const st = body[i]!;
      this.stmt(st, s);
      // `if not isinstance(other, Version): return NotImplemented` decided by the static types, leaving: the rest of
      // the block never runs for these types, so it is not typed, and the last round drops it.
      const decided = st.kind === 'if' ? decidedTest(st.test) : undefined;
      if (st.kind === 'if' && decided !== undefined && leaves(decided ? st.body : st.orelse)) {
        if (this.reporting) body.splice(i + 1);
        break;
      }
    }
    // The last round puts an `if` that `isinstance` decided statically (see `stmt`) as the branch that runs, when
    // its test has no effect of its own: then the branch's `return` ends the function as it does in Python.
    if (!this.reporting) return;
    for (let i = body.length - 1; i >= 0; i--) {
      const st = body[i]!;
      if (st.kind !== 'if' || st.test.kind !== 'op') continue;
      const decided = staticIsinstance(st.test);
      if (decided === undefined || st.test.args[0]?.kind !== 'local') continue;
      body.splice(i, 1, ...(decided ? st.body : st.orelse));
    }
  }

  private stmt(st: IrStmt, s: Scope): void {
    switch (st.kind) {
      case 'assign': {
        st.value = this.typedDictDisplay(st.value, st.annotation);
        const t = this.expr(st.value, s);
        // A bare container annotation (`g: defaultdict = defaultdict(list)`, `seen: set = set()`)
        // says less than the value: the items come from the value and later uses, as unannotated.
        if (st.annotation && !isComplete(st.annotation) && assignable(t, st.annotation)) {
          this.bind(st.target, t, st.value, s);
          return;
        }
        if (st.annotation) {
          // `acc: Dict[str, float] = defaultdict(float)` (or a Counter) is still a defaultdict: the
          // annotation names its key and value types, the value how a missing key behaves.
          const annotation =
            st.annotation.kind === 'dict' && t.kind === 'dict' && t.missing && assignable(t, st.annotation)
              ? { ...st.annotation, missing: t.missing }
              : st.annotation;
          // The declared type first, so that `[]` or `{}` takes its items from it and `1` widens to float.
          this.bind(st.target, annotation, undefined, s);
          // A dynamic value (`data: dict[str, int] = json.loads(s)`) converts to the declared type, checked at run time.
          const declared = assignable(t, annotation) || (t.kind === 'dynamic' && downcastable(t, annotation));
          this.bind(st.target, declared ? annotation : t, st.value, s);
          return;
        }
        // A generator expression kept in a local is its items not yet drawn, as `iter([...])`: next() and loops
        // draw from it in place (computed when assigned; a consumer that stops early gets it lazily).
        // Over a generator or an endless iterator it must stay lazy: it becomes a generator of its own.
        if (st.value.kind === 'comp' && st.value.comp === 'generator' && t.kind === 'iter' && streamable(st.value)) {
          st.value.stream = true;
          this.bind(st.target, T.iter(t.item, GENERATOR_SOURCE), st.value, s);
          return;
        }
        if (st.value.kind === 'comp' && st.value.comp === 'generator' && t.kind === 'iter') {
          // Built at once, a lazy source's items would run its bindings (`:=`, a nested function's give-back) too early,
          // or forever over an endless one.
          const g = st.value.generators[0];
          if (st.value.generators.length === 1 && g && g.iter.kind !== 'local' && isLazySource(g.iter.type))
            this.report('E0202', st.value.span, {
              construct:
                'a generator expression over a lazy source that binds names (`:=`, or a nested function that rebinds them), kept in a local',
              hint: 'consume it where it is made (`sum(f(x) for x in gen)`), or bind in a loop',
            });
          this.bind(st.target, T.iter(t.item, 'builtins.iter'), st.value, s);
          return;
        }
        this.bind(st.target, t, st.value, s);
        return;
      }
      case 'if': {
        truthOnly(st.test);
        st.test = this.truth(st.test);
        this.expr(st.test, s);
        // `isinstance` decided by the static type (`if isinstance(x, int):` where x is a str) leaves a branch that
        // never runs: it is not typed (its code was written for other types: a singledispatch arm, a wrapper's
        // `isinstance` case), and the last round drops it, so nothing of it is emitted.
        const decided = staticIsinstance(st.test);
        if (decided !== undefined) {
          if (this.reporting) {
            if (decided) st.orelse = [];
            else st.body = [];
          }
          this.block(decided ? st.body : st.orelse, s);
          return;
        }
        const facts = noneFacts(st.test);
        const before = new Set(this.narrowed);
        // What is not None after the `if` is what is not None at the end of each branch that falls through:
        // `if x is None: return` (or raise, continue, break) leaves x narrowed after it, and so does
        // `if x is None: x = []`, whose branch binds x to a value that is not None.
        const endOf = (names: string[], body: IrStmt[]): Set<string> => {
          this.narrowed = new Set(before);
          names.forEach((n) => this.narrowed.add(n));
          this.block(body, s);
          return this.narrowed;
        };
        const endBody = endOf(facts.then, st.body);
        const endElse = endOf(facts.else, st.orelse);
        const bodyLeaves = leaves(st.body);
        const elseLeaves = st.orelse.length > 0 && leaves(st.orelse);
        this.narrowed =
          bodyLeaves && elseLeaves
            ? before
            : bodyLeaves
              ? endElse
              : elseLeaves
                ? endBody
                : new Set([...endBody].filter((n) => endElse.has(n)));
        return;
      }
      case 'while': {
        // A name rebound anywhere in the loop may be None again when the loop comes round.
        this.forgetAssigned([st]);
        const before = new Set(this.narrowed);
        truthOnly(st.test);
        st.test = this.truth(st.test);
        this.expr(st.test, s);
        this.narrowing(noneFacts(st.test).then, () => this.block(st.body, s));
        this.narrowed = before;
        this.block(st.orelse, s);
        return;
      }
      case 'for': {
        this.forgetAssigned([st]);
        st.iter = this.iterable(st.iter);
        const it = this.expr(st.iter, s);
        // A loop whose body changes the size of what it iterates: a list's loop sees the change (emitted by index),
        // a dict's or set's raises RuntimeError in CPython.
        const root = st.resized ? resizedRoot(st) : undefined;
        const rootType = root?.type?.kind;
        const handled =
          root !== undefined &&
          !root.narrowed &&
          ((rootType === 'list' && root === st.iter) || rootType === 'dict' || rootType === 'set');
        if (st.resized?.size && !handled)
          this.report('E0202', st.resized.span, {
            construct: `changing the size of \`${st.resized.name}\`${root?.type ? ` (${typeToString(root.type)})` : ''} inside a loop over it (CPython's iterator raises RuntimeError)`,
            hint: `loop over a copy (\`for k in list(${st.resized.name}):\`), or build a new container`,
          });
        const item = this.itemOf(it, st.iter.span);
        this.bind(st.target, item, undefined, s);
        const before = new Set(this.narrowed);
        this.block(st.body, s);
        this.narrowed = before;
        this.block(st.orelse, s);
        return;
      }
      case 'return': {
        if (st.value) st.value = this.typedDictDisplay(st.value, this.current!.fn.returnAnnotation);
        const t = st.value ? this.expr(st.value, s) : T.none;
        this.returns.push(t);
        this.returnSpans.push(st.value?.span ?? st.span);
        const fn = this.current!.fn;
        if (fn.isGenerator) {
          if (st.value)
            this.report('E0202', st.value.span, {
              construct: 'a generator returning a value',
              hint: 'use a bare `return` to stop the generator',
            });
          return;
        }
        // A return the annotation does not describe is handled with the function's return type (`returnTypeOf`).
        return;
      }
      case 'expr':
        this.expr(st.value, s);
        return;
      case 'raise':
        if (st.message) this.expr(st.message, s);
        if (st.cause) {
          const t = this.expr(st.cause, s);
          if (t.kind !== 'none' && t.kind !== 'unknown' && !typeEquals(t, EXCEPTION_TYPE))
            this.report('E0301', st.cause.span, {
              op: 'raise ... from',
              args: typeToString(t),
              hint: 'the cause is a caught exception (`except E as e: raise X(...) from e`) or None',
            });
        }
        if (st.user) {
          for (const a of st.user.args) this.expr(a, s);
          for (const f of st.user.fields) {
            const t = this.expr(f.value, s);
            // An attribute no annotation types takes the type of the values raised.
            for (const c of st.user.classes) {
              const fields = this.m.exceptions.get(c)?.fields;
              if (fields?.has(f.name) && fields.get(f.name) === undefined && t.kind !== 'unknown')
                fields.set(f.name, t);
            }
          }
        }
        return;
      case 'assert':
        truthOnly(st.test);
        st.test = this.truth(st.test);
        this.expr(st.test, s);
        if (st.message) this.expr(st.message, s);
        return;
      case 'break':
      case 'continue':
      case 'pass':
      case 'reraise':
        return;
      case 'yield': {
        const t = this.expr(st.value, s);
        this.yields.push(st.from ? (iterItem(t) ?? T.unknown) : t);
        return;
      }
      case 'try':
        this.block(st.body, s);
        for (const h of st.handlers) {
          if (h.name) this.bind({ kind: 'name', name: h.name, span: h.span }, EXCEPTION_TYPE, undefined, s);
          this.block(h.body, s);
        }
        this.block(st.orelse, s);
        this.block(st.finalbody, s);
        return;
    }
  }

  /** A loop over an instance of a class with `__iter__` loops over what `iter(obj)` gives (the IR node becomes that call). */
  private iterable(e: IrExpr): IrExpr {
    // The type an earlier round found: the loop is typed again in the next round.
    const t = e.type;
    // A Flag value iterates its one-bit members (`infer/flags.ts`).
    if (t?.kind === 'enum' && this.m.enums.get(t.name)?.flag)
      return { kind: 'op', op: 'builtins.list', args: [e], kwargs: new Map(), span: e.span };
    if (!t || !methodTarget('builtins.iter', [t], this.methodOwners)) return e;
    return { kind: 'op', op: 'builtins.iter', args: [e], kwargs: new Map(), span: e.span };
  }

  /**
   * A test of an instance of a class with `__bool__` (or `__len__`) tests what that method gives (the IR node becomes
   * `bool(obj)` or `len(obj)`, whose truth emit writes as for any bool or int).
   */
  private truth(e: IrExpr): IrExpr {
    const t = e.type;
    if (t?.kind !== 'struct' || (e.kind === 'op' && (e.op === 'builtins.bool' || e.op === 'builtins.len'))) return e;
    const op = ['builtins.bool', 'builtins.len'].find((o) => methodTarget(o, [t], this.methodOwners));
    return op ? { kind: 'op', op, args: [e], kwargs: new Map(), span: e.span } : e;
  }

  private itemOf(t: Type, span: Span): Type {
    if (t.kind === 'unknown') return T.unknown;
    // A loop over a value only the running program knows (`for c in data["calls"]`) walks what CPython would: a
    // list's items, a dict's keys, a str's characters (`rt::dynamic::iter_items`), each again dynamic.
    if (t.kind === 'dynamic') return T.dynamic;
    if (t.kind === 'enum' && this.m.enums.get(t.name)?.flag) return t;
    const item = iterItem(t) ?? unionItem(t);
    if (!item) {
      this.report('E0301', span, { op: 'iter', args: typeToString(t), hint: `${typeToString(t)} is not iterable` });
      return T.unknown;
    }
    return item;
  }

  /** Binds a target to a value of type `t`, unifying with the variable's earlier bindings. */
  /** Runs `f` with `names` narrowed in addition, then restores the narrowing as it was. */
  private narrowing<R>(names: string[], f: () => R): R {
    if (names.length === 0) return f();
    const before = new Set(this.narrowed);
    names.forEach((n) => this.narrowed.add(n));
    try {
      return f();
    } finally {
      this.narrowed = before;
    }
  }

  /** Ends the narrowing of every name the statements bind. */
  private forgetAssigned(body: IrStmt[]): void {
    for (const n of assignedNames(body)) forgetName(this.narrowed, n);
  }

  private bind(target: IrTarget, t: Type, value: IrExpr | undefined, s: Scope): void {
    switch (target.kind) {
      case 'global': {
        // `global X; X = v`: the value is stored into X's cell, whose type is X's declared one.
        this.refineCell(target.name, t);
        // A cell bound to a value that is never None is narrowed until it is bound again (as a local is).
        if (t.kind === 'unknown' || mayBeNone(t)) this.narrowed.delete(cellKey(target.name));
        else this.narrowed.add(cellKey(target.name));
        if (!this.globalChange(target.name, target.span)) return;
        const want = this.m.constants.get(target.name)!.type;
        if (t.kind !== 'unknown' && !assignable(t, want))
          this.report('E0303', target.span, { name: target.name, first: typeToString(want), second: typeToString(t) });
        return;
      }
      case 'name': {
        forgetName(this.narrowed, target.name);
        const scope = lookupScope(s, target.name) ?? s;
        forgetName(scope.narrowed, target.name);
        const prev = scope.vars.get(target.name);
        if (prev === undefined) {
          scope.vars.set(target.name, t);
          return;
        }
        const u = unify(prev, t);
        if (!u) {
          this.report('E0303', target.span, { name: target.name, first: typeToString(t), second: typeToString(prev) });
          return;
        }
        scope.vars.set(target.name, u);
        // An Optional local bound to a value that is never None (`x = []` after `if x is None:`) is narrowed to
        // its item until it is bound again, so the code after the `if` reads it as the item.
        if (u.kind === 'optional' && !scope.parent && !mayBeNone(t)) this.narrowed.add(target.name);
        return;
      }
      case 'tuple': {
        if (t.kind === 'unknown') {
          for (const it of target.items) this.bind(it, T.unknown, undefined, s);
          return;
        }
        if (t.kind === 'tuple' && t.items.length === target.items.length) {
          target.items.forEach((it, i) => this.bind(it, t.items[i]!, undefined, s));
          return;
        }
        // A NamedTuple unpacks as the tuple of its fields.
        const nt = this.namedTupleAsTuple(t);
        if (nt) {
          if (nt.items.length !== target.items.length) {
            this.report('E0311', target.span, { type: typeToString(t), count: target.items.length });
            return;
          }
          target.items.forEach((it, i) => this.bind(it, nt.items[i]!, undefined, s));
          return;
        }
        // A list, an array, a str or an iterator: its length is known only at run time, so the
        // names take its item type and the emitted code checks the count (CPython's ValueError).
        const item = t.kind === 'tuple' ? undefined : iterItem(t);
        if (item) {
          target.items.forEach((it) => this.bind(it, item, undefined, s));
          return;
        }
        this.report('E0311', target.span, { type: typeToString(t), count: target.items.length });
        return;
      }
      case 'attr': {
        // `obj.field = v` stores into a struct held in a local; the value must fit the field's type.
        const obj = this.expr(target.object, s);
        if (obj.kind === 'unknown') return;
        if (this.namedTupleAsTuple(obj)) {
          this.report('E0202', target.span, {
            construct: `setting the field \`${target.attr}\` of the NamedTuple \`${typeToString(obj)}\``,
            hint: `a NamedTuple's fields cannot be set (CPython raises AttributeError); make a new one with \`._replace(${target.attr}=...)\``,
          });
          return;
        }
        if (obj.kind === 'struct' && this.m.structs.get(obj.name)?.frozen) {
          this.report('E0202', target.span, {
            construct: `setting the field \`${target.attr}\` of the frozen dataclass \`${obj.name}\``,
            hint: `CPython raises dataclasses.FrozenInstanceError; make a new one with \`dataclasses.replace(obj, ${target.attr}=...)\``,
          });
          return;
        }
        const f =
          obj.kind === 'struct' ? this.m.structs.get(obj.name)?.fields.find((x) => x.name === target.attr) : undefined;
        if (!f && obj.kind === 'struct' && this.m.structs.get(obj.name)?.methods?.has(`${target.attr}.setter`)) {
          // `obj.x = v` through `@x.setter`: a call of the setter, which changes `obj` in place.
          const r = this.resolve(`setattr.${target.attr}`, [obj, t], new Map(), [], target.span, new Map(), s);
          if (r) target.resolution = r;
          const root = mutableRoot(target.object);
          if (root?.kind === 'global') this.globalChange(root.name, root.span);
          return;
        }
        if (!f) {
          this.report('E0307', target.span, {
            name: typeToString(obj),
            attr: target.attr,
            hint:
              obj.kind === 'struct'
                ? `its fields are: ${this.m.structs
                    .get(obj.name)
                    ?.fields.map((x) => x.name)
                    .join(', ')}`
                : 'only fields of dataclasses and pydantic models can be assigned',
          });
          return;
        }
        if (f.late && obj.kind === 'struct') {
          const r = lateStore(f, t);
          if (r === 'refined') this.fieldsRefined = true;
          if (r === 'optional')
            this.report('E0202', target.span, {
              construct: `a field set first outside \`__init__\` to a value that may be None (\`${obj.name}.${f.name}\`)`,
              hint: `set \`self.${f.name}\` in \`__init__\` (to None, with an Optional annotation), so an unset field and a None one differ as in CPython`,
            });
        }
        if (t.kind !== 'unknown' && !assignable(t, f.type) && !downcastable(t, f.type))
          this.report('E0301', target.span, {
            op: `${obj.kind === 'struct' ? obj.name : ''}.${target.attr} =`,
            args: typeToString(t),
            hint: fieldHint(f.name, f.type, t),
          });
        target.fieldType = f.type;
        // The stored value may be None: the field's narrowing ends (a non-None value leaves it ended too, simply).
        if (target.object.kind === 'local') this.narrowed.delete(`${target.object.name}.${target.attr}`);
        const root = mutableRoot(target.object);
        if (root?.kind === 'global') this.globalChange(root.name, root.span);
        else if (!root)
          this.report('E0209', target.span, {
            op: 'assigning a field of a temporary value',
            hint: 'assign the object to a variable first',
          });
        return;
      }
      case 'index': {
        // `x[i] = v` is `operator.setitem(x, i, v)`; it may refine x's type (`d = {}; d[k] = 1`).
        if (target.object.kind === 'local') forgetItems(this.narrowed, target.object.name);
        const obj = this.expr(target.object, s);
        const idx = this.expr(target.index, s);
        const td = this.typedDictOf(obj);
        if (td) {
          // `td["k"] = v` sets a key the class declares, to a value of its type.
          const key =
            target.index.kind === 'const' && target.index.value.kind === 'str' ? target.index.value.value : undefined;
          const f = td.fields.find((g) => g.name === key);
          if (!f || (t.kind !== 'unknown' && !assignable(t, f.type))) {
            this.report('E0301', target.span, {
              op: `${td.name}[...] =`,
              args: typeToString(t),
              hint: f
                ? fieldHint(f.name, f.type, t)
                : `set a key ${td.name} declares, by a constant: ${td.fields.map((g) => `"${g.name}"`).join(', ')}`,
            });
            return;
          }
          target.resolution = {
            entry: 'typeddict',
            overload: `${td.name}["${f.name}"] =`,
            result: T.none,
            params: [obj, idx, f.type],
            variant: 'set',
            detail: { field: f.name },
            mutates: true,
          };
          this.checkMutation(target.object, target.resolution, s);
          return;
        }
        if (obj.kind === 'dict') this.hashCheck(idx, target.index.span);
        const r = this.resolve('operator.setitem', [obj, idx, t], new Map(), [], target.span, new Map(), s);
        target.resolution = r;
        if (r?.mutates) this.checkMutation(target.object, r, s);
        void value;
        return;
      }
    }
  }

  // ---- Expressions ---------------------------------------------------------------------

  expr(e: IrExpr, s: Scope): Type {
    const t = this.exprInner(e, s);
    e.type = t;
    // A set or dict made here (a literal, a comprehension, `set(xs)`, `Counter(xs)`, `dict.fromkeys(xs)`) hashed
    // every item or key it holds.
    if (e.kind === 'set' || e.kind === 'dict' || e.kind === 'comp' || e.kind === 'op') {
      const part = hashedPart(t);
      if (part) this.hashCheck(part, e.span);
    }
    return t;
  }

  /** Reports hashing a value of type `t` at `span` when CPython cannot (E0316) or hashes it by identity; true then. */
  private hashCheck(t: Type, span: Span): boolean {
    const p = hashProblem(t, this.m.structs);
    if (!p) return false;
    if ('unhashable' in p && p.unhashable === 'set')
      this.report('E0209', span, {
        op: 'hashing a set or frozenset',
        hint: "CPython raises TypeError: unhashable type: 'set' for a set; a frozenset hashes, and is known as one when `frozenset(...)`, a `FrozenSet[...]` annotation or an operator or method of a frozenset made it: build the key with `frozenset(...)`",
      });
    else if ('unhashable' in p)
      this.report('E0316', span, {
        type: p.unhashable,
        what: `a ${typeToString(t)} is hashed as a set item, a dict key or by hash()`,
      });
    else if ('floatField' in p)
      this.report('E0209', span, {
        op: `hashing an instance with a float field (\`${p.floatField}\`)`,
        hint: 'key by a tuple of its other fields, or store the float as an int or a str',
      });
    else if (this.m.structs.get(p.identity)?.methods?.has('__hash__'))
      // A class with its own `__hash__` (and `__eq__`): CPython hashes and compares by them, which compiled dict keys
      // and set items (Rust's Hash and Eq over the fields) do not call.
      this.report('E0209', span, {
        op: `hashing a ${p.identity} instance by its own __hash__ and __eq__`,
        hint: 'compiled sets and dicts hash and compare an instance by its fields; make it `@dataclass(frozen=True)` (or a NamedTuple) whose fields are what `__hash__` and `__eq__` read (`text.lower()` stored as a field), or key by that value',
      });
    else
      this.report('E0209', span, {
        op: `hashing a ${p.identity} instance (by identity in CPython)`,
        hint: 'compiled instances are values, so identity is not kept; make it `@dataclass(frozen=True)` to hash it by its fields, or key by one of its fields',
      });
    return true;
  }

  private exprInner(e: IrExpr, s: Scope): Type {
    switch (e.kind) {
      case 'const':
        return constType(e.value);
      case 'local': {
        const scope = lookupScope(s, e.name);
        const t = scope?.vars.get(e.name);
        // Comprehension variables live in child scopes, narrowed by their own conditions.
        const narrowed =
          t?.kind === 'optional' && (scope?.parent ? !!scope.narrowed?.has(e.name) : this.narrowed.has(e.name));
        if (narrowed) e.narrowed = true;
        else delete e.narrowed;
        return narrowed ? (t as Type & { kind: 'optional' }).item : (t ?? T.unknown);
      }
      case 'global': {
        const r = this.m.resources.get(e.name);
        // A tensor read from a safetensors file: its dtype and rank are in the file's header.
        if (r?.tensor) return T.ndarray(r.tensor.dtype, r.tensor.shape.length, 'torch');
        if (r)
          return {
            kind: 'resource',
            resource: r.kind,
            ...(r.truncateDim !== undefined ? { truncateDim: r.truncateDim } : {}),
            ...(r.chatTokenizer ? { chat: true } : {}),
            ...(r.numLabels !== undefined ? { numLabels: r.numLabels } : {}),
            ...(r.samples ? { samples: true } : {}),
            ...(r.inputNames ? { inputNames: r.inputNames } : {}),
          };
        const c = this.m.constants.get(e.name);
        if (c?.computedBy !== undefined) return this.computedCell(c, e.span, s);
        // A cell this function has just set (`if _model is None: _model = load()`) is not None here.
        if (c?.cell && c.type.kind === 'optional' && this.narrowed.has(cellKey(e.name))) {
          e.narrowed = true;
          return c.type.item;
        }
        delete e.narrowed;
        return c?.type ?? T.unknown;
      }
      case 'list':
      case 'set': {
        let item: Type = T.unknown;
        for (const x of e.items) {
          const xt = this.expr(x, s);
          const u = sameKind(item, xt);
          if (!u) {
            this.report('E0310', x.span, { a: typeToString(item), b: typeToString(xt) });
            continue;
          }
          item = u;
        }
        return e.kind === 'list' ? T.list(item) : T.set(item);
      }
      case 'tuple': {
        if (e.items.length === 0 && e.annotation) return e.annotation;
        const spread = this.starredTuple(e, s);
        if (spread === undefined) return T.unknown;
        if (spread) return this.expr(e, s);
        // A call's `*args` packed by lowering may hold a starred tuple.
        const packed = { args: e.items, kwargs: new Map<string, IrExpr>(), span: e.span };
        if (!this.spreadStars(packed, s)) return T.unknown;
        return T.tuple(e.items.map((x) => this.expr(x, s)));
      }
      case 'dict': {
        if (e.keys.length === 0 && e.annotation) return e.annotation;
        let k: Type = T.unknown;
        let v: Type = T.unknown;
        e.keys.forEach((key, i) => {
          const kt = this.expr(key, s);
          const vt = this.expr(e.values[i]!, s);
          const uk = sameKind(k, kt);
          const uv = sameKind(v, vt);
          if (!uk) this.report('E0310', key.span, { a: typeToString(k), b: typeToString(kt) });
          if (!uv) this.report('E0310', e.values[i]!.span, { a: typeToString(v), b: typeToString(vt) });
          k = uk ?? k;
          v = uv ?? v;
        });
        return T.dict(k, v);
      }
      case 'comp': {
        const inner: Scope = { vars: new Map(), parent: s, narrowed: new Set() };
        // A condition narrows what follows it in the comprehension (later conditions, later
        // `for` clauses and the element): `[v for v in xs if v is not None]` is a list of the item type.
        const before = new Set(this.narrowed);
        try {
          for (const g of e.generators) {
            g.iter = this.iterable(g.iter);
            const it = this.expr(g.iter, inner);
            bindFresh(g.target, inner);
            this.bind(g.target, this.itemOf(it, g.iter.span), undefined, inner);
            g.conds.forEach(truthOnly);
            g.conds = g.conds.map((c) => this.truth(c));
            for (const c of g.conds) {
              this.expr(c, inner);
              for (const n of noneFacts(c).then) {
                const owner = lookupScope(inner, n);
                if (owner?.parent) owner.narrowed?.add(n);
                else this.narrowed.add(n);
              }
            }
          }
          const el = this.expr(e.element, inner);
          switch (e.comp) {
            case 'list':
              return T.list(el);
            case 'set':
              return T.set(el);
            case 'generator':
              return T.iter(el, 'generator');
            case 'dict':
              return T.dict(el, this.expr(e.value!, inner));
          }
          return T.unknown;
        } finally {
          this.narrowed = before;
        }
      }
      case 'ifexp': {
        truthOnly(e.test);
        e.test = this.truth(e.test);
        this.expr(e.test, s);
        const facts = noneFacts(e.test);
        const a = this.narrowing(facts.then, () => this.expr(e.then, s));
        const b = this.narrowing(facts.else, () => this.expr(e.else, s));
        const u = unify(a, b);
        if (!u) {
          this.report('E0310', e.span, { a: typeToString(a), b: typeToString(b) });
          return a;
        }
        return u;
      }
      case 'and':
      case 'or': {
        const a = this.expr(e.left, s);
        // The right side runs only when the left is true (`and`) or false (`or`).
        const facts = noneFacts(e.left);
        const b = this.narrowing(e.kind === 'and' ? facts.then : facts.else, () => this.expr(e.right, s));
        if (a.kind === 'unknown' || b.kind === 'unknown') return T.unknown;
        if (typeEquals(a, b)) return a;
        // `opt or default`: a None left operand is false, so the result is never None unless the right one can be.
        if (e.kind === 'or' && a.kind === 'optional' && b.kind !== 'none' && b.kind !== 'optional') {
          const v = unify(a.item, b);
          if (v) return v;
        }
        const u = unify(a, b);
        if (u && u.kind !== 'optional') return u;
        // `x and y` / `x or y` where one side may be None: an Optional of the other.
        if (u && u.kind === 'optional') return u;
        // Only its truth is used: each side is tested for its own truth.
        if (e.truthOnly) return T.bool;
        this.report('E0310', e.span, { a: typeToString(a), b: typeToString(b) });
        return a;
      }
      case 'compare': {
        const ts = e.operands.map((o) => this.expr(o, s));
        e.resolutions = [];
        for (let i = 0; i < e.ops.length; i++) {
          const pair = [ts[i]!, ts[i + 1]!];
          // `x in s` hashes x when s is a set or dict.
          const hashed = hashedArg(e.ops[i]!, pair);
          if (hashed !== undefined && this.hashCheck(pair[hashed]!, e.operands[i + hashed]!.span)) continue;
          // A class without `__eq__` (a plain class, `@dataclass(eq=False)`) compares by identity in CPython, which
          // values copied as Rust's are cannot keep: `==`, `!=`, `in` and `not in` on its instances are rejected.
          // `k in d` compares `k` with the dict's keys only: its values may be such instances.
          const membership =
            (e.ops[i] === 'operator.in_' || e.ops[i] === 'operator.not_in') && pair[1]!.kind === 'dict';
          const compared = membership ? [pair[0]!, (pair[1] as Type & { kind: 'dict' }).key] : pair;
          const identity =
            EQUALITY_OPS.has(e.ops[i]!) && !methodTarget(e.ops[i]!, pair, this.methodOwners)
              ? compared.map((t) => this.identityClass(t)).find((n) => n !== undefined)
              : undefined;
          if (identity !== undefined && !pair.some((t) => t.kind === 'none')) {
            this.report('E0202', e.span, {
              construct: `comparing instances of \`${identity}\` with \`${EQUALITY_OPS.get(e.ops[i]!)!}\``,
              hint: `\`${identity}\` defines no \`__eq__\`, so CPython compares identity; compare their fields, or make it a @dataclass (eq=True) or define \`__eq__\``,
            });
            continue;
          }
          // A NamedTuple compares as the tuple of its fields (`span == (1, 2)`, `x in span`).
          const asTuple = NAMED_TUPLE_AS_TUPLE[e.ops[i]!];
          if (asTuple && !methodTarget(e.ops[i]!, pair, this.methodOwners))
            pair.forEach((t, j) => {
              const tt = asTuple.includes(j) ? this.namedTupleAsTuple(t) : undefined;
              if (tt) pair[j] = tt;
            });
          const flagIn = flagCompare(e.ops[i]!, pair, this.m.enums);
          if (flagIn) {
            e.resolutions.push(flagIn);
            continue;
          }
          // An IntEnum or str-Enum member compares as its value with anything but its own Enum (`Dir.E == 1`).
          const valueArgs = pair.flatMap((t, j) => (t.kind === 'enum' && this.m.enums.get(t.name)?.mixin ? [j] : []));
          // Two members of one Enum are equal only as the same member; IntEnum members also order as their values.
          const sameEnum = pair[0]!.kind === 'enum' && typeEquals(pair[0]!, pair[1]!);
          const ordering = ['operator.lt', 'operator.le', 'operator.gt', 'operator.ge'].includes(e.ops[i]!);
          // A container of the members themselves (`Flag.A in enabled`) takes the member as it is.
          const holder = pair.some((t) => t.kind !== 'enum' && holdsEnum(t));
          if (valueArgs.length > 0 && (!sameEnum || ordering) && !holder) {
            const values = pair.map((t) => (t.kind === 'enum' ? (this.m.enums.get(t.name)?.valueType ?? t) : t));
            const r = this.resolve(e.ops[i]!, values, new Map(), [], e.span, new Map(), s);
            if (r) e.resolutions.push({ ...r, params: pair, inner: r, valueArgs });
            continue;
          }
          const tdIn = this.typedDictIn(e.ops[i]!, e.operands[i]!, pair);
          if (tdIn) {
            e.resolutions.push(tdIn);
            continue;
          }
          // The literal operands go along, as for any op (`a.dtype == "uint8"` is decided from the literal).
          const consts = e.operands
            .slice(i, i + 2)
            .map((o) => (o.kind === 'const' ? o.value : o.kind === 'global' ? this.constValue(o.name) : undefined));
          const r = this.resolve(e.ops[i]!, pair, new Map(), consts, e.span, new Map(), s);
          if (r) e.resolutions.push(r);
        }
        // One comparison takes its op's result type (an elementwise bool array for ndarrays).
        return e.ops.length === 1 && e.resolutions[0] ? e.resolutions[0].result : T.bool;
      }
      case 'fstring':
        for (const p of e.pieces) {
          if (!p.expr) continue;
          // `{obj}` and `{obj!r}` of a class with `__str__`/`__repr__` format what the method gives.
          const t = p.expr.type;
          const op = p.conversion === 'r' ? 'builtins.repr' : 'builtins.str';
          // So does an OrderedDict, whose Rust value is a plain dict (`str()` spells its repr).
          if (
            t &&
            p.spec === undefined &&
            p.specPieces === undefined &&
            ((t.kind === 'struct' && methodTarget(op, [t], this.methodOwners)) || orderedDictInside(t))
          ) {
            p.expr = { kind: 'op', op, args: [p.expr], kwargs: new Map(), span: p.expr.span };
            p.conversion = undefined;
          }
          const pt = this.expr(p.expr, s);
          if (holdsCallable(pt)) this.report('E0209', p.expr.span, printedFunctionHint(pt));
          const nested = nestedClassedTuple(pt);
          if (nested)
            this.report('E0301', p.expr.span, {
              op: 'f-string',
              args: typeToString(pt),
              hint: NESTED_REPR_HINT(nested),
            });
          for (const q of p.specPieces ?? []) if (q.expr) this.expr(q.expr, s);
        }
        return T.str;
      case 'slice':
        for (const part of [e.lower, e.upper, e.step]) {
          if (!part) continue;
          const pt = this.expr(part, s);
          if (pt.kind !== 'int' && pt.kind !== 'none' && pt.kind !== 'unknown' && pt.kind !== 'dynamic')
            this.report('E0301', part.span, {
              op: 'slice',
              args: typeToString(pt),
              hint: 'slice indices must be integers or None',
            });
        }
        return T.slice;
      case 'call': {
        const t = this.call(e, s);
        // A function of the module may change any container it can reach.
        forgetItems(this.narrowed);
        return t;
      }
      case 'op':
        return this.op(e, s);
      case 'lambda':
        return { kind: 'callable', fn: e.fn, captures: e.captures };
      case 'assignexpr': {
        const t = this.expr(e.value, s);
        // `:=` inside a comprehension binds in the enclosing function (PEP 572).
        let fnScope = s;
        while (fnScope.parent) fnScope = fnScope.parent;
        this.bind({ kind: 'name', name: e.name, span: e.span }, t, e.value, lookupScope(s, e.name) ?? fnScope);
        return t;
      }
      case 'new':
        return this.newStruct(e, s);
      case 'member': {
        const en = this.m.enums.get(e.enumName)!;
        if (!en.members.some((m) => m.name === e.member))
          this.report('E0307', e.span, {
            name: e.enumName,
            attr: e.member,
            hint: `its members are: ${en.members.map((m) => m.name).join(', ')}`,
          });
        return { kind: 'enum', name: e.enumName };
      }
    }
  }

  /** Why the last `**mapping` call could not be bound at run time (`bindMapping`). */
  private mappingWhy: string | undefined;

  private op(e: IrExpr & { kind: 'op' }, s: Scope): Type {
    const t = this.opInner(e, s);
    this.testedFieldType(e);
    // A change to a dict or list ends what conditions proved about its items.
    const changed = e.resolution?.mutates ? e.args[e.resolution.mutatedArg ?? 0] : undefined;
    if (changed?.kind === 'local') forgetItems(this.narrowed, changed.name);
    // `d[k]` (or `d.get(k)`) after `d.get(k) is not None` held: the item, checked as it is read.
    const key = itemKey(e);
    if (t.kind === 'optional' && key !== undefined && this.narrowed.has(key)) return t.item;
    return t;
  }

  /**
   * `isinstance(cfg.stop, str)` of a dataclass field annotated `List[str]`: CPython stores whatever the constructor is
   * given (`Config(**overrides)`), and the test says the program expects a str there too, where the compiled
   * constructor converts a given value to the annotation and would raise a TypeError CPython does not. A test of a
   * field against a builtin class its annotation excludes is therefore a diagnostic, not a branch decided False.
   */
  private testedFieldType(e: IrExpr & { kind: 'op' }): void {
    const r = e.resolution;
    const [obj, cls] = e.args;
    if (e.op !== 'builtins.isinstance' || r?.variant !== 'false' || cls?.kind !== 'const') return;
    if (cls.value.kind !== 'str' || obj?.kind !== 'op' || obj.resolution?.variant !== 'field') return;
    const owner = obj.resolution.params[0];
    const st = owner?.kind === 'struct' ? this.m.structs.get(owner.name) : undefined;
    const field = String(obj.resolution.detail?.field);
    const f = st?.dataclass && !st.namedTuple ? st.fields.find((x) => x.name === field) : undefined;
    const names = cls.value.value.split('|');
    if (!f || !names.every((n) => ['str', 'int', 'float', 'bool', 'list', 'dict', 'tuple'].includes(n))) return;
    this.report('E0202', e.span, {
      construct: `testing the field \`${st!.name}.${field}\`, declared ${typeToString(f.type)}, for ${names.join(' or ')} (CPython keeps whatever value the constructor is given; compiled code converts it to the annotation)`,
      hint: `annotate the field with every type it may hold, or convert the value before constructing \`${st!.name}\``,
    });
  }

  private opInner(e: IrExpr & { kind: 'op' }, s: Scope): Type {
    // `all(isinstance(v, str) and pat.match(v) for v in vals)`: all() and any() read only their items' truth.
    const items = e.args[0];
    if ((e.op === 'builtins.all' || e.op === 'builtins.any') && items?.kind === 'comp' && items.comp !== 'dict')
      truthOnly(items.element);
    // A parameter taken from a `**mapping` (`bindMapping`): typed when the call was rewritten.
    if (e.op === KWARGS_TAKE && e.resolution) {
      e.args.forEach((a) => this.expr(a, s));
      return e.resolution.result;
    }
    if (e.op === STAR_OP) {
      // A marker the call did not spread (a starred value where no call takes it).
      this.report('E0202', e.span, { construct: 'a starred expression here', hint: 'pass the items explicitly' });
      return T.unknown;
    }
    if (!this.spreadStars(e, s, e.op)) return T.unknown;
    // `np.concatenate([[0.0], recall, [1.0]])`: a display of arrays and Python lists joins them as arrays, as numpy
    // converts each item (`np.asarray`).
    const joined = ARRAY_JOINS.has(e.op) ? e.args[0] : undefined;
    if ((joined?.kind === 'list' || joined?.kind === 'tuple') && joined.items.length > 0) {
      const types = joined.items.map((x) => this.expr(x, s));
      if (types.some((t) => t.kind === 'ndarray') && !types.every((t) => t.kind === 'ndarray'))
        joined.items = joined.items.map((x, i) =>
          types[i]!.kind !== 'list' && types[i]!.kind !== 'tuple'
            ? x
            : { kind: 'op', op: 'numpy.asarray', args: [x], kwargs: new Map(), span: x.span },
        );
    }
    // `issues.append({"path": p, "message": m})` into a list of TypedDicts: the display builds one.
    const into = LIST_PUTS[e.op];
    const putInto = into !== undefined && e.args[0]?.kind === 'local' ? e.args[0].name : undefined;
    const listType = putInto !== undefined ? lookupScope(s, putInto)?.vars.get(putInto) : undefined;
    if (into !== undefined && listType?.kind === 'list' && e.args[into])
      e.args[into] = this.typedDictDisplay(
        e.args[into],
        into === 1 && e.op === 'method.extend' ? listType : listType.item,
      );
    const argTypes = e.args.map((a) => this.expr(a, s));
    const kwTypes = new Map([...e.kwargs].map(([k, v]) => [k, this.expr(v, s)] as const));
    // A module constant is as constant as a literal (`TEMPLATE % args`, `re.sub(PATTERN, ...)`); a slice passes its literal bounds.
    const constOf = (a: IrExpr): ConstValue | undefined =>
      a.kind === 'const' ? a.value : a.kind === 'global' ? this.constValue(a.name) : undefined;
    const consts = e.args.map((a) => (a.kind === 'slice' ? sliceConst(a) : constOf(a)));
    const kwConsts = new Map(
      [...e.kwargs].flatMap(([k, v]) => {
        const c = constOf(v);
        return c ? [[k, c] as const] : [];
      }),
    );
    // `a += b` extends a list by any other iterable and a deque by any iterable (`__iadd__`); otherwise it is `a + b`.
    // `a |= b` (and `&=`, `-=`, `^=`) updates a set in place; otherwise it is `a | b`.
    const inplace = INPLACE_OPS[e.op];
    const id =
      e.op === 'operator.iadd' && !extendsInPlace(argTypes) && !methodTarget(e.op, argTypes, this.m.structs)
        ? 'operator.add'
        : inplace && !(argTypes[0]?.kind === 'set' && argTypes[1]?.kind === 'set')
          ? inplace
          : e.op;
    // One iter() local given twice to one call (`zip(it, it)`) would be drawn by both arguments at once, which the
    // in-place draw (each consumer borrows the local) cannot express.
    const iterLocals = e.args.flatMap((a, i) => {
      const t = argTypes[i];
      return a.kind === 'local' && t?.kind === 'iter' && t.source === 'builtins.iter' ? [a.name] : [];
    });
    const twice = iterLocals.find((n, i) => iterLocals.indexOf(n) !== i);
    if (twice !== undefined) {
      this.report('E0301', e.span, {
        op: id,
        args: argTypes.map(typeToString).join(', '),
        hint: `\`${twice}\` is one iterator passed twice; pair its items from a list instead (\`xs[0::2], xs[1::2]\`)`,
      });
      return T.unknown;
    }
    // A key or item the op hashes: CPython's TypeError for an unhashable one is a compile-time error.
    const hashed = hashedArg(id, argTypes);
    if (hashed !== undefined && this.hashCheck(argTypes[hashed]!, e.args[hashed]!.span)) return T.unknown;
    if (id === 'call' && argTypes[0]?.kind === 'callable') return this.callValue(e, argTypes, s);
    // `cls(width, scale=2.0)` of a variant of function values that all take the same parameters (a registry of
    // classes sharing a constructor): the keywords bind by name once, for every member.
    const shared = id === 'call' && e.kwargs.size > 0 ? this.sharedSignature(argTypes[0]) : undefined;
    if (shared) {
      const bound = this.bindCallableKeywords(e, shared);
      if (!bound) return T.unknown;
      return this.expr(e, s);
    }
    const td = this.typedDictOp(e, argTypes, kwTypes);
    if (td) return td;
    // Instances of a class that defines `__lt__` (its own, or `@dataclass(order=True)`'s) sort and give their max and
    // min through the comparator lowering added beside it (`CMP_METHOD`), as CPython orders them by `<`.
    const heap = HEAP_OPS[id];
    if (
      ((ORDERED_OPS.has(id) && argTypes.length === 1) || heap !== undefined) &&
      !e.kwargs.has('key') &&
      !e.kwargs.has(CMP_KEY)
    ) {
      const listed = argTypes[0] ? iterItem(argTypes[0]) : undefined;
      const item = heap === 'item' && listed?.kind !== 'struct' ? argTypes[1] : listed;
      const cmp = item?.kind === 'struct' ? this.m.structs.get(item.name)?.methods?.get(CMP_METHOD) : undefined;
      if (cmp) {
        const f: IrExpr = { kind: 'lambda', fn: cmp.fn, captures: [], span: e.span };
        e.kwargs.set(CMP_KEY, f);
        kwTypes.set(CMP_KEY, this.expr(f, s));
      }
    }
    const nt = this.namedTupleOp(e, argTypes, kwTypes);
    if (nt) return nt;
    const dc =
      dataclassIntrospection(id, argTypes[0], this.m.structs, this.m.classValues) ??
      dynamicGetattr(id, argTypes, this.m.structs, rustIdent);
    if (dc && 'error' in dc) {
      this.report('E0301', e.span, { op: id, args: argTypes.map(typeToString).join(', '), hint: dc.error });
      return T.unknown;
    }
    if (dc) {
      e.resolution = dc;
      return dc.result;
    }
    if (id === 'attr.__class_name__' && argTypes[0]?.kind === 'struct') return this.className(e, argTypes[0], s);
    const attrName = e.args[1]?.kind === 'const' && e.args[1].value.kind === 'str' ? e.args[1].value.value : undefined;
    if (id === 'builtins.hasattr' && argTypes[0]?.kind === 'struct' && attrName !== undefined) {
      const r = hasattrOfClass(this.m.structs.get(argTypes[0].name), attrName, argTypes, rustIdent(attrName));
      if (r) {
        e.resolution = r;
        return r.result;
      }
    }
    if (id.startsWith('attr.') && argTypes[0]?.kind === 'struct' && !methodTarget(id, argTypes, this.methodOwners))
      return this.fieldRead(e, argTypes[0]);
    // A NamedTuple is a tuple to these ops (`span[0]`, `len(span)`, `span == (1, 2)`, `x in span`, `span + (3,)`).
    const asTuple = NAMED_TUPLE_AS_TUPLE[id];
    if (asTuple && !methodTarget(id, argTypes, this.methodOwners))
      argTypes.forEach((t, i) => {
        const tt = asTuple.includes(i) ? this.namedTupleAsTuple(t) : undefined;
        if (tt) argTypes[i] = tt;
      });
    // A field of an Optional struct (`cur is None or cur.tag != t`): the emitted code unwraps it, and None raises.
    const recv = argTypes[0];
    if (id.startsWith('attr.') && recv?.kind === 'optional' && recv.item.kind === 'struct')
      return this.fieldRead(e, recv.item);
    if (
      id.startsWith('attr.') &&
      argTypes[0]?.kind === 'enum' &&
      this.m.enums.get(argTypes[0].name)?.methods?.get(id.slice(5))?.kind !== 'property'
    )
      return this.enumAttr(e, argTypes[0]);
    if (id === 'attr.__class_name__') return this.className(e, argTypes[0], s);
    if (id.startsWith('attr.') && argTypes[0]?.kind === 'opaque' && argTypes[0].name === 'Exception')
      return this.exceptionAttr(e);
    const flag = flagOp(id, argTypes, this.m.enums);
    if (flag) {
      e.resolution = flag;
      return flag.result;
    }
    // int(member) / float(member) of an IntEnum (or a str Enum, which fails as int("query") would): its value.
    if ((id === 'builtins.int' || id === 'builtins.float') && argTypes.length === 1 && argTypes[0]?.kind === 'enum') {
      const en = this.m.enums.get(argTypes[0].name)!;
      const r = this.resolve(id, [en.valueType], kwTypes, [], e.span, kwConsts, s);
      if (!r) return T.unknown;
      // The op applies to the member's value; emit spells `inner` on `member.value()`.
      e.resolution = { entry: r.entry, overload: r.overload, result: r.result, params: [argTypes[0]], inner: r };
      return r.result;
    }
    // An IntEnum or str-Enum member is an int or a str: an op its Enum type lacks applies to its value
    // (`direction * 90.0`, `Color.RED + "x"`, `member.upper()`), and so does an operator between a member and a
    // value of another type (`Dir.E == 1` is True).
    const valueArgs = argTypes.flatMap((t, i) => (t.kind === 'enum' && this.m.enums.get(t.name)?.mixin ? [i] : []));
    const mixed =
      valueArgs.length > 0 &&
      id.startsWith('operator.') &&
      argTypes.some((t) => t.kind !== 'enum' || t.name !== (argTypes[valueArgs[0]!] as { name: string }).name) &&
      // A container of the members themselves (`WEIGHTS[member]` with Enum keys) takes the member as it is.
      !argTypes.some((t) => t.kind !== 'enum' && holdsEnum(t));
    let r = mixed
      ? ({ fail: { code: 'E0301', params: {} } } as ReturnType<Inferrer['resolveOp']>)
      : this.resolveOp({ id, kw: kwTypes, consts, kwConsts, s }, argTypes);
    if ('fail' in r && valueArgs.length > 0 && !id.startsWith('attr.')) {
      if (mixed) r = this.resolveOp({ id, kw: kwTypes, consts, kwConsts, s }, argTypes);
      const asValues = argTypes.map((t, i) =>
        valueArgs.includes(i) ? this.m.enums.get((t as { name: string }).name)!.valueType : t,
      );
      const rv = this.resolveOp({ id, kw: kwTypes, consts, kwConsts, s }, asValues);
      if (!('fail' in rv) && rv.res) {
        e.resolution = {
          entry: rv.res.entry,
          overload: rv.res.overload,
          result: rv.res.result,
          params: argTypes,
          inner: rv.res,
          valueArgs,
        };
        return rv.res.result;
      }
      if (!('fail' in rv)) r = rv;
    }
    if ('fail' in r) {
      const at =
        r.fail.arg === undefined
          ? undefined
          : typeof r.fail.arg === 'number'
            ? e.args[r.fail.arg]
            : e.kwargs.get(r.fail.arg);
      this.reportFailure(r.fail, at?.span ?? e.span);
      return T.unknown;
    }
    if (!r.res) return T.unknown;
    e.resolution = r.res;
    // `s | s`, `s.update(s)`, `s -= s`: CPython sees one set object twice (set_or copies, set_merge skips it, `-=`
    // clears), which the set spellings must know, since the Rust code passes a copy, another object.
    if (r.res.params[0]?.kind === 'set' && (r.res.entry.startsWith('set.') || r.res.variant === 'sets')) {
      const same = e.args.flatMap((a, i) => (i > 0 && sameLocal(e.args[0]!, a) ? [String(i)] : []));
      if (same.length) e.resolution = { ...r.res, detail: { ...r.res.detail, same } };
    }
    // `next(csv.reader(lines))`: an iterator that is no local's gives its first item and is dropped.
    const once = ['item', 'optional', 'default', 'or_default'];
    if (r.res.entry === 'builtins.next' && once.includes(r.res.variant ?? '') && !mutableRoot(e.args[0]!)) {
      e.resolution = { ...r.res, variant: `once_${r.res.variant}` };
      delete e.resolution.mutates;
      return r.res.result;
    }
    if (r.res.mutates) this.checkMutation(e.args[r.res.mutatedArg ?? 0]!, r.res, s);
    return r.res.result;
  }

  /**
   * Resolves an op (or a method, attribute or call by its receiver's family) for argument
   * types. A variant argument is dispatched: the op is resolved for each member, and the
   * result is the members' results unified. `res` undefined means an unknown type made it
   * unresolvable for now (a later round may know more).
   */
  private resolveOp(q: OpQuery, argTypes: Type[]): { res?: OpChoice } | { fail: Failure } {
    const ui = argTypes.findIndex((a) => a.kind === 'union');
    if (ui >= 0) {
      // An op that takes the variant as a value (`xs.append(v)` into a list of variants, `v in xs`,
      // `u == v`) needs no dispatch; a receiver always does.
      const receiver = ui === 0 && (q.id.startsWith('method.') || q.id.startsWith('attr.') || q.id === 'call');
      if (!receiver) {
        const direct = this.resolvePlain(q, argTypes);
        if ('res' in direct && direct.res && direct.res.params[ui]?.kind === 'union') return direct;
      }
      return this.dispatch(q, argTypes, ui);
    }
    const plain = this.resolvePlain(q, argTypes);
    // A dynamic value (a JSON value, `Any`) where no op takes one as it is (`cfg["name"].upper()`, `tuple(d["box"])`):
    // the op is resolved for each kind JSON has, and the value's kind at run time picks the arm.
    const di = argTypes.findIndex((a) => a.kind === 'dynamic');
    if ('fail' in plain && di >= 0) {
      const json = this.dispatch(
        q,
        argTypes.map((a, i) => (i === di ? JSON_KINDS : a)),
        di,
      );
      if ('res' in json && json.res?.dispatch) {
        const receiver = q.id.startsWith('method.') || q.id.startsWith('attr.');
        json.res.dispatch.json = {
          other: {
            exception: receiver && di === 0 ? 'AttributeError' : 'TypeError',
            error:
              receiver && di === 0
                ? `'NoneType' object has no attribute '${q.id.replace(/^(method|attr)\./, '')}'`
                : `unsupported operand: a None value in ${opName(q.id)}`,
          },
        };
        json.res.params = argTypes;
        return json;
      }
    }
    return plain;
  }

  private resolvePlain(q: OpQuery, argTypes: Type[]): { res?: OpChoice } | { fail: Failure } {
    // A function or class held as a value prints as `<function f at 0x..>` / `<class 'm.C'>`, which compiled code
    // does not reproduce.
    if (PRINTING_OPS.has(q.id) && argTypes.some((t) => holdsCallable(t)))
      return {
        fail: {
          code: 'E0209',
          params: printedFunctionHint(argTypes.find((t) => holdsCallable(t))!),
          exception: 'TypeError',
          message: `${q.id} of a function value is not supported`,
        },
      };
    // A builtin class used as a value (`typ` of `{"lr": float}`): `typ.__name__` is its name, and `isinstance(v, typ)`
    // tests that class, one member of a variant of them at a time.
    const classValue = (t: Type | undefined): string | undefined =>
      t?.kind === 'callable' ? this.m.classValues?.get(t.fn) : undefined;
    const valueClass = classValue(argTypes[0]);
    // `cls.from_dict(d)` of a class held as a value: the member's static or class method, called as a function value.
    const classMethod =
      q.id.startsWith('method.') && argTypes[0]?.kind === 'callable'
        ? this.m.classMethods?.get(argTypes[0].fn)?.get(q.id.slice('method.'.length))
        : undefined;
    if (classMethod !== undefined && q.kw.size === 0) {
      const args = argTypes.slice(1);
      if (args.some((a) => !isComplete(a))) return {};
      const inst = this.instantiateCallable({ kind: 'callable', fn: classMethod, captures: [] }, args, q.s);
      if (inst && !inst.fn.isGenerator)
        return {
          res: callChoice(inst, argTypes[0]!, args, []),
        };
    }
    // `cls.status` of a class held as a value: the member's constant class attribute.
    const classConst =
      q.id.startsWith('attr.') && argTypes[0]?.kind === 'callable'
        ? this.m.classConstants?.get(argTypes[0].fn)?.get(q.id.slice('attr.'.length))
        : undefined;
    const constType = classConst ? typeOfConst(classConst) : undefined;
    if (classConst && constType)
      return {
        res: {
          entry: 'attr',
          overload: `${valueClass}.${q.id.slice('attr.'.length)}`,
          result: constType,
          params: [argTypes[0]!],
          variant: 'class.const',
          detail: {
            value: JSON.stringify(classConst, (_k, x: unknown) => (typeof x === 'bigint' ? { bigint: String(x) } : x)),
            type: constType,
          },
        },
      };
    // A tuple of classes (`(int, float)` held as a value) is spelled `(int|float)` and has no `__name__`.
    if (q.id === 'attr.__name__' && valueClass !== undefined && !valueClass.startsWith('('))
      return {
        res: {
          entry: 'attr',
          overload: `${valueClass}.__name__`,
          result: T.str,
          params: [argTypes[0]!],
          variant: 'type.name',
          detail: { name: valueClass },
        },
      };
    // `cls == str`, `TYPES[k] is not dict` of classes held as values: the same class or not, decided per member (a
    // builtin class's value is a fresh function at each mention, so the functions themselves do not tell).
    const sameClass = CLASS_COMPARISONS.get(q.id);
    const [left, right] = [classValue(argTypes[0]), classValue(argTypes[1])];
    if (sameClass !== undefined && argTypes.length === 2 && left !== undefined && right !== undefined)
      return {
        res: {
          entry: 'attr',
          overload: `${left} ${q.id} ${right}`,
          result: T.bool,
          params: [argTypes[0]!, argTypes[1]!],
          variant: 'class.const',
          detail: { value: JSON.stringify({ kind: 'bool', value: (left === right) === sameClass }), type: T.bool },
        },
      };
    // A tuple of class values (`(int, float)` kept a tuple, `{"i": (int,), "s": (str,)}[k]`) tests each of them.
    const tupleClasses = (t: Type | undefined): string | undefined => {
      if (t?.kind !== 'tuple' || t.items.length === 0) return undefined;
      const names = t.items.map((x) => {
        const c = classValue(x);
        const family = c !== undefined && !c.startsWith('(') ? this.m.classFamilies?.get(c) : undefined;
        return c === undefined
          ? undefined
          : c.startsWith('(')
            ? c.slice(1, -1)
            : family
              ? `${c}=${family.join(',')}`
              : c;
      });
      return names.every((n) => n !== undefined) ? `(${names.join('|')})` : undefined;
    };
    const testedClass =
      q.id === 'builtins.isinstance' ? (classValue(argTypes[1]) ?? tupleClasses(argTypes[1])) : undefined;
    if (testedClass !== undefined && argTypes[0]) {
      // A module class stands for itself and the classes derived from it (`C=C,D`, as lowering spells a named class).
      const family = this.m.classFamilies?.get(testedClass);
      const spelled = testedClass.startsWith('(')
        ? testedClass.slice(1, -1)
        : family
          ? `${testedClass}=${family.join(',')}`
          : testedClass;
      const r = this.resolvePlain({ ...q, consts: [q.consts[0], { kind: 'str', value: spelled }] }, [
        argTypes[0],
        T.str,
      ]);
      if ('res' in r && r.res) return { res: { ...r.res, params: [...r.res.params.slice(0, 1), argTypes[1]!] } };
      return r;
    }
    // `type(x).__name__` of one member of a variant (`className` dispatches on the variant).
    const cn = q.id === 'attr.__class_name__' && argTypes[0] ? staticClassName(argTypes[0]) : undefined;
    if (cn !== undefined)
      return {
        res: {
          entry: 'attr',
          overload: `type(${typeToString(argTypes[0]!)}).__name__`,
          result: T.str,
          params: [argTypes[0]!],
          variant: 'type.name',
          detail: { name: cn },
        },
      };
    // A method of a user class (`v.encode(s)`, `len(v)`, `x in v`, `a < b`) runs its function.
    const target = methodTarget(q.id, argTypes, this.methodOwners);
    if (target) return this.userMethod(q, argTypes, target);
    // A field of a class instance reached through a variant's member (`s.r` of `Circle | Square`); a direct read is
    // `fieldRead`'s.
    const recv0 = argTypes[0];
    if (q.id.startsWith('attr.') && recv0?.kind === 'struct') {
      const field = q.id.slice('attr.'.length);
      const f = this.m.structs.get(recv0.name)?.fields.find((x) => x.name === field);
      if (f && isComplete(f.type))
        return {
          res: {
            entry: 'attr',
            overload: `${recv0.name}.${field}`,
            result: f.type,
            params: [recv0],
            variant: 'field',
            detail: { field },
          },
        };
    }
    let id = q.id;
    // A call of one member of a variant of function values (a dispatch table's entry): that function's instance.
    const fnValue = argTypes[0];
    if (id === 'call' && fnValue?.kind === 'callable' && q.kw.size === 0) {
      const args = argTypes.slice(1);
      if (args.some((a) => !isComplete(a))) return {};
      const inst = this.instantiateCallable(fnValue, args, q.s);
      if (!inst || inst.fn.isGenerator) {
        const fn = this.m.functions.get(fnValue.fn);
        return {
          fail: {
            code: 'E0305',
            params: {
              name: fnValue.fn.startsWith('lambda_') ? 'lambda' : fnValue.fn,
              expected: (fn?.params.length ?? 0) - fnValue.captures.length,
              actual: args.length,
            },
            exception: 'TypeError',
            message: `${fnValue.fn}() takes ${(fn?.params.length ?? 0) - fnValue.captures.length} arguments`,
          },
        };
      }
      return {
        res: callChoice(inst, fnValue, args, fnValue.captures),
      };
    }
    if (id.startsWith('method.') || id.startsWith('attr.') || id === 'call') {
      const recv = argTypes[0]!;
      if (recv.kind === 'unknown') return {};
      // A method of an Optional variant dispatches on the variant; the emitter unwraps it first (None raises).
      if (recv.kind === 'optional' && recv.item.kind === 'union' && id !== 'call')
        return this.resolveOp(q, [recv.item, ...argTypes.slice(1)]);
      // A method of an Optional value resolves on the value; the emitter unwraps it (None raises).
      const family =
        receiverFamily(recv) ?? (recv.kind === 'optional' && id !== 'call' ? receiverFamily(recv.item) : undefined);
      const name = id === 'call' ? '__call__' : id.slice(id.indexOf('.') + 1);
      const candidate = family ? `${family}.${name}` : undefined;
      // A builtin type's special method called by name (`key=probs.__getitem__`, `x.__len__()`) is the operation it
      // implements.
      const special = specialMethodOp(name);
      if ((!candidate || !lookupOp(candidate)) && special && recv.kind !== 'struct' && recv.kind !== 'enum')
        return this.resolveOp({ ...q, id: special }, argTypes);
      if (!candidate || !lookupOp(candidate)) {
        if (id === 'call')
          return {
            fail: {
              code: 'E0312',
              params: { name: typeToString(recv) },
              exception: 'TypeError',
              message: `'${typeToString(recv)}' object is not callable`,
            },
          };
        return {
          fail: {
            code: 'E0307',
            params: {
              name: typeToString(recv),
              attr: name,
              // A declined namespace (`numpy.random.`) says why its objects' missing methods are out of scope.
              hint:
                (candidate && declinedReason(candidate)) ??
                (family
                  ? `see docs/coverage.md for the supported ${family} methods`
                  : 'attributes of this type are not supported'),
            },
            exception: 'AttributeError',
            message: `'${typeToString(recv)}' object has no attribute '${name}'`,
          },
        };
      }
      id = candidate;
    }
    if (argTypes.some((a) => a.kind === 'unknown') && !id.startsWith('list.') && !id.startsWith('dict.')) return {};
    const callables: NonNullable<OpChoice['callables']> = {};
    const ctx: ResolveContext = {
      call: (arg, types) => {
        const t = typeof arg === 'number' ? argTypes[arg] : q.kw.get(arg);
        if (t?.kind !== 'callable') return undefined;
        const inst = this.instantiateCallable(t, types, q.s);
        if (!inst) return undefined;
        callables[String(arg)] = { instance: inst.key, captures: t.captures };
        return inst.returnType;
      },
      probe: (arg, types) => {
        const t = typeof arg === 'number' ? argTypes[arg] : q.kw.get(arg);
        if (t?.kind !== 'callable') return undefined;
        // A fresh inferrer with a sink of its own: what it instantiates and reports is dropped with it.
        const quiet = new Inferrer(this.m, new DiagnosticSink());
        const inst = quiet.instantiateCallable(t, types, q.s);
        return inst && !quiet.sink.hasErrors && isComplete(inst.returnType) ? inst.returnType : undefined;
      },
    };
    const r = this.tryResolve(q, id, argTypes, ctx);
    if ('fail' in r) return r;
    if (r.res && Object.keys(callables).length) r.res.callables = callables;
    return r;
  }

  /** One arm per member of the variant at `ui`; members the op rejects raise at run time. */
  private dispatch(q: OpQuery, argTypes: Type[], ui: number): { res?: OpChoice } | { fail: Failure } {
    const union = argTypes[ui] as Type & { kind: 'union' };
    const arms: DispatchArm[] = [];
    let result: Type | undefined;
    let firstFail: Failure | undefined;
    for (const m of union.members) {
      const r = this.resolveOp(
        { ...q, consts: q.consts.map((c, i) => (i === ui ? undefined : c)) },
        argTypes.map((a, i) => (i === ui ? m : a)),
      );
      if ('fail' in r) {
        firstFail ??= r.fail;
        arms.push({ error: r.fail.message, exception: r.fail.exception });
        continue;
      }
      if (!r.res) return {};
      if (r.res.mutates && ui === 0) {
        return {
          fail: {
            code: 'E0209',
            params: {
              op: `${q.id.replace(/^method\./, '.')} on a value whose type varies (${typeToString(union)})`,
              hint: 'keep one type in the variable you mutate',
            },
            exception: 'TypeError',
            message: '',
          },
        };
      }
      arms.push({ resolution: r.res });
      // Members keep their own result types (`v * 2` on int | float is int or float, not float).
      const u: Type | undefined = result === undefined ? r.res.result : unifyItems(result, r.res.result);
      if (!u) {
        return {
          fail: {
            code: 'E0301',
            params: {
              op: opName(q.id),
              args: argTypes.map(typeToString).join(', '),
              hint: `its results for the members of ${typeToString(union)} have no common type`,
            },
            exception: 'TypeError',
            message: '',
          },
        };
      }
      result = u;
    }
    if (result === undefined) {
      // No member accepts the op: a compile-time error, as for a plain type.
      const f = firstFail!;
      if (f.code === 'E0301') f.params = { ...f.params, args: argTypes.map(typeToString).join(', ') };
      return { fail: f };
    }
    return {
      res: {
        entry: arms.find((a) => 'resolution' in a)!.resolution!.entry,
        overload: `dispatch on ${typeToString(union)}`,
        result,
        params: argTypes,
        dispatch: { arg: ui, union, arms },
      },
    };
  }

  /**
   * A call of a user class's method: its arguments bind to the function's parameters (`self` first for an instance
   * method or a property), the function is instantiated for their types, and the choice records where each parameter's
   * argument is (`detail.args`, an index into the positional then keyword arguments, -1 for a default).
   */
  private userMethod(q: OpQuery, argTypes: Type[], target: MethodTarget): { res?: OpChoice } | { fail: Failure } {
    const st = this.methodOwners.get((argTypes[target.recv] as Type & { kind: 'struct' | 'enum' }).name)!;
    const method = st.methods!.get(target.method)!;
    const fn = this.m.functions.get(method.fn);
    if (!fn) return {};
    const label = `${st.name}.${target.method}`;
    const withSelf = method.kind === 'instance' || method.kind === 'property';
    const positional = withSelf ? [target.recv, ...target.args] : target.args;
    const all = [...argTypes, ...q.kw.values()];
    const order: number[] = fn.params.map(() => -1);
    const own = withSelf ? 1 : 0;
    const arity = (given: number): Failure => ({
      code: 'E0305',
      params: { name: label, expected: fn.params.length - own, actual: given - own },
      exception: 'TypeError',
      message: `${label}() takes ${fn.params.length - own} arguments but ${given - own} were given`,
    });
    if (positional.length > fn.params.length) return { fail: arity(positional.length) };
    positional.forEach((a, i) => (order[i] = a));
    let j = argTypes.length;
    for (const k of q.kw.keys()) {
      const i = fn.params.findIndex((p) => p.name === k);
      if (i < 0 || order[i]! >= 0)
        return {
          fail: {
            code: 'E0306',
            params: { kw: k, name: label },
            exception: 'TypeError',
            message: `${label}() got an unexpected keyword argument '${k}'`,
          },
        };
      order[i] = j++;
    }
    const types: Type[] = [];
    for (let i = 0; i < fn.params.length; i++) {
      const p = fn.params[i]!;
      if (order[i]! >= 0) types.push(all[order[i]!]!);
      else if (p.default) types.push(constType(p.default));
      else return { fail: arity(positional.length + q.kw.size) };
      const t = types[i]!;
      if (
        p.annotation &&
        t.kind !== 'unknown' &&
        !assignable(t, p.annotation) &&
        !downcastable(t, p.annotation) &&
        !varTupleFor(t, p.annotation)
      )
        return {
          fail: {
            code: 'E0301',
            params: {
              op: label,
              args: types.map(typeToString).join(', '),
              hint: `parameter \`${p.name}\` is declared ${typeToString(p.annotation)}`,
            },
            exception: 'TypeError',
            message: '',
          },
        };
    }
    types.forEach((t, i) => {
      const a = fn.params[i]?.annotation;
      if (onlyEmptyHole(t) && a && isComplete(a) && a.kind === t.kind) types[i] = a;
    });
    if (types.some((t) => !isComplete(t))) return {};
    const key = instanceKey(fn, this.instanceParams(fn, types, false));
    let result: Type;
    let instance: string;
    let paramTypes: Type[];
    if (this.inProgress.has(key)) {
      // A recursive method: its calls take the declared return type.
      if (!fn.hasReturnAnnotation)
        return {
          fail: { code: 'E0309', params: { name: label }, exception: 'TypeError', message: '' },
        };
      this.recursive.add(key);
      result = fn.returnAnnotation ?? T.unknown;
      instance = key;
      paramTypes = this.instanceParams(fn, types, false);
    } else {
      // A method's generator argument is drawn into the declared list (see `call` for functions).
      const inst = this.instantiate(
        fn,
        types.map((t, i) => heldGenerator(t, fn.params[i]?.annotation)),
        false,
      );
      if (!inst) return {};
      result = inst.returnType;
      instance = inst.key;
      paramTypes = inst.paramTypes;
    }
    const params = [...all];
    order.forEach((o, i) => {
      if (o >= 0) params[o] = paramTypes[i]!;
    });
    return {
      res: {
        entry: label,
        overload: types.map(typeToString).join(', '),
        result: target.negate || target.nonzero ? T.bool : result,
        params,
        variant: 'method',
        callables: { m: { instance, captures: [] } },
        detail: {
          args: order.map(String),
          negate: target.negate,
          nonzero: target.nonzero,
          self: withSelf ? String(target.recv) : undefined,
        },
      },
    };
  }

  private reportFailure(f: Failure, span: Span): void {
    this.report(f.code as Parameters<DiagnosticSink['report']>[0], span, f.params);
  }

  /** `Result(label=..., score=...)`: arguments bind to fields in order, then by name; defaults fill the rest. */
  private newStruct(e: IrExpr & { kind: 'new' }, s: Scope): Type {
    const en = this.m.enums.get(e.struct);
    if (en) return this.enumLookup(e, en, s);
    const st = this.m.structs.get(e.struct)!;
    // A dataclass's generated `__init__` takes its fields in order (`Version(*parts)`), as a NamedTuple's `__new__`
    // does (`Entity(*row)`); CPython counts `self`/`cls` among the given arguments.
    const init: StarTarget | undefined =
      st.dataclass || st.namedTuple
        ? { name: `${st.name}.${st.namedTuple ? '__new__' : '__init__'}`, params: st.fields, self: true }
        : undefined;
    if (!this.spreadStars(e, s, undefined, init)) return { kind: 'struct', name: st.name };
    const spread = e.kwargs.get('**');
    if (spread) return this.newStructFromMapping(e, st, spread, s);
    const given = new Map<string, Type>();
    e.args.forEach((a, i) => {
      const f = st.fields[i];
      const t = this.expr(a, s);
      if (!f) {
        this.report('E0305', e.span, { name: st.name, expected: st.fields.length, actual: e.args.length });
        return;
      }
      given.set(f.name, t);
    });
    for (const [k, v] of e.kwargs) {
      const t = this.expr(v, s);
      if (!st.fields.some((f) => f.name === k)) {
        this.report('E0306', v.span, { kw: k, name: st.name });
        continue;
      }
      given.set(k, t);
    }
    // A plain class's fields take their types from here; `fixFields` reports a conflict itself.
    if (st.inferred) this.fixFields(st, given, e.span);
    for (const f of st.fields) {
      const t = given.get(f.name);
      // A `collections.namedtuple`'s fields are typed by `fixFields`, but a construction must still give each one.
      if (st.inferred && !(st.namedTuple && t === undefined)) continue;
      if (t === undefined) {
        if (!f.default) this.report('E0305', e.span, { name: st.name, expected: st.fields.length, actual: given.size });
        continue;
      }
      if (t.kind !== 'unknown' && !assignable(t, f.type) && !downcastable(t, f.type))
        this.report('E0301', e.span, {
          op: st.name,
          args: [...given.values()].map(typeToString).join(', '),
          hint: fieldHint(f.name, f.type, t),
        });
    }
    return { kind: 'struct', name: st.name };
  }

  /**
   * `Cls(**mapping)` of a dataclass: the mapping (a dict of str keys, typically parsed JSON or a filtered config)
   * is read field by field at run time, with CPython's TypeErrors for unknown keys and missing required fields.
   * Other arguments beside it, and classes that are not dataclasses (pydantic validates and converts), are E0301.
   */
  private newStructFromMapping(e: IrExpr & { kind: 'new' }, st: IrStruct, spread: IrExpr, s: Scope): Type {
    const t = this.expr(spread, s);
    for (const [k, v] of e.kwargs) if (k !== '**') this.expr(v, s);
    e.args.forEach((a) => this.expr(a, s));
    const result: Type = { kind: 'struct', name: st.name };
    if (!isComplete(t)) return result;
    const hint =
      !st.dataclass || st.namedTuple || st.inferred
        ? `\`${st.name}(**mapping)\` is supported for dataclasses; pass the fields by name`
        : e.args.length > 0 || e.kwargs.size > 1
          ? `pass every field through the mapping (\`${st.name}(**{**mapping, "name": value})\`) or every field by name`
          : t.kind !== 'dynamic' && (t.kind !== 'dict' || t.key.kind !== 'str')
            ? `the mapping must be a dict with str keys, not ${typeToString(t)}`
            : st.fields.find((f) => !mappingField(f.type))
              ? `field \`${st.fields.find((f) => !mappingField(f.type))!.name}\` holds a class or an Enum, which CPython would leave a plain value; build it and pass it by name`
              : undefined;
    if (hint) this.report('E0301', e.span, { op: st.name, args: `**${typeToString(t)}`, hint });
    return result;
  }

  /**
   * A plain class's fields take the types its constructor gives them, fixed in the constructor's last round (when its
   * locals have settled): one type per field for the whole class, so a second construction with another type is an
   * error rather than a second struct.
   */
  private fixFields(st: IrStruct, given: Map<string, Type>, span: Span): void {
    if (!this.reporting) return;
    for (const f of st.fields) {
      const t = given.get(f.name);
      // A field set first by a later method: construction leaves it unset, its stores type it (`lateStore`).
      if (f.late) continue;
      // An open container (`self.items = []`) is kept open, for a method's store to decide (`fields.ts`).
      if (t !== undefined && !isComplete(t) && f.type.kind === 'unknown' && t.kind !== 'unknown') {
        f.type = t;
        this.fieldsRefined = true;
      }
      if (t === undefined || !isComplete(t)) continue;
      if (!isComplete(f.type)) {
        f.type = fillHoles(f.type, t);
        if (!isComplete(f.type)) f.type = t;
        // An `itertools.count()` field (`self._seq`, a heap's tie-breaker) is a value of its own (`rt::itertools::Count`).
        const counter = f.type.kind === 'iter' && ['count', 'cycle', 'repeat'].includes(f.type.source);
        if (!isValueType(f.type) && !counter)
          this.report('E0202', f.span ?? span, {
            construct: `a ${typeToString(f.type)} in the field \`${st.name}.${f.name}\``,
            hint: 'fields of a class may hold values (numbers, str, containers, arrays, other class instances); keep this one in a module-level constant or pass it to the method',
          });
      } else if (
        f.type.kind === 'dict' &&
        t.kind === 'dict' &&
        !f.type.missing &&
        t.missing &&
        typeEquals(f.type.key, t.key) &&
        typeEquals(f.type.value, t.value)
      ) {
        // `self.counts: dict[str, int] = defaultdict(int)`: the field holds the defaultdict, whose missing keys CPython
        // fills in, whatever the annotation says.
        f.type = t;
      } else if (!assignable(t, f.type) && !downcastable(t, f.type))
        this.report('E0301', this.callSpan ?? span, {
          op: st.name,
          args: typeToString(t),
          hint: `field \`${f.name}\` holds ${typeToString(f.type)} from another construction; a class keeps one type per field (a generic class built with two type arguments, \`Box(1)\` and \`Box("a")\`, is not compiled yet: use one class per type)`,
        });
    }
  }

  /** `Dir(value)`: the member with that value (a member passes through), ValueError at run time for another value. */
  private enumLookup(e: IrExpr & { kind: 'new' }, en: IrEnum, s: Scope): Type {
    const missing = e.kwargs.get('__missing__');
    if (missing) {
      // `Cls(value)` with `_missing_`: the classmethod's answer when no member has the value (None: the ValueError).
      const types = e.args.map((a) => this.expr(a, s));
      const t = this.expr(missing, s);
      const self: Type = { kind: 'enum', name: en.name };
      if (t.kind !== 'unknown' && !assignable(t, T.optional(self)))
        this.report('E0301', missing.span, {
          op: `${en.name}._missing_`,
          args: typeToString(t),
          hint: `\`_missing_\` returns a member of \`${en.name}\` or None`,
        });
      if (types[0] && types[0].kind !== 'unknown' && !typeEquals(types[0], self) && !assignable(types[0], en.valueType))
        this.report('E0301', e.args[0]!.span, {
          op: en.name,
          args: typeToString(types[0]),
          hint: `the members of \`${en.name}\` have ${typeToString(en.valueType)} values`,
        });
      return self;
    }
    const types = [...e.args, ...e.kwargs.values()].map((a) => this.expr(a, s));
    const t = types[0];
    // `Dir[name]`: the member of that name (lowered with the hidden keyword `__name__`).
    if (e.kwargs.has('__name__')) {
      if (t && t.kind !== 'unknown' && t.kind !== 'str')
        this.report('E0301', e.span, {
          op: `${en.name}[...]`,
          args: typeToString(t),
          hint: `\`${en.name}[name]\` looks a member up by its name, a str`,
        });
      return { kind: 'enum', name: en.name };
    }
    if (e.args.length !== 1 || e.kwargs.size > 0) {
      this.report('E0305', e.span, { name: en.name, expected: 1, actual: types.length });
    } else if (
      t &&
      t.kind !== 'unknown' &&
      !(t.kind === 'enum' && t.name === en.name) &&
      !assignable(t, en.valueType)
    ) {
      this.report('E0301', e.args[0]!.span, {
        op: en.name,
        args: typeToString(t),
        hint: `the members of \`${en.name}\` have ${typeToString(en.valueType)} values`,
      });
    }
    return { kind: 'enum', name: en.name };
  }

  /**
   * `type(x).__name__`: a caught exception's class at run time (a user class's own name); for a value of a builtin
   * type, its name, known from the static type. A variant or any other type is a diagnostic.
   */
  private className(e: IrExpr & { kind: 'op' }, t: Type | undefined, s: Scope): Type {
    if (!t || t.kind === 'unknown') return T.unknown;
    // A variant's class is its member's: one arm per member, each a static name.
    if (t.kind === 'union' && t.members.every((m) => staticClassName(m) !== undefined)) {
      const r = this.resolveOp({ id: e.op, kw: new Map(), consts: [undefined], kwConsts: new Map(), s }, [t]);
      if ('res' in r && r.res) {
        e.resolution = r.res;
        return r.res.result;
      }
    }
    const exception = t.kind === 'opaque' && t.name === 'Exception';
    // An Optional exception (`e.__cause__`) or value: NoneType for None, else the value's class.
    if (t.kind === 'optional' && (typeEquals(t.item, EXCEPTION_TYPE) || staticClassName(t.item) !== undefined)) {
      e.resolution = {
        entry: 'attr',
        overload: `type(${typeToString(t)}).__name__`,
        result: T.str,
        params: [t],
        variant: 'optional.class_name',
        detail: { name: typeEquals(t.item, EXCEPTION_TYPE) ? undefined : staticClassName(t.item) },
      };
      return T.str;
    }
    // A dynamic value (json.loads' result, a dict[str, Any] value) knows its class at run time.
    if (t.kind === 'dynamic') {
      e.resolution = {
        entry: 'attr',
        overload: 'type(object).__name__',
        result: T.str,
        params: [t],
        variant: 'dynamic.class_name',
      };
      return T.str;
    }
    const name = staticClassName(t);
    if (!exception && name === undefined) {
      this.report('E0301', e.span, {
        op: 'type(x).__name__',
        args: typeToString(t),
        hint: 'the class name is known for exceptions, builtin types, dynamic values, dataclasses and Enums',
      });
      return T.unknown;
    }
    e.resolution = {
      entry: 'attr',
      overload: `type(${typeToString(t)}).__name__`,
      result: T.str,
      params: [t],
      variant: exception ? 'exception.class_name' : 'type.name',
      detail: { name },
    };
    return T.str;
  }

  /**
   * `e.code` of a caught exception: an attribute the `__init__` of a user exception class sets, typed by the
   * classes that set it; an instance without it raises AttributeError at run time, as in CPython.
   */
  private exceptionAttr(e: IrExpr & { kind: 'op' }): Type {
    const name = e.op.slice('attr.'.length);
    // The chain `raise ... from` and handlers set (`rt::PyErr::cause`, `context`, `suppress_context`).
    const chain = EXCEPTION_CHAIN[name];
    if (chain) {
      e.resolution = {
        entry: 'attr',
        overload: `Exception.${name}`,
        result: chain,
        params: [EXCEPTION_TYPE],
        variant: `exception.${name}`,
      };
      return chain;
    }
    // `e.args`: the arguments of any exception, builtin or the module's (registry/ops/exceptions.ts reads them).
    if (name === 'args' && ![...this.m.exceptions.values()].some((c) => c.fields.has('args'))) {
      e.resolution = {
        entry: 'attr',
        overload: 'Exception.args',
        result: EXCEPTION_ARGS,
        params: [EXCEPTION_TYPE],
        variant: 'exception.args',
      };
      return EXCEPTION_ARGS;
    }
    const owners = [...this.m.exceptions.values()].filter((c) => c.fields.has(name));
    const type = owners.map((c) => c.fields.get(name)).find((t) => t !== undefined);
    // `json.JSONDecodeError`'s attributes, read at run time (AttributeError on another exception, as in CPython).
    const json = JSON_DECODE_ERROR_ATTRS[name];
    if (owners.length === 0 && json) {
      e.resolution = {
        entry: 'attr',
        overload: `JSONDecodeError.${name}`,
        result: json,
        params: [EXCEPTION_TYPE],
        variant: 'exception.field',
        detail: { field: name },
      };
      return json;
    }
    if (owners.length === 0) {
      const all = [...new Set([...this.m.exceptions.values()].flatMap((c) => [...c.fields.keys()]))];
      this.report('E0307', e.span, {
        name: 'Exception',
        attr: name,
        hint:
          all.length > 0
            ? `the attributes exception classes of this module set are: ${all.join(', ')}`
            : 'a caught exception is read with `str(e)` and `repr(e)`, or through attributes its class sets in `__init__`',
      });
      return T.unknown;
    }
    if (!type) {
      this.report('E0302', e.span, { name: `${owners[0]!.name}.${name}` });
      return T.unknown;
    }
    e.resolution = {
      entry: 'attr',
      overload: `Exception.${name}`,
      result: type,
      params: [EXCEPTION_TYPE],
      variant: 'exception.field',
      detail: { field: name },
    };
    return type;
  }

  /** `member.value` and `member.name`. */
  private enumAttr(e: IrExpr & { kind: 'op' }, t: Type & { kind: 'enum' }): Type {
    const name = e.op.slice('attr.'.length);
    const en = this.m.enums.get(t.name)!;
    if (name === 'value') {
      e.resolution = {
        entry: 'attr',
        overload: `${t.name}.value`,
        result: en.valueType,
        params: [t],
        variant: 'enum.value',
      };
      return en.valueType;
    }
    if (name === 'name') {
      e.resolution = {
        entry: 'attr',
        overload: `${t.name}.name`,
        result: T.str,
        params: [t],
        variant: 'enum.name',
      };
      return T.str;
    }
    // An attribute the Enum's `__init__` set on each member (`Planet.EARTH.mass`).
    const attr = en.attrs?.get(name);
    if (attr) {
      e.resolution = {
        entry: 'attr',
        overload: `${t.name}.${name}`,
        result: attr.type,
        params: [t],
        variant: 'enum.attr',
        detail: { attr: name },
      };
      return attr.type;
    }
    this.report('E0307', e.span, {
      name: t.name,
      attr: name,
      hint: `an Enum member has \`.value\` and \`.name\`${en.attrs ? ` and what its \`__init__\` sets: ${[...en.attrs.keys()].join(', ')}` : ''}`,
    });
    return T.unknown;
  }

  /** The TypedDict class of a struct type, if it is one. */
  private typedDictOf(t: Type | undefined): IrStruct | undefined {
    if (t?.kind !== 'struct') return undefined;
    const st = this.m.structs.get(t.name);
    return st?.typedDict ? st : undefined;
  }

  /**
   * A TypedDict's dict operations, on its fixed keys: `td["k"]`, `td.get("k"[, default])` (every key is present),
   * `"k" in td`, `len(td)`, `td.keys()`. The key must be a constant; a key the class does not declare is CPython's
   * KeyError, reported here.
   */
  private typedDictOp(e: IrExpr & { kind: 'op' }, argTypes: Type[], kwTypes: Map<string, Type>): Type | undefined {
    const st = this.typedDictOf(argTypes[0]);
    if (!st) return undefined;
    const names = st.fields.map((f) => f.name);
    const keyOf = (x: IrExpr | undefined): string | undefined =>
      x?.kind === 'const' && x.value.kind === 'str' ? x.value.value : undefined;
    const field = (x: IrExpr | undefined, op: string): IrStructField | undefined => {
      const key = keyOf(x);
      const f = key === undefined ? undefined : st.fields.find((g) => g.name === key);
      if (!f)
        this.report('E0301', x?.span ?? e.span, {
          op,
          args: argTypes.map(typeToString).join(', '),
          hint:
            key === undefined
              ? `a TypedDict is read with a constant key: one of ${names.map((n) => `"${n}"`).join(', ')}`
              : `${st.name} has no key "${key}" (CPython: KeyError); its keys are ${names.map((n) => `"${n}"`).join(', ')}`,
        });
      return f;
    };
    const choose = (variant: string, result: Type, detail: Record<string, string | boolean>): Type => {
      e.resolution = {
        entry: 'typeddict',
        overload: `${st.name}, ${variant}`,
        result,
        params: argTypes,
        variant,
        detail,
      };
      return result;
    };
    if (e.op === 'operator.getitem' && argTypes.length === 2) {
      const f = field(e.args[1], `${st.name}[...]`);
      return f ? choose('get', f.type, { field: f.name }) : T.unknown;
    }
    if (e.op === 'method.get' && (argTypes.length === 2 || argTypes.length === 3) && kwTypes.size === 0) {
      const f = field(e.args[1], `${st.name}.get`);
      return f ? choose('get', f.type, { field: f.name }) : T.unknown;
    }
    if (e.op === 'builtins.len' && argTypes.length === 1)
      return choose('const_int', T.int, { value: String(names.length) });
    if (e.op === 'method.keys' && argTypes.length === 1) {
      e.resolution = {
        entry: 'typeddict',
        overload: `${st.name}.keys`,
        result: T.list(T.str),
        params: argTypes,
        variant: 'keys',
        detail: { names },
      };
      return T.list(T.str);
    }
    return undefined;
  }

  /** `key in td` / `key not in td` for a TypedDict: decided here for a constant key, else compared with its keys. */
  private typedDictIn(op: string, key: IrExpr, pair: Type[]): OpChoice | undefined {
    const st = op === 'operator.in_' || op === 'operator.not_in' ? this.typedDictOf(pair[1]) : undefined;
    if (!st) return undefined;
    const names = st.fields.map((f) => f.name);
    const negate = op === 'operator.not_in';
    const base = { entry: 'typeddict', result: T.bool, params: pair };
    if (key.kind === 'const' && key.value.kind === 'str')
      return {
        ...base,
        overload: `str in ${st.name}`,
        variant: 'const',
        detail: { value: names.includes(key.value.value) !== negate },
      };
    // Only a str can be one of its keys.
    if (pair[0]!.kind !== 'str' && pair[0]!.kind !== 'unknown')
      return {
        ...base,
        overload: `${typeToString(pair[0]!)} in ${st.name}`,
        variant: 'const',
        detail: { value: negate },
      };
    return { ...base, overload: `str in ${st.name}`, variant: 'has_key', detail: { names, negate } };
  }

  /**
   * A dict display where a TypedDict is declared (a return, an annotated assignment, a list of them) builds the
   * TypedDict when its keys are constants naming exactly the class's keys in the class's order; otherwise it stays a
   * dict (with the return-annotation warning where it is returned).
   */
  private typedDictDisplay(e: IrExpr, want: Type | undefined): IrExpr {
    if (!want) return e;
    if (want.kind === 'optional') return this.typedDictDisplay(e, want.item);
    if (want.kind === 'list' && e.kind === 'list') {
      e.items = e.items.map((x) => this.typedDictDisplay(x, want.item));
      return e;
    }
    const st = this.typedDictOf(want);
    if (!st || e.kind !== 'dict') return e;
    const keys = e.keys.map((k) => (k.kind === 'const' && k.value.kind === 'str' ? k.value.value : undefined));
    const names = st.fields.map((f) => f.name);
    // In the class's order: a TypedDict is a dict, whose keys keep the order the display gives them.
    if (keys.length !== names.length || !names.every((n, i) => keys[i] === n)) return e;
    const kwargs = new Map<string, IrExpr>(keys.map((k, i) => [k!, e.values[i]!]));
    return { kind: 'new', struct: st.name, args: [], kwargs, span: e.span };
  }

  /** The tuple a NamedTuple instance is: its fields' types, named. */
  /** The class without `__eq__` (compared by identity in CPython) whose instances `t` is or holds, if any. */
  private identityClass(t: Type, depth = 0): string | undefined {
    if (depth > 8) return undefined;
    switch (t.kind) {
      case 'struct': {
        const st = this.m.structs.get(t.name);
        return st?.hash === 'identity' && !st.methods?.has('__eq__') ? t.name : undefined;
      }
      case 'list':
      case 'set':
      case 'deque':
      case 'vartuple':
      case 'optional':
        return this.identityClass(t.item, depth + 1);
      case 'tuple':
        return t.items.map((x) => this.identityClass(x, depth + 1)).find((n) => n !== undefined);
      case 'dict':
        return this.identityClass(t.key, depth + 1) ?? this.identityClass(t.value, depth + 1);
      case 'union':
        return t.members.map((x) => this.identityClass(x, depth + 1)).find((n) => n !== undefined);
      default:
        return undefined;
    }
  }

  private namedTupleAsTuple(t: Type | undefined): (Type & { kind: 'tuple' }) | undefined {
    if (t?.kind !== 'struct') return undefined;
    const st = this.m.structs.get(t.name);
    if (!st?.namedTuple) return undefined;
    return {
      kind: 'tuple',
      items: st.fields.map((f) => f.type),
      names: st.fields.map((f) => f.name),
    };
  }

  /** The tuple methods of a NamedTuple: `p._replace(x=1)`, `p._asdict()`, `p._fields`. */
  private namedTupleOp(e: IrExpr & { kind: 'op' }, argTypes: Type[], kwTypes: Map<string, Type>): Type | undefined {
    if (e.op === 'dataclasses.replace' || e.op === 'dataclasses.asdict' || e.op === 'dataclasses.astuple')
      return this.dataclassOp(e, argTypes, kwTypes);
    const recv = argTypes[0];
    if (recv?.kind !== 'struct') return undefined;
    const st = this.m.structs.get(recv.name);
    if (!st?.namedTuple) return undefined;
    const names = st.fields.map((f) => f.name);
    if (e.op === 'attr._fields') {
      const result = T.tuple(names.map(() => T.str));
      e.resolution = {
        entry: 'namedtuple',
        overload: `${st.name}._fields`,
        result,
        params: [recv],
        variant: 'fields',
        detail: { names },
      };
      return result;
    }
    if (e.op === 'method._asdict') {
      if (argTypes.length !== 1 || kwTypes.size > 0) {
        this.report('E0305', e.span, {
          name: `${st.name}._asdict`,
          expected: 0,
          actual: argTypes.length - 1 + kwTypes.size,
        });
        return T.unknown;
      }
      const value = st.fields.reduce<Type | undefined>((acc, f) => (acc ? unifyItems(acc, f.type) : f.type), undefined);
      if (!value) {
        this.report('E0301', e.span, {
          op: `${st.name}._asdict`,
          args: typeToString(recv),
          hint: "the fields have no common type for the dict's values",
        });
        return T.unknown;
      }
      const result = T.dict(T.str, value);
      e.resolution = {
        entry: 'namedtuple',
        overload: `${st.name}._asdict`,
        result,
        params: [recv],
        variant: 'asdict',
        detail: { names },
      };
      return result;
    }
    if (e.op === 'method._replace') {
      if (argTypes.length !== 1) {
        this.report('E0305', e.span, { name: `${st.name}._replace`, expected: 0, actual: argTypes.length - 1 });
        return T.unknown;
      }
      for (const [k, t] of kwTypes) {
        const f = st.fields.find((x) => x.name === k);
        if (!f) {
          this.report('E0306', e.span, { kw: k, name: `${st.name}._replace` });
          return T.unknown;
        }
        if (!typeEquals(t, f.type) && !(f.type.kind === 'float' && t.kind === 'int')) {
          this.report('E0301', e.span, {
            op: `${st.name}._replace`,
            args: `${k}=${typeToString(t)}`,
            hint: `field \`${k}\` is ${typeToString(f.type)}`,
          });
          return T.unknown;
        }
      }
      e.resolution = {
        entry: 'namedtuple',
        overload: `${st.name}._replace`,
        result: recv,
        params: [recv],
        variant: 'replace',
        detail: { names: [...kwTypes.keys()] },
      };
      return recv;
    }
    return undefined;
  }

  /**
   * `dataclasses.replace(obj, **changes)` (a copy with fields set, as a NamedTuple's `_replace`) and
   * `dataclasses.asdict(obj)` (a dict of dynamic values: nested dataclasses, lists and dicts become dicts and lists as
   * CPython's recursion makes them) of a `@dataclass` instance. What CPython would answer differently is E0301: a
   * class that is not a dataclass (TypeError), a `__post_init__` that replace would run again, and fields asdict
   * keeps as objects the dynamic value cannot hold (tuples, Enum members, named tuples, non-str keys).
   */
  private dataclassOp(e: IrExpr & { kind: 'op' }, argTypes: Type[], kwTypes: Map<string, Type>): Type {
    const name = e.op;
    const recv = argTypes[0];
    const st = recv?.kind === 'struct' ? this.m.structs.get(recv.name) : undefined;
    const fail = (hint: string): Type => {
      this.report('E0301', e.span, { op: name, args: argTypes.map(typeToString).join(', '), hint });
      return T.unknown;
    };
    if (!recv || recv.kind !== 'struct' || !st) {
      if (recv && !isComplete(recv)) return T.unknown;
      return fail(`${name}() takes a dataclass instance`);
    }
    if (!st.dataclass || st.namedTuple)
      return fail(`\`${st.name}\` is not a dataclass (CPython raises TypeError); build a new \`${st.name}\` instead`);
    if (name === 'dataclasses.replace') {
      if (argTypes.length !== 1) {
        this.report('E0305', e.span, { name, expected: 1, actual: argTypes.length });
        return T.unknown;
      }
      if (st.methods?.has('__post_init__'))
        return fail(
          `\`${st.name}\` has a \`__post_init__\`, which replace() runs again; build a new \`${st.name}\` instead`,
        );
      for (const [k, t] of kwTypes) {
        const f = st.fields.find((x) => x.name === k);
        if (!f) {
          this.report('E0306', e.span, { kw: k, name });
          return T.unknown;
        }
        if (!assignable(t, f.type) || !isComplete(t))
          return fail(`field \`${k}\` is ${typeToString(f.type)}, not ${typeToString(t)}`);
      }
      e.resolution = {
        entry: 'namedtuple',
        overload: `${st.name}.replace`,
        result: recv,
        params: [recv],
        variant: 'dataclass_replace',
        detail: { names: [...kwTypes.keys()], ...Object.fromEntries([...kwTypes].map(([k, t]) => [`t:${k}`, t])) },
      };
      return recv;
    }
    if (argTypes.length !== 1 || kwTypes.size > 0) {
      this.report('E0305', e.span, { name, expected: 1, actual: argTypes.length + kwTypes.size });
      return T.unknown;
    }
    if (name === 'dataclasses.astuple') {
      if (!st.fields.every((f) => isComplete(f.type))) return T.unknown;
      // astuple turns a nested dataclass into a tuple of its fields too, which is another type than the field's.
      const nested = st.fields.find((f) => typeMentionsStruct(f.type));
      if (nested)
        return fail(
          `field \`${nested.name}\` holds a class instance, which astuple() would turn into a tuple as well; build the tuple from the fields`,
        );
      const result = T.tuple(st.fields.map((f) => f.type));
      e.resolution = {
        entry: 'namedtuple',
        overload: `${st.name}.astuple`,
        result,
        params: [recv],
        variant: 'dataclass_astuple',
        detail: { names: st.fields.map((f) => f.name) },
      };
      return result;
    }
    // asdict keeps nested dataclasses as dicts of their fields (not NamedTuples, not a class holding itself).
    const plain = (t: Type, seen: Set<string>): boolean =>
      mappingField(t, (name) => {
        const inner = this.m.structs.get(name);
        if (!inner?.dataclass || inner.namedTuple || seen.has(name)) return false;
        const next = new Set([...seen, name]);
        return inner.fields.every((f) => plain(f.type, next));
      });
    if (!st.fields.every((f) => isComplete(f.type))) return T.unknown;
    const bad = st.fields.find((f) => !plain(f.type, new Set([st.name])));
    if (bad)
      return fail(
        `field \`${bad.name}\` (${typeToString(bad.type)}) is kept as an object by asdict(); read the fields directly`,
      );
    const result = T.dict(T.str, T.dynamic);
    e.resolution = {
      entry: 'namedtuple',
      overload: `${st.name}.asdict`,
      result,
      params: [recv],
      variant: 'dataclass_asdict',
      detail: { names: st.fields.map((f) => f.name) },
    };
    return result;
  }

  private fieldRead(e: IrExpr & { kind: 'op' }, t: Type & { kind: 'struct' }): Type {
    const name = e.op.slice('attr.'.length);
    const f = this.m.structs.get(t.name)?.fields.find((x) => x.name === name);
    if (f && !isComplete(f.type)) {
      // A plain class's field before any construction fixed its type. Its open type goes on to a store that may decide
      // it (`self.items.append(x)`: `fields.ts`); one still open when the last round reports is an error.
      this.report('E0302', e.span, { name: `${t.name}.${name}` });
      return f.type;
    }
    if (!f) {
      this.report('E0307', e.span, {
        name: t.name,
        attr: name,
        hint: `its fields are: ${this.m.structs
          .get(t.name)
          ?.fields.map((x) => x.name)
          .join(', ')}`,
      });
      return T.unknown;
    }
    // A field of a local that a condition proved not None (`if self._n is not None: return self._n`).
    const key = fieldKey(e);
    // A field set first outside `__init__` reads unwrapped: AttributeError while unset (`lateFields`).
    const narrowed = f.type.kind === 'optional' && (f.late || (key !== undefined && this.narrowed.has(key)));
    const result = narrowed ? (f.type as Type & { kind: 'optional' }).item : f.type;
    e.resolution = {
      entry: 'attr',
      overload: `${t.name}.${name}`,
      result,
      params: [t],
      variant: 'field',
      detail: narrowed ? { field: name, narrowed: true, ...(f.late ? { late: t.name } : {}) } : { field: name },
    };
    return result;
  }

  /** Instantiates a lambda (or a function value) for argument types, with its captures' current types. */
  private instantiateCallable(t: Type & { kind: 'callable' }, args: Type[], s: Scope): FunctionInstance | undefined {
    const fn = this.m.functions.get(t.fn);
    if (!fn) return undefined;
    const captureTypes = t.captures.map((c) => lookupScope(s, c)?.vars.get(c) ?? T.unknown);
    // Omitted parameters take their defaults; the captured locals come after all of them.
    const own = fn.params.slice(0, fn.params.length - t.captures.length);
    if (args.length > own.length || own.slice(args.length).some((p) => !p.default)) return undefined;
    const all = [...args, ...own.slice(args.length).map((p) => constType(p.default!)), ...captureTypes];
    if (all.some((a) => !isComplete(a))) return undefined;
    return this.instantiate(fn, all, false);
  }

  /**
   * Rewrites `f(a, k=b)` of a lambda or nested function into its positional form (`f(a, <default>, b)`), or reports
   * CPython's TypeError cases (an unknown keyword, one given twice, a parameter left without a value) and gives
   * undefined. Keyword arguments are evaluated in parameter order, not source order.
   */
  private bindCallableKeywords(e: IrExpr & { kind: 'op' }, t: Type & { kind: 'callable' }): IrExpr[] | undefined {
    const fn = this.m.functions.get(t.fn);
    if (!fn) return undefined;
    const name = t.fn.startsWith('lambda_') ? 'lambda' : t.fn;
    const own = fn.params.slice(0, fn.params.length - t.captures.length);
    const positional = e.args.slice(1);
    const slots: (IrExpr | undefined)[] = own.map((_, i) => positional[i]);
    for (const [k, v] of e.kwargs) {
      const i = own.findIndex((p) => p.name === k);
      if (i < 0 || slots[i]) {
        this.report('E0306', v.span, { kw: k, name });
        return undefined;
      }
      slots[i] = v;
    }
    if (positional.length > own.length) {
      this.report('E0305', e.span, { name, expected: own.length, actual: positional.length + e.kwargs.size });
      return undefined;
    }
    // Trailing parameters with neither a value nor a default are reported by the arity check.
    let last = slots.length;
    while (last > 0 && !slots[last - 1]) last--;
    const args: IrExpr[] = [];
    for (let i = 0; i < last; i++) {
      const given = slots[i];
      const p = own[i]!;
      if (given) args.push(given);
      else if (p.default) args.push({ kind: 'const', value: p.default, span: e.span });
      else {
        this.report('E0305', e.span, { name, expected: own.length, actual: positional.length + e.kwargs.size });
        return undefined;
      }
    }
    e.args = [e.args[0]!, ...args];
    e.kwargs = new Map();
    return args;
  }

  /** The first member of a variant of function values whose members all take the same parameters and defaults. */
  private sharedSignature(t: Type | undefined): (Type & { kind: 'callable' }) | undefined {
    if (t?.kind !== 'union' || !t.members.every((m) => m.kind === 'callable' && m.captures.length === 0))
      return undefined;
    const sig = (m: Type): string | undefined => {
      const fn = m.kind === 'callable' ? this.m.functions.get(m.fn) : undefined;
      return fn ? JSON.stringify(fn.params.map((p) => [p.name, p.default ?? null])) : undefined;
    };
    const first = sig(t.members[0]!);
    if (first === undefined || !t.members.every((m) => sig(m) === first)) return undefined;
    return t.members[0] as Type & { kind: 'callable' };
  }

  /** `f(x)` where `f` holds a lambda: a call of its instance for these argument types. */
  private callValue(e: IrExpr & { kind: 'op' }, argTypes: Type[], s: Scope): Type {
    const t = argTypes[0] as Type & { kind: 'callable' };
    if (e.kwargs.size > 0) {
      // `inner(v, scale=3)`: keywords bind to the callable's own parameters by name, so the call becomes positional
      // (a skipped parameter between them takes its default). The rewrite is kept: later rounds see a positional call.
      const bound = this.bindCallableKeywords(e, t);
      if (!bound) return T.unknown;
      argTypes = [t, ...bound.map((a) => this.expr(a, s))];
    }
    // An argument whose items nothing decided (`search(0, [])`) takes the parameter's annotation when it has one.
    const params = this.m.functions.get(t.fn)?.params ?? [];
    const args = argTypes
      .slice(1)
      .map((a, i) =>
        isComplete(a) || !params[i]?.annotation || !isComplete(params[i].annotation) ? a : params[i].annotation,
      );
    if (args.some((a) => !isComplete(a))) return T.unknown;
    const inst = this.instantiateCallable(t, args, s);
    // A local it reads whose type nothing decided yet (`found = []` filled only inside it): that local's diagnostic.
    const undecided = inst
      ? undefined
      : t.captures.find((c) => !isComplete(lookupScope(s, c)?.vars.get(c) ?? T.unknown));
    if (undecided !== undefined) {
      this.report('E0302', e.span, { name: undecided });
      return T.unknown;
    }
    if (!inst) {
      const fn = this.m.functions.get(t.fn);
      this.report('E0305', e.span, {
        name: t.fn.startsWith('lambda_') ? 'lambda' : t.fn,
        expected: (fn?.params.length ?? 0) - t.captures.length,
        actual: args.length,
      });
      return T.unknown;
    }
    e.resolution = callChoice(inst, t, args, t.captures);
    // A nested generator function's call is its lazy stream, as a module generator's is.
    if (inst.fn.isGenerator) {
      const lazy = lazyGenerator(inst.returnType);
      e.resolution.result = lazy;
      e.resolution.detail = { generator: true };
      return lazy;
    }
    return inst.returnType;
  }

  /** A mutating op's receiver must be a local; its type may be refined by the op. */
  /**
   * A mutating op's receiver must be a place in a local: the local itself, an item of one
   * (`groups[k].append(v)`), or `d.setdefault(k, [])`. The receiver's refined type flows back
   * to the local (`{}` becomes `dict[str, list[int]]`).
   */
  private checkMutation(recv: IrExpr, r: OpChoice, s: Scope): void {
    const root = mutableRoot(recv);
    if (root?.kind === 'global') {
      // An unannotated cell (`_CACHE = {}`) takes the type its changes give it (`inferModule`'s probe).
      if (r.refineReceiver) this.refineThrough(recv, r.refineReceiver, s);
      this.globalChange(root.name, root.span);
      return;
    }
    if (!root) {
      this.report('E0209', recv.span, {
        op: `${r.entry} on a temporary value`,
        hint: 'assign the container to a variable first',
      });
      return;
    }
    if (r.refineReceiver) this.refineThrough(recv, r.refineReceiver, s);
  }

  private refineThrough(place: IrExpr, t: Type, s: Scope): void {
    if (place.kind === 'global') {
      this.refineCell(place.name, t);
      return;
    }
    if (place.kind === 'local') {
      const scope = lookupScope(s, place.name) ?? s;
      const prev = scope.vars.get(place.name) ?? T.unknown;
      const u = unify(prev, t);
      if (u) scope.vars.set(place.name, u);
      return;
    }
    if (place.kind !== 'op') return;
    const obj = place.args[0]!;
    const ot = obj.type;
    // A plain class's field that construction left open (`self.items = []`, `self.items: list[T] = []`), decided by
    // what a method stores into it (`self.items.append(x)`).
    if (ot?.kind === 'struct' && place.op.startsWith('attr.')) {
      const st = this.m.structs.get(ot.name);
      const r = refineField(st, place, t);
      if (r === 'refined') this.fieldsRefined = true;
      const f = st?.fields.find((x) => `attr.${x.name}` === place.op);
      if (r === 'conflict' && f)
        this.report('E0301', place.span, {
          op: `${ot.name}.${f.name}`,
          args: typeToString(t),
          hint: `the field holds ${typeToString(f.type)} from another use of the class; one class keeps one type per field (a generic class used with two type arguments is not compiled yet)`,
        });
      return;
    }
    if (ot?.kind === 'dict') this.refineThrough(obj, T.dict(ot.key, t), s);
    else if (ot?.kind === 'list') this.refineThrough(obj, T.list(t), s);
    else if (ot?.kind === 'deque') this.refineThrough(obj, T.deque(t), s);
  }

  private seeded = new Map<string, boolean>();

  /**
   * Whether some function of the module calls `random.seed(x)` with a value: then the module-level
   * draws (`random.random()`) follow CPython's generator from that seed; without one they are impure.
   */
  private seedsRandom(seedOp: string): boolean {
    let seeded = this.seeded.get(seedOp);
    if (seeded === undefined) {
      seeded = false;
      for (const fn of this.m.functions.values())
        forEachExpr(fn.body, (e) => {
          if (e.kind !== 'op' || e.op !== seedOp) return;
          const a = e.args[0] ?? e.kwargs.get('a') ?? e.kwargs.get('seed');
          if (a && !(a.kind === 'const' && a.value.kind === 'none')) seeded = true;
        });
      this.seeded.set(seedOp, seeded);
    }
    return seeded;
  }

  /** Resolves a plain op id (no receiver family), dispatching on variants; reports failures at `span`. */
  resolve(
    id: string,
    args: Type[],
    kw: ReadonlyMap<string, Type>,
    consts: (ConstValue | undefined)[],
    span: Span,
    kwConsts: ReadonlyMap<string, ConstValue> = new Map(),
    s?: Scope,
  ): OpChoice | undefined {
    const r = this.resolveOp({ id, kw, consts, kwConsts, s: s ?? { vars: new Map() } }, args);
    if ('fail' in r) {
      this.reportFailure(r.fail, span);
      return undefined;
    }
    return r.res;
  }

  /** The registry entry's resolution, or the failure to report (nothing is reported here). */
  private tryResolve(
    q: OpQuery,
    id: string,
    args: Type[],
    ctx?: ResolveContext,
  ): { res?: OpChoice } | { fail: Failure } {
    // The keywords the type rule reads: one it accepts the call without reading is one it ignored (`max(xs, default=0)`
    // once answered as if it were not there), which is a diagnostic rather than a different answer.
    const read = new Set<string>();
    const kw = readTracked(q.kw, read);
    const kwConsts = readTracked(q.kwConsts, read);
    const { consts } = q;
    const entry = lookupOp(id);
    const seedOp = UNSEEDED_DRAW.exec(id)?.[1];
    if (entry && seedOp && !this.seedsRandom(`${seedOp}.seed`))
      return {
        fail: {
          code: 'E0209',
          params: {
            op: id,
            hint:
              seedOp === 'random'
                ? `\`${id}\` draws from the random module's generator, which no function of this module seeds, so its result differs between runs; call \`random.seed(n)\` first, use \`random.Random(n)\`, or pass the value in as a parameter`
                : `\`${id}\` draws from numpy's global generator, which no function of this module seeds, so its result differs between runs; call \`np.random.seed(n)\` first, use \`np.random.RandomState(n)\`, or pass the values in as an array`,
          },
          exception: 'TypeError',
          message: `${opName(id)} is not supported`,
        },
      };
    if (!entry)
      return {
        fail: {
          code: 'E0209',
          params: { op: id.replace(/^builtins\./, ''), hint: hintFor(id) },
          exception: 'TypeError',
          message: `${opName(id)} is not supported`,
        },
      };
    if (args.some((a) => a.kind === 'unknown') && !entry.id.startsWith('list.') && !entry.id.startsWith('dict.'))
      return {};
    // A complex array reaches only the ops that take one (registry/ops/complex.ts).
    let r: ResolveResult =
      resolveComplex(entry.id, args, kw, consts, kwConsts, (a, k, c, kc) => entry.resolve(a, k, c, kc, ctx)) ??
      entry.resolve(args, kw, consts, kwConsts, ctx);
    if ('error' in r && args.some((a) => a.kind === 'optional')) {
      // An Optional argument where the op needs its value: CPython raises TypeError on None,
      // and so does the emitted code, which unwraps the Option where the resolution wants T.
      const unwrapped = args.map((a) => (a.kind === 'optional' ? a.item : a));
      if (unwrapped.some((a) => a.kind === 'union')) {
        const d = this.resolveOp(q, unwrapped);
        if ('res' in d && d.res) return d;
      } else {
        const retry = entry.resolve(unwrapped, kw, consts, kwConsts, ctx);
        if (!('error' in retry)) r = retry;
      }
    }
    if ('error' in r && r.diagnostic)
      return {
        fail: {
          code: r.diagnostic.code,
          params: r.diagnostic.params,
          arg: r.diagnostic.arg,
          exception: 'TypeError',
          message: r.error,
        },
      };
    if ('error' in r)
      return {
        fail: {
          code: 'E0301',
          params: { op: opName(id), args: args.map(typeToString).join(', '), hint: r.error },
          exception: 'TypeError',
          message: `${opName(id)}: ${r.error}`,
        },
      };
    const ignored = [...q.kw.keys()].find((k) => !read.has(k));
    if (ignored !== undefined)
      return {
        fail: {
          code: 'E0306',
          params: { kw: ignored, name: opName(id) },
          arg: ignored,
          exception: 'TypeError',
          message: `${opName(id)}() got an unexpected keyword argument '${ignored}'`,
        },
      };
    return { res: r };
  }

  /**
   * Spreads the `*value` markers among a call's arguments (`STAR_OP`, ir.ts) in place, once their types are known: a
   * tuple of known length (a NamedTuple too) into `value[0]`, `value[1]`, ..., which CPython's argument binding then
   * checks (a wrong count is E0305 here, as the length is static); any other iterable, as the last argument of an op
   * of `STAR_OPS`, is passed as that argument with the keyword `*` (`zip(*rows)`, `print(*xs)`). False while a starred
   * value's type is unknown, or after a diagnostic.
   */
  private spreadStars(
    e: { args: IrExpr[]; kwargs: Map<string, IrExpr>; span: Span },
    s: Scope,
    op?: string,
    fn?: StarTarget,
  ): boolean {
    const isStar = (a: IrExpr): a is IrExpr & { kind: 'op' } => a.kind === 'op' && a.op === STAR_OP;
    if (!e.args.some(isStar)) return true;
    const out: IrExpr[] = [];
    const stars = e.args.filter(isStar).length;
    let starKw = false;
    for (const [i, a] of e.args.entries()) {
      if (!isStar(a)) {
        out.push(a);
        continue;
      }
      let inner = a.args[0]!;
      let t = this.expr(inner, s);
      if (t.kind === 'unknown') return false;
      // A JSON value spread into a function's parameters (`Box(*d["box"])`): its items, as `list(v)` gives them
      // (CPython's TypeError for a value that is not iterable), each checked as its parameter takes it.
      if (t.kind === 'dynamic' && fn) {
        inner = { kind: 'op', op: 'builtins.list', args: [inner], kwargs: new Map(), span: inner.span };
        a.args[0] = inner;
        t = this.expr(inner, s);
        if (t.kind === 'unknown') return false;
      }
      const tuple = t.kind === 'tuple' ? t : this.namedTupleAsTuple(t);
      if (tuple) {
        const local = a.kwargs.get('local');
        const name = local?.kind === 'const' && local.value.kind === 'str' ? local.value.value : undefined;
        const span = inner.span;
        tuple.items.forEach((_, j) =>
          out.push({
            kind: 'op',
            op: 'operator.getitem',
            args: [
              j === 0 || name === undefined ? inner : { kind: 'local', name, span },
              { kind: 'const', value: { kind: 'int', value: BigInt(j) }, span },
            ],
            kwargs: new Map(),
            span,
          }),
        );
        continue;
      }
      // `f(*xs)` with a list into a function's remaining positional parameters (none also given by keyword): each
      // `xs[j]`, or the parameter's default where the list is shorter (`xs[j] if len(xs) > j else default`), after a
      // check of the length that raises CPython's TypeError.
      // The list fills the parameters up to the first one given by keyword (`Box(*row, label=x)`); those after it
      // must come by keyword or have a default.
      const after = fn?.params.slice(out.length) ?? [];
      const byKw = after.findIndex((p) => e.kwargs.has(p.name));
      const rest = byKw < 0 ? after : after.slice(0, byKw);
      const required = rest.filter((p) => p.default === undefined).length;
      if (
        fn &&
        (t.kind === 'list' || t.kind === 'vartuple' || t.kind === 'deque') &&
        i === e.args.length - 1 &&
        stars === 1 &&
        rest.length > 0 &&
        rest.every((p, j) => (j < required ? p.default === undefined : p.default !== undefined)) &&
        after.slice(rest.length).every((p) => e.kwargs.has(p.name) || p.default !== undefined)
      ) {
        const local = a.kwargs.get('local');
        const name = local?.kind === 'const' && local.value.kind === 'str' ? local.value.value : undefined;
        const span = inner.span;
        const str = (value: string): IrExpr => ({ kind: 'const', value: { kind: 'str', value }, span });
        const int = (value: number): IrExpr => ({ kind: 'const', value: { kind: 'int', value: BigInt(value) }, span });
        const op = (id: string, args: IrExpr[]): IrExpr => ({ kind: 'op', op: id, args, kwargs: new Map(), span });
        const checked = op('builtins.__star_args__', [
          inner,
          // CPython counts `self` among a method's given arguments.
          int(out.length + (fn.self ? 1 : 0)),
          str(fn.name),
          str(rest.map((p) => p.name).join(' ')),
          int(required),
          // A longer list would give the keyword's parameter a second value.
          str(byKw < 0 ? '' : after[byKw]!.name),
        ]);
        const list = (j: number): IrExpr =>
          j === 0 ? checked : name === undefined ? inner : { kind: 'local', name, span };
        rest.forEach((p, j) => {
          const item = op('operator.getitem', [list(j), int(j)]);
          out.push(
            j < required
              ? item
              : {
                  kind: 'ifexp',
                  test: op('operator.gt', [op('builtins.len', [list(j)]), int(j)]),
                  then: j === 0 ? op('operator.getitem', [list(1), int(j)]) : item,
                  else: { kind: 'const', value: p.default as ConstValue, span },
                  span,
                },
          );
        });
        continue;
      }
      if (op !== undefined && STAR_OPS.has(op) && i === e.args.length - 1 && stars === 1 && !e.kwargs.has('*')) {
        out.push(inner);
        starKw = true;
        continue;
      }
      this.report('E0202', a.span, {
        construct: `\`*\` of a ${typeToString(t)} in this call`,
        hint: 'a starred argument must be a tuple of known length, a list into `*args` or into the last parameters of a module function, or the last argument of a function that takes any number of them (`zip`, `max`, `print`, `os.path.join`, `set.union`, `math.gcd`, ...)',
      });
      return false;
    }
    e.args.splice(0, e.args.length, ...out);
    if (starKw) e.kwargs.set('*', { kind: 'const', value: { kind: 'bool', value: true }, span: e.span });
    return true;
  }

  /**
   * A tuple display with a starred iterable of run-time length (`(*xs, y)`, or the `*args` lowering packs from
   * `f(a, *xs)`): the display becomes `tuple(list(xs) + [y])`, a `tuple[T, ...]`, in place (true). False when every
   * starred value is a tuple of known length (spread item by item as a call's arguments are), undefined while a
   * starred value's type is unknown.
   */
  private starredTuple(e: IrExpr & { items: IrExpr[] }, s: Scope): boolean | undefined {
    const isStar = (a: IrExpr): a is IrExpr & { kind: 'op' } => a.kind === 'op' && a.op === STAR_OP;
    if (!e.items.some(isStar)) return false;
    let runLength = false;
    for (const a of e.items.filter(isStar)) {
      const t = this.expr(a.args[0]!, s);
      if (t.kind === 'unknown') return undefined;
      if (t.kind !== 'tuple' && !this.namedTupleAsTuple(t)) runLength = true;
    }
    if (!runLength) return false;
    const span = e.span;
    const op = (id: string, args: IrExpr[]): IrExpr => ({ kind: 'op', op: id, args, kwargs: new Map(), span });
    const parts: IrExpr[] = [];
    let run: IrExpr[] = [];
    for (const x of e.items) {
      if (isStar(x)) {
        if (run.length) parts.push({ kind: 'list', items: run, span });
        run = [];
        parts.push(op('builtins.list', [x.args[0]!]));
      } else run.push(x);
    }
    if (run.length) parts.push({ kind: 'list', items: run, span });
    const list = parts.slice(1).reduce((acc, p) => op('operator.add', [acc, p]), parts[0]!);
    const rebuilt = op('builtins.tuple', [list]);
    Object.assign(e, rebuilt);
    delete (e as Partial<typeof e>).items;
    return true;
  }

  private call(e: IrExpr & { kind: 'call' }, s: Scope): Type {
    const fn = this.m.functions.get(e.fn)!;
    // A module function's TypeError names it; methods and nested functions, whose names CPython spells otherwise in
    // that message, keep the E0202.
    const named = /^[A-Za-z_]\w*$/.test(fn.name) && !fn.name.includes('__') && !/_\d+$/.test(fn.name);
    if (!this.spreadStars(e, s, undefined, named ? fn : undefined)) return T.unknown;
    // `**mapping` of unknown keys: bound at run time to the parameters the call leaves (`infer/kwargs.ts`).
    if (e.kwargs.has('**')) {
      const mapping = this.expr(e.kwargs.get('**')!, s);
      if (!isComplete(mapping)) return T.unknown;
      const why = bindMapping(e, fn, mapping, new Set(this.m.structs.keys()), constType);
      this.mappingWhy = why;
    }
    if (e.kwargs.has('**')) {
      this.report('E0202', e.kwargs.get('**')!.span, {
        construct: `\`**\` of a dict whose keys are not known here (${this.mappingWhy ?? 'a method or nested function'}), in a call of \`${fn.name}\``,
        hint: 'pass the keywords by name, or spell the dict literal in the call (`f(**{"a": 1})`)',
      });
      return T.unknown;
    }
    const argTypes = e.args.map((a) => this.expr(a, s));
    const bound: (Type | undefined)[] = fn.params.map(() => undefined);
    if (e.args.length > fn.params.length) {
      this.report('E0305', e.span, { name: fn.name, expected: fn.params.length, actual: e.args.length });
      return T.unknown;
    }
    argTypes.forEach((t, i) => {
      bound[i] = t;
    });
    for (const [k, v] of e.kwargs) {
      const i = fn.params.findIndex((p) => p.name === k);
      if (i < 0) {
        this.report('E0306', v.span, { kw: k, name: fn.name });
        continue;
      }
      bound[i] = this.expr(v, s);
    }
    for (let i = 0; i < fn.params.length; i++) {
      const p = fn.params[i]!;
      if (bound[i] === undefined) {
        // An empty container default (`tags: list[str] = []`) takes its item types from the annotation.
        if (p.default) {
          const c = constType(p.default);
          bound[i] = isComplete(c) || !p.annotation || !isComplete(p.annotation) ? c : p.annotation;
        } else {
          this.report('E0305', e.span, {
            name: fn.name,
            expected: fn.params.length,
            actual: e.args.length + e.kwargs.size,
          });
          return T.unknown;
        }
      }
      if (
        p.annotation &&
        bound[i]!.kind !== 'unknown' &&
        !assignable(bound[i]!, p.annotation) &&
        !downcastable(bound[i]!, p.annotation) &&
        !varTupleFor(bound[i]!, p.annotation) &&
        // An instance of another class where a class is declared (a `Protocol`): duck typing, as in CPython.
        !(bound[i]!.kind === 'struct' && p.annotation.kind === 'struct')
      ) {
        this.report('E0301', e.span, {
          op: fn.name,
          args: bound.map((b) => typeToString(b ?? T.unknown)).join(', '),
          hint: `parameter \`${p.name}\` is declared ${typeToString(p.annotation)}`,
        });
      }
    }
    // An empty container whose items nothing decided (`x = []`) is the annotation's empty container.
    bound.forEach((b, i) => {
      const a = fn.params[i]?.annotation;
      if (b && onlyEmptyHole(b) && a && isComplete(a) && a.kind === b.kind) bound[i] = a;
    });
    if (bound.some((b) => !b || !isComplete(b))) {
      const i = bound.findIndex((b) => b && onlyEmptyHole(b));
      const arg = i >= 0 ? (e.args[i] ?? [...e.kwargs.values()][i - e.args.length]) : undefined;
      if (arg) this.report('E0302', arg.span, { name: fn.params[i]!.name });
      return T.unknown;
    }
    const types = bound as Type[];
    const capturing = types.find((t) => t.kind === 'callable' && t.captures.length > 0);
    if (capturing) {
      this.report('E0202', e.span, {
        construct: 'passing a lambda that reads local variables to another function',
        hint: 'pass the values it reads as arguments, or define the lambda inside the function that calls it',
      });
      return T.unknown;
    }
    const key = instanceKey(fn, this.instanceParams(fn, types, false));
    if (this.inProgress.has(key)) {
      // A recursive call: its type is the declared return type.
      if (!fn.hasReturnAnnotation) {
        this.report('E0309', e.span, { name: fn.name });
        return T.unknown;
      }
      this.recursive.add(key);
      e.instance = key;
      if (fn.isGenerator) return fn.returnAnnotation?.kind === 'list' ? lazyGenerator(fn.returnAnnotation) : T.unknown;
      return fn.returnAnnotation ?? T.unknown;
    }
    // A plain class's constructor reports a field type conflict at the construction that caused it.
    const outer = this.callSpan;
    this.callSpan = e.span;
    // Only a generator made at the call (`helper(gen(n))`) goes to the helper itself; one held in a local is drawn into
    // the declared list there, since the caller keeps it (a moved Rust stream would lose the items the helper leaves).
    const given = types.map((t, i) => (e.args[i]?.kind === 'call' ? t : heldGenerator(t, fn.params[i]?.annotation)));
    const inst = this.instantiate(fn, given, false);
    this.callSpan = outer;
    if (!inst) return T.unknown;
    // The instance's own key: an ndarray annotation is narrowed to the argument's dtype and rank there.
    e.instance = inst.key;
    return fn.isGenerator ? lazyGenerator(inst.returnType) : inst.returnType;
  }
}

/**
 * Whether a generator expression can run as a generator of its own: one `for` clause over a call's generator (not
 * a local one, which it would take) or an endless itertools iterator, and no `:=` inside.
 */
function streamable(e: IrExpr & { kind: 'comp' }): boolean {
  if (e.generators.length !== 1) return false;
  const g = e.generators[0]!;
  const src = g.iter.type;
  // A local generator would be taken by the new one, so only a call's (or an adaptor over one).
  if (!isLazySource(src) || g.iter.kind === 'local') return false;
  const walrus = (x: IrExpr): boolean => x.kind === 'assignexpr' || exprChildren(x).some(walrus);
  return ![e.element, ...g.conds].some(walrus);
}

/**
 * A call of a generator function in compiled code is a lazy iterator (`rt::Stream`): nothing of its body runs before
 * the first item is asked for, and a consumer that stops early (`islice`, `zip`, `next`, `break`) leaves the rest
 * unrun, as in CPython. Its instance's return type is the list of what it yields (the entry's eager face).
 */
function lazyGenerator(ret: Type): Type {
  return ret.kind === 'list' ? T.iter(ret.item, GENERATOR_SOURCE) : T.unknown;
}

/** Whether a container type holds Enum members somewhere inside (`dict[Priority, float]`). */
function holdsEnum(t: Type): boolean {
  switch (t.kind) {
    case 'enum':
      return true;
    case 'list':
    case 'deque':
    case 'set':
    case 'optional':
      return holdsEnum(t.item);
    case 'dict':
      return holdsEnum(t.key) || holdsEnum(t.value);
    case 'tuple':
      return t.items.some(holdsEnum);
    case 'union':
      return t.members.some(holdsEnum);
    default:
      return false;
  }
}

function lookupScope(s: Scope, name: string): Scope | undefined {
  for (let cur: Scope | undefined = s; cur; cur = cur.parent) if (cur.vars.has(name)) return cur;
  return undefined;
}

/** Comprehension targets are new variables in the comprehension's own scope. */
function bindFresh(t: IrTarget, s: Scope): void {
  if (t.kind === 'name' && !s.vars.has(t.name)) s.vars.set(t.name, T.unknown);
  if (t.kind === 'tuple') t.items.forEach((x) => bindFresh(x, s));
}

/** Items of one literal share a type; unlike items (`[1, "a"]`, even `[1, 2.5]`) make a variant. */
function sameKind(a: Type, b: Type): Type | undefined {
  return unifyItems(a, b);
}

/**
 * The type of a scalar constant (a literal default or operand); containers stay unknown here and get their type from
 * the expression that builds them. The scalar types themselves are `typeOfConst`'s.
 */
export function constType(v: ConstValue): Type {
  const scalar = ['int', 'float', 'str', 'bool', 'none', 'enum'].includes(v.kind);
  return (scalar && typeOfConst(v)) || T.unknown;
}

function findBinding(body: IrStmt[], name: string): Span | undefined {
  for (const st of body) {
    if (st.kind === 'assign' && st.target.kind === 'name' && st.target.name === name) return st.target.span;
    if (st.kind === 'if' || st.kind === 'while' || st.kind === 'for') {
      if (st.kind === 'for' && st.target.kind === 'name' && st.target.name === name) return st.target.span;
      const inner = findBinding(st.body, name) ?? findBinding(st.orelse, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** `declared` with its unknown parts taken from `actual` (`list[?]` and `list[int]` give `list[int]`). */
function fillHoles(declared: Type, actual: Type): Type {
  if (declared.kind === 'unknown') return actual;
  // `-> list` returning a dynamic value: a list of dynamic values, checked when converted.
  if (actual.kind === 'dynamic') return fillHoles(declared, fillUnknown(declared, T.dynamic, T.str));
  if (declared.kind !== actual.kind) return declared;
  switch (declared.kind) {
    case 'list':
    case 'deque':
    case 'set':
      return { kind: declared.kind, item: fillHoles(declared.item, (actual as typeof declared).item) };
    case 'dict': {
      const a = actual as typeof declared;
      return { ...declared, key: fillHoles(declared.key, a.key), value: fillHoles(declared.value, a.value) };
    }
    case 'optional':
      return T.optional(fillHoles(declared.item, (actual as typeof declared).item));
    case 'tuple': {
      const a = actual as typeof declared;
      return a.items.length === declared.items.length
        ? T.tuple(declared.items.map((x, i) => fillHoles(x, a.items[i]!)))
        : declared;
    }
    default:
      return declared;
  }
}

/**
 * The choice of a call of a function value `fn`: its instance for `args`, with the locals it captures. The arguments
 * are converted to the instance's parameters (a dynamic value passed where `Dict[str, Any]` is declared).
 */
function callChoice(inst: FunctionInstance, fn: Type, args: Type[], captures: string[]): OpChoice {
  return {
    entry: 'call',
    overload: args.map(typeToString).join(', '),
    result: inst.returnType,
    params: [fn, ...args.map((a, i) => inst.paramTypes[i] ?? a)],
    variant: 'callable',
    callables: { 0: { instance: inst.key, captures } },
  };
}

/** The user-facing name of an op id: `len`, `str.upper`, `operator.add`. */
function opName(id: string): string {
  return id.replace(/^builtins\./, '');
}

interface OpQuery {
  id: string;
  kw: ReadonlyMap<string, Type>;
  consts: (ConstValue | undefined)[];
  kwConsts: ReadonlyMap<string, ConstValue>;
  /** The scope of the call, for callables' captured locals. */
  s: Scope;
}

/** Why an op does not apply: the diagnostic to report, or for a variant's member the exception to raise. */
/** Ops that print their argument. */
const PRINTING_OPS = new Set(['builtins.str', 'builtins.repr', 'builtins.print', 'builtins.format', 'builtins.ascii']);

const holdsCallable = (t: Type): boolean => typeHolds(t, 'callable');

function printedFunctionHint(t: Type): { op: string; hint: string } {
  return {
    op: `printing ${typeToString(t)}`,
    hint: 'a function or class held as a value prints its address or module; print its `__name__` instead',
  };
}

interface Failure {
  code: 'E0209' | 'E0301' | 'E0305' | 'E0306' | 'E0307' | 'E0309' | 'E0312' | 'E0230' | 'E0240';
  params: Record<string, string | number>;
  /** The argument (index or keyword) the diagnostic points at, instead of the whole call. */
  arg?: number | string;
  exception: 'TypeError' | 'AttributeError';
  message: string;
}

/**
 * Library functions whose result depends on the clock or on a random source: a compiled function
 * is deterministic, so these are rejected with a hint to pass the value in.
 */
/** The functions of `random` and `numpy.random` that draw from the process-wide generator (not `seed`); group 1 is the module. */
const UNSEEDED_DRAW = /^(random|numpy\.random)\.(?!seed$|default_rng$)[a-z_]+$/;

const NONDETERMINISTIC = [
  /^datetime\.(datetime\.(now|today|utcnow)|date\.today)$/,
  /^time\.(time|time_ns|perf_counter|perf_counter_ns|monotonic|monotonic_ns|localtime|gmtime|ctime|strftime)$/,
  /^random\.[a-z_]+$/,
  /^secrets\.[a-z_]+$/,
  /^uuid\.uuid[14]$/,
  /^os\.urandom$/,
];

function hintFor(id: string): string {
  if (NONDETERMINISTIC.some((re) => re.test(id)))
    return `\`${id}\` reads the clock or a random source, so its result differs between calls; pass the value in as a parameter`;
  if (id.startsWith('builtins.'))
    return `\`${id.slice(9)}\` is not supported yet; see docs/coverage.md for the supported builtins`;
  const reason = declinedReason(id);
  if (reason) return reason;
  const mod = id.split('.')[0];
  return `\`${id}\` is not in the op registry; see docs/coverage.md for what the \`${mod}\` module supports`;
}

/**
 * A slice whose bounds are literal ints (or absent) as the constant tuple `(lower, upper, step)`
 * with None for an absent bound, so a type rule can slice a tuple statically (`t[1:3]`).
 */
function sliceConst(e: IrExpr & { kind: 'slice' }): ConstValue | undefined {
  const parts = [e.lower, e.upper, e.step].map((p): ConstValue | undefined =>
    p === undefined ? { kind: 'none' } : p.kind === 'const' && p.value.kind === 'int' ? p.value : undefined,
  );
  return parts.every((p) => p !== undefined) ? { kind: 'tuple', items: parts as ConstValue[] } : undefined;
}

/**
 * A field type `Cls(**mapping)` fills exactly as CPython would: plain values, lists and dicts of them; a class only
 * where `struct` says so (asdict's nested dataclasses).
 */
function mappingField(t: Type, struct: (name: string) => boolean = () => false): boolean {
  switch (t.kind) {
    case 'int':
    case 'float':
    case 'bool':
    case 'str':
    case 'none':
    case 'dynamic':
      return true;
    case 'optional':
    case 'list':
      return mappingField(t.item, struct);
    case 'dict':
      return t.key.kind === 'str' && !t.missing && !t.ordered && mappingField(t.value, struct);
    case 'struct':
      return struct(t.name);
    // A variant's value JSON is its member's (`Union[str, List[str]]`: a str or a list), read back by the first
    // member that takes it.
    case 'union':
      return t.members.every((m) => mappingField(m, struct));
    default:
      return false;
  }
}

/**
 * The locals a condition proves not None when it is true (`then`) and when it is false (`else`):
 * `x is not None`, `x is None`, a bare `x` (None is false), `not c`, and `and`/`or` of those.
 */
/** The narrowing key of a module cell (`if _model is None: ...`), apart from locals' names. */
function cellKey(name: string): string {
  return `global:${name}`;
}

function noneFacts(e: IrExpr): { then: string[]; else: string[] } {
  const none = { then: [], else: [] };
  if (e.kind === 'local') return { then: [e.name], else: [] };
  if (e.kind === 'global') return { then: [cellKey(e.name)], else: [] };
  const bare = fieldKey(e);
  if (bare !== undefined) return { then: [bare], else: [] };
  if (e.kind === 'compare' && e.ops.length === 1) {
    const [l, r] = e.operands;
    const isNone = (x: IrExpr | undefined): boolean => x?.kind === 'const' && x.value.kind === 'none';
    const key = (x: IrExpr | undefined): string | undefined =>
      x?.kind === 'local' ? x.name : x?.kind === 'global' ? cellKey(x.name) : x && (fieldKey(x) ?? itemKey(x));
    const local = isNone(r) ? key(l) : isNone(l) ? key(r) : undefined;
    if (local === undefined) return none;
    if (e.ops[0] === 'operator.is_not') return { then: [local], else: [] };
    if (e.ops[0] === 'operator.is_') return { then: [], else: [local] };
    return none;
  }
  if (e.kind === 'op' && e.op === 'operator.not_' && e.args.length === 1) {
    const f = noneFacts(e.args[0]!);
    return { then: f.else, else: f.then };
  }
  if (e.kind === 'and') {
    const [a, b] = [noneFacts(e.left), noneFacts(e.right)];
    return { then: [...a.then, ...b.then], else: [] };
  }
  if (e.kind === 'or') {
    const [a, b] = [noneFacts(e.left), noneFacts(e.right)];
    return { then: [], else: [...a.else, ...b.else] };
  }
  return none;
}

/** The class name CPython gives a value of a static type (`type(x).__name__`), when the type alone decides it. */
function staticClassName(t: Type): string | undefined {
  const builtin: Partial<Record<Type['kind'], string>> = {
    int: 'int',
    float: 'float',
    str: 'str',
    bool: 'bool',
    none: 'NoneType',
    list: 'list',
    dict: 'dict',
    set: 'set',
    tuple: 'tuple',
  };
  return builtin[t.kind] ?? (t.kind === 'struct' || t.kind === 'enum' ? t.name : undefined);
}

/**
 * The narrowing key of a field read of a local (`self._cache`, `cfg.limit`): `self._cache`. A name holds no dot, so
 * the keys of fields never meet those of locals; rebinding the local or storing the field ends the narrowing.
 */
function fieldKey(e: IrExpr): string | undefined {
  if (e.kind !== 'op' || !e.op.startsWith('attr.') || e.args.length !== 1 || e.args[0]!.kind !== 'local') return;
  return `${e.args[0]!.name}.${e.op.slice('attr.'.length)}`;
}

/** Ends the narrowing of `name` and of its fields' keys. */
/** Whether a value of type `t` may be None (or its type is not known yet). */
function mayBeNone(t: Type): boolean {
  return (
    t.kind === 'optional' || t.kind === 'none' || t.kind === 'unknown' || t.kind === 'dynamic' || t.kind === 'union'
  );
}

function forgetName(narrowed: Set<string> | undefined, name: string): void {
  if (!narrowed) return;
  narrowed.delete(name);
  for (const k of [...narrowed])
    if (k.startsWith(`${name}.`) || k.startsWith(`${name}[`) || k.endsWith(`[${name}]`)) narrowed.delete(k);
}

/** Ends what conditions proved about the items of `name` (every item, when no name is given: a call may change any). */
function forgetItems(narrowed: Set<string>, name?: string): void {
  for (const k of [...narrowed])
    if (name === undefined ? k.includes('[') : k.startsWith(`${name}[`)) narrowed.delete(k);
}

/**
 * The narrowing key of an item read (`d[k]`, `d.get(k)`, `xs[0]`): a local container at a local or constant key, so
 * `if d.get(k) is not None: total += d[k]` and `[r[c] for r in rows if r.get(c) is not None]` read the item, not an
 * Optional. The read still checks (a TypeError where it is None), since a change the keys miss could make it None.
 */
function itemKey(e: IrExpr): string | undefined {
  if (e.kind !== 'op' || (e.op !== 'operator.getitem' && e.op !== 'method.get') || e.args.length !== 2) return;
  if (e.kwargs.size > 0) return;
  const [d, k] = e.args as [IrExpr, IrExpr];
  if (d.kind !== 'local') return;
  const key =
    k.kind === 'local'
      ? k.name
      : k.kind === 'const' && k.value.kind === 'str'
        ? JSON.stringify(k.value.value)
        : k.kind === 'const' && k.value.kind === 'int'
          ? k.value.value.toString()
          : undefined;
  return key === undefined ? undefined : `${d.name}[${key}]`;
}

/** Whether a block always leaves (returns, raises, continues or breaks) rather than falling through. */
function leaves(body: IrStmt[]): boolean {
  const last = body[body.length - 1];
  if (last?.kind === 'continue' || last?.kind === 'break') return true;
  if (last?.kind === 'if' && last.orelse.length > 0) return leaves(last.body) && leaves(last.orelse);
  return body.length > 0 && !fallsThrough(body);
}

/** The names a list of statements binds anywhere inside it (assignments, loop targets, `:=`). */
function assignedNames(body: IrStmt[]): Set<string> {
  const out = new Set<string>();
  const target = (t: IrTarget): void => {
    if (t.kind === 'name') out.add(t.name);
    else if (t.kind === 'tuple') t.items.forEach(target);
    else if (t.kind === 'attr') {
      const k = t.object.kind === 'local' ? `${t.object.name}.${t.attr}` : undefined;
      if (k) out.add(k);
    }
  };
  const visit = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    const n = v as { kind?: string };
    if (n.kind === 'assign' || n.kind === 'for') target((v as { target: IrTarget }).target);
    if (n.kind === 'assignexpr') out.add((v as { name: string }).name);
    for (const [k, c] of Object.entries(v)) if (k !== 'span' && k !== 'type' && k !== 'resolution') visit(c);
  };
  visit(body);
  return out;
}

/** The methods of a set or dict that hash their argument 1 (the key or item). */
const HASHING_METHODS = new Set(['get', 'pop', 'setdefault', 'add', 'discard', 'remove', '__contains__']);

/** Which argument an op hashes (a key, an item, `x in s`'s x), by its id and the container's type; undefined for none. */
function hashedArg(id: string, args: readonly Type[]): number | undefined {
  const container = (t: Type | undefined): boolean => t?.kind === 'set' || t?.kind === 'dict';
  if (id === 'builtins.hash') return args.length === 1 ? 0 : undefined;
  if ((id === 'operator.in_' || id === 'operator.not_in') && container(args[1])) return 0;
  if ((id === 'operator.getitem' || id === 'operator.delitem') && args[0]?.kind === 'dict') return 1;
  const m = /^method\.(\w+)$/.exec(id);
  if (m && HASHING_METHODS.has(m[1]!) && container(args[0]) && args.length > 1) return 1;
  return undefined;
}

/** The comparisons of two classes held as values, by whether they hold when the classes are the same. */
const CLASS_COMPARISONS = new Map<string, boolean>([
  ['operator.eq', true],
  ['operator.ne', false],
  ['operator.is_', true],
  ['operator.is_not', false],
]);

/** Why printing a value that holds a named tuple with a class (a list of `ParseResult`s) is declined. */
const NESTED_REPR_HINT = (cls: string): string =>
  `printing a ${cls} inside another value is not supported (it would print as a plain tuple); format each one, or convert it with tuple(...)`;

/** The attributes of `json.JSONDecodeError` (`e.msg`, `e.pos`, ...), which the runtime's json.loads error carries. */
const JSON_DECODE_ERROR_ATTRS: Record<string, Type> = {
  msg: T.str,
  doc: T.str,
  pos: T.int,
  lineno: T.int,
  colno: T.int,
};

/** Whether `a += b` is an in-place extend (`list.__iadd__` by a non-list iterable, `deque.__iadd__`), not `a + b`. */
/** Whether two expressions read one place, a local or a field of one (`s`, `self.tags`): one object in CPython. */
function sameLocal(a: IrExpr, b: IrExpr): boolean {
  if (a.kind === 'local' && b.kind === 'local') return a.name === b.name;
  return (
    a.kind === 'op' &&
    b.kind === 'op' &&
    a.op.startsWith('attr.') &&
    a.op === b.op &&
    a.args.length === 1 &&
    b.args.length === 1 &&
    sameLocal(a.args[0]!, b.args[0]!)
  );
}

/** The in-place set operators and the plain operator each stands for with other types. */
const INPLACE_OPS: Record<string, string> = {
  'operator.ior': 'operator.or_',
  'operator.iand': 'operator.and_',
  'operator.isub': 'operator.sub',
  'operator.ixor': 'operator.xor',
};

/** Marks the `and`/`or` chains of a test whose value only its truth decides (through `not` too): an `if`, `while`,
 * `assert` or conditional expression's test, a comprehension's condition, an item all() or any() reads. */
function truthOnly(e: IrExpr): void {
  if (e.kind === 'and' || e.kind === 'or') {
    e.truthOnly = true;
    truthOnly(e.left);
    truthOnly(e.right);
  } else if (e.kind === 'op' && e.op === 'operator.not_' && e.args[0]) truthOnly(e.args[0]);
}

function extendsInPlace(args: readonly Type[]): boolean {
  const [a, b] = args;
  if (!b || !iterItem(b)) return false;
  return (a?.kind === 'list' && b.kind !== 'list') || a?.kind === 'deque';
}

/** Whether `given` is a `tuple[T, ...]` whose items fit every item of the fixed-length tuple `declared`. */
function varTupleFor(given: Type, declared: Type): boolean {
  return (
    given.kind === 'vartuple' &&
    declared.kind === 'tuple' &&
    declared.items.every((x) => typeEquals(given.item, x) || assignable(given.item, x))
  );
}

/** The help of E0301 for a value of type `t` given to a field declared `declared`. */
function fieldHint(name: string, declared: Type, t: Type): string {
  const base = `field \`${name}\` is declared ${typeToString(declared)}`;
  // CPython stores `tuple(xs)` whatever its length; a fixed-length field cannot hold another length.
  if (varTupleFor(t, declared))
    return `${base}, and this tuple's length is known only at run time (CPython would store it whatever its length, which a fixed-length field cannot hold): declare the field \`tuple[${typeToString((t as Type & { kind: 'vartuple' }).item)}, ...]\`, or build the tuple from its items`;
  return base;
}

/** A list, set or dict whose items (key and value) are undecided at its top and nowhere else. */
function onlyEmptyHole(t: Type): boolean {
  // Not a deque: its value carries a maxlen, which an empty default would lose.
  if (t.kind === 'list' || t.kind === 'set') return t.item.kind === 'unknown';
  return t.kind === 'dict' && t.key.kind === 'unknown' && t.value.kind === 'unknown';
}

/** A generator argument as the list `declared` says (its items drawn there), for a generator the caller still holds. */
function heldGenerator(t: Type, declared: Type | undefined): Type {
  return t.kind === 'iter' && t.source === GENERATOR_SOURCE && declared?.kind === 'list' ? declared : t;
}

/** `m` as a type rule sees it, with every key it looks up, or every key when it walks the map, noted in `read`. */
function readTracked<V>(m: ReadonlyMap<string, V>, read: Set<string>): ReadonlyMap<string, V> {
  return new Proxy(m as Map<string, V>, {
    get(target, prop) {
      if (prop === 'get' || prop === 'has')
        return (k: string) => {
          read.add(k);
          return target[prop](k);
        };
      // Walking the keys reads them all; walking the values alone (a look for a complex array) reads none.
      if (prop === 'keys' || prop === 'entries' || prop === 'forEach' || prop === Symbol.iterator)
        for (const k of target.keys()) read.add(k);
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** `isinstance(...)` or `not isinstance(...)` that the static types decided. */
function decidedTest(e: IrExpr): boolean | undefined {
  const d = staticIsinstance(e);
  if (d !== undefined) return d;
  if (e.kind === 'op' && e.op === 'operator.not_' && e.args.length === 1) {
    const inner = decidedTest(e.args[0]!);
    return inner === undefined ? undefined : !inner;
  }
  return undefined;
}

/** The value of an `isinstance` test the static types decided (its choice's `true`/`false` variant), if it is one. */
function staticIsinstance(e: IrExpr): boolean | undefined {
  if (e.kind !== 'op' || e.resolution?.entry !== 'builtins.isinstance') return undefined;
  return e.resolution.variant === 'true' ? true : e.resolution.variant === 'false' ? false : undefined;
}
