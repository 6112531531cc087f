/**
 * Ingot's types: what the infer pass assigns to every IR expression, and what the
 * emitter maps to Rust types and the manifest maps to JSON. `unknown` is a hole that
 * inference fills later (the element type of `[]` before its first `append`).
 */

export type Type =
  | { kind: 'int' }
  | { kind: 'float' }
  | { kind: 'bool' }
  | { kind: 'str' }
  | { kind: 'none' }
  | { kind: 'list'; item: Type }
  | { kind: 'set'; item: Type }
  /**
   * A dict; `missing` says what reading an absent key does: a `defaultdict` inserts its
   * factory's value ('insert'), a `Counter` returns 0 without inserting ('zero').
   */
  | { kind: 'dict'; key: Type; value: Type; missing?: 'insert' | 'zero' }
  | { kind: 'tuple'; items: Type[] }
  | { kind: 'optional'; item: Type }
  /** Lazily produced sequences: range(), enumerate(), zip(), dict views, reversed(). Only iterated. */
  | { kind: 'iter'; item: Type; source: string }
  /**
   * A numpy ndarray or torch Tensor (`flavor` says which API its methods follow). `dtype` and
   * `rank` are undefined when not known statically; the value then carries them at run time.
   */
  | { kind: 'ndarray'; dtype: Dtype | undefined; rank: number | undefined; flavor: 'numpy' | 'torch' }
  /** A compile-time resource: a tokenizer, a model or a sentence-transformers pipeline (see lower/resources.ts). */
  | { kind: 'resource'; resource: string; truncateDim?: number }
  /** An opaque value of a library type with a fixed Rust type (a tokenizer's BatchEncoding, a model output). */
  | { kind: 'opaque'; name: string; rust: string; flavor?: 'numpy' | 'torch' }
  /**
   * A function value: a lambda (synthesised as a module function) or a module function.
   * `captures` are the enclosing function's locals it reads; they are passed at each call,
   * which gives Python's late binding.
   */
  | { kind: 'callable'; fn: string; captures: string[] }
  /** An Enum / IntEnum / str-Enum class, by name; its members are in IrModule.enums. */
  | { kind: 'enum'; name: string }
  /** A `@dataclass` or pydantic model, by name; its fields are in IrModule.structs. */
  | { kind: 'struct'; name: string }
  /** The index of `x[a:b:c]`; emitted as three `Option<i64>` arguments. */
  | { kind: 'slice' }
  | { kind: 'unknown' };

export type Dtype = 'float32' | 'float64' | 'int64' | 'bool';

export const T = {
  int: { kind: 'int' } as Type,
  float: { kind: 'float' } as Type,
  bool: { kind: 'bool' } as Type,
  str: { kind: 'str' } as Type,
  none: { kind: 'none' } as Type,
  unknown: { kind: 'unknown' } as Type,
  slice: { kind: 'slice' } as Type,
  list: (item: Type): Type => ({ kind: 'list', item }),
  set: (item: Type): Type => ({ kind: 'set', item }),
  dict: (key: Type, value: Type): Type => ({ kind: 'dict', key, value }),
  tuple: (items: Type[]): Type => ({ kind: 'tuple', items }),
  optional: (item: Type): Type => (item.kind === 'optional' || item.kind === 'none' ? item : { kind: 'optional', item }),
  iter: (item: Type, source: string): Type => ({ kind: 'iter', item, source }),
  ndarray: (dtype: Dtype | undefined, rank: number | undefined, flavor: 'numpy' | 'torch' = 'numpy'): Type => ({ kind: 'ndarray', dtype, rank, flavor }),
  opaque: (name: string, rust: string, flavor?: 'numpy' | 'torch'): Type => (flavor ? { kind: 'opaque', name, rust, flavor } : { kind: 'opaque', name, rust }),
};

export function typeToString(t: Type): string {
  switch (t.kind) {
    case 'list': return `list[${typeToString(t.item)}]`;
    case 'set': return `set[${typeToString(t.item)}]`;
    case 'dict': return `${t.missing === 'insert' ? 'defaultdict' : t.missing === 'zero' ? 'Counter' : 'dict'}[${typeToString(t.key)}, ${typeToString(t.value)}]`;
    case 'tuple': return t.items.length === 0 ? 'tuple[()]' : `tuple[${t.items.map(typeToString).join(', ')}]`;
    case 'optional': return `Optional[${typeToString(t.item)}]`;
    case 'iter': return `${t.source}[${typeToString(t.item)}]`;
    case 'none': return 'None';
    case 'unknown': return '?';
    case 'ndarray': return `${t.flavor === 'torch' ? 'Tensor' : 'ndarray'}[${t.dtype ?? 'any'}, ${t.rank === undefined ? 'any' : `${t.rank}d`}]`;
    case 'resource': return t.resource;
    case 'callable': return `Callable[${t.fn}]`;
    case 'struct': return t.name;
    case 'enum': return t.name;
    case 'opaque': return t.name;
    default: return t.kind;
  }
}

export function typeEquals(a: Type, b: Type): boolean {
  return typeToString(a) === typeToString(b);
}

