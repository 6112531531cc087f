/**
 * Decorators written in the module, applied at definition time as CPython applies them, before lowering: a decorator
 * is a function of a function, so `@deco def f` (or `@factory(args) def f`) whose decorator returns a nested wrapper
 * becomes two module functions, the undecorated `f` under a fresh private name and the wrapper under the name `f`,
 * its reference to the decorated function (`fn`) naming the private one and the factory's parameters replaced by the
 * constant arguments of the decorator (evaluated once, at definition time, in CPython too). Stacked decorators apply
 * bottom-up. So each decorated function gets its own instance of the wrapper, which infer then types like any helper.
 *
 * A wrapper `def wrapper(*args, **kwargs)` that only forwards them (`fn(*args, **kwargs)`) takes the wrapped
 * function's own parameters (annotations and defaults), so every call binds as it binds to the function itself.
 * `fn.__name__`/`fn.__doc__` and the decorated name's `f.__name__`/`f.__doc__` are the strings CPython gives
 * (`functools.wraps` copies the wrapped function's; without it they are the wrapper's).
 *
 * What is not of this shape keeps its decorator, which lowering reports with the reason kept in `decoratorProblems`.
 */
import type * as A from '../parse/ast';
import type { Span } from '../diagnostics/diagnostic';
import { forEachBinding, mapSyntax, walkSyntax } from '../parse/walk';
import { isConstantTree } from './consteval';

/** Why a decorator of the module could not be applied, by the decorator's place: lowering's E0202 says it. */
const problems = new Map<string, string>();

function placeKey(span: Span): string {
  return `${span.file}:${span.line}:${span.col}`;
}

/** Records why the decorator `d` was left on its function (`lower/nesteddecorators.ts`). */
export function setDecoratorProblem(d: A.Expr, why: string): void {
  problems.set(placeKey(d.span), why);
}

/** Why the decorator `d` was left on its function, if `expandDecorators` tried it. */
export function decoratorProblem(d: A.Expr): string | undefined {
  return problems.get(placeKey(d.span));
}

export function docstring(body: A.Stmt[]): string | undefined {
  const s = body[0];
  return s?.kind === 'Expr' && s.value.kind === 'Str' ? s.value.value : undefined;
}

export function withoutDocstring(body: A.Stmt[]): A.Stmt[] {
  return docstring(body) === undefined ? body : body.slice(1);
}

/** The names local to a function: its parameters and what its body binds (assignments, loops, handlers, imports...). */
export function localNames(params: A.Param[], body: A.Stmt[]): Set<string> {
  const out = new Set(params.map((p) => p.name));
  forEachBinding(body, (id) => out.add(id), 'function');
  walkSyntax(body, (n) => {
    if (n['kind'] === 'FunctionDef' || n['kind'] === 'ClassDef') return false;
    if (n['kind'] === 'Import' || n['kind'] === 'ImportFrom')
      for (const a of n['names'] as A.Alias[]) out.add(a.asname ?? a.name.split('.')[0]!);
  });
  return out;
}

/** An expression CPython evaluates once at definition time to the same value as Ingot's constant would be. */
const constantLike = (e: A.Expr): boolean => isConstantTree(e, { names: true, binOps: true });

interface Applied {
  /** The undecorated function under its fresh name, then the wrapper under the decorated name; or only the function
   * itself, for a decorator that returns it. */
  defs: A.FunctionDef[];
  /** Module-level statements the decorator runs at definition time. */
  after?: A.Stmt[];
  /** What `__name__` and `__doc__` of the wrapper are. */
  pyName: string;
  doc: string | undefined;
}

/**
 * The module with the decorators it defines applied to its module-level functions. Decorators that are no module
 * function (`functools.lru_cache`, `contextlib.contextmanager`) are left for lowering.
 */
