// How a value of each manifest kind crosses a uniffi boundary, and the table the uniffi targets share.

import type { CapabilityTable } from '../capabilities';

/**
 * - `native`: a uniffi primitive (i64, f64, bool, String) or `()` as a return;
 * - `container`: a uniffi `Vec<T>` / `Option<T>` when every nested type is native, otherwise value JSON;
 * - `json`: value JSON text, decoded by the runtime's value layer in Rust (and encoded back);
 * - `matrix`: a float32 ndarray return crosses as packed little-endian f32 bytes plus its shape; other dtypes as value JSON;
 * - `stream`: a generator function returns a uniffi object whose `next()` gives one item at a time (each item crosses
 *   as a return would);
 * - `image`: a PIL image as the `IngotImage` record (width, height, mode and the raw row-major bytes, which uniffi
 *   copies as one byte buffer, never per element and never as value JSON).
 */
export type UniffiCrossing = 'native' | 'container' | 'json' | 'matrix' | 'stream' | 'image';

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
  // A value typed only at run time crosses as value JSON.
  any: { param: 'json', ret: 'json', nested: true },
  // A PIL image crosses as the IngotImage record (raw bytes); inside a container it crosses as value JSON.
  image: { param: 'image', ret: 'image', nested: true },
  ndarray: { param: 'json', ret: 'matrix', nested: true },
  // A generator returns a stream object; an iterator cannot be passed into Rust, nor a stream nested in a value.
  stream: { param: 'unsupported', ret: 'stream', nested: false },
  // Dataclasses, pydantic models and Enums cross as value JSON (an object of the fields; the member's value); each
  // wrapper presents them as its own generated classes (Python dataclass / enum.Enum, Kotlin data / enum class, Swift Codable).
  struct: { param: 'json', ret: 'json', nested: true },
  enum: { param: 'json', ret: 'json', nested: true },
};
