// A compiled module with a real tokenizer, for the bindings' token-id tests: examples/minilm/minilm.py compiled through the
// CLI against tests/fixtures/models/bert_tiny (random tiny BERT weights, all-MiniLM-L6-v2's own tokenizer), linked into a
// temporary Hugging Face cache as sentence-transformers/all-MiniLM-L6-v2. Also the ids that tokenizer gives some texts, as
// transformers recorded them (tests/fixtures/models/tokenizer_ids.json). Needs `npm run build` (the CLI's dist).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The vocabulary size of all-MiniLM-L6-v2's tokenizer. */
export const MINILM_VOCAB = 30522;

/**
 * Texts and their token ids (special tokens included). Only texts without [UNK] (id 100): decoding skips special tokens, so
 * an [UNK] would not come back, and for these the decoded text embeds exactly as the original does.
 */
export function minilmIds(): { text: string; ids: number[] }[] {
  const rec = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'models', 'tokenizer_ids.json'), 'utf8'))
    .minilm as {
    texts: string[];
    single_input_ids: number[][];
  };
  return rec.texts
    .map((text, i) => ({ text, ids: rec.single_input_ids[i]! }))
    .filter((r) => r.text !== '' && !r.ids.includes(100));
}

/** `ingot compile examples/minilm/minilm.py --out OUT` with the tiny weights; returns OUT (give a fixed one: cargo rebuilds incrementally). */
export function compileTinyMinilm(out: string): string {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'ingot-hf-'));
  try {
    const repo = path.join(cache, 'models--sentence-transformers--all-MiniLM-L6-v2');
    mkdirSync(path.join(repo, 'snapshots'), { recursive: true });
    mkdirSync(path.join(repo, 'refs'), { recursive: true });
    symlinkSync(path.join(ROOT, 'tests', 'fixtures', 'models', 'bert_tiny'), path.join(repo, 'snapshots', 'fixture'));
    writeFileSync(path.join(repo, 'refs', 'main'), 'fixture');
    const cli = path.join(ROOT, 'packages', 'cli', 'dist', 'main.js');
    const p = spawnSync(
      process.execPath,
      [cli, 'compile', path.join(ROOT, 'examples', 'minilm', 'minilm.py'), '--out', out, '--quiet'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, HF_HUB_CACHE: cache },
      },
    );
    if (p.status !== 0) throw new Error(`ingot compile failed (${p.status}):\n${p.stderr}`);
    return out;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
