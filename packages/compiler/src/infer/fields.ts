/**
 * Fields of plain classes whose type construction leaves open: `self.items = []`, `self.counts = {}`, or
 * `self.items: list[T] = []` of a `Generic[T]` class. A method that stores into the field (`self.items.append(x)`,
 * `self.counts[k] = v`) decides the holes, as a local's later stores decide `xs = []` (`refineThrough` in `infer.ts`).
 * Only holes are filled: a field whose type is complete keeps it, and a store of another type is then the op's own
 * type error.
 */
import type { OpChoice } from '../ir/choice';
import type { IrExpr, IrStruct, IrStructField } from '../ir/ir';
import { assignable, isComplete, T, type Type, typeEquals, unify } from '../types/types';

/**
 * Fills the holes of the field `place` (`self.items`) of `st` from the refined type `t` of that place: `refined` when
 * it did (methods typed before the store decided the field, `pop` before `push`, saw it open, so `inferModule` infers
 * the module again), `conflict` when the field's type is already another (a `Stack[str]` and a `Stack[float]` in one
 * module: one Rust struct has one field type), for the caller to report.
 */
export function refineField(
  st: IrStruct | undefined,
  place: IrExpr & { kind: 'op' },
  t: Type,
): 'refined' | 'conflict' | undefined {
  const name = place.op.slice('attr.'.length);
  const f = st?.fields.find((x) => x.name === name);
  if (!st?.inferred || !f) return undefined;
  if (isComplete(f.type)) return !isComplete(t) || assignable(t, f.type) ? undefined : 'conflict';
  // A step toward a complete type counts too (`self.d.setdefault(k, [])` decides the key before `.append(v)` the
  // value).
  const u = unify(f.type, t);
  if (!u || typeEquals(u, f.type) || u.kind === 'unknown') return undefined;
  f.type = u;
  return 'refined';
}

/**
 * A store into a field set first outside `__init__` (`late`, an Optional that is None while unset): the first complete
 * value types it (`refined`); a value that may be None itself is `optional`, for the caller to report, since unset and
 * None would be one state.
 */
export function lateStore(f: IrStructField, t: Type): 'refined' | 'optional' | undefined {
  if (t.kind === 'none' || t.kind === 'optional') return 'optional';
  if (!isComplete(t) || f.type.kind !== 'optional' || isComplete(f.type)) return undefined;
  const u = unify(f.type.item, t);
  if (!u || !isComplete(u)) return undefined;
  f.type = T.optional(u);
  return 'refined';
}

/** `dir()` of a plain instance in CPython 3.11, less what its class adds. */
const OBJECT_ATTRS = new Set(
  (
    '__class__ __delattr__ __dict__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ __getstate__ __gt__ ' +
    '__hash__ __init__ __init_subclass__ __le__ __lt__ __module__ __ne__ __new__ __reduce__ __reduce_ex__ __repr__ ' +
    '__setattr__ __sizeof__ __str__ __subclasshook__ __weakref__'
  ).split(' '),
);

/**
 * `hasattr(obj, "name")` of a plain class instance: a field set first outside `__init__` is tested at run time (`late`),
 * any other field, method, class attribute or `object` attribute is there, and another name is not. Undefined for
 * other classes (dataclasses, models), left to the registry's diagnostic.
 */
export function hasattrOfClass(
  st: IrStruct | undefined,
  name: string,
  args: Type[],
  rust: string,
): OpChoice | undefined {
  if (!st?.inferred || st.namedTuple) return undefined;
  const f = st.fields.find((x) => x.name === name);
  const has =
    f !== undefined ||
    st.methods?.has(name) === true ||
    st.classAttrs?.includes(name) === true ||
    OBJECT_ATTRS.has(name);
  return {
    entry: 'builtins.hasattr',
    overload: `${st.name}, str`,
    result: T.bool,
    params: args,
    variant: f?.late ? 'late' : has ? 'true' : 'false',
    ...(f?.late ? { detail: { field: name, rust } } : {}),
  };
}

/**
 * A field through which a class holds an instance of itself by value (`self.next: Optional[Node]`, a tree's
 * `self.left`): a struct of infinite size in Rust. Held in a list, dict or set (`self.children: list[Node]`), it is not.
 * The first such field of each class, for a diagnostic.
 */
export function recursiveField(
  structs: ReadonlyMap<string, IrStruct>,
  name: string,
): { struct: IrStruct; field: IrStructField } | undefined {
  const reaches = (t: Type, target: string, seen: Set<string>): boolean => {
    switch (t.kind) {
      case 'struct': {
        if (t.name === target) return true;
        if (seen.has(t.name)) return false;
        seen.add(t.name);
        return structs.get(t.name)?.fields.some((f) => reaches(f.type, target, seen)) ?? false;
      }
      case 'optional':
        return reaches(t.item, target, seen);
      case 'tuple':
        return t.items.some((x) => reaches(x, target, seen));
      case 'union':
        return t.members.some((x) => reaches(x, target, seen));
      default:
        return false;
    }
  };
  const st = structs.get(name);
  const field = st?.fields.find((f) => reaches(f.type, name, new Set()));
  return st && field ? { struct: st, field } : undefined;
}
