/**
 * Decorators on nested functions, and attributes of nested functions, written out in the enclosing function's body
 * before lowering (the module-level counterpart is `lower/decorators.ts`).
 *
 * `@deco def f` (or `@factory(args) def f`) inside a function is `f = deco(f0)`, run where the `def` stands. When the
 * decorator is a function of the enclosing body (defined before) or of the module, its call is inlined there: the
 * factory's parameters become locals bound to the arguments, the factory's and the decorator's own statements (a
 * `cache = {}`, `calls = 0`, `wrapper.calls = 0`) run in the enclosing body under fresh names, the undecorated
 * function is a nested function `_f__wrapped0`, and the wrapper the decorator returns becomes the nested function `f`,
 * its references to the decorated function naming `_f__wrapped0` and its `nonlocal` names the renamed locals. State the
 * decorator keeps between calls is then enclosing state of a nested function, which lowering already follows
 * (`nonlocal`, captured containers changed in place). Each decorated function gets its own copy, as each CPython call
 * of the decorator makes its own frame. `fn.__name__`, `f.__name__`, `f.__doc__` and `f.__wrapped__` are what
 * `functools.wraps` (or its absence) gives.
 *
 * A function attribute (`g.calls = 0` after `def g`, then `g.calls += 1` inside it, `g.cache[k] = v`, `g.calls` read
 * by the enclosing function) is a local `_g__calls` of the enclosing function, which `g` declares `nonlocal` when it
 * binds it; its first bindings right after the `def` move before it.
 */
import type * as A from '../parse/ast';
import { forEachBinding, mapSyntax, walkSyntax } from '../parse/walk';
import {
  bindArgs,
  docstring,
  forwardSignature,
  isAny,
  isWraps,
  localNames,
  setDecoratorProblem,
  withoutDocstring,
} from './decorators';

type Qualified = (e: A.Expr) => string | undefined;

let counter = 0;

/** The names a function body declares `nonlocal` or `global`. */
function declared(body: A.Stmt[]): Set<string> {
  const out = new Set<string>();
  walkSyntax(body, (n) => {
    if (n['kind'] === 'FunctionDef' || n['kind'] === 'ClassDef' || n['kind'] === 'Lambda') return false;
    if (n['kind'] === 'Global') for (const x of n['names'] as string[]) out.add(x);
    return undefined;
  });
  return out;
}

/** The names local to a nested scope: a function's own locals (less what it declares), a lambda's parameters, a
 * comprehension's targets. */
function scopeLocals(n: Record<string, unknown>): Set<string> | undefined {
  if (n['kind'] === 'FunctionDef') {
    const f = n as unknown as A.FunctionDef;
    const own = localNames(f.params, f.body);
    for (const x of declared(f.body)) own.delete(x);
    return own;
  }
  if (n['kind'] === 'Lambda') return new Set((n['params'] as A.Param[]).map((p) => p.name));
  if (n['kind'] === 'Comp') {
    const out = new Set<string>();
    forEachBinding(
      (n['generators'] as A.Comprehension[]).map((g) => ({ kind: 'Assign', targets: [g.target] })),
      (id) => out.add(id),
    );
    return out;
  }
  return undefined;
}

/** `root` with the names of `map` renamed, in nested scopes too unless they bind the name themselves (a nested
 * function's own name is its enclosing scope's). */
export function rename<T>(root: T, map: ReadonlyMap<string, string>): T {
  const go = (node: unknown, m: ReadonlyMap<string, string>): unknown =>
    mapSyntax(node, (n) => {
      if (n !== node) {
        const own = scopeLocals(n);
        if (own) {
          const r = go(n, new Map([...m].filter(([k]) => !own.has(k)))) as Record<string, unknown>;
          const name = n['kind'] === 'FunctionDef' ? m.get(n['name'] as string) : undefined;
          return name === undefined ? r : { ...r, name };
        }
      }
      if (n['kind'] === 'Name') {
        const r = m.get(n['id'] as string);
        return r === undefined ? undefined : { ...n, id: r };
      }
      if (n['kind'] === 'Global') return { ...n, names: (n['names'] as string[]).map((x) => m.get(x) ?? x) };
      return undefined;
    });
  return go(root, map) as T;
}

