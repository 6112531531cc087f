/**
 * Classes of the module used as run-time values (`MODELS = {"bert": Bert, "gpt": Gpt}`, `cls = MODELS[name]`,
 * `cls: type[Base] = Tri if t else Square`). A class held as a value is its constructor as a function value: a
 * synthesised module function `__class_<Name>` whose parameters are the class's constructor parameters (a plain
 * class's `__init__` ones, a dataclass's init fields with their defaults) and whose body constructs the class. It is
 * then a `callable` like any function value, so a dict or a conditional of several classes is infer's dispatch table
 * of callables (a variant of function values, dispatched by `match`), calling it builds the right class, and
 * `IrModule.classValues` names the class of each such function, so `cls.__name__`, `issubclass(cls, Base)`,
 * `isinstance(v, cls)` and `cls.CONST` are answered per member of the variant at compile time.
 */
import type { Span } from '../diagnostics/diagnostic';
import type * as A from '../parse/ast';

/** The synthesised function that stands for class `name` held as a value. */
export function classValueFunction(name: string): string {
  return `__class_${name}`;
}

/**
 * The parameters of a class's constructor as a function value: `ctor`'s (a plain class's or a `__post_init__`
 * dataclass's synthesised constructor) when it has one, else a dataclass's init fields in order (base classes' first,
 * a redeclared field keeping its place), each with its default; undefined when they cannot be stated (`*args`).
 */
export function classValueParams(
  cls: A.ClassDef,
  classes: ReadonlyMap<string, A.ClassDef>,
  ctor: A.FunctionDef | undefined,
  isStruct: (c: A.ClassDef) => boolean,
  fieldDefault: (e: A.Expr) => A.Expr,
  isClassVar: (annotation: A.Expr) => boolean,
): A.Param[] | undefined {
  if (ctor) {
    if (ctor.params.some((p) => p.star !== undefined)) return undefined;
    return ctor.params.map((p) => ({ ...p }));
  }
  if (!isStruct(cls)) return [];
  const params: A.Param[] = [];
  const seen = new Set<string>();
  const visit = (c: A.ClassDef): void => {
    if (seen.has(c.name)) return;
    seen.add(c.name);
    for (const b of c.bases) {
      const base = b.kind === 'Name' ? classes.get(b.id) : undefined;
      if (base && isStruct(base)) visit(base);
    }
    for (const st of c.body) {
      if (st.kind !== 'AnnAssign' || st.target.kind !== 'Name' || isClassVar(st.annotation)) continue;
      const v = st.value;
      const noInit =
        v?.kind === 'Call' && v.keywords.some((k) => k.name === 'init' && k.value.kind === 'Bool' && !k.value.value);
      const at = params.findIndex((p) => p.name === (st.target as A.NameExpr).id);
      if (noInit) {
        if (at >= 0) params.splice(at, 1);
        continue;
      }
      const given = v ? fieldDefault(v) : undefined;
      const dflt = given === v && v?.kind === 'Call' ? undefined : given;
      const p: A.Param = {
        name: st.target.id,
        annotation: undefined,
        default: dflt,
        star: undefined,
        keywordOnly: false,
        span: st.span,
      };
      if (at >= 0) params[at] = p;
      else params.push(p);
    }
  };
  visit(cls);
  return params;
}

/** The function definition of class `cls` as a value: its parameters passed on by keyword to the class. */
export function classValueDef(cls: string, params: A.Param[], span: Span): A.FunctionDef {
  const name = (id: string): A.NameExpr => ({ kind: 'Name', id, span });
  const call: A.CallExpr = {
    kind: 'Call',
    func: name(cls),
    args: [],
    keywords: params.map((p) => ({ name: p.name, value: name(p.name), span })),
    span,
  };
  return {
    kind: 'FunctionDef',
    name: classValueFunction(cls),
    span,
    nameSpan: span,
    decorators: [],
    isAsync: false,
    returns: undefined,
    params,
    body: [{ kind: 'Return', span, value: call }],
  };
}

