/**
 * Classes with methods, for the lower stage. Input: the module's class definitions (dataclasses, pydantic models and
 * plain classes whose state is set in `__init__`). Output: a plan per class that lowering follows: every method the
 * class has (its own and those it inherits from user base classes) becomes a module function of its own
 * (`Vocab__encode`, `self` its first parameter), monomorphised by infer like any helper; a plain class becomes a struct
 * whose fields are the `self.NAME = ...` assignments of `__init__`, constructed by a synthesised function
 * (`Vocab__new`) whose body is `__init__`'s with every `self.NAME` read as the local `self_NAME` and which returns the
 * struct literal at its end. Infer then resolves `obj.m(...)`, properties and the special methods (`len(obj)`,
 * `x in obj`, `obj[i]`, `obj(...)`, operators) to those functions by the receiver's struct type.
 */
import { inlineInitHelpers } from './inithelpers';
import type { DiagnosticSink, Span } from '../diagnostics/diagnostic';
import type * as A from '../parse/ast';
import { walkSyntax } from '../parse/walk';
import type { IrMethod } from '../ir/ir';

/** What lowering needs to know of one class. */
export interface ClassPlan {
  name: string;
  /** `plain`: fields come from `__init__`; `struct`: a dataclass or pydantic model with declared fields. */
  /** `enum`: an Enum class, whose members the Enum lowering keeps; only its plain methods are planned here. */
  kind: 'plain' | 'struct' | 'enum';
  /** Every method by its Python name, own and inherited (the first in the method resolution order wins). */
  methods: Map<string, IrMethod>;
  /** The function that constructs an instance (plain classes, and dataclasses with `__post_init__`). */
  constructor: string | undefined;
  /** A plain class's fields in order of first assignment, with their annotations where `__init__` gives one. */
  fields: { name: string; annotation: A.Expr | undefined; span: Span; late?: true }[];
  /** Class-level constants (`PAD = "<pad>"`), read as `Cls.PAD` or `self.PAD`. */
  constants: Map<string, A.Expr>;
}

/**
 * The struct construction at the end of a synthesised constructor. Lowering turns exactly these call nodes into a
 * struct literal; a call of the class anywhere else runs its constructor.
 */
export const RAW_NEW = new WeakSet<A.CallExpr>();

/** Decorators that make a method something other than an instance method. */
const METHOD_KINDS: Record<string, IrMethod['kind']> = {
  staticmethod: 'static',
  classmethod: 'class',
  property: 'property',
  'functools.cached_property': 'property',
  cached_property: 'property',
};

/** A method's kind from its decorators, with the decorators lowering still has to check. */
function methodKind(def: A.FunctionDef): { kind: IrMethod['kind']; rest: A.Expr[] } {
  let kind: IrMethod['kind'] = 'instance';
  const rest: A.Expr[] = [];
  for (const d of def.decorators) {
    const name =
      d.kind === 'Name'
        ? d.id
        : d.kind === 'Attribute' && d.value.kind === 'Name'
          ? `${d.value.id}.${d.attr}`
          : undefined;
    const k = name ? METHOD_KINDS[name] : undefined;
    if (k) kind = k;
    else if (!propertySetter(d)) rest.push(d);
  }
  return { kind, rest };
}

/** `@NAME.setter`: the decorator of a property's setter, giving the property's name. */
function propertySetter(d: A.Expr): string | undefined {
  return d.kind === 'Attribute' && d.attr === 'setter' && d.value.kind === 'Name' ? d.value.id : undefined;
}

/**
 * The name a method is planned under: its own, or `NAME.setter` for a property's setter (`@NAME.setter def NAME`),
 * which infer calls for `obj.NAME = value`.
 */
function planName(def: A.FunctionDef): string {
  const setter = def.decorators.map(propertySetter).find((x) => x !== undefined);
  return setter !== undefined && setter === def.name ? `${def.name}.setter` : def.name;
}