/** The `def` a body returns by name as its last statement, with the other statements before and after it. */
function returnedDef(
  body: A.Stmt[],
  allowSelf?: string,
): { def?: A.FunctionDef; pre: A.Stmt[]; post: A.Stmt[]; returnsSelf?: boolean } | undefined {
  const b = withoutDocstring(body);
  const last = b[b.length - 1];
  if (last?.kind !== 'Return' || last.value?.kind !== 'Name') return undefined;
  const id = last.value.id;
  const rest = b.slice(0, -1);
  if (id === allowSelf) return { pre: rest, post: [], returnsSelf: true };
  const at = rest.findIndex((s) => s.kind === 'FunctionDef' && s.name === id);
  if (at < 0) return undefined;
  // Only straight-line statements: a `return` or a rebinding of the wrapper elsewhere would change what is returned.
  const others = [...rest.slice(0, at), ...rest.slice(at + 1)];
  let bad = false;
  walkSyntax(others, (n) => {
    if (n['kind'] === 'FunctionDef' || n['kind'] === 'Lambda' || n['kind'] === 'ClassDef') return false;
    if (n['kind'] === 'Return' || n['kind'] === 'Yield') bad = true;
    return undefined;
  });
  const binds = new Set<string>();
  forEachBinding(others, (x) => binds.add(x), 'function');
  if (bad || binds.has(id)) return undefined;
  return { def: rest[at] as A.FunctionDef, pre: rest.slice(0, at), post: rest.slice(at + 1) };
}

/** Names a function reads that it does not bind (its free names). */
function freeNames(def: A.FunctionDef): Set<string> {
  const own = localNames(def.params, def.body);
  const out = new Set<string>();
  walkSyntax(def.body, (n) => {
    if (n['kind'] === 'Name' && !own.has(n['id'] as string)) out.add(n['id'] as string);
  });
  return out;
}

interface Expanded {
  stmts: A.Stmt[];
  /** What `f.__name__`/`__doc__`/`__wrapped__` are after the decorators. */
  pyName: string;
  doc: string | undefined;
  wrapped?: string;
  /** The `__name__` of the function `wrapped` names. */
  wrappedName?: string;
}

