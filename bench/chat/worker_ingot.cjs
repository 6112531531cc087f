#!/usr/bin/env node
// One Ingot measurement process for bench/chat/run.py: the compiled examples/chat function through its
// generated Node package (dist/chat/node, built by `npx nx run chat:bindings --lang node`), speaking
// worker_llamacpp.py's protocol. The first stdin line is the job ({"model", "max_tokens", "threads"}): the
// worker loads the package, runs one call so the model is loaded (and its files sha256-checked), and prints
// {"ready", "load_s", "kernels"}. Then each stdin line is a request ({"name", "messages"}) and the worker prints
// one JSON line of measurements. The model is the one compiled into the package; the job's path must name the
// same file (its sha256 is compared with the package manifest's, so the rows compare one model).
// Threads: candle's CPU kernels size their pool from RAYON_NUM_THREADS, which run.py's command sets.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const PKG = process.env.BENCH_CHAT_INGOT_PACKAGE || path.join(__dirname, '..', '..', 'dist', 'chat', 'node');

async function one(pkg, messages, maxTokens) {
  const start = process.hrtime.bigint();
  let first = null;
  let text = '';
  let pieces = 0;
  // Greedy (temperature 0), as every backend of this bench runs.
  for await (const chunk of pkg.chat(messages, maxTokens, 0.0)) {
    const delta = chunk.choices && chunk.choices[0] && chunk.choices[0].delta;
    if (delta && typeof delta.content === 'string' && delta.content.length > 0) {
      if (first === null) first = process.hrtime.bigint();
      text += delta.content;
      pieces += 1;
    }
  }
  const end = process.hrtime.bigint();
  // Token counts from the model's own tokenizer and template (the package's chat_token_counter role):
  // the prompt exactly, the completion by re-tokenizing its text (equal to the sampled count unless a
  // token sequence re-tokenizes differently).
  const [promptTokens, genTokens] = pkg.ingotChatTokenCounts(
    messages.map((m) => ({ role: m.role, content: m.content })),
    text,
  );
  const s = (ns) => Number(ns) / 1e9;
  return {
    prompt_tokens: promptTokens,
    gen_tokens: genTokens,
    decode_steps_after_first: Math.max(genTokens - 1, 0),
    ttft_s: s((first ?? end) - start),
    total_s: s(end - start),
    pieces,
    text,
  };
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const job = JSON.parse((await lines.next()).value);
  const t0 = process.hrtime.bigint();
  const pkg = require(PKG);
  const manifest = JSON.parse(fs.readFileSync(path.join(PKG, 'manifest.json'), 'utf8'));
  const gguf = manifest.resources.flatMap((r) => r.files).find((f) => f.path.endsWith('.gguf'));
  const sha = crypto.createHash('sha256').update(fs.readFileSync(job.model)).digest('hex');
  if (!gguf || gguf.sha256 !== sha)
    throw new Error(`the package's model (${gguf ? gguf.path : 'none'}) is not ${job.model}; rebuild examples/chat`);
  // The first call loads the model (and checks every file's sha256), as a server's warm-up does.
  for await (const _ of pkg.chat([{ role: 'user', content: 'Hi' }], 1, 0.0)) void _;
  const loadS = Number(process.hrtime.bigint() - t0) / 1e9;
  const kernels = {
    ingot: manifest.name,
    candle_threads: process.env.RAYON_NUM_THREADS || 'all cores',
    file: gguf.path,
    note: "ingot-chat qkernels for the linear layers: ggml's Q4_1·Q8_1 and Q8_0·Q8_0 dot products with ggml's accumulation order, on weights repacked as 4 interleaved rows and AVX-512 VNNI 512-bit registers where the CPU has AVX-512 BW+VNNI (else 256-bit VNNI, AVX2 or scalar rows; chosen at run time), rows split over a persistent pool of RAYON_NUM_THREADS threads; the rest (RMSNorm, RoPE, softmax, SwiGLU, attention over an f16 KV cache) ggml's arithmetic in ingot-chat's ggml_ops, FMA+AVX2 where the CPU has it, attention heads on the same pool",
    env: { INGOT_QPACK: process.env.INGOT_QPACK || null, INGOT_QPOOL: process.env.INGOT_QPOOL || null },
  };
  console.log(JSON.stringify({ ready: true, backend: 'ingot', load_s: loadS, kernels }));
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    if (!next.value.trim()) continue;
    const req = JSON.parse(next.value);
    const res = await one(pkg, req.messages, req.max_tokens || job.max_tokens);
    console.log(JSON.stringify({ name: req.name, ...res }));
  }
}

main().catch((err) => {
  console.error(`worker_ingot: ${err.message}`);
  process.exit(1);
});
