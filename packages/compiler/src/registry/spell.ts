/**
 * The spelling side of the registry: the Rust template of an op choice. Infer asks each entry's
 * type rule for a choice (which entry, which overload or variant, the types); emit asks this
 * module how that choice is written in Rust and fills the template with the emitted arguments.
 * Template placeholders: `{0}` an owned value, `{&0}` a borrow, `{mut0}` a mutable place,
 * `{iter0}` an iterator of owned items, `{kw:name}` / `{&kw:name}` a keyword argument,
 * `{call0(x)}` a call of the callable argument 0.
 */
import type { OpChoice } from '../ir/choice';
import type { Type } from '../types/types';
import { lookupOp } from './registry';

/** The Rust template of a choice made by a registry entry's type rule. */
export function spellOp(c: OpChoice): string {
  const entry = lookupOp(c.entry);
  const spell = c.variant !== undefined ? entry?.spell?.[c.variant] : undefined;
  if (spell) return spell(c);
  throw new Error(`op ${c.entry} has no spelling for ${c.variant ?? 'its choice'}`);
}

/**
 * `str(x)`/`repr(x)` of a value of type `t` over `x` (a borrow): a named tuple with a class prints as CPython's
 * `ParseResult(scheme='https', ...)`, anything else through its `PyRepr`. infer rejects printing such a tuple held
 * inside another value (`reprNestedClassedTuple`), whose items print through `PyRepr` alone.
 */
export function reprTemplate(t: Type, x: string, how: 'str' | 'repr'): string {
  if (t.kind === 'tuple' && t.className && t.names) {
    const fields = t.names.map((n) => `${n}={}`).join(', ');
    const args = t.names.map((_, i) => `rt::PyRepr::py_repr(&__t.${i})`).join(', ');
    return `{ let __t = ${x}; format!(${JSON.stringify(`${t.className}(${fields})`)}, ${args}) }`;
  }
  return `rt::PyRepr::py_${how}(${x})`;
}

/** Python truthiness of a value of type `t`, as a Rust bool expression over `x` (a borrow). */
export function truthTemplate(t: Type, x: string): string {
  // A truth known from the type alone still evaluates its operand (`not log(x)` calls `log`, which returns None).
  const known = (v: boolean): string => (/^[&*(]*[\w.]+\)*$/.test(x) ? String(v) : `{ let _ = ${x}; ${v} }`);
  switch (t.kind) {
    // A variant's truth is its member's; `x` is a reference, so the arms bind references.
    // numpy's truth: one element, else ValueError.
    case 'ndarray':
      return `(${x}).truth()?`;
    case 'dynamic':
    case 'enum':
      return `rt::builtins::PyTruth::py_bool(${x})`;
    case 'union':
      return `(match ${x} { ${t.members.map((m, k) => `rt::union::U${t.members.length}::V${k}(__t) => ${truthTemplate(m, '__t')},`).join(' ')} })`;
    case 'bool':
      return `(*${x})`;
    case 'int':
      return `(*${x} != 0)`;
    case 'float':
      return `(*${x} != 0.0)`;
    case 'str':
    case 'list':
    case 'deque':
    case 'dict':
    case 'set':
    case 'vartuple':
      return `!${x}.is_empty()`;
    case 'tuple':
      return known(t.items.length > 0);
    // None is false; a value is as true as Python says (`Optional[str]` holding "" is false).
    case 'optional': {
      const inner = truthTemplate(t.item, '__o');
      return inner === 'true' ? `(${x}).is_some()` : `(${x}).as_ref().map_or(false, |__o| ${inner})`;
    }
    case 'none':
      return known(false);
    // A zero timedelta is false; dates, datetimes, times and timezones are always true.
    case 'opaque':
      if (t.name === 'bytes' || t.name === 'bytearray') return `!${x}.is_empty()`;
      return t.name === 'datetime.timedelta' ? `${x}.is_nonzero()` : known(true);
    default:
      return known(true);
  }
}

/** `format(x, spec)` of a value of type `t` over `x` (a borrow); `s` is the Rust code of the spec, a `&str`. */
export function formatWithSpec(t: Type, ref: string, s: string): string {
  switch (t.kind) {
    case 'int':
      return `rt::format::format_int(*${ref}, ${s})?`;
    case 'float':
      return `rt::format::format_float(*${ref}, ${s})?`;
    case 'bool':
      return `rt::format::format_bool(*${ref}, ${s})?`;
    case 'str':
      return `rt::format::format_str(${ref}, ${s})?`;
    case 'ndarray':
      return `${ref}.format_spec(${s})?`;
    // A dynamic value formats by its run-time type (`f"{v:.2f}"` of a JSON number); None only with an empty spec.
    case 'dynamic':
      return `rt::dynamic::format_spec(${ref}, ${s})?`;
    case 'optional':
      return `match ${ref} { Some(__f) => ${formatWithSpec(t.item, '__f', s)}, None => rt::dynamic::format_spec(&rt::Value::None, ${s})? }`;
    // A date, datetime or time formats with strftime (`f"{d:%Y-%m-%d}"`); a timedelta takes no spec.
    case 'opaque':
      if (t.name.startsWith('datetime.')) return `${ref}.format_spec(${s})?`;
      return `rt::format::format_str(&rt::PyRepr::py_str(${ref}), ${s})?`;
    default:
      return `rt::format::format_str(&rt::PyRepr::py_str(${ref}), ${s})?`;
  }
}
