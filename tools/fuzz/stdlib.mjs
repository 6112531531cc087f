#!/usr/bin/env node
/**
 * Front-end fuzzing over the CPython standard library installed on this machine.
 *
 *   node tools/fuzz/stdlib.mjs [--jobs N] [--filter SUBSTR] [--limit N] [--timeout SECS] [--mutants N] [--annotate] [--root DIR]
 *
 * Every .py file under the stdlib (site-packages excluded: it is not the standard library) goes
 * through tools/fuzz/check.cjs: each top-level function is an entry to frontend() (parse +
 * lower + infer, no cargo), plus one whole-module pass per file. An exception out of
 * frontend() or out of the renderers is a crash; a file that takes longer than --timeout is a
 * hang. Needs `npm run build` first (it uses packages/compiler/dist).
 *
 * --mutants N also runs N mutants of every file (one small deterministic edit each: truncation,
 * deleted/swapped/re-indented line, inserted token), to reach the parser's error paths that
 * valid stdlib code never does. Crashing mutants are saved to tools/fuzz/results/crashers/.
 * --annotate also runs every top-level function with its unannotated parameters given types
 * (from the default's literal kind, else int), so that real bodies reach type inference.
 *
 * Writes tools/fuzz/results/stdlib-summary.json (small) and prints a summary. Exit code 1 when
 * there is a crash or a hang.
 */
import { execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');

// ---- worker side -----------------------------------------------------------------------
if (process.env.INGOT_FUZZ_WORKER === '1') {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { checkFile, checkMutants, checkAnnotated } = require('./check.cjs');
  // Diagnostics show paths relative to the working directory; keep that stable.
  process.on('message', async (msg) => {
    if (msg.type === 'file') {
      const started = performance.now();
      const res = await checkFile(msg.file);
      if (msg.annotate) res.annotated = await checkAnnotated(msg.file, os.tmpdir(), msg.crashDir);
      if (msg.mutants > 0) res.mutants = await checkMutants(msg.file, msg.mutants, os.tmpdir(), msg.crashDir);
      res.ms = performance.now() - started;
      process.send({ type: 'result', result: res });
    } else if (msg.type === 'exit') {
      process.exit(0);
    }
  });
  process.send({ type: 'ready' });
} else {
  await main();
}

function parseArgv(argv) {
  const o = {
    jobs: Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4)),
    filter: undefined,
    limit: Infinity,
    timeout: 120,
    mutants: 0,
    annotate: false,
    root: undefined,
    out: path.join(HERE, 'results', 'stdlib-summary.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--jobs') o.jobs = Number(v());
    else if (a === '--filter') o.filter = v();
    else if (a === '--limit') o.limit = Number(v());
    else if (a === '--timeout') o.timeout = Number(v());
    else if (a === '--root') o.root = v();
    else if (a === '--mutants') o.mutants = Number(v());
    else if (a === '--annotate') o.annotate = true;
    else if (a === '--out') o.out = v();
    else if (a === '-h' || a === '--help') {
      console.log(
        'usage: node tools/fuzz/stdlib.mjs [--jobs N] [--filter SUBSTR] [--limit N] [--timeout SECS] [--mutants N] [--annotate] [--root DIR] [--out FILE]',
      );
      process.exit(0);
    } else {
      console.error(`unknown argument ${a}`);
      process.exit(2);
    }
  }
  return o;
}

function stdlibRoot() {
  return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
    encoding: 'utf8',
  }).trim();
}

function listPy(root) {
  const out = [];
  const visit = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'site-packages' || e.name === '__pycache__') continue;
        visit(p);
      } else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
    }
  };
  visit(root);
  return out;
}

