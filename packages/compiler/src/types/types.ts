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
  /** `frozen`: a frozenset, which CPython hashes (a set is unhashable); both print and compare as sets here. */
  | { kind: 'set'; item: Type; frozen?: boolean }
  /**
   * A `collections.deque` (`rt::Deque`): a list-like sequence whose Rust value also carries its
   * `maxlen`. It crosses value JSON as a list (the maxlen stays behind).
   */
  | { kind: 'deque'; item: Type }
  /**
   * A dict; `missing` says what reading an absent key does: a `defaultdict` inserts its
   * factory's value ('insert'), a `Counter` returns 0 without inserting ('zero'). `ordered` marks a
   * `collections.OrderedDict`: the same Rust dict (insertion-ordered already), with its own repr,
   * order-sensitive equality between two of them, `move_to_end` and `popitem(last=)`.
   */
  | { kind: 'dict'; key: Type; value: Type; missing?: 'insert' | 'zero'; ordered?: true }
  /**
   * A tuple; `names` makes it a named tuple whose items are also attributes (torch's `torch.return_types.sort`:
   * `.values`, `.indices`). Names never change what a tuple is assignable to.
   */
  | {
      kind: 'tuple';
      items: Type[];
      names?: string[];
      /** The class a named tuple prints as (`ParseResult(scheme='https', ...)`); a plain tuple's repr without it. */
      className?: string;
    }
  /**
   * `tuple[T, ...]`: a tuple whose length only the running program knows (`rt::VarTuple`). Value JSON is a list;
   * it is a tuple in repr, hashing and equality, and has no mutating method.
   */
  | { kind: 'vartuple'; item: Type }
  | { kind: 'optional'; item: Type }
  /**
   * A tagged variant: the value is one of `members` (in canonical order, see `T.union`).
   * Bindings of different types to one variable, heterogeneous container items, conditional
   * expressions with unlike branches and `Union[...]` annotations give one. Never nested, never
   * holding None (that is `optional` around it) and at most `MAX_UNION` members.
   */
  | { kind: 'union'; members: Type[] }
  /**
   * A value whose Python type is known only at run time (`a.tolist()` of an array whose dtype or
   * rank is dynamic): `rt::Value`. Any value type converts into it; it converts into a declared
   * type with a run-time check (`-> list[float]`).
   */
  | { kind: 'dynamic' }
  /**
   * Lazily produced sequences: range(), enumerate(), zip(), dict views, reversed(). Only iterated.
   * `fallible` items come from work that can raise (a model generating): the Rust value is an
   * iterator of `rt::PyResult<item>`, which a `for` loop pulls one by one and other uses collect first.
   */
  | { kind: 'iter'; item: Type; source: string; fallible?: boolean }
  /**
   * A numpy ndarray or torch Tensor (`flavor` says which API its methods follow). `dtype` and
   * `rank` are undefined when not known statically; the value then carries them at run time.
   */
  | {
      kind: 'ndarray';
      dtype: Dtype | undefined;
      rank: number | undefined;
      flavor: 'numpy' | 'torch';
      /**
       * A complex array (numpy's complex64/complex128): `dtype` is then the dtype of its parts (float32 for
       * complex64), undefined when the width is known only at run time. Only the ops that take complex arrays
       * see one (`registry/complex.ts`); it has no value-JSON form.
       */
      complex?: true;
    }
  /** A compile-time resource: a tokenizer, a model or a sentence-transformers pipeline (see lower/resources.ts). */
  | {
      kind: 'resource';
      resource: string;
      truncateDim?: number;
      chat?: boolean;
      numLabels?: number;
      /** A causal LM whose generation_config.json samples by default. */
      samples?: boolean;
      /** A tokenizer's `model_input_names`. */
      inputNames?: string[];
    }
  /**
   * An opaque value of a library type with a fixed Rust type (a tokenizer's BatchEncoding, a model output).
   * `detail` refines it where the value's type depends on a constant (the groups of an `re.Pattern`
   * or `re.Match`, see registry/ops/re.ts); values with different details share the Rust type.
   */
  | { kind: 'opaque'; name: string; rust: string; flavor?: 'numpy' | 'torch'; detail?: string }
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

export type Dtype =
  | 'float32'
  | 'float64'
  | 'int64'
  | 'bool'
  // The narrow dtypes (numpy's and torch's), stored wider by the runtime; keep them together.
  | 'int8'
  | 'int16'
  | 'int32'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float16'
  | 'bfloat16';

