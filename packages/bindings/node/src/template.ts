// Reading and filling the files in bindings-templates/node/.
// Templates only read fields: `{{field}}` is replaced by a value the target pass computed, and a missing field is an error.
// `loadTemplates` reads the folder once, asynchronously, so the emitters stay plain synchronous functions over strings.

import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { openai } from '@ingot/contract';

/** bindings-templates/node at the repository root; the same depth from src/ and from dist/. */
export const TEMPLATE_DIR = path.resolve(__dirname, '../../../../bindings-templates/node');

let templates: Map<string, string> | null = null;

export async function loadTemplates(): Promise<void> {
  if (templates) return;
  const found = new Map<string, string>();
  for (const entry of await readdir(TEMPLATE_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    found.set(path.relative(TEMPLATE_DIR, abs).split(path.sep).join('/'), await readFile(abs, 'utf8'));
  }
  templates = found;
}

export function readTemplate(rel: string): string {
  if (!templates) throw new Error('templates are read by loadTemplates() before any emitter runs');
  const text = templates.get(rel);
  if (text === undefined) throw new Error(`missing template ${rel} in ${TEMPLATE_DIR}`);
  return text;
}

export function fillTemplate(rel: string, fields: Record<string, string>): string {
  return readTemplate(rel).replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in fields)) throw new Error(`template ${rel} reads field '${key}', which the Node pass did not provide`);
    return fields[key];
  });
}

/**
 * The files a package with a client carries from `@ingot/contract` rather than from the templates: the OpenAI runtime
 * that `ingot serve` runs too (compiled JavaScript that imports nothing), written as `openai.js` beside `client.js`,
 * which requires it. One implementation, so the in-process client and the server answer alike.
 */
export function sharedClientFiles(): Record<string, string> {
  return { 'openai.js': readFileSync(openai.RUNTIME_JS, 'utf8') };
}
