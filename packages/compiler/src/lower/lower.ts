/**
 * The lower ("trace") stage: AST in, IR out. Module analysis records imports, evaluates
 * module-level constants and finds the entry function; then every function reachable from
 * the entry is lowered: names are resolved (local, constant, function, import, builtin),
 * operators become registry op calls, and each IR node keeps its source span. Types are
 * not known yet; the infer stage comes next.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { flagCanonicalMembers } from '../ir/flags';
import { type Diagnostic, DiagnosticSink, type Span } from '../diagnostics/diagnostic';
import type * as A from '../parse/ast';
import { forEachBinding, namesUnder, walkSyntax, type AnyNode } from '../parse/walk';
import { CHANGING_METHODS } from './mutation';
import type {
  IrConstant,
  IrEnum,
  IrExceptionClass,
  IrExpr,
  IrFunction,
  IrHandler,
  IrModule,
  IrParam,
  IrStmt,
  IrStruct,
  IrStructField,
  IrTarget,
  FStringPiece,
} from '../ir/ir';
import { CMP_KEY, CMP_METHOD, STAR_OP } from '../ir/ir';
import type { Type } from '../types/types';
import { rewriteWith } from './contexts';
import { bindCounts, inlineAliases } from './aliases';
import { changingCallables, indexItemLoops } from './itemloops';
import { notImplementedFallback } from './notImplemented';
import { rewriteSentinelIter } from './sentinel';
import { decoratorProblem, expandDecorators } from './decorators';
import { expandNestedDecorators } from './nesteddecorators';
import { CLOSURE_CLASS_PREFIX, closuresAsClasses } from './closureclasses';
import { lowerAnnotation } from './annotations';
import { analyzeExceptionClass, type ExceptionClass, selfAttribute, substitute, superInitCall } from './exceptions';
import { type ClassPlan, planClasses, RAW_NEW } from './classes';
import { hoistClassState } from './classstate';
import {
  builtinExceptionChain,
  classRegistrations,
  classValueDef,
  classValueFunction,
  classValueParams,
  exceptionTupleDefaults,
  exceptionValueDef,
  subclassNames,
  classTupleFunction,
  classTupleValueDef,
} from './classvalues';
import { classWith, type ManagerClass } from './withclass';
import { evalConst, isFoldedConstant, moduleConstant, NotConstant } from './consteval';
import { type ConstValue, typeOfConst } from '../ir/consts';
import { inlineCellAliases, lockWith, markGlobalCells } from './globals';
import type { IrResource } from '../ir/resources';
import { GENERATED_FUNCTION_NAMES } from '../ir/generated';
import { checkRegex, regexErrorText } from '../regex/regex';
import {
  assignable,
  BYTES_TYPES,
  DATETIME_TYPES,
  datetimeInside,
  noDatetimeCrossing,
  T,
  typeEquals,
} from '../types/types';
import {
  collectFiles,
  collectGguf,
  collectTensor,
  HUB_FILE_FUNCTIONS,
  IDENTITY_METHODS,
  LLAMA_CONSTRUCTORS,
  LLAMA_DEFAULT_N_CTX,
  LLAMA_IGNORED_KEYWORDS,
  matchRepoFile,
  readInputNames,
  RESOURCE_CONSTRUCTORS,
  RESOURCE_IGNORED_KEYWORDS,
  resolveModelDir,
  SAFETENSORS_LOADERS,
} from './resources';

/** Builtin classes whose exact test `type(v) is C` is spelled by the class's name (`typeIdentityTest`). */
const EXACT_TYPE_NAMES = new Set(['int', 'float', 'str', 'bool', 'list', 'dict', 'tuple', 'set', 'frozenset', 'bytes']);

export const BUILTIN_FUNCTIONS = new Set([
  'abs',
  'callable',
  'all',
  'any',
  'ascii',
  'bin',
  'hex',
  'oct',
  'bool',
  'divmod',
  'enumerate',
  'float',
  'format',
  'int',
  'len',
  'list',
  'max',
  'min',
  'pow',
  'print',
  'range',
  'reversed',
  'round',
  'set',
  'frozenset',
  'bytes',
  'bytearray',
  'sorted',
  'str',
  'sum',
  'tuple',
  'zip',
  'dict',
  'ord',
  'chr',
  'isinstance',
  'repr',
  'hash',
  'id',
  'map',
  'filter',
  'iter',
  'next',
  'open',
  'input',
  'eval',
  'exec',
  'compile',
  'globals',
  'locals',
  'vars',
  'getattr',
  'setattr',
  'hasattr',
  'type',
  'object',
  'super',
]);

/**
 * Library functions that take a function of several arguments, by the argument that is one
 * (a position, or a keyword) and how many arguments it takes: a builtin or a library function
 * passed there (`reduce(operator.mul, xs)`, `accumulate(xs, max)`) becomes a lambda of that arity.
 */
const FUNCTION_ARGUMENTS: Record<string, { arg: number | string; arity: number }[]> = {
  'functools.reduce': [{ arg: 0, arity: 2 }],
  'itertools.accumulate': [
    { arg: 1, arity: 2 },
    { arg: 'func', arity: 2 },
  ],
  'itertools.takewhile': [{ arg: 0, arity: 1 }],
  'itertools.dropwhile': [{ arg: 0, arity: 1 }],
  'itertools.filterfalse': [{ arg: 0, arity: 1 }],
  'itertools.starmap': [{ arg: 0, arity: 2 }],
};

/** Functions of any number of iterables that accept the last of them as `*iterable`. */
/** Attributes of the class itself (`dict.fromkeys(...)`, `str.__name__`), never function values of a receiver. */
const CLASS_LEVEL_METHODS = new Set([
  'maketrans',
  'fromkeys',
  'from_bytes',
  'fromhex',
  'fromtimestamp',
  '__name__',
  '__qualname__',
  '__doc__',
  '__module__',
  '__class__',
  '__mro__',
  '__dict__',
]);
/** Builtin classes whose methods, named through the class (`str.strip`, `int.bit_length`), are function values. */
const UNBOUND_METHOD_TYPES = new Set(['str', 'bytes', 'int', 'float', 'list', 'dict', 'tuple']);

/** Context managers and decorators that do not change what the function computes. */
const NOOP_CONTEXTS = new Set(['torch.no_grad', 'torch.inference_mode', 'torch.enable_grad', 'torch.set_grad_enabled']);

/** Exception classes of library modules a program raises with one message, by qualified name: the runtime's kind. */
const MODULE_EXCEPTIONS: Record<string, string> = { 'statistics.StatisticsError': 'StatisticsError' };

export const EXCEPTIONS = new Set([
  'ValueError',
  'TypeError',
  'RuntimeError',
  'KeyError',
  'IndexError',
  'ZeroDivisionError',
  'OverflowError',
  'AssertionError',
  'NotImplementedError',
  'AttributeError',
  'Exception',
  'ArithmeticError',
  'LookupError',
  'OSError',
  'TimeoutError',
  'ConnectionError',
  'FileNotFoundError',
  'PermissionError',
  'FileExistsError',
  'MemoryError',
  'RecursionError',
  'NameError',
  'SyntaxError',
]);

/** The OSError family: `OSError(errno, strerror)` prints as `[Errno n] text`, which a raise with several arguments is not. */
const OS_ERRORS = new Set([
  'OSError',
  'TimeoutError',
  'ConnectionError',
  'FileNotFoundError',
  'PermissionError',
  'FileExistsError',
]);

/** Builtins whose call Ingot will never compile, with the reason shown as help. */
const FORBIDDEN_BUILTINS: Record<string, string> = {
  eval: 'code built at run time cannot be compiled ahead of time; an expression of literals and operators (a calculator) evaluates with no names in scope: `eval(expr, {"__builtins__": {}}, {})`',
  exec: 'code built at run time cannot be compiled ahead of time',
  compile: 'code built at run time cannot be compiled ahead of time',
  globals: 'the module namespace does not exist at run time',
  locals: 'the function namespace does not exist at run time',
  vars: 'the function namespace does not exist at run time',
  open: 'file I/O is not part of a compiled inference function; pass the data in',
  input: 'interactive input is not available in a compiled library',
  getattr: 'attribute names must be known at compile time',
  setattr: 'attribute names must be known at compile time',
};

/** `s |= t` and the like: in place for two sets (infer takes the plain operator for other types). */
const INPLACE_SET_OPS: Partial<Record<A.BinOperator, string>> = {
  '|': 'operator.ior',
  '&': 'operator.iand',
  '-': 'operator.isub',
  '^': 'operator.ixor',
};

const BINOP: Record<A.BinOperator, string> = {
  '+': 'operator.add',
  '-': 'operator.sub',
  '*': 'operator.mul',
  '/': 'operator.truediv',
  '//': 'operator.floordiv',
  '%': 'operator.mod',
  '**': 'operator.pow',
  '@': 'operator.matmul',
  '<<': 'operator.lshift',
  '>>': 'operator.rshift',
  '&': 'operator.and_',
  '|': 'operator.or_',
  '^': 'operator.xor',
};
const UNARY: Record<A.UnaryOperator, string> = {
  '-': 'operator.neg',
  '+': 'operator.pos',
  not: 'operator.not_',
  '~': 'operator.invert',
};
export const COMPARE: Record<A.CompareOperator, string> = {
  '==': 'operator.eq',
  '!=': 'operator.ne',
  '<': 'operator.lt',
  '<=': 'operator.le',
  '>': 'operator.gt',
  '>=': 'operator.ge',
  in: 'operator.in_',
  'not in': 'operator.not_in',
  is: 'operator.is_',
  'is not': 'operator.is_not',
};

/** The operator module's functions of a fixed number of positional arguments (the operators' own functions). */
const OPERATOR_ARITY = new Map<string, number>([
  ...Object.values(BINOP).map((op): [string, number] => [op, 2]),
  ...Object.values(UNARY).map((op): [string, number] => [op, 1]),
  ...['operator.eq', 'operator.ne', 'operator.lt', 'operator.le', 'operator.gt', 'operator.ge'].map(
    (op): [string, number] => [op, 2],
  ),
  ['operator.getitem', 2],
]);

export interface LowerOptions {
  /** The entry function; undefined lowers every top-level function. */
  entry: string | undefined;
  /**
   * Whether a qualified module attribute names a function rather than a value (`math.tanh`, not `sys.maxsize`):
   * the registry knows, and lowering may not import it, so the pipeline passes the question in.
   */
  functionOp?: (qualified: string) => boolean;
}

interface ModuleInfo {
  /** LowerOptions.functionOp, or never. */
  functionOp: (qualified: string) => boolean;
  imports: Map<string, string>;
  constants: Map<string, IrConstant>;
  /** Module-level names that cannot be computed by compiled code, with the node and the reason why. */
  dynamicGlobals: Map<string, { node: { span: Span }; hint: string }>;
  /**
   * Module-level values computed once, on first use, by compiled code (`MEAN = np.array([...])`): the name of the
   * synthesised function (in `functions`) whose body returns the value.
   */
  lazyGlobals: Map<string, string>;
  /** The Python name each of those functions computes (a rebound name keeps its own, not the hidden one). */
  computedNames: Map<string, string>;
  /** Module-level lambdas, lowered as module functions of the same name; never entries. */
  lambdas: Set<string>;
  /** The nested functions a lifted nested function calls that give back its enclosing locals, by the lifted name. */
  nestedGiving?: Map<string, Map<string, { rebinds: string[]; changed: string[] }>>;
  functions: Map<string, A.FunctionDef>;
  classes: Map<string, A.ClassDef>;
  /** Module-level models and tokenizers, by the name they are bound to. */
  resources: Map<string, PendingResource>;
  /** Module-level instances of torch.nn.Module subclasses: their attributes name resources. */
  moduleObjects: Map<string, { cls: A.ClassDef; attrs: Map<string, string> }>;
  /** Synthesised functions for `obj.forward`, mapped to the object they are bound to. */
  methodSelf: Map<string, string>;
  /** Module-level type aliases, for annotations. */
  typeAliases: Map<string, A.Expr>;
  /** Names of the dataclasses, pydantic models and Enums, usable as annotations. */
  structNames: Set<string>;
  /** The Enum classes among them. */
  enumNames: Set<string>;
  /** Exception classes defined in the module (`class ParseError(ValueError)`). */
  exceptions: Map<string, ExceptionClass>;
  /** The module functions made of exception classes' methods (`NotFound__to_dict`), with the class of each. */
  exceptionMethods: Map<string, string>;
  /** The functions a builtin class used as a value becomes, with the class's name (`IrModule.classValues`). */
  classValues: Map<string, string>;
  /** The constant attributes of each class held as a value (`IrModule.classConstants`). */
  classConstants: Map<string, Map<string, ConstValue>>;
  /** Each module class held as a value with the classes derived from it (`IrModule.classFamilies`). */
  classFamilies: Map<string, string[]>;
  /** The static and class methods of each class held as a value (`IrModule.classMethods`). */
  classMethods: Map<string, Map<string, string>>;
  /** Plain classes and dataclasses with methods (`lower/classes.ts`), by class name. */
  classPlans: Map<string, ClassPlan>;
  /** The functions their methods and constructors became: never entries. */
  classFunctions: Set<string>;
  /** What each class's plan reported, given to the entries whose code names the class. */
  classDiagnostics: Map<string, Diagnostic[]>;
  /** Module-level names bound to `logging.getLogger(...)`: their `%`-style calls are formatted at the call site. */
  loggers: Set<string>;
  /** Attributes every assignment of which in the module's methods is `self.NAME = logging.getLogger(...)`. */
  loggerAttrs: Set<string>;
}

/** A resource found by module analysis; `problem` is reported where the resource is first used. */
interface PendingResource {
  resource: IrResource | undefined;
  span: Span;
  problem?: { code: 'E0220' | 'E0221' | 'E0222' | 'E0240'; args: Record<string, string> };
}

export function lowerModule(m0: A.Module, source: string, opts: LowerOptions, sink: DiagnosticSink): IrModule {
  // Decorators the module defines are applied first: each decorated function becomes its wrapper's instance.
  const m = exceptionTupleDefaults(hoistClassState(closuresAsClasses(expandNestedDecorators(expandDecorators(m0)))));
  const info = analyzeModule(m, sink);
  if (opts.functionOp) info.functionOp = opts.functionOp;
  const ir: IrModule = {
    file: m.file,
    name: path
      .basename(m.file)
      .replace(/\.py$/, '')
      .replace(/[^A-Za-z0-9_]/g, '_'),
    sourceSha256: createHash('sha256').update(source).digest('hex'),
    constants: info.constants,
    functions: new Map(),
    imports: info.imports,
    entries: [],
    resources: new Map(),
    structs: new Map(),
    enums: new Map(),
    exceptions: new Map([...info.exceptions].map(([name, exc]) => [name, lowerExceptionClass(exc, info)])),
    classValues: info.classValues,
    classConstants: info.classConstants,
    classFamilies: info.classFamilies,
    classMethods: info.classMethods,
  };
  const entries = opts.entry !== undefined ? [opts.entry] : defaultEntries(info);
  ir.entries = entries.filter((e) => info.functions.has(e));
  if (opts.entry !== undefined && !info.functions.has(opts.entry)) {
    sink.report('E0201', undefined, {
      name: opts.entry,
      file: m.file,
      available: [...info.functions.keys()].join(', ') || '(none)',
    });
    return ir;
  }
  for (const [name, cls] of info.classes) {
    // What a class cannot do (a field default, an annotation, an Enum body) is reported, like its plan, only to the
    // entries whose code reaches the class: CPython too fails only when such code runs, so one unsupported class does
    // not reject every function of its module.
    const classSink = new DiagnosticSink();
    const st = lowerStruct(cls, info, classSink) ?? lowerPlainClass(cls, info, classSink);
    const plan = info.classPlans.get(name);
    if (st && plan) st.methods = new Map(plan.methods);
    if (st) ir.structs.set(name, st);
    const en = lowerEnum(cls, info, classSink);
    if (en) ir.enums.set(name, en);
    if (classSink.items.length)
      info.classDiagnostics.set(name, [...(info.classDiagnostics.get(name) ?? []), ...classSink.items]);
  }
  reportRecursiveStructs(ir.structs, info);
  const registered = decoratorChangedGlobals(m);
  const work = [...entries];
  const entrySet = new Set(entries);
  while (work.length > 0) {
    const name = work.pop()!;
    if (ir.functions.has(name)) continue;
    const def = info.functions.get(name)!;
    const lowerer = new FunctionLowerer(info, sink, entrySet.has(name));
    const fn = lowerer.lowerFunction(def);
    const computes = info.computedNames.get(name);
    if (computes !== undefined) fn.computes = computes;
    ir.functions.set(name, fn);
    for (const callee of lowerer.calledFunctions) if (!ir.functions.has(callee)) work.push(callee);
    // A class the function names may reach its methods through any instance: they are lowered with it.
    for (const cls of namesIn(def)) {
      // A module value a decorator fills at import time (`@register("relu")` adding to `ACTIVATIONS`): its compiled
      // value would lack what the decorator adds.
      const reg = registered.get(cls);
      if (reg) {
        sink.report('E0202', reg.span, {
          construct: `the decorator \`${reg.decorator}\`, which changes the module-level \`${cls}\` when the module is imported`,
          hint: `fill \`${cls}\` where it is defined (\`${cls} = {"name": fn, ...}\`) instead of from a decorator`,
        });
        registered.delete(cls);
      }
      const plan = info.classPlans.get(cls);
      if (!plan) continue;
      for (const m of plan.methods.values()) {
        // A `@contextmanager` method is inlined at each `with` (`contexts.ts`); only a call elsewhere lowers it.
        const decorators = info.functions.get(m.fn)?.decorators ?? [];
        if (decorators.some((d) => moduleQualified(d, info.imports) === 'contextlib.contextmanager')) continue;
        if (!ir.functions.has(m.fn)) work.push(m.fn);
      }
      if (plan.constructor && !ir.functions.has(plan.constructor)) work.push(plan.constructor);
    }
    for (const r of lowerer.usedResources) ir.resources.set(r.name, r);
  }
  // The classes reached through other classes (a field's annotation, a base) report too; a class with a report that
  // nothing reaches is left out of the module, so no code is generated for what could not be lowered.
  const reached = new Set<string>();
  const reach = (name: string): void => {
    const cls = info.classes.get(name);
    if (!cls || reached.has(name)) return;
    reached.add(name);
    namesInNode([cls.bases, cls.keywords, cls.body.filter((st) => st.kind !== 'FunctionDef')]).forEach(reach);
  };
  for (const fn of ir.functions.keys()) {
    const def = info.functions.get(fn);
    if (def) namesIn(def).forEach(reach);
  }
  for (const [name, pending] of info.classDiagnostics) {
    if (reached.has(name)) sink.items.push(...pending);
    else {
      ir.structs.delete(name);
      ir.enums.delete(name);
    }
  }
  info.classDiagnostics.clear();
  return ir;
}

/**
 * Without an explicit entry, the entries are the public functions that are fully annotated
 * or that no other function calls, and that take no `*args`/`**kwargs`; an unannotated helper is then
 * instantiated per call site.
 */
function defaultEntries(info: ModuleInfo): string[] {
  const called = new Set<string>(info.methodSelf.keys());
  for (const [name, def] of info.functions) {
    walkCalls(def.body, (callee) => {
      if (callee !== name) called.add(callee);
    });
  }
  return [...info.functions.entries()]
    .filter(
      ([n, def]) =>
        !n.startsWith('_') &&
        !info.lambdas.has(n) &&
        // `*args`/`**kwargs` have no place in a binding's signature, so such a function is a helper only.
        !def.params.some((p) => p.star) &&
        !info.classFunctions.has(n) &&
        // A `@contextmanager` generator gives a context manager, which only a `with` of the module uses.
        !def.decorators.some((d) => moduleQualified(d, info.imports) === 'contextlib.contextmanager') &&
        // A function that returns a function (a decorator, a factory of closures) gives what no binding takes.
        !returnsFunction(def, info.imports) &&
        (!called.has(n) ||
          (def.returns !== undefined &&
            def.params.every((p) => p.annotation !== undefined) &&
            // A called helper that takes or returns a datetime value cannot cross the ABI, so it stays a helper.
            ![def.returns, ...def.params.map((p) => p.annotation)].some((a) => a && namesDatetime(a, info.imports)) &&
            // So does a generic helper (`xs: list[T]`): each call decides its types, an entry's must be fixed.
            ![def.returns, ...def.params.map((p) => p.annotation)].some((a) => a && namesTypeVar(a, info)))),
    )
    .map(([n]) => n);
}

/** Whether a function's result is a function: annotated `Callable[...]`, or a nested function it returns. */
function returnsFunction(def: A.FunctionDef, imports: ReadonlyMap<string, string>): boolean {
  const r = def.returns?.kind === 'Subscript' ? def.returns.value : def.returns;
  const q = r ? moduleQualified(r, imports) : undefined;
  if (q === 'typing.Callable' || q === 'collections.abc.Callable') return true;
  // A factory of a stateful closure, which returns it as an object (`lower/closureclasses.ts`).
  if (r?.kind === 'Name' && r.id.startsWith(CLOSURE_CLASS_PREFIX)) return true;
  const nested = new Set(def.body.filter((st) => st.kind === 'FunctionDef').map((st) => (st as A.FunctionDef).name));
  return def.body.some((st) => st.kind === 'Return' && st.value?.kind === 'Name' && nested.has(st.value.id));
}

/** Whether an annotation names a module-level `TypeVar` (`T`, `list[T]`, `dict[K, V]`), at any depth. */
function namesTypeVar(e: A.Expr, info: ModuleInfo): boolean {
  return [...namesUnder(e)].some((id) => {
    const alias = info.typeAliases.get(id);
    return alias?.kind === 'Call' && TYPE_VARS.has(moduleQualified(alias.func, info.imports) ?? '');
  });
}

/** Whether an annotation names one of the datetime classes (`date`, `dt.datetime`, `list[timedelta]`). */
function namesDatetime(e: A.Expr, imports: ReadonlyMap<string, string>): boolean {
  const qualified = (x: A.Expr): string | undefined =>
    x.kind === 'Name'
      ? (imports.get(x.id) ?? x.id)
      : x.kind === 'Attribute'
        ? ((b) => (b === undefined ? undefined : `${b}.${x.attr}`))(qualified(x.value))
        : undefined;
  const q = qualified(e);
  if (q !== undefined) return q in DATETIME_TYPES || q === 'datetime.tzinfo' || q in BYTES_TYPES;
  if (e.kind === 'Subscript') return namesDatetime(e.value, imports) || namesDatetime(e.index, imports);
  if (e.kind === 'Tuple') return e.elts.some((x) => namesDatetime(x, imports));
  if (e.kind === 'BinOp') return namesDatetime(e.left, imports) || namesDatetime(e.right, imports);
  return false;
}

/** Calls `f` with the name of every function called by name anywhere in `body` (a deep walk over the AST's plain data). */
function walkCalls(body: A.Stmt[], f: (name: string) => void): void {
  walkSyntax(body, (v) => {
    const node = v as { kind?: string; func?: A.Expr };
    if (node.kind === 'Call' && node.func?.kind === 'Name') f(node.func.id);
  });
}

function analyzeModule(m: A.Module, sink: DiagnosticSink): ModuleInfo {
  const info: ModuleInfo = {
    functionOp: () => false,
    imports: new Map(),
    constants: new Map(),
    dynamicGlobals: new Map(),
    lazyGlobals: new Map(),
    computedNames: new Map(),
    lambdas: new Set(),
    functions: new Map(),
    classes: new Map(),
    resources: new Map(),
    moduleObjects: new Map(),
    methodSelf: new Map(),
    typeAliases: new Map(),
    structNames: new Set(),
    enumNames: new Set(),
    exceptions: new Map(),
    exceptionMethods: new Map(),
    classValues: new Map(),
    classConstants: new Map(),
    classFamilies: new Map(),
    classMethods: new Map(),
    classPlans: new Map(),
    classFunctions: new Set(),
    classDiagnostics: new Map(),
    loggers: new Set(),
    loggerAttrs: new Set(),
  };
  const baseDir = path.dirname(path.resolve(m.file));
  const values = new Map<string, ConstValue>();
  // `__name__` is the module's name (its file's stem), the name a compiled module has; `logging.getLogger(__name__)`
  // reads it. A module that binds the name itself overrides it; one that never reads it has no such constant.
  if (namesInNode(m.body).has('__name__')) {
    const moduleName: ConstValue = { kind: 'str', value: path.basename(m.file).replace(/\.py$/, '') };
    values.set('__name__', moduleName);
    info.constants.set('__name__', {
      name: '__name__',
      value: moduleName,
      span: { file: m.file, line: 1, col: 1, endLine: 1, endCol: 1 },
      type: T.str,
    });
  }
  /** The expression each module-level name was last bound to. */
  const bindings = new Map<string, A.Expr>();
  const visit = (body: A.Stmt[]): void => {
    for (const st of body) {
      switch (st.kind) {
        case 'Import':
          for (const a of st.names) {
            if (a.asname) info.imports.set(a.asname, a.name);
            else info.imports.set(a.name.split('.')[0]!, a.name.split('.')[0]!);
          }
          break;
        case 'ImportFrom':
          for (const a of st.names) info.imports.set(a.asname ?? a.name, `${st.module}.${a.name}`);
          break;
        case 'FunctionDef':
          // The generated functions live in the same Rust module and manifest as the user's.
          if (GENERATED_FUNCTION_NAMES.has(st.name)) sink.report('E0241', st.nameSpan, { name: st.name });
          info.functions.set(st.name, st);
          // An import inside a function names the same module wherever it is bound, so it joins
          // the module's imports (`FunctionLowerer` then drops the statement), unless the name is
          // already bound to something else.
          for (const [name, target] of functionImports(st))
            if (!info.imports.has(name) && !info.functions.has(name)) info.imports.set(name, target);
          break;
        case 'ClassDef': {
          // `@register("bert") class Bert`: what the decorator adds to a registry, as a statement run here.
          const regs = classRegistrations(st, info.functions);
          const undecorated: A.ClassDef =
            regs.applied.size > 0 ? { ...st, decorators: st.decorators.filter((d) => !regs.applied.has(d)) } : st;
          const cls = ltComparator(dataclassOrder(totalOrdering(undecorated, info.imports), info), info);
          info.classes.set(cls.name, cls);
          if (isPartialTypedDict(cls, info.imports)) {
            info.typeAliases.set(cls.name, jsonObjectAnnotation(cls.nameSpan));
            break;
          }
          if (isStructClass(cls, info.imports) || isEnumClass(cls, info.imports)) info.structNames.add(cls.name);
          if (isEnumClass(cls, info.imports)) info.enumNames.add(cls.name);
          const exc = analyzeExceptionClass(cls, info.exceptions, EXCEPTIONS);
          if (exc) info.exceptions.set(cls.name, exc);
          for (const reg of regs.stmts) attachModuleStatement(reg, info, values, bindings);
          break;
        }
        case 'Assign':
        case 'AnnAssign': {
          // `Span = NamedTuple("Span", [("start", int), ...])`: the class statement it stands for.
          const functional = st.kind === 'Assign' ? namedTupleClass(st, info.imports) : undefined;
          if (functional) {
            visit([functional]);
            break;
          }
          const targets = st.kind === 'Assign' ? st.targets : [st.target];
          const value = st.value;
          // `TABLE["k"] = v`: a statement that changes a module-level value.
          if (targets.some((t) => t.kind !== 'Name')) {
            attachModuleStatement(st, info, values, bindings);
            break;
          }
          for (const t of targets) {
            if (t.kind !== 'Name' || !value) continue;
            const bound = rebindModuleName(t.id, value, info, values);
            bindings.set(t.id, bound);
            try {
              const v = evalConst(value, values, info.imports);
              const type = typeOfConst(v);
              if (!type) throw new NotConstant(value);
              if (v.kind === 'regex') checkConstPattern(v, value, sink);
              values.set(t.id, v);
              info.constants.set(t.id, { name: t.id, value: v, span: t.span, type });
              info.dynamicGlobals.delete(t.id);
              info.lazyGlobals.delete(t.id);
            } catch (err) {
              if (!(err instanceof NotConstant)) throw err;
              info.constants.delete(t.id);
              values.delete(t.id);
              info.lazyGlobals.delete(t.id);
              if (analyzeResource(t.id, bound, info, values, baseDir)) info.dynamicGlobals.delete(t.id);
              else if (isTypeExpr(bound, info.imports)) info.typeAliases.set(t.id, bound);
              else bindComputedGlobal(t.id, bound, info);
            }
          }
          break;
        }
        case 'If':
          // `if __name__ == "__main__":` and similar guards never run in a compiled library.
          break;
        case 'Try':
          visit(st.body);
          break;
        case 'For':
        case 'While':
        case 'AugAssign':
        case 'Expr':
          attachModuleStatement(st, info, values, bindings);
          break;
        default:
          break;
      }
    }
  };
  visit(m.body);
  markGlobalCells(
    m,
    info.constants,
    info.lazyGlobals,
    (e) =>
      lowerAnnotation(e, info.imports, new DiagnosticSink(), info.typeAliases, 0, info.structNames, info.enumNames),
    new Set(info.classes.keys()),
  );
  info.loggerAttrs = loggerBindings(
    [...info.classes.values()].flatMap((c) => c.body),
    info.imports,
  ).attrs;
  // A name some class declares in its body (a dataclass field, a class attribute) is that class's, not a logger.
  for (const c of info.classes.values())
    for (const st of c.body)
      for (const t of st.kind === 'Assign' ? st.targets : st.kind === 'AnnAssign' ? [st.target] : [])
        if (t.kind === 'Name') info.loggerAttrs.delete(t.id);
  const before = new Set(info.functions.keys());
  // A class's plan reports what its methods cannot do; those reports are kept with the class and
  // given only to an entry whose lowered code names the class, so one unsupported class does not
  // reject every function of its module.
  const planSink = new DiagnosticSink();
  info.classPlans = planClasses(
    info.classes,
    (cls) => classKind(cls, info),
    info.functions,
    planSink,
    (e) => fieldDefault(e, info.imports),
  );
  for (const d of planSink.items) {
    const owner = [...info.classes.values()].find(
      (c) => d.span && d.span.line >= c.span.line && d.span.line <= c.span.endLine,
    );
    if (!owner) {
      sink.items.push(d);
      continue;
    }
    info.classDiagnostics.set(owner.name, [...(info.classDiagnostics.get(owner.name) ?? []), d]);
  }
  for (const f of info.functions.keys()) if (!before.has(f)) info.classFunctions.add(f);
  for (const p of info.classPlans.values()) info.structNames.add(p.name);
  // A tokenizer of a module that generates with a transformers model renders chat templates too; elsewhere it stays
  // the plain tokenizer, so embedding modules never depend on the chat runtime.
  const pending = [...info.resources.values()];
  if (pending.some((p) => p.resource?.kind === 'CausalLM'))
    for (const p of pending) if (p.resource?.kind === 'Tokenizer') p.resource.chatTokenizer = true;
  return info;
}

/**
 * A module-level value that is not a literal constant. A lambda becomes a module function of its name; a value whose
 * computation compiled code can repeat (`np.array([...], dtype=np.float32)`, `frozenset({...})`, a comprehension over
 * constants) becomes a function computed once, on first use, through the same ops as a function body; a value that
 * depends on the process it was computed in (random numbers, the clock, files, the environment) is E0206, saying why.
 */
function bindComputedGlobal(name: string, value: A.Expr, info: ModuleInfo): void {
  info.dynamicGlobals.delete(name);
  if (value.kind === 'Lambda') {
    const def: A.FunctionDef = {
      kind: 'FunctionDef',
      name,
      params: value.params,
      returns: undefined,
      body: [{ kind: 'Return', value: value.body, span: value.body.span }],
      decorators: [],
      isAsync: false,
      nameSpan: value.span,
      span: value.span,
    };
    info.functions.set(name, def);
    info.lambdas.add(name);
    return;
  }
  // `namedtuple("P", NAMES)` or `rename=`, and `NamedTuple("P", [...])` in a form that only the class statement has
  // here (the literal forms became classes in `namedTupleClass`).
  const factory = value.kind === 'Call' ? moduleQualified(value.func, info.imports) : undefined;
  if (factory === 'collections.namedtuple' || factory === 'typing.NamedTuple') {
    info.dynamicGlobals.set(name, {
      node: value,
      hint:
        factory === 'collections.namedtuple'
          ? '`collections.namedtuple` is supported with its field names as a literal (`"x y"` or `["x", "y"]`) and literal `defaults=`; for this form, write a `typing.NamedTuple` class with annotated fields (`class P(NamedTuple):` then `x: int` ...)'
          : 'the functional form of `NamedTuple` is not supported; write it as a class (`class P(NamedTuple):` then `x: int` ...)',
    });
    return;
  }
  if (factory === 'logging.getLogger') info.loggers.add(name);
  else info.loggers.delete(name);
  const impure = impureCall(value, info.imports);
  if (impure) {
    info.dynamicGlobals.set(name, {
      node: impure.node,
      hint: `\`${impure.name}\` ${impure.why}, so a compiled library cannot reproduce the value this module computed at import; compute it inside the function that uses it`,
    });
    return;
  }
  // A name bound twice (`STOP = frozenset(STOP)`) has one function per binding.
  let fn = `__ingot_global_${name}`;
  for (let n = 2; info.functions.has(fn); n++) fn = `__ingot_global_${name}_${n}`;
  info.functions.set(fn, {
    kind: 'FunctionDef',
    name: fn,
    params: [],
    returns: undefined,
    // A copy, since a later binding of a name it reads renames the name in it.
    body: [{ kind: 'Return', value: structuredClone(value), span: value.span }],
    decorators: [],
    isAsync: false,
    nameSpan: value.span,
    span: value.span,
  });
  info.lazyGlobals.set(name, fn);
  info.computedNames.set(fn, name);
}

/**
 * CPython never checks a default against its annotation (`items: list[str] = "none"`, `n: int = None`): the parameter
 * holds either, so its type is the variant of both (Optional for None), and callers and bindings may pass either.
 */
/**
 * A bare `dict`/`list` in an entry parameter's annotation (at any depth: `list[dict]`, `Optional[dict]`):
 * `dict[str, Any]` and `list[Any]`, the JSON object and array the value arrives as.
 */
