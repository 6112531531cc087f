/**
 * Rust names and types for Python names and Ingot types. Every identifier the emitter
 * writes goes through `rustIdent` (from the contract), so Python names that are Rust keywords stay valid.
 */
import { GENERATOR_SOURCE, type Type } from '../types/types';
import { isChatResource, type ResourceKind } from '../ir/resources';

// The one spelling of Python names as Rust identifiers lives in the contract, so the manifest's Rust paths and the
// emitted crate cannot disagree.
export { rustIdent } from '@ingot/contract';

export function rustType(t: Type): string {
  switch (t.kind) {
    case 'int':
      return 'i64';
    case 'float':
      return 'f64';
    case 'bool':
      return 'bool';
    case 'str':
      return 'String';
    case 'none':
      return '()';
    case 'list':
      return `Vec<${rustType(t.item)}>`;
    case 'set':
      return `rt::Set<${rustType(t.item)}>`;
    case 'deque':
      return `rt::Deque<${rustType(t.item)}>`;
    case 'dict':
      return `rt::Dict<${rustType(t.key)}, ${rustType(t.value)}>`;
    case 'tuple':
      // Rust's `()` is None, so the empty tuple is an empty `VarTuple` (repr `()`, false, value JSON `[]`).
      if (t.items.length === 0) return 'rt::VarTuple<()>';
      return t.items.length === 1 ? `(${rustType(t.items[0]!)},)` : `(${t.items.map(rustType).join(', ')})`;
    case 'vartuple':
      return `rt::VarTuple<${rustType(t.item)}>`;
    case 'optional':
      return `Option<${rustType(t.item)}>`;
    case 'union':
      return `${unionPath(t)}<${t.members.map(rustType).join(', ')}>`;
    case 'dynamic':
      return 'rt::Value';
    case 'iter':
      // An endless `itertools.count()`, `cycle()` or `repeat()` is kept as the sequence itself (`next(ids)` draws from
      // it), never as a list.
      if (t.source === 'count') return `rt::itertools::Count<${rustType(t.item)}>`;
      if (t.source === 'cycle') return `rt::itertools::Cycle<${rustType(t.item)}>`;
      if (t.source === 'repeat') return `rt::itertools::Repeat<${rustType(t.item)}>`;
      return t.source === GENERATOR_SOURCE ? `rt::Stream<${rustType(t.item)}>` : `Vec<${rustType(t.item)}>`;
    case 'slice':
      return '(Option<i64>, Option<i64>, Option<i64>)';
    case 'ndarray':
      return 'nd::NdArray';
    case 'resource':
      if (isChatResource(t.resource as ResourceKind)) return "&'static chat::ChatModel";
      return t.chat ? "&'static chat::py::ChatTokenizer" : `&'static ml::${t.resource}`;
    case 'opaque':
      return t.rust;
    case 'callable':
      return '()';
    case 'struct':
      return structIdent(t.name);
    case 'enum':
      return t.name;
    case 'unknown':
      return '()';
  }
}

/** Whether values of the type are Rust `Copy`, so reading a variable needs no clone. */
export function isCopy(t: Type): boolean {
  switch (t.kind) {
    case 'int':
    case 'float':
    case 'bool':
    case 'none':
    case 'callable':
    case 'enum':
      return true;
    case 'tuple':
      return t.items.length > 0 && t.items.every(isCopy);
    case 'optional':
      return isCopy(t.item);
    default:
      return false;
  }
}

/** The runtime enum of a variant: `rt::union::U2` for two members, up to `U6`. */
export function unionPath(t: Type & { kind: 'union' }): string {
  return `rt::union::U${t.members.length}`;
}

/** Rust's prelude names the generated code spells itself (`Vec<i64>`, `String`, `Option`, `Ok(...)`). */
const PRELUDE = new Set(['Vec', 'String', 'Option', 'Some', 'None', 'Result', 'Ok', 'Err', 'Box', 'Self']);

/** The Rust name of a class's struct: its own, unless a class named `Vec` would shadow what generated code uses. */
export function structIdent(name: string): string {
  return PRELUDE.has(name) ? `Py${name}` : name;
}
