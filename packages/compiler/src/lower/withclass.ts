/**
 * Class-based context managers, for the lower stage. Input: a `with` statement whose context is an instance of a class
 * of the module that defines `__enter__` and `__exit__` (`with Timer() as t:`, `with self.timer:`, `with guard:`).
 * Output: the statements CPython's `with` runs, as Python source would spell them, which lowering then lowers:
 *
 * ```
 * mgr = EXPR                      # `t = EXPR` when `__enter__` returns self: `t` is the manager itself
 * t = mgr.__enter__()             # `mgr.__enter__()` then
 * ok = True
 * try:
 *     BODY
 * except BaseException as exc:
 *     ok = False
 *     if not mgr.__exit__(<exception>):
 *         raise
 * finally:
 *     if ok:
 *         mgr.__exit__(None, None, None)
 * ```
 *
 * A place (a name, `self.timer`) is its own manager, so `__enter__` and `__exit__` change that very object (methods
 * that change `self` take their receiver's place). `__exit__`'s exception parameters are given None, or on the
 * exceptional path the caught exception where the method only asks whether they are None; a method that reads them
 * otherwise (`issubclass(exc_type, ...)`, `exc_type.__name__`, the traceback) is reported, since the exception's class
 * and traceback are no values here.
 */
import type { Span } from '../diagnostics/diagnostic';
import type * as A from '../parse/ast';

/** What the rewrite needs to know of the manager's class (or classes, for a place whose class lowering cannot see). */
export interface ManagerClass {
  enter: A.FunctionDef;
  exit: A.FunctionDef;
}

export type WithRewrite =
  /** `locals`: the hidden names the statements bind (the manager, the flag, the caught exception). */
  { stmts: A.Stmt[]; locals: string[] } | { unsupported: { span: Span; construct: string; hint: string } };

/** Whether every `return` of a method gives its first parameter (`return self`). */
export function returnsSelf(def: A.FunctionDef): boolean {
  const self = def.params[0]?.name;
  let all = true;
  let any = false;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(walk);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const n = v as A.Stmt;
    if (n.kind === 'FunctionDef' || n.kind === 'ClassDef') return;
    if (n.kind === 'Return') {
      any = true;
      if (!(n.value?.kind === 'Name' && n.value.id === self)) all = false;
    }
    for (const [k, child] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') walk(child);
  };
  walk(def.body);
  return any && all;
}

/**
 * How `__exit__` reads each of its exception parameters: `unused`, `none-test` (only `p is None`/`p is not None`), or
 * the span of another use. A `*args` parameter counts for all three.
 */
function exitUses(exit: A.FunctionDef): ('unused' | 'none-test' | Span)[] {
  const params = exit.params.slice(1);
  const names = params.map((p) => p.name);
  const uses = new Map<string, 'unused' | 'none-test' | Span>(names.map((n) => [n, 'unused']));
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(walk);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const n = v as A.Expr;
    if (
      n.kind === 'Compare' &&
      n.ops.length === 1 &&
      (n.ops[0] === 'is' || n.ops[0] === 'is not') &&
      n.left.kind === 'Name' &&
      uses.has(n.left.id) &&
      n.comparators[0]?.kind === 'None'
    ) {
      if (uses.get(n.left.id) === 'unused') uses.set(n.left.id, 'none-test');
      return;
    }
    if (n.kind === 'Name' && uses.has(n.id)) {
      const u = uses.get(n.id);
      if (u === 'unused' || u === 'none-test') uses.set(n.id, n.span);
      return;
    }
    for (const [k, child] of Object.entries(v)) if (k !== 'span' && k !== 'nameSpan') walk(child);
  };
  walk(exit.body);
  const star = params.find((p) => p.star === 'vararg');
  if (star) return [0, 1, 2].map(() => uses.get(star.name)!);
  return names.map((n) => uses.get(n)!);
}

/** Whether an expression names a place (`guard`, `self.timer`): its own manager, evaluated without side effects. */
function isPlace(e: A.Expr): boolean {
  return e.kind === 'Name' || (e.kind === 'Attribute' && isPlace(e.value));
}

/**
 * The statements of `with ITEM: body` for one item whose manager is of one of `classes` (all the module's manager
 * classes when the context is a place whose class lowering cannot see); undefined when the rewrite does not apply.
 */
