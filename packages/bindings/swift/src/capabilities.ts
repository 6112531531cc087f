// What the Swift target carries across uniffi: the shared uniffi table. Values that cross as
// value JSON reach the caller as a `String`.

import { uniffi } from '@ingot/bindings-common';

export const swiftCapabilities: uniffi.UniffiCapabilityTable = uniffi.uniffiCapabilities;
