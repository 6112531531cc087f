/**
 * Closures that keep state, returned as values: a module function that defines a nested function changing enclosing
 * locals (`nonlocal count; count += 1`, `cache[k] = v`) and returns it (`make_counter()` returning `inc`) gives an
 * object whose state lives as long as the function value does. Compiled function values carry no data, so such a
 * factory becomes a class of the module (`_Closure__make_counter__inc`): the captured locals are its fields, set
 * from their values at the `return` (nothing can run the nested function before: it is named nowhere else), and the
 * nested function is its `__call__`, reading and changing `self.count`. Each call of the factory builds its own
 * object, as each CPython call makes its own cells; calls of the value (`c()`) change that object in place
 * (`markSelfMutation`), and a second name for it (`d = c`) is the aliasing check's E0313.
 *
 * Only a factory returning one such function, which nothing else in it names or captures the same state of, is
 * rewritten; a factory returning two functions over one state (`add`, `get`) keeps lowering's E0202.
 */
import type * as A from '../parse/ast';
import { forEachBinding, mapSyntax, walkSyntax } from '../parse/walk';
import { localNames } from './decorators';
import { CHANGING_METHODS } from './mutation';

export const CLOSURE_CLASS_PREFIX = '_Closure__';

/** The names a function declares `nonlocal` (not in deeper functions). */
function nonlocals(body: A.Stmt[]): Set<string> {
  const out = new Set<string>();
  walkSyntax(body, (n) => {
    if (n['kind'] === 'FunctionDef' || n['kind'] === 'ClassDef' || n['kind'] === 'Lambda') return false;
    if (n['kind'] === 'Global' && n['nonlocal']) for (const x of n['names'] as string[]) out.add(x);
    return undefined;
  });
  return out;
}

/** The enclosing locals a nested function changes in place (`xs.append(v)`, `d[k] = v`). */
function changedIn(body: A.Stmt[], names: ReadonlySet<string>): boolean {
  const root = (e: A.Expr): string | undefined =>
    e.kind === 'Name' ? e.id : e.kind === 'Subscript' || e.kind === 'Attribute' ? root(e.value) : undefined;
  let found = false;
  walkSyntax(body, (n) => {
    const k = n['kind'];
    const place = (t: A.Expr): void => {
      if ((t.kind === 'Subscript' || t.kind === 'Attribute') && names.has(root(t.value) ?? '')) found = true;
    };
    if (k === 'Assign') (n['targets'] as A.Expr[]).forEach(place);
    if (k === 'AugAssign' || k === 'AnnAssign') place(n['target'] as A.Expr);
    if (k === 'Call') {
      const f = n['func'] as A.Expr;
      if (f.kind === 'Attribute' && CHANGING_METHODS.has(f.attr) && names.has(root(f.value) ?? '')) found = true;
    }
    return undefined;
  });
  return found;
}

