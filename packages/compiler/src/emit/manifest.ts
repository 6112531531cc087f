/**
 * The manifest: a JSON description of the compiled functions (names, parameters with types
 * and defaults, return types, C symbols, roles and Rust paths), embedded in the library as
 * `<prefix>manifest()` and written next to it as manifest.json. Its types are the contract's
 * (`@ingot/contract`); this module only fills them from the typed IR. Binding generators and
 * the server read only this and the crate.
 */
import {
  ABI_VERSION,
  rustFunctionPaths,
  type FunctionRole,
  type IngotType,
  type Manifest,
  type ManifestEnum,
  type ManifestChat,
  type ManifestEmbedding,
  type ManifestRerank,
  type ManifestFunction,
  type ManifestStruct,
  type ChatOutput,
  type ChatRequestField,
} from '@ingot/contract';
import { exprChildren, forEachExpr, forEachStmt, type IrExpr, type IrTarget } from '../ir/ir';
import type { TypedModule, FunctionInstance } from '../ir/typed';
import { constToJson } from '../ir/consts';
import { embeddingFunction, generatedFunctions } from './generated';
import { type Type, typeToManifest, typeToString } from '../types/types';
import { QUANTIZABLE_KINDS } from './rust';

export { ABI_VERSION };
export type { Manifest, ManifestFunction };

/** The manifest's spelling of a type; `typeToManifest` writes exactly the contract's type shapes for the types that reach it. */
function manifestType(t: Type): IngotType {
  return typeToManifest(namedTuplesAsTuples(t)) as IngotType;
}

/** The NamedTuple classes of the module being described: they cross as tuples of their fields (value JSON lists). */
let namedTuples: ReadonlyMap<string, Type> = new Map();

function namedTuplesAsTuples(t: Type): Type {
  switch (t.kind) {
    case 'struct':
      return namedTuples.get(t.name) ?? t;
    case 'list':
    case 'set':
    case 'optional':
    case 'iter':
    case 'vartuple':
      return { ...t, item: namedTuplesAsTuples(t.item) };
    case 'dict':
      return { ...t, key: namedTuplesAsTuples(t.key), value: namedTuplesAsTuples(t.value) };
    case 'tuple':
      return { ...t, items: t.items.map(namedTuplesAsTuples) };
    case 'union':
      return { ...t, members: t.members.map(namedTuplesAsTuples) };
    default:
      return t;
  }
}

/** Types that cross the C ABI directly; everything else goes through `<prefix>call_json`. */
export function cScalar(t: Type): boolean {
  return t.kind === 'int' || t.kind === 'float' || t.kind === 'bool' || t.kind === 'str';
}

/** Types that cross the C ABI directly: the scalars and str, and a PIL image as the module's raw image struct. */
export function cDirect(t: Type): boolean {
  return cScalar(t) || isImage(t);
}

/** A PIL image (`PIL.Image.Image`), the opaque type with a value JSON form and a C struct of its own. */
export function isImage(t: Type): boolean {
  return t.kind === 'opaque' && t.name === 'PIL.Image.Image';
}

/**
 * A typed C entry: scalar, str and image parameters, and a scalar, str, image or no result, or a stream (a generator's
 * entry opens it).
 */
export function hasCEntry(inst: FunctionInstance): boolean {
  return (
    inst.paramTypes.every(cDirect) &&
    (inst.fn.isGenerator || cDirect(inst.returnType) || inst.returnType.kind === 'none')
  );
}

/** What the manifest says a function returns: a generator's is `{"kind":"stream","item":T}`. */
function returnsOf(inst: FunctionInstance): { manifest: IngotType; text: string } {
  const rt = inst.returnType;
  if (inst.fn.isGenerator && rt.kind === 'list')
    return { manifest: { kind: 'stream', item: manifestType(rt.item) }, text: `Iterator[${typeToString(rt.item)}]` };
  return { manifest: manifestType(rt), text: typeToString(rt) };
}