/**
 * The module-level statements a registering class decorator runs at import (`@register("bert") class Bert` with
 * `def register(name): def deco(cls): REGISTRY[name] = cls; return cls; return deco`): the applied function's
 * statements before its `return cls`, its parameters replaced by the decorator's arguments and by the class's name,
 * stacked decorators bottom-up. Lowering attaches them to the value they change as any module-level statement, so the
 * registry's first value holds the classes (as values, `__class_<Name>`). A decorator not of that shape (one that
 * returns another class, reads its own locals, takes `*args`) gives no statements. `applied` holds the decorators
 * done so, which the class then goes without (a registration changes nothing of the class itself).
 */
export function classRegistrations(
  cls: A.ClassDef,
  functions: ReadonlyMap<string, A.FunctionDef>,
): { stmts: A.Stmt[]; applied: Set<A.Expr> } {
  const out: A.Stmt[] = [];
  const applied = new Set<A.Expr>();
  for (const d of [...cls.decorators].reverse()) {
    const target = d.kind === 'Call' ? d.func : d;
    const g = target.kind === 'Name' ? functions.get(target.id) : undefined;
    if (!g) continue;
    const names = new Map<string, A.Expr>();
    let fn = g;
    if (d.kind === 'Call') {
      const body = withoutDoc(g.body);
      const inner = body[0];
      const ret = body[1];
      if (
        body.length !== 2 ||
        inner?.kind !== 'FunctionDef' ||
        ret?.kind !== 'Return' ||
        ret.value?.kind !== 'Name' ||
        ret.value.id !== inner.name
      )
        continue;
      if (!bindArguments(g.params, d, names)) continue;
      fn = inner;
    }
    const param = fn.params[0];
    if (fn.params.length !== 1 || !param || param.star !== undefined) continue;
    const body = withoutDoc(fn.body);
    const last = body[body.length - 1];
    if (last?.kind !== 'Return' || last.value?.kind !== 'Name' || last.value.id !== param.name) continue;
    names.set(param.name, { kind: 'Name', id: cls.name, span: cls.nameSpan });
    const stmts = body.slice(0, -1);
    // Only statements of the parameters and module names: nothing the function binds for itself.
    if (!stmts.every((st) => st.kind === 'Assign' || st.kind === 'Expr' || st.kind === 'AugAssign')) continue;
    if (stmts.some((st) => st.kind === 'Assign' && st.targets.some((t) => t.kind === 'Name'))) continue;
    for (const st of stmts) out.push(substituteStmt(st, names));
    applied.add(d);
  }
  return { stmts: out, applied };
}

function withoutDoc(body: A.Stmt[]): A.Stmt[] {
  const s = body[0];
  return s?.kind === 'Expr' && s.value.kind === 'Str' ? body.slice(1) : body;
}

/** Binds a decorator factory's arguments to its parameters (positional, keyword, defaults); false if it cannot. */
function bindArguments(params: A.Param[], call: A.CallExpr, names: Map<string, A.Expr>): boolean {
  if (params.some((p) => p.star !== undefined)) return false;
  if (call.args.some((a) => a.kind === 'Starred') || call.keywords.some((k) => k.name === undefined)) return false;
  if (call.args.length > params.length) return false;
  params.forEach((p, i) => {
    const given = i < call.args.length ? call.args[i] : call.keywords.find((k) => k.name === p.name)?.value;
    const v = given ?? p.default;
    if (v) names.set(p.name, v);
  });
  return params.every((p) => names.has(p.name));
}

function substituteStmt(st: A.Stmt, names: ReadonlyMap<string, A.Expr>): A.Stmt {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (!v || typeof v !== 'object') return v;
    const node = v as A.Expr;
    if (node.kind === 'Name' && names.has(node.id)) return structuredClone(names.get(node.id));
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) out[k] = k === 'span' || k === 'nameSpan' ? child : visit(child);
    return out;
  };
  return visit(st) as A.Stmt;
}