function openContainer(t: Type): Type {
  switch (t.kind) {
    case 'optional':
      return { ...t, item: openContainer(t.item) };
    case 'list':
      return t.item.kind === 'unknown' ? T.list(T.dynamic) : { ...t, item: openContainer(t.item) };
    case 'dict':
      if (t.key.kind === 'unknown' && t.value.kind === 'unknown' && !t.missing)
        return { ...t, key: T.str, value: T.dynamic };
      return { ...t, value: openContainer(t.value) };
    case 'tuple':
      return { ...t, items: t.items.map(openContainer) };
    default:
      return t;
  }
}

function widenForDefault(annotation: Type, dflt: ConstValue): Type {
  const t = typeOfConst(dflt);
  // `x: int = True` holds a bool, whose repr is `True`: numbers accept a bool only as a variant member.
  const boolAsNumber = t?.kind === 'bool' && (annotation.kind === 'int' || annotation.kind === 'float');
  if (!t || annotation.kind === 'unknown' || (assignable(t, annotation) && !boolAsNumber)) return annotation;
  return T.union([annotation, t]) ?? annotation;
}

/** Why a default must be a constant: bindings and the manifest carry it as a value. */
const DEFAULT_HINT =
  'a default must be a constant built from literals and other constants, since the manifest and the bindings carry it as a value; default to None and compute it in the body';

/** The names a statement binds or changes in place (`X[k] = v`, `X += [v]`, `X.append(v)`, a loop's variables). */
function writtenNames(st: A.Stmt): Set<string> {
  const out = new Set<string>();
  const root = (e: A.Expr): void => {
    while (e.kind === 'Subscript' || e.kind === 'Attribute') e = e.value;
    if (e.kind === 'Name') out.add(e.id);
    else if (e.kind === 'Tuple' || e.kind === 'List') e.elts.forEach(root);
  };
  walkSyntax(st, (v) => {
    const node = v as unknown as A.Stmt | A.Expr;
    if (node.kind === 'Assign') node.targets.forEach(root);
    else if (node.kind === 'AugAssign' || node.kind === 'AnnAssign' || node.kind === 'For') root(node.target);
    else if (node.kind === 'Call' && node.func.kind === 'Attribute' && CHANGING_METHODS.has(node.func.attr))
      root(node.func.value);
  });
  return out;
}

/**
 * A module-level statement that changes one module-level value (`for i, w in enumerate(WORDS): VOCAB[w] = i`) runs
 * inside that value's function, after its binding and in source order, as CPython runs it at import: the value
 * becomes one computed by compiled code. A statement that changes several values, or one computed in a way compiled
 * code cannot repeat, makes them E0206 where used. A statement that changes none (`print(...)`) does not matter to
 * compiled functions.
 */
function attachModuleStatement(
  st: A.Stmt,
  info: ModuleInfo,
  values: Map<string, ConstValue>,
  bindings: ReadonlyMap<string, A.Expr>,
): void {
  if (st.kind === 'Expr' && st.value.kind === 'Str') return;
  const written = [...writtenNames(st)].filter((n) => values.has(n) || info.lazyGlobals.has(n));
  if (written.length === 0) return;
  const giveUp = (hint: string): void => {
    for (const n of written) {
      values.delete(n);
      info.constants.delete(n);
      info.lazyGlobals.delete(n);
      info.dynamicGlobals.set(n, { node: st, hint });
    }
  };
  if (written.length > 1) {
    giveUp(
      `a module-level statement changes ${written.map((n) => `\`${n}\``).join(' and ')} together; build each in its own statements, or in a function`,
    );
    return;
  }
  const name = written[0]!;
  if (!info.lazyGlobals.has(name)) {
    const expr = bindings.get(name);
    values.delete(name);
    info.constants.delete(name);
    if (expr) bindComputedGlobal(name, expr, info);
    if (!info.lazyGlobals.has(name)) {
      if (!info.dynamicGlobals.has(name))
        giveUp('a module-level statement changes it, and its first value is not one compiled code can build');
      return;
    }
  }
  const def = info.functions.get(info.lazyGlobals.get(name)!)!;
  const last = def.body[def.body.length - 1]!;
  if (last.kind === 'Return' && last.value && !(last.value.kind === 'Name' && last.value.id === name)) {
    // The value becomes a local of its function: `NAME = value`, the statements, `return NAME`.
    const span = last.value.span;
    def.body = [
      { kind: 'Assign', targets: [{ kind: 'Name', id: name, span }], value: last.value, span },
      { kind: 'Return', value: { kind: 'Name', id: name, span }, span },
    ];
  }
  def.body.splice(def.body.length - 1, 0, structuredClone(st));
}

/** Modules and callables whose results depend on the process, with why: a module-level value made by them is E0206. */
const IMPURE: [prefix: string, why: string][] = [
  ['random.', 'draws a random number'],
  ['numpy.random.', 'draws a random number'],
  ['torch.rand', 'draws a random number'],
  ['secrets.', 'draws a random number'],
  ['uuid.', 'makes a new identifier each run'],
  ['time.', 'reads the clock'],
  ['datetime.datetime.now', 'reads the clock'],
  ['datetime.datetime.today', 'reads the clock'],
  ['datetime.date.today', 'reads the clock'],
  ['os.', 'reads the environment or the file system'],
  ['sys.', 'reads the interpreter state'],
  ['pathlib.', 'reads the file system'],
  ['builtins.open', 'reads a file'],
  ['builtins.input', 'reads the standard input'],
  ['builtins.print', 'writes to the standard output'],
  ['builtins.id', 'gives an address in this process'],
  ['builtins.hash', 'gives a hash that changes between processes'],
];

/** Constructors of random generators of their own, deterministic when given a seed (`registry/ops/random.ts`, numpy_random.ts). */
const SEEDED_GENERATORS = new Set(['random.Random', 'numpy.random.default_rng', 'numpy.random.RandomState']);

/** Whether a generator's constructor is given a seed other than None (positionally or as `seed=`/`x=`). */
function seedGiven(call: A.CallExpr): boolean {
  const seed = call.args[0] ?? call.keywords.find((k) => k.name === 'seed' || k.name === 'x')?.value;
  return seed !== undefined && seed.kind !== 'None';
}

/** os.path's functions that compute on the text alone (`abspath` and `relpath` read the working directory, so they stay impure). */
const PURE_OS_PATH =
  /^(os\.path|posixpath)\.(basename|dirname|split|splitext|splitdrive|join|normpath|isabs|normcase|commonprefix|commonpath|sep|curdir|pardir|extsep|pathsep)$/;

/** The first call in `e` whose result depends on the process (`random.random()`, `open(...)`), if any. */
function impureCall(
  e: A.Expr,
  imports: ReadonlyMap<string, string>,
): { node: A.Expr; name: string; why: string } | undefined {
  let found: { node: A.Expr; name: string; why: string } | undefined;
  walkSyntax(e, (v) => {
    if (found) return false;
    const node = v as unknown as A.Expr;
    if (node.kind === 'Call') {
      const f = node.func;
      const q =
        f.kind === 'Name' && !imports.has(f.id) ? `builtins.${f.id}` : (moduleQualified(f, imports) ?? undefined);
      // A generator made with a seed (`random.Random(0)`, `np.random.default_rng(42)`) starts each process at that seed.
      const seeded = q !== undefined && SEEDED_GENERATORS.has(q) && seedGiven(node);
      const hit =
        q !== undefined && !PURE_OS_PATH.test(q) && !seeded
          ? IMPURE.find(([p]) => q === p || q.startsWith(p))
          : undefined;
      if (hit) {
        found = { node, name: q!.replace(/^builtins\./, '').replace(/^numpy\./, 'np.'), why: hit[1] };
        return false;
      }
    }
  });
  return found;
}

/**
 * A module-level name bound again (`STOP = frozenset(STOP)`): the earlier binding moves to a hidden name that the new
 * value reads, so each binding keeps the value CPython gave it. Returns the value to bind.
 */
function rebindModuleName(name: string, value: A.Expr, info: ModuleInfo, values: Map<string, ConstValue>): A.Expr {
  const earlier = values.has(name) || info.lazyGlobals.has(name);
  // The module-level values computed so far read the earlier binding too (`INDEX = {w: i for w in STOP}` before it).
  const readers = [...info.lazyGlobals.values()].map((f) => info.functions.get(f)!).filter((d) => mentions(d, name));
  if (!earlier || (!mentions(value, name) && readers.length === 0)) return value;
  let n = 1;
  while (info.constants.has(`${name}__${n}`) || info.lazyGlobals.has(`${name}__${n}`)) n++;
  const hidden = `${name}__${n}`;
  if (values.has(name)) {
    values.set(hidden, values.get(name)!);
    info.constants.set(hidden, { ...info.constants.get(name)!, name: hidden });
  }
  if (info.lazyGlobals.has(name)) info.lazyGlobals.set(hidden, info.lazyGlobals.get(name)!);
  const renamed = structuredClone(value);
  const rename = (v: AnyNode): void => {
    if (v['kind'] === 'Name' && v['id'] === name) v['id'] = hidden;
  };
  walkSyntax(renamed, rename);
  walkSyntax(readers, rename);
  return renamed;
}

/** Whether `e` reads the name anywhere (a comprehension's own variable of that name counts too, harmlessly). */
function mentions(e: A.Expr | A.FunctionDef, name: string): boolean {
  return namesUnder(e).has(name);
}

/** A module-level `re.compile(...)` whose pattern CPython would reject at import: E0230 on the pattern. */
function checkConstPattern(v: ConstValue & { kind: 'regex' }, value: A.Expr, sink: DiagnosticSink): void {
  const r = checkRegex(v.pattern, v.flags);
  if (!('error' in r)) return;
  const at = value.kind === 'Call' ? (value.args[0] ?? value) : value;
  sink.report('E0230', at.span, {
    what: 'this regular expression',
    reason: `${r.error.type === 'error' ? 're.error' : r.error.type}: ${regexErrorText(v.pattern, r.error)}`,
  });
}

const ENUM_BASES = new Set(['enum.Enum', 'enum.IntEnum', 'enum.StrEnum', 'enum.IntFlag', 'enum.Flag']);

/** Flag and IntFlag classes: a value is any combination of the members' bits (`IrEnum.flag`). */
function isFlagClass(cls: A.ClassDef, imports: ReadonlyMap<string, string>): boolean {
  return cls.bases.some((b) => /^enum\.(Int)?Flag$/.test(moduleQualified(b, imports) ?? ''));
}

/** The Enum kinds whose members are ints or strs themselves and whose `str()` is the value's (Python 3.11). */
const VALUE_ENUMS: Record<string, 'int' | 'str'> = {
  'enum.IntEnum': 'int',
  'enum.IntFlag': 'int',
  'enum.StrEnum': 'str',
};

/** An Enum's mixin type and the form of its `str()`: `class C(str, Enum)` is a str but prints as `C.MEMBER`. */
function enumKind(cls: A.ClassDef, imports: ReadonlyMap<string, string>): Pick<IrEnum, 'mixin' | 'strForm'> {
  for (const b of cls.bases) {
    const q = moduleQualified(b, imports) ?? '';
    if (VALUE_ENUMS[q]) return { mixin: VALUE_ENUMS[q], strForm: 'value' };
  }
  for (const b of cls.bases)
    if (b.kind === 'Name' && (b.id === 'int' || b.id === 'str') && !imports.has(b.id))
      return { mixin: b.id, strForm: 'qualified' };
  return { strForm: 'qualified' };
}

function isEnumClass(cls: A.ClassDef, imports: ReadonlyMap<string, string>): boolean {
  return cls.bases.some((b) => ENUM_BASES.has(moduleQualified(b, imports) ?? ''));
}

/** An Enum class: its members must be literal values of one type. */
/** `Task.QUERY`, where `Task` is an Enum of the module: the member as a constant (a default's value). */
function enumMemberConst(e: A.Expr, info: ModuleInfo): ConstValue | undefined {
  if (e.kind !== 'Attribute' || e.value.kind !== 'Name' || !info.enumNames.has(e.value.id)) return undefined;
  const cls = info.classes.get(e.value.id);
  const st = cls?.body.find(
    (s): s is A.AssignStmt =>
      s.kind === 'Assign' && s.targets.length === 1 && s.targets[0]!.kind === 'Name' && s.targets[0]!.id === e.attr,
  );
  if (!st) return undefined;
  try {
    return { kind: 'enum', name: e.value.id, member: e.attr, value: evalConst(st.value, new Map()) };
  } catch {
    return undefined;
  }
}

function isEnumAuto(e: A.Expr, imports: ReadonlyMap<string, string>): boolean {
  return (
    e.kind === 'Call' &&
    e.args.length === 0 &&
    e.keywords.length === 0 &&
    moduleQualified(e.func, imports) === 'enum.auto'
  );
}

/**
 * The value `enum.auto()` gives a member (`_generate_next_value_` of Python 3.11): a StrEnum's is the member's name in
 * lower case; an IntFlag's the next power of two above the previous values; otherwise the last int value plus one
 * (1 for the first), as a str in a `class C(str, Enum)`.
 */
function autoValue(
  cls: A.ClassDef,
  imports: ReadonlyMap<string, string>,
  name: string,
  previous: ConstValue[],
): ConstValue {
  const bases = cls.bases.map((b) => moduleQualified(b, imports) ?? '');
  if (bases.includes('enum.StrEnum')) return { kind: 'str', value: name.toLowerCase() };
  // A str mixin's earlier auto() values are the ints it generated ('1', '2'), as CPython counts them.
  const ints = previous.flatMap((v) =>
    v.kind === 'int' ? [v.value] : v.kind === 'str' && /^-?\d+$/.test(v.value) ? [BigInt(v.value)] : [],
  );
  let n: bigint;
  if (bases.includes('enum.IntFlag') || bases.includes('enum.Flag')) {
    const high = ints.reduce((a, b) => (b > a ? b : a), 0n);
    n = high <= 0n ? 1n : 1n << BigInt(high.toString(2).length);
  } else n = ints.length ? ints[ints.length - 1]! + 1n : 1n;
  const strMixin = cls.bases.some((b) => b.kind === 'Name' && b.id === 'str' && !imports.has('str'));
  if (strMixin) return { kind: 'str', value: String(n) };
  return { kind: 'int', value: n };
}

/**
 * An Enum's `__init__(self, a, b)`: CPython calls it on each member with the member's value unpacked (a tuple's
 * items, else the value), so each `self.attr = expr` of the parameters is a constant per member (`IrEnum.attrs`).
 */
function enumAttributes(
  cls: A.ClassDef,
  members: IrEnum['members'],
  sink: DiagnosticSink,
): IrEnum['attrs'] | undefined {
  const init = cls.body.find((s): s is A.FunctionDef => s.kind === 'FunctionDef' && s.name === '__init__');
  if (!init) return undefined;
  const params = init.params.slice(1);
  const attrs = new Map<string, { type: Type; values: ConstValue[] }>();
  const bad = (span: Span, construct: string, hint: string): undefined => {
    sink.report('E0202', span, { construct, hint });
    return undefined;
  };
  if (params.some((p) => p.star || p.default))
    return bad(
      init.nameSpan,
      `this \`__init__\` of the Enum \`${cls.name}\``,
      'take one plain parameter per item of the values',
    );
  members.forEach((m, k) => {
    const items = m.value.kind === 'tuple' && params.length !== 1 ? m.value.items : [m.value];
    if (items.length !== params.length) {
      bad(
        init.nameSpan,
        `an \`__init__\` of ${params.length} parameters for the member \`${m.name}\``,
        'give every member a value of that many items',
      );
      return;
    }
    const env = new Map(params.map((p, i) => [p.name, items[i]!]));
    for (const st of init.body) {
      if ((st.kind === 'Expr' && st.value.kind === 'Str') || st.kind === 'Pass') continue;
      const target =
        st.kind === 'Assign' && st.targets.length === 1
          ? st.targets[0]
          : st.kind === 'AnnAssign'
            ? st.target
            : undefined;
      const value = st.kind === 'Assign' || st.kind === 'AnnAssign' ? st.value : undefined;
      if (
        !target ||
        !value ||
        target.kind !== 'Attribute' ||
        target.value.kind !== 'Name' ||
        target.value.id !== init.params[0]?.name
      ) {
        if (k === 0)
          bad(
            st.span,
            `this statement in the \`__init__\` of the Enum \`${cls.name}\``,
            'set attributes from the parameters: `self.mass = mass`',
          );
        continue;
      }
      let v: ConstValue;
      try {
        v = evalConst(value, env);
      } catch (err) {
        if (!(err instanceof NotConstant)) throw err;
        if (k === 0)
          bad(value.span, 'this attribute of an Enum member', 'compute it from the parameters with literal arithmetic');
        continue;
      }
      const t = typeOfConst(v);
      const a = attrs.get(target.attr) ?? { type: t ?? T.unknown, values: [] };
      const joined = t && typeEquals(a.type, t) ? t : undefined;
      if (!joined) {
        if (k === 0) bad(value.span, 'this attribute of an Enum member', 'give it values of one type in every member');
        continue;
      }
      a.type = joined;
      a.values[k] = v;
      attrs.set(target.attr, a);
    }
  });
  return new Map([...attrs].filter(([, a]) => a.values.filter((x) => x !== undefined).length === members.length));
}

function lowerEnum(cls: A.ClassDef, info: ModuleInfo, sink: DiagnosticSink): IrEnum | undefined {
  if (!isEnumClass(cls, info.imports)) return undefined;
  const members: IrEnum['members'] = [];
  let valueType: Type | undefined;
  const methods = info.classPlans.get(cls.name)?.methods;
  for (const st of cls.body) {
    if (st.kind === 'Expr' && st.value.kind === 'Str') continue;
    if (st.kind === 'FunctionDef' && methods?.has(st.name)) continue;
    // `__init__` runs per member on its value's items (`enumAttributes`, below).
    if (st.kind === 'FunctionDef' && st.name === '__init__' && !isFlagClass(cls, info.imports)) continue;
    if (st.kind !== 'Assign' || st.targets.length !== 1 || st.targets[0]!.kind !== 'Name') {
      sink.report('E0202', st.kind === 'FunctionDef' ? st.nameSpan : st.span, {
        construct: `this statement in the Enum \`${cls.name}\``,
        hint: 'an Enum may hold members with literal values only',
      });
      continue;
    }
    try {
      const name = (st.targets[0] as A.NameExpr).id;
      const v = isEnumAuto(st.value, info.imports)
        ? autoValue(
            cls,
            info.imports,
            name,
            members.map((m) => m.value),
          )
        : // A Flag's member may combine earlier ones (`RW = READ | WRITE`).
          evalConst(
            st.value,
            isFlagClass(cls, info.imports) ? new Map(members.map((m) => [m.name, m.value])) : new Map(),
          );
      const t = typeOfConst(v);
      // Members hold values of one type: str or int, or (a plain Enum) floats or tuples of those (`EARTH = (5.97e24,
      // 6.37e6)`, unpacked by an `__init__`).
      const plain = !isFlagClass(cls, info.imports) && !enumKind(cls, info.imports).mixin;
      const scalar = (x: Type): boolean =>
        x.kind === 'str' || x.kind === 'int' || (plain && (x.kind === 'float' || x.kind === 'bool'));
      const ok = t && (scalar(t) || (plain && t.kind === 'tuple' && t.items.length > 0 && t.items.every(scalar)));
      // One type exactly: an int member among floats would read back as a float.
      if (!t || !ok || (valueType && !typeEquals(valueType, t))) throw new NotConstant(st.value);
      valueType = t;
      members.push({ name: (st.targets[0] as A.NameExpr).id, value: v });
    } catch (err) {
      if (!(err instanceof NotConstant)) throw err;
      sink.report('E0202', st.value.span, {
        construct: 'this Enum value',
        hint: 'members must be str or int literals (a plain Enum: also floats or tuples of literals), all of one type',
      });
    }
  }
  const attrs = enumAttributes(cls, members, sink);
  const kind = {
    ...enumKind(cls, info.imports),
    ...(isFlagClass(cls, info.imports) ? { flag: true as const } : {}),
  };
  // A mixin whose members hold values of another type is an error in CPython already; the members stay plain then.
  const mixin = kind.mixin && kind.mixin === (valueType ?? T.str).kind ? kind.mixin : undefined;
  return {
    name: cls.name,
    members,
    valueType: valueType ?? T.str,
    ...kind,
    mixin,
    ...(attrs && attrs.size > 0 ? { attrs } : {}),
    span: cls.nameSpan,
    ...(methods && methods.size > 0 ? { methods } : {}),
  };
}

/** A base that makes a class a NamedTuple (`collections.namedtuple` only through `namedTupleClass`). */
const NAMED_TUPLE_BASE = /^(typing(_extensions)?\.NamedTuple|collections\.namedtuple)$/;

/** Base classes whose subclasses are records of annotated fields; a TypedDict's value is a dict of its fields. */
const STRUCT_BASES = new Set([
  'pydantic.BaseModel',
  'typing.TypedDict',
  'typing_extensions.TypedDict',
  'typing.NamedTuple',
  'typing_extensions.NamedTuple',
  // The class statement `namedTupleClass` makes of `P = collections.namedtuple("P", "x y")`.
  'collections.namedtuple',
]);

/**
 * A class's `__match_args__` as CPython sets it: the literal tuple the class assigns, else a dataclass's `__init__`
 * fields (no `field(init=False)`) or a NamedTuple's fields, in order; undefined for other classes (positional class
 * patterns then raise TypeError).
 */
function matchArgs(cls: A.ClassDef, imports: ReadonlyMap<string, string>): string[] | undefined {
  for (const st of cls.body)
    if (st.kind === 'Assign' && st.targets.some((t) => t.kind === 'Name' && t.id === '__match_args__')) {
      const v = st.value;
      if ((v.kind === 'Tuple' || v.kind === 'List') && v.elts.every((e) => e.kind === 'Str'))
        return v.elts.map((e) => (e as A.Expr & { kind: 'Str' }).value);
      return undefined;
    }
  const dataclass = cls.decorators.some(
    (d) => moduleQualified(d.kind === 'Call' ? d.func : d, imports) === 'dataclasses.dataclass',
  );
  const namedTuple = cls.bases.some((b) => NAMED_TUPLE_BASE.test(moduleQualified(b, imports) ?? ''));
  // A dataclass's bases put their fields first; those are not read here.
  if ((!dataclass && !namedTuple) || (dataclass && cls.bases.length > 0)) return undefined;
  const noInit = (v: A.Expr | undefined): boolean =>
    v?.kind === 'Call' &&
    moduleQualified(v.func, imports) === 'dataclasses.field' &&
    v.keywords.some((k) => k.name === 'init' && k.value.kind === 'Bool' && !k.value.value);
  const names: string[] = [];
  for (const st of cls.body)
    if (st.kind === 'AnnAssign' && st.target.kind === 'Name' && !noInit(st.value)) {
      const q = moduleQualified(st.annotation.kind === 'Subscript' ? st.annotation.value : st.annotation, imports);
      if (q === 'typing.ClassVar' || q === 'dataclasses.InitVar') continue;
      names.push(st.target.id);
    }
  return names;
}

/**
 * A TypedDict whose keys may be missing (`total=False`, or a `NotRequired[...]` field): its value is the plain
 * `dict[str, Any]` it is at run time, so `.get`, `.pop`, `in` and `update` work on whichever keys it holds.
 */
function isPartialTypedDict(cls: A.ClassDef, imports: ReadonlyMap<string, string>): boolean {
  if (!cls.bases.some((b) => /^typing(_extensions)?\.TypedDict$/.test(moduleQualified(b, imports) ?? ''))) return false;
  const total = cls.keywords.find((k) => k.name === 'total');
  if (total && !(total.value.kind === 'Bool' && total.value.value)) return true;
  return cls.body.some(
    (st) =>
      st.kind === 'AnnAssign' &&
      st.annotation.kind === 'Subscript' &&
      /^typing(_extensions)?\.NotRequired$/.test(moduleQualified(st.annotation.value, imports) ?? ''),
  );
}

/** The annotation `dict[str, object]` (a JSON object) at `span`, standing for a partial TypedDict's name. */
function jsonObjectAnnotation(span: Span): A.Expr {
  const name = (id: string): A.Expr => ({ kind: 'Name', id, span });
  return {
    kind: 'Subscript',
    value: name('dict'),
    index: { kind: 'Tuple', elts: [name('str'), name('object')], span },
    span,
  };
}

function isStructClass(cls: A.ClassDef, imports: ReadonlyMap<string, string>): boolean {
  if (isPartialTypedDict(cls, imports)) return false;
  return (
    cls.decorators.some((d) => moduleQualified(d.kind === 'Call' ? d.func : d, imports) === 'dataclasses.dataclass') ||
    cls.bases.some((b) => STRUCT_BASES.has(moduleQualified(b, imports) ?? ''))
  );
}

/**
 * The default expression of a field: `field(default=X)` / `Field(default=X)` is X, and
 * `field(default_factory=list)` (or dict, set, tuple, or a lambda without parameters) is the
 * value the factory makes. Values are copied per instance, as a factory would make them.
 */
function fieldDefault(e: A.Expr, imports: ReadonlyMap<string, string>): A.Expr {
  if (e.kind !== 'Call') return e;
  const fn = moduleQualified(e.func, imports);
  if (fn !== 'dataclasses.field' && fn !== 'pydantic.Field') return e;
  const kw = (name: string): A.Expr | undefined => e.keywords.find((k) => k.name === name)?.value;
  const given = kw('default') ?? (fn === 'pydantic.Field' ? e.args[0] : undefined);
  if (given) return given;
  const factory = kw('default_factory');
  if (factory?.kind === 'Lambda' && factory.params.length === 0) return factory.body;
  if (factory?.kind === 'Name') {
    const empty: Record<string, A.Expr['kind']> = { list: 'List', dict: 'Dict', set: 'Set', tuple: 'Tuple' };
    const k = empty[factory.id];
    if (k === 'List' || k === 'Tuple' || k === 'Set')
      return { kind: k, elts: [], span: factory.span } as unknown as A.Expr;
    if (k === 'Dict') return { kind: 'Dict', keys: [], values: [], span: factory.span } as unknown as A.Expr;
    // `default_factory=OptimConfig`: an instance built with its defaults (`structConst`).
    if (!k) return { kind: 'Call', func: factory, args: [], keywords: [], span: factory.span } as A.Expr;
  }
  return e;
}

let structConstDepth = 0;

/**
 * `OptimConfig()` or `OptimConfig(lr=0.1)` as a field's default (or `default_factory=OptimConfig`): a dataclass of
 * the module whose fields all end up constants, as a struct constant; undefined for anything else.
 */
function structConst(e: A.Expr, info: ModuleInfo, seen: Set<string>): ConstValue | undefined {
  if (e.kind !== 'Call' || e.func.kind !== 'Name' || e.args.length > 0) return undefined;
  const cls = info.classes.get(e.func.id);
  if (!cls || seen.has(cls.name) || !isStructClass(cls, info.imports)) return undefined;
  if (cls.body.some((st) => st.kind === 'FunctionDef' && st.name === '__post_init__')) return undefined;
  const quiet = new DiagnosticSink();
  // Dataclasses that default to each other would nest without end.
  if (structConstDepth > 8) return undefined;
  structConstDepth++;
  let fields: IrStructField[];
  try {
    fields = structFields(cls, info, quiet, new Set(seen));
  } finally {
    structConstDepth--;
  }
  if (quiet.hasErrors || fields.some((f) => f.allowed !== undefined)) return undefined;
  const consts = new Map([...info.constants].map(([k, c]) => [k, c.value]));
  const out: { name: string; value: ConstValue; type: Type }[] = [];
  for (const f of fields) {
    const given = e.keywords.find((k) => k.name === f.name)?.value;
    let value: ConstValue | undefined = f.default;
    if (given) {
      try {
        value = structConst(given, info, new Set([...seen, cls.name])) ?? evalConst(given, consts);
      } catch (err) {
        if (!(err instanceof NotConstant)) throw err;
        return undefined;
      }
    }
    if (!value) return undefined;
    out.push({ name: f.name, value, type: f.type });
  }
  if (e.keywords.some((k) => !fields.some((f) => f.name === k.name))) return undefined;
  return { kind: 'struct', name: cls.name, fields: out };
}

/**
 * What a `dataclasses.field(...)` value says besides its default: no default at all (only options such as
 * `compare=False` given), and the literal `compare=` / `repr=` flags.
 */
function dataclassFieldOptions(
  e: A.Expr | undefined,
  imports: ReadonlyMap<string, string>,
): { noDefault: boolean; compare?: boolean; repr?: boolean } {
  if (e?.kind !== 'Call' || moduleQualified(e.func, imports) !== 'dataclasses.field') return { noDefault: false };
  const flag = (name: string): boolean | undefined => {
    const v = e.keywords.find((k) => k.name === name)?.value;
    return v?.kind === 'Bool' ? v.value : undefined;
  };
  const has = (name: string): boolean => e.keywords.some((k) => k.name === name);
  return { noDefault: !has('default') && !has('default_factory'), compare: flag('compare'), repr: flag('repr') };
}

function astName(id: string, span: Span): A.Expr {
  return { kind: 'Name', id, span } as A.Expr;
}

function astInt(n: number, span: Span): A.Expr {
  return n < 0
    ? ({ kind: 'Unary', op: '-', operand: { kind: 'Int', value: BigInt(-n), span }, span } as A.Expr)
    : ({ kind: 'Int', value: BigInt(n), span } as A.Expr);
}

function astCall(fn: string, args: A.Expr[], span: Span): A.Expr {
  return { kind: 'Call', func: astName(fn, span), args, keywords: [], span } as A.Expr;
}

function astAnd(left: A.Expr, right: A.Expr): A.Expr {
  return { kind: 'BoolOp', op: 'and', left, right, span: left.span } as A.Expr;
}

/** An exception class for infer: its classes, builtin base and attributes, typed where a parameter's annotation says. */
function lowerExceptionClass(exc: ExceptionClass, info: ModuleInfo): IrExceptionClass {
  const fields = new Map<string, Type | undefined>();
  // Class constants are attributes typed by the values raised.
  for (const name of exc.consts.keys()) fields.set(name, undefined);
  const params = new Map((exc.init?.params ?? []).map((p) => [p.name, p]));
  for (const st of exc.init?.body ?? []) {
    const target =
      st.kind === 'Assign' && st.targets.length === 1
        ? st.targets[0]!
        : st.kind === 'AnnAssign'
          ? st.target
          : undefined;
    const name = target ? selfAttribute(target) : undefined;
    if (name === undefined || (st.kind !== 'Assign' && st.kind !== 'AnnAssign')) continue;
    const annotation =
      st.kind === 'AnnAssign'
        ? st.annotation
        : st.value.kind === 'Name'
          ? params.get(st.value.id)?.annotation
          : undefined;
    const type = annotation
      ? lowerAnnotation(
          annotation,
          info.imports,
          new DiagnosticSink(),
          info.typeAliases,
          0,
          info.structNames,
          info.enumNames,
        )
      : undefined;
    fields.set(name, type && type.kind !== 'unknown' ? type : undefined);
  }
  return { name: exc.name, classes: exc.classes, builtin: exc.builtin, fields };
}

/** The struct of a `@dataclass` or a pydantic `BaseModel` subclass; undefined for other classes. */
function lowerStruct(cls: A.ClassDef, info: ModuleInfo, sink: DiagnosticSink): IrStruct | undefined {
  if (!isStructClass(cls, info.imports)) return undefined;
  const isPydantic = cls.bases.some((b) => moduleQualified(b, info.imports) === 'pydantic.BaseModel');
  const fields = structFields(cls, info, sink);
  const namedTuple = cls.bases.some((b) => NAMED_TUPLE_BASE.test(moduleQualified(b, info.imports) ?? ''));
  const dataclass = cls.decorators.some(
    (d) => moduleQualified(d.kind === 'Call' ? d.func : d, info.imports) === 'dataclasses.dataclass',
  );
  const typedDict = cls.bases.some((b) =>
    /^typing(_extensions)?\.TypedDict$/.test(moduleQualified(b, info.imports) ?? ''),
  );
  const hash = namedTuple ? 'fields' : structHash(cls, info.imports, isPydantic);
  const frozen = cls.decorators.some(
    (d) =>
      d.kind === 'Call' &&
      moduleQualified(d.func, info.imports) === 'dataclasses.dataclass' &&
      d.keywords.some((k) => k.name === 'frozen' && k.value.kind === 'Bool' && k.value.value),
  );
  // `collections.namedtuple`: untyped fields, which take the types their constructions give them (as a plain class's).
  const untyped = cls.bases.some((b) => moduleQualified(b, info.imports) === 'collections.namedtuple');
  // A field with a default starts as the default's type.
  if (untyped) for (const f of fields) f.type = (f.default ? typeOfConst(f.default) : undefined) ?? T.unknown;
  return {
    name: cls.name,
    fields,
    ...(untyped ? { inferred: true } : {}),
    ...(frozen ? { frozen } : {}),
    validates: isPydantic,
    span: cls.nameSpan,
    ...(namedTuple ? { namedTuple } : {}),
    ...(typedDict ? { typedDict } : {}),
    ...(dataclass ? { dataclass } : {}),
    ...(hash ? { hash } : {}),
  };
}

/**
 * A dataclass's fields as CPython collects them: those of its dataclass bases first (in reverse method resolution
 * order), then its own; a field it declares again keeps its base's place with the new annotation and default.
 */
function structFields(
  cls: A.ClassDef,
  info: ModuleInfo,
  sink: DiagnosticSink,
  seen = new Set<string>(),
): IrStructField[] {
  seen.add(cls.name);
  const fields: IrStructField[] = [];
  const put = (f: IrStructField): void => {
    const at = fields.findIndex((g) => g.name === f.name);
    if (at >= 0) fields[at] = f;
    else fields.push(f);
  };
  for (const b of [...cls.bases].reverse()) {
    const base = b.kind === 'Name' ? info.classes.get(b.id) : undefined;
    if (base && !seen.has(base.name) && isStructClass(base, info.imports))
      for (const f of structFields(base, info, sink, seen)) put(f);
  }
  for (const f of ownStructFields(cls, info, sink)) put(f);
  return fields;
}