/** The most members a variant may have (the runtime defines `rt::union::U2` to `U6`). */
export const MAX_UNION = 12;

/** Kinds that may be members of a variant: values with a JSON form, a repr and equality. */
const VARIANT_KINDS = new Set([
  'int',
  'float',
  'bool',
  'str',
  'list',
  'deque',
  'set',
  'dict',
  'tuple',
  'ndarray',
  'struct',
  'enum',
  'dynamic',
  // Function values of different functions (a dispatch table `{"relu": relu, "gelu": gelu}`): each is zero-sized, so
  // the variant names which function it holds, and a call dispatches on it.
  'callable',
]);

/**
 * `bytes` and `bytearray` (registry/ops/bytes.ts): values with no value-JSON form (the contract has no
 * bytes form), so like the datetime classes they live inside a function and never cross the ABI.
 */
export const BYTES_TYPES: Readonly<Record<string, Type>> = {
  bytes: { kind: 'opaque', name: 'bytes', rust: 'rt::bytes::Bytes' },
  bytearray: { kind: 'opaque', name: 'bytearray', rust: 'rt::bytes::ByteArray' },
};

/** Whether `t` is `bytes` or `bytearray`. */
export function isBytesLike(t: Type | undefined): boolean {
  return t?.kind === 'opaque' && t.name in BYTES_TYPES;
}

/**
 * The `datetime` module's classes (registry/ops/datetime.ts): opaque values with no value JSON form,
 * so they live inside a function and never cross the ABI (an entry's parameter or result of one is a diagnostic).
 */
/** A caught exception's `e.args` (registry/ops/exceptions.ts): a tuple whose length only the running program knows. */
export const EXCEPTION_ARGS: Type = { kind: 'opaque', name: 'exception.args', rust: 'rt::err::ExcArgs' };

export const DATETIME_TYPES: Readonly<Record<string, Type>> = {
  'datetime.date': { kind: 'opaque', name: 'datetime.date', rust: 'rt::datetime::Date' },
  'datetime.datetime': { kind: 'opaque', name: 'datetime.datetime', rust: 'rt::datetime::DateTime' },
  'datetime.time': { kind: 'opaque', name: 'datetime.time', rust: 'rt::datetime::Time' },
  'datetime.timedelta': { kind: 'opaque', name: 'datetime.timedelta', rust: 'rt::datetime::TimeDelta' },
  'datetime.timezone': { kind: 'opaque', name: 'datetime.timezone', rust: 'rt::datetime::TimeZone' },
};

/** Random generators (registry/ops/random.ts, numpy_random.ts): live inside a function, never cross the ABI. */
const GENERATOR_TYPES = new Set(['random.Random', 'numpy.random.RandomState', 'numpy.random.Generator']);

/**
 * The first `datetime` class or random generator inside `t` (a parameter or result that cannot cross as
 * value JSON), if any.
 */
export function datetimeInside(t: Type): string | undefined {
  switch (t.kind) {
    case 'opaque':
      return t.name in DATETIME_TYPES || t.name in BYTES_TYPES || GENERATOR_TYPES.has(t.name) ? t.name : undefined;
    case 'list':
    case 'deque':
    case 'set':
    case 'optional':
    case 'iter':
    case 'vartuple':
      return datetimeInside(t.item);
    case 'dict':
      return datetimeInside(t.key) ?? datetimeInside(t.value);
    case 'tuple':
      return t.items.map(datetimeInside).find((x) => x !== undefined);
    case 'union':
      return t.members.map(datetimeInside).find((x) => x !== undefined);
    default:
      return undefined;
  }
}

/**
 * The diagnostic for a `datetime` value crossing an entry's signature: value JSON (a fixed contract)
 * has no date form, so the caller passes and receives an ISO string or a number instead.
 */
export function noDatetimeCrossing(cls: string, what: string): { construct: string; hint: string } {
  return {
    construct: `a \`${cls}\` as ${what} of an entry function`,
    hint: GENERATOR_TYPES.has(cls)
      ? 'value JSON has no generator form; take the seed (an int) and build the generator inside the function, or make the helper private (`_name`)'
      : cls in BYTES_TYPES
        ? 'value JSON has no bytes form; take or return a str (`.decode()`, `.hex()`, `base64.b64encode(b).decode()`) or a list of ints (`list(b)`)'
        : cls === 'datetime.timedelta'
          ? 'value JSON has no duration form; take or return a number of seconds (`td.total_seconds()`, `timedelta(seconds=x)`)'
          : 'value JSON has no date form; take or return an ISO string (`.isoformat()`, `fromisoformat(s)`) or a timestamp number',
  };
}

