/**
 * Build-then-fill code stores a new container or object in its holder first and fills it in afterwards:
 *
 *     row = {"id": i, "text": t}
 *     rows.append(row)
 *     row["len"] = len(t)
 *
 * CPython's `rows` holds `row` itself, so the later changes show in it; compiled code's `rows` holds a copy, which the
 * aliasing check (`infer/aliasing.ts`) rejects (E0313). When nothing between the store and the last statement that
 * names `row` can observe the holder, storing later is the same program: the store moves after that statement.
 *
 * The statements passed over must not name the holder's local, must read no other local that could reach it (whose
 * type could be or hold the holder's: `toks: list[str]` cannot reach `rows: list[dict[str, int]]`), must call no function of the module (which could read a
 * module-level value), must not leave the block (`break`, `continue`, `return`), and must not bind the stored name
 * again; and the block must be outside every `try` (an exception caught in this function would see the holder without
 * the item).
 */
import type { IrExpr, IrStmt, IrTarget } from '../ir/ir';
import { exprChildren } from '../ir/ir';
import type { FunctionInstance } from '../ir/typed';
import { mutableRoot, refIndexes } from '../ir/typed';
import { type Type, typeEquals } from '../types/types';

/** The ops that store their second argument in their first (the receiver). */
const STORE_OPS = new Set(['list.append', 'deque.append', 'deque.appendleft', 'list.insert']);

/** Whether a value of `t` may be, or hold, a value of `holder` (the holder's container could be reached through it). */
function mayReach(t: Type | undefined, holder: Type): boolean {
  if (!t) return true;
  if (typeEquals(t, holder)) return true;
  switch (t.kind) {
    case 'int':
    case 'float':
    case 'bool':
    case 'str':
    case 'none':
      return false;
    case 'optional':
    case 'list':
    case 'set':
    case 'deque':
    case 'vartuple':
      return mayReach(t.item, holder);
    case 'tuple':
      return t.items.some((x) => mayReach(x, holder));
    case 'dict':
      return mayReach(t.key, holder) || mayReach(t.value, holder);
    default:
      return true;
  }
}

/** The holder's root local and the stored local of `holder.append(x)` as a statement, or undefined. */
function storeOf(st: IrStmt): { holder: string; item: string } | undefined {
  if (st.kind !== 'expr' || st.value.kind !== 'op') return undefined;
  const e = st.value;
  const r = e.resolution;
  if (!r || !STORE_OPS.has(r.entry) || (r.mutatedArg ?? 0) !== 0) return undefined;
  const recv = e.args[0];
  const item = e.args[e.args.length - 1];
  if (!recv || !item || item.kind !== 'local' || e.args.length > (r.entry === 'list.insert' ? 3 : 2)) return undefined;
  const root = mutableRoot(recv);
  if (root?.kind !== 'local' || root.name === item.name) return undefined;
  // The receiver's path reads only the holder's local (`rows`, `groups[k]` would read `k` later: not moved).
  if (readsAny(recv, (n) => n !== root.name)) return undefined;
  return { holder: root.name, item: item.name };
}

function readsAny(e: IrExpr, pred: (name: string) => boolean): boolean {
  if (e.kind === 'local' && pred(e.name)) return true;
  if (e.kind === 'lambda' && e.captures.some(pred)) return true;
  return exprChildren(e).some((c) => readsAny(c, pred));
}

function hasCall(e: IrExpr): boolean {
  if (e.kind === 'call' || e.kind === 'lambda') return true;
  // A user method (an op resolved to a method of the module's classes) runs module code too.
  if (e.kind === 'op' && (e.resolution?.variant === 'method' || e.resolution?.dispatch)) return true;
  return exprChildren(e).some(hasCall);
}

