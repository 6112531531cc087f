// Running a build tool (cargo, uniffi-bindgen, kotlinc, mvn) with its output streamed to the caller's log.
// A failure throws with the last lines of output, so the caller's error names what went wrong.

import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Short name for messages, e.g. `cargo build`. */
  what: string;
}

export async function runLogged(cmd: string, args: string[], o: RunOptions): Promise<void> {
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: o.cwd,
      env: { ...process.env, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const warnings: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (!line.trim()) continue;
        tail.push(line);
        if (CARGO_WARNING_SUMMARY.test(line)) warnings.push(line);
        if (tail.length > 60) tail.shift();
        o.log(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => reject(new Error(`${o.what}: cannot run ${cmd}: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0 && warnings.length > 0 && denyWarnings()) {
        reject(
          new Error(
            `${o.what}: generated Rust must build without warnings (INGOT_DENY_WARNINGS=1):\n${tail.join('\n')}`,
          ),
        );
      } else if (code === 0) resolve();
      else reject(new Error(`${o.what} failed (exit ${code}):\n${tail.join('\n')}`));
    });
  });
  o.log(`${o.what} finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** Cargo's summary line for a crate that compiled with warnings, e.g. "warning: `fma` (lib) generated 1 warning". */
export const CARGO_WARNING_SUMMARY = /^warning: `[^`]+` \([^)]*\) generated \d+ warnings?/;

/** CI sets INGOT_DENY_WARNINGS=1: a warning in Rust that Ingot generated is a bug, so the build fails. */
export function denyWarnings(): boolean {
  return process.env.INGOT_DENY_WARNINGS === '1';
}