function ownStructFields(cls: A.ClassDef, info: ModuleInfo, sink: DiagnosticSink): IrStructField[] {
  const fields: IrStructField[] = [];
  for (const st of cls.body) {
    if (st.kind === 'AnnAssign' && st.target.kind === 'Name') {
      const type = lowerAnnotation(
        st.annotation,
        info.imports,
        sink,
        info.typeAliases,
        0,
        info.structNames,
        info.enumNames,
      );
      let dflt: ConstValue | undefined;
      const options = dataclassFieldOptions(st.value, info.imports);
      if (st.value && !options.noDefault) {
        try {
          const e = fieldDefault(st.value, info.imports);
          dflt =
            enumMemberConst(e, info) ??
            structConst(e, info, new Set([cls.name])) ??
            evalConst(e, new Map([...info.constants].map(([k, c]) => [k, c.value])));
        } catch (err) {
          if (!(err instanceof NotConstant)) throw err;
          sink.report('E0206', st.value.span, { name: `default of ${cls.name}.${st.target.id}`, hint: DEFAULT_HINT });
        }
      }
      fields.push({
        name: st.target.id,
        type,
        default: dflt,
        allowed: literalValues(st.annotation, info),
        ...(options.compare === false ? { compare: false as const } : {}),
        ...(options.repr === false ? { repr: false as const } : {}),
      });
    }
    // Methods and class constants are planned by `lower/classes.ts`.
  }
  return fields;
}

/**
 * How CPython hashes a dataclass's or pydantic model's instances (`IrStruct.hash`): `@dataclass(frozen=True)` or
 * `unsafe_hash=True` by the fields, `eq=False` by identity, otherwise (eq without frozen) not at all; a pydantic model
 * by its fields when `model_config` says `frozen=True`, otherwise not at all.
 */
function structHash(
  cls: A.ClassDef,
  imports: ReadonlyMap<string, string>,
  isPydantic: boolean,
): 'fields' | 'identity' | undefined {
  const flag = (kws: A.Keyword[], name: string): boolean | undefined => {
    const v = kws.find((k) => k.name === name)?.value;
    return v?.kind === 'Bool' ? v.value : undefined;
  };
  if (isPydantic) {
    for (const st of cls.body)
      if (
        st.kind === 'Assign' &&
        st.targets.some((t) => t.kind === 'Name' && t.id === 'model_config') &&
        st.value.kind === 'Call' &&
        flag(st.value.keywords, 'frozen') === true
      )
        return 'fields';
    return undefined;
  }
  const d = cls.decorators.find(
    (x) => moduleQualified(x.kind === 'Call' ? x.func : x, imports) === 'dataclasses.dataclass',
  );
  const kws = d?.kind === 'Call' ? d.keywords : [];
  if (flag(kws, 'unsafe_hash') === true) return 'fields';
  if (flag(kws, 'eq') === false) return 'identity';
  return flag(kws, 'frozen') === true ? 'fields' : undefined;
}

/**
 * Which classes `lower/classes.ts` plans: dataclasses and pydantic models (`struct`), and plain classes (`plain`) whose
 * bases are `object` or other such classes of the module; a class deriving from a library class (Enum, an exception, a
 * torch module) is not one of them.
 */
function classKind(cls: A.ClassDef, info: ModuleInfo, depth = 0): 'plain' | 'struct' | 'enum' | undefined {
  // An Enum's plain methods, properties, classmethods and staticmethods are planned like a class's.
  if (isEnumClass(cls, info.imports)) return depth === 0 ? 'enum' : undefined;
  if (isStructClass(cls, info.imports)) return 'struct';
  // An abstract base (`class Scorer(ABC)`, `metaclass=ABCMeta`) is a plain class: abstractness only forbids
  // instantiating it, which the compiled code never needs to check for a class whose subclasses are what is built.
  const abcMeta = (k: A.Keyword): boolean =>
    k.name === 'metaclass' && moduleQualified(k.value, info.imports) === 'abc.ABCMeta';
  if (cls.decorators.length > 0 || !cls.keywords.every(abcMeta) || depth > 32) return undefined;
  const userBases = cls.bases.every((b) => {
    if (moduleQualified(b, info.imports) === 'abc.ABC') return true;
    // `Generic[T]` and `Protocol` only type the class for a checker; a module class given type arguments
    // (`Base[T]`) is that class.
    if (['typing.Protocol', 'typing_extensions.Protocol'].includes(moduleQualified(b, info.imports) ?? '')) return true;
    if (b.kind === 'Subscript') {
      const q = moduleQualified(b.value, info.imports);
      if (q === 'typing.Generic' || q === 'typing.Protocol') return true;
      b = b.value;
    }
    if (b.kind !== 'Name') return false;
    if (b.id === 'object' && !info.classes.has(b.id)) return true;
    const base = info.classes.get(b.id);
    return base !== undefined && classKind(base, info, depth + 1) === 'plain';
  });
  return userBases ? 'plain' : undefined;
}

/** The struct of a plain class: the fields `__init__` assigns, typed by their annotation or later by infer. */
function lowerPlainClass(cls: A.ClassDef, info: ModuleInfo, sink: DiagnosticSink): IrStruct | undefined {
  const plan = info.classPlans.get(cls.name);
  if (plan?.kind !== 'plain') return undefined;
  const fields: IrStructField[] = plan.fields.map((f) => {
    const type = f.annotation
      ? lowerAnnotation(f.annotation, info.imports, sink, info.typeAliases, 0, info.structNames, info.enumNames)
      : T.unknown;
    // A field set first outside `__init__` is None until then (`lateFields` in `classes.ts`).
    return {
      name: f.name,
      type: f.late ? T.optional(type) : type,
      default: undefined,
      allowed: undefined,
      span: f.span,
      ...(f.late ? { late: true as const } : {}),
    };
  });
  return {
    name: cls.name,
    fields,
    validates: false,
    span: cls.nameSpan,
    inferred: true,
    hash: 'identity',
    classAttrs: [...plan.constants.keys()],
  };
}

/**
 * The module-level names that a decorator written in the module changes when it is applied at import time: for each
 * decorated module function, the decorator's function (`@register` or `@register("x")`) and every function nested in
 * it are scanned for changes of a module-level name (`REGISTRY[name] = fn`, `HOOKS.append(fn)`).
 */
function decoratorChangedGlobals(m: A.Module): Map<string, { span: Span; decorator: string }> {
  const defs = new Map<string, A.FunctionDef>();
  const globals = new Set<string>();
  for (const st of m.body) {
    if (st.kind === 'FunctionDef') defs.set(st.name, st);
    if (st.kind === 'Assign') st.targets.forEach((t) => t.kind === 'Name' && globals.add(t.id));
    if (st.kind === 'AnnAssign' && st.target.kind === 'Name') globals.add(st.target.id);
  }
  const out = new Map<string, { span: Span; decorator: string }>();
  for (const def of defs.values())
    for (const d of def.decorators) {
      const target = d.kind === 'Call' ? d.func : d;
      const g = target.kind === 'Name' ? defs.get(target.id) : undefined;
      if (!g) continue;
      // What runs when the decorator is applied: its body, and for a factory (`@register("x")`) the body of the
      // decorator it returns; not a wrapper's, which runs at each call (and mutates as any function does).
      const bodies: A.Stmt[][] = [g.body];
      if (d.kind === 'Call') for (const st of g.body) if (st.kind === 'FunctionDef') bodies.push(st.body);
      for (const body of bodies)
        for (const n of changedContainers(body))
          if (globals.has(n) && !out.has(n)) out.set(n, { span: d.span, decorator: g.name });
    }
  return out;
}

/** Every name a function's definition mentions (its body, parameters and annotations). */
function namesIn(def: A.FunctionDef): Set<string> {
  return namesInNode(def);
}

/** Every name an AST node (or array of nodes) mentions. */
function namesInNode(def: unknown): Set<string> {
  return namesUnder(def);
}

/** The values of a `Literal[...]` annotation (directly or through an alias), for pydantic's check. */
function literalValues(e: A.Expr, info: ModuleInfo, depth = 0): ConstValue[] | undefined {
  if (e.kind === 'Name' && info.typeAliases.has(e.id) && depth < 8)
    return literalValues(info.typeAliases.get(e.id)!, info, depth + 1);
  if (e.kind !== 'Subscript') return undefined;
  const q = moduleQualified(e.value, info.imports);
  if (q !== 'typing.Literal' && q !== 'typing_extensions.Literal') return undefined;
  const items = e.index.kind === 'Tuple' ? e.index.elts : [e.index];
  try {
    return items.map((x) => evalConst(x, new Map()));
  } catch {
    return undefined;
  }
}

/** Whether a module-level value is a type (`Literal[...]`, `Optional[int]`, `list[str]`), making its name an alias. */
function isTypeExpr(e: A.Expr, imports: ReadonlyMap<string, string>): boolean {
  // `T = TypeVar("T")`: annotations that name it take the types of the values (lower/annotations.ts).
  if (e.kind === 'Call') return TYPE_VARS.has(moduleQualified(e.func, imports) ?? '');
  if (e.kind === 'Subscript') {
    const q = e.value.kind === 'Name' ? (imports.get(e.value.id) ?? e.value.id) : moduleQualified(e.value, imports);
    return (
      q !== undefined &&
      (q.startsWith('typing.') || q.startsWith('typing_extensions.') || ['list', 'dict', 'set', 'tuple'].includes(q))
    );
  }
  if (e.kind === 'BinOp' && e.op === '|')
    return (
      isTypeExpr(e.left, imports) || isTypeExpr(e.right, imports) || e.left.kind === 'None' || e.right.kind === 'None'
    );
  return false;
}

const TYPE_VARS = new Set(['typing.TypeVar', 'typing_extensions.TypeVar']);

/** A decorator as written, without its arguments (`retry`, `mod.retry`). */
function decoratorText(d: A.Expr): string {
  const f = d.kind === 'Call' ? d.func : d;
  return f.kind === 'Name' ? f.id : f.kind === 'Attribute' ? `${decoratorText(f.value)}.${f.attr}` : 'this decorator';
}

/** The Python identity a module-level expression names through the imports. */
function moduleQualified(e: A.Expr, imports: ReadonlyMap<string, string>): string | undefined {
  if (e.kind === 'Name') return imports.get(e.id);
  if (e.kind === 'Attribute') {
    const base = moduleQualified(e.value, imports);
    return base === undefined ? undefined : `${base}.${e.attr}`;
  }
  return undefined;
}

/** Strips `.eval()`, `.to("cpu")` and similar calls that return the same model. */
function stripIdentityCalls(e: A.Expr): A.Expr {
  while (e.kind === 'Call' && e.func.kind === 'Attribute' && IDENTITY_METHODS.has(e.func.attr)) e = e.func.value;
  return e;
}

/**
 * Records `name = <resource constructor>(...)` or `name = Module(...)` for a torch.nn.Module
 * subclass. Returns false when the value is neither.
 */
function analyzeResource(
  name: string,
  value: A.Expr,
  info: ModuleInfo,
  values: Map<string, ConstValue>,
  baseDir: string,
): boolean {
  const e = stripIdentityCalls(value);
  if (e.kind === 'Subscript') {
    const t = makeTensorResource(name, e, value !== e, info, values, baseDir);
    if (t) info.resources.set(name, t);
    return t !== undefined;
  }
  if (e.kind !== 'Call') return false;
  const q = moduleQualified(e.func, info.imports);
  if (q && (LLAMA_CONSTRUCTORS.has(q) || LLAMA_CONSTRUCTORS.has(q.replace(/\.from_pretrained$/, '')))) {
    info.resources.set(name, makeLlamaResource(name, e, q.endsWith('.from_pretrained'), info, values, baseDir));
    return true;
  }
  const kind = q ? RESOURCE_CONSTRUCTORS[q] : undefined;
  if (kind) {
    const bad = unsupportedResourceKeyword(q!, kind, e, info.imports);
    info.resources.set(name, bad ?? makeResource(name, kind, e, values, baseDir, q!));
    return true;
  }
  if (e.func.kind === 'Name' && info.classes.has(e.func.id)) {
    const cls = info.classes.get(e.func.id)!;
    const isModule = cls.bases.some((b) =>
      ['torch.nn.Module', 'torch.nn.modules.module.Module'].includes(moduleQualified(b, info.imports) ?? ''),
    );
    if (!isModule) return false;
    const init = cls.body.find((s): s is A.FunctionDef => s.kind === 'FunctionDef' && s.name === '__init__');
    const forward = cls.body.find((s): s is A.FunctionDef => s.kind === 'FunctionDef' && s.name === 'forward');
    if (!forward) return false;
    // Run __init__ statically: its parameters are bound to the constructor's arguments.
    const bound = new Map<string, A.Expr>();
    init?.params.slice(1).forEach((p, i) => {
      const arg = e.args[i] ?? e.keywords.find((k) => k.name === p.name)?.value ?? p.default;
      if (arg) bound.set(p.name, arg);
    });
    const attrs = new Map<string, string>();
    for (const st of init?.body ?? []) {
      if (st.kind !== 'Assign' || st.targets.length !== 1) continue;
      const t = st.targets[0]!;
      if (t.kind !== 'Attribute' || t.value.kind !== 'Name' || t.value.id !== 'self') continue;
      const rhs = st.value.kind === 'Name' && bound.has(st.value.id) ? bound.get(st.value.id)! : st.value;
      const attrName = `${name}__${t.attr}`;
      const inner = stripIdentityCalls(rhs);
      if (inner.kind === 'Name' && info.resources.has(inner.id)) {
        attrs.set(t.attr, inner.id);
        continue;
      }
      if (analyzeResource(attrName, rhs, info, values, baseDir)) attrs.set(t.attr, attrName);
    }
    info.moduleObjects.set(name, { cls, attrs });
    const fname = `${name}__forward`;
    info.functions.set(fname, { ...forward, name: fname, params: forward.params.slice(1) });
    info.methodSelf.set(fname, name);
    return true;
  }
  return false;
}

/**
 * The first keyword of a model or tokenizer constructor that Ingot would otherwise drop although it changes what the
 * model computes, as a pending resource carrying the diagnostic; undefined when every keyword is honoured or changes
 * nothing (`RESOURCE_IGNORED_KEYWORDS`).
 */
function unsupportedResourceKeyword(
  qualified: string,
  kind: IrResource['kind'],
  call: A.CallExpr,
  imports: ReadonlyMap<string, string>,
): PendingResource | undefined {
  // `transformers.AutoModel.from_pretrained` -> `AutoModel.from_pretrained`, `sentence_transformers.CrossEncoder` -> `CrossEncoder`.
  const parts = qualified.split('.');
  const op = parts[parts.length - 1] === 'from_pretrained' ? parts.slice(-2).join('.') : parts[parts.length - 1]!;
  for (const k of call.keywords) {
    const name = k.name;
    if (name === 'pretrained_model_name_or_path' || name === 'model_name_or_path') continue;
    if (name !== undefined && RESOURCE_IGNORED_KEYWORDS.has(name)) continue;
    if (name === 'truncate_dim' && kind === 'SentenceTransformer') continue;
    // A tokenizer's sides are honoured when they are literals (`padding_side="left"`, as Qwen3-Embedding's card writes).
    if ((name === 'padding_side' || name === 'truncation_side') && kind === 'Tokenizer' && sideLiteral(k.value))
      continue;
    if (name === 'dtype' || name === 'torch_dtype') {
      const v = k.value;
      const q = moduleQualified(v, imports);
      if (q === 'torch.float32' || q === 'torch.float' || (v.kind === 'Str' && v.value === 'float32')) continue;
    }
    const arg = name === undefined ? '**' : `${name}=`;
    return {
      resource: undefined,
      span: k.span,
      problem: {
        code: 'E0240',
        args: {
          op: `${op}(...)`,
          arg,
          hint:
            name === 'dtype' || name === 'torch_dtype'
              ? 'compiled models compute in float32; remove it, or write `torch.float32`'
              : `it changes what the model computes and Ingot does not honour it; remove it (keywords that change nothing computed are accepted: ${[...RESOURCE_IGNORED_KEYWORDS].join(', ')})`,
        },
      },
    };
  }
  return undefined;
}

/** `"left"` or `"right"` as written, else undefined. */
function sideLiteral(e: A.Expr): 'left' | 'right' | undefined {
  return e.kind === 'Str' && (e.value === 'left' || e.value === 'right') ? e.value : undefined;
}

function makeResource(
  name: string,
  kind: IrResource['kind'],
  call: A.CallExpr,
  values: Map<string, ConstValue>,
  baseDir: string,
  qualified: string,
): PendingResource {
  const span = call.span;
  const idExpr =
    call.args[0] ??
    call.keywords.find((k) => k.name === 'pretrained_model_name_or_path' || k.name === 'model_name_or_path')?.value;
  let id: string | undefined;
  try {
    const v = idExpr ? evalConst(idExpr, values) : undefined;
    if (v?.kind === 'str') id = v.value;
  } catch (err) {
    if (!(err instanceof NotConstant)) throw err;
  }
  if (id === undefined)
    return { resource: undefined, span, problem: { code: 'E0222', args: { what: 'the model id' } } };
  let truncateDim: number | undefined;
  const td = call.keywords.find((k) => k.name === 'truncate_dim')?.value;
  if (td) {
    try {
      const v = evalConst(td, values);
      if (v.kind === 'int') truncateDim = Number(v.value);
    } catch (err) {
      if (!(err instanceof NotConstant)) throw err;
      return { resource: undefined, span, problem: { code: 'E0222', args: { what: '`truncate_dim`' } } };
    }
  }
  const side = (k: string): 'left' | 'right' | undefined => {
    const v = call.keywords.find((x) => x.name === k)?.value;
    return v ? sideLiteral(v) : undefined;
  };
  const [padding, truncation] = [side('padding_side'), side('truncation_side')];
  const sides =
    kind === 'Tokenizer' && (padding || truncation)
      ? { sides: { ...(padding ? { padding } : {}), ...(truncation ? { truncation } : {}) } }
      : {};
  const resolved = resolveModelDir(id, baseDir);
  if ('error' in resolved)
    return {
      resource: undefined,
      span,
      problem: { code: 'E0220', args: { id, searched: resolved.searched.join(', ') } },
    };
  const files = collectFiles(kind, resolved.dir);
  if ('error' in files)
    return {
      resource: undefined,
      span,
      problem: { code: 'E0221', args: { id, reason: files.error, hint: files.help } },
    };
  return {
    resource: {
      name,
      kind,
      id,
      dir: resolved.dir,
      files: files.files,
      architecture: files.architecture,
      truncateDim,
      ...sides,
      ...(kind === 'Tokenizer' ? { inputNames: readInputNames(resolved.dir, qualified) } : {}),
      ...(files.contextLength !== undefined ? { contextLength: files.contextLength } : {}),
      ...(files.prompts ? { prompts: files.prompts } : {}),
      ...(files.numLabels !== undefined ? { numLabels: files.numLabels } : {}),
      ...(files.samples ? { samples: true } : {}),
      line: span.line,
    },
    span,
  };
}

/**
 * `name = load_file(PATH)[KEY]`: one tensor of a safetensors file, where PATH is a constant
 * path (relative to the source file's folder) or `hf_hub_download(ID, FILE[, subfolder=])`,
 * found in the Hugging Face cache as a model id is. Undefined when `sub` is not that shape.
 */
function makeTensorResource(
  name: string,
  sub: A.SubscriptExpr,
  converted: boolean,
  info: ModuleInfo,
  values: Map<string, ConstValue>,
  baseDir: string,
): PendingResource | undefined {
  const load = sub.value;
  if (load.kind !== 'Call' || !SAFETENSORS_LOADERS.has(moduleQualified(load.func, info.imports) ?? ''))
    return undefined;
  const span = sub.span;
  const constStr = (x: A.Expr | undefined): string | undefined => {
    try {
      const v = x ? evalConst(x, values) : undefined;
      return v?.kind === 'str' ? v.value : undefined;
    } catch (err) {
      if (!(err instanceof NotConstant)) throw err;
      return undefined;
    }
  };
  const kw = (c: A.CallExpr, k: string): A.Expr | undefined => c.keywords.find((x) => x.name === k)?.value;
  const key = constStr(sub.index);
  if (key === undefined)
    return { resource: undefined, span, problem: { code: 'E0222', args: { what: 'the tensor name' } } };
  const fileArg = load.args[0] ?? kw(load, 'filename');
  const where = fileLocation(fileArg, info, values, baseDir, span, 'the safetensors file path');
  if (!('rel' in where)) return where;
  const { id, dir, rel } = where;
  const t = collectTensor(dir, rel, key);
  if ('error' in t)
    return { resource: undefined, span, problem: { code: 'E0221', args: { id, reason: t.error, hint: t.help } } };
  if (converted && t.tensor.dtype !== 'float32') {
    return {
      resource: undefined,
      span,
      problem: {
        code: 'E0221',
        args: {
          id,
          reason: `the tensor \`${key}\` is ${t.tensor.dtype} and is converted after loading`,
          hint: 'store it as float32, or convert it inside the function',
        },
      },
    };
  }
  return {
    resource: {
      name,
      kind: 'Tensor',
      id,
      dir,
      files: t.files,
      architecture: undefined,
      truncateDim: undefined,
      line: span.line,
      tensor: t.tensor,
    },
    span,
  };
}

/** A constant string, or undefined when `x` is not one. */
function constStrOf(x: A.Expr | undefined, values: Map<string, ConstValue>): string | undefined {
  try {
    const v = x ? evalConst(x, values) : undefined;
    return v?.kind === 'str' ? v.value : undefined;
  } catch (err) {
    if (!(err instanceof NotConstant)) throw err;
    return undefined;
  }
}

/**
 * Where a model file is: `hf_hub_download(ID, FILE[, subfolder=])`, found in the Hugging Face
 * cache as a model id is, or a constant path relative to the source file's folder. `what` names
 * the path in the diagnostic when it is not a constant.
 */
function fileLocation(
  fileArg: A.Expr | undefined,
  info: ModuleInfo,
  values: Map<string, ConstValue>,
  baseDir: string,
  span: Span,
  what: string,
): { id: string; dir: string; rel: string } | PendingResource {
  const constStr = (x: A.Expr | undefined): string | undefined => constStrOf(x, values);
  const kw = (c: A.CallExpr, k: string): A.Expr | undefined => c.keywords.find((x) => x.name === k)?.value;
  if (fileArg?.kind === 'Call' && HUB_FILE_FUNCTIONS.has(moduleQualified(fileArg.func, info.imports) ?? '')) {
    const repo = constStr(fileArg.args[0] ?? kw(fileArg, 'repo_id'));
    const filename = constStr(fileArg.args[1] ?? kw(fileArg, 'filename'));
    const subfolder = kw(fileArg, 'subfolder');
    const sf = subfolder ? constStr(subfolder) : '';
    if (repo === undefined)
      return { resource: undefined, span, problem: { code: 'E0222', args: { what: 'the repo id' } } };
    if (filename === undefined || sf === undefined)
      return { resource: undefined, span, problem: { code: 'E0222', args: { what: 'the file name' } } };
    for (const k of ['revision', 'repo_type']) {
      const v = kw(fileArg, k);
      if (v && !(k === 'repo_type' && constStr(v) === 'model')) {
        return {
          resource: undefined,
          span,
          problem: {
            code: 'E0221',
            args: {
              id: repo,
              reason: `\`${k}=\` is not supported`,
              hint: 'Ingot reads the model repo at the revision the Hugging Face cache calls main',
            },
          },
        };
      }
    }
    const resolved = resolveModelDir(repo, baseDir);
    if ('error' in resolved)
      return {
        resource: undefined,
        span,
        problem: { code: 'E0220', args: { id: repo, searched: resolved.searched.join(', ') } },
      };
    return { id: repo, dir: resolved.dir, rel: sf ? path.posix.join(sf, filename) : filename };
  }
  const p = constStr(fileArg);
  if (p === undefined) return { resource: undefined, span, problem: { code: 'E0222', args: { what } } };
  const abs = path.resolve(baseDir, p);
  return { id: p, dir: path.dirname(abs), rel: path.basename(abs) };
}

/**
 * The one file of a hub repo that `Llama.from_pretrained(repo_id, filename)` takes: `filename` is an
 * fnmatch pattern over the repo's files, here the files of its snapshot in the Hugging Face cache.
 */
function hubFileMatching(
  repo: string,
  pattern: string,
  baseDir: string,
  span: Span,
): { id: string; dir: string; rel: string } | PendingResource {
  const resolved = resolveModelDir(repo, baseDir);
  if ('error' in resolved)
    return {
      resource: undefined,
      span,
      problem: { code: 'E0220', args: { id: repo, searched: resolved.searched.join(', ') } },
    };
  const m = matchRepoFile(resolved.dir, pattern);
  if ('error' in m)
    return {
      resource: undefined,
      span,
      problem: { code: 'E0221', args: { id: repo, reason: m.error, hint: 'name exactly one .gguf file of the repo' } },
    };
  return { id: repo, dir: resolved.dir, rel: m.rel };
}

/**
 * `name = Llama(model_path=PATH, ...)` (llama-cpp-python): a chat model over one GGUF file, PATH
 * a constant or `hf_hub_download(ID, FILE)`; or `Llama.from_pretrained(ID, FILE_PATTERN, ...)`. `n_ctx`
 * cuts the context as llama-cpp-python does; keywords that only tune speed are accepted, any other is a diagnostic.
 */
function makeLlamaResource(
  name: string,
  call: A.CallExpr,
  fromPretrained: boolean,
  info: ModuleInfo,
  values: Map<string, ConstValue>,
  baseDir: string,
): PendingResource {
  const span = call.span;
  const kwArg = (k: string): A.Expr | undefined => call.keywords.find((x) => x.name === k)?.value;
  const pathArg = call.args[0] ?? kwArg('model_path');
  const own = fromPretrained ? ['repo_id', 'filename'] : ['model_path'];
  const unsupported = (id: string, reason: string, hint: string): PendingResource => ({
    resource: undefined,
    span,
    problem: { code: 'E0221', args: { id, reason, hint } },
  });
  if (call.args.length > own.length)
    return unsupported(
      'Llama',
      `only ${own.map((o) => `\`${o}\``).join(' and ')} may be passed by position`,
      'pass the other arguments by keyword',
    );
  let nCtx = LLAMA_DEFAULT_N_CTX;
  for (const k of call.keywords) {
    if ((k.name !== undefined && own.includes(k.name)) || (k.name !== undefined && LLAMA_IGNORED_KEYWORDS.has(k.name)))
      continue;
    if (k.name === 'n_ctx') {
      let v: ConstValue | undefined;
      try {
        v = evalConst(k.value, values);
      } catch (err) {
        if (!(err instanceof NotConstant)) throw err;
      }
      if (v?.kind !== 'int' || v.value < 0n)
        return unsupported('Llama', '`n_ctx` must be a constant int >= 0', 'write the context length as a literal');
      nCtx = Number(v.value);
      continue;
    }
    return unsupported(
      'Llama',
      k.name ? `\`Llama(${k.name}=...)\` is not supported` : '`**` in `Llama(...)` is not supported',
      `supported: ${own.join(', ')}, n_ctx, and ${[...LLAMA_IGNORED_KEYWORDS].join(', ')} (which change nothing computed)`,
    );
  }
  let where: { id: string; dir: string; rel: string } | PendingResource;
  if (fromPretrained) {
    const repo = constStrOf(call.args[0] ?? kwArg('repo_id'), values);
    const pattern = constStrOf(call.args[1] ?? kwArg('filename'), values);
    if (repo === undefined)
      return { resource: undefined, span, problem: { code: 'E0222', args: { what: 'the repo id' } } };
    if (pattern === undefined)
      return { resource: undefined, span, problem: { code: 'E0222', args: { what: 'the file name' } } };
    where = hubFileMatching(repo, pattern, baseDir, span);
  } else where = fileLocation(pathArg, info, values, baseDir, span, 'the model path');
  if (!('rel' in where)) return where;
  const g = collectGguf(path.join(where.dir, where.rel), nCtx);
  if ('error' in g) return unsupported(where.id, g.error, g.help);
  return {
    resource: {
      name,
      kind: 'Llama',
      id: where.id,
      dir: g.dir,
      files: g.files,
      architecture: g.architecture,
      truncateDim: undefined,
      contextLength: g.contextLength,
      line: span.line,
    },
    span,
  };
}

class FunctionLowerer {
  readonly calledFunctions = new Set<string>();
  readonly usedResources: IrResource[] = [];
  private locals = new Set<string>();
  /** The module cells this function declares `global` (`lower/globals.ts`): assigning one stores into the cell. */
  private globalNames = new Set<string>();
  /**
   * Locals bound once to `functools.cmp_to_key(f)` and used only as `key=` (`k = cmp_to_key(cmp)`, then
   * `sorted(xs, key=k)`): the binding is dropped and each `key=k` takes the call itself.
   */
  private cmpKeys = new Map<string, A.CallExpr>();
  /**
   * Locals bound once to a dict literal of str keys and constant values and read only as `**name` in calls
   * (`opts = {"sep": ",", "maxsplit": 1}` then `s.split(**opts)`): the binding is dropped and each call takes the
   * literal's keywords.
   */
  private kwargDicts = new Map<string, A.DictExpr>();
  /** Locals bound only to `logging.getLogger(...)`: loggers, whose `%`-style calls are formatted at the call site. */
  private localLoggers = new Set<string>();
  /** Lowering a constructor's struct literal, whose fields are stored as they are. */
  private storingFields = false;
  /** Locals bound once to a tuple of class names and read only as `isinstance`'s classes (`numeric = (int, float)`). */
  private classTuples = new Map<string, A.TupleExpr>();
  /** Nested functions that rebind enclosing locals (`nonlocal`), by local name: the names they give back. */
  private nonlocalFns = new Map<string, { rebinds: string[]; changed: string[] }>();
  /** The enclosing locals each nested function captures, by `<enclosing function>:<nested name>`: a lambda or another
   * nested function that calls it must capture them too, to pass them on. */
  private nestedCaptures = new Map<string, string[]>();
  /** For `obj.forward`, the module object `self` is bound to; `self.attr` names its resources. */
  private selfObj: string | undefined;
  /** The function being lowered. */
  private currentDef: A.FunctionDef | undefined;
  /** How many `except` blocks enclose the statement being lowered (a bare `raise` needs one). */
  private inHandler = 0;
  /**
   * Locals that hold an exception of known classes: an `except A as e` name (A's classes) and the `self` of a
   * method of an exception class (its class), so `e.method()` can find the method each class has.
   */
  private exceptionLocals = new Map<string, string[]>();
  /** The names `with` rewrites added so far (`contexts.ts`), and how many rewrites enclose the code being lowered. */
  private withNames = 0;
  private withDepth = 0;
  /** How many `try` statements (body, handlers or else) enclose the code being lowered. */
  private inTry = 0;

  constructor(
    private readonly info: ModuleInfo,
    private readonly sink: DiagnosticSink,
    private readonly isEntry: boolean,
  ) {}

  /**
   * `return NotImplemented` in a binary special method (`__eq__`, `__lt__`, `__add__`, `__radd__`, ...): what CPython
   * does after the reflected operation also gives NotImplemented (`notImplemented.ts`).
   */
  private notImplementedReturn(value: A.Expr): IrStmt[] | undefined {
    if (value.kind !== 'Name' || value.id !== 'NotImplemented' || this.locals.has('NotImplemented')) return undefined;
    const def = this.currentDef;
    // A method is lowered as `Cls__short` (`lower/classes.ts`): the class must define the special method itself.
    const at = def ? def.name.lastIndexOf('__') : -1;
    const cls = at > 0 ? this.info.classes.get(def!.name.slice(0, at)) : undefined;
    const special = `__${def?.name.slice(at + 2)}__`;
    if (!cls?.body.some((s) => s.kind === 'FunctionDef' && s.name === special)) return undefined;
    const out = notImplementedFallback(special, def!.params, value.span);
    return out ? this.block(out) : undefined;
  }

  /** The methods and functions that change an object they are given (`itemloops.ts`), found once per module. */
  private changing: { methods: Set<string>; fns: Set<string> } | undefined;

