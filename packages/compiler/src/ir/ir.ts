/**
 * Ingot's IR: a structured, name-resolved form of the user's module. The lower pass
 * builds it from the AST (operators become registry op calls, names are resolved to
 * locals, params, constants or functions, `elif` chains nest). The infer pass then fills
 * the fields marked "set by infer". The emitter reads only the IR, never the AST.
 *
 * ```
 * IrModule
 * ├─ IrConstant        module-level value, evaluated at compile time
 * └─ IrFunction        params, body
 *    ├─ IrStmt  assign | if | for | while | break | continue | return | expr | raise | assert | pass
 *    │          | try (handlers) | reraise | yield
 *    └─ IrExpr  const | local | global | op | call | list | tuple | set | dict | comp
 *               | ifexp | and | or | compare | fstring | slice | lambda | new
 * ```
 */
import type { Span } from '../diagnostics/diagnostic';
import type { Type } from '../types/types';
import type { ConstValue } from './consts';
import type { OpChoice } from './choice';
import type { IrResource } from './resources';

/**
 * The keyword under which an op receives `f` of `key=functools.cmp_to_key(f)` (a function of two items that says
 * their order by the sign of its result). No Python call can spell it, so a user's keyword never lands there.
 */
export const CMP_KEY = 'key:cmp';
/** The comparator method lowering adds to a class that defines `__lt__` (`-1`, `0` or `1`); infer sorts its instances by it. */
export const CMP_METHOD = '__ingot_cmp__';
/**
 * `f(*value)`: the starred argument, which infer spreads before it types the call: a tuple of known length into its
 * items (each `value[i]`), an iterable to the ops of `STAR_OPS` as their last argument with the keyword `*`.
 */
export const STAR_OP = 'builtins.__star__';
/** The ops that take a starred iterable (`zip(*rows)`, `print(*xs)`): lowering's marker becomes their keyword `*`. */
export const STAR_OPS = new Set([
  'builtins.zip',
  'itertools.chain',
  'builtins.print',
  'builtins.max',
  'builtins.min',
  'os.path.join',
  'posixpath.join',
  'itertools.product',
  'set.union',
  'set.intersection',
  'set.difference',
  'set.update',
  'set.intersection_update',
  'set.difference_update',
  'method.union',
  'method.intersection',
  'method.difference',
  'method.update',
  'method.intersection_update',
  'method.difference_update',
  'math.gcd',
  'math.lcm',
  'math.hypot',
  'itertools.zip_longest',
  'str.format',
  'method.format',
  'heapq.merge',
]);

export interface IrModule {
  file: string;
  /** The module's name: the file name without `.py`, used for the crate name. */
  name: string;
  sourceSha256: string;
  constants: Map<string, IrConstant>;
  functions: Map<string, IrFunction>;
  /** Enum classes, by name. Set by lower. */
  enums: Map<string, IrEnum>;
  /** Dataclasses and pydantic models, by name. Set by lower. */
  structs: Map<string, IrStruct>;
  /** Exception classes the module defines, by name. Set by lower. */
  exceptions: Map<string, IrExceptionClass>;
  /** The models and tokenizers the lowered functions use. Set by lower. */
  resources: Map<string, IrResource>;
  /** The entry functions: exported through the ABI. Set by lower. */
  entries: string[];
  /** Maps a local alias (`np`, `sqrt`) to the Python identity it imports (`numpy`, `math.sqrt`). */
  imports: Map<string, string>;
  /**
   * The functions that stand for a builtin class used as a value (`{"lr": float}`: a converter), with the class's
   * name, so `typ.__name__` and `isinstance(v, typ)` know the class. Set by lower.
   */
  classValues?: Map<string, string>;
  /**
   * The constant class attributes of each class held as a value, by that value's function (`__class_<Name>`):
   * `cls.status` of `{404: NotFound, ...}[code]` reads the member's constant (`lower/classvalues.ts`).
   */
  classConstants?: Map<string, Map<string, ConstValue>>;
  /** A module class held as a value and the module classes derived from it, for `isinstance(v, cls)`. */
  classFamilies?: Map<string, string[]>;
  /** The static and class methods of each class held as a value, by that value's function: `cls.from_dict(d)`. */
  classMethods?: Map<string, Map<string, string>>;
}

