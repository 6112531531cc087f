/**
 * The batcher with a fake model whose row i encodes its text: requests that arrive together are
 * merged into one model call up to the budget, large requests are split, every request gets
 * exactly its own rows, a failing input fails only its own request, an aborted request is
 * dropped from the queue, and requests that ask for different truncation sides never share a call.
 */
import { Batcher, type Matrix } from '../src/batcher';

/** Each text "t<n>" embeds as the row [n, n + 0.5]; a text "boom" makes the call throw. */
function fakeModel() {
  const calls: string[][] = [];
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  const embed = async (texts: string[]): Promise<Matrix> => {
    calls.push(texts);
    if (gate) await gate;
    if (texts.includes('boom')) throw new Error('the model raised on boom');
    const data = new Float32Array(texts.length * 2);
    texts.forEach((t, i) => data.set([Number(t.slice(1)), Number(t.slice(1)) + 0.5], i * 2));
    return { shape: [texts.length, 2], data };
  };
  return {
    embed,
    calls,
    hold() {
      gate = new Promise<void>((r) => (release = r));
    },
    open() {
      gate = null;
      release?.();
    },
  };
}

const texts = (from: number, n: number) => Array.from({ length: n }, (_, i) => `t${from + i}`);
const firsts = (rows: Float32Array[]) => rows.map((r) => r[0]);

describe('Batcher', () => {
  it('never puts requests with different truncation sides in one model call', async () => {
    const m = fakeModel();
    const sides: (string | null)[] = [];
    const embed = async (t: string[]) => (sides.push(null), m.embed(t));
    const truncating = async (t: string[], side: 'left' | 'right') => (sides.push(side), m.embed(t));
    const b = new Batcher(embed, { maxInputs: 64, maxChars: 1e6, concurrency: 1 }, truncating);
    const res = await Promise.all([
      b.submit(texts(0, 2), undefined, 'left'),
      b.submit(texts(10, 1)),
      b.submit(texts(20, 2), undefined, 'left'),
      b.submit(texts(30, 1), undefined, 'right'),
      b.submit(texts(40, 1)),
    ]);
    // The head's side first, with every queued request of that side; then the next head's, in arrival order.
    expect(sides).toEqual(['left', null, 'right']);
    expect(m.calls).toEqual([['t0', 't1', 't20', 't21'], ['t10', 't40'], ['t30']]);
    expect(res.map(firsts)).toEqual([[0, 1], [10], [20, 21], [30], [40]]);
  });

  it('a side for a model that cannot choose one is an error for that request only', async () => {
    const m = fakeModel();
    const b = new Batcher(m.embed, { maxInputs: 64, maxChars: 1e6, concurrency: 1 });
    await expect(b.submit(texts(0, 1), undefined, 'left')).rejects.toThrow(/cannot choose the side/);
    expect(firsts(await b.submit(texts(5, 1)))).toEqual([5]);
  });

  it('merges requests that arrive together and gives each its own rows', async () => {
    const m = fakeModel();
    const b = new Batcher(m.embed, { maxInputs: 64, maxChars: 1e6, concurrency: 1 });
    const res = await Promise.all([b.submit(texts(0, 3)), b.submit(texts(10, 2)), b.submit(texts(20, 4))]);
    expect(m.calls).toHaveLength(1);
    expect(m.calls[0]).toHaveLength(9);
    expect(res.map(firsts)).toEqual([
      [0, 1, 2],
      [10, 11],
      [20, 21, 22, 23],
    ]);
    expect(res[1]![1]![1]).toBe(11.5);
  });

  it('queues while the model is busy and cuts batches at the input and character budgets', async () => {
    const m = fakeModel();
    const b = new Batcher(m.embed, { maxInputs: 4, maxChars: 7, concurrency: 1 });
    m.hold();
    const first = b.submit(texts(0, 1));
    await new Promise((r) => setImmediate(r));
    expect(m.calls).toHaveLength(1);
    const later = [b.submit(texts(100, 3)), b.submit(texts(200, 3))];
    m.open();
    const res = await Promise.all([first, ...later]);
    expect(res.map(firsts)).toEqual([[0], [100, 101, 102], [200, 201, 202]]);
    // Every call stays within both budgets (a single text always fits).
    for (const c of m.calls) {
      expect(c.length).toBeLessThanOrEqual(4);
      if (c.length > 1) expect(c.join('').length).toBeLessThanOrEqual(7);
    }
    expect(m.calls.flat()).toEqual(['t0', ...texts(100, 3), ...texts(200, 3)]);
  });

  it('splits a request larger than the budget over several calls', async () => {
    const m = fakeModel();
    const b = new Batcher(m.embed, { maxInputs: 8, maxChars: 1e6, concurrency: 1 });
    const rows = await b.submit(texts(0, 20));
    expect(firsts(rows)).toEqual(texts(0, 20).map((_, i) => i));
    expect(m.calls.map((c) => c.length)).toEqual([8, 8, 4]);
  });

  it('a failing input fails only its own request', async () => {
    const m = fakeModel();
    const b = new Batcher(m.embed, { maxInputs: 64, maxChars: 1e6, concurrency: 1 });
    const [ok1, bad, ok2] = await Promise.allSettled([
      b.submit(texts(0, 2)),
      b.submit(['t5', 'boom']),
      b.submit(texts(9, 1)),
    ]);
    expect(ok1.status === 'fulfilled' && firsts(ok1.value)).toEqual([0, 1]);
    expect(bad.status === 'rejected' && String(bad.reason)).toMatch(/boom/);
    expect(ok2.status === 'fulfilled' && firsts(ok2.value)).toEqual([9]);
  });

  it('drops a request whose caller aborted before its turn', async () => {
    const m = fakeModel();
    const b = new Batcher(m.embed, { maxInputs: 64, maxChars: 1e6, concurrency: 1 });
    m.hold();
    const first = b.submit(texts(0, 1));
    await new Promise((r) => setImmediate(r));
    const ac = new AbortController();
    const gone = b.submit(texts(50, 3), ac.signal);
    const kept = b.submit(texts(60, 1));
    ac.abort();
    m.open();
    await expect(gone).rejects.toThrow(/aborted/);
    expect(firsts(await kept)).toEqual([60]);
    await first;
    expect(m.calls.flat()).not.toContain('t50');
  });
});