export function expandDecorators(m0: A.Module): A.Module {
  // What an earlier compilation of this file found no longer applies.
  for (const key of [...problems.keys()]) if (key.startsWith(`${m0.file}:`)) problems.delete(key);
  const m = dropCacheClears(expandSingleDispatch(m0));
  const imports = new Map<string, string>();
  const defs = new Map<string, A.FunctionDef>();
  for (const st of m.body) {
    if (st.kind === 'Import')
      for (const a of st.names)
        imports.set(a.asname ?? a.name.split('.')[0]!, a.asname ? a.name : a.name.split('.')[0]!);
    else if (st.kind === 'ImportFrom')
      for (const a of st.names) imports.set(a.asname ?? a.name, `${st.module}.${a.name}`);
    else if (st.kind === 'FunctionDef') defs.set(st.name, st);
  }
  const qualified = (e: A.Expr): string | undefined =>
    e.kind === 'Name'
      ? imports.get(e.id)
      : e.kind === 'Attribute'
        ? ((q) => (q === undefined ? undefined : `${q}.${e.attr}`))(qualified(e.value))
        : undefined;
  const names = new Map<string, { pyName: string; doc: string | undefined }>();
  const body: A.Stmt[] = [];
  let changed = false;
  /** A decorated function as the functions (and statements) its decorators make, or undefined when unchanged. */
  const expand = (st: A.FunctionDef, method: boolean): A.Stmt[] | undefined => {
    let cur: A.FunctionDef = st;
    let pyName = st.name;
    let doc = docstring(st.body);
    const out: A.FunctionDef[] = [];
    const after: A.Stmt[] = [];
    let k = 0;
    while (cur.decorators.length > 0) {
      const d = cur.decorators[cur.decorators.length - 1]!;
      const r = applyDecorator(d, cur, pyName, doc, defs, qualified, k, method);
      if (typeof r === 'string') {
        if (r !== '') problems.set(placeKey(d.span), r);
        break;
      }
      k++;
      if (r.defs.length === 2) out.push(r.defs[0]!);
      after.unshift(...(r.after ?? []));
      cur = { ...r.defs[r.defs.length - 1]!, decorators: cur.decorators.slice(0, -1) };
      pyName = r.pyName;
      doc = r.doc;
    }
    if (k === 0) return undefined;
    if (!method) names.set(st.name, { pyName, doc });
    return [...out, cur, ...after];
  };
  for (const st of m.body) {
    if (st.kind === 'FunctionDef' && st.decorators.length > 0) {
      const r = expand(st, false);
      changed ||= r !== undefined;
      body.push(...(r ?? [st]));
    } else if (st.kind === 'ClassDef' && st.body.some((x) => x.kind === 'FunctionDef' && x.decorators.length > 0)) {
      // Methods: the wrapper calls the undecorated method on its first parameter (`self._m__wrapped0(x)`).
      let changedClass = false;
      const cbody = st.body.flatMap((x) => {
        if (x.kind !== 'FunctionDef' || x.decorators.length === 0) return [x];
        const r = expand(x, true);
        changedClass ||= r !== undefined;
        return r ?? [x];
      });
      changed ||= changedClass;
      body.push(changedClass ? { ...st, body: cbody } : st);
    } else body.push(st);
  }
  if (!changed) return m;
  // `f.__name__` / `f.__doc__` of a decorated function, where `f` is no local of the function that reads it.
  const fix = (st: A.Stmt): A.Stmt => {
    if (st.kind !== 'FunctionDef' && st.kind !== 'ClassDef') return st;
    const locals = st.kind === 'FunctionDef' ? localNames(st.params, st.body) : new Set<string>();
    return mapSyntax(st, (n) => {
      if (n['kind'] === 'ClassDef' && n !== (st as unknown)) return { ...n, body: (n['body'] as A.Stmt[]).map(fix) };
      if (n['kind'] === 'FunctionDef' && n !== (st as unknown)) return fix(n as unknown as A.Stmt);
      if (n['kind'] !== 'Attribute') return undefined;
      const a = n as unknown as A.AttributeExpr;
      if (a.value.kind !== 'Name' || locals.has(a.value.id)) return undefined;
      const info = names.get(a.value.id);
      if (!info) return undefined;
      if (a.attr === '__name__' || a.attr === '__qualname__') return { kind: 'Str', span: a.span, value: info.pyName };
      if (a.attr === '__doc__')
        return info.doc === undefined ? { kind: 'None', span: a.span } : { kind: 'Str', span: a.span, value: info.doc };
      return undefined;
    });
  };
  return { ...m, body: body.map(fix) };
}