export function isValueType(t: Type): boolean {
  switch (t.kind) {
    case 'none':
    case 'unknown':
      return true;
    case 'list':
    case 'deque':
    case 'set':
    case 'optional':
    case 'vartuple':
      return isValueType(t.item);
    case 'dict':
      return isValueType(t.key) && isValueType(t.value);
    case 'tuple':
      return t.items.every(isValueType);
    case 'union':
      return t.members.every(isValueType);
    case 'opaque':
      return t.name === 'PIL.Image.Image';
    // The value JSON has no complex form.
    case 'ndarray':
      return !t.complex;
    default:
      return VARIANT_KINDS.has(t.kind);
  }
}

function memberRank(t: Type): number {
  return ['bool', 'int', 'float', 'str'].indexOf(t.kind) >= 0 ? ['bool', 'int', 'float', 'str'].indexOf(t.kind) : 4;
}

/**
 * The variant of `types`: flattened, de-duplicated and ordered bool, int, float, str, then the
 * rest by name (the order value JSON decoding tries them in). None becomes an Optional around
 * it; one member is that member. Undefined when a member cannot be part of a variant or
 * there would be too many.
 */
function makeUnion(types: Type[]): Type | undefined {
  const flat: Type[] = [];
  let none = false;
  const add = (t: Type): boolean => {
    if (t.kind === 'union') return t.members.every(add);
    if (t.kind === 'none') {
      none = true;
      return true;
    }
    if (t.kind === 'optional') {
      none = true;
      return add(t.item);
    }
    if (t.kind === 'unknown') return true;
    if (!VARIANT_KINDS.has(t.kind) || (t.kind === 'ndarray' && t.complex)) return false;
    if (!flat.some((x) => typeEquals(x, t))) flat.push(t);
    return true;
  };
  if (!types.every(add)) return undefined;
  // Function values form a variant only among themselves (a dispatch table), never with data.
  if (flat.some((t) => t.kind === 'callable') && !flat.every((t) => t.kind === 'callable')) return undefined;
  // A dynamic value can hold any of the others.
  if (flat.some((t) => t.kind === 'dynamic')) return none ? { kind: 'optional', item: T.dynamic } : T.dynamic;
  if (flat.length > MAX_UNION) return undefined;
  flat.sort(
    (a, b) =>
      memberRank(a) - memberRank(b) ||
      (typeToString(a) < typeToString(b) ? -1 : typeToString(a) > typeToString(b) ? 1 : 0),
  );
  const core: Type = flat.length === 0 ? T.unknown : flat.length === 1 ? flat[0]! : { kind: 'union', members: flat };
  return none ? (core.kind === 'unknown' ? T.none : { kind: 'optional', item: core }) : core;
}

export const T = {
  int: { kind: 'int' } as Type,
  float: { kind: 'float' } as Type,
  bool: { kind: 'bool' } as Type,
  str: { kind: 'str' } as Type,
  none: { kind: 'none' } as Type,
  unknown: { kind: 'unknown' } as Type,
  dynamic: { kind: 'dynamic' } as Type,
  slice: { kind: 'slice' } as Type,
  list: (item: Type): Type => ({ kind: 'list', item }),
  set: (item: Type): Type => ({ kind: 'set', item }),
  frozenset: (item: Type): Type => ({ kind: 'set', item, frozen: true }),
  deque: (item: Type): Type => ({ kind: 'deque', item }),
  dict: (key: Type, value: Type): Type => ({ kind: 'dict', key, value }),
  tuple: (items: Type[]): Type => ({ kind: 'tuple', items }),
  vartuple: (item: Type): Type => ({ kind: 'vartuple', item }),
  namedTuple: (items: Type[], names: string[], className?: string): Type => ({
    kind: 'tuple',
    items,
    names,
    ...(className ? { className } : {}),
  }),
  optional: (item: Type): Type =>
    item.kind === 'optional' || item.kind === 'none' ? item : { kind: 'optional', item },
  union: (members: Type[]): Type | undefined => makeUnion(members),
  iter: (item: Type, source: string): Type => ({ kind: 'iter', item, source }),
  fallibleIter: (item: Type, source: string): Type => ({ kind: 'iter', item, source, fallible: true }),
  ndarray: (dtype: Dtype | undefined, rank: number | undefined, flavor: 'numpy' | 'torch' = 'numpy'): Type => ({
    kind: 'ndarray',
    dtype,
    rank,
    flavor,
  }),
  /** A complex array whose parts have `part` dtype (float64 parts: complex128). */
  complexArray: (part: Dtype | undefined, rank: number | undefined): Type => ({
    kind: 'ndarray',
    dtype: part,
    rank,
    flavor: 'numpy',
    complex: true,
  }),
  /** A PIL image (`PIL.Image.Image`): an opaque library type that has a value JSON form. */
  image: { kind: 'opaque', name: 'PIL.Image.Image', rust: 'nd::Image' } as Type,
  opaque: (name: string, rust: string, flavor?: 'numpy' | 'torch'): Type =>
    flavor ? { kind: 'opaque', name, rust, flavor } : { kind: 'opaque', name, rust },
};

