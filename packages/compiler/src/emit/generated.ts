/**
 * The functions the compiler writes beside the user's: the token counters and decoder over the
 * module's tokenizer or chat model, which the OpenAI-style surfaces call by role (`usage`, token-id
 * input, the context-length check), and the embedding function run with a per-call truncation side
 * (`truncation_direction`). Input: the typed module. Output: one description per
 * function, which rust.ts writes as Rust, abi.ts dispatches by name and manifest.ts lists with
 * its role, so the three never disagree.
 */
import type { FunctionRole } from '@ingot/contract';
import {
  CHAT_TOKEN_COUNTER,
  EMBED_TRUNCATING,
  RERANK_TOKEN_COUNTER,
  TOKEN_COUNTER,
  TOKEN_DECODER,
  TOKEN_IDS,
} from '../ir/generated';
import { isChatResource, type IrResource } from '../ir/resources';
import type { FunctionInstance, TypedModule } from '../ir/typed';
import { emitConst } from './constants';
import { T, type Type } from '../types/types';

export interface GeneratedFunction {
  name: string;
  role: FunctionRole;
  /** Doc comment lines, without `///`. */
  doc: string[];
  params: { name: string; type: Type }[];
  returns: Type;
  /** The Rust body: statements ending in an expression of type `rt::PyResult<returns>`. */
  body: string[];
}

/** The resource whose tokenizer counts tokens for the embeddings surfaces: a SentenceTransformer, else a tokenizer. */
export function tokenCounterResource(tm: TypedModule): IrResource | undefined {
  const all = [...tm.module.resources.values()];
  return all.find((r) => r.kind === 'SentenceTransformer') ?? all.find((r) => r.kind === 'Tokenizer');
}

/** The chat model a module generates with: the resource of its chat-model kind, when it has one. */
export function chatResource(tm: TypedModule): IrResource | undefined {
  return [...tm.module.resources.values()].find((r) => isChatResource(r.kind));
}

/**
 * The tokenizer a module's reranking reads pairs with: a CrossEncoder's own, else (transformers' form, a
 * `SequenceClassifier` beside a tokenizer) the module's tokenizer. Undefined without a sequence classifier.
 */
export function rerankCounterResource(tm: TypedModule): IrResource | undefined {
  const all = [...tm.module.resources.values()];
  const ce = all.find((r) => r.kind === 'CrossEncoder');
  if (ce) return ce;
  return all.some((r) => r.kind === 'SequenceClassifier') ? all.find((r) => r.kind === 'Tokenizer') : undefined;
}

export function resourceFn(name: string): string {
  return `res_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * Whether an entry is the module's embedding function, the one `embeddings.create` wraps: `list[str]` first, every
 * other parameter defaulted, a float32 ndarray of rank 2 (or a rank known only at run time) back, not a generator.
 */
function isEmbeddingShaped(inst: FunctionInstance): boolean {
  const [first, ...rest] = inst.paramTypes;
  const ret = inst.returnType;
  return (
    !inst.fn.isGenerator &&
    first?.kind === 'list' &&
    first.item.kind === 'str' &&
    rest.every((_, i) => inst.fn.params[i + 1]!.default !== undefined) &&
    ret.kind === 'ndarray' &&
    ret.dtype === 'float32' &&
    (ret.rank === undefined || ret.rank === 2)
  );
}

/** The module's embedding function (role `embedding`): the first embedding-shaped entry, in source order. */
export function embeddingFunction(tm: TypedModule): FunctionInstance | undefined {
  return tm.entries.find(isEmbeddingShaped);
}

/**
 * The embedding function called with its texts and every other parameter at its default, with the module's tokenizers
 * truncating on `side` for the length of the call (`ml::with_truncation_side`, a thread-local choice that concurrent
 * calls never share). The embeddings surface's `truncation_direction` calls it; the side is parsed here too, so a
 * caller of the typed API gets a ValueError for anything but "left" or "right" (any case).
 */
function embedTruncating(inst: FunctionInstance): GeneratedFunction {
  const args = ['texts', ...inst.fn.params.slice(1).map((p, i) => emitConst(p.default!, inst.paramTypes[i + 1]!))];
  return {
    name: EMBED_TRUNCATING,
    role: 'embedding_truncating',
    doc: [
      `\`${inst.fn.name}(texts)\` with the tokenizer cutting an over-long text on \`side\` ("left" keeps its last`,
      'tokens, "right" its first; any case) instead of its configured `truncation_side`, for this call only.',
    ],
    params: [
      { name: 'texts', type: inst.paramTypes[0]! },
      { name: 'side', type: T.str },
    ],
    returns: inst.returnType,
    body: [
      'let side = ml::Side::parse(&side).map_err(rt::PyErr::from)?;',
      `ml::with_truncation_side(side, || ${inst.rustName}(${args.join(', ')}))`,
    ],
  };
}

