// Builds the napi crate with `napi build --platform --release` (the @napi-rs/cli from node_modules), in the shared target dir.
// Input: the directory holding the generated crate and the package.json with the napi config. Output: the path of the .node file.

import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export function sharedTargetDir(): string {
  return process.env.INGOT_CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'ingot', 'target');
}

function napiCliPath(): string {
  const pkgJson = require.resolve('@napi-rs/cli/package.json');
  const bin = (require(pkgJson) as { bin: Record<string, string> }).bin.napi;
  return path.join(path.dirname(pkgJson), bin);
}

export interface NapiBuildOptions {
  crateDir: string;
  packageJsonPath: string;
  expectedNodeFile: string;
  log: (line: string) => void;
}

export async function runNapiBuild(o: NapiBuildOptions): Promise<string> {
  const targetDir = sharedTargetDir();
  const args = [
    napiCliPath(),
    'build',
    '--platform',
    '--release',
    '--cwd',
    o.crateDir,
    '--manifest-path',
    path.join(o.crateDir, 'Cargo.toml'),
    '--package-json-path',
    o.packageJsonPath,
    '--target-dir',
    targetDir,
    '--output-dir',
    o.crateDir,
    '--no-js',
    // The typed index.d.ts is ours; napi's own goes beside the crate, out of the package.
    '--dts',
    'napi.d.ts',
  ];
  o.log(`napi build --platform --release (target dir ${targetDir})`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: o.crateDir,
      env: { ...process.env, CARGO_TARGET_DIR: targetDir, CARGO_TERM_COLOR: 'never' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 60) tail.shift();
        o.log(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`napi build failed (exit ${code}):\n${tail.join('\n')}`));
    });
  });
  o.log(`napi build finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  await access(o.expectedNodeFile).catch(() => {
    throw new Error(`napi build did not produce ${o.expectedNodeFile}`);
  });
  return o.expectedNodeFile;
}
