// Vendoring the Rust crates a package's native crate depends on by path (the compiled crate, ingot-runtime and whatever
// they name by path in turn) into the package, so its `native/` builds from the package folder alone. Input is the crate
// directories the native crate names; output is a copy of each under one folder, with manifests that stand alone, and the
// relative paths the native crate's Cargo.toml should use. The generators build the package's crate against the
// checkout's own crates (one build of the runtime shared by every package); the vendored copies are for the package's
// users (build-android.sh, build-xcframework.sh).

import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { exists, writeFiles } from './files';

/** Tables a dependency crate's manifest does not need, and which would not resolve or would be ignored in the copy. */
const DROPPED_TABLES = /^(workspace|profile(\..*)?|dev-dependencies|target\..*\.dev-dependencies|example|bench|test)$/;

/** Tables whose `path = "..."` entries name dependency crates. */
const DEPENDENCY_TABLES = /^((target\..*\.)?(dependencies|build-dependencies))(\..*)?$/;

interface Section {
  /** The table name without brackets (`dependencies`, `target.'cfg(unix)'.dependencies`); '' before the first header. */
  name: string;
  lines: string[];
}

function sections(manifest: string): Section[] {
  const out: Section[] = [{ name: '', lines: [] }];
  for (const line of manifest.split('\n')) {
    const m = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (m) {
      // Comments right above a header belong to its table, so they go (or stay) with it.
      const prev = out[out.length - 1]!.lines;
      let k = prev.length;
      while (k > 0 && /^\s*#/.test(prev[k - 1]!)) k--;
      out.push({ name: m[1]!, lines: [...prev.splice(k), line] });
    } else out[out.length - 1]!.lines.push(line);
  }
  return out;
}

/** The `[package] name` of a manifest. */
function packageName(manifest: string, dir: string): string {
  const pkg = sections(manifest).find((s) => s.name === 'package');
  const name = pkg?.lines.map((l) => /^\s*name\s*=\s*"([^"]+)"/.exec(l)?.[1]).find(Boolean);
  if (!name) throw new Error(`${dir}/Cargo.toml has no [package] name`);
  return name;
}

/** The `path = "..."` dependencies of a manifest, resolved against its directory. */
function pathDependencies(manifest: string, dir: string): string[] {
  return sections(manifest)
    .filter((s) => DEPENDENCY_TABLES.test(s.name))
    .flatMap((s) => s.lines.flatMap((l) => [...l.matchAll(/\bpath\s*=\s*"([^"]+)"/g)].map((m) => m[1]!)))
    .map((p) => path.resolve(dir, p));
}

/** `[workspace.package]` of the workspace that holds `dir`, as key to TOML value text; empty when there is none. */
async function workspacePackage(dir: string): Promise<Map<string, string>> {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const manifest = path.join(d, 'Cargo.toml');
    if (await exists(manifest)) {
      const ws = sections(await readFile(manifest, 'utf8')).find((s) => s.name === 'workspace.package');
      if (ws) {
        return new Map(
          ws.lines.flatMap((l) => {
            const m = /^\s*([\w-]+)\s*=\s*(.+?)\s*$/.exec(l);
            return m ? [[m[1]!, m[2]!] as [string, string]] : [];
          }),
        );
      }
    }
    if (path.dirname(d) === d) return new Map();
  }
}

/**
 * The manifest of a crate as its copy needs it: fields inherited from the workspace written out, path dependencies
 * pointing at the other copies, and the tables only a workspace member uses (profiles, dev-dependencies, examples,
 * benches, tests, a `[workspace]` of its own) left out.
 */
async function standaloneManifest(
  manifest: string,
  dir: string,
  copyOf: (dep: string) => string,
  here: string,
): Promise<string> {
  const inherited = await workspacePackage(dir);
  const kept = sections(manifest).filter((s) => !DROPPED_TABLES.test(s.name));
  return (
    kept
      .map((s) => {
        let lines = s.lines;
        if (s.name === 'package') {
          lines = lines.map((l) => {
            const m = /^(\s*)([\w-]+)\.workspace\s*=\s*true\s*$/.exec(l);
            if (!m) return l;
            const value = inherited.get(m[2]!);
            if (value === undefined) throw new Error(`${dir}/Cargo.toml: ${m[2]} comes from a workspace that lacks it`);
            return `${m[1]}${m[2]} = ${value}`;
          });
        }
        if (DEPENDENCY_TABLES.test(s.name)) {
          lines = lines.map((l) => {
            if (/\bworkspace\s*=\s*true/.test(l)) {
              throw new Error(`${dir}/Cargo.toml: workspace dependencies cannot be vendored (${l.trim()})`);
            }
            return l.replace(/\bpath\s*=\s*"([^"]+)"/g, (_, p: string) => {
              const rel = path
                .relative(here, copyOf(path.resolve(dir, p)))
                .split(path.sep)
                .join('/');
              return `path = ${JSON.stringify(rel)}`;
            });
          });
        }
        return lines.join('\n');
      })
      .join('\n')
      .trimEnd() + '\n'
  );
}

/** Copies a crate's sources: everything but build output, tests, examples and benches, which the copy never builds. */
async function copySources(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    if (['target', 'tests', 'examples', 'benches', 'Cargo.toml', 'Cargo.lock'].includes(e.name)) continue;
    if (e.name.startsWith('.')) continue;
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) await copySources(a, b);
    else if (e.isFile()) await copyFile(a, b);
  }
}

/**
 * Copies `crates` and every crate they depend on by path, transitively, into `vendorDir/<package name>/`, replacing what
 * was there. Returns the copy of each crate directory given (absolute source directory to absolute copy).
 */
export async function vendorPathCrates(crates: string[], vendorDir: string): Promise<Map<string, string>> {
  const manifests = new Map<string, string>();
  const names = new Map<string, string>();
  const queue = crates.map((c) => path.resolve(c));
  while (queue.length) {
    const dir = queue.shift()!;
    if (manifests.has(dir)) continue;
    const manifest = await readFile(path.join(dir, 'Cargo.toml'), 'utf8').catch(() => {
      throw new Error(`${dir}/Cargo.toml is missing: a path dependency that cannot be vendored`);
    });
    manifests.set(dir, manifest);
    const name = packageName(manifest, dir);
    const clash = [...names].find(([d, n]) => n === name && d !== dir);
    if (clash) throw new Error(`two crates named ${name} to vendor: ${clash[0]} and ${dir}`);
    names.set(dir, name);
    queue.push(...pathDependencies(manifest, dir));
  }
  await rm(vendorDir, { recursive: true, force: true });
  const copyOf = (dir: string) => path.join(vendorDir, names.get(dir)!);
  for (const [dir, manifest] of manifests) {
    const to = copyOf(dir);
    await copySources(dir, to);
    await writeFiles(to, { 'Cargo.toml': await standaloneManifest(manifest, dir, copyOf, to) });
  }
  return new Map(crates.map((c) => [path.resolve(c), copyOf(path.resolve(c))]));
}
