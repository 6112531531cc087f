// The Node target pass: a checked manifest in, a `NodeBinding` out.
// It decides every name, TS type label, crossing and argument check, so the emitters after it only read fields.
// It runs after `checkCapabilities`, so every kind it meets is one the table accepts.

import { clientModelName, functionWithRole, hostTarget } from '@ingot/bindings-common';
import type {
  FunctionRole,
  IngotType,
  Manifest,
  ManifestEnum,
  ManifestChat,
  ManifestRerank,
  ManifestFunction,
  ManifestParam,
  ManifestStruct,
} from '@ingot/bindings-common';
import { nodeCapabilities, type Crossing } from './capabilities';
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
  /**
   * `none` returns napi's undefined and has no conversion; `float32` (a float32 ndarray) returns `{ dtype, shape, data }`
   * whose `data` is a Float32Array owning the Rust buffer (napi-rs `Float32Array::new`, no copy, no value JSON).
   */
  crossing: Exclude<Crossing, 'unsupported'> | 'none' | 'float32' | 'stream';
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
  /** A generator function: the call returns a native stream object, wrapped in index.js as an async iterator. */
  stream: NodeStream | null;
  /** Index of the first parameter with a default; parameters from here on may be omitted. */
  requiredCount: number;
}

export interface NodeClient {
  /** `model` value the client answers to. */
  modelName: string;
  /** JS name of the embedding function's async variant, which the client awaits. */
  embedJsName: string;
  /** The module tokenizer's token counter (the manifest's `token_counter` role), for `usage`. */
  counter: NodeFunction | null;
  /** The module tokenizer's decoder (`token_decoder` role), for token-id `input`. */
  decoder: NodeFunction | null;
  /** Untruncated token ids per text (`token_ids` role): `countTokens`, `/tokenize`, the over-long-input check. */
  tokenIds: NodeFunction | null;
  /** The embedding function with a per-call truncation side (`embedding_truncating` role): `truncation_direction`. */
  embedTruncating: NodeFunction | null;
  /** The prompts `input_type` may name (the manifest's `embedding.prompts`; empty when it has none). */
  prompts: Record<string, string>;
}

/** The module's chat function (the manifest's `chat` role), which the client's `chat.completions` calls. */
export interface NodeChatClient {
  /** `model` value the client answers to. */
  modelName: string;
  /** What to call: the generator's async-iterator export, or the async variant of a plain function. */
  callJsName: string;
  /** The function's Python parameter names in order: the exports take arguments by position. */
  paramNames: string[];
  /** The parameters' defaults (value JSON), by Python name. */
  defaults: Record<string, unknown>;
  /** The manifest's chat entry: where the messages and each setting go, the output kind, the context length. */
  chat: ManifestChat;
  /** The `chat_token_counter` role: `(messages, completion) -> [prompt_tokens, completion_tokens]`, for usage. */
  counter: NodeFunction | null;
}

/** The module's rerank function (the manifest's `rerank` role), which the client's `rerank.create` calls. */
export interface NodeRerankClient {
  /** `model` value the client answers to. */
  modelName: string;
  /** The async variant of the rerank function. */
  callJsName: string;
  /** The function's Python parameter names in order: the exports take arguments by position. */
  paramNames: string[];
  /** The manifest's rerank entry: which parameters take the query and the documents. */
  rerank: ManifestRerank;
  /** The `rerank_token_counter` role: `(query, documents) -> tokens per pair`, for usage. */
  counter: NodeFunction | null;
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
  /** Some function is a generator: the napi crate has the stream helpers and index.js the async-iterator wrapper. */
  usesStreams: boolean;
  /** True when some function returns a float32 ndarray as a Float32Array (the napi crate's f32 helpers). */
  usesFloat32: boolean;
  /** The compiled module loads model files; the package carries them in resources/ and points the library at them. */
  hasResources: boolean;
  client: NodeClient | null;
  /** Present when the module has a function with the `chat` role. */
  chatClient: NodeChatClient | null;
  /** Present when the module has a function with the `rerank` role. */
  rerankClient: NodeRerankClient | null;
  /** Typed-array and ndarray helper types the d.ts needs. */
  usesNdArray: boolean;
  /** The dataclasses and pydantic models the functions reach: a d.ts interface each; plain objects at run time. */
  structs: NodeStruct[];
  /** The Enums the functions reach: a literal union type and a frozen object of the members each. */
  enums: NodeEnum[];
  /** `{ structs: {Name: {origin, fields}}, enums: {Name: [values]} }` as a JS literal: what index.js checks and decodes by. */
  typesLiteral: string;
  signatureSummary: string[];
}

