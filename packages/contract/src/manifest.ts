// The manifest that `ingot compile` writes next to the crate and embeds in the library (`ingot_manifest()`), typed once.
// The compiler's emit builds values of these types; every binding generator and the server reads them through
// `parseManifest`, which shape-checks what a generator relies on before any target pass runs.
// Each function says its role and its Rust path, so no reader finds a function by its name or respells a Rust name.
// Deciding what a type becomes in a language is each target pass's job, never this module's.

import { readFile } from 'node:fs/promises';

/**
 * The ABI and manifest version this contract describes (`ingot_<module>_abi_version()`). Version 2 prefixed every
 * exported C symbol with the module's `symbol_prefix`; version 1 exported the same unprefixed `ingot_*` names from
 * every library.
 */
export const ABI_VERSION = 2;

/**
 * The versions a reader accepts. Generators and the server call the compiled crate's Rust functions (an rlib),
 * which version 2 left as they were: it only renamed the C symbols, which none of them uses.
 */
export const SUPPORTED_ABI_VERSIONS: readonly number[] = [1, 2];

export type IngotType =
  | { kind: 'int' }
  | { kind: 'float' }
  | { kind: 'bool' }
  | { kind: 'str' }
  | { kind: 'none' }
  | { kind: 'list'; item: IngotType }
  | { kind: 'tuple'; items: IngotType[] }
  | { kind: 'dict'; key: IngotType; value: IngotType }
  | { kind: 'set'; item: IngotType }
  | { kind: 'optional'; item: IngotType }
  | { kind: 'union'; variants: IngotType[] }
  /** `dtype` and `ndim` are null when they are known only at run time. */
  | { kind: 'ndarray'; dtype: string | null; ndim?: number | null }
  /** A generator function's result; only ever a function's `returns`. */
  | { kind: 'stream'; item: IngotType }
  /** A `@dataclass` or pydantic model; its fields are in the manifest's `structs`. Value JSON: an object of its fields. */
  | { kind: 'struct'; name: string }
  /** An Enum / IntEnum / str-Enum; its members are in the manifest's `enums`. Value JSON: the member's value. */
  | { kind: 'enum'; name: string }
  /** A value whose type is known only at run time (`a.tolist()` of an array of dynamic rank). Value JSON: as the value. */
  | { kind: 'any' }
  /** A PIL image (mode L, RGB or RGBA). Value JSON: `{"image": {"width", "height", "mode", "data": base64 raw bytes}}`. */
  | { kind: 'image' };

export type TypeKind = IngotType['kind'];

/** Every kind, in the order of the mapping table in docs/contracts.md; structure checks iterate it. */
export const TYPE_KINDS: readonly TypeKind[] = [
  'int',
  'float',
  'bool',
  'str',
  'none',
  'list',
  'tuple',
  'dict',
  'set',
  'optional',
  'union',
  'ndarray',
  'stream',
  'struct',
  'enum',
  'any',
  'image',
];

/**
 * What a function is for. Every function in the manifest is callable through the typed API; a role other than `entry`
 * also tells the OpenAI-style clients and the server which function serves a surface:
 * - `entry`: a user function with no surface of its own;
 * - `embedding`: the function `embeddings.create` wraps (`list[str]` first, other parameters defaulted, a
 *   `[len(texts), dim]` float32 matrix back);
 * - `token_counter`: `list[str] -> list[int]`, tokens per text after truncation (the surfaces' `usage`);
 * - `token_ids`: `list[str] -> list[list[int]]`, each text's token ids with special tokens and without truncation
 *   (`/tokenize`, `count_tokens`, and the 400 for an over-long input when a request turns truncation off);
 * - `token_decoder`: `list[list[int]] -> list[str]`, token ids back to text (token-id `input`);
 * - `embedding_truncating`: `(texts: list[str], side: str) -> ` the embedding function's result, generated beside an
 *   embedding function in a module with a tokenizer: the embedding function with the tokenizer cutting over-long texts
 *   on `side` ("left" or "right", any case) for that call only (the embeddings surface's `truncation_direction`);
 * - `chat`: the function `chat.completions.create` wraps; how a request reaches its parameters is its `chat` entry
 *   (`ManifestChat`);
 * - `chat_token_counter`: `(messages: list[dict[str, str]], completion: str) -> list[int]`, generated for a module
 *   with a chat function: `[prompt_tokens, completion_tokens]`, the prompt rendered by the model's own template with
 *   the generation prompt (the surfaces' `usage` and the context-length check);
 * - `rerank`: the function `rerank.create` wraps: a query and documents in, one relevance score per document back (in
 *   document order); which parameters take them is its `rerank` entry (`ManifestRerank`);
 * - `rerank_token_counter`: `(query: str, documents: list[str]) -> list[int]`, generated for a module with a
 *   sequence classifier: tokens of each (query, document) pair as the classifier reads it (the rerank surface's
 *   `usage`).
 * Every role but `entry` is held by at most one function of a module.
 */
