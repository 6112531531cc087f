/**
 * The build stage: runs cargo on a generated crate in the shared target dir and copies the
 * libraries out; builds the native tools (ingot-runner, ingot-header) once per machine.
 * Cargo's "Compiling ..." lines are forwarded as progress, since a cold build of the runtime
 * takes a while; everything else cargo prints goes to a log file.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cargoTargetDir, exeName, NATIVE_RUST } from './paths';

export type Log = (line: string) => void;

/** Cargo's summary line for a crate that compiled with warnings, e.g. "warning: `fma` (lib) generated 1 warning". */
const CARGO_WARNING_SUMMARY = /^warning: `[^`]+` \([^)]*\) generated \d+ warnings?/;

export class BuildError extends Error {
  constructor(
    message: string,
    readonly logFile: string,
    /** What on the machine stopped the build, when cargo's output says (`machineCause`): not an Ingot bug. */
    readonly machine?: string,
  ) {
    super(message);
  }
}

/**
 * What in cargo's output says that the machine, not the generated crate, failed the build: a full disk (the
 * linker then often dies of SIGBUS writing its output), a compiler killed for memory, a missing C linker.
 */
export function machineCause(output: string): string | undefined {
  if (/No space left on device|\bENOSPC\b/.test(output))
    return `the disk is full (No space left on device): free space on the disk of the shared cargo target dir ${cargoTargetDir()}; \`ingot run\`'s cache stays under INGOT_CACHE_MAX_SIZE, the target dir grows until deleted`;
  if (/signal: 9, SIGKILL|\(signal: 9\)/.test(output))
    return 'a compiler process was killed (SIGKILL), most often by the kernel when memory runs out: free memory or build with fewer jobs (CARGO_BUILD_JOBS=1)';
  const linker = /linker `([^`]+)` not found/.exec(output);
  if (linker) return `the C linker \`${linker[1]}\` is not installed (Rust needs one to link a library)`;
  return undefined;
}

/** Runs cargo with the shared target dir; resolves when it succeeds, rejects with a BuildError. */
export function runCargo(args: string[], cwd: string, log: Log, logFile: string): Promise<void> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('cargo', args, {
      cwd,
      env: { ...process.env, CARGO_TARGET_DIR: cargoTargetDir(), CARGO_TERM_COLOR: 'never' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: string[] = [];
    let pending = '';
    const onData = (d: Buffer): void => {
      const text = d.toString();
      chunks.push(text);
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) {
        const m = /^\s*(Compiling|Downloaded|Finished)\s+(.*)$/.exec(l);
        if (m) log(`  ${m[1]!.toLowerCase()} ${m[2]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => {
      fs.writeFileSync(logFile, chunks.join(''));
      reject(new BuildError(`cannot run cargo: ${err.message}`, logFile));
    });
    child.on('close', (code) => {
      fs.writeFileSync(logFile, chunks.join(''));
      const warned = chunks
        .join('')
        .split('\n')
        .filter((l) => CARGO_WARNING_SUMMARY.test(l));
      if (code === 0 && warned.length > 0 && process.env.INGOT_DENY_WARNINGS === '1') {
        reject(
          new BuildError(
            `the generated crate built with warnings (INGOT_DENY_WARNINGS=1): ${warned.join('; ')}`,
            logFile,
          ),
        );
      } else if (code === 0) {
        const secs = (Date.now() - started) / 1000;
        if (secs > 2) log(`  built in ${secs.toFixed(1)} s`);
        resolve();
      } else {
        reject(new BuildError(`cargo exited with ${code}`, logFile, machineCause(chunks.join(''))));
      }
    });
  });
}

export function releaseDir(): string {
  return path.join(cargoTargetDir(), 'release');
}

let toolsReady: Promise<void> | undefined;

/** Builds ingot-runner and ingot-header once per process (cargo makes later builds no-ops). */
export function ensureTools(log: Log): Promise<void> {
  const runner = path.join(releaseDir(), exeName('ingot-runner'));
  const header = path.join(releaseDir(), exeName('ingot-header'));
  toolsReady ??= (async () => {
    if (fs.existsSync(runner) && fs.existsSync(header) && !toolsStale(runner)) return;
    log('ingot: building the native tools (once per machine)');
    await runCargo(
      ['build', '--release', '--locked', '-p', 'ingot-tools'],
      NATIVE_RUST,
      log,
      path.join(cargoTargetDir(), 'ingot-logs', 'tools.log'),
    );
  })();
  return toolsReady;
}

/** The tools are stale when a source file under native-rust/tools is newer than the binary. */
function toolsStale(binary: string): boolean {
  const built = fs.statSync(binary).mtimeMs;
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return t;
  };
  return newest(path.join(NATIVE_RUST, 'tools', 'src')) > built;
}

export function runnerPath(): string {
  return path.join(releaseDir(), exeName('ingot-runner'));
}

export function headerToolPath(): string {
  return path.join(releaseDir(), exeName('ingot-header'));
}