/** The structs and enums reachable from the entries' parameter and return types, through struct fields, in source order. */
function reachableTypes(tm: TypedModule): { structs: ManifestStruct[]; enums: ManifestEnum[] } {
  const structs = new Set<string>();
  const enums = new Set<string>();
  const visit = (t: Type): void => {
    switch (t.kind) {
      case 'list':
      case 'set':
      case 'optional':
      case 'iter':
      case 'vartuple':
        visit(t.item);
        return;
      case 'dict':
        visit(t.key);
        visit(t.value);
        return;
      case 'tuple':
        t.items.forEach(visit);
        return;
      case 'union':
        t.members.forEach(visit);
        return;
      case 'enum':
        enums.add(t.name);
        return;
      case 'struct': {
        if (structs.has(t.name)) return;
        // A NamedTuple is described as the tuple of its fields, not as a struct.
        if (namedTuples.has(t.name)) {
          for (const f of tm.module.structs.get(t.name)?.fields ?? []) visit(f.type);
          return;
        }
        structs.add(t.name);
        for (const f of tm.module.structs.get(t.name)?.fields ?? []) visit(f.type);
        return;
      }
      default:
        return;
    }
  };
  for (const inst of tm.entries) {
    inst.paramTypes.forEach(visit);
    visit(inst.returnType);
  }
  return {
    structs: [...tm.module.structs.values()]
      .filter((st) => structs.has(st.name))
      .map((st) => ({
        name: st.name,
        origin: st.validates ? 'pydantic' : 'dataclass',
        fields: st.fields.map((f) => ({
          name: f.name,
          type: manifestType(f.type),
          default: f.default ? constToJson(f.default) : null,
          has_default: f.default !== undefined,
          allowed: f.allowed ? f.allowed.map(constToJson) : null,
        })),
      })),
    enums: [...tm.module.enums.values()]
      .filter((en) => enums.has(en.name))
      .map((en) => ({
        name: en.name,
        value_type: manifestType(en.valueType),
        members: en.members.map((m) => ({ name: m.name, value: constToJson(m.value) as string | number })),
      })),
  };
}

/** The runtime crates a generated crate may depend on (native-rust's members); a module's crate must not share a name. */
const RUNTIME_CRATES = new Set(['runtime', 'tensor', 'models', 'chat', 'tools']);

/**
 * The generated crate's package and library names: `ingot-<module>` / `ingot_<module>`, with `-module` / `_module`
 * added when that would be a runtime crate's name (a `chat.py` next to the chat runtime `ingot-chat`), which cargo
 * cannot tell apart in one lock file.
 */
export function crateNames(module: string): { package: string; lib: string } {
  const base = module.replace(/_/g, '-');
  const suffix = RUNTIME_CRATES.has(base) ? '_module' : '';
  return { package: `ingot-${base}${suffix.replace('_', '-')}`, lib: `ingot_${module}${suffix}` };
}

/**
 * The rerank entry of a function the rerank surface can call: its only parameters without a default are one `str` (the
 * query) and one `list[str]` (the documents), and it returns a score per document (a float32 ndarray of rank 1, or a
 * `list[float]`), not as a generator. Null for any other function.
 */
function rerankEntry(inst: FunctionInstance): ManifestRerank | null {
  if (inst.fn.isGenerator) return null;
  const required = inst.fn.params.flatMap((p, i) => (p.default === undefined ? [{ p, t: inst.paramTypes[i]! }] : []));
  const query = required.filter(({ t }) => t.kind === 'str');
  const documents = required.filter(({ t }) => t.kind === 'list' && t.item.kind === 'str');
  const ret = inst.returnType;
  const scores =
    (ret.kind === 'ndarray' && ret.dtype === 'float32' && ret.rank === 1) ||
    (ret.kind === 'list' && ret.item.kind === 'float');
  const ranked = !scores && returnsRank(inst);
  if (required.length !== 2 || query.length !== 1 || documents.length !== 1 || !(scores || ranked)) return null;
  return { query: query[0]!.p.name, documents: documents[0]!.p.name, ...(ranked ? { ranked: true } : {}) };
}

/**
 * Whether a function returns `CrossEncoder.rank`'s list: its result type is that list's (`list[dict[str, ...]]`) and
 * every `return` gives a `rank(...)` call, or a local bound only to one.
 */
