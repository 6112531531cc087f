/**
 * `with` over the context managers of `contextlib`, rewritten into the statements they stand for before lowering:
 * - a `@contextmanager` generator function of the module is inlined at the `with`: its arguments bound to fresh
 *   names, its locals renamed, and its one `yield` replaced by the binding of the `as` target and the block, so an
 *   exception of the block reaches the generator at its `yield` (its `except` handlers see it, and suppress it by not
 *   re-raising) and its `finally` runs however the block ends, as `_GeneratorContextManager` does;
 * - `suppress(E, ...)` is `try: block except (E, ...): pass`;
 * - `nullcontext(x)` binds `x`;
 * - `closing(x)` binds `x` and calls its `close()` in a `finally`;
 * - `redirect_stdout(buf)` / `redirect_stderr(buf)` send the block's own `print` calls (and `sys.stdout.write`) to
 *   `buf`; a block that calls module code that prints is reported, since that output would not be redirected.
 * A `with` of several items is the nesting of one-item `with`s, as in CPython.
 */
import type * as A from '../parse/ast';
import type { Span } from '../diagnostics/diagnostic';
import { forEachBinding, isNode, namesUnder, targetNames, walkSyntax, type AnyNode } from '../parse/walk';

export interface WithContext {
  /** The Python identity an expression names through the imports (undefined for locals and unknown names). */
  qualified(e: A.Expr): string | undefined;
  /** The module's functions by name. */
  functions: ReadonlyMap<string, A.FunctionDef>;
  /** The module's classes by name. */
  classes: ReadonlyMap<string, A.ClassDef>;
  /** The imports: local name to Python identity. */
  imports: ReadonlyMap<string, string>;
  /** The locals of the function that holds the `with`. */
  callerLocals: ReadonlySet<string>;
  /** A number no other rewrite in the function has used, which makes the names it adds fresh. */
  unique(): number;
  /** The module class a local holds when its one binding in the function is that class's constructor call. */
  receiverClass(name: string): string | undefined;
}

export type WithRewrite =
  | { stmts: A.Stmt[]; locals: string[] }
  | { unsupported: { span: Span; construct: string; hint: string } };

