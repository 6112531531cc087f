/**
 * Resources: module-level models and tokenizers (`AutoTokenizer.from_pretrained(ID)`,
 * `AutoModel.from_pretrained(ID)`, `SentenceTransformer(ID)`, `CrossEncoder(ID)`,
 * `AutoModelForSequenceClassification.from_pretrained(ID)`), resolved at compile time to a
 * folder of files (a local directory, or the Hugging Face cache layout), hashed, and later
 * copied next to the built library. Only safetensors weights are used, never pickle.
 * A module-level tensor read from a safetensors file
 * (`load_file(hf_hub_download(ID, "2_Dense/model.safetensors"))["linear.weight"]`, or a path)
 * is a resource too, of kind `Tensor`: its dtype and shape come from the file's header.
 * This file knows the libraries' constructor names and the files each kind needs; the op
 * registry (registry/ops/models.ts) knows what can be done with a resource.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { ResourceFile, ResourceKind, TensorInfo } from '../ir/resources';
import { ENCODER_ARCHITECTURES, encoderArchitecture, supportedEncoders, tokenizerInputNames } from './architectures';

/** Functions that read a safetensors file into a dict of name -> tensor. */
export const SAFETENSORS_LOADERS = new Set(['safetensors.torch.load_file']);

/**
 * Functions that give the local path of one file of a hub repo. At compile time the file is
 * looked up in the Hugging Face cache like a model id (nothing is downloaded).
 */
export const HUB_FILE_FUNCTIONS = new Set(['huggingface_hub.hf_hub_download']);

/** Python identities of resource constructors, by the kind they build. */
export const RESOURCE_CONSTRUCTORS: Record<string, ResourceKind> = {
  'transformers.AutoTokenizer.from_pretrained': 'Tokenizer',
  'transformers.BertTokenizer.from_pretrained': 'Tokenizer',
  'transformers.BertTokenizerFast.from_pretrained': 'Tokenizer',
  'transformers.GemmaTokenizer.from_pretrained': 'Tokenizer',
  'transformers.GemmaTokenizerFast.from_pretrained': 'Tokenizer',
  'transformers.PreTrainedTokenizerFast.from_pretrained': 'Tokenizer',
  'transformers.AutoModel.from_pretrained': 'AutoModel',
  // Each architecture's own encoder class (`BertModel`, `Gemma3TextModel`, ...), from the shared list.
  ...Object.fromEntries(
    ENCODER_ARCHITECTURES.flatMap((a) => a.classes).map((c): [string, ResourceKind] => [
      `transformers.${c}.from_pretrained`,
      'AutoModel',
    ]),
  ),
  'sentence_transformers.SentenceTransformer': 'SentenceTransformer',
  'sentence_transformers.CrossEncoder': 'CrossEncoder',
  'sentence_transformers.cross_encoder.CrossEncoder': 'CrossEncoder',
  'transformers.AutoModelForSequenceClassification.from_pretrained': 'SequenceClassifier',
  'transformers.BertForSequenceClassification.from_pretrained': 'SequenceClassifier',
  'transformers.XLMRobertaForSequenceClassification.from_pretrained': 'SequenceClassifier',
  'transformers.AutoModelForCausalLM.from_pretrained': 'CausalLM',
  'transformers.LlamaForCausalLM.from_pretrained': 'CausalLM',
  'transformers.MistralForCausalLM.from_pretrained': 'CausalLM',
  'transformers.Qwen2ForCausalLM.from_pretrained': 'CausalLM',
  'transformers.Qwen3ForCausalLM.from_pretrained': 'CausalLM',
  'transformers.Gemma3ForCausalLM.from_pretrained': 'CausalLM',
};

/** The `model_type`s of config.json that the chat runtime runs as causal LMs (ingot-chat's families). */
const CAUSAL_LM_ARCHITECTURES = ['llama', 'mistral', 'qwen2', 'qwen3', 'gemma3_text'];

