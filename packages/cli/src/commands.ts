/**
 * The commands of the `ingot` CLI as functions. Each returns an exit code and writes to the
 * given streams; none throws for bad user input. main.ts parses argv into these calls.
 * Exit codes: 0 success, 1 the compiled function raised (or got bad arguments) at run time,
 * 2 a compile diagnostic or a usage error.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompileResult, FrontendResult } from '@ingot/compiler';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const stdio: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

type Compiler = typeof import('@ingot/compiler');
let compilerModule: Compiler | undefined;
/** The compiler is loaded on first use, so a cached `ingot run` does not pay for tree-sitter. */
function compiler(): Compiler {
  compilerModule ??= require('@ingot/compiler') as Compiler;
  return compilerModule;
}

function reportFrontend(r: FrontendResult, io: Io, json: boolean): void {
  const c = compiler();
  if (json) io.err(`${c.diagnosticsToJson(r.diagnostics)}\n`);
  else if (r.diagnostics.length) io.err(`${c.renderDiagnostics(r.diagnostics, r.sources)}\n`);
}

function reportBuild(r: CompileResult, io: Io, features: string[] = []): void {
  const e = r.buildError!;
  if (e.machine) {
    const m = compiler().CATALOG.E0402;
    io.err(
      `error[E0402]: ${m.message}\n  = note: ${e.message}\n  = help: ${m.help
        .replace('{cause}', e.machine)
        .replace('{dir}', r.crateDir ?? '?')
        .replace('{log}', e.logFile)}\n`,
    );
    return;
  }
  const entry = compiler().CATALOG.E0401;
  // A GPU feature needs its toolchain; without it cargo fails in a build script, which is not an Ingot bug.
  const gpu =
    features.length > 0
      ? `  = note: built with --features ${features.join(',')}: \`cuda\` needs the CUDA toolkit (nvcc on PATH), \`metal\` an Apple target; the log at ${e.logFile} names what is missing\n`
      : '';
  io.err(
    `error[E0401]: ${entry.message}\n  = note: ${e.message}\n${gpu}  = help: ${entry.help.replace('{dir}', r.crateDir ?? '?').replace('{log}', e.logFile)}\n`,
  );
}

export interface RunOptions {
  args?: string;
  json?: boolean;
  quiet?: boolean;
}

/** The cache-key and tool modules alone: a cached run needs nothing else. */
function light(): typeof import('@ingot/compiler/dist/cache') & typeof import('@ingot/compiler/dist/build/cargo') {
  return {
    ...(require('@ingot/compiler/dist/cache') as typeof import('@ingot/compiler/dist/cache')),
    ...(require('@ingot/compiler/dist/build/cargo') as typeof import('@ingot/compiler/dist/build/cargo')),
  };
}

export async function run(spec: string, opts: RunOptions, io: Io = stdio): Promise<number> {
  const c = light();
  const src = c.parseSourceSpec(spec);
  if (src.entry === undefined) {
    io.err(`error: \`ingot run\` needs FILE.py:FUNC, got \`${spec}\`\n`);
    return 2;
  }
  let source: string;
  try {
    source = fs.readFileSync(src.file, 'utf8');
  } catch {
    io.err(`error: cannot read \`${src.file}\`\n`);
    return 2;
  }
  const argsJson = opts.args ?? '{}';
  let limit: number;
  try {
    limit = c.runCacheLimit();
  } catch (err) {
    io.err(`error: ${(err as Error).message}\n`);
    return 2;
  }
  const dir = c.cacheDirFor(src, source);
  let libPath: string;
  const cached = cachedLibPath(dir);
  if (cached) {
    libPath = cached;
    c.markUsed(dir);
  } else {
    // The run loads the shared library alone: the static one (the runtime and candle bundled, 45-110 MB) stays unbuilt.
    const r = await compiler().compileForRun(src, source, {
      limit,
      log: opts.quiet ? undefined : (l) => io.err(`${l}\n`),
    });
    reportFrontend(r, io, opts.json ?? false);
    if (r.buildError) {
      reportBuild(r, io);
      return 2;
    }
    if (!r.libPath) return 2;
    libPath = r.libPath;
    if (r.pruned && r.pruned.removed > 0 && !opts.quiet)
      io.err(
        `ingot: run cache over ${(limit / 1024 ** 2).toFixed(0)} MiB (INGOT_CACHE_MAX_SIZE): removed the ${r.pruned.removed} least recently used, ${(r.pruned.freedBytes / 1024 ** 2).toFixed(0)} MiB\n`,
      );
  }
  await c.ensureTools(opts.quiet ? () => undefined : (l) => io.err(`${l}\n`));
  const p = spawnSync(c.runnerPath(), [libPath, src.entry, argsJson], { encoding: 'utf8' });
  if (p.stdout) io.out(p.stdout);
  if (p.stderr) io.err(p.stderr);
  if (p.status === 0) return 0;
  if (p.status === null) {
    io.err(`error: the native runner was killed by ${p.signal}\n`);
    return 1;
  }
  // The runner's codes: 1 raised or panicked, 3 bad arguments or unknown function, 4 load failure.
  return p.status === 4 ? 2 : 1;
}