/** The two functions `@d` makes of `cur`, or why it cannot (the empty string when `d` is no module function). */
function applyDecorator(
  d: A.Expr,
  cur: A.FunctionDef,
  pyName: string,
  doc: string | undefined,
  defs: ReadonlyMap<string, A.FunctionDef>,
  qualified: (e: A.Expr) => string | undefined,
  k: number,
  method: boolean,
): Applied | string {
  const callee = d.kind === 'Call' ? d.func : d;
  const top = callee.kind === 'Name' ? defs.get(callee.id) : undefined;
  if (!top) return '';
  if (top.decorators.length > 0 || top.isAsync) return 'a decorator that is itself decorated or async';
  // `@factory(args)`: the factory's parameters are the arguments, and its body defines and returns the decorator.
  const consts = new Map<string, A.Expr>();
  let deco = top;
  if (d.kind === 'Call') {
    const bound = bindArgs(top, d);
    if (typeof bound === 'string') return bound;
    for (const [name, e] of bound) {
      if (!constantLike(e))
        return `a decorator argument other than a constant (\`${name}\` is computed; CPython evaluates it once)`;
      consts.set(name, e);
    }
    const inner = returnedFunction(top);
    if (!inner) return 'a decorator factory whose body does more than define the decorator and return it';
    deco = inner;
  }
  const fnParams = deco.params.filter((p) => !p.star);
  if (fnParams.length !== 1 || deco.params.length !== 1) return 'a decorator that takes other than one function';
  const fn = fnParams[0]!.name;
  const w = returnedFunction(deco);
  if (!w) {
    const body = withoutDocstring(deco.body);
    const last = body[body.length - 1];
    if (last?.kind === 'Return' && last.value?.kind === 'Name' && last.value.id === fn) {
      // `REGISTRY[name] = fn; return fn`: the function itself, and statements run at definition time, which become
      // module-level statements after it (`REGISTRY["relu"] = relu`).
      const pre = body.slice(0, -1);
      const dLocals = localNames(deco.params, pre);
      dLocals.delete(fn);
      const simple = pre.every(
        (st) =>
          (st.kind === 'Assign' && st.targets.every((t) => t.kind === 'Subscript')) ||
          (st.kind === 'Expr' && st.value.kind === 'Call' && st.value.func.kind === 'Attribute'),
      );
      if (!simple || dLocals.size > 0) return '';
      const ref: A.NameExpr = { kind: 'Name', span: cur.nameSpan, id: cur.name };
      const stmts = mapSyntax(pre, (n) => {
        if (n['kind'] !== 'Name') return undefined;
        const id = n['id'] as string;
        return id === fn ? { ...ref, span: n['span'] as Span } : consts.get(id);
      });
      return { defs: [{ ...cur, decorators: [] }], after: stmts, pyName, doc };
    }
    return 'a decorator whose body does more than define a wrapper and return it (state kept between calls)';
  }
  if (w.isAsync) return 'an async wrapper';
  const wraps = w.decorators.length === 1 && isWraps(w.decorators[0]!, fn, qualified);
  if (w.decorators.length > 0 && !wraps) return 'a wrapper with decorators other than `functools.wraps`';
  // The wrapper reads the decorated function and the factory's parameters; any other name of the decorator's scope
  // would be state it keeps.
  const wLocals = localNames(w.params, w.body);
  for (const [name, e] of consts) {
    let clash: string | undefined;
    walkSyntax(e, (n) => {
      if (n['kind'] === 'Name' && wLocals.has(n['id'] as string)) clash = n['id'] as string;
    });
    if (clash) return `a decorator argument naming \`${clash}\`, which the wrapper binds too`;
    if (wLocals.has(name)) return `a wrapper that rebinds the decorator's parameter \`${name}\``;
  }
  if (wLocals.has(fn)) return `a wrapper that rebinds \`${fn}\``;
  let nonlocal = false;
  walkSyntax(w.body, (n) => {
    if (n['kind'] === 'Global' && n['nonlocal']) nonlocal = true;
  });
  if (nonlocal) return 'a wrapper that changes state of the decorator (`nonlocal`) between calls';

  const inner = `_${cur.name}__wrapped${k}`;
  const span = cur.nameSpan;
  const innerRef: A.NameExpr = { kind: 'Name', span, id: inner };
  const wrappedName = pyName;
  let wbody = mapSyntax(withoutDocstring(w.body), (n) => {
    if (n['kind'] === 'Attribute') {
      const a = n as unknown as A.AttributeExpr;
      if (a.value.kind === 'Name' && a.value.id === fn) {
        if (a.attr === '__name__' || a.attr === '__qualname__')
          return { kind: 'Str', span: a.span, value: wrappedName } satisfies A.StrExpr;
        if (a.attr === '__doc__')
          return doc === undefined ? { kind: 'None', span: a.span } : { kind: 'Str', span: a.span, value: doc };
      }
      return undefined;
    }
    if (n['kind'] === 'Name') {
      const id = n['id'] as string;
      if (id === fn) return { ...innerRef, span: n['span'] as Span };
      const c = consts.get(id);
      if (c) return c;
    }
    if (
      (n['kind'] === 'Lambda' || n['kind'] === 'FunctionDef') &&
      (n['params'] as A.Param[]).some((p) => p.name === fn || consts.has(p.name))
    )
      return n; // shadowed inside: left as written
    return undefined;
  });
  let params = w.params;
  const forwarded = forwardSignature(w, cur, wbody, inner, qualified);
  if (forwarded) {
    params = forwarded.params;
    wbody = forwarded.body;
  }
  if (method) {
    // The wrapper of a method calls the undecorated method on the receiver it was given.
    const self = params[0];
    if (!forwarded || !self || self.star)
      return 'on a method, with a wrapper that does more than pass its arguments on';
    let other = false;
    wbody = mapSyntax(wbody, (n) => {
      if (n['kind'] === 'Call') {
        const c = n as unknown as A.CallExpr;
        if (c.func.kind === 'Name' && c.func.id === inner) {
          const recv = c.args[0];
          if (recv?.kind !== 'Name' || recv.id !== self.name) {
            other = true;
            return undefined;
          }
          return {
            ...c,
            func: { kind: 'Attribute', span: c.func.span, value: recv, attr: inner },
            args: c.args.slice(1),
          } satisfies A.CallExpr;
        }
      }
      if (n['kind'] === 'Name' && n['id'] === inner) other = true;
      return undefined;
    });
    if (other) return 'on a method, with a wrapper that uses the method other than by calling it on its receiver';
  }
  const wdoc = docstring(w.body);
  const wrapper: A.FunctionDef = {
    ...w,
    name: cur.name,
    params,
    returns: w.returns && !isAny(w.returns, qualified) ? w.returns : undefined,
    decorators: [],
    body: wbody,
    nameSpan: cur.nameSpan,
  };
  return {
    defs: [{ ...cur, name: inner, decorators: [] }, wrapper],
    pyName: wraps ? pyName : w.name,
    doc: wraps ? doc : wdoc,
  };
}

