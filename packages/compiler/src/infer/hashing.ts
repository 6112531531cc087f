/**
 * Hashability, as CPython decides it: the one check infer applies at every op that hashes a value (a set's items, a
 * dict's keys, `x in s`, `d[k]`, `s.add(x)`, `hash(x)`, ...). Lists, dicts, sets, deques, bytearrays, arrays and
 * dataclasses or pydantic models with `__eq__` and no `__hash__` are unhashable (CPython raises
 * `TypeError: unhashable type: 'list'` when the value is hashed, so compiled code reports it at compile time); tuples
 * of hashables, NamedTuples, frozen dataclasses, Enums, str, bytes, numbers and None are hashable. Instances hashed by
 * identity (plain classes, `eq=False` dataclasses) are hashable in CPython but compiled instances are values, so that
 * is an unsupported operation rather than a different answer.
 */
import type { IrStruct } from '../ir/ir';
import type { Type } from '../types/types';

export type HashProblem = { unhashable: string } | { identity: string } | { floatField: string };

/** Why hashing a value of type `t` fails in CPython (`unhashable`, its class name) or is not followed (`identity`). */
export function hashProblem(
  t: Type,
  structs: ReadonlyMap<string, IrStruct>,
  seen: Set<string> = new Set(),
): HashProblem | undefined {
  switch (t.kind) {
    case 'list':
      return { unhashable: 'list' };
    case 'set':
      // A frozenset hashes by its items (`rt::PyHash for rt::Set`, CPython's frozenset_hash).
      return t.frozen ? hashProblem(t.item, structs, seen) : { unhashable: 'set' };
    case 'deque':
      return { unhashable: 'collections.deque' };
    case 'dict':
      return {
        unhashable:
          t.missing === 'insert'
            ? 'collections.defaultdict'
            : t.missing === 'zero'
              ? 'Counter'
              : t.ordered
                ? 'collections.OrderedDict'
                : 'dict',
      };
    case 'ndarray':
      return { unhashable: t.flavor === 'torch' ? 'Tensor' : 'numpy.ndarray' };
    // A value of run-time type (`Any`, `object`, a JSON value) hashes as the value it holds (`Hash`/`PyHash` for
    // `rt::Value`, equal as Python's `==` says); a list or dict held there is not refused as CPython refuses it (a known
    // difference).
    case 'opaque':
      return t.name === 'bytearray' ? { unhashable: 'bytearray' } : undefined;
    case 'tuple':
      for (const x of t.items) {
        const p = hashProblem(x, structs, seen);
        if (p) return p;
      }
      return undefined;
    case 'vartuple':
    case 'optional':
      return hashProblem(t.item, structs, seen);
    case 'union':
      for (const x of t.members) {
        const p = hashProblem(x, structs, seen);
        if (p) return p;
      }
      return undefined;
    case 'struct': {
      const st = structs.get(t.name);
      if (!st || seen.has(t.name)) return undefined;
      if (st.hash === 'identity') return { identity: t.name };
      if (st.hash !== 'fields') return { unhashable: t.name };
      seen.add(t.name);
      // Compiled instances hash through Rust's `Hash`, which a float field lacks.
      const f = st.fields.find((x) => x.type.kind === 'float');
      if (f) return { floatField: `${t.name}.${f.name}` };
      for (const f of st.fields) {
        const p = hashProblem(f.type, structs, seen);
        if (p) return p;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The value a container type hashes: a set's (or frozenset's) items, a dict's keys. */
export function hashedPart(t: Type | undefined): Type | undefined {
  if (t?.kind === 'set') return t.item;
  if (t?.kind === 'dict') return t.key;
  return undefined;
}
