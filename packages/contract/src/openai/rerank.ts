// The rerank surface described once: its route, its client call, each request field with the rule that checks it,
// the response, and the error each broken rule maps to. OpenAI has no rerank API; this is the shape the field has
// converged on (Cohere's v2 rerank, Jina's and Text Embeddings Inference's), with OpenAI's error bodies. The rules run
// in `runtime.ts` (shared by the server and the Node client); the other clients implement them in their own language,
// and the conformance cases (`cases/openai/rerank.json`) hold all of them to the same answers.
//
// How a request reaches the compiled function is the manifest's `rerank` entry (`ManifestRerank`): the query goes to
// its `query` parameter and the documents to its `documents` parameter, and the function returns one relevance score
// per document in document order. Sorting, `top_n` and `usage` are the surface's, so every client answers alike.
//
// Where the peers' behaviour was checked (their API references): Cohere and Jina take `{model, query, documents,
// top_n, return_documents}` and answer `results: [{index, relevance_score, document?}]` sorted by relevance, best
// first; a returned document is `{"text": ...}` (Cohere v1, Jina); `top_n` larger than the documents gives them all;
// Jina's `usage` is `{total_tokens}`. TEI's own `/rerank` differs in field names (`texts`, `raw_scores`) and is not
// followed.

import type { Surface } from './surface';

export const RERANK = {
  name: 'rerank' as const,
  method: 'POST',
  path: '/v1/rerank',
  sdkCall: ['rerank', 'create'],
  params: [
    {
      name: 'model',
      required: true,
      rule: 'a string naming a served model; an unknown name is a 404 `model_not_found` (checked after every rule that needs no model)',
    },
    { name: 'query', required: true, rule: 'a non-empty string' },
    {
      name: 'documents',
      required: true,
      rule: 'a non-empty array of strings (an empty string is a document like any other), at most 1000 per request',
    },
    {
      name: 'top_n',
      required: false,
      rule: 'an integer >= 1: at most this many results, the best first; more than the documents gives them all',
    },
    {
      name: 'return_documents',
      required: false,
      rule: 'a boolean, default false; true adds each result\'s `document: {"text": ...}`',
    },
  ],
  response:
    '{"id": "rerank-...", "object": "list", "model", "results": [{"index": i, "relevance_score": number, ' +
    '"document"?: {"text"}}], "usage": {"total_tokens"}}; results sorted by relevance_score, highest first, ties in ' +
    'document order; `relevance_score` is what the compiled function returned for the document (a CrossEncoder ' +
    "gives sigmoid scores for one label); usage counts each (query, document) pair with the model's tokenizer (0 " +
    'without a pair counter). Ingot extension on the server: `_ingot: {"route": "local" | "remote"}`.',
  errors: [
    {
      when: 'a field breaks its rule, or an unknown field',
      status: 400,
      type: 'invalid_request_error',
      param: 'the field',
    },
    {
      when: 'the model is not served',
      status: 404,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    },
    {
      when: 'a served model has no rerank function (server)',
      status: 404,
      type: 'invalid_request_error',
      param: 'model',
    },
    { when: 'the model failed to load (server)', status: 500, type: 'server_error', code: 'model_load_failed' },
    {
      when: 'the model raised, or returned other than one score per document',
      status: 500,
      type: 'server_error',
      code: 'model_error',
    },
  ],
  casesFile: 'rerank.json',
} satisfies Surface;
