/**
 * Class attributes shared by all instances and changed at run time (`class Counter: count = 0` with
 * `Counter.count += 1` in `__init__`, `cls.created += 1` in a classmethod, `type(self).n += 1`,
 * `self.__class__.cache[k] = v`), before lowering: such an attribute is one value per process, as CPython keeps it on
 * the class object, so it becomes a module-level value `<Class>__attr_<name>` bound right after the class, every
 * reference to it (`Cls.X`, and in the class's own methods `cls.X`, `type(self).X`, `self.__class__.X`, `self.X`)
 * names that value, and a function that rebinds it declares it `global`. The module-state machinery
 * (`lower/globals.ts`) then makes it a cell.
 *
 * Only a class no other class derives from is rewritten (in CPython `cls.X += 1` on a subclass gives the subclass an
 * attribute of its own), whose bases are module classes or `object`, and whose methods never set `self.X` (an instance
 * attribute that would shadow it). Attributes only read stay class constants (`lower/classes.ts`).
 */
import type * as A from '../parse/ast';
import { isNode, mapSyntax, walkSyntax } from '../parse/walk';
import { CHANGING_METHODS } from './mutation';

/** The module-level name a changed class attribute becomes. */
export function classAttrGlobal(cls: string, attr: string): string {
  return `${cls}__attr_${attr}`;
}

interface MethodCtx {
  cls: string;
  /** The receiver's name (`self`, or `cls` in a classmethod) and whether it is the class itself. */
  recv: string | undefined;
  isClass: boolean;
}

