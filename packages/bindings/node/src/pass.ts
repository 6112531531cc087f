// The Node target pass: a checked manifest in, a `NodeBinding` out.
// It decides every name, TS type label, crossing and argument check, so the emitters after it only read fields.
// It runs after `checkCapabilities`, so every kind it meets is one the table accepts.

import { hostTarget } from '@ingot/bindings-common';
import { nodeCapabilities, type Crossing } from './capabilities';
import type { IngotType, Manifest, ManifestFunction, ManifestParam } from './manifest';
import * as names from './names';

export interface NodePlatform {
  /** napi-rs platform key, e.g. `linux-x64-gnu`. */
  key: string;
  rustTriple: string;
  os: string;
  cpu: string;
  libc?: string;
}

export interface NodeParam {
  pyName: string;
  jsName: string;
  /** The napi function's parameter name in Rust. */
  rustName: string;
  crossing: Exclude<Crossing, 'unsupported'>;
  /** TS type of the parameter in index.d.ts. */
  tsType: string;
  /** Rust type of the napi parameter (`String` holds value JSON when crossing is json). */
  napiRustType: string;
  /** For native crossings: a JS condition on `jsName` that is true when the argument is invalid, and the expected-type phrase. */
  nativeCheck: { invalidWhen: string; expected: string } | null;
  /** For json crossings: the manifest type as a JS literal, read by the encoder helper. */
  typeLiteral: string;
  hasDefault: boolean;
  /** JS expression for the default (already decoded from value JSON). */
  defaultJs: string | null;
  /** TS source for the default, shown in the d.ts doc comment. */
  defaultDoc: string | null;
  /** A sample argument, for the README's usage lines. */
  exampleJs: string;
}

export interface NodeReturn {
  /** `none` returns napi's undefined and has no conversion. */
  crossing: Exclude<Crossing, 'unsupported'> | 'none';
  tsType: string;
  napiRustType: string;
  typeLiteral: string;
}

export interface NodeFunction {
  pyName: string;
  jsName: string;
  /** The Promise-returning variant, run on the libuv thread pool (napi AsyncTask). */
  asyncJsName: string;
  nativeName: string;
  asyncNativeName: string;
  napiRustFn: string;
  asyncNapiRustFn: string;
  /** The Rust struct implementing `napi::Task` for the async variant. */
  taskStruct: string;
  rustPath: string;
  signature: string;
  params: NodeParam[];
  ret: NodeReturn;
  /** Index of the first parameter with a default; parameters from here on may be omitted. */
  requiredCount: number;
}

export interface NodeClient {
  /** `model` value the client answers to. */
  modelName: string;
  /** JS name of the embedding function's async variant, which the client awaits. */
  embedJsName: string;
}

export interface NodeBinding {
  moduleName: string;
  /** The cargo package of the compiled crate (the dependency of the napi crate). */
  compiledPackage: string;
  packageName: string;
  version: string;
  binaryName: string;
  platform: NodePlatform;
  platformPackageName: string;
  crate: { pkg: string; lib: string };
  functions: NodeFunction[];
  /** True when some function needs the value-JSON helpers in index.js. */
  usesJson: boolean;
  /** The compiled module loads model files; the package carries them in resources/ and points the library at them. */
  hasResources: boolean;
  client: NodeClient | null;
  /** Typed-array and ndarray helper types the d.ts needs. */
  usesNdArray: boolean;
  signatureSummary: string[];
}

/** The host's napi-rs platform, from targets/targets.json. */
export function hostPlatform(): NodePlatform {
  const t = hostTarget();
  if (!t.node) throw new Error(`targets/targets.json gives no Node platform key for ${t.id}`);
  const p: NodePlatform = { key: t.node.key, rustTriple: t.rustTriple, os: t.os, cpu: t.cpu };
  if (t.libc) p.libc = t.libc;
  return p;
}

/** The typed array an ndarray's `data` decodes to, by dtype; dtypes without one stay plain arrays. */
const TYPED_ARRAY_BY_DTYPE: Record<string, string> = {
  float32: 'Float32Array', float64: 'Float64Array', float16: 'Float32Array',
  int8: 'Int8Array', int16: 'Int16Array', int32: 'Int32Array',
  uint8: 'Uint8Array', uint16: 'Uint16Array', uint32: 'Uint32Array',
};

function ndarrayDataType(dtype: string): string {
  return TYPED_ARRAY_BY_DTYPE[dtype] ?? (dtype === 'bool' ? 'boolean[]' : 'number[]');
}

function wrap(t: string): string {
  return /[|&]/.test(t) ? `(${t})` : t;
}