export interface NodeStructField {
  /** The Python field name, which is also the JS property name (value JSON keeps it). */
  name: string;
  tsType: string;
  /** Only in the input interface: a field with a default may be left out. */
  optional: boolean;
  /** The default's value JSON, for the doc comment. */
  defaultDoc: string | null;
}

export interface NodeStruct {
  name: string;
  origin: 'dataclass' | 'pydantic';
  fields: NodeStructField[];
  /** `<Name>Input`, the interface arguments are checked against, when it differs from the result's (defaults, wider types). */
  inputName: string | null;
  inputFields: NodeStructField[];
}

export interface NodeEnum {
  name: string;
  /** The members' names and values as JS literals (`'query'`, `2`). */
  members: { name: string; valueJs: string }[];
  /** The union of the values' literal types. */
  tsType: string;
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
  float32: 'Float32Array',
  float64: 'Float64Array',
  float16: 'Float32Array',
  int8: 'Int8Array',
  int16: 'Int16Array',
  int32: 'Int32Array',
  uint8: 'Uint8Array',
  uint16: 'Uint16Array',
  uint32: 'Uint32Array',
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
    case 'int':
    case 'float':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'str':
      return 'string';
    case 'none':
      return 'null';
    case 'list':
    case 'set':
      return `${wrap(tsOutputType(t.item))}[]`;
    case 'stream':
      return `AsyncIterableIterator<${tsOutputType(t.item)}>`;
    case 'tuple':
      return `[${t.items.map(tsOutputType).join(', ')}]`;
    case 'dict':
      return `Record<${tsKeyType(t.key)}, ${tsOutputType(t.value)}>`;
    case 'optional':
      return `${tsOutputType(t.item)} | null`;
    case 'union':
      return t.variants.map(tsOutputType).join(' | ');
    case 'ndarray':
      return t.dtype
        ? `NdArray<${names.jsString(t.dtype)}, ${ndarrayDataType(t.dtype)}>`
        : 'NdArray<string, ArrayLike<number | boolean>>';
    case 'struct':
    case 'enum':
      return t.name;
    case 'any':
      return 'unknown';
    case 'image':
      return 'IngotImage';
  }
}

/**
 * The TS type a caller may pass in (params): wider than the output type where JS has several spellings.
 * `structInputs` names the structs that have a distinct `<Name>Input` interface.
 */
export function tsInputType(t: IngotType, structInputs: ReadonlySet<string> = new Set()): string {
  const inner = (x: IngotType): string => tsInputType(x, structInputs);
  switch (t.kind) {
    case 'int':
    case 'float':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'str':
      return 'string';
    case 'none':
      return 'null';
    case 'list':
    case 'stream':
      return `${wrap(inner(t.item))}[]`;
    case 'set':
      return `${wrap(inner(t.item))}[] | Set<${inner(t.item)}>`;
    case 'tuple':
      return `[${t.items.map(inner).join(', ')}]`;
    case 'dict':
      return `Record<${tsKeyType(t.key)}, ${inner(t.value)}> | Map<${inner(t.key)}, ${inner(t.value)}>`;
    case 'optional':
      return `${inner(t.item)} | null | undefined`;
    case 'union':
      return t.variants.map(inner).join(' | ');
    case 'ndarray':
      return t.dtype ? `NdArrayInput<${names.jsString(t.dtype)}>` : 'NdArrayInput<string>';
    case 'struct':
      return structInputs.has(t.name) ? names.structInputName(t.name) : t.name;
    case 'enum':
      return t.name;
    case 'any':
      return 'unknown';
    case 'image':
      return 'IngotImageInput';
  }
}

