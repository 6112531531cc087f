/**
 * The pipeline, in order. Every command of the CLI is one of these functions.
 *
 *   parse     source -> AST             parse/parser.ts (tree-sitter, then validate.ts)
 *   lower     AST -> IR                lower/lower.ts
 *   infer     IR -> typed IR           infer/infer.ts (+ definite.ts)
 *   emit      typed IR -> crate        emit/rust.ts, emit/abi.ts, emit/manifest.ts, emit/crate.ts
 *   build     crate -> library+header  build/cargo.ts
 *
 * A stage that reports errors stops the pipeline; the diagnostics are returned, never thrown.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Diagnostic, DiagnosticSink } from './diagnostics/diagnostic';
import { parseModule } from './parse/parser';
import { lowerModule } from './lower/lower';
import { inferModule } from './infer/infer';
import { isFunctionOp } from './registry/registry';
import type { TypedModule } from './ir/typed';
import { printTypedModule } from './ir/printer';
import { emitLib, usesChat, usesModels, usesTensor } from './emit/rust';
import { emitAbi } from './emit/abi';
import { buildManifest, type Manifest } from './emit/manifest';
import { writeCrate } from './emit/crate';
import { BuildError, ensureTools, headerToolPath, type Log, releaseDir, runCargo } from './build/cargo';
import { withLibLock } from './build/lock';
import { cargoTargetDir, libFileName } from './build/paths';
import { cacheDirFor, markBuilding, type PruneResult, pruneRunCache, type SourceSpec } from './cache';

export { parseSourceSpec, cacheDirFor, runtimeVersion, compilerVersion, runCacheLimit, pruneRunCache } from './cache';
export type { SourceSpec } from './cache';
import { spawnSync } from 'node:child_process';

export interface FrontendResult {
  typed: TypedModule | undefined;
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

/** Diagnostics show paths relative to the working directory, as rustc does. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** parse, lower and infer. */
export async function frontend(spec: SourceSpec): Promise<FrontendResult> {
  const sink = new DiagnosticSink();
  const file = displayPath(spec.file);
  const sources = new Map<string, string>();
  let source: string;
  try {
    source = fs.readFileSync(spec.file, 'utf8');
  } catch (err) {
    sink.report('E0106', undefined, {
      file,
      reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((err as Error).message),
    });
    return { typed: undefined, diagnostics: sink.items, sources };
  }
  sources.set(file, source);
  const { module } = await parseModule(file, source, sink);
  if (sink.hasErrors) return { typed: undefined, diagnostics: sink.items, sources };
  const ir = lowerModule(module, source, { entry: spec.entry, functionOp: isFunctionOp }, sink);
  if (sink.hasErrors) return { typed: undefined, diagnostics: sink.items, sources };
  const typed = inferModule(ir, ir.entries, sink);
  return { typed: sink.hasErrors ? undefined : typed, diagnostics: sink.items, sources };
}

export async function irText(spec: SourceSpec): Promise<{ text: string | undefined } & FrontendResult> {
  const r = await frontend(spec);
  return { ...r, text: r.typed ? printTypedModule(r.typed) : undefined };
}

export interface CompileOptions {
  outDir: string;
  log?: Log;
  /** Compile the model files into the library instead of placing them next to it. */
  embedWeights?: boolean;
  /** Cargo features of the generated crate: `cuda`, `metal` (GPU backends of the model runtime). */
  features?: string[];
  /** `int8`: the encoders' linear layers run int8 kernels (ingot-models' int8 mode); unset: f32. */
  quantize?: string;
  /**
   * `shared`: build the shared library alone (what `ingot run` loads). The static library bundles the runtime and
   * candle (45-110 MB per module) and is for linking the C ABI into an app; `all` (the default) builds both.
   */
  libraries?: 'all' | 'shared';
}

/** The values `ingot compile --quantize` accepts. */
export const QUANTIZATIONS = ['int8'];

/** The features `ingot compile --features` accepts; each forwards to ingot-models (and so to candle). */
export const CRATE_FEATURES = ['cuda', 'metal'];

export interface CompileResult extends FrontendResult {
  manifest: Manifest | undefined;
  libPath: string | undefined;
  staticLibPath: string | undefined;
  headerPath: string | undefined;
  crateDir: string | undefined;
  /** Set when cargo failed on the generated crate: always an Ingot bug, with the log kept. */
  buildError: BuildError | undefined;
}