/** The name of the module function a method of `cls` becomes: `Vocab__encode`, `Vocab__len` for `__len__`. */
function functionName(cls: string, method: string, taken: ReadonlySet<string>): string {
  const short = /^__\w+__$/.test(method) ? method.slice(2, -2) : method.replace('.', '_');
  let name = `${cls}__${short}`;
  for (let i = 2; taken.has(name); i++) name = `${cls}__${short}_${i}`;
  return name;
}

/**
 * Plans every class that is a plain class or a struct class, and adds the functions its methods and constructor become
 * to `functions` (which lowering then treats as module functions). `kindOf` says which classes qualify: classes whose
 * bases are library classes (Enum, exceptions, torch modules) are lowered elsewhere.
 */
export function planClasses(
  classes: ReadonlyMap<string, A.ClassDef>,
  kindOf: (cls: A.ClassDef) => 'plain' | 'struct' | 'enum' | undefined,
  functions: Map<string, A.FunctionDef>,
  sink: DiagnosticSink,
  fieldDefault: (e: A.Expr) => A.Expr = (e) => e,
): Map<string, ClassPlan> {
  const plans = new Map<string, ClassPlan>();
  const taken = new Set(functions.keys());
  /** The user classes in method resolution order (depth-first, left to right, each once). */
  const mro = (cls: A.ClassDef, seen = new Set<string>()): A.ClassDef[] => {
    if (seen.has(cls.name)) return [];
    seen.add(cls.name);
    const out = [cls];
    for (const b of cls.bases) {
      const base = b.kind === 'Name' ? classes.get(b.id) : undefined;
      if (base && kindOf(base)) out.push(...mro(base, seen));
    }
    return out;
  };
  const plan = (cls: A.ClassDef): ClassPlan | undefined => {
    const kind = kindOf(cls);
    if (!kind) return undefined;
    const done = plans.get(cls.name);
    if (done) return done;
    const order = mro(cls);
    const constants = new Map<string, A.Expr>();
    // An Enum's assignments are its members, not class constants.
    for (const c of kind === 'enum' ? [] : order)
      for (const st of c.body) {
        if (st.kind === 'Assign' && st.targets.length === 1 && st.targets[0]!.kind === 'Name')
          if (!constants.has(st.targets[0]!.id)) constants.set(st.targets[0]!.id, st.value);
        // `MAX_LEN: int = 512` in a plain class is a class attribute too (in a dataclass it is a field).
        if (kind === 'plain' && st.kind === 'AnnAssign' && st.target.kind === 'Name' && st.value)
          if (!constants.has(st.target.id)) constants.set(st.target.id, st.value);
      }
    const p: ClassPlan = { name: cls.name, kind, methods: new Map(), constructor: undefined, fields: [], constants };
    plans.set(cls.name, p);
    // Which class of the order defines each method, so `super().m()` finds the next one.
    const defs = new Map<string, { def: A.FunctionDef; at: number }>();
    order.forEach((c, at) => {
      for (const st of c.body)
        if (st.kind === 'FunctionDef' && !defs.has(planName(st))) defs.set(planName(st), { def: st, at });
    });
    const given = kind === 'plain' ? defs.get('__init__') : undefined;
    const init = given ? { ...given, def: inlineInitHelpers(inlineSetters(given.def, defs), defs) } : undefined;
    if (kind === 'plain') p.fields = initFields(init?.def, order, init?.at ?? 0, plans, plan);
    if (kind === 'plain') p.fields.push(...lateFields(p.fields, defs, constants));
    const fieldNames = new Set(p.fields.map((f) => f.name));
    for (const [name, { def, at }] of defs) {
      if (name === '__init__' && kind === 'plain') continue;
      // An Enum's special and sunder members (`__init__`, `_missing_`) are the Enum lowering's to report.
      // `_missing_` is a classmethod `Cls(value)` calls when no member has the value (`IrExpr` new's `__missing__`).
      if (kind === 'enum' && /^_.*_$/.test(name) && name !== '_missing_') continue;
      // A dataclass's constructor is generated from its fields (with `__post_init__` run at its end, below).
      if (kind === 'struct' && name === '__post_init__') continue;
      if (kind === 'struct' && name === '__init__') {
        sink.report('E0202', def.nameSpan, {
          construct: `\`__init__\` in the dataclass \`${cls.name}\``,
          hint: 'let the dataclass generate `__init__` and compute derived fields in `__post_init__`, or make it a plain class',
        });
        continue;
      }
      const { kind: mk, rest } = methodKind(def);
      const fn = functionName(cls.name, name, taken);
      taken.add(fn);
      const ctx: Rewrite = { cls: cls.name, order, at, defs, plans, fieldNames, constants, sink, selfName: undefined };
      let params = def.params;
      // `__exit__`'s exception parameters are given by the `with` statement (`lower/withclass.ts`): None, or the caught
      // exception where the method only tests them against None; their annotations (`Optional[Type[BaseException]]`,
      // `TracebackType`) name classes that are no values here, and CPython never checks them.
      if (name === '__exit__' && mk === 'instance')
        params = params.map((p, i) => (i === 0 ? p : { ...p, annotation: undefined }));
      if (mk === 'class') {
        // `cls` is the class itself: this copy of the method belongs to `cls.name`, so `cls(...)` constructs it.
        ctx.clsName = def.params[0]?.name;
        params = def.params.slice(1);
      } else if (mk !== 'static') ctx.selfName = def.params[0]?.name;
      functions.set(fn, { ...def, name: fn, params, decorators: rest, body: rewriteBody(def.body, ctx) });
      const cached = def.decorators.some((d) =>
        d.kind === 'Name'
          ? d.id === 'cached_property'
          : d.kind === 'Attribute' &&
            d.attr === 'cached_property' &&
            d.value.kind === 'Name' &&
            d.value.id === 'functools',
      );
      p.methods.set(name, { fn, kind: mk, ...(cached ? { cached } : {}) });
    }
    const post = kind === 'struct' ? defs.get('__post_init__') : undefined;
    if (post) {
      const fn = functionName(cls.name, 'new', taken);
      taken.add(fn);
      p.constructor = fn;
      functions.set(fn, postInitConstructor(cls, fn, post, { order, defs, plans, constants, sink }, fieldDefault));
    }
    if (kind === 'plain') {
      const fn = functionName(cls.name, 'new', taken);
      taken.add(fn);
      p.constructor = fn;
      functions.set(fn, constructorDef(cls, p, init, order, defs, plans, sink));
    }
    return p;
  };
  for (const cls of classes.values()) plan(cls);
  return plans;
}

