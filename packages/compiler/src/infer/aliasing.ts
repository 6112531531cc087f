/**
 * The aliasing check. Containers have value semantics in the emitted Rust (assignment copies),
 * while Python shares them. The two agree unless a name that shares a container with another
 * is mutated: `row = rows[0]; row.append(1)` changes `rows` in Python, not in the copy. Rather
 * than give a silently different answer, such code is rejected with a diagnostic, as is
 * passing a container to a helper that mutates its parameter.
 */
import type { DiagnosticSink, Span } from '../diagnostics/diagnostic';
import type { IrConstant, IrExpr, IrStmt, IrStruct, IrTarget } from '../ir/ir';
import type { OpChoice } from '../ir/choice';
import { exprChildren, forEachExpr, forEachStmt } from '../ir/ir';
import { type FunctionInstance, mutableRoot, refIndexes } from '../ir/typed';
import { changedCells, checkGlobalChange, returnedCell } from './globals';
import { Liveness } from './liveness';
import { type Type, typeEquals } from '../types/types';

/** The prefix of the hidden local a constructor runs a method of the object on (`__init_self_<line>_<col>`). */
const INIT_SELF = '__init_self_';

/** Containers and class instances: Python shares them between names, compiled code copies them. */
function isContainer(e: IrExpr | undefined): boolean {
  const k = e?.type?.kind;
  return k === 'list' || k === 'deque' || k === 'dict' || k === 'set' || k === 'struct';
}

/**
 * The ops whose value is a shallow copy of their first argument (`xs.copy()`, `xs[:]`, `list(xs)`, `copy.copy(x)`):
 * a new container holding the same items, which Python shares with the source.
 */
const SHALLOW_COPIES = new Set([
  'list.copy',
  'dict.copy',
  'deque.copy',
  'copy.copy',
  'builtins.list',
  'builtins.dict',
  'builtins.sorted',
  'collections.deque',
]);

/** The ops that store their other arguments in their receiver (`out.append(row)`): the receiver then holds them. */
const STORES = new Set([
  'list.append',
  'list.insert',
  'deque.append',
  'deque.appendleft',
  'deque.insert',
  'dict.setdefault',
  'heapq.heappush',
]);

/** Whether values of type `t` hold containers or class instances as their items (or, for an instance, its fields). */
function holdsShared(t: Type | undefined): boolean {
  if (!t) return false;
  const shared = (x: Type): boolean => ['list', 'deque', 'dict', 'set', 'struct'].includes(x.kind);
  switch (t.kind) {
    case 'list':
    case 'deque':
    case 'set':
      return shared(t.item);
    case 'dict':
      return shared(t.value);
    case 'struct':
      return true;
    default:
      return false;
  }
}

/** An instance, or a value holding instances or containers (what a loop over a view may name). */
/** Whether a value of `t` is a container or an instance, which a name bound to it shares with where it came from. */
function isContainerOrInstance(t: Type | undefined): boolean {
  return t !== undefined && ['list', 'deque', 'dict', 'set', 'struct'].includes(t.kind);
}

/**
 * The local a shallow copy takes its items from, when those items are containers: the copy is a new container, so
 * changing it is safe, but its items are the source's own in Python (`b = a.copy(); b[0].append(1)` changes `a[0]`).
 */
function shallowSource(e: IrExpr): string | undefined {
  if (!holdsShared(e.type)) return undefined;
  // `[a for a in xs if ...]`, `[a for i, a in enumerate(xs)]`: a new list of the same items.
  if (e.kind === 'comp' && e.comp !== 'dict' && e.element.kind === 'local' && e.generators.length === 1) {
    const g = e.generators[0]!;
    const names: IrTarget[] = [g.target];
    for (let n = names.pop(); n; n = names.pop())
      if (n.kind === 'tuple') names.push(...n.items);
      else if (n.kind === 'name' && n.name === e.element.name) return itemsRoot(g.iter);
    return undefined;
  }
  if (e.kind !== 'op' || !e.resolution || !e.args[0]) return undefined;
  const entry = e.resolution.entry;
  const slice = entry === 'operator.getitem' && e.args[1]?.kind === 'slice';
  // `xs + ys`: a new list of both lists' items (the left's is followed).
  if (!slice && !SHALLOW_COPIES.has(entry) && entry !== 'operator.add') return undefined;
  // `list(d.values())`: the dict's items.
  return itemsRoot(e.args[0]);
}

/**
 * The existing containers (lists, dicts, sets, deques) a display or a construction puts in the value it builds, at
 * any depth of displays (`{"items": items}`, `[row, [other]]`, `(a, b)`, `Box(items)`): Python's new value holds those
 * very containers.
 */
function literalParts(e: IrExpr, instances = false): IrExpr[] {
  // `[row for _ in range(n)]`, `{k: acc for k in keys}`: every item is the one container an outer local names.
  if (e.kind === 'comp' && e.comp !== 'generator') {
    const bound = new Set<string>();
    const names: IrTarget[] = e.generators.map((g) => g.target);
    for (let n = names.pop(); n; n = names.pop())
      if (n.kind === 'tuple') names.push(...n.items);
      else if (n.kind === 'name') bound.add(n.name);
    const item = e.comp === 'dict' ? e.value : e.element;
    return item && item.kind === 'local' && !bound.has(item.name) && isContainerOrInstance(item.type) ? [item] : [];
  }
  const parts =
    e.kind === 'list' || e.kind === 'tuple' || e.kind === 'set'
      ? e.items
      : e.kind === 'dict'
        ? [...e.keys, ...e.values]
        : e.kind === 'new'
          ? [...e.args, ...e.kwargs.values()]
          : [];
  // A class instance built in place (`[Point(1, 2)]`) shares nothing; one named by a local (`[a, b]`, `{"a": a}`) is
  // that very object (`instances`: the caller stores it one way, see `Share.oneWay`).
  return parts.flatMap((p) =>
    p.type?.kind === 'struct'
      ? instances && p.kind === 'local'
        ? [p]
        : []
      : sharedSource(p)
        ? [p]
        : literalParts(p, instances),
  );
}

/**
 * The containers a constructor call keeps in the instance it makes (`Transaction(store)` whose `__init__` sets
 * `self.store = store`): the arguments of the parameters its body binds as they are.
 */
function heldArgs(e: IrExpr, instances: ReadonlyMap<string, FunctionInstance>): IrExpr[] {
  // (Held at depth 1, in a field: see `changeDepth`.)
  if (e.kind !== 'call' || e.type?.kind !== 'struct' || !e.instance) return [];
  const callee = instances.get(e.instance);
  if (!callee) return [];
  const held = new Map<string, number>();
  const add = (n: string): void => void held.set(n, (held.get(n) ?? 0) + 1);
  forEachStmt(callee.fn.body, (st) => {
    if (st.kind === 'assign' && st.value.kind === 'local') add(st.value.name);
    if (st.kind === 'assign') literalParts(st.value).forEach((p) => p.kind === 'local' && add(p.name));
  });
  // A parameter kept in two fields is given twice (its share is then marked `twice`).
  return callee.fn.params.flatMap((p, i) => {
    const arg = i < e.args.length ? e.args[i] : e.kwargs.get(p.name);
    const n = held.get(p.name) ?? 0;
    return arg && n > 0 && sharedSource(arg) ? (n > 1 ? [arg, arg] : [arg]) : [];
  });
}

/**
 * `[row] * n`, `[[0] * 3] * n`, `[row for _ in range(n)]`: a list repeating its containers, each one object at several
 * places in CPython.
 */
function repeatsItems(e: IrExpr): boolean {
  // `[row for _ in range(n)]`: the one container an outer local names, at every place.
  if (e.kind === 'comp' && e.comp !== 'generator') return literalParts(e).length > 0;
  return (
    e.kind === 'op' &&
    (e.resolution?.entry ?? e.op) === 'operator.mul' &&
    e.args.some((a) => a.type?.kind === 'list' && holdsShared(a.type)) &&
    holdsShared(e.type)
  );
}

