/**
 * `functools.cmp_to_key(f)` as the key of a sort, min or max. Lowering passes f itself under the keyword `CMP_KEY`
 * (ir.ts); these are the pieces the op rules that take a key share (builtins.ts: sorted, min, max; methods.ts:
 * list.sort). Kept apart from functools.ts, which registers ops.
 */
import type { ResolveContext } from '../registry';
import { type Type, typeToString } from '../../types/types';
import { CMP_KEY } from '../../ir/ir';

/**
 * `key=functools.cmp_to_key(f)` of a sort, min or max (lowered to the keyword `CMP_KEY`): f must take two items and
 * return a number or a bool, whose sign orders them (CPython asks `f(a, b) < 0`). Undefined when the call has none.
 */
export function cmpToKey(
  kw: ReadonlyMap<string, Type>,
  item: Type,
  ctx: ResolveContext | undefined,
): { error: string } | 'cmp' | undefined {
  const f = kw.get(CMP_KEY);
  if (!f) return undefined;
  const r = f.kind === 'callable' ? ctx?.call(CMP_KEY, [item, item]) : undefined;
  if (!r) return { error: 'cmp_to_key() takes a function of two arguments (a lambda or a module function)' };
  if (r.kind !== 'int' && r.kind !== 'float' && r.kind !== 'bool')
    return {
      error: `the function given to cmp_to_key() returns ${typeToString(r)}; it must return a number, whose sign orders the items`,
    };
  return 'cmp';
}

/** The comparator call inside a spelling: `f(a, b)` of the two items `__a` and `__b`. */
export const CMP_CALL = `Ok({call${CMP_KEY}(__a.clone(), __b.clone())})`;
