/**
 * The aliasing check. Containers have value semantics in the emitted Rust (assignment copies),
 * while Python shares them. The two agree unless a name that shares a container with another
 * is mutated: `row = rows[0]; row.append(1)` changes `rows` in Python, not in the copy. Rather
 * than give a silently different answer, such code is rejected with a diagnostic, as is
 * passing a container to a helper that mutates its parameter.
 */
import type { DiagnosticSink, Span } from '../diagnostics/diagnostic';
import type { IrExpr, IrStmt, IrTarget } from '../ir/ir';
import type { OpChoice } from '../ir/choice';
import { exprChildren } from '../ir/ir';
import { type FunctionInstance, mutableRoot } from '../ir/typed';

/** Containers and class instances: Python shares them between names, compiled code copies them. */
function isContainer(e: IrExpr | undefined): boolean {
  const k = e?.type?.kind;
  return k === 'list' || k === 'dict' || k === 'set' || k === 'struct';
}

/** An expression that names an existing container (so binding it shares, in Python). */
function sharedSource(e: IrExpr): string | undefined {
  if (!isContainer(e)) return undefined;
  const root = mutableRoot(e);
  if (root && !(e.kind === 'op' && e.resolution?.entry === 'dict.setdefault')) return root.name;
  return undefined;
}

export function checkAliasing(
  inst: FunctionInstance,
  instances: ReadonlyMap<string, FunctionInstance>,
  sink: DiagnosticSink,
): void {
  const shares = new Map<string, { source: string; span: Span; instance: boolean }>();
  const mutated = new Set<string>();
  /**
   * Names changed through a class instance they hold (`b.x = 1`, `boxes[0].x = 1`, `b.items.append(v)`). A name that
   * shares an instance sees only such changes: sorting or appending to the list it came from changes no instance.
   */
  const changedInstances = new Set<string>();
  const calls: { e: IrExpr & { kind: 'call' } }[] = [];

  const visitExpr = (e: IrExpr): void => {
    if (e.kind === 'op' && e.resolution?.mutates && e.args[0]) {
      const root = mutableRoot(e.args[0]);
      if (root?.kind === 'local') mutated.add(root.name);
      if (root?.kind === 'local' && throughInstance(e.args[0])) changedInstances.add(root.name);
    }
    if (e.kind === 'call') calls.push({ e });
    if (e.kind === 'op' && e.resolution?.variant === 'method') checkMethodCall(e, e.resolution, instances, sink);
    if (e.kind === 'comp') {
      // Comprehension variables are fresh per item; their values are copies in Rust too, but
      // mutating them inside the comprehension would change the source in Python.
      for (const g of e.generators)
        if (isContainerItem(g.iter)) bindShared(g.target, rootName(g.iter), g.target.span, itemIsInstance(g.iter));
    }
    exprChildren(e).forEach(visitExpr);
  };
  const rootName = (e: IrExpr): string => mutableRoot(e)?.name ?? '?';
  const isContainerItem = (iter: IrExpr): boolean => {
    const t = iter.type;
    return (
      (t?.kind === 'list' || t?.kind === 'set') &&
      ['list', 'dict', 'set', 'struct'].includes(t.item.kind) &&
      mutableRoot(iter) !== undefined
    );
  };
  const itemIsInstance = (iter: IrExpr): boolean => {
    const t = iter.type;
    return (t?.kind === 'list' || t?.kind === 'set') && t.item.kind === 'struct';
  };
  const bindShared = (t: IrTarget, source: string, span: Span, instance: boolean): void => {
    if (t.kind === 'name') shares.set(t.name, { source, span, instance });
  };
  const visit = (body: IrStmt[]): void => {
    for (const st of body) {
      switch (st.kind) {
        case 'assign': {
          visitExpr(st.value);
          const src = sharedSource(st.value);
          if (src && st.target.kind === 'name' && src !== st.target.name)
            bindShared(st.target, src, st.target.span, st.value.type?.kind === 'struct');
          if (st.target.kind === 'index' || st.target.kind === 'attr') {
            visitExpr(st.target.object);
            if (st.target.kind === 'index') visitExpr(st.target.index);
            const root = st.target.kind === 'attr' ? mutableRoot(st.target.object) : mutableRoot(st.target.object);
            if (root?.kind === 'local') mutated.add(root.name);
            if (root?.kind === 'local' && throughInstance(st.target.object)) changedInstances.add(root.name);
          }
          break;
        }
        case 'for':
          visitExpr(st.iter);
          if (isContainerItem(st.iter))
            bindShared(st.target, rootName(st.iter), st.target.span, itemIsInstance(st.iter));
          visit(st.body);
          visit(st.orelse);
          break;
        case 'if':
        case 'while':
          visitExpr(st.test);
          visit(st.body);
          visit(st.orelse);
          break;
        case 'try':
          visit(st.body);
          st.handlers.forEach((h) => visit(h.body));
          visit(st.orelse);
          visit(st.finalbody);
          break;
        case 'return':
          if (st.value) visitExpr(st.value);
          break;
        case 'expr':
        case 'yield':
          visitExpr(st.value);
          break;
        case 'raise':
          if (st.message) visitExpr(st.message);
          break;
        case 'assert':
          visitExpr(st.test);
          if (st.message) visitExpr(st.message);
          break;
        default:
          break;
      }
    }
  };
  visit(inst.fn.body);

  for (const [name, { source, span, instance }] of shares) {
    const changed = instance ? changedInstances : mutated;
    if (changed.has(name) || changed.has(source)) {
      sink.report('E0313', span, { name, source });
    }
  }
  // A helper that mutates a container parameter would change the caller's container in Python.
  for (const { e } of calls) {
    const callee = e.instance ? instances.get(e.instance) : undefined;
    if (!callee) continue;
    const mutatedParams = mutatedLocals(callee);
    callee.fn.params.forEach((p, i) => {
      const arg = i < e.args.length ? e.args[i] : e.kwargs.get(p.name);
      if (arg && mutatedParams.has(p.name) && sharedSource(arg)) {
        sink.report('E0314', arg.span, { name: callee.fn.name, param: p.name });
      }
    });
  }
}

