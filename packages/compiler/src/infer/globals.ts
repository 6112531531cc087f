/**
 * Changes of module-level values (ARCHITECTURE.md, "Module-level state"). A constant that lower made a cell
 * (`lower/globals.ts`, `IrConstant.cell`) may be changed by any function: the emitter locks it for the change. Any
 * other module-level value stays a constant of compiled code, and changing it is E0208.
 */
import type { Span } from '../diagnostics/diagnostic';
import { type IrConstant, type IrExpr, type IrTarget, exprChildren, forEachExpr, forEachStmt } from '../ir/ir';
import { type FunctionInstance, mutableRoot } from '../ir/typed';
import { type Type, isComplete, typeToString } from '../types/types';

export type Report = (code: 'E0202' | 'E0207' | 'E0208', span: Span, args: Record<string, string>) => void;

/** Whether `name`'s change at `span` is allowed; reports why not. */
export function checkGlobalChange(
  constants: ReadonlyMap<string, IrConstant>,
  name: string,
  span: Span,
  report: Report,
): boolean {
  const c = constants.get(name);
  if (!c?.cell) {
    report('E0208', span, { name });
    return false;
  }
  if (holdsFunctions(c.type)) {
    report('E0202', span, {
      construct: `changing the module-level \`${name}\`, which holds functions, while the module runs`,
      hint: 'fill a table of functions where the module is imported (a literal, or decorators that register them) and only read it in functions',
    });
    return false;
  }
  if (!isComplete(c.type)) {
    report('E0207', span, { name, type: typeToString(c.type), hint: annotationHint(name, c.type) });
    return false;
  }
  return true;
}

function annotationHint(name: string, t: Type): string {
  const example =
    t.kind === 'list'
      ? 'list[str] = []'
      : t.kind === 'dict'
        ? 'dict[str, int] = {}'
        : t.kind === 'set'
          ? 'set[int] = set()'
          : t.kind === 'none'
            ? 'Optional[str] = None'
            : 'T = ...';
  return `annotate it where the module binds it, for example \`${name}: ${example}\``;
}

/**
 * The type of a computed cell: what its function returns, with the holes the annotation fills (`defaultdict(list)`
 * declared `dict[str, list[float]]` is a `defaultdict[str, list[float]]`, inserting as it does).
 */
export function cellType(t: Type, declared: Type | undefined): Type {
  if (!declared) return t;
  if (t.kind === 'unknown') return declared;
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'deque':
    case 'optional':
      return declared.kind === t.kind || (declared.kind === 'list' && t.kind === 'deque')
        ? { ...t, item: cellType(t.item, (declared as { item: Type }).item) }
        : t;
    case 'dict':
      return declared.kind === 'dict'
        ? { ...t, key: cellType(t.key, declared.key), value: cellType(t.value, declared.value) }
        : t;
    case 'tuple':
      return declared.kind === 'tuple' && declared.items.length === t.items.length
        ? { ...t, items: t.items.map((x, i) => cellType(x, declared.items[i])) }
        : t;
    default:
      return t;
  }
}

/**
 * The module cells a function changes, in its body or through the module functions and methods it calls: a caller
 * holding a copy of one (`log = LOG`, a loop over it) no longer sees what CPython's shared object would show.
 */
export function changedCells(
  inst: FunctionInstance,
  instances: ReadonlyMap<string, FunctionInstance>,
  constants: ReadonlyMap<string, IrConstant>,
  memo: Map<string, Set<string>> = new Map(),
): Set<string> {
  const known = memo.get(inst.key);
  if (known) return known;
  const out = new Set<string>();
  memo.set(inst.key, out);
  const cell = (e: IrExpr | undefined): void => {
    const r = e ? mutableRoot(e) : undefined;
    if (r?.kind === 'global' && constants.get(r.name)?.cell) out.add(r.name);
  };
  const callee = (key: string | undefined): void => {
    const c = key ? instances.get(key) : undefined;
    if (c) for (const n of changedCells(c, instances, constants, memo)) out.add(n);
  };
  const visitExpr = (e: IrExpr): void => {
    if (e.kind === 'op' && e.resolution?.mutates) cell(e.args[e.resolution.mutatedArg ?? 0]);
    if (e.kind === 'call') callee(e.instance);
    if (e.kind === 'op') for (const c of Object.values(e.resolution?.callables ?? {})) callee(c.instance);
    if (e.kind === 'lambda') for (const i of instances.values()) if (i.fn.name === e.fn) callee(i.key);
    exprChildren(e).forEach(visitExpr);
  };
  const targets = (t: IrTarget): void => {
    if (t.kind === 'global') out.add(t.name);
    else if (t.kind === 'tuple') t.items.forEach(targets);
    else if (t.kind === 'index' || t.kind === 'attr') cell(t.object);
  };
  forEachStmt(inst.fn.body, (st) => {
    if (st.kind === 'assign' || st.kind === 'for') targets(st.target);
  });
  forEachExpr(inst.fn.body, visitExpr);
  return out;
}

/** The module-level container a function's result is (`def get_log(): return LOG`): the caller's name shares it. */
export function returnedCell(inst: FunctionInstance, constants: ReadonlyMap<string, IrConstant>): string | undefined {
  let found: string | undefined;
  forEachStmt(inst.fn.body, (st) => {
    // A scalar (`return cls.created`) is copied, never shared.
    const scalar = st.kind === 'return' && ['int', 'float', 'bool', 'str', 'none'].includes(st.value?.type?.kind ?? '');
    const r = st.kind === 'return' && st.value && !scalar ? mutableRoot(st.value) : undefined;
    if (r?.kind === 'global' && constants.has(r.name)) found = r.name;
  });
  return found;
}

function holdsFunctions(t: Type): boolean {
  switch (t.kind) {
    case 'callable':
      return true;
    case 'list':
    case 'set':
    case 'deque':
    case 'optional':
      return holdsFunctions(t.item);
    case 'dict':
      return holdsFunctions(t.key) || holdsFunctions(t.value);
    case 'tuple':
      return t.items.some(holdsFunctions);
    default:
      return false;
  }
}