function returnsRank(inst: FunctionInstance): boolean {
  const ret = inst.returnType;
  if (ret.kind !== 'list' || ret.item.kind !== 'dict' || ret.item.key.kind !== 'str') return false;
  const isRank = (e: IrExpr | undefined): boolean => e?.kind === 'op' && e.resolution?.entry === 'CrossEncoder.rank';
  const bound = new Map<string, boolean>();
  const returned: (IrExpr | undefined)[] = [];
  forEachStmt(inst.fn.body, (st) => {
    if (st.kind === 'assign' && st.target.kind === 'name')
      bound.set(st.target.name, (bound.get(st.target.name) ?? true) && isRank(st.value));
    if (st.kind === 'return') returned.push(st.value);
  });
  return returned.length > 0 && returned.every((e) => isRank(e) || (e?.kind === 'local' && bound.get(e.name) === true));
}

/**
 * Each entry's role: the first embedding-shaped entry, in source order, is the embedding function; the first entry with
 * a chat entry (`chatEntry`) is the chat function; the first with a rerank entry (`rerankEntry`) the rerank function;
 * the rest are entries.
 */
function entryRoles(
  tm: TypedModule,
): Map<FunctionInstance, { role: FunctionRole; chat?: ManifestChat; rerank?: ManifestRerank }> {
  const embedding = embeddingFunction(tm);
  let rerank: { inst: FunctionInstance; entry: ManifestRerank } | undefined;
  for (const inst of tm.entries) {
    const entry = rerank || inst === embedding ? null : rerankEntry(inst);
    if (entry) rerank = { inst, entry };
  }
  let chat: { inst: FunctionInstance; entry: ManifestChat } | undefined;
  for (const inst of tm.entries) {
    const entry = chat ? null : chatEntry(tm, inst);
    if (entry) chat = { inst, entry };
  }
  return new Map(
    tm.entries.map((inst) => [
      inst,
      inst === embedding
        ? { role: 'embedding' }
        : inst === chat?.inst
          ? { role: 'chat', chat: chat.entry }
          : inst === rerank?.inst
            ? { role: 'rerank', rerank: rerank.entry }
            : { role: 'entry' },
    ]),
  );
}

/** The functions the compiler writes beside the user's (generated.ts), with their roles. */
function generatedEntries(tm: TypedModule): ManifestFunction[] {
  return generatedFunctions(tm).map((g) => ({
    name: g.name,
    signature: `${g.name}(${g.params.map((p) => `${p.name}: ${typeToString(p.type)}`).join(', ')}) -> ${typeToString(g.returns)}`,
    params: g.params.map((p) => ({ name: p.name, type: manifestType(p.type), default: null, has_default: false })),
    returns: manifestType(g.returns),
    stream: false,
    c_symbol: null,
    role: g.role,
    rust: rustFunctionPaths(g.name, false),
  }));
}

/**
 * The one rule for a module's C symbols: the library name followed by `_` (`ingot_fma_`), so a generic loader
 * that knows the library's file name (`libingot_fma.so`) knows every symbol in it.
 */
export function symbolPrefix(module: string): string {
  return `${crateNames(module).lib}_`;
}

/** The typed C entry of a function: `ingot_fma_fn_fma`. */
export function cSymbol(prefix: string, fn: string): string {
  return `${prefix}fn_${fn}`;
}

/** The manifest as this compiler writes it: the contract's type, with the fields every current manifest has. */
export type BuiltManifest = Manifest & { symbol_prefix: string };

