// Reading and filling the files of one folder under bindings-templates/.
// Templates only read fields: `{{field}}` is replaced by a value a target pass computed, and a missing field is an error.
// `load` reads the folder once, asynchronously, so emitters stay plain synchronous functions over strings.

import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export class TemplateSet {
  readonly dir: string;
  private files: Map<string, string> | null = null;

  /** `folder` is relative to bindings-templates/ (e.g. `python`); `target` names the pass in error messages. */
  constructor(
    folder: string,
    private readonly target: string,
  ) {
    this.dir = path.join(REPO_ROOT, 'bindings-templates', folder);
  }

  async load(): Promise<void> {
    if (this.files) return;
    const found = new Map<string, string>();
    for (const entry of await readdir(this.dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const abs = path.join(entry.parentPath, entry.name);
      found.set(path.relative(this.dir, abs).split(path.sep).join('/'), await readFile(abs, 'utf8'));
    }
    this.files = found;
  }

  read(rel: string): string {
    if (!this.files) throw new Error(`templates in ${this.dir} are read by load() before any emitter runs`);
    const text = this.files.get(rel);
    if (text === undefined) throw new Error(`missing template ${rel} in ${this.dir}`);
    return text;
  }

  fill(rel: string, fields: Record<string, string>): string {
    return this.read(rel).replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
      if (!(key in fields))
        throw new Error(`template ${rel} reads field '${key}', which the ${this.target} pass did not provide`);
      return fields[key]!;
    });
  }
}
