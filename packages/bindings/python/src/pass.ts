// The Python target pass: the manifest and the shared uniffi crate in, a `PythonBinding` out.
// It decides the package names, annotations, default expressions and how each value is converted around the uniffi call,
// so the emitters after it only read fields. It runs after the capability check.

import type { IngotType, Manifest, ManifestEnum, ManifestStruct, uniffi } from '@ingot/bindings-common';
import { clientModelName, functionWithRole, reachesRecords } from '@ingot/bindings-common';
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
  /**
   * For a value-JSON parameter whose type reaches a struct or an enum: the module-level constant holding its manifest type,
   * which the encoder checks the value against (fields, defaults, members), naming the parameter on bad input.
   */
  typeConst: { name: string; typeLiteral: string } | null;
  /**
   * For a parameter that crosses uniffi natively: the module-level constant holding its manifest type, which the wrapper
   * checks the argument against before the call (TypeError naming the parameter; uniffi's own check names none, and takes
   * a str where a list of str is declared).
   */
  checkConst: { name: string; typeLiteral: string } | null;
}

export interface PythonFunction {
  pyName: string;
  /** The uniffi function in the generated module. */
  ffiName: string;
  signature: string;
  params: PythonParam[];
  ret: { crossing: 'native' | 'json' | 'matrix' | 'none' | 'stream'; annotation: string };
  /** Name of the module-level constant holding the manifest return type, for `json` returns (and `json` stream items). */
  retTypeConst: string;
  retTypeLiteral: string;
  /** A generator function: its call returns a `Stream` over the uniffi stream object, each item converted by `convert`. */
  stream: { itemCrossing: 'native' | 'json' | 'matrix' } | null;
}

export interface PythonClient {
  modelName: string;
  /** The uniffi function behind the embedding function, and the Python expressions for its defaulted trailing arguments. */
  ffiName: string;
  trailingArgs: string[];
  /** The wrapper functions (Python names) of the module's token counter and decoder, when it has a tokenizer. */
  countTokensName: string | null;
  decodeTokensName: string | null;
  /** The wrapper (Python name) of the module's untruncated token ids (`token_ids` role), when it has a tokenizer. */
  tokenIdsName: string | null;
  /** The uniffi function behind the embedding function with a per-call truncation side (`embedding_truncating`). */
  truncatingFfiName: string | null;
  /** The prompts `input_type` may name (the manifest's `embedding.prompts`). */
  prompts: Record<string, string>;
}

/** The module's chat function (the manifest's `chat` role), which the client's `chat.completions` calls by keyword. */
export interface PythonChatClient {
  modelName: string;
  /** The wrapper function (Python name) of the chat function and of the `chat_token_counter`, if any. */
  functionName: string;
  countTokensName: string | null;
  /** The manifest's chat entry and the function's parameter defaults (value JSON), as JSON text. */
  chatJson: string;
  defaultsJson: string;
}

/** The module's rerank function (the manifest's `rerank` role), which the client's `rerank.create` calls by keyword. */
export interface PythonRerankClient {
  modelName: string;
  /** The wrapper function (Python name) of the rerank function and of the `rerank_token_counter`, if any. */
  functionName: string;
  countTokensName: string | null;
  /** The manifest's rerank entry (which parameter takes the query, which the documents), as JSON text. */
  rerankJson: string;
}

export interface PythonBinding {
  moduleName: string;
  importName: string;
  distName: string;
  version: string;
  /**
   * The uniffi-generated module: maturin writes uniffi-bindgen's `<ffiModule>.py` and the native library into the
   * subpackage `<importName>/<ffiModule>/` of the wheel.
   */
  ffiModule: string;
  libraryFile: string;
  /** The distribution name as wheel file names spell it (maturin picks the platform tag at build time). */
  wheelDistName: string;
  functions: PythonFunction[];
  usesJson: boolean;
  usesMatrix: boolean;
  /** Some function is a generator: the package carries `_ingot_streams.py` and exports `Stream`. */
  usesStreams: boolean;
  hasResources: boolean;
  client: PythonClient | null;
  chatClient: PythonChatClient | null;
  rerankClient: PythonRerankClient | null;
  /** The dataclasses and pydantic models the functions reach: a generated `@dataclass` each. */
  structs: PythonStruct[];
  /** The Enums the functions reach: a generated `enum.Enum` (str values) or `enum.IntEnum` (int values) each. */
  enums: PythonEnum[];
  /** `{"structs": {Name: {origin, fields}}, "enums": {Name: [values]}}` as JSON text, registered with the value layer at import. */
  typesJson: string;
}

export interface PythonStructField {
  name: string;
  annotation: string;
  /** `= ...` right-hand side: a literal, or a `_ingot_field(default_factory=...)` for values that are not plain. */
  defaultPy: string | null;
}

export interface PythonStruct {
  name: string;
  origin: 'dataclass' | 'pydantic';
  /** In dataclass order: a pydantic model's fields with defaults move after the required ones (it is built by keyword). */
  fields: PythonStructField[];
  /** A pydantic model checks its Literal fields on construction (`__post_init__`), raising ValueError. */
  validates: boolean;
}

