// The Swift target pass: the manifest and the shared uniffi crate in, a `SwiftBinding` out.
// It decides the package and target names, argument labels, Swift types and default expressions, so the emitters after it
// only read fields. Values that cross as value JSON are `String`s in Swift; a float32 matrix is a `Float32Matrix`.

import type { IngotType, Manifest, ManifestChat, ManifestRerank, uniffi } from '@ingot/bindings-common';
import { clientModelName, functionWithRole } from '@ingot/bindings-common';
import * as names from './names';
import { lowerSwiftRecords, presentedTyped, swiftLiteral, swiftType, type SwiftRecords } from './records';

export interface SwiftParam {
  pyName: string;
  /** Argument label and parameter name. */
  name: string;
  /** uniffi's label on the generated function (`p0`, ...). */
  ffiLabel: string;
  type: string;
  defaultSwift: string | null;
  /** What the wrapper passes to the uniffi function: the parameter, or its value JSON for a typed struct or enum. */
  ffiArg: string;
}

export interface SwiftFunction {
  pyName: string;
  name: string;
  ffiName: string;
  signature: string;
  params: SwiftParam[];
  ret: { crossing: 'native' | 'json' | 'matrix' | 'none' | 'stream' | 'image'; type: string };
  json: boolean;
  /** For a result presented typed (a struct or enum in it): the Swift type uniffi's JSON text is decoded into. */
  retDecode: string | null;
  /**
   * A generator function: `ret.type` is `AsyncThrowingStream<item, Error>`; `convert` is the Swift expression turning
   * uniffi's optional item `$0` into the item (null when it crosses as is).
   */
  stream: { convert: string | null } | null;
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
  /**
   * Some parameter, result or stream item is a PIL image: uniffi's `IngotImage` struct, which the package extends with
   * raw RGBA and CoreGraphics conversions (`IngotImage.swift`).
   */
  usesImage: boolean;
  /** The embedding function the Client wraps and, for a module with a tokenizer, its token counter and decoder (name, argument label). */
  client: {
    modelName: string;
    embedName: string;
    embedLabel: string;
    countTokens: { name: string; label: string } | null;
    decodeTokens: { name: string; label: string } | null;
    /** The untruncated token ids (`token_ids` role): `countTokens` and `truncate: false`. */
    tokenIds: { name: string; label: string } | null;
    /** The embedding function with a per-call truncation side (`embedding_truncating`): `truncationDirection`. */
    embedTruncating: { name: string; labels: [string, string] } | null;
    /** The prompts `input_type` may name (the manifest's `embedding.prompts`). */
    prompts: Record<string, string>;
  } | null;
  /**
   * The chat function the Client's `chat.completions` wraps (the manifest's `chat` role), with its manifest entry; `call`
   * and `countTokens` are Swift closures over the wrapper's functions that take the client's arguments by parameter name.
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
   * The rerank function the Client's `rerank` wraps (the manifest's `rerank` role): `score` and `countTokens` are Swift
   * closures `(query, documents)` over the wrapper's functions, passing them to the parameters the rerank entry names.
   */
  rerank: { modelName: string; score: string; countTokens: string | null } | null;
  /** The compiled module loads model files: the wrapper target carries them in `resources/` (Bundle.module). */
  hasResources: boolean;
  /** The module's dataclasses, pydantic models and Enums: a Codable struct / enum each, read and written as value JSON. */
  records: SwiftRecords;
  usesRecords: boolean;
}

const NATIVE: Partial<Record<IngotType['kind'], string>> = {
  int: 'Int64',
  float: 'Double',
  bool: 'Bool',
  str: 'String',
};

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
    case 'int':
      return String(v);
    case 'float':
      return Number.isInteger(v as number) ? `${String(v)}.0` : String(v);
    case 'bool':
      return v ? 'true' : 'false';
    case 'str':
      return names.swiftString(String(v));
    case 'list':
      return `[${(v as unknown[]).map((x) => defaultExpression(x, item.item, 'native')).join(', ')}]`;
    default:
      return names.swiftString(JSON.stringify(v));
  }
}