/** `f`'s decorators applied in the body that defines it, or undefined when the first one cannot be. */
function expandNested(
  st: A.FunctionDef,
  localDefs: ReadonlyMap<string, A.FunctionDef>,
  bodyLocals: ReadonlySet<string>,
  moduleDefs: ReadonlyMap<string, A.FunctionDef>,
  qualified: Qualified,
  moduleLevel = false,
): Expanded | undefined {
  let cur: A.FunctionDef = st;
  let pyName = st.name;
  let doc = docstring(st.body);
  let wrapped: string | undefined;
  let wrappedName: string | undefined;
  const out: A.Stmt[] = [];
  let applied = 0;
  while (cur.decorators.length > 0) {
    const d = cur.decorators[cur.decorators.length - 1]!;
    const fail = (why: string): void => setDecoratorProblem(d, why);
    const callee = d.kind === 'Call' ? d.func : d;
    if (callee.kind !== 'Name') break;
    const local = localDefs.get(callee.id);
    const top = local ?? (bodyLocals.has(callee.id) ? undefined : moduleDefs.get(callee.id));
    if (!top) break;
    if (top.decorators.length > 0 || top.isAsync) {
      fail('a decorator that is itself decorated or async');
      break;
    }
    if (!local) {
      // A module-level decorator inlined here must read the module's names, not the enclosing function's.
      const clash = [...freeNames(top)].find((x) => bodyLocals.has(x));
      if (clash) {
        fail(`a module-level decorator reading \`${clash}\`, which the enclosing function binds too`);
        break;
      }
    }
    const k = counter++;
    const fresh = (x: string): string => `_${cur.name}__${x}${k}`;
    const stmts: A.Stmt[] = [];
    const span = cur.nameSpan;
    let deco = top;
    if (d.kind === 'Call') {
      const bound = bindArgs(top, d);
      if (typeof bound === 'string') {
        fail(bound);
        break;
      }
      const r = returnedDef(top.body);
      if (!r?.def) {
        fail('a decorator factory whose body does not end by returning the decorator it defines');
        break;
      }
      const map = new Map<string, string>();
      for (const x of localNames(top.params, top.body)) map.set(x, fresh(x));
      map.delete(r.def.name);
      // The arguments, evaluated where the decorator stands, bound to the factory's parameters.
      for (const [name, e] of bound)
        stmts.push({ kind: 'Assign', span, targets: [{ kind: 'Name', span, id: map.get(name)! }], value: e });
      stmts.push(...rename(r.pre, map), ...rename(r.post, map));
      deco = rename([r.def], map)[0]!;
    }
    const named = deco.params.filter((p) => !p.star);
    if (named.length !== 1 || deco.params.length !== 1) {
      fail('a decorator that takes other than one function');
      break;
    }
    const fn = named[0]!.name;
    const inner = `_${cur.name}__wrapped${k}`;
    // `fn.__name__` in the decorator: the decorated function's name.
    const decoBody = mapSyntax(deco.body, (n) => {
      if (n['kind'] !== 'Attribute') return undefined;
      const a = n as unknown as A.AttributeExpr;
      if (a.value.kind !== 'Name' || a.value.id !== fn) return undefined;
      if (a.attr === '__name__' || a.attr === '__qualname__') return { kind: 'Str', span: a.span, value: pyName };
      if (a.attr === '__doc__')
        return doc === undefined ? { kind: 'None', span: a.span } : { kind: 'Str', span: a.span, value: doc };
      return undefined;
    });
    const r = returnedDef(decoBody, fn);
    if (!r) {
      fail('a decorator whose body does not end by returning the wrapper it defines or the function');
      break;
    }
    const map = new Map<string, string>();
    for (const x of localNames(deco.params, decoBody)) map.set(x, fresh(x));
    if (r.returnsSelf && moduleLevel) {
      // A module-level registering decorator stays `expandDecorators`' (and lowering's check of what it fills).
      break;
    }
    if (r.returnsSelf) {
      // `REGISTRY.append(fn); return fn`: the function itself, then the decorator's statements.
      map.set(fn, cur.name);
      out.unshift(...stmts);
      out.push({ ...cur, decorators: [] }, ...rename(r.pre, map));
      cur = { ...cur, decorators: cur.decorators.slice(0, -1) };
      applied++;
      // The function is defined; what remains of its decorators cannot follow it.
      if (cur.decorators.length > 0) {
        setDecoratorProblem(cur.decorators[cur.decorators.length - 1]!, 'above a decorator that returns the function');
        return undefined;
      }
      return { stmts: out, pyName, doc, wrapped, wrappedName };
    }
    const w = r.def!;
    if (w.isAsync) {
      fail('an async wrapper');
      break;
    }
    const wraps = w.decorators.length === 1 && isWraps(w.decorators[0]!, fn, qualified);
    if (w.decorators.length > 0 && !wraps) {
      fail('a wrapper with decorators other than `functools.wraps`');
      break;
    }
    map.set(fn, inner);
    map.set(w.name, cur.name);
    let wrapper: A.FunctionDef = rename([{ ...w, decorators: [] as A.Expr[] }], map)[0]!;
    const forwarded = forwardSignature(wrapper, cur, wrapper.body, inner, qualified);
    if (forwarded) wrapper = { ...wrapper, params: forwarded.params, body: forwarded.body };
    wrapper = {
      ...wrapper,
      name: cur.name,
      nameSpan: cur.nameSpan,
      returns: wrapper.returns && !isAny(wrapper.returns, qualified) ? wrapper.returns : undefined,
      body: withoutDocstring(wrapper.body),
      decorators: cur.decorators.slice(0, -1),
    };
    out.push({ ...cur, name: inner, decorators: [] });
    out.push(...stmts, ...rename(r.pre, map));
    const post = rename(r.post, map);
    wrappedName = pyName;
    wrapped = wraps ? inner : undefined;
    pyName = wraps ? pyName : w.name;
    doc = wraps ? doc : docstring(w.body);
    applied++;
    cur = wrapper;
    if (cur.decorators.length === 0) {
      out.push(cur, ...post);
      return { stmts: out, pyName, doc, wrapped, wrappedName };
    }
    if (post.length > 0) {
      fail('below another decorator, with statements after its wrapper');
      return undefined;
    }
  }
  if (applied === 0) return undefined;
  out.push(cur);
  return { stmts: out, pyName, doc, wrapped, wrappedName };
}

