/**
 * Generic walks over the syntax tree (`parse/ast.ts`), for the passes that rewrite a module or a function before it
 * is lowered (`lower/aliases.ts`, `lower/decorators.ts`, `lower/contexts.ts` and `lower/lower.ts`). A node is any
 * object with fields; spans are positions, never children.
 */
import type * as A from './ast';

/** A syntax node seen through its fields. */
export type AnyNode = Record<string, unknown>;

export function isNode(v: unknown): v is AnyNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isChild(key: string): boolean {
  return key !== 'span' && key !== 'nameSpan';
}

/** Visits every node under `root` (a node, or an array of them), parents first; `visit` returning false skips the
 * node's children. */
export function walkSyntax(root: unknown, visit: (n: AnyNode) => boolean | void): void {
  if (Array.isArray(root)) {
    for (const x of root) walkSyntax(x, visit);
    return;
  }
  if (!isNode(root)) return;
  if (visit(root) === false) return;
  for (const [k, v] of Object.entries(root)) if (isChild(k)) walkSyntax(v, visit);
}

/** A copy of `root` with each node `f` maps replaced; `f` returning undefined keeps the node and maps its children. */
export function mapSyntax<T>(root: T, f: (n: AnyNode) => unknown): T {
  const go = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(go);
    if (!isNode(v)) return v;
    const r = f(v);
    if (r !== undefined) return r;
    const out: AnyNode = {};
    for (const [k, x] of Object.entries(v)) out[k] = isChild(k) ? go(x) : x;
    return out;
  };
  return go(root) as T;
}

/** The names an assignment target binds: names, and those in tuples, lists and starred targets (not subscripts or
 * attributes, which change a place without binding a name). */
export function targetNames(t: unknown, add: (id: string) => void): void {
  if (!isNode(t)) return;
  const e = t as unknown as A.Expr;
  if (e.kind === 'Name') add(e.id);
  else if (e.kind === 'Tuple' || e.kind === 'List') e.elts.forEach((x) => targetNames(x, add));
  else if (e.kind === 'Starred') targetNames(e.value, add);
}

/**
 * Every binding of a name under `root`, once per binding site: assignment, loop and comprehension targets,
 * `with ... as`, `except ... as`, walrus targets, lambda parameters, nested `def`/`class` names and match captures.
 * With `scope: 'function'`, only the bindings that make names local to the function `root` is the body of: nested
 * functions and classes bind their own name but not what is inside them, lambda parameters and comprehension
 * variables are their own scope's. (`global` and `nonlocal` declare, they do not bind; imports bind, but callers that
 * count them add them: the renaming passes cannot rename an import.)
 */
export function forEachBinding(
  root: unknown,
  add: (id: string) => void,
  scope: 'nested' | 'function' = 'nested',
): void {
  const own = scope === 'function';
  const target = (t: unknown): void => targetNames(t, add);
  walkSyntax(root, (n) => {
    switch (n['kind']) {
      case 'Assign':
        (n['targets'] as unknown[]).forEach(target);
        break;
      case 'AnnAssign':
      case 'AugAssign':
      case 'For':
      case 'Named':
        target(n['target']);
        break;
      case 'With':
        for (const it of n['items'] as { target?: unknown }[]) target(it.target);
        break;
      case 'Try':
        for (const h of n['handlers'] as A.ExceptHandler[]) if (h.name) add(h.name);
        break;
      case 'FunctionDef':
      case 'ClassDef':
        add(n['name'] as string);
        return !own;
      case 'Lambda':
        if (own) return false;
        for (const p of n['params'] as A.Param[]) add(p.name);
        break;
      case 'Comp':
        if (!own) for (const g of n['generators'] as A.Comprehension[]) target(g.target);
        break;
      case 'Capture':
      case 'As':
      case 'Star':
        if (typeof n['name'] === 'string') add(n['name']);
        break;
    }
  });
}

/** Every name `root` reads or binds through a `Name` node. */
export function namesUnder(root: unknown): Set<string> {
  const out = new Set<string>();
  walkSyntax(root, (n) => {
    if (n['kind'] === 'Name') out.add(n['id'] as string);
  });
  return out;
}