/** How far below its root a place is: `self` 0, `self.items` 1, `self.items[0]` 2. */
function placeDepth(e: IrExpr): number {
  return e.kind === 'op' && e.args[0] && mutableRoot(e) ? 1 + placeDepth(e.args[0]) : 0;
}

/**
 * How deep below its receiver a call of a method changes objects in place: -1 nothing, 0 only the receiver itself (its
 * fields bound again: `self.n += 1`), 1 a container or object in a field (`self.items.append(x)`, `self.d[k] = v`,
 * `self.stats.update(x)`), 2 an item of one. A container the object holds at depth h (`Transaction(store)` keeps it in
 * a field, 1; `stack.push(row)` appends it to a field, 2) changes only when the method changes depth h or below.
 */
function changeDepth(r: OpChoice, instances: ReadonlyMap<string, FunctionInstance>, seen: Set<string>): number {
  const key = r.callables?.m?.instance;
  const callee = key ? instances.get(key) : undefined;
  if (!callee || seen.has(key!)) return 2;
  seen.add(key!);
  const self = callee.fn.params[0]?.name;
  const onSelf = (e: IrExpr): boolean => mutableRoot(e)?.name === self;
  let depth = -1;
  const visitExpr = (e: IrExpr): void => {
    if (e.kind === 'op' && e.resolution?.mutates) {
      const m = e.args[e.resolution.mutatedArg ?? 0]!;
      if (onSelf(m))
        depth = Math.max(
          depth,
          placeDepth(m) +
            (e.resolution.variant === 'method' ? Math.max(0, changeDepth(e.resolution, instances, seen)) : 0),
        );
    }
    exprChildren(e).forEach(visitExpr);
  };
  forEachStmt(callee.fn.body, (st) => {
    if (st.kind === 'assign' && (st.target.kind === 'index' || st.target.kind === 'attr') && onSelf(st.target.object))
      depth = Math.max(depth, placeDepth(st.target.object) + (st.target.resolution ? 1 : 0));
  });
  forEachExpr(callee.fn.body, visitExpr);
  seen.delete(key!);
  return depth;
}

/**
 * The parameters a method keeps in its object: bound to a field or an item of one (`self.x = p`, `self.d[k] = p`), or
 * stored into one (`self.items.append(p)`).
 */
function storedParams(inst: FunctionInstance, twice?: Set<string>): Map<string, number> {
  const self = inst.fn.params[0]?.name;
  const out = new Map<string, number>();
  const intoSelf = (e: IrExpr): boolean => mutableRoot(e)?.name === self;
  /** `v` is kept at `depth` below `self` (a literal's parts one deeper); `again`: it may be kept at two places. */
  const keep = (v: IrExpr, depth: number, again: boolean): void => {
    const add = (n: string, d: number): void => {
      // Kept twice (`self.all.append(run); self.best = run`, or a store in a loop): the object has two places.
      if (out.has(n) || again) twice?.add(n);
      out.set(n, Math.min(out.get(n) ?? d, d));
    };
    if (v.kind === 'local') add(v.name, depth);
    literalParts(v).forEach((p) => p.kind === 'local' && add(p.name, depth + 1));
  };
  const visitExpr = (e: IrExpr, again: boolean): void => {
    if (e.kind === 'op' && e.resolution && STORES.has(e.resolution.entry) && e.args[0] && intoSelf(e.args[0]))
      e.args.slice(1).forEach((a) => keep(a, placeDepth(e.args[0]!) + 1, again));
    exprChildren(e).forEach((c) => visitExpr(c, again));
  };
  const visit = (body: IrStmt[], again: boolean): void => {
    for (const st of body) {
      const loop = again || st.kind === 'for' || st.kind === 'while';
      if (
        st.kind === 'assign' &&
        (st.target.kind === 'attr' || st.target.kind === 'index') &&
        intoSelf(st.target.object)
      )
        keep(st.value, placeDepth(st.target.object) + 1, again);
      forEachExpr(
        [
          {
            ...st,
            ...(st.kind === 'if' || st.kind === 'for' || st.kind === 'while' ? { body: [], orelse: [] } : {}),
            ...(st.kind === 'try' ? { body: [], handlers: [], orelse: [], finalbody: [] } : {}),
          } as IrStmt,
        ],
        (x) => visitExpr(x, again),
      );
      if (st.kind === 'if' || st.kind === 'for' || st.kind === 'while') {
        visit(st.body, loop);
        visit(st.orelse, again);
      }
      if (st.kind === 'try') {
        visit(st.body, again);
        st.handlers.forEach((h) => visit(h.body, again));
        visit(st.orelse, again);
        visit(st.finalbody, again);
      }
    }
  };
  visit(inst.fn.body, false);
  return out;
}

/** Whether a place is reached through a class instance (`b`, `b.items`, `boxes[0]` in `boxes[0].x = 1`). */
function throughInstance(e: IrExpr): boolean {
  if (e.type?.kind === 'struct') return true;
  return e.kind === 'op' && e.args[0] !== undefined && mutableRoot(e) !== undefined
    ? throughInstance(e.args[0])
    : false;
}

/** Ops whose value is one of the items of their first argument (`best = max(tracks, key=...)`), as it is in Python. */
const ITEM_OF = new Set(['builtins.max', 'builtins.min', 'builtins.next', 'dict.get', 'random.choice']);
/** Views and derivations whose items are their first argument's (`d.values()`, `iter(xs)`, `sorted(xs)`). */
const ITEMS_OF = new Set([
  'dict.values',
  'builtins.enumerate',
  'builtins.zip',
  'builtins.filter',
  'builtins.iter',
  'builtins.sorted',
  'builtins.list',
  'builtins.reversed',
  'builtins.tuple',
]);

/** An expression that names an existing container (so binding it shares, in Python). */
function sharedSource(e: IrExpr): string | undefined {
  // An instance picked out of a container (`max(accs, key=...)`, `d.get(k)`, which may be None) is that container's.
  const entry = e.kind === 'op' ? (e.resolution?.entry ?? e.op) : '';
  const t = e.type?.kind === 'optional' ? e.type.item : e.type;
  if (e.kind === 'op' && ITEM_OF.has(entry) && e.args[0] && (e.args.length === 1 || entry === 'dict.get'))
    // Instances only: a container picked out is usually stored back (`row = d.get(k, []); row.append(x); d[k] = row`).
    return t?.kind === 'struct' ? itemsRoot(e.args[0]) : undefined;
  if (!isContainer(e)) return undefined;
  const root = mutableRoot(e);
  // `bucket = groups.setdefault(k, [])` names the dict's own list too.
  if (root) return root.name;
  // `b = bump(a)` of a function that returns its parameter: `b` is `a`'s object.
  if (e.kind === 'call' && e.instance) {
    const callee = aliasInstances?.get(e.instance);
    const at = callee ? returnedParam(callee) : -1;
    const arg = at >= 0 ? (at < e.args.length ? e.args[at] : e.kwargs.get(callee!.fn.params[at]!.name)) : undefined;
    if (arg) return mutableRoot(arg)?.name;
  }
  // `x = b.get(0)` of a method (or property) that returns a part of its object: `x` is that part, in CPython.
  if (e.kind === 'op' && e.resolution?.variant === 'method' && e.resolution.detail?.self !== undefined) {
    const callee = aliasInstances?.get(e.resolution.callables?.m?.instance ?? '');
    const recv = e.args[Number(e.resolution.detail.self)];
    if (recv && (!callee || returnsOwnPart(callee))) return mutableRoot(recv)?.name;
  }
  return undefined;
}

/** The prefix of the index local of a loop reaching its items in place (`lower/itemloops.ts`). */
const ITEM_IX = '__item_ix_';

/**
 * The index local of `xs[__item_ix]`, an item-changing loop's current item; with `under`, of the item a place below
 * it is in (`xs[__item_ix].tokens`).
 */
