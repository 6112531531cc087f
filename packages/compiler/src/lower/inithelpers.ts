/**
 * Helper methods `__init__` calls on `self` (`self._build_index()`, `self.idf = self._calc_idf(df)`,
 * `self.reset()`), inlined into `__init__` before its fields are collected (`lower/classes.ts`): CPython runs the
 * method on the object under construction, so the fields it sets are fields `__init__` sets, and what it returns is
 * the value of the call. The method is the one the class's MRO finds (a subclass's override for an inherited
 * `__init__`); its arguments are bound to fresh locals first, its own locals renamed apart, so chains of helpers
 * (`_fit` calling `self._mean()`) inline in turn. A method with a `return` other than its last statement, `*args`,
 * decorators, or one that is a generator stays a call (lowering reports it).
 */
import type * as A from '../parse/ast';
import { forEachBinding, mapSyntax, walkSyntax } from '../parse/walk';
import { bindArgs, localNames, withoutDocstring } from './decorators';
import { rename } from './nesteddecorators';

/** How deep helpers calling helpers are inlined (a recursive helper stops there and stays a call). */
const MAX_DEPTH = 6;

let counter = 0;

/** The method's body when it can be inlined: straight statements with at most one `return`, its last. */
function inlinable(d: A.FunctionDef): A.Stmt[] | undefined {
  if (d.decorators.length > 0 || d.isAsync || d.params.some((p) => p.star) || !d.params[0]) return undefined;
  const body = withoutDocstring(d.body);
  let bad = false;
  // `super()` and private `__names` mean the class that defines the method, which need not be `__init__`'s.
  walkSyntax(body, (n) => {
    if (n['kind'] === 'Name' && n['id'] === 'super') bad = true;
    if (n['kind'] === 'Attribute' && /^__.*[^_]$|^__.*[^_]_$/.test(n['attr'] as string)) bad = true;
  });
  walkSyntax(body.slice(0, -1), (n) => {
    if (n['kind'] === 'FunctionDef' || n['kind'] === 'Lambda' || n['kind'] === 'ClassDef') return false;
    if (n['kind'] === 'Return' || n['kind'] === 'Yield' || n['kind'] === 'Global') bad = true;
    return undefined;
  });
  const last = body[body.length - 1];
  walkSyntax(last?.kind === 'Return' ? last.value : last, (n) => {
    if (n['kind'] === 'FunctionDef' || n['kind'] === 'Lambda' || n['kind'] === 'ClassDef') return false;
    if (n['kind'] === 'Return' || n['kind'] === 'Yield' || n['kind'] === 'Global') bad = true;
    return undefined;
  });
  return bad ? undefined : body;
}

