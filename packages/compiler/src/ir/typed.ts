/**
 * The typed IR: what infer hands to emit. Each function instance is a copy of an IR function
 * typed for one tuple of argument types, and each op node carries the op choice its type rule
 * made (which registry entry, which overload or variant, the types). Data only: infer builds
 * it, the printer dumps it, emit spells it in Rust through the registry's spelling table.
 */
import type { Type } from '../types/types';
import type { IrExpr, IrFunction, IrModule } from './ir';

export interface FunctionInstance {
  /** The Rust name: the Python name, or name__<types> when a helper has several instances. */
  rustName: string;
  key: string;
  fn: IrFunction;
  paramTypes: Type[];
  returnType: Type;
  locals: Map<string, Type>;
  /** Locals that some path may read before binding; emitted as Option and checked at each read. */
  maybeUnbound: Set<string>;
  isEntry: boolean;
  /**
   * A method that changes its receiver (`self.n += 1`, `self.items.append(x)`, a call of another such method of
   * `self`): emitted taking `&mut` of it, and every call passes the receiver's place, so the change reaches the
   * caller's object as in CPython. Set by infer (`markSelfMutation` in `infer/aliasing.ts`).
   */
  mutSelf?: boolean;
  /**
   * The instance parameters (by index) a module function changes (`def fill(batch: Batch, ...)` calling
   * `batch.add(x)`): taken by `&mut` like a changing method's `self`, each call passing the argument's place.
   */
  refParams?: number[];
  /** A method whose every `return` gives `self` (a builder's chained method): its result is its receiver. */
  returnsSelf?: boolean;
}

export interface TypedModule {
  module: IrModule;
  instances: FunctionInstance[];
  entries: FunctionInstance[];
}

/**
 * The parameters (by index) an instance takes by `&mut`: its `refParams`, and the receiver of a method that changes it
 * (called as a function by `super().m(...)`).
 */
export function refIndexes(inst: FunctionInstance): number[] {
  const refs = inst.refParams ?? [];
  return inst.mutSelf && !refs.includes(0) ? [0, ...refs] : refs;
}

/** The local (or global, to report) under a mutable place: `x`, `x[i]`, `x[i][j]`, `x.setdefault(k, d)`. */
export function mutableRoot(e: IrExpr): (IrExpr & { kind: 'local' | 'global' }) | undefined {
  if (e.kind === 'local' || e.kind === 'global') return e;
  // `b.add(x).add(y)`: a method that changes its receiver and returns it gives that very object.
  if (e.kind === 'op' && e.resolution?.variant === 'method' && e.resolution.detail?.returnsSelf === true)
    return mutableRoot(e.args[Number(e.resolution.detail.self)]!);
  // A field of a struct held in a local (`doc.tags.append(t)`).
  // (A property's value is its method's result, no place in the object.)
  if (
    e.kind === 'op' &&
    e.op.startsWith('attr.') &&
    e.args[0]?.type?.kind === 'struct' &&
    e.resolution?.variant !== 'method'
  )
    return mutableRoot(e.args[0]!);
  if (
    e.kind === 'op' &&
    e.args[1]?.kind !== 'slice' &&
    (e.resolution?.entry === 'operator.getitem' || e.resolution?.entry === 'dict.setdefault')
  ) {
    const c = e.args[0]!.type;
    if (c?.kind === 'list' || c?.kind === 'deque' || c?.kind === 'dict') return mutableRoot(e.args[0]!);
    // A tuple's item at a constant index (`pair[0].add(3)`: the emitter's place is the tuple's field).
    if (c?.kind === 'tuple' && e.args[1]?.kind === 'const' && e.args[1].value.kind === 'int')
      return mutableRoot(e.args[0]!);
  }
  return undefined;
}
