// The Kotlin target pass: the manifest and the shared uniffi crate in, a `KotlinBinding` out.
// It decides the Kotlin package, names, types and default expressions, so the emitters after it only read fields.
// Values that cross as value JSON are `String`s in Kotlin; a float32 matrix is a `Float32Matrix`.

import type { IngotType, Manifest, uniffi } from '@ingot/bindings-common';
import { clientModelName } from '@ingot/bindings-common';
import * as names from './names';

export interface KotlinParam {
  pyName: string;
  name: string;
  type: string;
  defaultKt: string | null;
}

export interface KotlinFunction {
  pyName: string;
  name: string;
  /** The uniffi function, fully qualified. */
  ffiCall: string;
  signature: string;
  params: KotlinParam[];
  ret: { crossing: 'native' | 'json' | 'matrix' | 'none'; type: string };
  /** True when the value-JSON text is what the caller gets or gives. */
  json: boolean;
}

export interface KotlinBinding {
  moduleName: string;
  kotlinPackage: string;
  /** The uniffi-generated package (`uniffi.<namespace>`). */
  ffiPackage: string;
  ffiNamespace: string;
  wrapperClass: string;
  artifact: string;
  version: string;
  libraryFile: string;
  jnaResourcePrefix: string;
  functions: KotlinFunction[];
  usesMatrix: boolean;
  client: { modelName: string; embedName: string } | null;
}

const NATIVE: Partial<Record<IngotType['kind'], string>> = { int: 'Long', float: 'Double', bool: 'Boolean', str: 'String' };

/** The Kotlin type of a value that crosses natively (the same shape uniffi generates). */
function kotlinNativeType(t: IngotType): string {
  const n = NATIVE[t.kind];
  if (n) return n;
  if (t.kind === 'list') return `List<${kotlinNativeType(t.item)}>`;
  if (t.kind === 'optional') return `${kotlinNativeType(t.item)}?`;
  if (t.kind === 'none') return 'Unit';
  throw new Error(`no native Kotlin type for ${t.kind}`);
}

function defaultExpression(v: unknown, t: IngotType, crossing: 'native' | 'json'): string {
  if (crossing === 'json') return names.kotlinString(JSON.stringify(v));
  if (v === null) return 'null';
  const item = t.kind === 'optional' ? t.item : t;
  switch (item.kind) {
    case 'int': return `${String(v)}L`;
    case 'float': return Number.isInteger(v as number) ? `${String(v)}.0` : String(v);
    case 'bool': return v ? 'true' : 'false';
    case 'str': return names.kotlinString(String(v));
    case 'list': return `listOf(${(v as unknown[]).map((x) => defaultExpression(x, item.item, 'native')).join(', ')})`;
    default: return names.kotlinString(JSON.stringify(v));
  }
}

function lowerFunction(f: uniffi.UniffiFunction, ffiPackage: string): KotlinFunction {
  const params = f.params.map((p) => ({
    pyName: p.pyName,
    name: names.kotlinName(p.pyName),
    type: p.crossing === 'native' ? kotlinNativeType(p.type) : 'String',
    defaultKt: p.hasDefault ? defaultExpression(p.default, p.type, p.crossing) : null,
  }));
  const retType =
    f.ret.crossing === 'none' ? 'Unit' : f.ret.crossing === 'matrix' ? 'Float32Matrix' : f.ret.crossing === 'json' ? 'String' : kotlinNativeType(f.ret.type);
  return {
    pyName: f.pyName,
    name: names.kotlinName(f.pyName),
    ffiCall: `${ffiPackage}.${f.ffiNameCamel}`,
    signature: f.signature,
    params,
    ret: { crossing: f.ret.crossing, type: retType },
    json: f.ret.crossing === 'json' || f.params.some((p) => p.crossing === 'json'),
  };
}

export function lowerKotlinBinding(manifest: Manifest, crate: uniffi.UniffiCrate, opts: { projectName?: string }): KotlinBinding {
  const project = opts.projectName ?? manifest.name;
  const ffiPackage = `uniffi.${crate.lib}`;
  const functions = crate.functions.map((f) => lowerFunction(f, ffiPackage));
  const seen = new Map<string, string>();
  for (const f of functions) {
    if (seen.has(f.name)) throw new Error(`the Kotlin target would export '${f.name}' for both ${seen.get(f.name)}() and ${f.pyName}()`);
    seen.set(f.name, f.pyName);
  }
  return {
    moduleName: manifest.name,
    kotlinPackage: names.kotlinPackage(project),
    ffiPackage,
    ffiNamespace: crate.lib,
    wrapperClass: names.pascalCase(manifest.name),
    artifact: names.artifactName(project),
    version: crate.version,
    libraryFile: crate.libraryFile,
    jnaResourcePrefix: names.jnaResourcePrefix(),
    functions,
    usesMatrix: crate.usesMatrix,
    client: crate.embed ? { modelName: clientModelName(project), embedName: functions[crate.embed.index]!.name } : null,
  };
}