async function main() {
  const o = parseArgv(process.argv.slice(2));
  if (!fs.existsSync(path.join(REPO, 'packages', 'compiler', 'dist', 'index.js'))) {
    console.error('packages/compiler/dist is missing: run `npm run build` first');
    process.exit(2);
  }
  const root = o.root ?? stdlibRoot();
  let files = listPy(root);
  if (o.filter) files = files.filter((f) => f.includes(o.filter));
  files = files.slice(0, o.limit);
  const pyVersion = execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim();
  console.log(
    `fuzz: ${files.length} files under ${root} (${pyVersion}), ${o.jobs} worker(s), timeout ${o.timeout} s per file`,
  );

  const started = performance.now();
  const results = [];
  const hangs = [];
  const queue = [...files];
  let done = 0;
  const total = files.length;

  await new Promise((resolveAll) => {
    let live = 0;
    const startWorker = () => {
      const child = fork(fileURLToPath(import.meta.url), [], {
        env: { ...process.env, INGOT_FUZZ_WORKER: '1' },
        cwd: REPO,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        execArgv: ['--max-old-space-size=3072'],
      });
      live++;
      let current;
      let timer;
      const next = () => {
        clearTimeout(timer);
        current = queue.shift();
        if (current === undefined) {
          child.send({ type: 'exit' });
          return;
        }
        timer = setTimeout(() => {
          hangs.push({ file: path.relative(root, current), seconds: o.timeout });
          console.log(`  HANG ${path.relative(root, current)} (> ${o.timeout} s), restarting the worker`);
          current = undefined;
          child.kill('SIGKILL');
        }, o.timeout * 1000);
        child.send({
          type: 'file',
          file: current,
          mutants: o.mutants,
          annotate: o.annotate,
          crashDir: path.join(HERE, 'results', 'crashers'),
        });
      };
      child.on('message', (m) => {
        if (m.type === 'ready') next();
        else if (m.type === 'result') {
          results.push(m.result);
          done++;
          if (done % 50 === 0 || done === total)
            console.log(`  ${done}/${total} files, ${((performance.now() - started) / 1000).toFixed(1)} s`);
          next();
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        live--;
        if (current !== undefined) {
          // The worker died mid-file (out of memory, a native abort): a crash of that file.
          results.push({
            file: current,
            entries: [
              {
                entry: '<worker>',
                status: 'crash',
                stage: 'worker',
                message: `worker exited (${signal ?? code}) while checking this file`,
                stack: '',
                codes: [],
                findings: [],
              },
            ],
          });
          done++;
        }
        if (queue.length > 0) startWorker();
        else if (live === 0) resolveAll();
      });
    };
    for (let i = 0; i < Math.min(o.jobs, Math.max(1, queue.length)); i++) startWorker();
  });
  const secs = (performance.now() - started) / 1000;

  // ---- aggregate ----
  const summary = summarize(results, hangs, root, {
    files: total,
    seconds: secs,
    jobs: o.jobs,
    python: pyVersion,
    node: process.version,
  });
  summary.syntax_errors_vs_cpython = compareSyntaxErrors(results, root);
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, `${JSON.stringify(summary, null, 2)}\n`);
  printSummary(summary, o.out);
  process.exitCode =
    summary.counts.crashes + summary.counts.mutant_crashes + summary.counts.annotated_crashes + summary.counts.hangs > 0
      ? 1
      : 0;
}

/**
 * Files the front end calls invalid syntax (E0101), checked against CPython's own compile():
 * those CPython accepts are false rejections (tree-sitter or convert.ts/validate.ts being
 * stricter than Python), those it rejects are correct.
 */
function compareSyntaxErrors(results, root) {
  const flagged = results.filter((r) => r.module && r.module.codes.includes('E0101'));
  if (flagged.length === 0) return { flagged: 0, cpython_accepts: 0, cpython_rejects: 0, false_rejections: [] };
  const script = [
    'import json, sys, warnings',
    'warnings.simplefilter("ignore")',
    'out = []',
    'for f in json.load(sys.stdin):',
    '    try:',
    '        compile(open(f, "rb").read(), f, "exec", dont_inherit=True)',
    '        out.append(None)',
    '    except (SyntaxError, ValueError, UnicodeDecodeError) as e:',
    '        out.append(f"{type(e).__name__}: {e}")',
    'print(json.dumps(out))',
  ].join('\n');
  let verdicts;
  try {
    verdicts = JSON.parse(
      execFileSync('python3', ['-c', script], {
        input: JSON.stringify(flagged.map((r) => r.file)),
        encoding: 'utf8',
        maxBuffer: 16 << 20,
      }),
    );
  } catch (err) {
    return { error: String(err.message).slice(0, 500) };
  }
  const falseRejections = [];
  let rejects = 0;
  flagged.forEach((r, i) => {
    if (verdicts[i] === null) {
      const s = r.module.firstSyntax ?? {};
      falseRejections.push({ file: path.relative(root, r.file), line: s.line, col: s.col, text: s.text });
    } else rejects++;
  });
  return {
    flagged: flagged.length,
    cpython_rejects: rejects,
    cpython_accepts: falseRejections.length,
    false_rejections: falseRejections,
  };
}