/** The rewrite of a `with` this module handles, or undefined when it is none of its managers. */
export function rewriteWith(st: A.WithStmt, ctx: WithContext): WithRewrite | undefined {
  if (st.isAsync) return undefined;
  if (st.items.length > 1) {
    // `with a, b: body` is `with a: with b: body`; each item is then handled on its own.
    if (!st.items.some((it) => handles(it.context, ctx))) return undefined;
    const inner: A.WithStmt = { ...st, items: st.items.slice(1) };
    return { stmts: [{ ...st, items: [st.items[0]!], body: [inner] }], locals: [] };
  }
  const item = st.items[0];
  // `with (a if cond else b) as t:` (`nullcontext()` as the other branch, say) is the `with` of the branch taken.
  if (item?.context.kind === 'IfExp' && item.context.body.kind === 'Call' && item.context.orelse.kind === 'Call') {
    const c = item.context;
    const branch = (e: A.Expr): A.Stmt => ({ ...st, items: [{ context: e, target: item.target }] });
    return {
      stmts: [{ kind: 'If', span: st.span, test: c.test, body: [branch(c.body)], orelse: [branch(c.orelse)] }],
      locals: [],
    };
  }
  if (!item || item.context.kind !== 'Call') return undefined;
  const call = item.context;
  const gen = generatorManager(call.func, ctx);
  if (gen) return inlineGenerator(gen, call, item.target, st, ctx);
  // `with tracer.span("x"):` on a local made by the constructor of a class of the module whose own method it is: the
  // method inlined with the receiver as its first argument.
  const method = generatorMethod(call.func, ctx);
  if (method && call.func.kind === 'Attribute')
    return inlineGenerator(method, { ...call, args: [call.func.value, ...call.args] }, item.target, st, ctx);
  const name = ctx.qualified(call.func);
  const span = st.span;
  switch (name) {
    case 'contextlib.suppress': {
      if (call.keywords.length > 0 || call.args.some((a) => a.kind === 'Starred'))
        return unsupported(call.span, '`suppress` with starred or keyword arguments', 'name the exception classes');
      const bind = bindTarget(item.target, undefined, span);
      if (call.args.length === 0) return { stmts: [...bind, ...st.body], locals: [] };
      const type: A.Expr = call.args.length === 1 ? call.args[0]! : { kind: 'Tuple', span: call.span, elts: call.args };
      const handler: A.ExceptHandler = { span, type, name: undefined, body: [{ kind: 'Pass', span }] };
      return {
        stmts: [...bind, { kind: 'Try', span, body: st.body, handlers: [handler], orelse: [], finalbody: [] }],
        locals: [],
      };
    }
    case 'contextlib.nullcontext': {
      if (call.args.length + call.keywords.length > 1 || call.args.some((a) => a.kind === 'Starred'))
        return unsupported(call.span, 'this call of `nullcontext`', 'pass at most the one value it gives');
      const value = call.args[0] ?? call.keywords.find((k) => k.name === 'enter_result')?.value;
      if (call.keywords.length > 0 && value === undefined)
        return unsupported(call.span, 'this call of `nullcontext`', 'pass the value as `enter_result`');
      const stmts: A.Stmt[] = [];
      if (item.target) stmts.push({ kind: 'Assign', span, targets: [item.target], value: value ?? none(span) });
      else if (value && hasCall(value)) stmts.push({ kind: 'Expr', span, value });
      return { stmts: [...stmts, ...st.body], locals: [] };
    }
    case 'contextlib.closing': {
      if (call.args.length !== 1 || call.keywords.length > 0 || call.args[0]!.kind === 'Starred')
        return unsupported(call.span, 'this call of `closing`', 'pass the one object to close');
      const tmp = fresh('closing', call.span, ctx);
      const ref: A.NameExpr = { kind: 'Name', span, id: tmp };
      const close: A.Stmt = {
        kind: 'Expr',
        span,
        value: {
          kind: 'Call',
          span,
          func: { kind: 'Attribute', span, value: ref, attr: 'close' },
          args: [],
          keywords: [],
        },
      };
      return {
        stmts: [
          { kind: 'Assign', span, targets: [ref], value: call.args[0]! },
          ...bindTarget(item.target, ref, span),
          { kind: 'Try', span, body: st.body, handlers: [], orelse: [], finalbody: [close] },
        ],
        locals: [tmp],
      };
    }
    case 'contextlib.redirect_stdout':
    case 'contextlib.redirect_stderr':
      return redirect(name === 'contextlib.redirect_stdout' ? 'stdout' : 'stderr', call, item.target, st, ctx);
    case 'contextlib.ExitStack':
      return exitStack(call, item.target, st, ctx);
    case 'contextlib.AsyncExitStack':
      return unsupported(call.span, '`AsyncExitStack`', 'compiled functions are synchronous; use `ExitStack`');
    case 'warnings.catch_warnings':
      return catchWarnings(call, item.target, st, ctx);
    case 'numpy.errstate': {
      // Compiled array arithmetic gives IEEE results (inf, nan) and writes no RuntimeWarning, which is what every
      // mode but 'raise' (FloatingPointError) and 'call' leaves of the result.
      const modes = ['ignore', 'warn', 'print', 'log'];
      const bad = call.keywords.find(
        (k) =>
          !['all', 'divide', 'over', 'under', 'invalid'].includes(k.name ?? '') ||
          k.value.kind !== 'Str' ||
          !modes.includes(k.value.value),
      );
      if (bad || call.args.length > 0 || item.target)
        return unsupported(
          (bad ?? call).span,
          "`np.errstate` other than with 'ignore', 'warn', 'print' or 'log' modes",
          "compiled array arithmetic never raises FloatingPointError; test the values (`np.isfinite`) instead of `'raise'`",
        );
      return { stmts: st.body, locals: [] };
    }
    case 'contextlib.chdir':
      return unsupported(call.span, '`contextlib.chdir`', 'compiled code has no working directory to change');
    default:
      return undefined;
  }
}

