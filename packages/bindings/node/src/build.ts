// Builds the napi crate with `napi build --platform --release` (the @napi-rs/cli from node_modules), in the shared target dir.
// Input: the directory holding the generated crate and the package.json with the napi config. Output: the path of the .node file.

import { access } from 'node:fs/promises';
import * as path from 'node:path';
import { runLogged, sharedTargetDir } from '@ingot/bindings-common';

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
  await runLogged(process.execPath, args, {
    cwd: o.crateDir,
    env: { CARGO_TARGET_DIR: targetDir, CARGO_TERM_COLOR: 'never' },
    log: o.log,
    what: 'napi build',
  });
  await access(o.expectedNodeFile).catch(() => {
    throw new Error(`napi build did not produce ${o.expectedNodeFile}`);
  });
  return o.expectedNodeFile;
}