interface Rewrite {
  cls: string;
  order: A.ClassDef[];
  /** The position in `order` of the class that defines the method being rewritten. */
  at: number;
  defs: Map<string, { def: A.FunctionDef; at: number }>;
  plans: Map<string, ClassPlan>;
  fieldNames: Set<string>;
  constants: Map<string, A.Expr>;
  sink: DiagnosticSink;
  /** The method's first parameter (`self`), undefined in static methods. */
  selfName: string | undefined;
  /** A classmethod's first parameter (`cls`). */
  clsName?: string;
  /**
   * In a constructor: `self.NAME` is the local `self_NAME`, and `return` returns the struct. `ready`: every field is
   * assigned before the statement being rewritten, so a call `self.m(...)` there may run on the object built so far.
   */
  ctor?: { fields: Set<string>; result: () => A.Expr; ready?: boolean };
}

/** The fields `__init__` assigns (`self.x = ...`, `self.x: T = ...`), after those of a base `__init__` it calls. */
function initFields(
  init: A.FunctionDef | undefined,
  order: A.ClassDef[],
  at: number,
  plans: Map<string, ClassPlan>,
  plan: (cls: A.ClassDef) => ClassPlan | undefined,
): ClassPlan['fields'] {
  const fields: ClassPlan['fields'] = [];
  const add = (name: string, annotation: A.Expr | undefined, span: Span): void => {
    const f = fields.find((x) => x.name === name);
    if (!f) fields.push({ name, annotation, span });
    else if (annotation && !f.annotation) f.annotation = annotation;
  };
  if (!init) return fields;
  const selfName = init.params[0]?.name ?? 'self';
  forEachSelfAssignment(init.body, selfName, add, (n) => {
    if (!isSuperCall(n, '__init__')) return;
    const base = order.slice(at + 1).find((c) => plans.get(c.name)?.kind === 'plain' || plan(c)?.kind === 'plain');
    const bp = base ? plan(base) : undefined;
    for (const f of bp?.fields ?? []) if (!f.late) add(f.name, f.annotation, n.span);
  });
  return fields;
}

