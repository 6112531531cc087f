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
  return path.join(cacheHome(), 'compiled', h.digest('hex').slice(0, 24));
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