/** parse, lower, infer, emit and build, writing DIR/{crate,include,lib,manifest.json}. */
export async function compile(spec: SourceSpec, opts: CompileOptions): Promise<CompileResult> {
  const log = opts.log ?? (() => undefined);
  const features = opts.features ?? [];
  const unknown = features.filter((f) => !CRATE_FEATURES.includes(f));
  if (unknown.length > 0)
    throw new Error(
      `unknown feature ${unknown.map((f) => `\`${f}\``).join(', ')}: the features are ${CRATE_FEATURES.join(', ')}`,
    );
  if (opts.quantize !== undefined && !QUANTIZATIONS.includes(opts.quantize))
    throw new Error(`unknown quantization \`${opts.quantize}\`: --quantize takes ${QUANTIZATIONS.join(', ')}`);
  const quantize = opts.quantize as 'int8' | undefined;
  const sharedOnly = opts.libraries === 'shared';
  const fe = await frontend(spec);
  const empty = {
    manifest: undefined,
    libPath: undefined,
    staticLibPath: undefined,
    headerPath: undefined,
    crateDir: undefined,
    buildError: undefined,
  };
  if (!fe.typed) return { ...fe, ...empty };
  const typed = fe.typed;
  const source = fe.sources.values().next().value as string;
  const outDir = path.resolve(opts.outDir);
  const crateDir = path.join(outDir, 'crate');
  const manifest = buildManifest(typed, path.basename(spec.file), { quantize });
  const libName = manifest.crate.lib;
  const libRs = emitLib(typed, source, { embedWeights: opts.embedWeights, quantize });
  const abiRs = emitAbi(typed, manifest);
  writeCrate(crateDir, {
    libName,
    symbolPrefix: manifest.symbol_prefix,
    packageName: manifest.crate.package,
    libRs,
    abiRs,
    usesTensor: usesTensor(libRs + abiRs),
    usesModels: usesModels(libRs + abiRs),
    usesChat: usesChat(libRs + abiRs),
  });
  copyResources(typed, path.join(outDir, 'resources'), log);
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  try {
    await ensureTools(log);
  } catch (err) {
    if (err instanceof BuildError) return { ...fe, ...empty, manifest, crateDir, buildError: err };
    throw err;
  }
  const built = await withLibLock(libName, log, async () => {
    try {
      log(`ingot: building ${typed.module.name} (target dir ${cargoTargetDir()})`);
      // Every build of a module names its library the same (`release/libingot_<module>.so`), and cargo writes a
      // cdylib without a hash in its name, so a build of the same module from another source (other weights, another
      // folder) may have replaced that file while this crate's fingerprint still says fresh. Touching the crate's
      // lib.rs makes cargo rebuild this one small crate, so the file copied below is this crate's.
      const now = new Date();
      fs.utimesSync(path.join(crateDir, 'src', 'lib.rs'), now, now);
      // `cargo rustc --crate-type` overrides the manifest's crate types for this one build.
      const only = sharedOnly
        ? ['rustc', '--release', '--lib', '--crate-type', 'cdylib']
        : ['build', '--release', '--lib'];
      await runCargo(
        [...only, ...(features.length > 0 ? ['--features', features.join(',')] : [])],
        crateDir,
        log,
        path.join(outDir, 'cargo.log'),
      );
    } catch (err) {
      if (err instanceof BuildError) return err;
      throw err;
    }
    const libDir = path.join(outDir, 'lib');
    fs.mkdirSync(libDir, { recursive: true });
    const libFile = libFileName(libName);
    const staticName = process.platform === 'win32' ? `${libName}.lib` : `lib${libName}.a`;
    copyAtomic(path.join(releaseDir(), libFile), path.join(libDir, libFile));
    if (sharedOnly) return { libPath: path.join(libDir, libFile), staticLibPath: undefined };
    copyAtomic(path.join(releaseDir(), staticName), path.join(libDir, staticName));
    return { libPath: path.join(libDir, libFile), staticLibPath: path.join(libDir, staticName) };
  });
  if (built instanceof BuildError) return { ...fe, ...empty, manifest, crateDir, buildError: built };
  const { libPath, staticLibPath } = built;
  const headerPath = path.join(outDir, 'include', `${libName}.h`);
  fs.mkdirSync(path.dirname(headerPath), { recursive: true });
  const h = spawnSync(headerToolPath(), [crateDir, headerPath], { encoding: 'utf8' });
  if (h.status !== 0) {
    const logFile = path.join(outDir, 'cbindgen.log');
    fs.writeFileSync(logFile, `${h.stdout ?? ''}${h.stderr ?? ''}`);
    return { ...fe, ...empty, manifest, crateDir, buildError: new BuildError('cbindgen failed', logFile) };
  }
  return { ...fe, manifest, libPath, staticLibPath, headerPath, crateDir, buildError: undefined };
}

export interface RunCacheResult extends CompileResult {
  /** The cache entry the library is in (its paths point there), or undefined when nothing was built. */
  entry: string | undefined;
  /** What pruning the cache after the new entry removed. */
  pruned: PruneResult | undefined;
}

/**
 * Compiles a source into `ingot run`'s cache entry (`cacheDirFor`): the shared library alone, then the cache pruned to
 * `limit` bytes (`$INGOT_CACHE_MAX_SIZE`), the new entry kept. A build failure keeps its entry, and so the log the
 * report names, until pruning takes it.
 */
export async function compileForRun(
  spec: SourceSpec,
  source: string,
  opts: { log?: Log; limit?: number } = {},
): Promise<RunCacheResult> {
  const entry = cacheDirFor(spec, source);
  const done = markBuilding(entry);
  let r: CompileResult;
  try {
    r = await compile(spec, { outDir: entry, libraries: 'shared', log: opts.log });
  } finally {
    done();
  }
  // A diagnostic stops the compile before it writes anything: the folder goes again.
  if (!r.libPath && !r.buildError) fs.rmSync(entry, { recursive: true, force: true });
  if (!r.libPath) return { ...r, entry: undefined, pruned: undefined };
  return { ...r, entry, pruned: pruneRunCache(entry, opts.limit) };
}

/**
 * Places each resource's files in DIR/resources/<name>/, next to the library. Hard links
 * where the file system allows (weights are large), copies otherwise.
 */
function copyResources(typed: TypedModule, dir: string, log: Log): void {
  for (const r of typed.module.resources.values()) {
    for (const f of r.files) {
      const dest = path.join(dir, r.name, f.rel);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.rmSync(dest, { force: true });
      try {
        fs.linkSync(f.abs, dest);
      } catch {
        if (f.size > 10_000_000) log(`ingot: copying ${f.rel} of ${r.id} (${(f.size / 1e6).toFixed(0)} MB)`);
        fs.copyFileSync(f.abs, dest);
      }
    }
  }
}

/** Copies through a temporary name, so a reader never sees a half-written library. */
function copyAtomic(from: string, to: string): void {
  const tmp = `${to}.tmp${process.pid}`;
  fs.copyFileSync(from, tmp);
  fs.renameSync(tmp, to);
}
