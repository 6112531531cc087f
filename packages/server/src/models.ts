/**
 * Models the server answers for. A model comes from a directory: a generated Node package
 * (`dist/<project>/node`, as `ingot bindings --lang node` writes it) or an `ingot compile`
 * output dir, whose Node package is built into `DIR/node` (and reused while the manifest and
 * the generated crate are unchanged). The package's embedding function, token counter and decoder, its chat
 * function and chat token counter, and its rerank function and pair token counter, are the functions its manifest.json
 * gives those roles (the compiler decides them), read through the Node generator's own pass. A module may serve any
 * of the three surfaces.
 *
 * Loading is: require the package, then one warm-up call per surface, which makes the runtime load and
 * sha256-check the model files (and tells us the embedding width; a chat model generates one step). A model that
 * fails here is kept, marked failed, and its requests get a 500 with the reason; other models keep serving.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openai, parseManifest, type ManifestChat } from '@ingot/contract';
import { Batcher, type BatchBudget, type EmbedFn, type EmbedTruncatingFn, type Matrix } from './batcher';
import { ChatQueue } from './chatQueue';

export type ModelStatus = 'loading' | 'ready' | 'failed';

/** A model given in code rather than by directory: an embedding function (and optionally a token counter and decoder). */
export interface EmbedderSource {
  embed: EmbedFn;
  /** `embed` with the tokenizer cutting on a side chosen per call; without it `truncation_direction` is a 400. */
  embedTruncating?: EmbedTruncatingFn;
  countTokens?: (texts: string[]) => Promise<number[]>;
  /** Token ids back to text (one string per row), for token-id input; without it such input is a 400. */
  decodeTokens?: (ids: number[][]) => Promise<string[]>;
  /** Untruncated token ids per text, for `/tokenize` and `truncate: false`; without it those are a 400. */
  tokenIds?: (texts: string[]) => Promise<number[][]>;
  maxTokensPerInput?: number | null;
  /** The prompts a request's `input_type` may name. */
  prompts?: Record<string, string>;
}

/** A chat model given in code: the runtime's backend (a manifest chat entry and a function called by parameter name). */
export interface ChatSource {
  chat: ManifestChat;
  defaults?: Record<string, unknown>;
  call: openai.ChatBackend['call'];
  countTokens?: openai.ChatBackend['countTokens'];
}

/** A reranker given in code: the runtime's backend (a score per document, and optionally the pair token count). */
export interface RerankSource {
  score: openai.RerankBackend['score'];
  countTokens?: openai.RerankBackend['countTokens'];
}

export type ModelSource = string | EmbedderSource | ChatSource | RerankSource;

export interface LocalModel {
  name: string;
  /** The Node package directory, when the model came from one. */
  packageDir: string | null;
  status: ModelStatus;
  error: string | null;
  dims: number | null;
  /** The tokenizer's limit; longer inputs are truncated by the model's tokenizer (if it truncates). */
  maxTokensPerInput: number | null;
  batcher: Batcher | null;
  countTokens: ((texts: string[]) => Promise<number[]>) | null;
  /** The package's token decoder (its manifest's `token_decoder` role): how token-id input becomes text. */
  decodeTokens: ((ids: number[][]) => Promise<string[]>) | null;
  /** The package's untruncated token ids (its manifest's `token_ids` role): `/tokenize` and `truncate: false`. */
  tokenIds: ((texts: string[]) => Promise<number[][]>) | null;
  /** The prompts a request's `input_type` may name (the manifest's embedding entry); empty when it has none. */
  prompts: Record<string, string>;
  /** The chat function, queued per model (`ChatQueue`); null when the module has none. */
  chat: { backend: openai.ChatBackend; queue: ChatQueue } | null;
  /** The rerank function; null when the module has none. */
  rerank: openai.RerankBackend | null;
  /** The batcher can run calls with a truncation side chosen per request (`truncation_direction`). */
  embedsTruncating: boolean;
  /** The module has an embedding function (`batcher` is set once it is ready). */
  embeds: boolean;
  ready: Promise<void>;
}

