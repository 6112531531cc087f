// What the Node target can carry across napi, per manifest type kind.
// The table is a complete object keyed by every kind, so adding a kind to the manifest fails to compile here until Node answers for it.
// `checkCapabilities` runs once, before any emitter, and rejects a manifest the target cannot bind.

import type { IngotType, Manifest, TypeKind } from './manifest';

/**
 * How a value of a kind crosses the boundary:
 * - `native`: a napi primitive (number, boolean, string), no conversion layer;
 * - `json`: encoded to value JSON in JS and decoded by the runtime's value layer in Rust (and back);
 * - `unsupported`: rejected before generation.
 */
export type Crossing = 'native' | 'json' | 'unsupported';

export interface KindCapability {
  /** As a top-level parameter. */
  param: Crossing;
  /** As a top-level return value. */
  ret: Crossing;
  /** Inside a container (list item, dict value, ...); nested values always travel as JSON. */
  nested: boolean;
}

export const nodeCapabilities: Record<TypeKind, KindCapability> = {
  int: { param: 'native', ret: 'native', nested: true },
  float: { param: 'native', ret: 'native', nested: true },
  bool: { param: 'native', ret: 'native', nested: true },
  str: { param: 'native', ret: 'native', nested: true },
  // `()` as a parameter is meaningless in JS; as a return it is napi's `undefined`.
  none: { param: 'json', ret: 'native', nested: true },
  list: { param: 'json', ret: 'json', nested: true },
  tuple: { param: 'json', ret: 'json', nested: true },
  dict: { param: 'json', ret: 'json', nested: true },
  set: { param: 'json', ret: 'json', nested: true },
  optional: { param: 'json', ret: 'json', nested: true },
  union: { param: 'json', ret: 'json', nested: true },
  ndarray: { param: 'json', ret: 'json', nested: true },
  // A generator's items are collected into an array by the runtime (value JSON: "array of the yielded items").
  // Passing an iterator from JS into Rust is not possible.
  stream: { param: 'unsupported', ret: 'json', nested: false },
};

export interface CapabilityProblem {
  functionName: string;
  where: string;
  message: string;
}

function checkNested(t: IngotType, fn: string, where: string, out: CapabilityProblem[]): void {
  const children: IngotType[] =
    t.kind === 'list' || t.kind === 'set' || t.kind === 'optional' || t.kind === 'stream' ? [t.item]
    : t.kind === 'tuple' ? t.items
    : t.kind === 'union' ? t.variants
    : t.kind === 'dict' ? [t.key, t.value]
    : [];
  for (const c of children) {
    if (!nodeCapabilities[c.kind].nested) {
      out.push({ functionName: fn, where, message: `a ${c.kind} cannot appear inside a ${t.kind}` });
    }
    checkNested(c, fn, where, out);
  }
}

export function checkCapabilities(manifest: Manifest): CapabilityProblem[] {
  const out: CapabilityProblem[] = [];
  for (const f of manifest.functions) {
    for (const p of f.params) {
      if (!(p.type.kind in nodeCapabilities)) {
        out.push({ functionName: f.name, where: `parameter '${p.name}'`, message: `unknown type kind '${p.type.kind}'` });
        continue;
      }
      if (nodeCapabilities[p.type.kind].param === 'unsupported') {
        out.push({ functionName: f.name, where: `parameter '${p.name}'`, message: `a ${p.type.kind} cannot be passed from JS` });
      }
      checkNested(p.type, f.name, `parameter '${p.name}'`, out);
    }
    if (!(f.returns.kind in nodeCapabilities)) {
      out.push({ functionName: f.name, where: 'return', message: `unknown type kind '${f.returns.kind}'` });
    } else if (nodeCapabilities[f.returns.kind].ret === 'unsupported') {
      out.push({ functionName: f.name, where: 'return', message: `a ${f.returns.kind} cannot be returned to JS` });
    } else {
      checkNested(f.returns, f.name, 'return', out);
    }
  }
  return out;
}
