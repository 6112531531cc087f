// @ingot/server: the OpenAI-compatible embeddings and chat-completions server behind `ingot serve`, the in-process
// `fetch` for the official OpenAI SDK, and the hybrid local/remote router.
export { Engine, createEngine, DEFAULT_LIMITS, DEFAULT_BATCH, truncateAndRenormalise } from './engine';
export type { EngineOptions, EngineRequest, EngineResponse, Limits, Route } from './engine';
export { startServer } from './http';
export type { ServerOptions, RunningServer } from './http';
export { createLocalFetch, createHybridFetch } from './fetch';
export type { FetchLike, LocalFetch, HybridOptions, HybridFetch } from './fetch';
export { serveCommand, parseModelSpecs } from './serve';
export type { ServeCommandOptions } from './serve';
export { resolvePackageDir } from './models';
export type { ModelSource, EmbedderSource, ChatSource, LocalModel } from './models';
export { ChatQueue } from './chatQueue';
export type { ChatStats } from './chatQueue';
export { Batcher } from './batcher';
export type { BatchBudget, EmbedFn, Matrix } from './batcher';
export { ApiError } from './errors';
