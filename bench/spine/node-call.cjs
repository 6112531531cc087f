'use strict';
/**
 * Node call overhead, in one process: fma through the generated package (argument checks in
 * index.js + napi), through the raw napi export (no JS checks), and the same function in plain
 * JS. Calls run in batches; each batch gives ns per call; the median over batches is reported.
 * Variants are interleaved batch by batch so that machine noise hits them alike.
 *
 *   node bench/spine/node-call.cjs PACKAGE_DIR [BATCHES] [CALLS_PER_BATCH]
 * Prints one JSON line: { package: {median, samples[]}, raw: {...}, js: {...} }.
 */
const path = require('node:path');
const fs = require('node:fs');

const pkgDir = path.resolve(process.argv[2]);
const batches = Number(process.argv[3] ?? 31);
const calls = Number(process.argv[4] ?? 200000);

const pkg = require(pkgDir);
const addon = fs.readdirSync(pkgDir).find((f) => f.endsWith('.node'));
const raw = addon ? require(path.join(pkgDir, addon)) : undefined;
const rawFma = raw && (raw.__ingot_fma ?? raw.fma);

function jsFma(x, y, z) {
  return x * y + z;
}

// One loop body per variant (not a shared higher-order loop) so that each call site stays
// monomorphic, as it would be in user code.
function loopPackage(n) {
  const f = pkg.fma;
  let acc = 0;
  for (let i = 0; i < n; i++) acc += f(i * 0.5, 1.25, acc * 1e-12);
  return acc;
}
function loopRaw(n) {
  const f = rawFma;
  let acc = 0;
  for (let i = 0; i < n; i++) acc += f(i * 0.5, 1.25, acc * 1e-12);
  return acc;
}
function loopJs(n) {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += jsFma(i * 0.5, 1.25, acc * 1e-12);
  return acc;
}

const variants = { package: loopPackage, js: loopJs };
if (rawFma) variants.raw = loopRaw;

// Same answer from every variant (the fma example is x * y + z).
const expect = loopJs(1000);
for (const [k, f] of Object.entries(variants)) {
  const got = f(1000);
  if (Math.abs(got - expect) > 1e-6 * Math.abs(expect)) throw new Error(`${k} disagrees: ${got} vs ${expect}`);
}

// Warm up (JIT tiers, IC feedback).
for (let w = 0; w < 3; w++) for (const f of Object.values(variants)) f(calls);

const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
let sink = 0;
for (let b = 0; b < batches; b++) {
  for (const [k, f] of Object.entries(variants)) {
    const t0 = process.hrtime.bigint();
    sink += f(calls);
    const ns = Number(process.hrtime.bigint() - t0);
    samples[k].push(ns / calls);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const out = { calls_per_batch: calls, batches, sink: sink > 0 };
for (const [k, xs] of Object.entries(samples)) out[k] = { median: median(xs), samples: xs };
process.stdout.write(`${JSON.stringify(out)}\n`);
