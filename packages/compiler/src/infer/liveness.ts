/**
 * Whether a local may be read again after a point of a function, for the aliasing check (`infer/aliasing.ts`): a change
 * made through one of two names that share a container shows through the other only if that other name is read again
 * before it is bound anew. Beam search's `for c in cands[:k]: c.done = True; finished.append(c)` changes the candidates
 * while `cands` is dead (the next step binds a new list), which compiled code's copy agrees with.
 *
 * The walk follows program order, not source positions (lowered code places reads where they run): statements are
 * numbered in order, a read in the statement holding the change or in any later one counts, and a loop holding the
 * change counts a read anywhere in its body, unless the body binds the name again before any statement that names it
 * (and a `while` test that reads it always counts).
 */
import type { IrExpr, IrStmt, IrTarget } from '../ir/ir';
import { exprChildren } from '../ir/ir';

interface Numbered {
  st: IrStmt;
  /** The last index of the statement's nested statements (itself when it has none). */
  end: number;
}

/** The expressions a statement holds directly (not those of its nested statements). */
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

function children(st: IrStmt): IrStmt[][] {
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

function readsIn(e: IrExpr, name: string): boolean {
  if (e.kind === 'local' && e.name === name) return true;
  if (e.kind === 'lambda' && e.captures.includes(name)) return true;
  return exprChildren(e).some((c) => readsIn(c, name));
}

function binds(t: IrTarget, name: string): boolean {
  return t.kind === 'name' ? t.name === name : t.kind === 'tuple' ? t.items.some((x) => binds(x, name)) : false;
}

export class Liveness {
  private readonly stmts: Numbered[] = [];
  /** The statement each expression (at any depth) belongs to. */
  private readonly at = new Map<IrExpr, number>();

  /** `pinned`: names always live (parameters the caller sees changed, module cells, names nested functions read). */
  constructor(
    body: IrStmt[],
    private readonly pinned: (name: string) => boolean,
  ) {
    this.number(body);
  }

  private number(body: IrStmt[]): void {
    for (const st of body) {
      const i = this.stmts.length;
      const entry: Numbered = { st, end: i };
      this.stmts.push(entry);
      const mark = (e: IrExpr): void => {
        this.at.set(e, i);
        exprChildren(e).forEach(mark);
      };
      ownExprs(st).forEach(mark);
      for (const b of children(st)) this.number(b);
      entry.end = this.stmts.length - 1;
    }
  }

  /** Whether `name` may be read after `place` (an expression of the body) runs; true when that is not known. */
  liveAfter(name: string, place: IrExpr): boolean {
    if (this.pinned(name)) return true;
    const i = this.at.get(place);
    if (i === undefined) return true;
    for (let k = i; k < this.stmts.length; k++)
      if (ownExprs(this.stmts[k]!.st).some((e) => readsIn(e, name))) return true;
    for (let k = 0; k < i; k++) {
      const { st, end } = this.stmts[k]!;
      if (end < i || (st.kind !== 'for' && st.kind !== 'while')) continue;
      if (st.kind === 'while' && readsIn(st.test, name)) return true;
      if (!this.boundFirst(st.body, name)) return true;
    }
    return false;
  }

  /** Whether every path through `body` binds `name` before reading it, or does not name it. */
  private boundFirst(body: IrStmt[], name: string): boolean {
    return this.first(body, name) !== 'read';
  }

  /** What a block does first with `name` on its paths: binds it on all, may read it first, or neither. */
  private first(body: IrStmt[], name: string): 'bound' | 'read' | 'none' {
    for (const st of body) {
      const r = this.firstIn(st, name);
      if (r !== 'none') return r;
    }
    return 'none';
  }

  private firstIn(st: IrStmt, name: string): 'bound' | 'read' | 'none' {
    if (!this.names(st, name)) return 'none';
    switch (st.kind) {
      case 'assign':
        if (
          readsIn(st.value, name) ||
          ownExprs(st)
            .slice(1)
            .some((e) => readsIn(e, name))
        )
          return 'read';
        return st.target.kind === 'name' && st.target.name === name ? 'bound' : 'read';
      case 'if': {
        if (readsIn(st.test, name)) return 'read';
        const a = this.first(st.body, name);
        const b = this.first(st.orelse, name);
        if (a === 'read' || b === 'read') return 'read';
        // Bound on one path only: the next statements decide for the other.
        return a === 'bound' && b === 'bound' ? 'bound' : 'none';
      }
      case 'for':
      case 'while': {
        // The body may run no time: it binds nothing for sure.
        const head = st.kind === 'for' ? st.iter : st.test;
        if (readsIn(head, name)) return 'read';
        if (st.kind === 'for' && binds(st.target, name)) return 'read';
        const a = this.first(st.body, name);
        const b = this.first(st.orelse, name);
        return a === 'read' || b === 'read' ? 'read' : 'none';
      }
      default:
        return 'read';
    }
  }

  /** Whether a statement (with its nested ones) reads or binds `name`. */
  private names(st: IrStmt, name: string): boolean {
    if (ownExprs(st).some((e) => readsIn(e, name))) return true;
    if ((st.kind === 'assign' || st.kind === 'for') && binds(st.target, name)) return true;
    if (st.kind === 'try' && st.handlers.some((h) => h.name === name)) return true;
    return children(st).some((b) => b.some((s) => this.names(s, name)));
  }
}
