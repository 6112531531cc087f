// The Swift target pass: the manifest and the shared uniffi crate in, a `SwiftBinding` out.
// It decides the package and target names, argument labels, Swift types and default expressions, so the emitters after it
// only read fields. Values that cross as value JSON are `String`s in Swift; a float32 matrix is a `Float32Matrix`.

import type { IngotType, Manifest, uniffi } from '@ingot/bindings-common';
import { clientModelName } from '@ingot/bindings-common';
import * as names from './names';

export interface SwiftParam {
  pyName: string;
  /** Argument label and parameter name. */
  name: string;
  /** uniffi's label on the generated function (`p0`, ...). */
  ffiLabel: string;
  type: string;
  defaultSwift: string | null;
}

export interface SwiftFunction {
  pyName: string;
  name: string;
  ffiName: string;
  signature: string;
  params: SwiftParam[];
  ret: { crossing: 'native' | 'json' | 'matrix' | 'none'; type: string };
  json: boolean;
}

export interface SwiftBinding {
  moduleName: string;
  /** Package, product and wrapper target name. */
  target: string;
  /** The C module uniffi's Swift file imports (`<namespace>FFI`). */
  ffiModule: string;
  /** The uniffi namespace: the generated Swift file's stem and the library's name. */
  namespace: string;
  libraryFile: string;
  hostLibFolder: string;
  version: string;
  functions: SwiftFunction[];
  usesMatrix: boolean;
  client: { modelName: string; embedName: string; embedLabel: string } | null;
}

const NATIVE: Partial<Record<IngotType['kind'], string>> = { int: 'Int64', float: 'Double', bool: 'Bool', str: 'String' };

function swiftNativeType(t: IngotType): string {
  const n = NATIVE[t.kind];
  if (n) return n;
  if (t.kind === 'list') return `[${swiftNativeType(t.item)}]`;
  if (t.kind === 'optional') return `${swiftNativeType(t.item)}?`;
  throw new Error(`no native Swift type for ${t.kind}`);
}

function defaultExpression(v: unknown, t: IngotType, crossing: 'native' | 'json'): string {
  if (crossing === 'json') return names.swiftString(JSON.stringify(v));
  if (v === null) return 'nil';
  const item = t.kind === 'optional' ? t.item : t;
  switch (item.kind) {
    case 'int': return String(v);
    case 'float': return Number.isInteger(v as number) ? `${String(v)}.0` : String(v);
    case 'bool': return v ? 'true' : 'false';
    case 'str': return names.swiftString(String(v));
    case 'list': return `[${(v as unknown[]).map((x) => defaultExpression(x, item.item, 'native')).join(', ')}]`;
    default: return names.swiftString(JSON.stringify(v));
  }
}

function lowerFunction(f: uniffi.UniffiFunction): SwiftFunction {
  const params = f.params.map((p) => ({
    pyName: p.pyName,
    name: names.swiftName(p.pyName),
    ffiLabel: p.ffiName,
    type: p.crossing === 'native' ? swiftNativeType(p.type) : 'String',
    defaultSwift: p.hasDefault ? defaultExpression(p.default, p.type, p.crossing) : null,
  }));
  const retType =
    f.ret.crossing === 'none' ? 'Void' : f.ret.crossing === 'matrix' ? 'Float32Matrix' : f.ret.crossing === 'json' ? 'String' : swiftNativeType(f.ret.type);
  return {
    pyName: f.pyName,
    name: names.swiftName(f.pyName),
    ffiName: f.ffiNameCamel,
    signature: f.signature,
    params,
    ret: { crossing: f.ret.crossing, type: retType },
    json: f.ret.crossing === 'json' || f.params.some((p) => p.crossing === 'json'),
  };
}

export function lowerSwiftBinding(manifest: Manifest, crate: uniffi.UniffiCrate, opts: { projectName?: string }): SwiftBinding {
  const project = opts.projectName ?? manifest.name;
  const functions = crate.functions.map(lowerFunction);
  const seen = new Map<string, string>();
  for (const f of functions) {
    const key = `${f.name}(${f.params.map((p) => p.name + ':').join('')})`;
    if (seen.has(key)) throw new Error(`the Swift target would export '${key}' for both ${seen.get(key)}() and ${f.pyName}()`);
    seen.set(key, f.pyName);
  }
  const embed = crate.embed ? functions[crate.embed.index]! : null;
  return {
    moduleName: manifest.name,
    target: names.targetName(project),
    ffiModule: `${crate.lib}FFI`,
    namespace: crate.lib,
    libraryFile: crate.libraryFile,
    hostLibFolder: names.hostLibFolder(),
    version: crate.version,
    functions,
    usesMatrix: crate.usesMatrix,
    client: embed ? { modelName: clientModelName(project), embedName: embed.name, embedLabel: embed.params[0]!.name } : null,
  };
}
