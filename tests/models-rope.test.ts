/**
 * The RoPE encoder architectures end to end: tests/models/st_rope.py (SentenceTransformer on
 * NomicBERT, ModernBERT and Qwen3-Embedding, with `prompt_name="query"`, Matryoshka truncation
 * and normalisation as their model cards use them) compiled against tiny random-weight models,
 * whose outputs sentence-transformers recorded (tools/models/make_rope_encoder_fixtures.py) on a
 * padded batch of varied texts. The models sit in a temporary Hugging Face cache under hub-like
 * ids, so the Python compiles unchanged. Parity: max abs error <= 1e-4 and cosine >= 0.99999.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileFile } from './harness/differential';
import { fakeHubCache, ndarrayResult, parity, readSafetensors, rows, withHubCache } from './harness/models';

const fixtures = path.join(__dirname, 'fixtures', 'models');

function reference(dir: string) {
  const texts = (JSON.parse(fs.readFileSync(path.join(fixtures, dir, 'reference.json'), 'utf8')) as { texts: string[] })
    .texts;
  return { ref: readSafetensors(path.join(fixtures, dir, 'reference.safetensors')), texts };
}

const nomic = reference('nomic_tiny');
const modernbert = reference('modernbert_tiny');
const qwen3 = reference('qwen3_tiny');

describe('NomicBERT, ModernBERT and Qwen3-Embedding through SentenceTransformer (tiny weights)', () => {
  let lib: string;
  beforeAll(async () => {
    const cache = fakeHubCache({
      'ingot-test/nomic-embed-tiny': path.join(fixtures, 'nomic_tiny'),
      'ingot-test/gte-modernbert-tiny': path.join(fixtures, 'modernbert_tiny'),
      'ingot-test/qwen3-embedding-tiny': path.join(fixtures, 'qwen3_tiny'),
    });
    lib = (await withHubCache(cache, () => compileFile(path.join(__dirname, 'models', 'st_rope.py')))).libPath;
  });

  it.each([
    ['nomic_normalized', 'emb_normalized', nomic],
    ['nomic_query', 'emb_prompt_query', nomic],
    ['nomic_raw_16', 'emb_raw_16', nomic],
    ['modernbert_normalized', 'emb_normalized', modernbert],
    ['modernbert_raw', 'emb_raw', modernbert],
    ['modernbert_query', 'emb_prompt_query', modernbert],
    ['qwen3_query', 'emb_prompt_query', qwen3],
    ['qwen3_documents', 'emb_normalized', qwen3],
    ['qwen3_raw_16', 'emb_raw_16', qwen3],
  ] as const)('%s matches sentence-transformers', async (fn, key, { ref, texts }) => {
    const got = await ndarrayResult(lib, fn, { texts });
    const want = ref.get(key)!;
    expect(got.shape).toEqual(want.shape);
    const p = parity(rows(got), rows(want));
    expect(p.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(p.minCos).toBeGreaterThanOrEqual(0.99999);
  });

  it('pools the last token of a left-padded batch: a text alone gives its vector in the batch', async () => {
    const texts = qwen3.texts;
    const all = rows(await ndarrayResult(lib, 'qwen3_documents', { texts }));
    const alone = rows(await ndarrayResult(lib, 'qwen3_documents', { texts: [texts[10]!] }));
    expect(parity(alone, [all[10]!]).maxAbs).toBeLessThanOrEqual(1e-5);
  });
});