function ownExprs(st: IrStmt): IrExpr[] {
  switch (st.kind) {
    case 'assign':
      return [
        st.value,
        ...(st.target.kind === 'index' ? [st.target.object, st.target.index] : []),
        ...(st.target.kind === 'attr' ? [st.target.object] : []),
      ];
    case 'if':
    case 'while':
      return [st.test];
    case 'for':
      return [st.iter];
    case 'return':
      return st.value ? [st.value] : [];
    case 'expr':
    case 'yield':
      return [st.value];
    case 'raise':
      return [
        ...(st.message ? [st.message] : []),
        ...(st.cause ? [st.cause] : []),
        ...(st.user?.args ?? []),
        ...(st.user?.fields.map((f) => f.value) ?? []),
      ];
    case 'assert':
      return st.message ? [st.test, st.message] : [st.test];
    default:
      return [];
  }
}

function nested(st: IrStmt): IrStmt[][] {
  switch (st.kind) {
    case 'if':
    case 'for':
    case 'while':
      return [st.body, st.orelse];
    case 'try':
      return [st.body, ...st.handlers.map((h) => h.body), st.orelse, st.finalbody];
    default:
      return [];
  }
}

function binds(t: IrTarget, name: string): boolean {
  return t.kind === 'name' ? t.name === name : t.kind === 'tuple' ? t.items.some((x) => binds(x, name)) : false;
}

/** Whether the store may move over `st`: see the module comment. */
function passable(st: IrStmt, holder: string, item: string, types: ReadonlyMap<string, Type>): boolean {
  if (st.kind === 'break' || st.kind === 'continue' || st.kind === 'return' || st.kind === 'yield') return false;
  if (st.kind === 'try' || st.kind === 'reraise') return false;
  if ((st.kind === 'assign' || st.kind === 'for') && (binds(st.target, item) || binds(st.target, holder))) return false;
  if (st.kind === 'assign' && st.target.kind === 'global') return false;
  for (const e of ownExprs(st)) {
    if (hasCall(e)) return false;
    if (readsAny(e, (n) => n === holder || (n !== item && mayReach(types.get(n), types.get(holder)!)))) return false;
    if (containsGlobal(e)) return false;
  }
  return nested(st).every((b) => b.every((s) => passable(s, holder, item, types)));
}

function containsGlobal(e: IrExpr): boolean {
  return e.kind === 'global' || exprChildren(e).some(containsGlobal);
}

function names(st: IrStmt, name: string): boolean {
  if (ownExprs(st).some((e) => readsAny(e, (n) => n === name))) return true;
  if ((st.kind === 'assign' || st.kind === 'for') && binds(st.target, name)) return true;
  return nested(st).some((b) => b.some((s) => names(s, name)));
}

/** Moves each movable store of `inst`'s body (outside every `try`) after the last statement that fills its item. */
export function delayStores(inst: FunctionInstance): void {
  const byRef = new Set(refIndexes(inst).map((i) => inst.fn.params[i]!.name));
  const visit = (body: IrStmt[]): void => {
    for (let i = 0; i < body.length; i++) {
      const st = body[i]!;
      if (st.kind === 'if' || st.kind === 'for' || st.kind === 'while') {
        visit(st.body);
        visit(st.orelse);
      }
      const store = storeOf(st);
      const kind = store ? inst.locals.get(store.item)?.kind : undefined;
      // A holder the caller sees (taken by `&mut`) would show an exception's early exit without the item.
      if (!store || !inst.locals.has(store.holder) || byRef.has(store.holder)) continue;
      if (!['list', 'dict', 'set', 'deque', 'struct'].includes(kind ?? '')) continue;
      let last = -1;
      for (let j = i + 1; j < body.length; j++) {
        if (!names(body[j]!, store.item)) continue;
        if (!body.slice(i + 1, j + 1).every((s) => passable(s, store.holder, store.item, inst.locals))) break;
        last = j;
      }
      if (last < 0) continue;
      body.splice(i, 1);
      body.splice(last, 0, st);
      i--;
    }
  };
  visit(inst.fn.body);
}
