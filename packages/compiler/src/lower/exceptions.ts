/**
 * Exception classes the user defines (`class ParseError(ValueError): pass`, or with an `__init__` that calls
 * `super().__init__(msg)` and sets attributes). Module analysis finds them here; the function lowerer turns each
 * `raise Cls(...)` into plain assignments of the constructor's arguments and attribute values to hidden locals and an
 * IR `raise` that carries the class chain, `args` and attributes (`IrUserRaise`), so infer and emit never see the
 * class's body. At run time the instance is the builtin exception of its nearest builtin base, tagged with its
 * classes (`rt::PyErr::user`): handlers match it by any class in its hierarchy, and it crosses the C ABI as that
 * builtin base, with CPython's `str(e)` as its message.
 */
import type * as A from '../parse/ast';

export interface ExceptionClass {
  name: string;
  /** The user classes from this one up to the builtin base, most derived first. */
  classes: string[];
  /** The nearest builtin base, an exception class the runtime names (`ValueError`, `LookupError`, `Exception`). */
  builtin: string;
  /** The `__init__` in effect: the class's own or the nearest user base's. */
  init: A.FunctionDef | undefined;
  /** The class that defines `init`. */
  initOwner: string | undefined;
  /** The first user base, whose `__init__` a `super().__init__(...)` of this class's runs. */
  parent: string | undefined;
  /**
   * Class-level constants (`status = 500`), inherited ones first and the class's own overriding them: each instance
   * carries them as attributes, which its `__init__` may override.
   */
  consts: Map<string, A.Expr>;
  /** Methods (`def to_dict(self)`, `__str__`), the class's own and inherited: the class that defines each. */
  methods: Map<string, { def: A.FunctionDef; owner: string }>;
  /** Members other than a docstring, `pass`, constants, `__init__` and plain methods, which are not supported. */
  unsupported: A.Stmt[];
}

/**
 * The exception class `cls` defines, when one of its bases is a builtin exception class (`builtins`) or an
 * exception class defined before it (`known`); undefined for any other class.
 */
export function analyzeExceptionClass(
  cls: A.ClassDef,
  known: Map<string, ExceptionClass>,
  builtins: Set<string>,
): ExceptionClass | undefined {
  // Several bases (`class BadValue(ConfigError, ValueError)`): the user classes of each, in order, and the most
  // specific builtin base among them (Exception only when no base has another), as CPython's MRO finds it.
  const parents: ExceptionClass[] = [];
  const builtinBases: string[] = [];
  for (const b of cls.bases) {
    if (b.kind !== 'Name') continue;
    const base = known.get(b.id);
    if (base) {
      parents.push(base);
      builtinBases.push(base.builtin);
    } else if (builtins.has(b.id)) builtinBases.push(b.id);
  }
  if (builtinBases.length === 0) return undefined;
  const parent = parents[0];
  const builtin = builtinBases.find((b) => b !== 'Exception') ?? 'Exception';
  let init = parent?.init;
  let initOwner = parent?.initOwner;
  const unsupported: A.Stmt[] = [];
  // Inherited members in reverse method resolution order, so the nearer base's win.
  const consts = new Map<string, A.Expr>();
  const methods = new Map<string, { def: A.FunctionDef; owner: string }>();
  for (const p of [...parents].reverse()) {
    for (const [k, v] of p.consts) consts.set(k, v);
    for (const [k, v] of p.methods) methods.set(k, v);
  }
  for (const st of cls.body) {
    if (st.kind === 'Pass' || (st.kind === 'Expr' && st.value.kind === 'Str')) continue;
    if (st.kind === 'FunctionDef' && st.name === '__init__') {
      init = st;
      initOwner = cls.name;
    } else if (st.kind === 'Assign' && st.targets.length === 1 && st.targets[0]!.kind === 'Name')
      consts.set(st.targets[0]!.id, st.value);
    else if (st.kind === 'AnnAssign' && st.target.kind === 'Name' && st.value) consts.set(st.target.id, st.value);
    else if (
      st.kind === 'FunctionDef' &&
      st.decorators.length === 0 &&
      !st.isAsync &&
      st.params[0]?.name === 'self' &&
      !st.params.some((p) => p.star)
    )
      methods.set(st.name, { def: st, owner: cls.name });
    else unsupported.push(st);
  }
  return {
    name: cls.name,
    classes: [cls.name, ...new Set(parents.flatMap((p) => p.classes))],
    builtin,
    init,
    initOwner,
    parent: parent?.name,
    consts,
    methods,
    unsupported,
  };
}

/**
 * Whether `call` is `super().__init__(...)` or `Base.__init__(self, ...)`; the arguments and keywords it passes on.
 */
export function superInitCall(st: A.Stmt): { args: A.Expr[]; keywords: A.Keyword[] } | undefined {
  if (st.kind !== 'Expr' || st.value.kind !== 'Call') return undefined;
  const call = st.value;
  const f = call.func;
  if (f.kind !== 'Attribute' || f.attr !== '__init__') return undefined;
  if (f.value.kind === 'Call' && f.value.func.kind === 'Name' && f.value.func.id === 'super')
    return { args: call.args, keywords: call.keywords };
  if (f.value.kind === 'Name' && call.args[0]?.kind === 'Name' && call.args[0].id === 'self')
    return { args: call.args.slice(1), keywords: call.keywords };
  return undefined;
}

/** `self.name` as an assignment target or a read in `__init__`: the attribute's name. */
export function selfAttribute(e: A.Expr): string | undefined {
  return e.kind === 'Attribute' && e.value.kind === 'Name' && e.value.id === 'self' ? e.attr : undefined;
}

/**
 * A copy of `e` in which each parameter name and each `self.attr` read is replaced by the expression `names` maps it
 * to (the hidden local holding its value at the raise site). A deep copy over the AST's plain data.
 */
export function substitute(e: A.Expr, names: Map<string, A.Expr>, attrs: Map<string, A.Expr>): A.Expr {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (!v || typeof v !== 'object') return v;
    const node = v as A.Expr;
    if (node.kind === 'Name' && names.has(node.id)) return names.get(node.id);
    const attr = node.kind === 'Attribute' ? selfAttribute(node) : undefined;
    if (attr !== undefined && attrs.has(attr)) return attrs.get(attr);
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) out[k] = k === 'span' || k === 'nameSpan' ? child : visit(child);
    return out;
  };
  return visit(e) as A.Expr;
}