function rewrite(def: A.FunctionDef, taken: ReadonlySet<string>): A.Stmt[] | undefined {
  const body = def.body;
  const last = body[body.length - 1];
  if (last?.kind !== 'Return' || last.value?.kind !== 'Name') return undefined;
  const gName = last.value.id;
  const g = body.find((s): s is A.FunctionDef => s.kind === 'FunctionDef' && s.name === gName);
  if (!g || g.decorators.length > 0 || g.isAsync) return undefined;
  let yields = false;
  walkSyntax(g.body, (n) => {
    if (n['kind'] === 'FunctionDef' || n['kind'] === 'Lambda') return false;
    if (n['kind'] === 'Yield') yields = true;
    return undefined;
  });
  if (yields) return undefined;
  // `g` is named only by its `def` and the final `return`.
  let uses = 0;
  walkSyntax(body, (n) => {
    if (n['kind'] === 'Name' && n['id'] === gName) uses++;
  });
  const binds: string[] = [];
  forEachBinding(body, (x) => binds.push(x), 'function');
  if (uses !== 1 || binds.filter((x) => x === gName).length !== 1) return undefined;
  const outer = localNames(def.params, body);
  const own = localNames(g.params, g.body);
  const nl = nonlocals(g.body);
  for (const x of nl) own.delete(x);
  if (own.has('self') || g.params.some((p) => p.name === 'self')) return undefined;
  // The enclosing locals it reads (in deeper scopes of it too).
  const captures: string[] = [];
  walkSyntax(g.body, (n) => {
    if (n['kind'] === 'Name') {
      const id = n['id'] as string;
      if (outer.has(id) && !own.has(id) && id !== gName && !captures.includes(id)) captures.push(id);
    }
    return undefined;
  });
  for (const x of nl) if (!captures.includes(x)) captures.push(x);
  const state = new Set(captures);
  // Only a closure with state: `nonlocal`, or a captured container changed in place.
  if (nl.size === 0 && !changedIn(g.body, state)) return undefined;
  if (![...nl].every((x) => outer.has(x))) return undefined;
  // No other function or lambda of the factory reads that state.
  let shared = false;
  walkSyntax(body, (n) => {
    if (n === (g as unknown)) return false;
    if (n['kind'] === 'FunctionDef' || n['kind'] === 'Lambda')
      walkSyntax(n, (x) => {
        if (x['kind'] === 'Name' && state.has(x['id'] as string)) shared = true;
      });
    return undefined;
  });
  if (shared) return undefined;
  // A deeper scope of `g` that binds a captured name (a comprehension variable) would not read the field.
  let shadowed = false;
  walkSyntax(g.body, (n) => {
    if (n['kind'] === 'FunctionDef' || n['kind'] === 'Lambda' || n['kind'] === 'Comp')
      forEachBinding(n, (x) => {
        if (state.has(x)) shadowed = true;
      });
    return undefined;
  });
  if (shadowed) return undefined;
  // A captured function it calls (a decorator's `fn`) stays a function value: fields hold no functions.
  let callsCaptured = false;
  walkSyntax(g.body, (n) => {
    if (n['kind'] === 'Call') {
      const f = n['func'] as A.Expr;
      if (f.kind === 'Name' && state.has(f.id)) callsCaptured = true;
    }
    return undefined;
  });
  if (callsCaptured) return undefined;
  const cls = `${CLOSURE_CLASS_PREFIX}${def.name}__${gName}`;
  if (taken.has(cls)) return undefined;
  const span = g.nameSpan;
  const name = (id: string): A.NameExpr => ({ kind: 'Name', span, id });
  const field = (id: string, at: A.Expr['span']): A.AttributeExpr => ({
    kind: 'Attribute',
    span: at,
    value: { kind: 'Name', span: at, id: 'self' },
    attr: id,
  });
  // The annotation the factory gives a captured name, if any.
  const annotation = (id: string): A.Expr | undefined => {
    const p = def.params.find((x) => x.name === id);
    if (p) return p.annotation;
    let t: A.Expr | undefined;
    walkSyntax(body, (n) => {
      if (n['kind'] === 'FunctionDef' || n['kind'] === 'Lambda') return false;
      if (n['kind'] === 'AnnAssign') {
        const a = n as unknown as A.AnnAssignStmt;
        if (a.target.kind === 'Name' && a.target.id === id) t ??= a.annotation;
      }
      return undefined;
    });
    return t;
  };
  const callBody = mapSyntax(
    g.body.filter((s) => !(s.kind === 'Global' && s.nonlocal)),
    (n) =>
      n['kind'] === 'Name' && state.has(n['id'] as string)
        ? field(n['id'] as string, n['span'] as A.Expr['span'])
        : undefined,
  );
  const init: A.FunctionDef = {
    kind: 'FunctionDef',
    span,
    nameSpan: span,
    name: '__init__',
    params: [
      { span, name: 'self', annotation: undefined, default: undefined, star: undefined, keywordOnly: false },
      ...captures.map(
        (c): A.Param => ({
          span,
          name: c,
          annotation: annotation(c),
          default: undefined,
          star: undefined,
          keywordOnly: false,
        }),
      ),
    ] as A.Param[],
    returns: { kind: 'None', span },
    body: captures.map(
      (c): A.Stmt => ({
        kind: 'Assign',
        span,
        targets: [field(c, span)],
        value: name(c),
      }),
    ),
    decorators: [],
    isAsync: false,
  };
  const call: A.FunctionDef = {
    ...g,
    name: '__call__',
    params: [
      { span, name: 'self', annotation: undefined, default: undefined, star: undefined, keywordOnly: false },
      ...g.params,
    ],
    body: callBody,
  };
  const classDef = {
    kind: 'ClassDef',
    span,
    nameSpan: span,
    name: cls,
    bases: [],
    keywords: [],
    body: [init, call],
    decorators: [],
  } as unknown as A.ClassDef;
  const factory: A.FunctionDef = {
    ...def,
    returns: name(cls),
    body: [
      ...body.filter((s) => s !== g && s !== last),
      {
        kind: 'Return',
        span: last.span,
        value: { kind: 'Call', span: last.span, func: name(cls), args: captures.map(name), keywords: [] },
      },
    ],
  };
  return [classDef, factory];
}

/** The module with its factories of stateful closures rewritten to build instances of a class each. */
export function closuresAsClasses(m: A.Module): A.Module {
  const taken = new Set<string>();
  for (const st of m.body) if (st.kind === 'ClassDef' || st.kind === 'FunctionDef') taken.add(st.name);
  let changed = false;
  const body = m.body.flatMap((st) => {
    if (st.kind !== 'FunctionDef' || st.decorators.length > 0) return [st];
    const r = rewrite(st, taken);
    if (!r) return [st];
    changed = true;
    return r;
  });
  return changed ? { ...m, body } : m;
}
