/**
 * Definite assignment: finds the locals that some path may read before any binding, as
 * `for x in xs: last = x` followed by `return last`. CPython raises UnboundLocalError on that
 * path; the emitter stores such locals as `Option` and checks each read, so the compiled
 * code raises the same error instead of reading garbage or failing to compile.
 */
import type { IrExpr, IrFunction, IrStmt, IrTarget } from '../ir/ir';
import { exprChildren, forEachExpr } from '../ir/ir';

/** The set of definitely bound names, or 'never' after a statement that does not complete. */
type Bound = Set<string> | 'never';

function union(a: Bound, names: Iterable<string>): Bound {
  if (a === 'never') return a;
  const out = new Set(a);
  for (const n of names) out.add(n);
  return out;
}

function meet(a: Bound, b: Bound): Bound {
  if (a === 'never') return b;
  if (b === 'never') return a;
  return new Set([...a].filter((x) => b.has(x)));
}

export function definiteAssignment(fn: IrFunction): Set<string> {
  const maybe = new Set<string>();
  // A name bound by `:=` inside an expression is treated as possibly unbound (checked at each read).
  const walrus = (e: IrExpr): void => {
    if (e.kind === 'assignexpr') maybe.add(e.name);
    exprChildren(e).forEach(walrus);
  };
  forEachExpr(fn.body, walrus);
  const readExpr = (e: IrExpr, bound: Bound, compLocals: Set<string>): void => {
    if (e.kind === 'local' && bound !== 'never' && !bound.has(e.name) && !compLocals.has(e.name)) maybe.add(e.name);
    if (e.kind === 'comp') {
      const inner = new Set(compLocals);
      for (const g of e.generators) {
        readExpr(g.iter, bound, inner);
        targetNames(g.target).forEach((n) => inner.add(n));
        g.conds.forEach((c) => readExpr(c, bound, inner));
      }
      readExpr(e.element, bound, inner);
      if (e.value) readExpr(e.value, bound, inner);
      return;
    }
    for (const c of exprChildren(e)) readExpr(c, bound, compLocals);
  };
  const read = (e: IrExpr, bound: Bound): void => readExpr(e, bound, new Set());

  const block = (body: IrStmt[], bound: Bound): Bound => {
    let cur = bound;
    for (const st of body) cur = stmt(st, cur);
    return cur;
  };
  const stmt = (st: IrStmt, bound: Bound): Bound => {
    switch (st.kind) {
      case 'assign':
        read(st.value, bound);
        if (st.target.kind === 'index') {
          read(st.target.object, bound);
          read(st.target.index, bound);
        }
        if (st.target.kind === 'attr') read(st.target.object, bound);
        return union(bound, targetNames(st.target));
      case 'expr':
        read(st.value, bound);
        return bound;
      case 'return':
        if (st.value) read(st.value, bound);
        return 'never';
      case 'raise':
        if (st.message) read(st.message, bound);
        if (st.cause) read(st.cause, bound);
        st.user?.args.forEach((a) => read(a, bound));
        st.user?.fields.forEach((x) => read(x.value, bound));
        return 'never';
      case 'assert':
        read(st.test, bound);
        if (st.message) read(st.message, bound);
        return bound;
      case 'break':
      case 'continue':
        return 'never';
      case 'pass':
        return bound;
      case 'if': {
        read(st.test, bound);
        return meet(block(st.body, bound), block(st.orelse, bound));
      }
      case 'for': {
        read(st.iter, bound);
        // The body may run zero times; names it binds are not definite afterwards.
        block(st.body, union(bound, targetNames(st.target)));
        return block(st.orelse, bound) === 'never' ? bound : bound;
      }
      case 'reraise':
        return 'never';
      case 'yield':
        read(st.value, bound);
        return bound;
      case 'try': {
        // Locals bound inside a try body or handler are assigned from inside a closure in the
        // emitted Rust (so that its exceptions can be caught), so they are stored as Option.
        const inner: string[] = [];
        collectBound([...st.body, ...st.handlers.flatMap((h) => h.body), ...st.orelse], inner);
        st.handlers.forEach((h) => h.name && inner.push(h.name));
        inner.forEach((n) => maybe.add(n));
        const afterBody = block(st.orelse, block(st.body, bound));
        let after = afterBody;
        for (const h of st.handlers) after = meet(after, block(h.body, union(bound, h.name ? [h.name] : [])));
        return block(st.finalbody, after === 'never' ? bound : after);
      }
      case 'while': {
        read(st.test, bound);
        block(st.body, bound);
        const infinite = st.test.kind === 'const' && st.test.value.kind === 'bool' && st.test.value.value;
        const after = block(st.orelse, bound);
        return infinite ? bound : after;
      }
    }
  };
  block(fn.body, new Set(fn.params.map((p) => p.name)));
  return maybe;
}

function collectBound(body: IrStmt[], out: string[]): void {
  for (const st of body) {
    if (st.kind === 'assign') out.push(...targetNames(st.target));
    if (st.kind === 'for') out.push(...targetNames(st.target));
    if (st.kind === 'if' || st.kind === 'while' || st.kind === 'for') {
      collectBound(st.body, out);
      collectBound(st.orelse, out);
    }
    if (st.kind === 'try') {
      collectBound(st.body, out);
      st.handlers.forEach((h) => {
        if (h.name) out.push(h.name);
        collectBound(h.body, out);
      });
      collectBound(st.orelse, out);
      collectBound(st.finalbody, out);
    }
  }
}

export function targetNames(t: IrTarget): string[] {
  if (t.kind === 'name') return [t.name];
  if (t.kind === 'tuple') return t.items.flatMap(targetNames);
  return [];
}
