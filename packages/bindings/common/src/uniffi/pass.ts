// The uniffi pass: a checked manifest in, a `UniffiCrate` out. It decides, for every parameter and return, how the value
// crosses (native uniffi type, value JSON text, or packed f32 bytes) and the Rust type on the boundary.
// Python, Kotlin and Swift share this crate; their own passes read it and add language names and types.

import {
  functionWithRole,
  type IngotType,
  type Manifest,
  type ManifestFunction,
  type ManifestParam,
} from '../manifest';
import { childTypes } from '../capabilities';
import type { UniffiCapabilityTable } from './capabilities';
import * as names from './names';

export interface UniffiParam {
  pyName: string;
  /** The parameter's name on the uniffi function (`p0`, `p1`, ...), the same in every language. */
  ffiName: string;
  crossing: 'native' | 'json' | 'image';
  /**
   * The uniffi parameter type: the compiled function's Rust type when native, `IngotImage` for an image, `String`
   * (value JSON) otherwise.
   */
  rustType: string;
  type: IngotType;
  hasDefault: boolean;
  /** The default's value JSON, when `hasDefault`. */
  default: unknown;
}

export interface UniffiReturn {
  /** `stream`: a generator function; its call returns the stream object (`UniffiFunction.stream`). */
  crossing: 'native' | 'json' | 'matrix' | 'none' | 'stream' | 'image';
  /** The uniffi return type inside `Result<_, IngotError>`. */
  rustType: string;
  type: IngotType;
}

export interface UniffiFunction {
  index: number;
  pyName: string;
  signature: string;
  /** The exported Rust function (`ingot_call_<index>`). */
  ffiName: string;
  /** The same name after uniffi's camelCase (Kotlin, Swift). */
  ffiNameCamel: string;
  /** Path of the compiled Rust function, from the manifest's `rust.function`. */
  rustPath: string;
  params: UniffiParam[];
  ret: UniffiReturn;
  /** Parameters from this index on have defaults. */
  requiredCount: number;
  /** For a generator function: the uniffi object its call returns, whose `next()` gives one item at a time. */
  stream: UniffiStream | null;
}

export interface UniffiStream {
  /** The `#[derive(uniffi::Object)]` struct (`IngotStream<index>`), the same name in every language. */
  objectName: string;
  /** The compiled crate's function that opens the generator as an `rt::Stream`. */
  rustPath: string;
  /**
   * How one item crosses, as a return would (`next()` returns `Option` of it). Items whose own value can be None
   * (None, Optional) cross as value JSON, so that `None` always means the end of the stream.
   */
  item: UniffiReturn;
}

export interface UniffiCrate {
  moduleName: string;
  pkg: string;
  /** The lib name, which is also the uniffi namespace. */
  lib: string;
  /** The cdylib's file name on the host. */
  libraryFile: string;
  version: string;
  functions: UniffiFunction[];
  usesJson: boolean;
  usesMatrix: boolean;
  /** Some parameter, result or stream item crosses as the `IngotImage` record (the crate then depends on ingot-tensor). */
  usesImage: boolean;
  /** Some function is a generator (the crate then has the stream helpers). */
  usesStreams: boolean;
  /** The compiled module loads model files; the package carries them and points the library at them. */
  hasResources: boolean;
  /** The function the OpenAI-style client wraps (the manifest's `embedding` role), if the module has one. */
  embed: UniffiFunction | null;
  /** The module tokenizer's token counter (`token_counter` role): the client's `usage`. */
  tokenCounter: UniffiFunction | null;
  /** The module tokenizer's decoder (`token_decoder` role): how the client takes token-id `input`. */
  tokenDecoder: UniffiFunction | null;
  /** The untruncated token ids (`token_ids` role): `count_tokens` and `truncate: false`. */
  tokenIds: UniffiFunction | null;
  /** The embedding function with a per-call truncation side (`embedding_truncating` role): `truncation_direction`. */
  embedTruncating: UniffiFunction | null;
}

const NATIVE_RUST: Partial<Record<IngotType['kind'], string>> = {
  int: 'i64',
  float: 'f64',
  bool: 'bool',
  str: 'String',
};

/** The uniffi Rust type of a native-crossing type, or null when it must cross as value JSON. */
export function nativeRustType(table: UniffiCapabilityTable, t: IngotType, top: 'param' | 'ret'): string | null {
  const c = table[t.kind][top];
  if (c === 'native') return NATIVE_RUST[t.kind] ?? (t.kind === 'none' && top === 'ret' ? '()' : null);
  if (c !== 'container') return null;
  const [item] = childTypes(t);
  if (!item || (item.kind !== 'list' && item.kind !== 'optional' && !NATIVE_RUST[item.kind])) return null;
  const inner = NATIVE_RUST[item.kind] ?? nativeRustType(table, item, top);
  if (!inner) return null;
  if (t.kind === 'list') return `Vec<${inner}>`;
  if (t.kind === 'optional') return `Option<${inner}>`;
  return null;
}

