// Types of the OpenAI-style client; shapes follow the official `openai` SDK's embeddings API.
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
}