export function hoistClassState(m0: A.Module): A.Module {
  const m = classReadsThroughSelf(m0);
  const classes = new Map<string, A.ClassDef>();
  for (const st of m.body) if (st.kind === 'ClassDef') classes.set(st.name, st);
  const derived = new Set<string>();
  for (const c of classes.values()) for (const b of c.bases) if (b.kind === 'Name') derived.add(b.id);
  const plainBases = (c: A.ClassDef, depth = 0): boolean =>
    depth < 16 &&
    c.keywords.length === 0 &&
    c.bases.every(
      (b) =>
        b.kind === 'Name' && (b.id === 'object' || (classes.has(b.id) && plainBases(classes.get(b.id)!, depth + 1))),
    );
  // Each candidate class's attributes bound in its body, with their statements.
  const attrs = new Map<string, Map<string, A.AssignStmt | A.AnnAssignStmt>>();
  for (const c of classes.values()) {
    if (derived.has(c.name) || !plainBases(c)) continue;
    const dataclass = c.decorators.some((d) => {
      const f = d.kind === 'Call' ? d.func : d;
      return (f.kind === 'Name' && f.id === 'dataclass') || (f.kind === 'Attribute' && f.attr === 'dataclass');
    });
    const own = new Map<string, A.AssignStmt | A.AnnAssignStmt>();
    for (const st of c.body) {
      if (st.kind === 'Assign' && st.targets.length === 1 && st.targets[0]!.kind === 'Name')
        own.set(st.targets[0]!.id, st);
      // In a dataclass an annotated name is a field, not a class attribute.
      else if (st.kind === 'AnnAssign' && st.target.kind === 'Name' && st.value && !dataclass)
        own.set(st.target.id, st);
    }
    const instance = new Set<string>();
    const methods = new Set<string>();
    for (const st of c.body)
      if (st.kind === 'FunctionDef') {
        methods.add(st.name);
        const self = st.params[0]?.name;
        walkSyntax(st.body, (n) => {
          const s = n as unknown as A.Stmt;
          const targets =
            s.kind === 'Assign' ? s.targets : s.kind === 'AugAssign' || s.kind === 'AnnAssign' ? [s.target] : [];
          for (const t of targets)
            if (t.kind === 'Attribute' && t.value.kind === 'Name' && t.value.id === self && !isClassMethod(st))
              instance.add(t.attr);
        });
      }
    for (const x of [...own.keys()]) if (instance.has(x) || methods.has(x)) own.delete(x);
    if (own.size > 0) attrs.set(c.name, own);
  }
  if (attrs.size === 0) return m;

  /** The class attribute a reference names, in a method of `ctx.cls` or anywhere (`Cls.X`). */
  const refOf = (e: A.Expr, ctx: MethodCtx | undefined): { cls: string; attr: string } | undefined => {
    if (e.kind !== 'Attribute') return undefined;
    const v = e.value;
    let cls: string | undefined;
    if (v.kind === 'Name' && attrs.has(v.id) && v.id !== ctx?.recv) cls = v.id;
    else if (ctx && ctx.recv !== undefined) {
      const isRecv = (x: A.Expr): boolean => x.kind === 'Name' && x.id === ctx.recv;
      if (ctx.isClass && isRecv(v)) cls = ctx.cls;
      else if (!ctx.isClass) {
        // `type(self).X`, `self.__class__.X`, and a read `self.X` of an attribute no instance sets.
        if (
          v.kind === 'Call' &&
          v.func.kind === 'Name' &&
          v.func.id === 'type' &&
          v.args.length === 1 &&
          isRecv(v.args[0]!)
        )
          cls = ctx.cls;
        else if (v.kind === 'Attribute' && v.attr === '__class__' && isRecv(v.value)) cls = ctx.cls;
        else if (isRecv(v)) cls = ctx.cls;
      }
    }
    if (cls === undefined || !attrs.get(cls)?.has(e.attr)) return undefined;
    return { cls, attr: e.attr };
  };
  /** The attribute a statement changes: rebinding it, an item of it, or a changing method called on it. */
  const changed = (root: unknown, ctx: MethodCtx | undefined, out: Set<string>, rebound: Set<string>): void => {
    walkSyntax(root, (n) => {
      if (n['kind'] === 'FunctionDef' || n['kind'] === 'ClassDef' || n['kind'] === 'Lambda') return false;
      const s = n as unknown as A.Stmt;
      const note = (t: A.Expr, rebind: boolean): void => {
        let x = t;
        while (!rebind && x.kind === 'Subscript') x = x.value;
        const r = refOf(x, ctx);
        if (!r) return;
        out.add(`${r.cls}.${r.attr}`);
        if (rebind && x === t) rebound.add(classAttrGlobal(r.cls, r.attr));
      };
      const targets = s.kind === 'Assign' ? s.targets : s.kind === 'AugAssign' ? [s.target] : [];
      for (const t of targets) if (t.kind === 'Attribute' || t.kind === 'Subscript') note(t, t.kind === 'Attribute');
      const e = n as unknown as A.Expr;
      if (e.kind === 'Call' && e.func.kind === 'Attribute' && CHANGING_METHODS.has(e.func.attr))
        note(e.func.value, false);
      return undefined;
    });
  };
  // Which attributes any code changes.
  const changedAttrs = new Set<string>();
  const visitDefs = (body: A.Stmt[], ctx: MethodCtx | undefined): void => {
    changed(body, ctx, changedAttrs, new Set());
    walkSyntax(body, (n) => {
      if (n['kind'] === 'FunctionDef') {
        changed((n as unknown as A.FunctionDef).body, ctx, changedAttrs, new Set());
        visitDefs((n as unknown as A.FunctionDef).body, ctx);
        return false;
      }
      return undefined;
    });
  };
  for (const st of m.body) {
    if (st.kind === 'FunctionDef') visitDefs([st], undefined);
    else if (st.kind === 'ClassDef')
      for (const d of st.body)
        if (d.kind === 'FunctionDef') visitDefs(d.body, methodCtx(st.name, d));
        else changed(st, undefined, changedAttrs, new Set());
  }
  for (const [cls, own] of attrs) {
    for (const x of [...own.keys()]) if (!changedAttrs.has(`${cls}.${x}`)) own.delete(x);
    if (own.size === 0) attrs.delete(cls);
  }
  if (attrs.size === 0) return m;

  const rewriteExpr = <T>(root: T, ctx: MethodCtx | undefined): T =>
    mapSyntax(root, (n) => {
      if (n['kind'] === 'FunctionDef' || n['kind'] === 'ClassDef') return n;
      const e = n as unknown as A.Expr;
      const r = refOf(e, ctx);
      if (r) return { kind: 'Name', id: classAttrGlobal(r.cls, r.attr), span: e.span } as A.Expr;
      return undefined;
    });
  /** A function's body with the references named, `global` declared for what it rebinds, nested defs too. */
  const rewriteDef = (def: A.FunctionDef, ctx: MethodCtx | undefined): A.FunctionDef => {
    const rebound = new Set<string>();
    changed(def.body, ctx, new Set(), rebound);
    const body = mapSyntax(def.body, (n) => {
      if (n['kind'] === 'FunctionDef') return rewriteDef(n as unknown as A.FunctionDef, ctx);
      if (n['kind'] === 'ClassDef') return n;
      const e = n as unknown as A.Expr;
      if (!isNode(e)) return undefined;
      const r = refOf(e, ctx);
      if (r) return { kind: 'Name', id: classAttrGlobal(r.cls, r.attr), span: e.span } as A.Expr;
      return undefined;
    });
    const decl: A.Stmt[] =
      rebound.size > 0 ? [{ kind: 'Global', names: [...rebound], nonlocal: false, span: def.span } as A.Stmt] : [];
    return { ...def, body: [...decl, ...body] };
  };
  const out: A.Stmt[] = [];
  for (const st of m.body) {
    if (st.kind === 'FunctionDef') out.push(rewriteDef(st, undefined));
    else if (st.kind === 'ClassDef') {
      const own = attrs.get(st.name);
      const kept = own ? st.body.filter((s) => ![...own.values()].includes(s as A.AssignStmt)) : st.body;
      out.push({
        ...st,
        body: kept.map((d) => (d.kind === 'FunctionDef' ? rewriteDef(d, methodCtx(st.name, d)) : d)),
      });
      for (const [x, s] of own ?? []) {
        const target: A.NameExpr = { kind: 'Name', id: classAttrGlobal(st.name, x), span: s.span };
        out.push(s.kind === 'Assign' ? { ...s, targets: [target] } : { ...s, target });
      }
    } else out.push(rewriteExpr(st, undefined));
  }
  return { ...m, body: out };
}