function lowerParam(table: UniffiCapabilityTable, p: ManifestParam, j: number): UniffiParam {
  const image = table[p.type.kind].param === 'image';
  const native = image ? null : nativeRustType(table, p.type, 'param');
  return {
    pyName: p.name,
    ffiName: names.ffiParamName(j),
    crossing: image ? 'image' : native ? 'native' : 'json',
    rustType: image ? 'IngotImage' : (native ?? 'String'),
    type: p.type,
    hasDefault: p.has_default,
    default: p.default,
  };
}

function lowerReturn(table: UniffiCapabilityTable, t: IngotType): UniffiReturn {
  if (t.kind === 'none') return { crossing: 'none', rustType: '()', type: t };
  if (t.kind === 'stream') return { crossing: 'stream', rustType: 'unused', type: t };
  if (table[t.kind].ret === 'image') return { crossing: 'image', rustType: 'IngotImage', type: t };
  if (table[t.kind].ret === 'matrix' && t.kind === 'ndarray' && t.dtype === 'float32') {
    return { crossing: 'matrix', rustType: 'IngotF32Matrix', type: t };
  }
  const native = nativeRustType(table, t, 'ret');
  return native ? { crossing: 'native', rustType: native, type: t } : { crossing: 'json', rustType: 'String', type: t };
}

/** A stream's item, lowered as a return; an item that may itself be None crosses as value JSON. */
function lowerStreamItem(table: UniffiCapabilityTable, item: IngotType): UniffiReturn {
  if (item.kind === 'none' || item.kind === 'optional') return { crossing: 'json', rustType: 'String', type: item };
  return lowerReturn(table, item);
}

function lowerFunction(table: UniffiCapabilityTable, f: ManifestFunction, i: number): UniffiFunction {
  const params = f.params.map((p, j) => lowerParam(table, p, j));
  const firstDefault = params.findIndex((p) => p.hasDefault);
  const returns = f.returns;
  const stream: UniffiStream | null =
    returns.kind === 'stream'
      ? {
          objectName: names.streamObjectName(i),
          rustPath: `${names.COMPILED_CRATE_ALIAS}::${f.rust.stream}`,
          item: lowerStreamItem(table, returns.item),
        }
      : null;
  const ret = lowerReturn(table, returns);
  if (stream) ret.rustType = `std::sync::Arc<${stream.objectName}>`;
  return {
    index: i,
    pyName: f.name,
    signature: f.signature,
    ffiName: names.ffiFunctionName(i),
    ffiNameCamel: names.ffiFunctionNameCamel(i),
    rustPath: `${names.COMPILED_CRATE_ALIAS}::${f.rust.function}`,
    params,
    ret,
    requiredCount: firstDefault === -1 ? params.length : firstDefault,
    stream,
  };
}

export function lowerUniffiCrate(
  manifest: Manifest,
  table: UniffiCapabilityTable,
  opts: { version?: string } = {},
): UniffiCrate {
  const { pkg, lib } = names.uniffiCrateName(manifest.name);
  const functions = manifest.functions.map((f, i) => lowerFunction(table, f, i));
  const withRole = (
    role: 'embedding' | 'token_counter' | 'token_ids' | 'token_decoder' | 'embedding_truncating',
  ): UniffiFunction | null => {
    const f = functionWithRole(manifest, role);
    return f ? functions[manifest.functions.indexOf(f)]! : null;
  };
  const embed = withRole('embedding');
  const embedTruncating = withRole('embedding_truncating');
  return {
    moduleName: manifest.name,
    pkg,
    lib,
    libraryFile: names.hostLibraryFile(lib),
    version: opts.version ?? '0.1.0',
    functions,
    usesJson: functions.some(
      (f) =>
        f.ret.crossing === 'json' || f.stream?.item.crossing === 'json' || f.params.some((p) => p.crossing === 'json'),
    ),
    usesMatrix: functions.some((f) => f.ret.crossing === 'matrix' || f.stream?.item.crossing === 'matrix'),
    usesImage: functions.some(
      (f) =>
        f.ret.crossing === 'image' ||
        f.stream?.item.crossing === 'image' ||
        f.params.some((p) => p.crossing === 'image'),
    ),
    usesStreams: functions.some((f) => f.stream !== null),
    hasResources: (manifest.resources ?? []).length > 0,
    embed: embed && embed.ret.crossing === 'matrix' ? embed : null,
    tokenCounter: withRole('token_counter'),
    tokenDecoder: withRole('token_decoder'),
    tokenIds: withRole('token_ids'),
    // Only beside a client's embedding function, and crossing as the same matrix.
    embedTruncating: embed && embedTruncating?.ret.crossing === 'matrix' ? embedTruncating : null,
  };
}