/**
 * Calls `add` for each `self.NAME` a method's body assigns (`self.x = ...`, `self.x: T = ...`, `self.x += ...`, in an
 * unpacking or a `for` target), outside nested functions and classes; `onStmt` sees every other node as well.
 */
function forEachSelfAssignment(
  body: A.Stmt[],
  selfName: string | undefined,
  add: (name: string, annotation: A.Expr | undefined, span: Span) => void,
  onStmt?: (n: A.Stmt) => void,
): void {
  const target = (t: A.Expr, annotation?: A.Expr): void => {
    if (t.kind === 'Attribute' && t.value.kind === 'Name' && t.value.id === selfName) add(t.attr, annotation, t.span);
    else if (t.kind === 'Tuple' || t.kind === 'List') t.elts.forEach((x) => target(x));
    else if (t.kind === 'Starred') target(t.value);
  };
  walkSyntax(body, (v) => {
    const n = v as unknown as A.Stmt;
    if (n.kind === 'FunctionDef' || n.kind === 'ClassDef') return false;
    if (n.kind === 'Assign') n.targets.forEach((t) => target(t));
    if (n.kind === 'AnnAssign') target(n.target, n.annotation);
    if (n.kind === 'AugAssign') target(n.target);
    if (n.kind === 'For') target(n.target);
    onStmt?.(n);
    return true;
  });
}

/**
 * The fields a method other than `__init__` sets first (`def fit(self, xs): self.lo = min(xs)`, a lazily set
 * `self.best`): CPython creates the attribute there, and reading it before raises AttributeError. The struct holds
 * such a field as an Optional that construction leaves None (`late`); infer reads it unwrapped, raising CPython's
 * AttributeError while it is unset, and `hasattr(self, "best")` tests it.
 */
function lateFields(
  fields: ClassPlan['fields'],
  defs: Map<string, { def: A.FunctionDef; at: number }>,
  constants: Map<string, A.Expr>,
): ClassPlan['fields'] {
  const out: ClassPlan['fields'] = [];
  const known = (n: string): boolean =>
    fields.some((f) => f.name === n) || out.some((f) => f.name === n) || defs.has(n) || constants.has(n);
  for (const [name, { def }] of defs) {
    if (name === '__init__' || methodKind(def).kind !== 'instance') continue;
    forEachSelfAssignment(def.body, def.params[0]?.name, (field, annotation, span) => {
      if (!known(field)) out.push({ name: field, annotation, span, late: true });
    });
  }
  return out;
}

/**
 * `__init__` with each statement `self.m()` replaced by `m`'s body, where `m` takes only `self` and its body only
 * assigns fields of `self` (`def reset(self): self.sum = 0.0; self.count = 0`): CPython creates those attributes
 * there, so they are fields the constructor sets, as if `__init__` assigned them itself.
 */
