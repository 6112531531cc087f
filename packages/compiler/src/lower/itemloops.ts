/**
 * Loops that change the instances (or containers) a list or dict holds, rewritten before lowering to reach each item
 * through its index or key, so the change lands in the container as it does in CPython:
 * - `for t in C: BODY` → `for __ix in range(len(C)): BODY[t := C[__ix]]`
 * - `for i, t in enumerate(C[, start]): BODY` → the same, with `i = __ix (+ start)` first
 * - `for v in D.values(): BODY` → `for __k in list(D.keys()): BODY[v := D[__k]]`
 * - `for k, v in D.items(): BODY` → the same, with `k = __k` first
 * where every use of the loop name in the body reads the item in place (Rust containers are values: a loop variable is
 * a copy, and a change made through it would be lost; `infer/aliasing.ts` rejects such loops with E0313).
 *
 * Only when the rewrite cannot change the answer: `C` is a name or a chain of attributes of one (`tracks`,
 * `self.layers`); the body changes an item through the loop name (`t.age += 1`, `t.items.append(x)`, `t.reset()` of a
 * method of a class of the module, `update(t)` of a function of the module); the body never binds the loop name nor
 * `C`'s root, never changes `C` or what holds it (`C.append(x)`, `C[j] = x`, `self.C = [...]`, `self.reset()`, `f(C)`),
 * and the loop name is read nowhere after the loop (it would be the last item, shared, in CPython). A copy of the item
 * kept elsewhere (`best = t`, `out.append(t)`) is then a name sharing `C`'s item, which the aliasing check still
 * rejects when either is changed.
 */
import { CHANGING_METHODS } from './mutation';
import type * as A from '../parse/ast';
import { forEachBinding, mapSyntax, targetNames, walkSyntax } from '../parse/walk';

/** Methods that only read the container they are called on. */
const READING = new Set(['count', 'index', 'copy', 'get', 'keys', 'values', 'items', '__len__', '__contains__']);

/** Methods that may add to a dict but never replace or remove what it holds: an alias of one item survives them. */
const KEEPING = new Set(['setdefault']);

/** Builtins that only read their arguments. */
const PURE = new Set([
  'len',
  'sum',
  'min',
  'max',
  'sorted',
  'list',
  'tuple',
  'set',
  'dict',
  'any',
  'all',
  'print',
  'str',
  'repr',
  'isinstance',
  'abs',
  'round',
  'int',
  'float',
  'bool',
  'id',
  'hash',
]);

/** `self.a.b` as ['self', 'a', 'b']; a subscript adds '[]'; anything else is not a place. */
function chain(e: A.Expr): string[] | undefined {
  if (e.kind === 'Name') return [e.id];
  if (e.kind === 'Attribute') {
    const c = chain(e.value);
    return c && [...c, e.attr];
  }
  if (e.kind === 'Subscript') {
    const c = chain(e.value);
    return c && [...c, '[]'];
  }
  return undefined;
}

const isPrefix = (p: string[], of: string[]): boolean => p.length <= of.length && p.every((x, i) => of[i] === x);

interface Form {
  /** The loop name the items are read through. */
  item: string;
  /** The container, a name or a chain of attributes. */
  container: A.Expr;
  /** A dict: the items are reached by key. */
  byKey: boolean;
  /** `enumerate`'s index or `items()`'s key name, bound first in each pass, and `enumerate`'s start. */
  other?: A.Expr;
  start?: A.Expr;
}

function formOf(st: A.ForStmt): Form | undefined {
  const t = st.target;
  const it = st.iter;
  const isChain = (e: A.Expr): boolean => {
    const c = chain(e);
    return c !== undefined && !c.includes('[]');
  };
  if (t.kind === 'Name' && isChain(it)) return { item: t.id, container: it, byKey: false };
  if (it.kind !== 'Call' || it.keywords.length > 0) return undefined;
  const f = it.func;
  if (t.kind === 'Name' && f.kind === 'Attribute' && f.attr === 'values' && it.args.length === 0 && isChain(f.value))
    return { item: t.id, container: f.value, byKey: true };
  if (t.kind !== 'Tuple' || t.elts.length !== 2 || t.elts[1]!.kind !== 'Name') return undefined;
  const item = (t.elts[1] as A.NameExpr).id;
  const other = t.elts[0]!;
  if (f.kind === 'Attribute' && f.attr === 'items' && it.args.length === 0 && isChain(f.value))
    return { item, container: f.value, byKey: true, other };
  if (
    f.kind === 'Name' &&
    f.id === 'enumerate' &&
    (it.args.length === 1 || (it.args.length === 2 && it.args[1]!.kind === 'Int')) &&
    isChain(it.args[0]!)
  )
    return { item, container: it.args[0]!, byKey: false, other, ...(it.args[1] ? { start: it.args[1] } : {}) };
  return undefined;
}

