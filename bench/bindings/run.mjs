#!/usr/bin/env node
/**
 * bindings (issue 5): what each binding adds over the native call.
 *
 * Three compiled modules, each bound for Node, Python and Kotlin (JVM) into dist/bench-bindings/<module>/<lang>:
 *   fma     examples/fma/fma.py           per-call overhead on a tiny function (ns per call)
 *   matrix  bench/bindings/matrix.py      returning a 32x384 float32 matrix (np.ones), no work inside (µs per call)
 *   minilm  examples/minilm/minilm.py     embed() of 32 sentences with the real all-MiniLM-L6-v2 (ms per call);
 *                                         skipped when tools/models/fetch_minilm.sh has not put it in the HF cache
 * and a native harness (bench/bindings/native/main.rs, a Rust crate per module linking the compiled crate as an rlib, as
 * the napi and uniffi crates do) for the Rust call itself, the typed C symbol and the generic `ingot_<module>_call_json` C entry.
 *
 * Every measurement is a separate process per (round, case); rounds interleave the bindings so that load from other
 * work on the machine hits them alike. Each process warms up, then times SAMPLES batches of BATCH calls (ns per call).
 * Reported: medians and p10-p90 over all samples, and each binding's median over the native Rust call's median.
 * Nothing is asserted. Writes the metrics for bench/run.mjs and bench/results/bindings.md.
 *
 *   node bench/bindings/run.mjs [fma,matrix,minilm]      (BENCH_BINDINGS_ROUNDS, default 3)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, metric, spread, report } from '../lib/bench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const WORK = path.join(REPO, 'dist', 'bench-bindings');
const CLI = path.join(REPO, 'packages', 'cli', 'dist', 'main.js');
const SENTENCES = path.join(REPO, 'bench', 'models', 'sentences.txt');
const TARGET_DIR = process.env.INGOT_CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'ingot', 'target');
const ROUNDS = Number(process.env.BENCH_BINDINGS_ROUNDS ?? 6);
/** Harness processes run at this niceness when allowed (as bench/models does), so other sessions' builds disturb them less. */
const NICE = process.env.BENCH_BINDINGS_NICE ?? '-15';
const require = createRequire(import.meta.url);