/** Whether this module rewrites a `with` over `e`. */
function handles(e: A.Expr, ctx: WithContext): boolean {
  if (e.kind !== 'Call') return false;
  if (generatorManager(e.func, ctx) || generatorMethod(e.func, ctx)) return true;
  return (ctx.qualified(e.func) ?? '').startsWith('contextlib.');
}

function unsupported(span: Span, construct: string, hint: string): WithRewrite {
  return { unsupported: { span, construct, hint } };
}

function none(span: Span): A.Expr {
  return { kind: 'None', span };
}

/** `target = value` when the `with` has a target (the manager's own value when `value` is undefined: None). */
function bindTarget(target: A.Expr | undefined, value: A.Expr | undefined, span: Span): A.Stmt[] {
  return target ? [{ kind: 'Assign', span, targets: [target], value: value ?? none(span) }] : [];
}

function fresh(name: string, span: Span, ctx: WithContext): string {
  return `_cm${span.line}_${ctx.unique()}_${name}`;
}

/** The module function a `with` calls when it is a `@contextmanager` (or `@contextlib.contextmanager`) generator. */
function generatorManager(func: A.Expr, ctx: WithContext): A.FunctionDef | undefined {
  if (func.kind !== 'Name' || ctx.callerLocals.has(func.id)) return undefined;
  const def = ctx.functions.get(func.id);
  if (!def) return undefined;
  return def.decorators.some((d) => ctx.qualified(d) === 'contextlib.contextmanager') ? def : undefined;
}

/** A `@contextmanager` method of the class a constructor-bound local holds, named by `local.method`. */
function generatorMethod(func: A.Expr, ctx: WithContext): A.FunctionDef | undefined {
  if (func.kind !== 'Attribute' || func.value.kind !== 'Name') return undefined;
  const cls = ctx.receiverClass(func.value.id);
  const def = cls
    ? ctx.classes.get(cls)?.body.find((st): st is A.FunctionDef => st.kind === 'FunctionDef' && st.name === func.attr)
    : undefined;
  if (!def || def.params[0]?.star || def.params.length === 0) return undefined;
  return def.decorators.some((d) => ctx.qualified(d) === 'contextlib.contextmanager') ? def : undefined;
}

// ---- generic walks over the syntax tree -------------------------------------------------------------------------

/** A copy of `root` with every name of `names` renamed: names, parameters, handler and pattern captures. */
function renamed<T>(root: T, names: ReadonlyMap<string, string>): T {
  const go = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => go(x, key));
    if (!isNode(v)) return v;
    const out: AnyNode = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === 'span' || k === 'nameSpan' ? x : go(x, k);
    const kind = v['kind'];
    if (kind === 'Name' && typeof v['id'] === 'string') out['id'] = names.get(v['id']) ?? v['id'];
    // Parameters (of lambdas), handlers' `as` names and match captures; never a keyword argument's name.
    const bindsName =
      key === 'params' ||
      key === 'handlers' ||
      kind === 'Capture' ||
      kind === 'As' ||
      (kind === 'Star' && key !== 'keywords');
    if (bindsName && typeof v['name'] === 'string') out['name'] = names.get(v['name']) ?? v['name'];
    if (kind === 'Mapping' && typeof v['rest'] === 'string') out['rest'] = names.get(v['rest']) ?? v['rest'];
    return out;
  };
  return go(root, '') as T;
}

/** Every name a body binds anywhere (assignment targets, loop and comprehension targets, lambda parameters...). */
function boundNames(body: unknown, out: Set<string>): void {
  forEachBinding(body, (id) => out.add(id));
}

function hasCall(e: A.Expr): boolean {
  let found = false;
  walkSyntax(e, (n) => {
    if (n['kind'] === 'Call') found = true;
  });
  return found;
}

