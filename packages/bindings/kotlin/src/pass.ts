// The Kotlin target pass: the manifest and the shared uniffi crate in, a `KotlinBinding` out.
// It decides the Kotlin package, names, types and default expressions, so the emitters after it only read fields.
// Values that cross as value JSON are `String`s in Kotlin, except those presented as the module's data and enum classes
// (records.ts); a float32 matrix is a `Float32Matrix`.

import { createHash } from 'node:crypto';
import type { IngotType, Manifest, ManifestChat, ManifestRerank, uniffi } from '@ingot/bindings-common';
import { clientModelName, functionWithRole } from '@ingot/bindings-common';
import * as names from './names';
import {
  decodeExpr,
  encodeExpr,
  kotlinType,
  kotlinValue,
  lowerKotlinRecords,
  presentedTyped,
  type KotlinRecords,
} from './records';

export interface KotlinParam {
  pyName: string;
  name: string;
  type: string;
  defaultKt: string | null;
  /** What the wrapper passes to the uniffi function: the parameter, or its value JSON for a typed struct or enum. */
  ffiArg: string;
}

export interface KotlinFunction {
  pyName: string;
  name: string;
  /** The uniffi function, fully qualified. */
  ffiCall: string;
  signature: string;
  params: KotlinParam[];
  ret: { crossing: 'native' | 'json' | 'matrix' | 'none' | 'stream' | 'image'; type: string };
  /** True when the value-JSON text is what the caller gets or gives. */
  json: boolean;
  /** For a result presented typed (a struct or enum in it): the expression turning uniffi's JSON text `it` into it. */
  retDecode: string | null;
  /**
   * A generator function: `ret.type` is kotlinx.coroutines' `Flow<item>`; `itemType` is the item's Kotlin type and `convert` the Kotlin
   * lambda from uniffi's item to it (null when it crosses as is).
   */
  stream: { itemType: string; convert: string | null } | null;
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
  /** Some parameter, result or stream item is a PIL image: the package has `IngotImage` (and its Bitmap extensions for Android). */
  usesImage: boolean;
  /** Some function is a generator: the wrapper returns kotlinx.coroutines Flows. */
  usesStreams: boolean;
  /** kotlinx.coroutines is a dependency of the module and the jar: a generator function, or the chat client's Flows. */
  usesCoroutines: boolean;
  /**
   * The embedding function the Client wraps and, for a module with a tokenizer, its token counter, decoder and
   * untruncated token ids (`countTokens`, `truncate = false`).
   */
  client: {
    modelName: string;
    embedName: string;
    countTokensName: string | null;
    decodeTokensName: string | null;
    tokenIdsName: string | null;
    /** The embedding function with a per-call truncation side (`embedding_truncating`): `truncationDirection`. */
    embedTruncatingName: string | null;
    /** The prompts `input_type` may name (the manifest's `embedding.prompts`). */
    prompts: Record<string, string>;
  } | null;
  /**
   * The chat function the Client's `chat.completions` wraps (the manifest's `chat` role), with its manifest entry; `call`
   * and `countTokens` are Kotlin lambdas over the wrapper's functions that take the runtime's arguments by parameter name.
   */
  chat: {
    modelName: string;
    entry: ManifestChat;
    /** The function's parameter defaults as value JSON text, by parameter name. */
    defaultsJson: string;
    call: string;
    countTokens: string | null;
  } | null;
  /**
   * The rerank function the Client's `rerank` wraps (the manifest's `rerank` role): `score` and `countTokens` are Kotlin
   * lambdas `(query, documents)` over the wrapper's functions, which pass them to the parameters the rerank entry names.
   */
  rerank: { modelName: string; score: string; countTokens: string | null } | null;
  /** The module's dataclasses, pydantic models and Enums: a `data class` / `enum class` each, and `IngotJson` to read and write them. */
  records: KotlinRecords;
  usesRecords: boolean;
  /** `IngotJson` is part of the package: records read and write it, the chat client passes value JSON with it, and the Client's remote speaks JSON. */
  usesJson: boolean;
  /**
   * The model files, when the compiled module loads any: the package carries them as Java resources under `root`
   * (class-path folder), and `IngotResources` unpacks them once into `<cache>/<cacheName>/` before the first call.
   */
  resources: { root: string; cacheName: string; files: { path: string; size: number }[] } | null;
}

interface ManifestResource {
  files?: { path: string; sha256: string; size?: number }[];
}