export function typeToString(t: Type): string {
  switch (t.kind) {
    case 'list':
      return `list[${typeToString(t.item)}]`;
    case 'set':
      return `set[${typeToString(t.item)}]`;
    case 'vartuple':
      return `tuple[${typeToString(t.item)}, ...]`;
    case 'deque':
      return `deque[${typeToString(t.item)}]`;
    case 'dict':
      return `${t.missing === 'insert' ? 'defaultdict' : t.missing === 'zero' ? 'Counter' : t.ordered ? 'OrderedDict' : 'dict'}[${typeToString(t.key)}, ${typeToString(t.value)}]`;
    case 'tuple':
      return t.items.length === 0 ? 'tuple[()]' : `tuple[${t.items.map(typeToString).join(', ')}]`;
    case 'optional':
      return `Optional[${typeToString(t.item)}]`;
    case 'union':
      return t.members.map(typeToString).join(' | ');
    case 'dynamic':
      return 'object';
    case 'iter':
      return `${t.source}[${typeToString(t.item)}]`;
    case 'none':
      return 'None';
    case 'unknown':
      return '?';
    case 'ndarray': {
      const d = t.complex
        ? t.dtype === 'float32'
          ? 'complex64'
          : t.dtype === 'float64'
            ? 'complex128'
            : 'complex'
        : t.dtype;
      return `${t.flavor === 'torch' ? 'Tensor' : 'ndarray'}[${d ?? 'any'}, ${t.rank === undefined ? 'any' : `${t.rank}d`}]`;
    }
    case 'resource':
      return t.resource;
    case 'callable':
      return `Callable[${t.fn}]`;
    case 'struct':
      return t.name;
    case 'enum':
      return t.name;
    case 'opaque':
      return t.detail !== undefined ? `${t.name}[${t.detail}]` : t.name;
    default:
      return t.kind;
  }
}

export function typeEquals(a: Type, b: Type): boolean {
  return typeToString(a) === typeToString(b);
}