function tsKeyType(k: IngotType): string {
  return k.kind === 'int' || k.kind === 'float' ? 'number' : 'string';
}

function usesNdArray(t: IngotType, m: Manifest, seen = new Set<string>()): boolean {
  const again = (x: IngotType): boolean => usesNdArray(x, m, seen);
  switch (t.kind) {
    // An image's interfaces are declared with the ndarray ones.
    case 'ndarray':
    case 'image':
      return true;
    case 'list':
    case 'set':
    case 'stream':
    case 'optional':
      return again(t.item);
    case 'tuple':
      return t.items.some(again);
    case 'union':
      return t.variants.some(again);
    case 'dict':
      return again(t.key) || again(t.value);
    case 'struct':
      if (seen.has(t.name)) return false;
      seen.add(t.name);
      return (m.structs ?? []).find((s) => s.name === t.name)?.fields.some((f) => again(f.type)) ?? false;
    default:
      return false;
  }
}

function exampleValue(t: IngotType): string {
  switch (t.kind) {
    case 'int':
      return '1';
    case 'float':
      return '1.5';
    case 'bool':
      return 'true';
    case 'str':
      return "'Which planet is red?'";
    case 'none':
    case 'optional':
      return 'null';
    case 'list':
    case 'set':
    case 'stream':
      return `[${exampleValue(t.item)}]`;
    case 'tuple':
      return `[${t.items.map(exampleValue).join(', ')}]`;
    case 'dict':
      return `{ ${t.key.kind === 'str' ? 'key' : "'1'"}: ${exampleValue(t.value)} }`;
    case 'union':
      return exampleValue(t.variants[0]);
    case 'ndarray':
      return `{ dtype: ${names.jsString(t.dtype ?? 'float32')}, shape: [2], data: [1, 2] }`;
    case 'struct':
    case 'enum':
    case 'any':
      return 'null';
    case 'image':
      return "{ width: 1, height: 1, mode: 'RGB', data: Buffer.from([255, 0, 0]) }";
  }
}

/** A sample argument, with the manifest's structs and enums filled in (required fields only). */
function exampleArgument(t: IngotType, m: Manifest, depth = 0): string {
  if (t.kind === 'enum') {
    const v = (m.enums ?? []).find((e) => e.name === t.name)?.members[0]?.value;
    return v === undefined ? 'null' : jsLiteral(v);
  }
  if (t.kind === 'struct') {
    const st = (m.structs ?? []).find((s) => s.name === t.name);
    if (!st || depth > 3) return '{}';
    const fields = st.fields
      .filter((f) => !f.has_default)
      .map(
        (f) =>
          `${names.propertyName(f.name)}: ${f.allowed?.length ? jsLiteral(f.allowed[0]) : exampleArgument(f.type, m, depth + 1)}`,
      );
    return fields.length ? `{ ${fields.join(', ')} }` : '{}';
  }
  if (t.kind === 'list' && (t.item.kind === 'struct' || t.item.kind === 'enum'))
    return `[${exampleArgument(t.item, m, depth + 1)}]`;
  return exampleValue(t);
}

function jsLiteral(v: unknown): string {
  return typeof v === 'string' ? names.jsString(v) : JSON.stringify(v);
}