export interface IrEnum {
  name: string;
  members: { name: string; value: ConstValue }[];
  /** The type of the members' values (str, int). */
  valueType: Type;
  /**
   * `int` or `str` when the members are ints or strs themselves (IntEnum, IntFlag, StrEnum, `class C(str, Enum)`):
   * every operation that an Enum member lacks then applies to its value, as in CPython.
   */
  mixin?: 'int' | 'str';
  /** What `str()`/`format()` of a member gives: its value (IntEnum, IntFlag, StrEnum) or `Class.MEMBER`. */
  strForm: 'value' | 'qualified';
  /** A Flag or IntFlag (`ir/flags.ts`): a value is any combination of the one-bit members, a Rust newtype over its int. */
  flag?: true;
  /** Its methods, properties, classmethods and staticmethods, as a class's (`IrStruct.methods`). */
  methods?: Map<string, IrMethod>;
  /** The attributes its `__init__` sets on each member (`self.mass = mass`): a constant per member, in member order. */
  attrs?: Map<string, { type: Type; values: ConstValue[] }>;
  span: Span;
}

export interface IrStructField {
  name: string;
  type: Type;
  default: ConstValue | undefined;
  /** For a pydantic `Literal[...]` field: the allowed values, checked on construction. */
  allowed: ConstValue[] | undefined;
  /** `field(compare=False)`: left out of `==` (and of a dataclass's ordering). */
  compare?: false;
  /** `field(repr=False)`: left out of the repr. */
  repr?: false;
  /** Where a plain class's `__init__` first assigns the field. */
  span?: Span;
  /**
   * A plain class's field that a method other than `__init__` sets first: its type is Optional, None while unset;
   * infer reads it unwrapped (AttributeError while unset, as CPython raises). Set by lower.
   */
  late?: true;
}

export interface IrStruct {
  name: string;
  fields: IrStructField[];
  /** A plain class's class-level attributes (`PAD = "<pad>"`), for `hasattr`. Set by lower. */
  classAttrs?: string[];
  /** pydantic models validate Literal fields on construction; dataclasses do not. */
  validates: boolean;
  /** A `@dataclass` class (what `dataclasses.replace` and `dataclasses.asdict` accept). */
  dataclass?: boolean;
  span: Span;
  /** Methods by Python name, own and inherited, each lowered to a module function. Set by lower. */
  methods?: Map<string, IrMethod>;
  /**
   * A plain class (state set in `__init__`): fields without an annotation start as unknown, and infer fixes each from
   * the value the constructor gives it, one type per class.
   */
  inferred?: boolean;
  /** `@dataclass(frozen=True)`: setting a field raises FrozenInstanceError in CPython, a diagnostic here. */
  frozen?: boolean;
  /**
   * A `typing.NamedTuple` class: a tuple as well as a class (indexing, unpacking, `len`, `==` with tuples, `_replace`,
   * `_asdict`, `_fields`); its value JSON is the list of its fields, as CPython's json writes a tuple.
   */
  namedTuple?: boolean;
  /**
   * A `typing.TypedDict` class: to CPython a dict of its keys (`td["k"]`, `td["k"] = v`, `td.get("k")`, `"k" in td`,
   * `len`, printed as a dict, built from a dict display where the class is the declared type); a struct here since its
   * keys and their types are fixed. Every key is required (`total=False` is rejected).
   */
  typedDict?: boolean;
  /**
   * How CPython hashes an instance: `fields` (a NamedTuple, a frozen dataclass, `unsafe_hash=True`, a frozen pydantic
   * model: by its fields), `identity` (a plain class, a dataclass with `eq=False`: by the object), or unset (a dataclass
   * or pydantic model with `__eq__` and no `__hash__`: unhashable, `TypeError: unhashable type`). Set by lower.
   */
  hash?: 'fields' | 'identity';
}

