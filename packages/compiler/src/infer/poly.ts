/**
 * Helpers over `Union[...]`-annotated parameters (`def _round_nested(x: Union[float, list], nd: int)`): CPython passes
 * whatever value a caller gives, so infer instantiates such a helper once per member type its callers give
 * (`instanceParams`), a recursion over `list[list[float]]` once per depth, each instance's `isinstance` tests decided
 * by its static types. An instance's return type is then what its own returns give, within the declared union.
 */
import type { IrFunction } from '../ir/ir';
import { assignable, isComplete, T, type Type, typeEquals, typeToString, unify } from '../types/types';

/** The key of `fn`'s instance for parameters of `paramTypes`. */
export function instanceKey(fn: IrFunction, paramTypes: Type[]): string {
  return `${fn.name}(${paramTypes.map(typeToString).join(', ')})`;
}

/**
 * Whether `given` is one member of the declared union `u` (not a variant itself): a value of a member's type, a
 * container filling a bare member's items (`list[list[float]]` for `list`), or one whose items fit `list[Any]`.
 */
export function unionMember(given: Type, u: Type & { kind: 'union' }): boolean {
  if (given.kind === 'union' || given.kind === 'optional' || given.kind === 'dynamic' || !isComplete(given))
    return false;
  return u.members.some((m) => assignable(given, m) || (!isComplete(m) && fillsHoles(given, m)));
}

/**
 * The return type of an instance for one member of a declared `Union[...]` return: the unification of its returns
 * when they are all known, else the declared type.
 */
export function memberReturn(declared: Type, returns: Type[], fallsThrough: boolean): Type {
  // Only a declared variant narrows (`-> Tuple[int, ...]` stays what it declares).
  if (declared.kind !== 'union') return declared;
  if (returns.length === 0 || returns.some((r) => !isComplete(r))) return declared;
  let real: Type | undefined = returns[0]!;
  for (const r of returns.slice(1)) real = real && unify(real, r);
  if (!real) return declared;
  if (fallsThrough) real = T.optional(real);
  return real;
}

/**
 * Whether `given` is `annotated` with its unknown parts (a `Callable[...]` or a `TypeVar` inside a container, a bare
 * `list`) filled, and the rest the same.
 */
export function fillsHoles(given: Type, annotated: Type): boolean {
  if (annotated.kind === 'unknown') return true;
  if (given.kind !== annotated.kind) return false;
  if (
    annotated.kind === 'list' ||
    annotated.kind === 'set' ||
    annotated.kind === 'deque' ||
    annotated.kind === 'vartuple'
  )
    return fillsHoles((given as typeof annotated).item, annotated.item);
  if (annotated.kind === 'dict') {
    const g = given as typeof annotated;
    return fillsHoles(g.key, annotated.key) && fillsHoles(g.value, annotated.value);
  }
  if (annotated.kind === 'tuple') {
    const g = given as typeof annotated;
    return g.items.length === annotated.items.length && g.items.every((x, i) => fillsHoles(x, annotated.items[i]!));
  }
  if (annotated.kind === 'optional') return fillsHoles((given as typeof annotated).item, annotated.item);
  return typeEquals(given, annotated);
}

/** How many instances of one function may be in progress at once before its recursion counts as growing. */
const MAX_NESTED_INSTANCES = 24;

/**
 * Whether instantiating `fn` once more would pass `MAX_NESTED_INSTANCES` of its instances in progress: a recursion
 * that wraps its argument (`f([x])`) makes a new type at every level and would never end (E0317).
 */
export function growingRecursion(fn: IrFunction, inProgress: ReadonlySet<string>): boolean {
  let n = 0;
  for (const k of inProgress) if (k.startsWith(`${fn.name}(`)) n++;
  return n >= MAX_NESTED_INSTANCES;
}

/** The argument types of a growing recursion, for its message: each cut short after 40 characters. */
export function growingTypes(paramTypes: Type[]): string {
  return paramTypes
    .map(typeToString)
    .map((t) => (t.length > 40 ? `${t.slice(0, 40)}...` : t))
    .join(', ');
}
