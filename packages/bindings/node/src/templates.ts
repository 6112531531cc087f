// The Node target's templates (bindings-templates/node/), read once through the shared loader before any emitter runs.
// Templates only read fields the Node pass computed; a missing field is an error naming the Node pass.

import { readFileSync } from 'node:fs';
import { TemplateSet } from '@ingot/bindings-common';
import { openai } from '@ingot/contract';

export const nodeTemplates = new TemplateSet('node', 'Node');

/**
 * The files a package with a client carries from `@ingot/contract` rather than from the templates: the OpenAI runtime
 * that `ingot serve` runs too (compiled JavaScript that imports nothing), written as `openai.js` beside `client.js`,
 * which requires it. One implementation, so the in-process client and the server answer alike.
 */
export function sharedClientFiles(): Record<string, string> {
  return { 'openai.js': readFileSync(openai.RUNTIME_JS, 'utf8') };
}