export const FUNCTION_ROLES = [
  'entry',
  'embedding',
  'token_counter',
  'token_ids',
  'token_decoder',
  'embedding_truncating',
  'chat',
  'chat_token_counter',
  'rerank',
  'rerank_token_counter',
] as const;
export type FunctionRole = (typeof FUNCTION_ROLES)[number];

/** Where a compiled function is in the generated crate: paths from the crate root, as the compiler spelled them. */
export interface RustPaths {
  /** The function itself (`crate_` for a Python function named `crate`, `r#type` for `type`). */
  function: string;
  /** For a generator function, the function that opens it as a lazy `rt::Stream`; null otherwise. */
  stream: string | null;
}

export interface ManifestParam {
  name: string;
  type: IngotType;
  /** The default's value JSON; meaningful only when `has_default` is true. */
  default: unknown;
  has_default: boolean;
}

/**
 * The chat-completions request fields a chat function can take as parameters. `max_tokens` also stands for the newer
 * `max_completion_tokens`; `top_k` and `repeat_penalty` are llama.cpp's extensions, which its server accepts too.
 */
export const CHAT_REQUEST_FIELDS = [
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'seed',
  'stop',
  'repeat_penalty',
  'frequency_penalty',
  'presence_penalty',
] as const;
export type ChatRequestField = (typeof CHAT_REQUEST_FIELDS)[number];

/**
 * What a chat function returns, as the surface consumes it:
 * - `chunks`: a generator of `ChatCompletionChunk`-shaped values (value JSON objects; the surface reads
 *   `choices[0].delta.content` and `choices[0].finish_reason` of each);
 * - `completion`: one `ChatCompletion`-shaped value (`choices[0].message.content`, `choices[0].finish_reason`);
 * - `text_stream`: a generator of `str` pieces (finish reason `stop`);
 * - `text`: one `str` (finish reason `stop`).
 */
export const CHAT_OUTPUTS = ['chunks', 'completion', 'text_stream', 'text'] as const;
export type ChatOutput = (typeof CHAT_OUTPUTS)[number];

/**
 * For the function with role `chat`: how the chat-completions surface calls it. The compiler decides it from the
 * function's data flow, never from names: `messages` is the parameter that reaches the model's messages, and each
 * entry of `params` is a parameter passed unchanged as a generation setting (`max_tokens=max_output_tokens` maps the
 * request's `max_tokens` to `max_output_tokens`). A request that sets a field the function does not take is a 400
 * `unsupported_parameter` naming it (as the OpenAI API answers for a parameter a model does not take): the compiled
 * function fixes that setting, and no surface overrides what the Python says.
 */
export interface ManifestChat {
  /** The parameter that takes the conversation: a list of `{role, content}` values (value JSON objects). */
  messages: string;
  /** Request field → the parameter it is passed to. */
  params: Partial<Record<ChatRequestField, string>>;
  output: ChatOutput;
  /** The chat-model resource the function generates with (`resources[].name`). */
  resource: string;
  /** The model's context length in tokens (prompt plus completion), when the model says. */
  context_length: number | null;
}

/**
 * For the function with role `embedding`: the prompts a request's `input_type` may name (`{"query": "query: ",
 * "document": "passage: "}`), the model's own (`config_sentence_transformers.json` `prompts`). A surface applies one
 * as sentence-transformers' `encode(prompt_name=...)` does, by putting its text before each input. The compiler
 * lists them only when that is what the function would do with them: it passes its texts parameter unchanged to one
 * `SentenceTransformer.encode` that sets no prompt itself, the model names no default prompt, and its Pooling counts
 * prompt tokens (`include_prompt`); otherwise the table is empty, and any `input_type` is a 400.
 */
export interface ManifestEmbedding {
  prompts: Record<string, string>;
}

/**
 * For the function with role `rerank`: which parameter takes the query (a `str`) and which the documents (a
 * `list[str]`). The compiler gives the role to the first entry whose only parameters without a default are one `str`
 * and one `list[str]` and which returns a score per document (a float32 ndarray of rank 1 or a `list[float]`), or
 * sentence-transformers' `CrossEncoder.rank` list (`ranked`); the rerank surface sorts, cuts to `top_n` and counts
 * usage itself, so the Python says only how documents are scored.
 */