/** The TS type of a field: a `Literal[...]` field is the union of its values. */
function fieldTsType(f: ManifestStruct['fields'][number], type: (t: IngotType) => string): string {
  if (
    f.allowed &&
    f.allowed.length &&
    f.allowed.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
  ) {
    const lits = f.allowed.map(jsLiteral).join(' | ');
    return f.type.kind === 'optional' ? `${lits} | null` : lits;
  }
  return type(f.type);
}

/** Structs whose argument interface differs from the result's: a field has a default, or its input type is wider. */
function structsWithInputs(m: Manifest): Set<string> {
  const out = new Set<string>();
  // Iterate to a fixpoint: a struct with a field of a struct with an input interface has one too.
  for (let changed = true; changed; ) {
    changed = false;
    for (const st of m.structs ?? []) {
      if (out.has(st.name)) continue;
      if (st.fields.some((f) => f.has_default || tsInputType(f.type, out) !== tsOutputType(f.type))) {
        out.add(st.name);
        changed = true;
      }
    }
  }
  return out;
}

function lowerStruct(st: ManifestStruct, inputs: ReadonlySet<string>): NodeStruct {
  const defaultDoc = (f: ManifestStruct['fields'][number]): string | null =>
    f.has_default ? JSON.stringify(f.default) : null;
  return {
    name: st.name,
    origin: st.origin,
    fields: st.fields.map((f) => ({
      name: f.name,
      tsType: fieldTsType(f, tsOutputType),
      optional: false,
      defaultDoc: defaultDoc(f),
    })),
    inputName: inputs.has(st.name) ? names.structInputName(st.name) : null,
    inputFields: st.fields.map((f) => ({
      name: f.name,
      tsType: fieldTsType(f, (t) => tsInputType(t, inputs)),
      optional: f.has_default,
      defaultDoc: defaultDoc(f),
    })),
  };
}

function lowerEnum(en: ManifestEnum): NodeEnum {
  const values = en.members.map((m) => jsLiteral(m.value));
  return {
    name: en.name,
    members: en.members.map((m, i) => ({ name: m.name, valueJs: values[i]! })),
    tsType: [...new Set(values)].join(' | ') || 'never',
  };
}

/** What index.js checks and decodes struct and enum values by. */
function typesLiteral(m: Manifest): string {
  const structs = Object.fromEntries(
    (m.structs ?? []).map((st) => [st.name, { origin: st.origin, fields: st.fields }]),
  );
  const enums = Object.fromEntries((m.enums ?? []).map((en) => [en.name, en.members.map((x) => x.value)]));
  return JSON.stringify({ structs, enums });
}

const NATIVE_RUST_TYPE: Partial<Record<IngotType['kind'], string>> = {
  int: 'i64',
  float: 'f64',
  bool: 'bool',
  str: 'String',
};

function nativeCheck(t: IngotType, v: string): { invalidWhen: string; expected: string } | null {
  switch (t.kind) {
    case 'int':
      return { invalidWhen: `!Number.isInteger(${v})`, expected: 'an integer' };
    case 'float':
      return { invalidWhen: `typeof ${v} !== 'number'`, expected: 'a number' };
    case 'bool':
      return { invalidWhen: `typeof ${v} !== 'boolean'`, expected: 'a boolean' };
    case 'str':
      return { invalidWhen: `typeof ${v} !== 'string'`, expected: 'a string' };
    default:
      return null;
  }
}

/** A value-JSON default as a JS expression; specials (`{"float": "nan"}`, ndarrays) go through the decoder. */
function defaultExpression(p: ManifestParam, crossing: Crossing): { js: string; doc: string } {
  const json = JSON.stringify(p.default);
  const plain = p.default === null || ['string', 'number', 'boolean'].includes(typeof p.default);
  if (plain || crossing === 'native') return { js: json, doc: json };
  return { js: `__ingot_decode(${json}, ${JSON.stringify(p.type)})`, doc: json };
}