/** The shared library of a cache entry, named by its manifest (the compiler decides the name), or undefined. */
function cachedLibPath(dir: string): string | undefined {
  let libName: unknown;
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { crate?: { lib?: unknown } };
    libName = m.crate?.lib;
  } catch {
    return undefined;
  }
  if (typeof libName !== 'string') return undefined;
  const file = path.join(
    dir,
    'lib',
    process.platform === 'darwin'
      ? `lib${libName}.dylib`
      : process.platform === 'win32'
        ? `${libName}.dll`
        : `lib${libName}.so`,
  );
  return fs.existsSync(file) ? file : undefined;
}

export interface CompileCliOptions {
  out?: string;
  json?: boolean;
  quiet?: boolean;
  embedWeights?: boolean;
  features?: string;
  quantize?: string;
}

export async function compileCommand(spec: string, opts: CompileCliOptions, io: Io = stdio): Promise<number> {
  if (!opts.out) {
    io.err('error: `ingot compile` needs --out DIR\n');
    return 2;
  }
  const c = compiler();
  const features = (opts.features ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = features.filter((f) => !c.CRATE_FEATURES.includes(f));
  if (unknown.length > 0) {
    io.err(
      `error: unknown feature ${unknown.map((f) => `\`${f}\``).join(', ')}\n  = help: --features takes ${c.CRATE_FEATURES.join(', ')}\n`,
    );
    return 2;
  }
  // `none` is spelled out so that scripts (the nx targets) can always pass the option.
  const quantize = opts.quantize === undefined || opts.quantize === 'none' ? undefined : opts.quantize;
  if (quantize !== undefined && !c.QUANTIZATIONS.includes(quantize)) {
    io.err(
      `error: unknown quantization \`${quantize}\`\n  = help: --quantize takes ${[...c.QUANTIZATIONS, 'none'].join(', ')}\n`,
    );
    return 2;
  }
  const r = await c.compile(c.parseSourceSpec(spec), {
    outDir: opts.out,
    embedWeights: opts.embedWeights,
    features,
    quantize,
    log: opts.quiet ? undefined : (l) => io.err(`${l}\n`),
  });
  reportFrontend(r, io, opts.json ?? false);
  if (r.buildError) {
    reportBuild(r, io, features);
    return 2;
  }
  if (!r.libPath) return 2;
  if (quantize && !r.manifest!.resources.some((res) => res.quantization === quantize))
    io.err(
      `warning: --quantize ${quantize} changed nothing: the module loads no encoder model (AutoModel, SentenceTransformer, CrossEncoder, AutoModelForSequenceClassification)\n`,
    );
  io.out(
    `${JSON.stringify({ out: path.resolve(opts.out), library: r.libPath, static_library: r.staticLibPath, header: r.headerPath, manifest: path.join(path.resolve(opts.out), 'manifest.json'), functions: r.manifest!.functions.map((f) => f.signature) }, null, 2)}\n`,
  );
  return 0;
}

export async function ir(spec: string, opts: { json?: boolean }, io: Io = stdio): Promise<number> {
  const c = compiler();
  const src = c.parseSourceSpec(spec);
  const r = await c.irText(src);
  reportFrontend(r, io, opts.json ?? false);
  if (!r.text) return 2;
  io.out(r.text);
  return 0;
}