/** `f.__name__`, `f.__qualname__`, `f.__doc__` and `f.__wrapped__` of a function the body decorated. */
function fixNames(stmts: A.Stmt[], name: string, e: Expanded): A.Stmt[] {
  return mapSyntax(stmts, (n) => {
    const own = scopeLocals(n);
    if (own?.has(name)) return n;
    if (n['kind'] !== 'Attribute') return undefined;
    const a = n as unknown as A.AttributeExpr;
    // `f.__wrapped__.__name__`: the undecorated function's.
    const v = a.value;
    if (
      e.wrapped &&
      v.kind === 'Attribute' &&
      v.attr === '__wrapped__' &&
      v.value.kind === 'Name' &&
      v.value.id === name &&
      (a.attr === '__name__' || a.attr === '__qualname__')
    )
      return { kind: 'Str', span: a.span, value: e.wrappedName ?? name };
    if (a.value.kind !== 'Name' || a.value.id !== name) return undefined;
    if (a.attr === '__name__' || a.attr === '__qualname__') return { kind: 'Str', span: a.span, value: e.pyName };
    if (a.attr === '__doc__')
      return e.doc === undefined ? { kind: 'None', span: a.span } : { kind: 'Str', span: a.span, value: e.doc };
    if (a.attr === '__wrapped__' && e.wrapped) return { kind: 'Name', span: a.span, id: e.wrapped };
    return undefined;
  });
}