  lowerFunction(def0: A.FunctionDef): IrFunction {
    // The nested functions it calls that give back its captured locals (`nestedFunction`).
    for (const [k, v] of this.info.nestedGiving?.get(def0.name) ?? []) this.nonlocalFns.set(k, v);
    // Locals that only name a callable or a context manager are put back where they are used (`aliases.ts`).
    const inlined = inlineAliases(def0);
    // Locals that only name a module cell are the cell (`globals.ts`).
    const celled = inlineCellAliases(inlined, this.info.constants, bindCounts(inlined.body));
    // Loops that change the items of a list or dict reach them by index or key (`itemloops.ts`).
    this.changing ??= changingCallables(this.info.classes.values(), this.info.functions.values());
    const def = indexItemLoops(celled, this.changing.methods, this.changing.fns);
    this.currentDef = def;
    const excOwner = this.info.exceptionMethods.get(def.name);
    if (excOwner !== undefined) this.exceptionLocals.set('self', [excOwner]);
    this.selfObj = this.info.methodSelf.get(def.name);
    if (def.isAsync)
      this.sink.report('E0202', def.nameSpan, {
        construct: 'an async function',
        hint: 'compiled functions are synchronous; bindings run them off the main thread',
      });
    for (const d of def.decorators) this.checkDecorator(d);
    const params: IrParam[] = [];
    for (const p of def.params) {
      if (p.star) {
        // A helper's `*args` is the tuple, and `**kwargs` the dict, that each call site packs (`packStarArgs`);
        // infer types them per call like any unannotated parameter. An entry's signature is fixed by its bindings.
        if (this.isEntry) this.sink.report('E0210', p.span, { name: `${p.star === 'vararg' ? '*' : '**'}${p.name}` });
        else params.push({ name: p.name, annotation: undefined, default: undefined, span: p.span });
        continue;
      }
      if (!p.annotation && this.isEntry) this.sink.report('E0203', p.span, { name: p.name });
      let dflt: ConstValue | undefined;
      if (p.default) {
        try {
          dflt =
            enumMemberConst(p.default, this.info) ??
            evalConst(p.default, new Map([...this.info.constants].map(([k, c]) => [k, c.value])));
        } catch (err) {
          if (!(err instanceof NotConstant)) throw err;
          this.sink.report('E0206', p.default.span, { name: `default of ${p.name}`, hint: DEFAULT_HINT });
        }
        // CPython makes a list, dict or set default once and shares it between calls: a function that changes it
        // would see earlier calls' changes, where each compiled call starts from a fresh copy.
        if (
          (p.default.kind === 'List' || p.default.kind === 'Dict' || p.default.kind === 'Set') &&
          changedContainers(def.body).includes(p.name)
        )
          this.unsupported(
            p.default.span,
            `changing the parameter \`${p.name}\`, whose list, dict or set default CPython shares between calls`,
            `default to None and make it in the body (\`if ${p.name} is None: ${p.name} = ...\`)`,
          );
      }
      const annotation = p.annotation
        ? lowerAnnotation(
            p.annotation,
            this.info.imports,
            this.sink,
            this.info.typeAliases,
            0,
            this.info.structNames,
            this.info.enumNames,
          )
        : undefined;
      const dt = this.isEntry && annotation ? datetimeInside(annotation) : undefined;
      if (dt) this.sink.report('E0202', p.span, noDatetimeCrossing(dt, `the parameter \`${p.name}\``));
      if (this.isEntry && annotation) this.tupleEnumCrossing(annotation, p.span, `the parameter \`${p.name}\``);
      // An entry's bare `dict` or `list` takes whatever value JSON holds: a JSON object's keys are str, and its
      // values (a list's items) are dynamic. A helper's bare container takes its types from each call instead.
      const open = this.isEntry && annotation ? openContainer(annotation) : annotation;
      params.push({
        name: p.name,
        annotation: open && dflt ? widenForDefault(open, dflt) : open,
        default: dflt,
        span: p.span,
      });
    }
    this.locals = new Set(params.map((p) => p.name));
    collectAssigned(def.body, this.locals);
    // `global X` of a module cell: X's assignments here store into the cell (`lower/globals.ts`).
    this.globalNames = new Set(
      def.body
        .flatMap((st) => (st.kind === 'Global' && !st.nonlocal ? st.names : []))
        .filter((n) => this.info.constants.get(n)?.cell),
    );
    for (const n of this.globalNames) this.locals.delete(n);
    this.cmpKeys = cmpKeyLocals(def.body, this.info.imports);
    this.kwargDicts = kwargDictLocals(def.body);
    this.localLoggers = loggerBindings(def.body, this.info.imports).names;
    this.classTuples = classTupleLocals(def.body);
    const body = def.body[0]?.kind === 'Expr' && def.body[0].value.kind === 'Str' ? def.body.slice(1) : def.body;
    const docstring =
      def.body[0]?.kind === 'Expr' && def.body[0].value.kind === 'Str' ? def.body[0].value.value : undefined;
    const returnAnnotation = def.returns
      ? lowerAnnotation(
          def.returns,
          this.info.imports,
          this.sink,
          this.info.typeAliases,
          0,
          this.info.structNames,
          this.info.enumNames,
        )
      : undefined;
    const dtResult = this.isEntry && returnAnnotation ? datetimeInside(returnAnnotation) : undefined;
    if (dtResult && def.returns)
      this.sink.report('E0202', def.returns.span, noDatetimeCrossing(dtResult, 'the result'));
    if (this.isEntry && returnAnnotation && def.returns)
      this.tupleEnumCrossing(returnAnnotation, def.returns.span, 'the result');
    return {
      name: def.name,
      params,
      returnAnnotation,
      hasReturnAnnotation: def.returns !== undefined,
      body: this.block(body),
      span: def.nameSpan,
      docstring,
      isGenerator: containsYield(def.body),
    };
  }

  /** Decorators that do not change what the function computes: accepted and ignored. */
  private harmlessDecorator(d: A.Expr): boolean {
    const name = this.qualifiedName(d.kind === 'Call' ? d.func : d);
    const harmless = [
      'functools.lru_cache',
      'functools.cache',
      // Compiled code has no autograd, so the gradient switches change nothing.
      ...NOOP_CONTEXTS,
      'staticmethod',
      'typing.no_type_check',
      // Markers for type checkers and for instantiation checks: the method computes the same.
      'abc.abstractmethod',
      'typing.final',
      'typing.override',
      'typing_extensions.final',
      'typing_extensions.override',
    ];
    return name !== undefined && harmless.includes(name);
  }

  private checkDecorator(d: A.Expr): void {
    const name = this.qualifiedName(d.kind === 'Call' ? d.func : d);
    if (this.harmlessDecorator(d)) return;
    const problem = decoratorProblem(d);
    if (problem !== undefined) {
      this.sink.report('E0202', d.span, {
        construct: `the decorator \`${decoratorText(d)}\`, ${problem},`,
        hint: 'write the decorator as a function that defines a wrapper calling the function and returns it',
      });
      return;
    }
    this.sink.report('E0202', d.span, {
      construct: `the decorator \`${name ?? 'this decorator'}\``,
      hint: 'remove it; Ingot accepts only decorators that do not change the result',
    });
  }

  private block(body: A.Stmt[]): IrStmt[] {
    const out: IrStmt[] = [];
    for (const st of body) {
      const lowered = this.stmt(st);
      if (lowered) out.push(...lowered);
    }
    return out;
  }

  /**
   * `with EXPR as T: body` over an instance of a class of the module that defines `__enter__` and `__exit__`: a call
   * of the class, or a place (`guard`, `self.timer`), which may hold any of the module's manager classes. Several items
   * nest. Undefined when no item is such a manager (other `with` statements are handled, or reported, by the caller).
   */
  private classManagedWith(st: A.WithStmt): IrStmt[] | undefined {
    if (st.isAsync || st.items.length === 0) return undefined;
    const managerOf = (cls: string): ManagerClass | undefined => {
      const plan = this.info.classPlans.get(cls);
      const enter = plan?.methods.get('__enter__');
      const exit = plan?.methods.get('__exit__');
      const e = enter?.kind === 'instance' ? this.info.functions.get(enter.fn) : undefined;
      const x = exit?.kind === 'instance' ? this.info.functions.get(exit.fn) : undefined;
      return e && x ? { enter: e, exit: x } : undefined;
    };
    const all = [...this.info.classPlans.keys()].flatMap((c) => managerOf(c) ?? []);
    const classesOf = (ctx: A.Expr): ManagerClass[] | undefined => {
      if (ctx.kind === 'Call' && ctx.func.kind === 'Name') {
        const m = managerOf(ctx.func.id);
        return m ? [m] : undefined;
      }
      const place = (e: A.Expr): boolean => e.kind === 'Name' || (e.kind === 'Attribute' && place(e.value));
      if (!place(ctx) || all.length === 0) return undefined;
      // The classes the place is bound to by a call (`guard = Suppress(...)` in this function, `self.timer = Timer()`
      // in a method), when all of them are managers; else any manager class of the module.
      const bound = new Set<string>();
      let other = false;
      const scan = (v: unknown): void => {
        if (Array.isArray(v)) return v.forEach(scan);
        if (!v || typeof v !== 'object') return;
        const n = v as A.Stmt;
        if (n.kind === 'Assign' && n.targets.some((t) => samePlace(t, ctx))) {
          if (n.value.kind === 'Call' && n.value.func.kind === 'Name' && managerOf(n.value.func.id))
            bound.add(n.value.func.id);
          else other = true;
        }
        for (const [k, child] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') scan(child);
      };
      if (ctx.kind === 'Name') scan(this.currentDef?.body);
      else for (const c of this.info.classes.values()) scan(c.body);
      return bound.size > 0 && !other ? [...bound].map((c) => managerOf(c)!) : all;
    };
    const each = st.items.map((it) => classesOf(it.context));
    if (each.some((c) => c === undefined)) return undefined;
    // `with a, b:` is `with a: with b:`.
    let body = st.body;
    for (let i = st.items.length - 1; i >= 0; i--) {
      const r = classWith(st.items[i]!, body, each[i]!, st.span, i);
      if ('unsupported' in r) {
        this.unsupported(r.unsupported.span, r.unsupported.construct, r.unsupported.hint);
        return [];
      }
      body = r.stmts;
      r.locals.forEach((n) => this.locals.add(n));
    }
    return this.block(body);
  }

  /** The module class a local holds when its one binding in the function is `name = Cls(...)`. */
  private constructedClass(name: string): string | undefined {
    const def = this.currentDef;
    if (!def || def.params.some((p) => p.name === name) || bindCounts(def.body).get(name) !== 1) return undefined;
    let value: A.Expr | undefined;
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(visit);
      if (typeof v !== 'object' || v === null) return;
      const st = v as A.Stmt;
      if (
        st.kind === 'Assign' &&
        st.targets.length === 1 &&
        st.targets[0]!.kind === 'Name' &&
        st.targets[0]!.id === name
      )
        value = st.value;
      else if (st.kind === 'AnnAssign' && st.target.kind === 'Name' && st.target.id === name) value = st.value;
      for (const [k, x] of Object.entries(v)) if (k !== 'span') visit(x);
    };
    visit(def.body);
    const v = value as A.Expr | undefined;
    return v?.kind === 'Call' &&
      v.func.kind === 'Name' &&
      this.info.classes.has(v.func.id) &&
      !this.locals.has(v.func.id)
      ? v.func.id
      : undefined;
  }

  /** A `with` over `contextlib`'s managers or a `@contextmanager` generator, as the statements it stands for. */
  private contextlibWith(st: A.WithStmt): IrStmt[] | undefined {
    const r = rewriteWith(st, {
      qualified: (e) => this.qualifiedName(e),
      functions: this.info.functions,
      classes: this.info.classes,
      imports: this.info.imports,
      callerLocals: this.locals,
      unique: () => this.withNames++,
      receiverClass: (name) => this.constructedClass(name),
    });
    if (r === undefined) return undefined;
    if (this.withDepth > 16) {
      this.unsupported(st.span, 'a `@contextmanager` function that enters itself', 'enter it once');
      return [];
    }
    if ('unsupported' in r) {
      const u = r.unsupported;
      this.unsupported(u.span, u.construct, u.hint);
      return [];
    }
    for (const n of r.locals) this.locals.add(n);
    collectAssigned(r.stmts, this.locals);
    this.withDepth++;
    const out = this.block(r.stmts);
    this.withDepth--;
    return out;
  }

  /** An Enum whose members hold tuples has no value JSON form the bindings know (they take str or int members). */
  private tupleEnumCrossing(t: Type, span: Span, what: string): void {
    const walk = (x: Type): string | undefined => {
      if (x.kind === 'enum') {
        const cls = this.info.classes.get(x.name);
        return cls?.body.some((st) => st.kind === 'Assign' && st.value.kind === 'Tuple') ? x.name : undefined;
      }
      if (x.kind === 'list' || x.kind === 'set' || x.kind === 'optional' || x.kind === 'vartuple') return walk(x.item);
      if (x.kind === 'dict') return walk(x.key) ?? walk(x.value);
      if (x.kind === 'tuple' || x.kind === 'union')
        return (x.kind === 'tuple' ? x.items : x.members).map(walk).find((n) => n);
      return undefined;
    };
    const name = walk(t);
    if (name)
      this.unsupported(
        span,
        `the Enum \`${name}\`, whose members hold tuples, as ${what} of an entry function`,
        `pass the member's name (a str) and look it up with \`${name}[name]\``,
      );
  }

  private unsupported(span: Span, construct: string, hint: string): undefined {
    this.sink.report('E0202', span, { construct, hint });
    return undefined;
  }

  private stmt(st: A.Stmt): IrStmt[] | undefined {
    const span = st.span;
    const sentinel = rewriteSentinelIter(st, {
      qualified: (e) => this.qualifiedName(e),
      unique: () => this.withNames++,
    });
    if (sentinel) {
      for (const n of sentinel.locals) this.locals.add(n);
      collectAssigned(sentinel.stmts, this.locals);
      return this.block(sentinel.stmts);
    }
    switch (st.kind) {
      case 'Expr':
        if (st.value.kind === 'Str') return [];
        if (st.value.kind === 'Yield') {
          if (!st.value.value) return this.unsupported(span, 'a bare `yield`', 'yield a value');
          return [{ kind: 'yield', value: this.expr(st.value.value), from: st.value.from, span }];
        }
        return [{ kind: 'expr', value: this.expr(st.value), span }];
      case 'Assign': {
        const only = st.targets.length === 1 ? st.targets[0]! : undefined;
        // `self.log = logging.getLogger(name)`: the field holds the logger's name, and reading it gets the logger
        // (a logger is no value a class's fields can hold; CPython's loggers are one per name, so it is the same one).
        const loggerName = only && this.isLoggerAttr(only) ? loggerNameArg(st.value, this.info.imports) : undefined;
        if (loggerName) return this.stmt({ ...st, value: loggerName });
        if (only?.kind === 'Name' && this.cmpKeys.get(only.id) === st.value) return [];
        if (only?.kind === 'Name' && this.kwargDicts.get(only.id) === st.value) return [];
        if (only?.kind === 'Name' && this.classTuples.get(only.id) === st.value) return [];
        if (
          (only?.kind === 'Tuple' || only?.kind === 'List') &&
          only.elts.filter((x) => x.kind === 'Starred').length === 1
        )
          return this.block(starredAssign(only.elts, st.value, span));
        // A comprehension's length is known only when it runs: unpack it as a list whose length is checked.
        if ((only?.kind === 'Tuple' || only?.kind === 'List') && st.value.kind === 'Comp' && st.value.comp !== 'dict')
          return this.block(starredAssign(only.elts, st.value, span));
        const value = this.expr(st.value);
        if (st.targets.length === 1) return [{ kind: 'assign', target: this.target(st.targets[0]!), value, span }];
        // `a = b = v` binds the first target and copies it to the rest.
        const first = this.target(st.targets[0]!);
        const out: IrStmt[] = [{ kind: 'assign', target: first, value, span }];
        for (const t of st.targets.slice(1))
          out.push({ kind: 'assign', target: this.target(t), value: this.expr(st.targets[0]!), span });
        return out;
      }
      case 'AnnAssign': {
        if (!st.value) return [];
        // `out: list[str] = []`: the annotation types the variable (and fills the empty list's hole).
        const annotation =
          st.target.kind === 'Name'
            ? lowerAnnotation(
                st.annotation,
                this.info.imports,
                this.sink,
                this.info.typeAliases,
                0,
                this.info.structNames,
                this.info.enumNames,
              )
            : undefined;
        return [
          {
            kind: 'assign',
            target: this.target(st.target),
            value: this.expr(st.value),
            span,
            ...(annotation && annotation.kind !== 'unknown' ? { annotation } : {}),
          },
        ];
      }
      case 'AugAssign': {
        const target = this.target(st.target);
        const current = this.expr(st.target);
        return [
          {
            kind: 'assign',
            target,
            // `xs += it` is list/deque `__iadd__`, which extends by any iterable; infer takes `+` otherwise.
            value: {
              kind: 'op',
              op: st.op === '+' ? 'operator.iadd' : (INPLACE_SET_OPS[st.op] ?? BINOP[st.op]!),
              args: [current, this.expr(st.value)],
              kwargs: new Map(),
              span,
            },
            span,
          },
        ];
      }
      case 'Return': {
        const fallback = st.value ? this.notImplementedReturn(st.value) : undefined;
        if (fallback) return fallback;
        return [{ kind: 'return', value: st.value ? this.expr(st.value) : undefined, span }];
      }
      case 'If':
        return [
          { kind: 'if', test: this.expr(st.test), body: this.block(st.body), orelse: this.block(st.orelse), span },
        ];
      case 'For': {
        if (st.isAsync) return this.unsupported(span, '`async for`', 'use a plain `for` loop');
        const resized = resizedWhileIterated(st);
        const changed = resizedWhileIterated(st, true);
        // A local iterated by name (or through its dict view) and never bound again in the body, whose items or size
        // the body changes: a list's loop sees the change, a dict's or set's raises on a size change; which one,
        // infer decides once the type is known.
        const rebound = new Set<string>();
        forEachBinding(st.body, (n) => rebound.add(n));
        const direct =
          st.iter.kind === 'Name' ||
          (st.iter.kind === 'Call' &&
            st.iter.args.length === 0 &&
            st.iter.func.kind === 'Attribute' &&
            st.iter.func.value.kind === 'Name' &&
            ['keys', 'values', 'items'].includes(st.iter.func.attr));
        const tracked = changed && direct && !rebound.has(changed.name);
        if (resized && !tracked)
          return this.unsupported(
            resized.span,
            `changing the size of \`${resized.name}\` inside a loop over it (CPython raises RuntimeError for a dict or set, and a list's loop sees its own changes)`,
            `loop over a copy (\`for k in list(${resized.name}):\`), or build a new container`,
          );
        const loop: IrStmt & { kind: 'for' } = {
          kind: 'for',
          target: this.target(st.target),
          iter: this.iterExpr(st.iter),
          body: this.block(st.body),
          orelse: this.block(st.orelse),
          span,
        };
        if (tracked) loop.resized = { ...changed, size: resized !== undefined };
        return [loop];
      }
      case 'While':
        return [
          { kind: 'while', test: this.expr(st.test), body: this.block(st.body), orelse: this.block(st.orelse), span },
        ];
      case 'Break':
        return [{ kind: 'break', span }];
      case 'Continue':
        return [{ kind: 'continue', span }];
      case 'Pass':
        return [{ kind: 'pass', span }];
      case 'Raise':
        return this.raise(st);
      case 'Assert':
        return [{ kind: 'assert', test: this.expr(st.test), message: st.msg ? this.expr(st.msg) : undefined, span }];
      case 'Global':
        if (st.nonlocal) return this.unsupported(span, '`nonlocal`', 'return the new value instead');
        // `global NAME` in a function that only reads NAME changes nothing: the read is the module's value.
        if (st.names.every((n) => !this.locals.has(n))) return [];
        this.sink.report('E0208', span, { name: st.names.filter((n) => this.locals.has(n)).join(', ') });
        return undefined;
      case 'FunctionDef':
        return this.nestedFunction(st);
      case 'ClassDef':
        return this.unsupported(st.nameSpan, 'a class defined inside a function', 'define it at module level');
      case 'Import':
      case 'ImportFrom':
        // Hoisted to the module's imports by `functionImports`, when no other binding of the name was there first.
        if (importBindings(st).every(([name, target]) => this.info.imports.get(name) === target)) return [];
        return this.unsupported(
          span,
          'an import inside a function whose name is bound differently at module level',
          'rename the import (`import x as y`) or move it to module level',
        );
      case 'Try': {
        const handlers: IrHandler[] = [];
        // Inside a `try` (its body, handlers and else), an exception can be caught in this function.
        this.inTry++;
        for (const h of st.handlers) {
          // `except RETRYABLE` of a tuple of classes bound once (`RETRYABLE = (TimeoutError, ConnectionError)`).
          const named =
            h.type?.kind === 'Name' ? (this.classTuples.get(h.type.id) ?? this.moduleClassTuple(h.type.id)) : undefined;
          const spelled = named ?? h.type;
          const types = spelled === undefined ? [] : spelled.kind === 'Tuple' ? spelled.elts : [spelled];
          const classes: string[] = [];
          for (const t of types) {
            if (
              t.kind === 'Name' &&
              (EXCEPTIONS.has(t.id) || ['BaseException', 'NameError', 'IOError', 'EnvironmentError'].includes(t.id))
            )
              classes.push(t.id);
            else if (t.kind === 'Name' && !this.locals.has(t.id) && this.info.exceptions.has(t.id)) classes.push(t.id);
            // `re.error` (3.13: `re.PatternError`): the runtime names the class as CPython 3.11 does.
            else if (['re.error', 're.PatternError'].includes(this.qualifiedName(t) ?? '')) classes.push('error');
            else if (this.qualifiedName(t) === 'statistics.StatisticsError') classes.push('StatisticsError');
            else if (this.qualifiedName(t) === 'json.JSONDecodeError') classes.push('JSONDecodeError');
            else if (this.qualifiedName(t) === 'calendar.IllegalMonthError') classes.push('IllegalMonthError');
            // The codecs' errors (registry/ops/bytes.ts), and `binascii.Error`, which CPython names `Error`.
            else if (
              t.kind === 'Name' &&
              ['UnicodeError', 'UnicodeDecodeError', 'UnicodeEncodeError'].includes(t.id) &&
              !this.locals.has(t.id)
            )
              classes.push(t.id);
            else if (this.qualifiedName(t) === 'binascii.Error') classes.push('Error');
            // CPython names it `error` too; the runtime tells it from `re.error` by this token.
            else if (this.qualifiedName(t) === 'struct.error') classes.push('struct.error');
            else
              this.unsupported(t.span, 'catching this exception class', `catch one of: ${[...EXCEPTIONS].join(', ')}`);
          }
          if (h.type === undefined) classes.push('BaseException');
          this.inHandler++;
          const held = h.name !== undefined ? this.exceptionLocals.get(h.name) : undefined;
          if (h.name !== undefined) this.exceptionLocals.set(h.name, classes);
          handlers.push({ classes, name: h.name, body: this.block(h.body), span: h.span });
          if (h.name !== undefined) {
            if (held) this.exceptionLocals.set(h.name, held);
            else this.exceptionLocals.delete(h.name);
          }
          this.inHandler--;
        }
        const body = this.block(st.body);
        const orelse = this.block(st.orelse);
        this.inTry--;
        return [{ kind: 'try', body, handlers, orelse, finalbody: this.block(st.finalbody), span }];
      }
      case 'Match':
        return this.match(st);
      case 'With': {
        // `with io.StringIO() as buf:` binds the buffer and closes it when the block ends, however it ends, as the
        // buffer's __exit__ does: `buf = io.StringIO()` then `try: body finally: buf.close()`.
        const item = st.items.length === 1 && !st.isAsync ? st.items[0]! : undefined;
        if (
          item?.target?.kind === 'Name' &&
          item.context.kind === 'Call' &&
          this.qualifiedName(item.context.func) === 'io.StringIO' &&
          item.context.args.length === 0 &&
          item.context.keywords.length === 0
        ) {
          const target = item.target;
          const close: A.Stmt = {
            kind: 'Expr',
            span,
            value: {
              kind: 'Call',
              span,
              func: { kind: 'Attribute', span, value: target, attr: 'close' },
              args: [],
              keywords: [],
            },
          };
          return this.block([
            { kind: 'Assign', span, targets: [target], value: item.context },
            { kind: 'Try', span, body: st.body, handlers: [], orelse: [], finalbody: [close] },
          ]);
        }
        // A module-level `threading.Lock()`: acquired around the body (`lower/globals.ts`).
        const locked = lockWith(st, (n) => !this.locals.has(n) && this.moduleLock(n));
        if (locked) return this.block(locked);
        // A manager of the module's own classes: its `__enter__` and `__exit__` around the body (`lower/withclass.ts`).
        const managed = this.classManagedWith(st);
        if (managed) return managed;
        const rewritten = this.contextlibWith(st);
        if (rewritten !== undefined) return rewritten;
        // torch.no_grad(), torch.inference_mode() and torch.set_grad_enabled() change nothing in compiled code.
        const noop = st.items.every(
          (it) =>
            !it.target && it.context.kind === 'Call' && NOOP_CONTEXTS.has(this.qualifiedName(it.context.func) ?? ''),
        );
        if (!noop || st.isAsync) {
          this.sink.report('E0223', span);
          return undefined;
        }
        return this.block(st.body);
      }
      case 'Delete': {
        // `del x[i]` / `del d[k]` remove an item; deleting a name or an attribute is not supported.
        const out: IrStmt[] = [];
        for (const t of st.targets) {
          if (t.kind !== 'Subscript')
            return this.unsupported(
              t.span,
              '`del` of a name or an attribute',
              'delete items only (`del d[k]`), or rebind the name',
            );
          out.push({
            kind: 'expr',
            value: {
              kind: 'op',
              op: 'operator.delitem',
              args: [this.expr(t.value), this.expr(t.index)],
              kwargs: new Map(),
              span: t.span,
            },
            span,
          });
        }
        return out;
      }
      case 'Unsupported':
        return this.unsupported(span, st.what, 'code built at run time cannot be compiled ahead of time');
    }
  }

  /**
   * `match` becomes an if/else chain over a temporary holding the subject. Each pattern becomes the test Python
   * source would spell for it (`isinstance(s, (list, tuple)) and len(s) == 2 and s[0] == 1`), and the names it
   * captures are bound at the start of the case's body to the parts of the subject they take (`x = s[1]`); a guard
   * reads those parts directly, so a guard that fails binds nothing. A case without a test or guard ends the chain,
   * which lets infer see that the match is exhaustive.
   */
  private match(st: A.MatchStmt): IrStmt[] | undefined {
    const span = st.span;
    const n = `__match_${span.line}_${span.col}`;
    this.locals.add(n);
    const subject: A.Expr = { kind: 'Name', id: n, span: st.subject.span };
    const chain = (i: number): IrStmt[] | undefined => {
      const c = st.cases[i];
      if (!c) return [];
      const captures = new Map<string, A.Expr>();
      const test = this.patternTest(c.pattern, subject, captures);
      if (test === undefined) return undefined;
      const binds: IrStmt[] = [...captures].map(([name, value]) => {
        this.locals.add(name);
        return {
          kind: 'assign',
          target: { kind: 'name', name, span: c.pattern.span },
          value: this.expr(value),
          span: c.pattern.span,
        };
      });
      const body = [...binds, ...this.block(c.body)];
      const guard = c.guard ? substitute(c.guard, captures, new Map()) : undefined;
      const cond = test === true ? guard : guard ? astAnd(test, guard) : test;
      if (!cond) return body;
      const rest = chain(i + 1);
      if (rest === undefined) return undefined;
      return [{ kind: 'if', test: this.expr(cond), body, orelse: rest, span: c.span }];
    };
    const stmts = chain(0);
    if (stmts === undefined) return undefined;
    return [{ kind: 'assign', target: { kind: 'name', name: n, span }, value: this.expr(st.subject), span }, ...stmts];
  }