function bump(map, key, n = 1) {
  map.set(key, (map.get(key) ?? 0) + n);
}
function top(map, n) {
  return Object.fromEntries(
    [...map.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).slice(0, n),
  );
}

function summarize(results, hangs, root, meta) {
  const rel = (f) => path.relative(root, f);
  let functions = 0,
    ok = 0,
    rejected = 0,
    moduleOk = 0,
    moduleRejected = 0,
    unreadable = 0;
  const crashes = [];
  const firstCode = new Map();
  const anyCode = new Map();
  const findingKinds = new Map();
  const findingSamples = [];
  const slowest = [];
  for (const r of results) {
    if (r.unreadable) {
      unreadable++;
      continue;
    }
    slowest.push({ file: rel(r.file), ms: Math.round(r.ms ?? 0), functions: r.functions ?? 0 });
    const all = [...r.entries, ...(r.module ? [{ ...r.module, entry: '<module>' }] : [])];
    for (const e of all) {
      const isModule = e.entry === '<module>';
      if (!isModule && e.entry !== '<worker>' && e.entry !== '<enumerate>') functions++;
      if (e.status === 'crash') {
        crashes.push({
          where: `${rel(r.file)}:${e.entry ?? '<module>'}`,
          stage: e.stage,
          message: e.message,
          stack: e.stack.split('\n').slice(0, 12).join('\n'),
        });
        continue;
      }
      if (isModule) {
        if (e.status === 'ok') moduleOk++;
        else moduleRejected++;
      } else if (e.status === 'ok') ok++;
      else {
        rejected++;
        bump(firstCode, e.codes[0]);
        for (const c of new Set(e.codes)) bump(anyCode, c);
      }
      for (const f of e.findings) {
        bump(findingKinds, `${f.kind} ${f.code}`);
        if (findingSamples.length < 25 && !findingSamples.some((s) => s.kind === f.kind && s.code === f.code))
          findingSamples.push({ where: `${rel(r.file)}:${e.entry}`, ...f });
      }
    }
  }
  slowest.sort((a, b) => b.ms - a.ms);
  const mut = { runs: 0, ok: 0, rejected: 0, crashes: 0 };
  const ann = { runs: 0, ok: 0, rejected: 0, crashes: 0 };
  const annFirst = new Map();
  for (const r of results) {
    for (const e of r.annotated ?? []) {
      ann.runs++;
      if (e.status === 'crash') {
        ann.crashes++;
        crashes.push({
          where: `${rel(r.file)}:${e.entry} (annotated)${e.saved ? ` saved as ${path.relative(REPO, e.saved)}` : ''}`,
          stage: e.stage,
          message: e.message,
          stack: e.stack.split('\n').slice(0, 12).join('\n'),
        });
      } else if (e.status === 'ok') ann.ok++;
      else {
        ann.rejected++;
        bump(annFirst, e.codes[0]);
      }
      for (const f of e.findings) {
        bump(findingKinds, `${f.kind} ${f.code} (annotated)`);
        if (findingSamples.length < 25 && !findingSamples.some((x) => x.kind === f.kind && x.code === f.code))
          findingSamples.push({ where: `${rel(r.file)}:${e.entry} (annotated)`, ...f });
      }
    }
    for (const e of r.mutants ?? []) {
      mut.runs++;
      if (e.status === 'crash') {
        mut.crashes++;
        crashes.push({
          where: `${rel(r.file)} mutant (${e.mutation})${e.entry ? `:${e.entry}` : ''}${e.saved ? ` saved as ${path.relative(REPO, e.saved)}` : ''}`,
          stage: e.stage,
          message: e.message,
          stack: e.stack.split('\n').slice(0, 12).join('\n'),
        });
      } else if (e.status === 'ok') mut.ok++;
      else mut.rejected++;
      for (const f of e.findings) {
        bump(findingKinds, `${f.kind} ${f.code} (mutant)`);
        if (findingSamples.length < 25 && !findingSamples.some((x) => x.kind === f.kind && x.code === f.code))
          findingSamples.push({ where: `${rel(r.file)} mutant (${e.mutation})`, ...f });
      }
    }
  }
  // Crashes grouped by message, so one bug with 300 hits reads as one line.
  const byMessage = new Map();
  for (const c of crashes) {
    const key = `${c.stage}: ${c.message}`;
    const g = byMessage.get(key) ?? { message: key, count: 0, examples: [], stack: c.stack };
    g.count++;
    if (g.examples.length < 5) g.examples.push(c.where);
    byMessage.set(key, g);
  }
  return {
    generated: new Date().toISOString(),
    stdlib: root,
    ...meta,
    seconds: Math.round(meta.seconds * 10) / 10,
    counts: {
      files: meta.files,
      unreadable,
      functions,
      ok,
      rejected,
      crashes: crashes.length - mut.crashes - ann.crashes,
      mutant_crashes: mut.crashes,
      annotated_crashes: ann.crashes,
      hangs: hangs.length,
      module_passes: { ok: moduleOk, rejected: moduleRejected },
      mutants: mut,
      annotated: { ...ann, rejected_by_first_code: top(annFirst, 15) },
    },
    rejected_by_first_code: top(firstCode, 20),
    rejected_by_any_code: top(anyCode, 20),
    diagnostic_shape_findings: { counts: top(findingKinds, 30), samples: findingSamples },
    crash_groups: [...byMessage.values()].sort((a, b) => b.count - a.count),
    hangs,
    slowest_files: slowest.slice(0, 8),
  };
}

