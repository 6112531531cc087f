/**
 * `hasattr(obj, "name")` on a value of a known type, decided at compile time: Python's answer is
 * whether the name is in `dir()` of the value's class, listed here as CPython 3.11 gives it (so a
 * method Ingot does not compile still counts, as it does in CPython). A name that is not a literal,
 * or a type whose attributes are not listed (a dataclass, a library object), is a diagnostic.
 */
import { defineOp, defineSpellings, T, type ResolveResult } from '../registry';
import { typeToString } from '../../types/types';

/** `dir(cls)` of the builtin classes, from CPython 3.11. */
const DIR: Record<string, string> = {
  str: '__add__ __class__ __contains__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ __getitem__ __getnewargs__ __getstate__ __gt__ __hash__ __init__ __init_subclass__ __iter__ __le__ __len__ __lt__ __mod__ __mul__ __ne__ __new__ __reduce__ __reduce_ex__ __repr__ __rmod__ __rmul__ __setattr__ __sizeof__ __str__ __subclasshook__ capitalize casefold center count encode endswith expandtabs find format format_map index isalnum isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill',
  int: '__abs__ __add__ __and__ __bool__ __ceil__ __class__ __delattr__ __dir__ __divmod__ __doc__ __eq__ __float__ __floor__ __floordiv__ __format__ __ge__ __getattribute__ __getnewargs__ __getstate__ __gt__ __hash__ __index__ __init__ __init_subclass__ __int__ __invert__ __le__ __lshift__ __lt__ __mod__ __mul__ __ne__ __neg__ __new__ __or__ __pos__ __pow__ __radd__ __rand__ __rdivmod__ __reduce__ __reduce_ex__ __repr__ __rfloordiv__ __rlshift__ __rmod__ __rmul__ __ror__ __round__ __rpow__ __rrshift__ __rshift__ __rsub__ __rtruediv__ __rxor__ __setattr__ __sizeof__ __str__ __sub__ __subclasshook__ __truediv__ __trunc__ __xor__ as_integer_ratio bit_count bit_length conjugate denominator from_bytes imag numerator real to_bytes',
  float:
    '__abs__ __add__ __bool__ __ceil__ __class__ __delattr__ __dir__ __divmod__ __doc__ __eq__ __float__ __floor__ __floordiv__ __format__ __ge__ __getattribute__ __getformat__ __getnewargs__ __getstate__ __gt__ __hash__ __init__ __init_subclass__ __int__ __le__ __lt__ __mod__ __mul__ __ne__ __neg__ __new__ __pos__ __pow__ __radd__ __rdivmod__ __reduce__ __reduce_ex__ __repr__ __rfloordiv__ __rmod__ __rmul__ __round__ __rpow__ __rsub__ __rtruediv__ __setattr__ __sizeof__ __str__ __sub__ __subclasshook__ __truediv__ __trunc__ as_integer_ratio conjugate fromhex hex imag is_integer real',
  bool: '__abs__ __add__ __and__ __bool__ __ceil__ __class__ __delattr__ __dir__ __divmod__ __doc__ __eq__ __float__ __floor__ __floordiv__ __format__ __ge__ __getattribute__ __getnewargs__ __getstate__ __gt__ __hash__ __index__ __init__ __init_subclass__ __int__ __invert__ __le__ __lshift__ __lt__ __mod__ __mul__ __ne__ __neg__ __new__ __or__ __pos__ __pow__ __radd__ __rand__ __rdivmod__ __reduce__ __reduce_ex__ __repr__ __rfloordiv__ __rlshift__ __rmod__ __rmul__ __ror__ __round__ __rpow__ __rrshift__ __rshift__ __rsub__ __rtruediv__ __rxor__ __setattr__ __sizeof__ __str__ __sub__ __subclasshook__ __truediv__ __trunc__ __xor__ as_integer_ratio bit_count bit_length conjugate denominator from_bytes imag numerator real to_bytes',
  list: '__add__ __class__ __class_getitem__ __contains__ __delattr__ __delitem__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ __getitem__ __getstate__ __gt__ __hash__ __iadd__ __imul__ __init__ __init_subclass__ __iter__ __le__ __len__ __lt__ __mul__ __ne__ __new__ __reduce__ __reduce_ex__ __repr__ __reversed__ __rmul__ __setattr__ __setitem__ __sizeof__ __str__ __subclasshook__ append clear copy count extend index insert pop remove reverse sort',
  dict: '__class__ __class_getitem__ __contains__ __delattr__ __delitem__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ __getitem__ __getstate__ __gt__ __hash__ __init__ __init_subclass__ __ior__ __iter__ __le__ __len__ __lt__ __ne__ __new__ __or__ __reduce__ __reduce_ex__ __repr__ __reversed__ __ror__ __setattr__ __setitem__ __sizeof__ __str__ __subclasshook__ clear copy fromkeys get items keys pop popitem setdefault update values',
  set: '__and__ __class__ __class_getitem__ __contains__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ __getstate__ __gt__ __hash__ __iand__ __init__ __init_subclass__ __ior__ __isub__ __iter__ __ixor__ __le__ __len__ __lt__ __ne__ __new__ __or__ __rand__ __reduce__ __reduce_ex__ __repr__ __ror__ __rsub__ __rxor__ __setattr__ __sizeof__ __str__ __sub__ __subclasshook__ __xor__ add clear copy difference difference_update discard intersection intersection_update isdisjoint issubset issuperset pop remove symmetric_difference symmetric_difference_update union update',
  tuple:
    '__add__ __class__ __class_getitem__ __contains__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ __getitem__ __getnewargs__ __getstate__ __gt__ __hash__ __init__ __init_subclass__ __iter__ __le__ __len__ __lt__ __mul__ __ne__ __new__ __reduce__ __reduce_ex__ __repr__ __rmul__ __setattr__ __sizeof__ __str__ __subclasshook__ count index',
};

