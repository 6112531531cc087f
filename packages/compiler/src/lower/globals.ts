/**
 * Module-level mutable state (ARCHITECTURE.md, "Module-level state"). A module constant that some function of the
 * module changes (a method that changes it, `X[k] = v`, `del X[k]`, a field set, or `global X` and an assignment)
 * becomes a process-wide cell: one value per process, initialised from the constant on first use, which every read
 * copies and every change locks (`rt::cell::Global`). This pass only chooses which constants are cells and their
 * declared types; infer checks each change (a change of a constant that is not a cell stays E0208) and emit writes
 * the cell's reads and writes.
 */
import { CHANGING_METHODS } from './mutation';
import type * as A from '../parse/ast';
import { mapSyntax, walkSyntax } from '../parse/walk';
import type { IrConstant } from '../ir/ir';
import type { Span } from '../diagnostics/diagnostic';
import { T, type Type, isComplete } from '../types/types';

/** The module-level name a place is rooted at: `X`, `X[k]`, `X[k].f`, `X.f[i]`. */
function rootName(e: A.Expr): string | undefined {
  if (e.kind === 'Name') return e.id;
  if (e.kind === 'Subscript') return rootName(e.value);
  if (e.kind === 'Attribute') return rootName(e.value);
  return undefined;
}

type Node = { kind: string } & Record<string, unknown>;

/** Every node below `root` (statements and expressions of nested functions and classes included). */
function walk(root: unknown, visit: (n: Node) => void): void {
  walkSyntax(root, (n) => {
    if (typeof n['kind'] === 'string') visit(n as Node);
  });
}

/** The names each function declares `global` and assigns, with the constants changed in place anywhere. */
export function changedGlobals(
  m: A.Module,
  constants: ReadonlyMap<string, unknown>,
  rebound: Set<string> = new Set(),
  objects: ReadonlySet<string> = new Set(),
): Set<string> {
  const out = new Set<string>();
  const mark = (name: string | undefined): void => {
    if (name !== undefined && constants.has(name) && !name.startsWith('__')) out.add(name);
  };
  const fns: A.FunctionDef[] = [];
  walk(m.body, (n) => {
    if (n.kind === 'FunctionDef') fns.push(n as unknown as A.FunctionDef);
  });
  const atImport = importTimeFunctions(m, fns);
  for (const fn of fns) {
    // A decorator's own body runs as the module is imported: what it changes is part of the module's first value
    // (`lower.ts` runs the registrations in the function that computes it), not state that calls change.
    if (atImport.has(fn)) continue;
    const body = ownBody(fn);
    const declared = new Set<string>();
    walk(body, (n) => {
      if (n.kind === 'Global' && !(n as unknown as A.GlobalStmt).nonlocal)
        for (const x of (n as unknown as A.GlobalStmt).names) declared.add(x);
    });
    // A name the function binds (a parameter, an assignment without `global`) is its own local there.
    const own = new Set(fn.params.map((p) => p.name));
    const aliasOf = new Map<string, string>();
    walk(body, (n) => {
      const st = n as unknown as A.Stmt;
      const bind = (t: A.Expr): void => {
        if (t.kind === 'Name' && !declared.has(t.id)) own.add(t.id);
        else if (t.kind === 'Tuple' || t.kind === 'List') t.elts.forEach(bind);
        else if (t.kind === 'Starred') bind(t.value);
      };
      if (st.kind === 'Assign') st.targets.forEach(bind);
      else if (st.kind === 'AnnAssign' || st.kind === 'AugAssign' || st.kind === 'For') bind(st.target);
      // `log = CALL_LOG`: a change through `log` changes the module's value.
      if (st.kind === 'Assign' && st.value.kind === 'Name' && constants.has(st.value.id))
        for (const t of st.targets) if (t.kind === 'Name') aliasOf.set(t.id, st.value.id);
    });
    const markHere = (name: string | undefined): void => {
      if (name === undefined || !own.has(name)) mark(name);
      else if (aliasOf.has(name)) mark(aliasOf.get(name));
    };
    walk(body, (n) => {
      const st = n as unknown as A.Stmt;
      const rebind = (n: string | undefined): void => {
        markHere(n);
        if (n !== undefined && declared.has(n) && out.has(n)) rebound.add(n);
      };
      if (st.kind === 'Assign') for (const t of st.targets) placeTargets(t, declared, rebind, markHere);
      else if (st.kind === 'AnnAssign' || st.kind === 'AugAssign') placeTargets(st.target, declared, rebind, markHere);
      else if (st.kind === 'Delete') for (const t of st.targets) placeTargets(t, declared, markHere);
      else if (st.kind === 'For') placeTargets(st.target, declared, rebind, markHere);
      const e = n as unknown as A.Expr;
      if (e.kind === 'Call' && e.func.kind === 'Attribute') {
        // Any method of a module-level instance of a class of the module may change it (`TRACKER.record(x)`).
        const r = rootName(e.func.value);
        const target = r !== undefined && own.has(r) ? aliasOf.get(r) : r;
        if (CHANGING_METHODS.has(e.func.attr) || (target !== undefined && objects.has(target))) markHere(r);
      }
    });
  }
  return out;
}