/** A method of a class: the module function it is lowered to, and how it binds (`self` first for instance methods and properties). */
export interface IrMethod {
  fn: string;
  kind: 'instance' | 'static' | 'class' | 'property';
  /** A `functools.cached_property`: CPython runs it once per instance and keeps the value. */
  cached?: boolean;
}

export interface IrExceptionClass {
  name: string;
  /** The user classes from this one up to the builtin base, most derived first. */
  classes: string[];
  /** The nearest builtin base (`ValueError`, `LookupError`, `Exception`): what crosses the C ABI. */
  builtin: string;
  /**
   * The attributes its `__init__` sets (`self.code = code`), with their types: from the parameter's annotation when
   * the attribute is a parameter (set by lower), else from the values raised (set by infer).
   */
  fields: Map<string, Type | undefined>;
}

/** What `raise Cls(...)` of a user exception class carries: its classes, `e.args` and its attributes. */
export interface IrUserRaise {
  classes: string[];
  args: IrExpr[];
  fields: { name: string; value: IrExpr }[];
}

export interface IrConstant {
  name: string;
  value: ConstValue;
  span: Span;
  /** Set by lower, from the value (a cell's from its annotation where it has one). */
  type: Type;
  /**
   * Set by lower (`lower/globals.ts`) on a constant some function changes: one process-wide value behind a lock,
   * initialised from `value` on first use (`rt::cell::Global`).
   */
  cell?: boolean;
  /**
   * A cell whose first value compiled code computes (`LOG: deque[str] = deque(maxlen=8)`): the synthesised function
   * that computes it (`__ingot_global_<NAME>`), its instance (set by infer) and the module's annotation of it.
   */
  computedBy?: string;
  instance?: string;
  /** A cell some function rebinds (`global X; X = ...`), not only changes in place. */
  rebound?: boolean;
  declared?: Type;
}

export interface IrParam {
  name: string;
  /** Set by lower from the annotation; undefined when the parameter has none (helpers only). */
  annotation: Type | undefined;
  default: ConstValue | undefined;
  span: Span;
}

export interface IrFunction {
  name: string;
  params: IrParam[];
  returnAnnotation: Type | undefined;
  hasReturnAnnotation: boolean;
  body: IrStmt[];
  span: Span;
  /** Python source lines of the function, for comments in the emitted Rust. */
  docstring: string | undefined;
  /** A generator function (its body yields): it returns the list of what it yields. Set by lower. */
  isGenerator: boolean;
  /** The module-level name whose value this synthesised function computes, once per process. Set by lower. */
  computes?: string;
}

export type IrTarget =
  | { kind: 'name'; name: string; span: Span }
  /** `X = v` after `global X`, X a module cell (`IrConstant.cell`): stores into the process-wide value. */
  | { kind: 'global'; name: string; span: Span }
  | { kind: 'tuple'; items: IrTarget[]; span: Span }
  /** `x[i] = v`; `resolution` (of `operator.setitem`) is set by infer. */
  | { kind: 'index'; object: IrExpr; index: IrExpr; span: Span; resolution?: OpChoice }
  /**
   * `obj.field = v` on a dataclass or pydantic struct; `fieldType` is set by infer, and `resolution` when a property's
   * setter takes the value (`@x.setter`: a call of that method).
   */
  | { kind: 'attr'; object: IrExpr; attr: string; span: Span; fieldType?: Type; resolution?: OpChoice };

