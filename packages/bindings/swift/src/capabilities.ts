// What the Swift target carries across uniffi: the shared uniffi table. Values that cross as
// value JSON reach the caller as a `String`, except dataclasses, pydantic models and Enums (and lists, optionals and
// str-keyed dicts of them), which the wrapper decodes into and encodes from its Codable structs and enums.

import { uniffi } from '@ingot/bindings-common';

export const swiftCapabilities: uniffi.UniffiCapabilityTable = uniffi.uniffiCapabilities;