/** Names bound in a body, nested scopes included (assignment, loop, `with`, handler, walrus, def, lambda,
 * comprehension), and those it deletes or declares `global`/`nonlocal`. */
function boundNames(body: unknown): Set<string> {
  const out = new Set<string>();
  forEachBinding(body, (id) => out.add(id));
  walkSyntax(body, (n) => {
    if (n['kind'] === 'Delete') for (const t of n['targets'] as unknown[]) targetNames(t, (id) => out.add(id));
    if (n['kind'] === 'Global' || n['kind'] === 'Nonlocal') for (const id of n['names'] as string[]) out.add(id);
  });
  return out;
}

/** The places a body assigns or deletes (`t.x = v`, `C[j] = v`, `del d[k]`), as chains. */
function storedChains(body: A.Stmt[]): string[][] {
  const out: string[][] = [];
  const target = (t: A.Expr): void => {
    if (t.kind === 'Tuple' || t.kind === 'List') return t.elts.forEach(target);
    if (t.kind === 'Starred') return target(t.value);
    if (t.kind === 'Attribute' || t.kind === 'Subscript') {
      const c = chain(t);
      // A place not reached through names (`f().x = 1`): its object is unknown, so taken as changing everything.
      out.push(c ?? []);
    }
  };
  walkSyntax(body, (n) => {
    switch (n['kind']) {
      case 'Assign':
      case 'Delete':
        (n['targets'] as A.Expr[]).forEach(target);
        break;
      case 'AnnAssign':
      case 'AugAssign':
        target(n['target'] as A.Expr);
        break;
    }
  });
  return out;
}

/** Whether a body changes an object through the name `p` (`p.x = v`, `p.items.append(v)`, `p.m()` of a method in `methods`). */
function changesThrough(body: A.Stmt[], p: string, methods: ReadonlySet<string>, fns: ReadonlySet<string>): boolean {
  if (storedChains(body).some((c) => c.length >= 2 && c[0] === p)) return true;
  let found = false;
  walkSyntax(body, (n) => {
    if (found || n['kind'] !== 'Call') return;
    const call = n as unknown as A.CallExpr;
    const f = call.func;
    if (f.kind === 'Attribute') {
      const r = chain(f.value);
      if (r && r[0] === p && (CHANGING_METHODS.has(f.attr) || (r.length === 1 && methods.has(f.attr)))) found = true;
    }
    if (f.kind === 'Name' && call.args.some((a, i) => a.kind === 'Name' && a.id === p && fns.has(`${f.id}:${i}`)))
      found = true;
  });
  return found;
}

/**
 * The methods of the module's classes that change `self`, and its functions that change a parameter, as far as their
 * text shows (to a fixed point over calls of each other): what a loop body's `t.m()` or `f(t)` may change. A function's
 * entry is `NAME:INDEX`, the position of the parameter it changes.
 */
export function changingCallables(
  classes: Iterable<A.ClassDef>,
  functions: Iterable<A.FunctionDef>,
): { methods: Set<string>; fns: Set<string> } {
  const methods = new Set<string>();
  const fns = new Set<string>();
  const defs = [...classes].flatMap((c) => c.body.flatMap((s) => (s.kind === 'FunctionDef' ? [s] : [])));
  const plain = [...functions];
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of defs)
      if (!methods.has(d.name) && d.params[0] && changesThrough(d.body, d.params[0].name, methods, fns)) {
        methods.add(d.name);
        changed = true;
      }
    for (const d of plain)
      d.params.forEach((p, i) => {
        if (!fns.has(`${d.name}:${i}`) && changesThrough(d.body, p.name, methods, fns)) {
          fns.add(`${d.name}:${i}`);
          changed = true;
        }
      });
  }
  return { methods, fns };
}

/**
 * Whether a body may change the container `c` or what holds it (`C.append(x)`, `C[j] = x`, `self.reset()`, `f(C)`).
 * `keeping`: methods of the container that never replace or move what it holds (a dict's `setdefault`), for a
 * name bound to one item rather than a loop over all of them.
 */