export type IrStmt =
  /** `annotation`: the declared type of an annotated assignment (`x: list[str] = []`). */
  | { kind: 'assign'; target: IrTarget; value: IrExpr; span: Span; annotation?: Type }
  | { kind: 'if'; test: IrExpr; body: IrStmt[]; orelse: IrStmt[]; span: Span }
  | {
      kind: 'for';
      target: IrTarget;
      iter: IrExpr;
      body: IrStmt[];
      orelse: IrStmt[];
      /**
       * The body changes the items (`xs[i] = v`) or the size (`queue.append(x)`, `size`) of the local it iterates, by
       * name or through a dict view: a list's loop reads each item by index, seeing the change as CPython's list
       * iterator does; a dict's or set's checks its size before each next item, raising CPython's RuntimeError; any
       * other container changed in size is E0202 (at `span`).
       */
      resized?: { name: string; span: Span; size: boolean };
      span: Span;
    }
  | { kind: 'while'; test: IrExpr; body: IrStmt[]; orelse: IrStmt[]; span: Span }
  | { kind: 'break'; span: Span }
  | { kind: 'continue'; span: Span }
  | { kind: 'return'; value: IrExpr | undefined; span: Span }
  | { kind: 'expr'; value: IrExpr; span: Span }
  /** `exception` is a builtin class; for an instance of a user class, its nearest builtin base, and `user` is set. */
  /** `cause`: `raise ... from cause` (a caught exception, or the constant None). */
  | { kind: 'raise'; exception: string; message: IrExpr | undefined; span: Span; user?: IrUserRaise; cause?: IrExpr }
  | { kind: 'assert'; test: IrExpr; message: IrExpr | undefined; span: Span }
  | { kind: 'pass'; span: Span }
  /** `try`/`except`/`else`/`finally`; each handler names the exception classes it catches. */
  | { kind: 'try'; body: IrStmt[]; handlers: IrHandler[]; orelse: IrStmt[]; finalbody: IrStmt[]; span: Span }
  /** A bare `raise` inside an `except` block. */
  | { kind: 'reraise'; span: Span }
  /** `yield v` (or `yield from xs`, which yields each item) in a generator function. */
  | { kind: 'yield'; value: IrExpr; from: boolean; span: Span };

export interface IrHandler {
  classes: string[];
  name: string | undefined;
  body: IrStmt[];
  span: Span;
}

export interface IrGenerator {
  target: IrTarget;
  iter: IrExpr;
  conds: IrExpr[];
}

export interface FStringPiece {
  text?: string;
  expr?: IrExpr;
  conversion?: 'r' | 's' | 'a';
  spec?: string;
  /** A spec with fields of its own (`{w:<{width}}`): built at run time from these pieces. */
  specPieces?: FStringPiece[];
  /** A `%d`/`%i` field of a `%` format, which takes a float's `int()` where a spec `d` would refuse it. */
  percentInt?: true;
}

interface ExprBase {
  span: Span;
  /** Set by infer. */
  type?: Type;
}

