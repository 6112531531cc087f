/**
 * The encoder architectures beyond BERT and Gemma3, end to end: tests/models/encoders_tiny.py
 * (sentence-transformers with `prompt=` and `prompt_name=`, and the transformers forms of bge's
 * CLS pooling and e5's mean pooling) compiled against the tiny XLM-RoBERTa, MPNet and bge-style
 * BERT fixtures in a temporary Hugging Face cache, and compared with the embeddings
 * sentence-transformers recorded for the same folders (tools/models/make_encoder_fixtures.py).
 * Parity: max abs error <= 1e-4 and cosine >= 0.99999.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileFile } from './harness/differential';
import { fakeHubCache, ndarrayResult, parity, readSafetensors, rows, withHubCache } from './harness/models';

const fixtures = path.join(__dirname, 'fixtures', 'models');

function reference(dir: string): { ref: ReturnType<typeof readSafetensors>; texts: string[] } {
  return {
    ref: readSafetensors(path.join(fixtures, dir, 'reference.safetensors')),
    texts: (JSON.parse(fs.readFileSync(path.join(fixtures, dir, 'reference.json'), 'utf8')) as { texts: string[] })
      .texts,
  };
}

describe('XLM-RoBERTa, MPNet and bge-style BERT compiled (tiny weights)', () => {
  let lib: string;
  beforeAll(async () => {
    const cache = fakeHubCache({
      'ingot-test/xlmr-tiny': path.join(fixtures, 'xlmr_tiny'),
      'ingot-test/mpnet-tiny': path.join(fixtures, 'mpnet_tiny'),
      'ingot-test/bge-tiny': path.join(fixtures, 'bge_tiny'),
    });
    lib = (await withHubCache(cache, () => compileFile(path.join(__dirname, 'models', 'encoders_tiny.py')))).libPath;
  });

  it.each([
    ['xlmr_normalized', 'xlmr_tiny', 'emb_normalized'],
    ['xlmr_passage', 'xlmr_tiny', 'emb_prompt_text'],
    ['xlmr_query', 'xlmr_tiny', 'emb_prompt_query'],
    ['xlmr_mean_transformers', 'xlmr_tiny', 'emb_normalized'],
    ['mpnet_normalized', 'mpnet_tiny', 'emb_normalized'],
    ['mpnet_raw_16', 'mpnet_tiny', 'emb_raw_16'],
    ['bge_normalized', 'bge_tiny', 'emb_normalized'],
    ['bge_cls_transformers', 'bge_tiny', 'emb_normalized'],
  ] as const)('%s matches sentence-transformers (%s %s)', async (fn, dir, key) => {
    const { ref, texts } = reference(dir);
    const got = await ndarrayResult(lib, fn, { texts });
    const want = ref.get(key)!;
    expect(got.shape).toEqual(want.shape);
    const p = parity(rows(got), rows(want));
    expect(p.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(p.minCos).toBeGreaterThanOrEqual(0.99999);
  });

  it('a literal prompt changes the embedding as the named prompt does', async () => {
    const { texts } = reference('xlmr_tiny');
    const plain = rows(await ndarrayResult(lib, 'xlmr_normalized', { texts }));
    const passage = rows(await ndarrayResult(lib, 'xlmr_passage', { texts }));
    expect(parity(passage, plain).maxAbs).toBeGreaterThan(1e-2);
  });
});
