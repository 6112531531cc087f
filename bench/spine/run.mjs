#!/usr/bin/env node
/**
 * The spine benchmark (issue 2): how long compiling and calling a small function takes, and
 * how big the results are. Steps (filter with `npm run bench -- spine:STEP,STEP`):
 *
 *   cold   `ingot compile examples/fma/fma.py` into an EMPTY cargo target dir and cache
 *          (temporary INGOT_CARGO_TARGET_DIR and INGOT_CACHE_DIR). The native tools
 *          (ingot-runner, ingot-header: cbindgen) are built first and timed on their own,
 *          then the fma compile (runtime + fma crate).
 *   warm   a new, never-seen function (a fresh .py per sample) compiled after the runtime is built.
 *   run    latency of a cached `npx ingot run examples/fma/fma.py:fma --args ...` and of
 *          `node packages/cli/dist/main.js run ...`, with `node -e 0` and the native runner
 *          alone for scale, and a phase profile of the cached path.
 *   call   ns per call of fma through the generated Node package vs plain JS, same process.
 *   size   the fma cdylib and the .node addon, as built and after `strip --strip-all`.
 *
 * When `cold` runs, the later steps use its temporary dirs (so nothing depends on this
 * machine's cache); otherwise they use the normal environment (~/.cache/ingot). The Node
 * package is always built with `npx nx run fma:bindings --lang node` into dist/fma/node.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fileSize,
  median,
  metric,
  report,
  selected,
  spread,
  strippedSize,
  timedStream,
  timedSync,
} from '../lib/bench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CLI = path.join(REPO, 'packages', 'cli', 'dist', 'main.js');
const FMA = 'examples/fma/fma.py';
const FMA_ARGS = '{"x": 2.0, "y": 3.0, "z": 4.0}';
const RUN_SAMPLES = Number(process.env.BENCH_RUN_SAMPLES ?? 20);
const WARM_SAMPLES = Number(process.env.BENCH_WARM_SAMPLES ?? 3);

const filter = process.argv[2] ?? process.env.BENCH_FILTER ?? '';
const want = (step) => selected(step, filter);
const metrics = [];
const notes = [];
const log = (s) => process.stderr.write(`${s}\n`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-bench-spine-'));
let env = { ...process.env };
let fmaCompileDir;

function cargoTime(stderr) {
  const m = /finished `release` profile .* in ([\d.]+)(m?s)/i.exec(stderr);
  if (!m) return null;
  return m[2] === 'ms' ? Number(m[1]) : Number(m[1]) * 1000;
}

function targetDir(e) {
  return (
    e.INGOT_CARGO_TARGET_DIR ?? path.join(e.INGOT_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'ingot'), 'target')
  );
}

async function cold() {
  const target = path.join(work, 'target');
  const cache = path.join(work, 'cache');
  env = { ...process.env, INGOT_CARGO_TARGET_DIR: target, INGOT_CACHE_DIR: cache };
  log(`cold: empty target dir ${target}`);
  const progress = (l) => {
    if (/^\s*Compiling /.test(l)) process.stderr.write('.');
  };
  const tools = await timedStream(
    'cargo',
    ['build', '--release', '--locked', '-p', 'ingot-tools'],
    { cwd: path.join(REPO, 'native-rust'), env: { ...env, CARGO_TARGET_DIR: target, CARGO_TERM_COLOR: 'never' } },
    progress,
  );
  process.stderr.write('\n');
  log(`cold: tools built in ${(tools.ms / 1000).toFixed(1)} s`);
  fmaCompileDir = path.join(work, 'fma-cold');
  const fma = await timedStream(
    process.execPath,
    [CLI, 'compile', FMA, '--out', fmaCompileDir],
    { cwd: REPO, env },
    progress,
  );
  process.stderr.write('\n');
  const crates = (fma.stderr.match(/^\s*compiling /gm) ?? []).length;
  log(`cold: fma compiled in ${(fma.ms / 1000).toFixed(1)} s (${crates} crates)`);
  // The fma compile above shares dependencies with the tools build (same target dir), so also
  // time the generated crate alone (runtime + fma, nothing else) in a second empty target dir.
  const alone = await timedStream(
    'cargo',
    ['build', '--release', '--lib'],
    {
      cwd: path.join(fmaCompileDir, 'crate'),
      env: { ...env, CARGO_TARGET_DIR: path.join(work, 'target-crate-only'), CARGO_TERM_COLOR: 'never' },
    },
    progress,
  );
  process.stderr.write('\n');
  const aloneCrates = (alone.stderr.match(/^\s*Compiling /gm) ?? []).length;
  log(
    `cold: the fma crate alone (runtime + fma, empty target) built in ${(alone.ms / 1000).toFixed(1)} s (${aloneCrates} crates)`,
  );
  fs.rmSync(path.join(work, 'target-crate-only'), { recursive: true, force: true });
  metrics.push(
    metric('cold.tools', 'cold: native tools build (cargo -p ingot-tools)', tools.ms / 1000, 's', {
      samples: 1,
      detail: 'ingot-runner + ingot-header (cbindgen and its dependencies); once per machine',
    }),
  );
  metrics.push(
    metric('cold.fma', 'cold: `ingot compile fma.py` (runtime + fma crate)', fma.ms / 1000, 's', {
      samples: 1,
      detail: `target dir holding only the tools, which share some dependencies; ${crates} crates compiled`,
    }),
  );
  metrics.push(
    metric('cold.crate', 'cold: cargo build of the fma crate alone, own empty target', alone.ms / 1000, 's', {
      samples: 1,
      detail: `runtime + its dependencies + fma, no tools; ${aloneCrates} crates`,
    }),
  );
  metrics.push(
    metric('cold.total', 'cold: first compile on a fresh machine (tools + fma)', (tools.ms + fma.ms) / 1000, 's', {
      samples: 1,
    }),
  );
}

function warmSource(id, k) {
  return [
    `def warm_${id}(n: int, scale: float, label: str) -> str:`,
    `    total = ${k}.0`,
    '    for i in range(n):',
    `        total = total + scale * i + ${k % 7}`,
    '    return label + str(total)',
    '',
  ].join('\n');
}

async function warm() {
  // The runtime must be built in the target dir first: compile fma once (untimed; a no-op after cold).
  const prep = path.join(work, 'fma-prep');
  timedSync(process.execPath, [CLI, 'compile', FMA, '--out', prep, '--quiet'], { cwd: REPO, env });
  const walls = [];
  const cargos = [];
  for (let s = 0; s < WARM_SAMPLES; s++) {
    const id = `${Date.now().toString(36)}${process.pid.toString(36)}${s}`;
    const dir = path.join(work, `warm-${id}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `warm_${id}.py`);
    fs.writeFileSync(file, warmSource(id, 3 + s));
    const r = timedSync(process.execPath, [CLI, 'compile', file, '--out', path.join(dir, 'out')], { cwd: REPO, env });
    walls.push(r.ms / 1000);
    const c = cargoTime(r.stderr);
    if (c !== null) cargos.push(c / 1000);
    log(
      `warm: sample ${s + 1}/${WARM_SAMPLES}: ${(r.ms / 1000).toFixed(2)} s (cargo ${c === null ? '?' : (c / 1000).toFixed(2)} s)`,
    );
  }
  metrics.push(
    metric('warm.compile', 'warm: compile a new function (runtime built)', median(walls), 's', {
      samples: walls.length,
      spread: spread(walls),
      target: { op: '<=', value: 20 },
      detail: `fresh module per sample; of which cargo build median ${cargos.length ? median(cargos).toFixed(2) : '?'} s`,
    }),
  );
}

async function run() {
  // Fill the cache (a no-op if it is already there), then time cached calls.
  timedSync(process.execPath, [CLI, 'run', `${FMA}:fma`, '--quiet', '--args', FMA_ARGS], { cwd: REPO, env });
  const variants = {
    npx: ['npx', ['ingot', 'run', `${FMA}:fma`, '--quiet', '--args', FMA_ARGS]],
    node: [process.execPath, [CLI, 'run', `${FMA}:fma`, '--quiet', '--args', FMA_ARGS]],
    baseline: [process.execPath, ['-e', '0']],
  };
  // The native runner alone: what is left when node and the compiler are taken away.
  const target = targetDir(env);
  const compiled = path.join(env.INGOT_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'ingot'), 'compiled');
  const libs = fs.existsSync(compiled)
    ? fs
        .readdirSync(compiled)
        .map((d) => path.join(compiled, d, 'lib', 'libingot_fma.so'))
        .filter((p) => fs.existsSync(p))
    : [];
  libs.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  const runner = path.join(target, 'release', 'ingot-runner');
  if (libs.length && fs.existsSync(runner)) variants.runner = [runner, [libs[0], 'fma', FMA_ARGS]];

  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const [cmd, args] of Object.values(variants)) timedSync(cmd, args, { cwd: REPO, env }); // warm the page cache
  for (let i = 0; i < RUN_SAMPLES; i++) {
    for (const [k, [cmd, args]] of Object.entries(variants)) {
      const r = timedSync(cmd, args, { cwd: REPO, env });
      if (k !== 'baseline' && !/\b10(\.0)?\s*$/.test(r.stdout))
        throw new Error(`${k}: unexpected output ${JSON.stringify(r.stdout)}`);
      samples[k].push(r.ms);
    }
  }
  const m = (k) => median(samples[k]);
  metrics.push(
    metric('run.npx', 'cached `npx ingot run fma.py:fma`', m('npx'), 'ms', {
      samples: RUN_SAMPLES,
      spread: spread(samples.npx),
      target: { op: '<=', value: 300 },
      detail: `npx itself costs ~${(m('npx') - m('node')).toFixed(0)} ms over calling node directly`,
    }),
  );
  metrics.push(
    metric('run.node', 'cached `node packages/cli/dist/main.js run fma.py:fma`', m('node'), 'ms', {
      samples: RUN_SAMPLES,
      spread: spread(samples.node),
      target: { op: '<=', value: 300 },
    }),
  );
  metrics.push(
    metric('run.baseline', 'for scale: `node -e 0`', m('baseline'), 'ms', {
      samples: RUN_SAMPLES,
      spread: spread(samples.baseline),
    }),
  );
  if (samples.runner)
    metrics.push(
      metric('run.runner', 'for scale: ingot-runner alone (dlopen + call)', m('runner'), 'ms', {
        samples: RUN_SAMPLES,
        spread: spread(samples.runner),
      }),
    );

  // Where the cached path spends its time, phase by phase (median of 10 fresh processes).
  const phases = [];
  for (let i = 0; i < 10; i++) {
    const r = timedSync(process.execPath, [path.join(HERE, 'profile-run.cjs'), `${FMA}:fma`, FMA_ARGS], {
      cwd: REPO,
      env,
      allowFail: true,
    });
    if (r.status === 0) phases.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  if (phases.length) {
    const keys = Object.keys(phases[0]);
    const med = Object.fromEntries(keys.map((k) => [k, median(phases.map((p) => p[k]))]));
    const shown = keys
      .filter((k) => k !== 'total_in_process' && med[k] >= 0.5)
      .map((k) => `${k} ${med[k].toFixed(1)}`)
      .join(', ');
    metrics.push(
      metric('run.profile', 'cached run, in-process phases (sum)', med.total_in_process, 'ms', {
        samples: phases.length,
        phases: med,
        detail: `ms: ${shown}`,
      }),
    );
  }
}

async function call() {
  // Build the package the way users do; nx may restore it from its cache.
  const b = timedSync('npx', ['nx', 'run', 'fma:bindings', '--lang', 'node', '--skip-nx-cache'], {
    cwd: REPO,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  log(`call: nx run fma:bindings took ${(b.ms / 1000).toFixed(1)} s`);
  metrics.push(
    metric('call.bindings', '`npx nx run fma:bindings --lang node` (compile + napi build, warm)', b.ms / 1000, 's', {
      samples: 1,
      detail: 'informational; uses the normal target dir',
    }),
  );
  const r = timedSync(
    process.execPath,
    [path.join(HERE, 'node-call.cjs'), path.join(REPO, 'dist', 'fma', 'node'), '31', '200000'],
    { cwd: REPO },
  );
  const res = JSON.parse(r.stdout.trim().split('\n').pop());
  const pkg = res.package.median;
  const js = res.js.median;
  metrics.push(
    metric('call.node', 'Node: fma through the generated package', pkg, 'ns', {
      samples: res.batches,
      spread: spread(res.package.samples),
      target: { op: '<=', value: 2000 },
      detail: `${res.calls_per_batch} calls per batch; includes index.js argument checks`,
    }),
  );
  if (res.raw)
    metrics.push(
      metric('call.raw', 'Node: fma through the raw napi export (no JS checks)', res.raw.median, 'ns', {
        samples: res.batches,
        spread: spread(res.raw.samples),
      }),
    );
  metrics.push(
    metric('call.js', 'Node: the same function in plain JS', js, 'ns', {
      samples: res.batches,
      spread: spread(res.js.samples),
      detail: 'V8 inlines it, so this is the loop cost',
    }),
  );
  metrics.push(metric('call.ratio', 'Node: package / plain JS', pkg / js, 'ratio', { samples: res.batches }));
}

function size() {
  const lib = fmaCompileDir
    ? path.join(fmaCompileDir, 'lib', 'libingot_fma.so')
    : path.join(REPO, 'dist', 'fma', 'compiled', 'lib', 'libingot_fma.so');
  if (!fs.existsSync(lib)) {
    // No cold step and no nx build yet: compile into the work dir.
    fmaCompileDir = path.join(work, 'fma-size');
    timedSync(process.execPath, [CLI, 'compile', FMA, '--out', fmaCompileDir, '--quiet'], { cwd: REPO, env });
  }
  const libPath = fmaCompileDir ? path.join(fmaCompileDir, 'lib', 'libingot_fma.so') : lib;
  const stripped = strippedSize(libPath, work);
  metrics.push(
    metric('size.lib', 'size: libingot_fma.so stripped', stripped, 'bytes', {
      target: { op: '<=', value: 2 * 1024 * 1024 },
      detail: `as built ${fileSize(libPath)} bytes (release profile strips symbols); libingot_fma.a ${fileSize(libPath.replace(/\.so$/, '.a'))} bytes`,
    }),
  );
  const nodeDir = path.join(REPO, 'dist', 'fma', 'node');
  const addon = fs.existsSync(nodeDir) ? fs.readdirSync(nodeDir).find((f) => f.endsWith('.node')) : undefined;
  if (addon) {
    const p = path.join(nodeDir, addon);
    metrics.push(
      metric('size.addon', `size: ${addon} stripped`, strippedSize(p, work), 'bytes', {
        detail: `as built ${fileSize(p)} bytes`,
      }),
    );
  } else {
    notes.push('no .node addon in dist/fma/node; run the `call` step to build it');
  }
}

try {
  if (want('cold')) await cold();
  if (want('warm')) await warm();
  if (want('run')) await run();
  if (want('call')) await call();
  if (want('size')) size();
  if (!want('cold')) notes.push('no cold step: warm/run used the normal INGOT_CACHE_DIR / target dir');
} finally {
  report({ bench: 'spine', metrics, notes });
  fs.rmSync(work, { recursive: true, force: true });
}