function inlineSetters(init: A.FunctionDef, defs: Map<string, { def: A.FunctionDef; at: number }>): A.FunctionDef {
  const selfName = init.params[0]?.name;
  const setter = (name: string): A.FunctionDef | undefined => {
    const d = defs.get(name)?.def;
    if (!d || d.params.length !== 1 || d.decorators.length > 0) return undefined;
    const own = d.params[0]!.name;
    const onSelf = (t: A.Expr): boolean => t.kind === 'Attribute' && t.value.kind === 'Name' && t.value.id === own;
    const ok = d.body.every(
      (st) =>
        st.kind === 'Pass' ||
        (st.kind === 'Expr' && st.value.kind === 'Str') ||
        (st.kind === 'Assign' && st.targets.every(onSelf)) ||
        ((st.kind === 'AnnAssign' || st.kind === 'AugAssign') && onSelf(st.target)),
    );
    return ok ? d : undefined;
  };
  /** The method's body with its own `self` named as `__init__`'s. */
  const renamed = (d: A.FunctionDef): A.Stmt[] => {
    const own = d.params[0]!.name;
    const fix = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(fix);
      if (!v || typeof v !== 'object') return v;
      const n = v as A.Expr;
      if (n.kind === 'Name' && n.id === own) return { ...n, id: selfName };
      const out: Record<string, unknown> = {};
      for (const [k, c] of Object.entries(v)) out[k] = k === 'span' || k === 'nameSpan' ? c : fix(c);
      return out;
    };
    return fix(d.body) as A.Stmt[];
  };
  let changed = false;
  const body = init.body.flatMap((st): A.Stmt[] => {
    const c = st.kind === 'Expr' && st.value.kind === 'Call' ? st.value : undefined;
    if (
      c &&
      c.func.kind === 'Attribute' &&
      c.func.value.kind === 'Name' &&
      c.func.value.id === selfName &&
      c.args.length === 0 &&
      c.keywords.length === 0
    ) {
      const d = setter(c.func.attr);
      if (d) {
        changed = true;
        return renamed(d);
      }
    }
    return [st];
  });
  return changed ? { ...init, body } : init;
}

/** `super().NAME(...)` as a statement or expression. */
function isSuperCall(n: unknown, name?: string): n is A.ExprStmt {
  const e = (n as { kind?: string }).kind === 'Expr' ? (n as A.ExprStmt).value : undefined;
  return e !== undefined && superMethod(e) !== undefined && (name === undefined || superMethod(e) === name);
}

/** The method name of `super().NAME(...)`. */
function superMethod(e: A.Expr): string | undefined {
  if (e.kind !== 'Call' || e.func.kind !== 'Attribute') return undefined;
  const s = e.func.value;
  return s.kind === 'Call' && s.func.kind === 'Name' && s.func.id === 'super' && s.args.length === 0
    ? e.func.attr
    : undefined;
}

function isSelf(e: A.Expr, self: string | undefined): boolean {
  return self !== undefined && e.kind === 'Name' && e.id === self;
}

function name(id: string, span: Span): A.NameExpr {
  return { kind: 'Name', id, span };
}

/**
 * The constructor of a plain class: `__init__`'s parameters but `self`, its body with `self.NAME` as the local
 * `self_NAME`, and a return of the struct built from those locals wherever `__init__` returns.
 */