export function isAny(e: A.Expr, qualified: (e: A.Expr) => string | undefined): boolean {
  const q = qualified(e);
  return q === 'typing.Any' || (e.kind === 'Name' && e.id === 'object');
}

export function isWraps(d: A.Expr, fn: string, qualified: (e: A.Expr) => string | undefined): boolean {
  return (
    d.kind === 'Call' &&
    qualified(d.func) === 'functools.wraps' &&
    d.args.length === 1 &&
    d.keywords.length === 0 &&
    d.args[0]!.kind === 'Name' &&
    d.args[0]!.id === fn
  );
}

/** The nested function a function defines and returns as its only statements (after a docstring). */
function returnedFunction(def: A.FunctionDef): A.FunctionDef | undefined {
  const body = withoutDocstring(def.body);
  if (body.length !== 2) return undefined;
  const [f, r] = body;
  if (f?.kind !== 'FunctionDef' || r?.kind !== 'Return' || r.value?.kind !== 'Name' || r.value.id !== f.name)
    return undefined;
  return f;
}

/** The factory's parameters bound to a decorator call's arguments (defaults for the rest). */
export function bindArgs(def: A.FunctionDef, call: A.CallExpr): Map<string, A.Expr> | string {
  if (def.params.some((p) => p.star)) return 'a decorator factory with `*args` or `**kwargs`';
  if (call.args.some((a) => a.kind === 'Starred') || call.keywords.some((k) => k.name === undefined))
    return 'a decorator call with `*` or `**` arguments';
  const positional = def.params.filter((p) => !p.keywordOnly);
  if (call.args.length > positional.length) return 'a decorator call with too many arguments';
  const out = new Map<string, A.Expr>();
  call.args.forEach((a, i) => out.set(positional[i]!.name, a));
  for (const kw of call.keywords) {
    if (!def.params.some((p) => p.name === kw.name) || out.has(kw.name!))
      return `a decorator call with the keyword \`${kw.name}\` its factory does not take`;
    out.set(kw.name!, kw.value);
  }
  for (const p of def.params) {
    if (out.has(p.name)) continue;
    if (!p.default) return `a decorator call without \`${p.name}\``;
    out.set(p.name, p.default);
  }
  return out;
}