function changesContainerIn(body: A.Stmt[], c: string[], keeping: ReadonlySet<string> = new Set()): boolean {
  let changesContainer = false;
  // The container or what holds it rebound, or one of its items replaced.
  for (const p of storedChains(body))
    if (p.length === 0 || isPrefix(p, c) || (p.length === c.length + 1 && isPrefix(c, p))) changesContainer = true;
  walkSyntax(body, (n) => {
    if (n['kind'] !== 'Call') return;
    const call = n as unknown as A.CallExpr;
    const f = call.func;
    const args = [...call.args, ...call.keywords.map((k) => k.value)].map((a) => (a.kind === 'Starred' ? a.value : a));
    const r = f.kind === 'Attribute' ? chain(f.value) : undefined;
    // A method of the container or of what holds it (`C.append(x)`, `self.reset()`) may change it.
    if (
      f.kind === 'Attribute' &&
      r &&
      isPrefix(r, c) &&
      !(r.length === c.length && (READING.has(f.attr) || keeping.has(f.attr)))
    )
      changesContainer = true;
    // The container or what holds it given to a function, which may change it.
    for (const a of args) {
      const ra = chain(a);
      if (ra && isPrefix(ra, c) && !(f.kind === 'Name' && PURE.has(f.id))) changesContainer = true;
    }
  });
  return changesContainer;
}

/** Whether the rewrite of `st` keeps CPython's answer, and whether the body changes an item through the loop name. */
function rewritable(
  st: A.ForStmt,
  orig: A.ForStmt,
  form: Form,
  def: A.FunctionDef,
  userMethods: ReadonlySet<string>,
  fns: ReadonlySet<string>,
): boolean {
  const c = chain(form.container)!;
  const t = form.item;
  if (st.isAsync || c[0] === t) return false;
  if (def.params.some((p) => p.name === t)) return false;
  const bound = boundNames(st.body);
  if (bound.has(t) || bound.has(c[0]!)) return false;
  if (form.other && chain(form.other)?.[0] === c[0]) return false;
  const changesItem = changesThrough(st.body, t, userMethods, fns);
  const changesContainer = changesContainerIn(st.body, c);
  if (!changesItem || changesContainer) return false;
  // The loop name read after the loop would be the last item, shared with the container: only other loops (and
  // comprehensions) binding it again may use the name.
  let outside = false;
  const scan = (root: unknown): void =>
    walkSyntax(root, (n) => {
      if (n === (orig as unknown)) return false;
      if (n['kind'] === 'For' && boundNames([{ kind: 'Assign', targets: [n['target']] }]).has(t)) return false;
      if (n['kind'] === 'Comp' && boundNames([n]).has(t)) return false;
      if (n['kind'] === 'Name' && n['id'] === t) outside = true;
      return true;
    });
  scan(def.body);
  scan(st.orelse);
  return !outside;
}

function rewrite(st: A.ForStmt, form: Form): A.ForStmt {
  const span = st.target.span;
  const ix = `__item_ix_${span.line}_${span.col}`;
  const name = (id: string): A.NameExpr => ({ kind: 'Name', id, span }) as A.NameExpr;
  const call = (func: A.Expr, args: A.Expr[]): A.Expr => ({ kind: 'Call', func, args, keywords: [], span }) as A.Expr;
  const c = form.container;
  const iter = form.byKey
    ? call(name('list'), [call({ kind: 'Attribute', value: structuredClone(c), attr: 'keys', span } as A.Expr, [])])
    : call(name('range'), [call(name('len'), [structuredClone(c)])]);
  const body = mapSyntax(st.body, (n) => {
    if (n['kind'] === 'Name' && n['id'] === form.item) {
      const at = (n as unknown as A.NameExpr).span;
      return { kind: 'Subscript', value: structuredClone(c), index: { ...name(ix), span: at }, span: at };
    }
    return undefined;
  });
  const first: A.Stmt[] = [];
  if (form.other) {
    const value: A.Expr = form.start
      ? ({ kind: 'BinOp', op: '+', left: name(ix), right: structuredClone(form.start), span } as unknown as A.Expr)
      : name(ix);
    first.push({ kind: 'Assign', targets: [structuredClone(form.other)], value, span } as A.Stmt);
  }
  return { ...st, target: name(ix), iter, body: [...first, ...body] };
}

/**
 * The function with its item-changing loops reaching the items in place (see the file comment); the same object when
 * none qualifies. `userMethods`: the method names of the module's classes; `fns`: its functions.
 */