const ATTRS = new Map(Object.entries(DIR).map(([k, v]) => [k, new Set(v.split(' '))]));

defineOp({
  id: 'builtins.hasattr',
  summary: 'hasattr(obj, "name") on str, int, float, bool, list, dict, set and tuple values, decided statically',
  resolve: (args, _kw, consts): ResolveResult => {
    if (args.length !== 2) return { error: 'hasattr() takes an object and an attribute name' };
    const name = consts?.[1];
    if (name?.kind !== 'str') return { error: 'hasattr() needs the attribute name as a string literal' };
    const attrs = ATTRS.get(args[0]!.kind);
    if (!attrs) return { error: `hasattr() on ${typeToString(args[0]!)} is not decided statically` };
    return {
      entry: 'builtins.hasattr',
      overload: `${typeToString(args[0]!)}, str`,
      result: T.bool,
      params: args,
      variant: attrs.has(name.value) ? 'true' : 'false',
    };
  },
  tests: [
    {
      params: { s: 'str', xs: 'list[int]', d: 'dict[str, int]' },
      expr: "(hasattr(s, 'upper'), hasattr(s, 'append'), hasattr(xs, 'append'), hasattr(d, 'items'), hasattr(1.5, 'is_integer'), hasattr(3, 'bit_length'), hasattr((1, 2), 'count'), hasattr(d, 'casefold'))",
      samples: [['x', [1], { a: 1 }]],
    },
  ],
});

defineSpellings({
  'builtins.hasattr': {
    true: () => '{ let _ = ({&0}, {&1}); true }',
    false: () => '{ let _ = ({&0}, {&1}); false }',
    // A plain class's field set first outside `__init__` (infer's `hasattrOfClass`): whether it is set yet.
    late: (c) => `{ let _ = {&1}; {&0}.${String(c.detail!.rust)}.is_some() }`,
  },
});