export function generatedFunctions(tm: TypedModule): GeneratedFunction[] {
  const out: GeneratedFunction[] = [];
  const r = tokenCounterResource(tm);
  if (r) {
    const res = `${resourceFn(r.name)}()?`;
    // A tokenizer beside its model counts up to what the model takes: its model_max_length may exceed the model's
    // position table (then the model raises past the table, and a request with truncation off must be refused).
    const model = [...tm.module.resources.values()].find((m) => m.kind === 'AutoModel' && m.dir === r.dir);
    const batch =
      r.kind === 'SentenceTransformer'
        ? `${res}.tokenize(&texts)`
        : model
          ? `{ let tok = ${res}; let cut = ${resourceFn(model.name)}()?.position_limit().map(|p| tok.model_max_length.map_or(p, |t| t.min(p))); tok.encode_batch(&texts, true, true, cut) }`
          : `${res}.encode_batch(&texts, true, true, None)`;
    out.push(
      {
        name: TOKEN_COUNTER,
        role: 'token_counter',
        doc: [
          "How many tokens each text is, as the model's tokenizer counts them (special tokens",
          'included, after truncation): the `usage` that the OpenAI-style clients report.',
        ],
        params: [{ name: 'texts', type: T.list(T.str) }],
        returns: T.list(T.int),
        body: [
          `let batch = ${batch}.map_err(rt::PyErr::from)?;`,
          'Ok(batch.lengths.iter().map(|&n| n as i64).collect())',
        ],
      },
      {
        name: TOKEN_IDS,
        role: 'token_ids',
        doc: [
          "Each text's token ids as the model's tokenizer gives them, special tokens included and never",
          'truncated: what `/tokenize` and `count_tokens` show, and how a request with truncation off learns',
          "that a text is longer than the model's limit.",
        ],
        params: [{ name: 'texts', type: T.list(T.str) }],
        returns: T.list(T.list(T.int)),
        body: [
          `let ids = ${r.kind === 'SentenceTransformer' ? `${res}.token_ids(&texts)` : `${res}.encode_ids_batch(&texts)`}.map_err(rt::PyErr::from)?;`,
          'Ok(ids.into_iter().map(|row| row.into_iter().map(i64::from).collect()).collect())',
        ],
      },
      {
        name: TOKEN_DECODER,
        role: 'token_decoder',
        doc: [
          'Each row of token ids back to text with the same tokenizer (special tokens skipped): how the',
          'OpenAI-style clients embed token-id input. An id outside the vocabulary is a ValueError.',
        ],
        params: [{ name: 'ids', type: T.list(T.list(T.int)) }],
        returns: T.list(T.str),
        body: [
          `${r.kind === 'SentenceTransformer' ? `${res}.tokenizer` : res}.decode_batch(&ids).map_err(rt::PyErr::from)`,
        ],
      },
    );
    // A module whose tokenizer truncates the embedding function's texts can cut them on either side per call.
    const embedding = embeddingFunction(tm);
    if (embedding) out.push(embedTruncating(embedding));
  }
  const rr = rerankCounterResource(tm);
  if (rr) {
    const res = `${resourceFn(rr.name)}()?`;
    const batch =
      rr.kind === 'CrossEncoder'
        ? `${res}.tokenize(&queries, &documents)`
        : `${res}.encode_pair_batch(&queries, &documents, true, true, None)`;
    out.push({
      name: RERANK_TOKEN_COUNTER,
      role: 'rerank_token_counter',
      doc: [
        'How many tokens each (query, document) pair is, as the sequence classifier reads it (special',
        "tokens included, after truncation): the rerank surface's `usage`.",
      ],
      params: [
        { name: 'query', type: T.str },
        { name: 'documents', type: T.list(T.str) },
      ],
      returns: T.list(T.int),
      body: [
        'let queries = vec![query; documents.len()];',
        `let batch = ${batch}.map_err(rt::PyErr::from)?;`,
        'Ok(batch.lengths.iter().map(|&n| n as i64).collect())',
      ],
    });
  }
  const chat = chatResource(tm);
  if (chat) {
    out.push({
      name: CHAT_TOKEN_COUNTER,
      role: 'chat_token_counter',
      doc: [
        "`[prompt_tokens, completion_tokens]`: the conversation rendered by the model's own chat template",
        "with the generation prompt, and the reply, in tokens (the chat surfaces' `usage` and context check).",
      ],
      params: [
        { name: 'messages', type: T.list(T.dict(T.str, T.str)) },
        { name: 'completion', type: T.str },
      ],
      returns: T.list(T.int),
      body: [`chat::py::token_counts(${resourceFn(chat.name)}()?, messages, &completion)`],
    });
  }
  return out;
}
