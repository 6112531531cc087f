// Writing generated files: parents are created, and an unchanged file keeps its mtime so cargo and kotlinc do not redo work.

import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

export async function exists(p: string): Promise<boolean> {
  return access(p).then(() => true, () => false);
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    if ((await exists(file)) && (await readFile(file, 'utf8')) === text) continue;
    await writeFile(file, text);
  }
}
