/**
 * `iter(callable, sentinel)` consumed by a `for` or by a list comprehension (or `list(...)`) that a statement binds or
 * returns, rewritten into the loop CPython runs: call, compare with `==`, stop at the sentinel. The callable is called
 * in place (a lambda's body, `partial(f, args)` as `f(args)` with the arguments evaluated once, a bound method or a
 * function as `f()`), so what it changes (`buf.read(4)` moving the buffer, a nested function's `nonlocal` names) is
 * changed in the function itself rather than in a copy.
 */
import type * as A from '../parse/ast';
import type { Span } from '../diagnostics/diagnostic';

export interface SentinelContext {
  qualified(e: A.Expr): string | undefined;
  unique(): number;
}

interface Source {
  /** Statements that run once before the loop (a partial's arguments). */
  pre: A.Stmt[];
  /** The call that gives the next item. */
  next: A.Expr;
  sentinel: A.Expr;
  locals: string[];
}

function name(id: string, span: Span): A.NameExpr {
  return { kind: 'Name', span, id };
}

/** The two-argument `iter(f, sentinel)` as a call made in place, or undefined. */
function source(e: A.Expr, ctx: SentinelContext): Source | undefined {
  if (e.kind !== 'Call' || ctx.qualified(e.func) !== 'iter' || e.args.length !== 2 || e.keywords.length > 0)
    return undefined;
  const [f, sentinel] = e.args as [A.Expr, A.Expr];
  if (f.kind === 'Starred' || sentinel.kind === 'Starred') return undefined;
  const span = e.span;
  if (f.kind === 'Lambda') {
    if (f.params.length > 0) return undefined;
    return { pre: [], next: f.body, sentinel, locals: [] };
  }
  if (f.kind === 'Name' || f.kind === 'Attribute')
    return { pre: [], next: { kind: 'Call', span, func: f, args: [], keywords: [] }, sentinel, locals: [] };
  if (f.kind === 'Call' && ctx.qualified(f.func) === 'functools.partial' && f.args.length >= 1) {
    if (f.args.some((a) => a.kind === 'Starred') || f.keywords.some((k) => k.name === undefined)) return undefined;
    const target = f.args[0]!;
    if (target.kind !== 'Name' && target.kind !== 'Attribute') return undefined;
    // `partial` evaluates its arguments once, when it is made.
    const pre: A.Stmt[] = [];
    const locals: string[] = [];
    const bind = (v: A.Expr): A.Expr => {
      if (v.kind === 'Int' || v.kind === 'Float' || v.kind === 'Str' || v.kind === 'Bool' || v.kind === 'None')
        return v;
      const n = `_it${span.line}_${ctx.unique()}`;
      locals.push(n);
      pre.push({ kind: 'Assign', span, targets: [name(n, span)], value: v });
      return name(n, span);
    };
    const args = f.args.slice(1).map(bind);
    const keywords = f.keywords.map((k) => ({ ...k, value: bind(k.value) }));
    return { pre, next: { kind: 'Call', span, func: target, args, keywords }, sentinel, locals };
  }
  return undefined;
}

/**
 * The loop `for target in src: body else: orelse` over an `iter(f, sentinel)` source:
 *   while True:
 *       v = f()
 *       if v == sentinel: orelse; break
 *       target = v
 *       body
 */
function loop(
  src: Source,
  target: A.Expr,
  body: A.Stmt[],
  orelse: A.Stmt[],
  span: Span,
  ctx: SentinelContext,
): { stmts: A.Stmt[]; locals: string[] } {
  const v = `_it${span.line}_${ctx.unique()}`;
  const ref = name(v, span);
  // An empty list or dict literal has no item type to compare with: `v == []` is `isinstance(v, list) and not v`.
  const empty =
    (src.sentinel.kind === 'List' && src.sentinel.elts.length === 0) ||
    (src.sentinel.kind === 'Dict' && src.sentinel.keys.length === 0)
      ? src.sentinel.kind === 'List'
        ? 'list'
        : 'dict'
      : undefined;
  const call = (f: string, args: A.Expr[]): A.Expr => ({ kind: 'Call', span, func: name(f, span), args, keywords: [] });
  const test: A.Expr = empty
    ? {
        kind: 'BoolOp',
        span,
        op: 'and',
        left: call('isinstance', [ref, name(empty, span)]),
        right: {
          kind: 'Compare',
          span,
          left: call('len', [ref]),
          ops: ['=='],
          comparators: [{ kind: 'Int', span, value: 0n }],
        },
      }
    : {
        kind: 'Compare',
        span,
        left: ref,
        // CPython compares with `==`; against None that is `is` (which narrows the item's type after the test).
        ops: [src.sentinel.kind === 'None' ? 'is' : '=='],
        comparators: [src.sentinel],
      };
  const stop: A.Stmt = {
    kind: 'If',
    span,
    test,
    body: [...orelse, { kind: 'Break', span }],
    orelse: [],
  };
  const whileStmt: A.Stmt = {
    kind: 'While',
    span,
    test: { kind: 'Bool', span, value: true },
    body: [
      { kind: 'Assign', span, targets: [ref], value: src.next },
      stop,
      { kind: 'Assign', span, targets: [target], value: ref },
      ...body,
    ],
    orelse: [],
  };
  return { stmts: [...src.pre, whileStmt], locals: [...src.locals, v] };
}