function constructorDef(
  cls: A.ClassDef,
  p: ClassPlan,
  init: { def: A.FunctionDef; at: number } | undefined,
  order: A.ClassDef[],
  defs: Map<string, { def: A.FunctionDef; at: number }>,
  plans: Map<string, ClassPlan>,
  sink: DiagnosticSink,
): A.FunctionDef {
  const span = init?.def.nameSpan ?? cls.nameSpan;
  const result = (): A.Expr => {
    const call: A.CallExpr = {
      kind: 'Call',
      func: name(cls.name, span),
      args: [],
      // A field set first by another method starts unset (None: `lateFields`).
      keywords: p.fields.map((f) => ({
        name: f.name,
        value: f.late ? ({ kind: 'None', span } as A.Expr) : name(`self_${f.name}`, span),
        span,
      })),
      span,
    };
    RAW_NEW.add(call);
    return call;
  };
  const ctx: Rewrite = {
    cls: cls.name,
    order,
    at: init?.at ?? 0,
    defs,
    plans,
    fieldNames: new Set(p.fields.map((f) => f.name)),
    constants: p.constants,
    sink,
    selfName: init?.def.params[0]?.name ?? 'self',
    ctor: { fields: new Set(p.fields.flatMap((f) => (f.late ? [] : [f.name]))), result },
  };
  // Each top-level statement knows whether every field is assigned before it (straight-line assignments only).
  const body: A.Stmt[] = [];
  const assigned = new Set<string>();
  const selfName = ctx.selfName;
  for (const st of init?.def.body ?? []) {
    // The fields' types come from their annotations here: read back from the object, an unannotated field's type
    // would depend on itself.
    ctx.ctor!.ready = [...ctx.ctor!.fields].every((f) => assigned.has(f)) && p.fields.every((f) => f.annotation);
    body.push(...rewriteBody([st], ctx));
    const targets = st.kind === 'Assign' ? st.targets : st.kind === 'AnnAssign' ? [st.target] : [];
    for (const t of targets)
      if (t.kind === 'Attribute' && t.value.kind === 'Name' && t.value.id === selfName) assigned.add(t.attr);
  }
  body.push({ kind: 'Return', value: result(), span });
  return {
    kind: 'FunctionDef',
    name: p.constructor!,
    params: init ? init.def.params.slice(1) : [],
    returns: undefined,
    body,
    decorators: init ? methodKind(init.def).rest : [],
    isAsync: false,
    nameSpan: span,
    span: init?.def.span ?? cls.span,
  };
}

/**
 * The constructor of a dataclass with `__post_init__`: the generated `__init__` (each field a parameter, but those of
 * `field(init=False)`, with its default) followed by `__post_init__`'s body, where `self.NAME` is the local `self_NAME`.
 */
function postInitConstructor(
  cls: A.ClassDef,
  fn: string,
  post: { def: A.FunctionDef; at: number },
  rest: Pick<Rewrite, 'order' | 'defs' | 'plans' | 'constants' | 'sink'>,
  fieldDefault: (e: A.Expr) => A.Expr,
): A.FunctionDef {
  const span = post.def.nameSpan;
  const fields = cls.body.filter(
    (s): s is A.AnnAssignStmt & { target: A.NameExpr } => s.kind === 'AnnAssign' && s.target.kind === 'Name',
  );
  const params: A.Param[] = [];
  const body: A.Stmt[] = [];
  for (const f of fields) {
    const id = f.target.id;
    const v = f.value;
    const noInit =
      v?.kind === 'Call' && v.keywords.some((k) => k.name === 'init' && k.value.kind === 'Bool' && !k.value.value);
    // `field(...)` without a default or factory leaves the parameter required.
    const given = v ? fieldDefault(v) : undefined;
    const dflt = given === v && v?.kind === 'Call' ? undefined : given;
    const local = name(`self_${id}`, f.span);
    if (noInit) {
      if (dflt) body.push({ kind: 'Assign', targets: [local], value: dflt, span: f.span });
      continue;
    }
    params.push({
      name: id,
      annotation: f.annotation,
      default: dflt,
      star: undefined,
      keywordOnly: false,
      span: f.span,
    });
    body.push({ kind: 'Assign', targets: [local], value: name(id, f.span), span: f.span });
  }
  const result = (): A.Expr => {
    const call: A.CallExpr = {
      kind: 'Call',
      func: name(cls.name, span),
      args: [],
      keywords: fields.map((f) => ({ name: f.target.id, value: name(`self_${f.target.id}`, span), span })),
      span,
    };
    RAW_NEW.add(call);
    return call;
  };
  const names = new Set(fields.map((f) => f.target.id));
  const ctx: Rewrite = {
    ...rest,
    cls: cls.name,
    at: post.at,
    fieldNames: names,
    selfName: post.def.params[0]?.name ?? 'self',
    ctor: { fields: names, result },
  };
  body.push(...rewriteBody(post.def.body, ctx), { kind: 'Return', value: result(), span });
  return {
    kind: 'FunctionDef',
    name: fn,
    params,
    returns: undefined,
    body,
    decorators: [],
    isAsync: false,
    nameSpan: span,
    span: post.def.span,
  };
}