const filter = (process.argv[2] ?? process.env.BENCH_FILTER ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const wanted = (group) => filter.length === 0 || filter.some((f) => group.includes(f) || f.includes(group));
const log = (line) => process.stderr.write(`[bindings] ${line}\n`);

const MODULES = {
  fma: path.join(REPO, 'examples', 'fma', 'fma.py'),
  matrix: path.join(HERE, 'matrix.py'),
  minilm: path.join(REPO, 'examples', 'minilm', 'minilm.py'),
};
const LANGS = ['node', 'python', 'kotlin'];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${r.status}:\n${(r.stderr || r.error?.message || '').slice(-4000)}`,
    );
  return r.stdout;
}

function versionOf(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0] || cmd;
}

function minilmInstalled() {
  const hub =
    process.env.HF_HUB_CACHE ||
    path.join(process.env.HF_HOME || path.join(os.homedir(), '.cache', 'huggingface'), 'hub');
  const snaps = path.join(hub, 'models--sentence-transformers--all-MiniLM-L6-v2', 'snapshots');
  return (
    fs.existsSync(snaps) && fs.readdirSync(snaps).some((s) => fs.existsSync(path.join(snaps, s, 'model.safetensors')))
  );
}

// ---- Preparing the packages and harnesses -------------------------------------------------------------------------

function compileAndBind(name) {
  const dir = path.join(WORK, name);
  log(`${name}: ingot compile`);
  run(process.execPath, [CLI, 'compile', MODULES[name], '--out', path.join(dir, 'compiled'), '--quiet'], { cwd: REPO });
  for (const lang of LANGS) {
    log(`${name}: ingot bindings --lang ${lang}`);
    run(
      process.execPath,
      [CLI, 'bindings', path.join(dir, 'compiled'), '--lang', lang, '--out', path.join(dir, lang), '--quiet'],
      { cwd: REPO },
    );
  }
}

function libraryFile(name) {
  const lib = path.join(WORK, name, 'compiled', 'lib');
  const f = fs.readdirSync(lib).find((x) => /\.(so|dylib|dll)$/.test(x));
  if (!f) throw new Error(`no library in ${lib}`);
  return path.join(lib, f);
}

/** The native harness for one module (a crate per module: every compiled crate exports the same C ABI symbols). */
function buildNative(m) {
  const { mergeCargoLocks } = require(path.join(REPO, 'packages', 'bindings', 'common', 'dist', 'index.js'));
  const dir = path.join(WORK, 'native', m);
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  const crate = path.join(WORK, m, 'compiled', 'crate');
  const pkg = JSON.parse(fs.readFileSync(path.join(WORK, m, 'compiled', 'manifest.json'), 'utf8')).crate.package;
  const bin = `ingot-bench-native-${m}`;
  const toml = [
    '# Generated by bench/bindings/run.mjs: the native side of the bindings benchmark for one compiled module.',
    '[package]',
    `name = "${bin}"`,
    'version = "0.1.0"',
    'edition = "2021"',
    'publish = false',
    '',
    '[[bin]]',
    `name = "${bin}"`,
    'path = "src/main.rs"',
    '',
    '[features]',
    `${m} = []`,
    '',
    '[dependencies]',
    `${m} = { package = ${JSON.stringify(pkg)}, path = ${JSON.stringify(crate)} }`,
    `ingot-runtime = { path = ${JSON.stringify(path.join(REPO, 'native-rust', 'runtime'))} }`,
    'libloading = "0.8"',
    '',
    '# The profile the compiled, napi and uniffi crates build with.',
    '[profile.release]',
    'opt-level = 3',
    'codegen-units = 16',
    'panic = "unwind"',
    'debug = false',
    '',
    '[workspace]',
    '',
  ].join('\n');
  const write = (rel, text) => {
    const f = path.join(dir, rel);
    if (!fs.existsSync(f) || fs.readFileSync(f, 'utf8') !== text) fs.writeFileSync(f, text);
  };
  write('Cargo.toml', toml);
  write('src/main.rs', fs.readFileSync(path.join(HERE, 'native', 'main.rs'), 'utf8'));
  const locks = [path.join(crate, 'Cargo.lock'), path.join(REPO, 'native-rust', 'Cargo.lock')]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, 'utf8'));
  write('Cargo.lock', mergeCargoLocks(...locks));
  log(`native harness (${m}): cargo build --release`);
  run('cargo', ['build', '--release', '--offline', '--features', m], {
    cwd: dir,
    env: { ...process.env, CARGO_TARGET_DIR: TARGET_DIR, CARGO_TERM_COLOR: 'never' },
  });
  return path.join(TARGET_DIR, 'release', bin);
}

async function buildKotlinBench(modules) {
  const kotlin = require(path.join(REPO, 'packages', 'bindings', 'kotlin', 'dist', 'index.js'));
  const jars = modules.map((m) => path.join(WORK, m, 'kotlin', 'build', 'libs', `${m}-0.1.0.jar`));
  const jna = await kotlin.jnaJar(log);
  const dir = path.join(WORK, 'kotlin-bench');
  fs.mkdirSync(dir, { recursive: true });
  let src = fs.readFileSync(path.join(HERE, 'Bench.kt'), 'utf8');
  if (!modules.includes('minilm'))
    src = src
      .split('\n')
      .filter((l) => !l.includes('// MINILM'))
      .join('\n');
  fs.writeFileSync(path.join(dir, 'Bench.kt'), src);
  const jar = path.join(dir, 'bench.jar');
  log('kotlin harness: kotlinc');
  await kotlin.runKotlinc(
    [path.join(dir, 'Bench.kt'), '-include-runtime', '-cp', [...jars, jna].join(':'), '-d', jar],
    dir,
    () => {},
  );
  return [jar, ...jars, jna].join(path.delimiter);
}

// ---- Measuring -----------------------------------------------------------------------------------------------------

let niceWorks = null;
/** One process: its JSON line's samples (ns per call). */
function measure(c) {
  niceWorks ??= NICE !== '0' && spawnSync('nice', ['-n', NICE, 'true']).status === 0;
  const [cmd, args] = niceWorks ? ['nice', ['-n', NICE, c.cmd, ...c.args]] : [c.cmd, c.args];
  const out = run(cmd, args, {
    cwd: WORK,
    env: { ...process.env, INGOT_BENCH_SENTENCES: SENTENCES, ...(c.env ?? {}) },
  });
  const last = out.trim().split('\n').pop();
  return JSON.parse(last).samples;
}

function casesFor(group, h) {
  const node = (kase, samples, batch) => ({
    cmd: process.execPath,
    args: [path.join(HERE, 'node.cjs'), kase, samples, batch, path.join(WORK, group, 'node')],
  });
  const py = (kase, samples, batch) => ({
    cmd: 'python3',
    args: [path.join(HERE, 'python_bench.py'), kase, samples, batch, path.join(WORK, group, 'python', 'src')],
  });
  const kt = (kase, samples, batch) => ({
    cmd: 'java',
    args: ['-cp', h.kotlinCp, 'BenchKt', kase, samples, batch, SENTENCES],
  });
  const nat = (kase, samples, batch, lib = '') => ({ cmd: h.native[group], args: [kase, samples, batch, lib] });
  const S = (n) => String(n);
  if (group === 'fma') {
    return [
      { id: 'native', label: 'Rust call (baseline)', ...nat('fma-direct', S(10), S(1000000)) },
      {
        id: 'cabi',
        label: 'C ABI, typed symbol ingot_fma_fn_fma',
        ...nat('fma-cabi', S(10), S(1000000), libraryFile('fma')),
      },
      {
        id: 'cjson',
        label: 'C ABI, ingot_<module>_call_json (value JSON)',
        ...nat('fma-json', S(10), S(20000), libraryFile('fma')),
      },
      { id: 'node', label: 'Node: fma()', ...node('fma', S(10), S(200000)) },
      { id: 'python', label: 'Python: fma()', ...py('fma', S(10), S(20000)) },
      { id: 'kotlin', label: 'Kotlin/JVM: fma()', ...kt('fma', S(10), S(20000)) },
    ];
  }
  if (group === 'matrix') {
    return [
      { id: 'native', label: 'Rust call + flat Vec<f32> (baseline)', ...nat('matrix-direct', S(10), S(200)) },
      {
        id: 'cjson',
        label: 'C ABI, ingot_<module>_call_json (value JSON)',
        ...nat('matrix-json', S(10), S(20), libraryFile('matrix')),
      },
      { id: 'node', label: 'Node: matrix() (Float32Array)', ...node('matrix', S(10), S(200)) },
      { id: 'nodeAsync', label: 'Node: await matrixAsync()', ...node('matrixAsync', S(10), S(200)) },
      { id: 'python', label: 'Python: matrix() (numpy)', ...py('matrix', S(10), S(200)) },
      { id: 'kotlin', label: 'Kotlin/JVM: matrix() (Float32Matrix)', ...kt('matrix', S(10), S(200)) },
    ];
  }
  return [
    { id: 'native', label: 'Rust call embed() (baseline)', ...nat('minilm-direct', S(5), S(1)) },
    {
      id: 'cjson',
      label: 'C ABI, ingot_<module>_call_json (value JSON)',
      ...nat('minilm-json', S(5), S(1), libraryFile('minilm')),
    },
    { id: 'node', label: 'Node: embed()', ...node('minilm', S(5), S(1)) },
    { id: 'nodeAsync', label: 'Node: await embedAsync()', ...node('minilmAsync', S(5), S(1)) },
    { id: 'nodeClient', label: 'Node: Client().embeddings.create (base64)', ...node('minilmClient', S(5), S(1)) },
    { id: 'python', label: 'Python: embed()', ...py('minilm', S(5), S(1)) },
    { id: 'pythonClient', label: 'Python: Client().embeddings.create (base64)', ...py('minilmClient', S(5), S(1)) },
    { id: 'kotlin', label: 'Kotlin/JVM: embed()', ...kt('minilm', S(5), S(1)) },
  ];
}

const UNIT = { fma: ['ns', 1], matrix: ['µs', 1e3], minilm: ['ms', 1e6] };

function fmtNum(x) {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

async function main() {
  const groups = ['fma', 'matrix', 'minilm'].filter(wanted);
  const notes = [];
  const haveMinilm = minilmInstalled();
  if (groups.includes('minilm') && !haveMinilm) {
    notes.push(
      'all-MiniLM-L6-v2 is not in the Hugging Face cache (tools/models/fetch_minilm.sh): the minilm rows are skipped',
    );
    groups.splice(groups.indexOf('minilm'), 1);
  }
  // fma and matrix are always built: the native harness links both.
  const modules = ['fma', 'matrix', ...(groups.includes('minilm') ? ['minilm'] : [])];
  fs.mkdirSync(WORK, { recursive: true });
  for (const m of modules) compileAndBind(m);
  const harness = {
    native: Object.fromEntries(modules.map((m) => [m, buildNative(m)])),
    kotlinCp: await buildKotlinBench(modules),
  };

  const loadBefore = os.loadavg();
  const samples = {};
  /** Each case's median per round, for ratios paired within a round. */
  const perRound = {};
  for (let round = 1; round <= ROUNDS; round++) {
    for (const g of groups) {
      for (const c of casesFor(g, harness)) {
        log(`round ${round}/${ROUNDS}: ${g}.${c.id}`);
        const xs = measure(c);
        (samples[`${g}.${c.id}`] ??= []).push(...xs);
        (perRound[`${g}.${c.id}`] ??= []).push(median(xs));
      }
    }
  }
  const loadAfter = os.loadavg();

  const metrics = [];
  const md = [
    '# Bindings: per-call cost over the native call',
    '',
    `Written by \`node bench/bindings/run.mjs\` (also run by \`npm run bench -- bindings\`) on ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${os.cpus()[0]?.model ?? '?'}, ${os.availableParallelism?.() ?? os.cpus().length} cores; Node ${process.version}, ${versionOf('python3', ['--version'])}, ${versionOf('java', ['-version'])}, ${versionOf('rustc', ['--version'])}.`,
    `Load average ${loadBefore.map((x) => x.toFixed(1)).join(' / ')} before and ${loadAfter.map((x) => x.toFixed(1)).join(' / ')} after (1/5/15 min): the machine is shared with other sessions' builds, so absolute figures are noisy; the ratios are what to read.`,
    `${ROUNDS} rounds; in each round every case runs in a fresh process${niceWorks ? ` at nice ${NICE}` : ''} (warm-up batches, then timed batches). Medians and p10–p90 are over all timed batches. For fma the table gives the ns a binding adds; elsewhere the ratio to the native call, of medians, of minimums (the least-disturbed sample, the closest proxy for a quiet machine) and paired per round (the median over rounds of the ratio of that round's medians, which load drifting between rounds disturbs less).`,
    "MiniLM runs on ingot-models: candle 0.11 with the gemm crate's AVX-512 microkernels (see bench/models/README.md), 2 threads.",
    '',
  ];
  for (const g of groups) {
    const [unit, div] = UNIT[g];
    const cases = casesFor(g, harness);
    const base = median(samples[`${g}.native`]) / div;
    const title = {
      fma: 'Tiny function: `fma(x, y, z) -> float` (examples/fma)',
      matrix: 'Returning a 32×384 float32 matrix: `np.ones((32, 384), dtype=np.float32)` (bench/bindings/matrix.py)',
      minilm:
        'Batch-32 all-MiniLM-L6-v2: `embed(32 sentences)` (examples/minilm, real weights; sentences from bench/models/sentences.txt)',
    }[g];
    const baseMin = Math.min(...samples[`${g}.native`]) / div;
    md.push(
      `## ${title}`,
      '',
      g === 'fma'
        ? `| binding | median (${unit}/call) | p10–p90 | min | median − native | min − native | samples |`
        : `| binding | median (${unit}/call) | p10–p90 | min | median ÷ native | min ÷ native | paired per round | samples |`,
      g === 'fma' ? '|---|---|---|---|---|---|---|' : '|---|---|---|---|---|---|---|---|',
    );
    for (const c of cases) {
      const xs = samples[`${g}.${c.id}`].map((x) => x / div);
      const m = median(xs);
      const sp = spread(xs);
      const lo = Math.min(...xs);
      const over = g === 'fma' ? `+${fmtNum(m - base)}` : `${(m / base).toFixed(3)}×`;
      const overMin = g === 'fma' ? `+${fmtNum(lo - baseMin)}` : `${(lo / baseMin).toFixed(3)}×`;
      // The median over rounds of (this case's round median / the native round median): robust to load that drifts.
      const pr = median(perRound[`${g}.${c.id}`].map((x, r) => x / perRound[`${g}.native`][r]));
      const pairedCell = g === 'fma' ? '' : ` ${c.id === 'native' ? '—' : `${pr.toFixed(3)}×`} |`;
      const isBase = c.id === 'native';
      md.push(
        `| ${c.label} | ${fmtNum(m)} | ${fmtNum(sp.p10)}–${fmtNum(sp.p90)} | ${fmtNum(lo)} | ${isBase ? '—' : over} | ${isBase ? '—' : overMin} |${pairedCell} ${xs.length} |`,
      );
      // The table's units: ns for fma and matrix (shown as µs when large), ms for minilm.
      const k = g === 'minilm' ? 1 : div;
      metrics.push(
        metric(`${g}.${c.id}`, `${g}: ${c.label}`, Number((m * k).toPrecision(4)), g === 'minilm' ? 'ms' : 'ns', {
          samples: xs.length,
          spread: { p10: Number((sp.p10 * k).toPrecision(4)), p90: Number((sp.p90 * k).toPrecision(4)) },
        }),
      );
      // A ratio over a ~1 ns call says nothing; fma reports the added ns instead.
      if (c.id !== 'native' && g !== 'fma') {
        const extra =
          g === 'minilm' && (c.id === 'node' || c.id === 'nodeAsync' || c.id === 'python')
            ? { target: { op: '<=', value: 1.05 } }
            : {};
        metrics.push(
          metric(`${g}.${c.id}.ratio`, `${g}: ${c.label} / native`, Number((m / base).toFixed(4)), 'ratio', {
            ...extra,
            detail: `paired per round: ${pr.toFixed(3)}`,
          }),
        );
      }
    }
    md.push('');
  }
  md.push(
    '## Notes',
    '',
    '- "Rust call" is the compiled crate\'s function called from Rust (the call every binding makes), with a float matrix taken out as a flat `Vec<f32>` as the bindings do. The C ABI rows load the compiled cdylib with libloading: `ingot_fma_fn_fma` is the typed symbol; `ingot_<module>_call_json` is the generic entry (value JSON in, value JSON text out, then freed), which is what `ingot run` and the generic loaders use.',
    '- Node returns a float32 ndarray as a `Float32Array` that owns the Rust buffer (napi-rs `Float32Array::new`, no copy); its `texts` argument crosses as value JSON text. Python, Kotlin and Swift go through uniffi: the matrix crosses as packed little-endian bytes and is decoded on the other side (numpy `frombuffer` + `astype`, `ByteBuffer.asFloatBuffer`).',
    '- Python imports the package from `dist/bench-bindings/<module>/python/src` (what the wheel installs); Kotlin runs the JVM jars with JNA 5.17 from Maven Central.',
    ...notes.map((n) => `- ${n}`),
  );
  if (groups.includes('matrix') && groups.includes('minilm')) {
    // What a binding adds to an embedding call is its fixed cost of returning the 32x384 matrix, measured without a model.
    const nat = median(samples['matrix.native']);
    const call = median(samples['minilm.native']);
    const share = (id) => `${(((median(samples[`matrix.${id}`]) - nat) / call) * 100).toFixed(3)}%`;
    md.push(
      `- The MiniLM rows' spread (load from other sessions) is far larger than what a binding adds. The matrix rows measure that addition without a model: returning the 32×384 result costs Node ${share('nodeAsync')} (async) / ${share('node')} (sync), Python ${share('python')} and Kotlin ${share('kotlin')} of the native MiniLM call's median, on top of the argument crossing (32 strings; cf. the fma rows).`,
    );
  }
  md.push('');
  fs.mkdirSync(path.join(REPO, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(REPO, 'bench', 'results', 'bindings.md'), md.join('\n'));
  log('wrote bench/results/bindings.md');
  report({ bench: 'bindings', metrics, notes: ['details and ratios: bench/results/bindings.md', ...notes] });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
