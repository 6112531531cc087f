// The Kotlin client's typed call for each OpenAI surface, used by the conformance runner beside it. A new
// surface adds its entry here; the table's type (every SurfaceName) and the contract's structure test make a
// missing one fail.

import type { openai } from '@ingot/contract';

export const str = (s: string) => JSON.stringify(s).replace(/\$/g, '\\$');

/** A JSON value of a request as a Kotlin expression of the type the client's overloads take. */
function kotlinInput(v: unknown): string {
  if (typeof v === 'string') return str(v);
  const a = v as unknown[];
  if (a.length === 0) return 'emptyList<String>()';
  if (a.every((x) => typeof x === 'string')) return `listOf(${a.map((x) => str(x as string)).join(', ')})`;
  if (a.every((x) => typeof x === 'number')) return `listOf<Long>(${a.map((x) => `${x}L`).join(', ')})`;
  return `listOf<List<Long>>(${a.map((row) => `listOf<Long>(${(row as number[]).map((x) => `${x}L`).join(', ')})`).join(', ')})`;
}

/** Each surface's call, typed: a new surface adds its entry here (the structure test checks there is one for every
 * surface but the harness's PENDING ones). */
export const KOTLIN_CALLS: Partial<Record<openai.SurfaceName, (request: Record<string, unknown>) => string>> = {
  embeddings: (r) => {
    const args = [`model = ${str(r.model as string)}`, `input = ${kotlinInput(r.input)}`];
    if (r.dimensions != null) args.push(`dimensions = ${r.dimensions}`);
    if (r.encoding_format != null) args.push(`encodingFormat = ${str(r.encoding_format as string)}`);
    if (r.user != null) args.push(`user = ${str(r.user as string)}`);
    return `client.embeddings.create(${args.join(', ')})`;
  },
};
