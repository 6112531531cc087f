/**
 * Rerankers end to end: sentence-transformers' `CrossEncoder.predict` / `.rank` and transformers'
 * `AutoModelForSequenceClassification` on a tokenizer's text pairs (tests/models/rerank_tiny.py), compiled against
 * the tiny random cross-encoders of tools/models/make_cross_encoder.py (one label and three) placed in a temporary
 * Hugging Face cache, against what sentence-transformers 6.3 and transformers 5.23 answered on them
 * (reference.json beside each fixture). Parity: max abs error <= 1e-4. Also the manifest's `rerank` role and the
 * generated pair token counter.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileFile, runNative } from './harness/differential';

const fixtures = path.join(__dirname, 'fixtures', 'models');

interface Reference {
  pairs: [string, string][];
  query: string;
  documents: string[];
  input_ids: number[][];
  logits: number[][];
  predict_default: number[] | number[][];
  predict_identity: number[] | number[][];
  predict_softmax: number[] | number[][];
  rank?: { corpus_id: number; score: number }[];
  rank_top3_docs?: { corpus_id: number; score: number; text: string }[];
}

const ref = (dir: string): Reference =>
  JSON.parse(fs.readFileSync(path.join(fixtures, dir, 'reference.json'), 'utf8')) as Reference;
const one = ref('ce_tiny');
const three = ref('ce_tiny3');

/** A temporary Hugging Face cache whose repos are links to fixture folders. */
function fakeHubCache(repos: Record<string, string>): string {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-hf-'));
  for (const [id, dir] of Object.entries(repos)) {
    const repo = path.join(cache, `models--${id.replace('/', '--')}`);
    fs.mkdirSync(path.join(repo, 'snapshots'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'refs'), { recursive: true });
    fs.symlinkSync(dir, path.join(repo, 'snapshots', 'fixture'));
    fs.writeFileSync(path.join(repo, 'refs', 'main'), 'fixture');
  }
  return cache;
}

async function compileWithCache(file: string, repos: Record<string, string>) {
  const saved = process.env.HF_HUB_CACHE;
  process.env.HF_HUB_CACHE = fakeHubCache(repos);
  try {
    return await compileFile(file);
  } finally {
    if (saved === undefined) delete process.env.HF_HUB_CACHE;
    else process.env.HF_HUB_CACHE = saved;
  }
}

/** The flat numbers of a value JSON result (an ndarray, a list or a number). */
function numbers(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.flatMap(numbers);
  const nd = (v as { ndarray?: { data: number[] } }).ndarray;
  if (nd) return nd.data;
  throw new Error(`not numbers: ${JSON.stringify(v)}`);
}

function expectClose(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  const maxAbs = Math.max(0, ...got.map((g, i) => Math.abs(g - want[i]!)));
  expect(maxAbs).toBeLessThanOrEqual(1e-4);
}

async function ok(lib: string, fn: string, args: Record<string, unknown>): Promise<unknown> {
  const r = await runNative(lib, fn, args);
  if ('error' in r) throw new Error(`${fn} raised ${r.error.type}: ${r.error.message}`);
  return r.ok;
}