function itemIndex(e: IrExpr, under = false): string | undefined {
  for (let x: IrExpr | undefined = e; x?.kind === 'op'; x = under ? x.args[0] : undefined) {
    const [c, i] = x.args;
    if (c?.kind === 'local' && i?.kind === 'local' && i.name.startsWith(ITEM_IX) && x.args.length === 2)
      return (x.resolution?.entry ?? x.op) === 'operator.getitem' ? i.name : undefined;
    if (c?.kind === 'local') return undefined;
  }
  return undefined;
}

/** A value that is an item (or a field) of a local's container, not the container itself (`bins[k]`, `d.setdefault(k, [])`). */
function isPart(e: IrExpr): boolean {
  return e.kind === 'op' && e.resolution?.variant !== 'method' && mutableRoot(e) !== undefined;
}

/** The instances of the module being checked, for `sharedSource` to look a method's body up. */
let aliasInstances: ReadonlyMap<string, FunctionInstance> | undefined;

/** The parameter a function returns (a part of: `return a`, `return batch.rows`), or -1. */
function returnedParam(callee: FunctionInstance): number {
  let at = -1;
  forEachReturn(callee.fn.body, (v) => {
    const root = isContainer(v) ? mutableRoot(v) : undefined;
    const i = root ? callee.fn.params.findIndex((p) => p.name === root.name) : -1;
    if (i >= 0) at = i;
  });
  return at;
}

function forEachReturn(body: IrStmt[], f: (v: IrExpr) => void): void {
  for (const st of body) {
    if (st.kind === 'return' && st.value) f(st.value);
    if (st.kind === 'if' || st.kind === 'for' || st.kind === 'while') {
      forEachReturn(st.body, f);
      forEachReturn(st.orelse, f);
    }
    if (st.kind === 'try') {
      forEachReturn(st.body, f);
      st.handlers.forEach((h) => forEachReturn(h.body, f));
      forEachReturn(st.orelse, f);
      forEachReturn(st.finalbody, f);
    }
  }
}

/** Whether a method returns a part of its `self` (`return self.items[i]`, `return self.best`). */
function returnsOwnPart(callee: FunctionInstance): boolean {
  const self = callee.fn.params[0]?.name;
  let found = false;
  const visit = (body: IrStmt[]): void => {
    for (const st of body) {
      if (st.kind === 'return' && st.value && isContainer(st.value) && mutableRoot(st.value)?.name === self)
        found = true;
      if (st.kind === 'if' || st.kind === 'for' || st.kind === 'while') {
        visit(st.body);
        visit(st.orelse);
      }
      if (st.kind === 'try') {
        visit(st.body);
        st.handlers.forEach((h) => visit(h.body));
        visit(st.orelse);
        visit(st.finalbody);
      }
    }
  };
  visit(callee.fn.body);
  return found;
}

function itemsRoot(e: IrExpr): string | undefined {
  const root = mutableRoot(e);
  if (root) return root.name;
  return e.kind === 'op' && ITEMS_OF.has(e.resolution?.entry ?? '') && e.args[0] ? itemsRoot(e.args[0]) : undefined;
}

/** Two locals that hold the same container since the assignment at `span` (`name = source`). */
interface Share {
  name: string;
  source: string;
  span: Span;
  /**
   * The shared value is a class instance: only a change made through an instance (`b.x = 1`, `boxes[0].x = 1`)
   * shows through both names; sorting or appending to the list it came from changes no instance.
   */
  instance?: boolean;
  /**
   * The two names hold different containers with the same items (a shallow copy): only a change made through an
   * item (`b[0].append(1)`, `b.items.append(x)`) shows through both names.
   */
  items?: boolean;
  /**
   * `source` holds `name` as one of its items (`out.append(row)`): every change of `name` shows in `source`, but only a
   * change of `source` made through an item (`out[0].append(1)`) shows in `name`.
   */
  holder?: string;
  /**
   * With `holder`: an instance a display or a field store took (`pts = [p, q]`, `req.stop = stops`); only a change of
   * `name` itself is reported, since a change through the holder (`pts[1].y += 1`, the build-then-adjust code) shows
   * in `name` only if `name` is read again, which this check does not follow.
   */
  oneWay?: boolean;
  /** With `holder`, an instance: how deep below it the held container is (`changeDepth`). */
  depth?: number;
  /**
   * `name` holds an item of `source` (`items = bins[k]`, `for row in rows`): a builtin op changing `source` itself
   * (appending, popping, sorting it, a defaultdict's read adding a key) leaves the item's object as it was.
   */
  part?: boolean;
  /** With `holder`: the holder may hold the object at two places (stored again while an earlier store's pair held). */
  twice?: boolean;
  /**
   * The value stored was the current item of a loop reaching its items in place (`finished.append(best[__item_ix])`,
   * `lower/itemloops.ts`): `ix` is the loop's index, and `stale` is set once the loop moved on to another item, so a
   * change through the container at the loop's new index (`best[__item_ix].done = True`) is another object's.
   */
  ix?: string;
  stale?: boolean;
}

/**
 * The shares live at one point of the function. It is a may-analysis: where control flow joins
 * (after an `if`, at a loop's head) the shares of every path are kept, so a mutation is reported
 * when some path reaching it has the mutated name sharing its container.
 */
type State = Map<string, Share>;

const shareKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function union(a: State, b: State): State {
  const out = new Map(a);
  // A share some path holds twice is held twice at the join.
  for (const [k, v] of b) {
    const o = out.get(k);
    if (!o || (v.twice && !o.twice) || (o.stale && !v.stale)) out.set(k, v);
  }
  return out;
}

function sameState(a: State, b: State): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.has(k) || !v.twice !== !b.get(k)!.twice || !v.stale !== !b.get(k)!.stale) return false;
  return true;
}

/**
 * The check runs in program order, so rebinding a name ends its sharing: a dynamic-programming
 * loop that builds a new `cur` row, fills it, and then keeps it as `prev` mutates `cur` only
 * while no other name holds it, which is the same in Python and in the copy. Loops are walked
 * until their shares stop growing.
 */