/** The TS type of a value coming out of the package (returns). */
export function tsOutputType(t: IngotType): string {
  switch (t.kind) {
    case 'int': case 'float': return 'number';
    case 'bool': return 'boolean';
    case 'str': return 'string';
    case 'none': return 'null';
    case 'list': case 'set': case 'stream': return `${wrap(tsOutputType(t.item))}[]`;
    case 'tuple': return `[${t.items.map(tsOutputType).join(', ')}]`;
    case 'dict': return `Record<${tsKeyType(t.key)}, ${tsOutputType(t.value)}>`;
    case 'optional': return `${tsOutputType(t.item)} | null`;
    case 'union': return t.variants.map(tsOutputType).join(' | ');
    case 'ndarray': return t.dtype ? `NdArray<${names.jsString(t.dtype)}, ${ndarrayDataType(t.dtype)}>` : 'NdArray<string, ArrayLike<number | boolean>>';
  }
}

/** The TS type a caller may pass in (params): wider than the output type where JS has several spellings. */
export function tsInputType(t: IngotType): string {
  switch (t.kind) {
    case 'int': case 'float': return 'number';
    case 'bool': return 'boolean';
    case 'str': return 'string';
    case 'none': return 'null';
    case 'list': case 'stream': return `${wrap(tsInputType(t.item))}[]`;
    case 'set': return `${wrap(tsInputType(t.item))}[] | Set<${tsInputType(t.item)}>`;
    case 'tuple': return `[${t.items.map(tsInputType).join(', ')}]`;
    case 'dict': return `Record<${tsKeyType(t.key)}, ${tsInputType(t.value)}> | Map<${tsInputType(t.key)}, ${tsInputType(t.value)}>`;
    case 'optional': return `${tsInputType(t.item)} | null | undefined`;
    case 'union': return t.variants.map(tsInputType).join(' | ');
    case 'ndarray': return t.dtype ? `NdArrayInput<${names.jsString(t.dtype)}>` : 'NdArrayInput<string>';
  }
}

function tsKeyType(k: IngotType): string {
  return k.kind === 'int' || k.kind === 'float' ? 'number' : 'string';
}

function usesNdArray(t: IngotType): boolean {
  switch (t.kind) {
    case 'ndarray': return true;
    case 'list': case 'set': case 'stream': case 'optional': return usesNdArray(t.item);
    case 'tuple': return t.items.some(usesNdArray);
    case 'union': return t.variants.some(usesNdArray);
    case 'dict': return usesNdArray(t.key) || usesNdArray(t.value);
    default: return false;
  }
}

function exampleValue(t: IngotType): string {
  switch (t.kind) {
    case 'int': return '1';
    case 'float': return '1.5';
    case 'bool': return 'true';
    case 'str': return "'Which planet is red?'";
    case 'none': case 'optional': return 'null';
    case 'list': case 'set': case 'stream': return `[${exampleValue(t.item)}]`;
    case 'tuple': return `[${t.items.map(exampleValue).join(', ')}]`;
    case 'dict': return `{ ${t.key.kind === 'str' ? 'key' : "'1'"}: ${exampleValue(t.value)} }`;
    case 'union': return exampleValue(t.variants[0]);
    case 'ndarray': return `{ dtype: ${names.jsString(t.dtype ?? 'float32')}, shape: [2], data: [1, 2] }`;
  }
}

const NATIVE_RUST_TYPE: Partial<Record<IngotType['kind'], string>> = { int: 'i64', float: 'f64', bool: 'bool', str: 'String' };

function nativeCheck(t: IngotType, v: string): { invalidWhen: string; expected: string } | null {
  switch (t.kind) {
    case 'int': return { invalidWhen: `!Number.isInteger(${v})`, expected: 'an integer' };
    case 'float': return { invalidWhen: `typeof ${v} !== 'number'`, expected: 'a number' };
    case 'bool': return { invalidWhen: `typeof ${v} !== 'boolean'`, expected: 'a boolean' };
    case 'str': return { invalidWhen: `typeof ${v} !== 'string'`, expected: 'a string' };
    default: return null;
  }
}

/** A value-JSON default as a JS expression; specials (`{"float": "nan"}`, ndarrays) go through the decoder. */
function defaultExpression(p: ManifestParam, crossing: Crossing): { js: string; doc: string } {
  const json = JSON.stringify(p.default);
  const plain = p.default === null || ['string', 'number', 'boolean'].includes(typeof p.default);
  if (plain || crossing === 'native') return { js: json, doc: json };
  return { js: `__ingot_decode(${json}, ${JSON.stringify(p.type)})`, doc: json };
}