/**
 * The `model_type`s whose sequence-classification head ingot-models runs (its `SequenceClassifier`: BERT's pooler and
 * classifier, or RoBERTa's two-layer head, over an encoder it has).
 */
const CLASSIFIER_ARCHITECTURES = ['bert', 'xlm-roberta', 'roberta'];

/** A classifier's labels as transformers counts them: `id2label`'s size, else `num_labels`, else 2. */
function labelCount(cfg: Record<string, unknown> | undefined): number {
  const id2label = cfg?.id2label;
  if (id2label && typeof id2label === 'object' && Object.keys(id2label).length > 0) return Object.keys(id2label).length;
  return typeof cfg?.num_labels === 'number' ? cfg.num_labels : 2;
}

/** Methods that return the same model (`.eval()`, `.to("cpu")`), accepted in a resource's constructor chain. */
export const IDENTITY_METHODS = new Set(['eval', 'to', 'cpu', 'float', 'requires_grad_']);

/** The Hugging Face hub cache folder, as huggingface_hub computes it. */
export function hfHubCache(): string {
  const env = (k: string): string | undefined => (process.env[k] ? process.env[k] : undefined);
  const direct = env('HF_HUB_CACHE') ?? env('HUGGINGFACE_HUB_CACHE');
  if (direct) return direct;
  const home = env('HF_HOME');
  if (home) return path.join(home, 'hub');
  const xdg = env('XDG_CACHE_HOME');
  if (xdg) return path.join(xdg, 'huggingface', 'hub');
  return path.join(os.homedir(), '.cache', 'huggingface', 'hub');
}

export type Resolved = { dir: string } | { error: string; searched: string[] };

/** A local directory, or `ORG/NAME` in the hub cache (`models--ORG--NAME/snapshots/<refs/main>`). */
export function resolveModelDir(id: string, baseDir: string): Resolved {
  const local = path.resolve(baseDir, id);
  if (fs.existsSync(local) && fs.statSync(local).isDirectory()) return { dir: local };
  if (path.isAbsolute(id) || id.startsWith('.')) return { error: `\`${id}\` is not a directory`, searched: [local] };
  const repo = path.join(hfHubCache(), `models--${id.replace(/\//g, '--')}`);
  const snapshots = path.join(repo, 'snapshots');
  let rev: string | undefined;
  const ref = path.join(repo, 'refs', 'main');
  if (fs.existsSync(ref)) rev = fs.readFileSync(ref, 'utf8').trim();
  else if (fs.existsSync(snapshots)) {
    const all = fs.readdirSync(snapshots);
    if (all.length === 1) rev = all[0];
  }
  const dir = rev ? path.join(snapshots, rev) : undefined;
  if (dir && fs.existsSync(dir)) return { dir };
  return {
    error: `\`${id}\` is not a local directory and is not in the Hugging Face cache`,
    searched: [local, snapshots],
  };
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function fileEntry(dir: string, rel: string): ResourceFile {
  const abs = path.join(dir, rel);
  // Resolve the hub cache's symlinks to blobs, so the copy is of the real file.
  const real = fs.realpathSync(abs);
  return { rel, abs: real, sha256: sha256(real), size: fs.statSync(real).size };
}

// chat_template.jinja is where transformers 4.43+ saves a chat template; a chat module's tokenizer renders it.
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'chat_template.jinja'];

export type Collected =
  | {
      files: ResourceFile[];
      architecture: string | undefined;
      contextLength?: number;
      prompts?: Record<string, string>;
      numLabels?: number;
      samples?: boolean;
    }
  | { error: string; help: string };

/**
 * The prompts of a sentence-transformers folder that a surface may apply by putting their text before an input
 * (`config_sentence_transformers.json` `prompts`): what `encode(prompt_name=...)` does when the Pooling counts prompt
 * tokens (`include_prompt`, default true) and no default prompt is applied already (`default_prompt_name` unset or
 * naming an empty prompt). Undefined otherwise, or when the folder lists none.
 */
