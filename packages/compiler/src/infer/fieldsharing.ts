/**
 * Sharing between two fields of one object. `self.history.append(self.cur)` (or `self.best = self.cur`,
 * `self.by_key[k] = self.cur`) makes CPython's object hold the same container twice; compiled code stores a copy. The
 * two agree while neither place is changed in place afterwards: a later `self.cur.append(x)` (in any method of the
 * class, or through any instance) shows through `self.history[-1]` in CPython only. The aliasing check of
 * `infer/aliasing.ts` follows locals, not fields, so this check reports such a store (E0313) when the class changes the
 * stored field in place, or the items of the field it was stored into, anywhere in the program, unless the statement
 * right after the store binds the stored field to a new value (`self.history.append(self.cur); self.cur = []`: the old
 * container is then held only by the other place).
 */
import type { DiagnosticSink, Span } from '../diagnostics/diagnostic';
import type { IrExpr, IrStmt } from '../ir/ir';
import { exprChildren, forEachExpr, forEachStmt } from '../ir/ir';
import type { FunctionInstance } from '../ir/typed';

/** The ops that store their other arguments in their receiver (as in `infer/aliasing.ts`). */
const STORES = new Set([
  'list.append',
  'list.insert',
  'deque.append',
  'deque.appendleft',
  'deque.insert',
  'dict.setdefault',
  'heapq.heappush',
]);

/** A field read `x.f` of a class instance held in a local: its local, class and field. */
interface FieldRef {
  local: string;
  struct: string;
  field: string;
}

function fieldRef(e: IrExpr | undefined): FieldRef | undefined {
  if (
    e?.kind !== 'op' ||
    !e.op.startsWith('attr.') ||
    e.resolution?.variant === 'method' ||
    e.args[0]?.kind !== 'local' ||
    e.args[0].type?.kind !== 'struct'
  )
    return undefined;
  return { local: e.args[0].name, struct: e.args[0].type.name, field: e.op.slice('attr.'.length) };
}

/** Whether a value of this type is a container or an instance, shared by reference in CPython. */
function shared(e: IrExpr): boolean {
  const k = e.type?.kind;
  return k === 'list' || k === 'deque' || k === 'dict' || k === 'set' || k === 'struct';
}

/** The field read at the root of a place below it (`x.f[i]`, `x.f[i][j]`): the place's field, with its depth. */
function placeField(e: IrExpr, depth = 0): { ref: FieldRef; depth: number } | undefined {
  const r = fieldRef(e);
  if (r) return { ref: r, depth };
  if (e.kind === 'op' && e.resolution?.entry === 'operator.getitem' && e.args[1]?.kind !== 'slice' && e.args[0])
    return placeField(e.args[0], depth + 1);
  return undefined;
}

interface Store {
  stored: FieldRef;
  into: FieldRef;
  /** How far below the field `into` the stored value is held (`self.g = self.f` 0, `self.g.append(self.f)` 1). */
  depth: number;
  span: Span;
}

export function checkFieldSharing(instances: Iterable<FunctionInstance>, sink: DiagnosticSink): void {
  const stores: Store[] = [];
  /** Fields changed in place, `Class.field` at the depth below the field (0: the field's own container). */
  const changed = new Map<string, number>();
  const change = (e: IrExpr): void => {
    const p = placeField(e);
    if (!p) return;
    const key = `${p.ref.struct}.${p.ref.field}`;
    changed.set(key, Math.max(changed.get(key) ?? -1, p.depth));
  };
  for (const inst of instances) {
    // Stores of one field into another place of the same object, with the statement after them in their block.
    const visitBlock = (body: IrStmt[]): void => {
      body.forEach((st, i) => {
        const next = body[i + 1];
        const rebinds = (r: FieldRef): boolean =>
          next?.kind === 'assign' &&
          next.target.kind === 'attr' &&
          next.target.attr === r.field &&
          next.target.object.kind === 'local' &&
          next.target.object.name === r.local;
        /** `value` goes into `into` (`inside`: as an item of it, else as its field's value). */
        const consider = (value: IrExpr, into: IrExpr, span: Span, inside: boolean): void => {
          const stored = fieldRef(value);
          const target = placeField(into);
          if (!stored || !target || !shared(value)) return;
          if (stored.local !== target.ref.local) return;
          if (stored.field === target.ref.field) return;
          if (rebinds(stored)) return;
          stores.push({ stored, into: target.ref, depth: target.depth + (inside ? 1 : 0), span });
        };
        const visitExpr = (e: IrExpr): void => {
          if (e.kind === 'op' && e.resolution && STORES.has(e.resolution.entry) && e.args[0])
            for (const a of e.args.slice(1)) consider(a, e.args[0], a.span, true);
          exprChildren(e).forEach(visitExpr);
        };
        if (st.kind === 'assign') {
          if (st.target.kind === 'attr') {
            const into: IrExpr = {
              kind: 'op',
              op: `attr.${st.target.attr}`,
              args: [st.target.object],
              kwargs: new Map(),
              span: st.target.span,
            } as IrExpr;
            if (st.target.object.kind === 'local' && st.target.object.type?.kind === 'struct')
              consider(st.value, into, st.value.span, false);
          } else if (st.target.kind === 'index') consider(st.value, st.target.object, st.value.span, true);
        }
        if (st.kind === 'if' || st.kind === 'while') visitExpr(st.test);
        else if (st.kind === 'for') visitExpr(st.iter);
        else if (st.kind !== 'try') forEachExpr([st], visitExpr);
        if (st.kind === 'if' || st.kind === 'for' || st.kind === 'while') {
          visitBlock(st.body);
          visitBlock(st.orelse);
        } else if (st.kind === 'try') {
          visitBlock(st.body);
          st.handlers.forEach((h) => visitBlock(h.body));
          visitBlock(st.orelse);
          visitBlock(st.finalbody);
        }
      });
    };
    visitBlock(inst.fn.body);
    // In-place changes of fields: a mutating op's receiver, an item or field assigned below a field.
    const visitChange = (e: IrExpr): void => {
      if (e.kind === 'op' && e.resolution?.mutates) {
        const a = e.args[e.resolution.mutatedArg ?? 0];
        if (a) change(a);
      }
      exprChildren(e).forEach(visitChange);
    };
    forEachExpr(inst.fn.body, visitChange);
    forEachStmt(inst.fn.body, (st) => {
      if (st.kind === 'assign' && (st.target.kind === 'index' || st.target.kind === 'attr')) change(st.target.object);
    });
  }
  const reported = new Set<string>();
  for (const s of stores) {
    const a = changed.get(`${s.stored.struct}.${s.stored.field}`);
    const b = changed.get(`${s.into.struct}.${s.into.field}`);
    // The stored container changes in place, or the place it went into changes at its depth or below.
    if (a === undefined && (b === undefined || b < s.depth)) continue;
    const key = `${s.span.file}:${s.span.line}:${s.span.col}`;
    if (reported.has(key)) continue;
    reported.add(key);
    sink.report('E0313', s.span, {
      name: `${s.stored.local}.${s.stored.field}`,
      source: `${s.into.local}.${s.into.field}`,
    });
  }
}