/** The class-path folder and the cache folder name (module plus a digest of the files' sha256, so versions never mix). */
function lowerResources(manifest: Manifest, kotlinPackage: string): KotlinBinding['resources'] {
  const files = (manifest.resources as ManifestResource[]).flatMap((r) => r.files ?? []);
  if (files.length === 0) return null;
  const digest = createHash('sha256');
  for (const f of files) digest.update(`${f.path}\0${f.sha256}\n`);
  return {
    root: `${kotlinPackage.split('.').join('/')}/resources`,
    cacheName: `${kotlinPackage}-${digest.digest('hex').slice(0, 16)}`,
    files: files.map((f) => ({ path: f.path, size: f.size ?? -1 })),
  };
}

/** The public classes of the chat client (ChatCompletions.kt), which a module's own classes must not take. */
/** The public classes of the rerank client (Rerank.kt), which a module's own classes must not take. */
const RERANK_CLASSES = [
  'Rerank',
  'RerankDocument',
  'RerankResult',
  'RerankUsage',
  'RerankResponse',
  'IngotRerankModel',
];

const CHAT_CLASSES = [
  'Chat',
  'ChatCompletions',
  'ChatMessage',
  'ChatCompletionStreamOptions',
  'CompletionUsage',
  'ChatCompletionMessage',
  'ChatCompletionChoice',
  'ChatCompletion',
  'ChatCompletionChunkDelta',
  'ChatCompletionChunkChoice',
  'ChatCompletionChunk',
];

const NATIVE: Partial<Record<IngotType['kind'], string>> = {
  int: 'Long',
  float: 'Double',
  bool: 'Boolean',
  str: 'String',
};

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
    case 'int':
      return `${String(v)}L`;
    case 'float':
      return Number.isInteger(v as number) ? `${String(v)}.0` : String(v);
    case 'bool':
      return v ? 'true' : 'false';
    case 'str':
      return names.kotlinString(String(v));
    case 'list':
      return `listOf(${(v as unknown[]).map((x) => defaultExpression(x, item.item, 'native')).join(', ')})`;
    default:
      return names.kotlinString(JSON.stringify(v));
  }
}

function lowerFunction(
  f: uniffi.UniffiFunction,
  ffiPackage: string,
  m: Manifest,
  records: KotlinRecords,
): KotlinFunction {
  const typed = (crossing: string, t: IngotType): boolean => crossing === 'json' && presentedTyped(t, records);
  const params = f.params.map((p) => {
    const name = names.kotlinName(p.pyName);
    if (p.crossing === 'image') {
      // An image parameter never has a default (a PIL image is not a constant).
      return { pyName: p.pyName, name, type: 'IngotImage', defaultKt: null, ffiArg: `${name}.toFfi()` };
    }
    if (typed(p.crossing, p.type)) {
      return {
        pyName: p.pyName,
        name,
        type: kotlinType(p.type),
        defaultKt: p.hasDefault ? kotlinValue(p.default, p.type, m) : null,
        ffiArg: `IngotJson.write(${encodeExpr(p.type, name)})`,
      };
    }
    return {
      pyName: p.pyName,
      name,
      type: p.crossing === 'native' ? kotlinNativeType(p.type) : 'String',
      defaultKt: p.hasDefault ? defaultExpression(p.default, p.type, p.crossing) : null,
      ffiArg: name,
    };
  });
  const typeOf = (crossing: string, t: IngotType): string =>
    crossing === 'none'
      ? 'Unit'
      : crossing === 'matrix'
        ? 'Float32Matrix'
        : crossing === 'image'
          ? 'IngotImage'
          : typed(crossing, t)
            ? kotlinType(t)
            : crossing === 'json'
              ? 'String'
              : kotlinNativeType(t);
  const item = f.stream?.item;
  const stream = item
    ? {
        itemType: typeOf(item.crossing, item.type),
        convert:
          item.crossing === 'matrix'
            ? '{ Float32Matrix.fromLittleEndian(it.shape, it.data) }'
            : item.crossing === 'image'
              ? '{ IngotImage.fromFfi(it) }'
              : typed(item.crossing, item.type)
                ? `{ ${decodeExpr(item.type, 'IngotJson.parse(it)')} }`
                : null,
      }
    : null;
  const retType = stream ? `kotlinx.coroutines.flow.Flow<${stream.itemType}>` : typeOf(f.ret.crossing, f.ret.type);
  return {
    pyName: f.pyName,
    name: names.kotlinName(f.pyName),
    ffiCall: `${ffiPackage}.${f.ffiNameCamel}`,
    signature: f.signature,
    params,
    ret: { crossing: f.ret.crossing, type: retType },
    json:
      (f.ret.crossing === 'json' && !typed('json', f.ret.type)) ||
      (item?.crossing === 'json' && !typed('json', item.type)) ||
      f.params.some((p) => p.crossing === 'json' && !typed('json', p.type)),
    retDecode: !stream && typed(f.ret.crossing, f.ret.type) ? decodeExpr(f.ret.type, 'IngotJson.parse(it)') : null,
    stream,
  };
}

