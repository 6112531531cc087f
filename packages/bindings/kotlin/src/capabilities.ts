// What the Kotlin target carries across uniffi: the shared uniffi table. Values that cross as
// value JSON reach the caller as a `String`, except dataclasses, pydantic models and Enums (and lists, optionals and
// str-keyed dicts of them), which the wrapper reads and writes as data and enum classes with its own `IngotJson` (no JSON library).

import { uniffi } from '@ingot/bindings-common';

export const kotlinCapabilities: uniffi.UniffiCapabilityTable = uniffi.uniffiCapabilities;