function lowerParam(p: ManifestParam, m: Manifest, inputs: ReadonlySet<string>): NodeParam {
  const jsName = names.jsName(p.name);
  const crossing = nodeCapabilities[p.type.kind].param as Exclude<Crossing, 'unsupported'>;
  const def = p.has_default ? defaultExpression(p, crossing) : null;
  return {
    pyName: p.name,
    jsName,
    rustName: names.napiRustParamName(p.name),
    crossing,
    tsType: tsInputType(p.type, inputs),
    napiRustType: crossing === 'native' ? NATIVE_RUST_TYPE[p.type.kind]! : 'String',
    nativeCheck: crossing === 'native' ? nativeCheck(p.type, jsName) : null,
    typeLiteral: JSON.stringify(p.type),
    hasDefault: p.has_default,
    defaultJs: def?.js ?? null,
    defaultDoc: def?.doc ?? null,
    exampleJs: exampleArgument(p.type, m),
  };
}

export interface NodeStream {
  /** The `#[napi]` class the native call returns; its `next()` is an AsyncTask resolving to the next item or null. */
  className: string;
  /** The compiled crate's function that opens the generator as a lazy `rt::Stream`. */
  rustPath: string;
  /** How one item crosses: scalars and str natively, everything else as value JSON (so null always means the end). */
  item: { crossing: 'native' | 'json'; tsType: string; napiRustType: string; typeLiteral: string };
}

function lowerStream(pyName: string, rustStream: string, item: IngotType): NodeStream {
  const native = NATIVE_RUST_TYPE[item.kind];
  return {
    className: names.streamClassName(pyName),
    rustPath: `${names.COMPILED_CRATE_ALIAS}::${rustStream}`,
    item: {
      crossing: native ? 'native' : 'json',
      tsType: tsOutputType(item),
      napiRustType: native ?? 'String',
      typeLiteral: JSON.stringify(item),
    },
  };
}

function lowerReturn(t: IngotType): NodeReturn {
  if (t.kind === 'none')
    return { crossing: 'none', tsType: 'void', napiRustType: '()', typeLiteral: JSON.stringify(t) };
  if (t.kind === 'ndarray' && t.dtype === 'float32') {
    return {
      crossing: 'float32',
      tsType: tsOutputType(t),
      napiRustType: 'IngotFloat32NdArray',
      typeLiteral: JSON.stringify(t),
    };
  }
  const crossing = nodeCapabilities[t.kind].ret as Exclude<Crossing, 'unsupported'>;
  return {
    crossing,
    tsType: tsOutputType(t),
    napiRustType: crossing === 'native' ? NATIVE_RUST_TYPE[t.kind]! : 'String',
    typeLiteral: JSON.stringify(t),
  };
}

function lowerFunction(f: ManifestFunction, m: Manifest, inputs: ReadonlySet<string>): NodeFunction {
  const params = f.params.map((p) => lowerParam(p, m, inputs));
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
    rustPath: `${names.COMPILED_CRATE_ALIAS}::${f.rust.function}`,
    signature: f.signature,
    params,
    ret:
      f.returns.kind === 'stream'
        ? {
            crossing: 'stream',
            tsType: tsOutputType(f.returns),
            napiRustType: names.streamClassName(f.name),
            typeLiteral: JSON.stringify(f.returns),
          }
        : lowerReturn(f.returns),
    requiredCount: firstDefault === -1 ? params.length : firstDefault,
    stream: f.returns.kind === 'stream' ? lowerStream(f.name, f.rust.stream!, f.returns.item) : null,
  };
}

/** The package has an OpenAI-style `Client`: the module serves embeddings, chat, or both. */
export function hasClient(b: NodeBinding): boolean {
  return b.client !== null || b.chatClient !== null || b.rerankClient !== null;
}

