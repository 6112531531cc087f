/**
 * Which user method an op on a class instance runs, for the infer stage. Input: an op id (`method.encode`,
 * `builtins.len`, `operator.in_`, `call`) and its argument types. Output: the receiver's argument index, the method's
 * Python name and the order of the other arguments, when the receiver is a struct whose class defines (or inherits)
 * that method, as CPython's special-method lookup would find it. Infer then instantiates the method's function for
 * the argument types; emit spells the call.
 */
import type { IrStruct } from '../ir/ir';
import type { Type } from '../types/types';

export interface MethodTarget {
  /** The argument that is `self`. */
  recv: number;
  method: string;
  /** The other positional arguments, in the method's parameter order. */
  args: number[];
  /** `x not in obj`, `a != b` through `__eq__`: the method's answer negated. */
  negate?: boolean;
  /** `bool(obj)` through `__len__`: the length compared with zero. */
  nonzero?: boolean;
  /** A property: read without a call. */
  property?: boolean;
}

/** Builtins that call one special method of their single argument. */
const UNARY_BUILTINS: Record<string, string[]> = {
  'builtins.len': ['__len__'],
  'builtins.bool': ['__bool__'],
  'builtins.str': ['__str__', '__repr__'],
  'builtins.repr': ['__repr__'],
  'builtins.iter': ['__iter__'],
  'builtins.abs': ['__abs__'],
  'builtins.int': ['__int__'],
  'builtins.float': ['__float__'],
  'builtins.hash': ['__hash__'],
  'operator.neg': ['__neg__'],
  'operator.pos': ['__pos__'],
  'operator.invert': ['__invert__'],
};

/** Binary operators by their method (`operator.add` is `__add__`), with the reflected comparison CPython falls back to. */
const REFLECTED: Record<string, string> = { lt: 'gt', gt: 'lt', le: 'ge', ge: 'le', eq: 'eq', ne: 'ne' };
const BINARY = new Set([
  'add',
  'sub',
  'mul',
  'truediv',
  'floordiv',
  'mod',
  'pow',
  'matmul',
  'and_',
  'or_',
  'xor',
  'lshift',
  'rshift',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'getitem',
]);

/**
 * The op that a special method of a builtin value implements when it is called by name (`key=probs.__getitem__`,
 * `x.__len__()`): the inverse of the tables above, whose receiver is the op's first argument.
 */
export function specialMethodOp(name: string): string | undefined {
  const unary = Object.entries(UNARY_BUILTINS).find(([, methods]) => methods[0] === name);
  if (unary) return unary[0];
  const bare = /^__(\w+)__$/.exec(name)?.[1];
  const op = bare === undefined ? undefined : [bare, `${bare}_`].find((o) => BINARY.has(o));
  return op ? `operator.${op}` : undefined;
}

/** The user method `id` runs on these arguments, or undefined when no argument is an instance that defines it. */
export function methodTarget(
  id: string,
  argTypes: Type[],
  structs: ReadonlyMap<string, Pick<IrStruct, 'methods'>>,
): MethodTarget | undefined {
  // A class instance's methods, or an Enum member's (`structs` holds the module's Enums too, by name).
  const methodsOf = (i: number): IrStruct['methods'] => {
    const t = argTypes[i];
    return t?.kind === 'struct' || t?.kind === 'enum' ? structs.get(t.name)?.methods : undefined;
  };
  const has = (i: number, m: string): boolean => methodsOf(i)?.has(m) ?? false;
  const rest = argTypes.map((_, i) => i).slice(1);
  if (id.startsWith('method.') && has(0, id.slice(7))) return { recv: 0, method: id.slice(7), args: rest };
  if (id.startsWith('attr.') && methodsOf(0)?.get(id.slice(5))?.kind === 'property')
    return { recv: 0, method: id.slice(5), args: [], property: true };
  if (id === 'call' && has(0, '__call__')) return { recv: 0, method: '__call__', args: rest };
  if (id === 'builtins.bool' && argTypes.length === 1 && !has(0, '__bool__') && has(0, '__len__'))
    return { recv: 0, method: '__len__', args: [], nonzero: true };
  const unary = UNARY_BUILTINS[id];
  if (unary && argTypes.length === 1) {
    const m = unary.find((x) => has(0, x));
    return m ? { recv: 0, method: m, args: [] } : undefined;
  }
  // `not obj`: the negated `__bool__`, else `__len__` compared with zero.
  if (id === 'operator.not_' && argTypes.length === 1) {
    const m = ['__bool__', '__len__'].find((x) => has(0, x));
    return m ? { recv: 0, method: m, args: [], negate: true } : undefined;
  }
  if ((id === 'operator.in_' || id === 'operator.not_in') && has(1, '__contains__'))
    return { recv: 1, method: '__contains__', args: [0], negate: id === 'operator.not_in' };
  // `obj[k] = v`, `del obj[k]`, `obj += x` (CPython falls back to `__add__` without `__iadd__`).
  if (id === 'operator.setitem' && argTypes.length === 3 && has(0, '__setitem__'))
    return { recv: 0, method: '__setitem__', args: [1, 2] };
  if (id === 'operator.delitem' && argTypes.length === 2 && has(0, '__delitem__'))
    return { recv: 0, method: '__delitem__', args: [1] };
  if (id === 'operator.iadd' && argTypes.length === 2 && has(0, '__iadd__'))
    return { recv: 0, method: '__iadd__', args: [1] };
  // `obj.x = v` through a property's setter (lowered as the method `x.setter`).
  if (id.startsWith('setattr.') && argTypes.length === 2 && has(0, `${id.slice(8)}.setter`))
    return { recv: 0, method: `${id.slice(8)}.setter`, args: [1] };
  const op = id.startsWith('operator.') ? id.slice(9) : undefined;
  if (op !== undefined && BINARY.has(op) && argTypes.length === 2) {
    const dunder = `__${op.replace(/_$/, '')}__`;
    if (has(0, dunder)) return { recv: 0, method: dunder, args: [1] };
    // `a != b` is `not a.__eq__(b)` when the class defines `__eq__` only.
    if (op === 'ne' && has(0, '__eq__')) return { recv: 0, method: '__eq__', args: [1], negate: true };
    const reflected = REFLECTED[op];
    if (reflected && has(1, `__${reflected}__`)) return { recv: 1, method: `__${reflected}__`, args: [0] };
    // `0 + v` with `Vec.__radd__`: the right operand's reflected method, as CPython tries it next.
    if (!reflected && op !== 'getitem' && has(1, `__r${op.replace(/_$/, '')}__`))
      return { recv: 1, method: `__r${op.replace(/_$/, '')}__`, args: [0] };
  }
  return undefined;
}