/**
 * A wrapper `(a1, ..., *args, **kwargs)` whose `args` and `kwargs` appear only forwarded to the wrapped function
 * (`inner(a1, ..., *args, **kwargs)`), with the wrapped function's remaining parameters in their place and the
 * forwarding spelled out, or undefined when it is of another shape.
 */
export function forwardSignature(
  w: A.FunctionDef,
  cur: A.FunctionDef,
  body: A.Stmt[],
  inner: string,
  qualified: (e: A.Expr) => string | undefined,
): { params: A.Param[]; body: A.Stmt[] } | undefined {
  const vararg = w.params.find((p) => p.star === 'vararg');
  const kwarg = w.params.find((p) => p.star === 'kwarg');
  if (!vararg && !kwarg) return undefined;
  if (cur.params.some((p) => p.star)) return undefined;
  const named = w.params.filter((p) => !p.star);
  if (named.some((p) => p.keywordOnly || p.default)) return undefined;
  const curPositional = cur.params.filter((p) => !p.keywordOnly);
  const curKeyword = cur.params.filter((p) => p.keywordOnly);
  if (named.length > curPositional.length) return undefined;
  const rest = curPositional.slice(named.length);
  if (rest.length > 0 && !vararg) return undefined;
  if (curKeyword.length > 0 && !kwarg) return undefined;
  // Every use of `args`/`kwargs` is the forwarding call's.
  let ok = true;
  let calls = 0;
  const isForward = (c: A.CallExpr): boolean => {
    if (c.func.kind !== 'Name' || c.func.id !== inner) return false;
    const n = named.length;
    const wantArgs = n + (vararg ? 1 : 0);
    if (c.args.length !== wantArgs) return false;
    if (!named.every((p, i) => c.args[i]!.kind === 'Name' && (c.args[i] as A.NameExpr).id === p.name)) return false;
    if (vararg) {
      const s = c.args[n]!;
      if (s.kind !== 'Starred' || s.value.kind !== 'Name' || s.value.id !== vararg.name) return false;
    }
    if (kwarg) {
      if (c.keywords.length !== 1) return false;
      const kw = c.keywords[0]!;
      if (kw.name !== undefined || kw.value.kind !== 'Name' || kw.value.id !== kwarg.name) return false;
    } else if (c.keywords.length > 0) return false;
    return true;
  };
  walkSyntax(body, (n) => {
    if (n['kind'] === 'Call' && isForward(n as unknown as A.CallExpr)) {
      calls++;
      // Its named arguments may still be read elsewhere; only the starred ones are the forwarding's.
      return false;
    }
    if (n['kind'] === 'Name' && (n['id'] === vararg?.name || n['id'] === kwarg?.name)) ok = false;
    return undefined;
  });
  if (!ok || calls === 0) return undefined;
  const span = w.nameSpan;
  // Without `**kwargs` the wrapper takes the rest positionally only (`f(xs, temperature=2.0)` is CPython's TypeError):
  // they get names no caller can spell, so such a call is a compile error rather than an answer.
  const restParams = kwarg ? rest : rest.map((p) => ({ ...p, name: `_${p.name}__positional` }));
  const ref = (p: A.Param): A.NameExpr => ({ kind: 'Name', span, id: p.name });
  const newBody = mapSyntax(body, (n) => {
    if (n['kind'] !== 'Call' || !isForward(n as unknown as A.CallExpr)) return undefined;
    const c = n as unknown as A.CallExpr;
    return {
      ...c,
      args: [...c.args.slice(0, named.length), ...restParams.map(ref)],
      keywords: curKeyword.map((p) => ({ name: p.name, value: ref(p), span })),
    } satisfies A.CallExpr;
  });
  const params: A.Param[] = [
    // A wrapper's own parameter keeps a concrete annotation; `Any` or none leaves it to each call (`isinstance` in
    // the wrapper may take other types than the wrapped function does).
    ...named.map((p) => ({
      ...p,
      annotation: p.annotation && !isAny(p.annotation, qualified) ? p.annotation : undefined,
    })),
    ...restParams,
    ...curKeyword,
  ];
  return { params, body: newBody };
}