/** The parent of each builtin exception class the runtime raises (CPython's hierarchy). */
const BUILTIN_EXCEPTION_PARENT: Record<string, string> = {
  Exception: 'BaseException',
  ValueError: 'Exception',
  TypeError: 'Exception',
  RuntimeError: 'Exception',
  AssertionError: 'Exception',
  AttributeError: 'Exception',
  ArithmeticError: 'Exception',
  LookupError: 'Exception',
  OSError: 'Exception',
  MemoryError: 'Exception',
  KeyError: 'LookupError',
  IndexError: 'LookupError',
  ZeroDivisionError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  NotImplementedError: 'RuntimeError',
  RecursionError: 'RuntimeError',
  TimeoutError: 'OSError',
  ConnectionError: 'OSError',
  FileNotFoundError: 'OSError',
  PermissionError: 'OSError',
  FileExistsError: 'OSError',
};

/** A builtin exception class and its bases up to BaseException. */
export function builtinExceptionChain(name: string): string[] {
  const out = [name];
  for (let p = BUILTIN_EXCEPTION_PARENT[name]; p !== undefined; p = BUILTIN_EXCEPTION_PARENT[p]) out.push(p);
  if (name !== 'BaseException' && !out.includes('BaseException') && name in BUILTIN_EXCEPTION_PARENT)
    out.push('BaseException');
  return out;
}

/**
 * Every class `issubclass(X, base)` holds for, among the module's classes and the builtin exception classes: the
 * names `X.__name__` is tested against (module-level class names are unique, and a module class never shares a
 * builtin's name here). `ancestors` gives a module class's bases, builtin ones last.
 */
export function subclassNames(
  base: string,
  candidates: Iterable<string>,
  ancestors: (c: string) => string[],
): string[] {
  const out: string[] = [];
  for (const c of candidates) if (c === base || ancestors(c).includes(base)) out.push(c);
  return out;
}

/**
 * The function an exception class held as a value stands for (`exc_cls = RateLimitError`,
 * `{"timeout": TimeoutError}`): calling it raises the exception, so `raise exc_cls(msg)` (lowered as the call) raises
 * the class the value holds. Its parameters are the class's `__init__`'s (a user class with its own) or one optional
 * message; an instance is never kept (an exception made but not raised at once is a diagnostic where its call is
 * lowered elsewhere).
 */
export function exceptionValueDef(cls: string, init: A.FunctionDef | undefined, span: Span): A.FunctionDef | undefined {
  const name = (id: string): A.NameExpr => ({ kind: 'Name', id, span });
  const raise = (args: A.Expr[], keywords: A.Keyword[]): A.Stmt =>
    ({
      kind: 'Raise',
      exc: { kind: 'Call', func: name(cls), args, keywords, span },
      cause: undefined,
      span,
    }) as A.Stmt;
  let params: A.Param[];
  let body: A.Stmt[];
  if (init) {
    params = init.params.slice(1).map((p) => ({ ...p }));
    if (params.some((p) => p.star !== undefined)) return undefined;
    body = [
      raise(
        params.filter((p) => !p.keywordOnly).map((p) => name(p.name)),
        params.filter((p) => p.keywordOnly).map((p) => ({ name: p.name, value: name(p.name), span })),
      ),
    ];
  } else {
    // `cls()` and `cls(msg)`: CPython's str is '' and msg.
    const msg = '__message';
    params = [
      {
        name: msg,
        annotation: undefined,
        default: { kind: 'None', span } as A.Expr,
        star: undefined,
        keywordOnly: false,
        span,
      },
    ];
    body = [
      {
        kind: 'If',
        test: { kind: 'Compare', left: name(msg), ops: ['is'], comparators: [{ kind: 'None', span }], span } as A.Expr,
        body: [raise([], [])],
        orelse: [raise([name(msg)], [])],
        span,
      } as A.Stmt,
    ];
  }
  return {
    kind: 'FunctionDef',
    name: classValueFunction(cls),
    span,
    nameSpan: span,
    decorators: [],
    isAsync: false,
    returns: undefined,
    params,
    body,
  };
}

/**
 * A parameter whose default is a tuple of class names and which the body reads only as an `except` clause's classes
 * (`def parse(s, exc_types=(ValueError, TypeError)): ... except exc_types:`) or as `isinstance`'s classes
 * (`def is_num(v, kinds=(int, float)): return isinstance(v, kinds)`), when no call in the module passes it:
 * the tuple bound once at the top of the body instead, which lowering's class tuples catch as written. (A caller from
 * outside could pass other classes; compiled code takes no class arguments from JSON anyway.)
 */
