/**
 * Turns annotation expressions (`list[str]`, `Optional[int]`, `dict[str, float]`) into types.
 * Unknown or unsupported annotations are reported at their span and become `unknown`.
 */
import type { DiagnosticSink, Span } from '../diagnostics/diagnostic';
import type * as A from '../parse/ast';
import { BYTES_TYPES, DATETIME_TYPES, T, type Type, typeToString } from '../types/types';
import { NUMPY_DTYPE_NAMES } from '../types/dtypes';

/** Resolves a (possibly dotted) annotation name through the module's imports. */
function qualified(e: A.Expr, imports: ReadonlyMap<string, string>): string | undefined {
  if (e.kind === 'Name') return imports.get(e.id) ?? e.id;
  if (e.kind === 'Attribute') {
    const base = qualified(e.value, imports);
    return base === undefined ? undefined : `${base}.${e.attr}`;
  }
  if (e.kind === 'Str') return e.value;
  return undefined;
}

const SIMPLE: Record<string, Type> = {
  int: T.int,
  float: T.float,
  bool: T.bool,
  str: T.str,
  None: T.none,
};

/** Module-level type aliases (`Task = Literal["query", "document"]`), by name. */
export type TypeAliases = ReadonlyMap<string, A.Expr>;

export function lowerAnnotation(
  e: A.Expr,
  imports: ReadonlyMap<string, string>,
  sink: DiagnosticSink,
  aliases: TypeAliases = new Map(),
  depth = 0,
  structs: ReadonlySet<string> = new Set(),
  enums: ReadonlySet<string> = new Set(),
): Type {
  if (e.kind === 'Name' && aliases.has(e.id) && depth < 16)
    return lowerAnnotation(aliases.get(e.id)!, imports, sink, aliases, depth + 1, structs, enums);
  if (e.kind === 'Name' && structs.has(e.id))
    return enums.has(e.id) ? { kind: 'enum', name: e.id } : { kind: 'struct', name: e.id };
  // A generic class of the module given its type arguments (`Stack[str]`, `LRUCache[str, int]`): the class itself,
  // whose fields take the types its construction gives them.
  if (e.kind === 'Subscript' && e.value.kind === 'Name' && structs.has(e.value.id) && !enums.has(e.value.id))
    return { kind: 'struct', name: e.value.id };
  // A forward reference to a class of the module (`other: "Box"` inside `Box`).
  if (e.kind === 'Str' && structs.has(e.value))
    return enums.has(e.value) ? { kind: 'enum', name: e.value } : { kind: 'struct', name: e.value };
  const recur = (x: A.Expr): Type => lowerAnnotation(x, imports, sink, aliases, depth + 1, structs, enums);
  // A type variable (`T = TypeVar("T")`, reached through its alias): each value's own type, as for `Callable`.
  if (e.kind === 'Call' && ['typing.TypeVar', 'typing_extensions.TypeVar'].includes(qualified(e.func, imports) ?? ''))
    return T.unknown;
  if (e.kind === 'None') return T.none;
  if (e.kind === 'BinOp' && e.op === '|') {
    const l = recur(e.left);
    const r = recur(e.right);
    if (l.kind === 'unknown' || r.kind === 'unknown') return T.unknown;
    return unionAnnotation([l, r], e.span, sink);
  }
  if (e.kind === 'Subscript') {
    const base = qualified(e.value, imports);
    const args = e.index.kind === 'Tuple' ? e.index.elts : [e.index];
    const arg = (i: number): Type => (args[i] ? recur(args[i]!) : T.unknown);
    switch (base) {
      case 'list':
      case 'typing.List':
      case 'typing.Sequence':
      case 'collections.abc.Sequence':
        return T.list(arg(0));
      case 'collections.deque':
      case 'typing.Deque':
        return T.deque(arg(0));
      case 'set':
      case 'typing.Set':
        return T.set(arg(0));
      case 'dict':
      case 'typing.Dict':
      case 'typing.Mapping':
      case 'typing.MutableMapping':
      case 'collections.abc.Mapping':
      case 'collections.abc.MutableMapping':
        return T.dict(arg(0), arg(1));
      case 'typing.OrderedDict':
      case 'collections.OrderedDict':
        return { kind: 'dict', key: arg(0), value: arg(1), ordered: true };
      // The collections dicts keep what a missing key does (see the dict type).
      case 'collections.defaultdict':
      case 'typing.DefaultDict':
        return { kind: 'dict', key: arg(0), value: arg(1), missing: 'insert' };
      case 'collections.Counter':
      case 'typing.Counter':
        return { kind: 'dict', key: arg(0), value: T.int, missing: 'zero' };
      case 'typing.MutableSequence':
      case 'collections.abc.MutableSequence':
        return T.list(arg(0));
      case 'frozenset':
      case 'typing.FrozenSet':
        return T.frozenset(arg(0));
      case 'typing.AbstractSet':
      case 'collections.abc.Set':
        return T.set(arg(0));
      // A function parameter: each call site's argument (a lambda or a module function) gives its type; so does
      // `typing.Type[int]`, a class as a value (a builtin class is a converter function).
      case 'typing.Callable':
      case 'collections.abc.Callable':
      case 'typing.Type':
      case 'type':
        return T.unknown;
      case 'tuple':
      case 'typing.Tuple': {
        // `Tuple[type, ...]`: a tuple of classes is a class value (`lower/classvalues.ts`), typed by its value.
        const isClass = (x: A.Expr): boolean => {
          const q = qualified(x.kind === 'Subscript' ? x.value : x, imports);
          return q === 'type' || q === 'typing.Type';
        };
        if (args.every((x) => x.kind === 'Ellipsis' || isClass(x)) && args.some(isClass)) return T.unknown;
        // `tuple[T, ...]`: any length, items of one type.
        if (args.length === 2 && args[1]!.kind === 'Ellipsis') return T.vartuple(arg(0));
        return T.tuple(args.map((_, i) => arg(i)));
      }
      case 'typing.Optional':
        return T.optional(arg(0));
      // A generator's annotation: the function returns the list of what it yields.
      case 'typing.Iterator':
      case 'typing.Iterable':
      case 'typing.Generator':
      case 'collections.abc.Iterator':
      case 'collections.abc.Iterable':
      case 'collections.abc.Generator':
        return T.list(arg(0));
      case 'typing.Union': {
        const ts = args.map((_, i) => arg(i));
        if (ts.some((t) => t.kind === 'unknown')) return T.unknown;
        return unionAnnotation(ts, e.span, sink);
      }
      case 'typing.Annotated':
        return arg(0);
      case 'typing.Literal':
      case 'typing_extensions.Literal': {
        // Python does not check Literal at run time: the parameter is its values' type.
        const kinds = new Set(
          args.map((a) =>
            a.kind === 'Str'
              ? 'str'
              : a.kind === 'Int'
                ? 'int'
                : a.kind === 'Bool'
                  ? 'bool'
                  : a.kind === 'None'
                    ? 'none'
                    : 'other',
          ),
        );
        if (kinds.size === 1 && !kinds.has('other') && !kinds.has('none'))
          return kinds.has('str') ? T.str : kinds.has('int') ? T.int : T.bool;
        break;
      }
      case 'numpy.typing.NDArray': {
        // NDArray[np.float32] fixes the dtype; the rank stays dynamic.
        const d = args[0] ? qualified(args[0], imports) : undefined;
        const dtype =
          d?.startsWith('numpy.') && Object.prototype.hasOwnProperty.call(NUMPY_DTYPE_NAMES, d.slice(6))
            ? NUMPY_DTYPE_NAMES[d.slice(6)]
            : undefined;
        if (dtype) return T.ndarray(dtype, undefined, 'numpy');
        break;
      }
      default:
        break;
    }
    sink.report('E0204', e.span, { name: annotationText(e) });
    return T.unknown;
  }
  const name = qualified(e, imports);
  if (name !== undefined) {
    const simple = SIMPLE[name];
    if (simple) return simple;
    switch (name) {
      case 'numpy.ndarray':
      case 'numpy.typing.NDArray':
      case 'numpy.typing.ArrayLike':
        return T.ndarray(undefined, undefined, 'numpy');
      case 'torch.Tensor':
      case 'torch.FloatTensor':
        return T.ndarray(undefined, undefined, 'torch');
      case 'numpy.int64':
      case 'numpy.int32':
      case 'numpy.intp':
        return T.int;
      case 'numpy.float32':
      case 'numpy.float64':
      case 'numpy.double':
        return T.float;
      case 'numpy.bool_':
        return T.bool;
      // A pattern or match whose groups the argument's type gives (see registry/ops/re.ts).
      case 're.Pattern':
      case 'typing.Pattern':
        return T.opaque('re.Pattern', 'rt::re::Pattern');
      case 're.Match':
      case 'typing.Match':
        return T.opaque('re.Match', 'rt::re::Match');
      // A PIL image (registry/ops/pil.ts); it crosses as value JSON's `{"image": ...}`.
      case 'PIL.Image.Image':
        return T.image;
      // A seeded generator (registry/ops/random.ts), passed to helpers.
      case 'random.Random':
        return T.opaque('random.Random', 'rt::random::Random');
      case 'numpy.random.RandomState':
        return T.opaque('numpy.random.RandomState', 'nd::RandomState');
      case 'numpy.random.Generator':
        return T.opaque('numpy.random.Generator', 'nd::NpGenerator');
      // The datetime classes (registry/ops/datetime.ts); `tzinfo` values are fixed-offset timezones here.
      case 'datetime.date':
      case 'datetime.datetime':
      case 'datetime.time':
      case 'datetime.timedelta':
      case 'datetime.timezone':
        return DATETIME_TYPES[name]!;
      case 'datetime.tzinfo':
        return DATETIME_TYPES['datetime.timezone']!;
      // bytes and bytearray (registry/ops/bytes.ts); no value JSON form, like the datetime classes.
      case 'bytes':
      case 'bytearray':
      case 'typing.ByteString':
        return BYTES_TYPES[name === 'bytearray' ? 'bytearray' : 'bytes']!;
      case 'hashlib._Hash':
        return T.opaque('hashlib.HASH', 'rt::bytes::Hash');
      // A bare `Sequence` (`x: Union[int, Sequence]`) too, as `Sequence[T]` is a list: of items the value decides.
      case 'list':
      case 'typing.List':
      case 'typing.Sequence':
      case 'collections.abc.Sequence':
      case 'typing.MutableSequence':
      case 'collections.abc.MutableSequence':
        return T.list(T.unknown);
      case 'collections.deque':
      case 'typing.Deque':
        return T.deque(T.unknown);
      case 'dict':
      case 'typing.Dict':
        return T.dict(T.unknown, T.unknown);
      case 'typing.OrderedDict':
      case 'collections.OrderedDict':
        return { kind: 'dict', key: T.unknown, value: T.unknown, ordered: true };
      // The collections dicts keep what a missing key does (see the dict type); bare, their items are open.
      case 'collections.defaultdict':
      case 'typing.DefaultDict':
        return { kind: 'dict', key: T.unknown, value: T.unknown, missing: 'insert' };
      case 'collections.Counter':
      case 'typing.Counter':
        return { kind: 'dict', key: T.unknown, value: T.int, missing: 'zero' };
      case 'set':
      case 'typing.Set':
        return T.set(T.unknown);
      case 'frozenset':
      case 'typing.FrozenSet':
        return T.frozenset(T.unknown);
      // A bare `tuple` gives neither the length nor the items: the value decides them (a result is what the function
      // returns, a helper's parameter is typed per call), as each call's function value types a `Callable`.
      case 'typing.Callable':
      case 'collections.abc.Callable':
      case 'typing.Type':
      case 'type':
      case 'tuple':
      case 'typing.Tuple':
        return T.unknown;
      // A caught exception (`last: Optional[Exception] = None`, `e.__cause__`): the runtime's `PyErr`, whatever its
      // class (`type(e).__name__` and `isinstance` read it at run time).
      case 'BaseException':
      case 'Exception':
      case 'ValueError':
      case 'TypeError':
      case 'RuntimeError':
      case 'KeyError':
      case 'IndexError':
      case 'LookupError':
      case 'ArithmeticError':
      case 'ZeroDivisionError':
      case 'OSError':
        return T.opaque('Exception', 'rt::PyErr');
      // A value whose type only the running program knows: value JSON in, checked where it is used as a type.
      // `object` says as little: any value.
      case 'typing.Any':
      case 'builtins.object':
      case 'object':
        return T.dynamic;
      default:
        break;
    }
  }
  sink.report('E0204', e.span, { name: annotationText(e) });
  return T.unknown;
}