export interface PythonEnum {
  name: string;
  /** `str, _ingot_enum.Enum` or `_ingot_enum.IntEnum`. */
  bases: string;
  members: { name: string; valuePy: string }[];
}

export function pyAnnotation(t: IngotType): string {
  switch (t.kind) {
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'bool':
      return 'bool';
    case 'str':
      return 'str';
    case 'none':
      return 'None';
    case 'list':
      return `list[${pyAnnotation(t.item)}]`;
    case 'stream':
      return `Stream[${pyAnnotation(t.item)}]`;
    case 'set':
      return `set[${pyAnnotation(t.item)}]`;
    case 'tuple':
      return `tuple[${t.items.map(pyAnnotation).join(', ')}]`;
    case 'dict':
      return `dict[${pyAnnotation(t.key)}, ${pyAnnotation(t.value)}]`;
    case 'optional':
      return `Optional[${pyAnnotation(t.item)}]`;
    case 'union':
      return `Union[${t.variants.map(pyAnnotation).join(', ')}]`;
    case 'ndarray':
    case 'any':
      return 'Any';
    // A PIL image, or the package's RawImage when Pillow is not installed.
    case 'image':
      return 'Any';
    case 'struct':
    case 'enum':
      return t.name;
  }
}

/** A field's default: a plain literal, or a factory decoding its value JSON (lists, dicts, enum members, specials). */
function fieldDefault(f: ManifestStruct['fields'][number]): string | null {
  if (!f.has_default) return null;
  const plain = f.type.kind === 'enum' ? null : plainLiteral(f.default, f.type);
  if (plain !== null) return plain;
  return `_ingot_field(default_factory=lambda: _ingot_decode_default(${names.pyString(JSON.stringify(f.default))}, ${names.pyString(JSON.stringify(f.type))}))`;
}

function lowerStruct(st: ManifestStruct): PythonStruct {
  const fields = st.fields.map((f) => {
    const literal =
      f.allowed && f.allowed.length
        ? `Literal[${f.allowed.map((v) => plainLiteral(v, f.type) ?? 'None').join(', ')}]`
        : null;
    const annotation = literal ? (f.type.kind === 'optional' ? `Optional[${literal}]` : literal) : pyAnnotation(f.type);
    return { name: f.name, annotation, defaultPy: fieldDefault(f), hasDefault: f.has_default };
  });
  const ordered =
    st.origin === 'pydantic' ? [...fields.filter((f) => !f.hasDefault), ...fields.filter((f) => f.hasDefault)] : fields;
  return {
    name: st.name,
    origin: st.origin,
    fields: ordered.map(({ name, annotation, defaultPy }) => ({ name, annotation, defaultPy })),
    validates: st.origin === 'pydantic' && st.fields.some((f) => f.allowed && f.allowed.length),
  };
}

function lowerEnum(en: ManifestEnum): PythonEnum {
  const isInt = en.value_type.kind === 'int';
  return {
    name: en.name,
    bases: isInt ? '_ingot_enum.IntEnum' : 'str, _ingot_enum.Enum',
    members: en.members.map((m) => ({
      name: m.name,
      valuePy: typeof m.value === 'string' ? names.pyString(m.value) : String(m.value),
    })),
  };
}

function typesJson(m: Manifest): string {
  const structs = Object.fromEntries(
    (m.structs ?? []).map((st) => [st.name, { origin: st.origin, fields: st.fields }]),
  );
  const enums = Object.fromEntries((m.enums ?? []).map((en) => [en.name, en.members.map((x) => x.value)]));
  return JSON.stringify({ structs, enums });
}

