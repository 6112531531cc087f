// How a value of each manifest kind crosses a uniffi boundary. Python, Kotlin and Swift each declare a complete table of these.

import type { CapabilityTable } from '../capabilities';

/**
 * - `native`: a uniffi primitive (i64, f64, bool, String) or `()` as a return;
 * - `container`: a uniffi `Vec<T>` / `Option<T>` when every nested type is native, otherwise value JSON;
 * - `json`: value JSON text, decoded by the runtime's value layer in Rust (and encoded back);
 * - `matrix`: a float32 ndarray return crosses as packed little-endian f32 bytes plus its shape; other dtypes as value JSON.
 */
export type UniffiCrossing = 'native' | 'container' | 'json' | 'matrix';

export type UniffiCapabilityTable = CapabilityTable<UniffiCrossing>;
