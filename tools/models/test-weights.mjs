#!/usr/bin/env node
// Runs a command with a Hugging Face cache in which google/embeddinggemma-300m is the tiny RANDOM-weight
// EmbeddingGemma that the tests use (tests/fixtures/models/gemma_tiny). The real weights are gated on the hub,
// so a fresh machine cannot compile examples/embed; this lets a newcomer watch the whole path work
// (compile, bindings, serve) with the same architecture. The vectors it produces mean nothing.
//
//   node tools/models/test-weights.mjs <command> [args...]
//   npx nx run embed:bindings --lang swift --configuration=test-weights
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODELS = { 'google/embeddinggemma-300m': path.join(root, 'tests', 'fixtures', 'models', 'gemma_tiny') };

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node tools/models/test-weights.mjs <command> [args...]\n');
  process.exit(2);
}

const cache = path.join(root, 'dist', '.test-weights-hub');
for (const [id, dir] of Object.entries(MODELS)) {
  const repo = path.join(cache, `models--${id.replace('/', '--')}`);
  fs.mkdirSync(path.join(repo, 'snapshots'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'refs'), { recursive: true });
  const snapshot = path.join(repo, 'snapshots', 'random-weights');
  fs.rmSync(snapshot, { recursive: true, force: true });
  fs.symlinkSync(dir, snapshot);
  fs.writeFileSync(path.join(repo, 'refs', 'main'), 'random-weights');
}

process.stderr.write(
  [
    'note: building with RANDOM test weights, not the real model',
    `  = ${Object.keys(MODELS).join(', ')} is replaced by a tiny random-weight model of the same architecture`,
    '    (tests/fixtures/models/gemma_tiny); its embeddings are meaningless. This shows the path works;',
    '    for real vectors, put the real weights in your Hugging Face cache (README, "Models").',
    '',
  ].join('\n'),
);
const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, HF_HUB_CACHE: cache } });
process.exit(r.status ?? 1);