/** Function attributes of the nested functions a body defines, as locals of the body. */
function functionAttributes(body: A.Stmt[], moduleLevel = false): A.Stmt[] {
  let out = body;
  for (const def of body.filter((s): s is A.FunctionDef => s.kind === 'FunctionDef')) {
    const g = def.name;
    // `g.attr = v` at the top level of the body: the attributes it sets.
    const attrs = new Set<string>();
    for (const s of out)
      if (s.kind === 'Assign')
        for (const t of s.targets)
          if (t.kind === 'Attribute' && t.value.kind === 'Name' && t.value.id === g && !t.attr.startsWith('__'))
            attrs.add(t.attr);
    if (attrs.size === 0) continue;
    // `g` used as a value (returned, stored, passed) carries its attributes elsewhere: left as written.
    let escapes = false;
    walkSyntax(out, (n) => {
      if (n['kind'] === 'Call' || n['kind'] === 'Attribute') {
        const inner = n['kind'] === 'Call' ? (n['func'] as A.Expr) : (n['value'] as A.Expr);
        if (inner.kind === 'Name' && inner.id === g) {
          if (n['kind'] === 'Call')
            walkSyntax([n['args'], n['keywords']], (x) => {
              if (x['kind'] === 'Name' && x['id'] === g) escapes = true;
            });
          return false;
        }
      }
      if (n['kind'] === 'Name' && n['id'] === g) escapes = true;
      return undefined;
    });
    if (escapes) continue;
    // Only one `def g` in the body, which nothing else binds.
    const binds: string[] = [];
    forEachBinding(out, (x) => binds.push(x), 'function');
    if (binds.filter((x) => x === g).length !== 1) continue;
    // An attribute set once, to a name bound once (`wrapper.seen = seen`), is that very container: `g.seen` reads
    // the name itself (a copy would miss what `g` appends to it). Such an attribute set again stays as written.
    const isAttr = (t: A.Expr, attr?: string): boolean =>
      t.kind === 'Attribute' && t.value.kind === 'Name' && t.value.id === g && (attr === undefined || t.attr === attr);
    const aliases = new Map<string, string>();
    const allBinds: string[] = [];
    forEachBinding(out, (x) => allBinds.push(x));
    let rebound = false;
    for (const attr of attrs) {
      const sets: A.Stmt[] = [];
      walkSyntax(out, (n) => {
        if (n['kind'] === 'Assign' && (n['targets'] as A.Expr[]).some((t) => isAttr(t, attr)))
          sets.push(n as unknown as A.Stmt);
        if ((n['kind'] === 'AugAssign' || n['kind'] === 'AnnAssign') && isAttr(n['target'] as A.Expr, attr))
          sets.push(n as unknown as A.Stmt);
      });
      const v = sets[0]?.kind === 'Assign' ? sets[0].value : undefined;
      if (v?.kind !== 'Name') continue;
      if (sets.length === 1 && out.includes(sets[0]!) && v.id !== g && allBinds.filter((x) => x === v.id).length === 1)
        aliases.set(attr, v.id);
      else rebound = true;
    }
    if (rebound) continue;
    const local = (attr: string): string => aliases.get(attr) ?? `_${g}__${attr}`;
    const aliasSets = new Set<A.Stmt>();
    walkSyntax(out, (n) => {
      if (
        n['kind'] === 'Assign' &&
        (n['targets'] as A.Expr[]).some((t) => aliases.has((t as A.AttributeExpr).attr) && isAttr(t))
      )
        aliasSets.add(n as unknown as A.Stmt);
    });
    out = out.filter((x) => !aliasSets.has(x));
    const map = (root: A.Stmt[]): A.Stmt[] =>
      mapSyntax(root, (n) => {
        const own = scopeLocals(n);
        if (own?.has(g) && n['kind'] !== 'FunctionDef') return n;
        if (n['kind'] === 'FunctionDef' && (n as unknown as A.FunctionDef).params.some((p) => p.name === g)) return n;
        if (n['kind'] !== 'Attribute') return undefined;
        const a = n as unknown as A.AttributeExpr;
        if (a.value.kind !== 'Name' || a.value.id !== g || !attrs.has(a.attr)) return undefined;
        return { kind: 'Name', span: a.span, id: local(a.attr) } satisfies A.NameExpr;
      });
    const at = out.indexOf(def);
    // The bindings right after the `def` run before it (nothing can call `g` in between).
    let end = at + 1;
    while (end < out.length) {
      const s = out[end]!;
      if (
        s.kind !== 'Assign' ||
        s.targets.length !== 1 ||
        s.targets[0]!.kind !== 'Attribute' ||
        (s.targets[0] as A.AttributeExpr).value.kind !== 'Name' ||
        ((s.targets[0] as A.AttributeExpr).value as A.NameExpr).id !== g
      )
        break;
      let reads = false;
      walkSyntax(s.value, (n) => {
        if (n['kind'] === 'Name' && n['id'] === g) reads = true;
      });
      if (reads) break;
      end++;
    }
    const inits = out.slice(at + 1, end);
    out = [...map(out.slice(0, at)), ...map(inits), ...map([def]), ...map(out.slice(end))];
    // The functions that bind them (`g` itself: `g.calls += 1`) declare them `nonlocal`, or `global` at module level.
    const names = [...attrs].filter((a) => !aliases.has(a)).map(local);
    const declare = (st: A.Stmt): A.Stmt => {
      if (st.kind !== 'FunctionDef') return st;
      const bound = new Set<string>();
      forEachBinding(st.body, (x) => bound.add(x), 'function');
      const already = declared(st.body);
      const rebinds = names.filter((x) => bound.has(x) && !already.has(x));
      return rebinds.length === 0
        ? st
        : { ...st, body: [{ kind: 'Global', span: st.nameSpan, names: rebinds, nonlocal: !moduleLevel }, ...st.body] };
    };
    out = out.map(declare);
  }
  return out;
}