export function buildManifest(tm: TypedModule, file: string, opts: { quantize?: 'int8' } = {}): BuiltManifest {
  const prefix = symbolPrefix(tm.module.name);
  const roles = entryRoles(tm);
  const tuples = new Map<string, Type>();
  for (const st of tm.module.structs.values())
    if (st.namedTuple) tuples.set(st.name, { kind: 'tuple', items: st.fields.map((f) => f.type) });
  // A NamedTuple's fields may hold another: resolved until no struct of them is left.
  for (let i = 0; i < 8; i++) {
    namedTuples = tuples;
    for (const [k, v] of tuples) tuples.set(k, namedTuplesAsTuples(v));
  }
  namedTuples = tuples;
  return {
    abi_version: ABI_VERSION,
    name: tm.module.name,
    crate: crateNames(tm.module.name),
    symbol_prefix: prefix,
    source: { file, sha256: tm.module.sourceSha256 },
    functions: [
      ...tm.entries.map(
        (inst): ManifestFunction => ({
          name: inst.fn.name,
          signature: `${inst.fn.name}(${inst.fn.params.map((p, i) => `${p.name}: ${typeToString(inst.paramTypes[i]!)}${p.default ? ' = ...' : ''}`).join(', ')}) -> ${returnsOf(inst).text}`,
          params: inst.fn.params.map((p, i) => ({
            name: p.name,
            type: manifestType(inst.paramTypes[i]!),
            default: p.default ? constToJson(p.default) : null,
            has_default: p.default !== undefined,
          })),
          returns: returnsOf(inst).manifest,
          stream: inst.fn.isGenerator,
          c_symbol: hasCEntry(inst) ? cSymbol(prefix, inst.fn.name) : null,
          role: roles.get(inst)!.role,
          ...(roles.get(inst)!.chat ? { chat: roles.get(inst)!.chat } : {}),
          ...(roles.get(inst)!.role === 'embedding' ? { embedding: embeddingEntry(tm, inst) } : {}),
          ...(roles.get(inst)!.rerank ? { rerank: roles.get(inst)!.rerank } : {}),
          // Entries keep their Python name (only helpers are monomorphised under mangled names).
          rust: rustFunctionPaths(inst.rustName, inst.fn.isGenerator),
        }),
      ),
      ...generatedEntries(tm),
    ],
    ...reachableTypes(tm),
    resources: [...tm.module.resources.values()].map((r) => ({
      name: r.name,
      kind: r.kind,
      id: r.id,
      architecture: r.architecture ?? null,
      truncate_dim: r.truncateDim ?? null,
      quantization: opts.quantize && QUANTIZABLE_KINDS.includes(r.kind) ? opts.quantize : null,
      files: r.files.map((f) => ({ path: `${r.name}/${f.rel}`, sha256: f.sha256, size: f.size })),
    })),
  };
}

/** What a chat function gives back, from its return type; undefined when no chat surface can read it. */
function chatOutput(inst: FunctionInstance): ChatOutput | undefined {
  const ret = inst.returnType;
  const item = inst.fn.isGenerator ? (ret.kind === 'list' ? ret.item : undefined) : ret;
  const record = (t: Type | undefined): boolean =>
    t?.kind === 'dynamic' || t?.kind === 'struct' || (t?.kind === 'dict' && t.key.kind === 'str');
  if (item?.kind === 'str') return inst.fn.isGenerator ? 'text_stream' : 'text';
  if (record(item)) return inst.fn.isGenerator ? 'chunks' : 'completion';
  return undefined;
}

/** The sentence-transformers encode ops of a body (`encode`, `encode_query`, `encode_document`). */
const ENCODE_OPS = [
  'SentenceTransformer.encode',
  'SentenceTransformer.encode_query',
  'SentenceTransformer.encode_document',
];

/**
 * The embedding function's `embedding` entry: the prompts a request's `input_type` may name. A surface applies one by
 * putting its text before each input, which is what the model's `encode(prompt_name=...)` would do only when the
 * function passes its texts parameter unchanged to one plain `encode` that sets no prompt itself, and the model's
 * prompts may be applied as text (`IrResource.prompts`); otherwise the table is empty (any `input_type` is a 400).
 */