/** Whether a block leaves through `return`, or through `break`/`continue` of a loop around the `with`. */
function escapes(body: A.Stmt[]): boolean {
  let found = false;
  const go = (v: unknown, inLoop: boolean): void => {
    if (found) return;
    if (Array.isArray(v)) {
      for (const x of v) go(x, inLoop);
      return;
    }
    if (!isNode(v)) return;
    const kind = v['kind'];
    if (kind === 'FunctionDef' || kind === 'ClassDef' || kind === 'Lambda') return;
    if (kind === 'Return' || ((kind === 'Break' || kind === 'Continue') && !inLoop)) {
      found = true;
      return;
    }
    if (kind === 'For' || kind === 'While') {
      go(v['body'], true);
      go(v['orelse'], inLoop);
      return;
    }
    for (const [k, x] of Object.entries(v)) if (k !== 'span') go(x, inLoop);
  };
  go(body, false);
  return found;
}

// ---- @contextmanager generators ---------------------------------------------------------------------------------

function inlineGenerator(
  def: A.FunctionDef,
  call: A.CallExpr,
  target0: A.Expr | undefined,
  st: A.WithStmt,
  ctx: WithContext,
): WithRewrite {
  const span = st.span;
  let target = target0;
  const what = (s: string): string => `the \`@contextmanager\` function \`${def.name}\` ${s}`;
  const hint = 'write the generator as setup, one `yield` (inside `try`/`finally` for the cleanup), and teardown';
  if (def.isAsync) return unsupported(def.nameSpan, what('being async'), hint);
  if (def.decorators.length > 1) return unsupported(def.nameSpan, what('with other decorators'), hint);
  if (def.params.some((p) => p.star))
    return unsupported(def.nameSpan, what('taking `*args` or `**kwargs`'), 'name its parameters');
  // What the inlined body cannot hold.
  const problems: [Span, string][] = [];
  let yields = 0;
  walkSyntax(def.body, (n) => {
    const kind = n['kind'];
    const at = n['span'] as Span;
    if (kind === 'FunctionDef' || kind === 'ClassDef') problems.push([at, 'defining a nested function or class']);
    else if (kind === 'Global') problems.push([at, 'with a `global` or `nonlocal` statement']);
    else if (kind === 'Return') problems.push([at, 'returning (CPython raises RuntimeError when it does not yield)']);
    else if (kind === 'Yield') {
      yields++;
      if (n['from']) problems.push([at, 'using `yield from`']);
    } else if (kind === 'Lambda' || kind === 'Comp') {
      let inner = false;
      walkSyntax(n, (m) => {
        if (m['kind'] === 'Yield') inner = true;
      });
      if (inner) problems.push([at, 'yielding inside a lambda or comprehension']);
    }
  });
  if (problems.length > 0) return unsupported(problems[0]![0], what(problems[0]![1]), hint);
  if (yields !== 1)
    return unsupported(
      def.nameSpan,
      what(yields === 0 ? 'without a `yield`' : 'with more than one `yield`'),
      'a context manager generator yields exactly once',
    );

  // Arguments bound to the parameters, as CPython binds them.
  const bound = new Map<string, A.Expr>();
  const positional = def.params.filter((p) => !p.keywordOnly);
  if (call.args.some((a) => a.kind === 'Starred') || call.keywords.some((k) => k.name === undefined))
    return unsupported(call.span, what('called with `*` or `**` arguments'), 'pass each argument');
  if (call.args.length > positional.length)
    return unsupported(call.span, what('called with too many arguments'), 'pass the parameters it takes');
  call.args.forEach((a, i) => bound.set(positional[i]!.name, a));
  for (const k of call.keywords) {
    if (!def.params.some((p) => p.name === k.name) || bound.has(k.name!))
      return unsupported(k.span, what(`called with the keyword \`${k.name}\``), 'pass the parameters it takes');
    bound.set(k.name!, k.value);
  }
  for (const p of def.params) {
    if (bound.has(p.name)) continue;
    if (!p.default) return unsupported(call.span, what(`called without \`${p.name}\``), 'pass every parameter');
    bound.set(p.name, p.default);
  }

  // The generator's locals get fresh names, so they meet none of the caller's; a global it reads must not be one of
  // the caller's locals either, or the inlined code would read the local.
  const locals = new Set(def.params.map((p) => p.name));
  boundNames(def.body, locals);
  const names = new Map([...locals].map((n) => [n, fresh(n, call.span, ctx)]));
  // Compiled values do not alias: a parameter given a caller's name (`with collect(log):`) that neither side rebinds
  // is that name, so the generator changes the caller's container itself (CPython shares the object), and so is a
  // generator's local the block binds by `as` (`bucket = []; yield bucket`), when it is bound once.
  const blockBinds = new Set<string>();
  boundNames(st.body, blockBinds);
  const genBinds = new Map<string, number>();
  walkSyntax(def.body, (n) => {
    const ts =
      n['kind'] === 'Assign'
        ? (n['targets'] as A.Expr[])
        : n['kind'] === 'AnnAssign' || n['kind'] === 'AugAssign' || n['kind'] === 'For'
          ? [n['target'] as A.Expr]
          : [];
    for (const t of ts) targetNames(t, (id) => genBinds.set(id, (genBinds.get(id) ?? 0) + 1));
  });
  const aliased = new Set<string>();
  for (const p of def.params) {
    const a = bound.get(p.name)!;
    if (a.kind === 'Name' && !genBinds.has(p.name) && !blockBinds.has(a.id) && ctx.callerLocals.has(a.id)) {
      names.set(p.name, a.id);
      aliased.add(p.name);
    }
  }
  const yielded = findYield(def.body)?.value;
  if (
    target?.kind === 'Name' &&
    yielded?.kind === 'Name' &&
    locals.has(yielded.id) &&
    !aliased.has(yielded.id) &&
    genBinds.get(yielded.id) === 1 &&
    !def.params.some((p) => p.name === yielded.id) &&
    !blockBinds.has(target.id) &&
    ![...names.values()].includes(target.id)
  ) {
    names.set(yielded.id, target.id);
    target = undefined;
  }
  const defaults = def.params
    .filter((p) => p.default && !call.keywords.some((k) => k.name === p.name))
    .map((p) => p.default);
  for (const n of [...namesUnder(def.body), ...namesUnder(defaults)])
    if (!locals.has(n) && ctx.callerLocals.has(n))
      return unsupported(
        call.span,
        what(`reading the global \`${n}\`, which is a local of the function that holds the \`with\``),
        'rename the local',
      );
  const body = renamed(
    def.body[0]?.kind === 'Expr' && def.body[0].value.kind === 'Str' ? def.body.slice(1) : def.body,
    names,
  );

  const jumps = escapes(st.body);
  const replaced = replaceYield(
    body,
    (y) => {
      const stmts: A.Stmt[] = [];
      if (target) stmts.push({ kind: 'Assign', span, targets: [target], value: y.value ?? none(span) });
      else if (y.value && hasCall(y.value)) stmts.push({ kind: 'Expr', span, value: y.value });
      return [...stmts, ...st.body];
    },
    jumps,
  );
  if ('problem' in replaced) return unsupported(replaced.problem[0], what(replaced.problem[1]), hint);
  const binds: A.Stmt[] = def.params
    .filter((p) => !aliased.has(p.name))
    .map((p) => ({
      kind: 'Assign',
      span: call.span,
      targets: [{ kind: 'Name', span: call.span, id: names.get(p.name)! }],
      value: bound.get(p.name)!,
    }));
  return { stmts: [...binds, ...replaced.stmts], locals: [...names.values()] };
}

