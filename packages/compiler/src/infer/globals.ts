/**
 * Changes of module-level values (ARCHITECTURE.md, "Module-level state"). A constant that lower made a cell
 * (`lower/globals.ts`, `IrConstant.cell`) may be changed by any function: the emitter locks it for the change. Any
 * other module-level value stays a constant of compiled code, and changing it is E0208.
 */
import type { Span } from '../diagnostics/diagnostic';
import type { IrConstant } from '../ir/ir';
import { type Type, isComplete, typeToString } from '../types/types';

export type Report = (code: 'E0207' | 'E0208', span: Span, args: Record<string, string>) => void;

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