const WARM_UP = ['Ingot warm-up.'];

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isNodePackage(dir: string): boolean {
  return (
    fs.existsSync(path.join(dir, 'package.json')) &&
    fs.existsSync(path.join(dir, 'index.js')) &&
    fs.existsSync(path.join(dir, 'manifest.json'))
  );
}

function isCompileDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'manifest.json')) && isDir(path.join(dir, 'crate'));
}

/**
 * The Node package for DIR: DIR itself, or for a compile dir its `node/` subfolder, generated
 * with the Node binding generator unless it is already there for the same manifest and crate.
 */
export async function resolvePackageDir(dir: string, log: (line: string) => void = () => {}): Promise<string> {
  const abs = path.resolve(dir);
  if (!isDir(abs)) throw new Error(`\`${dir}\` is not a directory`);
  if (isNodePackage(abs)) return abs;
  if (!isCompileDir(abs))
    throw new Error(
      `\`${dir}\` is neither an \`ingot compile\` output dir (manifest.json and crate/) nor a generated Node package`,
    );
  const pkg = path.join(abs, 'node');
  const stampFile = path.join(pkg, '.ingot-source-stamp');
  const stamp = compileStamp(abs);
  if (isNodePackage(pkg) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    log(`reusing the Node package in ${pkg}`);
    return pkg;
  }
  log(`building the Node package for ${abs} into ${pkg}`);
  const { generateNodePackage } = require('@ingot/bindings-node') as typeof import('@ingot/bindings-node');
  await generateNodePackage({ compileDir: abs, outDir: pkg, log });
  fs.writeFileSync(stampFile, stamp);
  return pkg;
}

/** A digest of what the Node package is built from: the manifest and the generated crate's sources. */
function compileStamp(compileDir: string): string {
  const h = createHash('sha256');
  const add = (file: string) => {
    h.update(path.relative(compileDir, file));
    h.update('\0');
    h.update(fs.readFileSync(file));
    h.update('\0');
  };
  add(path.join(compileDir, 'manifest.json'));
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'target') walk(p);
      } else if (/\.(rs|toml|lock)$/.test(e.name)) add(p);
    }
  };
  walk(path.join(compileDir, 'crate'));
  return h.digest('hex');
}

/** The tokenizer's input limit, from the package's resources, if it says. */
function readMaxTokens(packageDir: string): number | null {
  const res = path.join(packageDir, 'resources');
  if (!isDir(res)) return null;
  const candidates: number[] = [];
  const walk = (d: string, depth: number) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && depth < 3) walk(p, depth + 1);
      else if (e.name === 'tokenizer.json' || e.name === 'tokenizer_config.json') {
        try {
          const j = JSON.parse(fs.readFileSync(p, 'utf8')) as {
            truncation?: { max_length?: number } | null;
            model_max_length?: number;
          };
          const n = e.name === 'tokenizer.json' ? j.truncation?.max_length : j.model_max_length;
          if (typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 1e7) candidates.push(n);
        } catch {
          // Not ours to judge: the runtime checks model files when it loads them.
        }
      }
    }
  };
  walk(res, 0);
  return candidates.length ? Math.min(...candidates) : null;
}

interface LoadedPackage {
  embed: EmbedFn | null;
  embedTruncating?: EmbedTruncatingFn | null;
  /** The prompts `input_type` may name (the manifest's embedding entry). */
  prompts?: Record<string, string>;
  countTokens: ((texts: string[]) => Promise<number[]>) | null;
  decodeTokens: ((ids: number[][]) => Promise<string[]>) | null;
  tokenIds: ((texts: string[]) => Promise<number[][]>) | null;
  chat: openai.ChatBackend | null;
  rerank: openai.RerankBackend | null;
}