/** A method body with `super()` calls, class constants and (in a constructor) `self` rewritten; a copy. */
function rewriteBody(body: A.Stmt[], ctx: Rewrite): A.Stmt[] {
  return rewrite(body, ctx) as A.Stmt[];
}

function rewrite(v: unknown, ctx: Rewrite): unknown {
  if (Array.isArray(v)) return v.flatMap((x) => rewriteNode(x, ctx));
  if (!v || typeof v !== 'object') return v;
  return rewriteOne(v, ctx);
}

/** One node, rewritten; a statement may become several (`super().__init__(...)` in a constructor). */
function rewriteNode(v: unknown, ctx: Rewrite): unknown[] {
  // Arrays of the AST also hold absent parts (a dict display's `**x` has no key): kept as they are.
  if (!v || typeof v !== 'object') return [v];
  const n = v as A.Stmt;
  if (ctx.ctor && isSuperCall(n, '__init__')) return superInit(n.value as A.CallExpr, ctx);
  if (ctx.ctor && n.kind === 'Return') return [{ ...n, value: ctx.ctor.result() }];
  // `self.m(...)` as a statement of `__init__` once every field is assigned (`self.reset()`, `for t in specials:
  // self.add(t)`): the object built so far runs the method, and the fields are read back from it.
  if (ctx.ctor?.ready && n.kind === 'Expr' && n.value.kind === 'Call' && n.value.func.kind === 'Attribute') {
    const f = n.value.func;
    if (isSelf(f.value, ctx.selfName) && ctx.defs.has(f.attr) && !ctx.ctor.fields.has(f.attr)) {
      const span = n.span;
      const obj = name(`__init_self_${span.line}_${span.col}`, span);
      const call: A.CallExpr = {
        ...n.value,
        func: { ...f, value: obj },
        args: rewrite(n.value.args, ctx) as A.Expr[],
        keywords: rewrite(n.value.keywords, ctx) as A.Keyword[],
      };
      return [
        { kind: 'Assign', targets: [obj], value: ctx.ctor.result(), span },
        { kind: 'Expr', value: call, span },
        ...[...ctx.ctor.fields].map(
          (x): A.Stmt => ({
            kind: 'Assign',
            targets: [name(`self_${x}`, span)],
            value: { kind: 'Attribute', value: obj, attr: x, span },
            span,
          }),
        ),
      ];
    }
  }
  return [rewrite(v, ctx)];
}

