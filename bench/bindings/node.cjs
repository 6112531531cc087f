'use strict';
/**
 * The Node side of the bindings benchmark: calls the generated packages (dist/bench-bindings/<module>/node).
 *
 *   node node.cjs CASE SAMPLES BATCH PACKAGE_DIR
 *
 * Each sample times BATCH calls and records ns per call, after a few unrecorded warm-up batches.
 * Prints one JSON line: {"case", "samples": [ns per call, ...]}.
 * Cases: fma (the typed wrapper: argument checks + napi), matrix / matrixAsync (a 32x384 float32 result as a
 * Float32Array), minilm / minilmAsync (embed(32 sentences), sync and on the libuv pool), minilmClient
 * (Client().embeddings.create, encoding_format base64 as the official SDK asks).
 */
const fs = require('node:fs');
const path = require('node:path');

const [caseName, samplesArg, batchArg, pkgDir] = process.argv.slice(2);
const samples = Number(samplesArg);
const batch = Number(batchArg);
const pkg = require(path.resolve(pkgDir));
const texts = fs
  .readFileSync(path.join(__dirname, '..', 'models', 'sentences.txt'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, 32);

let sink = 0;
const calls = {
  fma: (i) => {
    sink += pkg.fma(i * 0.5, 1.25, 2.0);
  },
  matrix: () => {
    sink += pkg.matrix().data.length;
  },
  matrixAsync: async () => {
    sink += (await pkg.matrixAsync()).data.length;
  },
  minilm: () => {
    sink += pkg.embed(texts).data.length;
  },
  minilmAsync: async () => {
    sink += (await pkg.embedAsync(texts)).data.length;
  },
  minilmClient: async () => {
    const client = new pkg.Client();
    sink += (await client.embeddings.create({ model: 'minilm', input: texts, encoding_format: 'base64' })).data.length;
  },
};

async function main() {
  const call = calls[caseName];
  if (!call) throw new Error(`unknown case ${caseName}`);
  const isAsync = call.constructor.name === 'AsyncFunction';
  // One loop per kind, so the synchronous loop stays free of awaits.
  const batchOnce = isAsync
    ? async () => {
        for (let i = 0; i < batch; i++) await call(i);
      }
    : async () => {
        for (let i = 0; i < batch; i++) call(i);
      };
  for (let w = 0; w < (batch === 1 ? 2 : 3); w++) await batchOnce();
  const out = [];
  for (let s = 0; s < samples; s++) {
    const t0 = process.hrtime.bigint();
    await batchOnce();
    out.push(Number(process.hrtime.bigint() - t0) / batch);
  }
  if (sink === -1) console.error('');
  console.log(JSON.stringify({ case: caseName, samples: out.map((x) => Math.round(x * 10) / 10) }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