function embeddingEntry(tm: TypedModule, inst: FunctionInstance): ManifestEmbedding {
  const ops: (IrExpr & { kind: 'op' })[] = [];
  // Every expression, nested ones too (`forEachExpr` gives each statement's own).
  const visit = (e: IrExpr): void => {
    if (e.kind === 'op' && e.resolution && ENCODE_OPS.includes(e.resolution.entry)) ops.push(e);
    exprChildren(e).forEach(visit);
  };
  forEachExpr(inst.fn.body, visit);
  const none: ManifestEmbedding = { prompts: {} };
  if (ops.length !== 1) return none;
  const op = ops[0]!;
  const d = op.resolution!.detail ?? {};
  if (op.resolution!.entry !== 'SentenceTransformer.encode' || d.prompt !== 'none' || d.single) return none;
  const at = d.texts as string;
  const texts = at.startsWith('kw:') ? op.kwargs.get(at.slice(3)) : op.args[Number(at)];
  const first = inst.fn.params[0]?.name;
  if (texts?.kind !== 'local' || texts.name !== first || changedParams(inst).has(first)) return none;
  const receiver = op.args[0];
  const resource = receiver?.kind === 'global' ? tm.module.resources.get(receiver.name) : undefined;
  return { prompts: { ...(resource?.prompts ?? {}) } };
}

/** A chat generation in a function's body: the op node whose choice the chat family marked (`detail.chat`). */
function chatOps(inst: FunctionInstance): (IrExpr & { kind: 'op' })[] {
  const found: (IrExpr & { kind: 'op' })[] = [];
  forEachExpr(inst.fn.body, (e) => {
    if (e.kind === 'op' && e.resolution?.detail?.chat === true) found.push(e);
  });
  return found;
}

/** The parameters a function binds again or mutates; the others reach their uses unchanged. */
function changedParams(inst: FunctionInstance): Set<string> {
  const out = new Set<string>();
  const root = (e: IrExpr): string | undefined =>
    e.kind === 'local' ? e.name : e.kind === 'op' && e.args[0] ? root(e.args[0]) : undefined;
  const target = (t: IrTarget): void => {
    if (t.kind === 'name') out.add(t.name);
    else if (t.kind === 'tuple') t.items.forEach(target);
    else if (t.kind !== 'global') {
      const r = root(t.object);
      if (r) out.add(r);
    }
  };
  forEachStmt(inst.fn.body, (st) => {
    if (st.kind === 'assign' || st.kind === 'for') target(st.target);
    if (st.kind === 'try') for (const h of st.handlers) if (h.name) out.add(h.name);
  });
  forEachExpr(inst.fn.body, (e) => {
    const m = e.kind === 'op' && e.resolution?.mutates ? e.args[e.resolution.mutatedArg ?? 0] : undefined;
    if (m) {
      const r = root(m);
      if (r) out.add(r);
    }
  });
  return out;
}

/**
 * The `chat` entry of a function that generates chat completions, decided from its data flow: a
 * parameter passed unchanged as the messages, and the parameters passed unchanged as request
 * fields. Null when the function is not a chat function the surface can call (the messages are
 * built inside it, or it generates twice).
 */
function chatEntry(tm: TypedModule, inst: FunctionInstance): ManifestChat | null {
  const ops = chatOps(inst);
  const generating = ops.filter((o) => o.resolution!.detail!.generates === true);
  const taking = ops.filter((o) => o.resolution!.detail!.messages !== undefined);
  if (generating.length !== 1 || taking.length !== 1) return null;
  const changed = changedParams(inst);
  const params = new Set(inst.fn.params.map((p) => p.name));
  const argAt = (op: IrExpr & { kind: 'op' }, at: string): IrExpr | undefined =>
    at.startsWith('kw:') ? op.kwargs.get(at.slice(3)) : op.args[Number(at)];
  const param = (e: IrExpr | undefined): string | undefined =>
    e?.kind === 'local' && params.has(e.name) && !changed.has(e.name) ? e.name : undefined;
  const messages = param(argAt(taking[0]!, taking[0]!.resolution!.detail!.messages as string));
  const receiver = generating[0]!.args[0];
  const resource = receiver?.kind === 'global' ? tm.module.resources.get(receiver.name) : undefined;
  if (!messages || !resource) return null;
  const fields: ManifestChat['params'] = {};
  for (const op of ops)
    for (const pair of (op.resolution!.detail!.requestFields as string[] | undefined) ?? []) {
      const [at, field] = pair.split('=') as [string, ChatRequestField];
      const p = param(argAt(op, at));
      if (p) fields[field] = p;
    }
  const output = chatOutput(inst);
  if (!output) return null;
  return { messages, params: fields, output, resource: resource.name, context_length: resource.contextLength ?? null };
}
