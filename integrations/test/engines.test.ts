// The compiled MiniLM inside the engines: Ray Data (`map_batches` with the IngotEmbedder actor class, 2 actors) and
// Spark (a pandas UDF, local[2]) each embed a Parquet file of 3000 rows in which three rows cannot be embedded, and
// write Parquet; the Ray Serve deployment answers the official `openai` client. Every vector is compared with the
// package's in-process client; ids and row order must survive; each failing row must carry its reason while every
// other row is embedded.

import * as path from 'node:path';
import { buildMinilmWheel, enginesVenv, HAVE_REAL, INTEGRATIONS, installInto, runJson, scratch } from './setup';

const ROWS = 3000;
// The UDF-shape test embeds every row twice (two UDFs side by side), so it gets a smaller file.
const SMALL = 600;

// CI fetches the weights first (.ci/run), so there the suite must run; elsewhere it says why it is skipped.
const suite = HAVE_REAL || process.env.CI ? describe : describe.skip;
if (!HAVE_REAL && !process.env.CI) {
  console.warn(
    'integrations/engines.test.ts skipped: run `bash tools/models/fetch_minilm.sh` for the real all-MiniLM-L6-v2',
  );
}

interface Checked {
  rows_in: number;
  rows_out: number;
  same_ids_in_order: boolean;
  first_out_of_order: { row: number; expected_id: unknown; got_id: unknown } | null;
  files: [string, number][];
  embedded: number;
  dims: number[];
  max_abs_diff: number;
  failed: Record<string, string>;
}

suite('the compiled MiniLM in Ray and Spark (local mode)', () => {
  let python: string;
  let input: string;
  let small: string;
  let bad: Record<string, string>;

  beforeAll(
    () => {
      const wheel = buildMinilmWheel();
      python = enginesVenv();
      installInto(python, wheel);
      input = path.join(scratch('rows'), 'rows.parquet');
      small = path.join(scratch('small'), 'rows.parquet');
      runJson(python, [path.join(INTEGRATIONS, 'test', 'rows.py'), small, String(SMALL)]);
      bad = (
        runJson(python, [path.join(INTEGRATIONS, 'test', 'rows.py'), input, String(ROWS)]) as {
          bad: Record<string, string>;
        }
      ).bad;
    },
    60 * 60 * 1000,
  );

  function check(output: string): Checked {
    return runJson(python, [
      path.join(INTEGRATIONS, 'test', 'check_output.py'),
      input,
      output,
      '--package',
      'minilm',
    ]) as unknown as Checked;
  }

  function expectEmbedded(c: Checked): void {
    expect(c.rows_in).toBe(ROWS);
    expect(c.rows_out).toBe(ROWS);
    // On failure the diff shows the first row out of place and the files as read, not only `false`.
    expect({ same: c.same_ids_in_order, first: c.first_out_of_order, files: c.files }).toEqual({
      same: true,
      first: null,
      files: [],
    });
    expect(c.embedded).toBe(ROWS - 3);
    expect(c.dims).toEqual([384]);
    expect(c.max_abs_diff).toBeLessThanOrEqual(1e-5);
    // Exactly the three bad rows failed, each with its own reason.
    expect(Object.keys(c.failed).sort()).toEqual(Object.keys(bad).sort());
    const reason = (why: string) => c.failed[Object.keys(bad).find((id) => bad[id] === why)!];
    expect(reason('invalid UTF-8')).toMatch(/^invalid UTF-8 at byte 3/);
    expect(reason('empty')).toMatch(/^BadRequestError: .*empty string/);
    expect(reason('null')).toBe('the text is null');
  }

  test('Ray Data: map_batches(IngotEmbedder, concurrency=2), Parquet in and out', () => {
    const out = path.join(scratch('ray'), 'out');
    const r = runJson(python, [
      path.join(INTEGRATIONS, 'ray', 'embed_parquet.py'),
      '--package',
      'minilm',
      '--input',
      input,
      '--output',
      out,
      '--concurrency',
      '2',
      '--batch-size',
      '256',
    ]);
    expect(r.concurrency).toBe(2);
    expectEmbedded(check(out));
  });

  test('Spark: the pandas UDF in local[2], Parquet in and out', () => {
    const out = path.join(scratch('spark'), 'out');
    const r = runJson(python, [
      path.join(INTEGRATIONS, 'spark', 'embed_parquet.py'),
      '--package',
      'minilm',
      '--input',
      input,
      '--output',
      out,
      '--workers',
      '2',
      '--batch-size',
      '256',
    ]);
    expect(r.workers).toBe(2);
    expectEmbedded(check(out));
  });

  test('Spark: the array<float> UDF gives null for a failing row, and each worker process loads the model once', () => {
    const r = runJson(python, [path.join(INTEGRATIONS, 'test', 'spark_udf.py'), small]) as {
      rows: number;
      nulls: number;
      loads_per_worker: Record<string, number>;
      matches_struct: boolean;
    };
    expect(r.rows).toBe(SMALL);
    expect(r.nulls).toBe(3);
    expect(r.matches_struct).toBe(true);
    const loads = Object.values(r.loads_per_worker);
    expect(loads.length).toBeGreaterThan(0);
    expect(loads.every((n) => n === 1)).toBe(true);
  });

  test('Ray Serve: the deployment answers the official openai client like the in-process client', () => {
    const r = runJson(python, [path.join(INTEGRATIONS, 'test', 'serve_openai.py'), 'minilm']);
    expect(r).toEqual({
      default_vs_local: 0,
      float_vs_local: 0,
      dims: [384, 384, 384, 384],
      index: [0, 1, 2, 3],
      tokens: r.local_tokens,
      local_tokens: expect.any(Number),
      short_vs_local: 0,
      short_dims: 8,
      empty_error: { status: 400, param: 'input' },
      unknown_model: { status: 404, code: 'model_not_found' },
      models: ['minilm'],
    });
    expect(r.local_tokens).toBeGreaterThan(10);
  });
});