/**
 * The generator's body with its `yield` statement replaced. The `yield` must run exactly when the body is entered,
 * as CPython's `__enter__` requires a yield (RuntimeError otherwise): it may sit in `try` bodies only (first in one
 * with handlers, so no setup error is caught and ends without yielding). When the block leaves by `return`, `break`
 * or `continue`, CPython resumes the generator after its `yield`: then nothing but `finally` blocks may follow it.
 */
function replaceYield(
  body: A.Stmt[],
  make: (y: A.YieldExpr) => A.Stmt[],
  jumps: boolean,
): { stmts: A.Stmt[] } | { problem: [Span, string] } {
  const contains = (st: A.Stmt): boolean => {
    let found = false;
    walkSyntax(st, (n) => {
      if (n['kind'] === 'Yield') found = true;
    });
    return found;
  };
  const i = body.findIndex(contains);
  const st = body[i]!;
  if (jumps && i !== body.length - 1)
    return {
      problem: [
        st.span,
        'running code after its `yield` outside a `finally` when the block leaves by `return`, `break` or `continue`',
      ],
    };
  if (st.kind === 'Expr' && st.value.kind === 'Yield')
    return { stmts: [...body.slice(0, i), ...make(st.value), ...body.slice(i + 1)] };
  if (st.kind === 'Try' && st.body.some(contains)) {
    if (st.handlers.length > 0 && !contains(st.body[0]!))
      return { problem: [st.body[0]!.span, 'with code before its `yield` in a `try` that has handlers'] };
    if (jumps && st.orelse.length > 0)
      return {
        problem: [st.span, 'with an `else` after its `yield` when the block leaves by `return`, `break` or `continue`'],
      };
    const inner = replaceYield(st.body, make, jumps);
    if ('problem' in inner) return inner;
    return { stmts: [...body.slice(0, i), { ...st, body: inner.stmts }, ...body.slice(i + 1)] };
  }
  return { problem: [st.span, 'yielding inside a branch, a loop, a handler or an expression'] };
}

