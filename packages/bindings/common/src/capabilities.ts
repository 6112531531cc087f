// The capability check every target runs once, before its pass: each target declares a complete table keyed by every
// manifest type kind (so adding a kind fails to compile until each target answers), and this check rejects what a table refuses.

import type { IngotType, Manifest, TypeKind } from './manifest';

export interface KindCapability<C extends string> {
  /** As a top-level parameter. */
  param: C | 'unsupported';
  /** As a top-level return value. */
  ret: C | 'unsupported';
  /** Inside a container (list item, dict value, ...). */
  nested: boolean;
}

export type CapabilityTable<C extends string> = Record<TypeKind, KindCapability<C>>;

export interface CapabilityProblem {
  functionName: string;
  where: string;
  message: string;
}

export function childTypes(t: IngotType): IngotType[] {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'optional':
    case 'stream':
      return [t.item];
    case 'tuple':
      return t.items;
    case 'union':
      return t.variants;
    case 'dict':
      return [t.key, t.value];
    default:
      return [];
  }
}

/**
 * The children of `t`, and for a struct its fields' types (once per struct and check: `seen`), which the manifest's
 * `structs` describe. A struct or enum the manifest does not describe is a problem.
 */
function checkNested<C extends string>(
  table: CapabilityTable<C>,
  t: IngotType,
  fn: string,
  where: string,
  out: CapabilityProblem[],
  manifest: Manifest,
  seen = new Set<string>(),
): void {
  if (t.kind === 'enum' && !manifest.enums?.some((e) => e.name === t.name)) {
    out.push({ functionName: fn, where, message: `enum '${t.name}' is not described in the manifest's "enums"` });
  }
  if (t.kind === 'struct') {
    if (seen.has(t.name)) return;
    seen.add(t.name);
    const st = manifest.structs?.find((s) => s.name === t.name);
    if (!st) {
      out.push({ functionName: fn, where, message: `struct '${t.name}' is not described in the manifest's "structs"` });
      return;
    }
    for (const f of st.fields) {
      const at = `${where}, field '${t.name}.${f.name}'`;
      if (!(f.type.kind in table))
        out.push({ functionName: fn, where: at, message: `unknown type kind '${f.type.kind}'` });
      else if (!table[f.type.kind].nested)
        out.push({ functionName: fn, where: at, message: `a ${f.type.kind} cannot appear inside a struct` });
      else checkNested(table, f.type, fn, at, out, manifest, seen);
    }
    return;
  }
  for (const c of childTypes(t)) {
    if (!(c.kind in table)) out.push({ functionName: fn, where, message: `unknown type kind '${c.kind}'` });
    else if (!table[c.kind].nested)
      out.push({ functionName: fn, where, message: `a ${c.kind} cannot appear inside a ${t.kind}` });
    checkNested(table, c, fn, where, out, manifest, seen);
  }
}

/** `language` names the foreign side in messages ("a stream cannot be passed from Python"). */
export function checkCapabilities<C extends string>(
  manifest: Manifest,
  table: CapabilityTable<C>,
  language: string,
): CapabilityProblem[] {
  const out: CapabilityProblem[] = [];
  for (const f of manifest.functions) {
    for (const p of f.params) {
      const where = `parameter '${p.name}'`;
      if (!(p.type.kind in table)) {
        out.push({ functionName: f.name, where, message: `unknown type kind '${p.type.kind}'` });
        continue;
      }
      if (table[p.type.kind].param === 'unsupported') {
        out.push({ functionName: f.name, where, message: `a ${p.type.kind} cannot be passed from ${language}` });
      }
      checkNested(table, p.type, f.name, where, out, manifest);
    }
    if (!(f.returns.kind in table)) {
      out.push({ functionName: f.name, where: 'return', message: `unknown type kind '${f.returns.kind}'` });
    } else if (table[f.returns.kind].ret === 'unsupported') {
      out.push({
        functionName: f.name,
        where: 'return',
        message: `a ${f.returns.kind} cannot be returned to ${language}`,
      });
    } else {
      checkNested(table, f.returns, f.name, 'return', out, manifest);
    }
  }
  return out;
}

/** Throws one error listing every problem, or returns when there are none. */
export function assertCapabilities<C extends string>(
  manifest: Manifest,
  table: CapabilityTable<C>,
  language: string,
): void {
  const problems = checkCapabilities(manifest, table, language);
  if (problems.length) {
    throw new Error(
      `the ${language} target cannot bind ${manifest.name}:\n` +
        problems.map((p) => `  ${p.functionName}(): ${p.where}: ${p.message}`).join('\n'),
    );
  }
}
