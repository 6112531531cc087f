/**
 * Cache keys for compiled output: the source, the entry, the compiler's and the native
 * crates' versions, and where model ids resolve. Kept apart from the pipeline so that a
 * cached `ingot run` loads neither the parser nor the registry.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheHome, NATIVE_RUST } from './build/paths';

export interface SourceSpec {
  file: string;
  entry: string | undefined;
}

/** Splits `path/to/file.py:func` into the file and the entry function. */
export function parseSourceSpec(spec: string): SourceSpec {
  const m = /^(.*\.py):([A-Za-z_][A-Za-z0-9_]*)$/.exec(spec);
  if (m) return { file: m[1]!, entry: m[2]! };
  return { file: spec, entry: undefined };
}

let runtimeHash: string | undefined;

/** A hash of the native crates' sources (runtime, tensor, models) and the lock file: part of every cache key. */
export function runtimeVersion(): string {
  if (runtimeHash) return runtimeHash;
  const h = createHash('sha256');
  // Size and modification time stand for content: hashing every source on each cached run would cost more than the run.
  const visit = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else {
        const st = fs.statSync(p);
        h.update(`${p.slice(NATIVE_RUST.length)}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  for (const crate of ['runtime', 'tensor', 'models']) {
    visit(path.join(NATIVE_RUST, crate, 'src'));
    const toml = path.join(NATIVE_RUST, crate, 'Cargo.toml');
    if (fs.existsSync(toml)) h.update(fs.readFileSync(toml));
  }
  const lock = path.join(NATIVE_RUST, 'Cargo.lock');
  if (fs.existsSync(lock)) h.update(fs.readFileSync(lock));
  runtimeHash = h.digest('hex').slice(0, 16);
  return runtimeHash;
}

/** The cache directory for a compiled source: keyed by the source text, the entry, and the compiler and runtime versions. */
export function cacheDirFor(spec: SourceSpec, source: string): string {
  const h = createHash('sha256');
  h.update(source);
  h.update(`\0${spec.entry ?? ''}\0${compilerVersion()}\0${runtimeVersion()}`);
  // Where model ids resolve is part of the input: the same source may name other weights.
  for (const k of ['HF_HUB_CACHE', 'HUGGINGFACE_HUB_CACHE', 'HF_HOME', 'XDG_CACHE_HOME'])
    h.update(`\0${process.env[k] ?? ''}`);
  return path.join(runCacheRoot(), h.digest('hex').slice(0, 24));
}

// ---- the `ingot run` cache ----------------------------------------------------------------------------------------
// One folder per compiled source under <cache>/compiled, holding what the run needs: the shared library, its manifest,
// the generated crate and the resources (hard links to the weights where the file system allows). It is bounded like
// ccache: past $INGOT_CACHE_MAX_SIZE the least recently used folders go. A compile marks its folder while it builds, so
// the pruning of another process leaves it alone.

/** Where `ingot run` keeps its compiled sources. */
export function runCacheRoot(): string {
  return path.join(cacheHome(), 'compiled');
}

/** The run cache's default size limit. */
export const DEFAULT_RUN_CACHE_LIMIT = 2 * 1024 ** 3;

/**
 * The run cache's size limit in bytes: `$INGOT_CACHE_MAX_SIZE` as a byte count or with a K, M or G suffix (powers of
 * 1024), `0` for no limit; 2G when unset. A value that is none of these throws, with the forms in the message.
 */
export function runCacheLimit(env: string | undefined = process.env.INGOT_CACHE_MAX_SIZE): number {
  if (env === undefined || env.trim() === '') return DEFAULT_RUN_CACHE_LIMIT;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*$/i.exec(env);
  if (!m)
    throw new Error(`INGOT_CACHE_MAX_SIZE is \`${env}\`: expected a size such as 500M, 2G or 1048576 (0: no limit)`);
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Math.round(Number(m[1]) * unit);
}

/** Marks a cache entry used now: pruning goes by the manifest's modification time, least recent first. */
export function markUsed(entry: string): void {
  const now = new Date();
  try {
    fs.utimesSync(path.join(entry, 'manifest.json'), now, now);
  } catch {
    // An entry pruned by another process since it was found: the run already has its library open.
  }
}

const BUILDING = '.building-';

/**
 * Marks an entry as being compiled by this process until `done` is called: pruning in another process leaves it
 * alone. The library finds its resources through the path its crate was built at, so an entry is built in place.
 */
export function markBuilding(entry: string): () => void {
  fs.mkdirSync(entry, { recursive: true });
  const marker = path.join(entry, `${BUILDING}${process.pid}`);
  fs.writeFileSync(marker, '');
  return () => fs.rmSync(marker, { force: true });
}

/** True when a live process is compiling into the entry (a dead one's marker does not count). */
function beingBuilt(entry: string): boolean {
  let names: string[];
  try {
    names = fs.readdirSync(entry);
  } catch {
    return false;
  }
  return names.some((n) => {
    if (!n.startsWith(BUILDING)) return false;
    const pid = Number(n.slice(BUILDING.length));
    if (pid === process.pid) return true;
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  });
}

/** Bytes on disk under a folder; a file with n hard links (weights linked from the model cache) counts 1/n. */
function treeBytes(dir: string): number {
  let total = 0;
  let items: fs.Dirent[];
  try {
    items = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of items) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += treeBytes(p);
    else {
      try {
        const st = fs.lstatSync(p);
        total += st.size / Math.max(1, st.nlink);
      } catch {
        // removed meanwhile
      }
    }
  }
  return total;
}

export interface PruneResult {
  removed: number;
  freedBytes: number;
  keptBytes: number;
}

/**
 * Removes the least recently used entries until the cache fits in `limit` bytes (0: no limit), never `keep` (the
 * entry the caller is about to run) nor one another process is compiling into.
 */
export function pruneRunCache(keep: string | undefined, limit: number = runCacheLimit()): PruneResult {
  const root = runCacheRoot();
  const result: PruneResult = { removed: 0, freedBytes: 0, keptBytes: 0 };
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return result;
  }
  const entries: { dir: string; used: number; bytes: number }[] = [];
  for (const name of names) {
    const dir = path.join(root, name);
    const bytes = treeBytes(dir);
    let used = 0;
    try {
      used = fs.statSync(path.join(dir, 'manifest.json')).mtimeMs;
    } catch {
      // no manifest: a compile that stopped at a diagnostic or an older layout; first out
    }
    entries.push({ dir, used, bytes });
  }
  let total = entries.reduce((a, e) => a + e.bytes, 0);
  entries.sort((a, b) => a.used - b.used);
  for (const e of entries) {
    if (limit > 0 && total > limit && e.dir !== keep && !beingBuilt(e.dir)) {
      fs.rmSync(e.dir, { recursive: true, force: true });
      total -= e.bytes;
      result.removed++;
      result.freedBytes += e.bytes;
    }
  }
  result.keptBytes = total;
  return result;
}

let compilerHash: string | undefined;

/** A hash of the compiler's own built files, so that a new compiler never reuses old output. */
export function compilerVersion(): string {
  if (compilerHash) return compilerHash;
  const h = createHash('sha256');
  const visit = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (p.endsWith('.js')) {
        h.update(fs.statSync(p).size.toString());
        h.update(String(fs.statSync(p).mtimeMs));
      }
    }
  };
  visit(__dirname);
  compilerHash = h.digest('hex').slice(0, 16);
  return compilerHash;
}