export function classWith(
  item: { context: A.Expr; target: A.Expr | undefined },
  body: A.Stmt[],
  classes: ManagerClass[],
  span: Span,
  index = 0,
): WithRewrite {
  // Hidden names unique to this item (`with a, b:` has two at one position).
  const at = `${span.line}_${span.col}_${index}`;
  const name = (id: string): A.NameExpr => ({ kind: 'Name', id, span });
  const none = (): A.Expr => ({ kind: 'None', span });
  const call = (recv: A.Expr, method: string, args: A.Expr[]): A.CallExpr => ({
    kind: 'Call',
    span,
    func: { kind: 'Attribute', span, value: recv, attr: method },
    args,
    keywords: [],
  });
  // The exception parameters: each class must read them the same way (the call is one for every class it may be).
  const uses = classes.map((c) => exitUses(c.exit));
  for (const u of uses)
    for (const x of u)
      if (typeof x === 'object')
        return {
          unsupported: {
            span: x,
            construct: "reading `__exit__`'s exception parameters other than testing them against None",
            hint: "the exception's class and traceback are no values in compiled code; test `exc_type is None` / `exc is not None`, or catch the exception with try/except around the `with`",
          },
        };
  const stmts: A.Stmt[] = [];
  const enterSelf = classes.every((c) => returnsSelf(c.enter));
  let mgr: A.Expr;
  const target = item.target;
  if (isPlace(item.context)) {
    mgr = item.context;
    stmts.push(
      target
        ? { kind: 'Assign', span, targets: [target], value: call(mgr, '__enter__', []) }
        : { kind: 'Expr', span, value: call(mgr, '__enter__', []) },
    );
  } else if (target?.kind === 'Name' && enterSelf) {
    // `with Timer() as t:`: `__enter__` gives the manager itself, so `t` is the manager.
    mgr = target;
    stmts.push({ kind: 'Assign', span, targets: [target], value: item.context });
    stmts.push({ kind: 'Expr', span, value: call(mgr, '__enter__', []) });
  } else {
    mgr = name(`__with_mgr_${at}`);
    stmts.push({ kind: 'Assign', span, targets: [mgr], value: item.context });
    stmts.push(
      target
        ? { kind: 'Assign', span, targets: [target], value: call(mgr, '__enter__', []) }
        : { kind: 'Expr', span, value: call(mgr, '__enter__', []) },
    );
  }
  const ok = name(`__with_ok_${at}`);
  const exc = `__with_exc_${at}`;
  const suppress = name(`__with_suppress_${at}`);
  // `def __exit__(self, *exc)` whose `exc` is never read is called with none of them (a starred parameter is the tuple
  // a call packs); one that reads them is reported above unless it only tests them.
  const star = classes.some((c) => c.exit.params.some((p) => p.star === 'vararg'));
  if (star && uses.some((u) => u.some((x) => x !== 'unused')))
    return {
      unsupported: {
        span,
        construct: "testing `__exit__`'s starred exception parameters",
        hint: 'name them: `def __exit__(self, exc_type, exc, tb)`',
      },
    };
  const n = star ? 0 : Math.max(0, ...classes.map((c) => Math.min(3, c.exit.params.length - 1)));
  const tested = [0, 1, 2].map((i) => uses.some((u) => u[i] === 'none-test'));
  // A starred parameter (`*exc`, never read) takes the three as one tuple.
  const nones = (): A.Expr[] => (star ? [{ kind: 'Tuple', span, elts: [none(), none(), none()] } as A.Expr] : []);
  const errArgs = star ? nones() : [0, 1, 2].slice(0, n).map((i) => (tested[i] ? name(exc) : none()));
  const okArgs = star ? nones() : [0, 1, 2].slice(0, n).map(() => none());
  stmts.push({ kind: 'Assign', span, targets: [ok], value: { kind: 'Bool', value: true, span } });
  stmts.push({
    kind: 'Try',
    span,
    body,
    handlers: [
      {
        span,
        type: name('BaseException'),
        name: exc,
        body: [
          { kind: 'Assign', span, targets: [ok], value: { kind: 'Bool', value: false, span } },
          // The call is a statement of its own: its answer may be None, whose `not` is a constant.
          { kind: 'Assign', span, targets: [suppress], value: call(mgr, '__exit__', errArgs) },
          {
            kind: 'If',
            span,
            test: { kind: 'Unary', span, op: 'not', operand: suppress },
            body: [{ kind: 'Raise', span, exc: undefined, cause: undefined }],
            orelse: [],
          },
        ],
      },
    ],
    orelse: [],
    finalbody: [
      { kind: 'If', span, test: ok, body: [{ kind: 'Expr', span, value: call(mgr, '__exit__', okArgs) }], orelse: [] },
    ],
  });
  return { stmts, locals: [ok.id, exc, suppress.id, ...(mgr.kind === 'Name' ? [mgr.id] : [])] };
}
