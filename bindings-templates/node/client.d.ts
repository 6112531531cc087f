// Types of the OpenAI-style client; shapes follow the official `openai` SDK's embeddings and chat-completions APIs, and
// the rerank shape of Cohere and Jina (which OpenAI lacks).
export interface EmbeddingCreateParams {
  model: string;
  /** Text, or token ids (decoded with the model's own tokenizer, then embedded). */
  input: string | string[] | number[] | number[][];
  dimensions?: number;
  encoding_format?: 'float' | 'base64';
  user?: string;
}
export interface Embedding {
  object: 'embedding';
  index: number;
  embedding: number[] | string;
}
export interface CreateEmbeddingResponse {
  object: 'list';
  data: Embedding[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}
export interface ChatCompletionMessageParam {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content: string;
  name?: string;
  tool_call_id?: string;
}
export interface ChatCompletionCreateParams {
  model: string;
  messages: ChatCompletionMessageParam[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  max_completion_tokens?: number | null;
  max_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  seed?: number | null;
  stop?: string | string[] | null;
  frequency_penalty?: number | null;
  presence_penalty?: number | null;
  n?: 1 | null;
  user?: string;
  /** Ingot extension (llama.cpp). */
  top_k?: number | null;
  /** Ingot extension (llama.cpp). */
  repeat_penalty?: number | null;
}
export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string; refusal: null };
    logprobs: null;
    finish_reason: 'stop' | 'length';
  }[];
  usage: CompletionUsage;
}
export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string };
    logprobs: null;
    finish_reason: 'stop' | 'length' | null;
  }[];
  usage?: CompletionUsage | null;
}
/** An async iterator of chunks; `controller.abort()` (or leaving the loop) stops the generation. */
export interface ChatCompletionStream extends AsyncIterableIterator<ChatCompletionChunk> {
  controller: AbortController;
}
export interface RequestOptions {
  signal?: AbortSignal;
}
/** The rerank request (Cohere / Jina's shape; OpenAI has no rerank API). */
export interface RerankCreateParams {
  model: string;
  query: string;
  documents: string[];
  top_n?: number | null;
  return_documents?: boolean | null;
}
export interface RerankResult {
  index: number;
  relevance_score: number;
  document?: { text: string };
}
export interface RerankResponse {
  id: string;
  object: 'list';
  model: string;
  /** Highest relevance first. */
  results: RerankResult[];
  usage: { total_tokens: number };
}
export declare class APIUserAbortError extends Error {}
export declare class APIError extends Error {
  readonly status: number;
  readonly error: { message: string; type: string; param: string | null; code: string | null };
  readonly code: string | null;
  readonly param: string | null;
  readonly type: string;
}
export declare class BadRequestError extends APIError {}
export declare class NotFoundError extends APIError {}
export declare class Client {
  constructor(options?: { apiKey?: string; baseURL?: string });
  embeddings: {
    create(body: EmbeddingCreateParams & { encoding_format: 'base64' }): Promise<CreateEmbeddingResponse & { data: (Embedding & { embedding: string })[] }>;
    create(body: EmbeddingCreateParams): Promise<CreateEmbeddingResponse>;
  };
  chat: {
    completions: {
      create(body: ChatCompletionCreateParams & { stream: true }, options?: RequestOptions): Promise<ChatCompletionStream>;
      create(body: ChatCompletionCreateParams & { stream?: false | null }, options?: RequestOptions): Promise<ChatCompletion>;
      create(body: ChatCompletionCreateParams, options?: RequestOptions): Promise<ChatCompletion | ChatCompletionStream>;
    };
  };
  rerank: {
    create(body: RerankCreateParams): Promise<RerankResponse>;
  };
}