export interface ManifestRerank {
  query: string;
  documents: string;
  /**
   * True when the function returns `CrossEncoder.rank`'s list (`{"corpus_id", "score"[, "text"]}` dicts, best
   * first) instead of a score per document: each reader takes each document's score from its `corpus_id`
   * (`rerankScores` in the OpenAI runtime). Absent means scores.
   */
  ranked?: boolean;
}

export interface ManifestFunction {
  name: string;
  signature: string;
  params: ManifestParam[];
  returns: IngotType;
  stream: boolean;
  c_symbol: string | null;
  role: FunctionRole;
  rust: RustPaths;
  /** Present exactly on the function with role `chat`. */
  chat?: ManifestChat;
  /** Only on the function with role `embedding`; absent (manifests written before it) means no prompts. */
  embedding?: ManifestEmbedding;
  /** Present exactly on the function with role `rerank`. */
  rerank?: ManifestRerank;
}

/** A field of a struct; `allowed` lists a `Literal[...]` field's values (value JSON), which a pydantic model checks. */
export interface ManifestStructField {
  name: string;
  type: IngotType;
  /** The default's value JSON; meaningful only when `has_default` is true. */
  default: unknown;
  has_default: boolean;
  allowed: unknown[] | null;
}

/** A `@dataclass` or pydantic model that a function's parameters or result reach. */
export interface ManifestStruct {
  name: string;
  /** A pydantic model validates its Literal fields on construction; a dataclass does not. */
  origin: 'dataclass' | 'pydantic';
  fields: ManifestStructField[];
}

/** An Enum / IntEnum / str-Enum that a function's parameters or result reach. */
export interface ManifestEnum {
  name: string;
  /** The members' value type: `{"kind":"str"}` or `{"kind":"int"}`. */
  value_type: IngotType;
  members: { name: string; value: string | number }[];
}

export interface ManifestResourceFile {
  /** Relative to the resources folder: `<resource>/<file in the model folder>`. */
  path: string;
  sha256: string;
  size: number;
}

export interface ManifestResource {
  name: string;
  /** `Tokenizer`, `AutoModel`, `SentenceTransformer`, `Tensor`, or a chat model: `Llama` (a GGUF file), `CausalLM` (a transformers folder). */
  kind: string;
  id: string;
  architecture: string | null;
  truncate_dim: number | null;
  /**
   * How the model's linear layers run: `int8` when compiled with `ingot compile --quantize int8` (int8 weights per
   * output channel, quantized when the library loads the model's own f32 files), `null` for f32. Absent in manifests
   * written before the option existed, which means f32.
   */
  quantization?: 'int8' | null;
  files: ManifestResourceFile[];
}

export interface Manifest {
  abi_version: number;
  name: string;
  /** The generated crate's cargo package and library names, for bindings that depend on it. */
  crate: { package: string; lib: string };
  /**
   * What every exported C symbol of the library starts with (`ingot_fma_`): the library name and an underscore,
   * so that several compiled modules link into one program (docs/contracts.md, "The C ABI"). Absent before version 2.
   */
  symbol_prefix?: string;
  source: { file: string; sha256: string };
  functions: ManifestFunction[];
  /** The dataclasses and pydantic models the functions' types reach (through fields too), in source order. */
  structs: ManifestStruct[];
  /** The Enum classes the functions' types reach, in source order. */
  enums: ManifestEnum[];
  resources: ManifestResource[];
}

/** The one function of a module that holds `role`, or null; `entry` is held by many and has no such lookup. */
export function functionWithRole(manifest: Manifest, role: Exclude<FunctionRole, 'entry'>): ManifestFunction | null {
  return manifest.functions.find((f) => f.role === role) ?? null;
}

/** The struct a `{"kind":"struct"}` type names; a manifest that uses a struct it does not describe is an error. */
export function structOf(manifest: Manifest, name: string): ManifestStruct {
  const st = manifest.structs.find((s) => s.name === name);
  if (!st)
    throw new Error(
      `manifest ${manifest.name}: struct '${name}' is used but not described in "structs" (recompile with a current ingot)`,
    );
  return st;
}