// ---- functools.singledispatch -------------------------------------------------------------------------------------

/** The builtin classes a registration may name, with the builtin subclasses CPython's MRO puts before them. */
const DISPATCH_BUILTINS = new Set([
  'int',
  'float',
  'str',
  'bool',
  'list',
  'dict',
  'tuple',
  'set',
  'frozenset',
  'bytes',
]);

function moduleImports(m: A.Module): Map<string, string> {
  const imports = new Map<string, string>();
  for (const st of m.body) {
    if (st.kind === 'Import')
      for (const a of st.names)
        imports.set(a.asname ?? a.name.split('.')[0]!, a.asname ? a.name : a.name.split('.')[0]!);
    else if (st.kind === 'ImportFrom')
      for (const a of st.names) imports.set(a.asname ?? a.name, `${st.module}.${a.name}`);
  }
  return imports;
}

/**
 * `@singledispatch def f(x, ...)` with `@f.register` implementations (by the first parameter's annotation, or
 * `@f.register(cls)`): `f` becomes the dispatch written out, an `isinstance` test per registered class, most derived
 * first as CPython's MRO walk finds it (`bool` before `int`, a module class before its bases), else the default.
 * Infer decides each `isinstance` from the argument's type, so each call reaches its implementation directly.
 */
function expandSingleDispatch(m: A.Module): A.Module {
  const imports = moduleImports(m);
  const q = (e: A.Expr): string | undefined =>
    e.kind === 'Name'
      ? imports.get(e.id)
      : e.kind === 'Attribute' && e.value.kind === 'Name'
        ? ((b) => (b ? `${b}.${e.attr}` : undefined))(imports.get(e.value.id))
        : undefined;
  const bases = new Map<string, string[]>();
  for (const st of m.body)
    if (st.kind === 'ClassDef')
      bases.set(
        st.name,
        st.bases.flatMap((b) => (b.kind === 'Name' ? [b.id] : [])),
      );
  const subclassOf = (a: string, b: string): boolean => {
    if (a === b) return true;
    if (a === 'bool' && b === 'int') return true;
    return (bases.get(a) ?? []).some((x) => subclassOf(x, b));
  };
  let body = m.body;
  for (const base of m.body) {
    if (base.kind !== 'FunctionDef' || base.decorators.length !== 1) continue;
    if (q(base.decorators[0]!) !== 'functools.singledispatch') continue;
    const name = base.name;
    const isRegister = (d: A.Expr): boolean => {
      const f = d.kind === 'Call' ? d.func : d;
      return f.kind === 'Attribute' && f.attr === 'register' && f.value.kind === 'Name' && f.value.id === name;
    };
    const impls = body.filter(
      (st): st is A.FunctionDef =>
        st.kind === 'FunctionDef' && st.decorators.length > 0 && st.decorators.every(isRegister),
    );
    // Every other use of the dispatcher's attributes (`f.register(cls, fn)`, `f.dispatch`, `f.registry`) would see
    // a function that has none.
    let other: A.Expr | undefined;
    const skip = new Set<unknown>(impls.flatMap((f) => f.decorators));
    walkSyntax(body, (n) => {
      if (skip.has(n)) return false;
      if (n['kind'] === 'Attribute' && (n['value'] as A.Expr).kind === 'Name' && (n['value'] as A.NameExpr).id === name)
        other ??= n as unknown as A.Expr;
      return undefined;
    });
    const fail = (why: string): void => {
      problems.set(placeKey(base.decorators[0]!.span), why);
    };
    if (other) {
      fail('whose dispatcher is used other than by `@' + name + '.register` decorators');
      continue;
    }
    const first = base.params[0];
    if (!first || first.star || base.params.some((p) => p.star)) {
      fail('on a function without a plain first parameter');
      continue;
    }
    // Each implementation's classes.
    const cases: { classes: string[]; fn: string; impl: A.FunctionDef }[] = [];
    let bad: string | undefined;
    impls.forEach((impl, k) => {
      const names: string[] = [];
      const collect = (e: A.Expr | undefined): boolean => {
        if (!e) return false;
        if (e.kind === 'BinOp' && e.op === '|') return collect(e.left) && collect(e.right);
        if (e.kind === 'Name' && (DISPATCH_BUILTINS.has(e.id) || bases.has(e.id) || e.id === 'object')) {
          names.push(e.id);
          return true;
        }
        return false;
      };
      // Stacked registrations apply bottom-up: the lowest first.
      for (const d of [...impl.decorators].reverse()) {
        const cls =
          d.kind === 'Call'
            ? d.args.length === 1 && d.keywords.length === 0
              ? d.args[0]
              : undefined
            : impl.params[0]?.annotation;
        if (!collect(cls))
          bad ??= 'with a registration of other than builtin or module classes (a generic alias, an ABC)';
      }
      cases.push({ classes: names, fn: `_${name}__impl${k}`, impl });
    });
    if (bad) {
      fail(bad);
      continue;
    }
    // Most derived first; among unrelated classes, registration order (each class appears once: the last wins).
    const flat: { cls: string; fn: string }[] = [];
    for (const c of cases)
      for (const cls of c.classes) {
        const at = flat.findIndex((f) => f.cls === cls);
        if (at >= 0) flat.splice(at, 1);
        flat.push({ cls, fn: c.fn });
      }
    const ordered: { cls: string; fn: string }[] = [];
    for (const f of flat) {
      const at = ordered.findIndex((o) => subclassOf(f.cls, o.cls));
      if (at >= 0) ordered.splice(at, 0, f);
      else ordered.push(f);
    }
    const span = base.nameSpan;
    const defaultFn = `_${name}__default`;
    const fnObject = ordered.find((o) => o.cls === 'object')?.fn ?? defaultFn;
    const ref = (id: string): A.NameExpr => ({ kind: 'Name', span, id });
    const forward = (fn: string): A.Expr => ({
      kind: 'Call',
      span,
      func: ref(fn),
      args: base.params.filter((p) => !p.keywordOnly).map((p) => ref(p.name)),
      keywords: base.params.filter((p) => p.keywordOnly).map((p) => ({ name: p.name, value: ref(p.name), span })),
    });
    let dispatch: A.Stmt[] = [{ kind: 'Return', span, value: forward(fnObject) }];
    for (const o of [...ordered].reverse()) {
      if (o.cls === 'object') continue;
      dispatch = [
        {
          kind: 'If',
          span,
          test: { kind: 'Call', span, func: ref('isinstance'), args: [ref(first.name), ref(o.cls)], keywords: [] },
          body: [{ kind: 'Return', span, value: forward(o.fn) }],
          orelse: dispatch,
        },
      ];
    }
    const dispatcher: A.FunctionDef = {
      ...base,
      decorators: [],
      params: base.params.map((p) => ({ ...p, annotation: undefined })),
      returns: undefined,
      body: dispatch,
    };
    const implNames = new Map(cases.map((c) => [c.impl, c.fn]));
    body = body.flatMap((st) => {
      if (st === base) return [{ ...base, name: defaultFn, decorators: [] }, dispatcher];
      const fn = implNames.get(st as A.FunctionDef);
      if (!fn) return [st];
      // The dispatched argument takes the class the dispatch found (CPython never checks the annotation, which may
      // name only one of several registered classes, or a bare `list`).
      const impl = st as A.FunctionDef;
      const params = impl.params.map((p, i) => (i === 0 ? { ...p, annotation: undefined } : p));
      return [{ ...impl, name: fn, decorators: [], params }];
    });
  }
  return body === m.body ? m : { ...m, body };
}