/**
 * The Kotlin expression giving parameter `p` of `f` from `args` (a `Map<String, Any?>` of parsed value JSON, by Python
 * parameter name): value JSON text for a parameter that crosses as text, the typed value otherwise; the parameter's
 * default when the map has no entry for it.
 */
function argFromMap(f: KotlinFunction, u: uniffi.UniffiFunction, j: number, args: string): string {
  const p = f.params[j]!;
  const up = u.params[j]!;
  const at = `${args}[${names.kotlinString(p.pyName)}]`;
  const value = p.type === 'String' && up.crossing === 'json' ? `IngotJson.write(${at})` : decodeExpr(up.type, at);
  if (p.defaultKt !== null)
    return `if (${args}.containsKey(${names.kotlinString(p.pyName)})) ${value} else ${p.defaultKt}`;
  return value;
}

/** How the chat client calls the chat function: a lambda from the runtime's arguments to a Flow of parsed value JSON. */
function chatCall(f: KotlinFunction, u: uniffi.UniffiFunction): string {
  const call = `${f.name}(${f.params.map((_, j) => argFromMap(f, u, j, 'a')).join(', ')})`;
  // Each item (or the one result) as the runtime reads it: parsed value JSON, whatever Kotlin type it crossed as.
  const item = u.stream ? u.stream.item : u.ret;
  const typedItem = f.stream ? f.stream.itemType : f.ret.type;
  const asJson =
    typedItem === 'String' && item.crossing === 'json'
      ? 'IngotJson.parse(it)'
      : `IngotJson.parse(IngotJson.write(${encodeExpr(item.type, 'it')}))`;
  return f.stream
    ? `{ a -> kotlinx.coroutines.flow.flow { ${call}.collect { emit(${asJson}) } } }`
    : `{ a -> kotlinx.coroutines.flow.flow { emit(kotlinx.coroutines.withContext(kotlinx.coroutines.Dispatchers.IO) { ${call} }.let { ${asJson} }) } }`;
}

/** The token counter as the chat client calls it: `(messages, completion) -> [prompt_tokens, completion_tokens]`. */
function chatCounter(f: KotlinFunction, u: uniffi.UniffiFunction): string {
  const call = `${f.name}(${f.params.map((_, j) => argFromMap(f, u, j, 'a')).join(', ')})`;
  const [messages, completion] = f.params.map((p) => names.kotlinString(p.pyName));
  return `{ m, c -> val a = mapOf<String, Any?>(${messages} to m, ${completion} to c); IngotJson.list(IngotJson.parse(IngotJson.write(${encodeExpr(u.ret.type, call)}))).map { IngotJson.long(it) } }`;
}

/** A lambda `(query, documents) -> ...` calling `f` with them at the parameters the manifest's rerank entry names. */
function rerankLambda(
  f: KotlinFunction,
  u: uniffi.UniffiFunction,
  entry: ManifestRerank,
  body: (call: string) => string,
): string {
  const call = `${f.name}(${f.params.map((_, j) => argFromMap(f, u, j, 'a')).join(', ')})`;
  return `{ q, d -> val a = mapOf<String, Any?>(${names.kotlinString(entry.query)} to q, ${names.kotlinString(entry.documents)} to d); ${body(call)} }`;
}

function lowerRerank(
  manifest: Manifest,
  crate: uniffi.UniffiCrate,
  functions: KotlinFunction[],
  project: string,
): KotlinBinding['rerank'] {
  const fn = functionWithRole(manifest, 'rerank');
  // CrossEncoder.rank's list (`ranked`) is not read by this client yet: the function stays in the typed API only.
  if (!fn?.rerank || fn.rerank.ranked) return null;
  const i = manifest.functions.indexOf(fn);
  const counter = functionWithRole(manifest, 'rerank_token_counter');
  const j = counter ? manifest.functions.indexOf(counter) : -1;
  // The counter takes (query, documents) by the same names as the rerank function's entry.
  const counterEntry: ManifestRerank = counter
    ? { query: counter.params[0]!.name, documents: counter.params[1]!.name }
    : fn.rerank;
  return {
    modelName: clientModelName(project),
    score: rerankLambda(
      functions[i]!,
      crate.functions[i]!,
      fn.rerank,
      // A float32 ndarray crosses as a Float32Matrix, other values as value JSON text or a typed Kotlin value.
      (call) => {
        const ret = crate.functions[i]!.ret;
        if (ret.crossing === 'matrix') return `${call}.data.map { it.toDouble() }`;
        if (ret.crossing === 'json') return `IngotJson.parse(${call})`;
        return `IngotJson.parse(IngotJson.write(${encodeExpr(ret.type, call)}))`;
      },
    ),
    countTokens: counter
      ? rerankLambda(
          functions[j]!,
          crate.functions[j]!,
          counterEntry,
          (call) =>
            `IngotJson.list(IngotJson.parse(IngotJson.write(${encodeExpr(crate.functions[j]!.ret.type, call)}))).map { IngotJson.long(it) }`,
        )
      : null,
  };
}

