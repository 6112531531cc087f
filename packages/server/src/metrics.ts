/**
 * The server's Prometheus metrics, kept in fixed-size state and written in the text exposition format (version 0.0.4)
 * for `GET /metrics`. Input: one observation per finished request (from the engine), per model call (the batchers)
 * and per answer's usage; output: the exposition text.
 *
 * Memory stays flat under any load: histograms have fixed buckets, and every label value comes from a bounded set
 * (a route of the server's own table, a model the server was started with, an HTTP status), never from the request
 * itself: a path the server does not serve is the route "other", a model name it does not serve is "", so a client
 * cannot grow a label set by sending new names.
 *
 * Written here rather than with the prom-client package so the server keeps no dependency outside the repository;
 * the format is checked by parsing it with the official Python client's parser (test/metrics.test.ts).
 */

/** Request latency buckets in seconds: from a cached small request to a long generation. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Inputs per model call: powers of two up to the largest batch a budget allows by default. */
export const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];

class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(readonly buckets: readonly number[]) {
    this.counts = new Array<number>(buckets.length).fill(0);
  }

  observe(v: number): void {
    this.sum += v;
    this.count++;
    // Cumulative counts are written at exposition; here each observation lands in its first bucket.
    const i = this.buckets.findIndex((b) => v <= b);
    if (i >= 0) this.counts[i]!++;
  }
}

/** A label value in the exposition's quoted form: backslash, double quote and newline escaped. */
function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function labels(pairs: Record<string, string>): string {
  const keys = Object.keys(pairs);
  return keys.length ? `{${keys.map((k) => `${k}=${quote(pairs[k]!)}`).join(',')}}` : '';
}

/** A number as Prometheus writes it (`+Inf`, `NaN`, else the shortest JavaScript form). */
function num(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Number.isNaN(v)) return 'NaN';
  return String(v);
}

/** A map from a label tuple to a value, keyed by the tuple's JSON (label values are bounded, so is the map). */
class Family<V> {
  private readonly items = new Map<string, { labels: Record<string, string>; value: V }>();

  constructor(private readonly make: () => V) {}

  get(l: Record<string, string>): V {
    const key = JSON.stringify(l);
    let it = this.items.get(key);
    if (!it) {
      it = { labels: l, value: this.make() };
      this.items.set(key, it);
    }
    return it.value;
  }

  entries(): { labels: Record<string, string>; value: V }[] {
    return [...this.items.values()];
  }
}

export interface RequestObservation {
  /** The route as the server's table names it (`/v1/embeddings`, ...), or "other". */
  route: string;
  /** A served model's name, or "" when the request named none the server serves. */
  model: string;
  status: number;
  seconds: number;
}

export class Metrics {
  private readonly requests = new Family(() => ({ n: 0 }));
  private readonly latency = new Family(() => new Histogram(LATENCY_BUCKETS));
  private readonly batches = new Family(() => new Histogram(BATCH_BUCKETS));
  private readonly tokens = new Family(() => ({ n: 0 }));
  /** Gauges read when the metrics are written: queue depths from the batchers and chat queues, requests in flight. */
  gauges: () => { name: string; help: string; samples: { labels: Record<string, string>; value: number }[] }[] =
    () => [];

  request(o: RequestObservation): void {
    this.requests.get({ route: o.route, model: o.model, status: String(o.status) }).n++;
    this.latency.get({ route: o.route, model: o.model }).observe(o.seconds);
  }

  /** One model call of `size` inputs (the batch the batcher cut). */
  batch(model: string, size: number): void {
    this.batches.get({ model }).observe(size);
  }

  /** Tokens an answer reported in its usage: `kind` is "prompt" or "completion". */
  addTokens(model: string, kind: 'prompt' | 'completion', n: number): void {
    if (n > 0) this.tokens.get({ model, kind }).n += n;
  }

  /** The exposition text, every family with its HELP and TYPE lines. */
  render(): string {
    const out: string[] = [];
    const head = (name: string, type: string, help: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const histogram = (name: string, help: string, fam: Family<Histogram>) => {
      head(name, 'histogram', help);
      for (const { labels: l, value: h } of fam.entries()) {
        let cum = 0;
        h.buckets.forEach((b, i) => {
          cum += h.counts[i]!;
          out.push(`${name}_bucket${labels({ ...l, le: num(b) })} ${cum}`);
        });
        out.push(`${name}_bucket${labels({ ...l, le: '+Inf' })} ${h.count}`);
        out.push(`${name}_sum${labels(l)} ${num(h.sum)}`, `${name}_count${labels(l)} ${h.count}`);
      }
    };
    head('ingot_requests_total', 'counter', 'Requests answered, by route, model and HTTP status.');
    for (const { labels: l, value } of this.requests.entries()) out.push(`ingot_requests_total${labels(l)} ${value.n}`);
    histogram('ingot_request_duration_seconds', 'Time from request to the end of its answer.', this.latency);
    histogram('ingot_batch_size', 'Inputs per embedding model call.', this.batches);
    head('ingot_tokens_total', 'counter', "Tokens in answers' usage, by model and kind (prompt, completion).");
    for (const { labels: l, value } of this.tokens.entries()) out.push(`ingot_tokens_total${labels(l)} ${value.n}`);
    for (const g of this.gauges()) {
      head(g.name, 'gauge', g.help);
      for (const s of g.samples) out.push(`${g.name}${labels(s.labels)} ${num(s.value)}`);
    }
    return out.join('\n') + '\n';
  }
}

/** The content type of the text exposition format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