export function checkAliasing(
  inst: FunctionInstance,
  instances: ReadonlyMap<string, FunctionInstance>,
  sink: DiagnosticSink,
  constants: ReadonlyMap<string, IrConstant> = new Map(),
): void {
  // Module cells (`infer/globals.ts`) share like locals: a name bound to one, or to what a helper returns of one, holds
  // a copy, which a change of the cell (here, or in a function called here) leaves behind.
  const cellMemo = new Map<string, Set<string>>();
  const cellsChangedBy = (key: string | undefined): Set<string> => {
    const c = key ? instances.get(key) : undefined;
    return c ? changedCells(c, instances, constants, cellMemo) : new Set();
  };
  const isCell = (r: IrExpr | undefined): boolean => r?.kind === 'global' && constants.get(r.name)?.cell === true;
  aliasInstances = instances;
  /** How many loops enclose the statement being visited: there, a later read may come round before a change. */
  let loopDepth = 0;
  // Where each local is read, for the one-way shares (`Share.oneWay`).
  const reads = new Map<string, Span[]>();
  const collect = (x: IrExpr): void => {
    if (x.kind === 'local') reads.set(x.name, [...(reads.get(x.name) ?? []), x.span]);
    exprChildren(x).forEach(collect);
  };
  forEachExpr(inst.fn.body, collect);
  const readAfter = (name: string, at: Span): boolean =>
    (reads.get(name) ?? []).some((r) => r.line > at.endLine || (r.line === at.endLine && r.col > at.endCol));
  // Always live: parameters the caller sees changed, module cells, names nested functions read, hidden names.
  const pinned = new Set<string>(refIndexes(inst).map((i) => inst.fn.params[i]!.name));
  forEachExpr(inst.fn.body, function pin(x: IrExpr): void {
    if (x.kind === 'lambda') x.captures.forEach((c) => pinned.add(c));
    if (x.kind === 'global' || (x.kind === 'local' && !inst.locals.has(x.name))) pinned.add(x.name);
    exprChildren(x).forEach(pin);
  });
  for (const c of constants.keys()) pinned.add(c);
  const live = new Liveness(inst.fn.body, (n) => pinned.has(n) || !inst.locals.has(n) || n.startsWith('_'));
  const calls: { e: IrExpr & { kind: 'call' } }[] = [];
  const lambdas: (IrExpr & { kind: 'lambda' })[] = [];
  const methodCalls: (IrExpr & { kind: 'op' })[] = [];
  const seenCalls = new Set<IrExpr>();
  const reported = new Map<string, Share>();

  /**
   * `byMethod`: the change is a method's that changes its receiver, which may change any container the object holds
   * (`tx.commit()` updating the dict its constructor was given), so it counts as a change through an item.
   */
  /**
   * Whether the object `other` names (which a change through `changed` reaches) may be read again: through `other`,
   * or through a name that shares it or holds it (`finished.append(c)` makes `finished` show a change of `c`).
   */
  const observed = (other: string, changed: string, st: State, place: IrExpr): boolean => {
    if (live.liveAfter(other, place)) return true;
    for (const sh of st.values()) {
      const o = sh.name === other ? sh.source : sh.source === other ? sh.name : undefined;
      if (o !== undefined && o !== changed && live.liveAfter(o, place)) return true;
    }
    return false;
  };
  /** Whether `name`'s container may hold one object at two places. */
  const repeats = (name: string, st: State): boolean =>
    [...st.values()].some((sh) => (sh.name === name || sh.source === name) && (sh.twice || sh.name.endsWith('[...]')));
  const mutate = (name: string, st: State, place: IrExpr, byMethod?: number, structural = false): void => {
    const deep = throughInstance(place);
    const throughItem = (byMethod ?? -1) >= 1 || (place.kind !== 'local' && place.kind !== 'global');
    for (const sh of st.values())
      if (
        !(sh.part && sh.source === name && structural && !throughItem) &&
        !(
          sh.stale &&
          sh.ix !== undefined &&
          sh.name === name &&
          itemIndex(place, true) === sh.ix &&
          !repeats(name, st)
        ) &&
        (sh.name === name || sh.source === name) &&
        // The change shows only through the other name: not when that name is never read again. (A holder changed
        // through an item that it may hold twice, `grid.append(row)` in a loop, always counts.)
        ((sh.holder === name && sh.twice) || observed(sh.name === name ? sh.source : sh.name, name, st, place)) &&
        !(sh.oneWay && sh.holder === name && loopDepth === 0 && !readAfter(sh.name, place.span)) &&
        (!sh.instance || deep) &&
        (!sh.items || throughItem) &&
        (sh.holder !== name ||
          (byMethod !== undefined && sh.depth !== undefined ? placeDepth(place) + byMethod >= sh.depth : throughItem))
      )
        reported.set(`${sh.span.line}:${sh.span.col}:${sh.name}`, sh);
  };
  /** `holder` now holds the container `value` names (or an item of one) as an item. */
  const store = (holder: string, value: IrExpr, st: State, depth?: number, oneWay = false): void => {
    const src = sharedSource(value);
    // An item of `holder` stored in `holder` again (`nodes[p].kids.append(nodes[c])`, `dp[i] = dp[i - 1]`): two of its
    // places hold one object in CPython, so a later change through an item may show at both.
    if (src === holder && value.kind !== 'local' && isContainer(value) && !holder.startsWith(INIT_SELF)) {
      selfShare(holder, value.span, st);
      return;
    }
    // The object a constructor builds to run `self.m(...)` on (`lower/classes.ts`): its fields' locals are bound again
    // from it right after the call, and it is never used again, so it shares nothing that outlives the call.
    if (!src || src === holder || holder.startsWith(INIT_SELF)) return;
    const others = [...st.values()].flatMap((sh) =>
      sh.name === holder ? [sh.source] : sh.source === holder ? [sh.name] : [],
    );
    // The object is already held (through `src` or a name sharing it): the holder may now hold it twice.
    const sharers = new Set([
      src,
      ...[...st.values()].flatMap((sh) =>
        sh.holder !== undefined ? [] : sh.name === src ? [sh.source] : sh.source === src ? [sh.name] : [],
      ),
    ]);
    const ix = itemIndex(value);
    // (An earlier item of the same in-place loop is another object.)
    const held = (h: string): boolean =>
      [...st.values()].some(
        (sh) => sh.holder === h && (sharers.has(sh.name) || sh.twice) && !(ix && sh.ix === ix && sh.stale),
      );
    for (const h of [holder, ...others])
      if (h !== src)
        st.set(shareKey(src, h), {
          ...(held(h) ? { twice: true } : {}),
          ...(ix ? { ix } : {}),
          name: src,
          source: h,
          span: value.span,
          holder: h,
          ...(depth !== undefined && h === holder ? { depth } : {}),
          ...(oneWay ? { oneWay } : {}),
        });
  };
  /** Two places of `holder` hold one object (`nodes[p].kids.append(nodes[c])`, `[[0] * 3] * n`). */
  const selfShare = (holder: string, span: Span, st: State): void =>
    void st.set(shareKey(holder, `${holder}[...]`), { name: `${holder}[...]`, source: holder, span, holder });
  const kill = (name: string, st: State): void => {
    for (const [k, sh] of st) if (sh.name === name || sh.source === name) st.delete(k);
  };
  /** `name` now holds the container `source` holds, and so every container sharing with it. */
  const share = (
    name: string,
    source: string,
    span: Span,
    st: State,
    instance = false,
    items = false,
    part = false,
  ): void => {
    if (name === source) return;
    const others = [...st.values()].flatMap((sh) =>
      sh.name === source ? [sh.source] : sh.source === source ? [sh.name] : [],
    );
    for (const o of [source, ...others])
      if (o !== name)
        st.set(shareKey(name, o), {
          name,
          source: o,
          span,
          ...(instance ? { instance } : {}),
          ...(items ? { items } : {}),
          ...(part && o === source ? { part } : {}),
        });
  };
  const itemIsInstance = (iter: IrExpr): boolean => {
    const t = iter.type;
    return (t?.kind === 'list' || t?.kind === 'deque' || t?.kind === 'set') && t.item.kind === 'struct';
  };
  const rootName = (e: IrExpr): string => mutableRoot(e)?.name ?? '?';
  /**
   * A loop over a module cell (`for x in LOG:`, `.items()` of one) whose body calls a function that changes it: the
   * compiled loop walks a copy, CPython's the object itself (a list's loop sees its own growth; a dict's raises).
   */
  const loopOverCell = (iter: IrExpr, body: IrStmt[]): void => {
    const cells = new Set<string>();
    const find = (x: IrExpr): void => {
      if (isCell(x)) cells.add((x as IrExpr & { kind: 'global' }).name);
      exprChildren(x).forEach(find);
    };
    find(iter);
    if (cells.size === 0) return;
    const visitCall = (x: IrExpr): void => {
      if (x.kind === 'call')
        for (const g of cellsChangedBy(x.instance))
          if (cells.has(g))
            sink.report('E0202', x.span, {
              construct: `calling \`${x.fn}\`, which changes the module-level \`${g}\`, inside a loop over \`${g}\``,
              hint: `loop over a copy (\`for x in list(${g}):\`), or collect the changes and make them after the loop`,
            });
      exprChildren(x).forEach(visitCall);
    };
    forEachExpr(body, visitCall);
  };
  const isContainerItem = (iter: IrExpr): boolean => {
    const t = iter.type;
    return (
      (t?.kind === 'list' || t?.kind === 'deque' || t?.kind === 'set') &&
      ['list', 'deque', 'dict', 'set', 'struct'].includes(t.item.kind) &&
      mutableRoot(iter) !== undefined
    );
  };
  /**
   * A loop over a view or a derivation of containers of instances (`d.values()`, `d.items()`, `enumerate(ms)`,
   * `zip(ms, xs)`, `sorted(ms, ...)`): each instance the target names is the container's own in CPython.
   */
  const viewItems = (t: IrTarget, iter: IrExpr, st: State): void => {
    const roots = new Set<string>();
    const walk = (x: IrExpr): void => {
      const r = mutableRoot(x);
      if (r?.kind === 'local' && holdsShared(x.type)) roots.add(r.name);
      else exprChildren(x).forEach(walk);
    };
    walk(iter);
    const names: IrTarget[] = [t];
    for (let n = names.pop(); n; n = names.pop()) {
      if (n.kind === 'tuple') names.push(...n.items);
      // A container item itself (`for c, p in zip(counters, row): c[p] += 1`), not only one holding containers: in
      // CPython it is the container's own, so changing it changes the container.
      else if (n.kind === 'name' && isContainerOrInstance(inst.locals.get(n.name)))
        for (const r of roots) share(n.name, r, n.span, st, inst.locals.get(n.name)?.kind === 'struct');
    }
  };
  const bindTarget = (t: IrTarget, st: State): void => {
    if (t.kind === 'name' && t.name.startsWith(ITEM_IX))
      for (const [k, sh] of st) if (sh.ix === t.name && !sh.stale) st.set(k, { ...sh, stale: true });
    if (t.kind === 'name') kill(t.name, st);
    if (t.kind === 'tuple') t.items.forEach((x) => bindTarget(x, st));
  };

  const visitExpr = (e: IrExpr, st: State): void => {
    if (e.kind === 'call' && !seenCalls.has(e)) {
      seenCalls.add(e);
      calls.push({ e });
      refArgs(e, instances, sink);
    }
    // A module function that changes an instance argument changes the caller's object, as a changing method does.
    const refCallee = e.kind === 'call' && e.instance ? instances.get(e.instance) : undefined;
    if (e.kind === 'call' && refCallee)
      for (const i of refIndexes(refCallee)) {
        const a = i < e.args.length ? e.args[i] : e.kwargs.get(refCallee.fn.params[i]!.name);
        const root = a ? mutableRoot(a) : undefined;
        if (a && root?.kind === 'local') mutate(root.name, st, a, 2);
      }
    if (e.kind === 'lambda' && e.captures.length > 0 && !seenCalls.has(e)) {
      seenCalls.add(e);
      lambdas.push(e);
    }
    if (e.kind === 'comp') {
      // Comprehension variables are fresh per item; their values are copies in Rust too, but
      // mutating them inside the comprehension would change the source in Python.
      const inner = new Map(st);
      for (const g of e.generators) {
        bindTarget(g.target, inner);
        if (isContainerItem(g.iter) && g.target.kind === 'name')
          share(g.target.name, rootName(g.iter), g.target.span, inner, itemIsInstance(g.iter), false, true);
        else viewItems(g.target, g.iter, inner);
      }
      exprChildren(e).forEach((c) => visitExpr(c, inner));
      return;
    }
    exprChildren(e).forEach((c) => visitExpr(c, st));
    // A call of a function that changes a module cell changes it here.
    if (e.kind === 'call')
      for (const g of cellsChangedBy(e.instance)) mutate(g, st, { kind: 'global', name: g, span: e.span }, 2);
    const mutated = e.kind === 'op' && e.resolution?.mutates ? e.args[e.resolution.mutatedArg ?? 0] : undefined;
    if (mutated) {
      const found = mutableRoot(mutated);
      const root = isCell(found) ? { ...found!, kind: 'local' as const } : found;
      if (root?.kind === 'local')
        mutate(
          root.name,
          st,
          mutated,
          e.kind === 'op' && e.resolution?.variant === 'method'
            ? changeDepth(e.resolution, instances, new Set())
            : undefined,
          e.kind === 'op' && e.resolution?.variant !== 'method' && !e.resolution?.dispatch,
        );
      if (root?.kind === 'local' && e.kind === 'op' && STORES.has(e.resolution!.entry))
        e.args.filter((a) => a !== mutated).forEach((a) => store(root.name, a, st));
      // A method that changes its receiver may keep its arguments in it (`stack.push(row)`: `self.items.append(x)`).
      if (root?.kind === 'local' && e.kind === 'op' && e.resolution!.variant === 'method') {
        const callee = instances.get(e.resolution!.callables!.m!.instance);
        const twice = new Set<string>();
        const kept = callee ? storedParams(callee, twice) : new Map<string, number>();
        const given = [...e.args, ...e.kwargs.values()];
        const order = (e.resolution!.detail?.args as string[] | undefined) ?? [];
        callee?.fn.params.forEach((p, i) => {
          const a = given[Number(order[i] ?? -1)];
          const d = kept.get(p.name);
          // Stored at two places: stored twice, so the share is marked `twice`.
          if (a && a !== mutated && d !== undefined)
            for (let k = twice.has(p.name) ? 2 : 1; k > 0; k--) store(root.name, a, st, placeDepth(mutated) + d);
        });
      }
    }
    if (e.kind === 'op' && e.resolution?.variant === 'method' && !seenCalls.has(e)) {
      seenCalls.add(e);
      checkMethodCall(e, e.resolution, instances, sink);
      methodCalls.push(e);
    }
    if (e.kind === 'assignexpr' && e.inPlace) {
      // A nested function's changed container given back: a change in place, which every sharer would see.
      mutate(e.name, st, { kind: 'local', name: e.name, span: e.span });
      return;
    }
    if (e.kind === 'assignexpr') {
      kill(e.name, st);
      // The values a nested function gives back (`n := __nl[1]`) are taken out of the tuple its call returned, a hidden
      // local read nowhere else: nothing shares them.
      const given =
        e.value.kind === 'op' && e.value.args[0]?.kind === 'local' && e.value.args[0].name.startsWith('__nl_');
      if (given) return;
      const src = sharedSource(e.value);
      if (src) share(e.name, src, e.span, st, e.value.type?.kind === 'struct', false, isPart(e.value));
      else {
        literalParts(e.value, true).forEach((p) => store(e.name, p, st, undefined, p.type?.kind === 'struct'));
        heldArgs(e.value, instances).forEach((p) => store(e.name, p, st, 1));
        if (repeatsItems(e.value)) selfShare(e.name, e.value.span, st);
      }
      const shallow = src ? undefined : shallowSource(e.value);
      if (shallow) share(e.name, shallow, e.span, st, false, true);
    }
  };

  /** Walks statements from the shares `st` (updated in place); returns the shares at every `break`. */
  const visit = (body: IrStmt[], st: State): State[] => {
    const breaks: State[] = [];
    for (const s of body) {
      switch (s.kind) {
        case 'assign': {
          if (s.target.kind === 'tuple' && s.value.kind === 'tuple' && s.value.items.length === s.target.items.length) {
            // `prev, cur = cur, prev`: every source is read before any name is rebound, so a
            // source that is also a target means its old container, now held by the new names.
            s.value.items.forEach((v) => visitExpr(v, st));
            const targets = s.target.items;
            const rebound = new Set(targets.flatMap((t) => (t.kind === 'name' ? [t.name] : [])));
            const before = new Map(st);
            bindTarget(s.target, st);
            const holders = new Map<string, { names: string[]; span: Span }>();
            s.value.items.forEach((v, i) => {
              const src = sharedSource(v);
              const t = targets[i]!;
              if (!src || t.kind !== 'name') return;
              let h = holders.get(src);
              if (!h) {
                const old = [
                  src,
                  ...[...before.values()].flatMap((sh) =>
                    sh.name === src ? [sh.source] : sh.source === src ? [sh.name] : [],
                  ),
                ];
                h = { names: old.filter((n) => !rebound.has(n)), span: t.span };
                holders.set(src, h);
              }
              h.names.push(t.name);
            });
            for (const [, h] of holders)
              for (let a = 0; a < h.names.length; a++)
                for (let b = a + 1; b < h.names.length; b++)
                  if (h.names[a] !== h.names[b])
                    st.set(shareKey(h.names[a]!, h.names[b]!), {
                      name: h.names[b]!,
                      source: h.names[a]!,
                      span: h.span,
                    });
            break;
          }
          // A name bound again drops what it shared before the value is computed, when the value does not read it: a
          // change the value makes (`items = bins[idx]` of a defaultdict) reaches no copy that is read again.
          if (s.target.kind === 'name' && !readsLocal(s.value, s.target.name)) kill(s.target.name, st);
          visitExpr(s.value, st);
          if (s.target.kind === 'index' || s.target.kind === 'attr') {
            visitExpr(s.target.object, st);
            if (s.target.kind === 'index') visitExpr(s.target.index, st);
            const found = mutableRoot(s.target.object);
            const root = isCell(found) ? { ...found!, kind: 'local' as const } : found;
            // Through a method (`obj[k] = v` by `__setitem__`, `obj.x = v` by a setter): it changes `obj` as deep as
            // its body does, and keeps the value only where its body stores it.
            const via = s.target.resolution?.variant === 'method' ? s.target.resolution : undefined;
            const callee = via ? instances.get(via.callables!.m!.instance) : undefined;
            if (root?.kind === 'local')
              mutate(root.name, st, s.target.object, via ? changeDepth(via, instances, new Set()) : undefined);
            if (root?.kind === 'local' && callee) {
              const valueParam = callee.fn.params[s.target.kind === 'index' ? 2 : 1]?.name;
              const twice = new Set<string>();
              const d = valueParam === undefined ? undefined : storedParams(callee, twice).get(valueParam);
              if (d !== undefined)
                for (let k = twice.has(valueParam!) ? 2 : 1; k > 0; k--)
                  store(root.name, s.value, st, placeDepth(s.target.object) + d);
              break;
            }
            // `out[k] = row`: `out` now holds `row`; `run.cur = a`: `run` holds `a`.
            if (root?.kind === 'local' && s.target.kind === 'index') store(root.name, s.value, st);
            if (root?.kind === 'local' && s.target.kind === 'attr' && s.value.kind === 'local' && isContainer(s.value))
              store(root.name, s.value, st, undefined, true);
            break;
          }
          const returned = s.value.kind === 'call' && s.value.instance ? instances.get(s.value.instance) : undefined;
          const src = sharedSource(s.value) ?? (returned && returnedCell(returned, constants));
          bindTarget(s.target, st);
          if (src && s.target.kind === 'name')
            share(s.target.name, src, s.target.span, st, s.value.type?.kind === 'struct', false, isPart(s.value));
          // `result = {"items": items}`, `pair = (a, b)`, `box = Box(items)`: the new value holds those containers.
          if (!src && s.target.kind === 'name') {
            const holder = s.target.name;
            literalParts(s.value, true).forEach((p) => store(holder, p, st, undefined, p.type?.kind === 'struct'));
            heldArgs(s.value, instances).forEach((p) => store(holder, p, st, 1));
            if (repeatsItems(s.value)) selfShare(holder, s.value.span, st);
          }
          const shallow = src ? undefined : shallowSource(s.value);
          if (shallow && s.target.kind === 'name') share(s.target.name, shallow, s.target.span, st, false, true);
          break;
        }
        case 'for':
        case 'while': {
          if (s.kind === 'for') visitExpr(s.iter, st);
          if (s.kind === 'for') loopOverCell(s.iter, s.body);
          const entry = new Map(st);
          let head: State = entry;
          let exits: State[] = [];
          for (let round = 0; round < 16; round++) {
            const cur = new Map(head);
            if (s.kind === 'while') visitExpr(s.test, cur);
            else {
              bindTarget(s.target, cur);
              if (isContainerItem(s.iter) && s.target.kind === 'name')
                share(s.target.name, rootName(s.iter), s.target.span, cur, itemIsInstance(s.iter), false, true);
              else viewItems(s.target, s.iter, cur);
            }
            const atTest = new Map(cur);
            loopDepth++;
            exits = [atTest, ...visit(s.body, cur)];
            loopDepth--;
            const next = [cur, ...exits].reduce(union, entry);
            if (sameState(next, head)) break;
            head = next;
          }
          let out = exits.reduce(union, head);
          const afterElse = new Map(out);
          visit(s.orelse, afterElse);
          out = union(out, afterElse);
          st.clear();
          for (const [k, v] of out) st.set(k, v);
          break;
        }
        case 'if': {
          visitExpr(s.test, st);
          const a = new Map(st);
          const b = new Map(st);
          breaks.push(...visit(s.body, a), ...visit(s.orelse, b));
          const out = union(a, b);
          st.clear();
          for (const [k, v] of out) st.set(k, v);
          break;
        }
        case 'try': {
          const start = new Map(st);
          breaks.push(...visit(s.body, st));
          // A handler may start anywhere in the body: from the shares at its start or its end.
          let out = new Map(st);
          const handlerStart = union(start, st);
          for (const h of s.handlers) {
            const hs = new Map(handlerStart);
            breaks.push(...visit(h.body, hs));
            out = union(out, hs);
          }
          const orelse = new Map(st);
          breaks.push(...visit(s.orelse, orelse));
          out = union(out, orelse);
          breaks.push(...visit(s.finalbody, out));
          st.clear();
          for (const [k, v] of out) st.set(k, v);
          break;
        }
        case 'break':
        case 'continue':
          // Both leave the body early: a `break` reaches the loop's exit and a `continue` its head,
          // and the loop joins these states into both, which is conservative for either.
          breaks.push(new Map(st));
          break;
        case 'return':
          if (s.value) visitExpr(s.value, st);
          break;
        case 'expr':
        case 'yield':
          visitExpr(s.value, st);
          break;
        case 'raise':
          if (s.message) visitExpr(s.message, st);
          if (s.cause) visitExpr(s.cause, st);
          s.user?.args.forEach((x) => visitExpr(x, st));
          s.user?.fields.forEach((x) => visitExpr(x.value, st));
          break;
        case 'assert':
          visitExpr(s.test, st);
          if (s.message) visitExpr(s.message, st);
          break;
        default:
          break;
      }
    }
    return breaks;
  };
  visit(inst.fn.body, new Map());

  for (const sh of reported.values()) sink.report('E0313', sh.span, { name: sh.name, source: sh.source });
  // An inner function gets the enclosing function's values as extra parameters (copies): one that
  // changes a captured container (`out.append(x)` in a nested `def`) would lose the change.
  for (const e of lambdas) {
    const mutated = new Set<string>();
    for (const callee of instances.values())
      if (callee.fn.name === e.fn) for (const m of mutatedLocals(callee)) mutated.add(m);
    const captured = e.captures.find((c) => mutated.has(c) && !e.rebinds?.includes(c));
    if (captured) sink.report('E0315', e.span, { name: e.fn.replace(/_\d+$/, ''), captured });
  }
  // A nested function's recursive call gives back the captured containers it changes, which the call binds again
  // (`(__nl_self := f(x, memo), memo := __nl_self[1], ...)`, `lower.ts`): those arguments are not lost.
  const givenBackTo = new Map<IrExpr, string>();
  const givenBack = new Map<string, Set<string>>();
  const scan = (x: IrExpr): void => {
    if (x.kind === 'assignexpr' && x.name.startsWith('__nl_self_') && x.value.kind === 'call')
      givenBackTo.set(x.value, x.name);
    if (
      x.kind === 'assignexpr' &&
      x.value.kind === 'op' &&
      x.value.args[0]?.kind === 'local' &&
      x.value.args[0].name.startsWith('__nl_self_')
    ) {
      const set = givenBack.get(x.value.args[0].name) ?? new Set<string>();
      set.add(x.name);
      givenBack.set(x.value.args[0].name, set);
    }
    exprChildren(x).forEach(scan);
  };
  forEachExpr(inst.fn.body, scan);
  const rebound = (call: IrExpr, arg: IrExpr, param: string): boolean => {
    const tmp = givenBackTo.get(call);
    return tmp !== undefined && arg.kind === 'local' && arg.name === param && !!givenBack.get(tmp)?.has(param);
  };
  // A helper that mutates a container parameter would change the caller's container in Python.
  for (const { e } of calls) {
    const callee = e.instance ? instances.get(e.instance) : undefined;
    if (!callee) continue;
    const mutatedParams = mutatedLocals(callee, instances);
    callee.fn.params.forEach((p, i) => {
      const arg = i < e.args.length ? e.args[i] : e.kwargs.get(p.name);
      // An instance taken by `&mut` changes the caller's object itself.
      if (refIndexes(callee).includes(i)) return;
      if (arg && mutatedParams.has(p.name) && sharedSource(arg) && !rebound(e, arg, p.name)) {
        sink.report('E0314', arg.span, { name: callee.fn.name, param: p.name });
      }
    });
  }
  // The same for a method's parameters other than `self` (`tracker.fill(out)` where `fill` appends to `out`).
  for (const e of methodCalls) {
    const r = e.resolution!;
    const callee = instances.get(r.callables!.m!.instance);
    if (!callee) continue;
    const mutatedParams = mutatedLocals(callee);
    const given = [...e.args, ...e.kwargs.values()];
    const order = (r.detail?.args as string[] | undefined) ?? [];
    callee.fn.params.forEach((p, i) => {
      if (i === 0 && r.detail?.self !== undefined) return;
      const o = Number(order[i] ?? -1);
      const arg = o >= 0 ? given[o] : undefined;
      if (arg && mutatedParams.has(p.name) && sharedSource(arg))
        sink.report('E0314', arg.span, { name: r.entry, param: p.name });
    });
  }
}