export function indexItemLoops(
  def: A.FunctionDef,
  userMethods: ReadonlySet<string>,
  fns: ReadonlySet<string>,
): A.FunctionDef {
  let changed = false;
  const go = (body: A.Stmt[]): A.Stmt[] =>
    aliases(body).map((s) => {
      let st = s;
      if (st.kind === 'For') {
        const form = formOf(st);
        const inner = { ...st, body: go(st.body), orelse: go(st.orelse) };
        if (form && rewritable(inner, st, form, def, userMethods, fns)) {
          changed = true;
          return rewrite(inner, form);
        }
        if (inner.body !== st.body || inner.orelse !== st.orelse) st = inner;
        return st;
      }
      if (st.kind === 'If' || st.kind === 'While') return { ...st, body: go(st.body), orelse: go(st.orelse) };
      if (st.kind === 'With') return { ...st, body: go(st.body) };
      if (st.kind === 'Try')
        return {
          ...st,
          body: go(st.body),
          handlers: st.handlers.map((h) => ({ ...h, body: go(h.body) })),
          orelse: go(st.orelse),
          finalbody: go(st.finalbody),
        };
      return st;
    });
  /**
   * `h = heads[i]` or `slot = d.setdefault(k, {})` followed by changes through the name (`h.update(x)`,
   * `slot["n"] += 1`): the rest of the block reads `heads[i]` (`d[k]`) in place instead, when nothing there rebinds
   * the name, the container's root or the index's name, changes the container itself, and the name is read nowhere
   * else. The assignment stays as the read (IndexError or KeyError where CPython raises it; setdefault's insertion);
   * an index that is not a name or a literal is computed once into a hidden local first.
   */
  const aliases = (body: A.Stmt[]): A.Stmt[] => {
    for (let i = 0; i < body.length; i++) {
      const st = body[i]!;
      if (st.kind !== 'Assign' || st.targets.length !== 1 || st.targets[0]!.kind !== 'Name') continue;
      const v0 = st.value;
      const setdefault =
        v0.kind === 'Call' &&
        v0.func.kind === 'Attribute' &&
        v0.func.attr === 'setdefault' &&
        v0.keywords.length === 0 &&
        (v0.args.length === 1 || v0.args.length === 2)
          ? { container: v0.func.value, key: v0.args[0]!, call: v0 }
          : undefined;
      if (v0.kind !== 'Subscript' && !setdefault) continue;
      const container = setdefault ? setdefault.container : (v0 as A.SubscriptExpr).value;
      const c = chain(container);
      const ix0 = setdefault ? setdefault.key : (v0 as A.SubscriptExpr).index;
      const simple = (ix: A.Expr): boolean =>
        ix.kind === 'Name' ||
        ix.kind === 'Int' ||
        ix.kind === 'Str' ||
        (ix.kind === 'Unary' && ix.op === '-' && ix.operand.kind === 'Int');
      if (!c || c.includes('[]') || ix0.kind === 'Slice' || ix0.kind === 'Starred') continue;
      // An index computed once, as CPython computes it, into a hidden local the rest reads.
      const hidden = simple(ix0) ? undefined : `__alias_ix_${st.span.line}_${st.span.col}`;
      const ix: A.Expr = hidden ? ({ kind: 'Name', id: hidden, span: ix0.span } as A.Expr) : ix0;
      const v: A.Expr = { kind: 'Subscript', value: container, index: ix, span: v0.span } as A.Expr;
      const t = (st.targets[0] as A.NameExpr).id;
      const rest = body.slice(i + 1);
      const bound = boundNames(rest);
      if (def.params.some((p) => p.name === t) || bound.has(t) || bound.has(c[0]!)) continue;
      if (ix.kind === 'Name' && (bound.has(ix.id) || ix.id === t)) continue;
      if (c[0] === t || !changesThrough(rest, t, userMethods, fns) || changesContainerIn(rest, c, KEEPING)) continue;
      let total = 0;
      let inRest = 0;
      // A comprehension binding the name has its own.
      const count = (root: unknown, add: () => void): void =>
        walkSyntax(root, (n) => {
          if (n['kind'] === 'Comp' && boundNames([n]).has(t)) return false;
          if (n['kind'] === 'Name' && n['id'] === t) add();
          return true;
        });
      count(def.body, () => total++);
      count(rest, () => inRest++);
      if (total !== inRest + 1) continue;
      changed = true;
      const first: A.Stmt[] = hidden
        ? [{ kind: 'Assign', targets: [structuredClone(ix)], value: ix0, span: st.span } as A.Stmt]
        : [];
      const readValue: A.Expr = setdefault
        ? ({ ...setdefault.call, args: [structuredClone(ix), ...setdefault.call.args.slice(1)] } as A.Expr)
        : structuredClone(v);
      const read: A.Stmt = { kind: 'Expr', value: readValue, span: st.span } as A.Stmt;
      const replaced = mapSyntax(rest, (n) =>
        n['kind'] === 'Name' && n['id'] === t
          ? { ...structuredClone(v), span: (n as unknown as A.NameExpr).span }
          : undefined,
      );
      return [...body.slice(0, i), ...first, read, ...aliases(replaced)];
    }
    return body;
  };
  const body = go(def.body);
  return changed ? { ...def, body } : def;
}