export type IrExpr = ExprBase &
  (
    | { kind: 'const'; value: ConstValue }
    /**
     * `narrowed`: set by infer where a check proves an Optional local is not None (`if x is not
     * None:`, after `if x is None: return`); the read has the item type and the emitter unwraps.
     */
    | { kind: 'local'; name: string; narrowed?: boolean }
    /** `narrowed`: a module cell proven not None here (`if _model is None: _model = load()`), as for a local. */
    | { kind: 'global'; name: string; narrowed?: boolean }
    /** A registry operation; `op` is its Python identity (`operator.add`, `builtins.len`, `str.upper`). */
    | { kind: 'op'; op: string; args: IrExpr[]; kwargs: Map<string, IrExpr>; resolution?: OpChoice }
    /** A call of a function defined in the module; `instance` is set by infer (the monomorphised name). */
    | { kind: 'call'; fn: string; args: IrExpr[]; kwargs: Map<string, IrExpr>; instance?: string }
    /**
     * `constant`, on a set display of constants, how CPython 3.11 builds it: `display`, a frozenset constant merged
     * into a new set (three or more items); `frozenset`, the frozenset constant itself (the iterable of a `for` or a
     * comprehension, which the AST optimizer folds whatever the count).
     */
    | { kind: 'list' | 'tuple' | 'set'; items: IrExpr[]; constant?: 'display' | 'frozenset'; annotation?: Type }
    /**
     * `annotation`: the type a call gives the empty `*args` tuple or `**kwargs` dict it packs for a parameter
     * annotated `*args: T` / `**kwargs: T` (`tuple[T, ...]`, `dict[str, T]`), which no item decides.
     */
    | { kind: 'dict'; keys: IrExpr[]; values: IrExpr[]; annotation?: Type }
    | {
        kind: 'comp';
        comp: 'list' | 'set' | 'dict' | 'generator';
        element: IrExpr;
        value: IrExpr | undefined;
        generators: IrGenerator[];
        /**
         * Set by infer on a generator expression over a generator kept in a local: it runs as a generator of its
         * own (`rt::Stream`) over copies of the locals it reads.
         */
        stream?: boolean;
      }
    | { kind: 'ifexp'; test: IrExpr; then: IrExpr; else: IrExpr }
    /**
     * `truthOnly`: set by infer where only the truth of the result is used (an `if`/`while` test, under `not`), so
     * operands of unlike types (`re.search(p, w) and w not in seen`) need no common type: the result is a bool.
     */
    | { kind: 'and' | 'or'; left: IrExpr; right: IrExpr; truthOnly?: boolean }
    /** A chained comparison `a < b <= c`; `ops[i]` compares operands i and i+1. Resolutions set by infer. */
    | { kind: 'compare'; operands: IrExpr[]; ops: string[]; resolutions?: OpChoice[] }
    | { kind: 'fstring'; pieces: FStringPiece[] }
    | { kind: 'slice'; lower: IrExpr | undefined; upper: IrExpr | undefined; step: IrExpr | undefined }
    /** An enum member, `Task.QUERY`. */
    | { kind: 'member'; enumName: string; member: string }
    /** Constructing a dataclass or pydantic model; `args` are positional, `kwargs` by field name. */
    | { kind: 'new'; struct: string; args: IrExpr[]; kwargs: Map<string, IrExpr> }
    /** A function value: a lambda (lowered to the module function `fn`) or a module function; `captures` are locals it reads. */
    /**
     * `rebinds`: the captures a nested function gives back with its result (`nonlocal` names, and containers it
     * changes), which each call binds again (lower.ts `nonlocalCall`).
     */
    | { kind: 'lambda'; fn: string; captures: string[]; rebinds?: string[] }
    /** `(name := value)`: binds the local and gives the value. */
    /**
     * `inPlace`: the binding stands for a change of the container the name holds (a nested function's changed
     * capture given back), so the aliasing check treats it as one: other names sharing that container would see it.
     */
    | { kind: 'assignexpr'; name: string; value: IrExpr; inPlace?: boolean }
  );

export function exprChildren(e: IrExpr): IrExpr[] {
  switch (e.kind) {
    case 'op':
    case 'call':
    case 'new':
      return [...e.args, ...e.kwargs.values()];
    case 'list':
    case 'tuple':
    case 'set':
      return e.items;
    case 'dict':
      return [...e.keys, ...e.values];
    case 'comp':
      return [e.element, ...(e.value ? [e.value] : []), ...e.generators.flatMap((g) => [g.iter, ...g.conds])];
    case 'ifexp':
      return [e.test, e.then, e.else];
    case 'and':
    case 'or':
      return [e.left, e.right];
    case 'compare':
      return e.operands;
    case 'fstring':
      return e.pieces.flatMap((p) => [
        ...(p.expr ? [p.expr] : []),
        ...(p.specPieces ?? []).flatMap((q) => (q.expr ? [q.expr] : [])),
      ]);
    case 'slice':
      return [e.lower, e.upper, e.step].filter((x): x is IrExpr => x !== undefined);
    case 'assignexpr':
      return [e.value];
    default:
      return [];
  }
}

