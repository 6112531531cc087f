/**
 * Dynamic batching for one model. Requests put their texts in a FIFO queue; whenever the model
 * is free, the queue's head is cut into one batch of at most `maxInputs` texts and `maxChars`
 * characters (a stand-in for tokens, which are known only once the model's tokenizer runs), which may
 * hold rows of many requests, and a large request may span several batches. Every request gets
 * exactly its own rows back, in order. A request whose caller went away is dropped from the
 * queue. If a batch that mixes requests fails, each request is re-run alone, so one bad input
 * fails only its own request. A request may name the side its over-long inputs are cut on
 * (`truncation_direction`): a model call takes the side of the queue's head and only requests with
 * that same side, since the side is one setting for the whole call; the others keep their places.
 */

export interface Matrix {
  shape: number[];
  data: ArrayLike<number>;
}

export type EmbedFn = (texts: string[]) => Promise<Matrix>;

/** Which end of an over-long input the tokenizer cuts; null: the model's own `truncation_side`. */
export type TruncationSide = 'left' | 'right';

/** The embedding function with the tokenizer cutting on `side` for this call (the `embedding_truncating` role). */
export type EmbedTruncatingFn = (texts: string[], side: TruncationSide) => Promise<Matrix>;

export interface BatchBudget {
  /** Most texts in one model call. */
  maxInputs: number;
  /** Most characters (summed over texts) in one model call; one text always fits. */
  maxChars: number;
  /** Model calls in flight at once (each runs on the libuv thread pool). */
  concurrency: number;
}

interface Job {
  texts: string[];
  side: TruncationSide | null;
  rows: Float32Array[];
  next: number;
  pending: number;
  cancelled: boolean;
  done: boolean;
  resolve: (rows: Float32Array[]) => void;
  reject: (err: unknown) => void;
}

interface Segment {
  job: Job;
  start: number;
  count: number;
}

export class AbortedError extends Error {}

export class Batcher {
  private queue: Job[] = [];
  private running = 0;
  private scheduled = false;
  /** Counters for /health and tests: model calls made and texts embedded. */
  readonly stats = { batches: 0, texts: 0, maxBatch: 0 };
  /** Called with the size of each model call that succeeded (the server's batch-size histogram). */
  onBatch: ((size: number) => void) | null = null;

  constructor(
    private readonly embed: EmbedFn,
    private readonly budget: BatchBudget,
    private readonly embedTruncating: EmbedTruncatingFn | null = null,
  ) {}

  /** Inputs waiting for a model call (the queue depth), not counting those of cancelled requests. */
  get queued(): number {
    return this.queue.reduce((n, job) => n + (job.cancelled ? 0 : job.texts.length - job.next), 0);
  }

  submit(texts: string[], signal?: AbortSignal, side: TruncationSide | null = null): Promise<Float32Array[]> {
    return new Promise<Float32Array[]>((resolve, reject) => {
      if (side !== null && !this.embedTruncating) {
        reject(new Error('this model cannot choose the side it truncates on'));
        return;
      }
      const job: Job = {
        texts,
        side,
        rows: new Array(texts.length),
        next: 0,
        pending: texts.length,
        cancelled: false,
        done: false,
        resolve,
        reject,
      };
      if (texts.length === 0) {
        resolve([]);
        return;
      }
      if (signal) {
        if (signal.aborted) {
          reject(new AbortedError('request aborted'));
          return;
        }
        signal.addEventListener(
          'abort',
          () => {
            if (job.done) return;
            job.cancelled = true;
            job.done = true;
            reject(new AbortedError('request aborted'));
          },
          { once: true },
        );
      }
      this.queue.push(job);
      this.schedule();
    });
  }

  /** Waits one turn of the event loop before cutting a batch, so requests that arrive together share it. */
  private schedule(): void {
    if (this.scheduled || this.running >= this.budget.concurrency) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.budget.concurrency) {
      const segments = this.cut();
      if (!segments.length) return;
      this.running++;
      void this.run(segments).finally(() => {
        this.running--;
        this.schedule();
      });
    }
  }

  private cut(): Segment[] {
    const segments: Segment[] = [];
    let inputs = 0;
    let chars = 0;
    while (this.queue.length && this.queue[0]!.cancelled) this.queue.shift();
    // One model call runs with one truncation side: the head's. Jobs with another side keep their places.
    const side = this.queue[0]?.side ?? null;
    let i = 0;
    while (i < this.queue.length && inputs < this.budget.maxInputs) {
      const job = this.queue[i]!;
      if (job.cancelled) {
        this.queue.splice(i, 1);
        continue;
      }
      if (job.side !== side) {
        i++;
        continue;
      }
      const start = job.next;
      while (job.next < job.texts.length && inputs < this.budget.maxInputs) {
        const len = job.texts[job.next]!.length;
        if (inputs > 0 && chars + len > this.budget.maxChars) break;
        inputs++;
        chars += len;
        job.next++;
      }
      if (job.next > start) segments.push({ job, start, count: job.next - start });
      if (job.next < job.texts.length) break; // the budget is full; the rest of this job goes in a later batch
      this.queue.splice(i, 1);
    }
    return segments;
  }

  private async run(segments: Segment[]): Promise<void> {
    const texts = segments.flatMap((s) => s.job.texts.slice(s.start, s.start + s.count));
    const side = segments[0]!.job.side;
    let matrix: Matrix;
    try {
      matrix = await (side === null ? this.embed(texts) : this.embedTruncating!(texts, side));
    } catch (err) {
      const jobs = new Set(segments.map((s) => s.job));
      if (jobs.size > 1) {
        // Isolate the fault: each request's rows again, on their own.
        await Promise.all(segments.map((s) => this.run([s])));
      } else {
        for (const s of segments) this.fail(s.job, err);
      }
      return;
    }
    this.stats.batches++;
    this.stats.texts += texts.length;
    this.stats.maxBatch = Math.max(this.stats.maxBatch, texts.length);
    this.onBatch?.(texts.length);
    const [n, width] = [matrix.shape[0] ?? 0, matrix.shape[1] ?? 0];
    if (n !== texts.length) {
      for (const s of segments) this.fail(s.job, new Error(`the model returned ${n} rows for ${texts.length} texts`));
      return;
    }
    const data = matrix.data;
    let row = 0;
    for (const s of segments) {
      for (let i = 0; i < s.count; i++, row++) {
        const out = new Float32Array(width);
        for (let j = 0; j < width; j++) out[j] = data[row * width + j]!;
        s.job.rows[s.start + i] = out;
      }
      s.job.pending -= s.count;
      if (s.job.pending === 0 && !s.job.done) {
        s.job.done = true;
        s.job.resolve(s.job.rows);
      }
    }
  }

  private fail(job: Job, err: unknown): void {
    if (job.done) return;
    job.done = true;
    job.cancelled = true; // its remaining rows, if any, are not worth computing
    job.reject(err);
  }
}