describe('rerankers on tiny cross-encoders', () => {
  let lib: string;
  let manifest: {
    functions: { name: string; role: string; rerank?: unknown; params: { name: string }[] }[];
    resources: { kind: string }[];
  };
  beforeAll(async () => {
    const r = await compileWithCache(path.join(__dirname, 'models', 'rerank_tiny.py'), {
      'ingot-test/ce-tiny': path.join(fixtures, 'ce_tiny'),
      'ingot-test/ce-tiny3': path.join(fixtures, 'ce_tiny3'),
      'ingot-test/ce-xlmr-tiny': path.join(fixtures, 'ce_xlmr_tiny'),
    });
    lib = r.libPath;
    manifest = r.manifest as typeof manifest;
  });

  const pairs = one.pairs;

  it('CrossEncoder.predict gives sentence-transformers scores (Sigmoid by default for one label)', async () => {
    expectClose(numbers(await ok(lib, 'predict_default', { pairs })), numbers(one.predict_default));
    expectClose(numbers(await ok(lib, 'predict_identity', { pairs })), numbers(one.predict_identity));
    expectClose(
      numbers(await ok(lib, 'rerank', { query: one.query, documents: one.documents })),
      numbers(one.predict_default).slice(0, one.documents.length),
    );
    expectClose(numbers(await ok(lib, 'predict_one', { query: pairs[1]![0], document: pairs[1]![1] })), [
      numbers(one.predict_default)[1]!,
    ]);
  });

  it('runs an XLM-RoBERTa cross-encoder (RoBERTa classification head) as sentence-transformers does', async () => {
    const xlmr = ref('ce_xlmr_tiny');
    expectClose(numbers(await ok(lib, 'predict_xlmr', { pairs: xlmr.pairs })), numbers(xlmr.predict_default));
  });

  it('gives raw logits (Identity) for three labels, and probabilities with apply_softmax', async () => {
    const got = (await ok(lib, 'nli_default', { pairs })) as { ndarray: { shape: number[] } };
    expect(got.ndarray.shape).toEqual([pairs.length, 3]);
    expectClose(numbers(got), numbers(three.predict_default));
    expectClose(numbers(await ok(lib, 'nli_softmax', { pairs })), numbers(three.predict_softmax));
  });

  it('CrossEncoder.rank returns the library’s list of dicts, best first, cut to top_k, with texts', async () => {
    const ranked = (await ok(lib, 'rank', { query: one.query, documents: one.documents })) as {
      corpus_id: number;
      score: number;
    }[];
    expect(ranked.map((r) => r.corpus_id)).toEqual(one.rank!.map((r) => r.corpus_id));
    expectClose(
      ranked.map((r) => r.score),
      one.rank!.map((r) => r.score),
    );
    const top = (await ok(lib, 'rank_top', { query: one.query, documents: one.documents, k: 3 })) as {
      corpus_id: number;
      score: number;
      text: string;
    }[];
    expect(top.map((r) => [r.corpus_id, r.text])).toEqual(one.rank_top3_docs!.map((r) => [r.corpus_id, r.text]));
    // Python's slice: a negative top_k drops from the end.
    expect(await ok(lib, 'rank_top', { query: one.query, documents: one.documents, k: -4 })).toHaveLength(2);
    expect(await ok(lib, 'rank', { query: one.query, documents: [] })).toEqual([]);
  });

  it('raises the library’s ValueError when ranking with a three-label model', async () => {
    const r = await runNative(lib, 'nli_rank', { query: 'q', documents: ['d'] });
    expect(r).toEqual({ error: { type: 'ValueError', message: expect.stringContaining('num_labels=1') as string } });
  });

  it('AutoModelForSequenceClassification on tokenizer text pairs gives transformers’ logits and sigmoid', async () => {
    const queries = pairs.map((p) => p[0]);
    const documents = pairs.map((p) => p[1]);
    const logits = (await ok(lib, 'logits_transformers', { queries, documents })) as { ndarray: { shape: number[] } };
    expect(logits.ndarray.shape).toEqual([pairs.length, 1]);
    expectClose(numbers(logits), numbers(one.logits));
    expectClose(numbers(await ok(lib, 'scores_transformers', { queries, documents })), numbers(one.predict_default));
    const r = await runNative(lib, 'logits_transformers', { queries, documents: documents.slice(1) });
    expect(r).toEqual({ error: { type: 'ValueError', message: expect.stringContaining('does not match') as string } });
  });

  it('gives the first query-and-documents scoring function the rerank role, and counts pair tokens', async () => {
    const byRole = (role: string) => manifest.functions.filter((f) => f.role === role).map((f) => f.name);
    expect(byRole('rerank')).toEqual(['rerank']);
    expect(manifest.functions.find((f) => f.role === 'rerank')!.rerank).toEqual({
      query: 'query',
      documents: 'documents',
    });
    expect(byRole('rerank_token_counter')).toEqual(['ingot_rerank_token_counts']);
    const counts = await ok(lib, 'ingot_rerank_token_counts', { query: one.query, documents: one.documents });
    const real = one.input_ids.slice(0, one.documents.length).map((row) => row.filter((id) => id !== 0).length);
    expect(counts).toEqual(real);
    expect(manifest.resources.map((r) => r.kind).sort()).toEqual([
      'CrossEncoder',
      'CrossEncoder',
      'CrossEncoder',
      'SequenceClassifier',
      'Tokenizer',
    ]);
  });
});

describe('retrieve-then-rerank compiled as one function (tests/models/search_tiny.py)', () => {
  // Recorded by running the same file with sentence-transformers (tools/models/make_cross_encoder.py).
  const { calls } = JSON.parse(fs.readFileSync(path.join(fixtures, 'ce_tiny', 'search_reference.json'), 'utf8')) as {
    calls: { args: Record<string, unknown>; result: { corpus_id: number; score: number; text: string }[] }[];
  };
  let lib: string;
  beforeAll(async () => {
    lib = (
      await compileWithCache(path.join(__dirname, 'models', 'search_tiny.py'), {
        'ingot-test/bert-tiny': path.join(fixtures, 'bert_tiny'),
        'ingot-test/ce-tiny': path.join(fixtures, 'ce_tiny'),
      })
    ).libPath;
  });

  it.each(calls.map((c, i) => [i, c] as const))('call %i agrees with the Python', async (_i, c) => {
    const got = (await ok(lib, 'search', c.args)) as { corpus_id: number; score: number; text: string }[];
    expect(got.map((h) => [h.corpus_id, h.text])).toEqual(c.result.map((h) => [h.corpus_id, h.text]));
    expectClose(
      got.map((h) => h.score),
      c.result.map((h) => h.score),
    );
  });
});