/** The statements a statement over `iter(f, sentinel)` stands for, or undefined when it has none. */
export function rewriteSentinelIter(
  st: A.Stmt,
  ctx: SentinelContext,
): { stmts: A.Stmt[]; locals: string[] } | undefined {
  if (st.kind === 'For' && !st.isAsync) {
    const src = source(st.iter, ctx);
    return src && loop(src, st.target, st.body, st.orelse, st.span, ctx);
  }
  // `xs = [e for x in iter(f, s) if c]`, `return list(iter(f, s))`, ...: the list built by the loop.
  const value = st.kind === 'Assign' || st.kind === 'Return' || st.kind === 'AnnAssign' ? st.value : undefined;
  if (!value) return undefined;
  let comp: { elt: A.Expr; target: A.Expr; ifs: A.Expr[]; iter: A.Expr } | undefined;
  if (
    value.kind === 'Comp' &&
    value.comp === 'list' &&
    value.generators.length === 1 &&
    !value.generators[0]!.isAsync
  ) {
    const g = value.generators[0]!;
    if (g.target.kind !== 'Name') return undefined;
    comp = { elt: value.elt, target: g.target, ifs: g.ifs, iter: g.iter };
  } else if (
    value.kind === 'Call' &&
    ctx.qualified(value.func) === 'list' &&
    value.args.length === 1 &&
    value.keywords.length === 0
  ) {
    const span = value.span;
    const x = name(`_it${span.line}_${ctx.unique()}`, span);
    comp = { elt: x, target: x, ifs: [], iter: value.args[0]! };
  }
  if (!comp) return undefined;
  const src = source(comp.iter, ctx);
  if (!src) return undefined;
  const span = value.span;
  // The comprehension's variable is its own: a fresh name in the loop.
  const old = (comp.target as A.NameExpr).id;
  const fresh = `_it${span.line}_${ctx.unique()}_${old}`;
  const rename = <T>(e: T): T => renameName(e, old, fresh);
  const acc = name(`_it${span.line}_${ctx.unique()}_list`, span);
  const append: A.Stmt = {
    kind: 'Expr',
    span,
    value: {
      kind: 'Call',
      span,
      func: { kind: 'Attribute', span, value: acc, attr: 'append' },
      args: [rename(comp.elt)],
      keywords: [],
    },
  };
  const guarded: A.Stmt[] = comp.ifs.length
    ? [
        {
          kind: 'If',
          span,
          test: comp.ifs
            .map(rename)
            .reduce((left, right): A.Expr => ({ kind: 'BoolOp', span, op: 'and', left, right })),
          body: [append],
          orelse: [],
        },
      ]
    : [append];
  const l = loop(src, name(fresh, span), guarded, [], span, ctx);
  const init: A.Stmt = { kind: 'Assign', span, targets: [acc], value: { kind: 'List', span, elts: [] } };
  return {
    stmts: [init, ...l.stmts, { ...st, value: acc } as A.Stmt],
    locals: [...l.locals, acc.id, fresh],
  };
}

/** A copy of `e` with the name `from` renamed, outside nested lambdas and comprehensions that bind it again. */
function renameName<T>(e: T, from: string, to: string): T {
  const go = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(go);
    if (typeof v !== 'object' || v === null) return v;
    const n = v as Record<string, unknown>;
    if (n['kind'] === 'Name' && n['id'] === from) return { ...n, id: to };
    if (n['kind'] === 'Lambda' && (n['params'] as A.Param[]).some((p) => p.name === from)) return n;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(n)) out[k] = k === 'span' ? x : go(x);
    return out;
  };
  return go(e) as T;
}
