'use strict';
/**
 * Where a cached `ingot run` spends its time: the phases of packages/cli/src/commands.ts run(),
 * replayed one by one with timers in a fresh process. Prints one JSON line of milliseconds.
 *
 *   node bench/spine/profile-run.cjs FILE.py:FUNC ARGS_JSON
 */
const t0 = performance.now();
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [spec, args] = process.argv.slice(2);
const ms = {};
let t = performance.now();
const lap = (k) => {
  const n = performance.now();
  ms[k] = n - t;
  t = n;
};

ms.node_bootstrap = performance.nodeTiming.bootstrapComplete;
lap('script_start');
require('web-tree-sitter');
lap('require_web_tree_sitter');
const c = require('@ingot/compiler');
lap('require_compiler_rest');
const src = c.parseSourceSpec(spec);
const source = fs.readFileSync(src.file, 'utf8');
lap('read_source');
c.runtimeVersion();
lap('runtime_version_hash');
c.compilerVersion();
lap('compiler_version_hash');
const dir = c.cacheDirFor(src, source);
const libName = `ingot_${path
  .basename(src.file)
  .replace(/\.py$/, '')
  .replace(/[^A-Za-z0-9_]/g, '_')}`;
const lib = path.join(dir, 'lib', `lib${libName}.so`);
if (!fs.existsSync(path.join(dir, 'manifest.json')) || !fs.existsSync(lib)) {
  process.stderr.write(`not cached: ${dir}\n`);
  process.exit(3);
}
lap('cache_lookup');
c.ensureTools(() => undefined).then(() => {
  lap('ensure_tools');
  const p = spawnSync(c.runnerPath(), [lib, src.entry, args], { encoding: 'utf8' });
  if (p.status !== 0) {
    process.stderr.write(p.stderr);
    process.exit(4);
  }
  lap('spawn_runner');
  ms.total_in_process = performance.now() - t0 + ms.node_bootstrap;
  process.stdout.write(`${JSON.stringify(ms)}\n`);
});