  /**
   * The test of one pattern against `subject` as a Python expression (`true` when it always matches); each name
   * the pattern captures is added to `captures` with the part of the subject it takes.
   */
  private patternTest(p: A.Pattern, subject: A.Expr, captures: Map<string, A.Expr>): A.Expr | true | undefined {
    const at = p.span;
    const all = (parts: (A.Expr | true | undefined)[]): A.Expr | true | undefined => {
      if (parts.includes(undefined)) return undefined;
      const tests = parts.filter((x): x is A.Expr => x !== true);
      return tests.length === 0 ? true : tests.reduce((l, r) => astAnd(l, r));
    };
    switch (p.kind) {
      case 'Wildcard':
        return true;
      case 'Capture':
        captures.set(p.name, subject);
        return true;
      case 'As': {
        const t = this.patternTest(p.pattern, subject, captures);
        captures.set(p.name, subject);
        return t;
      }
      case 'Value':
        return { kind: 'Compare', left: subject, ops: ['=='], comparators: [p.value], span: at } as A.Expr;
      case 'Or': {
        const tests: A.Expr[] = [];
        for (const q of p.patterns) {
          const before = captures.size;
          const t = this.patternTest(q, subject, captures);
          if (t === undefined) return undefined;
          if (captures.size !== before)
            return this.unsupported(
              q.span,
              'a capture inside an `|` pattern',
              'capture the whole alternative with `as`',
            );
          if (t === true) return true;
          tests.push(t);
        }
        return tests.reduce((l, r) => ({ kind: 'BoolOp', op: 'or', left: l, right: r, span: at }) as A.Expr);
      }
      case 'Sequence': {
        const star = p.items.findIndex((x) => x.kind === 'Star');
        if (p.items.filter((x) => x.kind === 'Star').length > 1) return undefined;
        const n = p.items.length;
        const len = astCall('len', [subject], at);
        const parts: (A.Expr | true | undefined)[] = [
          astCall(
            'isinstance',
            [subject, { kind: 'Tuple', elts: [astName('list', at), astName('tuple', at)], span: at } as A.Expr],
            at,
          ),
          star < 0
            ? ({ kind: 'Compare', left: len, ops: ['=='], comparators: [astInt(n, at)], span: at } as A.Expr)
            : ({ kind: 'Compare', left: len, ops: ['>='], comparators: [astInt(n - 1, at)], span: at } as A.Expr),
        ];
        p.items.forEach((q, i) => {
          if (q.kind === 'Star') {
            const after = n - 1 - i;
            const slice = {
              kind: 'Slice',
              lower: astInt(i, at),
              upper: after > 0 ? astInt(-after, at) : undefined,
              step: undefined,
              span: at,
            };
            if (q.name)
              captures.set(
                q.name,
                astCall('list', [{ kind: 'Subscript', value: subject, index: slice, span: at } as A.Expr], at),
              );
            return;
          }
          const index = star >= 0 && i > star ? astInt(i - n, at) : astInt(i, at);
          parts.push(
            this.patternTest(q, { kind: 'Subscript', value: subject, index, span: q.span } as A.Expr, captures),
          );
        });
        return all(parts);
      }
      case 'Mapping': {
        // `**rest`: a new dict of the subject's other items, in the subject's order.
        if (p.rest) {
          const k = astName(`__rest_k_${at.line}_${at.col}`, at);
          const v = astName(`__rest_v_${at.line}_${at.col}`, at);
          captures.set(p.rest, {
            kind: 'Comp',
            comp: 'dict',
            elt: k,
            value: v,
            generators: [
              {
                target: { kind: 'Tuple', elts: [k, v], span: at } as A.Expr,
                iter: {
                  kind: 'Call',
                  func: { kind: 'Attribute', value: subject, attr: 'items', span: at },
                  args: [],
                  keywords: [],
                  span: at,
                } as A.Expr,
                ifs: [
                  {
                    kind: 'Compare',
                    left: k,
                    ops: ['not in'],
                    comparators: [{ kind: 'Tuple', elts: p.keys, span: at } as A.Expr],
                    span: at,
                  } as A.Expr,
                ],
                isAsync: false,
                span: at,
              },
            ],
            span: at,
          } as A.Expr);
        }
        const parts: (A.Expr | true | undefined)[] = [astCall('isinstance', [subject, astName('dict', at)], at)];
        p.keys.forEach((k, i) => {
          parts.push({ kind: 'Compare', left: k, ops: ['in'], comparators: [subject], span: k.span } as A.Expr);
          parts.push(
            this.patternTest(
              p.values[i]!,
              { kind: 'Subscript', value: subject, index: k, span: k.span } as A.Expr,
              captures,
            ),
          );
        });
        return all(parts);
      }
      case 'Class': {
        const builtin =
          p.cls.kind === 'Name' && ['int', 'float', 'str', 'bool', 'list', 'dict', 'tuple', 'set'].includes(p.cls.id);
        // A class of the module: `isinstance`, then each keyword pattern against that attribute and each positional one
        // against the attribute `__match_args__` names at its place (a dataclass's or NamedTuple's fields in order).
        const own = p.cls.kind === 'Name' && !this.locals.has(p.cls.id) ? this.info.classes.get(p.cls.id) : undefined;
        if (own && !this.info.enumNames.has(own.name)) {
          const names = matchArgs(own, this.info.imports);
          if (p.args.length > 0 && (names === undefined || p.args.length > names.length))
            return this.unsupported(
              p.args[0]!.span,
              `a positional pattern of the class \`${own.name}\`, ${names === undefined ? 'which has no `__match_args__`' : `whose \`__match_args__\` has ${names.length}`}`,
              'match its attributes by keyword (`case Cls(name=pattern)`)',
            );
          const attr = (name: string, sp: Span): A.Expr =>
            ({ kind: 'Attribute', value: subject, attr: name, span: sp }) as A.Expr;
          return all([
            astCall('isinstance', [subject, p.cls], at),
            ...p.args.map((q, i) => this.patternTest(q, attr(names![i]!, q.span), captures)),
            ...p.kwargs.map((k) => this.patternTest(k.pattern, attr(k.name, k.pattern.span), captures)),
          ]);
        }
        if (!builtin || p.kwargs.length > 0 || p.args.length > 1)
          return this.unsupported(
            p.span,
            'this class pattern',
            'class patterns test a builtin type with at most one positional pattern (`case str(s):`); match other classes with `case _ if` and a guard that reads their fields',
          );
        // `case str(c):` binds c to the subject as that class (`str(subject)`, the subject itself once the isinstance
        // test passed), so a subject of a wider type (a dynamic JSON value, a union) gives a capture of that type. Not for
        // int: True is an int there, and int(True) is 1.
        const as =
          p.cls.kind === 'Name' && ['str', 'float', 'list', 'dict'].includes(p.cls.id)
            ? astCall(p.cls.id, [subject], at)
            : subject;
        return all([
          astCall('isinstance', [subject, p.cls], at),
          ...p.args.map((q) => this.patternTest(q, as, captures)),
        ]);
      }
      case 'Star':
        return this.unsupported(p.span, 'a `*` pattern outside a sequence pattern', 'use it inside `[...]`');
      case 'Unsupported':
        this.unsupported(
          p.span,
          'this `case` pattern',
          'use literal values, names, `_`, `|`, `as`, sequence, mapping and builtin class patterns',
        );
        return undefined;
    }
  }

  private raise(st: A.RaiseStmt): IrStmt[] | undefined {
    const out = this.raiseExc(st);
    if (!out || !st.cause) return out;
    // `raise X from e` / `from None`: the raise (the last statement) carries the cause.
    const cause: IrExpr =
      st.cause.kind === 'None' ? { kind: 'const', value: { kind: 'none' }, span: st.cause.span } : this.expr(st.cause);
    const last = out[out.length - 1];
    if (last?.kind === 'raise') out[out.length - 1] = { ...last, cause };
    return out;
  }

  private raiseExc(st: A.RaiseStmt): IrStmt[] | undefined {
    const exc = st.exc;
    if (!exc && this.inHandler > 0) return [{ kind: 'reraise', span: st.span }];
    if (!exc)
      return this.unsupported(
        st.span,
        'a bare `raise` outside an `except` block',
        'raise a specific exception, for example `raise ValueError("...")`',
      );
    const callee = exc.kind === 'Call' ? exc.func : exc;
    // `raise exc_cls(msg)`, `raise ERRORS[kind](msg)`: a class held as a value, whose call raises it
    // (`exceptionValue`). Should it return (a class that is no exception), CPython's TypeError follows. A bare
    // `raise name` more often holds a caught exception (`raise last_error`), which stays unsupported.
    const held =
      exc.kind === 'Call' &&
      (callee.kind === 'Name'
        ? this.locals.has(callee.id) && !this.exceptionLocals.has(callee.id)
        : callee.kind === 'Subscript' || callee.kind === 'Call');
    if (held) {
      const call = exc;
      const notException: A.RaiseStmt = {
        kind: 'Raise',
        exc: {
          kind: 'Call',
          func: { kind: 'Name', id: 'TypeError', span: exc.span },
          args: [{ kind: 'Str', value: 'exceptions must derive from BaseException', span: exc.span } as A.Expr],
          keywords: [],
          span: exc.span,
        },
        cause: undefined,
        span: st.span,
      };
      return [{ kind: 'expr', value: this.expr(call), span: st.span }, ...(this.raiseExc(notException) ?? [])];
    }
    // A library's exception class that takes one message (`statistics.StatisticsError`): the runtime's kind of it.
    const library = MODULE_EXCEPTIONS[this.qualifiedName(callee) ?? ''];
    const name = library ?? (callee.kind === 'Name' ? callee.id : undefined);
    const userClass = name !== undefined && !this.locals.has(name) ? this.info.exceptions.get(name) : undefined;
    if (userClass) return this.raiseUser(userClass, exc, st.span);
    if (!name || !(EXCEPTIONS.has(name) || library)) {
      return this.unsupported(exc.span, 'raising this exception', `raise one of: ${[...EXCEPTIONS].join(', ')}`);
    }
    const args = exc.kind === 'Call' ? exc.args : [];
    // `ValueError(msg, n)`: `e.args` is the tuple and `str(e)` its repr, as for an instance of a user class.
    if (args.length > 1 && OS_ERRORS.has(name))
      return this.unsupported(
        exc.span,
        `\`${name}\` with several arguments (its errno form)`,
        'pass one message string',
      );
    if (args.length > 1 && !args.some((a) => a.kind === 'Starred') && exc.kind === 'Call' && exc.keywords.length === 0)
      return [
        {
          kind: 'raise',
          exception: name,
          message: undefined,
          span: st.span,
          user: { classes: [], args: args.map((a) => this.expr(a)), fields: [] },
        },
      ];
    if (args.length > 1)
      return this.unsupported(exc.span, 'an exception with several arguments', 'pass one message string');
    return [{ kind: 'raise', exception: name, message: args[0] ? this.expr(args[0]) : undefined, span: st.span }];
  }

  /**
   * `raise Cls(args)` of a user exception class: the arguments are bound to the `__init__` parameters (hidden locals,
   * in CPython's order of evaluation), each `super().__init__(...)` argument and `self.attr = value` is evaluated
   * into another, and the raise carries them. Without an `__init__` (or before `super().__init__` runs), `e.args` is
   * the positional arguments, as `BaseException.__new__` keeps them.
   */
  private raiseUser(cls: ExceptionClass, exc: A.Expr, span: Span): IrStmt[] | undefined {
    const out: IrStmt[] = [];
    for (const st of cls.unsupported)
      this.unsupported(
        st.span,
        `this member of the exception class \`${cls.name}\``,
        'an exception class may define `__init__` (calling `super().__init__(...)` and setting `self.name = value`), class constants and plain methods of `self`',
      );
    const call = exc.kind === 'Call' ? exc : undefined;
    const given = call?.args ?? [];
    const keywords = call?.keywords ?? [];
    if (given.some((a) => a.kind === 'Starred') || keywords.some((k) => k.name === undefined))
      return this.unsupported(
        exc.span,
        '`*args` or `**kwargs` in raising an exception',
        'pass the arguments one by one',
      );
    let n = 0;
    const hidden = (value: A.Expr): A.Expr => {
      const name = `__exc_${span.line}_${span.col}_${n++}`;
      this.locals.add(name);
      out.push({
        kind: 'assign',
        target: { kind: 'name', name, span: value.span },
        value: this.expr(value),
        span: value.span,
      });
      return { kind: 'Name', id: name, span: value.span } as A.Expr;
    };
    const positional = given.map(hidden);
    let args = positional;
    const fields: { name: string; value: IrExpr }[] = [];
    const attrs = new Map<string, A.Expr>();
    const setField = (attr: string, value: A.Expr): void => {
      attrs.set(attr, value);
      const prev = fields.findIndex((f) => f.name === attr);
      if (prev >= 0) fields.splice(prev, 1);
      fields.push({ name: attr, value: this.expr(value) });
    };
    // Class constants (`status = 404`) are attributes of every instance, until `__init__` sets its own.
    for (const [attr, value] of cls.consts) setField(attr, hidden(value));
    // The `__init__` in effect, bound to the arguments; its `super().__init__(...)` runs the next user base's
    // `__init__` the same way, or, for a builtin base, gives `e.args`.
    const runInit = (owner: ExceptionClass | undefined, pos: A.Expr[], kws: A.Keyword[]): boolean => {
      const init = owner?.init;
      if (!owner || !init) {
        if (kws.length > 0) {
          this.unsupported(
            exc.span,
            'keyword arguments to an exception without `__init__`',
            `CPython raises TypeError: ${cls.name}() takes no keyword arguments`,
          );
          return false;
        }
        args = pos;
        return true;
      }
      const params = init.params.slice(1);
      if (params.some((p) => p.star)) {
        this.unsupported(init.span, "`*args` or `**kwargs` in an exception's `__init__`", 'name each parameter');
        return false;
      }
      const names = new Map<string, A.Expr>();
      const arity = (): boolean => {
        this.sink.report('E0305', exc.span, {
          name: owner.initOwner ?? cls.name,
          expected: params.length,
          actual: pos.length + kws.length,
        });
        return false;
      };
      for (const [i, p] of params.entries()) {
        const kw = kws.find((k) => k.name === p.name);
        const value =
          i < pos.length && !p.keywordOnly ? pos[i] : kw ? hidden(kw.value) : p.default ? hidden(p.default) : undefined;
        if (!value) return arity();
        names.set(p.name, value);
      }
      if (pos.length > params.length || kws.some((k) => !params.some((p) => p.name === k.name))) return arity();
      const body = init.body[0]?.kind === 'Expr' && init.body[0].value.kind === 'Str' ? init.body.slice(1) : init.body;
      for (const st of body) {
        const passed = superInitCall(st);
        if (passed) {
          const next = this.info.exceptions.get(owner.initOwner ?? '')?.parent;
          const nextCls = next !== undefined ? this.info.exceptions.get(next) : undefined;
          const sub = (x: A.Expr): A.Expr => hidden(substitute(x, names, attrs));
          const passedKws = passed.keywords.map((k) => ({ ...k, value: sub(k.value) }));
          if (!runInit(nextCls, passed.args.map(sub), passedKws)) return false;
          continue;
        }
        const target =
          st.kind === 'Assign' && st.targets.length === 1
            ? st.targets[0]!
            : st.kind === 'AnnAssign'
              ? st.target
              : undefined;
        const attr = target ? selfAttribute(target) : undefined;
        if (attr !== undefined && (st.kind === 'Assign' || (st.kind === 'AnnAssign' && st.value))) {
          setField(attr, hidden(substitute(st.value!, names, attrs)));
          continue;
        }
        if (st.kind === 'Pass') continue;
        this.unsupported(
          st.span,
          `this statement in the \`__init__\` of \`${owner.initOwner ?? cls.name}\``,
          'call `super().__init__(...)` and set attributes with `self.name = value`; compute anything else before raising',
        );
        return false;
      }
      return true;
    };
    if (!runInit(cls, positional, keywords)) return undefined;
    // `__str__` returning one expression of the instance's attributes: `str(e)` is that value, computed as the
    // exception is made (the attributes do not change after it is raised), which the runtime keeps as its message.
    const str = cls.methods.get('__str__')?.def;
    if (str) {
      const body = str.body.filter((b) => !(b.kind === 'Expr' && b.value.kind === 'Str'));
      const ret = body.length === 1 && body[0]!.kind === 'Return' ? body[0].value : undefined;
      const value = ret ? substitute(ret, new Map(), attrs) : undefined;
      if (!value || mentions(value, 'self'))
        return this.unsupported(
          str.span,
          `this \`__str__\` of the exception class \`${cls.name}\``,
          'return one expression of the attributes `__init__` sets (`return f"{self.field}: {self.reason}"`)',
        );
      fields.push({ name: '__str__', value: this.expr(hidden(value)) });
    }
    out.push({
      kind: 'raise',
      exception: cls.builtin,
      message: undefined,
      span,
      user: { classes: cls.classes, args: args.map((a) => this.expr(a)), fields },
    });
    return out;
  }

  private target(t: A.Expr): IrTarget {
    switch (t.kind) {
      case 'Name':
        if (this.globalNames.has(t.id)) return { kind: 'global', name: t.id, span: t.span };
        if (!this.locals.has(t.id)) this.locals.add(t.id);
        return { kind: 'name', name: t.id, span: t.span };
      case 'Tuple':
      case 'List':
        if (t.elts.some((e) => e.kind === 'Starred')) {
          this.unsupported(t.span, 'starred unpacking', 'unpack a fixed number of names');
        }
        return { kind: 'tuple', items: t.elts.map((e) => this.target(e)), span: t.span };
      case 'Subscript':
        return { kind: 'index', object: this.expr(t.value), index: this.expr(t.index), span: t.span };
      case 'Attribute':
        return { kind: 'attr', object: this.expr(t.value), attr: t.attr, span: t.span };
      default:
        this.unsupported(
          t.span,
          'this assignment target',
          'assign to a name, a tuple of names, an item `x[i]` or a field `obj.f`',
        );
        return { kind: 'name', name: '_', span: t.span };
    }
  }

  /**
   * The arguments of a call of a module function with `*args` or `**kwargs`: the positional arguments past the named
   * ones become the tuple `args` is, the keywords no parameter names become the dict `kwargs` is.
   */
  private packStarArgs(
    def: A.FunctionDef,
    args: IrExpr[],
    kwargs: Map<string, IrExpr>,
    span: Span,
  ): { args: IrExpr[]; kwargs: Map<string, IrExpr> } {
    const vi = def.params.findIndex((p) => p.star === 'vararg');
    const kw = def.params.find((p) => p.star === 'kwarg');
    if (vi < 0 && !kw) return { args, kwargs };
    // `**mapping` whose keys only the run knows binds at run time to named parameters only (`infer/kwargs.ts`), never
    // to the `*args`/`**kwargs` of a function that has them.
    if (kwargs.has('**') && kwargs.get('**')!.kind !== 'dict')
      this.unsupported(
        kwargs.get('**')!.span,
        `\`**\` of a dict whose keys are not known here, in a call of \`${def.name}\`, which takes \`*args\` or \`**kwargs\``,
        'pass the keywords by name, or spell the dict literal in the call (`f(**{"a": 1})`)',
      );
    let outArgs = args;
    if (vi >= 0) {
      // A starred value spreads in infer, once its length is known; before `*args` it would shift the named ones.
      if (args.slice(0, vi).some((a) => a.kind === 'op' && a.op === STAR_OP))
        this.unsupported(
          span,
          `a starred argument before \`*${def.params[vi]!.name}\` of \`${def.name}\``,
          'pass the named parameters one by one',
        );
      const extra = args.slice(vi);
      // The empty tuple has no value of its own here (see the tuple slices): an annotated `*args: T` gives it
      // `tuple[T, ...]`; otherwise a call must fill `*args`.
      const item = extra.length === 0 ? this.starItemType(def.params[vi]!) : undefined;
      if (item) {
        outArgs = [...args.slice(0, vi), { kind: 'tuple', items: [], annotation: T.vartuple(item), span }];
      } else if (extra.length === 0)
        this.unsupported(
          span,
          `calling \`${def.name}\` with nothing for \`*${def.params[vi]!.name}\``,
          'pass at least one positional argument there, or make the parameter a list',
        );
      if (!item) outArgs = [...args.slice(0, vi), { kind: 'tuple', items: extra, span }];
    }
    let outKw = kwargs;
    if (kw) {
      const named = new Set(def.params.filter((p) => !p.star).map((p) => p.name));
      const extra = [...kwargs].filter(([k]) => !named.has(k) && k !== '**');
      const item = extra.length === 0 && !kwargs.has('**') ? this.starItemType(kw) : undefined;
      if (extra.length === 0 && !item)
        this.unsupported(
          span,
          `calling \`${def.name}\` with nothing for \`**${kw.name}\``,
          'pass at least one extra keyword argument, or make the parameter a dict',
        );
      outKw = new Map([...kwargs].filter(([k]) => named.has(k) || k === '**'));
      outKw.set(kw.name, {
        kind: 'dict',
        keys: extra.map(([k, v]) => ({ kind: 'const', value: { kind: 'str', value: k }, span: v.span }) as IrExpr),
        values: extra.map(([, v]) => v),
        ...(item ? { annotation: T.dict(T.str, item) } : {}),
        span,
      });
    }
    return { args: outArgs, kwargs: outKw };
  }

  /** The item type a `*args: T` or `**kwargs: T` annotation gives, when it names one (not `Any`). */
  private starItemType(p: A.Param): Type | undefined {
    if (!p.annotation) return undefined;
    const t = lowerAnnotation(
      p.annotation,
      this.info.imports,
      new DiagnosticSink(),
      this.info.typeAliases,
      0,
      this.info.structNames,
      this.info.enumNames,
    );
    return t.kind === 'unknown' ? undefined : t;
  }

  /** The dotted Python identity an expression names through imports (`np.linalg.norm` -> `numpy.linalg.norm`). */
  private qualifiedName(e: A.Expr): string | undefined {
    if (e.kind === 'Name') {
      if (this.locals.has(e.id)) return undefined;
      return this.info.imports.get(e.id) ?? (BUILTIN_FUNCTIONS.has(e.id) ? e.id : undefined);
    }
    if (e.kind === 'Attribute') {
      const base = this.qualifiedName(e.value);
      return base === undefined ? undefined : `${base}.${e.attr}`;
    }
    return undefined;
  }

  private op(op: string, args: IrExpr[], span: Span): IrExpr {
    return { kind: 'op', op, args, kwargs: new Map(), span };
  }

  expr(e: A.Expr): IrExpr {
    const span = e.span;
    // `self.log` (or, in a constructor, the local `self_log` it became), a field holding a logger's name (see `stmt`):
    // the logger of that name.
    if (this.isLoggerAttr(e))
      return {
        kind: 'op',
        op: 'logging.getLogger',
        args: [
          e.kind === 'Attribute' ? this.op(`attr.${e.attr}`, [this.expr(e.value)], span) : this.name(e as A.NameExpr),
        ],
        kwargs: new Map(),
        span,
      };
    switch (e.kind) {
      case 'Int': {
        if (e.value > 2n ** 63n - 1n) {
          this.unsupported(span, 'an integer literal that does not fit in 64 bits', 'Ingot ints are 64-bit');
        }
        return { kind: 'const', value: { kind: 'int', value: e.value }, span };
      }
      case 'Float':
        return { kind: 'const', value: { kind: 'float', value: e.value }, span };
      case 'Str':
        return { kind: 'const', value: { kind: 'str', value: e.value }, span };
      case 'Bool':
        return { kind: 'const', value: { kind: 'bool', value: e.value }, span };
      case 'None':
        return { kind: 'const', value: { kind: 'none' }, span };
      case 'Name':
        if (this.nonlocalFns.has(e.id) && this.locals.has(e.id)) {
          this.unsupported(
            span,
            `the nested function \`${e.id}\`, which rebinds \`nonlocal\` names, used as a value`,
            'call it directly; a function passed on or stored would rebind the names where it runs',
          );
          return this.none(span);
        }
        return this.name(e);
      case 'BinOp':
        // "%s: %.2f" % (a, b) with a literal format (or a module constant's) is an f-string, built at compile time.
        if (e.op === '%') {
          const known =
            e.left.kind === 'Name' && !this.locals.has(e.left.id) && !this.info.constants.get(e.left.id)?.cell
              ? this.info.constants.get(e.left.id)
              : undefined;
          const fmt =
            e.left.kind === 'Str' ? e.left.value : known?.value.kind === 'str' ? known.value.value : undefined;
          const pieces = fmt !== undefined ? this.percentPieces(fmt, e.right, span) : undefined;
          if (pieces) return { kind: 'fstring', pieces, span };
        }
        {
          const [l, r] = [this.expr(e.left), this.expr(e.right)];
          // `re.I | re.M`: flags combine into a constant, so ops see a literal.
          if (
            (e.op === '|' || e.op === '&') &&
            l.kind === 'const' &&
            r.kind === 'const' &&
            l.value.kind === 'int' &&
            r.value.kind === 'int'
          ) {
            return {
              kind: 'const',
              value: {
                kind: 'int',
                value: e.op === '|' ? l.value.value | r.value.value : l.value.value & r.value.value,
              },
              span,
            };
          }
          return this.op(BINOP[e.op], [l, r], span);
        }
      case 'Unary':
        // Fold `-5` so that i64::MIN literals and negative constants stay constants.
        if (e.op === '-' && e.operand.kind === 'Int')
          return { kind: 'const', value: { kind: 'int', value: -e.operand.value }, span };
        if (e.op === '-' && e.operand.kind === 'Float')
          return { kind: 'const', value: { kind: 'float', value: -e.operand.value }, span };
        return this.op(UNARY[e.op], [this.expr(e.operand)], span);
      case 'BoolOp':
        return { kind: e.op, left: this.expr(e.left), right: this.expr(e.right), span };
      case 'Compare': {
        const byName = this.typeIdentityTest(e) ?? this.classValueTest(e);
        if (byName) return this.expr(byName);
        // `cls == (int, float)`: a tuple of classes compared by identity or equality is a class value too.
        const classTuple = (c: A.Expr): IrExpr | undefined =>
          e.ops.every((o) => o === '==' || o === '!=' || o === 'is' || o === 'is not')
            ? this.classTupleValue(c)
            : undefined;
        return {
          kind: 'compare',
          operands: [e.left, ...e.comparators].map((c) => classTuple(c) ?? this.expr(c)),
          ops: e.ops.map((o) => COMPARE[o]),
          span,
        };
      }
      case 'Call':
        return this.call(e);
      case 'Attribute': {
        // `f = str.lower`: a method named through its builtin class, as a value, is a function of the receiver.
        if (this.unboundMethod(e) && !CLASS_LEVEL_METHODS.has(e.attr)) return this.callableArg(e);
        // `type(x).__name__`: the class name, decided by infer from x's type (a caught exception's at run time).
        if (
          e.attr === '__name__' &&
          e.value.kind === 'Call' &&
          e.value.func.kind === 'Name' &&
          e.value.func.id === 'type' &&
          !this.locals.has('type') &&
          e.value.args.length === 1 &&
          e.value.keywords.length === 0
        )
          return {
            kind: 'op',
            op: 'attr.__class_name__',
            args: [this.expr(e.value.args[0]!)],
            kwargs: new Map(),
            span,
          };
        if (this.selfObj && e.value.kind === 'Name' && e.value.id === 'self') {
          const target = this.info.moduleObjects.get(this.selfObj)?.attrs.get(e.attr);
          if (target && this.info.resources.has(target)) return this.resourceRef(target, span);
          this.unsupported(
            span,
            `the attribute \`self.${e.attr}\``,
            'a torch.nn.Module wrapper may only hold models and tokenizers set in __init__',
          );
          return this.none(span);
        }
        const classConst =
          e.value.kind === 'Name' && !this.locals.has(e.value.id)
            ? this.info.classPlans.get(e.value.id)?.constants.get(e.attr)
            : undefined;
        if (classConst) return this.expr(classConst);
        // `Span._fields` of a NamedTuple class: its field names.
        const ntClass =
          e.attr === '_fields' && e.value.kind === 'Name' && !this.locals.has(e.value.id)
            ? this.info.classes.get(e.value.id)
            : undefined;
        if (ntClass?.bases.some((b) => NAMED_TUPLE_BASE.test(moduleQualified(b, this.info.imports) ?? '')))
          return {
            kind: 'tuple',
            items: ntClass.body.flatMap((st): IrExpr[] =>
              st.kind === 'AnnAssign' && st.target.kind === 'Name'
                ? [{ kind: 'const', value: { kind: 'str', value: st.target.id }, span }]
                : [],
            ),
            span,
          };
        if (
          e.value.kind === 'Name' &&
          !this.locals.has(e.value.id) &&
          this.info.classes.has(e.value.id) &&
          isEnumClass(this.info.classes.get(e.value.id)!, this.info.imports)
        ) {
          // `Color.__members__`: a dict from each member's name to the member, in definition order.
          if (e.attr === '__members__') {
            const names = this.info.classes
              .get(e.value.id)!
              .body.flatMap((st) =>
                st.kind === 'Assign' && st.targets.length === 1 && st.targets[0]!.kind === 'Name'
                  ? [st.targets[0]!.id]
                  : st.kind === 'AnnAssign' && st.target.kind === 'Name' && st.value
                    ? [st.target.id]
                    : [],
              )
              .filter((n) => !(n.startsWith('_') && n.endsWith('_')));
            return this.expr({
              kind: 'Dict',
              keys: names.map((n) => ({ kind: 'Str', value: n, span }) as A.Expr),
              values: names.map((n) => ({ kind: 'Attribute', value: e.value, attr: n, span }) as A.Expr),
              span,
            } as A.Expr);
          }
          return { kind: 'member', enumName: e.value.id, member: e.attr, span };
        }
        const q = this.qualifiedName(e);
        // A constant of an imported module (`re.IGNORECASE`) is a literal.
        const known = q !== undefined ? moduleConstant(q) : undefined;
        if (known) return { kind: 'const', value: known, span };
        // `{"tanh": math.tanh}`: a module function named without a call is a function value.
        if (q !== undefined && this.info.functionOp(q)) return this.functionValue(e.attr, span, e);
        if (q !== undefined) return this.op(q, [], span);
        return this.op(`attr.${e.attr}`, [this.expr(e.value)], span);
      }
      case 'Subscript':
        // `Color[name]` of an Enum class of the module: the member of that name.
        if (e.value.kind === 'Name' && this.info.enumNames.has(e.value.id) && !this.locals.has(e.value.id))
          return {
            kind: 'new',
            struct: e.value.id,
            args: [],
            kwargs: new Map([['__name__', this.expr(e.index)]]),
            span,
          };
        return this.op('operator.getitem', [this.expr(e.value), this.expr(e.index)], span);
      case 'Slice':
        return {
          kind: 'slice',
          span,
          lower: e.lower && this.expr(e.lower),
          upper: e.upper && this.expr(e.upper),
          step: e.step && this.expr(e.step),
        };
      case 'List':
      case 'Tuple':
      case 'Set':
        if (e.elts.some((x) => x.kind === 'Starred')) {
          if (e.kind !== 'Tuple') return this.starredLiteral(e.elts, e.kind === 'Set', span);
          // `(*a, x)`: infer spreads a starred tuple of known length item by item, and makes `tuple(list(a) + [x])`
          // of any other iterable (`starredTuple`).
          return {
            kind: 'tuple',
            items: e.elts.map((x) => (x.kind === 'Starred' ? this.starArg(x) : this.expr(x))),
            span,
          };
        }
        return {
          kind: e.kind === 'List' ? 'list' : e.kind === 'Tuple' ? 'tuple' : 'set',
          items: e.elts.map((x) => this.expr(x)),
          span,
          // CPython 3.11 compiles a set display of three or more constants to a frozenset constant merged into a new
          // set, which can lay the items out differently from adding them in turn.
          ...(e.kind === 'Set' && e.elts.length > 2 && e.elts.every(isFoldedConstant)
            ? { constant: 'display' as const }
            : {}),
        };
      case 'Dict':
        if (e.keys.some((k) => k === undefined)) {
          // `{**a, "k": v, **b}` is `a | {"k": v} | b`: later keys win, earlier ones keep their place.
          const parts: IrExpr[] = [];
          let keys: IrExpr[] = [];
          let values: IrExpr[] = [];
          const flush = (): void => {
            if (keys.length) parts.push({ kind: 'dict', keys, values, span });
            keys = [];
            values = [];
          };
          e.keys.forEach((k, i) => {
            if (k === undefined) {
              flush();
              parts.push(this.expr(e.values[i]!));
            } else {
              keys.push(this.expr(k));
              values.push(this.expr(e.values[i]!));
            }
          });
          flush();
          // A lone `{**a}` is a copy: `{} | a`.
          if (parts.length === 1) parts.unshift({ kind: 'dict', keys: [], values: [], span });
          return parts.slice(1).reduce((acc, p) => this.op('operator.or_', [acc, p], span), parts[0]!);
        }
        return {
          kind: 'dict',
          keys: e.keys.map((k) => this.expr(k!)),
          values: e.values.map((v) => (this.joinsClassTuples(e.values) && this.classTupleValue(v)) || this.expr(v)),
          span,
        };
      case 'Comp':
        for (const g of e.generators)
          if (g.isAsync) this.unsupported(g.span, 'an async comprehension', 'use a plain comprehension');
        return {
          kind: 'comp',
          comp: e.comp,
          span,
          generators: e.generators.map((g) => ({
            iter: this.iterExpr(g.iter),
            target: this.target(g.target),
            conds: g.ifs.map((c) => this.expr(c)),
          })),
          element: this.expr(e.elt),
          value: e.value && this.expr(e.value),
        };
      case 'IfExp':
        return {
          kind: 'ifexp',
          test: this.expr(e.test),
          then: (this.joinsClassTuples([e.body, e.orelse]) && this.classTupleValue(e.body)) || this.expr(e.body),
          else: (this.joinsClassTuples([e.body, e.orelse]) && this.classTupleValue(e.orelse)) || this.expr(e.orelse),
          span,
        };
      case 'FString':
        return { kind: 'fstring', pieces: e.parts.map((p) => this.fstringPiece(p)), span };
      case 'Lambda':
        return this.lambda(e);
      case 'Await':
        this.unsupported(span, '`await`', 'compiled functions are synchronous');
        return this.none(span);
      case 'Yield':
        this.unsupported(span, '`yield` used as a value', 'write `yield x` as a statement');
        return this.none(span);
      case 'Named':
        return { kind: 'assignexpr', name: e.target.id, value: this.expr(e.value), span };
      case 'Starred':
        this.unsupported(span, 'a starred expression', 'pass the items explicitly');
        return this.none(span);
      // A bytes literal: its bytes as a latin-1 str constant, made into bytes by the registry (registry/ops/bytes.ts).
      case 'Bytes':
        if ([...e.value].some((c) => c.codePointAt(0)! > 0xff)) {
          this.unsupported(span, 'a bytes literal with an octal escape above \\377', 'write the byte as \\xNN');
          return this.none(span);
        }
        return this.op('bytes.__literal__', [{ kind: 'const', value: { kind: 'str', value: e.value }, span }], span);
      case 'Ellipsis':
        // `...` is a value of its own (an index that stands for every axis not named); the registry types it.
        return this.op('builtins.Ellipsis', [], span);
    }
  }

  /**
   * A lambda becomes a module function (`lambda_<line>_<col>`) whose parameters are the
   * lambda's plus the enclosing locals it reads; those are passed at each call, which is
   * Python's late binding. It is monomorphised per call like any helper.
   */
  /** `captures` with what the nested functions among them capture, transitively (a lambda that calls `normalized`,
   * which reads `length_penalty`, passes `length_penalty` on at its call). */
  private withNestedCaptures(captures: string[], own: ReadonlySet<string>): void {
    for (let i = 0; i < captures.length; i++)
      for (const c of this.nestedCaptures.get(`${this.currentDef?.name}:${captures[i]!}`) ?? [])
        if (this.locals.has(c) && !own.has(c) && !captures.includes(c)) captures.push(c);
  }

  private lambda(e: A.LambdaExpr): IrExpr {
    const span = e.span;
    const own = new Set(e.params.map((p) => p.name));
    const captures: string[] = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) {
        v.forEach(visit);
        return;
      }
      if (!v || typeof v !== 'object') return;
      const n = v as { kind?: string; id?: string };
      if (n.kind === 'Name' && n.id && this.locals.has(n.id) && !own.has(n.id) && !captures.includes(n.id))
        captures.push(n.id);
      for (const [k, child] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(child);
    };
    visit(e.body);
    this.withNestedCaptures(captures, own);
    const giving = captures.find((c) => this.nonlocalFns.has(c));
    if (giving !== undefined)
      this.unsupported(
        span,
        `calling the nested function \`${giving}\`, which rebinds names of this function, from a lambda`,
        `call \`${giving}\` directly in this function`,
      );
    const fn = `lambda_${span.line}_${span.col}`;
    const def: A.FunctionDef = {
      kind: 'FunctionDef',
      name: fn,
      span,
      nameSpan: span,
      decorators: [],
      isAsync: false,
      returns: undefined,
      params: [
        ...e.params,
        ...captures.map((c) => ({
          name: c,
          annotation: undefined,
          default: undefined,
          star: undefined,
          keywordOnly: false,
          span,
        })),
      ],
      body: [{ kind: 'Return', span: e.body.span, value: e.body }],
    };
    this.info.functions.set(fn, def);
    this.calledFunctions.add(fn);
    return { kind: 'lambda', fn, captures, span };
  }

  /**
   * `type(v) is int`, `type(v) == str`, `type(v) in (int, float)` (and the negations) against builtin classes: the
   * exact class test CPython makes, spelled as a test of `type(v).__name__` (known from the static type, or at run
   * time for a dynamic value or a variant), since a builtin class is not a value here. A bool is not an int by it.
   */
  private typeIdentityTest(e: A.CompareExpr): A.Expr | undefined {
    if (e.ops.length !== 1) return undefined;
    const left = e.left;
    if (
      left.kind !== 'Call' ||
      left.func.kind !== 'Name' ||
      left.func.id !== 'type' ||
      left.args.length !== 1 ||
      left.keywords.length > 0 ||
      this.locals.has('type') ||
      this.info.functions.has('type')
    )
      return undefined;
    // A class of the module is named by `type(v).__name__` too (module-level class names are unique).
    const cls = (x: A.Expr): string | undefined =>
      x.kind === 'Name' &&
      !this.locals.has(x.id) &&
      (this.info.classes.has(x.id)
        ? !this.info.exceptions.has(x.id) && this.info.structNames.has(x.id)
        : EXACT_TYPE_NAMES.has(x.id))
        ? x.id
        : undefined;
    return this.classNameTest(e, cls);
  }

  /**
   * `cls is Bert`, `cls == Bert`, `cls in (Bert, Gpt)` (and negations) of a class held as a value against classes of
   * the module or exception classes named directly: a test of `cls.__name__` (module-level class names are unique).
   * Another left side (an instance) has no `__name__`, which is a compile-time error rather than CPython's False.
   */
  private classValueTest(e: A.CompareExpr): A.Expr | undefined {
    if (e.ops.length !== 1) return undefined;
    const cls = (x: A.Expr): string | undefined =>
      x.kind === 'Name' &&
      !this.locals.has(x.id) &&
      ((this.info.classes.has(x.id) && !this.info.enumNames.has(x.id)) || EXCEPTIONS.has(x.id))
        ? x.id
        : undefined;
    if (cls(e.left) !== undefined) return undefined;
    return this.classNameTest(e, cls);
  }

  /**
   * `L is C`, `L == C`, `L != C`, `L in (C, D)` (and `not in`) as a test of `L.__name__` against the names `cls` gives
   * the classes on the right; undefined when one of them is not such a class.
   */
  private classNameTest(e: A.CompareExpr, cls: (x: A.Expr) => string | undefined): A.Expr | undefined {
    const op = e.ops[0]!;
    const right = e.comparators[0]!;
    const left = e.left;
    const name: A.Expr = { kind: 'Attribute', value: left, attr: '__name__', span: left.span } as A.Expr;
    const str = (v: string, span: Span): A.Expr => ({ kind: 'Str', value: v, span }) as A.Expr;
    if (op === 'is' || op === 'is not' || op === '==' || op === '!=') {
      const c = cls(right);
      if (c === undefined) return undefined;
      const eq = op === 'is' || op === '==' ? '==' : '!=';
      return { ...e, ops: [eq], comparators: [str(c, right.span)], left: name } as A.Expr;
    }
    if ((op === 'in' || op === 'not in') && right.kind === 'Tuple' && right.elts.length > 0) {
      const names = right.elts.map(cls);
      if (names.some((n) => n === undefined)) return undefined;
      const tuple = { ...right, elts: names.map((n, i) => str(n!, right.elts[i]!.span)) } as A.Expr;
      return { ...e, comparators: [tuple], left: name } as A.Expr;
    }
    return undefined;
  }

  /**
   * A module-level tuple of class names (`NUMERIC = (int, float)`), read as isinstance's classes: the tuple as written,
   * so each test names the classes itself.
   */
  private moduleClassTuple(name: string): A.TupleExpr | undefined {
    if (this.locals.has(name)) return undefined;
    const fn = this.info.lazyGlobals.get(name);
    const body = fn !== undefined ? this.info.functions.get(fn)?.body : undefined;
    const v = body?.length === 1 && body[0]!.kind === 'Return' ? body[0].value : undefined;
    if (v?.kind !== 'Tuple' || v.elts.length === 0) return undefined;
    const isClass = (x: A.Expr): boolean =>
      x.kind === 'Name' &&
      (EXACT_TYPE_NAMES.has(x.id) || this.info.classes.has(x.id) || EXCEPTIONS.has(x.id)) &&
      !this.info.lazyGlobals.has(x.id);
    return v.elts.every(isClass) ? v : undefined;
  }

  /** Whether the module-level `name` is bound to `threading.Lock()` or `threading.RLock()`. */
  private moduleLock(name: string): boolean {
    const fn = this.info.lazyGlobals.get(name);
    const body = fn !== undefined ? this.info.functions.get(fn)?.body : undefined;
    const v = body?.length === 1 && body[0]!.kind === 'Return' ? body[0].value : undefined;
    const q = v?.kind === 'Call' && v.args.length === 0 ? this.qualifiedName(v.func) : undefined;
    return q === 'threading.Lock' || q === 'threading.RLock';
  }

  /** Whether `isinstance(v, typ)` names its class through a local (a class used as a value) rather than by name. */
  private classValueArg(e: A.CallExpr): boolean {
    const c = e.args[1];
    // An item of a container of classes (`isinstance(v, TYPES[kind])`) is a value too.
    if (e.args.length === 2 && c?.kind === 'Subscript') return true;
    return e.args.length === 2 && c?.kind === 'Name' && this.locals.has(c.id) && !this.classTuples.has(c.id);
  }

  /**
   * `e.to_dict()` on a caught exception (or `self.m()` in an exception class's method): each class of the module
   * that defines the method becomes a module function (`Cls__m`, `self` first), and the call tests the instance's
   * class at run time, most derived definer first, as CPython's method resolution finds it (single inheritance).
   * Every class the handler names must have the method, so one of the tests always holds.
   */
  private exceptionMethodCall(e: A.CallExpr): IrExpr | undefined {
    const f = e.func;
    if (f.kind !== 'Attribute' || f.value.kind !== 'Name') return undefined;
    const caught = this.exceptionLocals.get(f.value.id);
    if (!caught) return undefined;
    const all = [...this.info.exceptions.values()];
    if (!all.some((c) => c.methods.has(f.attr))) return undefined;
    if (!caught.every((c) => this.info.exceptions.get(c)?.methods.has(f.attr)))
      return this.unsupported(
        e.span,
        `calling \`${f.attr}\` on an exception that may be of a class without it`,
        `catch only classes that define \`${f.attr}\` (or inherit it)`,
      );
    const owners = [...new Set(all.flatMap((c) => c.methods.get(f.attr)?.owner ?? []))];
    const depth = (o: string): number => this.info.exceptions.get(o)!.classes.length;
    owners.sort((a, b) => depth(b) - depth(a));
    const name = (id: string): A.Expr => ({ kind: 'Name', id, span: e.span }) as A.Expr;
    const callOwner = (owner: string): A.Expr => {
      const fn = `${owner}__${f.attr}`;
      if (!this.info.functions.has(fn)) {
        const def = this.info.exceptions.get(owner)!.methods.get(f.attr)!.def;
        this.info.functions.set(fn, { ...def, name: fn });
        this.info.exceptionMethods.set(fn, owner);
      }
      this.calledFunctions.add(fn);
      return { kind: 'Call', func: name(fn), args: [f.value, ...e.args], keywords: e.keywords, span: e.span } as A.Expr;
    };
    let chain = callOwner(owners[owners.length - 1]!);
    for (const owner of owners.slice(0, -1).reverse())
      chain = {
        kind: 'IfExp',
        test: {
          kind: 'Call',
          func: name('isinstance'),
          args: [f.value, name(owner)],
          keywords: [],
          span: e.span,
        } as A.Expr,
        body: callOwner(owner),
        orelse: chain,
        span: e.span,
      } as A.Expr;
    return this.expr(chain);
  }

  /** An argument that must be a function: a bound method (`d.get`, `str.lower`) becomes a one-argument lambda. */
  /** `str.strip`, `int.bit_length`: a method of a builtin class named through the class. */
  private unboundMethod(e: A.Expr): boolean {
    return (
      e.kind === 'Attribute' &&
      e.value.kind === 'Name' &&
      UNBOUND_METHOD_TYPES.has(e.value.id) &&
      !this.locals.has(e.value.id) &&
      !this.info.imports.has(e.value.id)
    );
  }

  private callableArg(e: A.Expr, arity = 1): IrExpr {
    // `map(operator.neg, xs)`, `key=operator.not_`: an operator function is the lambda that calls it.
    const op = e.kind === 'Attribute' || e.kind === 'Name' ? this.qualifiedName(e) : undefined;
    if (op !== undefined && OPERATOR_ARITY.get(op) === arity) return this.forwardingLambda(e, arity, e.span);
    if (e.kind === 'Attribute' && this.unboundMethod(e)) {
      // `str.lower` as a function value: a lambda that calls the method on its first argument, the others
      // (`map(str.__add__, xs, ys)`: one per iterable) its arguments, as CPython calls an unbound method.
      const span = e.span;
      const params: A.Param[] = Array.from({ length: Math.max(1, arity) }, (_, i) => ({
        name: `__arg${i}`,
        annotation: undefined,
        default: undefined,
        star: undefined,
        keywordOnly: false,
        span,
      }));
      const name = (p: A.Param): A.Expr => ({ kind: 'Name', span, id: p.name });
      const body: A.Expr = {
        kind: 'Call',
        span,
        func: { kind: 'Attribute', span, value: name(params[0]!), attr: e.attr },
        args: params.slice(1).map(name),
        keywords: [],
      };
      return this.lambda({ kind: 'Lambda', span, params, body });
    }
    if (e.kind === 'Attribute' && this.qualifiedName(e) === undefined) return this.functionValue(e.attr, e.span, e);
    const getter = e.kind === 'Call' ? (this.getterLambda(e) ?? this.partialLambda(e, 1)) : undefined;
    if (getter) return getter;
    return this.expr(e);
  }

  /**
   * `functools.partial(fn, *args, **kw)` where a function of `arity` arguments is expected becomes
   * `lambda *rest: fn(*args, *rest, **kw)`; its bound arguments are read when the lambda runs, which
   * differs from Python only if they are rebound in between.
   */
  private partialLambda(e: A.CallExpr, arity: number): IrExpr | undefined {
    if (this.qualifiedName(e.func) !== 'functools.partial' || e.args.length === 0) return undefined;
    if (e.args.some((a) => a.kind === 'Starred') || e.keywords.some((k) => k.name === undefined)) return undefined;
    return this.forwardingLambda(e.args[0]!, arity, e.span, e.args.slice(1), e.keywords);
  }

  /** `functools.cmp_to_key(f)`: f as a function of two arguments; undefined for any other expression. */
  private cmpToKeyArg(e: A.Expr): IrExpr | undefined {
    if (e.kind !== 'Call' || this.qualifiedName(e.func) !== 'functools.cmp_to_key') return undefined;
    if (e.args.length !== 1 || e.keywords.length > 0 || e.args[0]!.kind === 'Starred') return undefined;
    return this.functionArg(e.args[0]!, 2);
  }

  /**
   * `functools.partial(g, *args, **kw)` of a module function g, as a value (`f = partial(g, factor=2.0)`): the lambda
   * of g's parameters that `args` and `kw` leave open, which calls g with them, so `f(x)` and `map(f, xs)` work as
   * in Python. Left-open parameters keep their names and defaults; a bound keyword cannot be passed again (E0306,
   * where Python would override it). Undefined where g's signature is not known here (a builtin, `*args`): then
   * `partial` is taken only where a function of known arity is expected (`partialLambda`).
   */
  private partialValue(e: A.CallExpr): IrExpr | undefined {
    if (this.qualifiedName(e.func) !== 'functools.partial' || e.args.length === 0) return undefined;
    const [target, ...args] = e.args;
    // `partial(operator.mul, 2.0)`: an operator function takes a fixed number of positional arguments, so the
    // value is the lambda of the ones left open (`lambda __arg0: operator.mul(2.0, __arg0)`).
    const fixed = OPERATOR_ARITY.get(this.qualifiedName(target!) ?? '');
    if (fixed !== undefined) {
      if (args.some((a) => a.kind === 'Starred') || e.keywords.length > 0 || args.length > fixed) return undefined;
      return this.forwardingLambda(target!, fixed - args.length, e.span, args);
    }
    if (target?.kind !== 'Name' || this.locals.has(target.id)) return undefined;
    const g = this.info.functions.get(target.id);
    if (!g || g.params.some((p) => p.star !== undefined)) return undefined;
    if (args.some((a) => a.kind === 'Starred') || e.keywords.some((k) => k.name === undefined)) return undefined;
    const positional = g.params.filter((p) => !p.keywordOnly);
    if (args.length > positional.length) return undefined;
    const boundNames = new Set([
      ...positional.slice(0, args.length).map((p) => p.name),
      ...e.keywords.map((k) => k.name!),
    ]);
    if (e.keywords.some((k) => !g.params.some((p) => p.name === k.name))) return undefined;
    const open = g.params.filter((p) => !boundNames.has(p.name));
    const span = e.span;
    // The open parameters go by name: one after a keyword-bound parameter cannot go by position.
    const body: A.Expr = {
      kind: 'Call',
      span,
      func: target,
      args,
      keywords: [
        ...e.keywords,
        ...open.map((p) => ({ name: p.name, value: { kind: 'Name', span, id: p.name } as A.Expr, span })),
      ],
    };
    return this.lambda({
      kind: 'Lambda',
      span,
      params: open.map((p) => ({ ...p, annotation: undefined, span })),
      body,
    });
  }

  /** `lambda __arg0, ..., __arg<arity-1>: func(*bound, __arg0, ..., **keywords)`, lowered. */
  private forwardingLambda(
    func: A.Expr,
    arity: number,
    span: Span,
    bound: A.Expr[] = [],
    keywords: A.CallExpr['keywords'] = [],
  ): IrExpr {
    const params: A.Param[] = Array.from({ length: arity }, (_, i) => ({
      name: `__arg${i}`,
      annotation: undefined,
      default: undefined,
      star: undefined,
      keywordOnly: false,
      span,
    }));
    const args = [...bound, ...params.map((p) => ({ kind: 'Name', span, id: p.name }) as A.Expr)];
    return this.lambda({ kind: 'Lambda', span, params, body: { kind: 'Call', span, func, args, keywords } });
  }

  /**
   * `operator.itemgetter(k, ...)` and `operator.attrgetter('a.b', ...)` where a function is expected
   * become the lambda they stand for: `lambda x: x[k]` (a tuple of items for several keys),
   * `lambda x: x.a.b`.
   */
  private getterLambda(e: A.CallExpr): IrExpr | undefined {
    const q = this.qualifiedName(e.func);
    if ((q !== 'operator.itemgetter' && q !== 'operator.attrgetter') || e.args.length === 0 || e.keywords.length > 0)
      return undefined;
    const span = e.span;
    const arg: A.Expr = { kind: 'Name', span, id: '__arg' };
    const one = (k: A.Expr): A.Expr | undefined => {
      if (q === 'operator.itemgetter') return { kind: 'Subscript', span, value: arg, index: k };
      if (k.kind !== 'Str') return undefined;
      return k.value.split('.').reduce<A.Expr>((v, attr) => ({ kind: 'Attribute', span, value: v, attr }), arg);
    };
    const parts = e.args.map(one);
    if (parts.some((p) => p === undefined)) return undefined;
    const body: A.Expr = parts.length === 1 ? parts[0]! : { kind: 'Tuple', span, elts: parts as A.Expr[] };
    const param: A.Param = {
      name: '__arg',
      annotation: undefined,
      default: undefined,
      star: undefined,
      keywordOnly: false,
      span,
    };
    return this.lambda({ kind: 'Lambda', span, params: [param], body });
  }

  /**
   * `f(args)` of a nested function that rebinds `names`: it returns `(result, *new values)`, so the call is
   * `(__nl := f(args), n1 := __nl[1], ..., __nl[0])[k + 1]`, which binds the names in order and gives the result.
   */
  private nonlocalCall(
    f: string,
    rebinds: string[],
    changed: string[],
    args: IrExpr[],
    kwargs: Map<string, IrExpr>,
    span: Span,
  ): IrExpr {
    const names = [...rebinds, ...changed];
    const tmp = `__nl_${span.line}_${span.col}`;
    this.locals.add(tmp);
    const local = (name: string): IrExpr => ({ kind: 'local', name, span });
    const item = (of: IrExpr, i: number): IrExpr => ({
      kind: 'op',
      op: 'operator.getitem',
      args: [of, { kind: 'const', value: { kind: 'int', value: BigInt(i) }, span }],
      kwargs: new Map(),
      span,
    });
    const call: IrExpr = { kind: 'op', op: 'call', args: [local(f), ...args], kwargs, span };
    const steps: IrExpr[] = [
      { kind: 'assignexpr', name: tmp, value: call, span },
      ...names.map(
        (n, i): IrExpr => ({
          kind: 'assignexpr',
          name: n,
          value: item(local(tmp), i + 1),
          ...(i >= rebinds.length ? { inPlace: true } : {}),
          span,
        }),
      ),
      item(local(tmp), 0),
    ];
    return item({ kind: 'tuple', items: steps, span }, names.length + 1);
  }

  /**
   * A function defined inside a function is lifted like a lambda: a module function
   * `<outer>__<name>_<line>` whose extra parameters are the enclosing locals it reads; the local
   * name is bound to it, so calls pass the captured values (Python's late binding).
   */
  private nestedFunction(def: A.FunctionDef): IrStmt[] | undefined {
    // A memoising decorator (`@lru_cache` on a recursive helper) changes no result, as at module level.
    const why = def.decorators.map((d) => decoratorProblem(d)).find((x) => x !== undefined);
    if (why !== undefined)
      return this.unsupported(
        def.nameSpan,
        `the decorator of the nested function \`${def.name}\`, ${why},`,
        'write the decorator as a function that defines a wrapper calling the function and returns it',
      );
    if (def.decorators.some((d) => !this.harmlessDecorator(d)) || def.isAsync)
      return this.unsupported(def.nameSpan, 'a decorated or async nested function', 'define it at module level');
    const own = new Set(def.params.map((p) => p.name));
    // `nonlocal n`: the function takes n's value like any capture and gives back its new value with its result.
    const rebinds = [...new Set(def.body.flatMap((st) => (st.kind === 'Global' && st.nonlocal ? st.names : [])))];
    if (rebinds.length > 0) {
      const nested = nonlocalElsewhere(def.body);
      const bad = rebinds.find((n) => !this.locals.has(n) || own.has(n));
      if (nested || bad !== undefined || (callsName(def.body, def.name) && !selfCallsUnpackable(def.body, def.name)))
        return this.unsupported(
          nested ?? def.nameSpan,
          nested
            ? '`nonlocal` inside a block or a deeper function'
            : bad !== undefined
              ? `\`nonlocal ${bad}\`, which names no local of the enclosing function`
              : `the recursive nested function \`${def.name}\` with \`nonlocal\``,
          'declare `nonlocal` at the top of a function nested directly in the one whose locals it rebinds, and call it there',
        );
    }
    const inner = new Set<string>(own);
    collectAssigned(def.body, inner);
    for (const n of rebinds) inner.delete(n);
    // Enclosing containers it changes (`out.append(x)`, `seen[k] = v`) are given back the same way, since it works on
    // copies; the call replaces them in place (`inPlace`), so a container shared with another name is still caught.
    const changed = changedContainers(def.body).filter(
      (n) => this.locals.has(n) && !inner.has(n) && !rebinds.includes(n) && n !== def.name,
    );
    // A nested function it calls that gives back names of this function (`nonlocal` ones, containers it changes)
    // makes it give them back too: the call inside rebinds them in its own copies (a decorator's wrapper calling the
    // function it wraps).
    const callsGiving = [...this.nonlocalFns].filter(
      ([f, g]) =>
        this.locals.has(f) &&
        !inner.has(f) &&
        f !== def.name &&
        callsName(def.body, f) &&
        ![...g.rebinds, ...g.changed].some((n) => inner.has(n) || own.has(n)),
    );
    for (const [, g] of callsGiving) {
      for (const n of g.rebinds) if (!rebinds.includes(n)) rebinds.push(n);
      for (const n of g.changed) if (!changed.includes(n) && !rebinds.includes(n)) changed.push(n);
    }
    if (changed.length > 0 && callsName(def.body, def.name) && !selfCallsUnpackable(def.body, def.name))
      return this.unsupported(
        def.nameSpan,
        `the recursive nested function \`${def.name}\`, which changes \`${changed[0]!}\` of the enclosing function`,
        `pass \`${changed[0]!}\` as a parameter and return it, or collect the results in the enclosing function`,
      );
    const givenBack = [...rebinds, ...changed];
    // Each `return` gives the names back as they are when it runs; a `finally` after it would change them too late.
    const early = givenBack.length > 0 ? returnBeforeFinally(def.body) : undefined;
    if (early)
      return this.unsupported(
        early,
        `a \`return\` inside \`try\` with \`finally\` in the nested function \`${def.name}\`, which changes \`${givenBack[0]!}\` of the enclosing function`,
        'set a result variable in the `try` and return it after the `finally`, or move the function to module level',
      );
    // The annotated result is now the first item of what it returns.
    if (givenBack.length > 0)
      def = {
        ...def,
        body: withRebinds(def.body, givenBack, def.nameSpan),
        // A recursive one needs its result's type: the annotation with those of the names it gives back.
        returns:
          def.returns && callsName(def.body, def.name)
            ? givenBackAnnotation(def.returns, givenBack, this.currentDef, def.nameSpan)
            : undefined,
      };
    const captures: string[] = [...givenBack];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) {
        v.forEach(visit);
        return;
      }
      if (!v || typeof v !== 'object') return;
      const n = v as { kind?: string; id?: string };
      if (
        n.kind === 'Name' &&
        n.id &&
        this.locals.has(n.id) &&
        !inner.has(n.id) &&
        n.id !== def.name &&
        !captures.includes(n.id)
      )
        captures.push(n.id);
      for (const [k, child] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(child);
    };
    visit(def.body);
    this.withNestedCaptures(captures, new Set([...inner, def.name]));
    const giving = captures.find((c) => this.nonlocalFns.has(c) && !callsGiving.some(([f]) => f === c));
    if (giving !== undefined)
      return this.unsupported(
        def.nameSpan,
        `calling the nested function \`${giving}\`, which rebinds names of this function, from another nested function`,
        `call \`${giving}\` directly in this function`,
      );
    const fn = `${def.name}_${def.nameSpan.line}`;
    // A call of itself inside its body (a recursive walk) calls the lifted function directly,
    // passing on the captured values it was given.
    const selfCalls = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(selfCalls);
      if (!v || typeof v !== 'object') return v;
      const out = Object.fromEntries(Object.entries(v).map(([k, c]) => [k, k === 'span' ? c : selfCalls(c)]));
      const call = out as unknown as A.CallExpr;
      if (call.kind === 'Call' && call.func.kind === 'Name' && call.func.id === def.name && !own.has(def.name)) {
        const direct: A.CallExpr = {
          ...call,
          func: { ...call.func, id: fn },
          args: [...call.args, ...captures.map((c) => ({ kind: 'Name', id: c, span: call.span }) as A.Expr)],
        };
        if (givenBack.length === 0) return direct;
        // It gives back the names it changes: the call binds them in this call's copies before the next reads
        // them (`(t := f(...), memo := t[1], t[0])[2]`), as CPython's recursive call changes the enclosing ones.
        const sp = call.span;
        const tmp = `__nl_self_${sp.line}_${sp.col}`;
        const name = (id: string): A.NameExpr => ({ kind: 'Name', id, span: sp });
        const item = (of: A.Expr, i: number): A.Expr => ({
          kind: 'Subscript',
          span: sp,
          value: of,
          index: { kind: 'Int', value: BigInt(i), span: sp },
        });
        const steps: A.Expr[] = [
          { kind: 'Named', span: sp, target: name(tmp), value: direct },
          ...givenBack.map(
            (n, i): A.Expr => ({ kind: 'Named', span: sp, target: name(n), value: item(name(tmp), i + 1) }),
          ),
          item(name(tmp), 0),
        ];
        return item({ kind: 'Tuple', span: sp, elts: steps }, givenBack.length + 1);
      }
      return out;
    };
    const body = selfCalls(def.body) as A.Stmt[];
    this.info.functions.set(fn, {
      ...def,
      body,
      name: fn,
      params: [
        ...def.params,
        ...captures.map((c) => ({
          name: c,
          annotation: undefined,
          default: undefined,
          star: undefined,
          keywordOnly: false,
          span: def.nameSpan,
        })),
      ],
    });
    this.calledFunctions.add(fn);
    this.locals.add(def.name);
    this.nestedCaptures.set(`${this.currentDef?.name}:${def.name}`, captures);
    if (callsGiving.length > 0) (this.info.nestedGiving ??= new Map()).set(fn, new Map(callsGiving));
    if (givenBack.length > 0) this.nonlocalFns.set(def.name, { rebinds, changed });
    else this.nonlocalFns.delete(def.name);
    return [
      {
        kind: 'assign',
        target: { kind: 'name', name: def.name, span: def.nameSpan },
        value: {
          kind: 'lambda',
          fn,
          captures,
          ...(givenBack.length > 0 ? { rebinds: givenBack } : {}),
          span: def.nameSpan,
        },
        span: def.nameSpan,
      },
    ];
  }

  /**
   * An argument that must be a function of `arity` arguments: a builtin or a library function
   * (`max`, `operator.add`) becomes a lambda of that many parameters that calls it; anything else
   * (a lambda, a module function, a local) lowers as usual.
   */
  private functionArg(e: A.Expr, arity: number): IrExpr {
    const q = this.qualifiedName(e);
    const isFunctionName =
      q !== undefined &&
      moduleConstant(q) === undefined &&
      !(e.kind === 'Name' && (this.info.functions.has(e.id) || e.id in FORBIDDEN_BUILTINS));
    if (!isFunctionName)
      return arity === 1 || this.unboundMethod(e)
        ? this.callableArg(e, arity)
        : ((e.kind === 'Call' ? this.partialLambda(e, arity) : undefined) ?? this.expr(e));
    return this.forwardingLambda(e, arity, e.span);
  }

  /**
   * A class of the module used as a value (`{"bert": Bert}`, `cls = Tri if t else Square`): its constructor as a
   * function value (`lower/classvalues.ts`); undefined when the class is not one this module can construct.
   */
  private classValue(name: string, span: Span): IrExpr | undefined {
    const fn = classValueFunction(name);
    if (!this.info.functions.has(fn)) {
      const cls = this.info.classes.get(name)!;
      const plan = this.info.classPlans.get(name);
      if (!plan && !this.info.structNames.has(name)) return undefined;
      const ctor = plan?.constructor !== undefined ? this.info.functions.get(plan.constructor) : undefined;
      const imports = this.info.imports;
      const params = classValueParams(
        cls,
        this.info.classes,
        ctor,
        (c) => isStructClass(c, imports),
        (e) => fieldDefault(e, imports),
        (a) => {
          const q = moduleQualified(a.kind === 'Subscript' ? a.value : a, imports);
          return q === 'typing.ClassVar' || q === 'dataclasses.InitVar';
        },
      );
      if (!params) return undefined;
      this.info.functions.set(fn, classValueDef(name, params, cls.nameSpan ?? cls.span));
      this.info.classValues.set(fn, name);
      this.recordClassConstants(fn, plan?.constants);
      this.info.classFamilies.set(name, classFamily(name, this.info.classes));
      const methods = new Map<string, string>();
      for (const [m, im] of plan?.methods ?? [])
        if (im.kind === 'static' || im.kind === 'class') {
          methods.set(m, im.fn);
          this.calledFunctions.add(im.fn);
        }
      if (methods.size > 0) this.info.classMethods.set(fn, methods);
    }
    this.calledFunctions.add(fn);
    return { kind: 'lambda', fn, captures: [], span };
  }

  /**
   * An exception class used as a value (`exc_cls = ValueError`, `{"rate": RateLimitError}`): a function value whose
   * call raises it (`lower/classvalues.ts`), so `raise exc_cls(msg)` raises the class the value holds.
   */
  private exceptionValue(name: string, span: Span): IrExpr | undefined {
    const fn = classValueFunction(name);
    if (!this.info.functions.has(fn)) {
      const user = this.info.exceptions.get(name);
      const def = exceptionValueDef(name, user?.init, span);
      if (!def) return undefined;
      this.info.functions.set(fn, def);
      this.info.classValues.set(fn, name);
      this.recordClassConstants(fn, user?.consts);
    }
    this.calledFunctions.add(fn);
    return { kind: 'lambda', fn, captures: [], span };
  }

  /** The class attributes of a class held as a value that are constants (`status = 404`), for `cls.status`. */
  private recordClassConstants(fn: string, constants: ReadonlyMap<string, A.Expr> | undefined): void {
    const out = new Map<string, ConstValue>();
    const env = new Map([...this.info.constants].map(([k, c]) => [k, c.value]));
    for (const [attr, e] of constants ?? []) {
      try {
        const v = evalConst(e, env, this.info.imports);
        if (typeOfConst(v)) out.set(attr, v);
      } catch (err) {
        if (!(err instanceof NotConstant)) throw err;
      }
    }
    if (out.size > 0) this.info.classConstants.set(fn, out);
  }

  /** The bases of a class of the module or a builtin exception class, the class itself first. */
  private classAncestors(name: string): string[] {
    const user = this.info.exceptions.get(name);
    if (user) return [...user.classes, ...builtinExceptionChain(user.builtin)];
    if (!this.info.classes.has(name)) return builtinExceptionChain(name);
    const out: string[] = [];
    const visit = (c: string): void => {
      if (out.includes(c) || out.length > 64) return;
      out.push(c);
      for (const b of this.info.classes.get(c)?.bases ?? [])
        if (b.kind === 'Name' && this.info.classes.has(b.id)) visit(b.id);
    };
    visit(name);
    return out;
  }

  /**
   * `issubclass(X, B)` (B a class name or a tuple of them): `X.__name__` among the classes derived from B, every
   * module class and builtin exception class being a candidate; X a class value (a dispatch over its classes).
   */
  private issubclass(e: A.CallExpr): IrExpr | undefined {
    if (e.args.length !== 2 || e.keywords.length > 0) return undefined;
    const b = e.args[1]!;
    const bases = b.kind === 'Tuple' ? b.elts : [b];
    const known = (x: A.Expr): x is A.NameExpr =>
      x.kind === 'Name' &&
      !this.locals.has(x.id) &&
      (this.info.classes.has(x.id) || EXCEPTIONS.has(x.id) || x.id === 'BaseException' || x.id === 'object');
    if (!bases.every(known)) return undefined;
    const candidates = [...this.info.classes.keys(), ...EXCEPTIONS];
    const names = new Set<string>();
    for (const base of bases as A.NameExpr[])
      for (const n of base.id === 'object'
        ? candidates
        : subclassNames(base.id, candidates, (c) => this.classAncestors(c)))
        names.add(n);
    const span = e.span;
    const test: A.Expr = {
      kind: 'Compare',
      left: { kind: 'Attribute', value: e.args[0]!, attr: '__name__', span },
      ops: ['in'],
      comparators: [{ kind: 'Tuple', elts: [...names].map((n) => ({ kind: 'Str', value: n, span })), span }],
      span,
    } as A.Expr;
    return this.expr(test);
  }

  /**
   * A tuple of classes held as a value where it may join bare classes (a dict display's value, a conditional's
   * branch): the class value `classTupleValueDef` makes, so a type map `{"number": (int, float), "string": str}` is
   * one variant of class values that `isinstance(v, TYPES[kind])` tests. Undefined for any other expression.
   */
  private classTupleValue(e: A.Expr): IrExpr | undefined {
    if (e.kind !== 'Tuple' || e.elts.length === 0) return undefined;
    const names: string[] = [];
    for (const x of e.elts) {
      if (x.kind !== 'Name' || this.locals.has(x.id) || this.info.functions.has(x.id)) return undefined;
      if (EXACT_TYPE_NAMES.has(x.id) && !this.info.classes.has(x.id)) names.push(x.id);
      else if (
        this.info.classes.has(x.id) &&
        this.info.structNames.has(x.id) &&
        !this.info.exceptions.has(x.id) &&
        !this.info.enumNames.has(x.id)
      )
        names.push(`${x.id}=${classFamily(x.id, this.info.classes).join(',')}`);
      else return undefined;
    }
    const bare = e.elts.map((x) => (x as A.NameExpr).id);
    const fn = classTupleFunction(bare);
    if (!this.info.functions.has(fn)) {
      this.info.functions.set(fn, classTupleValueDef(bare, e.span));
      this.info.classValues.set(fn, `(${names.join('|')})`);
    }
    this.calledFunctions.add(fn);
    return { kind: 'lambda', fn, captures: [], span: e.span };
  }

  /**
   * Whether values joined into one type (a dict display's values, a conditional's branches) mix a tuple of classes
   * with a bare class or a tuple of another length, which only class values join, or are all tuples of builtin
   * classes; tuples of module classes of one length stay tuples, so `PAIRS = {"a": (Enc, Dec)}` still unpacks.
   */
  private joinsClassTuples(values: A.Expr[]): boolean {
    const tuples = values.filter((v): v is A.TupleExpr => v.kind === 'Tuple');
    if (tuples.length === 0) return false;
    // Tuples of builtin classes only are isinstance specs (`{"int": (int,), "str": (str,)}`) whatever their lengths.
    const builtin = (x: A.Expr): boolean =>
      x.kind === 'Name' && EXACT_TYPE_NAMES.has(x.id) && !this.locals.has(x.id) && !this.info.classes.has(x.id);
    if (tuples.length === values.length && tuples.every((t) => t.elts.every(builtin))) return true;
    return tuples.length < values.length || tuples.some((t) => t.elts.length !== tuples[0]!.elts.length);
  }

  /** A builtin or a module function used as a value (`key=len`) becomes a one-argument lambda. */
  private functionValue(name: string, span: Span, call: A.Expr): IrExpr {
    const param: A.Param = {
      name: '__arg',
      annotation: undefined,
      default: undefined,
      star: undefined,
      keywordOnly: false,
      span,
    };
    const body: A.Expr = { kind: 'Call', span, func: call, args: [{ kind: 'Name', span, id: '__arg' }], keywords: [] };
    const fn = this.lambda({ kind: 'Lambda', span, params: [param], body });
    if (EXACT_TYPE_NAMES.has(name) && fn.kind === 'lambda') this.info.classValues.set(fn.fn, name);
    return fn;
  }

  /**
   * The pieces of a literal `str.format` call, parsed as CPython parses format strings: `{}` (numbered in order),
   * `{0}`, `{name}`, each followed by `.attr` or `[key]` lookups (`{0.hour:02d}`, `{row[name]}`, `{0[1]}`), a
   * conversion and a spec whose own fields are formatted first (`{x:>{width}}`). Undefined (after a diagnostic) for
   * a malformed string or a field with no value.
   */
  private formatPieces(fmt: string, args: A.Expr[], keywords: A.Keyword[], span: Span): FStringPiece[] | undefined {
    const state = { auto: 0 };
    const out = this.formatLevel(fmt, args, keywords, span, state, 2);
    return out;
  }

  private formatLevel(
    fmt: string,
    args: A.Expr[],
    keywords: A.Keyword[],
    span: Span,
    state: { auto: number },
    depth: number,
  ): FStringPiece[] | undefined {
    const pieces: FStringPiece[] = [];
    let text = '';
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i]!;
      if ((c === '{' || c === '}') && fmt[i + 1] === c) {
        text += c;
        i++;
        continue;
      }
      if (c === '}') {
        this.sink.report('E0101', span);
        return undefined;
      }
      if (c !== '{') {
        text += c;
        continue;
      }
      // The field runs to the '}' that balances this '{'.
      let level = 1;
      let end = i + 1;
      for (; end < fmt.length; end++) {
        if (fmt[end] === '{') level++;
        else if (fmt[end] === '}' && --level === 0) break;
      }
      if (end >= fmt.length || depth === 0) {
        this.sink.report('E0101', span);
        return undefined;
      }
      const field = fmt.slice(i + 1, end);
      i = end;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|\d*)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[[^\]]+\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(
        field,
      );
      if (!m) {
        this.unsupported(
          span,
          `the format field \`${field}\``,
          'a field is a position, a number or a name, then attribute or index lookups, an optional !r, !s or !a, and a :spec',
        );
        return undefined;
      }
      let value: A.Expr | undefined;
      if (m[1] === '') value = args[state.auto++];
      else if (/^\d+$/.test(m[1]!)) value = args[Number(m[1])];
      else value = keywords.find((k) => k.name === m[1])?.value;
      if (!value) {
        this.sink.report('E0305', span, { name: 'str.format', expected: `a value for {${field}}`, actual: 'none' });
        return undefined;
      }
      // `.attr` and `[key]` lookups: a digit key is an int, any other a str (CPython's rule).
      for (const [, attr, key] of m[2]!.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]/g)) {
        value =
          attr !== undefined
            ? ({ kind: 'Attribute', value, attr, span } as A.Expr)
            : ({
                kind: 'Subscript',
                value,
                index: /^\d+$/.test(key!)
                  ? ({ kind: 'Int', value: BigInt(key!), span } as A.Expr)
                  : ({ kind: 'Str', value: key!, span } as A.Expr),
                span,
              } as A.Expr);
      }
      if (text) pieces.push({ text });
      text = '';
      const piece: FStringPiece = { expr: this.expr(value) };
      if (m[3]) piece.conversion = m[3] as 'r' | 's' | 'a';
      const spec = m[4];
      if (spec?.includes('{')) {
        const inner = this.formatLevel(spec, args, keywords, span, state, depth - 1);
        if (!inner) return undefined;
        piece.specPieces = inner;
      } else if (spec) piece.spec = spec;
      pieces.push(piece);
    }
    if (text) pieces.push({ text });
    return pieces;
  }

  /**
   * Whether `e` is `obj.NAME`, where NAME is a field the module's methods bind only to `logging.getLogger(...)`, or the
   * local `self_NAME` that a constructor's `self.NAME` becomes (`lower/classes.ts`).
   */
  private isLoggerAttr(e: A.Expr): boolean {
    if (e.kind === 'Name')
      return !this.storingFields && e.id.startsWith('self_') && this.info.loggerAttrs.has(e.id.slice(5));
    // `obj.log` of any local object (never a module's attribute): no class declares a field of that name otherwise
    // (`loggerAttrs`); a method of that name called on a value (`t.log()`) is lowered as a call, not read here.
    return (
      e.kind === 'Attribute' &&
      e.value.kind === 'Name' &&
      this.locals.has(e.value.id) &&
      this.info.loggerAttrs.has(e.attr)
    );
  }

  /**
   * What only the call site knows, for the calls that report on the process. A logging call's `%` arguments
   * (`logger.info("%d texts", n)`) are formatted into its message here, with CPython's result (CPython formats them
   * when the record is emitted; the loggers known here are the `logging` module and names and fields bound only to
   * `logging.getLogger(...)`; other receivers keep their arguments and the op says what to do). `warnings.warn` carries its
   * category's name and its file and line, which CPython prints.
   */
  private reportingCall(e: A.CallExpr): IrExpr | undefined {
    const span = e.span;
    if (this.qualifiedName(e.func) === 'warnings.warn') {
      const msg = e.args[0] ?? e.keywords.find((k) => k.name === 'message')?.value;
      const cat = e.args[1] ?? e.keywords.find((k) => k.name === 'category')?.value;
      const known = (n: string): boolean => WARNING_CLASSES.has(n) || this.info.exceptions.has(n);
      const category =
        cat === undefined
          ? 'UserWarning'
          : cat.kind === 'Name' && !this.locals.has(cat.id) && known(cat.id)
            ? cat.id
            : '';
      if (!msg || !category) {
        this.unsupported(
          cat?.span ?? span,
          'this `warnings.warn` call',
          'pass the message and one of the builtin warning classes (`UserWarning`, `RuntimeWarning`, `FutureWarning`, ...) or a warning class of the module',
        );
        return this.none(span);
      }
      const str = (value: string): IrExpr => ({ kind: 'const', value: { kind: 'str', value }, span });
      return {
        kind: 'op',
        op: 'warnings.warn',
        args: [
          this.expr(msg),
          str(category),
          str(span.file),
          { kind: 'const', value: { kind: 'int', value: BigInt(span.line) }, span },
        ],
        kwargs: new Map(),
        span,
      };
    }
    if (e.func.kind !== 'Attribute' || !LOG_METHODS.has(e.func.attr)) return undefined;
    const recv = e.func.value;
    const logger =
      this.qualifiedName(recv) === 'logging' ||
      (recv.kind === 'Name' &&
        (this.locals.has(recv.id) ? this.localLoggers.has(recv.id) : this.info.loggers.has(recv.id))) ||
      this.isLoggerAttr(recv);
    const at = e.func.attr === 'log' ? 1 : 0;
    const fmt = e.args[at];
    const rest = e.args.slice(at + 1);
    if (!logger || fmt?.kind !== 'Str' || rest.length === 0 || e.args.some((a) => a.kind === 'Starred'))
      return undefined;
    const pieces = this.percentPieces(fmt.value, { kind: 'Tuple', elts: rest, span } as A.Expr, span);
    if (!pieces) return this.none(span);
    const lowered = this.call({ ...e, args: e.args.slice(0, at + 1) });
    if (lowered.kind === 'op' || lowered.kind === 'call')
      lowered.args[lowered.args.length - 1] = { kind: 'fstring', pieces, span: fmt.span };
    return lowered;
  }

  /** The pieces of a literal `%` format: %s %r %d %i %f %e %g %x with flags, width and precision. */
  private percentPieces(fmt: string, right: A.Expr, span: Span): FStringPiece[] | undefined {
    const values = right.kind === 'Tuple' ? right.elts : [right];
    const pieces: FStringPiece[] = [];
    let text = '';
    let n = 0;
    const re = /%(?:%|([-+ 0#]*)(\d*)(?:\.(\d+))?([sridfeEgGxXo]))/g;
    let last = 0;
    for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
      text += fmt.slice(last, m.index);
      last = re.lastIndex;
      if (m[0] === '%%') {
        text += '%';
        continue;
      }
      const value = values[n++];
      if (!value) {
        this.sink.report('E0305', span, { name: '% formatting', expected: `${n} values`, actual: values.length });
        return undefined;
      }
      const [flags, width, prec, conv] = [m[1] ?? '', m[2] ?? '', m[3], m[4]!];
      if (text) pieces.push({ text });
      text = '';
      const piece: FStringPiece = { expr: this.expr(value) };
      if (conv === 'r') piece.conversion = 'r';
      const align = flags.includes('-') ? '<' : '';
      const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      const zero = flags.includes('0') && !align ? '0' : '';
      const type = conv === 's' || conv === 'r' ? '' : conv === 'i' || conv === 'd' ? 'd' : conv;
      const spec = `${align}${sign}${zero}${width}${prec !== undefined ? `.${prec}` : ''}${type}`;
      if (spec) piece.spec = conv === 'r' ? undefined : spec;
      if (conv === 'r' && (width || align)) piece.spec = `${align}${width}`;
      if (conv === 'd' || conv === 'i') piece.percentInt = true;
      pieces.push(piece);
    }
    text += fmt.slice(last);
    if (n !== values.length) {
      this.sink.report('E0305', span, { name: '% formatting', expected: n, actual: values.length });
      return undefined;
    }
    if (text) pieces.push({ text });
    return pieces;
  }

  private none(span: Span): IrExpr {
    return { kind: 'const', value: { kind: 'none' }, span };
  }

  private fstringPiece(p: A.FStringPart): FStringPiece {
    if (p.text !== undefined) return { text: p.text };
    const piece: FStringPiece = { expr: this.expr(p.expr!) };
    if (p.conversion) piece.conversion = p.conversion;
    if (p.spec) {
      // `{w:<{width}}`: the spec's own fields are formatted first, at run time.
      if (p.spec.parts.some((x) => x.expr)) piece.specPieces = p.spec.parts.map((x) => this.fstringPiece(x));
      else piece.spec = p.spec.parts.map((x) => x.text ?? '').join('');
    }
    return piece;
  }

  /** A reference to a resource: reported here if its files could not be used, else a global. */
  private resourceRef(name: string, span: Span): IrExpr {
    const r = this.info.resources.get(name)!;
    if (r.problem) {
      this.sink.report(r.problem.code, r.span, r.problem.args);
      r.problem = undefined;
    }
    if (r.resource && !this.usedResources.includes(r.resource)) this.usedResources.push(r.resource);
    return { kind: 'global', name, span };
  }

  private name(e: A.NameExpr): IrExpr {
    const span = e.span;
    if (this.locals.has(e.id)) return { kind: 'local', name: e.id, span };
    if (this.info.constants.has(e.id)) {
      // A cell computed by compiled code: its function is lowered with the module's (`lower/globals.ts`).
      const by = this.info.constants.get(e.id)!.computedBy;
      if (by !== undefined) this.calledFunctions.add(by);
      return { kind: 'global', name: e.id, span };
    }
    if (this.info.resources.has(e.id)) return this.resourceRef(e.id, span);
    if (this.info.moduleObjects.has(e.id)) {
      this.unsupported(span, 'a torch.nn.Module object used as a value', `call it directly: \`${e.id}(...)\``);
      return this.none(span);
    }
    if (this.info.dynamicGlobals.has(e.id)) {
      const d = this.info.dynamicGlobals.get(e.id)!;
      this.sink.report('E0206', d.node.span, { name: e.id, hint: d.hint });
      return this.none(span);
    }
    if (this.info.enumNames.has(e.id)) {
      // An Enum class as a value iterates its members in definition order (`list(Color)`, `for c in Color`).
      const cls = this.info.classes.get(e.id)!;
      // A Flag class iterates its one-bit members only (3.11: the others are aliases of combinations).
      const members = isFlagClass(cls, this.info.imports)
        ? flagCanonicalMembers(lowerEnum(cls, this.info, new DiagnosticSink()))
        : cls.body.flatMap((st) =>
            st.kind === 'Assign' && st.targets.length === 1 && st.targets[0]!.kind === 'Name'
              ? [st.targets[0]!.id]
              : [],
          );
      return {
        kind: 'list',
        items: members.map((m) => ({ kind: 'member', enumName: e.id, member: m, span }) as IrExpr),
        span,
      };
    }
    const lazy = this.info.lazyGlobals.get(e.id);
    if (lazy) {
      // Computed once per process by its synthesised function; each use reads a copy, as assignment does.
      this.calledFunctions.add(lazy);
      return { kind: 'call', fn: lazy, args: [], kwargs: new Map(), span };
    }
    if (this.info.functions.has(e.id)) {
      // A module function used as a value (`re.sub(p, _repl, s)`, `key=_rank`) is lowered too.
      this.calledFunctions.add(e.id);
      return { kind: 'lambda', fn: e.id, captures: [], span };
    }
    if (BUILTIN_FUNCTIONS.has(e.id) && !this.info.imports.has(e.id) && !(e.id in FORBIDDEN_BUILTINS))
      return this.functionValue(e.id, span, e);
    const q = this.qualifiedName(e);
    const known = q !== undefined ? moduleConstant(q) : undefined;
    if (known) return { kind: 'const', value: known, span };
    if (q !== undefined) return this.op(q, [], span);
    if (
      this.info.classes.has(e.id) &&
      !this.info.exceptions.has(e.id) &&
      !this.info.enumNames.has(e.id) &&
      !this.info.imports.has(e.id)
    ) {
      const v = this.classValue(e.id, span);
      if (v) return v;
    }
    // `exc_type = ValueError`, `{"timeout": TimeoutError}`: a class held as a value, raised or tested later.
    if (EXCEPTIONS.has(e.id) || this.info.exceptions.has(e.id)) {
      const v = this.exceptionValue(e.id, span);
      if (v) return v;
      this.unsupported(
        span,
        `the exception class \`${e.id}\` used as a value`,
        `name the class where it is raised or caught (\`raise ${e.id}(...)\`, \`except ${e.id}\`, \`isinstance(e, ${e.id})\`), or bind a tuple of classes once at module level and catch that`,
      );
      return this.none(span);
    }
    this.sink.report('E0205', span, {
      name: e.id,
      hint: this.info.classes.has(e.id)
        ? 'classes are not supported yet'
        : 'define it before use, or import it at module level',
    });
    return this.none(span);
  }

  /**
   * A call that a class plan decides: the struct literal at the end of a synthesised constructor, a plain class's
   * construction (its constructor function), `Cls.method(...)` of a static or class method.
   */
  private classCall(e: A.CallExpr, args: IrExpr[], kwargs: Map<string, IrExpr>): IrExpr | undefined {
    const f = e.func;
    const span = e.span;
    if (f.kind === 'Name' && RAW_NEW.has(e)) return { kind: 'new', struct: f.id, args, kwargs, span };
    const cls = f.kind === 'Name' ? f : f.kind === 'Attribute' && f.value.kind === 'Name' ? f.value : undefined;
    if (!cls || this.locals.has(cls.id)) return undefined;
    const plan = this.info.classPlans.get(cls.id);
    if (!plan) return undefined;
    let fn: string | undefined;
    if (f.kind === 'Name') fn = plan.constructor;
    else if (f.kind === 'Attribute') {
      const m = plan.methods.get(f.attr);
      if (m?.kind === 'static' || m?.kind === 'class') fn = m.fn;
    }
    if (fn === undefined) return undefined;
    this.calledFunctions.add(fn);
    return { kind: 'call', fn, args, kwargs, span };
  }

  /**
   * A dtype argument (`dtype=float`, `.astype(int)`): Python's own number types name numpy's
   * default dtypes, so an unshadowed `float`, `int` or `bool` is passed as that dtype's name, as
   * `dtype="float"` would be.
   */
  private dtypeArg(e: A.Expr): IrExpr {
    if (
      e.kind === 'Name' &&
      (e.id === 'float' || e.id === 'int' || e.id === 'bool') &&
      !this.locals.has(e.id) &&
      !this.info.imports.has(e.id) &&
      !this.info.functions.has(e.id)
    )
      return { kind: 'const', value: { kind: 'str', value: e.id }, span: e.span };
    return this.expr(e);
  }

  /**
   * `[*a, x, *b]` is `list(a) + [x] + list(b)` (and a set literal the set of that list): each
   * starred iterable becomes a list, so tuples, ranges and generators unpack as Python does.
   */
  private starredLiteral(elts: A.Expr[], isSet: boolean, span: Span): IrExpr {
    if (isSet) return this.starredSet(elts, span);
    const parts: IrExpr[] = [];
    let run: IrExpr[] = [];
    for (const x of elts) {
      if (x.kind === 'Starred') {
        if (run.length) parts.push({ kind: 'list', items: run, span });
        run = [];
        parts.push(this.op('builtins.list', [this.expr(x.value)], x.span));
      } else run.push(this.expr(x));
    }
    if (run.length) parts.push({ kind: 'list', items: run, span });
    const list = parts.slice(1).reduce((acc, p) => this.op('operator.add', [acc, p], span), parts[0]!);
    return isSet ? this.op('builtins.set', [list], span) : list;
  }

  /**
   * `*value` in a call: the marker op `builtins.__star__` that infer spreads. A value other than a local is evaluated
   * once, into a hidden local (`__star_<line>_<col>`, the kwarg `local`) that the spread's later items read.
   */
  private starArg(a: A.StarredExpr): IrExpr {
    const span = a.span;
    const value = this.expr(a.value);
    if (value.kind === 'local' || value.kind === 'global' || value.kind === 'const')
      return { kind: 'op', op: STAR_OP, args: [value], kwargs: new Map(), span };
    const name = `__star_${span.line}_${span.col}`;
    this.locals.add(name);
    return {
      kind: 'op',
      op: STAR_OP,
      args: [{ kind: 'assignexpr', name, value, span }],
      kwargs: new Map([['local', { kind: 'const', value: { kind: 'str', value: name }, span } as IrExpr]]),
      span,
    };
  }

  /**
   * The iterable of a `for` or a comprehension: a set display of constants there is the frozenset constant CPython's AST
   * optimizer makes of it (`fold_iter`), laid out unlike the same display elsewhere.
   */
  private iterExpr(e: A.Expr): IrExpr {
    const x = this.expr(e);
    if (x.kind === 'set' && e.kind === 'Set' && e.elts.length > 0 && e.elts.every(isFoldedConstant))
      return { ...x, constant: 'frozenset' };
    return x;
  }

  /**
   * `{a, *xs, b, *ys}`: CPython 3.11 builds the items before the first star as a set display, then updates it with each
   * starred iterable (a set merges table to table) and adds each later item: `set().union([a], xs, [b], ys)`.
   */
  private starredSet(elts: A.Expr[], span: Span): IrExpr {
    const parts: IrExpr[] = [];
    let run: IrExpr[] = [];
    for (const x of elts) {
      if (x.kind === 'Starred') {
        if (run.length) parts.push({ kind: 'list', items: run, span });
        run = [];
        parts.push(this.expr(x.value));
      } else run.push(this.expr(x));
    }
    if (run.length) parts.push({ kind: 'list', items: run, span });
    return this.op('method.union', [this.op('builtins.set', [], span), ...parts], span);
  }

  /** A digest argument: `hashlib.sha256` (the constructor, not called) is the str `"sha256"`; anything else as usual. */
  private digestArg(a: A.Expr): IrExpr {
    const m = /^hashlib\.(md5|sha1|sha224|sha256|sha384|sha512|blake2b|blake2s)$/.exec(this.qualifiedName(a) ?? '');
    return m ? { kind: 'const', value: { kind: 'str', value: m[1]! }, span: a.span } : this.expr(a);
  }

  private call(e: A.CallExpr): IrExpr {
    if (!RAW_NEW.has(e)) return this.callOf(e);
    // A constructor's struct literal stores its fields as they are: a logger field keeps its name (`isLoggerAttr`).
    const was = this.storingFields;
    this.storingFields = true;
    try {
      return this.callOf(e);
    } finally {
      this.storingFields = was;
    }
  }

  private callOf(e: A.CallExpr): IrExpr {
    const span = e.span;
    const f0 = e.func;
    if (f0.kind === 'Name' && f0.id === 'issubclass' && !this.locals.has(f0.id) && !this.info.functions.has(f0.id)) {
      const sub = this.issubclass(e);
      if (sub) return sub;
    }
    const excMethod = this.exceptionMethodCall(e);
    if (excMethod) return excMethod;
    const bound = this.partialValue(e);
    if (bound) return bound;
    const reporting = this.reportingCall(e);
    if (reporting) return reporting;
    const kwargs = new Map<string, IrExpr>();
    const fnArgs = FUNCTION_ARGUMENTS[this.qualifiedName(e.func) ?? ''] ?? [];
    const arityOf = (arg: number | string): number | undefined => fnArgs.find((a) => a.arg === arg)?.arity;
    // `hmac.new(key, msg, hashlib.sha256)`: a hashlib constructor named as the digest is its name (registry/ops/bytes.ts).
    const digestCall = ['hmac.new', 'hmac.digest'].includes(this.qualifiedName(e.func) ?? '');
    // `f(**{"a": 1, "b": x})`: a dict literal with str keys is its keywords, as CPython binds them.
    const keywords = e.keywords
      .map((k): A.Keyword => {
        const held = k.name === undefined && k.value.kind === 'Name' ? this.kwargDicts.get(k.value.id) : undefined;
        return held ? { ...k, value: held } : k;
      })
      .flatMap((k): A.Keyword[] =>
        k.name === undefined && k.value.kind === 'Dict' && k.value.keys.every((x) => x?.kind === 'Str')
          ? k.value.keys.map((x, i) => ({
              name: (x as A.StrExpr).value,
              value: (k.value as A.DictExpr).values[i]!,
              span: x!.span,
            }))
          : [k],
      );
    const twice = keywords.find((k, i) => k.name !== undefined && keywords.findIndex((o) => o.name === k.name) !== i);
    if (twice)
      this.unsupported(
        twice.span,
        `the keyword \`${twice.name!}\` given twice`,
        `CPython raises TypeError: got multiple values for keyword argument '${twice.name!}'`,
      );
    for (const k of keywords) {
      // `model(**encoded)` is kept as the keyword `**`; ops that take it (model calls) say so.
      // A method passed as `key=` (`max(d, key=d.get)`) is a function value: a one-argument lambda.
      const arity = k.name ? arityOf(k.name) : undefined;
      // `key=functools.cmp_to_key(f)`: the op gets f itself, a function of two items (ir.ts `CMP_KEY`).
      const held = k.value.kind === 'Name' ? this.cmpKeys.get(k.value.id) : undefined;
      const cmp = k.name === 'key' ? this.cmpToKeyArg(held ?? k.value) : undefined;
      if (cmp) {
        kwargs.set(CMP_KEY, cmp);
        continue;
      }
      const v =
        digestCall && (k.name === 'digestmod' || k.name === 'digest')
          ? this.digestArg(k.value)
          : arity !== undefined
            ? this.functionArg(k.value, arity)
            : k.name === 'key'
              ? this.callableArg(k.value)
              : k.name === 'dtype'
                ? this.dtypeArg(k.value)
                : this.expr(k.value);
      kwargs.set(k.name ?? '**', v);
    }
    const takesFunction =
      e.func.kind === 'Name' && (e.func.id === 'map' || e.func.id === 'filter') && !this.locals.has(e.func.id);
    const astype = e.func.kind === 'Attribute' && e.func.attr === 'astype';
    // isinstance's class argument names classes (exception classes among them); it is passed as a constant below.
    const classArg = this.qualifiedName(e.func) === 'isinstance' && !this.classValueArg(e) ? 1 : -1;
    // `f(*xs)`: a literal's items are spliced in place; any other value becomes the marker `builtins.__star__`, which
    // infer spreads (a tuple of known length into its items, an iterable to the ops that take one, `zip(*rows)`).
    const given = e.args.flatMap((a) =>
      a.kind === 'Starred' &&
      (a.value.kind === 'Tuple' || a.value.kind === 'List') &&
      !a.value.elts.some((x) => x.kind === 'Starred')
        ? a.value.elts
        : [a],
    );
    const args = given.map((a, i) =>
      a.kind === 'Starred'
        ? this.starArg(a)
        : i === classArg
          ? this.none(a.span)
          : digestCall && i === 2
            ? this.digestArg(a)
            : arityOf(i) !== undefined
              ? this.functionArg(a, arityOf(i)!)
              : takesFunction && i === 0
                ? given.length > 2
                  ? this.functionArg(a, given.length - 1)
                  : this.callableArg(a)
                : astype && i === 0
                  ? this.dtypeArg(a)
                  : this.expr(a),
    );
    const f = e.func;
    // "...".format(...) with a literal format string is an f-string, built at compile time.
    // So is one whose format string is a module-level str constant (`PROMPT.format(query=q)`).
    const constFormat =
      f.kind === 'Attribute' &&
      f.attr === 'format' &&
      f.value.kind === 'Name' &&
      !this.locals.has(f.value.id) &&
      !this.info.constants.get(f.value.id)?.cell
        ? this.info.constants.get(f.value.id)?.value
        : undefined;
    // (With `**mapping` the fields are looked up at run time: `str.format` in the registry.)
    if (
      f.kind === 'Attribute' &&
      f.attr === 'format' &&
      (f.value.kind === 'Str' || constFormat?.kind === 'str') &&
      e.keywords.every((k) => k.name !== undefined) &&
      // `fmt.format(*parts)`: the items are known only at run time (the registry's run-time `str.format`).
      !given.some((a) => a.kind === 'Starred')
    ) {
      const fmt = f.value.kind === 'Str' ? f.value.value : (constFormat as { kind: 'str'; value: string }).value;
      const pieces = this.formatPieces(fmt, e.args, e.keywords, span);
      if (pieces) return { kind: 'fstring', pieces, span };
    }
    // format(value, spec) formats as `f"{value:spec}"` does: one formatting path for both.
    if (
      f.kind === 'Name' &&
      f.id === 'format' &&
      !this.locals.has(f.id) &&
      !this.info.functions.has(f.id) &&
      e.keywords.length === 0 &&
      !e.args.some((a) => a.kind === 'Starred') &&
      (args.length === 1 || args.length === 2)
    ) {
      const piece: FStringPiece = { expr: args[0]! };
      const spec = args[1];
      if (spec?.kind === 'const' && spec.value.kind === 'str') piece.spec = spec.value.value;
      else if (spec) piece.specPieces = [{ expr: spec }];
      return { kind: 'fstring', pieces: [piece], span };
    }
    if (f.kind === 'Name' && !this.locals.has(f.id) && this.info.moduleObjects.has(f.id)) {
      const fn = `${f.id}__forward`;
      this.calledFunctions.add(fn);
      return { kind: 'call', fn, args, kwargs, span };
    }
    // Calling a value (a tokenizer or a model) is the op `call` on it.
    if (
      (f.kind === 'Name' && !this.locals.has(f.id) && this.info.resources.has(f.id)) ||
      (f.kind === 'Attribute' && this.selfObj && f.value.kind === 'Name' && f.value.id === 'self')
    ) {
      return { kind: 'op', op: 'call', args: [this.expr(f), ...args], kwargs, span };
    }
    const classCall = this.classCall(e, args, kwargs);
    if (classCall) return classCall;
    if (f.kind === 'Name' && !this.locals.has(f.id)) {
      if (this.info.functions.has(f.id)) {
        this.calledFunctions.add(f.id);
        const packed = this.packStarArgs(this.info.functions.get(f.id)!, args, kwargs, span);
        return { kind: 'call', fn: f.id, args: packed.args, kwargs: packed.kwargs, span };
      }
      if (EXCEPTIONS.has(f.id)) {
        this.unsupported(span, 'an exception used as a value', `use \`raise ${f.id}(...)\``);
        return this.none(span);
      }
      if (this.info.classes.has(f.id)) {
        if (this.info.structNames.has(f.id)) {
          const missing = this.info.enumNames.has(f.id)
            ? this.info.classPlans.get(f.id)?.methods.get('_missing_')
            : undefined;
          if (missing && args.length === 1 && kwargs.size === 0) {
            // `Cls(value)` of an Enum with `_missing_`: the value, bound once, goes to it when no member has it.
            const tmp = `__missing_${span.line}_${span.col}`;
            this.locals.add(tmp);
            this.calledFunctions.add(missing.fn);
            const read: IrExpr = { kind: 'local', name: tmp, span };
            const call: IrExpr = { kind: 'call', fn: missing.fn, args: [read], kwargs: new Map(), span };
            return {
              kind: 'new',
              struct: f.id,
              args: [{ kind: 'assignexpr', name: tmp, value: args[0]!, span }],
              kwargs: new Map([['__missing__', call]]),
              span,
            };
          }
          return { kind: 'new', struct: f.id, args, kwargs, span };
        }
        this.unsupported(
          span,
          `the class \`${f.id}\``,
          'only @dataclass classes, pydantic models, Enum and torch.nn.Module wrappers are supported',
        );
        return this.none(span);
      }
      // `getattr(obj, name)` with a computed name: infer reads the field of that name (`dynamicGetattr`).
      if (
        f.id === 'getattr' &&
        !this.info.imports.has(f.id) &&
        (args.length === 2 || args.length === 3) &&
        kwargs.size === 0
      )
        return { kind: 'op', op: 'builtins.getattr', args, kwargs, span };
      // `eval(expr, {"__builtins__": {}}, {})`: an expression with no names in scope, which the runtime's evaluator of
      // Python literals and operators computes (a calculator tool's idiom).
      if (f.id === 'eval' && !this.info.imports.has(f.id) && kwargs.size === 0 && sandboxedEval(e.args))
        return { kind: 'op', op: 'builtins.eval', args: [args[0]!], kwargs, span };
      if (f.id in FORBIDDEN_BUILTINS && !this.info.imports.has(f.id)) {
        this.unsupported(span, `\`${f.id}()\``, FORBIDDEN_BUILTINS[f.id]!);
        return this.none(span);
      }
    }
    const q = this.qualifiedName(f);
    // defaultdict's factory is a class: pass its identity as a constant.
    if (q === 'collections.defaultdict' && e.args.length === 1) {
      const fq = this.qualifiedName(e.args[0]!);
      return {
        kind: 'op',
        op: q,
        args: [
          {
            kind: 'const',
            value: { kind: 'str', value: fq ? (fq.includes('.') ? fq : `builtins.${fq}`) : '?' },
            span: e.args[0]!.span,
          },
        ],
        kwargs,
        span,
      };
    }
    // isinstance's class argument is a name, not a value: pass the class names as a constant.
    // `isinstance(v, typ)` of a local holding a class (a builtin class used as a value): infer tests its class.
    if (q === 'isinstance' && this.classValueArg(e))
      return { kind: 'op', op: 'builtins.isinstance', args, kwargs, span };
    if (q === 'isinstance' && e.args.length === 2) {
      const named = e.args[1]!;
      const cls =
        (named.kind === 'Name' && (this.classTuples.get(named.id) ?? this.moduleClassTuple(named.id))) || named;
      // A class of the module (not an exception, which is tested at run time by name) is `C=C,D,...`: it and the
      // classes derived from it, since an instance of any of them is an instance of C.
      const names = (cls.kind === 'Tuple' ? cls.elts : [cls]).map((c) =>
        c.kind !== 'Name'
          ? '?'
          : this.info.classes.has(c.id) && !this.info.exceptions.has(c.id) && !this.locals.has(c.id)
            ? `${c.id}=${classFamily(c.id, this.info.classes).join(',')}`
            : c.id,
      );
      return {
        kind: 'op',
        op: 'builtins.isinstance',
        args: [args[0]!, { kind: 'const', value: { kind: 'str', value: names.join('|') }, span: cls.span }],
        kwargs,
        span,
      };
    }
    if (q !== undefined) return { kind: 'op', op: q.includes('.') ? q : `builtins.${q}`, args, kwargs, span };
    if (f.kind === 'Attribute') {
      return { kind: 'op', op: `method.${f.attr}`, args: [this.expr(f.value), ...args], kwargs, span };
    }
    if (f.kind === 'Name') {
      // A nested function that rebinds enclosing locals returns `(result, *their new values)`: the call binds them.
      const rebinds = this.locals.has(f.id) ? this.nonlocalFns.get(f.id) : undefined;
      // What it changed before raising would be lost with its result, where a handler here could still read it.
      if (rebinds && this.inTry > 0) {
        this.unsupported(
          span,
          `calling the nested function \`${f.id}\`, which changes \`${[...rebinds.rebinds, ...rebinds.changed][0]!}\` of this function, inside \`try\``,
          'call it outside the `try`, or pass the container as a parameter and return it',
        );
        return this.none(span);
      }
      if (rebinds) return this.nonlocalCall(f.id, rebinds.rebinds, rebinds.changed, args, kwargs, span);
      // Calling a local: infer checks that it holds a function (a lambda).
      if (this.locals.has(f.id)) return { kind: 'op', op: 'call', args: [this.expr(f), ...args], kwargs, span };
      const dynamic = this.info.dynamicGlobals.get(f.id);
      if (dynamic) {
        this.sink.report('E0206', dynamic.node.span, { name: f.id, hint: dynamic.hint });
        return this.none(span);
      }
      this.sink.report('E0205', f.span, { name: f.id, hint: 'define it at module level, or import it' });
      return this.none(span);
    }
    // A function value read from a container (`TABLE[name](xs)`), given back by a call (`table.get(k, dflt)(x)`)
    // or chosen (`(f if c else g)(x)`): infer checks that it holds a function.
    return { kind: 'op', op: 'call', args: [this.expr(f), ...args], kwargs, span };
  }
}

/**
 * The body of a nested function with `nonlocal names`, rewritten to give them back: the declarations dropped, each
 * `return x` returning `(x, *names)`, and `(None, *names)` at the end for a body that falls through.
 */
function withRebinds(body: A.Stmt[], names: string[], span: Span): A.Stmt[] {
  const tuple = (value: A.Expr | undefined, at: Span): A.Expr => ({
    kind: 'Tuple',
    span: at,
    elts: [
      value ?? ({ kind: 'None', span: at } as A.Expr),
      ...names.map((n) => ({ kind: 'Name', id: n, span: at }) as A.Expr),
    ],
  });
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (!v || typeof v !== 'object') return v;
    const n = v as { kind?: string };
    // A deeper function or lambda returns for itself.
    if (n.kind === 'FunctionDef' || n.kind === 'Lambda' || n.kind === 'ClassDef') return v;
    if (n.kind === 'Return') {
      const r = v as A.ReturnStmt;
      return { ...r, value: tuple(r.value, r.span) };
    }
    return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, k === 'span' ? c : rewrite(c)]));
  };
  const kept = rewrite(body.filter((st) => !(st.kind === 'Global' && st.nonlocal))) as A.Stmt[];
  return mayFallThrough(kept) ? [...kept, { kind: 'Return', value: tuple(undefined, span), span } as A.Stmt] : kept;
}