/**
 * A call of a method that changes its receiver passes the receiver's place (`&mut`), so the change reaches the
 * caller's object as in CPython. What value semantics would still get wrong stays a diagnostic: a generator method
 * (its body runs apart from the caller), and an argument that shares the receiver (`a.merge(a)`, `a.add(a.items)`),
 * which CPython sees change during the call while the compiled call reads a copy.
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
  if (!callee || self === undefined || !callee.mutSelf) return;
  if (callee.fn.isGenerator) {
    sink.report('E0202', e.span, {
      construct: `calling the generator \`${r.entry}\`, which changes \`${self}\`,`,
      hint: 'a generator runs apart from its caller, so its changes to the object would be lost; collect the items in a method that is not a generator, or change the object outside the generator',
    });
    return;
  }
  const recv = e.args[Number(r.detail.self)];
  const root = recv ? mutableRoot(recv) : undefined;
  // `b.first.add(3)`, `b.get(0).add(3)`: CPython changes the object the method or property gives, which may be one
  // `b` holds; compiled code would change a copy.
  // (A builder's chain on a new object, `Builder().a(x).b(y)`, changes only that temporary.)
  let made = recv;
  while (made?.kind === 'op' && made.resolution?.variant === 'method' && made.resolution.detail?.returnsSelf === true)
    made = made.args[Number(made.resolution.detail.self)];
  const maker =
    made?.kind === 'op' && made.resolution?.variant === 'method'
      ? instances.get(made.resolution.callables?.m?.instance ?? '')
      : undefined;
  if (!root && made?.kind === 'op' && made.resolution?.variant === 'method' && (!maker || returnsOwnPart(maker)))
    sink.report('E0209', made.span, {
      op: `changing the object that \`${made.resolution.entry}\` returns`,
      hint: 'CPython changes the object itself, which the class may hold, while compiled code would change a copy; change it through the object that holds it (`b.items[0].add(x)`) or in a method of that class',
    });
  if (!root) return;
  e.args.forEach((a, i) => {
    if (i === Number(r.detail!.self)) return;
    const ar = mutableRoot(a);
    if (ar && ar.name === root.name && ar.kind === root.kind && isContainer(a))
      sink.report('E0202', a.span, {
        construct: `passing \`${ar.name}\` (or a part of it) to \`${r.entry}\`, which changes \`${ar.name}\`,`,
        hint: 'in CPython the method would see its own changes through the argument, while compiled code passes a copy; pass a copy explicitly (`list(...)`, `copy.deepcopy(...)`)',
      });
  });
}

/**
 * The arguments of a call that takes instances by `&mut`: one that shares its object with another argument
 * (`merge(a, a)`, `fill(b, b.items)`) would see its own changes in CPython, and two borrows of one object cannot both
 * change it here.
 */