function annotationText(e: A.Expr): string {
  switch (e.kind) {
    case 'Name':
      return e.id;
    case 'Attribute':
      return `${annotationText(e.value)}.${e.attr}`;
    case 'Subscript':
      return `${annotationText(e.value)}[${e.index.kind === 'Tuple' ? e.index.elts.map(annotationText).join(', ') : annotationText(e.index)}]`;
    case 'Str':
      return e.value;
    case 'None':
      return 'None';
    case 'Ellipsis':
      return '...';
    default:
      return 'this annotation';
  }
}

/** `Union[A, B]` / `A | B`: a tagged variant (Optional when None is a member). */
function unionAnnotation(ts: Type[], span: Span, sink: DiagnosticSink): Type {
  // A union of JSON's kinds with a container of `Any` (`Union[None, bool, int, float, str, List[Any], Dict[str, Any]]`,
  // the JSON value alias validators declare) is a dynamic value: what it holds is decided at run time, item by item.
  const anyItems = (t: Type): boolean =>
    t.kind === 'dynamic' ||
    (t.kind === 'list' && t.item.kind === 'dynamic') ||
    (t.kind === 'dict' && t.key.kind === 'str' && t.value.kind === 'dynamic');
  const json = (t: Type): boolean => ['none', 'bool', 'int', 'float', 'str'].includes(t.kind) || anyItems(t);
  if (ts.every(json) && ts.some(anyItems)) return T.dynamic;
  const u = T.union(ts);
  if (u) return u;
  // `X | None` of a type that forms no variant (`Exception | None`, `date | None`): Optional, as `Optional[X]` is.
  const some = ts.filter((t) => t.kind !== 'none');
  if (some.length === 1 && ts.length === 2) return T.optional(some[0]!);
  sink.report('E0204', span, { name: `Union[${ts.map(typeToString).join(', ')}]` });
  return T.unknown;
}
