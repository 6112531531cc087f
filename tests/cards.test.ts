/**
 * The plain transformers form of each encoder as its model card writes it (tests/models/cards_tiny.py: e5's
 * `average_pool`, bge's `model_output[0][:, 0]`, nomic-embed's mean pooling + `F.layer_norm` + Matryoshka slice,
 * Qwen3-Embedding's `last_token_pool` with `padding_side=` tokenizers and instruction prompts, gte-modernbert's CLS,
 * and the `embeddings[:2] @ embeddings[2:].T * 100` similarity line), compiled against the tiny fixture models in a
 * temporary Hugging Face cache, and compared call by call with what CPython answered for the same `# case:` calls
 * with torch and transformers (tools/models/record_cards.py wrote cards_tiny.recorded.json).
 * Numbers agree to 1e-4 (absolute up to magnitude 1, relative beyond, for the ×100 scores); where Python raised,
 * the compiled function raises the same exception type.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileFile, runNative, type Outcome } from './harness/differential';
import { fakeHubCache, withHubCache } from './harness/models';

const fixtures = path.join(__dirname, 'fixtures', 'models');

/** The model ids the card modules use and their fixture folders (tools/models/record_cards.py has the same table). */
export const CARD_REPOS: Record<string, string> = {
  'ingot-test/xlmr-tiny': 'xlmr_tiny',
  'ingot-test/bge-tiny': 'bge_tiny',
  'ingot-test/bert-tiny': 'bert_tiny',
  'ingot-test/nomic-embed-tiny': 'nomic_tiny',
  'ingot-test/qwen3-embedding-tiny': 'qwen3_tiny',
  'ingot-test/gte-modernbert-tiny': 'modernbert_tiny',
  'ingot-test/ce-tiny': 'ce_tiny',
};

interface Recorded {
  calls: { function: string; args: Record<string, unknown>; outcome: Outcome }[];
}

/** Undefined when the values agree to 1e-4 (relative beyond magnitude 1); otherwise where they differ. */
function differs(want: unknown, got: unknown, at = '$'): string | undefined {
  if (typeof want === 'number' && typeof got === 'number')
    return Math.abs(want - got) <= 1e-4 * Math.max(1, Math.abs(want)) ? undefined : `${at}: want ${want}, got ${got}`;
  if (Array.isArray(want) && Array.isArray(got)) {
    if (want.length !== got.length) return `${at}: want ${want.length} items, got ${got.length}`;
    for (let i = 0; i < want.length; i++) {
      const d = differs(want[i], got[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  return JSON.stringify(want) === JSON.stringify(got)
    ? undefined
    : `${at}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

export function expectSameOutcome(want: Outcome, got: Outcome): void {
  if ('error' in want) {
    expect('error' in got ? got.error.type : `returned ${JSON.stringify(got.ok).slice(0, 200)}`).toBe(want.error.type);
    return;
  }
  if ('error' in got)
    throw new Error(`CPython returned a value, compiled code raised ${got.error.type}: ${got.error.message}`);
  expect(differs(want.ok, got.ok)).toBeUndefined();
}

export function cardsCache(): string {
  return fakeHubCache(
    Object.fromEntries(Object.entries(CARD_REPOS).map(([id, dir]) => [id, path.join(fixtures, dir)])),
  );
}

const record = (name: string): Recorded =>
  JSON.parse(fs.readFileSync(path.join(fixtures, `${name}.recorded.json`), 'utf8')) as Recorded;

async function compileCards(name: string): Promise<string> {
  return (await withHubCache(cardsCache(), () => compileFile(path.join(__dirname, 'models', `${name}.py`)))).libPath;
}

describe('model-card transformers forms compiled (tiny weights) agree with CPython', () => {
  const recorded = record('cards_tiny');
  let lib: string;
  beforeAll(async () => {
    lib = await compileCards('cards_tiny');
  });

  it.each(recorded.calls.map((c, i) => [`${c.function} #${i}`, c] as const))('%s', async (_name, c) => {
    expectSameOutcome(c.outcome, await runNative(lib, c.function, c.args));
  });
});

describe("a tokenizer's model_max_length beyond the model's positions", () => {
  const recorded = record('limits_tiny');
  const long = recorded.calls.find((c) => 'error' in c.outcome)!;
  let lib: string;
  beforeAll(async () => {
    lib = await compileCards('limits_tiny');
  });

  it.each(recorded.calls.map((c, i) => [`${c.function} #${i}`, c] as const))(
    '%s agrees with CPython',
    async (_n, c) => {
      expectSameOutcome(c.outcome, await runNative(lib, c.function, c.args));
    },
  );

  it('a longer input raises RuntimeError naming its token count and the limit', async () => {
    expect(long.outcome).toMatchObject({ error: { type: 'RuntimeError' } });
    expect(await runNative(lib, long.function, long.args)).toEqual({
      error: {
        type: 'RuntimeError',
        message: expect.stringContaining('the input has 82 tokens, but this bert model accepts at most 64') as string,
      },
    });
  });

  it("the token counter cuts at the model's positions, so a request with truncation off is refused", async () => {
    expect(await runNative(lib, 'ingot_token_counts', { texts: long.args.sentences })).toEqual({ ok: [64] });
  });
});

describe("a tokenizer's output follows its model_input_names", () => {
  const module = path.join(__dirname, 'models', 'input_names_tiny.py');
  const recordedKeyError = record('input_names_tiny');

  it('reading token_type_ids from an XLM-R tokenizer is a KeyError in Python and a diagnostic at its span here', async () => {
    expect(recordedKeyError.calls[0]!.outcome).toEqual({ error: { type: 'KeyError', message: "'token_type_ids'" } });
    const { frontend, parseSourceSpec, renderDiagnostics } =
      require('@ingot/compiler') as typeof import('@ingot/compiler');
    const r = await withHubCache(cardsCache(), () => frontend(parseSourceSpec(`${module}:token_types`)));
    expect(r.typed).toBeUndefined();
    const text = renderDiagnostics(r.diagnostics, r.sources);
    expect(text).toContain(
      'this tokenizer returns no `token_type_ids` (its model_input_names are input_ids, attention_mask)',
    );
    expect(text).toContain('input_names_tiny.py:11:12');
  });
});