export function exceptionTupleDefaults(m: A.Module): A.Module {
  const passed = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const c = v as A.Expr;
    if (c.kind === 'Call' && c.func.kind === 'Name') {
      c.args.forEach((_, i) => passed.add(`${c.func.kind === 'Name' ? c.func.id : ''}#${i}`));
      for (const k of c.keywords)
        passed.add(k.name === undefined ? `${(c.func as A.NameExpr).id}#**` : `${(c.func as A.NameExpr).id}:${k.name}`);
    }
    for (const [k, child] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') visit(child);
  };
  visit(m.body);
  const rewrite = (def: A.FunctionDef): A.FunctionDef => {
    const moved: A.Stmt[] = [];
    const params = def.params.filter((p, i) => {
      const d = p.default;
      if (d?.kind !== 'Tuple' || d.elts.length === 0 || !d.elts.every((x) => x.kind === 'Name')) return true;
      if (p.star !== undefined || passed.has(`${def.name}#${i}`) || passed.has(`${def.name}:${p.name}`)) return true;
      if (passed.has(`${def.name}#**`)) return true;
      // Every read of the parameter is an `except` clause's classes.
      let reads = 0;
      let handlers = 0;
      const count = (v: unknown): void => {
        if (Array.isArray(v)) return v.forEach(count);
        if (!v || typeof v !== 'object') return;
        const n = v as { kind?: string; id?: string; type?: A.Expr; body?: unknown };
        if (n.kind === 'Name' && n.id === p.name) reads++;
        if (n.kind === undefined && n.body !== undefined && n.type?.kind === 'Name' && n.type.id === p.name) handlers++;
        // `isinstance(v, kinds)`: the classes tested, as lowering's class tuples read them.
        const c = v as A.Expr;
        if (
          c.kind === 'Call' &&
          c.func.kind === 'Name' &&
          c.func.id === 'isinstance' &&
          c.args.length === 2 &&
          c.args[1]!.kind === 'Name' &&
          c.args[1]!.id === p.name
        )
          handlers++;
        for (const [k, child] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') count(child);
      };
      count(def.body);
      if (reads === 0 || reads !== handlers) return true;
      moved.push({
        kind: 'Assign',
        targets: [{ kind: 'Name', id: p.name, span: p.span }],
        value: d,
        span: p.span,
      } as A.Stmt);
      return false;
    });
    return moved.length === 0 ? def : { ...def, params, body: [...moved, ...def.body] };
  };
  return { ...m, body: m.body.map((st) => (st.kind === 'FunctionDef' ? rewrite(st) : st)) };
}

/**
 * A tuple of classes held as a value (`{"number": (int, float), "string": str}`, `kinds = (int, float) if t else
 * (str,)`): one more class value, so it joins the bare classes of a type map into one variant of function values.
 * Its function `__classes_<names>` is what calling a tuple does in CPython (a TypeError), and `IrModule.classValues`
 * names it `(<spelling>)`: the parenthesised isinstance spelling of its classes (`int|float`, a module class as
 * `C=C,D` with those derived from it), so `isinstance(v, kinds)` tests every class of the tuple and `kinds.__name__`
 * (which a tuple lacks) finds no class.
 */
export function classTupleValueDef(names: string[], span: Span): A.FunctionDef {
  const name = (id: string): A.NameExpr => ({ kind: 'Name', id, span });
  return {
    kind: 'FunctionDef',
    name: classTupleFunction(names),
    span,
    nameSpan: span,
    decorators: [],
    isAsync: false,
    returns: undefined,
    params: [{ name: '__arg', annotation: undefined, default: undefined, star: undefined, keywordOnly: false, span }],
    body: [
      {
        kind: 'Raise',
        exc: {
          kind: 'Call',
          func: name('TypeError'),
          args: [{ kind: 'Str', value: "'tuple' object is not callable", span } as A.Expr],
          keywords: [],
          span,
        },
        cause: undefined,
        span,
      } as A.Stmt,
    ],
  };
}

/** The synthesised function that stands for a tuple of the classes `names` held as a value. */
export function classTupleFunction(names: string[]): string {
  return `__classes_${names.join('_')}`;
}
