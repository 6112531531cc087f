// The OpenAI-style surfaces: their descriptions, the shared runtime, and the conformance cases.

import * as path from 'node:path';
import { CHAT } from './chat';
import { EMBEDDINGS } from './embeddings';
import { RERANK } from './rerank';
import type { Surface } from './surface';

export * from './runtime';
export * from './conformance';
export type { Surface, SurfaceParam, SurfaceError } from './surface';
export { EMBEDDINGS } from './embeddings';
export { CHAT } from './chat';
export { RERANK } from './rerank';

/** Every surface Ingot serves. Adding one: its description module here, its runtime in `runtime.ts`, its cases file. */
export const SURFACES = [EMBEDDINGS, CHAT, RERANK] as const satisfies readonly Surface[];

export type SurfaceName = (typeof SURFACES)[number]['name'];

/** The compiled runtime (`runtime.ts`), a standalone CommonJS module: the Node generator copies it into packages. */
export const RUNTIME_JS = path.join(__dirname, 'runtime.js');
