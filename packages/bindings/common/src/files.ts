// Writing generated files: parents are created, and an unchanged file keeps its mtime so cargo and kotlinc do not redo work;
// model files are mirrored into packages as plain files.

import {
  access,
  constants,
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
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
 * Mirrors a folder as plain files, for the compiled module's resources/ in a package. Every file gets its own inode (a
 * copy-on-write clone where the file system has them, else a copy), never a hard link: the compile dir links its model files
 * to the Hugging Face cache's blobs, where two paths can be one blob (a tokenizer's and a model's `config.json`), and
 * `npm pack` writes the second path of a hard-linked file as a tar link entry that npm's extraction drops. Entries of `to`
 * that `from` lacks are removed. A plain file whose size and mtime match its source is kept, so regenerating a package does
 * not copy the weights again; anything else is removed before copying, because copying onto a hard link would overwrite
 * the shared inode, the cache's own file among them.
 */
export async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  const names = new Set(entries.map((e) => e.name));
  for (const name of await readdir(to)) {
    if (!names.has(name)) await rm(path.join(to, name), { recursive: true, force: true });
  }
  for (const e of entries) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    const sa = await stat(a);
    const sb = await lstat(b).catch(() => null);
    if (sa.isDirectory()) {
      if (sb && !sb.isDirectory()) await rm(b, { force: true });
      await copyTree(a, b);
      continue;
    }
    if (sb?.isFile() && sb.nlink === 1 && sb.size === sa.size && Math.abs(sb.mtimeMs - sa.mtimeMs) < 1) continue;
    if (sb) await rm(b, { recursive: true, force: true });
    await copyFile(a, b, constants.COPYFILE_FICLONE);
    await utimes(b, sa.atime, sa.mtime);
  }
}
