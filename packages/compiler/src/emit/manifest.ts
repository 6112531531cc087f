/**
 * The manifest: a JSON description of the compiled functions (names, parameters with types
 * and defaults, return types, C symbols), embedded in the library as `<prefix>manifest()` and
 * written next to it as manifest.json. Binding generators read only this and the crate.
 */
import type { TypedModule, FunctionInstance } from '../ir/typed';
import { constToJson } from '../ir/consts';
import { TOKEN_COUNTER, TOKEN_DECODER, tokenCounterResource } from './rust';
import { type Type, typeToManifest, typeToString } from '../types/types';

/**
 * The C ABI's version (`ingot_<module>_abi_version()`). Version 2 prefixed every exported symbol with the
 * module's symbol prefix; version 1 exported the same unprefixed `ingot_*` names from every library.
 */
export const ABI_VERSION = 2;

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

/** A field of a dataclass or pydantic model; `allowed` lists a pydantic `Literal[...]` field's values (value JSON). */
export interface ManifestStructField {
  name: string;
  type: unknown;
  default: unknown;
  has_default: boolean;
  allowed: unknown[] | null;
}

/** A `@dataclass` or pydantic model that a function's parameters or result reach; its value JSON is an object of its fields. */
export interface ManifestStruct {
  name: string;
  origin: 'dataclass' | 'pydantic';
  fields: ManifestStructField[];
}

/** An Enum / IntEnum / str-Enum that a function's parameters or result reach; its value JSON is the member's value. */
export interface ManifestEnum {
  name: string;
  value_type: unknown;
  members: { name: string; value: unknown }[];
}

export interface Manifest {
  abi_version: number;
  name: string;
  /** The generated crate's cargo package and library names, for bindings that depend on it. */
  crate: { package: string; lib: string };
  /**
   * What every exported C symbol of the library starts with (`ingot_fma_`): the library name and an underscore,
   * so that several compiled modules link into one program (docs/contracts.md, "The C ABI").
   */
  symbol_prefix: string;
  source: { file: string; sha256: string };
  functions: ManifestFunction[];
  /** The dataclasses and pydantic models the functions' types reach (through fields too), in source order. */
  structs: ManifestStruct[];
  /** The Enum classes the functions' types reach, in source order. */
  enums: ManifestEnum[];
  resources: unknown[];
}

/** Types that cross the C ABI directly; everything else goes through `<prefix>call_json`. */
export function cScalar(t: Type): boolean {
  return t.kind === 'int' || t.kind === 'float' || t.kind === 'bool' || t.kind === 'str';
}

/** A typed C entry: scalar and str parameters, and a scalar, str or no result, or a stream (a generator's entry opens it). */
export function hasCEntry(inst: FunctionInstance): boolean {
  return (
    inst.paramTypes.every(cScalar) &&
    (inst.fn.isGenerator || cScalar(inst.returnType) || inst.returnType.kind === 'none')
  );
}

/** What the manifest says a function returns: a generator's is `{"kind":"stream","item":T}`. */
function returnsOf(inst: FunctionInstance): { manifest: unknown; text: string } {
  const rt = inst.returnType;
  if (inst.fn.isGenerator && rt.kind === 'list')
    return { manifest: { kind: 'stream', item: typeToManifest(rt.item) }, text: `Iterator[${typeToString(rt.item)}]` };
  return { manifest: typeToManifest(rt), text: typeToString(rt) };
}

