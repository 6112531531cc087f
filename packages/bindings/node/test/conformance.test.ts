// The OpenAI conformance cases (packages/contract/cases/openai) through the generated Node package's in-process
// Client, on the embed fixture compiled into a real package (napi addon). The package carries the contract's runtime
// as openai.js, the same code `ingot serve` answers with, so this also checks that the copy is what runs.

import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openai } from '@ingot/contract';
import { generateNodePackage } from '../src';
import { byFixture, conformanceSuite } from '../../../contract/test/harness';
import { RUN_CASES_JS, runCaseScript } from '../../../contract/test/run';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
// A fixed folder per checkout, so cargo rebuilds the napi crate incrementally.
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-node-conformance-${require('node:crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);

/** One package per fixture (each surface's cases name theirs), in a fixed folder so cargo rebuilds incrementally. */
const outOf = (fixture: { model: string }) => path.join(OUT, fixture.model);

conformanceSuite('node client', { typed: false, runner: 'node' }, async (cases) => {
  let outcomes = {};
  for (const { fixture, cases: group } of byFixture(cases)) {
    await generateNodePackage({ compileDir: path.join(ROOT, fixture.compile_dir), outDir: outOf(fixture) });
    outcomes = { ...outcomes, ...runCaseScript(process.execPath, [RUN_CASES_JS, `ingot:${outOf(fixture)}`], group) };
  }
  return outcomes;
});

test('the package carries the contract runtime unchanged', () => {
  const fixture = openai.loadCaseFile(openai.EMBEDDINGS.casesFile).fixture;
  expect(readFileSync(path.join(outOf(fixture), 'openai.js'), 'utf8')).toBe(readFileSync(openai.RUNTIME_JS, 'utf8'));
});
