/**
 * Fair scheduling of generations for one chat model. Every model step (one `next()` of a generator, or a whole call of
 * a function that returns its answer at once) waits in one FIFO queue per model, and one step runs at a time. An open
 * stream asks for its next step only after its last one finished, so concurrent streams take turns token by token
 * instead of the first request holding the model until it is done; a new request's first step queues behind the steps
 * already asked for. Input: the runtime's `ChatBackend` for a model; output: the same backend, queued and counted.
 */
import type { openai } from '@ingot/contract';

export interface ChatStats {
  /** Generations started. */
  generations: number;
  /** Generations open now (a stream between its first and last step). */
  active: number;
  /** Model steps run. */
  steps: number;
  /** Model steps asked for and not started yet (the queue depth). */
  waiting: number;
}

export class ChatQueue {
  private tail: Promise<unknown> = Promise.resolve();
  readonly stats: ChatStats = { generations: 0, active: 0, steps: 0, waiting: 0 };

  /** Runs `f` once every step queued before it has run. */
  private step<T>(f: () => Promise<T>): Promise<T> {
    this.stats.waiting++;
    const run = this.tail.then(() => {
      this.stats.waiting--;
      this.stats.steps++;
      return f();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The backend with every model step queued here; the manifest's output kind says whether a call is a generator. */
  wrap(backend: openai.ChatBackend): openai.ChatBackend {
    const generator = backend.chat.output === 'chunks' || backend.chat.output === 'text_stream';
    return {
      ...backend,
      call: (args) => {
        this.stats.generations++;
        this.stats.active++;
        let open = true;
        const close = () => {
          if (open) {
            open = false;
            this.stats.active--;
          }
        };
        if (!generator) {
          // A function that answers at once: the call is the one step.
          const r = this.step(async () => await backend.call(args));
          r.then(close, close);
          return r;
        }
        // Opening a generator runs nothing; each `next()` is a step.
        const g = backend.call(args) as AsyncIterator<unknown>;
        return {
          next: async () => {
            try {
              const r = await this.step(() => g.next());
              if (r.done) close();
              return r;
            } catch (e) {
              close();
              throw e;
            }
          },
          // Stopping frees the generator's cache at once; it does not wait for the queue.
          return: async () => {
            close();
            return g.return ? g.return() : { done: true as const, value: undefined };
          },
        };
      },
    };
  }
}
