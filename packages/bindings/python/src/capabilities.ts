// What the Python target carries across uniffi: the shared uniffi table. Values that cross as
// value JSON are decoded by the wrapper into Python objects (tuple, set, dict with non-str keys, ndarray).

import { uniffi } from '@ingot/bindings-common';

export const pythonCapabilities: uniffi.UniffiCapabilityTable = {
  ...uniffi.uniffiCapabilities,
  // A PIL image still crosses as value JSON here: the wrapper's PIL and RawImage conversion (`_ingot_values.py`) reads
  // and writes that form. Kotlin and Swift take the IngotImage record.
  image: { param: 'json', ret: 'json', nested: true },
};
