/**
 * The manifest: a JSON description of the compiled functions (names, parameters with types
 * and defaults, return types, C symbols), embedded in the library as `ingot_manifest()` and
 * written next to it as manifest.json. Binding generators read only this and the crate.
 */
import type { TypedModule, FunctionInstance } from '../infer/infer';
import { constToJson } from '../lower/consteval';
import { TOKEN_COUNTER, tokenCounterResource } from './rust';
import { type Type, typeToManifest, typeToString } from '../types/types';

export const ABI_VERSION = 1;

export interface ManifestParam {
  name: string;
  type: unknown;
  default: unknown;
  has_default: boolean;
}

export interface ManifestFunction {
  name: string;
  signature: string;
  params: ManifestParam[];
  returns: unknown;
  stream: boolean;
  c_symbol: string | null;
}

export interface Manifest {
  abi_version: number;
  name: string;
  /** The generated crate's cargo package and library names, for bindings that depend on it. */
  crate: { package: string; lib: string };
  source: { file: string; sha256: string };
  functions: ManifestFunction[];
  resources: unknown[];
}

/** Types that cross the C ABI directly; everything else goes through `ingot_call_json`. */
export function cScalar(t: Type): boolean {
  return t.kind === 'int' || t.kind === 'float' || t.kind === 'bool' || t.kind === 'str';
}

export function hasCEntry(inst: FunctionInstance): boolean {
  return inst.paramTypes.every(cScalar) && (cScalar(inst.returnType) || inst.returnType.kind === 'none');
}

export function crateNames(module: string): { package: string; lib: string } {
  return { package: `ingot-${module.replace(/_/g, '-')}`, lib: `ingot_${module}` };
}

export function buildManifest(tm: TypedModule, file: string): Manifest {
  return {
    abi_version: ABI_VERSION,
    name: tm.module.name,
    crate: crateNames(tm.module.name),
    source: { file, sha256: tm.module.sourceSha256 },
    functions: [...tm.entries.map((inst) => ({
      name: inst.fn.name,
      signature: `${inst.fn.name}(${inst.fn.params.map((p, i) => `${p.name}: ${typeToString(inst.paramTypes[i]!)}${p.default ? ' = ...' : ''}`).join(', ')}) -> ${typeToString(inst.returnType)}`,
      params: inst.fn.params.map((p, i) => ({
        name: p.name,
        type: typeToManifest(inst.paramTypes[i]!),
        default: p.default ? constToJson(p.default) : null,
        has_default: p.default !== undefined,
      })),
      returns: typeToManifest(inst.returnType),
      stream: inst.fn.isGenerator,
      c_symbol: hasCEntry(inst) ? `ingot_fn_${inst.fn.name}` : null,
    })), ...(tokenCounterResource(tm) ? [{
      name: TOKEN_COUNTER,
      signature: `${TOKEN_COUNTER}(texts: list[str]) -> list[int]`,
      params: [{ name: 'texts', type: { kind: 'list', item: { kind: 'str' } }, default: null, has_default: false }],
      returns: { kind: 'list', item: { kind: 'int' } },
      stream: false,
      c_symbol: null,
    }] : [])],
    resources: [...tm.module.resources.values()].map((r) => ({
      name: r.name,
      kind: r.kind,
      id: r.id,
      architecture: r.architecture ?? null,
      truncate_dim: r.truncateDim ?? null,
      files: r.files.map((f) => ({ path: `${r.name}/${f.rel}`, sha256: f.sha256, size: f.size })),
    })),
  };
}