function lowerFunction(f: uniffi.UniffiFunction, m: Manifest, records: SwiftRecords): SwiftFunction {
  const typed = (crossing: string, t: IngotType): boolean => crossing === 'json' && presentedTyped(t, records);
  const params = f.params.map((p) => {
    const name = names.swiftName(p.pyName);
    // A default needs a Swift literal (an enum case, plain values); a parameter whose default has none stays value JSON text.
    if (p.crossing === 'image') {
      // uniffi's own IngotImage record, passed as it is; a PIL image is never a default.
      return { pyName: p.pyName, name, ffiLabel: p.ffiName, type: 'IngotImage', defaultSwift: null, ffiArg: name };
    }
    const typedDefault = p.hasDefault ? swiftLiteral(p.default, p.type, m) : null;
    if (typed(p.crossing, p.type) && (!p.hasDefault || typedDefault !== null)) {
      return {
        pyName: p.pyName,
        name,
        ffiLabel: p.ffiName,
        type: swiftType(p.type),
        defaultSwift: typedDefault,
        ffiArg: `try ingotEncode(${name})`,
      };
    }
    return {
      pyName: p.pyName,
      name,
      ffiLabel: p.ffiName,
      type: p.crossing === 'native' ? swiftNativeType(p.type) : 'String',
      defaultSwift: p.hasDefault ? defaultExpression(p.default, p.type, p.crossing) : null,
      ffiArg: name,
    };
  });
  const typeOf = (crossing: string, t: IngotType): string =>
    crossing === 'none'
      ? 'Void'
      : crossing === 'matrix'
        ? 'Float32Matrix'
        : crossing === 'image'
          ? 'IngotImage'
          : typed(crossing, t)
            ? swiftType(t)
            : crossing === 'json'
              ? 'String'
              : swiftNativeType(t);
  const item = f.stream?.item;
  const retType = item
    ? `AsyncThrowingStream<${typeOf(item.crossing, item.type)}, Error>`
    : typeOf(f.ret.crossing, f.ret.type);
  return {
    pyName: f.pyName,
    name: names.swiftName(f.pyName),
    ffiName: f.ffiNameCamel,
    signature: f.signature,
    params,
    ret: { crossing: f.ret.crossing, type: retType },
    json:
      (f.ret.crossing === 'json' && !typed('json', f.ret.type)) ||
      (item?.crossing === 'json' && !typed('json', item.type)) ||
      params.some((p, j) => f.params[j]!.crossing === 'json' && p.type === 'String'),
    retDecode: !item && typed(f.ret.crossing, f.ret.type) ? swiftType(f.ret.type) : null,
    stream: item
      ? {
          convert:
            item.crossing === 'matrix'
              ? 'Float32Matrix(shape: $0.shape, littleEndian: $0.data)'
              : typed(item.crossing, item.type)
                ? `try ingotDecode(${swiftType(item.type)}.self, $0)`
                : null,
        }
      : null,
  };
}

/**
 * The Swift expression giving parameter `j` of `f` from `a` (`[String: Any]` of JSON objects, by Python parameter name):
 * value JSON text for a parameter that crosses as text, the Swift-typed value (decoded through Codable) otherwise; the
 * parameter's default when `a` has no entry for it.
 */
function argFromMap(f: SwiftFunction, u: uniffi.UniffiFunction, j: number): string {
  const p = f.params[j]!;
  const key = names.swiftString(p.pyName);
  if (p.type === 'String' && u.params[j]!.crossing === 'json')
    return p.defaultSwift !== null
      ? `try a[${key}].map { try ingotJSONText($0) } ?? ${p.defaultSwift}`
      : `try ingotJSONText(a[${key}] ?? NSNull())`;
  const type = p.type.replace(/\?$/, '');
  return p.defaultSwift !== null
    ? `try ingotChatArg(a, ${key}, ${type}.self) ?? ${p.defaultSwift}`
    : `try ingotChatRequired(a, ${key}, ${type}.self)`;
}

const callOf = (f: SwiftFunction, u: uniffi.UniffiFunction) =>
  `${f.name}(${f.params.map((p, j) => `${p.name}: ${argFromMap(f, u, j)}`).join(', ')})`;

/** A value the function gave (`e`) as a JSON object: parsed value JSON text, or a typed value through Codable. */
const asJsonObject = (crossing: string, type: string, e: string) =>
  type === 'String' && crossing === 'json' ? `try ingotJSONObject(${e})` : `try ingotJSONObject(encoding: ${e})`;

/** How the chat client calls the chat function: a closure from its arguments to a stream of JSON objects. */
function chatCall(f: SwiftFunction, u: uniffi.UniffiFunction): string {
  if (u.stream) {
    const itemType = /^AsyncThrowingStream<(.*), Error>$/.exec(f.ret.type)![1]!;
    return `{ a in ingotChatItems(try ${callOf(f, u)}, { ${asJsonObject(u.stream.item.crossing, itemType, '$0')} }) }`;
  }
  return `{ a in ingotChatOne { ${asJsonObject(u.ret.crossing, f.ret.type, `try ${callOf(f, u)}`)} } }`;
}

/** The token counter as the chat client calls it: `(messages, completion) -> [prompt_tokens, completion_tokens]`. */
function chatCounter(f: SwiftFunction, u: uniffi.UniffiFunction): string {
  const [messages, completion] = f.params.map((p) => names.swiftString(p.pyName));
  const counted = asJsonObject(u.ret.crossing, f.ret.type, `try ${callOf(f, u)}`);
  return `{ m, c in let a: [String: Any] = [${messages}: m, ${completion}: c]; return try ingotChatArg(["counts": ${counted}], "counts", [Int64].self) ?? [] }`;
}

