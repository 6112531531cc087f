// How a value of each manifest kind crosses a uniffi boundary, and the table the uniffi targets share.

import type { CapabilityTable } from '../capabilities';

/**
 * - `native`: a uniffi primitive (i64, f64, bool, String) or `()` as a return;
 * - `container`: a uniffi `Vec<T>` / `Option<T>` when every nested type is native, otherwise value JSON;
 * - `json`: value JSON text, decoded by the runtime's value layer in Rust (and encoded back);
 * - `matrix`: a float32 ndarray return crosses as packed little-endian f32 bytes plus its shape; other dtypes as value JSON.
 */
export type UniffiCrossing = 'native' | 'container' | 'json' | 'matrix';

export type UniffiCapabilityTable = CapabilityTable<UniffiCrossing>;

/**
 * The table every uniffi target shares: Python, Kotlin and Swift cross through the same
 * generated uniffi crate, so what crosses natively is decided once, here. The languages differ
 * only in how their wrappers present values that cross as JSON (see each target's
 * capabilities.ts). A target that ever needs a different crossing declares its own complete table.
 */
export const uniffiCapabilities: UniffiCapabilityTable = {
  int: { param: 'native', ret: 'native', nested: true },
  float: { param: 'native', ret: 'native', nested: true },
  bool: { param: 'native', ret: 'native', nested: true },
  str: { param: 'native', ret: 'native', nested: true },
  none: { param: 'json', ret: 'native', nested: true },
  list: { param: 'container', ret: 'container', nested: true },
  tuple: { param: 'json', ret: 'json', nested: true },
  dict: { param: 'json', ret: 'json', nested: true },
  set: { param: 'json', ret: 'json', nested: true },
  optional: { param: 'container', ret: 'container', nested: true },
  union: { param: 'json', ret: 'json', nested: true },
  ndarray: { param: 'json', ret: 'matrix', nested: true },
  // A generator's items are collected into a list by the runtime; an iterator cannot be passed into Rust.
  stream: { param: 'unsupported', ret: 'json', nested: false },
};