/** Calls `f` on every statement of `body` and of the blocks nested in it (`if`/`for`/`while` bodies and `else`s, a
 * `try`'s body, handlers, `else` and `finally`), each before the statements it holds. */
export function forEachStmt(body: IrStmt[], f: (st: IrStmt) => void): void {
  for (const st of body) {
    f(st);
    switch (st.kind) {
      case 'if':
      case 'for':
      case 'while':
        forEachStmt(st.body, f);
        forEachStmt(st.orelse, f);
        break;
      case 'try':
        forEachStmt(st.body, f);
        st.handlers.forEach((h) => forEachStmt(h.body, f));
        forEachStmt(st.orelse, f);
        forEachStmt(st.finalbody, f);
        break;
      default:
        break;
    }
  }
}

/** Calls `f` on each expression that a statement of `body` holds directly (not on sub-expressions), recursing into nested blocks. */
export function forEachExpr(body: IrStmt[], f: (e: IrExpr) => void): void {
  forEachStmt(body, (st) => {
    switch (st.kind) {
      case 'assign':
        f(st.value);
        if (st.target.kind === 'index') {
          f(st.target.object);
          f(st.target.index);
        }
        if (st.target.kind === 'attr') f(st.target.object);
        break;
      case 'if':
      case 'while':
        f(st.test);
        break;
      case 'for':
        f(st.iter);
        break;
      case 'return':
        if (st.value) f(st.value);
        break;
      case 'expr':
      case 'yield':
        f(st.value);
        break;
      case 'raise':
        if (st.message) f(st.message);
        if (st.cause) f(st.cause);
        st.user?.args.forEach(f);
        st.user?.fields.forEach((x) => f(x.value));
        break;
      case 'assert':
        f(st.test);
        if (st.message) f(st.message);
        break;
      default:
        break;
    }
  });
}

/** Whether control can reach the end of `body` (Python then returns None). */
export function fallsThrough(body: IrStmt[]): boolean {
  // (A generator's end returns what it yielded; the emitter handles it before asking this.)
  const last = body[body.length - 1];
  if (!last) return true;
  if (last.kind === 'return' || last.kind === 'raise' || last.kind === 'reraise') return false;
  if (last.kind === 'try')
    return (fallsThrough(last.body) && fallsThrough(last.orelse)) || last.handlers.some((h) => fallsThrough(h.body));
  if (last.kind === 'if') return fallsThrough(last.body) || fallsThrough(last.orelse);
  if (
    last.kind === 'while' &&
    last.test.kind === 'const' &&
    last.test.value.kind === 'bool' &&
    last.test.value.value &&
    !containsBreak(last.body)
  )
    return false;
  return true;
}

/** Whether a `break` in `body` (not in a nested loop) leaves the loop around it, through `if`s and `try`s. */
function containsBreak(body: IrStmt[]): boolean {
  return body.some(
    (s) =>
      s.kind === 'break' ||
      (s.kind === 'if' && (containsBreak(s.body) || containsBreak(s.orelse))) ||
      (s.kind === 'try' &&
        (containsBreak(s.body) ||
          containsBreak(s.orelse) ||
          containsBreak(s.finalbody) ||
          s.handlers.some((h) => containsBreak(h.body)))),
  );
}

/** The local a loop marked `resized` iterates: the iterable itself, or the dict whose view it is (`d.items()`). */
export function resizedRoot(st: IrStmt & { kind: 'for' }): (IrExpr & { kind: 'local' }) | undefined {
  const it = st.iter;
  if (it.kind === 'local' && it.name === st.resized?.name) return it;
  const recv = it.kind === 'op' ? it.args[0] : undefined;
  return recv?.kind === 'local' && recv.name === st.resized?.name ? recv : undefined;
}
