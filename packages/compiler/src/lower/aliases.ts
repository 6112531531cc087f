/**
 * Locals that only name something else, put back where they are used, before a function is lowered:
 * - a callable held in a local and only called (`on_step = logger.log` ... `on_step(i, loss)`, `tick = step` for a
 *   nested function that rebinds `nonlocal` names): each call becomes the call of what it names
 *   (`logger.log(i, loss)`), so the state the call changes is the object's or the function's own, not a copy's;
 * - a context manager made in the statement before its `with` (`ctx = torch.no_grad() if eval else nullcontext()`
 *   then `with ctx:`): the `with` takes the expression.
 * Only when nothing can tell the difference: the local is bound once, at the top level of the body, and read nowhere
 * else; a bound method's receiver is a local bound before the alias and never rebound.
 */
import type * as A from '../parse/ast';
import { forEachBinding, mapSyntax, walkSyntax, type AnyNode } from '../parse/walk';

/** How often each name is bound (assignment targets, loops, handlers, nested defs) in a body, nested scopes too. */
export function bindCounts(root: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const add = (id: string): void => {
    out.set(id, (out.get(id) ?? 0) + 1);
  };
  forEachBinding(root, add);
  walkSyntax(root, (n) => {
    if (n['kind'] === 'Global') for (const id of n['names'] as string[]) add(id);
  });
  return out;
}

/** The function with its alias locals put back (see the file comment); the same object when it has none. */
export function inlineAliases(def: A.FunctionDef): A.FunctionDef {
  const binds = bindCounts(def.body);
  const params = new Set(def.params.map((p) => p.name));
  const nested = new Set(def.body.filter((s) => s.kind === 'FunctionDef').map((s) => (s as A.FunctionDef).name));
  // Reads of each name, and those that are the function of a call or the context of a `with`.
  const reads = new Map<string, number>();
  const calls = new Map<string, number>();
  const withs = new Map<string, number>();
  walkSyntax(def.body, (n) => {
    if (n['kind'] === 'Name') reads.set(n['id'] as string, (reads.get(n['id'] as string) ?? 0) + 1);
    if (n['kind'] === 'Call' && (n['func'] as A.Expr).kind === 'Name') {
      const id = (n['func'] as A.NameExpr).id;
      calls.set(id, (calls.get(id) ?? 0) + 1);
    }
    if (n['kind'] === 'With')
      for (const it of n['items'] as { context: A.Expr }[])
        if (it.context.kind === 'Name') withs.set(it.context.id, (withs.get(it.context.id) ?? 0) + 1);
  });
  const aliasOf = (st: A.Stmt): { name: string; value: A.Expr } | undefined => {
    if (st.kind === 'Assign' && st.targets.length === 1 && st.targets[0]!.kind === 'Name')
      return { name: st.targets[0]!.id, value: st.value };
    if (st.kind === 'AnnAssign' && st.target.kind === 'Name' && st.value)
      return { name: st.target.id, value: st.value };
    return undefined;
  };
  const callables = new Map<string, A.Expr>();
  const managers = new Map<string, A.Expr>();
  const drop = new Set<A.Stmt>();
  const top = def.body;
  top.forEach((st, i) => {
    const a = aliasOf(st);
    if (!a || params.has(a.name) || (binds.get(a.name) ?? 0) !== 1) return;
    // The assignment's own target is one read of the name.
    const used = (reads.get(a.name) ?? 0) - 1;
    const v = a.value;
    // A callable: a method of a local receiver bound once before here, or a nested function of this body.
    const receiver = v.kind === 'Attribute' && v.value.kind === 'Name' ? v.value.id : undefined;
    const boundBefore =
      receiver !== undefined &&
      (params.has(receiver) ? (binds.get(receiver) ?? 0) === 0 : (binds.get(receiver) ?? 0) === 1) &&
      (params.has(receiver) || top.slice(0, i).some((s) => aliasOf(s)?.name === receiver));
    const nestedFn = v.kind === 'Name' && nested.has(v.id) && (binds.get(v.id) ?? 0) === 1;
    if ((boundBefore || nestedFn) && used > 0 && (calls.get(a.name) ?? 0) === used) {
      callables.set(a.name, v);
      drop.add(st);
      return;
    }
  });
  // A context manager made just before the `with` that is its only use, in any block.
  const blocks: A.Stmt[][] = [top];
  walkSyntax(top, (n) => {
    for (const k of ['body', 'orelse', 'finalbody'])
      if (Array.isArray(n[k]) && n['kind'] !== 'Lambda') blocks.push(n[k] as A.Stmt[]);
  });
  for (const block of blocks)
    block.forEach((st, i) => {
      const a = aliasOf(st);
      if (!a || params.has(a.name) || (binds.get(a.name) ?? 0) !== 1 || drop.has(st)) return;
      const v = a.value;
      const next = block[i + 1];
      if (
        (v.kind === 'Call' || v.kind === 'IfExp') &&
        (reads.get(a.name) ?? 0) === 2 &&
        (withs.get(a.name) ?? 0) === 1 &&
        next?.kind === 'With' &&
        next.items.length === 1 &&
        next.items[0]!.context.kind === 'Name' &&
        next.items[0]!.context.id === a.name
      ) {
        managers.set(a.name, v);
        drop.add(st);
      }
    });
  if (drop.size === 0) return def;
  const f = (n: AnyNode): unknown => {
    for (const k of ['body', 'orelse', 'finalbody'])
      if (Array.isArray(n[k]) && (n[k] as A.Stmt[]).some((x) => drop.has(x))) {
        const out: AnyNode = { ...n };
        for (const j of ['body', 'orelse', 'finalbody'])
          if (Array.isArray(n[j]))
            out[j] = mapSyntax(
              (n[j] as A.Stmt[]).filter((x) => !drop.has(x)),
              f,
            );
        for (const [j, x] of Object.entries(n))
          if (!['body', 'orelse', 'finalbody', 'span', 'nameSpan'].includes(j)) out[j] = mapSyntax(x, f);
        return out;
      }
    if (n['kind'] === 'Call') {
      const c = n as unknown as A.CallExpr;
      const target = c.func.kind === 'Name' ? callables.get(c.func.id) : undefined;
      if (target)
        return {
          ...c,
          func: { ...target, span: c.func.span },
          args: mapSyntax(c.args, f),
          keywords: mapSyntax(c.keywords, f),
        };
    }
    if (n['kind'] === 'With') {
      const w = n as unknown as A.WithStmt;
      const it = w.items[0];
      const m = w.items.length === 1 && it?.context.kind === 'Name' ? managers.get(it.context.id) : undefined;
      if (m && it) return { ...w, items: [{ ...it, context: m }], body: mapSyntax(w.body, f) };
    }
    return undefined;
  };
  const body = mapSyntax(
    top.filter((x) => !drop.has(x)),
    f,
  );
  return { ...def, body };
}
