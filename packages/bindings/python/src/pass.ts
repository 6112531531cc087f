// The Python target pass: the manifest and the shared uniffi crate in, a `PythonBinding` out.
// It decides the package names, annotations, default expressions and how each value is converted around the uniffi call,
// so the emitters after it only read fields. It runs after the capability check.

import type { IngotType, Manifest, uniffi } from '@ingot/bindings-common';
import { clientModelName } from '@ingot/bindings-common';
import * as names from './names';

export interface PythonParam {
  pyName: string;
  annotation: string;
  /** `native`: passed to uniffi as is; `json`: encoded to value JSON text first. */
  crossing: 'native' | 'json';
  /** The default as a Python expression, or null when the parameter is required. */
  defaultPy: string | null;
  /** A module-level constant holding a default that is not a plain literal (decoded once, at import). */
  defaultConst: { name: string; json: string; typeLiteral: string } | null;
  /** A sample argument, for the README. */
  example: string;
}

export interface PythonFunction {
  pyName: string;
  /** The uniffi function in the generated module. */
  ffiName: string;
  signature: string;
  params: PythonParam[];
  ret: { crossing: 'native' | 'json' | 'matrix' | 'none'; annotation: string };
  /** Name of the module-level constant holding the manifest return type, for `json` returns. */
  retTypeConst: string;
  retTypeLiteral: string;
}

export interface PythonClient {
  modelName: string;
  /** The uniffi function behind the embedding function, and the Python expressions for its defaulted trailing arguments. */
  ffiName: string;
  trailingArgs: string[];
}

export interface PythonBinding {
  moduleName: string;
  importName: string;
  distName: string;
  version: string;
  /** The uniffi-generated module (its file is `<ffiModule>.py`) and the native library beside it. */
  ffiModule: string;
  libraryFile: string;
  platformTag: string;
  wheelFile: string;
  functions: PythonFunction[];
  usesJson: boolean;
  usesMatrix: boolean;
  hasResources: boolean;
  client: PythonClient | null;
}

export function pyAnnotation(t: IngotType): string {
  switch (t.kind) {
    case 'int': return 'int';
    case 'float': return 'float';
    case 'bool': return 'bool';
    case 'str': return 'str';
    case 'none': return 'None';
    case 'list': case 'stream': return `list[${pyAnnotation(t.item)}]`;
    case 'set': return `set[${pyAnnotation(t.item)}]`;
    case 'tuple': return `tuple[${t.items.map(pyAnnotation).join(', ')}]`;
    case 'dict': return `dict[${pyAnnotation(t.key)}, ${pyAnnotation(t.value)}]`;
    case 'optional': return `Optional[${pyAnnotation(t.item)}]`;
    case 'union': return `Union[${t.variants.map(pyAnnotation).join(', ')}]`;
    case 'ndarray': return 'Any';
  }
}

function exampleValue(t: IngotType): string {
  switch (t.kind) {
    case 'int': return '1';
    case 'float': return '1.5';
    case 'bool': return 'True';
    case 'str': return '"Which planet is red?"';
    case 'none': case 'optional': return 'None';
    case 'list': case 'set': case 'stream': return `[${exampleValue(t.item)}]`;
    case 'tuple': return `(${t.items.map(exampleValue).join(', ')}${t.items.length === 1 ? ',' : ''})`;
    case 'dict': return `{${t.key.kind === 'str' ? '"key"' : '1'}: ${exampleValue(t.value)}}`;
    case 'union': return exampleValue(t.variants[0]!);
    case 'ndarray': return '[1.0, 2.0]';
  }
}

/** A plain value-JSON default as a Python literal, or null when it needs the value decoder. */
function plainLiteral(v: unknown, t: IngotType): string | null {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return names.pyString(v);
  if (typeof v === 'number') {
    const floatish = t.kind === 'float' || (t.kind === 'optional' && t.item.kind === 'float');
    return floatish && Number.isInteger(v) ? `${v}.0` : String(v);
  }
  return null;
}

function lowerParam(f: uniffi.UniffiFunction, p: uniffi.UniffiParam): PythonParam {
  let defaultPy: string | null = null;
  let defaultConst: PythonParam['defaultConst'] = null;
  if (p.hasDefault) {
    defaultPy = plainLiteral(p.default, p.type);
    if (defaultPy === null) {
      const name = `${names.PRIVATE_PREFIX}_default_${f.index}_${p.pyName}`;
      defaultConst = { name, json: JSON.stringify(JSON.stringify(p.default)), typeLiteral: JSON.stringify(p.type) };
      defaultPy = name;
    }
  }
  return { pyName: p.pyName, annotation: pyAnnotation(p.type), crossing: p.crossing, defaultPy, defaultConst, example: exampleValue(p.type) };
}

function lowerFunction(f: uniffi.UniffiFunction): PythonFunction {
  return {
    pyName: f.pyName,
    ffiName: f.ffiName,
    signature: f.signature,
    params: f.params.map((p) => lowerParam(f, p)),
    ret: { crossing: f.ret.crossing, annotation: f.ret.crossing === 'none' ? 'None' : pyAnnotation(f.ret.type) },
    retTypeConst: `${names.PRIVATE_PREFIX}_return_${f.index}`,
    retTypeLiteral: JSON.stringify(f.ret.type),
  };
}

export function lowerPythonBinding(manifest: Manifest, crate: uniffi.UniffiCrate, opts: { projectName?: string }): PythonBinding {
  const project = opts.projectName ?? manifest.name;
  const dist = names.distName(project);
  const platformTag = names.hostPlatformTag();
  const functions = crate.functions.map(lowerFunction);
  const importName = names.importName(project);
  let client: PythonClient | null = null;
  if (crate.embed) {
    const fn = functions[crate.embed.index]!;
    client = {
      modelName: clientModelName(project),
      ffiName: crate.embed.ffiName,
      trailingArgs: fn.params.slice(1).map((p, i) =>
        crate.embed!.params[i + 1]!.crossing === 'json' ? `${names.PRIVATE_PREFIX}_values.encode(${p.defaultPy})` : p.defaultPy!,
      ),
    };
  }
  return {
    moduleName: manifest.name,
    importName,
    distName: dist,
    version: crate.version,
    ffiModule: crate.lib,
    libraryFile: crate.libraryFile,
    platformTag,
    wheelFile: `${names.wheelDistName(dist)}-${crate.version}-py3-none-${platformTag}.whl`,
    functions,
    usesJson: crate.usesJson,
    usesMatrix: crate.usesMatrix,
    hasResources: crate.hasResources,
    client,
  };
}