function rewriteOne(v: object, ctx: Rewrite): unknown {
  const n = v as A.Expr;
  const self = ctx.selfName;
  // `type(self)` / `self.__class__`: each class's copy of the method knows its class (`type(self)(...)` builds one,
  // `type(self).__name__` names it).
  if (
    self !== undefined &&
    ((n.kind === 'Call' &&
      n.func.kind === 'Name' &&
      n.func.id === 'type' &&
      n.args.length === 1 &&
      n.keywords.length === 0 &&
      isSelf(n.args[0]!, self)) ||
      (n.kind === 'Attribute' && n.attr === '__class__' && isSelf(n.value, self)))
  )
    return name(ctx.cls, n.span);
  // `self.m(...)` in `__init__`: reported once, for the attribute, and the call dropped.
  if (ctx.ctor && n.kind === 'Call' && n.func.kind === 'Attribute' && isSelf(n.func.value, self))
    if (!ctx.ctor.fields.has(n.func.attr) && !ctx.constants.has(n.func.attr)) {
      rewriteOne(n.func, ctx);
      return { kind: 'None', span: n.span };
    }
  if (n.kind === 'Attribute' && n.value.kind === 'Name' && self !== undefined && n.value.id === self) {
    if (ctx.ctor) {
      if (ctx.ctor.fields.has(n.attr)) return name(`self_${n.attr}`, n.span);
      const c = ctx.constants.get(n.attr);
      if (c) return c;
      ctx.sink.report('E0202', n.span, {
        construct: `\`${self}.${n.attr}\` in \`${ctx.cls}.__init__\``,
        hint: ctx.defs.has(n.attr)
          ? 'a method runs in `__init__` as a statement of its own once every field is assigned and annotated (`self.n: int = 0`); otherwise compute the value in a @staticmethod or a module function and assign it to a field'
          : `\`__init__\` assigns no field \`${n.attr}\``,
      });
      return { kind: 'None', span: n.span };
    }
    // A class constant read through `self` (a field of that name wins, as an instance attribute does).
    const c = ctx.constants.get(n.attr);
    if (c && !ctx.fieldNames.has(n.attr) && !ctx.defs.has(n.attr)) return c;
  }
  if (n.kind === 'Attribute' && n.value.kind === 'Name' && ctx.clsName !== undefined && n.value.id === ctx.clsName) {
    const c = ctx.constants.get(n.attr);
    if (c) return c;
    return { ...n, value: name(ctx.cls, n.value.span) };
  }
  if (n.kind === 'Name' && ctx.clsName !== undefined && n.id === ctx.clsName) return name(ctx.cls, n.span);
  if (n.kind === 'Name' && ctx.ctor && self !== undefined && n.id === self) {
    ctx.sink.report('E0202', n.span, {
      construct: `\`${self}\` used as a value in \`${ctx.cls}.__init__\``,
      hint: 'the object does not exist until `__init__` returns; only `self.NAME` reads and assignments are supported there',
    });
    return n;
  }
  if (n.kind === 'Call') {
    const m = superMethod(n);
    if (m !== undefined) {
      // `super().m(args)`: the next class's method in the order, called with `self` first.
      const next = ctx.order
        .slice(ctx.at + 1)
        .find((c) => c.body.some((s) => s.kind === 'FunctionDef' && s.name === m));
      const fn = next ? ctx.plans.get(next.name)?.methods.get(m) : undefined;
      if (!fn || fn.kind !== 'instance' || self === undefined) {
        ctx.sink.report('E0202', n.span, {
          construct: `\`super().${m}(...)\` here`,
          hint: 'call the method of a user base class from an instance method',
        });
        return n;
      }
      return {
        ...n,
        func: name(fn.fn, n.func.span),
        args: [name(self, n.span), ...(rewrite(n.args, ctx) as A.Expr[])],
        keywords: rewrite(n.keywords, ctx),
      };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(v))
    out[k] = k === 'span' || k === 'nameSpan' ? child : typeof child === 'object' ? rewrite(child, ctx) : child;
  if (RAW_NEW.has(v as A.CallExpr)) RAW_NEW.add(out as unknown as A.CallExpr);
  return out;
}

/** `super().__init__(args)` in a constructor: the base class built from the arguments, its fields copied into ours. */
function superInit(call: A.CallExpr, ctx: Rewrite): A.Stmt[] {
  const base = ctx.order.slice(ctx.at + 1).find((c) => ctx.plans.get(c.name)?.kind === 'plain');
  const span = call.span;
  if (!base) return [];
  const tmp = `__base_${base.name}`;
  const args = rewrite(call.args, ctx) as A.Expr[];
  const keywords = rewrite(call.keywords, ctx) as A.Keyword[];
  const out: A.Stmt[] = [
    {
      kind: 'Assign',
      targets: [name(tmp, span)],
      value: { kind: 'Call', func: name(base.name, span), args, keywords, span },
      span,
    },
  ];
  for (const f of ctx.plans.get(base.name)!.fields)
    out.push({
      kind: 'Assign',
      targets: [name(`self_${f.name}`, span)],
      value: { kind: 'Attribute', value: name(tmp, span), attr: f.name, span },
      span,
    });
  return out;
}