/** A function's statements with the bodies of the functions defined in it left out (each is visited on its own). */
function ownBody(fn: A.FunctionDef): unknown[] {
  return mapSyntax(fn.body, (n) =>
    n['kind'] === 'FunctionDef' || n['kind'] === 'ClassDef' ? { kind: 'Pass' } : undefined,
  );
}

/**
 * The functions that run while the module is imported: a decorator (`@traced`) and, for a decorator factory
 * (`@register("relu")`), the function it returns. What those return in turn (a wrapper) runs at each call.
 */
function importTimeFunctions(m: A.Module, fns: A.FunctionDef[]): Set<A.FunctionDef> {
  const byName = new Map<string, A.FunctionDef>();
  for (const st of m.body) if (st.kind === 'FunctionDef') byName.set(st.name, st);
  const returned = (fn: A.FunctionDef): A.FunctionDef | undefined => {
    const nested = new Map(fn.body.flatMap((st) => (st.kind === 'FunctionDef' ? [[st.name, st] as const] : [])));
    for (const st of fn.body)
      if (st.kind === 'Return' && st.value?.kind === 'Name' && nested.has(st.value.id)) return nested.get(st.value.id);
    return undefined;
  };
  const out = new Set<A.FunctionDef>();
  for (const fn of fns)
    for (const d of fn.decorators) {
      const factory = d.kind === 'Call' && d.func.kind === 'Name' ? byName.get(d.func.id) : undefined;
      const plain = d.kind === 'Name' ? byName.get(d.id) : undefined;
      if (plain) out.add(plain);
      if (factory) {
        out.add(factory);
        const deco = returned(factory);
        if (deco) out.add(deco);
      }
    }
  return out;
}

function placeTargets(
  t: A.Expr,
  declared: ReadonlySet<string>,
  rebind: (n: string | undefined) => void,
  mark: (n: string | undefined) => void = rebind,
): void {
  if (t.kind === 'Name') {
    if (declared.has(t.id)) rebind(t.id);
  } else if (t.kind === 'Tuple' || t.kind === 'List') for (const x of t.elts) placeTargets(x, declared, rebind, mark);
  else if (t.kind === 'Starred') placeTargets(t.value, declared, rebind, mark);
  else if (t.kind === 'Subscript' || t.kind === 'Attribute') mark(rootName(t));
}

/**
 * Makes the changed constants cells. A cell's type is its annotation where the module gives one (`LOG: list[str] =
 * []`), else the constant's own; `annotate` lowers an annotation.
 */
