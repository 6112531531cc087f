// The OpenAI conformance cases (packages/contract/cases/openai) through the generated Node package's in-process
// Client, on the embed fixture compiled into a real package (napi addon). The package carries the contract's runtime
// as openai.js, the same code `ingot serve` answers with, so this also checks that the copy is what runs.

import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openai } from '@ingot/contract';
import { generateNodePackage } from '../src';
import { conformanceSuite } from '../../../contract/test/harness';
import { RUN_CASES_JS, runCaseScript } from '../../../contract/test/run';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
// A fixed folder per checkout, so cargo rebuilds the napi crate incrementally.
const OUT = path.join(
  os.tmpdir(),
  `ingot-bindings-node-conformance-${require('node:crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);

conformanceSuite('node client', { typed: false }, async (cases) => {
  const fixture = openai.loadCaseFile(openai.EMBEDDINGS.casesFile).fixture;
  await generateNodePackage({ compileDir: path.join(ROOT, fixture.compile_dir), outDir: OUT });
  return runCaseScript(process.execPath, [RUN_CASES_JS, `ingot:${OUT}`], cases);
});

test('the package carries the contract runtime unchanged', () => {
  expect(readFileSync(path.join(OUT, 'openai.js'), 'utf8')).toBe(readFileSync(openai.RUNTIME_JS, 'utf8'));
});