/** The span of a `return` inside a `try` (body, handlers or else) that has a `finally`, not in a deeper function. */
function returnBeforeFinally(body: A.Stmt[]): Span | undefined {
  let found: Span | undefined;
  const visit = (v: unknown, inTry: boolean): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x) => visit(x, inTry));
      return;
    }
    const n = v as { kind?: string; span?: Span };
    if (n.kind === 'FunctionDef' || n.kind === 'Lambda' || n.kind === 'ClassDef') return;
    if (n.kind === 'Return' && inTry) {
      found = n.span;
      return;
    }
    if (n.kind === 'Try') {
      const t = v as A.TryStmt;
      const guarded = t.finalbody.length > 0 || inTry;
      visit(t.body, guarded);
      visit(t.handlers, guarded);
      visit(t.orelse, guarded);
      visit(t.finalbody, inTry);
      return;
    }
    for (const [k, c] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(c, inTry);
  };
  visit(body, false);
  return found;
}

/** Whether the end of a block may be reached (syntactically: it does not end in `return`/`raise` on every branch). */
function mayFallThrough(body: A.Stmt[]): boolean {
  const last = body.at(-1);
  if (!last) return true;
  if (last.kind === 'Return' || last.kind === 'Raise') return false;
  if (last.kind === 'If') return last.orelse.length === 0 || mayFallThrough(last.body) || mayFallThrough(last.orelse);
  return true;
}