export function markGlobalCells(
  m: A.Module,
  constants: Map<string, IrConstant>,
  computed: Map<string, string>,
  annotate: (e: A.Expr) => Type | undefined,
  classes: ReadonlySet<string> = new Set(),
): void {
  const candidates = new Map<string, unknown>([...constants, ...[...computed.keys()].map((n) => [n, n] as const)]);
  const rebound = new Set<string>();
  // Module-level instances of the module's classes (`TRACKER = Tracker()`, `TRACKER = make_tracker()`).
  const objects = new Set<string>();
  // A function of the module annotated to return one of its classes (`def make() -> Tracker`) makes one too.
  const makers = new Set(
    m.body.flatMap((st) =>
      st.kind === 'FunctionDef' && st.returns?.kind === 'Name' && classes.has(st.returns.id) ? [st.name] : [],
    ),
  );
  for (const st of m.body) {
    const v = st.kind === 'Assign' || st.kind === 'AnnAssign' ? st.value : undefined;
    const call = v?.kind === 'Call' && v.func.kind === 'Name' && (classes.has(v.func.id) || makers.has(v.func.id));
    for (const t of st.kind === 'Assign' ? st.targets : st.kind === 'AnnAssign' ? [st.target] : [])
      if (call && t.kind === 'Name') objects.add(t.id);
  }
  const changed = changedGlobals(m, candidates, rebound, objects);
  if (changed.size === 0) return;
  const declared = new Map<string, A.Expr>();
  const spans = new Map<string, Span>();
  for (const st of m.body) {
    if (st.kind === 'AnnAssign' && st.target.kind === 'Name' && st.value) declared.set(st.target.id, st.annotation);
    for (const t of st.kind === 'Assign' ? st.targets : st.kind === 'AnnAssign' ? [st.target] : [])
      if (t.kind === 'Name' && !spans.has(t.id)) spans.set(t.id, t.span);
  }
  for (const name of changed) {
    const ann = declared.get(name);
    const t = ann ? annotate(ann) : undefined;
    const fn = computed.get(name);
    if (fn !== undefined && !constants.has(name)) {
      // A value compiled code computes (`deque(maxlen=8)`, `defaultdict(list)`): its function gives the first value;
      // its type is known once infer has typed that function (holes filled from the annotation).
      constants.set(name, {
        name,
        value: { kind: 'none' },
        span: spans.get(name) ?? m.body[0]!.span,
        type: T.unknown,
        cell: true,
        ...(rebound.has(name) ? { rebound: true } : {}),
        computedBy: fn,
        ...(t ? { declared: t } : {}),
      });
      computed.delete(name);
      continue;
    }
    const c = constants.get(name)!;
    c.cell = true;
    if (rebound.has(name)) c.rebound = true;
    if (t && isComplete(t)) c.type = t;
  }
}

/**
 * A local that only names a module cell (`log = CALL_LOG`, bound once at the top of the body, then `log.append(x)`)
 * is the cell itself wherever it is read, as in CPython, where both names hold one object. Only for a cell no
 * function rebinds (`global X; X = ...`), which would leave the local on the old object, and where the function does
 * not rebind it either.
 */
export function inlineCellAliases(
  def: A.FunctionDef,
  constants: ReadonlyMap<string, IrConstant>,
  counts: ReadonlyMap<string, number>,
): A.FunctionDef {
  const declared = new Set<string>();
  walk(def.body, (n) => {
    if (n.kind === 'Global') for (const x of (n as unknown as A.GlobalStmt).names) declared.add(x);
  });
  const params = new Set(def.params.map((p) => p.name));
  const alias = new Map<string, string>();
  const dropped = new Set<A.Stmt>();
  for (const st of def.body) {
    if (st.kind !== 'Assign' || st.targets.length !== 1 || st.targets[0]!.kind !== 'Name') continue;
    const name = st.targets[0]!.id;
    const v = st.value;
    if (v.kind !== 'Name' || params.has(name) || declared.has(name) || declared.has(v.id)) continue;
    const c = constants.get(v.id);
    if (!c?.cell || c.rebound || counts.get(name) !== 1 || counts.has(v.id)) continue;
    alias.set(name, v.id);
    dropped.add(st);
  }
  if (alias.size === 0) return def;
  const body = mapSyntax(
    def.body.filter((st) => !dropped.has(st)),
    (n) =>
      n['kind'] === 'Name' && alias.has(n['id'] as string) ? { ...n, id: alias.get(n['id'] as string) } : undefined,
  );
  return { ...def, body };
}

/**
 * `with _lock:` over a module-level `threading.Lock()`/`RLock()` (`isLock` says which names are): the lock's
 * `acquire()` before the block and its `release()` in a `finally`, as the lock's `__enter__`/`__exit__` do (a target
 * gets `acquire()`'s True).
 */
export function lockWith(st: A.WithStmt, isLock: (name: string) => boolean): A.Stmt[] | undefined {
  const item = st.items.length === 1 && !st.isAsync ? st.items[0]! : undefined;
  if (item?.context.kind !== 'Name' || !isLock(item.context.id)) return undefined;
  const span = st.span;
  const call = (attr: string): A.CallExpr => ({
    kind: 'Call',
    span,
    func: { kind: 'Attribute', span, value: item.context, attr },
    args: [],
    keywords: [],
  });
  const enter: A.Stmt = item.target
    ? { kind: 'Assign', span, targets: [item.target], value: call('acquire') }
    : { kind: 'Expr', span, value: call('acquire') };
  return [
    enter,
    {
      kind: 'Try',
      span,
      body: st.body,
      handlers: [],
      orelse: [],
      finalbody: [{ kind: 'Expr', span, value: call('release') }],
    },
  ];
}