/** `__init__` with the statements that call a helper of `self` (`self.m(...)`, `x = self.m(...)`) inlined. */
export function inlineInitHelpers(
  init: A.FunctionDef,
  defs: ReadonlyMap<string, { def: A.FunctionDef; at: number }>,
): A.FunctionDef {
  const self = init.params[0]?.name;
  if (!self || init.params[0]!.star) return init;
  const initLocals = localNames(init.params, init.body);
  let changed = false;
  const helperCall = (e: A.Expr | undefined): { call: A.CallExpr; def: A.FunctionDef; body: A.Stmt[] } | undefined => {
    if (e?.kind !== 'Call' || e.func.kind !== 'Attribute' || e.func.value.kind !== 'Name' || e.func.value.id !== self)
      return undefined;
    const name = e.func.attr;
    if (name.startsWith('__')) return undefined;
    const def = defs.get(name)?.def;
    const body = def ? inlinable(def) : undefined;
    if (!def || !body) return undefined;
    // Its module-level names must not be `__init__`'s locals.
    const own = localNames(def.params, def.body);
    let clash = false;
    walkSyntax(def.body, (n) => {
      if (n['kind'] === 'Name' && !own.has(n['id'] as string) && initLocals.has(n['id'] as string)) clash = true;
    });
    return clash ? undefined : { call: e, def, body };
  };
  const expand = (stmts: A.Stmt[], depth: number): A.Stmt[] =>
    stmts.flatMap((st): A.Stmt[] => {
      switch (st.kind) {
        case 'If':
        case 'For':
        case 'While':
          return [{ ...st, body: expand(st.body, depth), orelse: expand(st.orelse, depth) }];
        case 'With':
          return [{ ...st, body: expand(st.body, depth) }];
        default:
          break;
      }
      const target =
        st.kind === 'Assign' && st.targets.length === 1
          ? st.targets[0]
          : st.kind === 'AnnAssign' && st.value
            ? st.target
            : undefined;
      const value = st.kind === 'Expr' ? st.value : target ? (st as A.AssignStmt).value : undefined;
      const h = depth < MAX_DEPTH ? helperCall(value) : undefined;
      if (!h) {
        // A helper call inside the statement's expression (`self.sd = math.sqrt(self._var() + eps)`): a helper that
        // changes nothing of `self` is computed first into a local, which gives the same value.
        const hoisted = depth < MAX_DEPTH ? hoistPure(st) : undefined;
        return hoisted ? expand(hoisted, depth) : [st];
      }
      const { call, def, body } = h;
      const bound = bindArgs({ ...def, params: def.params.slice(1) }, call);
      if (typeof bound === 'string') return [st];
      const k = counter++;
      const map = new Map<string, string>();
      for (const x of localNames(def.params, def.body)) map.set(x, `_${def.name}__${x}${k}`);
      map.set(def.params[0]!.name, self);
      const span = st.span;
      // An argument that names a container (`self._fill(self.items)`, `self._add(words)`) is that container in the
      // body, as CPython passes the object itself: the parameter reads the argument, when the body binds neither the
      // parameter nor (for a field) that field, and calls no other method of `self`.
      const rebinds = new Set<string>();
      forEachBinding(body, (x) => rebinds.add(x), 'function');
      const me = def.params[0]!.name;
      let touchesSelf = false;
      walkSyntax(body, (n) => {
        const onSelf = (t: A.Expr): boolean => t.kind === 'Attribute' && t.value.kind === 'Name' && t.value.id === me;
        if (n['kind'] === 'Assign' && (n['targets'] as A.Expr[]).some(onSelf)) touchesSelf = true;
        if ((n['kind'] === 'AugAssign' || n['kind'] === 'AnnAssign') && onSelf(n['target'] as A.Expr))
          touchesSelf = true;
        if (n['kind'] === 'Call' && onSelf(n['func'] as A.Expr)) touchesSelf = true;
      });
      const passThrough = (e: A.Expr): boolean =>
        (e.kind === 'Name' && e.id !== self) ||
        (e.kind === 'Attribute' && e.value.kind === 'Name' && e.value.id === self && !touchesSelf);
      const direct = new Map<string, A.Expr>();
      for (const [p, e] of bound) if (!rebinds.has(p) && passThrough(e) && call.args.includes(e)) direct.set(p, e);
      const out: A.Stmt[] = [...bound]
        .filter(([p]) => !direct.has(p))
        .map(([p, e]) => ({
          kind: 'Assign',
          span,
          targets: [{ kind: 'Name', span, id: map.get(p)! }],
          value: e,
        }));
      const renamed = mapSyntax(rename(body, map), (n) => {
        if (n['kind'] !== 'Name') return undefined;
        const orig = [...direct.keys()].find((p) => map.get(p) === n['id']);
        return orig === undefined ? undefined : { ...direct.get(orig)!, span: n['span'] };
      });
      const last = renamed[renamed.length - 1];
      const result: A.Expr | undefined = last?.kind === 'Return' ? last.value : undefined;
      out.push(...(last?.kind === 'Return' ? renamed.slice(0, -1) : renamed));
      if (target) {
        const v: A.Expr = result ?? { kind: 'None', span };
        out.push(st.kind === 'AnnAssign' ? { ...st, value: v } : { kind: 'Assign', span, targets: [target], value: v });
      } else if (result) out.push({ kind: 'Expr', span, value: result });
      changed = true;
      return expand(out, depth + 1);
    });
  /** Whether a helper's body changes nothing reached from `self` (no stores under it, no method calls on it). */
  const pure = (d: A.FunctionDef): boolean => {
    const me = d.params[0]!.name;
    const rooted = (e: A.Expr): boolean =>
      e.kind === 'Name' ? e.id === me : e.kind === 'Attribute' || e.kind === 'Subscript' ? rooted(e.value) : false;
    let ok = true;
    walkSyntax(d.body, (n) => {
      if (n['kind'] === 'Assign' && (n['targets'] as A.Expr[]).some(rooted)) ok = false;
      if ((n['kind'] === 'AugAssign' || n['kind'] === 'AnnAssign') && rooted(n['target'] as A.Expr)) ok = false;
      if (n['kind'] === 'Delete') ok = false;
      if (n['kind'] === 'Call') {
        const f = n['func'] as A.Expr;
        if (f.kind === 'Attribute' && rooted(f.value)) ok = false;
      }
      return undefined;
    });
    return ok;
  };
  /** The statement with its first pure helper call (outside conditional parts) computed before it. */
  const hoistPure = (st: A.Stmt): A.Stmt[] | undefined => {
    if (st.kind !== 'Assign' && st.kind !== 'AnnAssign' && st.kind !== 'AugAssign' && st.kind !== 'Expr')
      return undefined;
    const value = st.value;
    if (!value) return undefined;
    let found: A.CallExpr | undefined;
    walkSyntax(value, (n) => {
      if (found) return false;
      const k = n['kind'];
      if (k === 'BoolOp' || k === 'IfExp' || k === 'Comp' || k === 'Lambda') return false;
      if (k === 'Call') {
        const h = helperCall(n as unknown as A.Expr);
        if (h && pure(h.def)) {
          found = h.call;
          return false;
        }
      }
      return undefined;
    });
    if (!found) return undefined;
    const call = found;
    const tmp = `_${(call.func as A.AttributeExpr).attr}__value${counter++}`;
    const span = call.span;
    const replaced = mapSyntax(value, (n) => (n === (call as unknown) ? { kind: 'Name', span, id: tmp } : undefined));
    return [
      { kind: 'Assign', span, targets: [{ kind: 'Name', span, id: tmp }], value: call },
      { ...st, value: replaced } as A.Stmt,
    ];
  };
  const body = expand(init.body, 0);
  return changed ? { ...init, body } : init;
}