function loadPackage(packageDir: string): LoadedPackage {
  const manifestPath = path.join(packageDir, 'manifest.json');
  const manifest = parseManifest(JSON.parse(fs.readFileSync(manifestPath, 'utf8')), manifestPath);
  const { lowerNodeBinding } =
    require('@ingot/bindings-node/dist/pass') as typeof import('@ingot/bindings-node/dist/pass');
  const binding = lowerNodeBinding(manifest, {});
  if (!binding.client && !binding.chatClient && !binding.rerankClient)
    throw new Error(
      `the package in ${packageDir} has no embedding, chat or rerank function (no function in its manifest has the role "embedding", "chat" or "rerank")`,
    );

  const pkg = require(packageDir) as Record<string, unknown>;
  const fn = (name: string): ((...args: unknown[]) => unknown) => {
    const f = pkg[name];
    if (typeof f !== 'function') throw new Error(`the package in ${packageDir} does not export ${name}()`);
    return f as (...args: unknown[]) => unknown;
  };
  let loaded: LoadedPackage = {
    embed: null,
    countTokens: null,
    decodeTokens: null,
    tokenIds: null,
    chat: null,
    rerank: null,
  };
  if (binding.client) {
    const embed = fn(binding.client.embedJsName);
    const { counter, decoder, tokenIds, embedTruncating } = binding.client;
    const truncating = embedTruncating ? fn(embedTruncating.asyncJsName) : null;
    const ids = tokenIds ? (pkg[tokenIds.asyncJsName] ?? pkg[tokenIds.jsName]) : undefined;
    const count = counter ? (pkg[counter.asyncJsName] ?? pkg[counter.jsName]) : undefined;
    const decode = decoder ? (pkg[decoder.asyncJsName] ?? pkg[decoder.jsName]) : undefined;
    loaded = {
      ...loaded,
      prompts: binding.client.prompts,
      embed: (texts) => embed(texts) as Promise<Matrix>,
      embedTruncating: truncating ? (texts, side) => truncating(texts, side) as Promise<Matrix> : null,
      countTokens:
        typeof count === 'function'
          ? async (texts) => (await (count as (t: string[]) => unknown)(texts)) as number[]
          : null,
      decodeTokens:
        typeof decode === 'function'
          ? async (ids) => (await (decode as (i: number[][]) => unknown)(ids)) as string[]
          : null,
      tokenIds:
        typeof ids === 'function'
          ? async (texts) => (await (ids as (t: string[]) => unknown)(texts)) as number[][]
          : null,
    };
  }
  if (binding.chatClient) {
    const c = binding.chatClient;
    const call = fn(c.callJsName);
    const counter = c.counter ? fn(c.counter.asyncJsName) : null;
    loaded.chat = {
      chat: c.chat,
      defaults: c.defaults,
      // The export takes its arguments by position; undefined ones take the Python defaults.
      call: (args) => call(...c.paramNames.map((n) => args[n])) as Promise<unknown> | AsyncIterator<unknown>,
      countTokens: counter ? async (messages, completion) => (await counter(messages, completion)) as number[] : null,
    };
  }
  if (binding.rerankClient) {
    const c = binding.rerankClient;
    const call = fn(c.callJsName);
    const counter = c.counter ? fn(c.counter.asyncJsName) : null;
    // Called by parameter name through the manifest's rerank entry; other parameters take the Python defaults.
    const arg = (n: string, query: string, documents: string[]): unknown =>
      n === c.rerank.query ? query : n === c.rerank.documents ? documents : undefined;
    loaded.rerank = {
      // Scores per document, or CrossEncoder.rank's list (the rerank entry's `ranked`), read by the runtime.
      score: async (query, documents) =>
        openai.rerankScores(await call(...c.paramNames.map((n) => arg(n, query, documents))), documents.length),
      countTokens: counter
        ? async (query, documents) => ((await counter(query, documents)) as number[]).reduce((a, n) => a + n, 0)
        : null,
    };
  }
  return loaded;
}

/**
 * One short generation, which loads (and sha256-checks) the chat model: one step of a generator, or one call with at
 * most one new token when the function takes max tokens.
 */