/** The span of a `nonlocal` anywhere below a function body's top level (in a block or a deeper function). */
function nonlocalElsewhere(body: A.Stmt[]): Span | undefined {
  let found: Span | undefined;
  const visit = (v: unknown, top: boolean): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x) => visit(x, top));
      return;
    }
    const n = v as { kind?: string; nonlocal?: boolean; span?: Span };
    if (n.kind === 'Global' && n.nonlocal && !top) found = n.span;
    for (const [k, c] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(c, false);
  };
  body.forEach((st) => {
    if (st.kind !== 'Global') visit(st, false);
  });
  return found;
}

/**
 * The names a function body binds exactly once, by a plain `name = value` whose value `binds` accepts, and reads only
 * where `use` finds them (it returns the name a node uses; a read inside a nested function or lambda is never a use:
 * the name would be captured there), each with the value it is bound to. A name bound otherwise too (a `for` target, `+=`) is read there
 * as a Name, so it fails the count of reads.
 */
function boundOnceUsedAs<T extends A.Expr>(
  body: A.Stmt[],
  binds: (value: A.Expr) => value is T,
  use: (node: object) => string | undefined,
): Map<string, T> {
  const bound = new Map<string, T>();
  const bindings = new Map<string, number>();
  const uses = new Map<string, number>();
  const reads = new Map<string, number>();
  const count = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  const visit = (v: unknown, nested = false): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x) => visit(x, nested));
      return;
    }
    const n = v as A.Stmt | A.Expr | A.Keyword;
    if ('kind' in n && n.kind === 'Assign') {
      const st = n as A.AssignStmt;
      for (const t of st.targets) {
        const names = new Set<string>();
        collectAssigned([{ ...st, targets: [t] }], names);
        names.forEach((x) => count(bindings, x));
        if (t.kind === 'Name' && binds(st.value)) bound.set(t.id, st.value);
      }
      visit(st.value, nested);
      return;
    }
    const used = nested ? undefined : use(n);
    if (used !== undefined) count(uses, used);
    if ('kind' in n && n.kind === 'Name') count(reads, (n as A.NameExpr).id);
    const inner = nested || ('kind' in n && (n.kind === 'FunctionDef' || n.kind === 'Lambda'));
    for (const [k, c] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(c, inner);
  };
  visit(body);
  return new Map(
    [...bound].filter(
      ([name]) => bindings.get(name) === 1 && (uses.get(name) ?? 0) > 0 && reads.get(name) === uses.get(name),
    ),
  );
}

/**
 * The names a function body binds exactly once, to `functools.cmp_to_key(f)`, and reads only as a `key=` argument
 * (nested functions and lambdas included), with the call each is bound to.
 */
function cmpKeyLocals(body: A.Stmt[], imports: ReadonlyMap<string, string>): Map<string, A.CallExpr> {
  return boundOnceUsedAs(
    body,
    (e): e is A.CallExpr => e.kind === 'Call' && moduleQualified(e.func, imports) === 'functools.cmp_to_key',
    keywordUse((kw) => kw.name === 'key'),
  );
}

/** A `use` for `boundOnceUsedAs`: a name passed as a keyword argument that `which` accepts (`key=name`, `**name`). */
function keywordUse(which: (kw: A.Keyword) => boolean): (node: object) => string | undefined {
  return (n) => (isKeyword(n) && n.value.kind === 'Name' && which(n) ? n.value.id : undefined);
}