function refArgs(
  e: IrExpr & { kind: 'call' },
  instances: ReadonlyMap<string, FunctionInstance>,
  sink: DiagnosticSink,
): void {
  const callee = e.instance ? instances.get(e.instance) : undefined;
  const refs = callee ? refIndexes(callee) : [];
  if (!callee || refs.length === 0) return;
  const args = callee.fn.params.map((p, i) => (i < e.args.length ? e.args[i] : e.kwargs.get(p.name)));
  for (const i of refs) {
    const root = args[i] ? mutableRoot(args[i]!) : undefined;
    if (!root) continue;
    args.forEach((a, j) => {
      // Two instances taken by `&mut`: reported once, at the later one.
      if (j === i || !a || (refs.includes(j) && j < i)) return;
      const other = mutableRoot(a);
      if (other && other.name === root.name && (isContainer(a) || refs.includes(j)))
        sink.report('E0202', a.span, {
          construct: `passing \`${root.name}\` (or a part of it) twice to \`${callee.fn.name}\`, which changes it,`,
          hint: 'in CPython the function would see its own changes through the other argument, while compiled code passes a copy; pass a copy explicitly',
        });
    });
  }
}

/** The methods of the module's classes that take `self` (instance methods and properties), by function name. */
function selfMethods(structs: ReadonlyMap<string, IrStruct>): Set<string> {
  const out = new Set<string>();
  for (const st of structs.values())
    for (const m of st.methods?.values() ?? []) if (m.kind === 'instance' || m.kind === 'property') out.add(m.fn);
  return out;
}