function surfacePrompts(
  readJson: (rel: string) => Record<string, unknown> | undefined,
  modules: unknown,
): Record<string, string> | undefined {
  const st = readJson('config_sentence_transformers.json');
  const raw = st?.prompts;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const prompts = Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const def = st?.default_prompt_name;
  if (typeof def === 'string' && (prompts[def] ?? '') !== '') return undefined;
  for (const m of Array.isArray(modules) ? (modules as { path?: string; type?: string }[]) : [])
    if (m.type?.endsWith('Pooling') && m.path && readJson(path.join(m.path, 'config.json'))?.include_prompt === false)
      return undefined;
  return Object.keys(prompts).length ? prompts : undefined;
}

/** The files a resource of this kind needs, with their hashes; an error names what is missing. */
export function collectFiles(kind: ResourceKind, dir: string): Collected {
  const present = (rel: string): boolean => fs.existsSync(path.join(dir, rel));
  const need: string[] = [];
  const optional: string[] = [];
  let architecture: string | undefined;
  const weights = (sub: string): string | { error: string; help: string } => {
    const st = path.join(sub, 'model.safetensors');
    if (present(st)) return st;
    if (present(path.join(sub, 'pytorch_model.bin'))) {
      return {
        error: `${path.join(dir, sub)} has only pytorch_model.bin`,
        help: 'Ingot loads only safetensors, never pickle; convert it with `safetensors.torch.save_file`',
      };
    }
    return { error: `${path.join(dir, st)} is missing`, help: 'the model folder needs its model.safetensors' };
  };
  const readJson = (rel: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  if (kind === 'Tokenizer') {
    if (!present('tokenizer.json'))
      return {
        error: `${path.join(dir, 'tokenizer.json')} is missing`,
        help: 'Ingot uses the fast tokenizer file tokenizer.json',
      };
    need.push('tokenizer.json');
    optional.push(...TOKENIZER_FILES.slice(1), 'config.json');
  } else if (kind === 'CausalLM') {
    // The files ingot-chat's `ChatModel::model_files` lists for a transformers folder.
    if (!present('config.json'))
      return { error: `${path.join(dir, 'config.json')} is missing`, help: 'the model folder needs its config.json' };
    const cfg = readJson('config.json');
    architecture = typeof cfg?.model_type === 'string' ? cfg.model_type : undefined;
    if (!CAUSAL_LM_ARCHITECTURES.includes(architecture ?? '')) {
      return {
        error: `model_type \`${architecture ?? '(none)'}\` in ${path.join(dir, 'config.json')} is not supported for generation`,
        help: `supported architectures: ${CAUSAL_LM_ARCHITECTURES.join(', ')}`,
      };
    }
    const w = weights('.');
    if (typeof w !== 'string') return w;
    if (!present('tokenizer.json'))
      return {
        error: `${path.join(dir, 'tokenizer.json')} is missing`,
        help: 'Ingot uses the fast tokenizer file tokenizer.json',
      };
    need.push('config.json', w.replace(/^\.\//, ''), 'tokenizer.json');
    optional.push(...TOKENIZER_FILES.slice(1), 'generation_config.json');
    const ctx = cfg?.max_position_embeddings;
    const files = [...need, ...optional.filter((o) => present(o) && !need.includes(o))].map((rel) =>
      fileEntry(dir, rel),
    );
    // generation_config.json's do_sample decides whether `generate` without do_sample= samples.
    const samples = readJson('generation_config.json')?.do_sample === true;
    return { files, architecture, contextLength: typeof ctx === 'number' ? ctx : undefined, samples };
  } else if (kind === 'CrossEncoder' || kind === 'SequenceClassifier') {
    // ingot-models' `CrossEncoder::load_dir` / `SequenceClassifier::load_dir` read these.
    if (!present('config.json'))
      return { error: `${path.join(dir, 'config.json')} is missing`, help: 'the model folder needs its config.json' };
    const cfg = readJson('config.json');
    architecture = typeof cfg?.model_type === 'string' ? cfg.model_type : undefined;
    if (!CLASSIFIER_ARCHITECTURES.includes(architecture ?? '')) {
      return {
        error: `model_type \`${architecture ?? '(none)'}\` in ${path.join(dir, 'config.json')} is not supported for sequence classification`,
        help: `supported architectures: ${CLASSIFIER_ARCHITECTURES.join(', ')}`,
      };
    }
    const w = weights('.');
    if (typeof w !== 'string') return w;
    need.push('config.json', w.replace(/^\.\//, ''));
    if (kind === 'CrossEncoder') {
      if (!present('tokenizer.json'))
        return {
          error: `${path.join(dir, 'tokenizer.json')} is missing`,
          help: 'Ingot uses the fast tokenizer file tokenizer.json',
        };
      need.push('tokenizer.json');
      optional.push(...TOKENIZER_FILES.slice(1));
      const mismatch = checkVocab(dir);
      if (mismatch) return mismatch;
    }
    const files = [...need, ...optional.filter((o) => present(o) && !need.includes(o))].map((rel) =>
      fileEntry(dir, rel),
    );
    return { files, architecture, numLabels: labelCount(cfg) };
  } else if (kind === 'AutoModel') {
    if (!present('config.json'))
      return { error: `${path.join(dir, 'config.json')} is missing`, help: 'the model folder needs its config.json' };
    const cfg = readJson('config.json');
    architecture = typeof cfg?.model_type === 'string' ? cfg.model_type : undefined;
    const unsupported = checkEncoder(architecture, path.join(dir, 'config.json'));
    if (unsupported) return unsupported;
    const w = weights('.');
    if (typeof w !== 'string') return w;
    need.push('config.json', w.replace(/^\.\//, ''));
  } else {
    if (!present('config.json'))
      return {
        error: `${path.join(dir, 'config.json')} is missing`,
        help: 'a sentence-transformers folder holds config.json, modules.json and the module folders',
      };
    const cfg = readJson('config.json');
    architecture = typeof cfg?.model_type === 'string' ? cfg.model_type : undefined;
    const unsupported = checkEncoder(architecture, path.join(dir, 'config.json'));
    if (unsupported) return unsupported;
    need.push('config.json');
    const w = weights('.');
    if (typeof w !== 'string') return w;
    need.push(w.replace(/^\.\//, ''));
    if (!present('tokenizer.json'))
      return {
        error: `${path.join(dir, 'tokenizer.json')} is missing`,
        help: 'Ingot uses the fast tokenizer file tokenizer.json',
      };
    need.push('tokenizer.json');
    optional.push(
      ...TOKENIZER_FILES.slice(1),
      'modules.json',
      'config_sentence_transformers.json',
      'sentence_bert_config.json',
    );
    const modules = readJson('modules.json') as unknown;
    if (Array.isArray(modules)) {
      for (const m of modules as { path?: string; type?: string }[]) {
        if (!m.path) continue;
        optional.push(path.join(m.path, 'config.json'));
        if (m.type?.includes('Dense')) {
          const dw = weights(m.path);
          if (typeof dw !== 'string') return dw;
          need.push(dw);
        }
      }
    }
  }
  const files = [...need, ...optional.filter((o) => present(o) && !need.includes(o))].map((rel) => fileEntry(dir, rel));
  if (kind === 'Tokenizer' || kind === 'SentenceTransformer') {
    const mismatch = checkVocab(dir);
    if (mismatch) return mismatch;
  }
  const prompts = kind === 'SentenceTransformer' ? surfacePrompts(readJson, readJson('modules.json')) : undefined;
  return { files, architecture, ...(prompts ? { prompts } : {}) };
}

/** An encoder `model_type` the runtime has no loader for (the shared list, architectures.json). */
function checkEncoder(architecture: string | undefined, config: string): { error: string; help: string } | undefined {
  if (encoderArchitecture(architecture)) return undefined;
  return {
    error: `model_type \`${architecture ?? '(none)'}\` in ${config} is not supported`,
    help: `supported architectures: ${supportedEncoders()}`,
  };
}

/** A tokenizer whose ids go past the model's embedding table would index out of range at run time. */
function checkVocab(dir: string): { error: string; help: string } | undefined {
  let cfg: { vocab_size?: number };
  let tok: { model?: { vocab?: Record<string, number> | [string, number][] }; added_tokens?: { id: number }[] };
  try {
    cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as typeof cfg;
    tok = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')) as typeof tok;
  } catch {
    return undefined;
  }
  if (typeof cfg.vocab_size !== 'number') return undefined;
  const vocab = tok.model?.vocab;
  const ids = Array.isArray(vocab) ? vocab.map((_, i) => i) : Object.values(vocab ?? {});
  let maxId = -1;
  for (const id of ids) if (id > maxId) maxId = id;
  for (const t of tok.added_tokens ?? []) if (t.id > maxId) maxId = t.id;
  if (maxId >= cfg.vocab_size) {
    return {
      error: `the tokenizer in ${dir} produces ids up to ${maxId}, but config.json says vocab_size is ${cfg.vocab_size}`,
      help: 'the tokenizer.json does not belong to this model; use the tokenizer saved with it',
    };
  }
  return undefined;
}

/** safetensors dtype names -> ndarray dtypes Ingot has; others (F16, BF16, ...) are refused. */
const SAFETENSORS_DTYPES: Record<string, TensorInfo['dtype']> = {
  F32: 'float32',
  F64: 'float64',
  I64: 'int64',
  BOOL: 'bool',
};

/** The header of a safetensors file: tensor name -> dtype and shape (without reading the data). */
export function readSafetensorsHeader(
  file: string,
): Map<string, { dtype: string; shape: number[] }> | { error: string } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const len = Buffer.alloc(8);
    if (fs.readSync(fd, len, 0, 8, 0) !== 8) return { error: `${file} is not a safetensors file (too short)` };
    const n = Number(len.readBigUInt64LE(0));
    if (n > 100_000_000 || n + 8 > fs.fstatSync(fd).size)
      return { error: `${file} is not a safetensors file (bad header length)` };
    const buf = Buffer.alloc(n);
    fs.readSync(fd, buf, 0, n, 8);
    const header = JSON.parse(buf.toString('utf8')) as Record<string, { dtype?: string; shape?: number[] }>;
    const out = new Map<string, { dtype: string; shape: number[] }>();
    for (const [k, v] of Object.entries(header)) {
      if (k !== '__metadata__' && typeof v.dtype === 'string' && Array.isArray(v.shape))
        out.set(k, { dtype: v.dtype, shape: v.shape });
    }
    return out;
  } catch (e) {
    return { error: `${file} is not a safetensors file (${(e as Error).message})` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A `Tensor` resource: one tensor of the safetensors file `rel` in `dir`. The file is hashed
 * and copied like model weights; the tensor's dtype and shape are read from its header.
 */
export function collectTensor(
  dir: string,
  rel: string,
  key: string,
): { files: ResourceFile[]; tensor: TensorInfo } | { error: string; help: string } {
  const abs = path.join(dir, rel);
  if (!rel.endsWith('.safetensors'))
    return { error: `${abs} is not a .safetensors file`, help: 'Ingot loads only safetensors, never pickle' };
  if (!fs.existsSync(abs))
    return { error: `${abs} is missing`, help: 'the file must exist at compile time (nothing is downloaded)' };
  const header = readSafetensorsHeader(abs);
  if (!(header instanceof Map)) return { error: header.error, help: 'the file must be a safetensors file' };
  const t = header.get(key);
  if (!t)
    return {
      error: `${rel} has no tensor \`${key}\``,
      help: `it holds: ${[...header.keys()].sort().join(', ') || '(no tensors)'}`,
    };
  const dtype = SAFETENSORS_DTYPES[t.dtype];
  if (!dtype)
    return {
      error: `the tensor \`${key}\` in ${rel} is ${t.dtype}`,
      help: 'Ingot reads F32, F64, I64 and BOOL tensors; save it as float32',
    };
  return { files: [fileEntry(dir, rel)], tensor: { key, dtype, shape: t.shape } };
}

/**
 * Keywords of the model and tokenizer constructors (`SentenceTransformer(ID, ...)`, `CrossEncoder(ID, ...)`,
 * `Auto*.from_pretrained(ID, ...)`) that change nothing a compiled function computes: where the files are cached,
 * which device runs them, credentials, and the attention implementation (eager and SDPA compute the same attention).
 * Any other keyword changes the model (`max_length`, `revision`, `num_labels`, `model_kwargs`, ...) and is a
 * diagnostic rather than silently dropped; `truncate_dim` (SentenceTransformer) and a float32 `dtype` are honoured.
 */
export const RESOURCE_IGNORED_KEYWORDS = new Set([
  'device',
  'cache_folder',
  'cache_dir',
  'local_files_only',
  'token',
  'use_auth_token',
  'trust_remote_code',
  'use_fast',
  'low_cpu_mem_usage',
  'attn_implementation',
]);

/** llama-cpp-python's `Llama(...)`: the constructor of a chat model over one GGUF file. */
export const LLAMA_CONSTRUCTORS = new Set(['llama_cpp.Llama']);

/**
 * `Llama(...)` keywords that change nothing a compiled function computes (threads, batching,
 * memory mapping, logging), accepted and left to the runtime.
 */
export const LLAMA_IGNORED_KEYWORDS = new Set([
  'verbose',
  'n_threads',
  'n_threads_batch',
  'n_batch',
  'n_ubatch',
  'n_gpu_layers',
  'use_mmap',
  'use_mlock',
  'offload_kqv',
  'flash_attn',
  'no_perf',
]);

/** llama-cpp-python's default `n_ctx` (0.3.x): the context a `Llama` runs with unless given. */
export const LLAMA_DEFAULT_N_CTX = 512;

type GgufValue = string | number | bigint | boolean | GgufValue[] | undefined;

/**
 * The scalar metadata of a GGUF file (`general.architecture`, `llama.context_length`, ...), read
 * from its header without the tensors; arrays (the vocabulary) are skipped. An error says why the
 * file is not a GGUF file.
 */
export function readGgufMetadata(file: string): Map<string, GgufValue> | { error: string } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    let buf = Buffer.alloc(0);
    let base = 0;
    let pos = 0;
    // Keeps bytes [pos, pos + n) in the window, reading on from the file in 1 MiB steps.
    const need = (n: number): void => {
      if (pos + n > size) throw new Error('the header runs past the end of the file');
      if (pos >= base && pos + n <= base + buf.length) return;
      const len = Math.min(Math.max(n, 1 << 20), size - pos);
      buf = Buffer.alloc(len);
      fs.readSync(fd!, buf, 0, len, pos);
      base = pos;
    };
    const u32 = (): number => {
      need(4);
      const v = buf.readUInt32LE(pos - base);
      pos += 4;
      return v;
    };
    const u64 = (): bigint => {
      need(8);
      const v = buf.readBigUInt64LE(pos - base);
      pos += 8;
      return v;
    };
    const str = (): string => {
      const n = Number(u64());
      if (n > 1 << 26) throw new Error('a string in the header is too long');
      need(n);
      const v = buf.toString('utf8', pos - base, pos - base + n);
      pos += n;
      return v;
    };
    const FIXED: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
    const scalar = (type: number): GgufValue => {
      if (type === 8) return str();
      const n = FIXED[type];
      if (n === undefined) throw new Error(`unknown metadata type ${type}`);
      need(n);
      const at = pos - base;
      pos += n;
      switch (type) {
        case 0:
          return buf.readUInt8(at);
        case 1:
          return buf.readInt8(at);
        case 2:
          return buf.readUInt16LE(at);
        case 3:
          return buf.readInt16LE(at);
        case 4:
          return buf.readUInt32LE(at);
        case 5:
          return buf.readInt32LE(at);
        case 6:
          return buf.readFloatLE(at);
        case 7:
          return buf.readUInt8(at) !== 0;
        case 10:
          return buf.readBigUInt64LE(at);
        case 11:
          return buf.readBigInt64LE(at);
        default:
          return buf.readDoubleLE(at);
      }
    };
    need(4);
    if (buf.toString('latin1', 0, 4) !== 'GGUF') return { error: `${file} is not a GGUF file (no GGUF magic)` };
    pos = 4;
    const version = u32();
    if (version < 2) return { error: `${file} is GGUF version ${version}; version 2 or later is needed` };
    u64();
    const kvs = Number(u64());
    const out = new Map<string, GgufValue>();
    for (let i = 0; i < kvs; i++) {
      const key = str();
      const type = u32();
      if (type === 9) {
        const itemType = u32();
        const n = Number(u64());
        for (let j = 0; j < n; j++) {
          if (itemType === 9) throw new Error('nested metadata arrays are not supported');
          scalar(itemType);
        }
        out.set(key, undefined);
      } else out.set(key, scalar(type));
    }
    return out;
  } catch (e) {
    return { error: `${file} is not a readable GGUF file (${(e as Error).message})` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A GGUF chat model: the file with its hash, its `general.architecture` and its trained context
 * length, which `nCtx` cuts (0 keeps the model's, as llama-cpp-python's `n_ctx=0` does).
 */
export function collectGguf(
  file: string,
  nCtx: number,
):
  | { files: ResourceFile[]; dir: string; architecture: string | undefined; contextLength: number | undefined }
  | { error: string; help: string } {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    return { error: `${file} is missing`, help: 'the GGUF file must exist at compile time (nothing is downloaded)' };
  const meta = readGgufMetadata(file);
  if (!(meta instanceof Map)) return { error: meta.error, help: 'llama-cpp-python loads GGUF files (`.gguf`)' };
  const arch = meta.get('general.architecture');
  const architecture = typeof arch === 'string' ? arch : undefined;
  const trained = architecture !== undefined ? meta.get(`${architecture}.context_length`) : undefined;
  const model = typeof trained === 'number' || typeof trained === 'bigint' ? Number(trained) : undefined;
  const contextLength = nCtx > 0 && (model === undefined || nCtx < model) ? nCtx : model;
  const dir = path.dirname(file);
  return { files: [fileEntry(dir, path.basename(file))], dir, architecture, contextLength };
}

/**
 * The one file of a model folder whose path (relative, `/`-separated) matches an fnmatch pattern
 * (`*`, `?`), as `Llama.from_pretrained(repo_id, filename)` picks it from the repo's files.
 */
export function matchRepoFile(dir: string, pattern: string): { rel: string } | { error: string } {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const d of fs.readdirSync(path.join(dir, rel))) {
      const r = rel ? path.posix.join(rel, d) : d;
      if (fs.statSync(path.join(dir, r)).isDirectory()) walk(r);
      else if (re.test(r)) files.push(r);
    }
  };
  walk('');
  if (files.length === 1) return { rel: files[0]! };
  return {
    error: files.length
      ? `several files match \`${pattern}\`: ${files.sort().join(', ')}`
      : `no file in the cached repo matches \`${pattern}\``,
  };
}

/**
 * A tokenizer's `model_input_names` (architectures.ts `tokenizerInputNames`): the constructor's class counts when it
 * is a concrete one (`BertTokenizer.from_pretrained`), not `AutoTokenizer`.
 */
export function readInputNames(dir: string, qualified: string): string[] {
  const read = (file: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const cls = qualified.split('.').slice(-2)[0];
  const modelType = read('config.json')?.model_type;
  return tokenizerInputNames(
    read('tokenizer_config.json'),
    typeof modelType === 'string' ? modelType : undefined,
    cls === 'AutoTokenizer' ? undefined : cls,
  );
}