function findYield(body: A.Stmt[]): A.YieldExpr | undefined {
  let y: A.YieldExpr | undefined;
  walkSyntax(body, (n) => {
    if (n['kind'] === 'Yield' && !y) y = n as unknown as A.YieldExpr;
  });
  return y;
}

// ---- warnings.catch_warnings --------------------------------------------------------------------------------

/**
 * `with warnings.catch_warnings():` whose block sets filters that only decide what is written to stderr
 * (`simplefilter("ignore")`, `filterwarnings("ignore", ...)`): the result is the block's, so the block stays and the
 * filter statements go. An "error" filter (a warning becomes an exception) or `record=True` is reported.
 */
function catchWarnings(call: A.CallExpr, target: A.Expr | undefined, st: A.WithStmt, ctx: WithContext): WithRewrite {
  if (
    target ||
    call.args.length > 0 ||
    call.keywords.some((k) => !(k.name === 'record' && k.value.kind === 'Bool' && !k.value.value))
  )
    return unsupported(
      call.span,
      '`catch_warnings` with arguments or an `as` target',
      'compiled code records no warnings',
    );
  const quiet = ['ignore', 'default', 'always', 'module', 'once'];
  const body: A.Stmt[] = [];
  for (const s of st.body) {
    const q = s.kind === 'Expr' && s.value.kind === 'Call' ? ctx.qualified(s.value.func) : undefined;
    if (
      s.kind === 'Expr' &&
      s.value.kind === 'Call' &&
      (q === 'warnings.simplefilter' || q === 'warnings.filterwarnings')
    ) {
      const action = s.value.args[0] ?? s.value.keywords.find((k) => k.name === 'action')?.value;
      if (action?.kind !== 'Str' || !quiet.includes(action.value))
        return unsupported(
          s.span,
          'a warnings filter other than one that only decides what is printed',
          'filter with "ignore"',
        );
      continue;
    }
    body.push(s);
  }
  let nested: Span | undefined;
  walkSyntax(body, (n) => {
    if (n['kind'] !== 'Call') return;
    const q = ctx.qualified(n['func'] as A.Expr);
    if (q === 'warnings.simplefilter' || q === 'warnings.filterwarnings') nested ??= n['span'] as Span;
  });
  if (nested)
    return unsupported(nested, 'a warnings filter set inside a nested statement', 'set it first in the block');
  return { stmts: body, locals: [] };
}

// ---- ExitStack ----------------------------------------------------------------------------------------------

