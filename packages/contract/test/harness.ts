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
  /** The compiled module the case's file is written against (each surface's cases name their own fixture). */
  fixture: openai.CaseFile['fixture'];
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

export type RunnerName = keyof typeof RUNNERS;

/**
 * Surfaces a client does not implement yet, written here and nowhere else: its runner shows their cases as `todo`, so
 * the gap is visible in every test run, and the structure test names each entry. The goal is an empty table.
 */
export const PENDING: Partial<Record<RunnerName, readonly openai.SurfaceName[]>> = {};

/** The surfaces a client's runner must pass: every surface but its pending ones. */
export function surfacesFor(runner: RunnerName): (typeof openai.SURFACES)[number][] {
  const pending = PENDING[runner] ?? [];
  return openai.SURFACES.filter((s) => !pending.includes(s.name));
}

/** Cases grouped by the fixture their file names, so a runner builds each fixture's client once. */
export function byFixture(cases: RunnableCase[]): { fixture: RunnableCase['fixture']; cases: RunnableCase[] }[] {
  const groups = new Map<string, { fixture: RunnableCase['fixture']; cases: RunnableCase[] }>();
  for (const c of cases) {
    const g = groups.get(c.fixture.compile_dir) ?? { fixture: c.fixture, cases: [] };
    g.cases.push(c);
    groups.set(c.fixture.compile_dir, g);
  }
  return [...groups.values()];
}

export function conformanceSuite(
  client: string,
  opts: { typed: boolean; runner: RunnerName },
  run: (cases: RunnableCase[]) => Promise<Outcomes> | Outcomes,
): void {
  const pending = openai.SURFACES.filter((s) => !surfacesFor(opts.runner).includes(s));
  const files = surfacesFor(opts.runner).map((s) => ({ surface: s, file: openai.loadCaseFile(s.casesFile) }));
  const runnable = files.flatMap(({ surface, file }) =>
    file.cases
      .filter((c) => !opts.typed || c.typed !== false)
      .map((c) => ({
        surface: surface.name,
        sdkCall: surface.sdkCall,
        path: surface.path,
        id: `${surface.name}/${c.id}`,
        request: c.request,
        fixture: file.fixture,
      })),
  );
  let outcomes: Outcomes = {};
  describe(`${client}: OpenAI conformance`, () => {
    for (const s of pending) test.todo(`${s.name}: not implemented by the ${opts.runner} client yet (harness PENDING)`);
    // Building a fixture's package compiles Rust; on a shared, loaded machine that alone can take many minutes.
    beforeAll(async () => {
      outcomes = await run(runnable);
    }, 1_800_000);
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
