// The conformance runner's jest side, shared by every client's suite: for each OpenAI surface (the contract's
// SURFACES, so a new surface's cases are picked up with no change here), ask the client under test for its outcome of
// every case, then check each case as its own test. `run` gets the cases it can express (all of them for a dynamic
// client; `typed: false` cases are left out for Kotlin and Swift) and returns an outcome per case id.

import { openai } from '@ingot/contract';

export interface RunnableCase {
  surface: string;
  /** The official SDK's call path, e.g. ['embeddings', 'create']. */
  sdkCall: readonly string[];
  /** The route, for clients that post the body themselves. */
  path: string;
  id: string;
  request: Record<string, unknown>;
}

export type Outcomes = Record<string, openai.Outcome | { crash: string }>;

/** The runners that must exist, by client; the structure test checks each calls `conformanceSuite`. */
export const RUNNERS = {
  server: 'packages/server/test/conformance.test.ts',
  node: 'packages/bindings/node/test/conformance.test.ts',
  python: 'packages/bindings/python/test/conformance.test.ts',
  kotlin: 'packages/bindings/kotlin/test/conformance.test.ts',
  swift: 'packages/bindings/swift/test/conformance.test.ts',
} as const;

export function conformanceSuite(
  client: string,
  opts: { typed: boolean },
  run: (cases: RunnableCase[]) => Promise<Outcomes> | Outcomes,
): void {
  const files = openai.SURFACES.map((s) => ({ surface: s, file: openai.loadCaseFile(s.casesFile) }));
  const runnable = files.flatMap(({ surface, file }) =>
    file.cases
      .filter((c) => !opts.typed || c.typed !== false)
      .map((c) => ({
        surface: surface.name,
        sdkCall: surface.sdkCall,
        path: surface.path,
        id: `${surface.name}/${c.id}`,
        request: c.request,
      })),
  );
  let outcomes: Outcomes = {};
  describe(`${client}: OpenAI conformance`, () => {
    beforeAll(async () => {
      outcomes = await run(runnable);
    }, 600_000);
    for (const { surface, file } of files) {
      const cases = file.cases.filter((c) => !opts.typed || c.typed !== false);
      describe(surface.name, () => {
        test.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
          const got = outcomes[`${surface.name}/${id}`];
          if (got === undefined) throw new Error(`${client} gave no outcome for ${surface.name}/${id}`);
          if ('crash' in got) throw new Error(`${client} crashed on ${surface.name}/${id}: ${got.crash}`);
          expect(openai.checkOutcome(file, c, got)).toEqual([]);
        });
      });
    }
  });
}