/** The structs and enums reachable from the entries' parameter and return types, through struct fields, in source order. */
function reachableTypes(tm: TypedModule): { structs: ManifestStruct[]; enums: ManifestEnum[] } {
  const structs = new Set<string>();
  const enums = new Set<string>();
  const visit = (t: Type): void => {
    switch (t.kind) {
      case 'list':
      case 'set':
      case 'optional':
      case 'iter':
        visit(t.item);
        return;
      case 'dict':
        visit(t.key);
        visit(t.value);
        return;
      case 'tuple':
        t.items.forEach(visit);
        return;
      case 'union':
        t.members.forEach(visit);
        return;
      case 'enum':
        enums.add(t.name);
        return;
      case 'struct': {
        if (structs.has(t.name)) return;
        structs.add(t.name);
        for (const f of tm.module.structs.get(t.name)?.fields ?? []) visit(f.type);
        return;
      }
      default:
        return;
    }
  };
  for (const inst of tm.entries) {
    inst.paramTypes.forEach(visit);
    visit(inst.returnType);
  }
  return {
    structs: [...tm.module.structs.values()]
      .filter((st) => structs.has(st.name))
      .map((st) => ({
        name: st.name,
        origin: st.validates ? 'pydantic' : 'dataclass',
        fields: st.fields.map((f) => ({
          name: f.name,
          type: typeToManifest(f.type),
          default: f.default ? constToJson(f.default) : null,
          has_default: f.default !== undefined,
          allowed: f.allowed ? f.allowed.map(constToJson) : null,
        })),
      })),
    enums: [...tm.module.enums.values()]
      .filter((en) => enums.has(en.name))
      .map((en) => ({
        name: en.name,
        value_type: typeToManifest(en.valueType),
        members: en.members.map((m) => ({ name: m.name, value: constToJson(m.value) })),
      })),
  };
}

export function crateNames(module: string): { package: string; lib: string } {
  return { package: `ingot-${module.replace(/_/g, '-')}`, lib: `ingot_${module}` };
}

/**
 * The one rule for a module's C symbols: the library name followed by `_` (`ingot_fma_`), so a generic loader
 * that knows the library's file name (`libingot_fma.so`) knows every symbol in it.
 */
export function symbolPrefix(module: string): string {
  return `${crateNames(module).lib}_`;
}

/** The typed C entry of a function: `ingot_fma_fn_fma`. */
export function cSymbol(prefix: string, fn: string): string {
  return `${prefix}fn_${fn}`;
}

export function buildManifest(tm: TypedModule, file: string): Manifest {
  const prefix = symbolPrefix(tm.module.name);
  return {
    abi_version: ABI_VERSION,
    name: tm.module.name,
    crate: crateNames(tm.module.name),
    symbol_prefix: prefix,
    source: { file, sha256: tm.module.sourceSha256 },
    functions: [
      ...tm.entries.map((inst) => ({
        name: inst.fn.name,
        signature: `${inst.fn.name}(${inst.fn.params.map((p, i) => `${p.name}: ${typeToString(inst.paramTypes[i]!)}${p.default ? ' = ...' : ''}`).join(', ')}) -> ${returnsOf(inst).text}`,
        params: inst.fn.params.map((p, i) => ({
          name: p.name,
          type: typeToManifest(inst.paramTypes[i]!),
          default: p.default ? constToJson(p.default) : null,
          has_default: p.default !== undefined,
        })),
        returns: returnsOf(inst).manifest,
        stream: inst.fn.isGenerator,
        c_symbol: hasCEntry(inst) ? cSymbol(prefix, inst.fn.name) : null,
      })),
      ...(tokenCounterResource(tm)
        ? [
            {
              name: TOKEN_COUNTER,
              signature: `${TOKEN_COUNTER}(texts: list[str]) -> list[int]`,
              params: [
                { name: 'texts', type: { kind: 'list', item: { kind: 'str' } }, default: null, has_default: false },
              ],
              returns: { kind: 'list', item: { kind: 'int' } },
              stream: false,
              c_symbol: null,
            },
            {
              name: TOKEN_DECODER,
              signature: `${TOKEN_DECODER}(ids: list[list[int]]) -> list[str]`,
              params: [
                {
                  name: 'ids',
                  type: { kind: 'list', item: { kind: 'list', item: { kind: 'int' } } },
                  default: null,
                  has_default: false,
                },
              ],
              returns: { kind: 'list', item: { kind: 'str' } },
              stream: false,
              c_symbol: null,
            },
          ]
        : []),
    ],
    ...reachableTypes(tm),
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
