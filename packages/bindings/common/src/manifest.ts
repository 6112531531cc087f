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
  | { kind: 'stream'; item: IngotType }
  /** A `@dataclass` or pydantic model; its fields are in the manifest's `structs`. Value JSON: an object of its fields. */
  | { kind: 'struct'; name: string }
  /** An Enum / IntEnum / str-Enum; its members are in the manifest's `enums`. Value JSON: the member's value. */
  | { kind: 'enum'; name: string }
  /** A value whose type is known only at run time (`a.tolist()` of an array of dynamic rank). Value JSON: as the value. */
  | { kind: 'any' };

export type TypeKind = IngotType['kind'];

/** Every kind, in the order of the mapping table; structure checks iterate it. */
export const TYPE_KINDS: readonly TypeKind[] = [
  'int',
  'float',
  'bool',
  'str',
  'none',
  'list',
  'tuple',
  'dict',
  'set',
  'optional',
  'union',
  'ndarray',
  'stream',
  'struct',
  'enum',
  'any',
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

/** A field of a struct; `allowed` lists a `Literal[...]` field's values (value JSON), which a pydantic model checks. */
export interface ManifestStructField {
  name: string;
  type: IngotType;
  /** The default's value JSON; meaningful only when `has_default` is true. */
  default: unknown;
  has_default: boolean;
  allowed: unknown[] | null;
}

export interface ManifestStruct {
  name: string;
  /** A pydantic model validates its Literal fields on construction; a dataclass does not. */
  origin: 'dataclass' | 'pydantic';
  fields: ManifestStructField[];
}

export interface ManifestEnum {
  name: string;
  /** The members' value type: `{"kind":"str"}` or `{"kind":"int"}`. */
  value_type: IngotType;
  members: { name: string; value: string | number }[];
}

export interface Manifest {
  abi_version: number;
  name: string;
  /** The compiled crate's cargo package and lib names; older manifests used the module name for both. */
  crate?: { package: string; lib: string };
  /** What every exported C symbol starts with (`ingot_fma_`), from ABI version 2; version 1 exported unprefixed `ingot_*` names. */
  symbol_prefix?: string;
  source?: { file: string; sha256: string };
  functions: ManifestFunction[];
  /** The dataclasses and pydantic models the functions' types reach (absent in manifests without any). */
  structs?: ManifestStruct[];
  /** The Enum classes the functions' types reach (absent in manifests without any). */
  enums?: ManifestEnum[];
  resources: unknown[];
}

/** The struct a `{"kind":"struct"}` type names; a manifest that uses a struct it does not describe is an error. */
export function structOf(manifest: Manifest, name: string): ManifestStruct {
  const st = manifest.structs?.find((s) => s.name === name);
  if (!st)
    throw new Error(
      `manifest ${manifest.name}: struct '${name}' is used but not described in "structs" (recompile with a current ingot)`,
    );
  return st;
}

export function enumOf(manifest: Manifest, name: string): ManifestEnum {
  const en = manifest.enums?.find((e) => e.name === name);
  if (!en)
    throw new Error(
      `manifest ${manifest.name}: enum '${name}' is used but not described in "enums" (recompile with a current ingot)`,
    );
  return en;
}

/**
 * The ABI versions a generator reads. The generated crates call the compiled crate's Rust functions (an rlib), which
 * version 2 left as they were: it only prefixed the C symbols, which no generator uses.
 */
export const SUPPORTED_ABI_VERSIONS: readonly number[] = [1, 2];

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
  if (!SUPPORTED_ABI_VERSIONS.includes(m.abi_version)) {
    throw new Error(
      `${path}: abi_version ${String(m.abi_version)} is not supported (this generator reads ${SUPPORTED_ABI_VERSIONS.join(' and ')})`,
    );
  }
  return m;
}
