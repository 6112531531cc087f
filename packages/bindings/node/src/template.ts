// Reading and filling the files in bindings-templates/node/.
// Templates only read fields: `{{field}}` is replaced by a value the target pass computed, and a missing field is an error.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** bindings-templates/node at the repository root; the same depth from src/ and from dist/. */
export const TEMPLATE_DIR = path.resolve(__dirname, '../../../../bindings-templates/node');

export function readTemplate(rel: string): string {
  return readFileSync(path.join(TEMPLATE_DIR, rel), 'utf8');
}

export function fillTemplate(rel: string, fields: Record<string, string>): string {
  return readTemplate(rel).replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in fields)) throw new Error(`template ${rel} reads field '${key}', which the Node pass did not provide`);
    return fields[key];
  });
}
