// Writing generated files: parents are created, and an unchanged file keeps its mtime so cargo and kotlinc do not redo work.

import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

export async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    if ((await exists(file)) && (await readFile(file, 'utf8')) === text) continue;
    await writeFile(file, text);
  }
}

/**
 * Mirrors a folder by hard links (model weights are large), copying where a link is not possible; a file already linked
 * is left alone. Used to put the compiled module's resources/ into a package.
 */
export async function linkTree(from: string, to: string): Promise<void> {
  const { copyFile, link, readdir, rm, stat } = await import('node:fs/promises');
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) {
      await linkTree(a, b);
      continue;
    }
    if (await exists(b)) {
      const [sa, sb] = await Promise.all([stat(a), stat(b)]);
      if (sa.ino === sb.ino && sa.dev === sb.dev) continue;
      await rm(b);
    }
    try {
      await link(a, b);
    } catch {
      await copyFile(a, b);
    }
  }
}