function lowerChat(
  manifest: Manifest,
  crate: uniffi.UniffiCrate,
  functions: KotlinFunction[],
  project: string,
): KotlinBinding['chat'] {
  const chat = functionWithRole(manifest, 'chat');
  if (!chat?.chat) return null;
  const i = manifest.functions.indexOf(chat);
  const counter = functionWithRole(manifest, 'chat_token_counter');
  const j = counter ? manifest.functions.indexOf(counter) : -1;
  return {
    modelName: clientModelName(project),
    entry: chat.chat,
    defaultsJson: JSON.stringify(
      Object.fromEntries(chat.params.filter((p) => p.has_default).map((p) => [p.name, p.default])),
    ),
    call: chatCall(functions[i]!, crate.functions[i]!),
    countTokens: counter ? chatCounter(functions[j]!, crate.functions[j]!) : null,
  };
}

export function lowerKotlinBinding(
  manifest: Manifest,
  crate: uniffi.UniffiCrate,
  opts: { projectName?: string },
): KotlinBinding {
  const project = opts.projectName ?? manifest.name;
  const ffiPackage = `uniffi.${crate.lib}`;
  const records = lowerKotlinRecords(manifest);
  const functions = crate.functions.map((f) => lowerFunction(f, ffiPackage, manifest, records));
  const seen = new Map<string, string>();
  for (const f of functions) {
    if (seen.has(f.name))
      throw new Error(`the Kotlin target would export '${f.name}' for both ${seen.get(f.name)}() and ${f.pyName}()`);
    seen.set(f.name, f.pyName);
  }
  const chat = lowerChat(manifest, crate, functions, project);
  const rerank = lowerRerank(manifest, crate, functions, project);
  const classes = new Map(
    [
      'IngotException',
      'IngotJson',
      'IngotResources',
      'IngotModels',
      'IngotModel',
      'IngotChatModel',
      'Float32Matrix',
      'IngotImage',
      'Client',
      ...(chat ? CHAT_CLASSES : []),
      ...(rerank ? RERANK_CLASSES : []),
    ].map((n) => [n, `its own ${n}`]),
  );
  for (const c of [...records.structs, ...records.enums]) {
    if (classes.has(c.name))
      throw new Error(
        `the Kotlin target would declare '${c.name}' for both ${classes.get(c.name)} and class ${c.name}`,
      );
    classes.set(c.name, `class ${c.name}`);
  }
  const kotlinPackage = names.kotlinPackage(project);
  // The wrapper's file class is named after the module; when that is a class of the package (a module named `chat`
  // next to the chat client's `Chat`), it takes Kotlin's own facade suffix instead of clashing on the JVM.
  const pascal = names.pascalCase(manifest.name);
  const wrapperClass = classes.has(pascal) ? `${pascal}Kt` : pascal;
  return {
    moduleName: manifest.name,
    kotlinPackage,
    ffiPackage,
    ffiNamespace: crate.lib,
    wrapperClass,
    artifact: names.artifactName(project),
    version: crate.version,
    libraryFile: crate.libraryFile,
    jnaResourcePrefix: names.jnaResourcePrefix(),
    functions,
    usesMatrix: crate.usesMatrix,
    usesImage: crate.usesImage,
    usesStreams: crate.usesStreams,
    usesCoroutines: crate.usesStreams || chat !== null,
    chat,
    rerank,
    client: crate.embed
      ? {
          modelName: clientModelName(project),
          embedName: functions[crate.embed.index]!.name,
          countTokensName: crate.tokenCounter ? functions[crate.tokenCounter.index]!.name : null,
          decodeTokensName: crate.tokenDecoder ? functions[crate.tokenDecoder.index]!.name : null,
          tokenIdsName: crate.tokenIds ? functions[crate.tokenIds.index]!.name : null,
          embedTruncatingName: crate.embedTruncating ? functions[crate.embedTruncating.index]!.name : null,
          prompts: functionWithRole(manifest, 'embedding')?.embedding?.prompts ?? {},
        }
      : null,
    records,
    usesRecords: records.structs.length > 0 || records.enums.length > 0,
    // The Client's remote reads and writes JSON, so every surface needs it.
    usesJson:
      records.structs.length > 0 ||
      records.enums.length > 0 ||
      chat !== null ||
      rerank !== null ||
      crate.embed !== null,
    resources: crate.hasResources ? lowerResources(manifest, kotlinPackage) : null,
  };
}