export function isComplete(t: Type): boolean {
  switch (t.kind) {
    case 'unknown':
      return false;
    case 'list':
    case 'deque':
    case 'set':
    case 'optional':
    case 'iter':
    case 'vartuple':
      return isComplete(t.item);
    case 'dict':
      return isComplete(t.key) && isComplete(t.value);
    case 'tuple':
      return t.items.every(isComplete);
    case 'union':
      return t.members.every(isComplete);
    default:
      return true;
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
  if (a.kind === 'optional' && b.kind !== 'optional') {
    const i = unify(a.item, b);
    return i && T.optional(i);
  }
  if (b.kind === 'optional' && a.kind !== 'optional') {
    const i = unify(a, b.item);
    return i && T.optional(i);
  }
  if (a.kind === 'union' || b.kind === 'union') return makeUnion([a, b]);
  // A tuple of known length joins a `tuple[T, ...]` of its items (`tuple(xs) if xs else ()`).
  if (a.kind === 'vartuple' && b.kind === 'tuple') return varTupleJoin(a, b);
  if (b.kind === 'vartuple' && a.kind === 'tuple') return varTupleJoin(b, a);
  if (a.kind !== b.kind) return makeUnion([a, b]);
  switch (a.kind) {
    case 'ndarray': {
      // Arrays of different static dtypes or ranks share the dynamic array type.
      const bb = b as typeof a;
      // A complex array and a real one are different kinds of values.
      if (!a.complex !== !bb.complex) return makeUnion([a, b]);
      const j = T.ndarray(
        a.dtype === bb.dtype ? a.dtype : undefined,
        a.rank === bb.rank ? a.rank : undefined,
        a.flavor,
      );
      return a.complex
        ? T.complexArray(j.kind === 'ndarray' ? j.dtype : undefined, bb.rank === a.rank ? a.rank : undefined)
        : j;
    }
    case 'list':
    case 'deque':
    case 'set':
    case 'vartuple':
    case 'optional': {
      const item = unifyItems(a.item, (b as typeof a).item);
      // A frozenset stays one only when both sides are (a set joined with it may be mutated, and is unhashable).
      if (a.kind === 'set' && a.frozen && (b as typeof a).frozen) return item && T.frozenset(item);
      return item && ({ kind: a.kind, item } as Type);
    }
    case 'dict': {
      const bb = b as typeof a;
      const k = unifyItems(a.key, bb.key);
      const v = unifyItems(a.value, bb.value);
      if (!k || !v) return undefined;
      // A defaultdict or Counter stays one when its refined type comes back as a plain dict.
      const missing = a.missing ?? bb.missing;
      // So does an OrderedDict.
      const ordered = a.ordered ?? bb.ordered;
      return missing || ordered
        ? { kind: 'dict', key: k, value: v, ...(missing ? { missing } : {}), ...(ordered ? { ordered } : {}) }
        : T.dict(k, v);
    }
    case 'tuple': {
      const bb = b as typeof a;
      if (a.items.length !== bb.items.length) return undefined;
      const items = a.items.map((x, i) => unify(x, bb.items[i]!));
      if (!items.every((x) => x !== undefined)) return undefined;
      // Two named tuples of the same fields stay named.
      const names = a.names && bb.names && a.names.join() === bb.names.join() ? a.names : undefined;
      const cls = a.className === bb.className ? a.className : undefined;
      return names ? T.namedTuple(items as Type[], names, cls) : T.tuple(items as Type[]);
    }
    case 'opaque': {
      // Two refinements of one library type (matches of different patterns) keep the plain type.
      const bb = b as typeof a;
      if (a.name === bb.name && a.rust === bb.rust)
        return { kind: 'opaque', name: a.name, rust: a.rust, ...(a.flavor ? { flavor: a.flavor } : {}) };
      return makeUnion([a, b]);
    }
    default:
      return makeUnion([a, b]);
  }
}

function varTupleJoin(v: Type & { kind: 'vartuple' }, t: Type & { kind: 'tuple' }): Type | undefined {
  let item: Type | undefined = v.item;
  for (const x of t.items) item = item && unifyItems(item, x);
  return item ? { kind: 'vartuple', item } : makeUnion([v, t]);
}

/** Inside containers, int and float do not mix: `[1]` and `[1.0]` are different lists. */
export function unifyItems(a: Type, b: Type): Type | undefined {
  if (a.kind === 'unknown') return b;
  if (b.kind === 'unknown') return a;
  // `[1, 2.5]` keeps its int: its items are a variant of int and float.
  if ((a.kind === 'int' && b.kind === 'float') || (a.kind === 'float' && b.kind === 'int')) return makeUnion([a, b]);
  return unify(a, b);
}

/** The member of variant `u` that a value of type `t` is stored as: itself, else the first it widens to. */
export function memberIndex(u: Type & { kind: 'union' }, t: Type): number {
  const exact = u.members.findIndex((m) => typeEquals(m, t));
  if (exact >= 0) return exact;
  return u.members.findIndex((m) => assignable(t, m));
}

/**
 * Whether a value of type `from` (a variant) may hold a value that fits `to`: the emitter
 * then checks the member at run time (a TypeError otherwise), as `x = 1; x = str(x); return x`
 * needs under `-> str`.
 */
export function downcastable(from: Type, to: Type): boolean {
  if (from.kind === 'dynamic') return isValueType(to);
  if (from.kind === 'optional') return downcastable(from.item, to);
  if (from.kind === 'union') return from.members.some((m) => assignable(m, to));
  // Containers of variants convert item by item (`[2, 0.5]` returned as `list[float]`).
  const fits = (a: Type, b: Type): boolean => sameWithHoles(a, b) || assignable(a, b) || downcastable(a, b);
  if (
    (from.kind === 'list' || from.kind === 'deque' || from.kind === 'set' || from.kind === 'vartuple') &&
    to.kind === from.kind
  )
    return fits(from.item, to.item);
  if (from.kind === 'dict' && to.kind === 'dict') return fits(from.key, to.key) && fits(from.value, to.value);
  if (from.kind === 'tuple' && to.kind === 'tuple')
    return from.items.length === to.items.length && from.items.every((x, i) => fits(x, to.items[i]!));
  return false;
}

/** Whether `from` may be a numpy scalar (a numpy array of rank 0 or of unknown rank) of a dtype that `to` takes. */
export function numpyScalarFits(from: Type, to: Type): boolean {
  if (from.kind !== 'ndarray' || from.flavor === 'torch' || (from.rank !== undefined && from.rank !== 0)) return false;
  const d = from.dtype;
  if (to.kind === 'float') return true;
  if (to.kind === 'int') return d === undefined || d === 'bool' || /^u?int/.test(d);
  if (to.kind === 'bool') return d === undefined || d === 'bool';
  return false;
}

/** Whether a value of type `from` may be passed where `to` is declared (int to float, T to Optional[T]). */
/**
 * Whether a container's items of type `from` fit items of type `to`: the same type (holes match
 * anything), or dynamic items (`list[Any]`), into which every value converts one by one.
 */
function itemsFit(from: Type, to: Type): boolean {
  if (sameWithHoles(from, to)) return true;
  if (to.kind === 'dynamic') return isValueType(from);
  if (
    (from.kind === 'list' && to.kind === 'list') ||
    (from.kind === 'deque' && to.kind === 'deque') ||
    (from.kind === 'set' && to.kind === 'set')
  )
    return itemsFit(from.item, to.item);
  if (from.kind === 'dict' && to.kind === 'dict')
    return sameWithHoles(from.key, to.key) && itemsFit(from.value, to.value);
  return false;
}

export function assignable(from: Type, to: Type): boolean {
  if (typeEquals(from, to)) return true;
  if (from.kind === 'unknown') return true;
  // A bare `list` or `dict` annotation leaves its items open: any items fit.
  if (to.kind === 'unknown') return true;
  if (to.kind === 'dynamic') return isValueType(from);
  if (to.kind === 'float' && (from.kind === 'int' || from.kind === 'bool')) return true;
  if (to.kind === 'int' && from.kind === 'bool') return true;
  // A numpy scalar (an element of an array whose rank is not static, a 0-d array here) passes as the Python number
  // it is (np.float64 is a float); it converts with a run-time check that it holds one element.
  if (numpyScalarFits(from, to)) return true;
  // A refined library value (the matches of one pattern) fits its plain type.
  if (from.kind === 'opaque' && to.kind === 'opaque' && to.detail === undefined && from.name === to.name) return true;
  if (to.kind === 'optional') return from.kind === 'none' || assignable(from, to.item);
  if (to.kind === 'union') {
    if (from.kind === 'union') return from.members.every((m) => memberIndex(to, m) >= 0);
    return memberIndex(to, from) >= 0;
  }
  // A tuple of known length passes as a `tuple[T, ...]` of its items (the emitter converts it).
  if (from.kind === 'tuple' && to.kind === 'vartuple') return from.items.every((x) => itemsFit(x, to.item));
  // A generator passed or returned where a list is declared (`Iterable[int]`, `Iterator[int]`): its items, drawn then.
  if (from.kind === 'iter' && from.source === GENERATOR_SOURCE && to.kind === 'list')
    return assignable(from.item, to.item);
  if (from.kind !== to.kind) return false;
  switch (from.kind) {
    case 'ndarray': {
      const t = to as typeof from;
      return (
        !t.complex === !from.complex &&
        (t.dtype === undefined || from.dtype === undefined || t.dtype === from.dtype) &&
        (t.rank === undefined || from.rank === undefined || t.rank === from.rank)
      );
    }
    // Items must be the same type (a list[int] is not a list[float] in Rust); holes match anything.
    case 'list':
    case 'deque':
    case 'set':
    case 'vartuple':
      return itemsFit(from.item, (to as typeof from).item);
    case 'dict': {
      const t = to as typeof from;
      return sameWithHoles(from.key, t.key) && itemsFit(from.value, t.value);
    }
    case 'tuple': {
      const t = to as typeof from;
      return from.items.length === t.items.length && from.items.every((x, i) => assignable(x, t.items[i]!));
    }
    default:
      return false;
  }
}

/**
 * Why values of `t` cannot be sorted or compared with `<` as a whole (sorted, min, max, list.sort), or undefined when
 * they can. `runtime`: a sort, `min` or `max` orders dynamic values and variants at run time (their `PyOrd`, CPython's
 * TypeError for a pair that does not compare, `"a" < 1`); other ordering ops (heapq, bisect, statistics) order only
 * variants of numbers.
 */
export function orderError(t: Type, dynamic: 'runtime' | 'reject' = 'reject'): string | undefined {
  switch (t.kind) {
    // Its Python type is known only at run time.
    case 'dynamic':
      return dynamic === 'runtime'
        ? undefined
        : 'values whose type is known only at run time (typing.Any, json.loads) cannot be ordered here; annotate them with a concrete type first';
    // A sort, `min` or `max` compares unlike members at run time (`rt::union`'s `PyOrd`), recording CPython's
    // TypeError for an int and a str, as it does for dynamic values.
    case 'union':
      if (dynamic === 'runtime') return t.members.map((m) => orderError(m, dynamic)).find((e) => e !== undefined);
      return t.members.every(isNumeric)
        ? undefined
        : `values of ${typeToString(t)} cannot be ordered ('<' is not supported between ${t.members.map(typeToString).join(' and ')}); sort by a key that gives one type`;
    case 'list':
    case 'deque':
    case 'optional':
    case 'vartuple':
      return orderError(t.item, dynamic);
    case 'tuple':
      return t.items.map((x) => orderError(x, dynamic)).find((e) => e !== undefined);
    // CPython's `<` between dicts raises TypeError.
    case 'dict':
      return `values of ${typeToString(t)} cannot be ordered ('<' is not supported between instances of 'dict' and 'dict'); sort by a key`;
    // The emitted struct has no order of its own, even where the class defines `__lt__`.
    case 'struct':
      return `instances of \`${t.name}\` are not ordered as a whole here; sort by a key (key=lambda x: (x.a, x.b)), or define \`__lt__\` on the class (or use @dataclass(order=True))`;
    default:
      return undefined;
  }
}

/** Equal types, where an unknown part on either side (a bare `list` annotation's items) matches anything. */
function sameWithHoles(a: Type, b: Type): boolean {
  if (a.kind === 'unknown' || b.kind === 'unknown') return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'deque':
    case 'set':
    case 'optional':
    case 'vartuple':
      return sameWithHoles(a.item, (b as typeof a).item);
    case 'dict': {
      const bb = b as typeof a;
      return sameWithHoles(a.key, bb.key) && sameWithHoles(a.value, bb.value);
    }
    case 'tuple': {
      const bb = b as typeof a;
      return a.items.length === bb.items.length && a.items.every((x, i) => sameWithHoles(x, bb.items[i]!));
    }
    default:
      return typeEquals(a, b);
  }
}

