// The manifest that `ingot compile` writes next to the crate (docs/contracts.md, "manifest.json").
// This module only reads and shape-checks it; deciding what each type becomes in a language is that target pass's job.

import { readFile } from 'node:fs/promises';

export type IngotType =
  | { kind: 'int' }
  | { kind: 'float' }
  | { kind: 'bool' }
  | { kind: 'str' }
  | { kind: 'none' }
  | { kind: 'list'; item: IngotType }
  | { kind: 'tuple'; items: IngotType[] }
  | { kind: 'dict'; key: IngotType; value: IngotType }
  | { kind: 'set'; item: IngotType }
  | { kind: 'optional'; item: IngotType }
  | { kind: 'union'; variants: IngotType[] }
  | { kind: 'ndarray'; dtype: string | null; ndim?: number | null }
  | { kind: 'stream'; item: IngotType };

export type TypeKind = IngotType['kind'];

/** Every kind, in the order of the mapping table; structure checks iterate it. */
export const TYPE_KINDS: readonly TypeKind[] = [
  'int', 'float', 'bool', 'str', 'none', 'list', 'tuple', 'dict', 'set', 'optional', 'union', 'ndarray', 'stream',
];

export interface ManifestParam {
  name: string;
  type: IngotType;
  /** The default's value JSON; meaningful only when `has_default` is true. */
  default: unknown;
  has_default: boolean;
}

export interface ManifestFunction {
  name: string;
  signature: string;
  params: ManifestParam[];
  returns: IngotType;
  stream: boolean;
  c_symbol: string | null;
}

export interface Manifest {
  abi_version: number;
  name: string;
  /** The compiled crate's cargo package and lib names; older manifests used the module name for both. */
  crate?: { package: string; lib: string };
  source?: { file: string; sha256: string };
  functions: ManifestFunction[];
  resources: unknown[];
}

export async function readManifest(path: string): Promise<Manifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read manifest ${path}: ${(e as Error).message}`);
  }
  const m = raw as Manifest;
  if (typeof m !== 'object' || m === null || typeof m.name !== 'string' || !Array.isArray(m.functions)) {
    throw new Error(`${path} is not an ingot manifest (expected "name" and "functions")`);
  }
  if (m.abi_version !== 1) {
    throw new Error(`${path}: abi_version ${String(m.abi_version)} is not supported (this generator reads 1)`);
  }
  return m;
}
