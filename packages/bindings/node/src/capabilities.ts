// What the Node target can carry across napi, per manifest type kind.
// The table is a complete object keyed by every kind, so adding a kind to the manifest fails to compile here until Node answers for it.
// The shared check (packages/bindings/common) runs once over it, before any emitter, and rejects a manifest the target cannot bind.

import {
  checkCapabilities as checkWithTable,
  type CapabilityProblem,
  type CapabilityTable,
  type Manifest,
} from '@ingot/bindings-common';

/**
 * How a value of a kind crosses the boundary:
 * - `native`: a napi primitive (number, boolean, string), no conversion layer;
 * - `json`: encoded to value JSON in JS and decoded by the runtime's value layer in Rust (and back);
 * - `unsupported`: rejected before generation.
 */
export type Crossing = 'native' | 'json' | 'unsupported';

export const nodeCapabilities: CapabilityTable<Exclude<Crossing, 'unsupported'>> = {
  int: { param: 'native', ret: 'native', nested: true },
  float: { param: 'native', ret: 'native', nested: true },
  bool: { param: 'native', ret: 'native', nested: true },
  str: { param: 'native', ret: 'native', nested: true },
  // `()` as a parameter is meaningless in JS; as a return it is napi's `undefined`.
  none: { param: 'json', ret: 'native', nested: true },
  list: { param: 'json', ret: 'json', nested: true },
  tuple: { param: 'json', ret: 'json', nested: true },
  dict: { param: 'json', ret: 'json', nested: true },
  set: { param: 'json', ret: 'json', nested: true },
  optional: { param: 'json', ret: 'json', nested: true },
  union: { param: 'json', ret: 'json', nested: true },
  // A value typed only at run time crosses as value JSON.
  any: { param: 'json', ret: 'json', nested: true },
  // A PIL image is a `{width, height, mode, data}` object whose data is a Buffer; values.js turns it into value JSON and back.
  image: { param: 'json', ret: 'json', nested: true },
  // A float32 ndarray return is narrowed by the pass to a Float32Array over the Rust buffer (`NodeReturn.crossing` 'float32').
  ndarray: { param: 'json', ret: 'json', nested: true },
  // A generator returns an async iterator over a native stream object; the pass decides how its items cross (scalars and
  // str natively, the rest as value JSON). Passing an iterator from JS into Rust is not possible.
  stream: { param: 'unsupported', ret: 'json', nested: false },
  // Dataclasses and pydantic models are plain JS objects of their fields (a d.ts interface each), Enum members their values
  // (a literal union type and a frozen object of the members); both cross as value JSON, checked field by field in index.js.
  struct: { param: 'json', ret: 'json', nested: true },
  enum: { param: 'json', ret: 'json', nested: true },
};

export type { CapabilityProblem };

export function checkCapabilities(manifest: Manifest): CapabilityProblem[] {
  // The shared check walks containers and struct fields alike; "JS" names the foreign side in its messages.
  return checkWithTable(manifest, nodeCapabilities, 'JS');
}