/** A call of a user method: an op (`obj.m(...)`, `len(obj)`, `obj(...)`, a property) or an assignment that calls one. */
interface MethodSite {
  r: OpChoice;
  args: IrExpr[];
  /** The op dispatching on a receiver whose class varies (`m.update(v)` over a class family) that `r` is an arm of. */
  outer?: OpChoice;
}

/**
 * The method calls of an instance's body whose receiver is `self`-bound: ops, `obj[k] = v` through `__setitem__` and
 * `obj.x = v` through a property's setter.
 */
function methodSites(inst: FunctionInstance): MethodSite[] {
  const out: MethodSite[] = [];
  const isMethod = (r: OpChoice | undefined): r is OpChoice => r?.variant === 'method' && r.detail?.self !== undefined;
  const visitExpr = (e: IrExpr): void => {
    if (e.kind === 'op' && isMethod(e.resolution)) out.push({ r: e.resolution, args: e.args });
    if (e.kind === 'op' && e.resolution?.dispatch && !e.resolution.dispatch.json)
      for (const arm of e.resolution.dispatch.arms)
        if ('resolution' in arm && isMethod(arm.resolution))
          out.push({ r: arm.resolution, args: e.args, outer: e.resolution });
    exprChildren(e).forEach(visitExpr);
  };
  forEachExpr(inst.fn.body, visitExpr);
  forEachStmt(inst.fn.body, (st) => {
    if (st.kind === 'assign' && st.target.kind === 'index' && isMethod(st.target.resolution))
      out.push({ r: st.target.resolution, args: [st.target.object, st.target.index, st.value] });
    if (st.kind === 'assign' && st.target.kind === 'attr' && isMethod(st.target.resolution))
      out.push({ r: st.target.resolution, args: [st.target.object, st.value] });
  });
  return out;
}

/**
 * Decides which methods change their receiver, to a fixed point (a method that calls one that does changes it too),
 * and marks every call of one as changing its receiver (`mutates`, at the receiver's argument), so that emit passes
 * the receiver's place and the aliasing check sees the change. A method whose every return gives `self` is marked
 * `returnsSelf`, and its calls as giving their receiver (a builder's `b.add(x).add(y)` changes `b` twice).
 */