/** The manifest's JSON description of a type (docs/contracts.md). */
export function typeToManifest(t: Type): unknown {
  switch (t.kind) {
    case 'list':
    case 'set':
      return { kind: t.kind, item: typeToManifest(t.item) };
    // A deque crosses as the list of its items (docs/contracts.md, value JSON).
    case 'deque':
      return { kind: 'list', item: typeToManifest(t.item) };
    case 'optional':
      return { kind: 'optional', item: typeToManifest(t.item) };
    case 'union':
      return { kind: 'union', variants: t.members.map(typeToManifest) };
    case 'dynamic':
      return { kind: 'any' };
    case 'dict':
      return { kind: 'dict', key: typeToManifest(t.key), value: typeToManifest(t.value) };
    case 'tuple':
      return { kind: 'tuple', items: t.items.map(typeToManifest) };
    case 'iter':
    case 'vartuple':
      return { kind: 'list', item: typeToManifest(t.item) };
    case 'ndarray':
      return { kind: 'ndarray', dtype: t.dtype ?? null, ndim: t.rank ?? null };
    case 'struct':
      return { kind: 'struct', name: t.name };
    case 'enum':
      return { kind: 'enum', name: t.name };
    case 'opaque':
      // A PIL image is the one opaque type with a value JSON form (`isValueType`).
      return t.name === 'PIL.Image.Image' ? { kind: 'image' } : { kind: t.kind };
    default:
      return { kind: t.kind };
  }
}

