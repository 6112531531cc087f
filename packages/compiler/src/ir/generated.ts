/**
 * The names of the functions the compiler writes into a module beside the user's (the token
 * counters and decoder that the OpenAI-style surfaces call by role). Data only: lower rejects a
 * user function with one of these names, emit writes the functions.
 */

/** Tokens per text, for the embeddings surfaces' `usage` (role `token_counter`). */
export const TOKEN_COUNTER = 'ingot_token_counts';
/** Each text's token ids, special tokens included and never truncated (role `token_ids`). */
export const TOKEN_IDS = 'ingot_token_ids';
/** Token ids back to text with the same tokenizer (role `token_decoder`). */
export const TOKEN_DECODER = 'ingot_token_decode';
/** `[prompt_tokens, completion_tokens]` of a conversation and a reply (role `chat_token_counter`). */
export const CHAT_TOKEN_COUNTER = 'ingot_chat_token_counts';
/** Tokens of each (query, document) pair as a sequence classifier reads it (role `rerank_token_counter`). */
export const RERANK_TOKEN_COUNTER = 'ingot_rerank_token_counts';

/** The embedding function with a per-call truncation side (role `embedding_truncating`). */
export const EMBED_TRUNCATING = 'ingot_embed_truncating';

export const GENERATED_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  TOKEN_COUNTER,
  TOKEN_IDS,
  TOKEN_DECODER,
  CHAT_TOKEN_COUNTER,
  RERANK_TOKEN_COUNTER,
  EMBED_TRUNCATING,
]);