/** A function's body with its nested functions' decorators applied and their attributes made locals. */
function rewriteBody(
  def: A.FunctionDef,
  moduleDefs: ReadonlyMap<string, A.FunctionDef>,
  qualified: Qualified,
): A.FunctionDef {
  // Deeper functions first.
  let body = def.body.map((s) => (s.kind === 'FunctionDef' ? rewriteBody(s, moduleDefs, qualified) : s));
  body = mapSyntax(body, (n) => {
    // Nested functions in blocks (`if`, `for`): their own bodies too.
    if (n['kind'] === 'FunctionDef' && !body.includes(n as unknown as A.Stmt))
      return rewriteBody(n as unknown as A.FunctionDef, moduleDefs, qualified);
    if (n['kind'] === 'ClassDef') return n;
    return undefined;
  });
  const bodyLocals = localNames(def.params, body);
  if (body.some((s) => s.kind === 'FunctionDef' && s.decorators.length > 0)) {
    const localDefs = new Map<string, A.FunctionDef>();
    const consumed = new Set<string>();
    const out: A.Stmt[] = [];
    for (let i = 0; i < body.length; i++) {
      const s = body[i]!;
      if (s.kind === 'FunctionDef' && s.decorators.length > 0) {
        const binds: string[] = [];
        forEachBinding(body, (x) => binds.push(x), 'function');
        const e =
          binds.filter((x) => x === s.name).length === 1
            ? expandNested(s, localDefs, bodyLocals, moduleDefs, qualified)
            : undefined;
        if (e) {
          const d = s.decorators[s.decorators.length - 1]!;
          const callee = d.kind === 'Call' ? d.func : d;
          if (callee.kind === 'Name' && localDefs.has(callee.id)) consumed.add(callee.id);
          out.push(...e.stmts);
          // What follows sees the decorated function's names.
          body = [...body.slice(0, i + 1), ...fixNames(body.slice(i + 1), s.name, e)];
          continue;
        }
      }
      if (s.kind === 'FunctionDef') localDefs.set(s.name, s);
      else forEachBinding([s], (x) => localDefs.delete(x), 'function');
      out.push(s);
    }
    // A decorator of this body that every use inlined is no function any more.
    const used = new Set<string>();
    walkSyntax(out, (n) => {
      if (n['kind'] === 'Name') used.add(n['id'] as string);
    });
    body = out.filter((x) => !(x.kind === 'FunctionDef' && consumed.has(x.name) && !used.has(x.name)));
  }
  body = functionAttributes(body);
  return body === def.body ? def : { ...def, body };
}

/** The module with the decorators of nested functions applied and their attributes made locals. */
export function expandNestedDecorators(m: A.Module): A.Module {
  const imports = new Map<string, string>();
  const moduleDefs = new Map<string, A.FunctionDef>();
  for (const st of m.body) {
    if (st.kind === 'Import')
      for (const a of st.names)
        imports.set(a.asname ?? a.name.split('.')[0]!, a.asname ? a.name : a.name.split('.')[0]!);
    else if (st.kind === 'ImportFrom')
      for (const a of st.names) imports.set(a.asname ?? a.name, `${st.module}.${a.name}`);
    else if (st.kind === 'FunctionDef') moduleDefs.set(st.name, st);
  }
  const qualified: Qualified = (e) =>
    e.kind === 'Name'
      ? imports.get(e.id)
      : e.kind === 'Attribute'
        ? ((q) => (q === undefined ? undefined : `${q}.${e.attr}`))(qualified(e.value))
        : undefined;
  let changed = false;
  // Module-level functions under a decorator `expandDecorators` left (one that keeps state between calls): inlined
  // the same way, its state module-level values under fresh names (cells, `lower/globals.ts`) that the wrapper
  // declares `global`.
  const top: A.Stmt[] = [];
  const renamedNames: [string, Expanded][] = [];
  for (const st of m.body) {
    const e =
      st.kind === 'FunctionDef' && st.decorators.length > 0
        ? expandNested(st, moduleDefs, new Set(), new Map(), qualified, true)
        : undefined;
    if (!e) {
      top.push(st);
      continue;
    }
    changed = true;
    const bound = new Set<string>();
    forEachBinding(e.stmts, (x) => bound.add(x), 'function');
    top.push(
      ...mapSyntax(e.stmts, (n) =>
        n['kind'] === 'Global' && (n['names'] as string[]).every((x) => bound.has(x))
          ? { ...n, nonlocal: false }
          : undefined,
      ),
    );
    renamedNames.push([(st as A.FunctionDef).name, e]);
  }
  let moduleBody = top;
  for (const [name, e] of renamedNames) moduleBody = fixNames(moduleBody, name, e);
  const withAttributes = functionAttributes(moduleBody, true);
  changed ||= withAttributes !== moduleBody;
  moduleBody = withAttributes;
  const body = moduleBody.map((st) => {
    if (st.kind === 'FunctionDef') {
      const r = rewriteBody(st, moduleDefs, qualified);
      changed ||= r !== st;
      return r;
    }
    if (st.kind === 'ClassDef') {
      const cb = st.body.map((x) => (x.kind === 'FunctionDef' ? rewriteBody(x, moduleDefs, qualified) : x));
      if (cb.some((x, i) => x !== st.body[i])) {
        changed = true;
        return { ...st, body: cb };
      }
    }
    return st;
  });
  return changed ? { ...m, body } : m;
}