/**
 * Where a `collections.OrderedDict` sits in values of type `t`: the value itself ('top'), inside it ('nested': a list
 * of them, a variant member), or nowhere. Its Rust value is a plain dict, so only a top-level one prints as CPython
 * prints it (`OrderedDict([('a', 1)])`); the printing ops decline a nested one.
 */
export function orderedDictInside(t: Type): 'top' | 'nested' | undefined {
  switch (t.kind) {
    case 'dict':
      if (t.ordered) return 'top';
      return orderedDictInside(t.key) || orderedDictInside(t.value) ? 'nested' : undefined;
    case 'list':
    case 'deque':
    case 'set':
    case 'iter':
      return orderedDictInside(t.item) ? 'nested' : undefined;
    case 'optional':
      return orderedDictInside(t.item) ? 'nested' : undefined;
    case 'tuple':
      return t.items.some((x) => orderedDictInside(x)) ? 'nested' : undefined;
    case 'union':
      return t.members.some((x) => orderedDictInside(x)) ? 'nested' : undefined;
    default:
      return undefined;
  }
}

/**
 * The source of the `iter` type a generator function's call has in compiled code: a lazy `rt::Stream` of its items,
 * which consumers pull one at a time (`rt::stream::pull`) and `next()` advances.
 */
export const GENERATOR_SOURCE = 'generator_function';