export function markSelfMutation(
  instances: ReadonlyMap<string, FunctionInstance>,
  structs: ReadonlyMap<string, IrStruct>,
  sink: DiagnosticSink,
  constants: ReadonlyMap<string, IrConstant> = new Map(),
): void {
  const methods = selfMethods(structs);
  const insts = [...instances.values()].filter((i) => methods.has(i.fn.name) && i.fn.params.length > 0);
  const ops = [...instances.values()].flatMap(methodSites);
  for (const inst of insts) {
    const self = inst.fn.params[0]!.name;
    const returns: (IrExpr | undefined)[] = [];
    forEachStmt(inst.fn.body, (st) => {
      if (st.kind === 'return') returns.push(st.value);
    });
    if (returns.length > 0 && returns.every((v) => v?.kind === 'local' && v.name === self && !v.narrowed))
      inst.returnsSelf = true;
  }
  // Module functions whose instance parameters may be taken by `&mut`: not entries (their arguments come from the
  // caller's JSON), not generators (their bodies run apart), not functions used as values (lambdas, `key=f`: the
  // templates that call them pass copies).
  const asValues = new Set<string>();
  for (const i of instances.values())
    forEachExpr(i.fn.body, function walk(e: IrExpr): void {
      if (e.kind === 'lambda') asValues.add(e.fn);
      if (e.kind === 'op')
        for (const [k, c] of Object.entries(e.resolution?.callables ?? {}))
          if (!(k === 'm' && e.resolution?.variant === 'method'))
            asValues.add(instances.get(c.instance)?.fn.name ?? '');
      exprChildren(e).forEach(walk);
    });
  const fnInsts = [...instances.values()].filter(
    (i) => !methods.has(i.fn.name) && !i.isEntry && !i.fn.isGenerator && !asValues.has(i.fn.name),
  );
  for (let changed = true; changed; ) {
    changed = false;
    for (const inst of insts)
      if (!inst.mutSelf && mutatedLocals(inst, instances).has(inst.fn.params[0]!.name)) {
        inst.mutSelf = true;
        changed = true;
      }
    for (const inst of fnInsts) {
      const mutated = mutatedLocals(inst, instances);
      inst.fn.params.forEach((p, i) => {
        if (!byRefParam(inst, i) || !mutated.has(p.name) || inst.refParams?.includes(i)) return;
        inst.refParams = [...(inst.refParams ?? []), i];
        changed = true;
      });
    }
    for (const { r, outer } of ops) {
      const callee = instances.get(r.callables!.m!.instance);
      if (!callee?.mutSelf || r.mutates) continue;
      r.mutates = true;
      r.mutatedArg = Number(r.detail!.self);
      // An arm that changes its receiver: the dispatching op changes it (emit matches on the receiver's place).
      if (outer) {
        outer.mutates = true;
        outer.mutatedArg = outer.dispatch!.arg;
      }
      if (callee.returnsSelf) r.detail = { ...r.detail, returnsSelf: true };
      changed = true;
    }
  }
  // A `functools.cached_property` runs once per instance in CPython. Compiled code runs it at every read, which
  // agrees only while nothing changes the instance: in a class with a method that changes `self` (the property
  // itself included) it is rejected.
  for (const st of structs.values()) {
    const fns = new Set([...(st.methods?.values() ?? [])].map((m) => m.fn));
    const changing = insts.some((i) => i.mutSelf && fns.has(i.fn.name));
    if (!changing) continue;
    for (const [name, m] of st.methods ?? [])
      if (m.cached) {
        const inst = insts.find((i) => i.fn.name === m.fn);
        if (inst)
          sink.report('E0202', inst.fn.span, {
            construct: `the \`functools.cached_property\` \`${st.name}.${name}\` in a class whose methods change \`self\``,
            hint: 'CPython computes it once per instance and keeps the value; compute it in `__init__` and store it in a field, or make it a method',
          });
      }
  }
  for (const { r, args } of ops) {
    if (!r.mutates) continue;
    const root = mutableRoot(args[r.mutatedArg ?? 0]!);
    // A module-level instance is one value per process: changing it is E0208, as for a module-level container.
    if (root?.kind === 'global')
      checkGlobalChange(constants, root.name, root.span, (c, sp, a) => sink.report(c, sp, a));
    // One the module computes and no function is seen to change (read as the call of its computing function): the
    // change would land in a copy.
    const recv = args[r.mutatedArg ?? 0]!;
    const computed = recv.kind === 'call' && recv.instance ? instances.get(recv.instance)?.fn.computes : undefined;
    if (!root && computed !== undefined) sink.report('E0208', recv.span, { name: computed });
  }
  const byRef = [
    ...insts.flatMap((i) => (i.mutSelf ? [{ inst: i, at: 0 }] : [])),
    ...fnInsts.flatMap((i) => (i.refParams ?? []).map((at) => ({ inst: i, at }))),
  ];
  for (const { inst, at } of byRef) {
    const self = inst.fn.params[at]!.name;
    // `self = other` inside a method that changes `self`: CPython rebinds the local only.
    const rebinds = (body: IrStmt[]): IrStmt | undefined => {
      for (const st of body) {
        if ((st.kind === 'assign' || st.kind === 'for') && bindsName(st.target, self)) return st;
        const inner =
          st.kind === 'if' || st.kind === 'for' || st.kind === 'while'
            ? (rebinds(st.body) ?? rebinds(st.orelse))
            : st.kind === 'try'
              ? (rebinds(st.body) ?? st.handlers.map((h) => rebinds(h.body)).find((x) => x) ?? rebinds(st.finalbody))
              : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    const st = rebinds(inst.fn.body);
    const local = inst.locals.get(self);
    if (st || (local && inst.paramTypes[at] && local.kind !== inst.paramTypes[at].kind) || inst.maybeUnbound.has(self))
      sink.report('E0202', st?.span ?? inst.fn.span, {
        construct: `binding \`${self}\` again in a function that changes the object it holds`,
        hint: 'use another name for the new value',
      });
  }
}

/**
 * Whether a module function's parameter `i` may be taken by `&mut` when the function changes it: an instance, or a
 * container (`def walk(node, out: list[str])` appending to `out`), so the change reaches the caller's object as in
 * CPython. A container parameter with a default is not (the default is a value, and CPython shares it between calls).
 */
function byRefParam(inst: FunctionInstance, i: number): boolean {
  const t = inst.paramTypes[i];
  if (t?.kind === 'struct') return true;
  // The body's local must be the parameter's own type: one widened to another (`list[list[object]]`) is a converted copy.
  const local = inst.locals.get(inst.fn.params[i]?.name ?? '');
  return (
    isContainerOrInstance(t) && inst.fn.params[i]?.default === undefined && local !== undefined && typeEquals(local, t!)
  );
}

function bindsName(t: IrTarget, name: string): boolean {
  return t.kind === 'name' ? t.name === name : t.kind === 'tuple' ? t.items.some((x) => bindsName(x, name)) : false;
}

function mutatedLocals(inst: FunctionInstance, instances?: ReadonlyMap<string, FunctionInstance>): Set<string> {
  const out = new Set<string>();
  const visitExpr = (e: IrExpr): void => {
    // A call of a module function that changes an instance argument in place.
    const callee = e.kind === 'call' && e.instance ? instances?.get(e.instance) : undefined;
    if (e.kind === 'call' && callee)
      for (const i of refIndexes(callee)) {
        const a = i < e.args.length ? e.args[i] : e.kwargs.get(callee.fn.params[i]!.name);
        const root = a ? mutableRoot(a) : undefined;
        if (root?.kind === 'local') out.add(root.name);
      }
    const mutated = e.kind === 'op' && e.resolution?.mutates ? e.args[e.resolution.mutatedArg ?? 0] : undefined;
    if (mutated) {
      const root = mutableRoot(mutated);
      if (root?.kind === 'local') out.add(root.name);
    }
    exprChildren(e).forEach(visitExpr);
  };
  forEachStmt(inst.fn.body, (st) => {
    if (st.kind === 'assign' && (st.target.kind === 'index' || st.target.kind === 'attr')) {
      const r = mutableRoot(st.target.object);
      if (r?.kind === 'local') out.add(r.name);
    }
  });
  forEachExpr(inst.fn.body, visitExpr);
  return out;
}

/** Whether `e` reads the local `name` anywhere. */
function readsLocal(e: IrExpr, name: string): boolean {
  return (e.kind === 'local' && e.name === name) || exprChildren(e).some((c) => readsLocal(c, name));
}
