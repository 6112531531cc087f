// Structs (dataclasses, pydantic models) and enums in the manifest, as the statically typed wrappers (Kotlin, Swift) see them:
// which types they can present as their own generated classes, and which stay value JSON text.

import type { IngotType, Manifest } from './manifest';

/** Whether a type reaches a struct or an enum. */
export function reachesRecords(t: IngotType): boolean {
  switch (t.kind) {
    case 'struct':
    case 'enum':
      return true;
    case 'list':
    case 'set':
    case 'optional':
    case 'stream':
      return reachesRecords(t.item);
    case 'tuple':
      return t.items.some(reachesRecords);
    case 'union':
      return t.variants.some(reachesRecords);
    case 'dict':
      return reachesRecords(t.key) || reachesRecords(t.value);
    default:
      return false;
  }
}

/**
 * Whether a statically typed wrapper can present a value of this type with typed classes: scalars and str, lists and sets
 * (as lists), optionals, dicts with str keys, enums, and the structs in `structs`. Tuples, unions, ndarrays and None stay
 * value JSON text.
 */
export function isTypable(t: IngotType, structs: ReadonlySet<string>): boolean {
  switch (t.kind) {
    case 'int':
    case 'float':
    case 'bool':
    case 'str':
    case 'enum':
      return true;
    case 'list':
    case 'set':
      return isTypable(t.item, structs);
    case 'optional':
      return t.item.kind !== 'optional' && isTypable(t.item, structs);
    case 'dict':
      return t.key.kind === 'str' && isTypable(t.value, structs);
    case 'struct':
      return structs.has(t.name);
    default:
      return false;
  }
}

/** The structs whose every field is typable (a struct with a field that is not, or that reaches such a struct, is not). */
export function typableStructs(manifest: Manifest): Set<string> {
  const out = new Set((manifest.structs ?? []).map((s) => s.name));
  for (let changed = true; changed; ) {
    changed = false;
    for (const st of manifest.structs ?? []) {
      if (out.has(st.name) && !st.fields.every((f) => isTypable(f.type, out))) {
        out.delete(st.name);
        changed = true;
      }
    }
  }
  return out;
}