/**
 * `with ExitStack() as stack:` whose block starts with the registrations (`stack.enter_context(cm)`,
 * `x = stack.enter_context(cm)`, `stack.callback(f, *args)`) and never names `stack` again: the registrations are
 * known when the block is compiled, so the stack is the nesting of their `with`s and `try`/`finally`s, exited in
 * reverse order as ExitStack exits them (an inner manager that suppresses an exception hides it from the outer ones).
 */
function exitStack(call: A.CallExpr, target: A.Expr | undefined, st: A.WithStmt, ctx: WithContext): WithRewrite {
  const span = st.span;
  if (call.args.length > 0 || call.keywords.length > 0)
    return unsupported(call.span, 'this call of `ExitStack`', 'call it without arguments');
  if (target && target.kind !== 'Name')
    return unsupported(target.span, 'this `as` target of `ExitStack`', 'bind a name');
  const stack = target?.kind === 'Name' ? target.id : undefined;
  const isStackCall = (e: A.Expr, method: string): e is A.CallExpr =>
    e.kind === 'Call' &&
    e.func.kind === 'Attribute' &&
    e.func.attr === method &&
    e.func.value.kind === 'Name' &&
    e.func.value.id === stack;
  type Reg = { cm: A.Expr; as: A.Expr | undefined } | { fn: A.Expr; args: A.Expr[]; span: Span };
  const regs: Reg[] = [];
  let i = 0;
  for (; i < st.body.length; i++) {
    const s = st.body[i]!;
    if (s.kind === 'Expr' && isStackCall(s.value, 'enter_context') && s.value.args.length === 1)
      regs.push({ cm: s.value.args[0]!, as: undefined });
    else if (
      s.kind === 'Assign' &&
      s.targets.length === 1 &&
      isStackCall(s.value, 'enter_context') &&
      s.value.args.length === 1
    )
      regs.push({ cm: s.value.args[0]!, as: s.targets[0]! });
    else if (
      s.kind === 'Expr' &&
      isStackCall(s.value, 'callback') &&
      s.value.args.length >= 1 &&
      s.value.keywords.length === 0 &&
      !s.value.args.some((a) => a.kind === 'Starred')
    )
      regs.push({ fn: s.value.args[0]!, args: s.value.args.slice(1), span: s.span });
    else break;
  }
  const rest = st.body.slice(i);
  const named =
    stack !== undefined && namesUnder([rest, regs.map((r) => ('cm' in r ? r.cm : [r.fn, r.args]))]).has(stack);
  if (named)
    return unsupported(
      call.span,
      '`ExitStack` used other than by `enter_context`/`callback` calls at the start of its block (registered in a loop or a branch, `pop_all`, `close`)',
      'nest the `with` statements, or call the cleanup in a `try`/`finally`',
    );
  let body = rest;
  const locals: string[] = [];
  const pre: A.Stmt[][] = regs.map(() => []);
  regs.forEach((r, k) => {
    if ('cm' in r) return;
    // A callback's function and arguments are evaluated when it is registered.
    const bind = (e: A.Expr, what: string): A.Expr => {
      if (e.kind === 'Int' || e.kind === 'Float' || e.kind === 'Str' || e.kind === 'Bool' || e.kind === 'None')
        return e;
      const n = fresh(what, r.span, ctx);
      locals.push(n);
      pre[k]!.push({ kind: 'Assign', span: r.span, targets: [{ kind: 'Name', span: r.span, id: n }], value: e });
      return { kind: 'Name', span: r.span, id: n };
    };
    r.args = r.args.map((a, j) => bind(a, `arg${j}`));
  });
  for (let k = regs.length - 1; k >= 0; k--) {
    const r = regs[k]!;
    if ('cm' in r) body = [{ kind: 'With', span, items: [{ context: r.cm, target: r.as }], body, isAsync: false }];
    else {
      const callStmt: A.Stmt = {
        kind: 'Expr',
        span: r.span,
        value: { kind: 'Call', span: r.span, func: r.fn, args: r.args, keywords: [] },
      };
      body = [...pre[k]!, { kind: 'Try', span: r.span, body, handlers: [], orelse: [], finalbody: [callStmt] }];
    }
  }
  return { stmts: body, locals };
}