function printSummary(s, out) {
  const c = s.counts;
  console.log('');
  console.log(`files ${c.files} (unreadable ${c.unreadable}), top-level functions ${c.functions}, ${s.seconds} s`);
  console.log(`  compiled OK (type-checks)   ${c.ok}`);
  console.log(`  rejected with diagnostics   ${c.rejected}`);
  console.log(`  crashes                     ${c.crashes}`);
  console.log(`  hangs                       ${c.hangs}`);
  console.log(`  whole-module passes         ok ${c.module_passes.ok}, rejected ${c.module_passes.rejected}`);
  if (c.annotated.runs)
    console.log(
      `  annotated runs              ${c.annotated.runs}: ok ${c.annotated.ok}, rejected ${c.annotated.rejected} (${Object.entries(
        c.annotated.rejected_by_first_code,
      )
        .slice(0, 6)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), crashes ${c.annotated.crashes}`,
    );
  if (c.mutants.runs)
    console.log(
      `  mutant runs                 ${c.mutants.runs}: ok ${c.mutants.ok}, rejected ${c.mutants.rejected}, crashes ${c.mutants.crashes}`,
    );
  console.log('rejections by first error code:');
  for (const [k, v] of Object.entries(s.rejected_by_first_code)) console.log(`  ${k.padEnd(6)} ${v}`);
  const fk = Object.entries(s.diagnostic_shape_findings.counts);
  console.log(`diagnostic shape findings: ${fk.length ? '' : 'none'}`);
  for (const [k, v] of fk) console.log(`  ${k.padEnd(40)} ${v}`);
  const sx = s.syntax_errors_vs_cpython;
  if (sx && !sx.error) {
    console.log(
      `files with E0101 (invalid syntax): ${sx.flagged}; CPython rejects ${sx.cpython_rejects} of them too, accepts ${sx.cpython_accepts} (false rejections)`,
    );
    for (const f of sx.false_rejections.slice(0, 40)) console.log(`  ${f.file}:${f.line}:${f.col}  ${f.text}`);
  } else if (sx) console.log(`syntax comparison with CPython failed: ${sx.error}`);
  for (const g of s.crash_groups) {
    console.log(
      `CRASH x${g.count}: ${g.message}\n  e.g. ${g.examples.join(', ')}\n${g.stack
        .split('\n')
        .slice(0, 6)
        .map((l) => `    ${l}`)
        .join('\n')}`,
    );
  }
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