async function warmUpChat(backend: openai.ChatBackend): Promise<void> {
  const args: Record<string, unknown> = { [backend.chat.messages]: [{ role: 'user', content: 'Hi' }] };
  if (backend.chat.params.max_tokens) args[backend.chat.params.max_tokens] = 1;
  const r = backend.call(args);
  if (typeof (r as AsyncIterator<unknown>).next === 'function') {
    const it = r as AsyncIterator<unknown>;
    try {
      await it.next();
    } finally {
      await it.return?.();
    }
  } else await r;
  if (backend.countTokens) await backend.countTokens([{ role: 'user', content: 'Hi' }], '');
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Starts loading a model; `ready` settles (never rejects) once it is ready or failed. */
export function loadModel(
  name: string,
  source: ModelSource,
  budget: BatchBudget,
  log: (line: string) => void = () => {},
): LocalModel {
  const model: LocalModel = {
    name,
    packageDir: null,
    status: 'loading',
    error: null,
    dims: null,
    maxTokensPerInput: null,
    batcher: null,
    countTokens: null,
    decodeTokens: null,
    tokenIds: null,
    prompts: {},
    chat: null,
    rerank: null,
    embeds: false,
    embedsTruncating: false,
    ready: Promise.resolve(),
  };
  model.ready = (async () => {
    try {
      let loaded: LoadedPackage;
      if (typeof source === 'string') {
        model.packageDir = await resolvePackageDir(source, log);
        model.maxTokensPerInput = readMaxTokens(model.packageDir);
        loaded = loadPackage(model.packageDir);
      } else if ('score' in source) {
        loaded = {
          embed: null,
          countTokens: null,
          decodeTokens: null,
          tokenIds: null,
          chat: null,
          rerank: { score: source.score, countTokens: source.countTokens ?? null },
        };
      } else if ('chat' in source) {
        loaded = {
          embed: null,
          countTokens: null,
          decodeTokens: null,
          tokenIds: null,
          rerank: null,
          chat: {
            chat: source.chat,
            defaults: source.defaults ?? {},
            call: source.call,
            countTokens: source.countTokens ?? null,
          },
        };
      } else {
        loaded = {
          embed: source.embed,
          embedTruncating: source.embedTruncating ?? null,
          countTokens: source.countTokens ?? null,
          decodeTokens: source.decodeTokens ?? null,
          tokenIds: source.tokenIds ?? null,
          prompts: source.prompts ?? {},
          chat: null,
          rerank: null,
        };
        model.maxTokensPerInput = source.maxTokensPerInput ?? null;
      }
      if (loaded.embed) {
        const probe = await loaded.embed(WARM_UP);
        if (probe.shape.length !== 2 || probe.shape[0] !== 1 || !(probe.shape[1]! > 0)) {
          throw new Error(`the embedding function returned shape [${probe.shape}] for one text; expected [1, dims]`);
        }
        model.dims = probe.shape[1]!;
        model.countTokens = loaded.countTokens;
        model.decodeTokens = loaded.decodeTokens;
        model.tokenIds = loaded.tokenIds;
        model.prompts = loaded.prompts ?? {};
        if (loaded.countTokens) {
          // The tokenizer counts after truncation, so a long text shows the limit the model really applies.
          const n = await openai.probeTokenLimit(loaded.countTokens);
          if (n !== null) model.maxTokensPerInput = n;
        }
        model.batcher = new Batcher(loaded.embed, budget, loaded.embedTruncating ?? null);
        model.embedsTruncating = !!loaded.embedTruncating;
        model.embeds = true;
      }
      if (loaded.chat) {
        await warmUpChat(loaded.chat);
        const queue = new ChatQueue();
        model.chat = { backend: queue.wrap(loaded.chat), queue };
      }
      if (loaded.rerank) {
        // One pair scored loads (and sha256-checks) the model.
        const probe = await loaded.rerank.score(WARM_UP[0]!, WARM_UP);
        if (probe.length !== 1)
          throw new Error(`the rerank function returned ${probe.length} scores for one document; expected one`);
        model.rerank = loaded.rerank;
      }
      model.status = 'ready';
    } catch (err) {
      model.status = 'failed';
      model.error = message(err);
    }
  })();
  return model;
}