export function enumOf(manifest: Manifest, name: string): ManifestEnum {
  const en = manifest.enums.find((e) => e.name === name);
  if (!en)
    throw new Error(
      `manifest ${manifest.name}: enum '${name}' is used but not described in "enums" (recompile with a current ingot)`,
    );
  return en;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Shape-checks parsed manifest JSON and returns it as a `Manifest`; `where` names it in messages (a path).
 * It checks what every reader relies on: the version, each function's name, params, returns, role and Rust paths, and
 * that each role other than `entry` is held at most once. Type trees are checked by each target's capability table.
 * Manifests written before `crate`, `structs` and `enums` existed lack those keys; they read as the module name for
 * both crate names and as empty lists.
 */
export function parseManifest(raw: unknown, where: string): Manifest {
  const recompile = '(recompile with a current ingot)';
  if (!isObject(raw) || typeof raw.name !== 'string' || !Array.isArray(raw.functions))
    throw new Error(`${where} is not an ingot manifest (expected "name" and "functions")`);
  if (!SUPPORTED_ABI_VERSIONS.includes(raw.abi_version as number))
    throw new Error(
      `${where}: abi_version ${String(raw.abi_version)} is not supported (this reader reads ${SUPPORTED_ABI_VERSIONS.join(' and ')})`,
    );
  const held = new Map<string, string>();
  for (const [i, f] of (raw.functions as unknown[]).entries()) {
    if (!isObject(f) || typeof f.name !== 'string' || !Array.isArray(f.params) || !isObject(f.returns))
      throw new Error(`${where}: functions[${i}] is not a function (expected "name", "params" and "returns")`);
    const at = `${where}: function '${f.name}'`;
    if (!FUNCTION_ROLES.includes(f.role as FunctionRole))
      throw new Error(
        f.role === undefined
          ? `${at} has no "role" ${recompile}`
          : `${at}: unknown role ${JSON.stringify(f.role)} (known: ${FUNCTION_ROLES.join(', ')})`,
      );
    const rust = f.rust;
    if (
      !isObject(rust) ||
      typeof rust.function !== 'string' ||
      !(rust.stream === null || typeof rust.stream === 'string')
    )
      throw new Error(`${at} has no "rust" paths ${recompile}`);
    if ((rust.stream !== null) !== (f.returns.kind === 'stream'))
      throw new Error(`${at}: "rust.stream" must be given exactly when the function is a generator`);
    if (f.embedding !== undefined) {
      const e = f.embedding as unknown;
      if (
        f.role !== 'embedding' ||
        !isObject(e) ||
        !isObject(e.prompts) ||
        !Object.values(e.prompts).every((p) => typeof p === 'string')
      )
        throw new Error(`${at}: "embedding" is only on the embedding function, with "prompts" mapping names to text`);
    }
    if ((f.role === 'chat') !== isObject(f.chat))
      throw new Error(`${at}: "chat" must be given exactly when the role is 'chat' ${recompile}`);
    if (f.role === 'chat') {
      const chat = f.chat as Record<string, unknown>;
      if (
        typeof chat.messages !== 'string' ||
        !isObject(chat.params) ||
        !CHAT_OUTPUTS.includes(chat.output as ChatOutput)
      )
        throw new Error(`${at}: "chat" needs "messages", "params" and an "output" of ${CHAT_OUTPUTS.join(', ')}`);
      for (const field of Object.keys(chat.params))
        if (!CHAT_REQUEST_FIELDS.includes(field as ChatRequestField))
          throw new Error(`${at}: "chat.params" names ${JSON.stringify(field)}, not a chat request field`);
    }
    if ((f.role === 'rerank') !== isObject(f.rerank))
      throw new Error(`${at}: "rerank" must be given exactly when the role is 'rerank' ${recompile}`);
    if (f.role === 'rerank') {
      const rr = f.rerank as Record<string, unknown>;
      const names = (f.params as { name?: unknown }[]).map((p) => p.name);
      if (
        typeof rr.query !== 'string' ||
        typeof rr.documents !== 'string' ||
        !names.includes(rr.query) ||
        !names.includes(rr.documents)
      )
        throw new Error(`${at}: "rerank" needs "query" and "documents", each the name of one of its parameters`);
      if (rr.ranked !== undefined && typeof rr.ranked !== 'boolean')
        throw new Error(`${at}: "rerank.ranked" must be a boolean when given`);
    }
    if (f.role !== 'entry') {
      const other = held.get(f.role as string);
      if (other) throw new Error(`${at}: role '${String(f.role)}' is already held by '${other}'`);
      held.set(f.role as string, f.name);
    }
  }
  const m = raw as unknown as Manifest;
  return {
    ...m,
    crate: m.crate ?? { package: m.name, lib: m.name },
    structs: m.structs ?? [],
    enums: m.enums ?? [],
    resources: m.resources ?? [],
  };
}

/** Reads and shape-checks a manifest.json. */
export async function readManifest(path: string): Promise<Manifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read manifest ${path}: ${(e as Error).message}`);
  }
  return parseManifest(raw, path);
}