// ---- redirect_stdout / redirect_stderr --------------------------------------------------------------------------

function redirect(
  stream: 'stdout' | 'stderr',
  call: A.CallExpr,
  target: A.Expr | undefined,
  st: A.WithStmt,
  ctx: WithContext,
): WithRewrite {
  const span = st.span;
  if (call.args.length !== 1 || call.keywords.length > 0 || call.args[0]!.kind === 'Starred')
    return unsupported(call.span, `this call of \`redirect_${stream}\``, 'pass the one stream, an `io.StringIO`');
  // Output of module code the block calls would not be redirected.
  const printing = printingCallees(ctx);
  let reached: [Span, string] | undefined;
  walkSyntax(st.body, (n) => {
    if (reached || n['kind'] !== 'Call') return;
    const f = n['func'] as A.Expr;
    const name = f.kind === 'Name' && !ctx.callerLocals.has(f.id) ? f.id : f.kind === 'Attribute' ? f.attr : undefined;
    if (name !== undefined && printing.has(name)) reached = [n['span'] as Span, name];
  });
  if (reached)
    return unsupported(
      reached[0],
      `calling \`${reached[1]}\`, which prints, inside \`redirect_${stream}\``,
      `pass the stream to it and print with \`file=\``,
    );
  const tmp = fresh(stream, call.span, ctx);
  const ref: A.NameExpr = { kind: 'Name', span, id: tmp };
  const isStream = (e: A.Expr | undefined): boolean => e !== undefined && ctx.qualified(e) === `sys.${stream}`;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (!isNode(v)) return v;
    const out: AnyNode = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === 'span' ? x : rewrite(x);
    if (v['kind'] === 'Call') {
      const c = out as unknown as A.CallExpr;
      if (c.func.kind === 'Name' && c.func.id === 'print' && !ctx.callerLocals.has('print')) {
        const file = c.keywords.find((k) => k.name === 'file');
        if (stream === 'stdout' && (!file || file.value.kind === 'None'))
          return { ...c, keywords: [...c.keywords.filter((k) => k !== file), { name: 'file', value: ref, span }] };
        if (file && isStream(file.value))
          return { ...c, keywords: c.keywords.map((k) => (k === file ? { ...k, value: ref } : k)) };
      }
      if (c.func.kind === 'Attribute' && isStream(c.func.value)) return { ...c, func: { ...c.func, value: ref } };
    }
    return out;
  };
  return {
    stmts: [
      { kind: 'Assign', span, targets: [ref], value: call.args[0]! },
      ...bindTarget(target, ref, span),
      ...(rewrite(st.body) as A.Stmt[]),
    ],
    locals: [tmp],
  };
}

/** The module's functions and methods (by name) that print or write to a standard stream, directly or through others. */
function printingCallees(ctx: WithContext): Set<string> {
  const defs = new Map<string, A.FunctionDef[]>();
  const add = (d: A.FunctionDef): void => {
    defs.set(d.name, [...(defs.get(d.name) ?? []), d]);
  };
  for (const d of ctx.functions.values()) add(d);
  for (const c of ctx.classes.values()) for (const st of c.body) if (st.kind === 'FunctionDef') add(st);
  const calls = (d: A.FunctionDef): string[] => {
    const out: string[] = [];
    walkSyntax(d.body, (n) => {
      if (n['kind'] !== 'Call') return;
      const f = n['func'] as A.Expr;
      if (f.kind === 'Name') out.push(f.id);
      else if (f.kind === 'Attribute') out.push(f.attr);
    });
    return out;
  };
  const printing = new Set<string>();
  for (const [name, ds] of defs)
    if (ds.some((d) => calls(d).some((c) => c === 'print' || c === 'write'))) printing.add(name);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, ds] of defs)
      if (!printing.has(name) && ds.some((d) => calls(d).some((c) => printing.has(c)))) {
        printing.add(name);
        changed = true;
      }
  }
  return printing;
}