function isClassMethod(def: A.FunctionDef): boolean {
  return def.decorators.some((d) => d.kind === 'Name' && d.id === 'classmethod');
}

function methodCtx(cls: string, def: A.FunctionDef): MethodCtx {
  const statik = def.decorators.some((d) => d.kind === 'Name' && d.id === 'staticmethod');
  return { cls, recv: statik ? undefined : def.params[0]?.name, isClass: isClassMethod(def) };
}

/**
 * In a method, `type(self).X` and `self.__class__.X` read the class attribute X of the instance's class, which is what
 * `self.X` reads when no instance attribute X is set: they become `self.X` (class constants are read through `self`).
 * Those the class changes are left for `hoistClassState`; `__name__` and other dunders keep their own meaning.
 */
function classReadsThroughSelf(m: A.Module): A.Module {
  const body = m.body.map((st) => {
    if (st.kind !== 'ClassDef') return st;
    // Any attribute some method of the class sets (on whatever receiver) may be an instance's own.
    const stored = new Set<string>();
    walkSyntax(st.body, (n) => {
      const s = n as unknown as A.Stmt;
      const targets = s.kind === 'Assign' ? s.targets : s.kind === 'AugAssign' ? [s.target] : [];
      for (const t of targets) if (t.kind === 'Attribute') stored.add(t.attr);
    });
    return {
      ...st,
      body: st.body.map((d) => {
        if (d.kind !== 'FunctionDef' || isClassMethod(d)) return d;
        const self = methodCtx(st.name, d).recv;
        if (self === undefined) return d;
        const isSelf = (x: A.Expr): boolean => x.kind === 'Name' && x.id === self;
        return mapSyntax(d, (n) => {
          const e = n as unknown as A.Expr;
          if (e.kind !== 'Attribute' || e.attr.startsWith('__') || stored.has(e.attr)) return undefined;
          const v = e.value;
          const ofSelf =
            (v.kind === 'Call' &&
              v.func.kind === 'Name' &&
              v.func.id === 'type' &&
              v.args.length === 1 &&
              v.keywords.length === 0 &&
              isSelf(v.args[0]!)) ||
            (v.kind === 'Attribute' && v.attr === '__class__' && isSelf(v.value));
          if (!ofSelf) return undefined;
          return { ...e, value: { kind: 'Name', id: self, span: v.span } } as A.Expr;
        });
      }),
    };
  });
  return { ...m, body };
}