// ---- functools.lru_cache ------------------------------------------------------------------------------------------

/**
 * `f.cache_clear()` of a module function under `@lru_cache`/`@cache`, as a statement: compiled functions keep no cache
 * (the memoised function computes the same values), so there is nothing to clear and the statement goes. Other uses of
 * the cache's attributes (`cache_info()`) stay, and lowering reports them.
 */
function dropCacheClears(m: A.Module): A.Module {
  const imports = moduleImports(m);
  const cached = new Set<string>();
  for (const st of m.body)
    if (st.kind === 'FunctionDef')
      for (const d of st.decorators) {
        const f = d.kind === 'Call' ? d.func : d;
        const q =
          f.kind === 'Name'
            ? imports.get(f.id)
            : f.kind === 'Attribute' && f.value.kind === 'Name'
              ? `${imports.get(f.value.id) ?? ''}.${f.attr}`
              : undefined;
        if (q === 'functools.lru_cache' || q === 'functools.cache') cached.add(st.name);
      }
  if (cached.size === 0) return m;
  const dropIn = (def: A.FunctionDef): A.FunctionDef => {
    const locals = localNames(def.params, def.body);
    const isClear = (st: A.Stmt): boolean =>
      st.kind === 'Expr' &&
      st.value.kind === 'Call' &&
      st.value.args.length === 0 &&
      st.value.func.kind === 'Attribute' &&
      st.value.func.attr === 'cache_clear' &&
      st.value.func.value.kind === 'Name' &&
      cached.has(st.value.func.value.id) &&
      !locals.has(st.value.func.value.id);
    return mapSyntax(def, (n) => {
      if (!isClear(n as unknown as A.Stmt)) return undefined;
      return { kind: 'Pass', span: n['span'] as Span } satisfies A.PassStmt;
    });
  };
  return { ...m, body: m.body.map((st) => (st.kind === 'FunctionDef' ? dropIn(st) : st)) };
}