/** Whether `t` is a generator's lazy stream. */
export function isGeneratorIter(t: Type | undefined): boolean {
  return t?.kind === 'iter' && t.source === GENERATOR_SOURCE;
}

/**
 * Whether an iterable is produced lazily and may be endless: a generator function's call, `count`, `cycle`,
 * `repeat`, or an adaptor run item by item over one (its source tagged `lazy_*`). Adaptors over it run item by item
 * too, so a consumer that stops early ends.
 */
export function isLazySource(t: Type | undefined): boolean {
  return (
    t?.kind === 'iter' &&
    (['generator_function', 'count', 'cycle', 'repeat'].includes(t.source) || t.source.startsWith('lazy_'))
  );
}

/**
 * `t` with every unknown part replaced by `x`: `Counter[?, int]` filled with str is `Counter[str, int]`. An unknown
 * dict key becomes `key` where one is given (a JSON object's keys are str whatever its values are).
 */
export function fillUnknown(t: Type, x: Type, key?: Type): Type {
  switch (t.kind) {
    case 'unknown':
      return x;
    case 'list':
    case 'deque':
    case 'set':
      return { ...t, item: fillUnknown(t.item, x, key) };
    case 'dict':
      return {
        ...t,
        key: key && t.key.kind === 'unknown' ? key : fillUnknown(t.key, x, key),
        value: fillUnknown(t.value, x, key),
      };
    case 'optional':
      return T.optional(fillUnknown(t.item, x, key));
    case 'tuple':
      return T.tuple(t.items.map((i) => fillUnknown(i, x, key)));
    default:
      return t;
  }
}

/** The element type of iterating a value of type `t`, or undefined when it is not iterable. */
export function iterItem(t: Type): Type | undefined {
  switch (t.kind) {
    case 'list':
    case 'deque':
    case 'set':
    case 'iter':
    case 'vartuple':
      return t.item;
    case 'dict':
      return t.key;
    // Iterating an array yields its sub-arrays along the first axis (0-d arrays for a 1-d one).
    case 'ndarray':
      return t.rank === 0 ? undefined : { ...t, rank: t.rank === undefined ? undefined : t.rank - 1 };
    case 'str':
      return T.str;
    // Iterating bytes or a bytearray yields ints.
    case 'opaque':
      return t.name in BYTES_TYPES ? T.int : undefined;
    case 'tuple':
      return t.items.length > 0 && t.items.every((x) => typeToString(x) === typeToString(t.items[0]!))
        ? t.items[0]
        : undefined;
    default:
      return undefined;
  }
}

/** The item of iterating a variant whose members are all iterable (`list[int] | str` gives `int | str`). */
export function unionItem(t: Type): Type | undefined {
  if (t.kind !== 'union') return undefined;
  let item: Type | undefined = T.unknown;
  for (const m of t.members) {
    const i = iterItem(m);
    item = i && item && unifyItems(item, i);
    if (!item) return undefined;
  }
  return item;
}

/**
 * The class of a named tuple with a class (`ParseResult`) held inside `t` below its top (in a list, a dict, a tuple,
 * an Optional): its items print through the generic tuple repr, so printing `t` is not supported.
 */
export function nestedClassedTuple(t: Type, top = true): string | undefined {
  switch (t.kind) {
    case 'tuple':
      if (!top && t.className) return t.className;
      for (const x of t.items) {
        const c = nestedClassedTuple(x, false);
        if (c) return c;
      }
      return undefined;
    case 'list':
    case 'set':
    case 'deque':
    case 'vartuple':
    case 'optional':
    case 'iter':
      return nestedClassedTuple(t.item, false);
    case 'dict':
      return nestedClassedTuple(t.key, false) ?? nestedClassedTuple(t.value, false);
    case 'union':
      for (const x of t.members) {
        const c = nestedClassedTuple(x, false);
        if (c) return c;
      }
      return undefined;
    default:
      return undefined;
  }
}
