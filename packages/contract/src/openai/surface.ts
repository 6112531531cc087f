// The shape of one OpenAI surface's description (embeddings now; chat completions and rerank add one module each).
// The list of surfaces is `SURFACES` in `index.ts`; every conformance runner walks it, so a new surface's cases run
// in every client without touching the runners of the dynamic clients.

export interface SurfaceParam {
  name: string;
  required: boolean;
  /** The validation rule, as the runtime and every client apply it. */
  rule: string;
}

export interface SurfaceError {
  when: string;
  status: number;
  type: 'invalid_request_error' | 'server_error';
  param?: string;
  code?: string;
}

export interface Surface {
  /** The name conformance files and typed adapters are keyed by. */
  name: string;
  method: 'POST' | 'GET';
  path: string;
  /** The official SDK's call, as a path of properties: `client.embeddings.create(body)`. */
  sdkCall: readonly string[];
  params: SurfaceParam[];
  response: string;
  errors: SurfaceError[];
  /** The conformance cases, a file in `packages/contract/cases/openai/`. */
  casesFile: string;
}