export function lowerNodeBinding(manifest: Manifest, opts: { projectName?: string; version?: string }): NodeBinding {
  const project = opts.projectName ?? manifest.name;
  const packageName = names.npmPackageName(project);
  const platform = hostPlatform();
  const inputs = structsWithInputs(manifest);
  const functions = manifest.functions.map((f) => lowerFunction(f, manifest, inputs));
  const structs = (manifest.structs ?? []).map((st) => lowerStruct(st, inputs));
  const enums = (manifest.enums ?? []).map(lowerEnum);
  const seen = new Map<string, string>();
  const claim = (n: string, what: string): void => {
    if (seen.has(n)) throw new Error(`the Node target would export '${n}' for both ${seen.get(n)} and ${what}`);
    seen.set(n, what);
  };
  for (const n of [
    'Client',
    'APIError',
    'BadRequestError',
    'NotFoundError',
    'APIUserAbortError',
    'NdArray',
    'NdArrayInput',
    'IngotImage',
    'IngotImageInput',
  ])
    seen.set(n, `its own ${n}`);
  for (const f of functions) for (const n of [f.jsName, f.asyncJsName]) claim(n, `${f.pyName}()`);
  for (const st of structs)
    for (const n of [st.name, ...(st.inputName ? [st.inputName] : [])]) claim(n, `class ${st.name}`);
  for (const en of enums) claim(en.name, `class ${en.name}`);
  // The compiler decides which function serves each surface and writes it into the manifest as the function's role.
  const withRole = (role: Exclude<FunctionRole, 'entry'>): NodeFunction | null => {
    const f = functionWithRole(manifest, role);
    return f ? functions[manifest.functions.indexOf(f)]! : null;
  };
  const embed = withRole('embedding');
  const chatFn = functionWithRole(manifest, 'chat');
  const chatNode = withRole('chat');
  const rerankFn = functionWithRole(manifest, 'rerank');
  const rerankNode = withRole('rerank');
  const all = manifest.functions.flatMap((f) => [...f.params.map((p) => p.type), f.returns]);
  return {
    moduleName: manifest.name,
    compiledPackage: manifest.crate.package,
    packageName,
    version: opts.version ?? '0.1.0',
    binaryName: names.binaryName(packageName),
    platform,
    platformPackageName: names.platformPackageName(packageName, platform.key),
    crate: names.napiCrateName(manifest.name),
    functions,
    hasResources: manifest.resources.length > 0,
    usesJson: functions.some(
      (f) =>
        f.ret.crossing === 'json' || f.stream?.item.crossing === 'json' || f.params.some((p) => p.crossing === 'json'),
    ),
    usesStreams: functions.some((f) => f.stream !== null),
    usesFloat32: functions.some((f) => f.ret.crossing === 'float32'),
    client: embed
      ? {
          modelName: clientModelName(project),
          embedJsName: embed.asyncJsName,
          counter: withRole('token_counter'),
          decoder: withRole('token_decoder'),
          tokenIds: withRole('token_ids'),
          embedTruncating: withRole('embedding_truncating'),
          prompts: functionWithRole(manifest, 'embedding')?.embedding?.prompts ?? {},
        }
      : null,
    chatClient:
      chatFn && chatNode
        ? {
            modelName: clientModelName(project),
            callJsName: chatNode.stream ? chatNode.jsName : chatNode.asyncJsName,
            paramNames: chatFn.params.map((p) => p.name),
            defaults: Object.fromEntries(chatFn.params.filter((p) => p.has_default).map((p) => [p.name, p.default])),
            chat: chatFn.chat!,
            counter: withRole('chat_token_counter'),
          }
        : null,
    rerankClient:
      rerankFn && rerankNode
        ? {
            modelName: clientModelName(project),
            callJsName: rerankNode.asyncJsName,
            paramNames: rerankFn.params.map((p) => p.name),
            rerank: rerankFn.rerank!,
            counter: withRole('rerank_token_counter'),
          }
        : null,
    usesNdArray: all.some((t) => usesNdArray(t, manifest)),
    structs,
    enums,
    typesLiteral: typesLiteral(manifest),
    signatureSummary: manifest.functions.map((f) => f.signature),
  };
}