function lowerParam(p: ManifestParam): NodeParam {
  const jsName = names.jsName(p.name);
  const crossing = nodeCapabilities[p.type.kind].param as Exclude<Crossing, 'unsupported'>;
  const def = p.has_default ? defaultExpression(p, crossing) : null;
  return {
    pyName: p.name,
    jsName,
    rustName: names.napiRustParamName(p.name),
    crossing,
    tsType: tsInputType(p.type),
    napiRustType: crossing === 'native' ? NATIVE_RUST_TYPE[p.type.kind]! : 'String',
    nativeCheck: crossing === 'native' ? nativeCheck(p.type, jsName) : null,
    typeLiteral: JSON.stringify(p.type),
    hasDefault: p.has_default,
    defaultJs: def?.js ?? null,
    defaultDoc: def?.doc ?? null,
    exampleJs: exampleValue(p.type),
  };
}

function lowerReturn(t: IngotType): NodeReturn {
  if (t.kind === 'none') return { crossing: 'none', tsType: 'void', napiRustType: '()', typeLiteral: JSON.stringify(t) };
  const crossing = nodeCapabilities[t.kind].ret as Exclude<Crossing, 'unsupported'>;
  return {
    crossing,
    tsType: tsOutputType(t),
    napiRustType: crossing === 'native' ? NATIVE_RUST_TYPE[t.kind]! : 'String',
    typeLiteral: JSON.stringify(t),
  };
}

function lowerFunction(f: ManifestFunction): NodeFunction {
  const params = f.params.map(lowerParam);
  const firstDefault = params.findIndex((p) => p.hasDefault);
  return {
    pyName: f.name,
    jsName: names.jsName(f.name),
    asyncJsName: names.jsName(`${f.name}_async`),
    nativeName: names.nativeExportName(f.name),
    asyncNativeName: names.nativeExportName(`${f.name}_async`),
    napiRustFn: names.napiRustFnName(f.name),
    asyncNapiRustFn: names.napiRustFnName(`${f.name}_async`),
    taskStruct: names.taskStructName(f.name),
    rustPath: `${names.COMPILED_CRATE_ALIAS}::${names.rustIdent(f.name)}`,
    signature: f.signature,
    params,
    ret: lowerReturn(f.stream && f.returns.kind !== 'stream' ? { kind: 'stream', item: f.returns } : f.returns),
    requiredCount: firstDefault === -1 ? params.length : firstDefault,
  };
}

/**
 * An embedding function takes `list[str]` first (other parameters defaulted) and returns a float32 ndarray.
 * The manifest carries no rank, so a float32 ndarray return is taken as the 2-D `[len(texts), dim]` matrix.
 */
export function findEmbeddingFunction(fns: NodeFunction[], manifest: Manifest): NodeFunction | null {
  for (const f of manifest.functions) {
    const [first, ...rest] = f.params;
    if (!first || first.type.kind !== 'list' || first.type.item.kind !== 'str') continue;
    if (rest.some((p) => !p.has_default)) continue;
    if (f.returns.kind !== 'ndarray' || f.returns.dtype !== 'float32' || f.stream) continue;
    return fns.find((n) => n.pyName === f.name) ?? null;
  }
  return null;
}

export function lowerNodeBinding(manifest: Manifest, opts: { projectName?: string; version?: string }): NodeBinding {
  const project = opts.projectName ?? manifest.name;
  const packageName = names.npmPackageName(project);
  const platform = hostPlatform();
  const functions = manifest.functions.map(lowerFunction);
  const seen = new Map<string, string>();
  for (const f of functions) {
    for (const n of [f.jsName, f.asyncJsName]) {
      if (seen.has(n)) throw new Error(`the Node target would export '${n}' for both ${seen.get(n)}() and ${f.pyName}()`);
      seen.set(n, f.pyName);
    }
  }
  const embed = findEmbeddingFunction(functions, manifest);
  const all = manifest.functions.flatMap((f) => [...f.params.map((p) => p.type), f.returns]);
  return {
    moduleName: manifest.name,
    compiledPackage: manifest.crate?.package ?? manifest.name,
    packageName,
    version: opts.version ?? '0.1.0',
    binaryName: names.binaryName(packageName),
    platform,
    platformPackageName: names.platformPackageName(packageName, platform.key),
    crate: names.napiCrateName(manifest.name),
    functions,
    hasResources: (manifest.resources ?? []).length > 0,
    usesJson: functions.some((f) => f.ret.crossing === 'json' || f.params.some((p) => p.crossing === 'json')),
    client: embed ? { modelName: project.replace(/^@[^/]+\//, ''), embedJsName: embed.asyncJsName } : null,
    usesNdArray: all.some(usesNdArray),
    signatureSummary: manifest.functions.map((f) => f.signature),
  };
}