function lowerChat(
  manifest: Manifest,
  crate: uniffi.UniffiCrate,
  functions: SwiftFunction[],
  project: string,
): SwiftBinding['chat'] {
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

/** A closure `(q, d) -> ...` calling `f` with the query and documents at the parameters `entry` names. */
function rerankClosure(f: SwiftFunction, entry: ManifestRerank, convert: (call: string) => string): string {
  const args = f.params.flatMap((p) =>
    p.pyName === entry.query ? [`${p.name}: q`] : p.pyName === entry.documents ? [`${p.name}: d`] : [],
  );
  return `{ q, d in ${convert(`try ${f.name}(${args.join(', ')})`)} }`;
}

function lowerRerank(manifest: Manifest, functions: SwiftFunction[], project: string): SwiftBinding['rerank'] {
  const fn = functionWithRole(manifest, 'rerank');
  // CrossEncoder.rank's list (`ranked`) is not read by this client yet: the function stays in the typed API only.
  if (!fn?.rerank || fn.rerank.ranked) return null;
  const f = functions[manifest.functions.indexOf(fn)]!;
  // A float32 ndarray crosses as a Float32Matrix, a list[float] as [Double].
  const convert =
    f.ret.crossing === 'matrix'
      ? (call: string) => `(${call}).data.map { Double($0) }`
      : f.ret.type === '[Double]'
        ? (call: string) => call
        : null;
  if (!convert) throw new Error(`the Swift rerank client cannot read scores of type ${f.ret.type}`);
  const counter = functionWithRole(manifest, 'rerank_token_counter');
  const c = counter ? functions[manifest.functions.indexOf(counter)]! : null;
  return {
    modelName: clientModelName(project),
    score: rerankClosure(f, fn.rerank, convert),
    countTokens:
      c && counter
        ? rerankClosure(c, { query: counter.params[0]!.name, documents: counter.params[1]!.name }, (call) => call)
        : null,
  };
}

export function lowerSwiftBinding(
  manifest: Manifest,
  crate: uniffi.UniffiCrate,
  opts: { projectName?: string },
): SwiftBinding {
  const project = opts.projectName ?? manifest.name;
  const records = lowerSwiftRecords(manifest);
  const functions = crate.functions.map((f) => lowerFunction(f, manifest, records));
  // The wrapper shares its module with uniffi's Swift file, whose public names start with these.
  const reserved =
    /^(Ingot|FfiConverter|Uniffi|uniffi|RustBuffer|ForeignBytes|RustCallStatus|Float32Matrix$|Client$|Chat$|ChatCompletion|ChatMessage$|CompletionUsage$|Rerank(Document|Result|Usage|Response)?$)/;
  const declared = new Set<string>();
  for (const c of [...records.structs, ...records.enums]) {
    if (reserved.test(c.name) || declared.has(c.name))
      throw new Error(`the Swift target cannot declare '${c.name}': the name is taken in the package's module`);
    declared.add(c.name);
  }
  const seen = new Map<string, string>();
  for (const f of functions) {
    const key = `${f.name}(${f.params.map((p) => p.name + ':').join('')})`;
    if (seen.has(key))
      throw new Error(`the Swift target would export '${key}' for both ${seen.get(key)}() and ${f.pyName}()`);
    seen.set(key, f.pyName);
  }
  const embed = crate.embed ? functions[crate.embed.index]! : null;
  const helper = (u: { index: number } | null): { name: string; label: string } | null => {
    const f = u ? functions[u.index]! : null;
    return f ? { name: f.name, label: f.params[0]!.name } : null;
  };
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
    usesImage: crate.usesImage,
    client: embed
      ? {
          modelName: clientModelName(project),
          embedName: embed.name,
          embedLabel: embed.params[0]!.name,
          countTokens: helper(crate.tokenCounter),
          decodeTokens: helper(crate.tokenDecoder),
          tokenIds: helper(crate.tokenIds),
          embedTruncating: crate.embedTruncating
            ? {
                name: functions[crate.embedTruncating.index]!.name,
                labels: [
                  functions[crate.embedTruncating.index]!.params[0]!.name,
                  functions[crate.embedTruncating.index]!.params[1]!.name,
                ],
              }
            : null,
          prompts: manifest.functions.find((f) => f.role === 'embedding')?.embedding?.prompts ?? {},
        }
      : null,
    chat: lowerChat(manifest, crate, functions, project),
    rerank: lowerRerank(manifest, functions, project),
    hasResources: crate.hasResources,
    records,
    usesRecords: records.structs.length > 0 || records.enums.length > 0,
  };
}