/** Whether an AST object met while walking a body is a call's keyword argument (no `kind`, a `value` expression). */
function isKeyword(n: object): n is A.Keyword {
  if ('kind' in n || !('value' in n) || !('name' in n)) return false;
  const v = (n as { value: unknown }).value;
  return typeof v === 'object' && v !== null && 'kind' in v && 'span' in n;
}

/** A literal constant (a number, str, bool or None, or a negated number), whose value does not depend on when it is read. */
function literalConstant(e: A.Expr): boolean {
  if (e.kind === 'Unary' && e.op === '-') return e.operand.kind === 'Int' || e.operand.kind === 'Float';
  return ['Int', 'Float', 'Str', 'Bool', 'None'].includes(e.kind);
}

/**
 * The locals `classTuples` describes: bound once (by a plain `name = (C1, C2)` of class names) and read only as the
 * second argument of `isinstance`, so each test names the classes as if written there.
 */
function classTupleLocals(body: A.Stmt[]): Map<string, A.TupleExpr> {
  return boundOnceUsedAs(
    body,
    (e): e is A.TupleExpr => e.kind === 'Tuple' && e.elts.every((x) => x.kind === 'Name'),
    (n) => {
      // `except exc_types:` reads the tuple as the handler's classes.
      const h = n as Partial<A.ExceptHandler> & { kind?: string };
      if (h.kind === undefined && 'body' in h && h.type?.kind === 'Name') return h.type.id;
      const c = n as A.Expr;
      return c.kind === 'Call' &&
        c.func.kind === 'Name' &&
        c.func.id === 'isinstance' &&
        c.args.length === 2 &&
        c.args[1]!.kind === 'Name'
        ? c.args[1]!.id
        : undefined;
    },
  );
}

/** The locals `kwargDicts` describes: bound once to a literal dict of str keys and constant values, read only as `**name`. */
/**
 * Whether `eval`'s arguments leave the expression no names: globals `{"__builtins__": {}}` and no locals or `{}`
 * (every name is then CPython's NameError, so the run-time evaluator needs no scope).
 */
function sandboxedEval(args: A.Expr[]): boolean {
  const emptyDict = (x: A.Expr | undefined): boolean => x?.kind === 'Dict' && x.keys.length === 0;
  const [source, globals, locals, ...more] = args;
  if (!source || !globals || more.length > 0 || globals.kind !== 'Dict' || globals.keys.length !== 1) return false;
  const key = globals.keys[0];
  return (
    key?.kind === 'Str' &&
    key.value === '__builtins__' &&
    emptyDict(globals.values[0]) &&
    (!locals || emptyDict(locals))
  );
}

function kwargDictLocals(body: A.Stmt[]): Map<string, A.DictExpr> {
  return boundOnceUsedAs(
    body,
    (d): d is A.DictExpr =>
      d.kind === 'Dict' &&
      d.keys.every((k) => k?.kind === 'Str') &&
      new Set(d.keys.map((k) => (k as A.StrExpr).value)).size === d.keys.length &&
      d.values.every(literalConstant),
    keywordUse((kw) => kw.name === undefined),
  );
}

/**
 * The names (`log = ...`) and `self` attributes (`self.log = ...`) that statements bind only to `logging.getLogger(...)`,
 * nested blocks and functions included: a name also bound to anything else is neither.
 */
function loggerBindings(
  body: A.Stmt[],
  imports: ReadonlyMap<string, string>,
): { names: Set<string>; attrs: Set<string> } {
  const good = { names: new Set<string>(), attrs: new Set<string>() };
  const bad = { names: new Set<string>(), attrs: new Set<string>() };
  const visit = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    const n = v as A.Stmt;
    if (n.kind === 'Assign' || n.kind === 'AnnAssign' || n.kind === 'AugAssign') {
      const targets = n.kind === 'Assign' ? n.targets : [n.target];
      const value = n.kind === 'AugAssign' ? undefined : n.value;
      const isLogger = value?.kind === 'Call' && moduleQualified(value.func, imports) === 'logging.getLogger';
      for (const t of targets) {
        const [into, key] =
          t.kind === 'Name'
            ? (['names', t.id] as const)
            : t.kind === 'Attribute' && t.value.kind === 'Name' && t.value.id === 'self'
              ? (['attrs', t.attr] as const)
              : [undefined, undefined];
        if (into) (isLogger && n.kind !== 'AugAssign' ? good : bad)[into].add(key);
      }
    }
    for (const [k, c] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(c);
  };
  visit(body);
  return {
    names: new Set([...good.names].filter((x) => !bad.names.has(x))),
    attrs: new Set([...good.attrs].filter((x) => !bad.attrs.has(x))),
  };
}

/** The name a `logging.getLogger(...)` call gives (`""`, the root logger's, when it gives none or None). */
function loggerNameArg(e: A.Expr, imports: ReadonlyMap<string, string>): A.Expr | undefined {
  if (e.kind !== 'Call' || moduleQualified(e.func, imports) !== 'logging.getLogger') return undefined;
  const given = e.args[0] ?? e.keywords.find((k) => k.name === 'name')?.value;
  return !given || given.kind === 'None' ? ({ kind: 'Str', value: '', span: e.span } as A.Expr) : given;
}

/** A logger's reporting methods (`logging.Logger` and the `logging` module's functions of the same names). */
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']);

/** The builtin warning classes `warnings.warn` takes as its category. */
const WARNING_CLASSES = new Set([
  'Warning',
  'UserWarning',
  'DeprecationWarning',
  'PendingDeprecationWarning',
  'SyntaxWarning',
  'RuntimeWarning',
  'FutureWarning',
  'ImportWarning',
  'UnicodeWarning',
  'BytesWarning',
  'ResourceWarning',
  'EncodingWarning',
]);

/**
 * The names whose containers a function body changes in place (outside deeper functions): the root name of a
 * changing method's receiver (`out.append(x)`, `groups[k].append(x)`) or of an item or attribute assigned or deleted
 * (`seen[k] = v`, `del cache[k]`, `acc[i] += x`, `box.count = 1`).
 */
function changedContainers(body: A.Stmt[]): string[] {
  const out = new Set<string>();
  const root = (e: A.Expr): string | undefined =>
    e.kind === 'Name' ? e.id : e.kind === 'Subscript' || e.kind === 'Attribute' ? root(e.value) : undefined;
  const place = (t: A.Expr): void => {
    if (t.kind === 'Subscript' || t.kind === 'Attribute') {
      const r = root(t.value);
      if (r) out.add(r);
    } else if (t.kind === 'Tuple' || t.kind === 'List') t.elts.forEach(place);
  };
  const visit = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    const n = v as { kind?: string };
    if (n.kind === 'FunctionDef' || n.kind === 'Lambda' || n.kind === 'ClassDef') return;
    if (n.kind === 'Call') {
      const c = v as A.CallExpr;
      if (c.func.kind === 'Attribute' && CHANGING_METHODS.has(c.func.attr)) {
        const r = root(c.func.value);
        if (r) out.add(r);
      }
    }
    if (n.kind === 'Assign') (v as A.AssignStmt).targets.forEach(place);
    if (n.kind === 'AugAssign' || n.kind === 'AnnAssign') place((v as { target: A.Expr }).target);
    if (n.kind === 'Delete') (v as { targets: A.Expr[] }).targets.forEach(place);
    for (const [k, c] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(c);
  };
  visit(body);
  return [...out];
}

/** The methods that change the size of a list, dict or set. */
const RESIZING_METHODS = new Set([
  'append',
  'extend',
  'insert',
  'remove',
  'pop',
  'popitem',
  'clear',
  'add',
  'discard',
  'update',
  'setdefault',
  'difference_update',
  'intersection_update',
  'symmetric_difference_update',
]);

/**
 * A statement of a `for` loop's body that changes the size of the container the loop walks (`for k in d:` /
 * `d.items()` / `enumerate(xs)`, then `del d[k]`, `d.pop(k)`, `s.add(x)`, `xs.append(x)`), unless the loop leaves right
 * after it (`break`, `return` or `raise` later in the same block), which CPython allows.
 */
function resizedWhileIterated(st: A.ForStmt, itemWrites = false): { name: string; span: Span } | undefined {
  let it = st.iter;
  if (it.kind === 'Call' && it.func.kind === 'Name' && ['enumerate', 'reversed'].includes(it.func.id) && it.args[0])
    it = it.args[0];
  if (it.kind === 'Call' && it.func.kind === 'Attribute' && ['items', 'keys', 'values'].includes(it.func.attr))
    it = it.func.value;
  if (it.kind !== 'Name') return undefined;
  const name = it.id;
  const resizes = (x: A.Stmt): boolean => {
    // `name[k] = v`, `name[k] += v`: an item changed (or, in a dict, perhaps added).
    const write = (t: A.Expr): boolean => t.kind === 'Subscript' && t.value.kind === 'Name' && t.value.id === name;
    if (itemWrites && x.kind === 'Assign' && x.targets.some(write)) return true;
    if (itemWrites && x.kind === 'AugAssign' && write(x.target)) return true;
    if (x.kind === 'Delete')
      return x.targets.some((t) => t.kind === 'Subscript' && t.value.kind === 'Name' && t.value.id === name);
    if (x.kind === 'AugAssign') return x.target.kind === 'Name' && x.target.id === name;
    if (x.kind !== 'Expr') return false;
    const c = x.value;
    return (
      c.kind === 'Call' &&
      c.func.kind === 'Attribute' &&
      c.func.value.kind === 'Name' &&
      c.func.value.id === name &&
      RESIZING_METHODS.has(c.func.attr)
    );
  };
  const leaves = (x: A.Stmt): boolean => x.kind === 'Break' || x.kind === 'Return' || x.kind === 'Raise';
  let found: Span | undefined;
  const block = (body: A.Stmt[]): void => {
    body.forEach((x, i) => {
      if (found) return;
      if (resizes(x) && !body.slice(i + 1).some(leaves)) found = x.span;
      else if (x.kind === 'If' || x.kind === 'While') {
        block(x.body);
        block(x.orelse);
      } else if (x.kind === 'Try') {
        block(x.body);
        x.handlers.forEach((h) => block(h.body));
        block(x.orelse);
        block(x.finalbody);
      } else if (x.kind === 'With') block(x.body);
      else if (x.kind === 'Match') x.cases.forEach((c) => block(c.body));
      else if (x.kind === 'For' && !(x.target.kind === 'Name' && x.target.id === name)) block(x.body);
    });
  };
  block(st.body);
  return found ? { name, span: found } : undefined;
}

/** Whether a function body calls `name` (a nested function calling itself). */
/**
 * `tuple[R, T1, ...]` for a nested function annotated `R` that gives back `names` of `outer`, each `Ti` the
 * annotation `outer` gives the name (`memo: dict[int, int] = {}`) or the type of the constant it is first bound to
 * (`calls = 0`, `hits = [0]`); undefined when one has neither (infer then asks for an annotation).
 */
function givenBackAnnotation(
  result: A.Expr,
  names: string[],
  outer: A.FunctionDef | undefined,
  span: Span,
): A.Expr | undefined {
  const name = (id: string): A.Expr => ({ kind: 'Name', id, span });
  const literal = (e: A.Expr): A.Expr | undefined => {
    switch (e.kind) {
      case 'Int':
        return name('int');
      case 'Float':
        return name('float');
      case 'Str':
        return name('str');
      case 'Bool':
        return name('bool');
      case 'List': {
        const items = e.elts.map(literal);
        const first = items[0];
        if (!first || items.some((x) => !x || x.kind !== 'Name' || x.id !== (first as A.NameExpr).id)) return undefined;
        return { kind: 'Subscript', span, value: name('list'), index: first };
      }
      default:
        return undefined;
    }
  };
  const types: A.Expr[] = [];
  for (const n of names) {
    let t: A.Expr | undefined;
    const param = outer?.params.find((p) => p.name === n);
    if (param) t = param.annotation;
    walkSyntax(outer?.body ?? [], (x) => {
      if (t) return false;
      if (x['kind'] === 'FunctionDef' || x['kind'] === 'Lambda' || x['kind'] === 'ClassDef') return false;
      if (x['kind'] === 'AnnAssign') {
        const a = x as unknown as A.AnnAssignStmt;
        if (a.target.kind === 'Name' && a.target.id === n) t = a.annotation;
      } else if (x['kind'] === 'Assign') {
        const a = x as unknown as A.AssignStmt;
        if (a.targets.length === 1 && a.targets[0]!.kind === 'Name' && a.targets[0]!.id === n) t = literal(a.value);
      }
      return undefined;
    });
    if (!t) return undefined;
    types.push(t);
  }
  return {
    kind: 'Subscript',
    span,
    value: name('tuple'),
    index: { kind: 'Tuple', span, elts: [result, ...types] },
  };
}

/**
 * Whether every call of `name` in a nested function's body can bind what it gives back right there: none inside a
 * `try` (what it changed before raising would be lost), a comprehension, a lambda or a deeper function.
 */
function selfCallsUnpackable(body: A.Stmt[], name: string): boolean {
  let ok = true;
  const visit = (v: unknown, inside: boolean): void => {
    if (!ok || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x) => visit(x, inside));
      return;
    }
    const n = v as { kind?: string; func?: { kind?: string; id?: string } };
    if (n.kind === 'Call' && n.func?.kind === 'Name' && n.func.id === name && inside) ok = false;
    const deeper =
      inside ||
      n.kind === 'Try' ||
      n.kind === 'Comp' ||
      n.kind === 'Lambda' ||
      n.kind === 'FunctionDef' ||
      n.kind === 'ClassDef' ||
      n.kind === 'With';
    for (const [k, c] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(c, deeper);
  };
  visit(body, false);
  return ok;
}

function callsName(body: A.Stmt[], name: string): boolean {
  let found = false;
  const visit = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    const n = v as { kind?: string; func?: { kind?: string; id?: string } };
    if (n.kind === 'Call' && n.func?.kind === 'Name' && n.func.id === name) found = true;
    for (const [k, c] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(c);
  };
  visit(body);
  return found;
}

/** Whether a function body yields (not counting nested functions and lambdas). */
function containsYield(body: A.Stmt[]): boolean {
  let found = false;
  const visit = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    const k = (v as { kind?: string }).kind;
    if (k === 'Yield') {
      found = true;
      return;
    }
    if (k === 'FunctionDef' || k === 'Lambda' || k === 'ClassDef') return;
    for (const [key, child] of Object.entries(v)) if (key !== 'span' && key !== 'nameSpan') visit(child);
  };
  visit(body);
  return found;
}

function patternNames(p: A.Pattern, out: Set<string>): void {
  if (p.kind === 'Capture') out.add(p.name);
  if (p.kind === 'Or') p.patterns.forEach((q) => patternNames(q, out));
}

/** Names bound by assignment expressions (`(n := len(xs))`) in a statement, outside nested functions. */
function namedTargets(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    node.forEach((n) => namedTargets(n, out));
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as { kind?: string };
  if (n.kind === 'Lambda' || n.kind === 'FunctionDef' || n.kind === 'ClassDef') return;
  if (n.kind === 'Named') out.add((node as A.NamedExpr).target.id);
  for (const [k, v] of Object.entries(node)) if (k !== 'span' && typeof v === 'object') namedTargets(v, out);
}

/** Python scoping: every name bound anywhere in a function body is local to it. */
function collectAssigned(body: A.Stmt[], out: Set<string>): void {
  const target = (t: A.Expr): void => {
    if (t.kind === 'Name') out.add(t.id);
    else if (t.kind === 'Tuple' || t.kind === 'List') t.elts.forEach(target);
    else if (t.kind === 'Starred') target(t.value);
  };
  for (const st of body) {
    namedTargets(st, out);
    switch (st.kind) {
      case 'Assign':
        st.targets.forEach(target);
        break;
      case 'AnnAssign':
      case 'AugAssign':
        target(st.target);
        break;
      case 'For':
        target(st.target);
        collectAssigned(st.body, out);
        collectAssigned(st.orelse, out);
        break;
      case 'While':
        collectAssigned(st.body, out);
        collectAssigned(st.orelse, out);
        break;
      case 'If':
        collectAssigned(st.body, out);
        collectAssigned(st.orelse, out);
        break;
      case 'Try':
        collectAssigned(st.body, out);
        st.handlers.forEach((h) => {
          if (h.name) out.add(h.name);
          collectAssigned(h.body, out);
        });
        collectAssigned(st.orelse, out);
        collectAssigned(st.finalbody, out);
        break;
      case 'With':
        st.items.forEach((i) => i.target && target(i.target));
        collectAssigned(st.body, out);
        break;
      case 'Match':
        st.cases.forEach((c) => {
          patternNames(c.pattern, out);
          collectAssigned(c.body, out);
        });
        break;
      case 'FunctionDef':
        out.add(st.name);
        break;
      default:
        break;
    }
  }
}

export { T };

/** Whether two expressions name one place: the same name, or the same attribute of the same place (`self.timer`). */
function samePlace(a: A.Expr, b: A.Expr): boolean {
  if (a.kind === 'Name' && b.kind === 'Name') return a.id === b.id;
  if (a.kind === 'Attribute' && b.kind === 'Attribute') return a.attr === b.attr && samePlace(a.value, b.value);
  return false;
}

/** The names an import statement binds, each with the module path it stands for. */
function importBindings(st: A.Stmt): [string, string][] {
  if (st.kind === 'Import')
    return st.names.map((a) => (a.asname ? [a.asname, a.name] : [a.name.split('.')[0]!, a.name.split('.')[0]!]));
  if (st.kind === 'ImportFrom') return st.names.map((a) => [a.asname ?? a.name, `${st.module}.${a.name}`]);
  return [];
}

/** Every import anywhere in a function's body (its blocks and nested functions), as `importBindings`. */
function functionImports(def: A.FunctionDef): [string, string][] {
  const out: [string, string][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const kind = (node as { kind?: unknown }).kind;
      if (kind === 'Import' || kind === 'ImportFrom') out.push(...importBindings(node as A.Stmt));
      else for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
    }
  };
  walk(def.body);
  return out;
}

/**
 * `a, *rest, z = value` (and `a, b = <comprehension>`) as the statements Python's unpacking runs:
 * the value is made a list once, a list of the wrong length raises CPython's ValueError, the names
 * before and after the star take single items and the starred name the list between them.
 */
function starredAssign(elts: A.Expr[], value: A.Expr, span: Span): A.Stmt[] {
  const star = elts.findIndex((x) => x.kind === 'Starred');
  // Without a star, the names take exactly the items.
  const k = star < 0 ? elts.length : star;
  const after = star < 0 ? 0 : elts.length - k - 1;
  const needed = star < 0 ? elts.length : elts.length - 1;
  const expected = star < 0 ? `expected ${needed}` : `expected at least ${needed}`;
  const tmp = `__unpacked_${span.line}_${span.col}`;
  const name = (id: string): A.Expr => ({ kind: 'Name', span, id });
  const int = (v: number): A.Expr => ({ kind: 'Int', span, value: BigInt(v) });
  const call = (f: string, ...args: A.Expr[]): A.Expr => ({ kind: 'Call', span, func: name(f), args, keywords: [] });
  const len = call('len', name(tmp));
  const minus = (a: A.Expr, b: number): A.Expr =>
    b === 0 ? a : { kind: 'BinOp', span, op: '-', left: a, right: int(b) };
  const assign = (target: A.Expr, v: A.Expr): A.Stmt => ({ kind: 'Assign', span, targets: [target], value: v });
  const item = (index: A.Expr): A.Expr => ({ kind: 'Subscript', span, value: name(tmp), index });
  const str = (v: string): A.Expr => ({ kind: 'Str', span, value: v });
  const raise = (m: A.Expr): A.Stmt => ({ kind: 'Raise', span, exc: call('ValueError', m), cause: undefined });
  const check = (op: '<' | '>', m: A.Expr): A.Stmt => ({
    kind: 'If',
    span,
    test: { kind: 'Compare', span, left: len, ops: [op], comparators: [int(needed)] },
    body: [raise(m)],
    orelse: [],
  });
  const tooFew: A.Expr = {
    kind: 'BinOp',
    span,
    op: '+',
    left: {
      kind: 'BinOp',
      span,
      op: '+',
      left: str(`not enough values to unpack (${expected}, got `),
      right: call('str', len),
    },
    right: str(')'),
  };
  const out: A.Stmt[] = [assign(name(tmp), call('list', value)), check('<', tooFew)];
  if (star < 0) out.push(check('>', str(`too many values to unpack (${expected})`)));
  elts.forEach((t, i) => {
    if (i < k) out.push(assign(t, item(int(i))));
    else if (i === k)
      out.push(
        assign(
          (t as A.StarredExpr).value,
          item({ kind: 'Slice', span, lower: int(k), upper: minus(len, after), step: undefined }),
        ),
      );
    else out.push(assign(t, item(minus(len, elts.length - i))));
  });
  return out;
}

/**
 * A class whose field holds an instance of itself by value (`prev: Optional["Node"]`, directly or through other
 * classes' fields): a struct of infinite size in Rust. Containers (`list["Node"]`) break the cycle and are fine.
 * Reported, like a class's plan, to the entries that name the class.
 */
function reportRecursiveStructs(structs: ReadonlyMap<string, IrStruct>, info: ModuleInfo): void {
  const byValue = (t: Type, out: Set<string>): void => {
    if (t.kind === 'struct') out.add(t.name);
    else if (t.kind === 'optional') byValue(t.item, out);
    else if (t.kind === 'tuple') for (const x of t.items) byValue(x, out);
    else if (t.kind === 'union') for (const x of t.members) byValue(x, out);
  };
  for (const st of structs.values()) {
    const seen = new Set<string>();
    const work = [st.name];
    let cycle: IrStructField | undefined;
    while (work.length > 0 && !cycle) {
      const s = structs.get(work.pop()!);
      if (!s) continue;
      for (const f of s.fields) {
        const reached = new Set<string>();
        byValue(f.type, reached);
        if (reached.has(st.name)) {
          cycle = f;
          break;
        }
        for (const r of reached)
          if (!seen.has(r)) {
            seen.add(r);
            work.push(r);
          }
      }
    }
    if (!cycle) continue;
    const d = new DiagnosticSink().report('E0202', cycle.span ?? st.span, {
      construct: `a field of \`${st.name}\` that holds a \`${st.name}\` (a recursive class)`,
      hint: `hold it in a container instead, for example \`list[${st.name}]\``,
    });
    info.classDiagnostics.set(st.name, [...(info.classDiagnostics.get(st.name) ?? []), d]);
  }
}

/** A class of the module and every class derived from it, directly or not (by `class D(C)` bases). */
function classFamily(name: string, classes: ReadonlyMap<string, A.ClassDef>): string[] {
  const family = [name];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [n, cls] of classes)
      if (!family.includes(n) && cls.bases.some((b) => b.kind === 'Name' && family.includes(b.id))) {
        family.push(n);
        grew = true;
      }
  }
  return family;
}

/** How `functools.total_ordering` derives each comparison from the one a class defines (CPython's `_convert`). */
const TOTAL_ORDERING: Record<string, Record<string, { not: boolean; with?: 'and_ne' | 'or_eq' }>> = {
  __lt__: { __gt__: { not: true, with: 'and_ne' }, __le__: { not: false, with: 'or_eq' }, __ge__: { not: true } },
  __le__: { __ge__: { not: true, with: 'or_eq' }, __lt__: { not: false, with: 'and_ne' }, __gt__: { not: true } },
  __gt__: { __lt__: { not: true, with: 'and_ne' }, __ge__: { not: false, with: 'or_eq' }, __le__: { not: true } },
  __ge__: { __le__: { not: true, with: 'or_eq' }, __gt__: { not: false, with: 'and_ne' }, __lt__: { not: true } },
};

/**
 * A class under `@functools.total_ordering` as the class it becomes: the decorator gone, and the comparisons it
 * lacks written from the one it has, as CPython derives them (the root is `__lt__` if defined, else `__le__`,
 * `__gt__`, `__ge__`): with `__lt__`, `a > b` is `not a < b and a != b`. Any other class is returned as it is.
 */
/**
 * `@dataclass(order=True)`: the `__lt__`, `__le__`, `__gt__` and `__ge__` CPython generates, each comparing the tuples
 * of the fields that take part in comparisons (those of dataclass bases first; `field(compare=False)` ones left out).
 * A comparison the class defines itself is kept (CPython raises TypeError at the decorator for it).
 */
function dataclassOrder(cls: A.ClassDef, info: ModuleInfo): A.ClassDef {
  const deco = cls.decorators.find(
    (d) => d.kind === 'Call' && moduleQualified(d.func, info.imports) === 'dataclasses.dataclass',
  ) as A.CallExpr | undefined;
  const order = deco?.keywords.find((k) => k.name === 'order')?.value;
  if (order?.kind !== 'Bool' || !order.value) return cls;
  const fields: string[] = [];
  const collect = (c: A.ClassDef, seen: Set<string>): void => {
    seen.add(c.name);
    for (const b of c.bases) {
      const base = b.kind === 'Name' ? info.classes.get(b.id) : undefined;
      if (base && !seen.has(base.name)) collect(base, seen);
    }
    for (const st of c.body)
      if (st.kind === 'AnnAssign' && st.target.kind === 'Name') {
        const name = st.target.id;
        const at = fields.indexOf(name);
        if (at >= 0) fields.splice(at, 1);
        if (dataclassFieldOptions(st.value, info.imports).compare !== false) fields.push(name);
      }
  };
  collect(cls, new Set());
  const span = cls.nameSpan;
  const own = new Set(cls.body.flatMap((st) => (st.kind === 'FunctionDef' ? [st.name] : [])));
  const name = (id: string): A.Expr => ({ kind: 'Name', span, id });
  const param = (id: string): A.Param => ({
    name: id,
    annotation: undefined,
    default: undefined,
    star: undefined,
    keywordOnly: false,
    span,
  });
  const tuple = (of: string): A.Expr => ({
    kind: 'Tuple',
    span,
    elts: fields.map((f) => ({ kind: 'Attribute', span, value: name(of), attr: f })),
  });
  const methods: A.FunctionDef[] = (
    [
      ['__lt__', '<'],
      ['__le__', '<='],
      ['__gt__', '>'],
      ['__ge__', '>='],
    ] as const
  )
    .filter(([m]) => !own.has(m))
    .map(([m, op]) => ({
      kind: 'FunctionDef',
      name: m,
      params: [param('self'), param('other')],
      returns: name('bool'),
      body: [
        {
          kind: 'Return',
          value: { kind: 'Compare', span, left: tuple('self'), ops: [op], comparators: [tuple('other')] },
          span,
        },
      ],
      decorators: [],
      isAsync: false,
      nameSpan: span,
      span,
    }));
  return { ...cls, body: [...cls.body, ...methods] };
}

/**
 * A class that defines `__lt__`, and a NamedTuple, gets the comparator `CMP_METHOD` (-1, 0 or 1 from `self < other` and
 * `other < self`), through which infer sorts its instances and takes their max and min (`sorted(items)`), as CPython orders them by `<`.
 */
function ltComparator(cls: A.ClassDef, info: ModuleInfo): A.ClassDef {
  // A NamedTuple orders as the tuple of its fields, as CPython's tuple does.
  const namedTuple = cls.bases.some((b) => NAMED_TUPLE_BASE.test(moduleQualified(b, info.imports) ?? ''));
  if (!namedTuple && !cls.body.some((st) => st.kind === 'FunctionDef' && st.name === '__lt__')) return cls;
  if (cls.body.some((st) => st.kind === 'FunctionDef' && st.name === CMP_METHOD)) return cls;
  const span = cls.nameSpan;
  const name = (id: string): A.Expr => ({ kind: 'Name', span, id });
  const int = (v: number): A.Expr => ({ kind: 'Int', span, value: BigInt(v) }) as unknown as A.Expr;
  const lt = (a: string, b: string): A.Expr => ({
    kind: 'Compare',
    span,
    left: name(a),
    ops: ['<'],
    comparators: [name(b)],
  });
  const value: A.Expr = {
    kind: 'IfExp',
    span,
    test: lt('self', 'other'),
    body: int(-1),
    orelse: { kind: 'IfExp', span, test: lt('other', 'self'), body: int(1), orelse: int(0) },
  } as unknown as A.Expr;
  const param = (id: string): A.Param => ({
    name: id,
    annotation: undefined,
    default: undefined,
    star: undefined,
    keywordOnly: false,
    span,
  });
  const def: A.FunctionDef = {
    kind: 'FunctionDef',
    name: CMP_METHOD,
    params: [param('self'), param('other')],
    returns: name('int'),
    body: [{ kind: 'Return', value, span }],
    decorators: [],
    isAsync: false,
    nameSpan: span,
    span,
  };
  return { ...cls, body: [...cls.body, def] };
}

function totalOrdering(cls: A.ClassDef, imports: ReadonlyMap<string, string>): A.ClassDef {
  const at = cls.decorators.findIndex((d) => moduleQualified(d, imports) === 'functools.total_ordering');
  if (at < 0) return cls;
  const methods = new Map(
    cls.body.filter((st): st is A.FunctionDef => st.kind === 'FunctionDef').map((f) => [f.name, f] as const),
  );
  const root = ['__lt__', '__le__', '__gt__', '__ge__'].find((m) => methods.has(m));
  // Without a root CPython raises ValueError at the decorator; leaving it on makes the class a diagnostic.
  if (!root) return cls;
  const def = methods.get(root)!;
  const other = def.params[1];
  if (!other) return cls;
  const span = cls.nameSpan;
  const name = (id: string): A.Expr => ({ kind: 'Name', span, id });
  const derived: A.FunctionDef[] = Object.entries(TOTAL_ORDERING[root]!)
    .filter(([m]) => !methods.has(m))
    .map(([m, how]) => {
      const call: A.Expr = {
        kind: 'Call',
        span,
        func: { kind: 'Attribute', span, value: name('self'), attr: root },
        args: [name(other.name)],
        keywords: [],
      };
      const r: A.Expr = how.not ? { kind: 'Unary', span, op: 'not', operand: call } : call;
      const value: A.Expr = how.with
        ? {
            kind: 'BoolOp',
            span,
            op: how.with === 'and_ne' ? 'and' : 'or',
            left: r,
            right: {
              kind: 'Compare',
              span,
              left: name('self'),
              ops: [how.with === 'and_ne' ? '!=' : '=='],
              comparators: [name(other.name)],
            },
          }
        : r;
      return {
        kind: 'FunctionDef',
        name: m,
        params: [def.params[0]!, other],
        returns: name('bool'),
        body: [{ kind: 'Return', value, span }],
        decorators: [],
        isAsync: false,
        nameSpan: span,
        span,
      };
    });
  return { ...cls, decorators: cls.decorators.filter((_, i) => i !== at), body: [...cls.body, ...derived] };
}

/**
 * `P = collections.namedtuple("P", "x y")` (names in one str split at commas and spaces, or a list of str), with
 * literal `defaults=` for the last fields: a NamedTuple class whose fields `lowerStruct` leaves untyped (as CPython's
 * are), so infer gives each the type its constructions give it (`IrStruct.inferred`). Any other form (`rename=`, names
 * that are not literals or not identifiers) is left undefined, for E0206.
 */
function untypedNamedTuple(
  target: A.NameExpr,
  v: A.CallExpr,
  fields: A.Expr | undefined,
  span: Span,
): A.ClassDef | undefined {
  let names: string[] | undefined;
  if (fields?.kind === 'Str')
    names = fields.value
      .replace(/,/g, ' ')
      .split(/\s+/)
      .filter((n) => n !== '');
  else if ((fields?.kind === 'List' || fields?.kind === 'Tuple') && fields.elts.every((x) => x.kind === 'Str'))
    names = fields.elts.map((x) => (x as A.StrExpr).value);
  if (!names || v.args.length !== 2) return undefined;
  if (names.some((n, i) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(n) || names!.indexOf(n) !== i)) return undefined;
  let defaults: A.Expr[] = [];
  for (const k of v.keywords) {
    if (k.name === 'defaults' && (k.value.kind === 'List' || k.value.kind === 'Tuple')) defaults = k.value.elts;
    else if (k.name !== 'module') return undefined;
  }
  if (defaults.length > names.length) return undefined;
  const firstDefault = names.length - defaults.length;
  return {
    kind: 'ClassDef',
    name: target.id,
    bases: [v.func],
    keywords: [],
    decorators: [],
    body: names.map((field, i) => ({
      kind: 'AnnAssign',
      target: { kind: 'Name', id: field, span: fields!.span },
      annotation: { kind: 'Name', id: 'object', span: fields!.span },
      value: i >= firstDefault ? defaults[i - firstDefault] : undefined,
      span: fields!.span,
    })),
    nameSpan: target.span,
    span,
  };
}

/**
 * The functional form of a NamedTuple (`P = NamedTuple("P", [("x", int), ("y", str)])`, or with keywords `x=int`) as
 * the class statement it is equivalent to, or undefined for any other assignment.
 */
function namedTupleClass(st: A.AssignStmt, imports: ReadonlyMap<string, string>): A.ClassDef | undefined {
  const v = st.value;
  const target = st.targets.length === 1 ? st.targets[0] : undefined;
  if (target?.kind !== 'Name' || v.kind !== 'Call') return undefined;
  const factory = moduleQualified(v.func, imports);
  const [name, fields] = v.args;
  if (name?.kind !== 'Str' || name.value !== target.id) return undefined;
  if (factory === 'collections.namedtuple') return untypedNamedTuple(target, v, fields, st.span);
  if (factory !== 'typing.NamedTuple') return undefined;
  const pairs: [string, A.Expr, Span][] = [];
  if (fields && (fields.kind === 'List' || fields.kind === 'Tuple')) {
    for (const f of fields.elts) {
      if (f.kind !== 'Tuple' || f.elts.length !== 2 || f.elts[0]!.kind !== 'Str') return undefined;
      pairs.push([f.elts[0]!.value, f.elts[1]!, f.span]);
    }
  } else if (fields) return undefined;
  for (const k of v.keywords) {
    if (k.name === undefined) return undefined;
    pairs.push([k.name, k.value, k.span]);
  }
  return {
    kind: 'ClassDef',
    name: target.id,
    bases: [v.func],
    keywords: [],
    decorators: [],
    body: pairs.map(([field, annotation, span]) => ({
      kind: 'AnnAssign',
      target: { kind: 'Name', id: field, span },
      annotation,
      value: undefined,
      span,
    })),
    nameSpan: target.span,
    span: st.span,
  };
}
