// The platform targets (targets/targets.json at the repository root): the single description of
// Rust triples, library names and per-language packaging names that every generator reads.

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Target {
  id: string;
  rustTriple: string;
  os: string;
  cpu: string;
  libc?: string;
  simulator?: boolean;
  library: { shared: string | null; static: string | null };
  node?: { key: string };
  python?: { platformTag: string };
  jna?: { resourcePrefix: string };
  kotlin?: { jniLibs: string };
  swift?: { xcframeworkSlice: string };
  build: string;
}

const FILE = path.resolve(__dirname, '..', '..', '..', '..', 'targets', 'targets.json');

let cache: Target[] | undefined;

export function allTargets(): Target[] {
  cache ??= Object.entries(
    (JSON.parse(fs.readFileSync(FILE, 'utf8')) as { targets: Record<string, Omit<Target, 'id'>> }).targets,
  ).map(([id, t]) => ({ id, ...t }));
  return cache;
}

/** The target this machine builds: the one whose os and cpu are the host's (Android and iOS are never hosts). */
export function hostTarget(): Target {
  const t = allTargets().find((x) => x.os === process.platform && x.cpu === process.arch && !x.simulator);
  if (!t) throw new Error(`no target in targets/targets.json for the host ${process.platform}-${process.arch}`);
  return t;
}