export function isComplete(t: Type): boolean {
  switch (t.kind) {
    case 'unknown': return false;
    case 'list': case 'set': case 'optional': case 'iter': return isComplete(t.item);
    case 'dict': return isComplete(t.key) && isComplete(t.value);
    case 'tuple': return t.items.every(isComplete);
    default: return true;
  }
}

export function isNumeric(t: Type): boolean {
  return t.kind === 'int' || t.kind === 'float' || t.kind === 'bool';
}

/**
 * The type a variable gets when it is bound to both `a` and `b`: equal types, a hole
 * filled by the other side, or int widened to float (PEP 484's numeric tower).
 * Returns undefined when the two cannot share one Rust type.
 */
export function unify(a: Type, b: Type): Type | undefined {
  if (a.kind === 'unknown') return b;
  if (b.kind === 'unknown') return a;
  if (typeEquals(a, b)) return a;
  if ((a.kind === 'int' && b.kind === 'float') || (a.kind === 'float' && b.kind === 'int')) return T.float;
  if (a.kind === 'none') return T.optional(b);
  if (b.kind === 'none') return T.optional(a);
  if (a.kind === 'optional' && b.kind !== 'optional') { const i = unify(a.item, b); return i && T.optional(i); }
  if (b.kind === 'optional' && a.kind !== 'optional') { const i = unify(a, b.item); return i && T.optional(i); }
  if (a.kind !== b.kind) return undefined;
  switch (a.kind) {
    case 'ndarray': {
      // Arrays of different static dtypes or ranks share the dynamic array type.
      const bb = b as typeof a;
      return T.ndarray(a.dtype === bb.dtype ? a.dtype : undefined, a.rank === bb.rank ? a.rank : undefined, a.flavor);
    }
    case 'list': case 'set': case 'optional': {
      const item = unifyItems(a.item, (b as typeof a).item);
      return item && { kind: a.kind, item } as Type;
    }
    case 'dict': {
      const bb = b as typeof a;
      const k = unifyItems(a.key, bb.key);
      const v = unifyItems(a.value, bb.value);
      if (!k || !v) return undefined;
      // A defaultdict or Counter stays one when its refined type comes back as a plain dict.
      const missing = a.missing ?? bb.missing;
      return missing ? { kind: 'dict', key: k, value: v, missing } : T.dict(k, v);
    }
    case 'tuple': {
      const bb = b as typeof a;
      if (a.items.length !== bb.items.length) return undefined;
      const items = a.items.map((x, i) => unify(x, bb.items[i]!));
      return items.every((x) => x !== undefined) ? T.tuple(items as Type[]) : undefined;
    }
    default: return undefined;
  }
}

/** Inside containers, int and float do not mix: `[1]` and `[1.0]` are different lists. */
function unifyItems(a: Type, b: Type): Type | undefined {
  if (a.kind === 'unknown') return b;
  if (b.kind === 'unknown') return a;
  if ((a.kind === 'int' && b.kind === 'float') || (a.kind === 'float' && b.kind === 'int')) return undefined;
  return unify(a, b);
}

/** Whether a value of type `from` may be passed where `to` is declared (int to float, T to Optional[T]). */
export function assignable(from: Type, to: Type): boolean {
  if (typeEquals(from, to)) return true;
  if (from.kind === 'unknown') return true;
  if (to.kind === 'float' && (from.kind === 'int' || from.kind === 'bool')) return true;
  if (to.kind === 'int' && from.kind === 'bool') return true;
  if (to.kind === 'optional') return from.kind === 'none' || assignable(from, to.item);
  if (from.kind !== to.kind) return false;
  switch (from.kind) {
    case 'ndarray': {
      const t = to as typeof from;
      return (t.dtype === undefined || from.dtype === undefined || t.dtype === from.dtype) && (t.rank === undefined || from.rank === undefined || t.rank === from.rank);
    }
    case 'list': case 'set': return assignable(from.item, (to as typeof from).item) && (from.item.kind === 'unknown' || typeEquals(from.item, (to as typeof from).item));
    case 'dict': { const t = to as typeof from; return (from.key.kind === 'unknown' || typeEquals(from.key, t.key)) && (from.value.kind === 'unknown' || typeEquals(from.value, t.value)); }
    case 'tuple': { const t = to as typeof from; return from.items.length === t.items.length && from.items.every((x, i) => assignable(x, t.items[i]!)); }
    default: return false;
  }
}

/** The manifest's JSON description of a type (docs/contracts.md). */
export function typeToManifest(t: Type): unknown {
  switch (t.kind) {
    case 'list': case 'set': return { kind: t.kind, item: typeToManifest(t.item) };
    case 'optional': return { kind: 'optional', item: typeToManifest(t.item) };
    case 'dict': return { kind: 'dict', key: typeToManifest(t.key), value: typeToManifest(t.value) };
    case 'tuple': return { kind: 'tuple', items: t.items.map(typeToManifest) };
    case 'iter': return { kind: 'list', item: typeToManifest(t.item) };
    case 'ndarray': return { kind: 'ndarray', dtype: t.dtype ?? null, ndim: t.rank ?? null };
    case 'struct': return { kind: 'struct', name: t.name };
    case 'enum': return { kind: 'enum', name: t.name };
    default: return { kind: t.kind };
  }
}