function exampleValue(t: IngotType): string {
  switch (t.kind) {
    case 'int':
      return '1';
    case 'float':
      return '1.5';
    case 'bool':
      return 'True';
    case 'str':
      return '"Which planet is red?"';
    case 'none':
    case 'optional':
      return 'None';
    case 'list':
    case 'set':
    case 'stream':
      return `[${exampleValue(t.item)}]`;
    case 'tuple':
      return `(${t.items.map(exampleValue).join(', ')}${t.items.length === 1 ? ',' : ''})`;
    case 'dict':
      return `{${t.key.kind === 'str' ? '"key"' : '1'}: ${exampleValue(t.value)}}`;
    case 'union':
      return exampleValue(t.variants[0]!);
    case 'ndarray':
    case 'any':
      return '[1.0, 2.0]';
    case 'image':
      return 'PIL.Image.new("RGB", (2, 2))';
    case 'struct':
      return `${t.name}(...)`;
    case 'enum':
      return `${t.name}(...)`;
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
  const typeConst =
    p.crossing === 'json' && reachesRecords(p.type)
      ? { name: `${names.PRIVATE_PREFIX}_param_${f.index}_${p.pyName}`, typeLiteral: JSON.stringify(p.type) }
      : null;
  const checkConst =
    p.crossing === 'native'
      ? { name: `${names.PRIVATE_PREFIX}_check_${f.index}_${p.pyName}`, typeLiteral: JSON.stringify(p.type) }
      : null;
  return {
    pyName: p.pyName,
    annotation: pyAnnotation(p.type),
    crossing: pythonCrossing(p.crossing, p.pyName),
    defaultPy,
    defaultConst,
    example: exampleValue(p.type),
    typeConst,
    checkConst,
  };
}

/** The Python table keeps images as value JSON (capabilities.ts), so the uniffi pass never gives this target a record. */
function pythonCrossing<C extends string>(c: C | 'image', where: string): C {
  if (c === 'image') throw new Error(`the Python target cannot take the IngotImage record (${where})`);
  return c;
}

function lowerFunction(f: uniffi.UniffiFunction): PythonFunction {
  const item = f.stream?.item;
  return {
    pyName: f.pyName,
    ffiName: f.ffiName,
    signature: f.signature,
    params: f.params.map((p) => lowerParam(f, p)),
    ret: {
      crossing: pythonCrossing(f.ret.crossing, f.pyName),
      annotation: f.ret.crossing === 'none' ? 'None' : pyAnnotation(f.ret.type),
    },
    retTypeConst: `${names.PRIVATE_PREFIX}_return_${f.index}`,
    // A stream's items are decoded one at a time, with the item's type.
    retTypeLiteral: JSON.stringify(item ? item.type : f.ret.type),
    stream: item ? { itemCrossing: item.crossing as 'native' | 'json' | 'matrix' } : null,
  };
}

export function lowerPythonBinding(
  manifest: Manifest,
  crate: uniffi.UniffiCrate,
  opts: { projectName?: string },
): PythonBinding {
  const project = opts.projectName ?? manifest.name;
  const dist = names.distName(project);
  const functions = crate.functions.map(lowerFunction);
  const importName = names.importName(project);
  const structs = (manifest.structs ?? []).map(lowerStruct);
  const enums = (manifest.enums ?? []).map(lowerEnum);
  const taken = new Map<string, string>([
    ['IngotError', 'its IngotError'],
    ['Stream', 'its Stream'],
    ['Client', 'its Client'],
    ['Transport', 'its Transport'],
    ['AsyncClient', 'its AsyncClient'],
  ]);
  for (const f of functions) taken.set(f.pyName, `${f.pyName}()`);
  for (const c of [...structs, ...enums]) {
    if (taken.has(c.name))
      throw new Error(`the Python target would export '${c.name}' for both ${taken.get(c.name)} and class ${c.name}`);
    taken.set(c.name, `class ${c.name}`);
  }
  let client: PythonClient | null = null;
  if (crate.embed) {
    const fn = functions[crate.embed.index]!;
    client = {
      modelName: clientModelName(project),
      ffiName: crate.embed.ffiName,
      trailingArgs: fn.params
        .slice(1)
        .map((p, i) =>
          crate.embed!.params[i + 1]!.crossing === 'json'
            ? `${names.PRIVATE_PREFIX}_values.encode(${p.defaultPy})`
            : p.defaultPy!,
        ),
      countTokensName: crate.tokenCounter ? functions[crate.tokenCounter.index]!.pyName : null,
      decodeTokensName: crate.tokenDecoder ? functions[crate.tokenDecoder.index]!.pyName : null,
      tokenIdsName: crate.tokenIds ? functions[crate.tokenIds.index]!.pyName : null,
      truncatingFfiName: crate.embedTruncating ? crate.embedTruncating.ffiName : null,
      prompts: functionWithRole(manifest, 'embedding')?.embedding?.prompts ?? {},
    };
  }
  const chatFn = functionWithRole(manifest, 'chat');
  const chatCounter = functionWithRole(manifest, 'chat_token_counter');
  const chatClient: PythonChatClient | null = chatFn
    ? {
        modelName: clientModelName(project),
        functionName: functions[manifest.functions.indexOf(chatFn)]!.pyName,
        countTokensName: chatCounter ? functions[manifest.functions.indexOf(chatCounter)]!.pyName : null,
        chatJson: JSON.stringify(chatFn.chat),
        defaultsJson: JSON.stringify(
          Object.fromEntries(chatFn.params.filter((p) => p.has_default).map((p) => [p.name, p.default])),
        ),
      }
    : null;
  const rerankFn = functionWithRole(manifest, 'rerank');
  const rerankCounter = functionWithRole(manifest, 'rerank_token_counter');
  const rerankClient: PythonRerankClient | null = rerankFn
    ? {
        modelName: clientModelName(project),
        functionName: functions[manifest.functions.indexOf(rerankFn)]!.pyName,
        countTokensName: rerankCounter ? functions[manifest.functions.indexOf(rerankCounter)]!.pyName : null,
        rerankJson: JSON.stringify(rerankFn.rerank),
      }
    : null;
  return {
    moduleName: manifest.name,
    importName,
    distName: dist,
    version: crate.version,
    ffiModule: crate.lib,
    libraryFile: crate.libraryFile,
    wheelDistName: names.wheelDistName(dist),
    functions,
    usesJson: crate.usesJson,
    usesMatrix: crate.usesMatrix,
    usesStreams: crate.usesStreams,
    hasResources: crate.hasResources,
    client,
    chatClient,
    rerankClient,
    structs,
    enums,
    typesJson: typesJson(manifest),
  };
}