/**
 * A method that changes its `self` (`self.count += 1`, `self.cache[k] = v`, `self.items.append(x)`) would change the
 * caller's object in Python; compiled code passes instances by value, so the change would be lost. Such a call is
 * rejected rather than answered differently.
 */
function checkMethodCall(
  e: IrExpr & { kind: 'op' },
  r: OpChoice,
  instances: ReadonlyMap<string, FunctionInstance>,
  sink: DiagnosticSink,
): void {
  if (r.detail?.self === undefined) return;
  const callee = instances.get(r.callables!.m!.instance);
  const self = callee?.fn.params[0]?.name;
  if (!callee || self === undefined || !mutatedLocals(callee).has(self)) return;
  sink.report('E0202', e.span, {
    construct: `calling \`${r.entry}\`, which changes \`${self}\`,`,
    hint: 'an instance is a value in compiled code, so the change would not reach the caller; return the new values (or a new instance) instead, or set them in `__init__`',
  });
}

/** Whether a place is reached through a class instance (`b`, `b.items`, `boxes[0].x`'s object `boxes[0]`). */
function throughInstance(e: IrExpr): boolean {
  if (e.type?.kind === 'struct') return true;
  return e.kind === 'op' && e.args[0] !== undefined && e.kind === 'op' && mutableRoot(e) !== undefined
    ? throughInstance(e.args[0])
    : false;
}

function mutatedLocals(inst: FunctionInstance): Set<string> {
  const out = new Set<string>();
  const visitExpr = (e: IrExpr): void => {
    if (e.kind === 'op' && e.resolution?.mutates && e.args[0]) {
      const root = mutableRoot(e.args[0]);
      if (root?.kind === 'local') out.add(root.name);
    }
    exprChildren(e).forEach(visitExpr);
  };
  const visit = (body: IrStmt[]): void => {
    for (const st of body) {
      if (st.kind === 'assign') {
        visitExpr(st.value);
        if (st.target.kind === 'index' || st.target.kind === 'attr') {
          const r = mutableRoot(st.target.object);
          if (r?.kind === 'local') out.add(r.name);
        }
      } else if (st.kind === 'for') {
        visitExpr(st.iter);
        visit(st.body);
        visit(st.orelse);
      } else if (st.kind === 'if' || st.kind === 'while') {
        visitExpr(st.test);
        visit(st.body);
        visit(st.orelse);
      } else if (st.kind === 'try') {
        visit(st.body);
        st.handlers.forEach((h) => visit(h.body));
        visit(st.orelse);
        visit(st.finalbody);
      } else if (st.kind === 'expr' || st.kind === 'yield') visitExpr(st.value);
      else if (st.kind === 'return' && st.value) visitExpr(st.value);
    }
  };
  visit(inst.fn.body);
  return out;
}
