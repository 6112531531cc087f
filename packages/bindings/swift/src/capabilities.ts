// What the Swift target carries across uniffi, per manifest type kind. Values that do not cross as uniffi types travel
// as value JSON text, which the Swift wrapper hands to the caller as a `String`.

import type { uniffi } from '@ingot/bindings-common';

export const swiftCapabilities: uniffi.UniffiCapabilityTable = {
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