export interface BindingsOptions {
  lang?: string;
  out?: string;
  name?: string;
  quiet?: boolean;
}

const LANGS = ['node', 'python', 'swift', 'kotlin'];

export async function bindings(dir: string, opts: BindingsOptions, io: Io = stdio): Promise<number> {
  if (!opts.lang || !LANGS.includes(opts.lang)) {
    io.err(`error: --lang must be one of ${LANGS.join(', ')}${opts.lang ? `, got \`${opts.lang}\`` : ''}\n`);
    return 2;
  }
  if (!opts.out) {
    io.err('error: `ingot bindings` needs --out DIR\n');
    return 2;
  }
  if (!fs.existsSync(path.join(dir, 'manifest.json')) || !fs.existsSync(path.join(dir, 'crate', 'Cargo.toml'))) {
    io.err(
      `error: \`${dir}\` is not the output of \`ingot compile\` (no manifest.json and crate/)\n  = help: run \`ingot compile FILE.py --out ${dir}\` first\n`,
    );
    return 2;
  }
  const log = opts.quiet ? () => undefined : (l: string) => io.err(`${l}\n`);
  let generator: Generator;
  try {
    generator = loadGenerator(opts.lang);
  } catch {
    io.err(`error: bindings for ${opts.lang} are not available in this build of Ingot\n`);
    return 2;
  }
  try {
    const r = await generator.generate({
      compileDir: path.resolve(dir),
      outDir: path.resolve(opts.out),
      projectName: opts.name,
      log,
    });
    io.out(`${r.packageDir}\n`);
    return 0;
  } catch (err) {
    io.err(`error: generating the ${opts.lang} package failed: ${(err as Error).message}\n`);
    return 2;
  }
}

export interface ServeOptions {
  host?: string;
  port?: string;
  maxInputs?: string;
  maxInputChars?: string;
  maxBodyBytes?: string;
  maxBatch?: string;
  apiKey?: string;
}

/** `ingot serve MODEL=DIR ...`: runs @ingot/server until SIGTERM/SIGINT. */
export async function serve(models: string[], opts: ServeOptions, io: Io = stdio): Promise<number> {
  let server: { serveCommand: (specs: string[], o: ServeOptions, io: Io) => Promise<number> };
  try {
    server = require('@ingot/server') as typeof server;
  } catch {
    io.err('error: `ingot serve` is not available in this build of Ingot (no @ingot/server)\n');
    return 2;
  }
  return server.serveCommand(models, opts, io);
}

/** What every language's binding generator exports: one function from a compile dir to a package. */
interface Generator {
  generate: (o: {
    compileDir: string;
    outDir: string;
    projectName?: string;
    log?: (l: string) => void;
  }) => Promise<{ packageDir: string }>;
}

function loadGenerator(lang: string): Generator {
  switch (lang) {
    case 'node': {
      const m = require('@ingot/bindings-node') as {
        generateNodePackage: (o: {
          compileDir: string;
          outDir: string;
          projectName?: string;
          log?: (l: string) => void;
        }) => Promise<{ packageDir: string }>;
      };
      return { generate: m.generateNodePackage };
    }
    case 'python': {
      const m = require('@ingot/bindings-python') as {
        generatePythonPackage: (o: {
          compileDir: string;
          outDir: string;
          projectName?: string;
          log?: (l: string) => void;
        }) => Promise<{ packageDir: string }>;
      };
      return { generate: m.generatePythonPackage };
    }
    case 'kotlin': {
      const m = require('@ingot/bindings-kotlin') as {
        generateKotlinPackage: (o: {
          compileDir: string;
          outDir: string;
          projectName?: string;
          log?: (l: string) => void;
        }) => Promise<{ packageDir: string }>;
      };
      return { generate: m.generateKotlinPackage };
    }
    case 'swift': {
      const m = require('@ingot/bindings-swift') as {
        generateSwiftPackage: (o: {
          compileDir: string;
          outDir: string;
          projectName?: string;
          log?: (l: string) => void;
        }) => Promise<{ packageDir: string }>;
      };
      return { generate: m.generateSwiftPackage };
    }
    default:
      throw new Error(`no generator for ${lang}`);
  }
}
