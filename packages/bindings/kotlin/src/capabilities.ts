// What the Kotlin target carries across uniffi: the shared uniffi table. Values that cross as
// value JSON reach the caller as a `String` (the wrapper assumes no JSON library).

import { uniffi } from '@ingot/bindings-common';

export const kotlinCapabilities: uniffi.UniffiCapabilityTable = uniffi.uniffiCapabilities;
