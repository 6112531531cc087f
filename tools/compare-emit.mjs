#!/usr/bin/env node
// Compares the Rust two builds of the compiler emit for the same modules, so a refactor of the
// compiler can show that nothing a user sees changed. Input: two checkouts whose
// packages/compiler/dist is built (the baseline, e.g. main, and the candidate) and the modules
// to compile: tests/corpus, tests/golden/ir, tests/models, the examples, and one module holding every
// registry reference snippet (built from each compiler's own registry; the two sources must be
// equal too). Output: one line per module, `same` or `DIFFERENT` with the first differing line
// of src/lib.rs or src/abi.rs; the exit code is 1 when any module differs or compiles in one
// build only. Only parse, lower, infer and emit run: cargo is never called.
//
//   node tools/compare-emit.mjs <baseline-root> <candidate-root> [module.py ...]
//
// Examples whose model weights are not in the Hugging Face cache compile in neither build and are
// listed as such; run again under tools/models/test-weights.mjs to cover examples/embed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const [baseRoot, candRoot, ...only] = process.argv.slice(2);
if (!baseRoot || !candRoot) {
  process.stderr.write('usage: node tools/compare-emit.mjs <baseline-root> <candidate-root> [module.py ...]\n');
  process.exit(2);
}

/** The emitting half of a compiler build: frontend, then lib.rs and abi.rs as the pipeline writes them. */
function loadCompiler(root) {
  const require = createRequire(path.join(path.resolve(root), 'packages/compiler/dist/index.js'));
  const dist = (m) => require(path.join(path.resolve(root), 'packages/compiler/dist', m));
  const index = dist('index.js');
  const { emitLib } = dist('emit/rust.js');
  const { emitAbi } = dist('emit/abi.js');
  const { buildManifest } = dist('emit/manifest.js');
  return {
    allOps: index.allOps,
    async emit(file) {
      const fe = await index.frontend(index.parseSourceSpec(file));
      if (!fe.typed) return { error: index.renderDiagnostics(fe.diagnostics, fe.sources) };
      const source = fe.sources.values().next().value;
      const manifest = buildManifest(fe.typed, path.basename(file));
      return {
        'src/lib.rs': emitLib(fe.typed, source, {}),
        'src/abi.rs': emitAbi(fe.typed, manifest),
        'manifest.json': JSON.stringify(manifest, null, 2),
      };
    },
  };
}

/** One module of every registry reference snippet, as tests/registry.test.ts builds it. */
function snippetModule(allOps) {
  const imports = new Set(['import math', 'from typing import Optional', 'import numpy as np']);
  const indent = (b) =>
    b
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
  const fns = [];
  allOps().forEach((op, i) =>
    op.tests.forEach((t, j) => {
      const fn = `t${i}_${j}_${op.id.replace(/[^A-Za-z0-9]+/g, '_')}`;
      const sig = Object.entries(t.params)
        .map(([p, a]) => `${p}: ${a}`)
        .join(', ');
      for (const imp of t.imports ?? []) imports.add(imp);
      fns.push(`def ${fn}(${sig})${t.returns ? ` -> ${t.returns}` : ''}:\n${indent(t.body ?? `return ${t.expr}`)}\n`);
    }),
  );
  return `${[...imports].join('\n')}\n\n${fns.join('\n\n')}`;
}

function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if (x[i] !== y[i]) return `line ${i + 1}:\n    - ${x[i] ?? '<end>'}\n    + ${y[i] ?? '<end>'}`;
  return undefined;
}

const base = loadCompiler(baseRoot);
const cand = loadCompiler(candRoot);
const here = path.resolve(candRoot);
const list = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true })
        .filter((f) => String(f).endsWith('.py'))
        .map((f) => path.join(dir, String(f)))
        .sort()
    : [];
let modules = only.length
  ? only.map((f) => path.resolve(f))
  : [
      ...list(path.join(here, 'tests/corpus')),
      ...list(path.join(here, 'tests/golden/ir')),
      ...list(path.join(here, 'tests/models')),
      ...list(path.join(here, 'examples')),
    ];

let failed = 0;
let snippets;
if (only.length === 0) {
  const a = snippetModule(base.allOps);
  const b = snippetModule(cand.allOps);
  if (a !== b) {
    failed++;
    console.log(`DIFFERENT registry snippet sources: ${firstDifference(a, b)}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-compare-'));
  snippets = path.join(dir, 'ops.py');
  fs.writeFileSync(snippets, b);
  modules = [...modules, snippets];
}

let same = 0;
for (const file of modules) {
  const rel = path.relative(here, file);
  const name = file === snippets ? 'registry snippets' : rel.startsWith('..') ? file : rel;
  const [x, y] = [await base.emit(file), await cand.emit(file)];
  if (x.error !== undefined || y.error !== undefined) {
    if (x.error !== undefined && y.error !== undefined && x.error === y.error) {
      console.log(`neither  ${name}: ${x.error.split('\n')[0]}`);
      continue;
    }
    failed++;
    console.log(`DIFFERENT ${name}: compiles in ${x.error === undefined ? 'the baseline' : 'the candidate'} only`);
    console.log(x.error ?? y.error);
    continue;
  }
  const diffs = Object.keys(x)
    .map((k) => [k, firstDifference(x[k], y[k])])
    .filter(([, d]) => d !== undefined);
  if (diffs.length === 0) {
    same++;
    console.log(`same     ${name} (${x['src/lib.rs'].length} bytes of lib.rs)`);
  } else {
    failed++;
    for (const [k, d] of diffs) console.log(`DIFFERENT ${name} ${k} ${d}`);
  }
}
console.log(`${same} modules emit the same Rust; ${failed} differ`);
process.exit(failed ? 1 : 0);
